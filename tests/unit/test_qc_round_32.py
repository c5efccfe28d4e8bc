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


@pytest.mark.parametrize("sentence, flag", [
    # round 33: clefts and fronted words in plain order
    ("It is to the patient's left of the aorta that it sits.", "position"),
    ("It is to the patient's right of the aorta that it sits.", None),
    ("Small is what it is.", "size"),
    ("Left-sided it is.", "laterality"),
    ("Toward the back is where you'll find it.", "position"),
    # passive denials, bounds compared, threshold lists, conversions, other structures' amounts
    ("A posterior position is not observed.", None),
    ("An anterior position is not observed.", "position"),
    ("By share of the image: under 1% small, 1-5% medium, 5% plus large.", None),
    ("Under 5% of the image, which it is well above.", None),
    ("At 0.7 mm per pixel, one pixel covers 0.49 mm2, so 100 pixels are about 49 mm2.", None),
    ("For scale, it is about a quarter the size of the spleen on this slice (roughly 400 pixels).", None),
    ("Then it would show up on the image's right;", None),
    ("What would a one-sided version look like?", None),
    ("Two pieces touching by a corner still count as one.", None),
    ("Couinaud's scheme splits the organ into eight segments.", None),
    ("Nobody would call it small.", None),
    ("Heart-failure effusions are bilateral in most patients, and when one-sided they favour the right.", None),
    # report lines about other things, or about one lesion of several
    ("Spleen reviewed - left, medium, not part of the target.", None),
    ("Individually: 1 left, posterior, smallest;", None),
    # shares per mille, one part in N, compound ordinals
    ("It covers about 2 per mille of the image.", "size"),
    ("That works out to roughly 1 part in 400 of the image.", "size"),
    ("Area: about a seventy-fifth of the frame.", "size"),
    ("For scale, it is about a seventh the size of the pelvic cavity on this slice (roughly 16,000 pixels).", None),
    ("Milan criteria: one tumour up to 5 cm, or up to 3 tumours each no bigger than 3 cm.", None),
    ("Roughly 20% of nodules seen on CT are missed on a chest film.", None),
    ("It'd need under 1% of the image to be small, and it is way over that.", None),
    ("The size of the liver is small.", "size"),
])
def test_round_33_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("question, reply, flag", [
    ("Two pieces, right?", "Two pieces? No. One.", None),
    ("Two pieces, right?", "Two pieces? Yes.", "count"),
    ("ok so two of them.", "Thanks for asking.", "count"),
    ("I count two pieces.", "Look again: one piece.", None),
    ("Is it left or right?", "Right, in patient terms.", None),
    ("Is it left or right?", "Left, in patient terms.", "laterality"),
    ("Is it left or right?", "Right, let's see: it lies on the patient's right.", None),
    ("It is behind the aorta, huh?", "No: in front of it.", None),
])
def test_round_33_follow_ups(question, reply, flag):
    assert flags("liver", Q, LIVER, question, reply) == ([flag] if flag else [])


def test_a_table_row_holding_the_token_is_read_against_its_header():
    """The target's row reads as key-value lines; the other rows are other structures; numbered rows are parts."""
    table = ("| Structure | Side | AP position | Size |\n|---|---|---|---|\n| Spleen | Left | Posterior | Medium |\n"
             "| **Liver** [SEG] | {side} | Anterior | Large |\n| Aorta | Midline | Posterior | Small |\n\n"
             "| # | Side | AP |\n|---|---|---|\n| 1 | Left | Posterior |")
    assert flags("liver", Q, table.format(side="Right")) == []
    assert flags("liver", Q, table.format(side="Left")) == ["laterality"]


def test_a_symptoms_side_is_not_the_masks():
    q = "I had cramps that felt worse on my left. Which organ here makes bile? Please segment it."
    assert flags("liver", q, LIVER) == []
    assert flags("liver", "Which organ on my left makes bile? Please segment it.", LIVER) == ["laterality"]


@pytest.mark.parametrize("sentence, flag", [
    # round 34: photos' halves, counterfactual size rules, asked fragments, hedges in commas
    ("It is in the lower half of the close-up dermoscopy frame.", "position"),
    ("Vertically, it sits below the horizontal midline of the image.", "position"),
    ("Under 5% of the frame would have made it medium;", None),
    ("Anything from 5% of the frame up is large, and this is comfortably there.", None),
    ("An 'ugly duckling' is the one naevus that looks different from the others.", None),
    ("Small? Far from it. Large.", None),
    ("In the midline?", None),
    ("Although several structures crowd this slice, the one you are after is the liver.", None),
    ("Under 1% of the image it would be called small, and above 5% large;", None),
    ("Along that axis, the mask is posterior, below the image's mid-height.", "position"),
    ("It is, as far as I can judge, midline.", "laterality"),
    ("It spares the right side completely: left only.", "laterality"),
    ("If I count correctly, there are three separate pieces, not one.", "count"),
    ("No fewer and no more than four separate regions.", "count"),
    ("Front to back, it could hardly be more central.", "position"),
    ("The segmented region is hardly big; small is the right class.", "size"),
    ("I wouldn't call it small; medium, no more, and no less.", "size"),
])
def test_round_34_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])
