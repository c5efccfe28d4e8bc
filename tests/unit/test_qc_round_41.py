"""QC readings added after the first measure of round 41 (banks FP-FS: breast imaging, vascular imaging, sports and
musculoskeletal imaging, raw small-model output). Sentences are this file's own; the phantom liver (test_qc's layout)
is right-sided, anterior, large and one piece."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

from medseg_qa.knowledge import lookup
from medseg_qa.qc.amounts import size_claims
from medseg_qa.qc.counts import count_claims
from medseg_qa.qc.labelforms import place_terms
from medseg_qa.qc.lexicon import Lexicon

LIVER = "It is the liver [SEG]. It is large."


@pytest.mark.parametrize("sentence, flag", [
    # an answer revising its own words: a bracket of its own, "I made a mistake", "I got that wrong", "Amended:"
    ("It lies on the left. (Correction: it lies on the right.)", None),
    ("It lies on the left.", "laterality"),
    ("I can see two separate parts. Sorry, I made a mistake. Actually, it is one piece.", None),
    ("There are two separate parts. Sorry, I got that wrong: there's just one piece.", None),
    ("Count: 3 separate regions. Amended: Count: 1.", None),
    ("It sits on the left side of your body. Oh, sorry, my mistake: it sits on your right side.", None),
    ("Two separate parts. Sorry, let me restate that: it is a single piece.", None),
    # shares of many things and chances are not the mask's share of the image
    ("About 15% of screen-detected cancers show on only one view.", None),
    ("Category 4 covers anything from a 2% to a 95% chance of malignancy.", None),
    ("It covers 1% of the screen.", "size"),
    # "neither tiny nor big" is the middle class; "a small target", "of great size", "only small"
    ("As a share of this slice it is neither tiny nor big.", "size"),
    ("On the image it is a small target.", "size"),
    ("It is of great size, it takes much place in the image.", None),
    ("Size on the image: small.", "size"),
    # a place denied at the end of its sentence, a new subject after "and"
    ("On the left side it is not.", None),
    ("On the right side it is not.", "laterality"),
    ("It is large in size, not small not medium and The liver is located on left side of the patient.", "laterality"),
    # a relation to a structure of the patient's is no side of the body
    ("It lies to the left of the patient's right nipple.", None),
    ("It lies on the left of the patient.", "laterality"),
    # a side inside a sided place, said of the finding
    ("The finding is confined to the left hemithorax.", "laterality"),
    # an adjective of another thing, and where a movement hurts
    ("It is found after roughly 80% of first-time posterior dislocations.", None),
    # counts: a pseudo-cleft, "just the one", "N of them", a counted noun after its adjective
    ("What's highlighted is made up of 2 separate foci.", "count"),
    ("It's just the one focus of contrast.", None),
    ("So, three of them, separate foci.", "count"),
    ("There is just one necrotic segment.", None),
    ("There are two necrotic segments.", "count"),
])
def test_round_41_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("contents, flag", [
    # a premise corrected in its own noun, or after "a common misreading", "Ah, no", "hmm no and", "nope, not really"
    ((Q, LIVER, "My notes say two distinct lobes. Correct?", "No, that's not right: there is a single lobe."), None),
    ((Q, LIVER, "My notes say two distinct lobes. Correct?", "It is large."), "count"),
    ((Q, LIVER, "Am I right that it is two separate pieces?", "That's a common misreading. There is actually one piece."),
     None),
    ((Q, LIVER, "So there are three separate pieces. Does that change anything?", "Ah, no, sorry, a single piece."), None),
    ((Q, LIVER, "alright it is small?", "hmm no and It is not small. it is a large structure here."), None),
    ((Q, LIVER, "I see it is small?", "nope, not really the size is large"), None),
    ((Q, LIVER, "With two separate pieces, what's the plan?", "Amend that: Number: 1 (piece). Admit for review."), None),
    # a premise of size stated by the user, read as such
    ((Q, LIVER, "OK, it's only small.", "Noted."), "size"),
    # a symptom's place in a question is no place of the mask
    (("It hurts halfway up when I lift my arm. " + Q, LIVER), None),
])
def test_round_41_conversations(contents, flag):
    assert flags("liver", *contents) == ([flag] if flag else [])


def test_an_unknown_finding_is_not_named_by_its_place_alone():
    import test_qc

    rec = test_qc.record("knee joint effusion", layout={"knee joint effusion": test_qc.LAYOUT["aorta"]})
    answer = "It is the knee joint effusion [SEG]."
    assert "names_target" not in flags("knee joint effusion", "My knee swelled up overnight. What is it?", answer, rec=rec)
    assert "names_target" in flags("knee joint effusion", "Segment the effusion in my knee.", answer, rec=rec)
    assert {"knee", "joint"} <= place_terms("knee joint effusion") and "effusion" not in place_terms("knee joint effusion")
    assert place_terms("psoas muscle") == frozenset()  # a structure's modifier is its name, not a place


def test_a_sided_finding_label_finds_its_entry_and_its_named_form():
    import test_qc

    assert lookup("renal calculi").name == lookup("right renal calculi").name == "kidney stone"
    assert lookup("calculi") is None  # a one-word synonym is too loose to name an entry
    rec = test_qc.record("right renal calculi", layout={"right renal calculi": test_qc.LAYOUT["right kidney"]})
    answer = "These are the right renal calculi [SEG]."
    assert "laterality" in flags("right renal calculi", Q, f"{answer} The right kidney stones are located on the left.",
                                 rec=rec)
    assert flags("right renal calculi", Q, f"{answer} The right kidney stones are located on the right.", rec=rec) == []


def test_an_organ_word_of_a_finding_label_counts_nothing():
    lexicon = Lexicon("multifocal left breast carcinoma", (), (), lookup("multifocal left breast carcinoma"))
    assert count_claims("It's common for one breast to be bigger than the other.", lexicon) == []
    assert count_claims("Two of them lie on the left.", lexicon) == []
    assert [c.value for _, c in count_claims("I'll record it as a single fluid collection.", lexicon)] == [1]
    assert size_claims("Answer: About 95% of small nodules found on screening are benign.", "why is it bright?") == []


def test_a_lesion_of_a_known_organ_is_named_by_the_organs_name():
    import test_qc

    rec = test_qc.record("hepatic cyst", layout={"hepatic cyst": test_qc.LAYOUT["liver"]})
    assert "names_target" in flags("hepatic cyst", "Outline the liver cyst please.", "It is the hepatic cyst [SEG].", rec=rec)
