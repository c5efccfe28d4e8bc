"""QC readings added after round 21's first measure (banks CN-CQ): a name's head noun after a determiner, "how come"
questions and "since ..." leads with commas in them, "at the back of the slice", and comparisons with a reference
image. Sentences are this file's own; the phantom liver (test_qc's layout) is right-sided, anterior, large, one piece."""

from __future__ import annotations

import pytest
import test_qc
from test_qc_registers import Q, _record, flags

LIVER = "It is the liver [SEG]."
ANSWER = "It is the structure shown [SEG]."


@pytest.mark.parametrize("target, question, named", [
    ("lateral ventricle", "Where are the ventricles on this image? Please segment them.", True),
    ("lateral ventricle", "Which fluid spaces drain into the fourth ventricle? Please segment them.", False),
    ("cardiophrenic fat pad", "Where is the fat pad on this chest CT slice? Mark it.", True),
    ("optic disc", "Can you outline the disc here for me?", True),
    ("pleural effusion", "Can you show me the fluid that has collected in the chest?", False),  # a synonym's head
    ("optic cup", "Which pale, cup-shaped depression sits in the middle of the disc? Outline it.", False),
    ("portal vein", "Which vein carries blood from the gut to the liver? Segment it.", False),  # a class noun
])
def test_a_names_head_noun_after_a_determiner_names_it(target, question, named):
    rec = _record(target, mask=test_qc.LAYOUT["liver"])
    assert ("names_target" in flags(target, question, ANSWER, rec=rec)) is named


@pytest.mark.parametrize("question, flag", [
    ("How come it sits on the left here?", "laterality"),
    ("How come it sits on the right here?", None),
    ("How come it would be on the left if the image were flipped?", None),  # only wonders
    ("Since it shows up as three distinct, disconnected parts, what does that mean?", "count"),
    ("Since it shows up as one single, connected piece, what does that mean?", None),
    ("So it's all the way at the back of the slice. What does it do?", "position"),
    ("So it's at the front of the slice. What does it do?", None),
    ("Which vessel gives off the artery to the back of the brain?", None),  # where the artery goes
])
def test_premises_of_how_come_and_since_and_places_on_the_slice(question, flag):
    assert flags("liver", Q, LIVER, question, "It helps digestion.") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("Versus the reference: this one is on the patient's left.", "laterality"),
    ("Compared with the reference image, it is posterior.", "position"),
    ("Compared with the reference image, it is anterior.", None),
    ("Comparison with the reference atlas: In the atlas it sits mostly left of the midline.", None),  # textbook
    ("EDIT: fixed, thanks! I'd first written that it was on the patient's left; the text above now says right.", None),
])
def test_a_comparison_with_a_reference_image_keeps_the_place_absolute(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])
