//! Words: a text line's glyphs cut where a gap wider than text leaves
//! between characters opens, each word knowing whether it is a figure.
//! Tables drawn without rules are read from these.

use crate::layout::TextLine;
use crate::pdf::{BBox, Page};
use crate::table::header::{is_dash, is_figure};

/// A gap of at least this many font sizes between two characters separates
/// words: a word's glyphs abut, and headings wrapped in narrow columns
/// stand only their cells' padding apart. A spaced-out label ("合  计")
/// becomes two words in one column.
pub const WORD_GAP: f32 = 0.2;
/// Between two digits (or a figure's punctuation) a narrower gap separates
/// words: a figure's glyphs abut, so any visible gap ends it (two
/// right-aligned figures in narrow columns, codes in 类 款 项 columns).
pub const FIGURE_GAP: f32 = 0.1;
/// Between a digit and other text in prose: wider than the space prose
/// puts after a year ("2024 年").
pub const MIXED_GAP: f32 = 0.6;
/// Between a digit and other text in a table's line: the padding of two
/// cells.
pub const PADDING_GAP: f32 = 0.2;

/// A run of glyphs on one line without a wide gap.
#[derive(Debug, Clone)]
pub struct Word {
    pub bbox: BBox,
    /// Indices into the page's glyphs, left to right.
    pub glyphs: Vec<usize>,
    pub text: String,
    /// A figure or a dash printed for nil.
    pub figure: bool,
}

/// A text line cut into words.
#[derive(Debug, Clone)]
pub struct Line {
    pub bbox: BBox,
    pub size: f32,
    pub text: String,
    pub words: Vec<Word>,
}

impl Line {
    pub fn figures(&self) -> usize {
        self.words.iter().filter(|w| w.figure).count()
    }

    pub fn center_y(&self) -> f32 {
        (self.bbox.top + self.bbox.bottom) / 2.0
    }
}

fn is_figure_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | '-' | '(' | ')')
}

/// An amount with decimals, or a dash printed for nil.
pub fn is_amount(text: &str) -> bool {
    let figure = text.chars().all(is_figure_char) && text.ends_with(|c: char| c.is_ascii_digit());
    (figure && text.contains('.')) || matches!(text, "-" | "－" | "—")
}

/// A word this many characters long is a sentence, never a heading.
const SENTENCE_CHARS: usize = 24;

/// Whether a word reads as a sentence: it ends a clause (。；) or runs on
/// longer than headings and labels do.
pub fn is_sentence(text: &str) -> bool {
    text.contains(['。', '；']) || text.chars().count() >= SENTENCE_CHARS
}

/// Whether a line holds a sentence: a form's cell or prose, never a header.
pub fn is_prose(line: &Line) -> bool {
    line.words.iter().any(|w| is_sentence(&w.text))
}

/// Characters prose puts right after a figure: units, counts, dates.
fn is_unit(c: char) -> bool {
    "万亿千百元角分%％年月日个人次项家倍名台套件份户所辆平米公里吨亩册天小时周岁".contains(c)
}

/// The line's words; glyphs that are only whitespace are left out. A line
/// that reads as prose (one run of text without a figure standing apart)
/// is cut only where prose would leave a gap; any other line also where a
/// digit meets other text across a cell's padding ("其他运转类 2024年…").
pub fn line_of_words(page: &Page, line: &TextLine) -> Line {
    let coarse = words_of(page, &line.glyphs, MIXED_GAP);
    let prose = coarse.len() < 2 && !coarse.iter().any(|w| w.figure);
    let words = if prose {
        coarse
    } else {
        words_of(page, &line.glyphs, PADDING_GAP)
    };
    Line {
        bbox: line.bbox,
        size: line.size,
        text: line.text.clone(),
        words,
    }
}

/// Cuts glyphs into words; `mixed_gap` (font sizes) parts a digit from other text.
fn words_of(page: &Page, glyphs: &[usize], mixed_gap: f32) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut last_char = ' ';
    for &gi in glyphs {
        let g = &page.glyphs[gi];
        let text = g.text.trim();
        if text.is_empty() {
            continue;
        }
        let first_char = text.chars().next().unwrap_or(' ');
        let size = g.size.max(1.0);
        let joined = words.last().is_some_and(|w| {
            let gap = g.bbox.x0 - w.bbox.x1;
            if is_amount(&w.text) && !first_char.is_ascii() && !is_unit(first_char) {
                // A label set left right after an amount set right, the
                // cells' padding apart or less (prose puts a unit there).
                return gap < -0.5;
            }
            let limit = match (is_figure_char(last_char), is_figure_char(first_char)) {
                (true, true) => FIGURE_GAP,
                (false, false) => WORD_GAP,
                _ => mixed_gap,
            };
            gap < limit * size
        });
        if let (true, Some(w)) = (joined, words.last_mut()) {
            w.bbox = w.bbox.union(&g.bbox);
            w.glyphs.push(gi);
            w.text.push_str(text);
        } else {
            words.push(Word {
                bbox: g.bbox,
                glyphs: vec![gi],
                text: text.to_string(),
                figure: false,
            });
        }
        last_char = text.chars().last().unwrap_or(' ');
    }
    for w in &mut words {
        w.figure = is_figure(&w.text) || is_dash(&w.text);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{LayoutSettings, lines_of};
    use crate::pdf::Glyph;

    fn page_with(chars: &[(char, f32)]) -> Page {
        let mut page = Page {
            number: 1,
            width: 600.0,
            height: 800.0,
            ..Page::default()
        };
        for &(ch, x) in chars {
            let w = if ch.is_ascii() { 5.0 } else { 10.0 };
            page.glyphs.push(Glyph {
                text: ch.to_string().into(),
                bbox: BBox {
                    x0: x,
                    top: 100.0,
                    x1: x + w,
                    bottom: 110.0,
                },
                origin: (x, 110.0),
                size: 10.0,
                font: 0,
                direction: 0,
                invisible: false,
                confidence: None,
            });
        }
        page
    }

    fn texts(page: &Page) -> Vec<(String, bool)> {
        let lines = lines_of(page, 0..page.glyphs.len(), &LayoutSettings::default());
        line_of_words(page, &lines[0])
            .words
            .into_iter()
            .map(|w| (w.text, w.figure))
            .collect()
    }

    #[test]
    fn figures_part_at_a_narrow_gap_and_labels_at_a_wide_one() {
        // "1.5" ends at 115; "2.0" starts 4 pt later: two figures.
        let page = page_with(&[
            ('1', 100.0),
            ('.', 105.0),
            ('5', 110.0),
            ('2', 119.0),
            ('.', 124.0),
            ('0', 129.0),
        ]);
        assert_eq!(
            texts(&page),
            vec![("1.5".into(), true), ("2.0".into(), true)]
        );
        // 合 and 计 1 pt apart are one word; 16 pt apart, two.
        let page = page_with(&[('合', 100.0), ('计', 111.0), ('费', 137.0)]);
        assert_eq!(
            texts(&page),
            vec![("合计".into(), false), ("费".into(), false)]
        );
        // An amount then a label 3 pt on: two cells.
        let page = page_with(&[('1', 100.0), ('.', 105.0), ('5', 110.0), ('一', 118.0)]);
        assert_eq!(
            texts(&page),
            vec![("1.5".into(), true), ("一".into(), false)]
        );
        // A year, a space, then 年 in a line of prose: one word.
        let page = page_with(&[('2', 100.0), ('0', 105.0), ('年', 113.0), ('度', 123.0)]);
        assert_eq!(texts(&page), vec![("20年度".into(), false)]);
        // The same gap between cells of a table's line: two words.
        let page = page_with(&[('类', 100.0), ('2', 113.0), ('0', 118.0), ('费', 140.0)]);
        assert_eq!(
            texts(&page),
            vec![
                ("类".into(), false),
                ("20".into(), true),
                ("费".into(), false)
            ]
        );
    }
}
