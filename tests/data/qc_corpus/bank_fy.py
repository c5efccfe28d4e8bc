"""Bank FY: PET-CT and nuclear medicine, written blind (without reading any QC rule, test or other bank).

Fused axial FDG and PSMA PET/CT slices (orientation LP), coronal fused PET/CT (LI) and planar Tc-99m MDP
bone scans in anterior (LI) and posterior (RI) views. Four registers: a nuclear medicine report, a
tumour-board chat, an oncologist explaining to a patient, an LLM summarising. The prose carries SUVmax
values, Deauville scores, injected activities, uptake times, PSA levels, physiological uptake in other
organs (with their own sides), radiological-convention explanations, general knowledge with numbers,
user premises that are corrected, and the assistant's own corrected slips. Every claim about the target
is written from the facts `compute_facts` measured on the synthetic mask and kept in `LEDGER`.

Own check (/work/notes/qcfy_scripts/check_fy.py), seed 20261308: rows 420, clean 210, defects 210
(laterality 42, position 42, size 42, count 42, names_target 42); defects sit in the first answer 50,
a follow-up answer 56, an uncorrected user premise 62, the question (names_target) 42; 23 targets,
1838 ledgered claims; problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

LEDGER: list[dict] = []   # one entry per built row: the claims it makes about the target
MASKS: list[np.ndarray] = []  # the masks facts were measured on, in build order (for the own check)

SIZE = 256
STYLES = ["report", "mdt", "patient", "llm"]

# view -> (orientation, modality, default body region)
VIEWS = {"axial": ("LP", "CT"), "coronal": ("LI", "CT"), "ant": ("LI", "other"), "post": ("RI", "other")}

_FDG = "FDG"
_PSMA = "PSMA"
_MDP = "MDP"

PROFILES = [
    {"target": "right upper lobe lung nodule", "view": "axial", "region": "chest", "tracer": _FDG,
     "pieces": [(0.30, 0.36, 0.035, 0.033)], "n": (1, 1), "unit": ("nodule", "nodules"),
     "others": {"descending aorta": (0.58, 0.62), "sternum": (0.5, 0.18)},
     "words": ["lung", "nodule", "lobe"],
     "clue": ["the abnormality that most likely explains this smoker's haemoptysis and would be the presumed primary",
              "the finding that a thoracic surgeon would want to resect or biopsy first in this suspected bronchogenic cancer"],
     "lay": ["the spot that might be the cancer the chest doctor was worried about after I coughed up blood",
             "the thing in my chest that the surgeon keeps mentioning"],
     "phys": ["physiological myocardial uptake, most marked in the left ventricular wall",
              "symmetric low-grade uptake in both vocal cords"]},
    {"target": "left hilar lymph node", "view": "axial", "region": "chest", "tracer": _FDG,
     "pieces": [(0.64, 0.47, 0.03, 0.028)], "n": (1, 1), "unit": ("node", "nodes"),
     "others": {"pulmonary trunk": (0.55, 0.40), "descending aorta": (0.60, 0.64)},
     "words": ["hilar", "hilum", "lymph node", "node"],
     "clue": ["the N1 station abnormality that would upstage this lung cancer",
              "the draining-station finding that changes the stage from N0 in this NSCLC work-up"],
     "lay": ["the gland near my breathing tubes that the team said might mean it has spread a little",
             "the gland they mentioned that decides whether I need chemotherapy as well"],
     "phys": ["normal uptake in the myocardium", "mild reactive uptake at the right lung base, likely atelectasis"]},
    {"target": "mediastinal lymph nodes", "view": "axial", "region": "chest", "tracer": _FDG,
     "pieces": [(0.44, 0.43, 0.025, 0.025), (0.56, 0.45, 0.025, 0.022), (0.50, 0.53, 0.022, 0.022)],
     "n": (2, 3), "unit": ("node", "nodes"),
     "others": {"descending aorta": (0.60, 0.66), "sternum": (0.5, 0.16)},
     "words": ["mediastin", "lymph node", "node"],
     "clue": ["the N2 disease that decides whether this patient is still surgical",
              "the findings between the lungs that would make the tumour board choose chemoradiotherapy over surgery"],
     "lay": ["the glands in my chest that decide whether I can have the operation",
             "what the team meant when they said it might have gone to the glands inside the chest"],
     "phys": ["physiological myocardial activity", "brown fat uptake in both supraclavicular fossae"]},
    {"target": "bilateral axillary lymph nodes", "view": "axial", "paired": True, "region": "chest", "tracer": _FDG,
     "pieces": [(0.14, 0.36, 0.03, 0.03), (0.86, 0.37, 0.03, 0.028), (0.17, 0.46, 0.025, 0.025),
                (0.83, 0.47, 0.025, 0.025)],
     "n": (2, 4), "unit": ("node", "nodes"),
     "others": {"sternum": (0.5, 0.18), "descending aorta": (0.58, 0.62)},
     "words": ["axilla", "axillary", "lymph node", "node"],
     "clue": ["the nodal disease in the armpits that would matter for staging this lymphoma",
              "the sites that make this Hodgkin lymphoma stage II or III depending on what's below the diaphragm"],
     "lay": ["the lumps under my arms that I could feel before the scan",
             "the swellings in my armpits the haematologist pressed on"],
     "phys": ["physiological uptake in the myocardium", "a focus at the left arm injection site"], "lymphoma": True},
    {"target": "liver metastases", "view": "axial", "region": "abdomen", "tracer": _FDG,
     "pieces": [(0.30, 0.42, 0.04, 0.035), (0.38, 0.55, 0.03, 0.03), (0.26, 0.56, 0.035, 0.03),
                (0.40, 0.40, 0.025, 0.025), (0.33, 0.66, 0.025, 0.022)],
     "n": (2, 5), "unit": ("deposit", "deposits"),
     "others": {"spleen": (0.78, 0.55), "stomach": (0.65, 0.35), "aorta": (0.53, 0.62)},
     "words": ["liver", "hepatic", "metasta"],
     "clue": ["the deposits in the organ that makes bile, which would make this colorectal cancer stage IV",
              "what turns this bowel cancer into stage IV disease for the HPB surgeons"],
     "lay": ["the spots in the organ that cleans my blood, the ones the bowel surgeon was worried about",
             "the places where my bowel cancer might have travelled that they want to burn or cut out"],
     "phys": ["normal excreted tracer in the left renal pelvis", "patchy physiological bowel uptake"]},
    {"target": "left adrenal metastasis", "view": "axial", "region": "abdomen", "tracer": _FDG,
     "pieces": [(0.63, 0.60, 0.03, 0.028)], "n": (1, 1), "unit": ("lesion", "lesions"),
     "others": {"aorta": (0.52, 0.60), "spleen": (0.78, 0.58), "liver": (0.30, 0.45)},
     "words": ["adrenal", "metasta"],
     "clue": ["the avid lesion on the gland sitting above the kidney that would mean M1b disease in this lung cancer",
              "the finding that makes this otherwise resectable NSCLC stage IV, on the small gland above the kidney"],
     "lay": ["the spot on the little gland on top of the kidney that my lung doctor mentioned",
             "the hormone gland spot that means the lung cancer may have spread"],
     "phys": ["normal uptake in the liver, used as the reference", "excreted tracer in the right renal pelvis"]},
    {"target": "pancreatic head tumour", "view": "axial", "region": "abdomen", "tracer": _FDG,
     "pieces": [(0.40, 0.50, 0.08, 0.07)], "n": (1, 1), "unit": ("mass", "masses"),
     "others": {"superior mesenteric vein": (0.48, 0.50), "aorta": (0.52, 0.62), "spleen": (0.80, 0.55)},
     "words": ["pancrea", "tumour", "tumor", "head"],
     "clue": ["the primary that explains this painless jaundice and the CA 19-9 of 890",
              "the mass obstructing the distal bile duct in this jaundiced patient"],
     "lay": ["the lump behind the stomach that's blocking the bile and turned my eyes yellow",
             "the thing that caused my jaundice"],
     "phys": ["physiological uptake in the stomach wall", "tracer in both renal collecting systems"]},
    {"target": "spleen", "view": "axial", "region": "abdomen", "tracer": _FDG,
     "pieces": [(0.75, 0.52, 0.12, 0.17)], "n": (1, 1), "unit": ("organ", "pieces"),
     "others": {"liver": (0.30, 0.45), "aorta": (0.52, 0.62)},
     "words": ["spleen", "splenic"],
     "clue": ["the organ that filters old red cells and here shows diffuse uptake above liver, pointing to lymphomatous involvement",
              "the blood-filtering organ whose uptake exceeds the liver's in this DLBCL staging scan"],
     "lay": ["the organ that filters my blood that the haematologist said is involved",
             "the organ under my ribs that the lymphoma has affected"],
     "phys": ["renal excretion, more on the right", "normal bowel activity"], "lymphoma": True},
    {"target": "bulky mediastinal mass", "view": "axial", "region": "chest", "tracer": _FDG,
     "pieces": [(0.50, 0.35, 0.16, 0.12)], "n": (1, 1), "unit": ("mass", "masses"),
     "others": {"descending aorta": (0.58, 0.68)},
     "words": ["mediastin", "mass", "bulky"],
     "clue": ["the dominant disease that would make this Hodgkin patient need consolidation radiotherapy",
              "the dominant disease site we'll score with Deauville at interim PET in this young woman with nodular sclerosis Hodgkin"],
     "lay": ["the lump in my chest that was pressing on my windpipe",
             "the thing in my chest that made me breathless"],
     "phys": ["mild diffuse marrow uptake, likely reactive", "normal myocardial uptake"], "lymphoma": True},
    {"target": "oesophageal tumour", "view": "axial", "region": "chest", "tracer": _FDG,
     "pieces": [(0.53, 0.60, 0.035, 0.03)], "n": (1, 1), "unit": ("tumour", "tumours"),
     "others": {"descending aorta": (0.62, 0.64), "sternum": (0.50, 0.17)},
     "words": ["oesophag", "esophag", "tumour", "tumor"],
     "clue": ["the primary behind this man's dysphagia to solids and weight loss",
              "the lesion in the swallowing tube that the endoscopist biopsied as adenocarcinoma"],
     "lay": ["the thing that makes food stick when I swallow",
             "the growth in my food pipe that the camera test found"],
     "phys": ["physiological uptake in the left ventricular myocardium", "mild gastric uptake"]},
    {"target": "left breast primary tumour", "view": "axial", "region": "chest", "tracer": _FDG,
     "pieces": [(0.76, 0.24, 0.035, 0.03)], "n": (1, 1), "unit": ("mass", "masses"),
     "others": {"sternum": (0.50, 0.20), "descending aorta": (0.58, 0.62)},
     "words": ["breast", "primary", "tumour", "tumor"],
     "clue": ["the index cancer that the mammogram found and the core biopsy confirmed as triple-negative",
              "the lesion we already know is the index cancer in this 44-year-old, so we can judge the other sites against it"],
     "lay": ["the lump I found in the shower",
             "the cancer the surgeon is planning to remove"],
     "phys": ["physiological uptake in the myocardium", "low-grade physiological uptake in the right breast parenchyma"]},
    {"target": "right cervical lymph nodes", "view": "axial", "region": "neck", "tracer": _FDG,
     "pieces": [(0.30, 0.46, 0.03, 0.03), (0.27, 0.57, 0.028, 0.026), (0.33, 0.64, 0.025, 0.025)],
     "n": (1, 3), "unit": ("node", "nodes"),
     "others": {"larynx": (0.50, 0.36), "cervical spine": (0.50, 0.72)},
     "words": ["cervical", "lymph node", "node"],
     "clue": ["the nodal disease in the neck that makes this HPV-positive oropharyngeal cancer N1 or worse",
              "what the head and neck surgeon will have to include in the neck dissection"],
     "lay": ["the lumps in my neck that started all of this",
             "the swollen glands in my neck the ENT doctor felt"],
     "phys": ["physiological uptake in both palatine tonsils", "symmetric uptake in the vocal cords"]},
    {"target": "PSMA-avid pelvic lymph nodes", "view": "axial", "paired": True, "region": "pelvis", "tracer": _PSMA,
     "pieces": [(0.30, 0.50, 0.025, 0.025), (0.70, 0.51, 0.025, 0.024), (0.27, 0.58, 0.022, 0.022),
                (0.73, 0.60, 0.022, 0.022)],
     "n": (2, 4), "unit": ("node", "nodes"),
     "others": {"urinary bladder": (0.50, 0.42), "rectum": (0.50, 0.72)},
     "words": ["lymph node", "node", "pelvic"],
     "clue": ["the sites explaining the PSA rise to 1.8 ng/mL after radical prostatectomy",
              "the recurrence sites that would change salvage radiotherapy fields in this biochemical relapse"],
     "lay": ["where my prostate cancer came back, since the PSA blood test went up again",
             "the glands the radiotherapy doctor wants to add to the treatment"],
     "phys": ["physiological excretion in the bladder", "expected PSMA uptake in the small bowel"]},
    {"target": "prostate cancer lesion", "view": "axial", "region": "pelvis", "tracer": _PSMA,
     "pieces": [(0.53, 0.56, 0.03, 0.028)], "n": (1, 1), "unit": ("lesion", "lesions"),
     "others": {"urinary bladder": (0.50, 0.36), "rectum": (0.50, 0.74)},
     "words": ["prostat", "cancer", "lesion"],
     "clue": ["the intraglandular focus matching the PI-RADS 5 target from the MRI in this man with a PSA of 11",
              "the dominant intraglandular focus we'd want the urologist to target"],
     "lay": ["the part of the gland that's causing my high PSA",
             "the spot the urologist will take samples from"],
     "phys": ["tracer in the bladder", "PSMA uptake in the right ureter"]},
    {"target": "right iliac bone metastasis", "view": "axial", "region": "pelvis", "tracer": _FDG,
     "pieces": [(0.24, 0.45, 0.08, 0.075)], "n": (1, 1), "unit": ("lesion", "lesions"),
     "others": {"sacrum": (0.50, 0.62), "urinary bladder": (0.50, 0.40)},
     "words": ["iliac", "bone", "metasta"],
     "clue": ["the skeletal deposit that explains her hip pain and the raised alkaline phosphatase",
              "the lytic, avid site in the pelvic skeleton that radiotherapy could palliate"],
     "lay": ["why my hip has been aching at night",
             "the spot that the radiotherapy would target for the pain"],
     "phys": ["physiological bladder activity", "uptake in the left colon, probably physiological"]},
    {"target": "vertebral metastasis", "view": "axial", "region": "abdomen", "tracer": _FDG,
     "pieces": [(0.50, 0.72, 0.045, 0.04)], "n": (1, 1), "unit": ("lesion", "lesions"),
     "others": {"aorta": (0.52, 0.55)},
     "words": ["vertebra", "spine", "spinal", "metasta"],
     "clue": ["the cause of this patient's new back pain, in the bony column that protects the cord",
              "the skeletal site that needs an MRI to rule out cord compression"],
     "lay": ["the cause of my back pain",
             "the spot in my backbone they want to check with an MRI"],
     "phys": ["uptake in the renal collecting systems", "normal liver background"]},
    {"target": "urinary bladder", "view": "axial", "region": "pelvis", "tracer": _FDG,
     "pieces": [(0.50, 0.45, 0.15, 0.13)], "n": (1, 1), "unit": ("structure", "pieces"),
     "others": {"rectum": (0.50, 0.74)},
     "words": ["bladder", "urinary"],
     "clue": ["the intensely hot thing in the pelvis that is excreted tracer rather than disease",
              "the reservoir that collects renally excreted FDG and can hide pelvic nodes next to it"],
     "lay": ["the very bright area low in my tummy, is that the cancer?",
             "the glowing thing in my pelvis the scan lady told me to empty before the pictures"],
     "phys": ["tracer in both ureters", "bowel uptake that is physiological"]},
    {"target": "kidneys", "view": "coronal", "region": "abdomen", "tracer": _FDG,
     "pieces": [(0.38, 0.52, 0.05, 0.09), (0.62, 0.50, 0.05, 0.09)], "n": (2, 2), "unit": ("organ", "organs"),
     "others": {"liver": (0.32, 0.35), "urinary bladder": (0.50, 0.85)},
     "words": ["kidney", "renal"],
     "clue": ["the paired organs that excrete FDG and light up on every scan without meaning disease",
              "the retroperitoneal organs whose physiological activity you must not call nodes"],
     "lay": ["the glowing bean shapes on the picture, should I worry about them?",
             "the organs that filter my urine, which look bright on the scan"],
     "phys": ["brain uptake", "physiological bladder activity"]},
    {"target": "right supraclavicular lymph node", "view": "coronal", "region": "neck", "tracer": _FDG,
     "pieces": [(0.34, 0.20, 0.03, 0.025)], "n": (1, 1), "unit": ("node", "nodes"),
     "others": {"thyroid": (0.50, 0.17), "liver": (0.35, 0.62)},
     "words": ["supraclavicular", "lymph node", "node"],
     "clue": ["the N3 station abnormality above the collarbone that would change the radiotherapy plan",
              "the site above the collarbone that would make this stage IIIC"],
     "lay": ["the lump just above my collarbone",
             "the gland at the base of my neck the doctor felt"],
     "phys": ["physiological tonsillar uptake", "symmetric brown fat at the shoulders"]},
    {"target": "rib metastases", "view": "post", "region": "whole body", "tracer": _MDP,
     "pieces": [(0.32, 0.30, 0.02, 0.015), (0.30, 0.38, 0.02, 0.015), (0.33, 0.46, 0.02, 0.015)],
     "n": (1, 3), "unit": ("hot spot", "hot spots"),
     "others": {"thoracic spine": (0.50, 0.38), "left kidney": (0.40, 0.55)},
     "words": ["rib", "metasta"],
     "clue": ["the hot spots on the bones of the chest wall that are in a line, not the pattern of trauma",
              "the skeletal foci along the chest cage that could be deposits in this breast cancer patient"],
     "lay": ["the dark spots on the bone scan around my chest",
             "the marks around my chest wall on the bone scan"],
     "phys": ["normal renal activity", "degenerative uptake at both knees"]},
    {"target": "sternal metastasis", "view": "ant", "region": "whole body", "tracer": _MDP,
     "pieces": [(0.50, 0.28, 0.025, 0.03)], "n": (1, 1), "unit": ("hot spot", "hot spots"),
     "others": {"urinary bladder": (0.50, 0.72)},
     "words": ["stern", "metasta"],
     "clue": ["the focus in the breastbone that, in breast cancer, is a deposit until proven otherwise",
              "the hot area in the chest wall in this woman with new chest pain"],
     "lay": ["the spot on my breastbone from the bone scan",
             "why my chest bone hurts"],
     "phys": ["normal bladder activity", "mild uptake at the right shoulder, probably degenerative"]},
    {"target": "left femoral metastasis", "view": "ant", "region": "whole body", "tracer": _MDP,
     "pieces": [(0.63, 0.76, 0.025, 0.035)], "n": (1, 1), "unit": ("hot spot", "hot spots"),
     "others": {"urinary bladder": (0.50, 0.62), "sternum": (0.50, 0.28)},
     "words": ["femor", "femur", "metasta"],
     "clue": ["the deposit in the thigh bone that might need prophylactic fixation",
              "the long-bone lesion the orthopaedic team should score with Mirels"],
     "lay": ["the spot in my thigh bone that the bone doctor wants to pin",
             "why my thigh hurts when I walk"],
     "phys": ["normal renal and bladder activity", "degenerative uptake in the right knee"]},
    {"target": "spinal metastases", "view": "post", "region": "whole body", "tracer": _MDP,
     "pieces": [(0.50, 0.32, 0.025, 0.02), (0.50, 0.44, 0.025, 0.02), (0.50, 0.56, 0.025, 0.02)],
     "n": (2, 3), "unit": ("hot spot", "hot spots"),
     "others": {"left kidney": (0.40, 0.55), "right kidney": (0.60, 0.56)},
     "words": ["spine", "spinal", "vertebra", "metasta"],
     "clue": ["the foci in the backbone that explain this man's back pain with a PSA of 240",
              "the axial skeleton deposits that would need an MRI for cord compression"],
     "lay": ["the hot spots down my back on the bone scan",
             "what's causing the pain in my back"],
     "phys": ["normal renal activity on both sides", "degenerative uptake at the left ankle"]},
]

_TRACER = {
    _FDG: {"name": "FDG", "agent": "18F-FDG", "dose": ["3.5 MBq/kg", "about 300 MBq", "250 MBq"],
           "time": ["60 minutes", "62 minutes", "an hour"], "lay": "a sugar-like tracer",
           "facts": ["Tumours that burn more glucose take up more FDG, which is why most lymphomas and lung cancers light up.",
                     "Deauville 1 to 3 is usually counted as a complete metabolic response; 4 and 5 are not.",
                     "Blood glucose should ideally be under about 11 mmol/L at injection, or uptake in tumours is blunted.",
                     "Mucinous tumours and low-grade lesions can be falsely negative, even when they are 2 or 3 cm across."]},
    _PSMA: {"name": "PSMA", "agent": "68Ga-PSMA-11", "dose": ["150 MBq", "2 MBq/kg", "about 180 MBq"],
            "time": ["60 minutes", "an hour", "55 minutes"], "lay": "a tracer that sticks to prostate cancer cells",
            "facts": ["Roughly 5 to 10% of prostate cancers express little PSMA and can be missed.",
                      "The salivary glands, kidneys and small bowel take up PSMA tracers normally.",
                      "At a PSA under 0.5 ng/mL, detection rates are lower, often quoted around 40 to 50%.",
                      "PSMA uptake in coeliac and stellate ganglia is a common benign pitfall."]},
    _MDP: {"name": "MDP", "agent": "99mTc-MDP", "dose": ["600 MBq", "about 700 MBq", "650 MBq"],
           "time": ["3 hours", "3.5 hours", "2.5 hours"], "lay": "a tracer that goes to areas of busy bone turnover",
           "facts": ["A bone scan shows osteoblastic activity, so purely lytic deposits such as myeloma can be missed.",
                     "A superscan shows diffusely increased skeletal uptake with faint or absent kidneys.",
                     "Hot spots in several consecutive ribs in a line usually mean trauma rather than metastases.",
                     "Degenerative uptake in the knees, shoulders and lower lumbar facets is common after about 50."]},
}

_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


# -- masks and facts --------------------------------------------------------------------------------

def record_for(p):
    orientation, modality = VIEWS[p["view"]]
    return {"modality": modality, "body_region": p["region"], "orientation": orientation}


def facts_for(p, rng):
    lo, hi = p["n"]
    n = rng.randint(lo, hi)
    pieces = list(p["pieces"])
    if n < len(pieces):
        if p.get("paired"):  # pieces 0 and 1 lie on opposite sides: keep both, then any others
            keep = [0, 1] + sorted(rng.sample(range(2, len(pieces)), n - 2))
        else:
            keep = sorted(rng.sample(range(len(pieces)), n))
        pieces = [pieces[k] for k in keep]
    yy, xx = np.mgrid[0:SIZE, 0:SIZE] / (SIZE - 1)
    m = np.zeros((SIZE, SIZE), bool)
    for cx, cy, rx, ry in pieces:
        cx += rng.uniform(-0.015, 0.015)
        cy += rng.uniform(-0.015, 0.015)
        rx *= rng.uniform(0.85, 1.15)
        ry *= rng.uniform(0.85, 1.15)
        m |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    MASKS.append(m)
    orientation = VIEWS[p["view"]][0]
    return compute_facts(m, orientation, dict(p["others"])).model_dump(mode="json")


# -- claim phrases ----------------------------------------------------------------------------------

def _vert_axis(p):
    return ("anterior", "posterior") if p["view"] == "axial" else ("superior", "inferior")


def _false_side(v, rng):
    if v in ("left", "right"):
        return "right" if v == "left" else "left"
    return rng.choice(["left", "right"])


def _false_vertical(v, p, rng):
    a, b = _vert_axis(p)
    if v == a:
        return b
    if v == b:
        return a
    return rng.choice([a, b])


_REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def _false_size(v, rng):
    return {"small": "large", "large": "small"}.get(v) or rng.choice(["small", "large"])


def _false_count(n, rng):
    if n == 1:
        return rng.choice([2, 3])
    return rng.choice([n - 1, n + 1]) if n > 2 else 3 if rng.random() < 0.5 else 1


def _pct_text(x):
    if x < 1:
        return f"{x:.1f}%"
    return f"{x:.0f}%" if x >= 10 else f"{x:.1f}%"


def _false_pct(af, rng):
    x = af * 100
    if x < 1:
        return rng.choice([9.0, 12.0, 15.0, 18.0])
    if x >= 5:
        return rng.choice([0.3, 0.4, 0.5])
    return rng.choice([0.1, 25.0, 30.0])


def side_text(v, style, p, rng):
    you = style == "patient"
    if v in ("left", "right"):
        other = "right" if v == "left" else "left"
        opts = {"report": [f"{v.capitalize()}-sided.", f"It lies on the {v}.", f"Laterality: {v}."],
                "mdt": [f"it's {v} sided", f"{v} side, not {other}", f"on the {v}"],
                "patient": [f"It's on your {v} side.", f"This is on the {v} side of your body, not the {other}.",
                            f"It sits on your {v}."],
                "llm": [f"**Side:** {v}", f"It is located on the patient's {v} side.",
                        f"The finding is {v}-sided (not {other})."]}[style]
    elif v == "bilateral":
        opts = {"report": ["Bilateral.", "Present on both sides.", "Disease is bilateral."],
                "mdt": ["it's bilateral", "both sides involved", "there's disease left and right"],
                "patient": ["It's on both sides of your body.", "There are spots on your left and on your right.",
                            "Both sides are involved, not just one."],
                "llm": ["**Side:** bilateral", "The finding is bilateral, involving both sides.",
                        "It affects both the left and the right side."]}[style]
    else:  # midline
        opts = {"report": ["Midline.", "It is centred on the midline.", "Situated in the midline."],
                "mdt": ["it's midline", "sits right on the midline", "dead centre, not off to either side"],
                "patient": ["It's in the middle of your body rather than to one side.",
                            "It sits right in the centre line of your body.",
                            "It isn't on your left or your right; it's in the middle."],
                "llm": ["**Side:** midline", "It is located in the midline.",
                        "The finding is central, on the midline rather than one-sided."]}[style]
    del you
    return rng.choice(opts)


def _vword(v, style):
    if style == "patient":
        return {"anterior": "towards the front of your body", "posterior": "towards your back",
                "superior": "high up on the picture, towards your head", "inferior": "low on the picture, towards your feet"}[v]
    return {"anterior": "anterior", "posterior": "posterior", "superior": "superior", "inferior": "inferior"}[v]


def vertical_text(v, style, p, rng):
    axial = p["view"] == "axial"
    if v == "central":
        if axial:
            opts = {"report": ["Centrally placed in the anteroposterior plane.",
                               "Mid-depth on the anteroposterior axis, neither anterior nor posterior."],
                    "mdt": ["mid-depth AP, neither front nor back really", "central front-to-back"],
                    "patient": ["Front to back, it's about halfway in your body.",
                                "It's roughly in the middle between your front and your back."],
                    "llm": ["**Depth:** central on the anteroposterior axis",
                            "On the front-to-back axis it sits centrally."]}[style]
        else:
            opts = {"report": ["Centrally placed craniocaudally on this view.",
                               "At mid-height on the image, neither superior nor inferior."],
                    "mdt": ["mid-height on the image", "central craniocaudally"],
                    "patient": ["On this picture it's about halfway between head and feet.",
                                "It's at mid-height on the picture."],
                    "llm": ["**Height:** central on the craniocaudal axis",
                            "Vertically it sits in the central part of the image."]}[style]
        return rng.choice(opts)
    w = _vword(v, style)
    opts = {"report": [f"Predominantly {w} in position.", f"It is {w}ly placed." if w in ("anterior", "posterior", "superior", "inferior") else f"It is {w}.",
                       f"Located in the {w} part of the slice."],
            "mdt": [f"it's {w}", f"sits {w}ly" if w in ("anterior", "posterior", "superior", "inferior") else f"sits {w}",
                    f"{w} on this slice"],
            "patient": [f"It's {w}.", f"It sits {w}."],
            "llm": [f"**Position:** {w}", f"It lies in the {w} portion of the image.",
                    f"Positionally, it is {w}."]}[style]
    return rng.choice(opts)


_REL_WORDS = {"left_of": ("to the left of", "to the patient's left of"),
              "right_of": ("to the right of", "to the patient's right of"),
              "anterior_to": ("anterior to", "in front of"), "posterior_to": ("posterior to", "behind"),
              "superior_to": ("superior to", "above"), "inferior_to": ("inferior to", "below")}


def relation_text(rel, other, style, p, rng):
    formal, plain = _REL_WORDS[rel]
    if style == "patient":
        w = {"left_of": "to the left of", "right_of": "to the right of"}.get(rel, plain)
        return rng.choice([f"It sits {w} your {other}.", f"It's {w} the {other}."])
    w = rng.choice([formal, plain])
    opts = {"report": [f"It lies {w} the {other}.", f"Located {w} the {other}."],
            "mdt": [f"it's {w} the {other}", f"sits {w} the {other}"],
            "llm": [f"**Relation:** {w} the {other}", f"It is positioned {w} the {other}."]}[style]
    return rng.choice(opts)


def size_text(v, style, p, rng):
    unit = p["unit"][0]
    word = {"small": ["small", "small-volume"], "medium": ["medium-sized", "moderate-sized"],
            "large": ["large", "sizeable"]}[v]
    w = rng.choice(word)
    if style == "patient":
        w = {"small": "small", "medium": "medium-sized", "large": rng.choice(["large", "quite big"])}[v]
    opts = {"report": [f"{w.capitalize()} in size.", f"It is {w} on this slice.", f"Size: {w}."],
            "mdt": [f"it's {w}", f"{w} on this cut", f"size wise it's {w}"],
            "patient": [f"It's {w}." if v != "medium" else "It's medium-sized.",
                        f"In size it's what we'd call {w}."],
            "llm": [f"**Size:** {w}", f"The {unit} is {w} on this image.", f"Overall it is {w}."]}[style]
    return rng.choice(opts)


def pct_text(x, style, p, rng):
    t = _pct_text(x)
    opts = {"report": [f"It occupies approximately {t} of the image area.", f"Area on this slice: about {t} of the field."],
            "mdt": [f"takes up ~{t} of the image", f"about {t} of the slice area"],
            "patient": [f"On the picture it covers about {t} of the image.", f"It takes up roughly {t} of this picture."],
            "llm": [f"**Extent:** about {t} of the image area", f"It covers approximately {t} of the image."]}[style]
    return rng.choice(opts)


def count_text(n, style, p, rng):
    one, many = p["unit"]
    if n == 1:
        opts = {"report": [f"Single {one}.", f"Solitary {one}.", f"One {one} only."],
                "mdt": [f"just one {one}", f"single {one}", f"only one {one}"],
                "patient": [f"There's just one {one}.", f"It's a single {one}."],
                "llm": [f"**Count:** 1 {one}", f"There is a single {one}.", f"Only one {one} is present."]}[style]
    else:
        w = _NUM[n]
        opts = {"report": [f"{w.capitalize()} discrete {many}.", f"{n} separate {many}.", f"There are {w} {many}."],
                "mdt": [f"{w} {many}", f"{n} separate {many}", f"count is {w}"],
                "patient": [f"There are {w} separate {many}.", f"We can see {w} {many}."],
                "llm": [f"**Count:** {n} {many}", f"There are {w} separate {many}.", f"In total, {w} {many} are visible."]}[style]
    return rng.choice(opts)


# -- premises (user turns) --------------------------------------------------------------------------

def premise(kind, val, style, p, rng):
    """A user question that takes a claim as given; `val` may be true or false."""
    one, many = p["unit"]
    if kind == "side":
        s = {"left": "on the left", "right": "on the right", "bilateral": "on both sides",
             "midline": "in the midline"}[val]
        c = {"report": [f"Given that it is {s}, does that change the nodal drainage you'd expect?",
                        f"As it's {s}, is there anything on the contralateral side I should worry about?"],
             "mdt": [f"ok so it's {s} — does that matter for the RT field?", f"since it's {s}, who's doing the biopsy?"],
             "patient": [f"So it's {s}. Does that make the operation harder?", f"Since it's {s}, will I feel it there?"],
             "llm": [f"Since it is {s}, what should the next step be?", f"Given that it's {s}, summarise the implications."]}
    elif kind == "vertical":
        s = {"anterior": "anterior", "posterior": "posterior", "superior": "superior", "inferior": "inferior",
             "central": "central"}[val]
        if style == "patient":
            s = {"anterior": "towards the front", "posterior": "towards the back", "superior": "high up",
                 "inferior": "low down", "central": "in the middle front to back"}[val]
        c = {"report": [f"With it being {s}, would a CT-guided approach be feasible?",
                        f"If it's {s}, is it accessible percutaneously?"],
             "mdt": [f"and it's {s}, so IR can reach it?", f"given it's {s} — easy target for IR?"],
             "patient": [f"So it's {s}. Is that easier to get to?", f"If it's {s}, can they get a needle in?"],
             "llm": [f"Since it is {s}, is a biopsy route straightforward?", f"Given its {s} position, what access would you suggest?"]}
    elif kind == "relation":
        rel, other = val
        s = f"{_REL_WORDS[rel][1]} the {other}"
        c = {"report": [f"As it lies {s}, is the {other} itself involved?", f"Since it is {s}, is there any invasion?"],
             "mdt": [f"it's {s} yeah? any invasion?", f"so it's {s} — does it abut it?"],
             "patient": [f"So it's {s}. Is the {other} OK?", f"If it's {s}, is my {other} affected?"],
             "llm": [f"Given it sits {s}, is the {other} involved?", f"Since it's {s}, could the {other} be affected?"]}
    elif kind == "size":
        s = {"small": "small", "medium": "medium-sized", "large": "large"}[val]
        c = {"report": [f"Given it's {s}, is it measurable for PERCIST?", f"Since the lesion is {s}, is partial-volume an issue for the SUV?"],
             "mdt": [f"it's {s} though — worth treating?", f"{s} one, so does the SUV still count?"],
             "patient": [f"So it's {s}. Is that good or bad?", f"Since it's {s}, will the treatment work?"],
             "llm": [f"Since it is {s}, how reliable is the SUV?", f"Given that it is {s}, what does that imply?"]}
    elif kind == "pct":
        s = f"about {_pct_text(val)} of the image"
        c = {"report": [f"Since it covers {s}, is it bulky?"], "mdt": [f"it's {s} right — bulky or not?"],
             "patient": [f"If it covers {s}, is that a lot?"], "llm": [f"Given it covers {s}, is that significant?"]}
    else:  # count
        s = f"a single {one}" if val == 1 else f"{_NUM[val]} {many}"
        c = {"report": [f"With {s}, is this oligometastatic?", f"Given there are {s.replace('a single', 'only one')} here, would you biopsy the most avid?"],
             "mdt": [f"so {s} — oligo or not?", f"{s}, biopsy the hottest?"],
             "patient": [f"So there's {s}. Is that a lot?", f"With {s}, can they treat all of it?"],
             "llm": [f"Since there is {s}, what are the options?" if val == 1 else f"Since there are {s}, what are the options?",
                     f"Given {s}, summarise the treatment implications."]}
    return rng.choice(c[style])


def premise_answer(kind, style, p, rng):
    """An answer to a premise that neither repeats nor corrects it."""
    tr = _TRACER[p["tracer"]]
    opts = {"report": ["That is a question for the multidisciplinary meeting; tissue confirmation is advisable.",
                       f"Correlation with the diagnostic CT and histology is recommended. {rng.choice(tr['facts'])}",
                       "It does not alter the metabolic staging; the plan depends on histology."],
            "mdt": ["tbh that's a surgical call, I'd take it to the MDT", "I'd get tissue first, then decide",
                    f"doesn't change my read. fwiw {rng.choice(tr['facts']).lower()}"],
            "patient": ["That's a fair question. It's something your surgeon and I will talk through at the team meeting.",
                        "It doesn't change what we'd recommend; the next step is getting a sample to be sure.",
                        f"Good question. {rng.choice(tr['facts'])} We'll go through the plan together."],
            "llm": ["That depends on histology and performance status; the multidisciplinary team should decide.",
                    f"The main implication is that tissue confirmation is needed. Note: {rng.choice(tr['facts'])}",
                    "This would typically be discussed at the tumour board before any treatment decision."]}[style]
    return rng.choice(opts)


# -- theme filler ------------------------------------------------------------------------------------

def _suv(rng, p=None):
    if p is not None and p["tracer"] == _MDP:
        return f"{rng.uniform(2.5, 9.0):.1f} (lesion-to-background ratio)"
    return f"{rng.uniform(3.1, 18.9):.1f}"


def filler(style, p, rng, facts):
    """Sentences that are true but not about the target's geometry: SUVs, doses, physiological uptake
    elsewhere, conventions, general knowledge with numbers."""
    tr = _TRACER[p["tracer"]]
    phys = rng.choice(p["phys"])
    suv, liver = _suv(rng), f"{rng.uniform(1.6, 2.6):.1f}"
    if p["tracer"] == _MDP:
        ratio = f"{rng.uniform(2.5, 9.0):.1f}"
        tail = {"report": [f"Lesion-to-normal-bone ratio approximately {ratio}.", "There is " + phys + ".",
                           f"{tr['agent']} {rng.choice(tr['dose'])}, delayed images at {rng.choice(tr['time'])}."],
                "mdt": [f"lesion:background ~{ratio}", f"ignore the {phys.split(',')[0]}, that's normal",
                        f"delayeds at {rng.choice(tr['time'])}"],
                "patient": [f"The scan used {tr['lay']}, given {rng.choice(tr['time'])} before the pictures.",
                            f"Some brightness elsewhere is normal: for example {phys}.",
                            f"It's roughly {ratio} times brighter than the normal bone around it."],
                "llm": [f"- **Lesion-to-background ratio:** ~{ratio}", f"- **Physiological uptake:** {phys}",
                        f"- **Tracer:** {tr['agent']}, {rng.choice(tr['dose'])}"]}[style]
    conv = []
    if p["view"] == "axial":
        conv.append("The slice is displayed in radiological convention, so the patient's right is on the left of the screen.")
    elif p["view"] == "post":
        conv.append("This is a posterior view, so the patient's left is on the left of the image.")
    elif p["view"] == "ant":
        conv.append("On the anterior view the patient's right appears on the image's left.")
    else:
        conv.append("The coronal image is shown as if facing the patient, with the patient's right on the screen's left.")
    if style == "report":
        s = [f"SUVmax {suv} (liver SUVmean {liver}).", f"There is {phys}.",
             f"{tr['agent']} {rng.choice(tr['dose'])}, imaged at {rng.choice(tr['time'])}."]
        if p.get("lymphoma") and rng.random() < 0.7:
            s.append(f"Deauville score {rng.choice([3, 4, 5])}.")
    elif style == "mdt":
        s = [f"SUVmax {suv}", f"ignore the {phys.split(',')[0]}, that's normal",
             f"uptake time was {rng.choice(tr['time'])}"]
    elif style == "patient":
        s = [f"The scan used {tr['lay']}, given {rng.choice(tr['time'])} before the pictures.",
             f"Some brightness elsewhere is normal: for example {phys}.",
             f"We measure how bright it is with a number called the SUV; here it's about {suv}."]
    else:
        s = [f"- **SUVmax:** {suv}", f"- **Physiological uptake:** {phys}",
             f"- **Tracer:** {tr['agent']}, {rng.choice(tr['dose'])}"]
    if p["tracer"] == _MDP:
        s = tail
    rng.shuffle(s)
    extra = [rng.choice(conv)] if rng.random() < 0.5 else []
    if rng.random() < 0.5:
        extra.append(rng.choice(tr["facts"]))
    if style == "llm":
        extra = [f"- {e}" for e in extra]
    return s[: rng.randint(1, 3)] + extra


# -- conversation --------------------------------------------------------------------------------------

def _q1(p, style, rng, named):
    if named:
        t = p["target"]
        opts = {"report": [f"Clinical question: please outline the {t} on this fused slice and comment on it.",
                           f"Request: segment the {t} and report its features."],
                "mdt": [f"can you draw round the {t} for the MDT slides?", f"pls segment the {t} on this one"],
                "patient": [f"Can you show me the {t} on my scan?", f"Where is the {t} the doctor talked about?"],
                "llm": [f"Segment the {t} in this image and summarise the findings.",
                        f"Highlight the {t} and give me a short summary."]}[style]
        return rng.choice(opts)
    scan = {"axial": "fused PET/CT slice", "coronal": "coronal PET/CT image", "ant": "bone scan", "post": "bone scan"}[p["view"]]
    if style == "patient":
        clue = rng.choice(p["lay"])
        opts = [f"I had my {'bone scan' if p['tracer'] == _MDP else 'PET scan'} last week. Can you show me {clue}?",
                f"Doctor, on this picture, where is {clue}?",
                f"I'm a bit scared. Which part of the scan is {clue}?"]
    else:
        clue = rng.choice(p["clue"])
        opts = {"report": [f"Clinical question: on this {scan}, please identify and outline {clue}.",
                           f"Referral: {p['tracer']} study. Which structure on this {scan} is {clue}? Please mark it."],
                "mdt": [f"quick one before the 4pm board — on this {scan}, what's {clue}? can you outline it",
                        f"hey, for tomorrow's MDT: which bit of this {scan} is {clue}?"],
                "llm": [f"Here is a {scan}. Identify {clue}, segment it, and summarise.",
                        f"Look at this {scan} and point out {clue}. Then give a structured summary."]}[style]
    return rng.choice(opts)


def _claim_text(kind, val, style, p, rng):
    if kind == "side":
        return side_text(val, style, p, rng)
    if kind == "vertical":
        return vertical_text(val, style, p, rng)
    if kind == "relation":
        return relation_text(val[0], val[1], style, p, rng)
    if kind == "size":
        return size_text(val, style, p, rng)
    if kind == "pct":
        return pct_text(val, style, p, rng)
    return count_text(val, style, p, rng)


_KIND_OF = {"side": "laterality", "vertical": "position", "relation": "position", "size": "size", "pct": "size",
            "count": "count"}


def _true_value(kind, facts, rng):
    if kind == "side":
        return facts["laterality"]
    if kind == "vertical":
        return facts["vertical"]
    if kind == "relation":
        r = rng.choice(facts["relations"])
        return (r["relation"], r["other"])
    if kind == "size":
        return facts["size_class"]
    if kind == "pct":
        return max(0.1, round(facts["area_fraction"] * 100, 1 if facts["area_fraction"] < 0.1 else 0))
    return facts["components"]


def _false_value(kind, facts, p, rng):
    if kind == "side":
        return _false_side(facts["laterality"], rng)
    if kind == "vertical":
        return _false_vertical(facts["vertical"], p, rng)
    if kind == "relation":
        r = rng.choice(facts["relations"])
        return (_REL_OPP[r["relation"]], r["other"])
    if kind == "size":
        return _false_size(facts["size_class"], rng)
    if kind == "pct":
        return _false_pct(facts["area_fraction"], rng)
    return _false_count(facts["components"], rng)


def _intro(p, style, rng):
    t = p["target"]
    opts = {"report": [f"FINDINGS: {rng.choice(['Intensely', 'Markedly', 'Moderately'])} {_avid(p)} {t} [SEG].",
                       f"FINDINGS: The abnormality is the {t} [SEG], which is {_avid(p)}."],
            "mdt": [f"that's the {t} [SEG]", f"it's the {t} — outlined [SEG]", f"{t}, see outline [SEG]"],
            "patient": [f"What you're asking about is the {t}. I've outlined it here [SEG].",
                        f"That's the {t} — it's the part I've highlighted [SEG]."],
            "llm": [f"## Summary\nThe finding is the **{t}** [SEG].", f"**Identified structure:** {t} [SEG]"]}[style]
    return rng.choice(opts)


def _avid(p):
    return {"FDG": "FDG-avid", "PSMA": "PSMA-avid", "MDP": "tracer-avid"}[p["tracer"]]


def _join(style, parts):
    if style == "llm":
        return "\n".join(x if x.startswith(("-", "#", "*")) else f"- {x}" for x in parts)
    if style == "mdt":
        return ". ".join(x.rstrip(".") for x in parts)
    return " ".join(parts)


_ASK = {
    "side": {"report": ["Which side is it on?", "Please confirm laterality."],
             "mdt": ["which side?", "side?"],
             "patient": ["Which side of me is it on?", "Is it on my left or my right?"],
             "llm": ["Which side is it on?", "What is its laterality?"]},
    "vertical": {"report": ["Where does it lie on this slice?", "Position on the image?"],
                 "mdt": ["where on the slice?", "front or back / high or low?"],
                 "patient": ["Whereabouts is it, exactly?", "Is it near the front or the back, or up or down?"],
                 "llm": ["Where is it positioned on the image?", "Describe its position."]},
    "relation": {"report": ["Relationship to adjacent structures?", "How does it relate to the neighbouring anatomy?"],
                 "mdt": ["relation to the stuff around it?", "what's it next to?"],
                 "patient": ["What is it next to?", "Is it near anything important?"],
                 "llm": ["How does it relate to nearby structures?", "What is it adjacent to?"]},
    "size": {"report": ["How large is it?", "Comment on size."],
             "mdt": ["how big?", "size?"],
             "patient": ["How big is it?", "Is it big?"],
             "llm": ["How large is it?", "What about its size?"]},
    "pct": {"report": ["How much of the image does it occupy?"], "mdt": ["how much of the slice is it?"],
            "patient": ["How much of the picture does it take up?"], "llm": ["What fraction of the image does it cover?"]},
    "count": {"report": ["How many lesions are there?", "Single or multiple?"],
              "mdt": ["how many?", "one or more?"],
              "patient": ["Is there just one, or more?", "How many are there?"],
              "llm": ["How many separate components are there?", "How many are visible?"]},
}


_OPENERS = {"report": ["", "", "On review: "], "mdt": ["", "yep — ", "sure, "],
            "patient": ["", "Good question. ", "Of course. "], "llm": ["", "", ""]}


def _correction(kind, style, rng):
    return {"report": ["Correction to the query: ", "Not quite — "], "mdt": ["no — ", "actually no, "],
            "patient": ["Not quite. ", "Actually, no. "], "llm": ["Small correction: ", "That's not quite right. "]}[style][rng.randrange(2)]


def _slip(kind, false_val, true_val, style, p, rng):
    """The assistant's own slip, corrected in the next breath."""
    if kind == "side":
        fw = {"left": "left", "right": "right"}.get(false_val, false_val)
        tw = {"bilateral": "on both sides", "midline": "in the midline"}.get(true_val, f"on the {true_val}")
        return {"report": f"It is on the {fw} — correction: it is {tw}.",
                "mdt": f"it's {fw}... sorry, scratch that, it's {tw}",
                "patient": f"It's on your {fw} — sorry, I misspoke, it's {tw}.",
                "llm": f"~~It is on the {fw} side.~~ Correction: it is {tw}."}[style]
    if kind == "count":
        return {"report": f"{_NUM[false_val].capitalize()} {p['unit'][1] if false_val > 1 else p['unit'][0]} — correction, {_NUM[true_val]} on recount.",
                "mdt": f"{_NUM[false_val]} {p['unit'][1] if false_val > 1 else p['unit'][0]}... no wait, {_NUM[true_val]}, miscounted",
                "patient": f"I see {_NUM[false_val]}... actually, let me recount: there {'is' if true_val == 1 else 'are'} {_NUM[true_val]}.",
                "llm": f"~~Count: {false_val}~~ Correction: the count is {true_val}."}[style]
    raise ValueError(kind)


def build(p, facts, style, rng, defect):
    kinds = ["side", "count", rng.choice(["size", "size", "pct"])]
    pos = ["vertical"] + (["relation"] if facts["relations"] else [])
    kinds.append(rng.choice(pos))
    rng.shuffle(kinds)
    dkind = None
    if defect in ("laterality", "position", "size", "count"):
        dkind = {"laterality": "side", "count": "count"}.get(defect)
        if defect == "position":
            dkind = next(k for k in kinds if k in ("vertical", "relation"))
        elif defect == "size":
            dkind = next(k for k in kinds if k in ("size", "pct"))
    where = rng.choice(["first", "follow", "premise"]) if dkind else None
    n_first = rng.randint(1, 3)
    if where == "first":
        kinds.remove(dkind)
        kinds.insert(rng.randint(0, min(n_first, len(kinds))), dkind)
        n_first = max(n_first, kinds.index(dkind) + 1)
    elif where in ("follow", "premise"):
        kinds.remove(dkind)
        kinds.append(dkind)
        n_first = min(n_first, len(kinds) - 1)
    first, rest = kinds[:n_first], kinds[n_first:]
    # follow-up rounds: each covers one kind; at most 3 rounds; surplus goes into the first answer
    while len(rest) > 3:
        first.append(rest.pop(0))
    claims = []
    turns = []

    def say(role, text):
        turns.append({"role": role, "content": text})
        return len(turns) - 1

    def value_for(kind):
        if kind == dkind:
            return _false_value(kind, facts, p, rng), False
        return _true_value(kind, facts, rng), True

    named = defect == "names_target"
    say("user", _q1(p, style, rng, named))
    # first answer
    parts = [_intro(p, style, rng)]
    pending = []
    clean = defect is None
    slip_kind = None
    if clean and rng.random() < 0.3:
        cand = [k for k in first if k in ("side", "count")]
        if cand:
            slip_kind = rng.choice(cand)
    for k in first:
        v, ok = value_for(k)
        if k == slip_kind:
            fv = _false_value(k, facts, p, rng)
            if k == "side" and facts["laterality"] in ("bilateral", "midline"):
                fv = rng.choice(["left", "right"])
            t = _slip(k, fv, v, style, p, rng)
            pending.append((k, fv, True, True, t))
            pending.append((k, v, True, False, t))
        else:
            t = _claim_text(k, v, style, p, rng)
            pending.append((k, v, ok, False, t))
        parts.append(t)
    fill = filler(style, p, rng, facts)
    if dkind != "side" and facts["laterality"] in ("left", "right") and rng.random() < 0.3:
        opp = "right" if facts["laterality"] == "left" else "left"
        fill.append({"report": f"Had it been {opp}-sided, the management would be unchanged.",
                     "mdt": f"even if it were {opp} sided I'd say the same",
                     "patient": f"Even if it had been on your {opp} side, the treatment would be the same.",
                     "llm": f"- *Note:* had it been {opp}-sided, the recommendation would not change."}[style])
    elif rng.random() < 0.2:
        fill.append({"report": "Oligometastatic disease is generally taken as up to 5 sites.",
                     "mdt": "fwiw oligo is usually <=5 sites",
                     "patient": "Doctors usually call it 'limited spread' when there are five spots or fewer.",
                     "llm": "- *Context:* oligometastatic disease is usually defined as 5 or fewer lesions."}[style])
    # vary order: claims first or filler first (intro stays first)
    body = parts[1:] + fill if rng.random() < 0.6 else fill[:1] + parts[1:] + fill[1:]
    if style == "report":
        imp = rng.choice([f"IMPRESSION: {_avid(p)} {p['target']}, in keeping with the clinical question.",
                          f"IMPRESSION: Findings consistent with {p['target']}; no other suspicious {_avid(p)} focus on this slice."])
        text = _join(style, [parts[0]] + body) + "\n" + imp
    else:
        text = _join(style, [parts[0]] + body)
    ti = say("assistant", text)
    for k, v, ok, corr, t in pending:
        claims.append({"kind": k, "value": v, "turn": ti, "role": "assistant", "corrected": corr, "text": t,
                       "true": ok and not corr})
    # follow-ups
    premise_fix = clean and rest and rng.random() < 0.45
    fix_at = rng.randrange(len(rest)) if premise_fix else -1
    for j, k in enumerate(rest):
        v, ok = value_for(k)
        op = rng.choice(_OPENERS[style])
        if k == dkind and where == "premise":
            ui = say("user", premise(k, v, style, p, rng))
            claims.append({"kind": k, "value": v, "turn": ui, "role": "user", "corrected": False,
                           "text": turns[ui]["content"], "true": False})
            say("assistant", premise_answer(k, style, p, rng))
        elif j == fix_at:
            fv = _false_value(k, facts, p, rng)
            ui = say("user", premise(k, fv, style, p, rng))
            claims.append({"kind": k, "value": fv, "turn": ui, "role": "user", "corrected": True,
                           "text": turns[ui]["content"], "true": False})
            t = _claim_text(k, v, style, p, rng)
            ai = say("assistant", _correction(k, style, rng) + t + " " + premise_answer(k, style, p, rng))
            claims.append({"kind": k, "value": v, "turn": ai, "role": "assistant", "corrected": False,
                           "text": t, "true": True})
        elif clean and rng.random() < 0.3:
            ui = say("user", premise(k, v, style, p, rng))  # a true premise, confirmed
            claims.append({"kind": k, "value": v, "turn": ui, "role": "user", "corrected": False,
                           "text": turns[ui]["content"], "true": True})
            say("assistant", premise_answer(k, style, p, rng))
        else:
            ui = say("user", rng.choice(_ASK[k][style]))
            t = _claim_text(k, v, style, p, rng)
            extra = rng.choice(_TRACER[p["tracer"]]["facts"]) if rng.random() < 0.3 else ""
            sep = ". " if style == "mdt" else " "
            ai = say("assistant", (op + t.rstrip(".") * (style == "mdt") + t * (style != "mdt")
                                   + (sep + extra if extra else "")).strip())
            claims.append({"kind": k, "value": v, "turn": ai, "role": "assistant", "corrected": False,
                           "text": t, "true": ok})
    if len(turns) < 4 or (len(turns) < 8 and rng.random() < 0.3):
        closing = {"report": ["Any other avid disease?", "Anything else of note?"],
                   "mdt": ["anything else hot?", "rest of the scan ok?"],
                   "patient": ["Is anything else lighting up?", "What about the rest of my body?"],
                   "llm": ["Anything else worth noting?", "Any other findings?"]}[style]
        say("user", rng.choice(closing))
        ph = rng.choice(p["phys"])
        say("assistant", {"report": f"No further abnormal focus on this slice. Note {ph}, which is physiological.",
                          "mdt": f"nothing else abnormal on this slice, just {ph}",
                          "patient": f"Nothing else worrying on this picture. There's {ph}, which is normal.",
                          "llm": f"- No other abnormal uptake on this image.\n- Physiological: {ph}."}[style])
    LEDGER.append({"target": p["target"], "defect": defect, "where": where if dkind else ("question" if named else None),
                   "claims": claims})
    return turns, ([] if defect is None else [defect])
