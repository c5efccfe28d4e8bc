"""`export` of 10,000 phantom records of 256x256 against a plain `Dataset.from_generator` of the same rows.

Setup (not measured): one workspace with >= 10,000 phantom records and one template-style conversation per
record. Each measured run is a fresh process:
- baseline: `Dataset.from_generator` over the same conversations, each row built from the catalog as the
  export builds it (same features), image and mask bytes read from the blobs: the floor of any export;
- export: `export_dataset` (plan, patient splits, every blob checked against its sha256, the
  `save_to_disk` layout written once per split, card with plots and gallery, index, preview, manifest with a
  sha256 per file and the rows' content fingerprint) at 2,500, 5,000 and 10,000 rows (the rows beyond N are
  set to `failed` so the export leaves them out), to show time and peak RSS against the number of records.
Goal: export <= 1.3x the baseline's time at 10,000 rows; peak RSS <= 1 GB and flat in N. On a shared
machine the 10,000-row pair is timed three times, interleaved, and the best of each is compared (wall and CPU
time separately: CPU time is the steadier figure when other processes share the cores).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile

from bench.common import measure, row

SIZES = (2_500, 5_000, 10_000)

SETUP = """
from medseg_qa import ids
from medseg_qa.sources import build_source
from medseg_qa.schemas import Conversation, GenerationProvenance, Turn
from medseg_qa.workspace import Workspace
from medseg_qa.pipelines.ingest import ingest_source
with Workspace({ws!r}) as ws:
    ingest_source(ws, build_source("phantom", {{"cases": 540, "slices_per_case": 3, "size": 256, "seed": 0}}),
                  progress=False)
    prov = GenerationProvenance(backend="template", model="template-v1", prompt_version="v1", seed=0)
    with ws.transaction():
        for i, rec in enumerate(ws.records()):
            if i == {n}:
                break
            ws.put_conversation(Conversation(
                conversation_id=ids.conversation_id(rec.record_id, "v1", "template-v1", {{}}, "function"),
                record_id=rec.record_id, question_style="function", provenance=prov,
                turns=[Turn(role="user", content=f"Which structure here is it? ({{i}})"),
                       Turn(role="assistant", content=f"It is the {{rec.target}}. [SEG]"),
                       Turn(role="user", content="Which side is it on?"),
                       Turn(role="assistant", content="As measured from the mask.")]), "passed")
    RESULT = {{"conversations": ws.counts()["conversations_by_state"]}}
"""

BASELINE = """
import tempfile
from datasets import Dataset
from medseg_qa.workspace import Workspace
from medseg_qa.pipelines.dataset_writer import export_features
from medseg_qa.pipelines.export import _row
with Workspace({ws!r}) as ws:
    def gen():
        records = {{}}
        for conv, _ in ws.conversations(("passed",)):
            rec = records.get(conv.record_id) or ws.record(conv.record_id)
            r = _row(conv, rec, None, ws)
            yield {{**r.meta, "image": {{"bytes": ws.get_blob(r.image_blob), "path": None}},
                   "mask": {{"bytes": ws.get_blob(r.mask_blob), "path": None}}}}
    ds = Dataset.from_generator(gen, features=export_features(), cache_dir=tempfile.mkdtemp(dir={tmp!r}),
                                fingerprint="bench-baseline")
    RESULT = {{"rows": ds.num_rows}}
"""

EXPORT = """
from medseg_qa.config import ExportConfig
from medseg_qa.workspace import Workspace
from medseg_qa.pipelines.export import export_dataset
with Workspace({ws!r}) as ws:
    r = export_dataset(ws, ExportConfig(name="bench", output={out!r}), {version!r}, recipe_name="bench",
                       progress=False)
    assert r.created
    RESULT = {{"rows": sum(r.rows.values())}}
"""


def _keep_first(ws: str, n: int) -> None:
    """Rows beyond the first n conversations become `failed`, which the export leaves out."""
    db = sqlite3.connect(os.path.join(ws, "catalog.sqlite"))
    db.execute("UPDATE conversations SET state='passed'")
    db.execute("UPDATE conversations SET state='failed' WHERE conversation_id NOT IN "
               "(SELECT conversation_id FROM conversations ORDER BY conversation_id LIMIT ?)", (n,))
    db.commit()
    db.close()


def run() -> list[dict]:
    tmp = tempfile.mkdtemp(prefix="bench-export-")
    ws = os.path.join(tmp, "ws")
    setup = measure(SETUP.format(ws=ws, n=max(SIZES)), timeout=3600)
    out: list[dict] = []
    exports = {}
    for n in SIZES:
        _keep_first(ws, n)
        exports[n] = measure(EXPORT.format(ws=ws, out=os.path.join(tmp, "exports"), version=f"0.0.{n}"),
                             timeout=3600)
    # the machine is shared: baseline, export, baseline, export, baseline at 10,000 rows; keep each one's best
    _keep_first(ws, max(SIZES))
    bases, tops = [], [exports[max(SIZES)]]
    for i in range(3):
        bases.append(measure(BASELINE.format(ws=ws, tmp=tmp), timeout=3600))
        if i < 2:
            tops.append(measure(EXPORT.format(ws=ws, out=os.path.join(tmp, "exports"), version=f"0.1.{i}"),
                                timeout=3600))
    assert all(t["rows"] == b["rows"] == max(SIZES) for t in tops for b in bases), (tops, bases, setup)
    base = min(bases, key=lambda b: b["wall_s"])
    out.append(row(f"export {max(SIZES)} rows 256x256: wall", "Dataset.from_generator, same rows",
                   round(min(t["wall_s"] for t in tops), 1), round(base["wall_s"], 1), "s",
                   f"goal <= 1.3x; best of {len(tops)} / {len(bases)}"))
    out.append(row(f"export {max(SIZES)} rows 256x256: CPU", "Dataset.from_generator, same rows",
                   round(min(t["cpu_s"] for t in tops), 1), round(min(b["cpu_s"] for b in bases), 1), "s",
                   "less sensitive to other load"))
    for n in SIZES:
        e = exports[n]
        out.append(row(f"export {n} rows: peak RSS", "from_generator at 10,000", round(e["peak_rss_mb"]),
                       round(base["peak_rss_mb"]), "MB", f"wall {e['wall_s']:.1f}s; goal <= 1024 MB, flat"))
    return out


if __name__ == "__main__":
    from bench.__main__ import print_table

    print_table(run())
