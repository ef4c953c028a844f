//! Every annex table a document lists in its own 目录 is found exactly once,
//! on the right pages, and nothing else is reported as a table. The
//! expectations (tests/truth/annex_tables.json) were read off the rendered
//! documents by a person, not produced by budgetpdf.

mod support;
use support::page_numbers;

use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Titles compared without whitespace and without a leading ordinal
/// (一、 / 1. / 公开01表： / 表一), which the truth file leaves out.
fn normalise(title: &str) -> String {
    let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    let ordinal = regex::Regex::new(
        r"^(?:[一二三四五六七八九十]+[、.．]|\d+[.．、]|公开\d+表[:：]?|表[一二三四五六七八九十\d]+[:：]?)",
    )
    .unwrap();
    ordinal.replace(&t, "").to_string()
}

/// Equal titles match; failing that, one that ends with the other (a printed
/// title may carry the department's name in front: "2017年度…部门收入预算总表").
fn matching<'a>(
    tables: &'a [budgetpdf::output::document::TableJson],
    truth: &str,
) -> Vec<&'a budgetpdf::output::document::TableJson> {
    let want = normalise(truth);
    let titled = tables
        .iter()
        .filter_map(|t| t.title.as_deref().map(|x| (t, normalise(x))));
    let exact: Vec<_> = titled
        .clone()
        .filter(|(_, x)| *x == want)
        .map(|(t, _)| t)
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    titled
        .filter(|(_, x)| x.ends_with(&want) || want.ends_with(x.as_str()))
        .map(|(t, _)| t)
        .collect()
}

#[test]
fn annex_tables_are_found_once_on_their_pages() {
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/truth/annex_tables.json")).unwrap(),
    )
    .unwrap();
    let files = truth["files"].as_object().unwrap();
    assert_eq!(files.len(), 13);
    let mut problems = Vec::new();
    let (mut found_right, mut expected) = (0, 0);
    for (file, spec) in files {
        let bytes = std::fs::read(root().join("tests/corpus/real").join(file)).unwrap();
        let doc = budgetpdf::extract(&bytes, file);
        let listed: Vec<&Value> = spec["tables"]
            .as_array()
            .unwrap()
            .iter()
            .chain(spec["unlisted"].as_array().unwrap())
            .filter(|t| !t["pages"].as_array().unwrap().is_empty())
            .collect();
        let toc: Vec<u32> = spec["toc_pages"]
            .as_array()
            .map(|a| a.iter().map(|p| p.as_u64().unwrap() as u32).collect())
            .unwrap_or_default();
        if !toc.is_empty() && doc.document.toc_pages != toc {
            problems.push(format!(
                "{file}: contents pages {:?}, truth {toc:?}",
                doc.document.toc_pages
            ));
        }
        for t in &listed {
            expected += 1;
            let pages: Vec<u32> = page_numbers(&t["pages"]);
            let Some(title) = t["title"].as_str() else {
                // An untitled table: one untitled table on exactly those pages.
                let n = doc
                    .tables
                    .iter()
                    .filter(|x| x.title.is_none() && x.pages == pages)
                    .count();
                if n == 1 {
                    found_right += 1;
                } else {
                    problems.push(format!(
                        "{file}: untitled table on {pages:?} found {n} times"
                    ));
                }
                continue;
            };
            let matches = matching(&doc.tables, title);
            match matches.as_slice() {
                [one] if one.pages == pages => found_right += 1,
                [one] => problems.push(format!(
                    "{file}: {title}: pages {:?}, truth {pages:?}",
                    one.pages
                )),
                [] => problems.push(format!("{file}: {title} (pages {pages:?}) not found")),
                many => problems.push(format!(
                    "{file}: {title} found {} times on {:?}",
                    many.len(),
                    many.iter().map(|m| &m.pages).collect::<Vec<_>>()
                )),
            }
        }
        for x in &doc.tables {
            let known = listed.iter().any(|t| match t["title"].as_str() {
                Some(title) => matching(std::slice::from_ref(x), title).len() == 1,
                None => x.title.is_none(),
            });
            if !known {
                problems.push(format!(
                    "{file}: extra table {:?} on pages {:?}",
                    x.title, x.pages
                ));
            }
        }
    }
    eprintln!("{found_right}/{expected} annex tables found once on the right pages");
    for p in &problems {
        eprintln!("  {p}");
    }
    assert!(problems.is_empty(), "{} problems", problems.len());
}
