//! Image XObjects decoded to 8-bit grey pixels, for OCR: an image object in,
//! a [`GreyImage`] (row-major, 0 = black) out, at the image's native
//! resolution. DCT (JPEG, with `zune-jpeg`), Flate / LZW / none over
//! DeviceGray, DeviceRGB, DeviceCMYK, Indexed and ICC colour (by their
//! component count), 1- to 8-bit samples, and CCITT fax (with `fax`) are
//! read; JBIG2 and JPEG 2000 are refused with a message.

use super::deferred::raw_content;
use super::objects::{as_dict, get, get_number, resolve};
use super::stream::{decoded, inflated};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::borrow::Cow;

/// An image as grey levels.
#[derive(Debug, Clone, PartialEq)]
pub struct GreyImage {
    pub width: usize,
    pub height: usize,
    /// `width × height` bytes, row by row, top row first; 0 is black.
    pub pixels: Vec<u8>,
}

impl GreyImage {
    pub fn at(&self, x: usize, y: usize) -> u8 {
        self.pixels[y * self.width + x]
    }

    /// The grey at (x, y), between pixels, by bilinear interpolation
    /// (clamped to the image's edges).
    pub fn bilinear(&self, x: f32, y: f32) -> u8 {
        let (fx, fy) = (x.max(0.0), y.max(0.0));
        let (x0, y0) = (fx as usize, fy as usize);
        let (x1, y1) = ((x0 + 1).min(self.width - 1), (y0 + 1).min(self.height - 1));
        let (x0, y0) = (x0.min(self.width - 1), y0.min(self.height - 1));
        let (dx, dy) = (fx - fx.floor(), fy - fy.floor());
        let p = |x, y| f32::from(self.at(x, y));
        let top = p(x0, y0) * (1.0 - dx) + p(x1, y0) * dx;
        let bottom = p(x0, y1) * (1.0 - dx) + p(x1, y1) * dx;
        (top * (1.0 - dy) + bottom * dy).round() as u8
    }
}

/// Images larger than this many pixels are not decoded (a 600 dpi A3 scan
/// has 70 M).
pub const MAX_PIXELS: usize = 80_000_000;

/// Decodes the image XObject `id` to grey, or says why it cannot.
pub fn grey_image(doc: &Document, id: ObjectId) -> Result<GreyImage, String> {
    let Ok(Object::Stream(stream)) = doc.get_object(id) else {
        return Err(format!("image {} {} R is not in the file", id.0, id.1));
    };
    let dict = &stream.dict;
    let width = get_number(doc, dict, b"Width").unwrap_or(0.0) as usize;
    let height = get_number(doc, dict, b"Height").unwrap_or(0.0) as usize;
    if width == 0 || height == 0 || width.saturating_mul(height) > MAX_PIXELS {
        return Err(format!("the image is {width} × {height} pixels"));
    }
    let filters = filters(doc, dict);
    // A JPEG's size is its own header's; other codecs fill the declared one.
    let pixels = match filters.last().map(Vec::as_slice) {
        Some(b"DCTDecode" | b"DCT") => return jpeg(&prefix_decoded(stream, &filters)?),
        Some(b"CCITTFaxDecode" | b"CCF") => {
            ccitt(&prefix_decoded(stream, &filters)?, doc, dict, width, height)
        }
        Some(b"JBIG2Decode") => Err("JBIG2 images are not read yet".to_string()),
        Some(b"JPXDecode") => Err("JPEG 2000 images are not read yet".to_string()),
        _ => {
            let data = decoded(stream, MAX_PIXELS * 4).map_err(|e| format!("{e:?}"))?;
            samples(&data, doc, dict, width, height)
        }
    }?;
    Ok(GreyImage {
        width,
        height,
        pixels,
    })
}

fn filters(doc: &Document, dict: &Dictionary) -> Vec<Vec<u8>> {
    match get(doc, dict, b"Filter") {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|f| resolve(doc, f)?.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    }
}

/// The stream's bytes with every filter but the last (the image codec)
/// undone; only Flate is met before a codec in practice.
fn prefix_decoded<'a>(stream: &'a Stream, filters: &[Vec<u8>]) -> Result<Cow<'a, [u8]>, String> {
    let raw = raw_content(stream)?;
    if filters.len() <= 1 {
        return Ok(raw);
    }
    if filters.len() == 2 && matches!(filters[0].as_slice(), b"FlateDecode" | b"Fl") {
        return inflated(&raw, MAX_PIXELS * 4)
            .map(Cow::Owned)
            .map_err(|e| format!("{e:?}"));
    }
    Err("the image's filters are not supported".to_string())
}

fn jpeg(data: &[u8]) -> Result<GreyImage, String> {
    use zune_jpeg::zune_core::bytestream::ZCursor;
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let options = DecoderOptions::default()
        .jpeg_set_out_colorspace(ColorSpace::Luma)
        .set_max_width(1 << 15)
        .set_max_height(1 << 15);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(data), options);
    let pixels = decoder.decode().map_err(|e| format!("JPEG: {e:?}"))?;
    let info = decoder.info().ok_or("JPEG without a header")?;
    let (width, height) = (usize::from(info.width), usize::from(info.height));
    if pixels.len() < width * height {
        return Err("JPEG: fewer pixels than its size".to_string());
    }
    Ok(GreyImage {
        width,
        height,
        pixels: pixels[..width * height].to_vec(),
    })
}

fn ccitt(
    data: &[u8],
    doc: &Document,
    dict: &Dictionary,
    width: usize,
    height: usize,
) -> Result<Vec<u8>, String> {
    let params = get(doc, dict, b"DecodeParms")
        .and_then(|p| match p {
            Object::Array(a) => a.last().and_then(|o| resolve(doc, o)),
            other => Some(other),
        })
        .and_then(as_dict);
    let param = |key: &[u8]| params.and_then(|p| get_number(doc, p, key));
    let k = param(b"K").unwrap_or(0.0);
    let columns = param(b"Columns").map_or(width, |c| c as usize);
    // /BlackIs1 false (the default): 0 bits are black, as decoded.
    let black_is_1 = params
        .and_then(|p| get(doc, p, b"BlackIs1"))
        .is_some_and(|b| matches!(b, Object::Boolean(true)));
    let mut pixels = Vec::with_capacity(width * height);
    let mut line = |transitions: &[u32]| {
        if pixels.len() < width * height {
            pixels.extend(
                fax::decoder::pels(transitions, columns as u32)
                    .take(width)
                    .map(|c| match c {
                        fax::Color::Black => 0u8,
                        fax::Color::White => 255u8,
                    }),
            );
        }
    };
    let ok = if k < 0.0 {
        fax::decoder::decode_g4(
            data.iter().copied(),
            columns as u32,
            Some(height as u32),
            &mut line,
        )
    } else {
        fax::decoder::decode_g3(data.iter().copied(), &mut line)
    };
    if ok.is_none() && pixels.is_empty() {
        return Err("CCITT fax data could not be decoded".to_string());
    }
    pixels.resize(width * height, 255);
    if black_is_1 {
        pixels.iter_mut().for_each(|p| *p = 255 - *p);
    }
    Ok(pixels)
}

/// Raw samples (after Flate or no filter) to grey. A stencil mask's 1-bit
/// samples read 0 (paint) and 1 (paper) as a grey image's 0 and 255.
fn samples(
    data: &[u8],
    doc: &Document,
    dict: &Dictionary,
    width: usize,
    height: usize,
) -> Result<Vec<u8>, String> {
    let image_mask =
        get(doc, dict, b"ImageMask").is_some_and(|m| matches!(m, Object::Boolean(true)));
    let bits = if image_mask {
        1
    } else {
        get_number(doc, dict, b"BitsPerComponent").unwrap_or(8.0) as usize
    };
    let (components, palette) = if image_mask {
        (1, None)
    } else {
        colour_space(doc, get(doc, dict, b"ColorSpace"))
    };
    if !matches!(bits, 1 | 2 | 4 | 8) {
        return Err(format!("{bits}-bit samples are not read"));
    }
    let row_bytes = (width * components * bits).div_ceil(8);
    if data.len() < row_bytes * height {
        return Err("the image has fewer samples than its size".to_string());
    }
    let max = ((1u32 << bits) - 1) as f32;
    let mut pixels = Vec::with_capacity(width * height);
    for y in 0..height {
        let row = &data[y * row_bytes..(y + 1) * row_bytes];
        let sample = |i: usize| -> u32 {
            let bit = i * bits;
            let byte = u32::from(row[bit / 8]);
            (byte >> (8 - bits - bit % 8)) & ((1 << bits) - 1)
        };
        for x in 0..width {
            let grey = match &palette {
                Some(p) => p.get(sample(x) as usize).copied().unwrap_or(255),
                None => {
                    // to_grey reads 1, 3 or 4 components (the first of others).
                    let mut v = [0.0f32; 4];
                    let n = if components <= 4 { components } else { 1 };
                    for (c, slot) in v.iter_mut().enumerate().take(n) {
                        *slot = sample(x * components + c) as f32 / max;
                    }
                    to_grey(&v[..n])
                }
            };
            pixels.push(grey);
        }
    }
    Ok(pixels)
}

/// Grey (0..255) of colour components in 0..1 (1, 3 or 4 of them).
fn to_grey(v: &[f32]) -> u8 {
    let g = match v.len() {
        3 => 0.299 * v[0] + 0.587 * v[1] + 0.114 * v[2],
        4 => (1.0 - (0.3 * v[0] + 0.59 * v[1] + 0.11 * v[2] + v[3])).max(0.0),
        _ => v.first().copied().unwrap_or(1.0),
    };
    (g.clamp(0.0, 1.0) * 255.0).round() as u8
}

/// Components per sample, and for an Indexed space its palette as grey.
fn colour_space(doc: &Document, space: Option<&Object>) -> (usize, Option<Vec<u8>>) {
    match space {
        Some(Object::Name(n)) => (components_of(n), None),
        Some(Object::Array(a)) => {
            let name = a.first().and_then(|o| resolve(doc, o)?.as_name().ok());
            match name {
                Some(b"Indexed" | b"I") => (1, palette(doc, a)),
                Some(b"ICCBased") => {
                    let n = a
                        .get(1)
                        .and_then(|o| resolve(doc, o))
                        .and_then(|o| o.as_stream().ok())
                        .and_then(|s| get_number(doc, &s.dict, b"N"))
                        .unwrap_or(3.0);
                    (n as usize, None)
                }
                Some(b"CalRGB" | b"Lab") => (3, None),
                Some(b"CalGray") => (1, None),
                Some(n) => (components_of(n), None),
                None => (1, None),
            }
        }
        _ => (1, None),
    }
}

fn components_of(name: &[u8]) -> usize {
    match name {
        b"DeviceRGB" | b"RGB" => 3,
        b"DeviceCMYK" | b"CMYK" => 4,
        _ => 1,
    }
}

/// An Indexed space's lookup table as grey levels.
fn palette(doc: &Document, space: &[Object]) -> Option<Vec<u8>> {
    let (base, _) = colour_space(doc, space.get(1).and_then(|o| resolve(doc, o)));
    let table: Vec<u8> = match space.get(3).and_then(|o| resolve(doc, o))? {
        Object::String(s, _) => s.clone(),
        Object::Stream(s) => decoded(s, 1 << 20).ok()?,
        _ => return None,
    };
    Some(
        table
            .chunks(base.max(1))
            .map(|c| to_grey(&c.iter().map(|&b| f32::from(b) / 255.0).collect::<Vec<_>>()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn image_doc(dict: Dictionary, data: Vec<u8>) -> (Document, ObjectId) {
        let mut doc = Document::with_version("1.7");
        let id = doc.add_object(Stream::new(dict, data));
        (doc, id)
    }

    #[test]
    fn grey_samples_are_read_as_they_are() {
        let (doc, id) = image_doc(
            dictionary! { "Subtype" => "Image", "Width" => 2, "Height" => 2, "BitsPerComponent" => 8, "ColorSpace" => "DeviceGray" },
            vec![0, 255, 128, 64],
        );
        let image = grey_image(&doc, id).unwrap();
        assert_eq!((image.width, image.height), (2, 2));
        assert_eq!(image.pixels, vec![0, 255, 128, 64]);
    }

    #[test]
    fn one_bit_rgb_and_indexed_samples_become_grey() {
        let (doc, id) = image_doc(
            dictionary! { "Width" => 10, "Height" => 1, "BitsPerComponent" => 1, "ColorSpace" => "DeviceGray" },
            vec![0b1010_1010, 0b1100_0000],
        );
        let image = grey_image(&doc, id).unwrap();
        assert_eq!(image.pixels, vec![255, 0, 255, 0, 255, 0, 255, 0, 255, 255]);
        let (doc, id) = image_doc(
            dictionary! { "Width" => 1, "Height" => 1, "BitsPerComponent" => 8, "ColorSpace" => "DeviceRGB" },
            vec![255, 255, 255],
        );
        assert_eq!(grey_image(&doc, id).unwrap().pixels, vec![255]);
        let space = Object::Array(vec![
            "Indexed".into(),
            "DeviceGray".into(),
            1.into(),
            Object::String(vec![10, 200], lopdf::StringFormat::Literal),
        ]);
        let (doc, id) = image_doc(
            dictionary! { "Width" => 2, "Height" => 1, "BitsPerComponent" => 8, "ColorSpace" => space },
            vec![1, 0],
        );
        assert_eq!(grey_image(&doc, id).unwrap().pixels, vec![200, 10]);
    }

    #[test]
    fn too_few_samples_or_an_absurd_size_is_refused() {
        let (doc, id) = image_doc(
            dictionary! { "Width" => 100, "Height" => 100, "BitsPerComponent" => 8 },
            vec![0; 10],
        );
        assert!(grey_image(&doc, id).is_err());
        let (doc, id) = image_doc(
            dictionary! { "Width" => 100_000, "Height" => 100_000, "BitsPerComponent" => 8 },
            vec![],
        );
        assert!(grey_image(&doc, id).is_err());
    }
}
