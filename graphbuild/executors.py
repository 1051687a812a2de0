"""Where the per-document work runs: in this process, in local worker processes, or on Dask.

The unit of work is a batch of documents, each with its cached parse if there is one
(:class:`WorkItem`); a worker returns one :class:`WorkOutput` per document, in order, with a new
parse to cache when it had to parse. The work itself (a ``Task``) and the once-per-process
setup of a worker (loading its pipeline) are handed in by :mod:`graphbuild.pipeline`, which this
module does not import. Batches are submitted through a bounded window and
their results are taken back in submission order, so memory stays flat however long the
corpus and a run gives the same graph whatever the executor.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from .errors import GraphbuildError, Messages
from .records import Document, DocumentResult

EXECUTORS = ("local", "dask")
# Batches in flight per worker: enough to keep workers busy while the merger catches up.
WINDOW_PER_WORKER = 2
# Seconds a worker is given to end after SIGTERM before it is killed.
WORKER_EXIT_SECONDS = 5.0
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


@dataclass(frozen=True, slots=True)
class WorkItem:
    document: Document
    parse: bytes | None = None  # the cached model parse (DocBin bytes), if any


@dataclass(frozen=True, slots=True)
class WorkOutput:
    result: DocumentResult
    parse: bytes | None = None  # a fresh parse to store in the cache
    repaired: bool = False  # the cached parse was corrupt; ``parse`` replaces it


# The work every executor runs: (settings, batch, keep_parses) -> one output per item. The
# pipeline supplies it, so this module never imports the pipeline.
Task = Callable[[Any, list[WorkItem], bool], list[WorkOutput]]
Setup = Callable[[Any], None]


class _Future(Protocol):
    def result(self) -> Any: ...


def ordered_window(
    submit: Callable[[list[WorkItem]], _Future], batches: Iterable[list[WorkItem]], window: int
) -> Iterator[list[WorkOutput]]:
    """Submit batches with at most ``window`` in flight; yield their outputs in order."""
    pending: deque[_Future] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _start_worker(setup: Setup, settings: Hashable, parent: int) -> None:
    """Runs first in every worker process.

    Ctrl-C reaches every process of the terminal's group: workers ignore it and the main
    process stops them, so an interrupt gives one message, not one traceback per worker. On
    Linux a worker is also sent SIGTERM when the main process dies, even by SIGKILL, so no
    worker outlives its build.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":
        # a libc without prctl: the main process still stops workers on SIGTERM
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM))
    if os.getppid() != parent:
        os._exit(1)  # the build died while this worker was starting, before the request above
    setup(settings)


class LocalPool(AbstractContextManager["LocalPool"]):
    """``processes`` worker processes on this machine, each running ``setup(settings)`` once.

    Workers are started with ``spawn``: a forked copy of a process that has started threads
    (progress bars, SQLite, Dask) is not safe. Leaving the pool with an exception (including
    KeyboardInterrupt, or SystemExit from a SIGTERM handler) terminates the workers at once
    instead of waiting for their batches.
    """

    def __init__(self, task: Task, settings: Hashable, processes: int, setup: Setup) -> None:
        self.task = task
        self.settings = settings
        self.processes = processes
        self._pool = ProcessPoolExecutor(
            max_workers=processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(setup, settings, os.getpid()),
        )

    def map(
        self, batches: Iterable[list[WorkItem]], *, keep_parses: bool
    ) -> Iterator[list[WorkOutput]]:
        def submit(batch: list[WorkItem]) -> _Future:
            return self._pool.submit(self.task, self.settings, batch, keep_parses)

        return ordered_window(submit, batches, self.processes * WINDOW_PER_WORKER)

    def __exit__(self, exc_type: object, *exc_info: object) -> None:
        if exc_type is None:
            self._pool.shutdown(wait=True)
            return
        # The executor has no public way to stop running work: its process table is the one
        # handle on the workers.
        workers = list(getattr(self._pool, "_processes", {}).values())
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
        for worker in workers:
            worker.join(WORKER_EXIT_SECONDS)
            if worker.is_alive():
                worker.kill()
                worker.join()
        self._pool.shutdown(wait=False, cancel_futures=True)


class DaskPool(AbstractContextManager["DaskPool"]):
    """The same work on a Dask cluster: the one at ``scheduler``, else a ``LocalCluster``.

    A real cluster's workers need graphbuild and the spaCy model installed, and any extra rules
    or gazetteer files at the same paths; documents and cached parses travel with the tasks.
    """

    def __init__(
        self, task: Task, settings: Hashable, processes: int, scheduler: str | None = None
    ) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise GraphbuildError(Messages.E_NO_DASK) from None

        self.task = task
        self.settings = settings
        self._cluster = None
        try:
            if scheduler is None:
                self._cluster = LocalCluster(
                    n_workers=processes,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=True,
                )
                self._client = Client(self._cluster)
            else:
                self._client = Client(scheduler)
        except (OSError, TimeoutError) as error:
            if self._cluster is not None:
                self._cluster.close()
            raise GraphbuildError(
                Messages.E_DASK_CONNECT.format(scheduler=scheduler or "a LocalCluster", error=error)
            ) from None
        workers = len(self._client.scheduler_info().get("workers", {})) or processes
        self.window = max(1, workers) * WINDOW_PER_WORKER

    def map(
        self, batches: Iterable[list[WorkItem]], *, keep_parses: bool
    ) -> Iterator[list[WorkOutput]]:
        def submit(batch: list[WorkItem]) -> _Future:
            # pure=False: two identical batches are still two pieces of work to return.
            return self._client.submit(self.task, self.settings, batch, keep_parses, pure=False)

        return ordered_window(submit, batches, self.window)

    def __exit__(self, *exc_info: object) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
