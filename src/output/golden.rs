//! Golden outputs: a corpus's document JSONs kept under version control and
//! compared structurally with a fresh extraction, so a change in behaviour
//! shows as "which table, which row, which column, old value → new value"
//! rather than as a wall of JSON. Users run the same workflow on their own
//! corpora (`budgetpdf golden check DIR --golden THEIRS`).

use serde_json::Value;
use std::fmt;

/// One difference between a golden document and a fresh one.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// Where, in words: "t3 2024年部门支出预算表 / row 5 社会保险经办机构 / column 6 合计".
    pub place: String,
    pub old: String,
    pub new: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} → {}", self.place, self.old, self.new)
    }
}

fn show(v: &Value) -> String {
    match v {
        Value::Null => "(none)".to_string(),
        Value::String(s) if s.is_empty() => "\"\"".to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn push(out: &mut Vec<Difference>, place: String, old: &Value, new: &Value) {
    if old != new {
        out.push(Difference {
            place,
            old: show(old),
            new: show(new),
        });
    }
}

fn list(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or_default()
}

fn table_name(t: &Value) -> String {
    format!(
        "{} {}",
        t["id"].as_str().unwrap_or("?"),
        t["title"].as_str().unwrap_or("(untitled)")
    )
}

/// The row's label: its first non-empty cell that is not a figure.
fn row_label(row: &Value) -> String {
    list(&row["cells"])
        .iter()
        .filter_map(Value::as_str)
        .find(|c| !c.is_empty() && !crate::table::header::is_figure(c))
        .unwrap_or("")
        .to_string()
}

/// Differences between a golden document and a fresh one, most specific first:
/// document fields, then tables cell by cell, then facts and checks.
pub fn diff(old: &Value, new: &Value) -> Vec<Difference> {
    let mut out = Vec::new();
    for key in ["schema_version", "error"] {
        push(&mut out, key.to_string(), &old[key], &new[key]);
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
            &mut out,
            format!("document.{key}"),
            &old["document"][key],
            &new["document"][key],
        );
    }
    push(
        &mut out,
        "source.pages".into(),
        &old["source"]["pages"],
        &new["source"]["pages"],
    );
    let (old_tables, new_tables) = (list(&old["tables"]), list(&new["tables"]));
    if old_tables.len() != new_tables.len() {
        out.push(Difference {
            place: "tables".into(),
            old: format!("{} tables", old_tables.len()),
            new: format!("{} tables", new_tables.len()),
        });
    }
    for (o, n) in old_tables.iter().zip(new_tables) {
        table_diff(o, n, &mut out);
    }
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
        &mut out,
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
        &mut out,
    );
    let (os, ns) = (list(&old["sections"]), list(&new["sections"]));
    if os != ns {
        let first = os
            .iter()
            .zip(ns)
            .position(|(a, b)| a != b)
            .unwrap_or(os.len().min(ns.len()));
        out.push(Difference {
            place: format!("sections (first difference at section {})", first + 1),
            old: format!("{} sections", os.len()),
            new: format!("{} sections", ns.len()),
        });
    }
    out
}

fn table_diff(o: &Value, n: &Value, out: &mut Vec<Difference>) {
    let name = table_name(o);
    for key in ["title", "kind", "pages", "unit", "columns"] {
        push(out, format!("{name} / {key}"), &o[key], &n[key]);
    }
    let (orows, nrows) = (list(&o["rows"]), list(&n["rows"]));
    if orows.len() != nrows.len() {
        out.push(Difference {
            place: format!("{name} / rows"),
            old: format!("{} rows", orows.len()),
            new: format!("{} rows", nrows.len()),
        });
    }
    let columns = list(&o["columns"]);
    for (i, (orow, nrow)) in orows.iter().zip(nrows).enumerate() {
        let (ocells, ncells) = (list(&orow["cells"]), list(&nrow["cells"]));
        for c in 0..ocells.len().max(ncells.len()) {
            let (a, b) = (
                ocells.get(c).unwrap_or(&Value::Null),
                ncells.get(c).unwrap_or(&Value::Null),
            );
            if a != b {
                let header = columns
                    .get(c)
                    .map(|p| {
                        list(p)
                            .iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join("/")
                    })
                    .unwrap_or_default();
                out.push(Difference {
                    place: format!(
                        "{name} / row {} {} / column {} {}",
                        i + 1,
                        row_label(orow),
                        c + 1,
                        header
                    ),
                    old: show(a),
                    new: show(b),
                });
            }
        }
    }
}

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

    #[test]
    fn a_changed_cell_is_named_by_table_row_and_column() {
        let old = json!({"tables": [{"id": "t1", "title": "收入表", "columns": [["项目"], ["合计"]],
            "rows": [{"page": 1, "cells": ["一、财政拨款", "10.00"]}]}]});
        let mut new = old.clone();
        new["tables"][0]["rows"][0]["cells"][1] = json!("10.01");
        let d = diff(&old, &new);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].to_string(),
            "t1 收入表 / row 1 一、财政拨款 / column 2 合计: 10.00 → 10.01"
        );
        assert!(diff(&old, &old).is_empty());
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
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].new, "new");
    }
}
