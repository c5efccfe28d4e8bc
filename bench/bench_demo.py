"""`medsegqa generate` on the demo recipe against the bare cost of drawing the same phantoms and writing
their PNGs in a plain loop (the floor any pipeline pays), both measured here in fresh processes."""

from __future__ import annotations

import tempfile

from bench.common import measure, row

BARE = """
import tempfile, pathlib
from medseg_qa.config import load_recipe
from medseg_qa.sources import build_source
from medseg_qa.imageio import to_png_bytes
spec = load_recipe("demo.yaml").sources[0]
out = pathlib.Path(tempfile.mkdtemp())
n = 0
for i, item in enumerate(build_source(spec.type, spec.options).items()):
    (out / f"{i}.png").write_bytes(to_png_bytes(item.image))
    for label, m in item.masks.items():
        (out / f"{i}-{label}.png").write_bytes(to_png_bytes((m > 0).astype("uint8") * 255))
        n += 1
RESULT = {"records": n}
"""

PIPELINE = """
from medseg_qa.config import load_recipe
from medseg_qa.workspace import Workspace
from medseg_qa.pipelines.ingest import ingest
from medseg_qa.pipelines.generate import generate
recipe = load_recipe("demo.yaml")
with Workspace({ws!r}) as ws:
    s = ingest(ws, recipe, progress=False)
    g = generate(ws, recipe, progress=False)
RESULT = {{"records": s.added, "conversations": sum(g.states.values())}}
"""


def run() -> list[dict]:
    bare = measure(BARE)
    pipe = measure(PIPELINE.format(ws=tempfile.mkdtemp() + "/ws"))
    bare_rate = bare["records"] / bare["wall_s"]
    pipe_rate = pipe["records"] / pipe["wall_s"]
    return [
        row("generate demo: records/s", "bare phantom+PNG loop", round(pipe_rate, 1), round(bare_rate, 1),
            "records/s", f"{pipe['records']} records, {pipe['conversations']} conversations, "
            f"wall {pipe['wall_s']:.1f}s vs {bare['wall_s']:.1f}s"),
        row("generate demo: peak RSS", "bare phantom+PNG loop", round(pipe["peak_rss_mb"]),
            round(bare["peak_rss_mb"]), "MB"),
    ]


if __name__ == "__main__":
    from bench.__main__ import print_table

    print_table(run())
