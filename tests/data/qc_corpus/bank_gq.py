"""Bank GQ: multi-voice model transcripts inside the assistant's turns (helper `qcgq`, written blind).

The assistant answers by showing several voices and then endorsing one: a debate between two model
instances with a judge (`debate`), a self-consistency vote over sampled answers (`vote`), a draft with a
critique and a revised answer (`revise`), and an ensemble of named segmentation tools with an
adjudicator (`ensemble`). Only the endorsed claims (the judge's ruling, the majority, the revised
answer, the accepted tool output, and the assistant's own sentences) are the assistant's; losing
voices, minority samples, rejected drafts and outvoted tools carry false values that are overruled.
A defect is the one false value that stands: the judge or the vote endorsing the wrong voice, the
critique "fixing" a right draft into a wrong one, a false sentence in the final or a follow-up answer,
or a user's false premise left uncorrected.

Targets: 23 (abdomen, pelvis, chest CT, brain MR axial in neurological display and coronal, chest
radiograph, neck, colonoscopy and dermoscopy frames without patient axes), facts measured by
`medseg_qa.facts.compute_facts` on synthetic 256x256 masks.

Own check (notes/qcgq_scripts/check_gq.py, ledger of every claim, facts recomputed):
rows 420, clean 210, defects laterality 42 position 42 size 42 count 42 names_target 42;
defect sits in first answer 69, follow-up answer 54, user premise 45, question 42 (claims in ledger 4016); problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

STYLES = ["debate", "vote", "revise", "ensemble"]
LEDGERS: list = []  # one ledger per built row (read by the writer's own checker only)

N = 256


def _P(target, modality, region, orientation, blobs=None, multi=None, unit=("region", "regions"), others=None,
       qs=(), know=(), names=()):
    return dict(target=target, modality=modality, region=region, orientation=orientation, blobs=blobs,
                multi=multi, unit=unit, others=others or {}, qs=list(qs), know=list(know), names=list(names))


PROFILES = [
    _P("liver", "CT", "abdomen", "LP", blobs=[(0.30, 0.42, 0.19, 0.23)], unit=("region", "regions"),
       others={"stomach": (0.63, 0.40), "abdominal aorta": (0.53, 0.63)},
       qs=["Which organ on this slice makes bile and clears ammonia from the blood? Please segment it.",
           "A patient has yellow sclerae and a bilirubin of 80 umol/L. Which organ here would you look at first? "
           "Outline it for me."],
       know=["A normal adult liver weighs roughly 1.4 to 1.6 kg and receives about 75% of its blood through the "
             "portal vein.",
             "Riedel's lobe, a tongue-like downward extension, is seen in a few per cent of people."],
       names=["liver", "hepat"]),
    _P("spleen", "CT", "abdomen", "LP", blobs=[(0.76, 0.50, 0.075, 0.12)], unit=("region", "regions"),
       others={"stomach": (0.60, 0.40), "left kidney": (0.68, 0.64)},
       qs=["Which organ on this CT removes worn-out red cells and can rupture after a rib injury? Segment it.",
           "In glandular fever, which organ here can swell enough that contact sport is banned for 3 to 4 weeks? "
           "Please outline it."],
       know=["Accessory spleens (splenunculi) turn up in roughly 10 to 30% of people at autopsy.",
             "A typical adult spleen is about 11 cm long and weighs around 150 g."],
       names=["spleen", "splen"]),
    _P("left kidney", "CT", "abdomen", "LP", blobs=[(0.69, 0.63, 0.055, 0.085)], unit=("region", "regions"),
       others={"abdominal aorta": (0.53, 0.60), "spleen": (0.77, 0.45)},
       qs=["This dataset labels each urine-producing organ separately. Which one is labelled on this slice? "
           "Please segment it.",
           "A 6 mm stone is obstructing one ureter. Which filtering organ drained by that ureter is labelled here? "
           "Segment it."],
       know=["Each kidney is about 10 to 12 cm long in an adult, and the one on the left usually sits a little "
             "higher than the one on the right.",
             "Roughly 1 in 500 people has a horseshoe kidney, where the lower poles are fused across the midline."],
       names=["left kidney", "kidney", "renal"]),
    _P("right kidney", "CT", "abdomen", "LP", blobs=[(0.31, 0.64, 0.055, 0.085)], unit=("region", "regions"),
       others={"abdominal aorta": (0.53, 0.60), "liver": (0.30, 0.42)},
       qs=["One of the organs that filter blood into urine is labelled on this slice. Which one? Segment it.",
           "The urologist wants the labelled urine-producing organ outlined before a partial resection. Which "
           "organ is it, and can you segment it?"],
       know=["The right kidney usually sits 1 to 2 cm lower than the left because the liver sits above it.",
             "Normal renal length on CT is about 10 to 12 cm."],
       names=["right kidney", "kidney", "renal"]),
    _P("kidneys", "CT", "abdomen", "LP", blobs=[(0.31, 0.63, 0.055, 0.085), (0.69, 0.62, 0.055, 0.085)],
       unit=("region", "regions"), others={"abdominal aorta": (0.53, 0.55), "vertebral body": (0.50, 0.66)},
       qs=["Which paired organs on this slice filter about 180 litres of plasma a day? Segment them.",
           "Creatinine has doubled over 48 hours. Which organs here are failing? Please outline them."],
       know=["Around 1 in 1,000 people is born with only one kidney.",
             "The kidneys receive roughly 20 to 25% of the cardiac output at rest."],
       names=["kidney", "renal"]),
    _P("gallbladder", "CT", "abdomen", "LP", blobs=[(0.36, 0.50, 0.04, 0.05)], unit=("region", "regions"),
       others={"stomach": (0.62, 0.40), "right kidney": (0.31, 0.64)},
       qs=["Where is bile stored between meals? Please segment that structure on this slice.",
           "Pain after fatty meals and a positive Murphy's sign: which organ here is the usual culprit? Outline it."],
       know=["Gallstones are found in about 10 to 15% of adults in Western countries.",
             "The gallbladder holds about 30 to 50 mL of bile when full."],
       names=["gallbladder", "gall bladder", "cholecyst"]),
    _P("pancreas", "CT", "abdomen", "LP", blobs=[(0.53, 0.49, 0.12, 0.035)], unit=("region", "regions"),
       others={"stomach": (0.60, 0.37), "abdominal aorta": (0.53, 0.63)},
       qs=["Which gland on this slice makes both insulin and digestive enzymes? Segment it.",
           "Epigastric pain going through to the back, lipase over 3 times the upper limit: which organ here is "
           "inflamed? Please outline it."],
       know=["Pancreatic adenocarcinoma arises in the head of the gland in about 60 to 70% of cases.",
             "The gland is about 12 to 15 cm long in adults."],
       names=["pancreas", "pancrea"]),
    _P("abdominal aortic aneurysm", "CT", "abdomen", "LP", blobs=[(0.53, 0.60, 0.055, 0.055)],
       unit=("region", "regions"), others={"vertebral body": (0.50, 0.74), "pancreas": (0.55, 0.47)},
       qs=["A 72-year-old smoker has a pulsatile mass in the abdomen. Which abnormal structure on this slice "
           "explains it? Segment it.",
           "Which dilated vessel here would be repaired electively once it passes 5.5 cm? Please outline it."],
       know=["Elective repair is usually offered at a diameter of 5.5 cm in men, and screening programmes invite "
             "men at 65.",
             "A normal infrarenal aorta is about 2 cm across."],
       names=["aneurysm", "aort", "aaa"]),
    _P("liver metastases", "CT", "abdomen", "LP", multi=dict(n=(1, 2, 3, 4), box=(0.20, 0.40, 0.30, 0.55),
                                                              r=(0.015, 0.035)),
       unit=("lesion", "lesions"), others={"gallbladder": (0.38, 0.55), "stomach": (0.62, 0.40)},
       qs=["This patient had a colon cancer resected two years ago. Which deposits on this slice suggest it has "
           "spread to the bile-making organ? Segment them.",
           "CEA is climbing after a bowel resection. Which lesions on this slice would the tumour board want "
           "marked? Please outline them."],
       know=["Up to half of patients with colorectal cancer develop deposits in the bile-making organ at some "
             "point.",
             "Resection is often considered when fewer than about 4 to 5 deposits are confined to one lobe."],
       names=["metasta", "liver", "hepat"]),
    _P("adrenal glands", "CT", "abdomen", "LP", blobs=[(0.38, 0.55, 0.016, 0.032), (0.62, 0.55, 0.016, 0.032)],
       unit=("gland", "glands"), others={"abdominal aorta": (0.52, 0.63)},
       qs=["Which small paired glands on this slice make cortisol and epinephrine? Segment them.",
           "The endocrinologist suspects Cushing's syndrome. Which glands here should be outlined? Please "
           "segment them."],
       know=["Incidental adrenal nodules turn up on about 3 to 5% of abdominal CT scans.",
             "A nodule under 10 HU on an unenhanced scan is usually a benign adenoma."],
       names=["adrenal", "suprarenal"]),
    _P("urinary bladder", "CT", "pelvis", "LP", blobs=[(0.50, 0.44, 0.12, 0.10)], unit=("region", "regions"),
       others={"rectum": (0.50, 0.70)},
       qs=["Which hollow organ on this pelvic slice stores urine until voiding? Segment it.",
           "A man with prostatic symptoms has a post-void residual of 250 mL. Which organ here holds that "
           "residual? Outline it."],
       know=["An adult bladder usually holds about 400 to 600 mL.",
             "The urge to void usually starts at around 150 to 200 mL."],
       names=["bladder", "vesic"]),
    _P("uterine fibroids", "MR", "pelvis", "LP", multi=dict(n=(1, 2, 3, 4), box=(0.38, 0.62, 0.40, 0.60),
                                                             r=(0.03, 0.055)),
       unit=("fibroid", "fibroids"), others={"urinary bladder": (0.50, 0.30), "rectum": (0.50, 0.76)},
       qs=["A 44-year-old has heavy periods and a bulky pelvis. Which benign smooth-muscle growths on this MR "
           "explain it? Segment them.",
           "Which growths on this slice would be embolised or removed to treat her menorrhagia? Please outline "
           "them."],
       know=["By age 50, around 70% of women have at least one fibroid on imaging.",
             "Most are asymptomatic, and they often shrink after menopause."],
       names=["fibroid", "leiomyoma", "myoma"]),
    _P("right ovarian cyst", "US", "pelvis", "LP", blobs=[(0.36, 0.55, 0.05, 0.045)], unit=("cyst", "cysts"),
       others={"uterus": (0.50, 0.48)},
       qs=["Which fluid-filled structure arising from an egg-producing gland could explain this woman's pelvic "
           "pain? Segment it.",
           "Which simple, thin-walled collection here would usually be rescanned in 6 to 8 weeks? Outline it."],
       know=["Simple cysts under 5 cm in premenopausal women usually resolve on their own.",
             "Functional cysts are most common between ages 20 and 40."],
       names=["ovar", "cyst"]),
    _P("heart", "CT", "chest", "LP", blobs=[(0.58, 0.45, 0.15, 0.13)], unit=("region", "regions"),
       others={"descending aorta": (0.58, 0.70), "sternum": (0.50, 0.24)},
       qs=["Which organ on this chest CT pumps about 5 litres of blood a minute? Segment it.",
           "Which organ here would be enlarged in a patient with an ejection fraction of 30%? Please outline it."],
       know=["In about 1 in 10,000 people the heart points to the right (dextrocardia).",
             "A cardiothoracic ratio above 0.5 on a PA film suggests cardiomegaly."],
       names=["heart", "cardi"]),
    _P("pleural effusions", "CT", "chest", "LP", blobs=[(0.25, 0.70, 0.09, 0.06), (0.75, 0.70, 0.09, 0.06)],
       unit=("collection", "collections"), others={"heart": (0.56, 0.45)},
       qs=["Which fluid collections on this chest CT explain the breathlessness and dull bases in this heart "
           "failure patient? Segment them.",
           "What would a physician drain here for a patient with stony dull percussion notes? Please outline it."],
       know=["About 200 mL of fluid is needed before it blunts the costophrenic angle on an upright film.",
             "Light's criteria use a protein ratio above 0.5 and an LDH ratio above 0.6 to call an exudate."],
       names=["effusion", "pleural"]),
    _P("pulmonary nodules", "CT", "chest", "LP", multi=dict(n=(1, 2, 3), box=(0.18, 0.36, 0.30, 0.60),
                                                             r=(0.012, 0.028), flip=True),
       unit=("nodule", "nodules"), others={"heart": (0.56, 0.48)},
       qs=["Which small round opacities in the lungs on this slice would a screening programme follow up? "
           "Segment them.",
           "A 58-year-old ex-smoker has a screening CT. What should be marked for follow-up on this slice? Please "
           "outline it."],
       know=["Fleischner guidance says solid nodules under 6 mm in low-risk patients need no routine follow-up.",
             "About 1 in 4 screening CTs in smokers shows at least one nodule."],
       names=["nodul"]),
    _P("pneumothorax", "CT", "chest", "LP", blobs=[(0.22, 0.35, 0.05, 0.13)], unit=("region", "regions"),
       others={"heart": (0.56, 0.48)},
       qs=["Sudden pleuritic chest pain and breathlessness in a tall 19-year-old: which abnormal air collection "
           "here explains it? Segment it.",
           "Which collection on this chest CT would need a chest drain if it were tension? Please outline it."],
       know=["Primary spontaneous pneumothorax recurs in roughly 30% of patients.",
             "A rim of more than 2 cm at the hilum on a film is usually called large."],
       names=["pneumothora"]),
    _P("glioblastoma", "MR", "brain", "RP", multi=dict(n=(1, 1, 1, 2), box=(0.24, 0.40, 0.32, 0.60),
                                                        r=(0.04, 0.075), flip=True),
       unit=("lesion", "lesions"), others={"third ventricle": (0.50, 0.50)},
       qs=["Which enhancing tumour on this brain MR would explain new seizures and headaches in a 62-year-old? "
           "Segment it.",
           "Which ring-enhancing, necrotic mass here would go to the neurosurgeons for a biopsy? Please outline it."],
       know=["Median survival with standard therapy is around 15 months.",
             "Roughly 5 to 10% of these tumours are multifocal at presentation."],
       names=["glioblastoma", "glioma", "gbm"]),
    _P("lateral ventricles", "MR", "brain", "RP", blobs=[(0.42, 0.47, 0.03, 0.10), (0.58, 0.47, 0.03, 0.10)],
       unit=("ventricle", "ventricles"), others={"pineal gland": (0.50, 0.62)},
       qs=["Which CSF-filled spaces in the brain on this slice enlarge in hydrocephalus? Segment them.",
           "Where is most cerebrospinal fluid made on this slice? Please outline those chambers."],
       know=["The adult brain makes about 500 mL of CSF a day, and about 150 mL circulates at any one time.",
             "Mild asymmetry of the two chambers is a normal finding in about 5 to 12% of people."],
       names=["ventric"]),
    _P("multiple sclerosis lesions", "MR", "brain", "RP", multi=dict(n=(2, 3, 4, 5), box=(0.30, 0.70, 0.30, 0.70),
                                                                      r=(0.012, 0.024)),
       unit=("lesion", "lesions"), others={},
       qs=["A 31-year-old with optic neuritis has this FLAIR scan. Which white-matter abnormalities support the "
           "diagnosis? Segment them.",
           "Which periventricular bright spots here count towards dissemination in space? Please outline them."],
       know=["The McDonald criteria need lesions in at least 2 of 4 typical regions for dissemination in space.",
             "About 85% of patients start with a relapsing-remitting course."],
       names=["sclerosis", "ms lesion", "demyelin"]),
    _P("hippocampi", "MR", "brain", "LI", blobs=[(0.38, 0.62, 0.03, 0.05), (0.62, 0.62, 0.03, 0.05)],
       unit=("structure", "structures"), others={"corpus callosum": (0.50, 0.32)},
       qs=["Which memory-forming structures in the temporal lobes on this coronal MR shrink early in Alzheimer's "
           "disease? Segment them.",
           "Mesial temporal sclerosis is suspected in a patient with focal seizures. Which structures on this "
           "coronal slice should be outlined?"],
       know=["Hippocampal volume falls by about 1 to 2% a year in early Alzheimer's disease, against about 0.5% "
             "in healthy ageing.",
             "The Scheltens scale grades medial temporal atrophy from 0 to 4."],
       names=["hippocamp"]),
    _P("right upper lobe consolidation", "XR", "chest", "LI", blobs=[(0.30, 0.30, 0.10, 0.085)],
       unit=("region", "regions"), others={"heart": (0.55, 0.62)},
       qs=["Fever, productive cough and crackles: which area of airspace opacity on this chest radiograph explains "
           "it? Segment it.",
           "Which opacity on this film would you expect to clear about 6 weeks after antibiotics? Please outline "
           "it."],
       know=["Radiographic clearing often lags clinical recovery by 4 to 6 weeks, longer in patients over 50.",
             "A CURB-65 score of 3 or more usually means hospital care."],
       names=["consolidation", "pneumonia", "upper lobe"]),
    _P("thyroid gland", "CT", "neck", "LP", blobs=[(0.43, 0.41, 0.035, 0.06), (0.57, 0.41, 0.035, 0.06),
                                                    (0.50, 0.445, 0.07, 0.015)],
       unit=("region", "regions"), others={"trachea": (0.50, 0.50)},
       qs=["Which butterfly-shaped gland in the neck makes T4? Segment it.",
           "A patient with palpitations and a TSH below 0.01 mU/L: which organ on this neck CT would you outline?"],
       know=["Thyroid nodules are palpable in about 5% of adults but seen on ultrasound in up to 60%.",
             "The normal gland weighs about 15 to 25 g."],
       names=["thyroid"]),
    _P("colonic polyps", "endoscopy", "colon", None, multi=dict(n=(1, 2, 3), box=(0.20, 0.80, 0.20, 0.80),
                                                               r=(0.04, 0.08)),
       unit=("polyp", "polyps"), others={},
       qs=["Which growths on this colonoscopy frame would the endoscopist snare and send to pathology? Segment "
           "them.",
           "What on this frame counts towards the detection rate that screening endoscopists are audited on? Please outline it."],
       know=["An adenoma detection rate of at least 25% is the usual quality target for screening colonoscopy.",
             "Lesions under 5 mm are called diminutive."],
       names=["polyp", "adenoma"]),
    _P("melanoma", "dermoscopy", "skin", None, blobs=[(0.50, 0.50, 0.17, 0.14)], unit=("region", "regions"),
       others={},
       qs=["Which pigmented lesion on this dermoscopy image shows asymmetry, several colours and an atypical "
           "network? Segment it.",
           "Using the ABCDE rule, what on this image would you excise with a 2 mm margin? Please outline it."],
       know=["A Breslow thickness under 1 mm carries a 5-year survival above 95%.",
             "Diameter over 6 mm is the D of the ABCDE rule."],
       names=["melanoma"]),
]


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def _ellipse(mask, cx, cy, rx, ry):
    yy, xx = np.mgrid[0:N, 0:N]
    mask |= ((xx - cx * (N - 1)) / (rx * N)) ** 2 + ((yy - cy * (N - 1)) / (ry * N)) ** 2 <= 1.0


def facts_for(p: dict, rng) -> dict:
    mask = np.zeros((N, N), bool)
    if p["blobs"]:
        dx, dy, s = rng.uniform(-0.02, 0.02), rng.uniform(-0.02, 0.02), rng.uniform(0.85, 1.15)
        for cx, cy, rx, ry in p["blobs"]:
            _ellipse(mask, cx + dx, cy + dy, rx * s, ry * s)
    else:
        m = p["multi"]
        n = rng.choice(m["n"])
        x0, x1, y0, y1 = m["box"]
        if m.get("flip") and rng.random() < 0.5:
            x0, x1 = 1 - x1, 1 - x0
        placed = []
        tries = 0
        while len(placed) < n and tries < 400:
            tries += 1
            r = rng.uniform(*m["r"])
            c = (rng.uniform(x0, x1), rng.uniform(y0, y1))
            if all(((c[0] - q[0]) ** 2 + (c[1] - q[1]) ** 2) ** 0.5 > r + q[2] + 0.03 for q in placed):
                placed.append((c[0], c[1], r))
        for cx, cy, r in placed:
            _ellipse(mask, cx, cy, r, r * rng.uniform(0.8, 1.2))
    others = {k: (v[0] + rng.uniform(-0.015, 0.015), v[1] + rng.uniform(-0.015, 0.015))
              for k, v in p["others"].items()}
    return compute_facts(mask, p["orientation"], others).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    if defect == "laterality":
        return rng.choice([p for p in profiles if p["orientation"] is not None])
    return rng.choice(profiles)


# -- claim wording -------------------------------------------------------------------------------------

WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior", "superior": "inferior",
       "inferior": "superior", "upper": "lower", "lower": "upper", "left_of": "right_of", "right_of": "left_of",
       "anterior_to": "posterior_to", "posterior_to": "anterior_to", "superior_to": "inferior_to",
       "inferior_to": "superior_to"}
CAT = {"lat": "laterality", "vert": "position", "rel": "position", "size": "size", "pct": "size", "count": "count"}


def fmt_pct(p: float) -> str:
    if p >= 10:
        return str(int(round(p)))
    if p >= 1:
        return f"{p:.1f}"
    return f"{p:.2g}"


def num(n: int, rng) -> str:
    return WORDS[n] if rng.random() < 0.7 else str(n)


def fixview(p, s):
    """A chest film is a frontal projection, not a coronal slice."""
    return s.replace("coronal image", "frontal film").replace("coronal view", "frontal film") if p["modality"] == "XR" else s


def plane(p):
    o = p["orientation"]
    return "none" if o is None else "coronal" if o[1] in "SI" else "axial"


def vp(kind, val, p, rng, neg=False):
    """A verb phrase ('lies on the patient's left') for subject 'it' / the target."""
    if kind == "lat":
        if neg:
            return rng.choice([f"is not on the patient's {val}", f"is not on the {val} side",
                               f"does not lie on the patient's {val}"])
        return rng.choice({
            "left": ["lies on the patient's left", "is on the left side of the body", "sits to the patient's left "
                     "of the midline", "is left-sided", "is confined to the patient's left"],
            "right": ["lies on the patient's right", "is on the right side of the body", "sits to the patient's "
                      "right of the midline", "is right-sided", "is confined to the patient's right"],
            "bilateral": ["is bilateral, with a part on each side", "is present on both the left and the right",
                          "involves both sides of the body"],
            "midline": ["sits in the midline", "straddles the midline rather than favouring one side",
                        "is centred on the patient's midline"]}[val])
    if kind == "vert":
        pl = plane(p)
        table = {
            "axial": {"anterior": ["lies in the anterior part of the slice", "sits toward the front of the body",
                                   "is anteriorly placed"],
                      "posterior": ["lies in the posterior part of the slice", "sits toward the back of the body",
                                    "is posteriorly placed"],
                      "central": ["sits at mid-depth, about halfway between front and back",
                                  "is roughly central front-to-back"]},
            "coronal": {"superior": ["lies high on this coronal image, toward the head", "is superiorly placed",
                                     "sits in the upper, cranial part of the image"],
                        "inferior": ["lies low on this coronal image, toward the feet", "is inferiorly placed",
                                     "sits in the lower, caudal part of the image"],
                        "central": ["sits about halfway between head and feet on this view",
                                    "is roughly central from top to bottom"]},
            "none": {"upper": ["is in the upper half of the frame", "sits toward the top of the image"],
                     "lower": ["is in the lower half of the frame", "sits toward the bottom of the image"],
                     "central": ["is roughly centred from top to bottom of the frame",
                                 "sits about halfway down the frame"]}}
        return fixview(p, rng.choice(table[pl][val]))
    if kind == "rel":
        rel, o = val
        return rng.choice({
            "left_of": [f"lies to the patient's left of the {o}", f"is on the patient's left relative to the {o}"],
            "right_of": [f"lies to the patient's right of the {o}", f"is on the patient's right relative to the {o}"],
            "anterior_to": [f"lies in front of the {o}", f"is anterior to the {o}"],
            "posterior_to": [f"lies behind the {o}", f"is posterior to the {o}"],
            "superior_to": [f"sits above the {o}", f"is superior to the {o}"],
            "inferior_to": [f"sits below the {o}", f"is inferior to the {o}"]}[rel])
    if kind == "size":
        return rng.choice({"small": ["is small on this slice", "is a small structure here",
                                     "takes up only a small part of the image"],
                           "medium": ["is medium-sized", "is of moderate size on this slice",
                                      "is mid-sized relative to the image"],
                           "large": ["is large on this slice", "is a large structure here",
                                     "takes up a large share of the image"]}[val])
    if kind == "pct":
        s = fmt_pct(val)
        return rng.choice([f"covers about {s}% of the image", f"occupies roughly {s}% of the frame",
                           f"fills around {s}% of the slice"])
    if kind == "count":
        sg, pl_ = p["unit"]
        if val == 1:
            return rng.choice(["is a single connected region", "is one piece", "forms one continuous region",
                               f"is a single {sg}"])
        w = num(val, rng)
        return rng.choice([f"consists of {w} separate {pl_}", f"is split into {w} separate {pl_}",
                           f"comes as {w} distinct {pl_}"])
    raise ValueError(kind)


def tag(kind, val, p, rng):
    """A short label as a voice or a table cell would give it."""
    if kind == "lat":
        return {"left": rng.choice(["left", "patient's left", "left side"]),
                "right": rng.choice(["right", "patient's right", "right side"]),
                "bilateral": rng.choice(["bilateral", "both sides"]),
                "midline": rng.choice(["midline", "on the midline"])}[val]
    if kind == "vert":
        return {"central": "mid-depth" if plane(p) == "axial" else "mid-height",
                "upper": "upper half", "lower": "lower half"}.get(val, val)
    if kind == "rel":
        rel, o = val
        return {"left_of": f"left of the {o}", "right_of": f"right of the {o}", "anterior_to": f"in front of the {o}",
                "posterior_to": f"behind the {o}", "superior_to": f"above the {o}", "inferior_to": f"below the {o}"}[rel]
    if kind == "size":
        return val
    if kind == "pct":
        return f"~{fmt_pct(val)}% of image"
    if kind == "count":
        sg, pl_ = p["unit"]
        return f"1 {sg}" if val == 1 else f"{val} {pl_}"
    raise ValueError(kind)


ASPECT = {"lat": ["the side", "laterality", "which side it is on"], "vert": ["the position", "where it sits"],
          "rel": ["the position", "its relation to the neighbours"], "size": ["the size", "how big it is"],
          "pct": ["the size", "the area"], "count": ["the count", "how many pieces there are"]}


ASPECT_N = {"lat": ["side", "laterality"], "vert": ["position"], "rel": ["position"], "size": ["size"],
            "pct": ["area estimate"], "count": ["count", "piece count"]}


class Row:
    def __init__(self, p, f, rng):
        self.p, self.f, self.rng = p, f, rng
        self.turns, self.ledger, self.pending = [], [], []

    def c(self, kind, val, status, text, neg=False):
        self.pending.append(dict(kind=kind, value=val, status=status, text=text, neg=neg))
        return text

    def add(self, role, content):
        for e in self.pending:
            assert e["text"] in content, (e, content)
            e["turn"], e["role"] = len(self.turns), role
        self.ledger.extend(self.pending)
        self.pending = []
        self.turns.append({"role": role, "content": content})

    # values
    def subkinds(self, cat):
        f = self.f
        if cat == "laterality":
            return ["lat"] if f["laterality"] in ("left", "right", "bilateral", "midline") else []
        if cat == "position":
            return ["vert", "rel"] if f["relations"] else ["vert"]
        if cat == "size":
            return ["size", "pct"]
        return ["count"]

    def true(self, kind):
        f = self.f
        if kind == "lat":
            return f["laterality"]
        if kind == "vert":
            return f["vertical"]
        if kind == "rel":
            r = self.rng.choice(f["relations"])
            return (r["relation"], r["other"])
        if kind == "size":
            return f["size_class"]
        if kind == "pct":
            return f["area_fraction"] * 100
        return f["components"]

    def false(self, kind, tv):
        rng, f = self.rng, self.f
        if kind == "lat":
            return {"left": rng.choice(["right", "right", "bilateral"]),
                    "right": rng.choice(["left", "left", "bilateral"]),
                    "bilateral": rng.choice(["left", "right"]), "midline": rng.choice(["left", "right"])}[tv]
        if kind == "vert":
            if tv == "central":
                return rng.choice({"axial": ["anterior", "posterior"], "coronal": ["superior", "inferior"],
                                   "none": ["upper", "lower"]}[plane(self.p)])
            return OPP[tv]
        if kind == "rel":
            return (OPP[tv[0]], tv[1])
        af = f["area_fraction"] * 100
        if kind == "size":
            return {"small": "large", "large": "small"}.get(tv, "large" if af < 3 else "small")
        if kind == "pct":
            if af < 1:
                return float(rng.choice([8, 10, 12, 15, 20]))
            if af < 2.5:
                return float(rng.choice([15, 20, 25, 30]))
            return rng.choice([0.2, 0.3, 0.4])
        n = tv
        return rng.choice([2, 3]) if n == 1 else rng.choice([1, 3, 4]) if n == 2 else rng.choice([1, n - 1, n + 1])

    def subj(self, cap=True):
        """'It' for one structure; for a plural target the pronoun would clash with 'is', so name the mask."""
        if self.p["target"].endswith(("s", "hippocampi")):
            w = self.rng.choice(["the mask", "the segmentation", "the label"])
        else:
            w = "it"
        return w[0].upper() + w[1:] if cap else w

    def img_side(self):
        return "right" if self.f["centroid_normalized"][0] > 0.5 else "left"

    def reason(self, kind, val, status="own"):
        """A judge's / critic's justification that states the true value."""
        rng, p = self.rng, self.p
        if kind == "lat":
            if val in ("left", "right"):
                conv = "neurological" if p["orientation"] == "RP" else "radiological"
                img = self.img_side()
                return (self.c("imgside", img, status, f"the image's {img}") and
                        f"its centre of mass falls on the image's {img}, and in this {conv} display that is "
                        + self.c("lat", val, status, f"the patient's {val}"))
            if val == "bilateral":
                return self.c("lat", val, status, rng.choice(["there is a separate part on each side of the midline",
                                                               "the mask has a part on each side, so it is bilateral"]))
            return self.c("lat", val, status, rng.choice(["the mask spreads across the midline almost evenly",
                                                          "it straddles the midline with no clear side"]))
        if kind == "count":
            if val == 1:
                return self.c("count", 1, status, rng.choice(["the mask is one connected region",
                                                              "there is a single connected blob"]))
            w = num(val, rng)
            return self.c("count", val, status, rng.choice([f"the mask has {w} separate islands",
                                                            f"there are {w} disconnected blobs"]))
        if kind == "size":
            af = self.f["area_fraction"] * 100
            return (f"{self.subj(False)} covers about {self.c('pct', af, status, fmt_pct(af) + '%')} of the image, which makes it "
                    + self.c("size", val, status, {"small": "small", "medium": "medium-sized",
                                                   "large": "large"}[val]))
        if kind == "pct":
            return self.subj(False) + " " + self.c("pct", val, status, vp("pct", val, p, rng))
        return self.subj(False) + " " + self.c(kind, val, status, vp(kind, val, p, rng)) + ", going by the centroid"


# -- sentences in the assistant's own voice --------------------------------------------------------------

def own_sentences(R, items):
    """Plain sentences stating (kind, value) items in the assistant's own voice."""
    rng, p = R.rng, R.p
    t = p["target"]
    out = []
    for j, (kind, val) in enumerate(items):
        phrase = R.c(kind, val, "own", vp(kind, val, p, rng))
        if R.subj() != "It":
            lead = rng.choice(["The mask", "The segmentation", "On this slice the label", "Taken together, the mask"]) \
                if j == 0 else rng.choice(["Also, the mask", "The mask", "The label"])
        else:
            lead = rng.choice(["It", "It", f"The {t}", "On this slice it", "Going by the mask, it",
                               "As segmented, it"]) if j == 0 else rng.choice(["Also, it", "It", "And it",
                                                                               "Beyond that, it"])
        out.append(f"{lead} {phrase}.")
    if len(out) >= 2 and rng.random() < 0.5:
        a, b = out[0][:-1], out[1]
        b = b[0].lower() + b[1:]
        out[:2] = [f"{a}; {b}"]
    return " ".join(out)


def negation(R):
    """A true negation in the assistant's own voice, or ''."""
    lat = R.f["laterality"]
    if lat in ("left", "right"):
        return R.subj() + " " + R.c("lat", OPP[lat], "own", vp("lat", OPP[lat], R.p, R.rng, neg=True), neg=True) + "."
    return ""


def other_vp(R, kind, val):
    return vp(kind, val, R.p, R.rng)


TOOLS = ["TotalSegmentator", "MedSAM-2", "nnU-Net (fold 3)", "BiomedParse", "VISTA3D", "SAT-Pro", "LLaVA-Med",
         "MedSAM-Lite", "UNet-inhouse-v2"]


def first_answer(R, style, disputes, plain, extra):
    """disputes: [(kind, tv, fv, win_true)]; plain: [(kind, value)] stated as the assistant's own."""
    rng, p = R.rng, R.p
    t = p["target"]
    parts = []
    if style == "debate":
        parts.append(rng.choice(["I had two model instances argue this one out, with a third acting as judge.",
                                 "Debate transcript first (two answerers, one judge), then my answer.",
                                 "Here is how the debate went.", "Two models, one judge:"]))
        wins = [rng.choice("AB") for _ in disputes]
        lines = {"A": [], "B": []}
        for (kind, tv, fv, wt), w in zip(disputes, wins):
            lo = "B" if w == "A" else "A"
            wv, lv = (tv, fv) if wt else (fv, tv)
            lines[w].append(R.c(kind, wv, "voice_won", other_vp(R, kind, wv)))
            lines[lo].append(R.c(kind, lv, "voice_lost", other_vp(R, kind, lv)))
        for m in "AB":
            said = " and ".join(lines[m])
            head = rng.choice([f"It's the {t}.", f"These are the {t}." if R.subj() != "It" else f"This is the {t}.",
                               f"The answer is the {t}."])
            parts.append(f"**Model {m}:** {head} {R.subj()} {said}.")
        ruling = []
        for (kind, tv, fv, wt), w in zip(disputes, wins):
            lo = "B" if w == "A" else "A"
            asp = rng.choice(ASPECT[kind])
            if wt:
                fr = rng.choice(["On {asp}, {w} is correct because {r}.", "{w} is right about {asp}: {r}.",
                                 "{lo} loses on {asp}, because {r}."])
                ruling.append(fr.format(asp=asp, w=w, lo=lo, r=R.reason(kind, tv)))
            else:
                ruling.append(rng.choice([f"On {asp}, {w} is correct; {lo} misread the image.",
                                          f"{w} wins on {asp}, and {lo}'s reading is rejected."]))
        parts.append("**Judge:** " + " ".join(ruling))
        parts.append(rng.choice([f"Final answer: the {t} [SEG].", f"So my answer is the {t} [SEG].",
                                 f"Endorsed answer: the {t} [SEG]."]) + (" " + own_sentences(R, plain) if plain else ""))
    elif style == "vote":
        n = rng.choice([3, 5, 5, 7])
        parts.append(rng.choice([f"I sampled {n} answers at temperature 0.8 and took a majority vote.",
                                 f"Self-consistency check over {n} samples:",
                                 f"{n} independent samples, then a vote:"]))
        cols, summaries = [], []
        for kind, tv, fv, wt in disputes:
            m = rng.randint(n // 2 + 1, n - 1)
            wv, lv = (tv, fv) if wt else (fv, tv)
            seq = [True] * m + [False] * (n - m)
            rng.shuffle(seq)
            cols.append([(R.c(kind, wv, "voice_won", tag(kind, wv, p, rng)) if s else
                          R.c(kind, lv, "voice_lost", tag(kind, lv, p, rng))) for s in seq])
            asp = rng.choice(ASPECT[kind])
            fr = rng.choice(["majority on {asp}: {v} ({m} of {n})", "{m}/{n} samples give {v} for {asp}"])
            summaries.append(fr.format(asp=asp, m=m, n=n, v=R.c(kind, wv, 'own', tag(kind, wv, p, rng))))
        fmt = rng.choice(["- Sample {i}: {t}; {v}", "s{i} -> {t} | {v}", "Sample {i} says the {t}, {v}."])
        for i in range(n):
            parts.append(fmt.format(i=i + 1, t=t, v=("; " if "|" not in fmt else " | ").join(c[i] for c in cols)))
        parts.append("Vote: " + "; ".join(summaries) + ". All samples name the same structure.")
        parts.append(rng.choice([f"Answer: the {t} [SEG].", f"So, by majority: the {t} [SEG].",
                                 f"The consensus answer is the {t} [SEG]."]) + (" " + own_sentences(R, plain) if plain else ""))
    elif style == "revise":
        draft, crit = [], []
        for kind, tv, fv, wt in disputes:
            dv = fv if wt else tv
            draft.append(R.c(kind, dv, "voice_lost", other_vp(R, kind, dv)))
            if wt:
                fr = rng.choice(["The draft says {f}, but {r}.", "Wrong on {a}: {r}.",
                                 "The draft gets {a} wrong; {r}."])
                crit.append(fr.format(f=tag(kind, fv, p, rng), a=rng.choice(ASPECT[kind]), r=R.reason(kind, tv)))
            else:
                fr = rng.choice(["The draft's {a} is off; it should be {v}.", "Fix the {a}: make it {v}."])
                crit.append(fr.format(a=rng.choice(ASPECT_N[kind]), v=R.c(kind, fv, 'own', tag(kind, fv, p, rng))))
        parts.append(rng.choice(["**Draft:** ", "Draft: ", "First draft: "]) + f"The {t}. {R.subj()} " + " and ".join(draft) + ".")
        parts.append(rng.choice(["**Critique:** ", "Critique: ", "Self-critique: "]) + " ".join(crit)
                     + rng.choice(["", " The identification itself is fine.", " Naming the structure was right."]))
        revised = [(k, tv if wt else fv) for k, tv, fv, wt in disputes] + list(plain)
        parts.append(rng.choice(["**Revised answer:** ", "Revised answer: ", "Revision: "]) + f"The {t} [SEG]. "
                     + own_sentences(R, revised))
    else:
        tools = rng.sample(TOOLS, rng.choice([3, 3, 4]))
        n = len(tools)
        vals = [[] for _ in tools]
        adj = []
        confs = [rng.uniform(0.35, 0.93) for _ in tools]
        for kind, tv, fv, wt in disputes:
            dissent = rng.randrange(n)
            for i in range(n):
                v = fv if i == dissent else tv
                vals[i].append(R.c(kind, v, ("voice_lost" if wt else "voice_won") if i == dissent else
                                   ("voice_won" if wt else "voice_lost"), tag(kind, v, p, rng)))
            asp = rng.choice(ASPECT[kind])
            if wt:
                if rng.random() < 0.5:
                    adj.append(f"{n - 1} of {n} tools agree on {asp} ({R.c(kind, tv, 'own', tag(kind, tv, p, rng))}); "
                               f"{tools[dissent]} is outvoted.")
                else:
                    adj.append(f"{tools[dissent]} is the outlier on {asp} and is overruled: {R.reason(kind, tv)}.")
            else:
                confs[dissent] = max(confs) + 0.04
                adj.append(f"{tools[dissent]} has the highest confidence on {asp}, so its "
                           f"{R.c(kind, fv, 'own', tag(kind, fv, p, rng))} is accepted over the others.")
        confs = [f"{c:.2f}" for c in confs]
        parts.append(rng.choice(["Ensemble run, then adjudication:", "I ran the tool ensemble:",
                                 f"Outputs from {n} tools:"]))
        if rng.random() < 0.5:
            parts.append("| tool | label | " + " | ".join(ASPECT[k][0].replace("the ", "") for k, *_ in disputes)
                         + " | confidence |")
            parts.append("|---|---|" + "---|" * len(disputes) + "---|")
            for i, tl in enumerate(tools):
                parts.append(f"| {tl} | {t} | " + " | ".join(vals[i]) + f" | {confs[i]} |")
        else:
            for i, tl in enumerate(tools):
                parts.append(f"- {tl}: {t}, " + ", ".join(vals[i]) + f" (confidence {confs[i]})")
        parts.append(rng.choice(["**Adjudicator:** ", "Adjudicator: ", "Adjudication: "]) + " ".join(adj))
        parts.append(rng.choice([f"Accepted output: the {t} [SEG].", f"Final: the {t} [SEG].",
                                 f"So the answer is the {t} [SEG]."]) + (" " + own_sentences(R, plain) if plain else ""))
    parts.extend(x for x in extra if x)
    return "\n\n".join(parts) if style != "vote" and style != "ensemble" else "\n".join(parts)


# -- follow-up rounds -----------------------------------------------------------------------------------

ASK = {
    "lat": ["Which side of the patient is it on?", "Just to be sure about laterality: patient's left or right, or "
            "both?", "Does it involve one side of the body or both?", "And the side? I need it for the report."],
    "vert": ["Where does it sit on the slice, in patient terms?", "Can you describe its position on this image?",
             "{vq}"],
    "rel": ["Where is it relative to the {o}?", "How does it relate to the {o} on this slice?"],
    "size": ["How big is it on this image?", "Would you call it small or large?", "What about its size?"],
    "pct": ["Roughly what share of the image does it take up?", "What percentage of the frame is it?"],
    "count": ["Is it one piece or several?", "How many separate regions did you segment?",
              "How many {pl} are there on this slice?"],
}

PLAIN_LEAD = ["On this slice, ", "Looking at the mask, ", "From the segmentation, ", "", "Measured on the "
              "mask itself, "]


def lead(R):
    ld = R.rng.choice(PLAIN_LEAD)
    sj = R.subj(not ld)
    if ("mask" in ld or "segmentation" in ld) and sj.lower() != "it":
        sj = "the label"
    return ld + sj


def nottag(kind, val, p, rng):
    if kind == "lat":
        return {"left": "not on the left", "right": "not on the right", "bilateral": "not on both sides",
                "midline": "not in the midline"}[val]
    if kind == "vert":
        return {"central": "not at mid-depth" if plane(p) == "axial" else "not halfway down"}.get(val, f"not {val}")
    if kind == "pct":
        return f"not {fmt_pct(val)}%"
    if kind == "count":
        return "not one piece" if val == 1 else f"not {num(val, rng)} {p['unit'][1]}"
    return "not " + tag(kind, val, p, rng)


def premise_text(kind, val, p, rng):
    if kind == "lat":
        return {"left": rng.choice(["Since it's on the patient's left", "Given that it's left-sided"]),
                "right": rng.choice(["Since it's on the patient's right", "Given that it's right-sided"]),
                "bilateral": rng.choice(["Since it's on both sides", "Given that it's bilateral"]),
                "midline": rng.choice(["Since it sits right in the midline", "Given that it's midline"])}[val]
    if kind == "vert":
        return fixview(p, {"anterior": "Since it sits so far toward the front", "posterior": "Since it's so far "
                "back in the body", "superior": "Since it sits high up on this coronal view", "inferior": "Since it "
                "sits low on this coronal view", "upper": "Since it's in the upper half of the frame",
                "lower": "Since it's in the lower half of the frame",
                "central": {"axial": "Since it's at mid-depth", "coronal": "Since it's halfway down this "
                            "coronal view", "none": "Since it's halfway down the frame"}[plane(p)]}[val])
    if kind == "rel":
        return "Since it lies " + tag("rel", val, p, rng)
    if kind == "size":
        return {"small": "Since it's so small", "medium": "Given that it's medium-sized",
                "large": "Since it's so large"}[val]
    if kind == "pct":
        return f"Since it covers about {fmt_pct(val)}% of the image"
    sg, pl_ = p["unit"]
    return "Since it's all one piece" if val == 1 else f"With {num(val, rng)} separate {pl_} there"


TAILS = [(", does that change how you'd report it?",
          "It doesn't change the label itself, but it belongs in the report so whoever reads the next slice knows "
          "what to expect."),
         (", is it worth flagging to the referrer?",
          "I would mention it, yes. A single 2D slice can mislead, so the report should point to the adjacent "
          "slices as well."),
         (", does the panel's answer still hold?",
          "The identification holds. What the voices disagreed about was the description, not which structure "
          "this is."),
         (", should I expect the same on the next slice?",
          "Not necessarily; shape and extent change from slice to slice, so check the neighbours before "
          "committing to a description of the whole structure.")]

METHOD = {
    "debate": [("Why should I trust the judge over the model it ruled against?",
                "The judge doesn't get a vote of its own; it only checks each side's argument against the image. "
                "In our runs a judge with access to the mask overturns a wrong answerer in roughly 8 out of 10 "
                "disagreements, which is why I show the transcript rather than just the verdict."),
               ("Could both models have been wrong?",
                "Yes. A debate only helps when at least one side is right and can argue it. That's why the judge's "
                "ruling rests on what the mask shows, not on which model sounded more confident.")],
    "vote": [("Isn't a majority of samples just the same model agreeing with itself?",
              "Partly. Samples share the model's blind spots, so a 5-of-5 vote can still be wrong. What voting "
              "removes is the random slip that shows up in 1 or 2 samples out of 5 at temperature 0.8."),
             ("How many samples do you usually take?",
              "Five is a common compromise; going from 5 to 9 samples roughly doubles the cost for a small gain. "
              "Ties are broken by re-sampling once more rather than by picking one.")],
    "revise": [("Why show me the draft at all?",
                "So you can see what was changed and why. A critique that states its reason can be checked; a "
                "silent correction can't."),
               ("Does the critique step ever make things worse?",
                "It can. A critic that's overconfident sometimes 'fixes' a correct draft, which is why each "
                "criticism has to point to something in the image.")],
    "ensemble": [("What happens if the tools split evenly?",
                  "With a 2-2 split the adjudicator falls back on the tool with the best validation Dice for this "
                  "kind of structure, and if that is below 0.80 it sends the case for human review."),
                 ("Why not just use the most confident tool?",
                  "Confidence scores from different tools aren't calibrated against each other; a 0.95 from one "
                  "model can mean less than a 0.70 from another, so agreement counts first.")],
}


def mini_panel(R, style, kind, tv, fv, win_true):
    """A short multi-voice answer about one kind; the winner holds tv when win_true."""
    rng, p = R.rng, R.p
    wv, lv = (tv, fv) if win_true else (fv, tv)
    if style == "debate":
        w = rng.choice("AB")
        lo = "B" if w == "A" else "A"
        a = {w: R.c(kind, wv, "voice_won", tag(kind, wv, p, rng)), lo: R.c(kind, lv, "voice_lost", tag(kind, lv, p, rng))}
        end = (f"The judge sided with {w}: {R.reason(kind, tv)}." if win_true else
               f"The judge sided with {w} and rejected {lo}'s reading.")
        return f"I put that to both models again. Model A said {a['A']}; Model B said {a['B']}. {end}"
    if style == "vote":
        n = 3
        seq = [True, True, False]
        rng.shuffle(seq)
        tags = [R.c(kind, wv, "voice_won", tag(kind, wv, p, rng)) if s else R.c(kind, lv, "voice_lost",
                                                                                  tag(kind, lv, p, rng)) for s in seq]
        return (f"I re-sampled just that question {n} times: " + ", ".join(f"\"{x}\"" for x in tags)
                + f". Majority: {R.c(kind, wv, 'own', tag(kind, wv, p, rng))}.")
    if style == "revise":
        if win_true:
            return (f"My first pass here said {R.c(kind, fv, 'voice_lost', tag(kind, fv, p, rng))}, which was wrong; "
                    f"on a second look {R.subj(False)} {R.c(kind, tv, 'own', vp(kind, tv, p, rng))}.")
        return (f"My first pass here said {R.c(kind, tv, 'voice_lost', tag(kind, tv, p, rng))}, but on a second look "
                f"{R.subj(False)} {R.c(kind, fv, 'own', vp(kind, fv, p, rng))}.")
    t1, t2, t3 = rng.sample(TOOLS, 3)
    out = (f"{t1}: {R.c(kind, wv, 'voice_won', tag(kind, wv, p, rng))}. {t2}: "
           f"{R.c(kind, wv, 'voice_won', tag(kind, wv, p, rng))}. {t3}: {R.c(kind, lv, 'voice_lost', tag(kind, lv, p, rng))}. ")
    if win_true:
        return out + f"Adjudicated: {R.c(kind, tv, 'own', tag(kind, tv, p, rng))}, two votes to one."
    return out + f"Adjudicated: {t3} overrides the other two on this one."


def ask_round(R, style, kind, mode):
    """mode: 'clean' (true), 'false_plain' (own false), 'false_panel' (wrong winner)."""
    rng, p = R.rng, R.p
    tv = R.true(kind)
    q = rng.choice(ASK[kind]).format(o=tv[1] if kind == "rel" else "", pl=p["unit"][1],
                                     vq={"axial": "Is it toward the front or the back?",
                                         "coronal": fixview(p, "Is it high or low on this coronal view?"),
                                         "none": "Is it near the top or the bottom of the frame?"}[plane(p)])
    R.add("user", q)
    fv = R.false(kind, tv)
    if mode == "clean":
        if rng.random() < 0.45:
            ans = mini_panel(R, style, kind, tv, fv, True)
        else:
            ans = f"{lead(R)} {R.c(kind, tv, 'own', vp(kind, tv, p, rng))}."
            if kind == "lat" and tv in ("left", "right") and rng.random() < 0.5:
                ans += " " + negation(R)
    elif mode == "false_plain":
        ans = f"{lead(R)} {R.c(kind, fv, 'own', vp(kind, fv, p, rng))}."
    else:
        ans = mini_panel(R, style, kind, tv, fv, False)
    R.add("assistant", ans)


def premise_round(R, kind, mode):
    """mode: 'true' (premise true, assistant agrees), 'corrected', 'uncorrected'."""
    rng, p = R.rng, R.p
    tv = R.true(kind)
    v = tv if mode == "true" else R.false(kind, tv)
    qtail, atail = rng.choice(TAILS)
    status = {"true": "premise_uncorrected", "corrected": "premise_corrected", "uncorrected": "premise_uncorrected"}[mode]
    R.add("user", R.c(kind, v, status, premise_text(kind, v, p, rng)) + qtail)
    if mode == "true":
        ans = rng.choice(["Correct, ", "That's right: ", "Agreed, "]) + R.subj(False) + " " + R.c(kind, tv, "own", vp(kind, tv, p, rng)) + ". " + atail
    elif mode == "corrected":
        ans = (rng.choice(["One correction first: ", "Small correction before I answer: ", "Not quite: "])
               + f"{R.subj(False)} {R.c(kind, tv, 'own', vp(kind, tv, p, rng))}, {nottag(kind, v, p, rng)}"
               + rng.choice([" as the premise has it", ""]) + ". " + atail)
    else:
        ans = atail
    R.add("assistant", ans)


def general_round(R):
    rng, p = R.rng, R.p
    R.add("user", rng.choice(["Anything worth knowing about this structure in general?", "Is there useful "
                              "background I should keep in mind?", "Any general facts that would help me explain "
                              "this to a student?"]))
    R.add("assistant", rng.choice(["In general: ", "Some background: ", ""]) + " ".join(rng.sample(p["know"], len(p["know"])))
          + rng.choice(["", " None of that is measured from this image, of course."]))


def method_round(R, style):
    q, a = R.rng.choice(METHOD[style])
    R.add("user", q)
    R.add("assistant", a)


def hypo_round(R):
    rng, p = R.rng, R.p
    tv = R.f["laterality"]
    R.add("user", rng.choice(["What if the viewer had flipped the image left to right?",
                              "Would the answer change if someone displayed it the other way round?"]))
    conv = "neurological" if p["orientation"] == "RP" else "radiological"
    R.add("assistant", f"The pixels would move to the other side of the screen, but the patient wouldn't: {R.subj(False)} "
          f"{R.c('lat', tv, 'own', vp('lat', tv, p, rng))} whatever the display. Someone reading it without the "
          f"{conv} convention in mind would call it the patient's {R.c('lat', OPP[tv], 'hypo', OPP[tv])} side, "
          f"which is exactly the mistake an outvoted answer tends to make.")


# -- build ----------------------------------------------------------------------------------------------

MODNAME = {"CT": "CT slice", "MR": "MR slice", "US": "ultrasound image", "XR": "radiograph",
           "endoscopy": "colonoscopy frame", "dermoscopy": "dermoscopy image"}
METHOD_ASK = {"debate": [" Have two models debate it and let a judge decide.", " Debate it if you're unsure."],
              "vote": [" Sample a few answers and go with the majority.", " Use self-consistency."],
              "revise": [" Draft, critique, then revise.", " Show me your draft and the fix."],
              "ensemble": [" Run your tool ensemble on it.", " Use the ensemble and adjudicate."]}


def build(p, facts, style, rng, defect):
    R = Row(p, facts, rng)
    cats = [c for c in ("laterality", "position", "size", "count") if R.subkinds(c)]
    place = None
    if defect not in (None, "names_target"):
        place = rng.choices(["first", "follow", "premise"], weights=[0.38, 0.31, 0.31])[0]
    avoid = defect if place in ("follow", "premise") else None
    used = {defect} if place else set()
    # question
    if defect == "names_target":
        q = rng.choice([f"Please segment the {p['target']} on this {MODNAME[p['modality']]} and tell me about it.",
                        f"Where is the {p['target']} on this {MODNAME[p['modality']]}? Segment it.",
                        f"Can you outline the {p['target']} here?",
                        f"Show me the {p['target']} in this {MODNAME[p['modality']]}, please."])
    else:
        q = rng.choice(p["qs"])
    if rng.random() < 0.4:
        q += rng.choice(METHOD_ASK[style])
    R.add("user", q)
    # first answer
    pool = [c for c in cats if c != avoid]
    rng.shuffle(pool)
    nd = rng.choice([1, 1, 2])
    dcats, pcats = pool[:nd], pool[nd:nd + rng.choice([1, 2])]
    disputes, plain = [], []
    false_first = place == "first"
    variant = rng.choice(["wrong_winner", "final"]) if false_first else None
    if false_first and defect not in dcats + pcats:
        (dcats if variant == "wrong_winner" else pcats).append(defect)
    if false_first and variant == "wrong_winner" and defect in pcats:
        pcats.remove(defect)
        dcats.append(defect)
    if false_first and variant == "final" and defect in dcats:
        dcats.remove(defect)
        pcats.append(defect)
    if not dcats:
        dcats.append(rng.choice([c for c in cats if c != defect and c not in pcats]
                                or [c for c in pcats if c != defect]))
        if dcats[0] in pcats:
            pcats.remove(dcats[0])
    for c in dcats:
        k = rng.choice(R.subkinds(c))
        tv = R.true(k)
        disputes.append((k, tv, R.false(k, tv), not (false_first and c == defect)))
    for c in pcats:
        k = rng.choice(R.subkinds(c))
        tv = R.true(k)
        plain.append((k, R.false(k, tv) if false_first and c == defect else tv))
    extra = []
    if defect is None and rng.random() < 0.3:
        extra.append(rng.choice(p["know"]))
    if avoid != "laterality" and not (false_first and defect == "laterality") and rng.random() < 0.25:
        extra.append(negation(R))
    R.add("assistant", first_answer(R, style, disputes, plain, extra))
    # follow-up rounds
    nr = rng.choice([1, 2, 2, 3])
    kinds_rounds = []
    for _ in range(nr):
        kinds_rounds.append(rng.choice(["ask", "ask", "premise", "general", "method", "hypo"]))
    if place in ("follow", "premise"):
        kinds_rounds[rng.randrange(nr)] = "DEFECT"
    seen = set()
    kinds_rounds = [k for k in kinds_rounds if k in ("ask", "premise", "DEFECT") or not (k in seen or seen.add(k))]
    for kr in kinds_rounds:
        free = [c for c in cats if c not in used]
        if kr == "DEFECT":
            k = rng.choice(R.subkinds(defect))
            if place == "follow":
                ask_round(R, style, k, rng.choice(["false_plain", "false_panel"]))
            else:
                premise_round(R, k, "uncorrected")
        elif kr in ("ask", "premise") and free:
            c = rng.choice(free)
            used.add(c)
            if kr == "ask":
                ask_round(R, style, rng.choice(R.subkinds(c)), "clean")
            else:
                premise_round(R, rng.choice(R.subkinds(c)), rng.choice(["true", "corrected", "corrected"]))
        elif kr == "hypo" and facts["laterality"] in ("left", "right") and "laterality" not in used:
            hypo_round(R)
        elif kr == "method" or kr == "hypo":
            method_round(R, style)
        else:
            general_round(R)
    LEDGERS.append({"place": place or ("question" if defect == "names_target" else None), "ledger": R.ledger})
    return R.turns, ([] if defect is None else [defect])
