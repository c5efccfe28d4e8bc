"""Everything an export writes beside the DatasetDict: the card with its plots and gallery, the LISA layout.

Contract: `write_release_assets` writes into the export's build folder
- `card/*.png`: the plots of `medseg_qa.card_plots`, and `card/gallery/<id>.png` overlays for
  `config.gallery` examples (one per target first);
- `preview.png`: a contact sheet of overlays, one per target first;
- `README.md`: the card (`medseg_qa.card.render_card`), referring to those images by relative path,
  with the licence gate's decision, the selection and the changes since the previous version;
- `lisa/reason_seg/<name>/<split>/` when `config.formats` has `lisa`.
It reads pixels from the workspace blobs the DatasetDict was built from (already checked), never
from the network.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

from medseg_qa.config import ExportConfig
from medseg_qa.splits import SPLITS
from medseg_qa.workspace import Workspace

log = logging.getLogger(__name__)

CARD_DIR = "card"
PREVIEW_TILES = 12


def render_preview(ws: Workspace, plan, tiles: int = PREVIEW_TILES) -> bytes:
    """A PNG grid of up to `tiles` images with their masks overlaid in colour and the target as caption."""
    from medseg_qa.overlay import contact_sheet, pick_variety

    picked = pick_variety(plan.rows(), lambda r: r.meta["target"], tiles)
    return contact_sheet([(ws.get_blob(r.image_blob), ws.get_blob(r.mask_blob), r.meta["target"]) for r in picked])


def _gallery(ws: Workspace, plan, config: ExportConfig, folder: Path) -> list[dict]:
    from medseg_qa.overlay import colour_for, overlay, pick_variety

    rows = plan.rows()
    targets = [r.meta["target"] for r in rows]
    out = []
    (folder / CARD_DIR / "gallery").mkdir(parents=True, exist_ok=True)
    for row in pick_variety(rows, lambda r: r.meta["target"], config.gallery):
        rel = f"{CARD_DIR}/gallery/{row.meta['id']}.png"
        pic = overlay(ws.get_blob(row.image_blob), ws.get_blob(row.mask_blob),
                      colour_for(row.meta["target"], targets), 256)
        pic.save(folder / rel, format="PNG")
        out.append({"path": rel, "target": row.meta["target"], "conversation": row.meta["conversation"],
                    "qc_flags": row.meta["qc_flags"], "review_status": row.meta["review_status"]})
    return out


def write_release_assets(ws: Workspace, plan, config: ExportConfig, folder: Path, *, version: str,
                         manifest: dict, index: dict, previous: Optional[tuple[str, Path]]) -> None:
    from medseg_qa import __version__
    from medseg_qa.card import render_card
    from medseg_qa.card_plots import card_plots
    from medseg_qa.pipelines.diff import changes_since

    metas = {s: [r.meta for r in plan.by_split[s]] for s in SPLITS}
    (folder / CARD_DIR).mkdir(parents=True, exist_ok=True)
    plots = []
    for name, title, png in card_plots(metas):
        (folder / CARD_DIR / name).write_bytes(png)
        plots.append((f"{CARD_DIR}/{name}", title))
    gallery = _gallery(ws, plan, config, folder) if config.gallery else []
    changes = changes_since(previous, index)
    card = render_card(name=config.name, version=version, recipe_name=manifest["recipe"],
                       state_hash=manifest["state_hash"], created_at=manifest["created_at"],
                       tool_version=__version__, splits=metas, plots=plots, gallery=gallery,
                       licence=manifest["licence"], selection=manifest["selection"],
                       excluded=manifest["excluded"], changes=changes,
                       content_fingerprint=manifest["content_fingerprint"], grouping=manifest.get("split_plan"))
    (folder / "README.md").write_text(card, encoding="utf-8")
    (folder / "preview.png").write_bytes(render_preview(ws, plan))
    if "lisa" in config.formats:
        from medseg_qa.lisa import write_lisa

        items = {s: ((r.meta, ws.get_blob(r.image_blob), ws.get_blob(r.mask_blob)) for r in plan.by_split[s])
                 for s in SPLITS}
        n = write_lisa(folder / "lisa", config.name, items)
        log.info("wrote %d LISA samples under %s", n, folder / "lisa")
