"""QC reads registers it was not written for: report shorthand, arrow bullets, run-on text, learner and
text-message English, numbers written as words, bounds, fractions, superlatives and one-sided claims
(helper qc4), a British consultant's shorthand and structured, hedged output (YAML, tables; helper qcw).
Sentences are this file's own, not copied from the corpus banks; the phantom layout is test_qc's: the liver
is right, anterior, large (~15%), one piece; the left kidney is left, posterior, medium (~2%), behind the
aorta; the aorta is midline and small (~0.4%)."""

from __future__ import annotations

import numpy as np
import pytest

from medseg_qa.knowledge import lookup
from medseg_qa.qc import check_conversation
from medseg_qa.qc.amounts import number_value
from medseg_qa.qc.shorthand import expand
from medseg_qa.schemas import Conversation, GenerationProvenance, Turn

Q = "In this CT slice, which structure is highlighted by the clinical question? Please segment it."


def _record(target: str, mask=None):
    import test_qc

    return test_qc.record(target, mask=mask)


def flags(target: str, *contents: str, rec=None) -> list[str]:
    rec = rec or _record(target)
    turns = [Turn(role=r, content=c) for r, c in zip(["user", "assistant"] * 4, contents)]
    conv = Conversation(conversation_id="c1", record_id="r1", question_style="function", turns=turns,
                        provenance=GenerationProvenance(backend="test", model="m", prompt_version="v1", seed=0))
    return check_conversation(conv, rec, lookup(rec.target))


@pytest.mark.parametrize("text, expected", [
    ("Ant. to aorta. Post. Area ~2 pct of FOV.", "Anterior to aorta. posterior. Area ~2 percent of field of view."),
    ("Radiol. conv.: pt R = img L.", "Radiological convention: patient's right = image left."),
    ("Unilat., Lt only. B/L in the other case.", "Unilateral, left only. bilateral in the other case."),
    ("x3 frags in LUQ.", "3 fragments in the left upper quadrant."),
    ("Level L1, 2 L of fluid, L-sided.", "Level L1, 2 L of fluid, left-sided."),
    ("size → large → very", "size: large, very"),
    ("• side → left • parts → 1", "• side: left\nparts: 1"),
    ("nothing to report Overall it is small", "nothing to report.\nOverall it is small"),
    ("seen by the Couinaud segment", "seen by the Couinaud segment"),
    ("It stay at patient left side, near front of body.", "It stay at the patient's left side, near the front of the body."),
    ("more to right (patient side) than the aorta", "more to the patient's right than the aorta"),
    ("It is behind of the aorta, located front of the spine.", "It is behind the aorta, located in front of the spine."),
    ("It is the most big thing, more small than none.", "It is the biggest thing, smaller than none."),
    ("its small and its on the left of its neighbour", "it is small and it is on the left of its neighbour"),
])
def test_shorthand_expands_registers_into_plain_prose(text, expected):
    assert expand(text) == expected


@pytest.mark.parametrize("words, value", [
    ("zero point four", 0.4), ("fourteen point six", 14.6), ("twenty-five", 25.0), ("seven", 7.0),
    ("a half", 0.5), ("12.5", 12.5),
])
def test_number_words_are_read_by_a_parser(words, value):
    assert number_value(words) == pytest.approx(value)


@pytest.mark.parametrize("target, answer, expected", [
    # report shorthand
    ("left kidney", "Left kidney [SEG]. Lt-sided. Post. Mod. size.", []),
    ("left kidney", "Left kidney [SEG]. Rt-sided.", ["laterality"]),
    ("left kidney", "Left kidney [SEG]. Side: R.", ["laterality"]),
    ("left kidney", "Left kidney [SEG]. x3 frags.", ["count"]),
    ("left kidney", "Left kidney [SEG]. Ant. to aorta.", ["position"]),
    ("left kidney", "Left kidney [SEG]. Post. Area ~2 pct of FOV.", []),
    ("liver", "Liver [SEG]. Sm., punctate.", ["size"]),
    ("liver", "Liver [SEG]. Radiol. conv.: pt R = img L. No L-sided component.", []),
    ("liver", "Liver [SEG]. Occupies the LUQ.", ["laterality"]),
    ("liver", "Liver [SEG]. Sits at the L1 level.", []),
    # arrow bullets and run-on text
    ("left kidney", "Left kidney [SEG]\n- side → right\n- parts → 1", ["laterality"]),
    ("left kidney", "Left kidney [SEG]\n- regions -> 2", ["count"]),
    ("liver", "The liver [SEG].\n• left side → nothing to report It is large here.", []),
    # learner English
    ("liver", "This one is liver [SEG]. It stay at patient right side, in front part of body.", []),
    ("liver", "This one is liver [SEG]. It stay near the back of body.", ["position"]),
    ("liver", "This one is liver [SEG]. It is more to left (patient side) than the aorta.", ["position"]),
    ("liver", "This one is liver [SEG]. It have two separated piece.", ["count"]),
    ("left kidney", "This one is left kidney [SEG]. It is located front of the aorta.", ["position"]),
    ("left kidney", "This one is left kidney [SEG]. It is behind of the aorta.", []),
    ("liver", "This one is liver [SEG]. It is more small than all other things in the image.", ["size"]),
    ("aorta", "This one is aorta [SEG]. It is the most big thing in this image.", ["size"]),
    ("aorta", "This one is aorta [SEG]. It is much more small than the liver.", []),
    # text-message English
    ("liver", "its the liver [SEG] its small btw", ["size"]),
    ("liver", "its the liver [SEG] its on the patient's left btw", ["laterality"]),
    ("liver", "The liver [SEG]. The aorta sits on its left.", []),
    # numbers, bounds, fractions
    ("liver", "The liver [SEG]. It covers zero point four percent of the image.", ["size"]),
    ("liver", "The liver [SEG]. It covers fourteen point six percent of the image.", []),
    ("aorta", "The aorta [SEG]. It covers a fraction of one percent of the image.", []),
    ("left kidney", "The left kidney [SEG]. It covers a fraction of one percent of the image.", ["size"]),
    ("left kidney", "The left kidney [SEG]. It covers less than one percent of the image.", ["size"]),
    ("liver", "The liver [SEG]. It covers 1/7 of the image.", []),
    ("liver", "The liver [SEG]. It covers one-tenth of the whole image.", []),
    ("liver", "The liver [SEG]. Area fraction: 0.004.", ["size"]),
    ("aorta", "The aorta [SEG]. It takes up almost the whole image.", ["size"]),
    ("aorta", "The aorta [SEG]. It is only a few pixels across.", []),
    # superlatives: of the target only when predicated of it
    ("aorta", "The aorta [SEG]. It is by far the largest structure on this slice.", ["size"]),
    ("aorta", "The aorta [SEG]. It runs behind the largest solid organ.", []),
    ("liver", "The liver [SEG]. Largest organ on the slice.", []),
    # counts
    ("liver", "The liver [SEG]. It is a two-part structure.", ["count"]),
    ("liver", "The liver [SEG]. It is fragmented.", ["count"]),
    ("liver", "The liver [SEG]. It is not fragmented.", []),
    ("liver", "The liver [SEG]. I can see it in two places.", ["count"]),
    # size and count phrasings, key-value with other separators, absolute positions
    ("liver", "The liver [SEG]. Size: smallish.", ["size"]),
    ("liver", "The liver [SEG]. It's on the smaller side.", ["size"]),
    ("liver", "The liver [SEG]. Not large.", ["size"]),
    ("liver", "The liver [SEG]. It is not small.", []),
    ("liver", "The liver [SEG]. It occupies about one in two hundred pixels.", ["size"]),
    ("liver", "The liver [SEG]. It occupies about 1 in 7 pixels.", []),
    ("liver", "The liver [SEG]. Coverage: 2%.", ["size"]),
    ("liver", "The liver [SEG]. It breaks up into separate parts.", ["count"]),
    ("liver", "The liver [SEG]. Laterality \u2014 left.", ["laterality"]),
    ("liver", "The liver [SEG]. It hugs the back wall.", ["position"]),
    ("liver", "The liver [SEG]. It's at the rear of the abdomen.", ["position"]),
    ("liver", "The liver [SEG]. It is on the aorta's left.", ["position"]),
    ("liver", "The liver [SEG]. It is on the aorta's right.", []),
    # initials, volumes and possessives are not sides or claims
    ("liver", "The liver [SEG]. Reported by Dr R. Jones and Dr L. Chen.", []),
    ("liver", "The liver [SEG]. Its only neighbour here is the left renal vein.", []),
    ("liver", "The liver [SEG]. 5 ML of contrast were given.", []),
    # Title Case and stray capitals do not split a sentence; an instruction to inspect a side claims nothing
    ("liver", "The liver [SEG]. It Is Not On The Left Side.", []),
    ("liver", "The liver [SEG]. It sits opposite the spleen which Is on the left.", []),
    ("liver", "The liver [SEG]. Check the left side too Then confirm nothing is missed.", []),
    ("liver", "The liver [SEG]. Compare with the left side, which is clear.", []),
    # a retracted first guess is not asserted; the corrected claim is
    ("liver", "The liver [SEG]. At first glance I thought it was on the left, but it is on the right.", []),
    ("liver", "The liver [SEG]. I had assumed two pieces; in fact it is one continuous region.", []),
    ("liver", "The liver [SEG]. My initial impression was right-sided, but it is on the left.", ["laterality"]),
    # a possessive is no subject: "the aorta, for its part, lies behind it" puts the aorta behind the target
    ("liver", "The liver [SEG]. The aorta, for its part, lies behind it.", []),
    ("liver", "The liver [SEG]. The aorta, for its part, lies in front of it.", ["position"]),
    # enumerated rationales and key-value counts in words
    ("liver", "The liver [SEG].\n(a) size: tiny\n(b) side: right", ["size"]),
    ("liver", "The liver [SEG].\niii) components: several, disjoint", ["count"]),
    ("liver", "The liver [SEG].\n(iv) components: a single one", []),
    ("liver", "The liver [SEG].\n(iv) size: larger than any other structure in view", []),
    ("aorta", "The aorta [SEG].\n(iv) size: larger than any other structure in view", ["size"]),
    ("liver", "The liver [SEG]. It consists of two disjoint fragments.", ["count"]),
    ("liver", "The liver [SEG]. Taking the orientation into account, it is on the patient's left.", ["laterality"]),
    # quoted words, another person's words or drawing, and a rejected statement are not asserted
    ("liver", 'The liver [SEG]. You labelled it "left-sided", but it is on the right.', []),
    ("liver", 'The liver [SEG]. The report heading reads "Left upper quadrant mass".', []),
    ("liver", "The liver [SEG]. Previously you outlined two separate pieces; now it is one region.", []),
    ("liver", "The liver [SEG]. Student: It is on the left. Tutor: No, try again. Student: On the right. Tutor: Good.", []),
    ("liver", "The liver [SEG]. Student: It is on the left. Tutor: Good.", ["laterality"]),
    ("liver", "The liver [SEG]. It is on the left. No part of it crosses the midline.", ["laterality"]),
    # the side of the body or person is the patient's side; a labelled question still only asks
    ("liver", "The liver [SEG]. It lives on the body's left side.", ["laterality"]),
    ("liver", "The liver [SEG]. It stays on the child's right.", []),
    ("liver", "The liver [SEG]. Pupil: How many pieces does it have? Teacher: Just one piece.", []),
    ("liver", "The liver [SEG]. Pupil: Is it in two pieces? Teacher: It is in two pieces.", ["count"]),
    # contractions and colloquial size words; a denied "other side" is not both sides
    ("liver", "The liver [SEG]. It's a wee thing here.", ["size"]),
    ("aorta", "The aorta [SEG]. It's pretty hefty here.", ["size"]),
    ("liver", "The liver [SEG]. It's round the back, near the spine.", ["position"]),
    # people as subjects (generic habits of readers), tick boxes, "find it large"
    ("liver", "The liver [SEG]. Many students count two separate pieces; here it is one piece.", []),
    ("liver", "The liver [SEG]. Some readers place it on the left; it is on the right.", []),
    ("liver", "The liver [SEG].\n[x] Size checked: tiny\n[ ] Side checked: right", ["size"]),
    ("liver", "The liver [SEG]. You should find it small.", ["size"]),
    # side phrases followed by adverbs; a side as part of a structure's name
    ("liver", "The liver [SEG]. It sits on the left here too.", ["laterality"]),
    ("liver", "The liver [SEG]. It is on the patient's right today.", []),
    ("liver", "The liver [SEG]. The patient's left lung is clear.", []),
    ("liver", "The liver [SEG]. Teaching point: it is a left-sided organ.", ["laterality"]),
])
def test_claims_in_other_registers(target, answer, expected):
    assert flags(target, Q, answer) == expected


def test_a_request_about_a_sided_structure_still_claims_its_side():
    assert flags("liver", "Look at the left-sided organ: which one stores glycogen? Segment it.",
                 "It is the liver [SEG].") == ["laterality"]


def test_a_superlative_over_the_body_is_knowledge_not_a_claim_about_this_slice():
    import test_qc

    medium = test_qc.record("liver", mask=test_qc._box(35, 45, 14, 24))
    assert medium.facts.size_class == "medium"
    assert flags("liver", Q, "The liver [SEG]. It is the largest solid organ in the body.", rec=medium) == []
    assert flags("liver", Q, "The liver [SEG]. It is the largest structure on this slice.", rec=medium) == ["size"]


def test_one_sided_claims_contradict_a_bilateral_mask_only():
    import test_qc

    both = np.maximum(test_qc._box(35, 45, 40, 48), test_qc._box(35, 45, 14, 22))
    rec = test_qc.record("kidney", mask=both, layout={**test_qc.LAYOUT, "kidney": both})
    assert rec.facts.laterality == "bilateral"
    assert flags("kidney", Q, "The kidneys [SEG]. The finding is unilateral.", rec=rec) == ["laterality"]
    assert flags("kidney", Q, "The kidneys [SEG]. Unilat., L only.", rec=rec) == ["laterality"]
    assert flags("kidney", Q, "The kidneys [SEG]. It is not confined to one side.", rec=rec) == []
    assert flags("kidney", Q, "The kidneys [SEG]. It is solitary.", rec=rec) == ["count"]
    assert flags("kidney", Q, "The kidneys [SEG]. Only the left-hand one is included.", rec=rec) == ["laterality"]
    assert flags("kidney", Q, "The kidneys [SEG]. It is on the left, nothing on the other side.", rec=rec) == \
        ["laterality"]
    assert flags("kidney", Q, "The kidneys [SEG]. It is on the left and also on the other side.", rec=rec) == []
    assert flags("kidney", Q, "The kidneys [SEG]. Only one kidney is highlighted.", rec=rec) == ["count"]
    assert flags("kidney", Q, "The kidneys [SEG]. The left one is a bit bigger than the right one.", rec=rec) == []
    assert flags("left kidney", Q, "The left kidney [SEG]. It is unilateral.") == []


# helper qc5: descriptor lists, labels with a dash, bare affirmations, landmarks of one body wall, count nouns
# followed by a material, a sided name of the target, and the scope of a conditional inside run-on text.
# The phantom liver is right-sided, anterior, large and one piece.
@pytest.mark.parametrize("answer, expected", [
    ("Segmented [SEG]. Handover: liver, right-sided, anterior, small, 1 piece.", ["size"]),
    ("Segmented [SEG]. Handover: liver, right-sided, anterior, large, 1 piece.", []),
    ("Segmented [SEG]. Summary - liver; anterior; very small; one region.", ["size"]),
    ("Segmented [SEG]. The kidney next to it is smooth, small, and posterior.", []),
    ("Segmented [SEG].\n3 Remark - tiny", ["size"]),
    ("Segmented [SEG]. Is it on the patient's left? Yes.", ["laterality"]),
    ("Segmented [SEG]. Is it on the patient's left? No, the right.", []),
    ("Segmented [SEG]. Is it on the patient's right? Yes, it is.", []),
    ("Segmented [SEG]. It shows 2 islands of tissue.", ["count"]),
    ("Segmented [SEG]. It has two pieces of the usual shape.", []),
    ("Segmented [SEG]. It lies closer to the backbone than to the abdominal wall.", ["position"]),
    ("Segmented [SEG]. It lies nearer the belly wall than the spine.", []),
    ("its the liver [SEG] its on the patient's left tbh 1 mark off if you include the bowel", ["laterality"]),
    ("its the liver [SEG] it would be on the left if the film were flipped", []),
    ("This is the liver [SEG]. Note that if it were on the left, it would be small.", []),
    ("This is the liver [SEG]. It is on the right, and it would look small if you zoomed out.", []),
])
def test_descriptor_lists_affirmations_landmarks_and_conditional_scope(answer, expected):
    assert flags("liver", Q, answer) == expected


def test_a_yes_answers_the_question_of_the_previous_turn():
    assert flags("liver", "Find the organ that stores glycogen. Does it sit on the patient's left?",
                 "Yes. It is the liver [SEG].") == ["laterality"]
    assert flags("liver", "Find the organ that stores glycogen. Does it sit on the patient's right?",
                 "Yes. It is the liver [SEG].") == []


def test_naming_a_sided_form_of_the_target_claims_that_side():
    import test_qc

    both = np.maximum(test_qc._box(35, 45, 40, 48), test_qc._box(35, 45, 14, 22))
    rec = test_qc.record("kidney", mask=both, layout={**test_qc.LAYOUT, "kidney": both})
    assert flags("kidney", Q, "Segmented [SEG]. Just the left kidney is outlined.", rec=rec) == ["laterality"]
    assert flags("kidney", Q, "This is the right kidney [SEG].", rec=rec) == ["laterality"]
    assert flags("kidney", Q, "Segmented [SEG]. The left kidney and the right kidney are both outlined.", rec=rec) == []
    assert flags("kidney", Q, "Segmented [SEG]. It is on both sides; the liver overlies the right kidney.", rec=rec) == []
    assert flags("right kidney", Q, "Segmented [SEG]. Only the right kidney is highlighted.") == []


@pytest.mark.parametrize("sentence, expected", [  # the phantom liver: 600 of 4096 pixels (~14.6%)
    ("It covers about 40 pixels.", ["size"]),
    ("Area: ~620 px.", []),
    ("It takes up about six hundred pixels.", []),
    ("It is under 100 pixels.", ["size"]),
    ("Area 2,400 pixels.", ["size"]),
    ("It is 24 pixels wide.", []),
    ("Its box is 24 by 25 pixels, 600 of 4096 pixels in all.", []),
    ("It covers about a seventh of the image.", []),
    ("It covers about one-twentieth of the slice.", ["size"]),
    ("It covers less than a hundredth of the image.", ["size"]),
    ("It covers two-thirds of the image.", ["size"]),
    ("It covers under a quarter of the image.", []),
])
def test_areas_in_pixels_and_ordinal_fractions_of_the_image(sentence, expected):
    assert flags("liver", Q, "The liver [SEG]. " + sentence) == expected


def test_combining_forms_do_not_match_everyday_words():
    from medseg_qa.knowledge_terms import find_terms

    terms = ("colo-", "colon", "chole-")
    assert find_terms("The coloured area covers about 40 percent of the picture", terms) == []
    assert find_terms("a colour map; a colony of cells; high cholesterol", terms) == []
    assert [t for _, _, t in find_terms("a colorectal mass near the colon", terms)] == ["colo-", "colo-", "colon"]


def test_advice_to_compare_sides_is_not_a_side_claim():
    from medseg_qa.qc.modality import _INSPECT

    assert _INSPECT.match("It is good to compare the left and right side on the next scan.")
    assert _INSPECT.match("You should also check the other side.")
    assert not _INSPECT.match("It is good to know it lies on the left side.")


# --- helper qcw: structured-output and British-consultant registers (own sentences, not the banks') ---

@pytest.mark.parametrize("text, expected", [
    ("It measures c. 4 cm; ca. 2% of the slice.", "It measures about 4 cm; about 2% of the slice."),
    ("Dr C. Jones reviewed it.", "Dr C. Jones reviewed it."),
    ("<2% of image", "under 2% of the image"),
    ("Lies rightward of the aorta; sits leftward.", "Lies to the right of the aorta; sits on the left."),
    ("Limited to the R. Reviewed twice.", "Limited to the right. Reviewed twice."),
    ("side: right  # I think", "side: right\nI think"),
    ("area_percent: 3", "area percent: 3"),
    ("Its side is probably left.", "it lies probably on the patient's left."),
    ("I'd estimate its size as small.", "I'd estimate that its size is small."),
])
def test_shorthand_expands_british_and_structured_registers(text, expected):
    assert expand(text) == expected


@pytest.mark.parametrize("target, sentence, expected", [
    # a percentage of belief is not an area (the liver covers ~15%, the left kidney ~2%)
    ("liver", "My confidence is about 90%, judging from this slice.", []),
    ("left kidney", "I'd put 80% on this being the kidney shown on the slice.", []),
    ("liver", "I'm 95% sure of the image reading.", []),
    ("liver", "It covers 90% of the image.", ["size"]),
    # an index in a series is not a share
    ("aorta", "Slice 46 of 100 in the series; image quality is good.", []),
    ("liver", "It takes up 60 out of 100 parts of the image.", ["size"]),
    # a word between two size classes contradicts only the third
    ("left kidney", "It is of modest size.", []),
    ("aorta", "It is of modest size.", []),
    ("liver", "It is of modest size.", ["size"]),
    # British direction words, lone L/R after an article, circa
    ("left kidney", "Sits leftward.", []),
    ("left kidney", "Sits rightward.", ["laterality"]),
    ("left kidney", "Confined to the R. Seen on one slice.", ["laterality"]),
    ("liver", "It occupies c. one-fiftieth of the slice.", ["size"]),
    ("liver", "It occupies c. a sixth of the slice.", []),
    ("aorta", "Occupies <1% of image.", []),
    ("liver", "Occupies <1% of image.", ["size"]),
    # hedged attributes named as subjects
    ("liver", "On reflection the side is most likely left.", ["laterality"]),
    ("liver", "I'd estimate its size as small, roughly.", ["size"]),
    ("liver", "I'd put it at large.", []),
    ("liver", "I'd put it at small.", ["size"]),
    ("left kidney", "Sizeable.", ["size"]),
    ("liver", "Sizeable.", []),
])
def test_british_and_hedged_registers(target, sentence, expected):
    assert flags(target, Q, f"The {target} [SEG]. {sentence}") == expected


def test_deep_and_superficial_are_relations_along_the_front_back_axis():
    rec = _record("left kidney")
    assert ("aorta", "posterior_to") in {(r.other, r.relation) for r in rec.facts.relations}
    assert flags("left kidney", Q, "The left kidney [SEG]. It lies deep to the aorta.") == []
    assert flags("left kidney", Q, "The left kidney [SEG]. It lies superficial to the aorta.") == ["position"]


def test_minutes_items_read_bare_sides_and_counts():
    assert flags("liver", Q, "Liver [SEG]; right; anterior; 1, contiguous.") == []
    assert flags("liver", Q, "Liver [SEG]; right; anterior; 2, discrete.") == ["count"]
    assert flags("liver", Q, "Liver [SEG]; left; anterior; 1, contiguous.") == ["laterality"]


def test_table_rows_and_yaml_blocks_read_the_value_not_the_rating():
    table = "| Feature | Reading | Confidence |\n|---|---|---|\n| Side | {} | moderate |\n| Size | {} | high |"
    assert flags("liver", Q, "Liver [SEG]\n\n" + table.format("right", "large")) == []
    assert flags("liver", Q, "Liver [SEG]\n\n" + table.format("left", "large")) == ["laterality"]
    assert flags("liver", Q, "Liver [SEG]\n\n" + table.format("right", "small")) == ["size"]
    yaml = "```yaml\nstructure: liver [SEG]\nconfidence: moderate  # my estimate\nside: {}  # fairly sure\n```"
    assert flags("liver", Q, yaml.format("right")) == []
    assert flags("liver", Q, yaml.format("left side only")) == ["laterality"]
    assert flags("liver", Q, "```yaml\nstructure: liver [SEG]\nsize_estimate: small  # rough\n```") == ["size"]


def test_no_as_a_determiner_does_not_retract_the_sentence_before():
    assert flags("liver", Q, "The liver [SEG]. It is a left-sided organ. No other lesion is seen.") == ["laterality"]
    assert flags("liver", Q, "The liver [SEG]. It is a left-sided organ. No, it is on the right.") == []


def test_a_bracketed_convention_sentence_ends_at_its_bracket():
    assert flags("liver", Q, "The liver [SEG]. (Shown in the usual radiological convention, right on the "
                             "viewer's left.) The spleen lies opposite it.") == []


def test_learner_distance_comparatives_section_labels_and_coloured_regions():
    assert expand("it is more near to the belly wall") == "it is nearer to the belly wall"
    assert expand("it is staying in the patient left") == "it is staying in the patient's left"
    kidney = "The left kidney [SEG]. "
    assert flags("left kidney", Q, kidney + "It is more near to the belly wall.") == ["position"]
    assert flags("left kidney", Q, kidney + "It is more close to the spine.") == []
    assert flags("left kidney", Q, kidney + "The organ is staying in the patient right.") == ["laterality"]
    assert flags("left kidney", Q, kidney + "Summary: Laterality: right.") == ["laterality"]
    assert flags("left kidney", Q, kidney + "Summary: Laterality: left.") == []
    assert flags("left kidney", Q, kidney + "There are three separate coloured spots.") == ["count"]
    assert flags("left kidney", Q, kidney + "There is one bright blob.") == []


def test_quiz_options_are_not_claims_but_the_chosen_answer_is():
    quiz = "The liver [SEG].\nQ1. Which way does it lie? (a) the patient's left (b) the patient's right\nAnswer: {}"
    assert flags("liver", Q, quiz.format("(b) the patient's right")) == []
    assert flags("liver", Q, quiz.format("(a) the patient's left")) == ["laterality"]
    size = "The liver [SEG].\nQ2. Its size? (a) tiny (b) moderate (c) large\nAnswer: {}"
    assert flags("liver", Q, size.format("(c) large")) == []
    assert flags("liver", Q, size.format("(a) tiny")) == ["size"]


def test_a_self_repaired_clause_is_taken_back():
    liver = "The liver [SEG]. "
    assert flags("liver", Q, liver + "so it's over on the left, sorry, I mean the right, and fairly big") == []
    assert flags("liver", Q, liver + "so it's over on the right, sorry, I mean the left, and fairly big") == \
        ["laterality"]
    assert flags("liver", Q, liver + "It lies on the left. Sorry, I meant the right.") == []


def test_just_one_side_contradicts_a_bilateral_mask():
    import test_qc

    both = np.maximum(test_qc._box(35, 45, 40, 48), test_qc._box(35, 45, 14, 22))
    rec = test_qc.record("kidney", mask=both, layout={**test_qc.LAYOUT, "kidney": both})
    assert flags("kidney", "Which organ on just one side makes urine? Segment it.", "The kidneys [SEG].",
                 rec=rec) == ["laterality"]


def test_tick_box_pick_lists_say_only_the_ticked_option():
    assert expand("Laterality: [ ] Left [x] Right [ ] Bilateral") == "Laterality: Right"
    assert expand("Depth: \u2610 Anterior \u2612 Posterior") == "Depth: Posterior"
    form = "Structure: liver [SEG]\nSide: [{}] Left [{}] Right\nDepth: [x] Anterior [ ] Posterior"
    assert flags("liver", Q, form.format(" ", "x")) == []
    assert flags("liver", Q, form.format("x", " ")) == ["laterality"]
    assert flags("liver", Q, "Structure: liver [SEG]\nSize: [x] Small [ ] Medium [ ] Large") == ["size"]


def test_a_side_alone_in_a_descriptor_list_is_a_claim():
    assert flags("liver", Q, "Imaging: liver [SEG], right, anterior, one region.") == []
    assert flags("liver", Q, "Imaging: liver [SEG], left only, anterior, one region.") == ["laterality"]
    assert flags("liver", Q, "Imaging: liver [SEG], right lobe normal, anterior.") == []


def test_code_output_reads_literals_and_snake_case_keys():
    code = "```python\nstructure = \"liver\"  # [SEG]\n{}\n```"
    assert flags("liver", Q, code.format('side = "right"  # patient frame')) == []
    assert flags("liver", Q, code.format('side = "left"  # patient frame')) == ["laterality"]
    assert flags("liver", Q, code.format("n_components = 1")) == []
    assert flags("liver", Q, code.format("n_components = 3")) == ["count"]
    assert flags("liver", Q, code.format("area_pct = 14.0  # share of the image")) == []
    assert flags("liver", Q, code.format("area_pct = 0.5  # share of the image")) == ["size"]
    assert flags("left kidney", Q, "```python\nstructure = \"left kidney\"  # [SEG]\n"
                                   "neighbour = (\"aorta\", \"anterior_to\")\n```") == ["position"]


def test_quoted_mail_and_struck_through_words_are_not_the_writers_claims():
    mail = "> On Monday Kim wrote:\n> Surely it is on the left, and tiny?\n\nHi Kim, it is the liver [SEG]. {}"
    assert flags("liver", Q, mail.format("It lies on the patient's right.")) == []
    assert flags("liver", Q, mail.format("It lies on the patient's left.")) == ["laterality"]
    assert flags("liver", Q, "The liver [SEG].\n> Note: it lies on the patient's left.") == ["laterality"]
    assert flags("liver", Q, "The liver [SEG]. It lies on the patient's ~~left~~ right.") == []
    assert flags("liver", Q, "The liver [SEG]. It lies on the patient's ~~right~~ left.") == ["laterality"]
    assert flags("liver", Q, "The liver [SEG]. It is <del>small</del> large.") == []


def test_only_a_speck_is_small():
    assert flags("liver", Q, "The liver [SEG]. On this slice it is only a speck.") == ["size"]
    assert flags("aorta", Q, "The aorta [SEG]. On this slice it is only a dot.") == []


def test_csv_blocks_and_decimal_section_numbers():
    csv = "The liver [SEG]\n\n```csv\nname,side,area_pct,components\nliver,{},{},{}\n```"
    assert flags("liver", Q, csv.format("right", "15.0", "1")) == []
    assert flags("liver", Q, csv.format("left", "15.0", "1")) == ["laterality"]
    assert flags("liver", Q, csv.format("right", "0.5", "1")) == ["size"]
    assert flags("liver", Q, csv.format("right", "15.0", "3")) == ["count"]
    outline = "1. Answer — liver [SEG]\n2. Extent\n2.2 Components — {}\n3.1 Note — none"
    assert flags("liver", Q, outline.format("one connected region")) == []
    assert flags("liver", Q, outline.format("three separate regions")) == ["count"]


def test_citation_abbreviations_do_not_end_a_sentence():
    from medseg_qa.qc.clauses import sentences

    assert sentences("It lies anteriorly (cf. Smith et al. [3]). It is large.") == \
        ["It lies anteriorly (cf. Smith et al. [3]).", "It is large."]


def test_rather_than_is_not_a_self_repair():
    assert flags("liver", Q, "The liver [SEG]. It lies on the left, rather than the right.") == ["laterality"]
