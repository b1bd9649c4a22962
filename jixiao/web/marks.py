"""Search matches marked in HTML without ever trusting document text.

``corpus.api.highlight`` inserts its markers verbatim, so it is given two control
characters that cannot survive in escaped text; the text is escaped first and only then
are the markers turned into ``<mark>`` tags.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from corpus.api import highlight

_START, _END = "\x02", "\x03"


def marked(text: str | None, query: str) -> Markup:
    """``text`` escaped, with the words of ``query`` in ``<mark>``."""
    if not text:
        return Markup("")
    clean = str(text).replace(_START, "").replace(_END, "")
    raw = highlight(clean, query or "", _START, _END) if query else clean
    return Markup(str(escape(raw)).replace(_START, "<mark>").replace(_END, "</mark>"))
