//! A large file's streams are left in it when it is parsed, and read from it
//! as the pages need them (`ReadOptions::file`). Every page of every real
//! document must read exactly as it does from the bytes alone, and a file
//! changed while it is read must fail with a clear error, not be read as
//! something else.

use budgetpdf::pdf::{ReadOptions, ReadSummary, read_pages};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod support;

/// Options that leave every stream of at least a kilobyte in `path`.
fn leaving_streams_in(path: &Path) -> ReadOptions {
    ReadOptions {
        file: Some(Arc::new(std::fs::File::open(path).unwrap())),
        leave_streams_from_bytes: 0,
        ..ReadOptions::default()
    }
}

#[test]
fn every_page_reads_the_same_from_the_file_as_from_the_bytes() {
    let files = support::real_documents();
    let mut left_somewhere = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy();
        let bytes = std::fs::read(path).unwrap();
        let plain = support::read_every_page(&bytes, &ReadOptions::default());
        let left = support::read_every_page(&bytes, &leaving_streams_in(path));
        match (plain, left) {
            (Ok((plain_pages, plain)), Ok((left_pages, left))) => {
                assert_eq!(plain.streams_left_in_file, 0, "{name}");
                assert_eq!(plain_pages.len(), left_pages.len(), "{name}");
                for (a, b) in plain_pages.iter().zip(&left_pages) {
                    assert!(a == b, "{name}: page {} reads differently", a.number);
                }
                assert_eq!(plain.fonts.len(), left.fonts.len(), "{name}");
                let fonts = |s: &ReadSummary| format!("{:?}", s.fonts);
                assert_eq!(fonts(&plain), fonts(&left), "{name}");
                let said = |s: &ReadSummary| format!("{:?} {:?}", s.diagnostics, s.lost);
                assert_eq!(said(&plain), said(&left), "{name}");
                left_somewhere += usize::from(left.streams_left_in_file > 0);
            }
            (plain, left) => assert_eq!(plain.err(), left.err(), "{name}"),
        }
    }
    // Nearly every document has streams of a kilobyte and more.
    assert!(
        left_somewhere * 10 >= files.len() * 9,
        "only {left_somewhere} of {} documents left streams in the file",
        files.len()
    );
}

#[test]
fn a_file_smaller_than_the_threshold_is_parsed_whole() {
    let path = &support::corpus_files()[0];
    let bytes = std::fs::read(path).unwrap();
    let options = ReadOptions {
        leave_streams_from_bytes: bytes.len() + 1,
        ..leaving_streams_in(path)
    };
    let (_, summary) = support::read_every_page(&bytes, &options).unwrap();
    assert_eq!(summary.streams_left_in_file, 0);
    let (_, summary) = support::read_every_page(&bytes, &leaving_streams_in(path)).unwrap();
    assert!(summary.streams_left_in_file > 0);
}

/// The longest vendored document, copied where the test may change it.
fn copy_of_a_long_document(dir: &Path) -> (PathBuf, Vec<u8>) {
    let longest = support::corpus_files()
        .into_iter()
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .unwrap();
    let bytes = std::fs::read(&longest).unwrap();
    let copy = dir.join("copy.pdf");
    std::fs::write(&copy, &bytes).unwrap();
    (copy, bytes)
}

#[test]
fn a_file_changed_while_it_is_read_fails_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let (copy, bytes) = copy_of_a_long_document(dir.path());
    let options = leaving_streams_in(&copy);
    let mut pages = 0;
    let result = read_pages(&bytes, &options, &mut |_| {
        pages += 1;
        // Another program rewrites the file after the first page.
        let mut garbled = bytes.clone();
        garbled.iter_mut().skip(4096).for_each(|b| *b = b'x');
        std::fs::write(&copy, &garbled).unwrap();
        Ok(())
    });
    let error = result.expect_err("a garbled file must not read as the one parsed");
    assert_eq!(error.kind.to_string(), "corrupt");
    assert!(
        error.message.contains("changed while it was read") && error.message.contains("run again"),
        "{}",
        error.message
    );
    assert!(pages >= 1, "{}", error.message);
}

#[test]
fn a_file_cut_while_it_is_read_fails_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let (copy, bytes) = copy_of_a_long_document(dir.path());
    let options = leaving_streams_in(&copy);
    let result = read_pages(&bytes, &options, &mut |_| {
        std::fs::File::create(&copy).unwrap();
        Ok(())
    });
    let error = result.expect_err("a file cut short must not read as the one parsed");
    assert!(error.message.contains("failed"), "{}", error.message);
    assert!(error.message.contains("run again"), "{}", error.message);
}

#[path = "support/mutate.rs"]
mod mutate;

/// Damaged copies (cut, flipped, wrong lengths, objects deleted) read the
/// same with their streams left in the file as from their bytes: where a
/// stream cannot be found again, the file is parsed the plain way.
#[test]
fn damaged_files_read_the_same_with_their_streams_left_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = mutate::Rng(0x5eed_1eaf);
    let mut compared = 0;
    for path in support::corpus_files().iter().take(4) {
        let original = std::fs::read(path).unwrap();
        for i in 0..mutate::KINDS * 6 {
            let mutant = mutate::mutate(&original, i % mutate::KINDS, &mut rng);
            let copy = dir.path().join("mutant.pdf");
            std::fs::write(&copy, &mutant).unwrap();
            // Both parsed whole by lopdf: a damaged object no page reaches
            // is counted by both.
            let whole = support::parsing_every_object();
            let plain = support::read_every_page(&mutant, &whole);
            let left = support::read_every_page(&mutant, &leaving_streams_in(&copy));
            let name = format!("{} mutant {i}", path.display());
            match (plain, left) {
                (Ok((a, plain)), Ok((b, left))) => {
                    assert!(a == b, "{name}: the pages read differently");
                    let said = |s: &ReadSummary| format!("{:?} {:?}", s.diagnostics, s.lost);
                    assert_eq!(said(&plain), said(&left), "{name}");
                }
                (plain, left) => assert_eq!(plain.err(), left.err(), "{name}"),
            }
            compared += 1;
        }
    }
    assert_eq!(compared, 4 * mutate::KINDS * 6);
}
