//! Golden outputs: a corpus's document JSONs kept under version control and
//! compared structurally with a fresh extraction, so a change in behaviour
//! shows as "which table, which row, which column, old value → new value"
//! rather than as a wall of JSON. Users run the same workflow on their own
//! corpora (`budgetpdf golden check DIR --golden THEIRS`).
//!
//! Tables and rows are aligned before they are compared (a longest common
//! subsequence of unchanged items, then the most alike leftovers paired), so
//! one inserted or deleted row or table is one difference rather than a shift
//! of everything after it. Positions are the JSON's own 0-based indices
//! (`rows[2]`, `cells[5]`), so a reader can jump to them.

use serde_json::Value;
use std::fmt;

/// One difference between a golden document and a fresh one.
///
/// `place` names tables by id and title, rows by their 0-based index in the
/// JSON's `rows` and their label, cells by their index in `cells` and their
/// column header: "t3 2024年部门支出预算表 / rows[2] 社会保险经办机构 /
/// cells[5] 合计". When an earlier insertion moved an item, both indices are
/// shown, golden first (`t3→t4`, `rows[2→3]`); an inserted item is placed in
/// the new document ("row inserted at new rows[3]"), a deleted one in the
/// golden document ("row deleted at golden rows[2]").
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// Where, in words (see the type's documentation).
    pub place: String,
    /// The golden document's value, or "(absent)" for an insertion.
    pub old: String,
    /// The fresh document's value, or "(absent)" for a deletion.
    pub new: String,
}

/// What an inserted item is compared with, and what a deleted one becomes.
const ABSENT: &str = "(absent)";

/// The most pairs an alignment compares before falling back to pairing by
/// position, so a pathological document cannot exhaust memory.
const MAX_COMPARISONS: usize = 4_000_000;

impl fmt::Display for Difference {
    /// One line a reviewer reads: place, golden value, fresh value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} → {}", self.place, self.old, self.new)
    }
}

/// A value as a reader wants to see it: strings unquoted, but an empty
/// string still visible.
fn show(v: &Value) -> String {
    match v {
        Value::Null => "(none)".to_string(),
        Value::String(s) if s.is_empty() => "\"\"".to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Records a difference only when the values differ, so callers can compare
/// field after field without a test each.
fn push(out: &mut Vec<Difference>, place: String, old: &Value, new: &Value) {
    if old != new {
        out.push(Difference {
            place,
            old: show(old),
            new: show(new),
        });
    }
}

/// An array's items, or none: a missing or malformed field compares as empty
/// instead of aborting the diff.
fn list(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or_default()
}

/// A position followed by its human label, without a dangling space when
/// the label is empty.
fn labelled(position: &str, label: &str) -> String {
    if label.is_empty() {
        position.to_string()
    } else {
        format!("{position} {label}")
    }
}

/// A golden index, or "golden→new" when an insertion or deletion before it
/// moved it, so the reader can find the item in either file.
fn moved(old: impl fmt::Display, new: impl fmt::Display) -> String {
    let (old, new) = (old.to_string(), new.to_string());
    if old == new {
        old
    } else {
        format!("{old}→{new}")
    }
}

/// A table's id, a string the reader can search for in the JSON.
fn table_id(t: &Value) -> &str {
    t["id"].as_str().unwrap_or("?")
}

/// A paired table's name: its id (both ids when they differ) and its golden
/// title, as in "t3 2024年部门支出预算表".
fn table_name(o: &Value, n: &Value) -> String {
    labelled(
        &moved(table_id(o), table_id(n)),
        o["title"].as_str().unwrap_or("(untitled)"),
    )
}

/// The row's label: its first non-empty cell that is not a figure.
fn row_label(row: &Value) -> &str {
    list(&row["cells"])
        .iter()
        .filter_map(Value::as_str)
        .find(|c| !c.is_empty() && !crate::table::header::is_figure(c))
        .unwrap_or("")
}

/// A column's header path joined with "/", as printed above the column.
fn header(columns: &[Value], c: usize) -> String {
    columns
        .get(c)
        .map(|p| {
            list(p)
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default()
}

/// A whole row on one line, empty cells shown as `""` so the columns stay
/// countable.
fn row_cells(row: &Value) -> String {
    list(&row["cells"])
        .iter()
        .map(show)
        .collect::<Vec<_>>()
        .join(" | ")
}

/// What an inserted or deleted table was, so the one line says enough to
/// recognise it: kind, pages, number of rows.
fn table_summary(t: &Value) -> String {
    let pages: Vec<String> = list(&t["pages"]).iter().map(show).collect();
    format!(
        "{} table on pages {}, {} rows",
        t["kind"].as_str().unwrap_or("?"),
        pages.join(", "),
        list(&t["rows"]).len()
    )
}

/// How the items of two sequences correspond: paired (golden index, new
/// index), only in the golden one, or only in the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Both(usize, usize),
    Deleted(usize),
    Inserted(usize),
}

/// Aligns a golden sequence of `n` items with a new one of `m` items, so an
/// insertion or deletion is reported once instead of shifting every later
/// item. Items for which `same` holds are anchored by a longest common
/// subsequence; between anchors, leftovers are paired where `likeness` is
/// positive (most alike first, order kept), the rest are deletions and
/// insertions. Steps come in document order.
fn align(
    n: usize,
    m: usize,
    same: impl Fn(usize, usize) -> bool,
    likeness: impl Fn(usize, usize) -> usize,
) -> Vec<Step> {
    let mut steps = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (0, 0);
    for (a, b) in common_subsequence(n, m, &same) {
        steps.extend(pair_gap(i..a, j..b, &likeness));
        steps.push(Step::Both(a, b));
        (i, j) = (a + 1, b + 1);
    }
    steps.extend(pair_gap(i..n, j..m, &likeness));
    steps
}

/// The pairs of a longest common subsequence, in order. Equal prefixes and
/// suffixes are taken directly (the usual case: a few changes in a long
/// table), so the quadratic table covers only the changed middle.
fn common_subsequence(
    n: usize,
    m: usize,
    same: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut start = 0;
    while start < n.min(m) && same(start, start) {
        start += 1;
    }
    let mut end = 0;
    while end < (n - start).min(m - start) && same(n - 1 - end, m - 1 - end) {
        end += 1;
    }
    let mut pairs: Vec<(usize, usize)> = (0..start).map(|k| (k, k)).collect();
    let middle = lcs_middle(start..n - end, start..m - end, &same);
    pairs.extend(middle);
    pairs.extend((0..end).rev().map(|k| (n - 1 - k, m - 1 - k)));
    pairs
}

/// A longest common subsequence of two index ranges by dynamic programming;
/// O(len·len), which is small for tables of a few hundred rows. Beyond
/// `MAX_COMPARISONS` it anchors nothing and leaves the pairing to the gap.
fn lcs_middle(
    olds: std::ops::Range<usize>,
    news: std::ops::Range<usize>,
    same: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let (n, m) = (olds.len(), news.len());
    if n == 0 || m == 0 || n.saturating_mul(m) > MAX_COMPARISONS {
        return Vec::new();
    }
    let equal = |a: usize, b: usize| same(olds.start + a, news.start + b);
    let longest = lcs_lengths(n, m, equal);
    let at = |a: usize, b: usize| longest[a * (m + 1) + b];
    let (mut a, mut b, mut pairs) = (0, 0, Vec::new());
    while a < n && b < m {
        if equal(a, b) {
            pairs.push((olds.start + a, news.start + b));
            (a, b) = (a + 1, b + 1);
        } else if at(a + 1, b) >= at(a, b + 1) {
            a += 1;
        } else {
            b += 1;
        }
    }
    pairs
}

/// The length of a longest common subsequence of golden items `a..` and new
/// items `b..`, for every (a, b), row-major with width `m + 1`: the table
/// `lcs_middle` walks to pick the pairs. A longest common subsequence is the
/// best pairing where each equal pair is worth one.
fn lcs_lengths(n: usize, m: usize, equal: impl Fn(usize, usize) -> bool) -> Vec<usize> {
    best_pairings(n, m, |a, b| usize::from(equal(a, b)))
}

/// Pairs the golden and new items left between two anchors so that the total
/// likeness is greatest and order is kept: a row whose one cell changed next
/// to an inserted row is still one cell change. Items that are alike with
/// nothing are deletions (golden) and insertions (new).
fn pair_gap(
    olds: std::ops::Range<usize>,
    news: std::ops::Range<usize>,
    likeness: impl Fn(usize, usize) -> usize,
) -> Vec<Step> {
    let (n, m) = (olds.len(), news.len());
    if n.saturating_mul(m) > MAX_COMPARISONS {
        return pair_by_position(olds, news);
    }
    let score = |a: usize, b: usize| likeness(olds.start + a, news.start + b);
    let best = best_pairings(n, m, score);
    let at = |a: usize, b: usize| best[a * (m + 1) + b];
    let (mut a, mut b, mut steps) = (0, 0, Vec::with_capacity(n.max(m)));
    while a < n || b < m {
        let s = if a < n && b < m { score(a, b) } else { 0 };
        if s > 0 && at(a, b) == s + at(a + 1, b + 1) {
            steps.push(Step::Both(olds.start + a, news.start + b));
            (a, b) = (a + 1, b + 1);
        } else if a < n && (b == m || at(a, b) == at(a + 1, b)) {
            steps.push(Step::Deleted(olds.start + a));
            a += 1;
        } else {
            steps.push(Step::Inserted(news.start + b));
            b += 1;
        }
    }
    steps
}

/// The greatest total likeness pairing golden items `a..` with new items
/// `b..` can reach, for every (a, b), row-major with width `m + 1`: the table
/// `pair_gap` walks to choose which items to pair.
fn best_pairings(n: usize, m: usize, score: impl Fn(usize, usize) -> usize) -> Vec<usize> {
    let width = m + 1;
    let mut best = vec![0usize; (n + 1) * width];
    for a in (0..n).rev() {
        for b in (0..m).rev() {
            let skip = best[(a + 1) * width + b].max(best[a * width + b + 1]);
            let s = score(a, b);
            let take = if s > 0 {
                s + best[(a + 1) * width + b + 1]
            } else {
                0
            };
            best[a * width + b] = skip.max(take);
        }
    }
    best
}

/// The fallback for huge gaps: items paired in order, the longer side's
/// surplus inserted or deleted.
fn pair_by_position(olds: std::ops::Range<usize>, news: std::ops::Range<usize>) -> Vec<Step> {
    let paired = olds.len().min(news.len());
    let both = olds
        .clone()
        .zip(news.clone())
        .map(|(a, b)| Step::Both(a, b));
    let deleted = olds.skip(paired).map(Step::Deleted);
    let inserted = news.skip(paired).map(Step::Inserted);
    both.chain(deleted).chain(inserted).collect()
}

/// Differences between a golden document and a fresh one, most specific first:
/// document fields, then tables cell by cell, then facts and checks.
pub fn diff(old: &Value, new: &Value) -> Vec<Difference> {
    let mut out = Vec::new();
    document_diff(old, new, &mut out);
    tables_diff(list(&old["tables"]), list(&new["tables"]), &mut out);
    facts_and_checks_diff(old, new, &mut out);
    sections_diff(list(&old["sections"]), list(&new["sections"]), &mut out);
    out
}

/// The document-level fields, each one difference.
fn document_diff(old: &Value, new: &Value, out: &mut Vec<Difference>) {
    for key in ["schema_version", "error"] {
        push(out, key.to_string(), &old[key], &new[key]);
    }
    for key in [
        "title",
        "entity",
        "fiscal_year",
        "kind",
        "scope",
        "toc_pages",
    ] {
        push(
            out,
            format!("document.{key}"),
            &old["document"][key],
            &new["document"][key],
        );
    }
    push(
        out,
        "source.pages".into(),
        &old["source"]["pages"],
        &new["source"]["pages"],
    );
}

/// Whether two tables are the same table: same title on the same pages. Ids
/// are not compared, since one inserted table renumbers all later ones.
fn same_table(o: &Value, n: &Value) -> bool {
    o["title"] == n["title"] && o["pages"] == n["pages"]
}

/// How likely two unanchored tables are one table changed: a shared title
/// counts most, then shared pages, then kind; neither title nor pages shared
/// means different tables (0).
fn table_likeness(o: &Value, n: &Value) -> usize {
    let title = usize::from(o["title"] == n["title"]);
    let pages = usize::from(o["pages"] == n["pages"]);
    if title + pages == 0 {
        return 0;
    }
    4 * title + 2 * pages + usize::from(o["kind"] == n["kind"])
}

/// Aligns the tables and reports each inserted or deleted table once and
/// each paired table's own differences.
fn tables_diff(old: &[Value], new: &[Value], out: &mut Vec<Difference>) {
    let steps = align(
        old.len(),
        new.len(),
        |a, b| same_table(&old[a], &new[b]),
        |a, b| table_likeness(&old[a], &new[b]),
    );
    for step in steps {
        match step {
            Step::Both(a, b) => table_diff(&old[a], &new[b], out),
            Step::Deleted(a) => out.push(Difference {
                place: one_sided(
                    "table deleted at golden",
                    "tables",
                    a,
                    &lone_table_name(&old[a]),
                ),
                old: table_summary(&old[a]),
                new: ABSENT.into(),
            }),
            Step::Inserted(b) => out.push(Difference {
                place: one_sided(
                    "table inserted at new",
                    "tables",
                    b,
                    &lone_table_name(&new[b]),
                ),
                old: ABSENT.into(),
                new: table_summary(&new[b]),
            }),
        }
    }
}

/// An unpaired table's name: its own id and title.
fn lone_table_name(t: &Value) -> String {
    table_name(t, t)
}

/// The place of an item only one side has, saying what happened and in which
/// file its index is: "row inserted at new rows[3] 社会保险经办机构".
fn one_sided(what: &str, array: &str, index: usize, label: &str) -> String {
    labelled(&format!("{what} {array}[{index}]"), label)
}

/// Whether two rows are the same row: the same cells.
fn same_row(o: &Value, n: &Value) -> bool {
    o["cells"] == n["cells"]
}

/// How alike two unanchored rows are: the number of equal cells (plus one),
/// provided they share a label or at least half of their non-empty cells;
/// otherwise 0, and the rows are reported as one deletion and one insertion
/// rather than as a cell change in nearly every column.
fn row_likeness(o: &Value, n: &Value) -> usize {
    let (oc, nc) = (list(&o["cells"]), list(&n["cells"]));
    let filled = |c: &&Value| c.as_str() != Some("") && !c.is_null();
    let equal = oc.iter().zip(nc).filter(|(a, b)| a == b).count();
    let equal_filled = oc
        .iter()
        .zip(nc)
        .filter(|(a, b)| a == b && filled(a))
        .count();
    let most_filled = oc
        .iter()
        .filter(filled)
        .count()
        .max(nc.iter().filter(filled).count());
    let label = row_label(o);
    if (!label.is_empty() && label == row_label(n)) || 2 * equal_filled >= most_filled.max(1) {
        equal + 1
    } else {
        0
    }
}

/// A paired table's differences: its fields, then its rows aligned so that
/// an inserted or deleted row is one difference.
fn table_diff(o: &Value, n: &Value, out: &mut Vec<Difference>) {
    let name = table_name(o, n);
    for key in ["title", "kind", "pages", "unit", "columns"] {
        push(out, format!("{name} / {key}"), &o[key], &n[key]);
    }
    let columns = if list(&o["columns"]).is_empty() {
        list(&n["columns"])
    } else {
        list(&o["columns"])
    };
    rows_diff(&name, list(&o["rows"]), list(&n["rows"]), columns, out);
}

/// Aligns a paired table's rows and reports each inserted or deleted row
/// once and each paired row's changed cells.
fn rows_diff(
    name: &str,
    orows: &[Value],
    nrows: &[Value],
    columns: &[Value],
    out: &mut Vec<Difference>,
) {
    let steps = align(
        orows.len(),
        nrows.len(),
        |a, b| same_row(&orows[a], &nrows[b]),
        |a, b| row_likeness(&orows[a], &nrows[b]),
    );
    for step in steps {
        match step {
            Step::Both(a, b) => {
                let row = labelled(&format!("rows[{}]", moved(a, b)), row_label(&orows[a]));
                let place = format!("{name} / {row}");
                cells_diff(&place, &orows[a], &nrows[b], columns, out);
            }
            Step::Deleted(a) => out.push(Difference {
                place: format!(
                    "{name} / {}",
                    one_sided("row deleted at golden", "rows", a, row_label(&orows[a]))
                ),
                old: row_cells(&orows[a]),
                new: ABSENT.into(),
            }),
            Step::Inserted(b) => out.push(Difference {
                place: format!(
                    "{name} / {}",
                    one_sided("row inserted at new", "rows", b, row_label(&nrows[b]))
                ),
                old: ABSENT.into(),
                new: row_cells(&nrows[b]),
            }),
        }
    }
}

/// A paired row's changed cells, each named by index and column header.
fn cells_diff(row: &str, o: &Value, n: &Value, columns: &[Value], out: &mut Vec<Difference>) {
    let (ocells, ncells) = (list(&o["cells"]), list(&n["cells"]));
    for c in 0..ocells.len().max(ncells.len()) {
        let (a, b) = (
            ocells.get(c).unwrap_or(&Value::Null),
            ncells.get(c).unwrap_or(&Value::Null),
        );
        let cell = labelled(&format!("cells[{c}]"), &header(columns, c));
        push(out, format!("{row} / {cell}"), a, b);
    }
}

/// Facts and checks, paired by their keys (they carry no stable position).
fn facts_and_checks_diff(old: &Value, new: &Value, out: &mut Vec<Difference>) {
    keyed_diff(
        "facts",
        list(&old["facts"]),
        list(&new["facts"]),
        |f| {
            format!(
                "{} {} {}",
                f["key"].as_str().unwrap_or(""),
                f["source"].as_str().unwrap_or(""),
                f["table"].as_str().unwrap_or("")
            )
        },
        &["value", "printed", "page"],
        out,
    );
    keyed_diff(
        "checks",
        list(&old["checks"]),
        list(&new["checks"]),
        |c| {
            format!(
                "{} {} {}",
                c["id"].as_str().unwrap_or(""),
                c["table"].as_str().unwrap_or(""),
                c["message"].as_str().unwrap_or("")
            )
        },
        &["status"],
        out,
    );
}

/// Sections as one difference naming the first differing index: the outline
/// rarely changes, and when it does the counts and first place suffice.
fn sections_diff(os: &[Value], ns: &[Value], out: &mut Vec<Difference>) {
    if os != ns {
        let first = os
            .iter()
            .zip(ns)
            .position(|(a, b)| a != b)
            .unwrap_or(os.len().min(ns.len()));
        out.push(Difference {
            place: format!("sections (first difference at sections[{first}])"),
            old: format!("{} sections", os.len()),
            new: format!("{} sections", ns.len()),
        });
    }
}

/// Items pairable only by a key (facts, checks): pairs equal items first, then
/// the rest of each key in order, reporting the surplus as gone or new.
fn keyed_diff(
    what: &str,
    old: &[Value],
    new: &[Value],
    key: impl Fn(&Value) -> String,
    fields: &[&str],
    out: &mut Vec<Difference>,
) {
    // Items sharing a key (several narrative facts of one kind) are paired
    // equal ones first, then in order, so an inserted item is one difference
    // and not a shift of all that follow.
    let mut keys: Vec<String> = old.iter().chain(new).map(&key).collect();
    keys.dedup();
    let mut seen = std::collections::HashSet::new();
    for k in keys {
        if !seen.insert(k.clone()) {
            continue;
        }
        let mut olds: Vec<&Value> = old.iter().filter(|o| key(o) == k).collect();
        let mut news: Vec<&Value> = new.iter().filter(|n| key(n) == k).collect();
        olds.retain(|o| match news.iter().position(|n| n == o) {
            Some(i) => {
                news.remove(i);
                false
            }
            None => true,
        });
        let paired = olds.len().min(news.len());
        for (o, n) in olds.iter().zip(&news) {
            for f in fields {
                push(out, format!("{what} [{k}] {f}"), &o[*f], &n[*f]);
            }
        }
        for _ in &olds[paired..] {
            out.push(Difference {
                place: format!("{what} [{k}]"),
                old: "present".into(),
                new: "gone".into(),
            });
        }
        for _ in &news[paired..] {
            out.push(Difference {
                place: format!("{what} [{k}]"),
                old: "absent".into(),
                new: "new".into(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A body row: a label and two figures.
    fn row(label: &str, total: &str, fiscal: &str) -> Value {
        json!({"page": 1, "cells": [label, total, fiscal]})
    }

    /// `count` distinct rows, so no two rows are alike by accident.
    fn rows(count: usize) -> Vec<Value> {
        (0..count)
            .map(|k| {
                row(
                    &format!("项目{k}"),
                    &format!("{k}.00"),
                    &format!("{}.50", k * 3),
                )
            })
            .collect()
    }

    /// A table as the document JSON has it.
    fn table(id: &str, title: &str, page: u32, body: Vec<Value>) -> Value {
        json!({"id": id, "title": title, "kind": "income", "pages": [page],
            "columns": [["项目"], ["合计"], ["财政拨款"]], "rows": body})
    }

    /// A document holding one table of `body`.
    fn one_table(body: Vec<Value>) -> Value {
        json!({"tables": [table("t1", "收入表", 1, body)]})
    }

    #[test]
    fn a_changed_cell_is_named_by_table_and_0_based_row_and_cell() {
        let old = json!({"tables": [{"id": "t1", "title": "收入表", "columns": [["项目"], ["合计"]],
            "rows": [{"page": 1, "cells": ["一、财政拨款", "10.00"]}]}]});
        let mut new = old.clone();
        new["tables"][0]["rows"][0]["cells"][1] = json!("10.01");
        let d = diff(&old, &new);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].to_string(),
            "t1 收入表 / rows[0] 一、财政拨款 / cells[1] 合计: 10.00 → 10.01"
        );
        assert!(diff(&old, &old).is_empty());
    }

    #[test]
    fn an_inserted_row_is_one_difference_at_its_new_index() {
        let old = one_table(rows(20));
        let mut body = rows(20);
        body.insert(2, row("新增项目", "7.77", "8.88"));
        let d = diff(&old, &one_table(body));
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(
            d[0].place,
            "t1 收入表 / row inserted at new rows[2] 新增项目"
        );
        assert_eq!(d[0].old, ABSENT);
        assert_eq!(d[0].new, "新增项目 | 7.77 | 8.88");
    }

    #[test]
    fn a_deleted_row_is_one_difference_at_its_golden_index() {
        let old = one_table(rows(20));
        let mut body = rows(20);
        body.remove(7);
        let d = diff(&old, &one_table(body));
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(
            d[0].place,
            "t1 收入表 / row deleted at golden rows[7] 项目7"
        );
        assert_eq!(d[0].old, "项目7 | 7.00 | 21.50");
        assert_eq!(d[0].new, ABSENT);
    }

    #[test]
    fn a_changed_cell_after_an_inserted_row_is_one_more_difference_naming_both_indices() {
        let old = one_table(rows(20));
        let mut body = rows(20);
        body[10]["cells"][2] = json!("99.99");
        body.insert(3, row("新增项目", "7.77", "8.88"));
        let d = diff(&old, &one_table(body));
        assert_eq!(d.len(), 2, "{d:#?}");
        assert!(d[0].place.contains("row inserted at new rows[3]"), "{d:#?}");
        assert_eq!(
            d[1].to_string(),
            "t1 收入表 / rows[10→11] 项目10 / cells[2] 财政拨款: 30.50 → 99.99"
        );
    }

    #[test]
    fn a_changed_row_beside_an_inserted_row_stays_a_cell_change() {
        let old = one_table(rows(8));
        let mut body = rows(8);
        body[4]["cells"][1] = json!("4.01");
        body.insert(4, row("新增项目", "7.77", "8.88"));
        let d = diff(&old, &one_table(body));
        assert_eq!(d.len(), 2, "{d:#?}");
        let inserted: Vec<_> = d
            .iter()
            .filter(|x| x.place.contains("row inserted"))
            .collect();
        assert_eq!(inserted.len(), 1, "{d:#?}");
        assert!(inserted[0].place.contains("new rows[4] 新增项目"), "{d:#?}");
        assert!(
            d.iter()
                .any(|x| x.place.ends_with("rows[4→5] 项目4 / cells[1] 合计")
                    && x.old == "4.00"
                    && x.new == "4.01"),
            "{d:#?}"
        );
    }

    #[test]
    fn a_row_with_nothing_in_common_is_a_deletion_and_an_insertion() {
        let old = one_table(rows(5));
        let mut body = rows(5);
        body[2] = row("另一项目", "1.23", "4.56");
        let d = diff(&old, &one_table(body));
        assert_eq!(d.len(), 2, "{d:#?}");
        assert!(
            d[0].place.contains("row deleted at golden rows[2] 项目2"),
            "{d:#?}"
        );
        assert!(
            d[1].place.contains("row inserted at new rows[2] 另一项目"),
            "{d:#?}"
        );
    }

    #[test]
    fn an_inserted_table_is_one_difference_though_later_ids_shift() {
        let old = json!({"tables": [
            table("t1", "收入表", 1, rows(4)),
            table("t2", "支出表", 2, rows(5)),
            table("t3", "基本支出表", 3, rows(6)),
        ]});
        let new = json!({"tables": [
            table("t1", "收入表", 1, rows(4)),
            table("t2", "新表", 2, rows(3)),
            table("t3", "支出表", 2, rows(5)),
            table("t4", "基本支出表", 3, rows(6)),
        ]});
        let d = diff(&old, &new);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].place, "table inserted at new tables[1] t2 新表");
        assert_eq!(d[0].old, ABSENT);
        assert_eq!(d[0].new, "income table on pages 2, 3 rows");
    }

    #[test]
    fn a_deleted_table_is_one_difference_and_moved_ids_show_in_later_places() {
        let mut changed = rows(6);
        changed[0]["cells"][1] = json!("0.01");
        let old = json!({"tables": [
            table("t1", "收入表", 1, rows(4)),
            table("t2", "支出表", 2, rows(5)),
            table("t3", "基本支出表", 3, rows(6)),
        ]});
        let new = json!({"tables": [
            table("t1", "收入表", 1, rows(4)),
            table("t2", "基本支出表", 3, changed),
        ]});
        let d = diff(&old, &new);
        assert_eq!(d.len(), 2, "{d:#?}");
        assert_eq!(d[0].place, "table deleted at golden tables[1] t2 支出表");
        assert_eq!(d[0].new, ABSENT);
        assert_eq!(
            d[1].place,
            "t3→t2 基本支出表 / rows[0] 项目0 / cells[1] 合计"
        );
    }

    #[test]
    fn a_retitled_table_on_the_same_pages_is_paired_not_replaced() {
        let old = one_table(rows(3));
        let mut new = old.clone();
        new["tables"][0]["title"] = json!("收入总表");
        let d = diff(&old, &new);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].to_string(), "t1 收入表 / title: 收入表 → 收入总表");
    }

    #[test]
    fn alignment_keeps_common_items_and_reports_the_rest_in_order() {
        let (old, new) = (b"abcd", b"acde");
        let steps = align(4, 4, |a, b| old[a] == new[b], |_, _| 0);
        assert_eq!(
            steps,
            [
                Step::Both(0, 0),
                Step::Deleted(1),
                Step::Both(2, 1),
                Step::Both(3, 2),
                Step::Inserted(3),
            ]
        );
    }

    #[test]
    fn sections_are_placed_by_0_based_index() {
        let old = json!({"sections": [{"title": "一"}, {"title": "二"}]});
        let new = json!({"sections": [{"title": "一"}, {"title": "贰"}]});
        let d = diff(&old, &new);
        assert_eq!(d.len(), 1);
        assert!(d[0].place.contains("sections[1]"), "{d:#?}");
    }

    #[test]
    fn facts_sharing_a_key_are_paired_so_an_insertion_is_one_difference() {
        let fact = |key: &str, value: &str, page: u32, source: &str| json!({"key": key, "value": value, "printed": value, "page": page, "source": source, "table": null});
        let old = json!({"facts": [
            fact("basic_expenditure", "1408.29", 19, "narrative"),
            fact("basic_expenditure", "17123.19", 20, "narrative"),
        ]});
        let new = json!({"facts": [
            fact("basic_expenditure", "99.00", 3, "narrative"),
            fact("basic_expenditure", "1408.29", 19, "narrative"),
            fact("basic_expenditure", "17123.19", 20, "narrative"),
        ]});
        let d = diff(&old, &new);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].new, "new");
    }
}
