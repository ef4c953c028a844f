//! Stream decompression with a bound, so a decompression bomb is refused
//! instead of exhausting memory. Bytes in (a lopdf stream), bytes out.

use super::deferred::raw_content;
use lopdf::Stream;
use std::borrow::Cow;

/// Why a stream's contents could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamError {
    /// The stream would decompress to more than the limit.
    TooLarge { limit: usize },
    /// The filter chain failed; the raw bytes are kept by the caller if useful.
    Undecodable(String),
}

/// Content decoded from a stream, and whether its compressed data ended
/// before the compressed stream did (damaged or cut short): then only what
/// precedes the damage is there, and the rest of the page is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub data: Vec<u8>,
    pub cut_short: bool,
}

/// [`decoded`], telling a whole stream from one whose Flate data broke off:
/// zlib's own reader keeps the prefix without a word (so does lopdf's), but a
/// page whose content stops halfway has lost its tables. Only the deflate
/// blocks are judged, not the trailing checksum some producers get wrong.
pub fn decoded_checked(stream: &Stream, limit: usize) -> Result<Decoded, StreamError> {
    let plain_flate = matches!(stream.filters().as_deref(), Ok([f]) if *f == b"FlateDecode")
        && stream.dict.get(b"DecodeParms").is_err();
    let raw = raw_content(stream).map_err(StreamError::Undecodable)?;
    if plain_flate && let Some(result) = inflate(&raw, limit) {
        return result;
    }
    decoded_from(stream, raw, limit).map(|data| Decoded {
        data,
        cut_short: false,
    })
}

/// Inflates zlib data to at most `limit` bytes (what a filter chain holds
/// before an image codec); data broken off keeps what came before the break.
pub fn inflated(input: &[u8], limit: usize) -> Result<Vec<u8>, StreamError> {
    match inflate(input, limit) {
        Some(result) => result.map(|d| d.data),
        None => Err(StreamError::Undecodable("no zlib header".to_string())),
    }
}

/// Inflates a zlib stream, noting whether the deflate data reached its
/// final block; `None` when it has no zlib header (left to lopdf's fallbacks).
fn inflate(input: &[u8], limit: usize) -> Option<Result<Decoded, StreamError>> {
    let header_ok = input.len() > 2
        && input[0] & 0x0F == 8
        && (u16::from(input[0]) << 8 | u16::from(input[1])) % 31 == 0;
    if !header_ok {
        return None;
    }
    INFLATER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut inflater) => {
            inflater.reset(false);
            inflate_with(&mut inflater, &input[2..], limit)
        }
        Err(_) => inflate_with(&mut flate2::Decompress::new(false), &input[2..], limit),
    })
}

thread_local! {
    /// One inflater per thread, reset for each stream: a new one costs the
    /// allocation and zeroing of tens of kilobytes of state, more than
    /// inflating a typical page's content.
    static INFLATER: std::cell::RefCell<flate2::Decompress> =
        std::cell::RefCell::new(flate2::Decompress::new(false));
}

/// The output's first capacity: content streams inflate to a few times their
/// size, and flate2 zero-fills the spare capacity before each call, so a
/// fixed large reserve costs more than the inflating on small streams.
fn first_capacity(compressed: usize) -> usize {
    compressed.saturating_mul(4).clamp(4 * 1024, 16 << 20)
}

fn inflate_with(
    inflater: &mut flate2::Decompress,
    body: &[u8],
    limit: usize,
) -> Option<Result<Decoded, StreamError>> {
    let mut out: Vec<u8> = Vec::with_capacity(first_capacity(body.len()).min(limit.max(1)));
    let cut_short = |out: Vec<u8>| {
        (!out.is_empty()).then_some(Ok(Decoded {
            data: out,
            cut_short: true,
        }))
    };
    loop {
        if out.len() >= limit {
            return Some(Err(StreamError::TooLarge { limit }));
        }
        if out.capacity() - out.len() < 1024 {
            out.reserve(out.len().clamp(16 * 1024, 16 << 20));
        }
        let (in_before, out_before) = (inflater.total_in(), inflater.total_out());
        let rest = &body[(in_before as usize).min(body.len())..];
        match inflater.decompress_vec(rest, &mut out, flate2::FlushDecompress::None) {
            Ok(flate2::Status::StreamEnd) => {
                return Some(Ok(Decoded {
                    data: out,
                    cut_short: false,
                }));
            }
            Ok(_) if inflater.total_in() > in_before || inflater.total_out() > out_before => {}
            // Out of input before the final block, or a corrupt block.
            Ok(_) | Err(_) => return cut_short(out),
        }
    }
}

/// Decompresses `stream` to at most `limit` bytes.
///
/// A stream whose filters fail is returned raw when it has no filter at all,
/// and refused otherwise (its bytes would be garbage to a content parser).
pub fn decoded(stream: &Stream, limit: usize) -> Result<Vec<u8>, StreamError> {
    let raw = raw_content(stream).map_err(StreamError::Undecodable)?;
    decoded_from(stream, raw, limit)
}

/// [`decoded`] of `stream`, whose raw bytes are `raw` (its content, or its
/// bytes read from the file).
fn decoded_from(stream: &Stream, raw: Cow<'_, [u8]>, limit: usize) -> Result<Vec<u8>, StreamError> {
    if stream.filters().map(|f| f.is_empty()).unwrap_or(true) {
        if raw.len() > limit {
            return Err(StreamError::TooLarge { limit });
        }
        return Ok(raw.into_owned());
    }
    // lopdf decodes a stream's own content: one read from the file is
    // lent a copy of the dictionary.
    let read_from_file;
    let stream = match raw {
        Cow::Borrowed(_) => stream,
        Cow::Owned(content) => {
            read_from_file = Stream {
                dict: stream.dict.clone(),
                content,
                allows_compression: stream.allows_compression,
                start_position: None,
            };
            &read_from_file
        }
    };
    match stream.decompressed_content_with_limit(limit) {
        Ok(data) => Ok(data),
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            Err(StreamError::TooLarge { limit })
        }
        Err(e) => Err(StreamError::Undecodable(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;
    use std::io::Write;

    fn flate(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn stream(content: Vec<u8>) -> Stream {
        Stream::new(dictionary! { "Filter" => "FlateDecode" }, content)
    }

    #[test]
    fn a_whole_stream_is_whole_and_a_cut_one_says_so() {
        let text: Vec<u8> = (0..20_000)
            .flat_map(|i| format!("{i} Tj ").into_bytes())
            .collect();
        let whole = decoded_checked(&stream(flate(&text)), 1 << 24).unwrap();
        assert_eq!((whole.data == text, whole.cut_short), (true, false));
        let mut cut = flate(&text);
        cut.truncate(cut.len() / 2);
        let half = decoded_checked(&stream(cut), 1 << 24).unwrap();
        assert!(half.cut_short && !half.data.is_empty() && half.data.len() < text.len());
        // A wrong checksum after complete data is not a loss.
        let mut bad_sum = flate(&text);
        let n = bad_sum.len();
        bad_sum[n - 1] ^= 0xFF;
        let summed = decoded_checked(&stream(bad_sum), 1 << 24).unwrap();
        assert_eq!((summed.data == text, summed.cut_short), (true, false));
    }

    #[test]
    fn a_bomb_is_too_large() {
        let bomb = flate(&vec![b' '; 4 << 20]);
        assert_eq!(
            decoded_checked(&stream(bomb), 1 << 20),
            Err(StreamError::TooLarge { limit: 1 << 20 })
        );
    }
}
