"""Builds the model of a sibling document (same Henan template as the seed)
from a compact department spec (see siblings.py): every figure is derived from
the spec's leaves and projects, so every identity holds by construction, and
checks.py verifies them again on the printed strings."""

import random
from decimal import Decimal, ROUND_HALF_UP

from model import fact_str

D0 = Decimal(0)
C = Decimal("0.01")

CLASS_NAMES = {
    "201": "一般公共服务支出", "209": "社会保险基金支出", "205": "教育支出", "207": "文化旅游体育与传媒支出", "208": "社会保障和就业支出",
    "210": "卫生健康支出", "213": "农林水支出", "221": "住房保障支出", "229": "其他支出",
}
# the 支出 side of 部门收支预算表 / 财政拨款收支预算表 (label, class code)
SUMMARY_RIGHT = [
    ("一般公共服务", "201"), ("外交", "202"), ("国防", "203"), ("公共安全", "204"), ("教育", "205"),
    ("科学技术", "206"), ("文化旅游体育与传媒", "207"), ("社会保障和就业", "208"), ("社会保险基金支出", None),
    ("卫生健康", "210"), ("节能环保", "211"), ("城乡社区事务", "212"), ("农林水事务", "213"), ("交通运输", "214"),
    ("资源勘探信息等", "215"), ("商业服务业等", "216"), ("金融支出", "217"), ("援助其他地区支出", "219"),
    ("自然资源海洋气象等支出", "220"), ("住房保障支出", "221"), ("粮油物资储备支出", "222"),
    ("国有资本经营预算", "223"), ("灾害防治及应急管理", "224"), ("预备费", "227"), ("其他支出", "229"),
    ("转移性支出", "230"), ("债务还本支出", "231"), ("债务付息支出", "232"), ("债务发行费用支出", "233"),
    ("抗疫特别国债安排的支出", "234"),
]
SUMMARY_NUMS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
                "十六", "十七", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十七", "二十九", "三十",
                "三十一", "三十二", "三十三", "三十四"]
FISCAL_RIGHT = [("一般公共服务支出", "201"), ("外交支出", "202"), ("国防支出", "203"), ("公共安全支出", "204"),
                ("教育支出", "205"), ("科学技术支出", "206"), ("文化体育旅游与传媒支出", "207"),
                ("社会保障和就业支出", "208"), ("医疗卫生与计划生育支出", None), ("卫生健康支出", "210"),
                ("节能环保支出", "211"), ("城乡社区事务支出", "212"), ("农林水事务支出", "213"), ("交通运输支出", "214"),
                ("资源勘探信息等支出", "215"), ("商业服务业等支出", "216"), ("金融支出", "217"),
                ("援助其他地区支出", "219"), ("自然资源海洋气象等支出", "220"), ("住房保障支出", "221"),
                ("粮油物资储备支出", "222"), ("国有资本经营预算", "223"), ("灾害防治及应急管理", "224"),
                ("预备费", "227"), ("其他支出", "229"), ("转移性支出", "230"), ("债务还本支出", "231"),
                ("债务付息支出", "232"), ("债务发行费用支出", "233"), ("抗疫特别国债安排的支出", "234")]
CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四"]

SOURCES = ("gp", "fund", "carry", "biz")


def q(x):
    return Decimal(x).quantize(C, rounding=ROUND_HALF_UP)


class Fmt:
    def __init__(self, numfmt, zero):
        self.numfmt, self.zero = numfmt, zero

    def __call__(self, d):
        d = q(d)
        if d == 0:
            return self.zero
        if self.numfmt == "comma":
            return f"{d:,.2f}"
        return f"{d:.2f}"

    def text(self, d):
        """Figures in sentences: 万元 as printed by the seed (no trailing zeros
        trimmed beyond the seed's habit), 元 with separators."""
        d = q(d)
        if self.numfmt == "comma":
            return f"{d:,.2f}"
        s = f"{d:.2f}"
        if "." in s:
            s = s.rstrip("0").rstrip(".")
        return s


def pct(part, whole):
    if whole == 0:
        return Decimal(0)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(C, rounding=ROUND_HALF_UP)


def pstr(p):
    s = f"{p:.2f}".rstrip("0").rstrip(".")
    return s + "%"


# --------------------------------------------------------------- economics

def econ_gov(code, admin):
    """政府预算支出经济分类 of a 部门预算 economic code."""
    if code.startswith("310"):
        return ("50306", "设备购置") if admin else ("50601", "资本性支出（一）")
    if code.startswith("303"):
        return {"30302": ("50905", "离退休费"), "30305": ("50901", "社会福利和救助"),
                "30309": ("50999", "其他对个人和家庭的补助")}.get(code, ("50999", "其他对个人和家庭的补助"))
    if admin:
        if code.startswith("301"):
            return {"30108": ("50102", "社会保障缴费"), "30110": ("50102", "社会保障缴费"),
                    "30112": ("50102", "社会保障缴费"), "30113": ("50103", "住房公积金"),
                    "30199": ("50199", "其他工资福利支出")}.get(code, ("50101", "工资奖金津补贴"))
        return {"30231": ("50208", "公务用车运行维护费"), "30217": ("50206", "公务接待费"),
                "30215": ("50202", "会议费"), "30216": ("50203", "培训费"),
                "30211": ("50201", "办公经费")}.get(code, ("50201", "办公经费"))
    if code.startswith("301"):
        return ("50501", "工资福利支出")
    return ("50502", "商品和服务支出")


ECON_NAMES = {
    "30101": "基本工资", "30102": "津贴补贴", "30103": "奖金", "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费", "30109": "职业年金缴费", "30110": "职工基本医疗保险缴费",
    "30112": "其他社会保障缴费", "30113": "住房公积金", "30199": "其他工资福利支出",
    "30201": "办公费", "30205": "水费", "30206": "电费", "30207": "邮电费", "30208": "取暖费",
    "30211": "差旅费", "30213": "维修（护）费", "30215": "会议费", "30216": "培训费", "30217": "公务接待费",
    "30226": "劳务费", "30227": "委托业务费", "30228": "工会经费", "30229": "福利费",
    "30231": "公务用车运行维护费", "30239": "其他交通费用", "30299": "其他商品和服务支出",
    "30302": "退休费", "30305": "生活补助", "30309": "奖励金", "30399": "其他对个人和家庭的补助",
    "31002": "办公设备购置", "31007": "信息网络及软件购置更新",
}

WAGE_SPLIT = [("30101", 30), ("30102", 24), ("30103", 9), ("30107", 15), ("30112", 2), ("30199", 0)]
GOODS_SPLIT = [("30201", 34), ("30207", 8), ("30211", 10), ("30228", 9), ("30229", 12), ("30239", 17), ("30231", 0)]


def split(total, parts, rng):
    """Split `total` by percentage weights (the part with weight 0 takes the rest)."""
    total = q(total)
    out, used = [], D0
    rest_code = None
    for code, w in parts:
        if w == 0:
            rest_code = code
            continue
        jitter = Decimal(rng.randint(90, 110)) / 100
        v = q(total * w * jitter / 100)
        out.append((code, v))
        used += v
    out.append((rest_code, total - used))
    return [(c, v) for c, v in out if v != 0]


# ------------------------------------------------------------------ builder

def build(spec):
    rng = random.Random(spec["stem"])
    fmt = Fmt(spec.get("numfmt", "plain"), spec.get("zero", ""))
    F = fmt
    unit = spec.get("unit", "万元")
    scale = Decimal(10000) if unit == "元" else Decimal(1)
    year = spec["year"]
    ent = spec["entity"]
    short = spec["short"]
    dept = spec["dept_code"]
    units = spec["units"]  # [(code, name, admin?)]
    one_code = spec.get("single_code", False)

    # -------- leaves: function classification per unit, amounts by source
    # leaf = dict(unit, code, name, wages, family, goods, capital, proj: {type: {src: amt}})
    leaves = []
    basic_lines = []  # (unit, econ code, amount)
    def money(x):
        v = q(Decimal(str(x)) * scale)
        if scale > 1 and v:
            v += Decimal(rng.randint(0, 9999)) / 100
        return v

    for u in spec["unit_budgets"]:
        ucode = u["unit"]
        admin = u["admin"]
        W = money(u["wages"])
        P = money(u["pension"])
        M = money(u["medical"])
        H = money(u["housing"])
        R = money(u["retired"])
        Fm = money(u.get("family", 0))
        Rc = money(u.get("reception", 0))
        G = money(u["goods"]) + Rc
        run_code, run_name = u["run"]
        wl = split(W, WAGE_SPLIT, rng)
        gl = split(G - Rc, GOODS_SPLIT if u.get("car", True) else [x for x in GOODS_SPLIT if x[0] != "30231"] + [("30299", 0)], rng)
        for c, v in wl:
            basic_lines.append((ucode, c, v))
        if Fm:
            basic_lines.append((ucode, "30399", Fm))
        for c, v in gl:
            basic_lines.append((ucode, c, v))
        if Rc:
            basic_lines.append((ucode, "30217", Rc))
        basic_lines += [(ucode, "30108", P), (ucode, "30110", M), (ucode, "30113", H), (ucode, "30302", R)]
        leaves.append(dict(unit=ucode, code=run_code, name=run_name, wages=W, family=Fm, goods=G))
        leaves.append(dict(unit=ucode, code="2080501" if admin else "2080502",
                           name="行政单位离退休" if admin else "事业单位离退休", family=R))
        leaves.append(dict(unit=ucode, code="2080505", name="机关事业单位基本养老保险缴费支出", wages=P))
        leaves.append(dict(unit=ucode, code="2101101" if admin else "2101102",
                           name="行政单位医疗" if admin else "事业单位医疗", wages=M))
        leaves.append(dict(unit=ucode, code="2210201", name="住房公积金", wages=H))
    for lf in leaves:
        for k in ("wages", "family", "goods", "capital"):
            lf.setdefault(k, D0)
        lf["proj"] = {"其他运转类": {s: D0 for s in SOURCES}, "特定目标类": {s: D0 for s in SOURCES}}

    projects = []
    for p in spec["projects"]:
        amt = money(p["amount"])
        pr = dict(p, amount=amt)
        projects.append(pr)
        key = (p["unit"], p["leaf"][0])
        lf = next((x for x in leaves if (x["unit"], x["code"]) == key), None)
        if lf is None:
            lf = dict(unit=p["unit"], code=p["leaf"][0], name=p["leaf"][1], wages=D0, family=D0, goods=D0,
                      capital=D0, proj={"其他运转类": {s: D0 for s in SOURCES}, "特定目标类": {s: D0 for s in SOURCES}})
            leaves.append(lf)
        lf["proj"][p["type"]][p.get("source", "gp")] += amt

    unit_order = [u[0] for u in units]
    leaves.sort(key=lambda x: (unit_order.index(x["unit"]), x["code"]))

    def basic(lf):
        return lf["wages"] + lf["family"] + lf["goods"] + lf["capital"]

    def proj(lf, srcs=SOURCES, typ=None):
        return sum((v for t, d in lf["proj"].items() if typ in (None, t) for s, v in d.items() if s in srcs), D0)

    # a leaf's amounts restricted to sources (basic spending is all gp)
    def amounts(lf, srcs):
        b = lf["wages"] + lf["family"] + lf["goods"] + lf["capital"] if "gp" in srcs else D0
        w, fa, g, ca = (lf["wages"], lf["family"], lf["goods"], lf["capital"]) if "gp" in srcs else (D0,) * 4
        po, ps = proj(lf, srcs, "其他运转类"), proj(lf, srcs, "特定目标类")
        return [b + po + ps, b, w, fa, g, ca, po + ps, po, ps]

    def total_of(lfs, srcs):
        acc = [D0] * 9
        for lf in lfs:
            acc = [a + b for a, b in zip(acc, amounts(lf, srcs))]
        return acc

    unit_names = {u[0]: u[1] for u in units}
    multi_unit = len(units) > 1
    subtotals = spec.get("subtotals", False)

    def exp_rows(srcs):
        """Rows of a 14-column (or 12 with one code column) expenditure table."""
        rows = []
        all_l = [lf for lf in leaves if any(amounts(lf, srcs))]

        def row(codes, ucode, name, vals):
            cells = [F(v) for v in vals]
            if one_code:
                return ["".join(codes), ucode, name] + cells
            return list(codes) + [ucode, name] + cells

        rows.append(row(("", "", ""), "", "合计", total_of(all_l, srcs)))
        if not all_l:
            return rows
        rows.append(row(("", "", ""), dept, ent, total_of(all_l, srcs)))
        for ucode in unit_order:
            ul = [lf for lf in all_l if lf["unit"] == ucode]
            if not ul:
                continue
            if multi_unit:
                rows.append(row(("", "", ""), ucode, unit_names[ucode], total_of(ul, srcs)))
            seen_c, seen_k = set(), set()
            for lf in ul:
                c, k, x = lf["code"][:3], lf["code"][3:5], lf["code"][5:]
                if subtotals and c not in seen_c:
                    seen_c.add(c)
                    rows.append(row((c, "", ""), "", CLASS_NAMES[c],
                                    total_of([y for y in ul if y["code"][:3] == c], srcs)))
                if subtotals and c + k not in seen_k:
                    seen_k.add(c + k)
                    rows.append(row((c, k, ""), "", spec["kuan_names"][c + k],
                                    total_of([y for y in ul if y["code"][:5] == c + k], srcs)))
                rows.append(row((c, k, x), "", lf["name"], amounts(lf, srcs)))
        return rows

    # -------- totals by source
    def src_total(s):
        t = D0
        for lf in leaves:
            if s == "gp":
                t += basic(lf)
            t += proj(lf, (s,))
        return t

    gp, fund, carry, biz = (src_total(s) for s in SOURCES)
    income_cur = gp + fund + biz
    total = income_cur + carry
    basic_total = sum((basic(lf) for lf in leaves), D0)
    proj_total = sum((p["amount"] for p in projects), D0)
    assert basic_total + proj_total == total
    wages_t = sum((lf["wages"] for lf in leaves), D0)
    family_t = sum((lf["family"] for lf in leaves), D0)
    goods_t = sum((lf["goods"] for lf in leaves), D0)
    po_t = sum((p["amount"] for p in projects if p["type"] == "其他运转类"), D0)
    ps_t = proj_total - po_t

    def cls_total(cls, srcs):
        return total_of([lf for lf in leaves if lf["code"][:3] == cls], srcs)[0]

    org = "部门名称：" + ent
    T = []
    # 1 部门收支预算表
    left = [("一、一般公共预算", gp), ("其中：财政拨款", gp), ("二、政府性基金预算拨款收入", fund),
            ("三、国有资本经营预算拨款收入", D0), ("四、财政专户管理资金收入", D0), ("五、事业收入", biz),
            ("六、事业单位经营收入", D0), ("七、上级补助收入", D0), ("八、附属单位上缴收入", D0), ("九、其他收入", D0)]
    rows = []
    for i, ((lab, cls), num) in enumerate(zip(SUMMARY_RIGHT, SUMMARY_NUMS)):
        l = left[i] if i < len(left) else ("", None)
        rv = cls_total(cls, SOURCES) if cls else D0
        rows.append([l[0], F(l[1]) if l[1] is not None else "", f"{num}、{lab}", F(rv)])
    rows += [["本年收入合计", F(income_cur), "本年支出合计", F(total)],
             ["上年结转结余", F(carry), "年终结转结余", F(D0)],
             ["收入总计", F(total), "支出总计", F(total)]]
    T.append(dict(id=1, role="summary", title=f"{year}年部门收支预算表", org=org, unit=unit, orientation="portrait",
                  widths=[26, 12, 26, 12], header=[[{"t": "收入", "cs": 2}, {"t": "支出", "cs": 2}], ["项目", "金额", "项目", "金额"]],
                  body=rows))
    # 2 部门收入预算表
    def inc_vals(tot, g, fu, bz, ca):
        return [tot, g + fu + bz, g, g, fu, D0, D0, bz, D0, D0, D0, D0, ca, ca, D0, D0, D0, D0]

    def unit_src(ucode):
        ul = [lf for lf in leaves if lf["unit"] == ucode]
        g = sum((basic(lf) + proj(lf, ("gp",)) for lf in ul), D0)
        fu = sum((proj(lf, ("fund",)) for lf in ul), D0)
        ca = sum((proj(lf, ("carry",)) for lf in ul), D0)
        bz = sum((proj(lf, ("biz",)) for lf in ul), D0)
        return g + fu + ca + bz, g, fu, bz, ca

    inc_rows = [["", "合计"] + [F(v) for v in inc_vals(total, gp, fund, biz, carry)],
                [dept, ent] + [F(v) for v in inc_vals(total, gp, fund, biz, carry)]]
    for ucode, uname, _a in units:
        inc_rows.append([ucode, uname] + [F(v) for v in inc_vals(*unit_src(ucode))])
    rs2 = lambda t: {"t": t, "rs": 2}
    T.append(dict(id=2, role="income", title=f"{year}年部门收入预算表", org=org, unit=unit, orientation="landscape",
                  widths=[7, 16, 10, 10, 10, 10] + [2.6] * 14,
                  header=[[{"t": "部门（单位）代码", "rs": 3}, {"t": "部门（单位）名称", "rs": 3}, {"t": "总计", "rs": 3},
                           {"t": "本年收入", "cs": 11}, {"t": "上年结转结余", "cs": 6}],
                          [rs2("合计"), {"t": "一般公共预算", "cs": 2}] + [rs2(x) for x in
                           ["政府性基金", "国有资本经营预算", "财政专户管理资金收入", "事业收入", "事业单位经营收入", "上级补助收入",
                            "附属单位上缴收入", "其他收入", "合计", "一般公共预算", "政府性基金", "国有资本经营预算", "财政专户管理资金", "单位资金"]],
                          ["小计", "其中：财政拨款"]],
                  body=inc_rows))
    # 3 部门支出预算表
    if one_code:
        exp_header = [[{"t": "科目编码", "rs": 3}, {"t": "单位代码", "rs": 3}, {"t": "单位（科目名称）", "rs": 3}, {"t": "合计", "rs": 3},
                       {"t": "基本支出", "cs": 5}, {"t": "项目支出", "cs": 3}],
                      [rs2("小计"), {"t": "人员经费", "cs": 2}, {"t": "公用经费", "cs": 2}, rs2("小计"), rs2("其他运转类"), rs2("特定目标类")],
                      ["工资福利支出", "对个人和家庭的补助", "商品和服务支出", "资本性支出"]]
        exp_w = [8, 6, 20, 10, 10, 9, 9, 9, 5, 10, 9, 9]
    else:
        exp_header = [[{"t": "科目编码", "cs": 3}, {"t": "单位代码", "rs": 3}, {"t": "单位（科目名称）", "rs": 3}, {"t": "合计", "rs": 3},
                       {"t": "基本支出", "cs": 5}, {"t": "项目支出", "cs": 3}],
                      [rs2("类"), rs2("款"), rs2("项"), rs2("小计"), {"t": "人员经费", "cs": 2}, {"t": "公用经费", "cs": 2},
                       rs2("小计"), rs2("其他运转类"), rs2("特定目标类")],
                      ["工资福利支出", "对个人和家庭的补助", "商品和服务支出", "资本性支出"]]
        exp_w = [3.5, 3, 3, 6, 18, 10, 10, 9, 9, 9, 5, 10, 9, 9]
    if unit == "元":
        exp_w = [w if w < 9 else w + 2 for w in exp_w]
    shared = {"exp": exp_header}
    T.append(dict(id=3, role="expenditure", title=f"{year}年部门支出预算表", org=org, unit=unit, orientation="landscape",
                  widths=exp_w, header="@exp", body=exp_rows(SOURCES)))
    # 4 财政拨款收支预算表
    fin = gp + fund + carry
    l4 = [("一、本年收入", gp + fund), ("（一）一般公共预算拨款", gp), ("其中：财政拨款", gp), ("（二）政府性基金预算拨款", fund),
          ("（三）国有资本经营预算拨款", D0), ("二、上年结转", carry), ("（一）一般公共预算拨款", carry),
          ("（二）政府性基金预算拨款", D0), ("（三）国有资本经营预算拨款", D0)]
    rows = []
    gpc = ("gp", "carry")
    r_items = [("一、本年支出", fin, gp + carry, fund)]
    for (lab, cls), num in zip(FISCAL_RIGHT, SUMMARY_NUMS):
        g = cls_total(cls, gpc) if cls else D0
        fu = cls_total(cls, ("fund",)) if cls else D0
        r_items.append((f"（{num}）{lab}", g + fu, g, fu))
    r_items.append(("二、年终结转结余", D0, D0, D0))
    for i, (lab, tot, g, fu) in enumerate(r_items):
        l = l4[i] if i < len(l4) else ("", None)
        rows.append([l[0], F(l[1]) if l[1] is not None else "", lab, F(tot), F(g), F(g), F(fu), F(D0)])
    rows.append(["收入合计", F(fin), "支出合计", F(fin), F(gp + carry), F(gp + carry), F(fund), F(D0)])
    T.append(dict(id=4, role="fiscal_summary", title=f"{year}年财政拨款收支预算表", org=org, unit=unit, orientation="portrait",
                  widths=[19, 9, 22, 7, 7, 7, 2.6, 2.6] if unit == "万元" else [16, 11, 20, 11, 11, 11, 2.6, 2.6],
                  header=[[{"t": "收入", "cs": 2}, {"t": "支出", "cs": 6}],
                          [rs2("项目"), rs2("金额"), rs2("项目"), rs2("合计"), {"t": "一般公共预算", "cs": 2}, rs2("政府性基金"), rs2("国有资本经营预算")],
                          ["小计", "其中：财政拨款"]],
                  body=rows))
    # 5 一般公共预算支出预算表
    T.append(dict(id=5, role="gp_expenditure", title=f"{year}年一般公共预算支出预算表", org=org, unit=unit, orientation="landscape",
                  widths=exp_w, header="@exp", body=exp_rows(gpc)))
    # 6 一般公共预算基本支出预算表
    admin_of = {u[0]: u[2] for u in units}
    agg = {}
    order = []
    for ucode, code, v in basic_lines:
        g = econ_gov(code, admin_of[ucode])
        key = (code, g)
        if key not in agg:
            agg[key] = D0
            order.append(key)
        agg[key] += v
    personnel_t = wages_t + family_t
    b6 = [[{"t": "合计", "cs": 4}, F(basic_total), F(personnel_t), F(goods_t)]]
    order6 = sorted(order, key=lambda k: (k[0], k[1][0]))
    i = 0
    while i < len(order6):
        code = order6[i][0]
        same = [k for k in order6[i:] if k[0] == code]
        for j, k in enumerate(same):
            v = agg[k]
            pers = code.startswith("301") or code.startswith("303")
            cells = [ECON_NAMES[code], k[1][0], k[1][1], F(v), F(v) if pers else F(D0), F(D0) if pers else F(v)]
            if j == 0:
                b6.append([{"t": code, "rs": len(same)} if len(same) > 1 else code] + cells)
            else:
                b6.append(cells)
        i += len(same)
    T.append(dict(id=6, role="gp_basic", title=f"{year}年一般公共预算基本支出预算表", org=org, unit=unit, orientation="portrait",
                  widths=[7, 16, 7, 14, 9, 9, 9] if unit == "万元" else [6, 15, 6, 12, 11, 11, 11],
                  header=[[{"t": "部门预算支出经济分类科目", "cs": 2}, {"t": "政府预算支出经济分类科目", "cs": 2},
                           {"t": "本年一般公共预算基本支出", "cs": 3}],
                          ["科目编码", "科目名称", "科目编码", "科目名称", "合计", "人员经费", "公用经费"]],
                  body=b6))
    # 7 支出经济分类汇总表
    e7 = {}
    o7 = []
    for key in order6:
        k = (key[0], key[1])
        e7.setdefault(k, {s: D0 for s in SOURCES})
        if k not in o7:
            o7.append(k)
        e7[k]["gp"] += agg[key]
    for p in projects:
        g = econ_gov(p["econ"], admin_of[p["unit"]])
        k = (p["econ"], g)
        e7.setdefault(k, {s: D0 for s in SOURCES})
        if k not in o7:
            o7.append(k)
        e7[k][p.get("source", "gp")] += p["amount"]

    def v7(d):
        t = sum(d.values(), D0)
        return [F(t), F(d["gp"]), F(d["gp"]), F(d["fund"]), F(D0), F(d["carry"]), F(D0), F(d["biz"])] + [F(D0)] * 4

    tot7 = {s: sum((e7[k][s] for k in o7), D0) for s in SOURCES}
    b7 = [["", "", "合计", "", "", ""] + v7(tot7), [dept, "", ent, "", "", ""] + v7(tot7)]
    for k in o7:
        code, (gcode, gname) = k
        b7.append([code[:3], code[3:], ECON_NAMES[code], gcode[:3], gcode[3:], gname] + v7(e7[k]))
    T.append(dict(id=7, role="econ_summary", title=f"{year}年支出经济分类汇总表", org=org, unit=unit, orientation="landscape",
                  widths=[3.5, 3, 12, 3.5, 3, 12] + ([9, 9, 9] if unit == "万元" else [11, 11, 11]) + [2.6] * 9,
                  header=[[{"t": "部门预算经济分类", "cs": 3}, {"t": "政府预算经济分类", "cs": 3}, rs2("总计"), {"t": "一般公共预算", "cs": 2}] +
                          [rs2(x) for x in ["政府性基金", "国有资本经营预算", "上年结转结余", "财政专户管理资金收入", "事业收入",
                                            "上级补助收入", "附属单位上缴收入", "事业单位经营收入", "其他收入"]],
                          ["类", "款", "科目名称", "类", "款", "科目名称", "小计", "其中：财政拨款"]],
                  body=b7))
    # 8 三公
    car = sum((v for u, c, v in basic_lines if c == "30231"), D0)
    recept = sum((v for u, c, v in basic_lines if c == "30217"), D0)
    tp = car + recept
    T.append(dict(id=8, role="three_public", title=f"{year}年一般公共预算“三公”经费预算表", org=org, unit=unit, orientation="portrait",
                  widths=[12.5] * 6,
                  header=[[rs2("“三公”经费合计"), rs2("因公出国（境）费"), {"t": "公务用车购置及运行费", "cs": 3}, rs2("公务接待费")],
                          ["小计", "公务用车购置费", "公务用车运行费"]],
                  body=[[F(tp), F(D0), F(car), F(D0), F(car), F(recept)]],
                  notes=["注：按照党中央、国务院有关规定及部门预算管理有关规定，“三公”经费包括因公出国（境）费、公务用车购置及运行费和公务接待费。"]))
    # 9, 10
    T.append(dict(id=9, role="gov_fund", title=f"{year}年政府性基金支出预算表", org=org, unit=unit, orientation="landscape",
                  widths=exp_w, header="@exp", body=exp_rows(("fund",))))
    T.append(dict(id=10, role="state_capital", title=f"{year}年国有资本经营支出预算表", org=org, unit=unit, orientation="landscape",
                  widths=exp_w, header="@exp", body=exp_rows(())))
    # 11 机构运转经费 (= 商品和服务支出 of basic spending, per unit)
    h11 = [[{"t": "单位代码", "rs": 3}, {"t": "单位（科目名称）", "rs": 3}, {"t": "项目类别", "rs": 3}, {"t": "资金来源", "cs": 22}],
           [rs2("合计"), {"t": "一般公共预算资金", "cs": 8}, {"t": "政府性基金预算资金", "cs": 3}, rs2("国有资本经营预算"),
            rs2("财政专户管理资金收入"), {"t": "单位资金", "cs": 6}, rs2("财政专户管理资金收入结余结转"), rs2("单位资金结余结转")],
           ["小计", "财政拨款", "纳入预算管理的行政事业性收费", "专项收入", "国有资产资源有偿使用收入", "其他一般公共预算资金",
            "一般性转移支付资金", "一般债券", "小计", "政府性基金预算资金", "专项债券", "小计", "事业收入资金", "上级补助收入资金",
            "附属单位上缴收入资金", "事业单位经营收入资金", "其他收入资金"]]
    b11 = [["", "", "合计"] + [F(goods_t)] * 3 + [F(D0)] * 19]
    for ucode, uname, _a in units:
        g = sum((lf["goods"] for lf in leaves if lf["unit"] == ucode), D0)
        b11.append([ucode, uname, "机构运转"] + [F(g)] * 3 + [F(D0)] * 19)
    T.append(dict(id=11, role="operating", title="行政（事业）单位机构运转经费预算表", org=org, unit=unit, orientation="landscape",
                  widths=[5, 10, 4] + ([6, 6, 6] if unit == "万元" else [8, 8, 8]) + [2.6] * 19, header=h11, body=b11))
    # 12 项目支出预算表
    def v12(amt, src):
        d = {s: D0 for s in SOURCES}
        d[src] = amt
        return [F(amt), F(d["gp"]), F(d["fund"]), F(D0), F(d["carry"]), F(D0), F(D0), F(D0), F(d["biz"])]

    def v12t(ps):
        d = {s: sum((p["amount"] for p in ps if p.get("source", "gp") == s), D0) for s in SOURCES}
        t = sum(d.values(), D0)
        return [F(t), F(d["gp"]), F(d["fund"]), F(D0), F(d["carry"]), F(D0), F(D0), F(D0), F(d["biz"])]

    b12 = [["", "合计", ""] + v12t(projects), ["", dept, ent] + v12t(projects)]
    for ucode, uname, _a in units:
        ps = [p for p in projects if p["unit"] == ucode]
        if not ps:
            continue
        if multi_unit:
            b12.append(["", ucode, uname] + v12t(ps))
        for p in ps:
            b12.append([p["type"], p["name"], uname] + v12(p["amount"], p.get("source", "gp")))
    T.append(dict(id=12, role="projects", title=f"{year}年项目支出预算表", org=org, unit=unit, orientation="landscape",
                  widths=[7, 24, 18] + ([9] + [7] * 8 if unit == "万元" else [11] + [9] * 6 + [6, 6]),
                  header=[[rs2("类型"), rs2("项目名称"), rs2("项目单位"), rs2("合计"), {"t": "本年拨款", "cs": 3},
                           {"t": "财政拨款结转结余", "cs": 3}, rs2("财政专户管理资金"), rs2("单位资金")],
                          ["一般公共预算", "政府性基金预算", "国有资本经营预算", "一般公共预算", "政府性基金预算", "国有资本经营预算"]],
                  body=b12))
    # 13 整体绩效目标表
    T.append(perf_overall(spec, fmt, total, gp + fund + carry, biz, basic_total, proj_total, unit))
    # 14 项目绩效目标表
    T.append(perf_projects(spec, fmt, projects, units, dept, ent, org, unit))

    facts = {
        "income_total": total, "expenditure_total": total, "income_current_year": income_cur,
        "expenditure_current_year": total, "carryover_income": carry, "year_end_carryover": D0,
        "general_budget_income": gp, "fiscal_appropriation": gp, "gov_fund_income": fund, "state_capital_income": D0,
        "special_account_income": D0, "business_income": biz, "operating_income": D0, "superior_subsidy_income": D0,
        "subordinate_remit_income": D0, "other_income": D0, "basic_expenditure": basic_total,
        "project_expenditure": proj_total, "personnel_expenditure": personnel_t, "public_expenditure": goods_t,
        "wages_welfare": wages_t, "family_subsidy": family_t, "goods_services": goods_t, "basic_capital": D0,
        "project_other_operating": po_t, "project_specific": ps_t,
        "general_budget_expenditure": gp + carry, "general_budget_basic": basic_total,
        "general_budget_project": gp + carry - basic_total, "gov_fund_expenditure": fund, "state_capital_expenditure": D0,
        "three_public_total": tp, "three_public_abroad": D0, "three_public_vehicle": car,
        "three_public_vehicle_purchase": D0, "three_public_vehicle_operation": car, "three_public_reception": recept,
        "operating_costs": goods_t, "government_procurement": money(spec.get("procurement", 0)),
    }
    nums = dict(facts)
    facts = {k: fact_str(v) for k, v in facts.items()}
    model = {
        "_about": f"Model of a generated sibling of the seed document, built by build_model.py from the spec '{spec['stem']}' in siblings.py. Cells use the HTML table semantics described in seed_model.json.",
        "stem": spec["stem"], "route": spec["route"], "style": spec.get("style", {}),
        "title": f"{year}年{ent}部门预算" + spec.get("title_suffix", "说明"),
        "entity": ent, "fiscal_year": year, "kind": "budget", "scope": "department",
        "notes": spec.get("notes", []),
        "facts": facts,
        "narrative": narrative(spec, fmt, nums, projects, unit),
        "shared_headers": shared,
        "tables": T,
    }
    return model


# ---------------------------------------------------------------- perf tables

def perf_overall(spec, F, total, gov, biz, basic_t, proj_t, unit):
    ent = spec["entity"]
    tag = "（万元）" if unit == "万元" else "（元）"
    cs = lambda t, n: {"t": t, "cs": n}
    rows = [["部门（单位）名称", cs(ent, 4)],
            ["年度履职目标", cs(spec["perf_goal"], 4)],
            [{"t": "年度主要任务", "rs": 1 + len(spec["tasks"])}, "任务名称", cs("主要内容", 3)]]
    for name, content in spec["tasks"]:
        rows.append([name, cs(content, 3)])
    rows += [[{"t": "预算情况", "rs": 6}, cs(f"部门预算总额{tag}", 2), cs(F(total), 2)],
             [{"t": "1、资金来源：", "rs": 3}, "(1)政府预算资金", cs(F(gov), 2)],
             ["(2)财政专户管理资金", cs(F(Decimal(0)), 2)],
             ["(3)单位资金", cs(F(biz), 2)],
             [{"t": "2、资金结构：", "rs": 2}, "(1)基本支出", cs(F(basic_t), 2)],
             ["(2)项目支出", cs(F(proj_t), 2)],
             ["一级指标", "二级指标", "三级指标", "指标值", "指标值说明"]]
    rows += spec["std_indicators"]
    return dict(id=13, role="perf_overall", title=f"部门（单位）整体绩效目标表（{spec['year']}年度）", org=None, unit=None,
                orientation="portrait", widths=[9, 11, 13, 8, 35], header=[], body=rows,
                align=["center", "center", "left", "center", "left"])


def perf_projects(spec, F, projects, units, dept, ent, org, unit):
    rs = lambda t, n: {"t": t, "rs": n} if n > 1 else t
    tot = sum((p["amount"] for p in projects), D0)
    gov = sum((p["amount"] for p in projects if p.get("source", "gp") != "biz"), D0)
    bz = tot - gov
    body = [[dept, ent, "", F(tot), F(gov), F(D0), F(bz)] + [""] * 8]
    for ucode, uname, _a in units:
        ps = [p for p in projects if p["unit"] == ucode]
        if not ps:
            continue
        t = sum((p["amount"] for p in ps), D0)
        g = sum((p["amount"] for p in ps if p.get("source", "gp") != "biz"), D0)
        body.append([ucode, uname, "", F(t), F(g), F(D0), F(t - g)] + [""] * 8)
        for p in ps:
            outs = p["outputs"]
            n = len(outs)
            g = p["amount"] if p.get("source", "gp") != "biz" else D0
            lim = F.text(p["amount"]) + ("万元" if unit == "万元" else "元")
            body.append([rs(p["code"], n), rs(p["name"], n), rs(p["type"], n), rs(F(p["amount"]), n), rs(F(g), n),
                         rs(F(D0), n), rs(F(p["amount"] - g), n), rs(p.get("cost", "预算成本"), n), rs("≤" + lim, n),
                         outs[0][0], outs[0][1], rs(p["benefit"][0], n), rs(p["benefit"][1], n),
                         rs(p["satisfaction"][0], n), rs(p["satisfaction"][1], n)])
            for o in outs[1:]:
                body.append([o[0], o[1]])
    amt_w = [7, 7, 5, 5] if unit == "万元" else [10, 10, 5, 5]
    widths = [12, 12, 5] + amt_w + [6, 8, 13, 6, 9, 5, 8, 5]
    return dict(id=14, role="perf_projects", title="本级部门预算项目绩效目标汇总表", org=org, unit=unit, orientation="landscape",
                widths=widths,
                align=["center", "left", "center", None, None, None, None, "center", "center", "left", "center", "left", "center", "left", "center"],
                header=[[{"t": "单位编码（项目编码）", "rs": 3}, {"t": "项目单位（项目名称）", "rs": 3}, {"t": "项目分类", "rs": 3},
                         {"t": "项目金额（万元）" if unit == "万元" else "项目金额（元）", "cs": 4}, {"t": "绩效目标", "cs": 8}],
                        [{"t": "资金总额", "rs": 2}, {"t": "政府预算资金", "rs": 2}, {"t": "财政专户管理资金", "rs": 2}, {"t": "单位资金", "rs": 2},
                         {"t": "成本指标", "cs": 2}, {"t": "产出指标", "cs": 2}, {"t": "效益指标", "cs": 2}, {"t": "满意度指标", "cs": 2}],
                        ["三级指标", "指标值"] * 4],
                body=body)


# ------------------------------------------------------------------ narrative

def narrative(spec, F, n, projects, unit):
    y, py = spec["year"], spec["year"] - 1
    ent, short = spec["entity"], spec["short"]
    u = unit
    t = F.text
    total = n["income_total"]
    prev = q(Decimal(str(spec["prev_total"])) * (10000 if u == "元" else 1))
    inc = total - prev
    word = "增加" if inc >= 0 else "减少"
    gpb = n["general_budget_expenditure"] + n["gov_fund_expenditure"]
    basic, proj = n["basic_expenditure"], n["project_expenditure"]
    pb = pct(basic, total)
    pers, pub = n["personnel_expenditure"], n["public_expenditure"]
    pp = pct(pers, basic)
    gp_exp = n["general_budget_expenditure"]
    gp_basic = n["general_budget_basic"]
    gp_proj = gp_exp - gp_basic
    pgb = pct(gp_basic, gp_exp)
    units = spec["units"]
    toc = [[f"第一部分 {ent}概况", 0], ["一、主要职责", 1], ["二、部门所属预算单位构成情况", 1],
           [f"第二部分 {y}年{ent}部门预算情况说明", 0], ["第三部分 名词解释", 0],
           [f"附件：{y}年{ent}部门预算表", 0]]
    names = ["部门收支预算表", "部门收入预算表", "部门支出预算表", "财政拨款收支预算表", "一般公共预算支出预算表",
             "一般公共预算基本支出预算表", "支出经济分类汇总表", "一般公共预算“三公”经费预算表", "政府性基金预算支出预算表",
             "国有资本经营预算支出预算表", "行政（事业）单位机构运转经费预算表", "项目支出预算表", "部门（单位）整体绩效目标表",
             "部门预算项目绩效目标表"]
    toc += [[f"{CN[i]}、{x}", 1] for i, x in enumerate(names)]
    B = [{"type": "cover", "lines": [f"{y}年{ent}", "部门预算" + spec.get("title_suffix", "说明")]},
         {"type": "toc", "title": "目录", "entries": toc},
         {"type": "part", "lines": ["第一部分", f"{ent}概况"]},
         {"type": "h2", "text": f"一、{ent}主要职责"},
         {"type": "p", "text": spec["duties"]},
         {"type": "h2", "text": f"二、{ent}预算单位构成情况"}]
    if len(units) > 1:
        B.append({"type": "p", "text": f"从预算单位构成看，{ent}部门预算包括：" + "、".join(x[1] for x in units) +
                  f"，共{len(units)}个预算单位。"})
    else:
        B.append({"type": "p", "text": f"{ent}部门预算为本级预算，无所属预算单位。"})
    B += [{"type": "part", "lines": ["第二部分", f"{y}年{ent}部门预算情况说明"]},
          {"type": "h2", "text": "一、收入支出预算总体情况说明"},
          {"type": "p", "text": f"{short}{y}年收入总计{t(total)}{u}，支出总计{t(total)}{u}，与{py}年预算相比，收支总计各{word}{t(abs(inc))}{u}，"
                                f"{'增长' if inc >= 0 else '下降'}{pstr(pct(abs(inc), prev))}。主要原因：{spec['reason']}。"},
          {"type": "h2", "text": "二、收入预算总体情况说明"},
          {"type": "p", "text": f"{short}{y}年收入{'总计' if n['carryover_income'] else '合计'}{t(total)}{u}，其中：一般公共预算拨款收入{t(n['general_budget_income'])}{u}；"
                                f"政府性基金预算拨款收入{t(n['gov_fund_income'])}{u}；国有资本经营预算拨款收入0{u}；财政专户管理资金收入0{u}；"
                                f"事业收入{t(n['business_income'])}{u}；事业单位经营收入0{u}；上级补助收入0{u}；附属单位上缴收入0{u}；"
                                f"其他收入0{u}；上年结转结余{t(n['carryover_income'])}{u}。"},
          {"type": "h2", "text": "三、支出预算总体情况说明"},
          {"type": "p", "text": f"{short}{y}年支出合计{t(total)}{u}，其中：基本支出{t(basic)}{u}，占{pstr(pb)}；"
                                f"项目支出{t(proj)}{u}，占{pstr(100 - pb)}。"},
          {"type": "h2", "text": "四、财政拨款收入支出预算总体情况说明"},
          {"type": "p", "text": f"{short}{y}年财政拨款收支总预算{t(gpb)}{u}，其中：一般公共预算收支预算{t(gp_exp)}{u}，"
                                f"政府性基金收支预算{t(n['gov_fund_expenditure'])}{u}。"},
          {"type": "h2", "text": "五、一般公共预算支出预算情况说明"},
          {"type": "p", "text": f"{short}{y}年一般公共预算支出年初预算为{t(gp_exp)}{u}。其中：基本支出{t(gp_basic)}{u}，占{pstr(pgb)}；"
                                f"项目支出{t(gp_proj)}{u}，占{pstr(100 - pgb)}。"},
          {"type": "h2", "text": "六、一般公共预算基本支出预算情况说明"},
          {"type": "p", "text": f"{short}{y}年一般公共预算基本支出年初预算为{t(basic)}{u}。其中：人员经费支出{t(pers)}{u}，占{pstr(pp)}；"
                                f"公用经费支出{t(pub)}{u}，占{pstr(100 - pp)}。"},
          {"type": "h2", "text": "七、一般公共预算“三公”经费支出预算情况说明"},
          {"type": "p", "text": f"{short}{y}年“三公”经费支出预算为{t(n['three_public_total'])}{u}。"},
          {"type": "p", "text": "具体支出情况如下："},
          {"type": "p", "text": f"（一）因公出国（境）费0{u}，主要用于单位工作人员公务出国（境）的住宿费、旅费、伙食补助费、杂费、培训费等支出。"},
          {"type": "p", "text": f"（二）公务接待费{t(n['three_public_reception'])}{u}，主要用于按规定开支的各类公务接待（含外宾接待）支出。"},
          {"type": "p", "text": f"（三）公务用车购置及运行费{t(n['three_public_vehicle'])}{u}，主要用于开展工作所需公务用车的燃料费、维修费、过路过桥费、保险费等支出。"
                                f"其中：一是公务用车购置费0{u}；二是公务用车运行维护费{t(n['three_public_vehicle_operation'])}{u}。"},
          {"type": "h2", "text": "八、政府性基金支出预算情况说明"}]
    if n["gov_fund_expenditure"]:
        fps = [p for p in projects if p.get("source") == "fund"]
        B.append({"type": "p", "text": f"{short}{y}年政府性基金预算拨款安排的支出{t(n['gov_fund_expenditure'])}{u}，用于" +
                  "、".join(p["name"] for p in fps) + "。"})
    else:
        B.append({"type": "p", "text": f"{short}{y}年无政府性基金预算拨款安排的支出。"})
    npro = len(projects)
    B += [{"type": "h2", "text": "九、国有资本经营预算支出预算情况说明"},
          {"type": "p", "text": f"{short}{y}年无国有资本经营预算拨款安排的支出。"},
          {"type": "h2", "text": "十、其他重要事项情况说明"},
          {"type": "h3", "text": "（一）行政（事业）单位机构运转经费支出预算情况"},
          {"type": "p", "text": f"{short}{y}年机构运转经费支出预算{t(n['operating_costs'])}{u}，主要保障机构正常运转及正常履职需要所需支出，"
                                f"包含办公费、邮电费、差旅费、工会经费、福利费等。"},
          {"type": "h3", "text": "（二）政府采购支出预算情况"},
          {"type": "p", "text": f"{y}年政府采购预算安排{t(n['government_procurement'])}{u}。"},
          {"type": "h3", "text": "（三）预算绩效情况说明"},
          {"type": "p", "text": f"{y}年{short}对项目支出全面实施绩效目标管理，涉及预算资金{t(proj)}{u}，共{npro}个项目。"},
          {"type": "h3", "text": "（四）国有资产占用情况"},
          {"type": "p", "text": f"{py}年期末，{short}共有车辆{spec.get('cars', 0)}辆，其中：一般公务用车{spec.get('cars', 0)}辆、一般执法执勤用车0辆、"
                                f"特种专业技术用车0辆、其他用车0辆；单位价值50万元以上通用设备0套，单位价值100万元以上专用设备0套。"},
          {"type": "part", "lines": ["第三部分", "名词解释"]}]
    B += spec["glossary"]
    B.append({"type": "annex", "text": f"附件：{y}年{ent}部门预算表"})
    return B
