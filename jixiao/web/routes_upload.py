"""Start page, uploads and the job list the start page polls."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from jixiao.web.safety import BodyTooLarge
from jixiao.web.uploads import UploadRejected, admit


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


async def index(request: Request) -> Response:
    state = request.app.state
    return state.templates.TemplateResponse(request, "index.html", {
        "jobs": state.store.all(), "settings": state.settings, "errors": []})


async def upload(request: Request) -> Response:
    """Admit each file on its own: one bad file in a batch does not turn the others away."""
    state = request.app.state
    settings = state.settings
    accepted, errors = [], []
    try:
        form = await request.form(max_files=settings.max_files, max_fields=20)
    except BodyTooLarge:
        return _answer(request, [], [{"name": "", "message": f"上传过大 (over {settings.max_upload_mb:g} MB per file)"}], 413)
    except Exception as e:  # malformed multipart, too many files
        return _answer(request, [], [{"name": "", "message": f"无法解析上传 (bad upload: {e})"}], 400)
    try:
        files = [f for f in form.getlist("files") if hasattr(f, "read")]
        if not files:
            errors.append({"name": "", "message": "没有选择文件 (no file in the upload)"})
        for f in files:
            data = await f.read(settings.max_upload_bytes + 1)
            try:
                fmt, pages = admit(f.filename or "", data, settings)
            except UploadRejected as e:
                errors.append({"name": f.filename or "", "message": str(e)})
                continue
            meta = state.store.create(f.filename or "", fmt, data, pages)
            state.runner.submit(meta)
            accepted.append(meta.to_dict())
    finally:
        await form.close()
    status = 200 if accepted else (413 if any("MB" in e["message"] for e in errors) else 415 if errors else 400)
    return _answer(request, accepted, errors, status)


def _answer(request: Request, accepted: list[dict], errors: list[dict], status: int) -> Response:
    if _wants_json(request):
        return JSONResponse({"jobs": accepted, "errors": errors}, status_code=status)
    if not errors:
        return RedirectResponse("/", status_code=303)
    state = request.app.state
    return state.templates.TemplateResponse(request, "index.html", {
        "jobs": state.store.all(), "settings": state.settings, "errors": errors}, status_code=status)


async def api_jobs(request: Request) -> Response:
    return JSONResponse({"jobs": [m.to_dict() for m in request.app.state.store.all()]})


async def api_job(request: Request) -> Response:
    meta = request.app.state.store.get(request.path_params["job_id"])
    if meta is None:
        return JSONResponse({"error": "no such job"}, status_code=404)
    return JSONResponse(meta.to_dict())


async def jobs_fragment(request: Request) -> Response:
    """The job list as server-rendered HTML, swapped in by the page when a job changes."""
    state = request.app.state
    return state.templates.TemplateResponse(request, "_jobs.html", {"jobs": state.store.all()})


routes = [
    Route("/", index),
    Route("/upload", upload, methods=["POST"]),
    Route("/api/jobs", api_jobs),
    Route("/api/jobs/{job_id}", api_job),
    Route("/jobs", jobs_fragment),
]
