"""The Starlette application: wiring of settings, job store, runner, templates and routes."""

from __future__ import annotations

from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from jixiao.web import routes_corpus, routes_reports, routes_upload
from jixiao.web.guard import GuardMiddleware, allowed_hosts, csrf_token
from jixiao.web.jobs import JobRunner
from jixiao.web.review import HERE, template_env
from jixiao.web.safety import SafetyMiddleware
from jixiao.web.settings import Settings
from jixiao.web.store import JobStore


def create_app(settings: Settings) -> Starlette:
    """A fresh app whose files all live under ``settings.data_dir``."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = JobStore(settings.jobs_dir)
    runner = JobRunner(store, settings)

    @asynccontextmanager
    async def lifespan(app: Starlette):
        yield
        runner.shutdown()

    routes = [
        *routes_upload.routes,
        *routes_reports.routes,
        *routes_corpus.routes,
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.settings = settings
    app.state.store = store
    app.state.runner = runner
    app.state.templates = Jinja2Templates(env=template_env())
    app.state.templates.env.globals["csrf_token"] = csrf_token
    max_body = settings.max_upload_bytes * settings.max_files + 1024 * 1024
    # the last added runs first: security headers and the body cap on every answer, the guard's 403 included
    app.add_middleware(GuardMiddleware, hosts=allowed_hosts(settings.host, settings.allowed_hosts))
    app.add_middleware(SafetyMiddleware, max_body=max_body)
    return app
