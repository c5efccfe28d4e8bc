"""QC readings added in round 49: first the leftovers of round 48 (read before round 49's banks were seen), then what
round 49's banks (GV-GY) taught after their first measure. Sentences are this file's own; the records are test_qc's
phantom layout (columns run to the patient's left)."""

from __future__ import annotations

import numpy as np
import pytest
from test_qc_registers import Q, flags

import test_qc


def _bilateral(target: str):
    """Two boxes, one on each side of the patient (the phantom kidneys' places), under a label the test names."""
    both = np.maximum(test_qc.LAYOUT["left kidney"], test_qc.LAYOUT["right kidney"])
    rec = test_qc.record("left kidney", mask=both)
    assert rec.facts.laterality == "bilateral" and rec.facts.components == 2
    return rec.model_copy(update={"target": target})


@pytest.mark.parametrize("answer, flag", [
    # a side word before the name of an unsided target names one side of it as what is shown
    ("Right. Right adrenal lesions [SEG].", "laterality"),
    ("Outlined: the left adrenal nodules [SEG].", "laterality"),
    # ... not the second of two sides, nor a side beside the target
    ("These are the left and right adrenal nodules [SEG].", None),
    ("Outlined: the adrenal nodules [SEG], one on each side.", None),
    # "bilateral" of the label is a side word, not a name of the target
    ("The adrenal nodules [SEG] are bilateral.", None),
    ("The adrenal nodules [SEG] are on the right only.", "laterality"),
])
def test_round_49_sided_name_of_an_unsided_target(answer, flag):
    assert flags("", Q, answer, rec=_bilateral("bilateral adrenal nodules")) == ([flag] if flag else [])


def test_bilateral_is_not_a_name_of_the_target():
    from medseg_qa.knowledge import lookup
    from medseg_qa.qc import lexicon_for

    rec = _bilateral("bilateral adrenal nodules")
    terms = lexicon_for(rec, lookup(rec.target)).target_terms
    assert "adrenal nodules" in terms and not {"bilateral", "bilateral nodules"} & set(terms)
    question = "Which bilateral finding explains her high blood pressure and low potassium? Segment it."
    assert flags("", question, "They are the adrenal nodules [SEG].", rec=rec) == []


@pytest.mark.parametrize("answer, flag", [
    # lymphadenopathy has its own entry: "nodal disease" and "the nodes" are the target, not a metastatic node elsewhere
    ("The nodal disease is in front of the spleen.", "position"),
    ("The nodal disease is behind the spleen.", None),
    ("The nodes are in the upper half of the slice.", "position"),
    ("The lymphadenopathy is on both sides.", None),
])
def test_round_49_lymphadenopathy(answer, flag):
    rec = _bilateral("bilateral hilar lymphadenopathy")
    assert flags("", Q, f"It is the bilateral hilar lymphadenopathy [SEG]. {answer}", rec=rec) == ([flag] if flag else [])


def test_lymphadenopathy_is_looked_up_with_its_place_and_side():
    from medseg_qa.knowledge import lookup

    for label in ("bilateral hilar lymphadenopathy", "left axillary lymphadenopathy", "lymphadenopathy"):
        assert lookup(label).name == "lymphadenopathy"
    assert lookup("lymph node").name == "lymph node" and "lymphadenopathy" not in lookup("lymph node").synonyms


@pytest.mark.parametrize("premise, flag", [
    # an acknowledgement before a verbless count of 'them' puts that count to the answer
    ("Fine, three of them. Follow-up?", "count"),
    ("Got it, two of them. Follow-up?", None),
    ("Fine. Follow-up?", None),
])
def test_round_49_acknowledged_counts(premise, flag):
    assert flags("", Q, "The adrenal nodules [SEG].", premise, "Clinic in 6 weeks.",
                 rec=_bilateral("bilateral adrenal nodules")) == ([flag] if flag else [])


LIVER = "It is the liver [SEG]. It is large."


@pytest.mark.parametrize("sentence, flag", [
    # the side of someone facing the patient is a viewer's side ("which is my left when I face her")
    ("It is on her right, which is my left when I'm facing her.", None),
    ("It is on her left, which is my right when I face her.", "laterality"),
    # ... but "as if you face the person" is the display convention, and "your right" the patient's (pool check)
    ("It shows up on the left of the picture, but that is your right, because scans are shown as if you face the "
     "person.", None),
    ("It shows up on the right of the picture, but that is your left, because scans are shown as if you face the "
     "person.", "laterality"),
    ("the dr said it's on his right, which is my left when i face him right?", None),
    # the patient's relatives have their own findings; a limb's side is the limb's
    ("Also his late father had something like this on the left, in 2010.", None),
    ("Her brother had the same on the left back in 1997.", None),
    ("His left hand stopped working that night.", None),
    ("Only the left-hand one is outlined.", "laterality"),
    # a condition on relevance is no condition on the fact
    ("If it helps to picture it, it lies behind the spine.", "position"),
    ("If it were behind the spine, it would be harder to reach.", None),
    # a study's method and another study cited are not this mask's facts
    ("Components below 0.2% of the image area were discarded as noise during post-processing.", None),
    ("Large structures (over 20% of the slice) were scored separately, as Park et al. (2024) suggest.", None),
    ("Scans with more than 9 lesions were excluded (12 of 150, 8.0%).", None),
    ("Test-retest ICC was 0.88 (95% CI 0.74-0.98) across 3 scanners.", None),
    ("Volumetric error was 3.0% on the held-out split.", None),
    ("The median lesion in Park et al. (2024) covered 7% of the slice.", None),
    ("It covers about 2% of the slice.", "size"),
    # an endoscope's walls are sides of the lumen
    ("It is only on the left wall.", "laterality"),
    ("It is over on the right side of the lumen.", None),
    ("It sits towards the posterior wall.", "position"),
    ("The left wall of the heart is thick.", None),
    ("Six bands were deployed in total.", None),
])
def test_round_49_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("contents, flag", [
    # corrections in a carer's and a teaching thread's words
    ((Q, LIVER, "The doctor told him it's to the left of the aorta. Why does it ache?",
      "Just to gently correct one thing: it is to the right of the aorta."), None),
    ((Q, LIVER, "The doctor told him it's to the left of the aorta. Why does it ache?", "Aches vary."), "position"),
    ((Q, LIVER, "OK so it's small \u2014 what next?", "6/9 Common trap! It takes up about 15% of the frame."), None),
    ((Q, LIVER, "OK so it's small \u2014 what next?", "\u274c nope\nOverall large, as a group."), None),
    ((Q, LIVER, "OK so it's small \u2014 what next?", "Honestly? Compare with priors first."), "size"),
    # premises as the circumstance of a question
    ((Q, LIVER, "so with there being two of them will he need an op??", "That is for the team to decide."), "count"),
    ((Q, LIVER, "He says: with only the one, will there be an operation?", "That is for the team to decide."), None),
    ((Q, LIVER, "For something this tiny \u2014 what would you put in the impression?", "A named person told."), "size"),
    ((Q, LIVER, "If it's taking up about 1% of the image \u2014 what's the next step?", "Phone the team."), "size"),
    ((Q, LIVER, "Since it's on the left \u2014 what would you tell the team?", "Phone them."), "laterality"),
    ((Q, LIVER, "He heard the doctor say it's small. Has it been there long?", "One scan can't say."), "size"),
    ((Q, LIVER, "The registrar described it on the telephone as fairly small. Is that right?", "One scan can't say."), "size"),
    # a bare negative answers the question after a fronted premise, not the premise
    ((Q, LIVER, "Given it's on the left, would you approach it any differently?", "Not really."), "laterality"),
    # a poll's key after its options asserts the keyed option
    ((Q, "It is the liver [SEG].\n\u2022 Bonus poll \u2014 which side? A) left B) right C) both D) midline \u2192 \u2705 A) left"),
     "laterality"),
    ((Q, "It is the liver [SEG].\n\u2022 Bonus poll \u2014 which side? A) left B) right C) both D) midline \u2192 \u2705 B) right"),
     None),
])
def test_round_49_premises_and_corrections(contents, flag):
    assert flags("liver", *contents) == ([flag] if flag else [])


@pytest.mark.parametrize("question, named", [
    ("Tinkling bowel sounds and vomiting. What is backed up behind the adhesion?", False),
    ("Where are the dilated small bowel loops?", True),
])
def test_round_49_signs_do_not_name(question, named):
    rec = test_qc.record("liver").model_copy(update={"target": "dilated small bowel loops"})
    assert ("names_target" in flags("", question, "They are the dilated loops [SEG].", rec=rec)) is named


def test_epigastric_pain_does_not_name_a_gastric_ulcer():
    rec = test_qc.record("liver").model_copy(update={"target": "gastric ulcer"})
    assert "names_target" not in flags("", "Epigastric pain after meals. What should I biopsy?", "The ulcer [SEG].", rec=rec)
    assert "names_target" in flags("", "Where is the gastric lesion?", "The ulcer [SEG].", rec=rec)


@pytest.mark.parametrize("contents, flag", [
    # a thread's self-correction split by an emoji, a count of 'them' answered in any noun, a verbless choice asked
    ((Q, "It is the liver [SEG]. There are 3 distinct pieces on this image. Wait \u2014 correction \U0001F926 I mistyped "
         "that: one solitary piece."), None),
    ((Q, LIVER, "so with there being 2 of them will he need an op??", "Just to put one thing right: this image shows a "
                                                                       "single organ."), None),
    ((Q, LIVER, "Just one, or more than one?", "One."), None),
    # a trap named as teaching rejects nothing (pool check): "Common trap in exams: people mix up the sides"
    ((Q, "It is the liver [SEG]. It is in two pieces. Common trap in exams: people mix up the sides on CT."), "count"),
    ((Q, LIVER, "Given it's toward the back \u2014 what next?", "Bonus post \U0001F9F5+ Nope \U0001F642 re-check the premise. "
                                                             "It is up front, anteriorly."), None),
    ((Q, LIVER, "The registrar said it was on the back wall. Fair?", "Not quite. Towards the anterior wall."), None),
    ((Q, LIVER, "The registrar said it was on the back wall. Fair?", "Not quite. Towards the posterior wall."), "position"),
])
def test_round_49_second_look(contents, flag):
    assert flags("liver", *contents) == ([flag] if flag else [])


@pytest.mark.parametrize("label, entry, question", [
    ("left hydronephrosis", "hydronephrosis", "Can you outline the dilated renal pelvis for me?"),
    ("pneumoperitoneum", "pneumoperitoneum", "Which pixels are the free intraperitoneal air?"),
    ("left epidural hematoma", "extradural haematoma", "Can you outline the extradural haematoma for me?"),
])
def test_round_49_new_knowledge_entries_name_their_findings(label, entry, question):
    from medseg_qa.knowledge import lookup

    assert lookup(label).name == entry
    rec = test_qc.record("liver").model_copy(update={"target": label})
    assert "names_target" in flags("", question, "Here it is [SEG].", rec=rec)
    assert "names_target" not in flags("", "What explains her pain on this slice?", "Here it is [SEG].", rec=rec)


def test_a_premise_before_a_verbless_choice_stands():
    # pool check: "Given ~0.9% of image: lt or Rt?" puts the share to the answer; the choice after it only asks
    assert flags("liver", Q, LIVER, "Given ~0.9% of image: lt or Rt?", "Rt.") == ["size"]
