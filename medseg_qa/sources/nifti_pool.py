"""Running NIfTI cases in file order, in this process or in a pool of worker processes.

Reading and windowing a volume, and the per-item work a caller adds (`transform`, e.g. PNG encoding),
are where the `nifti` source spends its time, so with `workers > 1` they run in a process pool: a
worker holds one volume at a time and at most `workers` volumes are in flight, so memory stays
bounded. Results are yielded in case then slice order, the same as with one worker, and an ItemError
(from the case or raised by `transform`) travels back as an ItemError with the same code, message and
location.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable, Iterator, Optional

from medseg_qa.errors import ItemError

from .base import SourceItem
from .nifti_slices import Case, Plan, case_items, case_slices, to_item


def run_cases(plan: Plan, cases: list[Case], transform: Optional[Callable[[SourceItem], Any]],
              workers: int) -> Iterator:
    """Items (or `transform` results) and ItemErrors of `cases`, in order; a pool when it can help."""
    if workers == 1 or len(cases) <= 1:
        for case in cases:
            for out in case_items(plan, case):
                yield apply_transform(transform, out)
        return
    yield from _pooled(plan, cases, transform, workers)


def apply_transform(transform, out):
    """`transform(out)` for an item, an ItemError as it is (also one that `transform` raises)."""
    if transform is None or isinstance(out, ItemError):
        return out
    try:
        return transform(out)
    except ItemError as exc:
        return exc


def _worker_init() -> None:
    import SimpleITK as sitk

    sitk.ProcessObject.SetGlobalDefaultNumberOfThreads(1)  # one process per core already


def _error_state(exc: ItemError) -> tuple:
    msg = str(exc)
    suffix = f" [{exc.where}]"
    return ("error", exc.code, msg[: -len(suffix)] if exc.where and msg.endswith(suffix) else msg, exc.where)


def _worker_case(plan: Plan, case: Case, transform) -> list:
    """One case in a worker: results ready to pickle (compact slices, transform results or errors)."""
    out: list = []
    try:
        for data in case_slices(plan, case):
            if transform is None:  # own the label slice: the volume it views is freed after the loop
                out.append(("slice", dataclasses.replace(data, codes=data.codes.copy())))
            else:
                res = apply_transform(transform, to_item(plan, data))
                out.append(_error_state(res) if isinstance(res, ItemError) else ("value", res))
    except ItemError as exc:
        out.append(_error_state(exc))
    return out


def _pooled(plan: Plan, cases: list[Case], transform, workers: int) -> Iterator:
    import multiprocessing as mp
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    methods = mp.get_all_start_methods()
    ctx = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
    window = workers  # volumes in flight (being read or waiting to be consumed): memory stays bounded
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init) as pool:
        pending: deque = deque()
        it = iter(cases)
        for case in it:
            pending.append(pool.submit(_worker_case, plan, case, transform))
            if len(pending) >= window:
                break
        while pending:
            results = pending.popleft().result()
            nxt = next(it, None)
            if nxt is not None:
                pending.append(pool.submit(_worker_case, plan, nxt, transform))
            for kind, *payload in results:
                if kind == "error":
                    yield ItemError(*payload)
                elif kind == "slice":
                    yield to_item(plan, payload[0])
                else:
                    yield payload[0]


__all__ = ["run_cases", "apply_transform"]
