//! Amounts as printed → exact decimals. Blank, "-", "—", "0" and "0.00" are
//! zero (a blank cell in a budget table is not a missing value); thousands
//! separators are dropped; "-12.00", "（12.00）" and "(12.00)" are negative;
//! full-width digits read as digits. Never f64.

use rust_decimal::Decimal;
use std::str::FromStr;

/// How many yuan one unit is.
pub fn yuan_per_unit(unit: &str) -> Option<Decimal> {
    Some(match unit {
        "元" => Decimal::ONE,
        "百元" => Decimal::from(100),
        "千元" => Decimal::from(1_000),
        "万元" => Decimal::from(10_000),
        "亿元" => Decimal::from(100_000_000),
        _ => return None,
    })
}

/// Most digits before the decimal point of an amount.
const MAX_WHOLE_DIGITS: usize = 16;

/// The cell as a number, or None when it holds text.
pub fn parse_amount(printed: &str) -> Option<Decimal> {
    let mut s: String = printed
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + 0x30).unwrap_or(c),
            '．' => '.',
            '－' | '—' | '–' | '−' => '-',
            '，' => ',',
            other => other,
        })
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    if s.is_empty() || s.chars().all(|c| c == '-') {
        return Some(Decimal::ZERO);
    }
    let mut negative = false;
    if (s.starts_with('(') || s.starts_with('（')) && (s.ends_with(')') || s.ends_with('）')) {
        negative = true;
        s = s
            .trim_start_matches(['(', '（'])
            .trim_end_matches([')', '）'])
            .to_string();
    }
    if let Some(rest) = s.strip_prefix('-') {
        negative = !negative;
        s = rest.to_string();
    }
    if !s.chars().next().is_some_and(|c| c.is_ascii_digit())
        || !s.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        return None;
    }
    // No budget figure has more digits before the point than this (10^16
    // 元 is a thousand times the national budget); a longer run of digits is
    // an identifier or damage, and bounding amounts keeps every sum, product
    // and difference the checks make far from Decimal's limits.
    let whole_digits = s
        .split('.')
        .next()
        .map_or(0, |w| w.trim_start_matches('0').len());
    if whole_digits > MAX_WHOLE_DIGITS {
        return None;
    }
    let value = Decimal::from_str(&s).ok()?;
    Some(if negative { -value } else { value })
}

/// Decimal places as printed ("208.8" → 1), for comparing at printed precision.
pub fn printed_scale(printed: &str) -> u32 {
    printed.trim().rsplit_once('.').map_or(0, |(_, frac)| {
        frac.chars().take_while(|c| c.is_ascii_digit()).count() as u32
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn runs_of_digits_too_long_for_any_budget_are_not_amounts() {
        assert_eq!(
            parse_amount("9,999,999,999,999,999.99"),
            Some(d("9999999999999999.99"))
        );
        assert_eq!(parse_amount("99999999999999999"), None);
        assert_eq!(parse_amount("79228162514264337593543950335"), None);
        assert_eq!(parse_amount("000000000000000000012.5"), Some(d("12.5")));
    }

    #[test]
    fn amounts_as_budget_tables_print_them() {
        assert_eq!(parse_amount("12,345,678.90"), Some(d("12345678.90")));
        assert_eq!(parse_amount(""), Some(Decimal::ZERO));
        assert_eq!(parse_amount("-"), Some(Decimal::ZERO));
        assert_eq!(parse_amount("—"), Some(Decimal::ZERO));
        assert_eq!(parse_amount("0.00"), Some(Decimal::ZERO));
        assert_eq!(parse_amount("-12.00"), Some(d("-12.00")));
        assert_eq!(parse_amount("（12.00）"), Some(d("-12.00")));
        assert_eq!(parse_amount("(1,234.5)"), Some(d("-1234.5")));
        assert_eq!(parse_amount("１２３．４"), Some(d("123.4")));
        assert_eq!(parse_amount("行政运行"), None);
        assert_eq!(parse_amount("1.一般公共预算"), None);
        assert_eq!(printed_scale("208.8"), 1);
        assert_eq!(printed_scale("686"), 0);
        assert_eq!(yuan_per_unit("万元"), Some(Decimal::from(10_000)));
    }
}
