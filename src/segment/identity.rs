//! Who published the document, for which year, and what it is: the title from
//! the first page's largest lines; the fiscal year from "2024年"; the kind from
//! 预算 / 决算; the scope from 部门 / 单位; the entity from a labelled line
//! (预算主管部门：…, 部门名称：…) or else from the title before its year.

use crate::layout::TextLine;
use crate::layout::join::tidy_cjk_spacing;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Budget,
    FinalAccounts,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Department,
    Unit,
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    pub title: Option<String>,
    pub entity: Option<String>,
    pub fiscal_year: Option<u16>,
    pub kind: DocKind,
    pub scope: Scope,
}

/// How many of the largest lines of the first page may make up the title.
const MAX_TITLE_LINES: usize = 3;
/// Lines at least this fraction of the largest size belong to the title.
const TITLE_SIZE_SHARE: f32 = 0.7;

fn year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(20[0-9][0-9])[ 	
]*年",
        )
        .expect("a valid pattern")
    })
}

fn entity_label_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:预算主管部门|主管部门|部门名称|单位名称|预算单位|编制部门|编制单位|(?:^|[ 	
])部门)[ 	
]*[:：][ 	
]*([^ \t\r\n]+?)(?:单[ 	
]*位[ 	
]*[:：]|[ 	
]|$)",
        )
        .expect("a valid pattern")
    })
}

fn title_entity_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:[0-9]{4}年度?)?(.+?)(?:[0-9]{4}年度?)?(?:区级|市级|省级|县级)?(?:部门|单位)?(?:综合)?(?:预算|决算|$)")
            .expect("a valid pattern")
    })
}

/// The title: the first page's lines at its largest font size (up to three),
/// in reading order. A document whose first page is a table has its table
/// title as the document title, which is what a reader sees.
fn title(first_page: &[&TextLine]) -> Option<String> {
    // A cover shares its page with the contents at most: the title stands above
    // the 目录 heading and before the first numbered heading.
    let lines: Vec<&&TextLine> = first_page
        .iter()
        .take_while(|l| {
            !super::toc::is_toc_heading(&l.text) && !super::headings::is_numbered(&l.text)
        })
        .filter(|l| !l.text.trim().is_empty())
        .collect();
    let max = lines.iter().map(|l| l.size).fold(0.0f32, f32::max);
    // The title is the first run of consecutive large lines.
    let big: Vec<&str> = lines
        .iter()
        .skip_while(|l| l.size < max * TITLE_SIZE_SHARE)
        .take_while(|l| l.size >= max * TITLE_SIZE_SHARE)
        .take(MAX_TITLE_LINES)
        .map(|l| l.text.as_str())
        .collect();
    let joined = tidy_cjk_spacing(big.join(""));
    (!joined.is_empty()).then_some(joined)
}

fn name_label_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^[ \t]*(?:部门|单位|部门[（(]单位[）)]|预算单位)名[ \t]*称[ \t:：]+([^ \t:：]{2,40})(?:[ \t].*)?$")
            .expect("a valid pattern")
    })
}

fn year_of_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(20[0-9][0-9])[ \t]*年度").expect("a valid pattern"))
}

/// Words an organisation's name ends with.
const ORGANISATION_ENDINGS: [char; 17] = [
    '局', '委', '办', '院', '厅', '心', '会', '室', '部', '所', '站', '队', '馆', '校', '处', '署',
    '府',
];

/// For a document without a cover: the entity from a form's name line
/// ("部门名称  某市水务局", printed in a performance form), anywhere in it.
pub fn entity_from_name_lines(pages: &[Vec<TextLine>]) -> Option<String> {
    pages
        .iter()
        .flatten()
        .filter(|l| l.text.contains('名'))
        .find_map(|l| {
            let c = name_label_re().captures(&l.text)?;
            let name = c[1].to_string();
            let bare = name.trim_end_matches("（本级）").trim_end_matches("(本级)");
            bare.ends_with(ORGANISATION_ENDINGS).then_some(name)
        })
}

/// For a document whose first pages name no year: the year most often
/// written as "2026年度" anywhere in it (the earlier one on a tie).
pub fn year_from_text(pages: &[Vec<TextLine>]) -> Option<u16> {
    let mut counts: std::collections::BTreeMap<u16, usize> = std::collections::BTreeMap::new();
    for line in pages.iter().flatten().filter(|l| l.text.contains("年度")) {
        for c in year_of_re().captures_iter(&line.text) {
            if let Ok(y) = c[1].parse() {
                *counts.entry(y).or_default() += 1;
            }
        }
    }
    let best = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(y, _)| y)
}

pub fn identify(pages: &[Vec<&TextLine>]) -> Identity {
    let first = pages.first().map(Vec::as_slice).unwrap_or(&[]);
    let title = title(first);
    let early_text: String = pages
        .iter()
        .take(3)
        .flatten()
        .map(|l| tidy_cjk_spacing(&l.text))
        .collect::<Vec<_>>()
        .join("\n");
    let basis = title.clone().unwrap_or_default();
    let fiscal_year = year_re()
        .captures(&basis)
        .or_else(|| year_re().captures(&early_text))
        .and_then(|c| c[1].parse().ok());
    let kind_text = if basis.contains("预算") || basis.contains("决算") {
        &basis
    } else {
        &early_text
    };
    let kind = if kind_text.contains("决算") {
        DocKind::FinalAccounts
    } else if kind_text.contains("预算") {
        DocKind::Budget
    } else {
        DocKind::Unknown
    };
    let scope = if kind_text.contains("单位预算") || kind_text.contains("单位决算") {
        Scope::Unit
    } else if kind_text.contains("部门") {
        Scope::Department
    } else {
        Scope::Unknown
    };
    let entity = entity_label_re()
        .captures(&early_text)
        .map(|c| c[1].to_string())
        .or_else(|| {
            // Only a title that names a year has the entity in front of it.
            year_re().is_match(&basis).then_some(())?;
            title_entity_re()
                .captures(&basis)
                .map(|c| c[1].trim().to_string())
                .filter(|e| e.chars().count() >= 2)
        });
    Identity {
        title,
        entity,
        fiscal_year,
        kind,
        scope,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::BBox;

    fn line(text: &str, size: f32) -> TextLine {
        TextLine {
            bbox: BBox::default(),
            text: text.to_string(),
            glyphs: vec![],
            direction: 0,
            size,
        }
    }

    #[test]
    fn title_year_kind_scope_entity() {
        let a = line("江苏省人民检察院2017年部门预算", 22.0);
        let b = line("目录", 12.0);
        let id = identify(&[vec![&a, &b]]);
        assert_eq!(id.fiscal_year, Some(2017));
        assert_eq!(id.kind, DocKind::Budget);
        assert_eq!(id.scope, Scope::Department);
        assert_eq!(id.entity.as_deref(), Some("江苏省人民检察院"));

        let a = line("上海市普陀区 2026 年单位预算", 20.0);
        let b = line("预算单位：上海市普陀区法律援助中心", 12.0);
        let c = line("目 录", 20.0);
        let d = line("第一部分 概况", 18.0);
        let id = identify(&[vec![&a, &b, &c, &d]]);
        assert_eq!(id.title.as_deref(), Some("上海市普陀区2026年单位预算"));
        assert_eq!(id.scope, Scope::Unit);
        assert_eq!(id.entity.as_deref(), Some("上海市普陀区法律援助中心"));

        let a = line("某市交通运输局2022年部门综合预算", 20.0);
        let id = identify(&[vec![&a]]);
        assert_eq!(id.entity.as_deref(), Some("某市交通运输局"));
        let a = line("2026年度某市人民政府办公室（本级）", 20.0);
        let id = identify(&[vec![&a]]);
        assert_eq!(id.entity.as_deref(), Some("某市人民政府办公室（本级）"));

        let pages = vec![vec![
            line("部门名称   某市水务局", 10.0),
            line("2026年度目标 2025年度", 10.0),
            line("2026年度", 10.0),
        ]];
        assert_eq!(
            entity_from_name_lines(&pages).as_deref(),
            Some("某市水务局")
        );
        assert_eq!(year_from_text(&pages), Some(2026));
        let pages = vec![vec![line("部门名称 总体资金情况", 10.0)]];
        assert_eq!(entity_from_name_lines(&pages), None);

        let a = line("收支预算总表", 20.0);
        let b = line("部门：江苏省政协办公厅 单位：万元", 10.0);
        let id = identify(&[vec![&a, &b]]);
        assert_eq!(id.entity.as_deref(), Some("江苏省政协办公厅"));
        assert_eq!(id.fiscal_year, None);
    }
}
