"""The zoo's templates: real form layouts, filled with generated projects.

Each template turns projects into forms — a grid in the merge notation of
``samples/tablespec.py`` (``^`` merged with the cell above, ``<`` with the cell to the
left) with the title lines printed above it — and says what a careful reader takes from
each form (the truth). Layouts follow published forms:

* ``mof_self`` — the Ministry's 项目支出绩效自评表 (财预〔2020〕10号 附件): 项目资金（万元）
  block 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 over the rows 年度资金总额,
  其中：当年财政拨款, 上年结转资金, 其他资金; 年度总体目标; 绩效指标 一级 / 二级 / 三级 /
  年度指标值 / 实际完成值 / 分值 / 得分 / 偏差原因分析及改进措施; 总分.
* ``prov_self`` — a provincial 项目支出绩效自评表 (2021) whose indicator block prints each
  part of a target in its own column: 指标类型 (the 二级 heading) / 指标名称 / 指标性质
  (≥ ≤ = 定性) / 指标值 / 计量单位 / 指标权重 / 全年完成值 / 评价标准 / 得分, and whose budget
  block reads 全年预算数（A） / 全年执行数（B） / 执行率（B/A） in 万元, the rate printed as a
  fraction (0.88) on some forms, as a workbook formula without a percent format leaves it.
* ``decl_2020`` — a 2020 项目支出绩效目标申报表: 项目资金（万元） 资金总额 / 其中：财政拨款 /
  其他资金; 绩效指标 一级指标 / 二级指标 / 指标内容 / 指标值 / 备注, with count units printed
  in the 指标内容 (城镇新增就业人数（人）) and only the comparison and figure in 指标值.
* ``dept_target`` — a 部门整体支出绩效目标表: 部门名称; 年度主要任务 (任务名称 / 主要内容 /
  预算金额（万元） 总额 / 财政拨款 / 其他资金, 金额合计); 年度总体目标; 年度绩效指标 一级 /
  二级 / 三级指标 / 指标值.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from samples.zoo.projects import MONEY, OPS, Item, Project, fmt, make_projects


@dataclass
class Form:
    title: str
    subtitle: str | None
    rows: list[list[str]]
    widths: list[float]  # cm
    sheet: str
    header: int = 0  # rows repeated on each page of the PDF
    numbers: dict[tuple[int, int], tuple[float, str]] = field(default_factory=dict)  # XLSX cells kept as numbers
    #: XLSX cells computed by a formula (``=SUM([14,8]:[25,8])+[6,6]``, ``[row,col]`` a grid cell), saved with
    #: the cached value ``numbers`` gives, as Excel saves a workbook it has calculated
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    helper: list[str] | None = None  # a hidden helper column right of the grid (XLSX only), one text per row
    before: list[str] = field(default_factory=list)  # lines printed above the title (报表编号)
    #: XLSX only: (合计 row, first detail row) — the workbook puts the 合计 first, under the header, inside
    #: the block's merged label (``^``, the label moved one column right), as filers' sheets often do
    total_first: tuple[int, int] | None = None

    def xlsx_rows(self) -> list[list[str]]:
        """The grid as the workbook lays it out (``total_first`` applied)."""
        if self.total_first is None:
            return self.rows
        t, first = self.total_first
        moved = ["^", self.rows[t][0], *self.rows[t][2:]] if self.rows[t][1] == "<" else self.rows[t]
        return self.rows[:first] + [moved] + self.rows[first:t] + self.rows[t + 1:]


@dataclass
class Template:
    key: str
    title: str  # the document's title (DOCX core properties)
    kind: str  # the contract kind a reader must give it
    scope: str  # "project" or "department"
    region: str  # what the forms' 主管部门 cells say about the place
    landscape: bool
    forms: list[Form]
    truth: list[dict]  # one per form: name, budget, indicators
    one_sheet: bool = False  # XLSX: every form on one sheet, one under the other (else one sheet per form)
    slips: list[dict] = field(default_factory=list)  # what samples/zoo/slips.py planted, and where


def _money(x: float) -> str:
    return f"{x:,.2f}"


def _target(i: Item) -> str:
    if i.worded:
        return str(i.value)
    return f"{OPS[i.op]}{fmt(float(i.value))}{i.unit or ''}"


def _actual(i: Item) -> str:
    if i.worded:
        return str(i.actual)
    return f"{fmt(float(i.actual))}{i.unit or ''}"


def _runs(items: list[Item], key) -> list[bool]:
    """True where ``key`` changes (the first row of each merged heading cell)."""
    out, prev = [], object()
    for i in items:
        k = key(i)
        out.append(k != prev)
        prev = k
    return out


def _yuan(x: float) -> float:
    return round(x * 10000, 2)


def _budget_truth(p: Project, fraction: bool = False) -> dict:
    rate = round(p.spent / p.adjusted, 2) * 100 if fraction else p.rate
    return {"initial": _yuan(p.initial), "adjusted": _yuan(p.adjusted), "spent": _yuan(p.spent),
            "execution_rate": round(rate, 6), "rate_form": "fraction" if fraction else "percent"}


def _rate_truth(p: Project, fraction: bool = False) -> dict:
    rate = round(round(p.spent / p.adjusted, 2) * 100, 6) if fraction else p.rate
    return {"name": "预算执行率", "level1": "预算执行率", "level2": None, "op": None, "value": None, "unit": None,
            "weight": p.rate_weight, "score": p.rate_score,
            "actual": {"text": None, "value": rate, "unit": "%"}}


# --------------------------------------------------------------------------- mof_self


def mof_self(projects: list[Project], year: int) -> list[tuple[Form, dict]]:
    out = []
    for p in projects:
        n = 9
        rows: list[list[str]] = [
            ["项目名称", "<", p.name, *["<"] * 6],
            ["主管部门", "<", p.department, "<", "<", "实施单位", "<", p.organisation, "<"],
            ["项目资金\n（万元）", "", "<", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["^", "年度资金总额", "<", _money(p.initial), _money(p.adjusted), _money(p.spent),
             fmt(p.rate_weight), f"{p.rate:.2f}%", fmt(p.rate_score)],
            ["^", "其中：当年财政拨款", "<", _money(p.initial - p.carried - p.other), _money(p.fiscal),
             _money(round(p.spent - p.carried - p.other, 2)), "—", "—", "—"],
            ["^", "上年结转资金", "<", _money(p.carried), _money(p.carried), _money(p.carried), "—", "—", "—"],
            ["^", "其他资金", "<", _money(p.other), _money(p.other), _money(p.other), "—", "—", "—"],
            ["年度总体目标", "预期目标", "<", "<", "<", "实际完成情况", "<", "<", "<"],
            ["^", p.goal, "<", "<", "<", p.done, "<", "<", "<"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "偏差原因分析及改进措施"],
        ]
        first1 = _runs(p.items, lambda i: i.level1)
        first2 = _runs(p.items, lambda i: (i.level1, i.level2))
        for k, i in enumerate(p.items):
            rows.append(["^", i.level1 if first1[k] else "^", i.level2 if first2[k] else "^", i.name,
                         _target(i), _actual(i), fmt(i.weight), fmt(i.score), i.remark or ""])
        rows.append(["总分", "<", "<", "<", "<", "<", fmt(p.total_weight), fmt(p.total_score), ""])
        assert all(len(r) == n for r in rows)
        numbers = {(3, c): (v, "#,##0.00") for c, v in ((3, p.initial), (4, p.adjusted), (5, p.spent))}
        numbers[(3, 7)] = (p.rate / 100, "0.00%")
        truth = {"name": p.name, "budget": _budget_truth(p),
                 "indicators": [_rate_truth(p)] + [i.truth() for i in p.items]}
        form = Form("项目支出绩效自评表", f"（{year}年度）", rows, [1.6, 1.9, 2.2, 3.6, 2.2, 2.2, 1.5, 1.5, 3.2],
                    p.name, numbers=numbers)
        out.append((form, truth))
    return out


# --------------------------------------------------------------------------- prov_self

_NATURE = {">=": "≥", "<=": "≤", "=": "=", "qualitative": "定性", "increase": "定性"}


def prov_self(projects: list[Project], year: int) -> list[tuple[Form, dict]]:
    out = []
    for k, p in enumerate(projects):
        fraction = k % 2 == 0  # every other form prints 执行率 as the bare quotient B/A
        ratio = round(p.spent / p.adjusted, 2)
        rate_text = f"{ratio:.2f}" if fraction else f"{p.rate:.2f}%"
        rows: list[list[str]] = [
            ["项目名称", "<", p.name, *["<"] * 7],
            ["主管部门", "<", p.department, "<", "<", "实施单位", "<", p.organisation, "<", "<"],
            ["项目资金\n（万元）", "", "<", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值",
             "执行率（B/A）", "得分", "<"],
            ["^", "年度资金总额", "<", _money(p.initial), _money(p.adjusted), _money(p.spent), fmt(p.rate_weight),
             rate_text, fmt(_prov_rate_score(p, fraction)), "<"],
            ["^", "其中：财政拨款", "<", _money(p.initial - p.carried - p.other), _money(p.fiscal),
             _money(round(p.spent - p.carried - p.other, 2)), "", "", "", "<"],
            ["^", "上年结转", "<", _money(p.carried), _money(p.carried), _money(p.carried), "", "", "", "<"],
            ["^", "其他资金", "<", _money(p.other), _money(p.other), _money(p.other), "", "", "", "<"],
            ["年度总体目标", "预期目标", "<", "<", "<", "实际完成情况", "<", "<", "<", "<"],
            ["^", p.goal, "<", "<", "<", p.done, "<", "<", "<", "<"],
            ["绩效指标", "指标类型", "指标名称", "指标性质", "指标值", "计量单位", "指标权重", "全年完成值",
             "评价标准", "得分"],
        ]
        first2 = _runs(p.items, lambda i: (i.level1, i.level2))
        for n, i in enumerate(p.items):
            value = str(i.value) if i.worded else fmt(float(i.value))
            actual = str(i.actual) if i.worded else fmt(float(i.actual))
            rows.append(["^", i.level2 if first2[n] else "^", i.name, _NATURE[i.op], value, i.unit or "",
                         fmt(i.weight), actual, i.criteria or "", fmt(i.score)])
        total_score = round(sum(i.score or 0 for i in p.items) + _prov_rate_score(p, fraction), 2)
        rows.append(["总分", "<", "<", "<", "<", "<", fmt(p.total_weight), "", "", fmt(total_score)])
        numbers = {(3, c): (v, "#,##0.00") for c, v in ((3, p.initial), (4, p.adjusted), (5, p.spent))}
        numbers[(3, 7)] = (ratio, "General") if fraction else (p.rate / 100, "0.00%")
        budget = _budget_truth(p, fraction)
        rate_ind = _rate_truth(p, fraction)
        rate_ind["score"] = _prov_rate_score(p, fraction)
        truth = {"name": p.name, "budget": budget, "indicators": [rate_ind] + [i.truth() for i in p.items]}
        form = Form("项目支出绩效自评表", f"（{year}年度）", rows,
                    [1.5, 2.0, 3.4, 1.2, 1.9, 1.9, 1.9, 1.7, 3.1, 1.2], p.name, numbers=numbers)
        out.append((form, truth))
    return out


def _prov_rate_score(p: Project, fraction: bool) -> float:
    rate = round(p.spent / p.adjusted, 2) * 100 if fraction else p.rate
    return round(min(rate, 100.0) / 100 * p.rate_weight, 2)


# --------------------------------------------------------------------------- decl_2020

_COUNT_UNITS = {"人", "人次", "户", "家", "份", "次", "个", "公里", "年", "天"}


def decl_2020(projects: list[Project], year: int) -> list[tuple[Form, dict]]:
    out = []
    for p in projects:
        total = round(p.adjusted, 2)
        rows: list[list[str]] = [
            ["项目名称", p.name, "<", "<", "<", "<"],
            ["主管部门", p.department, "<", "实施单位", p.organisation, "<"],
            ["项目资金\n（万元）", "资金总额", "<", fmt(total), "<", "<"],
            ["^", "其中：财政拨款", "<", fmt(round(total - p.other, 2)), "<", "<"],
            ["^", "其他资金", "<", fmt(p.other), "<", "<"],
            ["年度绩效目标", p.goal, "<", "<", "<", "<"],
            ["绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "备注"],
        ]
        first1 = _runs(p.items, lambda i: i.level1)
        first2 = _runs(p.items, lambda i: (i.level1, i.level2))
        truth_items = []
        for k, i in enumerate(p.items):
            name, value = i.name, _target(i)
            if not i.worded and i.unit in _COUNT_UNITS:
                name, value = f"{i.name}（{i.unit}）", f"{OPS[i.op]}{fmt(float(i.value))}"
            rows.append(["^", i.level1 if first1[k] else "^", i.level2 if first2[k] else "^", name, value, ""])
            t = i.truth() | {"name": name, "weight": None, "score": None, "actual": None}
            truth_items.append(t)
        truth = {"name": p.name, "budget": {"total": _yuan(total)}, "indicators": truth_items}
        form = Form(f"{year}年项目支出绩效目标申报表", None, rows, [2.2, 2.2, 2.6, 4.6, 2.6, 1.8], p.name)
        out.append((form, truth))
    return out


# --------------------------------------------------------------------------- dept_target


def dept_target(projects: list[Project], year: int, tasks: list[list[tuple[str, str]]]) -> list[tuple[Form, dict]]:
    """One form per department: ``projects[k]`` carries department k's indicators (its
    ``name`` is the department's name) and ``tasks[k]`` its 年度主要任务."""
    out = []
    for p, task_list in zip(projects, tasks, strict=True):
        amounts = _split(p.adjusted, len(task_list))
        rows: list[list[str]] = [
            ["部门名称", p.name, "<", "<", "<", "<"],
            ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）", "<", "<"],
            ["^", "^", "^", "总额", "财政拨款", "其他资金"],
        ]
        for (task, content), amount in zip(task_list, amounts, strict=True):
            rows.append(["^", task, content, fmt(amount), fmt(amount), "0"])
        rows.append(["金额合计", "<", "<", fmt(round(sum(amounts), 2)), fmt(round(sum(amounts), 2)), "0"])
        rows.append(["年度总体目标", p.goal, "<", "<", "<", "<"])
        rows.append(["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "<"])
        first1 = _runs(p.items, lambda i: i.level1)
        first2 = _runs(p.items, lambda i: (i.level1, i.level2))
        for k, i in enumerate(p.items):
            rows.append(["^", i.level1 if first1[k] else "^", i.level2 if first2[k] else "^", i.name, _target(i), "<"])
        truth_items = [i.truth() | {"weight": None, "score": None, "actual": None} for i in p.items]
        truth = {"name": p.name, "budget": {"total": _yuan(round(sum(amounts), 2))}, "indicators": truth_items}
        form = Form("部门整体支出绩效目标表", f"（{year}年度）", rows, [2.4, 2.6, 4.4, 2.4, 2.0, 2.0], p.name,
                    total_first=(3 + len(task_list), 3))
        out.append((form, truth))
    return out


def _split(total: float, n: int) -> list[float]:
    base = [round(total / n, 2)] * n
    base[-1] = round(total - sum(base[:-1]), 2)
    return base


# --------------------------------------------------------------------------- the zoo


def templates() -> list[Template]:
    """The ten templates, each filled with its own projects, slips planted (deterministic)."""
    out = []
    dept = "宜昌市夷陵区人力资源和社会保障局"
    ps = make_projects("mof_self", [
        ("职业技能提升培训补贴", "宜昌市夷陵区就业训练中心"),
        ("公益性岗位开发补贴", "宜昌市夷陵区就业服务局"),
        ("创业担保贷款贴息", "宜昌市夷陵区就业服务局"),
    ], dept)
    pairs = mof_self(ps, 2022)
    out.append(Template("mof_self", "2022年度项目支出绩效自评表", "self_assessment", "project", "宜昌市夷陵区",
                        True, [f for f, _ in pairs], [t for _, t in pairs]))

    dept = "咸宁市通山县农业农村局"
    ps = make_projects("prov_self", [
        ("农村人居环境整治", "通山县农村经营服务中心"),
        ("农业技术推广服务", "通山县农业技术推广中心"),
        ("动物疫病防控", "通山县畜牧兽医服务中心"),
        ("农村公路养护", "通山县农村公路管理所"),
    ], dept, style="2021")
    pairs = prov_self(ps, 2021)
    out.append(Template("prov_self", "2021年度项目支出绩效自评表", "self_assessment", "project", "咸宁市通山县",
                        True, [f for f, _ in pairs], [t for _, t in pairs]))

    dept = "延安市宝塔区住房和城乡建设局"
    ps = make_projects("decl_2020", [
        ("老旧小区改造", "延安市宝塔区城市建设服务中心"),
        ("城市生活垃圾分类", "延安市宝塔区环境卫生管理站"),
        ("市政设施维护", "延安市宝塔区市政设施管理所"),
    ], dept)
    pairs = decl_2020(ps, 2020)
    out.append(Template("decl_2020", "2020年项目支出绩效目标申报表", "target_declaration", "project", "延安市宝塔区",
                        False, [f for f, _ in pairs], [t for _, t in pairs]))

    names = [("常德市鼎城区民政局", "常德市鼎城区民政局"), ("常德市鼎城区司法局", "常德市鼎城区司法局"),
             ("常德市鼎城区信访局", "常德市鼎城区信访局")]
    ps = make_projects("dept_target", names, "常德市鼎城区", style="2021")
    for p, goal in zip(ps, ["保障困难群众基本生活，一是完善社会救助体系，二是提升养老服务水平，三是推动县域殡葬改革。",
                            "推进法治政府建设，一是深化普法宣传，二是规范行政执法，三是推动县乡村公共法律服务全覆盖。",
                            "畅通信访渠道，一是及时受理群众来信来访，二是化解信访积案，三是推动县级领导接访下访常态化。"],
                       strict=True):
        p.goal = goal
    tasks = [
        [("社会救助", "城乡低保、特困供养资金发放"), ("养老服务", "居家养老服务补贴"), ("基层治理", "社区工作者培训")],
        [("普法宣传", "八五普法宣传活动"), ("公共法律服务", "村居法律顾问补贴")],
        [("信访接待", "来信来访接待与办理"), ("积案化解", "信访积案化解经费"), ("网上信访", "网上信访平台运维")],
    ]
    pairs = dept_target(ps, 2023, tasks)
    out.append(Template("dept_target", "2023年度部门整体支出绩效目标表", "target_declaration", "department",
                        "常德市鼎城区", False, [f for f, _ in pairs], [t for _, t in pairs]))
    from samples.zoo.more import more_templates
    from samples.zoo.slips import plant

    out += more_templates()
    for t in out:
        t.slips = plant(t)
    return out


__all__ = ["MONEY", "Form", "Template", "templates"]
