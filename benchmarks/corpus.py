"""`make bench` (corpus part): search and stats latency on a generated 1,000,000-indicator corpus.

    .venv/bin/python benchmarks/corpus.py [--repeat 30] [--budget 60] [--root CHECKOUT] [--pg | --pg-url URL] [--keep-pg]
        [--build-only]

The corpus (25,000 documents × 40 indicators, seeded, so every run builds the same one) is
generated once through the ordinary ingest path (``SqliteCorpus.ingest``, one transaction
per document, as ``jixiao index`` writes) and kept in ``$TMPDIR/jixiao-benchmarks/``
(``JIXIAO_BENCH_DIR`` to move it; never in the repository); later runs reuse it (a file built
before the corpus had its side structures gets them the first time it is opened, once). Documents
look like the real ones: 目标申报表, 自评表, 监控报告 and 评价报告 of 2018–2024 from 40
districts, each project drawn from 28 themes, its indicators filed under the standard
一级/二级 levels (产出/效益/满意度/成本; 决策/过程/产出/效益 for evaluation reports), named
from the theme's objects, with printed targets, actual values, weights and scores; 8.5 % of
the indicators match 满意度.

Measured in a child process (so ``--root`` can load another checkout's ``corpus`` package,
e.g. ``git archive`` of an older commit, on the same file): for each query, what ``jixiao
search`` (top 20) and ``jixiao stats`` do once the interpreter is up — open the corpus, run
``find``/``stats``, close — ``--repeat`` times (fewer once the timed runs add up to
``--budget`` seconds) after one untimed run (jieba's dictionary loaded, the file in the
page cache); p50 and p95 in milliseconds. Queries: 满意度 (the issue's), the commonest word
(of the full-text vocabulary, the word in the most rows that a query keeps whole), a rare
word (in 20–200 rows, two characters or more), and 满意度 with ``--year 2023`` and with
``--unit %``; then, for scale, the whole ``jixiao search``/``jixiao stats`` command for 满意度
as a new process (interpreter, imports and jieba's dictionary included). First, for the cost of
opening: ``open_corpus`` + ``close`` alone, and the floor under it — the bare driver's connection,
``SELECT 1`` and close (``sqlite3``/``psycopg``), which no change to the corpus can go below.

``--pg`` also copies the same rows into a throw-away PostgreSQL server
(``tests/corpus/pg_server.py``; several minutes) and times that backend too; ``--keep-pg`` leaves that
server running and prints its URL, and ``--pg-url`` times a server already holding the rows (so that
several checkouts, ``--root``, are timed on one server, interleaved).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GENERATOR_VERSION = 1
DOCS, PER_DOC, SEED = 25_000, 40, 18
CACHE = Path(os.environ.get("JIXIAO_BENCH_DIR") or Path(tempfile.gettempdir()) / "jixiao-benchmarks")

REGIONS = [f"{p}{d}" for p, ds in (
    ("上海市", "黄浦区 徐汇区 长宁区 静安区 普陀区 虹口区 杨浦区 闵行区 宝山区 嘉定区 浦东新区 金山区 松江区 青浦区 奉贤区 崇明区"),
    ("北京市", "东城区 西城区 朝阳区 海淀区 丰台区 通州区"),
    ("广东省深圳市", "福田区 罗湖区 南山区 宝安区 龙岗区"),
    ("浙江省杭州市", "上城区 拱墅区 西湖区 滨江区 余杭区"),
    ("江苏省苏州市", "姑苏区 吴中区 相城区 吴江区"),
    ("四川省成都市", "锦江区 青羊区 武侯区 成华区"),
) for d in ds.split()]
ORGS = ["信访办公室", "民政局", "教育局", "卫生健康委员会", "绿化和市容管理局", "建设和管理委员会", "文化和旅游局",
        "人力资源和社会保障局", "司法局", "应急管理局", "生态环境局", "街道办事处", "镇人民政府", "体育局", "档案局"]
# theme → (project name, objects its indicators are about)
THEMES = {
    "信访": ("信访维稳专项", "信访事项办结 初次信访事项 帮困慰问 重信重访 矛盾纠纷排查 信访接待 网上信访"),
    "课题": ("课题与规划", "信访课题研究 课题研究 调研报告 专家评审 成果转化"),
    "养老": ("社区养老服务", "助餐服务 上门照护 日间照料 养老床位 老年人体检 适老化改造"),
    "垃圾": ("生活垃圾分类", "垃圾分类宣传 湿垃圾收运 分类投放点改造 垃圾清运 督导员培训"),
    "绿化": ("绿化养护", "行道树修剪 绿地养护 古树名木保护 病虫害防治 绿化补植"),
    "道路": ("道路养护维修", "道路大中修 人行道修复 桥梁检测 井盖更换 路灯维护"),
    "校园": ("校园安全建设", "安保人员配备 监控设备安装 安全演练 食堂检查 校车管理"),
    "卫生": ("公共卫生服务", "疫苗接种 慢病随访 健康档案建档 家庭医生签约 健康教育讲座"),
    "就业": ("就业创业培训", "职业技能培训 创业补贴发放 就业岗位开发 就业困难人员帮扶"),
    "救助": ("困难群众帮困救助", "低保金发放 临时救助 医疗救助 助学补贴 送温暖慰问"),
    "文化": ("群众文化活动", "文艺演出 社区文化活动 图书借阅 非遗展示 文化配送"),
    "体育": ("全民健身", "健身设施更新 体育赛事举办 健身指导 场馆开放"),
    "消防": ("消防安全", "消防设施维护 隐患排查整治 消防演练 微型消防站建设"),
    "网格": ("网格化管理", "网格巡查 案件处置 城市管理问题发现 热线工单办理"),
    "河道": ("河道综合整治", "河道保洁 水质监测 驳岸修复 截污纳管"),
    "档案": ("档案数字化", "档案扫描 档案著录 数字档案馆建设 档案利用"),
    "信息化": ("信息化系统运维", "系统运行维护 网络安全等级保护 数据备份 信访接待系统维保 软件升级"),
    "食安": ("食品安全监测", "食品抽检 快检 农贸市场检查 餐饮单位检查"),
    "旧改": ("老旧小区综合改造", "屋面防水 外立面整治 加装电梯 雨污分流 停车位增设"),
    "法援": ("公共法律服务", "法律援助 人民调解 法治宣传 社区矫正"),
    "科普": ("科普宣传", "科普讲座 科普展览 青少年科技活动 宣传活动开展"),
    "党建": ("基层党建", "党员教育培训 党组织活动 党群服务中心运营"),
    "防汛": ("防汛防台", "防汛物资储备 排水泵站维护 防汛演练 积水点改造"),
    "医疗": ("医疗设备购置", "设备采购 设备安装调试 设备使用 医护人员培训"),
    "教师": ("教师队伍建设", "教师培训 骨干教师培养 教研活动 师德师风建设"),
    "农业": ("农业生产发展", "高标准农田建设 农机购置补贴 良种推广 农业技术培训"),
    "环保": ("大气污染防治", "扬尘治理 工地监测 油烟净化 机动车尾气检测"),
    "交通": ("公共交通补贴", "公交线路优化 公交车辆更新 候车亭建设 票价补贴发放"),
}
SUBJECTS = ["群众", "居民", "居民群众", "服务对象", "受益对象", "信访群众", "学生", "家长", "企业", "参训人员",
            "患者", "老年人", "管理部门", "社区居民", "信访市民对信访办", "受助群众", "村民", "游客"]
# one rare object per ~10 documents, drawn Zipf-like: the tail has words in a few dozen rows
RARE = ("古籍修复 候鸟监测 盲道改造 渡口安全 口岸查验 蚕桑技术 茶园改造 石窟保护 冰雪运动 航标维护 骆驼养殖 "
        "海塘加固 滩涂湿地 竹林抚育 葡萄育种 陶瓷传承 锡剧演出 评弹传承 灯彩制作 龙舟竞渡 风筝制作 剪纸传习 "
        "昆曲进校园 木偶剧巡演 皮影戏保护 织锦技艺 蓝印花布 刺绣传承 紫砂工艺 漆器修复").split()

NAMES = {  # level2 → name templates ({o}: an object) and the kind of target they get
    "数量指标": [("{o}完成率", "rate"), ("{o}数量", "count"), ("{o}次数", "count"), ("{o}覆盖率", "rate"),
             ("{o}人数", "count")],
    "质量指标": [("{o}合格率", "rate"), ("{o}达标率", "rate"), ("{o}验收合格率", "rate"), ("{o}准确率", "rate"),
             ("{o}规范性", "quality")],
    "时效指标": [("{o}及时性", "days"), ("{o}完成及时率", "rate"), ("{o}按时完成率", "rate")],
    "成本指标": [("{o}成本控制", "money"), ("{o}经费控制率", "rate"), ("人均{o}成本", "money")],
    "经济效益指标": [("节约{o}成本", "money"), ("带动就业人数", "count")],
    "社会效益指标": [("{o}社会影响力", "effect"), ("群众知晓率", "rate"), ("{o}工作成效", "effect"),
               ("社会面防控影响力", "effect"), ("{o}问题发生率", "down")],
    "生态效益指标": [("环境改善程度", "effect"), ("{o}节能降耗", "effect")],
    "可持续影响指标": [("{o}长效机制健全性", "quality"), ("{o}制度建设", "quality")],
    "服务对象满意度指标": [("{s}满意度", "satisfaction"), ("{s}满意度", "satisfaction"), ("{s}满意率", "satisfaction")],
}
LEVELS = [  # (level1, level2, indicators per 40)
    ("产出指标", "数量指标", 10), ("产出指标", "质量指标", 8), ("产出指标", "时效指标", 5), ("产出指标", "成本指标", 3),
    ("效益指标", "经济效益指标", 1), ("效益指标", "社会效益指标", 6), ("效益指标", "生态效益指标", 1),
    ("效益指标", "可持续影响指标", 2), ("满意度指标", "服务对象满意度指标", 4),
]
EVAL_LEVELS = {  # evaluation reports file the same indicators under 决策/过程/产出/效益
    "产出指标": "产出", "效益指标": "效益", "满意度指标": "效益",
}
EVAL_EXTRA = [("决策", "项目立项", "立项依据充分性", "quality"), ("决策", "绩效目标", "绩效目标合理性", "quality"),
              ("决策", "资金投入", "预算编制科学性", "quality"), ("过程", "资金管理", "预算执行率", "rate"),
              ("过程", "资金管理", "资金使用合规性", "quality"), ("过程", "组织实施", "管理制度健全性", "quality")]
KINDS = [("target_declaration", "绩效目标申报表", 0.3), ("self_assessment", "绩效自评表", 0.4),
         ("monitoring_report", "绩效运行监控报告", 0.15), ("evaluation_report", "绩效评价报告", 0.15)]


def _target(rng: random.Random, how: str) -> tuple[str, str | None, float | None, float | None, str | None]:
    """(printed text, op, value, upper, unit) of a target of the kind ``how``."""
    if how == "rate":
        v = rng.choice([80, 85, 90, 95, 95, 98, 100, 100])
        return (f"={v}%", "=", v, None, "%") if v == 100 else (f"≥{v}%", ">=", v, None, "%")
    if how == "satisfaction":
        r = rng.random()
        if r < 0.07:
            return "提高", "increase", None, None, None
        if r < 0.11:
            return "满意", "qualitative", None, None, None
        if r < 0.14:
            return "80%-90%", "range", 80, 90, "%"
        v = rng.choice([80, 80, 85, 85, 90, 90, 95])
        return (f">{v}%", ">", v, None, "%") if r < 0.2 else (f"≥{v}%", ">=", v, None, "%")
    if how == "count":
        v, unit = rng.choice([1, 2, 4, 6, 10, 12, 20, 50, 100, 120, 200, 500, 1000]), rng.choice(["人次", "个", "次", "场"])
        return (f"={v}{unit}", "=", v, None, unit) if rng.random() < 0.5 else (f"≥{v}{unit}", ">=", v, None, unit)
    if how == "days":
        if rng.random() < 0.4:
            return "及时", "qualitative", None, None, None
        v = rng.choice([5, 7, 15, 30])
        return f"={v} 天内", "<=", v, None, "天"
    if how == "money":
        v = rng.choice([5, 10, 20, 24, 30, 50, 80, 100, 150, 300])
        return f"≤{v}万元", "<=", v, None, "万元"
    if how == "down":
        return "下降", "decrease", None, None, None
    if how == "effect":
        return rng.choice([("提高", "increase"), ("有效提升", "increase"), ("良好", "qualitative"),
                           ("显著", "qualitative")]) + (None, None, None)
    return rng.choice(["健全有效", "规范", "合理", "充分", "良好"]), "qualitative", None, None, None


def _actual(rng: random.Random, text: str, op: str | None, value: float | None, unit: str | None):
    """(printed actual, op, value): usually met, sometimes short of the target."""
    if value is None:
        return (text, op, None) if rng.random() < 0.9 else ("未达到", None, None)
    miss = rng.random() < 0.12
    if op in ("<=", "<"):
        got = value * (1.2 if miss else rng.choice([0.6, 0.8, 1.0]))
    else:
        got = min(value * (0.85 if miss else 1.0) + (0 if miss else rng.choice([0, 0, 1, 2])),
                  100 if unit == "%" else value * 2)
    return f"{got:g}{unit or ''}", None, float(round(got, 2))


@cache
def _tokens(text: str) -> str:
    from corpus.tokens import search_tokens

    return " ".join(search_tokens(text))


def documents(seed: int = SEED, docs: int = DOCS, per_doc: int = PER_DOC):
    """(DocRow, [IndicatorRow]) for each generated document, always the same for one seed."""
    from corpus.rows import DocRow, IndicatorRow, target_met
    from extractor.contract import Value

    rng = random.Random(seed)
    themes = list(THEMES)
    theme_weights = [1 / (i + 1) ** 0.6 for i in range(len(themes))]
    rare_weights = [1 / (i + 1) ** 1.3 for i in range(len(RARE))]
    kinds, kind_weights = [k for k, _, _ in KINDS], [w for _, _, w in KINDS]
    kind_word = {k: w for k, w, _ in KINDS}
    for n in range(docs):
        kind = rng.choices(kinds, kind_weights)[0]
        theme = rng.choices(themes, theme_weights)[0]
        base, objects = THEMES[theme][0], THEMES[theme][1].split()
        region, year = rng.choice(REGIONS), rng.randint(2018, 2024)
        org = rng.choice(ORGS)
        project = f"{year}年{base}项目" if rng.random() < 0.5 else base + rng.choice(["项目", "经费", "专项资金"])
        title = f"{region}{org}{project}{kind_word[kind]}"
        doc = DocRow(sha256=f"{n:064x}", file=f"gen/{n:05d}_{kind}.pdf", key=f"gen/{n:05d}_{kind}.pdf", kind=kind,
                     title=title, project=project, year=year, region=region, organisation=region + org,
                     department=org)
        picked = rng.choices(range(len(LEVELS)), [k for _, _, k in LEVELS], k=per_doc)
        slots = [LEVELS[j][:2] for j in sorted(picked)]
        rare = rng.choices(RARE, rare_weights)[0] if rng.random() < 0.1 else None
        specs = []
        if kind == "evaluation_report":
            specs += [(l1, l2, name, how) for l1, l2, name, how in EVAL_EXTRA]
        for i, (l1, l2) in enumerate(slots[: per_doc - len(specs)]):
            template, how = rng.choice(NAMES[l2])
            obj = rare if rare and i == 3 else rng.choice(objects)
            name = template.format(o=obj, s=rng.choice(SUBJECTS))
            if kind == "evaluation_report":
                l1, l2 = EVAL_LEVELS[l1], ("满意度" if l1 == "满意度指标" else l2.removesuffix("指标"))
            specs.append((l1, l2, name, how))
        rows = []
        for i, (l1, l2, name, how) in enumerate(specs):
            text, op, value, upper, unit = _target(rng, how)
            target = Value(text=text, op=op, value=value, upper=upper, unit=unit)
            actual = None
            weight = score = None
            if kind != "target_declaration":
                atext, aop, avalue = _actual(rng, text, op, value, unit)
                actual = Value(text=atext, op=aop, value=avalue, unit=unit if avalue is not None else None)
                if kind != "monitoring_report":
                    weight = float(rng.choice([2, 3, 4, 5, 5, 6, 8, 10, 10, 20]))
                    score = weight if rng.random() < 0.8 else round(weight * rng.choice([0.5, 0.8, 0.9]), 1)
            met = target_met(target, actual)
            context = " ".join(x for x in (l1, l2, project, title) if x)
            rows.append(IndicatorRow(
                project=project, code=None if kind != "evaluation_report" else f"{'ABCD'[min(i // 10, 3)]}{i + 1}",
                level1=l1, level2=l2, name=name, target_text=text, op=op, value=None if value is None else float(value),
                upper=None if upper is None else float(upper), unit=unit, actual_text=actual.text if actual else None,
                actual_value=actual.value if actual else None, weight=weight, score=score,
                met=None if met is None else int(met), page=3 + i // 15, table_id=f"p{3 + i // 15}-t1", row=i % 15 + 1,
                tok_name=_tokens(name), tok_context=_tokens(context), tok_target=_tokens(text)))
        yield doc, rows


def build_sqlite(path: Path, docs: int = DOCS) -> Path:
    """The generated corpus at ``path`` (built once: a finished file is reused)."""
    if path.exists():
        return path
    from corpus.sqlite_store import SqliteCorpus

    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(".part")
    for p in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
        p.unlink(missing_ok=True)
    t0 = time.perf_counter()
    c = SqliteCorpus(part)
    for n, (doc, rows) in enumerate(documents(docs=docs)):
        c.ingest(doc, rows)
        if n % 2500 == 0:
            print(f"  generated {n:,} of {docs:,} documents ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    c.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    c.db.execute("PRAGMA journal_mode=DELETE")
    c.close()
    part.rename(path)
    print(f"  corpus built in {time.perf_counter() - t0:.0f} s: {path} ({path.stat().st_size / 1e6:.0f} MB)",
          file=sys.stderr)
    return path


def pick_terms(path: Path) -> dict[str, str]:
    """满意度, the commonest whole word and a rare one (20–200 rows), from the index's vocabulary."""
    import sqlite3

    from corpus.tokens import words

    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        db.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, indicators_fts, row)")
        ranked = db.execute("SELECT term, doc FROM temp.vocab ORDER BY doc DESC, term").fetchall()
    finally:
        db.close()
    whole = [(t, n) for t, n in ranked if not t.isascii() and words(t) == [t]]
    common = whole[0][0]
    rare = min(((t, n) for t, n in whole if 20 <= n <= 200 and len(t) > 1), key=lambda tn: (tn[1], tn[0]))[0]
    return {"满意度": "满意度", "commonest": common, "rare": rare}


CHILD = r"""
import json, sys, time
root, db, repeat, stats_repeat, budget = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
plan = json.loads(sys.argv[6])
sys.path.insert(0, root)
from corpus.api import find, open_corpus, stats

def run(op, query, filters):
    if op == "connect":  # the floor: the bare driver's connection and one round trip
        if db.startswith(("postgresql://", "postgres://")):
            import psycopg
            conn = psycopg.connect(db, autocommit=True)
        else:
            import sqlite3
            conn = sqlite3.connect(db)
        try:
            return conn.execute("SELECT 1").fetchone()[0]
        finally:
            conn.close()
    c = open_corpus(db)
    try:
        if op == "open":
            return 0
        if op == "search":
            return len(find(c, query, filters, 20))
        return stats(c, query, filters).count
    finally:
        c.close()

out = []
for op, query, filters in plan:
    n = stats_repeat if op == "stats" else repeat
    got = run(op, query, filters)                     # untimed: jieba loaded, pages cached
    times = []
    while len(times) < n and (not times or sum(times) < budget * 1000):
        t = time.perf_counter()
        run(op, query, filters)
        times.append((time.perf_counter() - t) * 1000)
    out.append({"op": op, "query": query, "filters": filters, "result": got, "ms": times})
print(json.dumps(out, ensure_ascii=False))
"""


# Rows timed before the queries: what opening costs, and the floor under it.
FLOOR = {"connect": "bare driver: connect, `SELECT 1`, close", "open": "`open_corpus` + `close`"}


def _pct(xs: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least p % of the samples at or below it."""
    s = sorted(xs)
    return s[max(0, -(-len(s) * p // 100) - 1)] if s else float("nan")


def measure(db: str, plan: list, repeat: int, stats_repeat: int, budget: float, root: Path) -> list[dict]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(root), db, str(repeat), str(stats_repeat), str(budget),
                          json.dumps(plan, ensure_ascii=False)], capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def whole_command(op: str, query: str, db: str, root: Path, repeat: int) -> list[float]:
    """Wall milliseconds of ``jixiao <op> <query> --db <db> --json`` as a new process, ``repeat`` times."""
    # python -m puts the working directory first on sys.path: run in ``root`` so that its corpus is used
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(ROOT)])}
    cmd = [sys.executable, "-m", "jixiao", op, query, "--db", db, "--json"]
    subprocess.run(cmd, capture_output=True, env=env, cwd=root, check=True)  # untimed: files in the page cache
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, cwd=root, check=True)
        out.append((time.perf_counter() - t) * 1000)
    return out


def matches(path: Path, term: str) -> int:
    import sqlite3

    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("SELECT count(*) FROM indicators_fts WHERE indicators_fts MATCH ?",
                          ('"' + term + '"',)).fetchone()[0]
    finally:
        db.close()


def build_pg(sqlite_path: Path):
    """A throw-away PostgreSQL server holding the same rows (copied from the SQLite file)."""
    import sqlite3

    from corpus.aggregate import COMBO
    from corpus.postgres_store import IND_COLUMNS, PostgresCorpus
    from corpus.sqlite_store import SqliteCorpus
    from tests.corpus import pg_server

    reason = pg_server.missing_reason()
    if reason:
        raise SystemExit(f"--pg: {reason}")
    SqliteCorpus(sqlite_path).close()  # a file built before the side structures gets them (once)
    server = pg_server.start()
    t0 = time.perf_counter()
    c = PostgresCorpus(server.url)
    src = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    doc_cols = ["id", "sha256", "file", "key", "kind", "title", "project", "year", "region", "organisation",
                "department"]
    ind_cols = ["id", "doc_id", *IND_COLUMNS]
    quoted = ", ".join('"row"' if x == "row" else x for x in ind_cols)
    # the combination ids SQLite gave at ingest (``corpus.aggregate.combo_key``), copied with the
    # rows: filling them on the server row by row would rewrite every row and its index entries
    combo_cols = ["id", "key", *COMBO]
    with c.db.cursor() as cur:
        # the side index's triggers skipped while copying (one statement of a million rows); built after
        cur.execute("SET session_replication_role = replica")
        with cur.copy(f"COPY documents ({', '.join(doc_cols)}) FROM STDIN") as cp:
            for r in src.execute(f"SELECT {', '.join(doc_cols)} FROM documents ORDER BY id"):
                cp.write_row(r)
        with cur.copy(f"COPY combos ({', '.join(combo_cols)}) FROM STDIN") as cp:
            for r in src.execute(f"SELECT {', '.join(combo_cols)} FROM combos ORDER BY id"):
                cp.write_row(r)
        with cur.copy(f"COPY indicators ({quoted}, combo) FROM STDIN") as cp:
            for r in src.execute(f"SELECT {', '.join('i.' + x for x in ind_cols)}, k.combo FROM indicators i"
                                 " JOIN indicator_keys k ON k.id = i.id ORDER BY i.id"):
                cp.write_row(r)
        cur.execute("SELECT setval('combos_id_seq', (SELECT max(id) FROM combos))")
        cur.execute("SELECT setval('documents_id_seq', (SELECT max(id) FROM documents))")
        cur.execute("SELECT setval('indicators_id_seq', (SELECT max(id) FROM indicators))")
        cur.execute("SET session_replication_role = DEFAULT")
        cur.execute("VACUUM ANALYZE")
        t1 = time.perf_counter()
        cur.execute("SELECT rank_rebuild()")  # corpus.postgres_rank
        cur.execute("VACUUM ANALYZE")
    src.close()
    c.close()
    print(f"  PostgreSQL loaded in {t1 - t0:.0f} s, side index built in {time.perf_counter() - t1:.0f} s",
          file=sys.stderr)
    return server


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=30, help="timed searches per query (default 30)")
    ap.add_argument("--stats-repeat", type=int, default=None, help="timed stats per query (default: --repeat)")
    ap.add_argument("--budget", type=float, default=60.0,
                    help="stop repeating a query once its timed runs add up to this many seconds (default 60)")
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout whose corpus package is timed")
    ap.add_argument("--pg", action="store_true", help="also time the PostgreSQL backend on the same rows")
    ap.add_argument("--keep-pg", action="store_true", help="with --pg: leave the server running (its URL is printed)")
    ap.add_argument("--pg-url", help="time the PostgreSQL backend on this server, which already holds the rows"
                                     " (e.g. one left by --keep-pg)")
    ap.add_argument("--cli-repeat", type=int, default=5, help="timed whole `jixiao` commands (default 5)")
    ap.add_argument("--build-only", action="store_true", help="generate the corpus (if not cached) and stop")
    ap.add_argument("--docs", type=int, default=DOCS, help=argparse.SUPPRESS)
    args = ap.parse_args()
    stats_repeat = args.stats_repeat or args.repeat
    path = CACHE / f"corpus-{args.docs}x{PER_DOC}-v{GENERATOR_VERSION}.sqlite"
    build_sqlite(path, args.docs)
    if args.build_only:
        print(path)
        return 0
    terms = pick_terms(path)
    plan = [["connect", "", {}], ["open", "", {}]]
    for term in terms.values():
        plan += [["search", term, {}], ["stats", term, {}]]
    plan += [["search", "满意度", {"year": 2023}], ["search", "满意度", {"unit": "%"}],
             ["stats", "满意度", {"year": 2023}]]
    backends = [("sqlite", str(path))]
    server = build_pg(path) if args.pg and not args.pg_url else None
    if server:
        backends.append(("postgres", server.url))
    elif args.pg_url:
        backends.append(("postgres", args.pg_url))
    load = os.getloadavg()
    print(f"\n{args.docs * PER_DOC:,} indicators, {args.docs:,} documents; corpus {args.root}; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the start, {os.cpu_count()} CPUs\n")
    print("| backend | command | query | rows matching | result | runs | p50 ms | p95 ms | max ms |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    try:
        for backend, db in backends:
            for r in measure(db, plan, args.repeat, stats_repeat, args.budget, args.root):
                flt = "".join(f" --{k} {v}" for k, v in r["filters"].items())
                if r["op"] in FLOOR:
                    print(f"| {backend} | {FLOOR[r['op']]} | — | — | — | {len(r['ms'])} | {statistics.median(r['ms']):.1f}"
                          f" | {_pct(r['ms'], 95):.1f} | {max(r['ms']):.1f} |", flush=True)
                    continue
                print(f"| {backend} | {r['op']} | {r['query']}{flt} | {matches(path, r['query']):,} | {r['result']:,} "
                      f"| {len(r['ms'])} | {statistics.median(r['ms']):.1f} | {_pct(r['ms'], 95):.1f} "
                      f"| {max(r['ms']):.1f} |", flush=True)
            for op in ("search", "stats"):  # the whole command, start-up included, for scale
                ms = whole_command(op, "满意度", db, args.root, args.cli_repeat)
                print(f"| {backend} | `jixiao {op}` (whole command) | 满意度 | {matches(path, '满意度'):,} | — "
                      f"| {len(ms)} | {statistics.median(ms):.1f} | {_pct(ms, 95):.1f} | {max(ms):.1f} |", flush=True)
    finally:
        if server and args.keep_pg:
            print(f"\nPostgreSQL server kept: --pg-url {server.url} (data in {server.root}; stop it with"
                  f" {' '.join(server.run_as)} {server.bindir / 'pg_ctl'} -D {server.data} -m fast stop)")
        elif server:
            server.stop()
    load = os.getloadavg()
    print(f"\nload average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end; terms: "
          + ", ".join(f"{k} = {v}" for k, v in terms.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
