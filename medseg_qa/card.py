"""The Hugging Face dataset card (README.md) of an export.

Contract: the card is a pure function of the exported rows' metadata, the version, the export
provenance and the pictures already written beside it (referred to by relative path), so the same state
always renders the same card apart from its `created_at` line. It states what a consumer must know
before using the data: how to load it (a `configs` entry in the YAML header lets the hub viewer show the
splits), what each field means, counts per split, target and modality (as tables and plots), examples,
every source with its licence and citation and the licence gate's decision, whether images are
synthetic, what was selected, how conversations were generated, how far physicians reviewed them, and
what changed since the previous version.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Mapping, Optional, Sequence

from medseg_qa.schemas.conversation import QUESTION_STYLES

SYNTHETIC_NOTE = ("these images are synthetic phantoms, not patient data; do not use for clinical "
                  "purposes")

# lowercase SPDX id -> the Hub's licence id (the Hub uses lowercase SPDX ids for these)
_SPDX = {s.lower(): s.lower() for s in (
    "Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause", "CC0-1.0", "CC-BY-2.0", "CC-BY-3.0", "CC-BY-4.0",
    "CC-BY-SA-3.0", "CC-BY-SA-4.0", "CC-BY-NC-2.0", "CC-BY-NC-3.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-3.0",
    "CC-BY-NC-SA-4.0", "CC-BY-NC-ND-3.0", "CC-BY-NC-ND-4.0", "CC-BY-ND-4.0", "ODbL-1.0", "PDDL-1.0",
    "ODC-By-1.0", "GPL-2.0", "GPL-3.0", "LGPL-3.0", "AGPL-3.0", "MPL-2.0", "Unlicense", "Artistic-2.0",
    "BSL-1.0", "EPL-2.0", "AFL-3.0", "OpenRAIL")}
_SPDX.update({"odbl-1.0": "odbl", "pddl-1.0": "pddl", "odc-by-1.0": "odc-by"})

FIELD_DOCS: dict[str, str] = {
    "id": "conversation id, derived from the record, prompt version, model and sampling parameters",
    "record_id": "image-mask record id, derived from the image pixels, mask pixels and target",
    "image": "the image (PNG; 8-bit grayscale or RGB)",
    "mask": "binary mask of the target structure (PNG, 0/255, same size as the image)",
    "conversation": "multi-turn dialogue, a list of {role: user|assistant, content}; the grounding "
                    "assistant turn carries exactly one `[SEG]` token where the mask is meant",
    "question_style": ", ".join(QUESTION_STYLES[:-1]) + " or " + QUESTION_STYLES[-1],
    "target": "name of the structure the mask outlines",
    "synonyms": "other names of the target",
    "ontology_code": "ontology code of the target when known (e.g. FMA, SNOMED CT), else null",
    "modality": "CT, MR, US, XR, endoscopy, dermoscopy, microscopy or other",
    "body_region": "body region of the image",
    "dataset": "name of the source dataset",
    "source": "source type the record was read with (phantom, folder, nifti, dicom, hf)",
    "source_url": "where the source dataset is published",
    "licence": "licence of the source record",
    "citation": "how to cite the source dataset",
    "patient_id": "pseudonymous patient id (splits are by patient: no patient is in two splits)",
    "case_id": "case (study/volume) id within the source",
    "slice_index": "slice of the volume the image was cut from, else null",
    "orientation": "patient directions of increasing column and row (e.g. LP), null for photos",
    "synthetic": "true when the image is a synthetic phantom, not patient data",
    "review_status": "unreviewed, accepted or needs_changes (rejected conversations are not exported)",
    "facts": "geometry measured from the mask: size, area, bbox (x0, y0, x1, y1), centroid, components, "
             "laterality and vertical position in patient terms, size class, relations to other structures",
    "provenance": "how the conversation was generated: backend, model, prompt version, seed, tokens, cost",
    "qc_flags": "automatic quality-check flags raised on the conversation (empty when it passed)",
}


def spdx_licence(licences: Sequence[str]) -> str:
    """The Hub licence id when every record shares one known SPDX licence, else "other"."""
    distinct = {lic.strip().lower() for lic in licences}
    if len(distinct) == 1:
        only = next(iter(distinct))
        if only in _SPDX:
            return _SPDX[only]
    return "other"


def size_category(n: int) -> str:
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                         (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M")):
        if n < limit:
            return label
    return "n>10M"


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ").strip() or "—"


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _by_split(splits: Mapping[str, Sequence[Mapping]], key: str) -> str:
    names = list(splits)
    per = {s: Counter(str(r[key]) for r in splits[s]) for s in names}
    values = sorted(set().union(*per.values())) if per else []
    rows = [[v, *(per[s][v] for s in names), sum(per[s][v] for s in names)] for v in values]
    rows.append(["**all**", *(len(splits[s]) for s in names), sum(len(splits[s]) for s in names)])
    return _table([key, *names, "total"], rows)


def hub_configs(splits: Sequence[str]) -> list[dict]:
    """The card's `configs` entry: each split's parquet shards in the hub layout (`data/<split>-*`). Only
    splits with rows: `load_dataset` refuses a declared split that has no data."""
    return [{"config_name": "default", "default": True,
             "data_files": [{"split": s, "path": f"data/{s}-*"} for s in splits]}]


def _front_matter(name: str, rows: Sequence[Mapping], synthetic: bool, split_names: Sequence[str],
                  release_licence: Optional[str] = None) -> str:
    import yaml

    chosen = release_licence if release_licence and release_licence != "other" else None
    licence = spdx_licence([chosen] if chosen else [r["licence"] for r in rows]) if rows else "other"
    meta: dict[str, Any] = {"license": licence}
    if licence == "other":
        meta["license_name"] = "mixed" if len({r["licence"] for r in rows}) != 1 else rows[0]["licence"]
    meta.update({
        "pretty_name": name,
        "language": ["en"],
        "task_categories": ["image-segmentation", "visual-question-answering"],
        "tags": ["medical", "reasoning-segmentation"] + (["synthetic"] if synthetic else []),
        "size_categories": [size_category(len(rows))],
        "configs": hub_configs(split_names),
    })
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n"


def render_card(*, name: str, version: str, splits: Mapping[str, Sequence[Mapping]], recipe_name: str,
                state_hash: str, created_at: str, tool_version: str, plots: Sequence[tuple[str, str]] = (),
                gallery: Sequence[Mapping] = (), licence: Optional[Mapping] = None,
                selection: Optional[Mapping] = None, excluded: Optional[Mapping[str, int]] = None,
                changes=None, content_fingerprint: str = "", grouping: Optional[Mapping] = None) -> str:
    """The README.md of an export; `splits` maps split name to its rows' metadata (dataset columns);
    `plots` are (relative path, title), `gallery` items have path, target, conversation, qc_flags and
    review_status; `licence` is the licence gate's decision; `changes` is (previous version, IndexDiff);
    `grouping` is the split plan (`medseg_qa.splits.SplitPlan` as JSON, without its assignment)."""
    rows = [r for s in splits for r in splits[s]]
    n_synthetic = sum(1 for r in rows if r["synthetic"])
    parts = [_front_matter(name, rows, n_synthetic > 0, [s for s in splits if splits[s]], (licence or {}).get("licence")),
             f"# {name} {version}\n"]

    summary = (f"Medical image **reasoning segmentation** data in the MedSeg-QA style (arXiv 2506.10465): "
               f"{len(rows)} multi-turn conversations, each about one image and the mask of one target "
               f"structure, over {len({r['target'] for r in rows})} targets and "
               f"{len({r['patient_id'] for r in rows})} patients. The user asks an implicit clinical "
               "question; the assistant answers and marks the structure meant with `[SEG]`, whose "
               "ground truth is `mask`. Built with medseg-qa.")
    parts.append("## Summary\n\n" + summary + "\n")
    if n_synthetic:
        extent = "all" if n_synthetic == len(rows) else f"{n_synthetic} of {len(rows)}"
        parts.append(f"> **Synthetic data ({extent} rows):** {SYNTHETIC_NOTE}.\n")

    parts.append("## How to load\n\n```python\nimport datasets\n\n"
                 "dd = datasets.load_dataset(\"ORG/NAME\")   # from the hub (medsegqa export --push-to-hub)\n"
                 f"dd = datasets.load_dataset(\"ORG/NAME\", revision=\"v{version}\")   # exactly this version\n"
                 "dd = datasets.load_from_disk(\"path/to/this/folder\")   # the local export folder\n"
                 "row = dd[\"train\"][0]   # row[\"image\"] and row[\"mask\"] are PIL images\n```\n")

    parts.append("## Structure\n\nSplits are by patient: no patient appears in two splits. Each row:\n\n"
                 + _table(["field", "meaning"], [[f"`{k}`", v] for k, v in FIELD_DOCS.items()]) + "\n")
    if grouping:
        parts.append(_grouping_section(grouping))

    parts.append("## Counts\n\n### Rows per split\n\n"
                 + _table(["split", "rows", "patients"],
                          [[s, len(splits[s]), len({r["patient_id"] for r in splits[s]})] for s in splits])
                 + "\n\n### Rows per target\n\n" + _by_split(splits, "target")
                 + "\n\n### Rows per modality\n\n" + _by_split(splits, "modality") + "\n")
    if plots:
        parts.append("## Plots\n\n" + "\n\n".join(f"### {title}\n\n![{title}]({path})" for path, title in plots)
                     + "\n")
    if gallery:
        parts.append(_gallery(gallery))
    if selection:
        parts.append(_selection(selection, excluded or {}, len(rows)))

    sources = Counter((r["dataset"], r["source"], r["licence"], r["citation"], r.get("source_url", ""),
                       bool(r["synthetic"])) for r in rows)
    src_rows = [[ds, src, lic, "yes" if syn else "no", n, url, cit]
                for (ds, src, lic, cit, url, syn), n in sorted(sources.items())]
    parts.append("## Sources and licences\n\nEach record keeps its source's licence; respect it when "
                 "redistributing.\n\n" + _table(["dataset", "source type", "licence", "synthetic", "rows",
                                                 "url", "citation"], src_rows) + "\n")
    if licence:
        parts.append(licence_section(licence))

    gens = Counter((r["provenance"]["backend"], r["provenance"]["model"], r["provenance"]["prompt_version"])
                   for r in rows)
    tokens = sum(r["provenance"]["prompt_tokens"] + r["provenance"]["completion_tokens"] for r in rows)
    cost = sum(r["provenance"]["cost_usd"] for r in rows)
    parts.append("## Generation provenance\n\nConversations were written by the backends below from the "
                 "measured mask facts, then checked automatically against those facts.\n\n"
                 + _table(["backend", "model", "prompt version", "rows"],
                          [[b, m, p, n] for (b, m, p), n in sorted(gens.items())])
                 + f"\n\nTokens: {tokens}; cost: ${cost:.4f}. Rows with QC flags: "
                   f"{sum(1 for r in rows if r['qc_flags'])}.\n")

    from medseg_qa.knowledge_report import knowledge_section

    parts.append(knowledge_section(rows))
    reviews = Counter(r["review_status"] for r in rows)
    parts.append("## Review status\n\nConversations a physician rejected are excluded; reviewed "
                 "ones carry the physician's corrections (edited turns, edited masks).\n\n"
                 + _table(["status", "rows"], sorted(reviews.items())) + "\n")
    if reviews.get("unreviewed", 0) == len(rows) and rows:
        parts.append("No conversation has been reviewed by a physician yet.\n")

    parts.append(_changes(changes))
    version_rows = [["version", version], ["state hash", f"`{state_hash}`"], ["created", created_at],
                    ["recipe", recipe_name], ["medseg-qa", tool_version]]
    if content_fingerprint:
        version_rows.insert(2, ["content fingerprint", f"`{content_fingerprint}`"])
    parts.append("## Version\n\n" + _table(["key", "value"], version_rows) + "\n\n"
                 "The state hash fingerprints the exported conversations, their review status and the export "
                 "settings: the same hash means the same dataset. `manifest.json` lists the sha256 of every "
                 "file and the rows' content fingerprint; `medsegqa verify PATH` rechecks them.\n")
    return "\n".join(parts)


def _gallery(items: Sequence[Mapping]) -> str:
    out = ["## Examples\n\nThe mask of the target in colour over the image, and the conversation.\n"]
    for item in items:
        flags = ", ".join(item["qc_flags"]) or "none"
        out.append(f"### {item['target']}\n\n![{item['target']}]({item['path']})\n\n"
                   f"QC flags: {flags}; review: {item['review_status']}.\n")
        out.append("\n".join(f"> **{t['role']}:** {_cell(t['content'])}  " for t in item["conversation"]) + "\n")
    return "\n".join(out)


def _selection(selection: Mapping, excluded: Mapping[str, int], n: int) -> str:
    text = (f"## What is included\n\nSelection **{selection['mode']}**: {selection['meaning']} ({n} rows).")
    if excluded:
        text += " Left out: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in sorted(excluded.items())) + "."
    return text + "\n"


def licence_section(decision: Mapping) -> str:
    verdict = ("allowed" if decision["allowed"] and not decision.get("overridden")
               else "allowed by an explicit override" if decision.get("overridden") else "blocked")
    text = (f"### Licence gate\n\nPublishing this release is **{verdict}**; release licence: "
            f"`{decision['licence']}`. {decision['reason']}\n")
    if decision.get("blocked"):
        text += "\n" + _table(["source (licence: why)", "rows"], sorted(decision["blocked"].items())) + "\n"
    return text


def _changes(changes) -> str:
    if changes is None:
        return "## Changes since the previous version\n\nFirst release: no previous version in this workspace.\n"
    previous, d = changes
    text = f"## Changes since the previous version\n\nSince {previous}: {d.summary()}.\n"
    if d.per_group:
        kinds = ("added", "removed", "changed", "moved")
        text += "\n" + _table(["target", "split", *kinds],
                               [[t, s, *(c.get(k, 0) for k in kinds)] for (t, s), c in sorted(d.per_group.items())]) + "\n"
    if d.reviews:
        shown = d.reviews[:20]
        text += "\nReviews that changed rows:\n\n" + _table(["conversation", "before", "after"], shown) + "\n"
        if len(d.reviews) > len(shown):
            text += f"\n... and {len(d.reviews) - len(shown)} more (`medsegqa diff`).\n"
    return text


def _grouping_section(plan: Mapping) -> str:
    """Per source: what a split group is (the patient, or a cluster of near-duplicate images where the
    source knows no patient), how many groups there are and where they went."""
    names = list(plan.get("groups_per_split", {}))
    rows = [[g["dataset"], g["grouping"], g["groups"], *(g["groups_per_split"].get(s, 0) for s in names)]
            for g in plan.get("sources", [])]
    text = ("### Split groups\n\nA group never spans two splits. Groups released in an earlier version keep "
            f"their split ({plan.get('kept_from_previous', 0)} kept here).\n\n")
    return text + _table(["source", "grouping", "groups", *names], rows) + "\n"
