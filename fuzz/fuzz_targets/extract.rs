//! Fuzz target: any bytes through the whole extraction, under a time limit.
//! A panic (caught by `extract` and reported as `internal`) is turned back
//! into a crash so libFuzzer keeps the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = budgetpdf::ExtractOptions {
        timeout: Some(std::time::Duration::from_secs(10)),
        ..Default::default()
    };
    let doc = budgetpdf::extract_with(data, "fuzz.pdf", &options);
    if let Some(error) = &doc.error {
        assert!(
            error.kind != budgetpdf::ErrorKind::Internal,
            "internal error: {}",
            error.message
        );
    }
});
