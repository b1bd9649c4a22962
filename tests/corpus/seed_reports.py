"""Contract Reports as the recogniser emits them, typed from the seeds' indicator tables.

Built by hand so that the corpus tests do not depend on the extractor; the end-to-end
tests index the real samples as well.
"""

from __future__ import annotations

from extractor.contract import DocumentMeta, Indicator, Project, Report, Source, SourceRef, Value

# (level1, level2, name, target text, op, value, unit, actual text, actual value, weight, score)
SONGJIANG_2022_SELF = [
    ("产出指标", "数量指标", "信访课题研究完成率", "=100%", "=", 100, "%", "100%", 100, 20, 20),
    ("产出指标", "质量指标", "课题研究疑难问题化解率", ">=85%", ">=", 85, "%", "100%", 100, 10, 10),
    ("产出指标", "时效指标", "课题研究开展及时性", "=100%", "=", 100, "%", "100%", 100, 10, 10),
    ("产出指标", "成本指标", "成本控制", "良好", "qualitative", None, None, "良好", None, 10, 10),
    ("效益指标", "社会效益指标", "社会面防控影响力", "提高", "increase", None, None, "提高", None, 10, 10),
    ("满意度指标", "服务对象满意度指标", "群众信访满意度", "提高", "increase", None, None, "提高", None, 5, 5),
    ("满意度指标", "服务对象满意度指标", "受益对象满意度", ">=80%", ">=", 80, "%", "90", 90, 5, 5),
    ("产出指标", "时效指标", "宣传活动开展及时率", ">=95%", ">=", 95, "%", "98", 98, 6, 5),
    ("满意度指标", "服务对象满意度指标", "群众满意度", ">=85%", ">=", 85, "%", "90", 90, 10, 10),
]

MINHANG_2022_EVAL = [
    ("产出指标", "数量指标", "初次信访事项办结率", "=100%", "=", 100, "%", "100%", 100, None, None),
    ("产出指标", "数量指标", "帮困慰问送温暖人数", "=120 人", "=", 120, "人", "54 人", 54, None, None),
    ("产出指标", "质量指标", "重信重访率", "<30%", "<", 30, "%", "<30%", 30, None, None),
    ("产出指标", "时效指标", "信访事项办结及时性", "=15 天内", "<=", 15, "天", "=15 天内", 15, None, None),
    ("效益指标", "社会效益指标", "重复上访率", "下降", "decrease", None, None, "下降", None, None, None),
    ("满意度指标", "服务对象满意度指标", "信访市民对信访办满意度", ">90%", ">", 90, "%", ">90%", 90, None, None),
    ("满意度指标", "服务对象满意度指标", "居民群众满意度", ">=95%", ">=", 95, "%", "84%", 84, 8, 6.4),
]


def _value(text, op, value, unit):
    return Value(text=text, op=op, value=None if value is None else float(value), unit=unit)


def _printed_op(text: str) -> str | None:
    for sign, op in ((">=", ">="), ("<=", "<="), (">", ">"), ("<", "<"), ("=", "=")):
        if text.startswith(sign):
            return op
    return None


def make_report(file: str, sha: str, rows, *, kind: str, project: str, year: int, region: str) -> Report:
    inds = [Indicator(level1=l1, level2=l2, name=name, target=_value(tt, op, v, unit),
                      actual=_value(at, _printed_op(at), av, unit), weight=w, score=s,
                      source=SourceRef(page=3, table="p3-t1", row=i + 1))
            for i, (l1, l2, name, tt, op, v, unit, at, av, w, s) in enumerate(rows)]
    return Report(source=Source(file=file, sha256=sha, format="pdf", pages=5),
                  document=DocumentMeta(kind=kind, title=f"{year}年{project}", project=project, year=year,
                                        region=region, organisation="信访办公室"),
                  projects=[Project(name=project, indicators=inds)])


def seed_reports() -> list[Report]:
    return [
        make_report("songjiang_self_2022.pdf", "a" * 64, SONGJIANG_2022_SELF, kind="self_assessment",
                    project="课题与规划", year=2022, region="上海市松江区"),
        make_report("minhang_eval_2022.pdf", "b" * 64, MINHANG_2022_EVAL, kind="evaluation_report",
                    project="信访办维稳专项", year=2022, region="上海市闵行区"),
    ]
