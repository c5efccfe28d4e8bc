"""QC readings added after the first measures of rounds 28 and 29 (banks DP-DW: LLMs driven by the product's
prompt, a QA engineer's one-phrase edits, physician-refined drafts, crowded scenes, patients in lay words,
translated English, multi-lesion reports): corrections worded as "A correction is
needed here" or "We should correct that", a user's perception offered for checking ("That looks large to me"),
rules and frequencies that speak of no image, symptoms' sides, clipped premises ("Given Lt, ..."), parts the
target has, structures described by a checklist label or identified by "That is ...", fragment questions about
other things, and the words of physicians' drafts (mid-AP, mid-height, the AP plane, each side of the midline).
Sentences are this file's own; the phantom liver (test_qc's layout) is right-sided, anterior, large and one
piece."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

LIVER = "It is the liver [SEG]."


@pytest.mark.parametrize("premise, reply, flag", [
    ("I believe it is small.", "A correction is needed here. In terms of size, it is classified as large.", None),
    ("I believe it is small.", "Sure. In terms of size, it is classified as small.", "size"),
    ("That looks small to me.", "It covers about 15% of the frame, which makes it large.", None),
    ("That looks small to me.", "Yes, it is small.", "size"),
    ("We have it lying posteriorly;", "We should correct that for the minutes. Position: anterior.", None),
    ("We have it lying posteriorly;", "Noted for the minutes.", "position"),
    ("Looks to me like it sits in the back half.", "Actually, no: position: anterior.", None),
    ("And the bone at the back? Given that the mask is on the left, what should I compare it with?",
     "That's the vertebral body. That's not what the mask shows: it lies on the right.", None),
])
def test_a_user_idea_answered_by_a_correction(premise, reply, flag):
    assert flags("liver", Q, LIVER, premise, reply) == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    # rules, frequencies and conditions that speak of no image
    ("Anything over ~5% of the image is small.", None),
    ("A large unilateral lucency without markings would raise a pneumothorax.", None),
    ("A solitary lesion should make you think of a primary tumour.", None),
    ("Torsion is more common on the left.", None),
    ("On a supine film air collects posteriorly.", None),
    ("Note: Had the structure been left-sided, it would be displayed on the right side of the image.", None),
    ("Tearing pain to the back suggests a dissection.", None),
    # the passive of a rating, and the hedges set off by commas
    ("In terms of size, it is classified as small.", "size"),
    ("It sits, roughly speaking, posteriorly.", "position"),
    ("There are, if I count correctly, two separate parts.", "count"),
    # an expletive lead, and parts the target has
    ("It should also be noted that the spleen sits on the left.", None),
    ("It has a thin tail that runs toward the left, past the midline.", None),
    ("It has a portion on the left.", "laterality"),
    # a structure named by a checklist label, or identified by 'That is'
    ("Pineal gland: midline, small, calcified.", None),
    ("That is the septum pellucidum, a thin sheet in the midline.", None),
    ("Neighbours: the ischial tuberosities (two, posterior, symmetric).", None),
    ("Compared with the vertebral body, bone in the midline at the back, it sits anteriorly.", None),
    ("Posteriorly in the midline is the vertebral body.", None),
    ("Elsewhere on the slice: Posteriorly, both occipital lobes look normal.", None),
    # a physician's words for places
    ("It lies centrally in the AP plane.", "position"),
    ("It is mid-AP.", "position"),
    ("It lies on each side of the midline.", "laterality"),
    ("It is centred on the vertical midline of the image.", "laterality"),
])
def test_liver_sentences(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("question, flag", [
    ("Sudden left-sided weakness: which organ here makes bile? Segment it.", None),
    ("Which organ on the left makes bile? Segment it.", "laterality"),
])
def test_the_side_of_a_symptom_is_not_the_target_s(question, flag):
    assert flags("liver", question, LIVER) == ([flag] if flag else [])


@pytest.mark.parametrize("follow_up, answer, flag", [
    ("Given Lt, compare with the other side?", "Worth comparing on adjacent slices.", "laterality"),
    ("Given Rt, compare with the other side?", "Worth comparing on adjacent slices.", None),
    ("Is the big organ on the left the spleen?", "Yes, that's the spleen. It is on the patient's left.", None),
    ("And the left side?", "The left side is clear.", None),
])
def test_follow_ups(follow_up, answer, flag):
    assert flags("liver", Q, LIVER, follow_up, answer) == ([flag] if flag else [])


def test_a_first_turn_that_asks_in_a_clipped_request_is_not_malformed():
    assert flags("liver", "Need the bile-making organ segmented on this axial CT; clipped summary fine.", LIVER) == []


@pytest.mark.parametrize("label, question", [
    ("glioblastoma", "Board prep: outline the GBM on the axial MR, please."),
    ("disc herniation", "Please segment the herniated disc on the axial MR."),
    ("L3 vertebral body", "Which bone is this? Segment it. Is it the third lumbar vertebra?"),
    ("intracerebral haemorrhage", "Please segment the haematoma on this CT."),
])
def test_knowledge_names_common_labels(label, question):
    import test_qc

    rec = test_qc.record(label, mask=test_qc.LAYOUT["liver"])
    assert "names_target" in flags(label, question, f"It is the {label} [SEG].", rec=rec)


@pytest.mark.parametrize("sentence, flag", [
    # round 29: citations, glosses, a second predicate after a negation
    ("It does not lie posteriorly [slice] and sits in front of the aorta [slice].", None),
    ("It does not lie posteriorly and sits behind the aorta.", "position"),
    ("It lies anterior (ventral) to the aorta.", None),
    ("It lies posterior (dorsal) to the aorta.", "position"),
    ("It is not only on the left.", "laterality"),
    ("It is not only on the right but also crosses the midline.", None),
    # generic rules, prior studies, single lesions' physical sizes, lesions counted by side
    ("A lobulated lesion seen at an angle can look like two, and two that touch merge into one piece.", None),
    ("A connected-component count treats pixels that touch as one piece.", None),
    ("The Milan criteria allow a transplant with one lesion up to 5 cm.", None),
    ("The pre-treatment study showed three nodules.", None),
    ("The spleen usually sits on the left.", None),
    ("One of the others is tiny, about 5 mm.", None),
    ("It is small, about 0.5% of the image.", "size"),
    ("Of the separate pieces, two on the left and one on the right.", "laterality"),
    ("Hint: it is the largest solid organ.", None),
])
def test_round_29_liver_sentences(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("follow_up, answer, flag", [
    ("He told the family it's on the left side of his body. Is that bad?", "The team will explain.", "laterality"),
    ("He told the family it's on the right side of his body. Is that bad?", "The team will explain.", None),
    ("Is it on my left?", "It's on your right, your right, that is, not the screen's right.", None),
    ("Is it on my left?", "It's on your left, your left, that is, not the screen's left.", "laterality"),
])
def test_round_29_patients(follow_up, answer, flag):
    assert flags("liver", Q, LIVER, follow_up, answer) == ([flag] if flag else [])
