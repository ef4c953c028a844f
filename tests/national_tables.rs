//! Every table of the 40 national documents (`../shared/corpus/real2`, ten
//! provinces, 15 cities) is found once, on its pages, with its kind, title and
//! number label; and each document's entity and fiscal year are read. The
//! expectations (tests/truth/real2/*.json) were read off the rendered pages by
//! a person (pdftotext -layout and page images), not produced by budgetpdf.
//!
//! A run of forms that each carry their own title (`forms: N`) may come out as
//! one table or as one table per form, but every table there must have the
//! run's kind and together they must cover exactly its pages.
//!
//! The figures are printed (`--nocapture`) and held to floors just under what
//! this version reaches, so a regression fails.

use budgetpdf::output::document::TableJson;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            '"' | '“' | '”' => '"',
            _ => c,
        })
        .collect()
}

/// Titles compared without spacing, bracket width, quote style or a leading
/// ordinal (一、 / 1.), which the truth leaves out.
fn same_title(tool: Option<&str>, truth: Option<&str>) -> bool {
    let ordinal = regex::Regex::new(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[.．、])").unwrap();
    match (tool, truth) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            let (a, b) = (compact(a), compact(b));
            let a = ordinal.replace(&a, "").to_string();
            a == b || a.ends_with(&b) || b.ends_with(&a)
        }
        _ => false,
    }
}

fn pages(v: &Value) -> Vec<u32> {
    v["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_u64().unwrap() as u32)
        .collect()
}

#[derive(Default)]
struct Score {
    expected: usize,
    found: usize,
    pages_right: usize,
    kind_right: usize,
    title_right: usize,
    number_right: usize,
    numbered: usize,
    extra: usize,
    documents: usize,
    entity_right: usize,
    year_right: usize,
    problems: Vec<String>,
}

fn score_document(file: &str, truth: &Value, tables: &[TableJson], s: &mut Score) {
    let mut used = vec![false; tables.len()];
    for want in truth["tables"].as_array().unwrap() {
        let want_pages = pages(want);
        let kind = want["kind"].as_str().unwrap();
        let title = want["title"].as_str();
        s.expected += 1;
        let label = format!("{file} p{:?} {}", want_pages, title.unwrap_or("(untitled)"));
        if want["number"].is_string() {
            s.numbered += 1;
        }
        let starting: Vec<usize> = (0..tables.len())
            .filter(|&i| !used[i] && want_pages.contains(&tables[i].pages[0]))
            .collect();
        if want["forms"].is_u64() {
            let mut covered: Vec<u32> = starting
                .iter()
                .flat_map(|&i| tables[i].pages.clone())
                .collect();
            covered.sort();
            covered.dedup();
            if starting.is_empty() {
                s.problems.push(format!("{label}: not found"));
                continue;
            }
            s.found += 1;
            starting.iter().for_each(|&i| used[i] = true);
            // A form in a run carries its own name ("某项目绩效目标表"): only
            // what kind of form it is (the title's last words) is compared.
            let first = &tables[starting[0]];
            let form_type = |t: &str| compact(t).chars().rev().take(5).collect::<String>();
            let own_name = first.title.as_deref().map(form_type) == title.map(form_type);
            let title = if own_name {
                first.title.as_deref()
            } else {
                title
            };
            tally(s, &label, first, covered == want_pages, kind, title, want);
            if starting.iter().any(|&i| tables[i].kind != kind) {
                s.problems
                    .push(format!("{label}: forms of another kind among them"));
            }
            continue;
        }
        // The table starting on the first page, the best title first.
        let pick = starting
            .iter()
            .copied()
            .filter(|&i| tables[i].pages[0] == want_pages[0])
            .max_by_key(|&i| {
                (
                    same_title(tables[i].title.as_deref(), title),
                    tables[i].pages == want_pages,
                    std::cmp::Reverse(i),
                )
            });
        let Some(i) = pick else {
            s.problems.push(format!("{label}: not found"));
            continue;
        };
        used[i] = true;
        s.found += 1;
        let t = &tables[i];
        tally(s, &label, t, t.pages == want_pages, kind, title, want);
        // Pieces of the same table reported apart are extra tables.
        for (j, other) in tables.iter().enumerate() {
            if !used[j] && other.pages.iter().all(|p| want_pages.contains(p)) && j > i {
                used[j] = true;
                s.extra += 1;
                s.problems.push(format!(
                    "{label}: split, a piece on p{:?} reported apart",
                    other.pages
                ));
            }
        }
    }
    for (i, t) in tables.iter().enumerate().filter(|(i, _)| !used[*i]) {
        s.extra += 1;
        s.problems.push(format!(
            "{file}: extra table {} p{:?} {:?} ({})",
            tables[i].id, t.pages, t.title, t.kind
        ));
    }
}

fn tally(
    s: &mut Score,
    label: &str,
    t: &TableJson,
    pages_right: bool,
    kind: &str,
    title: Option<&str>,
    want: &Value,
) {
    if pages_right {
        s.pages_right += 1;
    } else {
        s.problems.push(format!("{label}: pages {:?}", t.pages));
    }
    if t.kind == kind {
        s.kind_right += 1;
    } else {
        s.problems
            .push(format!("{label}: kind {} (truth {kind})", t.kind));
    }
    // A table without a printed title may take one from its context; only a
    // printed title is held to the truth.
    if same_title(t.title.as_deref(), title) || (title.is_none() && t.title.is_some()) {
        s.title_right += 1;
    } else {
        s.problems.push(format!("{label}: title {:?}", t.title));
    }
    let number = want["number"].as_str().map(compact);
    if number.is_some() {
        if t.number.as_deref().map(compact) == number {
            s.number_right += 1;
        } else {
            s.problems
                .push(format!("{label}: number {:?} (truth {number:?})", t.number));
        }
    }
}

#[test]
fn national_tables_found_typed_and_titled() {
    let corpus = root().join("../shared/corpus/real2");
    if !corpus.is_dir() {
        eprintln!("skipped: ../shared/corpus/real2 is absent");
        return;
    }
    let mut truths: BTreeMap<String, Value> = BTreeMap::new();
    for entry in std::fs::read_dir(root().join("tests/truth/real2")).unwrap() {
        let path = entry.unwrap().path();
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        truths.insert(v["file"].as_str().unwrap().to_string(), v);
    }
    assert_eq!(truths.len(), 40, "one truth file per real2 document");
    let mut s = Score::default();
    for (file, truth) in &truths {
        let bytes = std::fs::read(corpus.join(file)).unwrap();
        let doc = budgetpdf::extract(&bytes, file);
        assert!(doc.error.is_none(), "{file}: {:?}", doc.error);
        s.documents += 1;
        let entity = truth["entity"].as_str().map(compact);
        if doc.document.entity.as_deref().map(compact) == entity {
            s.entity_right += 1;
        } else {
            s.problems.push(format!(
                "{file}: entity {:?} (truth {entity:?})",
                doc.document.entity
            ));
        }
        if doc.document.fiscal_year.map(u64::from) == truth["fiscal_year"].as_u64() {
            s.year_right += 1;
        } else {
            s.problems.push(format!(
                "{file}: fiscal year {:?}",
                doc.document.fiscal_year
            ));
        }
        score_document(file, truth, &doc.tables, &mut s);
    }
    for p in &s.problems {
        eprintln!("{p}");
    }
    let pct = |n: usize, d: usize| 100.0 * n as f64 / d.max(1) as f64;
    eprintln!(
        "tables {}: found {} ({:.1}%), pages right {} ({:.1}%), kind right {} ({:.1}%), title right {} ({:.1}%), number right {}/{}; extra tables {}; entity {}/{}, fiscal year {}/{}",
        s.expected,
        s.found,
        pct(s.found, s.expected),
        s.pages_right,
        pct(s.pages_right, s.expected),
        s.kind_right,
        pct(s.kind_right, s.expected),
        s.title_right,
        pct(s.title_right, s.expected),
        s.number_right,
        s.numbered,
        s.extra,
        s.entity_right,
        s.documents,
        s.year_right,
        s.documents
    );
    let floors = [
        ("found", pct(s.found, s.expected), FOUND_FLOOR),
        ("pages right", pct(s.pages_right, s.expected), PAGES_FLOOR),
        ("kind right", pct(s.kind_right, s.expected), KIND_FLOOR),
        ("title right", pct(s.title_right, s.expected), TITLE_FLOOR),
        (
            "number right",
            pct(s.number_right, s.numbered),
            NUMBER_FLOOR,
        ),
    ];
    for (what, got, floor) in floors {
        assert!(got >= floor, "{what}: {got:.1}% < {floor}%");
    }
    assert_eq!(s.extra, 0, "extra tables");
}

const FOUND_FLOOR: f64 = 99.5;
const PAGES_FLOOR: f64 = 99.8;
const KIND_FLOOR: f64 = 99.5;
const TITLE_FLOOR: f64 = 99.5;
const NUMBER_FLOOR: f64 = 99.5;
