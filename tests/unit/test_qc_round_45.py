"""QC readings added after the first measure of round 45 (banks GF-GI: Unicode-heavy chat, cardiac imaging, dataset
curation threads, long conversations that drift to other structures). Sentences are this file's own; the phantom liver
(test_qc's layout) is right-sided, anterior, large (about 15% of the image) and one piece, right of the spleen and the
aorta and in front of the aorta."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

from medseg_qa.knowledge import lookup
from medseg_qa.qc.claim import Claim
from medseg_qa.qc.compare import contradiction
from medseg_qa.qc.lexicon import Lexicon
from medseg_qa.qc.symbols import spelled

LIVER = "It is the liver [SEG]. It is large."


@pytest.mark.parametrize("text, read", [
    ("Side \u2260 LEFT", "Side not LEFT"),
    ("size \u2248 3 % of the slice", "size about 3 % of the slice"),
    ("\u00d7 2 lesions, voxel 1 \u00d7 1 \u00d7 3 mm", "2 lesions, voxel 1 \u00d7 1 \u00d7 3 mm"),
    ("\u2265 2 of 4 regions", "at least 2 of 4 regions"),
    ("screen right \u2717 \u2192 fix: midline", "screen right. Wrong. fix: midline"),
    ("\u274c Small correction: midline", "\u274c Small correction: midline"),  # a mark before its item: a tick list's
    ("\u2713 one region   \u2717 several", "\u2713 one region   \u2717 several"),
    ("2 separate pieces \U0001f522 \u270f\ufe0f edit: no", "2 separate pieces; edit: no"),
    ("It lies left \U0001f4cd By convention", "It lies left\nBy convention"),
    ("It lies both \u2194\ufe0f (patient's left + right).", "It lies both (patient's left and right)."),
    ("Size \u25b8 large. \u25b8 Report: describe", "Size \u2192 large.\nReport: describe"),
    ("\u21d2 side \u2192 right \u2705", "side \u2192 right"),
    ("Regions: \u2610 1 \u2612 2", "Regions: \u2610 1 \u2612 2"),  # ballot boxes are a tick list's
    ("plain text stays as it is", "plain text stays as it is"),
])
def test_signs_are_read_as_words(text, read):
    assert spelled(text) == read


@pytest.mark.parametrize("answer, flag", [
    ("\U0001f3af **Liver** [SEG]\n\u2022 Pieces \u25b8 \u00d7 2", "count"),
    ("\U0001f3af **Liver** [SEG]\n\u2022 Side \u2260 LEFT\n\u2022 Size \u25b8 large", None),
    ("Liver [SEG]\n\u2022 side \u2192 pt left (L) \u21d2 screen right \u2717 \u2192 fix: pt right (R)", None),
    ("Liver [SEG]\n\U0001f50e 2 separate pieces \U0001f522 \u270f\ufe0f *edit:* no \u2014 one connected piece, my slip", None),
    ("Liver [SEG]\n\U0001f50e 2 separate pieces \U0001f522", "count"),
    ("Liver [SEG]. It lies both \u2194\ufe0f (patient\u2019s left + right).", "laterality"),
    ("Liver [SEG]. Couinaud: 8 segments (I-VIII).", None),
    ("Liver [SEG]. McDonald 2017: \u2265 1 lesion in \u2265 2 of 4 regions for spread in space.", None),
    ("Liver [SEG]\n\u2022 Depth \u25b8 ANT \u2191", None),
    ("Liver [SEG]\n\u2022 Depth \u25b8 POST \u2193", "position"),
    ("Liver [SEG]\n\u25b8 Lat. = left (patient frame)", "laterality"),
])
def test_unicode_chat_answers(answer, flag):
    assert flags("liver", Q, answer) == ([flag] if flag else [])


@pytest.mark.parametrize("contents, flag", [
    # another structure identified in the answer: its pronouns are about it until the target is named again
    ((Q, LIVER, "What is the organ on the other side?", "That one is the spleen. It lies on the patient's left."), None),
    ((Q, LIVER, "And that one?", "You're pointing at the spleen. Size-wise it is small."), None),
    ((Q, LIVER, "And the other one?", "The other one is the spleen. It is small. Back to the first one: it is small."),
     "size"),
    ((Q, LIVER, "Back to your first answer. Which side is it on?", "It lies on the patient's left."), "laterality"),
    # a later question pointing at something else by its look and place
    ((Q, LIVER, "Next: that small round thing at the back in the middle.", "That is the vertebral body."), None),
    ((Q, LIVER, "What is the smooth organ tucked in at the back, and is it normal?", "The spleen; yes."), None),
    ((Q, LIVER, "So the liver sits at the back?", "Noted."), "position"),
    # another person's act ends a negation's scope: the place after it is asserted
    (("I can't have surgery they want to treat the organ at the back of my belly. Which is it? Please segment it.",
      LIVER), "position"),
    # an imperative quiz question asks
    (("Spotter, CT abdomen: the organ that makes bile. Go.", LIVER), None),
    # a user's report frame with any possessive
    ((Q, LIVER, "Your colleague says it is on the left side. Agree?", "Noted."), "laterality"),
    # "Right:" opening an answer is an interjection before a clause of its own
    ((Q, LIVER, "How many separate pieces are there?", "Right: There are two separate pieces."), "count"),
    # earlier errors owned, premises rejected in other words
    ((Q, "It is the liver [SEG]. It is small.", "Is that right?", "Correction to my first reply: it is large."), None),
    ((Q, "It is the liver [SEG]. It is small.", "Is that right?", "My earlier line was wrong; scratch it. It is large."),
     None),
    ((Q, LIVER, 'The note says: "It has two separate pieces." Who is right?', "Overruled: it is a single piece."), None),
    ((Q, LIVER, 'The note says: "It has two separate pieces." Who is right?',
      "That note is wrong, and this is how it gets resolved: Components: 1."), None),
    ((Q, LIVER, "Since there are two separate pieces, is that usual?",
      "Careful, that's a common slip. It is a single connected region."), None),
    # a premise fronted before a question about something else is not what its "No" answers
    ((Q, LIVER, "At roughly 2% of the image, does this slice go into the test split?", "No, the split is by patient."),
     "size"),
    ((Q, LIVER, "Since it is on the left, does that change anything?", "Not quite: it is on the right."), None),
    ((Q, LIVER, "It looks small to me, is that right?", "Not quite. It is large."), None),
    ((Q, LIVER, "Just to check, is it on the patient's left?", "No, it is on the right."), None),
    ((Q, LIVER, "Since it is a small label on this slice, is that usual?", "It is in the abdomen."), "size"),
    # corrections in a card's and a ticket's shorthand
    ((Q, LIVER, "Note: there are 2 separate pieces. Q \u25b8 is that typical?",
      "\u26a0\ufe0e Correction \u25b8 Pieces \u25b8 \u00d7 1. \u25b8 Report: describe"), None),
    ((Q, LIVER, "The first reader wrote that it is small. Would you sign that off?",
      "Correction: large rather than small."), None),
    ((Q, LIVER, "The requesting clinician wrote it is on the left. Confirm?", "Not confirmed. Laterality: right."), None),
    ((Q, LIVER, "The requesting clinician wrote it is on the left. Confirm?", "Noted."), "laterality"),
    # a premise said of the target keeps its place words, however it is put
    ((Q, LIVER, "So it's all the way at the back of the slice. What does it do?", "It makes bile."), "position"),
    ((Q, LIVER, "Why is it only present on the left side and missing on the right?", "Hard to say."), "laterality"),
])
def test_round_45_conversations(contents, flag):
    assert flags("liver", *contents) == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    # a repair set off by a dash and a colon
    ("It is small on this slice, taking up little of it \u2014 scratch that: it is large.", None),
    ("It is large on this slice \u2014 sorry, let me correct that: it is small.", "size"),
    ("It lies on the patient's left \u2014 no, correction: It lies on the patient's right.", None),
    # sides and heights said to the patient
    ("There's some on both sides of your body, left and right.", "laterality"),
    ("Patient's right side (the left of the screen on this display).", None),
    ("Patient's left side (the right of the screen on this display).", "laterality"),
    ("It sits about halfway between your breastbone and your spine.", "position"),
    ("It covers both sides of the patient.", "laterality"),
    ("It lies centrally, across the midline.", "laterality"),  # "centrally" beside a midline word is the midline
])
def test_round_45_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("target, question, named", [
    # a target's adjective naming the examination or the view, not the structure
    ("heart", "On this axial contrast-enhanced cardiac CT slice, show me the organ enclosed by the sac.", False),
    ("right ventricle", "On this mid-ventricular short-axis image, show me the chamber we track after tetralogy repair.",
     False),
    ("heart", "Which cardiac structure is outlined here?", True),
])
def test_round_45_naming(target, question, named):
    assert Lexicon(target, (), (), lookup(target)).names_target(question) is named


def test_a_bare_centrally_reads_either_axis():
    central = Claim("midline", "midline", qualifier="either_axis", text="centrally")
    import test_qc

    left_central = test_qc.record("spleen", mask=test_qc.LAYOUT["spleen"]).facts.model_copy(
        update={"laterality": "left", "vertical": "central"})
    assert contradiction(central, left_central) is None
    assert contradiction(Claim("midline", "midline", text="in the midline"), left_central) == "laterality"
    assert contradiction(central, left_central.model_copy(update={"vertical": "anterior"})) == "laterality"
