"""Bank GS: grounding outputs full of coordinates and pixel numbers (written blind, without reading QC).

Theme: the answers of vision-language grounding models and annotation tools, which are full of numbers
that are NOT sizes, shares or counts of the target: bounding boxes [x1, y1, x2, y2], centroids in pixels,
image sizes (512x512), pixel spacing in mm, the mask's pixel count, RLE runs, polygon vertices, crop
offsets, Dice scores, thresholds, epochs. Screen sides ("screen-right", "high x") are image terms, and
they are stated truthfully; the patient's side follows the record's orientation. Mixed with true or false
plain-language claims of the target's side, position, size and piece count.

Registers (STYLES): `vlm` (a grounding answer with a <box> tag or a JSON blob, then a sentence), `debug` (a
computer-vision engineer debugging a segmentation in chat, casual and numeric), `review` (an annotation
platform reviewer's comments on a labeller's mask), `tutor` (a tutor explaining to a medical student how
pixel coordinates relate to the patient's left and right).

Every claim a row makes about the target is kept in LEDGER (kind, value, turn, role, phrase, corrected),
and /work/notes/qcgs_scripts/check_gs.py recomputes the facts from the masks and checks them all.
Own check: rows 420, clean 210, defects laterality 42 / position 42 / size 42 / count 42 / names_target 42;
defect placement first answer 48, follow-up answer 58, user premise 62; 2147 ledger claims; problems: 0
"""

from __future__ import annotations

import re

import numpy as np

from medseg_qa.facts import compute_facts

LEDGER: list[dict] = []
_LAST: dict = {}

STYLES = ["vlm", "debug", "review", "tutor"]

ABD = {"liver": (0.30, 0.42), "spleen": (0.75, 0.45), "aorta": (0.52, 0.56), "vertebral body": (0.50, 0.68)}
CHEST = {"heart": (0.56, 0.44), "descending aorta": (0.58, 0.64), "sternum": (0.50, 0.18)}
PELVIS = {"rectum": (0.50, 0.72), "pubic symphysis": (0.50, 0.22)}
BRAIN = {"third ventricle": (0.50, 0.50), "pons": (0.50, 0.70)}

# shape: ("one", cx, cy, rx, ry) | ("mirror", cx, cy, rx, ry) (random side) | ("multi", lo, hi, x0, x1, y0, y1, rmin, rmax)
# | ("pair", lo, hi, cx, cy, rmin, rmax) (pieces near (cx, cy) and its mirror)
PROFILES = [
    dict(target="liver", modality="CT", region="abdomen", orientation="LP", size=512, sp=0.72,
         shape=("one", 0.32, 0.43, 0.17, 0.15), others={k: v for k, v in ABD.items() if k != "liver"},
         kw=["liver", "hepat"], piece="part",
         ask=["Which organ on this slice makes bile and clears most drugs from the blood?",
              "Show me the organ that synthesises albumin and most clotting factors.",
              "Which organ here would turn small, nodular and scarred after decades of heavy drinking?"],
         lore=["An adult one weighs around 1.5 kg, the heaviest solid organ in the body.",
               "Couinaud split it into 8 functional segments, which is what surgeons resect by.",
               "The spleen sits on the opposite side, tucked under the left hemidiaphragm."]),
    dict(target="spleen", modality="CT", region="abdomen", orientation="LP", size=512, sp=0.74,
         shape=("one", 0.74, 0.47, 0.07, 0.09), others={k: v for k, v in ABD.items() if k != "spleen"},
         kw=["spleen", "splen"], piece="part",
         ask=["Which organ here removes old red cells and can bleed badly after a rib fracture in a cyclist?",
              "Find the organ that swells in glandular fever, the reason contact sports are off for a month.",
              "Which organ would you worry about after a blow to the lower ribs with a falling haemoglobin?"],
         lore=["In adults it is usually under 12-13 cm long; beyond that people start calling it enlarged.",
               "About 10-30% of people have a small accessory one near the hilum.",
               "The liver is the much bigger neighbour, on the patient's right."]),
    dict(target="left kidney", modality="CT", region="abdomen", orientation="LP", size=512, sp=0.70,
         shape=("one", 0.68, 0.58, 0.05, 0.07), others={k: v for k, v in ABD.items()},
         kw=["kidney", "renal", "nephr"], piece="part",
         ask=["Which paired, bean-shaped organ filters the blood here? I want the one whose vein crosses in front of the aorta.",
              "Which organ on this slice makes urine and is usually the one a living donor gives, because its vein is longer?"],
         lore=["The left one usually sits 1-2 cm higher than the right, which is pushed down by the liver.",
               "Adult ones are roughly 10-12 cm long.",
               "Its vein passes between the aorta and the superior mesenteric artery, the 'nutcracker' spot."]),
    dict(target="right kidney", modality="MR", region="abdomen", orientation="LP", size=256, sp=1.40,
         shape=("one", 0.32, 0.60, 0.05, 0.07), others={k: v for k, v in ABD.items()},
         kw=["kidney", "renal", "nephr"], piece="part",
         ask=["Which bean-shaped organ sits just under the liver and drains urine into the ureter?",
              "Which organ here would swell with trapped urine if a stone blocked its outflow at the pelviureteric junction?"],
         lore=["The right one usually lies a little lower than the left because the liver sits above it.",
               "A normal adult one measures about 10-12 cm in length.",
               "Its vein is short, about 2-3 cm, which is why surgeons prefer the left for donation."]),
    dict(target="liver metastases", modality="CT", region="abdomen", orientation="LP", size=512, sp=0.78,
         shape=("multi", 2, 4, 0.21, 0.40, 0.32, 0.52, 0.014, 0.03), others={"spleen": ABD["spleen"], "aorta": ABD["aorta"]},
         kw=["metasta", "liver"], piece="lesion",
         ask=["This man had a sigmoid cancer resected last year and his CEA is climbing. Which new lesions here change his stage?",
              "Which hypodense deposits on this portal-venous slice explain the rising tumour markers after his colectomy?"],
         lore=["Roughly half of people with colorectal cancer develop deposits in that organ at some point.",
               "Up to 20-25% of them are resectable with curative intent.",
               "Portal venous phase, around 70 s after injection, shows these best."]),
    dict(target="kidney stones", modality="CT", region="abdomen", orientation="LP", size=512, sp=0.70,
         shape=("pair", 2, 3, 0.32, 0.60, 0.008, 0.013), others={"aorta": ABD["aorta"], "vertebral body": ABD["vertebral body"]},
         kw=["stone", "calcul", "kidney", "renal", "nephrolith", "urolith"], piece="stone",
         ask=["Which bright foci on this non-contrast scan explain his colicky flank pain and blood in the urine?",
              "What are the dense little things here that would measure around 1000 HU on a low-dose non-contrast scan?"],
         lore=["About 1 in 10 people will have one in their lifetime.",
               "Most under 5 mm pass on their own within a few weeks.",
               "Non-contrast low-dose CT, at a few mSv, is the usual first test."]),
    dict(target="abdominal aorta", modality="CT", region="abdomen", orientation="LP", size=512, sp=0.70,
         shape=("one", 0.503, 0.57, 0.024, 0.024), others={"liver": ABD["liver"], "spleen": ABD["spleen"], "vertebral body": ABD["vertebral body"]},
         kw=["aorta", "aortic"], piece="part",
         ask=["Which vessel would you measure to screen a 68-year-old male smoker for an aneurysm?",
              "Which large vessel in front of the spine carries all of the blood to the legs and gut?"],
         lore=["A diameter over 3 cm counts as aneurysmal; repair is usually offered above 5.5 cm in men.",
               "The inferior vena cava runs beside it on the patient's right.",
               "Normal calibre near the renal arteries is about 2 cm."]),
    dict(target="urinary bladder", modality="CT", region="pelvis", orientation="LP", size=512, sp=0.80,
         shape=("one", 0.50, 0.36, 0.09, 0.07), others=PELVIS,
         kw=["bladder", "vesic"], piece="part",
         ask=["Which hollow organ in the pelvis stores urine and would the catheter be draining?",
              "What is the thin-walled, fluid-filled organ behind the pubic bone that fills up before a pelvic ultrasound?"],
         lore=["It comfortably holds around 400-600 mL in adults.",
               "The urge to void usually starts at about 150-250 mL.",
               "In women the uterus rests on its upper surface."]),
    dict(target="prostate", modality="MR", region="pelvis", orientation="LP", size=320, sp=0.60,
         shape=("one", 0.50, 0.56, 0.05, 0.045), others=PELVIS,
         kw=["prostat"], piece="part",
         ask=["Which gland would a PSA of 9 ng/mL send you looking at on this T2 slice?",
              "Which gland wraps around the urethra just below the bladder neck and enlarges with age?"],
         lore=["A normal one is about 20-25 mL; by 70 many men have 40 mL or more.",
               "About 70% of cancers arise in the peripheral zone, the part you feel on rectal exam.",
               "PI-RADS scores run from 1 to 5."]),
    dict(target="uterine fibroids", modality="MR", region="pelvis", orientation="LP", size=320, sp=0.80,
         shape=("multi", 1, 3, 0.37, 0.63, 0.34, 0.56, 0.03, 0.055), others=PELVIS,
         kw=["fibroid", "leiomyom", "uter", "myoma"], piece="fibroid",
         ask=["Which benign smooth-muscle growths explain this 42-year-old's heavy periods?",
              "What are the well-circumscribed, T2-dark round masses causing her pelvic pressure?"],
         lore=["By 50, around 70% of women have at least one, most without symptoms.",
               "They are dark on T2 because of dense smooth muscle and collagen.",
               "Fewer than 1 in 1000 turn out to be sarcoma."]),
    dict(target="right pleural effusion", modality="CT", region="chest", orientation="LP", size=512, sp=0.76,
         shape=("one", 0.28, 0.69, 0.11, 0.06), others=CHEST,
         kw=["effusion", "pleural"], piece="collection",
         ask=["What is layering dependently here that would blunt the costophrenic angle on the upright film?",
              "Which crescent of fluid-density here, behind the lung, explains the stony dullness at his base?"],
         lore=["An upright PA film needs roughly 200 mL before the angle blunts; a lateral view shows about 50 mL.",
               "Light's criteria use a protein ratio above 0.5 and an LDH ratio above 0.6.",
               "Heart failure effusions are often bilateral, larger on the right."]),
    dict(target="lung nodules", modality="CT", region="chest", orientation="LP", size=512, sp=0.68,
         shape=("pair", 2, 5, 0.30, 0.45, 0.010, 0.018), others={"heart": CHEST["heart"], "sternum": CHEST["sternum"]},
         kw=["nodul", "lung"], piece="nodule",
         ask=["Which round opacities on this slice would the Fleischner follow-up rules apply to?",
              "Which small round densities here need comparison with last year's scan for growth?"],
         lore=["Solid ones under 6 mm in a low-risk patient usually need no routine follow-up.",
               "About a third of adults screened with CT have at least one.",
               "A volume doubling time over 400 days argues for a benign cause."]),
    dict(target="left ventricle", modality="CT", region="chest", orientation="LP", size=512, sp=0.60,
         shape=("one", 0.60, 0.42, 0.06, 0.06), others={"sternum": CHEST["sternum"], "descending aorta": CHEST["descending aorta"]},
         kw=["ventric"], piece="part",
         ask=["Which cardiac chamber pumps blood into the systemic circulation and thickens with long-standing hypertension?",
              "Which chamber's ejection fraction would the echo report quote, the one that fails after a big anterior infarct?"],
         lore=["A wall over 12 mm at end-diastole usually counts as hypertrophy.",
               "A normal ejection fraction is about 55-70%.",
               "The right atrium forms the patient's right heart border on a frontal film."]),
    dict(target="pneumothorax", modality="XR", region="chest", orientation="LI", size=512, sp=0.14,
         shape=("mirror", 0.26, 0.22, 0.10, 0.08), others={},
         kw=["pneumothora"], piece="pocket",
         ask=["This tall, thin 19-year-old has sudden pleuritic pain and breathlessness. Where is the air that shouldn't be there?",
              "Which lucent area without lung markings explains her low saturations after the central line?"],
         lore=["A rim over 2 cm at the hilum level is usually called large in the British guideline.",
               "Primary spontaneous ones recur in roughly 30% of people.",
               "A supine film can hide it; look for a deep sulcus sign."]),
    dict(target="right femoral head", modality="XR", region="pelvis", orientation="LI", size=512, sp=0.15,
         shape=("one", 0.28, 0.56, 0.05, 0.05), others={"pubic symphysis": (0.50, 0.55)},
         kw=["femoral head", "femur", "femoral"], piece="part",
         ask=["Which ball-shaped end of the thigh bone sits in the acetabulum and loses its blood supply after a displaced subcapital fracture?",
              "Which rounded bony structure would avascular necrosis from long-term steroids flatten on this film?"],
         lore=["Garden III and IV fractures disrupt its supply enough that many surgeons replace it.",
               "Shenton's line runs along the obturator foramen and the femoral neck.",
               "Avascular necrosis is bilateral in up to half of cases."]),
    dict(target="left hippocampus", modality="MR", region="brain", orientation="LI", size=256, sp=1.00,
         shape=("one", 0.64, 0.60, 0.03, 0.045), others={"third ventricle": (0.50, 0.47), "pons": (0.50, 0.72)},
         kw=["hippocamp"], piece="part",
         ask=["In this coronal slice, which structure lays down new memories and shrinks early in Alzheimer's disease?",
              "Which medial temporal structure would you grade on the Scheltens scale here?"],
         lore=["The Scheltens medial temporal atrophy score runs from 0 to 4.",
               "Mesial temporal sclerosis is a common cause of focal epilepsy in adults.",
               "Each one holds a few tens of millions of neurons."]),
    dict(target="glioblastoma", modality="MR", region="brain", orientation="RP", size=256, sp=0.90,
         shape=("mirror", 0.34, 0.46, 0.09, 0.08), others=BRAIN,
         kw=["glioblastoma", "glioma", "gbm", "astrocytoma"], piece="part",
         ask=["Which ring-enhancing lesion with a necrotic centre explains this 61-year-old's new seizures?",
              "Which mass here, with thick irregular enhancement and surrounding oedema, would the neurosurgeons biopsy?"],
         lore=["Median survival with full treatment is still only about 15 months.",
               "The Stupp protocol is 60 Gy in 30 fractions with temozolomide.",
               "MGMT promoter methylation, seen in roughly 40%, predicts a better response."]),
    dict(target="multiple sclerosis lesions", modality="MR", region="brain", orientation="LP", size=256, sp=0.94,
         shape=("pair", 3, 5, 0.40, 0.45, 0.012, 0.022), others={"pons": (0.50, 0.74)},
         kw=["sclerosis", "demyelinat", "plaque"], piece="lesion",
         ask=["Which ovoid white-matter spots here, perpendicular to the ventricles, would support dissemination in space?",
              "Which FLAIR-bright foci would count towards the McDonald criteria in this 29-year-old with optic neuritis?"],
         lore=["McDonald 2017 needs at least one lesion in 2 of 4 typical regions for dissemination in space.",
               "About 3 in 4 patients are women.",
               "Dawson's fingers point out from the ventricles at roughly right angles."]),
    dict(target="thyroid nodule", modality="US", region="neck", orientation="LP", size=320, sp=0.08,
         shape=("mirror", 0.30, 0.50, 0.06, 0.05), others={"trachea": (0.50, 0.38)},
         kw=["thyroid", "nodul"], piece="nodule",
         ask=["Which focal lesion in the butterfly-shaped gland below the larynx would you score with TI-RADS on this transverse view?",
              "What is the hypoechoic, taller-than-wide lump that the endocrinologist wants aspirated?"],
         lore=["Ultrasound finds them in up to 60% of adults; about 5% are malignant.",
               "TI-RADS 5 lesions are aspirated from 1 cm.",
               "The isthmus crosses in front of the trachea at about the 2nd to 4th rings."]),
    dict(target="breast carcinoma", modality="MR", region="breast", orientation="LP", size=512, sp=0.70,
         shape=("mirror", 0.30, 0.30, 0.035, 0.03), others={"sternum": (0.50, 0.42)},
         kw=["carcinoma", "cancer", "malignan"], piece="part",
         ask=["Which spiculated, irregular lesion here explains the biopsy result of invasive ductal disease?",
              "Which enhancing mass with washout kinetics is the one the BI-RADS 6 report refers to?"],
         lore=["About 1 in 8 women in the UK is diagnosed with this disease in her lifetime.",
               "Type III washout curves carry the highest suspicion.",
               "The upper outer quadrant holds about half of these tumours."]),
    dict(target="gallstones", modality="CT", region="abdomen", orientation="LP", size=512, sp=0.72,
         shape=("multi", 2, 4, 0.33, 0.41, 0.46, 0.54, 0.007, 0.012), others={"spleen": ABD["spleen"], "aorta": ABD["aorta"]},
         kw=["gallstone", "cholelith", "gallbladder", "biliary"], piece="stone",
         ask=["Which dense little foci inside the pear-shaped sac under the liver explain her pain after fatty meals?",
              "What are the calcified things here that would block the cystic duct and cause cholecystitis?"],
         lore=["About 10-15% of adults in Europe have them, and most never get symptoms.",
               "Only around 15-20% are dense enough to see on a plain film.",
               "The classic risk list is fat, female, forty, fertile."]),
    dict(target="colon polyp", modality="endoscopy", region="colon", orientation=None, size=320, sp=None,
         shape=("multi", 1, 2, 0.30, 0.70, 0.30, 0.70, 0.05, 0.09), others={},
         kw=["polyp", "adenoma"], piece="lesion",
         ask=["Which raised lesion on this colonoscopy frame would you snare?",
              "What is the small mucosal bump here that the bowel-screening programme is looking for?"],
         lore=["Adenomas over 10 mm are called advanced and shorten the surveillance interval.",
               "The adenoma detection rate target is above 25% in many programmes.",
               "Cold snare is standard for ones under 10 mm."]),
    dict(target="melanoma", modality="dermoscopy", region="skin", orientation=None, size=256, sp=None,
         shape=("one", 0.50, 0.50, 0.20, 0.17), others={},
         kw=["melanom"], piece="part",
         ask=["Which pigmented lesion here shows the asymmetric, multi-coloured pattern that worries you under the ABCDE rule?",
              "What is the lesion with an atypical network and blue-white veil that should be excised?"],
         lore=["Breslow thickness under 1 mm carries a 5-year survival above 95%.",
               "The 7-point checklist gives 2 points for a blue-white veil.",
               "A diameter over 6 mm is the D in ABCDE."]),
    dict(target="mitotic figures", modality="microscopy", region="pathology", orientation=None, size=256, sp=None,
         shape=("multi", 2, 5, 0.15, 0.85, 0.15, 0.85, 0.012, 0.02), others={},
         kw=["mitot", "mitos"], piece="figure",
         ask=["Which cells on this H&E tile are caught in division, the ones you count per 10 high-power fields for the grade?",
              "Which dark, clumped-chromatin figures here count toward the Nottingham proliferation score?"],
         lore=["The Nottingham grade scores proliferation from 1 to 3.",
               "A high-power field at 40x covers roughly 0.2 mm2 depending on the microscope.",
               "Pyknotic apoptotic cells are the usual mimic."]),
]

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
OPP = {"left": "right", "right": "left"}


def record_for(p):
    return dict(modality=p["modality"], body_region=p["region"], orientation=p["orientation"])


def pick_profile(profiles, i, defect, rng):
    ok = [p for p in profiles if p["orientation"] is not None] if defect == "laterality" else profiles
    return rng.choice(ok)


def _ellipse(m, cx, cy, rx, ry):
    h, w = m.shape
    yy, xx = np.ogrid[:h, :w]
    m |= ((xx - cx * (w - 1)) / (rx * w)) ** 2 + ((yy - cy * (h - 1)) / (ry * h)) ** 2 <= 1.0


def facts_for(p, rng):
    s = p["size"]
    m = np.zeros((s, s), bool)
    sh = p["shape"]
    j = lambda a: rng.uniform(-a, a)
    if sh[0] in ("one", "mirror"):
        cx = sh[1]
        if sh[0] == "mirror" and rng.random() < 0.5:
            cx = 1.0 - cx
        jit = 0.004 if p["target"] == "abdominal aorta" else 0.02
        _ellipse(m, cx + j(jit), sh[2] + j(jit), sh[3] * rng.uniform(0.85, 1.2), sh[4] * rng.uniform(0.85, 1.2))
    else:
        if sh[0] == "multi":
            _, lo, hi, x0, x1, y0, y1, r0, r1 = sh
            n = rng.randint(lo, hi)
            boxes = [(x0, x1, y0, y1)] * n
        else:  # pair: pieces spread over both sides around (cx, cy) and its mirror
            _, lo, hi, cx, cy, r0, r1 = sh
            n = rng.randint(lo, hi)
            boxes = [((cx - 0.1, cx + 0.06, cy - 0.1, cy + 0.1) if k % 2 == 0 else
                      (1 - cx - 0.06, 1 - cx + 0.1, cy - 0.1, cy + 0.1)) for k in range(n)]
            if rng.random() < 0.2 and n >= 3:  # sometimes all on one side
                side = boxes[0]
                boxes = [side] * n
        placed = []
        for bx in boxes:
            for _try in range(60):
                x, y, r = rng.uniform(bx[0], bx[1]), rng.uniform(bx[2], bx[3]), rng.uniform(r0, r1)
                if all(((x - a) ** 2 + (y - b) ** 2) ** 0.5 > r + c + 0.02 for a, b, c in placed):
                    placed.append((x, y, r))
                    break
        for x, y, r in placed:
            _ellipse(m, x, y, r * rng.uniform(0.9, 1.1), r * rng.uniform(0.9, 1.1))
    f = compute_facts(m, p["orientation"], p["others"] or None).model_dump(mode="json")
    from scipy import ndimage
    lab, n = ndimage.label(m, structure=np.ones((3, 3), bool))
    comps = []
    for k in range(1, n + 1):
        ys, xs = np.nonzero(lab == k)
        comps.append((float(xs.mean()), float(ys.mean()), int(xs.size)))
    comps.sort()
    flat = m.ravel()
    d = np.diff(np.concatenate([[0], flat.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(d == 1), np.flatnonzero(d == -1)
    ext = []
    ys, xs = np.nonzero(m)
    for idx in (int(np.argmin(ys)), int(np.argmax(xs)), int(np.argmax(ys)), int(np.argmin(xs))):
        ext.append((int(xs[idx]), int(ys[idx])))
    _LAST.clear()
    _LAST.update(mask=m, comps=comps, runs=list(zip(starts.tolist(), (ends - starts).tolist())), extreme=ext)
    return f


# --------------------------------------------------------------------------------------------- truth

def truth(kind, value, f):
    """Whether a claim of `kind` with `value` holds for facts `f` (None: not a claim about the mask)."""
    if kind == "side":
        lat = f["laterality"]
        if value.startswith("not_"):
            v = value[4:]
            return lat in ("left", "right", "midline") and lat != v
        return lat == value
    if kind == "vertical":
        return f["vertical"] == value
    if kind == "relation":
        rel, other = value
        return any(r["other"] == other and r["relation"] == rel for r in f["relations"])
    if kind == "size":
        return f["size_class"] == value
    if kind == "pct":
        a = f["area_fraction"] * 100
        return abs(value - a) <= max(0.05, 0.15 * a)
    if kind == "count":
        return f["components"] == value
    if kind == "image_x":
        return (f["centroid_normalized"][0] < 0.5) == (value == "left")
    if kind == "image_y":
        return (f["centroid_normalized"][1] < 0.5) == (value == "top")
    raise ValueError(kind)


DEFECT_KINDS = {"laterality": ("side",), "position": ("vertical", "relation"), "size": ("size", "pct"),
                "count": ("count",)}


# --------------------------------------------------------------------------------------------- context

class Row:
    def __init__(self, p, f, style, rng):
        self.p, self.f, self.style, self.rng = p, f, style, rng
        self.turns: list[dict] = []
        self.claims: list[dict] = []
        self.T = p["target"]
        self.plural = p["piece"] != "part" and p["target"].endswith("s")
        self.o = p["orientation"]
        self.w, self.h = f["width"], f["height"]
        self.x0, self.y0, self.x1, self.y1 = f["bbox"]
        self.cx, self.cy = (round(v) for v in f["centroid"])
        self.area = f["area_pixels"]
        self.pct = f["area_fraction"] * 100
        self.nx, self.ny = f["centroid_normalized"]
        self.comps, self.runs, self.extreme = _LAST["comps"], _LAST["runs"], _LAST["extreme"]

    def c(self, *xs):
        return self.rng.choice(xs)

    def claim(self, kind, value, phrase, corrected=False):
        """Record a claim for the turn about to be added; returns the phrase for inlining."""
        self.claims.append(dict(kind=kind, value=value, turn=len(self.turns), phrase=phrase, corrected=corrected,
                                truth=truth(kind, value, self.f)))
        return phrase

    def say(self, role, text):
        self.turns.append({"role": role, "content": text})


def pct_str(v):
    return f"{v:.2f}" if v < 1 else f"{v:.1f}"


def fig(n):
    return f"{n:,}"


# --------------------------------------------------------------------------------------------- claim phrases

def side_phrase(r, value):
    """A sentence-part claiming the patient side `value` (left/right/bilateral/midline)."""
    c = r.c
    half = {"abdomen": "hemiabdomen", "chest": "hemithorax", "brain": "hemisphere"}.get(r.p["region"], "half of the body")
    if value in ("left", "right"):
        return c(f"it is on the patient's {value}", f"it lies in the patient's {value} {half}",
                 f"it is {value}-sided in patient terms", f"anatomically it is the patient's {value} side",
                 f"it sits on the patient's {value}", f"it is on the patient's {value}, not the {OPP[value]}")
    if value == "bilateral":
        return c("it is bilateral, with pieces on both sides of the patient's midline",
                 "there is label on the patient's left and on the patient's right, so it is bilateral",
                 "it involves both sides of the patient", "it is not confined to one side; there is label on both sides of the patient")
    return c("it sits on the patient's midline rather than to one side", "it is a midline structure on this slice",
             "it straddles the midline of the patient", "it is not off to either side; it sits on the midline")


def vert_phrase(r, value):
    c = r.c
    if value == "central":
        if r.o is None:
            return c("it sits roughly mid-way between the top and the bottom of the frame",
                     "vertically it is about central in the frame")
        if r.o[1] in "AP":
            return c("front to back it sits roughly mid-way, neither anterior nor posterior",
                     "it is central in the anteroposterior direction")
        return c("head to foot it is roughly central on this view", "it sits mid-way along the craniocaudal axis")
    return {"anterior": c("it sits anteriorly, toward the front of the body", "it lies in the anterior part of the slice",
                          "it is ventral on this slice"),
            "posterior": c("it sits posteriorly, toward the patient's back", "it lies in the posterior part of the slice",
                           "it is dorsal on this slice"),
            "superior": c("it lies superiorly, toward the head", "it is in the cranial part of the field"),
            "inferior": c("it lies inferiorly, toward the feet", "it is in the caudal part of the field"),
            "upper": c("it sits in the upper half of the frame", "it is toward the top of the frame"),
            "lower": c("it sits in the lower half of the frame", "it is toward the bottom of the frame")}[value]


REL_WORDS = {"left_of": ("to the patient's left of the {o}", "on the patient-left side of the {o}"),
             "right_of": ("to the patient's right of the {o}", "on the patient-right side of the {o}"),
             "anterior_to": ("in front of the {o}", "anterior to the {o}"),
             "posterior_to": ("behind the {o}", "posterior to the {o}"),
             "superior_to": ("above the {o}, on the head side", "superior to the {o}"),
             "inferior_to": ("below the {o}, on the foot side", "inferior to the {o}")}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}


def rel_phrase(r, rel, other):
    return "it lies " + r.c(*REL_WORDS[rel]).format(o=other)


def size_phrase(r, value):
    return {"small": r.c("it is small", "it is a small target on this image", "size-wise it is small", "it is small, not large"),
            "medium": r.c("it is medium-sized", "it is mid-sized for this image", "size-wise it is medium"),
            "large": r.c("it is large", "it is a large target on this image", "size-wise it is large", "it is large rather than small")}[value]


def pct_phrase(r, v):
    s = pct_str(v)
    return r.c(f"it covers about {s}% of the image", f"it takes up roughly {s}% of the frame",
               f"its area is around {s}% of the {r.w}x{r.h} image")


def count_phrase(r, n):
    pc = r.p["piece"]
    if n == 1:
        return r.c("it is a single connected piece", "it is one contiguous region", "it is not fragmented, just one connected region",
                   *([f"there is just one {pc}"] if pc != "part" else []))
    w = NUM[n]
    pl = pc + "s" if pc != "part" else "parts"
    return r.c(f"there are {w} separate {pl}", f"it comes as {w} disconnected components",
               f"it splits into {w} distinct {pl}")


# --------------------------------------------------------------------------------------------- values

def false_value(r, kind):
    f, rng = r.f, r.rng
    if kind == "side":
        lat = f["laterality"]
        if lat in ("left", "right"):
            return OPP[lat]
        if lat == "bilateral":
            return rng.choice(["left", "right"])
        return rng.choice(["left", "right"])  # midline said to be one-sided
    if kind == "vertical":
        v = f["vertical"]
        opp = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior",
               "upper": "lower", "lower": "upper"}
        if v in opp:
            return opp[v]
        return rng.choice(["upper", "lower"] if r.o is None else
                          (["anterior", "posterior"] if r.o[1] in "AP" else ["superior", "inferior"]))
    if kind == "relation":
        rel = rng.choice(f["relations"])
        return (FLIP[rel["relation"]], rel["other"])
    if kind == "size":
        s = f["size_class"]
        if s == "small":
            return "large"
        if s == "large":
            return "small"
        return "large" if f["area_fraction"] < 0.025 else "small"
    if kind == "pct":
        a = f["area_fraction"] * 100
        return round(a / 5, 2) if a > 12 else round(a * rng.choice([5, 6, 8]), 1 if a * 5 >= 1 else 2)
    if kind == "count":
        n = f["components"]
        return rng.choice([2, 3]) if n == 1 else rng.choice([n - 1, n + 1])
    raise ValueError(kind)


def true_value(r, kind):
    f = r.f
    if kind == "side":
        return f["laterality"]
    if kind == "vertical":
        return f["vertical"]
    if kind == "relation":
        rel = r.rng.choice(f["relations"])
        return (rel["relation"], rel["other"])
    if kind == "size":
        return f["size_class"]
    if kind == "pct":
        a = f["area_fraction"] * 100
        return round(a, 2 if a < 1 else 1)
    if kind == "count":
        return f["components"]
    raise ValueError(kind)


def subject(r, ph):
    """Plural targets (and some singular ones) are spoken of as the mask or the label, not 'it'."""
    if r.plural or r.rng.random() < 0.25:
        s = r.c("the mask", "the label", "the segmentation")
        ph = re.sub(r"\bits\b", s + "'s", ph, count=1)
        ph = re.sub(r"\bit\b", s, ph, count=1)
    return ph


def phrase(r, kind, value):
    if kind == "side":
        ph = side_phrase(r, value)
    elif kind == "vertical":
        ph = vert_phrase(r, value)
    elif kind == "relation":
        ph = rel_phrase(r, *value)
    elif kind == "size":
        ph = size_phrase(r, value)
    elif kind == "pct":
        ph = pct_phrase(r, value)
    else:
        ph = count_phrase(r, value)
    return subject(r, ph)


def cap(s):
    return s[0].upper() + s[1:]


# --------------------------------------------------------------------------------------------- pixel talk (no claims)

def box_str(r):
    return f"[{r.x0}, {r.y0}, {r.x1}, {r.y1}]"


def rle_str(r, k=3):
    runs = r.runs[:k]
    return " ".join(f"{s} {n}" for s, n in runs)


def poly_str(r):
    return ", ".join(f"({x}, {y})" for x, y in r.extreme)


def spacing_str(r):
    sp = r.p["sp"]
    return None if sp is None else f"{sp:.2f} mm"


def pixel_note(r):
    """One sentence of pixel numbers that claim nothing about side, size class, share or count."""
    c = r.c
    opts = [f"Bounding box {box_str(r)} in a {r.w}x{r.h} image, centroid at ({r.cx}, {r.cy}).",
            f"The box spans x {r.x0}-{r.x1} and y {r.y0}-{r.y1}; the centre of mass is at pixel ({r.cx}, {r.cy}).",
            f"First RLE runs (row-major, start length): {rle_str(r)} - {len(r.runs)} runs in all.",
            f"Extreme points of the outline (top, right, bottom, left): {poly_str(r)}."]
    if r.p["sp"]:
        opts.append(f"With {spacing_str(r)} pixels the box is about {(r.x1 - r.x0 + 1) * r.p['sp']:.0f} x "
                    f"{(r.y1 - r.y0 + 1) * r.p['sp']:.0f} mm.")
    return c(*opts)


def other_note(r):
    """A true remark about another labelled structure's place (not the target), or ''."""
    if not r.p["others"] or r.o is None or r.o[0] not in "LR":
        return ""
    name = r.rng.choice(sorted(r.p["others"]))
    x, y = r.p["others"][name]
    if abs(x - 0.5) <= 0.08:
        return f" For reference the {name} label is centred near x = {round(x * (r.w - 1))}, close to the patient's midline."
    pside = (r.o[0] if x > 0.5 else {"L": "R", "R": "L"}[r.o[0]])
    pside = "left" if pside == "L" else "right"
    return r.c(f" For reference the {name} label is centred near ({round(x * (r.w - 1))}, {round(y * (r.h - 1))}), on the patient's {pside}.",
               f" (The {name} in the same image sits on the patient's {pside}, around x = {round(x * (r.w - 1))}.)")


def screen_side(r):
    """A true screen-side statement (image terms) and its claim, or None near the middle."""
    if abs(r.nx - 0.5) <= 0.08:
        return None
    s = "left" if r.nx < 0.5 else "right"
    return s


def convention(r):
    o = r.o
    if o is None:
        return None
    if o[0] == "L":
        return "radiological"
    if o[0] == "R":
        return "neurological"
    return None


# --------------------------------------------------------------------------------------------- questions

def first_question(r, defect):
    p, c = r.p, r.c
    if defect == "names_target":
        T = r.T
        return {"vlm": c(f"<image>\nSegment the {T} and give its bounding box.",
                         f"<image> Ground the {T} in this {p['modality']} image: box first, then the mask.",
                         f"Find the {T} here. Output <box>[x1, y1, x2, y2]</box> and a segmentation."),
                "debug": c(f"ok so I prompted the model with 'segment the {T}' and the Dice looks off - what does it give you?",
                           f"quick one: can you run the {T} prompt on this {r.w}x{r.h} slice and tell me what comes back?"),
                "review": c(f"Task #{r.rng.randint(1000, 9999)}: instruction was 'outline the {T}'. I've submitted my mask - can you review it?",
                            f"Submitted my label for the {T} on this {p['modality']} image, please check before I move on."),
                "tutor": c(f"Where is the {T} on this image, and how do I tell the patient's side from the pixel coordinates?",
                           f"Can you show me the {T} here? I keep mixing up screen left and patient left.")}[r.style]
    ask = c(*p["ask"])
    return {"vlm": c(f"<image>\n{ask} Give the box and the mask.",
                     f"<image> Question: {ask}\nAnswer with <ref>, <box> and a segmentation.",
                     f"{ask} Ground it in the image (pixel box, then mask)."),
            "debug": c(f"debugging our reasoning-seg model on a {r.w}x{r.h} {p['modality']} slice. prompt is: \"{ask}\" - what should it segment, and can you give me the mask?",
                       f"ok weird one. eval prompt: '{ask}' Model output looks off to me, can you give me the reference answer + mask?",
                       f"running the val set, item {r.rng.randint(100, 999)}. Prompt: {ask} What's the right target and mask?"),
            "review": c(f"Task #{r.rng.randint(1000, 9999)}. Instruction to labellers: \"{ask}\" I've submitted my mask, can you review?",
                        f"Labelling queue, {p['modality']} item {r.rng.randint(10000, 99999)}. The prompt reads: {ask} Here's my mask - does it pass?"),
            "tutor": c(f"{ask} And could you show me how to tell the patient's side from the pixel numbers?",
                       f"I'm revising with this {p['modality']} image. {ask} I always get confused about left and right on screen.",
                       f"Quick question for the viva: {ask}")}[r.style]


TOPIC_Q = {
    "side": ["Which side of the patient is that?", "Patient's left or right? The box numbers alone don't tell me.",
             "And in patient terms, which side?", "Is that the patient's left or right?"],
    "vertical": ["Where does it sit front-to-back, or head-to-foot on this view?", "And its position on the slice?",
                 "Where is it along the vertical axis of the image, in patient terms?"],
    "size": ["How big is it relative to the image?", "What size class would you give it?",
             "What fraction of the frame does it cover?"],
    "count": ["One blob or several?", "How many connected components are there?",
              "Should this be one instance or several?"],
    "pixels": ["Can you give me the RLE or a few polygon points?", "What are the pixel coordinates, for the export?",
               "Can you paste the raw numbers - box, centroid, runs?"],
}


def topic_question(r, topic):
    if topic == "relation":
        other = r.rng.choice(sorted({x["other"] for x in r.f["relations"]}))
        return r.c(f"Where is it relative to the {other}?", f"How does it sit against the {other}?"), other
    return r.c(*TOPIC_Q[topic]), None


# --------------------------------------------------------------------------------------------- answers

def claim_sentence(r, kind, value, corrected=False):
    """One sentence claiming `value` of `kind`, recorded."""
    ph = phrase(r, kind, value)
    r.claim(kind, value, ph, corrected)
    return cap(ph) + "."


def answer_topic(r, topic, value=None, other=None):
    """A follow-up answer on one topic: true unless `value` is given. Register-flavoured."""
    c, st = r.c, r.style
    kind = topic
    if topic == "relation" and value is None:
        rels = [x for x in r.f["relations"] if x["other"] == other] if other else r.f["relations"]
        x = r.rng.choice(rels)
        value = (x["relation"], x["other"])
    if value is None:
        value = true_value(r, kind)
    ph = phrase(r, kind, value)
    r.claim(kind, value, ph)
    body = cap(ph) + "."
    extra = ""
    if topic == "side":
        scr = screen_side(r)
        conv = convention(r)
        if scr and conv and r.f["laterality"] in ("left", "right") and value == r.f["laterality"] and r.rng.random() < 0.7:
            extra, ip = c((f" The centroid x of {r.cx} puts it screen-{scr}, and this image is in {conv} convention.", f"screen-{scr}"),
                          (f" On screen it is on the {scr} half (x = {r.cx} of {r.w}); {conv} display.", f"{scr} half"))
            r.claim("image_x", scr, ip)
    elif topic == "size":
        extra = c(f" That is {fig(r.area)} pixels.", f" ({fig(r.area)} px in a {r.w}x{r.h} frame.)", "")
        if kind == "size" and r.rng.random() < 0.4 and value == r.f["size_class"]:
            tv = true_value(r, "pct")
            extra = " " + cap(r.claim("pct", tv, pct_phrase(r, tv))) + "."
    elif topic == "count":
        extra = c(f" The RLE has {len(r.runs)} runs, but runs are rows, not pieces.",
                  f" (The polygon tool shows {r.rng.randint(14, 48)} vertices; that's outline detail, not pieces.)", "")
    if st == "vlm":
        return c(body + extra, f"{body}{extra} Box stays {box_str(r)}.")
    if st == "debug":
        return c(f"yeah so {ph}.{extra}", f"{body}{extra} fwiw the pred matches the GT there.",
                 f"checked: {ph}.{extra}")
    if st == "review":
        return c(f"Reviewer note: {ph}.{extra}", f"{body}{extra} No change needed on that point.")
    return c(f"Good question. {body}{extra}", f"{body}{extra} Always reason from the orientation, not the screen.")


def premise_text(r, kind, value):
    """A bare user clause asserting a claim (true or false) as a premise; recorded by the caller."""
    ph = _premise(r, kind, value)
    if r.plural:
        ph = re.sub(r"\bit\b", r.c("the mask", "the label"), ph, count=1)
    return ph


def _premise(r, kind, value):
    c = r.c
    if kind == "side":
        if value in ("left", "right"):
            return c(f"it's on the patient's {value}", f"it's patient-{value}", f"it's the patient's {value} side")
        if value == "bilateral":
            return c("it's on both sides of the patient", "it's bilateral")
        return c("it's a midline thing", "it sits on the midline")
    if kind == "vertical":
        w = {"anterior": "anterior", "posterior": "posterior", "superior": "superior", "inferior": "inferior",
             "upper": "in the upper half of the frame", "lower": "in the lower half of the frame",
             "central": "central on the vertical axis"}[value]
        adv = {"anterior": "anteriorly", "posterior": "posteriorly", "superior": "superiorly", "inferior": "inferiorly"}
        return c(f"it's {w}", f"it sits {adv.get(value, w)}")
    if kind == "relation":
        return "it's " + REL_WORDS[value[0]][0].format(o=value[1])
    if kind == "size":
        return c(f"it's {value}", f"it's a {value} one")
    if kind == "pct":
        return c(f"it's about {pct_str(value)}% of the image", f"it covers roughly {pct_str(value)}% of the frame")
    n = value
    return c(f"it's {NUM[n]} piece{'s' if n > 1 else ''}" if n > 1 else "it's a single piece",
             f"there {'are' if n > 1 else 'is'} {NUM[n]} component{'s' if n > 1 else ''}")


def correction(r, kind, wrong, right):
    """Assistant correcting a false premise or slip; records the true claim."""
    ph = phrase(r, kind, right)
    r.claim(kind, right, ph)
    st = r.style
    lead = {"vlm": "Correction: ", "debug": r.c("nah, ", "not quite - ", "hmm no, "),
            "review": "Small correction: ", "tutor": r.c("Careful - ", "Not quite. ")}[st]
    return f"{lead}{cap(ph) if lead.endswith('. ') else ph}."


# --------------------------------------------------------------------------------------------- build

def kinds_for(r):
    ks = ["side", "vertical", "size", "count"]
    if r.o is None:
        ks.remove("side")
    return ks


def build(p, f, style, rng, defect):
    r = Row(p, f, style, rng)
    dkind = None
    where = None
    if defect in DEFECT_KINDS:
        opts = [k for k in DEFECT_KINDS[defect] if k != "relation" or f["relations"]]
        dkind = rng.choice(opts)
        where = rng.choice(["first", "follow", "premise"])
    # ---- turn 0: the question
    r.say("user", first_question(r, defect))
    # ---- turn 1: the grounding answer
    kinds = kinds_for(r)
    first_kinds = [k for k in kinds if rng.random() < 0.55]
    if not first_kinds:
        first_kinds = [kinds[0]]
    if dkind:
        first_kinds = [k for k in first_kinds if k not in DEFECT_KINDS[defect]]
        if where == "first":
            first_kinds.append(dkind)
    rng.shuffle(first_kinds)
    slip = None
    if defect is None and rng.random() < 0.2 and "side" in kinds and f["laterality"] in ("left", "right"):
        slip = "side"
    sents = []
    for k in first_kinds:
        if dkind == k and where == "first":
            sents.append(claim_sentence(r, k, false_value(r, k)))
        elif k == slip:
            wrong = OPP[f["laterality"]]
            ph = phrase(r, "side", wrong)
            r.claim("side", wrong, ph, corrected=True)
            right = phrase(r, "side", f["laterality"])
            r.claim("side", f["laterality"], right)
            if convention(r) == "radiological":
                sents.append(r.c(f"{cap(ph)} - no, scratch that, I read the screen side: {right}.",
                                 f"{cap(ph)}; correction, that was the screen half talking, {right}."))
            else:
                sents.append(r.c(f"{cap(ph)} - no, scratch that, I flipped the convention: {right}.",
                                 f"{cap(ph)}; correction, wrong way round, {right}."))
        else:
            sents.append(claim_sentence(r, k, true_value(r, k)))
            if k == "size" and rng.random() < 0.35:
                sents.append(claim_sentence(r, "pct", true_value(r, "pct")))
    r.say("assistant", first_answer(r, sents))
    # ---- follow-up rounds
    covered = set(first_kinds)
    pool = [k for k in kinds if k not in covered]
    if f["relations"]:
        pool.append("relation")
    if dkind and where in ("follow", "premise"):
        pool = [k for k in pool if k not in DEFECT_KINDS[defect]]
    if dkind:  # claims of the defect's own kind appear only where the defect sits
        pool = [k for k in pool if k not in DEFECT_KINDS[defect]]
    rng.shuffle(pool)
    n_rounds = rng.randint(1, 3)
    topics = pool[:n_rounds]
    if rng.random() < 0.35:
        topics.insert(rng.randint(0, len(topics)), "pixels")
    topics = topics[:3]
    if dkind and where == "follow":
        topics.insert(rng.randint(0, len(topics)), ("defect", dkind))
    if dkind and where == "premise":
        topics.insert(rng.randint(0, len(topics)), ("premise", dkind))
    if not topics:
        topics = ["pixels"]
    # clean rows: maybe a corrected false premise, maybe lore, maybe a hypothetical
    corr = None
    if defect is None and rng.random() < 0.45:
        ck = [k for k in kinds if k != "vertical" or f["vertical"] != "central"]
        corr = rng.choice(ck) if ck else None
    lore_at = rng.randint(0, len(topics) - 1) if rng.random() < 0.6 else None
    for i, t in enumerate(topics):
        if isinstance(t, tuple) and t[0] == "premise":
            # the false premise stands uncorrected: the user asks about another topic
            other_t = rng.choice([k for k in ["pixels"] + [k for k in kinds if k not in DEFECT_KINDS[defect]]])
            val = false_value(r, dkind)
            pt = premise_text(r, dkind, val)
            r.claim(dkind, val, pt)
            q, oth = topic_question(r, other_t) if other_t != "pixels" else (r.c(*TOPIC_Q["pixels"]), None)
            r.say("user", r.c(f"So {pt}. {q}", f"Got it, {pt}. {q}", f"Right, {pt}. {q}"))
            r.say("assistant", answer_or_pixels(r, other_t))
            continue
        if isinstance(t, tuple) and t[0] == "defect":
            val = false_value(r, dkind)
            if dkind == "relation":
                q = r.c(f"Where is it relative to the {val[1]}?", f"How does it sit against the {val[1]}?")
            else:
                q = r.c(*TOPIC_Q["size" if dkind == "pct" else dkind])
            r.say("user", q)
            r.say("assistant", answer_topic(r, dkind, value=val))
            continue
        if t == "pixels":
            r.say("user", r.c(*TOPIC_Q["pixels"]))
            r.say("assistant", pixels_answer(r))
            continue
        q, oth = topic_question(r, t)
        if corr == t and t != "relation":
            wrong = false_value(r, t)
            pt = premise_text(r, t, wrong)
            r.claim(t, wrong, pt, corrected=True)
            r.say("user", r.c(f"{cap(pt)}, right?", f"Just to confirm: {pt}?", f"I'd have guessed {pt}. Is that right?"))
            ans = correction(r, t, wrong, true_value(r, t))
            corr = "done"
        else:
            r.say("user", q)
            ans = answer_topic(r, t, other=oth)
        if lore_at == i:
            ans += " " + r.c(*p["lore"])
        r.say("assistant", ans)
    if corr not in (None, "done") and len(r.turns) < 10:
        # a last round with the corrected premise
        wrong = false_value(r, corr)
        pt = premise_text(r, corr, wrong)
        r.claim(corr, wrong, pt, corrected=True)
        r.say("user", r.c(f"Last thing - {pt}, yes?", f"And {pt}, correct?"))
        r.say("assistant", correction(r, corr, wrong, true_value(r, corr)))
    expected = [] if defect is None else [defect]
    LEDGER.append(dict(target=r.T, defect=defect, dkind=dkind, where=where if dkind else None,
                       claims=r.claims, turns=r.turns, mask=np.packbits(_LAST["mask"]).tobytes(),
                       shape=_LAST["mask"].shape, orientation=r.o, others=p["others"]))
    return r.turns, expected


def answer_or_pixels(r, topic):
    if topic == "pixels":
        return pixels_answer(r)
    oth = None
    return answer_topic(r, topic, other=oth)


def pixels_answer(r):
    c, st = r.c, r.style
    bits = [f"bbox (x1, y1, x2, y2) = {box_str(r)}", f"centroid = ({r.cx}, {r.cy})", f"image = {r.w}x{r.h}",
            f"area_px = {fig(r.area)}", f"first runs: {rle_str(r)}"]
    if r.p["sp"]:
        bits.append(f"pixel spacing = {spacing_str(r)}")
    r.rng.shuffle(bits)
    k = r.rng.randint(3, len(bits))
    body = "; ".join(bits[:k])
    crop = r.rng.choice([16, 24, 32, 48, 64])
    tail = c("", other_note(r), f" If you exported the {r.w - 2 * crop}-pixel centre crop, subtract {crop} from every x and y first.",
             f" Polygon points: {poly_str(r)}.")
    if st == "vlm":
        return c(f"{{{body}}}{tail}", f"<pixels>{body}</pixels>{tail}")
    if st == "debug":
        return c(f"sure: {body}.{tail}", f"here you go -> {body}.{tail} (dice vs the old GT was 0.{r.rng.randint(70, 93)}, fwiw)")
    if st == "review":
        return c(f"Export values: {body}.{tail}", f"From the annotation JSON: {body}.{tail}")
    return c(f"Here they are: {body}.{tail} Notice none of these numbers is in patient coordinates.",
             f"{cap(body)}.{tail} These are array indices: row 0 is the top of the screen.")


def first_answer(r, sents):
    """The grounding answer: register wrapper around the box, [SEG] and the claim sentences."""
    c, st, T = r.c, r.style, r.T
    text = " ".join(sents)
    scr = screen_side(r)
    conv = convention(r)
    bridge = ""
    if scr and conv and r.f["laterality"] in ("left", "right") and r.rng.random() < 0.6:
        bridge, ip = c((f" Its centroid x of {r.cx} is on the {scr} half of the {r.w}-pixel-wide image (screen-{scr}).", f"screen-{scr}"),
                       (f" On screen it is toward the {scr} edge (x {r.x0}-{r.x1}).", f"toward the {scr} edge"))
        r.claim("image_x", scr, ip)
    if st == "vlm":
        head = c(f"<ref>{T}</ref><box>{box_str(r)}</box> [SEG]",
                 f'```json\n{{"label": "{T}", "bbox_2d": {box_str(r)}, "centroid_px": [{r.cx}, {r.cy}], "image_size": [{r.w}, {r.h}]}}\n```\n[SEG]',
                 f"The {T}. <box>({r.x0},{r.y0}),({r.x1},{r.y1})</box> [SEG]")
        return f"{head}\n{text}{bridge}"
    if st == "debug":
        dice = r.rng.randint(62, 94)
        return c(f"it should be the {T}. here's the mask: [SEG]\n{text}{bridge} {pixel_note(r)} your pred's dice vs GT is 0.{dice}, "
                 f"so not terrible, prob the threshold (you're at 0.5).",
                 f"target = {T} [SEG]\n{pixel_note(r)} {text}{bridge} tbh I'd check the resize, you trained at {r.rng.choice([224, 256, 384])} px.",
                 f"ok so the answer is the {T}. Reference mask: [SEG]. {text}{bridge} {pixel_note(r)}")
    if st == "review":
        verdict = c("Accept.", "Accept with minor edits.", "Looks fine overall.")
        return c(f"Review: {'these are' if r.plural else 'this is'} the {T}, label matches. [SEG]\n- {pixel_note(r)}\n- {text}{bridge}\n{verdict}",
                 f"Checked against the prompt: target is the {T}. [SEG]\nComments: {text}{bridge} {pixel_note(r)} {verdict}",
                 f"{verdict} {'They are' if r.plural else 'It is'} the {T}. [SEG] {text}{bridge}\nNote: {pixel_note(r)}")
    conv_line = ""
    if conv == "radiological":
        conv_line = c(" Pixel x grows to the right of the screen, and in the radiological convention the patient's left is on the screen's right.",
                      " Column 0 is the left edge of the screen; in radiological display that edge is the patient's right.",
                      " Row 0 is the top of the screen and column 0 its left edge; this is a radiological display, so a high x means toward the patient's left.")
        if r.rng.random() < 0.4:
            conv_line += c(" If the same slice were shown in neurological convention, it would appear on the other half of the screen - the patient's side would not change.",
                           " Flip the display to neurological convention and the screen side swaps, but the anatomy does not.")
    elif conv == "neurological":
        conv_line = c(" This file is stored in neurological convention: higher x means further toward the patient's right, so screen side and patient side agree.",
                      " Unlike most scans, this one is displayed neurologically - screen right is the patient's right.")
        if r.rng.random() < 0.5:
            conv_line += " Had it been stored radiologically, the same column would point to the opposite side, which is why the header matters."
    elif r.o is None:
        conv_line = " There is no patient frame here (no orientation header), so only image directions make sense."
    return c(f"{'Those are' if r.plural else 'That is'} the {T}. [SEG]{conv_line}{bridge} {text}",
             f"You're looking for the {T}. [SEG] {text}{conv_line}{bridge}",
             f"The answer is the {T}. [SEG] {pixel_note(r)}{conv_line} {text}{bridge}")
