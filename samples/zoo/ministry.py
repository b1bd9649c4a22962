"""The Ministry's other forms in the zoo: 部门整体支出绩效自评表, 项目支出绩效目标申报表 and the
项目支出绩效目标执行监控表 (templates.py holds the 项目支出绩效自评表).

* ``mof_dept_self`` — 部门整体支出绩效自评表 (财预〔2020〕10号 附件 2): 部门（单位）名称; 年度主要
  任务 任务名称 / 主要内容 / 完成情况; 年度部门整体支出预算执行情况（万元） 年初预算数 / 全年
  预算数 / 全年执行数 / 分值 / 执行率 / 得分 over 年度资金总额, 按收入性质分 (财政拨款 / 其他
  资金) and 按支出性质分 (基本支出 / 项目支出); 年度总体目标; 绩效指标 一级 / 二级 / 三级 /
  年度指标值 / 实际完成值 / 分值 / 得分 / 偏差原因分析及改进措施; 总分.
* ``mof_decl`` — 项目支出绩效目标申报表 (财预〔2015〕88号 附件, as departments still file it):
  项目名称, 主管部门及代码, 实施单位, 项目属性 / 项目期; 项目资金（万元） with a 中期资金总额
  and a 年度资金总额 column; 总体目标 中期目标 / 年度目标; 绩效指标 一级 / 二级 / 三级 /
  中期指标值 / 年度指标值 — the 年度 figures are the year's target and budget.
* ``monitor`` — 项目支出绩效目标执行监控表 (财预〔2019〕136号 附件): 项目资金（万元） 年初预算数 /
  1-7月执行数 / 1-7月执行率 / 全年预计执行数 / 全年预计执行率; 绩效指标 一级 / 二级 / 三级 /
  年度指标值 / 1-7月实际完成值 / 全年预计完成值 / 偏差原因分析 (经费保障 / 制度保障 / 人员保障 /
  硬件条件保障 / 其他, ticked) / 完成目标可能性 (确定能 / 有可能 / 完全不可能) / 备注.
"""

from __future__ import annotations

from samples.zoo.projects import Item, Project, fmt
from samples.zoo.templates import Form, _actual, _budget_truth, _money, _rate_truth, _runs, _target, _yuan


def _levels(items: list[Item]) -> list[tuple[str, str]]:
    """The 一级 / 二级 cells of each row: the heading on its first row, ``^`` below it."""
    first1 = _runs(items, lambda i: i.level1)
    first2 = _runs(items, lambda i: (i.level1, i.level2))
    return [(i.level1 if f1 else "^", i.level2 if f2 else "^") for i, f1, f2 in zip(items, first1, first2, strict=True)]


# --------------------------------------------------------------------------- mof_dept_self


def mof_dept_self(projects: list[Project], year: int, tasks: list[list[tuple[str, str]]]) -> list[tuple[Form, dict]]:
    """One form per department (``Project.name`` is the department's name)."""
    out = []
    for p, task_list in zip(projects, tasks, strict=True):
        basic = round(p.adjusted * 0.62, 2)
        rows: list[list[str]] = [
            ["部门（单位）名称", "<", p.name, *["<"] * 6],
            ["年度主要任务", "任务名称", "<", "主要内容", "<", "<", "完成情况", "<", "<"],
        ]
        for task, content in task_list:
            rows.append(["^", task, "<", content, "<", "<", "已按计划完成", "<", "<"])
        head = len(rows)
        rows += [
            ["年度部门整体支出预算执行情况（万元）", "", "<", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["^", "年度资金总额", "<", _money(p.initial), _money(p.adjusted), _money(p.spent),
             fmt(p.rate_weight), f"{p.rate:.2f}%", fmt(p.rate_score)],
            ["^", "按收入性质分", "其中：财政拨款", _money(round(p.initial - p.other, 2)), _money(round(p.adjusted - p.other, 2)),
             _money(round(p.spent - p.other, 2)), "—", "—", "—"],
            ["^", "^", "其他资金", _money(p.other), _money(p.other), _money(p.other), "—", "—", "—"],
            ["^", "按支出性质分", "其中：基本支出", _money(basic), _money(basic), _money(basic), "—", "—", "—"],
            ["^", "^", "项目支出", _money(round(p.initial - basic, 2)), _money(round(p.adjusted - basic, 2)),
             _money(round(p.spent - basic, 2)), "—", "—", "—"],
            ["年度总体目标", "预期目标", "<", "<", "<", "实际完成情况", "<", "<", "<"],
            ["^", p.goal, "<", "<", "<", p.done, "<", "<", "<"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ]
        for i, (l1, l2) in zip(p.items, _levels(p.items), strict=True):
            rows.append(["^", l1, l2, i.name, _target(i), _actual(i), fmt(i.weight), fmt(i.score), i.remark or ""])
        rows.append(["总分", "<", "<", "<", "<", "<", fmt(p.total_weight), fmt(p.total_score), ""])
        numbers = {(head + 1, c): (v, "#,##0.00") for c, v in ((3, p.initial), (4, p.adjusted), (5, p.spent))}
        numbers[(head + 1, 7)] = (p.rate / 100, "0.00%")
        truth = {"name": p.name, "budget": _budget_truth(p), "indicators": [_rate_truth(p)] + [i.truth() for i in p.items]}
        out.append((Form("部门整体支出绩效自评表", f"（{year}年度）", rows, [2.4, 2.0, 2.4, 3.6, 2.2, 2.2, 1.5, 1.6, 3.2],
                         p.name, numbers=numbers), truth))
    return out


# --------------------------------------------------------------------------- mof_decl

_PROPERTY = ["延续项目", "新增项目", "延续项目"]


def mof_decl(projects: list[Project], year: int) -> list[tuple[Form, dict]]:
    out = []
    for k, p in enumerate(projects):
        years = 3
        mid = round(p.adjusted * years, 2)
        rows: list[list[str]] = [
            ["项目名称", p.name, "<", "<", "<", "<"],
            ["主管部门及代码", f"[{301 + k}]{p.department}", "<", "实施单位", p.organisation, "<"],
            ["项目属性", _PROPERTY[k % 3], "<", "项目期", f"{years}年", "<"],
            ["项目资金\n（万元）", "", "<", "中期资金总额", "年度资金总额", "<"],
            ["^", "资金总额", "<", _money(mid), _money(p.adjusted), "<"],
            ["^", "其中：财政拨款", "<", _money(round(mid - p.other * years, 2)), _money(round(p.adjusted - p.other, 2)), "<"],
            ["^", "其他资金", "<", _money(round(p.other * years, 2)), _money(p.other), "<"],
            ["总\n体\n目\n标", "中期目标（" + f"{year}年—{year + years - 1}年）", "<", "<", f"年度目标（{year}年）", "<"],
            ["^", f"{p.goal[:-1]}，形成长效机制。", "<", "<", p.goal, "<"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "中期指标值", "年度指标值"],
        ]
        for i, (l1, l2) in zip(p.items, _levels(p.items), strict=True):
            rows.append(["^", l1, l2, i.name, _mid_target(i, years), _target(i)])
        truth_items = [i.truth() | {"weight": None, "score": None, "actual": None} for i in p.items]
        truth = {"name": p.name, "budget": {"total": _yuan(p.adjusted)}, "indicators": truth_items}
        out.append((Form("项目支出绩效目标申报表", f"（{year}年度）", rows, [1.6, 2.2, 2.8, 4.4, 2.6, 2.6], p.name), truth))
    return out


def _mid_target(i: Item, years: int) -> str:
    """The 中期 target: counts and money over the years, rates and words as the year's."""
    if i.worded or i.unit in ("%", "天", "年") or i.op != ">=":
        return _target(i)
    return f"≥{fmt(float(i.value) * years)}{i.unit or ''}"


# --------------------------------------------------------------------------- monitor

_CAUSES = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")
_LIKELY = ("确定能", "有可能", "完全不可能")


def stage_actual(i: Item, months: int) -> str | float:
    """What 1-7月 has achieved: a count or an amount in proportion, a rate or a word as is."""
    if i.worded:
        return str(i.actual)
    if i.unit in ("%", "天", "年") or i.op != ">=":
        return float(i.actual)
    v = float(i.actual) * months / 12
    return round(v, 1) if float(i.value) != int(float(i.value)) else float(round(v))


def monitor(projects: list[Project], year: int, months: int = 7) -> list[tuple[Form, dict]]:
    out = []
    span = f"1-{months}月"
    for p in projects:
        stage = round(p.initial * (0.48 + 0.04 * (len(p.items) % 5)), 2)
        rate = round(stage / p.initial * 100, 2)
        forecast = round(p.initial * 0.98, 2)
        n = 16
        rows: list[list[str]] = [
            ["项目名称", "<", p.name, *["<"] * 13],
            ["主管部门", "<", p.department, "<", "<", "<", "<", "实施单位", "<", p.organisation, *["<"] * 6],
            ["项目资金\n（万元）", "", "<", "年初预算数", "<", f"{span}执行数", "<", f"{span}执行率", "<",
             "全年预计执行数", "<", "全年预计执行率", "<", "<", "<", "<"],
            ["^", "年度资金总额", "<", _money(p.initial), "<", _money(stage), "<", f"{rate:.2f}%", "<",
             _money(forecast), "<", f"{forecast / p.initial * 100:.2f}%", "<", "<", "<", "<"],
            ["^", "其中：财政拨款", "<", _money(round(p.initial - p.other, 2)), "<", _money(round(stage - p.other, 2)), "<",
             "—", "<", _money(round(forecast - p.other, 2)), "<", "—", "<", "<", "<", "<"],
            ["^", "其他资金", "<", _money(p.other), "<", _money(p.other), "<", "—", "<", _money(p.other), "<", "—",
             "<", "<", "<", "<"],
            ["年度总体目标", "年度目标", "<", "<", "<", "<", f"{span}执行情况", *["<"] * 9],
            ["^", p.goal, "<", "<", "<", "<", f"截至{months}月底，{p.name}各项工作按计划推进。", *["<"] * 9],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", f"{span}实际完成值", "全年预计完成值",
             "偏差原因分析", "<", "<", "<", "<", "完成目标可能性", "<", "<", "备注"],
            ["^", "^", "^", "^", "^", "^", "^", *_CAUSES, *_LIKELY, "^"],
        ]
        truth_items = []
        for i, (l1, l2) in zip(p.items, _levels(p.items), strict=True):
            got = stage_actual(i, months)
            behind = not i.worded and i.unit not in ("%",) and i.op == ">=" and float(got) < float(i.value) * months / 12
            causes = ["√" if behind and c == "经费保障" else "" for c in _CAUSES]
            likely = ["√" if w == ("有可能" if behind else "确定能") else "" for w in _LIKELY]
            shown = got if isinstance(got, str) else f"{fmt(got)}{i.unit or ''}"
            rows.append(["^", l1, l2, i.name, _target(i), shown, _target(i), *causes, *likely,
                         "序时进度略慢" if behind else ""])
            t = i.truth() | {"weight": None, "score": None}
            if not i.worded:
                scale = 10000.0 if i.unit == "万元" else 1.0
                t["actual"] = {"text": None, "value": round(float(got) * scale, 6), "unit": t["unit"]}
            truth_items.append(t)
        assert all(len(r) == n for r in rows)
        truth = {"name": p.name, "budget": {"initial": _yuan(p.initial), "spent": _yuan(stage), "execution_rate": rate,
                                            "rate_form": "percent"},
                 "indicators": truth_items}
        form = Form("项目支出绩效目标执行监控表", f"（{year}年度）", rows,
                    [1.4, 1.6, 1.9, 3.2, 1.9, 1.9, 1.9, *[1.0] * 5, *[1.0] * 3, 1.8], p.name)
        out.append((form, truth))
    return out


__all__ = ["mof_decl", "mof_dept_self", "monitor"]
