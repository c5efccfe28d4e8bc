"""Segmentation and answer metrics against hand-computed cases, and the losses' basic behaviour."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from medseg_qa.model.losses import mask_losses, mask_scores, rouge_l, summarise  # noqa: E402


def test_mask_scores_and_summary_match_hand_computed_values():
    p = torch.zeros(3, 4, 4, dtype=torch.bool)
    g = torch.zeros(3, 4, 4, dtype=torch.bool)
    p[0, :2, :2] = True            # 4 px inside an 8 px target: I=4, U=8
    g[0, :2, :] = True
    p[1, 0, 0] = True              # disjoint: I=0, U=2
    g[1, 3, 3] = True
    # sample 2: both empty -> counted as a perfect match
    s = mask_scores(p, g)
    assert s["intersection"] == [4, 0, 0] and s["union"] == [8, 2, 0]
    assert s["iou"] == pytest.approx([0.5, 0.0, 1.0])
    assert s["dice"] == pytest.approx([2 * 4 / 12, 0.0, 1.0])
    per = [{k: v[i] for k, v in s.items()} for i in range(3)]
    summ = summarise(per)
    assert summ["gIoU"] == pytest.approx(1.5 / 3)
    assert summ["cIoU"] == pytest.approx(4 / 10)
    assert summ["dice"] == pytest.approx((2 / 3 + 0 + 1) / 3)


def test_rouge_l_hand_computed():
    # LCS("the liver is here", "it is the liver") = "the liver" (2): P = 2/4, R = 2/4
    assert rouge_l("the liver is here", "it is the liver") == pytest.approx(0.5)
    assert rouge_l("a b c", "a b c") == pytest.approx(1.0)
    assert rouge_l("", "x") == 0.0 and rouge_l("x y", "z") == 0.0


def test_mask_losses_prefer_the_right_mask():
    target = torch.zeros(1, 1, 16, 16)
    target[..., 4:12, 4:12] = 1
    good = (target * 2 - 1) * 8
    bad = -good
    lg = {k: float(v) for k, v in mask_losses(good, target).items()}
    lb = {k: float(v) for k, v in mask_losses(bad, target).items()}
    assert lg["bce"] < 0.01 < lb["bce"] and lg["dice"] < 0.05 < 0.9 < lb["dice"]
    # a target at 4x the logit resolution is area-reduced, not sampled
    big = torch.nn.functional.interpolate(target, scale_factor=4, mode="nearest")
    assert float(mask_losses(good, big)["dice"]) == pytest.approx(lg["dice"], abs=1e-4)
