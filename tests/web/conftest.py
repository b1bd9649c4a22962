"""Shared fixtures for the web app: an app on a temporary data dir with the sample processed once.

Processing the 27-page sample takes seconds, so one module-scoped app holds it and the
tests read its results; tests that need other limits build their own small app.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("pypdfium2")
pytest.importorskip("multipart")

from starlette.testclient import TestClient  # noqa: E402

from jixiao.web import Settings, create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "eval_report_2022_xinfang.pdf"
JSON = {"Accept": "application/json"}
BASE = "http://127.0.0.1:8000"  # the address ``jixiao serve`` answers on; the guard refuses other Hosts

HOSTILE_MD = """# 2023年<script>alert(1)</script>项目绩效自评表

| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |
| --- | --- | --- | --- | --- |
| 产出指标 | 数量指标 | <script>alert(1)</script>培训人次 | 5 | 8 |
| 产出指标 | 质量指标 | 合格率<img src=x onerror=alert(2)> | 5 | 5 |
| 合计 | | | 10 | 12 |
"""


def token(client: TestClient) -> str:
    """The session's form token, as the start page gives it to its script (and sets the cookie)."""
    page = client.get("/")
    assert page.status_code == 200, page.text
    return re.search(r'<meta name="csrf-token" content="([0-9a-f]+)">', page.text).group(1)


def same_origin(client: TestClient) -> dict[str, str]:
    """Headers the app's own page sends with an upload: its Origin and the session token."""
    return {**JSON, "Origin": str(client.base_url).rstrip("/"), "X-CSRF-Token": token(client)}


def upload(client: TestClient, name: str, data: bytes, **kw):
    return client.post("/upload", files=[("files", (name, data, "application/octet-stream"))],
                       headers=same_origin(client), **kw)


def processed(client: TestClient, name: str, data: bytes) -> str:
    """Upload one file, wait for its job, return the job id."""
    r = upload(client, name, data)
    assert r.status_code == 200, r.text
    job_id = r.json()["jobs"][0]["id"]
    client.app.state.runner.wait(job_id, timeout=300)
    return job_id


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(client, job id of the sample, job id of the hostile markdown) on one app."""
    if not SAMPLE.exists():
        pytest.fail("sample eval_report_2022_xinfang.pdf not built")
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("web-data")))
    with TestClient(app, base_url=BASE) as client:
        sample_id = processed(client, "2022年信访办维稳专项绩效评价报告.pdf", SAMPLE.read_bytes())
        hostile_id = processed(client, "<img src=x onerror=alert('name')>.md", HOSTILE_MD.encode())
        yield client, sample_id, hostile_id


@pytest.fixture
def small_app(tmp_path):
    """An app with tight limits, for the refusal paths."""
    def make(**limits) -> TestClient:
        return TestClient(create_app(Settings(data_dir=tmp_path / "data", **limits)), base_url=BASE)
    return make
