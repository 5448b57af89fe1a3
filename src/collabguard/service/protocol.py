"""uvicorn's h11 protocol with a deadline for the request head.

uvicorn closes a kept-alive connection that stays silent (``timeout_keep_alive``), but a client that
sends a byte every few seconds restarts that timer with each byte, and a connection that has sent
nothing since it opened has no timer at all: such clients hold connections as long as they like
(slowloris). Here the whole request head (request line and headers) must arrive within
``COLLABGUARD_HEADER_SECONDS`` of the connection opening, or of the previous answer on a kept-alive
connection; otherwise the connection is closed. Its size is bounded by h11 (16 KiB,
uvicorn's ``h11_max_incomplete_event_size``); the body's time and size are the
:class:`~collabguard.service.intake.Intake` middleware's.

Used by ``collabguard serve`` as uvicorn's ``http`` protocol class.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from collabguard.service.settings import setting


class TimedH11Protocol(H11Protocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_seconds = setting("header_seconds")
        self.head_deadline: asyncio.TimerHandle | None = None

    def _await_head(self) -> None:
        self._head_arrived()
        self.head_deadline = self.loop.call_later(self.header_seconds, self._head_too_late)

    def _head_arrived(self) -> None:
        if self.head_deadline is not None:
            self.head_deadline.cancel()
            self.head_deadline = None

    def _head_too_late(self) -> None:
        self.head_deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_head()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._head_arrived()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._await_head()  # a kept-alive connection: the next request's head has the same time

    def connection_lost(self, exc: Exception | None) -> None:
        self._head_arrived()
        super().connection_lost(exc)
