"""Request-level safety: a cap on request bodies and headers that forbid active content.

The body cap is enforced while the bytes arrive (not after), so a client cannot make the
server spool gigabytes by leaving out Content-Length. The Content-Security-Policy allows
only the app's own script file: document text that slipped through escaping still could
not run. The referrer policy is ``same-origin`` rather than ``no-referrer``: under
``no-referrer`` a browser sends ``Origin: null`` with the app's own POSTs, and the guard
(``jixiao.web.guard``) needs their real origin; no other site ever sees a referrer.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


class BodyTooLarge(Exception):
    """The request body passed the cap while it was being read."""


class SafetyMiddleware:
    """Adds the security headers to every response and caps request bodies at ``max_body``."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            await _too_large(send, self.max_body)
            return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge()
            return message

        async def secured_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
                message["headers"] = list(message.get("headers") or []) + extra
            await send(message)

        await self.app(scope, limited_receive, secured_send)


async def _too_large(send: Send, limit: int) -> None:
    body = f"请求过大 (request body over {limit // 1048576} MB)".encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
