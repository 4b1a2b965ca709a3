"""Where the per-document work of a build runs: in this process, in local worker processes, or on Dask.

The documents of a corpus are independent of each other, so each can be extracted and validated
anywhere. An executor takes a work function, a context every call shares (the pipeline and the
shapes: sent to each worker once) and a stream of items; it yields each item with its result as
soon as that is ready. Only a few items are in flight at a time, so a corpus streams through and is
never held in memory at once.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from contextlib import contextmanager
from functools import partial
from typing import Any, Callable, Iterable, Iterator, Protocol, TypeVar

EXECUTORS = ("local", "dask")
IN_FLIGHT_PER_WORKER = 2  # enough to keep a worker busy while its last result travels back

Item = TypeVar("Item")
Result = TypeVar("Result")
Work = Callable[[Any, Item], Result]


class ExecutorError(Exception):
    """The executor could not start, or lost a worker; the message says which documents and why."""


class Executor(Protocol):
    """Runs `work(context, item)` for each item; yields (item, result) pairs in the order they finish."""

    def map(self, work: Work[Item, Result], items: Iterable[Item]) -> Iterator[tuple[Item, Result]]: ...


@contextmanager
def open_executor(kind: str, context: Any, jobs: int = 1, scheduler: str | None = None) -> Iterator[Executor]:
    """An executor of `kind` ("local" or "dask") with `jobs` workers, closed when the block ends.

    "local" with one job runs everything in this process. "dask" connects to the scheduler at
    `scheduler` (e.g. tcp://10.0.0.5:8786), or starts a local Dask cluster of `jobs` processes.
    """
    if kind not in EXECUTORS:
        raise ExecutorError(f"unknown executor {kind!r}; choose one of {', '.join(EXECUTORS)}")
    if jobs < 1:
        raise ExecutorError(f"the number of jobs must be at least 1, not {jobs}")
    if kind == "dask":
        executor: InProcess | LocalProcesses | DaskCluster = DaskCluster(context, jobs, scheduler)
    elif jobs == 1:
        executor = InProcess(context)
    else:
        executor = LocalProcesses(context, jobs)
    try:
        yield executor
    finally:
        executor.close()


class InProcess:
    """Runs the work here, one item after the other."""

    def __init__(self, context: Any) -> None:
        self.context = context

    def map(self, work: Work[Item, Result], items: Iterable[Item]) -> Iterator[tuple[Item, Result]]:
        for item in items:
            yield item, work(self.context, item)

    def close(self) -> None:
        pass


_context: Any = None  # what a forked worker inherits from its parent


class LocalProcesses:
    """Forked worker processes on this machine; they inherit the context instead of unpickling it.

    The workers are forked when the executor is made, so they hold nothing the parent opens later
    (such as the new store generation). Each stops by itself if its parent dies.
    """

    def __init__(self, context: Any, jobs: int) -> None:
        global _context
        _context = context
        self.jobs = jobs
        self.pool = ProcessPoolExecutor(
            jobs, mp_context=multiprocessing.get_context("fork"), initializer=_become_worker, initargs=(os.getpid(),)
        )
        self.pool.submit(int).result()  # with fork, the first task starts every worker

    def map(self, work: Work[Item, Result], items: Iterable[Item]) -> Iterator[tuple[Item, Result]]:
        def submit(item: Item) -> Future[Result]:
            return self.pool.submit(_call_with_context, work, item)

        wait = partial(wait_futures, return_when=FIRST_COMPLETED)
        yield from _bounded(submit, wait, items, self.jobs * IN_FLIGHT_PER_WORKER)

    def close(self) -> None:
        global _context
        self.pool.shutdown(cancel_futures=True)
        _context = None


def _call_with_context(work: Work[Item, Result], item: Item) -> Result:
    return work(_context, item)


def _become_worker(parent: int) -> None:
    # Ctrl-C reaches the whole process group: the parent decides, a worker must not die mid-task.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    # A parent killed with SIGKILL cannot stop its workers; they notice and go.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


class DaskCluster:
    """Workers of a Dask distributed cluster: a running scheduler's, or a local cluster started here.

    The context is scattered to every worker once; items travel as pickles, so they must carry
    their data (a document's bytes, not only its path) when the workers are on other machines.
    """

    def __init__(self, context: Any, jobs: int, scheduler: str | None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - dask is a dependency
            raise ExecutorError("the dask executor needs `pip install 'dask[distributed]'`") from None
        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="30s")
            else:
                self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as error:
            self.close()
            raise ExecutorError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {error}") from None
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        [self.context] = self.client.scatter([context], broadcast=True)

    def map(self, work: Work[Item, Result], items: Iterable[Item]) -> Iterator[tuple[Item, Result]]:
        from distributed import wait

        submit = partial(self.client.submit, work, self.context, pure=False)
        wait_first = partial(wait, return_when="FIRST_COMPLETED")
        yield from _bounded(submit, wait_first, items, self.workers * IN_FLIGHT_PER_WORKER)

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self.cluster is not None:
            self.cluster.close()


def _bounded(submit: Callable, wait: Callable, items: Iterable[Item], window: int) -> Iterator[tuple[Item, Any]]:
    """Submit items while fewer than `window` are pending; yield (item, result) as each finishes."""
    pending: dict[Any, Item] = {}

    def finished() -> Iterator[tuple[Item, Any]]:
        done, _ = wait(list(pending))
        for future in done:
            try:
                result = future.result()
            except Exception as error:  # noqa: BLE001 - the work never raises: a worker died or was lost
                lost = ", ".join(str(item) for item in pending.values())
                raise ExecutorError(f"a worker died while working on {lost} ({type(error).__name__}: {error})") from None
            yield pending.pop(future), result

    for item in items:
        pending[submit(item)] = item
        if len(pending) >= window:
            yield from finished()
    while pending:
        yield from finished()
