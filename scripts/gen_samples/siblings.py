"""Specs of the sibling documents: invented Henan county departments laid out
in the seed's template with their own rows and figures. build_model.build()
turns a spec into a full model (models/<stem>.json)."""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def _seed():
    with open(os.path.join(HERE, "seed_model.json"), encoding="utf-8") as f:
        return json.load(f)


def _std_indicators(seed):
    body = next(t for t in seed["tables"] if t["id"] == 13)["body"]
    i = next(k for k, r in enumerate(body) if r and r[0] == "一级指标")
    rows = [list(r) for r in body[i + 1:]]
    # the last row's 三级指标 names the seed's own work; make it generic
    for r in rows:
        for k, c in enumerate(r):
            if c == "保障全区参保群众社保待遇发放":
                r[k] = "保障部门履职目标实现"
    return rows


def _glossary(seed):
    out, on = [], False
    for b in seed["narrative"]:
        if b["type"] == "part" and b["lines"][-1] == "名词解释":
            on = True
            continue
        if on and b["type"] == "p":
            out.append(b)
    return out


def outs(k, third=("达标率", "≥95%")):
    return [(f"{k}完成率", "100%"), (f"{k}及时率", "100%"), (k + third[0], third[1])]


def project(region, seq, unit, typ, name, amount, leaf, econ, key, obj, source="gp", cost="预算成本",
            sat=("服务对象满意度", "≥90%"), outputs=None):
    return dict(unit=unit, type=typ, name=name, amount=amount, leaf=leaf, econ=econ, source=source,
                code=f"{region}240000000{seq:06d}", outputs=outputs or outs(key), benefit=(f"保障{obj}", "保障"),
                satisfaction=sat, cost=cost)


def ub(unit, admin, run, wages, pension, medical, housing, retired, goods, family=0, reception=0, car=True):
    return dict(unit=unit, admin=admin, run=run, wages=wages, pension=pension, medical=medical, housing=housing,
                retired=retired, goods=goods, family=family, reception=reception, car=car)


KUAN = {"20501": "教育管理事务", "20502": "普通教育", "20503": "职业教育", "20507": "特殊教育", "20508": "进修及培训",
        "20701": "文化和旅游", "20702": "文物", "20805": "行政事业单位养老支出", "21001": "卫生健康管理事务",
        "21004": "公共卫生", "21007": "计划生育事务", "21011": "行政事业单位医疗", "21301": "农业农村",
        "21307": "农村综合改革", "22102": "住房改革支出", "22960": "彩票公益金安排的支出",
        "20802": "民政管理事务", "20810": "社会福利", "20819": "最低生活保障", "20820": "临时救助",
        "20821": "特困人员救助供养"}


def specs():
    seed = _seed()
    std = _std_indicators(seed)
    gl = _glossary(seed)
    common = dict(year=2024, std_indicators=std, glossary=gl, kuan_names=KUAN)
    S = []

    # A — LibreOffice, three units, class/款 subtotal rows, a government-fund project
    R = "410308"
    A = dict(common, stem="henan-mengjin-wenlv-2024-dept-budget", route="office",
             entity="洛阳市孟津区文化广电和旅游局", short="区文广旅局", dept_code="318",
             units=[("318001", "洛阳市孟津区文化广电和旅游局", True), ("318002", "洛阳市孟津区图书馆", False),
                    ("318003", "洛阳市孟津区文物保护中心", False)],
             subtotals=True, numfmt="plain", zero="", unit="万元",
             style={"table_font": "AR PL UMing CN", "body_font": "AR PL UMing CN", "heading_font": "Noto Sans CJK SC",
                    "title_font": "Noto Serif CJK SC"},
             unit_budgets=[ub("318001", True, ("2070101", "行政运行"), 285.4, 38.2, 17.6, 24.1, 46.3, 36.8, family=2.4, reception=1.2),
                           ub("318002", False, ("2070104", "图书馆"), 96.3, 12.7, 5.9, 8.0, 11.2, 9.6, car=False),
                           ub("318003", False, ("2070204", "文物保护"), 74.8, 9.9, 4.5, 6.3, 6.1, 7.2, car=False)],
             projects=[
                 project(R, 41201, "318001", "特定目标类", "孟津区文化惠民演出经费", 45.0, ("2070109", "群众文化"), "30227", "惠民演出场次", "群众文化生活"),
                 project(R, 41202, "318001", "特定目标类", "黄河文化旅游节宣传推介经费", 60.0, ("2070199", "其他文化和旅游支出"), "30227", "宣传推介活动", "文旅品牌推广"),
                 project(R, 41203, "318001", "其他运转类", "文化市场综合执法经费", 18.5, ("2070112", "文化和旅游市场管理"), "30299", "市场巡查", "文化市场秩序"),
                 project(R, 41204, "318001", "特定目标类", "全民健身设施维护项目", 32.6, ("2296003", "用于体育事业的彩票公益金支出"), "30213", "健身设施维护", "群众健身需求", source="fund"),
                 project(R, 41205, "318001", "特定目标类", "农村公益电影放映补助", 15.2, ("2070109", "群众文化"), "30227", "公益电影放映", "农村文化服务"),
                 project(R, 41206, "318002", "其他运转类", "图书馆免费开放运行经费", 24.0, ("2070104", "图书馆"), "30201", "免费开放服务", "公共阅读服务"),
                 project(R, 41207, "318002", "特定目标类", "图书馆数字资源建设", 38.75, ("2070104", "图书馆"), "31007", "数字资源采购", "数字阅读服务", cost="总成本"),
                 project(R, 41208, "318003", "特定目标类", "不可移动文物保护修缮经费", 120.0, ("2070204", "文物保护"), "30213", "文物修缮", "文物安全"),
                 project(R, 41209, "318003", "其他运转类", "文物安全巡查经费", 12.3, ("2070204", "文物保护"), "30226", "安全巡查", "文物安全"),
             ],
             prev_total=1068.42, reason="文物保护修缮和文旅宣传推介项目增加", cars=2, procurement=38.75,
             duties="洛阳市孟津区文化广电和旅游局贯彻落实党的文化工作方针政策，拟订全区文化、广播电视和旅游事业发展规划并组织实施；统筹推进全区公共文化服务体系建设和旅游业发展；负责全区文物保护、文化市场和旅游市场的监督管理工作。",
             perf_goal="1、推进公共文化服务体系建设；2、做好文物保护利用；3、促进文化和旅游融合发展。",
             tasks=[("公共文化服务", "组织文化惠民演出和农村公益电影放映，保障图书馆免费开放"),
                    ("文物保护利用", "实施不可移动文物保护修缮，开展文物安全巡查")],
             notes=["类 and 款 subtotal rows are printed in the expenditure tables (3, 5, 9); each equals the sum of its children."])
    S.append(A)

    # B — LibreOffice, amounts in 元 with thousands separators, 16 units, long tables over several pages
    R = "410307"
    schools = [("402002", "洛阳市偃师区第一高级中学", ("2050204", "高中教育")),
               ("402003", "洛阳市偃师区第二高级中学", ("2050204", "高中教育")),
               ("402004", "洛阳市偃师区实验中学", ("2050203", "初中教育")),
               ("402005", "洛阳市偃师区首阳山第一初级中学", ("2050203", "初中教育")),
               ("402006", "洛阳市偃师区槐庙镇初级中学", ("2050203", "初中教育")),
               ("402007", "洛阳市偃师区实验小学", ("2050202", "小学教育")),
               ("402008", "洛阳市偃师区新区小学", ("2050202", "小学教育")),
               ("402009", "洛阳市偃师区伊洛小学", ("2050202", "小学教育")),
               ("402010", "洛阳市偃师区第一幼儿园", ("2050201", "学前教育")),
               ("402011", "洛阳市偃师区第二幼儿园", ("2050201", "学前教育")),
               ("402012", "洛阳市偃师区职业教育中心", ("2050302", "中等职业教育")),
               ("402013", "洛阳市偃师区特殊教育学校", ("2050701", "特殊学校教育")),
               ("402014", "洛阳市偃师区教师进修学校", ("2050801", "教师进修")),
               ("402015", "洛阳市偃师区学生资助管理中心", ("2050199", "其他教育管理事务")),
               ("402016", "洛阳市偃师区教育装备管理中心", ("2050199", "其他教育管理事务"))]
    budgets = [ub("402001", True, ("2050101", "行政运行"), 212.6, 28.4, 13.1, 17.9, 52.4, 31.5, family=3.6, reception=2.4)]
    sizes = [9.8, 7.6, 6.9, 4.2, 3.1, 6.4, 5.2, 3.8, 2.6, 2.2, 5.9, 1.4, 1.2, 0.6, 0.5]
    for (code, name, run), k in zip(schools, sizes):
        budgets.append(ub(code, False, run, round(180 * k, 2), round(24 * k, 2), round(11 * k, 2), round(15 * k, 2),
                          round(9 * k, 2), round(21 * k, 2), family=round(0.8 * k, 2), car=False))
    P = [project(R, 52001, "402001", "特定目标类", "义务教育学校公用经费保障资金", 1286.4, ("2050202", "小学教育"), "30201", "公用经费拨付", "学校正常运转"),
         project(R, 52002, "402001", "特定目标类", "学前教育发展资金", 356.0, ("2050201", "学前教育"), "30227", "普惠园补助", "学前教育普及"),
         project(R, 52003, "402001", "特定目标类", "教育彩票公益金资助项目", 48.0, ("2296004", "用于教育事业的彩票公益金支出"), "30305", "困难学生资助", "困难学生就学", source="fund"),
         project(R, 52004, "402001", "其他运转类", "教育系统安全稳定经费", 36.5, ("2050199", "其他教育管理事务"), "30299", "校园安全检查", "校园安全"),
         project(R, 52005, "402001", "特定目标类", "上年结转农村学校校舍维修资金", 215.3, ("2050202", "小学教育"), "30213", "校舍维修", "校舍安全", source="carry")]
    seq = 52010
    for (code, name, run), k in zip(schools, sizes):
        short = name.replace("洛阳市偃师区", "")
        seq += 1
        P.append(project(R, seq, code, "其他运转类", f"{short}运转保障经费", round(12 * k + 3.1, 2), run, "30201", "日常运转保障", "教学秩序"))
        seq += 1
        if run[0] == "2050204":
            P.append(project(R, seq, code, "特定目标类", f"{short}学费收入安排支出", round(40 * k, 2), run, "30299", "教学条件改善", "教学质量", source="biz"))
        else:
            P.append(project(R, seq, code, "特定目标类", f"{short}教学设备购置", round(8 * k + 1.25, 2), run, "31002", "教学设备购置", "教学条件", cost="总成本"))
    B = dict(common, stem="henan-yanshi-jiaoyu-2024-dept-budget", route="office",
             entity="洛阳市偃师区教育局", short="区教育局", dept_code="402",
             units=[("402001", "洛阳市偃师区教育局", True)] + [(c, n, False) for c, n, _r in schools],
             subtotals=False, numfmt="comma", zero="", unit="元",
             style={"table_font": "Noto Serif CJK SC", "body_font": "Noto Serif CJK SC", "heading_font": "Noto Sans CJK SC",
                    "title_font": "Noto Sans CJK SC", "table_size": 8},
             unit_budgets=budgets, projects=P,
             prev_total=18760.5, reason="教师工资标准调整和义务教育保障资金增加", cars=3, procurement=412.6,
             duties="洛阳市偃师区教育局贯彻执行国家和省、市教育工作方针政策，拟订全区教育事业发展规划并组织实施；统筹管理全区学前教育、义务教育、高中阶段教育、职业教育和特殊教育；负责全区教育经费的统筹管理和学生资助工作。",
             perf_goal="1、巩固义务教育均衡发展成果；2、推进学前教育普惠发展；3、提升高中阶段教育和职业教育质量。",
             tasks=[("义务教育保障", "落实义务教育学校公用经费，保障学校正常运转"),
                    ("学前教育发展", "扶持普惠性幼儿园，提高学前教育普及率"),
                    ("学生资助", "落实各学段学生资助政策")],
             notes=["Amounts in 元 with thousands separators; sixteen units, so the expenditure, project and project-performance tables run over several landscape pages with the header repeated."])
    S.append(B)

    # C — reportlab with an embedded TrueType subset (AR PL UMing), zeros printed as 0.00
    R = "410323"
    C = dict(common, stem="henan-xinan-nongye-2024-dept-budget", route="reportlab",
             entity="新安县农业农村局", short="县农业农村局", dept_code="507",
             units=[("507001", "新安县农业农村局", True), ("507002", "新安县农业技术推广中心", False)],
             subtotals=True, numfmt="plain", zero="0.00", unit="万元",
             style={"font": "ttf", "font_file": "/usr/share/fonts/truetype/arphic/uming.ttc", "font_index": 0},
             unit_budgets=[ub("507001", True, ("2130101", "行政运行"), 318.7, 42.3, 19.5, 26.8, 58.1, 41.2, family=1.8, reception=0.9),
                           ub("507002", False, ("2130104", "事业运行"), 132.4, 17.6, 8.1, 11.0, 14.7, 12.6, car=False)],
             projects=[
                 project(R, 60101, "507001", "特定目标类", "高标准农田建设管护经费", 268.0, ("2130153", "农田建设"), "30213", "农田设施管护", "粮食生产能力"),
                 project(R, 60102, "507001", "特定目标类", "村级组织运转经费补助", 412.56, ("2130705", "对村民委员会和村党支部的补助"), "30399", "村级补助发放", "村级组织运转"),
                 project(R, 60103, "507001", "其他运转类", "农业综合行政执法经费", 16.8, ("2130101", "行政运行"), "30299", "执法检查", "农业生产秩序"),
                 project(R, 60104, "507001", "特定目标类", "上年结转动物防疫补助资金", 57.32, ("2130108", "病虫害控制"), "30227", "强制免疫", "畜牧业生产安全", source="carry"),
                 project(R, 60105, "507002", "特定目标类", "农业技术推广与培训", 28.4, ("2130106", "科技转化与推广服务"), "30216", "技术培训", "农业技术普及"),
                 project(R, 60106, "507002", "特定目标类", "农产品质量安全检测", 19.65, ("2130109", "农产品质量安全"), "30227", "抽样检测", "农产品质量安全"),
                 project(R, 60107, "507002", "其他运转类", "农业技术推广中心运转经费", 8.5, ("2130104", "事业运行"), "30201", "日常运转保障", "推广服务"),
             ],
             prev_total=1392.6, reason="高标准农田管护和村级组织运转补助增加", cars=2, procurement=19.65,
             duties="新安县农业农村局贯彻落实党中央关于“三农”工作的方针政策，统筹研究和组织实施全县“三农”工作发展战略和规划；负责种植业、畜牧业、渔业、农业机械化等农业各产业的监督管理；负责农田建设、农产品质量安全监督管理和农业技术推广工作。",
             perf_goal="1、稳定粮食生产，加强高标准农田管护；2、保障村级组织正常运转；3、做好动物防疫和农产品质量安全监管。",
             tasks=[("农田建设管护", "开展高标准农田设施管护"), ("村级组织保障", "按时足额拨付村级组织运转经费")],
             notes=["Laid out by reportlab (platypus tables) with an embedded TrueType subset of AR PL UMing CN; zero amounts print as 0.00."])
    S.append(C)

    # D — reportlab with the non-embedded STSong-Light (UniGB-UCS2-H); one-column function codes; zeros as -
    R = "410327"
    D = dict(common, stem="henan-yiyang-weijian-2024-dept-budget", route="reportlab",
             entity="宜阳县卫生健康委员会", short="县卫健委", dept_code="612",
             units=[("612001", "宜阳县卫生健康委员会", True), ("612002", "宜阳县疾病预防控制中心", False),
                    ("612003", "宜阳县妇幼保健院", False)],
             subtotals=False, single_code=True, numfmt="plain", zero="-", unit="万元",
             style={"font": "cid"},
             unit_budgets=[ub("612001", True, ("2100101", "行政运行"), 226.9, 30.1, 13.9, 19.0, 40.6, 28.3, family=1.5, reception=0.8),
                           ub("612002", False, ("2100401", "疾病预防控制机构"), 188.2, 25.0, 11.5, 15.8, 17.3, 19.9, car=True),
                           ub("612003", False, ("2100403", "妇幼保健机构"), 204.6, 27.2, 12.5, 17.1, 9.8, 22.4, car=False)],
             projects=[
                 project(R, 70101, "612001", "特定目标类", "基本公共卫生服务补助资金", 836.25, ("2100408", "基本公共卫生服务"), "30227", "基本公共卫生服务", "居民健康"),
                 project(R, 70102, "612001", "特定目标类", "计划生育家庭奖励扶助资金", 214.08, ("2100717", "计划生育服务"), "30305", "奖励扶助发放", "计生家庭权益"),
                 project(R, 70103, "612001", "其他运转类", "卫生健康综合监督执法经费", 14.6, ("2100101", "行政运行"), "30299", "监督检查", "医疗卫生秩序"),
                 project(R, 70104, "612002", "特定目标类", "重大公共卫生服务项目", 96.4, ("2100409", "重大公共卫生服务"), "30227", "重大疾病防控", "公共卫生安全"),
                 project(R, 70105, "612002", "其他运转类", "免疫规划冷链运维经费", 11.3, ("2100401", "疾病预防控制机构"), "30213", "冷链设备运维", "疫苗储运安全"),
                 project(R, 70106, "612003", "特定目标类", "妇幼健康服务项目", 64.7, ("2100403", "妇幼保健机构"), "30227", "妇幼健康服务", "妇女儿童健康", source="biz"),
             ],
             prev_total=2011.37, reason="基本公共卫生服务补助标准提高", cars=3, procurement=0,
             duties="宜阳县卫生健康委员会贯彻执行国家卫生健康工作方针政策和法律法规，拟订全县卫生健康事业发展规划并组织实施；协调推进深化医药卫生体制改革；负责疾病预防控制、妇幼健康、基本公共卫生服务和计划生育服务管理工作。",
             perf_goal="1、落实基本公共卫生服务项目；2、做好重大疾病预防控制；3、提升妇幼健康服务水平。",
             tasks=[("基本公共卫生服务", "为城乡居民提供基本公共卫生服务"), ("疾病预防控制", "实施免疫规划和重大疾病防控")],
             notes=["Laid out by reportlab with the non-embedded Adobe CID font STSong-Light (UniGB-UCS2-H); function codes printed as one seven-digit column; zero amounts print as -."])
    S.append(D)

    # E — HTML printed by headless Chromium (Skia: Type0 fonts, Identity-H); 万元 with thousands separators
    R = "410307"
    E = dict(common, stem="henan-yanshi-minzheng-2024-dept-budget", route="html",
             entity="洛阳市偃师区民政局", short="区民政局", dept_code="403",
             units=[("403001", "洛阳市偃师区民政局", True), ("403002", "洛阳市偃师区社会福利院", False),
                    ("403003", "洛阳市偃师区殡葬服务中心", False)],
             subtotals=True, numfmt="comma", zero="", unit="万元",
             style={"body_font": "AR PL UMing CN", "heading_font": "WenQuanYi Micro Hei", "table_size": 8.5},
             unit_budgets=[ub("403001", True, ("2080201", "行政运行"), 246.8, 32.9, 15.2, 20.7, 61.5, 30.4, family=2.2, reception=0.6),
                           ub("403002", False, ("2081002", "老年福利"), 118.5, 15.8, 7.3, 9.9, 12.4, 14.1, car=False),
                           ub("403003", False, ("2081005", "殡葬"), 67.2, 8.9, 4.1, 5.6, 5.3, 8.7, car=True)],
             projects=[
                 project(R, 80101, "403001", "特定目标类", "城乡居民最低生活保障资金", 3862.4, ("2081902", "农村最低生活保障金支出"), "30305", "低保金发放", "困难群众基本生活"),
                 project(R, 80102, "403001", "特定目标类", "城市居民最低生活保障资金", 1127.58, ("2081901", "城市最低生活保障金支出"), "30305", "低保金发放", "困难群众基本生活"),
                 project(R, 80103, "403001", "特定目标类", "特困人员救助供养资金", 968.2, ("2082102", "农村特困人员救助供养支出"), "30305", "供养金发放", "特困人员基本生活"),
                 project(R, 80104, "403001", "特定目标类", "临时救助资金", 156.0, ("2082001", "临时救助支出"), "30305", "临时救助", "急难群众"),
                 project(R, 80105, "403001", "特定目标类", "高龄津贴", 412.36, ("2081002", "老年福利"), "30305", "高龄津贴发放", "高龄老人权益"),
                 project(R, 80106, "403001", "特定目标类", "福彩公益金居家养老服务项目", 85.0, ("2296002", "用于社会福利的彩票公益金支出"), "30227", "居家养老服务", "养老服务", source="fund"),
                 project(R, 80107, "403002", "其他运转类", "社会福利院运转保障经费", 46.8, ("2081002", "老年福利"), "30201", "日常运转保障", "供养对象照料"),
                 project(R, 80108, "403003", "特定目标类", "殡葬改革惠民补贴", 73.5, ("2081005", "殡葬"), "30227", "惠民殡葬补贴", "群众殡葬负担减轻"),
             ],
             prev_total=7392.15, reason="低保和特困供养标准提高", cars=2, procurement=12.0,
             duties="洛阳市偃师区民政局贯彻落实党和国家民政工作方针政策，拟订全区民政事业发展规划并组织实施；负责城乡最低生活保障、特困人员救助供养、临时救助和养老服务工作；负责殡葬管理、社会组织登记管理和基层政权建设工作。",
             perf_goal="1、兜牢困难群众基本生活底线；2、发展养老服务；3、推进殡葬改革。",
             tasks=[("社会救助", "按时足额发放低保金、特困供养金和临时救助金"), ("养老服务", "发放高龄津贴，开展居家养老服务")],
             notes=["HTML printed to PDF by headless Chromium (Skia): Type0 fonts with Identity-H; 万元 with thousands separators; the header (thead) repeats on every page."])
    S.append(E)
    return S
