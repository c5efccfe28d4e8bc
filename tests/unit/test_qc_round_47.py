"""QC readings added after the first measure of round 47 (banks GN-GQ: obstetric and gynaecological imaging, ICU films
crowded with lines and tubes, other slices and other studies, multi-voice model transcripts). Sentences are this file's
own; the phantom liver (test_qc's layout) is right-sided, anterior, large (about 15% of the image) and one piece, right
of the spleen and the aorta and in front of the aorta."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, flags

from medseg_qa.knowledge import lookup
from medseg_qa.qc.lexicon import Lexicon

LIVER = "It is the liver [SEG]. It is large."


@pytest.mark.parametrize("sentence, flag", [
    # other slices, other studies, the volume (`qc/frames.py`)
    ("Two slices up it splits into three pieces.", None),
    ("On the slice below it becomes left-sided.", None),
    ("In the full 3D volume there are four masses; on this slice there is one piece.", None),
    ("On the September study the left-sided part was the dominant one.", None),
    ("It was small in March, but today it is large.", None),
    ("It was large in March, but today it is small.", "size"),
    ("Previous 2 separate operations.", None),
    ("It splits into three pieces.", "count"),
    # devices have their own sides and heights
    ("NG tube passing below the diaphragm, tip in the gastric fundus on the left.", None),
    ("Pacemaker generator in the left chest wall with leads in the right ventricle.", None),
    ("The chest drain is in; it lies on the left.", "laterality"),
    ("It drains into the IVC and lies on the left.", "laterality"),
    # a generic patient, a measure's value, a change by a share, the fellow organ's line
    ("In a supine patient free air collects posteriorly.", None),
    ("Roughly 5 to 10% of these tumours are multifocal at presentation.", None),
    ("The cardiothoracic ratio looks small.", None),
    ("AP films magnify it by around 40-60%.", None),
    ("Other lobe: left, 24 mm.", None),
    # where it is seen, then the body's side said to the patient (but a side it appears on is the viewer's)
    ("On the slice you're looking at, it sits on your left.", "laterality"),
    ("On this image it is toward your back.", "position"),
    ("In this image it appears on your left.", None),
    # two sides said in other words
    ("This is a bilateral finding.", "laterality"),
    ("There is a separate part on each side of the midline.", "laterality"),
])
def test_round_47_readings(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


DEBATE = "**Model A:** It is the liver, on the patient's left.\n\n**Model B:** It is the liver, on the patient's right.\n\n"


@pytest.mark.parametrize("contents, flag", [
    # a debate: the losing voice is overruled by the judge's truth (a verdict by letter alone, "A is correct", is not
    # read: the later voice's true claim overrules the earlier one either way)
    ((Q, DEBATE + "**Judge:** B is correct: it lies on the patient's right.\n\nFinal: the liver [SEG]."), None),
    ((Q, "**Model A:** It is a small structure.\n\n**Model B:** It is a large structure.\n\n"
         "**Judge:** B is correct: it covers about 15% of the image.\n\nFinal: the liver [SEG]."), None),
    # self-consistency votes: sample lines with their values, and the vote's verdict
    ((Q, "I sampled 3 answers.\n- Sample 1: liver; small; 3 regions\n- Sample 2: liver; large; 1 region\n"
         "- Sample 3: liver; large; 1 region\nVote: 2/3 samples give large for the size; 2/3 samples give 1 region for the "
         "count.\nThe liver [SEG]."), None),
    ((Q, "Sample 1 says the liver, left.\nSample 2 says the liver, right.\nSample 3 says the liver, right.\n"
         "Vote: majority on laterality: right (2 of 3).\nThe liver [SEG]."), None),
    ((Q, "s1 -> liver | left | anterior\ns2 -> liver | right | anterior\ns3 -> liver | right | anterior\n"
         "Vote: majority on which side it is on: right (2 of 3).\nThe liver [SEG]."), None),
    # a tool ensemble in a table, then the adjudicator
    ((Q, "| tool | label | side |\n|---|---|---|\n| ToolA | liver | left |\n| ToolB | liver | right |\n"
         "| ToolC | liver | right |\nAdjudicator: 2 of 3 tools agree on the side (right side); ToolA is outvoted.\n"
         "The liver [SEG]."), None),
    ((Q, LIVER, "How many pieces?", "ToolA: 3 regions. ToolB: 1 region. ToolC: 1 region. Adjudicated: 1 region."), None),
    # a heading inside a voiced line speaks in that voice; the answer's own labels are not other voices
    ((Q, "Draft: It is the liver. Relation: to the left of the aorta.\nCritique: the relation is reversed.\n"
         "Revised answer: the liver [SEG]. It lies to the right of the aorta."), None),
    ((Q, "Hint 1: It is small.\nHint 2: It covers about 15% of the image.\nReveal: the liver [SEG]."), "size"),
    # a premise corrected in a worksheet's words
    ((Q, LIVER, "OK, so it's on the left. Anything to flag?", "Correction to premise - Lat: right"), None),
])
def test_round_47_conversations(contents, flag):
    assert flags("liver", *contents) == ([flag] if flag else [])


def test_initials_before_an_ordinary_head_name_the_target():
    lexicon = Lexicon("sacroiliac joints", (), (), lookup("sacroiliac joints"))
    assert lexicon.names_target("Can you segment the SI joints here?") is True
    assert lexicon.names_target("Which paired joints are scored here?") is False
