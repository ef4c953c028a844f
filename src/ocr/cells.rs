//! Figures read again cell by cell. On a whole page the engine sees small
//! print beside rules and noise, and misreads or drops a digit; alone, on
//! white, at a height it reads best, the same figure reads right. Rules and
//! the upright page image (rules whitened) in, the grid's cells ([`cell_boxes`]), one image
//! holding every inked cell on a line of its own ([`compose`]), and the
//! figures read from it back in page pixels ([`read_back`]) out;
//! [`prefer_cells`] puts them in place of the page reading's.

use super::rules::Rule;
use super::words::{self, Word};
use crate::pdf::BBox;
use crate::pdf::image::GreyImage;

/// A cell's ink is scaled up to about this height (pixels) for the engine,
/// which reads print best between 30 and 40 pixels tall.
const TARGET_INK_PX: f32 = 40.0;
/// Never scaled more than this (a speck would become a blot).
const MAX_SCALE: f32 = 4.0;
/// A blot of ink narrower and shorter than about this (points) is a speck
/// of noise, when it is all a cell holds or stands apart from the rest.
const MIN_BLOT_PT: f32 = 0.8;
/// Paper kept around a cell's ink, as a share of its height (at least two
/// pixels).
const PAD_SHARE: f32 = 0.15;
/// Ink running out of a cell is followed at most this far (pixels).
const FOLLOW_PX: usize = 4;
/// Paper kept around each cell's ink, and between two cells (pixels of the
/// composed image).
const MARGIN_PX: usize = 20;
/// Ink taller than this many points is more than one line: not a figure.
const MAX_INK_PT: f32 = 16.0;
/// Ink shorter than this many points is a speck or a rule's stub.
const MIN_INK_PT: f32 = 3.0;
/// A cell starts this many pixels inside its rules (the page is read with
/// its rules whitened, a pixel of margin with them).
const INSET_PX: usize = 1;
/// A composed image is cut into parts no taller than this (pixels).
pub const MAX_PART_PX: usize = 12_000;

/// A rule's position across it, and its extent along it.
struct Span {
    at: usize,
    near: usize,
    far: usize,
    from: usize,
    to: usize,
}

fn spans(rules: &[Rule], horizontal: bool) -> Vec<Span> {
    let mut out: Vec<Span> = rules
        .iter()
        .filter(|r| r.horizontal == horizontal)
        .map(|r| Span {
            at: (r.across_from + r.across_to) / 2,
            near: r.across_from,
            far: r.across_to,
            from: r.from,
            to: r.to,
        })
        .collect();
    out.sort_by_key(|s| s.at);
    out
}

/// The cells of the grids the rules draw, inside their rules (pixels): for
/// each strip between two neighbouring vertical rules, the horizontal rules
/// that cross it cut it into cells, and each cell reaches left and right to
/// the nearest vertical rules that pass its middle (a merged cell is one).
pub fn cell_boxes(rules: &[Rule]) -> Vec<BBox> {
    let (across, down) = (spans(rules, true), spans(rules, false));
    let mut cells: Vec<BBox> = Vec::new();
    for pair in down.windows(2) {
        let cx = (pair[0].at + pair[1].at) / 2;
        if pair[1].at <= pair[0].at + 2 * INSET_PX {
            continue;
        }
        let crossing: Vec<&Span> = across
            .iter()
            .filter(|h| h.from <= cx && cx <= h.to)
            .collect();
        for hs in crossing.windows(2) {
            let (top, bottom) = (
                hs[0].far + 1 + INSET_PX,
                hs[1].near.saturating_sub(1 + INSET_PX),
            );
            if bottom <= top {
                continue;
            }
            let cy = (top + bottom) / 2;
            let passes = |v: &&Span| v.from <= cy && cy <= v.to;
            let left = down.iter().filter(|v| v.at < cx).rev().find(passes);
            let right = down.iter().filter(|v| v.at > cx).find(passes);
            let (Some(left), Some(right)) = (left, right) else {
                continue;
            };
            let cell = BBox {
                x0: (left.far + 1 + INSET_PX) as f32,
                top: top as f32,
                x1: right.near.saturating_sub(1 + INSET_PX) as f32,
                bottom: bottom as f32,
            };
            if cell.x1 > cell.x0 && !cells.contains(&cell) {
                cells.push(cell);
            }
        }
    }
    cells
}

/// Where one cell's ink stands in the composed image, and how it maps back.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// Index into the cells.
    pub cell: usize,
    /// Rows of the composed image the ink occupies, with its margin.
    pub top: f32,
    pub bottom: f32,
    /// The ink's top-left corner in the page image, and in the composed one.
    pub page_origin: (f32, f32),
    pub composed_origin: (f32, f32),
    pub scale: f32,
    /// The ink's width in the composed image (without its paper).
    pub width: f32,
}

impl Slot {
    fn to_page(&self, x: f32, y: f32) -> (f32, f32) {
        (
            self.page_origin.0 + (x - self.composed_origin.0) / self.scale,
            self.page_origin.1 + (y - self.composed_origin.1) / self.scale,
        )
    }
}

/// The box of the ink inside `cell` (pixels): of its blots of ink (pixels
/// joined side by side or corner to corner) those of at least `min_blot`
/// pixels (specks of noise are smaller); ink running out of the cell on
/// either side is followed a few pixels (print touching a faint rule, whose
/// edge the cell starts inside of).
fn ink_box(image: &GreyImage, cell: &BBox, threshold: u8, min_blot: usize) -> Option<BBox> {
    let (x0, y0) = (cell.x0 as usize, cell.top as usize);
    let x1 = (cell.x1 as usize).min(image.width.saturating_sub(1));
    let y1 = (cell.bottom as usize).min(image.height.saturating_sub(1));
    let ink = |x: usize, y: usize| image.at(x, y) <= threshold;
    let (w, h) = (x1.saturating_sub(x0), y1.saturating_sub(y0));
    let mut seen = vec![false; w * h];
    let mut found: Option<(usize, usize, usize, usize)> = None;
    let mut stack = Vec::new();
    for start in 0..w * h {
        let (sx, sy) = (x0 + start % w, y0 + start / w);
        if seen[start] || !ink(sx, sy) {
            continue;
        }
        seen[start] = true;
        stack.push((sx, sy));
        let mut blot = (sx, sy, sx, sy);
        let mut size = 0;
        while let Some((x, y)) = stack.pop() {
            size += 1;
            blot = (blot.0.min(x), blot.1.min(y), blot.2.max(x), blot.3.max(y));
            for (dx, dy) in [
                (-1i64, -1i64),
                (0, -1),
                (1, -1),
                (-1, 0),
                (1, 0),
                (-1, 1),
                (0, 1),
                (1, 1),
            ] {
                let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                if nx < x0 as i64 || ny < y0 as i64 || nx >= x1 as i64 || ny >= y1 as i64 {
                    continue;
                }
                let (nx, ny) = (nx as usize, ny as usize);
                let i = (ny - y0) * w + (nx - x0);
                if !seen[i] && ink(nx, ny) {
                    seen[i] = true;
                    stack.push((nx, ny));
                }
            }
        }
        if size >= min_blot {
            let b = found.get_or_insert(blot);
            *b = (
                b.0.min(blot.0),
                b.1.min(blot.1),
                b.2.max(blot.2),
                b.3.max(blot.3),
            );
        }
    }
    let (mut left, top, mut right, bottom) = found?;
    // A column of the ink's rows with some ink, but not a rule's worth.
    let print_in = |x: usize| {
        let inked = (top..=bottom).filter(|&y| ink(x, y)).count();
        inked > 0 && inked * 10 < (bottom - top + 1) * 6
    };
    if left <= x0 + 1 {
        while left > 0 && left + FOLLOW_PX > x0 && print_in(left - 1) {
            left -= 1;
        }
    }
    if right + 1 >= x1 {
        while right + 1 < image.width && right < x1 + FOLLOW_PX && print_in(right + 1) {
            right += 1;
        }
    }
    Some(BBox {
        x0: left as f32,
        top: top as f32,
        x1: right as f32 + 1.0,
        bottom: bottom as f32 + 1.0,
    })
}

/// The inked cells (of a single line's height) scaled and stacked, each on a
/// line of its own, in parts no taller than [`MAX_PART_PX`].
pub fn compose(
    image: &GreyImage,
    cells: &[BBox],
    threshold: u8,
    px_per_pt: f32,
) -> Vec<(GreyImage, Vec<Slot>)> {
    let min_blot = ((MIN_BLOT_PT * px_per_pt).powi(2) as usize).max(3);
    let inked: Vec<(usize, BBox, f32, f32)> = cells
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((i, ink_box(image, c, threshold, min_blot)?)))
        .filter(|(_, ink)| {
            let pt = ink.height() / px_per_pt;
            (MIN_INK_PT..=MAX_INK_PT).contains(&pt)
        })
        .map(|(i, ink)| {
            let scale = (TARGET_INK_PX / ink.height()).clamp(1.0, MAX_SCALE);
            (i, padded(&ink, &cells[i]), ink.width() * scale, scale)
        })
        .collect();
    let mut parts = Vec::new();
    let mut start = 0;
    while start < inked.len() {
        let mut height = MARGIN_PX;
        let mut end = start;
        while end < inked.len() {
            let h = (inked[end].1.height() * inked[end].3).ceil() as usize + MARGIN_PX;
            if end > start && height + h > MAX_PART_PX {
                break;
            }
            height += h;
            end += 1;
        }
        parts.push(part(image, &inked[start..end], height));
        start = end;
    }
    parts
}

/// The ink's box with some paper around it, inside its cell: the faint
/// edge of a stroke (a 1's flag, a 4's diagonal at 150 dpi) is lighter than
/// the threshold, and a figure cut at its darkest pixels reads 1 as l.
fn padded(ink: &BBox, cell: &BBox) -> BBox {
    let pad = (PAD_SHARE * ink.height()).max(2.0);
    BBox {
        x0: (ink.x0 - pad).max(cell.x0.min(ink.x0)),
        top: (ink.top - pad).max(cell.top.min(ink.top)),
        x1: (ink.x1 + pad).min(cell.x1.max(ink.x1)),
        bottom: (ink.bottom + pad).min(cell.bottom.max(ink.bottom)),
    }
}

fn part(
    image: &GreyImage,
    inked: &[(usize, BBox, f32, f32)],
    height: usize,
) -> (GreyImage, Vec<Slot>) {
    let width = inked
        .iter()
        .map(|(_, ink, _, scale)| (ink.width() * scale).ceil() as usize)
        .max()
        .unwrap_or(0)
        + 2 * MARGIN_PX;
    let mut pixels = vec![255u8; width * height];
    let mut slots = Vec::with_capacity(inked.len());
    let mut y = MARGIN_PX;
    for &(cell, ink, ink_width, scale) in inked {
        let (w, h) = (
            (ink.width() * scale).ceil() as usize,
            (ink.height() * scale).ceil() as usize,
        );
        for dy in 0..h {
            let row = (y + dy) * width + MARGIN_PX;
            for dx in 0..w {
                pixels[row + dx] =
                    image.bilinear(ink.x0 + dx as f32 / scale, ink.top + dy as f32 / scale);
            }
        }
        slots.push(Slot {
            cell,
            top: (y - MARGIN_PX / 2) as f32,
            bottom: (y + h + MARGIN_PX / 2) as f32,
            page_origin: (ink.x0, ink.top),
            composed_origin: (MARGIN_PX as f32, y as f32),
            scale,
            width: ink_width,
        });
        y += h + MARGIN_PX;
    }
    (
        GreyImage {
            width,
            height,
            pixels,
        },
        slots,
    )
}

/// A figure read in a cell spans at least this share of the cell's ink.
const MIN_COVER: f32 = 0.7;

/// The figure read on each slot's line, in page pixels: (cell, word), where
/// the line reads as exactly one whole figure.
pub fn read_back(read: Vec<Word>, slots: &[Slot]) -> Vec<(usize, Word)> {
    let mut by_slot: Vec<Vec<Word>> = vec![Vec::new(); slots.len()];
    for word in read {
        let middle = (word.bbox.top + word.bbox.bottom) / 2.0;
        if let Some(i) = slots
            .iter()
            .position(|s| s.top <= middle && middle < s.bottom)
        {
            by_slot[i].push(word);
        }
    }
    let mut out = Vec::new();
    for (slot, found) in slots.iter().zip(by_slot) {
        let mut joined = words::join_figures(found, &[]);
        // A figure read off part of the ink is a misreading of something else.
        if joined.len() != 1
            || !words::is_figure(&joined[0].text())
            || joined[0].bbox.width() < MIN_COVER * slot.width
        {
            continue;
        }
        let mut word = joined.remove(0);
        let map = |b: &BBox| {
            let (x0, top) = slot.to_page(b.x0, b.top);
            let (x1, bottom) = slot.to_page(b.x1, b.bottom);
            BBox {
                x0,
                top,
                x1,
                bottom,
            }
        };
        word.bbox = map(&word.bbox);
        for c in &mut word.chars {
            c.bbox = map(&c.bbox);
        }
        out.push((slot.cell, word));
    }
    out
}

/// A cell's figures read alone, below this confidence, are not preferred.
const MIN_CELL_CONFIDENCE: f32 = 40.0;
/// Text the page reading read this surely is kept, whatever the cell's
/// figure reading says.
const SURE_TEXT_CONFIDENCE: f32 = 85.0;

/// Whether a figure has a decimal part or groups its thousands with commas.
fn is_structured(figure: &str) -> bool {
    let decimals = figure.rsplit_once('.').map_or(0, |(_, d)| d.len());
    decimals == 2 || figure.contains(',')
}

/// Whether a word's characters are as narrow as figures' (about half as
/// wide as tall; a Chinese character read as digits is square).
fn slender(word: &Word) -> bool {
    let digits = word
        .chars
        .iter()
        .filter(|c| c.text.chars().any(|d| d.is_ascii_digit()))
        .count();
    digits > 0
        && word.bbox.width() < MAX_FIGURE_ASPECT * word.bbox.height() * word.chars.len() as f32
}

/// Width over height, per character, of a figure at most (digits stand
/// about 0.55, a separator less).
const MAX_FIGURE_ASPECT: f32 = 0.75;

/// The page's words, with each cell's figure read alone put in place of
/// what the page reading saw in that cell, unless that was text (a figure
/// reading of a Chinese cell is a misreading).
pub fn prefer_cells(mut main: Vec<Word>, cells: &[BBox], read: Vec<(usize, Word)>) -> Vec<Word> {
    let inside = |w: &Word, cell: &BBox| {
        let (x, y) = w.bbox.center();
        cell.x0 - 2.0 <= x && x <= cell.x1 + 2.0 && cell.top - 2.0 <= y && y <= cell.bottom + 2.0
    };
    for (cell, word) in read {
        // A figure with a decimal part or grouped thousands is evidence of
        // itself (the engine's confidence in a digit after a separator is
        // low even when it is right); a bare string of digits needs the
        // engine to be sure.
        let structured = is_structured(&word.text());
        if word.figure_confidence() < MIN_CELL_CONFIDENCE && !structured {
            continue;
        }
        let cell = &cells[cell];
        let there: Vec<&Word> = main.iter().filter(|w| inside(w, cell)).collect();
        let text = there.iter().any(|w| !words::is_figure_like(&w.text()));
        let sure_text = there
            .iter()
            .any(|w| !words::is_figure_like(&w.text()) && w.confidence >= SURE_TEXT_CONFIDENCE);
        // Small print read as Chinese by the page reading can be read so
        // surely; a narrow, structured figure over all the ink wins over it.
        if (sure_text && !structured) || (text && !slender(&word)) {
            continue;
        }
        let there_texts: Vec<(String, f32)> = there
            .iter()
            .map(|w| (w.text(), w.figure_confidence()))
            .collect();
        // Two whole figures that differ: the surer reading stands (the
        // cell's, scaled up from coarse print, can merge a run of zeros).
        if let [(figure, sureness)] = &there_texts[..]
            && words::is_figure(figure)
            && *figure != word.text()
            && *sureness > word.figure_confidence()
        {
            continue;
        }
        main.retain(|w| !inside(w, cell));
        main.push(agreed(word, &there_texts));
    }
    main
}

/// The cell's figure, each character as sure as the surer reading where
/// the page reading read the same figure (two readings of two images
/// agreeing: the engine's confidence in a digit after a separator is low
/// even when it is right).
fn agreed(mut word: Word, page_reading: &[(String, f32)]) -> Word {
    if let [(text, confidence)] = page_reading
        && *text == word.text()
    {
        for c in &mut word.chars {
            c.confidence = c.confidence.max(*confidence);
        }
        word.confidence = word.confidence.max(*confidence);
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(horizontal: bool, at: usize, from: usize, to: usize) -> Rule {
        Rule {
            horizontal,
            from,
            to,
            across_from: at,
            across_to: at + 1,
        }
    }

    /// Two rows of three columns, the top row's first two cells merged.
    fn grid() -> Vec<Rule> {
        vec![
            rule(true, 0, 0, 301),
            rule(true, 50, 0, 301),
            rule(true, 100, 0, 301),
            rule(false, 0, 0, 101),
            rule(false, 100, 50, 101),
            rule(false, 200, 0, 101),
            rule(false, 300, 0, 101),
        ]
    }

    #[test]
    fn cells_lie_inside_their_rules_and_a_merged_cell_is_one() {
        let cells = cell_boxes(&grid());
        assert_eq!(cells.len(), 5, "{cells:?}");
        let merged = BBox {
            x0: 3.0,
            top: 3.0,
            x1: 198.0,
            bottom: 48.0,
        };
        assert!(cells.contains(&merged), "{cells:?}");
    }

    #[test]
    fn inked_cells_are_stacked_and_map_back() {
        let (width, height) = (302, 102);
        let mut pixels = vec![255u8; width * height];
        // A 20 × 10 px block of ink in the bottom-right cell, and a lone
        // speck in the bottom-left one.
        for y in 70..80 {
            for x in 250..270 {
                pixels[y * width + x] = 0;
            }
        }
        pixels[75 * width + 50] = 0;
        let image = GreyImage {
            width,
            height,
            pixels,
        };
        let cells = cell_boxes(&grid());
        let parts = compose(&image, &cells, 127, 2.0);
        assert_eq!(parts.len(), 1);
        let (composed, slots) = &parts[0];
        assert_eq!(slots.len(), 1, "the speck is no ink: {slots:?}");
        let slot = &slots[0];
        assert_eq!(slot.scale, 4.0);
        // Two pixels of paper around the ink, all scaled four times.
        assert_eq!(composed.width, 96 + 2 * MARGIN_PX);
        assert_eq!(slot.width, 80.0);
        assert_eq!(
            slot.to_page(MARGIN_PX as f32, MARGIN_PX as f32),
            (248.0, 68.0)
        );
        assert_eq!(
            composed.at(MARGIN_PX + 40, MARGIN_PX + 20),
            0,
            "the ink is scaled into place"
        );
    }
}
