"""Answer options: a lettered option list offers its options, it does not assert them; its key asserts one.

Quiz and board-exam registers put every side, size and count on the page as options ("A. The patient's left /
B. The patient's right / C. Both sides"), most of them wrong by design. Read as sentences they contradict the mask
whatever the key says. `offered` rewrites a conversation's turns before they are read:
- a run of three or more options lettered in order from A (one per line, or inline "(A) ... (B) ... (C) ...") is
  dropped: an option is a possibility, like a question's alternatives;
- the key ("Answer: C", "Correct answer - (c)", "The answer is C.") is replaced by the keyed option's text, on its own
  line after the question, so it reads as the answer to that question ("How many regions? ... Answer: D" with D "2"
  reads "2." under "How many regions?"), and a wrong key is caught like any wrong answer.
A key without a known option list (a letter never offered since the last question) or one that writes its option out
("Answer: (b) towards the back") is left as written. Nothing else changes, so a conversation without lettered options
reads exactly as before.
"""

from __future__ import annotations

import re

_LETTERS = "ABCDEFGH"
# one option on its own line: "A. text", "(b) text", "C) text", "- D: text", "**E.** text", "[A] text"
_OPTION = re.compile(r"^\s*(?:[-*\u2022]\s*)?(?:\*\*)?[(\[]?([A-Ha-h])(?:[.):\]]|\s[-\u2013])(?:\*\*)?\s+(\S.*?)\s*$")
# options inline in one line: "(A) left (B) right (C) midline", "A) left B) right C) midline"
_INLINE = re.compile(r"(?:^|\s)[(\[]?([A-Ha-h])[)\]]\s+")
_TICK = re.compile(r"\s*(?:\u2192|->|=>|\u27a1)\ufe0f?\s*[\u2705\u2714\u2713]")
# the key: "Answer: C", "**Answer:** (c)", "Correct answer - C.", "The answer is C", "Key: C", "Correct option: C"
_KEY = re.compile(r"^\s*(?:\*\*)?(?:(?:the\s+)?(?:correct|right|best)\s+(?:answer|option|choice)|(?:the\s+)?answer|key|"
                  # a poll's tick after an arrow: "... D) midline \u2192 \u2705 A) left"
                  rf"{_TICK.pattern}\ufe0f?)(?:\s+is)?(?:\*\*)?"
                  r"\s*[:\-\u2013=]?\s*(?:\*\*)?[(\[]?([A-Ha-h])[)\]]?(?:\*\*)?(?=[\s.,;:*]|$)[\s.,;:*]*(.*)$", re.I)


def _in_order(letters: list[str]) -> bool:
    return len(letters) >= 3 and "".join(letters).upper() == _LETTERS[:len(letters)]


def _inline_options(line: str) -> tuple[str, dict[str, str], str] | None:
    """(the line before its first option, {letter: option}, the rest after the last option's sentence) when the line
    holds three or more options in order."""
    tick = _TICK.search(line)  # a poll's key after its options: "A) left B) right C) both \u2192 \u2705 A) left"
    marks = list(_INLINE.finditer(line, 0, tick.start() if tick else len(line)))
    if not _in_order([m.group(1) for m in marks]):
        return None
    last = re.search(r"[.!?](?:\s+|$)", line[marks[-1].end():tick.start() if tick else len(line)])
    close = marks[-1].end() + last.end() if last else tick.start() if tick else len(line)
    ends = [m.start() for m in marks[1:]] + [close]
    options = {m.group(1).upper(): line[m.end():end].strip(" ;,.") for m, end in zip(marks, ends)}
    return line[:marks[0].start()], options, line[close:]


def _option_runs(lines: list[str]) -> dict[int, int]:
    """{first line of a run of options in order: its length} (blank lines inside a run are skipped)."""
    runs: dict[int, int] = {}
    i = 0
    while i < len(lines):
        j, letters = i, []
        while j < len(lines):
            m = _OPTION.match(lines[j])
            if m and m.group(1).upper() == _LETTERS[len(letters)]:
                letters.append(m.group(1))
            elif lines[j].strip() or not letters:
                break
            j += 1
        if _in_order(letters):
            runs[i] = j - i
            i = j
        else:
            i += 1
    return runs


def offered(contents: list[str]) -> list[str]:
    """The turns with option lists dropped and each key replaced by its option (the last list offered so far)."""
    options: dict[str, str] = {}
    out = []
    for content in contents:
        if not re.search(r"(?im)^\W*\(?[a-h][.):\]]|\([a-h]\)|\s[a-h]\)\s|\b(?:answer|key)\b", content):
            out.append(content)
            continue
        lines = content.split("\n")
        runs = _option_runs(lines)
        kept: list[str] = []
        i = 0
        while i < len(lines):
            if i in runs:
                options = {}
                for line in lines[i:i + runs[i]]:
                    if m := _OPTION.match(line):
                        options[m.group(1).upper()] = m.group(2)
                i += runs[i]
                continue
            line = lines[i]
            inline = _inline_options(line)
            key = _KEY.match(line)
            if inline:  # "Which side? (A) left (B) midline (C) right. Answer: C": the key may follow on the line
                head, options, rest = inline
                key = _KEY.match(rest)
                kept.append(f"{head}\n{options[key.group(1).upper()]}." if key and key.group(1).upper() in options else head)
                after = rest[key.end(1):].lstrip(")]*.,;: ") if key else rest
                if not (key and after.strip(" .").lower() == options.get(key.group(1).upper(), "").lower()):
                    kept.append(after)  # (not the keyed option written out again: "\u2192 \u2705 B) right")
            elif key and key.group(1).upper() in options and not re.search(r"[A-Za-z]{2}", key.group(2)):
                kept.append(options[key.group(1).upper()].rstrip(".") + ".")  # (a key that writes its option out stays)
            else:
                if "?" in line:
                    options = {}  # a new question: a later key is to its options, not to an earlier list's
                kept.append(line)
            i += 1
        out.append("\n".join(kept))
    return out
