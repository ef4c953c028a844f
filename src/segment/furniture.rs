//! Page furniture: running headers and footers, and page numbers. A line near
//! the top or bottom edge is furniture when it is a page number ("- 3 -",
//! "第3页", "3") or when the same text (digits ignored) recurs at that edge on
//! several pages.

use crate::layout::TextLine;
use crate::layout::join::without_whitespace;
use std::collections::{HashMap, HashSet};

/// Share of the page height, from each edge, where running headers and footers live.
const EDGE_BAND: f32 = 0.08;
/// Page numbers sit in a wider band (Word puts them well above the bottom edge).
const NUMBER_BAND: f32 = 0.15;
/// A recurring edge line must appear on at least this many pages.
const MIN_RECURRENCE: usize = 3;

/// "- 12 -", "第 3 页", "3", "3/20", "Page 3".
pub fn is_page_number(text: &str) -> bool {
    let t = without_whitespace(text);
    let t = t
        .trim_start_matches(['-', '—', '第', '－'])
        .trim_end_matches(['-', '—', '页', '－'])
        .trim_start_matches("Page");
    let digits = t.split(['/', '共']).next().unwrap_or("");
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) && digits.len() <= 4
}

fn shape(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .collect()
}

fn at_edge(line: &TextLine, height: f32) -> bool {
    within(line, height, EDGE_BAND)
}

fn within(line: &TextLine, height: f32, band: f32) -> bool {
    line.bbox.bottom < height * band || line.bbox.top > height * (1.0 - band)
}

/// (page index, line index) of every furniture line.
pub fn find(lines: &[Vec<TextLine>], heights: &[f32]) -> HashSet<(usize, usize)> {
    let height = |i: usize| heights.get(i).copied().unwrap_or(842.0);
    let mut recurring: HashMap<String, HashSet<usize>> = HashMap::new();
    for (i, page) in lines.iter().enumerate() {
        for line in page.iter().filter(|l| at_edge(l, height(i))) {
            let s = shape(&line.text);
            if !s.is_empty() {
                recurring.entry(s).or_default().insert(i);
            }
        }
    }
    let mut out = HashSet::new();
    for (i, page) in lines.iter().enumerate() {
        for (j, line) in page.iter().enumerate() {
            if !within(line, height(i), NUMBER_BAND) {
                continue;
            }
            let repeats = recurring
                .get(&shape(&line.text))
                .is_some_and(|pages| pages.len() >= MIN_RECURRENCE);
            if is_page_number(&line.text) || (repeats && at_edge(line, height(i))) {
                out.insert((i, j));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in ["- 12 -", "第 3 页", "3", "3/20", "—5—"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2024年", "合计", "12.5"] {
            assert!(!is_page_number(t), "{t}");
        }
    }
}
