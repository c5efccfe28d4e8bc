"""Bank EL: patients talking about their own scans in a patient-portal chat.

A patient (or a daughter reading her parent's scan) asks about their own study; an assistant outlines the
structure and explains it in plain language, mapping "your left/right" to the patient's side (on an axial
or coronal image the patient's left is shown on the image's right).

Targets: kidney stones (one side, both sides), kidneys (both), right kidney, gallbladder, appendix, ovarian
cyst (one ovary), uterine fibroids (several, both sides / one side) and a single midline fibroid, thyroid
nodule (one lobe; isthmus; both lobes), lateral meniscus (right / left knee, coronal MR), supraspinatus
tendon (rotator cuff; right / left shoulder, coronal MR), spleen, liver, lung nodule (one / several in both
lungs), breast lesion (one breast; two lesions in one breast).

Registers (STYLES): anxious_patient (worried, long messages), caregiver (a daughter about her father's or
mother's scan: "his left"), brief_texter (short, lower case), health_literate (some medical terms).

Written without reading QC. Every row carries hard-but-true sentences: symptoms on the other side from the
mask, true negations, the display convention, other structures' sides, population statistics (with
percents), hypotheticals, earlier scans, and (in many rows) a patient's wrong idea that the assistant
corrects explicitly. Defects: one false claim per defect row; about 1 in 5 in a user's premise that the
assistant leaves uncorrected, about 1 in 5 in a follow-up answer, the rest in the first answer.

`LEDGER` receives, per build() call, the claims each sentence makes (kind, stated value, turn, whether the
assistant corrected it); the writer's own reader (check_el.py, outside the repo) checks them against the
facts: rows 420, clean 210, defect rows 42 of each kind, problems 0; 1984 claims, 97 corrected patient
misconceptions; plants 96 in first answers, 31 in follow-up answers, 41 in user premises; 124 multi-piece rows,
masks left 132 / right 192 / bilateral 65 / midline 31 rows.
"""

from __future__ import annotations

import random

import numpy as np

STYLES = ["anxious_patient", "caregiver", "brief_texter", "health_literate"]
LEDGER: list[list[dict]] = []


def _n(x, y):
    return (round(x / 255, 4), round(y / 255, 4))


def _prof(target, key, modality, region, orient, ells, others, sex=None, side_word=None, unit=None):
    return {"target": target, "key": key, "modality": modality, "body_region": region, "orient": orient,
            "ells": ells, "others": {k: _n(*v) for k, v in others.items()}, "sex": sex,
            "joint_side": side_word, "unit": unit}


PROFILES = [
    _prof("liver", "liver", "CT", "abdomen", "LP", [(80, 128, 55, 48)],
          {"stomach": (165, 95), "spleen": (190, 150), "right kidney": (78, 175)}),
    _prof("spleen", "spleen", "CT", "abdomen", "LP", [(185, 155, 24, 34)],
          {"stomach": (150, 100), "left kidney": (175, 175), "aorta": (135, 152)}),
    _prof("gallbladder", "gallbladder", "CT", "abdomen", "LP", [(92, 98, 18, 24)],
          {"liver": (86, 120), "duodenum": (118, 118), "stomach": (160, 97)}),
    _prof("appendix", "appendix", "CT", "abdomen and pelvis", "LP", [(85, 105, 7, 12)],
          {"caecum": (81, 130), "bladder": (128, 103), "right psoas muscle": (105, 150)}),
    _prof("kidney stones", "stones", "CT", "abdomen", "LP", [(180, 150, 4, 4), (186, 162, 5, 4)],
          {"aorta": (135, 140), "spleen": (186, 110), "right kidney": (75, 156)}, unit="stone"),
    _prof("kidney stones", "stones", "CT", "abdomen", "LP", [(72, 155, 5, 4), (184, 152, 4, 5), (188, 166, 3, 3)],
          {"aorta": (134, 128), "vertebral body": (134, 185)}, unit="stone"),
    _prof("right kidney", "rkidney", "CT", "abdomen", "LP", [(78, 150, 20, 28)],
          {"liver": (84, 110), "aorta": (135, 142), "inferior vena cava": (112, 128)}),
    _prof("kidneys", "kidneys", "CT", "abdomen", "LP", [(72, 150, 18, 24), (184, 150, 18, 24)],
          {"aorta": (133, 128), "vertebral body": (128, 172)}, unit="kidney"),
    _prof("ovarian cyst", "ovcyst", "MR", "pelvis", "LP", [(88, 130, 20, 18)],
          {"uterus": (128, 123), "bladder": (128, 90), "rectum": (128, 170)}, sex="F"),
    _prof("ovarian cyst", "ovcyst", "MR", "pelvis", "LP", [(170, 138, 9, 8)],
          {"uterus": (128, 117), "bladder": (128, 90), "sigmoid colon": (161, 166)}, sex="F"),
    _prof("uterine fibroids", "fibroids", "MR", "pelvis", "LP", [(104, 120, 12, 11), (152, 112, 10, 10), (128, 145, 8, 7)],
          {"bladder": (127, 85), "rectum": (127, 176)}, sex="F", unit="fibroid"),
    _prof("uterine fibroids", "fibroids", "MR", "pelvis", "LP", [(150, 118, 9, 9), (160, 138, 7, 7)],
          {"bladder": (128, 88), "rectum": (130, 176), "right ovary": (90, 128)}, sex="F", unit="fibroid"),
    _prof("uterine fibroid", "fibroid1", "MR", "pelvis", "LP", [(128, 122, 18, 16)],
          {"bladder": (128, 85), "rectum": (128, 172), "left ovary": (172, 126)}, sex="F"),
    _prof("thyroid nodule", "thyroid", "US", "neck", "LP", [(92, 120, 10, 8)],
          {"trachea": (128, 114), "right common carotid artery": (70, 141), "left thyroid lobe": (165, 118)}),
    _prof("thyroid nodule", "thyroid", "US", "neck", "LP", [(128, 100, 7, 5)],
          {"trachea": (128, 120), "left thyroid lobe": (166, 116), "right thyroid lobe": (90, 116)}),
    _prof("thyroid nodules", "thyroids", "US", "neck", "LP", [(90, 118, 7, 6), (168, 122, 8, 7)],
          {"trachea": (130, 130)}, unit="nodule"),
    _prof("lateral meniscus", "meniscus", "MR", "knee", "LI", [(70, 128, 22, 6)],
          {"medial meniscus": (185, 130), "femur": (128, 70), "tibia": (128, 190)}, side_word="right"),
    _prof("lateral meniscus", "meniscus", "MR", "knee", "LI", [(186, 130, 22, 6)],
          {"medial meniscus": (70, 128), "femur": (128, 70), "tibia": (128, 190)}, side_word="left"),
    _prof("supraspinatus tendon", "cuff", "MR", "shoulder", "LI", [(175, 85, 34, 9)],
          {"humeral head": (165, 130), "acromion": (150, 60), "deltoid muscle": (215, 120)}, side_word="left"),
    _prof("supraspinatus tendon", "cuff", "MR", "shoulder", "LI", [(81, 85, 34, 9)],
          {"humeral head": (91, 130), "acromion": (106, 60), "deltoid muscle": (41, 120)}, side_word="right"),
    _prof("lung nodule", "lung", "CT", "chest", "LP", [(80, 100, 6, 6)],
          {"heart": (140, 110), "aorta": (150, 150), "right main bronchus": (110, 125)}),
    _prof("lung nodules", "lungs", "CT", "chest", "LP", [(75, 120, 5, 5), (180, 100, 4, 4), (170, 150, 5, 4)],
          {"heart": (131, 100), "spine": (128, 190)}, unit="nodule"),
    _prof("breast lesion", "breast", "MR", "breast", "LP", [(175, 70, 10, 9)],
          {"sternum": (128, 95), "right breast": (80, 70), "heart": (130, 140)}, sex="F"),
    _prof("breast lesions", "breasts", "MR", "breast", "LP", [(75, 75, 8, 7), (90, 60, 6, 6)],
          {"sternum": (128, 95), "left breast": (176, 70)}, sex="F", unit="lesion"),
]


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    m = np.zeros((256, 256), bool)
    dx, dy = rng.randint(-1, 1), rng.randint(-1, 1)
    for (cx, cy, a, b) in p["ells"]:
        a2, b2 = a + rng.choice([0, 0, 1]), b + rng.choice([0, 0, 1]) if b > 4 else b
        m |= ((xx - cx - dx) / a2) ** 2 + ((yy - cy - dy) / b2) ** 2 <= 1.0
    return compute_facts(m, p["orient"], dict(p["others"])).model_dump(mode="json")


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["body_region"], "orientation": p["orient"]}


# -- per-target words --------------------------------------------------------------------------------

# forbidden in a clean first question: label words, synonyms, abbreviations, adjectival forms
FORBID = {
    "liver": ["liver", "hepat"], "spleen": ["spleen", "splen"], "gallbladder": ["gallbladder", "gall bladder", "gall", "cholecyst"],
    "appendix": ["appendix", "appendic", "appendi"],
    "stones": ["kidney", "renal", "nephr", "stone", "calcul", "urolith"],
    "rkidney": ["kidney", "renal", "nephr"], "kidneys": ["kidney", "renal", "nephr"],
    "ovcyst": ["ovar", "ovary", "cyst"], "fibroids": ["fibroid", "uter", "womb", "myoma"],
    "fibroid1": ["fibroid", "uter", "womb", "myoma"], "thyroid": ["thyroid", "nodul"], "thyroids": ["thyroid", "nodul"],
    "meniscus": ["menisc", "cartilage"], "cuff": ["supraspinatus", "rotator", "cuff", "tendon"],
    "lung": ["lung", "pulmon", "nodul"], "lungs": ["lung", "pulmon", "nodul"],
    "breast": ["breast", "lesion", "mamm"], "breasts": ["breast", "lesion", "mamm"],
}

NAMES = {  # (name in the assistant's voice, short name)
    "liver": (["the liver", "your liver"], "liver"), "spleen": (["the spleen", "your spleen"], "spleen"),
    "gallbladder": (["the gallbladder", "your gallbladder"], "gallbladder"),
    "appendix": (["the appendix", "your appendix"], "appendix"),
    "stones": (["the kidney stones", "the stones in the kidneys"], "stones"),
    "rkidney": (["the right kidney", "your right kidney"], "kidney"),
    "kidneys": (["the kidneys", "both kidneys"], "kidneys"),
    "ovcyst": (["the ovarian cyst", "the cyst on the ovary"], "cyst"),
    "fibroids": (["the uterine fibroids", "the fibroids in the uterus"], "fibroids"),
    "fibroid1": (["the uterine fibroid", "the fibroid"], "fibroid"),
    "thyroid": (["the thyroid nodule", "the nodule in the thyroid"], "nodule"),
    "thyroids": (["the thyroid nodules", "the nodules in the thyroid"], "nodules"),
    "meniscus": (["the lateral meniscus", "the outer meniscus"], "meniscus"),
    "cuff": (["the supraspinatus tendon", "the supraspinatus tendon of the rotator cuff"], "tendon"),
    "lung": (["the lung nodule", "the nodule in the lung"], "nodule"),
    "lungs": (["the lung nodules", "the nodules in the lungs"], "nodules"),
    "breast": (["the breast lesion", "the lesion in the breast"], "lesion"),
    "breasts": (["the breast lesions", "the two lesions in the breast"], "lesions"),
}

PLURAL = {"stones", "kidneys", "fibroids", "thyroids", "lungs", "breasts"}

# implicit clues for the first question ({my} = the owner's possessive in the user's voice)
CLUES = {
    "liver": ["the organ that makes bile and clears alcohol and medicines out of {my} blood",
              "the big organ the GP said looked 'a bit fatty'", "the organ that makes most of the clotting proteins"],
    "spleen": ["the organ that filters out old red blood cells", "the organ they said was enlarged after {my} glandular fever",
               "the organ that can rupture if you get hit hard in the ribs, the one that recycles blood cells"],
    "gallbladder": ["the little sac that stores bile under the big organ on the right",
                    "the thing they might take out with keyhole surgery because of the pain after fatty meals",
                    "the pouch that squeezes bile out when {I} eat"],
    "appendix": ["the little finger-shaped pouch off the large bowel that can get inflamed",
                 "the bit of bowel they were worried was inflamed when {my} pain moved from {my} belly button down",
                 "that small dead-end tube off the start of the colon"],
    "stones": ["whatever is causing the awful cramping pain and the blood in {my} pee",
               "the little hard crystal deposits the urologist mentioned", "the things that are supposed to 'pass' if {I} drink enough water"],
    "rkidney": ["the one of {my} two blood-filtering organs that had the small cyst on the report",
                "the bean-shaped organ they said looked a bit swollen, the one that drains urine on that side"],
    "kidneys": ["the organs that filter {my} blood and make urine", "the two bean-shaped organs that make urine"],
    "ovcyst": ["the fluid-filled thing on one of the egg-producing organs", "the bubble of fluid they found near {my} womb's side, on the egg-making organ"],
    "fibroids": ["the benign muscle growths that are giving {me} heavy periods", "the lumps in the muscle wall of the organ where a baby grows"],
    "fibroid1": ["the benign muscle lump that is giving {me} heavy periods", "the growth in the muscle wall of the organ where a baby grows"],
    "thyroid": ["the lump in the butterfly-shaped gland in {my} neck", "the little lump the ultrasound found in the gland that controls metabolism"],
    "thyroids": ["the lumps in the butterfly-shaped gland in {my} neck", "the little lumps in the gland that controls {my} metabolism"],
    "meniscus": ["the rubbery C-shaped cushion between the thigh bone and shin bone on the outer side of {my} knee",
                 "the shock-absorbing pad on the outer side of the knee joint that they think is torn"],
    "cuff": ["the thing on top of {my} shoulder that lets {me} lift {my} arm out to the side, the one they think is torn",
             "the cord-like bit that runs over the top of the ball of {my} shoulder joint"],
    "lung": ["the small spot in {my} chest they want to re-scan in six months", "the round spot the CT of {my} chest picked up by chance"],
    "lungs": ["the small round spots in {my} chest they want to follow up", "the little spots the chest CT found"],
    "breast": ["the lump they want to biopsy after {my} screening", "the enhancing spot on {my} MRI the radiologist circled"],
    "breasts": ["the two spots on {my} MRI they want to biopsy", "the enhancing spots the radiologist circled on {my} MRI"],
}

# explicit name, for the names_target defect
EXPLICIT = {
    "liver": ["my liver", "the liver"], "spleen": ["my spleen", "the spleen"], "gallbladder": ["my gallbladder", "the gall bladder"],
    "appendix": ["my appendix", "the appendix"], "stones": ["the kidney stones", "my kidney stones"],
    "rkidney": ["my right kidney", "the kidney with the cyst"], "kidneys": ["my kidneys", "both kidneys"],
    "ovcyst": ["the ovarian cyst", "the cyst on my ovary"], "fibroids": ["the fibroids", "my uterine fibroids"],
    "fibroid1": ["the fibroid", "my uterine fibroid"], "thyroid": ["the thyroid nodule", "the nodule in my thyroid"],
    "thyroids": ["the thyroid nodules", "the nodules in my thyroid"], "meniscus": ["the lateral meniscus", "the torn meniscus"],
    "cuff": ["the supraspinatus tendon", "the rotator cuff tendon"], "lung": ["the lung nodule", "the pulmonary nodule"],
    "lungs": ["the lung nodules", "the nodules in my lungs"], "breast": ["the breast lesion", "the lesion in my breast"],
    "breasts": ["the breast lesions", "the lesions in my breast"],
}

WHY = {
    "liver": "It's the large organ tucked under the ribs, and it's what makes bile and processes alcohol and medicines.",
    "spleen": "It's the organ that filters the blood and recycles worn-out red cells, and it helps fight some infections.",
    "gallbladder": "It's the small pear-shaped pouch that stores bile and squeezes it out after a fatty meal.",
    "appendix": "It's the small finger-like pouch coming off the first part of the large bowel.",
    "stones": "These are the bright, very dense little deposits: stones show up almost white on CT, brighter than most tissue.",
    "rkidney": "It's one of the two bean-shaped organs that filter the blood and make urine.",
    "kidneys": "They're the two bean-shaped organs that filter the blood and make urine.",
    "ovcyst": "It's the fluid-filled sac on the ovary; fluid looks bright on this kind of MRI sequence.",
    "fibroids": "Fibroids are benign (non-cancerous) growths of the muscle of the uterus, and they're a very common cause of heavy periods.",
    "fibroid1": "A fibroid is a benign (non-cancerous) growth of the muscle of the uterus, a common cause of heavy periods.",
    "thyroid": "It's the lump within the thyroid, the butterfly-shaped gland at the front of the neck.",
    "thyroids": "They're the lumps within the thyroid, the butterfly-shaped gland at the front of the neck.",
    "meniscus": "The meniscus is the C-shaped rubbery cushion between the thigh bone and the shin bone; the lateral one is on the outer side of the knee.",
    "cuff": "It's one of the four rotator cuff tendons, the one running over the top of the ball of the shoulder, and it helps lift the arm out to the side.",
    "lung": "It's the small round spot within the lung tissue.",
    "lungs": "They're the small round spots within the lung tissue.",
    "breast": "It's the area that lit up after the contrast injection, which is why the radiologist wants a closer look.",
    "breasts": "They're the areas that lit up after the contrast injection.",
}

POP = {
    "liver": ["Some fatty change in the liver is very common: roughly 25% to 30% of adults have it.",
              "A normal liver measures around 15 cm from top to bottom, so on a single slice it usually looks big."],
    "spleen": ["A normal adult spleen is usually under about 12 cm long.",
               "About 10% to 30% of people have a small extra bit of spleen tissue (a splenule), which is harmless."],
    "gallbladder": ["Gallstones are very common: about 10% to 15% of adults have them, and most never get symptoms.",
                    "A normal gallbladder holds only about 50 ml of bile."],
    "appendix": ["About 7% to 8% of people get appendicitis at some point in their life.",
                 "An appendix wider than about 6 mm is one of the signs radiologists look for in appendicitis."],
    "stones": ["About 1 in 10 people get a kidney stone at some point.",
               "Stones under 5 mm pass on their own in roughly 70% to 80% of cases."],
    "rkidney": ["Simple kidney cysts are found in more than 25% of people over 50, and most are harmless.",
                "An adult kidney is normally about 10 to 12 cm long."],
    "kidneys": ["An adult kidney is normally about 10 to 12 cm long.",
                "Each kidney filters roughly 90 litres of blood a day."],
    "ovcyst": ["Most simple ovarian cysts under 5 cm go away on their own within two or three cycles.",
               "Functional cysts are found in up to 20% of women of reproductive age on a scan at any time."],
    "fibroids": ["Fibroids are extremely common: up to 70% to 80% of women have them by the age of 50.",
                 "Fewer than 1 in 1000 fibroid-like growths turn out to be anything worse."],
    "fibroid1": ["Fibroids are extremely common: up to 70% to 80% of women have them by the age of 50.",
                 "Fewer than 1 in 1000 fibroid-like growths turn out to be anything worse."],
    "thyroid": ["Thyroid nodules are found in up to 50% to 60% of adults on ultrasound, and over 90% are benign.",
                "Nodules under 1 cm often just need watching rather than a biopsy."],
    "thyroids": ["Thyroid nodules are found in up to 50% to 60% of adults on ultrasound, and over 90% are benign.",
                 "Having several nodules (a multinodular thyroid) is common and isn't more worrying in itself."],
    "meniscus": ["Meniscus tears are very common after 40; up to a third of people that age have one on MRI without any pain.",
                 "The medial meniscus tears more often than the lateral one, roughly 3 times as often."],
    "cuff": ["Rotator cuff tears are common with age: around 20% to 30% of people over 60 have one, many with no pain at all.",
             "The supraspinatus is the cuff tendon that tears most often."],
    "lung": ["Small lung nodules are found on up to 30% to 50% of chest CTs, and the vast majority are benign.",
             "Nodules under 6 mm in people at low risk often need no follow-up at all."],
    "lungs": ["Small lung nodules are found on up to 30% to 50% of chest CTs, and the vast majority are benign.",
              "Several tiny nodules are often old scars from past infections."],
    "breast": ["Most areas that are biopsied after a breast MRI, often 60% to 80%, turn out to be benign.",
               "Breast MRI is very sensitive, so it picks up many small harmless spots."],
    "breasts": ["Most areas that are biopsied after a breast MRI, often 60% to 80%, turn out to be benign.",
                "Breast MRI is very sensitive, so it picks up many small harmless spots."],
}

OTHER_TRAPS = {  # sentences about other structures (sides, positions, sizes): true, not about the target
    "liver": ["The spleen sits up under the left ribs, on the opposite side.", "The aorta runs just to the left of the midline, in front of the spine."],
    "spleen": ["The liver is on the other side, under the right ribs, and it's much bigger.", "The left kidney sits just behind and below it on most people."],
    "gallbladder": ["The pancreas lies across the middle of the belly, behind the stomach.", "The spleen is on the left, well away from this."],
    "appendix": ["The left side of the large bowel (the sigmoid colon) is where diverticulitis usually happens, not here.", "The bladder sits in the middle, low in the pelvis."],
    "stones": ["The ureters run down from each kidney, in front of the psoas muscles, to the bladder in the middle of the pelvis.", "The left renal vein crosses in front of the aorta on its way to the vena cava."],
    "rkidney": ["The left kidney usually sits a little higher than the right one, because the liver pushes the right one down.", "The left renal vein crosses in front of the aorta."],
    "kidneys": ["The left kidney usually sits a little higher than the right, because the liver pushes the right one down.", "The adrenal glands sit on top of each kidney like small caps."],
    "ovcyst": ["The uterus sits in the middle of the pelvis, just behind the bladder.", "The left ovary and right ovary each hang off a fallopian tube."],
    "fibroids": ["The bladder sits in front of the uterus and the rectum behind it.", "The ovaries are off to the sides of the pelvis."],
    "fibroid1": ["The bladder sits in front of the uterus and the rectum behind it.", "The ovaries are off to the sides of the pelvis."],
    "thyroid": ["The windpipe (trachea) runs down the middle of the neck, behind the thyroid's central bridge.", "The carotid arteries run up either side of the neck."],
    "thyroids": ["The windpipe runs down the middle of the neck.", "The carotid arteries run up either side of the neck, next to the jugular veins."],
    "meniscus": ["The medial meniscus on the inner side of the knee is larger and more C-shaped.", "The ACL runs diagonally through the middle of the knee."],
    "cuff": ["The subscapularis tendon is at the front of the shoulder and the infraspinatus at the back.", "The biceps tendon runs in a groove at the front of the upper arm bone."],
    "lung": ["The right lung has three lobes and the left lung has two, because the heart takes up room on the left.", "The heart sits slightly to the left of the midline."],
    "lungs": ["The right lung has three lobes and the left lung has two.", "The heart sits slightly to the left of the midline."],
    "breast": ["The lymph nodes that drain the breast mostly sit in the armpit on the same side.", "The heart lies behind the breastbone, deeper in the chest."],
    "breasts": ["The lymph nodes that drain the breast mostly sit in the armpit on the same side.", "The heart lies behind the breastbone, deeper in the chest."],
}

HYPO = {
    "liver": "If there were a mass, it would usually look like a rounded area of different brightness, which I don't point to here.",
    "spleen": "If it were badly enlarged it could reach down past the ribs, but that's something your doctor judges on the full scan.",
    "gallbladder": "If stones were blocking its outlet, the wall would often look thickened.",
    "appendix": "If it had burst, there could be fluid or an abscess around it.",
    "stones": "If a stone were bigger than about 10 mm, it would be much less likely to pass on its own.",
    "rkidney": "If the drainage were blocked, the central collecting part would look swollen with urine.",
    "kidneys": "If one were blocked, its central collecting system would usually look swollen.",
    "ovcyst": "If a cyst twisted the ovary (torsion), that would cause sudden severe pain and needs urgent care.",
    "fibroids": "If one were growing into the cavity of the uterus, it would be more likely to cause heavy bleeding.",
    "fibroid1": "If it were growing into the cavity of the uterus, it would be more likely to cause heavy bleeding.",
    "thyroid": "If it had worrying features, like microcalcifications or irregular edges, a needle biopsy would usually be offered.",
    "thyroids": "If any had worrying features, a needle biopsy of that one would usually be offered.",
    "meniscus": "If a torn flap were flipping into the joint, the knee could lock or catch.",
    "cuff": "If the tendon were fully torn through, lifting the arm out to the side would be much weaker.",
    "lung": "If it grew on the next scan, the team would look at it more closely.",
    "lungs": "If any grew on the next scan, the team would look at that one more closely.",
    "breast": "If it were a cyst, it would usually be fluid-filled and would not light up like this.",
    "breasts": "If they were simple cysts, they would usually not light up like this.",
}

SYMPTOM = {  # a symptom of the owner's ({side} = where it was felt: not a claim about the mask); past tense fits I/he/she
    "liver": "{I} had a dull ache under {my} {side} ribs last month.", "spleen": "{I} got a stitch-like pain on {my} {side} side on walks.",
    "gallbladder": "the pain went through to {my} {side} shoulder blade after meals.", "appendix": "the pain was mostly on {my} {side} side, low down.",
    "stones": "the pain was in {my} {side} flank and came in waves.", "rkidney": "{I} had an ache in {my} {side} flank last month.",
    "kidneys": "{my} back ached on the {side} for a while.", "ovcyst": "{I} had pain low down on {my} {side} side mid-cycle.",
    "fibroids": "{I} had cramps that felt worse on {my} {side}.", "fibroid1": "{I} had cramps that felt worse on {my} {side}.",
    "thyroid": "{my} neck felt tight on the {side} when swallowing.", "thyroids": "{my} neck felt tight on the {side} when swallowing.",
    "meniscus": "the knee clicked and hurt more when {I} twisted toward {my} {side}.", "cuff": "{I} couldn't sleep on {my} {side} side.",
    "lung": "{I} had a cough and some aching on the {side} of {my} chest.", "lungs": "{my} {side} side ached when coughing.",
    "breast": "{I} felt a tender bit under {my} {side} arm last week.", "breasts": "{I} had some tenderness in {my} {side} armpit.",
}

WHERE_PAIN = [
    "Pain doesn't always sit right over the thing causing it, so where you feel it and where this shows up can differ.",
    "Where pain is felt can be misleading: nerves from the belly and back share pathways, so pain can be felt away from its source.",
    "It's normal for symptoms not to match the exact spot on the image; your doctor will put the two together.",
]

CONVENTION = [
    "One thing that confuses a lot of people: these images are shown as if you're facing the patient, so the patient's left is on the right of the screen.",
    "Scans are displayed as if we're looking up from the patient's feet (or facing them), which flips left and right on the screen.",
    "On these pictures the left of the screen is the patient's right side, by convention.",
]

EARLIER = [
    "I can only see this one image, so I can't compare it with the earlier scan; the radiologist's report will say if anything has changed.",
    "Comparing with the older scan needs both studies side by side, which your care team has.",
]

CLOSERS = [
    "Please go through it with your doctor, who can see the whole scan and your history.",
    "This is general information; your care team has the full picture and can tell you what it means for you.",
    "If anything gets worse, like a fever or pain that won't settle, contact your doctor or urgent care.",
]


# -- owners ----------------------------------------------------------------------------------------

class Ctx:
    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.key = p["key"]
        self.claims: list[dict] = []
        fem = p["sex"] == "F"
        self.parent, self.pro, self.pro_subj, self.obj = "dad", "his", "he", "him"
        if style == "caregiver":
            self.parent = "mum" if fem else "dad"
            self.pro = "her" if fem else "his"
            self.pro_subj = "she" if fem else "he"
            self.obj = "her" if fem else "him"
        self.plural = self.key in PLURAL

    # the owner in the assistant's voice
    def your(self):
        if self.style == "caregiver":
            return self.rng.choice([self.pro, self.pro, f"your {self.parent}'s"])
        return "your"

    def you(self):
        return self.obj if self.style == "caregiver" else "you"

    # the owner in the user's voice
    def my(self):
        return self.pro if self.style == "caregiver" else "my"

    def fill(self, s):
        if self.style == "caregiver":
            return s.replace("{my}", self.pro).replace("{me}", self.obj).replace("{I}", self.pro_subj)
        return s.replace("{my}", "my").replace("{me}", "me").replace("{I}", "I")

    def it(self):
        return "they" if self.plural else "it"

    def claim(self, kind, value, turn, text, corrected=False, neg=False):
        self.claims.append({"kind": kind, "value": value, "turn": turn, "text": text, "corrected": corrected, "neg": neg})


def cap(s):
    return s[0].upper() + s[1:] if s else s


# -- fact sentences (the value stated may be true or planted) ----------------------------------------

def _img_side(side):
    return "right" if side == "left" else "left"


def side_sentence(c: Ctx, v: str, turn: int) -> str:
    r, y, it = c.rng, c.your(), c.it()
    be = "are" if c.plural else "is"
    It = cap(it)
    if v in ("left", "right"):
        o = _img_side(v)
        forms = [f"{It} {be} on {y} {v} side.",
                 f"On the screen {it} {'show' if c.plural else 'shows'} up on the {o} of the picture, but that's {y} {v} side: scans are shown as if you're facing the patient.",
                 f"{It} {be} on {y} {v}, not the {o}.",
                 f"So this is on the {v} side of {y} body."]
        if c.plural:
            forms.append(f"All of them are on {y} {v} side.")
        if c.style == "health_literate":
            forms += [f"{It} {be} {v}-sided (patient's {v}, which is image {o}).", f"Laterality: {v}."]
        if c.style == "brief_texter":
            forms += [f"{cap(v)} side.", f"{cap(v)} side ({y} {v})."]
    elif v == "midline":
        forms = [f"{It} {be} right in the middle of {y} body, not off to one side.",
                 f"Side to side, {it} {be} on the midline rather than left or right.",
                 f"{It} {'sit' if c.plural else 'sits'} centrally across the midline."]
        if c.style == "health_literate":
            forms.append("Laterality: midline.")
    else:  # bilateral
        forms = [f"There are areas on both sides, {y} left and {y} right.",
                 f"{It} {be} on both sides rather than just one.",
                 f"This is on both the left and the right side of {y} body."]
        if c.style == "health_literate":
            forms.append("It's bilateral.")
    t = r.choice(forms)
    c.claim("laterality", v, turn, t)
    return t


def vert_sentence(c: Ctx, v: str, turn: int) -> str:
    r, y, it, It = c.rng, c.your(), c.it(), cap(c.it())
    be = "are" if c.plural else "is"
    if c.p["orient"] == "LP":
        forms = {"anterior": [f"{It} {be} toward the front of {y} body.", f"Front to back, {it} {be} in the front part of the slice.",
                              f"{It} {be} nearer {y} front than {y} back."],
                 "posterior": [f"{It} {be} toward {y} back.", f"Front to back, {it} {be} in the back part of the slice.",
                               f"{It} {be} closer to {y} back than {y} front."],
                 "central": [f"Front to back, {it} {be} roughly in the middle.", f"{It} {be} neither toward the front nor the back, about halfway."]}[v]
        if c.style == "health_literate":
            forms.append(f"{It} {be} {v} on this axial slice." if v != "central" else f"It's central in the anteroposterior direction.")
    else:
        forms = {"superior": [f"{It} {be} in the upper part of the picture.", f"{It} {be} high up on this image."],
                 "inferior": [f"{It} {be} in the lower part of the picture.", f"{It} {be} low down on this image."],
                 "central": [f"Up and down, {it} {be} about halfway.", f"{It} {be} roughly level with the middle of the picture, top to bottom."]}[v]
        if c.style == "health_literate":
            forms.append(f"{It} {be} {v} on this coronal image." if v != "central" else "It's central craniocaudally on this image.")
    t = r.choice(forms)
    c.claim("vertical", v, turn, t)
    return t


REL_FORMS = {
    "left_of": ["Compared with the {o}, {it} {be} further to {y} left.", "{It} {be} to the left of the {o}, meaning {y} left."],
    "right_of": ["Compared with the {o}, {it} {be} further to {y} right.", "{It} {be} to the right of the {o}, meaning {y} right."],
    "anterior_to": ["{It} {be} in front of the {o}.", "The {o} is behind {itobj}."],
    "posterior_to": ["{It} {be} behind the {o}.", "The {o} is in front of {itobj}."],
    "superior_to": ["{It} {be} above the {o}.", "The {o} is below {itobj}."],
    "inferior_to": ["{It} {be} below the {o}.", "The {o} sits above {itobj}."],
}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}


def rel_sentence(c: Ctx, other: str, rel: str, turn: int) -> str:
    t = c.rng.choice(REL_FORMS[rel]).format(It=cap(c.it()), it=c.it(), be="are" if c.plural else "is", y=c.your(), o=other,
                                           itobj="them" if c.plural else "it")
    c.claim("relation", [other, rel], turn, t)
    return t


def pct_str(x: float) -> str:
    if x >= 10:
        return f"{x:.0f}"
    if x >= 1:
        return f"{x:.1f}"
    if x >= 0.1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def size_sentence(c: Ctx, cls: str | None, pct: float | None, turn: int) -> str:
    r, it, It = c.rng, c.it(), cap(c.it())
    be = "are" if c.plural else "is"
    parts = []
    if cls:
        w = {"small": ["small", "on the small side", "fairly small"], "medium": ["medium-sized", "moderate in size", "mid-sized"],
             "large": ["large", "big", "quite large"]}[cls]
        parts.append(r.choice(w))
    if cls and pct is None:
        forms = [f"On this slice {it} {be} {parts[0]}.", f"Size-wise {it} {be} {parts[0]} on this image.",
                 f"{It} {'look' if c.plural else 'looks'} {parts[0]} here."]
        if cls == "small":
            forms.append(f"{It} {be} small on this slice, not a big area.")
        if cls == "large":
            forms.append(f"{It} {'take' if c.plural else 'takes'} up a large part of this slice.")
        if cls == "medium":
            forms.append(f"{It} {be} medium-sized here, neither tiny nor huge.")
        t = r.choice(forms)
    elif pct is not None and not cls:
        ps = pct_str(pct)
        t = r.choice([f"{It} {'cover' if c.plural else 'covers'} about {ps}% of the image.",
                      f"That's roughly {ps} percent of the picture's area.",
                      f"In area, {it} {be} around {ps}% of this slice."])
    else:
        ps = pct_str(pct)
        t = r.choice([f"{It} {be} {parts[0]} on this slice, about {ps}% of the image.",
                      f"Size-wise {it} {be} {parts[0]}: roughly {ps}% of the picture.",
                      f"{It} {'cover' if c.plural else 'covers'} around {ps}% of the image, so {parts[0]}."])
    if cls:
        c.claim("size_class", cls, turn, t)
    if pct is not None:
        c.claim("percent", round(pct, 4), turn, t)
    return t


NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def count_sentence(c: Ctx, n: int, turn: int) -> str:
    r = c.rng
    unit = c.p["unit"] or "area"
    nw = r.choice([str(n), NUMW[n]])
    if n == 1:
        forms = ["There's just one connected area.", "It's a single piece.", "It's one area, not several.",
                 "I see only one separate region."]
    else:
        forms = [f"There are {nw} separate {unit}s.", f"I count {nw} separate areas.", f"{cap(nw)} distinct {unit}s, not joined to each other.",
                 f"The outline is in {nw} separate pieces."]
        if c.style == "health_literate":
            forms.append(f"There are {n} discrete components.")
    t = r.choice(forms)
    c.claim("count", n, turn, t)
    return t


def part_sentence(c: Ctx, turn: int) -> str | None:
    """A true sentence about the sides of the separate pieces of a multi-piece mask (not the whole)."""
    if len(c.p["ells"]) < 2:
        return None
    sides = []
    for (cx, _, _, _) in c.p["ells"]:
        off = (cx - 127.5) / 256
        sides.append("left" if off > 0.06 else "right" if off < -0.06 else "middle")
    nl, nr = sides.count("left"), sides.count("right")
    if nl and nr:
        y = c.your()
        t = c.rng.choice([f"{cap(NUMW[nl])} of them {'is' if nl == 1 else 'are'} on {y} left and {NUMW[nr]} on {y} right.",
                          f"Looking at the pieces one by one: {NUMW[nr]} on {y} right, {NUMW[nl]} on {y} left."])
        c.claim("parts", [nl, nr], turn, t)
        return t
    return None


# -- wrong values ------------------------------------------------------------------------------------

def wrong_side(c: Ctx) -> str:
    lat = c.f["laterality"]
    if lat in ("left", "right"):
        return c.rng.choice([_img_side(lat)] * 4 + (["bilateral"] if c.f["components"] > 1 else ["midline"]))
    if lat == "bilateral":
        return c.rng.choice(["left", "right"])
    return c.rng.choice(["left", "right"])


def wrong_vert(c: Ctx) -> str:
    v = c.f["vertical"]
    opts = ["anterior", "posterior", "central"] if c.p["orient"] == "LP" else ["superior", "inferior", "central"]
    if v != "central":
        return opts[1 - opts.index(v)] if c.rng.random() < 0.75 else "central"
    return c.rng.choice(opts[:2])


def wrong_size(c: Ctx):
    cls, pct = c.f["size_class"], 100 * c.f["area_fraction"]
    mode = c.rng.choice(["class", "class", "pct", "both"])
    others = [x for x in ("small", "medium", "large") if x != cls]
    far = {"small": "large", "large": "small", "medium": c.rng.choice(["small", "large"])}[cls]
    if mode == "class":
        return c.rng.choice(others + [far]), None
    bad = pct * c.rng.choice([3.0, 3.5, 4.0]) if cls != "large" or c.rng.random() < 0.3 else pct * c.rng.choice([0.2, 0.25, 0.3])
    if mode == "pct":
        return None, bad
    # a wrong percent beside a true class word (still exactly one false claim: the percent)
    return "pctonly", bad


def wrong_count(c: Ctx) -> int:
    n = c.f["components"]
    if n == 1:
        return c.rng.choice([2, 2, 3])
    return c.rng.choice([n + 1, n - 1]) if n > 2 else c.rng.choice([1, 3])


def true_pct(c: Ctx) -> float:
    return 100 * c.f["area_fraction"] * c.rng.uniform(0.93, 1.07)


# -- the conversation ----------------------------------------------------------------------------------

def first_question(c: Ctx, names: bool) -> str:
    r, key = c.rng, c.key
    clue = c.fill(r.choice(CLUES[key]))
    if names:
        nm = r.choice(EXPLICIT[key])
        if c.style == "caregiver":
            nm = nm.replace("my ", "his " if c.p["sex"] != "F" else "her ")
        clue = f"{nm} ({clue})" if r.random() < 0.5 else nm
    side = r.choice(["left", "right"])
    sym = c.fill(SYMPTOM[key].replace("{side}", side))
    mod = {"CT": "CT scan", "MR": "MRI", "US": "ultrasound"}[c.p["modality"]]
    if c.style == "anxious_patient":
        opener = r.choice(["Hi, I just got my results in the portal and I'm honestly really worried.",
                           "Hello. I've been staring at this scan for an hour and I'm scared.",
                           "Sorry if this is a silly question, I'm quite anxious about all this."])
        story = r.choice([f"I had a {mod} last week because {sym}", f"They sent me for a {mod}; {sym}",
                          f"My sister had something similar on her scan a few years ago and it turned out fine, but I can't stop worrying. {cap(sym)}"])
        ask = r.choice([f"Could you show me {clue} on my scan and outline it?", f"Can you find and outline {clue} on this image?",
                        f"Please could you segment {clue} so I can see where it is?"])
        tail = r.choice([" I haven't slept properly since I read the report.", " I just want to understand what I'm looking at.", ""])
        return f"{opener} {story} {ask}{tail}"
    if c.style == "caregiver":
        opener = r.choice([f"Hi, I'm helping my {c.parent} with {c.pro} portal account.",
                           f"Hello, I'm the daughter. My {c.parent} asked me to look at {c.pro} {mod} results with {c.obj}.",
                           f"Hi - my {c.parent} is 78 and doesn't use computers, so I'm reading {c.pro} scan for {c.obj}."])
        sym2 = sym
        ask = r.choice([f"Can you show us {clue}?", f"Could you outline {clue} on this image?", f"Please highlight {clue} for us."])
        return f"{opener} {cap(sym2)} {ask}"
    if c.style == "brief_texter":
        ask = r.choice([f"can u outline {clue}", f"where is {clue} on this? pls segment it", f"show me {clue}?"])
        tail = r.choice(["", f" ({sym.lower().rstrip('.')})", " thx"])
        return (ask + tail).lower()
    # health_literate
    region = "chest" if c.key in ("breast", "breasts") else c.p["body_region"]
    opener = r.choice([f"I had a {c.p['modality']} {region} study.", f"This is a slice from my {mod} ({c.p['modality']}).",
                       f"I'm a nurse, so I know the basics, but I'd like a second look at my own {mod}."])
    ask = r.choice([f"Could you segment {clue}?", f"Please segment {clue} and describe its location.",
                    f"Can you localise and segment {clue}?"])
    return f"{opener} {cap(sym)} {ask}"


def fact_sentences(c: Ctx, kinds: list[str], turn: int, plant: str | None) -> list[str]:
    """Sentences for the facts `kinds`; `plant` = the kind whose sentence is false (or None)."""
    out = []
    f, r = c.f, c.rng
    for k in kinds:
        bad = plant == k
        if k == "laterality":
            out.append(side_sentence(c, wrong_side(c) if bad else f["laterality"], turn))
        elif k == "vertical":
            out.append(vert_sentence(c, wrong_vert(c) if bad else f["vertical"], turn))
        elif k == "relation":
            rels = f["relations"]
            if not rels:
                out.append(vert_sentence(c, wrong_vert(c) if bad else f["vertical"], turn))
                continue
            rel = r.choice(rels)
            out.append(rel_sentence(c, rel["other"], FLIP[rel["relation"]] if bad else rel["relation"], turn))
        elif k == "size":
            if bad:
                cls, pct = wrong_size(c)
                if cls == "pctonly":  # a true class word beside a percent that is far off
                    out.append(size_sentence(c, f["size_class"] if r.random() < 0.5 else None, pct, turn))
                else:
                    out.append(size_sentence(c, cls, pct, turn))
            else:
                mode = r.choice(["cls", "pct", "both"])
                out.append(size_sentence(c, f["size_class"] if mode != "pct" else None,
                                         true_pct(c) if mode != "cls" else None, turn))
        elif k == "count":
            out.append(count_sentence(c, wrong_count(c) if bad else f["components"], turn))
    return out


POS_KINDS = ("vertical", "relation")


def kind_of(k: str) -> str:
    return {"laterality": "laterality", "vertical": "position", "relation": "position", "size": "size",
            "count": "count"}[k]


def follow_question(c: Ctx, k: str) -> str:
    r, s = c.rng, c.style
    my = c.my()
    oth = None
    if k == "relation" and c.f["relations"]:
        oth = r.choice(c.f["relations"])["other"]
    q = {
        "laterality": [f"Which side of {'his' if s == 'caregiver' and c.p['sex'] != 'F' else 'her' if s == 'caregiver' else 'my'} body is it on?",
                       "Is it on the left or the right? I always get confused with scans.", "which side is it"],
        "vertical": ["Is it more toward the front or the back?" if c.p["orient"] == "LP" else "Is it high up or low down on the picture?",
                     "whereabouts is it exactly"],
        "relation": [f"Where is it compared with the {oth}?" if oth else "What is it next to?", "what's it near"],
        "size": ["How big is it? Should I be worried about the size?", "How large is it on this image?", "is it big"],
        "count": ["Is there just one, or more than one?", "Are there several separate ones?", "how many are there"],
    }[k]
    t = r.choice(q[:-1]) if s != "brief_texter" else q[-1]
    if s == "anxious_patient":
        t = r.choice(["Thank you, that helps a bit. ", "Okay. Sorry, one more thing. ", "Thanks. "]) + t + \
            r.choice([" I keep reading things online and scaring myself.", " My mum had something removed years ago and I keep thinking about that.", ""])
    elif s == "caregiver":
        t = r.choice(["Thanks. ", "Okay, thank you. ", ""]) + t + r.choice([f" {c.pro_subj.capitalize()} keeps asking me.", ""])
    elif s == "health_literate":
        t = r.choice(["Thanks. ", "Understood. ", ""]) + t
    return t


def misconception(c: Ctx, k: str, turn: int) -> tuple[str, str]:
    """A user's wrong idea of kind k and the assistant's explicit correction (clean either way)."""
    r, f = c.rng, c.f
    who = r.choice(["The doctor told me", "I thought", "The nurse said", "I read the report as saying"]) if c.style != "caregiver" \
        else r.choice([f"{c.pro_subj.capitalize()} thinks", "The GP told us", "I assumed"])
    whose = c.my()
    if k == "laterality":
        wrong = wrong_side(c)
        wtxt = {"left": f"on {whose} left", "right": f"on {whose} right", "midline": "in the middle",
                "bilateral": "on both sides"}[wrong]
        u = f"{who} it was {wtxt}?"
        c.claim("laterality", wrong, turn, u, corrected=True)
        a = r.choice(["Actually, no. ", "That's a really common mix-up, but not quite. ", "I can see why, but "]) + \
            side_sentence(c, f["laterality"], turn + 1)
        return u, a
    if k == "size":
        wrong = "large" if f["size_class"] != "large" else "small"
        u = f"{who} it was {'huge' if wrong == 'large' else 'tiny'}?"
        c.claim("size_class", wrong, turn, u, corrected=True)
        a = r.choice(["Not really. ", "No, that's not what this shows. "]) + size_sentence(c, f["size_class"], None, turn + 1)
        return u, a
    if k == "count":
        wrong = f["components"] + 1
        u = f"{who} there were {NUMW[wrong]} of them?"
        c.claim("count", wrong, turn, u, corrected=True)
        a = r.choice(["On this image, no. ", "That's not what I see here. "]) + count_sentence(c, f["components"], turn + 1)
        return u, a
    # position
    wrong = wrong_vert(c)
    word = {"anterior": "at the front", "posterior": "at the back", "central": "in the middle front to back",
            "superior": "high up", "inferior": "low down"}[wrong]
    if wrong == "central" and c.p["orient"] == "LI":
        word = "halfway up"
    u = f"{who} it was {word}?"
    c.claim("vertical", wrong, turn, u, corrected=True)
    a = r.choice(["Not quite. ", "Actually no. "]) + vert_sentence(c, f["vertical"], turn + 1)
    return u, a


def premise(c: Ctx, k: str, turn: int) -> str:
    """A user's false premise (the planted defect), left uncorrected by the assistant."""
    r, f = c.rng, c.f
    my = c.my()
    if k == "laterality":
        w = wrong_side(c)
        ph = {"left": f"on {my} left", "right": f"on {my} right", "midline": "in the middle", "bilateral": "on both sides"}[w]
        t = r.choice([f"Since it's {ph}, does that change what they would do?",
                      f"ok so its {ph}. does that change anything?", f"Given that it's {ph}, what would the next step usually be?"])
        c.claim("laterality", w, turn, t)
    elif k == "position":
        w = wrong_vert(c)
        ph = {"anterior": "toward the front", "posterior": "at the back", "central": "in the middle front to back",
              "superior": "high up", "inferior": "low down"}[w]
        if w == "central" and c.p["orient"] == "LI":
            ph = "halfway up"
        t = r.choice([f"So it's {ph} - is that a harder place to operate on?", f"ok its {ph}. is that normal?",
                      f"Because it sits {ph}, would they reach it more easily?"])
        c.claim("vertical", w, turn, t)
    elif k == "size":
        cls, pct = wrong_size(c)
        if cls in ("small", "medium", "large"):
            ph = {"small": "small", "medium": "medium-sized", "large": "large"}[cls]
            t = r.choice([f"Since it's {ph}, does that mean it's more likely to be serious?", f"ok so its {ph}. what happens now?"])
            c.claim("size_class", cls, turn, t)
        else:
            t = f"So it's about {pct_str(pct)}% of the image - is that a lot?"
            c.claim("percent", round(pct, 4), turn, t)
    else:
        w = wrong_count(c)
        t = r.choice([f"Since there are {NUMW[w]} of them, would they all need treating?", f"ok so {NUMW[w]} of them. is that bad?"])
        c.claim("count", w, turn, t)
    if c.style == "brief_texter":
        t = t.lower()
    return t


def premise_answer(c: Ctx) -> str:
    """An answer to a premise question that says nothing about the premise's fact."""
    r = c.rng
    return " ".join([r.choice(["That's a fair question.", "Good question.", "I understand why you'd ask."]),
                     r.choice(["What happens next depends on the whole report, your symptoms and your history, so your doctor is the best person to decide.",
                               "That's really a question for the team looking after you; they'll weigh up the full scan, not just this slice.",
                               "The next step is usually a conversation with your doctor, who may suggest follow-up imaging or simply keeping an eye on it."]),
                     r.choice(POP[c.key])])


def opener(c: Ctx) -> str:
    r = c.rng
    return {"anxious_patient": r.choice(["I'm sorry you've been so worried - let's go through it together.",
                                         "That sounds really stressful, and it's completely understandable to want to see it.",
                                         "Of course. Let's look at it calmly, step by step."]),
            "caregiver": r.choice([f"It's kind of you to help your {c.parent} with this.", "Of course, happy to help you both.",
                                   f"Thanks for being there for your {c.parent}."]),
            "brief_texter": r.choice(["Sure.", "Here you go.", "Yep."]),
            "health_literate": r.choice(["Sure.", "Happy to.", "Of course."])}[c.style]


def naming(c: Ctx) -> str:
    r = c.rng
    nm = r.choice(NAMES[c.key][0])
    if c.style == "caregiver":
        nm = nm.replace("your ", f"{c.pro} ")
    if c.key in ("meniscus", "cuff"):
        js = c.p["joint_side"]
        joint = "knee" if c.key == "meniscus" else "shoulder"
        y = "your" if c.style != "caregiver" else c.pro
        nm = f"{nm} of {y} {js} {joint}"
    v = "are" if c.plural else "is"
    t = r.choice([f"The highlighted {'areas' if c.plural else 'area'} {v} {nm} [SEG].", f"I've outlined {nm} [SEG].", f"Here {v} {nm} [SEG].",
                     f"What you're describing {v} {nm}, outlined here [SEG]."])
    if c.key in ("meniscus", "cuff"):
        c.claim("laterality", c.p["joint_side"], 1, t)
    if c.key == "rkidney":
        c.claim("laterality", "right", 1, t)
    return t


def traps(c: Ctx, n: int) -> list[str]:
    r = c.rng
    pool = [r.choice(POP[c.key]), r.choice(OTHER_TRAPS[c.key]), HYPO[c.key], r.choice(CONVENTION), r.choice(WHERE_PAIN),
            r.choice(EARLIER)]
    r.shuffle(pool)
    return pool[:n]


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    c = Ctx(p, facts, style, rng, defect)
    allk = ["laterality", "vertical", "relation", "size", "count"]
    if not facts["relations"]:
        allk.remove("relation")
    where = None
    if defect and defect != "names_target":
        x = rng.random()
        where = "user" if x < 0.2 else "follow" if x < 0.4 else "first"
    # which fact kind carries the plant
    plant_k = None
    if where:
        cand = [k for k in allk if kind_of(k) == defect]
        plant_k = rng.choice(cand)
    # kinds stated in the first answer
    first_k = rng.sample(allk, rng.randint(2, 3))
    if defect and defect != "names_target":
        first_k = [k for k in first_k if kind_of(k) != defect]
        if where == "first":
            first_k.insert(rng.randint(0, len(first_k)), plant_k)
    turns = []
    u1 = first_question(c, defect == "names_target")
    turns.append({"role": "user", "content": u1})
    sents = [opener(c), naming(c), WHY[c.key]]
    fs = fact_sentences(c, first_k, 1, plant_k if where == "first" else None)
    tr = traps(c, 2 if style != "brief_texter" else 1)
    sents += fs[:1] + tr[:1] + fs[1:] + tr[1:]
    if "laterality" in first_k and len(p["ells"]) > 1 and defect != "laterality" and rng.random() < 0.6:
        ps = part_sentence(c, 1)
        if ps:
            sents.append(ps)
    if style in ("anxious_patient", "caregiver"):
        sents.append(rng.choice(CLOSERS))
    turns.append({"role": "assistant", "content": " ".join(sents)})

    # round 2
    free = [k for k in allk if not (defect and kind_of(k) == defect)]
    mis_kinds = [k for k in ("laterality", "size", "count", "vertical") if not (defect and kind_of(k) == defect)]
    if where == "user":
        u2 = premise(c, defect, 2)
        a2 = premise_answer(c)
    elif where == "follow":
        u2 = follow_question(c, plant_k)
        a2 = " ".join(fact_sentences(c, [plant_k], 3, plant_k) + [rng.choice(traps(c, 2))])
    elif rng.random() < 0.35 and mis_kinds:
        mk = rng.choice(mis_kinds)
        u2, a2 = misconception(c, mk, 2)
        a2 = a2 + " " + rng.choice([rng.choice(CONVENTION), rng.choice(WHERE_PAIN), rng.choice(POP[c.key])])
    else:
        k2 = rng.choice(free)
        u2 = follow_question(c, k2)
        a2 = " ".join(fact_sentences(c, [k2], 3, None) + traps(c, 1))
    if style == "brief_texter":
        u2 = u2.lower()
    turns += [{"role": "user", "content": u2}, {"role": "assistant", "content": a2}]

    # round 3 (half the rows): a summary of true facts, or a worry question
    if rng.random() < 0.5:
        if rng.random() < 0.5:
            u3 = {"anxious_patient": "Could you sum it all up for me in plain words? I want to write it down before my appointment.",
                  "caregiver": f"Can you give me a short summary I can read out to my {c.parent}?",
                  "brief_texter": "tldr?", "health_literate": "Could you summarise the findings on this slice?"}[style]
            ks = rng.sample(free, min(len(free), rng.randint(2, 3)))
            a3 = " ".join([rng.choice(["In short:", "Summary:", "Here's the short version."]),
                           cap(NAMES[c.key][1]) + (" are outlined." if c.plural else " is outlined.")]
                          + fact_sentences(c, ks, 5, None) + [rng.choice(CLOSERS)])
        else:
            u3 = {"anxious_patient": "Should I be scared? Be honest with me.",
                  "caregiver": f"Is this something {c.pro_subj} needs to worry about at {c.pro} age?",
                  "brief_texter": "should i worry", "health_literate": "What would typically be the next step?"}[style]
            a3 = " ".join([rng.choice(POP[c.key]), rng.choice(["The image alone can't tell us everything.",
                                                               "Only your care team can judge this with the full report."]),
                           rng.choice(CLOSERS)])
        turns += [{"role": "user", "content": u3}, {"role": "assistant", "content": a3}]
    LEDGER.append(c.claims)
    return turns, ([defect] if defect else [])
