//! Tesseract's hOCR output (with character boxes) read into words, and
//! words into glyphs: hOCR text in, [`Word`]s (pixel boxes, confidence, each
//! character's box) out; [`glyphs`] gives the characters as a text layer
//! would place them.
//!
//! Tesseract's Chinese model splits a figure at its separators ("28,"
//! "849." "38"), sometimes loses a comma, and reads a point as a colon or a
//! comma as a semicolon: fragments of one figure on one line, close
//! together, are joined back into one word and their separators read as
//! printed.

use crate::pdf::{BBox, Glyph};

/// One recognised character.
#[derive(Debug, Clone, PartialEq)]
pub struct Char {
    pub text: String,
    /// In pixels of the image read.
    pub bbox: BBox,
    /// 0–100.
    pub confidence: f32,
}

/// One recognised word.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// In pixels of the image read.
    pub bbox: BBox,
    /// 0–100: the least of its characters'.
    pub confidence: f32,
    pub chars: Vec<Char>,
}

impl Word {
    pub fn text(&self) -> String {
        self.chars.iter().map(|c| c.text.as_str()).collect()
    }

    /// The engine's confidence in a figure: the least of its digits' (its
    /// separators are read from where they stand, not from their ink).
    pub fn figure_confidence(&self) -> f32 {
        self.chars
            .iter()
            .filter(|c| c.text.chars().any(|d| d.is_ascii_digit()))
            .map(|c| c.confidence)
            .fold(100.0, f32::min)
    }
}

/// The `bbox`/`x_bboxes` numbers and the confidence of an hOCR title.
fn title_box(title: &str, key: &str) -> Option<BBox> {
    let rest = &title[title.find(key)? + key.len()..];
    let n: Vec<f32> = rest
        .split(';')
        .next()?
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    (n.len() >= 4).then(|| BBox {
        x0: n[0],
        top: n[1],
        x1: n[2],
        bottom: n[3],
    })
}

fn title_number(title: &str, key: &str) -> Option<f32> {
    let rest = &title[title.find(key)? + key.len()..];
    rest.split([';', '\'']).next()?.trim().parse().ok()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The engine sometimes boxes a line's last character from somewhere
/// inside the one before it; each character starts where the one before it
/// ends (a box starting on its neighbour's would read as its fake-bold
/// double and be dropped).
fn in_reading_order(mut chars: Vec<Char>) -> Vec<Char> {
    for i in 1..chars.len() {
        let end = chars[i - 1].bbox.x1;
        let c = &mut chars[i].bbox;
        if c.x0 < end {
            c.x0 = end;
            c.x1 = c.x1.max(end + 1.0);
        }
    }
    chars
}

/// The words of Tesseract's hOCR (made with `hocr_char_boxes=1`).
pub fn parse_hocr(hocr: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut lines = Vec::new();
    for (line, text) in hocr.split("<span class='ocr_line'").enumerate() {
        for word in text.split("<span class='ocrx_word'").skip(1) {
            lines.push((line, word));
        }
    }
    for (line, part) in lines {
        let Some(title) = part
            .split("title='")
            .nth(1)
            .and_then(|t| t.split('\'').next())
        else {
            continue;
        };
        let Some(bbox) = title_box(title, "bbox ") else {
            continue;
        };
        let chars: Vec<Char> = part
            .split("<span class='ocrx_cinfo'")
            .skip(1)
            .filter_map(|c| {
                let title = c.split("title='").nth(1)?.split('\'').next()?;
                let text = c.split_once('>')?.1.split("</span>").next()?;
                let text = unescape(text.trim());
                (!text.is_empty()).then_some(Char {
                    bbox: title_box(title, "x_bboxes ")?,
                    confidence: title_number(title, "x_conf ").unwrap_or(0.0),
                    text,
                })
            })
            .collect();
        if chars.is_empty() {
            continue;
        }
        let chars = in_reading_order(chars);
        let confidence = chars.iter().map(|c| c.confidence).fold(100.0, f32::min);
        words.push((
            line,
            Word {
                bbox,
                confidence,
                chars,
            },
        ));
    }
    without_double_lines(words)
}

/// The engine sometimes finds two text lines in one line of large bold
/// print and reads its characters twice ("三三公”经经费"). Of two lines
/// standing on one line whose words overlap, the less sure one loses the
/// words that overlap the other's.
fn without_double_lines(words: Vec<(usize, Word)>) -> Vec<Word> {
    let mut lines: Vec<(usize, BBox, f32, usize)> = Vec::new();
    for (line, w) in &words {
        match lines.iter_mut().find(|l| l.0 == *line) {
            Some(l) => {
                l.1 = l.1.union(&w.bbox);
                l.2 += w.confidence;
                l.3 += 1;
            }
            None => lines.push((*line, w.bbox, w.confidence, 1)),
        }
    }
    let sureness = |line: usize| {
        lines
            .iter()
            .find(|l| l.0 == line)
            .map_or(0.0, |l| l.2 / l.3 as f32)
    };
    let overlaps = |a: &BBox, b: &BBox| {
        let shared = a.x1.min(b.x1) - a.x0.max(b.x0);
        shared > 0.3 * a.width().min(b.width()) && same_line(a, b)
    };
    let keep: Vec<bool> = words
        .iter()
        .map(|(line, w)| {
            !words.iter().any(|(other, o)| {
                other != line
                    && overlaps(&w.bbox, &o.bbox)
                    && (sureness(*other), *line) > (sureness(*line), *other)
            })
        })
        .collect();
    words
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|((_, w), _)| w)
        .collect()
}

/// What may stand between the parts of a figure as read.
const SEPARATORS: [char; 8] = [',', '.', '，', '。', ':', '：', ';', '；'];
/// Fragments further apart than this share of their height are two words.
const JOIN_GAP: f32 = 2.0;
/// Fragments overlapping by more than this share of their height are two
/// readings, not two parts.
const JOIN_OVERLAP: f32 = 0.5;

/// Whether a word holds nothing but what a figure is printed with (and the
/// specks of a scan around it): no text.
pub fn is_figure_like(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_ascii_digit() || c == '-' || SEPARATORS.contains(&c) || "“”\"'‘’`".contains(c)
    })
}

fn is_figure_part(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii_digit() || c == '-' || SEPARATORS.contains(&c))
        && text.chars().any(|c| c.is_ascii_digit())
}

/// Whether two boxes stand on one line: they overlap for most of the lower
/// one's height.
fn same_line(a: &BBox, b: &BBox) -> bool {
    let overlap = a.bottom.min(b.bottom) - a.top.max(b.top);
    overlap > 0.6 * a.height().min(b.height())
}

/// A vertical rule: at x, from top to bottom (pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Barrier {
    pub x: f32,
    pub top: f32,
    pub bottom: f32,
}

/// Whether `word` continues the figure `last` to its right, with no rule
/// between them.
fn continues(last: &Word, word: &Word, word_text: &str, barriers: &[Barrier]) -> bool {
    // Where the words stand first: it is cheap, and rules most pairs out.
    if !same_line(&last.bbox, &word.bbox) {
        return false;
    }
    let h = last.bbox.height().max(word.bbox.height());
    let gap = word.bbox.x0 - last.bbox.x1;
    if !(-JOIN_OVERLAP * h..JOIN_GAP * h).contains(&gap) {
        return false;
    }
    let middle = (word.bbox.top + word.bbox.bottom) / 2.0;
    if barriers.iter().any(|r| {
        r.x > last.bbox.x1 - 1.0
            && r.x < word.bbox.x0 + 1.0
            && r.top <= middle
            && middle <= r.bottom
    }) {
        return false;
    }
    let a = last.text();
    if !is_figure_part(&a) || !is_figure_part(word_text) {
        return false;
    }
    // After a separator anything goes on; otherwise only a group of three
    // digits whose comma was lost, after a figure without decimals.
    a.ends_with(SEPARATORS) || (three_digit_group(word_text) && !a.contains(['.', '。']))
}

fn three_digit_group(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits == 3 && text.chars().nth(3).is_none_or(|c| SEPARATORS.contains(&c))
}

/// Joins the fragments of each figure (see the module's doc), left to
/// right, never across a vertical rule; separators are then read as printed.
pub fn join_figures(mut words: Vec<Word>, barriers: &[Barrier]) -> Vec<Word> {
    words.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    for word in words {
        let text = word.text();
        let joined = out
            .iter()
            .rposition(|last| continues(last, &word, &text, barriers));
        match joined {
            Some(i) => {
                let last = &mut out[i];
                if !last.text().ends_with(SEPARATORS) {
                    last.chars.push(Char {
                        text: ",".into(),
                        bbox: BBox {
                            x0: last.bbox.x1,
                            ..last.bbox
                        },
                        confidence: word.confidence.min(last.confidence),
                    });
                }
                last.bbox = last.bbox.union(&word.bbox);
                last.confidence = last.confidence.min(word.confidence);
                last.chars.extend(word.chars);
            }
            None => out.push(word),
        }
    }
    for w in &mut out {
        strip_specks(&mut w.chars);
        if is_figure_part(&w.text()) {
            read_separators(&mut w.chars);
        }
    }
    out
}

/// Specks of a scan read as quotes or a full stop around a figure or code
/// ("“06", "06,"): dropped when what is left is a whole figure.
fn strip_specks(chars: &mut Vec<Char>) {
    const LEADING: &[&str] = &["“", "”", "\"", "'", "‘", "’", "。", "`"];
    const TRAILING: &[&str] = &["“", "”", "\"", "'", "‘", "’", "。", "`", ",", "，"];
    let start = chars
        .iter()
        .take_while(|c| LEADING.contains(&c.text.as_str()))
        .count();
    let end = chars.len()
        - chars[start..]
            .iter()
            .rev()
            .take_while(|c| TRAILING.contains(&c.text.as_str()))
            .count();
    if (start, end) == (0, chars.len()) || start >= end {
        return;
    }
    let kept: String = chars[start..end].iter().map(|c| c.text.as_str()).collect();
    if is_figure(&kept) {
        chars.truncate(end);
        chars.drain(..start);
    }
}

/// In a figure, full-width separators become ASCII, a separator before a
/// group of three digits is a comma, and one before the last one or two
/// digits is the decimal point.
fn read_separators(chars: &mut Vec<Char>) {
    // Two separators in a row are one misread twice ("23,.513").
    let is_separator = |c: &Char| c.text.chars().all(|d| SEPARATORS.contains(&d));
    let mut i = 0;
    while i + 1 < chars.len() {
        if is_separator(&chars[i]) && is_separator(&chars[i + 1]) {
            chars.remove(i);
        } else {
            i += 1;
        }
    }
    let digits_after = |i: usize, chars: &[Char]| {
        chars[i + 1..]
            .iter()
            .take_while(|c| c.text.chars().all(|d| d.is_ascii_digit()))
            .count()
    };
    for i in 0..chars.len() {
        if chars[i]
            .text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-')
        {
            continue;
        }
        let after = digits_after(i, chars);
        let last_separator = chars[i + 1..]
            .iter()
            .all(|c| c.text.chars().all(|d| d.is_ascii_digit()));
        chars[i].text = match chars[i].text.as_str() {
            _ if last_separator && (1..=2).contains(&after) => ".".into(),
            _ if after == 3 => ",".into(),
            "，" => ",".into(),
            "。" | ":" | "：" => ".".into(),
            other => other.to_string(),
        };
    }
}

/// Whether a word reads as a whole figure: digits in groups of three with
/// commas, or plain, and a decimal part.
pub fn is_figure(text: &str) -> bool {
    let body = text.strip_prefix('-').unwrap_or(text);
    let (whole, decimals) = body.split_once('.').unwrap_or((body, ""));
    let groups: Vec<&str> = whole.split(',').collect();
    let whole_ok = !whole.is_empty()
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
        && (groups.len() == 1
            || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3)));
    whole_ok && decimals.chars().all(|c| c.is_ascii_digit())
}

/// The words of the main reading, with the figures of a digits-only
/// reading put in where the main one read the same place as parts of a
/// figure (it drops lone leading digits and separators: "6.00" read ". 00").
/// A digits-only word over Chinese text is a misreading and is not taken,
/// nor one where the main reading saw nothing.
pub fn prefer_figures(main: Vec<Word>, digits: Vec<Word>) -> Vec<Word> {
    let overlaps = |a: &BBox, b: &BBox| a.x0 < b.x1 && b.x0 < a.x1 && same_line(a, b);
    let mut replaced = vec![false; main.len()];
    let mut taken = Vec::new();
    for d in digits {
        if !is_figure(&d.text()) || d.confidence < MIN_FIGURE_CONFIDENCE {
            continue;
        }
        let under: Vec<usize> = (0..main.len())
            .filter(|&i| overlaps(&main[i].bbox, &d.bbox))
            .collect();
        let all_figures = under.iter().all(|&i| {
            is_figure_part(&main[i].text())
                || main[i].text().chars().all(|c| SEPARATORS.contains(&c))
        });
        if under.is_empty() || !all_figures {
            continue;
        }
        let same = under.len() == 1 && main[under[0]].text() == d.text();
        if same {
            continue;
        }
        for &i in &under {
            replaced[i] = true;
        }
        taken.push(d);
    }
    let mut out: Vec<Word> = main
        .into_iter()
        .zip(replaced)
        .filter(|(_, r)| !r)
        .map(|(w, _)| w)
        .collect();
    out.extend(taken);
    out
}

/// Applies `correct` to the characters of each line (words standing on
/// one line, left to right), keeping every character's box.
pub fn correct_lines(mut words: Vec<Word>, correct: impl Fn(&mut [String])) -> Vec<Word> {
    words.sort_by(|a, b| a.bbox.top.total_cmp(&b.bbox.top));
    let mut lines: Vec<Vec<usize>> = Vec::new();
    for i in 0..words.len() {
        match lines
            .iter_mut()
            .find(|l| same_line(&words[l[0]].bbox, &words[i].bbox))
        {
            Some(line) => line.push(i),
            None => lines.push(vec![i]),
        }
    }
    for mut line in lines {
        line.sort_by(|&a, &b| words[a].bbox.x0.total_cmp(&words[b].bbox.x0));
        let mut texts: Vec<String> = line
            .iter()
            .flat_map(|&w| words[w].chars.iter().map(|c| c.text.clone()))
            .collect();
        correct(&mut texts);
        let mut next = texts.into_iter();
        for &w in &line {
            for c in &mut words[w].chars {
                if let Some(t) = next.next() {
                    c.text = t;
                }
            }
        }
    }
    words
}

/// A digits-only reading below this confidence is not preferred.
const MIN_FIGURE_CONFIDENCE: f32 = 60.0;

/// Glyphs for the characters of the words; `to_page` maps a pixel to page
/// space. As in a text layer, every character of a word stands as tall as
/// the word (the engine's boxes hug the ink: a comma's would sit below the
/// line), and reaches to the next character (the gaps between narrow
/// figures would read as spaces); a box reaching over its neighbour is cut
/// at it, so reading order stays the printed one.
pub fn glyphs(words: &[Word], to_page: impl Fn(f32, f32) -> (f32, f32)) -> Vec<Glyph> {
    let mut out = Vec::new();
    for w in words {
        for (i, c) in w.chars.iter().enumerate() {
            let right = w
                .chars
                .get(i + 1)
                .map_or(c.bbox.x1, |n| n.bbox.x0.max(c.bbox.x0 + 1.0));
            let (x0, top) = to_page(c.bbox.x0, w.bbox.top);
            let (x1, bottom) = to_page(right, w.bbox.bottom);
            out.push(Glyph {
                text: c.text.as_str().into(),
                bbox: BBox {
                    x0,
                    top,
                    x1,
                    bottom,
                },
                origin: (x0, bottom),
                size: (bottom - top).max(1.0),
                font: 0,
                direction: 0,
                invisible: false,
                confidence: Some(c.confidence.clamp(0.0, 100.0) as u8),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(left: f32, top: f32, chars: &[(&str, f32)]) -> String {
        let mut x = left;
        let cinfo: String = chars
            .iter()
            .map(|(t, w)| {
                let s = format!(
                    "<span class='ocrx_cinfo' title='x_bboxes {x} {top} {} {}; x_conf 90.5'>{t}</span>",
                    x + w,
                    top + 30.0
                );
                x += w;
                s
            })
            .collect();
        format!(
            "<span class='ocrx_word' id='w' title='bbox {left} {top} {x} {}; x_wconf 90'>{cinfo}</span>",
            top + 30.0
        )
    }

    fn texts(words: &[Word]) -> Vec<String> {
        words.iter().map(Word::text).collect()
    }

    #[test]
    fn a_line_read_twice_is_kept_once() {
        let line = |words: &[String]| format!("<span class='ocr_line'>{}</span>", words.concat());
        let sure = word(100.0, 10.0, &[("经", 30.0), ("费", 30.0)]);
        let unsure = word(105.0, 12.0, &[("经", 30.0)]).replace("90.5", "40");
        let elsewhere = word(400.0, 12.0, &[("表", 30.0)]).replace("90.5", "40");
        let hocr = line(&[unsure, elsewhere]) + &line(&[sure]);
        assert_eq!(texts(&parse_hocr(&hocr)), ["表", "经费"]);
    }

    #[test]
    fn words_and_their_characters_are_read() {
        let hocr = word(100.0, 10.0, &[("合", 30.0), ("计", 30.0)])
            + &word(200.0, 10.0, &[("&amp;", 10.0)]);
        let words = parse_hocr(&hocr);
        assert_eq!(texts(&words), ["合计", "&"]);
        assert_eq!(words[0].chars[1].bbox.x0, 130.0);
        assert_eq!(words[0].confidence, 90.5);
    }

    #[test]
    fn fragments_of_a_figure_are_joined_and_read_as_printed() {
        let hocr = [
            word(300.0, 10.0, &[("3", 12.0), ("8", 12.0)]),
            word(100.0, 10.0, &[("2", 12.0), ("8", 12.0), ("，", 8.0)]),
            word(
                140.0,
                11.0,
                &[("8", 12.0), ("4", 12.0), ("9", 12.0), (":", 8.0)],
            ),
            word(190.0, 12.0, &[("3", 12.0), ("8", 12.0)]),
            word(400.0, 10.0, &[("1", 12.0), ("1", 12.0)]),
            word(
                440.0,
                10.0,
                &[
                    ("5", 12.0),
                    ("4", 12.0),
                    ("3", 12.0),
                    (";", 8.0),
                    ("2", 12.0),
                    ("7", 12.0),
                ],
            ),
            word(140.0, 60.0, &[("1", 12.0), ("2", 12.0)]),
            word(
                600.0,
                10.0,
                &[
                    ("2", 12.0),
                    ("3", 12.0),
                    (",", 6.0),
                    (".", 6.0),
                    ("5", 12.0),
                    ("1", 12.0),
                    ("3", 12.0),
                    (".", 6.0),
                    ("1", 12.0),
                    ("1", 12.0),
                ],
            ),
        ]
        .concat();
        let words = join_figures(parse_hocr(&hocr), &[]);
        assert_eq!(
            texts(&words),
            ["28,849.38", "12", "38", "11,543.27", "23,513.11"]
        );
        // A rule between two parts keeps them apart.
        let rule = Barrier {
            x: 435.0,
            top: 0.0,
            bottom: 100.0,
        };
        let words = join_figures(parse_hocr(&hocr), &[rule]);
        assert!(texts(&words).contains(&"11".to_string()));
    }

    #[test]
    fn specks_around_a_code_are_dropped_and_words_kept() {
        let hocr = [
            word(0.0, 0.0, &[("“", 6.0), ("0", 12.0), ("6", 12.0)]),
            word(100.0, 0.0, &[("0", 12.0), ("6", 12.0), (",", 6.0)]),
            word(200.0, 0.0, &[("“", 6.0), ("合", 30.0), ("计", 30.0)]),
        ]
        .concat();
        let texts: Vec<String> = join_figures(parse_hocr(&hocr), &[])
            .iter()
            .map(Word::text)
            .collect();
        assert_eq!(texts, ["06", "06", "“合计"]);
    }

    #[test]
    fn figures_are_whole_or_not() {
        for yes in ["6.00", "1,774.70", "20131", "-3.5", "0.66"] {
            assert!(is_figure(yes), "{yes}");
        }
        for no in [". 00", "1,77.70", ",12", "12,", "", "-", "1.2.3"] {
            assert!(!is_figure(no), "{no}");
        }
    }

    #[test]
    fn a_digits_reading_fills_in_a_figure_but_never_chinese() {
        let main = parse_hocr(
            &[
                word(100.0, 10.0, &[(".", 6.0), ("0", 12.0), ("0", 12.0)]),
                word(300.0, 10.0, &[("合", 30.0), ("计", 30.0)]),
            ]
            .concat(),
        );
        let digits = parse_hocr(
            &[
                word(
                    88.0,
                    10.0,
                    &[("6", 12.0), (".", 6.0), ("0", 12.0), ("0", 12.0)],
                ),
                word(300.0, 10.0, &[("4", 30.0), ("1", 30.0)]),
                word(500.0, 10.0, &[("7", 30.0)]),
            ]
            .concat(),
        );
        let texts: Vec<String> = prefer_figures(main, digits)
            .iter()
            .map(Word::text)
            .collect();
        assert_eq!(texts, ["合计", "6.00"]);
    }

    #[test]
    fn a_characters_box_reaches_its_neighbour_and_no_further() {
        let mut words = parse_hocr(&word(0.0, 0.0, &[("财", 20.0), ("政", 20.0), ("1", 20.0)]));
        words[0].chars[0].bbox.x1 = 35.0;
        words[0].chars[1].bbox.x1 = 28.0;
        let g = glyphs(&words, |x, y| (x / 2.0, y / 2.0));
        assert_eq!((g[0].bbox.x1, g[1].bbox.x0), (10.0, 10.0));
        assert_eq!((g[1].bbox.x1, g[2].bbox.x0), (20.0, 20.0));
        assert_eq!(g[0].size, 15.0);
    }
}
