"""`medsegqa preview`: a static HTML gallery of what the next export would hold, to look at before a release.

Contract: the rows are those the export would write now (same selection, same edits, same splits);
up to `per_target` per target, each shown as its overlay (a PNG beside the page), its conversation, its
QC flags and its review outcome. The page is one self-contained `index.html` plus `img/*.png`, with no
script and no remote resource, so it opens from disk in any browser and can be archived with a release.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from medseg_qa.config import ExportConfig
from medseg_qa.errors import ExportError
from medseg_qa.workspace import Workspace

_STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5rem;background:#fafafa;color:#222}
h1{font-size:1.4rem} h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
.grid{display:flex;flex-wrap:wrap;gap:1rem}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.6rem;width:300px}
.card img{width:280px;height:auto;display:block;margin:auto;image-rendering:pixelated}
.turn{font-size:.85rem;margin:.3rem 0}.user{color:#024}.assistant{color:#240}
.meta{font-size:.75rem;color:#555}.flag{background:#fde2e1;border-radius:3px;padding:0 .3rem;margin-right:.2rem}
.ok{background:#e1f5e1;border-radius:3px;padding:0 .3rem}
"""


@dataclass
class PreviewResult:
    path: Path
    samples: int
    targets: int


def build_preview(ws: Workspace, config: ExportConfig, out_dir: Path, per_target: int = 4) -> PreviewResult:
    from medseg_qa.overlay import colour_for, overlay
    from medseg_qa.pipelines.export import plan_rows

    plan = plan_rows(ws, config)
    split_of = {id(r): s for s, rows in plan.by_split.items() for r in rows}
    rows = plan.rows()
    if not rows:
        raise ExportError(f"nothing to preview: the selection '{plan.selection}' is empty in {ws.root}; run "
                          "generate first, or set export.include / export.include_states")
    by_target: dict[str, list] = defaultdict(list)
    for row in rows:
        if len(by_target[row.meta["target"]]) < per_target:
            by_target[row.meta["target"]].append(row)
    targets = [r.meta["target"] for r in rows]
    (out_dir / "img").mkdir(parents=True, exist_ok=True)
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(config.name)} "
             f"preview</title><style>{_STYLE}</style></head><body>",
             f"<h1>{html.escape(config.name)}: preview of the next export</h1>",
             f"<p class='meta'>{len(rows)} rows (selection: {plan.selection}); {len(by_target)} targets; "
             f"up to {per_target} samples each.</p>"]
    n = 0
    for target in sorted(by_target):
        parts.append(f"<h2 id='{html.escape(target)}'>{html.escape(target)}</h2><div class='grid'>")
        for row in by_target[target]:
            rel = f"img/{row.meta['id']}.png"
            overlay(ws.get_blob(row.image_blob), ws.get_blob(row.mask_blob), colour_for(target, targets),
                    280).save(out_dir / rel, format="PNG")
            flags = "".join(f"<span class='flag'>{html.escape(f)}</span>" for f in row.meta["qc_flags"]) \
                or "<span class='ok'>no QC flags</span>"
            turns = "".join(f"<div class='turn {t['role']}'><b>{t['role']}:</b> {html.escape(t['content'])}</div>"
                            for t in row.meta["conversation"])
            parts.append(f"<div class='card' data-id='{row.meta['id']}'><img src='{rel}' alt='{html.escape(target)}'>"
                         f"{turns}<div class='meta'>QC: {flags} &middot; review: "
                         f"{html.escape(row.meta['review_status'])} &middot; split: {split_of[id(row)]} &middot; "
                         f"{html.escape(row.meta['dataset'])} ({html.escape(row.meta['licence'])})</div></div>")
            n += 1
        parts.append("</div>")
    parts.append("</body></html>")
    page = out_dir / "index.html"
    page.write_text("\n".join(parts), encoding="utf-8")
    return PreviewResult(page, n, len(by_target))
