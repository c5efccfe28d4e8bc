"""Bank DD: abdomen and pelvis CT (axial "LP", a few coronal "LI"), organs, vessels, paired organs,
midline structures and multi-region lesions.

Registers: "jsonfirst" (a JSON object of findings, then one explanatory paragraph), "rationale" (an answer
paragraph, then a "Rationale:" paragraph), "socratic" (the assistant asks the learner leading questions and
confirms or corrects the answers), "brief" (one or two short sentences per turn).

Written without reading QC. Every claim the builder writes about the target is recorded in LEDGER (one entry
per build call) so that the writer's own reader can re-check it against the measured facts.
Own check (/work/notes/qcdd_scripts/check_dd.py): rows 420, clean 210, 42 per defect kind; planted defects
in the first answer 100, a follow-up answer 39, a user turn 29; 88 user false ideas explicitly corrected in
clean rows; laterality left 72 / right 132 / midline 118 / bilateral 98; 119 multi-piece masks; problems 0.
"""

import json
import random

import numpy as np

STYLES = ["jsonfirst", "rationale", "socratic", "brief"]
LEDGER = []  # one dict per build(): {"turns": [...], "claims": [...]}


# ---------------------------------------------------------------------------------------------------------
# profiles: ellipses (cx, cy, rx, ry) in pixels on a 256 x 256 grid; others = normalised centroids
PROFILES = [
    dict(target="liver", o="LP", region="abdomen", ell=[(85, 106, 48, 40)], noun="piece",
         names=["liver", "the liver"], others={"aorta": (0.52, 0.58), "spleen": (0.74, 0.52), "stomach": (0.62, 0.41)},
         ask=["Which organ in this axial CT makes bile, stores glycogen and clears most drugs? Please segment it.",
              "A patient is jaundiced with a raised ALT after a paracetamol overdose. Which organ is injured? Outline it on this slice.",
              "Segment the biggest solid organ in this abdomen, the one that makes clotting factors."],
         named=["Please segment the liver on this CT.", "Can you outline the hepatic parenchyma here?"],
         know=["The spleen sits on the opposite side, under the left hemidiaphragm.",
               "Fatty infiltration of this organ is seen in roughly 25% of adults worldwide.",
               "The portal vein enters at the hilum, behind the duodenum's first part."]),
    dict(target="spleen", o="LP", region="abdomen", ell=[(190, 135, 20, 30)], noun="piece",
         names=["spleen", "the spleen"], others={"liver": (0.33, 0.42), "left kidney": (0.66, 0.65), "aorta": (0.52, 0.58)},
         ask=["Which organ filters old red cells and enlarges in infectious mononucleosis? Segment it on this slice.",
              "After a fall onto the left lower ribs, which solid organ is most at risk of rupture? Outline it."],
         named=["Segment the spleen, please.", "Outline the splenic tissue on this axial slice."],
         know=["An accessory spleen (splenunculus) is found in about 10-30% of people at autopsy.",
               "The left kidney lies behind and below it, and the tail of the pancreas reaches its hilum.",
               "The liver, on the right, is normally much bigger."]),
    dict(target="right kidney", o="LP", region="abdomen", ell=[(88, 160, 16, 22)], noun="piece",
         names=["right kidney", "the right kidney"],
         others={"liver": (0.33, 0.42), "aorta": (0.52, 0.58), "inferior vena cava": (0.43, 0.56)},
         ask=["Which organ tucked behind the liver on the patient's right filters blood and makes urine? Segment it.",
              "The patient has right flank pain and haematuria. Which retroperitoneal organ would you look at first? Outline it."],
         named=["Segment the right kidney.", "Please outline the right renal parenchyma."],
         know=["It usually sits a little lower than its partner on the left because the liver pushes it down.",
               "The left renal vein crosses in front of the aorta to reach the IVC.",
               "A horseshoe configuration occurs in roughly 1 in 500 people."]),
    dict(target="left kidney", o="LP", region="abdomen", ell=[(168, 160, 16, 22)], noun="piece",
         names=["left kidney", "the left kidney"],
         others={"spleen": (0.74, 0.52), "aorta": (0.52, 0.58), "stomach": (0.62, 0.40)},
         ask=["Which bean-shaped organ near the spleen produces urine and erythropoietin? Segment it.",
              "A stone is suspected on the side of the spleen. Which urine-producing organ should be outlined? Segment it."],
         named=["Outline the left kidney on this slice.", "Segment the left renal cortex and medulla."],
         know=["The right-sided partner is usually 1-2 cm lower because of the liver.",
               "The left renal vein passes anterior to the aorta, just below the superior mesenteric artery.",
               "About 2% of people have a duplicated collecting system."]),
    dict(target="kidneys", o="LP", region="abdomen", ell=[(88, 160, 16, 22), (168, 160, 16, 22)], noun="piece",
         names=["kidneys", "both kidneys"], others={"aorta": (0.52, 0.56), "liver": (0.33, 0.42)},
         ask=["Which paired organs filter the blood and make urine? Segment them on this axial slice.",
              "In a patient with a creatinine of 300, which paired retroperitoneal organs would you outline? Segment them."],
         named=["Segment both kidneys.", "Please outline the renal parenchyma on both sides."],
         know=["The liver is on the right and the spleen on the left, at a higher level.",
               "Chronic kidney disease affects about 10% of adults.",
               "The aorta sits just left of the midline, in front of the vertebral body."]),
    dict(target="aorta", o="LP", region="abdomen", ell=[(133, 150, 10, 10)], noun="piece",
         names=["aorta", "the abdominal aorta"],
         others={"inferior vena cava": (0.43, 0.56), "vertebral body": (0.51, 0.68), "pancreas": (0.50, 0.48)},
         ask=["Which vessel carries oxygenated blood from the heart down to the legs? Segment it on this slice.",
              "An elderly smoker has a pulsatile mass in the abdomen. Which vessel should be outlined to measure it?"],
         named=["Segment the aorta.", "Please outline the aortic lumen and wall."],
         know=["The inferior vena cava runs on the right, beside it.",
               "Aneurysms over 5.5 cm are usually repaired; screening finds one in about 1-2% of men over 65.",
               "The left renal vein crosses in front of it."]),
    dict(target="inferior vena cava", o="LP", region="abdomen", ell=[(108, 146, 9, 11)], noun="piece",
         names=["inferior vena cava", "the IVC"],
         others={"aorta": (0.52, 0.59), "liver": (0.33, 0.42), "right kidney": (0.345, 0.63)},
         ask=["Which large vein returns blood from the legs and abdomen to the right atrium? Segment it.",
              "Where would a filter be placed to stop leg clots reaching the lungs? Outline that vessel."],
         named=["Segment the inferior vena cava.", "Outline the IVC on this slice, please."],
         know=["The aorta is its arterial companion, just to the left.",
               "A left-sided or duplicated variant occurs in about 0.2-3% of people.",
               "The right renal vein is short and drains straight into it."]),
    dict(target="pancreas", o="LP", region="abdomen", ell=[(115, 125, 30, 9), (150, 120, 22, 8)], noun="piece",
         names=["pancreas", "the pancreas"],
         others={"aorta": (0.52, 0.59), "stomach": (0.62, 0.40), "spleen": (0.74, 0.52)},
         ask=["Which gland makes insulin and digestive enzymes? Segment it on this axial CT.",
              "Epigastric pain radiating to the back with a lipase of 2000: which organ is inflamed? Outline it."],
         named=["Segment the pancreas.", "Outline the pancreatic head, body and tail."],
         know=["Its head nestles in the C-loop of the duodenum on the right, and the tail points toward the splenic hilum on the left.",
               "The splenic vein runs along its back.",
               "Adenocarcinoma of this gland has a 5-year survival near 10%."]),
    dict(target="gallbladder", o="LP", region="abdomen", ell=[(98, 108, 10, 14)], noun="piece",
         names=["gallbladder", "the gallbladder"], others={"liver": (0.33, 0.42), "duodenum": (0.47, 0.47)},
         ask=["Which pear-shaped sac stores and concentrates bile? Segment it.",
              "Right upper quadrant pain after fatty meals and a positive Murphy's sign: which organ would you outline?"],
         named=["Segment the gallbladder.", "Outline the gall bladder lumen."],
         know=["Gallstones are found in about 10-15% of adults in Western countries.",
               "The common bile duct runs down behind the duodenum to the ampulla.",
               "The liver wraps around it from above."]),
    dict(target="stomach", o="LP", region="abdomen", ell=[(160, 100, 30, 22)], noun="piece",
         names=["stomach", "the stomach"], others={"spleen": (0.74, 0.52), "liver": (0.33, 0.42), "pancreas": (0.50, 0.48)},
         ask=["Which hollow organ secretes acid and intrinsic factor? Segment it on this slice.",
              "A patient vomits blood from a peptic ulcer. Which organ holding food after swallowing would you outline?"],
         named=["Segment the stomach.", "Outline the gastric lumen and wall."],
         know=["The spleen lies behind and lateral to it on the left.",
               "Helicobacter pylori colonises roughly half of the world's population.",
               "The pancreas lies behind it, across the lesser sac."]),
    dict(target="liver metastases", o="LP", region="abdomen", noun="lesion",
         ell=[(70, 100, 9, 8), (95, 120, 7, 7), (80, 135, 6, 5)],
         names=["liver metastases", "the liver metastases"], others={"aorta": (0.52, 0.59), "gallbladder": (0.38, 0.43)},
         ask=["This patient had a sigmoid cancer resected last year and the CEA is rising. Segment the lesions that explain it.",
              "Outline the hypodense lesions that most likely reflect spread of the known colorectal primary."],
         named=["Segment the liver metastases.", "Please outline every hepatic metastasis on this slice."],
         know=["Colorectal cancer spreads to this organ in about 25-50% of patients during the disease.",
               "The portal vein drains the bowel, which is why the right upper quadrant organ is the first filter.",
               "The gallbladder fossa should not be mistaken for a lesion."]),
    dict(target="enlarged lymph nodes", o="LP", region="abdomen", noun="node",
         ell=[(104, 150, 7, 7), (152, 150, 7, 7), (152, 170, 6, 6)],
         names=["enlarged lymph nodes", "the para-aortic nodes"], others={"aorta": (0.52, 0.59)},
         ask=["This patient with Hodgkin disease has night sweats. Segment the abnormal soft-tissue masses around the great vessels.",
              "Outline the rounded retroperitoneal masses that would change this patient's Ann Arbor stage."],
         named=["Segment the enlarged lymph nodes.", "Outline the para-aortic lymphadenopathy."],
         know=["A short axis over 10 mm is the usual cut-off in the retroperitoneum.",
               "The left renal vein crosses anterior to the aorta and can mimic a mass.",
               "The cisterna chyli, behind and to the right of the aorta, can mimic one of them."]),
    dict(target="renal cysts", o="LP", region="abdomen", noun="cyst",
         ell=[(80, 150, 7, 7), (95, 176, 5, 5), (172, 158, 8, 8)],
         names=["renal cysts", "the renal cysts"], others={"liver": (0.33, 0.42), "aorta": (0.52, 0.57)},
         ask=["Segment the simple, water-density lesions in the paired urine-producing organs on this slice.",
              "An incidental finding: several round fluid-filled lesions in the retroperitoneal filters. Outline them."],
         named=["Segment the renal cysts.", "Outline the kidney cysts on both sides."],
         know=["Simple cysts of this kind are found in over a third of people older than 50.",
               "Bosniak I lesions need no follow-up.",
               "The liver, anterior and to the right, can host similar cysts."]),
    dict(target="psoas muscles", o="LP", region="abdomen", noun="piece",
         ell=[(105, 176, 10, 14), (150, 176, 10, 14)],
         names=["psoas muscles", "both psoas muscles"], others={"aorta": (0.52, 0.58), "vertebral body": (0.50, 0.70)},
         ask=["Which paired structures beside the lumbar spine flex the hip? Segment them.",
              "In a sarcopenia study, which paired paraspinal structures are outlined at L3? Segment them."],
         named=["Segment the psoas muscles.", "Outline both psoas."],
         know=["An abscess here often comes from the spine or from Crohn's disease.",
               "The aorta lies in front of the vertebral body, just left of centre.",
               "Their cross-section is often used as a frailty marker."]),
    dict(target="urinary bladder", o="LP", region="pelvis", ell=[(128, 105, 30, 24)], noun="piece",
         names=["urinary bladder", "the bladder"], others={"rectum": (0.5, 0.66), "pubic symphysis": (0.5, 0.28)},
         ask=["Which hollow organ stores urine before voiding? Segment it on this pelvic slice.",
              "A catheter is draining clear urine. Which reservoir is it sitting in? Outline it."],
         named=["Segment the urinary bladder.", "Outline the bladder wall and lumen."],
         know=["The rectum lies behind it in the midline.",
               "The ureters enter at the back from the left and the right.",
               "Urothelial carcinoma is about four times more common in men."]),
    dict(target="rectum", o="LP", region="pelvis", ell=[(129, 168, 13, 11)], noun="piece",
         names=["rectum", "the rectum"], others={"urinary bladder": (0.5, 0.41), "sacrum": (0.5, 0.80)},
         ask=["Which final part of the large bowel lies in the sacral hollow? Segment it.",
              "For radiotherapy planning of the prostate, which organ at risk behind it must be outlined?"],
         named=["Segment the rectum.", "Outline the rectal wall."],
         know=["The sacrum is directly behind it.",
               "The bladder and, in men, the seminal vesicles lie in front of it.",
               "Colorectal cancer screening from age 45 is now common in the US."]),
    dict(target="uterus", o="LP", region="pelvis", ell=[(128, 128, 24, 18)], noun="piece",
         names=["uterus", "the uterus"], others={"urinary bladder": (0.5, 0.38), "rectum": (0.5, 0.66)},
         ask=["Which muscular organ holds a pregnancy? Segment it on this pelvic slice.",
              "Which pelvic organ is enlarged by fibroids in this woman with heavy periods? Outline it."],
         named=["Segment the uterus.", "Outline the uterine body."],
         know=["Fibroids affect up to 70% of women by age 50.",
               "The ovaries lie to either side, on the left and on the right.",
               "The bladder sits in front and the rectum behind."]),
    dict(target="femoral heads", o="LP", region="pelvis", ell=[(62, 130, 18, 18), (194, 130, 18, 18)], noun="piece",
         names=["femoral heads", "both femoral heads"], others={"urinary bladder": (0.5, 0.41)},
         ask=["Which rounded bones sit in the acetabula and carry the body's weight? Segment them.",
              "In a check for avascular necrosis, which paired bony structures at the hips would you outline?"],
         named=["Segment the femoral heads.", "Outline both heads of the femur."],
         know=["The bladder sits between them, in the midline.",
               "Avascular necrosis is bilateral in up to half of cases.",
               "The left hip is not more often affected than the right."]),
    dict(target="prostate", o="LP", region="pelvis", ell=[(128, 120, 12, 10)], noun="piece",
         names=["prostate", "the prostate gland"], others={"rectum": (0.5, 0.66), "urinary bladder": (0.5, 0.36)},
         ask=["Which gland below the bladder surrounds the male urethra? Segment it.",
              "A man has a PSA of 9. Which gland would be outlined for MRI-targeted biopsy?"],
         named=["Segment the prostate.", "Outline the prostatic gland."],
         know=["The rectum lies just behind it, which is why it can be felt on digital examination.",
               "Benign enlargement affects about half of men over 60.",
               "The seminal vesicles sit above and behind it."]),
    dict(target="right ovary", o="LP", region="pelvis", ell=[(85, 125, 10, 8)], noun="piece",
         names=["right ovary", "the right ovary"], others={"uterus": (0.5, 0.5)},
         ask=["Which small paired gonad on the patient's right releases eggs? Segment the one on this side.",
              "A woman has right iliac fossa pain mid-cycle. Which egg-producing organ on that side should be outlined?"],
         named=["Segment the right ovary.", "Outline the right adnexal ovary."],
         know=["The appendix is also in the right iliac fossa, which complicates the differential.",
               "Functional cysts are common and usually resolve within 2-3 cycles.",
               "The uterus sits in the midline between the two adnexa."]),
    dict(target="liver", o="LI", region="abdomen", ell=[(90, 80, 50, 40)], noun="piece",
         names=["liver", "the liver"], others={"right kidney": (0.34, 0.50), "spleen": (0.72, 0.40)},
         ask=["On this coronal CT, which organ under the right hemidiaphragm makes bile? Segment it.",
              "Which organ synthesises albumin? Outline it on this coronal reformat."],
         named=["Segment the liver on the coronal image.", "Outline the hepatic outline here."],
         know=["The right hemidiaphragm normally sits higher than the left.",
               "The right kidney lies below it.",
               "Riedel's lobe is a tongue-like inferior extension seen in a small minority."]),
    dict(target="kidneys", o="LI", region="abdomen", ell=[(88, 130, 16, 28), (168, 134, 16, 28)], noun="piece",
         names=["kidneys", "both kidneys"], others={"liver": (0.35, 0.31), "urinary bladder": (0.5, 0.85)},
         ask=["On this coronal CT, segment the paired organs that make urine.",
              "Which paired retroperitoneal filters would you outline on this coronal slice?"],
         named=["Segment both kidneys on the coronal image.", "Outline the renal outlines, please."],
         know=["The liver, above on the right, usually pushes the right one lower.",
               "The bladder sits far below in the pelvis.",
               "Their upper poles tilt toward the midline."]),
    dict(target="urinary bladder", o="LI", region="pelvis", ell=[(128, 215, 26, 18)], noun="piece",
         names=["urinary bladder", "the bladder"], others={"kidneys": (0.5, 0.52), "liver": (0.35, 0.31)},
         ask=["On this coronal image, which reservoir stores urine? Segment it.",
              "Which pelvic organ fills between voids? Outline it on the coronal reformat."],
         named=["Segment the bladder on this coronal CT.", "Outline the urinary bladder."],
         know=["The kidneys sit high in the retroperitoneum, one on the left and one on the right.",
               "Post-void residuals over 200 mL suggest retention.",
               "The prostate, in men, sits just below it."]),
    dict(target="spleen", o="LI", region="abdomen", ell=[(185, 95, 18, 28)], noun="piece",
         names=["spleen", "the spleen"], others={"liver": (0.35, 0.31), "left kidney": (0.66, 0.55)},
         ask=["On this coronal CT, which organ under the left hemidiaphragm removes old red cells? Segment it.",
              "Which organ is palpable in the left upper quadrant in massive myelofibrosis? Outline it on this coronal slice."],
         named=["Segment the spleen on the coronal view.", "Outline the splenic outline."],
         know=["The liver occupies the opposite, right upper quadrant.",
               "The left kidney lies beneath it.",
               "Splenomegaly is usually defined as a length over 12-13 cm."]),
]

FORBID = {  # regexes: the target's label, synonyms and adjectival forms (used by the own reader)
    "liver": [r"liver", r"hepat"], "spleen": [r"spleen", r"splen", r"\blien"],
    "right kidney": [r"kidney", r"renal", r"nephr"], "left kidney": [r"kidney", r"renal", r"nephr"],
    "kidneys": [r"kidney", r"renal", r"nephr"], "aorta": [r"aort"],
    "inferior vena cava": [r"vena cava", r"\bivc\b", r"caval", r"\bcava"], "pancreas": [r"pancrea"],
    "gallbladder": [r"gall", r"bladder", r"cholecyst"], "stomach": [r"stomach", r"gastr"],
    "liver metastases": [r"liver", r"hepat", r"metasta", r"\bmets\b", r"secondar", r"deposit"],
    "enlarged lymph nodes": [r"lymph", r"node", r"adenopath"], "renal cysts": [r"renal", r"kidney", r"cyst", r"nephr"],
    "psoas muscles": [r"psoas", r"muscle"], "urinary bladder": [r"bladder", r"vesic"],
    "rectum": [r"rect"], "uterus": [r"uter", r"womb"], "femoral heads": [r"femor", r"femur", r"\bheads?\b"],
    "prostate": [r"prostat"], "right ovary": [r"ovar", r"adnex"],
}

_NUM = ["zero", "one", "two", "three", "four", "five", "six"]


def pick_profile(profiles, i, defect, rng):
    """Axial profiles twice as likely as the few coronal ones."""
    return rng.choices(profiles, [1.0 if p["o"] == "LP" else 0.5 for p in profiles])[0]


def record_for(p):
    return dict(modality="CT", body_region=p["region"], orientation=p["o"])


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    dx, dy = rng.randint(-2, 2), rng.randint(-2, 2)
    for cx, cy, rx, ry in p["ell"]:
        s = rng.uniform(0.95, 1.05)
        mask |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1.0
    return compute_facts(mask, p["o"], dict(p["others"])).model_dump(mode="json")


# ---------------------------------------------------------------------------------------------------------
# claim sentences: every sentence that asserts a measured fact goes through Conv.say and lands in the ledger

_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior"}
_REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def fmt_pct(x):
    return f"{x:.2f}" if x < 1 else f"{x:.1f}"


def side_text(v, neg, p, rng, S):
    part = "hemipelvis" if p["region"] == "pelvis" else "side of the abdomen"
    if neg:
        return rng.choice([f"It is not on the patient's {v} side.", f"{S} is not {v}-sided.",
                           f"Note that it is not on the {v}."])
    if v in ("left", "right"):
        img = _OPP[v]
        return rng.choice([f"{S} lies on the patient's {v} side.", f"{S} sits in the {v} {part}.",
                           f"On screen it is on the image's {img}, which by radiological convention is the patient's {v}.",
                           f"It is {v}-sided.", f"{S} is on the {v}.",
                           f"Because we view the slice as if from the patient's feet, its position on the image's {img} means it is on the patient's {v}."
                           if p["o"] == "LP" else f"{S} lies on the patient's {v}."])
    if v == "midline":
        return rng.choice([f"{S} sits in the midline.", "It straddles the midline rather than lying to one side.",
                           f"{S} is centred on the midline.", "It is a midline structure on this slice."])
    return rng.choice([f"{S} is bilateral, with parts on both the left and the right.",
                       "There is tissue on both sides of the midline, right and left.",
                       "Both sides are involved.", f"{S} is present bilaterally."])


def side_false_value(lat, rng):
    if lat in ("left", "right"):
        return rng.choice([_OPP[lat]] * 3 + ["midline"])
    if lat == "midline":
        return rng.choice(["left", "right"])
    return rng.choice(["left", "right"])  # one-sided claim for a bilateral mask


def side_false_text(v, lat, p, rng, S):
    if lat == "bilateral":
        return rng.choice([f"{S} is confined to the patient's {v} side.", f"It is only on the {v}.",
                           f"All of it lies on the patient's {v}."])
    return side_text(v, False, p, rng, S)


def vert_text(v, p, rng, S):
    if p["o"] == "LP":
        d = {"anterior": ["It lies anteriorly.", f"{S} sits toward the front of the body.",
                          f"{S} is in the anterior part of the slice.", "Its position is anterior."],
             "posterior": ["It lies posteriorly.", f"{S} sits toward the back.",
                           f"{S} is in the posterior part of the slice.", "Its position is posterior, near the back."],
             "central": ["Front to back it sits centrally.", f"{S} is roughly central in the anteroposterior direction.",
                         "Its anteroposterior position is central, neither anterior nor posterior."]}
    else:
        d = {"superior": ["It lies superiorly, in the upper part of the image.", f"{S} sits toward the head.",
                          f"{S} is in the superior part of the field."],
             "inferior": ["It lies inferiorly, low in the image.", f"{S} sits toward the feet.",
                          f"{S} is in the inferior part of the field."],
             "central": ["Craniocaudally it sits centrally.", f"{S} is roughly central from top to bottom.",
                         "It is neither superior nor inferior, but central."]}
    return rng.choice(d[v])


def vert_false_value(v, p, rng):
    if v == "central":
        return rng.choice(["anterior", "posterior"] if p["o"] == "LP" else ["superior", "inferior"])
    return _OPP[v]


def size_text(v, rng, S):
    a = "an" if v == "large" else "a"
    w = {"small": "small", "medium": "medium-sized", "large": "large"}[v]
    return rng.choice([f"{S} is {a} {w} structure on this slice.", f"Overall it is {w}.",
                       f"By area it counts as {w}.", f"It is {w} relative to the field of view."])


def pct_text(x, rng, S):
    s = fmt_pct(x)
    return rng.choice([f"{S} covers about {s}% of the image.", f"It takes up roughly {s} percent of the slice.",
                       f"Its area is close to {s}% of the field of view.", f"That is about {s}% of the image area."])


def count_text(n, p, rng, S):
    noun = p["noun"]
    if n == 1:
        return rng.choice([f"{S} forms a single connected region.", "It is one continuous piece.",
                           f"There is just one {noun}, with no separate fragments."])
    w = _NUM[n] if n < len(_NUM) else str(n)
    return rng.choice([f"There are {w} separate {noun}s.", f"{S} consists of {n} separate {noun}s.",
                       f"I count {w} distinct {noun}s, not connected to each other.",
                       f"It is made of {w} disconnected {noun}s."])


_REL_WORD = {"left_of": ["to the patient's left of the {o}", "on the {o}'s left"],
             "right_of": ["to the patient's right of the {o}", "on the {o}'s right"],
             "anterior_to": ["in front of the {o}", "anterior to the {o}"],
             "posterior_to": ["behind the {o}", "posterior to the {o}"],
             "superior_to": ["above the {o}", "superior to the {o}"],
             "inferior_to": ["below the {o}", "inferior to the {o}"]}
_REL_INV = {"left_of": "to the patient's right of it", "right_of": "to the patient's left of it",
            "anterior_to": "behind it", "posterior_to": "in front of it",
            "superior_to": "below it", "inferior_to": "above it"}


def rel_text(other, r, rng, S):
    if rng.random() < 0.3:
        return f"The {other} lies {_REL_INV[r]}."
    return f"{S} lies {rng.choice(_REL_WORD[r]).format(o=other)}."


# ---------------------------------------------------------------------------------------------------------

class Conv:
    def __init__(self, p, facts, rng, defect):
        self.p, self.f, self.rng, self.defect = p, facts, rng, defect
        self.turns, self.claims = [], []
        self.false_made = False
        self.know = []

    def true_value(self, kind):
        f = self.f
        if kind == "side":
            return f["laterality"]
        if kind == "vert":
            return f["vertical"]
        if kind == "size":
            return f["size_class"]
        if kind == "pct":
            return 100 * f["area_fraction"] * self.rng.uniform(0.9, 1.1)
        if kind == "count":
            return f["components"]

    def false_value(self, kind, extra=None):
        f, rng = self.f, self.rng
        if kind == "side":
            return side_false_value(f["laterality"], rng)
        if kind == "vert":
            return vert_false_value(f["vertical"], self.p, rng)
        if kind == "size":
            return rng.choice([c for c in ("small", "medium", "large") if c != f["size_class"]
                               and not (f["size_class"] == "small" and c == "medium" and f["area_fraction"] > 0.008)
                               and not (f["size_class"] == "medium" and c == "small" and f["area_fraction"] < 0.012)
                               and not (f["size_class"] == "medium" and c == "large" and f["area_fraction"] > 0.042)
                               and not (f["size_class"] == "large" and c == "medium" and f["area_fraction"] < 0.06)]
                              or [c for c in ("small", "large") if c != f["size_class"]])
        if kind == "pct":
            return 100 * f["area_fraction"] * rng.choice([0.2, 0.25, 3.5, 4.0])
        if kind == "count":
            n = f["components"]
            return n + 1 if n == 1 or rng.random() < 0.5 else n - 1

    def claim(self, kind, S, false=False, neg=False, rel=None, where="assistant", corrected=False, value=None):
        """Sentence asserting `kind` about the target; registers it in the ledger."""
        rng, p = self.rng, self.p
        if kind == "rel":
            other, r = rel
            if false:
                r = _REL_OPP[r]
            text = rel_text(other, r, rng, S)
            self.claims.append(dict(turn=len(self.turns), kind="rel", value=[other, r], neg=False, text=text,
                                    where=where, corrected=corrected))
            return text
        if value is None:
            value = self.false_value(kind) if false else self.true_value(kind)
        if kind == "side":
            text = side_false_text(value, self.f["laterality"], p, rng, S) if (false and not neg) else side_text(value, neg, p, rng, S)
        elif kind == "vert":
            text = vert_text(value, p, rng, S)
        elif kind == "size":
            text = size_text(value, rng, S)
        elif kind == "pct":
            text = pct_text(value, rng, S)
            value = float(fmt_pct(value))
        else:
            text = count_text(value, p, rng, S)
        self.claims.append(dict(turn=len(self.turns), kind=kind, value=value, neg=neg, text=text, where=where,
                                corrected=corrected))
        return text


TOPIC_KINDS = {"side": ["side"], "position": ["vert", "rel"], "size": ["size", "pct"], "count": ["count"]}
DEFECT_TOPIC = {"laterality": "side", "position": "position", "size": "size", "count": "count"}


PLURAL = {"kidneys", "liver metastases", "enlarged lymph nodes", "renal cysts", "psoas muscles", "femoral heads"}


def subj(c, rng):
    if c.p["target"] in PLURAL:
        return rng.choice(["It", "The mask", "The segmented region"])
    return rng.choice(["It", "It", c.p["names"][1][0].upper() + c.p["names"][1][1:], "The mask", "The segmented region"])


def topic_sentences(c, topic, rng, false=False, n=2):
    """True (or one false) claim sentences on a topic."""
    f = c.f
    out = []
    if topic == "side":
        out.append(c.claim("side", subj(c, rng), false=false))
        if not false and f["laterality"] in ("left", "right") and rng.random() < 0.5:
            out.append(c.claim("side", "It", neg=True, value=_OPP[f["laterality"]]))
    elif topic == "position":
        rels = f["relations"]
        if false:
            if rels and rng.random() < 0.5:
                r = rng.choice(rels)
                out.append(c.claim("rel", subj(c, rng), false=True, rel=(r["other"], r["relation"])))
            else:
                out.append(c.claim("vert", subj(c, rng), false=True))
        else:
            out.append(c.claim("vert", subj(c, rng)))
            for r in rng.sample(rels, min(len(rels), n - 1 if n > 1 else 0)):
                out.append(c.claim("rel", subj(c, rng), rel=(r["other"], r["relation"])))
    elif topic == "size":
        if false:
            out.append(c.claim(rng.choice(["size", "pct"]), subj(c, rng), false=True))
        else:
            ks = rng.choice([["size"], ["pct"], ["size", "pct"]])
            out += [c.claim(k, subj(c, rng)) for k in ks]
    elif topic == "count":
        out.append(c.claim("count", subj(c, rng), false=false))
    return out


CONVENTION = ["Remember that axial CT is displayed as if looking up from the patient's feet, so the patient's left is on the image's right.",
              "By radiological convention the patient's right is shown on the left of the screen.",
              "A common slip is to read the image's left as the patient's left; it is the other way round."]
HYPO = ["If the scan were displayed in neurological convention, everything would flip left to right.",
        "Had this been a sagittal reformat, we could not judge side at all from one slice."]

ASK = {"side": ["Which side is it on?", "Is it on the patient's left or right?", "Left, right or midline?",
                "Which side of the patient does the mask fall on?"],
       "position": ["Is it toward the front or the back?", "Where does it sit relative to its neighbours?",
                    "How does it relate to the structures around it?"],
       "size": ["How big is it?", "What fraction of the image does it cover?", "Would you call it small or large?"],
       "count": ["How many separate pieces are there?", "Is it one region or several?", "How many components did you get?"],
       "summary": ["Can you summarise the findings?", "Give me a one-line summary.", "Wrap it up for the report?"]}
ASK_LI = {"position": ["Is it high or low in the image?", "Where does it sit relative to its neighbours?"]}

# a user's false idea the assistant corrects explicitly (clean rows); and a false premise (defect rows)
def user_false_idea(c, topic, rng):
    f = c.f
    if topic == "side":
        v = side_false_value(f["laterality"], rng)
        if f["laterality"] == "bilateral":
            txt = f"I thought it was only on the {v}, is that wrong?"
        else:
            txt = rng.choice([f"Isn't it on the patient's {v}?", f"I assumed it was on the {v}; is that right?"]) if v != "midline" \
                else "Isn't it in the midline?"
        return "side", v, txt
    if topic == "size":
        v = c.false_value("size")
        return "size", v, rng.choice([f"It looks {v} to me, no?", f"Would you agree it is {v}?"])
    if topic == "count":
        v = c.false_value("count")
        w = _NUM[v] if v < len(_NUM) else str(v)
        return "count", v, rng.choice([f"I see {w} separate pieces, right?", f"Are there {w} components?"])
    v = c.false_value("vert")
    return "vert", v, rng.choice([f"Isn't it {v}?", f"I would have said it was {v}."])


def user_premise(c, topic, rng):
    """A false premise stated as fact by the user, followed by an unrelated question."""
    f, p = c.f, c.p
    q = rng.choice(["what else should I check nearby?", "what is the usual differential?",
                    "what would you look at next?", "is there anything special to watch for?"])
    if topic == "side":
        v = side_false_value(f["laterality"], rng)
        lead = {"left": "Since it is on the patient's left,", "right": "Given that it lies on the right,",
                "midline": "Since it sits in the midline,"}[v]
        if f["laterality"] == "bilateral":
            lead = f"Since it is only on the patient's {v},"
        kind = "side"
    elif topic == "position":
        rels = f["relations"]
        if rels and rng.random() < 0.5:
            r = rng.choice(rels)
            fr = _REL_OPP[r["relation"]]
            c.claims.append(dict(turn=len(c.turns), kind="rel", value=[r["other"], fr], neg=False,
                                 text=f"it lies {_REL_WORD[fr][0].format(o=r['other'])}", where="user", corrected=False))
            return f"Since it lies {_REL_WORD[fr][0].format(o=r['other'])}, {q}"
        v = vert_false_value(f["vertical"], p, rng)
        lead = f"Given that it is {v},"
        kind = "vert"
    elif topic == "size":
        if rng.random() < 0.5:
            v = c.false_value("size")
            lead, kind = f"As it is {v} on this slice,", "size"
        else:
            v = c.false_value("pct")
            lead, kind = f"Since it covers about {fmt_pct(v)}% of the image,", "pct"
            v = float(fmt_pct(v))
    else:
        v = c.false_value("count")
        w = _NUM[v] if v < len(_NUM) else str(v)
        lead, kind = (f"Since it is split into {w} separate pieces," if v > 1 else "Since it is a single piece,"), "count"
    c.claims.append(dict(turn=len(c.turns), kind=kind, value=v, neg=False, text=lead, where="user", corrected=False))
    return f"{lead} {q}"


def answer_knowledge(c, rng, k=1):
    out = []
    for _ in range(k):
        if not c.know:
            c.know = list(c.p["know"]) + list(GENERAL)
            rng.shuffle(c.know)
        out.append(c.know.pop())
    return out


GENERAL = ["Contrast timing matters: in the portal venous phase most solid organs enhance evenly.",
           "Partial volume at the edges can make any outline look a little larger than it is.",
           "On a single slice, what looks separate can still join above or below.",
           "Left-right mix-ups are among the most frequent reporting errors in radiology audits."]


# ---------------------------------------------------------------------------------------------------------

def first_answer(c, style, rng, topics, false_topic):
    """The assistant's first answer: names the target with [SEG] and covers `topics`."""
    p, f = c.p, c.f
    name = p["names"][0]
    if style == "jsonfirst":
        obj = {"structure": name, "mask": "[SEG]"}
        facts_txt, para = [], []
        for t in topics:
            if t == "side":
                v = f["laterality"] if t != false_topic else side_false_value(f["laterality"], rng)
                obj["laterality"] = v
                c.claims.append(dict(turn=len(c.turns), kind="side", value=v, neg=False, text=f'"laterality": "{v}"',
                                     where="assistant", corrected=False))
            elif t == "position":
                if t == false_topic:
                    v = vert_false_value(f["vertical"], p, rng)
                else:
                    v = f["vertical"]
                obj["position"] = v
                c.claims.append(dict(turn=len(c.turns), kind="vert", value=v, neg=False, text=f'"position": "{v}"',
                                     where="assistant", corrected=False))
                if t != false_topic and f["relations"]:
                    r = rng.choice(f["relations"])
                    para.append(c.claim("rel", "It", rel=(r["other"], r["relation"])))
            elif t == "size":
                if t == false_topic and rng.random() < 0.5:
                    v = round(c.false_value("pct"), 2)
                    obj["area_percent"] = v
                    c.claims.append(dict(turn=len(c.turns), kind="pct", value=v, neg=False, text=f'"area_percent": {v}',
                                         where="assistant", corrected=False))
                else:
                    v = c.false_value("size") if t == false_topic else f["size_class"]
                    obj["size_class"] = v
                    c.claims.append(dict(turn=len(c.turns), kind="size", value=v, neg=False, text=f'"size_class": "{v}"',
                                         where="assistant", corrected=False))
                    if t != false_topic:
                        pv = round(c.true_value("pct"), 2)
                        obj["area_percent"] = pv
                        c.claims.append(dict(turn=len(c.turns), kind="pct", value=pv, neg=False,
                                             text=f'"area_percent": {pv}', where="assistant", corrected=False))
            elif t == "count":
                v = c.false_value("count") if t == false_topic else f["components"]
                obj["components"] = v
                c.claims.append(dict(turn=len(c.turns), kind="count", value=v, neg=False, text=f'"components": {v}',
                                     where="assistant", corrected=False))
        js = json.dumps(obj, indent=rng.choice([None, 2]))
        if p["target"] in PLURAL:
            expl = [rng.choice([f"The highlighted regions are the {name}.", f"I identified them as the {name}.",
                                f"The {name} are the structures that fit the question."])]
        else:
            expl = [rng.choice([f"The highlighted region is the {name}.", f"I identified it as the {name}.",
                                f"The {name} is the structure that fits the question."])]
        expl += para
        if p["o"] == "LP" and rng.random() < 0.6:
            expl.append(rng.choice(CONVENTION))
        expl += answer_knowledge(c, rng, rng.choice([1, 2]))
        return js + "\n\n" + " ".join(expl)
    sents = []
    for t in topics:
        sents += topic_sentences(c, t, rng, false=(t == false_topic), n=rng.choice([1, 2]))
    if p["target"] in PLURAL:
        intro = rng.choice([f"These are the {name} [SEG].", f"The structures you describe are the {name}: [SEG].",
                            f"Here are the {name} [SEG].", f"Those would be the {name} [SEG].",
                            f"[SEG] outlines the {name}."])
    else:
        intro = rng.choice([f"This is the {name} [SEG].", f"The structure you describe is the {name}: [SEG].",
                            f"Here is the {name} [SEG].", f"That would be the {name} [SEG].",
                            f"You are describing the {name}; mask: [SEG].", f"[SEG] outlines the {name}."])
    if style == "brief":
        return intro + " " + sents[0]
    if style == "rationale":
        ans = " ".join([intro] + sents)
        rat = []
        if p["o"] == "LP" and rng.random() < 0.7:
            rat.append(rng.choice(CONVENTION))
        rat += answer_knowledge(c, rng, 2)
        if rng.random() < 0.3:
            rat.append(rng.choice(HYPO))
        return ans + "\n\nRationale: " + " ".join(rat)
    # socratic
    lead = rng.choice(["Let's reason it out together.", "Before I say more, think about it with me.",
                       "Good question to learn from."])
    q = rng.choice(["Which neighbouring structure would you use as a landmark?",
                    "How would you tell the patient's side on this display?",
                    "What would you expect to see around it?", "What else would you want to measure?"])
    return " ".join([intro, lead] + sents + [q])


def build(p, facts, style, rng, defect):
    c = Conv(p, facts, rng, defect)
    rounds = rng.choice([2, 3])
    loc = None
    dtopic = DEFECT_TOPIC.get(defect)
    if dtopic:
        loc = rng.choices(["first", "follow", "user"], [3, 1, 1])[0]
    all_topics = ["side", "position", "size", "count"]
    # first question
    q = rng.choice(p["named"] if defect == "names_target" else p["ask"])
    c.turns.append(dict(role="user", content=q))
    # topics of the first answer
    k = 1 if style == "brief" else rng.choice([2, 3, 4])
    first_topics = rng.sample(all_topics, k)
    if loc == "first":
        if dtopic not in first_topics:
            first_topics[0] = dtopic
    elif loc in ("follow", "user"):
        first_topics = [t for t in first_topics if t != dtopic] or [rng.choice([t for t in all_topics if t != dtopic])]
    c.turns.append(dict(role="assistant", content=first_answer(c, style, rng, first_topics,
                                                               dtopic if loc == "first" else None)))
    # follow-up rounds
    later = [t for t in all_topics if t not in first_topics and t != dtopic] + ["summary"]
    plan = rng.sample(later, min(rounds - 1, len(later)))
    while len(plan) < rounds - 1:
        plan.append("summary" if "summary" not in plan else rng.choice([t for t in all_topics if t != dtopic]))
    defect_round = rng.randrange(rounds - 1) if loc in ("follow", "user") else None
    corrected_done = False
    for r, topic in enumerate(plan):
        if r == defect_round:
            if loc == "follow":
                topic = dtopic
                uq = rng.choice(ASK_LI.get(topic, ASK[topic]) if p["o"] == "LI" else ASK[topic])
                if style == "socratic":
                    uq = rng.choice(["I'm not sure about this one. ", "Hmm, I can't tell. ", ""]) + uq
                c.turns.append(dict(role="user", content=uq))
                sents = topic_sentences(c, topic, rng, false=True)
                c.turns.append(dict(role="assistant", content=wrap_follow(c, style, rng, sents)))
            else:
                uq = user_premise(c, dtopic, rng)
                c.turns.append(dict(role="user", content=uq))
                kn = answer_knowledge(c, rng, 1)
                extra = []
                if style == "socratic":
                    extra = [rng.choice(["Good. Now think about which neighbours you would trace next.",
                                         "Fair enough. What would you check next?"])]
                c.turns.append(dict(role="assistant", content=wrap_follow(c, style, rng, kn + extra, plain=True)))
            continue
        if topic == "summary":
            c.turns.append(dict(role="user", content=rng.choice(ASK["summary"])))
            ts = [t for t in all_topics if t != dtopic]
            n0 = p["names"][0]
            be = "are" if p["target"] in PLURAL else "is"
            sents = [rng.choice([f"To summarise: the {n0} {be} segmented.", f"In short, the {n0} {be} outlined.",
                                 f"Summary for the {n0}:", f"Bottom line on the {n0}:"])]
            for t in rng.sample(ts, min(2, len(ts))):
                sents += topic_sentences(c, t, rng, n=1)
            c.turns.append(dict(role="assistant", content=wrap_follow(c, style, rng, sents)))
            continue
        if defect is None and not corrected_done and rng.random() < 0.45:
            corrected_done = True
            kind, v, txt = user_false_idea(c, topic, rng)
            c.claims.append(dict(turn=len(c.turns), kind=kind, value=v, neg=False, text=txt, where="user", corrected=True))
            c.turns.append(dict(role="user", content=txt))
            fix = rng.choice(["No, not quite.", "Actually, no.", "That's a common mistake, but no.", "Not really."])
            sents = [fix, c.claim(kind, subj(c, rng))]
            c.turns.append(dict(role="assistant", content=wrap_follow(c, style, rng, sents, correction=True)))
            continue
        uq = rng.choice(ASK_LI.get(topic, ASK[topic]) if p["o"] == "LI" else ASK[topic])
        if style == "socratic" and rng.random() < 0.5 and topic == "side":
            # the learner answers correctly and the tutor confirms
            v = facts["laterality"]
            uq = {"left": "I think it's on the patient's left, because it shows on the image's right.",
                  "right": "My guess: the patient's right, since it appears on the image's left.",
                  "midline": "I'd say it sits in the midline.",
                  "bilateral": "I'd say it's on both sides."}[v]
            c.claims.append(dict(turn=len(c.turns), kind="side", value=v, neg=False, text=uq, where="user", corrected=False))
            c.turns.append(dict(role="user", content=uq))
            c.turns.append(dict(role="assistant", content=rng.choice(["Exactly right.", "Correct, well reasoned."]) + " "
                                + " ".join(answer_knowledge(c, rng, 1))))
            continue
        if style == "socratic":
            uq = rng.choice(["I'd use the spine as a landmark. ", "I think the display convention matters. ",
                             "Probably the vessels. ", ""]) + uq
        c.turns.append(dict(role="user", content=uq))
        sents = topic_sentences(c, topic, rng)
        c.turns.append(dict(role="assistant", content=wrap_follow(c, style, rng, sents)))
    # keep only the claims whose sentence made it into its turn (a brief turn keeps its first sentences)
    c.claims = [x for x in c.claims if x["text"] in c.turns[x["turn"]]["content"]]
    LEDGER.append(dict(turns=c.turns, claims=c.claims))
    return c.turns, ([] if defect is None else [defect])


def wrap_follow(c, style, rng, sents, plain=False, correction=False):
    if style == "brief":
        return " ".join(sents[:3] if correction else sents[:2])
    if style == "jsonfirst":
        if plain:
            return " ".join(sents)
        k = 2 if sents[0].endswith(":") else 1
        return json.dumps({"answer": " ".join(sents[:k])}) + "\n\n" + " ".join(sents[k:] + answer_knowledge(c, rng, 1))
    if style == "rationale":
        rat = answer_knowledge(c, rng, 1)
        if c.p["o"] == "LP" and rng.random() < 0.4:
            rat.append(rng.choice(CONVENTION))
        return " ".join(sents) + "\n\nRationale: " + " ".join(rat)
    # socratic
    if plain:
        return " ".join(sents)
    tail = rng.choice(["Does that match what you expected?", "Can you see why?", "What would you check next?", ""])
    return " ".join(sents + ([tail] if tail else []))
