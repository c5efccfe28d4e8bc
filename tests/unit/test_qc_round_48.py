"""QC readings added in round 48: first the leftovers of rounds 46-47 (read before round 48's banks were seen), then
what round 48's banks (GR-GU) taught after their first measure. Sentences are this file's own; the phantom liver
(test_qc's layout) is right-sided, anterior, large (about 15% of the image) and one piece, right of the spleen and the
aorta and in front of the aorta."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

LIVER = "It is the liver [SEG]. It is large."


@pytest.mark.parametrize("sentence, flag", [
    # the image's share said of all its pixels is the mask's, not a class's share ("5 to 10% of these tumours")
    ("Coverage: 0.40% of all pixels.", "size"),
    ("Coverage: 15% of all pixels.", None),
    ("Roughly 5 to 10% of all such tumours are multifocal.", None),
    # a first pass given up, then the second look's claim, whose subject comes after the look
    ("My first pass said 2 pieces, but on a second look the segmentation forms one continuous region.", None),
    ("My first pass said 1 piece, but on a second look the segmentation forms two separate regions.", "count"),
    ("My first pass said left, but on a second look the label lies on the right.", None),
])
def test_round_48_leftovers(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])
