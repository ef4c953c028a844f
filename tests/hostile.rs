//! Hostile and damaged inputs, each built here by a small generator: a book
//! of dense ruled grids, a page tree that contains itself, an unknown
//! security handler, a decompression bomb, inputs that are not files. Each
//! must end within its time limit with the right verdict.

mod support;

use budgetpdf::ErrorKind;
use budgetpdf::error::DiagCode;
use lopdf::{Document, Object, Stream, dictionary};
use std::time::{Duration, Instant};
use support::{PdfBuilder, deflate, helvetica};

/// Each test thread's heap is counted (the library's allocator), so the
/// reproducers are held to a memory budget as the binary holds documents.
#[global_allocator]
static ALLOCATOR: budgetpdf::memory::CountingAllocator = budgetpdf::memory::CountingAllocator;

/// A PDF of `pages` pages (all drawing one content stream), each an n × n
/// ruled grid with a number in every cell, on a square page of `side` points.
fn dense_grid(n: usize, pages: usize, side: f32) -> Vec<u8> {
    let cell = (side - 20.0) / n as f32;
    let mut content = String::new();
    for i in 0..=n {
        let at = 10.0 + i as f32 * cell;
        content += &format!("10 {at:.2} m {} {at:.2} l S\n", side - 10.0);
        content += &format!("{at:.2} 10 m {at:.2} {} l S\n", side - 10.0);
    }
    content += "BT /F1 4 Tf\n";
    for r in 0..n {
        for c in 0..n {
            let (x, y) = (10.3 + c as f32 * cell, 10.5 + r as f32 * cell);
            content += &format!("1 0 0 1 {x:.2} {y:.2} Tm ({}) Tj\n", (r * 7 + c) % 100);
        }
    }
    content += "ET\n";
    let stream = Stream::new(
        dictionary! { "Filter" => "FlateDecode" },
        deflate(content.as_bytes()),
    );
    book(stream, pages, (side, side))
}

/// A PDF of `pages` pages of size `media` (points), all drawing `content`
/// with Helvetica as /F1.
fn book(content: Stream, pages: usize, media: (f32, f32)) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let font = doc.add_object(helvetica());
    let stream = doc.add_object(content);
    let pages_id = doc.new_object_id();
    let kids: Vec<Object> = (0..pages)
        .map(|_| {
            doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "MediaBox" => vec![0.into(), 0.into(), media.0.into(), media.1.into()],
                "Contents" => stream,
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            })
            .into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => pages as i64 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// 25 pages of 300 × 300 grids (the fuzzing campaign's 53-second file):
/// under a 2-second limit the document ends within 2 more seconds, as a
/// timeout or, having passed over the over-dense grids, with a diagnostic.
#[test]
fn a_book_of_dense_grids_keeps_its_time_limit() {
    let pdf = dense_grid(300, 25, 3000.0);
    let started = Instant::now();
    let options = budgetpdf::ExtractOptions {
        timeout: Some(Duration::from_secs(2)),
        ..Default::default()
    };
    let baseline = budgetpdf::memory::thread_bytes();
    budgetpdf::memory::reset_peak();
    let doc = budgetpdf::extract_with(&pdf, "grid.pdf", &options);
    let took = started.elapsed();
    let peak = budgetpdf::memory::peak_growth(baseline);
    assert!(took < Duration::from_secs(4), "took {took:?}");
    // Within the default budget of a 2-job machine of 8 GB or more.
    assert!(peak < 1 << 30, "peak heap {} MB", peak >> 20);
    match &doc.error {
        Some(e) => {
            assert_eq!(e.kind, ErrorKind::Timeout, "{}", e.message);
            assert!(
                e.message.contains("time limit ran out while"),
                "{}",
                e.message
            );
        }
        None => assert!(
            doc.diagnostics
                .iter()
                .any(|d| d.code == DiagCode::LimitReached
                    && d.message.contains("max_cells_per_page")),
            "{:?}",
            doc.diagnostics
        ),
    }
}

/// One dense page is passed over for tables with a diagnostic naming the
/// limit and the page, and the rest of the document is still read.
#[test]
fn an_over_dense_grid_is_passed_over_with_a_diagnostic() {
    let pdf = dense_grid(300, 1, 3000.0);
    let doc = budgetpdf::extract(&pdf, "grid.pdf");
    assert!(doc.error.is_none(), "{:?}", doc.error);
    assert!(doc.tables.is_empty());
    let d = doc
        .diagnostics
        .iter()
        .find(|d| d.code == DiagCode::LimitReached)
        .expect("a limit_reached diagnostic");
    assert_eq!(d.page, Some(1));
    assert!(d.message.contains("90000 ruled cells"), "{}", d.message);
    // A small grid of the same making is a table.
    let small = budgetpdf::extract(&dense_grid(20, 1, 220.0), "small.pdf");
    assert_eq!(small.tables.len(), 1, "{:?}", small.diagnostics);
}

/// A page tree whose Kids lead back to itself: each node is read once, so
/// the document has its one page, and the loop is diagnosed.
#[test]
fn a_page_tree_that_contains_itself_is_read_once() {
    let mut b = PdfBuilder::new();
    b.resource("Font", "F1", helvetica());
    let pdf = b.finish(b"BT /F1 12 Tf 72 720 Td (Total 10.00) Tj ET");
    let mut doc = Document::load_mem(&pdf).unwrap();
    let pages_id = doc
        .catalog()
        .unwrap()
        .get(b"Pages")
        .unwrap()
        .as_reference()
        .unwrap();
    let node = doc.get_dictionary_mut(pages_id).unwrap();
    let mut kids = node.get(b"Kids").unwrap().as_array().unwrap().clone();
    kids.push(Object::Reference(pages_id));
    node.set("Kids", kids);
    let mut looped = Vec::new();
    doc.save_to(&mut looped).unwrap();

    let started = Instant::now();
    let read = budgetpdf::extract(&looped, "loop.pdf");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(read.source.pages, 1);
    assert!(
        read.diagnostics
            .iter()
            .any(|d| d.code == DiagCode::PageTreeLoop),
        "{:?}",
        read.diagnostics
    );
}

/// Encryption by a handler other than passwords is `unsupported`, not a
/// damaged download ("download it again" would not help).
#[test]
fn an_unknown_security_handler_is_unsupported() {
    let mut b = PdfBuilder::new();
    b.resource("Font", "F1", helvetica());
    let pdf = b.finish(b"BT /F1 12 Tf 72 720 Td (x) Tj ET");
    let mut doc = Document::load_mem(&pdf).unwrap();
    let encrypt = doc.add_object(dictionary! { "Filter" => "Adobe.PubSec", "V" => 4, "R" => 4 });
    doc.trailer.set("Encrypt", encrypt);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    let read = budgetpdf::extract(&out, "pubsec.pdf");
    let error = read.error.expect("an error");
    assert_eq!(error.kind, ErrorKind::Unsupported, "{}", error.message);
    assert!(error.message.contains("Adobe.PubSec"), "{}", error.message);
}

/// A page that is nothing but a decompression bomb is `too_large`, not a scan.
#[test]
fn a_bomb_with_nothing_else_is_too_large_not_a_scan() {
    let bomb = deflate(&vec![b' '; 80 * 1024 * 1024]);
    let mut b = PdfBuilder::new();
    let form = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()], "Filter" => "FlateDecode" },
        bomb,
    );
    let form_ref = b.add(form);
    b.resource("XObject", "Fx", form_ref);
    let pdf = b.finish(b"/Fx Do");
    let read = budgetpdf::extract(&pdf, "bomb.pdf");
    let error = read.error.expect("an error");
    assert_eq!(error.kind, ErrorKind::TooLarge, "{}", error.message);
}

/// A batch over a folder holding a FIFO and a link to /dev/zero named like
/// PDFs, beside a real one: the batch ends, refuses both, reads the third.
#[cfg(unix)]
#[test]
fn a_batch_refuses_pipes_and_devices_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let fifo = inputs.join("pipe.pdf");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    std::os::unix::fs::symlink("/dev/zero", inputs.join("zero.pdf")).unwrap();
    let mut b = PdfBuilder::new();
    b.resource("Font", "F1", helvetica());
    std::fs::write(
        inputs.join("good.pdf"),
        b.finish(b"BT /F1 12 Tf 72 720 Td (Total 1.00) Tj ET"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_budgetpdf"))
        .args(["extract", "-q"])
        .arg(&inputs)
        .arg("-o")
        .arg(&out)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("the batch hung on a pipe or a device");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(1), "two inputs fail");
    let read = |name: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(out.join(name)).unwrap()).unwrap()
    };
    assert_eq!(read("pipe.json")["error"]["kind"], "unsupported");
    assert_eq!(read("zero.json")["error"]["kind"], "unsupported");
    assert!(read("good.json")["error"].is_null());
}

/// Replaces the first `/Length N` of a file with `/Length M`.
fn with_length(pdf: &[u8], length: usize) -> Vec<u8> {
    let at = pdf.windows(8).position(|w| w == b"/Length ").unwrap() + 8;
    let digits = pdf[at..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut out = pdf[..at].to_vec();
    out.extend_from_slice(length.to_string().as_bytes());
    out.extend_from_slice(&pdf[at + digits..]);
    out
}

/// A stream whose /Length is wrong (too short, too long, absurd) is read
/// to its `endstream`, as other readers do: the text is there.
#[test]
fn a_wrong_stream_length_still_reads() {
    let mut b = PdfBuilder::new();
    b.resource("Font", "F1", helvetica());
    let pdf = b.finish(b"BT /F1 12 Tf 72 720 Td (Total 1,234.50) Tj ET");
    for length in [3, 500, 99_999_999] {
        let damaged = with_length(&pdf, length);
        let texts = support::texts(&damaged);
        assert_eq!(
            texts,
            Ok(vec!["Total 1,234.50".to_string()]),
            "/Length {length}"
        );
    }
}

/// A font with absurd /Widths keeps its glyphs (widths fall back), so its
/// text is read rather than the file being called a scan.
#[test]
fn absurd_widths_keep_the_glyphs() {
    let mut b = PdfBuilder::new();
    let font = Object::Dictionary(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
        "FirstChar" => 32,
        "LastChar" => 126,
        "Widths" => vec![Object::Real(1e30); 95],
    });
    b.resource("Font", "F1", font);
    let pdf = b.finish(b"BT /F1 12 Tf 72 720 Td (Total 1,234.50) Tj ET");
    let doc = budgetpdf::extract(&pdf, "widths.pdf");
    assert!(doc.error.is_none(), "{:?}", doc.error);
    let texts = support::texts(&pdf).unwrap();
    assert_eq!(texts.len(), 1);
    assert!(texts[0].contains("1,234.50"), "{texts:?}");
}

/// The files of tests/fixtures/`dir`, in name order.
fn fixture_files(dir: &str) -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
}

/// Inputs the fuzzing campaign found (tests/fixtures/fuzz/), each fixed:
/// none may crash a stage (an `internal` error) again. The first: bit flips
/// that made a cell a 29-digit number, whose value in 元 overflowed.
#[test]
fn fuzzing_findings_stay_fixed() {
    let paths = fixture_files("fuzz");
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let doc = budgetpdf::extract(&std::fs::read(path).unwrap(), &name);
        if let Some(e) = &doc.error {
            assert_ne!(e.kind, ErrorKind::Internal, "{name}: {}", e.message);
        }
    }
    assert!(!paths.is_empty());
}

/// Mutants the fuzzing campaign found reading clean with content lost
/// (tests/fixtures/fuzz-silent, each named after its seed and kind of
/// damage): each must now say it is damaged. The first: 21 bytes slipped
/// into a compressed character map of js-high-court-2017, after which the
/// rebuilt cross-reference gave a font a map that reads its text as Hangul
/// (12 tables down to 1).
#[test]
fn silent_losses_the_fuzzer_found_now_say_so() {
    let paths = fixture_files("fuzz-silent");
    for path in &paths {
        let doc = budgetpdf::extract(&std::fs::read(path).unwrap(), "mutant.pdf");
        assert_eq!(
            doc.error.as_ref().map(|e| e.kind),
            Some(ErrorKind::Damaged),
            "{}",
            path.display()
        );
    }
    assert!(!paths.is_empty());
}

/// A page that paints more path segments than `max_path_segments` keeps
/// its first ones, skips the rest and says so (a limit_reached diagnostic
/// naming the limit and the page), so a page of a million rules cannot
/// exhaust time or memory.
#[test]
fn path_segments_beyond_the_limit_are_skipped_and_said() {
    let mut content = String::from("BT /F1 12 Tf 72 720 Td (Total 1.00) Tj ET\n");
    for i in 0..200 {
        content += &format!("{} 100 m {} 400 l S\n", 50 + i, 50 + i);
    }
    let mut b = PdfBuilder::new();
    b.resource("Font", "F1", helvetica());
    let pdf = b.finish(content.as_bytes());
    let options = budgetpdf::pdf::ReadOptions {
        limits: budgetpdf::pdf::content::Limits {
            max_path_segments: 50,
            ..Default::default()
        },
        ..Default::default()
    };
    let doc = budgetpdf::pdf::read_with(&pdf, &options).unwrap();
    assert!(
        doc.pages[0].lines.len() <= 50,
        "{}",
        doc.pages[0].lines.len()
    );
    let d = doc
        .diagnostics
        .iter()
        .find(|d| d.code == DiagCode::LimitReached)
        .expect("a limit_reached diagnostic");
    assert_eq!(d.page, Some(1));
    assert!(d.message.contains("max_path_segments"), "{}", d.message);
    assert_eq!(budgetpdf::layout::page_text(&doc.pages[0]), "Total 1.00");
}

/// Many streams each under the per-stream limit still cannot add up past
/// the document's content limit: the document ends as `too_large`.
#[test]
fn content_beyond_the_document_limit_is_too_large() {
    let mut b = PdfBuilder::new();
    b.resource("Font", "F1", helvetica());
    let mut content = b"BT /F1 12 Tf 72 720 Td (Total 1.00) Tj ET\n".to_vec();
    content.extend(std::iter::repeat_n(b' ', 4096));
    let pdf = b.finish(&content);
    let options = budgetpdf::pdf::ReadOptions {
        limits: budgetpdf::pdf::content::Limits {
            max_document_content_bytes: 1024,
            ..Default::default()
        },
        ..Default::default()
    };
    let error = budgetpdf::pdf::read_with(&pdf, &options).expect_err("an error");
    assert_eq!(error.kind, ErrorKind::TooLarge, "{}", error.message);
}

/// Under a memory budget smaller than one of its pages needs, the same book
/// ends as `too_large` near the budget, saying how far it got, instead of
/// growing on; under a budget of a few pages it is read whole, since each
/// page is dropped once read.
#[test]
fn a_book_of_dense_grids_keeps_its_memory_budget() {
    budgetpdf::memory::CountingAllocator::installed();
    let pdf = dense_grid(300, 25, 3000.0);
    let with_budget = |mb: usize| {
        let options = budgetpdf::ExtractOptions {
            max_memory: Some(mb << 20),
            ..Default::default()
        };
        let mut doc = None;
        let peak = peak_of(|| doc = Some(budgetpdf::extract_with(&pdf, "grid.pdf", &options)));
        (doc.expect("a document"), peak)
    };
    let (doc, peak) = with_budget(16);
    let error = doc.error.expect("an error");
    assert_eq!(error.kind, ErrorKind::TooLarge, "{}", error.message);
    assert!(
        error.message.contains("memory budget of 16 MB"),
        "{}",
        error.message
    );
    // Checked every 4,096 operators and per page: a page's worth over at most.
    assert!(peak < 64 << 20, "peak heap {} MB", peak >> 20);
    let (doc, peak) = with_budget(100);
    assert!(doc.error.is_none(), "{:?}", doc.error);
    assert!(peak < 100 << 20, "peak heap {} MB", peak >> 20);
}

/// A book of `pages` pages of running text (one content stream shared by
/// all): 60 lines of 50 letters each.
fn text_book(pages: usize) -> Vec<u8> {
    let mut content = String::from("BT /F1 9 Tf\n");
    for line in 0..60 {
        let y = 800.0 - 12.0 * line as f32;
        let words: Vec<String> = (0..10)
            .map(|w| format!("w{:03}x", (line * 10 + w) % 1000))
            .collect();
        content += &format!("1 0 0 1 40 {y:.1} Tm ({}) Tj\n", words.join(" "));
    }
    content += "ET\n";
    book(
        Stream::new(dictionary! {}, content.into_bytes()),
        pages,
        (595.0, 842.0),
    )
}

/// Peak heap growth while `run` runs on this thread.
fn peak_of(run: impl FnOnce()) -> usize {
    let baseline = budgetpdf::memory::thread_bytes();
    budgetpdf::memory::reset_peak();
    run();
    budgetpdf::memory::peak_growth(baseline)
}

/// Pages are read, laid out and dropped one at a time: each further page
/// costs the document what it leaves (its lines and sections), a small
/// share of what its glyphs cost when every page is kept (`pdf::read`).
#[test]
fn each_page_is_dropped_once_it_is_read() {
    let (short, long) = (text_book(20), text_book(220));
    let kept_short = peak_of(|| drop(budgetpdf::pdf::read(&short).unwrap()));
    let kept_long = peak_of(|| drop(budgetpdf::pdf::read(&long).unwrap()));
    let streamed_short = peak_of(|| assert!(budgetpdf::extract(&short, "s.pdf").error.is_none()));
    let streamed_long = peak_of(|| assert!(budgetpdf::extract(&long, "l.pdf").error.is_none()));
    let kept_per_page = (kept_long - kept_short) / 200;
    let streamed_per_page = streamed_long.saturating_sub(streamed_short) / 200;
    assert!(
        kept_per_page > 100_000,
        "a page of 3,000 glyphs held {kept_per_page} bytes"
    );
    assert!(
        streamed_per_page * 4 < kept_per_page,
        "each page cost the pipeline {streamed_per_page} bytes, a page's glyphs {kept_per_page}"
    );
}

/// A page tree of two nodes of three pages each, "Page 1" … "Page 6", with
/// the first node's object lost (as when a damaged object stream held it).
fn tree_with_a_lost_node() -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let font = doc.add_object(helvetica());
    let root = doc.new_object_id();
    let nodes: Vec<_> = (0..2).map(|_| doc.new_object_id()).collect();
    for (n, &node) in nodes.iter().enumerate() {
        let kids: Vec<Object> = (1..=3)
            .map(|i| {
                let text = format!("BT /F1 12 Tf 72 720 Td (Page {}) Tj ET", n * 3 + i);
                let content = doc.add_object(Stream::new(dictionary! {}, text.into_bytes()));
                doc.add_object(dictionary! {
                    "Type" => "Page",
                    "Parent" => node,
                    "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                    "Contents" => content,
                    "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
                })
                .into()
            })
            .collect();
        doc.objects.insert(
            node,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Parent" => root, "Kids" => kids, "Count" => 3 },
            ),
        );
    }
    let kids: Vec<Object> = nodes.iter().map(|&n| n.into()).collect();
    doc.objects.insert(
        root,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 6 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => root });
    doc.trailer.set("Root", catalog);
    doc.objects.remove(&nodes[0]);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Pages whose page-tree node is lost are found by scanning and put where
/// their node stood, as other readers recover them; the document still
/// says it was damaged.
#[test]
fn pages_under_a_lost_tree_node_are_recovered_in_place() {
    let pdf = tree_with_a_lost_node();
    let doc = budgetpdf::pdf::read(&pdf).unwrap();
    let texts: Vec<String> = doc
        .pages
        .iter()
        .map(|p| p.glyphs.iter().map(|g| g.text.as_str()).collect())
        .collect();
    let expected: Vec<String> = (1..=6).map(|i| format!("Page {i}")).collect();
    assert_eq!(texts, expected);
    assert!(
        doc.lost.iter().any(|l| l.contains("page tree")),
        "{:?}",
        doc.lost
    );
    let extracted = budgetpdf::extract(&pdf, "lost-node.pdf");
    assert_eq!(extracted.source.pages, 6);
    assert_eq!(
        extracted.error.map(|e| e.kind),
        Some(ErrorKind::Damaged),
        "a damaged tree is not a clean read"
    );
}

/// Every place in `pdf` where a CID font's `/W` array opens in plain bytes.
fn width_arrays(pdf: &[u8]) -> Vec<usize> {
    pdf.windows(3)
        .enumerate()
        .filter(|(_, w)| *w == b"/W[")
        .map(|(i, _)| i + 2)
        .collect()
}

/// One damaged byte in a CID font's `/W` makes its dictionary unparseable:
/// the font is salvaged with the widths of its embedded program, so every
/// corpus document keeps its tables and text exactly, and says it is damaged.
#[test]
fn a_font_with_a_damaged_width_array_keeps_its_glyphs_in_place() {
    let mut damaged_fonts = 0;
    for path in support::corpus_files() {
        let pdf = std::fs::read(&path).unwrap();
        let clean = budgetpdf::extract(&pdf, "clean.pdf");
        for at in width_arrays(&pdf) {
            let mut broken = pdf.clone();
            broken[at] = b'{';
            let read = budgetpdf::extract(&broken, "clean.pdf");
            let name = path.display();
            assert_eq!(
                read.error.as_ref().map(|e| e.kind),
                Some(ErrorKind::Damaged),
                "{name} at {at}"
            );
            let same = |a: &dyn Fn(&budgetpdf::output::DocumentJson) -> serde_json::Value| {
                a(&read) == a(&clean)
            };
            assert!(
                same(&|d| serde_json::to_value(&d.tables).unwrap()),
                "{name} at {at}: tables differ"
            );
            assert!(
                same(&|d| serde_json::to_value(&d.sections).unwrap()),
                "{name} at {at}: sections differ"
            );
            damaged_fonts += 1;
        }
    }
    assert!(damaged_fonts >= 20, "{damaged_fonts} width arrays found");
}

/// The data of each Flate stream in `pdf` holding a character map, as
/// (start, end) byte offsets.
fn cmap_streams(pdf: &[u8]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = pdf[from..]
        .windows(7)
        .position(|w| w == b"stream\r" || w == b"stream\n")
    {
        let keyword = from + at;
        if keyword >= 3 && &pdf[keyword - 3..keyword] == b"end" {
            from = keyword + 6;
            continue;
        }
        let start = keyword + 6 + if pdf[keyword + 6] == b'\r' { 2 } else { 1 };
        let Some(len) = pdf[start..].windows(9).position(|w| w == b"endstream") else {
            break;
        };
        let data = &pdf[start..start + len];
        let mut inflated = Vec::new();
        let read =
            std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(data), &mut inflated);
        if read.is_ok() && inflated.windows(9).any(|w| w == b"begincmap") {
            found.push((start, start + len));
        }
        from = start + len;
    }
    found
}

/// Bytes slipped into the middle of a compressed character map (the hour's
/// fuzzing campaign found one read as Hangul, 12 tables down to 1, reported
/// clean): every corpus document so damaged either reads its text as before
/// or says it is damaged.
#[test]
fn a_damaged_character_map_is_never_a_clean_read() {
    let mut damaged = 0;
    for path in support::corpus_files() {
        let pdf = std::fs::read(&path).unwrap();
        let clean = support::texts(&pdf).unwrap();
        for (start, end) in cmap_streams(&pdf).into_iter().take(3) {
            let mut broken = pdf.clone();
            let middle = (start + end) / 2;
            broken.splice(
                middle..middle,
                b"\xff\xfe\x00\x00stream\r\nendstream".iter().copied(),
            );
            let read = budgetpdf::extract(&broken, "cmap.pdf");
            let same_text = support::texts(&broken).is_ok_and(|t| t == clean);
            assert!(
                same_text
                    || read
                        .error
                        .as_ref()
                        .is_some_and(|e| e.kind == ErrorKind::Damaged),
                "{} at {middle}: read clean with its text changed",
                path.display()
            );
            damaged += 1;
        }
    }
    assert!(damaged >= 20, "{damaged} character maps found");
}

/// Bytes handed over by value are freed once the file is parsed: a long
/// book's pages are read without the file held beside them.
#[test]
fn a_files_bytes_given_by_value_are_freed_once_it_is_parsed() {
    // A page and 4 MB of a stream nothing uses: the file is mostly bytes.
    let mut doc = Document::load_mem(&dense_grid(5, 1, 500.0)).expect("the grid parses");
    doc.add_object(Stream::new(dictionary! {}, vec![b' '; 4 << 20]));
    let mut pdf = Vec::new();
    doc.save_to(&mut pdf).expect("the file is written");
    let len = pdf.len() as isize;
    let options = budgetpdf::pdf::ReadOptions::default();
    let growth_at_first_page = |bytes: std::borrow::Cow<'_, [u8]>| {
        let before = budgetpdf::memory::thread_bytes();
        let mut growth = None;
        budgetpdf::pdf::read_pages(bytes, &options, &mut |_page| {
            growth.get_or_insert(budgetpdf::memory::thread_bytes() - before);
            Ok(())
        })
        .expect("the file is read");
        growth.expect("a page was read")
    };
    // Once first, so that what a first read sets up is not counted.
    growth_at_first_page(std::borrow::Cow::Borrowed(&pdf));
    let borrowed = growth_at_first_page(std::borrow::Cow::Borrowed(&pdf));
    let owned = growth_at_first_page(std::borrow::Cow::Owned(pdf.clone()));
    assert!(
        borrowed - owned >= len * 9 / 10,
        "{len} bytes: growth {borrowed} borrowed, {owned} owned"
    );
}
