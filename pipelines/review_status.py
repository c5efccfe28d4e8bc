"""Progress and agreement of the physician review, from the catalog alone (no server needed).

- done / pending per reviewer over the pushed tasks that still exist in Label Studio;
- accept / edit / reject rates per target and per QC flag (how often QC was right about a flagged item);
- inter-reviewer agreement on conversations reviewed by two or more physicians: mean mask Dice (edited mask,
  else the proposed one) and Cohen's kappa on the three decisions, per reviewer pair;
- median time per task (Label Studio's lead time).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Optional

import numpy as np

from medseg_qa.schemas import Review
from medseg_qa.workspace import Workspace

DECISION_NAMES = {"accept": "accept", "needs_changes": "edit", "reject": "reject"}
NO_FLAG = "(no flag)"


@dataclass
class ReviewStatus:
    pushed: int = 0
    deleted: int = 0
    unreviewed: int = 0
    reviewers: dict[str, dict[str, int]] = field(default_factory=dict)
    by_target: dict[str, Counter] = field(default_factory=dict)
    by_flag: dict[str, Counter] = field(default_factory=dict)
    dice_mean: Optional[float] = None
    dice_pairs: int = 0
    kappa: dict[tuple[str, str], tuple[Optional[float], int]] = field(default_factory=dict)
    median_lead_time_s: Optional[float] = None


def dice(a: np.ndarray, b: np.ndarray) -> float:
    """Dice of two binary masks; two empty masks agree fully."""
    a, b = a > 0, b > 0
    total = int(a.sum()) + int(b.sum())
    return 1.0 if total == 0 else 2.0 * int((a & b).sum()) / total


def cohen_kappa(pairs: list[tuple[str, str]]) -> Optional[float]:
    """Cohen's kappa of two raters' labels over the same items; None when chance agreement is total."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(x == y for x, y in pairs) / n
    first, second = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def review_status(ws: Workspace) -> ReviewStatus:
    from medseg_qa.imageio import from_png_bytes

    status = ReviewStatus()
    tasks: dict[str, str] = {}
    for (conv_id, state) in ws.review_task_states():
        if tasks.get(conv_id) != "open":
            tasks[conv_id] = state
    live = {c for c, s in tasks.items() if s != "deleted"}
    status.pushed, status.deleted = len(tasks), len(tasks) - len(live)
    reviews = [Review.model_validate(b) for b in ws.reviewer_reviews()]
    per_conv: dict[str, list[Review]] = defaultdict(list)
    for review in reviews:
        per_conv[review.conversation_id].append(review)
    status.unreviewed = len(live - set(per_conv))
    for reviewer in sorted({r.reviewer for r in reviews}):
        done = {r.conversation_id for r in reviews if r.reviewer == reviewer}
        status.reviewers[reviewer] = {"done": len(done), "pending": len(live - done)}
    targets: dict[str, str] = {}
    for review in reviews:
        found = ws.conversation(review.conversation_id)
        if review.record_id not in targets:
            targets[review.record_id] = ws.record(review.record_id).target
        decision = DECISION_NAMES[review.decision]
        status.by_target.setdefault(targets[review.record_id], Counter())[decision] += 1
        for flag in (found[0].qc_flags if found else []) or [NO_FLAG]:
            status.by_flag.setdefault(flag, Counter())[decision] += 1
    masks: dict[str, np.ndarray] = {}

    def mask_of(review: Review) -> np.ndarray:
        digest = review.edited_mask_blob or ws.record(review.record_id).mask_blob
        if digest not in masks:
            masks[digest] = from_png_bytes(ws.get_blob(digest)) > 0
        return masks[digest]

    dices: list[float] = []
    decisions: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for group in per_conv.values():
        for a, b in combinations(sorted(group, key=lambda r: r.reviewer), 2):
            if a.edited_mask_blob or b.edited_mask_blob:
                dices.append(dice(mask_of(a), mask_of(b)))
            else:
                dices.append(1.0)  # both kept the proposed mask
            decisions[(a.reviewer, b.reviewer)].append((a.decision, b.decision))
    if dices:
        status.dice_mean, status.dice_pairs = float(np.mean(dices)), len(dices)
    status.kappa = {pair: (cohen_kappa(items), len(items)) for pair, items in sorted(decisions.items())}
    leads = [r.lead_time_s for r in reviews if r.lead_time_s is not None]
    status.median_lead_time_s = statistics.median(leads) if leads else None
    return status
