"""QC readings added after the first measure of round 44 (banks GB-GE: post-surgical and variant anatomy, rich-text
exports, bowel and GI imaging, second opinions and discrepancy audit). Sentences are this file's own; the phantom
liver (test_qc's layout) is right-sided, anterior, large and one piece, right of and in front of the aorta."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

from medseg_qa.knowledge import lookup
from medseg_qa.qc.aliases import seg_alias
from medseg_qa.qc.clauses import written_sentences
from medseg_qa.qc.lexicon import Lexicon

LIVER = "It is the liver [SEG]. It is large."


@pytest.mark.parametrize("sentence, flag", [
    # a verbless part after a semicolon continues the clause before it
    ("The aorta is normal; mild calcification on the left.", None),
    # another reader's or a tool's claim, overruled by the answer's own words
    ("Dr Okafor counted three pieces; I count one.", None),
    ("Dr Okafor counted three pieces.", "count"),
    ("The outside hospital's read called it small, but it is large on this slice.", None),
    ("Reported by the CAD software: left-sided. It lies on the patient's right.", None),
    ("Dr Lindqvist has it as posterior. I disagree: it lies anteriorly.", None),
    ("The registrar's draft says small and yes, it is small on this slice.", "size"),
    # an answer's own correction: "Sorry, that was ..., not mine", "amend:"
    ("It is small. Sorry, that was the outside measurement, not mine: it is large.", None),
    ("It lies on the patient's left; amend: it lies on the patient's right.", None),
    # a clause of the answer's own act after a lead with a noun of its own
    ("A small correction before that goes in the letter: I have outlined two separate regions.", "count"),
    ("A small correction before that goes in the letter: On the images the liver is on the patient's left.", "laterality"),
    ("That is an easy mix-up, but on the picture it is small.", "size"),
    # readings of place and number
    ("It lies about halfway between your front and your back.", "position"),
    ("It lies right across the middle.", "laterality"),
    ("It is one each side.", "laterality"),
    ("Such masses are about twice as common on the left as on the right.", None),
    ("Nope, the referral letter got that one wrong: it lies on the patient's left.", "laterality"),
    ("The abnormality comprises two sacs in all.", "count"),
    ("The mask has 3 discrete segments.", "count"),
    ("It lies back towards the spine.", "position"),
    ("Creon 25,000 units with meals.", None),
    ("This series is displayed the usual way (patient's left on screen right).", None),
])
def test_round_44_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("contents, flag", [
    # a reported claim put to the answer and overruled in the reply
    ((Q, LIVER, "One more thing: Dr Okafor wrote two separate regions. Does that hold?",
      "On review, Dr Okafor is mistaken here; it is a single region."), None),
    ((Q, LIVER, "One more thing: Dr Okafor wrote two separate regions. Does that hold?", "Noted."), "count"),
    # a user's premise corrected in other words
    ((Q, LIVER, "So it is small?", "I read it differently, it is large."), None),
    ((Q, LIVER, "As it is small, what would you recommend?", "I would amend that slightly: It is large."), None),
    ((Q, LIVER, "So there is two separate pieces?", "I can see why you thought that, but actually it is one piece."), None),
    # a user's recap before what they will do with it
    ((Q, LIVER, "so, left-sided: I'll tell the team that and move on. ok with you?", "fine by me."), "laterality"),
    ((Q, LIVER, "so, left-sided: I'll tell the team that and move on. ok with you?",
      "One correction first: that premise is wrong, it is right-sided."), None),
    # a speaker's label on a user turn, and a reporter after a relative clause
    ((Q, LIVER, "Reader: Given there are two separate pieces, what does that change?", "Next steps: correlate."), "count"),
    ((Q, LIVER, "My friend who's a nurse says it sits on the left side. Where is it?", "It is in the abdomen."),
     "laterality"),
    # the answer's own earlier error, owned in a later turn
    ((Q, "It is the liver [SEG]. It lies on the patient's left.", "Sure about the side?",
      "Good catch, and apologies: my first answer had the side wrong. It is on the right, not the left."), None),
])
def test_round_44_conversations(contents, flag):
    assert flags("liver", *contents) == ([flag] if flag else [])


@pytest.mark.parametrize("target, question, named", [
    # the other side's operation, named on a word of the target's, is the history, not its name
    ("left kidney", "After a right nephrectomy, which organ makes the urine now?", False),
    ("right lung", "After a left pneumonectomy, what does the patient breathe with?", False),
    ("left kidney", "Which kidney is left after the operation?", True),
    ("left kidney", "A patient with nephrectomy: which structure is affected?", True),  # no side: it names it
    # a label's words for a shape or an arrangement are ordinary words alone
    ("loop ileostomy", "Anterior resection with a defunctioning loop: which opening is it?", False),
    ("loop ileostomy", "Where is the ileostomy on this slice?", True),
    ("duplex collecting system", "Which two-part urine-draining system is shown?", False),
    # a place named without the finding asks where to look
    ("diverticular abscess", "Day 3 of antibiotics for diverticulitis; what collection am I draining?", False),
    ("mesenteric lymph nodes", "Which oval structures cluster in the small-bowel mesentery?", False),
    ("colonic diverticula", "Which gas-filled outpouchings line the colonic wall?", False),
])
def test_round_44_naming(target, question, named):
    assert Lexicon(target, (), (), lookup(target)).names_target(question) is named


def test_a_one_slip_respelling_is_not_an_inflection_of_the_name():
    lexicon = Lexicon("crossed fused ectopic kidney", (), (), None)
    assert not lexicon.names_target("Which unit crosses the midline and merges with the other?")


def test_a_participle_before_the_labels_head_is_the_target():
    lexicon = Lexicon("horseshoe kidney", (), (), None)
    fused = lexicon.mentions("The fused kidney lies on the left side.")[0]
    failed = lexicon.mentions("The failed kidney lies on the left side.")
    assert (fused.start, fused.names) == (0, frozenset())
    assert not failed or failed[0].start != 0


@pytest.mark.parametrize("answer, alias", [
    ("You're after the stoma [SEG]. It is", "stoma"),
    ("Outlined: the metal clips [SEG]. They", "metal clips"),
    ("The structure in question is the colonic polyps, marked here: [SEG].", "colonic polyps"),
    ("The highlighted area [SEG] is the ileostomy. That", "ileostomy"),
    ("Here is the structure [SEG].", None),
    ("I've marked it [SEG].", None),
])
def test_the_answers_own_name_for_what_it_segmented(answer, alias):
    assert seg_alias(answer) == alias


def test_claims_made_of_the_answers_name_for_an_unknown_label_are_checked():
    import test_qc

    rec = test_qc.record("end colostomy", mask=test_qc.LAYOUT["liver"])
    assert flags("end colostomy", Q, "You're after the stoma [SEG]. The stoma is split into two separate pieces.",
                 rec=rec) == ["count"]
    assert flags("end colostomy", Q, "It is outlined [SEG]. The stoma is split into two separate pieces.", rec=rec) == []


@pytest.mark.parametrize("text, sentences", [
    ("You will find it on the left of the des-\ncending aorta.", ["You will find it on the left of the descending aorta."]),
    ("It pumps blood through the lungs and around the body. The outline covers about\n6.2 % of the image, and on this "
     "section it is\nlarge.", ["It pumps blood through the lungs and around the body.",
                               "The outline covers about 6.2 % of the image, and on this section it is large."]),
    ("done - the thymus\nsits in the upper part of the image\nsits lower than the trachea",  # a pager's short lines
     ["done - the thymus", "sits in the upper part of the image", "sits lower than the trachea"]),
    ("It is on the patient's '''left''' side. This is the [[Liver|liver]].\n== Size ==\nLarge.",
     ["It is on the patient's left side.", "This is the liver.", "Size", "Large."]),
    ("Side: left\nsize: small", ["Side: left", "size: small"]),  # key lines are not a wrapped sentence
])
def test_wiki_markup_and_pdf_line_breaks(text, sentences):
    assert written_sentences(text) == sentences
