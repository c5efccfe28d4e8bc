"""QC readings added after the first measure of round 37 (banks EZ-FC: 2D modalities and chest films, self-correcting
and contested conversations, musculoskeletal and spine labels, frontier-LLM markdown). Sentences are this file's own;
the phantom liver (test_qc's layout) is right-sided, anterior (superior on a coronal image), large and one piece, to
the patient's right of the spleen and the aorta and in front of the aorta; the aorta is midline and small."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

LIVER = "It is the liver [SEG]. It is large."


@pytest.mark.parametrize("contents, flag", [
    # the answer withdraws its own earlier words, in the same turn or a later one, and says the truth
    ((LIVER + " It lies on the patient's left. Sorry, I misspoke: it is on the patient's right.",), None),
    ((LIVER + " It lies posteriorly.", "Where exactly?",
      "I need to correct myself: earlier I described it as posterior. That was wrong; it is anterior."), None),
    (("It is the liver [SEG]. It is small.", "Anything else?",
      "Did you catch my slip earlier? I said small. Is that right? No: it's large."), None),
    (("It is the liver [SEG]. It is small. Wait, is that right? No. It is large.",), None),
    ((LIVER + " It lies posteriorly.", "Recap?", "Correction: earlier I wrote posterior. Actually anterior."), None),
    # ... but a correction to a false value is a false claim, and so is a wrong recap after a true correction
    ((LIVER + " It lies anteriorly.", "Recap?", "Correction: earlier I wrote anterior. Actually posterior."), "position"),
    ((LIVER + " It lies anteriorly.", "Size?", "Apologies for the confusion earlier! I said anterior, but it is actually "
      "central."), "position"),
    ((LIVER + " It lies posteriorly.", "Where?", "Let me correct that: I told you posterior; it is anterior.", "Recap?",
      "It lies on the patient's right, posteriorly."), "position"),
    # without words of error a later statement settles nothing: the answer contradicts itself
    ((LIVER + " It lies posteriorly.", "Where?", "It lies anteriorly."), "position"),
    ((LIVER + " It lies on the patient's left.", "Sure?", "As I said earlier, it is on the patient's left."), "laterality"),
])
def test_an_answer_that_revises_its_own_words(contents, flag):
    assert flags("liver", Q, *contents) == ([flag] if flag else [])


@pytest.mark.parametrize("target, sentence, flag", [
    # a span across the midline, and a balance between the sides
    ("aorta", "It straddles the midline, with about as much of it on the left as on the right.", None),
    ("liver", "It straddles the midline, with about as much of it on the left as on the right.", "laterality"),
    ("liver", "About as much of it is on the left as on the right.", "laterality"),
    ("aorta", "About as much of it is on the left as on the right.", None),
    # key/value lines of markdown answers
    ("liver", "- **Side:** Central / midline", "laterality"),
    ("aorta", "- **Side:** Central / midline", None),
    ("liver", "- **Position (front/back):** Back half of the slice", "position"),
    ("liver", "| Position (front/back) | Front half of the slice |", None),
    # a side with where the picture shows it, and a side equated with the picture's
    ("liver", "Located left, i.e. image right on this axial slice.", "laterality"),
    ("liver", "Located right, i.e. image left on this axial slice.", None),
    ("liver", "The left side is the image's right on this display.", None),
    # another thing compared, and what such things usually are
    ("aorta", "One stuck at the neck matters more than a large one further down.", None),
    ("liver", "They are small growths on the inside of the bowel, usually removed during the test.", None),
])
def test_round_37_readings(target, sentence, flag):
    import test_qc

    rec = test_qc.record(target)
    first = f"It is the {target} [SEG]."
    assert flags(target, Q, f"{first} {sentence}", rec=rec) == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("Position-wise, it is in the upper chest.", None),
    ("You can find it down in the lower half of the thorax.", "position"),
    ("In position it is toward the top (cranial).", None),
    ("In position it is toward the bottom (caudal).", "position"),
    ("The mask is central in position.", "position"),
    ("Top of the screen is the near field, nearest the transducer.", None),
])
def test_heights_on_a_coronal_image(sentence, flag):
    import test_qc

    rec = test_qc.record("liver", orientation="LI")
    assert rec.facts.vertical == "superior"
    assert flags("liver", Q, f"{LIVER} {sentence}", rec=rec) == ([flag] if flag else [])


def test_a_screen_question_answered_with_the_target_named_places_it():
    """'Which side of the screen is the patient's left?' answered 'The right.' maps the display; answered 'The liver
    lies on the patient's left.' it places the target."""
    question = "Which side of the screen is the patient's left?"
    assert flags("liver", Q, f"{LIVER} {question} The liver lies on the patient's left.") == ["laterality"]
    assert flags("liver", Q, f"{LIVER} {question} The right.") == []


@pytest.mark.parametrize("target, question, named", [
    # a class noun asks which one; a whole the target belongs to is no name of it
    ("posterior cruciate ligament", "Right knee hit the dashboard. Which ligament is at risk? Segment it.", False),
    ("vertebral body", "Segment the part of the spine that collapses in an osteoporotic fracture.", False),
    ("vertebral body", "Which bony block at the front of the spinal column carries the load? Segment it.", False),
    ("vertebral body", "Please segment the spine on this slice.", True),
    # a label's short head, a sided lobe, a lay name
    ("optic cup", "Segment the cup on this fundus photo.", True),
    ("left thyroid lobe", "Which structure in this neck ultrasound is the left lobe? Segment it.", True),
    ("fetal head", "Could you point out the baby's head on my scan and highlight it?", True),
    ("fetal head", "Which structure is measured to date a second-trimester pregnancy? Segment it.", False),
])
def test_what_names_the_target_in_a_question(target, question, named):
    import test_qc
    from medseg_qa.knowledge import lookup, normalize_text
    from medseg_qa.qc import lexicon_for

    rec = test_qc.record("liver").model_copy(update={"target": target})
    assert lexicon_for(rec, lookup(target)).names_target(normalize_text(question)) is named


def test_a_neighbours_own_name_names_it_alone_and_a_part_names_its_whole():
    """'the medial meniscus' is that neighbour, though the entry it shares names the lateral one too; 'the bowel' of
    the duodenum ('the first segment of the small bowel') is the target."""
    import test_qc
    from medseg_qa.knowledge import lookup
    from medseg_qa.qc import lexicon_for

    base = test_qc.record("liver")
    rec = base.model_copy(update={"target": "anterior cruciate ligament", "facts": base.facts.model_copy(update={
        "relations": [type(base.facts.relations[0])(other="medial meniscus", relation="superior_to"),
                      type(base.facts.relations[0])(other="lateral meniscus", relation="superior_to")]})})
    lexicon = lexicon_for(rec, lookup(rec.target))
    assert {n for m in lexicon.mentions("It lies above the medial meniscus.") for n in m.names} == {"medial meniscus"}
    duodenum = base.model_copy(update={"target": "duodenum"})
    assert any(not m.names for m in lexicon_for(duodenum, lookup("duodenum")).mentions("The bowel sits toward the back."))


def test_a_sided_lobe_names_the_thyroid_lobe_in_qc_only():
    """'the left lobe' names the left thyroid lobe in a question about it, but a source's label 'Left lobe' (a lung's,
    a liver's) is not canonicalised into the thyroid: the short form lives in QC's lexicon, not in the knowledge base."""
    from medseg_qa.knowledge import lookup

    entry = lookup("left lobe")
    assert entry is None or "thyroid" not in entry.name
