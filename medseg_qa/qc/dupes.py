"""Near-duplicate questions: the same question with a word swapped, a lead-in added or its clauses
reordered.

Each question becomes a set of lemmas (lower case, suffix-stripped, without function words), so word
order and inflection no longer matter. Two questions are duplicates when their lemma sets overlap by
Jaccard >= `threshold` (a swapped word or two), or when one set is almost contained in the other
(a lead-in or a trailing courtesy added to the same question). Candidate pairs come from an inverted
index over lemmas, so a group of thousands of questions is compared only where lemmas are shared.
"""

from __future__ import annotations

import re
from collections import defaultdict

from medseg_qa.knowledge import normalize_text

_STOP = frozenset("""a an the this that these those it its is are was were be been being do does did can could would
will shall should may might must of in on at to for from by with as and or but if so than then there here which what
who whom whose where when how why please kindly me my you your i we us our tell show let just also here's here
""".split())
CONTAINMENT = 0.9


def lemma(word: str) -> str:
    """A crude, deterministic lemma: enough to merge 'produces'/'produce', 'enzymes'/'enzyme'."""
    w = word.lower().removesuffix("'s")
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"),
                         ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not (suffix == "s" and w.endswith("ss")):
            return w[: len(w) - len(suffix)] + repl
    return w


def lemma_set(text: str) -> frozenset:
    words = re.findall(r"[a-z0-9']+", normalize_text(text).lower())
    return frozenset(lemma(w) for w in words if w not in _STOP and len(w) > 1)


def similar(a: frozenset, b: frozenset, threshold: float) -> bool:
    if not a or not b:
        return False
    inter = len(a & b)
    if inter / len(a | b) >= threshold:
        return True
    small = min(len(a), len(b))
    return small >= 4 and inter / small >= CONTAINMENT


class QuestionIndex:
    """The questions of one group so far, lemmatised once: `repeats(q)` says whether `q` is a near-duplicate
    of any of them (what `near_duplicates(earlier + [q])` says of its last index) without lemmatising the
    earlier ones again, so checking each new question of a growing group stays linear, not quadratic."""

    def __init__(self, threshold: float = 0.7) -> None:
        self.threshold = threshold
        self._sets: list[frozenset] = []
        self._index: dict[str, list[int]] = defaultdict(list)

    def __len__(self) -> int:
        return len(self._sets)

    def _matches(self, tokens: frozenset) -> bool:
        seen: set[int] = set()
        for token in tokens:
            for i in self._index.get(token, ()):
                if i not in seen:
                    seen.add(i)
                    if similar(self._sets[i], tokens, self.threshold):
                        return True
        return False

    def _add(self, tokens: frozenset) -> None:
        for token in tokens:
            self._index[token].append(len(self._sets))
        self._sets.append(tokens)

    def repeats(self, question: str) -> bool:
        return self._matches(lemma_set(question))

    def add(self, question: str) -> None:
        self._add(lemma_set(question))


def near_duplicates(questions: list[str], threshold: float = 0.7) -> set[int]:
    """Indices whose question is a near-duplicate of an earlier one (same target and group)."""
    index, dupes = QuestionIndex(threshold=threshold), set()
    for j, question in enumerate(questions):
        tokens = lemma_set(question)
        if index._matches(tokens):
            dupes.add(j)
        index._add(tokens)
    return dupes
