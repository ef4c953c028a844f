//! A well-formed file is read without parsing what its pages cannot reach
//! (`budgetpdf::pdf::load`). Every object it does read must be the object
//! lopdf's full parse gives, on every real document, and on damaged copies
//! of them: either the copy is left to lopdf, or what is read agrees.

use budgetpdf::pdf::load::reachable;
use budgetpdf::pdf::{Page, ReadOptions, ReadSummary};
use lopdf::Document;

mod support;

const LIMIT: usize = 256 << 20;

/// The objects `reachable` read that differ from lopdf's, by id.
fn disagreements(lazy: &Document, eager: &Document) -> Vec<String> {
    lazy.objects
        .iter()
        .filter(|(id, object)| eager.objects.get(id) != Some(object))
        .map(|(id, _)| format!("{} {} R", id.0, id.1))
        .collect()
}

#[test]
fn every_object_read_is_the_one_lopdf_reads() {
    let files = support::real_documents();
    let (mut read, mut parsed, mut total) = (0, 0, 0);
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy();
        let bytes = std::fs::read(path).unwrap();
        let eager = Document::load_mem(&bytes).unwrap();
        let Some(lazy) = reachable(&bytes, LIMIT) else {
            eprintln!("{name}: left to lopdf");
            continue;
        };
        read += 1;
        parsed += lazy.objects.len();
        total += eager.objects.len();
        let wrong = disagreements(&lazy, &eager);
        assert!(
            wrong.is_empty(),
            "{name}: objects read differently: {wrong:?}"
        );
        assert_eq!(
            lazy.trailer.get(b"Root").ok(),
            eager.trailer.get(b"Root").ok(),
            "{name}"
        );
        assert_eq!(
            lazy.trailer.get(b"Info").ok(),
            eager.trailer.get(b"Info").ok(),
            "{name}"
        );
    }
    eprintln!(
        "{read} of {} documents read lazily: {parsed} of {total} objects parsed",
        files.len()
    );
    assert!(
        read * 10 >= files.len() * 9,
        "only {read} of {} documents were read lazily",
        files.len()
    );
    assert!(
        parsed * 2 < total,
        "{parsed} of {total} objects were parsed: nothing was left unread"
    );
}

#[path = "support/mutate.rs"]
mod mutate;

/// Damaged copies (cut, flipped, objects deleted, wrong lengths, loops) are
/// either left to lopdf, or every object read is the one lopdf reads: the
/// strict reading never reads damage as something else.
#[test]
fn damaged_files_are_left_to_lopdf_or_read_alike() {
    let mut rng = mutate::Rng(0x1a2e_10ad);
    let (mut read, mut left) = (0, 0);
    for path in support::corpus_files() {
        let original = std::fs::read(&path).unwrap();
        for i in 0..mutate::KINDS * 4 {
            let mutant = mutate::mutate(&original, i, &mut rng);
            let name = format!("{} mutant {i}", path.display());
            let Some(lazy) = reachable(&mutant, LIMIT) else {
                left += 1;
                continue;
            };
            read += 1;
            let eager = Document::load_mem(&mutant)
                .unwrap_or_else(|e| panic!("{name}: read lazily, but lopdf fails: {e}"));
            let wrong = disagreements(&lazy, &eager);
            assert!(
                wrong.is_empty(),
                "{name}: objects read differently: {wrong:?}"
            );
        }
    }
    eprintln!("damaged copies: {read} read lazily, {left} left to lopdf");
    assert!(
        read > 0 && left > 0,
        "{read} read, {left} left: the damage tested nothing"
    );
}

/// Read only what the pages reach, and parsed whole by lopdf.
fn both_ways(bytes: &[u8]) -> [Result<(Vec<Page>, ReadSummary), String>; 2] {
    let whole = support::parsing_every_object();
    [
        support::read_every_page(bytes, &ReadOptions::default()),
        support::read_every_page(bytes, &whole),
    ]
}

/// Every page of every real document, its fonts, diagnostics and losses,
/// read the same from the objects the pages reach as from the whole file.
#[test]
fn every_page_reads_the_same_as_from_the_whole_file() {
    for path in support::real_documents() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let [reached, whole] = both_ways(&std::fs::read(&path).unwrap());
        let (reached, whole) = (reached.unwrap(), whole.unwrap());
        assert!(reached.0 == whole.0, "{name}: the pages read differently");
        let said = |s: &ReadSummary| format!("{:?} {:?} {:?}", s.fonts, s.diagnostics, s.lost);
        assert_eq!(said(&reached.1), said(&whole.1), "{name}");
    }
}

/// Damaged copies read the same pages either way, or fail alike.
#[test]
fn damaged_files_read_the_same_pages_as_from_the_whole_file() {
    let mut rng = mutate::Rng(0x0bad_f11e);
    for path in support::corpus_files().iter().take(6) {
        let original = std::fs::read(path).unwrap();
        for i in 0..mutate::KINDS * 3 {
            let mutant = mutate::mutate(&original, i, &mut rng);
            let name = format!("{} mutant {i}", path.display());
            match both_ways(&mutant) {
                [Ok(reached), Ok(whole)] => {
                    assert!(reached.0 == whole.0, "{name}: the pages read differently")
                }
                [reached, whole] => assert_eq!(reached.err(), whole.err(), "{name}"),
            }
        }
    }
}
