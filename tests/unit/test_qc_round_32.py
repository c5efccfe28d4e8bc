"""QC readings added after the first measure of round 32 (banks EF-EI: an outside reviewer's replay on public CT
labels, multi-piece and paired targets, non-native and machine-translated English, small local LLMs). Sentences
are this file's own; the phantom liver (test_qc's layout) is right-sided, anterior, large and one piece, to the
patient's right of the spleen and the aorta and in front of the aorta."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

LIVER = "It is the liver [SEG]. It is large."


@pytest.mark.parametrize("question, reply, flag", [
    # a statement asked back for checking is answered by a reply that states the truth on the same point
    ("So it is behind the aorta?", "The other way round: it lies in front of the aorta.", None),
    ("So it's on the patient's left?", "That's the usual trap. It is on the patient's right.", None),
    ("It is in the back half of the slice, yes or no?", "It sits in the front half.", None),
    ("So it is behind the aorta?", "Yes, and it is large.", "position"),
    ("So it is behind the aorta?", "Good question; the aorta is a midline vessel.", "position"),
    # a look offered by the user, answered by the truth
    ("Honestly it looks pretty small.", "On the numbers it is large, about 15% of the image.", None),
    ("Honestly it looks pretty small.", "Thanks for looking.", "size"),
])
def test_a_statement_put_for_checking_is_answered(question, reply, flag):
    assert flags("liver", Q, LIVER, question, reply) == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    # a look overruled by a contrast in its own sentence
    ("It looks like two blobs, but they are joined: one connected region.", None),
    ("It looks like two blobs.", "count"),
    # generic sentences: a risk, a population opener, teaching
    ("Having more than 100 moles raises melanoma risk several-fold.", None),
    ("In about 90 percent of people, the spleen lies on the left.", None),
    ("A left-sided effusion after oesophageal rupture is classic teaching.", None),
    # a symptom's region is not the mask's place
    ("Left iliac fossa pain brought the patient in.", None),
    ("It lies in the left iliac fossa.", "laterality"),
    # a number ending a sentence is kept, not read as the next list item
    ("The number of pieces is 2. It is anterior.", "count"),
    ("Steps: 1. Look. 2. Count the pieces.", None),
    # a bare 'Central.' names no axis
    ("Central.", None),
    # shorthand and translated English
    ("2 comps.", "count"),
    ("3 seperate blobs.", "count"),
    ("it is bilat.", "laterality"),
    ("Position of liver: patient left side.", "laterality"),
    ("Mod size.", "size"),
    ("Post to Ao.", "position"),
    ("It is at the back side of the aorta.", "position"),
    ("It is at the front side of the aorta.", None),
    ("How many? Answer: three.", "count"),
    ("Number of lesions: 2.", "count"),
    ("Number: twin nodes.", "count"),
    ("Laterality - bilaterally.", "laterality"),
    ("The mask is in both lungs.", "laterality"),
    ("You'll find it on both sides.", "laterality"),
    ("The segmented region is of medium dimension.", "size"),
    ("It is at the left of the aorta.", "position"),
])
def test_round_32_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


def test_the_pair_of_a_one_sided_target_is_another_thing():
    """'the two kidneys' of the right kidney is the pair; 'the kidney' is the target."""
    import test_qc

    rec = test_qc.record("right kidney")  # right-sided, one piece
    q = "Which organ here makes urine? Please segment it."
    assert flags("right kidney", q, "It is the right kidney [SEG]. In a horseshoe kidney the two kidneys are fused "
                 "in the midline.", rec=rec) == []
    assert flags("right kidney", q, "It is the right kidney [SEG]. The kidney lies in the midline.", rec=rec) == \
        ["laterality"]


def test_a_lesion_label_counts_by_its_own_noun():
    """'three adenomas' counts an adrenal adenoma's pieces, though the label has no knowledge entry."""
    import test_qc

    rec = test_qc.record("adrenal adenoma", mask=test_qc.LAYOUT["right kidney"])  # one piece
    q = "Which lesion of the stress-hormone gland is seen here? Please outline it."
    assert flags("adrenal adenoma", q, "It is an adrenal adenoma [SEG]. I make it three adenomas.", rec=rec) == \
        ["count"]
    assert flags("adrenal adenoma", q, "It is an adrenal adenoma [SEG]. It is one adenoma.", rec=rec) == []
