"""End to end in headless Chromium: upload, open an arithmetic finding, see its highlight, search.

Drives Debian's Chromium (``.ci/install-chromium.sh``) through Playwright's
``executable_path``; ``playwright install`` is never run and nothing is downloaded. The
server runs in a thread on a free loopback port. Screenshots go to the test's tmp dir, or
to ``$JIXIAO_SCREENSHOTS`` when set, for a human to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is absent: run .ci/install-chromium.sh to enable the browser test",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
uvicorn = pytest.importorskip("uvicorn")

from jixiao.web import Settings, create_app  # noqa: E402
from tests.web.conftest import SAMPLE  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARITHMETIC_LINK = ", ".join(f'a.finding[data-rule^="{r}"]' for r in
                            ("sum.", "recompute.detail", "recompute.", "score.total", "budget.execution_rate"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app served by uvicorn on 127.0.0.1 and a port the OS picked; yields the base URL."""
    if not SAMPLE.exists():
        pytest.fail("sample eval_report_2022_xinfang.pdf not built")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("web-e2e")))
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.time() + 120  # generous: a busy machine may take long to import and start
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def shots(tmp_path):
    """Save a screenshot; also copy it to $JIXIAO_SCREENSHOTS when that is set."""
    def save(page, name: str, **kw) -> Path:
        path = tmp_path / f"{name}.png"
        page.screenshot(path=str(path), **kw)
        if os.environ.get("JIXIAO_SCREENSHOTS"):
            out = Path(os.environ["JIXIAO_SCREENSHOTS"])
            out.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, out / path.name)
        return path
    return save


def _inside(inner: dict, outer: dict, slack: float = 2.0) -> bool:
    return (inner["x"] >= outer["x"] - slack and inner["y"] >= outer["y"] - slack
            and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
            and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + slack)


def test_upload_open_finding_see_highlight_then_search(server, shots):
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            clicks = 0

            page.goto(server + "/")
            shots(page, "01-start")
            with page.expect_file_chooser() as chooser:  # click 1: the drop zone's file picker
                page.click("#file-input")  # covers the whole drop zone
                clicks += 1
            chooser.value.set_files(str(SAMPLE))
            page.wait_for_selector("tr.job", timeout=60_000)
            shots(page, "02-progress")
            page.wait_for_selector("a.job-open", timeout=180_000)
            shots(page, "03-done")

            page.click("a.job-open")  # click 2: the finished report
            clicks += 1
            page.wait_for_selector("a.finding")
            finding = page.locator(ARITHMETIC_LINK).first
            rule = finding.get_attribute("data-rule")
            finding.click()  # click 3: an arithmetic finding
            clicks += 1
            assert clicks <= 3

            page.wait_for_function(
                "rule => document.querySelector('.finding.on')?.dataset.rule === rule"
                " && document.querySelector('#finding-view code')?.textContent === rule", arg=rule)
            page.wait_for_function("() => [...document.querySelectorAll('.page img')].every(i => i.complete && i.naturalWidth > 0)")
            box = page.locator("#finding-view .hl-cell, #finding-view .hl").first
            sync_api.expect(box).to_be_visible()
            image = box.locator("xpath=ancestor::div[contains(@class,'page-frame')]/img")
            hb, ib = box.bounding_box(), image.bounding_box()
            assert hb and ib and hb["width"] > 4 and hb["height"] > 4
            assert _inside(hb, ib), (hb, ib)  # on the page image
            assert hb["width"] < ib["width"] and hb["height"] < ib["height"] / 4  # a row or cell, not the page
            view = page.viewport_size
            assert 0 <= hb["y"] and hb["y"] + hb["height"] <= view["height"], hb  # scrolled into sight
            sync_api.expect(page.locator("#finding-view tr.mark-row").first).to_be_visible()
            shots(page, "04-finding")

            page.click("header nav a[href='/corpus']")
            page.fill("input[name=q]", "满意度")
            page.press("input[name=q]", "Enter")
            page.wait_for_selector("section.hits")
            sync_api.expect(page.locator("section.hits mark").first).to_have_text("满意度")
            sync_api.expect(page.locator("svg.chart")).to_be_visible()
            shots(page, "05-corpus", full_page=True)
            assert not errors, errors
        finally:
            browser.close()


def _jobs(server: str) -> list[dict]:
    import json
    import urllib.request

    with urllib.request.urlopen(server + "/api/jobs", timeout=30) as r:
        return json.load(r)["jobs"]


def test_a_page_of_another_site_cannot_upload(server, tmp_path):
    """Issue 19: a page of another site open in the same browser posts a form and a fetch into the app: 403, no job."""
    attacker = "http://attacker.example"
    doc = tmp_path / "planted.md"
    doc.write_text("# 2023年项目绩效自评表\n\n| 指标 | 分值 |\n| - | - |\n| 满意度 | 10 |\n", encoding="utf-8")
    page_html = (f'<form id="f" action="{server}/upload" method="post" enctype="multipart/form-data">'
                 '<input type="hidden" name="csrf_token" value="guessed"><input type="file" name="files" id="file">'
                 '</form>')
    before = {j["id"] for j in _jobs(server)}
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page()
            page.route(attacker + "/**", lambda route: route.fulfill(status=200, content_type="text/html",
                                                                     body=page_html))
            page.goto(server + "/")  # the victim has the app open: a session cookie exists
            page.goto(attacker + "/")
            page.set_input_files("#file", str(doc))
            with page.expect_navigation() as nav:
                page.evaluate("document.getElementById('f').submit()")
            assert nav.value.status == 403, nav.value.status
            assert "cross-origin" in page.content()
            page.goto(attacker + "/")
            status = page.evaluate("""async (url) => {
                const data = new FormData();
                data.append("files", new Blob(["# 绩效自评表"], {type: "text/markdown"}), "x.md");
                try { const r = await fetch(url, {method: "POST", body: data, mode: "no-cors", credentials: "include"});
                      return r.type; } catch (e) { return "error: " + e; }
            }""", server + "/upload")
            assert status in ("opaque",) or status.startswith("error"), status
        finally:
            browser.close()
    assert {j["id"] for j in _jobs(server)} == before  # nothing was stored
