"""Bank BK (round 13): head and neck axial CT/MR ("LP") and a few coronal ("LI") slices, written blind.

Targets: thyroid gland (two lobes and the isthmus, one region across the midline, axial and coronal), a
single thyroid lobe, parotid glands (both, or one), submandibular glands, common carotid arteries (both
or one), internal jugular veins, trachea, oesophagus, spinal cord, mandible, sternocleidomastoid muscles,
cervical lymph node(s) and a neck mass (labels the knowledge base may not know), eyeballs and optic
nerves on an orbit slice. Each mask is drawn as ellipses and measured by the product's `compute_facts`
(with the neighbours' centroids for relations); the prose is written from those measured facts.

Registers: a verbose chat assistant (disclaimers, restating the question, "In summary"), a markdown
table (| Feature | Finding |) with a sentence, a measurements register quoting cm / mm / cm^2 consistent
with the measured area, and a Socratic tutor who asks back and confirms or corrects the user's guesses.
Traps in clean rows (all true): negations, the display convention, other structures' sides and
positions, population numbers, hedges, the user's hedged wrong guess corrected by the tutor.

Defects (42 of each kind in 420 rows): of the 168 side/position/size/count ones, 38 are the premise of a
user's "Why ...?" follow-up (answered without restating it), 58 sit only in a later answer (a follow-up or
the tutor's second round), 72 in the first answer; wrong sides include a bilateral mask called one-sided and a midline
one called lateral; wrong positions flip a measured relation or the vertical position; wrong sizes are
clearly wrong (a small mask called large at 22-30% of the image, a larger one called tiny); names_target
questions add the name, a synonym or an adjective to an otherwise implicit question.

Written without reading the QC rules, their tests or other banks. First measure: not taken by the
writer (the lead measures once after merging). The writer's own self-check (a reader keyed on this
bank's phrasing, /work/notes/qcbk_scripts/selfcheck_bk.py): every defective row holds its planted text
and exactly one kind of disagreement with its facts; no clean row disagrees; no clean first question
names its target (forbidden stems plus the knowledge base's synonyms).
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
STYLES = ["verbose", "table", "measure", "socratic"]
W = H = 512

NECK_KB = ["The trachea runs in the midline, directly in front of the oesophagus.",
           "The common carotid arteries lie on either side of the trachea, each medial to its internal jugular vein.",
           "The spinal cord sits in the midline at the back, inside the vertebral canal.",
           "The sternocleidomastoid muscles run obliquely down the front and sides of the neck."]
NECK_POP = ["In adults the common carotid artery is typically about 6 to 8 mm across.",
            "An adult trachea is usually around 1.5 to 2 cm wide.",
            "Most adults have between 200 and 300 lymph nodes in the neck."]
ORBIT_KB = ["The brainstem lies in the midline, far behind the orbits.",
            "The medial rectus muscles sit along the inner wall of each orbit.",
            "The nasal cavity lies in the midline between the two orbits."]
ORBIT_POP = ["An adult eyeball measures about 24 mm from front to back.",
             "The intraorbital part of each optic nerve is roughly 25 to 30 mm long."]

# parts: ellipses (cx, cy, rx, ry) in image units; arc: an anterior U (mandible); mirror: side drawn at random
P = dict
PROFILES = [
    P(target="thyroid gland", orient="LP", mod="CT", region="neck", noun="gland",
      parts=[(0.44, 0.40, 0.03, 0.055), (0.56, 0.40, 0.03, 0.055), (0.5, 0.375, 0.05, 0.018)], scale=(0.8, 2.3),
      others={"spinal cord": (0.5, 0.68), "oesophagus": (0.51, 0.5), "right common carotid artery": (0.37, 0.48)},
      alias=["the thyroid gland", "the thyroid", "the thyroid (both lobes plus the isthmus)"],
      give=["thyroid", "thyroid gland", "thyroid lobes", "thyroidal"], forbid=["thyro", "goit", "goiter"],
      q=["Which gland on this neck CT makes the hormones that set the body's metabolic rate?",
         "A patient has weight loss, tremor and a fast pulse. Which gland on this slice should I look at?",
         "Which butterfly-shaped endocrine gland is wrapped around the front of the airway here?"],
      kb=NECK_KB, pop=["In adults each thyroid lobe is typically 4 to 6 cm long.",
                       "The isthmus is usually only a few millimetres thick."] + NECK_POP[:1]),
    P(target="right thyroid lobe", orient="LP", mod="CT", region="neck", noun="lobe of a gland",
      parts=[(0.425, 0.40, 0.03, 0.055)], scale=(0.8, 1.6),
      others={"trachea": (0.5, 0.41), "spinal cord": (0.5, 0.68), "left common carotid artery": (0.63, 0.48)},
      alias=["the right thyroid lobe", "the right lobe of the thyroid"],
      give=["right thyroid lobe", "thyroid", "thyroid lobe", "thyroidal tissue"], forbid=["thyro", "lobe", "goit"],
      q=["One half of the gland that makes metabolic hormones is enlarged here. Which part is it?",
         "Which part of the endocrine gland at the front of the neck is highlighted on this CT? Please segment it.",
         "A patient has a nodule in one half of the hormone gland in front of the windpipe. Which part is outlined?"],
      kb=NECK_KB, pop=["In adults each thyroid lobe is typically 4 to 6 cm long."] + NECK_POP[:2]),
    P(target="thyroid gland", orient="LI", mod="CT", region="neck", noun="gland",
      parts=[(0.44, 0.70, 0.03, 0.07), (0.56, 0.70, 0.03, 0.07), (0.5, 0.72, 0.05, 0.015)], scale=(0.8, 1.6),
      others={"mandible": (0.5, 0.15), "left clavicle": (0.66, 0.86)},
      alias=["the thyroid gland", "the thyroid"], give=["thyroid", "thyroid gland", "thyroidal"],
      forbid=["thyro", "goit", "goiter"],
      q=["On this coronal reformat, which gland regulates metabolism through iodine-containing hormones?",
         "Which endocrine gland low in the front of the neck is shown on this coronal CT? Please mark it."],
      kb=["The clavicles run horizontally across the bottom of a coronal neck image.",
          "The mandible forms the top of the neck on a coronal view.",
          "The trachea runs vertically in the midline."], pop=["In adults each thyroid lobe is typically 4 to 6 cm long."]),
    P(target="parotid glands", orient="LP", mod="CT", region="head and neck", noun="glands",
      parts=[(0.26, 0.5, 0.045, 0.07), (0.74, 0.5, 0.045, 0.07)], scale=(0.8, 1.5),
      others={"mandible": (0.5, 0.3), "spinal cord": (0.5, 0.68)},
      alias=["the parotid glands", "both parotids"], give=["parotid", "parotid glands", "parotids", "periparotid"],
      forbid=["parotid"],
      q=["Which paired salivary glands sit in front of the ears on this CT? Please segment them.",
         "A child has painful swelling of both cheeks with mumps. Which glands on this slice are involved?",
         "Which largest pair of saliva-producing glands is visible here? Outline them please."],
      kb=NECK_KB[2:] + ["The mandible curves around the front of the face at this level."],
      pop=["An adult parotid gland weighs roughly 15 to 30 g.",
           "About a quarter of all saliva comes from the largest salivary glands at rest."]),
    P(target="parotid gland", orient="LP", mod="CT", region="head and neck", noun="gland", mirror=True,
      parts=[(0.26, 0.5, 0.045, 0.07)], scale=(0.8, 1.6),
      others={"mandible": (0.5, 0.3), "spinal cord": (0.5, 0.68)},
      alias=["the parotid gland", "this parotid"], give=["parotid", "parotid gland", "intraparotid"], forbid=["parotid"],
      q=["Which salivary gland in front of the ear contains a tumour on this CT? Please segment it.",
         "A patient has a painless lump just in front of one ear. Which gland should be outlined?",
         "Which gland, with the facial nerve running through it, is highlighted on this slice?"],
      kb=NECK_KB[2:] + ["The mandible curves around the front of the face at this level."],
      pop=["An adult parotid gland weighs roughly 15 to 30 g.",
           "Most salivary gland tumours arise in the largest salivary glands."]),
    P(target="submandibular glands", orient="LP", mod="CT", region="neck", noun="glands",
      parts=[(0.36, 0.33, 0.04, 0.035), (0.64, 0.33, 0.04, 0.035)], scale=(0.8, 1.6),
      others={"mandible": (0.5, 0.22), "spinal cord": (0.5, 0.68)},
      alias=["the submandibular glands", "both submandibular glands"],
      give=["submandibular", "submandibular glands", "submandibulars"], forbid=["submandib", "mandib"],
      q=["Which paired salivary glands sit under the floor of the mouth on this CT? Please segment them.",
         "Which glands here drain saliva through Wharton's ducts? Outline them.",
         "A patient has swelling under the jaw when eating. Which paired glands are shown here?"],
      kb=NECK_KB[2:] + ["The tongue fills the floor of the mouth in the midline at this level."],
      pop=["Stones form far more often in these glands than in the other salivary glands, about 80% of cases."]),
    P(target="common carotid artery", orient="LP", mod="CT", region="neck", noun="vessels",
      parts=[(0.37, 0.47, 0.018, 0.018), (0.63, 0.47, 0.018, 0.018)], scale=(0.9, 1.4),
      others={"trachea": (0.5, 0.40), "spinal cord": (0.5, 0.68)},
      alias=["the common carotid arteries", "both common carotids"],
      give=["carotid", "common carotid arteries", "carotids", "CCA"], forbid=["carot", "cca"],
      q=["Which paired arteries carry blood up the neck to the head on this CT angiogram? Segment them.",
         "Which vessels here would be screened for plaque in a patient with a bruit in the neck?",
         "Which main arteries on both sides of the neck are shown? Please outline them."],
      kb=NECK_KB, pop=NECK_POP),
    P(target="left common carotid artery", orient="LP", mod="CT", region="neck", noun="artery",
      parts=[(0.63, 0.47, 0.018, 0.018)], scale=(0.9, 1.4),
      others={"trachea": (0.5, 0.40), "spinal cord": (0.5, 0.68), "thyroid gland": (0.5, 0.39)},
      alias=["the left common carotid artery", "the left CCA"],
      give=["left carotid", "left common carotid", "carotid", "LCCA"], forbid=["carot", "cca"],
      q=["Which artery taking blood to one side of the head and neck is highlighted here? Please segment it.",
         "A patient had brief loss of vision in one eye from a plaque in the neck. Which vessel is outlined?",
         "Which big artery arising directly from the aortic arch runs up this side of the neck?"],
      kb=NECK_KB, pop=NECK_POP),
    P(target="right common carotid artery", orient="LP", mod="CT", region="neck", noun="artery",
      parts=[(0.37, 0.47, 0.018, 0.018)], scale=(0.9, 1.4),
      others={"trachea": (0.5, 0.40), "spinal cord": (0.5, 0.68), "thyroid gland": (0.5, 0.39)},
      alias=["the right common carotid artery", "the right CCA"],
      give=["right carotid", "right common carotid", "carotid", "RCCA"], forbid=["carot", "cca"],
      q=["Which artery, arising from the brachiocephalic trunk, runs up the neck here? Please segment it.",
         "Which vessel with the pressure sensors at its fork is outlined on this CT?",
         "Which main artery on one side of the neck is shown here? Outline it please."],
      kb=NECK_KB, pop=NECK_POP),
    P(target="internal jugular veins", orient="LP", mod="CT", region="neck", noun="veins",
      parts=[(0.31, 0.47, 0.025, 0.02), (0.69, 0.47, 0.025, 0.02)], scale=(0.8, 1.5),
      others={"trachea": (0.5, 0.40), "spinal cord": (0.5, 0.68)},
      alias=["the internal jugular veins", "both internal jugulars"],
      give=["jugular", "internal jugular veins", "IJV", "IJVs"], forbid=["jugul", "ijv"],
      q=["Which large paired veins drain blood from the brain down the neck? Please segment them.",
         "Which veins are usually cannulated for a central line in the neck? Outline them.",
         "Which big veins beside the arteries of the neck are shown here?"],
      kb=NECK_KB, pop=NECK_POP[:1] + ["In adults the largest neck veins are often 1 to 1.5 cm wide."]),
    P(target="trachea", orient="LP", mod="CT", region="neck", noun="tube",
      parts=[(0.5, 0.42, 0.03, 0.028)], scale=(0.85, 1.3),
      others={"spinal cord": (0.5, 0.68), "oesophagus": (0.51, 0.50), "right common carotid artery": (0.37, 0.48)},
      alias=["the trachea", "the tracheal lumen"], give=["trachea", "tracheal", "windpipe", "tracheo-oesophageal"],
      forbid=["trache", "windpipe", "airway", "laryn", "air tube"],
      q=["Which cartilage-ringed tube carrying air to the lungs is shown on this slice? Please segment it.",
         "A patient has stridor after a long stay on a breathing tube. Which structure here should I check?",
         "Which passage for breathing, held open by C-shaped rings, is outlined here?"],
      kb=NECK_KB[1:], pop=NECK_POP[1:] + ["It has about 16 to 20 cartilage rings."]),
    P(target="esophagus", orient="LP", mod="CT", region="neck", noun="tube",
      parts=[(0.515, 0.50, 0.022, 0.018)], scale=(0.9, 1.4),
      others={"trachea": (0.5, 0.40), "spinal cord": (0.5, 0.68)},
      alias=["the oesophagus", "the esophagus"], give=["oesophagus", "esophageal", "gullet", "food pipe"],
      forbid=["oesophag", "esophag", "gullet", "food pipe", "foodpipe"],
      q=["Which muscular tube carrying swallowed food to the stomach is outlined on this neck CT?",
         "An older smoker has food sticking when swallowing. Which structure here should be segmented?",
         "Which collapsed muscular tube behind the breathing passage is shown? Please segment it."],
      kb=NECK_KB[:1] + NECK_KB[2:], pop=["In adults it is about 25 cm long."]),
    P(target="spinal cord", orient="LP", mod="CT", region="neck", noun="structure",
      parts=[(0.5, 0.68, 0.02, 0.018)], scale=(0.9, 1.4),
      others={"trachea": (0.5, 0.40), "thyroid gland": (0.5, 0.39)},
      alias=["the spinal cord", "the cervical cord"], give=["spinal cord", "cord", "spinal", "cervical cord"],
      forbid=["spinal", "cord", "myel", "medull"],
      q=["Which column of nerve tissue inside the bony canal is highlighted on this neck CT? Please segment it.",
         "A patient cannot move the arms or legs after a fall. Which structure on this slice is at risk?",
         "Which structure carrying signals between brain and body is shown here?"],
      kb=NECK_KB[:2], pop=["In adults it is about 45 cm long and about 1 cm wide in the neck."]),
    P(target="mandible", orient="LP", mod="CT", region="head and neck", noun="bone", arc=True,
      parts=[(0.5, 0.38, 0.2, 0.2)], scale=(0.9, 1.15),
      others={"spinal cord": (0.5, 0.68)},
      alias=["the mandible", "the lower jaw bone"], give=["mandible", "mandibular", "jaw bone", "jawbone"],
      forbid=["mandib", "jaw"],
      q=["Which U-shaped bone holding the lower teeth is highlighted here? Please segment it.",
         "A patient was punched in the face and cannot open the mouth. Which bone on this slice should be outlined?",
         "Which bone that moves when we chew is shown on this CT?"],
      kb=NECK_KB[2:] + ["The tongue fills the floor of the mouth in the midline at this level."],
      pop=["An adult usually has 16 teeth in the lower arch."]),
    P(target="sternocleidomastoid muscles", orient="LP", mod="CT", region="neck", noun="muscles",
      parts=[(0.27, 0.42, 0.03, 0.06), (0.73, 0.42, 0.03, 0.06)], scale=(0.8, 1.5),
      others={"spinal cord": (0.5, 0.68)},
      alias=["the sternocleidomastoid muscles", "both sternocleidomastoids"],
      give=["sternocleidomastoid", "SCM", "sternomastoid", "sternocleidomastoids"],
      forbid=["sternocleido", "sternomastoid", "scm", "mastoid", "sterno"],
      q=["Which paired muscles turn the head toward the opposite side? Please segment them.",
         "A baby has torticollis with the head tilted. Which paired muscles on this slice are involved?",
         "Which strap-like muscles running from behind the ear to the collarbone are shown here?"],
      kb=NECK_KB[:3], pop=["In adults these muscles are often 15 to 20 cm long."]),
    P(target="cervical lymph node", orient="LP", mod="CT", region="neck", noun="structure", mirror=True,
      parts=[(0.30, 0.45, 0.022, 0.018)], scale=(0.9, 1.6),
      others={"trachea": (0.5, 0.40), "spinal cord": (0.5, 0.68)},
      alias=["the cervical lymph node", "this lymph node"], give=["lymph node", "nodal", "level II node", "node"],
      forbid=["lymph", "node", "nodal", "adenopath"],
      q=["A patient has had a tender swelling below the angle of the jaw since a sore throat. What is outlined here?",
         "Which small bean-shaped immune filter is enlarged on this slice? Please segment it.",
         "What is the small oval structure beside the large vessels here? Please outline it."],
      kb=NECK_KB, pop=["A normal neck node is usually under 1 cm in short axis.", NECK_POP[2]]),
    P(target="cervical lymph nodes", orient="LP", mod="CT", region="neck", noun="structures", mirror=True,
      parts=[(0.30, 0.42, 0.022, 0.018), (0.31, 0.53, 0.022, 0.018)], scale=(0.9, 1.5),
      others={"trachea": (0.5, 0.40), "spinal cord": (0.5, 0.68)},
      alias=["the cervical lymph nodes", "these lymph nodes"], give=["lymph nodes", "nodal", "lymph node chain", "nodes"],
      forbid=["lymph", "node", "nodal", "adenopath"],
      q=["A patient with a throat cancer has small oval structures along the vessels. What are they? Segment them.",
         "Which small immune filters in the neck are enlarged here? Please outline them."],
      kb=NECK_KB, pop=["A normal neck node is usually under 1 cm in short axis.", NECK_POP[2]]),
    P(target="neck mass", orient="LP", mod="CT", region="neck", noun="abnormality", mirror=True,
      parts=[(0.30, 0.45, 0.07, 0.08)], scale=(0.9, 2.2),
      others={"trachea": (0.5, 0.40), "spinal cord": (0.5, 0.68)},
      alias=["the neck mass", "this mass"], give=["mass", "neck mass", "tumour", "lump"],
      forbid=["mass", "tumour", "tumor", "lesion", "lump", "neoplas", "cancer", "swelling"],
      q=["Something abnormal is pushing the vessels aside on this CT. What is it? Please outline it.",
         "A patient noticed something growing on one side of the neck for two months. What should be segmented here?",
         "What is the abnormal finding on this neck CT? Please segment it."],
      kb=NECK_KB, pop=["In adults over 40, a persistent neck finding like this is malignant in a large share of cases."]),
    P(target="eyeballs", orient="LP", mod="MR", region="head", noun="organs",
      parts=[(0.37, 0.30, 0.06, 0.06), (0.63, 0.30, 0.06, 0.06)], scale=(0.85, 1.25),
      others={"brainstem": (0.5, 0.72)},
      alias=["the eyeballs", "both globes"], give=["eyeballs", "globes", "ocular", "eyes"],
      forbid=["eye", "globe", "ocular", "ophthalm", "orbit", "optic"],
      q=["Which paired organs of sight are shown on this MR slice? Please segment them.",
         "Which round fluid-filled organs with a lens at the front are highlighted here?",
         "Which organs that focus light onto the retina are visible? Outline them."],
      kb=ORBIT_KB, pop=ORBIT_POP),
    P(target="optic nerves", orient="LP", mod="MR", region="head", noun="structures",
      parts=[(0.42, 0.45, 0.012, 0.045), (0.58, 0.45, 0.012, 0.045)], scale=(0.9, 1.3),
      others={"brainstem": (0.5, 0.72), "eyeballs": (0.5, 0.30)},
      alias=["the optic nerves", "both optic nerves"], give=["optic nerves", "optic", "CN II", "second cranial nerves"],
      forbid=["optic", "nerve", "cn ii", "cranial"],
      q=["Which paired cables carry visual signals from the back of the eyes toward the brain? Segment them.",
         "A young woman has painful blurred vision in one eye. Which paired structures on this MR should I outline?"],
      kb=ORBIT_KB, pop=ORBIT_POP),
    P(target="parotid glands", orient="LI", mod="MR", region="head and neck", noun="glands",
      parts=[(0.30, 0.30, 0.04, 0.08), (0.70, 0.30, 0.04, 0.08)], scale=(0.8, 1.4),
      others={"thyroid gland": (0.5, 0.72)},
      alias=["the parotid glands", "both parotids"], give=["parotid", "parotid glands", "parotids"], forbid=["parotid"],
      q=["On this coronal MR, which paired salivary glands lie in front of the ears? Please segment them.",
         "Which largest pair of saliva glands is highlighted on this coronal image?"],
      kb=["The thyroid sits low in the neck in the midline.", "The mandible forms the lower border of the face."],
      pop=["An adult parotid gland weighs roughly 15 to 30 g."]),
]
NECK_EXTRA = ["The right internal jugular vein is usually a little wider than the left one.",
              "In most people the oesophagus lies slightly to the patient's left of the trachea."]
for _p in PROFILES:  # knowledge about other structures, never about the target itself
    if _p["target"] not in ("esophagus", "trachea", "internal jugular veins") and set(_p["kb"]) & set(NECK_KB):
        _p["kb"] = _p["kb"] + NECK_EXTRA


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


def _mask(p: dict, rng: random.Random) -> np.ndarray:
    s = rng.uniform(*p["scale"])
    dx, dy = rng.uniform(-0.012, 0.012), rng.uniform(-0.012, 0.012)
    flip = p.get("mirror") and rng.random() < 0.5
    yy, xx = np.mgrid[0:H, 0:W] / (W - 1)
    m = np.zeros((H, W), bool)
    for cx, cy, rx, ry in p["parts"]:
        cx = 1 - cx if flip else cx
        cx, cy = cx + dx, cy + dy
        if p.get("arc"):
            r = ((xx - cx) / (rx * s)) ** 2 + ((yy - cy) / (ry * s)) ** 2
            m |= (r <= 1) & (r >= 0.72) & (yy < cy)
        else:
            m |= ((xx - cx) / (rx * s)) ** 2 + ((yy - cy) / (ry * s)) ** 2 <= 1
    return m


def facts_for(p: dict, rng: random.Random) -> dict:
    """The product's own measurement of a synthetic mask drawn for the profile."""
    from medseg_qa.facts import compute_facts

    others = {k: (float(v[0]), float(v[1])) for k, v in p["others"].items()}
    return compute_facts(_mask(p, rng), p["orient"], others).model_dump(mode="json")


# --- phrasing -----------------------------------------------------------------------------------------

REL = {"anterior_to": ["in front of", "anterior to", "ventral to"], "posterior_to": ["behind", "posterior to", "dorsal to"],
       "left_of": ["to the patient's left of", "on the patient's left relative to"],
       "right_of": ["to the patient's right of", "on the patient's right relative to"],
       "superior_to": ["above", "superior to", "higher than"], "inferior_to": ["below", "inferior to", "lower than"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
VFLIP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
NUMW = {1: "one", 2: "two", 3: "three", 4: "four"}


def pct(f: dict) -> str:
    v = f["area_fraction"] * 100
    return f"{v:.1f}%" if v < 10 else f"{v:.0f}%"


def side_text(side: str, rng: random.Random) -> str:
    return rng.choice({
        "left": ["It lies on the patient's left.", "It is on the left side of the patient.",
                 "This one is left-sided.", "It sits to the patient's left of the midline."],
        "right": ["It lies on the patient's right.", "It is on the right side of the patient.",
                  "This one is right-sided.", "It sits to the patient's right of the midline."],
        "midline": ["It sits in the midline.", "It is centred on the midline.", "It is a midline structure on this slice."],
        "bilateral": ["It is bilateral: one on the patient's right and one on the left.",
                      "Both sides are outlined, right and left.", "It is present on both sides of the patient."]}[side])



def neg_text(side: str, rng: random.Random) -> str:
    return rng.choice({"left": ["It is not on the right.", "Nothing is outlined on the patient's right."],
                       "right": ["It is not on the left.", "Nothing is outlined on the patient's left."],
                       "midline": ["It does not lean to either side.", "It is not off to one side."],
                       "bilateral": ["It is not confined to one side.", "It is not one-sided."]}[side])


def vert_text(v: str, rng: random.Random, orient: str = "LP") -> str:
    if v == "central":
        return rng.choice(["Front to back it sits roughly in the middle of the slice.",
                           "Along the front-to-back axis its position is central."] if orient == "LP" else
                          ["From top to bottom it sits roughly halfway down the image.",
                           "Along the head-to-foot axis its position is central."])
    return rng.choice({
        "anterior": ["It lies anteriorly, toward the front.", "Its position is anterior.", "It sits in the front part of the slice."],
        "posterior": ["It lies posteriorly, toward the back.", "Its position is posterior.", "It sits in the back part of the slice."],
        "superior": ["It lies superiorly, in the upper part of this coronal image.", "Its position is superior (toward the head)."],
        "inferior": ["It lies inferiorly, in the lower part of this coronal image.", "Its position is inferior (toward the feet)."]}[v])


def rel_text(r: dict, rng: random.Random, verb: str = "It lies") -> str:
    return f"{verb} {rng.choice(REL[r['relation']])} the {r['other']}."


def size_text(f: dict, rng: random.Random) -> str:
    c, q = f["size_class"], pct(f)
    word = {"small": ["small", "fairly small"], "medium": ["medium-sized", "of moderate size"],
            "large": ["large", "big"]}[c]
    return rng.choice([f"It is {rng.choice(word)}, about {q} of the image.",
                       f"Size-wise it is {rng.choice(word)}, roughly {q} of the slice.",
                       f"The outlined area is {rng.choice(word)} (about {q} of the image area)."])


def size_false(f: dict, rng: random.Random) -> str:
    c, v = f["size_class"], f["area_fraction"]
    if c == "small" or (c == "medium" and v < 0.025):
        q = rng.choice(["22%", "25%", "30%"])
        return rng.choice([f"It is large, taking up about {q} of the image.", f"Size-wise it is big, roughly {q} of the slice."])
    return rng.choice(["It is tiny, well under 1% of the image.", "Size-wise it is small, about 0.4% of the slice."])


def count_text(f: dict, rng: random.Random) -> str:
    n = f["components"]
    if n == 1:
        return rng.choice(["It is one continuous region.", "A single connected region is outlined.",
                           "There is no second, separate focus: it is all one piece."])
    extra = " one on each side" if f["laterality"] == "bilateral" else ""
    return rng.choice([f"It consists of {NUMW[n]} separate regions{',' if extra else ''}{extra}.",
                       f"{NUMW[n].capitalize()} distinct components are outlined."])


def count_false(f: dict, rng: random.Random) -> str:
    if f["components"] == 1:
        return rng.choice(["It consists of two separate regions.", "Two distinct, disconnected pieces are outlined."])
    return rng.choice(["It is one single connected region.", "Only a single continuous piece is outlined."])


def side_false(f: dict, p: dict, rng: random.Random) -> str:
    s = f["laterality"]
    if s in ("left", "right"):
        return side_text({"left": "right", "right": "left"}[s], rng)
    if s == "bilateral":
        o = rng.choice(["left", "right"])
        return rng.choice([f"Only the patient's {o} side is involved.", f"It is one-sided, on the patient's {o}."])
    return f"It lies clearly off to the patient's {far_side(f)}, away from the midline."


def far_side(f: dict) -> str:
    """For a midline mask: the side it does NOT lean toward (image x offset > 0 is the patient's left here)."""
    return "right" if (f.get("centroid_patient") or [0, 0])[0] >= 0 else "left"


def pos_false(f: dict, rng: random.Random, orient: str) -> str:
    v = f["vertical"]
    if f["relations"] and (v == "central" or rng.random() < 0.6):
        r = dict(rng.choice(f["relations"]))
        r["relation"] = FLIP[r["relation"]]
        return rel_text(r, rng)
    return vert_text(VFLIP[v], rng, orient)


CONV = {"LP": ["On axial images the patient's left is displayed on the viewer's right, the usual radiological convention.",
               "Remember the display convention: the right side of the screen is the patient's left.",
               "By convention axial slices are viewed from the feet, so left and right appear swapped on screen."],
        "LI": ["On a coronal image the top of the picture is toward the head and the patient's left is on the viewer's right.",
               "Coronal images are displayed as if facing the patient, so the patient's right is on the screen's left."]}

# the facts of one row, as sentences (true, or the planted false one)


def fact_sents(p, f, rng, defect):
    """kind -> sentence; the defect kind gets its false sentence."""
    out = {"side": side_text(f["laterality"], rng) if defect != "laterality" else side_false(f, p, rng),
           "size": size_text(f, rng) if defect != "size" else size_false(f, rng),
           "count": count_text(f, rng) if defect != "count" else count_false(f, rng)}
    rels = list(f["relations"])
    rng.shuffle(rels)
    if defect == "position":
        out["pos"] = pos_false(f, rng, p["orient"])
    else:
        parts = [vert_text(f["vertical"], rng, p["orient"])] if f["vertical"] != "central" or not rels else []
        parts += [rel_text(r, rng) for r in rels[:rng.choice([1, 2])]]
        out["pos"] = " ".join(parts)
    return out


def question(p, rng, defect):
    q = rng.choice(p["q"])
    if defect != "names_target":
        if "segment" in q.lower() or "outline" in q.lower() or "mark it" in q.lower():
            return q
        it = "them" if p["noun"].endswith("s") else "it"
        return q + rng.choice(["", f" Please segment {it}.", f" Could you outline {it} for me?"])
    g = rng.choice(p["give"])
    return rng.choice([f"{q} Is it the {g}?", f"I think this involves the {g}. {q}",
                       f"{q} (My guess is the {g}.)"])


KIND_OF = {"laterality": "side", "position": "pos", "size": "size", "count": "count"}
FOLLOW_Q = {"side": ["Which side, then?", "Which side is it on?", "Is it on the left or the right?",
                     "And which side of the patient is that?"],
            "pos": ["Where exactly does it sit?", "What is it next to?", "How does it relate to its neighbours?",
                    "Front or back, and next to what?"],
            "size": ["How big is it?", "Is it large or small?", "How much of the image does it take up?",
                     "What about its size?"],
            "count": ["Is it one piece?", "How many separate regions are there?", "Is it all one connected area?",
                      "Are there several parts?"]}
HEDGE = ["As far as I can tell, ", "On this slice, ", "Most likely, ", "From the mask, "]
NEUTRAL = ["That mostly reflects the individual's anatomy and the level of this slice; the outline simply follows "
           "the visible boundary.",
           "It is hard to say from a single image. Anatomy varies between people, and a radiologist would look at "
           "the neighbouring slices too.",
           "Good question, but one slice cannot really answer it; the scan level and the patient's build both play a part."]


def hedge(s: str, rng: random.Random) -> str:
    if rng.random() < 0.35 and s.startswith("It "):
        return rng.choice(HEDGE) + "it " + s[3:]
    return s


def user_false(kind: str, p: dict, f: dict, rng: random.Random) -> str:
    """A follow-up question whose premise is the planted false claim."""
    if kind == "side":
        s = f["laterality"]
        if s in ("left", "right"):
            return f"Why is the {p['noun']} on the patient's {'right' if s == 'left' else 'left'} the one that was outlined?"
        if s == "bilateral":
            return f"Why was only the patient's {rng.choice(['left', 'right'])} side outlined here?"
        return f"Why does it sit off to the patient's {far_side(f)}, away from the midline?"
    if kind == "pos":
        v = f["vertical"]
        if f["relations"] and (v == "central" or rng.random() < 0.6):
            r = rng.choice(f["relations"])
            return f"Why does it lie {rng.choice(REL[FLIP[r['relation']]])} the {r['other']}?"
        return f"Why does it sit so far {VFLIP[v]}ly on this slice?"
    if kind == "size":
        c, v = f["size_class"], f["area_fraction"]
        if c == "small" or (c == "medium" and v < 0.025):
            return "Why is it so large, taking up about a quarter of the image?"
        return "Why is it so tiny, well under 1% of the image?"
    if f["components"] == 1:
        return "Why is it split into two separate pieces?"
    return "Why is it just one single connected piece here?"


def seg_line(p, rng):
    a = rng.choice(p["alias"])
    return rng.choice([f"The highlighted region {SEG} corresponds to {a}.", f"I've outlined {a} here: {SEG}.",
                       f"Segmented: {a} {SEG}."]), a


def cell(s: str) -> str:
    s = s.rstrip(".")
    for lead in ("It is ", "It "):
        if s.startswith(lead):
            return s[len(lead)].upper() + s[len(lead) + 1:]
    return s


PLANTED: list = []  # the planted false text of each defective row built, for the writer's own self-check


def build(p: dict, f: dict, style: str, rng: random.Random, defect: str | None):
    kind = KIND_OF.get(defect)
    sents = fact_sents(p, f, rng, defect)
    place = "first"
    if kind:
        r = rng.random()
        place = "user" if r < 0.22 else "followup" if r < 0.45 else "first"
    turns, expected = _build(p, f, style, rng, defect, kind, sents, place)
    if defect:
        PLANTED.append(turns[-2]["content"] if place == "user" else sents.get(kind, "") or turns[0]["content"])
    return turns, expected


def _build(p, f, style, rng, defect, kind, sents, place):
    order = ["side", "pos", "size", "count"]
    if kind and place != "first":
        first = [k for k in order if k != kind and rng.random() < 0.8] or [k for k in order if k != kind][:2]
        later = [kind] if place == "followup" else []
    else:
        first = [k for k in order if k == kind or rng.random() < 0.75] or ["side", "size"]
        later = [k for k in order if k not in first][:2]
    rng.shuffle(later)
    conv = rng.choice(CONV[p["orient"]])
    kb, pop = rng.choice(p["kb"]), rng.choice(p["pop"])
    neg = neg_text(f["laterality"], rng) if defect != "laterality" else ""
    turns = [{"role": "user", "content": question(p, rng, defect)}]
    if style == "socratic":
        turns += socratic(p, f, sents, first, later, kind, place, conv, kb, pop, neg, rng)
    else:
        turns.append({"role": "assistant", "content": first_answer(p, f, sents, first, style, defect, conv, kb, pop,
                                                                    neg, rng, turns[0]["content"])})
        for k in later:
            turns += [{"role": "user", "content": rng.choice(FOLLOW_Q[k])},
                      {"role": "assistant", "content": follow_answer(k, sents, style, f, rng, conv)}]
        if place == "user":
            turns += [{"role": "user", "content": user_false(kind, p, f, rng)},
                      {"role": "assistant", "content": rng.choice(NEUTRAL)}]
        elif len(turns) < 6 and rng.random() < 0.5:
            turns += [{"role": "user", "content": rng.choice(["Why is that?", "Is that normal?", "Thanks, anything else?"])},
                      {"role": "assistant", "content": rng.choice([conv, kb, pop]) + " " +
                       rng.choice(["That is general anatomy rather than a finding.", "Hope that helps!",
                                   "A radiologist can confirm the details."])}]
    return turns, [defect] if defect else []


def first_answer(p, f, sents, first, style, defect, conv, kb, pop, neg, rng, turn0=""):
    seg, a = seg_line(p, rng)
    facts = [sents[k] if KIND_OF.get(defect) == k else hedge(sents[k], rng) for k in first]
    if style == "measure" and "size" in first and defect != "size":
        ps = rng.choice([0.4, 0.45, 0.5])
        x0, y0, x1, y1 = f["bbox"]
        cm2, n = f["area_pixels"] * ps * ps / 100, max(f["components"], 1)
        each = 2 * (f["area_pixels"] / n / 3.1416) ** 0.5 * ps  # equivalent diameter of one region, mm
        facts[first.index("size")] += rng.choice([
            f" That is roughly {cm2:.1f} cm² at {ps} mm pixels, with an overall extent of "
            f"{(x1 - x0 + 1) * ps:.0f} x {(y1 - y0 + 1) * ps:.0f} mm.",
            f" In absolute terms: about {cm2:.1f} cm² ({ps} mm pixel spacing)"
            + (f", each region roughly {each / 10:.1f} cm across." if n > 1 else f", roughly {each:.0f} mm across."),
            f" With {ps} mm pixels that corresponds to approximately {cm2 * 100:.0f} mm² in this plane."])
    if "side" in first and neg:
        facts.insert(first.index("side") + 1, neg)
    if style == "verbose":
        open_ = rng.choice(["Great question! I'm not a doctor, but I can walk you through what this image seems to show.",
                            "Thanks for asking. I'm an AI, not a radiologist, so please treat this as educational only.",
                            "Sure, with the caveat that I can't give medical advice, here's what I see."])
        restate = rng.choice([f"You asked: \"{turn0}\"",f"You're asking which {p['noun']} this is and where it sits on the {p['mod']} slice.",
                              f"To restate your question: you want the {p['noun']} identified and outlined."])
        summ = f"{rng.choice(['In summary', 'To sum up', 'In short'])}, this is {a}."
        if "side" in first and defect != "laterality":
            summ += " " + sents["side"]
        body = [open_, restate, seg] + facts + [conv, "For context: " + kb, pop,
                rng.choice(["Please keep in mind that a single slice can be misleading; a radiologist should confirm this.",
                            "Always check with a qualified clinician before drawing conclusions."]), summ]
        return " ".join(body)
    if style == "table":
        rows = {"side": "Side", "pos": "Position", "size": "Size", "count": "Regions"}
        conf = rng.random() < 0.35
        tab = ["| Feature | Finding |" + (" Confidence |" if conf else ""), "|---|---|" + ("---|" if conf else ""),
               f"| Structure | {a[4:] if a.startswith('the ') else a} |" + (" High |" if conf else "")]
        tab += [f"| {rows[k]} | {cell(sents[k])} |" + (f" {rng.choice(['High', 'Moderate'])} |" if conf else "")
                for k in first]
        tail = " ".join(x for x in [neg if "side" in first else "", rng.choice([conv, kb]), rng.choice(["", pop])] if x)
        return seg + " Key findings:\n\n" + "\n".join(tab) + "\n\n" + (tail or kb)
    # measure
    return " ".join([f"Segmentation: {SEG} ({a}, {p['mod']}).", *facts, pop, rng.choice([conv, kb])])


def follow_answer(k, sents, style, f, rng, conv):
    s = sents[k]
    if style == "verbose":
        return rng.choice(["Good follow-up. ", "Happy to clarify. "]) + s + " " + rng.choice(
            ["I hope that helps, but do check with your doctor.", "Again, I'm not a radiologist."])
    if style == "table":
        return f"| Feature | Finding |\n|---|---|\n| {dict(side='Side', pos='Position', size='Size', count='Regions')[k]} | {cell(s)} |"
    return s + (" " + conv if k == "side" else "")


def socratic(p, f, sents, first, later, kind, place, conv, kb, pop, neg, rng):
    """Tutor: outlines, asks back; the user answers (a true statement, or a hedged guess), the tutor confirms or corrects."""
    seg, a = seg_line(p, rng)
    ask = {k: rng.choice(v) for k, v in {
        "side": ["Which side of the patient do you think it is on?", "Left, right, midline or both: what would you say?",
                 "Keeping the display convention in mind, which side is it?"],
        "pos": ["What do you think it lies next to?", "Which neighbouring structure would you use as a landmark?",
                "Is it toward the front or the back, and relative to what?"],
        "size": ["How big would you say it is compared with the whole slice?", "Would you call it small, medium or large?",
                 "Roughly what share of the image does it cover, do you think?"],
        "count": ["How many separate regions do you see in the mask?", "Is the mask one piece or several?",
                  "Count the connected regions for me: how many are there?"]}.items()}
    if kind and place == "user":
        rounds = [k for k in first if k != kind][:1]
    elif kind:
        rounds = [kind] + [k for k in first if k != kind][:1]
        rng.shuffle(rounds)
    else:
        rounds = (first + later)[:2]
    k1 = rounds[0]
    intro = [seg, rng.choice(["Let's reason it out together.", "Before I tell you more, try this."]), ask[k1]]
    out = [{"role": "assistant", "content": " ".join(intro)}]
    for i, k in enumerate(rounds):
        defect_here = kind == k
        if defect_here:
            user = rng.choice(["I'm not sure, can you tell me?", "No idea, honestly. What is it?"])
            tutor = "Here's the answer: " + sents[k]
        elif k == "side" and rng.random() < 0.5:
            wrong = {"left": "Is it on the right?", "right": "Is it on the left?", "midline": "Is it on the left, maybe?",
                     "bilateral": "Is it only on one side?"}[f["laterality"]]
            user = f"Hmm, I'm not sure. {wrong}"
            tutor = f"Not quite. {conv} {sents[k]}"
        else:
            user = rng.choice(["I think ", "My answer: ", "Let me try: ", "I'd say "]) + sents[k][0].lower() + sents[k][1:]
            tutor = rng.choice(["Exactly.", "Yes, well done.", "Correct.", "Spot on.", "That's right."]) + " " + rng.choice(
                [sents[k], "You read the image correctly.", "Good reasoning."])
        nxt = rounds[i + 1] if i + 1 < len(rounds) else None
        tail = " Next question: " + ask[nxt] if nxt else " " + rng.choice([kb, pop])
        out += [{"role": "user", "content": user}, {"role": "assistant", "content": tutor + tail}]
    if place == "user":
        out = out[:3] + [{"role": "user", "content": user_false(kind, p, f, rng)},
                         {"role": "assistant", "content": rng.choice(NEUTRAL)}]
    return out
