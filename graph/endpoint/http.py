"""HTTP/1.1 on one blocking client socket: requests parsed by httptools, within size limits.

A query process serves one connection at a time, so plain blocking reads and one `sendall` per
response are all it needs; httptools (the parser uvicorn uses) does the parsing, including
keep-alive, pipelining and chunked bodies. Time limits are the kernel's (SO_RCVTIMEO,
SO_SNDTIMEO) on a blocking socket: a request costs one system call to read and one to answer.
"""

from __future__ import annotations

import select
import socket
import struct
import time
from collections import deque
from dataclasses import dataclass, field
from email.utils import formatdate
from http import HTTPStatus
from typing import Callable
from urllib.parse import parse_qs

import httptools


class HttpError(Exception):
    """A request the server answers with an error status and a plain-text message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass(frozen=True)
class Limits:
    """How large a request may be, and how long a connection may stay silent."""

    max_target: int = 16 * 1024  # request line's target (path and query string), bytes
    max_headers: int = 32 * 1024
    max_body: int = 1024 * 1024
    read_timeout_s: float = 30.0  # for the rest of a request once it has begun, and for sending
    poll_s: float = 0.5  # how often an idle connection asks whether to keep waiting
    # after an error answer, what the client still sends is read and discarded: this much at most,
    # for this long at most, and until it stays silent this long
    linger_bytes: int = 64 * 1024 * 1024
    linger_s: float = 10.0
    linger_idle_s: float = 2.0


@dataclass
class Request:
    method: str
    target: str  # path and query string, as sent
    headers: dict[str, str]  # lower-case names; repeated fields joined with ", "
    body: bytes
    keep_alive: bool
    path: str = field(init=False)
    params: dict[str, list[str]] = field(init=False)  # of the URL's query string

    def __post_init__(self) -> None:
        self.path, _, query_string = self.target.partition("?")
        self.params = parse_qs(query_string, keep_blank_values=True) if query_string else {}

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name, default)

    @property
    def media_type(self) -> str:
        """The body's media type, without parameters, lower case."""
        return self.header("content-type").split(";", 1)[0].strip().lower()


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, message: str, headers: dict[str, str] | None = None) -> "Response":
        return cls(status, message.rstrip("\n").encode("utf-8") + b"\n", headers=headers or {})


class _Parser:
    """httptools callbacks that collect complete requests and enforce the size limits."""

    def __init__(self, connection: "Connection") -> None:
        self.connection = connection
        self.limits = connection.limits
        self.parser = httptools.HttpRequestParser(self)
        self.error: HttpError | None = None
        self._reset()

    def _reset(self) -> None:
        self.started = False  # some of a request has arrived
        self.target = b""
        self.headers: dict[str, str] = {}
        self.header_bytes = 0
        self.body: list[bytes] = []
        self.body_bytes = 0
        self.method = ""

    def feed(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserCallbackError:
            if self.error is None:  # a callback failed otherwise than by _fail: that is a bug, not a bad request
                raise
            raise self.error from None
        except httptools.HttpParserUpgrade:
            raise HttpError(501, "protocol upgrades are not supported") from None
        except httptools.HttpParserError as error:
            raise HttpError(400, f"malformed HTTP request: {error}") from None

    def _fail(self, error: HttpError) -> None:
        self.error = error
        raise error

    def on_message_begin(self) -> None:
        self._reset()
        self.started = True

    def on_url(self, url: bytes) -> None:
        self.target += url
        if len(self.target) > self.limits.max_target:
            self._fail(HttpError(414, f"the request target is longer than {self.limits.max_target:,} bytes; "
                                      "send long queries with POST"))

    def on_header(self, name: bytes, value: bytes) -> None:
        self.header_bytes += len(name) + len(value) + 4
        if self.header_bytes > self.limits.max_headers:
            self._fail(HttpError(431, f"the request headers are larger than {self.limits.max_headers:,} bytes"))
        key = name.decode("latin-1").lower()
        text = value.decode("latin-1")
        self.headers[key] = f"{self.headers[key]}, {text}" if key in self.headers else text

    def on_headers_complete(self) -> None:
        self.method = self.parser.get_method().decode("ascii", "replace")
        declared = self.headers.get("content-length", "0")
        if declared.isdigit() and int(declared) > self.limits.max_body:
            self._fail(HttpError(413, f"the request body is larger than {self.limits.max_body:,} bytes"))
        if self.headers.get("expect", "").lower() == "100-continue":
            self.connection.sock.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")

    def on_body(self, body: bytes) -> None:
        self.body_bytes += len(body)
        if self.body_bytes > self.limits.max_body:
            self._fail(HttpError(413, f"the request body is larger than {self.limits.max_body:,} bytes"))
        self.body.append(body)

    def on_message_complete(self) -> None:
        self.started = False
        self.connection.ready.append(Request(
            self.method, self.target.decode("latin-1"), self.headers, b"".join(self.body),
            self.parser.should_keep_alive(),
        ))


class Connection:
    """One client connection: read the requests it sends, write the responses."""

    def __init__(self, sock: socket.socket, limits: Limits) -> None:
        self.sock = sock
        self.limits = limits
        self.ready: deque[Request] = deque()
        self.parser = _Parser(self)
        sock.setblocking(True)
        _kernel_timeout(sock, socket.SO_RCVTIMEO, limits.poll_s)
        _kernel_timeout(sock, socket.SO_SNDTIMEO, limits.read_timeout_s)

    def next_request(self, keep_waiting: Callable[[], bool]) -> Request | None:
        """The next request; None when the client closed the connection, or when `keep_waiting`
        (asked every `poll_s` while no request has begun) says to stop waiting for one.

        HttpError for a bad request, or 408 for one that stops arriving halfway.
        """
        waited = 0.0
        while not self.ready:
            try:
                data = self.sock.recv(65536)
            except BlockingIOError:  # SO_RCVTIMEO passed with nothing to read
                if not self.parser.started:
                    if not keep_waiting() and not self._pending():
                        return None
                    continue
                waited += self.limits.poll_s
                if waited > self.limits.read_timeout_s:
                    raise HttpError(408, "the request did not arrive in time") from None
                continue
            except OSError:
                return None
            if not data:
                return None
            waited = 0.0
            self.parser.feed(data)
        return self.ready.popleft()

    def _pending(self) -> bool:
        """Whether the client has sent something since the last read: a request that crossed our
        decision to close the idle connection is answered rather than cut off."""
        return bool(select.select([self.sock], [], [], 0)[0])

    def linger(self) -> None:
        """Read and discard what the client still sends, within the limits, once an error answer is sent.

        A request refused before its body was read (413, 400) leaves the body on its way; closing a
        socket with unread data makes the kernel reset the connection, and a client that sends its
        whole request before reading the answer (urllib, requests) then sees "connection reset"
        instead of the status and its message. Our side is shut first, so the client reads the answer
        and the end of the stream as soon as it has finished sending.
        """
        try:
            self.sock.shutdown(socket.SHUT_WR)
        except OSError:
            return
        start = last_data = time.monotonic()
        discarded = 0
        while discarded < self.limits.linger_bytes:
            now = time.monotonic()
            if now - start > self.limits.linger_s or now - last_data > self.limits.linger_idle_s:
                return
            try:
                data = self.sock.recv(65536)
            except BlockingIOError:  # SO_RCVTIMEO passed with nothing to read
                continue
            except OSError:
                return
            if not data:
                return
            discarded += len(data)
            last_data = time.monotonic()

    def send(self, request_method: str, response: Response, keep_alive: bool) -> None:
        """Write a response in one piece (headers only for HEAD)."""
        head = [
            f"HTTP/1.1 {response.status} {_reason(response.status)}",
            f"Date: {_http_date()}",
            "Server: eurasia-kg",
            f"Content-Type: {response.content_type}",
            f"Content-Length: {len(response.body)}",
        ]
        head += [f"{name}: {value}" for name, value in response.headers.items()]
        if not keep_alive:
            head.append("Connection: close")
        data = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
        self.sock.sendall(data if request_method == "HEAD" else data + response.body)


def _kernel_timeout(sock: socket.socket, option: int, seconds: float) -> None:
    whole = int(seconds)
    sock.setsockopt(socket.SOL_SOCKET, option, struct.pack("ll", whole, int((seconds - whole) * 1e6)))


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Status"


_date_cache: tuple[int, str] = (0, "")


def _http_date() -> str:
    """The Date header's value, formatted once a second."""
    global _date_cache
    now = int(time.time())
    if _date_cache[0] != now:
        _date_cache = (now, formatdate(now, usegmt=True))
    return _date_cache[1]
