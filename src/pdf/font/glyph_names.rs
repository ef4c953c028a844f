//! Glyph names to Unicode: the Adobe Glyph List (via the `pdf_encoding` crate)
//! plus the `uniXXXX` / `uXXXX[XX]` conventions, as used by `/Differences`.

/// The Unicode text a glyph name stands for, if it can be told.
pub fn glyph_name_to_unicode(name: &str) -> Option<String> {
    if let Some(s) = pdf_encoding::glyphname_to_unicode(name) {
        return Some(s.to_string());
    }
    // "a.sc", "one.oldstyle", "f_f_i": the part before the first dot names the glyph;
    // underscores join ligature components.
    let base = name.split('.').next().unwrap_or(name);
    if base != name && !base.is_empty() {
        return glyph_name_to_unicode(base);
    }
    if base.contains('_') {
        let parts: Option<String> = base.split('_').map(glyph_name_to_unicode).collect();
        return parts;
    }
    if let Some(hex) = base.strip_prefix("uni") {
        return utf16_hex_groups(hex);
    }
    if let Some(hex) = base.strip_prefix('u')
        && (4..=6).contains(&hex.len())
    {
        return u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .map(String::from);
    }
    None
}

/// "4E2D" → "中"; "00660066" → "ff" (uni names may chain several code units).
fn utf16_hex_groups(hex: &str) -> Option<String> {
    if hex.is_empty() || hex.len() % 4 != 0 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let units: Vec<u16> = (0..hex.len())
        .step_by(4)
        .filter_map(|i| u16::from_str_radix(&hex[i..i + 4], 16).ok())
        .collect();
    String::from_utf16(&units).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_every_convention() {
        assert_eq!(glyph_name_to_unicode("Euro").as_deref(), Some("€"));
        assert_eq!(glyph_name_to_unicode("uni4E2D").as_deref(), Some("中"));
        assert_eq!(glyph_name_to_unicode("uni00660069").as_deref(), Some("fi"));
        assert_eq!(
            glyph_name_to_unicode("u20000").as_deref(),
            Some("\u{20000}")
        );
        assert_eq!(glyph_name_to_unicode("one.oldstyle").as_deref(), Some("1"));
        assert_eq!(glyph_name_to_unicode("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(glyph_name_to_unicode("g123"), None);
    }
}
