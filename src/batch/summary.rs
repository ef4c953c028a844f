//! The end-of-run summary: counts by outcome and error kind, checks failed by
//! id, the failed files, and the slowest files. Written to OUT/summary.json and
//! printed on stderr.

use serde::Serialize;
use std::collections::BTreeMap;

/// How one input ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub key: String,
    pub path: String,
    /// "ok", "failed" or "skipped" (already done with this tool version).
    pub status: &'static str,
    pub error_kind: Option<String>,
    pub error: Option<String>,
    pub seconds: f64,
    /// Ids of the checks that failed in this document, each once.
    pub failed_checks: Vec<String>,
    /// Ids of the checks that differ only by rounding, each once.
    pub rounding_checks: Vec<String>,
    /// Printed amounts that could not be given in 元 (no unit was found).
    pub amounts_without_yuan: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub documents: usize,
    pub ok: usize,
    pub failed: usize,
    pub skipped: usize,
    pub errors_by_kind: BTreeMap<String, usize>,
    /// For each check id, in how many documents it failed.
    pub failed_checks_by_id: BTreeMap<String, usize>,
    /// For each check id, in how many documents it differed only by rounding.
    pub rounding_checks_by_id: BTreeMap<String, usize>,
    /// Documents with a failed check (inconsistencies in the documents as
    /// published, not errors of budgetpdf), by path.
    pub documents_with_failed_checks: Vec<String>,
    /// Printed amounts without a value in 元 (their table's unit was not found).
    pub amounts_without_value_yuan: usize,
    pub failures: Vec<Failure>,
    pub slowest: Vec<Timing>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub path: String,
    pub kind: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Timing {
    pub path: String,
    pub seconds: f64,
}

/// "1 document", "3 documents".
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// How many of the slowest files the summary lists.
const SLOWEST: usize = 10;

impl Summary {
    pub fn from_outcomes(mut outcomes: Vec<Outcome>) -> Summary {
        outcomes.sort_by(|a, b| a.key.cmp(&b.key));
        let mut s = Summary {
            documents: outcomes.len(),
            ..Summary::default()
        };
        for o in &outcomes {
            match o.status {
                "ok" => s.ok += 1,
                "skipped" => s.skipped += 1,
                _ => s.failed += 1,
            }
            if let Some(kind) = &o.error_kind {
                *s.errors_by_kind.entry(kind.clone()).or_default() += 1;
                s.failures.push(Failure {
                    path: o.path.clone(),
                    kind: kind.clone(),
                    message: o.error.clone().unwrap_or_default(),
                });
            }
            if !o.failed_checks.is_empty() {
                s.documents_with_failed_checks.push(o.path.clone());
            }
            for id in &o.failed_checks {
                *s.failed_checks_by_id.entry(id.clone()).or_default() += 1;
            }
            s.amounts_without_value_yuan += o.amounts_without_yuan;
            for id in &o.rounding_checks {
                *s.rounding_checks_by_id.entry(id.clone()).or_default() += 1;
            }
        }
        let mut timed: Vec<&Outcome> = outcomes.iter().filter(|o| o.status != "skipped").collect();
        timed.sort_by(|a, b| b.seconds.total_cmp(&a.seconds));
        s.slowest = timed
            .into_iter()
            .take(SLOWEST)
            .map(|o| Timing {
                path: o.path.clone(),
                seconds: (o.seconds * 1000.0).round() / 1000.0,
            })
            .collect();
        s
    }

    /// The few lines printed on stderr at the end of a run.
    pub fn report(&self) -> String {
        let mut out = format!(
            "budgetpdf: {}: {} extracted, {} skipped (already done), {} failed\n",
            plural(self.documents, "document"),
            self.ok,
            self.skipped,
            self.failed
        );
        for (kind, n) in &self.errors_by_kind {
            out.push_str(&format!("  {n} {kind}\n"));
        }
        for f in &self.failures {
            out.push_str(&format!(
                "  failed: {} ({}): {}\n",
                f.path, f.kind, f.message
            ));
        }
        for (id, n) in &self.failed_checks_by_id {
            out.push_str(&format!(
                "  check {id} failed in {}\n",
                plural(*n, "document")
            ));
        }
        for (id, n) in &self.rounding_checks_by_id {
            out.push_str(&format!(
                "  check {id} differed only by rounding in {}\n",
                plural(*n, "document")
            ));
        }
        if !self.documents_with_failed_checks.is_empty() {
            out.push_str(&format!(
                "  {} print figures that do not agree (inconsistencies in the documents as published, found by the checks; not errors of budgetpdf): {}\n",
                plural(self.documents_with_failed_checks.len(), "document"),
                self.documents_with_failed_checks.join(", ")
            ));
        }
        if self.amounts_without_value_yuan > 0 {
            out.push_str(&format!(
                "  {} amounts have no value in 元: their tables' unit (单位：…) was not found (see the unit_missing diagnostics)\n",
                self.amounts_without_value_yuan
            ));
        }
        if let Some(t) = self.slowest.first() {
            out.push_str(&format!("  slowest: {} ({:.2} s)\n", t.path, t.seconds));
        }
        out
    }
}
