"""A rich progress bar that stays quiet when output is not a terminal or progress is switched off."""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator, Optional


@contextmanager
def progress_bar(description: str, total: Optional[int], enabled: bool = True) -> Iterator:
    """Yields `advance(n=1)`; a live bar on stderr with counts, elapsed time and rate."""
    if not enabled or os.environ.get("MEDSEGQA_NO_PROGRESS"):
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)
