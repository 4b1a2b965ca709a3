"""A real `eurasia-kg serve` on 127.0.0.1 and a random port, for the endpoint tests."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


@dataclass
class Reply:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log_path: Path  # what the server wrote to stderr

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    @property
    def port(self) -> int:
        return int(urllib.parse.urlsplit(self.url).port)

    def request(self, method: str, target: str, body: bytes | str | None = None,
                headers: dict[str, str] | None = None, timeout: float = 60) -> Reply:
        """One request on a fresh connection."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        data = body.encode("utf-8") if isinstance(body, str) else body
        start = time.monotonic()
        try:
            connection.request(method, target, body=data, headers=headers or {})
            response = connection.getresponse()
            payload = response.read()
        finally:
            connection.close()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, payload,
                     time.monotonic() - start)

    def get(self, target: str, accept: str = "", **kwargs) -> Reply:
        return self.request("GET", target, headers={"Accept": accept} if accept else {}, **kwargs)

    def query(self, sparql: str, accept: str = "application/sparql-results+json", path: str = "/sparql") -> Reply:
        return self.get(f"{path}?{urllib.parse.urlencode({'query': sparql})}", accept)


@contextmanager
def serving(store: Path, *options: str, env: dict[str, str] | None = None) -> Iterator[Server]:
    """Run `eurasia-kg serve` on a free port until the block ends; fail if it never answers."""
    log = Path(tempfile.mkstemp(prefix="serve-", suffix=".log")[1])
    with open(log, "w") as stderr:  # a file, not a pipe: a server never blocks on what nobody reads
        process = subprocess.Popen(
            [sys.executable, "-m", "eurasia_kg", "serve", "--store", str(store), "--port", "0", *options],
            stdout=subprocess.PIPE, stderr=stderr, text=True, env={**os.environ, **(env or {})},
        )
    try:
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if not found:
            process.kill()
            process.wait()
            raise AssertionError(f"serve printed no URL: {line!r}\n{log.read_text()}")
        server = Server(found.group(0), process, log)
        _wait_until_answering(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.unlink(missing_ok=True)


def _wait_until_answering(server: Server, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if server.query("ASK {}").status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{server.url} did not answer within {seconds:.0f} s")
