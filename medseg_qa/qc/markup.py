"""Markup around prose: HTML, XML-tagged output and LaTeX, read as the lines a reader would see.

LLM answers come wrapped in the markup of wherever they are shown: a web chat's `<p>`/`<li>`/`<table>`, an
XML-tagged answer (`<size>small</size>`, `<finding side="left">...</finding>`), a LaTeX teaching note
(`\\textbf{}`, `\\item`, `2.3\\%`). Rather than teach the claim rules every markup, each is mapped once onto the
plain lines and `key: value` pairs it displays: a block tag ends a line, a table row becomes a `|` row, a short
data element or an attribute becomes `key: value`, and formatting disappears. Nothing is added that the markup
does not show.
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
