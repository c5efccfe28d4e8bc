"""QC readings added after the first measures of rounds 23 to 27 (banks CV-DO): what a claim is about (a part of
the target, a counterpart by ellipsis, a numbered segment, the target's own general head noun), which claims are asserted (a
verdict written after them, a parenthesis sharing its clause's mood, unreal cases, thresholds, other sources and
times, repairs after a dash, a statement put to the assistant and answered), and readings that were missing (a
central place along the front-back axis, the upper or lower half of a photo, a chest film's zones, a place inside a
sided structure, a size rated with "I'd call it" or "it counts as"). Sentences are this file's own; the phantom
liver (test_qc's layout) is right-sided, anterior, large and one piece; the aorta is midline, central and small."""

from __future__ import annotations

import pytest
import test_qc
from test_qc_registers import Q, flags

LIVER = "It is the liver [SEG]."
AORTA = "It is the aorta [SEG]."


@pytest.mark.parametrize("sentence, flag", [
    # a verdict after what it judges
    ("H2: a left-sided structure \u2014 rejected: it lies on the patient's right.", None),
    ("H2: a small structure (ruled out).", None),
    ("It lies on the patient's left.", "laterality"),
    # a parenthesis shares the mood of the clause it glosses
    ("I'd first written that it was small (roughly 0.3% of the image); it is large.", None),
    ("It is large (roughly 0.3% of the image).", "size"),
    # a place to search is an instruction, not where the target lies
    ("If the answer were no, look on the patient's left instead.", None),
    # repairs after a dash or an ellipsis
    ("It is on the left \u2014 actually, scratch that, on the right.", None),
    ("It is in two pieces \u2014 sorry, no, in one piece.", None),
    # unreal cases and thresholds
    ("In situs inversus it would lie on the left, which is not the case here.", None),
    ("With more than four deposits, resection becomes less likely.", None),
    # another source or time
    ("My colleague said it was left-sided; it is right-sided.", None),
    ("At that time there were three foci; today it is one region.", None),
    # a part of the target, a numbered segment, a counterpart by ellipsis
    ("Its tip points toward the left, past the midline.", None),
    ("Segment VIII sits high and posterior in the right lobe.", None),
    ("Its bulk lies on the patient's left.", "laterality"),
    # a percentage or a size word that measures something else
    ("A cardiothoracic ratio above 50% on a PA film suggests enlargement.", None),
    ("Fatty liver accounts for a large share, perhaps a third, of abnormal liver tests.", None),
    ("It takes up a small share of the image.", "size"),
    # sizes rated by the speaker
    ("Size-wise I'd call this small.", "size"),
    ("At roughly 0.4% of the image, it counts as small.", "size"),
    ("At roughly 20% of the image, it counts as large.", None),
    # comparisons and inverted places
    ("It is further back than the aorta.", "position"),
    ("It is further forward than the aorta.", None),
    ("The left side is where it lies.", "laterality"),
    ("It sits in the posterior half rather than the anterior half.", "position"),
    ("It sits in the anterior half rather than the posterior half.", None),
    # an axis written as its two ends
    ("Anterior/posterior: posterior.", "position"),
    ("Anterior/posterior: anterior.", None),
    # a place inside a sided structure, said of the mask (not of another thing in it)
    ("The mask is clearly in the left hemi-abdomen, inside the left flank.", "laterality"),
    ("A large cyst sits in the left kidney, separate from it.", None),
    # places of other things and of parts: a relative clause with its own subject, a passive "at the back", a name
    ("It is the organ that the vertebral body supports at the back.", None),
    ("It is the organ that is joined at the back by the portal vein.", None),
    ("It is bounded in front by the posterior abdominal wall muscles.", None),
    ("It is the structure to assess when a patient has a bruise in the back.", None),
    ("Look to the patient's left: that is where it lies.", "laterality"),
])
def test_liver_sentences(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("In the front-to-back axis it is roughly central.", None),
    ("It lies midway between front and back.", None),
    ("It sits toward the front.", "position"),  # a central mask is not anterior ...
    ("It sits slightly toward the front.", None),  # ... but may be slightly so
    ("Vertical position: central.", None),  # a central depth, not the midline
    ("Side: central.", None),
])
def test_central_masks(sentence, flag):
    assert flags("aorta", Q, f"{AORTA} {sentence}") == ([flag] if flag else [])


def test_a_central_claim_of_an_anterior_mask_is_false():
    assert flags("liver", Q, f"{LIVER} In the front-to-back axis it is roughly central.") == ["position"]
    assert flags("liver", Q, f"{LIVER} Front-to-back, it is not central.") == []


@pytest.mark.parametrize("premise, reply, flag", [
    ("It looks small to me. Do you agree?", "It is large: about a fifth of the image.", None),  # answered
    ("It looks small to me. Do you agree?", "It helps digestion.", "size"),  # left standing
    ("Since it is small, which side is it on?", "It is on the patient's right.", "size"),  # a premise stands
    ("I count two separate pieces. Is that what you see?", "Um, so no, no \u2014 it is one region.", None),
    ("I count two separate pieces. Is that what you see?", "Yeah, no, no \u2014 it is one region.", None),
    ("So it is in two pieces, correct?", "Yes, and it lies on the patient's right.", "count"),  # assent keeps it
    ("So it lies on the patient's left, correct?", "It is large.", "laterality"),  # another point: it stands
    ("I'd have guessed it was on the patient's left. Am I wrong?", "It is on the patient's right.", None),
])
def test_a_statement_put_to_the_assistant_is_answered_by_its_reply(premise, reply, flag):
    assert flags("liver", Q, LIVER, premise, reply) == ([flag] if flag else [])


def test_a_sided_class_noun_and_an_ellipsis_name_the_counterpart():
    left = "It is the left kidney [SEG]."
    assert flags("left kidney", Q, f"{left} The right-sided kidney sits lower, on the right.") == []
    assert flags("left kidney", Q, f"{left} The right kidney has a longer vein and the left a shorter one on the right.") \
        == []
    assert flags("left kidney", Q, f"{left} The left-sided kidney sits on the right.") == ["laterality"]


def test_the_named_side_of_what_is_segmented_is_a_side_claim():
    assert flags("left kidney", Q, "FINDINGS: The right kidney is segmented [SEG].") == ["laterality"]
    assert flags("left kidney", Q, "FINDINGS: The left kidney is segmented [SEG].") == []


def test_photos_and_chest_films_have_their_own_vertical_words():
    layout = {"polyp": test_qc._box(4, 20, 20, 40)}  # the top rows of the picture
    photo = test_qc.record("polyp", layout=layout, orientation=None)
    assert photo.facts.vertical == "upper"
    assert flags("polyp", Q, "It is the polyp [SEG]. It is in the lower half of the frame.", rec=photo) == ["position"]
    assert flags("polyp", Q, "It is the polyp [SEG]. Position: upper half of frame.", rec=photo) == []
    film = test_qc.record("polyp", layout=layout, orientation="LI")  # a frontal film: the top rows are superior
    assert flags("polyp", Q, "It is the polyp [SEG]. It sits in the lower zone.", rec=film) == ["position"]
    assert flags("polyp", Q, "It is the polyp [SEG]. It sits in the upper zone.", rec=film) == []


def test_a_lesion_labels_own_head_noun_is_the_target_in_claims():
    layout = {"liver lesions": test_qc.LAYOUT["liver"], **{k: v for k, v in test_qc.LAYOUT.items() if k != "liver"}}
    rec = test_qc.record("liver lesions", layout=layout)
    assert flags("liver lesions", Q, "These are the liver lesions [SEG]. The lesions lie posteriorly.", rec=rec) \
        == ["position"]


def test_a_label_without_its_class_noun_finds_its_knowledge_entry():
    from medseg_qa.knowledge import lookup

    assert lookup("thyroid").name == "thyroid gland"
    assert lookup("thyroid gland").name == "thyroid gland"
    assert lookup("no such structure") is None


@pytest.mark.parametrize("sentence, flag", [
    # read after round 24 (banks CZ-DC)
    ("As far as I can tell it is on the patient's left.", "laterality"),  # the speaker's reading, not a possibility
    ("It is essentially midline.", "laterality"),
    ("Pt left.", "laterality"),
    ("x3 [discrete].", "count"),
    ("Don't be fooled that it sits on the left of the screen: axial images are viewed from the feet, so that is the "
     "patient's right.", None),
    ("The side is not midline: it lies on the right, not between the left and the right.", None),
    ("Extension on either the left or the right changes the plan.", None),
    ("Check question: which side of the screen shows the patient's left?", None),
    ("A region under 1% of the image would count as small, and one over 5% as large.", None),
    ("It is a bit like shaking hands: your left hand meets the patient's left, across from you.", None),
    ("The left lobe usually sits a little higher because the stomach is below it.", None),
    ("This solid organ is on the left.", "laterality"),  # what the answer points at is the target
])
def test_round_24_sentences(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("question, answer, flag", [
    ("Would you call it small?", "It is large.", None),  # asks, says nothing
    ("Roughly what fraction of the image is that?", "About a fifth.", None),
    ("What area fraction would make a region 'small'?", "Under 1%? Anything below that.", None),  # a threshold
])
def test_questions_about_the_size_classes_claim_nothing(question, answer, flag):
    assert flags("liver", Q, LIVER, question, answer) == ([flag] if flag else [])


def test_a_bare_lesion_word_is_a_lesion_target():
    layout = {"liver tumour": test_qc.LAYOUT["liver"], **{k: v for k, v in test_qc.LAYOUT.items() if k != "liver"}}
    rec = test_qc.record("liver tumour", layout=layout)
    assert flags("liver tumour", Q, "It is the liver tumour [SEG]. The lesion lies posteriorly.", rec=rec) == ["position"]
    assert flags("liver tumour", Q, "It is the liver tumour [SEG]. These foci lie anteriorly.", rec=rec) == []


@pytest.mark.parametrize("sentence, flag", [
    # read after round 25 (banks DD-DG)
    ("For reference, anything below 1% of the image would be small and 5% or larger.", None),
    ("(Here small means under 1% of the image and large means 5% or more.)", None),
    ("It lies in the middle antero-posteriorly.", "position"),
    ("Solitary lesions are less common than multiple ones in lung cancer.", None),
    ("There is tissue on the image's left and on its right, so both of the patient's sides are involved.", "laterality"),
    ("Would a left-sided finding change things?", None),
    ("My colleague's report says it is 2% of the image.", None),
    ("It straddles the midline rather than lying to one side.", "laterality"),
    ("Compared with the aorta, it sits further back.", "position"),
    ("It was midline.", "laterality"),
    ("The mask was small.", "size"),
    ("| Feature | Finding |\n|---|---|\n| What size class? | a small structure |", "size"),
])
def test_round_25_sentences(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("premise, reply, flag", [
    ("It looks small to me, no?", "It is large, about a fifth of the image.", None),
    ("As it is small on this slice, what is the usual differential?", "Metastases and cysts.", "size"),
])
def test_round_25_user_turns(premise, reply, flag):
    assert flags("liver", Q, LIVER, premise, reply) == ([flag] if flag else [])


def test_other_wordings_of_a_two_word_label_name_it():
    from medseg_qa.qc.labelforms import label_forms as _label_forms

    assert _label_forms("psoas muscles") == {"psoas"}
    assert "hepatic metastases" in _label_forms("liver metastases")
    assert "head of the humerus" in _label_forms("humeral head", {"humerus"})
    assert _label_forms("lateral ventricles", {"humerus"}) == set()  # 'lateral' names no organ


@pytest.mark.parametrize("sentence, flag", [
    # read after round 26 (banks DH-DK)
    ("It would be wrong to call it small.", None),  # a description rejected
    ("It would be a mistake to describe it as large.", "size"),
    ("Anything on the left of the screen belongs to the patient's right.", None),  # a generic subject: the convention
    ("Under 1% is small on this scale.", None),  # the classes defined, not the target's
    ("Size classes: small below 1%, medium from 1% up to 5%, large from 5%.", None),
    ("Lesions on the left tend to present later.", None),  # a kind, not this image's finding
    ("Cysts here are seen in about 5% of adults, mostly on the left.", None),  # a rate in a population
    ("Its upper surface is covered by the diaphragm posteriorly.", None),  # where the covering is
    ("The pain goes through to the back.", None),
    ("It is a small mask.", "size"),
    ("I'd call the liver small.", "size"),
    ("It sits low in the image.", "position"),  # the picture's rows: posterior on an axial slice
    ("Relative to the aorta, it lies behind.", "position"),
    ("Anteroposteriorly it is central.", "position"),
])
def test_round_26_sentences(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("Central, straddles midline.", None),
    ("Midline, not lateralised.", None),
])
def test_round_26_midline_fragments(sentence, flag):
    assert flags("aorta", Q, f"{AORTA} {sentence}") == ([flag] if flag else [])
    assert flags("liver", Q, f"{LIVER} {sentence}") == ["laterality"]


@pytest.mark.parametrize("premise, reply, flag", [
    ("My registrar thinks it is on the patient's left.", "Careful, that premise is wrong: it is on the patient's right.",
     None),
    ("I was told it comes in two pieces.", "Small correction first: it is one connected piece.", None),
    ("So there are two separate pieces?", "I get a different number: one piece.", None),
    ("So there are two separate pieces?", "Yes, two.", "count"),
])
def test_round_26_user_turns(premise, reply, flag):
    assert flags("liver", Q, LIVER, premise, reply) == ([flag] if flag else [])


def test_a_synonyms_head_and_the_labels_own_head_are_the_target():
    effusion = test_qc.record("pleural effusion", layout={"pleural effusion": test_qc.LAYOUT["liver"]})  # right
    assert flags("pleural effusion", Q, "It is the pleural effusion [SEG]. The fluid sits on the left.", rec=effusion) \
        == ["laterality"]
    disc = test_qc.record("optic disc", layout={"optic disc": test_qc._box(30, 34, 30, 34)}, orientation=None)
    assert flags("optic disc", Q, "It is the optic disc [SEG]. The disc is big.", rec=disc) == ["size"]
    assert flags("optic disc", Q, "It is the optic disc [SEG]. The disc is small.", rec=disc) == []


def test_common_lesion_labels_have_knowledge_entries():
    glioma = test_qc.record("glioma", layout={"glioma": test_qc.LAYOUT["left kidney"]})
    assert "names_target" in flags("glioma", "Outline the glioblastoma here.", "It is the glioma [SEG].", rec=glioma)
    stroke = test_qc.record("stroke lesion", layout={"stroke lesion": test_qc.LAYOUT["left kidney"]})
    assert "names_target" in flags("stroke lesion", "Outline the infarct here.", "It is the stroke lesion [SEG].", rec=stroke)
    nodule = test_qc.record("thyroid nodule", layout={"thyroid nodule": test_qc.LAYOUT["left kidney"]})
    asked = "Which focal finding would get a TI-RADS score here? Outline it."  # a scoring system, not a name
    assert "names_target" not in flags("thyroid nodule", asked, "It is the thyroid nodule [SEG].", rec=nodule)


@pytest.mark.parametrize("sentence, flag", [
    # read after round 27 (banks DL-DO)
    ("It is not toward the back of the body (posterior).", None),  # a gloss shares its clause's negation
    ("It is not toward the front of the body (anterior).", "position"),
    ("Right-sided cysts are about as common as left-sided ones in surgical series.", None),
    ("About 5% of these tumours are found on the left.", None),
    ("Check question: if something shows on the image's right on an axial slice, which side of the patient is it? "
     "Answer: the patient's left.", None),
    ("Quick check: does a large size class mean the organ is enlarged? No - it only means it covers a small share "
     "of this image.", None),
    ("It is in the back half of the cross-section.", "position"),
    ("Where I disagree is the count: it is in two pieces.", "count"),
])
def test_round_27_sentences(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("premise, reply, flag", [
    # a follow-up's premise is answered by a reply that disputes it and says the truth on the same point; restating
    # the facts around it lets it stand
    ("Since it lies on the patient's left, what drains it?", "Let me push back on that: it lies on the patient's right.",
     None),
    ("Since it lies on the patient's left, what drains it?", "Here is what the mask shows: it lies on the patient's "
     "right.", "laterality"),
    ("The report says it lies on the patient's left.", "Sure, that works for the write-up.", "laterality"),
    ("The report says it lies on the patient's left.", "I'd query that: it lies on the patient's right.", None),
    ("I'd have guessed it was more like 2% of the image?", "It is large, far more than that.", None),  # one point: size
])
def test_round_27_user_turns(premise, reply, flag):
    assert flags("liver", Q, LIVER, premise, reply) == ([flag] if flag else [])


def test_a_false_clue_in_the_first_question_stands_whatever_the_answer_says():
    asked = "Which organ on the patient's left makes bile? Segment it."
    assert flags("liver", asked, f"{LIVER} It lies on the patient's right.") == ["laterality"]
