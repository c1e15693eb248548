"""The local review server: standard-library HTTP on the loopback interface, guarded by a session token.

Every request must name this server in its Host header (a DNS-rebinding guard) and carry the token,
in the query (`?token=`) or the X-Hedui-Token header; a POST must carry the header, which a page of
another origin cannot send without a CORS preflight that this server never grants.

Endpoints: GET / (the page), GET /api/findings (queue, decisions and comments), GET /api/doc?index=N
(one article's text, by index into the checked documents only), GET /api/state (what the page polls:
the queue's version, re-checked when an article changed on disk, and the decisions file's stamp);
POST /api/decision (one verdict), /api/decisions (one verdict and reason for many findings),
/api/comment (a finding's comment) and /api/undo (write back what the last change replaced).
"""

from __future__ import annotations

import json
import secrets
import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from checker.errors import HeduiError
from checker.report.evidence import dump_json
from checker.report.page import content_policy, render_page
from checker.review.actions import comment, decide, decide_many, undo_last
from checker.review.session import RequestError, ReviewSession, read_document, read_queue, read_state

LOOPBACK = {"127.0.0.1": "127.0.0.1", "localhost": "127.0.0.1", "::1": "::1", "[::1]": "::1"}
TOKEN_HEADER = "X-Hedui-Token"
MAX_BODY = 64 * 1024  # bytes; a decision is a few hundred
MAX_BULK_BODY = 4 * 1024 * 1024  # bytes; a bulk decision on 20,000 findings is about 1 MB
ACTIONS = {"/api/decision": decide, "/api/decisions": decide_many, "/api/comment": comment,
           "/api/undo": lambda session, body: undo_last(session)}


class ReviewServer(ThreadingHTTPServer):
    """A threading HTTP server that carries its review session."""

    daemon_threads = True
    request_queue_size = 64  # the default 5 resets connections when several tabs save at once

    def __init__(self, address: tuple[str, int], session: ReviewSession):
        self.session = session
        super().__init__(address, ReviewHandler)

    @property
    def port(self) -> int:
        """The port the server listens on (the free one chosen when asked for port 0)."""
        return self.server_address[1]

    def url(self) -> str:
        """The page's address, token included."""
        host = "[::1]" if self.address_family == socket.AF_INET6 else "127.0.0.1"
        return f"http://{host}:{self.port}/?token={self.session.token}"

    def allowed_hosts(self) -> set[str]:
        """Host header values that name this server."""
        return {f"127.0.0.1:{self.port}", f"localhost:{self.port}", f"[::1]:{self.port}"}


class ReviewServer6(ReviewServer):
    """The review server on the IPv6 loopback."""

    address_family = socket.AF_INET6


def start_server(session: ReviewSession, host: str = "127.0.0.1", port: int = 0) -> ReviewServer:
    """Bind a review server to a loopback address; any other host is refused."""
    address = LOOPBACK.get(host.lower())
    if address is None:
        raise HeduiError(f"refusing to serve on {host!r}: review listens only on 127.0.0.1, localhost or ::1")
    server_class = ReviewServer6 if address == "::1" else ReviewServer
    try:
        return server_class((address, port), session)
    except OSError as exc:
        raise HeduiError(f"cannot listen on {address} port {port}: {exc.strerror or exc}") from exc


class ReviewHandler(BaseHTTPRequestHandler):
    """Answers the page and its API; everything else is 403 or 404."""

    server: ReviewServer
    server_version = "hedui-review"
    sys_version = ""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the standard library's name)
        """Log nothing: request lines carry the session token."""

    def do_GET(self) -> None:
        """Serve the page, the queue or one article's text."""
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if not self._allowed(query, post=False):
            # Wrong host or token: say nothing more than "forbidden".
            return
        session = self.server.session
        try:
            if url.path == "/":
                self._send(200, render_page().encode("utf-8"), "text/html; charset=utf-8", page=True)
            elif url.path == "/api/findings":
                self._send_json(200, read_queue(session))
            elif url.path == "/api/doc":
                self._send_json(200, read_document(session, _single(query, "index")))
            elif url.path == "/api/state":
                self._send_json(200, read_state(session))
            else:
                self._send_json(404, {"error": "not found"})
        except RequestError as exc:
            self._send_json(exc.status, {"error": str(exc)})
        except HeduiError as exc:
            # A decisions file made malformed by hand while the server runs: tell the page which line.
            self._send_json(409, {"error": str(exc)})

    def do_POST(self) -> None:
        """Record a decision, several decisions or a comment, or undo the last change."""
        url = urlsplit(self.path)
        if not self._allowed(parse_qs(url.query), post=True):
            # Wrong host, token or origin, or no token header: a cross-site form cannot get this far.
            return
        action = ACTIONS.get(url.path)
        if action is None:
            self._send_json(404, {"error": "not found"})
            return
        try:
            limit = MAX_BULK_BODY if url.path == "/api/decisions" else MAX_BODY
            self._send_json(200, action(self.server.session, self._read_json(limit)))
        except RequestError as exc:
            self._send_json(exc.status, {"error": str(exc)})
        except HeduiError as exc:
            # Malformed or unwritable decisions file: nothing was written; the page shows why.
            self._send_json(409, {"error": str(exc)})
        except OSError as exc:
            # The lock or the folder cannot be opened: nothing was written either.
            self._send_json(500, {"error": f"cannot save {self.server.session.decisions_path}: {exc.strerror or exc}"})

    def _allowed(self, query: dict[str, list[str]], post: bool) -> bool:
        """Check host, token (and for POST the token header and origin); answer 403 when any fails."""
        token = self.server.session.token.encode("utf-8")
        header = self.headers.get(TOKEN_HEADER, "")
        given = header if post else (header or _single(query, "token"))
        host = (self.headers.get("Host") or "").lower()
        origin = self.headers.get("Origin")
        ok = (host in self.server.allowed_hosts()
              and secrets.compare_digest(given.encode("utf-8"), token)
              and (origin is None or origin.lower() in {f"http://{h}" for h in self.server.allowed_hosts()}))
        if not ok:
            self._send_json(403, {"error": "forbidden"})
        return ok

    def _read_json(self, limit: int):
        """The request body as JSON, within limit bytes."""
        length = self.headers.get("Content-Length", "")
        if not length.isdigit() or int(length) > limit:
            raise RequestError(413 if length.isdigit() else 411, f"a JSON body of at most {limit} bytes is required")
        try:
            return json.loads(self.rfile.read(int(length)).decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            # RecursionError: 30,000 '[' nest deeper than the parser goes; that is no decision either.
            raise RequestError(400, "the body is not JSON") from exc

    def _send_json(self, status: int, data) -> None:
        """Answer with JSON whose '<', '>' and '&' are escaped, so it is inert even if sniffed as HTML."""
        self._send(status, dump_json(data).encode("utf-8"), "application/json; charset=utf-8")

    def _send(self, status: int, body: bytes, content_type: str, page: bool = False) -> None:
        """Answer with a body and headers that keep it private, uncached and unframed."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Content-Security-Policy",
                         content_policy(static=False) + "; frame-ancestors 'none'" if page else "default-src 'none'")
        self.end_headers()
        self.wfile.write(body)


def _single(query: dict[str, list[str]], name: str) -> str:
    """A query parameter given exactly once, else the empty string."""
    values = query.get(name, [])
    return values[0] if len(values) == 1 else ""
