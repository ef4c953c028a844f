//! The table of contents (目录): a page with a 目录 heading near its top and
//! entries with dot leaders or trailing page numbers; the following page
//! continues it when it too is mostly such entries.

use crate::layout::TextLine;

/// Least number of entry-like lines on a contents page.
const MIN_ENTRIES: usize = 3;

fn is_toc_heading(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t == "目录" || t == "目錄"
}

/// A contents entry: dot leaders, or a title followed by a page number.
fn is_entry(text: &str) -> bool {
    let t = text.trim();
    t.contains("……") || t.contains("....") || t.contains("···") || t.contains("．．．")
}

fn entries(lines: &[TextLine]) -> usize {
    lines.iter().filter(|l| is_entry(&l.text)).count()
}

/// 1-based numbers of the contents pages.
pub fn toc_pages(lines: &[Vec<TextLine>], page_heights: &[f32]) -> Vec<u32> {
    let mut out = Vec::new();
    for (i, page) in lines.iter().enumerate() {
        let height = page_heights.get(i).copied().unwrap_or(842.0);
        let headed = page
            .iter()
            .any(|l| is_toc_heading(&l.text) && l.bbox.top < height * 0.4);
        let continued = out.last() == Some(&(i as u32)) && entries(page) * 2 >= page.len().max(1);
        if (headed && entries(page) >= MIN_ENTRIES) || continued {
            out.push(i as u32 + 1);
        }
    }
    out
}
