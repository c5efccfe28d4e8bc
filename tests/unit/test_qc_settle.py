"""QC's last reading step (`medseg_qa.qc.settle`): another voice quoted in an answer and overruled by the same turn
does not stand; a plain statement contradicted later does; an answer's word-for-word quote of the question it
answers is not its own claim. Sentences are this file's own; the phantom liver (test_qc's layout) is right-sided,
anterior, large and one piece."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

from medseg_qa.qc.settle import voiced

LIVER = "It is the liver [SEG]."
VOICES = "Answer: It is the liver [SEG]."  # a turn with other voices has two labels or more


@pytest.mark.parametrize("sentence, expected", [
    ("curious cat: Looks like two blobs to me.", True),
    ("Myth: it always sits on the left.", True),
    ("H3: a left-sided structure - rejected", True),
    ("> bob from leeds: pretty sure that is on the left", True),
    ("Side: left.", False),  # the answer's own headings
    ("Answer: the patient's right side.", False),
    ("Step 2 - side: it lies on the left.", False),
    ("A: right-sided, small, solitary.", False),  # a SOAP note's assessment
    ("It is on the left: that is what the mask shows.", False),  # a sentence, not a label
    ("Doctors' pictures are like a mirror: the right shows on the left.", False),
    ("The right upper lobe: [SEG].", False),  # a described thing, not a voice
])
def test_a_voice_is_a_label_that_is_no_heading_of_the_answer(sentence, expected):
    assert voiced(sentence) is expected


@pytest.mark.parametrize("answer, flag", [
    # another voice, then the turn's own truth on the same point: overruled
    (f"{VOICES}\nbob from leeds: It is on the left.\nIt lies on the patient's right.", None),
    (f"{VOICES}\nSunnyR: Looks like two blobs to me.\nIt is one continuous region.", None),
    (f"{VOICES}\nbob from leeds: It is on the left.\nIt is not on the left.", None),
    # ... not overruled: nothing later on that point, a truth on another point, or a denial of something else
    (f"{VOICES}\nbob from leeds: It is on the left.\nIt is large.", "laterality"),
    (f"{VOICES}\nbob from leeds: It is on the left.\nIt is not in the midline.", "laterality"),
    (f"{VOICES}\nIt lies on the patient's right.\nbob from leeds: It is on the left.", "laterality"),
    # the answer's own statements are never settled: a contradiction is a defect whichever side is true
    (f"{LIVER} It lies on the patient's left. It is large. It lies on the patient's right.", "laterality"),
    (f"{LIVER}\nSide: left.\nIt lies on the patient's right.", "laterality"),
    # one speaker throughout is the answer's own voice ("Candidate: ..." in an oral exam)
    (f"Candidate: {LIVER} It sits on the left. It is not on the left.", "laterality"),
])
def test_another_voice_overruled_later_in_the_turn_does_not_stand(answer, flag):
    assert flags("liver", Q, answer) == ([flag] if flag else [])


DRAFT = f"Draft: It lies on the patient's left. It is small.\nCritique:\n- The side is wrong: it is on the right, not the left."


@pytest.mark.parametrize("answer, flag", [
    # a draft's later sentences are the draft's too, and the revision overrules them
    (f"{DRAFT}\nRevised answer: {LIVER} It lies on the patient's right. It is large.", None),
    (f"{DRAFT}\nRevised answer: {LIVER} It lies on the patient's right.", "size"),  # the draft's size never fixed
    # the answer's own heading ends the voice: its plain contradiction stands
    (f"curious cat: pretty sure it is on the left.\nAnswer: {LIVER} It is on the left. It lies on the patient's right.",
     "laterality"),
])
def test_a_voice_lasts_until_the_next_label(answer, flag):
    assert flags("liver", Q, answer) == ([flag] if flag else [])


def test_a_voice_overruled_only_in_a_later_answer_still_stands():
    answer = f"{VOICES}\nbob from leeds: It is on the left."
    assert flags("liver", Q, answer, "Which side is it on?", "It lies on the patient's right.") == ["laterality"]


GUESS = "I'd have thought it's small on this slice?"


@pytest.mark.parametrize("answer, flag", [
    # the reply quotes the guess above its correction: the quote is the user's, and the guess is corrected
    (f"{LIVER}\n\n> {GUESS}\n\nNot really. It is large on this slice.", None),
    # a quote that sits between a false claim and "Not really." does not make that claim retracted
    (f"{LIVER} It lies on the patient's left.\n\n> {GUESS}\n\nNot really. It is large on this slice.", "laterality"),
    # quoted but never corrected: the user's guess stands
    (f"{LIVER}\n\n> {GUESS}\n\nIt lies on the patient's right.", "size"),
])
def test_an_answer_quoting_the_question_word_for_word_does_not_assert_it(answer, flag):
    assert flags("liver", f"Which organ makes bile here? {GUESS}", answer) == ([flag] if flag else [])
