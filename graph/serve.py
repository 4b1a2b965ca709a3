"""Serve the store on one URL: SPARQL 1.1 Protocol, a query page, Linked Data, service description, VoID.

`serve(settings)` binds the port and runs, in the foreground until Ctrl-C, the supervisor of a
pool of query processes (`endpoint/server.py`); each process answers with pyoxigraph — the
Oxigraph engine — from the store's live generation and follows a new build when one goes live.
The HTTP routes are in `endpoint/app.py`.

Read-only by default, and then each query process keeps the answers it gave (a generation never
changes). With `writable` (a folder) and an update token, the server instead serves
that folder as a writable database of its own — made, the first time, as a copy of the live
generation — and accepts SPARQL updates that carry the token. Build generations are never
written; a writable copy is served by one process, so its requests are answered one at a time.
"""

from __future__ import annotations

import shutil
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from eurasia_kg.graph.endpoint.app import Endpoint
from eurasia_kg.graph.endpoint.http import Limits
from eurasia_kg.graph.endpoint.server import PoolSettings, Supervisor
from eurasia_kg.graph.store import StoreFolder, copy_database
from eurasia_kg.queries import QUERIES_DIR
from eurasia_kg.vocab import BASE


class ServeError(Exception):
    """The server cannot be started; the message says why."""


@dataclass(frozen=True)
class ServerSettings:
    store: Path  # the store folder whose live generation is served
    host: str = "127.0.0.1"
    port: int = 7878  # 0: any free port
    timeout_s: float = 30
    cors: bool = False
    base_iri: str = BASE  # request path /entity/china stands for BASE + "entity/china"
    max_request_bytes: int = 1024 * 1024
    max_result_bytes: int = 64 * 1024 * 1024
    max_workers: int = 16
    writable: Path | None = None  # serve this writable copy instead, accepting updates
    update_token: str | None = None


def serve(settings: ServerSettings, on_ready: Callable[[str], None] = lambda url: None) -> None:
    """Serve until interrupted; `on_ready` gets the URL once the port is bound."""
    if settings.writable is not None and not settings.update_token:
        raise ServeError("a writable store needs an update token (--update-token or $EURASIA_KG_UPDATE_TOKEN)")
    folder = StoreFolder(settings.store)
    if settings.writable is None:
        folder.database()  # StoreError now, before binding, when there is no store
        locate, open_store, workers = folder.database, lambda path: ox.Store.read_only(str(path)), (2, settings.max_workers)
    else:
        writable = _writable_copy(folder, settings.writable)
        locate, open_store, workers = (lambda: writable), lambda path: ox.Store(str(path)), (1, 1)
    listener = _bind(settings.host, settings.port)
    host, port = listener.getsockname()[:2]
    pool = PoolSettings(settings.timeout_s, Limits(max_body=settings.max_request_bytes), *workers)

    def start(database: Path) -> Endpoint:
        return Endpoint(open_store(database), base_iri=settings.base_iri, queries_dir=QUERIES_DIR,
                        timeout_s=settings.timeout_s, max_result_bytes=settings.max_result_bytes,
                        update_token=settings.update_token, cors=settings.cors)

    on_ready(f"http://{host if host != '0.0.0.0' else '127.0.0.1'}:{port}/")
    try:
        Supervisor(listener, pool, locate, start, follow=settings.writable is None).run()
    except RuntimeError as error:
        raise ServeError(str(error)) from None
    finally:
        listener.close()


def _bind(host: str, port: int) -> socket.socket:
    try:
        listener = socket.create_server((host, port), backlog=256, reuse_port=False)
    except OSError as error:
        raise ServeError(f"cannot listen on {host}:{port} ({error.strerror or error}); choose another --port") from None
    return listener


def _writable_copy(folder: StoreFolder, path: Path) -> Path:
    """The writable database at `path`, made as a copy of the live generation if it is not there yet."""
    if path.exists():
        if not (path / "CURRENT").is_file():
            raise ServeError(f"{path}: exists but is not an Oxigraph database; name a new folder for --writable")
        return path
    try:
        copy_database(folder.database(), path)
    except OSError as error:
        shutil.rmtree(path, ignore_errors=True)
        raise ServeError(f"{path}: cannot copy the live store here ({error})") from None
    return path


def oxigraph_binary() -> str:
    """The `oxigraph` server command beside this Python, or on PATH (the raw engine, for comparison)."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise ServeError("the `oxigraph` server command is not installed; run `pip install oxigraph`")
    return found
