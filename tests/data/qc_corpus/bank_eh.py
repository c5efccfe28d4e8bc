"""Bank EH: English written by non-native speakers and by machine translation, as it appears in
multilingual annotation teams.

Targets: spleen, liver, right kidney, left lung, heart, prostate, urinary bladder, brain tumour (single
and several foci), hippocampus (both sides), thyroid gland, polyp, skin lesion, optic disc; axial CT/MR
("LP"), coronal CT/MR and frontal chest film ("LI"), endoscopy, dermoscopy and fundus photos (None).
Registers (STYLES): german_english, romance_english, asian_mt, typo_abbrev.

Written without reading QC. Every claim on the target is made from the measured facts (true) or from
one deliberately wrong value (the planted defect); each build also appends a ledger of its claims to
`LEDGER`, which the writer's own reader (outside the repository) checks against the facts.
Own check: rows: 420 clean: 210 defect: 210 (42 per kind) problems: 0.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["german_english", "romance_english", "asian_mt", "typo_abbrev"]

LEDGER: list[dict] = []  # one entry per build call: the claims as written (read by the writer's checker)

# --- profiles ---------------------------------------------------------------------------------------------
# ellipses: (cx, cy, rx, ry) in pixels on a 256 x 256 grid; others: neighbour centroids (x, y) normalised.

PROFILES = [
    dict(key="spleen_ax", target="spleen", names=["spleen"], orient="LP", mod="CT", region="abdomen",
         ell=[(185, 160, 22, 30)], others={"liver": (0.32, 0.47), "stomach": (0.62, 0.42), "aorta": (0.5, 0.6)}),
    dict(key="spleen_cor", target="spleen", names=["spleen"], orient="LI", mod="CT", region="abdomen",
         ell=[(180, 95, 20, 32)], others={"liver": (0.33, 0.4), "left kidney": (0.68, 0.56)}),
    dict(key="liver_ax", target="liver", names=["liver"], orient="LP", mod="CT", region="abdomen",
         ell=[(85, 100, 45, 40), (120, 92, 22, 16)], others={"spleen": (0.72, 0.62), "stomach": (0.62, 0.4),
                                                             "aorta": (0.5, 0.6)}),
    dict(key="liver_cor", target="liver", names=["liver"], orient="LI", mod="MR", region="abdomen",
         ell=[(85, 98, 48, 42)], others={"right kidney": (0.33, 0.62), "spleen": (0.72, 0.38),
                                         "urinary bladder": (0.5, 0.86)}),
    dict(key="rkid_ax", target="right kidney", names=["right kidney"], orient="LP", mod="CT", region="abdomen",
         ell=[(82, 162, 16, 24)], others={"liver": (0.33, 0.42), "inferior vena cava": (0.44, 0.55),
                                          "spine": (0.5, 0.74)}),
    dict(key="rkid_small", target="right kidney", names=["right kidney"], orient="LP", mod="CT", region="abdomen",
         ell=[(84, 160, 9, 13)], others={"liver": (0.33, 0.42), "spine": (0.5, 0.74)}),
    dict(key="rkid_cor", target="right kidney", names=["right kidney"], orient="LI", mod="MR", region="abdomen",
         ell=[(85, 160, 14, 26)], others={"liver": (0.34, 0.38), "spleen": (0.72, 0.35)}),
    dict(key="llung_ax", target="left lung", names=["left lung"], orient="LP", mod="CT", region="thorax",
         ell=[(182, 128, 32, 55)], others={"heart": (0.55, 0.4), "right lung": (0.29, 0.5)}),
    dict(key="llung_xr", target="left lung", names=["left lung"], orient="LI", mod="XR", region="thorax",
         ell=[(180, 118, 34, 62)], others={"heart": (0.55, 0.62), "right lung": (0.3, 0.46)}),
    dict(key="heart_mid", target="heart", names=["heart"], orient="LP", mod="CT", region="thorax",
         ell=[(134, 100, 40, 34)], others={"left lung": (0.71, 0.5), "spine": (0.51, 0.76),
                                           "descending aorta": (0.6, 0.64)}),
    dict(key="heart_left", target="heart", names=["heart"], orient="LP", mod="CT", region="thorax",
         ell=[(152, 104, 38, 33)], others={"spine": (0.5, 0.76), "right lung": (0.28, 0.5)}),
    dict(key="prostate", target="prostate", names=["prostate", "prostate gland"], orient="LP", mod="MR",
         region="pelvis", ell=[(128, 134, 13, 11)], others={"rectum": (0.5, 0.7), "pubic symphysis": (0.5, 0.3)}),
    dict(key="bladder", target="urinary bladder", names=["urinary bladder", "bladder"], orient="LP", mod="CT",
         region="pelvis", ell=[(128, 98, 30, 24)], others={"rectum": (0.5, 0.72), "right femoral head": (0.25, 0.55),
                                                            "left femoral head": (0.75, 0.55)}),
    dict(key="tumour_r", target="brain tumour", names=["brain tumour", "tumour"], orient="LP", mod="MR",
         region="brain", ell=[(92, 90, 18, 16)], others={"lateral ventricles": (0.5, 0.48)}),
    dict(key="tumour_l", target="brain tumour", names=["brain tumour", "tumour"], orient="LP", mod="MR",
         region="brain", ell=[(168, 165, 12, 11)], others={"lateral ventricles": (0.5, 0.48)}),
    dict(key="tumour_multi3", target="brain tumour", names=["brain tumour foci", "tumour foci"], plural=True,
         orient="LP", mod="MR", region="brain", ell=[(90, 90, 7, 7), (170, 120, 6, 6), (150, 175, 8, 7)],
         others={}),
    dict(key="tumour_multi2", target="brain tumour", names=["brain tumour foci", "tumour foci"], plural=True,
         orient="LP", mod="MR", region="brain", ell=[(95, 100, 9, 8), (165, 150, 8, 8)], others={}),
    dict(key="hippo_cor", target="hippocampus", names=["hippocampi", "hippocampi"], plural=True,
         orient="LI", mod="MR", region="brain", ell=[(95, 150, 7, 11), (160, 150, 7, 11)],
         others={"lateral ventricles": (0.5, 0.4), "brainstem": (0.5, 0.72)}),
    dict(key="hippo_ax", target="hippocampus", names=["hippocampi", "hippocampi"], plural=True,
         orient="LP", mod="MR", region="brain", ell=[(100, 135, 6, 14), (156, 135, 6, 14)],
         others={"brainstem": (0.5, 0.62)}),
    dict(key="thyroid_one", target="thyroid", names=["thyroid gland", "thyroid"], orient="LP", mod="CT",
         region="neck", ell=[(105, 105, 11, 18), (150, 105, 11, 18), (128, 96, 20, 6)],
         others={"trachea": (0.5, 0.5), "spine": (0.5, 0.74)}),
    dict(key="thyroid_two", target="thyroid", names=["thyroid gland", "thyroid"], orient="LP", mod="CT",
         region="neck", ell=[(100, 100, 11, 18), (155, 100, 11, 18)],
         others={"trachea": (0.5, 0.5), "spine": (0.5, 0.74)}),
    dict(key="polyp_one", target="polyp", names=["polyp"], orient=None, mod="endoscopy", region="colon",
         ell=[(140, 80, 22, 18)], others={}),
    dict(key="polyp_two", target="polyp", names=["polyps"], plural=True, orient=None, mod="endoscopy",
         region="colon", ell=[(80, 170, 8, 7), (170, 160, 10, 9)], others={}),
    dict(key="polyp_big", target="polyp", names=["polyp"], orient=None, mod="endoscopy", region="colon",
         ell=[(128, 130, 45, 38)], others={}),
    dict(key="skin_big", target="skin lesion", names=["skin lesion", "lesion"], orient=None, mod="dermoscopy",
         region="skin", ell=[(128, 124, 50, 42)], others={}),
    dict(key="skin_upper", target="skin lesion", names=["skin lesion", "lesion"], orient=None, mod="dermoscopy",
         region="skin", ell=[(120, 90, 30, 26)], others={}),
    dict(key="skin_sat", target="skin lesion", names=["skin lesion", "lesion"], orient=None, mod="dermoscopy",
         region="skin", ell=[(110, 120, 28, 24), (178, 172, 6, 5)], others={}),
    dict(key="disc_med", target="optic disc", names=["optic disc"], orient=None, mod="other", region="eye",
         ell=[(175, 125, 17, 17)], others={}),
    dict(key="disc_small", target="optic disc", names=["optic disc"], orient=None, mod="other", region="eye",
         ell=[(80, 130, 12, 13)], others={}),
]


def _draw(ells, rng: random.Random) -> np.ndarray:
    yy, xx = np.mgrid[0:256, 0:256]
    m = np.zeros((256, 256), bool)
    for cx, cy, rx, ry in ells:
        cx, cy = cx + rng.uniform(-1.5, 1.5), cy + rng.uniform(-1.5, 1.5)
        rx, ry = rx * rng.uniform(0.96, 1.04), ry * rng.uniform(0.96, 1.04)
        m |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    return m


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    mask = _draw(p["ell"], rng)
    others = {k: tuple(v) for k, v in p["others"].items()}
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


def pick_profile(profiles, i, defect, rng):
    pool = profiles
    if defect == "laterality":
        pool = [p for p in profiles if p["orient"] is not None]
    return rng.choice(pool)


# --- question clues (never naming the target) ---------------------------------------------------------------

CLUES = {
    "spleen": ["filters the old red blood cells and is often injured in trauma of the left upper quadrant",
               "becomes enlarged in mononucleosis and can rupture after a small trauma",
               "stores platelets and is sometimes removed in patients with ITP"],
    "liver": ["produces the bile", "makes albumin and most of the clotting factors",
              "is damaged by too much alcohol and becomes cirrhotic"],
    "right kidney": ["filters the blood and makes the urine, the one on the same side as the gallbladder",
                     "makes urine, on the patient's right side, behind the duodenum",
                     "produces urine and sits on the side where the liver pushes it a little bit down"],
    "left lung": ["does the gas exchange and has only two lobes",
                  "is responsible for breathing on the side of the cardiac apex",
                  "has the lingula and is on the same side as the stomach bubble"],
    "heart": ["pumps the blood through the whole body", "is enlarged in this patient with congestive failure",
              "beats about seventy times per minute and has four chambers"],
    "prostate": ["is enlarged in many old men and makes problems with urination",
                 "is a gland of men under the urine reservoir and produces part of the seminal fluid",
                 "is the reason of the weak urine stream in this 70 years old man"],
    "urinary bladder": ["stores the urine before voiding", "collects the urine coming from the two ureters",
                        "was catheterised in this patient before the CT"],
    "brain tumour": ["explains the seizures of this patient and takes up the contrast agent",
                     "is the abnormal enhancing thing that causes the headache and the oedema",
                     "is responsible for the new weakness and the midline shift in this MR"],
    "hippocampus": ["is important for the memory and is affected early in Alzheimer disease",
                    "is the origin of the seizures in mesial temporal sclerosis",
                    "sits in the medial temporal lobe and consolidates the new memories"],
    "thyroid": ["produces the hormones T3 and T4", "sits in front of the trachea and controls the metabolism",
                "can become overactive in Graves disease"],
    "polyp": ["grows from the colon mucosa and the gastroenterologist wants to remove in this colonoscopy",
              "can transform to colorectal cancer if nobody removes it",
              "is the small growth that protrudes into the lumen of the colon here"],
    "skin lesion": ["the patient is worried about because it changed colour and border",
                    "the dermatologist examines with the dermatoscope in this picture",
                    "is suspicious here and must be checked with the ABCDE rule"],
    "optic disc": ["is where the retinal vessels and the nerve fibres leave the eye",
                   "we check for cupping in glaucoma",
                   "is the bright round area where all the retinal vessels come together"],
}

CLUES_PL = {
    "brain tumour": ["explain the seizures of this patient and take up the contrast agent",
                     "are the several abnormal enhancing foci in this patient with a known primary in the breast",
                     "are responsible for the new confusion of this patient"],
    "hippocampus": ["are important for the memory and are affected early in Alzheimer disease",
                    "sit in the medial temporal lobes and consolidate the new memories",
                    "are checked for atrophy in a patient with memory complaints"],
    "polyp": ["grow from the colon mucosa and the gastroenterologist wants to remove in this colonoscopy",
              "can transform to colorectal cancer if nobody removes them",
              "are the small growths that protrude into the lumen of the colon here"],
}

# words a clean first question must never contain, per target (checked by the writer's reader too)
GIVEAWAY = {
    "spleen": ["spleen", "splen", "lien"], "liver": ["liver", "hepat", "hepar"],
    "right kidney": ["kidney", "renal", "nephr"], "left lung": ["lung", "pulmo", "pneum"],
    "heart": ["heart", "cardi", "coronar", "myocard"], "prostate": ["prostat", "psa"],
    "urinary bladder": ["bladder", "vesic", "cyst"],
    "brain tumour": ["tumour", "tumor", "neoplas", "glioma", "metasta", "lesion", "mass ", "cancer"],
    "hippocampus": ["hippocamp"], "thyroid": ["thyro", "tsh", "goit"],
    "polyp": ["polyp", "adenom"], "skin lesion": ["lesion", "mole", "naev", "nev", "melanom", "spot"],
    "optic disc": ["disc", "disk", "papill", "nerve head", "onh", "blind spot"],
}


def _q1(p, style, rng, named):
    plural = p.get("plural")
    clue = rng.choice(CLUES_PL[p["target"]] if plural else CLUES[p["target"]])
    what = {"endoscopy": "endoscopy image", "dermoscopy": "dermoscopy photo", "other": "fundus photo",
            "XR": "chest X-ray", "CT": "CT slice", "MR": "MR slice"}[p["mod"]]
    plural = p.get("plural")
    if named:
        nm = p["names"][0]
        forms = {
            "german_english": [f"Please segment me in the picture the {nm}. I need it for the annotation.",
                               f"I have here a {what}. Can you mark the {nm}, which {clue.split(' and ')[0]}?"],
            "romance_english": [f"Can you segment the {nm} in this {what}, please? It is for our annotation.",
                                f"Please, I need the segmentation of the {nm} on this image."],
            "asian_mt": [f"Please do segmentation of {nm} in this {what}.",
                         f"This is {what}. Where is {nm}? Please segment it."],
            "typo_abbrev": [f"pls seg the {nm} on this {what.lower()}, thx",
                            f"need {nm} mask on this img asap pls"],
        }[style]
        return rng.choice(forms)
    rel = "" if clue.startswith(("the patient", "we ")) else "that"
    verb_fix = clue
    thing = "structures" if plural else "structure"
    if p["target"] in ("brain tumour", "polyp", "skin lesion"):
        thing = "findings" if plural else "finding"
    r = (rel + " ") if rel else ""
    forms = {
        "german_english": [f"I have here a {what}. Please segment me the {thing} {r}{verb_fix}.",
                           f"Which {thing} in the picture {verb_fix}? Please mark it." if r else f"Please mark the {thing} {verb_fix}.",
                           f"For our annotation project: can you segment the {thing} {r}{verb_fix}? Thank you in advance."],
        "romance_english": [f"Good morning, can you segment the {thing} {r}{verb_fix}? I need it for the annotation.",
                            f"Please, in this {what}, which is the {thing} {r}{verb_fix}? Segment it please.",
                            f"I ask you to do the segmentation of the {thing} {r}{verb_fix}."],
        "asian_mt": [f"Please segment {thing} {r}{verb_fix}.",
                     f"In this {what}, which {thing} {verb_fix}? Please give segmentation." if r else f"In this {what}, please segment {thing} {verb_fix}.",
                     f"Kindly help to segment the {thing} {r}{verb_fix}, thank you."],
        "typo_abbrev": [f"pls segment the {thing} {r}{verb_fix} thx",
                        f"{what.lower()} here - which {thing} {verb_fix}?? seg pls" if r else f"{what.lower()} here - seg the {thing} {verb_fix} pls",
                        f"quick one: seg the {thing} {r}{verb_fix}"],
    }[style]
    q = rng.choice(forms)
    if plural:
        q = q.replace("Please mark it.", "Please mark them.").replace("Segment it please.", "Segment them please.")
    return q.replace("  ", " ").replace(" a endoscopy", " an endoscopy")


# --- knowledge sentences (no claim on this mask) ----------------------------------------------------------

TRAPS = {
    "spleen": ["The liver is on the opposite side, on the right of the patient.",
               "Accessory spleens are found in about 10 to 30 % of people, mostly near the hilum.",
               "A normal spleen is about 12 cm long; over 13 cm we speak of splenomegaly.",
               "The left kidney lies usually a bit higher than the right kidney, because the liver pushes the right one down.",
               "The tail of the pancreas reaches until the splenic hilum."],
    "liver": ["The gallbladder lies under the liver, in the right upper quadrant.",
              "Fatty liver is found in about 25 % of adults in Europe.",
              "The left lobe can reach until the spleen in some slim people.",
              "The right lobe is normally much bigger than the left lobe, about six times.",
              "The inferior vena cava runs behind it, right of the aorta."],
    "right kidney": ["The right kidney is normally a little lower than the left kidney because of the liver.",
                     "The left renal vein crosses in front of the aorta, the right renal artery goes behind the vena cava.",
                     "A horseshoe kidney occurs in about 1 of 500 people; the two kidneys are fused in the midline at the lower poles.",
                     "A normal adult kidney is 10 to 12 cm long.",
                     "The left adrenal gland is more anterior-medial than the right one."],
    "left lung": ["The left lung has only two lobes, the right lung has three.",
                  "Because the heart takes space on the left, the left lung has only about 45 % of the total lung volume.",
                  "The cardiac notch is at the anterior border of the left upper lobe.",
                  "The right main bronchus is steeper and wider, therefore aspiration goes more often to the right.",
                  "The stomach bubble is under the left hemidiaphragm."],
    "heart": ["Normally about two thirds of the heart lie left of the midline.",
              "Dextrocardia, where the apex points to the right, is found in about 1 of 12,000 people.",
              "The right ventricle is the most anterior chamber, the left atrium the most posterior one.",
              "On a PA film a cardiothoracic ratio over 50 % suggests cardiomegaly.",
              "The descending aorta runs left of the spine."],
    "prostate": ["A normal prostate volume is about 20 to 25 ml; over 30 ml is usually called enlarged.",
                 "Benign hyperplasia affects about 50 % of men over 50 years.",
                 "The seminal vesicles are behind the bladder, above the prostate.",
                 "About 70 % of cancers start in the peripheral zone, which is posterior.",
                 "The transition zone grows in BPH and can become much bigger than the peripheral zone."],
    "urinary bladder": ["When it is full, the bladder can rise above the pubic symphysis into the lower abdomen.",
                        "The ureters enter from posterolateral, one on the left and one on the right.",
                        "In women the uterus lies behind and above it.",
                        "The normal capacity is about 400 to 600 ml.",
                        "Bladder diverticula are more common in old men with obstruction."],
    "brain tumour": ["The left hemisphere controls the right side of the body, so a left-sided process can give right arm weakness.",
                     "In adults, metastases are more frequent than primary brain tumours.",
                     "Meningioma is the most frequent primary intracranial tumour, about one third of them.",
                     "The surrounding oedema often looks much bigger than the enhancing part.",
                     "About 20 % of patients with lung cancer develop brain metastases."],
    "hippocampus": ["The volume is about 3 to 4 cm3 on each side in a healthy adult.",
                    "In mesial temporal sclerosis usually only one side is atrophic.",
                    "The temporal horn of the lateral ventricle lies just above and lateral of it.",
                    "In many studies the right hippocampus is a little bigger than the left one.",
                    "The amygdala is directly in front of it."],
    "thyroid": ["The right lobe is often slightly bigger than the left lobe.",
                "Nodules are found by ultrasound in up to 50 % of adults.",
                "The isthmus crosses in front of the trachea at the level of the 2nd to 4th tracheal rings.",
                "The parathyroid glands, usually four, lie behind it.",
                "The left recurrent laryngeal nerve loops under the aortic arch, the right one under the subclavian artery."],
    "polyp": ["About 30 % of adults over 50 have at least one adenoma at colonoscopy.",
              "Polyps over 10 mm have a clearly higher risk of cancer.",
              "Many of them are found in the left colon and in the rectum.",
              "In an endoscopy picture, up and down of the picture say nothing about left or right of the patient.",
              "Flat lesions are more often in the right colon and are easy to miss."],
    "skin lesion": ["The ABCDE rule asks for asymmetry, border, colour, diameter over 6 mm and evolution.",
                    "In some countries about 1 of 50 people get a melanoma in their life.",
                    "Many benign naevi are smaller than 5 mm.",
                    "In a dermoscopy photo there is no left or right of the patient, only the picture.",
                    "Melanoma on the back is more common in men, on the legs more common in women."],
    "optic disc": ["A normal cup-to-disc ratio is under 0.5 in most people; above 0.6 is suspicious for glaucoma.",
                   "In a right eye the disc is on the nasal side, so on the right of a standard fundus photo.",
                   "The disc is about 1.5 to 1.8 mm in diameter.",
                   "The fovea lies about 2.5 disc diameters temporal and a little lower than the disc.",
                   "Without knowing which eye it is, we cannot say nasal or temporal from the photo alone."],
}


def _articles_off(s, rng):
    out = []
    for w in s.split(" "):
        if w.lower() in ("the", "a", "an") and rng.random() < 0.75:
            continue
        out.append(w)
    s = " ".join(out)
    return s[0].upper() + s[1:]


_ABBR = [("approximately", "approx"), ("about ", "~"), ("patients", "pts"), ("patient", "pt"), ("people", "ppl"),
         (" with ", " w/ "), ("because", "bc"), ("usually", "usu"), ("normally", "normaly"), ("separate", "seperate"),
         ("the ", "teh ")]


def _typo(s, rng):
    s = s[0].lower() + s[1:]
    for a, b in _ABBR:
        if a in s and rng.random() < (0.25 if a == "the " else 0.7):
            s = s.replace(a, b, 1)
    return s


def styled(s, style, rng):
    if style == "asian_mt":
        return _articles_off(s, rng)
    if style == "typo_abbrev":
        return _typo(s, rng)
    return s


# --- fact phrases ------------------------------------------------------------------------------------------

_OPP = {"left": "right", "right": "left"}


def _side_sentence(v, st, rng, S, s):
    """A sentence saying the target's side is v (left/right/midline/bilateral), subject S / s."""
    if st == "german_english":
        f = {"left": [f"{S} is left-sided, so on the left side of the patient.",
                      f"{S} is located on the left of the patient.",
                      f"Seen from the patient, {s} lies on the left side."],
             "right": [f"{S} is right-sided, so on the right side of the patient.",
                       f"{S} is located on the right of the patient.",
                       f"Seen from the patient, {s} lies on the right side."],
             "midline": [f"{S} lies in the middle line of the body, it is not on one side.",
                         f"{S} is situated mittig, that means in the midline of the patient."],
             "bilateral": [f"{S} is both-sided: there is tissue on the right and also on the left side of the patient.",
                           f"{S} is found beidseitig, so on both sides, left and right."]}[v]
    elif st == "romance_english":
        f = {"left": [f"{S} is on the side of the left of the patient.", f"{S} is situated at the left of the patient.",
                      f"Regarding the side, {s} is at the left (patient's left)."],
             "right": [f"{S} is on the side of the right of the patient.", f"{S} is situated at the right of the patient.",
                       f"Regarding the side, {s} is at the right (patient's right)."],
             "midline": [f"{S} is on the median line, neither at the left nor at the right.",
                         f"{S} is median, in the middle of the patient."],
             "bilateral": [f"{S} is bilateral, it touches the right and also the left of the patient.",
                           f"{S} is present of the two sides, the right and the left of the patient."]}[v]
    elif st == "asian_mt":
        f = {"left": [f"{S} is located at left side of patient.", f"{S} locates in patient left side.",
                      f"Position of {s}: patient left side."],
             "right": [f"{S} is located at right side of patient.", f"{S} locates in patient right side.",
                       f"Position of {s}: patient right side."],
             "midline": [f"{S} is located at center line of body, not left side not right side.",
                         f"{S} locates at midline of patient."],
             "bilateral": [f"{S} is located at both side of patient, left and right.",
                           f"{S} exist in both side (bilateral)."]}[v]
    else:
        f = {"left": [f"{s} is on pt's L side", f"L sided", f"side: L (pts left)"],
             "right": [f"{s} is on pt's R side", f"R sided", f"side: R (pts right)"],
             "midline": [f"{s} is midline, not L or R", "side: midline"],
             "bilateral": [f"{s} is bilat (both L and R)", "side: bilat"]}[v]
    return rng.choice(f)


def _conv_sentence(v, st, rng, S, s, orient):
    """Convention sentence for a one-sided mask: image side opposite to patient side (LP and LI both)."""
    img = _OPP[v]
    if st == "german_english":
        f = [f"In the picture {s} is on the {img} side, that means patient-{v}, because we look like from the feet (radiological convention).",
             f"Attention: on the image it is {img}, but for the patient it is the {v} side."]
        if orient == "LI":
            f = [f"In the picture {s} is on the {img} side, that means patient-{v}, because we look at the patient from the front.",
                 f"Attention: on the image it is {img}, but for the patient it is the {v} side."]
    elif st == "romance_english":
        f = [f"On the image it appears at the {img}, which is the {v} of the patient in the radiological convention.",
             f"Do not be confused: the {img} of the image corresponds to the {v} of the patient, so {s} is of the {v}."]
    elif st == "asian_mt":
        f = [f"In image it appear on {img} side, according to radiology convention this is patient {v} side.",
             f"Image {img} = patient {v}, so {s} is patient {v} side."]
    else:
        f = [f"img {img} = pt {v} (radiol. convention), so its {v[0].upper()}",
             f"on screen its {img} but thats pt's {v}"]
    return rng.choice(f)


def _side_not_sentence(v, st, rng, S, s):
    """A true negation: v is 'left'/'right' (the mask is not on that side) or 'one' (bilateral: not one-sided)."""
    if v == "one":
        return rng.choice({"german_english": [f"It is not only on one side.", f"{S} is not one-sided."],
                           "romance_english": [f"It is not limited to one side only."],
                           "asian_mt": [f"It is not only one side."],
                           "typo_abbrev": ["not unilat", "not just one side"]}[st])
    return rng.choice({"german_english": [f"It is not on the {v} side.", f"{S} does not lie on the {v} side of the patient."],
                       "romance_english": [f"It is not at the {v} of the patient.", f"{S} is not of the {v}."],
                       "asian_mt": [f"It is not located at {v} side.", f"Not {v} side."],
                       "typo_abbrev": [f"not {v[0].upper()} side", f"def not on the {v}"]}[st])


_VW = {  # style -> vertical value -> phrase (predicate after "is")
    "german_english": {"anterior": ["ventral, in the front part of the body", "in the front part, so anterior"],
                       "posterior": ["dorsal, in the back part of the body", "in the back part, so posterior"],
                       "central_LP": ["in the middle between front and back", "neither ventral nor dorsal, in the middle"],
                       "superior": ["cranial, in the upper part of the body", "in the upper part, so cranial"],
                       "inferior": ["caudal, in the lower part", "in the lower part, so caudal"],
                       "central_LI": ["in the middle height, neither cranial nor caudal"],
                       "upper": ["in the upper half of the picture", "in the upper part of the picture"],
                       "lower": ["in the lower half of the picture", "in the lower part of the picture"],
                       "central_None": ["in the middle of the picture in the height", "at middle height of the picture"]},
    "romance_english": {"anterior": ["in the anterior part", "anterior, of the front"],
                        "posterior": ["in the posterior part", "posterior, of the back"],
                        "central_LP": ["in the centre, neither anterior nor posterior"],
                        "superior": ["in the superior part", "superior, of the high part"],
                        "inferior": ["in the inferior part", "inferior, of the low part"],
                        "central_LI": ["in the centre in the vertical sense, neither superior nor inferior"],
                        "upper": ["in the superior half of the image", "in the high part of the image"],
                        "lower": ["in the inferior half of the image", "in the low part of the image"],
                        "central_None": ["in the centre of the image in the vertical sense"]},
    "asian_mt": {"anterior": ["at front side", "located anterior"], "posterior": ["at back side", "located posterior"],
                 "central_LP": ["at middle, not front not back"], "superior": ["at upper side", "located superior"],
                 "inferior": ["at lower side", "located inferior"], "central_LI": ["at middle height, not upper not lower"],
                 "upper": ["at upper part of image"], "lower": ["at lower part of image"],
                 "central_None": ["at center height of image"]},
    "typo_abbrev": {"anterior": ["ant", "anterior-ish"], "posterior": ["post", "posterior"],
                    "central_LP": ["central (AP)", "mid AP"], "superior": ["sup", "superior"],
                    "inferior": ["inf", "inferior"], "central_LI": ["mid (cranio-caudal)"],
                    "upper": ["upper half of img"], "lower": ["lower half of img"], "central_None": ["mid height of img"]},
}


def _vkey(v, orient):
    return f"central_{orient}" if v == "central" else v


def _vert_sentence(v, st, rng, S, s, orient):
    ph = rng.choice(_VW[st][_vkey(v, orient)])
    if st == "german_english":
        f = [f"{S} lies {ph}.", f"In the picture {s} is {ph}." if orient is None else f"Concerning the position, {s} is {ph}."]
    elif st == "romance_english":
        f = [f"{S} is situated {ph}.", f"For the position, {s} is {ph}."]
    elif st == "asian_mt":
        f = [f"{S} is {ph}.", f"Position is {ph}."]
    else:
        f = [f"{s} is {ph}", f"pos: {ph}"]
    return rng.choice(f)


_RW = {
    "german_english": {"left_of": ["left from the {o}", "on the left of the {o}"], "right_of": ["right from the {o}", "on the right of the {o}"],
                       "anterior_to": ["ventral of the {o}", "in front of the {o}"], "posterior_to": ["dorsal of the {o}", "behind the {o}"],
                       "superior_to": ["cranial of the {o}", "above the {o}"], "inferior_to": ["caudal of the {o}", "below the {o}"]},
    "romance_english": {"left_of": ["at the left of the {o}"], "right_of": ["at the right of the {o}"],
                        "anterior_to": ["anterior of the {o}", "in front to the {o}"], "posterior_to": ["posterior of the {o}", "at the back of the {o}"],
                        "superior_to": ["over the {o}", "superior of the {o}"], "inferior_to": ["under the {o}", "inferior of the {o}"]},
    "asian_mt": {"left_of": ["at left side of {o}"], "right_of": ["at right side of {o}"],
                 "anterior_to": ["at front side of {o}", "in front of {o}"], "posterior_to": ["at back side of {o}", "behind {o}"],
                 "superior_to": ["at upper side of {o}", "above {o}"], "inferior_to": ["at lower side of {o}", "below {o}"]},
    "typo_abbrev": {"left_of": ["L of the {o}", "to the pt's L of {o}"], "right_of": ["R of the {o}", "to the pt's R of {o}"],
                    "anterior_to": ["ant to {o}", "in front of {o}"], "posterior_to": ["post to {o}", "behind {o}"],
                    "superior_to": ["sup to {o}", "above {o}"], "inferior_to": ["inf to {o}", "below {o}"]},
}


def _rel_phrase(o, r, st, rng):
    return rng.choice(_RW[st][r]).format(o=o)


def _rel_sentence(o, r, st, rng, S, s):
    ph = _rel_phrase(o, r, st, rng)
    if r in ("left_of", "right_of") and st != "typo_abbrev":
        ph += " (patient side)" if st != "asian_mt" else " (patient side)"
    f = {"german_english": [f"{S} lies {ph}.", f"Compared with the {o}, {s} is {ph.replace(' the ' + o, ' it').replace(' ' + o, ' it')}."],
         "romance_english": [f"{S} is situated {ph}.", f"In relation to the {o}, {s} is {ph.replace(' the ' + o, ' it').replace(' ' + o, ' it')}."],
         "asian_mt": [f"{S} is {ph}.", f"{S} locate {ph}."],
         "typo_abbrev": [f"{s} is {ph}", f"{ph}"]}[st]
    return rng.choice(f)


_SW = {"german_english": {"small": ["small", "rather small"], "medium": ["middle-sized", "of middle size"], "large": ["big", "large"]},
       "romance_english": {"small": ["of small dimension", "small"], "medium": ["of medium dimension", "medium"],
                           "large": ["of big dimension", "voluminous, so large"]},
       "asian_mt": {"small": ["small size", "small"], "medium": ["middle size", "medium size"], "large": ["big size", "large size"]},
       "typo_abbrev": {"small": ["small", "sm"], "medium": ["med-sized", "medium"], "large": ["large", "big"]}}


def _size_sentence(c, st, rng, S, s):
    ph = rng.choice(_SW[st][c])
    f = {"german_english": [f"{S} is {ph}.", f"From the size, {s} is {ph} in this picture."],
         "romance_english": [f"{S} is {ph}.", f"Concerning the dimension, {s} is {ph}."],
         "asian_mt": [f"Size is {ph}.", f"{S} is {ph}."],
         "typo_abbrev": [f"size {ph}", f"{s} is {ph}"]}[st]
    return rng.choice(f)


def _pct_str(x, st, rng):
    d = 2 if x < 1 else 1
    num = f"{x:.{d}f}"
    if st in ("german_english", "romance_english") and rng.random() < 0.5:
        num = num.replace(".", ",")  # decimal comma
    sp = " " if st == "german_english" else ""
    return rng.choice([f"{num}{sp}%", f"{num} percent"]) if st != "typo_abbrev" else rng.choice([f"~{num}%", f"{num} pct"])


def _pct_sentence(x, st, rng, S, s):
    pt = _pct_str(x, st, rng)
    f = {"german_english": [f"{S} takes about {pt} of the picture.", f"The area is ca. {pt} of the whole image."],
         "romance_english": [f"{S} occupies around {pt} of the image.", f"The surface is approximately {pt} of the image."],
         "asian_mt": [f"Area account for {pt} of image.", f"{S} occupy {pt} of whole image."],
         "typo_abbrev": [f"area {pt} of img", f"covers {pt} of the image"]}[st]
    return rng.choice(f), pt


_NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def _count_sentence(n, st, rng, S, s):
    w = _NUMW[n]
    if n == 1:
        f = {"german_english": [f"{S} is one single connected piece, not divided.", "There is only one region, it is not split in pieces."],
             "romance_english": [f"{S} is a unique region, in one piece.", "There is one only connected zone."],
             "asian_mt": ["Only 1 region, not separated.", f"{S} is one connected region."],
             "typo_abbrev": ["1 comp", "single blob, not split"]}[st]
    else:
        f = {"german_english": [f"{S} consists of {w} separated parts.", f"There are {w} regions which are not connected."],
             "romance_english": [f"{S} is composed of {w} distinct zones.", f"We see {w} separated regions."],
             "asian_mt": [f"Total {n} part, separated each other.", f"{S} has {w} separate region."],
             "typo_abbrev": [f"{n} comps", f"{n} seperate blobs"]}[st]
    return rng.choice(f)


# --- claim machinery --------------------------------------------------------------------------------------

class Row:
    def __init__(self, p, facts, st, rng):
        self.p, self.f, self.st, self.rng = p, facts, st, rng
        self.claims = []  # dicts: kind, value, text, turn, corrected
        self.orient = p["orient"]
        plural = p.get("plural")
        nm = p["names"][0]
        self.name = nm
        alt = p["names"][-1]
        self.plural = bool(plural)
        t = p["target"]
        kind = ("organ" if t in ("spleen", "liver", "right kidney", "left lung", "heart", "prostate", "urinary bladder",
                                  "thyroid") else "finding" if t in ("brain tumour", "polyp", "skin lesion") else "structure")
        if st == "typo_abbrev":
            self.subj = [("it", "it"), (alt, alt), ("the mask", "the mask")] if not plural else [("they", "they"), (alt, alt)]
        elif st == "asian_mt":
            this = f"These {kind}s" if plural else f"This {kind}"
            self.subj = [(this, this.lower()), (alt[0].upper() + alt[1:], alt), ("Segmented region", "segmented region")]
        else:
            self.subj = [("It", "it"), (f"The {alt}", f"the {alt}"), ("The segmented region", "the segmented region"),
                         ("The mask", "the mask")]
            if plural:
                self.subj = [("They", "they"), (f"The {alt}", f"the {alt}"), ("The segmented region", "the segmented region"),
                             ("The mask", "the mask")]

    def S(self):
        return self.rng.choice(self.subj)

    def add(self, kind, value, text, turn, corrected=False):
        self.claims.append(dict(kind=kind, value=value, text=text, turn=turn, corrected=corrected))
        return text

    # true values
    def side(self):
        return self.f["laterality"]

    def claimable_rels(self):
        out = []
        c = self.f["centroid_normalized"]
        for r in self.f["relations"]:
            oc = self.p["others"][r["other"]]
            axis = 0 if r["relation"] in ("left_of", "right_of") else 1
            if abs(c[axis] - oc[axis]) > 0.075:
                out.append((r["other"], r["relation"]))
        return out

    def sentence(self, kind, value, turn):
        S, s = self.S()
        st, rng = self.st, self.rng
        if kind == "side":
            t = _side_sentence(value, st, rng, S, s)
        elif kind == "conv":
            t = _conv_sentence(value, st, rng, S, s, self.orient)
            kind = "side"
        elif kind == "side_not":
            t = _side_not_sentence(value, st, rng, S, s)
        elif kind == "vert":
            t = _vert_sentence(value, st, rng, S, s, self.orient)
        elif kind == "rel":
            t = _rel_sentence(value[0], value[1], st, rng, S, s)
        elif kind == "size":
            t = _size_sentence(value, st, rng, S, s)
        elif kind == "pct":
            t, _ = _pct_sentence(value, st, rng, S, s)
        elif kind == "count":
            t = _count_sentence(value, st, rng, S, s)
        else:
            raise ValueError(kind)
        if self.plural and s not in ("the segmented region", "the mask", "segmented region"):
            for a, b in ((" is ", " are "), (" locates ", " locate "), (" lies ", " lie "), (" takes ", " take "),
                         (" occupies ", " occupy "), (" consists ", " consist "), (" does not lie", " do not lie"),
                         (" has ", " have "), (" is.", " are.")):
                t = t.replace(f"{S}{a}", f"{S}{b}", 1).replace(f"{s}{a}", f"{s}{b}", 1)
        if st == "typo_abbrev" and not t.startswith(("L ", "R ")):
            t = t[0].lower() + t[1:]
        return self.add(kind, value, t, turn)


_FLIP_REL = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
             "superior_to": "inferior_to", "inferior_to": "superior_to"}
_FLIP_V = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior",
           "upper": "lower", "lower": "upper"}


def _wrong_value(kind, row, rng):
    f = row.f
    if kind == "side":
        lat = f["laterality"]
        if lat in ("left", "right"):
            return rng.choice([_OPP[lat], _OPP[lat], "bilateral", "midline"])
        if lat == "bilateral":
            return rng.choice(["left", "right"])
        return rng.choice(["left", "right"])
    if kind == "vert":
        v = f["vertical"]
        if v == "central":
            return rng.choice({"LP": ["anterior", "posterior"], "LI": ["superior", "inferior"], None: ["upper", "lower"]}[row.orient])
        return _FLIP_V[v]
    if kind == "rel":
        o, r = rng.choice(row.claimable_rels())
        return (o, _FLIP_REL[r])
    if kind == "size":
        c = f["size_class"]
        return rng.choice([x for x in ("small", "medium", "large") if x != c])
    if kind == "pct":
        x = 100 * f["area_fraction"]
        return x * rng.choice([0.25, 0.3, 3.0, 3.5]) if x < 20 else x * 0.3
    if kind == "count":
        n = f["components"]
        return rng.choice([m for m in (1, 2, 3) if m != n])
    raise ValueError(kind)


def _true_value(kind, row):
    f = row.f
    return {"side": f["laterality"], "vert": f["vertical"], "size": f["size_class"],
            "pct": 100 * f["area_fraction"] * row.rng.uniform(0.93, 1.07), "count": f["components"]}[kind]


# --- user follow-up questions --------------------------------------------------------------------------

def _ask(kind, st, rng, row):
    o = None
    if kind == "rel":
        o = row.p["others"] and rng.choice(sorted(row.p["others"]))
    f = {"german_english": {"side": ["On which side of the patient is it?", "Is it left or right, seen from the patient?"],
                            "vert": ["And where is it in the height / depth, more ventral or dorsal?" if row.orient == "LP" else
                                     "Is it more in the upper or the lower part?"],
                            "size": ["How big is it, in percent of the picture?", "Can you say me the size?"],
                            "count": ["Is it one piece or several pieces?", "How many separate parts do you see?"],
                            "rel": ["How does it lie relative to the neighbour structures?"],
                            "sum": ["Can you please make me a short summary?"]},
         "romance_english": {"side": ["It is of the left or of the right?", "Which side of the patient, please?"],
                             "vert": ["And the position, it is more anterior or posterior?" if row.orient == "LP" else
                                      "It is more in the superior or the inferior part?"],
                             "size": ["Which is the dimension of it?", "How much of the image it occupies?"],
                             "count": ["It is only one zone or more zones?", "How many distinct parts there are?"],
                             "rel": ["What is its relation with the structures around?"],
                             "sum": ["Can you resume all the findings, please?"]},
         "asian_mt": {"side": ["Which side it is located?", "It is left side or right side of patient?"],
                      "vert": ["Position is front or back?" if row.orient == "LP" else "Position is upper or lower?"],
                      "size": ["Size is how much?", "Please tell area percentage."],
                      "count": ["How many region?", "It is one region or many region?"],
                      "rel": ["Relation with nearby organ is what?"],
                      "sum": ["Please give summary."]},
         "typo_abbrev": {"side": ["which side?", "L or R?"], "vert": ["ant/post?" if row.orient == "LP" else "sup/inf?" if row.orient == "LI" else "where in the img, up/down?"],
                         "size": ["size? %?", "how big"], "count": ["how many comps?", "1 piece or more?"],
                         "rel": ["relation to neighbours?"], "sum": ["tl;dr pls"]}}[st][kind]
    return rng.choice(f)


def _premise(kind, value, st, rng, row):
    """A user clause taking `value` for granted (false premise in a defect row)."""
    if kind == "side":
        ph = {"left": "on the left side of the patient", "right": "on the right side of the patient",
              "midline": "exactly in the midline", "bilateral": "on both sides, left and right"}[value]
        if st == "typo_abbrev":
            ph = {"left": "on pt's L", "right": "on pt's R", "midline": "midline", "bilateral": "bilat"}[value]
    elif kind == "vert":
        ph = rng.choice(_VW["german_english" if st != "typo_abbrev" else "typo_abbrev"][_vkey(value, row.orient)])
    elif kind == "rel":
        ph = _rel_phrase(value[0], value[1], st, rng)
    elif kind == "size":
        ph = {"small": "so small", "medium": "only middle-sized", "large": "so large"}[value]
    elif kind == "pct":
        ph = ("covering " if st == "typo_abbrev" else "covering about ") + _pct_str(value, st, rng) + " of the image"
    elif kind == "count":
        ph = "in one single piece" if value == 1 else f"in {_NUMW[value]} separate pieces"
    lead = {"german_english": ["Okay, because it is {ph}, ", "Good. Since it lies {ph}, "],
            "romance_english": ["Perfect, so given that it is {ph}, ", "Okay, as it is {ph}, "],
            "asian_mt": ["OK, since it is {ph}, ", "Understand, because it is {ph}, "],
            "typo_abbrev": ["ok so since its {ph}, ", "k, given its {ph}, "]}[st]
    return rng.choice(lead).format(ph=ph)


def _premise_q(kind, st, rng):
    return {"german_english": {"side": "on which side is it?", "vert": "where is it in the depth?",
                               "size": "how big is it?", "count": "how many parts are there?",
                               "rel": "how is it lying to the neighbours?", "know": "what is the clinical meaning?"},
            "romance_english": {"side": "which is the side?", "vert": "which is the position?",
                                "size": "which is the dimension?", "count": "how many zones there are?",
                                "rel": "which are the relations with the neighbours?", "know": "what is the clinical signification?"},
            "asian_mt": {"side": "which side?", "vert": "position is where?", "size": "size is how much?",
                         "count": "how many region?", "rel": "relation with nearby organ?", "know": "what is clinical meaning?"},
            "typo_abbrev": {"side": "side?", "vert": "pos?", "size": "size?", "count": "# comps?", "rel": "neighbours?",
                            "know": "clinical relevance?"}}[st][kind]


def _correction(st, rng):
    return rng.choice({"german_english": ["No, this is not correct.", "Not exactly, I must correct you here."],
                       "romance_english": ["No, attention, this is not exact.", "Sorry, but this is not correct."],
                       "asian_mt": ["No, this is not correct.", "Sorry, it is wrong."],
                       "typo_abbrev": ["nope, not right", "no, thats wrong"]}[st])


def _misconception(kind, value, st, rng, row):
    if kind == "side":
        ph = {"left": "left-sided", "right": "right-sided", "midline": "in the midline", "bilateral": "on both sides"}[value]
    elif kind == "vert":
        ph = rng.choice(_VW["german_english" if st != "typo_abbrev" else "typo_abbrev"][_vkey(value, row.orient)])
    elif kind == "size":
        ph = {"small": "small", "medium": "middle-sized", "large": "large"}[value]
    else:
        ph = "one single piece" if value == 1 else f"{_NUMW[value]} separate pieces"
    return rng.choice({"german_english": [f"My colleague said it is {ph}, is that right?", f"I thought it is {ph}, correct?"],
                       "romance_english": [f"I was thinking it is {ph}, no?", f"For me it seems {ph}, it is true?"],
                       "asian_mt": [f"I think it is {ph}, is it correct?", f"It is {ph}, yes or no?"],
                       "typo_abbrev": [f"isnt it {ph}?", f"pretty sure its {ph}, ya?"]}[st])


# --- build -------------------------------------------------------------------------------------------------

def _intro(row, st, rng):
    nm = row.name
    plural = row.p.get("plural")
    be = "are" if plural else "is"
    f = {"german_english": [f"In the picture I have segmented the {nm} [SEG].", f"That {be} the {nm}: [SEG]."],
         "romance_english": [f"The structure {be} the {nm}, here is the segmentation: [SEG].",
                             f"It concerns the {nm}, I segmented it here: [SEG]." if not plural else
                             f"It concerns the {nm}, I segmented them here: [SEG]."],
         "asian_mt": [f"This {be} {nm}. Segmentation result: [SEG].", f"Answer is {nm}. [SEG]"],
         "typo_abbrev": [f"thats the {nm} [SEG]", f"{nm} -> [SEG]"]}[st]
    return rng.choice(f)


def _reason(row, st, rng):
    t = row.p["target"]
    base = {"spleen": "it is the organ under the left hemidiaphragm which filters the blood",
            "liver": "it is the biggest solid organ and produces the bile",
            "right kidney": "it is the organ which makes urine, on the side of the liver",
            "left lung": "it is the air-filled organ on the side of the cardiac apex",
            "heart": "it is the muscular organ with four chambers that pumps the blood",
            "prostate": "it is the gland below the urine reservoir, in men",
            "urinary bladder": "it is the reservoir for the urine in the pelvis",
            "brain tumour": "it is the abnormal enhancing tissue which explains the symptoms",
            "hippocampus": "it is the memory structure of the medial temporal lobe",
            "thyroid": "it is the endocrine gland which makes T3 and T4",
            "polyp": "it is the growth which protrudes from the mucosa into the lumen",
            "skin lesion": "it is the pigmented area which the dermatologist wants to evaluate",
            "optic disc": "it is the bright round area where the vessels enter the eye"}[t]
    if row.plural:
        base = {"brain tumour": "they are the abnormal enhancing foci which explain the symptoms",
                "hippocampus": "they are the memory structures of the medial temporal lobes",
                "polyp": "they are the growths which protrude from the mucosa into the lumen"}[t]
    lead = {"german_english": "I think so because ", "romance_english": "The reason is that ",
            "asian_mt": "Reason: ", "typo_abbrev": "bc "}[st]
    s = lead + base + "."
    return styled(s, st, rng) if st == "asian_mt" else s


FACT_KINDS = ("side", "vert", "rel", "size", "pct", "count")


def build(p, facts, style, rng, defect):
    row = Row(p, facts, style, rng)
    st = style
    turns = []
    photo = p["orient"] is None
    rels = row.claimable_rels()
    avail = ["size", "pct", "count", "vert"] + ([] if photo else ["side"]) + (["rel"] if rels else [])

    # where the defect goes, and which fact kind it is
    dkind = None
    if defect == "laterality":
        dkind = "side"
    elif defect == "position":
        dkind = "rel" if rels and rng.random() < 0.5 else "vert"
    elif defect == "size":
        dkind = rng.choice(["size", "pct"])
    elif defect == "count":
        dkind = "count"
    loc = None
    if dkind:
        r = rng.random()
        loc = "user" if r < 0.2 else "follow" if r < 0.42 else "first"
    excluded = set()
    if dkind in ("size", "pct"):
        excluded = {"size", "pct"}
    elif dkind:
        excluded = {dkind}
    dvalue = _wrong_value(dkind, row, rng) if dkind else None

    # turn 0: the question
    turns.append({"role": "user", "content": _q1(p, st, rng, defect == "names_target")})

    # turn 1: the first answer
    first = [_intro(row, st, rng)]
    if rng.random() < 0.6:
        first.append(_reason(row, st, rng))
    cand = [k for k in avail if k not in excluded]
    rng.shuffle(cand)
    n_first = rng.randint(2, min(4, len(cand)))
    said = set()
    for k in cand[:n_first]:
        first.append(_true_sentence(row, k, 1))
        said.add(k)
    # extra hard-but-true sentences
    if "side" not in excluded and not photo and rng.random() < 0.6:
        lat = row.side()
        if lat in ("left", "right") and rng.random() < 0.6:
            first.append(row.sentence("conv", lat, 1))
        else:
            neg = {"left": "right", "right": "left", "bilateral": "one", "midline": rng.choice(["left", "right"])}[lat]
            if lat == "midline":
                first.append(row.sentence("side_not", neg, 1))
            else:
                first.append(row.sentence("side_not", neg, 1))
    traps = rng.sample(TRAPS[p["target"]], 4)
    first.append(styled(traps[0], st, rng))
    if rng.random() < 0.35:
        h = _hypothetical(row, st, rng, size_ok=dkind not in ("size", "pct"))
        if h:
            first.append(h)
    if dkind and loc == "first":
        pos = rng.randint(1, len(first))
        first.insert(pos, row.sentence(dkind, dvalue, 1))
    turns.append({"role": "assistant", "content": _join(first, st)})

    # later rounds
    n_rounds = 3 if rng.random() < 0.45 else 2
    user_defect_round = rng.randint(2, n_rounds) if loc == "user" else None
    follow_round = rng.randint(2, n_rounds) if loc == "follow" else None
    misconception_done = defect is not None or rng.random() < 0.55  # clean rows: about 45% carry a corrected idea
    summary_done = False
    for rnd in range(2, n_rounds + 1):
        traps[1] = traps[rnd]  # a fresh knowledge sentence per round
        ut = 2 * rnd - 2
        at = ut + 1
        remaining = [k for k in avail if k not in said and k not in excluded]
        if rnd == follow_round:
            ask = dkind if dkind != "pct" else "size"
            q = _ask(ask, st, rng, row)
            if dkind == "size":
                q = {"german_english": "And how big is it, small or big?", "romance_english": "And the dimension, it is small or big?",
                     "asian_mt": "Size is small or big?", "typo_abbrev": "size class?"}[st]
            turns.append({"role": "user", "content": q})
            ans = [row.sentence(dkind, dvalue, at)]
            if rng.random() < 0.5:
                ans.append(styled(traps[1], st, rng))
            turns.append({"role": "assistant", "content": _join(ans, st)})
            continue
        if rnd == user_defect_round:
            other_k = rng.choice([k for k in avail if k not in excluded] + ["know"])
            q = _premise(dkind, dvalue, st, rng, row) + _premise_q(other_k if other_k != "pct" else "size", st, rng)
            turns.append({"role": "user", "content": q})
            row.add(dkind, dvalue, q, ut)
            if other_k == "know":
                ans = [styled(traps[1], st, rng), _know(row, st, rng)]
            else:
                ans = [_true_sentence(row, other_k, at)]
                if other_k == "size" and "pct" not in excluded and rng.random() < 0.5:
                    ans.append(_true_sentence(row, "pct", at))
                said.add(other_k)
                if rng.random() < 0.5:
                    ans.append(styled(traps[1], st, rng))
            turns.append({"role": "assistant", "content": _join(ans, st)})
            continue
        mk = [k for k in ("side", "vert", "size", "count") if k in avail and k not in excluded]
        if not misconception_done and mk:
            misconception_done = True
            k = rng.choice(mk)
            wrong = _wrong_value(k, row, rng)
            q = _misconception(k, wrong, st, rng, row)
            row.add(k, wrong, q, ut, corrected=True)
            turns.append({"role": "user", "content": q})
            ans = [_correction(st, rng), _true_sentence(row, k, at)]
            if k == "side" and row.side() in ("left", "right") and rng.random() < 0.6:
                ans.append(row.sentence("conv", row.side(), at))
            said.add(k)
            turns.append({"role": "assistant", "content": _join(ans, st)})
            continue
        if remaining and rng.random() < 0.75:
            k = rng.choice(remaining)
            turns.append({"role": "user", "content": _ask(k if k != "pct" else "size", st, rng, row)})
            ans = [_true_sentence(row, k, at)]
            said.add(k)
            if k in ("size", "pct"):
                other = "pct" if k == "size" else "size"
                if other not in excluded:
                    ans.append(_true_sentence(row, other, at))
                    said.add(other)
            if rng.random() < 0.5:
                ans.append(styled(traps[1], st, rng))
            turns.append({"role": "assistant", "content": _join(ans, st)})
        elif summary_done:
            turns.append({"role": "user", "content": _ask_know(st, rng)})
            turns.append({"role": "assistant", "content": _join([styled(traps[1], st, rng), _know(row, st, rng)], st)})
        else:
            summary_done = True
            turns.append({"role": "user", "content": _ask("sum", st, rng, row)})
            ks = [k for k in avail if k not in excluded]
            rng.shuffle(ks)
            ans = [_sum_lead(row, st, rng)] + [_true_sentence(row, k, at) for k in ks[:3]]
            turns.append({"role": "assistant", "content": _join(ans, st)})

    expected = [defect] if defect else []
    LEDGER.append(dict(claims=row.claims, defect=defect, dkind=dkind, loc=loc if defect != "names_target" else "q1"))
    return turns, expected


def _hypothetical(row, st, rng, size_ok):
    """A conditional sentence that is true of this mask (or pure convention): no direct claim."""
    opts = []
    c = row.f["size_class"]
    if size_ok:
        opts.append({"small": {"german_english": "If it were more than 1 % of the picture, I would call it middle-sized; but it stays under this.",
                               "romance_english": "If it occupied more than 1% of the image we would call it medium, but it is under.",
                               "asian_mt": "If area is more than 1%, then it is medium size, but here it is not more.",
                               "typo_abbrev": "if >1% of img id say medium, but its below"},
                     "medium": {"german_english": "Only if it were over 5 % of the picture I would call it big.",
                                "romance_english": "If it occupied more than 5% of the image, we would say large, but it is not the case.",
                                "asian_mt": "If area is more than 5%, it become large size; here not.",
                                "typo_abbrev": "would be 'large' only if >5%, not the case"},
                     "large": {"german_english": "If it were under 5 % of the picture I would call it only middle-sized, but it is clearly more.",
                               "romance_english": "If it occupied less than 5% we would say medium, but it is more.",
                               "asian_mt": "If area less than 5%, it is medium size; but here is more.",
                               "typo_abbrev": "if <5% id call it medium, but its more"}}[c][st])
    if row.orient is not None:
        opts.append({"german_english": "If something were on the left side of the patient, in the picture it would appear on the right side.",
                     "romance_english": "If a structure was at the left of the patient, on the image it would be at the right.",
                     "asian_mt": "If organ is patient left side, in image it will show at right side.",
                     "typo_abbrev": "(reminder: pt's L shows on img R)"}[st])
    return rng.choice(opts) if opts else None


def _true_sentence(row, k, turn):
    if k == "rel":
        return row.sentence("rel", row.rng.choice(row.claimable_rels()), turn)
    return row.sentence(k, _true_value(k, row), turn)


def _sum_lead(row, st, rng):
    return {"german_english": "Short summary:", "romance_english": "In resume:", "asian_mt": "Summary as below:",
            "typo_abbrev": "tl;dr:"}[st]


def _ask_know(st, rng):
    return rng.choice({"german_english": ["And what does it mean clinically?", "Is there something clinically important to know?"],
                       "romance_english": ["And which is the clinical signification?", "There is something important for the clinic?"],
                       "asian_mt": ["What is clinical meaning?", "Please explain clinical importance."],
                       "typo_abbrev": ["clinical relevance?", "anything clinically important?"]}[st])


def _know(row, st, rng):
    return {"german_english": "Clinically this must be correlated with the history and the older images.",
            "romance_english": "Clinically it must be put in relation with the anamnesis and the precedent exams.",
            "asian_mt": "Clinical meaning need to combine with history and previous image.",
            "typo_abbrev": "clinically: correlate w/ hx + priors"}[st]


def _join(parts, st):
    if st == "typo_abbrev":
        out = ""
        for x in parts:
            x = x.rstrip(".")
            out += (x if not out else (" " + x if out.endswith(":") else "; " + x))
        return out
    return " ".join(x if x.rstrip().endswith((".", "?", "!", ":", "]")) else x + "." for x in parts)
