//! Sections: headings recognised by their numbering (第一部分 / 一、/ （一）/ 1.)
//! or by standing alone in a larger font; the text between two headings is the
//! first one's section. The heading path is the chain of enclosing headings.

use crate::layout::TextLine;
use crate::layout::join::tidy_cjk_spacing;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub path: Vec<String>,
    pub page: u32,
    pub text: String,
}

/// Headings are short; a numbered line longer than this is a list item.
const MAX_HEADING_CHARS: usize = 30;
/// An unnumbered line this much larger than the body text is a heading.
const HEADING_SIZE_RATIO: f32 = 1.2;

fn numbering() -> &'static [Regex; 4] {
    static RE: OnceLock<[Regex; 4]> = OnceLock::new();
    RE.get_or_init(|| {
        [
            Regex::new(r"^第[一二三四五六七八九十]+部分").expect("valid"),
            Regex::new(r"^[一二三四五六七八九十]+[、．.]").expect("valid"),
            Regex::new(r"^[（(][一二三四五六七八九十]+[)）]").expect("valid"),
            Regex::new(r"^[0-9]{1,2}[、．.]([^0-9]|$)").expect("valid"),
        ]
    })
}

/// Whether a line starts with heading numbering (第一部分 / 一、/ （一）/ 1.).
pub fn is_numbered(text: &str) -> bool {
    let t = tidy_cjk_spacing(text);
    numbering().iter().any(|re| re.is_match(&t))
}

/// The heading level of a line (1 = outermost), or None for body text.
fn heading_level(text: &str, size: f32, body_size: f32) -> Option<usize> {
    let t = tidy_cjk_spacing(text);
    let chars = t.chars().count();
    if chars == 0 || chars > MAX_HEADING_CHARS || t.ends_with('。') || t.ends_with('；') {
        return None;
    }
    if let Some(level) = numbering().iter().position(|re| re.is_match(&t)) {
        return Some(level + 1);
    }
    (size >= body_size * HEADING_SIZE_RATIO && chars >= 2 && !t.chars().all(|c| c.is_ascii_digit()))
        .then_some(1)
}

fn median_size(pages: &[Vec<&TextLine>]) -> f32 {
    let mut sizes: Vec<f32> = pages.iter().flatten().map(|l| l.size).collect();
    sizes.sort_by(f32::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(12.0)
}

/// Sections of the document (the caller leaves the contents out).
pub fn sections(pages: &[Vec<&TextLine>]) -> Vec<Section> {
    let body_size = median_size(pages);
    let mut out: Vec<Section> = Vec::new();
    let mut path: Vec<(usize, String)> = Vec::new();
    let mut current: Option<Section> = None;
    for (i, page) in pages.iter().enumerate() {
        let number = i as u32 + 1;
        for line in page {
            match heading_level(&line.text, line.size, body_size) {
                Some(level) => {
                    out.extend(current.take());
                    path.retain(|(l, _)| *l < level);
                    path.push((level, tidy_cjk_spacing(&line.text)));
                    current = Some(Section {
                        path: path.iter().map(|(_, h)| h.clone()).collect(),
                        page: number,
                        text: String::new(),
                    });
                }
                None => {
                    let section = current.get_or_insert_with(|| Section {
                        path: Vec::new(),
                        page: number,
                        text: String::new(),
                    });
                    if !section.text.is_empty() {
                        section.text.push('\n');
                    }
                    section.text.push_str(&line.text);
                }
            }
        }
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_headings_by_level() {
        assert_eq!(heading_level("第二部分 情况说明", 12.0, 12.0), Some(1));
        assert_eq!(heading_level("一、部门主要职能", 12.0, 12.0), Some(2));
        assert_eq!(heading_level("（一）收入预算", 12.0, 12.0), Some(3));
        assert_eq!(
            heading_level("1. 2026年部门财务收支预算总表", 12.0, 12.0),
            Some(4)
        );
        assert_eq!(
            heading_level(
                "（一）贯彻执行国家和本市有关司法行政工作的法律、法规、规章和方针、政策。",
                12.0,
                12.0
            ),
            None
        );
        assert_eq!(heading_level("名词解释", 16.0, 12.0), Some(1));
        assert_eq!(heading_level("12.50", 12.0, 12.0), None);
    }
}
