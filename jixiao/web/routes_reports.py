"""One report: findings by severity, the finding view, page images and downloads."""

from __future__ import annotations

import re
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from jixiao.web.exports import findings_xlsx, grouped, where
from jixiao.web.locate import page_views, table_views
from jixiao.web.pages import page_sizes, render_page
from jixiao.web.store import JobMeta

ARITHMETIC = re.compile(r"^(sum\.|recompute\.|score\.total|budget\.execution_rate|target\.cost_sum)")


def _job(request: Request) -> JobMeta:
    meta = request.app.state.store.get(request.path_params["job_id"])
    if meta is None:
        raise HTTPException(404, "没有这个报告 (no such report)")
    return meta


def _report(request: Request, meta: JobMeta) -> dict:
    report = request.app.state.store.read_json(meta.id, "report.json") if meta.status == "done" else None
    if report is None:
        raise HTTPException(409, "报告尚未处理完 (the report is not processed yet)")
    return report


def finding_context(request: Request, meta: JobMeta, report: dict, index: int) -> dict:
    """Everything the finding view shows: the finding, its page images with boxes, its tables."""
    findings = report.get("findings", [])
    if not 0 <= index < len(findings):
        raise HTTPException(404, "没有这个问题 (no such finding)")
    finding = findings[index]
    store = request.app.state.store
    pages = []
    if meta.format == "pdf":
        geometry = store.read_json(meta.id, "geometry.json") or {}
        sizes = page_sizes(store.input_path(meta), store.dir(meta.id) / "page-sizes.json")
        pages = page_views(finding, geometry, sizes)
    return {"meta": meta, "index": index, "finding": finding, "where": where(finding),
            "pages": pages, "tables": table_views(finding, report)}


async def report_page(request: Request) -> Response:
    meta = _job(request)
    templates = request.app.state.templates
    if meta.status != "done":
        return templates.TemplateResponse(request, "pending.html", {"meta": meta},
                                          status_code=200 if meta.status != "failed" else 422)
    report = _report(request, meta)
    findings = report.get("findings", [])
    selected = request.query_params.get("f")
    index = int(selected) if selected and selected.isdigit() else (0 if findings else None)
    ctx = {"meta": meta, "report": report, "groups": grouped(findings), "selected": index,
           "arithmetic": ARITHMETIC}
    if index is not None and index < len(findings):
        ctx["view"] = finding_context(request, meta, report, index)
    return templates.TemplateResponse(request, "report.html", ctx)


async def finding_fragment(request: Request) -> Response:
    """The finding view alone, for the page's script to swap in without a reload."""
    meta = _job(request)
    report = _report(request, meta)
    ctx = finding_context(request, meta, report, int(request.path_params["index"]))
    return request.app.state.templates.TemplateResponse(request, "_finding.html", {"view": ctx})


async def page_image(request: Request) -> Response:
    meta = _job(request)
    if meta.format != "pdf":
        raise HTTPException(404, "只有 PDF 有页面图像 (page images exist for PDFs only)")
    page = int(request.path_params["page"])
    store = request.app.state.store
    out = store.dir(meta.id) / "pages" / f"{page}.png"
    try:
        render_page(store.input_path(meta), page, out, request.app.state.settings.dpi)
    except IndexError as e:
        raise HTTPException(404, "没有这一页 (no such page)") from e
    return FileResponse(out, media_type="image/png", headers={"Cache-Control": "private, max-age=86400"})


def _attachment(meta: JobMeta, suffix: str) -> dict[str, str]:
    """Content-Disposition with an ASCII fallback and the original name in UTF-8 (RFC 6266)."""
    stem = meta.name.rsplit(".", 1)[0] if "." in meta.name else meta.name
    return {"Content-Disposition": f"attachment; filename=\"jixiao-{meta.id}{suffix}\"; "
                                   f"filename*=UTF-8''{quote(stem + suffix, safe='')}"}


async def download_json(request: Request) -> Response:
    meta = _job(request)
    _report(request, meta)
    return FileResponse(request.app.state.store.dir(meta.id) / "report.json", media_type="application/json",
                        headers=_attachment(meta, ".json"))


async def download_xlsx(request: Request) -> Response:
    meta = _job(request)
    data = findings_xlsx(_report(request, meta))
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers=_attachment(meta, ".findings.xlsx"))


async def download_html(request: Request) -> Response:
    """The whole review as one HTML file: CSS inline, no script, no outside reference."""
    from jixiao.web.review import review_html

    meta = _job(request)
    html = review_html(_report(request, meta), meta.name, request.app.state.templates.env)
    return Response(html, media_type="text/html; charset=utf-8", headers=_attachment(meta, ".review.html"))


routes = [
    Route("/reports/{job_id}", report_page),
    Route("/reports/{job_id}/findings/{index:int}", finding_fragment),
    Route("/reports/{job_id}/pages/{page:int}.png", page_image),
    Route("/reports/{job_id}/report.json", download_json),
    Route("/reports/{job_id}/findings.xlsx", download_xlsx),
    Route("/reports/{job_id}/review.html", download_html),
]
