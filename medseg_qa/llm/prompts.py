"""Versioned conversation prompts, the answer's JSON schema, and the answer's validation.

Contract:
- templates live in `pipelines/prompts/<version>/system.txt` and `user.txt` (`string.Template`, `$name`
  placeholders); a version is immutable once conversations were generated with it, because the version
  (not the text) goes into conversation ids and provenance; change the text by adding a version;
- a prompt is rendered only from the target, its synonyms, the record's modality and body region, its
  mask facts and its knowledge-base entry: never a patient id, case id, file path or dataset origin;
- `parse_turns` accepts exactly what the prompt asks for (a JSON object whose `turns` alternate user and
  assistant, starting with the user, `2 * user_turns` of them) and raises `AnswerInvalid` with a message
  that is sent back to the model as the one repair reprompt;
- a version whose folder holds `meta.json` with `"claims": true` (v2 on) also asks for the structured
  `claims` object beside the turns; `parse_answer` returns it, and the answer schema requires it.
"""

from __future__ import annotations

import base64
import json
import string
from functools import lru_cache
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, ValidationError

from medseg_qa.errors import ConfigError
from medseg_qa.schemas import MaskFacts, SourceRecord, StructuredClaims, Turn

STYLE_INSTRUCTIONS = {
    "function": "Ask which structure in this image performs one of the functions listed in the knowledge.",
    "clinical_scenario": "Describe one of the clinical scenarios listed in the knowledge as a short case and "
                         "ask which structure in this image should be examined.",
    "anatomical_relation": "Ask which structure lies in one of the anatomical relations given (a measured "
                           "relation to another structure in this image, or one from the knowledge).",
    "differential": "Ask which structure in this image must be told apart from the structures it is commonly "
                    "confused with, describing them without naming the target.",
}
FOLLOWUP_INSTRUCTION = ("each asks about the same structure: where it lies in this image (side, position), how "
                        "large it is or how many parts it has, its relations to the other structures measured, "
                        "or its function or clinical relevance from the knowledge; each answer is grounded in "
                        "the facts and knowledge above and does not repeat [SEG].")
_RELATION_WORDS = {"left_of": "to the patient's left of", "right_of": "to the patient's right of",
                   "anterior_to": "anterior to", "posterior_to": "posterior to", "superior_to": "superior to",
                   "inferior_to": "inferior to"}


MAX_TURN_CHARS = 240  # per turn, in the grammar variant of the answer schema


class AnswerInvalid(ValueError):
    """A model answer that does not meet the prompt's output contract; the message explains why."""


@lru_cache(maxsize=16)
def load_templates(version: str) -> tuple[string.Template, string.Template]:
    """(system, user) templates of a prompt version, from `pipelines/prompts/<version>/`."""
    from medseg_qa import pipelines

    folder = Path(pipelines.__file__).parent / "prompts" / version
    try:
        return (string.Template((folder / "system.txt").read_text()),
                string.Template((folder / "user.txt").read_text()))
    except FileNotFoundError:
        known = sorted(p.name for p in folder.parent.iterdir() if p.is_dir()) if folder.parent.is_dir() else []
        raise ConfigError(f"prompt version '{version}' not found in {folder.parent} (known: "
                          f"{', '.join(known) or 'none'}); fix generation.prompt_version") from None


@lru_cache(maxsize=16)
def asks_for_claims(version: str) -> bool:
    """Does this prompt version ask for the structured `claims` object (its meta.json says so)?"""
    from medseg_qa import pipelines

    meta = Path(pipelines.__file__).parent / "prompts" / version / "meta.json"
    if not meta.is_file():
        return False
    try:
        return bool(json.loads(meta.read_text()).get("claims"))
    except (ValueError, AttributeError):
        raise ConfigError(f"{meta}: not a JSON object; fix it (e.g. {{\"claims\": true}})") from None


def claims_schema() -> dict:
    """JSON Schema of the structured claims object (every key required, for strict json_schema mode)."""
    relation = {"type": "object", "properties": {
        "other": {"type": "string"},
        "relation": {"type": "string", "enum": ["left_of", "right_of", "anterior_to", "posterior_to",
                                                "superior_to", "inferior_to"]}},
        "required": ["other", "relation"], "additionalProperties": False}
    props = {"side": {"type": "string", "enum": ["left", "right", "midline", "bilateral", "unknown"]},
             "vertical": {"type": "string"},
             "size_class": {"type": "string", "enum": ["small", "medium", "large"]},
             "area_percent": {"type": "number"}, "regions": {"type": "integer"},
             "relations": {"type": "array", "items": relation}}
    return {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}


def describe_facts(facts: MaskFacts) -> str:
    """The measured facts as plain lines in patient terms."""
    side = ("unknown (the image has no patient axes)" if facts.laterality == "unknown" else facts.laterality)
    lines = [
        f"- side (patient terms): {side}",
        f"- position along the image rows: {facts.vertical}",
        f"- size: {facts.size_class} ({facts.area_fraction * 100:.1f}% of the image area)",
        f"- separate parts visible: {facts.components}",
    ]
    if facts.relations:
        rel = "; ".join(f"{_RELATION_WORDS[r.relation]} the {r.other}" for r in facts.relations)
        lines.append(f"- relations to other structures in this image: {rel}")
    else:
        lines.append("- relations to other structures in this image: none measured")
    return "\n".join(lines)


def describe_knowledge(entry) -> str:
    def items(values: list[str]) -> str:
        return "; ".join(values) if values else "(none given)"

    lines = [f"- category: {entry.category}"]
    if getattr(entry, "descriptor", None):
        lines.append(f"- described without its name: {entry.descriptor}")
    return "\n".join(lines + [
        f"- functions: {items(entry.functions)}",
        f"- clinical scenarios: {items(entry.clinical)}",
        f"- anatomical relations: {items(entry.relations)}",
        f"- commonly confused with: {items(entry.differentials)}",
    ])


def forbidden_names(record: SourceRecord, entry) -> list[str]:
    """Every term that gives the target away (the same terms QC looks for; 'hepato-' marks a prefix)."""
    from medseg_qa.knowledge import giveaway_terms

    names = set(giveaway_terms(record.target, record.synonyms))
    if entry is not None:
        names |= set(entry.terms())
    return sorted(names)


def render_prompt(request) -> tuple[str, str]:
    """(system, user) text for a `ConversationRequest`."""
    system_t, user_t = load_templates(request.prompt_version)
    rec, entry = request.record, request.knowledge
    image_line = f"{rec.modality}, {rec.body_region}"
    if rec.orientation is None:
        image_line += " (a photograph without patient axes: say image left/right, not patient sides)"
    values = dict(
        image_line=image_line, target=rec.target, forbidden=", ".join(forbidden_names(rec, entry)),
        facts=describe_facts(rec.facts), knowledge=describe_knowledge(entry), style=request.style,
        style_instruction=STYLE_INSTRUCTIONS[request.style], followup_instruction=FOLLOWUP_INSTRUCTION,
        user_turns=request.user_turns, n_turns=2 * request.user_turns)
    return system_t.substitute(values), user_t.substitute(values)


def build_messages(request, images: Optional[list[bytes]] = None) -> list[dict]:
    """Chat messages for a request; `images` (PNG bytes) are attached to the user turn for vision models."""
    system, user = render_prompt(request)
    if not images:
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]
    parts: list[dict] = [{"type": "text", "text": user + "\n\nThe first image is the scan; the second shows "
                                                          "the target's outline in red."}]
    for png in images:
        parts.append({"type": "image_url",
                      "image_url": {"url": "data:image/png;base64," + base64.b64encode(png).decode()}})
    return [{"role": "system", "content": system}, {"role": "user", "content": parts}]


def repair_messages(messages: list[dict], raw_text: str, problem: str, user_turns: int) -> list[dict]:
    """The original conversation plus the invalid answer and one message saying what to fix."""
    return messages + [
        {"role": "assistant", "content": raw_text},
        {"role": "user", "content": f"That reply is invalid: {problem}. Reply again with only the JSON object "
                                    f"{{\"turns\": [...]}} (plus the \"claims\" object if the rules ask for it) "
                                    f"holding exactly {2 * user_turns} turns that alternate user and assistant, "
                                    "starting with the user, following every rule."},
    ]


def answer_schema(user_turns: int, *, grammar: bool = False, claims: bool = False) -> dict:
    """JSON Schema of the answer.

    `grammar=True` is for servers that compile the schema into a sampling grammar (llama.cpp's
    json_object + schema): each position gets its fixed role (`prefixItems` with `const`), the first
    answer must hold exactly one [SEG] and no other turn any (patterns), and strings carry no raw control
    characters, and each turn is capped at MAX_TURN_CHARS so that a small model that starts repeating
    itself still closes the JSON before max_tokens. OpenAI's strict json_schema mode gets the plain
    variant (it rejects patterns and lengths it cannot compile)."""
    n = 2 * user_turns

    def turn(role: Optional[str], content: dict) -> dict:
        role_schema = {"type": "string", "const": role} if role else {"type": "string", "enum": ["user", "assistant"]}
        return {"type": "object", "properties": {"role": role_schema, "content": content},
                "required": ["role", "content"], "additionalProperties": False}

    if grammar:
        # no brackets (so [SEG] appears only where placed), quotes, escapes or control characters (the
        # server's generic string rule lets a raw newline through, which is not JSON)
        safe = r'[^\[\]\n\r\t"\\]'
        text = {"type": "string", "pattern": rf"^{safe}{{12,{MAX_TURN_CHARS}}}$"}
        seg_answer = {"type": "string", "pattern": rf"^{safe}{{4,{MAX_TURN_CHARS}}}\[SEG\]{safe}{{0,80}}$"}
        plain = text
        items = [turn("user", text), turn("assistant", seg_answer)]
        items += [turn("user", text), turn("assistant", plain)] * (user_turns - 1)
        turns: dict = {"type": "array", "prefixItems": items, "items": False, "minItems": n, "maxItems": n}
    else:
        turns = {"type": "array", "minItems": n, "maxItems": n, "items": turn(None, {"type": "string"})}
    if claims:
        return {"type": "object", "properties": {"turns": turns, "claims": claims_schema()},
                "required": ["turns", "claims"], "additionalProperties": False}
    return {"type": "object", "properties": {"turns": turns}, "required": ["turns"], "additionalProperties": False}


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")
    turns: list[Turn]
    claims: Optional[StructuredClaims] = None


def parse_turns(text: Optional[str], user_turns: int) -> list[Turn]:
    """The turns of a model answer, or `AnswerInvalid` saying what is wrong (one line)."""
    return parse_answer(text, user_turns)[0]


def parse_answer(text: Optional[str], user_turns: int, *, claims: bool = False
                 ) -> tuple[list[Turn], Optional[StructuredClaims]]:
    """(turns, structured claims) of a model answer; with `claims=True` the claims object is required.
    `AnswerInvalid` says what is wrong (one line)."""
    if not text or not text.strip():
        raise AnswerInvalid("the reply is empty")
    body = text.strip()
    if body.startswith("```"):  # a fenced block despite the instructions: take its inside
        body = body.strip("`")
        body = body[body.find("{"):] if "{" in body else body
    try:
        data = json.loads(body, strict=False)  # tolerate raw control characters inside strings
    except json.JSONDecodeError as exc:
        raise AnswerInvalid(f"it is not valid JSON ({exc.msg} at character {exc.pos})") from None
    try:
        answer = _Answer.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "the top level"
        raise AnswerInvalid(f"{where}: {err['msg']}") from None
    turns = answer.turns
    if claims and answer.claims is None:
        raise AnswerInvalid("the \"claims\" object is missing beside \"turns\"")
    n = 2 * user_turns
    if len(turns) != n:
        raise AnswerInvalid(f"it has {len(turns)} turns, not {n}")
    for i, turn in enumerate(turns):
        expected = "user" if i % 2 == 0 else "assistant"
        if turn.role != expected:
            raise AnswerInvalid(f"turn {i + 1} has role '{turn.role}', expected '{expected}'")
        if not turn.content.strip():
            raise AnswerInvalid(f"turn {i + 1} is blank")
    return turns, answer.claims


def contour_overlay_png(image_png: bytes, mask_png: bytes) -> bytes:
    """The image with the mask's outline drawn in red (for vision models): shows the target without text."""
    import numpy as np
    from scipy import ndimage

    from medseg_qa.imageio import from_png_bytes, to_png_bytes

    image = from_png_bytes(image_png)
    mask = from_png_bytes(mask_png) > 0
    if mask.ndim == 3:
        mask = mask[..., 0]
    rgb = np.repeat(image[..., None], 3, axis=2) if image.ndim == 2 else image[..., :3].copy()
    edge = mask & ~ndimage.binary_erosion(mask, iterations=2)
    rgb = rgb.astype(np.uint8)
    rgb[edge] = (255, 0, 0)
    return to_png_bytes(rgb)
