"""A strict rate's 指标值 above 100 % (鄂州 2022 目标表: 验收合格率 ``292%``, the ``≥92%`` whose
``≥`` was lost as ``2``) is flagged by rate.bounds as a warning naming that reading; a
growth or completion target above 100 % is a legitimate target and stays silent."""

from __future__ import annotations

from checker import check
from checker.engine import CheckConfig
from extractor.contract import Project, Report, Source
from tests.checker.build import ind


def _bounds(*targets: tuple[str, str]) -> list[tuple[str, str]]:
    inds = [ind(None, "产出指标", "质量指标", name, None, None, (1, "t1", r + 1), target=text)
            for r, (name, text) in enumerate(targets)]
    report = Report(source=Source(file="mubiao.html", sha256="8" * 64, format="html"),
                    projects=[Project(name="办公大楼运行保障", indicators=inds)])
    return [(f.severity, f.message) for f in check(report, CheckConfig(rules=frozenset({"rate.bounds"})))]


def test_pass_rate_target_above_100_percent_is_a_warning_with_the_lost_sign() -> None:
    [(sev, msg)] = _bounds(("经常性大型设备更新验收合格率", "292%"), ("重要设备维修维保验收合格率", "95%"))
    assert sev == "warning"
    assert "292%" in msg and "≥92%" in msg


def test_satisfaction_target_above_100_without_a_leading_2_names_no_sign() -> None:
    [(sev, msg)] = _bounds(("服务对象满意度", "≥150%"),)
    assert sev == "warning" and "误" not in msg


def test_growth_and_completion_targets_above_100_percent_stay_silent() -> None:
    assert _bounds(("收入增长率", "120%"), ("任务完成率", "105%")) == []
