"""QC readings added after the first measure of round 38 (banks FD-FG: radiotherapy contouring, reasoning-model output,
speech-recognition dictation, oncology follow-up). Sentences are this file's own; the phantom liver (test_qc's layout)
is right-sided, anterior, large and one piece, to the patient's right of the spleen and the aorta and in front of the
aorta; the aorta is midline and small."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

LIVER = "It is the liver [SEG]. It is large."


@pytest.mark.parametrize("sentence, flag", [
    # a speaker's repair inside a sentence: the repair is read, what it repairs is not
    ("It is on the patient's left no scratch that on the right side.", None),
    ("It is on the patient's right no scratch that on the left side.", "laterality"),
    ("It sits low down in the slice sorry high up in the slice.", None),
    ("It sits in the back half of the slice, sorry, in the front half of the slice.", None),
    ("There are two sorry one piece.", None),
    ("There is one sorry two pieces.", "count"),
    ("It lies on the left, no doubt about it.", "laterality"),
    # spoken punctuation and numbers, fillers, a spoken key
    ("The area is um two point three percent no eleven percent of the slice full stop", None),
    ("The area is eleven percent no point two zero percent of the slice full stop", "size"),
    ("Side wise it's left.", "laterality"),
    ("Overall tiny.", "size"),
    # a reason after the side does not turn the claimed side into the screen's
    ("Laterality: left since it shows on the left of the screen.", "laterality"),
    ("It is right-sided since it shows on the left of the screen.", None),
    # a wording given up, a dose-volume constraint, a margin's direction, the prior study
    ("I nearly wrote posterior, but the upper half of the image is the anterior side here.", None),
    ("V50 under 5% is generous and easy to meet.", None),
    ("The CTV-to-PTV margin is 5-7 mm, shrunk to 3 mm posteriorly toward the rectum.", None),
    ("On the prior only the left side was involved.", None),
    ("Previously it was small, but now it is large.", None),
    ("Previously it was large, but now it is small.", "size"),
    ("On this slice it comes out small.", "size"),
])
def test_round_38_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("contents, flag", [
    # a user's spoken premise without its comma, and a tag question without its question mark
    ((LIVER, "so as it's on the left what's the next step", "Nothing urgent."), "laterality"),
    ((LIVER, "okay given it's on the right anything else i should mention", "Nothing urgent."), None),
    ((LIVER, "that is small isn't it uh", "no size wise it is big"), None),
    ((LIVER, "that is small isn't it", "Nothing else to add."), "size"),
    # a bare "no" opening an answer rejects; "not quite" opening one denies nothing after it
    ((LIVER, "looks like two bits to me", "no there's just the one piece"), None),
    ((LIVER, "isn't it on the left", "not quite the mask is on the patient's right."), None),
    # a count with its prior in brackets is the current one
    ((LIVER + " n = 1 now (prior 2).",), None),
    ((LIVER + " n = 2 now (prior 1).",), "count"),
    ((LIVER + " Comparing the two timepoints: there are 2 separate lesions on the current study.",), "count"),
])
def test_round_38_conversations(contents, flag):
    assert flags("liver", Q, *contents) == ([flag] if flag else [])


def test_a_category_spoken_as_a_number_counts_nothing():
    assert flags("liver", "hey rad assist outline the Bosniak one lesions please", LIVER) == []
    assert flags("liver", "hey rad assist outline the one lesion please", LIVER) == []
    assert flags("liver", Q, LIVER + " It is a grade two lesion.", "How many pieces?", "Two separate pieces.") == ["count"]


def test_spoken_numbers_and_punctuation():
    from medseg_qa.qc.amounts import size_claims
    from medseg_qa.qc.clauses import sentences

    assert [c.value for _, c in size_claims("It covers about point seven percent of the image.")] == [0.7]
    assert [c.value for _, c in size_claims("The area is point eight of a percent of the slice.")] == [0.8]
    assert [c.value for _, c in size_claims("At this point two percent of the slice is covered.")] == [2.0]
    assert sentences("It is the liver [SEG] period The area is small full stop Is it one piece question mark") == \
        ["It is the liver.", "The area is small.", "Is it one piece?"]
    assert sentences("Heavy periods and fibroids were mentioned.") == ["Heavy periods and fibroids were mentioned."]
