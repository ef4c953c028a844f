//! An input path in, its bytes out — or a typed error before anything large
//! or endless is read: only regular files are opened (a FIFO would block the
//! batch forever, a device such as /dev/zero never ends), their size is taken
//! from the file system first, and the read stops at the limit even if the
//! file grows meanwhile.

use crate::error::{DocError, ErrorKind};
use crate::pdf::ReadOptions;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The largest file read (the reader's own limit).
pub fn max_file_bytes() -> u64 {
    ReadOptions::default().max_file_bytes as u64
}

fn too_large(size: u64, limit: u64) -> DocError {
    DocError::new(
        ErrorKind::TooLarge,
        format!(
            "the file is {size} bytes, more than the limit of {limit} bytes; a budget disclosure is rarely over 100 MB, so check that it is the document you meant"
        ),
    )
}

/// The bytes of a regular file no larger than `limit`.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, DocError> {
    open_limited(path, limit).map(|(bytes, _)| bytes)
}

/// [`read_limited`], keeping the file open: a long book's streams are read
/// from it again as its pages need them.
pub fn open_limited(path: &Path, limit: u64) -> Result<(Vec<u8>, File), DocError> {
    let unreadable = |e: std::io::Error| {
        DocError::new(
            ErrorKind::Corrupt,
            format!("the file could not be read ({e}); check that it exists and is readable"),
        )
    };
    // Follows links: a .pdf link to /dev/zero is judged by what it points to.
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(DocError::new(
            ErrorKind::Unsupported,
            "it is not a regular file (a directory, pipe, socket or device); only regular PDF files are read",
        ));
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    let mut file = File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    (&mut file)
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok((bytes, file))
}

/// [`read_limited`] at the reader's limit.
pub fn read_input(path: &Path) -> Result<Vec<u8>, DocError> {
    read_limited(path, max_file_bytes())
}

/// [`open_limited`] at the reader's limit.
pub fn open_input(path: &Path) -> Result<(Vec<u8>, File), DocError> {
    open_limited(path, max_file_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.pdf");
        std::fs::write(&file, b"%PDF-1.7 twelve").unwrap();
        assert_eq!(read_limited(&file, 100).unwrap().len(), 15);
        assert_eq!(
            read_limited(&file, 10).unwrap_err().kind,
            ErrorKind::TooLarge
        );
        assert_eq!(
            read_limited(dir.path(), 100).unwrap_err().kind,
            ErrorKind::Unsupported
        );
        assert_eq!(
            read_limited(&dir.path().join("missing.pdf"), 100)
                .unwrap_err()
                .kind,
            ErrorKind::Corrupt
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_device_is_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero.pdf");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert_eq!(read_input(&link).unwrap_err().kind, ErrorKind::Unsupported);
    }
}
