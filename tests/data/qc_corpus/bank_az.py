"""Bank AZ: conversations as physicians refine them for a dataset (an LLM draft, edited by a physician).

Written blind by helper `qcaz`: without opening the QC rules, their tests, other banks or any corpus rows.
Not measured by its writer (the lead measures it once after merging).

Sixteen targets across abdomen, pelvis, thorax, heart, neck and brain (axial "LP" CT/MR and coronal "LI" MR):
paired organs as bilateral two-region masks (adrenal glands, lungs, thyroid lobes, lateral ventricles) and
one-sided ones (left common iliac artery, left ventricle, right common carotid artery, left hippocampus),
midline structures (urinary bladder, prostate, trachea, brainstem), multi-focal lesions (kidney tumour,
lung tumour) and two labels the knowledge base does not know (pineal gland, right parotid gland).

Facts come from the product's own `medseg_qa.facts.compute_facts` on synthetic ellipse masks (with the
neighbours' centroids as `others`), and the prose is written FROM those facts. Four registers: `teaching`
(precise clinical teaching: ipsilateral/contralateral, cranial/caudal, ventral/dorsal, medial/lateral),
`exam` (concise exam answer), `patient` (plain words for a patient) and `words` (numbers spelled out).
Clean rows carry true traps: negations, the display convention, knowledge sentences about other
structures with their own sides, sizes in cm/mm and relations ("abuts", "drapes over", "wedged between"),
population figures, hedges and follow-up questions of every length. A defective row holds exactly one
plainly false claim (side, position/relation, size, count, or a first question that names the target);
about a fifth of side/position/size/count defects sit in a user question, some only in a follow-up answer.
"""

from __future__ import annotations

import random
import re

import numpy as np

STYLES = ["teaching", "exam", "patient", "words"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
W = H = 256


def _p(target, region, modality, orient, blobs, others, clue, give, kb, noun="structure", extra=None):
    return dict(target=target, region=region, modality=modality, orient=orient, blobs=blobs, others=others,
                clue=clue, give=give, kb=kb, noun=noun, extra=extra or [])


PROFILES = [
    _p("urinary bladder", "pelvis", "CT", "LP", [(0.5, 0.38, 0.11, 0.09)],
       {"rectum": (0.5, 0.72), "left femur": (0.8, 0.5), "right femur": (0.2, 0.5)},
       "A hollow, muscular reservoir that stores the urine delivered by the ureters until voiding",
       ["the urinary bladder", "the bladder", "the vesical lumen", "the detrusor-lined bladder"],
       ["The rectum runs in the hollow of the sacrum, dorsal to the seminal vesicles in men.",
        "A normal ureter is only 3 to 4 mm wide.",
        "Each femoral head sits lateral to the pelvic floor muscles, cupped by its acetabulum."], "organ"),
    _p("prostate", "pelvis", "MR", "LP", [(0.5, 0.61, 0.05, 0.045)],
       {"pubic symphysis": (0.5, 0.3), "rectum": (0.5, 0.8), "left obturator internus": (0.74, 0.6)},
       "A walnut-shaped male gland that encircles the proximal urethra just below the bladder neck and "
       "often enlarges with age", ["the prostate", "the prostatic gland", "the prostate gland", "the prostatic zones"],
       ["The pubic symphysis is a midline joint whose disc is only about 4 mm wide.",
        "The levator ani muscles form a sling lateral to the pelvic viscera.",
        "The normal rectal wall is under 5 mm thick."], "gland"),
    _p("left common iliac artery", "pelvis", "CT", "LP", [(0.59, 0.55, 0.025, 0.025)],
       {"right common iliac artery": (0.41, 0.55), "l5 vertebra": (0.5, 0.7), "left iliopsoas": (0.72, 0.63)},
       "One of the two vessels formed where the abdominal aorta divides, at about the fourth lumbar level; "
       "this one carries blood towards one half of the pelvis and one leg",
       ["the left common iliac artery", "the left iliac artery", "the left CIA", "the iliac arterial segment"],
       ["The abdominal aorta normally measures under 3 cm across.",
        "The iliopsoas muscles run along each side of the lumbar spine, lateral to the vertebral bodies.",
        "The ureter crosses ventral to the iliac vessels near the pelvic brim."], "vessel"),
    _p("adrenal gland", "abdomen", "CT", "LP", [(0.37, 0.6, 0.03, 0.04), (0.63, 0.6, 0.03, 0.04)],
       {"liver": (0.28, 0.42), "stomach": (0.64, 0.33), "vertebral body": (0.5, 0.68)},
       "Small paired endocrine glands that cap the upper poles of the kidneys and secrete cortisol, "
       "aldosterone and catecholamines",
       ["the adrenal glands", "the adrenals", "the suprarenal glands", "both adrenal limbs"],
       ["The liver fills most of the right upper quadrant and drapes over the right kidney.",
        "The inferior vena cava lies to the right of the aorta, ventral to the right crus.",
        "Incidental nodules in these glands are found in roughly 3 to 7 percent of adult CT scans."], "gland"),
    _p("kidney tumour", "abdomen", "CT", "LP", [(0.3, 0.62, 0.03, 0.03), (0.26, 0.69, 0.025, 0.025),
                                                (0.35, 0.55, 0.02, 0.02)],
       {"liver": (0.3, 0.4), "aorta": (0.52, 0.62), "vertebral body": (0.5, 0.7)},
       "Solid, enhancing masses arising in the organ that filters blood and makes urine, worrying for "
       "clear-cell carcinoma",
       ["the renal tumours", "the kidney tumour", "the renal cell carcinoma", "the RCC foci"],
       ["A normal adult kidney is about 10 to 12 cm long.",
        "The aorta runs ventral to the vertebral body, slightly to the left of midline.",
        "The psoas muscle lies medial to each kidney."], "lesion"),
    _p("lung tumour", "thorax", "CT", "LP", [(0.72, 0.45, 0.03, 0.03), (0.77, 0.56, 0.025, 0.03),
                                             (0.68, 0.35, 0.02, 0.02)],
       {"heart": (0.55, 0.4), "aorta": (0.57, 0.63), "vertebral body": (0.5, 0.72)},
       "Rounded soft-tissue masses within the spongy, air-filled organ of gas exchange, suspicious for "
       "metastatic deposits",
       ["the lung tumours", "the pulmonary nodules", "the lung masses", "the pulmonary metastases"],
       ["A nodule under 6 mm in a low-risk adult usually needs no routine follow-up.",
        "The descending aorta lies to the left of the vertebral body, dorsal to the left atrium.",
        "The heart is wedged between the two lungs in the middle mediastinum."], "lesion"),
    _p("lung", "thorax", "CT", "LP", [(0.3, 0.5, 0.15, 0.25), (0.7, 0.5, 0.14, 0.25)],
       {"heart": (0.55, 0.4), "sternum": (0.5, 0.18), "vertebral body": (0.5, 0.74)},
       "The paired spongy organs where oxygen enters the blood and carbon dioxide leaves it",
       ["the lungs", "the pulmonary parenchyma", "the lung fields", "both lungs"],
       ["The trachea divides at the carina, at about the level of the fourth thoracic vertebra.",
        "The heart sits mostly to the left of midline, with its apex pointing ventrally and to the left.",
        "A normal main pulmonary artery measures under 3 cm across."], "organ"),
    _p("heart", "thorax", "CT", "LP", [(0.59, 0.42, 0.16, 0.14)],
       {"aorta": (0.57, 0.66), "sternum": (0.5, 0.18), "right lung": (0.27, 0.5), "left lung": (0.76, 0.5)},
       "The muscular four-chambered pump that drives blood through the systemic and the lung circulations",
       ["the heart", "the cardiac silhouette", "the cardiac chambers", "the myocardial outline"],
       ["The descending aorta runs dorsal to the left atrium, beside the spine.",
        "A normal ascending aorta is under 4 cm wide.",
        "The oesophagus abuts the back of the left atrium."], "organ"),
    _p("left ventricle", "heart", "CT", "LP", [(0.64, 0.42, 0.07, 0.08)],
       {"right ventricle": (0.52, 0.32), "left atrium": (0.55, 0.56), "sternum": (0.5, 0.18)},
       "The thick-walled chamber that pumps oxygenated blood out through the aortic valve to the whole body",
       ["the left ventricle", "the LV", "the left ventricular cavity", "the left ventricular chamber"],
       ["The right ventricle lies most ventrally, directly behind the sternum.",
        "The left atrium is the most dorsal chamber and abuts the oesophagus.",
        "A normal interventricular septum is under 12 mm thick."], "chamber"),
    _p("thyroid gland", "neck", "CT", "LP", [(0.41, 0.42, 0.04, 0.065), (0.59, 0.42, 0.04, 0.065)],
       {"esophagus": (0.49, 0.58), "c6 vertebra": (0.5, 0.72), "trachea": (0.5, 0.46)},
       "A butterfly-shaped endocrine gland low in the front of the neck that makes the hormones setting "
       "the body's metabolic rate",
       ["the thyroid", "the thyroid lobes", "the thyroid gland", "the thyroidal tissue"],
       ["The oesophagus sits dorsal to the trachea and slightly to the left of midline.",
        "Each common carotid artery runs lateral to the trachea inside its carotid sheath.",
        "Nodules in this region are found on ultrasound in up to half of older adults."], "gland"),
    _p("trachea", "neck", "CT", "LP", [(0.5, 0.41, 0.04, 0.035)],
       {"esophagus": (0.49, 0.56), "left common carotid artery": (0.65, 0.48),
        "right common carotid artery": (0.35, 0.48)},
       "The cartilage-ringed airway that carries air from the larynx down into the chest",
       ["the trachea", "the windpipe", "the tracheal lumen", "the tracheal airway"],
       ["The oesophagus lies dorsal to the airway and slightly to the left of midline.",
        "Each common carotid artery is about 6 to 8 mm wide in an adult.",
        "The internal jugular vein usually lies lateral to the carotid artery."], "airway"),
    _p("right common carotid artery", "neck", "CT", "LP", [(0.36, 0.49, 0.022, 0.022)],
       {"trachea": (0.5, 0.41), "c6 vertebra": (0.5, 0.72), "left common carotid artery": (0.64, 0.49)},
       "The large artery running up one side of the neck inside its sheath, carrying blood towards the "
       "head and brain before it divides near the upper border of the thyroid cartilage",
       ["the right common carotid artery", "the right carotid", "the right CCA", "the carotid artery"],
       ["The internal jugular vein lies lateral to the artery within the sheath.",
        "The thyroid lobes drape over the front and sides of the trachea.",
        "The vagus nerve runs dorsal, wedged between the artery and the vein."], "vessel"),
    _p("lateral ventricle", "brain", "MR", "LP", [(0.42, 0.47, 0.03, 0.1), (0.58, 0.47, 0.03, 0.1)],
       {"third ventricle": (0.5, 0.58), "skull": (0.5, 0.5)},
       "The paired C-shaped cavities deep in the cerebral hemispheres, filled with the fluid that the "
       "choroid plexus produces",
       ["the lateral ventricles", "the ventricular system", "the ventricles", "the ventricular horns"],
       ["The third ventricle is a thin midline slit between the two thalami.",
        "The septum pellucidum is normally only a few millimetres thick.",
        "The caudate heads bulge into the frontal horns from the lateral side."], "space"),
    _p("left hippocampus", "brain", "MR", "LI", [(0.62, 0.62, 0.03, 0.025)],
       {"right hippocampus": (0.38, 0.62), "third ventricle": (0.5, 0.48), "left lateral ventricle": (0.58, 0.42)},
       "A seahorse-shaped strip of grey matter in the medial temporal lobe that is central to forming new "
       "memories, the one on one side only",
       ["the left hippocampus", "the left hippocampal formation", "the hippocampus", "the left hippocampal head"],
       ["The temporal horn of each lateral ventricle curves forward into the medial temporal lobe.",
        "The brainstem lies in the midline, caudal to the third ventricle.",
        "Hippocampal volume loss is seen early in Alzheimer disease in most patients."], "structure"),
    _p("brainstem", "brain", "MR", "LI", [(0.5, 0.78, 0.05, 0.12)],
       {"third ventricle": (0.5, 0.5), "left hippocampus": (0.62, 0.62), "right hippocampus": (0.38, 0.62)},
       "The stalk linking the cerebrum to the spinal cord that holds cranial nerve nuclei and the centres "
       "controlling breathing and heart rate",
       ["the brainstem", "the brain stem", "the pons and medulla", "the midbrain and pons"],
       ["The cerebellar hemispheres sit lateral and dorsal to the fourth ventricle.",
        "The third ventricle is a narrow midline cavity, normally under 7 mm wide in adults.",
        "Each hippocampus lies in the medial temporal lobe, lateral to the midbrain."], "structure"),
    _p("pineal gland", "brain", "MR", "LP", [(0.5, 0.62, 0.016, 0.016)],
       {"third ventricle": (0.5, 0.5), "left thalamus": (0.58, 0.52), "right thalamus": (0.42, 0.52)},
       "A tiny endocrine body at the back of the third ventricle that secretes melatonin and often calcifies "
       "in adults", ["the pineal gland", "the pineal", "the epiphysis cerebri", "the pineal body"],
       ["The two thalami are wedged between the third ventricle and the internal capsules.",
        "Calcification in this region is seen on CT in about two thirds of adults.",
        "The cerebral aqueduct is only 1 to 2 mm wide."], "gland"),
    _p("right parotid gland", "neck", "CT", "LP", [(0.25, 0.58, 0.065, 0.09)],
       {"c2 vertebra": (0.5, 0.64), "right masseter": (0.32, 0.38), "oropharynx": (0.5, 0.5)},
       "The largest salivary gland, wrapped around the back of the jaw in front of the ear on one side, "
       "with the facial nerve passing through it",
       ["the right parotid", "the right parotid gland", "the parotid", "the parotid salivary tissue"],
       ["The masseter muscle covers the lateral surface of the mandibular ramus.",
        "The submandibular glands sit below the jaw, medial to the angle of the mandible.",
        "About 80 percent of salivary gland tumours arise in this gland type, most of them benign."], "gland"),
]


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


def pick_profile(profiles: list[dict], i: int, defect, rng: random.Random) -> dict:
    """Weight paired (bilateral) and multi-focal masks up for laterality and count defects."""
    special = [p for p in profiles if len(p["blobs"]) > 1]
    if defect in ("laterality", "count") and rng.random() < 0.5:
        return rng.choice(special)
    return rng.choice(profiles)


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draw the profile's ellipses (jittered; multi-focal lesions keep 2 or 3 foci) and measure them with
    the product's own `compute_facts`, against the neighbours' centroids."""
    from medseg_qa.facts import compute_facts

    blobs = p["blobs"]
    if p["noun"] == "lesion":
        blobs = blobs[:rng.choice([2, 3])]
    yy, xx = np.mgrid[0:H, 0:W]
    m = np.zeros((H, W), bool)
    dx, dy = rng.uniform(-0.01, 0.01), rng.uniform(-0.01, 0.01)
    for cx, cy, rx, ry in blobs:
        s = rng.uniform(0.96, 1.04)
        m |= (((xx / (W - 1) - cx - dx) / (rx * s)) ** 2 + ((yy / (H - 1) - cy - dy) / (ry * s)) ** 2) <= 1
    others = {k: (v[0] + rng.uniform(-0.005, 0.005), v[1] + rng.uniform(-0.005, 0.005)) for k, v in p["others"].items()}
    return compute_facts(m, p["orient"], others).model_dump(mode="json")


# --- numbers ----------------------------------------------------------------------------------------
_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen".split()
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def word(n: int) -> str:
    if n < 20:
        return _ONES[n]
    t, o = divmod(n, 10)
    return _TENS[t] + ("" if o == 0 else "-" + _ONES[o])


def spell(text: str) -> str:
    """Numbers in a sentence as words (integers; decimals as 'point')."""
    def rep(m):
        s = m.group(0)
        if "." in s:
            a, b = s.split(".")
            return word(int(a)) + " point " + " ".join(_ONES[int(c)] for c in b)
        return word(int(s)) if int(s) < 100 else s
    return re.sub(r"(?<![A-Za-z\d])\d+(?:\.\d+)?", rep, text)


def pct(frac: float, style: str, rng: random.Random) -> str:
    p = frac * 100
    if style == "words":
        if p < 1:
            tenths = max(1, round(p * 10))
            return rng.choice([f"about {word(tenths)} tenths of one percent", "less than one percent"])
        return rng.choice([f"about {word(round(p))} percent", f"roughly {word(round(p))} per cent"])
    if p < 1:
        return rng.choice([f"about {p:.1f}%", f"roughly {p:.2f} percent", f"~{p:.1f}%"])
    return rng.choice([f"about {p:.0f}%", f"roughly {p:.1f} percent", f"~{p:.0f}%"])


# --- true sentences per fact --------------------------------------------------------------------------
def _dirs(orient: str) -> dict:
    if orient == "LI":
        return {"up": "superior", "down": "inferior"}
    return {"up": "anterior", "down": "posterior"}


SIDE = {
    "teaching": {"left": ["It lies to the left of midline, on the patient's left side.",
                          "This is a left-sided finding, lateral to the midsagittal plane.",
                          "The mask sits on the patient's left, lateral to the midsagittal plane."],
                 "right": ["It lies to the right of midline, on the patient's right side.",
                           "This is a right-sided finding, lateral to the midsagittal plane.",
                           "The mask is on the patient's right."],
                 "midline": ["It is a midline structure, centred on the midsagittal plane.",
                             "It sits in the midline, straddling the sagittal plane.",
                             "It lies centrally, in the midline rather than paramedian."],
                 "bilateral": ["It is bilateral: one region lies on the patient's right and its contralateral partner on the left.",
                               "Both sides are involved, a right and a left component on either side of the midline.",
                               "Paired and bilateral here, with an ipsilateral and a contralateral component."]},
    "exam": {"left": ["Side: left.", "Laterality: left (patient's).", "Left-sided."],
             "right": ["Side: right.", "Laterality: right (patient's).", "Right-sided."],
             "midline": ["Side: midline.", "Laterality: midline.", "Midline structure."],
             "bilateral": ["Side: bilateral.", "Laterality: bilateral, right and left.", "Bilateral."]},
    "patient": {"left": ["It is on your left side.", "This part is on the left side of your body.",
                         "It sits on your left."],
                "right": ["It is on your right side.", "This part is on the right side of your body.",
                          "It sits on your right."],
                "midline": ["It sits right in the middle of your body.", "It is in the centre, in the middle line of your body.",
                            "It lies in the middle, not off to one side."],
                "bilateral": ["You have one on each side, left and right.",
                              "There is a part on your left side and a part on your right side.",
                              "It shows up on both sides of your body."]},
}
SIDE["words"] = SIDE["teaching"]

VERT = {
    "teaching": {"anterior": ["It lies ventrally, in the anterior part of the section.", "Its position is anterior on this axial slice."],
                 "posterior": ["It sits dorsally, in the posterior half of the section.", "Its position is posterior on this axial slice."],
                 "superior": ["It lies cranially, in the superior part of this coronal image.", "Its position is superior on this coronal section."],
                 "inferior": ["It sits caudally, in the inferior part of this coronal image.", "Its position is inferior on this coronal section."]},
    "exam": {"anterior": ["Position: anterior."], "posterior": ["Position: posterior."],
             "superior": ["Position: superior (cranial)."], "inferior": ["Position: inferior (caudal)."]},
    "patient": {"anterior": ["It is towards the front of your body.", "It sits nearer your front than your back."],
                "posterior": ["It is towards your back.", "It sits nearer your back than your front."],
                "superior": ["It is higher up, towards the top of your head.", "It sits in the upper part of this picture, towards the top of your head."],
                "inferior": ["It is lower down, towards your neck.", "It sits in the lower part of this picture, lower down towards your neck."]},
}
VERT["words"] = VERT["teaching"]

REL = {"teaching": {"left_of": ["to the patient's left of", "on the left side of"],
                    "right_of": ["to the patient's right of", "to the right of"],
                    "anterior_to": ["ventral to", "anterior to"], "posterior_to": ["dorsal to", "posterior to"],
                    "superior_to": ["cranial to", "superior to"], "inferior_to": ["caudal to", "inferior to"]},
       "exam": {"left_of": ["left of"], "right_of": ["right of"], "anterior_to": ["anterior to"],
                "posterior_to": ["posterior to"], "superior_to": ["superior to"], "inferior_to": ["inferior to"]},
       "patient": {"left_of": ["further to your left than"], "right_of": ["further to your right than"],
                   "anterior_to": ["in front of"], "posterior_to": ["behind", "further towards your back than"],
                   "superior_to": ["above"], "inferior_to": ["below"]}}
REL["words"] = REL["teaching"]
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}


def usable_relations(p: dict, facts: dict) -> list[tuple[str, str]]:
    """Relations to say in prose: left/right of a paired mask's mean centroid reads oddly, so a bilateral
    mask keeps only its front/back (or up/down) relations."""
    rels = [(r["other"], r["relation"]) for r in facts["relations"]]
    if facts["laterality"] == "bilateral":
        rels = [(o, r) for o, r in rels if r not in ("left_of", "right_of")]
    return rels


def rel_sentence(style, other, rel, rng, p):
    phrase = rng.choice(REL[style][rel])
    if style == "exam":
        return f"Relation: {phrase} the {other}."
    if style == "patient":
        return rng.choice([f"It sits {phrase} your {other}.", f"On this picture it is {phrase} the {other}."])
    return rng.choice([f"It lies {phrase} the {other}.", f"The {p['noun']} is {phrase} the {other}.",
                       f"Note that it sits {phrase} the {other}."])


def lateral_medial(p, facts, rng):
    """A true 'lateral to'/'medial to' sentence: same side of the midline, farther from or nearer to it."""
    if facts["laterality"] not in ("left", "right"):
        return None
    cx = facts["centroid_normalized"][0] - 0.5
    rels = {(r["other"], r["relation"]) for r in facts["relations"]}
    for other, (ox, _) in p["others"].items():
        o = ox - 0.5
        if o * cx > 0 and abs(abs(cx) - abs(o)) > 0.08:
            towards = "left_of" if cx > 0 else "right_of"
            if abs(cx) > abs(o) and (other, towards) in rels:
                return rng.choice([f"It lies lateral to the {other}.", f"The {other} is medial to it."])
            if abs(cx) < abs(o) and (other, FLIP[towards]) in rels:
                return rng.choice([f"It lies medial to the {other}.", f"The {other} sits lateral to it."])
    return None


def side_sent(style, lat, rng):
    return rng.choice(SIDE[style][lat]) if lat in SIDE[style] else None


def vert_sent(style, vert, orient, rng):
    if vert in VERT[style]:
        return rng.choice(VERT[style][vert])
    d = _dirs(orient)
    if style == "exam":
        return "Position: central."
    if style == "patient":
        return ("It is roughly halfway between your front and your back." if orient == "LP"
                else "It is roughly halfway between the top and the bottom of the picture.")
    return f"It is neither clearly {d['up']} nor {d['down']} on this section."


def size_sent(style, facts, rng):
    sc, t = facts["size_class"], pct(facts["area_fraction"], style, rng)
    if style == "exam":
        return rng.choice([f"Size: {sc} ({t} of the image).", f"Size class {sc}; area {t} of the slice."])
    if style == "patient":
        plain = {"small": "a small", "medium": "a medium-sized", "large": "a large"}[sc]
        return rng.choice([f"It takes up {plain} part of this picture, {t} of it.",
                           f"On this picture it covers {plain} area, {t} of the image."])
    return rng.choice([f"It is {sc} on this section, covering {t} of the image.",
                       f"The segmented area is {sc}: {t} of the field of view.",
                       f"It occupies {t} of the image, which makes it {sc} here."])


def count_sent(style, n, rng):
    if style == "exam":
        return f"Components: {n} (separate)." if n > 1 else "Components: 1 (contiguous)."
    if n == 1:
        return rng.choice({"patient": ["It is one single piece.", "It shows up as one connected area."],
                           "teaching": ["It forms one contiguous region.", "The mask is a single connected region."],
                           "words": ["It forms one contiguous region.", "There is exactly one connected region."]}[style])
    w = word(n)
    return rng.choice({"patient": [f"It shows up as {w} separate spots.", f"There are {w} separate areas."],
                       "teaching": [f"It is made of {n} separate regions.", f"The mask has {n} discrete foci."],
                       "words": [f"It is made of {w} separate regions.", f"There are {w} discrete foci."]}[style])


def convention(orient, style, lat):
    if style == "patient":
        return ("Scans are shown as if you were lying down and we were looking up from your feet, so your left "
                "appears on the right of the screen." if orient == "LP" else
                "In this front-on picture we face you, so your left appears on the right of the screen.")
    if orient == "LP":
        return "By the radiological convention, axial images are viewed from the feet, so the patient's left is displayed on the image's right."
    return "On this coronal image we face the patient, so the patient's left is displayed on the image's right."


# --- false sentences ----------------------------------------------------------------------------------
def false_side(style, lat, rng):
    if lat in ("left", "right"):
        wrong = OPP[lat]
    elif lat == "bilateral":
        one = rng.choice(["left", "right"])
        return {"patient": f"It is only on your {one} side; the other side has none of it.",
                "exam": f"Side: {one} only (unilateral).",
                }.get(style, f"It is unilateral, confined to the patient's {one} side.")
    else:  # midline
        wrong = rng.choice(["left", "right"])
        return {"patient": f"It sits well off to your {wrong} side, not in the middle.",
                "exam": f"Side: {wrong}, lateral (not midline)."}.get(style, f"It lies clearly to the {wrong} of midline, lateral to the midsagittal plane.")
    return {"patient": f"It is on your {wrong} side.", "exam": f"Side: {wrong}."}.get(
        style, rng.choice([f"It lies on the patient's {wrong} side.", f"This is a {wrong}-sided finding."]))


def false_size(style, facts, rng):
    sc = facts["size_class"]
    if sc == "large":
        t = "half of one percent" if style in ("words", "patient") else "0.5%"
        return {"exam": f"Size: small ({t} of the image).", "patient": f"It is tiny, only about {t} of this picture."}.get(
            style, f"It is small on this section, covering only about {t} of the image.")
    t = "a third" if style != "exam" else "~33%"
    return {"exam": f"Size: large ({t} of the image).", "patient": f"It is very big, filling about {t} of this picture."}.get(
        style, f"It is large on this section, filling about {t} of the image.")


def false_count(style, n):
    if n == 1:
        return {"exam": "Components: 2 (separate).", "patient": "It shows up as two separate pieces."}.get(
            style, "It is made of two separate regions.")
    return {"exam": "Components: 1 (contiguous).", "patient": "It is all one single connected piece."}.get(
        style, "It forms a single contiguous region.")


def false_position(style, p, facts, rng):
    vert = facts["vertical"]
    rels = usable_relations(p, facts)
    if vert in OPP and (not rels or rng.random() < 0.5):
        return vert_sent(style, OPP[vert], p["orient"], rng)
    o, r = rng.choice(rels)
    return rel_sentence(style, o, FLIP[r], rng, p)


def user_false(kind, style, p, facts, rng):
    """A follow-up question that asserts the false fact."""
    you = "your" if style == "patient" else "the patient's"
    if kind == "laterality":
        lat = facts["laterality"]
        if lat in ("left", "right"):
            return f"Why is it on {you} {OPP[lat]} side in this case?"
        if lat == "bilateral":
            return f"Why is it found only on {you} {rng.choice(['left', 'right'])} side here?"
        return f"Why does it sit so far to the {rng.choice(['left', 'right'])} of the midline here?"
    if kind == "position":
        vert = facts["vertical"]
        if vert in OPP:
            return f"Why does it sit so far {OPP[vert]} on this section?"
        o, r = rng.choice(usable_relations(p, facts))
        return f"Why is it {REL['exam'][FLIP[r]][0]} the {o} here?"
    if kind == "size":
        return ("Why is it so small here, well under one percent of the image?" if facts["size_class"] == "large"
                else "Why is it so large here, about a third of the whole image?")
    return ("Why is it split into two separate pieces?" if facts["components"] == 1
            else "Why does it form one single connected piece here?")


FOLLOW = {"laterality": ["Which side is it?", "Which side is it on?", "Left or right side, then?"],
          "position": ["Where is it relative to its neighbours?", "What lies next to it?", "Where does it sit?"],
          "size": ["How big is it?", "How large is it on this slice?", "And the size on this image?"],
          "count": ["Is there more than one?", "How many regions are there?", "Is it one piece or several?"]}
R3 = [("Why is that?", "That is simply the usual anatomy at this level."),
      ("Anything else to note for the final version?", "A few neighbouring points are worth keeping."),
      ("Is that normal?", "It may well be, but the image alone cannot settle that."),
      ("Could you add one teaching point about the neighbours?", "Certainly, here are some for context.")]
EDIT = ["Physician edit: keep only what the mask shows. ", "Reviewer note: tighten this for the dataset. ", "",
        "Good draft. ", "Edited for accuracy. "]


def build(p: dict, facts: dict, style: str, rng: random.Random, defect):
    orient = p["orient"]
    lat, vert, n = facts["laterality"], facts["vertical"], facts["components"]
    rels = usable_relations(p, facts)
    if defect == "position" and vert not in OPP and not rels:
        defect = "size"  # nothing positional to falsify on this mask
    fix = (lambda s: spell(s)) if style == "words" else (lambda s: s)
    true = {"laterality": [side_sent(style, lat, rng)], "position": [vert_sent(style, vert, orient, rng)],
            "size": [size_sent(style, facts, rng)], "count": [count_sent(style, n, rng)]}
    for o, r in rng.sample(rels, min(2, len(rels))):
        true["position"].append(rel_sentence(style, o, r, rng, p))
    lm = lateral_medial(p, facts, rng)
    if lm and style != "exam":
        true["position"].append(lm)
    traps = [fix(s) for s in p["kb"]]
    x0, _, x1, _ = facts["bbox"]
    crosses = x0 < (facts["width"] - 1) / 2 < x1
    if lat in ("left", "right") and not crosses:
        traps += [f"It is not on the patient's {OPP[lat]} side." if style != "patient" else f"It is not on your {OPP[lat]} side.",
                  convention(orient, style, lat), "It does not reach the contralateral side." if style == "teaching" else
                  f"Nothing is outlined on the {OPP[lat]}."]
    elif lat in ("left", "right"):
        traps += [convention(orient, style, lat)]
    elif lat == "midline":
        traps += ["It is not off to one side." if style == "patient" else "It is not lateralised to either side.",
                  convention(orient, style, lat)]
    elif lat == "bilateral":
        traps += ["It is not confined to one side." if style != "patient" else "It is not just on one side.",
                  convention(orient, style, lat)]
    traps += ["There is no second focus." if n == 1 else f"It is not a single region; there are {word(n)} of them."]
    if facts["size_class"] != "large":
        traps.append("It is not a large structure on this image." if style != "patient" else "It is not big on this picture.")
    traps.append(rng.choice(["This is likely a normal appearance, though clinical correlation is advised.",
                             "Probably an expected appearance for this level.", "Comparison with prior imaging may help."]))
    if defect and defect != "names_target":
        traps = [t for t in traps if not any(k in t for k in ("not on", "contralateral", "Nothing is", "lateralised",
                                                               "off to one", "confined", "just on one", "second focus",
                                                               "not a single", "not a large", "not big"))]
    wrong = None
    where = None
    if defect and defect != "names_target":
        wrong = {"laterality": lambda: false_side(style, lat, rng), "position": lambda: false_position(style, p, facts, rng),
                 "size": lambda: false_size(style, facts, rng), "count": lambda: false_count(style, n)}[defect]()
        true[defect] = []  # the false sentence stands in for the true ones of its kind
        where = rng.choices(["answer1", "answer2", "user"], [0.5, 0.3, 0.2])[0]
    # round 1
    q = f"{p['clue']}. Could you outline it on this image and describe where it is?"
    if defect == "names_target":
        g = rng.choice(p["give"])
        q = rng.choice([f"{p['clue']}. Could you segment {g} on this image?",
                        f"Could you please outline {g} here? {p['clue']}.", f"Where is {g} on this scan? {p['clue']}."])
    if style == "patient":
        q = q.replace("Could you outline it on this image and describe where it is?",
                      "Can you show me where it is on my scan and explain it simply?")
    kinds = ["laterality", "position", "size", "count"]
    follow_kind = defect if where in ("answer2", "user") else rng.choice(kinds)
    first = []
    for k in kinds:
        if k == follow_kind and where in ("answer2", "user"):
            continue
        first += [fix(s) for s in true[k] if s]
    if where == "answer1":
        first.insert(rng.randrange(len(first) + 1), fix(wrong))
    lead = {"teaching": "[SEG] The segmented structure is shown.", "exam": "[SEG]",
            "patient": "Here it is: [SEG].", "words": "[SEG] Here is the mask."}[style]
    a1 = " ".join([lead] + first + rng.sample(traps, min(2, len(traps))))
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": a1}]
    # round 2
    if where == "user":
        q2 = rng.choice(EDIT) + user_false(defect, style, p, facts, rng)
        a2 = " ".join(["That is how it appears on this slice."] + rng.sample(traps, min(2, len(traps))))
    else:
        q2 = rng.choice(EDIT) + rng.choice(FOLLOW[follow_kind])
        body = [fix(s) for s in true[follow_kind] if s]
        if where == "answer2":
            body.append(fix(wrong))
        a2 = " ".join(body + rng.sample(traps, min(2, len(traps))))
    turns += [{"role": "user", "content": q2.strip()}, {"role": "assistant", "content": a2}]
    # optional round 3: why / anything else
    if rng.random() < 0.5:
        q3, lead3 = rng.choice(R3)
        rest = [t for t in traps if t not in a1 and t not in a2] or traps
        turns += [{"role": "user", "content": q3},
                  {"role": "assistant", "content": " ".join([lead3] + rng.sample(rest, min(2, len(rest))))}]
    return turns, ([defect] if defect else [])
