"""checker/rules/final_accounts.py on the real 上海市普陀区财政局 2024 部门决算: its tables
(hand-copied, as printed) and its 情况说明 (read by patterns.juesuan), as printed and with the
slips a peer checker's authors planted (``…_seeded_errors.pdf``) or a mutation."""

from __future__ import annotations

from checker import check
from checker.engine import CheckConfig
from extractor.contract import DocumentMeta, Report, Source
from extractor.document import Block
from patterns.juesuan import juesuan_claims
from patterns.table_roles import annotate
from tests.checker.build import table
from tests.conftest import validate_report
from tests.patterns.test_juesuan import ORIGINAL, SEEDED
from tests.patterns.test_table_roles import GONGGONG, JIBEN, SHOUZHI, blank_template

RULES = frozenset({
    "juesuan.identity_totals", "juesuan.identity_basic", "juesuan.identity_sangong",
    "juesuan.statement_table", "juesuan.completion", "statement.words",
})

# 财政拨款收入支出决算总表 (p12-13), the 政府性基金 / 国有资本经营 columns left out
CAIZHENG = """
收入||支出||
项目|决算数|项目|合计|一般公共预算财政拨款
一、一般公共预算财政拨款|2,940.05|一、一般公共服务支出|2,106.66|2,106.66
二、政府性基金预算财政拨款||二、外交支出||
三、国有资本经营预算财政拨款||三、国防支出||
||八、社会保障和就业支出|326.71|326.71
||九、卫生健康支出|60.99|60.99
||十九、住房保障支出|445.69|445.69
本年收入合计|2,940.05|本年支出合计|2,940.05|2,940.05
年初财政拨款结转和结余|21.63|年末财政拨款结转和结余|21.63|21.63
一、一般公共预算财政拨款|21.63||||
二、政府性基金预算财政拨款|||||
三、国有资本经营预算财政拨款|||||
总计|2,961.68|总计|2,961.68|2,961.68
"""

# 财政拨款“三公”经费支出决算表 (p18): one row, 预算数 and 决算数 under each heading
SANGONG = """
财政拨款“三公”经费||||||||||||
合计||因公出国（境）费||公务用车购置及运行费||||||公务接待费|
||||小计||公务用车购置费||公务用车运行费||||
预算数|决算数|预算数|决算数|预算数|决算数|预算数|决算数|预算数|决算数|预算数|决算数
0.95||||||||||0.95|
"""
SANGONG_SPANS = [[0, 0, 1, 12], [1, 0, 2, 2], [1, 2, 2, 2], [1, 4, 1, 6], [1, 10, 2, 2], [2, 4, 1, 2], [2, 6, 1, 2], [2, 8, 1, 2]]

TABLES = (
    ("p6-t1", [7], "收入支出决算总表", SHOUZHI, ()),
    ("p12-t1", [13], "财政拨款收入支出决算总表", CAIZHENG, ()),
    ("p15-t1", [15], "一般公共预算财政拨款支出决算表", GONGGONG, ()),
    ("p16-t1", [17], "一般公共预算财政拨款基本支出决算表", JIBEN, ()),
    ("p18-t1", [18], "财政拨款“三公”经费支出决算表", SANGONG, SANGONG_SPANS),
)


def _report(blocks=ORIGINAL, edit: dict[str, tuple[str, str]] | None = None, template: bool = False) -> Report:
    tables = []
    for tid, pages, caption, text, spans in TABLES:
        if edit and tid in edit:
            old, new = edit[tid]
            assert old in text, old
            text = text.replace(old, new)
        if template:
            text = blank_template(text)
        tables.append(annotate(table(tid, pages, caption, text, unit="万元", spans=spans)))
    claims = juesuan_claims([Block(text=t, page=p) for p, t in blocks])
    return Report(source=Source(file="juesuan.pdf", sha256="7" * 64, format="pdf"),
                  document=DocumentMeta(kind="budget", year=2024), tables=tables, claims=claims)


def _found(report: Report, rules=RULES):
    return check(report, CheckConfig(rules=frozenset(rules)))


def _errors(report: Report, rules=RULES) -> set[tuple[str, float | None, float | None]]:
    return {(f.rule, f.expected, f.actual) for f in _found(report, rules) if f.severity == "error"}


def _replace(blocks, old: str, new: str):
    out = [(p, t.replace(old, new)) for p, t in blocks]
    assert out != list(blocks), old
    return out


# ---------------------------------------------------------------- the real document


def test_real_final_accounts_report_only_the_original_slip() -> None:
    """The original prints 财政拨款收入支出总计 0.3 万元 (p21) for the 2,961.68 of its p13 总表;
    every other figure of the 说明 and every identity of the tables holds."""
    report = _report()
    found = _found(report)
    assert [(f.rule, f.severity, f.expected, f.actual) for f in found] == [
        ("juesuan.statement_table", "error", 29616800.0, 3000.0)
    ]
    f = found[0]
    assert f.message.startswith("第21页说明称财政拨款收入支出总计0.3万元，第13页财政拨款收入支出决算总表“总计”为2,961.68万元")
    assert {(x.page, x.table) for x in f.locations} == {(21, None), (13, "p12-t1")}
    validate_report(report.to_json())


def test_seeded_total_of_zero_names_both_places() -> None:
    found = [f for f in _found(_report(SEEDED)) if f.rule == "juesuan.statement_table"]
    assert [(f.severity, f.expected, f.actual) for f in found] == [("error", 29953900.0, 0.0)]
    assert found[0].message.startswith("第18页说明称收入支出总计0万元，第7页收入支出决算总表“总计”为2,995.39万元")


def test_blank_template_is_silent() -> None:
    assert _found(_report([], template=True)) == []


# ---------------------------------------------------------------- statement.words


def test_comparison_word_against_the_two_amounts() -> None:
    found = [f for f in _found(_report(SEEDED)) if f.rule == "statement.words"]
    assert [(f.severity, f.expected, f.actual) for f in found] == [("error", 15600500.0, 15118900.0)]
    assert "决算数小于预算数（少 48.16万元），文中却称“决算数大于预算数”" in found[0].message
    assert "第1项“一般公共服务支出（类）财政事务（款）行政运行（项）”" in found[0].message
    assert {(x.page, x.table, x.row) for x in found[0].locations} == {(19, None, None), (15, "p15-t1", 6)}


def test_dengyu_between_different_amounts_is_an_error_and_chiping_a_warning() -> None:
    # item 9 (行政单位医疗), whose figures the PDF printed on a line of their own
    dengyu = _replace(ORIGINAL, "算数小于预算数的主要原因：预算按周全保障测算", "算数等于预算数的主要原因：预算按周全保障测算")
    assert ("statement.words", 622900.0, 609900.0) in _errors(_report(dengyu))
    chiping = _replace(ORIGINAL, "年初预算为10.00万元，支出决算为10.00万元。决算数与预算数基本持平", "年初预算为12.00万元，支出决算为10.00万元。决算数与预算数持平")
    words = [f for f in _found(_report(chiping)) if f.rule == "statement.words"]
    assert [(f.severity, f.expected, f.actual) for f in words] == [("warning", 120000.0, 100000.0)]


def test_words_that_agree_are_silent() -> None:
    # 小于 with 1,560.05 > 1,511.89; 基本持平 with 10.00 = 10.00; 三公 0.00 小于 0.95
    assert not [f for f in _found(_report()) if f.rule == "statement.words"]
    close = _replace(ORIGINAL, "年初预算为10.00万元，支出决算为10.00万元", "年初预算为10.00万元，支出决算为9.98万元")
    assert not [f for f in _found(_report(close)) if f.rule == "statement.words"]  # 基本持平 within 5 %


# ---------------------------------------------------------------- juesuan.statement_table


def test_item_amount_against_its_row_by_names() -> None:
    slipped = _replace(ORIGINAL, "年初预算为1560.05万元，支出决算为1511.89万元", "年初预算为1560.05万元，支出决算为1521.89万元")
    found = [f for f in _found(_report(slipped)) if f.rule == "juesuan.statement_table" and f.actual == 15218900.0]
    assert [(f.severity, f.expected) for f in found] == [("error", 15118900.0)]
    assert "一般公共预算财政拨款支出决算表“行政运行”行合计为1,511.89万元" in found[0].message
    assert (15, "p15-t1", 6) in {(x.page, x.table, x.row) for x in found[0].locations}


def test_income_parts_sum_the_rows_they_name_and_rounded_figures_are_silent() -> None:
    # 财政拨款收入 = 一般公共预算 2,940.05 + 政府性基金 (blank) + 国有资本经营 (blank); 6.2 stands for 6.20
    assert not [f for f in _found(_report()) if f.rule == "juesuan.statement_table" and f.actual != 3000.0]
    slipped = _replace(ORIGINAL, "其他收入6.2万元", "其他收入6.5万元")
    assert ("juesuan.statement_table", 62000.0, 65000.0) in _errors(_report(slipped))


def test_a_blank_cell_the_statement_quotes_is_a_warning() -> None:
    edited = {"p18-t1": ("0.95||||||||||0.95|", "0.95||||||||||0.95|")}
    said = _replace(ORIGINAL, "公务接待费支出决算为0.00万元", "公务接待费支出决算为0.50万元")
    found = [f for f in _found(_report(said, edited)) if f.rule == "juesuan.statement_table" and f.actual == 5000.0]
    assert [f.severity for f in found] == ["warning"]
    assert "未填金额" in found[0].message


# ---------------------------------------------------------------- identities


def test_the_two_totals_of_a_total_table_must_be_equal() -> None:
    report = _report(edit={"p12-t1": ("总计|2,961.68|总计|2,961.68|2,961.68", "总计|2,961.78|总计|2,961.68|2,961.68")})
    found = [f for f in _found(report) if f.rule == "juesuan.identity_totals"]
    assert [(f.severity, f.expected, f.actual) for f in found] == [("error", 29617800.0, 29616800.0)]
    assert "收入方“总计”为 2,961.78万元，第13页支出方“总计”为 2,961.68万元" in found[0].message


def test_total_composition_is_reported_once() -> None:
    """总计 = 本年支出合计 + 结余分配 + 年末结转和结余: sum.rows adds up these very rows, so the
    identity rule does not say it a second time."""
    report = _report(edit={"p6-t1": ("年末结转和结余|55.34", "年末结转和结余|55.44")})
    found = [f for f in _found(report, RULES | {"sum.rows"}) if f.severity == "error" and f.rule != "juesuan.statement_table"]
    assert [(f.rule, f.expected, f.actual) for f in found] == [("sum.rows", 2995.49, 2995.39)]


def test_basic_spending_is_personnel_plus_public_funds() -> None:
    report = _report(edit={"p16-t1": ("人员经费合计|||2,152.26", "人员经费合计|||2,152.36")})
    found = [f for f in _found(report) if f.rule == "juesuan.identity_basic"]
    assert [(f.severity, f.expected, f.actual) for f in found] == [("error", 23370100.0, 23369100.0)]
    assert "一般公共预算财政拨款支出决算表“合计”行基本支出为 2,336.91万元" in found[0].message
    assert "第17页人员经费合计 2,152.36万元 + 第17页公用经费合计 184.65万元 = 2,337.01万元" in found[0].message


def test_basic_spending_in_the_statement_adds_up() -> None:
    slipped = _replace(ORIGINAL, "公用经费184.65万元", "公用经费194.65万元")
    assert ("juesuan.identity_basic", 23469100.0, 23369100.0) in _errors(_report(slipped))


def test_three_public_funds_total_against_its_parts() -> None:
    printed = {"p18-t1": ("0.95||||||||||0.95|", "1.20|1.10|0.20|0.10|0.05|0.05|0.05|||0.05|0.95|0.95")}
    assert not [f for f in _found(_report(edit=printed)) if f.rule == "juesuan.identity_sangong"]
    wrong = {"p18-t1": ("0.95||||||||||0.95|", "1.20|1.10|0.20|0.10|0.05|0.05|0.05|||0.05|0.95|0.85")}
    found = [f for f in _found(_report(edit=wrong)) if f.rule == "juesuan.identity_sangong"]
    assert [(f.severity, f.expected, f.actual) for f in found] == [("error", 10000.0, 11000.0)]
    assert "决算数：“合计”印为 1.10万元" in found[0].message
    car = {"p18-t1": ("0.95||||||||||0.95|", "1.20|1.10|0.20|0.10|0.05|0.05|0.01|0.02|0.01|0.03|0.95|0.95")}
    found = [f for f in _found(_report(edit=car)) if f.rule == "juesuan.identity_sangong"]
    assert [(f.severity, f.expected, f.actual) for f in found] == [("error", 200.0, 500.0)]  # 预算数 0.01 + 0.01
    assert "“公务用车购置及运行费”印为 0.05万元" in found[0].message


def test_three_public_funds_with_blank_parts_is_a_warning() -> None:
    # the real table: 合计 0.95 = 公务接待费 0.95, the others blank → silent
    assert not [f for f in _found(_report()) if f.rule == "juesuan.identity_sangong"]
    found = [f for f in _found(_report(edit={"p18-t1": ("0.95||||||||||0.95|", "1.95||||||||||0.95|")})) if f.rule == "juesuan.identity_sangong"]
    assert [(f.severity, f.expected, f.actual) for f in found] == [("warning", 9500.0, 19500.0)]
    assert "未填，按 0 计，或为漏填" in found[0].message


# ---------------------------------------------------------------- juesuan.completion


def test_completion_rate_recomputed() -> None:
    assert not [f for f in _found(_report()) if f.rule == "juesuan.completion"]  # 2,940.05 ÷ 2,993.92 = 98.2007 %
    slipped = _replace(ORIGINAL, "完成年初预算的98.20%", "完成年初预算的98.30%")
    found = [f for f in _found(_report(slipped)) if f.rule == "juesuan.completion"]
    assert [(f.severity, f.actual) for f in found] == [("error", 98.3)]
    assert "支出决算 2940.05万元 ÷ 年初预算 2993.92万元 = 98.2007%" in found[0].message


def test_completion_of_a_zero_budget_is_named_not_divided() -> None:
    zero = _replace(ORIGINAL, "年初预算为0.95万元，支出决算为0.00万元，完成预算的0%", "年初预算为0.00万元，支出决算为0.30万元，完成预算的100%")
    found = [f for f in _found(_report(zero)) if f.rule == "juesuan.completion"]
    assert [(f.severity, f.actual) for f in found] == [("warning", 100.0)]
    assert "完成率无从计算" in found[0].message


# 一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表 (the Shaanxi county layout): 合计 over all five
MEETINGS = """
合计||因公出国（境）费||公务用车购置及运行费||||||公务接待费||会议费||培训费|
||||小计||公务用车购置费||公务用车运行费||||||||
预算数|决算数|预算数|决算数|预算数|决算数|预算数|决算数|预算数|决算数|预算数|决算数|预算数|决算数|预算数|决算数
12.00|11.50|0|0|6.00|5.50|0|0|6.00|5.50|2.00|2.00|3.00|3.00|1.00|1.00
"""
MEETINGS_SPANS = [[0, 0, 2, 2], [0, 2, 2, 2], [0, 4, 1, 6], [0, 10, 2, 2], [0, 12, 2, 2], [0, 14, 2, 2], [1, 4, 1, 2], [1, 6, 1, 2], [1, 8, 1, 2]]


def _meetings(text: str) -> Report:
    t = annotate(table("p20-t1", [20], "一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表", text, unit="万元", spans=MEETINGS_SPANS))
    return Report(source=Source(file="juesuan.pdf", sha256="7" * 64, format="pdf"),
                  document=DocumentMeta(kind="budget", year=2020), tables=[t])


def test_three_public_funds_total_that_includes_meetings_and_training_is_silent() -> None:
    assert not [f for f in _found(_meetings(MEETINGS)) if f.rule == "juesuan.identity_sangong"]
    # a 合计 of the three alone is as right
    three = MEETINGS.replace("12.00|11.50|", "8.00|7.50|")
    assert not [f for f in _found(_meetings(three)) if f.rule == "juesuan.identity_sangong"]
    # neither reading adds up: the three-kind sum is reported
    wrong = MEETINGS.replace("12.00|11.50|", "12.00|12.50|")
    found = [f for f in _found(_meetings(wrong)) if f.rule == "juesuan.identity_sangong"]
    assert [(f.severity, f.expected, f.actual) for f in found] == [("error", 75000.0, 125000.0)]


def test_a_total_table_captioned_shouzhi_is_still_a_final_accounts_one() -> None:
    """A 决算 总表 captioned 财政拨款收支决算总表 (收支…总表, as a 预算's) is checked here: its
    ``stage`` says 决算, and ``statement.totals`` reads only a 预算's 收支总表 (before, the
    caption's words sent it to neither rule)."""
    report = _report(edit={"p12-t1": ("总计|2,961.68|总计|2,961.68|2,961.68", "总计|2,961.78|总计|2,961.68|2,961.68")})
    report.tables[1] = report.tables[1].model_copy(update={"caption": "财政拨款收支决算总表"})
    assert report.tables[1].identity == "财政拨款收支总表" and report.tables[1].stage == "决算"
    found = [f for f in _found(report, RULES | {"statement.totals"}) if f.rule in ("juesuan.identity_totals", "statement.totals")]
    assert [(f.rule, f.expected, f.actual) for f in found] == [("juesuan.identity_totals", 29617800.0, 29616800.0)]


# a county unit's 三公 决算 page (Anhui layout): ``支出预算为…``, not ``年初预算为…``, and each kind's own
# numbered sentence; as printed it says 完成预算的43% for 1.71 ÷ 3 (the 43 % is the fall on last year)
COUNTY_SANGONG = [
    (1, "（一）一般公共预算财政拨款“三公”经费支出决算总体情况说明。"),
    (1, "某县文物保护中心2023年度一般公共预算财政拨款“三公”经费支出预算为3万元，支出决算为1.71万元，完成预算的43%，"
        "较上年减少1.29万元，下降43%。决算数小于预算数的主要原因是公务接待减少。"),
    (1, "（二）一般公共预算财政拨款“三公”经费支出决算具体情况说明。"),
    (1, "1.公务接待费预算为1.00万元，支出决算为0.53万元，完成预算的47%；较上年减少0.47万元，下降47%。"),
    (1, "2.公务用车购置及运行维护费预算为2.00万元，支出决算为1.18万元，完成预算的59%；较上年减少0.82万元，下降41%。"),
]


def _county(blocks) -> Report:
    return Report(source=Source(file="sangong.html", sha256="8" * 64, format="html"), document=DocumentMeta(kind="budget", year=2023),
                  claims=juesuan_claims([Block(text=t, page=p) for p, t in blocks]))


def test_completion_of_the_budget_a_county_page_calls_zhichu_yusuan() -> None:
    found = [f for f in _found(_county(COUNTY_SANGONG), RULES | {"statement.restated"}) if f.severity != "info"]
    assert [(f.rule, f.severity, round(f.expected, 2), f.actual) for f in found] == [
        ("juesuan.completion", "error", 57.0, 43.0),  # 1.71 ÷ 3
        ("juesuan.completion", "error", 53.0, 47.0),  # 公务接待费 0.53 ÷ 1.00: its own sentence
    ]
    assert "“公务接待费”支出决算 0.53万元 ÷ 预算 1.00万元" in found[1].message  # not 年初预算, not “三公” as a whole
    right = _replace(_replace(COUNTY_SANGONG, "完成预算的43%", "完成预算的57%"), "完成预算的47%", "完成预算的53%")
    assert [f for f in _found(_county(right), RULES | {"statement.restated"}) if f.severity != "info"] == []


def test_a_json_written_before_fund_and_stage_is_checked_alike(tmp_path) -> None:
    """A contract JSON of annotated tables but without ``fund`` and ``stage`` (written before
    they were added): the checker has patterns read them from the captions, and the seeded
    决算 gives the same findings as when recognised."""
    import json

    from jixiao.pipeline import load_report_json

    report = _report(SEEDED)
    fresh = [(f.rule, f.severity, f.expected, f.actual) for f in _found(report)]
    data = json.loads(report.to_json())
    for t in data["tables"]:
        del t["fund"], t["stage"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    loaded = load_report_json(path)
    assert [(f.rule, f.severity, f.expected, f.actual) for f in _found(loaded)] == fresh
    assert ("juesuan.statement_table", "error", 29953900.0, 0.0) in fresh
    assert [t.stage for t in loaded.tables] == ["决算"] * 5


def test_a_json_written_before_rows_said_what_they_total_is_checked_alike(tmp_path) -> None:
    """A contract JSON whose rows carry no ``total_of`` (written before it was added): the
    checker has patterns read it from the row labels, so the 总计 / 本年合计 / 人员经费合计 rows
    are found and a 决算 with two slips gives the same findings as when recognised."""
    import json

    from jixiao.pipeline import load_report_json

    report = _report(edit={"p12-t1": ("总计|2,961.68|总计|2,961.68|2,961.68", "总计|2,961.78|总计|2,961.68|2,961.68"),
                           "p16-t1": ("人员经费合计|||2,152.26", "人员经费合计|||2,152.36")})
    fresh = [(f.rule, f.severity, f.expected, f.actual) for f in _found(report)]
    data = json.loads(report.to_json())
    dropped = 0
    for t in data["tables"]:
        for part in t["parts"]:
            for row in part["rows"]:
                dropped += row.pop("total_of", None) is not None
    assert dropped >= 5  # 总计 and 本年合计 on both sides of the 总表, 人员经费合计, 公用经费合计 …
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert [(f.rule, f.severity, f.expected, f.actual) for f in _found(load_report_json(path))] == fresh
    assert ("juesuan.identity_totals", "error", 29617800.0, 29616800.0) in fresh
    assert ("juesuan.identity_basic", "error", 23370100.0, 23369100.0) in fresh
