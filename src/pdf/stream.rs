//! Stream decompression with a bound, so a decompression bomb is refused
//! instead of exhausting memory. Bytes in (a lopdf stream), bytes out.

use lopdf::Stream;

/// Why a stream's contents could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamError {
    /// The stream would decompress to more than the limit.
    TooLarge { limit: usize },
    /// The filter chain failed; the raw bytes are kept by the caller if useful.
    Undecodable(String),
}

/// Decompresses `stream` to at most `limit` bytes.
///
/// A stream whose filters fail is returned raw when it has no filter at all,
/// and refused otherwise (its bytes would be garbage to a content parser).
pub fn decoded(stream: &Stream, limit: usize) -> Result<Vec<u8>, StreamError> {
    if stream.filters().map(|f| f.is_empty()).unwrap_or(true) {
        if stream.content.len() > limit {
            return Err(StreamError::TooLarge { limit });
        }
        return Ok(stream.content.clone());
    }
    match stream.decompressed_content_with_limit(limit) {
        Ok(data) => Ok(data),
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            Err(StreamError::TooLarge { limit })
        }
        Err(e) => Err(StreamError::Undecodable(e.to_string())),
    }
}
