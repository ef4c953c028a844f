//! A table row's meaning: its code, name, unit block and exact amounts.
//! The records stage fills these; checks and output read them.

use compact_str::CompactString;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One amount of a record: which column, as printed, and exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// The column's header path, shared by every amount of the column (a
    /// long book holds hundreds of thousands of amounts).
    pub column: Arc<[String]>,
    /// Index of the leaf column in the table.
    pub column_index: usize,
    /// As printed; a figure fits in the value itself (no allocation).
    pub printed: CompactString,
    /// In the table's unit.
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    /// In 元, when the table's unit is known.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub value_yuan: Option<Decimal>,
    /// The OCR engine's confidence (0–100) in the figure, when it was read
    /// by OCR (absent for a text layer's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<u8>,
}

/// The classification a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeScheme {
    /// 支出功能分类科目 (类 3 / 款 2 / 项 2 digits).
    Function,
    /// 部门预算支出经济分类 (301, 30101).
    EconomicDepartment,
    /// 政府预算支出经济分类 (501, 50101).
    EconomicGovernment,
    /// Unit codes (311 department, 311001 unit).
    Unit,
}

/// What an amount column stands for, whatever its header says (合计,
/// 支出预算 and 本年支出合计 are all `total`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnRole {
    /// The table's (or the side's) total.
    Total,
    /// 基本支出.
    Basic,
    /// 项目支出.
    Project,
    /// 人员经费 / 工资福利支出.
    Personnel,
    /// 公用经费 (office and running costs).
    Public,
    /// 一般公共预算 / 财政拨款.
    GeneralBudget,
    /// 政府性基金预算.
    GovernmentFund,
    /// 国有资本经营预算.
    StateCapital,
    /// 财政专户管理资金.
    SpecialAccount,
    /// 事业收入.
    BusinessIncome,
    /// 经营收入 / 经营支出.
    Operating,
    /// 附属单位上缴 / 对附属单位补助.
    Subsidiary,
    /// 上级补助收入 / 上缴上级支出.
    Superior,
    /// 其他收入.
    OtherIncome,
    /// 上年结转 / 结余.
    Carryover,
    /// An earlier year's figures (上年, or the earlier of two year columns).
    PreviousYear,
    /// A budget figure printed beside the final accounts (年初预算数 next to 决算数).
    Budget,
    /// 增减 / 增长: a change between two columns.
    Change,
    /// None of the above.
    Other,
}

/// One body row's meaning (or one side of a two-sided summary row).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub page: u32,
    /// Index of the body row in `rows`.
    pub row: usize,
    /// For two-sided tables: "income" or "expenditure".
    pub side: Option<CompactString>,
    pub code: Option<CompactString>,
    /// 类, 款 or 项 (function codes), 类/款 (economic codes).
    pub code_level: Option<CompactString>,
    pub code_scheme: Option<CodeScheme>,
    /// The second code printed beside the first (a government economic code
    /// next to a departmental one).
    pub code_other: Option<CompactString>,
    pub name: CompactString,
    /// A 合计 / 总计 / 小计 row.
    pub total: bool,
    /// The unit code (311, 311001) of the block the row is printed in, where a
    /// table lists function rows under each unit in turn.
    pub unit: Option<CompactString>,
    /// The name of the 预算单位 whose block the row is printed in, where a
    /// table lists its rows under each unit's name in turn (a unit column).
    pub unit_name: Option<CompactString>,
    /// A coded row that no other row of the table extends (a 项 row, or a 类
    /// row printed without children): summing leaves never double counts.
    pub leaf: bool,
    /// Text cells other than code and name (project category, unit, indicator …),
    /// by header; merged cells of indicator tables filled down.
    pub attributes: Attributes,
    pub amounts: Vec<Amount>,
}

impl Record {
    /// Gives back the room its lists were built with and no longer need (a
    /// long book keeps its records to the end).
    pub fn shrink_to_fit(&mut self) {
        self.attributes.shrink_to_fit();
        self.amounts.shrink_to_fit();
    }
}

/// A record's text cells by header, each header once, in the headers' order
/// as strings (as a `BTreeMap` orders them, and serialised as a map alike).
/// A sorted list rather than a tree: most records hold none to three, and a
/// tree's first node takes over 500 bytes (a long book holds tens of
/// thousands of records).
#[derive(Debug, Clone, Default, PartialEq)]
/// Headers and texts are inline when short (most are): no allocation each.
pub struct Attributes(Vec<(CompactString, CompactString)>);

impl Attributes {
    /// Sets `header`'s text, giving back the text it replaces.
    pub fn insert(
        &mut self,
        header: impl Into<CompactString> + AsRef<str>,
        text: impl Into<CompactString>,
    ) -> Option<String> {
        let text = text.into();
        match self.position(header.as_ref()) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, text).into_string()),
            Err(i) => {
                self.0.insert(i, (header.into(), text));
                None
            }
        }
    }

    pub fn get(&self, header: &str) -> Option<&str> {
        let i = self.position(header).ok()?;
        Some(&self.0[i].1)
    }

    /// Where `header` is, or would go.
    fn position(&self, header: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(h, _)| h.as_str().cmp(header))
    }

    /// Header and text, in header order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(h, t)| (h.as_str(), t.as_str()))
    }

    /// The texts, in header order.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(_, t)| t.as_str())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Gives back the room no text needs (a record keeps its attributes to
    /// the end of its document).
    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }
}

impl Serialize for Attributes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(h, t)| (h, t)))
    }
}

impl<'de> Deserialize<'de> for Attributes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, String>::deserialize(deserializer)?;
        Ok(Attributes(
            map.into_iter().map(|(h, t)| (h.into(), t.into())).collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inserted in any order, with a header set twice, the attributes
    /// serialise as the map a `BTreeMap` makes of the same inserts, and read
    /// back the same.
    #[test]
    fn attributes_are_the_map_a_btreemap_would_be() {
        let inserts = [
            ("项目类别", "一"),
            ("单位", "万元"),
            ("年度", "2025年"),
            ("单位", "元"),
            ("", "x"),
        ];
        let mut list = Attributes::default();
        let mut tree = BTreeMap::new();
        for (h, t) in inserts {
            assert_eq!(
                list.insert(h.to_string(), t.to_string()),
                tree.insert(h.to_string(), t.to_string())
            );
        }
        let json = serde_json::to_string(&list).unwrap();
        assert_eq!(json, serde_json::to_string(&tree).unwrap());
        assert_eq!(serde_json::from_str::<Attributes>(&json).unwrap(), list);
        assert_eq!(list.get("单位"), Some("元"));
        assert_eq!(list.get("名称"), None);
        assert_eq!(
            list.values().collect::<Vec<_>>(),
            tree.values().collect::<Vec<_>>()
        );
        assert_eq!(list.len(), 4);
    }
}
