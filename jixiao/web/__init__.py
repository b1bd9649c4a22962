"""jixiao.web: ``jixiao serve``, a local web app for reviewers.

Upload reports, watch them being read and checked, open a finding to see the page with
the cells involved highlighted, download JSON/HTML/XLSX, and search the corpus that every
processed report is added to. Server-rendered HTML (Starlette + Jinja2, autoescaped); the
small hand-written JavaScript only uploads, polls and swaps server-rendered fragments.
"""

from __future__ import annotations

from jixiao.web.settings import Settings

__all__ = ["Settings", "create_app"]


def create_app(settings: Settings | None = None):
    """The ASGI app (imported lazily so ``import jixiao.web`` never needs the web extra)."""
    from jixiao.web.app import create_app as _create

    return _create(settings or Settings())
