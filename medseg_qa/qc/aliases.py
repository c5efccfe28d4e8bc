"""The answer's own name for what it segmented: "You're after the stoma [SEG]", "Outlined: the metal clips [SEG]",
"Here it is [SEG]: that's the fused renal mass".

A label the knowledge base does not know ("end colostomy", "surgical clips") is often called by another name in the
answer, and every later claim is made of that name ("The stoma is split into two pieces."). The noun phrase the
first answer attaches to its [SEG] token is the answer's own name for the target, so `with_alias` reads it as one
more synonym of the target for that conversation's claims. It is never used to judge whether the question names
the target (the question comes first). A phrase that names another known structure ("the left kidney [SEG]" of a
right kidney: a wrong name, not an alias), a pronoun-like or general word ("the structure", "the region"), a phrase
that places it ("the seventh rib on the left"), or one longer than four words is no alias.
"""

from __future__ import annotations

import re

from medseg_qa.schemas import SEG_TOKEN, SourceRecord

# "the X [SEG]", "the X, marked here: [SEG]", "**The X**, segmented here: [SEG]", "the X (outlined) [SEG]"
_BEFORE = re.compile(r"\bthe\s+((?:[a-z][\w'-]*\s+){0,3}[a-z][\w-]*)[\s*_,;:()-]*(?:(?:which\s+(?:i\s+)?(?:have|'ve)\s+)?"
                     r"(?:marked|outlined|highlighted|segmented|shown|shaded)(?:\s+(?:here|below|above|for\s+you))?)?[\s*_,;:()-]*$",
                     re.I)
# "[SEG]: that's the X", "[SEG] is the X", "[SEG] - the X"
_AFTER = re.compile(r"^[\s*_:,-]*(?:(?:that|this|it)(?:'s|\s+is)|is|shows)?\s*the\s+((?:[a-z][\w'-]*\s+){0,3}?[a-z][\w-]*)"
                    r"(?=\s*(?:[.,;:!?)]|$|\s+(?:which|that|and|in|on|at|of)\b))", re.I)
# a phrase that places or points ("the seventh rib on the left", "the one here") is no name
_NOT_A_NAME = frozenset("on in at of to from with by near left right here there this that is are it".split())
_GENERAL = frozenset("structure structures region regions area areas finding findings organ organs target mask segmentation "
                     "outline thing things one ones part parts answer image slice picture scan highlighted".split())


def seg_alias(answer: str) -> str | None:
    """The noun phrase the first answer attaches to its [SEG] token, lower case, or None."""
    at = answer.find(SEG_TOKEN)
    if at < 0:
        return None
    for m in (_BEFORE.search(answer[max(0, at - 120):at]), _AFTER.match(answer[at + len(SEG_TOKEN):at + len(SEG_TOKEN) + 120])):
        words = m.group(1).lower().split() if m else []  # ("The highlighted area [SEG] is the ileostomy": the second)
        if words and len(words) <= 4 and words[-1] not in _GENERAL and words[-1].rstrip("s") not in _GENERAL and \
                not _NOT_A_NAME & set(words):
            return " ".join(words)
    return None


def with_alias(record: SourceRecord, alias: str | None, lexicon) -> SourceRecord:
    """The record with the answer's alias as one more synonym, where it names nothing else known and is no term of
    the target yet; else the record itself."""
    if not alias or alias in lexicon.target_terms:
        return record
    mentions = lexicon.mentions(alias)
    if any(m.names for m in mentions) or any(m.start == 0 and m.end == len(alias) for m in mentions):
        return record  # another structure's name, or already read as the target ("the fused kidney")
    return record.model_copy(update={"synonyms": [*record.synonyms, alias]})
