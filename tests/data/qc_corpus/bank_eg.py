"""Bank EG: multi-piece and paired targets where COUNT and SIDE matter most.

Targets: liver metastases, lung nodules (one lung or both; axial CT and a frontal chest film), enlarged
lymph nodes, renal cysts, bone metastases, kidneys (both) and a single remaining left kidney after a
right nephrectomy, adrenal adenoma, ovarian cysts, polyps (endoscopy photo), naevi (clinical photo),
parathyroid adenoma (single and double), brain metastases (axial MR).
Registers (STYLES): oncology_report, patient_friendly, mdt_chat, teaching_quiz.

Written without reading QC: the writer never opened medseg_qa/qc, the knowledge modules, the unit tests,
the bench or any other bank. Every sentence that says something about the target's side, vertical
position, neighbours, size or number of pieces is recorded in LEDGER (topic, value, polarity, turn,
status) so the writer's own reader (outside the repo) can check it against the measured facts.
Own check (check_eg.py, 420 rows of SEED 20261264): rows: 420 clean: 210 defect: 210 problems: 0;
2992 ledgered claims, 102 user misconceptions explicitly corrected in clean rows; side/position/size/count
defects planted 105 in the first answer, 27 in a follow-up answer, 36 as a user's uncorrected premise.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["oncology_report", "patient_friendly", "mdt_chat", "teaching_quiz"]
LEDGER: list[dict] = []   # one entry per build() call, in call order (read by the writer's own checker)

# ---------------------------------------------------------------------------------------------------
# targets: nouns, implicit questions (never naming the target), naming questions, knowledge
# ---------------------------------------------------------------------------------------------------

TG = {
    "liver metastases": dict(
        sg="metastasis", pl="metastases", alt=("lesion", "lesions"), name1="a liver metastasis",
        namen="liver metastases", host="liver",
        ask=["Staging CT for a man with sigmoid cancer and a rising CEA. Can you segment any spread to the organ that makes bile?",
             "This colorectal cancer patient is being considered for surgery. Please outline the spots in the big organ under the right ribs that processes nutrients from the portal vein.",
             "Which low-density spots in the body's largest solid gland would upstage this bowel cancer? Segment them, please.",
             "Pancreatic cancer follow-up scan: is there new spread to the organ that stores glycogen and makes bile? Outline whatever you find."],
        named=["Please segment the liver metastases on this CT.", "Can you outline the hepatic mets?",
               "Segment the liver secondaries, please.", "Where are the metastases in the liver? Mask them."],
        know=["Colorectal cancer spreads to the liver in roughly half of patients at some point.",
              "The liver sits mostly in the right upper quadrant, under the right hemidiaphragm, while the spleen is on the left.",
              "Couinaud's scheme splits the liver into eight segments, numbered clockwise from the caudate lobe.",
              "The portal vein carries blood from the bowel to the liver, which is why bowel cancers seed there first."],
        nxt="Usually an MDT review with the hepatobiliary surgeons, plus a liver-specific MRI before anyone commits to resection.",
        hyp="If a deposit turned up in the left lobe as well, a surgeon would have to think about a two-stage resection.",
    ),
    "lung nodules": dict(
        sg="nodule", pl="nodules", alt=("opacity", "opacities"), name1="a lung nodule", namen="lung nodules",
        host="lung", hosts="lungs",
        ask=["62-year-old smoker, low-dose screening CT. Please segment the small round opacities in the organs of gas exchange.",
             "Breast cancer staging: outline the tiny round densities surrounded by aerated tissue.",
             "Which rounded spots in the air-filled organs of the chest would need follow-up here? Please segment them.",
             "Follow-up scan for a man with melanoma: can you mask the round spots in the breathing organs?"],
        named=["Segment the lung nodules, please.", "Can you outline the pulmonary nodules on this scan?",
               "Please mask every nodule in the lungs.", "Outline the pulmonary nodules for me."],
        know=["The right lung has three lobes and the left only two, because the heart takes up room on the left.",
              "Most nodules under 6 mm are benign, and Fleischner guidance often needs no routine follow-up for them in low-risk people.",
              "Between a quarter and a half of screening CTs show at least one nodule somewhere.",
              "The trachea divides into two main bronchi at the carina; the right one is wider and more vertical."],
        nxt="Usually a comparison with any previous imaging, then a follow-up CT interval set by size and risk under the Fleischner or BTS rules.",
        hyp="If the same pattern were seen in both upper lobes of a smoker, the list of causes would shift a little.",
    ),
    "enlarged lymph nodes": dict(
        sg="node", pl="nodes", alt=("enlarged node", "enlarged nodes"), name1="an enlarged lymph node",
        namen="enlarged lymph nodes", host="chest",
        ask=["Patient with Hodgkin disease: segment the swollen immune filters you can see.",
             "Which bean-shaped immune-system structures here measure over 1 cm in short axis? Please segment them.",
             "Sarcoid is on the list. Can you outline the swollen filtering structures at the roots of the airways?",
             "New weight loss and night sweats. Please mask the swollen immune filters in the chest."],
        named=["Please segment the enlarged lymph nodes.", "Outline the lymphadenopathy on this slice.",
               "Can you mask the enlarged nodes?", "Segment the pathological lymph nodes, please."],
        know=["There are roughly 600 lymph nodes in the body.",
              "A short axis over 10 mm is the usual cut-off for calling a chest node enlarged.",
              "The left recurrent laryngeal nerve hooks under the aortic arch, so nodes in the aortopulmonary window can cause hoarseness.",
              "The thoracic duct drains most of the body into the left venous angle; only the right upper quadrant of the body drains to the right."],
        nxt="Tissue is the issue: the team will want an EBUS or a core biopsy before treatment is decided.",
        hyp="If only one hilum were involved, lymphoma and infection would move up the list ahead of sarcoid.",
    ),
    "renal cysts": dict(
        sg="cyst", pl="cysts", alt=("lesion", "lesions"), name1="a renal cyst", namen="renal cysts",
        host="kidney", hosts="kidneys",
        ask=["Incidental finding on an abdominal CT: please segment the fluid-filled pockets in the organs that make urine.",
             "Which water-density lesions in the bean-shaped filtering organs are present? Outline them.",
             "The report mentions something benign-looking in the urine-producing organs. Can you segment it?",
             "Please mask the thin-walled fluid collections in the organs that filter the blood."],
        named=["Segment the renal cysts.", "Can you outline the kidney cysts on this CT?",
               "Please mask the cysts in the kidneys.", "Outline the simple renal cysts for me."],
        know=["Simple cysts turn up in more than a quarter of people over fifty.",
              "Bosniak I and II cysts need no follow-up; IIF are watched, III and IV are usually treated.",
              "The left renal vein crosses in front of the aorta to reach the IVC, which sits on the right.",
              "The right kidney usually lies a little lower than the left because the liver pushes it down."],
        nxt="For simple-looking ones, nothing at all; a Bosniak IIF or higher would get an ultrasound or MRI.",
        hyp="If any of them had a thick enhancing wall, it would no longer count as simple.",
    ),
    "bone metastases": dict(
        sg="lesion", pl="lesions", alt=("deposit", "deposits"), name1="a bone metastasis", namen="bone metastases",
        host="skeleton",
        ask=["Breast cancer patient with new back pain: please outline the destructive lesions in the spine and ribs.",
             "Prostate cancer with a PSA of 80. Which lytic or sclerotic lesions could explain the pain? Segment them.",
             "Hypercalcaemia in a man with known lung cancer. Can you mask the spread to the vertebrae and ribs?",
             "Please segment the areas of spread in the spine and rib cage on this staging CT."],
        named=["Segment the bone metastases, please.", "Can you outline the bony mets?",
               "Mask the osseous metastases on this slice.", "Outline the skeletal metastases."],
        know=["Around 70% of skeletal metastases involve the spine.",
              "Prostate, breast, lung, kidney and thyroid cancers cause most skeletal secondaries.",
              "The aorta lies just in front of the vertebral body and slightly to the left.",
              "Each thoracic vertebra carries a pair of ribs, one on each side."],
        nxt="Usually an oncology review for bone-protecting drugs, and radiotherapy if a painful level needs it.",
        hyp="If a vertebral deposit reached the canal, it would be an emergency because of cord compression.",
    ),
    "kidneys": dict(
        sg="kidney", pl="kidneys", alt=("kidney", "kidneys"), name1="the kidney", namen="kidneys", host="abdomen",
        ask=["Please segment the paired organs that filter the blood and make urine.",
             "Which organs here produce urine and erythropoietin? Outline them.",
             "Creatinine is creeping up. Can you segment the organs that do the filtering?",
             "Outline the bean-shaped retroperitoneal organs that clear creatinine."],
        named=["Segment the kidneys.", "Can you outline both kidneys?", "Please mask the renal parenchyma.",
               "Outline the kidneys on this scan."],
        know=["Most people have two kidneys; roughly 1 in 1000 is born with only one.",
              "The right kidney usually sits a little lower than the left because of the liver above it.",
              "Each adult kidney is about 10 to 12 cm long.",
              "The left renal vein passes in front of the aorta, between it and the SMA."],
        nxt="An ultrasound and a urine test would be the usual first steps, with eGFR trending.",
        hyp="If one of them were much smaller than the other, renal artery stenosis would be worth thinking about.",
    ),
    "left kidney": dict(
        sg="kidney", pl="kidneys", alt=("kidney", "kidneys"), name1="the left kidney", namen="left kidney",
        host="abdomen",
        ask=["This patient had one of the urine-making organs removed for cancer years ago. Segment the one that remains.",
             "Which organ is doing all the blood filtering after the earlier cancer operation? Outline it.",
             "After the previous surgery, only one of the bean-shaped filtering organs is left. Please mask it.",
             "Segment the organ that now makes all of this patient's urine."],
        named=["Segment the left kidney.", "Can you outline the remaining kidney?", "Please mask the solitary kidney.",
               "Outline the left renal parenchyma."],
        know=["After one kidney is removed, the remaining one usually grows larger over months (compensatory hypertrophy).",
              "Most people have two kidneys; roughly 1 in 1000 is born with only one.",
              "The spleen lies on the left, above and lateral to the left kidney, and the liver on the right.",
              "The left renal vein passes in front of the aorta to reach the IVC."],
        nxt="Protecting it: avoiding nephrotoxic drugs, controlling blood pressure and checking eGFR once a year.",
        hyp="Had the left one been removed instead, we would be looking for a right kidney sitting a little lower, under the liver.",
    ),
    "adrenal adenoma": dict(
        sg="adenoma", pl="adenomas", alt=("nodule", "nodules"), name1="an adrenal adenoma", namen="adrenal adenomas",
        host="abdomen",
        ask=["Incidental lump found on a CT for abdominal pain, in the small gland that makes cortisol and aldosterone. Segment it.",
             "Which lesion of the stress-hormone gland that sits on top of the kidney is seen here? Please outline it.",
             "Low-attenuation nodule in the gland that secretes aldosterone: can you mask it?",
             "Please segment the benign-looking lump in the hormone gland above the kidney."],
        named=["Segment the adrenal adenoma.", "Can you outline the adrenal nodule?", "Mask the adenoma, please.",
               "Outline the adrenal incidentaloma."],
        know=["Adrenal adenomas turn up in roughly 3 to 7% of adult CTs.",
              "The right adrenal sits behind the IVC; the left lies in front of the upper pole of the left kidney, beside the aorta.",
              "A density under 10 HU on unenhanced CT points to a lipid-rich adenoma.",
              "About one in ten incidental adrenal lesions turns out to be bilateral."],
        nxt="A hormonal work-up: a dexamethasone suppression test, and metanephrines and a renin-aldosterone ratio if the history fits.",
        hyp="If it measured over 4 cm or grew quickly, surgery would come into the discussion.",
    ),
    "ovarian cysts": dict(
        sg="cyst", pl="cysts", alt=("cyst", "cysts"), name1="an ovarian cyst", namen="ovarian cysts", host="pelvis",
        ask=["Pelvic pain in a 28-year-old: please segment the fluid-filled sacs on the egg-producing glands.",
             "Which fluid collections arising from the female gonads are on this MR? Outline them.",
             "Can you mask the round fluid structures next to the uterus, on the glands that release eggs?",
             "Irregular periods and pelvic fullness. Segment the thin-walled sacs on the egg-producing glands, please."],
        named=["Segment the ovarian cysts.", "Can you outline the cysts on the ovaries?", "Please mask the adnexal cysts.",
               "Outline the ovarian cysts for me."],
        know=["Most women have two ovaries, one on either side of the uterus.",
              "Functional cysts are very common and usually go away within two or three cycles.",
              "The uterus lies in the midline, behind the bladder and in front of the rectum.",
              "The right ovarian vein drains straight into the IVC, while the left drains into the left renal vein."],
        nxt="Usually a repeat ultrasound in six to twelve weeks, after a period, to see whether they have gone.",
        hyp="If one of them had solid parts or thick septations, the O-RADS score would go up.",
    ),
    "polyps": dict(
        sg="polyp", pl="polyps", alt=("growth", "growths"), name1="a polyp", namen="polyps", host="colon",
        ask=["Screening colonoscopy still: please segment the growths sticking up from the bowel lining.",
             "Which raised lesions of the mucosa should be removed in this endoscopy image? Outline them.",
             "Can you mask the bumps projecting into the lumen of the colon here?",
             "Please segment the small mucosal protrusions the endoscopist wants to snare."],
        named=["Segment the polyps.", "Can you outline the colon polyps?", "Please mask every polyp in this frame.",
               "Outline the polyps, please."],
        know=["Adenomas are found in roughly a quarter to a third of screening colonoscopies in people over fifty.",
              "An endoscopy photo has no fixed patient left or right: the scope can rotate freely.",
              "The sigmoid colon sits on the left side of the pelvis and the caecum on the right.",
              "Three or more adenomas, or one of 10 mm or more, usually means an earlier surveillance colonoscopy."],
        nxt="Cold snare removal and histology, then a surveillance interval based on what the pathologist reports.",
        hyp="If one of them were flat and depressed, it would be worth marking with a tattoo before removal.",
    ),
    "naevi": dict(
        sg="naevus", pl="naevi", alt=("mole", "moles"), name1="a naevus", namen="naevi", host="skin",
        ask=["Photo of a patient's back at a skin check: segment the pigmented spots.",
             "Which brown, flat-to-raised pigment spots should be tracked over time in this photo? Outline them.",
             "Please mask the benign-looking brown marks on the skin in this picture.",
             "Can you segment the pigmented skin spots that the dermatologist wants to map?"],
        named=["Segment the naevi.", "Can you outline the moles in this photo?", "Please mask each nevus.",
               "Outline the naevi on the back."],
        know=["Most adults have somewhere between 10 and 40 moles.",
              "The ABCDE rule looks at asymmetry, border, colour, diameter and evolution.",
              "A clinical photo has no fixed patient side unless someone labels it.",
              "Having more than 100 moles raises melanoma risk several-fold."],
        nxt="Baseline photographs and a recheck in about 3 months for anything that looks like it is changing.",
        hyp="If one of them developed a new dark edge, it would jump the queue for excision.",
    ),
    "parathyroid adenoma": dict(
        sg="adenoma", pl="adenomas", alt=("nodule", "nodules"), name1="a parathyroid adenoma",
        namen="parathyroid adenomas", host="neck",
        ask=["Calcium is 2.9 mmol/L and the calcium-regulating hormone is high. Segment the overactive gland behind the thyroid.",
             "The sestamibi scan was positive. Please outline the culprit lesion in the neck.",
             "Which small hormone-secreting lesion behind the thyroid explains this patient's high calcium? Mask it.",
             "Kidney stones and a high calcium. Can you segment the overactive little gland in the neck?"],
        named=["Segment the parathyroid adenoma.", "Can you outline the parathyroid lesion?",
               "Please mask the adenoma behind the thyroid.", "Outline the parathyroid adenomas."],
        know=["Most people have four parathyroid glands, two on each side, behind the thyroid.",
              "A single adenoma causes about 85% of primary hyperparathyroidism; double adenomas account for a few percent.",
              "Around 5 to 10% of people have a gland in an ectopic spot, such as the thymus or the mediastinum.",
              "The thyroid has two lobes joined by an isthmus in front of the trachea."],
        nxt="Usually a referral to an endocrine surgeon for a focused parathyroidectomy, with PTH measured during the operation.",
        hyp="If the imaging had shown nothing, a four-gland exploration would be the fallback.",
    ),
    "brain metastases": dict(
        sg="metastasis", pl="metastases", alt=("lesion", "lesions"), name1="a brain metastasis",
        namen="brain metastases", host="brain", hosts="hemispheres",
        ask=["Known melanoma and new headaches. Please segment the enhancing lesions on this head MR.",
             "Lung cancer staging MR of the head: outline the ring-enhancing spread.",
             "Which enhancing foci at the grey-white junction could explain her new seizure? Segment them.",
             "Breast cancer, new unsteadiness. Can you mask the spread within the skull on this post-contrast MR?"],
        named=["Segment the brain metastases.", "Can you outline the cerebral mets?",
               "Please mask the metastases in the brain.", "Outline the intracranial metastases."],
        know=["Roughly 20% of people with cancer develop brain metastases at some point.",
              "Lung cancer, breast cancer and melanoma are the usual sources.",
              "Metastases tend to sit at the grey-white junction, where vessels narrow.",
              "The left hemisphere controls the right side of the body, and vice versa."],
        nxt="A neuro-oncology MDT: with a few lesions, stereotactic radiosurgery is often preferred over whole-brain radiotherapy.",
        hyp="With more than about ten lesions, whole-brain treatment would come back into the discussion.",
    ),
}

# ---------------------------------------------------------------------------------------------------
# profiles: pieces = connected components, each a list of ellipses (cx, cy, rx, ry) in pixels
# LP: columns run to the patient's left (x < 127.5 is the patient's right), rows to posterior
# LI: columns to the patient's left, rows go inferior; None: a photo
# ---------------------------------------------------------------------------------------------------

ABD = {"aorta": (0.53, 0.60), "inferior vena cava": (0.45, 0.57), "stomach": (0.66, 0.38)}
CHEST = {"aorta": (0.56, 0.62), "trachea": (0.50, 0.36), "heart": (0.55, 0.45)}
PELVIS = {"uterus": (0.50, 0.55), "bladder": (0.50, 0.32)}
NECK = {"thyroid": (0.50, 0.44), "trachea": (0.50, 0.40)}
HEAD = {"third ventricle": (0.50, 0.50)}

PROFILES = [
    dict(key="liver3", target="liver metastases", mod="CT", region="abdomen", ori="LP", others=ABD,
         pieces=[[(70, 100, 11, 10)], [(98, 128, 8, 8)], [(58, 148, 9, 7)]]),
    dict(key="liver1", target="liver metastases", mod="CT", region="abdomen", ori="LP", others=ABD,
         pieces=[[(75, 96, 14, 12)]]),
    dict(key="liverbig", target="liver metastases", mod="CT", region="abdomen", ori="LP", others=ABD,
         pieces=[[(68, 122, 38, 32)], [(112, 80, 8, 8)]]),
    dict(key="lung3", target="lung nodules", mod="CT", region="chest", ori="LP", others=CHEST,
         pieces=[[(70, 100, 7, 7)], [(60, 150, 6, 6)], [(186, 120, 8, 7)]]),
    dict(key="lungL2", target="lung nodules", mod="CT", region="chest", ori="LP", others=CHEST,
         pieces=[[(182, 96, 7, 7)], [(196, 142, 9, 8)]]),
    dict(key="lungxr", target="lung nodules", mod="XR", region="chest", ori="LI",
         others={"heart": (0.56, 0.62), "trachea": (0.50, 0.20)},
         pieces=[[(72, 172, 10, 10)], [(92, 200, 7, 7)]]),
    dict(key="nodesbil", target="enlarged lymph nodes", mod="CT", region="chest", ori="LP", others=CHEST,
         pieces=[[(88, 126, 10, 9)], [(168, 128, 9, 8)]]),
    dict(key="nodesaxilla", target="enlarged lymph nodes", mod="CT", region="chest", ori="LP", others=CHEST,
         pieces=[[(40, 104, 10, 8), (54, 112, 9, 8)]]),
    dict(key="cysts3", target="renal cysts", mod="CT", region="abdomen", ori="LP", others=ABD,
         pieces=[[(80, 160, 9, 9)], [(178, 150, 8, 7)], [(186, 178, 6, 6)]]),
    dict(key="cystbilobed", target="renal cysts", mod="CT", region="abdomen", ori="LP", others=ABD,
         pieces=[[(174, 158, 11, 9), (188, 168, 9, 8)]]),
    dict(key="bonevert", target="bone metastases", mod="CT", region="abdomen", ori="LP", others=ABD,
         pieces=[[(128, 176, 11, 9)]]),
    dict(key="bone3", target="bone metastases", mod="CT", region="chest", ori="LP", others=CHEST,
         pieces=[[(44, 142, 7, 6)], [(212, 136, 7, 6)], [(128, 178, 9, 8)]]),
    dict(key="kidneys", target="kidneys", mod="CT", region="abdomen", ori="LP", others=ABD,
         pieces=[[(80, 160, 16, 24)], [(176, 160, 16, 24)]]),
    dict(key="kidneyscor", target="kidneys", mod="MR", region="abdomen", ori="LI",
         others={"liver": (0.30, 0.35), "spleen": (0.75, 0.38)},
         pieces=[[(84, 156, 17, 32)], [(171, 150, 17, 32)]]),
    dict(key="solitaryL", target="left kidney", mod="CT", region="abdomen", ori="LP",
         others={"aorta": (0.53, 0.60), "spleen": (0.78, 0.50), "liver": (0.30, 0.45)},
         pieces=[[(178, 158, 19, 27)]]),
    dict(key="adrenalL", target="adrenal adenoma", mod="CT", region="abdomen", ori="LP",
         others={"aorta": (0.52, 0.55), "left kidney": (0.70, 0.66)}, pieces=[[(168, 135, 9, 7)]]),
    dict(key="adrenalR", target="adrenal adenoma", mod="CT", region="abdomen", ori="LP",
         others={"inferior vena cava": (0.45, 0.50), "liver": (0.28, 0.42)}, pieces=[[(88, 130, 10, 7)]]),
    dict(key="ovbil", target="ovarian cysts", mod="MR", region="pelvis", ori="LP", others=PELVIS,
         pieces=[[(88, 140, 15, 13)], [(168, 138, 12, 11)]]),
    dict(key="ovR", target="ovarian cysts", mod="MR", region="pelvis", ori="LP", others=PELVIS,
         pieces=[[(84, 136, 21, 18)]]),
    dict(key="polyps3", target="polyps", mod="endoscopy", region="colon", ori=None, others={},
         pieces=[[(90, 78, 30, 26)], [(178, 108, 22, 20)], [(118, 192, 34, 28)]]),
    dict(key="polyps2", target="polyps", mod="endoscopy", region="colon", ori=None, others={},
         pieces=[[(100, 172, 38, 30)], [(180, 200, 20, 16)]]),
    dict(key="naevi4", target="naevi", mod="other", region="skin", ori=None, others={},
         pieces=[[(60, 60, 7, 6)], [(150, 80, 8, 7)], [(92, 150, 6, 6)], [(204, 204, 7, 7)]]),
    dict(key="pthL", target="parathyroid adenoma", mod="CT", region="neck", ori="LP", others=NECK,
         pieces=[[(160, 152, 8, 6)]]),
    dict(key="pth2", target="parathyroid adenoma", mod="CT", region="neck", ori="LP", others=NECK,
         pieces=[[(94, 150, 7, 6)], [(162, 154, 6, 5)]]),
    dict(key="brain3", target="brain metastases", mod="MR", region="head", ori="LP", others=HEAD,
         pieces=[[(80, 90, 9, 9)], [(70, 160, 6, 6)], [(182, 120, 10, 9)]]),
    dict(key="brain1", target="brain metastases", mod="MR", region="head", ori="LP", others=HEAD,
         pieces=[[(186, 176, 11, 10)]]),
]


def pick_profile(profiles, i, defect, rng):
    """A photo has no patient side: never plant a side defect there."""
    pool = [p for p in profiles if not (defect == "laterality" and p["ori"] is None)]
    return rng.choice(pool)


def record_for(p):
    return dict(modality=p["mod"], body_region=p["region"], orientation=p["ori"])


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-2, 2), rng.uniform(-2, 2)
    for piece in p["pieces"]:
        for (cx, cy, rx, ry) in piece:
            s = rng.uniform(0.95, 1.05)
            mask |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1.0
    return compute_facts(mask, p["ori"], dict(p["others"])).model_dump(mode="json")


# ---------------------------------------------------------------------------------------------------
# words
# ---------------------------------------------------------------------------------------------------

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
ORD = {2: "second", 3: "third", 4: "fourth", 5: "fifth"}
OPP = {"right": "left", "left": "right"}
VERT_AXIS = {"LP": ("anterior", "posterior"), "LI": ("superior", "inferior"), None: ("upper", "lower")}
REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def ch(rng, xs):
    return xs[rng.randrange(len(xs))]


def piece_sides(p):
    out = []
    for pc in p["pieces"]:
        x = sum(e[0] for e in pc) / len(pc)
        out.append("midline" if abs(x - 127.5) < 16 else "right" if x < 127.5 else "left")
    return out


def piece_areas(p):
    return [sum(e[2] * e[3] for e in pc) for pc in p["pieces"]]


def count_phrase(n, rng, noun_sg, noun_pl):
    if n == 1:
        return ch(rng, [f"a solitary {noun_sg}", f"a single {noun_sg}", f"one {noun_sg}", f"just one {noun_sg}",
                        f"only one {noun_sg}"])
    if n == 2:
        return ch(rng, [f"two {noun_pl}", f"a pair of {noun_pl}", f"2 {noun_pl}", f"two separate {noun_pl}",
                        f"twin {noun_pl}"])
    w = NUM.get(n, str(n))
    return ch(rng, [f"{w} {noun_pl}", f"{n} {noun_pl}", f"{w} distinct {noun_pl}", f"{w} separate {noun_pl}"])


def side_words(lat, p, rng, style):
    """A phrase placing the target on a side (lat may be wrong when a defect is planted)."""
    info = TG[p["target"]]
    if lat in ("right", "left"):
        opts = [f"on the patient's {lat}", f"on the {lat}", f"{lat}-sided", f"on the {lat} side"]
        if info.get("hosts"):
            opts.append(f"in the {lat} {info['host'] if info['host'] != 'brain' else 'hemisphere'}")
        if style == "mdt_chat":
            opts.append(f"{lat[0].upper()}-sided")
        if style == "patient_friendly":
            opts += [f"on your {lat} side", f"on your {lat}"]
        return ch(rng, opts)
    if lat == "bilateral":
        opts = ["on both sides", "bilaterally", "on the right and the left", "bilateral"]
        if style == "patient_friendly":
            opts.append("on both sides of your body")
        if info.get("hosts"):
            opts.append(f"in both {info['hosts']}")
        return ch(rng, opts)
    if lat == "midline":
        return ch(rng, ["in the midline", "centred on the midline", "right on the midline", "midline"])
    raise ValueError(lat)


def vert_words(v, ori, rng):
    if ori == "LP":
        return ch(rng, {"anterior": ["anterior", "toward the front of the body", "in the front half of the slice",
                                     "anteriorly placed"],
                        "posterior": ["posterior", "toward the back", "in the back half of the slice", "dorsally placed",
                                      "posteriorly"],
                        "central": ["central front-to-back", "midway between front and back",
                                    "roughly central in the anteroposterior direction"]}[v])
    if ori == "LI":
        return ch(rng, {"superior": ["superior", "in the upper part of the image", "toward the head end", "high up"],
                        "inferior": ["inferior", "in the lower part of the image", "toward the feet", "low down"],
                        "central": ["at mid-height", "central in the head-to-foot direction", "at about mid level"]}[v])
    return ch(rng, {"upper": ["in the upper half of the picture", "toward the top of the frame", "in the top half"],
                    "lower": ["in the lower half of the picture", "toward the bottom of the frame", "in the bottom half"],
                    "central": ["around the middle of the frame", "in the centre of the picture, top to bottom"]}[v])


def rel_words(rel, other, rng):
    return ch(rng, {"left_of": [f"to the patient's left of the {other}", f"on the left side of the {other}",
                                f"left of the {other}"],
                    "right_of": [f"to the patient's right of the {other}", f"on the right side of the {other}",
                                 f"right of the {other}"],
                    "anterior_to": [f"in front of the {other}", f"anterior to the {other}", f"ventral to the {other}"],
                    "posterior_to": [f"behind the {other}", f"posterior to the {other}", f"dorsal to the {other}"],
                    "superior_to": [f"above the {other}", f"superior to the {other}", f"higher than the {other}"],
                    "inferior_to": [f"below the {other}", f"inferior to the {other}", f"lower than the {other}"]}[rel])


def size_words(c, rng):
    return ch(rng, {"small": ["small", "small overall", "a small area"],
                    "medium": ["medium-sized", "moderate in size", "mid-sized"],
                    "large": ["large", "big", "a large area"]}[c])


def fmt_pct(x):
    return f"{x:.2f}" if x < 1 else f"{x:.1f}"


def true_pct(af, rng):
    while True:
        s = fmt_pct(100 * af * rng.uniform(0.9, 1.1))
        if 0.85 <= float(s) / (100 * af) <= 1.15:
            return s


def false_pct(af, rng):
    while True:
        s = fmt_pct(100 * af * ch(rng, [0.2, 0.25, 0.3, 3.0, 3.5, 4.0]))
        r = float(s) / (100 * af)
        if (r < 0.35 or r > 2.8) and float(s) > 0:
            return s


def wrong_side(lat, rng):
    if lat in ("right", "left"):
        return ch(rng, [OPP[lat], OPP[lat], "bilateral", "midline"])
    if lat == "bilateral":
        return ch(rng, ["right", "left"])
    return ch(rng, ["right", "left"])


def wrong_count(n, rng):
    return ch(rng, [n + 1, n + 2] if n == 1 else [n - 1, n + 1])


# ---------------------------------------------------------------------------------------------------
# the conversation
# ---------------------------------------------------------------------------------------------------

class Conv:
    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.info = TG[p["target"]]
        self.n = facts["components"]
        self.claims = []   # dicts: topic, value, pol, turn, status, text
        self.turn = 0

    # subjects ------------------------------------------------------------------------------------
    def subj(self):
        """(subject, plural?) for a sentence about the whole target."""
        i, n = self.info, self.n
        if n == 1:
            return ch(self.rng, [("It", False), ("The mask", False), ("The segmented region", False),
                                 (f"The {i['sg']}", False), (f"This {i['alt'][0]}", False)])
        return ch(self.rng, [("They", True), ("The mask", False), (f"The {i['pl']}", True),
                             (f"The segmented {i['alt'][1]}", True), ("The outlined region", False)])

    def claim(self, topic, value, pol=True, status="asserted"):
        self.claims.append(dict(topic=topic, value=value, pol=pol, turn=self.turn, status=status))

    # one sentence per topic; value may be wrong (defect) ----------------------------------------------
    def s_side(self, lat):
        rng, p, n = self.rng, self.p, self.n
        s, pl = self.subj()
        be = "are" if pl else "is"
        self.claim("side", lat)
        w = side_words(lat, p, rng, self.style)
        if self.style == "oncology_report":
            return ch(rng, [f"Laterality: {w}.", f"Side: {w}.", f"Laterality - {w}."])
        if self.style == "mdt_chat":
            return ch(rng, [f"{w}", f"side-wise: {w}", f"{s.lower() if s != 'They' else 'they'} {be} {w}"]) + "."
        if self.style == "teaching_quiz":
            return ch(rng, [f"Which side? Answer: {w}.", f"Side: {w}.", f"{s} {be} {w}."])
        opts = [f"{s} {be} {w}."]
        if w.startswith(("on ", "in ")):
            opts.append(f"You'll find {'them' if pl else 'it'} {w}.")
        return ch(rng, opts)

    def s_vert(self, v):
        rng = self.rng
        s, pl = self.subj()
        be = "are" if pl else "is"
        self.claim("vert", v)
        w = vert_words(v, self.p["ori"], rng)
        if self.style == "oncology_report":
            return ch(rng, [f"Position: {w}.", f"Location in slice: {w}."])
        if self.style == "mdt_chat":
            return f"{w} on this slice."
        return ch(rng, [f"{s} {be} {w}.", f"On this image {s.lower() if s in ('It', 'They') else s[0].lower() + s[1:]} {be} {w}."])

    def s_rel(self, rel, other):
        rng = self.rng
        s, pl = self.subj()
        be = "are" if pl else "is"
        self.claim("rel", [other, rel])
        w = rel_words(rel, other, rng)
        if self.style == "oncology_report":
            return ch(rng, [f"Relations: {w}.", f"Relationship: lies {w}."])
        if self.style == "mdt_chat":
            return f"sits {w}."
        return ch(rng, [f"{s} {be} {w}.", f"{s} {'lie' if pl else 'lies'} {w}."])

    def s_size(self, cls=None, pct=None):
        rng = self.rng
        s, pl = self.subj()
        be = "are" if pl else "is"
        parts = []
        if cls:
            self.claim("class", cls)
        if pct:
            self.claim("pct", float(pct))
        many = self.n > 1
        if self.style == "oncology_report":
            if cls and pct:
                return ch(rng, [f"Extent: {size_words(cls, rng)}, about {pct}% of the image.",
                                f"Size: {size_words(cls, rng)} (~{pct}% of the slice area)."])
            if cls:
                return ch(rng, [f"Extent: {size_words(cls, rng)}.", f"Size class: {cls}."])
            return ch(rng, [f"Area: about {pct}% of the image.", f"Extent: ~{pct}% of the slice."])
        tog = "together " if many and pl else ""
        if cls and pct:
            return ch(rng, [f"{s} {be} {size_words(cls, rng)}, {tog}covering about {pct}% of the image.",
                            f"In size terms {'they are' if pl else 'it is'} {cls}: roughly {pct} percent of the picture."])
        if cls:
            return ch(rng, [f"{s} {be} {size_words(cls, rng)}.", f"Size-wise I'd call {'them' if pl else 'it'} {cls}."])
        return ch(rng, [f"{s} {tog}{'take' if pl else 'takes'} up about {pct}% of the image.",
                        f"The mask covers roughly {pct}% of the frame."])

    def s_count(self, n):
        rng, i = self.rng, self.info
        self.claim("count", n)
        c = count_phrase(n, rng, i["sg"], i["pl"])
        if self.style == "oncology_report":
            return ch(rng, [f"Number: {c}.", f"Count: {c}.", f"Number of lesions: {n}."]) if i["sg"] not in ("kidney",) \
                else ch(rng, [f"Number: {c}.", f"Count: {n}."])
        if self.style == "mdt_chat":
            return ch(rng, [f"{c}.", f"count = {n}.", f"I make it {c}."])
        if self.style == "teaching_quiz" and rng.random() < 0.5:
            return ch(rng, [f"How many? Answer: {NUM.get(n, n)}.", f"Count question - the answer is {c}."])
        if self.style == "patient_friendly" and rng.random() < 0.5:
            return ch(rng, [f"If you count them, there {'is' if n == 1 else 'are'} {c}.",
                            f"In total I can see {c}."])
        if n == 1:
            return ch(rng, [f"There is {c}.", f"It's {c}, in one connected piece.", f"What I see is {c}."])
        return ch(rng, [f"There are {c}.", f"I count {c}.", f"The mask is made up of {NUM.get(n, n)} separate pieces."])

    # hard-but-true sentences, by topics they touch ------------------------------------------------------
    def hard(self, avoid):
        rng, f, p, n, i = self.rng, self.f, self.p, self.n, self.info
        lat, ori = f["laterality"], p["ori"]
        out = []
        # generic conventions (no target claim)
        if ori == "LP":
            out.append((set(), lambda: ch(rng, [
                "On axial images we look up from the feet, so the patient's left is drawn on the right of the screen.",
                "Remember the radiological convention: the image's right is the patient's left.",
                "Axial slices are displayed as if you stand at the foot of the bed, so left and right swap on screen."])))
        elif ori == "LI":
            out.append((set(), lambda: ch(rng, [
                "A frontal image is viewed as if facing the patient, so their right is on your left.",
                "By convention the patient's right is on the viewer's left on this kind of image."])))
        else:
            out.append((set(), lambda: ch(rng, [
                "A photo like this carries no patient left or right, so I won't give a side.",
                "There's no left or right of the patient to read from a photo; only the frame's top and bottom."])))
        if lat in ("left", "right") and ori:
            img = "left" if lat == "right" else "right"

            def conv():
                self.claim("side", lat)
                s, pl = self.subj()
                return ch(rng, [f"{s} {'appear' if pl else 'appears'} on the image's {img}, which is the patient's {lat}.",
                                f"Don't be misled by the screen: {'they sit' if pl else 'it sits'} on the {img} of the picture, i.e. the patient's {lat} side."])
            out.append(({"side"}, conv))

            def neg():
                self.claim("side", OPP[lat], False)
                return ch(rng, [f"Nothing is on the {OPP[lat]} side.", f"It does not reach the patient's {OPP[lat]}.",
                                f"There is no involvement of the {OPP[lat]} side."] if n == 1 else
                          [f"None of them is on the {OPP[lat]} side.", f"No {i['sg']} on the {OPP[lat]} at all.",
                           f"The {OPP[lat]} side is clear."])
            out.append(({"side"}, neg))
        if lat == "bilateral" and n >= 2:
            sides = piece_sides(p)
            r, l = sides.count("right"), sides.count("left")
            if r + l == n:
                def tally():
                    self.claim("side", "bilateral")
                    self.claim("count", n)
                    a, b = (r, "right"), (l, "left")
                    if rng.random() < 0.5:
                        a, b = b, a
                    return ch(rng, [f"That's {a[0]} on the {a[1]} and {b[0]} on the {b[1]}.",
                                    f"Tally per side: {a[1]} {a[0]}, {b[1]} {b[0]}.",
                                    f"{NUM[a[0]].capitalize()} on the {a[1]}, {NUM[b[0]]} on the {b[1]}."])
                out.append(({"side", "count"}, tally))

            def negb():
                self.claim("side", "right", False)
                self.claim("side", "left", False)
                return ch(rng, ["This is not a one-sided process.", "It isn't confined to one side.",
                                "So it's not just one side that's involved."])
            out.append(({"side"}, negb))
        if lat == "midline" and ori:
            def negm():
                self.claim("side", "midline")
                return ch(rng, ["It doesn't favour either side.", "It is neither to the left nor to the right of the midline."])
            out.append(({"side"}, negm))
        # count
        if n >= 1:
            def negc():
                self.claim("count", n + 1, False)
                return ch(rng, [f"I don't see a {ORD.get(n + 1, 'further')} one.",
                                f"There is no {ORD.get(n + 1, 'further')} {i['sg']} on this slice.",
                                f"No {ORD.get(n + 1, 'further')} focus is visible."]) if n >= 1 else ""
            out.append(({"count"}, negc))
        areas = piece_areas(p)
        if n == 2 and len(p["pieces"]) == 2 and max(areas) >= 1.4 * min(areas) and ori:
            big = areas.index(max(areas))
            sd = piece_sides(p)[big]

            def larger():
                self.claim("count", 2)
                return ch(rng, [f"The larger of the two is on the {sd}.", f"Of the pair, the bigger one sits on the {sd}."])
            out.append(({"count", "side"}, larger))
        if n >= 3:
            def third():
                self.claim("count", n)
                return ch(rng, [f"The {ORD[n]} {i['sg']} is easy to miss, so all {NUM[n]} are worth a second look.",
                                f"Don't stop at two: the {ORD[n]} one is also in the mask, making {NUM[n]}."])
            out.append(({"count"}, third))
        if any(len(pc) > 1 for pc in p["pieces"]) and n == 1:
            def bilobed():
                self.claim("count", 1)
                return ch(rng, ["It looks like two blobs, but they are joined: one connected region, bilobed rather than double.",
                                "Seemingly separate, but the two lobes touch, so the mask is a single piece."])
            out.append(({"count"}, bilobed))
        # size negation
        cls = f["size_class"]

        def negs():
            if cls == "small":
                self.claim("class", "large", False)
                return ch(rng, ["The segmented area is not large.", "Overall this is not a large area.",
                                "It would be wrong to call the mask large."])
            if cls == "large":
                self.claim("class", "small", False)
                return ch(rng, ["This is not a small area.", "The mask is certainly not small."])
            self.claim("class", "medium")
            return ch(rng, ["The mask is neither small nor large.", "Not small, not large: medium."])
        out.append(({"class"}, negs))
        # vertical negation
        v = f["vertical"]
        a, b = VERT_AXIS[ori]
        if v in (a, b):
            other = b if v == a else a

            def negv():
                self.claim("vert", other, False)
                s, pl = self.subj()
                return ch(rng, [f"{s} {'are' if pl else 'is'} not {vert_words(other, ori, rng)}.",
                                f"I would not describe {'them' if pl else 'it'} as {vert_words(other, ori, rng)}."])
            out.append(({"vert"}, negv))
        keep = [(t, fn) for t, fn in out if not (t & avoid)]
        rng.shuffle(keep)
        return keep

    # ---------------------------------------------------------------------------------------------------


def article_name(c):
    i = c.info
    return i["name1"] if c.n == 1 else ("the " + i["namen"] if c.p["target"] == "kidneys" else i["namen"])


def intro(c):
    rng, st = c.rng, c.style
    nm = article_name(c)
    if st == "oncology_report":
        return ch(rng, [f"FINDINGS\nStructure: {nm} [SEG]", f"Segmentation: {nm} [SEG].",
                        f"Finding: {nm}, segmented [SEG]."])
    if st == "patient_friendly":
        return ch(rng, [f"What you're asking about is {nm}. I've shaded {'it' if c.n == 1 else 'them'} on the image [SEG].",
                        f"I've outlined {nm} for you here [SEG].",
                        f"The coloured area is {nm} [SEG]; let me explain what the picture shows."])
    if st == "mdt_chat":
        return ch(rng, [f"ok, that's {nm}, mask attached [SEG].", f"{nm} - segmented [SEG].",
                        f"yep, {nm} [SEG]."])
    return ch(rng, [f"Answer: {nm} [SEG].", f"The structure you're after: {nm} [SEG].",
                    f"Correct target is {nm} [SEG]."])


def join(c, parts):
    sep = "\n" if c.style == "oncology_report" else " "
    return sep.join(x for x in parts if x)


TOPICS = ["side", "vert", "size", "count", "rel"]
KIND_TOPICS = {"laterality": ["side"], "position": ["vert", "rel"], "size": ["size"], "count": ["count"]}


def topic_sentence(c, topic, wrong=False):
    f, rng = c.f, c.rng
    if topic == "side":
        return c.s_side(wrong_side(f["laterality"], rng) if wrong else f["laterality"])
    if topic == "vert":
        v = f["vertical"]
        opts = [x for x in (*VERT_AXIS[c.p["ori"]], "central") if x != v]
        return c.s_vert(ch(rng, opts) if wrong else v)
    if topic == "rel":
        r = ch(rng, f["relations"])
        return c.s_rel(REL_OPP[r["relation"]] if wrong else r["relation"], r["other"])
    if topic == "count":
        return c.s_count(wrong_count(c.n, rng) if wrong else c.n)
    if topic == "size":
        cls, af = f["size_class"], f["area_fraction"]
        mode = ch(rng, ["cls", "pct", "both"])
        if wrong:
            if rng.random() < 0.5:
                return c.s_size(cls=ch(rng, [x for x in ("small", "medium", "large") if x != cls]))
            return c.s_size(pct=false_pct(af, rng))
        return c.s_size(cls=cls if mode != "pct" else None, pct=true_pct(af, rng) if mode != "cls" else None)
    raise ValueError(topic)


def user_ask(c, topic):
    rng, st, p = c.rng, c.style, c.p
    i = c.info
    n_pl = c.n > 1
    if topic == "side":
        opts = ["Which side is it on?", "Left, right or both?", "Is that the patient's left or my left?",
                "And the side?"]
        if st == "patient_friendly":
            opts += ["Is that on my left or my right?"]
        if st == "mdt_chat":
            opts += ["side?", "L or R?"]
        if st == "teaching_quiz":
            opts += ["Next question: which side?"]
    elif topic == "vert":
        opts = {"LP": ["Front or back?", "Where does it sit front-to-back?", "Anterior or posterior?"],
                "LI": ["High or low on the image?", "Is it up near the top or lower down?"],
                None: ["Top or bottom of the picture?", "Whereabouts in the frame, up or down?"]}[p["ori"]]
    elif topic == "size":
        opts = ["How big is it overall?", "What share of the image does it take up?", "How much of the slice is that?",
                "Size?" if st == "mdt_chat" else "And how large is the segmented area?"]
    elif topic == "count":
        opts = ["How many are there?", "Is it just one?", "How many separate pieces did you segment?",
                f"How many {i['pl']} in total?"]
        if st == "patient_friendly":
            opts += ["How many spots are there?"]
    elif topic == "rel":
        o = ch(rng, c.f["relations"])["other"]
        opts = [f"How does it relate to the {o}?", f"Where is it relative to the {o}?", f"Any relation to the {o}?"]
    elif topic == "summary":
        opts = ["Can you sum up?", "Give me the one-line summary.", "Quick recap please?",
                "So what would you write in the report?"]
    else:
        opts = ["What happens next?", "What's the usual next step?", "What would you do now?"]
    return ch(rng, opts)


def premise(c, topic):
    """A user turn carrying a FALSE premise about topic (the assistant will not correct it)."""
    rng, f, p = c.rng, c.f, c.p
    q = ch(rng, ["what's the next step?", "what would you do now?", "what happens next?",
                 "what's the usual plan from here?"])
    pre = ch(rng, ["Since", "Given that", "OK, so as"])
    pl = c.n > 1
    it, be = ("they", "are") if pl else ("it", "is")
    if topic == "side":
        lat = wrong_side(f["laterality"], rng)
        c.claim("side", lat)
        return f"{pre} {it} {be} {side_words(lat, p, rng, c.style)}, {q}"
    if topic == "vert":
        v = ch(rng, [x for x in (*VERT_AXIS[p["ori"]], "central") if x != f["vertical"]])
        c.claim("vert", v)
        return f"{pre} {it} {be} {vert_words(v, p['ori'], rng)}, {q}"
    if topic == "rel":
        r = ch(rng, f["relations"])
        rel = REL_OPP[r["relation"]]
        c.claim("rel", [r["other"], rel])
        return f"{pre} {it} {be} {rel_words(rel, r['other'], rng)}, {q}"
    if topic == "size":
        if rng.random() < 0.5:
            cls = ch(rng, [x for x in ("small", "medium", "large") if x != f["size_class"]])
            c.claim("class", cls)
            return f"{pre} {it} {be} {size_words(cls, rng)}, {q}"
        s = false_pct(f["area_fraction"], rng)
        c.claim("pct", float(s))
        return f"{pre} {it} {'cover' if pl else 'covers'} about {s}% of the image, {q}"
    if topic == "count":
        k = wrong_count(c.n, rng)
        c.claim("count", k)
        return f"{pre} there {'is' if k == 1 else 'are'} {count_phrase(k, rng, c.info['sg'], c.info['pl'])}, {q}"
    raise ValueError(topic)


def misconception(c, avoid):
    """(user, assistant) where the user states something false and the assistant corrects it explicitly."""
    rng, f, p, n = c.rng, c.f, c.p, c.n
    opts = []
    lat = f["laterality"]
    if lat in ("left", "right") and p["ori"] and "side" not in avoid:
        opts.append("side")
    if n >= 2 and "count" not in avoid:
        opts.append("count")
    if "size" not in avoid:
        opts.append("size")
    if not opts:
        return None
    t = ch(rng, opts)
    if t == "side":
        img = "left" if lat == "right" else "right"
        u = f"It's on the {img} of my screen, so that's the patient's {img} side, isn't it?"
        c.claim("side", img, True, "corrected")
        c.turn += 1
        c.claim("side", lat)
        a = ch(rng, [f"Not quite - that's the usual trap. The screen's {img} is the patient's {lat}, so this is on the patient's {lat}.",
                     f"No: with the radiological convention the image is flipped, so what you see on the {img} is the patient's {lat}. It is {lat}-sided."])
        return u, a
    if t == "count":
        k = n - 1
        u = ch(rng, [f"I only see {NUM[k]} of them.", f"Looks like {NUM[k]} to me."])
        c.claim("count", k, True, "corrected")
        c.turn += 1
        c.claim("count", n)
        a = ch(rng, [f"Actually there are {NUM[n]}: the {ORD[n]} one is easy to overlook, but it's a separate piece in the mask.",
                     f"Easy to miss one - the mask has {NUM[n]} separate parts, not {NUM[k]}."])
        return u, a
    cls = f["size_class"]
    wrong = "large" if cls != "large" else "small"
    u = ch(rng, [f"That looks {wrong} to me.", f"Honestly it looks pretty {wrong}."])
    c.claim("class", wrong, True, "corrected")
    c.turn += 1
    pct = true_pct(f["area_fraction"], rng)
    c.claim("class", cls)
    c.claim("pct", float(pct))
    a = ch(rng, [f"It's actually {cls}, not {wrong}: about {pct}% of the image.",
                 f"On the numbers it is {cls} - roughly {pct}% of the frame - so not {wrong}."])
    return u, a


def build(p, facts, style, rng, defect):
    c = Conv(p, facts, style, rng)
    info = c.info
    has_rel = bool(facts["relations"])
    avail = [t for t in TOPICS if t != "rel" or has_rel]
    if facts["laterality"] == "unknown":
        avail.remove("side")
    kind_topic = None
    where = None
    if defect in KIND_TOPICS:
        cands = [t for t in KIND_TOPICS[defect] if t in avail]
        kind_topic = ch(rng, cands)
        r = rng.random()
        where = "user" if r < 0.2 else "followup" if r < 0.4 else "first"
    avoid = {kind_topic} if kind_topic else set()
    if kind_topic == "size":
        avoid.add("class")
    if kind_topic:
        avoid_hard = {"size": {"class"}}.get(kind_topic, {kind_topic})
    else:
        avoid_hard = set()

    turns = []
    # first question
    if defect == "names_target":
        q = ch(rng, info["named"])
        pre = ch(rng, ["", "Contrast CT. ", "Quick one: ", "For the teaching file: "]) if p["mod"] == "CT" else \
            ch(rng, ["", "Quick one: ", "For the teaching file: "])
        q = pre + q
    else:
        q = ch(rng, info["ask"])
    if style == "mdt_chat":
        q = ch(rng, ["before MDT - ", "quick one for the list: ", ""]) + q
    elif style == "teaching_quiz":
        q = ch(rng, ["Quiz: ", "Test me on this one. ", "Teaching case. "]) + q
    elif style == "patient_friendly":
        q = ch(rng, ["My doctor showed me this scan. ", "I'm trying to understand my results. ", ""]) + q \
            if p["mod"] not in ("other",) else q
    turns.append(q)
    c.turn = 1

    # choose topics for the first answer
    others = [t for t in avail if t != kind_topic]
    rng.shuffle(others)
    k1 = rng.randint(2, min(4, len(others))) if len(others) >= 2 else len(others)
    first_topics = others[:k1]
    rest = others[k1:]
    if kind_topic and where == "first":
        first_topics.insert(rng.randrange(len(first_topics) + 1), kind_topic)
    parts = [intro(c)]
    for t in first_topics:
        parts.append(topic_sentence(c, t, wrong=(t == kind_topic)))
    hard = c.hard(avoid_hard)
    used_hard = rng.randint(1, 2)
    for _, fn in hard[:used_hard]:
        parts.append(fn())
    parts.append(ch(rng, info["know"]))
    if rng.random() < 0.3:
        parts.append(info["hyp"])
    if style == "teaching_quiz":
        parts.append(ch(rng, ["Teaching point: count every separate piece and give the side in patient terms.",
                              "Key lesson: say how many and on which side before anything else."]))
    turns.append(join(c, parts))

    n_rounds = rng.choice([2, 3]) if where != "followup" else rng.choice([2, 3])
    rounds_left = n_rounds - 1
    planted_in_user = where == "user"
    planted_follow = where == "followup"
    mis_done = False
    next_done = False
    hard_left = hard[used_hard:]
    while rounds_left > 0:
        c.turn = len(turns)
        if planted_in_user:
            u = premise(c, kind_topic)
            c.turn += 1
            a = info["nxt"]
            next_done = True
            if rng.random() < 0.5:
                a = a + " " + ch(rng, info["know"])
            turns += [u, a]
            planted_in_user = False
        elif planted_follow:
            u = user_ask(c, kind_topic if kind_topic != "size" else "size")
            if kind_topic == "rel":
                # ask about the neighbour whose relation is reversed: keep it generic
                u = ch(rng, ["How does it relate to its neighbours?", "Where is it relative to the structures around it?"])
            c.turn += 1
            a = topic_sentence(c, kind_topic, wrong=True)
            if hard_left and rng.random() < 0.6:
                a += (" " if style != "oncology_report" else "\n") + hard_left.pop(0)[1]()
            turns += [u, a]
            planted_follow = False
        elif not mis_done and rng.random() < 0.35 and not defect:
            m = misconception(c, avoid)
            mis_done = True
            if m:
                turns += list(m)
            else:
                continue
        elif rest and rng.random() < 0.6:
            t = rest.pop(0)
            u = user_ask(c, t)
            c.turn += 1
            a = topic_sentence(c, t)
            if t == "rel" and u.startswith(("How does it relate", "Where is it relative", "Any relation")):
                # answer about the neighbour named in the question
                o = u.split("the ")[-1].rstrip("?")
                rel = [r for r in facts["relations"] if r["other"] == o][0]["relation"]
                c.claims.pop()
                a = c.s_rel(rel, o)
            if hard_left and rng.random() < 0.5:
                a += (" " if style != "oncology_report" else "\n") + hard_left.pop(0)[1]()
            turns += [u, a]
        else:
            u = user_ask(c, "summary" if next_done else ch(rng, ["summary", "next"]))
            c.turn += 1
            if u in ("What happens next?", "What's the usual next step?", "What would you do now?"):
                a = info["nxt"]
                next_done = True
            else:
                ts = [t for t in avail if t != kind_topic]
                rng.shuffle(ts)
                nm = article_name(c)
                sm = [ch(rng, [f"Summary: {nm}.", f"In short - {nm}.", f"Recap: {nm}."]) if style != "mdt_chat"
                      else ch(rng, [f"tl;dr {nm}.", f"{nm}, recap:"])]
                for t in ts[:3]:
                    sm.append(topic_sentence(c, t))
                a = join(c, sm)
            turns += [u, a]
        rounds_left -= 1
    # a follow-up defect must land even if rounds ran out (never: it is planted first)
    roles = ["user", "assistant"] * (len(turns) // 2)
    LEDGER.append(dict(target=p["target"], key=p["key"], defect=defect, where=where, topic=kind_topic,
                       claims=c.claims, turns=list(turns)))
    return [{"role": r, "content": t} for r, t in zip(roles, turns)], ([defect] if defect else [])
