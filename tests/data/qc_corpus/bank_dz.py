"""Bank DZ: 2D images - photos, films and ultrasound. Written without reading QC.

Targets (dataset labels): polyp (one to three pieces, endoscopy), skin lesion (dermoscopy, one with a
satellite), optic disc and optic cup (fundus photo, modality "other"), cell nuclei (microscopy, four to
twelve pieces), thyroid nodule (one or two) and breast lesion (ultrasound, modality "US"), all with
orientation None (laterality "unknown", vertical = image halves upper/lower/central); lungs (bilateral,
two pieces), heart, left clavicle and right clavicle on a PA chest film and the fibula on an AP knee film
(modality "XR", orientation "LI": the patient's left is on the film's right, rows run inferior).

Registers (STYLES): gastro_endoscopist (procedure-note style: Findings / Impression / Plan, clock
positions, Paris class, prep scores), pathology_tutor (explains, counts, gives ranges and magnifications),
mobile_app (short chatty answers, emoji, bullet points), xray_reading_room (terse film reading with PA/AP
conventions, "film's right, patient's left").

Every sentence that says something about the target's side, vertical position, relation to another
structure, size (class or percent) or count is written through one recorder (`_Row.claim`), which keeps a
ledger (`LEDGER`, one entry per `build` call) of what each sentence claims; the writer's own reader
(/work/notes/qcdz_scripts/check_dz.py) re-derives every claim's truth from the facts. Defect rows carry
exactly one false claim of their kind, stated once (the other mentions of that fact are left out); about
1 in 5 sit in a user turn (a premise the assistant goes along with) and about 1 in 5 in a follow-up answer.
Laterality defects land only on X-ray profiles (`pick_profile`); photos get no patient-side words about the
target (only image halves, clock positions, near field / far field).

Own check (check_dz.py on heldout_dz.jsonl, seed 20261257): rows 420, clean 210, defect 210 (42 of each
kind); 2281 claims re-derived from the facts; false claims on clean rows 0 (72 false user ideas, each
corrected in the next answer); defect rows with exactly one false claim of their kind 168/168 (96 in the
first answer, 32 in a follow-up answer, 40 in a user turn); names_target rows naming the target 42/42;
clean first questions naming the target 0; problems 0.
"""

from __future__ import annotations

import json
import math
import random

import numpy as np

STYLES = ["gastro_endoscopist", "pathology_tutor", "mobile_app", "xray_reading_room"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
LEDGER: list[dict] = []   # one entry per build(): the claims each sentence makes (read by the writer's check)
SZ = 256

# ---------------------------------------------------------------------------------------------- profiles

CHEST = {"trachea": (128, 45), "aortic knob": (160, 86), "heart": (150, 160), "right hemidiaphragm": (80, 196),
         "left hemidiaphragm": (178, 206), "right clavicle": (76, 52), "left clavicle": (180, 52)}


def _nuclei(seed: int, n: int, r: tuple[float, float], box: tuple[int, int, int, int]) -> list[list[float]]:
    """n separate ellipses (cx, cy, rx, ry, angle) in box (x0, y0, x1, y1), gaps of at least 7 pixels."""
    g = random.Random(seed)
    out: list[list[float]] = []
    while len(out) < n:
        rx, ry = g.uniform(*r), g.uniform(*r)
        cx, cy = g.uniform(box[0] + rx, box[2] - rx), g.uniform(box[1] + ry, box[3] - ry)
        if all(math.hypot(cx - o[0], cy - o[1]) > max(rx, ry) + max(o[2], o[3]) + 9 for o in out):
            out.append([round(cx, 1), round(cy, 1), round(rx, 1), round(ry, 1), round(g.uniform(0, 180))])
    return out


def _chest(target: str, ell: list, nice: list[str]) -> dict:
    others = {k: v for k, v in CHEST.items() if k != target}
    return {"target": target, "kind": "cxr", "ellipses": ell, "others": others, "nice": nice}


PROFILES: list[dict] = [
    # endoscopy: colon polyps
    {"id": "endo_ur", "target": "polyp", "kind": "endo", "ellipses": [[172, 78, 22, 18, 20]]},
    {"id": "endo_low", "target": "polyp", "kind": "endo", "ellipses": [[122, 182, 46, 36, 0]]},
    {"id": "endo_small", "target": "polyp", "kind": "endo", "ellipses": [[84, 128, 10, 8, 30]]},
    {"id": "endo_two", "target": "polyp", "kind": "endo", "ellipses": [[78, 72, 15, 12, 0], [176, 192, 20, 16, 15]]},
    {"id": "endo_three", "target": "polyp", "kind": "endo",
     "ellipses": [[60, 60, 8, 7, 0], [110, 46, 7, 6, 0], [190, 95, 10, 8, 20]]},
    {"id": "endo_ul", "target": "polyp", "kind": "endo", "ellipses": [[80, 84, 28, 24, -20]]},
    # dermoscopy
    {"id": "derm_c", "target": "skin lesion", "kind": "derm", "ellipses": [[128, 126, 62, 50, 10]]},
    {"id": "derm_ll", "target": "skin lesion", "kind": "derm", "ellipses": [[90, 170, 30, 25, 0]]},
    {"id": "derm_sat", "target": "skin lesion", "kind": "derm", "ellipses": [[140, 118, 50, 42, 0], [58, 204, 9, 8, 0]]},
    {"id": "derm_up", "target": "skin lesion", "kind": "derm", "ellipses": [[152, 78, 33, 28, 30]]},
    # fundus photos
    {"id": "disc_r", "target": "optic disc", "kind": "fundus", "ellipses": [[188, 128, 19, 21, 0]]},
    {"id": "disc_l", "target": "optic disc", "kind": "fundus", "ellipses": [[68, 102, 17, 19, 0]]},
    {"id": "cup_r", "target": "optic cup", "kind": "fundus", "ellipses": [[189, 128, 9, 10, 0]]},
    {"id": "cup_l", "target": "optic cup", "kind": "fundus", "ellipses": [[69, 101, 10, 12, 0]]},
    # microscopy: nuclei
    {"id": "nuc9", "target": "cell nuclei", "kind": "micro", "ellipses": _nuclei(11, 9, (7, 10), (8, 8, 248, 248))},
    {"id": "nuc12big", "target": "cell nuclei", "kind": "micro", "ellipses": _nuclei(12, 12, (12, 15), (6, 6, 250, 250))},
    {"id": "nuc5up", "target": "cell nuclei", "kind": "micro", "ellipses": _nuclei(13, 5, (8, 11), (10, 14, 246, 100))},
    {"id": "nuc7low", "target": "cell nuclei", "kind": "micro", "ellipses": _nuclei(14, 7, (7, 9), (10, 156, 246, 246))},
    {"id": "nuc4small", "target": "cell nuclei", "kind": "micro", "ellipses": _nuclei(15, 4, (4.5, 6), (20, 20, 236, 236))},
    # ultrasound
    {"id": "thy_up", "target": "thyroid nodule", "kind": "thyroid", "ellipses": [[128, 96, 36, 24, 0]]},
    {"id": "thy_low", "target": "thyroid nodule", "kind": "thyroid", "ellipses": [[140, 168, 50, 38, 0]]},
    {"id": "thy_two", "target": "thyroid nodule", "kind": "thyroid", "ellipses": [[80, 118, 20, 15, 0], [176, 138, 25, 19, 0]]},
    {"id": "br_c", "target": "breast lesion", "kind": "breast", "ellipses": [[128, 130, 38, 23, 0]]},
    {"id": "br_up", "target": "breast lesion", "kind": "breast", "ellipses": [[100, 90, 28, 18, -10]]},
    {"id": "br_low", "target": "breast lesion", "kind": "breast", "ellipses": [[150, 172, 56, 34, 5]]},
    {"id": "br_small", "target": "breast lesion", "kind": "breast", "ellipses": [[172, 126, 10, 8, 0]]},
    # chest X-ray (LI: film's right = patient's left)
    dict(_chest("lungs", [[78, 118, 42, 76, 0], [178, 122, 38, 70, 0]], ["heart", "right hemidiaphragm", "left hemidiaphragm"]), id="lungs_a"),
    dict(_chest("lungs", [[82, 120, 36, 66, 3], [174, 122, 33, 62, -3]], ["heart", "right hemidiaphragm", "left hemidiaphragm"]), id="lungs_b"),
    dict(_chest("heart", [[150, 160, 46, 36, 15]], ["trachea", "aortic knob", "right clavicle"]), id="heart_a"),
    dict(_chest("heart", [[150, 164, 60, 42, 10]], ["trachea", "aortic knob", "left clavicle"]), id="heart_big"),
    dict(_chest("heart", [[148, 158, 33, 28, 10]], ["trachea", "aortic knob", "right clavicle"]), id="heart_small"),
    dict(_chest("left clavicle", [[180, 52, 44, 7, -12]], ["heart", "trachea", "aortic knob"]), id="lclav"),
    dict(_chest("left clavicle", [[182, 55, 36, 5, -10]], ["heart", "trachea", "right clavicle"]), id="lclav_thin"),
    dict(_chest("right clavicle", [[76, 52, 44, 7, 12]], ["heart", "trachea", "aortic knob"]), id="rclav"),
    dict(_chest("right clavicle", [[74, 55, 36, 5, 10]], ["heart", "trachea", "left clavicle"]), id="rclav_thin"),
    # knee X-ray, AP
    {"id": "fib_r", "target": "fibula", "kind": "knee", "knee": "right", "ellipses": [[75, 192, 9, 52, 3]],
     "others": {"femur": (128, 60), "tibia": (122, 192), "patella": (128, 88)}, "nice": ["tibia", "femur", "patella"]},
    {"id": "fib_l", "target": "fibula", "kind": "knee", "knee": "left", "ellipses": [[181, 192, 9, 52, -3]],
     "others": {"femur": (128, 60), "tibia": (134, 192), "patella": (128, 88)}, "nice": ["tibia", "femur", "patella"]},
]

XR_KINDS = ("cxr", "knee")
PHOTO_KINDS = ("endo", "derm", "fundus", "micro", "thyroid", "breast")


def record_for(p: dict) -> dict:
    k = p["kind"]
    return {"endo": {"modality": "endoscopy", "body_region": "colon", "orientation": None},
            "derm": {"modality": "dermoscopy", "body_region": "skin", "orientation": None},
            "fundus": {"modality": "other", "body_region": "eye", "orientation": None},
            "micro": {"modality": "microscopy", "body_region": "tissue", "orientation": None},
            "thyroid": {"modality": "US", "body_region": "neck", "orientation": None},
            "breast": {"modality": "US", "body_region": "breast", "orientation": None},
            "cxr": {"modality": "XR", "body_region": "chest", "orientation": "LI"},
            "knee": {"modality": "XR", "body_region": "knee", "orientation": "LI"}}[k]


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:SZ, 0:SZ].astype(float)
    mask = np.zeros((SZ, SZ), bool)
    for cx, cy, rx, ry, ang in p["ellipses"]:
        cx, cy = cx + rng.uniform(-2, 2), cy + rng.uniform(-2, 2)
        rx, ry = rx * rng.uniform(0.97, 1.03), ry * rng.uniform(0.97, 1.03)
        t = math.radians(ang)
        dx, dy = xx - cx, yy - cy
        u, v = dx * math.cos(t) + dy * math.sin(t), -dx * math.sin(t) + dy * math.cos(t)
        mask |= (u / rx) ** 2 + (v / ry) ** 2 <= 1.0
    others = {k: (x / (SZ - 1), y / (SZ - 1)) for k, (x, y) in p.get("others", {}).items()}
    return compute_facts(mask, record_for(p)["orientation"], others).model_dump(mode="json")


_PREFER = {"gastro_endoscopist": {"endo": 5, "thyroid": 2, "breast": 2, "derm": 2, "fundus": 1, "micro": 1, "cxr": 1, "knee": 1},
           "pathology_tutor": {"micro": 5, "fundus": 3, "derm": 2, "endo": 1, "thyroid": 1, "breast": 1, "cxr": 1, "knee": 1},
           "mobile_app": {"derm": 2, "endo": 2, "fundus": 2, "thyroid": 2, "breast": 2, "micro": 2, "cxr": 2, "knee": 1},
           "xray_reading_room": {"cxr": 6, "knee": 3, "breast": 1, "thyroid": 1, "endo": 1, "derm": 1, "fundus": 1, "micro": 1}}
_COUNTABLE = ("endo_two", "endo_three", "derm_sat", "thy_two", "lungs_a", "lungs_b", "nuc9", "nuc12big", "nuc5up",
              "nuc7low", "nuc4small", "endo_ur", "endo_small", "thy_up", "br_c")


def pick_profile(profiles: list[dict], i: int, defect, rng: random.Random) -> dict:
    """Register-leaning choice; a laterality defect only on an X-ray (photos have no patient side);
    count defects mostly on targets whose pieces people count."""
    style = STYLES[(i // 2) % len(STYLES)]
    pool = profiles
    if defect == "laterality":
        pool = [p for p in profiles if p["kind"] in XR_KINDS]
    elif defect == "count" and rng.random() < 0.8:
        pool = [p for p in profiles if p["id"] in _COUNTABLE]
    weights = [_PREFER[style][p["kind"]] for p in pool]
    return rng.choices(pool, weights=weights, k=1)[0]


# ------------------------------------------------------------------------------------------------ names

NAMES = {  # singular, plural, synonyms usable as subject (singular)
    "polyp": ("polyp", "polyps", ["the lesion", "the polyp"]),
    "skin lesion": ("skin lesion", "skin lesions", ["the lesion", "the pigmented lesion"]),
    "optic disc": ("optic disc", "optic discs", ["the disc", "the optic nerve head"]),
    "optic cup": ("optic cup", "optic cups", ["the cup", "the central cup"]),
    "cell nuclei": ("nucleus", "cell nuclei", []),
    "thyroid nodule": ("thyroid nodule", "thyroid nodules", ["the nodule", "the lesion"]),
    "breast lesion": ("breast lesion", "breast lesions", ["the lesion", "the mass"]),
    "lungs": ("lung", "lungs", []),
    "heart": ("heart", "hearts", ["the cardiac silhouette", "the heart"]),
    "left clavicle": ("left clavicle", "clavicles", ["the clavicle", "the left collarbone"]),
    "right clavicle": ("right clavicle", "clavicles", ["the clavicle", "the right collarbone"]),
    "fibula": ("fibula", "fibulae", ["the fibula", "the proximal fibula"]),
}
ALWAYS_PLURAL = ("cell nuclei", "lungs")

# words a clean first question must not hold (checked by the writer's reader too)
FORBIDDEN = {
    "polyp": ["polyp", "adenoma", "lesion"],
    "skin lesion": ["lesion", "mole", "nevus", "naevus", "melanoma", "skin"],
    "optic disc": ["optic", "disc", "disk", "nerve head", "onh", "papilla", " od "],
    "optic cup": ["optic", "cup", "excavation"],
    "cell nuclei": ["nucle"],
    "thyroid nodule": ["thyroid", "nodul", "lesion", "ti-rads", "tirads"],
    "breast lesion": ["breast", "lesion", "mass", "lump", "bi-rads", "birads", "tumour", "tumor"],
    "lungs": ["lung", "pulmon", "pneum"],
    "heart": ["heart", "cardi", "coronar", "myocard", "pericard"],
    "left clavicle": ["clavic", "collarbone", "collar bone"],
    "right clavicle": ["clavic", "collarbone", "collar bone"],
    "fibula": ["fibul", "perone"],
}

NUMW = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen"]

# ------------------------------------------------------------------------------------- first questions

LEADS = {
    "gastro_endoscopist": {
        "endo": ["Screening colonoscopy, 61F, BBPS 3-3-2, withdrawal 9 min. ", "Surveillance colonoscopy 3 years after "
                 "a piecemeal EMR, frame from the transverse colon. ", "Diagnostic colonoscopy for iron-deficiency "
                 "anaemia, sigmoid at 25 cm. ", "Still from withdrawal, descending colon, prep adequate. "],
        "derm": ["Clinic dermoscopy, 10x contact, polarised. ", "Pre-excision photo, upper back, 52M. "],
        "fundus": ["Pre-op fundus photo, 45-degree field, non-mydriatic. ", "Diabetic screening photo, field 2. "],
        "micro": ["Frozen section, H&E, 40x objective. ", "Touch prep from the resected specimen, 400x. "],
        "thyroid": ["Neck US, transverse sweep, linear 12 MHz probe. ", "Referral for a palpable swelling, 44F, "
                    "linear probe. "],
        "breast": ["Targeted US for a palpable finding at 10 o'clock, 3 cm from the nipple, 47F. ",
                   "Second-look US after MRI, 2 o'clock, 5 cm FN. "],
        "cxr": ["Pre-procedure PA chest film before sedation. ", "PA erect chest, day 1 post-op. "],
        "knee": ["AP knee film before arthroscopy. ", "Pre-procedure AP knee radiograph, weight-bearing. "],
    },
    "pathology_tutor": {
        "endo": ["For my teaching set on colonoscopy: ", "I'm a second-year student looking at this colonoscopy still. "],
        "derm": ["Teaching question on this dermoscopy image: ", "I'm preparing a dermatology quiz. "],
        "fundus": ["Teaching case, colour fundus photograph. ", "I'm learning to read fundus photos. "],
        "micro": ["Here is an H&E field at 400x (scale bar 50 um). ", "Teaching slide, haematoxylin and eosin, "
                  "high-power field. ", "This is a DAPI-stained culture imaged at 20x. "],
        "thyroid": ["Teaching case, ultrasound of the neck. ", "I'm revising ultrasound for exams. "],
        "breast": ["Teaching case, ultrasound image from a symptomatic clinic. ", "I'm revising ultrasound for exams. "],
        "cxr": ["Teaching film, PA chest radiograph of a 30-year-old. ", "I'm learning chest radiographs. "],
        "knee": ["Teaching film, AP radiograph of the knee. ", "I'm learning MSK films. "],
    },
    "mobile_app": {
        "endo": ["hey 👋 my doctor sent me this pic from my colonoscopy 😬 ", "quick q 🙏 this is from my dad's "
                 "colonoscopy. "],
        "derm": ["hi! took this with the dermatoscope clip on my phone 📱 ", "my mom has this on her arm, photo from "
                 "the derm app 👀 "],
        "fundus": ["got this eye photo from the eye doctor 👁️ ", "hey, photo of the back of my eye from my check-up. "],
        "micro": ["doing a biology lab 🔬 ", "hi! microscope pic from my class 🧫 "],
        "thyroid": ["hey, had an ultrasound of my neck today 😅 ", "ultrasound pic from my appointment 🙏 "],
        "breast": ["hi, I felt something firm near the nipple and had an ultrasound 😟 ", "my ultrasound from today, "
                   "a bit nervous 😬 "],
        "cxr": ["hi! got my chest x-ray back 🩻 ", "chest x-ray from urgent care 😷 "],
        "knee": ["knee x-ray from my football injury ⚽ ", "hey, x-ray of my knee 🦵 "],
    },
    "xray_reading_room": {
        "endo": ["Endo still, no history. ", "Colonoscopy frame, outside referral. "],
        "derm": ["Dermoscopy image, no history given. "],
        "fundus": ["Fundus photo, outside referral. "],
        "micro": ["Micrograph, H&E. "],
        "thyroid": ["Neck US still. "],
        "breast": ["US still, outside referral. "],
        "cxr": ["PA chest. ", "AP portable chest, ICU. ", "PA erect, 58M, cough. "],
        "knee": ["AP knee. ", "AP knee, fall from bike. "],
    },
}

CORES = {  # implicit: never the target's name, synonym, abbreviation or adjective
    "polyp": ["which raised growth on the colonic wall would you snare and send for histology",
              "what is the bump protruding into the lumen that could turn into colorectal cancer over ten years",
              "which finding here is the reason I am reaching for the cold snare",
              "what raised mucosal finding should be outlined before removal",
              "what is the thing bulging from the bowel wall that screening colonoscopy is meant to find and remove"],
    "skin lesion": ["what is the pigmented spot you would apply the ABCDE rule to",
                    "which finding here changed colour and grew over the last 6 months according to the patient",
                    "what is the dark area whose border and colour variegation we should assess",
                    "which pigmented finding would go on the excision list if the 7-point checklist scores 3 or more"],
    "optic disc": ["where do the retinal vessels converge and leave the eye",
                   "which structure corresponds to the physiological blind spot",
                   "what is the pale, round area where the retinal nerve fibres exit the globe",
                   "which structure would you check for swelling in raised intracranial pressure"],
    "optic cup": ["which pale central depression enlarges as glaucoma progresses",
                  "what is the central hollow within the disc used for the vertical ratio in glaucoma screening",
                  "which central pale hollow would you outline to track glaucomatous change",
                  "what is the depression at the centre of the nerve head where the neuroretinal rim is absent"],
    "cell nuclei": ["which organelles hold the chromatin and stain dark purple with haematoxylin",
                    "what are the dark round structures that contain each cell's DNA",
                    "which organelles would you count to estimate cellularity in this field",
                    "which structures bind the DAPI or haematoxylin stain inside each cell"],
    "thyroid nodule": ["what is the focal finding in the gland in front of the trachea that would be scored for "
                       "fine-needle aspiration",
                       "which focal finding here would you biopsy if it scored high on the ACR point system",
                       "what is the rounded area in the gland below the larynx that explains the swelling the patient feels",
                       "which focal finding in this neck scan should be measured and followed up"],
    "breast lesion": ["what is the hypoechoic finding the referrer felt on palpation",
                      "which finding here would you describe with shape, margin and orientation before deciding on a core biopsy",
                      "what is the dark oval area that explains the palpable finding",
                      "which finding would you target with the core needle"],
    "lungs": ["which paired organs handle gas exchange",
              "which air-filled organs take up most of the chest on this film",
              "which organs would show consolidation in a chest infection on a film like this",
              "what are the two dark, air-filled regions either side of the mediastinum"],
    "heart": ["which muscular organ sits between the two dark air-filled fields and pumps blood",
              "which organ's silhouette would enlarge in congestive failure",
              "which organ is measured against the thoracic width for the 0.5 ratio rule",
              "which organ forms most of the mediastinal shadow above the diaphragm"],
    "left clavicle": ["which S-shaped bone linking the sternum to the shoulder on the patient's left should I outline",
                      "a cyclist fell on the left shoulder; which long bone at the root of the neck on that side fractures "
                      "most often",
                      "which bone between the manubrium and the acromion on the film's right should be outlined"],
    "right clavicle": ["which S-shaped bone linking the sternum to the shoulder on the patient's right should I outline",
                       "a rider fell onto the right shoulder; which long bone at the root of the neck on that side breaks "
                       "most often",
                       "which bone between the manubrium and the acromion on the film's left should be outlined"],
    "fibula": ["which slender long bone lateral to the tibia should be outlined",
               "which non-weight-bearing bone of the leg, whose head the common nerve winds around, is this",
               "which thin bone beside the shin bone carries only about a sixth of body weight"],
}

CORE_SIDE = {"left clavicle": {0: "left", 1: "left", 2: "left"}, "right clavicle": {0: "right", 1: "right", 2: "right"}}

ASKS = {"gastro_endoscopist": [" Please segment it.", " Segment it, please.", " Outline it for the report."],
        "pathology_tutor": [" Can you segment it and explain?", " Please segment it and walk me through it.",
                            " Could you outline it and explain your reasoning?"],
        "mobile_app": [" can u highlight it? 🙏", " pls outline it 😊", " can you mark it for me?"],
        "xray_reading_room": [" Segment.", " Segment it.", " Outline it."]}

NAMED_Q = {
    "polyp": ["Segment the polyp in this colonoscopy frame.", "Can you outline the polyp here?",
              "Where is the polyp? Please segment it."],
    "skin lesion": ["Segment the skin lesion in this dermoscopy image.", "Please outline the skin lesion."],
    "optic disc": ["Segment the optic disc in this fundus photo.", "Please outline the optic disc."],
    "optic cup": ["Segment the optic cup on this fundus photograph.", "Outline the optic cup, please."],
    "cell nuclei": ["Segment all the cell nuclei in this micrograph.", "Please outline the nuclei in this field."],
    "thyroid nodule": ["Segment the thyroid nodule on this ultrasound.", "Please outline the thyroid nodule."],
    "breast lesion": ["Segment the breast lesion on this ultrasound.", "Please outline the breast mass here."],
    "lungs": ["Segment the lungs on this chest film.", "Please outline both lungs."],
    "heart": ["Segment the heart on this chest X-ray.", "Please outline the cardiac silhouette."],
    "left clavicle": ["Segment the left clavicle on this chest film.", "Outline the left clavicle, please."],
    "right clavicle": ["Segment the right clavicle on this chest film.", "Outline the right clavicle, please."],
    "fibula": ["Segment the fibula on this knee film.", "Please outline the fibula."],
}

# ----------------------------------------------------------------------------------- knowledge sentences
# True, and about no measured fact of THIS mask: other structures, populations, conventions, numbers.

KNOW = {
    "polyp": ["An adenoma detection rate of at least 25% is the usual quality target for screening colonoscopy.",
              "Flat serrated lesions hide most often in the proximal colon, behind folds.",
              "Paris 0-Ip is pedunculated, 0-Is sessile and 0-IIa slightly elevated.",
              "Withdrawal should take at least 6 minutes to keep the miss rate down.",
              "Most colorectal cancers arise from adenomas over roughly 10 years.",
              "Lesions of 20 mm or more usually go to EMR rather than a cold snare.",
              "The large bowel mucosa around it looks unremarkable.",
              "A NICE type 2 surface pattern would favour an adenoma over a hyperplastic lesion."],
    "skin lesion": ["The ABCDE rule covers asymmetry, border, colour, a diameter over 6 mm and evolution.",
                    "About 1 in 5 Americans develop a skin cancer by age 70.",
                    "The 7-point checklist gives 2 points each for an atypical network, blue-white veil and atypical vascular pattern.",
                    "Dermoscopy magnifies about 10 times.",
                    "Seborrhoeic keratoses are often large and look stuck on.",
                    "A blue-white veil would push the score up; I don't see one here."],
    "optic disc": ["In most adults the disc measures about 1.5 to 1.8 mm across.",
                   "The blind spot lies about 15 degrees temporal to fixation.",
                   "The macula sits about 2.5 disc diameters temporal to the disc.",
                   "By the ISNT rule the inferior rim is usually the thickest, then superior, nasal and temporal.",
                   "The central retinal artery and vein enter and leave the eye here.",
                   "A cup-to-disc ratio above 0.6 raises the question of glaucoma."],
    "optic cup": ["A vertical cup-to-disc ratio over 0.6, or a difference of more than 0.2 between the eyes, is suspicious.",
                  "Notching of the inferotemporal rim is an early glaucomatous sign.",
                  "Large discs carry large physiological cups, so cup size is read against disc size.",
                  "By the ISNT rule the inferior rim is usually the thickest and the temporal rim the thinnest.",
                  "About 1 in 50 adults over 40 has glaucoma."],
    "cell nuclei": ["At 400x total magnification a lymphocyte nucleus is about 7 um across.",
                    "Haematoxylin stains nuclei blue-purple and eosin stains the cytoplasm pink.",
                    "Mitotic counts are reported per 10 high-power fields.",
                    "A typical tumour field at 40x can hold 100 to 200 nuclei, so this one is sparse.",
                    "Touching nuclei are the usual reason automatic counts come out low.",
                    "A normal nuclear-to-cytoplasmic ratio is roughly 1:4 to 1:6."],
    "thyroid nodule": ["Ultrasound finds thyroid nodules in up to half of adults, and about 5% of them are malignant.",
                       "TI-RADS gives 0 to 3 points for composition, echogenicity, shape, margin and echogenic foci.",
                       "A taller-than-wide shape on a transverse view is a suspicious feature.",
                       "The isthmus joins the two lobes in front of the trachea.",
                       "The common carotid artery runs lateral to each lobe.",
                       "TR3 nodules are sampled from 2.5 cm and TR5 nodules from 1 cm."],
    "breast lesion": ["Clock positions in breast ultrasound refer to the breast as if facing the patient, not to the screen.",
                      "BI-RADS 4 covers a 2 to 95% likelihood of malignancy.",
                      "Oval, circumscribed, wider-than-tall masses are usually benign (BI-RADS 3, under 2% risk).",
                      "Posterior acoustic shadowing would favour malignancy; enhancement favours a cyst.",
                      "About 1 in 8 women is diagnosed with breast cancer in her lifetime.",
                      "The pectoralis muscle lies deep to the breast tissue, at the bottom of a typical image."],
    "lungs": ["The right lung has three lobes and the left lung two.",
              "The right hemidiaphragm usually sits 1.5 to 2 cm higher than the left.",
              "A good inspiratory film shows 6 anterior or 10 posterior ribs above the diaphragm.",
              "The left lung is a little smaller than the right because the heart takes up room.",
              "On a PA film the patient's left is displayed on the viewer's right."],
    "heart": ["On a PA film a cardiothoracic ratio under 0.5 is normal; AP films magnify the heart by about 15 to 20%.",
              "The right heart border is formed by the right atrium and the left border by the left ventricle.",
              "The aortic knob sits above the left heart border.",
              "Dextrocardia, in about 1 in 12,000 births, puts the heart on the right.",
              "On a PA film the patient's left is displayed on the viewer's right."],
    "left clavicle": ["About 80% of clavicle fractures involve the middle third.",
                      "The medial ends should be equidistant from the spinous processes if the film is not rotated.",
                      "The clavicle is the first bone to ossify, around the fifth week of gestation.",
                      "The right clavicle projects on the film's left.",
                      "On a PA film the patient's left is displayed on the viewer's right."],
    "right clavicle": ["About 80% of clavicle fractures involve the middle third.",
                       "The medial ends should be equidistant from the spinous processes if the film is not rotated.",
                       "The clavicle is the first bone to ossify, around the fifth week of gestation.",
                       "The left clavicle projects on the film's right.",
                       "On a PA film the patient's right is displayed on the viewer's left."],
    "fibula": ["The fibula carries only about 15% of body weight.",
               "The common peroneal nerve winds around the fibular neck.",
               "A Segond fracture is an avulsion of the lateral tibial plateau.",
               "A Maisonneuve injury pairs a medial ankle injury with a proximal fibular fracture.",
               "On an AP film the patient's left is displayed on the viewer's right, as on a chest film."],
}

REASON = {  # (short, tutor) reasoning lines; no measured fact of the mask
    "polyp": ("Raised, rounded contour standing off the mucosa.", "The clue is the rounded contour standing off the "
              "mucosa, with a surface pattern of its own that differs from the flat background."),
    "skin lesion": ("Pigment network distinct from the background.", "It is the pigmented area with a network pattern, "
                    "clearly different from the surrounding skin."),
    "optic disc": ("Vessels converge on it.", "All the retinal vessels converge on it, and it is the brightest round "
                   "structure in the photo."),
    "optic cup": ("Pale central zone where the vessels dip in.", "It is the paler central zone inside the disc where the "
                  "vessels bend as they dip in, bordered by the pink neuroretinal rim."),
    "cell nuclei": ("Dense, dark-staining bodies, one per cell.", "They are the dense, dark-staining round bodies, one per "
                    "cell, because the chromatin takes up the basic dye."),
    "thyroid nodule": ("Focal, well-defined, different echotexture.", "It is a well-defined focal area whose echogenicity "
                       "differs from the surrounding gland parenchyma."),
    "breast lesion": ("Hypoechoic, well-defined.", "It is the hypoechoic, well-defined area that stands out from the "
                      "surrounding fibroglandular tissue."),
    "lungs": ("Air-filled fields either side of the mediastinum.", "They are the dark, air-filled fields either side of "
              "the mediastinum, crossed by vessels and ribs."),
    "heart": ("Soft-tissue density on the diaphragm.", "It is the soft-tissue density between the air-filled fields, "
              "with its borders formed by the atria and ventricles."),
    "left clavicle": ("S-shaped bone, sternum to acromion.", "It is the S-shaped bone running from the manubrium to the "
                      "acromion, crossing the upper ribs."),
    "right clavicle": ("S-shaped bone, sternum to acromion.", "It is the S-shaped bone running from the manubrium to the "
                       "acromion, crossing the upper ribs."),
    "fibula": ("Slender bone alongside the tibia, laterally.", "It is the slender bone running alongside the tibia on its "
               "lateral side, with its head articulating with the tibia."),
}

PLANS = {"endo": ["Plan: cold snare polypectomy, retrieve for histology.", "Plan: remove and send; surveillance per histology.",
                  "Plan: tattoo not needed; resect and retrieve."],
         "derm": ["Plan: excision biopsy with 2 mm margins.", "Plan: short-term digital follow-up in 3 months."],
         "fundus": ["Plan: OCT of the nerve fibre layer and visual fields.", "Plan: repeat photo in 12 months."],
         "micro": ["Next step: count mitoses per 10 HPF.", "Next step: compare with the Ki-67 stain."],
         "thyroid": ["Plan: score by TI-RADS and decide on FNA.", "Plan: follow-up US in 12 months."],
         "breast": ["Plan: US-guided core biopsy, 14G.", "Plan: correlate with mammography, then biopsy if BI-RADS 4."],
         "cxr": ["Impression: no acute cardiopulmonary process.", "Impression: cleared for sedation."],
         "knee": ["Impression: no acute fracture.", "Impression: proceed with arthroscopy."]}

# ------------------------------------------------------------------------------------- claim phrases

VPH = {  # vertical position phrases by scheme
    "photo": {"upper": ["in the upper half of the frame", "toward the top of the image", "high in the field of view",
                        "in the top part of the picture", "above the centre of the frame"],
              "lower": ["in the lower half of the frame", "toward the bottom of the image", "low in the field of view",
                        "in the bottom part of the picture", "below the centre of the frame"],
              "central": ["at about mid-height in the frame", "roughly level with the centre of the image",
                          "vertically near the centre of the frame, neither high nor low"]},
    "us": {"upper": ["in the upper part of the image, in the near field close to the probe",
                     "superficially, in the top half of the image", "in the upper half of the image"],
           "lower": ["deep, in the lower half of the image", "in the far field, toward the bottom of the image",
                     "in the lower part of the image"],
           "central": ["at mid-depth, around the middle of the image", "at about mid-height in the image"]},
    "micro": {"upper": ["in the upper half of the field", "toward the top of the field of view"],
              "lower": ["in the lower half of the field", "toward the bottom of the field of view"],
              "central": ["around the middle of the field, as high as they are low", "centred vertically in the field"]},
    "xr": {"superior": ["in the upper part of the film", "high on the film", "superiorly, in the upper half of the image"],
           "inferior": ["low on the film", "in the lower half of the film", "inferiorly on the image"],
           "central": ["at about mid-height on the film", "roughly level with the centre of the film"]},
}
HPH = {"left": ["toward the left side of the frame", "in the left half of the image"],
       "right": ["toward the right side of the frame", "in the right half of the image"]}
SIDEPH = {
    "left": ["on the patient's left", "on the patient's left, which is the film's right",
             "to the left of midline (the viewer's right on this film)", "on the left side of the patient"],
    "right": ["on the patient's right", "on the patient's right, which is the film's left",
              "to the right of midline (the viewer's left on this film)", "on the right side of the patient"],
    "bilateral": ["on both sides of the chest", "bilaterally, one on each side of the mediastinum",
                  "in both hemithoraces"],
    "midline": ["in the midline", "centred on the midline rather than to one side"],
    "only_right": ["only on the patient's right", "confined to the right hemithorax"],
    "only_left": ["only on the patient's left", "confined to the left hemithorax"],
}
RELPH = {"left_of": ["to the patient's left of the {o}", "on the patient's left of the {o}"],
         "right_of": ["to the patient's right of the {o}", "on the patient's right of the {o}"],
         "superior_to": ["above the {o}", "higher than the {o}", "cranial to the {o}"],
         "inferior_to": ["below the {o}", "lower than the {o}", "caudal to the {o}"]}
RELSHORT = {"left_of": ["to the patient's left", "on the patient's left side of it"],
            "right_of": ["to the patient's right", "on the patient's right side of it"],
            "superior_to": ["higher", "above it", "cranial"], "inferior_to": ["lower", "below it", "caudal"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "superior_to": "inferior_to", "inferior_to": "superior_to"}
CLS = {"small": ["small", "small"], "medium": ["medium-sized", "mid-sized", "medium"], "large": ["large", "big"]}


def fmt_pct(v: float) -> str:
    if v < 1:
        return f"{v:.2f}"
    if v < 10:
        return f"{v:.1f}"
    return f"{v:.0f}"


def clock_of(f: dict) -> int | None:
    """Clock hour of the centroid around the frame centre (12 = top), or None when too close to the centre."""
    cx, cy = f["centroid"]
    dx, dy = cx - (SZ - 1) / 2, (SZ - 1) / 2 - cy
    if math.hypot(dx, dy) < 25:
        return None
    h = round(math.degrees(math.atan2(dx, dy)) / 30) % 12
    return 12 if h == 0 else h


def clock_vertical(h: int) -> str:
    return "upper" if h in (10, 11, 12, 1, 2) else "lower" if h in (4, 5, 6, 7, 8) else "central"


def hpos_of(f: dict) -> str | None:
    """Image-half of the centroid when clearly off centre ('left'/'right'), else None (stated only then)."""
    x = f["centroid_normalized"][0]
    return "left" if x < 0.40 else "right" if x > 0.60 else None


# ------------------------------------------------------------------------------------------ the writer

VERBS = {"is": "are", "sits": "sit", "lies": "lie", "covers": "cover", "takes": "take", "has": "have",
         "fills": "fill", "occupies": "occupy", "projects": "project", "appears": "appear", "was": "were"}


class _Row:
    def __init__(self, p, f, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, f, style, rng, defect
        self.k = p["kind"]
        self.xr = self.k in XR_KINDS
        self.t = p["target"]
        self.claims: list[dict] = []
        self.turn = 0
        self.n = f["components"]
        self.stated_n = self.n  # the count the row's wording follows (the false one in a count defect)
        sg, pl, syn = NAMES[self.t]
        self.sg, self.pl, self.syn = sg, pl, syn
        self.pct = 100.0 * f["area_fraction"]
        self.scheme = "xr" if self.xr else "us" if self.k in ("thyroid", "breast") else "micro" if self.k == "micro" else "photo"
        self.frame = "film" if self.xr else "field" if self.k == "micro" else "image" if self.scheme == "us" else "frame"

    # -- small helpers
    def pick(self, xs):
        return self.rng.choice(xs)

    def claim(self, kind, value, false=False, where="assistant", corrected=False, neg=False):
        self.claims.append({"turn": self.turn, "kind": kind, "value": value, "planted": false, "where": where,
                            "corrected": corrected, "neg": neg})

    def plural(self) -> bool:
        return self.t in ALWAYS_PLURAL or (self.stated_n > 1 and self.t in ("polyp", "thyroid nodule"))

    def name(self) -> str:
        if self.t == "cell nuclei":
            return self.pick(["cell nuclei", "nuclei"])
        if self.t == "lungs":
            return self.pick(["lungs", "lungs", "lung fields"])
        return self.pl if self.plural() else self.sg

    def subj(self):
        """(subject text, plural?) for a fact sentence."""
        opts = [("it", False), ("the mask", False), ("the segmented region", False), ("the outlined area", False),
                ("the segmentation", False)]
        if self.plural():
            opts = [("they", True), ("the mask", False), (f"the segmented {self.pl}", True), ("the segmentation", False)]
        elif self.syn:
            opts += [(s, False) for s in self.syn]
        return self.pick(opts)

    def fill(self, tpl: str, **kw) -> str:
        s, plural = self.subj()
        v = {k: (VERBS[k] if plural else k) for k in VERBS}
        out = tpl.format(S=s[0].upper() + s[1:], s=s, **v, **kw)
        return out[0].upper() + out[1:]

    # -- fact sentences: each records its claim
    def s_vertical(self, value, false=False, where="assistant"):
        self.claim("vertical", value, false, where)
        ph = self.pick(VPH[self.scheme][value])
        if self.style == "mobile_app" and where == "assistant":
            return f"📍 Position: {ph}"
        if self.style == "xray_reading_room" and where == "assistant":
            return self.pick([f"{ph[0].upper() + ph[1:]}.", f"Position: {ph}."])
        if self.style == "gastro_endoscopist":
            return self.fill(self.pick(["{S} {sits} {ph}.", "Location: {ph}.", "Seen {ph}."]), ph=ph)
        return self.fill(self.pick(["{S} {sits} {ph}.", "Looking at the whole {fr}, {s} {lies} {ph}.",
                                    "Vertically, {s} {is} {ph}.", "You'll find {s2} {ph}."]), ph=ph,
                         fr=self.frame, s2=self.pick(["it", "the segmented part"]) if not self.plural() else "them")

    def s_vertical_hpos(self, v, h):
        """Combined true image-half position for photos ('upper left of the frame')."""
        self.claim("vertical", v)
        self.claim("hpos", h)
        word = {"upper": "upper", "lower": "lower", "central": "middle"}[v]
        ph = self.pick([f"in the {word} {h} part of the {self.frame}", f"{'up' if v == 'upper' else 'down' if v == 'lower' else 'midway'} "
                        f"and to the {h} of the {self.frame}"])
        if v == "central":
            ph = self.pick([f"at mid-height, toward the {h} side of the {self.frame}",
                            f"level with the centre, in the {h} half of the {self.frame}"])
        if self.style == "mobile_app":
            return f"📍 Where: {ph}"
        if self.style == "xray_reading_room":
            return f"{ph[0].upper() + ph[1:]}."
        return self.fill(self.pick(["{S} {sits} {ph}.", "{S} {is} {ph}.", "Location: {ph}."]), ph=ph)

    def s_clock(self, h):
        self.claim("vertical", clock_vertical(h))
        return self.pick([f"It sits at about the {h} o'clock position in the view.", f"At roughly {h} o'clock in the frame.",
                          f"Positioned around {h} o'clock on the screen."])

    def s_hpos(self, h):
        self.claim("hpos", h)
        ph = self.pick(HPH[h])
        return self.fill(self.pick(["Horizontally, {s} {is} {ph}.", "{S} {lies} {ph}."]), ph=ph)

    def s_side(self, value, false=False, where="assistant"):
        """value: left/right/bilateral/midline/only_left/only_right (the last two claim one side for a bilateral mask)."""
        self.claim("side", value, false, where)
        phs = list(SIDEPH[value])
        if self.k == "knee" and value in ("left", "right"):
            phs = [f"on the patient's {value}, so this is a {value} knee", f"on the patient's {value} (the film's "
                   f"{'right' if value == 'left' else 'left'})", f"on the patient's {value}"]
        if self.k == "knee" and value not in ("left", "right"):
            phs = [p for p in phs if "hemithora" not in p and "chest" not in p and "mediastinum" not in p] or ["in the midline"]
        if self.t == "heart" and value in ("left", "right"):
            phs += [f"mostly to the {value} of midline"]
        ph = self.pick(phs)
        if self.style == "mobile_app" and where == "assistant":
            return f"🧭 Side: {ph}"
        if self.style == "xray_reading_room" and where == "assistant":
            return self.pick([f"{ph[0].upper() + ph[1:]}.", f"Side: {ph}."])
        return self.fill(self.pick(["{S} {lies} {ph}.", "{S} {is} {ph}.", "On this film {s} {projects} {ph}."]), ph=ph)

    def s_rel(self, other, rel, false=False, where="assistant"):
        self.claim("rel", [other, rel], false, where)
        ph = self.pick(RELPH[rel]).format(o=other)
        if self.style == "mobile_app" and where == "assistant":
            return f"🔗 Next to: {ph}"
        if self.style == "xray_reading_room" and where == "assistant":
            return f"{ph[0].upper() + ph[1:]}."
        short = self.pick(RELSHORT[rel])
        return self.fill(self.pick(["{S} {lies} {ph}.", "Relative to the {o}, {s} {is} {ph2}.", "{S} {sits} {ph}."]),
                         ph=ph, o=other, ph2=short)

    def s_size(self, cls=None, pct=None, false=False, where="assistant"):
        if cls:
            self.claim("size_class", cls, false, where)
        if pct is not None:
            self.claim("pct", round(float(pct), 3), false, where)
        c = self.pick(CLS[cls]) if cls else None
        ps = f"{fmt_pct(pct)}%" if pct is not None else None
        fr = self.frame
        if self.style == "mobile_app" and where == "assistant":
            if c and ps:
                return f"📏 Size: {c} (about {ps} of the {fr})"
            return f"📏 Size: {c}" if c else f"📏 Size: about {ps} of the {fr}"
        if self.style == "xray_reading_room" and where == "assistant":
            if c and ps:
                return self.pick([f"{c[0].upper() + c[1:]}, ~{ps} of the {fr}.", f"Size: {c}, {ps} of the {fr}."])
            return f"{c[0].upper() + c[1:]} relative to the {fr}." if c else f"About {ps} of the {fr}."
        if c and ps:
            return self.fill(self.pick(["{S} {is} {c}, covering about {ps} of the {fr}.",
                                        "{S} {takes} up roughly {ps} of the {fr}, so {c} by area.",
                                        "By area {s} {is} {c}: about {ps} of the {fr}.",
                                        "About {ps} of the {fr} belongs to the mask, which makes it {c}."]),
                             c=c, ps=ps, fr=fr)
        if c:
            return self.fill(self.pick(["{S} {is} {c} relative to the {fr}.", "Relative to the whole {fr}, {s} {is} {c}.",
                                        "In terms of {fr} area, {s} {is} {c}."]), c=c, fr=fr)
        return self.fill(self.pick(["{S} {covers} about {ps} of the {fr}.", "{S} {takes} up roughly {ps} of the {fr}.",
                                    "That is about {ps} of the {fr}'s pixels."]), ps=ps, fr=fr)

    def s_count(self, n, false=False, where="assistant"):
        self.claim("count", n, false, where)
        w = NUMW[n] if n < len(NUMW) and self.rng.random() < 0.6 else str(n)
        unit = self.pl if n > 1 else self.sg
        if self.t in ("skin lesion", "heart", "left clavicle", "right clavicle", "fibula", "optic disc", "optic cup",
                      "breast lesion", "lungs") and n > 1:
            unit = "separate pieces"
        if self.t == "lungs" and n > 1:
            unit = "separate regions"
        if self.t == "lungs" and n == 1:
            return self.pick(["The mask is one continuous region across the chest.", "It is a single connected region."])
        if self.style == "mobile_app" and where == "assistant":
            return f"🔢 Count: {w} {unit}" if n > 1 else f"🔢 Count: just {w}"
        if n == 1 and self.t not in ("polyp", "thyroid nodule", "skin lesion", "breast lesion"):
            return self.pick(["The mask is one connected region.", "It is a single piece.",
                              "One piece only, nothing separate elsewhere in the " + self.frame + "."])
        if n == 1:
            return self.pick([f"There is a single {self.sg} in view.", "The mask is one connected region.",
                              "One piece only, nothing separate elsewhere in the " + self.frame + ".",
                              f"Just one {self.sg} here."])
        if self.style == "xray_reading_room":
            return self.pick([f"{w[0].upper() + w[1:]} {unit}.", f"Count: {w} {unit}."])
        if self.t == "cell nuclei":
            return self.pick([f"I count {w} separate nuclei.", f"There are {w} distinct nuclei, none touching.",
                              f"The mask holds {w} separate nuclei."])
        return self.pick([f"The mask has {w} {unit}.", f"I count {w} {unit}, not touching each other.",
                          f"There are {w} {unit} in the {self.frame}."])

    # negations (true) used as confusable sentences
    def s_vertical_neg(self):
        v = self.f["vertical"]
        wrong = [x for x in VPH[self.scheme] if x != v and x != "central"]
        if not wrong:
            return None
        w = wrong[0]
        self.claim("vertical", w, neg=True)
        word = {"upper": "upper half", "lower": "lower half", "superior": "upper half", "inferior": "lower half"}[w]
        return self.fill(self.pick(["{S} {is} not in the {w} of the {fr}.", "Note that {s} {is} not in the {w}."]),
                         w=word, fr=self.frame)

    def s_side_neg(self):
        lat = self.f["laterality"]
        if lat == "bilateral":
            self.claim("side", "only_left", neg=True)
            self.claim("side", "only_right", neg=True)
            return self.pick(["It is not confined to one side.", "Not a one-sided finding."])
        if lat in ("left", "right"):
            opp = "right" if lat == "left" else "left"
            if self.rng.random() < 0.5:
                self.claim("side", "midline", neg=True)
                return self.pick(["It is not a midline structure on this film.", "It does not sit in the midline."])
            self.claim("side", opp, neg=True)
            return self.pick([f"It is not on the patient's {opp}.", f"Not on the patient's {opp}, despite the film's "
                              f"{'left' if opp == 'left' else 'right'} being where your eye lands first."])
        return None


def _false_value(r: _Row, group: str):
    f, rng = r.f, r.rng
    if group == "side":
        lat = f["laterality"]
        if lat == "bilateral":
            return rng.choice(["only_left", "only_right"])
        opp = "right" if lat == "left" else "left"
        return rng.choice([opp, opp, "midline"])
    if group == "vertical":
        return rng.choice([v for v in VPH[r.scheme] if v != f["vertical"]])
    if group == "size_class":
        return rng.choice([c for c in ("small", "medium", "large") if c != f["size_class"]])
    if group == "pct":
        v = r.pct
        fac = rng.choice([0.2, 0.25, 0.3]) if v * 3 > 90 or rng.random() < 0.4 else rng.choice([3.0, 3.5, 4.0, 5.0])
        return v * fac
    if group == "count":
        n = f["components"]
        if r.t == "lungs":
            return 1
        if n >= 4:
            return max(1, n + rng.choice([-3, -2, 2, 3, 4]))
        return rng.choice([k for k in (1, 2, 3, 4) if k != n and abs(k - n) <= 2])
    raise ValueError(group)


# ----------------------------------------------------------------------------------------- follow-ups

FQ = {  # follow-up questions by topic and register
    "side": {"gastro_endoscopist": ["Which side of the patient is it on?", "Side, in patient terms?"],
             "pathology_tutor": ["Which side of the patient is that, and how do you tell on a film?",
                                 "How do I know which side it's on?"],
             "mobile_app": ["which side is it on? 🤔", "is that my left or right?"],
             "xray_reading_room": ["Side?", "Patient's left or right?"]},
    "vertical": {"gastro_endoscopist": ["Where is it in the frame, high or low?", "Position in the view?"],
                 "pathology_tutor": ["Where is it in the image, top or bottom?", "How would you describe its vertical position?"],
                 "mobile_app": ["where exactly is it? 👀", "is it at the top or bottom?"],
                 "xray_reading_room": ["Level?", "High or low?"]},
    "rel": {"gastro_endoscopist": ["How does it relate to the {o}?"], "pathology_tutor": ["Where is it relative to the {o}?"],
            "mobile_app": ["is it near the {o}? 🤔"], "xray_reading_room": ["Relation to the {o}?"]},
    "size": {"gastro_endoscopist": ["Size as a share of the frame?", "How much of the image does it take up?"],
             "pathology_tutor": ["How big is it relative to the whole image?", "What fraction of the image is it?"],
             "mobile_app": ["how big is it? 😬", "is it big??"],
             "xray_reading_room": ["Size?", "Fraction of the image?"]},
    "count": {"gastro_endoscopist": ["How many separate pieces did you mark?", "Solitary or multiple?"],
              "pathology_tutor": ["How many separate pieces are in your mask?", "Can you count them for me?"],
              "mobile_app": ["how many are there? 😮", "just one or more?"],
              "xray_reading_room": ["Count?", "How many pieces?"]},
    "summary": {"gastro_endoscopist": ["Summarise for the report, please.", "One-line summary?"],
                "pathology_tutor": ["Can you summarise what we found?", "Sum it up for my notes?"],
                "mobile_app": ["tl;dr? 🙏", "can u sum it up?"],
                "xray_reading_room": ["Summary.", "Sum up."]},
    "next": {"gastro_endoscopist": ["What would you do next?", "Anything else to add to the plan?"],
             "pathology_tutor": ["What should I learn from this one?", "Why does that matter clinically?"],
             "mobile_app": ["should I be worried? 😟", "what happens next?"],
             "xray_reading_room": ["Anything else?", "Next step?"]},
}

PREMISE = {  # user turns that carry a premise about the target; {x} = the premise phrase
    "gastro_endoscopist": ["Since it's {x}, {q}", "Given it sits {x}: {q}", "OK, {x} then. {q}"],
    "pathology_tutor": ["So it's {x}, right? In that case, {q}", "Since it's {x}, {q}", "I can see it's {x}. {q}"],
    "mobile_app": ["ok so it's {x} 😮 {q}", "since it's {x}... {q}", "right, {x}! {q}"],
    "xray_reading_room": ["{X}. {q}", "Noted, {x}. {q}", "Since it's {x}: {q}"],
}


def _lc(q: str) -> str:
    return q[0].lower() + q[1:] if q and not q.startswith("I ") else q


def _premise_phrase(r: _Row, group: str, value):
    """A premise phrase claiming `value` for `group` (records nothing)."""
    if group == "side":
        return {"left": "on the patient's left", "right": "on the patient's right", "midline": "in the midline",
                "only_left": "only on the patient's left", "only_right": "only on the patient's right",
                "bilateral": "on both sides"}[value]
    if group == "vertical":
        return r.rng.choice([x for x in VPH[r.scheme][value] if x.startswith(("in ", "at ", "toward", "high", "low", "around", "centred", "roughly"))])
    if group == "rel":
        other, rel = value
        return r.rng.choice(RELPH[rel]).format(o=other)
    if group == "size_class":
        return {"small": "small", "medium": "medium-sized", "large": "large"}[value]
    if group == "pct":
        return f"about {fmt_pct(value)}% of the {r.frame}"
    if group == "count":
        if value == 1:
            return "in just one piece" if r.t != "lungs" else "one continuous region"
        return f"in {NUMW[value] if value < len(NUMW) else value} separate pieces"
    raise ValueError(group)


def _opening(r: _Row) -> str:
    nm = r.name()
    art = "" if r.plural() or r.t in ("heart",) else ("an " if nm[0] in "aeiou" else "a ")
    the = "the "
    st = r.style
    if st == "gastro_endoscopist":
        return r.pick([f"Findings: {nm} [SEG].", f"Finding: {art}{nm} [SEG].", f"Impression: {art}{nm} [SEG] as marked.",
                       f"Findings: {the}{nm} [SEG] is outlined." if not r.plural() else f"Findings: {the}{nm} [SEG] are outlined."])
    if st == "pathology_tutor":
        verb = "are" if r.plural() else "is"
        return r.pick([f"Good question. What you're describing {verb} the {nm} [SEG].",
                       f"Let's reason it through: that description fits the {nm} [SEG].",
                       f"The structure{'s' if r.plural() else ''} you mean {verb} the {nm} [SEG]."])
    if st == "mobile_app":
        return r.pick([f"Got it! 👀 That's the **{nm}** [SEG]", f"Here you go ✨ the {nm} [SEG]",
                       f"Sure! 😊 That's the {nm}, highlighted here [SEG]"])
    return r.pick([f"{nm[0].upper() + nm[1:]} [SEG].", f"{nm[0].upper() + nm[1:]}, segmented [SEG].",
                   f"Segmented: {nm} [SEG]."])


def _know(r: _Row, used: set) -> str | None:
    pool = [k for k in KNOW[r.t] if k not in used]
    if not pool:
        return None
    k = r.pick(pool)
    used.add(k)
    if r.style == "mobile_app":
        return "💡 " + k
    if r.style == "pathology_tutor":
        return r.pick(["Worth knowing: ", "A useful fact: ", "", ""]) + k
    return k


def _join(r: _Row, parts: list[str]) -> str:
    parts = [p for p in parts if p]
    if r.style == "mobile_app":
        head, rest = parts[0], parts[1:]
        bullets = [f"• {p}" for p in rest if not p.startswith("💡")]
        tips = [p for p in rest if p.startswith("💡")]
        return "\n".join([head, ""] + bullets + ([""] + tips if tips else []))
    if r.style == "xray_reading_room":
        return " ".join(parts)
    if r.style == "gastro_endoscopist":
        return "\n".join([parts[0] + " " + " ".join(p for p in parts[1:] if not p.startswith(("Plan", "Impression", "Next")))]
                         + [p for p in parts[1:] if p.startswith(("Plan", "Impression", "Next"))])
    return " ".join(parts)


def _groups_available(r: _Row) -> list[str]:
    g = ["vertical", "size", "count"]
    if r.xr:
        g = ["side"] + g
        if r.nice_rels:
            g.append("rel")
    return g


def _true_sentence(r: _Row, group: str, where="assistant") -> str:
    f = r.f
    if group == "side":
        return r.s_side(f["laterality"], where=where)
    if group == "vertical":
        h = hpos_of(f) if not r.xr and r.n == 1 else None
        if r.k == "endo" and r.rng.random() < 0.4:
            ck = clock_of(f)
            if ck and clock_vertical(ck) == f["vertical"]:
                return r.s_clock(ck)
        if h and r.rng.random() < 0.5:
            return r.s_vertical_hpos(f["vertical"], h)
        return r.s_vertical(f["vertical"], where=where)
    if group == "rel":
        o, rel = r.pick(r.nice_rels)
        return r.s_rel(o, rel, where=where)
    if group == "size":
        mode = r.pick(["both", "both", "cls", "pct"])
        return r.s_size(cls=f["size_class"] if mode != "pct" else None, pct=r.pct if mode != "cls" else None, where=where)
    if group == "count":
        return r.s_count(r.n, where=where)
    raise ValueError(group)


def _false_sentence(r: _Row, group: str, sub: str) -> str:
    if group == "side":
        return r.s_side(_false_value(r, "side"), false=True)
    if group == "vertical":
        return r.s_vertical(_false_value(r, "vertical"), false=True)
    if group == "rel":
        o, rel = r.pick(r.nice_rels)
        return r.s_rel(o, FLIP[rel], false=True)
    if group == "size":
        if sub == "class":
            return r.s_size(cls=_false_value(r, "size_class"), false=True)
        return r.s_size(pct=_false_value(r, "pct"), false=True)
    if group == "count":
        r.stated_n = r.false_n
        return r.s_count(r.false_n, false=True)
    raise ValueError(group)


CONVENTION = {
    "endo": ["Clock positions here are read off the screen, with 12 o'clock at the top.",
             "Up and down in an endoscopy frame depend on how the scope is rotated, so they are only frame directions."],
    "derm": ["In a dermoscopy photo, top and bottom only mean the halves of the picture, not directions on the body.",
             "Contact dermoscopy can be rotated freely, so image halves carry no anatomical meaning."],
    "fundus": ["Fundus photos are displayed upright, so the top of the photo is the superior retina.",
               "The macula, not the disc, is the centre of a macula-centred field."],
    "micro": ["A slide has no up or down in the body; top and bottom are just the halves of the field.",
              "The slide could be rotated on the stage, so position only describes this field."],
    "thyroid": ["The top of an ultrasound image is the skin surface under the probe, so upper means superficial.",
                "Depth on ultrasound runs down the screen, from the probe at the top."],
    "breast": ["The top of an ultrasound image is the skin surface under the probe, so upper means superficial.",
               "A clock position on the report describes the breast; the screen position describes depth."],
    "cxr": ["On a PA or AP film the patient faces you, so the patient's left is on the viewer's right.",
            "An AP portable film magnifies anterior structures a little; sides are displayed the same way as on a PA."],
    "knee": [],
}


def _convention(r: _Row) -> str | None:
    if r.k == "knee":
        other = "left" if r.p["knee"] == "right" else "right"
        film = "right" if other == "left" else "left"
        return r.pick([f"Had this been a {other} knee, the fibula would sit on the film's {film}.",
                       "On an AP knee film the patient's left is displayed on the viewer's right."])
    if r.k == "cxr" and r.t == "heart":
        return r.pick(CONVENTION["cxr"] + ["In situs inversus the silhouette would point to the patient's right instead."])
    return r.pick(CONVENTION[r.k])


def _confusable(r: _Row, avoid: set) -> str | None:
    """A true confusable sentence about the target (negation), never on the defect's group."""
    opts = []
    if "vertical" not in avoid and r.f["vertical"] != "central":
        opts.append(r.s_vertical_neg)
    if r.xr and "side" not in avoid:
        opts.append(r.s_side_neg)
    if not opts:
        return None
    return r.pick(opts)()


def build(p: dict, facts: dict, style: str, rng: random.Random, defect):
    r = _Row(p, facts, style, rng, defect)
    r.nice_rels = [(x["other"], x["relation"]) for x in facts["relations"] if x["other"] in p.get("nice", [])
                   and not ((r.t == "lungs" or defect == "laterality") and x["relation"] in ("left_of", "right_of"))]
    group = sub = loc = None
    if defect == "laterality":
        group = "side"
    elif defect == "position":
        group = "rel" if (r.xr and r.nice_rels and rng.random() < 0.5) else "vertical"
    elif defect == "size":
        group, sub = "size", rng.choice(["class", "pct"])
    elif defect == "count":
        group = "count"
    if group:
        loc = rng.choices(["first", "follow", "user"], weights=[6, 2, 2])[0]
    if group == "count":
        r.false_n = _false_value(r, "count")
        if loc == "first":
            r.stated_n = r.false_n
    # groups that must stay silent apart from the one planted claim
    silent = set()
    if group:
        silent.add(group)
        if group in ("vertical", "rel"):
            silent |= {"vertical", "rel"}
    avail = [g for g in _groups_available(r) if g not in silent]
    # 1. first question
    turns = []
    lead = r.pick(LEADS[style][r.k]) if rng.random() < 0.85 else ""
    if defect == "names_target":
        q = lead + r.pick(NAMED_Q[r.t])
    else:
        cores = CORES[r.t]
        ci = rng.randrange(len(cores))
        core = cores[ci]
        if r.t in CORE_SIDE:
            if defect == "laterality":   # no side word in the question of a side-defect row
                for a in (" on the patient's left", " on the patient's right", " on the film's right",
                          " on the film's left", " on that side"):
                    core = core.replace(a, "")
                core = core.replace("the left shoulder", "the shoulder").replace("the right shoulder", "the shoulder")
            else:
                r.claim("side", CORE_SIDE[r.t][ci], where="user")
        if style == "mobile_app":
            q = lead + core + "?" + r.pick(ASKS[style])
        else:
            q = lead + core[0].upper() + core[1:] + "?" + r.pick(ASKS[style])
    turns.append({"role": "user", "content": q.strip()})
    # 2. first answer
    r.turn = 1
    used_know: set = set()
    first_groups = []
    if group and loc == "first":
        first_groups = [group] + rng.sample(avail, k=min(len(avail), rng.randint(1, 2)))
    else:
        first_groups = rng.sample(avail, k=min(len(avail), rng.randint(2, 4)))
    rng.shuffle(first_groups)
    parts = [_opening(r)]
    if style == "pathology_tutor" or rng.random() < 0.3:
        parts.append(REASON[r.t][style == "pathology_tutor" and rng.random() < 0.5])
    said = set()
    for g in first_groups:
        if g == group and loc == "first":
            parts.append(_false_sentence(r, group, sub))
        else:
            parts.append(_true_sentence(r, g))
        said.add(g)
    if rng.random() < 0.5:
        parts.append(_confusable(r, silent))
    if rng.random() < 0.3:
        parts.append(_convention(r))
    parts.append(_know(r, used_know))
    if style in ("gastro_endoscopist", "xray_reading_room") and rng.random() < 0.6:
        parts.append(r.pick(PLANS[r.k]))
    turns.append({"role": "assistant", "content": _join(r, parts)})
    # 3. follow-ups
    rounds = rng.choice([2, 2, 3])
    for rd in range(1, rounds):
        remaining = [g for g in avail if g not in said]
        r.turn = len(turns)
        if rd == 1 and group and loc == "follow":
            topic = group
            q = _fq(r, topic)
            turns.append({"role": "user", "content": q})
            r.turn = len(turns)
            ans = [_answer_lead(r), _false_sentence(r, group, sub)]
            if rng.random() < 0.5:
                ans.append(_know(r, used_know))
            turns.append({"role": "assistant", "content": _join_follow(r, ans)})
            said.add(group)
            continue
        if rd == 1 and group and loc == "user":
            # the user's premise is the false claim; the assistant answers another topic and lets it stand
            if group == "rel":
                o, rel = r.pick(r.nice_rels)
                value = (o, FLIP[rel])
                r.claim("rel", [o, FLIP[rel]], True, "user")
            elif group == "size":
                gv = "size_class" if sub == "class" else "pct"
                value = _false_value(r, gv)
                r.claim(gv, round(float(value), 3) if gv == "pct" else value, True, "user")
            elif group == "count":
                value = r.stated_n = r.false_n
                r.claim("count", value, True, "user")
            else:
                value = _false_value(r, group)
                r.claim(group, value, True, "user")
            x = _premise_phrase(r, "size_class" if group == "size" and sub == "class" else "pct" if group == "size" else group, value)
            topic = r.pick(remaining) if remaining and rng.random() < 0.6 else "next"
            q = _lc(_fq(r, topic))
            tpl = r.pick(PREMISE[style])
            uq = tpl.format(x=x, X=x[0].upper() + x[1:], q=q)
            uq = "".join(ch.upper() if j >= 2 and uq[j - 1] == " " and uq[j - 2] in ".?!" else ch
                         for j, ch in enumerate(uq))
            turns.append({"role": "user", "content": uq})
            r.turn = len(turns)
            turns.append({"role": "assistant", "content": _answer(r, topic, used_know, go_along=True)})
            said.add(topic)
            continue
        # clean follow-up (any row): a topic not yet said, a corrected false premise (clean rows), a summary, or next steps
        choice = rng.random()
        if defect is None and choice < 0.25:
            cg = r.pick([g for g in _groups_available(r) if g != "rel"] or ["vertical"])
            turns.extend(_corrected(r, cg, used_know))
            said.add(cg)
            continue
        if remaining and choice < 0.7:
            topic = r.pick(remaining)
        else:
            topic = r.pick(["summary", "next"])
        q = _fq(r, topic)
        turns.append({"role": "user", "content": q})
        r.turn = len(turns)
        turns.append({"role": "assistant", "content": _answer(r, topic, used_know, silent=silent)})
        said.add(topic)
    expected = [defect] if defect else []
    LEDGER.append({"target": r.t, "style": style, "defect": defect, "group": group, "loc": loc, "claims": r.claims})
    if len(LEDGER) > 5000:
        del LEDGER[:1000]
    return turns, expected


def _fq(r: _Row, topic: str) -> str:
    if topic == "rel":
        o = r.pick(r.nice_rels)[0] if r.nice_rels else "heart"
        r._rel_other = o
        return r.pick(FQ["rel"][r.style]).format(o=o)
    q = r.pick(FQ[topic][r.style])
    if topic == "side" and not r.xr:
        q = r.pick(FQ["vertical"][r.style])
    return q


def _answer_lead(r: _Row, go_along=False) -> str:
    if go_along:
        return ""
    return {"gastro_endoscopist": r.pick(["", "Noted.", "For the report:"]),
            "pathology_tutor": r.pick(["Good question.", "Let's look at the mask.", "Here's how to read it."]),
            "mobile_app": r.pick(["Sure! 😊", "Good q! 👍", "Here's the deal 👇"]),
            "xray_reading_room": ""}[r.style]


def _join_follow(r: _Row, parts: list[str]) -> str:
    parts = [p for p in parts if p]
    if r.style == "mobile_app":
        return "\n".join(parts)
    return " ".join(parts)


def _answer(r: _Row, topic: str, used_know: set, go_along=False, silent=frozenset()) -> str:
    f = r.f
    parts = [_answer_lead(r, go_along)]
    if go_along:
        parts.append(r.pick({"gastro_endoscopist": ["Agreed.", "Right."], "pathology_tutor": ["Yes. As for your question:",
                                                                                              "Good, and to answer that:"],
                             "mobile_app": ["Yep! 👍", "Right 👌"], "xray_reading_room": ["Yes.", "Agree."]}[r.style]))
    if topic in ("side", "vertical", "size", "count"):
        parts.append(_true_sentence(r, topic))
        if topic == "side" and r.style == "pathology_tutor":
            parts.append("On a PA or AP film the patient faces you, so the patient's left is on your right.")
    elif topic == "rel":
        o = getattr(r, "_rel_other", None)
        rels = [x for x in r.nice_rels if x[0] == o] or r.nice_rels
        o, rel = r.pick(rels)
        parts.append(r.s_rel(o, rel))
    elif topic == "summary":
        gs = [g for g in _groups_available(r) if g not in silent]
        for g in r.rng.sample(gs, k=min(len(gs), 3)):
            parts.append(_true_sentence(r, g))
    else:  # next steps / knowledge
        parts.append(_know(r, used_know))
        if r.rng.random() < 0.5:
            parts.append(r.pick(PLANS[r.k]))
    if r.rng.random() < 0.35:
        parts.append(_know(r, used_know))
    return _join_follow(r, parts)


def _corrected(r: _Row, group: str, used_know: set) -> list[dict]:
    """Clean rows: the user states a false idea and the assistant corrects it explicitly."""
    f = r.f
    gv = "size_class" if group == "size" else group
    if group == "count":
        value = 2 if f["components"] == 1 else 1 if r.t != "cell nuclei" else f["components"] + 2
    else:
        value = _false_value(r, gv)
    x = _premise_phrase(r, gv, value)
    q = r.pick({"gastro_endoscopist": ["My fellow says it's {x}. Correct?", "Is it {x}?"],
                "pathology_tutor": ["I thought it was {x}. Is that right?", "Would you call it {x}?"],
                "mobile_app": ["wait, isn't it {x}? 🤔", "so it's {x}?"],
                "xray_reading_room": ["{X}?", "Resident called it {x}. Agree?"]}[r.style]).format(x=x, X=x[0].upper() + x[1:])
    r.claim(gv, value, where="user", corrected=True)
    r.turn += 1
    no = r.pick({"gastro_endoscopist": ["No.", "Not quite."], "pathology_tutor": ["Not quite, and it's a common slip.",
                 "No, look again."], "mobile_app": ["Nope! 🙂", "Not quite 😊"],
                 "xray_reading_room": ["No.", "Disagree."]}[r.style])
    if group == "size":
        body = r.s_size(cls=f["size_class"], pct=r.pct)
    else:
        body = _true_sentence(r, group)
    parts = [no, body]
    if r.rng.random() < 0.4:
        parts.append(_know(r, used_know))
    return [{"role": "user", "content": q}, {"role": "assistant", "content": _join_follow(r, parts)}]
