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
