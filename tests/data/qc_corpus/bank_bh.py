"""QC bank BH (heldout_bh.jsonl, 420 rows): abdomen, pelvis and thorax CT/MR, axial ("LP") and coronal ("LI").

Written blind by helper `qcbh`, who never opened the QC rules, their tests, other banks or their rows. Targets:
bilateral two-region masks (adrenal glands, psoas muscles, common iliac arteries, lungs on a coronal CT),
midline structures (oesophagus, trachea, urinary bladder, prostate, sacrum), multi-region lesions (liver lesions,
a right lung tumour on a coronal slice), one-sided organs on coronal slices (left kidney, spleen) and one label
the knowledge base does not know (appendix). Facts are measured by the product's `compute_facts` on synthetic
ellipse masks (image centre as patient centre); every sentence is written from those measured facts.

Four registers: terse radiologist, patient tutor, chatty markdown LLM answer, numbers spelled out as words.
Clean rows carry true traps: negations, the display convention, sentences about other structures with their
own sides and sizes, hedges, comparisons, population figures, follow-ups of every length. Each defective row
plants exactly one false claim (recorded in `LAST_PLANT` so a writer's own script can check that it is present);
about a fifth of side/position/size/count defects sit in a user follow-up question, some only in a follow-up
answer.

First measure: not measured by its writer (the lead measures it once after merging).
"""

from __future__ import annotations

import math
import random

import numpy as np

SEG = "[SEG]"
STYLES = ["terse", "tutor", "chatty", "words"]
LAST_PLANT: list[str] = []  # the planted false sentence of the last defective build (writer's own check)

# ellipses: (cx, cy, rx, ry) in image units; others: normalised centroids of neighbours (relations)
PROFILES = [
    dict(target="adrenal gland", modality="CT", region="abdomen", orient="LP", noun="glands", plural=True,
         ell=[(0.40, 0.60, 0.025, 0.035), (0.60, 0.60, 0.025, 0.035)],
         others={"vertebral body": (0.5, 0.72), "pancreas": (0.5, 0.44)},
         alias=["the glands", "both glands", "the segmented glands"],
         giveaway=["adrenal", "suprarenal", "adrenals", "adrenal glands"],
         q=["Which paired small glands sit on top of the kidneys and make cortisol and adrenaline?",
            "A patient has episodes of very high blood pressure and sweating. Which paired glands above the kidneys should we look at here?"]),
    dict(target="iliopsoas", modality="CT", region="pelvis", orient="LP", noun="muscles", plural=True,
         ell=[(0.36, 0.60, 0.05, 0.06), (0.64, 0.60, 0.05, 0.06)],
         others={"sacrum": (0.5, 0.76), "urinary bladder": (0.5, 0.36)},
         alias=["the muscles", "these muscles", "the paired muscle bellies"],
         giveaway=["psoas", "iliopsoas", "iliacus", "psoas muscles"],
         q=["Which paired muscles flex the hip and run from the lumbar spine down to the thigh?",
            "Someone has pain on lifting the thigh against resistance. Which paired hip-flexing muscles are shown here?"]),
    dict(target="common iliac artery", modality="CT", region="pelvis", orient="LP", noun="vessels", plural=True,
         ell=[(0.42, 0.40, 0.016, 0.016), (0.58, 0.40, 0.016, 0.016)],
         others={"vertebral body": (0.5, 0.62)},
         alias=["the vessels", "both vessels", "the two arteries"],
         giveaway=["iliac", "common iliac", "CIA", "iliac arteries"],
         q=["Which paired arteries does the aorta split into to supply the pelvis and legs?",
            "A patient with calf pain on walking may have narrowing here. Which paired arteries carry blood from the end of the aorta toward the legs?"]),
    dict(target="lung", modality="CT", region="thorax", orient="LI", noun="organs", plural=True,
         ell=[(0.30, 0.42, 0.14, 0.25), (0.70, 0.42, 0.14, 0.25)],
         others={"heart": (0.5, 0.64)},
         alias=["the lungs", "both of them", "the aerated fields"],
         giveaway=["pulmonary", "lungs", "lung fields", "pneumo-"],
         q=["On this coronal image, which paired organs take oxygen from the air we breathe into the blood?",
            "Which paired spongy organs in the chest would be affected in a patient short of breath with a cough?"]),
    dict(target="esophagus", modality="CT", region="thorax", orient="LP", noun="tube", plural=False,
         ell=[(0.505, 0.62, 0.018, 0.016)],
         others={"trachea": (0.5, 0.5), "aorta": (0.58, 0.66), "heart": (0.52, 0.38)},
         alias=["the tube", "this muscular tube", "the segmented structure"],
         giveaway=["oesophageal", "esophageal", "gullet", "food pipe", "oesophagus"],
         q=["Which muscular tube carries swallowed food down to the stomach? Can you mark it?",
            "A patient says food sticks behind the breastbone when swallowing. Which hollow tube should we look at on this slice?"]),
    dict(target="trachea", modality="CT", region="thorax", orient="LP", noun="airway", plural=False,
         ell=[(0.5, 0.40, 0.022, 0.02)],
         others={"esophagus": (0.505, 0.55), "superior vena cava": (0.41, 0.42)},
         alias=["the airway", "this air-filled tube", "the segmented lumen"],
         giveaway=["tracheal", "windpipe", "tracheo-", "trachea"],
         q=["Which air-filled tube carries air from the voice box to the bronchi? Please segment it.",
            "A patient has stridor after a long intubation. Which cartilage-ringed airway is visible on this slice?"]),
    dict(target="urinary bladder", modality="MR", region="pelvis", orient="LP", noun="organ", plural=False,
         ell=[(0.5, 0.36, 0.09, 0.07)],
         others={"rectum": (0.5, 0.66), "sacrum": (0.5, 0.80)},
         alias=["the organ", "this hollow organ", "the fluid-filled reservoir"],
         giveaway=["bladder", "vesical", "cysto-", "urinary bladder"],
         q=["Which hollow organ stores urine until it is passed? Can you outline it on this MR slice?",
            "An older smoker has painless blood in the urine. Which pelvic reservoir should we examine here?"]),
    dict(target="prostate", modality="MR", region="pelvis", orient="LP", noun="gland", plural=False,
         ell=[(0.5, 0.42, 0.035, 0.03)],
         others={"rectum": (0.5, 0.6), "pubic symphysis": (0.5, 0.28)},
         alias=["the gland", "this gland", "the segmented gland"],
         giveaway=["prostatic", "prostate", "prostato-", "prostate gland"],
         q=["Which walnut-sized gland below the bladder makes part of the seminal fluid? Please mark it.",
            "An older man has a weak stream and gets up at night to pass water. Which gland under the bladder is involved?"]),
    dict(target="sacrum", modality="CT", region="pelvis", orient="LP", noun="bone", plural=False,
         ell=[(0.5, 0.76, 0.08, 0.06)],
         others={"urinary bladder": (0.5, 0.36)},
         alias=["the bone", "this triangular bone", "the segmented bone"],
         giveaway=["sacral", "sacrum", "sacro-", "sacroiliac"],
         q=["Which triangular bone at the base of the spine carries the weight of the trunk to the pelvis?",
            "After a fall onto the buttocks, which wedge-shaped bone between the two hip bones should we check here?"]),
    dict(target="liver lesion", modality="CT", region="abdomen", orient="LP", noun="lesions", plural=True,
         ell=[(0.28, 0.30, 0.02, 0.02), (0.33, 0.38, 0.02, 0.02), (0.25, 0.37, 0.02, 0.02)],
         others={"spleen": (0.75, 0.45), "aorta": (0.52, 0.6)},
         alias=["the lesions", "these foci", "the hypodense areas"],
         giveaway=["hepatic", "liver lesions", "liver metastases", "hepatic lesion"],
         q=["A patient with colon cancer is being staged. Which low-density spots inside the large organ of the upper abdomen should we outline?",
            "Which focal hypodense areas inside the organ that makes bile are visible here? Please segment them."]),
    dict(target="lung tumour", modality="CT", region="thorax", orient="LI", noun="masses", plural=True,
         ell=[(0.30, 0.30, 0.03, 0.03), (0.35, 0.42, 0.025, 0.025)],
         others={"heart": (0.55, 0.62)},
         alias=["the masses", "these nodular opacities", "the soft-tissue foci"],
         giveaway=["pulmonary nodule", "lung cancer", "lung mass", "NSCLC"],
         q=["A heavy smoker is losing weight and coughing blood. Which soft-tissue densities in the aerated chest should we segment on this coronal image?",
            "Which soft-tissue opacities surrounded by air are visible on this coronal image? Please mark them."]),
    dict(target="left kidney", modality="MR", region="abdomen", orient="LI", noun="organ", plural=False,
         ell=[(0.68, 0.62, 0.055, 0.10)],
         others={"spleen": (0.72, 0.35), "liver": (0.3, 0.35)},
         alias=["the organ", "this bean-shaped organ", "the segmented organ"],
         giveaway=["renal", "kidney", "nephric", "perirenal"],
         q=["On this coronal MR, which bean-shaped organ filters blood into urine? Please segment it.",
            "A patient has flank pain and blood in the urine. Which urine-making organ is shown on this coronal slice?"]),
    dict(target="spleen", modality="CT", region="abdomen", orient="LI", noun="organ", plural=False,
         ell=[(0.74, 0.34, 0.07, 0.08)],
         others={"left kidney": (0.68, 0.62), "stomach": (0.6, 0.38)},
         alias=["the organ", "this organ", "the segmented organ"],
         giveaway=["splenic", "splenomegaly", "spleen", "perisplenic"],
         q=["Which organ filters old red blood cells and can enlarge in glandular fever? Please outline it on this coronal CT.",
            "After a rib fracture in a car crash, which blood-filtering organ of the upper abdomen should we check here?"]),
    dict(target="appendix", modality="CT", region="abdomen", orient="LP", noun="structure", plural=False,
         ell=[(0.30, 0.38, 0.02, 0.02)],
         others={"psoas muscle": (0.38, 0.56)},
         alias=["the structure", "this blind-ending tube", "the segmented tube"],
         giveaway=["appendiceal", "appendicitis", "appendix", "vermiform"],
         q=["A young patient has pain that moved from the navel to the lower belly. Which small blind-ending tube of the bowel should we mark?",
            "Which small finger-like pouch of the large bowel is visible on this slice? Please segment it."]),
]

REL_WORDS = {"left_of": ["to the patient's left of", "on the left side of"],
             "right_of": ["to the patient's right of", "on the right side of"],
             "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
             "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
VFLIP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
       "seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n: int) -> str:
    if n < 20:
        return ONES[n]
    t, o = divmod(n, 10)
    return TENS[t] + ("" if o == 0 else "-" + ONES[o])


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draw the profile's ellipses (jittered) and measure them with the product's own `compute_facts`."""
    from medseg_qa.facts import compute_facts

    n = 512
    yy, xx = np.mgrid[0:n, 0:n] / (n - 1)
    dx, dy, s = rng.uniform(-0.01, 0.01), rng.uniform(-0.01, 0.01), rng.uniform(0.92, 1.08)
    mask = np.zeros((n, n), bool)
    for cx, cy, rx, ry in p["ell"]:
        mask |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1
    return compute_facts(mask, p["orient"], others=p["others"]).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    """Weight toward bilateral and multi-region masks (the first four and the two lesion profiles)."""
    heavy = [q for q in profiles if len(q["ell"]) > 1]
    return rng.choice(heavy) if rng.random() < 0.4 else rng.choice(profiles)


# ---- true sentences, written from the measured facts -------------------------------------------------

def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def pct(f: dict, style: str, rng) -> str:
    v = f["area_fraction"] * 100
    if style == "words":
        if v < 1:
            return rng.choice(["well under one percent", "less than one percent", "a fraction of one percent"])
        return rng.choice([f"roughly {words(round(v))} percent", f"about {words(round(v))} per cent"])
    if v < 1:
        return rng.choice([f"about {v:.1f}%", f"~{v:.2f}%", "well under 1%"])
    return rng.choice([f"about {v:.0f}%", f"~{v:.0f}%", f"roughly {v:.0f} percent"])


def side_true(p, f, style, rng):
    s = f["laterality"]
    they = "They" if p["plural"] else "It"
    if s == "bilateral":
        return rng.choice([f"{they} are present on both sides, one on the patient's right and one on the left.",
                           "Bilateral: a right and a left component.",
                           f"{they} occupy both sides of the body, either side of the midline.",
                           "You can see one on each side, right and left."])
    if s == "midline":
        return rng.choice([f"{they} sit{'' if p['plural'] else 's'} in the midline.", "Midline position.",
                           "It lies centrally, right on the midline of the body.",
                           "It is a midline structure, neither left- nor right-sided."])
    o = "right" if s == "left" else "left"
    return rng.choice([f"{they} lie{'' if p['plural'] else 's'} on the patient's {s} side.",
                       f"{_cap(s)}-sided.", f"Located in the patient's {s} half of the body.",
                       f"{they} {'are' if p['plural'] else 'is'} on the {s}, not the {o}."])


def vert_word(v: str) -> list[str]:
    return {"anterior": ["toward the front", "anteriorly", "in the front half of the body"],
            "posterior": ["toward the back", "posteriorly", "in the back half of the body"],
            "superior": ["high in the image, toward the head", "superiorly", "in the upper part of the field"],
            "inferior": ["low in the image, toward the feet", "inferiorly", "in the lower part of the field"]}[v]


def vert_true(p, f, style, rng):
    v = f["vertical"]
    if v == "central":
        return rng.choice(["Its centre sits roughly at mid-depth of the slice.", "Central in depth."])
    return rng.choice([f"Position: {rng.choice(vert_word(v))}.", f"It sits {rng.choice(vert_word(v))}.",
                       f"On this slice the mask lies {rng.choice(vert_word(v))}."])


def size_true(p, f, style, rng):
    c = f["size_class"]
    word = {"small": ["small", "modest", "compact"], "medium": ["medium-sized", "moderate in size", "of intermediate size"],
            "large": ["large", "big", "extensive"]}[c]
    return rng.choice([f"It is {rng.choice(word)} on this slice, covering {pct(f, style, rng)} of the image.",
                       f"Size: {rng.choice(word)} ({pct(f, style, rng)} of the image).",
                       f"The mask takes up {pct(f, style, rng)} of the image, so {rng.choice(word)}.",
                       f"Overall {rng.choice(word)}."])


def count_true(p, f, style, rng):
    n = f["components"]
    nw = words(n)
    if n == 1:
        return rng.choice(["It forms one continuous region.", "Single connected component.",
                           "It is one piece, with no separate second focus.", "There is just one region."])
    return rng.choice([f"The mask has {nw} separate parts." if style == "words" else f"The mask has {n} separate parts.",
                       f"{_cap(nw)} distinct regions, not one.", f"There are {nw} disconnected components.",
                       f"It is made of {nw} separate pieces rather than a single blob."])


def rel_true(p, f, rng):
    rels = [r for r in f["relations"] if r["other"] in p["others"]]
    if not rels:
        return None
    r = rng.choice(rels)
    return rng.choice([f"It lies {rng.choice(REL_WORDS[r['relation']])} the {r['other']}.",
                       f"Relative to the {r['other']}, it sits {rng.choice(REL_WORDS[r['relation']])} it."])


# ---- traps: true sentences that are easy to misread -------------------------------------------------

DISPLAY = {"LP": ["By convention, axial images are viewed from the feet, so the patient's left appears on the viewer's right.",
                  "Remember the radiological convention: the right of the screen is the patient's left."],
           "LI": ["Coronal images are shown as if you face the patient, so the patient's left is on the right of the screen.",
                  "On this coronal view the patient's head is at the top and their left is on the image's right."]}
OTHER_KB = {"abdomen": ["The liver fills most of the right upper quadrant and is usually the largest organ on such slices.",
                        "The spleen, by contrast, sits high on the patient's left.",
                        "The aorta runs just left of the midline in front of the spine.",
                        "The right kidney usually sits a little lower than the left one."],
            "pelvis": ["The sigmoid colon usually lies on the patient's left in the pelvis.",
                       "The femoral heads sit on both sides, well away from the midline.",
                       "The rectum lies in the midline, behind the bladder.",
                       "The gluteus maximus is far bulkier than the small gluteus minimus beneath it."],
            "thorax": ["The heart lies mostly to the left of the midline.",
                       "The superior vena cava runs on the patient's right.",
                       "The descending aorta runs down the left side of the spine.",
                       "The right lung has three lobes, one more than the left."]}
POP = ["Incidental adrenal nodules are reported in about 4% of abdominal CT scans.",
       "Simple kidney cysts are seen in about a quarter of people over fifty.",
       "About 30% of people have an accessory renal artery, a common normal variant."]


def traps(p, f, rng):
    out = [rng.choice(DISPLAY[p["orient"]]), rng.choice(OTHER_KB[p["region"]]), rng.choice(POP)]
    s, n = f["laterality"], f["components"]
    if s in ("left", "right"):
        o = "right" if s == "left" else "left"
        out += [f"It is not on the {o} side.", f"There is no involvement of the patient's {o} side."]
    elif s == "bilateral":
        out += ["It is not confined to one side.", "Neither side is spared."]
    else:
        out += ["It is not off to one side.", "It does not lie to the left or the right of the midline."]
    out.append("There is no second focus." if n == 1 else "It is not a single region.")
    if f["size_class"] != "large":
        out.append("A large mass could look similar, but this is not large.")
    else:
        out.append("It is certainly not small here.")
    out.append(rng.choice(["This reading is probably right, though the full series would confirm it.",
                           "A single slice can mislead, so clinical correlation is advised."]))
    return out


# ---- false claims ----------------------------------------------------------------------------------

def wrong(kind, p, f, rng):
    s, v, c, n = f["laterality"], f["vertical"], f["size_class"], f["components"]
    if kind == "laterality":
        if s == "bilateral":
            side = rng.choice(["left", "right"])
            return rng.choice([f"It is confined to the patient's {side} side only.",
                               f"Only the {side} side is involved; the other side is empty.",
                               f"This is a purely {side}-sided finding."])
        if s == "midline":
            side = rng.choice(["left", "right"])
            return rng.choice([f"It lies well off to the patient's {side}, far from the midline.",
                               f"It is a {side}-sided structure, clearly away from the midline."])
        o = "right" if s == "left" else "left"
        return rng.choice([f"It lies on the patient's {o} side.", f"It is located in the {o} half of the body.",
                           f"It sits on the {o}, not the {s}."])
    if kind == "position":
        rels = [r for r in f["relations"] if r["other"] in p["others"]]
        if rels and (v == "central" or rng.random() < 0.5):
            r = rng.choice(rels)
            return f"It lies {rng.choice(REL_WORDS[FLIP[r['relation']]])} the {r['other']}."
        return rng.choice([f"It sits {rng.choice(vert_word(VFLIP[v]))}.",
                           f"On this slice it lies {rng.choice(vert_word(VFLIP[v]))}."])
    if kind == "size":
        if c == "large":
            return rng.choice(["It is tiny on this slice, under 1% of the image.", "It covers only about 0.2% of the image.",
                               "A minuscule structure here."])
        if c == "small":
            return rng.choice(["It is huge here, covering about 35% of the image.", "It is a large structure on this slice.",
                               "It fills roughly forty percent of the image."])
        return rng.choice(["It covers roughly 40% of the image.", "It is tiny, about 0.1% of the image.",
                           "It dominates the slice, filling most of the image."])
    if n == 1:
        return rng.choice(["It is split into two separate pieces.", "There are three distinct foci.",
                           "It appears as two disconnected regions."])
    return rng.choice(["It is a single connected region.", "It forms one contiguous piece.", "Only one region is present."])


def wrong_question(kind, p, f, rng):
    """A user question that asserts the false claim (the assistant answers without confirming it)."""
    s, v, c, n = f["laterality"], f["vertical"], f["size_class"], f["components"]
    if kind == "laterality":
        side = rng.choice(["left", "right"]) if s in ("bilateral", "midline") else ("right" if s == "left" else "left")
        return f"Why is it only on the patient's {side} side?"
    if kind == "position":
        return f"Why does it sit so far {vert_word(VFLIP[v])[0]} on this slice?" if v != "central" else \
            f"Why is it {rng.choice(['behind', 'in front of'])} everything else here?"
    if kind == "size":
        return "Why does it take up such a huge part of the image?" if c != "large" else \
            "Why is it so tiny on this slice?"
    return "Why is it broken into two separate pieces?" if n == 1 else "Why is it just one single connected piece?"


# ---- assembling -------------------------------------------------------------------------------------

FOLLOW = {"Which side is it?": 0, "How big is it?": 2, "Why? Explain briefly.": None,
          "Is it one piece or several?": 3, "Where exactly does it sit relative to its neighbours on this slice?": 1,
          "Anything else worth noting here?": None,
          "Could you summarise its position, size and shape for me in plain words?": None}
WHY = ["I base this on where the mask sits relative to the patient's midline and on its measured area.",
       "The shape, density and neighbours of the outlined area fit that structure best."]


def answer_core(core, q, rng):
    i = FOLLOW[q]
    return core[i] if i is not None and i < len(core) else rng.choice(core)


def render(style, p, sents, first):
    name = p["target"]
    if style == "terse":
        head = f"{_cap(name)} {SEG}." if first else ""
        return " ".join([head] + sents).strip()
    if style == "tutor":
        head = (f"Good question! The structure you describe is the {name}, and I have outlined it here {SEG}. "
                if first else "Let's go through it together. ")
        return head + " ".join(sents) + (" Does that make sense?" if first else "")
    if style == "chatty":
        head = (f"## Found it!\n\nThat's the **{name}** {SEG} \U0001F44D\n\n" if first else "Sure thing!\n\n")
        return head + "\n".join(f"- {s}" for s in sents) + ("\n\nLet me know if you want more detail!" if first else "")
    head = f"This is the {name} {SEG}. " if first else ""
    return head + " ".join(sents)


def build(p, facts, style, rng, defect):
    f = facts
    core = [side_true(p, f, style, rng), vert_true(p, f, style, rng), size_true(p, f, style, rng),
            count_true(p, f, style, rng)]
    rel = rel_true(p, f, rng)
    if rel:
        core.append(rel)
    tr = traps(p, f, rng)
    rng.shuffle(tr)
    first_sents = core[:] + tr[:2]
    rng.shuffle(first_sents)
    follow1 = rng.choice(list(FOLLOW))
    ans1 = [answer_core(core, follow1, rng), tr[2], tr[3]]
    if follow1.startswith("Why"):
        ans1.insert(0, rng.choice(WHY))
    rounds = rng.choice([2, 2, 3])
    follow2 = rng.choice([q for q in FOLLOW if q != follow1])
    ans2 = [answer_core(core, follow2, rng), tr[4]]
    q0 = rng.choice(p["q"])
    if style == "terse":
        q0 = q0 + " Segment."
    elif style == "chatty":
        q0 = "Hey! " + q0
    expected = [defect] if defect else []
    LAST_PLANT.clear()
    if defect == "names_target":
        g = rng.choice(p["giveaway"])
        q0 = rng.choice([f"Could you segment the {g} structures on this image?",
                         f"{q0} My guess is that it is something {g}.",
                         f"Where is the {g} finding on this slice? Please mark it."])
        LAST_PLANT.append(g)
    elif defect:
        where = rng.random()
        if where < 0.2:
            bad = wrong_question(defect, p, f, rng)
            follow1 = bad
            ans1 = [tr[2], rng.choice(core)]
            ans1 = [s for s in ans1 if not _touches(defect, s)] or [tr[2], tr[3]]
        else:
            bad = wrong(defect, p, f, rng)
            # drop true sentences of the same kind so the row holds exactly one claim of it
            first_sents = [s for s in first_sents if not _touches(defect, s)]
            ans1 = [s for s in ans1 if not _touches(defect, s)] or [tr[3]]
            ans2 = [s for s in ans2 if not _touches(defect, s)] or [tr[5]]
            if where < 0.65:
                first_sents.insert(rng.randrange(len(first_sents) + 1), bad)
            elif where < 0.85 or rounds == 2:
                ans1.insert(rng.randrange(len(ans1) + 1), bad)
            else:
                ans2.insert(0, bad)
        LAST_PLANT.append(bad)
    pad = "A single slice can mislead, so clinical correlation is advised."
    for ans in (ans1, ans2):
        if len(ans) < 2 and pad not in ans:
            ans.append(pad)
    turns = [{"role": "user", "content": q0},
             {"role": "assistant", "content": render(style, p, first_sents, True)},
             {"role": "user", "content": follow1},
             {"role": "assistant", "content": render(style, p, ans1, False)}]
    if rounds == 3:
        turns += [{"role": "user", "content": follow2},
                  {"role": "assistant", "content": render(style, p, ans2, False)}]
    if style == "words":
        for t in turns:
            t["content"] = _digits_to_words(t["content"])
    return turns, expected


_KIND_MARK = {"laterality": ("side", "left", "right", "midline", "bilateral", "both sides", "one on each"),
              "position": ("front", "back", "anterior", "posterior", "superior", "inferior", "high in", "low in",
                           "upper part", "lower part", "above", "below", "behind", "mid-depth", "Central in depth"),
              "size": ("%", "percent", "per cent", "small", "large", "medium", "size", "modest", "compact", "big",
                       "extensive", "intermediate", "moderate"),
              "count": ("piece", "region", "component", "focus", "part", "foci", "blob")}


def _touches(kind, s):
    return any(m in s for m in _KIND_MARK[kind])


def _digits_to_words(text: str) -> str:
    import re

    def sub(m):
        n = int(m.group(0))
        return words(n) if n < 100 else m.group(0)
    return re.sub(r"(?<![\d.])\d{1,2}(?![\d.])(?!\.\d)", sub, text.replace("%", " percent"))
