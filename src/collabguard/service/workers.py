"""Screenings run off the event loop, a bounded number at a time, within a time budget.

The event loop only reads requests and writes answers: every screening, and the reading of its
JSON body, runs in a pool of ``COLLABGUARD_SERVICE_THREADS`` threads, so /healthz (which runs on the
loop and never takes a slot) answers while they work. A request takes a slot before its work
starts; when all slots are taken it waits up to ``COLLABGUARD_QUEUE_SECONDS`` and is then refused
with :class:`Busy` (503 with Retry-After). Its answer is awaited up to ``COLLABGUARD_REQUEST_SECONDS``
after its work starts, then refused with :class:`Busy` too. Python cannot stop a thread: work that
runs past the budget goes on to its end and keeps its slot until then, so the service never runs
more screenings at once than it has slots. Work made of steps (a batch: proposal by proposal) reads
:attr:`Job.deadline` and stops itself in time.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from typing import TypeVar

T = TypeVar("T")


class Busy(Exception):
    """The request was not served for lack of capacity or time: 503, retry after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Job:
    """What a piece of work knows about its own budget."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started = time.monotonic()
        self.deadline = self.started + seconds


class Workers:
    """A pool of ``threads`` threads and as many slots."""

    def __init__(self, threads: int, queue_seconds: float, request_seconds: float) -> None:
        self.threads = threads
        self.queue_seconds = queue_seconds
        self.request_seconds = request_seconds
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="collabguard-screening")
        self._slots: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _slots_here(self, loop: asyncio.AbstractEventLoop) -> asyncio.Semaphore:
        # one semaphore per event loop (a server has one; a test client may start several in turn)
        if self._loop is not loop or self._slots is None:
            self._loop, self._slots = loop, asyncio.Semaphore(self.threads)
        return self._slots

    async def run(self, work: Callable[[Job], T]) -> T:
        """``work(job)`` in a pool thread, once a slot is free; its result."""
        loop = asyncio.get_running_loop()
        slots = self._slots_here(loop)
        retry_after = max(1, round(self.queue_seconds))
        try:
            async with asyncio.timeout(self.queue_seconds):
                await slots.acquire()
        except TimeoutError:
            raise Busy(f"the service is busy ({self.threads} screenings running, and this request waited "
                       f"{self.queue_seconds:g} s for one to end); try again in {retry_after} s", retry_after) from None

        def release(_: Future[T]) -> None:
            with suppress(RuntimeError):  # a closed loop (a test client's, gone): nothing waits on it any more
                loop.call_soon_threadsafe(slots.release)

        future = self.pool.submit(lambda: work(Job(self.request_seconds)))
        future.add_done_callback(release)  # the slot is freed when the work ends, not when its answer is given up
        try:
            async with asyncio.timeout(self.request_seconds):
                return await asyncio.shield(asyncio.wrap_future(future))
        except TimeoutError:
            raise Busy(f"the request's work took longer than its time budget of {self.request_seconds:g} s "
                       "(COLLABGUARD_REQUEST_SECONDS); send less at a time", retry_after) from None
