"""Numbers written in words and figures: cardinal words ("twenty-five", "zero point four", "a half"), ordinals and the
fractions they make ("a quarter", "one-twentieth", "a seventy-fifth"). Number words are read by text2num, a maintained
parser; what it does not take is added up word by word. Used by `amounts` and `counts`.
"""

from __future__ import annotations

import re

UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                     "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
_DIGIT_WORD = "|".join(list(UNITS)[:10])
NUMBER_WORD = (rf"(?:(?:(?:{'|'.join(_TENS)})(?:[\s-](?:{'|'.join(list(UNITS)[1:10])}))?|{'|'.join(UNITS)})"
               rf"(?:\s+point(?:\s+(?:{_DIGIT_WORD}))+|\s+and\s+a\s+half)?|a hundred|one hundred|half a|a half|"
               # spoken "point seven" (not "at this point two percent")
               rf"(?<!this\s)(?<!that\s)(?<!the\s)(?<!a\s)(?<!any\s)(?<!some\s)(?<!what\s)point(?:\s+(?:{_DIGIT_WORD}))+)")

# ordinals as denominators: "a quarter" (1/4), "one-twentieth", "a seventy-fifth" (1/75, with the tens of `_TENS`)
ORDINAL = {"third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
           "tenth": 10, "twelfth": 12, "fifteenth": 15, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
           "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
           "thousandth": 1000}
_UNIT_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9}
_MULTIPLE = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
# the fractions `fraction_value` reads: "half", "a three-hundredth", "two-thirds", "a seventy-fifth", "1/7"
FRACTION_WORD = (r"half|(?:a|an|one)[\s-]+(?:two|three|four|five|six|seven|eight|nine)[\s-]+(?:hundredth|thousandth)s?|"
                 rf"(?:{'|'.join(_MULTIPLE)})[\s-]+(?:(?:{'|'.join(_TENS)})[\s-]+(?:{'|'.join(_UNIT_ORDINAL)})|"
                 rf"{'|'.join(ORDINAL)})s?|\d+\s*/\s*\d+")


def fraction_value(text: str) -> float:
    """'a quarter' -> 25.0, 'two-thirds' -> 66.7, 'one-twentieth' -> 5.0, '1/4' -> 25.0 (percent of the image)."""
    slash = re.fullmatch(r"(\d+)\s*/\s*(\d+)", text.strip())
    if slash:
        return 100.0 * int(slash.group(1)) / max(1, int(slash.group(2)))
    if text.strip().lower() == "half":
        return 50.0
    count, *times, ordinal = re.split(r"[\s-]+", text.strip().lower())  # "a three-hundredth": one 300th
    if times and times[0] in _TENS and ordinal.rstrip("s") in _UNIT_ORDINAL:  # "a seventy-fifth": one 75th
        return 100.0 * _MULTIPLE[count] / (_TENS[times[0]] + _UNIT_ORDINAL[ordinal.rstrip("s")])
    scale = UNITS[times[0]] if times else 1
    return 100.0 * _MULTIPLE[count] / (scale * ORDINAL[ordinal.rstrip("s") if ordinal.rstrip("s") in ORDINAL else ordinal])


def number_value(word: str) -> float:
    """'12', '12.5', 'twelve', 'twenty-five', 'zero point four', 'a half' as a number (number words are read
    by text2num, a maintained parser)."""
    from text_to_num import alpha2digit

    w = re.sub(r"(?<=\d),(?=\d{1,2}$)", ".", word.lower().strip())  # a decimal comma: "0,8"
    if w in ("half a", "a half"):
        return 0.5
    if w.endswith(" and a half"):  # "one and a half"
        return number_value(w[:-len(" and a half")]) + 0.5
    if w in ("a hundred",):
        return 100.0
    if w.startswith("point "):  # spoken "point seven"
        return number_value("zero " + w)
    digits = alpha2digit(w, "en", threshold=0).replace(" ", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return float(digits)
    parts = re.split(r"[\s-]+", w)  # a form the parser does not take: add the words up
    return float(_TENS.get(parts[0], 0) + sum(UNITS.get(p, 0) for p in parts if p in UNITS))
