//! The table of contents (目录): from a 目录 heading near the top of a page, the
//! entries that follow — dot-leader lines or short numbered headings (Word
//! writes contents without page numbers) and the wrapped tails of long
//! entries — possibly running onto the next page. The contents end at the first
//! line that is not an entry, or at an entry repeated: the document's own
//! "第一部分" starting after the contents list ended with "第四部分".

use crate::layout::TextLine;
use crate::layout::join::{tidy_cjk_spacing, without_whitespace};
use std::collections::HashSet;

/// Least number of entries under a 目录 heading.
const MIN_ENTRIES: usize = 3;
/// A wrapped entry's tail ("出预算表") is at most this long.
const MAX_TAIL_CHARS: usize = 12;

/// Where the contents are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contents {
    /// 1-based pages holding contents lines.
    pub pages: Vec<u32>,
    /// (page index, line text) of every contents line, heading included.
    pub lines: HashSet<(usize, String)>,
    /// Share of each page's lines that are contents (0 for most pages).
    pub share: Vec<f32>,
}

pub fn is_toc_heading(text: &str) -> bool {
    // Asked of every line of every page: compared without building a string.
    let mut t = text.chars().filter(|c| !c.is_whitespace());
    matches!(
        (t.next(), t.next(), t.next()),
        (Some('目'), Some('录' | '錄'), None)
    )
}

fn is_dotted(t: &str) -> bool {
    t.contains("……") || t.contains("....") || t.contains("···") || t.contains("．．．")
}

/// A contents entry: dot leaders, or a short numbered heading.
fn is_entry(text: &str) -> bool {
    let t = text.trim();
    is_dotted(t) || (t.chars().count() <= 40 && super::headings::is_numbered(t))
}

/// A label over a group of entries: short, no sentence, ending with a colon or
/// naming the annex (附件 / 附表).
fn is_group_label(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 40
        && !t.ends_with('。')
        && (t.starts_with("附件") || t.starts_with("附表") || t.ends_with('：') || t.ends_with(':'))
}

/// "第一部分" of a line starting with it: the body starts where a part
/// marker the contents already listed comes again.
fn part_marker(text: &str) -> Option<String> {
    let t = without_whitespace(text);
    let end = t.find("部分")?;
    (t.starts_with('第') && end <= 12).then(|| format!("part:{}", &t[..end]))
}

fn key(text: &str) -> String {
    tidy_cjk_spacing(text)
        .chars()
        .take_while(|&c| c != '…' && c != '.' && c != '·')
        .collect()
}

pub fn find(lines: &[Vec<TextLine>], page_heights: &[f32]) -> Contents {
    let mut contents = Contents {
        share: vec![0.0; lines.len()],
        ..Contents::default()
    };
    let mut seen: HashSet<String> = HashSet::new();
    let mut open = false;
    let mut previous_was_entry = false;
    for (i, page) in lines.iter().enumerate() {
        let height = page_heights.get(i).copied().unwrap_or(842.0);
        let mut start = None;
        if !open {
            start = page
                .iter()
                .position(|l| is_toc_heading(&l.text) && l.bbox.top < height * 0.4)
                .filter(|&h| {
                    page[h + 1..].iter().filter(|l| is_entry(&l.text)).count() >= MIN_ENTRIES
                });
            if start.is_none() {
                continue;
            }
            open = true;
            previous_was_entry = true;
            seen.clear();
        }
        let first = start.map_or(0, |h| h + 1);
        let mut taken = Vec::new();
        if let Some(h) = start {
            taken.push(h);
        }
        for (j, line) in page.iter().enumerate().skip(first) {
            let text = line.text.trim();
            if text.is_empty() {
                continue;
            }
            if is_entry(text) {
                let part = part_marker(text);
                if !seen.insert(key(text)) || part.as_ref().is_some_and(|p| seen.contains(p)) {
                    open = false;
                    break;
                }
                if let Some(p) = part {
                    seen.insert(p);
                }
                taken.push(j);
                previous_was_entry = true;
            } else if previous_was_entry
                && text.chars().count() <= MAX_TAIL_CHARS
                && !text.ends_with('。')
            {
                taken.push(j);
                previous_was_entry = false;
            } else if super::furniture::is_page_number(text) {
                continue;
            } else if is_group_label(text) {
                // "附件：…部门预算表" introduces a group of entries.
                taken.push(j);
                previous_was_entry = true;
            } else {
                open = false;
                break;
            }
        }
        if !taken.is_empty() {
            contents.pages.push(i as u32 + 1);
            contents.share[i] = taken.len() as f32 / page.len().max(1) as f32;
            for j in taken {
                contents.lines.insert((i, page[j].text.clone()));
            }
        }
    }
    contents
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_heading_with_any_spacing() {
        for heading in ["目录", "目 录", " 目\u{3000}录 ", "目錄"] {
            assert!(is_toc_heading(heading), "{heading:?}");
        }
        for other in ["目", "目录表", "录目", "", "目 录 一"] {
            assert!(!is_toc_heading(other), "{other:?}");
        }
    }
}
