"""Blind QC bank AQ (helper qcaq): what an instruction-tuned LLM writes when asked for MedSeg-QA-style
multi-turn conversations, written without opening the QC rules, their tests, other banks or their rows.

Targets (14, abdomen, chest, pelvis, brain, neck; axial "LP" mostly, coronal "LI" for two): bilateral and
multi-region masks (kidneys, lungs, adrenal glands, lateral ventricles, several liver lesions, a thyroid
split into two lobes, seminal vesicles), one-sided and midline ones, and two labels the knowledge base
does not know (right parotid gland, seminal vesicles). Facts are measured by the product's own
`compute_facts` on synthetic ellipse masks; every sentence is written from those facts.

Registers (4): `verbose` (GPT-4-style: restates the question, hedges, closes with a summary), `concise`
(one-liners), `socratic` (a teacher who asks back, then answers), `relative` (facts as comparisons and
relative terms: further back than, more to the patient's left than, higher than).

Traps in clean rows (all true): negations ("It is not on the left", "No separate second piece is seen"),
radiological-convention sentences (axial and coronal), knowledge sentences and size comparisons about OTHER
structures with their own sides and positions, textbook numbers about populations, hedges ("likely",
"appears"), true presuppositions in follow-up questions ("Why is it on the patient's left?"), open
either-or questions, follow-ups from "Where is it?" to a long student's question. Defects: exactly one
false claim, which replaces the true statement of that fact; about a fifth of the side/position/size/count
ones sit in a user follow-up question, about a quarter only in a follow-up answer.

Sanity check (the writer's own sentence-level checker, not QC): every clean row has no claim against its
facts, every defective row exactly one, of its kind; every row loads into the models.
First measure: not run by this writer (the lead measures the bank with the final rules).
"""

from __future__ import annotations

import random

import numpy as np

# blobs: (cx, cy, rx, ry) in image fractions; orientation "LP": columns to the patient's left, rows to
# posterior; "LI": columns to the patient's left, rows to inferior (head at the top)
PROFILES = [
    dict(target="kidney", cmp=['Each one is larger than the adrenal gland perched on top of it.', 'Each is much smaller than the liver.'], orient="LP", modality="CT", region="abdomen", paired=True, liver_side=True,
         blobs=[(0.32, 0.63, 0.055, 0.085), (0.68, 0.63, 0.055, 0.085)],
         others={"pancreas": (0.5, 0.43), "vertebral body": (0.5, 0.75)},
         name="the kidneys", noun="organs",
         give=["kidneys", "renal", "the kidney", "nephric", "both kidneys"],
         ask=["Which paired organs filter the blood and produce urine", "Which bean-shaped organs in the "
              "retroperitoneum clear creatinine from the blood", "What structures would you check first in a "
              "patient whose creatinine has doubled"],
         kb=["The liver, on the patient's right, is many times larger than either of them.",
             "The spleen sits on the patient's left, high in the upper abdomen.",
             "The aorta runs down the midline just in front of the spine."],
         num=["An adult kidney is typically about 10 to 12 cm long.",
              "Together they receive roughly a fifth of the cardiac output at rest."]),
    dict(target="lung", cmp=['Together they are far bigger than the heart between them.', 'The right one is slightly larger than the left.'], orient="LP", modality="CT", region="chest", paired=True, liver_side=True,
         blobs=[(0.3, 0.52, 0.13, 0.2), (0.7, 0.52, 0.12, 0.2)],
         others={"heart": (0.54, 0.38), "sternum": (0.5, 0.2)},
         name="the lungs", noun="organs",
         give=["lungs", "pulmonary", "lung fields", "the lung", "pulmonic"],
         ask=["Which organs of gas exchange fill most of this chest slice", "Which spongy, air-filled organs "
              "take oxygen into the blood", "Which structures would a pneumothorax partly collapse"],
         kb=["The heart lies in the middle of the chest, pointing toward the patient's left.",
             "The trachea, in the midline, divides into the two main bronchi.",
             "The right one has three lobes while the left has two, to make room for the heart."],
         num=["Total lung capacity in an adult is about 6 litres.",
              "An adult takes roughly 12 to 20 breaths per minute at rest."]),
    dict(target="adrenal gland", cmp=['Each is much smaller than the kidney below it.', 'They are thinner than the crura of the diaphragm beside them.'], orient="LP", modality="CT", region="abdomen", paired=True, liver_side=True,
         blobs=[(0.38, 0.6, 0.022, 0.04), (0.62, 0.6, 0.018, 0.04)],
         others={"pancreas": (0.5, 0.45), "vertebral body": (0.5, 0.75)},
         name="the adrenal glands", noun="glands",
         give=["adrenal glands", "adrenals", "suprarenal", "adrenal", "the adrenal gland"],
         ask=["Which small glands capping the upper poles of the kidneys make cortisol",
              "Which paired endocrine glands secrete aldosterone and epinephrine",
              "Where would a phaeochromocytoma usually arise on this slice"],
         kb=["The kidneys below them are far larger, each about 11 cm long.",
             "The inferior vena cava runs on the patient's right, just in front of the spine.",
             "The liver occupies the right upper quadrant and is the largest solid organ."],
         num=["Incidental nodules in these glands are found on about 3 to 7 percent of abdominal CT scans.",
              "Each one weighs only about 4 to 5 grams in an adult."]),
    dict(target="lateral ventricle", cmp=['They are much larger than the slit-like third ventricle.', 'Each is bigger than the caudate nucleus that bulges into it.'], orient="LP", modality="MR", region="brain", paired=True, liver_side=False,
         blobs=[(0.41, 0.47, 0.03, 0.12), (0.59, 0.47, 0.03, 0.12)],
         others={"third ventricle": (0.5, 0.56)},
         name="the lateral ventricles", noun="cavities",
         give=["lateral ventricles", "ventricular", "the ventricles", "lateral ventricle", "ventricle"],
         ask=["Which paired fluid-filled cavities deep in the cerebral hemispheres hold most of the CSF",
              "Which C-shaped spaces in the brain contain the choroid plexus and enlarge in hydrocephalus",
              "Which cavities of the brain would widen first if CSF could not drain"],
         kb=["The third ventricle is a thin slit in the midline between the two thalami.",
             "The caudate nuclei bulge into their walls from the side.",
             "The fourth ventricle lies lower down, in front of the cerebellum."],
         num=["The whole CSF volume in an adult is about 150 ml.",
              "Roughly 500 ml of CSF is produced each day."]),
    dict(target="liver lesion", cmp=['Each focus is far smaller than the organ that contains it.', 'None of them is as large as the spleen.'], orient="LP", modality="CT", region="abdomen", paired=False, liver_side=True,
         multi=(2, 4), blobs=[(0.25, 0.37, 0.03, 0.03), (0.34, 0.29, 0.024, 0.02), (0.3, 0.47, 0.022, 0.025),
                              (0.2, 0.45, 0.018, 0.018)],
         others={"spleen": (0.76, 0.55), "aorta": (0.52, 0.62)},
         name="the hepatic lesions", noun="foci",
         give=["liver lesions", "hepatic lesions", "liver metastases", "the liver lesion", "hepatic masses"],
         ask=["Which round low-density spots scattered through the largest solid organ of the abdomen look "
              "abnormal", "Which foci would you outline in a patient with colon cancer and a rising CEA",
              "What looks like it should not be there in the big organ of the right upper quadrant"],
         kb=["The spleen, on the patient's left, shows no similar spots.",
             "The gallbladder sits under the organ's inferior surface on the right.",
             "The stomach lies on the patient's left, in front of the pancreas."],
         num=["Metastases are far more common than primary tumours in this organ in Western countries.",
              "About half of patients with colorectal cancer develop spread to this organ at some point."]),
    dict(target="thyroid gland", cmp=["Its two lobes together are larger in cross-section than the esophagus behind it.", 'It is much smaller than the vertebral body behind it.'], orient="LP", modality="CT", region="neck", paired=False, liver_side=False,
         blobs=[(0.41, 0.36, 0.04, 0.065), (0.59, 0.36, 0.04, 0.065)],
         others={"esophagus": (0.5, 0.5), "cervical vertebra": (0.5, 0.64)},
         name="the thyroid gland", noun="gland",
         give=["thyroid", "thyroid gland", "thyroidal", "the thyroid lobes", "perithyroidal"],
         ask=["Which butterfly-shaped endocrine gland in the front of the neck makes T3 and T4",
              "Which gland in the lower neck would you scan in a patient with a goitre",
              "Which gland in this neck slice controls the body's metabolic rate"],
         kb=["The trachea runs down the midline just behind it.",
             "The common carotid arteries lie on each side, further back and lateral to it.",
             "The esophagus sits behind the trachea, slightly toward the patient's left."],
         num=["Each lobe is usually about 4 to 6 cm long in an adult.",
              "Nodules in this gland are found on ultrasound in up to half of adults over 60."]),
    dict(target="spleen", cmp=['It is smaller than the liver on the other side.', "It is smaller than the liver but larger than the pancreatic tail near its hilum."], orient="LP", modality="CT", region="abdomen", paired=False, liver_side=True,
         blobs=[(0.76, 0.6, 0.07, 0.1)],
         others={"liver": (0.3, 0.42), "stomach": (0.6, 0.38)},
         name="the spleen", noun="organ",
         give=["spleen", "splenic", "perisplenic", "the spleen", "lienal"],
         ask=["Which organ filters old red blood cells and protects against encapsulated bacteria",
              "Which organ might rupture after a blow to the lower left ribs",
              "Which organ enlarges in mononucleosis and portal hypertension"],
         kb=["The liver is on the patient's right and is much larger.",
             "The stomach lies in front of it and a little toward the midline.",
             "The left kidney sits below and medial to it."],
         num=["A normal adult one is roughly 12 cm long and weighs about 150 grams.",
              "Accessory ones are found in about 10 percent of people."]),
    dict(target="urinary bladder", cmp=['When full it is larger than the rectum behind it.', 'It is smaller than the whole pelvic cavity, of course.'], orient="LP", modality="CT", region="pelvis", paired=False, liver_side=False,
         blobs=[(0.5, 0.35, 0.1, 0.08)],
         others={"rectum": (0.5, 0.62), "sacrum": (0.5, 0.8)},
         name="the urinary bladder", noun="organ",
         give=["bladder", "urinary bladder", "vesical", "the bladder", "perivesical"],
         ask=["Which hollow organ in the pelvis stores urine before voiding",
              "Which muscular reservoir fills from the ureters and empties through the urethra",
              "Which pelvic organ would be distended in acute urinary retention"],
         kb=["The rectum lies behind it in the midline.",
             "The femoral heads sit on either side, well away from the midline.",
             "The sacrum forms the back wall of the pelvis."],
         num=["A healthy adult one holds about 400 to 600 ml.",
              "The urge to void usually starts at around 150 to 300 ml."]),
    dict(target="prostate", cmp=['It is smaller than a full bladder.', 'It is larger than each seminal vesicle.'], orient="LP", modality="MR", region="pelvis", paired=False, liver_side=False,
         blobs=[(0.5, 0.52, 0.05, 0.045)],
         others={"rectum": (0.5, 0.67), "pubic symphysis": (0.5, 0.3)},
         name="the prostate", noun="gland",
         give=["prostate", "prostatic", "prostate gland", "periprostatic", "the prostate's"],
         ask=["Which walnut-sized male gland wraps around the urethra just below the bladder",
              "Which gland enlarges with age in older men and can make it hard to pass urine",
              "Which gland would a urologist biopsy through the rectal wall"],
         kb=["The rectum lies directly behind it.",
             "The pubic symphysis is in front of it, in the midline.",
             "The seminal vesicles sit above and behind it, one on each side."],
         num=["A normal adult gland weighs about 20 to 25 grams.",
              "About half of men over 50 have some benign enlargement."]),
    dict(target="left hippocampus", cmp=['It is smaller than the thalamus above it.', 'It is larger than the amygdala in front of it.'], orient="LI", modality="MR", region="brain", paired=False, liver_side=False,
         blobs=[(0.63, 0.63, 0.035, 0.03)],
         others={"thalamus": (0.5, 0.45), "corpus callosum": (0.5, 0.33)},
         name="the left hippocampus", noun="structure",
         give=["hippocampus", "hippocampal", "the left hippocampus", "cornu ammonis", "hippocampi"],
         ask=["Which seahorse-shaped grey matter structure in the medial temporal lobe on the patient's left "
              "is essential for forming new memories", "Which medial temporal structure on the left would "
              "you measure for atrophy in early Alzheimer's disease",
              "Which part of the left medial temporal lobe is the usual focus in mesial temporal sclerosis"],
         kb=["The thalami sit higher up, on either side of the third ventricle.",
             "The amygdala lies just in front of it.",
             "The bodies of the lateral ventricles lie above it, nearer the midline."],
         num=["Its volume in a healthy adult is roughly 3 to 4 ml.",
              "In Alzheimer's disease its volume can fall by several percent a year."]),
    dict(target="liver", cmp=['It is far larger than the spleen on the other side.', 'It is bigger than either kidney.'], orient="LI", modality="CT", region="abdomen", paired=False, liver_side=False,
         blobs=[(0.32, 0.35, 0.17, 0.15)],
         others={"spleen": (0.72, 0.35), "urinary bladder": (0.5, 0.85)},
         name="the liver", noun="organ",
         give=["liver", "hepatic", "the liver", "hepato-biliary", "intrahepatic"],
         ask=["Which large solid organ of the upper abdomen makes bile and stores glycogen",
              "Which organ would be enlarged in a patient with hepatitis and jaundice",
              "Which organ processes nutrients arriving through the portal vein"],
         kb=["The spleen is on the patient's left and much smaller.",
             "The urinary bladder sits low in the pelvis, in the midline.",
             "The right kidney lies lower and behind it."],
         num=["An adult one weighs about 1.5 kg.",
              "It receives about a quarter of the cardiac output."]),
    dict(target="trachea", cmp=['Its lumen is wider than the collapsed esophagus behind it.', 'It is much smaller than the vertebral body behind it.'], orient="LP", modality="CT", region="chest", paired=False, liver_side=False,
         blobs=[(0.5, 0.3, 0.03, 0.03)],
         others={"esophagus": (0.52, 0.4), "vertebral body": (0.5, 0.58)},
         name="the trachea", noun="tube",
         give=["trachea", "tracheal", "windpipe", "the trachea", "airway"],
         ask=["Which cartilage-ringed tube carries air from the larynx down to the bronchi",
              "Which tube would be intubated to ventilate this patient",
              "Which hollow air-filled structure of the upper chest divides at the carina"],
         kb=["The esophagus lies just behind it and slightly to the patient's left.",
             "The aortic arch curves over the left main bronchus.",
             "The lungs fill each side of the chest."],
         num=["It is about 10 to 12 cm long in an adult.",
              "It is held open by about 16 to 20 C-shaped rings of cartilage."]),
    dict(target="right parotid gland", cmp=['It is larger than the submandibular gland below it.', 'It is much larger than any lymph node nearby.'], orient="LP", modality="CT", region="neck", paired=False, liver_side=False,
         blobs=[(0.25, 0.55, 0.055, 0.085)],
         others={"cervical vertebra": (0.5, 0.6), "mandible": (0.4, 0.3)},
         name="the right parotid gland", noun="gland",
         give=["parotid", "right parotid gland", "the parotid", "parotid gland", "intraparotid"],
         ask=["Which salivary gland, the largest of them, wraps around the right ramus of the jaw in front of "
              "the ear", "Which gland on the right would swell in mumps",
              "Which gland on the right side of the face does the facial nerve pass through"],
         kb=["The submandibular glands lie lower down, under the jaw.",
             "The cervical spine is in the midline, at the back of the neck.",
             "The opposite gland on the patient's left is a mirror image."],
         num=["About 80 percent of salivary gland tumours arise in this gland.",
              "Most tumours here, about 80 percent, are benign."]),
    dict(target="seminal vesicles", cmp=['Each is smaller than the bladder in front of them.', 'Together they are smaller than the prostate below them.'], orient="LP", modality="MR", region="pelvis", paired=True, liver_side=False,
         blobs=[(0.42, 0.6, 0.035, 0.018), (0.58, 0.6, 0.035, 0.018)],
         others={"urinary bladder": (0.5, 0.38), "sacrum": (0.5, 0.82)},
         name="the seminal vesicles", noun="glands",
         give=["seminal vesicles", "seminal vesicle", "vesiculae seminales", "the seminal glands", "SVs"],
         ask=["Which paired coiled glands behind the bladder contribute most of the ejaculate volume",
              "Which paired glands would you check for invasion when staging a prostate cancer",
              "Which paired male glands drain into the ejaculatory ducts"],
         kb=["The urinary bladder lies in front of them in the midline.",
             "The rectum is behind them.",
             "The prostate lies below them, around the urethra."],
         num=["Each one is a coiled tube roughly 5 cm long in an adult.",
              "They supply around 70 percent of the fluid volume."]),
]
STYLES = ["verbose", "concise", "socratic", "relative"]
KINDS = ["laterality", "position", "size", "count", "names_target"]


def pick_profile(profiles, i, defect, rng):
    """Bilateral and multi-region masks get more turns for side and count defects."""
    if defect in ("laterality", "count") and rng.random() < 0.6:
        return rng.choice([p for p in profiles if p["paired"] or p.get("multi") or p["target"] == "thyroid gland"])
    return rng.choice(profiles)


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


def _ellipse(n, cx, cy, rx, ry):
    yy, xx = np.mgrid[0:n, 0:n]
    return ((xx / (n - 1) - cx) / rx) ** 2 + ((yy / (n - 1) - cy) / ry) ** 2 <= 1.0


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    n = 256
    blobs = list(p["blobs"])
    if p.get("multi"):
        blobs = blobs[:rng.randint(*p["multi"])]
    mask = np.zeros((n, n), bool)
    for cx, cy, rx, ry in blobs:
        s = rng.uniform(0.88, 1.12)
        mask |= _ellipse(n, cx + rng.uniform(-0.012, 0.012), cy + rng.uniform(-0.012, 0.012), rx * s, ry * s)
    others = {k: (x + rng.uniform(-0.01, 0.01), y + rng.uniform(-0.01, 0.01)) for k, (x, y) in p["others"].items()}
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


# --- true phrasings of each fact ---------------------------------------------------------------------

def side_text(p, f, rng):
    lat = f["laterality"]
    opts = {"left": ["on the patient's left", "left-sided", "in the left half of the patient's body",
                     "on the patient's left side, which is the right side of the screen"],
            "right": ["on the patient's right", "right-sided", "in the right half of the patient's body",
                      "on the patient's right, shown on the left of the screen"],
            "midline": ["in the midline", "centred on the midline, not off to either side", "midline"],
            "bilateral": ["on both sides, one on the left and one on the right", "bilateral",
                          "present on both the left and the right of the midline"]}[lat]
    if p["liver_side"] and lat in ("left", "right"):
        opts.append("on the side opposite the liver" if lat == "left" else "on the same side as the liver")
    return rng.choice(opts)


def side_neg(f, rng):
    lat = f["laterality"]
    return rng.choice({"left": ["It is not on the right.", "Nothing of it crosses to the right."],
                       "right": ["It is not on the left.", "None of it lies on the left."],
                       "midline": ["It is not off to one side.", "It is neither left- nor right-sided."],
                       "bilateral": ["It is not confined to one side.", "It is not a one-sided finding."]}[lat])


VERT = {"anterior": ["toward the front of the body", "anteriorly", "in the front half of the slice"],
        "posterior": ["toward the back of the body", "posteriorly", "in the back half of the slice"],
        "superior": ["high in the image, toward the head", "superiorly", "in the upper part of the field"],
        "inferior": ["low in the image, toward the feet", "inferiorly", "in the lower part of the field"],
        "central": ["roughly midway along the front-to-back axis", "near the centre of the slice"]}
VERT_CORONAL_CENTRAL = ["roughly at mid-height in the image", "near the centre of the image vertically"]


def vert_text(p, f, rng):
    v = f["vertical"]
    if v == "central":
        return rng.choice(VERT_CORONAL_CENTRAL if p["orient"] == "LI" else VERT["central"])
    return rng.choice(VERT[v])


REL = {"left_of": ["more to the patient's left than {o}", "to the patient's left of {o}", "on the left of {o}"],
       "right_of": ["more to the patient's right than {o}", "to the patient's right of {o}", "on the right of {o}"],
       "anterior_to": ["in front of {o}", "further forward than {o}", "anterior to {o}"],
       "posterior_to": ["behind {o}", "further back than {o}", "posterior to {o}"],
       "superior_to": ["above {o}", "higher up than {o}", "superior to {o}"],
       "inferior_to": ["below {o}", "lower down than {o}", "inferior to {o}"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}


def rel_text(rel, rng):
    return rng.choice(REL[rel["relation"]]).format(o="the " + rel["other"])


ORD = {2: "half", 3: "third", 4: "quarter", 5: "fifth", 6: "sixth", 8: "eighth", 10: "tenth", 15: "fifteenth",
       20: "twentieth", 25: "twenty-fifth", 30: "thirtieth", 40: "fortieth", 50: "fiftieth", 60: "sixtieth",
       80: "eightieth", 100: "hundredth", 150: "hundred-and-fiftieth", 200: "two-hundredth", 250: "two-hundred-and-fiftieth",
       300: "three-hundredth", 400: "four-hundredth", 500: "five-hundredth"}


def size_text(f, rng):
    frac, cls = f["area_fraction"], f["size_class"]
    pct = frac * 100
    d = min(ORD, key=lambda k: abs(1 / k - frac) / frac)
    opts = [f"roughly {pct:.1f} percent of the slice" if pct < 10 else f"roughly {pct:.0f} percent of the slice",
            f"about {pct:.1f}% of the image area"]
    if abs(1 / d - frac) / frac < 0.15:
        opts.append(f"about a {ORD[d]} of the slice")
    opts += {"small": ["a tiny fraction of the slice", "a small area, under one percent of the image"],
             "medium": ["a modest fraction of the slice", "a medium-sized area, between one and five percent of the image"],
             "large": ["a large share of the slice", "a big portion of the image, more than a twentieth"]}[cls]
    return rng.choice(opts)


SIZE_WORD = {"small": ["small", "small-sized"], "medium": ["medium-sized", "moderate in size"],
             "large": ["large", "big"]}
NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def count_text(f, rng):
    c = f["components"]
    if c == 1:
        return rng.choice(["a single connected region", "one contiguous region", "one single piece",
                           "a single continuous area"])
    w = NUMW.get(c, str(c))
    opts = [f"{w} separate pieces", f"{w} distinct components", f"{w} islands that do not touch"]
    if c == 2:
        opts.append("a couple of islands, one on each side" if f["laterality"] == "bilateral" else "a couple of separate islands")
    return rng.choice(opts)


def count_neg(f, rng):
    return rng.choice(["There is no second focus.", "No separate second piece is seen."] if f["components"] == 1
                      else ["It is not one continuous structure.", "The pieces are not joined to each other."])


def convention(p, rng):
    if p["orient"] == "LI":
        return rng.choice(["As is conventional for coronal images, the patient's right is on the viewer's left and "
                           "the head is at the top.", "Remember that coronal images are displayed as if facing the "
                           "patient, so their left appears on the right of the screen."])
    return rng.choice(["By radiological convention, axial images are viewed from the feet, so the patient's left "
                       "appears on the right of the screen.", "Keep in mind that on axial slices the patient's "
                       "right is displayed on the viewer's left, and the front of the body is at the top."])


# --- false phrasings (exactly one per defective conversation) ----------------------------------------

def wrong_side(p, f, rng):
    lat = f["laterality"]
    if lat == "bilateral":
        return rng.choice(["it lies only on the patient's left", "it is confined to the patient's right side",
                           "it is a one-sided, left-sided finding"])
    if lat == "midline":
        return rng.choice(["it sits well off to the patient's left", "it is clearly right-sided"])
    w = "right" if lat == "left" else "left"
    return rng.choice([f"it lies on the patient's {w}", f"it is {w}-sided", f"it is in the {w} half of the body"])


def wrong_position(p, f, rng):
    v = f["vertical"]
    opp = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
    rels = [r for r in f["relations"] if r["relation"] in FLIP]
    if v in opp and (not rels or rng.random() < 0.5):
        return rng.choice({"anterior": ["it lies toward the back of the body", "it sits posteriorly, in the back half of the slice"],
                           "posterior": ["it lies toward the front of the body", "it sits anteriorly, in the front half of the slice"],
                           "superior": ["it sits low in the image, toward the feet", "it lies inferiorly, in the lower part of the field"],
                           "inferior": ["it sits high in the image, toward the head", "it lies superiorly, in the upper part of the field"]}[v])
    r = rng.choice(rels)
    return "it lies " + rel_text({"other": r["other"], "relation": FLIP[r["relation"]]}, rng)


def wrong_size(f, rng):
    cls = f["size_class"]
    if cls == "large":
        return rng.choice(["it is tiny, covering well under one percent of the slice",
                           "it takes up only about 0.3 percent of the image", "it is a small structure, a speck on this slice"])
    if cls == "small":
        return rng.choice(["it is large, covering about a quarter of the slice",
                           "it takes up roughly 30 percent of the image", "it fills a big portion of the slice, around a third"])
    return rng.choice(["it takes up about 40 percent of the image", "it is tiny, about 0.1 percent of the slice",
                       "it covers almost half of the slice"])


def wrong_count(f, rng):
    c = f["components"]
    if c == 1:
        return rng.choice(["it is made of two separate pieces", "it appears as three distinct islands",
                           "it is split into a couple of unconnected parts"])
    return rng.choice(["it is a single connected piece", "it forms one contiguous region",
                       "it is one continuous structure"])


# --- conversations -------------------------------------------------------------------------------------

def first_question(p, rng, defect):
    ask = rng.choice(p["ask"])
    view = {"LP": "axial", "LI": "coronal"}[p["orient"]]
    scan = f"{view} {p['modality']} slice" if rng.random() < 0.5 else f"{p['modality']} image"
    if defect == "names_target":
        g = rng.choice(p["give"])
        return rng.choice([f"{ask}? Please segment it ({g}) on this {scan}.",
                           f"On this {scan}, {ask[0].lower()}{ask[1:]}? Hint: {g}. Please outline it.",
                           f"Segment the {g.removeprefix('the ')} here: {ask[0].lower()}{ask[1:]}?"])
    return rng.choice([f"{ask}? Please segment it on this {scan}.", f"Looking at this {scan}: {ask.lower()[0]}{ask[1:]}? "
                       "Show me with a mask.", f"{ask} in this {scan}? Could you highlight it?"])


def cap(s):
    return s[0].upper() + s[1:]


def answer1(p, f, style, rng, bad, kind):
    """The first answer; `bad` is a false clause ('it ...') of defect `kind` that replaces the true one, or None."""
    name = p["name"]
    st, vt, sz, ct = side_text(p, f, rng), vert_text(p, f, rng), size_text(f, rng), count_text(f, rng)
    rels = f["relations"]
    r0 = rng.choice(rels) if rels else None
    rel = rel_text(r0, rng) if r0 else None
    drop = {"laterality": "side", "position": "pos", "size": "size", "count": "count"}.get(kind) if bad else None
    plural = name.endswith("s") and not name.endswith("us")
    if style == "concise":
        parts = {"side": st, "pos": vt, "size": sz, "count": ct}
        out = [v for k, v in parts.items() if k != drop]
        if bad:
            out.insert(rng.randint(0, len(out)), bad)
        return f"{cap(name)} [SEG]: " + "; ".join(out) + "."
    if style == "verbose":
        s = [f"You're asking me to identify and segment the structure described. Based on the image, this "
             f"appears to be {name} [SEG]."]
        if drop != "side":
            s.append(f"It appears to be {st}.")
        if drop != "pos":
            s.append(f"It is located {vt}" + (f", and relative to its neighbours it likely lies {rel}." if rel else "."))
        if drop != "size":
            s.append(f"In terms of size, it takes up {sz}.")
        if drop != "count":
            s.append(f"On this slice it appears as {ct}.")
        extra = [convention(p, rng), rng.choice(p["kb"]), rng.choice(p["num"])]
        if drop != "side":
            extra.append(side_neg(f, rng))
        s.append(rng.choice(extra))
        if bad:
            s.insert(rng.randint(1, len(s)), f"It is also worth noting that {bad}.")
        s.append(f"In summary, the highlighted {p['noun']} {'are' if plural else 'is'} {name}, shown in the mask "
                 "above, though correlation with the full study is always advisable.")
        return " ".join(s)
    if style == "socratic":
        s = [f"Before I show you, think about it: which {p['noun']} would you expect to do that? "
             f"The answer is {name} [SEG]."]
        if drop != "side":
            s.append(f"Now, where do you see it? Look carefully: it is {st}.")
        if drop != "pos":
            s.append(f"And along the other axis of the slice? It lies {vt}.")
        if drop != "size":
            s.append(f"And how much of the slice does it occupy? It takes up {sz}.")
        if drop != "count":
            s.append(f"How many pieces can you count? I see {ct}.")
        if bad:
            s.insert(rng.randint(1, len(s)), f"Did you notice that {bad}?")
        s.append(rng.choice(["What does that tell you about normal anatomy?", "Does that match what you expected?"]))
        return " ".join(s)
    # relative: comparisons and relative terms
    s = [f"That's {name} [SEG]."]
    if drop != "pos":
        if rel:
            s.append(f"It sits {rel}.")
        second = [r for r in rels if r["other"] != r0["other"]]
        if rel and second:
            s.append(f"It is also {rel_text(rng.choice(second), rng)}.")
        s.append(f"Overall it lies {vt}.")
    if drop != "size":
        s.append(f"Compared with the whole slice it is {rng.choice(SIZE_WORD[f['size_class']])}: {sz}.")
    if drop != "side":
        s.append(f"Side-wise, it is {st}.")
    if drop != "count":
        s.append(f"It shows up as {ct}.")
    s.append(rng.choice(p["cmp"]))
    s.append(rng.choice(p["kb"]))
    if bad:
        s.insert(rng.randint(1, len(s)), f"Relatively speaking, {bad}.")
    return " ".join(s)


FOLLOW = {
    "side": ["Which side is it on?", "Is it on the left or the right?", "Which side of the patient, exactly?"],
    "size": ["How big is it?", "Roughly how much of the image does it cover?", "Is it large or small here?"],
    "count": ["Is it one piece or several?", "How many separate regions are there?", "Is it all connected?"],
    "where": ["Where exactly is it in the slice?", "How does it relate to its neighbours?",
              "Can you describe its position relative to nearby structures in a bit more detail?",
              "Where is it?"],
    "why": ["Why is that?", "Why does that matter?", "I'm a second-year student preparing for an anatomy exam, and I "
            "keep mixing this up with neighbouring structures: why does this one matter clinically?", "And why would a clinician care about this?"],
    "more": ["Anything else worth knowing about it?", "Any textbook facts about it?", "Thanks - anything else?"],
}


def follow_answer(p, f, topic, style, rng, bad):
    """Answer to a follow-up on `topic`; `bad` is a false clause to assert or None."""
    if topic == "side":
        s = [f"It is {side_text(p, f, rng)}.", side_neg(f, rng), convention(p, rng)]
    elif topic == "size":
        s = [f"It takes up {size_text(f, rng)}, so it is {rng.choice(SIZE_WORD[f['size_class']])} on this slice.",
             rng.choice(p["num"])]
    elif topic == "count":
        s = [f"It appears as {count_text(f, rng)}.", count_neg(f, rng)]
    elif topic == "where":
        rels = f["relations"]
        s = [f"It lies {vert_text(p, f, rng)}."] + ([f"It is {rel_text(r, rng)}." for r in rels[:2]])
        s.append(rng.choice(p["kb"]))
    elif topic == "why":
        s = [rng.choice(p["kb"]), rng.choice(p["num"]), "Knowing the normal anatomy helps you spot when something is off."]
    else:
        s = [rng.choice(p["num"]), rng.choice(p["kb"])]
    if bad:  # the false claim replaces the true statement of the same fact
        s = [f"{cap(bad)}.", rng.choice(p["kb"])]
    if style == "concise":
        s = s[:2]
    elif style == "verbose":
        s = ["Good follow-up question."] + s + ["I hope that clarifies things; let me know if you'd like more detail."]
    elif style == "socratic":
        s = ["What do you think? Take a moment."] + s
    elif style == "relative":
        s = s + [rng.choice(p["cmp"])]
    return " ".join(s)


DEFECT_TOPIC = {"laterality": "side", "position": "where", "size": "size", "count": "count"}


def user_presupposition(p, f, defect, rng):
    """A follow-up question that asserts the false fact itself (the answer does not repeat it)."""
    if defect == "laterality":
        lat = f["laterality"]
        w = {"left": "right", "right": "left"}.get(lat)
        if w:
            return rng.choice([f"Why is it on the patient's {w} in this patient?", f"Is it normal for it to be {w}-sided like this?"])
        if lat == "bilateral":
            return "Why is it only on the patient's left in this case?"
        return "Why does it sit so far over on the patient's right?"
    if defect == "size":
        return rng.choice(["Why does it take up about a third of the image here?", "Why is it so huge, filling half the slice?"]) \
            if f["size_class"] != "large" else "Why is it so tiny, under half a percent of the slice?"
    if defect == "count":
        return "Why is it split into three separate pieces here?" if f["components"] == 1 else \
            "Why is it just one single connected piece here?"
    clause = wrong_position(p, f, rng).removeprefix("it ")
    verb, rest = clause.split(" ", 1)
    return f"Why does it {verb.removesuffix('s')} {rest} here?"


def neutral_answer(p, f, style, rng):
    s = [rng.choice(p["num"]), rng.choice(p["kb"]), "Variation between patients is common."]
    return " ".join(s if style != "concise" else s[:2])


def build(p, facts, style, rng, defect):
    f = facts
    bad_fn = {"laterality": lambda: wrong_side(p, f, rng), "position": lambda: wrong_position(p, f, rng),
              "size": lambda: wrong_size(f, rng), "count": lambda: wrong_count(f, rng)}
    where = None
    if defect in bad_fn:
        where = rng.choices(["a1", "follow", "user"], [0.55, 0.25, 0.2])[0]
    a1 = answer1(p, f, style, rng, bad_fn[defect]() if where == "a1" else None, defect)
    turns = [{"role": "user", "content": first_question(p, rng, defect)}, {"role": "assistant", "content": a1}]
    # a defect's own fact is stated once, falsely: no other turn restates it truly
    pool = [t for t in FOLLOW if t != DEFECT_TOPIC.get(defect) or defect is None]
    topics = rng.sample(pool, rng.choice([1, 1, 2]))
    if where == "follow":
        topics = topics[:1] + [DEFECT_TOPIC[defect]] if rng.random() < 0.5 else [DEFECT_TOPIC[defect]]
    for k, t in enumerate(topics):
        last = k == len(topics) - 1
        if where == "user" and last:
            turns.append({"role": "user", "content": user_presupposition(p, f, defect, rng)})
            turns.append({"role": "assistant", "content": neutral_answer(p, f, style, rng)})
            continue
        q = rng.choice(FOLLOW[t])
        if t == "side" and defect is None and f["laterality"] in ("left", "right") and rng.random() < 0.4:
            q = f"Why is it on the patient's {f['laterality']}?"  # a true presupposition
        turns.append({"role": "user", "content": q})
        bad = bad_fn[defect]() if where == "follow" and last else None
        turns.append({"role": "assistant", "content": follow_answer(p, f, t, style, rng, bad)})
    return turns, [defect] if defect else []
