"""Words framed to another slice, another time or another view: what they say is not a fact of this mask.

The mask is one 2D slice of one study, so "Two slices up it splits into three pieces", "On the slice below it becomes
one-sided", "In the full 3D volume there are four masses", "On the September study the left-sided component was the
dominant one" and "Last year it was larger" claim nothing that the slice's facts can decide. A frame governs the
clause it stands in, from the frame on, up to a word that brings the talk back to this slice ("..., but on this slice
it is one piece"). Used by `claims`.
"""

from __future__ import annotations

import re

from .modality import clause_span

_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|"
          r"jun|jul|aug|sep|sept|oct|nov|dec)")
_STUDY = r"(?:study|studies|scan|scans|exam|examination|ct|mri?|pet(?:-ct)?|film|x-?ray|images|imaging|series|visit|ultrasound)"
_SLICE = r"(?:slices?|cuts?|sections?|images?|levels?|frames?)"
_FRAME = re.compile(
    # another slice: "two slices up", "three slices further up", "on the next cut", "the slice below", "neighbouring slices"
    rf"\b(?:a|one|two|three|four|five|six|several|a\s+few|a\s+couple\s+of|\d+)\s+(?:more\s+)?{_SLICE}\s+(?:further\s+|higher\s+|"
    rf"lower\s+)?(?:up|down|above|below|higher|lower|cranially|caudally|on|back|earlier|later|away|over)\b|"
    rf"\b(?:on|in|at)\s+(?:the\s+)?(?:next|previous|prior|adjacent|neighbou?ring|following|preceding|subsequent|other|higher|"
    rf"lower|more\s+cranial|more\s+caudal)\s+{_SLICE}|"
    rf"\b(?:the|a)\s+{_SLICE}\s+(?:just\s+|immediately\s+|directly\s+)?(?:above|below|before|after|higher\s+up|lower\s+down)\b|"
    rf"\b(?:neighbou?ring|adjacent|contiguous|other|further)\s+(?:slices|cuts|sections|levels)\b|"
    # the volume or another reconstruction: "in the full 3D volume", "across the stack", "on the coronal reformat"
    r"\b(?:in|across|over|throughout)\s+the\s+(?:full|whole|entire|complete|3-?d)\s+(?:3-?d\s+)?(?:volume|stack|series|scan|study|"
    r"dataset|organ)\b|\bacross\s+the\s+(?:stack|series|volume)\b|\bin\s+3-?d\b|"
    r"\b(?:on|in)\s+the\s+(?:coronal|sagittal|axial|oblique|3-?d|mip|volume-rendered)\s+(?:reformats?|reconstructions?|mips?|"
    r"renderings?|recons?)\b|"
    # another time: "on the prior study", "the September study", "in March", "last year", "at baseline", "two years ago"
    rf"\b(?:on|in|at|from)\s+the\s+(?:prior|previous|earlier|last|baseline|old|original|initial|first|preceding|comparison|"
    rf"index|outside|{_MONTH}(?:\s+\d{{4}})?|\d{{4}})\s+{_STUDY}\b|"
    rf"\b(?:the|a)\s+{_MONTH}(?:\s+\d{{4}})?\s+{_STUDY}\b|\bin\s+{_MONTH}(?:\s+\d{{4}})?\b(?!\s+\d{{1,2}}\b)|"
    r"\b(?:last|previous)\s+(?:year|month|time|week|visit|scan|study|summer|winter|spring|autumn)\b|\bat\s+baseline\b|"
    r"\b(?:previous|prior|past)\s+(?:\d+|one|two|three|four|five)\b|"  # history: "Previous 2 separate LSCS."
    r"\b(?:a|one|two|three|four|five|six|eight|ten|\d+)\s+(?:years?|months?|weeks?)\s+(?:ago|earlier|before)\b", re.I)
# words that bring the talk back to this slice and this study
_BACK_HERE = re.compile(r"\b(?:(?:on|in)\s+(?:this|the\s+current|today'?s)\s+(?:slice|cut|image|section|frame|study|scan|one)|"
                        r"here|today|now|currently|at\s+present)\b", re.I)


def elsewhere_spans(sentence: str) -> list[tuple[int, int]]:
    """The spans of `sentence` that speak of another slice, time or view (see the module docstring)."""
    spans = []
    for m in _FRAME.finditer(sentence):
        start, end = clause_span(sentence, m.start())
        back = _BACK_HERE.search(sentence, m.end(), end)
        spans.append((start, back.start() if back else end))
    return spans
