"""QC readings added after the first measure of round 40 (banks FL-FO: trauma, interventional radiology, the target
and another structure discussed in turn, dental/ENT/eye). Sentences are this file's own; the phantom liver (test_qc's
layout) is right-sided, anterior, large and one piece; the spleen is left-sided."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

from medseg_qa.knowledge import lookup
from medseg_qa.qc.labelforms import label_forms

LIVER = "It is the liver [SEG]. It is large."


@pytest.mark.parametrize("sentence, flag", [
    # a structure brought in by a statement is what the next pronoun is about
    ("For comparison, the spleen is also visible. It is over on the left.", None),
    ("Alongside it you can see the spleen. That one sits on the patient's left.", None),
    ("It is worth comparing with the spleen, which is on the same image. It is over on the left.", None),
    # ... but a key line after it is still the target's ("Side: left" is spelled "It lies on the left")
    ("For comparison, the spleen is also visible.\nSide: left.", "laterality"),
    # signs, blood given, a rate, a bend: not the mask's side or pieces
    ("Primary survey: A ok, B reduced on one side, C 2 units running.", None),
    ("Lung sliding was present on both sides.", None),
    ("Fewer than 1 in 1000 such growths turn out to be anything worse.", None),
    ("The nasal septum bends to the left, which often goes with this.", None),
    ("The bladder is displaced upwards when the collection is big.", None),
    # the way in of a procedure, one part of several, a dose
    ("Approach: I'd sample it posteriorly, prone.", None),
    ("The posterior one suits a prone posterior approach.", None),
    ("Left paravertebral entry, coaxial 16 G.", None),
    ("Heparin 5000 units once the ostium is crossed.", None),
    ("It lies posteriorly.", "position"),
    # pieces counted after the target was named
    ("I can see two of them.", "count"),
    ("I can see one of them.", None),
])
def test_round_40_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("contents, flag", [
    # a correction in its own words ("The air pockets", "The lump") corrects the premise about the target
    ((Q, LIVER, "Since it's so small, is that why it was picked up?", "Not quite: the organ is large."), None),
    ((Q, LIVER, "As there are two pieces, do we need more than one pass?", "Positioning: supine."), "count"),
    # a rejection after a short heading, and options asked as a question
    ((Q, LIVER, "Since it's small, sum it up.", "Liver, no change on review: Actually no. It is large."), None),
    ((Q, LIVER, "How big? Small, moderate, large?", "Large."), None),
])
def test_round_40_conversations(contents, flag):
    assert flags("liver", *contents) == ([flag] if flag else [])


def test_an_injury_label_is_named_by_its_other_words():
    assert {"splenic tear", "lacerated spleen", "splenic injury"} <= label_forms("spleen laceration")
    assert "torn left kidney" in label_forms("left kidney laceration")
    assert "fractured ribs" in label_forms("rib fractures")
    assert label_forms("spleen") == set()


@pytest.mark.parametrize("label, entry", [
    ("right haemothorax", "right haemothorax"), ("haemoperitoneum", "haemoperitoneum"),
    ("haemopericardium", "haemopericardium"), ("pleural effusion", "pleural effusion"),
])
def test_round_40_knowledge_labels(label, entry):
    assert lookup(label).name == entry


def test_an_unknown_finding_label_is_named_by_its_finding():
    import test_qc

    rec = test_qc.record("vertebral fracture", layout={"vertebral fracture": test_qc.LAYOUT["aorta"]})
    answer = "It is the vertebral fracture [SEG]."
    assert "names_target" in flags("vertebral fracture", "Segment the spinal fracture.", answer, rec=rec)
    assert "names_target" not in flags("vertebral fracture", "Segment the injury to the spine.", answer, rec=rec)
