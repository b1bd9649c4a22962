"""The Starlette application: wiring of settings, job store, runner, templates and routes."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from jixiao import __version__
from jixiao.web import routes_corpus, routes_reports, routes_upload
from jixiao.web.exports import SEVERITY_ZH
from jixiao.web.jobs import JobRunner
from jixiao.web.safety import SafetyMiddleware
from jixiao.web.settings import Settings
from jixiao.web.store import JobStore

HERE = Path(__file__).resolve().parent
KIND_ZH = {"evaluation_report": "绩效评价报告", "self_assessment": "绩效自评", "target_declaration": "绩效目标申报",
           "monitoring_report": "绩效监控报告", "budget": "预算/决算", "other": "其他"}


def template_env() -> Environment:
    """Jinja2 with autoescape on for every template: document text is never trusted markup."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(version=__version__, SEVERITY_ZH=SEVERITY_ZH, KIND_ZH=KIND_ZH)
    env.filters["num"] = lambda v: "—" if v is None else f"{v:,.2f}".rstrip("0").rstrip(".")
    return env


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
    max_body = settings.max_upload_bytes * settings.max_files + 1024 * 1024
    app.add_middleware(SafetyMiddleware, max_body=max_body)
    return app
