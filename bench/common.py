"""Helpers shared by the benchmarks: run a Python snippet in a fresh process and read its wall time,
CPU time and peak RSS, so each measured configuration has its own memory figure."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

_WRAP = """
import json, resource, time
_t0 = time.perf_counter(); _c0 = time.process_time()
{body}
_out = {{"wall_s": time.perf_counter() - _t0, "cpu_s": time.process_time() - _c0,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}
_out.update(globals().get("RESULT", {{}}))
print("BENCH-RESULT " + json.dumps(_out))
"""


def measure(body: str, env: dict | None = None, timeout: float = 900) -> dict:
    """Run `body` (it may set a RESULT dict) in a new interpreter; returns wall_s, cpu_s, peak_rss_mb, RESULT."""
    import os

    code = _WRAP.format(body=textwrap.dedent(body))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "MEDSEGQA_NO_PROGRESS": "1", **(env or {})})
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH-RESULT "):
            return json.loads(line[len("BENCH-RESULT "):])
    raise RuntimeError(f"benchmark child failed (exit {proc.returncode}): {proc.stderr[-2000:]}")


def row(name: str, baseline: str, value: float, base_value: float | None, unit: str, notes: str = "") -> dict:
    ratio = (value / base_value) if base_value else None
    return {"name": name, "baseline": baseline, "value": value, "ratio": ratio, "unit": unit, "notes": notes}
