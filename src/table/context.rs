//! The lines around a table that describe it rather than belong to it: the
//! title above, the 编制部门 / 部门名称 line, the 单位：万元 line, and 注： notes
//! below. They become the table's metadata, never its rows.

use super::title::split_number;
use crate::layout::TextLine;
use crate::pdf::BBox;
use regex::Regex;
use std::sync::OnceLock;

/// What was read around one table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableContext {
    pub title: Option<String>,
    /// The table-number label (公开01表), printed on its own line or beside the title.
    pub number: Option<String>,
    pub title_source: Option<TitleSource>,
    /// Every line that was considered for the title, for `debug`.
    pub title_candidates: Vec<String>,
    /// 万元, 元, 千元, … as printed after 单位：.
    pub unit: Option<String>,
    /// The department or unit line's value (编制部门：某区司法局).
    pub department: Option<String>,
    pub notes: Vec<String>,
}

/// Where a table's title was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleSource {
    /// A name line printed above the grid.
    Printed,
    /// A full-width row at the top of the grid.
    InGrid,
    /// The sentence that introduces the table ("…情况如下：").
    Sentence,
    /// The 目录 entry that points at the table's page.
    Contents,
}

/// How far above a table its title may stand, in points.
const TITLE_REACH: f32 = 130.0;
/// A title line that does not mention 表 is at most this long (longer
/// lines are sentences, or a cell's text spilling out of the grid).
const MAX_UNNAMED_TITLE_CHARS: usize = 30;
/// How far below a table its notes may start, in points.
const NOTES_REACH: f32 = 60.0;

fn unit_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"单[ 	
]*位[ 	
]*[:：][ 	
]*(?:人民币)?[ 	
]*(亿元|万元|千元|百元|元)",
        )
        .expect("a valid pattern")
    })
}

fn department_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:编制部门|编制单位|部门名称|单位名称|预算单位|预算部门|主管部门|部门)[ 	
]*[:：][ 	
]*([^ \t\r\n]+?)(?:[ 	
]|单[ 	
]*位[ 	
]*[:：]|$)",
        )
        .expect("a valid pattern")
    })
}

/// A line that names the unit or the department: metadata, not a title.
pub fn is_meta_line(text: &str) -> bool {
    unit_re().is_match(text) || department_re().is_match(text)
}

/// The unit named in a line, if any.
pub fn unit_in(text: &str) -> Option<String> {
    unit_re().captures(text).map(|c| c[1].to_string())
}

use crate::layout::join::tidy_cjk_spacing as tidy_title;
use crate::layout::join::without_whitespace;

/// Reads the context of a table at `table` given the page's lines outside
/// tables. `above_limit` is where the region above the table starts (the
/// previous table's bottom, or the page top).
pub fn read_context(
    lines: &[TextLine],
    table: &BBox,
    above_limit: f32,
    below_limit: f32,
) -> TableContext {
    read_context_within(lines, table, above_limit, below_limit, TITLE_REACH)
}

/// [`read_context`] with the title allowed `reach` points above the table.
pub fn read_context_within(
    lines: &[TextLine],
    table: &BBox,
    above_limit: f32,
    below_limit: f32,
    reach: f32,
) -> TableContext {
    let mut ctx = TableContext::default();
    let above: Vec<&TextLine> = lines
        .iter()
        .filter(|l| l.bbox.bottom <= table.top + 2.0 && l.bbox.top >= above_limit)
        .filter(|l| table.top - l.bbox.bottom <= reach)
        .collect();
    for line in &above {
        if ctx.unit.is_none() {
            ctx.unit = unit_in(&line.text);
        }
        if ctx.department.is_none()
            && let Some(c) = department_re().captures(&line.text)
        {
            ctx.department = Some(c[1].to_string());
        }
    }
    let (title, number, candidates) = pick_title(&above, table);
    ctx.title_source = title.as_deref().map(|t| {
        if is_introducing_sentence(t) {
            TitleSource::Sentence
        } else {
            TitleSource::Printed
        }
    });
    ctx.title = title;
    ctx.number = number;
    ctx.title_candidates = candidates;
    ctx.notes = lines
        .iter()
        .filter(|l| l.bbox.top >= table.bottom - 2.0 && l.bbox.top <= below_limit)
        .filter(|l| l.bbox.top - table.bottom <= NOTES_REACH)
        .filter(|l| {
            let t = l.text.trim_start();
            t.starts_with('注') || t.starts_with("说明")
        })
        .map(|l| l.text.clone())
        .collect();
    ctx
}

/// A title names a table (it mentions 表) and is printed larger than its
/// neighbours; the nearest such line above the table wins. A table-number
/// label, on a line of its own or beside the name, is split off.
/// Returns (title, label, the candidate lines considered).
fn pick_title(above: &[&TextLine], table: &BBox) -> (Option<String>, Option<String>, Vec<String>) {
    let mut number = None;
    let mut candidates: Vec<&&TextLine> = Vec::new();
    // Nearest line first, so the label next to the title wins.
    let mut by_distance: Vec<&&TextLine> = above.iter().collect();
    by_distance.sort_by(|a, b| b.bbox.bottom.total_cmp(&a.bbox.bottom));
    for line in by_distance {
        if is_meta_line(&line.text) || is_page_number(&line.text) {
            continue;
        }
        let (label, rest) = split_number(&line.text);
        if number.is_none() {
            number = label;
        }
        if !rest.is_empty() {
            candidates.push(line);
        }
    }
    let considered = candidates.iter().map(|l| l.text.clone()).collect();
    let named = candidates
        .iter()
        .filter(|l| {
            (ends_like_title(&l.text) && !is_mid_sentence(&l.text)) || is_contents_heading(&l.text)
        })
        .min_by(|a, b| (table.top - a.bbox.bottom).total_cmp(&(table.top - b.bbox.bottom)));
    let chosen = named.or_else(|| {
        candidates
            .iter()
            .max_by(|a, b| a.size.total_cmp(&b.size))
            .filter(|l| {
                let n = l.text.chars().count();
                (4..=MAX_UNNAMED_TITLE_CHARS).contains(&n)
                    && l.text.contains('年')
                    && !l.text.contains(['。', '；', '，', ';', '：', ':'])
            })
    });
    let Some(chosen) = chosen else {
        return (None, number, considered);
    };
    let mut joined = wrapped_title(&candidates, chosen);
    if is_mid_sentence(&joined) {
        joined = chosen.text.clone();
    }
    let (label, name) = split_number(&joined);
    (Some(tidy_title(&name)), number.or(label), considered)
}

/// "（2026年度）": a year in brackets under a title is a subtitle; other
/// bracketed lines ("（按经济分类科目分）") are the title's wrapped tail.
fn is_bracketed(text: &str) -> bool {
    let t = without_whitespace(text);
    let inner = t
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    inner.len() < t.len()
        && inner
            .trim_end_matches("年度")
            .trim_end_matches('年')
            .chars()
            .all(|c| c.is_ascii_digit())
}

/// The heading of a contents grid (目录 / 报表目录): it names a table
/// without the word 表 standing last.
fn is_contents_heading(text: &str) -> bool {
    let t = without_whitespace(text);
    t == "目录" || t.ends_with("报表目录")
}

/// A line that ends the way table titles do: in 表, then perhaps bracketed
/// qualifiers ("（功能科目）", "（续）", an opening "（按" wrapped to the next
/// line) or a colon. "发表论文2篇" mentions 表 without naming a table.
fn ends_like_title(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE
        .get_or_init(|| Regex::new(r"表(?:[（(][^）)]*[）)]?)*[:：]?$").expect("a valid pattern"));
    let t = without_whitespace(text);
    let (_, name) = split_number(&t);
    re.is_match(&t) || re.is_match(&name)
}

/// A line from the middle of running text (a clause ends inside it): it
/// may mention 表 (发表, 报表) without naming a table.
fn is_mid_sentence(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['。', '；', ';', '：', ':']);
    t.contains(['。', '；', ';'])
}

/// A sentence that introduces the table below it rather than naming it.
fn is_introducing_sentence(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with('：')
        || t.ends_with(':')
        || t.ends_with("如下")
        || t.contains("见下表")
        || t.ends_with('。')
}

/// A title wrapped over two or three lines ("…培训费支出预算" / "表"): lines of
/// the same size directly above or below the chosen one are joined to it.
fn wrapped_title(candidates: &[&&TextLine], chosen: &TextLine) -> String {
    // A line wholly in brackets ("（2026年度）") is a subtitle, not a wrap.
    let same_size =
        |l: &TextLine| (l.size - chosen.size).abs() <= chosen.size * 0.1 && !is_bracketed(&l.text);
    let mut parts: Vec<&TextLine> = vec![chosen];
    loop {
        let (top, bottom) = (parts[0].bbox.top, parts[parts.len() - 1].bbox.bottom);
        let gap_limit = chosen.size * 0.8;
        let above = candidates.iter().find(|l| {
            same_size(l)
                && l.bbox.bottom <= top + 1.0
                && top - l.bbox.bottom < gap_limit
                && !parts.contains(&&****l)
        });
        let below = candidates.iter().find(|l| {
            same_size(l)
                && l.bbox.top >= bottom - 1.0
                && l.bbox.top - bottom < gap_limit
                && !parts.contains(&&****l)
        });
        match (above, below) {
            (Some(l), _) if parts.len() < 3 => parts.insert(0, l),
            (None, Some(l)) if parts.len() < 3 => parts.push(l),
            _ => break,
        }
    }
    parts
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("")
}

/// A line that can only be a table's title: short, ending in 表 or in 表
/// with a bracketed qualifier ("…预算表（功能科目）"); never a sentence
/// (a form's cell wrapped so that a line ends in "…报表数据").
pub fn is_standalone_title(title: &str) -> bool {
    let chars: Vec<char> = title.chars().collect();
    let tail: String = chars[chars.len().saturating_sub(8)..].iter().collect();
    chars.len() <= 40
        && tail.contains('表')
        && !title.starts_with('注')
        && !title.contains(['。', '；', '，'])
}

pub fn is_page_number(text: &str) -> bool {
    let t = without_whitespace(text);
    let t = t.trim_matches(|c| c == '-' || c == '—' || c == '第' || c == '页');
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_departments_and_titles() {
        assert_eq!(
            unit_in("编制部门：某区司法局 单位：元").as_deref(),
            Some("元")
        );
        assert_eq!(unit_in("单位: 万元").as_deref(), Some("万元"));
        let c = department_re()
            .captures("编制部门：某区司法局 单位：元")
            .unwrap();
        assert_eq!(&c[1], "某区司法局");
        assert_eq!(
            tidy_title(" 2024 年部门收支预算表 "),
            "2024年部门收支预算表"
        );
        assert_eq!(
            tidy_title("一般公共预算 “三公” 经费"),
            "一般公共预算“三公”经费"
        );
        assert!(is_page_number("- 12 -"));
    }
}
