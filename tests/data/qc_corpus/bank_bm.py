"""Bank BM (round 13): thorax, heart and great vessels on axial CT ("LP") and coronal CT ("LI").

Written blind (helper qcbm): without opening the QC rules, their tests, other banks or their rows. Facts are
the product's own measurement (`medseg_qa.facts.compute_facts`) of synthetic masks drawn as ellipses inside a
drawn body outline; every sentence about the target is written FROM those facts. Four registers: a British
clinician, a clinicians' e-mail / handover, a reasoning trace that weighs and rejects other candidates
before answering, and a patient-friendly explainer with everyday-object analogies.

Each defective conversation carries exactly one plainly false claim of its kind (about a fifth of the
side/position/size/count ones inside a user's follow-up question, some only in a follow-up answer); clean
ones carry true traps: negations, the display convention, sentences about other structures with their own
sides, population numbers, hedges, comparisons and short follow-up questions.

Targets (18 profiles, 20 with the axial/coronal variants): heart (axial and coronal), left ventricle, right
atrium, aorta (ascending alone, or ascending and descending limbs as two regions), descending aorta (a label the
knowledge base does not know), pulmonary trunk (unknown too), superior vena cava, lungs (axial and coronal,
two regions), right lung, left lung, right middle lobe, left lower lobe, trachea (axial and coronal),
oesophagus, pleural effusion (unknown; right, left or both), lung nodules (one to three), clavicles (coronal,
bilateral), ribs (four cross-sections). Sizes are stated as the class word and as a share of the image (the
British register sometimes as a share of the chest's cross-section, from `body_fraction`).
Traps specific to this bank: "just to the left of centre" for a one-sided mask near the midline, "right in the
middle", targets named "right lung"/"right atrium" in any defect, reasoning traces that reject rival structures
with their own sides ("runs down the right side of the mediastinum"), everyday-object analogies, hedges.

First measure: not taken by the writer (the lead measures it once after merging).
"""

from __future__ import annotations

import random

import numpy as np

H = W = 256
SEG = "[SEG]"
_LOG: list[dict] = []  # one entry per build(): the target claims written and the planted text (self-checks)

# body outlines: axial chest (wide, shallow) and coronal trunk (taller)
_BODY = {"LP": (128.0, 128.0, 115.0, 85.0), "LI": (128.0, 128.0, 110.0, 120.0)}

STYLES = ["british", "email", "reasoning", "patient"]

# shapes: ellipses (cx, cy, rx, ry) in pixels; others: other structures' centres (pixels) for relations.
# q: implicit descriptions (never the name); named: ways a names_target question gives the name away;
# terms: every form of the name a clean first question must avoid; alias: how the answers call it;
# rivals: other candidates the reasoning trace considers, with a TRUE reason to reject each.
PROFILES = [
    dict(key="heart", target="heart", o="LP", shapes=[(142, 112, 40, 33)],
         others={"vertebral body": (128, 190), "sternum": (128, 50), "right lung": (74, 128)},
         q=["the muscular pump that drives blood round the body with every beat",
            "the four-chambered muscular organ that beats about seventy times a minute at rest"],
         named=["the heart", "the cardiac silhouette", "the whole cardiac outline"],
         terms=["heart", "cardiac", "cardio", "cor", "pericard"],
         alias=["the heart", "the cardiac outline", "the heart as a whole"],
         rivals=[("the ascending aorta", "it is a single round vessel, not a four-chambered organ"),
                 ("the oesophagus", "it is a thin collapsed tube that carries food, not blood")]),
    dict(key="heart_cor", target="heart", o="LI", shapes=[(140, 160, 42, 34)],
         others={"trachea": (128, 58), "liver": (90, 212)},
         q=["the muscular pump that drives blood round the body",
            "the organ that contracts with every pulse you can feel at your wrist"],
         named=["the heart", "the cardiac shadow", "the cardiac outline"],
         terms=["heart", "cardiac", "cardio", "cor", "pericard"],
         alias=["the heart", "the cardiac outline"],
         rivals=[("the liver", "it lies below the right hemidiaphragm and does not pump blood"),
                 ("the thymus", "it is a small gland that largely fades away after childhood")]),
    dict(key="lv", target="left ventricle", o="LP", shapes=[(162, 114, 19, 16)],
         others={"right atrium": (104, 116), "vertebral body": (128, 190), "sternum": (128, 50)},
         q=["the thick-walled pumping chamber that sends oxygen-rich blood out to the whole body",
            "the chamber whose muscle thickens in long-standing high blood pressure"],
         named=["the left ventricle", "the LV", "the left ventricular cavity"],
         terms=["ventric", "lv"],
         alias=["the left ventricle", "the LV cavity", "this chamber"],
         rivals=[("the right atrium", "it forms the right border of the heart and has a thin wall"),
                 ("the right ventricle", "it pumps only to the lungs and has a much thinner wall")]),
    dict(key="ra", target="right atrium", o="LP", shapes=[(104, 114, 15, 13)],
         others={"left ventricle": (162, 114), "vertebral body": (128, 190), "sternum": (128, 50)},
         q=["the thin-walled receiving chamber that collects blood coming back from the body",
            "the chamber that holds the body's own natural pacemaker"],
         named=["the right atrium", "the RA", "the right atrial chamber"],
         terms=["atrium", "atria", "ra"],
         alias=["the right atrium", "this receiving chamber", "the RA"],
         rivals=[("the left ventricle", "it is the thick-walled outflow chamber, not a receiving one"),
                 ("the left atrium", "it receives blood from the lungs, not from the body")]),
    dict(key="aorta_asc", target="aorta", o="LP", shapes=[(120, 98, 13, 13)],
         others={"superior vena cava": (102, 100), "vertebral body": (128, 190), "esophagus": (132, 160)},
         q=["the largest artery, the one leaving the pumping chamber to supply the whole body",
            "the main artery that can tear in a dissection and cause sudden tearing chest pain"],
         named=["the aorta", "the aortic root", "the thoracic aorta"],
         terms=["aort"],
         alias=["the aorta", "the ascending aorta", "this vessel"],
         rivals=[("the superior vena cava", "it is a vein running down the right side of the mediastinum, with a thinner wall"),
                 ("the trachea", "it is filled with air, not blood")]),
    dict(key="aorta_two", target="aorta", o="LP", shapes=[(120, 98, 13, 13), (150, 168, 11, 11)],
         others={"sternum": (128, 50), "vertebral body": (128, 196)},
         q=["the largest artery of the body, which on this slice is cut both where it rises and where it descends",
            "the main artery leaving the pumping chamber, seen twice on this slice as it arches over"],
         named=["the aorta", "the thoracic aorta", "the aortic arch limbs"],
         terms=["aort"],
         alias=["the aorta", "the thoracic aorta", "this vessel"],
         rivals=[("the pulmonary trunk", "it carries blood to the lungs and does not reach the spine"),
                 ("the superior vena cava", "it is a single vein and does not run down beside the spine")]),
    dict(key="dao", target="descending aorta", o="LP", shapes=[(150, 168, 12, 12)],
         others={"vertebral body": (128, 194), "esophagus": (131, 156), "heart": (140, 108)},
         q=["the great artery running down beside the spine to supply the lower half of the body",
            "the big artery that travels down next to the backbone toward the belly"],
         named=["the descending aorta", "the descending thoracic aorta", "the aortic segment beside the spine"],
         terms=["aort", "descending"],
         alias=["the descending aorta", "this vessel", "the downward limb of the aorta"],
         rivals=[("the oesophagus", "it is a muscular food tube without a bright blood-filled lumen"),
                 ("the azygos vein", "it is a much thinner vein that runs up on the right of the spine")]),
    dict(key="pa", target="pulmonary trunk", o="LP", shapes=[(138, 96, 16, 12)],
         others={"aorta": (116, 100), "vertebral body": (128, 190)},
         q=["the vessel that carries blood from the right pumping chamber toward the breathing organs",
            "the short wide artery that splits into a branch for each side to collect oxygen"],
         named=["the pulmonary trunk", "the main PA", "the main pulmonary artery"],
         terms=["pulmonary", "pa", "trunk"],
         alias=["the pulmonary trunk", "the main pulmonary artery", "this vessel"],
         rivals=[("the ascending aorta", "it arises from the left ventricle and carries blood to the body"),
                 ("the left atrium", "it is a receiving chamber, not an outflow vessel")]),
    dict(key="svc", target="superior vena cava", o="LP", shapes=[(102, 100, 10, 10)],
         others={"aorta": (122, 98), "vertebral body": (128, 190)},
         q=["the large vein that returns blood from the head and arms to the receiving chamber",
            "the vein that can become blocked by a tumour and make the face and arms swell"],
         named=["the SVC", "the superior vena cava", "the caval vein"],
         terms=["vena", "cava", "caval", "svc"],
         alias=["the superior vena cava", "the SVC", "this vein"],
         rivals=[("the ascending aorta", "it is an artery with a thicker wall carrying blood away"),
                 ("the azygos vein", "it is smaller and lies further back, beside the spine")]),
    dict(key="lungs", target="lung", o="LP", shapes=[(76, 128, 36, 58), (180, 128, 34, 56)],
         others={"sternum": (128, 48), "vertebral body": (128, 196)},
         q=["the spongy organs that take in oxygen with each breath",
            "the air-filled organs that look dark on CT and expand when you breathe in"],
         named=["the lungs", "the lung fields", "the pulmonary parenchyma"],
         terms=["lung", "pulmo", "pneumo"],
         alias=["the lungs", "both lungs", "the lung fields"],
         rivals=[("the pleural spaces", "they are normally thin potential spaces, not broad air-filled regions"),
                 ("the heart", "it is solid soft tissue, not air-filled")]),
    dict(key="lungs_cor", target="lung", o="LI", shapes=[(76, 110, 38, 70), (180, 110, 36, 68)],
         others={"liver": (92, 212), "trachea": (128, 36)},
         q=["the spongy organs that take in oxygen with each breath",
            "the paired air-filled organs that fill most of the chest"],
         named=["the lungs", "the lung fields", "the pulmonary parenchyma"],
         terms=["lung", "pulmo", "pneumo"],
         alias=["the lungs", "both lungs"],
         rivals=[("the stomach", "it lies below the left hemidiaphragm and holds only a small gas bubble"),
                 ("the heart", "it is a single central soft-tissue organ")]),
    dict(key="rlung", target="right lung", o="LP", shapes=[(78, 128, 38, 58)],
         others={"heart": (140, 112), "left lung": (180, 128), "vertebral body": (128, 194)},
         q=["the breathing organ that has three sections", "the air-filled organ with three lobes of tissue"],
         named=["the right lung", "the R lung", "the right pulmonary parenchyma"],
         terms=["lung", "pulmo", "pneumo"],
         alias=["the right lung", "this lung"],
         rivals=[("the opposite breathing organ", "it has only two sections"),
                 ("the liver", "it lies below the diaphragm and is solid, not air-filled")]),
    dict(key="llung", target="left lung", o="LP", shapes=[(180, 126, 34, 56)],
         others={"heart": (140, 112), "right lung": (78, 128), "vertebral body": (128, 194)},
         q=["the breathing organ with just two sections and a notch that makes room for the pump",
            "the smaller of the two air-filled organs, the one with two lobes"],
         named=["the left lung", "the L lung", "the left pulmonary parenchyma"],
         terms=["lung", "pulmo", "pneumo"],
         alias=["the left lung", "this lung"],
         rivals=[("the opposite breathing organ", "it has three sections"),
                 ("the spleen", "it is solid and lies below the diaphragm")]),
    dict(key="rml", target="right middle lung lobe", o="LP", shapes=[(84, 96, 22, 16)],
         others={"heart": (140, 112), "right lower lung lobe": (78, 170)},
         q=["the small wedge of breathing tissue that rests against the border of the pump on one side",
            "the section of air-filled tissue that only one side has, between the upper and bottom sections"],
         named=["the right middle lobe", "the RML", "the middle lobe"],
         terms=["lobe", "lung", "rml", "pulmo"],
         alias=["the right middle lobe", "this lobe"],
         rivals=[("the upper section on that side", "it sits higher, toward the apex"),
                 ("the bottom section on that side", "it sits further back and lower")]),
    dict(key="lll", target="left lower lung lobe", o="LP", shapes=[(178, 165, 30, 26)],
         others={"heart": (140, 110), "left upper lung lobe": (170, 98)},
         q=["the bottom, back section of the breathing organ that has only two sections",
            "the section of air-filled tissue where inhaled material often settles when lying down, on the two-section side"],
         named=["the left lower lobe", "the lower lobe", "the inferior lobe on the left"],
         terms=["lobe", "lung", "pulmo"],
         alias=["the left lower lobe", "this lobe"],
         rivals=[("the upper section of that side", "it lies further forward and higher"),
                 ("the spleen", "it lies below the diaphragm")]),
    dict(key="trachea", target="trachea", o="LP", shapes=[(128, 106, 9, 8)],
         others={"esophagus": (130, 126), "vertebral body": (128, 160)},
         q=["the stiff air tube held open by C-shaped rings of cartilage",
            "the air passage you can feel at the front of the neck just below the Adam's apple"],
         named=["the trachea", "the windpipe", "the tracheal lumen"],
         terms=["trache", "windpipe"],
         alias=["the trachea", "the airway", "this air tube"],
         rivals=[("the oesophagus", "it sits behind and is usually collapsed"),
                 ("the superior vena cava", "it is filled with blood, not air")]),
    dict(key="trachea_cor", target="trachea", o="LI", shapes=[(128, 52, 7, 26)],
         others={"heart": (140, 160), "liver": (92, 212)},
         q=["the stiff air tube running down from the neck into the chest",
            "the tube held open by rings of cartilage that carries air down to the bronchi"],
         named=["the trachea", "the windpipe", "the tracheal air column"],
         terms=["trache", "windpipe"],
         alias=["the trachea", "the air column", "this airway"],
         rivals=[("the oesophagus", "it lies behind and does not hold a column of air"),
                 ("the spinal canal", "it is bony-walled and far behind")]),
    dict(key="oes", target="esophagus", o="LP", shapes=[(132, 158, 7, 6)],
         others={"heart": (140, 108), "descending aorta": (152, 170), "vertebral body": (128, 192)},
         q=["the muscular tube that carries swallowed food down to the stomach",
            "the tube that can narrow and make swallowing solid food difficult"],
         named=["the oesophagus", "the gullet", "the oesophageal lumen"],
         terms=["esophag", "oesophag", "gullet", "food pipe"],
         alias=["the oesophagus", "this muscular tube"],
         rivals=[("the trachea", "it holds air and is ringed with cartilage"),
                 ("the azygos vein", "it is a vessel, not a muscular tube")]),
    dict(key="eff", target="pleural effusion", o="LP", shapes="effusion",
         others={"heart": (140, 110), "sternum": (128, 50)},
         q=["the abnormal collection of fluid that has gathered in the space around the breathing organs",
            "the fluid layer settling at the back of the chest that could explain the breathlessness"],
         named=["the pleural effusion", "the effusion", "the pleural fluid"],
         terms=["pleura", "effusion"],
         alias=["the fluid collection", "the effusion"],
         rivals=[("collapsed breathing tissue", "it would be denser and enhance with contrast"),
                 ("a thickened lining", "it would be thin and even, not dependent")]),
    dict(key="nod", target="lung tumour", o="LP", shapes="nodules",
         others={"heart": (140, 112), "vertebral body": (128, 194)},
         q=["the rounded spot or spots that the team wants followed up",
            "the round shadow or shadows that might need a biopsy"],
         named=["the lung nodule", "the pulmonary nodule", "the suspected lung tumour"],
         terms=["nodul", "tumour", "tumor", "mass", "lesion", "cancer", "carcinom", "neoplas", "lung", "pulmo",
                "nsclc", "sclc"],
         alias=["the abnormal spot", "this finding"],
         rivals=[("a blood vessel seen end-on", "it would connect to a branching vessel on adjacent slices"),
                 ("a scar", "it would look linear rather than rounded")]),
    dict(key="clav", target="clavicle", o="LI", shapes=[(84, 34, 30, 6), (172, 34, 30, 6)],
         others={"heart": (140, 160), "liver": (92, 212)},
         q=["the S-shaped bones linking each shoulder to the breastbone",
            "the bones that most often break when someone falls on an outstretched hand"],
         named=["the clavicles", "the collarbones", "both clavicular shafts"],
         terms=["clavic", "collar", "cleido"],
         alias=["the clavicles", "these bones"],
         rivals=[("the first ribs", "they curve round the top of the chest cage rather than running to the shoulder"),
                 ("the shoulder blades", "they lie at the back over the upper chest wall")]),
    dict(key="rib", target="rib", o="LP", shapes=[(24, 110, 5, 8), (30, 162, 5, 8), (232, 110, 5, 8), (226, 162, 5, 8)],
         others={"sternum": (128, 50), "heart": (140, 112)},
         q=["the curved bones of the chest cage cut across at the edges of this slice",
            "the curved bones that can crack after a hard fall against a table edge"],
         named=["the ribs", "the rib cross-sections", "the costal bones"],
         terms=["rib", "costa", "costo"],
         alias=["the rib cross-sections", "these bones"],
         rivals=[("the shoulder blades", "they are flat plates further back"),
                 ("the breastbone", "it is a single bone at the front in the middle")]),
]


def _body(o: str):
    from medseg_qa.patient import Body

    cx, cy, rx, ry = _BODY[o]
    yy, xx = np.mgrid[0:H, 0:W]
    m = ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1
    ys, xs = np.nonzero(m)
    return Body(centre=(float(xs.mean()), float(ys.mean())), bbox=(int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())),
                area=int(m.sum()), touches=(False, False, False, False))


def _shapes(p: dict, rng: random.Random) -> list[tuple]:
    if p["shapes"] == "effusion":
        right, left = (62, 184, 34, 14), (194, 184, 32, 13)
        return [[right], [left], [right, left]][rng.randrange(3)]
    if p["shapes"] == "nodules":
        spots = [(70, 110), (88, 160), (186, 100), (176, 160), (60, 140), (196, 136)]
        rng.shuffle(spots)
        return [(x, y, rng.randint(5, 8), rng.randint(5, 8)) for x, y in spots[:rng.choice([1, 1, 2, 2, 3])]]
    return p["shapes"]


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draw the mask (jittered ellipses) and measure it with the product's own compute_facts."""
    from medseg_qa.facts import compute_facts
    from medseg_qa.patient import patient_frame

    yy, xx = np.mgrid[0:H, 0:W]
    mask = np.zeros((H, W), bool)
    for cx, cy, rx, ry in _shapes(p, rng):
        cx, cy = cx + rng.uniform(-3, 3), cy + rng.uniform(-3, 3)
        rx, ry = rx * rng.uniform(0.9, 1.1), ry * rng.uniform(0.9, 1.1)
        mask |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1
    others = {n: (x / (W - 1), y / (H - 1)) for n, (x, y) in p["others"].items()}
    frame = patient_frame((H, W), p["o"], body=_body(p["o"]))
    return compute_facts(mask, p["o"], others=others, frame=frame).model_dump(mode="json")


MULTI = ("aorta_two", "lungs", "lungs_cor", "nod", "clav", "rib", "eff")


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    """Half of the count defects and a third of the side defects go to masks that are often multi-region
    or bilateral (the two aortic limbs, both lungs, nodules, clavicles, ribs, effusions)."""
    if defect in ("count", "laterality") and rng.random() < (0.5 if defect == "count" else 0.35):
        return rng.choice([p for p in profiles if p["key"] in MULTI])
    return rng.choice(profiles)


def record_for(p: dict) -> dict:
    return {"modality": "CT", "body_region": "thorax", "orientation": p["o"]}



# -- prose, written FROM the facts ----------------------------------------------------------------------

NICE = {"esophagus": "oesophagus", "right lower lung lobe": "right lower lobe", "left upper lung lobe": "left upper lobe"}
OPP_REL = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "superior_to": "inferior_to",
           "inferior_to": "superior_to", "left_of": "right_of", "right_of": "left_of"}
OPP_V = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def _nice(name: str, style: str) -> str:
    n = NICE.get(name, name)
    if style == "patient":
        return {"sternum": "breastbone (sternum)", "vertebral body": "backbone (vertebral body)"}.get(n, n)
    return n if style != "email" else {"superior vena cava": "SVC", "vertebral body": "vert body"}.get(n, n)


def side_text(side: str, style: str, rng: random.Random) -> str:
    """A sentence placing the target on `side` (left/right/midline/bilateral)."""
    if style == "british":
        f = {"left": ["It sits on the patient's left, to the left of the midline.", "It lies on the left side of the patient.",
                      "It is left-sided, sitting to the left of centre."],
             "right": ["It sits on the patient's right, to the right of the midline.", "It lies on the right side of the patient.",
                       "It is right-sided, sitting to the right of centre."],
             "midline": ["It sits in the midline, more or less dead centre from side to side.", "It is a midline structure, centred between left and right.",
                        "It lies centrally in the midline, favouring neither side."],
             "bilateral": ["It is present on both sides, left and right.", "It is bilateral, with a portion on each side of the midline.",
                           "It occupies both the left and the right side of the chest."]}
    elif style == "email":
        f = {"left": ["Side: L.", "It's L-sided.", "Sits on the L, i.e. the patient's left."],
             "right": ["Side: R.", "It's R-sided.", "Sits on the R, i.e. the patient's right."],
             "midline": ["Side: midline.", "It's midline, neither R nor L.", "Sits in the midline."],
             "bilateral": ["Side: bilateral (R and L).", "It's bilateral, both R and L.", "Present on both sides, R + L."]}
    elif style == "reasoning":
        f = {"left": ["The region lies on the patient's left.", "So the target is on the left side of the patient."],
             "right": ["The region lies on the patient's right.", "So the target is on the right side of the patient."],
             "midline": ["The region sits in the midline.", "So the target is central, in the midline."],
             "bilateral": ["The region is bilateral, one part on each side.", "So the target is present on both the left and the right."]}
    else:
        f = {"left": ["It is on your left side.", "You'll find it on your left-hand side."],
             "right": ["It is on your right side.", "You'll find it on your right-hand side."],
             "midline": ["It sits right in the middle of your chest, in the midline.", "It is in the middle, not off to one side."],
             "bilateral": ["It is on both sides of your body, left and right.", "You have it on your left side and on your right side."]}
    return rng.choice(f[side])


def side_neg(side: str, style: str, rng: random.Random) -> str:
    """A TRUE negation about the side."""
    if side in ("left", "right"):
        o = "right" if side == "left" else "left"
        return rng.choice([f"It is not on the {o}.", f"Nothing of it crosses to the {o} side.",
                           f"It does not extend to the patient's {o}." if style != "patient" else f"It is not on your {o} side."])
    if side == "midline":
        return rng.choice(["It is not off to one side.", "It is neither left- nor right-sided."])
    return rng.choice(["It is not confined to one side.", "It is not a one-sided finding."])


def vert_text(v: str, o: str, style: str, rng: random.Random) -> str:
    if style == "british":
        f = {"anterior": ["It lies quite anteriorly, towards the front of the chest.", "It sits in the anterior part of the chest."],
             "posterior": ["It is quite posterior, towards the back of the chest.", "It lies posteriorly, in the back half of the chest."],
             "superior": ["It lies high up, in the superior part of the image.", "It sits superiorly, towards the top of the trunk."],
             "inferior": ["It lies fairly low, in the inferior part of the image.", "It sits inferiorly, in the lower half of the trunk."],
             "central": ["It is roughly central on this slice, neither markedly anterior nor posterior.", "It sits about halfway between front and back."]}
    elif style == "email":
        f = {"anterior": ["Position: ant. on this slice.", "It's ant. on this slice."], "posterior": ["Position: post. on this slice.", "It's post. on this slice."],
             "superior": ["Position: sup. on this coronal.", "It's sup. on this coronal."], "inferior": ["Position: inf. on this coronal.", "It's inf. on this coronal."],
             "central": ["Position: central (neither ant. nor post.).", "It sits centrally on this slice."]}
    elif style == "reasoning":
        f = {"anterior": ["It lies in the anterior part of the chest."], "posterior": ["It lies in the posterior part of the chest."],
             "superior": ["It lies in the superior part of the image."], "inferior": ["It lies in the inferior part of the image."],
             "central": ["Front to back, it sits about centrally."]}
    else:
        f = {"anterior": ["It is towards the front of your chest.", "It sits nearer your breastbone than your back."],
             "posterior": ["It is towards your back.", "It sits nearer your back than your front."],
             "superior": ["It is near the top of the picture, up towards your neck.", "It sits high up in your chest."],
             "inferior": ["It is lower down in the picture.", "It sits in the lower half of the picture."],
             "central": ["Front to back, it sits about in the middle.", "It is halfway between your front and your back."]}
    if v == "central" and o == "LI":  # coronal: central means halfway between top and bottom
        return rng.choice(["It sits about halfway between the top and the bottom of the image.",
                           "Top to bottom, it is roughly central in the image."])
    return rng.choice(f[v])


def rel_text(rel: dict, style: str, rng: random.Random) -> str:
    o, r = _nice(rel["other"], style), rel["relation"]
    if style == "email":
        w = {"anterior_to": "ant. to", "posterior_to": "post. to", "superior_to": "sup. to", "inferior_to": "inf. to",
             "left_of": "L of", "right_of": "R of"}[r]
        return rng.choice([f"It's {w} the {o}.", f"Relation: {w} the {o}."])
    if style == "patient":
        w = {"anterior_to": "in front of", "posterior_to": "behind", "superior_to": "above", "inferior_to": "below",
             "left_of": "on your left compared with", "right_of": "on your right compared with"}[r]
        return f"It is {w} the {o}."
    w = {"anterior_to": ["anterior to", "in front of"], "posterior_to": ["posterior to", "behind"],
         "superior_to": ["superior to", "above"], "inferior_to": ["inferior to", "below"],
         "left_of": ["to the patient's left of", "on the left side of"],
         "right_of": ["to the patient's right of", "on the right side of"]}[r]
    return rng.choice([f"It lies {rng.choice(w)} the {o}.", f"It sits {rng.choice(w)} the {o}."])


ANALOGY = {"small": ["about the size of a walnut", "roughly the size of a grape", "about as big as a large coin"],
           "medium": ["about the size of a plum", "roughly the size of an egg", "about as big as a lemon"],
           "large": ["about the size of a grapefruit", "roughly the size of a large fist", "about as big as a melon"]}


def size_text(size: str, pct: float, style: str, rng: random.Random, body_pct: float | None = None) -> str:
    """`pct`: share of the image; `body_pct`: share of the chest's cross-section (the measured body)."""
    p = f"{pct:.1f}" if pct >= 0.1 else f"{pct:.2f}"
    if style == "british":
        w = {"small": ["rather small", "fairly small", "small"], "medium": ["moderate in size", "medium-sized", "middling in size"],
             "large": ["fairly large", "large", "rather large"]}[size]
        if body_pct is not None and rng.random() < 0.35:
            return f"It is {rng.choice(w)}, roughly {body_pct:.1f}% of the chest's cross-section on this slice."
        return rng.choice([f"It is {rng.choice(w)} on this slice, about {p}% of the image.",
                           f"Overall it is {rng.choice(w)} on this slice.", f"It is {rng.choice(w)}, taking up roughly {p}% of the image area."])
    if style == "email":
        w = {"small": "small", "medium": "medium", "large": "large"}[size]
        return rng.choice([f"Size: {w}, approx. {p}% of the image.", f"It's {w} (approx. {p}% of image area).", f"Size {w}."])
    if style == "reasoning":
        w = {"small": "small", "medium": "medium-sized", "large": "large"}[size]
        return rng.choice([f"It is {w}, about {p}% of the image.", f"Its area is about {p}% of the image, so it is {w}."])
    w = {"small": "small", "medium": "medium-sized", "large": "large"}[size]
    return rng.choice([f"On the picture it is {w}, {rng.choice(ANALOGY[size])}.",
                       f"It looks {w} on the scan, {rng.choice(ANALOGY[size])}, and covers about {p}% of the picture."])


def count_text(n: int, style: str, rng: random.Random) -> str:
    if n == 1:
        f = {"british": ["It is a single connected region.", "It forms one continuous area."],
             "email": ["Components: 1 (single region).", "Single contiguous region."],
             "reasoning": ["It is one connected region."],
             "patient": ["It is all one piece.", "It is a single area, all joined up."]}[style]
        return rng.choice(f)
    w = NUMW.get(n, str(n))
    f = {"british": [f"It is made up of {w} separate regions.", f"It appears as {w} distinct, separate parts."],
         "email": [f"Components: {n} separate regions.", f"{n} separate components."],
         "reasoning": [f"It is split into {w} separate regions."],
         "patient": [f"It shows up as {w} separate areas.", f"There are {w} separate patches of it."]}[style]
    return rng.choice(f)


def count_neg(n: int, rng: random.Random) -> str:
    return rng.choice(["There is no second focus.", "There is no separate fragment."]) if n == 1 else \
        rng.choice([f"There are not more than {NUMW.get(n, n)} parts.", "The parts are not joined together."])


CONVENTION = {"LP": ["By convention, axial CT is viewed as if from the patient's feet, so the patient's left appears on the right of the screen.",
                     "Remember the radiological convention: the patient's right is displayed on the left of the image."],
              "LI": ["On a coronal image the patient faces you, so their left is shown on your right and their head is at the top.",
                     "As usual for coronal CT, the patient's right side is displayed on the left of the picture."]}
# TRUE sentences about OTHER structures (with their own sides, sizes, positions); key = profiles they skip
KNOWLEDGE = [("The liver sits under the right hemidiaphragm, which is why the right dome is usually a little higher.", ()),
             ("The descending aorta normally runs down to the left of the spine.", ("dao", "aorta_two")),
             ("The gastric air bubble usually sits under the left hemidiaphragm.", ()),
             ("The right main bronchus is shorter, wider and more vertical than the left one.", ("trachea", "trachea_cor")),
             ("The left lung has two lobes, while the right lung has three.", ("lungs", "lungs_cor", "rlung", "llung", "rml", "lll")),
             ("The azygos vein arches over the right main bronchus.", ()),
             ("The thymus lies in front of the great vessels in young people and is large in infants.", ()),
             ("The spleen is tucked up under the left lower ribs, well below the level of the heart.", ())]
POPULATION = [("In adults the heart typically weighs about 250 to 350 grams.", ("heart", "heart_cor")),
              ("The adult trachea is roughly 10 to 12 cm long.", ("trachea", "trachea_cor")),
              ("A normal adult ascending aorta is usually less than about 4 cm across.", ("aorta_asc", "aorta_two")),
              ("Most small nodules found on chest CT turn out to be benign.", ("nod",)),
              ("At rest an adult breathes roughly 12 to 20 times a minute.", ()),
              ("Roughly one person in four has a small opening between the atria, a patent foramen ovale.", ("ra",))]


def _comparison(size: str, key: str) -> str | None:
    """A TRUE comparison with other structures, from the measured size class."""
    if size == "small" and key not in ("lungs", "lungs_cor"):
        return "It is much smaller than either lung on this image."
    if size == "large" and key not in ("oes",):
        return "It is considerably bigger than the oesophagus, which is only a narrow tube."
    if size == "medium":
        return "It is bigger than the trachea's cross-section but smaller than a whole lung."
    return None


def _false_size(facts: dict) -> tuple[str, float]:
    s, pct = facts["size_class"], facts["area_fraction"] * 100
    if s == "small":
        return "large", pct * 8
    if s == "large":
        return "small", pct / 8
    return ("large", pct * 6) if (facts.get("body_fraction") or 0) < 0.05 else ("small", pct / 6)


def _frame_q(x: str, o: str, style: str, rng: random.Random) -> str:
    view = "axial CT slice" if o == "LP" else "coronal CT image"
    f = {"british": [f"Could you point out {x} on this {view}? Please segment it.",
                     f"Which structure on this {view} is {x}? I'd be grateful if you could outline it.",
                     f"On this {view}, where is {x}? Kindly mark it for me."],
         "email": [f"Hi team, quick one re the CT from this morning: can someone segment {x} on this {view}? Thanks, Sam",
                   f"Hi all, re the chest CT on the list today, which bit is {x}? Pls outline it. Cheers",
                   f"Hi team, handover query on the {view}: where exactly is {x}? Could you mask it?"],
         "reasoning": [f"Which structure in this {view} is {x}? Think it through, then segment it.",
                       f"Can you identify {x} on this {view}? Show your reasoning before you segment it.",
                       f"Let's reason about this {view}: what is {x}, and can you segment it?"],
         "patient": [f"My doctor mentioned {x} on my scan. Can you show me where it is?",
                     f"I'm a bit nervous about my chest scan. Where is {x}? Could you highlight it?",
                     f"Could you explain where {x} is on this picture of my chest and mark it?"]}[style]
    return rng.choice(f)


def _opener(alias: str, style: str, rng: random.Random) -> str:
    f = {"british": [f"That would be {alias}, I believe. {SEG}", f"This is {alias}; I have outlined it here: {SEG}.",
                     f"I'd say this is most likely {alias}. Segmentation: {SEG}"],
         "email": [f"Hi, thanks for flagging. That's {alias}, mask here: {SEG}.", f"Hi all, it's {alias}, outlined: {SEG}",
                   f"Hi Sam, that'll be {alias}, probably. Mask: {SEG}"],
         "reasoning": [f"Answer: {alias}. {SEG}", f"Final answer: the structure is {alias}. {SEG}"],
         "patient": [f"Of course. The part you're asking about is {alias}, and I've highlighted it here: {SEG}.",
                     f"Good question, and please try not to worry. It's {alias}. Here it is: {SEG}."]}[style]
    return rng.choice(f)


def _think(p: dict, clue: str, style_rng: random.Random) -> str:
    rivals = list(p["rivals"])
    style_rng.shuffle(rivals)
    lines = [f"Could it be {n}? No: {r}." for n, r in rivals]
    head = style_rng.choice(["<think>", "Let me think step by step."])
    body = " ".join([f"The question asks for {clue}.", *lines,
                     f"That leaves {p['alias'][0]}, which fits the description."])
    return f"{head}\n{body}\n</think>" if head == "<think>" else f"{head}\n{body}"


FOLLOW_Q = {"side": {"british": ["Which side is it?", "Which side of the chest would that be?"],
                     "email": ["R or L? Just to confirm.", "Which side, for the handover?"],
                     "reasoning": ["Which side, then?", "Which side of the patient is it on?"],
                     "patient": ["Is it on my left or my right?", "Which side is it?"]},
            "vert": {"british": ["Is it towards the front or the back?", "Where does it sit front to back?"],
                     "email": ["Ant or post?", "Ant. or post., roughly?"],
                     "reasoning": ["Front or back?", "Where is it along the front-to-back axis?"],
                     "patient": ["Is it nearer my front or my back?", "Is it at the front or the back?"]},
            "size": {"british": ["How big is it?", "Is it a large structure on this slice?"],
                     "email": ["Size roughly?", "Approx. size on the image?"],
                     "reasoning": ["How big is it?", "How much of the image does it take up?"],
                     "patient": ["How big is it?", "Is it large or small?"]},
            "count": {"british": ["Is it all in one piece?", "How many separate parts are there?"],
                      "email": ["One component or more?", "How many separate bits?"],
                      "reasoning": ["How many regions?", "Is it one connected region?"],
                      "patient": ["Is it all one piece?", "How many separate bits are there?"]}}
FOLLOW_VERT_LI = ["Is it high or low in the image?", "Where is it from top to bottom?"]


def _presuppose(kind: str, val, o: str, style: str) -> str:
    """A user question that takes the false value `val` of `kind` for granted."""
    if kind == "side":
        side, only = val
        mine = "my" if style == "patient" else "the patient's"
        return (f"Why is it only on {mine} {side} side?" if only else
                {"email": f"Any reason it's {side[0].upper()}-sided, on the {side}?",
                 "patient": f"Why is it on my {side} side?"}.get(style, f"Why does it lie on {mine} {side}?"))
    if kind == "vert":
        return {"anterior": "Why does it sit so far forward, towards the front of the chest?",
                "posterior": "Why does it sit so far back, towards the back of the chest?",
                "superior": "Why is it so high up in the image?", "inferior": "Why is it so low down in the image?"}[val]
    if kind == "rel":
        other, rel = val
        w = {"anterior_to": "in front of", "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}[rel]
        return f"Why is it {w} the {_nice(other, style)}?"
    if kind == "size":
        return ("Why is it so large on this slice?" if val[0] == "large" else "Why does it look so small on this slice?")
    return "Why is it all in one single piece?" if val == 1 else f"Why is it split into {NUMW[val]} separate parts?"


NEUTRAL = ["That is mostly down to normal anatomy and where this slice happens to cut; the outline follows its edges.",
           "Largely anatomy and the level of the slice. The outline I drew simply follows what is visible.",
           "It mostly reflects where this image was taken through the chest; nothing about it needs action on its own."]


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    """(turns, expected): one first question (implicit unless `defect` is names_target), an answer with one
    [SEG], 0-2 follow-up rounds; `defect` plants exactly one false claim of its kind."""
    o, key = p["o"], p["key"]
    side, v, size, n = facts["laterality"], facts["vertical"], facts["size_class"], facts["components"]
    pct = facts["area_fraction"] * 100
    rels = facts["relations"]
    axial_rels = [r for r in rels if r["relation"] in ("anterior_to", "posterior_to", "superior_to", "inferior_to")]
    claims: list[tuple[str, bool, str]] = []
    planted = None
    dkind = {"laterality": "side", "size": "size", "count": "count"}.get(defect or "")
    if defect == "position":
        dkind = "rel" if axial_rels and (v == "central" or rng.random() < 0.4) else "vert"
    loc = "first"
    if dkind:
        r = rng.random()
        loc = "user" if r < 0.22 else "follow" if r < 0.47 else "first"

    # the false value and sentence of the planted kind
    false_val, false_text = None, None
    if dkind == "side":
        if side in ("left", "right"):
            false_val = ("right" if side == "left" else "left", False)
        elif side == "midline":
            false_val = ("right" if facts["centroid_patient"][0] > 0 else "left", False)
        else:
            false_val = (rng.choice(["left", "right"]), True)
        false_text = {"british": f"It is confined to the {false_val[0]} side.", "email": f"It's {false_val[0][0].upper()}-sided only.",
             "reasoning": f"The region lies only on the patient's {false_val[0]}.",
             "patient": f"It is only on your {false_val[0]} side."}[style]
        if side in ("left", "right", "midline"):
            false_text = side_text(false_val[0], style, rng)
    elif dkind == "vert":
        if v == "central":
            lean = facts["centroid_patient"][1] > 0
            false_val = ("anterior" if lean else "posterior") if o == "LP" else ("superior" if lean else "inferior")
        else:
            false_val = OPP_V[v]
        false_text = vert_text(false_val, o, style, rng)
    elif dkind == "rel":
        r0 = rng.choice(axial_rels)
        false_val = (r0["other"], OPP_REL[r0["relation"]])
        false_text = rel_text({"other": r0["other"], "relation": false_val[1]}, style, rng)
    elif dkind == "size":
        false_val = _false_size(facts)
        scale = false_val[1] / max(pct, 1e-9)
        false_text = size_text(false_val[0], false_val[1], style, rng, (facts.get("body_fraction") or 0) * 100 * scale or None)
    elif dkind == "count":
        false_val = rng.choice([2, 3]) if n == 1 else (1 if rng.random() < 0.6 else n + 1)
        false_text = count_text(false_val, style, rng)

    def fact(kind: str) -> str:
        """The sentence of `kind`: the planted false one where it belongs, else a true one."""
        nonlocal planted
        if kind == dkind:
            planted = false_text
            claims.append((kind, False, false_text))
            return false_text
        if kind == "side":
            t = side_text(side, style, rng)
            if style == "british" and side in ("left", "right") and abs(facts["centroid_patient"][0]) < 0.12 \
                    and rng.random() < 0.6:
                t = f"It sits just to the {side} of centre, on the patient's {side}."
        elif kind == "vert":
            t = vert_text(v, o, style, rng)
        elif kind == "size":
            t = size_text(size, pct, style, rng, (facts.get("body_fraction") or 0) * 100 or None)
        elif kind == "count":
            t = count_text(n, style, rng)
        else:
            pool = [r for r in rels if not (dkind == "rel" and r["other"] == false_val[0])
                    and not (side == "bilateral" and r["relation"] in ("left_of", "right_of"))]
            r = rng.choice(pool) if pool else None
            if r is None:
                return ""
            t = rel_text(r, style, rng)
            claims.append(("rel", True, t))
            return t
        if t.startswith("It ") and style in ("british", "patient") and rng.random() < 0.2:  # a hedge, still true
            t = rng.choice(["As far as I can tell, ", "From what I can see, "]) + "it " + t[3:]
        claims.append((kind, True, t))
        return t

    # first question
    clue = rng.choice(p["q"])
    if defect == "names_target":
        q1 = _frame_q(rng.choice(p["named"]), o, style, rng)
        planted = q1
    else:
        q1 = _frame_q(clue, o, style, rng)

    # first answer
    held = {dkind} if loc in ("user", "follow") else set()
    kinds = [k for k in ("side", "vert", "rel", "size", "count") if k not in held and (k == dkind or rng.random() < 0.8)]
    if dkind == "rel" and loc == "first" and "rel" not in kinds:
        kinds.insert(2, "rel")
    body = [fact(k) for k in kinds]
    traps = []
    if rng.random() < 0.6:
        traps.append(rng.choice(CONVENTION[o]))
    if "side" not in held and dkind != "side" and rng.random() < 0.5:
        traps.append(side_neg(side, style, rng))
    if dkind != "count" and rng.random() < 0.4:
        traps.append(count_neg(n, rng))
    kb = [t for t, skip in KNOWLEDGE if key not in skip]
    pop = [t for t, skip in POPULATION if key not in skip]
    if rng.random() < 0.7:
        traps.append(rng.choice(kb))
    if rng.random() < 0.4:
        traps.append(rng.choice(pop))
    if style == "patient":
        traps.append(rng.choice(["Seeing it highlighted does not by itself mean anything is wrong.",
                                 "Your care team will go through what it means with you."]
                                + ([] if key in ("eff", "nod") else ["This is a normal part of everyone's anatomy."])))
    comp = _comparison(size, key)
    if comp and dkind != "size" and rng.random() < 0.4:
        traps.append(comp)
    body = [b for b in body if b]
    claims += [("trap", True, t) for t in traps]
    alias = p["alias"][0]  # the answer names the structure plainly; other aliases are for the reasoning trace
    if style == "reasoning":
        a1 = _think(p, clue, rng) + "\n" + " ".join(body[:2]) + "\n" + _opener(alias, style, rng) + " " + " ".join(body[2:] + traps)
    elif style == "email":
        a1 = _opener(alias, style, rng) + "\n" + "\n".join(f"- {b}" for b in body) + "\n" + " ".join(traps) + "\nThanks, Alex"
    else:
        a1 = _opener(alias, style, rng) + " " + " ".join(body + traps)
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": a1.strip()}]

    # follow-up rounds
    rounds = rng.choice([1, 2, 2, 3]) if loc == "first" else rng.choice([2, 3])
    topics = [t for t in ("side", "vert", "size", "count") if t != dkind]
    rng.shuffle(topics)
    plan = ([dkind] if loc in ("user", "follow") else []) + topics
    for t in plan[:rounds - 1]:
        if t == dkind and loc == "user":
            q = _presuppose(dkind, false_val, o, style)
            planted = q
            claims.append((dkind, False, q))
            a = rng.choice(NEUTRAL)
        elif rng.random() < 0.25 and t != dkind:
            asked = {t["content"] for t in turns}
            q = rng.choice([x for x in ("Why is that?", "Anything else worth knowing here?", "Any other landmarks to help me?")
                            if x not in asked] or ["Could you give one more tip?"])
            a = rng.choice(["One more orienting point: ", "A useful landmark: ", "Background worth knowing: "]) + \
                rng.choice(kb + pop) + " " + rng.choice(["That is general anatomy, not a finding.", "It helps to orient yourself on the image."])
        else:
            qs = (["How does it relate to its neighbours?", "What is it next to?"] if t == "rel" else
                  FOLLOW_VERT_LI if (t == "vert" and o == "LI") else FOLLOW_Q[t][style])
            q = rng.choice(qs)
            if len(q) < 12 or len(q.split()) < 3:
                q = {"side": "Which side is it on?", "vert": "Where does it sit, front to back?",
                     "size": "How big does it look?", "count": "How many regions are there?"}[t]
            a = fact(t)
            a = rng.choice(["", "Sure. ", "Good question. ", "To answer that: "]) + a
            if len(a) < 12 or len(a.split()) < 3:
                a += " That is what the outline shows."
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    if loc == "follow" and not any(c[1] is False for c in claims):
        # the planted kind was not reached in the follow-ups above: ask for it now
        q = {"side": "Which side is it on?", "vert": "Where does it sit, front to back?" if o == "LP" else FOLLOW_VERT_LI[1],
             "rel": "How does it relate to its neighbours?", "size": "How big does it look?",
             "count": "How many regions are there?"}[dkind]
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": fact(dkind)}]
    _LOG.append({"claims": claims, "planted": planted, "loc": loc, "dkind": dkind, "defect": defect})
    return turns, ([defect] if defect else [])
