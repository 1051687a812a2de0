"""Where the per-document work runs: in this process, in local worker processes, or on Dask.

The unit of work is a batch of documents, each with its cached parse if there is one
(:class:`WorkItem`); a worker returns one :class:`WorkOutput` per document, in order, with a new
parse to cache when it had to parse. Every worker holds its own loaded pipeline (a
:class:`~graphbuild.pipeline.Builder`), made once per process from the build's
:class:`~graphbuild.pipeline.BuildOptions`. Batches are submitted through a bounded window and
their results are taken back in submission order, so memory stays flat however long the
corpus and a run gives the same graph whatever the executor.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from .errors import GraphbuildError, Messages
from .records import Document, DocumentResult

if TYPE_CHECKING:
    from .pipeline import Builder, BuildOptions

EXECUTORS = ("local", "dask")
# Batches in flight per worker: enough to keep workers busy while the merger catches up.
WINDOW_PER_WORKER = 2


@dataclass(frozen=True, slots=True)
class WorkItem:
    document: Document
    parse: bytes | None = None  # the cached model parse (DocBin bytes), if any


@dataclass(frozen=True, slots=True)
class WorkOutput:
    result: DocumentResult
    parse: bytes | None = None  # a fresh parse to store in the cache


class _Future(Protocol):
    def result(self) -> Any: ...


# One pipeline per worker process, keyed by the options it was made from.
_BUILDERS: dict[BuildOptions, Builder] = {}


def worker_builder(options: BuildOptions) -> Builder:
    from .pipeline import Builder

    builder = _BUILDERS.get(options)
    if builder is None:
        _BUILDERS.clear()
        builder = _BUILDERS[options] = Builder(options)
    return builder


def process_batch(
    options: BuildOptions, items: list[WorkItem], keep_parses: bool
) -> list[WorkOutput]:
    """The task every executor runs: a batch of documents through the worker's pipeline."""
    return worker_builder(options).process_batch(items, keep_parses=keep_parses)


def _load(options: BuildOptions) -> None:
    worker_builder(options)


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


class LocalPool(AbstractContextManager["LocalPool"]):
    """``processes`` worker processes on this machine, each loading the pipeline once.

    Workers are started with ``spawn``: a forked copy of a process that has started threads
    (progress bars, SQLite, Dask) is not safe.
    """

    def __init__(self, options: BuildOptions, processes: int) -> None:
        self.options = options
        self.processes = processes
        self._pool = ProcessPoolExecutor(
            max_workers=processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_load,
            initargs=(options,),
        )

    def map(
        self, batches: Iterable[list[WorkItem]], *, keep_parses: bool
    ) -> Iterator[list[WorkOutput]]:
        def submit(batch: list[WorkItem]) -> _Future:
            return self._pool.submit(process_batch, self.options, batch, keep_parses)

        return ordered_window(submit, batches, self.processes * WINDOW_PER_WORKER)

    def __exit__(self, *exc_info: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskPool(AbstractContextManager["DaskPool"]):
    """The same work on a Dask cluster: the one at ``scheduler``, else a ``LocalCluster``.

    A real cluster's workers need graphbuild and the spaCy model installed, and any extra rules
    or gazetteer files at the same paths; documents and cached parses travel with the tasks.
    """

    def __init__(self, options: BuildOptions, processes: int, scheduler: str | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise GraphbuildError(Messages.E_NO_DASK) from None

        self.options = options
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
            return self._client.submit(process_batch, self.options, batch, keep_parses, pure=False)

        return ordered_window(submit, batches, self.window)

    def __exit__(self, *exc_info: object) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
