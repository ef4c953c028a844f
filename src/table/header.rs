//! Header rows told from body rows, and each leaf column's header path.
//!
//! The header starts with the first grid row and reaches at least as far down
//! as the cells of that row span. It grows by a further row while that row
//! holds no figures and is filled across (a header level: every column either
//! has a heading there or is covered by a heading from above); a row of
//! column numbers (栏次 1 2 3 …) is header too. The first row with a figure or
//! a sparsely filled row (a body label row such as "一、…" with blank amounts)
//! starts the body.

use super::grid::Grid;

/// Header rows never exceed this many (a runaway would swallow the body).
pub const MAX_HEADER_ROWS: usize = 6;
/// Least share of a row's columns that must carry a heading for the row to
/// count as a header level.
const HEADER_FILL: f32 = 0.75;

/// A figure as budget tables print them: 1,234.56 / -12.00 / （12.00） / 0 / 3.5%.
///
/// Read by hand, as the pattern
/// `^[-－—]?[（(]?[-－]?[0-9][0-9,，]*(\.[0-9]+)?[)）]?%?$` reads it (tested
/// against it): tables ask it of every cell, and the match cost several times
/// as much. Each optional part stands
/// before something it cannot be, so reading greedily is all the pattern's
/// backtracking could do.
pub fn is_figure(text: &str) -> bool {
    let mut rest = text.trim().chars().peekable();
    let digit = |c: char| c.is_ascii_digit();
    take(&mut rest, |c| matches!(c, '-' | '－' | '—'));
    take(&mut rest, |c| matches!(c, '（' | '('));
    take(&mut rest, |c| matches!(c, '-' | '－'));
    if !take(&mut rest, digit) {
        return false;
    }
    while take(&mut rest, |c| digit(c) || matches!(c, ',' | '，')) {}
    if take(&mut rest, |c| c == '.') {
        if !take(&mut rest, digit) {
            return false;
        }
        while take(&mut rest, digit) {}
    }
    take(&mut rest, |c| matches!(c, ')' | '）'));
    take(&mut rest, |c| c == '%');
    rest.next().is_none()
}

/// Moves past the next character if `accepts` it.
fn take(rest: &mut std::iter::Peekable<std::str::Chars>, accepts: impl Fn(char) -> bool) -> bool {
    rest.next_if(|&c| accepts(c)).is_some()
}

/// Dashes that mean zero in a figure column.
pub fn is_dash(text: &str) -> bool {
    matches!(text.trim(), "-" | "－" | "—" | "——" | "--")
}

/// A row of column numbers: 栏次 / 1 2 3 … (increasing small integers),
/// possibly with 甲 乙 or ** in the label columns.
fn is_column_number_row(grid: &Grid, row: usize) -> bool {
    let texts: Vec<&str> = (0..grid.cols())
        .filter_map(|c| grid.cell_at(row, c))
        .map(|c| c.text.as_str())
        .collect();
    are_column_numbers(&texts)
}

/// Cells that print column numbers: 栏次 / 1 2 3 … (increasing small
/// integers), with 甲 乙 or ** in the label columns.
pub fn are_column_numbers(cells: &[&str]) -> bool {
    let texts: Vec<&str> = cells
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let numbers: Vec<u32> = texts.iter().filter_map(|t| t.parse().ok()).collect();
    let labels = texts.len() - numbers.len();
    let is_marker = |t: &str| {
        t.parse::<u32>().is_ok()
            || t.chars()
                .all(|c| matches!(c, '*' | '＊' | '甲' | '乙' | '丙' | '丁'))
            || ((t.contains('栏') || t.contains('次')) && t.chars().count() <= 6)
    };
    numbers.len() >= 2
        && labels <= numbers.len() + 3
        && numbers.windows(2).all(|w| w[1] == w[0] + 1)
        && texts.iter().all(|t| is_marker(t))
}

fn has_figure(grid: &Grid, row: usize) -> bool {
    grid.cells
        .iter()
        .filter(|c| c.row == row)
        .any(|c| is_figure(&c.text) || is_dash(&c.text))
}

/// Share of columns that carry text at `row`, counting headings from rows
/// above that span down into it.
fn fill_ratio(grid: &Grid, row: usize) -> f32 {
    let cols = grid.cols().max(1);
    let filled = (0..cols)
        .filter(|&c| {
            grid.covering(row, c)
                .is_some_and(|cell| cell.row < row || !cell.text.trim().is_empty())
        })
        .count();
    filled as f32 / cols as f32
}

/// Header labels are short; a cell longer than this is content.
const MAX_HEADING_CHARS: usize = 24;

fn has_long_text(grid: &Grid, row: usize) -> bool {
    grid.cells
        .iter()
        .filter(|c| c.row == row)
        .any(|c| c.text.chars().filter(|ch| !ch.is_whitespace()).count() > MAX_HEADING_CHARS)
}

/// A form (label | value spanning most of the width), such as a performance
/// target sheet, has no column header: its first row is content.
fn is_form_row(grid: &Grid, row: usize) -> bool {
    let filled: Vec<_> = grid
        .cells
        .iter()
        .filter(|c| c.row == row && !c.text.trim().is_empty())
        .collect();
    let cols = grid.cols();
    matches!(filled.as_slice(), [label, value]
        if label.col_span == 1 && value.col_span >= 3 && value.col_span * 10 >= cols * 6)
}

/// A sparse row that only splits headings spanning several columns above
/// it ("一般公共预算拨款" over 小计 | 其中：专项资金, "科目" over 类 | 款 | 项):
/// the header's lowest level, not a body row.
fn completes_spanning_headings(grid: &Grid, row: usize) -> bool {
    if row == 0 {
        return false;
    }
    let filled: Vec<_> = grid
        .cells
        .iter()
        .filter(|c| c.row == row && !c.text.trim().is_empty())
        .collect();
    let short_heading = |t: &str| {
        let t = t.trim();
        t.starts_with("其中") || (t.chars().count() <= 8 && !t.contains('、'))
    };
    let blank = |r: usize, c: usize| grid.covering(r, c).is_none_or(|x| x.text.trim().is_empty());
    // The heading above spans this column: one merged cell, or a heading
    // whose right-hand neighbours were left blank (drawn as separate cells).
    let spanned = |c: usize| {
        grid.covering(row - 1, c).is_some_and(|above| {
            !above.text.trim().is_empty()
                && (above.col_span >= 2
                    || (c + 1 < grid.cols() && blank(row - 1, above.col + above.col_span)))
        })
    };
    !filled.is_empty()
        && filled.iter().any(|c| spanned(c.col))
        && filled
            .iter()
            .all(|c| short_heading(&c.text) && (spanned(c.col) || blank(row - 1, c.col)))
}

/// Number of header rows at the top of the grid.
pub fn header_rows(grid: &Grid) -> usize {
    let rows = grid.rows();
    if rows == 0 {
        return 0;
    }
    if (has_figure(grid, 0) && !is_column_number_row(grid, 0))
        || has_long_text(grid, 0)
        || is_form_row(grid, 0)
    {
        return 0;
    }
    // A label cell running down the whole table's side (绩效指标) spans
    // the body too; it does not stretch the header.
    let mut end = grid
        .cells
        .iter()
        .filter(|c| c.row == 0 && (c.row_span < rows || rows <= 2))
        .map(|c| c.row + c.row_span)
        .max()
        .unwrap_or(1)
        .min(rows);
    let mut figure_rows = vec![false; rows];
    for c in &grid.cells {
        if c.row < rows && (is_figure(&c.text) || is_dash(&c.text)) {
            figure_rows[c.row] = true;
        }
    }
    let any_figures_below = |from: usize| figure_rows.iter().skip(from).any(|&f| f);
    while end < rows && end < MAX_HEADER_ROWS {
        if is_column_number_row(grid, end) {
            end += 1;
            continue;
        }
        if has_figure(grid, end)
            || !any_figures_below(end + 1)
            || (fill_ratio(grid, end) < HEADER_FILL && !completes_spanning_headings(grid, end))
        {
            break;
        }
        // Cells starting in this header row may span further down.
        end = grid
            .cells
            .iter()
            .filter(|c| c.row == end)
            .map(|c| c.row + c.row_span)
            .max()
            .unwrap_or(end + 1)
            .max(end + 1);
    }
    end.min(rows)
}

/// The header row that holds column numbers, if any.
pub fn column_number_row(grid: &Grid, header_rows: usize) -> Option<usize> {
    (0..header_rows).find(|&r| is_column_number_row(grid, r))
}

/// Each leaf column's header path, top to bottom; a heading spanning several
/// rows appears once; column-number rows are left out.
pub fn column_paths(grid: &Grid, header_rows: usize) -> Vec<Vec<String>> {
    let numbered: Vec<bool> = (0..header_rows)
        .map(|r| is_column_number_row(grid, r))
        .collect();
    (0..grid.cols())
        .map(|c| {
            let mut path: Vec<String> = Vec::new();
            let mut last: Option<(usize, usize)> = None;
            for (r, &is_numbers) in numbered.iter().enumerate() {
                if is_numbers {
                    continue;
                }
                let Some(cell) = grid.covering(r, c) else {
                    continue;
                };
                let id = (cell.row, cell.col);
                let text = cell.text.trim();
                if last != Some(id) && !text.is_empty() {
                    path.push(text.to_string());
                }
                last = Some(id);
            }
            path
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `is_figure` reads by hand, as a pattern.
    const FIGURE_PATTERN: &str = r"^[-－—]?[（(]?[-－]?[0-9][0-9,，]*(\.[0-9]+)?[)）]?%?$";

    proptest::proptest! {
        #[test]
        fn figures_read_as_the_pattern_reads_them(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "-", "－", "—", "（", "(", ")", "）", "0", "7", "12", ",", "，",
                    ".", "%", " ", "\u{3000}", "a", "一", "--", "1,234.56",
                ]),
                0..8,
            )
        ) {
            let text: String = parts.concat();
            let pattern = regex::Regex::new(FIGURE_PATTERN).unwrap();
            let t = text.trim();
            proptest::prop_assert_eq!(is_figure(&text), !t.is_empty() && pattern.is_match(t), "{:?}", text);
        }
    }

    #[test]
    fn figures_as_tables_print_them() {
        for figure in [
            "1,234.56",
            "-12.00",
            "（12.00）",
            "0",
            "3.5%",
            "—5",
            "-(-3)",
            "--5",
            " 7 ",
        ] {
            assert!(is_figure(figure), "{figure}");
        }
        for text in [
            "", "-", "1.", ".5", "1.2.3", "12a", "合计", "(", "5%%", "---5", "1 2",
        ] {
            assert!(!is_figure(text), "{text}");
        }
    }

    #[test]
    fn figures_as_printed() {
        for t in [
            "12,345,678.90",
            "0.00",
            "0",
            "-12.00",
            "（12.00）",
            "10.00%",
            "2010101",
        ] {
            assert!(is_figure(t), "{t}");
        }
        for t in ["项目", "一、财政拨款收入", "1.一般公共预算", ""] {
            assert!(!is_figure(t), "{t}");
        }
    }
}
