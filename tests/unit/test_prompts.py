"""Prompt rendering (facts, knowledge, rules, no identifiers), the answer contract, and the overlay."""

from __future__ import annotations

import json

import numpy as np
import pytest

from medseg_qa.errors import ConfigError
from medseg_qa.facts import compute_facts
from medseg_qa.imageio import from_png_bytes, to_png_bytes
from medseg_qa.knowledge import lookup
from medseg_qa.llm.base import ConversationRequest
from medseg_qa.llm.prompts import (AnswerInvalid, answer_schema, build_messages, contour_overlay_png, load_templates,
                                   parse_turns, render_prompt, repair_messages)
from medseg_qa.schemas import SourceRecord

PATIENT, CASE, ORIGIN = "pt-SECRET-4711", "case-SECRET-0815", "/data/hospital/SECRET/scan_01.nii.gz"


def _record(target="liver", orientation="LP") -> SourceRecord:
    mask = np.zeros((64, 64), np.uint8)
    mask[20:40, 5:25] = 255  # image left = patient right in LP
    other = np.zeros_like(mask)
    other[20:40, 45:60] = 255
    return SourceRecord(record_id="r1", source="folder", dataset="ds", image_blob="a" * 64, mask_blob="b" * 64,
                        width=64, height=64, target=target, synonyms=["hepatic"], modality="CT",
                        body_region="abdomen", case_id=CASE, patient_id=PATIENT, licence="CC-BY-4.0",
                        orientation=orientation, origin=ORIGIN,
                        facts=compute_facts(mask, orientation, {"spleen": other}))


def _request(style="function", record=None, user_turns=3) -> ConversationRequest:
    record = record or _record()
    return ConversationRequest(record=record, knowledge=lookup(record.target), style=style, user_turns=user_turns,
                               seed=0, prompt_version="v1")


@pytest.mark.parametrize("style", ["function", "clinical_scenario", "anatomical_relation", "differential"])
def test_prompt_carries_facts_knowledge_style_and_rules(style):
    system, user = render_prompt(_request(style))
    entry = lookup("liver")
    assert "[SEG]" in system and "exactly one [SEG]" in system
    assert "never contains the structure's name" in system and "only from the measured facts" in system
    assert "Target structure: liver" in user
    assert "- side (patient terms): right" in user
    assert "to the patient's right of the spleen" in user
    assert "- separate parts visible: 1" in user
    assert f"First question style: {style}." in user
    assert entry.functions[0] in user and entry.differentials[0] in user
    forbidden = user.split("Forbidden names in the first question: ")[1].splitlines()[0].split(", ")
    assert {"liver", "hepatic", "hepato-"} <= set(forbidden)
    assert "Write exactly 6 turns" in user
    assert "$" not in system + user  # every placeholder was filled


def test_prompt_never_carries_patient_case_or_path():
    messages = build_messages(_request())
    text = json.dumps(messages)
    for secret in ("SECRET", PATIENT, CASE, ORIGIN, "hospital", "scan_01"):
        assert secret not in text


def test_photo_without_axes_says_so():
    _, user = render_prompt(_request(record=_record(orientation=None)))
    assert "unknown (the image has no patient axes)" in user and "image left/right" in user


def test_unknown_prompt_version_is_a_config_error():
    with pytest.raises(ConfigError, match="prompt version 'v999' not found.*known: .*v1"):
        load_templates("v999")


def test_multimodal_messages_attach_png_data_urls():
    png = to_png_bytes(np.zeros((8, 8), np.uint8))
    messages = build_messages(_request(), images=[png, png])
    parts = messages[1]["content"]
    assert parts[0]["type"] == "text" and "Target structure: liver" in parts[0]["text"]
    assert [p["image_url"]["url"][:22] for p in parts[1:]] == ["data:image/png;base64,"] * 2


def _answer(n_pairs=3, **overrides) -> str:
    turns = []
    for i in range(n_pairs):
        turns += [{"role": "user", "content": f"question {i}?"}, {"role": "assistant", "content": f"answer {i}."}]
    turns[1]["content"] = "It is the liver [SEG]."
    return json.dumps({"turns": turns, **overrides})


def test_parse_turns_accepts_the_contract():
    turns = parse_turns(_answer(), 3)
    assert [t.role for t in turns] == ["user", "assistant"] * 3
    assert turns[1].content == "It is the liver [SEG]."
    assert len(parse_turns("```json\n" + _answer() + "\n```", 3)) == 6  # a fenced block is tolerated
    raw_newline = _answer().replace("question 0?", "question\n0?")  # a raw control character in a string
    assert parse_turns(raw_newline, 3)[0].content == "question\n0?"


@pytest.mark.parametrize("text, problem", [
    ("", "empty"),
    ("Sure, here it is: turns...", "not valid JSON"),
    ('{"turns": [{"role": "user", "content": "q"}', "not valid JSON"),
    ('{"conversation": []}', "turns: Field required"),
    ('{"turns": [{"role": "doctor", "content": "q"}]}', "turns.0.role"),
    ('{"turns": [{"role": "user", "content": ""}]}', "turns.0.content"),
])
def test_parse_turns_explains_what_is_wrong(text, problem):
    with pytest.raises(AnswerInvalid, match=problem):
        parse_turns(text, 3)


def test_parse_turns_checks_count_and_alternation():
    with pytest.raises(AnswerInvalid, match="4 turns, not 6"):
        parse_turns(_answer(2), 3)
    bad = json.loads(_answer())
    bad["turns"][2]["role"] = "assistant"
    with pytest.raises(AnswerInvalid, match="turn 3 has role 'assistant', expected 'user'"):
        parse_turns(json.dumps(bad), 3)


def test_repair_messages_quote_the_answer_and_the_problem():
    msgs = build_messages(_request())
    repaired = repair_messages(msgs, "not json", "it is not valid JSON", 3)
    assert repaired[:2] == msgs
    assert repaired[2] == {"role": "assistant", "content": "not json"}
    assert "it is not valid JSON" in repaired[3]["content"] and "exactly 6 turns" in repaired[3]["content"]


def test_answer_schema_fixes_the_turn_count():
    schema = answer_schema(4)
    arr = schema["properties"]["turns"]
    assert arr["minItems"] == arr["maxItems"] == 8
    assert "maxLength" not in json.dumps(schema) and "pattern" not in json.dumps(schema)  # OpenAI strict mode


def test_grammar_schema_fixes_roles_and_the_single_seg():
    import re

    arr = answer_schema(3, grammar=True)["properties"]["turns"]
    items = arr["prefixItems"]
    assert arr["minItems"] == arr["maxItems"] == len(items) == 6 and arr["items"] is False
    assert [i["properties"]["role"]["const"] for i in items] == ["user", "assistant"] * 3
    first_answer = re.compile(items[1]["properties"]["content"]["pattern"])
    later_answer = re.compile(items[3]["properties"]["content"]["pattern"])
    assert first_answer.match("This is the organ meant, the liver [SEG].")
    assert not first_answer.match("No token in this answer at all.")
    assert not first_answer.match("Two tokens [SEG] and [SEG].")
    assert not first_answer.match('A quote " would break the JSON [SEG]')
    assert later_answer.match("It lies on the patient's right side.")
    assert not later_answer.match("It is here again [SEG].")


def test_contour_overlay_draws_the_outline_in_red_only():
    image = np.full((32, 32), 100, np.uint8)
    mask = np.zeros((32, 32), np.uint8)
    mask[8:24, 8:24] = 255
    out = from_png_bytes(contour_overlay_png(to_png_bytes(image), to_png_bytes(mask)))
    red = (out[..., 0] == 255) & (out[..., 1] == 0)
    assert out.shape == (32, 32, 3)
    assert red[8, 8:24].all() and red[8:24, 8].all()   # the border is outlined
    assert not red[14:18, 14:18].any()                 # the inside is not
    assert not red[:7].any()                           # nor is the outside
    assert (out[~red] == 100).all()


def test_prompt_v2_asks_for_structured_claims_and_v1_does_not():
    import pytest

    from medseg_qa.llm.prompts import AnswerInvalid, answer_schema, asks_for_claims, parse_answer

    assert asks_for_claims("v2") and not asks_for_claims("v1")
    schema = answer_schema(1, claims=True)
    assert schema["required"] == ["turns", "claims"]
    assert set(schema["properties"]["claims"]["required"]) == {"side", "vertical", "size_class", "area_percent",
                                                                "regions", "relations"}
    turns = [{"role": "user", "content": "Which organ stores bile? Please segment it."},
             {"role": "assistant", "content": "The gallbladder [SEG]."}]
    claims = {"side": "right", "vertical": "anterior", "size_class": "small", "area_percent": 0.4, "regions": 1,
              "relations": [{"other": "liver", "relation": "inferior_to"}]}
    parsed, got = parse_answer(json.dumps({"turns": turns, "claims": claims}), 1, claims=True)
    assert len(parsed) == 2 and got.side == "right" and got.relations[0].other == "liver"
    with pytest.raises(AnswerInvalid, match="claims"):
        parse_answer(json.dumps({"turns": turns}), 1, claims=True)
    with pytest.raises(AnswerInvalid):
        parse_answer(json.dumps({"turns": turns, "claims": {**claims, "side": "up"}}), 1, claims=True)
