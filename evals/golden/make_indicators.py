"""Write the expected indicator records (evals/golden/indicators/*.json) from the sample TSVs.

    .venv/bin/python -m evals.golden.make_indicators

The expectation must not come from the program it judges, so the records are read
straight from the hand-checked TSVs the samples were built from (hierarchy cells filled
down, ``A1``/``A11`` codes split off the names as the contract keeps them in ``code``), and
every target/actual text that occurs is parsed *by hand* in ``PARSED`` below: a new text
raises instead of being guessed. Conventions are the contract's (``patterns/values.py``
documents them): money in 元, percent as percent, a bare number has no op (the column
says what it means) except a bare zero, which is an equality; direction words
(提高/下降/减少) are ``increase``/``decrease``; words without a number are ``qualitative``.

Which table holds a document's indicators is decided by hand too:
* 000 评价报告: 附件1 评价指标体系表 (分值, 得分, 业绩值 as the actual — prose, compared as text);
* 001 申报表: the 绩效指标 block of each of the five forms (年度指标值 as target);
* 004 监控报告: 表4 目标对比表, the one table with both target (项目完成时绩效目标值) and actual;
* real: the five 填报表 of the real PDF, pages 31-35 (evals/golden/real_p31-35/, typed by hand).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from evals.cells import TABLES, read_tsv_rows

OUT = Path(__file__).resolve().parent / "indicators"

# text as printed -> (op, value, upper, unit); parsed by hand, one line per distinct text
PARSED: dict[str, tuple[str | None, float | None, float | None, str | None]] = {
    "=100%": ("=", 100.0, None, "%"),
    "=95%": ("=", 95.0, None, "%"),
    ">=95%": (">=", 95.0, None, "%"),
    ">=85%": (">=", 85.0, None, "%"),
    ">=80%": (">=", 80.0, None, "%"),
    "100%": (None, 100.0, None, "%"),
    "提高": ("increase", None, None, None),
    "下降": ("decrease", None, None, None),
    "减少": ("decrease", None, None, None),
    "良好": ("qualitative", None, None, None),
    "高": ("qualitative", None, None, None),
    "有效": ("qualitative", None, None, None),
    "改善": ("qualitative", None, None, None),
    "及时": ("qualitative", None, None, None),
    "≤40000 元": ("<=", 40000.0, None, "元"),
    "≤120000 元": ("<=", 120000.0, None, "元"),
    "≤60000 元": ("<=", 60000.0, None, "元"),
    "≤80000 元": ("<=", 80000.0, None, "元"),
    "≥3 次": (">=", 3.0, None, "次"),
    "2 次": (None, 2.0, None, "次"),
    "0 人次": ("=", 0.0, None, "人次"),
    "26488.00": (None, 26488.0, None, None),
    "79464.00": (None, 79464.0, None, None),
    "39732.00": (None, 39732.0, None, None),
    "52976.00": (None, 52976.0, None, None),
    # the real PDF's 填报表 (pages 31-35); units in brackets are the printed unit, 人数 → 人
    # and 万人次 → 人次 as patterns/data/units.json documents
    "≥13459.00(平方米)": (">=", 13459.0, None, "平方米"),
    "=100.00(%)": ("=", 100.0, None, "%"),
    "≥80.00(%)": (">=", 80.0, None, "%"),
    "≥95.00(%)": (">=", 95.0, None, "%"),
    "≥12.00(次)": (">=", 12.0, None, "次"),
    ">6.00(次)": (">", 6.0, None, "次"),
    "≥1.00(个)": (">=", 1.0, None, "个"),
    "≥100.00(人数)": (">=", 100.0, None, "人"),
    ">150.00(家)": (">", 150.0, None, "家"),
    "≥8.00(次)": (">=", 8.0, None, "次"),
    "=12.00(次)": ("=", 12.0, None, "次"),
    "=1.00(次)": ("=", 1.0, None, "次"),
    "=5.00(万人次)": ("=", 50000.0, None, "人次"),
    "≥120.00(人次)": (">=", 120.0, None, "人次"),
    "=300.00(场)": ("=", 300.0, None, "场"),
    "90.00(度)": (None, 90.0, None, "度"),
    "90%": (None, 90.0, None, "%"),
    "满意率100%": (None, 100.0, None, "%"),
    "可控性100%": (None, 100.0, None, "%"),
    "不低于50%": (">=", 50.0, None, "%"),
    "补贴对象生活改善度不低于80%": (">=", 80.0, None, "%"),
    "党员群众满意度不少于80%": (">=", 80.0, None, "%"),
    "居民参与率不低于100%": (">=", 100.0, None, "%"),
    "开展至少1次团体心理治疗": (">=", 1.0, None, "次"),
    "至少1次矫正人员的集中活动": (">=", 1.0, None, "次"),
    "不低于50人次的个体心理咨询辅导": (">=", 50.0, None, "人次"),
    "开展不低于5次的社区法治宣传活动": (">=", 5.0, None, "次"),
    # two targets in one cell; a Value holds one: the first (the text keeps both)
    "慰问人数不少于100人,宣传用品不少于20000份": (">=", 100.0, None, "人"),
    "扩大": ("increase", None, None, None),
    "增强": ("increase", None, None, None),
    "提升": ("increase", None, None, None),
    "宣传工作覆盖面不断扩大": ("increase", None, None, None),
    "政治觉悟及学习主动性不断提升，范围不断扩大": ("increase", None, None, None),
    "特殊对象及群体、居民心理健康有效提升": ("increase", None, None, None),
    "提升社区法治宣传氛围及居民知法懂法守法用法": ("increase", None, None, None),
    "加强引导业委会工作制度、履职行为、自治能力等": ("increase", None, None, None),
    "及时率": ("qualitative", None, None, None),
    "合规": ("qualitative", None, None, None),
    "完善率": ("qualitative", None, None, None),
    "满意度": ("qualitative", None, None, None),
    "居民区全覆盖": ("qualitative", None, None, None),
    "做好禁毒示范城区标准化建设": ("qualitative", None, None, None),
    "达标": ("qualitative", None, None, None),
    "凝聚统战各界人士力量": ("qualitative", None, None, None),
    "根据区人武部安排，完成民兵训练任务及备勤任务": ("qualitative", None, None, None),
    "平稳有序": ("qualitative", None, None, None),
    "卫生整洁、内部安全有序": ("qualitative", None, None, None),
    "维修响应速度快": ("qualitative", None, None, None),
    "房屋完好": ("qualitative", None, None, None),
    "是": ("qualitative", None, None, None),
    "安全无事故": ("qualitative", None, None, None),
}

_CODE = re.compile(r"^([A-Z]\d*)\s*(.*)$", re.S)


def value(text: str) -> dict | None:
    """A printed target/actual as the contract's op/value/upper/unit (None when empty)."""
    text = text.strip()
    if not text:
        return None
    if text not in PARSED:
        raise KeyError(f"parse {text!r} by hand in PARSED first")
    op, val, upper, unit = PARSED[text]
    return {"text": text, "op": op, "value": val, "upper": upper, "unit": unit}


def prose(text: str) -> dict | None:
    """An actual written as prose (附件1 业绩值): compared by its text only."""
    return {"text": text.replace("\\n", "\n")} if text.strip() else None


def split_code(text: str) -> tuple[str | None, str]:
    m = _CODE.match(text.strip())
    return (m.group(1), m.group(2).strip()) if m else (None, text.strip())


def filled(path: Path) -> list[list[str]]:
    """TSV rows with vertical merges filled down (``^`` takes the text above)."""
    rows = read_tsv_rows(path)
    for r in range(1, len(rows)):
        rows[r] = [rows[r - 1][c] if t == "^" else t for c, t in enumerate(rows[r])]
    return rows


def record(project: str | None, level1: str, level2: str, name: str, **kw) -> dict:
    code, name = split_code(name)
    return {"project": project, "code": code, "level1": split_code(level1)[1] or None,
            "level2": split_code(level2)[1] or None, "name": name, "weight": kw.get("weight"),
            "score": kw.get("score"), "target": kw.get("target"), "actual": kw.get("actual")}


def seed_000() -> list[dict]:
    rows = filled(TABLES / "000" / "annex1_scoring.tsv")
    out = []
    for r in rows[1:]:
        if r[0] == "合计":
            continue
        out.append(record("2022年信访办维稳专项", r[0], r[2], r[3], weight=float(r[4]),
                          score=float(r[7]), actual=prose(r[6])))
    return out


def seed_001() -> list[dict]:
    out = []
    for path in sorted((TABLES / "001").glob("*.tsv")):
        rows = filled(path)
        project = next(r[1] for r in rows if r[0] == "项目名称")
        start = next(i for i, r in enumerate(rows) if r[1] == "一级指标") + 1
        for r in rows[start:]:
            out.append(record(project, r[1], r[2], r[3], target=value(r[4])))
    return out


def seed_004() -> list[dict]:
    rows = filled(TABLES / "004" / "t4_progress.tsv")
    project = "2023年全国省市“两会”现场值守工作经费项目"
    return [record(project, r[0], r[1], r[2], target=value(r[3]), actual=value(r[5])) for r in rows[1:]]


REAL = Path(__file__).resolve().parent / "real_p31-35"


def seed_real() -> list[dict]:
    """The five 填报表 of the real PDF, from the hand-typed TSVs (指标值 in the 7th column)."""
    out = []
    for path in sorted(REAL.glob("*.tsv")):
        rows = filled(path)
        project = next(r[2] for r in rows if r[0] == "项目名称")
        start = next(i for i, r in enumerate(rows) if r[1] == "一级指标") + 1
        out += [record(project, r[1], r[2], r[3], target=value(r[6])) for r in rows[start:]]
    return out


SEEDS = {"000": seed_000, "001": seed_001, "004": seed_004, "real": seed_real}
SOURCES = {"000": ["samples/tables/000/annex1_scoring.tsv"],
           "001": sorted(f"samples/tables/001/{p.name}" for p in (TABLES / "001").glob("*.tsv")),
           "004": ["samples/tables/004/t4_progress.tsv"],
           "real": sorted(f"evals/golden/real_p31-35/{p.name}" for p in REAL.glob("*.tsv"))}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for seed, make in SEEDS.items():
        data = {"from": SOURCES[seed], "indicators": make()}
        path = OUT / f"{seed}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path.name}: {len(data['indicators'])} records")


if __name__ == "__main__":
    main()
