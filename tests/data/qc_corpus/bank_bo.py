"""Bank BO (round 14): abdominal CT (axial "LP", some coronal "LI") in the voices of SMALL open
instruction-tuned LLMs (3B-8B) asked for a multi-turn reasoning-segmentation conversation.

Written blind (helper qcbo): without opening the QC rules, their tests, other banks or their rows.
Facts are the product's own measurement (`medseg_qa.facts.compute_facts`) of synthetic ellipse masks
drawn where each structure sits; every sentence of the prose is written from those facts.

Styles: "md" (small-llm markdown: **Answer:**, ### headings, bold keys, numbered lists, a repeated fact,
"I hope this helps!"), "plain" (run-on small-llm prose restating the question, awkward grammar and
articles), "jsonish" (half-followed JSON fields mixed with sentences), "careful" (hedged, aligned
assistant: "based on the mask", "on this particular slice", "approximately", comparisons).
Traps in clean rows (all true): negations, the radiological display convention, true sentences about
other structures with their own sides and positions, population numbers, comparisons, hedges,
follow-up questions of every length. Defects (one false claim each) sit in the first answer, in a
follow-up answer or in a user's follow-up premise; names_target defects name the target in the first
question (name, synonym, adjectival form, abbreviation).

Writer's own self-check (no QC code; /work/notes/qcbo_scripts/selfcheck.py, a reader keyed on this module's
phrase tables): 420 rows, 210 clean, 42 of each defect kind; every planted false text is present in its row
(210/210); 0 clean rows whose read claims disagree with their facts; every non-premise defect read as a
mismatch of its own kind and of no other; [SEG] once, in the first answer; turns 12..2000 chars, >= 3 words;
no clean first question names its target (stems and prefixes, e.g. "adrenal" in "adrenaline"), every
names_target one does; flipping the side / count / size of the 210 clean rows' facts makes the reader
disagree on 210/210 rows each. Defect places: 35 user follow-up premises, 57 follow-up answers, 76 first
answers, 42 first questions.

first measure: not taken by the writer (the lead measures once after merging).
"""

from __future__ import annotations

import numpy as np

SIZE = 256
STYLES = ["md", "plain", "jsonish", "careful"]
PLANTED: list[str] = []  # the planted false text of each defective row, in build order (self-check only)

# other structures' centroids (normalised x, y) per orientation, for the product's relation measurement
OTHERS_LP = {"vertebral body": (0.50, 0.70), "aorta": (0.52, 0.60), "liver": (0.28, 0.40),
             "spleen": (0.80, 0.56), "stomach": (0.64, 0.33), "inferior vena cava": (0.42, 0.58)}
OTHERS_LI = {"liver": (0.30, 0.28), "spleen": (0.78, 0.30), "aorta": (0.52, 0.50), "urinary bladder": (0.50, 0.88)}


def P(target, name, ori, blobs, others, qs, names, forbid, fn, kb, cmp, nblobs=None, plural=False):
    return dict(target=target, name=name, ori=ori, blobs=blobs, others=others, qs=qs, names=names,
                forbid=forbid, fn=fn, kb=kb, cmp=cmp, nblobs=nblobs, plural=plural)


KIDNEY_STEMS = ["kidney", "renal", "nephr", "ren "]
PROFILES = [
    P("liver", "liver", "LP", [(0.30, 0.42, 0.20, 0.17)], ["spleen", "vertebral body", "stomach"],
      ["Which organ on this CT slice makes bile and stores glycogen? Please segment it.",
       "A patient has yellow eyes and a raised bilirubin. Which big solid organ should I look at on this scan, and can you outline it?",
       "What is the largest solid organ of the abdomen, the one that breaks down most drugs? Segment it please."],
      ["the liver", "the hepatic parenchyma", "the liver parenchyma", "the hepatic outline"],
      ["liver", "hepat", "hepar"], "It makes bile, stores glycogen and clears many drugs from the blood.",
      ["The spleen lies on the opposite side, in the left upper quadrant.",
       "The gallbladder hangs from the underside of this organ on the right."],
      ["It is clearly bigger than the gallbladder, which is only a small sac."]),
    P("liver", "liver", "LI", [(0.32, 0.30, 0.20, 0.15)], ["spleen", "aorta", "urinary bladder"],
      ["On this coronal CT, which organ makes bile and stores glycogen? Please segment it.",
       "Which large organ under the diaphragm detoxifies drugs and makes clotting factors? Outline it on this coronal image."],
      ["the liver", "the hepatic parenchyma", "the liver outline"],
      ["liver", "hepat", "hepar"], "It makes bile, stores glycogen and produces most clotting factors.",
      ["The urinary bladder sits far lower, in the pelvis.", "The spleen is found high up on the left under the ribs."],
      ["On this image it is much larger than the spleen."]),
    P("spleen", "spleen", "LP", [(0.78, 0.58, 0.08, 0.12)], ["liver", "aorta", "stomach"],
      ["Which organ filters old red blood cells and can enlarge in glandular fever? Please segment it.",
       "After a fall onto the lower left ribs, which blood-rich organ is at risk of rupture? Can you show it on this slice?",
       "Which organ of the immune system stores platelets and removes aged red cells? Outline it."],
      ["the spleen", "the splenic tissue", "the splenic parenchyma"],
      ["splen", "spleen", "lien"], "It filters old red blood cells and takes part in immune defence.",
      ["The liver fills most of the right upper quadrant.", "The left kidney sits below and medial to it."],
      ["It is smaller than the liver but larger than the gallbladder."]),
    P("spleen", "spleen", "LI", [(0.76, 0.30, 0.08, 0.12)], ["liver", "aorta", "urinary bladder"],
      ["On this coronal slice, which organ removes old red blood cells? Please segment it.",
       "Which organ under the left ribs swells in glandular fever? Outline it on this coronal CT."],
      ["the spleen", "the splenic tissue"], ["splen", "spleen", "lien"],
      "It filters old red blood cells and holds a reserve of platelets.",
      ["The liver is on the other side, under the right hemidiaphragm.", "The bladder lies low in the pelvis."],
      ["It is smaller than the liver on this image."]),
    P("kidney", "kidneys", "LP", [(0.30, 0.64, 0.06, 0.08), (0.70, 0.64, 0.06, 0.08)], ["aorta", "liver", "stomach"],
      ["Which paired bean-shaped organs filter the blood and make urine? Please segment both of them.",
       "A patient has a high creatinine. Which paired organs should I look at here? Outline them please."],
      ["both kidneys", "the renal parenchyma", "the kidneys", "the two renal outlines"],
      KIDNEY_STEMS, "They filter the blood, make urine and help control blood pressure.",
      ["The aorta runs down in front of the spine between them.", "The liver sits above the right one, so that one often lies a little lower."],
      ["Each one is much smaller than the liver."], plural=True),
    P("kidney", "kidneys", "LI", [(0.32, 0.60, 0.06, 0.10), (0.68, 0.60, 0.06, 0.10)], ["liver", "aorta", "urinary bladder"],
      ["On this coronal image, which paired organs produce urine? Please segment them.",
       "Which two bean-shaped organs filter the blood? Outline them on this coronal CT."],
      ["both kidneys", "the kidneys", "the renal outlines"], KIDNEY_STEMS,
      "They filter the blood and make urine, which drains to the bladder.",
      ["The bladder sits lower down in the pelvis.", "The liver lies above on the patient's right."],
      ["Each one is smaller than the liver."], plural=True),
    P("left kidney", "left kidney", "LP", [(0.70, 0.64, 0.06, 0.08)], ["aorta", "spleen", "vertebral body"],
      ["Which bean-shaped organ on the patient's left filters the blood to make urine? Segment it please.",
       "Which urine-producing organ lies next to the spine on the patient's left? Please outline it."],
      ["the left kidney", "the left renal unit", "the left renal parenchyma"], KIDNEY_STEMS,
      "It filters the blood and produces urine.",
      ["The right one usually sits a little lower because the liver pushes it down.",
       "The psoas muscle runs beside it along the spine."],
      ["It is smaller than the spleen on most slices."]),
    P("pancreas", "pancreas", "LP", [(0.56, 0.48, 0.14, 0.04)], ["vertebral body", "stomach", "spleen"],
      ["Which gland makes insulin as well as digestive enzymes? Please segment it.",
       "A patient has epigastric pain going through to the back and a very high lipase. Which gland should I outline here?"],
      ["the pancreas", "the pancreatic gland", "the pancreatic parenchyma"], ["pancrea"],
      "It makes digestive enzymes and hormones such as insulin.",
      ["The spleen sits at the far left end, near its tail.", "The stomach lies in front of it, across the lesser sac."],
      ["It is thinner and smaller than the liver."]),
    P("gallbladder", "gallbladder", "LP", [(0.33, 0.40, 0.035, 0.05)], ["vertebral body", "aorta", "stomach"],
      ["Which small pear-shaped sac stores and concentrates bile? Can you segment it?",
       "A patient gets right upper quadrant pain after fatty meals. Which small sac should I look at? Outline it please."],
      ["the gallbladder", "the gall bladder", "the cholecyst"], ["gall", "chole", "biliary vesicle"],
      "It stores bile and squeezes it into the duodenum after a meal.",
      ["The spleen is on the far side of the abdomen, on the left.", "The aorta lies deep, in front of the spine."],
      ["It is far smaller than the liver that surrounds it."]),
    P("stomach", "stomach", "LP", [(0.64, 0.34, 0.12, 0.09)], ["vertebral body", "liver", "spleen"],
      ["Which hollow organ receives food from the oesophagus and mixes it with acid? Please segment it.",
       "Which J-shaped hollow organ of the upper abdomen stores a meal and starts protein digestion? Outline it."],
      ["the stomach", "the gastric lumen", "the gastric wall"], ["stomach", "gastr", "gaster", "ventricul"],
      "It stores food, mixes it with acid and starts the digestion of protein.",
      ["The liver lies on the patient's right.", "The pancreas lies behind it, across the spine."],
      ["It is smaller than the liver on this slice."]),
    P("aorta", "aorta", "LP", [(0.52, 0.60, 0.03, 0.03)], ["liver", "stomach", "inferior vena cava"],
      ["Which large artery carries oxygenated blood from the heart down to the legs? Please segment it.",
       "In sudden tearing back pain, which big artery in front of the spine should be checked? Outline it."],
      ["the aorta", "the abdominal aorta", "the aortic lumen", "the AAA sac"], ["aort", "aaa"],
      "It carries oxygen-rich blood from the heart to the abdomen and legs.",
      ["The inferior vena cava runs alongside it on the patient's right.", "The liver lies on the right, toward the front."],
      ["It is much smaller than the liver on this slice."]),
    P("aorta", "aorta", "LI", [(0.52, 0.52, 0.025, 0.20)], ["liver", "spleen", "urinary bladder"],
      ["On this coronal CT, which artery carries blood from the heart down to the legs? Segment it please.",
       "Which main artery runs down the middle of the abdomen on this coronal image? Please outline it."],
      ["the aorta", "the abdominal aorta", "the aortic lumen"], ["aort", "aaa"],
      "It carries oxygen-rich blood from the heart to the abdomen and legs.",
      ["The liver is up on the patient's right.", "The bladder is down in the pelvis."],
      ["It is narrower than the liver is wide."]),
    P("inferior vena cava", "inferior vena cava", "LP", [(0.42, 0.58, 0.03, 0.035)], ["aorta", "stomach", "spleen"],
      ["Which large vein brings blood from the legs and abdomen back to the right atrium? Please segment it.",
       "Which big vein beside the main artery carries blood up to the heart? Outline it on this slice."],
      ["the inferior vena cava", "the IVC", "the caval lumen", "the vena cava"], ["cava", "ivc", "caval"],
      "It carries deoxygenated blood from the lower body up to the heart.",
      ["The aorta lies just beside it on the patient's left.", "The spleen is far away on the left."],
      ["It is a bit bigger than the aorta on many slices, but much smaller than the liver."]),
    P("adrenal gland", "adrenal glands", "LP", [(0.36, 0.57, 0.02, 0.03), (0.64, 0.57, 0.02, 0.03)], ["aorta", "liver", "stomach"],
      ["Which small paired glands sit on top of the kidneys and make cortisol? Segment them please.",
       "Which two little endocrine glands make aldosterone and cortisol? Please outline them on this slice."],
      ["the adrenal glands", "both suprarenal glands", "the adrenals"], ["adrenal", "suprarenal", "adreno"],
      "They make cortisol, aldosterone and epinephrine.",
      ["The kidneys lie just below them.", "The aorta runs in front of the spine between them."],
      ["Each one is far smaller than a kidney."], plural=True),
    P("left adrenal gland", "left adrenal gland", "LP", [(0.64, 0.57, 0.02, 0.03)], ["aorta", "liver", "vertebral body"],
      ["Which small gland on the patient's left makes cortisol and aldosterone? Please outline it.",
       "Which little endocrine gland sits above the left urine-producing organ? Segment it please."],
      ["the left adrenal", "the left suprarenal gland", "the left adrenal gland"], ["adrenal", "suprarenal", "adreno"],
      "It makes cortisol, aldosterone and epinephrine.",
      ["The liver is on the other side, on the patient's right.", "The spleen lies further out on the left."],
      ["It is much smaller than the kidney below it."]),
    P("liver lesion", "liver lesion", "LP", [(0.24, 0.38, 0.03, 0.03), (0.34, 0.46, 0.025, 0.025), (0.22, 0.50, 0.02, 0.02)],
      ["spleen", "vertebral body", "stomach"],
      ["There is a rounded low-density spot inside the big organ of the right upper abdomen. Can you segment the abnormal area?",
       "On this slice something looks darker than the surrounding bile-making organ. Could you outline the abnormal area?"],
      ["the liver lesion", "the hepatic mass", "the liver metastasis", "the hepatic nodule"],
      ["liver", "hepat", "lesion", "mass", "tumo", "nodul", "cyst", "metasta", "neoplasm", "hcc", "abscess", "angioma", "carcinoma"],
      "Such focal abnormalities can be benign or malignant and often need a follow-up scan.",
      ["The spleen on the left side looks unremarkable.", "The aorta in front of the spine is of normal calibre."],
      ["It is much smaller than the organ that contains it."], nblobs=[1, 1, 2, 3]),
    P("kidney tumour", "kidney tumour", "LP", [(0.70, 0.64, 0.04, 0.04), (0.30, 0.64, 0.04, 0.04)],
      ["aorta", "liver", "stomach"],
      ["Something solid is growing from one of the urine-producing organs here. Can you outline the abnormal growth?",
       "A patient has blood in the urine and flank pain. Can you segment the abnormal solid growth you see on this slice?"],
      ["the renal mass", "the kidney tumour", "the renal cell carcinoma", "the RCC"],
      KIDNEY_STEMS + ["tumo", "mass", "carcinoma", "lesion", "cancer", "neoplasm", "rcc"],
      "Solid growths like this in adults are often malignant until proven otherwise.",
      ["The liver on the right looks normal.", "The aorta lies in front of the spine."],
      ["It is far smaller than the liver."], nblobs=["one"]),
    P("kidney cyst", "kidney cyst", "LP", [(0.30, 0.66, 0.03, 0.03), (0.70, 0.62, 0.025, 0.025), (0.72, 0.68, 0.02, 0.02)],
      ["aorta", "liver", "stomach"],
      ["There is a round, water-density pocket in the bean-shaped urine-producing organs. Can you segment the fluid pocket?",
       "A sonographer saw a smooth fluid-filled pocket near the urine-making organs. Can you outline the fluid-filled pocket on this CT?"],
      ["the renal cyst", "the kidney cyst", "the simple renal cyst", "the Bosniak cyst"],
      KIDNEY_STEMS + ["cyst", "bosniak"],
      "Simple ones like this are usually harmless and need no treatment.",
      ["The liver lies in front of and above the right urine-producing organ.", "The aorta is in front of the spine."],
      ["It is much smaller than the organ it sits in."], nblobs=[1, 2, 3]),
    P("duodenum", "duodenum", "LP", [(0.40, 0.46, 0.03, 0.04), (0.45, 0.54, 0.03, 0.03)], ["vertebral body", "liver", "spleen"],
      ["Which first part of the small bowel takes food from the stomach and curves around the head of the pancreas? Please segment it.",
       "Where do bile and pancreatic juice first enter the bowel? Please outline that bowel segment."],
      ["the duodenum", "the duodenal loop", "the duodenal C-loop"], ["duoden"],
      "It receives food from the stomach and mixes it with bile and pancreatic juice.",
      ["The spleen is far off on the left.", "The liver lies above and to the right of it."],
      ["It is much smaller than the liver."], nblobs=[1, 2]),
    P("colon", "colon", "LP", [(0.24, 0.56, 0.05, 0.05), (0.76, 0.56, 0.045, 0.045), (0.50, 0.24, 0.08, 0.035)],
      ["vertebral body", "liver", "spleen"],
      ["Which part of the bowel absorbs water and forms stool? Please segment it on this slice.",
       "Which bowel segment frames the abdomen and carries stool toward the rectum? Outline it please."],
      ["the colon", "the large bowel", "the colonic segments", "the large intestine"],
      ["colon", "colo", "large bowel", "large intestine", "caecum", "cecum", "sigmoid"],
      "It absorbs water and salts and stores stool until it is passed.",
      ["The liver sits above its right bend.", "The spleen sits above its left bend."],
      ["Its segments are each smaller than the liver."], nblobs=[2, 3]),
]


def pick_profile(profiles, i, defect, rng):
    """Weight multi-region and bilateral masks up for count and laterality defects."""
    if defect in ("count", "laterality") and rng.random() < 0.5:
        multi = [p for p in profiles if len(p["blobs"]) > 1 and p["nblobs"] != ["one"]]
        return rng.choice(multi)
    return rng.choice(profiles)


def record_for(p) -> dict:
    return {"modality": "CT", "body_region": "abdomen", "orientation": p["ori"]}


def facts_for(p, rng) -> dict:
    """Draw the mask (ellipses with jitter) and let the product measure it."""
    from medseg_qa.facts import compute_facts

    blobs = list(p["blobs"])
    if p["nblobs"] == ["one"]:
        blobs = [rng.choice(blobs)]
    elif p["nblobs"]:
        k = rng.choice(p["nblobs"])
        blobs = blobs[:1] + rng.sample(blobs[1:], k - 1) if k > 1 else [rng.choice(blobs)]
    yy, xx = np.mgrid[0:SIZE, 0:SIZE]
    m = np.zeros((SIZE, SIZE), bool)
    for cx, cy, rx, ry in blobs:
        j = rng.uniform(0.9, 1.1)
        cx, cy = (cx + rng.uniform(-0.015, 0.015)) * SIZE, (cy + rng.uniform(-0.015, 0.015)) * SIZE
        m |= ((xx - cx) / (rx * j * SIZE)) ** 2 + ((yy - cy) / (ry * j * SIZE)) ** 2 <= 1.0
    table = OTHERS_LP if p["ori"] == "LP" else OTHERS_LI
    others = {k: table[k] for k in p["others"]}
    return compute_facts(m, p["ori"], others=others).model_dump(mode="json")


# ---- phrase tables (the self-check reads the prose back with these) ----------------------------------------

SIDE = {"left": ["on the patient's left side", "in the left half of the abdomen", "left-sided", "on the left-hand side of the patient"],
        "right": ["on the patient's right side", "in the right half of the abdomen", "right-sided", "on the right-hand side of the patient"],
        "midline": ["in the midline", "right in the middle, not to either side", "a midline structure", "centred on the midline"],
        "bilateral": ["on both sides of the body", "bilateral, one part on each side", "present on the left and on the right"]}
VERT = {"anterior": ["toward the front of the abdomen", "in the anterior part of the slice", "anteriorly placed"],
        "posterior": ["toward the back of the abdomen", "in the posterior part of the slice", "posteriorly placed"],
        "central": ["about halfway between front and back", "in the middle from front to back"],
        "superior": ["high up in the abdomen", "in the upper part of the image, toward the head", "superiorly placed"],
        "inferior": ["lower down in the abdomen", "in the lower part of the image, toward the feet", "inferiorly placed"]}
VERT_C = {"central": ["at about mid-height of the abdomen", "in the middle from head to feet"]}
REL = {"anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "left_of": ["to the patient's left of", "on the left side of"], "right_of": ["to the patient's right of", "on the right side of"],
       "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
SIZEW = {"small": ["small", "quite small"], "medium": ["medium-sized", "moderate in size"], "large": ["large", "big"]}
COUNT = {1: ["one single connected region", "a single continuous piece", "one connected area"],
         2: ["two separate regions", "two distinct pieces", "two separate parts"],
         3: ["three separate regions", "three distinct pieces", "three separate parts"]}
CONVENTION = ["Remember that CT is shown in the radiological convention, so the patient's left is on the right of the screen.",
              "Note: on axial CT images the patient's left appears on the viewer's right side, like facing the patient.",
              "Just so you know, the image is displayed as if you look up from the patient's feet, so left and right are swapped on screen."]
CONVENTION_C = ["In this coronal view the top of the image is toward the head and the patient's left is on the viewer's right.",
                "Note that coronal CT is shown as if facing the patient, so the patient's left is on the right of the screen."]
POP = ["In adults the liver is typically around 15 cm in height.", "A normal spleen is usually up to about 12 cm long.",
       "Kidneys in adults are roughly 10 to 12 cm long.", "The abdominal aorta is normally under 3 cm across.",
       "About half of people over 50 have at least one simple kidney cyst."]


def _agree(s: str) -> str:
    """Verb agreement for plural subjects ("They is" -> "They are")."""
    for a, b in ((" is ", " are "), (" lies ", " lie "), (" covers ", " cover ")):
        for subj in ("They", "they"):
            s = s.replace(subj + a, subj + b)
    return s


def pct(f) -> str:
    v = f["area_fraction"] * 100
    return f"{v:.1f}%" if v >= 0.1 else f"{v:.2f}%"


def vert_phr(v, ori, rng):
    if ori == "LI" and v == "central":
        return rng.choice(VERT_C["central"])
    return rng.choice(VERT[v])


def rel_text(rel, rng):
    return f"{rng.choice(REL[rel['relation']])} the {rel['other']}"


def negation(f, p, rng):
    side, n = f["laterality"], f["components"]
    out = []
    if side in ("left", "right"):
        out.append(f"It is not on the {'right' if side == 'left' else 'left'} side.")
    if side == "bilateral":
        out.append("It is not limited to only one side.")
    if n == 1:
        out.append(rng.choice(["There is no second separate region.", "No second focus is seen in the mask."]))
    return [_agree(x.replace("It ", "They ")) if p["plural"] else x for x in out]


def _subject(rng, it):
    """Vary the sentence's subject: the pronoun most often, else the mask or the highlighted area."""
    lower = it[0].islower()
    s = rng.choice([it, it, it, "The mask", "The highlighted area", "What I segmented"])
    return s.lower() if lower and s != it else s


def false_claim(kind, f, rng, it):
    """One plainly false sentence of `kind` about the mask (subject `it`)."""
    return _agree(_false_claim(kind, f, rng, _subject(rng, it)))


def true_claim(kind, f, p, rng, it):
    return _agree(_true_claim(kind, f, p, rng, _subject(rng, it)))


def _false_claim(kind, f, rng, it):
    if kind == "laterality":
        s = f["laterality"]
        wrong = {"left": "right", "right": "left", "midline": rng.choice(["left", "right"]),
                 "bilateral": rng.choice(["left", "right"])}[s]
        if s == "bilateral":
            return f"{it} is only {rng.choice(SIDE[wrong])}, there is nothing on the other side."
        return f"{it} is {rng.choice(SIDE[wrong])}."
    if kind == "position":
        v = f["vertical"]
        opp = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
        if v in opp and (not f["relations"] or rng.random() < 0.5):
            return f"{it} is {vert_phr(opp[v], None, rng)}."
        r = rng.choice(f["relations"])
        return f"{it} lies {rel_text(dict(other=r['other'], relation=FLIP[r['relation']]), rng)}."
    if kind == "size":
        c, fr = f["size_class"], f["area_fraction"]
        if c == "medium" or rng.random() < 0.4:
            wrong = round(fr * 100 * 6 + 5, 1) if fr < 0.05 else round(fr * 100 / 12, 2)
            return f"{it} covers about {wrong}% of the image area."
        return f"{it} is {rng.choice(SIZEW['large' if c == 'small' else 'small'])} on this slice."
    if kind == "count":
        n = f["components"]
        return f"{it} is made of {rng.choice(COUNT[2] if n == 1 else COUNT[1])}."
    raise ValueError(kind)


def _true_claim(kind, f, p, rng, it):
    if kind == "laterality":
        return f"{it} is {rng.choice(SIDE[f['laterality']])}."
    if kind == "position":
        if f["vertical"] != "central" or not f["relations"] or rng.random() < 0.4:
            return f"{it} is {vert_phr(f['vertical'], p['ori'], rng)}."
        return f"{it} lies {rel_text(rng.choice(f['relations']), rng)}."
    if kind == "size":
        return rng.choice([f"{it} is {rng.choice(SIZEW[f['size_class']])}, covering about {pct(f)} of the image.",
                           f"{it} covers about {pct(f)} of the image area, so it is {SIZEW[f['size_class']][0]}."])
    if kind == "count":
        n = f["components"]
        return f"{it} is made of {rng.choice(COUNT[n]) if n in COUNT else f'{n} separate regions'}."
    raise ValueError(kind)


KINDS4 = ["laterality", "position", "size", "count"]
FOLLOW_Q = {
    "laterality": ["Which side is it?", "Is it on the left or on the right?",
                   "Can you tell me again which side of the patient the segmented structure is on, please?"],
    "position": ["Where exactly is it?", "Is it more to the front or the back?",
                 "How does it relate to the neighbouring structures on this image?"],
    "size": ["How big is it?", "Is it big or small on this slice?",
             "Could you estimate how much of the image the mask takes up?"],
    "count": ["Is it one piece?", "How many separate regions are there?",
              "Does the mask consist of one part or of several separate parts?"],
}
FOLLOW_Q_C = {"position": ["Is it high or low in the abdomen?", "Where is it from head to feet?"]}

def premise_question(kind, f, rng):
    """A user question whose premise is false."""
    if kind == "laterality":
        s = f["laterality"]
        wrong = {"left": "right", "right": "left"}.get(s, rng.choice(["left", "right"]))
        w = f"only on the patient's {wrong} side" if s == "bilateral" else f"on the patient's {wrong} side"
        return f"Why is it {w} here?", w
    if kind == "position":
        v = f["vertical"]
        opp = {"anterior": "toward the back of the abdomen", "posterior": "toward the front of the abdomen",
               "superior": "so low down in the abdomen", "inferior": "so high up in the abdomen"}
        if v in opp:
            return f"Why does it sit {opp[v]}?", opp[v]
        r = rng.choice(f["relations"])
        w = rel_text(dict(other=r["other"], relation=FLIP[r["relation"]]), rng)
        return f"Why does it lie {w}?", w
    if kind == "size":
        if f["size_class"] == "large":
            return "Why is it so tiny on this slice?", "so tiny"
        return "Why is it so large on this slice, taking up most of the picture?", "so large"
    if kind == "count":
        w = "two separate pieces" if f["components"] == 1 else "only one single connected piece"
        return f"Why is there {w} in the mask?" if f["components"] > 1 else f"Why are there {w} in the mask?", w
    raise ValueError(kind)


def true_premise(kind, f, rng):
    """A user question whose premise is TRUE (a trap for a checker): None where no natural one exists."""
    side, v, n = f["laterality"], f["vertical"], f["components"]
    if kind == "laterality" and side in ("left", "right"):
        return f"Why is it on the patient's {side} side here?"
    if kind == "laterality" and side == "bilateral":
        return "Why is it on both sides of the body?"
    if kind == "position" and v in ("anterior", "posterior"):
        return f"Why does it sit so far toward the {'front' if v == 'anterior' else 'back'} of the abdomen?"
    if kind == "position" and v in ("superior", "inferior"):
        return f"Why is it so {'high up' if v == 'superior' else 'low down'} in the abdomen?"
    if kind == "size" and f["size_class"] != "medium":
        return f"Why is it so {'small' if f['size_class'] == 'small' else 'large'} on this slice?"
    if kind == "count" and n in (2, 3):
        return f"Why are there {'two' if n == 2 else 'three'} separate pieces in the mask?"
    return None


NEUTRAL = ["Good question. The outline simply follows the edges of the structure as it appears on this slice, and its shape depends on the patient and on the level of the cut.",
           "That is a fair thing to ask. The mask marks the pixels that belong to the structure, and what you see depends a lot on where the slice was taken.",
           "Anatomy varies between people, and the level of the slice changes what is visible, so the mask reflects this particular image."]


def first_question(p, f, rng, defect):
    q = rng.choice(p["qs"])
    if defect == "names_target":
        form = rng.choice(p["names"])
        q = rng.choice([f"Could you segment {form} on this CT image and explain where it is?",
                        f"{q} I think it is {form}, am I right?",
                        f"Can you find {form} here? Mark it with a mask and describe it step by step.",
                        f"Hi! I need a mask of {form} for my notes. Where is it on this slice?"])
    return q


def answer(p, f, style, rng, kinds, bad, defect=None):
    """First answer covering `kinds`; `bad` = (kind, sentence) replaces that kind's true sentence; no
    negation touches the `defect` kind (it would contradict the planted claim wherever it sits)."""
    nm = p["name"] + ("s" if f["components"] > 1 and p["nblobs"] and p["target"] not in ("duodenum", "colon") else "")
    it = "They" if p["plural"] else "It"
    conv = rng.choice(CONVENTION if p["ori"] == "LP" else CONVENTION_C)
    claim = {k: (bad[1] if bad and bad[0] == k else true_claim(k, f, p, rng, it)) for k in kinds}
    rep_kinds = [k for k in kinds if not bad or k != bad[0]]
    neg = [s for s in negation(f, p, rng) if
           not (defect == "laterality" and "side" in s) and not (defect == "count" and "second" in s)]
    kb, fn, cmp = rng.choice(p["kb"]), p["fn"], rng.choice(p["cmp"])
    if style == "md":
        lines = [f"**Answer:** The structure you are describing is the **{nm}** [SEG].", "", "### Location"]
        for k in kinds:
            lines.append(f"- **{k.capitalize()}:** {claim[k]}")
        lines += ["", "### Key points", f"1. {fn}", f"2. {kb}", f"3. {conv}"]
        if rep_kinds and rng.random() < 0.7:
            k = rng.choice(rep_kinds)
            lines.append(f"4. As I said above, {true_claim(k, f, p, rng, it.lower())}")
        if neg:
            lines += ["", f"*Note:* {rng.choice(neg)}"]
        lines += ["", rng.choice(["I hope this helps!", "I hope this helps! Let me know if you have more questions.",
                                  "Hope this helps! 😊"])]
        return "\n".join(lines)
    if style == "plain":
        restate = rng.choice(["You are asking which structure this is and where it is in the image.",
                              "The question is asking to find the structure that is describe and to segment it.",
                              "So you want to know what is this structure and to see it segmented."])
        body = [restate, f"This structure is the {nm} [SEG].", fn]
        body += [claim[k].replace(" is ", rng.choice([" is ", " is locate ", " is "]), 1)
                 if (not bad or k != bad[0]) and (claim[k].startswith("It is on") or claim[k].startswith("It is in"))
                 else claim[k] for k in kinds]
        # run-on: join two neighbouring true claims with ", and" (never the planted one, kept verbatim)
        j = rng.randrange(len(kinds) - 1) if len(kinds) > 1 and rng.random() < 0.6 else None
        if j is not None and not (bad and bad[0] in kinds[j:j + 2]):
            n = len(body) - len(kinds) + j
            body[n:n + 2] = [body[n][:-1] + rng.choice([", and ", " and also ", ", and also "]) + body[n + 1][0].lower() + body[n + 1][1:]]
        if rng.random() < 0.4:
            body.insert(2, rng.choice(["This is a important structure in the abdomen.", "It is a structure what we see often in the CT."]))
        body += rng.sample([kb, conv] + neg, k=min(2, 2 + len(neg)))
        body.append(rng.choice(["So this is the answer to a question.", "This is why the mask is shown on the image.",
                                "I think this is a good answer for the question."]))
        return " ".join(body)
    if style == "jsonish":
        fields = {"laterality": (rng.choice(["side", "laterality"]), f["laterality"]),
                  "position": (rng.choice(["position", "location"]), f["vertical"]),
                  "size": (rng.choice(["size", "size_class"]), f["size_class"]),
                  "count": (rng.choice(["regions", "num_regions"]), f["components"])}
        shown = [k for k in kinds if not bad or k != bad[0]]
        jf = ", ".join(f'"{fields[k][0]}": ' + (str(fields[k][1]) if k == "count" else f'"{fields[k][1]}"')
                       for k in shown[:2])
        head = rng.choice(["```json\n{", "{"]) + f'"target": "{nm}", "mask": "[SEG]"' + (", " + jf if jf else "") + "}"
        head += "\n```" if head.startswith("```") else ""
        prose = [claim[k] for k in kinds if k not in shown[:2]] + [fn, kb]
        if rng.random() < 0.5:
            prose.append(conv)
        return head + "\n" + " ".join(prose) + (" " + rng.choice(neg) if neg else "")
    if style == "careful":
        lead = rng.choice([f"Based on the mask, this appears to be the {nm} [SEG].",
                           f"On this particular slice, the highlighted region most likely corresponds to the {nm} [SEG].",
                           f"I've segmented what I believe is the {nm} [SEG]; please verify it against the full study."])
        hedged = [rng.choice(["Approximately speaking, ", "On this particular slice, ", ""] +
                             ([] if claim[k].startswith("The mask") else ["Based on the mask, "])) +
                  claim[k][0].lower() + claim[k][1:] for k in kinds]
        hedged = [h[0].upper() + h[1:] for h in hedged]
        tail = [cmp, conv, kb] + neg
        return " ".join([lead] + hedged + rng.sample(tail, k=min(3, len(tail))) +
                        [rng.choice(["That said, a single slice cannot replace the full volume.",
                                     "A radiologist should confirm this on the complete scan."])])
    raise ValueError(style)


def follow_answer(p, f, style, rng, kind, bad):
    it = "They" if p["plural"] else "It"
    s = bad if bad else true_claim(kind, f, p, rng, it)
    extra = rng.choice([rng.choice(p["kb"]), rng.choice(POP), rng.choice(p["cmp"])])
    if kind == "laterality" and p["ori"] == "LP" and rng.random() < 0.5:
        extra = rng.choice(CONVENTION)
    if style == "md":
        return f"**Answer:** {s}\n\n- {extra}\n\nI hope this helps!"
    if style == "plain":
        return f"You ask about this. {s} {extra} This is the answer."
    if style == "jsonish":
        return f'{{"answer": "{s}"}}\n{extra}'
    lead = "On this slice, " if s.startswith("The mask") else "Based on the mask, "
    return f"{lead}{s[0].lower()}{s[1:]} {extra} This is approximate, from this slice only."


def build(p, f, style, rng, defect):
    kinds_avail = [k for k in KINDS4 if k != "position" or f["vertical"] != "central" or f["relations"]]
    place = None
    if defect in KINDS4:
        place = rng.choices(["first", "follow", "user"], weights=[45, 35, 20])[0]
    n_follow = rng.choice([1, 1, 2]) if place != "user" else rng.choice([0, 1])
    follow_kinds = rng.sample(kinds_avail, n_follow)
    if place == "follow" and defect not in follow_kinds:
        follow_kinds[-1] = defect
    first_kinds = [k for k in kinds_avail if k not in follow_kinds or rng.random() < 0.3]
    if place == "first" and defect not in first_kinds:
        first_kinds.append(defect)
    if place in ("follow", "user") and defect in first_kinds:
        first_kinds.remove(defect)
    if place == "user":
        follow_kinds = [k for k in follow_kinds if k != defect]
    it = "They" if p["plural"] else "It"
    bad = None
    if place in ("first", "follow"):
        bad = (defect, false_claim(defect, f, rng, it))
        PLANTED.append(bad[1])
    turns = [{"role": "user", "content": first_question(p, f, rng, defect)},
             {"role": "assistant", "content": answer(p, f, style, rng, first_kinds, bad if place == "first" else None, defect)}]
    if defect == "names_target":
        PLANTED.append(turns[0]["content"])
    rounds = [(k, None) for k in follow_kinds]
    tp_kinds = [k for k in KINDS4 if k != defect and true_premise(k, f, rng)]
    if len(rounds) == 1 and place != "user" and tp_kinds and rng.random() < 0.3:
        rounds.append(("premise", true_premise(rng.choice(tp_kinds), f, rng)))
    if place == "user":
        q, w = premise_question(defect, f, rng)
        PLANTED.append(w)
        rounds.insert(rng.randrange(len(rounds) + 1), (defect, q))
    for k, q in rounds:
        if q:  # a premise question (false when planted, true as a trap): a neutral answer
            turns += [{"role": "user", "content": q}, {"role": "assistant", "content": rng.choice(NEUTRAL)}]
            continue
        qs = FOLLOW_Q[k] + (FOLLOW_Q_C.get(k, []) if p["ori"] == "LI" else [])
        if k == "position" and p["ori"] == "LI":
            qs = [q for q in qs if "front or the back" not in q]
        fb = bad[1] if place == "follow" and k == defect else None
        turns += [{"role": "user", "content": rng.choice(qs)},
                  {"role": "assistant", "content": follow_answer(p, f, style, rng, k, fb)}]
    if len(rounds) == 1 and rng.random() < 0.35:  # at most three rounds
        turns += [{"role": "user", "content": rng.choice(["Why is that?", "Why does that matter clinically?", "OK thanks, anything else?"])},
                  {"role": "assistant", "content": f"{p['fn']} {rng.choice(POP)}"}]
    return turns, [defect] if defect else []
