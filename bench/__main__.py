"""Run every benchmark module (or those named on the command line) and print one table."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def print_table(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title="medseg-qa benchmarks (ratio = value / baseline, measured in the same run)")
    for col in ("benchmark", "baseline", "value", "unit", "ratio", "notes"):
        t.add_column(col)
    for r in rows:
        ratio = "" if r.get("ratio") is None else f"{r['ratio']:.2f}x"
        t.add_row(r["name"], r["baseline"], str(r["value"]), r["unit"], ratio, r.get("notes", ""))
    Console(width=200).print(t)


def main(names: list[str]) -> None:
    here = Path(__file__).parent
    modules = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    rows: list[dict] = []
    for name in modules:
        if names and name not in names and name.removeprefix("bench_") not in names:
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows.extend(importlib.import_module(f"bench.{name}").run())
    print_table(rows)


if __name__ == "__main__":
    main(sys.argv[1:])
