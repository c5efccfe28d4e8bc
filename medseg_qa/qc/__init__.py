"""QC: checks a conversation against its record's measured mask facts and its knowledge entry.

Public entry points: `check_conversation(conversation, record, knowledge)` returns named flags (empty =
pass) and `near_duplicates(questions)` finds repeated first questions. Modules by role:

- `lexicon`: which words name the target (any form) and which name other structures;
- `shorthand`: report abbreviations, arrow bullets, run-on text, contractions and learner English
  rewritten as plain prose before anything is read;
- `clauses`: sentences, negation scopes, yes/no and confirmation questions;
- `subjects`: which structure a clause is about (subject attribution); `topics`: what a sentence-opening pronoun
  points back to across sentences (a structure just asked about or brought in);
- `fragments`: key/value lines, table rows and verbless fragments read as the sentences they stand for;
- `claim`, `claims`, `sides`, `heights`, `relations`, `amounts`: claim extraction from any prose (sides in `sides`,
  places along the picture's rows in `heights`, relations to other structures in `relations`; size, percent and count
  in `amounts`);
- `modality`: which claims are asserted (not conditional, possible, generic, reported, quoted, retracted
  or rejected by the next sentence); `generic`: sentences about a kind, a rule or a population, not this image;
- `settle`, `revisions`: which false claims stand once a conversation is read (another voice overruled by the
  answer; the answer's own earlier words withdrawn by its explicit correction);
- `compare`: claims against the facts and against the structured `claims` object;
- `dupes`: near-duplicate questions;
- `choices`: lettered answer options (offered, not asserted) and the key that asserts one.

QC reads every turn, questions included ("which organ on the patient's left ..." is a claim), and it
depends on no generator's phrasing: it is measured on the labelled corpus in `tests/data/qc_corpus/`.
"""

from __future__ import annotations

import re

from medseg_qa.knowledge import KnowledgeEntry, normalize_text
from medseg_qa.schemas import SEG_TOKEN, Conversation, SourceRecord

from .aliases import seg_alias, with_alias
from .choices import offered
from .claims import Claim, extract_claims, sentence_claims
from .clauses import affirmed_statement, fronted_question, is_confirmation_question, read_sentence, written_sentences
from .compare import FLAG_OF_KIND, contradiction, disagrees_with_structured, structured_problems
from .convention import carries_convention
from .counts import echoed_count, premise_count
from .dupes import near_duplicates
from .lexicon import lexicon_for
from .rejections import corrects, reply_rejects, retracted
from .premises import BARE_RIGHT
from .revisions import REVISED_DEPTH, depth_revised, revisions, withdrawn
from .settle import REPORTER_DETERMINERS, REPORTERS, Said, echoes, reported_span, standing, topic, voices
from .topics import asked_about, described_elsewhere, read_with_topic

__all__ = ["FLAG_DESCRIPTIONS", "Claim", "check_conversation", "extract_claims", "near_duplicates", "target_terms",
           "claim_problems"]

FLAG_DESCRIPTIONS = {
    "roles": "turns do not alternate user/assistant starting with a user turn and ending with an answer",
    "length": "the first question or answer is shorter, or any turn longer, than the allowed number of characters",
    "malformed": "the first question or answer is not prose (fewer than three words), a follow-up holds no word, "
                 "or the first user turn asks nothing",
    "names_target": "the first question names the target (a synonym, adjectival, prefixed or acronym form), "
                    "so it is not implicit",
    "seg_count": "the first answer lacks exactly one [SEG] token, or another turn carries one",
    "laterality": "a turn puts the target on a patient side (or the midline) that the mask contradicts",
    "position": "a turn places the target (absolutely, or relative to another structure) contrary to the "
                "measured position and relations",
    "size": "a turn calls the target small/medium/large or gives an area percent the mask contradicts",
    "count": "a turn claims one region when the mask has several, or several when it has one",
    "claims": "the structured claims object contradicts the facts, or the prose contradicts the claims object",
    "judge": "the optional LLM judge listed a claim of an answer that contradicts the facts",
    "near_duplicate": "the first question repeats an earlier question about the same target",
    "generation_failed": "the backend gave no usable conversation; the raw answer is kept for review",
}
MIN_CHARS, MAX_CHARS = 12, 2000
_WORD = re.compile(r"[^\W\d_]{2,}")
_TALLY = re.compile(r"\s*[x\u00d7]\d{1,2}\.?\s*", re.I)  # a pager's count as the whole answer: "x2."
_ASKS = re.compile(r"\?|\b(segment(?:ed|ing|ation)?|seg|outlined?|mark(?:ed)?|highlight(?:ed)?|delineated?|identif(?:y|ied|ying)|"
                   r"locat(?:e|ing)|find(?:ing)?|quiz\s+me|"
                   r"show|point out|indicate|label(?:led)?|contour(?:ed)?|trace|select|mask(?:ed)?|colou?r\s+(?:it|them)\s+in|need|"
                   r"please|point(?:\s+(?:to|at|out))?|locali[sz]e|pick\s+out|spot(?:ter)?|name|circle|draw|tell\s+me|"
                   r"go(?=\W*$))\b|"
                   # a question typed without its mark: a wh-word opening a clause ("..., which organ is that",
                   # "whats the bright white stuff here", "where r they on this")
                   r"(?:^|[,;:.!]\s*|\b(?:so|and|n|but|ok|okay|pls|plz|hey|hi)\s+)(?:which|what|whats|what's|where|wheres|"
                   r"where's|how|who|whose)\b|\b(?:where|what|which|how)\s+(?:is|are|r|does|do|can|would|should)\b",
                   re.IGNORECASE)


def target_terms(record: SourceRecord, knowledge: KnowledgeEntry | None) -> tuple[str, ...]:
    """Every term that names the record's target: its label, the record's and the KB's synonyms."""
    return lexicon_for(record, knowledge).target_terms


def claim_problems(conv: Conversation, record: SourceRecord) -> list[str]:
    """Why the conversation's structured claims disagree with the facts (empty when they agree or are absent)."""
    return structured_problems(conv.claims, record.facts) if conv.claims is not None else []


def _corrected(reply: list[str], quoted: set[int], flag: str, record: SourceRecord, lexicon,
               echo: re.Pattern | None = None) -> bool:
    """Does the reply to a user's false statement reject something and then say the truth of the same kind
    ("Step 2: Not quite. It lies posterior to the liver.")? A learner's error corrected is no defect of the data;
    one the reply lets pass, or corrects only in another kind, still is. A count the reply gives in the premise's
    own noun (`echo`, see `counts.premise_count`) counts what the premise counted ("two distinct defects?" - "No:
    there is a single defect")."""
    asked = REVISED_DEPTH if flag == "position" else ""  # a corrected place answers where it lies ("centrally": mid-depth)

    def of_kind(said: str) -> list[Claim]:
        claims = [c for c in sentence_claims(said, record, lexicon, asked) if FLAG_OF_KIND[c.kind] == flag]
        echoed = echoed_count(said, echo) if echo and not claims else None
        if echoed:
            return [echoed]
        subject = _SUBJECT_NP.match(said)  # "Not quite: The air pockets are medium-sized.": a correction's own wording
        if claims or not subject or any(m.names for m in lexicon.mentions(subject.group(0))):  # of the thing it corrects
            return claims
        return [c for c in sentence_claims("It " + said[subject.end():], record, lexicon, asked) if FLAG_OF_KIND[c.kind] == flag]

    for j, sentence in enumerate(reply):
        if not corrects(sentence) or (j and j - 1 not in quoted
                                      and any(contradiction(c, record.facts) for c in of_kind(reply[j - 1]))):
            continue  # no rejection, or one of the reply's own error ("Candidate: ... left. Examiner: No.")
        for said in reply[j:j + 2]:
            claims = of_kind(said)
            if claims and not any(contradiction(c, record.facts) for c in claims):
                return True
    return False


# a noun phrase opening a sentence as its subject: "The air pockets are ...", "The lump is toward the front"
_SUBJECT_NP = re.compile(r"^\W*(?:(?:no|not\s+quite|actually)\W+)?(?:the|these|this|those|that)\s+(?:[a-z-]+\s+){0,2}?[a-z-]+\s+(?=(?:is|are|lies|lie|sits|sit)\b)", re.I)


# a user's statement put to the assistant for checking: "It looks large to me. Do you agree?", "I count two
# pieces. Is that what you see?", "..., isn't it?", "Does that sound right?"
_PUT_TO = re.compile(r"\b(?:are\s+you\s+sure|i\s+disagree|surely\s*\?|i\s+thought|you(?:'d|\s+would)\s+say|i(?:'d|\s+would)\s+have\s+"
                     r"(?:said|guessed|thought)|(?:do|would)\s+you\s+agree|agree\?|isn'?t\s+(?:that|it)\s+(?:right|so|true|correct)|"
                     r"is\s+that\s+(?:right|correct|so|true|consistent|"
                     r"what\s+you\s+(?:see|get|found|measured?)|how\s+you\s+see\s+it)|am\s+i\s+(?:right|wrong|"
                     r"reading\s+(?:it|this)\s+(?:right|wrong|correctly))|(?:can|could)\s+you\s+(?:confirm|check)|"
                     r"does\s+(?:that|the\s+mask)\s+(?:match|fit|agree|sound\s+right)|do\s+you\s+see\s+(?:it\s+)?(?:that|the\s+same)|"
                     r"(?:did|have)\s+i\s+got?\s+(?:that|it)\s+right|correct\s+me|anything\s+wrong|fair\s+summary|"
                     r"(?:please|can\s+you|could\s+you)\s+(?:double-?)?check\s+(?:that|this|it)\b|"
                     r",\s*(?:right|correct|no|yes|isn'?t\s+it|aren'?t\s+they|huh|yeah|eh|ok(?:ay)?|innit|would\s+it\s+not|wouldn'?t\s+it|"
                     r"does\s+it\s+not|doesn'?t\s+it|is\s+it\s+not|yes\s+or\s+no|don'?t\s+they|do\s+they\s+not)\s*\?\s*$|"
                     # a perception offered for checking: "That looks large to me.", "I'd say it lies toward the top."
                     r"\b(?:looks?|seems?|appears?)\b[^.?!;]{0,60}?\bto\s+me\b|\b(?:looks?|seems?)\s+to\s+me\b|"
                     r"^\W*(?:honestly|frankly|hmm+|well|to\s+me|from\s+here)?[,\s]*(?:it|they|that|this|the\s+mask)\s+(?:looks?|seems?)\s+"
                     r"(?:(?:pretty|quite|really|rather|very|fairly|kind\s+of|sort\s+of|a\s+bit)\s+)?[\w-]+\s*[.!]?\s*$|"
                     r"^\W*(?:i'?d\s+(?:say|call)|i\s+(?:only\s+)?(?:count|see|make\s+it)|i\s+can\s+see|i\s+(?:think|believe|reckon|guess|suspect|feel)|my\s+(?:impression|guess|"
                     r"reading|sense)\s+is|in\s+my\s+(?:view|opinion|reading))\b)", re.I)


# a statement asked back for checking, in one clause: "So it is dorsal to the aorta?", "So that's right-sided then?"
# (not a premise under a question: "Since it is on the right, what follows?"); the tags `_PUT_TO` reads (", right?",
# ", huh?") are not repeated here
_CHECK_QUESTION = re.compile(r"^\W*(?:(?:so|and|ok|okay|alright|all\s+right|then|right|wait|hmm|sorry|just\s+to\s+check)\b[,\s]*)*"
                             r"(?:it|they|that|this|the\s+(?:mask|segmentation|structure|region|organ))(?:'s|'re|\s+is|\s+are|"
                             r"\s+lies|\s+sits|\s+lie|\s+sit)\b(?:[^,;:]*|[^;:]*,\s*(?:true|or\s+not))\?\s*$", re.I)


def _answered(said: list[str], i: int, statement: str, reply: list[str], flag: str, record: SourceRecord,
              lexicon) -> bool:
    """Is a user's false statement (sentence i, read as `statement`) put to the assistant for checking, or disputed
    by the reply, and does the reply say the truth about the same point without opening with assent? Then the reply has answered it ("It
    looks large to me. Do you agree?" - "It is medium-sized, about 3.7%."; "Since they lie below the diaphragm, ...?"
    - "Let me push back on that: they lie above it."). A premise the reply passes over or merely restates around ("Here
    is what the mask shows: ...") still stands. Only a follow-up, or another reader's belief the first question reports
    for checking ("The ward team thought it was on the right, so please check that"), is answered so: a false clue in
    the first question misleads the sample whatever its answer says."""
    if (reply and _ASSENTS.match(reply[0])) or not (any(_PUT_TO.search(s) for s in said[max(0, i - 1):i + 3])
                                                    or _CHECK_QUESTION.match(said[i]) or any(corrects(s) for s in reply)):
        return False
    point = {topic(c) for c in sentence_claims(statement, record, lexicon, "")
             if contradiction(c, record.facts) == flag}
    for sentence in reply:  # (read as answers to the statement: "about 3.7%" is of the image it spoke of)
        claims = [c for c in sentence_claims(sentence, record, lexicon, said[i]) if topic(c) in point]
        if claims and not any(contradiction(c, record.facts) for c in claims):
            return True
    return False


# a user's report of another reader's words, which the user puts to the answer as their own premise
_REPORT_FRAME = re.compile(rf"^\W*(?:{REPORTER_DETERMINERS}\s+(?:[\w-]+\s+){{0,2}}?{REPORTERS}"
                           r"(?:'s\s+(?:note|report|letter|read|draft|summary)"
                           r"(?=\s+\w+\s*:))?(?:,?\s+who\s+(?:is|was)\s+(?:a|an)\s+[\w-]+,?)?"  # ("The registrar's note says: ..."
                           # quotes it; "My colleague's report says ..." reports; "My friend who is a nurse says ...")
                           r"(?:\s+(?:i|we)\s+(?:got|saw|read|had)(?:\s+earlier)?)?(?:\s+(?:on|in)\s+the\s+[\w-]+)?"
                           r"\s+(?:said|says|say|thinks|thought|"
                           r"states?|stated|told\s+me|mentions?|mentioned|suggests?|suggested|reads?|wrote|writes|notes?|noted)"
                           r"(?:\s+(?:that\s+)?|\s*:\s*)|"
                           # a note quoted after a colon: 'My reading of it: "..."', 'From the outside report: "..."',
                           # 'I wrote: "..."'
                           r"(?:(?:from|in)\s+)?(?:the|my|our|a|an)\s+(?:[\w-]+\s+){0,3}?(?:report|note|letter|reading|referral|"
                           r"summary|impression|request)(?:\s+of\s+it)?\s*:\s*(?=[\"\u201c])|i\s+(?:wrote|noted|put)\s*:\s*(?=[\"\u201c])|"
                           r"according\s+to\s+[^,]{1,40},\s*|i\s+was\s+told\s+(?:that\s+)?|"
                           # "He told the family it's on the left side", "The doctor said it is towards the back"
                           r"(?:he|she|they|the\s+(?:doctor|surgeon|nurse|consultant|specialist)|my\s+(?:doctor|brother|sister|"
                           r"wife|husband|son|daughter|friend))\s+(?:told\s+(?:me|us|him|her|them|the\s+family)|said|says|thinks|"
                           r"mentioned|looked\s+at\s+it\s+and\s+says)\s+(?:that\s+)?|"
                           # "He heard the doctor say it's big", "The registrar described it on the telephone as fairly big"
                           rf"(?:i|we|he|she|they)\s+heard\s+{REPORTER_DETERMINERS}\s+(?:[\w-]+\s+)?{REPORTERS}\s+(?:say|said)\s+"
                           rf"(?:that\s+)?|{REPORTER_DETERMINERS}\s+(?:[\w-]+\s+)?{REPORTERS}\s+described\s+(?P<described>it|them)\s+"
                           r"(?:[^,.;]{0,30}?\s+)?as\s+)", re.I)
# the answer's own words quoted back by the user ('You wrote that it "consists of 3 pieces". Is that typical?'): put to
# the answer as a premise, which stands unless the reply corrects it (a misquote let stand is a false claim)
_QUOTES_BACK = re.compile(r"^\W*(?:(?:so|but|and|ok|okay|hmm|earlier|above)\W+)*you\s+(?:wrote|said|mentioned|stated|claimed|put|"
                          r"told\s+me)\s+(?:earlier\s+|above\s+|before\s+)?(?:that\s+)?(?=\w+\s+[\"\u201c]|[\"\u201c])", re.I)
_QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]")
_BARE_NO = re.compile(r"^\W*(?:no|nope|not\s+really|not\s+much|not\s+necessarily|not\s+at\s+all)\b"
                      r"(?!\s*[,:]?\s*(?:not\b|it\b|it'?s\b|they\b|that'?s\b|the\s+(?:mask|outline)\b))", re.I)
_ASSENTS = re.compile(r"^\W*(?:yes|yep|yeah|yup|correct|exactly|right|indeed|that'?s\s+(?:right|correct))\b"
                      r"(?![\s,]+no\b)", re.I)  # ("Yeah, no, no - it is one piece" rejects)


def check_conversation(conv: Conversation, record: SourceRecord, knowledge: KnowledgeEntry | None, *,
                       min_chars: int = MIN_CHARS, max_chars: int = MAX_CHARS) -> list[str]:
    """Named QC flags of one conversation about `record` (empty = pass), in FLAG_DESCRIPTIONS order."""
    flags: set[str] = set()
    turns = conv.turns
    expected = ["user", "assistant"] * ((len(turns) + 1) // 2)
    if [t.role for t in turns] != expected[:len(turns)] or len(turns) % 2:
        flags.add("roles")
    # the first exchange is the training sample and must be prose; a follow-up may be as short as people
    # write them ("Which side?" - "Left."), but it still holds a word and no turn is over the limit
    first, later = turns[:2], turns[2:]
    if any(len(t.content.strip()) > max_chars for t in turns) or any(len(t.content.strip()) < min_chars for t in first):
        flags.add("length")
    if (any(len(_WORD.findall(t.content)) < 3 for t in first) or any(not _WORD.search(t.content) and not _TALLY.fullmatch(t.content)
                                                                     for t in later)
            or (turns and not _ASKS.search(turns[0].content))):
        flags.add("malformed")
    users = [t.content for t in turns if t.role == "user"]
    answers = [t.content for t in turns if t.role == "assistant"]
    lexicon = lexicon_for(record, knowledge)
    if users and lexicon.names_target(normalize_text(users[0])):
        flags.add("names_target")
    # claims are read with the answer's own name for what it segmented ("You're after the stoma [SEG]") as a synonym
    claimed = with_alias(record, seg_alias(normalize_text(answers[0])) if answers else None, lexicon)
    lexicon = lexicon_for(claimed, knowledge) if claimed is not record else lexicon
    if (not answers or answers[0].count(SEG_TOKEN) != 1 or any(SEG_TOKEN in a for a in answers[1:])
            or any(SEG_TOKEN in u for u in users)):
        flags.add("seg_count")
    if claim_problems(conv, record):
        flags.add("claims")
    previous = context = ""  # the last sentence said, across turns: a bare "Yes." affirms the question before it
    contents = offered([turn.content for turn in turns])  # "A. Left / B. Right / ... Answer: B" says "Right."
    written = [written_sentences(content) for content in contents]  # each turn split once; a turn also reads its reply
    said_by_turn = [[read_sentence(s) for s in w] for w in written]
    quoted = [echoes(said, said_by_turn[t - 1]) if t and turns[t].role == "assistant" else set()
              for t, said in enumerate(said_by_turn)]  # an answer quoting the question it answers
    for t in range(1, len(turns)):  # "What about the spleen?" - "It is small.": the answer's 'It' is the spleen
        asked = next((s for s in reversed(said_by_turn[t - 1]) if s.rstrip().endswith("?")), "")
        topic = asked_about(asked, lexicon) if turns[t].role == "assistant" else None
        said_by_turn[t] = read_with_topic(said_by_turn[t], topic, lexicon, written[t])
    read: list[Said] = []  # every checkable claim; which false ones stand is settled once each turn is read
    roles = [turn.role for turn in turns]
    revised = revisions(said_by_turn, roles)  # "Correction: earlier I wrote ...", "Sorry, I misspoke: ..."
    revised_depth = depth_revised(said_by_turn, revised)  # "I said anterior, but it is actually central."
    for t, said in enumerate(said_by_turn):
        voice = voices(contents[t], said)
        reply, reply_quotes = (said_by_turn[t + 1], quoted[t + 1]) if t + 1 < len(turns) else ([], set())
        for i, sentence in enumerate(said):
            # what a short answer measures: the question just asked, also past a lead ("To answer that: ...")
            context = previous if previous.rstrip().endswith("?") else context if previous.rstrip().endswith(":") else ""
            context = context or (REVISED_DEPTH if (t, i) in revised_depth else "")
            affirmed = affirmed_statement(sentence, previous)  # "Is it left? Yes." says "It is left."
            previous = sentence
            if retracted(said, i) or i in quoted[t]:
                continue  # "Candidate: It is on the left. Examiner: No, look again.": retracted
            if i and carries_convention(said[i - 1], sentence):
                continue  # "In this display the patient's left is not on your left; it is mirrored to your right."
            asked_back = i + 1 == len(said) and is_confirmation_question(sentence) and reply_rejects(reply)
            fronted = fronted_question(sentence) if asked_back and _BARE_NO.match(reply[0]) else None
            if asked_back and fronted is None:
                continue  # "So it is on my right?" - "Not quite: it is on your left." The premise is rejected
            frame = _REPORT_FRAME.match(sentence) if turns[t].role == "user" else None
            reported = frame is not None
            if turns[t].role == "user":  # "The report says it lies on the left": the user brings it to the answer
                sentence = _QUOTE_MARKS.sub("", sentence[frame.end():]) if frame else sentence
                if frame and frame.group("described"):  # ("... described it as fairly big": it is fairly big)
                    sentence = ("It is " if frame.group("described").lower() == "it" else "They are ") + sentence
                back = _QUOTES_BACK.match(sentence)  # 'You wrote that it "lies on the left"': the user's premise too
                sentence = _QUOTE_MARKS.sub("", sentence[back.end():]) if back else sentence
            if i and BARE_RIGHT.fullmatch(sentence) and len(_WORD.findall(said[i - 1])) <= 6 and \
                    not voice[i] and any(r.turn == t and r.sentence == i - 1 for r in read):
                sentence = "Right side."  # "Size: large. Right. Two components.": a descriptor among terse ones (not
                # another voice's "HOST B: Right.")
            claims = sentence_claims(affirmed or sentence, record, lexicon, context)
            others_say = reported_span(sentence)  # "Dr Okafor counted three; I count one."
            if (affirmed or BARE_RIGHT.fullmatch(sentence)) and i + 1 < len(said):
                # "Is it large? Right. By area it is moderate in size": the turn answers for itself
                answered = {FLAG_OF_KIND[c.kind] for s in said[i + 1:]
                            for c in sentence_claims(s, record, lexicon, context)}
                claims = [c for c in claims if FLAG_OF_KIND[c.kind] not in answered]
            described = described_elsewhere(sentence, lexicon) if turns[t].role == "user" and t >= 2 else []
            for claim in claims:
                at = sentence.find(claim.text) if claim.text else -1
                if any(a <= at < b for a, b in described) or (fronted is not None and at >= fronted):
                    continue  # "Next: that smooth fluid bag at the front." points at another thing; a question's own
                    # words answered "No" (its fronted premise stands: "At 18% of the image, does it go into the test
                    # split?" - "No, the split is by patient.")
                flag = contradiction(claim, record.facts)
                if flag and turns[t].role == "user" and (_corrected(reply, reply_quotes, flag, record, lexicon,
                                                                    premise_count(sentence, claim) if flag == "count" else None)
                                                         or ((t or reported) and _answered(said, i, sentence, reply, flag,
                                                                                               record, lexicon))):
                    continue  # "(2) It lies in front of the liver." - "Step 2: Not quite. It lies behind it."
                read.append(Said(t, i, claim, flag, voice[i] or others_say[0] <= at < others_say[1], at))
                if not flag and conv.claims is not None and disagrees_with_structured(claim, conv.claims):
                    flags.add("claims")
    gone = withdrawn(said_by_turn, roles, read, revised, lambda t, i: sentence_claims(said_by_turn[t][i], record, lexicon))
    flags |= standing([r for k, r in enumerate(read) if k not in gone])
    return [f for f in FLAG_DESCRIPTIONS if f in flags]
