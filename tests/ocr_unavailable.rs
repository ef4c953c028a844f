//! Without an OCR engine a scan is `no_text_layer`, and the message says how
//! to enable OCR. (A test binary of its own: the engine is looked for once
//! per process, and here it is pointed at a program that does not exist.)

use budgetpdf::ErrorKind;

#[test]
fn a_scan_without_an_engine_says_how_to_get_one() {
    // SAFETY: set before any thread of this process looks for the engine.
    unsafe { std::env::set_var("BUDGETPDF_TESSERACT", "/nonexistent/tesseract") };
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/image-only.pdf");
    let doc = budgetpdf::extract(&std::fs::read(path).unwrap(), "scan.pdf");
    let error = doc.error.expect("an error");
    assert_eq!(error.kind, ErrorKind::NoTextLayer);
    assert!(
        error.message.contains("OCR is not available"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("tesseract-ocr-chi-sim"),
        "{}",
        error.message
    );
}
