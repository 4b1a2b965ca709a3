"""Serve the live store over SPARQL 1.1 with the Oxigraph server, read-only.

The Oxigraph server (`oxigraph serve-read-only`, from the `oxigraph` package) answers the SPARQL
protocol and offers the YASGUI page at `/`; the union of the named graphs is the default graph.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


class ServeError(Exception):
    """The server cannot be started; the message says why."""


@dataclass(frozen=True)
class ServerSettings:
    database: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout_s: int = 30
    cors: bool = False

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"


def oxigraph_binary() -> str:
    """The `oxigraph` command beside this Python, or on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise ServeError("the `oxigraph` server command is not installed; run `pip install oxigraph`")
    return found


def server_command(settings: ServerSettings) -> list[str]:
    command = [
        oxigraph_binary(),
        "serve-read-only",
        "--location", str(settings.database),
        "--bind", f"{settings.host}:{settings.port}",
        "--union-default-graph",
        "--timeout-s", str(settings.timeout_s),
    ]
    return command + (["--cors"] if settings.cors else [])


def start(settings: ServerSettings) -> subprocess.Popen:
    """Start the server in the background; the caller waits on it or stops it."""
    return subprocess.Popen(server_command(settings))
