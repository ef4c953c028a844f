//! Hostile inputs built in code: decompression bombs, form cycles, deep nesting.
//! Each must give a typed error or a diagnostic, never a panic or a hang.

mod support;

use budgetpdf::error::DiagCode;
use lopdf::{Object, Stream, dictionary};
use support::{PdfBuilder, deflate, helvetica, texts};

#[test]
fn plain_text_reads() {
    let mut b = PdfBuilder::new();
    b.resource("Font", "F1", helvetica());
    let pdf = b.finish(b"BT /F1 12 Tf 72 720 Td (Total 1,234.50) Tj ET");
    assert_eq!(texts(&pdf).unwrap(), vec!["Total 1,234.50".to_string()]);
}

/// A font name means what the resources in force say: a form whose own
/// resources give /F1 another encoding reads its text with that font, and
/// the page's /F1 is the page's again after it (the interpreter remembers
/// each name's font per resource dictionary).
#[test]
fn a_font_name_follows_its_resources() {
    let mut b = PdfBuilder::new();
    b.resource("Font", "F1", helvetica());
    let a_reads_as_b = Object::Dictionary(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => dictionary! {
            "Type" => "Encoding",
            "BaseEncoding" => "WinAnsiEncoding",
            "Differences" => vec![97.into(), Object::Name(b"b".to_vec())],
        },
    });
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => a_reads_as_b } },
        },
        b"BT /F1 12 Tf 72 660 Td (a) Tj ET".to_vec(),
    );
    let form_ref = b.add(form);
    b.resource("XObject", "Fx", form_ref);
    let pdf = b.finish(b"BT /F1 12 Tf 72 720 Td (a) Tj ET /Fx Do BT /F1 12 Tf 72 600 Td (a) Tj ET");
    assert_eq!(texts(&pdf).unwrap(), vec!["a\nb\na".to_string()]);
}

#[test]
fn decompression_bomb_is_refused() {
    // 100 MB of spaces compress to about 100 KB; the page stream limit is lower.
    let bomb = deflate(&vec![b' '; 100 * 1024 * 1024]);
    let mut b = PdfBuilder::new();
    b.resource("Font", "F1", helvetica());
    let form = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()], "Filter" => "FlateDecode" },
        bomb,
    );
    let form_ref = b.add(form);
    b.resource("XObject", "Fx", form_ref);
    let pdf = b.finish(b"BT /F1 12 Tf 72 720 Td (ok) Tj ET /Fx Do");
    let options = budgetpdf::pdf::ReadOptions {
        limits: budgetpdf::pdf::content::Limits {
            max_stream_bytes: 8 * 1024 * 1024,
            ..Default::default()
        },
        ..Default::default()
    };
    let doc = budgetpdf::pdf::read_with(&pdf, &options).expect("the page text still reads");
    assert!(
        doc.diagnostics
            .iter()
            .any(|d| d.code == DiagCode::StreamTooLarge),
        "{:?}",
        doc.diagnostics
    );
    assert_eq!(budgetpdf::layout::page_text(&doc.pages[0]), "ok");
}

#[test]
fn form_that_draws_itself_terminates() {
    let mut b = PdfBuilder::new();
    b.resource("Font", "F1", helvetica());
    let form_id = b.doc.new_object_id();
    let resources = dictionary! {
        "XObject" => dictionary! { "Me" => form_id },
        "Font" => dictionary! { "F1" => helvetica() },
    };
    let form = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "Resources" => resources },
        b"BT /F1 10 Tf 10 10 Td (x) Tj ET /Me Do".to_vec(),
    );
    b.doc.objects.insert(form_id, Object::Stream(form));
    b.resource("XObject", "Me", Object::Reference(form_id));
    let pdf = b.finish(b"/Me Do");
    let doc = budgetpdf::pdf::read(&pdf).expect("a cycle is cut, not fatal");
    assert_eq!(doc.pages[0].glyphs.len(), 1);
    assert!(
        doc.diagnostics
            .iter()
            .any(|d| d.code == DiagCode::LimitReached)
    );
}

#[test]
fn deep_state_nesting_and_wild_numbers() {
    let mut content = Vec::new();
    content.extend(std::iter::repeat_n(b"q 1e38 0 0 1e38 0 0 cm ".as_slice(), 10_000).flatten());
    content.extend_from_slice(b"BT /F1 1e30 Tf 99999999999 -1e30 Td (x) Tj ET ");
    content.extend(std::iter::repeat_n(b"Q ".as_slice(), 20_000).flatten());
    content.extend_from_slice(b"BT /F1 12 Tf 72 720 Td (y) Tj ET");
    let mut b = PdfBuilder::new();
    b.resource("Font", "F1", helvetica());
    let pdf = b.finish(&content);
    let pages = texts(&pdf).expect("readable");
    assert_eq!(pages, vec!["y".to_string()]);
}

#[test]
fn not_a_pdf_and_empty_file_are_corrupt() {
    assert_eq!(texts(b"").unwrap_err(), "corrupt");
    assert_eq!(texts(b"%PDF-1.7\n%%EOF").unwrap_err(), "corrupt");
    assert_eq!(texts(b"hello world").unwrap_err(), "corrupt");
}

/// The vendored real corpus, in name order.
fn corpus_pdfs() -> Vec<std::path::PathBuf> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/real");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    files
}

/// A download cut short is never a clean success: each corpus file cut to
/// its first 30% comes back with an error (`damaged` when what could be read
/// is kept, `corrupt` or `no_text_layer` when nothing could), while the whole
/// file reads without one.
#[test]
fn a_cut_download_is_never_a_clean_success() {
    let files = corpus_pdfs();
    let mut damaged = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            budgetpdf::extract(&bytes, &name).error.is_none(),
            "{name} whole"
        );
        let cut = budgetpdf::extract(&bytes[..bytes.len() * 3 / 10], &name);
        let error = cut
            .error
            .unwrap_or_else(|| panic!("{name} cut to 30% passed as clean"));
        if error.kind == budgetpdf::ErrorKind::Damaged {
            damaged += 1;
            assert!(
                error.message.contains("read only in part"),
                "{}",
                error.message
            );
        }
    }
    assert!(damaged > 0, "some cut files keep what they could read");
}

/// The characters of a document's text, as `budgetpdf text` gives it.
fn text_chars(bytes: &[u8]) -> usize {
    budgetpdf::pdf::read(bytes)
        .map(|doc| {
            doc.pages
                .iter()
                .map(|p| budgetpdf::layout::page_text(p).chars().count())
                .sum()
        })
        .unwrap_or(0)
}

/// A file cut later (60%, 75%, 90%) may lose only what nobody reads — the
/// cross-reference table, metadata, unused objects — and then pass; if its
/// pages, their content or their fonts went with the cut, it is an error.
/// So a cut file that passes clean keeps at least 99% of the whole file's text.
#[test]
fn a_cut_file_that_passes_clean_lost_no_text() {
    let files = corpus_pdfs();
    let (mut clean, mut failed) = (0, 0);
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let whole = text_chars(&bytes);
        for percent in [60, 75, 90] {
            let cut = &bytes[..bytes.len() * percent / 100];
            if budgetpdf::extract(cut, &name).error.is_some() {
                failed += 1;
                continue;
            }
            clean += 1;
            let kept = text_chars(cut);
            assert!(
                kept * 100 >= whole * 99,
                "{name} cut to {percent}% passed as clean with {kept} of {whole} characters"
            );
        }
    }
    assert!(failed > 0 && clean > 0, "{failed} failed, {clean} clean");
}
