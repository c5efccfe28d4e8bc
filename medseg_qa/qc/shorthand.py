"""Register normalisation: rewrites report shorthand, arrow bullets and learner English into the plain
prose that the claim rules read, before a turn is split into sentences.

Prose about a mask comes in registers the claim rules were not written for; rather than one claim
rule per register, each register's surface is mapped once onto standard prose:

- report abbreviations: `Lt`/`Rt`, `LUQ`/`RUQ`/`LLQ`/`RLQ`, a lone `L`/`R` (not a vertebra such as `L1`), `B/L`, `bilat.`,
  `unilat.`, `ML`, `ant.`/`post.`/`sup.`/`inf.`, `sm.`/`lg.`/`mod.`, `v.`, `contralat.`, `radiol.`,
  `conv.`, `struct.`, `frag(s)`, `pct`, `img`, `pt`, `FOV`, `x2` ("times two"). An abbreviation's
  period is dropped when the sentence goes on (`Ant. to aorta`) and kept as a full stop when a new
  sentence starts (`Post. Area ~2%`), so abbreviations never glue two sentences together;
- arrow bullets (`size → large`, `side -> left`) are `key: value` lines (tick boxes, CSV, JSON, quiz items and
  other structured output are laid out first by `markup.layout`);
- the side of the body or person ("the body's left", "the child's right") is the patient's side;
- contractions ("it's", "there's") are spelled out;
- learner and text-message English: an unpunctuated "its" for "it's" ("its small"), a missing article
  before a side or a body word ("at patient left side", "in front of body", "in the patient left"),
  prepositions such as "behind of", "located back of", "located front of", analytic degrees of one-syllable
  size and distance words ("the most big" for "the biggest", "more near" for "nearer"), and a side glossed
  in brackets ("more to right (patient side) than the aorta");
- British report English: "c." / "circa" before an amount, "leftward(s) of", "sits rightward", a lone L/R
  after an article even before a new sentence ("Confined to the R. Lies ..."), bounds written as symbols
  ("<1% of image"); hedged attributes named as subjects ("the side is most likely left", "I'd estimate its
  size as large");
- dictation (spoken punctuation, fillers, run-on lines) and phone typing ("u", "rigth") are read first by
  `dictation` and `texting`.

Each rewrite keeps the meaning of the phrase; it never adds a claim that was not written.
"""

from __future__ import annotations

import re

from .dictation import dictated, run_ons, spoken, strip_fillers
from .markup import layout, layout_line
from .texting import texting

# (pattern, replacement, flags): abbreviations written without a period, or whose period never ends a sentence
_JOIN = r"\s*[-/\u2013]\s*"  # two ends of an axis joined: "front-back", "anterior/posterior", "L-R"
_AP = (rf"(?:(?:(?:front|anterior|ventral){_JOIN}|antero(?:{_JOIN})?)(?:back|posterior|dorsal)|"
       rf"(?:(?:back|posterior|dorsal){_JOIN}|postero(?:{_JOIN})?)(?:front|anterior|ventral))")  # "anteroposteriorly"
_SI = (rf"(?:(?:(?:top|up|upper|superior|cranial|head){_JOIN}|(?:cranio|supero)(?:{_JOIN})?)(?:bottom|down|lower|inferior|"
       rf"caudal|feet|foot)|(?:(?:bottom|down|lower|inferior|caudal){_JOIN}|(?:caudo|infero)(?:{_JOIN})?)(?:top|up|upper|"
       rf"superior|cranial))")
_LR = rf"(?:left{_JOIN}right|right{_JOIN}left)"
_AT_SENTENCE = r"(?:^|(?<=[.!?;]\s))"  # at the start of a sentence of the line
_PLAIN = [
    # a pseudo-cleft that names a class: "In size it's what we'd call small" says it is small
    (r"(?:\b(is|are)|['\u2019]s)\s+what\s+(?:we|i|you|they|doctors|radiologists)(?:['\u2019]d|\s+would)?\s+(?:call|describe\s+as|"
     r"class\s+as|term)\s+", lambda m: f"{m.group(1)} " if m.group(1) else " is ", re.I),
    # an expletive lead says nothing of its own: "It is also worth noting that the heart lies behind it"
    (r"\b(?:it\s+is|it's|it\s+(?:should|must|can|may)(?:\s+also)?\s+be|it\s+bears)\s+(?:also\s+)?(?:worth\s+(?:noting|mentioning|remembering|pointing\s+out|"
     r"knowing)|important\s+to\s+(?:note|remember|mention|know)|(?:interesting|useful|helpful)\s+to\s+(?:note|know)|"
     r"noted|noteworthy|mentioning)\s+that\s+", "", re.I),
    # British 'nought' is zero: "nought point four nine per cent"
    (r"\b(?:nought|naught)\b", "zero", re.I),
    # a citation marker carries no words: "sits behind the symphysis [slice]", "[atlas]", "[2]"
    (r"\s*\[(?:slice|image|scan|atlas|mask|ref|source)\]", "", re.I),
    # a one-word gloss after a direction word: "anterior (ventral) to the rectum", "left (sinister)"
    (r"\b(anterior|posterior|superior|inferior|ventral|dorsal|cranial|caudal|left|right|lateral|medial)\s*\([a-z]{4,}\)",
     r"\1", re.I),
    # a hedge set off by commas says nothing of the place: "the bone sits, roughly speaking, posteriorly"
    (r",\s*(?:(?:roughly|broadly|generally|loosely|strictly)\s+speaking|as\s+far\s+as\s+i\s+can\s+(?:see|tell)|so\s+to\s+speak|"
     r"more\s+or\s+less|give\s+or\s+take|if\s+i\s+(?:count|read|see)\s+(?:it\s+|this\s+)?(?:correctly|right)|"
     r"if\s+i'?m\s+(?:reading|seeing|counting)\s+(?:it|this|that|the\s+\w+)\s+(?:right|correctly)|if\s+i'?m\s+not\s+mistaken|"
     r"i\s+(?:think|believe)|i'?d\s+say|it\s+seems|to\s+my\s+eye)\s*,\s*", " ", re.I),
    # ... and so does an imperative one: "Remember that the corpus callosum arches above them"
    (r"(?:^|(?<=[:;]\s))(?:remember|recall|note|keep\s+in\s+mind|bear\s+in\s+mind)\s+that\s+", "", re.I),
    (r"\bcentral\s+(?:L-R|L\s*/\s*R|left[\s-]to[\s-]right|side[\s-]to[\s-]side)\b", "in the midline", re.I),  # "Central L-R"
    # a terse side as a sentence of its own: "Lungs [SEG]. Rt. Mid-height."
    (rf"{_AT_SENTENCE}Rt\.(?=\s|$)", "Right side.", 0), (rf"{_AT_SENTENCE}Lt\.(?=\s|$)", "Left side.", 0),
    (r"\bLt\b\.?(?=[\s-])", "left", 0), (r"\bRt\b\.?(?=[\s-])", "right", 0),
    (r"\bLt\b(?=\s*[.,;:)]|$)", "left", 0), (r"\bRt\b(?=\s*[.,;:)]|$)", "right", 0),
    (r"\blt\b\.?(?=\s*[.,;:)]|\s+(?:of|side|only|sided)\b|$)", "left", 0),  # "Located lt.", "Lies lt of stomach"
    (r"\brt\b\.?(?=\s*[.,;:)]|\s+(?:of|side|only|sided)\b|$)", "right", 0),
    (r"\bsinistral(?:ly)?\b", "left-sided", re.I), (r"\bdextral(?:ly)?\b", "right-sided", re.I),  # Latin sides
    (r"\bcontralat\b\.?", "contralateral", re.I), (r"\bipsilat\b\.?", "ipsilateral", re.I),
    # after an article a lone L or R is a side even when a sentence follows ("Confined to the L. Lies ...")
    (r"(?<=\bthe\s)L\b(?![\d/-])", "left", 0), (r"(?<=\bthe\s)R\b(?![\d/-])", "right", 0),
    # a lone L or R, but not a vertebra (L1), a volume (2 L), an initial (Dr R. Jones, R. Jones) or part of B/L
    (r"(?<![\d/.-])(?<!\d\s)(?<!\bDr\s)(?<!\bDr\.\s)\bL\b(?!\d|/|-\d|\.\s*[A-Z][a-z])", "left", 0),
    (r"(?<![\d/.-])(?<!\d\s)(?<!\bDr\s)(?<!\bDr\.\s)\bR\b(?!\d|/|-\d|\.\s*[A-Z][a-z])", "right", 0),
    (r"\bvert\.?\s+(?=bod(?:y|ies)\b)", "vertebral ", re.I),  # "post. to the vert body"
    (r"\b(?:No|Nr)\.\s+(?=of\b)", "Number ", re.I),  # "No. of components: 4"
    # a gloss that restates the side just said: "on the right femoral head's left (patient's left)"
    (r"(?:(?<=\bleft)|(?<=\bright))\s*\((?:i\.e\.,?\s*|the\s+)?patient'?s\s+(?:left|right)\)", "", re.I),
    (r"\bLUQ\b", "left upper quadrant", 0), (r"\bRUQ\b", "right upper quadrant", 0),
    (r"\bLLQ\b", "left lower quadrant", 0), (r"\bRLQ\b", "right lower quadrant", 0),
    # a self-correction in brackets replaces the words before it: "It lies anteriorly (sorry, I mean: it is toward the back)."
    # (a bracket that opens its own sentence keeps its cue: "... two regions. (Correction: it is one piece.)" revises)
    (rf"{_AT_SENTENCE}[^.!?;()\n]+\(\s*(?:sorry|no|oops|wait)?,?\s*(?:i\s+mean|correcting\s+myself|correction|i\s+misspoke|"
     r"let\s+me\s+correct\s+(?:that|myself))\s*[:,]\s*([^()]+?)\s*\)", r"\1", re.I),
    (rf"{_AT_SENTENCE}FYI\b[:,]?\s*", "", 0),  # "FYI The pineal gland is a midline structure"
    (r"\[\s*(?:deleted|struck|removed|strike|crossed\s+out)\s*:[^\]]*\]\s*", "", re.I),  # an editor's deleted draft words
    # a key said as a sentence: "Laterality is right." ("right" here is a side, not "correct")
    (rf"{_AT_SENTENCE}((?:[\w ]{{1,30}}:\s*)?)(laterality|side)\s+is\s+(left|right|bilateral|midline)\b", r"\1\2: \3", re.I),
    # a number glossed in digits: "three (3) inflamed appendix"
    (r"\b(one|two|three|four|five|six|seven|eight|nine|ten)\s*\(\s*\d{1,2}\s*\)", r"\1", re.I),
    # the patient's frame said as a lead: "Looking at the patient rather than the screen, it is on the left."
    (rf"{_AT_SENTENCE}((?:(?:correction|no|not\s+quite)\W+)?)(?:looking\s+at|seen\s+from|from\s+the\s+side\s+of)\s+the\s+patient\s+"
     r"(?:rather\s+than|and\s+not|not)\s+(?:at\s+)?the\s+(?:screen|image|picture|monitor|display)\s*,\s*", r"\1", re.I),
    # report English: "Rt side involved.", "Noted, Lt side finding.", "the lesion is Lt side"
    (rf"{_AT_SENTENCE}(?:(?:noted|ok|okay|so)\W+)?(left|right)\s+side\s+(?:is\s+)?(?:involved|affected)\b",
     r"It involves the \1 side", re.I),
    (r"\b(left|right)\s+side\s+(finding|lesion|abnormality|pathology|mass|collection)\b", r"\2 on the \1 side", re.I),
    (r"\b(is|are|lies|lie|sits|sit)\s+(left|right)\s+side(?:d)?\b(?!\s+(?:of|to)\b)", r"\1 on the \2 side", re.I),
    # a count said as its number: "the number of separate parts is 2", "I count three."
    (r"\bthe\s+number\s+of\s+((?:separate|distinct|connected|disconnected)\s+)?(parts|pieces|regions|components|foci|lesions)\s+"
     r"(?:is|=)\s+(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b", r"there are \3 \1\2", re.I),
    (r"\bI\s+count\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?=[.!;]|$)", r"I count \1 separate pieces", re.I),
    # translated and terse wordings: "the median line", "in median position", "circa 34 per cent", "0,77 %", "dexter",
    # "Mid AP.", "med size"
    (r"\b(?:median|middle)\s+line\b", "midline", re.I), (r"\bin\s+(?:a\s+)?median\s+position\b", "in the midline", re.I),
    (r"\bcirca\b", "about", re.I), (r"(?<=\d),(?=\d{1,2}\s*(?:%|per\s*cent|percent)\b)", ".", 0),
    (r"\bdext(?:er|ra|rum)\b", "right", re.I), (r"\bsinist(?:er|ra|rum)\b(?=\s*\(|\s+side\b)", "left", re.I),
    (rf"{_AT_SENTENCE}mid[\s-]?AP\s*(?:\.|$)", "It is mid-AP.", re.I), (r"\bmed\b\.?(?=\s+size\b)", "medium", re.I),
    (r"\bmod\b\.?(?=\s+(?:size|sized)\b)", "moderate", re.I), (r"(?<![\w.])Sm\b\.?(?=\s*[,;]|\s*$|\s+(?:size|sized)\b)", "small", 0),
    (r"\bdesc\.?\s+Ao\b", "descending aorta", 0), (r"(?<![\w/])Ao\b(?!/)", "aorta", 0),
    (r"\bB/L\b", "bilateral", re.I), (r"\bbilat\b\.?", "bilateral", re.I),
    (r"\b(?:centre|center)[\s-]+line\b", "midline", re.I), (r"\b((?:is|are|lies|lie|sits|sit|located|situated)\s+(?:in|on|at))\s+midline\b", r"\1 the midline", re.I),
    (r"(?<!\bthe\s)(?<!')\bpatient\s+(left|right)\s+side\b", r"the patient's \1 side", re.I), (r"(?<!\d)(?<!\d\s)\bML\b", "midline", 0), (r"\bFOV\b", "field of view", 0),
    # the patient by who they are to the speaker: "your baby's left side", "on your little one's right", "the boy's left"
    (r"\b(?:your|the|my|our|his|her|their)\s+(?:(?:little|baby|newborn|unborn)\s+)?(?:baby|little\s+one|child|son|daughter|newborn|"
     r"infant|boy|girl|kid|toddler|foetus|fetus|mum|mom|dad|husband|wife|partner|father|mother)'s\s+(?=(?:left|right|l|r)\b)",
     "the patient's ", re.I),
    # a bare side with "only" after a copula: "Given it's right only, ..." (a bare "it's right" may mean "correct")
    (r"\b(is|are|it's|they're)\s+(left|right)\s+only\b", r"\1 on the \2 only", re.I),
    (r"\bpt'?s\b", "patient's", re.I), (r"\bpt\b(?!\.)", "patient", re.I), (r"\bimg\b", "image", re.I),
    # "Pt left." / "patient left": the patient's side; "x3 [discrete]": a bracketed word after a number is its noun
    (r"(?<!')\b(patient)(?:\s+|-)(left|right)\b(?!\s+(?:side|kidney|lung|lobe|hand)\b)", r"\1's \2", re.I),
    # "the label's patient-left", "the mask's on the right": 's after the mask's own noun is "is" (not "the patient's left")
    (r"\b(the\s+(?:label|mask|segmentation|region|lesion|target|structure|blob|outline|contour|annotation))'s\s+(?=(?:on|in|at|"
     r"patient|left|right|midline|bilateral|central|small|medium|large|tiny|huge|anterior|posterior)\b)", r"\1 is ", re.I),
    (r"(?<=\d)\s*\[([A-Za-z]+)\]", r" \1", 0),
    (r"\bpct\b", "percent", re.I), (r"\bfrags\b", "fragments", re.I), (r"\bfrag\b", "fragment", re.I),
    # a count's noun cut short or misspelt: "1 comp", "3 comps", "3 seperate blobs"
    (r"(?<=\d)\s+comps?\b\.?(?!\w)", lambda m: " components" if m.group(0).strip(" .").endswith("s") else " component", re.I),
    (r"\bseperate(ly)?\b", r"separate\1", re.I),
    # a hedge worded as a condition on the speaker's own reading: "If I count correctly, there are three pieces",
    # "If I'm reading the orientation correctly, and I have no reason to doubt it, it lies on the right"
    (rf"{_AT_SENTENCE}if\s+(?:I\s+(?:count|read|see)\s+(?:it\s+|this\s+|them\s+)?(?:correctly|right)|I'?m\s+reading\s+(?:it|this|"
     r"the\s+\w+)\s+(?:correctly|right)|I\s+am\s+reading\s+(?:it|this|the\s+\w+)\s+(?:correctly|right)|I'?m\s+not\s+mistaken|"
     r"I\s+am\s+not\s+mistaken)(?:\s*,\s*and\s+I\s+have\s+no\s+reason\s+to\s+doubt\s+it)?\s*,\s*", "", re.I),
    # "it could hardly be more central", "small is the right class", "medium, no more, and no less"
    (r"\bcould\s+hardly\s+be\s+more\s+", "is very ", re.I),
    (r"\b(small|medium|medium-sized|large)\s+is\s+the\s+(?:right|correct|appropriate|fair)\s+(?:class|category|word|term|label)\b",
     r"it is \1", re.I),
    (r"\b(small|medium|medium-sized|large)\s*,\s*no\s+more\s*,?\s*and\s+no\s+less\b", r"\1", re.I),
    # "No fewer and no more than four separate regions": exactly four
    (r"\bno\s+(?:fewer|less)\s+and\s+no\s+more\s+than\s+|\bno\s+more\s+and\s+no\s+(?:fewer|less)\s+than\s+", "exactly ", re.I),
    # a hedge in commas between a verb and its value: "it is, as far as I can judge, midline"
    (r"\b(is|are|lies|lie|sits|sit)\s*,\s*(?:as\s+far\s+as\s+I\s+can\s+(?:tell|judge|see)|I\s+think|I\s+believe|it\s+seems|"
     r"in\s+my\s+view|on\s+balance|to\s+my\s+eye|I\s+think\s+it'?s\s+fair\s+to\s+say|I'?d\s+say|I\s+would\s+say)\s*,\s*", r"\1 ",
     re.I),
    # shares said per mille or as one part in N: "8.3\u2030 of the frame", "1.2 per mille", "1 part in 129 of the image"
    (r"(\d+(?:\.\d+)?)\s*(?:\u2030|per[\s-]?mille?\b)", lambda m: f"{float(m.group(1)) / 10:g}%", re.I),
    (r"\b(\d+)\s+parts?\s+in\s+(\d{1,3}(?:,\d{3})*|\d+)\b",
     lambda m: f"{100 * int(m.group(1)) / max(1, int(m.group(2).replace(',', ''))):.2g}%", re.I),
    # translated heights and sizes: "in the inferior half of the image", "at lower part of image", "middle size",
    # "of medium dimension", "at center height of image", "sup to spleen"
    (r"\b(inferior|superior)\s+(half|part|portion)\s+of\s+(?:the\s+)?(image|picture|photo|frame)\b",
     lambda m: f"{'lower' if m.group(1).lower() == 'inferior' else 'upper'} {m.group(2)} of the {m.group(3)}", re.I),
    (r"\b(at|in|on)\s+(?:the\s+)?(?:low|lower)\s+part\s+of\s+(?:the\s+)?(image|picture|photo|frame)\b", r"in the lower part of the \2", re.I),
    (r"\b(at|in|on)\s+(?:the\s+)?(?:high|upper)\s+part\s+of\s+(?:the\s+)?(image|picture|photo|frame)\b", r"in the upper part of the \2", re.I),
    (r"\b(?:at|in)\s+(?:the\s+)?(?:center|centre|middle)\s+height\b(?:\s+of\s+(?:the\s+)?(?:image|picture|photo|frame))?",
     "at mid-height", re.I),
    (r"\bof\s+(?:a\s+)?(?:middle|medium)\s+(?:size|dimension)\b|\bmiddle[\s-]+(?:size|sized)\b", "medium-sized", re.I),
    (r"\bof\s+(?:a\s+)?(small|big|large)\s+(?:size|dimension)\b", r"\1", re.I),
    (r"\bat\s+the\s+(left|right)\s+of\s+(?=the\b)", r"to the \1 of ", re.I),
    (r"\bsup\b\.?(?=\s+to\s)", "superior", re.I), (r"\binf\b\.?(?=\s+to\s)", "inferior", re.I), (r"\btwin\s+(?=[a-z]+(?:s|i|ae)\b)", "two ", re.I),
    # dictation's spoken punctuation: "on the right full stop new paragraph", "posterior comma small"
    (r"\s+full\s+stop\b\.?", ".", re.I), (r"\s+(?:new\s+paragraph|new\s+line|next\s+line)\b\.?", ".", re.I),
    (r"\s+comma\b", ",", re.I), (r"\s+semicolon\b", ";", re.I),
    # ... a spoken colon only after a heading word ("Impression colon small"): the colon is also an organ
    (r"\b(impression|findings?|conclusion|comparison|technique|history|indication|recommendations?|side|size|"
     r"position|location|regions?|count)\s+colon\b", r"\1:", re.I),
    # a myth stated to be debunked is not said: "Myth: it always sits on the left. Fact: here it is on the right."
    (r"^\s*(?:[-*\u2022]\s*)?(?:\*\*)?myth\s*\d*(?:\*\*)?\s*[:\u2014-]\s*[^.!?\n]*[.!?]?\s*", "", re.I),
    # a pager's count alone on its line: "x2" is two of them
    (r"^\s*[x\u00d7]([2-9])\s*$", r"\1 separate regions", re.I),
    # ... or as a sentence of a terse list: "Moderate. x7. NB: ...", and a terse side: "Lungs [SEG]. Rt. Mid-height."
    (rf"{_AT_SENTENCE}[x\u00d7](\d{{1,2}})\.(?=\s|$)", r"\1 separate regions.", re.I),
    # a number glossed in digits: "three (3) separate nodules"
    (r"\b(one|two|three|four|five|six|seven|eight|nine|ten)\s*\(\d{1,2}\)", r"\1", re.I),
    (r"\b([A-Za-z]{3,})\s+[x\u00d7](\d{1,2})\b(?=\s*[.,;]|\s*$)", r"\2 separate \1", 0),  # a tally after its noun: "Cysts x5."
    (r"(?<![\w.])[x\u00d7](\d+)\b", r"\1", re.I), (r"\bc/w\b", "consistent with", re.I),
    # a pager's undotted "ant"/"post": before "to", at a clause end, or before where ("post in pelvis")
    (r"\bant\b(?=\s+to\s|\s*[,;]|\s*\.?\s*$|\s+(?:in|on|at)\s+(?:the\s+|this\s+)?(?:pelvis|abdomen|chest|neck|slice|image|body)\b)",
     "anterior", re.I),
    (r"\bpost\b(?=\s+to\s|\s*[,;]|\s*\.?\s*$|\s+(?:in|on|at)\s+(?:the\s+|this\s+)?(?:pelvis|abdomen|chest|neck|slice|image|body)\b)",
     "posterior", re.I),
    (r"\bw/o\b", "without", re.I), (r"\bw/(?=\s)", "with", re.I),
    # a bound written as a symbol before a number: "<1% of image", "> 20 %"
    (r"(?:(?<=\s)|(?<=^)|(?<=\())(?:<|\u2264)\s*(?=\d)", "under ", 0),
    (r"(?:(?<=\s)|(?<=^)|(?<=\())(?:>|\u2265)\s*(?=\d)", "over ", 0),
    # circa before an amount: "c. 16 cm", "c. one-fifth of the slice", "ca. 2%"
    (r"\b(?:c\.|ca\.|circa\b)\s*(?=\d|[a-z])", "about ", 0),
    # British "leftward(s) of the aorta" / "sits rightward": a side said as a direction of position
    (r"\b(left|right)wards?\s+of\b", r"to the \1 of", re.I),
    (r"\b(?<!the\s)(left|right)wards?\b", r"on the \1", re.I),
    # a comparison of place with another structure: "further back than the vertebral body" is behind it
    (r"\b(?:further|farther|more)\s+(?:back|backwards?|posterior(?:ly)?|dorsal(?:ly)?)\s+than\b", "behind", re.I),
    (r"\b(?:further|farther|more)\s+(?:forwards?|front|anterior(?:ly)?|ventral(?:ly)?)\s+than\b", "in front of", re.I),
    (r"\b(?:further|farther)\s+(?:up|superior(?:ly)?|cranial(?:ly)?)\s+than\b", "above", re.I),
    (r"\b(?:further|farther)\s+(?:down|inferior(?:ly)?|caudal(?:ly)?)\s+than\b", "below", re.I),
    # a relation whose other end was fronted: "Relative to the aortic knob, the mask lies above." is above the knob
    (r"(^\s*|(?<=[.!?])\s+)(?:relative\s+to|compared\s+(?:with|to)|in\s+relation\s+to|with\s+respect\s+to)\s+((?:the\s+)?[\w' -]{2,40}?),\s+"
     r"((?:it|they|the\s+[\w-]+(?:\s+[\w-]+)?))\s+(lies|lie|sits|sit|is|are)\s+(above|below|behind|beneath|under)(?=\s*(?:[.;!]|$))",
     r"\1\3 \4 \5 \2", re.I | re.M),
    (r"(^\s*|(?<=[.!?])\s+)(?:relative\s+to|compared\s+(?:with|to)|in\s+relation\s+to|with\s+respect\s+to)\s+((?:the\s+)?[\w' -]{2,40}?),\s+"
     r"((?:it|they|the\s+[\w-]+(?:\s+[\w-]+)?))\s+(lies|lie|sits|sit|is|are)\s+in\s+front(?=\s*(?:[.;!]|$))",
     r"\1\3 \4 in front of \2", re.I | re.M),
    # ... after "Compared with X, it sits further back": a comparative place, read against X
    (r"\b(?:further|farther)\s+(?:back|backwards?)\b(?!\s+than)", "more posteriorly", re.I),
    (r"\b(?:further|farther)\s+(?:forwards?|front)\b(?!\s+than)", "more anteriorly", re.I),
    # a place named as where the target is: "The left side is where the liver lies" says the liver lies on the left
    (r"\b[Tt]he\s+(left|right)\s+side\s+is\s+where\s+((?:the\s+|it\b|they\b)[^;,.]{0,40}?)\s+(lies|lie|sits|sit|is|are)\b",
     r"\2 \3 on the \1 side", 0),
    # an axis written as its two ends joined ("Anterior/posterior: posterior", "in the front-back direction"): a
    # label of that attribute before a colon, else the axis itself
    (rf"\b(?:{_AP}|{_SI})(?=\s*:)", "Position", re.I), (rf"\b{_LR}(?=\s*:)", "Side", re.I),
    (rf"\b(?:{_AP}|{_SI})(?:ly)?\b", "along that axis", re.I),
    (rf"\b{_LR}\b(?!\s+(?:kidneys?|lungs?|lobes?|atri\w+|ventricles?|sides?\s+of|hand)\b)", "across the body", re.I),
    # an axis named by its two ends ("5 cm from front to back", "front-to-back", "side to side") is a
    # dimension or a direction of reading, not a place: "along that axis" (front-back, head-feet) or "across the body"
    (r"\b(?:from\s+)?(?:the\s+)?(?:front(?:\s+|-)to(?:\s+|-)(?:the\s+)?back|back(?:\s+|-)to(?:\s+|-)(?:the\s+)?front|"
     r"top(?:\s+|-)to(?:\s+|-)(?:the\s+)?bottom|head(?:\s+|-)to(?:\s+|-)(?:toe|foot|feet)|"
     r"anterior(?:\s+|-)to(?:\s+|-)posterior|posterior(?:\s+|-)to(?:\s+|-)anterior|"
     r"superior(?:\s+|-)to(?:\s+|-)inferior|inferior(?:\s+|-)to(?:\s+|-)superior)\b(?!\s+of\b)"
     r"(?!\s+(?:kidney|lung|lobe|atrium|ventricle|side\s+of)\b)", "along that axis", re.I),
    (r"\b(?:from\s+)?(?:the\s+)?(?:side(?:\s+|-)to(?:\s+|-)side|left(?:\s+|-)to(?:\s+|-)(?:the\s+)?right|"
     r"right(?:\s+|-)to(?:\s+|-)(?:the\s+)?left)\b(?!\s+of\b)(?!\s+(?:kidney|lung|lobe|atrium|ventricle|side\s+of)\b)",
     "across the body", re.I),
]
# abbreviations that end with a period: the period is a full stop only when a capital (or the end) follows
_DOTTED = {"ant": "anterior", "post": "posterior", "sup": "superior", "inf": "inferior", "lat": "lateral",
           "med": "medial", "sm": "small", "lg": "large", "mod": "moderate", "v": "very", "bilat": "bilateral",
           "unilat": "unilateral", "contralat": "contralateral", "ipsilat": "ipsilateral", "radiol": "radiological",
           "conv": "convention", "struct": "structure", "approx": "approximately", "abd": "abdomen",
           "pos": "position", "loc": "location", "avg": "average", "pt": "patient"}
_DOTTED_RE = re.compile(rf"\b({'|'.join(_DOTTED)})\.(?=(\s+\S|\s*$|[,;:)]))", re.I)

# an attribute named as the subject: "the side is most likely right side only" says where the target lies,
# "I'd estimate its size as large" what size it is
_SIDE_SUBJECT = re.compile(r"\b(?:the|its)\s+(?:side|laterality)\s+(?:is|looks|appears|seems)\s+(?:to\s+be\s+)?"
                           r"((?:most\s+likely|probably|likely|clearly|definitely|almost\s+certainly)\s+)?(?:the\s+)?"
                           r"(?:patient'?s\s+)?(?=(?:left|right)\b)", re.I)
# a size given as the speaker's rating: "Size-wise I'd call this medium", "I would describe it as small"
_CALL_IT = re.compile(r"\b(?:i'?d|i\s+would|we'?d|we\s+would)\s+(?:call|rate|class|grade|describe|consider|label|judge)\s+"
                      r"(it|this|them|these|they|the\s+(?:mask|(?:segmented|highlighted|outlined|marked)\s+(?:region|area|structure)|"
                      r"segmentation|region|lesions?|target))\s+(?:as\s+)?(?=(?:\w+\s+)?(?:small|medium|large|big|tiny|moderate|huge|mid-sized|"
                      r"medium-sized|intermediate|sizeable|modest)\b)", re.I)
# ... or as the class it falls in: "At roughly 14.5% of the image, it counts as small", "it comes out as medium"
_COUNTS_AS = re.compile(r"\b(?:counts?|qualif(?:ies|y)|class(?:es)?|ranks?|comes?\s+out|falls?|registers?|"
                        # "the highlighted area can be described as medium-sized": a hedge on the wording, still a claim
                        r"(?:can|could|may|might|would)\s+be\s+(?:described|called|classed|classified|characteri[sz]ed|"
                        r"labell?ed|considered|regarded))\s+(?:as|in\s+the)\s+(?=(?:\w+\s+)?(?:small|"
                        r"medium|large|big|tiny|moderate|huge|mid-sized|medium-sized|intermediate|sizeable|modest)\b)", re.I)
_SIZE_AS = re.compile(r"\b(estimate|rate|judge|grade|classify|class|call|read|put)\s+(its|the)\s+(size|extent|area)\s+"
                      r"(?:as|at)\s+", re.I)
_ARROW_SIGN = r"(?:\u2192|->|=>|\u21d2|\u27f6)"
_ARROW = re.compile(rf"\s*{_ARROW_SIGN}\s*")
_LAT_KEY = re.compile(rf"\blat\.?(?=\s*(?:[:=]|{_ARROW_SIGN}))", re.I)
# a label, then a key and its value: "Correction → Depth → mid", "premise → actually lat. → midline"
_KEY_CHAIN = re.compile(rf"^(\W*[A-Za-z]+)\s*{_ARROW_SIGN}\s*((?:actually\s+)?(?:side|laterality|size|area|depth|position|count|"
                        rf"pieces|components|parts|location|extent|relations?|rel\.?))\s*{_ARROW_SIGN}\s*", re.I)
# "the body's left", "the child's right": the patient's side said of the body or the person
_BODY_SIDE = re.compile(r"\b(?:the\s+|your\s+)?(?:body|person|child|kid|man|woman|boy|girl)'s\s+(left|right)\b|"
                        r"\b(?:their|his|her)\s+(left|right)\b(?=\s+(?:appears?|is|are|shows?|lies|side|hand)\b)", re.I)
_OUR_SIDE = re.compile(r"\bour\s+(left|right)\b", re.I)
_SIDE_GLOSS = re.compile(r"\b(left|right)\s*\((?:the\s+)?(?:patient'?s?|pt'?s?)(?:\s+side)?\)", re.I)
_BODY_WORDS = r"(?:body|belly|abdomen|patient|image|picture|slice|screen|spine|backbone|whole\s+image)"
_ARTICLES = [
    # "at patient left side", "in patient right" -> "at the patient's left side"
    (re.compile(r"\b(in|on|at|to|toward|towards)\s+patient'?s?\s+(left|right)\b", re.I), r"\1 the patient's \2"),
    # "in the patient left" -> "in the patient's left"
    (re.compile(r"\bthe\s+patient\s+(left|right)\b", re.I), r"the patient's \1"),
    # "in left side", "to right", "at back of", "near front" -> with the article ("in front of" is kept)
    (re.compile(r"\b(in|on|at|to|toward|towards|near)\s+(left|right|middle|center|centre)\b(?!\s*-)", re.I),
     r"\1 the \2"),
    (re.compile(r"\b(at|to|toward|towards|near)\s+(front|back)\b(?!\s*-)", re.I), r"\1 the \2"),
    # "stays in back part", "in upper half" -> with the article
    (re.compile(r"\b(in|at)\s+(front|back|upper|lower|middle|central|anterior|posterior)\s+(part|half|portion|third)\b", re.I),
     r"\1 the \2 \3"),
    (re.compile(rf"\b(of|in|from)\s+(?=(?:{_BODY_WORDS})\b)", re.I), r"\1 the "),
]
_PREPOSITIONS = [
    (re.compile(r"\bbehind\s+of\b", re.I), "behind"),
    # "is at the back side of heart", "is at front of liver" (not "at the back of the body")
    (re.compile(r"\b(located|situated|lies|lie|sits|sit|stay|stays|is|are)\s+(?:at\s+|on\s+)?(?:the\s+)?back(?:\s+side)?\s+of\b"
                r"(?!\s+(?:the\s+)?(?:body|belly|abdomen|patient|slice|image|scan|"
                r"picture|frame|section|view|film)\b)", re.I), r"\1 behind"),
    (re.compile(r"\b(located|situated|lies|lie|sits|sit|stay|stays|is|are)\s+(?:at\s+|on\s+)?(?:the\s+)?front(?:\s+side)?\s+(?:of|from)\b"
                r"(?!\s+(?:the\s+)?(?:body|belly|abdomen|patient|slice|image|scan|"
                r"picture|frame|section|view|film)\b)", re.I), r"\1 in front of"),
    (re.compile(r"\bin\s+front\s+from\b", re.I), "in front of"),
]
# analytic comparison of one-syllable size words: "most big" -> "biggest", "more small" -> "smaller"
_DEGREE = {"big": ("bigger", "biggest"), "large": ("larger", "largest"), "small": ("smaller", "smallest"),
           "tiny": ("tinier", "tiniest"), "near": ("nearer", "nearest"), "close": ("closer", "closest")}
_ANALYTIC = re.compile(r"\b(more|most)\s+(big|large|small|tiny|near|close)\b", re.I)
# "its small", "its on the left", "its the aorta": an unpunctuated "it's" (not "on its left", "its hilum")
_ITS = re.compile(r"(?<!\bon\s)(?<!\bto\s)(?<!\bat\s)(?<!\bof\s)(?<!\bin\s)(?<!\bfrom\s)(?<!\bby\s)(?<!\bwith\s)"
                  r"\bits\s+(?=(?:the|a|an|on|to|in|at|behind|near|just|only|not|very|quite|pretty|fairly|rather|kinda|also|located|situated|seen|found|"
                  r"small|large|tiny|big|huge|medium|medium-sized|massive|anterior|posterior|ventral|dorsal|midline|"
                  r"bilateral|about|around|roughly|approximately)\b)"
                  # ... but not before a noun it owns: "its anterior limit", "its posterior wall"
                  r"(?!(?:anterior|posterior|ventral|dorsal|midline|small|large|medium|tiny|big)\s+(?:limit|border|"
                  r"boundary|margin|edge|wall|surface|aspect|part|portion|end|pole|tip|half|side|segment|horn|lobe)s?\b)",
                  re.I)
# "it's pretty big", "there's a bit on the left": the contracted "is" the claim rules look for
_CONTRACTED = re.compile(r"\b(it|that|there|this|what|here|which|who|she|he)['\u2019]s\b", re.I)
_CONTRACTED_ARE = re.compile(r"\b(they|these|those|we|you)['\u2019]re\b", re.I)
_DOUBLE_THE = re.compile(r"\bthe\s+the\b", re.I)
def _dotted(m: re.Match) -> str:
    full = _DOTTED[m.group(1).lower()]
    if m.group(1)[0].isupper() and m.start() == 0:
        full = full[0].upper() + full[1:]
    follower = m.group(2).strip()
    ends = not follower or follower[0].isupper()
    return full + ("." if ends else "")


def expand(text: str) -> str:
    """`text` with report shorthand, arrows and learner English rewritten as plain prose (per line)."""
    lines = []
    for line in layout(spoken(texting(text))).split("\n"):
        line = layout_line(line)
        if line is None:
            continue
        line = _LAT_KEY.sub("laterality", line)  # "Lat. = midline", "lat. → L" (a key, not "lateral")
        line = _KEY_CHAIN.sub(r"\1: \2: ", line)
        line = _ARROW.sub(": ", line, count=1)
        line = _ARROW.sub(", ", line)
        line = _DOTTED_RE.sub(_dotted, line)
        for pattern, repl, flags in _PLAIN:
            line = re.sub(pattern, repl, line, flags=flags)
        line = _SIDE_GLOSS.sub(lambda m: f"patient's {m.group(1)}", line)
        line = _BODY_SIDE.sub(lambda m: f"the patient's {m.group(1) or m.group(2)}", line)
        line = _OUR_SIDE.sub(lambda m: f"the viewer's {m.group(1)}", line)  # "their left is on our right"
        for rx, repl in _ARTICLES:
            line = rx.sub(repl, line)
        for rx, repl in _PREPOSITIONS:
            line = rx.sub(repl, line)
        line = _ANALYTIC.sub(lambda m: _DEGREE[m.group(2).lower()][m.group(1).lower() == "most"], line)
        line = _SIDE_SUBJECT.sub(lambda m: f"it lies {m.group(1) or ''}on the patient's ", line)
        line = _SIZE_AS.sub(lambda m: f"{m.group(1)} that {m.group(2)} {m.group(3)} is ", line)
        line = _CALL_IT.sub(lambda m: f"{'they' if m.group(1).lower() in ('them', 'they') else m.group(1)} "
                            f"{'are' if m.group(1).lower() in ('them', 'these', 'they', 'lesions') else 'is'} ", line)
        line = _COUNTS_AS.sub("is ", line)
        line = _CONTRACTED.sub(lambda m: f"{m.group(1)} is", line)
        line = _CONTRACTED_ARE.sub(lambda m: f"{m.group(1)} are", line)  # "they're fairly small"
        line = _ITS.sub(lambda m: "It is " if m.group(0)[0] == "I" else "it is ", line)
        lines.append(run_ons(_DOUBLE_THE.sub("the", strip_fillers(dictated(line)))))
    return "\n".join(lines)
