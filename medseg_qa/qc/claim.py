"""The claim record shared by the extractors: one checkable statement about the target."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Claim:
    """One checkable statement about the target: kind is side/midline/vertical/relation/size/percent/pixels/count."""

    kind: str
    value: object
    other: str | None = None  # relation claims: the other structure's names, '|'-joined; 'body' for a share of the body
    # 'hedged' side and vertical claims ("slightly left"), 'extreme' ones ("far back"); 'less'/'more' for percent
    # bounds; 'either_axis' for a bare "centrally" (the midline or the middle front to back)
    qualifier: str = ""
    text: str = ""
    negated: bool = False
