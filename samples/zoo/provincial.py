"""Provincial forms in the zoo (templates.py holds prov_self, decl_2020 and dept_target).

* ``sc_self`` — 四川 部门预算项目支出绩效自评表 (2023, 报表编号 510000_0013zp, as county
  departments publish them): 项目名称 with its 22-digit code; 预算执行情况（10分） 年度预算数
  （万元） / 年初预算 / 调整后预算数 / 预算执行数 / 预算执行率 / 权重 / 得分 / 原因 over 总额,
  其中：财政资金, 财政专户管理资金, 单位资金, 其他资金 (the rule 预算执行率=预算执行数/调整后预算数
  printed in 原因); 绩效指标（90分） 一级 / 二级 / 三级 / 指标性质 / 指标值 / 度量单位 / 完成值 /
  权重 / 得分 / 未完成原因分析; 合计; 评价结论 / 存在问题 / 改进措施. Its workbook, as the
  province's system exports it, stacks every form on one sheet, computes 预算执行率, 合计 and the
  总额 row by formulas and keeps a hidden helper column.
* ``prov_decl`` — a provincial 项目支出绩效目标申报表 whose indicators carry 指标权重 and
  评价标准 (湖北/广东 style): 一级 / 二级 / 三级 / 指标值 / 指标权重 / 评价标准.
* ``cq_dept_self`` — 重庆 部门整体绩效自评表: 主管部门 / 财政处室 / 自评总分; 部门预算执行情况
  （万元） 年初预算数 / 全年（调整）预算数 / 全年执行数 / 执行率（%） (a bare figure under a
  percent header) / 执行率权重 / 执行率得分（分）; 当年绩效目标; 绩效指标 指标名称 / 计量单位 /
  指标性质 (定量指标 / 定性指标) / 年初指标值 / 调整指标值 / 全年完成值 / 得分系数 / 指标权重（分）
  / 指标得分（分） / 是否核心指标 — no 一级 / 二级 columns at all. The execution score follows
  the printed rule 执行率90%以上计满分，每低于5%扣1分.
"""

from __future__ import annotations

import math

from samples.zoo.projects import OPS, Item, Project, fmt
from samples.zoo.templates import Form, _budget_truth, _money, _rate_truth, _yuan

_NATURE = {">=": "≥", "<=": "≤", "=": "=", "qualitative": "定性", "increase": "定性"}


def _levels(items: list[Item]) -> list[tuple[str, str]]:
    from samples.zoo.ministry import _levels as levels

    return levels(items)


def _value(i: Item, attr: str = "value") -> str:
    v = getattr(i, attr)
    return str(v) if i.worded else fmt(float(v))


# --------------------------------------------------------------------------- sc_self

SC_NOTE = ("1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）；"
           "2.年中发生预算调整的（追加或调减），应单独说明理由；3.其他资金包括：社会投入资金、银行贷款。")


def sc_self(projects: list[Project], year: int) -> list[tuple[Form, dict]]:
    out = []
    for k, p in enumerate(projects):
        code = f"5109232{k + 1}R{'0' * 8}{19951 + 37 * k}"
        name = f"{code}-{p.name}"
        fiscal = round(p.adjusted - p.other, 2)
        fiscal0 = round(p.initial - p.other, 2)
        spent_f = round(p.spent - p.other, 2)
        rows: list[list[str]] = [
            ["项目名称", name, *["<"] * 9],
            ["主管部门", p.department, "<", "<", "<", "实施单位（盖章）", "<", p.organisation, "<", "<", "<"],
            ["项目基本情况", "1.项目年度目标完成情况", "<", "项目年度目标", "<", "<", "<", "年度目标完成情况", "<", "<", "<"],
            ["^", "^", "<", p.goal, "<", "<", "<", p.done, "<", "<", "<"],
            ["^", "2.项目实施内容及过程概述", "<", f"{year}年按计划实施{p.name}，资金按进度拨付。", *["<"] * 7],
            ["预算执行情况（10分）", "年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分",
             "原因", "<", "<"],
            ["^", "总额", _money(p.initial), _money(p.adjusted), _money(p.spent), f"{p.rate:.2f}%", fmt(p.rate_weight),
             fmt(p.rate_score), SC_NOTE, "<", "<"],
            ["^", "其中：财政资金", _money(fiscal0), _money(fiscal), _money(spent_f), f"{spent_f / fiscal * 100:.2f}%", "/",
             "/", "^", "<", "<"],
            ["^", "财政专户管理资金", "0.00", "0.00", "0.00", "0.00%", "/", "/", "^", "<", "<"],
            ["^", "单位资金", "0.00", "0.00", "0.00", "0.00%", "/", "/", "^", "<", "<"],
            ["^", "其他资金", _money(p.other), _money(p.other), _money(p.other),
             "100.00%" if p.other else "0.00%", "/", "/", "^", "<", "<"],
            ["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分",
             "未完成原因分析"],
        ]
        first = len(rows)
        for i, (l1, l2) in zip(p.items, _levels(p.items), strict=True):
            rows.append(["^", l1, l2, i.name, _NATURE[i.op], _value(i), i.unit or "", _value(i, "actual"), fmt(i.weight),
                         fmt(i.score), i.remark or ""])
        last = len(rows) - 1
        rows.append(["合计", *["<"] * 7, fmt(p.total_weight), fmt(p.total_score), ""])
        rows += [
            ["评价结论", f"项目自评得分{fmt(p.total_score)}分，{p.done}", *["<"] * 9],
            ["存在问题", "个别指标完成进度略慢。", *["<"] * 9],
            ["改进措施", "加强项目过程管理，及时跟踪绩效目标完成情况。", *["<"] * 9],
            ["项目负责人：", "<", "<", "<", "<", "财务负责人：", "<", "<", "<", "<", "<"],
        ]
        total = last + 1
        numbers = {(6, c): (v, "#,##0.00") for c, v in ((2, p.initial), (3, p.adjusted), (4, p.spent))}
        numbers[(6, 5)] = (p.rate / 100, "0.00%")
        for r, vals in ((7, (fiscal0, fiscal, spent_f)), (8, (0, 0, 0)), (9, (0, 0, 0)), (10, (p.other,) * 3)):
            numbers.update({(r, c): (float(v), "#,##0.00") for c, v in zip((2, 3, 4), vals, strict=True)})
        formulas = {  # as the province's workbook computes them: [row,col] are grid cells
            **{(6, c): f"=SUM([7,{c}]:[10,{c}])" for c in (2, 3, 4)},  # 总额 above its parts
            (6, 5): "=[6,4]/[6,3]",  # 预算执行率 = 预算执行数 / 调整后预算数
            (total, 8): f"=SUM([{first},8]:[{last},8])+[6,6]",  # 合计 权重, the 执行率 权重 included
            (total, 9): f"=SUM([{first},9]:[{last},9])+[6,7]",
        }
        for r in range(first, last + 1):
            i = p.items[r - first]
            numbers[(r, 8)] = (float(i.weight), "General")
            numbers[(r, 9)] = (float(i.score), "General")
        numbers[(total, 8)] = (p.total_weight, "General")
        numbers[(total, 9)] = (p.total_score, "General")
        numbers[(6, 6)] = (p.rate_weight, "General")
        numbers[(6, 7)] = (p.rate_score, "General")
        truth = {"name": name, "budget": _budget_truth(p), "indicators": [_rate_truth(p)] + [i.truth() for i in p.items]}
        form = Form("部门预算项目支出绩效自评表", f"（{year}年度）", rows,
                    [2.0, 2.4, 2.0, 3.2, 1.4, 1.6, 1.4, 1.6, 1.4, 1.4, 3.0], name, numbers=numbers, formulas=formulas,
                    helper=["校验"] + [str(r) for r in range(1, len(rows))],
                    before=["报表编号：510000_0013zp"])
        out.append((form, truth))
    return out


# --------------------------------------------------------------------------- prov_decl


def prov_decl(projects: list[Project], year: int) -> list[tuple[Form, dict]]:
    out = []
    for p in projects:
        rows: list[list[str]] = [
            ["项目名称", p.name, "<", "<", "<", "<", "<"],
            ["主管部门", p.department, "<", "<", "项目实施单位", p.organisation, "<"],
            ["项目资金\n（万元）", "项目资金总额", "<", _money(p.adjusted), "<", "<", "<"],
            ["^", "其中：财政资金", "<", _money(round(p.adjusted - p.other, 2)), "<", "<", "<"],
            ["^", "其他资金", "<", _money(p.other), "<", "<", "<"],
            ["年度绩效目标", p.goal, *["<"] * 5],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "指标权重", "评价标准"],
        ]
        for i, (l1, l2) in zip(p.items, _levels(p.items), strict=True):
            rows.append(["^", l1, l2, i.name, _decl_target(i), fmt(i.weight), i.criteria or ""])
        rows.append(["合计", "<", "<", "<", "<", fmt(round(sum(i.weight or 0 for i in p.items), 2)), ""])
        truth_items = [i.truth() | {"score": None, "actual": None} for i in p.items]
        truth = {"name": p.name, "budget": {"total": _yuan(p.adjusted)}, "indicators": truth_items}
        out.append((Form("项目支出绩效目标申报表", f"（{year}年度）", rows, [1.6, 2.0, 2.4, 3.6, 2.2, 1.6, 3.6], p.name), truth))
    return out


def _decl_target(i: Item) -> str:
    """Targets as these forms print them: ``≥500人次``, ``≤15天``, a word as is."""
    if i.worded:
        return str(i.value)
    return f"{OPS[i.op]}{fmt(float(i.value))}{i.unit or ''}"


# --------------------------------------------------------------------------- cq_dept_self

CQ_RULE = "执行率90%以上计满分，每低于5%扣1分"


def cq_score(rate: float, weight: float) -> float:
    """``执行率90%以上计满分，每低于5%扣1分`` (a part of 5 % counts as one), never below 0."""
    if rate >= 90:
        return weight
    return max(0.0, weight - math.ceil(round((90 - rate) / 5, 9)))


def cq_dept_self(projects: list[Project], year: int) -> list[tuple[Form, dict]]:
    """One form per department (``Project.name`` is the department; ``organisation`` the 处室)."""
    out = []
    for p in projects:
        rate = p.rate
        score = cq_score(rate, p.rate_weight)
        items_score = round(sum(i.score or 0 for i in p.items), 2)
        total = round(items_score + score, 2)
        rows: list[list[str]] = [
            ["主管部门", "<", p.name, "<", "<", "财政处室", p.organisation, "<", "自评总分（分）", fmt(total)],
            ["部门联系人", "<", "张敏", "<", "<", "联系电话", "023-6" + str(1000000 + len(p.items) * 7919)[1:], "<", "<", "<"],
            ["部门预算执行情况（万元）", "<", "年初预算数", "全年（调整）预算数", "<", "全年执行数", "执行率（%）", "执行率权重",
             "执行率得分（分）", "<"],
            ["^", "<", _money(p.initial), _money(p.adjusted), "<", _money(p.spent), f"{rate:.2f}", fmt(p.rate_weight),
             fmt(score), "<"],
            ["^", "<", f"评分规则：{CQ_RULE}。", *["<"] * 7],
            ["当年绩效目标", "<", "年初绩效目标", "<", "<", "全年（调整）绩效目标", "<", "全年目标实际完成情况", "<", "<"],
            ["^", "<", p.goal, "<", "<", "无", "<", p.done, "<", "<"],
            ["指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "得分系数（%）", "指标权重（分）",
             "指标得分（分）", "是否核心指标"],
        ]
        truth_items = []
        for n, i in enumerate(p.items):
            quant = not i.worded
            ratio = 100.0 if not i.weight else round((i.score or 0) / i.weight * 100, 2)
            target = (f"{OPS[i.op]}{fmt(float(i.value))}" if quant else str(i.value))
            actual = fmt(float(i.actual)) if quant else str(i.actual)
            rows.append([i.name, i.unit or "", "定量指标" if quant else "定性指标", target, "", actual, f"{fmt(ratio)}%",
                         fmt(i.weight), fmt(i.score), "是" if n % 3 == 0 else "否"])
            t = i.truth() | {"level1": None, "level2": None}
            truth_items.append(t)
        rate_t = _rate_truth(p) | {"score": score}
        budget = _budget_truth(p)
        truth = {"name": p.name, "budget": budget, "indicators": [rate_t] + truth_items}
        out.append((Form("部门整体绩效自评表", f"（{year}年度）", rows, [3.4, 1.4, 1.6, 1.8, 1.6, 1.8, 1.6, 1.6, 1.6, 1.4],
                         p.name), truth))
    return out
