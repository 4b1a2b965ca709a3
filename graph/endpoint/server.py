"""The processes behind the endpoint: a supervisor and a pool of query processes it can kill.

The supervisor binds the port and forks query processes; it never touches the store. Each query
process opens the store itself and serves one client connection at a time, running queries in
its own process with pyoxigraph — no hop between processes, so a request costs what it costs the
raw engine. What the engine cannot do, a process boundary does:

- A query that passes the time limit, or whose result grows past its cap, is stopped by ending
  its process. The process's watchdog thread (pyoxigraph releases the GIL while it evaluates)
  answers 504 or 422 with a message and exits; if a query has not gone a few seconds after the
  time limit the supervisor kills its process. A replacement starts at once, and the other
  processes go on answering other clients meanwhile.
- A query that has run for more than a second is lowered to nice 10, so quick queries from other
  clients keep a core; its process retires after answering.
- A new build (a new `current` generation) is picked up without a restart: processes on the old
  generation retire as soon as they are idle and new ones open the new generation, so every
  query runs on one generation from start to end.

Processes are added while clients hold all of them (up to `max_workers`) and retired when idle.
A process holding an idle keep-alive connection gives it up when every process is taken and a
new client is waiting. State is shared through a small scoreboard in anonymous shared memory.
"""

from __future__ import annotations

import mmap
import os
import select
import signal
import socket
import struct
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from eurasia_kg.graph.endpoint.http import Connection, HttpError, Limits, Request, Response

TICK_S = 0.1  # how often the supervisor looks at the scoreboard
WATCHDOG_TICK_S = 0.1
IDLE_POLL_S = 0.5  # how often an idle process looks for retirement or waiting clients
DEMOTE_AFTER_S = 1.0
KILL_GRACE_S = 3.0  # after the time limit, before the supervisor kills a process that did not stop
KEEP_ALIVE_S = 15.0
START_FAILURES_ALLOWED = 5
EXIT_STOPPED = 3
EXIT_CANNOT_START = 4

FREE, STARTING, ACCEPTING, WAITING, BUSY, SENDING = range(6)
_SLOT = struct.Struct("=iidi")  # pid, state, since (monotonic clock), retire
_STATE = struct.Struct("=id")  # the state and since fields, which a process updates on every request


class Scoreboard:
    """Per-process state in shared memory: written by each process, read by the supervisor."""

    def __init__(self, slots: int) -> None:
        self.slots = slots
        self.memory = mmap.mmap(-1, _SLOT.size * slots)

    def read(self, slot: int) -> tuple[int, int, float, int]:
        return _SLOT.unpack_from(self.memory, slot * _SLOT.size)

    def write(self, slot: int, pid: int, state: int, since: float, retire: int = 0) -> None:
        _SLOT.pack_into(self.memory, slot * _SLOT.size, pid, state, since, retire)

    def set_state(self, slot: int, state: int) -> None:
        _STATE.pack_into(self.memory, slot * _SLOT.size + 4, state, time.monotonic())

    def retire(self, slot: int) -> None:
        pid, state, since, _ = self.read(slot)
        _SLOT.pack_into(self.memory, slot * _SLOT.size, pid, state, since, 1)

    def retired(self, slot: int) -> bool:
        return self.read(slot)[3] == 1

    def count(self, *states: int) -> int:
        return sum(1 for slot in range(self.slots) if self.read(slot)[1] in states)


@dataclass(frozen=True)
class PoolSettings:
    timeout_s: float
    limits: Limits
    min_workers: int = 2
    max_workers: int = 16


class Handler(Protocol):
    """What a query process serves with (an `app.Endpoint`)."""

    def answer(self, request: Request) -> Response:
        """The response to a request."""

    def overrun(self, seconds: float) -> Response | None:
        """Asked by the watchdog while a request has run for `seconds`: the response to give up with
        (time limit passed, result over its cap), or None to let it run on."""


class QueryProcess:
    """One forked process: accept a connection, answer its requests in turn, repeat."""

    def __init__(self, slot: int, board: Scoreboard, listener: socket.socket, handler: Handler,
                 settings: PoolSettings) -> None:
        self.slot = slot
        self.board = board
        self.listener = listener
        self.handler = handler
        self.settings = settings
        self.write_lock = threading.Lock()
        self.busy: tuple[float, socket.socket, Request] | None = None
        self.idle_until = 0.0  # when an idle keep-alive connection is closed
        self.supervisor = os.getppid()

    def retiring(self) -> bool:
        """Asked to retire, or orphaned (the supervisor died without stopping us)."""
        return self.board.retired(self.slot) or os.getppid() != self.supervisor

    def serve_forever(self) -> None:
        threading.Thread(target=self._watchdog, daemon=True).start()
        while not self.retiring():
            self.board.set_state(self.slot, ACCEPTING)
            if not select.select([self.listener], [], [], IDLE_POLL_S)[0] or self.retiring():
                continue
            try:
                client, _ = self.listener.accept()
            except (BlockingIOError, InterruptedError):
                continue  # another process took it
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            try:
                self._serve_connection(Connection(client, self.settings.limits))
            finally:
                client.close()

    def _serve_connection(self, connection: Connection) -> None:
        while True:
            self.board.set_state(self.slot, WAITING)
            self.idle_until = time.monotonic() + KEEP_ALIVE_S
            try:
                request = connection.next_request(self._keep_waiting)
            except HttpError as error:
                if self._send(connection, "GET", Response.text(error.status, error.message, error.headers), False):
                    connection.linger()  # the rest of a refused request, so the client reads the answer
                return
            except OSError:
                return
            if request is None:
                return
            self.board.set_state(self.slot, BUSY)
            self.busy = (time.monotonic(), connection.sock, request)
            response = self.handler.answer(request)
            keep_alive = request.keep_alive and not self.board.retired(self.slot)
            self.board.set_state(self.slot, SENDING)
            if not self._send(connection, request.method, response, keep_alive) or not keep_alive:
                return

    def _send(self, connection: Connection, method: str, response: Response, keep_alive: bool) -> bool:
        with self.write_lock:
            self.busy = None
            try:
                connection.send(method, response, keep_alive)
            except OSError:
                return False
        return True

    def _keep_waiting(self) -> bool:
        """Whether to go on waiting for an idle client's next request, or close its connection."""
        return time.monotonic() < self.idle_until and not self.retiring() and not self._needed_elsewhere()

    def _needed_elsewhere(self) -> bool:
        """Every process is taken and a new client waits: give up this idle connection."""
        full = self.board.count(FREE) == 0 and self.board.count(ACCEPTING, STARTING) == 0
        return full and bool(select.select([self.listener], [], [], 0)[0])

    def _watchdog(self) -> None:
        """End the process, answering as the handler says, when the running request overruns."""
        while True:
            time.sleep(WATCHDOG_TICK_S)
            busy = self.busy
            if busy is None:
                continue
            started, sock, request = busy
            response = self.handler.overrun(time.monotonic() - started)
            if response is None or not self.write_lock.acquire(blocking=False):
                continue  # nothing wrong, or the answer is being written
            try:
                Connection(sock, self.settings.limits).send(request.method, response, False)
            except OSError:
                pass
            _log(f"stopped a request after {time.monotonic() - started:.1f} s ({response.status}): {_summary(request)}")
            os._exit(EXIT_STOPPED)


class Supervisor:
    """Keeps the pool of query processes alive, sized, on the live generation and within limits."""

    def __init__(self, listener: socket.socket, settings: PoolSettings,
                 locate: Callable[[], Path], start: Callable[[Path], Handler], follow: bool) -> None:
        """`locate` names the database to open now; `start` opens it in a new process and returns
        what answers requests; with `follow`, a new database location is picked up."""
        self.listener = listener
        self.settings = settings
        self.locate = locate
        self.start = start
        self.follow = follow
        self.board = Scoreboard(settings.max_workers)
        self.database = locate()
        self.demoted: set[int] = set()
        self.start_failures = 0
        self.stopping = False

    def run(self) -> None:
        """Supervise until SIGINT or SIGTERM, then stop every process."""
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._stop)
        self.listener.setblocking(False)
        try:
            while not self.stopping:
                self._reap()
                self._follow_generation()
                self._enforce_time_limit()
                self._balance()
                time.sleep(TICK_S)
        finally:
            self._shutdown()

    def _stop(self, signum, frame) -> None:
        self.stopping = True

    def _reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            for slot in range(self.board.slots):
                slot_pid, state, _, _ = self.board.read(slot)
                if slot_pid == pid:
                    if state == STARTING or os.waitstatus_to_exitcode(status) == EXIT_CANNOT_START:
                        self.start_failures += 1
                    self.board.write(slot, 0, FREE, 0.0)
            self.demoted.discard(pid)
        if self.start_failures > START_FAILURES_ALLOWED:
            raise RuntimeError("query processes keep failing to open the store; see the messages above")

    def _follow_generation(self) -> None:
        if not self.follow:
            return
        try:
            database = self.locate()
        except Exception:  # noqa: BLE001 - keep serving the generation we have
            return
        if database != self.database:
            self.database = database
            _log(f"a new build is live; switching to {database}")
            for slot in self._live_slots():
                self.board.retire(slot)

    def _enforce_time_limit(self) -> None:
        now = time.monotonic()
        for slot in self._live_slots():
            pid, state, since, _ = self.board.read(slot)
            if state != BUSY:
                continue
            if now - since > self.settings.timeout_s + KILL_GRACE_S:
                _log(f"killed query process {pid}: its query did not stop at the time limit")
                _signal(pid, signal.SIGKILL)
            elif now - since > DEMOTE_AFTER_S and pid not in self.demoted:
                self.demoted.add(pid)
                self.board.retire(slot)
                try:
                    os.setpriority(os.PRIO_PROCESS, pid, 10)
                except OSError:
                    pass

    def _balance(self) -> None:
        live = self._live_slots()
        if any(self.board.read(s)[1] in (ACCEPTING, WAITING, BUSY) for s in live):
            self.start_failures = 0
        ready = [s for s in live if self.board.read(s)[1] in (ACCEPTING, STARTING) and not self.board.retired(s)]
        current = [s for s in live if not self.board.retired(s)]
        if (not ready or len(current) < self.settings.min_workers) and len(live) < self.board.slots:
            self._spawn(self._free_slot())
        elif len(ready) > 2 and len(current) > self.settings.min_workers:
            self.board.retire(ready[-1])

    def _live_slots(self) -> list[int]:
        return [slot for slot in range(self.board.slots) if self.board.read(slot)[1] != FREE]

    def _free_slot(self) -> int:
        return next(slot for slot in range(self.board.slots) if self.board.read(slot)[1] == FREE)

    def _spawn(self, slot: int) -> None:
        self.board.write(slot, -1, STARTING, time.monotonic())
        pid = os.fork()
        if pid:
            self.board.write(slot, pid, STARTING, time.monotonic())
            return
        code = 0
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, lambda signum, frame: self.board.retire(slot))
            try:
                handler = self.start(self.database)
            except Exception as error:  # noqa: BLE001 - reported, then the supervisor decides
                _log(f"cannot open {self.database}: {error}")
                code = EXIT_CANNOT_START
            else:
                QueryProcess(slot, self.board, self.listener, handler, self.settings).serve_forever()
        except BaseException as error:  # noqa: BLE001 - a forked process must never return
            _log(f"query process failed: {error!r}")
            code = 1
        finally:
            sys.stderr.flush()
            os._exit(code)

    def _shutdown(self) -> None:
        live = self._live_slots()
        for slot in live:
            self.board.retire(slot)
            _signal(self.board.read(slot)[0], signal.SIGTERM)
        deadline = time.monotonic() + 5
        while self._live_slots() and time.monotonic() < deadline:
            self._reap()
            time.sleep(TICK_S)
        for slot in self._live_slots():
            _signal(self.board.read(slot)[0], signal.SIGKILL)
        for slot in self._live_slots():
            try:
                os.waitpid(self.board.read(slot)[0], 0)
            except ChildProcessError:
                pass


def _signal(pid: int, signum: int) -> None:
    if pid > 0:
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass


def _summary(request: Request) -> str:
    body = request.body[:160].decode("utf-8", "replace")
    return f"{request.method} {request.target[:160]}" + (f" {body!r}" if body else "")


def _log(message: str) -> None:
    print(f"eurasia-kg serve: {message}", file=sys.stderr, flush=True)
