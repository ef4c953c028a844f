//! What names a table: its number label and its title line, wherever the
//! template prints them. In: a candidate line's text, or a grid's top rows.
//! Out: the label split from the name (`公开01表` | `收入支出决算总表`), and
//! how many of a grid's top rows are a title or unit line printed inside the
//! grid (a full-width merged cell) rather than a header.

use super::grid::Grid;
use regex::Regex;
use std::sync::OnceLock;

/// The table-number labels: 公开01表, 预算05表, 公开表一, 部门公开表04,
/// 表3, 附表2-1.
const LABEL: &str = concat!(
    r"(?:部门|单位)?(?:公开|预算|决算)[ \t]*[0-9]+(?:[-－—][0-9]+)?[ \t]*表",
    r"|(?:部门|单位)?(?:公开|预算|决算)?[ \t]*表[ \t]*(?:[0-9]+(?:[-－—][0-9]+)?|[一二三四五六七八九十]+)",
    r"|附[ \t]*表[ \t]*(?:[0-9]+(?:[-－—][0-9]+)?|[一二三四五六七八九十]+)",
);

/// A label at the start of a line (附件1-2 too), with its own separator
/// (：、 or a space).
fn leading_label_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let annex = r"|附[ \t]*件[ \t]*[0-9]+(?:[-－—][0-9]+)?";
        Regex::new(&format!(r"^[ \t]*({LABEL}{annex})[ \t]*[:：、.．]?[ \t]*"))
            .expect("a valid pattern")
    })
}

/// The same labels printed after the name ("收支总表 公开01表").
fn trailing_label_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(&format!(r"[ \t]+({LABEL})[ \t]*$")).expect("a valid pattern"))
}

use crate::layout::join::without_whitespace as compact;

/// Splits a table-number label off a line: (label, the rest). The rest is
/// empty when the line is only a label.
pub fn split_number(text: &str) -> (Option<String>, String) {
    if let Some(m) = leading_label_re().captures(text) {
        let label = compact(&m[1]);
        let rest = text[m.get(0).map_or(0, |g| g.end())..].trim().to_string();
        // "表3" must stand apart from the name; "表格说明" is not a label.
        if rest.is_empty() || !starts_mid_word(&label, &rest) {
            return (Some(label), rest);
        }
    }
    if let Some(m) = trailing_label_re().captures(text) {
        let start = m.get(0).map_or(text.len(), |g| g.start());
        return (Some(compact(&m[1])), text[..start].trim().to_string());
    }
    (None, text.trim().to_string())
}

/// A bare "表" + ordinal label glued to a name is only a label when the
/// ordinal is a digit run or the name starts a new word (a year, a quote,
/// a department).
fn starts_mid_word(label: &str, rest: &str) -> bool {
    let bare = label.starts_with('表');
    let ordinal_is_chinese = label.chars().last().is_some_and(|c| !c.is_ascii_digit());
    bare && ordinal_is_chinese && !rest.starts_with(|c: char| c.is_ascii_digit() || c == '“')
}

/// A line that is nothing but a table-number label.
pub fn is_label_only(text: &str) -> bool {
    let (label, rest) = split_number(text);
    label.is_some() && rest.is_empty()
}

/// Words that make a full-width cell at the top of a grid a title or a
/// metadata line rather than a column heading.
fn names_table(text: &str) -> bool {
    let t = compact(text);
    t.ends_with('表')
        || t.contains("表（")
        || t.contains("表(")
        || super::context::is_meta_line(&t)
        || is_label_only(&t)
}

/// What a grid's top row holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum TopRow {
    Empty,
    /// A title, label, unit or department line drawn inside the grid.
    Context,
    /// The header (or anything else): the table proper starts here.
    Table,
}

/// How many of the grid's top rows are a title, label or unit line drawn
/// inside the grid (with any empty rows around them): rows whose one filled
/// cell spans nearly the whole width and names the table, or whose filled
/// cells are all metadata. At least one row is always left to the table.
pub fn rows_above_header(grid: &Grid) -> usize {
    let mut n = 0;
    let mut seen_context = false;
    while n + 1 < grid.rows() && n < MAX_CONTEXT_ROWS {
        match top_row(grid, n) {
            TopRow::Table => break,
            TopRow::Context => seen_context = true,
            TopRow::Empty => {}
        }
        n += 1;
    }
    if seen_context { n } else { 0 }
}

/// A title band inside a grid is at most this many rows (empty ones included).
const MAX_CONTEXT_ROWS: usize = 4;
/// A title cell spans at least this share of the grid's width.
const TITLE_CELL_WIDTH: f32 = 0.8;

fn top_row(grid: &Grid, row: usize) -> TopRow {
    let cells: Vec<_> = grid.cells.iter().filter(|c| c.row == row).collect();
    if cells.iter().any(|c| c.row_span > 1) {
        return TopRow::Table;
    }
    let filled: Vec<_> = cells.iter().filter(|c| !c.text.trim().is_empty()).collect();
    let width = grid.bbox.x1 - grid.bbox.x0;
    let is_meta = |t: &str| super::context::is_meta_line(t) || is_label_only(t);
    match filled.as_slice() {
        [] => TopRow::Empty,
        [one]
            if one.bbox.x1 - one.bbox.x0 >= width * TITLE_CELL_WIDTH && names_table(&one.text) =>
        {
            TopRow::Context
        }
        _ if filled.iter().all(|c| is_meta(c.text.trim())) => TopRow::Context,
        _ => TopRow::Table,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::BBox;
    use crate::table::grid::GridCell;

    #[test]
    fn labels_split_from_names() {
        let cases = [
            ("公开01表", Some("公开01表"), ""),
            (
                "公开01表 收入支出决算总表",
                Some("公开01表"),
                "收入支出决算总表",
            ),
            (
                "预算05表一般公共预算支出表",
                Some("预算05表"),
                "一般公共预算支出表",
            ),
            ("公开表一：部门收支总表", Some("公开表一"), "部门收支总表"),
            ("部门公开表04", Some("部门公开表04"), ""),
            ("表3 2026年支出总表", Some("表3"), "2026年支出总表"),
            ("附表2-1 收入总表", Some("附表2-1"), "收入总表"),
            ("收支总表 公开01表", Some("公开01表"), "收支总表"),
            ("2026年部门收支总表", None, "2026年部门收支总表"),
            ("表格填报说明", None, "表格填报说明"),
        ];
        for (text, label, rest) in cases {
            let (l, r) = split_number(text);
            assert_eq!((l.as_deref(), r.as_str()), (label, rest), "{text}");
        }
        assert!(is_label_only(" 公开 09 表 "));
        assert!(!is_label_only("公开09表 三公经费"));
    }

    fn cell(row: usize, col: usize, col_span: usize, x0: f32, x1: f32, text: &str) -> GridCell {
        GridCell {
            confidence: None,
            row,
            col,
            row_span: 1,
            col_span,
            bbox: BBox {
                x0,
                top: row as f32 * 20.0,
                x1,
                bottom: row as f32 * 20.0 + 20.0,
            },
            text: text.into(),
            size: 10.0,
        }
    }

    fn grid(cells: Vec<GridCell>, rows: usize) -> Grid {
        Grid {
            xs: vec![0.0, 100.0, 200.0, 300.0],
            ys: (0..=rows).map(|r| r as f32 * 20.0).collect(),
            cells,
            bbox: BBox {
                x0: 0.0,
                top: 0.0,
                x1: 300.0,
                bottom: rows as f32 * 20.0,
            },
            glyphs: vec![],
        }
    }

    #[test]
    fn a_title_and_unit_drawn_inside_the_grid_are_not_header() {
        let g = grid(
            vec![
                cell(0, 0, 3, 0.0, 300.0, "预算01表 收支总表"),
                cell(1, 0, 2, 0.0, 200.0, ""),
                cell(1, 2, 1, 200.0, 300.0, "金额单位：万元"),
                cell(2, 0, 1, 0.0, 100.0, "项目"),
                cell(2, 1, 1, 100.0, 200.0, "预算数"),
                cell(2, 2, 1, 200.0, 300.0, "合计"),
                cell(3, 0, 1, 0.0, 100.0, "一、收入"),
                cell(3, 1, 1, 100.0, 200.0, "1.00"),
                cell(3, 2, 1, 200.0, 300.0, "1.00"),
            ],
            4,
        );
        assert_eq!(rows_above_header(&g), 2);
        // A full-width heading that names no table is the header's top level.
        let g = grid(
            vec![
                cell(0, 0, 3, 0.0, 300.0, "本年收入"),
                cell(1, 0, 1, 0.0, 100.0, "项目"),
                cell(1, 1, 1, 100.0, 200.0, "预算数"),
                cell(1, 2, 1, 200.0, 300.0, "合计"),
            ],
            2,
        );
        assert_eq!(rows_above_header(&g), 0);
    }
}
