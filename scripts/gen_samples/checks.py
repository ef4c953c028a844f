"""Identities every model must satisfy, checked on the printed strings (the
same strings the truth carries). A failure stops the generator."""

import re
from decimal import Decimal

from model import body_rows, dec, header_paths

ITEM_RE = re.compile(r"^[一二三四五六七八九十]+、")
SUB_RE = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")


class Failed(Exception):
    pass


def eq(a, b, what):
    A = dec(a) if isinstance(a, str) else Decimal(a)
    B = dec(b) if isinstance(b, str) else Decimal(b)
    if A != B:
        raise Failed(f"{what}: {A} != {B}")


def S(vals):
    return sum((dec(v) if isinstance(v, str) else Decimal(v) for v in vals), Decimal(0))


def find(rows, col, label):
    for r in rows:
        if r[col] == label:
            return r
    raise Failed(f"no row {label!r} in column {col}")


def _check_summary(rows, name):
    inc_items = [r[1] for r in rows if ITEM_RE.match(r[0])]
    exp_items = [r[3] for r in rows if ITEM_RE.match(r[2])]
    cur_in = find(rows, 0, "本年收入合计")[1]
    cur_out = find(rows, 2, "本年支出合计")[3]
    eq(S(inc_items), cur_in, f"{name}: income items = 本年收入合计")
    eq(S(exp_items), cur_out, f"{name}: expenditure items = 本年支出合计")
    tot_in = find(rows, 0, "收入总计")[1]
    tot_out = find(rows, 2, "支出总计")[3]
    eq(S([cur_in, find(rows, 0, "上年结转结余")[1]]), tot_in, f"{name}: 本年收入合计 + 上年结转结余 = 收入总计")
    eq(S([cur_out, find(rows, 2, "年终结转结余")[3]]), tot_out, f"{name}: 本年支出合计 + 年终结转结余 = 支出总计")
    eq(tot_in, tot_out, f"{name}: 收入总计 = 支出总计")
    return dec(tot_in)


def _exp_layout(paths):
    """Column indices of an expenditure table (3 code columns or 1)."""
    names = [p[-1] for p in paths]
    k = names.index("合计")
    return k


def _check_expenditure(rows, paths, name, one_code):
    k = _exp_layout(paths)  # index of 合计
    code_cols = k - 2
    for r in rows:
        v = r[k:k + 9]
        eq(v[0], S([v[1], v[6]]), f"{name} row {r[:k]}: 合计 = 基本 + 项目")
        eq(v[1], S(v[2:6]), f"{name} row {r[:k]}: 基本 = 工资福利 + 对个人 + 商品服务 + 资本性")
        eq(v[6], S(v[7:9]), f"{name} row {r[:k]}: 项目 = 其他运转类 + 特定目标类")

    def code(r):
        return "".join(r[:code_cols])

    leaves = [r for r in rows if len(code(r)) == 7]
    total = rows[0]
    if total[k - 1] != "合计":
        raise Failed(f"{name}: first row is not 合计")
    for j in range(k, k + 9):
        eq(total[j], S(r[j] for r in leaves), f"{name}: 合计 column {j} = Σ leaves")
    # unit rows and class/款 rows = Σ the leaves under them
    units = [i for i, r in enumerate(rows) if r[k - 2] and i > 0]
    for n, i in enumerate(units):
        uc = rows[i][k - 2]
        if len(uc) == 3:
            under = [r for r in rows[i + 1:] if len(code(r)) == 7]
            subs = [r for r in rows[i + 1:] if len(r[k - 2]) == 6]
            if subs:
                for j in range(k, k + 9):
                    eq(rows[i][j], S(r[j] for r in subs), f"{name}: department row {uc} = Σ unit rows")
        else:
            end = units[n + 1] if n + 1 < len(units) else len(rows)
            under = [r for r in rows[i + 1:end] if len(code(r)) == 7]
        for j in range(k, k + 9):
            eq(rows[i][j], S(r[j] for r in under), f"{name}: unit row {uc} column {j} = Σ leaves")
    for i, r in enumerate(rows):
        c = code(r)
        if len(c) in (3, 5):
            under = []
            for r2 in rows[i + 1:]:
                c2 = code(r2)
                if r2[k - 2] or not c2.startswith(c):
                    break
                if len(c2) == 7:
                    under.append(r2)
            for j in range(k, k + 9):
                eq(r[j], S(x[j] for x in under), f"{name}: subtotal row {c} column {j} = Σ children")
    return rows[0][k], rows[0][k + 1], rows[0][k + 6]


def check(model):
    T = {t["role"]: t for t in model["tables"]}
    R = {role: body_rows(t) for role, t in T.items()}
    P = {role: header_paths(model, t) for role, t in T.items()}
    f = model["facts"]
    # every cell: no whitespace (the truth compares strings)
    for role, rows in R.items():
        for r in rows:
            for c in r:
                if re.search(r"\s", c):
                    raise Failed(f"{role}: whitespace in cell {c!r}")
    total = _check_summary(R["summary"], "部门收支预算表")
    eq(total, f["income_total"], "fact income_total")
    eq(total, f["expenditure_total"], "fact expenditure_total")
    eq(find(R["summary"], 0, "本年收入合计")[1], f["income_current_year"], "fact income_current_year")
    # income table
    inc = R["income"]
    for r in inc:
        eq(r[2], S([r[3], r[14]]), f"收入表 {r[1]}: 总计 = 本年合计 + 上年合计")
        eq(r[3], S([r[4]] + r[6:14]), f"收入表 {r[1]}: 本年合计 = Σ sources")
        eq(r[14], S(r[15:20]), f"收入表 {r[1]}: 上年合计 = Σ sources")
    units = [r for r in inc if len(r[0]) == 6]
    for j in range(2, 20):
        eq(inc[0][j], inc[1][j], "收入表 合计 = department row")
        eq(inc[1][j], S(r[j] for r in units), "收入表 department = Σ units")
    eq(inc[0][2], total, "收入表 总计 = 收入总计")
    # expenditure tables
    one = len(P["expenditure"][0]) == 1 and P["expenditure"][0] == ["科目编码"]
    t3 = _check_expenditure(R["expenditure"], P["expenditure"], "部门支出预算表", one)
    eq(t3[0], total, "支出表 合计 = 支出总计")
    eq(t3[1], f["basic_expenditure"], "fact basic_expenditure")
    eq(t3[2], f["project_expenditure"], "fact project_expenditure")
    t5 = _check_expenditure(R["gp_expenditure"], P["gp_expenditure"], "一般公共预算支出预算表", one)
    eq(t5[0], f["general_budget_expenditure"], "fact general_budget_expenditure")
    eq(t5[1], f["general_budget_basic"], "fact general_budget_basic")
    t9 = _check_expenditure(R["gov_fund"], P["gov_fund"], "政府性基金支出预算表", one)
    eq(t9[0], f["gov_fund_expenditure"], "fact gov_fund_expenditure")
    t10 = _check_expenditure(R["state_capital"], P["state_capital"], "国有资本经营支出预算表", one)
    eq(t10[0], f["state_capital_expenditure"], "fact state_capital_expenditure")
    k = _exp_layout(P["expenditure"])
    tr = R["expenditure"][0]
    eq(tr[k + 2], f["wages_welfare"], "fact wages_welfare")
    eq(tr[k + 3], f["family_subsidy"], "fact family_subsidy")
    eq(tr[k + 4], f["goods_services"], "fact goods_services")
    eq(tr[k + 7], f["project_other_operating"], "fact project_other_operating")
    eq(tr[k + 8], f["project_specific"], "fact project_specific")
    eq(S([f["wages_welfare"], f["family_subsidy"]]), f["personnel_expenditure"], "人员经费 = 工资福利 + 对个人")
    eq(S([f["personnel_expenditure"], f["public_expenditure"]]), f["basic_expenditure"], "基本 = 人员 + 公用")
    # fiscal summary
    fs = R["fiscal_summary"]
    first = fs[0]
    eq(first[3], S([first[4], first[6], first[7]]), "财政拨款收支表 本年支出: 合计 = 一般公共预算 + 政府性基金 + 国有资本")
    items = [r for r in fs if SUB_RE.match(r[2])]
    for j in (3, 4, 5, 6, 7):
        eq(first[j], S(r[j] for r in items), f"财政拨款收支表 本年支出 column {j} = Σ items")
    last = fs[-1]
    eq(last[1], last[3], "财政拨款收支表 收入合计 = 支出合计")
    eq(last[1], S([find(fs, 0, "一、本年收入")[1], find(fs, 0, "二、上年结转")[1]]), "财政拨款收支表 收入合计 = 本年收入 + 上年结转")
    eq(last[4], t5[0], "财政拨款收支表 一般公共预算 = 一般公共预算支出表 合计")
    # basic expenditure by economic class
    gb = R["gp_basic"]
    for r in gb[1:]:
        eq(r[4], S(r[5:7]), f"基本支出表 {r[1]}: 合计 = 人员 + 公用")
    for j in (4, 5, 6):
        eq(gb[0][j], S(r[j] for r in gb[1:]), f"基本支出表 合计 column {j} = Σ lines")
    eq(gb[0][4], f["general_budget_basic"], "基本支出表 合计 = 一般公共预算基本支出")
    eq(gb[0][5], f["personnel_expenditure"], "基本支出表 人员经费")
    eq(gb[0][6], f["public_expenditure"], "基本支出表 公用经费")
    # economic summary
    es = R["econ_summary"]
    for r in es:
        eq(r[6], S([r[7]] + r[9:18]), f"经济分类汇总表 {r[2]}: 总计 = Σ sources")
    lines = [r for r in es[2:]]
    for j in range(6, 18):
        eq(es[0][j], S(r[j] for r in lines), f"经济分类汇总表 合计 column {j} = Σ lines")
        eq(es[0][j], es[1][j], "经济分类汇总表 合计 = department row")
    eq(es[0][6], total, "经济分类汇总表 总计 = 支出总计")
    # three public
    tp = R["three_public"]
    if tp:
        r = tp[0]
        eq(r[0], S([r[1], r[2], r[5]]), "三公 合计 = 出国 + 公务用车 + 接待")
        eq(r[2], S(r[3:5]), "三公 公务用车 = 购置 + 运行")
        eq(r[0], f["three_public_total"], "fact three_public_total")
        eq(r[5], f["three_public_reception"], "fact three_public_reception")
        eq(r[2], f["three_public_vehicle"], "fact three_public_vehicle")
    else:
        eq(0, f["three_public_total"], "fact three_public_total")
    # operating costs
    op = R["operating"]
    eq(op[0][3], f["operating_costs"], "fact operating_costs")
    for r in op:
        eq(r[3], S([r[4], r[12], r[15], r[16], r[17], r[23], r[24]]), f"运转经费 {r[1]}: 合计 = Σ sources")
        eq(r[4], S(r[5:12]), f"运转经费 {r[1]}: 小计 = Σ")
    if len(op) > 2:
        eq(op[0][3], S(r[3] for r in op[1:]), "运转经费 合计 = Σ units")
    # projects
    pj = R["projects"]
    for r in pj:
        eq(r[3], S(r[4:12]), f"项目表 {r[1]}: 合计 = Σ sources")
    prow = [r for r in pj if r[0]]
    for j in range(3, 12):
        eq(pj[0][j], S(r[j] for r in prow), f"项目表 合计 column {j} = Σ projects")
        eq(pj[0][j], pj[1][j], "项目表 合计 = department row")
    eq(pj[0][3], f["project_expenditure"], "项目表 合计 = 项目支出")
    eq(S(r[3] for r in prow if r[0] == "其他运转类"), f["project_other_operating"], "项目表 其他运转类")
    # project performance table: the department row = Σ projects
    pp = R["perf_projects"]
    projs = [r for r in pp if len(r[0]) > 6]
    eq(pp[0][3], S(r[3] for r in projs), "项目绩效表 资金总额 = Σ projects")
    eq(pp[0][3], f["project_expenditure"], "项目绩效表 资金总额 = 项目支出")
    # narrative restates the key figures
    text = "".join(b.get("text", "") for b in model["narrative"])
    unit = T["summary"]["unit"]
    for key in ("income_total", "basic_expenditure", "project_expenditure", "personnel_expenditure",
                "public_expenditure", "operating_costs", "three_public_total"):
        v = Decimal(f[key])
        forms = {f[key], f"{v:.2f}", f"{v:,.2f}"}
        if not any(x + unit in text for x in forms):
            raise Failed(f"narrative does not state {key} = {f[key]}{unit}")
    return dict(total=total, projects=len(prow), text_len=len(text))


def check_seed(model):
    """The figures issue 6 asks the seed sample to carry exactly."""
    R = {t["role"]: body_rows(t) for t in model["tables"]}
    eq(model["facts"]["income_total"], "18786.35", "seed 收入总计")
    got = [r[5] for r in R["expenditure"] if len(r[0] + r[1] + r[2]) == 7]
    if got != ["6580.48", "40.07", "25.98", "12060.37", "27.66", "51.79"]:
        raise Failed(f"seed 支出表 rows {got}")
    lines = R["gp_basic"][1:]
    if len(lines) != 17:
        raise Failed(f"seed basic lines: {len(lines)}")
    eq(S(r[4] for r in lines), "739.34", "seed 17 basic lines")
    projs = [r for r in R["projects"] if r[0]]
    if len(projs) != 12:
        raise Failed(f"seed projects: {len(projs)}")
    eq(S(r[3] for r in projs), "18047.01", "seed 12 projects")
