"""QC on the discourse of round 13's registers (banks BK-BN, read after their first measure): answer options
ruled out, candidates weighed and rejected, option lists in questions, a side as the subject of a convention,
bounded counts, anatomy's own segments, the speaker's hedges, and email shorthand. Sentences are this file's own;
the phantom layout is test_qc's: the liver is right, anterior, large, one piece; the left kidney is left,
posterior, medium, behind the aorta and left of the right kidney; the aorta is midline, central and small."""

from __future__ import annotations

import pytest
import test_qc
from test_qc_registers import Q, _record, flags

LIVER = "It is the liver [SEG]."
KIDNEY = "It is the left kidney [SEG]."
AORTA = "It is the aorta [SEG]."


def _both_kidneys():
    return _record("kidney", mask=test_qc.LAYOUT["left kidney"] | test_qc.LAYOUT["right kidney"])


@pytest.mark.parametrize("sentence, flag", [
    # an option ruled out is what the rest of the sentence is about
    ("C (the spleen) is tempting but wrong: it is an organ that sits off to the patient's left.", None),
    ("Option B, the spleen, is wrong because that one sits off to the patient's left.", None),
    ("A (the tibial tuberosity) is tempting but wrong: it is a bump lower down, in front.", None),
    # ... but not when the frame judges the answer or a statement about the target
    ("The answer is wrong: it sits on the patient's left.", "laterality"),
    ("It is wrong to call it right-sided: it sits on the patient's left.", "laterality"),
])
def test_a_ruled_out_option_speaks_of_itself(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("question, answer, flag", [
    ("Could it be the spleen?", "No: it is a smaller organ tucked under the left ribs.", None),
    ("What about the spleen?", "No, it lies on the left.", None),
    ("Could it be the liver?", "No: it lies on the left.", "laterality"),  # the candidate is the target itself
    ("Is it on the left?", "No: it lies on the left.", "laterality"),  # a side asked about, not a candidate
])
def test_a_candidate_weighed_and_rejected_is_what_it_then_describes(question, answer, flag):
    assert flags("liver", Q, f"{LIVER} {question} {answer}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence", [
    "Left, right, midline or both: what would you say?",
    "Would you call it small, medium or large?",
    "Next question: one, two or three pieces?",
])
def test_an_option_list_in_a_question_asserts_none_of_its_options(sentence):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == []


def test_an_assertion_before_an_alternative_question_still_counts():
    assert flags("liver", Q, f"{LIVER} It is on the left, so is it small or large?") == ["laterality"]


@pytest.mark.parametrize("sentence", [
    "As usual for coronal views, the patient's right appears on the left of the image.",
    "The patient's right appears on the left of the image.",
    "Image left is patient right.",
])
def test_a_side_as_the_subject_maps_sides_and_places_nothing(sentence):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == []


@pytest.mark.parametrize("sentence, flag", [
    ("There are not more than two parts.", None),  # at most two: true of one and of two
    ("There are no more than three pieces.", None),
    ("It has fewer than three parts.", None),
    ("It is in at least two pieces.", "count"),
    ("There are more than two parts.", "count"),
    ("It is at most one piece.", None),
])
def test_a_bounded_count_is_checked_as_a_bound(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("Which organ here is fused from five segments in the embryo?", None),  # anatomy's segments, not the mask's
    ("Which organ has only two lobes?", None),
    ("It has two separate segments.", "count"),  # 'separate' points at the mask
    ("It is composed of three non-contiguous regions.", "count"),
])
def test_anatomys_own_segments_are_not_regions_of_the_mask(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    # a condition on the speaker's own reading hedges what it asserts
    ("If I'm reading this right, it is in the patient's left half.", "laterality"),
    ("Unless I'm mistaken, it lies on the patient's left.", "laterality"),
    ("If my arithmetic is right, that is about 0.2% of the image.", "size"),
    ("If I'm not mistaken, it is a small structure.", "size"),
    ("My guess is that it is on the patient's left.", "laterality"),
    ("It is probably small.", "size"),  # a degree of belief still asserts
    # a real condition still does not
    ("If it were on the left, it would be the spleen.", None),
    ("Unless it is on the left, it is the liver.", None),
])
def test_the_speakers_hedges_still_assert(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("question, flag", [
    ("What does it mean that the mask is two separate regions?", "count"),  # the question gives it as true
    ("What does it mean that the mask is one piece?", None),
])
def test_what_it_means_that_presupposes(question, flag):
    assert flags("liver", Q, LIVER, question, "It means nothing worrying.") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("Size large.", None),
    ("Size small.", "size"),
    ("To answer that: Size small.", "size"),
    ("It's post. to the vert body.", "position"),  # email shorthand: the liver lies in front of it
    ("Position matters here.", None),
])
def test_email_shorthand(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


def test_a_side_word_before_a_shared_synonym_picks_the_sided_structure():
    # 'renal parenchyma' names either kidney; 'the right' one is the right kidney, which the liver lies in front of
    assert flags("liver", Q, f"{LIVER} It lies in front of the right renal parenchyma.") == []
    assert flags("liver", Q, f"{LIVER} It lies behind the right renal parenchyma.") == ["position"]


def test_the_counterpart_is_related_as_the_other_sided_structure():
    assert flags("left kidney", Q, f"{KIDNEY} It lies to the left of its right-sided counterpart.") == []
    assert flags("left kidney", Q, f"{KIDNEY} It lies to the right of its right-sided counterpart.") == ["position"]


def test_the_region_alone_is_the_whole_mask():
    rec = _both_kidneys()
    assert flags("kidney", Q, "It is the kidneys [SEG]. The region lies only on the patient's right.",
                 rec=rec) == ["laterality"]
    assert flags("kidney", Q, "It is the kidneys [SEG]. The part on the image's right is the patient's left one.",
                 rec=rec) == []


@pytest.mark.parametrize("contents, flag", [
    # the liver is anterior: a central place front to back is false (a lateral mask called midline is false too)
    ((LIVER, "Anterior or posterior, roughly?", "To answer that: It sits centrally on this slice."), "position"),
    ((f"{LIVER} Front to back, it sits about centrally.",), "position"),
    ((LIVER, "Which side?", "It sits centrally."), "laterality"),
])
def test_centrally_answers_the_axis_asked_about(contents, flag):
    assert flags("liver", Q, *contents) == ([flag] if flag else [])


def test_bounds_and_unpunctuated_questions_on_a_two_piece_mask():
    rec, first = _both_kidneys(), "It is the kidneys [SEG]."
    assert flags("kidney", Q, f"{first} There are not more than two parts.", rec=rec) == []
    assert flags("kidney", Q, f"{first} There are fewer than two parts.", rec=rec) == ["count"]
    assert flags("kidney", Q, first, "is it one piece or more", "It is two pieces.", rec=rec) == []
    assert flags("kidney", Q, first, "is it one piece or more", "It is one piece.", rec=rec) == ["count"]


def test_dictated_text_is_read_utterance_by_utterance():
    said = ("okay so um this is the left kidney [SEG] and um side wise its on the patients left and uh its placed "
            "toward the back if that makes sense and um it lies to the patients right of the spleen and um its a "
            "medium footprint so yeah")
    assert flags("left kidney", Q, said) == []
    assert flags("left kidney", Q, said.replace("right of the spleen", "left of the spleen")) == ["position"]


@pytest.mark.parametrize("sentence, flag", [
    ("It passes weight to the pelvis and on axial images the patients right is shown on the images left.", None),
    ("It sits in the back and remember the patient's right is displayed on the left of the image.", None),
    ("It is on the patient's right on the image's left.", "laterality"),  # no verb maps them: a claim
])
def test_a_side_mapping_anywhere_in_a_sentence_is_a_convention(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


def test_pieces_of_it_count_the_target():
    assert flags("aorta", Q, f"{AORTA} There are three separate patches of it.") == ["count"]
    assert flags("aorta", Q, f"{AORTA} There is one patch of it.") == []


def test_a_side_that_places_the_target_is_no_mapping():
    said = "The left kidney on the patient's right appears on the left of the screen."
    assert flags("left kidney", Q, f"{KIDNEY} {said}") == ["laterality"]


# round 14 (banks BO-BR, read after their first measure)
@pytest.mark.parametrize("reply, flag", [
    ("Right, let's see. Close, but no. It lies behind the aorta.", None),  # opening words, then the rejection
    ("That's a fair question. Actually, no. It lies behind the aorta.", None),
    ("I understand. Yes, it does.", "position"),
])
def test_a_restatement_is_settled_by_the_replys_first_words_after_its_opening(reply, flag):
    assert flags("left kidney", Q, KIDNEY, "OK, so it lies in front of the aorta?", reply) == ([flag] if flag else [])


@pytest.mark.parametrize("question, flag", [
    ("Isn't it odd that they're in front of the aorta?", "position"),  # the oddity takes the fact as given
    ("Isn't it odd that they're behind the aorta?", None),
])
def test_a_judged_fact_about_them_is_given(question, flag):
    rec = _both_kidneys()
    assert flags("kidney", Q, "It is the kidneys [SEG].", question, "Not really.", rec=rec) == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("A left-sided neck mass would push the trachea to the right, not the left.", None),  # hypothetical
    ("Situs inversus, with the spleen on the right, occurs in roughly 1 in 10,000 people.", None),
    ("Laterality first (the falx, which stays in the midline): the organ is on the patient's right.", None),
    ("Laterality first (the falx, which stays in the midline): the organ is on the patient's left.", "laterality"),
    ("Contrast the left hemisphere, which looks normal.", None),  # the object of a verb, not a place
    ("It lies in the left hemithorax.", "laterality"),
    ("Remember that the spleen sits on the left.", None),
    ("The organ has three parts, the head, the body and the tail, stacked along that axis.", None),
])
def test_hypotheticals_absolutes_antecedents_and_rates(sentence, flag):
    assert flags("liver", Q, f"{LIVER} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("Two blobs, larger one on the right.", None),  # a part of a two-sided mask
    ("Unlike the aorta, on the other side, the mask lies on the patient's left.", "laterality"),
    ("Unlike the spleen, on the other side, they lie on both sides.", None),
    ("Their cross-section shrinks by roughly 1% a year after middle age.", None),  # a rate, not a share
])
def test_parts_and_the_other_side_of_a_named_structure(sentence, flag):
    rec = _both_kidneys()
    assert flags("kidney", Q, f"It is the kidneys [SEG]. {sentence}", rec=rec) == ([flag] if flag else [])


def test_a_plural_label_finds_its_entry():
    from medseg_qa.knowledge import lookup

    assert lookup("kidneys").name == "kidney" and lookup("caudate nuclei").name == "caudate nucleus"
    assert lookup("glands of nothing") is None


@pytest.mark.parametrize("contents, flag", [
    ((f'{LIVER}', "Which side?", '{"answer": "It lies on the patient\'s left."}'), "laterality"),  # a JSON answer
    ((f'{LIVER} {{"target": "liver", "laterality": "right", "location": "central"}}',), None),  # depth, not side
    ((f'{LIVER} {{"target": "liver", "laterality": "left"}}',), "laterality"),
])
def test_json_objects_in_prose_are_read_as_their_fields(contents, flag):
    assert flags("liver", Q, *contents) == ([flag] if flag else [])


@pytest.mark.parametrize("question, flag", [
    ("Quick follow-up: Isn't it odd that it's only on the left?", "laterality"),  # a lead before the question
    ("And given how small it is, is something wrong?", "size"),
    ("Given how far back it sits, is that where it should be?", "position"),  # the liver lies in front
    ("Given how far forward it sits, is that where it should be?", None),
])
def test_leads_and_given_how_questions(question, flag):
    assert flags("liver", Q, LIVER, question, "Nothing to worry about.") == ([flag] if flag else [])


def test_they_are_contracted():
    rec = _both_kidneys()
    assert flags("kidney", Q, "It is the kidneys [SEG]. They're fairly large.", rec=rec) == ["size"]


# round 15 (banks BS-BU, read after their first measure)
@pytest.mark.parametrize("contents, flag", [
    ((LIVER, "[13:43] Priya: Is it on the left?", "Dr. Okafor: It is on the right."), None),  # a chat log's question
    ((LIVER, "Why would it be on the left side of the abdomen in my case?", "Anatomy varies."), "laterality"),
    ((LIVER, "Why would it be on the left if the image were flipped?", "It would not."), None),  # wondering
    ((LIVER, "Is it normal for it to be fairly small like this?", "Yes."), "size"),
    ((f"{LIVER} It lies in front of her aorta.",), None),  # the patient's aorta, which the liver lies in front of
    ((f"{LIVER} It lies behind her aorta.",), "position"),
    ((f"{LIVER} It sits on the left side of his body.",), "laterality"),
    ((f"{LIVER} - No. of components: 3",), "count"),
    ((f"{LIVER} Unlike a single blob, it is two separate regions.",), "count"),  # the contrast is about the blob
    ((f"{LIVER} Unlike a single blob, it is one region.",), None),
    ((f"{LIVER} Which organ, fused from three parts, is it?",), None),  # a bone's development, not the mask
])
def test_chat_logs_anchored_why_questions_and_relatives(contents, flag):
    assert flags("liver", Q, *contents) == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("Landmark check: find the aorta; it lies behind it.", None),  # 'it ... it': the target and the aorta
    ("Landmark check: find the aorta; it lies in front of it.", "position"),
    ("Both sides have a matching organ, but only the one on the left is highlighted.", None),
])
def test_an_object_pronoun_after_a_semicolon_points_back(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("target, question, named", [
    ("pituitary adenoma", "Can you point out the pituitary tumour, a benign growth?", True),  # organ + lesion word
    ("pituitary adenoma", "Which gland here has a benign growth?", False),
    ("pericardial effusion", "Outline the effusion around the heart.", True),  # a collection's own kind
])
def test_a_lesion_of_a_known_organ_is_named_by_organ_and_lesion_word(target, question, named):
    from test_qc_frames import _names

    assert _names(target, question) is named


# round 16 (banks BV-BW, read after their first measure)
@pytest.mark.parametrize("contents, flag", [
    ((LIVER, "Why would it sit so far back in this slice?", "Anatomy varies."), "position"),  # anchored: a premise
    ((LIVER, "Why would it lie so far forward on this image?", "Anatomy varies."), None),
    ((f"{LIVER} It lies in the lower part of this axial image.",), "position"),  # the lower rows are posterior
    ((f"{LIVER} It lies in the upper part of this axial image.",), None),
    ((f"{LIVER} With that said, number of regions: three.",), "count"),  # a key: value after a discourse lead
    ((f"{LIVER} With that said, number of regions: one.",), None),
])
def test_anchored_why_questions_picture_height_and_led_keys(contents, flag):
    assert flags("liver", Q, *contents) == ([flag] if flag else [])


@pytest.mark.parametrize("question, flag", [
    ("Which large vessel here carries blood down to the legs?", None),  # a vessel's class by calibre, not its size
    ("Which large structure here carries blood down to the legs?", "size"),  # the aorta here is small
])
def test_a_large_vessel_is_a_class(question, flag):
    assert flags("aorta", question, AORTA) == ([flag] if flag else [])


@pytest.mark.parametrize("target, question, named", [
    ("whole tumour", "Where is the tumour on this image?", True),  # the knowledge base's plain name of the label
    ("femoral head", "Can you outline the femoral epiphyses here?", True),
    ("femoral head", "Which rounded end of the thigh bone sits in the hip socket?", False),
])
def test_knowledge_names_of_round_16_labels(target, question, named):
    from test_qc_frames import _names

    assert _names(target, question) is named


@pytest.mark.parametrize("sentence, flag", [
    ("The left femoral head is in the patient's right half.", "laterality"),  # a part of the target's own family
    ("The right femoral head is in the patient's right half.", None),  # its counterpart
])
def test_a_sided_part_of_the_target_is_the_target(sentence, flag):
    rec = _record("left femur", mask=test_qc.LAYOUT["left kidney"])
    assert flags("left femur", Q, f"It is the left femur [SEG]. {sentence}", rec=rec) == ([flag] if flag else [])


# round 17 (banks BX, BY, CA, read after their first measure)
@pytest.mark.parametrize("contents, flag", [
    ((LIVER, "Why would it be on the patient's left side?", "Worth checking on the full series."), "laterality"),
    ((f"{LIVER}\nHOST A: Right, here is the mask.\nHOST B: Right.",), None),  # a script's speakers assent
    ((f"{LIVER}\nHOST A: It is on the left.",), "laterality"),
    ((f"{LIVER}\narea_pct: 0.5% of image",), "size"),  # a percent, not a count of zero regions
    ((f"{LIVER}\nconnected_pieces: 2",), "count"),
    ((f"{LIVER}\nconnected_pieces: 1",), None),
])
def test_script_speakers_key_value_output_and_why_questions(contents, flag):
    assert flags("liver", Q, *contents) == ([flag] if flag else [])


@pytest.mark.parametrize("contents, flag", [
    # a statement taken back after a pause is retracted; the one that stands is checked
    ((Q, f"{LIVER} It is on the left. Wait, let me re-check. Actually, it is on the right.",), None),
    ((Q, f"{LIVER} It is on the right. Wait, let me re-check. Actually, it is on the left.",), "laterality"),
    ((Q, f"{LIVER} It is on the left. Hold on, that is not right. Looking again, it is on the right.",), None),
    # a learner's step that the reply rejects and corrects in the same kind is no defect; one let pass is
    (("Check my steps: (1) It lies on the patient's left. Which organ is it?",
      f"{LIVER}\n- Step 1: \u2717 Wrong. It lies on the patient's right."), None),
    (("Check my steps: (1) It lies on the patient's left. Which organ is it?",
      f"{LIVER}\n- Step 1: \u2713 Correct."), "laterality"),
    (("Check my steps: (1) It lies on the patient's left. Which organ is it?",
      f"{LIVER}\n- Step 1: \u2717 Wrong. It is large."), "laterality"),  # corrected in another kind only
    (("I think it is the organ on the patient's left. Which organ makes bile?",  # the reply rejects its own error
      f"{LIVER} Candidate: It is on the patient's left. Examiner: No. Candidate: Then it is on the right."), "laterality"),
    ((Q, f"{LIVER} Tip: you swapped the two structures.",), None),  # the learner's act, not a count
    ((Q, f"{LIVER} With maybe 70% confidence, it sits on the right.",), None),  # a degree of belief, not an area
    # a tick list says its ticked items only
    ((Q, f"{LIVER}\n\u2713 single connected region   \u2717 multiple regions",), None),
    ((Q, f"{LIVER}\n\u2717 single connected region   \u2713 multiple regions (2)",), "count"),
    ((Q, f"{LIVER}\n\u2717 on the patient's left",), None),
    ((Q, f"{LIVER} On this picture it is present on the left and on the right.",), "laterality"),  # both sides
    (("Which organ, seen as two separate pieces, makes bile? Segment it.", LIVER), "count"),  # a described which
    ((Q, LIVER, "Why is it bilateral here?", "Hard to say."), "laterality"),
    ((Q, LIVER, "Should I be worried that it's that small?", "Hard to say."), "size"),
])
def test_retractions_corrected_learners_tick_lists_and_described_questions(contents, flag):
    assert flags("liver", *contents) == ([flag] if flag else [])


def test_a_fundus_label_is_named_by_its_clinical_name():
    from test_qc_frames import _names

    assert _names("optic disc", "Where is the optic nerve head on this photograph?") is True
    assert _names("optic disc", "Where do the retinal vessels leave the eye on this photograph?") is False


# round 18 (banks CB-CE, read after their first measure)
@pytest.mark.parametrize("answer, flag", [
    # markup is read as the text it shows: HTML, XML-tagged output, LaTeX
    ("<p>It is the liver [SEG].</p><ul><li><b>Side:</b> it lies on the patient's right.</li></ul>", None),
    ("<p>It is the liver [SEG].</p><ul><li><b>Side:</b> it lies on the patient's left.</li></ul>", "laterality"),
    ("<p>The liver [SEG].</p><table><tr><td>Side</td><td>left</td></tr></table>", "laterality"),
    ("<answer><target>the liver [SEG]</target><finding side=\"left\">it is one-sided</finding></answer>", "laterality"),
    ("<answer><target>the liver [SEG]</target><regions>1</regions><size>large</size></answer>", None),
    ("<answer><target>the liver [SEG]</target><regions>3</regions></answer>", "count"),
    ("It is the liver [SEG].\n\\begin{itemize}\n\\item \\textbf{Side}: right\n\\end{itemize}", None),
    ("It is the liver [SEG].\n\\begin{itemize}\n\\item \\textbf{Regions}: two\n\\end{itemize}", "count"),
    # a quiz says what it marks true, and the correction of what it marks false
    ("It is the liver [SEG].\nTrue or false: it lies on the left. \u2014 False: it lies on the right.", None),
    ("It is the liver [SEG].\nTrue or false: it lies on the left. \u2014 True.", "laterality"),
    # pager shorthand and glosses
    ("liver outlined [SEG]\nR side\nx2", "count"),
    ("It is the liver [SEG]. Front to back it sits roughly centrally.", "position"),  # the depth (the liver is anterior)
    ("It is the liver [SEG]. Its posterior limit: the right kidney.", None),  # a contouring boundary
])
def test_markup_quizzes_and_pager_shorthand(answer, flag):
    assert flags("liver", Q, answer) == ([flag] if flag else [])


@pytest.mark.parametrize("target, question, named", [
    ("thalamus", "Can you outline bithalamic here?", True),
    ("pineal gland", "Which small gland is it? (My guess would be pinealoma.)", True),
    ("gross tumour volume primary", "Which volume is it? (This is about the GTV.)", True),
    ("gross tumour volume primary", "Show me the volume drawn from the clinical exam and the fused PET.", False),
    ("eyeball", "Quick one about Globe_L/R on this scan: where is it?", True),
])
def test_prefixed_suffixed_and_planning_names(target, question, named):
    from test_qc_frames import _names

    assert _names(target, question) is named


# round 19 (banks CF-CI, read after their first measure with the rules then final)
@pytest.mark.parametrize("answer, flag", [
    ("It is the liver [SEG]. Some reviewers call it small; it is in fact large.", None),  # others' error, framed
    ("It is the liver [SEG]. Some reviewers call it large; it is in fact small.", "size"),
    ("It is the liver [SEG]. It is easy to report two parts here, but the mask is one connected region.", None),
    ("It is the liver [SEG]. Do not say it lies on the left; it lies on the right.", None),
    ("It is the liver [SEG].\nMyth: it always sits on the left. Fact: here it sits on the right.", None),
    ("It is the liver [SEG].\nMyth: it always sits on the right. Fact: here it sits on the left.", "laterality"),
    ("A is the answer [SEG]. B is on the patient's left, which rules it out.", None),  # the ruled-out candidate
    ("It is the liver [SEG]. It lies {{c1::on the patient's right}}.", None),  # a cloze shows its answer
    ("It is the liver [SEG]. It lies {{c1::on the patient's left}}.", "laterality"),
    ("It is the liver [SEG].\n```\nR |....1....| L\nR |.........| L\n```\nIt is on the patient's right.", None),
    ("It is the liver [SEG].\nLaterality: LEFT [confidence 0.91]", "laterality"),
])
def test_framed_errors_myths_ruled_out_candidates_cloze_sketches(answer, flag):
    assert flags("liver", Q, answer) == ([flag] if flag else [])


# round 20 (banks CJ-CM, read after their first measure)
@pytest.mark.parametrize("contents, flag", [
    ((Q, "It is the liver [SEG]. It receives a vein that crosses in front of the aorta."), None),  # the vein's
    ((Q, "It is the liver [SEG].\nIt lies on the left comma anterior full stop new paragraph"), "laterality"),
    ((Q, "It is the liver [SEG]. In general the liver sits on the right, mostly in front."), None),  # textbook
    ((Q, "It is the liver [SEG]. In the atlas it sits mostly on the left; on this slice it is on the right."), None),
    ((Q, "It is the liver [SEG].\n- image 64 x 64 = 4,096 px\n- area = 600 px / 4,096 px = 14.6%"), None),  # (read: 600 px)
    ((Q, "It is the liver [SEG].\n- image 64 x 64 = 4,096 px\n- area = 60 px / 4,096 px = 1.5%"), "size"),
    ((Q, "It is the liver [SEG]. Image right = patient's left: on the right of the midline."), None),
    ((Q, "It is the liver [SEG]. This muscle-like organ sits in the patient's left half of the image."), "laterality"),
    ((Q, "It is the liver [SEG].\nPosition: centrally"), "position"),  # a central depth, not the midline (liver: anterior)
    (("Which organ makes bile? I think it's on the left.",
      "It is the liver [SEG]. You said 'on the left' \u2014 not quite; it lies on the patient's right."), None),
    (("[08:11] @kim: which organ makes bile?", "[08:15] @bot: It is the liver [SEG].",
      "[08:17] @dr_okafor: Why is it on the left?", "[08:18] @bot: Not quite: Side: right."), None),
    ((Q, "It is the liver [SEG].", "Are you one piece?", "Yes, one piece."), None),  # the organ addressed
])
def test_relatives_dictation_textbook_leads_scratchpads_and_chat_corrections(contents, flag):
    assert flags("liver", *contents) == ([flag] if flag else [])
