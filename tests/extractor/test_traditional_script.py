"""A document in traditional characters is read as simplified; a simplified one is left alone.

The text is rebuilt from a real 2023 人才驿站 自评报告 (宁德, Fujian) as its site served it in
traditional characters: before, it read as an evaluation report with nothing in it.
"""

from __future__ import annotations

from pathlib import Path

import checker
import patterns
from extractor import read
from extractor.script import is_traditional

TRADITIONAL = """2023年度人才驛站建設項目績效自評報告
一、項目基本情況
本項目累計安排資金10萬元，實際支出10萬元，預算執行率為100%。
二、項目績效目標完成情況
當年人才驛站組織活動數量，績效目標值是28次，實際完成值為40次，目標完成率為134%。
每年人才驛站服務人次，績效目標值是500人次，實際完成值為1700人次。
三、自評結論
經綜合評價，本項目總得分90分，評價等級為「優」。
"""

SIMPLIFIED_WITH_QUOTES = """2023年度对台交流项目绩效自评报告
本项目邀请臺灣（台湾）青年代表团及香港特別行政區代表来访，预算资金20万元，实际支出19万元，预算执行率为95%。
项目总得分92分，评价等级为优。
"""

HTML_TABLE = """<html><body><h1>項目支出績效自評表</h1>
<table>
<tr><td>一級指標</td><td>二級指標</td><td>三級指標</td><td>年度指標值</td><td>實際完成值</td><td>分值</td><td>得分</td></tr>
<tr><td>產出指標</td><td>數量指標</td><td>組織活動數量</td><td>≥28次</td><td>40次</td><td>20</td><td>20</td></tr>
<tr><td>產出指標</td><td>質量指標</td><td>政策知曉率</td><td>≥95%</td><td>98%</td><td>20</td><td>20</td></tr>
<tr><td>滿意度指標</td><td>服務對象滿意度指標</td><td>人才滿意度</td><td>≥90%</td><td>96%</td><td>10</td><td>12</td></tr>
</table></body></html>
"""


def test_traditional_report_is_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "ningde_trad.txt"
    path.write_text(TRADITIONAL, encoding="utf-8")
    doc = read(path)
    assert doc.blocks[0].text == "2023年度人才驿站建设项目绩效自评报告"
    assert any("traditional characters" in w for w in doc.warnings)
    report = patterns.recognise(doc)
    assert report.document.kind == "self_assessment"
    found = [f for f in checker.check(report) if f.rule == "statement.completion_rate"]
    assert len(found) == 1 and found[0].severity == "error"
    assert "134%" in found[0].message and "142.86%" in found[0].message


def test_simplified_report_quoting_traditional_names_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "taiwan.txt"
    path.write_text(SIMPLIFIED_WITH_QUOTES, encoding="utf-8")
    doc = read(path)
    assert "臺灣" in doc.text() and "特別行政區" in doc.text()
    assert not any("traditional" in w for w in doc.warnings)


def test_traditional_table_cells_are_converted(tmp_path: Path) -> None:
    path = tmp_path / "form.html"
    path.write_text(HTML_TABLE, encoding="utf-8")
    report = patterns.recognise(read(path))
    names = [i.name for p in report.projects for i in p.indicators]
    assert names == ["组织活动数量", "政策知晓率", "人才满意度"]
    assert any(f.rule == "score.bounds" and "12" in f.message for f in checker.check(report))


def test_share_decides_not_single_characters() -> None:
    assert not is_traditional("本报告所称资金为财政资金。" * 20 + "為")
    assert is_traditional("項目預算資金為100萬元，實際支出95萬元，預算執行率為95%，績效評價等級為優。")
