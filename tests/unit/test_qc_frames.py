"""QC on targets and modalities beyond the abdomen (banks AC-AE read after their first measure): which frame a
side or a share is said in, who a clause is about, and what a sentence only asks. Sentences are this file's own;
the phantom layout is test_qc's: the liver is right, anterior, large (~15%), one piece; the left kidney is left,
posterior, medium (~2%), behind the aorta; the aorta is midline and small (~0.4%)."""

from __future__ import annotations

import pytest
from test_qc_registers import Q, _record, flags

LIVER = "It is the liver [SEG]."
KIDNEY = "It is the left kidney [SEG]."
AORTA = "It is the aorta [SEG]."


@pytest.mark.parametrize("target, first, sentence", [
    # a side of the screen said beside the patient's side is the same side, not a second one
    ("left kidney", KIDNEY, "The mask is on the patient's left, which shows on the right of the screen."),
    ("left kidney", KIDNEY, "It sits on the patient's left, which is the right-hand side of your monitor."),
    ("liver", LIVER, "Seen on the left of an axial image, it lies on the patient's right."),
    # 'on this slice' locates the reader, it does not make the side a side of the picture
    ("left kidney", KIDNEY, "On this slice, it is on the left side of the body."),
    ("left kidney", KIDNEY, "On this section it lies toward the left side of the abdomen."),
    # the convention explained before a contrast says nothing about the target
    ("aorta", AORTA, "By convention the patient's right is drawn on the left of the screen, but that is irrelevant "
                     "for a midline vessel like this one."),
    # a clause about a structure QC does not know is not about the target
    ("left kidney", KIDNEY, "The falx-like fold in the midline stays straight."),
    ("left kidney", KIDNEY, "The mesentery divides the bowel loops in the midline."),
    ("aorta", AORTA, "It lies centrally. The sigmoid colon curls over to the left."),
    # the target's partner on the other side is another structure
    ("left kidney", KIDNEY, "Its partner on the right side mirrors it across the spine."),
    ("left kidney", KIDNEY, "The contralateral one lies on the right."),
    # a structure next to a relation phrase whose object is the target: that structure is where the phrase says
    ("left kidney", KIDNEY, "It is much smaller than the liver in front of it."),
    ("left kidney", KIDNEY, "It is far smaller than the spleen, which sits in front of it."),
    # an axis named by its two ends is a dimension
    ("left kidney", KIDNEY, "It measures about 11 cm from front to back."),
    ("left kidney", KIDNEY, "Front to back, it sits in the posterior part of the abdomen."),
    # one per place is an enumeration, not one region
    ("liver", LIVER, "Metastases, when present, are often one in each lobe; here it is one piece."),
    # an embedded question asks
    ("left kidney", KIDNEY, "Could you tell me whether it is in three pieces and how much of the image it fills?"),
    ("liver", LIVER, "Please summarise where it is and whether it is split in two."),
    # a place named by a half of the picture is not a share of it
    ("left kidney", KIDNEY, "It sits in the posterior half of the slice."),
    # a share of people is not a share of the image
    ("left kidney", KIDNEY, "About 60% of adults have a kidney this size, and it covers about 2% of the image."),
    # a negated verb of relevance denies nothing about the target
    ("aorta", AORTA, "The display convention does not matter for a midline structure like this one."),
])
def test_clean_sentences_in_new_frames_raise_no_flag(target, first, sentence):
    assert flags(target, Q, f"{first} {sentence}") == []


@pytest.mark.parametrize("target, first, sentence, flag", [
    ("left kidney", KIDNEY, "The mask is on the patient's right, which shows on the left of the screen.", "laterality"),
    ("left kidney", KIDNEY, "On this slice, it is on the right side of the body.", "laterality"),
    ("aorta", AORTA, "By convention the patient's left is shown on the right, but this vessel lies on the left.",
     "laterality"),
    ("left kidney", KIDNEY, "The falx stays straight, and the highlighted region lies on the right.", "laterality"),
    ("left kidney", KIDNEY, "It is much smaller than the liver behind it.", "position"),
    ("left kidney", KIDNEY, "It sits in the anterior half of the slice.", "position"),
    ("left kidney", KIDNEY, "The size I measure is 30 percent of the image.", "size"),
    ("left kidney", KIDNEY, "It covers about 30% of it.", "size"),
])
def test_false_claims_in_new_frames_are_still_flagged(target, first, sentence, flag):
    assert flag in flags(target, Q, f"{first} {sentence}")


def test_a_share_of_the_body_is_checked_against_the_body_fraction():
    rec = _record("left kidney")
    rec = rec.model_copy(update={"facts": rec.facts.model_copy(update={"body_fraction": 0.04})})
    assert flags("left kidney", Q, f"{KIDNEY} It takes up about 4% of the body cross-section.", rec=rec) == []
    assert "size" in flags("left kidney", Q, f"{KIDNEY} It takes up about 40% of the body cross-section.", rec=rec)
    # without a body outline a share of the body cannot be checked, and is not read as a share of the image
    assert flags("left kidney", Q, f"{KIDNEY} It takes up about 40% of the body cross-section.") == []


def _names(target: str, question: str) -> bool:
    from medseg_qa.knowledge import lookup, normalize_text
    from medseg_qa.qc.lexicon import Lexicon

    return Lexicon(target, (), (), lookup(target)).names_target(normalize_text(question))


@pytest.mark.parametrize("target, question", [
    ("sacrum", "Which bone holds the sacral foramina?"),  # a Latin noun's adjective, by rule
    ("rectum", "Segment the perirectal fat and the structure it surrounds."),  # a label the knowledge base lacks
    ("rectum", "Which part of the anorectal canal stores stool?"),
    ("right hip bone", "Which bone carries the acetabular roof?"),
    ("right hip bone", "Which bone carries the ischial tuberosity?"),
    ("right upper lung lobe", "Can you mark the RUL on this slice?"),  # initials of a three-word name
    ("pericardial effusion", "Outline the effusion around the heart."),  # a word of an unknown label
])
def test_names_of_new_targets_are_recognised(target, question):
    assert _names(target, question)


@pytest.mark.parametrize("target, question", [
    ("left femur", "A motorcyclist has a swollen, deformed thigh. Which bone is broken?"),  # a region, not a name
    ("right hip bone", "Which bone forms one side of the pelvic ring?"),
    ("brachiocephalic trunk", "Which vessel, unlike the brachiocephalic vein, divides into two arteries?"),
    ("peritumoral edema", "Which bright zone surrounds this brain tumour?"),  # the lesion is the context of its edema
    ("right common carotid artery", "A patient with known RCC has a neck scan; which vessel runs up the neck?"),
])
def test_context_words_do_not_name_new_targets(target, question):
    assert not _names(target, question)


def test_a_word_of_a_class_noun_name_names_the_target_outside_other_structures_names():
    # 'iliac' singles out the iliac arteries unless it is part of another structure's name in the text
    assert _names("common iliac artery", "The referral mentions iliac findings; which vessel is it?")
    assert not _names("common iliac artery", "Which vessel runs in front of the common iliac vein?")
    assert _names("common iliac artery", "Segment the CIA on this slice.")
    assert _names("left rib 7", "Which rib protects the heart here?")  # a numbered name less its number


def test_a_number_is_as_exact_as_it_is_written():
    rec = _record("aorta")
    rec = rec.model_copy(update={"facts": rec.facts.model_copy(update={"area_fraction": 0.0003})})
    assert flags("aorta", Q, f"{AORTA} It is tiny, roughly 0.0 percent of the image.", rec=rec) == []
    assert "size" in flags("aorta", Q, f"{AORTA} It is tiny, roughly 0.2 percent of the image.", rec=rec)


def test_height_against_the_head_and_on_the_picture_follows_the_orientation():
    import test_qc

    coronal = test_qc.record("liver", orientation="LI")  # rows run to the patient's feet: the liver is high
    assert coronal.facts.vertical == "superior"
    assert flags("liver", Q, f"{LIVER} It sits high up, toward the top of the head.", rec=coronal) == []
    assert flags("liver", Q, f"{LIVER} It lies in the upper part of the slice.", rec=coronal) == []
    assert "position" in flags("liver", Q, f"{LIVER} Why does it sit so low down near the skull base?", rec=coronal)
    # on an axial slice the top rows are anterior
    assert flags("liver", Q, f"{LIVER} It lies in the upper part of the slice.") == []
    assert "position" in flags("liver", Q, f"{LIVER} It lies toward the bottom of the image.")


def test_a_class_noun_of_the_targets_own_names_refers_to_the_target():
    import test_qc

    rec = _record("right iliopsoas", mask=test_qc.LAYOUT["right kidney"])
    ask = "Can you segment the muscle on the patient's {} that flexes the hip?"
    assert flags("right iliopsoas", ask.format("right"), "It is the right iliopsoas [SEG].", rec=rec) == []
    assert "laterality" in flags("right iliopsoas", ask.format("left"), "It is the iliopsoas [SEG].", rec=rec)


@pytest.mark.parametrize("sentence, flagged", [
    ("It sits in the left hemipelvis.", False), ("It sits in the right hemipelvis.", True),
    ("The right chest is clear.", False),  # the region is the subject of its clause
    ("Is it normal for it to sit on the left like this?", False),  # a question about a fact takes it as given
    ("Is it normal for it to sit on the right like this?", True),
    ("Is it on the right?", False),  # a plain yes/no question asks
    ("Side: The patient's left organ appears on the right of the screen, by convention.", False),
    ("Why is it on the patient's right side in this scan?", True),  # 'in this scan' is no display frame
])
def test_regions_presuppositions_and_patient_sides(sentence, flagged):
    assert ("laterality" in flags("left kidney", Q, f"{KIDNEY} {sentence}")) is flagged


@pytest.mark.parametrize("target, first, sentence, flag", [
    # an anatomical adjective on a generic noun names another structure
    ("left kidney", KIDNEY, "The pineal gland lies in the midline above the tectum.", None),
    ("left kidney", KIDNEY, "The left side does not hold it.", "laterality"),
    ("left kidney", KIDNEY, "The right side does not hold it.", None),
    ("liver", LIVER, "It is far from a large structure here.", "size"),
    ("left kidney", KIDNEY, "It is far from a large structure here.", None),
    ("left kidney", KIDNEY, "Wait, isn't the image's left the patient's right?", None),  # a question asks
    # a condition on looking is not a condition on the fact
    ("left kidney", KIDNEY, "If you trace it, you'll see it sits on the patient's right.", "laterality"),
    ("left kidney", KIDNEY, "If it were on the right, it would look larger.", None),
    ("left kidney", KIDNEY, "In women the organ often lies lower on the right.", None),  # generic
    ("left kidney", KIDNEY, "Side: left-sided 📍 By convention the patient's right is shown on the left of the screen.",
     None),
    ("left kidney", KIDNEY, "Is it normal that the kidney is so large here?", "size"),
    ("left kidney", KIDNEY, "The image itself is five hundred and twelve by five hundred and twelve pixels.", None),
    ("liver", LIVER, "I would describe it as fairly small.", "size"),
    ("liver", LIVER, "Which three-lobed organ is this, and why?", None),
    ("left kidney", KIDNEY, "Left on the screen is not the patient's left; it is the patient's right.", None),
    ("left kidney", KIDNEY, "Because it lies on the right side of the patient, which arm or leg would suffer?",
     "laterality"),
])
def test_subjects_negations_questions_and_conditions(target, first, sentence, flag):
    got = flags(target, Q, f"{first} {sentence}")
    assert got == ([flag] if flag else [])


# banks AL-AN, read after their first measure (round 4)
@pytest.mark.parametrize("target, first, sentence, flag", [
    # a short fronted phrase without a comma leaves the next name the subject of its clause
    ("aorta", AORTA, "By convention the left kidney lies on the left, behind the aorta.", None),
    ("aorta", AORTA, "On CT the liver lies on the right.", None),
    ("aorta", AORTA, "On CT the aorta lies on the right.", "laterality"),
    # a part of another structure speaks for that structure: it lies where the phrase says, relative to the target
    ("left kidney", KIDNEY, "The wall of the aorta lies in front of it.", None),
    ("left kidney", KIDNEY, "The wall of the aorta lies behind it.", "position"),
    # 'centrally' beside a side, or along a named axis, is central on another axis
    # a central depth, not the midline: false for the posterior left kidney
    ("left kidney", KIDNEY, "It is left-sided and sits centrally along the front-to-back axis.", "position"),
    ("left kidney", KIDNEY, "It lies centrally in along that axis direction.", "position"),
    ("left kidney", KIDNEY, "It lies centrally.", "laterality"),
    # an aspect of the image or body is where the whole lies
    ("left kidney", KIDNEY, "It is located toward the posterior aspect of the image.", None),
    ("left kidney", KIDNEY, "It is located toward the anterior aspect of the image.", "position"),
])
def test_fronted_phrases_parts_central_and_aspects(target, first, sentence, flag):
    assert flags(target, Q, f"{first} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("target, question, named", [
    ("heart", "Which structure pumps blood and is injured in a myocardial infarction? The pericardial region?", True),
    ("heart", "Which structure pumps blood and is injured in a myocardial infarction?", False),  # a disease's name
    ("appendix", "Which small blind tube is it? The appendicitis region, I guess.", True),
    ("ovarian cyst", "Can you find the ovary that was found by chance and mark it?", True),  # a noun of 'ovarian'
    ("pleural plaque", "Can you find the plaques on the pleura and mark them?", True),  # the finding named
    ("pleural plaque", "Can you find the pleura that was thickened and mark it?", True),
    ("trachea", "Which cartilage-ringed airway runs from the larynx down to the carina?", False),  # a class
])
def test_words_built_on_a_names_root(target, question, named):
    assert _names(target, question) is named


# registers of banks C-AN first measured for both clean and defective rows once styles went by pair
@pytest.mark.parametrize("target, first, sentence, flag", [
    # a reason given before a question asserts it
    ("left kidney", KIDNEY, "Given that it's on the patient's right, could it be mistaken for something else?",
     "laterality"),
    ("left kidney", KIDNEY, "Given that it's on the patient's left, could it be mistaken for something else?", None),
    # a lead phrase with 'across' is not the direction of the side that follows
    ("left kidney", KIDNEY, "Looking across the body, it lies in the right half of the body.", "laterality"),
    ("left kidney", KIDNEY, "Looking across the body, it lies in the left half of the body.", None),
    # a gloss in brackets and a 'Which side:' key still say the side
    ("left kidney", KIDNEY, "It lies on the right (patient's frame).", "laterality"),
    ("left kidney", KIDNEY, "Which side: right only (patient's frame)", "laterality"),
    # a described target ('this hollow organ', 'the pair') is the subject of its clause
    ("left kidney", KIDNEY, "Use the aorta as your anchor, because this bean-shaped organ lies behind it.", None),
    ("left kidney", KIDNEY, "Use the aorta as your anchor, because the bean-shaped structure lies in front of it.",
     "position"),
    # two sides said of a one-sided mask
    ("left kidney", KIDNEY, "It is bilateral.", "laterality"),
    ("left kidney", KIDNEY, "Normal appearance on both sides.", None),
    # a capital after the token opens a sentence: the convention is explained on its own
    ("left kidney", "Answer - the left kidney: [SEG] Note the display convention: what appears on the left of the "
                    "screen is the patient's right.", "It lies posteriorly.", None),
    # counts after a lead or under a question heading
    ("left kidney", KIDNEY, "On this image: - **Regions:** 2", "count"),
    ("left kidney", KIDNEY, "Briefly, from the mask: Count: 1.", None),
    ("left kidney", KIDNEY, "**How many pieces?** Three.", "count"),
])
def test_reasons_leads_glosses_described_targets_and_asked_keys(target, first, sentence, flag):
    assert flags(target, Q, f"{first} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flagged", [
    ("Located rt.", True), ("Located lt.", False),  # lower-case report shorthand
    ("Rt only, no contralat component.", True), ("Lt only, no contralat component.", False),
    ("Right, so here is the deal.", False),  # a discourse marker, not a side
    ("So it's right side, correct?", True),  # learner English in a tag question
    ("That is right.", False), ("It sits right next to the aorta.", False),  # 'right' as a word of assent or an adverb
])
def test_report_shorthand_fragments_and_tags(sentence, flagged):
    assert ("laterality" in flags("left kidney", Q, f"{KIDNEY} {sentence}")) is flagged


def test_the_adjective_of_a_one_word_name_with_latin_places_names_it():
    assert _names("left gluteus maximus", "Where is the gluteal, the large buttock muscle that extends the hip?")
    assert not _names("left gluteus maximus", "Where is the largest muscle of the buttock, which extends the hip?")


@pytest.mark.parametrize("sentence, flag", [
    ("Large, about 2% of the image.", "size"),  # a size word that opens an amount
    ("Medium, about 2% of the image.", None),
    ("Area: about 2% of the image (enormous, the biggest thing on the slice)", "size"),  # a gloss in brackets
    ("Size: medium (~2% of the slice)", None),
    ("Size: medium (~20% of the slice)", "size"),
])
def test_size_words_beside_amounts(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("Candidate: There are two disconnected components.", "count"),  # a speaker's label is no subject
    ("Candidate: It is one connected piece.", None),
    ("Why does it sit so far anterior in this slice?", "position"),  # 'so far' is no clause boundary
    ("Why does it sit so far posterior in this slice?", None),
])
def test_speaker_labels_and_intensifiers(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("A common slip is to place it to the patient's right of the aorta.", None),  # a mistake described
    ("It lies to the patient's right of the aorta.", "position"),
    ("On the image, it lies on the left side of the aorta.", None),  # a side of the picture, not of the patient
])
def test_described_mistakes_and_relations_on_the_picture(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


def test_one_part_on_each_side_is_an_enumeration():
    import test_qc

    both = test_qc.LAYOUT["left kidney"] | test_qc.LAYOUT["right kidney"]
    rec = _record("kidney", mask=both)
    assert flags("kidney", Q, "It is the kidneys [SEG]. One part lies on each side.", rec=rec) == []
    assert "count" in flags("kidney", Q, "It is the kidneys [SEG]. It is one part.", rec=rec)


@pytest.mark.parametrize("sentence, flag", [
    ("It takes up about a three-hundredth of the slice.", "size"),  # 1/300, not 3/100 (the kidney is ~2%)
    ("It takes up about a fiftieth of the slice.", None),
    ("It takes up a modest fraction of the slice.", None),  # modest: small or medium
    ("It covers between one and three percent of the image.", None),  # a range
    ("It covers between five and eight percent of the image.", "size"),
    ("It covers about one and a half percent of the image.", None),
    ("It covers about five tenths of one percent of the image.", "size"),  # 0.5%
    ("It is much larger than any lymph node nearby.", None),  # a comparison with some things, not all
    ("It is larger than any other structure on the slice.", "size"),
    ("The right kidney is absent in about 1 in 1000 people; the left one lies on the right in 0.1% of people.", None),
    ("Which side, the patient's left or right?", None),  # options offered
    ("Front is at the top of the picture and the patient's back is at the bottom.", None),  # a convention
])
def test_amounts_populations_options_and_axis_conventions(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("It would be called medium: roughly 1 in every 50 pixels of the image.", None),  # a ratio, not 50 pixels
    ("It would be called medium: roughly 1 in every 5 pixels of the image.", "size"),
    ("Why is it so huge?", "size"),  # a why-question takes its premise as given
    ("It covers well under a tenth of a percent of the image.", "size"),  # < 0.1%
])
def test_ratios_why_questions_and_tenths_of_a_percent(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


def test_pneumo_before_a_cavity_is_air_not_the_lung():
    assert not _names("lung", "Which structures would a pneumothorax partly collapse?")
    assert _names("lung", "Which pneumonic area is this?")


def test_a_turn_that_answers_for_itself_outweighs_its_opening_word():
    import test_qc

    # "Right." opening an answer assents; the sentences after it say the side or size
    assert flags("aorta", Q, f"{AORTA} It is small.", "Which side is it on?",
                 "Right. It sits centrally rather than on the left or right.") == []
    assert flags("aorta", Q, f"{AORTA} It lies centrally.", "Any numbers to remember?",
                 "Right. It is about 2 cm wide in adults.") == []
    assert "laterality" in flags("aorta", Q, f"{AORTA} It lies centrally.", "Which side is it on?", "Right.")
    assert flags("left kidney", Q, f"{KIDNEY} It lies on the left.", "Is it large?",
                 "Right. By area it is moderate in size.") == []
    both = test_qc.LAYOUT["left kidney"] | test_qc.LAYOUT["right kidney"]
    rec = _record("kidney", mask=both)
    assert flags("kidney", Q, "It is the kidneys [SEG]. There is one on each side of the body.", rec=rec) == []
    assert "laterality" in flags("left kidney", Q, f"{KIDNEY} There is one on each side of the body.")


def test_decimal_ratios_of_pixels():
    assert flags("left kidney", Q, f"{KIDNEY} Roughly 2.1 in every 100 pixels belong to it.") == []
    assert "size" in flags("left kidney", Q, f"{KIDNEY} Roughly 0.1 in every 100 pixels belong to it.")


@pytest.mark.parametrize("sentence, flag", [
    ("It covers about 1,9% of the image.", None),  # a decimal comma: 1.9%, not 9%
    ("It covers about 0,2% of the image.", "size"),  # 0.2%, not 2%
    ("It covers two or three percent of the slice.", None),  # options: a range
    ("It covers seven or eight percent of the slice.", "size"),
    ("It covers roughly three-quarters of one percent of the slice.", "size"),  # 0.75%
    ("It covers about two and a bit percent of the image.", None),
    ("It covers roughly 1 1/2 percent of the image.", None),  # not read whole: no claim rather than '2 percent'
    ("It fills three or four hundred pixels of the image.", None),
])
def test_numbers_are_read_whole_or_not_at_all(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    # an apposition between a name and its verb: the liver covers the kidney, the kidney is not in front
    ("The liver, the largest solid organ, covers it from in front and to the side.", None),
    ("The aorta is small and lies in front of it.", None),  # the second clause keeps the aorta as subject
    ("It, the left kidney, lies in front of the aorta.", "position"),
    ("The aorta, a handy landmark, has the mask behind it.", None),  # 'the mask' is the figure, not 'it'
    ("The aorta, a handy landmark, has the mask in front of it.", "position"),
    # a name's head is its last word: the left renal vein is not the left kidney
    ("The left renal vein crosses in front of the aorta.", None),
    ("The left kidney lies in front of the aorta.", "position"),
    # 'one region left, one right' enumerates; 'a single region, one of two kidneys' still counts one
    ("It lies on the left (one region left of the spine, one further down).", None),
])
def test_appositions_heads_of_names_and_enumerations(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


def test_enumerated_regions_of_a_bilateral_mask():
    import test_qc

    both = test_qc.LAYOUT["left kidney"] | test_qc.LAYOUT["right kidney"]
    rec = _record("kidney", mask=both)
    assert flags("kidney", Q, "It is the kidneys [SEG]. It lies bilateral (one region left, one right).", rec=rec) == []
    assert flags("kidney", Q, "It is the kidneys [SEG]. It is a single region, one of a kind.", rec=rec) == ["count"]


@pytest.mark.parametrize("sentence, flag", [
    ("If you find the aorta first, you will see that the mask is placed in front of it.", "position"),  # the reader's step
    ("If you find the aorta first, you will see that the mask is placed behind it.", None),
    ("If it lay in front of the aorta, you would see it beside the stomach.", None),  # a true condition
    ("You can count 2 distinct pieces.", "count"),  # 'can' with a verb of seeing or counting asserts
    ("It can be large in some people.", None),
    ("Small region.", "size"),  # a verbless size fragment with its noun (the kidney is medium)
    ("Large region.", "size"),
    ("Medium-sized structure.", None),
    ("Side (right) confirmed.", "laterality"),  # a key with its value in brackets
    ("Side (left) confirmed.", None),
])
def test_reader_steps_seeing_modals_fragments_and_bracketed_values(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("Why does it sit so far anterior, right up at the front of the body?", "position"),  # a why-question's premise
    ("Why does it sit so far back, near the spine?", None),
    ("Given how tiny it is here, should I worry?", "size"),  # the kidney is medium
    ("Given how moderate-sized it is here, should I worry?", None),
    ("Anterior in position.", "position"),  # a fragment
    ("Posterior in position.", None),
    ("**Where:** the anterior part, top of the image", "position"),  # a 'Where' key
    ("Side: right, not left.", "laterality"),  # a side value with its denied alternative
    ("Side: left, not right.", None),
    ("It lies on the patient's left side, which the image shows on the right.", None),  # the picture shows it
    ("It lies on the patient's right side, which the image shows on the left.", "laterality"),
    ("Okay, right, so the outline follows the edge of the structure closely.", None),  # discourse words
    ("Well, right, so it is on the right.", "laterality"),
])
def test_premises_fragments_keys_and_discourse_words(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


def test_sides_alike_and_four_word_initialisms():
    import test_qc

    both = test_qc.LAYOUT["left kidney"] | test_qc.LAYOUT["right kidney"]
    rec = _record("kidney", mask=both)
    assert flags("kidney", Q, "It is the kidneys [SEG]. It lies on the left and on the right alike.", rec=rec) == []
    assert _names("right common carotid artery", "I'm worried about the RCCA findings. Which vessel is this?")
    assert not _names("right common carotid artery", "Which vessel in the neck is this?")


@pytest.mark.parametrize("sentence, flag", [
    ("The liver is the biggest solid organ and it sits in the right upper abdomen.", None),  # 'it' is the liver
    ("The stomach lies in front of it, and it lies on the right.", "laterality"),  # 'it' is the target throughout
    ("Side: right, lateral (not midline).", "laterality"),
    ("Side: left (patient's left).", None),
    ("The space is in front of the aorta.", "position"),  # 'the space' describes the target
])
def test_it_after_another_subject_side_values_and_described_spaces(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


def test_one_region_and_its_partner_enumerate():
    import test_qc

    both = test_qc.LAYOUT["left kidney"] | test_qc.LAYOUT["right kidney"]
    rec = _record("kidney", mask=both)
    text = "It is the kidneys [SEG]. It is bilateral: one region lies on the patient's right and its partner on the left."
    assert flags("kidney", Q, text, rec=rec) == []


@pytest.mark.parametrize("sentence, flag", [
    ("The opposite bean-shaped organ is symmetrical on the patient's right.", None),  # the counterpart, not the target
    ("It is worth noting that most people have three separate parts in this organ.", None),  # a population, not this mask
    ("It is worth noting that it has three separate parts here.", "count"),
])
def test_counterparts_with_a_noun_and_most_people(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("The inferior vena cava lies to its right; the left renal vein crosses in front of it.", None),  # the vein's
    ("The right and left common iliac arteries branch from it lower down.", None),  # two names, no side claim
    ("It is tiny compared with the liver, which fills much of the right side.", None),  # the liver's side
    ("Relative to the liver, it is further to the right.", "position"),  # a comparison still relates the target
    ("On axial CT we view the patient from the feet, so their left appears on the right side of your screen.", None),
])
def test_names_heads_coordinated_sides_and_comparisons_about_others(sentence, flag):
    assert flags("aorta", Q, f"{AORTA} {sentence}") == ([flag] if flag else [])


def test_a_contact_verb_with_a_direction_describes_a_part():
    import test_qc

    rec = test_qc.record("liver")  # anterior, right, large
    assert flags("liver", Q, "It is the liver [SEG]. It wraps around the inferior vena cava posteriorly.", rec=rec) == []
    assert flags("liver", Q, "It is the liver [SEG]. It lies posteriorly.", rec=rec) == ["position"]


@pytest.mark.parametrize("sentence, flag", [
    ("It is small-to-medium in size.", None),  # a range of classes: either will do (the kidney is medium)
    ("Size: medium-to-large.", None),
    ("It is tiny or small.", "size"),
])
def test_a_range_of_size_classes(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("Zero regions on the right; one on the left.", None),  # 'zero regions' denies
    ("Zero regions on the left; one on the right.", "laterality"),
])
def test_zero_regions_deny(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("On this image we face the patient's feet, so their left is on our right.", None),  # a convention
    ("It is on our right, which is the patient's left.", None),  # our side is the viewer's
    ("It is on our left, which is the patient's right.", "laterality"),
])
def test_their_side_and_our_side_in_conventions(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


def test_a_statement_asked_back_is_settled_by_its_answer():
    # "So it is on my right?" asks for confirmation: a rejecting answer retracts it, an affirming one asserts it,
    # and one that lets it stand leaves the premise asserted
    assert flags("left kidney", Q, KIDNEY, "So basically it is on my right?", "Not quite - it is on your left.") == []
    assert flags("left kidney", Q, KIDNEY, "So it is off to the patient's right?", "Not really: it sits on the left.") == []
    assert flags("left kidney", Q, KIDNEY, "So basically it is on my right?", "Yes, exactly.") == ["laterality"]
    assert flags("left kidney", Q, KIDNEY, "So basically it is on my right?", "Kidneys vary a lot.") == ["laterality"]
    assert flags("left kidney", Q, KIDNEY, "So it is left-sided, right?", "Yes, that is correct.") == []  # a tag
    assert flags("left kidney", Q, KIDNEY, "So it is right-sided, right?", "Yes, that is correct.") == ["laterality"]


def test_a_part_of_a_mask_on_both_sides_may_lie_on_one():
    import test_qc

    both = test_qc.LAYOUT["left kidney"] | test_qc.LAYOUT["right kidney"]
    rec = _record("kidney", mask=both)
    said = "The part on the image's right is the patient's left one; the part on the image's left is the patient's right one."
    assert flags("kidney", Q, f"It is the kidneys [SEG]. {said}", rec=rec) == []
    assert flags("kidney", Q, "It is the kidneys [SEG]. It lies on the patient's left.", rec=rec) == ["laterality"]
    assert flags("left kidney", Q, f"{KIDNEY} One part of it lies on the patient's right.") == ["laterality"]


@pytest.mark.parametrize("sentence, flag", [
    ("It is also worth noting that the aorta lies in front of it.", None),  # an expletive lead: the aorta's clause
    ("It covers less than half of one percent of the image.", "size"),  # < 0.5% (the kidney is ~2%)
    ("It has three parts: cortex, medulla and pelvis.", None),  # named anatomy, not regions of the mask
    ("Why is it only present on the right side and missing on the left?", "laterality"),
    ("Sinistral in location.", None),  # Latin sides
    ("Dextral in location.", "laterality"),
    ("The upper pole is the most cranial part and the hilum the most caudal.", None),  # a superlative names a part
])
def test_leads_parts_of_a_percent_named_parts_and_latin_sides(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


def test_an_extreme_position_contradicts_a_central_mask_and_higher_than_relates():
    import test_qc

    central = test_qc.record("aorta")  # midline, vertically central
    assert central.facts.vertical == "central"
    assert flags("aorta", Q, f"{AORTA} It lies far toward the front, right under the skin.", rec=central) == ["position"]
    assert flags("aorta", Q, f"{AORTA} It lies slightly anteriorly.", rec=central) == []
    coronal = test_qc.record("left kidney", orientation="LI")
    lower = [r.other for r in coronal.facts.relations if r.relation == "inferior_to"]
    assert lower, "the layout puts the left kidney below something on a coronal slice"
    assert flags("left kidney", Q, f"{KIDNEY} It lies higher than the {lower[0]}.", rec=coronal) == ["position"]


@pytest.mark.parametrize("sentence, flag", [
    ("Compared with the aorta, it sits in front of that structure.", "position"),  # 'that structure' is the aorta
    ("Compared with the aorta, it sits behind that structure.", None),
    ("Adenomas are found in about a quarter of screening colonoscopies.", None),  # 'screening' is no screen
    ("Which large organ filters the blood?", None),  # a descriptor of the class, not of the slice
    ("Which huge organ here filters the blood?", "size"),  # 'here': a claim about this slice
])
def test_that_structure_screening_and_which_large(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


@pytest.mark.parametrize("sentence, flag", [
    ("In this picture your kidney is on the left side (not the right).", None),  # the reader's own body
    ("In this picture your kidney is on the right side.", "laterality"),
    ("In this picture it is on the right side.", None),  # a side of the picture (the patient's left)
])
def test_your_organ_in_this_picture_is_on_your_side(sentence, flag):
    assert flags("left kidney", Q, f"{KIDNEY} {sentence}") == ([flag] if flag else [])


def test_a_sided_counterpart_is_the_other_structure():
    said = "The right-sided counterpart of this organ sits beside the liver on the opposite side."
    assert flags("left kidney", Q, f"{KIDNEY} {said}") == []
