"""Readings across a conversation's talk about other structures: a follow-up that asks about another structure
makes the answer's 'It' that structure until the target is named again; a sentence opening on place phrases
has its subject after the verb ("Next to it, on the left, lies the spleen"); a label naming a structure is what
its fragment describes ("Aorta: midline."); loose count words ("innumerable", "a trio of"). Sentences are this
file's own; the phantom liver (test_qc's layout) is right-sided, anterior, large and one piece, and lies behind
the spleen."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

LIVER = "It is the liver [SEG], on the right."


@pytest.mark.parametrize("question, answer, flag", [
    ("And the other kidney?", "It is on the left, behind the spleen's tip.", None),
    ("What about the spleen?", "It is small and sits on the left.", None),
    ("Where is the spleen?", "It lies on the left, posteriorly.", None),
    ("How big is the spleen?", "It is small, around 1% of the slice.", None),
    ("Is the spleen on the left?", "Yes, it is on the left.", None),
    # the target named again, or 'it' in the question: 'It' is the target
    ("What about the spleen?", "The spleen is on the left. Back to the mask: it sits on the left too.", "laterality"),
    ("What about the spleen?", "It is on the left. The liver, though, is on the left too.", "laterality"),
    ("Is it in front of the spleen?", "Yes, and it is on the left.", "laterality"),
    ("And the mask?", "It is on the left.", "laterality"),
    # a question that asks which structure is meant: its answer is the target
    ("Which organ lies beside the spleen?", "It lies on the left.", "laterality"),
])
def test_an_answer_about_another_structure_asked_about(question, answer, flag):
    assert flags("liver", Q, LIVER, question, answer) == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("Next to it, on the left, lies the spleen.", None),
    ("On the left side sits the spleen, small and toward the back.", None),
    ("Further back and to the left is the left kidney.", None),
    ("To its left, in the midline, runs the aorta.", None),
    ("Behind it, on the left, is the spleen.", "position"),  # the liver lies behind the spleen
    ("On the left, it lies beside the spleen.", "laterality"),
    ("In this slice the liver is on the left.", "laterality"),
    # a structure's label before a fragment
    ("Aorta: midline, small.", None),
    ("Spleen: midline.", None),
    ("Liver: small.", "size"),
    ("Dictation: small.", "size"),
])
def test_place_phrases_and_labels_before_the_subject(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


def _lesions(n: int):
    import test_qc

    mask = test_qc._box(18, 22, 8, 12)
    if n == 2:
        mask = mask | test_qc._box(28, 32, 16, 20)
    return test_qc.record("liver metastases", mask=mask)


@pytest.mark.parametrize("n, sentence, flag", [
    (1, "Innumerable metastases are seen.", "count"),
    (1, "There are countless foci.", "count"),
    (1, "A handful of deposits are seen.", "count"),
    (2, "A trio of deposits is seen.", "count"),
    (2, "A pair of deposits is seen.", None),
    (2, "Two of the deposits are seen, not innumerable ones.", None),
])
def test_loose_count_words(n, sentence, flag):
    got = flags("liver metastases", Q, f"They are liver metastases [SEG]. {sentence}", rec=_lesions(n))
    assert got == ([flag] if flag else [])
