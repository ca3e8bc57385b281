"""What every response of the web app goes through: a Host check and security headers.

Heron's server is a local app: a page on another site could still reach it through DNS
rebinding (a hostname of theirs that resolves to 127.0.0.1), so requests whose Host header
names no allowed host are refused. Responses carry a content security policy (scripts and
styles only from the app itself), nosniff, frame-ancestors 'none' and a referrer policy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
# Swagger UI (/docs) starts itself with an inline script.
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
           (b"referrer-policy", b"no-referrer"), (b"cross-origin-opener-policy", b"same-origin")]
# Directional formatting characters (U+202A-U+202E, U+2066-U+2069) can make displayed text
# read differently from what it is ("Trojan source"); pages show them as visible codes.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def allowed_hosts(bound: str | None, extra: Iterable[str] = ()) -> frozenset[str]:
    """Local names, the address the server is bound to (unless it is a wildcard) and ``extra``."""
    hosts = {*LOCAL_NAMES, *(h.strip().lower() for h in extra if h.strip())}
    if bound and bound not in ("0.0.0.0", "::"):
        hosts.add(bound.lower().strip("[]"))
    return frozenset(hosts)


def host_name(header: str) -> str:
    """The host of a Host header, without port or IPv6 brackets."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def neutralise_bidi(value: object) -> object:
    """Jinja's ``finalize``: every displayed string shows directional controls as codes."""
    if isinstance(value, str) and BIDI_CONTROLS.search(value):
        shown = BIDI_CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", value)
        return Markup(shown) if isinstance(value, Markup) else shown  # codes are plain text
    return value


class Guard:
    """ASGI middleware (not BaseHTTPMiddleware: handlers must still see client disconnects)."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]):
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = host_name(headers.get(b"host", b"").decode("latin-1"))
        if host not in self.hosts:
            await _refuse(send, host)
            return
        csp = DOCS_CSP if scope.get("path", "").startswith("/docs") else CSP

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []),
                                      (b"content-security-policy", csp.encode()), *HEADERS]
            await send(message)

        await self.app(scope, receive, send_secured)


async def _refuse(send: Send, host: str) -> None:
    body = (f"Host {host!r} is not allowed; start heron serve with --allowed-host "
            f"{host or 'NAME'} to serve it under that name.\n").encode()
    await send({"type": "http.response.start", "status": 400,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), *HEADERS]})
    await send({"type": "http.response.body", "body": body})
