"""Bank EJ: syntax stress. The same mask facts said with unusual but natural English syntax.

Targets (mixed): abdomen CT (liver, spleen, left/right kidney, both kidneys, aorta, liver metastases), thorax CT
(left lung, both lungs, lung nodules, heart, esophagus, bilateral pleural effusion), brain MR (glioma, meningioma,
lateral ventricles, multiple sclerosis lesions, third ventricle, coronal hippocampi), pelvis MR (prostate,
bladder, uterus, ovaries, left ovary, rectum, uterine fibroids). Bilateral, midline and multi-piece masks make
up more than half of the profiles.

Registers (STYLES): cleft_fronted ("It is on the patient's left that the mask lies", "Behind the stomach is
where it sits"), passive_academic ("Localisation to the right hemithorax is observed", "Fragmentation into three
components is evident"), question_answer_pairs ("Which side? The left." "How large? Small, about 0.6%."),
colloquial_contractions ("yeah it's kinda off to the left, y'know, the patient's left").

Every row carries hard-but-true sentences: negations, the radiological convention, other structures' sides,
population numbers, hypotheticals, thresholds, a user's false idea that the assistant corrects (clean rows).
A defect row holds exactly one false claim (in the first answer, a follow-up answer, or ~1 in 5 as an
uncorrected premise in a user turn); other mentions of the defect's fact family are left out of that row.

Written without reading QC. Own check (/work/notes/qcej_scripts/check_ej.py, from a ledger of every claim):
rows: 420 clean: 210 defects: 210 (42 per kind), 3456 claims ledgered, 319 corrected user misconceptions,
false claim placed in first answer 102 / follow-up answer 31 / user premise 35, problems: 0.
"""

import json
import math
import random

import numpy as np

STYLES = ["cleft_fronted", "passive_academic", "question_answer_pairs", "colloquial_contractions"]

LEDGER = []  # one entry per build() call: the claims each turn makes (read by the writer's own check only)

_ABD, _CHEST, _BRAIN, _PELV = "abdominal CT", "chest CT", "brain MRI", "pelvic MRI"
_KIDNEY_F = [r"\bkidney", r"\brenal", r"nephr"]
_LUNG_F = [r"\blung", r"pulmon", r"pneum"]
_OVARY_F = [r"ovar", r"oophor", r"adnex", r"gonad"]
_VENT_F = [r"ventric"]


def _P(target, region, mod, ori, ell, others, name, forbid, clues, named, why, know, modtxt):
    return dict(target=target, body_region=region, modality=mod, orientation=ori, ellipses=ell, others=others,
                name=name, forbid=forbid, clues=clues, named=named, why=why, know=know, modtxt=modtxt)


PROFILES = [
    _P("liver", "abdomen", "CT", "LP", [(82, 115, 52, 60)],
       {"spleen": (0.76, 0.55), "aorta": (0.52, 0.60), "stomach": (0.64, 0.42)}, "the liver",
       [r"\bliver", r"hepat", r"hepar"],
       ["the organ that makes bile and stores glycogen", "the organ that clears ammonia and makes albumin"],
       ["the liver", "the hepatic parenchyma", "the liver, the whole organ"],
       ["Bile production and glycogen storage point squarely at the liver.",
        "Albumin synthesis and ammonia clearance are jobs of the liver."],
       ["The liver is the largest solid organ in the abdomen, around 1.5 kg in an adult.",
        "Riedel's lobe, a tongue-like downward extension of the right lobe, turns up in a minority of people, more often in women.",
        "The spleen, by contrast, sits in the left upper quadrant under the 9th to 11th ribs.",
        "The caudate lobe drains straight into the inferior vena cava, which is why it is often spared in Budd-Chiari syndrome."],
       _ABD),
    _P("spleen", "abdomen", "CT", "LP", [(192, 150, 22, 34)],
       {"liver": (0.32, 0.45), "left kidney": (0.68, 0.66), "stomach": (0.62, 0.40)}, "the spleen",
       [r"spleen", r"splen", r"\blien"],
       ["the organ that culls old red cells and swells in glandular fever",
        "the organ most at risk when a footballer breaks his lower ribs on the side of the stomach"],
       ["the spleen", "the splenic parenchyma"],
       ["Culling old red cells and enlarging in infectious mononucleosis are classic spleen behaviour."],
       ["Accessory spleens (splenules) are found in roughly 10-30% of people, usually near the hilum.",
        "In adults a normal spleen is usually under about 12-13 cm long.",
        "The liver fills most of the right upper quadrant.",
        "Splenomegaly is common in portal hypertension and in blood disorders."],
       _ABD),
    _P("left kidney", "abdomen", "CT", "LP", [(178, 162, 16, 24)],
       {"aorta": (0.52, 0.60), "spleen": (0.76, 0.55), "liver": (0.32, 0.45)}, "the left kidney",
       _KIDNEY_F,
       ["the urine-making organ, just the one of the pair that sits next to the spleen",
        "the organ that filters blood into urine (only the one nearer the spleen, please)"],
       ["the left kidney", "the left renal parenchyma"],
       ["Filtering blood into urine is what a kidney does, and the one beside the spleen is the left one."],
       ["The left kidney usually sits a little higher than the right, which the liver pushes down.",
        "The left renal vein is longer than the right and crosses in front of the aorta.",
        "Roughly 1 in 500 people has a horseshoe kidney, fused across the midline at the lower poles."],
       _ABD),
    _P("right kidney", "abdomen", "CT", "LP", [(80, 165, 16, 24)],
       {"liver": (0.32, 0.45), "inferior vena cava": (0.44, 0.58)}, "the right kidney",
       _KIDNEY_F,
       ["the urine-making organ, just the one of the pair next to the liver",
        "the organ that filters blood (only the one beside the liver)"],
       ["the right kidney", "the right renal parenchyma"],
       ["Filtering blood is the kidney's job, and the one beside the liver is the right one."],
       ["The right kidney typically lies a little lower than the left because the liver sits above it.",
        "The right renal artery passes behind the inferior vena cava.",
        "Simple cysts are common: they are found in over a quarter of people past 50."],
       _ABD),
    _P("kidneys", "abdomen", "CT", "LP", [(80, 165, 16, 24), (178, 162, 16, 24)],
       {"aorta": (0.51, 0.55), "pancreas": (0.50, 0.47)}, "the kidneys",
       _KIDNEY_F,
       ["the paired organs that filter blood and make urine",
        "the bean-shaped organs that make urine, both of them"],
       ["both kidneys", "the kidneys", "the renal parenchyma on each side"],
       ["Paired organs that filter blood into urine are the kidneys."],
       ["Each adult kidney is roughly 10-12 cm long.",
        "The left kidney usually sits a little higher than the right.",
        "A horseshoe kidney, fused across the midline at the lower poles, occurs in roughly 1 in 500 people."],
       _ABD),
    _P("aorta", "abdomen", "CT", "LP", [(131, 152, 9, 9)],
       {"inferior vena cava": (0.43, 0.58), "pancreas": (0.52, 0.47), "vertebral body": (0.50, 0.70)},
       "the aorta",
       [r"aort"],
       ["the largest artery, the one carrying blood from the heart to the body",
        "the vessel that balloons in a triple-A"],
       ["the aorta", "the abdominal aorta"],
       ["The largest artery leaving the heart is the aorta; at this level it is the abdominal aorta."],
       ["The abdominal aorta normally measures under about 3 cm across; wider than that is called aneurysmal.",
        "The inferior vena cava, its venous partner, carries blood back up to the right atrium.",
        "Screening finds an abdominal aortic aneurysm in a few percent of men over 65."],
       _ABD),
    _P("liver metastases", "abdomen", "CT", "LP", [(70, 100, 9, 8), (95, 132, 7, 7), (60, 142, 6, 6)],
       {"spleen": (0.76, 0.55), "aorta": (0.52, 0.60)}, "liver metastases",
       [r"\bliver", r"hepat", r"metasta", r"secondar", r"deposit", r"lesion"],
       ["what explains a rising CEA two years after colon cancer surgery",
        "whatever in the upper abdomen explains this patient's weight loss after a resected colon cancer"],
       ["the liver metastases", "the hepatic metastases", "the liver secondaries"],
       ["A rising CEA after colon cancer most often means spread, and the commonest place for it is the liver."],
       ["Colorectal cancer spreads to the liver first in most cases, because the portal vein drains the bowel to it.",
        "Around half of patients with colorectal cancer develop liver metastases at some point.",
        "The spleen, on the patient's left, is rarely a site of metastasis."],
       _ABD),
    _P("left lung", "thorax", "CT", "LP", [(185, 125, 42, 62)],
       {"heart": (0.56, 0.42), "descending aorta": (0.56, 0.64)}, "the left lung",
       _LUNG_F,
       ["the organ of gas exchange that has only two lobes", "the two-lobed organ of breathing"],
       ["the left lung", "the left pulmonary parenchyma"],
       ["Gas exchange with only two lobes: that's the left lung."],
       ["The left lung has two lobes, the right three.",
        "The left lung is a bit smaller than the right because the heart bulges toward the left.",
        "The right main bronchus is shorter and more vertical, so aspirated material more often ends up on the right."],
       _CHEST),
    _P("lungs", "thorax", "CT", "LP", [(72, 125, 42, 62), (185, 125, 42, 62)],
       {"heart": (0.52, 0.40), "vertebral body": (0.50, 0.72)}, "the lungs",
       _LUNG_F,
       ["the paired spongy organs that swap oxygen for carbon dioxide", "the organs of gas exchange, both of them"],
       ["both lungs", "the lungs", "the pulmonary parenchyma"],
       ["Paired spongy organs that exchange oxygen and carbon dioxide are the lungs."],
       ["Together the lungs hold about 6 litres of air at full inspiration in an adult.",
        "The right lung is slightly larger than the left, with three lobes against two.",
        "The heart sits in the middle mediastinum, a little to the left of the midline."],
       _CHEST),
    _P("lung nodules", "thorax", "CT", "LP", [(70, 100, 5, 5), (90, 150, 4, 4), (190, 120, 6, 5)],
       {"heart": (0.55, 0.40), "vertebral body": (0.50, 0.72)}, "lung nodules",
       [r"\blung", r"pulmon", r"nodul", r"opacit", r"lesion"],
       ["the small round things on this heavy smoker's screening scan that need follow-up",
        "whatever on this screening scan of a 62-year-old ex-smoker needs a follow-up plan"],
       ["the lung nodules", "the pulmonary nodules"],
       ["Small round findings on a smoker's screening scan that need a follow-up plan are lung nodules."],
       ["In screening programmes a quarter or more of smokers have at least one nodule, and the vast majority are benign.",
        "Nodules under 6 mm in a low-risk patient usually need no routine follow-up under the Fleischner guidelines.",
        "The right upper lobe is the commonest site of primary lung cancer."],
       _CHEST),
    _P("heart", "thorax", "CT", "LP", [(150, 100, 40, 34)],
       {"descending aorta": (0.56, 0.64), "esophagus": (0.52, 0.60), "vertebral body": (0.50, 0.72)},
       "the heart",
       [r"heart", r"cardi", r"myocard"],
       ["the muscular organ that pumps blood around the body", "the four-chambered pump"],
       ["the heart", "the cardiac silhouette"],
       ["A four-chambered muscular pump is the heart."],
       ["An adult heart weighs roughly 250-350 g.",
        "The right ventricle is the most anterior chamber, sitting just behind the sternum.",
        "The left atrium is the most posterior chamber, right up against the esophagus."],
       _CHEST),
    _P("esophagus", "thorax", "CT", "LP", [(129, 158, 7, 6)],
       {"descending aorta": (0.57, 0.62), "heart": (0.58, 0.39), "vertebral body": (0.50, 0.72)},
       "the esophagus",
       [r"esophag", r"oesophag", r"gullet"],
       ["the muscular tube that carries swallowed food down to the stomach",
        "the tube a barium swallow outlines"],
       ["the esophagus", "the oesophagus", "the gullet"],
       ["The muscular tube carrying swallowed food to the stomach is the esophagus."],
       ["Barrett's oesophagus develops in a minority of people with long-standing reflux.",
        "It is about 25 cm long in adults.",
        "A big left atrium can push it backward, something once looked for on barium swallow."],
       _CHEST),
    _P("pleural effusion", "thorax", "CT", "LP", [(60, 185, 28, 14), (196, 185, 28, 14)],
       {"heart": (0.52, 0.40), "sternum": (0.50, 0.20)}, "pleural effusions",
       [r"pleura", r"effusion", r"fluid", r"hydrothorax"],
       ["what's causing dullness to percussion at the bases in this breathless man with heart failure",
        "the cause of the blunted costophrenic angles on his admission film"],
       ["the pleural effusions", "the pleural fluid"],
       ["Dullness at the bases in a patient with heart failure fits pleural effusions."],
       ["When a heart-failure effusion is one-sided, it is more often on the right.",
        "Small effusions are common after upper abdominal surgery.",
        "Roughly 200 ml is needed before fluid blunts the costophrenic angle on an upright frontal film."],
       _CHEST),
    _P("glioma", "brain", "MR", "LP", [(85, 100, 20, 17)],
       {"lateral ventricles": (0.50, 0.48)}, "a glioma",
       [r"glio", r"glial", r"tumo", r"neoplas", r"astrocyt", r"cancer"],
       ["the cause of this 45-year-old's new seizures and morning headaches",
        "what explains the new focal seizures in this man"],
       ["the glioma", "the brain tumour", "the glial tumor"],
       ["New seizures in an adult, with an intra-axial mass, point to a glioma."],
       ["Gliomas account for roughly 80% of malignant primary brain tumours.",
        "The corticospinal tracts cross in the medulla, so a right hemisphere lesion tends to weaken the left side of the body.",
        "Frontal lobe tumours can present with personality change rather than weakness."],
       _BRAIN),
    _P("meningioma", "brain", "MR", "LP", [(175, 80, 14, 12)],
       {"lateral ventricles": (0.50, 0.48)}, "a meningioma",
       [r"mening", r"tumo", r"neoplas"],
       ["the dural-based, extra-axial thing that explains her slowly worsening headaches",
        "the slow-growing extra-axial mass with a dural tail here"],
       ["the meningioma", "the meningeal tumour"],
       ["An extra-axial, dural-based mass in a middle-aged woman is most likely a meningioma."],
       ["Meningiomas make up over a third of primary brain and CNS tumours and are more common in women.",
        "Most are benign, WHO grade 1.",
        "Being extra-axial, they sit outside the brain tissue, often with a dural tail."],
       _BRAIN),
    _P("lateral ventricles", "brain", "MR", "LP", [(106, 120, 9, 26), (150, 120, 9, 26)],
       {"pineal gland": (0.50, 0.62)}, "the lateral ventricles",
       _VENT_F,
       ["the paired CSF-filled cavities that enlarge in hydrocephalus",
        "the CSF spaces made by the choroid plexus, the big paired ones"],
       ["the lateral ventricles", "the ventricular system's lateral horns"],
       ["Paired CSF-filled cavities that balloon in hydrocephalus are the lateral ventricles."],
       ["Mild asymmetry of the lateral ventricles is common in normal people and usually means nothing.",
        "CSF drains from them through the foramina of Monro into the third ventricle, which sits in the midline.",
        "Adults have roughly 150 ml of CSF in total, only a fraction of it inside the ventricles."],
       _BRAIN),
    _P("multiple sclerosis lesions", "brain", "MR", "LP",
       [(96, 105, 5, 4), (160, 110, 4, 4), (100, 150, 4, 5), (158, 145, 5, 5)],
       {"pineal gland": (0.50, 0.62)}, "multiple sclerosis lesions",
       [r"sclerosis", r"\bms\b", r"lesion", r"plaque", r"demyelin"],
       ["what explains this young woman's optic neuritis and earlier episode of leg numbness",
        "the cause of her relapsing tingling and blurred vision"],
       ["the MS lesions", "the multiple sclerosis plaques", "the demyelinating lesions"],
       ["Optic neuritis plus an earlier episode elsewhere in a young woman suggests multiple sclerosis, and these are its lesions."],
       ["MS is about two to three times more common in women than in men.",
        "Periventricular lesions lying perpendicular to the ventricles, Dawson's fingers, are a classic pattern.",
        "The McDonald criteria ask for dissemination in space and in time."],
       _BRAIN),
    _P("third ventricle", "brain", "MR", "LP", [(128, 135, 3, 12)],
       {"lateral ventricles": (0.50, 0.44)}, "the third ventricle",
       [r"third ventricle", r"ventric", r"\b3rd\b"],
       ["the slit-like CSF space between the two thalami", "the narrow CSF cavity the massa intermedia crosses"],
       ["the third ventricle", "the 3rd ventricle"],
       ["A slit-like CSF space between the thalami is the third ventricle."],
       ["The interthalamic adhesion that crosses it is absent in roughly a fifth to a quarter of people.",
        "CSF leaves it through the cerebral aqueduct toward the fourth ventricle.",
        "Its floor is formed partly by the hypothalamus."],
       _BRAIN),
    _P("hippocampi", "brain", "MR", "LI", [(92, 165, 10, 7), (164, 165, 10, 7)],
       {"lateral ventricles": (0.50, 0.45), "corpus callosum": (0.50, 0.38)}, "the hippocampi",
       [r"hippocamp", r"ammon", r"mesial temporal"],
       ["the paired memory structures that shrink early in Alzheimer disease",
        "the structures that sclerose in the commonest form of temporal lobe epilepsy"],
       ["the hippocampi", "both hippocampal formations"],
       ["Paired memory structures that shrink early in Alzheimer disease are the hippocampi."],
       ["The left hippocampus leans toward verbal memory, the right toward spatial memory.",
        "Hippocampal sclerosis is the commonest finding in adults operated on for temporal lobe epilepsy.",
        "On a coronal image, too, the patient's left is shown on the image's right, as if facing the patient."],
       "coronal brain MRI"),
    _P("prostate", "pelvis", "MR", "LP", [(128, 136, 20, 16)],
       {"rectum": (0.50, 0.68), "pubic symphysis": (0.50, 0.30)}, "the prostate",
       [r"prostat"],
       ["the gland that enlarges in older men and gives a weak urinary stream",
        "the gland a PSA test is about"],
       ["the prostate", "the prostate gland", "the prostatic tissue"],
       ["A gland that enlarges with age and weakens the urinary stream is the prostate."],
       ["Benign hyperplasia affects about half of men by 60.",
        "Most cancers arise in the peripheral zone, the part felt on rectal examination, which lies posteriorly.",
        "PSA is made by its epithelial cells, which is why it rises with both cancer and benign enlargement."],
       _PELV),
    _P("bladder", "pelvis", "MR", "LP", [(128, 95, 32, 26)],
       {"rectum": (0.50, 0.70)}, "the bladder",
       [r"bladder", r"vesic", r"\bcyst"],
       ["the organ that stores urine", "the hollow organ a catheter drains"],
       ["the bladder", "the urinary bladder"],
       ["The hollow organ that stores urine is the bladder."],
       ["An adult bladder usually holds about 400-600 ml before the urge gets strong.",
        "The ureters enter it from behind, at the trigone.",
        "Bladder cancer is about three to four times more common in men than in women."],
       _PELV),
    _P("uterus", "pelvis", "MR", "LP", [(130, 128, 30, 24)],
       {"bladder": (0.50, 0.36), "rectum": (0.50, 0.70)}, "the uterus",
       [r"\buter", r"womb", r"hyster", r"endometri", r"myometri"],
       ["the organ where a pregnancy implants", "the muscular organ that contracts in labour"],
       ["the uterus", "the womb", "the uterine body"],
       ["The organ where a pregnancy implants is the uterus."],
       ["The uterus is anteverted in roughly 80% of women.",
        "The endometrium thickens and thins with the menstrual cycle.",
        "Congenital anomalies such as a bicornuate shape are found in a few percent of women."],
       _PELV),
    _P("ovaries", "pelvis", "MR", "LP", [(78, 130, 11, 8), (178, 130, 11, 8)],
       {"bladder": (0.50, 0.36)}, "the ovaries",
       _OVARY_F,
       ["the paired organs that release eggs", "the paired glands that make oestrogen before menopause"],
       ["both ovaries", "the ovaries"],
       ["Paired organs that release eggs are the ovaries."],
       ["Each ovary measures roughly 3 x 2 x 1 cm in a woman of reproductive age.",
        "The right ovarian vein drains into the inferior vena cava, the left into the left renal vein.",
        "Polycystic ovary syndrome affects something like 6-13% of women of reproductive age."],
       _PELV),
    _P("left ovary", "pelvis", "MR", "LP", [(178, 130, 11, 8)],
       {"bladder": (0.50, 0.36), "uterus": (0.51, 0.50)}, "the left ovary",
       _OVARY_F,
       ["the egg-releasing organ, only the one on the far side from the appendix",
        "the egg-making organ, just the one whose vein drains into a renal vein"],
       ["the left ovary", "the left adnexa"],
       ["An egg-releasing organ on the side away from the appendix is the left ovary."],
       ["The right ovarian vein drains into the inferior vena cava, the left into the left renal vein.",
        "Each ovary measures roughly 3 x 2 x 1 cm in a woman of reproductive age.",
        "Torsion is more common on the right, possibly because the sigmoid colon on the left limits movement."],
       _PELV),
    _P("rectum", "pelvis", "MR", "LP", [(128, 178, 13, 12)],
       {"prostate": (0.50, 0.53)}, "the rectum",
       [r"\brect", r"anorect", r"proct"],
       ["the last part of the bowel before the anal canal", "the bowel segment a digital examination reaches"],
       ["the rectum", "the rectal wall and lumen"],
       ["The last part of the bowel before the anal canal is the rectum."],
       ["The rectum is about 12-15 cm long.",
        "Colorectal cancer risk rises steeply after 50.",
        "Haemorrhoids arise from the anal cushions just below it."],
       _PELV),
    _P("uterine fibroids", "pelvis", "MR", "LP", [(120, 110, 14, 12), (138, 148, 10, 9)],
       {"bladder": (0.50, 0.33), "rectum": (0.50, 0.72)}, "uterine fibroids",
       [r"fibroid", r"leiomyom", r"myoma", r"\buter"],
       ["what explains her heavy periods and pelvic pressure", "the cause of her menorrhagia"],
       ["the uterine fibroids", "the leiomyomas", "the fibroids"],
       ["Heavy periods with pelvic pressure and well-defined T2-dark masses fit uterine fibroids."],
       ["Fibroids are found in up to 70-80% of women by age 50.",
        "They can be submucosal, intramural or subserosal.",
        "Most shrink after menopause."],
       _PELV),
]


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    m = np.zeros((256, 256), bool)
    s = rng.uniform(0.975, 1.025)
    for cx, cy, rx, ry in p["ellipses"]:
        cx, cy = cx + rng.uniform(-1.5, 1.5), cy + rng.uniform(-1.5, 1.5)
        m |= ((xx - cx) / (rx * s)) ** 2 + ((yy - cy) / (ry * s)) ** 2 <= 1.0
    others = {k: (float(v[0]), float(v[1])) for k, v in p["others"].items()}
    return compute_facts(m, p["orientation"], others).model_dump(mode="json")


def record_for(p):
    return {"modality": p["modality"], "body_region": p["body_region"], "orientation": p["orientation"]}


# ---------------------------------------------------------------------------------------------------------
# phrasing

FAMILY = {"laterality": ("side", "side_not"), "position": ("vert", "vert_not", "rel"),
          "size": ("cls", "cls_not", "pct"), "count": ("count", "count_not")}
KIND_FAMILY = {k: fam for fam, ks in FAMILY.items() for k in ks}
NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
IMG = {"left": "right", "right": "left"}
OPP = {"left": "right", "right": "left"}


def cap(s):
    return s[:1].upper() + s[1:]


def pct_str(x, rng, allow_words=True):
    if x >= 1.0 and allow_words and rng.random() < 0.3 and abs(round(x) - x) / x < 0.12:
        return NUM.get(int(round(x)), str(int(round(x)))) + " percent"
    s = f"{x:.1f}" if x >= 1.0 else f"{x:.2f}"
    return s + rng.choice(["%", "%", " percent"])


def cls_word(c, pct, rng, coll=False):
    if c == "small":
        opts = ["small", "little"] + (["tiny"] if pct < 0.5 else [])
    elif c == "medium":
        opts = ["medium-sized", "medium", "mid-sized", "moderate-sized"]
    else:
        opts = ["large", "big", "sizeable"]
    if coll:
        opts = {"small": ["pretty small", "smallish", "small"], "medium": ["medium-ish", "medium-sized", "mid-sized"],
                "large": ["pretty big", "big", "large"]}[c]
    return rng.choice(opts)


def art(w):
    return ("an " if w[:1] in "aeiou" else "a ") + w


def vwords(v):
    return {"anterior": ("anterior", "toward the front", "front"), "posterior": ("posterior", "toward the back", "back"),
            "superior": ("superior", "high in the slice", "high"), "inferior": ("inferior", "low in the slice", "low"),
            "central": ("central", "in the middle", "middle")}[v]


def axis_pair(ori):
    return ("anterior", "posterior") if ori == "LP" else ("superior", "inferior")


def rel_phrase(rel, o, rng):
    the = "the " + o
    return rng.choice({
        "left_of": [f"to the patient's left of {the}", f"on the patient's left relative to {the}", f"left of {the}, in patient terms"],
        "right_of": [f"to the patient's right of {the}", f"on the patient's right relative to {the}", f"right of {the}, in patient terms"],
        "anterior_to": [f"in front of {the}", f"anterior to {the}", f"ventral to {the}"],
        "posterior_to": [f"behind {the}", f"posterior to {the}", f"dorsal to {the}"],
        "superior_to": [f"above {the}", f"superior to {the}", f"higher than {the}"],
        "inferior_to": [f"below {the}", f"inferior to {the}", f"lower than {the}"]}[rel])


def rel_short(rel, rng, pl=False):
    it, its = ("them", "their") if pl else ("it", "its")
    return rng.choice({"left_of": [f"To {its} left, the patient's left.", f"On the patient's left of {it}."],
                       "right_of": [f"To {its} right, the patient's right.", f"On the patient's right of {it}."],
                       "anterior_to": [f"In front of {it}.", f"Anterior to {it}."],
                       "posterior_to": [f"Behind {it}.", f"Posterior to {it}."],
                       "superior_to": [f"Above {it}.", f"Superior to {it}."],
                       "inferior_to": [f"Below {it}.", f"Inferior to {it}."]}[rel])


SUBJ = ["the mask", "the segmented region", "the segmentation", "the outlined area"]


def side_text(st, v, rng):
    s = rng.choice(SUBJ)
    if v in ("left", "right"):
        i = IMG[v]
        opts = {
            "cleft_fronted": [f"It is on the patient's {v} that {s} lies.", f"{cap(v)}-sided it is, the patient's {v}.",
                              f"On the patient's {v} is where {s} sits.",
                              f"What it is, laterally, is {v}-sided: the patient's {v}, shown on the image's {i}.",
                              f"The patient's {v} side, that's where it lies.", f"Where it sits is the patient's {v} side."],
            "passive_academic": [f"Localisation to the patient's {v} side is observed.", f"A {v}-sided location is noted.",
                                 f"Lateralisation to the {v} is evident, the image's {i} side corresponding to the patient's {v} under radiological convention.",
                                 f"Its position is determined to be on the patient's {v}.",
                                 f"Involvement is confined to the {v} side."],
            "question_answer_pairs": [f"Which side? The {v}, the patient's {v}.", f"Left or right? {cap(v)}, in patient terms.",
                                      f"Is it lateralised? Yes, to the patient's {v}.",
                                      f"Which side is it on? The patient's {v}, which is the image's {i}."],
            "colloquial_contractions": [f"yeah it's kinda off to the {v}, y'know, the patient's {v}.",
                                        f"it's on the {v}, the patient's {v} I mean, not the screen's.",
                                        f"so it's sitting on the patient's {v} side, pretty much.",
                                        f"{v} side. patient's {v}, I mean.", f"it's over on the {v}, like, the patient's {v}."]}
    elif v == "midline":
        opts = {
            "cleft_fronted": [f"It is in the midline that {s} sits, neither left nor right of centre.", "Midline it is.",
                              "Straddling the midline is how it lies.", "What it does is sit squarely on the midline."],
            "passive_academic": ["A midline position is noted, with no lateralisation to either side.",
                                 "Localisation to the midline is observed.",
                                 "The region is centred on the midline; no lateral predominance is demonstrated."],
            "question_answer_pairs": ["Which side? Neither; it sits on the midline.", "Left or right? Neither, midline.",
                                      "Is it lateralised? No, it's midline."],
            "colloquial_contractions": ["it's, like, dead centre, right on the midline.",
                                        "it's smack in the middle, midline, not really left or right.",
                                        "it sits pretty much on the midline, y'know."]}
    else:
        opts = {
            "cleft_fronted": ["It is on both sides, the patient's left and right alike, that the mask is found.",
                              "Bilateral it is.", "On both sides of the midline is where it lies.",
                              "What we have is a bilateral distribution: left and right both."],
            "passive_academic": ["A bilateral distribution is noted.",
                                 "Involvement of both the left and the right side is demonstrated.",
                                 "Distribution across both sides of the midline is observed."],
            "question_answer_pairs": ["Which side? Both.", "Left or right? Both, in fact: it's bilateral.",
                                      "Is it one-sided? No, bilateral, left and right."],
            "colloquial_contractions": ["it's on both sides, left and right, yeah.",
                                        "side-wise it's kinda everywhere, both left and right.", "both sides, y'know, bilateral."]}
    return rng.choice(opts[st]), [("side", v)]


def vert_text(st, v, ori, rng):
    w, toward, short = vwords(v)
    if v == "central":
        axis = "front to back" if ori == "LP" else "top to bottom"
        ax2 = "anteroposterior" if ori == "LP" else "craniocaudal"
        a, b = ("the front", "the back") if ori == "LP" else ("high", "low")
        opts = {"cleft_fronted": [f"It is neither toward {a} nor toward {b} but centrally that it lies, {axis}." if ori == "LP"
                                  else f"Neither high nor low: centrally is how it sits, {axis}.",
                                  f"Central is what it is, {axis}."],
                "passive_academic": [f"A central position along the {ax2} axis is noted.",
                                     f"No {ax2} displacement from the centre of the slice is observed; the position is central."],
                "question_answer_pairs": [f"{'Front or back' if ori == 'LP' else 'High or low'}? Neither really; it's central.",
                                          f"Where {axis}? Central."],
                "colloquial_contractions": [f"it's kinda in the middle {axis}, central.", f"{axis}? pretty central, honestly."]}
    else:
        opts = {"cleft_fronted": [f"It is {toward}, {w}ly, that it sits." if v in ("anterior", "posterior") else f"It is {toward}, {w}ly, that it sits.",
                                  f"{cap(w)} is where it lies.", f"{cap(w)} it is, {toward}.",
                                  f"{cap(toward)} is where you'll find it."],
                "passive_academic": [f"{cap(art(w))} position is observed.", f"{cap(art(w))} location is demonstrated.",
                                     f"A position {toward} ({w}) is noted."],
                "question_answer_pairs": [f"{'Front or back' if ori == 'LP' else 'High or low'}? {cap(short)}, {w}.",
                                          f"{cap(axis_pair(ori)[0])} or {axis_pair(ori)[1]}? {cap(w)}."],
                "colloquial_contractions": [f"it's sorta {toward}, {w}-ish.", f"it's {toward}, {w}, y'know.",
                                            f"{w}, basically. {toward}."]}
    return rng.choice(opts[st]), [("vert", v)]


def rel_text(st, o, rel, rng):
    ph = rel_phrase(rel, o, rng)
    opts = {"cleft_fronted": [f"It is {ph} that it sits.", f"{cap(ph)} is where it lies."],
            "passive_academic": [f"A position {ph} is observed.", f"Its location {ph} is demonstrated."],
            "question_answer_pairs": [f"And relative to the {o}? {rel_short(rel, rng, o.endswith('s'))}", f"Where is it with respect to the {o}? {cap(ph)}."],
            "colloquial_contractions": [f"it's kinda tucked {ph}.", f"it sits {ph}, y'know."]}
    return rng.choice(opts[st]), [("rel", (o, rel))]


def size_text(st, c, pct, mode, rng):
    cl = cls_word(c, 1.0 if pct is None else pct, rng, st == "colloquial_contractions") if c else None
    ps = pct_str(pct, rng) if pct is not None else None
    if mode == "both":
        opts = {"cleft_fronted": [f"{cap(cl)} is what it is: about {ps} of the image.",
                                  f"It is {art(cl)} region, some {ps} of the slice, that the mask covers.",
                                  f"About {ps} of the image is what it takes up, which makes it {cl}."],
                "passive_academic": [f"An area fraction of approximately {ps} is measured, consistent with {art(cl)} region.",
                                     f"{cap(art(cl))} extent is recorded, at roughly {ps} of the image."],
                "question_answer_pairs": [f"How large? {cap(cl)}, about {ps}.", f"How big is it? {cap(cl)}, roughly {ps} of the image."],
                "colloquial_contractions": [f"it's {cl}, like {ps} of the picture.", f"size-wise it's {cl}, y'know, {ps} or so."]}
        claims = [("cls", c), ("pct", pct)]
    elif mode == "cls":
        opts = {"cleft_fronted": [f"{cap(cl)} is what it is.", f"What it is, size-wise, is {cl}."],
                "passive_academic": [f"{cap(art(cl))} extent is recorded.", f"The region is classified as {cl}."],
                "question_answer_pairs": [f"How large? {cap(cl)}.", f"Size? {cap(cl)}."],
                "colloquial_contractions": [f"it's {cl}, tbh.", f"it's {art(cl)} one."]}
        claims = [("cls", c)]
    else:
        opts = {"cleft_fronted": [f"About {ps} of the image is what it covers.", f"It is roughly {ps} of the image that the mask occupies."],
                "passive_academic": [f"An area fraction of approximately {ps} is measured.", f"Coverage of about {ps} of the image is observed."],
                "question_answer_pairs": [f"How much of the image? About {ps}.", f"Area? Roughly {ps} of the frame."],
                "colloquial_contractions": [f"it's like {ps} of the picture.", f"takes up {ps} or so of the image."]}
        claims = [("pct", pct)]
    return rng.choice(opts[st]), claims


def count_text(st, n, rng):
    if n == 1:
        opts = {"cleft_fronted": ["It is as a single, unbroken piece that it appears.", "One piece is what it is, no separate fragments.",
                                  "What you see is one continuous region."],
                "passive_academic": ["A single connected component is identified.",
                                     "No fragmentation is observed; one contiguous region is seen."],
                "question_answer_pairs": ["How many pieces? One.", "Is it in one piece? Yes, a single connected region."],
                "colloquial_contractions": ["it's all one blob.", "just the one piece, yeah."]}
    else:
        w = NUM[n]
        opts = {"cleft_fronted": [f"{cap(w)} separate pieces are what make up the mask.", f"It is in {w} parts that the mask is found.",
                                  f"What you see are {w} separate regions."],
                "passive_academic": [f"Fragmentation into {w} components is evident.", f"{cap(w)} separate connected components are identified."],
                "question_answer_pairs": [f"How many pieces? {cap(w)}.", f"How many separate regions? {cap(w)}, not touching one another."],
                "colloquial_contractions": [f"there's, like, {w} separate bits.", f"it's {w} blobs, not one."]}
    return rng.choice(opts[st]), [("count", n)]


# hard-but-true sentences -----------------------------------------------------------------------------------

def neg_side(st, lat, rng):
    if lat in ("left", "right"):
        o = OPP[lat]
        t = rng.choice({"cleft_fronted": [f"It is not on the {o} that it lies.", f"Not the {o} side, then."],
                        "passive_academic": [f"No extension to the {o} side is observed."],
                        "question_answer_pairs": [f"Is it on the {o}? No."],
                        "colloquial_contractions": [f"def not on the {o}, no.", f"it's not on the {o}, nope."]}[st])
        return t, [("side_not", o)]
    if lat == "midline":
        t = rng.choice({"cleft_fronted": ["It is not to one side or the other that it leans."],
                        "passive_academic": ["No lateralisation to either side is observed."],
                        "question_answer_pairs": ["Does it lean left or right? No."],
                        "colloquial_contractions": ["it doesn't really lean left or right."]}[st])
        return t, [("side_not", "left"), ("side_not", "right")]
    t = rng.choice({"cleft_fronted": ["It is not to one side only that it is confined."],
                    "passive_academic": ["Confinement to a single side is not observed."],
                    "question_answer_pairs": ["Is it just one side? No."],
                    "colloquial_contractions": ["it's not just one side, nope."]}[st])
    return t, [("side_not", "one-sided")]


def convention(st, lat, rng):
    if lat in ("left", "right"):
        i = IMG[lat]
        t = rng.choice({
            "cleft_fronted": [f"It is on the image's {i} that you see it, and since the patient's left is displayed on the image's right, it is the patient's {lat} that it occupies."],
            "passive_academic": [f"By radiological convention the patient's left is displayed on the image's right; placement on the image's {i} therefore corresponds to the patient's {lat}."],
            "question_answer_pairs": [f"Why {lat} when it's on the image's {i}? Because the image is displayed as if facing the patient, so the image's {i} is the patient's {lat}."],
            "colloquial_contractions": [f"remember the screen's flipped, image right is patient left, so it being on the image's {i} means it's the patient's {lat}."]}[st])
        return t, [("side", lat)]
    if lat == "midline":
        t = rng.choice({
            "cleft_fronted": ["It is the usual convention that applies, patient's left on the image's right, though for something on the midline that hardly matters."],
            "passive_academic": ["The radiological convention (patient's left on the image's right) is of little consequence here, the region being midline."],
            "question_answer_pairs": ["Does the left-right flip of the display matter? Not here: it's a midline structure."],
            "colloquial_contractions": ["the whole screen-is-flipped thing doesn't matter much here, it's midline anyway."]}[st])
        return t, [("side", "midline")]
    t = rng.choice({
        "cleft_fronted": ["It is in both halves of the image that the mask shows, so whatever the left-right flip of the display, both of the patient's sides are involved."],
        "passive_academic": ["Regardless of the radiological left-right convention, both halves of the image are occupied, indicating bilateral involvement."],
        "question_answer_pairs": ["Does the display flip matter? Not for this: both halves hold part of the mask, so it's bilateral either way."],
        "colloquial_contractions": ["doesn't matter that the screen's flipped, there's mask on both halves, so it's both sides."]}[st])
    return t, [("side", "bilateral")]


def hypo_side(st, lat, rng):
    if lat in ("left", "right"):
        o = OPP[lat]
        t = rng.choice({
            "cleft_fronted": [f"Had it been on the patient's {o}, it's on the image's {lat} that you'd have seen it."],
            "passive_academic": [f"Were it located on the patient's {o}, it would be displayed on the image's {lat}."],
            "question_answer_pairs": [f"What if it were on the patient's {o}? Then it would show up on the image's {lat}; it doesn't."],
            "colloquial_contractions": [f"if it were on the patient's {o} you'd see it on the image's {lat}, which, y'know, it isn't."]}[st])
        return t, [("side_not", o)]
    if lat == "midline":
        t = rng.choice({
            "cleft_fronted": ["Had it been lateralised, it's in one half that most of it would lie; here the halves are about balanced."],
            "passive_academic": ["Were it lateralised, a predominance in one half would be expected; the halves are approximately balanced, consistent with a midline position."],
            "question_answer_pairs": ["What would a one-sided structure look like? Mostly in one half. This one? Balanced across the midline."],
            "colloquial_contractions": ["if it were one-sided most of it'd be in one half, but it's pretty even, so midline."]}[st])
        return t, [("side", "midline")]
    t = rng.choice({
        "cleft_fronted": ["Had it been confined to one side, it's only one half of the image that would hold it."],
        "passive_academic": ["Were it unilateral, only one half of the image would be occupied."],
        "question_answer_pairs": ["What would a one-sided version look like? Only one half filled. Not the case here."],
        "colloquial_contractions": ["if it were just one side you'd only see one half lit up, and that's not what's going on."]}[st])
    return t, [("side_not", "one-sided")]


def neg_vert(st, vert, ori, rng):
    cands = [v for v in axis_pair(ori) if v != vert]
    v = rng.choice(cands)
    w, toward, short = vwords(v)
    t = rng.choice({"cleft_fronted": [f"It's not {toward} that it lies.", f"{cap(w)} it isn't."],
                    "passive_academic": [f"{cap(art(w))} position is not observed."],
                    "question_answer_pairs": [f"Is it {w}? No."],
                    "colloquial_contractions": [f"it's not really {toward}.", f"not {w}, no."]}[st])
    return t, [("vert_not", v)]


def neg_count(st, n, rng):
    if n == 1:
        t = rng.choice({"cleft_fronted": ["It's not into separate pieces that it breaks."],
                        "passive_academic": ["No fragmentation into separate components is observed."],
                        "question_answer_pairs": ["Is it broken into pieces? No."],
                        "colloquial_contractions": ["it's not in bits or anything."]}[st])
        return t, [("count", 1)]
    t = rng.choice({"cleft_fronted": ["It's not one continuous region that you see."],
                    "passive_academic": ["Continuity as a single region is not observed."],
                    "question_answer_pairs": ["Is it one connected region? No."],
                    "colloquial_contractions": ["it's not one single blob, no."]}[st])
    return t, [("count_not", 1)]


def neg_size(st, c, rng):
    other = rng.choice([x for x in ("small", "medium", "large") if x != c])
    t = rng.choice({"cleft_fronted": [f"{cap(other)} it is not.", f"By no means is it {other}."],
                    "passive_academic": [f"{cap(art(other))} extent is not observed."],
                    "question_answer_pairs": [f"Is it {other}? No."],
                    "colloquial_contractions": [f"it's not {other} or anything."]}[st])
    return t, [("cls_not", other)]


def hypo_size(st, c, rng):
    if c != "large":
        t = rng.choice({"cleft_fronted": ["Had it covered 5% of the image or more, it's large that it would have been called."],
                        "passive_academic": ["Were it to exceed 5% of the image, classification as large would be warranted."],
                        "question_answer_pairs": ["When would it count as large? At 5% of the image or more, which it doesn't reach."],
                        "colloquial_contractions": ["it'd need like 5% of the image to count as big, and it's not there."]}[st])
        return t, [("cls_not", "large")]
    t = rng.choice({"cleft_fronted": ["Had it been under 1% of the image, small is what it would have been; it's far beyond that."],
                    "passive_academic": ["Were it below 1% of the image, a small classification would apply; this threshold is far exceeded."],
                    "question_answer_pairs": ["When would it count as small? Under 1% of the image, which it's well above."],
                    "colloquial_contractions": ["it'd have to be under 1% to count as small, and it's way over that."]}[st])
    return t, [("cls_not", "small")]


def thresholds(st, rng):
    return rng.choice({
        "cleft_fronted": ["It is by share of the image that size is graded here: under 1% small, 1 to 5% medium, 5% and up large."],
        "passive_academic": ["Size classes are defined by image fraction: below 1% small, 1-5% medium, 5% or more large."],
        "question_answer_pairs": ["How is size graded? By share of the image: under 1% small, 1-5% medium, 5% plus large."],
        "colloquial_contractions": ["quick note, size here's just share of the image: under 1% is small, 1 to 5 medium, 5 and up large."]}[st]), []


def know_line(st, p, rng, used=()):
    k = rng.choice([x for x in p["know"] if x not in used] or p["know"])
    lead = {"cleft_fronted": ["Worth knowing: ", "", "One thing it's useful to remember is this. "],
            "passive_academic": ["It is noted, for context, that ", "It should be noted that ", ""],
            "question_answer_pairs": ["Anything else worth knowing? ", "Relevant background? ", ""],
            "colloquial_contractions": ["oh and, fun fact, ", "btw, ", ""]}[st]
    ld = rng.choice(lead)
    if ld.endswith("that "):
        k = k[0].lower() + k[1:] if not k[:2].isupper() else k
    elif ld and st == "colloquial_contractions":
        k = k[0].lower() + k[1:] if not k[:2].isupper() else k
    if ld.endswith(": "):
        k = k[0].lower() + k[1:] if not k[:2].isupper() else k
    return ld + k, []


# user turns -------------------------------------------------------------------------------------------------

def first_question(st, p, named, rng):
    clue = rng.choice(p["named"] if named else p["clues"])
    mod = p["modtxt"]
    opts = {"cleft_fronted": [f"It's {clue} that I need outlined on this {mod}. Can you segment it?",
                              f"What I'm after, on this {mod}, is {clue}: please segment it.",
                              f"On this {mod} it is {clue} that I want found and segmented."],
            "passive_academic": [f"Segmentation of {clue} on this {mod} is requested.",
                                 f"On this {mod}, identification and segmentation of {clue} is requested.",
                                 f"Could {clue} be identified and segmented on this {mod}?"],
            "question_answer_pairs": [f"Question: where on this {mod} is {clue}? Please segment it.",
                                      f"Here's what I need: on this {mod}, find {clue}. Segment it, please.",
                                      f"Which part of this {mod} is {clue}? Please segment it and tell me about it."],
            "colloquial_contractions": [f"hey, can ya find {clue} on this {mod} and segment it?",
                                        f"so, um, {clue}, where's that on here? segment it for me?",
                                        f"ok quick one: {clue}, on this {mod}. could you segment that?"]}
    return rng.choice(opts[st])


ASK = {
    "side": {"cleft_fronted": ["Is it on the left or the right that it sits?", "Which side is it, then, that it's on?"],
             "passive_academic": ["Could the lateralisation be specified?", "Is any lateral predominance observed?"],
             "question_answer_pairs": ["Which side is it on?", "Left, right, midline or both?"],
             "colloquial_contractions": ["so which side's it on?", "left or right, or what?"]},
    "vert": {"cleft_fronted": ["And where is it that it sits, {ax}?", "Is it {a} or {b} that it lies?"],
             "passive_academic": ["Could its position along the {ax2} axis be described?"],
             "question_answer_pairs": ["{A} or {b}?", "What about {ax}?"],
             "colloquial_contractions": ["is it more {a} or {b}?", "and {ax}, where's it at?"]},
    "size": {"cleft_fronted": ["How big is it, then, that region?", "What share of the image is it that it takes up?"],
             "passive_academic": ["Could the extent be quantified?", "What area fraction is measured?"],
             "question_answer_pairs": ["How large is it?", "What percentage of the image does it cover?"],
             "colloquial_contractions": ["how big's it?", "so how much of the picture's it take up?"]},
    "count": {"cleft_fronted": ["Is it one piece or several that you've outlined?", "How many pieces is it that it's in?"],
              "passive_academic": ["Could the number of components be stated?", "Is fragmentation observed?"],
              "question_answer_pairs": ["How many separate pieces are there?", "One region or several?"],
              "colloquial_contractions": ["is it one blob or a few?", "how many bits are there?"]},
    "rel": {"cleft_fronted": ["And the {o}: where is it, relative to that?"],
            "passive_academic": ["Could its relation to the {o} be described?"],
            "question_answer_pairs": ["Where is it relative to the {o}?"],
            "colloquial_contractions": ["where's it sit compared to the {o}?"]},
    "summary": {"cleft_fronted": ["What is it, in short, that you've found?"],
                "passive_academic": ["Could a summary of the findings be provided?"],
                "question_answer_pairs": ["Can you sum it up?", "Short version?"],
                "colloquial_contractions": ["ok so tl;dr?", "gimme the short version?"]},
    "know": {"cleft_fronted": ["Anything else it is worth knowing about it?"],
             "passive_academic": ["Could relevant background be provided?"],
             "question_answer_pairs": ["Anything else worth knowing?"],
             "colloquial_contractions": ["anything else I should know?"]},
}


def ask(st, kind, ori, rng, o=None):
    a, b = ("front", "back") if ori == "LP" else ("high", "low")
    ax = "front to back" if ori == "LP" else "top to bottom"
    ax2 = "anteroposterior" if ori == "LP" else "craniocaudal"
    return rng.choice(ASK[kind][st]).format(a=a, b=b, A=cap(a), ax=ax, ax2=ax2, o=o)


def premise(kind, val, p, rng):
    """A short statement of a fact (true or false) for a user turn."""
    if kind == "side":
        return {"left": "it's on the patient's left", "right": "it's on the patient's right",
                "midline": "it's in the midline", "bilateral": "it's on both sides"}[val]
    if kind == "vert":
        return f"it's {vwords(val)[0]}"
    if kind == "rel":
        return f"it's {rel_phrase(val[1], val[0], rng)}"
    if kind == "cls":
        return f"it's {cls_word(val, 1.0 if val != 'small' else 0.8, rng)}"
    if kind == "pct":
        return f"it covers about {pct_str(val, rng, False)} of the image"
    if kind == "count":
        return "it's a single piece" if val == 1 else f"it's in {NUM[val]} separate pieces"
    raise ValueError(kind)


def with_premise(st, prem, question):
    q = question[0].lower() + question[1:] if st != "colloquial_contractions" else question
    return {"cleft_fronted": f"Seeing as {prem}, {q}",
            "passive_academic": f"Given that {prem}, {q}",
            "question_answer_pairs": f"Since {prem}: {q}",
            "colloquial_contractions": f"ok so {prem}, right? {q}"}[st]


# ---------------------------------------------------------------------------------------------------------

class _Conv:
    def __init__(self):
        self.turns = []  # [role, [(text, claims, corrected)]]

    def texts(self):
        return {s[0] for _, segs in self.turns for s in segs}

    def new(self, role):
        self.turns.append([role, []])

    def add(self, text, claims=(), corrected=False):
        self.turns[-1][1].append((text, list(claims), corrected))

    def out(self, st):
        res, led = [], []
        for t, (role, segs) in enumerate(self.turns):
            sep = " "
            res.append({"role": role, "content": sep.join(s[0] for s in segs)})
            for text, claims, corr in segs:
                for c in claims:
                    led.append({"turn": t, "text": text, "kind": c[0], "value": c[1], "corrected": corr})
        return res, led


def used_know(conv, p):
    t = " ".join(conv.texts())
    return {k for k in p["know"] if k[1:] in t}


def build(p, facts, style, rng, defect):
    st, ori = style, p["orientation"]
    pl = p["name"].endswith("s") or p["name"].endswith("hippocampi")
    lat, vert, cls, n = facts["laterality"], facts["vertical"], facts["size_class"], facts["components"]
    pct = 100.0 * facts["area_fraction"]
    rels = [(r["other"], r["relation"]) for r in facts["relations"]]
    fam = defect if defect in FAMILY else None
    where = None
    if fam:
        r = rng.random()
        where = "user" if r < 0.2 else "follow" if r < 0.42 else "first"

    # the false claim ------------------------------------------------------------------------------
    false = None
    if fam == "laterality":
        if lat in ("left", "right"):
            fv = OPP[lat] if rng.random() < 0.8 else "midline"
        elif lat == "midline":
            fv = rng.choice(["left", "right"])
        else:
            fv = rng.choice(["left", "right"])
        false = ("side", fv)
    elif fam == "position":
        if rels and rng.random() < 0.5:
            o, rl = rng.choice(rels)
            flip = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
                    "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}[rl]
            false = ("rel", (o, flip))
        else:
            cands = [v for v in axis_pair(ori) + ("central",) if v != vert]
            false = ("vert", rng.choice(cands))
    elif fam == "size":
        if rng.random() < 0.5:
            false = ("cls", rng.choice([c for c in ("small", "medium", "large") if c != cls]))
        else:
            f = rng.choice([0.2, 0.25, 0.3, 3.0, 3.5, 4.0])
            false = ("pct", round(pct * f, 2 if pct * f < 1 else 1))
    elif fam == "count":
        cands = [k for k in (n - 1, n + 1, n + 2) if k >= 1 and k != n]
        false = ("count", rng.choice(cands))

    locked = set(FAMILY[fam]) if fam else set()
    if fam == "position":  # a wrong relation may sit beside a true vertical word, and vice versa
        locked = {"rel"} if false[0] == "rel" else {"vert", "vert_not"}

    def ok(claims):
        return all(c[0] not in locked for c in claims)

    def fact_seg(kind, value=None, size_mode=None):
        """A statement of one fact kind (true unless value is given)."""
        if kind == "side":
            return side_text(st, lat if value is None else value, rng)
        if kind == "vert":
            return vert_text(st, vert if value is None else value, ori, rng)
        if kind == "rel":
            o, rl = value
            return rel_text(st, o, rl, rng)
        if kind == "size":
            return size_text(st, cls, pct, size_mode or rng.choice(["both", "both", "cls", "pct"]), rng)
        if kind == "cls":
            return size_text(st, value, None, "cls", rng)
        if kind == "pct":
            return size_text(st, None, value, "pct", rng)
        if kind == "count":
            return count_text(st, n if value is None else value, rng)
        raise ValueError(kind)

    def false_seg():
        k, v = false
        return fact_seg(k, v)

    def true_kinds():
        ks = []
        if "side" not in locked:
            ks.append("side")
        if "vert" not in locked:
            ks.append("vert")
        if "rel" not in locked and rels:
            ks.append("rel")
        if "cls" not in locked:
            ks.append("size")
        if "count" not in locked:
            ks.append("count")
        return ks

    def true_seg(kind):
        if kind == "rel":
            o, rl = rng.choice(rels)
            return rel_text(st, o, rl, rng)
        return fact_seg(kind)

    hard_pool = [lambda: neg_side(st, lat, rng), lambda: convention(st, lat, rng), lambda: hypo_side(st, lat, rng),
                 lambda: neg_vert(st, vert, ori, rng), lambda: neg_count(st, n, rng), lambda: neg_size(st, cls, rng),
                 lambda: hypo_size(st, cls, rng), lambda: thresholds(st, rng)]

    def hard(k):
        out, tries = [], 0
        idx = list(range(len(hard_pool)))
        rng.shuffle(idx)
        for i in idx:
            if len(out) >= k:
                break
            t, c = hard_pool[i]()
            if ok(c) and t not in conv.texts():
                out.append((t, c))
        return out

    conv = _Conv()
    conv.new("user")
    conv.add(first_question(st, p, defect == "names_target", rng))

    # first answer -----------------------------------------------------------------------------------
    conv.new("assistant")
    intro = rng.choice({
        "cleft_fronted": ["It's {n} you're describing [SEG].", "What you're after is {n} [SEG].",
                          "{N}, that's what {this} [SEG].", "It is {n} that {fits} [SEG]."],
        "passive_academic": ["The structure described is identified as {n} [SEG].", "Segmentation of {n} has been performed [SEG].",
                             "{N} {isare} identified and segmented [SEG]."],
        "question_answer_pairs": ["What is it? {N} [SEG].", "Which structure fits? {N} [SEG]."],
        "colloquial_contractions": ["oh yeah, that's {n} [SEG].", "so that'd be {n}, here ya go [SEG].", "yep, {n} [SEG]."]}[st])
    conv.add(intro.format(n=p["name"], N=cap(p["name"]), isare="are" if pl else "is", this="these are" if pl else "this is",
                          fits="fit" if pl else "fits"))
    if rng.random() < 0.7:
        conv.add(rng.choice(p["why"]))
    kinds = true_kinds()
    rng.shuffle(kinds)
    first_kinds = kinds[:rng.choice([2, 3, 3, 4])]
    segs = [true_seg(k) for k in first_kinds]
    if where == "first":
        segs.insert(rng.randrange(len(segs) + 1), false_seg())
    segs += hard(rng.choice([1, 2, 2]))
    if rng.random() < 0.6:
        segs.append(know_line(st, p, rng, used_know(conv, p)))
    for t, c in segs:
        conv.add(t, c)

    # follow-up rounds ---------------------------------------------------------------------------------
    n_rounds = rng.choice([1, 2])
    plan = []
    if where == "follow":
        plan.append("defect_follow")
    elif where == "user":
        plan.append("defect_user")
    misc_kinds = [k for k in ("side", "vert", "size", "count") if {"side": "side", "vert": "vert", "size": "cls",
                                                                  "count": "count"}[k] not in locked]
    if not fam or rng.random() < 0.5:
        plan.append("misconception")
    rest = [k for k in true_kinds() if k not in first_kinds] + ["summary", "know"]
    rng.shuffle(rest)
    plan += rest
    plan = plan[:n_rounds]
    if where in ("follow", "user") and ("defect_follow" not in plan and "defect_user" not in plan):
        plan = [plan[0]] + (["defect_follow"] if where == "follow" else ["defect_user"])
    rng.shuffle(plan)

    for item in plan:
        conv.new("user")
        if item == "defect_follow":
            k = false[0]
            ak = {"side": "side", "vert": "vert", "rel": "rel", "cls": "size", "pct": "size", "count": "count"}[k]
            conv.add(ask(st, ak, ori, rng, o=false[1][0] if k == "rel" else None))
            conv.new("assistant")
            t, c = false_seg()
            conv.add(t, c)
            for t, c in hard(1):
                conv.add(t, c)
        elif item == "defect_user":
            k, v = false
            other = [x for x in true_kinds() if x != "rel"] + ["know"]
            q = rng.choice(other)
            conv.add(with_premise(st, premise(k, v, p, rng), ask(st, q, ori, rng)), [false])
            conv.new("assistant")
            if st == "colloquial_contractions" and rng.random() < 0.5:
                conv.add(rng.choice(["sure.", "yeah, ok.", "mm-hm."]))
            elif rng.random() < 0.4:
                conv.add(rng.choice(["Sure.", "Understood.", "Yes, of course."]))
            if q == "know":
                conv.add(*know_line(st, p, rng, used_know(conv, p)))
            else:
                conv.add(*true_seg(q))
            if rng.random() < 0.5:
                for t, c in hard(1):
                    conv.add(t, c)
        elif item == "misconception":
            mk = rng.choice(misc_kinds)
            _misconception(conv, st, mk, lat, vert, cls, pct, n, ori, rng)
        elif item == "summary":
            conv.add(ask(st, "summary", ori, rng))
            conv.new("assistant")
            ks = [k for k in true_kinds() if k != "rel"]
            lead = {"cleft_fronted": "In short, it's {n} that {isare} segmented.", "passive_academic": "In summary, {n} {isare} segmented.",
                    "question_answer_pairs": "What is it? {N}.", "colloquial_contractions": "tl;dr: it's {n}."}[st]
            conv.add(lead.format(n=p["name"], N=cap(p["name"]), isare="are" if pl else "is"))
            for k in ks:
                conv.add(*true_seg(k))
        elif item == "know":
            conv.add(ask(st, "know", ori, rng))
            conv.new("assistant")
            ks = list(p["know"])
            rng.shuffle(ks)
            conv.add(*know_line(st, p, rng, used_know(conv, p)))
            for t, c in hard(1):
                conv.add(t, c)
        else:  # a true fact kind
            if item == "rel":
                o, rl = rng.choice(rels)
                conv.add(ask(st, "rel", ori, rng, o=o))
                conv.new("assistant")
                conv.add(*rel_text(st, o, rl, rng))
            else:
                conv.add(ask(st, item, ori, rng))
                conv.new("assistant")
                conv.add(*true_seg(item))
            for t, c in hard(rng.choice([0, 1])):
                conv.add(t, c)

    turns, led = conv.out(st)
    LEDGER.append({"target": p["target"], "defect": defect, "where": where, "false": false, "claims": led})
    return turns, ([] if defect is None else [defect])


def _misconception(conv, st, mk, lat, vert, cls, pct, n, ori, rng):
    """A user's false idea, explicitly corrected with the truth."""
    if mk == "side":
        if lat in ("left", "right"):
            i = IMG[lat]
            wrong = i  # the image side read as the patient's side
            u = {"cleft_fronted": f"It's on the {i} of the screen that I see it, so it's the patient's {wrong}, isn't it?",
                 "passive_academic": f"Its appearance on the {i} of the image would suggest a {wrong}-sided location, would it not?",
                 "question_answer_pairs": f"It's on the {i} of the picture, so it's the patient's {wrong}, right?",
                 "colloquial_contractions": f"wait, it's on the {i} of my screen, so that's the patient's {wrong}, no?"}[st]
            a = {"cleft_fronted": f"No, and it's an easy slip. It is the patient's {lat} that the image's {i} shows on this view, so {lat}-sided is what it is.",
                 "passive_academic": f"That interpretation is not correct: under radiological convention the image's {i} corresponds to the patient's {lat}, and the location is therefore {lat}-sided.",
                 "question_answer_pairs": f"Is that right? No. Why not? The image's {i} is the patient's {lat} on this view, so it's {lat}-sided.",
                 "colloquial_contractions": f"nah, easy mistake though, screen {i} is patient {lat} here, so it's the patient's {lat}."}[st]
            conv.add(u, [("side", wrong)], corrected=True)
            conv.new("assistant")
            conv.add(a, [("side", lat)])
            return
        wrong = rng.choice(["left", "right"])
        if lat == "midline":
            u = {"cleft_fronted": f"It's a bit to the {wrong} that it leans, isn't it? So {wrong}-sided?",
                 "passive_academic": f"Would a {wrong}-sided location not be more accurate?",
                 "question_answer_pairs": f"It's {wrong}-sided, isn't it?",
                 "colloquial_contractions": f"looks kinda {wrong}-sided to me, no?"}[st]
            a = {"cleft_fronted": "Not really: it is on the midline that it sits, balanced across both halves.",
                 "passive_academic": "This is not the case; a midline position is observed, without lateral predominance.",
                 "question_answer_pairs": f"Is it {wrong}-sided? No. Where is it, then? On the midline.",
                 "colloquial_contractions": "nope, it's midline, pretty even on both halves."}[st]
            conv.add(u, [("side", wrong)], corrected=True)
            conv.new("assistant")
            conv.add(a, [("side", "midline")])
            return
        u = {"cleft_fronted": f"It's only on the {wrong} that it shows, right?",
             "passive_academic": f"Is involvement confined to the {wrong} side?",
             "question_answer_pairs": f"So it's just the {wrong} side?",
             "colloquial_contractions": f"so it's just on the {wrong}, yeah?"}[st]
        a = {"cleft_fronted": "No: it is on both sides, left and right, that it's found.",
             "passive_academic": "No; a bilateral distribution is observed, both sides being involved.",
             "question_answer_pairs": f"Just the {wrong}? No. Both sides: it's bilateral.",
             "colloquial_contractions": "nope, both sides actually, left and right."}[st]
        conv.add(u, [("side", wrong)], corrected=True)
        conv.new("assistant")
        conv.add(a, [("side", "bilateral")])
        return
    if mk == "vert":
        wrong = rng.choice([v for v in axis_pair(ori) + ("central",) if v != vert])
        ww = vwords(wrong)[0]
        u = {"cleft_fronted": f"It's {ww} that it sits, surely?",
             "passive_academic": f"Would {art(ww)} position be a fair description?",
             "question_answer_pairs": f"It's {ww}, isn't it?",
             "colloquial_contractions": f"it's {ww}, yeah?"}[st]
        tw = vwords(vert)[0]
        a = {"cleft_fronted": f"Not {ww}, no. {cap(tw)} is where it sits.",
             "passive_academic": f"That description is not accurate; {art(tw)} position is observed.",
             "question_answer_pairs": f"Is it {ww}? No. What is it? {cap(tw)}.",
             "colloquial_contractions": f"nah, not {ww}. it's {tw}."}[st]
        conv.add(u, [("vert", wrong)], corrected=True)
        conv.new("assistant")
        conv.add(a, [("vert", vert)])
        return
    if mk == "size":
        wrong = "large" if cls != "large" else "small"
        ps = pct_str(pct, rng, False)
        u = {"cleft_fronted": f"It's a {wrong} one that we've got here, isn't it?",
             "passive_academic": f"Would the extent be classed as {wrong}?",
             "question_answer_pairs": f"That's {wrong}, right?",
             "colloquial_contractions": f"that's a {'big' if wrong == 'large' else 'tiny'} one, huh?"}[st]
        a = {"cleft_fronted": f"{cap(wrong)} it isn't, actually. It's {cls} that it is, at about {ps} of the image.",
             "passive_academic": f"It would not; an area fraction of about {ps} is measured, which is {cls}.",
             "question_answer_pairs": f"Is it {wrong}? No. How big, then? {cap(cls)}, about {ps}.",
             "colloquial_contractions": f"nah, it's actually {cls}, like {ps} of the image."}[st]
        conv.add(u, [("cls", wrong)], corrected=True)
        conv.new("assistant")
        conv.add(a, [("cls", cls), ("pct", pct)])
        return
    wrong = 2 if n == 1 else 1
    u = {"cleft_fronted": ("It's in two pieces that it comes, isn't it?" if n == 1 else "It's one single piece that you've outlined, right?"),
         "passive_academic": ("Is fragmentation into two components observed?" if n == 1 else "Is a single continuous region observed?"),
         "question_answer_pairs": ("Two pieces, right?" if n == 1 else "It's all one piece, right?"),
         "colloquial_contractions": ("it's two bits, yeah?" if n == 1 else "that's all one blob, yeah?")}[st]
    w = NUM[n]
    a = {"cleft_fronted": ("No, it is as one continuous piece that it appears." if n == 1 else f"No, it is in {w} separate pieces that it comes."),
         "passive_academic": ("No; a single connected component is observed." if n == 1 else f"No; {w} separate components are observed."),
         "question_answer_pairs": ("Two pieces? No. One." if n == 1 else f"One piece? No. {cap(w)} separate ones."),
         "colloquial_contractions": ("nope, just one piece." if n == 1 else f"nope, {w} separate bits.")}[st]
    conv.add(u, [("count", wrong)], corrected=True)
    conv.new("assistant")
    conv.add(a, [("count", n)])


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)
