//! Builders for small PDFs made in code, for end-to-end tests of the reading
//! engine: pages with the content and resources a test needs; and
//! readers of the truth files' JSON arrays.
#![allow(dead_code)]

use lopdf::{Dictionary, Document, Object, Stream, dictionary};

/// A document under construction.
pub struct PdfBuilder {
    pub doc: Document,
    pub resources: Dictionary,
    pub page_extra: Dictionary,
}

impl Default for PdfBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl PdfBuilder {
    pub fn new() -> Self {
        PdfBuilder {
            doc: Document::with_version("1.7"),
            resources: Dictionary::new(),
            page_extra: Dictionary::new(),
        }
    }

    /// Adds an object and returns a reference to it.
    pub fn add(&mut self, object: impl Into<Object>) -> Object {
        Object::Reference(self.doc.add_object(object.into()))
    }

    /// Registers a resource, e.g. ("Font", "F1", font).
    pub fn resource(&mut self, category: &str, name: &str, value: Object) {
        let mut sub = match self.resources.get(category.as_bytes()) {
            Ok(Object::Dictionary(d)) => d.clone(),
            _ => Dictionary::new(),
        };
        sub.set(name, value);
        self.resources.set(category, sub);
    }

    /// Finishes the document with `content` as its page's content stream.
    pub fn finish(self, content: &[u8]) -> Vec<u8> {
        self.finish_pages(&[content.to_vec()])
    }

    /// Finishes the document with a page for each content stream, all
    /// with the same resources.
    pub fn finish_pages(mut self, contents: &[Vec<u8>]) -> Vec<u8> {
        let pages_id = self.doc.new_object_id();
        let mut kids: Vec<Object> = Vec::new();
        for content in contents {
            let content_id = self
                .doc
                .add_object(Stream::new(dictionary! {}, content.clone()));
            let mut page = dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Contents" => content_id,
                "Resources" => self.resources.clone(),
            };
            for (k, v) in self.page_extra.iter() {
                page.set(k.clone(), v.clone());
            }
            kids.push(self.doc.add_object(page).into());
        }
        let count = kids.len() as i64;
        self.doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => kids,
                "Count" => count,
            }),
        );
        let catalog = self
            .doc
            .add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        self.doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        self.doc
            .save_to(&mut out)
            .expect("an in-memory PDF can be written");
        out
    }
}

/// A standard Helvetica font with WinAnsiEncoding.
pub fn helvetica() -> Object {
    Object::Dictionary(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    })
}

/// Deflate-compresses bytes.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// The page texts of a document, or its error kind as a string.
pub fn texts(bytes: &[u8]) -> Result<Vec<String>, String> {
    match budgetpdf::pdf::read(bytes) {
        Ok(doc) => Ok(doc.pages.iter().map(budgetpdf::layout::page_text).collect()),
        Err(e) => Err(e.kind.to_string()),
    }
}

/// The 13 real documents vendored in the repository (tests/corpus/real, a copy
/// of ../shared/corpus/real with its SOURCES.tsv: public disclosures, 5 MB).
pub fn corpus_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/real")
}

/// The corpus PDFs, sorted.
pub fn corpus_files() -> Vec<std::path::PathBuf> {
    let dir = corpus_dir();
    pdfs_in(&dir).unwrap_or_else(|e| panic!("the corpus {} is needed: {e}", dir.display()))
}

/// The PDFs (`*.pdf`) directly in `dir`, sorted.
fn pdfs_in(dir: &std::path::Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    Ok(files)
}

/// The real documents at hand: the vendored corpus, and the national one
/// beside the repository when it is there.
pub fn real_documents() -> Vec<std::path::PathBuf> {
    let mut files = corpus_files();
    let national = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real2");
    match pdfs_in(&national) {
        Ok(more) => files.extend(more),
        Err(_) => {
            eprintln!("note: ../shared/corpus/real2 is absent; only the vendored corpus is read")
        }
    }
    files
}

/// Reading options that parse every object of the file (lopdf), not only
/// those the pages reach.
pub fn parsing_every_object() -> budgetpdf::pdf::ReadOptions {
    budgetpdf::pdf::ReadOptions {
        parse_every_object: true,
        ..budgetpdf::pdf::ReadOptions::default()
    }
}

/// Every page and the summary, read with `options`.
pub fn read_every_page(
    bytes: &[u8],
    options: &budgetpdf::pdf::ReadOptions,
) -> Result<(Vec<budgetpdf::pdf::Page>, budgetpdf::pdf::ReadSummary), String> {
    let mut pages = Vec::new();
    let summary = budgetpdf::pdf::read_pages(bytes, options, &mut |page| {
        pages.push(page);
        Ok(())
    })
    .map_err(|e| format!("{}: {}", e.kind, e.message))?;
    Ok((pages, summary))
}

/// Every corpus file extracted, with its file name.
pub fn extract_corpus() -> Vec<(String, budgetpdf::output::DocumentJson)> {
    corpus_files()
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let doc = budgetpdf::extract(&std::fs::read(&p).unwrap(), &name);
            (name, doc)
        })
        .collect()
}

/// Fails with the findings nobody explained and the known errors that were
/// not reported (`reported[i]` says whether `known[i]` was).
pub fn assert_findings_explained(
    unexplained: &[String],
    known: &[serde_json::Value],
    reported: &[bool],
) {
    let missed: Vec<String> = known
        .iter()
        .zip(reported)
        .filter(|(_, r)| !**r)
        .map(|(k, _)| format!("{} {} {}", k["file"], k["id"], k["what"]))
        .collect();
    assert!(
        unexplained.is_empty(),
        "false alarms:\n{}",
        unexplained.join("\n")
    );
    assert!(
        missed.is_empty(),
        "known errors not reported:\n{}",
        missed.join("\n")
    );
}

/// The Python of setup.sh's virtual environment (jsonschema, duckdb,
/// Pillow): `BUDGETPDF_PYTHON` (scripts/test.sh sets it), else the venv under
/// the target directory, else python3.
pub fn python() -> std::path::PathBuf {
    use std::path::PathBuf;
    if let Some(p) = std::env::var_os("BUDGETPDF_PYTHON") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let venv = target.join("test-venv/bin/python");
    if venv.exists() {
        venv
    } else {
        PathBuf::from("python3")
    }
}

/// A JSON array of strings (a truth file's header path or row).
pub fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// A JSON array of page numbers (a truth table's `pages`).
pub fn page_numbers(v: &serde_json::Value) -> Vec<u32> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_u64().unwrap() as u32)
        .collect()
}
