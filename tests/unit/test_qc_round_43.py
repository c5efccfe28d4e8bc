"""QC readings added after the first measure of round 43 (banks FX-GA: prostate and pelvic MR, PET-CT and nuclear
medicine, clinician message threads, phone-typed questions). Sentences are this file's own; the phantom liver
(test_qc's layout) is right-sided, anterior, large and one piece, right of and in front of the aorta."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

from medseg_qa.knowledge import lookup
from medseg_qa.qc.lexicon import Lexicon
from medseg_qa.qc.texting import texting

LIVER = "It is the liver [SEG]. It is large."


@pytest.mark.parametrize("text, expected", [
    ("is it on the lft or the rigth lol", "is it on the left or the right"),
    ("ok so u'll find it on ur lft side", "ok so you'll find it on your left side"),
    ("how many r there", "how many are there"),
    ("had a scan last yr n they said", "had a scan last year and they said"),
    ("midline btw.", "midline."),
    ("A light lift; the medical wall.", "A light lift; the medical wall."),  # real words one edit away stay
    ("The Lft one, posteror.", "The Left one, posterior."),
    ("It finds itself in median position.", "It finds itself in median position."),
])
def test_texting_spellings_and_typos_of_side_words(text, expected):
    assert texting(text) == expected


@pytest.mark.parametrize("sentence, flag", [
    # phone-typed sides, keys and sizes
    ("u'll find it on ur lft side.", "laterality"),
    ("its on the rigth side.", None),
    ("size wise its pretty small", "size"),
    ("theres just the one piece btw.", None),
    ("On this slice it sits on your left side.", "laterality"),  # "your ... side": the body, the slice is where
    ("On this slice it sits on your right side.", None),
    ("On your scan it is in the left half of your body.", "laterality"),
    ("It appears on your left side of the screen.", None),  # the viewer's side of a screen
    ("its pretty small on here", "size"),
    ("Predominantly posterior in position.", "position"),
    # a kind's usual picture is no claim about this image
    ("An isolated left-sided one is the classic pattern in that setting.", None),
    # sizes: a finding's kind after the size word, "overall", a pseudo-cleft
    ("It is a small mass.", "size"),
    ("Small overall.", "size"),
    ("Large overall.", None),
    ("In size it's what we'd call small.", "size"),
    # form, not place: "thins toward the back" of an anterior liver
    ("It thins toward the back.", None),
    ("It lies toward the back.", "position"),
    # counts on a PET or bone scan; a count of the text, not of the mask
    ("There are two hot spots.", "count"),
    ("Correction to my last message, I mistyped one bit: it is large.", None),
])
def test_round_43_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("contents, flag", [
    # an answer that revises an earlier message ("ignore one line of my first reply", "typo above")
    ((Q, "It is the liver [SEG]. It lies on the patient's left.", "Anything else?",
      "Edit: ignore one line of my first reply. Side: right."), None),
    ((Q, "It is the liver [SEG]. It lies on the patient's left.", "Anything else?", "Side: right."), "laterality"),
    ((Q, "It is the liver [SEG]. It lies behind the aorta.", "Anything else?",
      "Sorry, typo above - it lies in front of the aorta."), None),
    # a thread's reply prefix and addressee before a correction
    ((Q, LIVER, "So it's on the left?", "@Sam Not so, I'm afraid. It is on the right."), None),
    ((Q, LIVER, "So it's on the left?", "re: your Q - Not so. It is on the right."), None),
    ((Q, LIVER, "So it's on the left?", "@Sam Noted."), "laterality"),
    ((Q, LIVER, "I had it down as small. right?", "Have to correct that: Size: large."), None),
    # a user's verbless summing-up, then a clause of its own
    ((Q, LIVER, "ok ok, small then, will tell the team.", "Sure."), "size"),
    ((Q, LIVER, "So just the one, anything else to add?", "Nothing to add."), None),
    ((Q, LIVER, "yep, got it", "yep — count is three"), "count"),
])
def test_round_43_conversations(contents, flag):
    assert flags("liver", *contents) == ([flag] if flag else [])


def test_a_summing_up_of_one_piece_is_checked_against_the_mask():
    import test_qc

    rec = test_qc.record("gallbladder calculi", mask=test_qc.LAYOUT["left kidney"] | test_qc.LAYOUT["right kidney"])
    answer = "These are the gallbladder calculi [SEG]."
    assert flags("gallbladder calculi", Q, answer, "So just the one, anything else to add?", "Nothing to add.",
                 rec=rec) == ["count"]
    assert flags("gallbladder calculi", Q, answer, "So just the one, anything else to add?",
                 "Not so, I'm afraid: there are two separate stones.", rec=rec) == []


def test_a_lymph_node_is_counted_by_its_noun():
    import test_qc

    rec = test_qc.record("left hilar lymph node", mask=test_qc.LAYOUT["aorta"])
    assert flags("left hilar lymph node", Q, "It is the left hilar lymph node [SEG]. I count two nodes.", rec=rec) == ["count"]
    assert flags("left hilar lymph node", Q, "It is the left hilar lymph node [SEG]. There is a single node.", rec=rec) == []


@pytest.mark.parametrize("target, question, named", [
    # a name typed with one slip is the name
    ("left kidney", "which bit is the left kidny, outline it", True),
    ("uterus", "show me the uterous on this slice", True),
    ("uterine fibroids", "show me the uterine fibriods", True),
    ("prostate", "where is my prostrate on this", True),
    ("liver lesion", "what is the lesson from this scan?", False),  # a common word one edit away is not a slip
    # side and count words of a label do not name it
    ("bilateral axillary lymph nodes", "Which sites are bilateral here?", False),
    ("multifocal prostate cancer", "Is the disease multifocal?", False),
])
def test_round_43_naming(target, question, named):
    assert Lexicon(target, (), (), lookup(target)).names_target(question) is named


@pytest.mark.parametrize("question, malformed", [
    ("my gp felt something under my ribs on the right, which organ is that", False),
    ("the food pipe thing between throat n stomach where is it here", False),
    ("This is the first user question of the set.", True),
])
def test_a_question_typed_without_its_mark_asks(question, malformed):
    assert ("malformed" in flags("liver", question, LIVER)) is malformed
