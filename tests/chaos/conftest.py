"""The chaos suite's results table: each scenario adds one row (`chaos_row`), and the session ends by
printing them as one table (and writing them as JSON to $MEDSEGQA_CHAOS_JSON when that is set).

Columns: scenario, runs (processes started, killed ones included), kills, lost (records, conversations or
tasks of the uninterrupted run missing at the end), duplicated (extra or doubled ones), leaked/paid-twice
(LLM responses paid for twice after they had been stored, doubled Label Studio tasks, or half-written
folders left behind), and a note (the seed, where the kills landed)."""

from __future__ import annotations

import json
import os

import pytest

ROWS: list[dict] = []
COLUMNS = ("scenario", "runs", "kills", "lost", "duplicated", "leaked/paid-twice", "note")


@pytest.fixture()
def chaos_row():
    def add(scenario: str, *, runs: int, kills: int, lost: int, duplicated: int, leaked: int, note: str = "") -> None:
        ROWS.append(dict(zip(COLUMNS, (scenario, runs, kills, lost, duplicated, leaked, note))))
    return add


def format_table(rows: list[dict]) -> str:
    cells = [list(COLUMNS)] + [[str(r[c]) for c in COLUMNS] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
    lines = ["| " + " | ".join(v.ljust(w) for v, w in zip(row, widths)) + " |" for row in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter) -> None:
    if not ROWS:
        return
    terminalreporter.write_sep("=", "chaos results")
    terminalreporter.write_line(format_table(ROWS))
    if os.environ.get("MEDSEGQA_CHAOS_JSON"):
        with open(os.environ["MEDSEGQA_CHAOS_JSON"], "w", encoding="utf-8") as fh:
            json.dump(ROWS, fh, indent=2)
