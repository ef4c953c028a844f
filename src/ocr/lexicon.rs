//! Words of budget disclosures put right where the OCR engine misread one
//! character of them (bold titles: 支 read as 文, 收 as 改, 拨 as 拔): each
//! line's characters in, the same characters with such slips corrected out.
//! A long word (four characters or more) is corrected when exactly one of
//! its characters differs; a short one only for a known confusion, since one
//! character in two or three is too much to guess. Figures are never
//! touched; only Chinese characters change, each in its own box.

/// The vocabulary: table titles, header and row words of the templates.
const WORDS: &[&str] = &[
    "财政拨款收支预算总表",
    "一般公共预算支出预算表",
    "一般公共预算基本支出预算表",
    "一般公共预算机关运行经费支出预算表",
    "政府性基金预算支出预算表",
    "财政拨款基本支出预算表",
    "财政拨款支出预算表",
    "部门收支预算总表",
    "部门收入预算总表",
    "部门支出预算总表",
    "收支预算总表",
    "收入预算总表",
    "支出预算总表",
    "政府采购预算表",
    "项目支出预算表",
    "基本支出预算表",
    "会议费、培训费",
    "机关运行经费",
    "一般公共预算",
    "政府性基金预算",
    "政府性基金",
    "财政专户管理资金",
    "一般公共服务支出",
    "社会保障和就业支出",
    "住房保障支出",
    "卫生健康支出",
    "公共安全支出",
    "教育支出",
    "科学技术支出",
    "节能环保支出",
    "城乡社区支出",
    "农林水支出",
    "交通运输支出",
    "其他支出",
    "工资福利支出",
    "商品和服务支出",
    "对个人和家庭的补助",
    "资本性支出",
    "功能科目名称",
    "功能科目代码",
    "经济科目名称",
    "经济科目代码",
    "功能分类",
    "支出用途",
    "项目名称",
    "财政拨款",
    "基本支出",
    "项目支出",
    "人员经费",
    "公用经费",
    "上年结转",
    "结转下年",
    "本年收入",
    "本年支出",
    "收入总计",
    "支出总计",
    "收入合计",
    "支出合计",
    "单位：万元",
];

/// Confusions of the engine between look-alike characters: (read, meant).
const CONFUSIONS: &[(char, char)] = &[
    ('文', '支'),
    ('改', '收'),
    ('拔', '拨'),
    ('颅', '预'),
    ('贱', '预'),
    ('丸', '九'),
];

/// Words of two or three characters corrected only through a confusion.
const SHORT_WORDS: &[&str] = &[
    "支出", "收入", "预算", "拨款", "总表", "合计", "小计", "总计", "金额", "万元",
];

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Look-alike punctuation the engine reads in place of what disclosures
/// print: (read, meant). Angle brackets stand for the full-width brackets
/// of titles such as "…预算表（一般公共预算）".
const PUNCTUATION: &[(&str, &str)] = &[("〈", "（"), ("〉", "）")];

/// Corrects the characters of one line in place (each entry one character).
pub fn correct(line: &mut [String]) {
    for c in line.iter_mut() {
        if let Some((_, meant)) = PUNCTUATION.iter().find(|(read, _)| c == read) {
            *c = meant.to_string();
        }
    }
    let chars: Vec<Option<char>> = line
        .iter()
        .map(|s| {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            }
        })
        .collect();
    let mut fixed = chars.clone();
    let mut taken = vec![false; chars.len()];
    let mut words: Vec<(&str, bool)> = WORDS
        .iter()
        .map(|w| (*w, false))
        .chain(SHORT_WORDS.iter().map(|w| (*w, true)))
        .collect();
    words.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
    for (word, short) in words {
        let want: Vec<char> = word.chars().collect();
        let n = want.len();
        if n > chars.len() {
            continue;
        }
        for start in 0..=chars.len() - n {
            if taken[start..start + n].iter().any(|&t| t) {
                continue;
            }
            let window = &chars[start..start + n];
            let differing: Vec<usize> = (0..n).filter(|&i| window[i] != Some(want[i])).collect();
            let [i] = differing[..] else {
                continue;
            };
            let Some(read) = window[i] else {
                continue;
            };
            let known = CONFUSIONS.contains(&(read, want[i]));
            if !is_han(read) || !is_han(want[i]) || (short || n < 4) && !known {
                continue;
            }
            // Two words one slip away (收文预算总表: 收支 or 收入?): no guess.
            let one_slip_from = |other: &str| {
                other != word
                    && other.chars().count() == n
                    && other
                        .chars()
                        .zip(window)
                        .filter(|(c, w)| Some(*c) != **w)
                        .count()
                        == 1
            };
            if WORDS.iter().chain(SHORT_WORDS).any(|w| one_slip_from(w)) {
                continue;
            }
            fixed[start + i] = Some(want[i]);
            taken[start..start + n].iter_mut().for_each(|t| *t = true);
        }
    }
    for (slot, c) in line.iter_mut().zip(fixed) {
        if let Some(c) = c {
            *slot = c.to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corrected(text: &str) -> String {
        let mut line: Vec<String> = text.chars().map(String::from).collect();
        correct(&mut line);
        line.concat()
    }

    #[test]
    fn one_slip_in_a_long_word_or_a_known_confusion_is_put_right() {
        assert_eq!(corrected("收文预算总表"), "收文预算总表", "收支 or 收入");
        assert_eq!(corrected("财政拔款支出预算表"), "财政拨款支出预算表");
        assert_eq!(
            corrected("二、项目文出 10,688.66"),
            "二、项目支出 10,688.66"
        );
        assert_eq!(corrected("改入合计"), "收入合计");
        assert_eq!(
            corrected("支出预算表〈一般公共预算)"),
            "支出预算表（一般公共预算)"
        );
    }

    #[test]
    fn other_text_and_figures_are_left_alone() {
        for text in [
            "文化体育与传媒支出",
            "改革创新",
            "12,345.67",
            "部门概况",
            "收益",
        ] {
            assert_eq!(corrected(text), text);
        }
    }
}
