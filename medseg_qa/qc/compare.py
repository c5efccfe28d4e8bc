"""Claims against facts: which flag a claim raises against the record's measured facts, or against the
structured claims the generator returned beside its prose.

A denied claim ("not on the left") contradicts the facts exactly when the claim itself would agree with
them. Percentages get a factor-of-two tolerance (a writer rounds, and the size class bounds are a
factor of five apart); a bound ("under 1%", "a fraction of 1%") is checked as a bound, with 25% slack.
"""

from __future__ import annotations

import re

from medseg_qa.schemas import MaskFacts, StructuredClaims

from .claim import Claim
from .relations import INVERSE

FLAG_OF_KIND = {"side": "laterality", "midline": "laterality", "vertical": "position", "relation": "position",
                "size": "size", "percent": "size", "pixels": "size", "count": "count"}
_OPPOSITE = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior",
             "upper": "lower", "lower": "upper"}


def _rounding(text: str) -> float:
    """How far a number written in `text` may be from what it rounds: "0.0%" stands for anything under 0.05%,
    "12%" for 11.5 to 12.5."""
    m = re.search(r"\d+(?:\.(\d+))?", text)
    return 0.0 if not m else 0.5 * 10.0 ** -len(m.group(1) or "")


def _agrees(claim: Claim, side: str | None, vertical: str | None, size: str | None, percent: float | None,
            count: int | None, relations: list) -> bool | None:
    """True/False when the facts given decide the claim, None when they cannot."""
    if claim.kind == "side":
        if side not in ("left", "right", "midline", "bilateral"):
            return None
        if claim.value == "one-sided":
            return None if side == "midline" else side != "bilateral"
        if claim.qualifier == "part" and side == "bilateral":
            return True  # "one part lies on the left" of a mask on both sides
        if side == "midline":
            return True if claim.qualifier == "hedged" else False
        return claim.value == side
    if claim.kind == "midline":
        if claim.qualifier == "either_axis" and side != "midline" and vertical == "central":
            return None  # "it lies centrally" of a left-sided mask central front to back
        return None if side not in ("left", "right", "midline", "bilateral") else side == "midline"
    if claim.kind == "vertical":
        if claim.value == "central":  # "roughly central front to back"
            return None if vertical is None or vertical == "unknown" else vertical == "central"
        if vertical == "central":  # "toward the front" of a mask measured central is false, "slightly in front" may hold
            return None if claim.qualifier == "hedged" else False
        if vertical not in _OPPOSITE:
            return None
        return False if claim.value == _OPPOSITE[vertical] else (True if claim.value == vertical else None)
    if claim.kind == "relation":
        if claim.value in ("medial_to", "lateral_to"):  # toward or away from the midline, on the target's own side
            if side not in ("left", "right"):
                return None
            toward = "right_of" if side == "left" else "left_of"
            claim = Claim("relation", toward if claim.value == "medial_to" else INVERSE[toward], claim.other, text=claim.text)
        present = {r.other.lower() for r in relations}
        candidates = set((claim.other or "").split("|")) & present
        if len(candidates) != 1:
            return None
        other = candidates.pop()
        rels = {r.relation for r in relations if r.other.lower() == other}
        if INVERSE[claim.value] in rels:
            return False
        return True if claim.value in rels else None
    if claim.kind == "size":
        return None if size is None else size in str(claim.value).split("|")  # "modest": small or medium
    if claim.kind == "percent":
        if percent is None:
            return None
        actual, said = percent, float(claim.value)
        if claim.qualifier == "less":
            return actual <= 1.25 * said + 0.01
        if claim.qualifier == "more":
            return actual >= said / 1.25 - 0.01
        return abs(said - actual) <= max(0.01, _rounding(claim.text)) or actual / 2 <= said <= 2 * actual
    if claim.kind == "count":
        if count is None or count == 0:
            return None
        if claim.qualifier and isinstance(claim.value, int):  # "more than two parts", "at most three"
            return {"more": count > claim.value, "fewer": count < claim.value, "at_most": count <= claim.value,
                    "at_least": count >= claim.value}[claim.qualifier]
        if claim.value == 1:
            return count == 1
        if claim.value == "many":
            return count > 1
        return claim.value == count
    return None


def contradiction(claim: Claim, facts: MaskFacts) -> str | None:
    """The flag a claim raises against measured facts, or None when it agrees or cannot be checked."""
    if claim.kind == "pixels":  # an area in pixels is a share of this image
        claim = Claim("percent", 100.0 * float(claim.value) / (facts.width * facts.height), qualifier=claim.qualifier,
                      text=claim.text, negated=claim.negated)
    if claim.kind == "percent" and claim.other == "body":  # a share of the body: its own measure, if taken
        percent = None if facts.body_fraction is None else facts.body_fraction * 100.0
    else:
        percent = facts.area_fraction * 100.0
    agrees = _agrees(claim, facts.laterality, facts.vertical, facts.size_class, percent, facts.components,
                     facts.relations)
    if agrees is None:
        return None
    if claim.negated:  # "not on the left": wrong exactly when "on the left" is right
        return FLAG_OF_KIND[claim.kind] if agrees and claim.kind != "percent" else None
    return None if agrees else FLAG_OF_KIND[claim.kind]


def structured_problems(claims: StructuredClaims, facts: MaskFacts) -> list[str]:
    """Fields of the structured claims that differ from the measured facts (exact comparison)."""
    bad = []
    if claims.side is not None and facts.laterality != "unknown" and claims.side != facts.laterality:
        bad.append(f"side {claims.side} (measured {facts.laterality})")
    if claims.vertical is not None and claims.vertical != facts.vertical:
        bad.append(f"vertical {claims.vertical} (measured {facts.vertical})")
    if claims.size_class is not None and claims.size_class != facts.size_class:
        bad.append(f"size_class {claims.size_class} (measured {facts.size_class})")
    actual = facts.area_fraction * 100.0
    if claims.area_percent is not None and abs(claims.area_percent - actual) > max(0.05, 0.1 * actual):
        bad.append(f"area_percent {claims.area_percent} (measured {actual:.2f})")
    if claims.regions is not None and claims.regions != facts.components:
        bad.append(f"regions {claims.regions} (measured {facts.components})")
    measured = {(r.other.lower(), r.relation) for r in facts.relations}
    for rel in claims.relations:
        if (rel.other.lower(), rel.relation) not in measured:
            bad.append(f"relation {rel.relation} {rel.other} (not measured)")
    return bad


def disagrees_with_structured(claim: Claim, claims: StructuredClaims) -> bool:
    """Does a prose claim contradict the structured claims the same answer returned?"""
    percent = None if claim.other == "body" else claims.area_percent  # the structured claims give image shares
    agrees = _agrees(claim, claims.side, claims.vertical, claims.size_class, percent, claims.regions,
                     claims.relations)
    if claim.negated:
        return bool(agrees) and claim.kind != "percent"
    return agrees is False
