//! Independent truth for the reading engine: on every page of the real corpus,
//! `budgetpdf`'s text must hold the same characters as poppler's `pdftotext`
//! (compared as multisets, whitespace ignored, poppler's unmapped radicals
//! normalised the way budgetpdf normalises them) — at least 99.5% per page.
//! Needs poppler-utils (`scripts/setup.sh` installs it).

mod support;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

const THRESHOLD: f64 = 0.995;

fn counts(text: &str) -> HashMap<char, usize> {
    let mut map = HashMap::new();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        *map.entry(budgetpdf::text::normalize_char(c)).or_insert(0) += 1;
    }
    map
}

fn agreement(ours: &str, theirs: &str) -> f64 {
    let (a, b) = (counts(ours), counts(theirs));
    let total = a.values().sum::<usize>().max(b.values().sum::<usize>());
    if total == 0 {
        return 1.0;
    }
    let common: usize = a
        .iter()
        .map(|(c, n)| (*n).min(*b.get(c).unwrap_or(&0)))
        .sum();
    common as f64 / total as f64
}

fn pdftotext_pages(path: &PathBuf) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext is needed: run scripts/setup.sh (installs poppler-utils)");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\x0c').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

#[test]
fn every_corpus_page_agrees_with_pdftotext() {
    let files = support::corpus_files();
    let mut failures = Vec::new();
    let mut pages_checked = 0;
    for file in &files {
        let doc = budgetpdf::pdf::read(&std::fs::read(file).unwrap()).expect("corpus files read");
        let theirs = pdftotext_pages(file);
        assert_eq!(
            doc.pages.len(),
            theirs.len(),
            "page count of {}",
            file.display()
        );
        for (page, their_text) in doc.pages.iter().zip(&theirs) {
            let score = agreement(&budgetpdf::layout::page_text(page), their_text);
            pages_checked += 1;
            if score < THRESHOLD {
                failures.push(format!(
                    "{} page {}: {:.4}",
                    file.display(),
                    page.number,
                    score
                ));
            }
        }
    }
    assert!(pages_checked >= 300, "only {pages_checked} pages checked");
    assert!(
        failures.is_empty(),
        "pages below 99.5%:\n{}",
        failures.join("\n")
    );
}
