"""QC readings added after the first measure of round 42 (banks FT-FW: hepatobiliary and pancreas, lung screening,
regional clinical English, thyroid and neck). Sentences are this file's own; the phantom liver (test_qc's layout) is
right-sided, anterior, large and one piece."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

from medseg_qa.knowledge import lookup
from medseg_qa.qc.lexicon import Lexicon

LIVER = "It is the liver [SEG]. It is large."


@pytest.mark.parametrize("sentence, flag", [
    # report English: "Lesion is on Lt.", "The same is noted on Rt side", "Lt side involved", "is Lt side"
    ("The same is noted on Lt side.", "laterality"),
    ("The same is noted on Rt side.", None),
    ("Lt side involved.", "laterality"),
    ("The organ is Lt side.", "laterality"),
    # the patient's frame as a lead; a counterfactual after "even if"; a category's meaning
    ("Looking at the patient rather than the screen, it is on the left.", "laterality"),
    ("Even if it had been on your left side, the tests would be the same.", None),
    ("A left-sided finding would have changed the approach, but that isn't the situation here.", None),
    ("LR-3 is intermediate.", None),
    ("It is intermediate.", "size"),
    # measures that are no share of the image; counts in report English
    ("FEV1 is 48% predicted.", None),
    ("Noted: three (3) separate parts.", "count"),
    ("There are five fused segments in the sacrum.", None),
])
def test_round_42_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("contents, flag", [
    # a note quoted after a colon is the user's premise; the reply corrects it or lets it stand
    ((Q, LIVER, 'My own note reads: "It is left-sided." Anything to add?', "Correction: it is on the right."), None),
    ((Q, LIVER, 'My own note reads: "It is left-sided." Anything to add?', "Nothing to add."), "laterality"),
    ((Q, LIVER, "The registrar's note says: \"It is split into three separate parts here.\" OK?", "Fine."), "count"),
    ((Q, LIVER, "The radiology report on the app says: \"It is small.\" Right?", "I do not think that is right. It is large."),
     None),
    ((Q, LIVER, "So it's on my left side. Is that bad?", "Just to clear that up: it is on your right side."), None),
    ((Q, LIVER, "I told them it sits on the left. Anything else?", "Just to correct that before the call: it sits on the right."),
     None),
    ((Q, "It is the liver [SEG]. I count two separate lobes. Sorry, I misspoke: there is just one lobe."), None),
])
def test_round_42_conversations(contents, flag):
    assert flags("liver", *contents) == ([flag] if flag else [])


@pytest.mark.parametrize("target, question, named", [
    # a finding's place and its kind; a part's whole still names it ("thyroid" of a thyroid lobe, as older writers
    # expect, though round 42's writer did not)
    ("right thyroid lobe", "Thyroid volume worksheet: AP 2.1 cm. Which structure is enlarged?", True),
    ("right thyroid lobe", "Segment the right lobe of the thyroid.", True),
    ("left kidney", "Segment the kidney.", True),
    # (a name's word inside another structure's name still names it: "kidney stones" name the kidney, so "the
    # carotid sheath" names the carotid artery, as round 42's writer did not expect)
    ("right common carotid artery", "Which is the artery of the carotid sheath that the tumour abuts?", True),
    ("right common carotid artery", "Segment the right carotid.", True),
    ("parathyroid adenoma", "Parathyroid worksheet: oval nodule-free gland, polar vessel.", False),
    ("parathyroid adenoma", "Can you outline the parathyroid lesion?", True),
    ("pancreatic pseudocyst", "Outline the collection four weeks after her gallstone pancreatitis.", False),
    ("pancreatic pseudocyst", "Segment the pseudocyst.", True),
    ("pericardial effusion", "Please segment the pericardial fluid.", True),
    ("subdural hematoma", "Could you find the subdural bleed?", True),
    ("colloid cyst", "Where is the colloid structure?", True),  # a descriptor, no place
])
def test_round_42_naming(target, question, named):
    assert Lexicon(target, (), (), lookup(target)).names_target(question) is named


@pytest.mark.parametrize("sentence, flag", [
    ("Separate nodules: 2.", "count"),
    ("Laterality is left.", "laterality"),
    ("Both hemithoraces are involved.", "laterality"),
    ("It shows up on both sides, left and right.", "laterality"),
    ("Level VII is the superior mediastinum.", None),
    ("The observation is left-sided.", "laterality"),
])
def test_round_42_further_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


def test_report_english_counts_in_the_labels_own_noun_and_initials_name_a_lobe_finding():
    import test_qc

    rec = test_qc.record("gallbladder calculi", mask=test_qc.LAYOUT["left kidney"] | test_qc.LAYOUT["right kidney"])
    assert rec.facts.components == 2
    answer = "These are the gallbladder calculi [SEG]."
    assert "count" in flags("gallbladder calculi", Q, f"{answer} Noted only one gallbladder calculus.", rec=rec)
    assert Lexicon("right lower lobe nodule", (), (), None).names_target("Where is the RLL nodule?")
    assert not Lexicon("right lower lobe nodule", (), (), None).names_target("What is in the right lower lobe?")
    assert not Lexicon("pancreatic head adenocarcinoma", (), (), None).names_target(
        "Which thing has cut off both the bile duct and the pancreatic duct?")


def test_an_amended_worksheet_answer_corrects_the_premise():
    assert flags("liver", Q, LIVER, "I've entered it as about 1% of the image. Anything else?",
                 "Amend: Size class: large.") == []
