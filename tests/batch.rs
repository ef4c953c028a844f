//! The batch as a harvester runs it: the `budgetpdf extract` binary over
//! directories of real files, with broken files among them, killed half-way,
//! sharded, with a manifest.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/real")
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_budgetpdf"))
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// `budgetpdf extract -q INPUT -o OUT`, its output captured.
fn extract_quietly(input: &Path, out: &Path) -> std::process::Output {
    bin()
        .args(["extract", "-q"])
        .arg(input)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap()
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Copies a few corpus files into `dir/sub` and `dir`.
fn small_tree(dir: &Path) {
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let names = [
        "sh-putuo-sifaju-2026-dept-budget.pdf",
        "js-cppcc-office-2017-dept-budget-tables.pdf",
    ];
    std::fs::copy(corpus().join(names[0]), dir.join(names[0])).unwrap();
    std::fs::copy(corpus().join(names[1]), dir.join("sub").join("Copy.PDF")).unwrap();
}

#[test]
fn output_mirrors_the_input_tree_and_is_deterministic() {
    let input = tempfile::tempdir().unwrap();
    small_tree(input.path());
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for (out, jobs) in [(&a, "1"), (&b, "2")] {
        let status = bin()
            .args(["extract", "-q", "--jobs", jobs])
            .arg(input.path())
            .arg("-o")
            .arg(out.path())
            .status()
            .unwrap();
        assert!(status.success());
    }
    assert!(
        a.path()
            .join("sh-putuo-sifaju-2026-dept-budget.json")
            .exists()
    );
    assert!(
        a.path().join("sub/Copy.json").exists(),
        "upper-case .PDF found and mirrored"
    );
    for file in json_files(a.path()) {
        if file.ends_with("summary.json") {
            continue;
        }
        let twin = b.path().join(file.strip_prefix(a.path()).unwrap());
        assert_eq!(
            std::fs::read(&file).unwrap(),
            std::fs::read(&twin).unwrap(),
            "{}",
            file.display()
        );
    }
    let summary = read_json(&a.path().join("summary.json"));
    assert_eq!(summary["ok"], 2);
    let doc = read_json(&a.path().join("sub/Copy.json"));
    assert_eq!(doc["source"]["file"], "sub/Copy.PDF");
    let text = std::fs::read_to_string(a.path().join("sub/Copy.json")).unwrap();
    assert!(
        !text.contains(&*input.path().to_string_lossy()),
        "no absolute paths in outputs"
    );
}

#[test]
fn broken_files_fail_alone() {
    let input = tempfile::tempdir().unwrap();
    small_tree(input.path());
    let good = std::fs::read(corpus().join("sh-putuo-gov-office-2025-dept-budget.pdf")).unwrap();
    std::fs::write(input.path().join("truncated.pdf"), &good[..good.len() / 3]).unwrap();
    std::fs::write(
        input.path().join("notes.pdf"),
        b"<html>404 Not Found</html>",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = extract_quietly(input.path(), out.path());
    assert_eq!(output.status.code(), Some(1), "some documents failed");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("notes.pdf"), "{stderr}");
    let summary = read_json(&out.path().join("summary.json"));
    assert_eq!(summary["documents"], 4);
    assert_eq!(
        summary["ok"].as_u64().unwrap() + summary["failed"].as_u64().unwrap(),
        4
    );
    assert!(summary["failed"].as_u64().unwrap() >= 1);
    assert!(summary["failed_checks_by_id"].is_object());
    // Every amount of the corpus copies has a unit, so all have a value in 元.
    assert_eq!(summary["amounts_without_value_yuan"], 0);
    let bad = read_json(&out.path().join("notes.json"));
    assert_eq!(bad["error"]["kind"], "corrupt");
    for good in ["sh-putuo-sifaju-2026-dept-budget.json", "sub/Copy.json"] {
        let doc = read_json(&out.path().join(good));
        assert!(doc["error"].is_null(), "{good}");
        assert!(!doc["tables"].as_array().unwrap().is_empty(), "{good}");
    }
    // The truncated file either failed with a typed error or kept what it could.
    let truncated = read_json(&out.path().join("truncated.json"));
    assert!(truncated["error"].is_null() || truncated["error"]["kind"] == "corrupt");

    // A rerun skips what is done but never hides a failure: the broken file
    // still counts as failed and the run still exits 1.
    let failed_before = summary["failed"].as_u64().unwrap();
    let rerun = extract_quietly(input.path(), out.path());
    assert_eq!(
        rerun.status.code(),
        Some(1),
        "a rerun still reports the failure"
    );
    let summary = read_json(&out.path().join("summary.json"));
    assert_eq!(summary["failed"].as_u64().unwrap(), failed_before);
    assert_eq!(
        summary["failures"].as_array().unwrap().len() as u64,
        failed_before
    );
    assert_eq!(summary["skipped"].as_u64().unwrap(), 4 - failed_before);
}

#[test]
fn a_killed_run_resumes_without_redoing_done_files() {
    let input = tempfile::tempdir().unwrap();
    let original = std::fs::read(corpus().join("js-procuratorate-2018-dept-budget.pdf")).unwrap();
    let total = 400;
    for i in 0..total {
        // Distinct bytes per copy so each has its own sha256.
        let mut bytes = original.clone();
        bytes.extend_from_slice(format!("\n% copy {i}\n").as_bytes());
        std::fs::write(input.path().join(format!("doc{i:04}.pdf")), bytes).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let mut child = bin()
        .args(["extract", "-q", "--jobs", "1"])
        .arg(input.path())
        .arg("-o")
        .arg(out.path())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while json_files(out.path()).len() < 20 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let done_before = json_files(out.path());
    assert!(
        done_before.len() >= 20 && done_before.len() < total,
        "killed half-way: {}",
        done_before.len()
    );
    for f in &done_before {
        read_json(f); // every output present is whole
    }
    let output = extract_quietly(input.path(), out.path());
    assert!(output.status.success());
    let summary = read_json(&out.path().join("summary.json"));
    assert_eq!(summary["documents"], total);
    assert!(summary["skipped"].as_u64().unwrap() as usize >= done_before.len());
    assert_eq!(
        summary["ok"].as_u64().unwrap() + summary["skipped"].as_u64().unwrap(),
        total as u64
    );
    assert_eq!(json_files(out.path()).len(), total + 1);
}

#[test]
fn shards_split_without_overlap_and_manifest_columns_arrive() {
    let input = tempfile::tempdir().unwrap();
    for name in [
        "sh-putuo-sifaju-2026-dept-budget.pdf",
        "js-cppcc-office-2017-dept-budget-tables.pdf",
        "js-high-court-2017-dept-budget.pdf",
    ] {
        std::fs::copy(corpus().join(name), input.path().join(name)).unwrap();
    }
    let manifest = input.path().join("manifest.csv");
    let sifaju = input.path().join("sh-putuo-sifaju-2026-dept-budget.pdf");
    std::fs::write(
        &manifest,
        format!(
            "path,url,province\n{},https://example.gov.cn/a.pdf,上海\n",
            sifaju.display()
        ),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    for k in 0..3 {
        let status = bin()
            .args(["extract", "-q", "--shard", &format!("{k}/3"), "--manifest"])
            .arg(&manifest)
            .arg(input.path())
            .arg("-o")
            .arg(out.path())
            .status()
            .unwrap();
        assert!(status.success());
        // Each shard writes its own summary; none overwrites another's.
        let summary = read_json(&out.path().join(format!("summary.shard-{k}-of-3.json")));
        seen.push(summary["ok"].as_u64().unwrap());
    }
    assert!(
        !out.path().join("summary.json").exists(),
        "shards leave summary.json to the gathering run"
    );
    for k in 0..3 {
        assert!(
            out.path()
                .join(format!("summary.shard-{k}-of-3.json"))
                .exists()
        );
    }
    assert_eq!(
        seen.iter().sum::<u64>(),
        3,
        "each file in exactly one shard: {seen:?}"
    );
    let doc = read_json(&out.path().join("sh-putuo-sifaju-2026-dept-budget.json"));
    assert_eq!(doc["source"]["meta"]["url"], "https://example.gov.cn/a.pdf");
    // A manifest row that names no input is reported.
    std::fs::write(
        &manifest,
        format!(
            "path,url\n{},https://example.gov.cn/a.pdf\n/elsewhere/gone.pdf,https://example.gov.cn/b.pdf\n",
            sifaju.display()
        ),
    )
    .unwrap();
    let warned = bin()
        .args(["extract", "-q", "--manifest"])
        .arg(&manifest)
        .arg(input.path())
        .arg("-o")
        .arg(out.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&warned.stderr);
    assert!(
        stderr.contains("1 manifest row(s) match no input") && stderr.contains("gone.pdf"),
        "{stderr}"
    );
    assert_eq!(doc["source"]["meta"]["province"], "上海");
    let bad = bin()
        .args(["extract", "--shard", "3/3", "x.pdf", "-o"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn paths_on_stdin_and_globs() {
    let input = tempfile::tempdir().unwrap();
    small_tree(input.path());
    let out = tempfile::tempdir().unwrap();
    let mut child = bin()
        .args(["extract", "-q", "-", "-o"])
        .arg(out.path())
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    writeln!(
        child.stdin.take().unwrap(),
        "{}",
        input.path().join("sub/Copy.PDF").display()
    )
    .unwrap();
    assert!(child.wait().unwrap().success());
    assert!(out.path().join("Copy.json").exists());
    let pattern = format!("{}/*.pdf", input.path().display());
    let status = bin()
        .args(["extract", "-q", &pattern, "-o"])
        .arg(out.path())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        out.path()
            .join("sh-putuo-sifaju-2026-dept-budget.json")
            .exists()
    );
    // A missing path on standard input is refused as on the command line.
    let mut child = bin()
        .args(["extract", "-q", "-", "-o"])
        .arg(out.path())
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "/no/such/file.pdf").unwrap();
    let refused = child.wait_with_output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("/no/such/file.pdf"));
}

#[test]
fn text_and_tables_read_a_pdf_from_standard_input() {
    use std::io::Write;
    let pdf = std::fs::read(corpus().join("js-high-court-2017-dept-budget.pdf")).unwrap();
    let run = |args: &[&str]| {
        let mut child = bin()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&pdf).unwrap();
        child.wait_with_output().unwrap()
    };
    let piped = run(&["tables", "-", "--format", "json"]);
    assert!(piped.status.success());
    let named = bin()
        .args(["tables", "--format", "json"])
        .arg(corpus().join("js-high-court-2017-dept-budget.pdf"))
        .output()
        .unwrap();
    assert_eq!(
        piped.stdout, named.stdout,
        "the same tables from a pipe as from the file"
    );
    let text = run(&["text", "-", "--page", "1"]);
    assert!(text.status.success());
    assert!(!text.stdout.is_empty());
    let missing = bin().args(["text", "no-such.pdf"]).output().unwrap();
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such.pdf"));
}

#[test]
fn name_collisions_are_order_independent_and_the_warehouse_holds_this_run_only() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let name = "budget.pdf";
    std::fs::copy(
        corpus().join("sh-putuo-sifaju-2026-dept-budget.pdf"),
        a.path().join(name),
    )
    .unwrap();
    std::fs::copy(
        corpus().join("js-high-court-2017-dept-budget.pdf"),
        b.path().join(name),
    )
    .unwrap();
    let run = |first: &Path, second: &Path, out: &Path| {
        let output = bin()
            .args(["extract", "-q"])
            .arg(first.join(name))
            .arg(second.join(name))
            .arg("-o")
            .arg(out)
            .arg("--tables-out")
            .arg(out.join("warehouse"))
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stderr).to_string()
    };
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    // A stale output of an earlier run must not reach the warehouse.
    std::fs::copy(
        corpus().join("../../../golden/js-cppcc-office-2017-dept-budget-tables.json"),
        one.path().join("stale.json"),
    )
    .unwrap();
    let said = run(a.path(), b.path(), one.path());
    run(b.path(), a.path(), two.path());
    assert!(said.contains("same name as another input"), "{said}");
    // The same file gets the same output name whatever the order.
    let sources = |dir: &Path| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "json")
                    && !p.ends_with("summary.json")
                    && !p.ends_with("stale.json")
            })
            .map(|p| {
                let doc = read_json(&p);
                (
                    p.file_name().unwrap().to_string_lossy().to_string(),
                    doc["source"]["sha256"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(sources(one.path()), sources(two.path()));
    assert_eq!(sources(one.path()).len(), 2);
    // Each input once in the warehouse, the stale output left out.
    let documents = std::fs::read_to_string(one.path().join("warehouse/documents.ndjson")).unwrap();
    assert_eq!(documents.lines().count(), 2, "{documents}");
}

/// `budgetpdf extract -q INPUT -o OUT` with the memory trace on: what it
/// wrote to stderr, once it succeeded.
fn extract_traced(input: &Path, out: &Path) -> String {
    let run = bin()
        .args(["extract", "-q"])
        .arg(input)
        .arg("-o")
        .arg(out)
        .env(budgetpdf::memory::TRACE_VARIABLE, "1")
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    String::from_utf8_lossy(&run.stderr).into_owned()
}

/// With `BUDGETPDF_TRACE_MEMORY` set, each stage of a document says what its
/// heap and the process hold; without it nothing is said, and the outputs
/// are the same either way.
#[test]
fn the_memory_trace_names_each_stage_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus().join("sh-putuo-sifaju-2026-dept-budget.pdf");
    let (traced_out, quiet_out) = (dir.path().join("traced"), dir.path().join("quiet"));
    let said = extract_traced(&input, &traced_out);
    for stage in [
        "parsed, 0 streams left in the file",
        "page 1 read",
        "pages read",
        "tables found",
        "records built",
        "checks run",
    ] {
        let line = format!("budgetpdf memory: {stage}: heap ");
        assert!(said.contains(&line), "no {line:?} in:\n{said}");
    }
    let quiet = bin()
        .args(["extract", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(&quiet_out)
        .env_remove(budgetpdf::memory::TRACE_VARIABLE)
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("budgetpdf memory:"));
    let outputs = |dir: &Path| -> Vec<serde_json::Value> {
        json_files(dir)
            .iter()
            .filter(|p| !p.ends_with("summary.json"))
            .map(|p| read_json(p))
            .collect()
    };
    let traced_docs = outputs(&traced_out);
    assert_eq!(traced_docs.len(), 1);
    assert_eq!(traced_docs, outputs(&quiet_out));
}

/// A file of 8 MB or more is parsed with its streams left in the file, read
/// back as its pages need them (the batch keeps the file open): `extract`
/// gives what the library gives from the bytes alone.
#[test]
fn a_large_files_streams_are_read_from_the_file_with_the_same_result() {
    let dir = tempfile::tempdir().unwrap();
    let original = corpus().join("sh-putuo-sifaju-2026-dept-budget.pdf");
    let mut doc = lopdf::Document::load(&original).unwrap();
    // 9 MB that no page refers to, which make the file large.
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let filler: Vec<u8> = (0..9 << 20)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    doc.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), filler));
    let large = dir.path().join("large.pdf");
    doc.save(&large).unwrap();
    let out = dir.path().join("out");
    let said = extract_traced(&large, &out);
    let left: usize = said
        .lines()
        .find_map(|l| l.strip_prefix("budgetpdf memory: parsed, "))
        .and_then(|rest| rest.split(' ').next()?.parse().ok())
        .unwrap_or_else(|| panic!("no parse stage in:\n{said}"));
    assert!(left > 0, "no stream was left in the file:\n{said}");
    let from_file = read_json(&out.join("large.json"));
    let bytes = std::fs::read(&large).unwrap();
    let from_bytes = serde_json::to_value(budgetpdf::extract(&bytes, "large.pdf")).unwrap();
    assert!(from_file["error"].is_null(), "{}", from_file["error"]);
    for part in [
        "document",
        "sections",
        "tables",
        "facts",
        "checks",
        "diagnostics",
    ] {
        assert_eq!(from_file[part], from_bytes[part], "{part} differ");
    }
    assert!(
        from_file["tables"]
            .as_array()
            .is_some_and(|t| !t.is_empty())
    );
}
