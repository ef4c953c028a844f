//! Ruling lines of a scanned table, found in its pixels (as Camelot's
//! lattice does on a rendered page): runs of ink longer than any stroke of a
//! character, along rows (horizontal rules) or columns (vertical rules),
//! joined across the few rows or columns a rule is thick. Grey image and
//! threshold in, [`Rule`]s in pixel coordinates out; [`erase`] whitens them
//! so the OCR engine does not read a rule as 一 or |.

use crate::pdf::image::GreyImage;

/// A rule: a band of ink `from`..=`to` along its length and
/// `across_from`..=`across_to` across it (pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub horizontal: bool,
    pub from: usize,
    pub to: usize,
    pub across_from: usize,
    pub across_to: usize,
}

/// Gaps in a run up to this many pixels are bridged (noise, JPEG blocks).
const MAX_GAP_PX: usize = 2;

/// The rules of `image`: runs of at least `min_length` pixels, at most
/// `max_thickness` pixels thick.
pub fn find_rules(
    image: &GreyImage,
    threshold: u8,
    min_length: usize,
    max_thickness: usize,
) -> Vec<Rule> {
    rules_at_lengths(image, threshold, &[min_length], max_thickness).remove(0)
}

/// The rules of `image` for each of `min_lengths`, from one pass over its
/// pixels: the runs of ink are found once, at the least length, and banded
/// apart for each (at a shorter length, strokes beside a long rule would
/// thicken its band past a rule's).
pub fn rules_at_lengths(
    image: &GreyImage,
    threshold: u8,
    min_lengths: &[usize],
    max_thickness: usize,
) -> Vec<Vec<Rule>> {
    let least = min_lengths.iter().copied().min().unwrap_or(0);
    let ink = |x: usize, y: usize| image.at(x, y) <= threshold;
    let rows: Vec<_> = (0..image.height)
        .map(|y| runs(image.width, |x| ink(x, y), least))
        .collect();
    let columns: Vec<_> = (0..image.width)
        .map(|x| runs(image.height, |y| ink(x, y), least))
        .collect();
    let at_least = |runs: &[(usize, usize)], min: usize| -> Vec<(usize, usize)> {
        runs.iter()
            .copied()
            .filter(|(a, b)| b + 1 - a >= min)
            .collect()
    };
    min_lengths
        .iter()
        .map(|&min| {
            let mut rules = bands(rows.len(), |y| at_least(&rows[y], min), max_thickness, true);
            rules.extend(bands(
                columns.len(),
                |x| at_least(&columns[x], min),
                max_thickness,
                false,
            ));
            rules
        })
        .collect()
}

/// The ink runs of one line of pixels at least `min_length` long.
fn runs(len: usize, ink: impl Fn(usize) -> bool, min_length: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_ink = 0;
    for i in 0..len {
        if ink(i) {
            if start.is_none() {
                start = Some(i);
            }
            last_ink = i;
        } else if let Some(s) = start
            && i - last_ink > MAX_GAP_PX
        {
            if last_ink + 1 - s >= min_length {
                out.push((s, last_ink));
            }
            start = None;
        }
    }
    if let Some(s) = start
        && last_ink + 1 - s >= min_length
    {
        out.push((s, last_ink));
    }
    out
}

/// Runs on neighbouring lines that overlap along their length are one rule;
/// a band thicker than `max_thickness` is a filled area, not a rule.
fn bands(
    lines: usize,
    runs_of: impl Fn(usize) -> Vec<(usize, usize)>,
    max_thickness: usize,
    horizontal: bool,
) -> Vec<Rule> {
    let mut open: Vec<Rule> = Vec::new();
    let mut done = Vec::new();
    for line in 0..lines {
        let mut next_open = Vec::new();
        for (from, to) in runs_of(line) {
            let joined = open
                .iter()
                .position(|r| r.across_to + 1 >= line && r.from <= to && from <= r.to);
            match joined {
                Some(i) => {
                    let mut r = open.swap_remove(i);
                    r.from = r.from.min(from);
                    r.to = r.to.max(to);
                    r.across_to = line;
                    next_open.push(r);
                }
                None => next_open.push(Rule {
                    horizontal,
                    from,
                    to,
                    across_from: line,
                    across_to: line,
                }),
            }
        }
        // Bands not continued on this line are finished.
        done.append(&mut open);
        open = next_open;
    }
    done.append(&mut open);
    done.retain(|r| r.across_to - r.across_from < max_thickness);
    done.sort_by_key(|r| (r.across_from, r.from));
    done
}

/// The rules that belong to a grid: each crosses or meets at least two
/// rules the other way (within `reach` pixels). A character's stroke, even a
/// large title's, meets no grid; a table's rules meet each other.
pub fn grid_rules(rules: Vec<Rule>, reach: usize) -> Vec<Rule> {
    let meets = |a: &Rule, b: &Rule| {
        a.horizontal != b.horizontal
            && b.across_from <= a.to + reach
            && a.from <= b.across_to + reach
            && a.across_from <= b.to + reach
            && b.from <= a.across_to + reach
    };
    rules
        .iter()
        .filter(|a| rules.iter().filter(|b| meets(a, b)).take(2).count() == 2)
        .copied()
        .collect()
}

/// Short rules that close a grid's cells: one that runs from one of the
/// grid's rules to another across it, meeting both within `reach` pixels
/// (the column rules of a one-row table, shorter than any long rule), and
/// no thicker than the grid's rules. A character's stroke inside a cell
/// stops short of its rules, is thicker (bold print) or is crossed.
pub fn closing_rules(
    image: &GreyImage,
    threshold: u8,
    grid: &[Rule],
    short: Vec<Rule>,
    reach: usize,
) -> Vec<Rule> {
    let meets_at = |r: &Rule, end: usize| {
        grid.iter().any(|g| {
            g.horizontal != r.horizontal
                && g.from <= r.across_from + reach
                && r.across_to <= g.to + reach
                && g.across_from <= end + reach
                && end <= g.across_to + reach
        })
    };
    // No thicker than the grid's rules are: a bold character's stroke is.
    let mut thicknesses: Vec<usize> = grid.iter().map(|g| g.across_to - g.across_from).collect();
    thicknesses.sort_unstable();
    let Some(&typical) = thicknesses.get(thicknesses.len() / 2) else {
        return Vec::new();
    };
    short
        .into_iter()
        .filter(|r| r.across_to - r.across_from <= typical + 1)
        .filter(|r| meets_at(r, r.from) && meets_at(r, r.to))
        .filter(|r| !crossed(image, threshold, r, reach))
        .collect()
}

/// Whether ink crosses the rule between its ends (ink on both sides of it
/// at once, a few pixels off): a character's stroke is crossed by the
/// character's other strokes (十 in 计); a rule only by rules, at its ends.
fn crossed(image: &GreyImage, threshold: u8, r: &Rule, reach: usize) -> bool {
    let (Some(before), after) = (r.across_from.checked_sub(3), r.across_to + 3) else {
        return false;
    };
    let ink = |along: usize, across: usize| {
        let (x, y) = if r.horizontal {
            (along, across)
        } else {
            (across, along)
        };
        x < image.width && y < image.height && image.at(x, y) <= threshold
    };
    (r.from + reach + 1..r.to.saturating_sub(reach + 1)).any(|l| ink(l, before) && ink(l, after))
}

/// `image` with the rules painted over in paper white (a pixel of margin).
pub fn erase(image: &GreyImage, rules: &[Rule]) -> GreyImage {
    let mut out = image.clone();
    for r in rules {
        let across = r.across_from.saturating_sub(1)..=r.across_to + 1;
        for a in across {
            for l in r.from..=r.to {
                let (x, y) = if r.horizontal { (l, a) } else { (a, l) };
                if x < out.width && y < out.height {
                    out.pixels[y * out.width + x] = 255;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3 × 2 grid of 100 × 50 px cells, rules 2 px thick, with a short
    /// ink stroke (a character) in one cell.
    fn grid() -> GreyImage {
        let (width, height) = (320, 120);
        let mut pixels = vec![255u8; width * height];
        let mut ink = |x: usize, y: usize| pixels[y * width + x] = 0;
        for row in 0..3 {
            for t in 0..2 {
                for x in 10..311 {
                    ink(x, 10 + row * 50 + t);
                }
            }
        }
        for col in 0..4 {
            for t in 0..2 {
                for y in 10..111 {
                    ink(10 + col * 100 + t, y);
                }
            }
        }
        for x in 40..60 {
            ink(x, 30);
        }
        GreyImage {
            width,
            height,
            pixels,
        }
    }

    #[test]
    fn rules_are_found_and_strokes_are_not() {
        let rules = find_rules(&grid(), 127, 40, 6);
        let horizontal = rules.iter().filter(|r| r.horizontal).count();
        let vertical = rules.iter().filter(|r| !r.horizontal).count();
        assert_eq!((horizontal, vertical), (3, 4), "{rules:?}");
        assert!(rules.iter().all(|r| r.across_to - r.across_from == 1));
    }

    #[test]
    fn a_lone_long_stroke_is_no_grid_rule() {
        let mut image = grid();
        for y in 0..110 {
            image.pixels[y * image.width + 318] = 0;
        }
        let all = find_rules(&image, 127, 40, 6);
        assert_eq!(all.len(), 8);
        let grid = grid_rules(all, 3);
        assert_eq!(grid.len(), 7);
        assert!(grid.iter().all(|r| r.across_from != 318));
    }

    #[test]
    fn a_short_rule_between_two_grid_rules_closes_cells() {
        let long = find_rules(&grid(), 127, 40, 6);
        let closing = Rule {
            horizontal: false,
            from: 60,
            to: 110,
            across_from: 150,
            across_to: 151,
        };
        let stroke = Rule {
            from: 64,
            to: 100,
            across_from: 170,
            across_to: 171,
            ..closing
        };
        let bold = Rule {
            across_from: 120,
            across_to: 125,
            ..closing
        };
        let image = grid();
        assert_eq!(
            closing_rules(&image, 127, &long, vec![closing, stroke, bold], 2),
            [closing]
        );
        // A stroke crossed by another is a character's.
        let mut crossed_image = grid();
        for x in 140..162 {
            crossed_image.pixels[80 * crossed_image.width + x] = 0;
        }
        assert!(closing_rules(&crossed_image, 127, &long, vec![closing], 2).is_empty());
    }

    #[test]
    fn erased_rules_leave_the_strokes() {
        let image = grid();
        let erased = erase(&image, &find_rules(&image, 127, 40, 6));
        let ink = erased.pixels.iter().filter(|&&p| p == 0).count();
        assert_eq!(ink, 20);
    }
}
