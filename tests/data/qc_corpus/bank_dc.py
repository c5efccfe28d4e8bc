"""Bank DC: a blind evaluation bank for the conversation QC checker.

Targets: mixed body regions -- abdomen (liver, spleen, kidneys, liver metastases, aorta, gallbladder), pelvis
(bladder, prostate, femoral heads, uterine fibroids), thorax (lungs, lung nodules, heart, oesophagus, pleural
effusion, chest films), neck (thyroid, trachea, cervical nodes, parotid) and head (brain metastases, lateral
ventricles, vestibular schwannoma, glioblastoma, hippocampi, pituitary); axial "LP" and coronal / frontal "LI".
More than a third of the profiles are bilateral, midline or several separate lesions.
Registers (STYLES): "patient" (plain words for a worried patient), "presenting" (a resident presents the case
to an attending, who adds comments), "confidence" (bullet summary with a confidence level per item),
"selfcheck" (each finding stated, then verified against the image in a second sentence).

Written without reading QC. Every claim sentence is logged in LEDGER (prop, value, who) while it is written;
the writer's own reader (notes/qcdc_scripts/check_dc.py) re-evaluates each logged claim against the facts:
rows: 420 clean: 210 defect: 210 (42 per kind); defect sites: 101 first answer, 42 follow-up answer,
25 user premise; 106 clean-row false user ideas explicitly corrected; problems: 0.
"""

import math
import random

import numpy as np

STYLES = ["patient", "presenting", "confidence", "selfcheck"]

LEDGER = []  # one entry per build() call: {"claims": [...], "first_q": str, "forbid": [...]}


def _P(target, region, mod, orient, ells, others, forbid, lay, qs, know, noun="region"):
    return {"target": target, "region": region, "modality": mod, "orientation": orient, "ellipses": ells,
            "others": others, "forbid": forbid, "lay": lay, "questions": qs, "know": know, "noun": noun}


PROFILES = [
    _P("liver", "abdomen", "CT", "LP", [(80, 110, 50, 45)], {"spleen": (0.75, 0.55), "aorta": (0.5, 0.6)},
       ["liver", "hepat"], "liver",
       ["Which organ on this slice makes bile and clears most drugs from the blood? Please outline it.",
        "My patient's ALT and AST are through the roof. Segment the organ those enzymes come from."],
       ["Normal adult liver span in the midclavicular line is roughly 10-15 cm.",
        "Fatty infiltration affects something like 25% of adults worldwide."]),
    _P("spleen", "abdomen", "CT", "LP", [(185, 152, 22, 30)], {"liver": (0.3, 0.45), "aorta": (0.5, 0.58)},
       ["spleen", "splen", "lien"], "spleen",
       ["Which organ filters old red cells and sits under the lower ribs, tucked against the diaphragm? Segment it.",
        "After a left-sided rib fracture we worry about one organ bleeding. Can you mask it?"],
       ["Accessory splenules are found in roughly 10-30% of people at autopsy.",
        "A craniocaudal length over about 13 cm is usually called enlarged."]),
    _P("left kidney", "abdomen", "CT", "LP", [(175, 165, 16, 22)], {"aorta": (0.5, 0.58), "spleen": (0.74, 0.45)},
       ["kidney", "renal", "nephr"], "kidney",
       ["Segment the organ on the patient's left that filters blood and makes urine.",
        "Creatinine is rising; outline the left-sided filtering organ on this slice."],
       ["The left renal vein crosses in front of the aorta to reach the IVC.",
        "The right kidney usually sits a little lower than its partner because the liver pushes it down."]),
    _P("right kidney", "abdomen", "CT", "LP", [(82, 165, 16, 22)], {"aorta": (0.5, 0.58), "liver": (0.3, 0.42)},
       ["kidney", "renal", "nephr"], "kidney",
       ["Segment the urine-producing organ on the patient's right.",
        "We suspect an obstructed, swollen collecting system on the right. Outline the organ in question, please."],
       ["The left renal vein is longer than the right one, which is why left-sided varicoceles are commoner.",
        "About 1 in 500 people has a horseshoe variant."]),
    _P("kidneys", "abdomen", "CT", "LP", [(80, 165, 15, 21), (176, 165, 15, 21)],
       {"aorta": (0.5, 0.5), "liver": (0.3, 0.35)}, ["kidney", "renal", "nephr"], "kidneys",
       ["Outline both organs that filter the blood and make urine.",
        "eGFR is 38. Please segment the paired organs responsible for it."],
       ["The left renal vein passes anterior to the aorta, between it and the SMA.",
        "Simple cysts are found in over a quarter of people over 50."], "organ"),
    _P("liver metastases", "abdomen", "CT", "LP", [(70, 100, 7, 6), (98, 128, 6, 6), (60, 140, 8, 7)],
       {"aorta": (0.5, 0.58), "gallbladder": (0.42, 0.5)}, ["metasta", "mets", "liver", "hepat"], "spots",
       ["Staging CT for colon cancer. Where has the disease spread on this slice? Segment every deposit.",
        "Known colorectal primary. Please mask any secondary deposits you can see."],
       ["Colorectal cancer spreads through the portal vein, so the first organ it reaches is the right upper one.",
        "Roughly half of colorectal cancer patients develop distant spread at some point."], "lesion"),
    _P("abdominal aorta", "abdomen", "CT", "LP", [(128, 152, 9, 9)],
       {"left kidney": (0.69, 0.64), "right kidney": (0.31, 0.64), "liver": (0.3, 0.4)},
       ["aort"], "main artery",
       ["Segment the body's main artery as it runs through the abdomen.",
        "Screening for an aneurysm: outline the big vessel in front of the spine."],
       ["The IVC runs alongside it on the patient's right.",
        "An infrarenal diameter above 3 cm is called aneurysmal; screening finds it in about 1-2% of older men."],
       "vessel"),
    _P("gallbladder", "abdomen", "CT", "LP", [(88, 125, 10, 14)], {"aorta": (0.5, 0.6), "spleen": (0.75, 0.5)},
       ["gallbladder", "gall bladder", "cholecyst"], "gallbladder",
       ["RUQ pain after fatty meals. Segment the pear-shaped sac that stores bile.",
        "Which structure concentrates bile between meals? Outline it, please."],
       ["Gallstones are present in 10-15% of adults in Western countries.",
        "The wall should be under about 3 mm thick when distended."]),
    _P("urinary bladder", "pelvis", "CT", "LP", [(128, 108, 28, 22)],
       {"rectum": (0.5, 0.72), "left femoral head": (0.78, 0.55)}, ["bladder", "vesic"], "bladder",
       ["Outline the hollow organ that stores urine in the pelvis.",
        "Patient in urinary retention; segment the structure that is holding the urine."],
       ["The rectum lies behind it, and in women the uterus sits between the two.",
        "A post-void residual over 100 mL is usually considered significant."]),
    _P("prostate", "pelvis", "MR", "LP", [(128, 140, 13, 11)],
       {"urinary bladder": (0.5, 0.3), "left femoral head": (0.8, 0.5), "right femoral head": (0.2, 0.5)},
       ["prostat"], "gland",
       ["PSA is 9. Segment the male gland that wraps around the urethra below the bladder.",
        "Which gland is the usual cause of a weak stream in older men? Please mask it."],
       ["The rectum lies directly behind it, which is why a digital exam works.",
        "About 70% of cancers arise in the peripheral zone."], "gland"),
    _P("femoral heads", "pelvis", "CT", "LP", [(60, 128, 18, 18), (196, 128, 18, 18)],
       {"urinary bladder": (0.5, 0.4), "rectum": (0.5, 0.68)}, ["femor", "femur", "hip", "thigh"], "thigh-bone balls",
       ["Segment the ball-shaped bone ends that sit in the acetabula.",
        "Suspected avascular necrosis on both sides. Outline the rounded bones that articulate with the pelvis."],
       ["The acetabulum covers roughly two thirds of the ball in a normal joint.",
        "Avascular necrosis is bilateral in about half of cases."], "bone"),
    _P("uterine fibroids", "pelvis", "MR", "LP", [(98, 110, 10, 9), (160, 122, 12, 10)],
       {"urinary bladder": (0.5, 0.3), "rectum": (0.5, 0.75)}, ["fibroid", "leiomyom", "myoma", "uter", "womb"],
       "growths",
       ["Heavy periods and pelvic pressure. Segment the benign smooth-muscle growths on this pelvic MR.",
        "Please mask the well-circumscribed benign muscular masses causing this woman's menorrhagia."],
       ["Up to 70% of women have at least one by age 50.",
        "The bladder sits in front of the pelvic organs and the rectum behind them."], "lesion"),
    _P("lungs", "thorax", "CT", "LP", [(75, 120, 40, 55), (181, 120, 40, 55)],
       {"heart": (0.55, 0.42), "aorta": (0.45, 0.6)}, ["lung", "pulmo", "pneum"], "lungs",
       ["Segment the paired air-filled organs where gas exchange happens.",
        "Emphysema assessment: outline the organs we breathe with."],
       ["The right one has three lobes and the left one two, because the heart takes up room on the left.",
        "Normal total capacity is about 6 litres in an adult man."], "organ"),
    _P("lung nodules", "thorax", "CT", "LP", [(70, 100, 5, 5), (85, 152, 4, 4), (185, 108, 5, 6), (172, 160, 4, 4)],
       {"heart": (0.52, 0.45), "aorta": (0.47, 0.62)}, ["nodul", "lung", "pulmo"], "spots",
       ["Screening CT in a heavy smoker. Mask every small round opacity you see in the chest.",
        "Please segment the small rounded densities scattered through the chest."],
       ["Most small ones under 6 mm need no routine follow-up under Fleischner rules.",
        "Around a quarter of screening CTs show at least one."], "nodule"),
    _P("heart", "thorax", "CT", "LP", [(147, 115, 36, 32)], {"aorta": (0.45, 0.62), "esophagus": (0.5, 0.6)},
       ["heart", "cardi", "myocard"], "heart",
       ["Which organ pumps the blood? Segment it on this chest CT.",
        "Outline the four-chambered muscular pump in the middle of the chest."],
       ["The right ventricle is the most anterior chamber, just behind the sternum.",
        "Normal ejection fraction is roughly 55-70%."], "organ"),
    _P("esophagus", "thorax", "CT", "LP", [(128, 152, 6, 6)], {"left atrium": (0.55, 0.45), "descending aorta": (0.58, 0.62)},
       ["esophag", "oesophag", "gullet"], "food pipe",
       ["Dysphagia workup. Segment the muscular tube that carries food to the stomach.",
        "Outline the tube that swallowed food passes through on this chest slice."],
       ["The trachea sits in front of it in the neck and upper chest.",
        "Barrett's change is found in around 1-2% of adults."], "tube"),
    _P("right pleural effusion", "thorax", "CT", "LP", [(70, 162, 30, 15)],
       {"heart": (0.57, 0.42), "aorta": (0.47, 0.6)}, ["effusion", "pleur", "hydrothorax"], "fluid",
       ["Breathless patient with dullness at one base. Segment the dependent fluid collection.",
        "Please mask the fluid layering in the chest."],
       ["About 200 mL is needed before blunting shows on an upright film.",
        "Heart failure causes roughly a third of cases."], "collection"),
    _P("lungs", "thorax", "XR", "LI", [(75, 120, 40, 55), (181, 120, 40, 55)],
       {"heart": (0.55, 0.62), "trachea": (0.5, 0.2)}, ["lung", "pulmo", "pneum"], "lungs",
       ["On this frontal chest film, segment the paired air-filled organs.",
        "Which organs look black on a chest X-ray because they're full of air? Please outline them."],
       ["The right hemidiaphragm usually sits a little higher than the left.",
        "A normal cardiothoracic ratio is below 0.5 on a PA film."], "organ"),
    _P("heart", "thorax", "XR", "LI", [(148, 150, 40, 35)], {"trachea": (0.5, 0.2), "left lung": (0.72, 0.45)},
       ["heart", "cardi", "myocard"], "heart",
       ["On this PA chest film, outline the organ whose width we compare with the chest width.",
        "Segment the central pump on this chest X-ray."],
       ["The left border is formed mostly by the left ventricle.",
        "A ratio above 0.5 suggests enlargement on a PA film."], "organ"),
    _P("right upper lobe consolidation", "thorax", "XR", "LI", [(80, 85, 22, 25)],
       {"heart": (0.56, 0.62), "trachea": (0.5, 0.2)}, ["consolidat", "lobe", "lung", "pulmo", "pneum"], "patch",
       ["Fever and productive cough. Segment the airspace opacity on this chest film.",
        "Please outline the area of infection on this frontal X-ray."],
       ["Aspiration tends to go to the right lower parts because the right main bronchus is steeper.",
        "Around 5 in 1000 adults get community-acquired pneumonia each year."], "opacity"),
    _P("thyroid gland", "neck", "CT", "LP", [(105, 110, 9, 14), (151, 110, 9, 14)],
       {"trachea": (0.5, 0.38), "esophagus": (0.5, 0.52)}, ["thyro", "goit"], "gland",
       ["Which gland in the neck makes T4? Segment it.",
        "TSH is suppressed. Please outline the butterfly-shaped gland low in the neck."],
       ["Nodules are found on ultrasound in up to 60% of adults.",
        "The recurrent laryngeal nerves run in the grooves beside the trachea."], "lobe"),
    _P("trachea", "neck", "CT", "LP", [(128, 100, 10, 9)], {"esophagus": (0.5, 0.55), "left carotid": (0.62, 0.5)},
       ["trache", "windpipe", "airway"], "windpipe",
       ["Segment the cartilage-ringed tube that carries air down to the chest.",
        "Stridor after a long intubation. Outline the tube air passes through in the neck."],
       ["The oesophagus lies behind it and slightly to the left.",
        "Its rings are C-shaped, open at the back."], "tube"),
    _P("cervical lymph nodes", "neck", "CT", "LP", [(85, 120, 5, 4), (80, 142, 6, 5), (178, 132, 5, 5)],
       {"trachea": (0.5, 0.38), "thyroid": (0.5, 0.42)}, ["lymph", "node", "adenopath"], "glands",
       ["Head and neck cancer staging: segment the small bean-shaped immune organs that look enlarged.",
        "Mask the swollen glands of the immune system in this neck."],
       ["A short axis over 1 cm is the usual size cut-off in most neck levels.",
        "Level II holds the jugulodigastric group, the commonest to enlarge."], "node"),
    _P("left parotid gland", "neck", "CT", "LP", [(180, 122, 14, 18)],
       {"trachea": (0.5, 0.4), "right parotid": (0.3, 0.48)}, ["parotid"], "gland",
       ["Swelling in front of the left ear when eating. Segment the large salivary gland on that side.",
        "Outline the biggest salivary gland on the patient's left."],
       ["About 80% of salivary tumours arise in it, and 80% of those are benign.",
        "The facial nerve runs through it, splitting it into superficial and deep lobes."], "gland"),
    _P("brain metastases", "head", "MR", "LP", [(95, 90, 7, 7), (170, 120, 6, 6), (150, 170, 8, 7)],
       {"third ventricle": (0.5, 0.5)}, ["metasta", "mets", "brain", "cerebr"], "spots",
       ["Lung cancer patient with a headache. Segment all enhancing deposits on this head MR.",
        "Please mask every secondary deposit inside the skull on this post-contrast scan."],
       ["Around 20-40% of cancer patients develop them.",
        "Most lodge at the grey-white junction, where vessels narrow."], "lesion"),
    _P("lateral ventricles", "head", "MR", "LP", [(108, 120, 7, 22), (148, 120, 7, 22)],
       {"third ventricle": (0.5, 0.62), "falx": (0.5, 0.3)}, ["ventric"], "fluid spaces",
       ["Segment the paired CSF-filled cavities in the middle of the brain.",
        "Query hydrocephalus. Outline the fluid spaces that would enlarge."],
       ["A small asymmetry between the two sides is seen in about 5-10% of normal people.",
        "The choroid plexus makes about 500 mL of CSF a day."], "cavity"),
    _P("right vestibular schwannoma", "head", "MR", "LP", [(88, 152, 8, 8)],
       {"brainstem": (0.5, 0.6), "fourth ventricle": (0.5, 0.7)}, ["schwannom", "neuroma", "vestibul", "acoustic"],
       "growth",
       ["One-sided hearing loss and tinnitus on the right. Segment the mass at the internal auditory canal.",
        "Please mask the benign nerve-sheath mass in the cerebellopontine angle."],
       ["Bilateral ones suggest NF2.",
        "Roughly 1 in 100,000 people per year are diagnosed."], "mass"),
    _P("glioblastoma", "head", "MR", "LP", [(165, 110, 20, 18)], {"third ventricle": (0.5, 0.5), "falx": (0.5, 0.3)},
       ["gliobl", "glioma", "gbm", "astrocyt"], "growth",
       ["Rim-enhancing mass with necrosis in a 64-year-old. Segment the primary brain tumour.",
        "Please outline the aggressive primary intra-axial mass on this post-contrast scan."],
       ["Median survival with treatment is around 15 months.",
        "About 3 per 100,000 people a year are affected."], "mass"),
    _P("hippocampi", "head", "MR", "LI", [(100, 152, 8, 12), (156, 152, 8, 12)],
       {"third ventricle": (0.5, 0.45), "pituitary": (0.5, 0.7)}, ["hippocamp"], "memory structures",
       ["Memory complaints. On this coronal MR, segment the seahorse-shaped structures of the medial temporal lobes.",
        "Outline the structures we grade for atrophy with the MTA score."],
       ["Atrophy on both sides is typical of Alzheimer disease.",
        "Sclerosis on one side is the commonest finding in temporal lobe epilepsy."], "structure"),
    _P("pituitary gland", "head", "MR", "LI", [(128, 162, 8, 6)],
       {"third ventricle": (0.5, 0.45), "left hippocampus": (0.62, 0.58)}, ["pituitar", "hypophys"], "gland",
       ["Galactorrhoea and high prolactin. Segment the gland sitting in the sella turcica.",
        "Outline the small 'master' endocrine gland on this coronal scan."],
       ["Incidental microadenomas show up in about 10% of MRIs.",
        "The optic chiasm sits above it."], "gland"),
    _P("kidneys", "abdomen", "MR", "LI", [(85, 140, 14, 28), (171, 140, 14, 28)],
       {"liver": (0.3, 0.3), "spleen": (0.72, 0.32)}, ["kidney", "renal", "nephr"], "kidneys",
       ["On this coronal MR, segment the two bean-shaped organs that make urine.",
        "Polycystic disease suspected. Outline the paired urine-producing organs."],
       ["The left one usually lies a bit higher than the right.",
        "Normal length is about 10-12 cm."], "organ"),
    _P("liver", "abdomen", "MR", "LI", [(85, 100, 45, 35)], {"spleen": (0.72, 0.35), "right kidney": (0.33, 0.6)},
       ["liver", "hepat"], "liver",
       ["On this coronal MR, segment the big organ under the right diaphragm that makes bile.",
        "Iron overload workup. Outline the organ where iron is usually measured."],
       ["A Riedel lobe is a normal tongue-like variant seen in some women.",
        "Cirrhosis affects roughly 1-2% of adults."], "organ"),
    _P("femoral heads", "pelvis", "XR", "LI", [(60, 150, 18, 18), (196, 150, 18, 18)],
       {"urinary bladder": (0.5, 0.45), "sacrum": (0.5, 0.25)}, ["femor", "femur", "hip", "thigh"], "thigh-bone balls",
       ["On this AP pelvis film, segment the ball-shaped bone ends sitting in the pelvic sockets.",
        "Outline the rounded bone ends that sit in the sockets of the pelvis."],
       ["Perthes disease is bilateral in about 10-15% of children.",
        "Shenton's line should be smooth on both sides."], "bone"),
]

REGION_DECOY = {
    "abdomen": ["The IVC lies to the right of the aorta at this level.",
                "The left renal vein crosses anterior to the aorta.",
                "The spleen is normally smaller than 13 cm long."],
    "pelvis": ["The rectum lies posterior to the bladder.",
               "The sigmoid colon often loops to the left side of the pelvis.",
               "The left ovary is usually found lateral to the uterus."],
    "thorax": ["The aortic arch usually runs to the left of the trachea.",
               "The right main bronchus is wider and more vertical than the left.",
               "The descending aorta lies to the left of the spine."],
    "neck": ["The carotid sheath lies lateral to the thyroid lobes.",
             "The oesophagus lies behind the trachea, slightly to the left.",
             "The jugular vein is usually larger on the right."],
    "head": ["The falx marks the midline between the hemispheres.",
             "The left hemisphere is dominant for language in about 95% of right-handers.",
             "The fourth ventricle lies posterior to the pons."],
}

REL_WORD = {"left_of": "left_of", "right_of": "right_of"}
OPP_REL = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
NUM = ["zero", "one", "two", "three", "four", "five", "six", "seven"]


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-2, 2), rng.uniform(-2, 2)
    for (cx, cy, rx, ry) in p["ellipses"]:
        s = rng.uniform(0.95, 1.05)
        mask |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1.0
    return compute_facts(mask, p["orientation"], dict(p["others"])).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)


# ---------------------------------------------------------------- phrase helpers


class Ctx:
    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.claims = []
        self.lay = style == "patient"

    def log(self, prop, value, who, text, other=None):
        self.claims.append({"prop": prop, "value": value, "who": who, "text": text, "other": other})


def pct_str(v, rng):
    if v >= 10:
        s = f"{v:.0f}%"
    elif v >= 1:
        s = f"{v:.1f}%"
    else:
        s = f"{v:.2f}%"
    return s.replace("%", rng.choice(["%", "%", " percent"])) if rng.random() < 0.4 else s


def side_val(c, lat):
    r, lay = c.rng, c.lay
    if lay:
        return {"left": ["on your left side", "on the left side of your body"],
                "right": ["on your right side", "on the right side of your body"],
                "midline": ["right in the middle of your body", "in the centre line of your body"],
                "bilateral": ["on both sides of your body", "on your left and your right"]}[lat][r.randrange(2)]
    return r.choice({"left": ["on the patient's left", "in the patient's left half", "left-sided (patient's left)"],
                     "right": ["on the patient's right", "in the patient's right half", "right-sided (patient's right)"],
                     "midline": ["in the midline", "centred on the midline", "straddling the midline"],
                     "bilateral": ["bilateral, with parts on the left and on the right", "on both sides",
                                   "present on the left and the right"]}[lat])


def image_half(lat):
    return {"left": "the right half of the image, which in the radiological convention is the patient's left",
            "right": "the left half of the image, which in the radiological convention is the patient's right",
            "midline": "the middle of the image, across the centre line",
            "bilateral": "both halves of the image"}[lat]


def vert_val(c, v):
    o, r = c.p["orientation"], c.rng
    if c.lay:
        if v == "central":
            return "about halfway between your front and your back" if o == "LP" else "about halfway up"
        return {"anterior": "toward the front of your body", "posterior": "toward your back",
                "superior": "toward the top, the head end", "inferior": "toward the bottom, the feet end"}[v]
    if v == "central":
        return r.choice(["central front to back", "in the middle front-to-back", "midway between front and back"]) \
            if o == "LP" else r.choice(["central from top to bottom", "at mid-height", "midway craniocaudally"])
    return r.choice({"anterior": ["anterior", "in the anterior half", "toward the front"],
                     "posterior": ["posterior", "in the posterior half", "toward the back"],
                     "superior": ["superior", "in the upper part (superior)", "toward the head"],
                     "inferior": ["inferior", "in the lower part (inferior)", "toward the feet"]}[v])


SIZE_W = {"small": ["small", "fairly small", "on the small side"], "medium": ["medium-sized", "moderate in size", "mid-sized"],
          "large": ["large", "big", "sizeable"]}


def rel_val(c, rel, other):
    r = c.rng
    return {"left_of": r.choice([f"to the patient's left of the {other}", f"on the {other}'s left (patient's left)"]),
            "right_of": r.choice([f"to the patient's right of the {other}", f"on the {other}'s right (patient's right)"]),
            "anterior_to": r.choice([f"in front of the {other}", f"anterior to the {other}"]),
            "posterior_to": r.choice([f"behind the {other}", f"posterior to the {other}"]),
            "superior_to": r.choice([f"above the {other}", f"superior to the {other}"]),
            "inferior_to": r.choice([f"below the {other}", f"inferior to the {other}"])}[rel]


def count_val(c, n):
    noun = c.p["noun"]
    if n == 1:
        return c.rng.choice(["a single connected region", "one piece", f"one {noun}", "a single blob"])
    w = NUM[n] if c.rng.random() < 0.6 and n < len(NUM) else str(n)
    nouns = noun[:-1] + "ies" if noun.endswith("y") else noun + "es" if noun.endswith("s") else noun + "s"
    return c.rng.choice([f"{w} separate {nouns}", f"{w} separate pieces", f"{w} disconnected regions"])


# --------------------------------------------------------- claim sentences (logged)

def true_or(c, prop, truth, wrong):
    return wrong if (c.bad == prop and not c.spent) else truth


def subj(c):
    r = c.rng
    if c.lay:
        names = [] if c.p["lay"].endswith("s") else [f"Your {c.p['lay']}"]
        return r.choice(["It", "The highlighted area", "The coloured part"] + names)
    names = [] if c.p["target"].endswith(("s", "i")) else [f"The {c.p['target']}"]
    return r.choice(["It", "The mask", "The segmented region", "This structure", "The outlined area"] + names)


def claim_value(c, prop):
    """The value to write for prop: the truth, or the planted wrong value if this is the defect slot."""
    f = c.f
    if prop == "side":
        t = f["laterality"]
        w = {"left": "right", "right": "left", "midline": c.rng.choice(["left", "right"]),
             "bilateral": c.rng.choice(["left", "right"])}[t]
    elif prop == "vert":
        t = f["vertical"]
        pair = ("anterior", "posterior") if c.p["orientation"] == "LP" else ("superior", "inferior")
        w = {pair[0]: pair[1], pair[1]: pair[0], "central": c.rng.choice(pair)}[t]
    elif prop == "size":
        t = f["size_class"]
        w = {"small": "large", "large": "small", "medium": c.rng.choice(["small", "large"])}[t]
    elif prop == "count":
        t = f["components"]
        w = t + 1 if t == 1 else c.rng.choice([t - 1, t + 1, t + 2]) if t > 2 else c.rng.choice([1, 3])
    elif prop == "rel":
        t = c.rel
        w = (t[0], OPP_REL[t[1]])
    if c.bad == prop and not c.spent:
        c.spent = True
        return w, True
    return t, False


def say(c, prop, who="assistant"):
    """One sentence about prop, in register, logged."""
    r = c.rng
    v, _ = claim_value(c, prop)
    S = subj(c)
    if prop == "side":
        ph = side_val(c, v)
        if not c.lay and r.random() < 0.35 and v in ("left", "right"):
            t = f"{S} sits on {image_half(v)}."
        else:
            opts = [f"{S} is {ph}."] + ([f"{S} lies {ph}."] if ph.startswith(("on", "in", "right in")) else [])
            if not c.lay and c.style != "confidence":
                opts.append(f"As far as I can tell it is {ph}.")
            t = r.choice(opts)
        c.log("side", v, who, t)
    elif prop == "vert":
        ph = vert_val(c, v)
        t = r.choice([f"{S} is {ph}.", f"In terms of depth, {S[0].lower() + S[1:]} sits {ph}."]) \
            if c.p["orientation"] == "LP" else f"{S} sits {ph}."
        c.log("vert", v, who, t)
    elif prop == "size":
        true_pct = 100 * c.f["area_fraction"]
        wrong_pct = c.spent is True and False
        cls = v
        use_pct = r.random() < 0.6
        pct_bad = False
        if c.bad == "size" and v == c.f["size_class"] and not c.spent and use_pct:
            pass
        pv = true_pct * r.uniform(0.92, 1.08)
        # size defect: wrong class word (claim_value) or, sometimes, a wrong percent instead
        if c.bad == "size" and cls != c.f["size_class"] and use_pct and r.random() < 0.5:
            cls = c.f["size_class"]
            pv = true_pct * (r.uniform(3.0, 4.0) if r.random() < 0.5 or true_pct < 0.3 else r.uniform(0.2, 0.3))
            pct_bad = True
        w = r.choice(SIZE_W[cls])
        ps = pct_str(pv, r)
        if c.lay:
            t = f"{S} is {w}" + (f" - it takes up roughly {ps} of the picture." if use_pct else ".")
        else:
            t = r.choice([f"{S} is {w}" + (f", about {ps} of the image." if use_pct else "."),
                          f"Size-wise I'd call it {w}" + (f" (~{ps} of the slice)." if use_pct else "."),
                          f"{S} counts as {w}" + (f": roughly {ps} of the field of view." if use_pct else ".")])
        c.log("size", cls, who, t)
        if use_pct:
            c.log("pct", round(pv, 4), who, t)
    elif prop == "count":
        t = r.choice([f"{S} is made of {count_val(c, v)}.", f"I count {count_val(c, v)}.",
                      f"There {'is' if v == 1 else 'are'} {count_val(c, v)} in the mask."])
        c.log("count", v, who, t)
    elif prop == "rel":
        other, rel = v
        t = r.choice([f"{S} lies {rel_val(c, rel, other)}.", f"Its centre is {rel_val(c, rel, other)}.",
                      f"On the neighbours: it is {rel_val(c, rel, other)}."])
        c.log("rel", rel, who, t, other=other)
    return t


def check_sentence(c, prop):
    """selfcheck's second sentence: a verification, true (logged) or content-free."""
    r, f = c.rng, c.f
    if c.last_bad or r.random() < 0.3:
        return r.choice(["Checked against the image, that holds.", "Looking back at the overlay, I'm comfortable with that.",
                         "Verified on the image.", "Re-checking the overlay: consistent.",
                         "I went back to the image and it agrees.", "That matches what the overlay shows."])
    if prop == "side":
        t = f"Check: the mask occupies {image_half(f['laterality'])}, so that is consistent."
        c.log("side", f["laterality"], "assistant", t)
        return t
    if prop == "count":
        n = f["components"]
        t = f"Check: I count {NUM[n] if n < len(NUM) else n} connected blob{'s' if n > 1 else ''} in the overlay, as stated."
        c.log("count", n, "assistant", t)
        return t
    if prop == "size":
        pv = 100 * f["area_fraction"] * r.uniform(0.95, 1.05)
        t = f"Check: the mask covers about {pct_str(pv, r)} of the pixels, which fits."
        c.log("pct", round(pv, 4), "assistant", t)
        return t
    if prop == "vert" and c.p["orientation"] == "LP" and f["vertical"] != "central":
        half = "upper" if f["vertical"] == "anterior" else "lower"
        t = f"Check: its centre is in the {half} part of the picture, and rows run front to back here, so yes."
        c.log("vert", f["vertical"], "assistant", t)
        return t
    return r.choice(["Confirmed on the overlay.", "The overlay bears that out.", "Double-checked: fine."])


def negation(c):
    """A TRUE negation about a prop that is not the planted defect's."""
    f, r = c.f, c.rng
    opts = []
    if c.bad != "side" and f["laterality"] in ("left", "right"):
        o = "left" if f["laterality"] == "right" else "right"
        opts.append(("side_not", o, r.choice([f"It is not on the {o}." if not c.lay else f"It isn't on your {o} side.",
                                             f"Nothing of it reaches the {o} side."])))
    if c.bad != "side" and f["laterality"] == "bilateral":
        opts.append(("side_not", "left", "It is not confined to one side."))
    if c.bad != "count" and f["components"] == 1:
        opts.append(("count", 1, "It is not split into separate pieces."))
    if c.bad != "vert" and f["vertical"] in ("anterior", "posterior") and not c.lay:
        o = "posterior" if f["vertical"] == "anterior" else "anterior"
        opts.append(("vert_not", o, f"It is not {o}."))
    if not opts:
        return ""
    prop, v, t = r.choice(opts)
    if prop == "side_not" and t.startswith("It is not confined"):
        c.log("side", "bilateral", "assistant", t)
    else:
        c.log(prop, v, "assistant", t)
    return t


def decoy(c):
    r = c.rng
    pool = list(c.p["know"]) + REGION_DECOY[c.p["region"]]
    out = [r.choice(pool)]
    if c.f["laterality"] in ("left", "right") and c.bad != "side" and r.random() < 0.4 and not c.lay:
        o = "left" if c.f["laterality"] == "right" else "right"
        out.append(f"Had it been on the {o}, I would have looked for a different explanation.")
    return " ".join(out)


# ------------------------------------------------------------------ questions

FOLLOW_Q = {
    "side": ["Which side is it on?", "Left or right?", "Is that the patient's left or right?"],
    "vert": ["Where does it sit front to back?", "Is it more anterior or posterior?", "How is it placed vertically?"],
    "size": ["How big is it?", "Roughly what fraction of the image is that?", "Would you call it large?"],
    "count": ["How many separate pieces are there?", "Is it one region or several?", "How many components?"],
    "rel": ["How does it relate to the neighbouring structures?", "Where is it relative to what's around it?"],
}
LAY_Q = {
    "side": ["Is it on my left or my right?", "Which side of me is it on?"],
    "vert": ["Is it toward my front or my back?", "Where is it, front or back?"],
    "size": ["Is it big? Should I be worried about the size?", "How much of the picture does it take up?"],
    "count": ["Is there just one, or more than one?", "How many pieces are there?"],
    "rel": ["What is it next to?", "Is it near anything else?"],
}
COMMENT = ["Good.", "Fine.", "OK, keep going.", "Nice and concise.", "Teaching point:"]


def premise_text(c, prop, v):
    """A user premise stating value v for prop (true or false)."""
    if prop == "side":
        return "since", f"it's {side_val(c, v)}"
    if prop == "vert":
        return "given that", f"it sits {vert_val(c, v)}"
    if prop == "size":
        return "since", f"it's {SIZE_W[v][0]}"
    if prop == "count":
        return "given that", f"there {'is' if v == 1 else 'are'} {count_val(c, v)}"
    if prop == "rel":
        return "since", f"it lies {rel_val(c, v[1], v[0])}"


def first_question(c):
    p, r = c.p, c.rng
    if c.defect == "names_target":
        t = p["target"]
        q = r.choice([f"Please segment the {t} on this {p['modality']} image.",
                      f"Can you outline the {t} here and describe it?",
                      f"Where is the {t}? Segment it, please."])
    else:
        q = r.choice(p["questions"])
    if c.lay:
        q = r.choice(["I'm really anxious about my scan. ", "My doctor hasn't called back yet and I'm scared. ",
                      "Sorry if this is a silly question. "]) + q
    elif c.style == "presenting":
        q = r.choice(["Let's hear the case. ", "Go ahead, present it. ", "Walk me through it. "]) + q
    return q


def intro(c):
    p, r = c.p, c.rng
    tgt = p["target"]
    if c.style == "patient":
        return r.choice([f"I understand this is worrying. The highlighted area is your {tgt} [SEG].",
                         f"Let's go through it together. What I've outlined is the {tgt} [SEG].",
                         f"Of course - the coloured part of the picture is your {tgt} [SEG]."])
    if c.style == "presenting":
        view = "coronal" if p["orientation"] == "LI" and p["modality"] != "XR" else "frontal" if p["modality"] == "XR" else "axial"
        return r.choice([f"This is {'an' if view[0] == 'a' else 'a'} {view} {p['modality']} of the {p['region']}. I've segmented the {tgt} [SEG].",
                         f"So, {view} {p['modality']} through the {p['region']}; the structure in question is the {tgt} [SEG]."])
    if c.style == "confidence":
        return f"Segmentation: {tgt} [SEG]\n- Structure: {tgt} (confidence: high)"
    return r.choice([f"The structure is the {tgt} [SEG].", f"I've segmented the {tgt} [SEG]."]) + " " + \
        r.choice(["Let me state each finding and then check it against the image.", "Each point below is followed by a check."])


CONF = ["high", "high", "moderate", "high"]


def render(c, props, who="assistant"):
    """Sentences for props in the register."""
    r = c.rng
    parts = []
    for prop in props:
        was = c.spent
        s = say(c, prop, who)
        c.last_bad = c.spent and not was
        if c.style == "confidence":
            lab = {"side": "Side", "vert": "Position", "size": "Size", "count": "Count", "rel": "Neighbours"}[prop]
            parts.append(f"- {lab}: {s} (confidence: {r.choice(CONF)})")
        elif c.style == "selfcheck":
            parts.append(s + " " + check_sentence(c, prop))
        else:
            parts.append(s)
    sep = "\n" if c.style == "confidence" else " "
    return sep.join(parts)


def build(p, facts, style, rng, defect):
    c = Ctx(p, facts, style, rng, defect)
    c.spent, c.last_bad = False, False
    c.rel = None
    if facts["relations"]:
        rl = rng.choice(facts["relations"])
        c.rel = (rl["other"], rl["relation"])
    props = ["side", "vert", "size", "count"] + (["rel"] if c.rel else [])
    kind_prop = {"laterality": "side", "position": rng.choice(["vert", "rel"] if c.rel else ["vert"]),
                 "size": "size", "count": "count"}
    c.bad = kind_prop.get(defect)
    site = None
    if c.bad:
        x = rng.random()
        site = "user" if x < 0.2 else "follow" if x < 0.4 else "first"
    nrounds = rng.choice([2, 3])
    # plan: first answer props, follow-up topics; the defect prop appears exactly once (at its site)
    others = [q for q in props if q != c.bad]
    rng.shuffle(others)
    first = others[:rng.choice([2, 3])]
    if site == "first":
        first.insert(rng.randrange(len(first) + 1), c.bad)
    rest = [q for q in props if q not in first and q != c.bad]
    turns = []
    q0 = first_question(c)
    a0 = intro(c) + ("\n" if style == "confidence" else " ") + render(c, first)
    if rng.random() < 0.7:
        neg = negation(c)
        if neg:
            a0 += ("\n- Note: " if style == "confidence" else " ") + neg
    if style != "confidence" or rng.random() < 0.5:
        a0 += ("\n- Context: " if style == "confidence" else " ") + decoy(c)
    turns += [{"role": "user", "content": q0}, {"role": "assistant", "content": a0.strip()}]
    special = rng.randrange(1, nrounds)  # the round carrying the follow-up/premise defect or a corrected idea
    for k in range(1, nrounds):
        corr = None
        if rest:
            topic = rest.pop(rng.randrange(len(rest)))
            uq = rng.choice((LAY_Q if c.lay else FOLLOW_Q)[topic])
            ans_props = [topic]
        else:
            uq = rng.choice(["Can you sum it up for me?", "Give me the one-line summary.", "So what's the bottom line?"]) \
                if not c.lay else rng.choice(["Can you explain all that again simply?", "So what does it all mean?"])
            ans_props = rng.sample(others, min(2, len(others)))
        if k == special and site == "follow":
            uq = rng.choice((LAY_Q if c.lay else FOLLOW_Q)[c.bad])
            ans_props = [c.bad]
        elif k == special and site == "user":
            v, _ = claim_value(c, c.bad)
            pt = " ".join(premise_text(c, c.bad, v))
            c.log(c.bad if c.bad != "size" else "size", v, "user", pt, other=v[0] if c.bad == "rel" else None)
            if c.bad == "rel":
                c.claims[-1]["value"] = v[1]
            uq = rng.choice([f"And {pt}, {uq[0].lower() + uq[1:]}", f"OK, {pt} - {uq[0].lower() + uq[1:]}",
                             f"{pt[0].upper() + pt[1:]}, {uq[0].lower() + uq[1:]}"])
        elif k == special and defect is None and rng.random() < 0.5:
            # a user's false idea, explicitly corrected
            cp = rng.choice([q for q in props if q in ("side", "vert", "count")])
            keep_bad, c.bad = c.bad, cp
            keep_spent, c.spent = c.spent, False
            v, _ = claim_value(c, cp)
            c.bad, c.spent = keep_bad, keep_spent
            body = premise_text(c, cp, v)[1]
            c.log(cp, v, "user_corrected", body)
            uq = rng.choice([f"A colleague said {body}. Is that right?" if not c.lay else
                             f"My friend looked at it and thinks {body}. Is that true?",
                             f"Just to be sure: {body}, correct?", f"I had the impression {body} - am I wrong?"])
            ans_props = [cp]
            corr = rng.choice(["No, that's not right.", "Actually, no.", "Not quite - let me correct that."])
        if style == "presenting":
            uq = rng.choice(COMMENT) + " " + rng.choice(REGION_DECOY[p["region"]]) + " " + uq
        ans = render(c, ans_props)
        if corr:
            ans = corr + ("\n" if style == "confidence" else " ") + ans
        if style == "patient" and rng.random() < 0.5:
            ans += " " + rng.choice(["Your doctor will go through what this means for you.",
                                     "Please do ask your care team about the next steps.",
                                     "It's completely normal to feel anxious about this."])
        elif style == "presenting" and rng.random() < 0.5:
            ans += " " + rng.choice(p["know"])
        turns += [{"role": "user", "content": uq}, {"role": "assistant", "content": ans}]
    expected = [] if defect is None else [defect]
    LEDGER.append({"claims": c.claims, "first_q": q0, "forbid": p["forbid"], "defect": defect, "site": site,
                   "spent": c.spent})
    return turns, expected
