"""Symbols: typographic signs an LLM's chat answers use for words, read as those words before claims are read.

Chat models decorate answers with emoji bullets, arrows and math signs ("Side ≠ LEFT", "size ≈ 3 % of the slice",
"× 2 lesions", "2 separate pieces ✗ → fix: 1"). NFKC (`normalize_text`) already folds fullwidth digits, superscripts
and odd spaces; this module gives the remaining signs their words, so the sentence readers see prose:

- a sign that says something becomes its word: ≠ "not", ≈ and a leading ~ "about", ≥ "at least", ≤ "at most", a
  cross mark after a statement "Wrong." (it strikes the statement: "screen right ✗ → fix: midline"), and a
  multiplication sign before a count nothing ("× 2 lesions" is "2 lesions"; "1 × 1 mm" keeps its x);
- a check mark after a statement says nothing new and is dropped (marks before an item are a tick list's, read as
  such by the sentence readers: "✓ one region  ✗ several");
- a pictograph (emoji, a dingbat, an arrow emoji) before a capital opens a new line ("It lies left 📍 By convention
  ..."); between two other pieces of text it separates them as a semicolon does ("2 separate pieces 🔢 ✏️ edit: no -
  1 piece" is two clauses); at a line's edge it is dropped;
- " + " between words is "and" ("patient's left + right"); a pointer ("Size ▸ large") is an arrow, and a
  bullet where it opens a line or follows a sentence's end; an arrow opening a line is a bullet.
Arrows between a key and its value ("size → large") are left to `shorthand`, which reads them as `key: value`.
"""

from __future__ import annotations

import re

# pictographs, dingbats, box drawing and arrow emoji, with their variation selectors and joiners; not the check and
# cross marks and ballot boxes, which are read on their own (the pointers are read before)
_PICTO = (r"(?![\u2705\u2610-\u2612\u2713-\u2718\u274C\u274E])"
          r"[\U0001F000-\U0001FAFF\u2190\u2191\u2193\u21B0-\u21BF\u2600-\u27BF\u2B00-\u2BFF\u2194-\u21AF\u21C4-\u21C6"
          r"\u2500-\u25FF\u2934\u2935\u231A-\u23FF\u24C2\u3030\u303D\u3297\u3299\u00A9\u00AE\u2122\u2139]")
_MODIFIERS = r"[\uFE0E\uFE0F\u200D\U0001F3FB-\U0001F3FF]*"  # variation selectors, joiners, skin tones
_PICTO_RUN = re.compile(rf"{_PICTO}{_MODIFIERS}(?:[ \t]*{_PICTO}{_MODIFIERS})*")
_BETWEEN = re.compile(r"(?<=[\w).%'\"*_])[ \t]*\x00[ \t]*(?=[\w\"'*_])")  # a pictograph run between two pieces of text
_POINTER = re.compile(r"[ \t]*[\u25B6\u25B8\u25BA\u25BC]\uFE0F?[ \t]*")  # "Size ▸ large": a key's arrow
# a cross or check mark after what it marks (not a tick box before its item: "\u2713 one region  \u2717 several")
_CROSS = re.compile(r"[ \t]*[\u2717\u2718\u274C\u2716\u274E]\uFE0F?(?:[ \t]*(?:\u2192|->|=>|\u21d2)(?=[ \t]*\w)|"
                    r"(?=[ \t]*(?:$|[\n.,;:!?)])))", re.M)
_CHECK = re.compile(r"[ \t]*[\u2713\u2714\u2705\u2611]\uFE0F?(?=[ \t]*(?:$|[\n.,;:!?)]|[\u2192\u21d2]|->|=>))", re.M)
_NOT_EQUAL = re.compile(r"[ \t]*\u2260[ \t]*")
_AT_LEAST = re.compile(r"[\u2265\u2264][ \t]*(?=\d)")  # "≥ 2 of 4 regions", "≤ 3 mm"
_ABOUT = re.compile(r"\u2248[ \t]*|(?<![\w~])~[ \t]*(?=\d)")
_TIMES = re.compile(r"(?<![\d.][ \t])(?<![\d.])\u00D7[ \t]*(?=\d)")  # "× 2 lesions", not "1 × 1 × 3 mm"
_PLUS = re.compile(r"(?<=[a-z'])[ \t]+\+[ \t]+(?=[a-z])", re.I)


# an arrow opening a line is its bullet
_LEADING_ARROW = re.compile(r"(?m)^[ \t]*(?:[\u2192\u21d2\u27a1\u2794\u279c\u21b3]\uFE0F?|->|=>)[ \t]*")


def spelled(text: str) -> str:
    """`text` with its typographic signs read as words (see the module docstring); text without them is returned
    unchanged."""
    if text.isascii():
        return text
    text = _LEADING_ARROW.sub("", text)
    text = _POINTER.sub(lambda m: "\n" if m.start() == 0 or text[m.start() - 1] in ".!?\n" else " \u2192 ", text)
    text = _CROSS.sub(". Wrong.", text)
    text = _CHECK.sub("", text)
    text = _NOT_EQUAL.sub(" not ", text)
    text = _AT_LEAST.sub(lambda m: "at least " if m.group(0)[0] == "\u2265" else "at most ", text)
    text = _ABOUT.sub("about ", text)
    text = _TIMES.sub("", text)
    text = _PICTO_RUN.sub("\x00", text)
    text = re.sub(r"[ \t]*\x00[ \t]+(?=[*_]*[A-Z])", "\n", text)  # "It lies left 📍 By convention ...": a new line
    text = _BETWEEN.sub("; ", text)
    text = re.sub(r"[ \t]*\x00[ \t]*", " ", text)
    text = _PLUS.sub(" and ", text)
    return re.sub(r"\n[ \t]+", "\n", re.sub(r"[ \t]+(?=[.,;:!?)])", "", text))
