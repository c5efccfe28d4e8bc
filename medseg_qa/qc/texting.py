"""Phone-typed English: texting spellings and typos of the words the claim rules read, spelled out before a turn is
normalised further (`shorthand.expand`).

People type questions on a phone ("is it on the lft or the rigth", "how many r there", "u'll find it on ur left
side") and casual assistants echo them. Two mechanisms, both closed and both keeping the meaning of what was typed:

- a table of texting spellings ("u", "ur", "teh", "thats", "theyre", "abt", "jsut"); the one-letter ones ("u",
  "r", "n") only in lower case and only where the word they stand for fits ("where r they", "last yr n they");
- a typo of a side or position word is that word: a token one edit (insertion, deletion, substitution or swap
  of two neighbours, the Damerau-Levenshtein distance) away from "left", "right", "anterior", ... is read as it,
  unless it is itself an English word ("lift", "light", "interior", "medical": `_REAL_WORDS`). The vocabulary is
  kept to words whose neighbours are few and listed, so a typo never turns one real word into another.

A target's name typed with one slip ("kidny", "pituatary") is its name (`respelled`, used by `Lexicon.names_target`).

Discourse particles typed at the end of a clause ("midline btw.", "on the left side tbh") are dropped so a
verbless answer still reads as one.
"""
from __future__ import annotations

import re

# lower-case texting spellings of whole words
_SPELLINGS = {"ur": "your", "teh": "the", "thats": "that is", "theyre": "they are", "theres": "there is",
              "whats": "what is", "wats": "what is", "wat": "what", "abt": "about", "jsut": "just", "kno": "know",
              "sry": "sorry", "im": "I am", "ive": "I have", "cant": "cannot", "dont": "do not", "doesnt": "does not",
              "isnt": "is not", "arent": "are not", "didnt": "did not", "youre": "you are", "thru": "through",
              "tho": "though", "cuz": "because", "coz": "because", "bc": "because", "pls": "please", "plz": "please",
              "thx": "thanks", "yr": "year", "yrs": "years", "rite": "right", "ryt": "right"}
_SPELLING = re.compile(rf"(?<![\w'-])({'|'.join(_SPELLINGS)})(?![\w'-])")
_YOU = re.compile(r"(?<![\w'-])u(?=\s|'ll\b|'re\b|'d\b|'ve\b|[,.!?]|$)", re.M)  # "can u outline it", "u'll find it"
# "r" for "are" after a word it can follow ("where r they", "how many r there", "things r tbh") and "n" for "and"
_ARE = re.compile(r"\b(where|what|which|who|how|many|they|things|you|we|there|these|those|both|all|nerves|organs|spots|"
                  r"lesions|stones|kidneys|lungs)\s+r(?=\s+[a-z])")
_AND = re.compile(r"(?<=[a-z,])\s+n\s+(?=[a-z])")
# a particle that ends a clause: "midline btw.", "on the left tbh", "its small lol"
_PARTICLE = re.compile(r"(?:,?\s+(?:btw|fyi|tbh|imo|imho|lol|lmao|hth|ty|thx|tia|haha|fwiw))+(?=\s*(?:[.!?,;]|$))", re.I | re.M)

# the words a typo is read back to, and the English words one edit away from them, which are left as typed
_KEYS = ("left", "right", "anterior", "posterior", "superior", "inferior", "bilateral", "midline", "lateral", "medial")
_REAL_WORDS = frozenset(
    "lift loft lent lest leet let eft deft heft weft reft cleft lefts lefty bight eight fight light might night "
    "sight tight wight bright fright wright aright rights righto righty interior "
    "posteriors laterally literal laterals collateral unilateral media medical medal medials midlines "
    "bilaterally median medians menial superiors inferiors".split())
_TOKEN = re.compile(r"(?<![\w'-])[A-Za-z][a-z]{2,9}(?![\w'-])")


def one_edit(a: str, b: str) -> bool:
    """Are `a` and `b` one insertion, deletion, substitution or swap of two neighbouring letters apart?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:] or (a[i + 1:i + 2] == b[i:i + 1] and a[i:i + 1] == b[i + 1:i + 2]
                                          and a[i + 2:] == b[i + 2:])
    return a[i + 1:] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1:]


def _key_for(token: str) -> str:
    """The side or position word `token` is a typo of ("rigth", "Lft"), else `token` itself."""
    word = token.lower()
    if word in _KEYS or word in _REAL_WORDS:
        return token
    key = next((key for key in _KEYS if one_edit(word, key)), None)
    return token if key is None else key.capitalize() if token[0].isupper() else key


def texting(text: str) -> str:
    """`text` with texting spellings and typos of side and position words spelled out."""
    if not re.search(r"[a-z]", text):
        return text
    text = _SPELLING.sub(lambda m: _SPELLINGS[m.group(1)], text)
    text = _YOU.sub("you", text)
    text = _ARE.sub(lambda m: f"{m.group(1)} are", text)
    text = _AND.sub(" and ", text)
    text = _PARTICLE.sub("", text)
    return _TOKEN.sub(lambda m: _key_for(m.group(0)), text)


_TYPED = re.compile(r"(?<![\w'-])[A-Za-z]{5,}(?![\w'-])")
# common words one edit from a structure's or finding's name, which are not slips of it
_NOT_SLIPS = frozenset("lesson lessons legion legions cancel cancels canter postal mortal venus".split())


_INFLECTION = re.compile(r"(?:es|ed|ing|s|d)$")


def respelled(text: str, words: tuple[str, ...], known: frozenset[str]) -> str:
    """`text` with a word one edit from one of `words` (a target's own words of six letters or more: "kidny",
    "fibriods", "gallbladdr") spelled as that word, sharing its first two letters; a word that is `known` (a name, a
    place word) or a common word one edit away ("lesson" of "lesion") is left as typed."""
    def fix(m: re.Match) -> str:
        word = m.group(0).lower()
        if word in known or word in _NOT_SLIPS:
            return m.group(0)
        # (not an inflection or a clipped form: "diseased" of "disease", "orbit" of "orbital", "crosses" of "crossed")
        return next((w for w in words if w[:2] == word[:2] and one_edit(word, w) and not word.startswith(w)
                     and not w.startswith(word) and _INFLECTION.sub("", w) != _INFLECTION.sub("", word)), m.group(0))

    return _TYPED.sub(fix, text) if words else text
