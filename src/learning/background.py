"""Run pure work in a second process: :func:`in_background` is the entry point.

A build has two kinds of work: the site engine's (converting Markdown, filling templates),
which runs in one process, and ours, much of which is only needed when pages are written.
Handing ours to a second process lets a two-core machine do both at once.

The work must be a module-level function of picklable arguments that returns picklable
data, and must give the same answer wherever it runs. When no process can be started
(a sandbox without process support, a frozen interpreter), or the worker dies, the work
runs in this process instead, so the result never depends on where it was computed.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import TypeVar

T = TypeVar("T")


def in_background(function: Callable[..., T], inputs: Sequence, /, **kwargs) -> list[Callable[[], T]]:
    """Start ``function(item, **kwargs)`` for each item of ``inputs``, in order, in one other
    process; return, for each, a function that waits for its result and returns it
    (computed once). Exceptions raised by ``function`` are raised by that call.

    Work is split into several inputs so that the worker never holds more than one input's
    data and result, and results can be used as soon as their own input is done."""
    works = [partial(function, item, **kwargs) for item in inputs]
    if not works:
        return []
    try:
        # "spawn" everywhere: a fresh interpreter behaves the same on Linux, macOS and
        # Windows, and does not copy the parent's memory or threads as "fork" would.
        executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        futures = [executor.submit(work) for work in works]
        # The worker finishes the queued work, then exits and returns its memory.
        executor.shutdown(wait=False)
    except (OSError, NotImplementedError, RuntimeError, ImportError):
        return on_demand(function, inputs, **kwargs)
    return [_Once(partial(_collect, future, work)) for future, work in zip(futures, works)]


def on_demand(function: Callable[..., T], inputs: Sequence, /, **kwargs) -> list[Callable[[], T]]:
    """Like :func:`in_background`, but each input's work runs in this process when its
    result is first asked for."""
    return [_Once(partial(function, item, **kwargs)) for item in inputs]


def _collect(future: Future, work: Callable[[], T]) -> T:
    try:
        return future.result()
    except BrokenProcessPool:
        return work()


class _Once:
    """A function of no arguments that computes its result on the first call only."""

    _unset = object()

    def __init__(self, compute: Callable[[], T]):
        self._compute = compute
        self._result = self._unset

    def __call__(self) -> T:
        if self._result is self._unset:
            self._result = self._compute()
            self._compute = None
        return self._result
