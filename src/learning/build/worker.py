"""Run pure work in a second process: :class:`Worker` is the entry point.

A build has two kinds of work: the site engine's (converting Markdown, filling templates),
which runs in one process, and ours, much of which is only needed when pages are written.
Handing ours to a second process lets a two-core machine do both at once.

Work must be a module-level function of picklable arguments that returns picklable data,
and must give the same answer wherever it runs. When no process can be started (a sandbox
without process support, a frozen interpreter), or the worker dies, the work runs in this
process instead, so a result never depends on where it was computed.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import multiprocessing
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Generic, TypeVar, cast

T = TypeVar("T")

_CANNOT_START = (OSError, NotImplementedError, RuntimeError, ImportError, BrokenProcessPool)


class Worker:
    """One other process that runs the work given to it, in order.

    ``submit`` returns, for each piece of work, a :class:`Pending` that waits for its result
    and returns it (exceptions raised by the work are raised there). With
    ``in_process``, nothing is started and each piece runs here when first asked for.
    Call :meth:`close` once all work is submitted: the process then exits when done.
    """

    def __init__(self, *, in_process: bool = False):
        # "spawn" everywhere: a fresh interpreter behaves the same on Linux, macOS and
        # Windows, and does not copy the parent's memory or threads as "fork" would.
        # The process itself starts with the first piece of work.
        self._executor = None
        if not in_process:
            with contextlib.suppress(*_CANNOT_START):
                self._executor = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_started
                )

    def submit(self, function: Callable[..., T], /, *args, **kwargs) -> Pending[T]:
        work = partial(function, *args, **kwargs)
        if self._executor is not None:
            try:
                return Pending(work, self._executor.submit(work))
            except _CANNOT_START:
                self._executor = None
        return Pending(work)

    def close(self, *, cancel: bool = False, wait: bool = False) -> None:
        """No more work will be submitted; with ``cancel``, work not yet started is dropped
        (asking for its result then runs it here). With ``wait``, return once the process
        has exited: an interpreter that exits while the process is still being shut down
        can print an error from the standard library's own exit handler."""
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=cancel)


def _started() -> None:
    # The worker's objects need not be collected as it exits (the build waits for its exit):
    # set aside from the collector, they are only freed.
    atexit.register(gc.freeze)


class Pending(Generic[T]):
    """Submitted work: call it for the result (computed once; later calls return the same
    object). :meth:`claim` takes the work back if the worker has not started it, so that
    the call runs it here: two processes can then share a list of pieces from both ends."""

    def __init__(self, work: Callable[[], T], future: Future[T] | None = None):
        self._work: Callable[[], T] | None = work
        self._future = future
        self._done = False
        self._result: T | None = None

    def ready(self) -> bool:
        """Whether calling now would not wait for the other process (work that runs here,
        when called, counts as ready)."""
        return self._done or self._future is None or self._future.done()

    def claim(self) -> None:
        if self._future is not None:
            self._future.cancel()

    def __call__(self) -> T:
        if not self._done:
            self._result = self._compute()
            self._done = True
            self._work = self._future = None
        return cast(T, self._result)

    def _compute(self) -> T:
        work = self._work
        assert work is not None, "computed once"
        if self._future is None:
            return work()
        try:
            return self._future.result()
        except (BrokenProcessPool, CancelledError):
            return work()
