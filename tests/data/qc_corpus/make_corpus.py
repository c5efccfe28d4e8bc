"""Writes the labelled QC evaluation corpus (dev.jsonl, heldout.jsonl, near_duplicates.jsonl).

Written BEFORE and apart from the QC rules, from the writer's side: how an LLM or a radiologist would
describe a structure in four registers (terse radiologist, tutor, chatty markdown, numbers spelled out),
with one planted defect per defective conversation, and clean conversations that carry the sentences a
checker is tempted to misread (true negations, sentences explaining the radiological convention,
knowledge sentences about other structures, hedges, numbers about populations). It imports nothing
from `medseg_qa.qc`. Labels are the flags a correct checker must raise: exactly the planted one.

    python tests/data/qc_corpus/make_corpus.py   # rewrites the three files (deterministic)

Bank A (this file) was written first, before any rule; bank B (bank_b.py) after the rules' first
version, its phrasing lists split in halves (its held-out half was measured once: 74.0% of defects
caught, 0% clean flagged, then spent on tuning); bank C (bank_c.py), written before looking at bank B's
held-out misses, was the next held-out (first measured 75.5% caught / 18.0% clean flagged; 83.0% / 37.0%
after tuning on dev; its false flags were then read once: 84.5% / 0%) and was then spent; bank D
(bank_d.py), written after that, was
measured (68.5% / 2.0% first; 78.0% / 2.0% after tuning on dev) and then spent; bank E (bank_e.py),
written blind before bank D was inspected, was measured (85.5% / 3.0% first; 89.5% / 3.0% after
tuning on dev) and then spent; bank F (bank_f.py), written blind before bank E was inspected, was
measured (86.0% / 29.5% first; its false flags were then read once: 86.0% / 0%) and spent; bank G
(bank_g.py), written blind after that, is the held-out split and was never inspected (only the names
of the flags raised on its clean rows were counted once, which showed a corpus bug: a two-word
follow-up question that the product's `malformed` rule rightly rejects; the question was lengthened).
First measure after that fix: 94.0% caught, 17.0% of clean conversations flagged.

A second writer (helper `qc2`) then added three banks, each written blind in its own module and measured
once before anything about it was read (heldout_h/i/j.jsonl; `make bench` prints every held-out bank
on its own rows): bank H (bank_h.py; terse, tutor, chatty markdown, numbers as words, with hedges,
conditionals, differentials, comparisons, conventions, negations) first measured 99.5% caught / 69.0%
clean flagged and was never read; bank G's false flags and misses were then read to find general causes
(G is spent), and H measured 99.5% / 0.0% after the fixes; bank I (bank_i.py; narrative, quiz,
checklist, British letter, with reported speech and history) first measured 100% / 28.0%, was read
and spent; bank J (bank_j.py; step-by-step reasoning, lay prose addressed to the patient, key=value,
Socratic) first measured 81.0% / 25.5%, was read and spent; bank K (bank_k.py; rounds, markdown table,
fractions in words, cautious consultant) first measured 100% / 26.0%, was read and spent; bank L
(bank_l.py; marking scheme, unpunctuated text-message shorthand, pros and cons, JSON-like fields) first
measured 82.5% / 45.5%, was read and spent (its remaining misses are the unpunctuated shorthand, left
unread on purpose: in doubt, QC does not flag); bank M (bank_m.py; restating LLM, Findings/Impression
report, teacher with analogies, arrow bullets), written after the last rule change, measured once with
the final rules (85.0% caught / 2.5% clean flagged) and never read.

A third writer (helper `qc4`) then wrote eight more blind banks, three surface forms each, 402
conversations each (heldout_n ... heldout_u.jsonl), alternating "write blind, measure once, then read and
fix": N (ESL writer, markdown LLM, abbreviated report; written before reading any rule) first measured
71.6% caught / 14.4% clean flagged, then M and N were read; O (a thinking-aloud reasoning model) 83.1% /
32.3%; P (a supervisor quoting and correcting a trainee) 98.0% / 67.2%; Q (a children's explainer) 79.6% /
17.9%; R (an idiom-heavy chat assistant) 85.6% / 0.0%; S (FAQ, slides, captions) 100% / 0.0%; T (a
second-person coach, written after S with no rule change between) 97.5% / 24.4%; each of O to R and T was
read once after its measure and spent. U (a clinician's notes: SOAP, problem list, handover), written after
the last rule change, measured 91.5% / 0.0% and was never read. A bank may weight its profiles toward
bilateral and multi-region masks (`pick_profile`) and its defect kinds (`KINDS`).

A fourth writer (helper `qc5`) read U, changed the rules, then wrote V (heldout_v.jsonl, 420 rows: a
non-native assistant in numbered steps, a teaching file with cm/mm sizes and familiar objects, a patient
portal; size and count defects weighted up), measured once with the final rules: 90.5% caught / 31.4%
clean flagged (29.0% after fixing one mislabelled phrase of the bank itself).

A fifth writer (helper `qcw`) then wrote W and X (heldout_w/x.jsonl, 420 rows each) BEFORE reading any QC
rule: W, an assistant answering in YAML blocks, hedged prose with credences and confidence tables; X, a
British consultant's dictation, GP letter and MDT minutes (L/R, ant./post., c., spelled-out per cent). Each
was measured once before its misses were read (figures in bench/bench_qc.py `FIRST_MEASURE`); it then read
them, changed the rules, and wrote Y (heldout_y.jsonl, 420 rows: a speech-to-text transcript with fillers and
self-repairs, a multiple-choice quiz with distractor options, a social-media teaching thread) after its last
rule change, measured once; it then read Y, changed the rules, and wrote Z (heldout_z.jsonl, 420 rows: a
clinical summary among vital signs and lab results, a Python snippet, a tick-box structured-report template)
after its last rule change, measured once; it then read Z, changed the rules, and wrote AA (heldout_aa.jsonl,
420 rows: an e-mail reply quoting the earlier message, a struck-through markdown revision, English with a
Spanish gloss) after its last rule change, measured once (0.971 / 0.195), then read it and fixed the rules;
then wrote AB (heldout_ab.jsonl, 420 rows: CSV output, a decimal-numbered outline, an academic paragraph with
references) after its last rule change, measured once (0.881 / 0.605; 0.881 / 0.143 with its own two-word
follow-up lengthened), then read it and fixed the rules.

From AC on, each bank brings its own targets, facts (measured by the product's `compute_facts` on synthetic masks),
records (modality, orientation) and styles (`later_banks`), written by a fresh writer who never opened the QC rules,
their tests, other banks or their rows, and measured once before anything about it was read (figures in
bench/bench_qc.py `FIRST_MEASURE`). AC (thorax and heart), AD (brain MR, axial and coronal) and AE (pelvis,
musculoskeletal, colonoscopy and dermoscopy photos) were the first banks with targets beyond the abdomen; they
were read and the rules fixed; then AF (abdomen in three chat assistants' voices), AG (chest X-ray, ultrasound and
photos) and AH (spine, ribs, neck vessels; learner English, negations, comparisons) were written, measured, read;
then AI (abdomen and pelvis) and AJ (thorax, heart, brain, neck) in exactly the four registers the reviewers name
(terse radiologist, tutor, chatty markdown, numbers as words) and AK (reasoning-model, verbose, concise and
Socratic answers), measured once, then read. AL (abdomen, chest, pelvis; the four named registers), AM (brain,
heart, neck, musculoskeletal; report, chat, viva, numbers as words) and AN (bullets, table, JSON, hedged prose) were
written after the rules read AI-AK and measured once; they were read in the next session. Three more rounds
followed, each measured once before it was read: AO-AQ, AR-AS and AT-AU. Before AO, row i took style i % n while
defects sat on odd rows, so in a four-style bank two registers had only clean rows and two only defective ones;
styles now go by pair ((i // 2) % n) and every bank was redrawn, so the first measures of banks before AO were taken
on rows since replaced. Rounds AV-AX, AY-BA, BB-BD and BE-BG followed the same way (each measured once, then read);
BH-BJ were measured once with the session's final rules and only BJ was read after that. Every later round (BK-BN
up to CZ-DC) was written the same way, measured once and recorded with its rules' commit in bench/bench_qc.py
`FIRST_MEASURE`, then read.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
SEG = "[SEG]"
OPP = {"left": "right", "right": "left"}
NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
REL_WORD = {"left_of": "to the patient's left of", "right_of": "to the patient's right of",
            "anterior_to": "in front of", "posterior_to": "behind"}
REL_ALT = {"anterior_to": ["anterior to", "ventral to", "in front of"],
           "posterior_to": ["posterior to", "dorsal to", "behind", "deep to"],
           "left_of": ["to the patient's left of", "on the left side of"],
           "right_of": ["to the patient's right of", "on the right side of"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}

# name, noun, side, vertical, size, components, relations, other ways to call it, what it does,
# an implicit question, knowledge sentences that mention other structures (true, not about the mask)
PROFILES = [
    dict(target="liver", noun="organ", side="right", vert="anterior", size="large", comps=1,
         rels=[("spleen", "right_of"), ("aorta", "right_of"), ("vertebral body", "anterior_to")],
         alias=["the hepatic parenchyma", "the liver", "this organ", "the hepatic silhouette"],
         giveaway=["hepatic", "the liver's", "perihepatic", "hepatobiliary", "livers"],
         fn="produces bile and stores glycogen",
         other_kb=["The spleen, by contrast, sits high in the left upper quadrant.",
                   "The inferior vena cava runs just behind it toward the right atrium.",
                   "The left renal vein crosses in front of the aorta before draining into the vena cava."]),
    dict(target="spleen", noun="organ", side="left", vert="posterior", size="medium", comps=1,
         rels=[("liver", "left_of"), ("aorta", "left_of"), ("stomach", "posterior_to")],
         alias=["the spleen", "this organ", "the splenic tissue"],
         giveaway=["splenic", "perisplenic", "the spleen's", "splenomegaly", "spleens"],
         fn="filters old red blood cells from the circulation",
         other_kb=["The liver occupies most of the right upper quadrant.",
                   "The pancreatic tail often reaches toward its hilum.",
                   "The stomach lies in front of it, separated by the lesser sac."]),
    dict(target="left kidney", noun="organ", side="left", vert="posterior", size="medium", comps=1,
         rels=[("aorta", "left_of"), ("vertebral body", "left_of"), ("spleen", "posterior_to")],
         alias=["the left kidney", "this kidney", "the renal outline", "the organ"],
         giveaway=["renal", "perirenal", "kidney", "nephrotic", "kidneys"],
         fn="filters blood to make urine",
         other_kb=["The right kidney usually sits a little lower because the liver pushes it down.",
                   "The left renal vein passes in front of the aorta on its way to the vena cava.",
                   "The psoas muscle runs behind and medial to it."]),
    dict(target="right kidney", noun="organ", side="right", vert="posterior", size="medium", comps=1,
         rels=[("aorta", "right_of"), ("vertebral body", "right_of"), ("liver", "posterior_to")],
         alias=["the right kidney", "this kidney", "the renal parenchyma"],
         giveaway=["renal", "pararenal", "kidney", "nephric", "kidneys"],
         fn="filters blood to make urine",
         other_kb=["The left kidney usually lies slightly higher than this one.",
                   "The liver sits above and in front of it.",
                   "The aorta runs down the front of the spine."]),
    dict(target="aorta", noun="vessel", side="midline", vert="posterior", size="small", comps=1,
         rels=[("vertebral body", "anterior_to"), ("inferior vena cava", "left_of"), ("liver", "left_of")],
         alias=["the aorta", "this vessel", "the aortic lumen"],
         giveaway=["aortic", "AAA", "periaortic", "aorto-iliac", "the aorta's"],
         fn="carries oxygenated blood from the heart to the body",
         other_kb=["The inferior vena cava runs beside it on the patient's right.",
                   "The left renal vein crosses in front of it just below the superior mesenteric artery.",
                   "The vertebral body lies directly behind it."]),
    dict(target="pancreas", noun="gland", side="midline", vert="anterior", size="small", comps=1,
         rels=[("aorta", "anterior_to"), ("stomach", "posterior_to"), ("spleen", "right_of")],
         alias=["the pancreas", "this gland", "the pancreatic parenchyma"],
         giveaway=["pancreatic", "peripancreatic", "pancreatitis", "the pancreas's"],
         fn="secretes insulin and digestive enzymes",
         other_kb=["The splenic vein runs along its back toward the portal confluence.",
                   "The duodenum curves around its head on the patient's right.",
                   "The stomach lies in front of it."]),
    dict(target="gallbladder", noun="organ", side="right", vert="anterior", size="small", comps=1,
         rels=[("stomach", "right_of"), ("aorta", "right_of"), ("right kidney", "anterior_to")],
         alias=["the gallbladder", "this organ", "the gallbladder lumen"],
         giveaway=["cholecystitis", "gall bladder", "pericholecystic", "gallbladders"],
         fn="stores and concentrates bile",
         other_kb=["The liver wraps around it from above.",
                   "The duodenum lies just medial to its neck.",
                   "The common bile duct drains toward the pancreatic head."]),
    dict(target="stomach", noun="organ", side="left", vert="anterior", size="medium", comps=1,
         rels=[("liver", "left_of"), ("pancreas", "anterior_to"), ("aorta", "anterior_to")],
         alias=["the stomach", "this organ", "the gastric lumen"],
         giveaway=["gastric", "perigastric", "gastroesophageal", "stomachs"],
         fn="churns food and secretes acid to begin digestion",
         other_kb=["The spleen sits behind and to the left of it.",
                   "The pancreas lies behind it across the back of the lesser sac.",
                   "The liver covers its front on the patient's right."]),
    dict(target="inferior vena cava", noun="vessel", side="right", vert="posterior", size="small", comps=1,
         rels=[("aorta", "right_of"), ("vertebral body", "anterior_to")],
         alias=["the IVC", "this vein", "the inferior vena cava"],
         giveaway=["IVC", "caval", "vena cava", "the cava"],
         fn="returns deoxygenated blood from the lower body to the heart",
         other_kb=["The aorta runs parallel to it on the patient's left.",
                   "The left renal vein crosses in front of the aorta to reach it.",
                   "The portal vein lies in front of it at the liver hilum."]),
    dict(target="liver lesion", noun="finding", side="right", vert="anterior", size="small", comps=3,
         rels=[("spleen", "right_of"), ("aorta", "right_of")],
         alias=["the lesions", "these lesions", "the hepatic lesions"],
         giveaway=["hepatic lesion", "liver mass", "lesion", "masses"],
         fn="appear as focal hypodense areas inside the largest solid organ",
         other_kb=["The spleen is free of similar foci.",
                   "Metastases from the colon commonly spread through the portal vein.",
                   "The gallbladder lies below them and is normal."]),
    dict(target="kidney", noun="organ", side="bilateral", vert="posterior", size="medium", comps=2,
         rels=[("liver", "posterior_to")],
         alias=["the kidneys", "both kidneys", "the renal outlines"],
         giveaway=["renal", "kidneys", "perirenal", "nephrons"],
         fn="filter blood and make urine",
         other_kb=["The aorta runs between them in front of the spine.",
                   "The adrenal glands cap their upper poles.",
                   "The psoas muscles lie just medial to them."]),
    dict(target="kidney cyst", noun="abnormality", side="left", vert="posterior", size="small", comps=1,
         rels=[("aorta", "left_of"), ("liver", "left_of")],
         alias=["the cyst", "this cyst", "the renal cyst"],
         giveaway=["cyst", "cystic", "renal cyst", "renal cysts"],
         fn="is a fluid-filled, thin-walled sac arising from the renal cortex",
         other_kb=["The liver on the other side contains no similar lesion.",
                   "The aorta lies medial to the kidney, in front of the spine.",
                   "The spleen sits above and in front of the kidney."]),
]


def facts_for(p: dict, rng: random.Random) -> dict:
    """Plausible MaskFacts for a profile (pixel geometry consistent with its side and position)."""
    w = h = 512
    frac = {"small": rng.uniform(0.002, 0.009), "medium": rng.uniform(0.012, 0.045),
            "large": rng.uniform(0.08, 0.26)}[p["size"]]
    nx = {"left": rng.uniform(0.62, 0.8), "right": rng.uniform(0.2, 0.38), "midline": rng.uniform(0.47, 0.53),
          "bilateral": 0.5}[p["side"]]
    ny = {"anterior": rng.uniform(0.25, 0.4), "posterior": rng.uniform(0.58, 0.72)}[p["vert"]]
    area = int(frac * w * h)
    half = int((area ** 0.5) / 2) + 1
    cx, cy = nx * (w - 1), ny * (h - 1)
    return {"width": w, "height": h, "area_pixels": area, "area_fraction": round(area / (w * h), 6),
            "bbox": [max(0, int(cx) - half), max(0, int(cy) - half), min(w - 1, int(cx) + half),
                     min(h - 1, int(cy) + half)],
            "centroid": [round(cx, 1), round(cy, 1)], "centroid_normalized": [round(nx, 4), round(ny, 4)],
            "components": p["comps"], "laterality": p["side"], "vertical": p["vert"], "size_class": p["size"],
            "relations": [{"other": o, "relation": r} for o, r in p["rels"]]}


# --- how each register says a true fact ------------------------------------------------------------

def pct_text(frac: float, style: str, rng: random.Random) -> str:
    p = frac * 100
    if style == "words":
        n = max(1, round(p))
        words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 8: "eight", 10: "ten",
                 12: "twelve", 15: "fifteen", 18: "eighteen", 20: "twenty", 25: "twenty-five"}
        near = min(words, key=lambda k: abs(k - n))
        return ("under one percent" if p < 1 else f"roughly {words[near]} percent")
    if p < 1:
        return rng.choice([f"about {p:.1f}%", "well under 1%", f"~{p:.2f}%"])
    return rng.choice([f"about {p:.0f}%", f"~{p:.0f}%", f"roughly {p:.0f} percent"])


SIDE_TRUE = {
    "left": ["It lies on the patient's left.", "It sits in the left side of the abdomen.",
             "Located on the patient's left-hand side.", "This is a left-sided structure here."],
    "right": ["It lies on the patient's right.", "It sits in the right side of the abdomen.",
              "Located on the patient's right-hand side.", "It occupies the right half of the body here."],
    "midline": ["It lies in the midline, just in front of the spine.", "Midline position.",
                "It sits centrally, in the midline of the body."],
    "bilateral": ["There is one on each side of the spine.", "Both sides are involved, left and right.",
                  "It is bilateral: one part on the patient's left and one on the right."],
}
VERT_TRUE = {"anterior": ["It sits toward the front of the body.", "Anterior position on this slice.",
                          "It lies anteriorly in the abdomen."],
             "posterior": ["It lies toward the back of the body.", "Posterior location on this slice.",
                           "It sits posteriorly, against the back wall."]}
SIZE_TRUE = {"small": ["It is small on this slice.", "A small structure here.", "Only a small area is covered."],
             "medium": ["It is medium-sized here.", "Moderate in size on this slice.", "Of intermediate size here."],
             "large": ["It is large on this slice.", "It takes up a large part of the image.",
                       "A large structure on this slice."]}


def count_true(n: int, style: str) -> str:
    if n == 1:
        return {"terse": "Single component.", "words": "It forms one continuous region.",
                "tutor": "Notice that it is one connected region.", "md": "**Parts:** one contiguous region"}[style]
    w = NUM[n]
    return {"terse": f"{n} separate components.", "words": f"It is made of {w} separate pieces.",
            "tutor": f"Notice that it appears as {w} distinct regions.", "md": f"**Parts:** {w} separate regions"}[style]


def clean_traps(p: dict, rng: random.Random, orientation: str | None) -> list[str]:
    """True sentences that a careless checker misreads."""
    out = list(p["other_kb"])
    side = p["side"]
    if side in OPP and orientation == "LP":
        s, o = side, OPP[side]
        out += [f"It is not on the {o} side.", f"It does not cross to the patient's {o}.",
                f"On screen it appears on the image's {o}, which is the patient's {s}.",
                f"Remember that radiological images show the patient's {s} on the {o} side of the picture.",
                f"There is no involvement of the {o} side."]
    if side == "midline":
        out += ["It sits just left of the midline, as is typical.", "It is neither clearly left nor right."]
    if p["comps"] == 1:
        out += ["Up to 30% of adults have some anatomical variant here.", "It is not split into several pieces."]
    else:
        out += [f"It is not a single region: there are {NUM[p['comps']]} of them."]
    if p["size"] != "large":
        out += ["A large mass nearby could compress it, but none is seen."]
    if p["size"] == "large":
        out += ["It is not small on this slice."]
    return out


# --- defects: one false claim, said the way a writer would say it --------------------------------

def wrong_side(p, rng):
    side = p["side"]
    alias = rng.choice(p["alias"])
    if side == "bilateral":
        return rng.choice([f"{alias[0].upper() + alias[1:]} lie on the patient's right only.",
                           "Only the left one is included; it sits on the patient's left.",
                           "It is a left-sided finding only."])
    if side == "midline":
        return rng.choice(["It lies well to the patient's right, far from the midline.",
                           "It is clearly on the left side of the body, away from the midline."])
    o = OPP[side]
    return rng.choice([f"{alias[0].upper() + alias[1:]} sits on the patient's {o}.",
                       f"It lies in the {o} upper quadrant.", f"It is a {o}-sided structure.",
                       f"On the image it appears on the image's {side}, i.e. the patient's {o}.",
                       f"It is located on the {o} side, not the {side}.",
                       f"It is not on the {side} side of the body.",
                       f"Found in the {o} flank on this slice."])


def wrong_relation(p, rng):
    other, rel = rng.choice(p["rels"])
    bad = FLIP[rel]
    alias = rng.choice(p["alias"])
    phr = rng.choice(REL_ALT[bad])
    return rng.choice([f"{alias[0].upper() + alias[1:]} lies {phr} the {other}.",
                       f"It is located {phr} the {other}.",
                       f"The {other} is {REL_ALT[rel][0]} it.".replace(" it.", " it.")])


def wrong_vertical(p, rng):
    if p["vert"] == "anterior":
        return rng.choice(["It lies toward the back of the body, against the spine.", "It sits posteriorly.",
                           "A dorsal structure on this slice.", "Its position is posterior."])
    return rng.choice(["It lies toward the front of the body, just under the abdominal wall.",
                       "It sits anteriorly.", "A ventral structure on this slice.", "Its position is anterior."])


def wrong_size(p, rng, facts, style):
    size = p["size"]
    if size == "large":
        words = ["It is diminutive on this slice.", "It is tiny here.", "A minuscule structure on this slice.",
                 "It covers only a sliver of the image.", "It is petite on this slice.",
                 "It covers about 0.3% of the image.", "It occupies under one percent of the image."]
    elif size == "small":
        words = ["It is massive on this slice.", "It is huge here.", "An enormous structure on this slice.",
                 "It dominates the image.", "It is bulky on this slice.",
                 "It covers roughly 35% of the image.", "It occupies about forty percent of the slice."]
    else:
        words = ["It is tiny on this slice.", "It is massive here.", "It covers roughly 40% of the image.",
                 "It fills most of the image.", "It occupies about 0.1% of the image."]
    return rng.choice(words)


def wrong_count(p, rng):
    if p["comps"] == 1:
        return rng.choice(["It is split into two separate pieces.", "It appears as three distinct foci.",
                           "There are two disconnected regions.", "The finding is multifocal.",
                           "It is made up of several separate islands."])
    return rng.choice(["It is a single, connected piece.", "It forms one contiguous region.",
                       "It appears as a solitary, well-defined region.", "The finding is unifocal.",
                       "Only one region is present."])


QUESTION_WRONG = {
    "laterality": lambda p, o: f"Which {p['noun']} on the patient's {o} side {p['fn_q']}? Please segment it.",
    "position": lambda p, o: f"Which {p['noun']} lies {REL_ALT[FLIP[p['rels'][0][1]]][0]} the {p['rels'][0][0]} "
                             f"and {p['fn_q']}? Segment it.",
}


def question(p: dict, style: str, rng: random.Random, orientation) -> str:
    fn = p["fn"]
    o_rel, rel = rng.choice(p["rels"])
    if style == "terse":
        return rng.choice([f"Segment the {p['noun']} that {fn}.", f"Which {p['noun']} {fn}? Mask it."])
    if style == "tutor":
        return rng.choice([f"Let's test your anatomy: which {p['noun']} in this scan {fn}? Please outline it.",
                           f"Here's one for you. Which structure here {fn}, and where is it? Segment it."])
    if style == "md":
        return rng.choice([f"**Quick question:** which {p['noun']} {fn}? Could you highlight it for me?",
                           f"Hey! On this CT, can you find the {p['noun']} that {fn} and segment it?"])
    return rng.choice([f"Which {p['noun']} lies {REL_WORD[rel]} the {o_rel} and {fn}? Please segment it.",
                       f"Can you find the {p['noun']} that {fn}? Please segment it."])


def answer(p, facts, style, rng, true_sentences):
    name = p["target"]
    lead = {"terse": f"{name.capitalize()} {SEG}.", "tutor": f"Good thinking! That is the {name} {SEG}.",
            "md": f"**Answer:** the {name} {SEG}", "words": f"This is the {name} {SEG}."}[style]
    if style == "md":
        return lead + "\n" + "\n".join(f"- {s}" for s in true_sentences)
    return " ".join([lead] + true_sentences)


def build(p, style, rng, defect: str | None, orientation="LP"):
    facts = facts_for(p, rng)
    p = dict(p, fn_q=p["fn"])
    sents = [rng.choice(SIDE_TRUE[p["side"]]), rng.choice(VERT_TRUE[p["vert"]])]
    if style in ("words", "terse", "md") or rng.random() < 0.5:
        sents.append(f"It covers {pct_text(facts['area_fraction'], style, rng)} of the image.")
    else:
        sents.append(rng.choice(SIZE_TRUE[p["size"]]))
    sents.append(count_true(p["comps"], style))
    o, r = rng.choice(p["rels"])
    sents.append(f"It lies {rng.choice(REL_ALT[r])} the {o}.")
    traps = clean_traps(p, rng, orientation)
    sents += rng.sample(traps, k=min(2, len(traps)))
    rng.shuffle(sents)
    q = question(p, style, rng, orientation)
    follow_q = rng.choice(["Where exactly is it, and how big is it?", "Can you describe its position?",
                           "How much of the slice does it take up?", "Is it one piece?"])
    follow_a = " ".join(rng.sample(traps, k=min(2, len(traps))))
    expected = []
    if defect:
        expected = [defect]
        if defect == "laterality":
            bad = wrong_side(p, rng)
        elif defect == "position":
            bad = wrong_relation(p, rng) if rng.random() < 0.6 else wrong_vertical(p, rng)
        elif defect == "size":
            bad = wrong_size(p, rng, facts, style)
        elif defect == "count":
            bad = wrong_count(p, rng)
        if defect == "names_target":
            g = rng.choice(p["giveaway"])
            q = rng.choice([f"A patient has {g} findings on this scan. Which {p['noun']} is involved? Segment it.",
                            f"Which {p['noun']} would show {g} changes here? Please segment it.",
                            f"Could you outline the {g} region on this slice?"])
        elif defect in ("laterality", "position") and rng.random() < 0.3 and p["side"] in OPP:
            q = QUESTION_WRONG[defect](p, OPP[p["side"]])  # the false claim sits in the question
        elif rng.random() < 0.6:
            sents.insert(rng.randrange(len(sents) + 1), bad)
        else:
            follow_a = bad + " " + follow_a
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": answer(p, facts, style, rng, sents)},
             {"role": "user", "content": follow_q}, {"role": "assistant", "content": follow_a}]
    return facts, turns, expected


def structured(facts, rng, corrupt: bool) -> dict:
    claims = {"side": facts["laterality"], "vertical": facts["vertical"], "size_class": facts["size_class"],
              "area_percent": round(facts["area_fraction"] * 100, 2), "regions": facts["components"],
              "relations": [dict(r) for r in facts["relations"]]}
    if corrupt:
        key = rng.choice(["side", "vertical", "size_class", "area_percent", "regions", "relations"])
        if key == "side":
            claims["side"] = {"left": "right", "right": "left", "midline": "left", "bilateral": "right"}[claims["side"]]
        elif key == "vertical":
            claims["vertical"] = "posterior" if claims["vertical"] == "anterior" else "anterior"
        elif key == "size_class":
            claims["size_class"] = "large" if claims["size_class"] != "large" else "small"
        elif key == "area_percent":
            claims["area_percent"] = min(100.0, round(claims["area_percent"] * 6 + 5, 1))
        elif key == "regions":
            claims["regions"] = claims["regions"] + 2
        else:
            claims["relations"][0]["relation"] = FLIP[claims["relations"][0]["relation"]]
    return claims


def main(n_a: int = 380, n_b_dev: int = 200, n_b_heldout: int = 400, n_c: int = 400,
         seed: int = 20261129) -> None:
    """dev.jsonl: banks A to F (B's to F's held-out measurements were taken, then they were spent on
    tuning); heldout.jsonl: bank G; heldout_h/i/j.jsonl: banks H, I, J (see the module docstring)."""
    rng = random.Random(seed)
    dev = bank_a(n_a, rng) + bank_b_rows(n_b_dev, "dev", rng) + bank_b_rows(n_b_heldout, "heldout", rng)
    dev += bank_c_rows(n_c, random.Random(seed + 1))
    dev += bank_lettered_rows("d", n_c, random.Random(seed + 2))
    dev += bank_lettered_rows("e", n_c, random.Random(seed + 3))
    dev += bank_lettered_rows("f", n_c, random.Random(seed + 4))
    held = bank_lettered_rows("g", n_c, random.Random(seed + 5))
    held_h = bank_lettered_rows("h", n_c, random.Random(seed + 6))
    held_i = bank_lettered_rows("i", n_c, random.Random(seed + 7))
    held_j = bank_lettered_rows("j", n_c, random.Random(seed + 8))
    held_k = bank_lettered_rows("k", n_c, random.Random(seed + 9))
    held_l = bank_lettered_rows("l", n_c, random.Random(seed + 10))
    held_m = bank_lettered_rows("m", n_c, random.Random(seed + 11))
    held_n = bank_lettered_rows("n", 402, random.Random(seed + 12))
    held_o = bank_lettered_rows("o", 402, random.Random(seed + 13))
    held_p = bank_lettered_rows("p", 402, random.Random(seed + 14))
    held_q = bank_lettered_rows("q", 402, random.Random(seed + 15))
    held_r = bank_lettered_rows("r", 402, random.Random(seed + 16))
    held_s = bank_lettered_rows("s", 402, random.Random(seed + 17))
    held_t = bank_lettered_rows("t", 402, random.Random(seed + 18))
    held_u = bank_lettered_rows("u", 402, random.Random(seed + 19))
    held_v = bank_lettered_rows("v", 420, random.Random(seed + 20))
    held_w = bank_lettered_rows("w", 420, random.Random(seed + 21))
    held_x = bank_lettered_rows("x", 420, random.Random(seed + 22))
    held_y = bank_lettered_rows("y", 420, random.Random(seed + 23))
    held_z = bank_lettered_rows("z", 420, random.Random(seed + 24))
    held_aa = bank_lettered_rows("aa", 420, random.Random(seed + 25))
    held_ab = bank_lettered_rows("ab", 420, random.Random(seed + 26))
    for name, rows in (("dev", dev), ("heldout", held), ("heldout_h", held_h), ("heldout_i", held_i),
                       ("heldout_j", held_j), ("heldout_k", held_k), ("heldout_l", held_l),
                       ("heldout_m", held_m), ("heldout_n", held_n),
                       ("heldout_o", held_o), ("heldout_p", held_p),
                       ("heldout_q", held_q), ("heldout_r", held_r),
                       ("heldout_s", held_s), ("heldout_t", held_t),
                       ("heldout_u", held_u), ("heldout_v", held_v),
                       ("heldout_w", held_w), ("heldout_x", held_x), ("heldout_y", held_y),
                       ("heldout_z", held_z), ("heldout_aa", held_aa),
                       ("heldout_ab", held_ab)) + later_banks(seed):
        with open(HERE / f"{name}.jsonl", "w") as fh:
            fh.writelines(json.dumps(r) + "\n" for r in rows)
    write_duplicates(rng)


def later_banks(seed: int) -> tuple[tuple[str, list[dict]], ...]:
    """Banks from AC on, each written by its own writer in `bank_<letter>.py` with its own targets: a bank
    whose module is not there yet is skipped, so writers working in parallel never edit this file."""
    return tuple((f"heldout_{letter}", bank_lettered_rows(letter, 420, random.Random(seed + 27 + k)))
                 for k, letter in enumerate(("ac", "ad", "ae", "af", "ag", "ah", "ai", "aj", "ak", "al", "am", "an", "ao", "ap", "aq", "ar", "as", "at", "au", "av", "aw", "ax", "ay", "az", "ba", "bb", "bc", "bd", "be", "bf", "bg", "bh", "bi", "bj", "bk", "bl", "bm", "bn", "bo", "bp", "bq", "br", "bs", "bt", "bu", "bv", "bw", "bx", "by", "bz", "ca", "cb", "cc", "cd", "ce", "cf", "cg", "ch", "ci", "cj", "ck", "cl", "cm", "cn", "co", "cp", "cq", "cr", "cs", "ct", "cu", "cv", "cw", "cx", "cy", "cz", "da", "db", "dc", "dd", "de", "df", "dg", "dh", "di", "dj", "dk", "dl", "dm", "dn", "do", "dp", "dq", "dr", "ds", "dt", "du", "dv", "dw", "dx", "dy", "dz", "ea", "eb", "ec", "ed", "ee", "ef", "eg", "eh", "ei", "ej", "ek", "el", "em", "en", "eo", "ep", "eq", "er", "es", "et", "eu", "ev", "ew", "ex", "ey", "ez", "fa", "fb", "fc", "fd", "fe", "ff", "fg", "fh", "fi", "fj", "fk", "fl", "fm", "fn", "fo", "fp", "fq", "fr", "fs", "ft", "fu", "fv", "fw", "fx", "fy", "fz", "ga", "gb", "gc", "gd", "ge", "gf", "gg", "gh", "gi", "gj", "gk", "gl", "gm", "gn", "go", "gp", "gq",
        "gr", "gs", "gt", "gu", "gv", "gw", "gx", "gy")) if (HERE / f"bank_{letter}.py").exists())


def bank_b_rows(n: int, half: str, rng: random.Random) -> list[dict]:
    from bank_b import build as build_b

    kinds = ["laterality", "position", "size", "count", "names_target"]
    rows = []
    for i in range(n):
        p = rng.choice(PROFILES)
        style = ["report", "socratic", "table", "chat"][(i // 2) % 4]
        defect = None if i % 2 == 0 else kinds[(i // 2) % len(kinds)]
        facts = facts_for(p, rng)
        turns, expected, _ = build_b(p, facts, style, half, rng, defect)
        rows.append({"id": f"b{half}-{i:04d}", "bank": "B", "style": style, "defect": defect, "expected": expected,
                     "record": {"target": p["target"], "modality": "CT", "body_region": "abdomen",
                                "orientation": "LP", "facts": facts},
                     "conversation": {"turns": turns, "claims": None}})
    return rows


def bank_c_rows(n: int, rng: random.Random) -> list[dict]:
    return bank_lettered_rows("c", n, rng)


def bank_lettered_rows(letter: str, n: int, rng: random.Random) -> list[dict]:
    """Rows of bank C or D (`bank_<letter>.build`), one planted defect in every other conversation."""
    import importlib

    bank = importlib.import_module(f"bank_{letter}")
    build_c = bank.build
    pick = getattr(bank, "pick_profile", None)  # a bank may weight profiles toward rare cases
    # a bank may bring its own targets, facts, records (modality, orientation) and styles
    profiles, make_facts = getattr(bank, "PROFILES", PROFILES), getattr(bank, "facts_for", facts_for)
    record_for = getattr(bank, "record_for", lambda p: {"modality": "CT", "body_region": "abdomen",
                                                        "orientation": "LP"})
    styles = getattr(bank, "STYLES", None) or {"c": ["note", "exam", "verbose", "words"], "d": ["teaching", "keyvalue", "friendly", "shorthand"],
              "e": ["hedge", "resident", "emoji", "qa"], "f": ["report", "academic", "telegraphic", "chatty"],
              "g": ["markdown", "dictation", "oneliner", "review"],
              "h": ["terse", "tutor", "chatty", "words"],
              "i": ["narrative", "quiz", "checklist", "letter"],
              "j": ["steps", "lay", "kv", "socratic"],
              "k": ["rounds", "table", "words", "consultant"],
              "l": ["marking", "sms", "proscons", "json"],
              "m": ["restate", "report", "teacher", "arrows"],
              "n": ["esl", "mdllm", "abbrev"], "o": ["think", "formal", "roman"],
              "p": ["email", "rubric", "viva"], "q": ["story", "kidqa", "funfacts"],
              "r": ["chat", "recap", "compare"], "s": ["faq", "slides", "caption"],
              "t": ["coach", "checklist", "contrast"], "u": ["soap", "problem", "handover"],
              "v": ["steps", "teachfile", "portal"], "w": ["yaml", "hedge", "conftable"],
              "x": ["dictation", "gpletter", "mdt"], "y": ["voice", "mcq", "thread"],
              "z": ["summary", "code", "picklist"], "aa": ["reply", "redline", "bilingual"],
              "ab": ["csv", "outline", "citation"]}[letter]
    kinds = getattr(bank, "KINDS", ["laterality", "position", "size", "count", "names_target"])  # a bank may weight kinds
    rows = []
    for i in range(n):
        defect = None if i % 2 == 0 else kinds[(i // 2) % len(kinds)]
        p = pick(profiles, i, defect, rng) if pick else rng.choice(profiles)
        style = styles[(i // 2) % len(styles)]  # each register gets clean and defective rows alike
        facts = make_facts(p, rng)
        turns, expected = build_c(p, facts, style, rng, defect)
        rows.append({"id": f"{letter}-{i:04d}", "bank": letter.upper(), "style": style, "defect": defect, "expected": expected,
                     "record": {"target": p["target"], **record_for(p), "facts": facts},
                     "conversation": {"turns": turns, "claims": None}})
    return rows


def bank_a(n_per_split: int, rng: random.Random) -> list[dict]:
    kinds = ["laterality", "position", "size", "count", "names_target", "claims"]
    styles = ["terse", "tutor", "md", "words"]
    for split in ("dev",):
        rows = []
        for i in range(n_per_split):
            p = rng.choice(PROFILES)
            style = styles[(i // 2) % 4]
            defect = None if i % 2 == 0 else kinds[(i // 2) % len(kinds)]
            facts, turns, expected = build(p, style, rng, None if defect == "claims" else defect)
            claims = None
            if defect == "claims" or rng.random() < 0.3:
                claims = structured(facts, rng, corrupt=defect == "claims")
                expected = ["claims"] if defect == "claims" else expected
            rows.append({"id": f"a{split}-{i:04d}", "bank": "A", "style": style, "defect": defect, "expected": expected,
                         "record": {"target": p["target"], "modality": "CT", "body_region": "abdomen",
                                    "orientation": "LP", "facts": facts},
                         "conversation": {"turns": turns, "claims": claims}})
    return rows


def write_duplicates(rng: random.Random) -> None:
    """Pairs of first questions: paraphrases that repeat a question (word swap, lead-in, clause order)
    and different questions about the same target that must not be merged."""
    bases = [
        ("Which organ in this CT slice produces bile and stores glycogen? Please segment it.",
         ["Which organ in this CT image produces bile and stores glycogen? Please segment it.",
          "Quick question: which organ in this CT slice produces bile and stores glycogen? Please segment it.",
          "Please segment it: which organ in this CT slice stores glycogen and produces bile?",
          "Which organ in this CT slice makes bile and stores glycogen? Please segment it."],
         ["Which organ in this CT slice would be examined first in a patient with jaundice? Please segment it.",
          "Which structure lies to the patient's right of the spleen? Please outline it."]),
        ("In this scan, which vessel carries oxygenated blood from the heart to the body? Segment it.",
         ["In this scan, which vessel carries oxygenated blood from the heart to the rest of the body? Segment it.",
          "Looking carefully, in this scan which vessel carries oxygenated blood from the heart to the body? Segment it.",
          "Segment it: in this scan, which vessel carries oxygen-rich blood from the heart to the body?",
          "Which vessel in this scan carries oxygenated blood from the heart to the body? Segment it."],
         ["In this scan, which vessel would rupture in a patient with sudden tearing back pain? Segment it.",
          "Which vessel lies directly in front of the vertebral body here? Please outline it."]),
        ("Which organ on this slice filters old red blood cells from the circulation? Please outline it.",
         ["Which organ on this slice filters aged red blood cells from the circulation? Please outline it.",
          "Can you tell me which organ on this slice filters old red blood cells from the circulation? Please outline it.",
          "Please outline it. Which organ on this slice filters old red blood cells from the circulation?",
          "On this slice, which organ filters old red blood cells from the circulation? Please outline it."],
         ["Which organ on this slice may enlarge in a patient with mononucleosis? Please outline it.",
          "Which organ on this slice lies behind the stomach on the patient's left? Please outline it."]),
        ("Which gland in this image secretes insulin and digestive enzymes? Please segment it.",
         ["Which gland in this image secretes insulin as well as digestive enzymes? Please segment it.",
          "As a quick anatomy check, which gland in this image secretes insulin and digestive enzymes? Please segment it.",
          "Which gland in this image secretes digestive enzymes and insulin? Please segment it.",
          "Which gland in this picture secretes insulin and digestive enzymes? Please segment it."],
         ["Which gland in this image is inflamed in a patient with epigastric pain radiating to the back? Segment it.",
          "Which gland in this image lies in front of the aorta and behind the stomach? Please segment it."]),
        ("Which organ here filters blood to make urine? Please mark it on the image.",
         ["Which organ here filters the blood to produce urine? Please mark it on the image.",
          "Out of curiosity, which organ here filters blood to make urine? Please mark it on the image.",
          "Please mark it on the image: which organ here filters blood to make urine?",
          "Which organ shown here filters blood to make urine? Please mark it on the image."],
         ["Which organ here would be affected in a patient with flank pain and haematuria? Please mark it.",
          "Which organ here sits to the patient's left of the aorta? Please mark it on the image."]),
    ]
    rows = []
    for base, dupes, different in bases:
        for i, d in enumerate(dupes):
            rows.append({"id": f"dup-{len(rows):03d}", "split": "dev" if i % 2 == 0 else "heldout",
                         "questions": [base, d], "duplicate": True})
        for i, d in enumerate(different):
            rows.append({"id": f"dup-{len(rows):03d}", "split": "dev" if i % 2 == 0 else "heldout",
                         "questions": [base, d], "duplicate": False})
    with open(HERE / "near_duplicates.jsonl", "w") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows)


if __name__ == "__main__":
    main()
