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
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)
MAX_WORKERS = 2
MAX_QUEUED = 16  # checks sent to a worker and not read back; more wait here (a full pipe would block `submit`)


def worker_count() -> int:
    """MEDSEGQA_QC_WORKERS when set, else one less than the usable CPUs (the event loop keeps one), at most 2."""
    env = os.environ.get("MEDSEGQA_QC_WORKERS", "").strip()
    if env:
        if not env.isdigit():
            from medseg_qa.errors import ConfigError

            raise ConfigError(f"MEDSEGQA_QC_WORKERS={env!r} is not a count; set it to 0 (QC in the generating "
                              "process) or a number of QC worker processes")
        return int(env)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(0, min(MAX_WORKERS, cpus - 1))


def _check(conv, record) -> list[str]:
    from medseg_qa.knowledge import lookup
    from medseg_qa.qc import check_conversation

    return check_conversation(conv, record, lookup(record.target))


def _worker(conn, knowledge: tuple[str, ...], parent: int) -> None:
    """A worker's loop: (token, conv, record) in, (token, flags) out; flags None when the check raised (the
    parent runs it again itself, so the error surfaces there as it would without workers); None ends it."""
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
    while (task := conn.recv()) is not None:
        token, conv, record = task
        try:
            flags = _check(conv, record)
        except Exception:  # noqa: BLE001  reported by the parent's own run of the check
            flags = None
        conn.send((token, flags))


@dataclass
class _Worker:
    process: Any
    conn: Any
    queued: dict = field(default_factory=dict)  # token -> (conv, record)


class QCWorkers:
    """See the module docstring. Use as a context manager (the workers stop on exit).

    No thread in this process: tasks are written to each worker's pipe and results read back with a
    zero-timeout poll when the caller asks, so the event loop's thread never waits for the GIL."""

    def __init__(self, knowledge: tuple[str, ...] | list[str] = (), workers: int | None = None) -> None:
        self._payloads: dict[int, Any] = {}
        self._finished: list[tuple[int, list[str]]] = []
        self._backlog: deque = deque()  # (token, conv, record) not yet sent to a worker
        self._next = 0
        self._workers: list[_Worker] = []
        n = worker_count() if workers is None else workers
        if n > 0:
            self._start(tuple(knowledge), n)

    def _start(self, knowledge: tuple[str, ...], n: int) -> None:
        import multiprocessing

        # fork inherits the imported modules and the active knowledge (no start-up import), safe while this
        # process has no other thread; otherwise spawn
        fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
        ctx = multiprocessing.get_context("fork" if fork else "spawn")
        try:
            for _ in range(n):
                mine, theirs = ctx.Pipe()
                proc = ctx.Process(target=_worker, args=(theirs, knowledge, os.getpid()), daemon=True,
                                   name="medsegqa-qc")
                proc.start()
                theirs.close()
                self._workers.append(_Worker(proc, mine))
        except OSError as exc:
            log.warning("QC workers could not start (%s); QC runs in this process", exc)
            self.close()

    def submit(self, payload: Any, conv, record) -> None:
        """Queue one check; never waits for a worker (when they are all busy it waits here, in memory)."""
        token, self._next = self._next, self._next + 1
        self._payloads[token] = payload
        if not self._workers:
            self._finished.append((token, _check(conv, record)))
            return
        self._backlog.append((token, conv, record))
        self._feed()

    def _feed(self) -> None:
        while self._backlog and self._workers:
            worker = min(self._workers, key=lambda w: len(w.queued))
            if len(worker.queued) >= MAX_QUEUED:
                return
            token, conv, record = task = self._backlog.popleft()
            try:
                worker.conn.send(task)
                worker.queued[token] = (conv, record)
            except OSError:
                self._backlog.appendleft(task)
                self._lost(worker)
        while self._backlog and not self._workers:  # none left
            token, conv, record = self._backlog.popleft()
            self._finished.append((token, _check(conv, record)))

    def _read(self, worker: _Worker, block: bool = False) -> None:
        try:
            while worker.queued and (block or worker.conn.poll(0)):
                token, flags = worker.conn.recv()
                conv, record = worker.queued.pop(token)
                self._finished.append((token, flags if flags is not None else _check(conv, record)))
                block = False
        except (EOFError, OSError):
            self._lost(worker)

    def _lost(self, worker: _Worker) -> None:
        """A worker died (killed, out of memory): its queued checks run here; the others go on (with none
        left, every later check runs here)."""
        worker.process.join(timeout=1)
        log.warning("a QC worker stopped (exit code %s); its checks run in this process", worker.process.exitcode)
        self._workers.remove(worker)
        for token, (conv, record) in worker.queued.items():
            self._finished.append((token, _check(conv, record)))
        worker.queued.clear()
        worker.conn.close()

    def done(self) -> list[tuple[Any, list[str]]]:
        """(payload, flags) of every check finished so far; never waits."""
        for worker in list(self._workers):
            self._read(worker)
        self._feed()
        out = [(self._payloads.pop(token), flags) for token, flags in self._finished]
        self._finished.clear()
        return out

    def wait(self) -> list[tuple[Any, list[str]]]:
        """(payload, flags) of every check submitted and not yet returned."""
        from multiprocessing.connection import wait

        self._feed()
        while busy := [w for w in self._workers if w.queued]:
            for conn in wait([w.conn for w in busy]):
                self._read(next(w for w in busy if w.conn is conn), block=True)
            self._feed()
        return self.done()

    def close(self) -> None:
        """Stop the workers (a check still queued is dropped: its answer is in the cache)."""
        workers, self._workers = self._workers, []
        for worker in workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        for worker in workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(timeout=5)
            worker.conn.close()

    def __enter__(self) -> "QCWorkers":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
