//! `--manifest FILE.csv`: the harvester's own columns (url, province, city,
//! county, department, downloaded_at, …) for each file, joined on the `path`
//! column and carried into that document's `source.meta`. A row matches an
//! input when both name the same file once resolved (relative paths from the
//! current directory, symbolic links followed); rows that match no input are
//! reported.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

pub type Meta = BTreeMap<String, String>;

/// Rows of a manifest by canonical path (or the path as written when the file
/// cannot be found from here).
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    rows: HashMap<PathBuf, Meta>,
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

impl Manifest {
    /// Reads a manifest; paths in it are relative to the current directory
    /// or absolute.
    pub fn read(file: &Path) -> Result<Manifest, String> {
        let mut reader = csv::Reader::from_path(file)
            .map_err(|e| format!("cannot read the manifest {}: {e}", file.display()))?;
        let headers = reader
            .headers()
            .map_err(|e| format!("the manifest {} has no header row: {e}", file.display()))?
            .clone();
        let path_column = headers
            .iter()
            .position(|h| h.trim() == "path")
            .ok_or_else(|| {
                format!(
                    "the manifest {} has no 'path' column; add one naming each PDF",
                    file.display()
                )
            })?;
        let mut rows = HashMap::new();
        for (i, record) in reader.records().enumerate() {
            let record = record.map_err(|e| format!("{} line {}: {e}", file.display(), i + 2))?;
            let path = PathBuf::from(record.get(path_column).unwrap_or_default());
            let meta: Meta = headers
                .iter()
                .zip(record.iter())
                .enumerate()
                .filter(|(j, _)| *j != path_column)
                .map(|(_, (h, v))| (h.trim().to_string(), v.to_string()))
                .collect();
            rows.insert(canonical(&path), meta);
        }
        Ok(Manifest { rows })
    }

    pub fn meta_for(&self, path: &Path) -> Option<&Meta> {
        self.rows.get(&canonical(path))
    }

    /// The manifest's paths that name none of `inputs` (sorted), so a
    /// harvester learns that a row's columns went nowhere.
    pub fn unmatched<'a>(&self, inputs: impl Iterator<Item = &'a Path>) -> Vec<PathBuf> {
        let seen: std::collections::HashSet<PathBuf> = inputs.map(canonical).collect();
        let mut out: Vec<PathBuf> = self
            .rows
            .keys()
            .filter(|p| !seen.contains(*p))
            .cloned()
            .collect();
        out.sort();
        out
    }
}
