"""The workspace's guard: allowed hosts (DNS rebinding), same-origin writes (CSRF), the token, size
limits, and security headers on every response, 500s included.

- ``Host`` must name one of the allowed hosts (loopback names, plus the bound address).
- A state-changing request (POST, PUT, PATCH, DELETE) must come from the page's own origin: its
  ``Origin`` (or, without one, ``Sec-Fetch-Site``) must not point elsewhere.
- With a token, writes need it; off loopback every route does. It comes as the ``X-Fogline-Token``
  header, or as the ``fogline_token`` cookie (``SameSite=Strict``, ``HttpOnly``) that opening
  ``/?token=...`` sets once.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

log = logging.getLogger(__name__)
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
COOKIE = "fogline_token"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
           "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Resource-Policy": "same-origin"}
Handler = Callable[[Request], Awaitable[Response]]


def host_name(host_header: str) -> str:
    """``example.org:8000`` -> ``example.org``; ``[::1]:8000`` -> ``::1``."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


@dataclass(slots=True)
class Guard:
    """The rules one app enforces."""

    token: str | None = None
    read_token: bool = False  # every route needs the token (bound beyond loopback)
    hosts: frozenset[str] = field(default_factory=lambda: LOOPBACK)
    max_body: int = 2_100_000

    def __post_init__(self) -> None:
        if self.token is not None and not self.token.strip():
            raise ValueError("an empty token would disable protection; give a real token or none")
        if self.read_token and self.token is None:
            raise ValueError("reads behind the token need a token")

    def refuse(self, request: Request) -> Response | None:
        """The error response for a request that breaks a rule, else None."""
        if host_name(request.headers.get("host", "")) not in self.hosts:
            return _error(400, "this host name is not served here (allowed hosts only)")
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            return _error(413, f"request too large (limit {self.max_body} bytes)")
        writing = request.method not in SAFE_METHODS
        if writing and not same_origin(request):
            return _error(403, "cross-origin write refused")
        if self.token is not None and (writing or self.read_token) and not self._has_token(request):
            return _error(401, "this workspace needs its token (X-Fogline-Token header, or open /?token=...)")
        return None

    def _has_token(self, request: Request) -> bool:
        given = request.headers.get("x-fogline-token") or request.cookies.get(COOKIE) or ""
        return hmac.compare_digest(given.encode(), (self.token or "").encode())

    def login(self, request: Request) -> Response | None:
        """``/?token=...`` with the right token: set the cookie and drop the token from the address."""
        given = request.query_params.get("token")
        if request.url.path != "/" or given is None or self.token is None:
            return None
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            return _error(401, "wrong token")
        resp = RedirectResponse("/", status_code=303)
        resp.set_cookie(COOKIE, self.token, httponly=True, samesite="strict")
        return resp

    async def __call__(self, request: Request, call_next: Handler) -> Response:
        response = self.login(request) or self.refuse(request)
        if response is None:
            try:
                response = await call_next(request)
            except Exception:  # noqa: BLE001 - answer 500 with the same headers as any response
                log.exception("unhandled error on %s %s", request.method, request.url.path)
                response = _error(500, "internal error (see the server log)")
        response.headers.setdefault("Content-Security-Policy", CSP)
        for k, v in HEADERS.items():
            response.headers.setdefault(k, v)
        return response


def same_origin(request: Request) -> bool:
    """Whether a write comes from this app's own pages (or from a non-browser client)."""
    origin = request.headers.get("origin")
    if origin is not None:
        parts = urlsplit(origin)
        return parts.netloc.lower() == request.headers.get("host", "").lower() and parts.scheme in ("http", "https")
    return request.headers.get("sec-fetch-site", "none") in ("same-origin", "none")


def _error(status: int, detail: str) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status)
