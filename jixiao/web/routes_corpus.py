"""Corpus pages: search with filters, the target distribution of an indicator, suggestions."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jixiao.web.charts import bar_chart
from jixiao.web.marks import marked

FILTERS = ("level1", "year", "region", "unit")
LEVEL1_CHOICES = ["产出指标", "效益指标", "满意度指标", "成本指标", "决策", "过程", "产出", "效益"]


def _filters(request: Request) -> dict:
    out: dict = {}
    for key in FILTERS:
        value = (request.query_params.get(key) or "").strip()
        if not value:
            continue
        if key == "year":
            if not value.isdigit():
                continue
            out[key] = int(value)
        else:
            out[key] = value[:100]
    return out


def _open(request: Request):
    from corpus.api import open_corpus

    return open_corpus(request.app.state.settings.corpus_db)


async def corpus_page(request: Request) -> Response:
    """Search results, and for the same query the distribution of its targets as bars."""
    from corpus.api import find, stats

    query = (request.query_params.get("q") or "").strip()[:200]
    filters = _filters(request)
    corpus = _open(request)
    try:
        counts = corpus.counts()
        hits = find(corpus, query, filters, 100) if query or filters else []
        st = stats(corpus, query, filters) if query else None
    finally:
        corpus.close()
    chart = None
    if st and st.count:
        values = [("未写明目标" if label == "—" else label, n) for label, n in st.values]
        chart = bar_chart(values, title=f"{query} 目标值分布")
    return request.app.state.templates.TemplateResponse(request, "corpus.html", {
        "query": query, "filters": filters, "hits": hits, "stats": st, "chart": chart, "counts": counts,
        "marked": marked, "level1_choices": LEVEL1_CHOICES, "tab": "search"})


async def suggest_page(request: Request) -> Response:
    """Indicators similar projects used, for a project description typed by the reviewer."""
    from corpus.api import suggest

    text = (request.query_params.get("text") or "").strip()[:2000]
    groups: dict = {}
    corpus = _open(request)
    try:
        counts = corpus.counts()
        if text:
            groups = suggest(corpus, text, 40)
    finally:
        corpus.close()
    return request.app.state.templates.TemplateResponse(request, "suggest.html", {
        "text": text, "groups": groups, "counts": counts, "tab": "suggest"})


routes = [
    Route("/corpus", corpus_page),
    Route("/corpus/suggest", suggest_page),
]
