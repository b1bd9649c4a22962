"""HTTP-level tests of ``jixiao serve``: upload, findings, page images, downloads, corpus, safety."""

from __future__ import annotations

import io
import json
import re

from tests.conftest import validate_report
from tests.web.conftest import JSON, SAMPLE, processed, same_origin, token, upload

ARITHMETIC = ("sum.", "recompute.", "score.total", "budget.execution_rate")


def _report(client, job_id) -> dict:
    r = client.get(f"/reports/{job_id}/report.json")
    assert r.status_code == 200
    return r.json()


def _arithmetic_with_cell(report: dict) -> int:
    """Index of an arithmetic finding that points at a table row."""
    for i, f in enumerate(report["findings"]):
        if f["rule"].startswith(ARITHMETIC) and any(loc.get("table") and loc.get("row") is not None
                                                    for loc in f["locations"]):
            return i
    raise AssertionError(f"no arithmetic finding located in a table: {[f['rule'] for f in report['findings']]}")


def test_start_page_has_upload_form_and_job(served):
    client, sample_id, _ = served
    r = client.get("/")
    assert r.status_code == 200
    assert 'id="file-input"' in r.text and 'type="file"' in r.text and "multiple" in r.text
    assert f'href="/reports/{sample_id}"' in r.text


def test_job_api_reports_progress_and_counts(served):
    client, sample_id, _ = served
    job = client.get(f"/api/jobs/{sample_id}").json()
    assert job["status"] == "done" and job["progress"] == 1.0
    assert job["pages"] == 27 and job["kind"] == "evaluation_report"
    assert sum(job["counts"].values()) >= 1
    listed = client.get("/api/jobs").json()["jobs"]
    assert sample_id in [j["id"] for j in listed]


def test_report_page_groups_findings_by_severity(served):
    client, sample_id, _ = served
    report = _report(client, sample_id)
    html = client.get(f"/reports/{sample_id}").text
    for zh in ("错误", "舍入", "存疑", "提示"):
        assert zh in html
    assert html.count('class="finding') >= len(report["findings"])
    assert report["findings"][0]["rule"] in html


def test_finding_view_highlights_cells_on_page_and_in_table(served):
    client, sample_id, _ = served
    report = _report(client, sample_id)
    i = _arithmetic_with_cell(report)
    r = client.get(f"/reports/{sample_id}/findings/{i}")
    assert r.status_code == 200
    boxes = re.findall(r'class="hl hl-(row|cell)" style="left:([\d.]+)%;top:([\d.]+)%;width:([\d.]+)%;height:([\d.]+)%', r.text)
    assert boxes, r.text[:2000]
    for _, left, top, width, height in boxes:  # inside the page, and cell-sized rather than page-sized
        assert 0 <= float(left) < 100 and 0 <= float(top) < 100
        assert 0 < float(width) <= 100 and 0 < float(height) < 20
    pages = {loc["page"] for loc in report["findings"][i]["locations"] if loc.get("page")}
    for page in pages:
        assert f"/reports/{sample_id}/pages/{page}.png" in r.text
    assert 'class="mark-row"' in r.text  # the same row marked in the extracted table
    # the full page with ?f= renders the same view without script
    assert 'class="hl hl-' in client.get(f"/reports/{sample_id}?f={i}").text


def test_page_image_is_a_cached_png_at_100_dpi(served):
    client, sample_id, _ = served
    from PIL import Image

    r = client.get(f"/reports/{sample_id}/pages/23.png")
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    assert r.content[:8] == b"\x89PNG\r\n\x1a\n"
    w, h = Image.open(io.BytesIO(r.content)).size
    assert (w, h) == (827, 1170)  # A4 at 100 dpi
    assert client.get(f"/reports/{sample_id}/pages/23.png").content == r.content
    assert client.get(f"/reports/{sample_id}/pages/999.png").status_code == 404
    assert client.get(f"/reports/{sample_id}/pages/0.png").status_code == 404


def test_download_json_is_the_contract_with_the_users_file_name(served):
    client, sample_id, _ = served
    r = client.get(f"/reports/{sample_id}/report.json")
    assert "attachment" in r.headers["content-disposition"]
    data = json.loads(r.content)
    validate_report(data)
    assert data["source"]["file"] == "2022年信访办维稳专项绩效评价报告.pdf"
    assert data["source"]["pages"] == 27


def test_download_xlsx_lists_every_finding(served):
    client, sample_id, _ = served
    from openpyxl import load_workbook

    report = _report(client, sample_id)
    r = client.get(f"/reports/{sample_id}/findings.xlsx")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 1 + len(report["findings"])
    assert {row[2] for row in rows[1:]} == {f["rule"] for f in report["findings"]}


def test_download_html_is_self_contained(served):
    client, sample_id, _ = served
    report = _report(client, sample_id)
    r = client.get(f"/reports/{sample_id}/review.html")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    html = r.text
    assert "<style>" in html and "<script" not in html.lower()
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert 'rel="stylesheet"' not in html
    assert report["findings"][0]["message"].split("，")[0][:10] in html


def test_non_document_is_refused_with_a_clear_error(small_app):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200
    with small_app() as client:
        r = upload(client, "report.pdf", png)  # a lying extension changes nothing
        assert r.status_code == 415
        body = r.json()
        assert body["jobs"] == [] and "不支持的文件类型" in body["errors"][0]["message"]
        assert client.get("/api/jobs").json()["jobs"] == []
        # without script: the start page again, with the error shown
        r = client.post("/upload", data={"csrf_token": token(client)}, headers={"Origin": "http://127.0.0.1:8000"},
                        files=[("files", ("x.pdf", png, "application/pdf"))])
        assert r.status_code == 415 and "不支持的文件类型" in r.text and 'id="file-input"' in r.text
        assert upload(client, "empty.pdf", b"").status_code == 415


def test_size_and_page_limits(small_app):
    data = SAMPLE.read_bytes()
    with small_app(max_upload_mb=0.1) as client:
        r = upload(client, "big.pdf", data)
        assert r.status_code == 413 and "MB" in r.json()["errors"][0]["message"]
    with small_app(max_pages=5) as client:
        r = upload(client, "long.pdf", data)
        assert r.status_code == 415 and "27 页" in r.json()["errors"][0]["message"]


def test_stored_under_generated_names_only(small_app, tmp_path):
    with small_app() as client:
        r = upload(client, "../../../../evil/passwd.md", b"# hello\n\n| a | b |\n| - | - |\n| 1 | 2 |\n")
        assert r.status_code == 200
        job = r.json()["jobs"][0]
        client.app.state.runner.wait(job["id"], timeout=300)
        assert job["name"] == "passwd.md"
        stored = sorted(p.relative_to(tmp_path / "data").as_posix() for p in (tmp_path / "data").rglob("*") if p.is_file())
        assert not (tmp_path / "evil").exists()
        assert all(re.match(r"^(corpus\.sqlite.*|jobs/[0-9a-f]{16}/[a-z.-]+(json|md))$", p) for p in stored), stored
        assert client.get("/reports/..%2F..%2Fetc").status_code == 404
        assert client.get("/reports/0000000000000000/report.json").status_code == 404


def test_document_text_is_escaped(served):
    client, _, hostile_id = served
    job = client.get(f"/api/jobs/{hostile_id}").json()
    assert job["status"] == "done", job["error"]
    pages = [client.get("/").text, client.get("/jobs").text, client.get(f"/reports/{hostile_id}").text,
             client.get(f"/reports/{hostile_id}/review.html").text]
    report = _report(client, hostile_id)
    pages += [client.get(f"/reports/{hostile_id}/findings/{i}").text for i in range(len(report["findings"]))]
    pages.append(client.get("/corpus", params={"q": "培训人次"}).text)
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html
    report_page = pages[2]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report_page
    assert "&lt;img src=x onerror=alert(2)&gt;" in report_page
    assert "&lt;img src=x onerror=alert(&#39;name&#39;)&gt;.md" in pages[0]


def test_security_headers(served):
    client, sample_id, _ = served
    r = client.get(f"/reports/{sample_id}")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_corpus_search_filters_chart_and_suggestions(served):
    client, _, _ = served
    r = client.get("/corpus", params={"q": "满意度"})
    assert r.status_code == 200
    assert "<mark>满意度</mark>" in r.text
    assert "<svg" in r.text and "chart-bar" in r.text
    assert "条结果" in r.text
    assert "<mark>满意度</mark>" in client.get("/corpus", params={"q": "满意度", "year": "2022"}).text
    assert "没有匹配的指标" in client.get("/corpus", params={"q": "满意度", "year": "1999"}).text
    assert "没有匹配的指标" in client.get("/corpus", params={"q": "满意度", "level1": "成本指标"}).text
    r = client.get("/corpus/suggest", params={"text": "信访维稳专项 满意度"})
    assert r.status_code == 200 and "满意度" in r.text and "用过" in r.text


def test_serve_binds_to_loopback_by_default():
    from jixiao.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.port == 8000


def test_many_files_in_one_upload_are_admitted_one_by_one(small_app):
    md = b"# t\n\n| a | b |\n| - | - |\n| 1 | 2 |\n"
    with small_app() as client:
        r = client.post("/upload", headers=same_origin(client), files=[
            ("files", ("good.md", md, "text/markdown")),
            ("files", ("bad.pdf", b"\x00\x01binary\x00" * 50, "application/pdf"))])
        assert r.status_code == 200
        body = r.json()
        assert [j["name"] for j in body["jobs"]] == ["good.md"]
        assert [e["name"] for e in body["errors"]] == ["bad.pdf"]
        client.app.state.runner.wait(body["jobs"][0]["id"], timeout=300)


def test_request_body_cap_answers_413_before_reading(small_app):
    with small_app(max_upload_mb=0.1, max_files=1) as client:
        r = upload(client, "huge.txt", b"x" * (2 * 1024 * 1024))
        assert r.status_code == 413


MD = b"# t\n\n| a | b |\n| - | - |\n| 1 | 2 |\n"


def test_cross_origin_upload_is_refused_and_same_origin_works(small_app):
    """A page of another site posting into the local app (a form needs no CORS) gets 403 and stores nothing."""
    with small_app() as client:
        own = same_origin(client)
        files = [("files", ("x.md", MD, "text/markdown"))]
        for headers in ({**own, "Origin": "https://evil.example"},  # even with a stolen token
                        {**own, "Origin": "null"},  # a sandboxed frame or a file:// page
                        {**own, "Origin": "http://127.0.0.1:9999"},  # another local app
                        {**own, "Sec-Fetch-Site": "cross-site"},
                        {k: v for k, v in own.items() if k != "Origin"} | {"Referer": "https://evil.example/x"}):
            r = client.post("/upload", files=files, headers=headers)
            assert r.status_code == 403, (headers, r.text)
            assert "cross-origin" in r.json()["errors"][0]["message"]
        # the right origin without the session's token: what a cross-site form with a forged Origin-less body sends
        for headers in ({**JSON, "Origin": own["Origin"]}, {**own, "X-CSRF-Token": "0" * 40}):
            r = client.post("/upload", files=files, headers=headers)
            assert r.status_code == 403 and "token" in r.json()["errors"][0]["message"], r.text
        r = client.post("/upload", files=files, headers={"Origin": own["Origin"]}, data={"csrf_token": "f" * 40})
        assert r.status_code == 403 and "text/plain" in r.headers["content-type"]
        assert client.get("/api/jobs").json()["jobs"] == []
        assert not list((client.app.state.settings.jobs_dir).iterdir())
        r = upload(client, "x.md", MD)  # the app's own page: Origin and token right
        assert r.status_code == 200, r.text
        client.app.state.runner.wait(r.json()["jobs"][0]["id"], timeout=300)


def test_session_cookie_is_strict_and_token_bound_to_it(small_app):
    with small_app() as client:
        r = client.get("/")
        cookie = r.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert 'name="csrf_token"' in r.text  # the no-script form carries it as its first field
        own = same_origin(client)
        client.cookies.clear()  # another browser, or the cookie expired: the page's token no longer fits
        r = client.post("/upload", files=[("files", ("x.md", MD, "text/markdown"))], headers=own)
        assert r.status_code == 403


def test_unknown_host_is_refused_dns_rebinding(small_app):
    """A site whose name is re-pointed at 127.0.0.1 reaches the app with its own name in Host."""
    with small_app() as client:
        assert client.get("/api/jobs", headers={"Host": "evil.example:8000"}).status_code == 403
        assert client.get("/api/jobs", headers={"Host": "localhost:8000"}).status_code == 200
        assert client.get("/api/jobs", headers={"Host": "[::1]:8000"}).status_code == 200


def test_allowed_hosts_follow_the_bind_address():
    from jixiao.web.guard import allowed_hosts

    assert allowed_hosts("127.0.0.1") == {"127.0.0.1", "localhost", "[::1]"}
    assert "192.168.1.5" in allowed_hosts("192.168.1.5")
    assert allowed_hosts("0.0.0.0") is None  # every address: any Host; Origin and token still checked
    assert "review.lan" in allowed_hosts("0.0.0.0", ("review.lan",))


def test_upload_that_is_not_a_performance_document_is_named_so(small_app):
    """The web app runs ``jixiao.pipeline.process`` like the CLI and the batch: a meeting notice
    is refused with the reason, not shown as an empty report."""
    notice = "关于召开2024年春节团拜会的通知\n\n各科室：定于1月20日下午2点在三楼会议室召开团拜会，请准时参加。\n"
    with small_app() as client:
        job_id = processed(client, "notice.txt", notice.encode())
        job = client.get(f"/api/jobs/{job_id}").json()
        assert job["status"] == "failed"
        assert job["error"] == "notice.txt: not a budget-performance document (no 绩效 indicators, targets, scores or budget found)"
