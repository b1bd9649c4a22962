"""Who may drive the app: the Host it is reached by, and for a change the Origin and a session token.

A page of any other site open in the same browser can send a POST to ``127.0.0.1:8000``
(a form needs no CORS), and a site whose name is re-pointed at 127.0.0.1 (DNS rebinding)
can even read the answers. So:

* every request must name one of the allowed hosts in ``Host`` (loopback names and the
  address the server was bound to), which stops DNS rebinding;
* every state-changing request (anything but GET, HEAD, OPTIONS) must come from the app's
  own origin — ``Origin`` (or, when a browser sends none, ``Referer``) equal to the
  ``Host`` it was sent to, ``Sec-Fetch-Site`` not cross-site — and carry the session's
  token: in the ``X-CSRF-Token`` header (the page's script) or as the first field of the
  form (``csrf_token``; the no-script form). The token is an HMAC of the session cookie
  (``SameSite=Strict``, ``HttpOnly``) under a secret drawn when the app starts, so a
  restart asks the open page to be reloaded.

Only the first part of a form is looked at (at most ``PEEK`` bytes, then replayed to the
app), so a refused upload is refused before its file is read.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from urllib.parse import parse_qs, urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
COOKIE = "jixiao_session"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
PEEK = 64 * 1024  # bytes of a form body read to find its first field
LOOPBACK = frozenset({"127.0.0.1", "localhost", "[::1]"})
WILDCARD = frozenset({"0.0.0.0", "::", "[::]", ""})
_SID = re.compile(r"^[0-9a-f]{32}$")


def hostname(host: str) -> str:
    """``127.0.0.1:8000`` → ``127.0.0.1``; ``[::1]:8000`` → ``[::1]``; lower case."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    if host.count(":") > 1:  # a bare IPv6 address, as an operator may write it
        return f"[{host}]"
    return host.rsplit(":", 1)[0]


def allowed_hosts(bind: str, extra: tuple[str, ...] = ()) -> frozenset[str] | None:
    """Host names the app answers to; ``None`` (any) when bound to every address and none was named."""
    names = {hostname(h) for h in extra}
    if hostname(bind) in WILDCARD:
        return frozenset(LOOPBACK | names) if names else None
    return frozenset(LOOPBACK | names | {hostname(bind)})


def token_for(secret: bytes, sid: str) -> str:
    return hmac.new(secret, sid.encode(), hashlib.sha256).hexdigest()[:40]


def csrf_token(request) -> str:
    """The token of the request's session, for templates (``{{ csrf_token(request) }}``)."""
    return request.scope.get("jixiao.csrf", "")


def _cookie(headers: Headers, name: str) -> str | None:
    for raw in headers.getlist("cookie"):
        for part in raw.split(";"):
            key, _, value = part.strip().partition("=")
            if key == name:
                return value
    return None


def _same_origin(url: str, host: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.strip().lower()


def _first_field(body: bytes, content_type: str) -> tuple[str, str] | None:
    """Name and value of a form body's first field, if the bytes seen hold it whole."""
    ctype, _, params = content_type.partition(";")
    ctype = ctype.strip().lower()
    if ctype == "application/x-www-form-urlencoded":
        first = body.split(b"&", 1)[0].decode("latin-1")
        pairs = parse_qs(first, keep_blank_values=True)
        return next(((k, v[0]) for k, v in pairs.items()), None)
    if ctype != "multipart/form-data":
        return None
    m = re.search(r'boundary="?([^";]+)"?', params)
    if not m:
        return None
    boundary = re.escape(m.group(1).encode("latin-1"))
    part = re.match(rb"(?:\r\n)?--" + boundary + rb"\r\n((?:[^\r\n]+\r\n)*?)\r\n(.{0,256}?)\r\n--" + boundary,
                    body, re.S)
    if not part:
        return None
    name = re.search(rb'name="([^"]*)"', part.group(1))
    if not name or b"filename=" in part.group(1):
        return None
    return name.group(1).decode("latin-1"), part.group(2).decode("latin-1")


class GuardMiddleware:
    """Refuses requests with 403 unless Host, and for changes Origin and token, are the app's own."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str] | None, secret: bytes | None = None) -> None:
        self.app = app
        self.hosts = hosts
        self.secret = secret or secrets.token_bytes(32)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        wants_json = "application/json" in headers.get("accept", "")
        if self.hosts is not None and hostname(host) not in self.hosts:
            await _refuse(send, f"unknown Host {host[:100]!r}: open the app as http://127.0.0.1 "
                                "(or start it with --host naming this address)", wants_json)
            return
        sid = _cookie(headers, COOKIE)
        new_session = not (sid and _SID.match(sid))
        if new_session:
            sid = secrets.token_hex(16)
        token = token_for(self.secret, sid)
        scope["jixiao.csrf"] = token

        if scope["method"] not in SAFE_METHODS:
            problem = self._origin_problem(headers, host)
            if problem is None:
                given = headers.get(HEADER)
                if given is None:
                    field, receive = await _peek_form(receive, headers.get("content-type", ""))
                    given = field[1] if field and field[0] == FIELD else None
                if new_session or given is None or not hmac.compare_digest(given.encode(), token.encode()):
                    problem = ("the form's session token is missing or stale; reload the page and try again "
                               "(表单已过期，请刷新页面)")
            if problem:
                await _refuse(send, problem, wants_json)
                return

        async def send_with_cookie(message: Message) -> None:
            if new_session and message["type"] == "http.response.start":
                cookie = f"{COOKIE}={sid}; Path=/; HttpOnly; SameSite=Strict"
                message["headers"] = list(message.get("headers") or []) + [(b"set-cookie", cookie.encode())]
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    @staticmethod
    def _origin_problem(headers: Headers, host: str) -> str | None:
        """Why a state-changing request is not from the app's own pages, or ``None`` when it is."""
        site = headers.get("sec-fetch-site")
        if site in ("cross-site", "same-site"):
            return f"cross-origin request refused (Sec-Fetch-Site: {site})"
        origin = headers.get("origin")
        if origin is not None:
            if not _same_origin(origin, host):
                return f"cross-origin request refused (Origin {origin[:100]!r} is not this app)"
            return None
        referer = headers.get("referer")
        if referer is not None and not _same_origin(referer, host):
            return "cross-origin request refused (Referer is not this app)"
        return None  # no browser sent this (curl, a script): the token still has to match


async def _peek_form(receive: Receive, content_type: str) -> tuple[tuple[str, str] | None, Receive]:
    """The form's first field from at most ``PEEK`` bytes, and a receive that replays what was read."""
    buffered: list[Message] = []
    body = b""
    field = None
    while len(body) < PEEK:
        message = await receive()
        buffered.append(message)
        if message["type"] != "http.request":
            break
        body += message.get("body", b"")
        field = _first_field(body[:PEEK], content_type)
        if field is not None or not message.get("more_body", False):
            break

    async def replay() -> Message:
        if buffered:
            return buffered.pop(0)
        return await receive()

    return field, replay


async def _refuse(send: Send, reason: str, wants_json: bool) -> None:
    if wants_json:
        body = json.dumps({"jobs": [], "errors": [{"name": "", "message": f"请求被拒绝 ({reason})"}]},
                          ensure_ascii=False).encode()
        ctype = b"application/json"
    else:
        body = f"请求被拒绝 ({reason})".encode()
        ctype = b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": 403,
                "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
