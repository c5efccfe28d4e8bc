"""QC readings added after the first measures of round 35 (banks ER-EU: the four named registers with restated facts,
MedSeg-QA drafts refined by a physician, a QA team's sentence-pool generator, bilateral, midline and multi-region
masks) and round 36 (EV-EY: small local models, an outside reviewer's traps, wording variety, cardiac and vascular
views). Sentences are this file's own; the phantom liver (test_qc's layout) is right-sided, anterior, large and one
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
    # "one on each side" of other structures named before it is theirs
    assert flags("aorta", q, "It is the aorta [SEG]. Unlike the internal jugular veins, one on each side, the mask lies "
                 "straddling the patient's midline.", rec=rec) == []


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


@pytest.mark.parametrize("sentence, flag", [
    # round 36: conventions split at a semicolon or with the body's half as the object
    ("In this display the patient's left is not on your left; it is mirrored to your right.", None),
    ("Nothing on screen is where your body would put it: the left half of the picture shows the right half of the body.",
     None),
    # British number words, a kind said to look a size, one on each side
    ("It covers about nought point four nine per cent of the image.", "size"),
    ("Most solid organs look large on the slice through their widest part.", None),
    ("They are paired, one on each side.", "laterality"),
    ("There is one kidney on each side of the spine.", None),
    # a repair inside the sentence and a frame repaired by the next one
    ("Looking at it, the mask is on the left, hmm, no, correction: the image's left is the patient's right, so "
     "right-sided.", None),
    ("The mask is on the left side. Wait, that's the image's left; in patient terms it is on the patient's right.", None),
    # single-quoted words are the draft's, not the answer's
    ("[Removed the draft's 'on the patient's left', which was wrong; it lies on the patient's right.]", None),
    ("It is sitting astride the midline.", "laterality"),
])
def test_round_36_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("question, contents, flag", [
    # the target the user points at in the first question is the target
    ("MR, axial: the thing I'm asking about sits on the left of the screen (the patient's right). Which organ makes bile? "
     "Segment it.", (LIVER,), None),
    ("MR, axial: the thing I'm asking about sits on the right of the screen (the patient's left). Which organ makes bile? "
     "Segment it.", (LIVER,), "laterality"),
    # an answer's echo of the question under a frame is the user's words
    (Q, (LIVER, "I count two pieces.", "You ask: I count two pieces. It is one piece."), None),
    # a premise before options, and an indicative 'if' before a question
    (Q, (LIVER, "Given it's left-sided, anterior or posterior?", "Anterior."), "laterality"),
    (Q, (LIVER, "It's small, I guess, so anterior or posterior?", "Anterior."), "size"),
    (Q, (LIVER, "If it covers about 0.5% of the image, what sits next to it?", "The spleen, on the other side."), "size"),
    (Q, (LIVER, "If it were on the left, what would sit next to it?", "The spleen."), None),
    # a draft's wording rejected, an ESL rejection
    (Q, (LIVER, "The draft I got earlier said dorsal. Check that.", "That draft wording is wrong: it lies anteriorly."), None),
    (Q, (LIVER, "My colleague say it is in the back half. Is true?", "Not like this. It stays in front part."), None),
])
def test_round_36_conversations(question, contents, flag):
    assert flags("liver", question, *contents) == ([flag] if flag else [])


def test_the_vocal_cords_are_a_clue_to_the_larynx_and_the_femur_names_its_head():
    from medseg_qa.knowledge import lookup

    assert "vocal cord" not in lookup("larynx").synonyms and "femur" in lookup("femoral heads").synonyms
    assert {"PE", "pulmonary emboli"} <= set(lookup("pulmonary embolism").synonyms)
