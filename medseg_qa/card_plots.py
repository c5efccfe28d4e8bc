"""The plots a dataset card embeds: what a consumer should see before loading the data.

Contract: `card_plots(splits, reviews)` returns (file name, title, PNG bytes) for: the target
distribution per split, the mask-area histogram, turns per conversation, question styles, QC flags, and,
once any row is reviewed, review outcomes (with the inter-reviewer agreement when it is known). It
reads only the rows' metadata (dataset columns), draws with matplotlib's Agg backend (no display), and
renders the same data to the same bytes (fixed size, dpi and no timestamps in the PNG).
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Mapping, Optional, Sequence

DPI = 100
SIZE = (7.0, 3.6)


def _figure():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt, plt.figure(figsize=SIZE, dpi=DPI)


def _png(plt, fig) -> bytes:
    buf = io.BytesIO()
    fig.subplots_adjust(left=0.1, right=0.98, top=0.9, bottom=0.3)  # fixed margins: no layout pass
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def _grouped_bars(title: str, categories: Sequence[str], series: Mapping[str, Sequence[int]], xlabel: str) -> bytes:
    plt, fig = _figure()
    ax = fig.add_subplot()
    n = max(len(series), 1)
    width = 0.8 / n
    for i, (name, values) in enumerate(series.items()):
        ax.bar([x + i * width for x in range(len(categories))], values, width, label=name)
    ax.set_xticks([x + width * (n - 1) / 2 for x in range(len(categories))])
    ax.set_xticklabels(categories, rotation=30 if len(categories) > 4 else 0, ha="right" if len(categories) > 4
                       else "center", fontsize=8)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("rows")
    if len(series) > 1:
        ax.legend(fontsize=8)
    return _png(plt, fig)


def _hist(title: str, values: Sequence[float], xlabel: str, bins) -> bytes:
    plt, fig = _figure()
    ax = fig.add_subplot()
    ax.hist(values, bins=bins, color="#0082c8", edgecolor="white")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("rows")
    return _png(plt, fig)


def card_plots(splits: Mapping[str, Sequence[Mapping]],
               agreement: Optional[float] = None) -> list[tuple[str, str, bytes]]:
    """(file name, title, PNG) for each plot of the card; `agreement` is the reviewers' agreement."""
    rows = [r for s in splits for r in splits[s]]
    names = list(splits)
    out: list[tuple[str, str, bytes]] = []

    targets = sorted({r["target"] for r in rows})
    per = {s: Counter(r["target"] for r in splits[s]) for s in names}
    out.append(("targets.png", "Target distribution per split",
                _grouped_bars("Rows per target and split", targets, {s: [per[s][t] for t in targets] for s in names},
                              "target")))

    areas = [100.0 * r["facts"]["area_fraction"] for r in rows]
    out.append(("mask_area.png", "Mask area (percent of the image)",
                _hist("Mask area", areas, "mask area (% of image)", min(40, max(5, len(areas) // 5)))))

    turns = Counter(len(r["conversation"]) for r in rows)
    counts = sorted(turns)
    out.append(("turns.png", "Turns per conversation",
                _grouped_bars("Turns per conversation", [str(c) for c in counts], {"rows": [turns[c] for c in counts]},
                              "turns")))

    styles = Counter(r["question_style"] for r in rows)
    keys = sorted(styles)
    out.append(("question_styles.png", "Question styles",
                _grouped_bars("Question styles", keys, {"rows": [styles[k] for k in keys]}, "style")))

    flags = Counter(f for r in rows for f in r["qc_flags"])
    flags["(none)"] = sum(1 for r in rows if not r["qc_flags"])
    keys = sorted(flags, key=lambda k: (k != "(none)", k))
    out.append(("qc_flags.png", "QC flags (a row may carry several)",
                _grouped_bars("QC flags", keys, {"rows": [flags[k] for k in keys]}, "flag")))

    reviews = Counter(r["review_status"] for r in rows)
    if set(reviews) - {"unreviewed"}:
        keys = sorted(reviews)
        title = "Review outcomes" + (f" (reviewer agreement {agreement:.2f})" if agreement is not None else "")
        out.append(("reviews.png", title, _grouped_bars(title, keys, {"rows": [reviews[k] for k in keys]},
                                                        "review status")))
    return out
