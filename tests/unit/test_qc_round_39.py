"""QC readings added after the first measure of round 39 (banks FH-FK: board-exam quizzes, paediatric imaging,
neuroradiology, structured output). Sentences are this file's own; the phantom liver (test_qc's layout) is
right-sided, anterior, large and one piece, to the patient's right of the spleen and the aorta; "kidneys" is both
kidney boxes of that layout (bilateral, two pieces)."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

from medseg_qa.knowledge import lookup

LIVER = "It is the liver [SEG]. It is large."
KIDNEYS = "They are the kidneys [SEG]."


def _kidneys():
    import test_qc

    return test_qc.record("kidneys", mask=test_qc.LAYOUT["left kidney"] | test_qc.LAYOUT["right kidney"])


MCQ = """{lead}

Q1. On which side of the patient does the mask lie?
A. The patient's left
B. The midline
C. The patient's right
D. Both sides (bilateral)
Answer: {key}
Explanation: {key} is correct. A is a distractor; B is wrong."""


@pytest.mark.parametrize("key, flag", [("C", None), ("A", "laterality"), ("D", "laterality")])
def test_options_are_offered_and_the_key_asserts_one(key, flag):
    assert flags("liver", Q, MCQ.format(lead=LIVER, key=key)) == ([flag] if flag else [])


def test_inline_options_are_offered_too():
    answer = f"{LIVER} Which side is it on? (A) left (B) midline (C) right. Answer: C"
    assert flags("liver", Q, answer) == []
    assert flags("liver", Q, answer.replace("Answer: C", "Answer: A")) == ["laterality"]


@pytest.mark.parametrize("question, answer, flag", [
    # a verbless answer reads as the value of what its question asks
    ("On which side of the patient does the mask lie?", "Both sides (bilateral).", "laterality"),
    ("On which side of the patient does the mask lie?", "The midline.", "laterality"),
    ("On which side of the patient does the mask lie?", "The patient's right.", None),
    ("How big is it relative to the image?", "Large (5% or more).", None),
    ("How big is it relative to the image?", "Small (under 1% of the image).", "size"),
    ("How many separate regions does the mask contain?", "1.", None),
    ("How many separate regions does the mask contain?", "2 or more.", "count"),
    ("Which describes its position along the vertical axis?", "Anterior (front half).", None),
    ("Which describes its position along the vertical axis?", "Posterior (back half).", "position"),
])
def test_a_verbless_answer_reads_under_its_question(question, answer, flag):
    assert flags("liver", Q, f"{LIVER} {question}\n{answer}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    # a bound written after its number
    ("It covers 5% or more of the image.", None),
    ("It covers 1% or less of the image.", "size"),
    # a typed dash ends a negation's scope
    ("It is not on the left -- it appears on the image's left, but in patient terms it is on the right.", None),
    # the direction of a shift is not where the target lies
    ("There is about 6 mm of midline shift toward the left, away from it.", None),
    ("The mediastinum is shifted to the left.", None),
    # a side through a hemisphere, a part named after a direction, a size said of a population
    ("The mask is in the left cerebral hemisphere.", "laterality"),
    ("Myelination is visible in the posterior limb of the internal capsule.", None),
    ("The gland is normal and bulky in infants.", None),
    # the patient by who they are to a parent
    ("The highlighted part is on your baby's right side.", None),
    ("The highlighted part is on your little one's left side.", "laterality"),
    # a pager's items, the answer's format
    ("done - the liver / 1 blob / ~12% of the pic / on the right", None),
    ("done - the liver / 2 blobs / ~12% of the pic", "count"),
    ("Can you summarise that in one block?", None),
])
def test_round_39_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("The kidneys are present bilaterally.", None),
    ("They are in both cerebral hemispheres.", None),
    ("They are on the right only, other side fine.", "laterality"),
])
def test_round_39_bilateral(sentence, flag):
    assert flags("kidneys", Q, f"{KIDNEYS} {sentence}", rec=_kidneys()) == ([flag] if flag else [])


@pytest.mark.parametrize("contents, flag", [
    # a reported belief in the first question, corrected by "To correct one point:"
    (("Which organ is this? My registrar thought it was on the left, but I'm not sure. Please segment it.",
      "The liver [SEG]. To correct one point: it is not on the left; it lies on the patient's right."), None),
    # a premise before a dash, asked on
    ((Q, LIVER, "OK so it's on the left -- what should we say at the board?", "Nothing more."), "laterality"),
    ((Q, LIVER, "Given it's right only, anything else to document?", "No."), None),
    ((Q, LIVER, "which side?", "Lt only, other side fine"), "laterality"),
])
def test_round_39_conversations(contents, flag):
    assert flags("liver", *contents) == ([flag] if flag else [])


JSON_ANSWER = """It is the liver [SEG].

```json
{{
  "structure": "liver",
  "side": "{side}",
  "n_regions": 1,
  "relations": [{{"ref": "aorta", "target_is": "{relation}"}}],
  "differential": [{{"structure": "spleen", "side": "left"}}, {{"structure": "stomach", "side": "left", "size": "small"}}]
}}
```"""


@pytest.mark.parametrize("side, relation, flag", [
    ("right", "right_of", None),
    ("left", "right_of", "laterality"),
    ("right", "left_of", "position"),
])
def test_json_fields_of_other_structures_are_theirs(side, relation, flag):
    assert flags("liver", Q, JSON_ANSWER.format(side=side, relation=relation)) == ([flag] if flag else [])


@pytest.mark.parametrize("trace, flag", [
    ('> lookup_reference("stomach") -> {"typical_side": "left"}\n> laterality("m0") -> "right"', None),
    ('> laterality("m0") -> "left"', "laterality"),
    ('> count_components("m0") = 1', None),
    ('> count_components("m0") = 3', "count"),
    ("Side: R | Area: ~12% | Regions: 2 | Rel: right of aorta", "count"),
])
def test_tool_calls_and_key_value_rows(trace, flag):
    assert flags("liver", Q, f"{LIVER}\n\n{trace}") == ([flag] if flag else [])


@pytest.mark.parametrize("label, entry", [
    ("necrotic core", "necrotic tumour core"), ("uterine fibroids", "uterine fibroid"), ("left hip joint", "left hip joint"),
    ("renal cysts", "kidney cyst"), ("periventricular leukomalacia", "periventricular leukomalacia"),
    ("appendix", "appendix"), ("left lobe", None),
])
def test_round_39_knowledge_labels(label, entry):
    found = lookup(label)
    assert (found.name if found else None) == entry
