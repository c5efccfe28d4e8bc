"""QC: each flag is raised by a conversation that earns it and not by close calls that do not."""

from __future__ import annotations

import numpy as np
import pytest

from medseg_qa.facts import compute_facts
from medseg_qa.knowledge import lookup
from medseg_qa.qc import FLAG_DESCRIPTIONS, check_conversation, extract_claims, near_duplicates
from medseg_qa.schemas import Conversation, GenerationProvenance, SourceRecord, Turn

H = W = 64


def _box(r0, r1, c0, c1):
    m = np.zeros((H, W), np.uint8)
    m[r0:r1, c0:c1] = 1
    return m


# Orientation "LP": columns run to the patient's left, so the image's left half is the patient's right.
LAYOUT = {
    "liver": _box(15, 40, 4, 28),          # patient right, large
    "spleen": _box(15, 30, 45, 58),        # patient left
    "left kidney": _box(35, 45, 40, 48),   # patient left, medium
    "right kidney": _box(35, 45, 14, 22),  # patient right
    "aorta": _box(30, 34, 30, 34),         # midline, small
    "vertebral body": _box(40, 50, 27, 37),
}


def record(target: str, mask=None, layout=LAYOUT, orientation="LP") -> SourceRecord:
    mask = layout[target] if mask is None else mask
    others = {k: v for k, v in layout.items() if k != target}
    facts = compute_facts(mask, orientation, others)
    return SourceRecord(record_id=f"r-{target}", source="phantom", dataset="test", image_blob="a" * 64,
                        mask_blob="b" * 64, width=W, height=H, target=target, modality="CT",
                        body_region="abdomen", case_id="c1", patient_id="p1", orientation=orientation,
                        licence="CC0-1.0", synthetic=True, facts=facts)


def conv(*contents: str, roles=None) -> Conversation:
    roles = roles or ["user", "assistant"] * (len(contents) // 2 + 1)
    return Conversation(conversation_id="c1", record_id="r1", question_style="function",
                        turns=[Turn(role=r, content=c) for r, c in zip(roles, contents)],
                        provenance=GenerationProvenance(backend="test", model="m", prompt_version="v1", seed=0))


def flags(rec: SourceRecord, *contents: str, **kw) -> list[str]:
    return check_conversation(conv(*contents, **kw), rec, lookup(rec.target))


Q = "In this CT slice, which structure is highlighted by the clinical question? Please segment it."


def test_facts_of_the_layout_are_what_the_tests_assume():
    assert record("left kidney").facts.laterality == "left"
    assert record("liver").facts.laterality == "right" and record("liver").facts.size_class == "large"
    assert record("aorta").facts.laterality == "midline" and record("aorta").facts.size_class == "small"
    rels = {(r.other, r.relation) for r in record("liver").facts.relations}
    assert ("spleen", "right_of") in rels


def test_clean_conversation_passes():
    rec = record("left kidney")
    ans = ("This is the left kidney [SEG]. It filters blood. It lies on the patient's left, posterior to the "
           "liver, and it is medium-sized, covering about 2% of the image as a single connected region.")
    assert flags(rec, Q, ans, "Where is it?  Tell me.", "It lies on the patient's left side, beside the spine.") == []


@pytest.mark.parametrize("question, named", [
    ("Which organ makes bile? The hepatic one, please segment it.", True),
    ("Which LIVER-shaped organ makes bile? Please segment it.", True),
    ("Which organ do the livers of these patients resemble? Segment it.", True),
    ("Look at the liver's outline and segment the organ.", True),
    ("Which hepato-biliary organ is this? Please segment it.", True),
    ("Which hepatocellular organ is this? Please segment it.", True),
    ("Which organ helps deliver bile to the gut? Please segment it.", False),
    ("Which organ produces bile that helps digest fats? Please segment it.", False),
    ("Which organ sits above the sliver of fat by the kidney? Segment it.", False),
])
def test_names_target_is_word_bounded_and_inflection_aware(question, named):
    rec = record("liver")
    answer = "This is the liver [SEG], on the patient's right."
    assert ("names_target" in flags(rec, question, answer)) is named


def test_names_target_catches_the_unsided_name_and_adjectives_of_a_sided_target():
    rec = record("left kidney")
    for q in ("Which kidney filters blood here? Segment it.", "Which renal structure is this? Segment it.",
              "Which organ would a nephrologist treat here? Segment it."):
        assert "names_target" in flags(rec, q, "This is the left kidney [SEG]."), q
    assert "names_target" not in flags(rec, "Which organ lies below the spleen? Segment it.",
                                       "This is the left kidney [SEG].")


def test_seg_count():
    rec = record("spleen")
    assert "seg_count" in flags(rec, Q, "This is the spleen, on the patient's left.")
    assert "seg_count" in flags(rec, Q, "This is the spleen [SEG] [SEG].")
    assert "seg_count" in flags(rec, Q, "This is the spleen [SEG].", "Where is it exactly?", "Here [SEG], left.")
    assert "seg_count" not in flags(rec, Q, "This is the spleen [SEG].", "Where is it exactly?",
                                    "It lies on the patient's left.")


@pytest.mark.parametrize("target, answer, flagged", [
    ("left kidney", "This is the left kidney [SEG]. It lies on the patient's right.", True),
    ("left kidney", "This is the left kidney [SEG], in the right upper quadrant.", True),
    ("left kidney", "The left kidney [SEG] is a right-sided structure here.", True),
    ("left kidney", "This is the left kidney [SEG]. It appears on the left side of the image.", True),
    ("left kidney", "This is the left kidney [SEG]. It appears on the right side of the image.", False),
    ("left kidney", "This is the left kidney [SEG]. It lies on the patient's left.", False),
    ("left kidney", "This is the left kidney [SEG]; the right kidney lies on the patient's right.", False),
    ("spleen", "This is the spleen [SEG], lying on the left, above the left kidney.", False),
    ("spleen", "This is the spleen [SEG]. The liver lies on the patient's right, whereas it is on the left.", False),
    ("spleen", "It is the spleen [SEG], opposite the liver, which lies on the right.", False),
    ("liver", "This is the liver [SEG]. It lies in the left side of the abdomen.", True),
    ("liver", "This is the liver [SEG]; its right lobe is the biggest part, next to the left kidney.", False),
    ("aorta", "This is the aorta [SEG], a midline structure in front of the spine.", False),
    ("aorta", "This is the aorta [SEG]. It lies on the patient's right.", True),
    ("aorta", "This is the aorta [SEG]. It lies slightly to the left.", False),
    ("liver", "This is the liver [SEG]. It lies in the midline.", True),
])
def test_laterality(target, answer, flagged):
    assert ("laterality" in flags(record(target), Q, answer)) is flagged


@pytest.mark.parametrize("target, answer, flagged", [
    ("liver", "This is the liver [SEG]. It lies to the left of the spleen.", True),
    ("liver", "This is the liver [SEG]. It lies to the patient's right of the spleen.", False),
    ("liver", "This is the liver [SEG]. The spleen lies to the right of it.", True),
    ("liver", "This is the liver [SEG]. The spleen lies to the left of the liver.", False),
    ("left kidney", "This is the left kidney [SEG]. It sits to the left of the spine.", False),
    ("left kidney", "This is the left kidney [SEG]. It sits to the right of the vertebral body.", True),
    ("left kidney", "This is the left kidney [SEG]. It lies anterior to the liver.", True),
    ("left kidney", "This is the left kidney [SEG]. It lies posterior to the liver.", False),
    ("left kidney", "This is the left kidney [SEG]. It lies in front of the gallbladder.", False),
])
def test_position(target, answer, flagged):
    assert ("position" in flags(record(target), Q, answer)) is flagged


@pytest.mark.parametrize("target, answer, flagged", [
    ("liver", "This is the liver [SEG]. It is small in this slice.", True),
    ("liver", "This is the liver [SEG]. It is large in this slice.", False),
    ("liver", "This is the liver [SEG]. It is the largest solid organ.", False),
    ("liver", "This is the liver [SEG]. It covers about 3% of the image.", True),
    ("liver", "This is the liver [SEG]. It covers about 15% of the image.", False),
    ("liver", "This is the liver [SEG]. It occupies less than 5 percent of the slice.", True),
    ("liver", "This is the liver [SEG]; about 90% of patients have no symptoms.", False),
    ("liver", "This is the liver [SEG]. Near it the small bowel is visible.", False),
    ("aorta", "This is the aorta [SEG]. It is a relatively large structure in this image.", True),
    ("aorta", "This is the aorta [SEG], a small region here. The liver is large.", False),
    ("left kidney", "This is the left kidney [SEG], medium-sized in this view.", False),
    ("left kidney", "This is the left kidney [SEG], a small area of the slice.", True),
])
def test_size(target, answer, flagged):
    assert ("size" in flags(record(target), Q, answer)) is flagged


def test_count():
    two = _box(35, 45, 40, 48)
    two[10:14, 50:54] = 1
    split = record("left kidney", mask=two)
    whole = record("left kidney")
    assert split.facts.components == 2 and whole.facts.components == 1
    assert "count" in flags(split, Q, "This is the left kidney [SEG], a single connected region.")
    assert "count" not in flags(split, Q, "This is the left kidney [SEG], seen as two separate regions.")
    assert "count" in flags(whole, Q, "This is the left kidney [SEG], seen as two separate regions.")
    assert "count" in flags(whole, Q, "This is the left kidney [SEG]. It is split into several pieces.")
    assert "count" not in flags(whole, Q, "This is the left kidney [SEG], one connected region.")
    assert "count" not in flags(whole, Q, "This is the left kidney [SEG], one of the two kidneys.")


def test_length_and_roles():
    rec = record("spleen")
    assert "length" in flags(rec, "Hm?", "This is the spleen [SEG].")
    assert "length" in flags(rec, Q, "This is the spleen [SEG]. " + "x" * 3000)
    assert check_conversation(conv(Q, "This is the spleen [SEG]."), rec, lookup("spleen"), min_chars=200) == \
        ["length"]
    assert "roles" in flags(rec, "This is the spleen [SEG].", Q, roles=["assistant", "user"])
    assert "roles" in flags(rec, Q, Q, roles=["user", "user"])
    assert "roles" in flags(rec, Q, "This is the spleen [SEG].", Q, roles=["user", "assistant", "user"])
    assert "roles" not in flags(rec, Q, "This is the spleen [SEG].")
    # follow-ups are as short as people write them; the first exchange is the training sample
    first = (Q, "This is the spleen [SEG], on the patient's left.")
    assert flags(rec, *first, "Which side?", "Left.") == []
    assert flags(rec, *first, "Why?", "It sits under the left ribs.") == []
    assert "malformed" in flags(rec, *first, "?", "It sits under the left ribs.")
    assert "malformed" in flags(rec, *first, "Which side?", "}, {")
    assert "length" in flags(rec, *first, "Which side?", "x " * 1500)


def test_flags_are_described_and_ordered():
    rec = record("liver")
    got = flags(rec, "Which hepatic organ? [SEG]", "It is small and lies on the left.")
    assert got == [f for f in FLAG_DESCRIPTIONS if f in got]
    assert {"names_target", "seg_count", "laterality", "size"} <= set(got)
    assert all(isinstance(v, str) and v for v in FLAG_DESCRIPTIONS.values())


def test_claims_from_free_text_are_attributed_to_the_right_structure():
    rec = record("spleen")
    text = ("The highlighted organ is the spleen [SEG], located in the left upper quadrant of the abdomen. "
            "The liver, on the patient's right, is much larger and the right kidney is small.")
    claims = extract_claims(text, rec, lookup("spleen"))
    assert [(c.kind, c.value) for c in claims] == [("side", "left")]


def test_near_duplicates():
    qs = ["Which organ produces bile that helps digest fats? Please segment it.",
          "Which organ stores glycogen between meals? Please segment it.",
          "which organ produces bile that helps digest fats?  please segment it!",
          "In this CT slice, which organ produces bile that helps digest fats? Please segment it.",
          "Which organ stores glycogen between meals? Please segment it."]
    assert near_duplicates(qs) == {2, 3, 4}  # case and punctuation, a lead-in, an exact repeat
    assert near_duplicates([]) == set() and near_duplicates(["", ""]) == set()


@pytest.mark.parametrize("first, second, duplicate", [
    ("Which organ produces bile and stores glycogen? Please segment it.",
     "Please segment it: which organ stores glycogen and produces bile?", True),   # clauses reordered
    ("Which organ produces bile and stores glycogen? Please segment it.",
     "Which organ makes bile and stores glycogen? Please segment it.", True),      # a word swapped
    ("Which organ produces bile and stores glycogen? Please segment it.",
     "Quick anatomy check: which organ produces bile and stores glycogen? Please segment it.", True),  # lead-in
    ("Which organ produces bile and stores glycogen? Please segment it.",
     "Which organ would you examine first in a patient with jaundice? Please segment it.", False),
    ("Which vessel lies in front of the spine? Please outline it.",
     "Which vessel lies behind the pancreas? Please outline it.", False),
])
def test_near_duplicates_survive_rewording(first, second, duplicate):
    assert (1 in near_duplicates([first, second])) is duplicate


def test_near_duplicates_matches_brute_force_on_many_questions():
    """The inverted index finds exactly the pairs an all-pairs comparison finds."""
    import random

    from medseg_qa.qc.dupes import lemma_set, similar

    rng = random.Random(0)
    words = "which organ vessel lies left right of the spleen liver aorta bile makes stores blood".split()
    base = [" ".join(rng.choice(words) for _ in range(12)) for _ in range(40)]
    qs = [b if rng.random() < 0.5 else b.replace(b.split()[rng.randrange(12)], "kidney", 1)
          for b in base for _ in range(5)]

    for threshold in (0.5, 0.8, 0.9):
        sets = [lemma_set(q) for q in qs]
        brute = {j for j in range(len(qs)) for i in range(j) if similar(sets[i], sets[j], threshold)}
        assert near_duplicates(qs, threshold) == brute


def test_count_uses_a_lesions_own_name():
    lesion = _box(20, 25, 8, 14)
    rec = record("liver lesion", mask=lesion, layout={**LAYOUT, "liver lesion": lesion})
    assert rec.facts.components == 1
    assert "count" in flags(rec, Q, "This is the liver lesion [SEG]; there are two nodules here.")
    assert "count" not in flags(rec, Q, "This is the liver lesion [SEG], a solitary nodule.")


@pytest.mark.parametrize("target, answer, expected", [
    ("spleen", "The structure you are asking about is the spleen [SEG]. Located in the left upper quadrant, "
               "beneath the diaphragm and posterior to the stomach, it filters blood. In this CT slice it appears "
               "as a medium-sized, homogeneous organ lateral to the left kidney.", []),
    ("liver", "The highlighted organ is the liver [SEG]. Hepatic tissue occupies most of the right side of the "
              "patient's abdomen and extends across the midline toward the left.", []),
    ("vertebral body", "The vertebral body [SEG] sits in the midline behind the aorta. The kidneys lie on either "
                       "side of it: the left kidney on the patient's left and the right kidney on the patient's "
                       "right.", []),
    ("aorta", "This is the abdominal aorta [SEG], running in front of the vertebral body, slightly left of "
              "midline. It appears as a small round structure.", []),
    ("aorta", "This is the abdominal aorta [SEG], running behind the vertebral body. It appears as a large "
              "round structure.", ["position", "size"]),
    ("left kidney", "Left kidney [SEG]. Unlike the spleen, which is on the right side too, it lies more "
                    "posteriorly, to the right of the spine.", ["position"]),
    ("left kidney", "It's the left kidney [SEG]. On this radiological image the patient's left is displayed on "
                    "the right side of the screen, so it appears on the right side of the image.", []),
])
def test_free_text_answers(target, answer, expected):
    assert flags(record(target), Q, answer) == expected


def test_malformed_turns_are_flagged():
    """Small LLMs emit JSON debris or statements instead of questions; QC must not pass them."""
    import numpy as np

    from medseg_qa.facts import compute_facts
    from medseg_qa.knowledge import lookup
    from medseg_qa.qc import check_conversation
    from medseg_qa.schemas import Conversation, GenerationProvenance, SourceRecord, Turn

    mask = np.zeros((64, 64), bool)
    mask[10:30, 5:25] = True
    rec = SourceRecord(record_id="r1", source="t", dataset="t", image_blob="a", mask_blob="b", width=64,
                       height=64, target="liver", modality="CT", body_region="abdomen", case_id="c",
                       patient_id="p", orientation="LP", licence="CC0-1.0",
                       facts=compute_facts(mask, "LP"))

    def conv(first_user: str, answer: str = "It is the structure here [SEG], on the patient's right.") -> Conversation:
        return Conversation(conversation_id="c1", record_id="r1", question_style="function",
                            provenance=GenerationProvenance(backend="t", model="m", prompt_version="v1", seed=0),
                            turns=[Turn(role="user", content=first_user), Turn(role="assistant", content=answer)])

    good = "Which organ in this slice produces bile? Please segment it."
    assert "malformed" not in check_conversation(conv(good), rec, lookup("liver"))
    assert "malformed" not in check_conversation(conv("Segment the organ that stores glycogen."), rec, lookup("liver"))
    assert "malformed" in check_conversation(conv("...}, { ...} }, {"), rec, lookup("liver"))
    assert "malformed" in check_conversation(conv("This is the first user question of the set."), rec, lookup("liver"))
    assert "malformed" in check_conversation(conv(good, "[SEG] }, {"), rec, lookup("liver"))


# --- prose the first rules got wrong (issue 8): negation, convention, other structures, questions ------

@pytest.mark.parametrize("target, answer, expected", [
    ("liver", "This is the liver [SEG]. It is not on the left side.", []),
    ("liver", "This is the liver [SEG]. It is not on the right side.", ["laterality"]),
    ("liver", "This is the liver [SEG]. There is no involvement of the left side, but it is large.", []),
    ("liver", "This is the liver [SEG]. On screen it appears on the image's left, which is the patient's right.", []),
    ("liver", "This is the liver [SEG]. It appears on the image's right, i.e. the patient's left.", ["laterality"]),
    ("liver", "The liver [SEG]. Remember that radiological images show the patient's left on the right side "
              "of the picture.", []),
    ("liver", "The liver [SEG]. The left renal vein crosses in front of the aorta before reaching the vena cava.", []),
    ("liver", "The liver [SEG]. The spleen, by contrast, sits high in the left upper quadrant.", []),
    ("liver", "The liver [SEG]. The hepatic parenchyma sits on the patient's left.", ["laterality"]),
    ("liver", "The liver [SEG]. It lies toward the back of the body, against the spine.", ["position"]),
    ("liver", "The liver [SEG]. It is diminutive on this slice.", ["size"]),
    ("liver", "The liver [SEG]. It covers roughly two percent of the image.", ["size"]),
    ("liver", "The liver [SEG]. It covers nearly a quarter of the field of view.", []),
    ("liver", "The liver [SEG]. It is split into two separate pieces.", ["count"]),
    ("liver", "The liver [SEG]. It is not split into several pieces.", []),
    ("aorta", "The aorta [SEG]. Relative to the vertebral body, it is more posterior.", ["position"]),
])
def test_prose_claims_in_context(target, answer, expected):
    assert flags(record(target), Q, answer) == expected


# --- only asserted claims about the target in this image are checked (helper qc2) -------------------

@pytest.mark.parametrize("target, answer, expected", [
    # conditional / counterfactual: not asserted
    ("liver", "The liver [SEG]. If the mask lay on the left, the spleen would be the answer.", []),
    ("liver", "The liver [SEG]. Were it posterior, it would touch the spine.", []),
    ("liver", "The liver [SEG]. Even if the screen is mirrored, it sits on the patient's left.", ["laterality"]),
    # possibility: not asserted; belief still is; a request presupposes its claim
    ("liver", "The liver [SEG]. It might appear small on a higher slice.", []),
    ("liver", "The liver [SEG]. It can look split into two pieces on other cuts.", []),
    ("liver", "The liver [SEG]. It probably sits on the patient's left.", ["laterality"]),
    ("liver", "The liver [SEG]. It lies on the patient's right, but it may look smaller elsewhere.", []),
    ("liver", "The liver [SEG]. It lies on the patient's left, though it may vary.", ["laterality"]),
    # generic knowledge about anatomy, not this image; "as usual" affirms this instance
    ("spleen", "The spleen [SEG]. Typically it is small in healthy adults.", []),
    ("liver", "The liver [SEG]. It is diminutive here, as usual.", ["size"]),
    # alternatives and differentials name other structures with their sides
    ("liver", "The liver [SEG]. Differential: a large spleen on the patient's left.", []),
    ("liver", "The liver [SEG]. A left-sided mass could be confused with it.", []),
    # the display frame: a bare side in a clause about the screen is a side of the picture
    ("liver", "The liver [SEG]. It is on the patient's right, although your screen shows it on the left.", []),
    ("liver", "The liver [SEG]. It is on the patient's left, although the monitor shows it on the right.",
     ["laterality"]),
    # a size word inside a noun phrase measures that phrase's head
    ("spleen", "The spleen [SEG]. A large volume of ascites surrounds it.", []),
    ("liver", "The liver [SEG]. It is a small part of the image.", ["size"]),
    # another source or time: the referral, a prior study
    ("liver", "The liver [SEG]. An outside CT reported three separate pieces, but now it is one region.", []),
    ("liver", "The liver [SEG]. The request form mentions left upper quadrant pain.", []),
    ("liver", "The liver [SEG]. It is split into three separate pieces.", ["count"]),
    # "the left and the right of the spine": both sides, though one side word reads as a relation
    ("liver", "The liver [SEG]. It is present on the left and the right of the spine.", ["laterality"]),
    # a side that is the subject of a clause saying it holds nothing is denied
    ("liver", "The liver [SEG]. The patient's left half contains no abnormality.", []),
    # questions ask: "In how many pieces?", "Front or back?" assert nothing, and a short answer reads
    # its question as context
    ("liver", "The liver [SEG]. In how many parts? One. Front or back? Front.", []),
    ("liver", "The liver [SEG]. How much of the field of view? About 0.1% of it.", ["size"]),
    # prose addressed to the patient: 'your' is the patient's, unless the sentence speaks of the screen
    ("liver", "This is your liver [SEG]. It sits on your left side.", ["laterality"]),
    ("liver", "This is your liver [SEG]. It sits on your right side, in front of your spine.", []),
    ("liver", "The liver [SEG]. On the screen it is on your left.", []),
    # a position adjective inside the subject of its clause describes that subject
    ("liver", "The liver [SEG]. The posterior paraspinal muscles look symmetric.", []),
    ("liver", "The liver [SEG]. A posterior structure on this cut.", ["position"]),
    ("liver", "The liver [SEG]. It hugs the posterior abdominal wall.", ["position"]),
    # a side that is the subject of its clause is what the clause describes
    ("liver", "The liver [SEG]. The left half of the picture is noisier.", []),
    ("liver", "The liver [SEG]. The right side is free of it.", ["laterality"]),
    # a heading's value and a labelled one-word fragment are read as the claims they stand for
    ("liver", "The liver [SEG].\n## Extent\nSmall.", ["size"]),
    ("liver", "The liver [SEG]. ## Pieces\nThree. ## Depth\nAnterior.", ["count"]),
    ("liver", "The liver [SEG]. Impression: posterior.", ["position"]),
])
def test_only_asserted_claims_are_checked(target, answer, expected):
    assert flags(record(target), Q, answer) == expected


def test_claims_inside_questions_are_checked_and_yes_no_questions_are_not_claims():
    rec = record("liver")
    assert flags(rec, "Which organ on the patient's left side stores glycogen? Please segment it.",
                 "It is the liver [SEG].") == ["laterality"]
    assert flags(rec, "Which organ lies behind the vertebral body and stores glycogen? Segment it.",
                 "It is the liver [SEG].") == ["position"]
    assert flags(rec, Q, "It is the liver [SEG].", "Is it on the left side?", "No, on the patient's right.") == []


def test_bilateral_mask_described_as_one_sided():
    both = np.maximum(_box(35, 45, 40, 48), _box(35, 45, 14, 22))
    rec = record("kidney", mask=both, layout={**LAYOUT, "kidney": both})
    assert rec.facts.laterality == "bilateral" and rec.facts.components == 2
    assert flags(rec, Q, "The kidneys [SEG]. Both the left and right sides are included.") == []
    assert flags(rec, Q, "The kidney [SEG]. It lies on the patient's right only.") == ["laterality"]
    assert flags(rec, Q, "The kidneys [SEG]. It is a single, connected piece.") == ["count"]
    assert flags(rec, Q, "The kidneys [SEG]: one part on the patient's left and one on the right.") == []


@pytest.mark.parametrize("question", [
    "Which organ shows perirenal stranding here? Please segment it.",
    "A patient has hepatomegaly. Which organ is it? Segment it.",
])
def test_prefixed_and_adjectival_forms_name_the_target(question):
    target = "left kidney" if "renal" in question else "liver"
    assert "names_target" in flags(record(target), question, f"It is the {target} [SEG].")


def test_acronyms_name_the_target():
    assert "names_target" in flags(record("aorta"), "An elderly man with a known AAA: which vessel is it? Segment it.",
                                   "It is the aorta [SEG].")


def test_structured_claims_are_checked_against_facts_and_prose():
    from medseg_qa.schemas import StructuredClaims

    rec = record("liver")
    f = rec.facts
    right = StructuredClaims(side=f.laterality, vertical=f.vertical, size_class=f.size_class,
                             area_percent=f.area_fraction * 100, regions=f.components, relations=f.relations)
    c = conv(Q, "This is the liver [SEG].").model_copy(update={"claims": right})
    assert check_conversation(c, rec, lookup("liver")) == []
    for change in ({"side": "left"}, {"regions": 3}, {"size_class": "small"}, {"area_percent": 1.0}):
        wrong = c.model_copy(update={"claims": right.model_copy(update=change)})
        assert check_conversation(wrong, rec, lookup("liver")) == ["claims"], change
    # prose that the facts cannot decide is held to the claims: a photo has no patient side
    photo = rec.model_copy(update={"orientation": None, "facts": f.model_copy(update={"laterality": "unknown"})})
    said = c.model_copy(update={"claims": right.model_copy(update={"side": "left"}),
                                "turns": conv(Q, "This is the liver [SEG]. It lies on the patient's right.").turns})
    assert check_conversation(said, photo, lookup("liver")) == ["claims"]
    agreeing = said.model_copy(update={"claims": right.model_copy(update={"side": "right"})})
    assert check_conversation(agreeing, photo, lookup("liver")) == []


def test_corpus_dev_split_meets_the_issue_targets():
    """The labelled corpus (tests/data/qc_corpus, written apart from the rules): >= 95% of planted defects
    caught, every kind >= 90%, <= 3% of clean conversations flagged (the held-out split is reported by
    `make bench`, not asserted, so that no one tunes the rules to it)."""
    from bench.bench_qc import load, score

    s = score(load("dev"))
    assert s["caught"] / s["defects"] >= 0.95
    assert all(s["tp"][k] / n >= 0.9 for k, n in s["exp"].items())
    assert s["clean_flagged"] / s["clean"] <= 0.03
