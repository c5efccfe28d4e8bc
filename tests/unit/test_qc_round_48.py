"""QC readings added in round 48: first the leftovers of rounds 46-47 (read before round 48's banks were seen), then
what round 48's banks (GR-GU) taught after their first measure. Sentences are this file's own; the phantom liver
(test_qc's layout) is right-sided, anterior, large (about 15% of the image) and one piece, right of the spleen and the
aorta and in front of the aorta."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

LIVER = "It is the liver [SEG]. It is large."


@pytest.mark.parametrize("sentence, flag", [
    # the image's share said of all its pixels is the mask's, not a class's share ("5 to 10% of these tumours")
    ("Coverage: 0.40% of all pixels.", "size"),
    ("Coverage: 15% of all pixels.", None),
    ("Roughly 5 to 10% of all such tumours are multifocal.", None),
    # a first pass given up, then the second look's claim, whose subject comes after the look
    ("My first pass said 2 pieces, but on a second look the segmentation forms one continuous region.", None),
    ("My first pass said 1 piece, but on a second look the segmentation forms two separate regions.", "count"),
    ("My first pass said left, but on a second look the label lies on the right.", None),
])
def test_round_48_leftovers(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


KIDNEY = "It is the left kidney [SEG]. It is medium-sized."


@pytest.mark.parametrize("sentence, flag", [
    # implants and artefacts have their own sides and extents (`elsewhere.device_spans`), up to a clause on the target
    ("There are two big fillings in the right upper molars and a crown on the left.", None),
    ("Streaks from the right hip prosthesis cross the slice.", None),
    ("Partial volume affects both sides equally.", None),
    ("No, and it's an easy slip with this artefact: the kidney is on the right.", "laterality"),
    # an idiom that rejects what misled ("That's the artefact talking: ...") is no artefact
    ("That's the artefact talking: it lies on the patient's right.", "laterality"),
    # the picture's coordinates are a convention, not the mask's side
    ("Column 0 is the left edge of the screen; in radiological display that edge is the patient's right.", None),
    ("Row 0 is the top of the screen and column 0 its right edge.", None),
    ("Higher x means further toward the patient's right.", None),
    ("Image-right and patient-right are opposite on a standard axial view.", None),
    ("The patient's right and the screen's right are not the same.", None),
    # "patient-left", "the label's on the right"
    ("So the label's patient-right.", "laterality"),
    ("It is patient-right.", "laterality"),
    # a first-pass slip struck with its reason before the colon
    ("It is on the patient's right, not the left - no, scratch that, I read the screen side: it lies on the patient's left.",
     None),
    # interjections after a speaker's label
    ("Chair (Dr McBride): Right, Ms Ferreira.", None),
    # a test's figure, a model's input size, a share of a class as a subject, a function split
    ("PET is roughly 80% sensitive for mediastinal nodes.", None),
    ("I'd check the resize, you trained at 224 px.", None),
    ("Only around 15-20% are dense enough to see on a plain film.", None),
    ("The tracer scan says one does 35% of the work and the other 65%.", None),
    ("It barely picks up the dye, only 9 units.", None),
    # a size among the things on this image; dead centre, in the midline; a self-repair of a decimal
    ("It is one of the large things on this image.", "size"),
    ("It is dead centre, midline.", "laterality"),
    ("It is sitting across the midline.", "laterality"),
    ("It covers about 20% of the image. Sorry, I slipped a decimal: about 2%.", None),
    ("It covers about 2% of the image. Sorry, I slipped a decimal: about 20% of the image.", "size"),
    # a sided name alone with its token names what the mask shows
    ("OK. Right kidney [SEG].", "laterality"),
])
def test_round_48_readings(sentence, flag):
    if "[SEG]" in sentence:
        assert flags("left kidney", Q, sentence) == ([flag] if flag else [])
    else:
        assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("contents, flag", [
    # premises put to the answer and answered: ", yes?", "You'd say ...?", "OK, large on the image."
    ((Q, KIDNEY, "On my screen it's on the right, so it's on the right side of the patient, yes?",
      "That's the screen talking: the kidney is on the patient's left."), None),
    ((Q, KIDNEY, "You'd say it's on the right? Where is it on the slice?", "Actually, no. It's on the left, posterior."), None),
    ((Q, KIDNEY, "OK, large on the image. Follow-up?", "Clinic in 6 weeks."), "size"),
    ((Q, KIDNEY, "Understood, it's two of them. Can I still have the dye?", "Yes, with fluids."), "count"),
    ((Q, KIDNEY, "My draft says it's on the right side of the patient; is that correct?",
      "Good try, but no: it is sitting on the left, not across the midline."), None),
])
def test_round_48_premises(contents, flag):
    assert flags("left kidney", *contents) == ([flag] if flag else [])


@pytest.mark.parametrize("question, named", [
    # a device's place words say where to look, also in a procedure's name with a prefix ("post-ureteroscopy")
    ("A patient post-ureteroscopy 5 weeks ago, now with loin discomfort when voiding. Which finding explains it?", False),
    ("Which ureteric stents are seen here? Segment them.", True),
    ("Segment the stents in this patient's ureters.", True),
])
def test_round_48_device_place_words(question, named):
    import test_qc

    rec = test_qc.record("aorta").model_copy(update={"target": "bilateral ureteric stents"})
    assert ("names_target" in flags("", question, "They are the ureteric stents [SEG].", rec=rec)) is named
