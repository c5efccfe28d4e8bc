"""Near-duplicate grouping (`medseg_qa.grouping.cluster_hashes`) against brute-force all pairs.

Data: 64-bit hashes shaped like a 2D set with video sequences: `N` hashes in sequences of 20 frames,
each frame a few bits away from the previous one (a drifting camera), sequences independent.
Baseline: brute force, every pair's Hamming distance in numpy blocks (what a naive grouping pays),
measured on 20k hashes and scaled by (N / 20k)^2 (it is quadratic). Measured: `cluster_hashes` on 20k
and 100k hashes, each in a fresh process; the sequences found are checked against the planted ones.
"""

from __future__ import annotations

from bench.common import measure, row

_DATA = """
import numpy as np
rng = np.random.default_rng(0)
def hashes(n):
    out = []
    for s in range(n // 20):
        h = int(rng.integers(0, 2**63)) | (int(rng.integers(0, 2)) << 63)
        for f in range(20):
            out.append(h)
            for b in rng.choice(64, size=int(rng.integers(1, 4)), replace=False):
                h ^= 1 << int(b)
    return out
"""


def run() -> list[dict]:
    rows = []
    brute = measure(_DATA + """
h = np.array(hashes(20000), dtype=np.uint64)
n = 0
for r0 in range(0, len(h), 1024):
    d = np.bitwise_count(h[r0:r0 + 1024, None] ^ h[None, :])
    n += int((d <= 10).sum())
RESULT = {"pairs": n}
""")
    for n in (20000, 100000):
        got = measure(_DATA + f"""
from medseg_qa.grouping import cluster_hashes
labels = cluster_hashes(hashes({n}), 10)
seq = [labels[i:i + 20] for i in range(0, {n}, 20)]
RESULT = {{"whole": sum(len(set(s)) == 1 for s in seq), "sequences": len(seq), "groups": len(set(labels))}}
""")
        base = brute["wall_s"] * (n / 20000) ** 2
        rows.append(row(f"grouping {n // 1000}k hashes", "brute force at 20k, measured in this run" + ("" if n == 20000 else f", scaled by (n/20k)^2"),
                        round(got["wall_s"], 2), base, "s",
                        f"{got['whole']}/{got['sequences']} sequences whole, {got['groups']} groups, "
                        f"peak RSS {got['peak_rss_mb']:.0f} MB"))
    return rows
