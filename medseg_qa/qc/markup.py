"""Markup around prose: HTML, XML-tagged output and LaTeX, read as the lines a reader would see.

LLM answers come wrapped in the markup of wherever they are shown: a web chat's `<p>`/`<li>`/`<table>`, an
XML-tagged answer (`<size>small</size>`, `<finding side="left">...</finding>`), a LaTeX teaching note
(`\\textbf{}`, `\\item`, `2.3\\%`). Rather than teach the claim rules every markup, each is mapped once onto the
plain lines and `key: value` pairs it displays: a block tag ends a line, a table row becomes a `|` row, a short
data element or an attribute becomes `key: value`, and formatting disappears. Nothing is added that the markup
does not show.

Structured output is laid out the same way (`layout`, `layout_line`): a JSON object as its fields, a CSV block as
"field: value" lines, a tick-box pick list as its ticked options, a quiz item by its verdict, a cloze card as its
answer, a chat handle dropped, an inline bullet or a YAML comment on a line of its own, a snake_case key as words,
and an ASCII sketch's lines left out.
"""

from __future__ import annotations

import re

_ANY_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s+[\w:-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*/?>")
_ATTR = re.compile(r"([\w:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
# an element holding only text: "<size>small</size>", "<finding side=\"left\">it lies on the left</finding>"
_ELEMENT = re.compile(r"<([A-Za-z][\w-]*)((?:\s+[\w:-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*>([^<>]{0,300})</\1\s*>")
_FORMATTING = frozenset("b i em strong u span code a sup sub small mark font tt".split())
_STRUCTURE = frozenset("p li ul ol div br hr h1 h2 h3 h4 h5 h6 table tr td th thead tbody tfoot html body section "
                       "article header footer blockquote pre dl dt dd caption".split())
_CELLS = re.compile(r"</t[dh]\s*>\s*<t[dh](?:\s[^<>]*)?>", re.I)
_ENTITIES = {"&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&apos;": "'"}

_LATEX = [
    (re.compile(r"\\(?:sub)*section\*?\{([^{}]*)\}|\\paragraph\*?\{([^{}]*)\}"), lambda m: f"\n### {m.group(1) or m.group(2)}\n"),
    (re.compile(r"\\(?:textbf|textit|emph|underline|texttt|mathrm|text)\{([^{}]*)\}"), lambda m: m.group(1)),
    (re.compile(r"\\item\b\s*"), lambda m: "\n- "),
    (re.compile(r"\\(?:begin|end)\{[^{}]*\}"), lambda m: "\n"),
    (re.compile(r"\\%"), lambda m: "%"),
    (re.compile(r"\\(?:approx|sim)\b\s*"), lambda m: "about "),
    (re.compile(r"\\(?:leq?|leqslant)\b\s*"), lambda m: "at most "),
    (re.compile(r"\\(?:geq?|geqslant)\b\s*"), lambda m: "at least "),
    (re.compile(r"\\times\b\s*"), lambda m: "x "),
    (re.compile(r"\\\\|\\newline\b"), lambda m: "\n"),
    (re.compile(r"\\[,;:!]|~"), lambda m: " "),
    (re.compile(r"\$([^$\n]{1,60})\$"), lambda m: m.group(1)),
]


def _attributes(attrs: str) -> str:
    return "".join(f"\n{k}: {v or w}" for k, v, w in _ATTR.findall(attrs) if (v or w).strip())


def _element(m: re.Match) -> str:
    name, attrs, content = m.group(1), m.group(2), m.group(3).strip()
    if name.lower() in ("del", "s", "strike"):
        return ""  # struck through: withdrawn
    if name.lower() in _FORMATTING:
        return content
    if name.lower() in _STRUCTURE:
        return f"\n{content}\n"
    # a data element: a short value is its tag's value ("size: small"); a sentence is said as itself
    said = content if len(content.split()) >= 4 or not content else f"{name.replace('_', ' ')}: {content}"
    return f"{_attributes(attrs)}\n{said}\n"


def plain(text: str) -> str:
    """`text` with its HTML/XML tags and LaTeX commands replaced by the lines and `key: value` pairs they show."""
    if "\\" in text:
        for rx, repl in _LATEX:
            text = rx.sub(repl, text)
    if not _ANY_TAG.search(text):
        return text
    text = _CELLS.sub(" | ", text)  # a table row's cells, read as a markdown table row
    text = re.sub(r"<tr(?:\s[^<>]*)?>\s*<t[dh](?:\s[^<>]*)?>", "\n| ", text, flags=re.I)
    text = re.sub(r"</t[dh]\s*>\s*</tr\s*>", " |\n", text, flags=re.I)
    for _ in range(3):  # innermost elements first: "<b>Side:</b>" inside "<li>...</li>"
        text = _ELEMENT.sub(_element, text)
    text = _ANY_TAG.sub(lambda m: f"{_attributes(m.group(0))}\n" if m.group(0)[1] != "/" else "\n", text)
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return re.sub(r"\n[ \t]*\n+", "\n", text)


# wiki markup: bold and italic quotes (doubled and tripled apostrophes), [[Target|shown text]] links, "== Heading =="
_WIKI = ((re.compile(r"'{2,3}(?=[^'\s])|(?<=[^'\s])'{2,3}"), ""), (re.compile(r"\[\[(?:[^|\]\n]*\|)?([^\]\n]*)\]\]"), r"\1"),
         (re.compile(r"(?m)^[ \t]*={2,6}[ \t]*([^=\n]+?)[ \t]*={2,6}[ \t]*$"), r"\1"))
# a line broken inside a word by a PDF's hyphenation ("des-\ncending"), unless the part before is a word of its own
_HYPHEN_BREAK = re.compile(r"\b(?!(?:left|right|one|two|three|well|non|mid|half|self|post|pre|anti|co)-)([a-z]{2,})-"
                           r"[ \t]*\n[ \t]*(?=[a-z])")
# ... and one wrapped inside a sentence: a line of prose (40 characters or more, no code or table marks) that does not
# end a sentence, then a line of prose going on in lower case (not a "key: value" or "key = value" line)
_SOFT_WRAP = re.compile(r"(?m)^((?=(?:[^\n]*[ \t]){3})(?![^\n]*[=#|`{}\[\]<>])[^\n]{40,}[A-Za-z0-9,%)])[ \t]*\n[ \t]*"
                        r"(?=[a-z0-9%])(?![a-z][\w ]{0,25}[:=])(?!\d+(?:\.\d+)*[.)]?\s+[A-Z])(?![^\n]*[=#|`{}\[\]<>])")
# a bullet or an enumerator opening a line: the text is a list, not wrapped prose
_LISTED = re.compile(r"(?m)^[ \t]*(?:[-+*\u2022>]|\d+(?:\.\d+)*[.)]|\(?[ivx]{1,4}\))[ \t]")


def unwrapped(text: str) -> str:
    """`text` with wiki markup dropped and the hard line breaks of text pasted from a PDF joined again: a word split
    by a line-end hyphen is one word, a sentence wrapped over lines is one line (its lines would read as sentences)."""
    if "''" in text or "[[" in text or "==" in text:
        for rx, repl in _WIKI:
            text = rx.sub(repl, text)
    if "\n" in text and "```" not in text:  # (never inside code)
        text = _HYPHEN_BREAK.sub(r"\1", text)
        # wrapped prose breaks several lines so, or has only long lines; one short line after another is a list, a
        # pager's lines or a table
        joined, wraps = _SOFT_WRAP.subn(r"\1 ", text)
        lines = [line for line in text.split("\n") if line.strip()]
        if (wraps >= 2 or all(len(line) >= 40 for line in lines[:-1])) and not _LISTED.search(text):
            text = joined
    return text


# a tick-box pick list ("Laterality: [ ] Left [x] Right [ ] Bilateral", "\u2713 one region   \u2717 several regions"):
# only the ticked options are said
_BOX = re.compile(r"(\[\s*[xX\u2713\u2714*]?\s*\]|[\u2610\u2611\u2612\u25a1\u25a0\u2713\u2714\u2717\u2718\u274c])\s*"
                  r"([^\[\u2610\u2611\u2612\u25a1\u25a0\u2713\u2714\u2717\u2718\u274c]*)")
_TICKED = re.compile(r"\[\s*[xX\u2713\u2714*]\s*\]|[\u2611\u2612\u25a0\u2713\u2714]")


def _pick_list(line: str) -> str:
    boxes = list(_BOX.finditer(line))
    if len(boxes) == 1 and not _TICKED.fullmatch(boxes[0].group(1)) and \
            not re.search(r"[.!?:]\s+\S", boxes[0].group(2)) and not line[:boxes[0].start()].strip():
        verdict = re.match(r"\W*(?:(?:no|nope|wrong|incorrect|not\s+quite)\b\W*|$)", boxes[0].group(2), re.I)
        if verdict:  # "\u274c nope": a verdict on what it answers, not an item crossed out
            return ("No. " + boxes[0].group(2)[verdict.end():]).strip()
        return ""  # "\u2717 lies in front of the sacrum": an item crossed out on its own line is not said
    if len(boxes) < 2:
        return line
    chosen = [m.group(2).strip(" ,;") for m in boxes if _TICKED.fullmatch(m.group(1)) and m.group(2).strip(" ,;")]
    return line[:boxes[0].start()].rstrip() + (" " + " and ".join(chosen) if chosen else "")


# a CSV header of short field names ("target,side,depth,area pct,components") and the rows under it
_CSV_HEADER = re.compile(r"^\s*[A-Za-z][\w ]{0,30}(?:\s*,\s*[A-Za-z][\w ]{0,30}){2,}\s*$")


def _csv_rows(text: str) -> str:
    """A CSV block reads as "field: value" lines, one per cell of each row under the header, so that the
    key: value rules read it ("side,depth\nleft,posterior" is "side: left" and "depth: posterior")."""
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        fields = [f.strip() for f in lines[i].split(",")]
        rows = []
        if _CSV_HEADER.match(lines[i]):
            while i + 1 + len(rows) < len(lines) and len(lines[i + 1 + len(rows)].split(",")) == len(fields):
                rows.append([c.strip() for c in lines[i + 1 + len(rows)].split(",")])
        if not rows:
            out.append(lines[i])
            i += 1
            continue
        out += [f"{k}: {v}" for row in rows for k, v in zip(fields, row)]
        i += 1 + len(rows)
    return "\n".join(out)


# an inline comment of a YAML or code block ("side: left  # fairly sure") is an aside: its own line
_INLINE_COMMENT = re.compile(r"(?<=\S)[ \t]+#[ \t]+(?=\S)")
# a snake_case key ("size_estimate:") reads as words
_SNAKE = re.compile(r"(?<=[a-z])_(?=[a-z])")
_INLINE_BULLET = re.compile(r"\s+[\u2022\u25aa\u25cf\u2023]\s+")


# a JSON field alone on its line ('  "side": "patient's right",', '"regions": 2') reads as "side: patient's right"
_JSON_FIELD = re.compile(r'^\s*"([A-Za-z][\w ]{0,30})"\s*:\s*(?:"([^"]*)"|(-?\d+(?:\.\d+)?))\s*,?\s*$')


_SAID_KEYS = frozenset({"answer", "text", "response", "reply", "explanation", "reasoning", "description", "note", "notes",
                        "summary", "content", "finding", "findings", "comment"})
# fields whose objects describe other structures: "differential": [{"structure": "appendix", "side": "right"}]
_OTHERS_KEY = re.compile(r"(?:differentials?|ddx|excluded|exclusions?|ruled[\s_]out|others?|other[\s_][a-z_]+|alternatives?|"
                         r"mimics?|considered|references?|neighbou?rs|nearby|adjacent|landmarks?|distractors?)", re.I)
_NAME_KEYS = ("structure", "name", "organ", "label", "ref", "reference", "other", "neighbour", "neighbor")
_RELATION_WORDS = {"left_of": "to the left of", "right_of": "to the right of", "anterior_to": "in front of",
                   "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}


def _scalar(v) -> bool:
    return isinstance(v, (str, int, float)) and not isinstance(v, bool) and bool(str(v).strip())


def _fields(obj: dict, out: list[str], nested: bool = False, others: bool = False) -> None:
    """The lines a JSON object displays. A nested object that names a structure speaks of it: a relation object
    ('{"ref": "aorta", "target_is": "left_of"}') as the relation, one under a differential or excluded list not at all,
    any other with its name as the label of its fields ("appendix: side: right")."""
    name = next((str(v) for k, v in obj.items() if k.lower() in _NAME_KEYS and isinstance(v, str)), None) if nested else None
    relation = next((_RELATION_WORDS[v.strip().lower().replace(" ", "_")] for v in obj.values()
                     if isinstance(v, str) and v.strip().lower().replace(" ", "_") in _RELATION_WORDS), None)
    if name and relation:
        out.append(f"It lies {relation} the {name}.")
        return
    for k, v in obj.items():
        inner = others or bool(_OTHERS_KEY.fullmatch(k.strip()))
        for item in v if isinstance(v, list) else [v]:
            if isinstance(item, dict):
                _fields(item, out, True, inner)
            elif _scalar(item) and not (others or (name and k.lower() in _NAME_KEYS)):
                line = str(item) if k.lower() in _SAID_KEYS else f"{k}: {item}"
                out.append(f"{name}: {line}" if name else line)


def _json_end(text: str, start: int) -> int:
    """Where the balanced object opening at `start` ends (-1: it does not close)."""
    depth, quoted, escaped = 0, False, False
    for i in range(start, len(text)):
        c = text[i]
        if quoted:
            quoted, escaped = (c != '"' or escaped), (c == "\\" and not escaped)
        elif c == '"':
            quoted = True
        elif c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
            if not depth:
                return i + 1
    return -1


def _json_objects(text: str) -> str:
    """A JSON object in prose ('{"answer": "It is made of two pieces."}', '{"side": "left", "size": "large"}', a fenced
    block with nested lists) read as its fields: a sentence-valued field as that sentence, any other as a 'key: value'
    line, a nested object as `_fields` reads it. Text that does not parse is left to `layout_line`'s field reading."""
    import json

    out, at = [], 0
    while (start := text.find("{", at)) >= 0:
        end = _json_end(text, start)
        try:
            obj = json.loads(text[start:end]) if end > 0 else None
        except ValueError:
            obj = None
        if not isinstance(obj, dict):
            out.append(text[at:start + 1])
            at = start + 1
            continue
        lines: list[str] = []
        _fields(obj, lines)
        out.append(text[at:start] + "\n" + "\n".join(lines) + "\n")
        at = end
    return "".join(out) + text[at:]


# an agent's tool call and its result: '> lookup_reference("IVC") -> {"typical_side": "right"}', 'laterality("m0") -> "left"'
_TOOL_CALL = re.compile(r"(?m)^([ \t]*(?:>[ \t]*)?)([A-Za-z_][\w.]*)\(([^()\n]*)\)[ \t]*(?:->|=>|=|\u2192)[ \t]*(.+?)[ \t]*$")
_ID = re.compile(r"(?:m|img|image|mask|id|seg|roi)?[_-]?\d+[a-z]?|user\s+question", re.I)


def _tool_calls(text: str) -> str:
    """A tool call's result read as what it says of the call's subject: a scalar as 'function: value' ("laterality:
    left"), an object as its fields; a call about a named thing other than a mask or image id labels them with it
    ('lookup_reference("IVC")' -> "IVC: typical side: right"), so they speak of that thing."""
    import json

    def call(m: re.Match) -> str:
        named = next((a for a in re.findall(r"[\"']([^\"']{2,60})[\"']", m.group(3))
                      if not _ID.fullmatch(a.strip()) and re.fullmatch(r"[A-Za-z][\w \-]*", a.strip())), None)
        label = f"{named.replace('_', ' ')}: " if named else ""
        result = m.group(4).strip()
        try:
            value = json.loads(result)
        except ValueError:
            return m.group(0)
        if isinstance(value, dict):
            lines: list[str] = []
            _fields(value, lines)
            return "\n".join(m.group(1) + label + line for line in lines)
        key = re.sub(r"^(?:get|compute|count|measure|calc(?:ulate)?|estimate|find|check)_", "", m.group(2))  # count_components
        key = "area fraction" if key == "area" and isinstance(value, float) and value < 1 else key  # measure_area = 0.0053
        return f"{m.group(1)}{label}{key}: {value}" if _scalar(value) else m.group(0)

    return _TOOL_CALL.sub(call, text) if "(" in text else text


# a quiz item and its verdict: "True or false: it lies on the left. - False: it lies on the right."
_QUIZ = re.compile(r"^(\s*(?:[-*\u2022]\s*|\d+[.)]\s*)?)true\s+or\s+false\s*[:?,-]\s*(.+?)"
                   r"(?:\s*[-\u2013\u2014]+\s*(true|false)\b[.!:,]?\s*(.*))?$", re.I)


def _quiz(line: str) -> str:
    """A statement marked true is said; one marked false is not (its correction is); one without a verdict is
    asked."""
    m = _QUIZ.match(line)
    if not m:
        return line
    statement = m.group(2).rstrip(" .?")
    if not m.group(3):
        return f"{m.group(1)}Is it true that {statement}?"
    return m.group(1) + (f"{statement}. {m.group(4)}" if m.group(3).lower() == "true" else m.group(4))


_HANDLE = re.compile(r"(?m)^(\s*(?:\[[\d:apm. ]{3,12}\]\s*)?)@[\w.-]{1,30}\s*:\s*", re.I)
_CLOZE = re.compile(r"\{\{c\d+::([^{}]*?)(?:::[^{}]*)?\}\}")


_DRAWN = frozenset("#*+-=_|/\\.~^<>()[]{}:;'`\"@o")


def _drawing(line: str) -> bool:
    """A line of an ASCII sketch ("R ....###.... L", "+-----+"): mostly symbols, with edge labels that are not
    prose (a sketch's "R" and "L" would otherwise read as a side)."""
    ink = re.sub(r"\s", "", line)  # (drawn with symbols: a line of numbers, "~0.49% FOV.", is not a sketch)
    return len(ink) >= 8 and sum(c.isalpha() for c in ink) < len(ink) / 3 and sum(c in _DRAWN for c in ink) >= len(ink) / 2


def layout(text: str) -> str:
    """Whole-text layout of structured output, before lines are read: chat handles dropped, JSON objects as their
    fields, inline bullets and comments on lines of their own, snake_case keys as words, CSV blocks as fields."""
    text = _HANDLE.sub(r"\1", text)  # a chat line's author: "[08:17] @dr_okafor: Why is it ...?"
    return _csv_rows(_SNAKE.sub(" ", _INLINE_COMMENT.sub("\n", _INLINE_BULLET.sub("\n", _json_objects(_tool_calls(text))))))


def layout_line(line: str) -> str | None:
    """One line as it reads (None: a sketch's line or a norm's field, not prose): a cloze's answer, a JSON field as "key: value",
    the ticked options of a pick list, a quiz item by its verdict."""
    line = _CLOZE.sub(r"\1", line)  # an Anki cloze shows its answer: "{{c1::left}}"
    if _drawing(line):
        return None
    line = _JSON_FIELD.sub(lambda m: f"{m.group(1).replace('_', ' ')}: {m.group(2) or m.group(3)}", line)
    if _NORM_FIELD.match(line):
        return None  # "typical side: right" (a reference value looked up for another thing), not what the mask shows
    return _quiz(_pick_list(line))


# a field that holds a norm, not a measurement of this mask: "typical side: left", "IVC: expected_side: right"
_NORM_FIELD = re.compile(r"^[\s>*-]*(?:[\w -]{1,40}:\s*)?(?:typical|expected|normal|usual|reference|textbook|population)"
                         r"[\s_](?:side|laterality|position|size|area|count|location)\w*\s*:", re.I)
