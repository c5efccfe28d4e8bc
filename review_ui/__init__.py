"""Physician review in Label Studio: labeling config, reviewer guide, task/annotation mapping, the LS bridge.

- `labeling_config.xml`: the review page (image + mask prediction, facts and QC flags, dialogue, per-turn
  verdicts and corrections, overall decision with a reason, comment);
- `reviewer_guide.md`: shown with every task (what "implicit" means, what to check, the radiological
  convention);
- `tasks`: a conversation -> a task (mask as a 0/255 brush prediction) and an annotation -> a Review;
- `bridge`: the Label Studio client (errors, project, imports, snapshot exports);
- `server`: a local Label Studio in its own pinned venv;
- `apply`: what a review changes in a released row.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).parent


@lru_cache(maxsize=1)
def label_config() -> str:
    """The Label Studio labeling config XML."""
    return (_HERE / "labeling_config.xml").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def reviewer_guide_html() -> str:
    """The reviewer guide as simple HTML (headings, bullet lists, paragraphs, bold and italic)."""
    return markdown_to_html((_HERE / "reviewer_guide.md").read_text(encoding="utf-8"))


def _inline(text: str) -> str:
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)


def markdown_to_html(md: str) -> str:
    """The small markdown subset the guide uses; anything else is shown as escaped text."""
    out: list[str] = []
    para: list[str] = []
    in_list = False

    def flush() -> None:
        nonlocal in_list
        if para:
            out.append(f"<p>{_inline(' '.join(para))}</p>")
            para.clear()
        if in_list:
            out.append("</ul>")
            in_list = False

    for line in md.splitlines():
        stripped = line.strip()
        heading = re.match(r"^(#{1,4})\s+(.*)$", stripped)
        if not stripped or heading:
            flush()
            if heading:
                level = len(heading.group(1)) + 2
                out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif stripped.startswith("- "):
            if para:
                out.append(f"<p>{_inline(' '.join(para))}</p>")
                para.clear()
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_inline(stripped[2:])}</li>")
        elif in_list and line.startswith("  "):
            out[-1] = out[-1][:-5] + " " + _inline(stripped) + "</li>"
        else:
            if in_list:
                out.append("</ul>")
                in_list = False
            para.append(stripped)
    flush()
    return "\n".join(out)
