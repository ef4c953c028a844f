use super::*;
use crate::pdf::{Glyph, Line as Stroke};

/// Lays `text` out from `x` on a line at `top`: CJK 10 pt wide, ASCII 5 pt.
fn put(page: &mut Page, text: &str, x: f32, top: f32) {
    let mut x0 = x;
    for ch in text.chars() {
        let w = if ch.is_ascii() { 5.0 } else { 10.0 };
        page.glyphs.push(Glyph {
            text: ch.to_string().into(),
            bbox: BBox {
                x0,
                top,
                x1: x0 + w,
                bottom: top + 10.0,
            },
            origin: (x0, top + 10.0),
            size: 10.0,
            font: 0,
            direction: 0,
            invisible: false,
            confidence: None,
        });
        x0 += w;
    }
}

/// Sets `text` so that it ends at `x1`.
fn put_right(page: &mut Page, text: &str, x1: f32, top: f32) {
    let width: f32 = text
        .chars()
        .map(|c| if c.is_ascii() { 5.0 } else { 10.0 })
        .sum();
    put(page, text, x1 - width, top);
}

fn blank_page() -> Page {
    Page {
        number: 1,
        width: 600.0,
        height: 800.0,
        ..Page::default()
    }
}

fn lines(page: &Page) -> Vec<crate::layout::TextLine> {
    crate::layout::text_lines(page, &LayoutSettings::default())
}

fn text(g: &Grid, r: usize, c: usize) -> String {
    g.cell_at(r, c)
        .map(|c| c.text.to_string())
        .unwrap_or_default()
}

#[test]
fn aligned_columns_without_rules_make_a_table() {
    let mut page = blank_page();
    let rows = [
        ("科目", "名称", "金额"),
        ("201", "一般公共服务", "12.50"),
        ("204", "公共安全", "3.00"),
        ("208", "社会保障", "7.25"),
        ("", "合计", "22.75"),
    ];
    for (i, (code, name, amount)) in rows.iter().enumerate() {
        let top = 100.0 + i as f32 * 20.0;
        put(&mut page, code, 50.0, top);
        put(&mut page, name, 150.0, top);
        put_right(&mut page, amount, 420.0, top);
    }
    let found = find_grids(&page, &lines(&page), &[]);
    assert_eq!(found.len(), 1);
    let AlignedGrid {
        grid: g,
        header_rows,
    } = &found[0];
    assert_eq!((g.rows(), g.cols(), *header_rows), (5, 3, 1));
    assert_eq!(
        (text(g, 1, 0), text(g, 1, 1), text(g, 1, 2)),
        ("201".into(), "一般公共服务".into(), "12.50".into())
    );
    assert_eq!((text(g, 4, 0), text(g, 4, 1)), ("".into(), "合计".into()));
}

#[test]
fn a_total_centred_over_the_label_columns_stands_in_the_first() {
    // 合计 in a cell merged over the code, name, code, name columns, set
    // in its middle, which falls in the first name column; a ruled table
    // puts it in the first column.
    let mut page = blank_page();
    let rows = [
        (
            "30101",
            "其他工资福利支出",
            "50501",
            "工资福利支出",
            "120.40",
        ),
        ("30102", "津贴补贴", "50501", "工资福利支出", "210.30"),
        ("30201", "办公费", "50502", "商品和服务支出", "35.60"),
        ("30228", "工会经费", "50502", "商品和服务支出", "6.10"),
    ];
    put(&mut page, "合计", 165.0, 100.0);
    put_right(&mut page, "372.40", 340.0, 100.0);
    for (i, (code, name, gov, gov_name, amount)) in rows.iter().enumerate() {
        let top = 120.0 + i as f32 * 20.0;
        put(&mut page, code, 62.5, top);
        put(&mut page, name, 105.0, top);
        put(&mut page, gov, 190.0, top);
        put(&mut page, gov_name, 220.0, top);
        put_right(&mut page, amount, 340.0, top);
    }
    let found = find_grids(&page, &lines(&page), &[]);
    assert_eq!(found.len(), 1);
    let g = &found[0].grid;
    assert_eq!(g.cols(), 5);
    let total = (0..g.rows())
        .find(|&r| (0..g.cols()).any(|c| text(g, r, c) == "合计"))
        .unwrap();
    assert_eq!(text(g, total, 0), "合计");
    assert_eq!(text(g, total + 1, 0), "30101");
}

/// One body row of single-word blocks, each `(text, x0, x1, column)`.
fn row_of(cells: &[(&str, f32, f32, usize)]) -> (Vec<Line>, Vec<blocks::Block>) {
    let bbox = |x0, x1| BBox {
        x0,
        top: 100.0,
        x1,
        bottom: 110.0,
    };
    let words: Vec<Word> = cells
        .iter()
        .map(|&(t, x0, x1, _)| Word {
            bbox: bbox(x0, x1),
            glyphs: Vec::new(),
            text: t.into(),
            figure: words::is_amount(t),
        })
        .collect();
    let blocks = cells
        .iter()
        .enumerate()
        .map(|(k, &(_, x0, x1, col))| blocks::Block {
            col,
            pieces: vec![blocks::Piece {
                line: 0,
                words: vec![k],
                bbox: bbox(x0, x1),
            }],
            bbox: bbox(x0, x1),
            size: 10.0,
        })
        .collect();
    let line = Line {
        bbox: bbox(cells[0].1, cells[cells.len() - 1].2),
        size: 10.0,
        text: String::new(),
        words,
    };
    (vec![line], blocks)
}

/// The body row of `row_of`'s lines and blocks.
fn body_row(lines: &[Line], blocks: Vec<blocks::Block>) -> BodyRow<'_> {
    BodyRow {
        lines,
        extent: spans::RowExtent {
            top: 100.0,
            bottom: 110.0,
        },
        blocks,
    }
}

#[test]
fn a_value_centred_over_the_rest_of_its_row_stands_in_the_first_of_it() {
    // A form's columns (label, item, source, value, explanation) and its
    // 部门（单位）名称 row: the name in a cell merged over the rest of the
    // row, set in its middle (331), put where it starts (column 3).
    let xs = [35.0, 100.0, 170.0, 275.0, 318.0, 564.0];
    let edges: Vec<(f32, f32)> = xs.iter().map(|&x| (x - 2.0, x + 2.0)).collect();
    // The column the row's value ends in.
    let value_column = |value: (&str, f32, f32, usize)| {
        let (lines, blocks) = row_of(&[("部门（单位）名称", 40.0, 95.0, 0), value]);
        let mut row = body_row(&lines, blocks);
        move_value_centred_over_last_columns(&mut row, &xs, &edges);
        row.blocks[1].col
    };
    assert_eq!(value_column(("某县社会事务服务中心", 271.0, 391.0, 3)), 1);
    // A value set from its own column's left edge stays there.
    assert_eq!(value_column(("服务中心", 320.0, 380.0, 4)), 4);
}

#[test]
fn a_dash_centred_over_the_rest_of_its_row_stands_in_the_first_of_it() {
    // A form's columns; a source row's "-" centred in the cell merged over
    // 指标值 and 说明 (275–564, middle 419.5), close to 说明's own middle
    // (441) too.
    let xs = [35.0, 100.0, 170.0, 275.0, 318.0, 564.0];
    let edges: Vec<(f32, f32)> = xs.iter().map(|&x| (x - 2.0, x + 2.0)).collect();
    let dash_column = |x0: f32| {
        let (lines, blocks) = row_of(&[
            ("(2)财政专户管理资金", 172.0, 250.0, 2),
            ("-", x0, x0 + 3.0, 4),
        ]);
        let mut row = body_row(&lines, blocks);
        move_value_centred_over_last_columns(&mut row, &xs, &edges);
        row.blocks[1].col
    };
    assert_eq!(dash_column(415.0), 3);
    // A dash centred in 说明, or set from its left edge, stays there.
    assert_eq!(dash_column(439.0), 4);
    assert_eq!(dash_column(320.0), 4);
    // So does a dash set right in its column, as figures are, however
    // near the run's middle.
    let xs = [0.0, 200.0, 260.0, 320.0, 380.0, 440.0, 500.0];
    let edges: Vec<(f32, f32)> = xs.iter().map(|&x| (x - 2.0, x + 2.0)).collect();
    let (lines, blocks) = row_of(&[
        ("基本支出", 5.0, 45.0, 0),
        ("10.00", 225.0, 250.0, 1),
        ("-", 375.0, 378.0, 3),
    ]);
    let mut row = body_row(&lines, blocks);
    move_value_centred_over_last_columns(&mut row, &xs, &edges);
    assert_eq!(row.blocks[2].col, 3);
}

#[test]
fn prose_is_not_a_table() {
    let mut page = blank_page();
    for i in 0..6 {
        put(
            &mut page,
            "本部门预算包括本级及所属单位的收支",
            50.0,
            100.0 + i as f32 * 20.0,
        );
    }
    put(&mut page, "2024 年收入合计 12.50 万元", 50.0, 240.0);
    assert!(find_grids(&page, &lines(&page), &[]).is_empty());
}

/// A form's rows, indicator | value | explanation, one line each.
fn form_page(rows: &[(&str, &str, &str)]) -> Page {
    let mut page = blank_page();
    for (i, (name, value, note)) in rows.iter().enumerate() {
        let top = 100.0 + i as f32 * 20.0;
        put(&mut page, name, 50.0, top);
        put(&mut page, value, 200.0, top);
        put(&mut page, note, 260.0, top);
    }
    page
}

#[test]
fn a_form_continued_on_a_page_of_its_own_is_a_table() {
    // Indicator | value | explanation rows, one figure on the page, the
    // explanations sentences: a performance-target form's second page.
    let page = form_page(&[
        ("预算执行率", "≥90%", "预算执行率=预算完成数/预算数。"),
        ("专项资金细化率", "100%", "细化到具体市县的资金数。"),
        ("决算真实性", "真实", "决算报表数据与会计账簿数据一致。"),
        ("资金使用合规性", "合规", "是否按照规定的用途使用资金。"),
    ]);
    let found = find_grids(&page, &lines(&page), &[]);
    assert_eq!(found.len(), 1);
    let g = &found[0].grid;
    assert_eq!((g.rows(), g.cols(), found[0].header_rows), (4, 3, 0));
    assert_eq!(
        (text(g, 2, 0), text(g, 2, 1), text(g, 2, 2)),
        (
            "决算真实性".into(),
            "真实".into(),
            "决算报表数据与会计账簿数据一致。".into()
        )
    );
}

/// A three-line table: the title and unit above the top rule, a two-level
/// header between it and the rule under the header, a wrapped label, a
/// column left blank in every row, and a note under the bottom rule.
fn three_line_page() -> Page {
    let mut page = blank_page();
    put(&mut page, "2024年部门支出预算表", 150.0, 40.0);
    put(&mut page, "单位：万元", 400.0, 70.0);
    put(&mut page, "科目名称", 60.0, 108.0);
    put(&mut page, "基本支出", 270.0, 95.0);
    put(&mut page, "人员", 230.0, 115.0);
    put(&mut page, "公用", 330.0, 115.0);
    put(&mut page, "项目", 420.0, 108.0);
    let body = [
        ("一般公共服务", "12.50", "2.50"),
        ("社会保障和就业", "7.25", "1.25"),
        ("合计", "19.75", "3.75"),
    ];
    let mut top = 140.0;
    for (i, (name, a, b)) in body.iter().enumerate() {
        if i == 1 {
            // wrapped over two lines, figures on the second
            put(&mut page, "其他社会保障", 60.0, top);
            top += 12.0;
        }
        put(&mut page, name, 60.0, top);
        put_right(&mut page, a, 260.0, top);
        put_right(&mut page, b, 360.0, top);
        top += 20.0;
    }
    put(&mut page, "注：本表不含上年结转。", 60.0, top + 10.0);
    for y in [90.0, 132.0, top] {
        page.lines.push(Stroke {
            x0: 50.0,
            y0: y,
            x1: 470.0,
            y1: y,
            width: 0.5,
        });
    }
    page
}

#[test]
fn a_three_line_table_reads_its_header_between_the_rules() {
    let page = three_line_page();
    let edges = crate::table::edges::page_edges(&page, &crate::table::TableSettings::default());
    let rules = horizontal_rules(&edges);
    let found = find_grids(&page, &lines(&page), &rules);
    assert_eq!(found.len(), 1, "{found:?}");
    let AlignedGrid {
        grid: g,
        header_rows,
    } = &found[0];

    let paths = crate::table::header::column_paths(g, *header_rows);
    assert_eq!(
        paths,
        vec![
            vec!["科目名称".to_string()],
            vec!["基本支出".into(), "人员".into()],
            vec!["基本支出".into(), "公用".into()],
            vec!["项目".into()],
        ]
    );
    let body: Vec<Vec<String>> = (*header_rows..g.rows())
        .map(|r| (0..g.cols()).map(|c| text(g, r, c)).collect())
        .collect();
    assert_eq!(
        body,
        vec![
            vec!["一般公共服务", "12.50", "2.50", ""],
            vec!["其他社会保障社会保障和就业", "7.25", "1.25", ""],
            vec!["合计", "19.75", "3.75", ""],
        ]
    );
}

#[test]
fn a_word_reaching_into_the_gap_before_its_column_stays_in_it() {
    // Labels of column 0 end at 90; column 1's boundary was drawn at 100,
    // just left of its texts. A wrapped cell's wide line starts at 97,
    // clear of column 0's texts: it stays in column 1. One starting at 85,
    // over column 0's texts, stands where it starts.
    let xs = [30.0, 100.0, 170.0, 300.0];
    let rights = [Some(90.0), Some(165.0), Some(290.0)];
    let (lines, _) = row_of(&[
        ("经办机构服务", 97.0, 157.0, 1),
        ("甲乙丙丁戊己", 85.0, 145.0, 1),
    ]);
    let column = |k: usize| column_of(&xs, &rights, &lines[0].words[k]);
    assert_eq!((column(0), column(1)), (1, 0));
    // Without texts known in column 0, where it starts decides.
    assert_eq!(column_of(&xs, &[None, None, None], &lines[0].words[0]), 0);
}

#[test]
fn an_amount_set_right_in_a_column_of_prose_stands_in_the_value_column() {
    // A form: indicator | value | explanation wrapped over two lines; its
    // first row's amount is set right in a cell merged over value and
    // explanation, so it stands under the explanations.
    let mut page = blank_page();
    put(&mut page, "部门预算总额", 50.0, 100.0);
    put_right(&mut page, "2345.67", 410.0, 100.0);
    let rows = [
        (
            "预算执行率",
            "≥90%",
            "预算执行率等于预算完成数除以预算数",
            "乘百分之百。",
        ),
        (
            "专项资金细化率",
            "100%",
            "细化到具体市县和承担单位的资金数",
            "占总数的比重。",
        ),
        (
            "决算真实性",
            "真实",
            "决算报表数据与会计账簿数据是否一致",
            "账表一致。",
        ),
        (
            "资金使用合规性",
            "合规",
            "是否按照规定的用途使用预算资金用以",
            "反映规范运行。",
        ),
    ];
    for (i, (name, value, note, more)) in rows.iter().enumerate() {
        let top = 130.0 + i as f32 * 30.0;
        put(&mut page, name, 50.0, top);
        put(&mut page, value, 200.0, top + 5.0);
        put(&mut page, note, 240.0, top);
        put(&mut page, more, 240.0, top + 11.0);
    }
    let found = find_grids(&page, &lines(&page), &[]);
    assert_eq!(found.len(), 1);
    let g = &found[0].grid;
    assert_eq!((g.rows(), g.cols()), (5, 3));
    assert_eq!(
        (text(g, 0, 1), text(g, 0, 2)),
        ("2345.67".into(), String::new())
    );
    assert_eq!(
        text(g, 1, 2),
        "预算执行率等于预算完成数除以预算数乘百分之百。"
    );
}

#[test]
fn a_total_reaching_past_its_column_is_judged_by_its_centre() {
    // Ruled columns: two code and name pairs (49–94–207–256–356), then
    // amounts. 合计 is merged over the four, set in their middle (203):
    // it reaches past the first name column into the next code column.
    let xs = [49.0, 94.0, 207.0, 256.0, 356.0, 420.0];
    let edges: Vec<(f32, f32)> = xs.iter().map(|&x| (x, x)).collect();
    let label_column = |label: (&str, f32, f32, usize)| {
        let (lines, blocks) = row_of(&[label, ("812.45", 392.0, 419.0, 4)]);
        let mut row = body_row(&lines, blocks);
        move_label_centred_over_first_columns(&mut row, &xs, &edges);
        row.blocks[0].col
    };
    assert_eq!(label_column(("合计", 194.0, 212.0, 1)), 0);
    // A name running on from its own column's left edge stays there.
    assert_eq!(label_column(("其他对个人和家庭的补助", 99.0, 210.0, 1)), 1);
}

#[test]
fn a_ruled_headers_body_runs_on_through_a_forms_last_indicator() {
    let mut page = blank_page();
    let cell = |col: usize, x0: f32, x1: f32, text: &str| GridCell {
        row: 0,
        col,
        row_span: 1,
        col_span: 1,
        bbox: BBox::from_corners(x0, 100.0, x1, 115.0),
        text: text.into(),
        size: 10.0,
        confidence: None,
    };
    let xs = vec![40.0, 150.0, 250.0, 350.0, 450.0];
    let mut grid = Grid {
        xs: xs.clone(),
        ys: vec![100.0, 115.0],
        cells: vec![
            cell(0, 40.0, 150.0, "项目"),
            cell(1, 150.0, 250.0, "金额"),
            cell(2, 250.0, 350.0, "三级指标"),
            cell(3, 350.0, 450.0, "指标值"),
        ],
        bbox: BBox::from_corners(40.0, 100.0, 450.0, 115.0),
        glyphs: Vec::new(),
    };
    let rows = [
        ("甲项目", "12.50", "完成率", "100%"),
        ("乙项目", "3.75", "完成率", "100%"),
    ];
    let mut top = 120.0;
    for (name, amount, indicator, value) in rows {
        put(&mut page, name, 42.0, top);
        put_right(&mut page, amount, 248.0, top);
        put(&mut page, indicator, 252.0, top);
        put(&mut page, value, 352.0, top);
        top += 18.0;
    }
    // The project's last indicator, on a line of its own: no figure.
    put(&mut page, "达标率", 252.0, top);
    put(&mut page, "≥95%", 352.0, top);
    let glyphs: Vec<usize> = (0..page.glyphs.len()).collect();
    let settings = LayoutSettings::default();
    assert!(extend_below(&page, &mut grid, &glyphs, &[], &settings));
    assert_eq!(grid.rows(), 4);
    assert_eq!(text(&grid, 3, 2), "达标率");
    assert_eq!(text(&grid, 3, 3), "≥95%");
}

#[test]
fn a_forms_last_rows_on_a_page_of_their_own_are_a_table_without_figures() {
    // Two indicator rows continued on the last page: no figure among them.
    let rows = [
        ("效益指标", "保障", "保障部门履职目标的实现。"),
        ("满意度指标", "≥90%", "反映服务对象对工作的满意程度。"),
    ];
    let page = form_page(&rows);
    let found = find_grids(&page, &lines(&page), &[]);
    assert_eq!(found.len(), 1);
    let g = &found[0].grid;
    assert_eq!((g.rows(), g.cols()), (2, 3));
    assert_eq!(text(g, 1, 1), "≥90%");
    // One such line is no table.
    let one = form_page(&rows[..1]);
    assert!(find_grids(&one, &lines(&one), &[]).is_empty());
}

#[test]
fn a_merged_cells_label_the_page_cut_far_under_its_rows_is_its_first_rows() {
    // A form with amounts among its values: 二级指标 | indicator | value |
    // explanation. 工作目标管理 is
    // centred on rows 0–2; the next merged cell runs from row 3 over the
    // page's foot, and its label, centred on the whole cell, stands far
    // under the last row, centred under the labels of its column.
    let mut page = blank_page();
    let rows = [
        ("年度履职目标相关性", "12.50"),
        ("工作任务科学性", "3.00"),
        ("绩效指标合理性", "相关"),
        ("预算编制完整性", "8.25"),
        ("专项资金细化率", "100%"),
        ("预算执行率", "4.10"),
    ];
    for (i, (name, value)) in rows.iter().enumerate() {
        let top = 100.0 + i as f32 * 20.0;
        put(&mut page, name, 150.0, top);
        put(&mut page, value, 300.0, top);
        put(&mut page, "反映部门履职的情况。", 360.0, top);
    }
    put(&mut page, "工作目标管理", 50.0, 120.0);
    let far = 100.0 + 5.0 * 20.0 + 80.0;
    put(&mut page, "预算和财务管理", 45.0, far);
    let found = find_grids(&page, &lines(&page), &[]);
    assert_eq!(found.len(), 1);
    let g = &found[0].grid;
    assert_eq!((g.rows(), g.cols()), (6, 4));
    assert_eq!(text(g, 0, 0), "工作目标管理");
    assert_eq!(text(g, 3, 0), "预算和财务管理");
    // Not when it stands under no label of the body: a line of its own.
    let mut page = page;
    page.glyphs.retain(|g| g.bbox.top < far);
    put(&mut page, "预算和财务管理", 200.0, far);
    let found = find_grids(&page, &lines(&page), &[]);
    let g = &found[0].grid;
    assert_eq!(g.rows(), 6);
    assert!((0..6).all(|r| !text(g, r, 0).contains("预算和财务管理")));
}

#[test]
fn a_forms_top_merged_over_its_columns_leaves_its_headings_their_columns() {
    // A form's first page, cut under its indicators' heading row: three of
    // its twelve lines set a text merged over the columns to the row's end
    // (年度履职目标, 主要内容), across the gaps that set 指标值 and 指标值说明
    // apart on the other lines.
    let mut page = blank_page();
    let lines_of_form: [&[(&str, f32)]; 12] = [
        &[("部门（单位）名称", 50.0), ("某县民政局", 305.0)],
        &[
            ("年度履职目标", 50.0),
            ("1、兜牢困难群众基本生活底线；2、发展养老服务。", 250.0),
        ],
        &[
            ("年度主要任务", 50.0),
            ("任务名称", 150.0),
            ("主要内容", 250.0),
        ],
        &[
            ("社会救助", 150.0),
            ("按时足额发放低保金和临时救助金", 250.0),
        ],
        &[("养老服务", 150.0), ("发放高龄津贴开展居家养老服务", 250.0)],
        &[("预算情况", 50.0), ("部门预算总额", 150.0)],
        &[("(1)政府预算资金", 250.0)],
        &[("(2)财政专户管理资金", 250.0)],
        &[("(3)单位资金", 250.0)],
        &[("(1)基本支出", 250.0)],
        &[("(2)项目支出", 250.0)],
        &[
            ("一级指标", 50.0),
            ("二级指标", 150.0),
            ("三级指标", 250.0),
            ("指标值", 380.0),
            ("指标值说明", 440.0),
        ],
    ];
    for (i, texts) in lines_of_form.iter().enumerate() {
        let top = 100.0 + i as f32 * 20.0;
        for &(text, x) in texts.iter() {
            put(&mut page, text, x, top);
        }
    }
    for (i, amount) in [(5, "41.50"), (6, "41.50"), (9, "12.25"), (10, "29.25")] {
        put_right(&mut page, amount, 560.0, 100.0 + i as f32 * 20.0);
    }
    let found = find_grids(&page, &lines(&page), &[]);
    assert_eq!(found.len(), 1);
    let g = &found[0].grid;
    let last = g.rows() - 1;
    let headings: Vec<String> = (0..g.cols()).map(|c| text(g, last, c)).collect();
    assert_eq!(
        headings[..5],
        ["一级指标", "二级指标", "三级指标", "指标值", "指标值说明"]
    );
}
