"""QC readings added after round 45's leftovers and the first measure of round 46 (banks GJ-GM: hypotheticals and
counterfactuals, spine imaging, alt text and figure captions, relational anatomy). Sentences are this file's own; the
phantom liver (test_qc's layout) is right-sided, anterior, large (about 15% of the image) and one piece, right of the
spleen and the aorta and in front of the aorta."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

from medseg_qa.knowledge import lookup
from medseg_qa.qc.lexicon import Lexicon

LIVER = "It is the liver [SEG]. It is large."


@pytest.mark.parametrize("sentence, flag", [
    # round 45's leftovers: a dash-and-colon repair withdraws the struck words' "both sides" too
    ("Bilateral on this slice \u2014 scratch that: It lies on the patient's right.", None),
    ("Bilateral on this slice \u2014 it lies on the patient's right.", "laterality"),
    # a percentage of some other one thing, or an ejection fraction's range, is not the image's share
    ("Most of the portal blood (about 75% of the inflow) ends up here on this slice.", None),
    ("Normal LVEF is about 55-70 %, and this slice is 1.25 mm thick.", None),
    ("It covers about 75% of the slice.", "size"),
    # counterfactuals: an inverted conditional, a supposition after a label, and its consequent
    ("Counterfactually, had it been left-sided, the label itself would have had to change.", None),
    ("Fun what-if: Suppose it had been on the left only: we would then call it left-sided, and the work-up would change.",
     None),
    ("Had it been left-sided, we would call it that.", None),
    # a finding spoken of as a process or a disease (not a bone's process)
    ("The process is on the patient's left.", "laterality"),
    ("The spinous process lies in the midline.", None),
    ("Both sides of the patient are affected.", "laterality"),
    ("Correction to the line above: I typed left-sided; read it as the patient's right.", None),
    ("(Apologies, my dictation first said left-sided; it is the patient's right.)", None),
    ("Right, gather round.", None),
    ("It is on the left - as the film shows.", "laterality"),
    # relations toward or away from the midline, on the target's own side
    ("It lies lateral to the aorta.", None),
    ("It lies medial to the spleen.", "position"),
    # a count distributed over the sides; a band is a piece
    ("There are two separate lobes, one each side.", "count"),
    ("It is one contiguous band.", None),
    ("It is two separate bands.", "count"),
])
def test_round_46_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


def test_a_pair_spread_over_the_sides_is_counted():
    # the count stands beside the sides it spreads over (both false for the one-piece, right-sided liver)
    said = f"{LIVER} There are two regions, one on the left and one on the right."
    assert flags("liver", Q, said) == ["laterality", "count"]


@pytest.mark.parametrize("contents, flag", [
    # premises put right in other words
    ((Q, LIVER, "OK, so it's left-sided. What if the patient were prone?",
      "Let me fix the premise first: it lies on the patient's right."), None),
    ((Q, LIVER, "Since it's on the patient's left, what would change?",
      "I love a what-if. One correction before the what-if: it lies on the patient's right."), None),
    ((Q, LIVER, "I had written that it is on the patient's left. OK?", "I would change that. It lies on the patient's right."),
     None),
    ((Q, LIVER, "I count three distinct pieces. Agree?", "Count again: it is a single connected region."), None),
    ((Q, LIVER, "So it lies medial to the aorta?", "Other way round: it lies to the right of the aorta."), None),
    ((Q, LIVER, "So it lies medial to the aorta?", "Noted."), "position"),
    # premises in other forms
    ((Q, LIVER, "OK, so it's a midline thing. How big is it?", "It is large."), "laterality"),
    ((Q, LIVER, "So it's only on the left - does that fit the exam?", "Correlate clinically."), "laterality"),
    ((Q, LIVER, "Being small, does it need surgery?", "We would start conservatively."), "size"),
    # "Right;" opening an answer assents; a revision naming another structure revises no side
    ((Q, LIVER, "Given that it is large, anything to change?", "Right; nothing to change there."), None),
    ((Q, "It is the liver [SEG]. It takes up about 1% of the image. Sorry, scratch that, I mixed it up with the left "
      "kidney. It is large."), None),
    # a table cell that says something of the target in a clause of its own
    ((Q, "It is the **liver** [SEG].\n\n| Structure | Where | Target relative to it |\n|---|---|---|\n"
         "| **liver** (target) | right | n/a |\n| Aorta | midline | target lies just left of the aorta |"), "position"),
])
def test_round_46_conversations(contents, flag):
    assert flags("liver", *contents) == ([flag] if flag else [])


@pytest.mark.parametrize("target, question, named", [
    # a label's word for a kind of articulation is an ordinary word alone
    ("sacroiliac joints", "Which paired joints, where the sacrum meets the ilium, are scored here?", False),
    ("sacroiliac joints", "Can you segment both sacroiliac joints?", True),
    # a finding's place alone does not name it ('-oma' is a finding's form); with a word of its kind it does
    ("vertebral haemangioma", "Which structure in this vertebra shows a corduroy pattern?", False),
    ("vertebral haemangioma", "What is the benign lesion inside the vertebra with the corduroy pattern?", True),
])
def test_round_46_naming(target, question, named):
    assert Lexicon(target, (), (), lookup(target)).names_target(question) is named
