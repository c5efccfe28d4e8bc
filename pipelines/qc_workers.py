"""QC off the generate loop's critical path: `check_conversation` in a worker process.

Contract:
- `submit(payload, conv, record)` queues one check; `done()` returns `(payload, flags)` of every check
  finished so far without waiting; `wait()` returns those of every check still queued. `payload` never
  leaves this process. The flags are exactly `check_conversation(conv, record, lookup(record.target))`
  under the same active knowledge (each worker activates the recipe's knowledge files), so where a check
  runs changes no output;
- workers: `MEDSEGQA_QC_WORKERS` when set (0 = inline), else one less than the usable CPUs, at most 2;
  with one CPU, or when no worker can start, checks run inline in `submit` (same results);
- a worker ignores SIGINT (the parent handles Ctrl-C and closes the pool) and exits by itself when its
  parent is gone, so a SIGKILLed `generate` leaves no orphan behind.

Why: profiled, QC is about two thirds of the client CPU per conversation. In the process that runs the
openai backend's event loop, every check pauses the requests in flight (their answers wait, no new request
goes out); a thread would not help (QC is pure Python and holds the GIL), a process uses another core.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from typing import Any

log = logging.getLogger(__name__)
MAX_WORKERS = 2


def worker_count() -> int:
    env = os.environ.get("MEDSEGQA_QC_WORKERS", "").strip()
    if env:
        return max(0, int(env))
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(0, min(MAX_WORKERS, cpus - 1))


def _check(conv, record) -> list[str]:
    from medseg_qa.knowledge import lookup
    from medseg_qa.qc import check_conversation

    return check_conversation(conv, record, lookup(record.target))


def _start_worker(knowledge: tuple[str, ...], parent: int) -> None:
    import signal
    import time

    from medseg_qa.knowledge import use_knowledge

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    use_knowledge(knowledge)

    def orphaned() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=orphaned, daemon=True, name="qc-parent-watch").start()


class QCWorkers:
    """See the module docstring. Use as a context manager (the pool is shut down on exit)."""

    def __init__(self, knowledge: tuple[str, ...] | list[str] = (), workers: int | None = None) -> None:
        self._finished: queue.SimpleQueue = queue.SimpleQueue()
        self._payloads: dict[int, Any] = {}
        self._next = 0
        self._pool = None
        n = worker_count() if workers is None else workers
        if n > 0:
            self._pool = self._start(tuple(knowledge), n)

    @staticmethod
    def _start(knowledge: tuple[str, ...], n: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork inherits the imported modules and the active knowledge (no start-up import), safe while this
        # process has no other thread; otherwise spawn
        fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
        ctx = multiprocessing.get_context("fork" if fork else "spawn")
        try:
            return ProcessPoolExecutor(n, mp_context=ctx, initializer=_start_worker,
                                       initargs=(knowledge, os.getpid()))
        except (OSError, ValueError) as exc:
            log.warning("QC workers could not start (%s); QC runs inline", exc)
            return None

    def submit(self, payload: Any, conv, record) -> None:
        token, self._next = self._next, self._next + 1
        self._payloads[token] = payload
        if self._pool is not None:
            try:
                fut = self._pool.submit(_check, conv, record)
            except RuntimeError as exc:  # BrokenProcessPool (a worker died) or shut down: go on inline
                log.warning("QC workers stopped (%s); QC runs inline", exc)
                self._pool = None
            else:
                fut.add_done_callback(lambda f, t=token, c=conv, r=record: self._finished.put((t, f, c, r)))
                return
        self._finished.put((token, _check(conv, record), None, None))

    def _result(self, item) -> tuple[Any, list[str]]:
        token, fut, conv, record = item
        if conv is None:  # checked inline
            flags = fut
        else:
            try:
                flags = fut.result()
            except Exception as exc:  # noqa: BLE001  the worker died under this check: redo it here
                log.warning("a QC worker failed (%s); checking %s inline", type(exc).__name__,
                            conv.conversation_id)
                flags = _check(conv, record)
        return self._payloads.pop(token), flags

    def done(self) -> list[tuple[Any, list[str]]]:
        out = []
        while True:
            try:
                out.append(self._result(self._finished.get_nowait()))
            except queue.Empty:
                return out

    def wait(self) -> list[tuple[Any, list[str]]]:
        out = []
        while self._payloads:
            out.append(self._result(self._finished.get()))
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "QCWorkers":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
