"""The projects the zoo's forms are filled with, and the truth every reading is scored on.

Each project is drawn from a pool of indicators modelled on published forms (人社, 农业,
住建, 信访 …): the 三级指标, its 一级/二级 headings, the comparison (≥ / ≤ / = / 定性), the
target figure and its unit, and an actual drawn near the target. Scores follow the rule of
财预〔2020〕10号 (met → full points, otherwise in proportion to 完成值 / 指标值), rounded to
two decimals as the forms print them. Everything is seeded: the same seed gives the same
projects, so the truth JSON and the rendered documents agree byte for byte.

Truth is written in the contract's conventions (``shared/CONTRACT.md``): money in 元,
percentages in percent, ``op`` one of ``>=``/``<=``/``=``/``qualitative``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

OPS = {">=": "≥", "<=": "≤", "=": "="}
MONEY = {"万元": 10000.0, "元": 1.0}

# (一级, 二级, 三级, op, value, unit) — op "qualitative" takes a word as value
POOL: list[tuple[str, str, str, str, object, str | None]] = [
    ("产出指标", "数量指标", "职业技能培训人次", ">=", 500, "人次"),
    ("产出指标", "数量指标", "城镇新增就业人数", ">=", 1200, "人"),
    ("产出指标", "数量指标", "补贴发放户数", "=", 320, "户"),
    ("产出指标", "数量指标", "检查企业数量", ">=", 150, "家"),
    ("产出指标", "数量指标", "印制宣传资料", ">=", 20000, "份"),
    ("产出指标", "数量指标", "维修农村道路长度", ">=", 12.5, "公里"),
    ("产出指标", "数量指标", "开展宣传活动次数", ">=", 12, "次"),
    ("产出指标", "数量指标", "覆盖社区数量", "=", 18, "个"),
    ("产出指标", "数量指标", "改造农村危房户数", ">=", 60, "户"),
    ("产出指标", "质量指标", "项目验收合格率", "=", 100, "%"),
    ("产出指标", "质量指标", "补贴发放准确率", ">=", 98, "%"),
    ("产出指标", "质量指标", "设备完好率", ">=", 95, "%"),
    ("产出指标", "质量指标", "培训合格率", ">=", 90, "%"),
    ("产出指标", "质量指标", "档案资料完整性", "qualitative", "完整", None),
    ("产出指标", "时效指标", "资金拨付及时率", "=", 100, "%"),
    ("产出指标", "时效指标", "问题整改完成时限", "<=", 15, "天"),
    ("产出指标", "时效指标", "项目完成及时性", "qualitative", "及时", None),
    ("产出指标", "成本指标", "人均培训成本", "<=", 800, "元"),
    ("产出指标", "成本指标", "项目总成本", "<=", 90, "万元"),
    ("产出指标", "成本指标", "单位维修成本控制率", "<=", 100, "%"),
    ("效益指标", "经济效益指标", "带动农户人均增收", ">=", 2000, "元"),
    ("效益指标", "经济效益指标", "节约运行经费", ">=", 5, "万元"),
    ("效益指标", "社会效益指标", "政策知晓率", ">=", 85, "%"),
    ("效益指标", "社会效益指标", "安全事故发生次数", "=", 0, "次"),
    ("效益指标", "社会效益指标", "矛盾纠纷化解率", ">=", 90, "%"),
    ("效益指标", "社会效益指标", "群众办事便利程度", "increase", "明显提升", None),
    ("效益指标", "生态效益指标", "生活垃圾分类准确率", ">=", 80, "%"),
    ("效益指标", "生态效益指标", "绿化覆盖率", ">=", 40, "%"),
    ("效益指标", "可持续影响指标", "长效管理机制", "qualitative", "健全", None),
    ("效益指标", "可持续影响指标", "设施持续使用年限", ">=", 5, "年"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", ">=", 90, "%"),
    ("满意度指标", "服务对象满意度指标", "受训人员满意度", ">=", 85, "%"),
    ("满意度指标", "服务对象满意度指标", "群众满意度", ">=", 95, "%"),
]

#: what an actual short of a qualitative target reads
SHORT = {"完整": "基本完整", "及时": "基本及时", "明显提升": "有所提升", "健全": "基本健全"}
REASONS = ["受疫情影响部分活动延期，下年度加强统筹", "个别单位资料报送滞后，已督促整改",
           "年末集中支付，资金拨付略有延迟", "部分任务跨年度实施，下年度继续推进"]


@dataclass
class Item:
    """One indicator as the generator knows it (the truth)."""

    level1: str
    level2: str
    name: str
    op: str  # >= | <= | = | qualitative | increase (a direction word: 明显提升)
    value: float | str | None  # the target figure as printed in its unit; a word for qualitative
    unit: str | None  # printed unit (万元 stays 万元 here; truth() converts)
    actual: float | str | None = None
    weight: float | None = None
    score: float | None = None
    remark: str | None = None
    criteria: str | None = None

    @property
    def worded(self) -> bool:
        """The target is a word (健全, 明显提升), not a figure."""
        return self.op in ("qualitative", "increase")

    @property
    def met(self) -> bool:
        if self.worded:
            return self.actual == self.value
        a, t = float(self.actual), float(self.value)
        return a >= t if self.op == ">=" else a <= t if self.op == "<=" else a == t

    def truth(self) -> dict:
        """The contract's reading of this indicator: money in 元, percent in percent."""
        scale = MONEY.get(self.unit or "", 1.0)
        unit = "元" if self.unit in MONEY else self.unit
        if self.worded:
            target = {"op": self.op, "value": None, "unit": None}
            actual = {"text": self.actual, "value": None, "unit": None}
        else:
            target = {"op": self.op, "value": _round(float(self.value) * scale), "unit": unit}
            actual = {"text": None, "value": _round(float(self.actual) * scale), "unit": unit}
        return {"name": self.name, "level1": self.level1, "level2": self.level2, **target,
                "weight": self.weight, "score": self.score, "actual": actual}


@dataclass
class Project:
    name: str
    department: str
    organisation: str
    items: list[Item] = field(default_factory=list)
    # money, in the form's unit (万元): initial / adjusted (A) / spent (B), sources of the total
    initial: float = 0.0
    adjusted: float = 0.0
    spent: float = 0.0
    fiscal: float = 0.0
    carried: float = 0.0
    other: float = 0.0
    rate_weight: float = 10.0
    goal: str = ""
    done: str = ""

    @property
    def rate(self) -> float:
        """执行率 in percent, two decimals (B / A)."""
        return round(self.spent / self.adjusted * 100, 2)

    @property
    def rate_score(self) -> float:
        return round(min(self.rate, 100.0) / 100 * self.rate_weight, 2)

    @property
    def total_weight(self) -> float:
        return round(sum(i.weight or 0 for i in self.items) + self.rate_weight, 2)

    @property
    def total_score(self) -> float:
        return round(sum(i.score or 0 for i in self.items) + self.rate_score, 2)


def _round(x: float) -> float:
    return round(x, 6)


def _fmt(x: float) -> str:
    """A figure as a form prints it: no trailing zeros (12.5, 500, 89.97)."""
    return f"{x:.2f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def _actual(rng: random.Random, op: str, value, unit: str | None) -> object:
    if op in ("qualitative", "increase"):
        return value if rng.random() < 0.8 else SHORT[value]
    v = float(value)
    if unit == "%":
        if op == "=" or v >= 98:
            return v if rng.random() < 0.7 else round(v - rng.choice([1, 2, 2.5]), 1)
        return round(min(100.0, v + rng.choice([-4, -1.5, 0, 1, 2.5, 4])), 1)
    if op == "<=":
        return round(v * rng.choice([0.85, 0.92, 0.97, 1.0, 1.04]), 2)
    if op == "=":
        return v if rng.random() < 0.8 else round(v * 0.95)
    if v == 0:
        return 0
    got = v * rng.choice([0.9, 0.96, 1.0, 1.02, 1.08, 1.15])
    return round(got, 1) if v != int(v) else float(round(got))


def _score(item: Item) -> float:
    w = float(item.weight or 0)
    if item.met:
        return w
    if item.worded:
        return round(w * 0.8, 2)
    a, t = float(item.actual), float(item.value)
    ratio = (t / a) if item.op == "<=" else (a / t if t else 0.0)
    return round(w * max(0.0, min(ratio, 1.0)), 2)


def _weights(items: list[Item], style: str) -> None:
    """产出 50, 效益 30, 满意度 10 (财预〔2020〕10号); with 成本 as a 一级指标 (财预〔2021〕101号)
    产出 40, 成本 20, 效益 20, 满意度 10 — split over each heading's rows in half points."""
    budget = {"产出指标": 50.0, "效益指标": 30.0, "满意度指标": 10.0}
    if style == "2021":
        budget = {"产出指标": 40.0, "成本指标": 20.0, "效益指标": 20.0, "满意度指标": 10.0}
    for l1, points in budget.items():
        rows = [i for i in items if i.level1 == l1]
        if not rows:
            continue
        base = points / len(rows)
        shares = [round(base * 2) / 2 for _ in rows]
        shares[-1] = round(points - sum(shares[:-1]), 2)
        for i, w in zip(rows, shares, strict=True):
            i.weight = w


def make_projects(seed: str, names: list[tuple[str, str]], department: str, size: tuple[int, int] = (9, 13),
                  style: str = "2020") -> list[Project]:
    """One project per (name, organisation), indicators drawn from :data:`POOL`.

    Each project holds at least one 数量, 质量, 时效, 成本, 社会效益 and 满意度 indicator,
    then more drawn at random, in the printed order of the headings. ``style`` "2021"
    prints 成本 as a 一级指标 over 经济成本指标 (财预〔2021〕101号), "2020" as a 二级指标 of 产出."""
    rng = random.Random(f"zoo:{seed}")
    out = []
    order = [(l1, l2) for l1, l2, *_ in POOL]
    rank = {k: n for n, k in enumerate(dict.fromkeys(order))}
    for name, org in names:
        must = ["数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "服务对象满意度指标"]
        picked: list[tuple] = []
        for l2 in must:
            picked.append(rng.choice([p for p in POOL if p[1] == l2]))
        n = rng.randint(*size)
        rest = [p for p in POOL if p not in picked]
        rng.shuffle(rest)
        picked += rest[: max(0, n - len(picked))]
        picked.sort(key=lambda p: (rank[(p[0], p[1])], POOL.index(p)))
        items = []
        for l1, l2, label, op, value, unit in picked:
            if style == "2021" and l2 == "成本指标":
                l1, l2 = "成本指标", "经济成本指标"
            item = Item(l1, l2, label, op, value, unit)
            item.actual = _actual(rng, op, value, unit)
            items.append(item)
        _weights(items, style)
        for item in items:
            item.score = _score(item)
            if not item.met:
                item.remark = rng.choice(REASONS)
            item.criteria = ("达到目标值得满分，未达到按完成比例计分" if not item.worded
                             else "达成预期得满分，部分达成得80%分值")
        adjusted = round(rng.uniform(20, 400), 2)
        initial = adjusted if rng.random() < 0.6 else round(adjusted * rng.choice([0.8, 0.9, 1.1]), 2)
        spent = round(adjusted * rng.choice([0.8823, 0.9152, 0.9634, 0.9981, 1.0]), 2)
        carried = round(adjusted * 0.1, 2) if rng.random() < 0.4 else 0.0
        other = round(adjusted * 0.05, 2) if rng.random() < 0.3 else 0.0
        fiscal = round(adjusted - carried - other, 2)
        out.append(Project(
            name=name, department=department, organisation=org, items=items,
            initial=initial, adjusted=adjusted, spent=spent, fiscal=fiscal, carried=carried, other=other,
            goal=f"按计划完成{name}各项任务，资金使用规范，服务对象满意度达到90%以上。",
            done=f"已完成{name}年度主要任务，资金按规定使用，绩效目标基本实现。",
        ))
    return out


def fmt(x: float) -> str:
    return _fmt(x)
