"""QC readings added after the first measure of round 35 (banks ER-EU: the four named registers with restated facts,
MedSeg-QA drafts refined by a physician, a QA team's sentence-pool generator, bilateral, midline and multi-region
masks). Sentences are this file's own; the phantom liver (test_qc's layout) is right-sided, anterior, large and one
piece, to the patient's right of the spleen and the aorta and in front of the aorta; the aorta is midline and small."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

LIVER = "It is the liver [SEG]. It is large."


@pytest.mark.parametrize("sentence, flag", [
    # "not just on one side": not confined to one side, whichever side is named first
    ("It isn't just on the left or just on the right.", "laterality"),
    ("It is not solely on the right.", "laterality"),
    # a side of the picture written after the side word, and the side opposite a side of the picture
    ("It is on the patient's right, even though it looks like the left on the picture.", None),
    ("It is on the right on the picture.", "laterality"),
    ("It sits on the opposite side from the image's right edge.", None),
    ("It sits on the opposite side from the image's left edge.", "laterality"),
    # 'it' after another structure as the sentence's subject is that structure
    ("The spleen lies far back, with the aorta in front of it.", None),
    ("It is much larger than the aorta behind it.", None),
    ("It is much larger than the aorta in front of it.", "position"),
    # terse descriptors
    ("~0.49% FOV.", "size"),
    ("Size-wise, I'd call the segmented region small.", "size"),
    ("Size-wise, I'd call the highlighted area quite large.", None),
    ("Midline in position.", "laterality"),
    # a quantified kind compared in general says nothing of this mask
    ("Many deposits are darker than the background in the portal venous phase.", None),
])
def test_round_35_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("question, reply, flag", [
    # a reported premise rejected by "Not on this picture" and answered with the truth
    ("The nurse said there were two separate pieces?", "Not on this picture. There is just one region, in one piece.",
     None),
    ("The nurse said there were two separate pieces?", "Thanks for asking.", "count"),
    # a user's terse acknowledgement restates a size
    ("small, ok. side?", "Right.", "size"),
    ("large, ok. side?", "Right.", None),
    # "Central, ML." answers a side question: the midline
    ("side?", "Central, ML.", "laterality"),
])
def test_round_35_follow_ups(question, reply, flag):
    assert flags("liver", Q, LIVER, question, reply) == ([flag] if flag else [])


def test_a_bare_right_among_terse_descriptors_is_a_side():
    """'Size: medium. Right. One component.' lists a side; 'Right.' opening an answer assents, and after a sentence
    that claims nothing it is a discourse marker."""
    import test_qc

    rec = test_qc.record("spleen")  # patient left
    q = "Which organ here filters old red cells? Please segment it."
    assert flags("spleen", q, "Spleen [SEG]. Size: medium. Right. One component.", rec=rec) == ["laterality"]
    assert flags("spleen", q, "Right. It is the spleen [SEG], on the patient's left.", rec=rec) == []
    assert flags("spleen", q, "It is the spleen [SEG]. Let me see. Right. It is on the patient's left.", rec=rec) == []


def test_not_confined_to_one_side_agrees_with_a_midline_mask():
    import test_qc

    rec = test_qc.record("aorta")
    q = "Which large vessel carries blood from the heart to the body? Please segment it."
    assert flags("aorta", q, "It is the aorta [SEG]. It isn't just on the left or just on the right.", rec=rec) == []


def test_an_ascii_sketch_is_left_out_but_a_line_of_numbers_is_read():
    from medseg_qa.qc.markup import layout_line

    assert layout_line("R ....###.... L") is None
    assert layout_line("~0.49% FOV.") == "~0.49% FOV."


def test_readings_that_round_35_must_not_overreach():
    """The person's own side ("my left side on this image") is no side of the picture; another voice's "Right."
    assents; "Not in the mask: ..." heads a list and rejects nothing."""
    import test_qc

    assert flags("liver", "Can you segment the organ I may have hurt when I fell on my left side on this image?",
                 LIVER) == []
    rec = test_qc.record("spleen")
    q = "Which organ here filters old red cells? Please segment it."
    assert flags("spleen", q, "It is the spleen [SEG].\nHOST A: The mask is left-sided.\nHOST B: Right.", rec=rec) == []
    assert flags("liver", Q, LIVER, "Since it is on the patient's left, what should I check?",
                 "Not in the mask: the spleen and the stomach.") == ["laterality"]
