"""What the server does to be safe to run: a request body limit, security headers on every
response, and the bearer token that write endpoints need when one is set.

There is deliberately no CORS middleware: no other origin may read the API from a browser, and a
cross-site form post (text/plain, no preflight) is not JSON, so FastAPI rejects it with 422.
"""
from __future__ import annotations

import hmac
import json

from fastapi import Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from . import DEFAULT_MAX_BODY


# Pages load only their own scripts, styles, images and data: no inline script, no CDN, no frames.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Swagger UI (at /docs) sets inline styles and uses data: images; its script is still only our own.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

# Names a browser uses for this machine: on a loopback host, requests naming any other host are
# refused, so a web page whose name is re-pointed at 127.0.0.1 (DNS rebinding) cannot use the API.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


class SecurityHeaders:
    """Adds CSP, nosniff, no-referrer and no-framing headers to every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        csp = DOCS_CSP if scope["path"] == "/docs" else CSP

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Answers 413 to a request whose body is over `max_bytes`, declared (Content-Length) or sent
    (chunked): the body is read here, up to the limit, before the application sees it."""

    def __init__(self, app, max_bytes: int = DEFAULT_MAX_BODY):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            return await self._too_large(send)
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_bytes:
                return await self._too_large(send)
        replayed = False

        async def replay():
            nonlocal replayed
            if replayed:  # after the body, only a disconnect can come
                return await receive()
            replayed = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)

    async def _too_large(self, send) -> None:
        payload = json.dumps({"detail": f"request body is over the limit of {self.max_bytes:,} bytes"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": payload})


bearer = HTTPBearer(auto_error=False, description="The token given to `tacitus serve --token`.")


def token_checker(token: str | None):
    """A FastAPI dependency: with a token set, the request must carry `Authorization: Bearer TOKEN`."""

    def check(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
        if token is None:
            return
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "this server needs its token for writes: Authorization: Bearer TOKEN",
                                headers={"WWW-Authenticate": "Bearer"})

    return check
