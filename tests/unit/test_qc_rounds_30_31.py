"""QC readings added after the first measures of rounds 29 (second pass), 30 and 31 (banks DT-EE: LLM prose under the
product's prompt, patients' lay words, translated English, multi-lesion reports, chat assistants without a prompt,
neuro and musculoskeletal reports, 2D photos and films, three-round dialogues, terse and numbers-as-words registers,
dense negations and conventions, long structured reports): comparatives against a named
structure, a side said relative to a structure named after it, self-corrections, a user's quote of the answer put to
it as a premise, counting rules, per-side tallies, terse lists and translated wordings. Sentences are this file's own;
the phantom liver (test_qc's layout) is right-sided, anterior, large and one piece, to the patient's right of the
spleen and the aorta and in front of the aorta."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

LIVER = "It is the liver [SEG]."


@pytest.mark.parametrize("sentence, flag", [
    # comparatives against a named structure are relations, not sides
    ("It lies more right than the spleen.", None),
    ("It lies more left than the spleen.", "position"),
    ("Relative to the spleen, it is further right.", None),
    ("Relative to the spleen, it is further left.", "position"),
    ("It sits on the patient's right relative to the spleen.", None),
    ("It is on the patient's left relative to the neighbouring spleen.", "position"),
    ("It is right-sided and on the patient's right relative to the spleen.", None),
    ("Right-sided, one piece, further to the patient's right than the spleen.", None),
    # a relation's frame in brackets, not the target's own side
    ("It lies on the right of the spleen (patient's right).", None),
    # a picture side past a long subject when a verb of display says so; an explicit patient side stays the patient's
    ("On the image the segmented liver region appears at the left side.", None),
    ("On the image the segmented liver region appears at the right side.", "laterality"),
    ("In this picture the liver is on the patient's right, not on the left.", None),
    ("On this film it projects to the left of midline.", "laterality"),
    # sizes said with another adjective, of another structure, or as a hedge on the wording
    ("It is lobulated and small.", "size"),
    ("It is lobulated and large.", None),
    ("Roughly 40% of the spleen is hidden behind the ribs on a film.", None),
    ("In many cells the nucleus takes up roughly 10% of the cell volume.", None),
    ("In terms of size, the highlighted area can be described as small.", "size"),
    ("The surface occupied is about 2 per cent of the image.", "size"),
    # rules, shares of a group, analogies and reminders speak of no image
    ("Keep in mind that a single lesion can be large in millimetres while the mask is still a small share.", None),
    ("Torsion is a surgical emergency, a little more frequent on the left side.", None),
    ("Anything that touches counts as one piece, so two blobs that meet count as one.", None),
    ("Heart failure is the commonest cause of effusions, and a large share of them are bilateral.", None),
    ("Think of it as a sponge divided into three rooms.", None),
    ("Sensation from the left side of the body is relayed through the right thalamus, and vice versa.", None),
    ("A stroke on one side causes weakness of the opposite half of the body.", None),
    ("In most right-handed people the left hemisphere carries language.", None),
    ("Mnemonic: front is bright, back is dark.", None),
    ("I would rule out the spleen: it is smaller and sits on the left.", None),
    # learner and translated English, shorthand
    ("It finds itself in median position.", "laterality"),
    ("As regards the side, it is at the right of the median line.", None),
    ("The mask is composed of one unique piece.", None),
    ("The segmentation is formed by two only blocks.", "count"),
    ("It occupies circa 2,1 percent of the image.", "size"),
    ("Side (latus): on the patient's dexter (right) side.", None),
    ("Side (latus): on the patient's sinister (left) side.", "laterality"),
    ("The segmentation contains two (2) separate pieces.", "count"),
    ("Liver. Lt. Anterior.", "laterality"),
    ("n = 2", "count"),
    ("Laterality: left, as far as I can tell.", "laterality"),
    ("Laterality: right, as far as I can tell.", None),
    ("AP position: posterior half.", "position"),
    ("Number of separate pieces: 2.", "count"),
    ("It is in the back part of the tummy.", "position"),
    ("It sits near the back of your tummy.", "position"),
])
def test_round_30_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("answer, flag", [
    # a self-correction in brackets, or in the next sentence, leaves the corrected words unsaid
    ("It lies posteriorly (sorry, I mean: it is toward the front of the body).", None),
    ("It lies on the left (no, correcting myself: it is on the right).", None),
    ("It lies on the left. Sorry, let me correct that: it is on the right.", None),
    ("It lies on the left. Correction to what I just wrote: it is on the right.", None),
    ("It lies on the left. As I said, it is large.", "laterality"),
])
def test_a_self_correction_takes_back_what_it_corrects(answer, flag):
    assert flags("liver", Q, f"{LIVER} {answer}") == ([flag] if flag else [])


@pytest.mark.parametrize("quote, reply, flag", [
    # the user's quote of the answer is a premise put to it: it stands unless the reply corrects it
    ('You wrote that it "lies on the left side of the body". Can you unpack that?',
     "Side is read in patient terms from the midline of the body.", "laterality"),
    ('You wrote that it "lies on the left side of the body". Can you unpack that?',
     "That's not right: it lies on the patient's right.", None),
    ('You wrote that it "consists of 3 separate pieces". Is that typical?',
     "Each separate island of pixels counts as one component.", "count"),
    ('You wrote that it "is large". Why does that matter?', "Because it covers most of the right upper abdomen.", None),
    # a report of another reader's words is the user's premise too
    ("My fellow says it is in two separate pieces.", "Not quite. I count one connected piece.", None),
    ("My fellow says it is in two separate pieces.", "Interesting; thanks.", "count"),
])
def test_a_users_quote_of_the_answer_is_a_premise(quote, reply, flag):
    assert flags("liver", Q, f"{LIVER} It is large.", quote, reply) == ([flag] if flag else [])


def test_per_side_tallies_count_one_side_only():
    """'RIGHT: one part.' counts the pieces on one side; the whole mask's count is not claimed."""
    assert flags("liver", Q, f"{LIVER} RIGHT: one part. LEFT: one part.") == []
    assert flags("liver", Q, f"{LIVER} Number of pieces: 2.") == ["count"]


@pytest.mark.parametrize("sentence, flag", [
    # round 31: another thing named first in a report line keeps its own side
    ("Surgical clips in the left upper quadrant from a previous cholecystectomy.", None),
    ("Large left-sided phleboliths, an incidental finding.", None),
    ("A left-sided PICC line has its tip at the cavo-atrial junction.", None),
    ("Left-sided dense mass.", "laterality"),
    ("Mild thoracic scoliosis, convex to the left.", None),
    ("The aorta has mild calcified plaque on its right posterolateral wall.", None),
    # size bands in brackets define the classes; bounds and halves
    ("It covers about 13% of the image, which makes it large on the usual bands (under 1% small, 1 to 5% medium, "
     "5% or larger).", None),
    ("It is sizeable, that is, at least 5% of the image.", None),
    ("It covers up to 1% of the image.", "size"),
    ("Look at each half of the image: there is mask on one only.", None),
    ("For comparison, a full bladder can fill 5% of a pelvic slice, an empty one well under 1%.", None),
    ("A rim of 2 cm is the usual cut-off for a small one.", None),
    ("A 10% loss of muscle area is a red flag.", None),
    # terse and translated counts, sides and places
    ("Cysts x2.", "count"),
    ("2 blobs, separate.", "count"),
    ("Lt, not Rt.", "laterality"),
    ("Rt, not Lt.", None),
    ("Size moderate.", "size"),
    ("Mid AP.", "position"),
    ("Central L-R.", "laterality"),
    ("It is neither high nor low on the slice.", "position"),
    ("It is not bilateral.", None),
    ("[deleted: \"It lies on the left.\"] It lies on the right.", None),
])
def test_round_31_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("question, answer, flag", [
    # another reader's belief the first question reports for checking, answered by the truth
    ("Which organ makes bile? The ward team thought it was on the left, so please check that. Segment it.",
     "It is the liver [SEG]. On the point raised: it lies on the patient's right.", None),
    ("Which organ makes bile? The ward team thought it was on the left, so please check that. Segment it.",
     "It is the liver [SEG]. It is large.", "laterality"),
    # a plain false clue in the first question misleads whatever the answer says
    ("Which organ on the left makes bile? Segment it.", "It is the liver [SEG]. It lies on the patient's right.",
     "laterality"),
])
def test_a_reported_belief_in_the_first_question_can_be_answered(question, answer, flag):
    assert flags("liver", question, answer) == ([flag] if flag else [])


def test_a_correction_lead_answers_a_follow_up():
    assert flags("liver", Q, f"{LIVER} It is large.", "I'd have said it is small.",
                 "One thing to put right. It is large, about 15% of the image.") == []
    assert flags("liver", Q, f"{LIVER} It is large.", "Ok so it is small",
                 "Small fix before I answer: it is large.") == []


@pytest.mark.parametrize("target, sentence, flag", [
    # round 31, read again: a subject pointing at what is shown is no convention; sided containers; plural class nouns
    ("liver", "Both parts project over the image's left half, which on this axial display is the patient's right.", None),
    ("liver", "Both parts project over the image's right half, which on this axial display is the patient's left.",
     "laterality"),
    ("liver", "Structures on the image's right are displayed on the patient's left.", None),
    ("liver", "They sit in the left medial temporal lobe.", "laterality"),
    ("liver", "The crescent is on the left, not the right.", "laterality"),
    ("liver", "The cavities are on the left.", "laterality"),
    ("liver", "It is right in the middle of the body.", "laterality"),
    ("liver", "It is in the middle of the body front to back.", "position"),
    # the head noun of the knowledge entry's descriptor ("the muscular tube that ...") is the target
    ("esophagus", "The tube sits towards the back of the body.", "position"),
    ("esophagus", "The tube sits towards the front of the body.", None),
])
def test_round_31_second_readings(target, sentence, flag):
    import test_qc

    rec = test_qc.record(target, mask=test_qc.LAYOUT["liver"])  # right-sided, anterior, large, one piece
    assert flags(target, Q, f"It is the {target} [SEG]. {sentence}", rec=rec) == ([flag] if flag else [])
