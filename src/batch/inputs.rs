//! Which files a batch reads and where each one's output goes.
//!
//! Inputs are files, directories (searched recursively for `*.pdf`, any case),
//! glob patterns, or `-` for a list of paths on standard input. A file found
//! under a directory keeps its path below that directory (dir/sub/x.pdf →
//! OUT/sub/x.json); a file named directly, by a glob or on stdin goes to
//! OUT/x.json. Output keys are built from normal path components only, so no
//! input name can make budgetpdf write outside OUT.

use std::collections::HashSet;
use std::io::BufRead;
use std::path::{Component, Path, PathBuf};

/// One document to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read it.
    pub path: PathBuf,
    /// Its output path below OUT, without extension, '/'-separated ("sub/x").
    pub key: String,
    /// The name recorded in the output (`source.file`): the key's file plus extension.
    pub name: String,
}

/// A key from path components, keeping only normal ones ("../x" → "x").
fn safe_key(relative: &Path) -> String {
    let parts: Vec<String> = relative
        .with_extension("")
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .filter(|s| !s.is_empty())
        .collect();
    if parts.is_empty() {
        "document".to_string()
    } else {
        parts.join("/")
    }
}

fn is_pdf(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 64 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, out, depth + 1);
        } else if is_pdf(&path) {
            out.push(path);
        }
    }
}

fn direct(path: PathBuf) -> Input {
    let file = PathBuf::from(path.file_name().unwrap_or_default());
    Input {
        key: safe_key(&file),
        name: file.to_string_lossy().into_owned(),
        path,
    }
}

/// Expands the command-line inputs. Errors name an input that matches nothing.
pub fn collect(args: &[String], stdin: &mut dyn BufRead) -> Result<Vec<Input>, String> {
    let mut inputs = Vec::new();
    for arg in args {
        if arg == "-" {
            for line in stdin.lines() {
                let line = line
                    .map_err(|e| format!("cannot read the list of paths on standard input: {e}"))?;
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                // A path read from standard input is held to the same rule
                // as one on the command line: it must exist.
                let path = PathBuf::from(line);
                if !path.exists() {
                    return Err(format!(
                        "{line} (read from standard input): no such file or directory"
                    ));
                }
                inputs.push(direct(path));
            }
            continue;
        }
        let path = PathBuf::from(arg);
        if path.is_dir() {
            let mut found = Vec::new();
            walk(&path, &mut found, 0);
            for file in found {
                let relative = file.strip_prefix(&path).unwrap_or(&file).to_path_buf();
                inputs.push(Input {
                    key: safe_key(&relative),
                    name: relative.to_string_lossy().replace('\\', "/"),
                    path: file,
                });
            }
        } else if path.exists() {
            inputs.push(direct(path));
        } else if arg.contains(['*', '?', '[']) {
            let matches = glob::glob(arg).map_err(|e| format!("bad glob pattern {arg}: {e}"))?;
            let mut found: Vec<PathBuf> = matches
                .filter_map(Result::ok)
                .filter(|p| p.is_file())
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(format!("the pattern {arg} matches no file"));
            }
            inputs.extend(found.into_iter().map(direct));
        } else {
            return Err(format!("{arg}: no such file or directory"));
        }
    }
    Ok(disambiguate(inputs))
}

/// Two inputs with the same key (x.pdf from two directories named directly)
/// must not overwrite each other.
///
/// The rule does not depend on the order of the inputs: among inputs sharing
/// a name, the one whose path sorts first keeps it, and each other one gets
/// `~` and a hash of its path (`x~1a2b3c4d.json`). `summary` is reserved for
/// the run's own summary.
fn disambiguate(inputs: Vec<Input>) -> Vec<Input> {
    let mut seen_paths: HashSet<PathBuf> = HashSet::new();
    let inputs: Vec<Input> = inputs
        .into_iter()
        .filter(|i| seen_paths.insert(i.path.clone()))
        .collect();
    let mut first_path: std::collections::HashMap<String, PathBuf> =
        std::collections::HashMap::new();
    for input in &inputs {
        let entry = first_path
            .entry(input.key.clone())
            .or_insert_with(|| input.path.clone());
        if input.path < *entry {
            *entry = input.path.clone();
        }
    }
    inputs
        .into_iter()
        .map(|mut input| {
            let keeps = input.key != "summary" && first_path.get(&input.key) == Some(&input.path);
            if !keeps {
                let tag = super::shard::stable_hash(&input.path.to_string_lossy());
                input.key = format!("{}~{:08x}", input.key, tag as u32);
            }
            input
        })
        .collect()
}

/// Inputs renamed because another input has the same output name.
pub fn renamed(inputs: &[Input]) -> Vec<&Input> {
    inputs.iter().filter(|i| i.key.contains('~')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_never_leave_the_output_directory() {
        assert_eq!(safe_key(Path::new("../../etc/passwd.pdf")), "etc/passwd");
        assert_eq!(safe_key(Path::new("/abs/x.PDF")), "abs/x");
        assert_eq!(safe_key(Path::new("sub/x.pdf")), "sub/x");
        assert_eq!(safe_key(Path::new("..")), "document");
    }

    #[test]
    fn same_names_are_told_apart() {
        let a = direct(PathBuf::from("a/x.pdf"));
        let b = direct(PathBuf::from("b/x.pdf"));
        let out = disambiguate(vec![a, b.clone(), b]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].key, "x");
        assert!(out[1].key.starts_with("x~"));
        let summary = disambiguate(vec![direct(PathBuf::from("summary.pdf"))]);
        assert_ne!(summary[0].key, "summary");
    }
}
