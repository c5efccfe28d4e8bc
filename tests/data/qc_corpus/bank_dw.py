"""Bank DW: multi-lesion and paired targets where counting and sides get intricate.

Targets: brain metastases, multiple sclerosis lesions, brain tumor (with a satellite), lung nodules (CT and
chest film), lung metastases, lung tumor (with a satellite), lungs (chest film), liver metastases, liver cysts,
liver, kidneys (axial CT and coronal MR), kidney cysts, kidney tumor, left kidney, adrenal glands, polyp
(endoscopy, one to three), skin lesion (dermoscopy, single or with satellites), lymph nodes (axillary,
mediastinal in the midline, para-aortic), uterine fibroids (three pieces, midline overall). Most masks are
multi-piece or bilateral; a few are single organs for contrast.

Registers (STYLES): "oncology_followup" (compares with a prior study in words; prior numbers are about the
prior), "lesion_table" (per-lesion list or markdown table plus a summary line), "tumor_board" (terse board
summary lines), "explainer" (teaching why the count of pieces on one slice can differ from the volume).

Every row carries per-lesion statements (sides of individual lesions, "two on the left and one on the
right", sizes of single lesions in mm, "the remaining two are tiny", satellites "behind it"), counts of things
that are not the mask (prior lesions, ribs, vessels, lobes), true negations, the radiological convention,
population numbers and knowledge about other structures. The planted defect is always about the whole mask
(laterality, vertical position or a relation, size class or percent of the whole mask, number of pieces).
Each build() leaves a ledger of the whole-mask claims it wrote in `LEDGER` (turn, kind, value, fragment);
the writer's own reader checks it against the facts.

Written without reading QC (medseg_qa/qc, knowledge, tests/unit, bench and the other banks were not opened).
Own check (/work/notes/qcdw_scripts/check_dw.py) on heldout_dw.jsonl:
rows: 420 clean: 210 defect: 210 (laterality 42, position 42, size 42, count 42, names_target 42) claims: 3046
planted in: {'first answer': 111, 'user': 31, 'follow-up answer': 26} problems: 0
(349 of 420 rows have a multi-piece, bilateral or midline mask.)
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["oncology_followup", "lesion_table", "tumor_board", "explainer"]

LEDGER: list[dict] = []  # whole-mask claims written by the last build(): turn, kind, value, frag

# ---------------------------------------------------------------------------------------------------------
# profiles: lesions are (cx, cy, rx, ry, angle_deg, site) in pixels of a 256 x 256 image; `others` are
# normalised (x, y) centroids of neighbouring structures (they give the relations)

PROFILES: list[dict] = [
    # -- brain (axial MR, LP: the patient's left is on the image's right, rows go posterior)
    dict(key="bm_a", fam="brain_mets", target="brain metastases", orient="LP", mod="MR", region="head", mm=0.94,
         lesions=[(172, 86, 11, 9, 20, "frontal lobe"), (160, 176, 5, 5, 0, "occipital lobe"),
                  (84, 104, 6, 5, 0, "frontal lobe")],
         others={"third ventricle": (0.5, 0.5), "pineal gland": (0.5, 0.6)}),
    dict(key="bm_b", fam="brain_mets", target="brain metastases", orient="LP", mod="MR", region="head", mm=0.94,
         lesions=[(78, 150, 9, 8, 0, "parietal lobe"), (96, 190, 5, 4, 0, "occipital lobe")],
         others={"third ventricle": (0.5, 0.5), "genu of the corpus callosum": (0.5, 0.33)}),
    dict(key="bm_c", fam="brain_mets", target="brain metastases", orient="LP", mod="MR", region="head", mm=0.94,
         lesions=[(82, 124, 15, 13, 10, "temporal lobe"), (170, 100, 7, 6, 0, "frontal lobe"),
                  (182, 160, 3, 3, 0, "parietal lobe"), (100, 70, 3, 3, 0, "frontal lobe")],
         others={"genu of the corpus callosum": (0.5, 0.3), "pineal gland": (0.5, 0.62)}),
    dict(key="ms_a", fam="ms", target="multiple sclerosis lesions", orient="LP", mod="MR", region="head", mm=0.94,
         lesions=[(150, 100, 5, 3, 30, "frontal periventricular white matter"),
                  (158, 140, 6, 4, -20, "periventricular white matter"),
                  (104, 96, 4, 3, 0, "frontal periventricular white matter"),
                  (100, 150, 7, 4, 15, "periventricular white matter"),
                  (172, 120, 3, 3, 0, "deep white matter")],
         others={"genu of the corpus callosum": (0.5, 0.33), "splenium of the corpus callosum": (0.5, 0.68)}),
    dict(key="ms_b", fam="ms", target="multiple sclerosis lesions", orient="LP", mod="MR", region="head", mm=0.94,
         lesions=[(160, 110, 5, 4, 0, "periventricular white matter"), (176, 136, 4, 3, 0, "deep white matter"),
                  (150, 160, 6, 3, 25, "periventricular white matter")],
         others={"genu of the corpus callosum": (0.5, 0.33), "splenium of the corpus callosum": (0.5, 0.7)}),
    dict(key="gbm", fam="brain_tumor", target="brain tumor", orient="LP", mod="MR", region="head", mm=0.94,
         lesions=[(90, 100, 30, 24, 15, "frontal lobe"), (98, 152, 6, 5, 0, "frontal white matter")],
         others={"third ventricle": (0.5, 0.52), "pineal gland": (0.5, 0.62)}),
    # -- chest CT (axial, LP)
    dict(key="ln_a", fam="lung_nodules", target="lung nodules", orient="LP", mod="CT", region="chest", mm=1.37,
         lesions=[(180, 90, 5, 5, 0, "upper lobe"), (195, 150, 4, 3, 0, "lower lobe"),
                  (70, 130, 6, 5, 0, "lower lobe")],
         others={"heart": (0.56, 0.38), "descending aorta": (0.6, 0.62)}),
    dict(key="ln_b", fam="lung_nodules", target="lung nodules", orient="LP", mod="CT", region="chest", mm=1.37,
         lesions=[(75, 90, 7, 6, 0, "upper lobe"), (60, 150, 4, 4, 0, "lower lobe")],
         others={"heart": (0.56, 0.4), "descending aorta": (0.6, 0.62)}),
    dict(key="lmet", fam="lung_mets", target="lung metastases", orient="LP", mod="CT", region="chest", mm=1.37,
         lesions=[(175, 80, 9, 8, 0, "upper lobe"), (190, 140, 12, 11, 0, "lower lobe"),
                  (165, 185, 7, 7, 0, "lower lobe"), (75, 90, 10, 9, 0, "upper lobe"),
                  (62, 150, 8, 8, 0, "lower lobe"), (90, 190, 6, 5, 0, "lower lobe")],
         others={"heart": (0.55, 0.38), "sternum": (0.5, 0.2)}),
    dict(key="ltum", fam="lung_tumor", target="lung tumor", orient="LP", mod="CT", region="chest", mm=1.37,
         lesions=[(178, 120, 18, 15, 20, "upper lobe"), (192, 156, 4, 4, 0, "upper lobe")],
         others={"heart": (0.55, 0.4), "descending aorta": (0.6, 0.62)}),
    # -- chest film (frontal, LI: rows go inferior)
    dict(key="lungs", fam="lungs", target="lungs", orient="LI", mod="XR", region="chest", mm=1.7,
         lesions=[(80, 105, 42, 75, 0, "right lung"), (176, 110, 38, 68, 0, "left lung")],
         others={"heart": (0.55, 0.62), "liver": (0.3, 0.8)}),
    dict(key="cxr_n", fam="lung_nodules", target="lung nodules", orient="LI", mod="XR", region="chest", mm=1.7,
         lesions=[(70, 80, 7, 7, 0, "upper zone"), (185, 160, 6, 5, 0, "lower zone"),
                  (170, 70, 4, 4, 0, "upper zone")],
         others={"heart": (0.55, 0.62), "aortic knuckle": (0.57, 0.3)}),
    # -- abdomen CT (axial, LP)
    dict(key="lvm_a", fam="liver_mets", target="liver metastases", orient="LP", mod="CT", region="abdomen",
         mm=1.5, lesions=[(70, 110, 10, 9, 0, "segment VIII"), (60, 140, 14, 12, 10, "segment VII"),
                          (92, 95, 6, 6, 0, "segment V"), (85, 160, 8, 7, 0, "segment VI")],
         others={"stomach": (0.66, 0.42), "inferior vena cava": (0.46, 0.58)}),
    dict(key="lvm_b", fam="liver_mets", target="liver metastases", orient="LP", mod="CT", region="abdomen",
         mm=1.5, lesions=[(72, 105, 12, 11, 0, "segment VIII"), (95, 150, 7, 6, 0, "segment VI"),
                          (160, 92, 9, 8, 0, "segment III")],
         others={"stomach": (0.7, 0.52), "aorta": (0.52, 0.62)}),
    dict(key="liver", fam="liver", target="liver", orient="LP", mod="CT", region="abdomen", mm=1.5,
         lesions=[(85, 125, 60, 55, -10, "right upper quadrant")],
         others={"spleen": (0.8, 0.6), "right kidney": (0.32, 0.7)}),
    dict(key="lcyst", fam="liver_cysts", target="liver cysts", orient="LP", mod="CT", region="abdomen", mm=1.5,
         lesions=[(60, 100, 4, 4, 0, "segment VIII"), (80, 130, 5, 5, 0, "segment V"),
                  (70, 160, 3, 3, 0, "segment VI"), (100, 110, 3, 3, 0, "segment IVb"),
                  (52, 136, 6, 5, 0, "segment VII")],
         others={"gallbladder": (0.38, 0.42), "inferior vena cava": (0.46, 0.6)}),
    dict(key="kid", fam="kidneys", target="kidneys", orient="LP", mod="CT", region="abdomen", mm=1.5,
         lesions=[(78, 165, 17, 25, 20, "right kidney"), (178, 160, 18, 27, -20, "left kidney")],
         others={"aorta": (0.52, 0.52), "pancreas": (0.55, 0.45)}),
    dict(key="kcyst", fam="kidney_cysts", target="kidney cysts", orient="LP", mod="CT", region="abdomen", mm=1.5,
         lesions=[(172, 150, 6, 6, 0, "left kidney, interpolar"), (186, 175, 4, 4, 0, "left kidney, lower pole"),
                  (80, 168, 7, 6, 0, "right kidney, interpolar")],
         others={"aorta": (0.52, 0.52), "pancreas": (0.55, 0.45)}),
    dict(key="ktum", fam="kidney_tumor", target="kidney tumor", orient="LP", mod="CT", region="abdomen", mm=1.5,
         lesions=[(70, 150, 14, 12, 0, "right kidney, mid-pole")],
         others={"liver": (0.29, 0.42), "aorta": (0.53, 0.58)}),
    dict(key="lkid", fam="left_kidney", target="left kidney", orient="LP", mod="CT", region="abdomen", mm=1.5,
         lesions=[(180, 160, 18, 27, -20, "left renal fossa")],
         others={"spleen": (0.78, 0.45), "aorta": (0.52, 0.52)}),
    dict(key="adr", fam="adrenals", target="adrenal glands", orient="LP", mod="CT", region="abdomen", mm=1.0,
         lesions=[(100, 155, 5, 10, 30, "right adrenal"), (160, 153, 6, 11, -30, "left adrenal")],
         others={"inferior vena cava": (0.45, 0.5), "pancreas": (0.55, 0.45)}),
    dict(key="pan", fam="lymph_nodes", target="lymph nodes", orient="LP", mod="CT", region="abdomen", mm=1.5,
         lesions=[(160, 140, 7, 6, 0, "left para-aortic"), (165, 165, 6, 5, 0, "left para-aortic"),
                  (122, 145, 5, 4, 0, "interaortocaval")],
         others={"aorta": (0.53, 0.5), "left kidney": (0.72, 0.62)}),
    # -- coronal MR of the kidneys (LI)
    dict(key="kid_cor", fam="kidneys", target="kidneys", orient="LI", mod="MR", region="abdomen", mm=1.6,
         lesions=[(85, 140, 20, 32, 8, "right kidney"), (170, 128, 20, 33, -8, "left kidney")],
         others={"liver": (0.3, 0.3), "spleen": (0.72, 0.3), "urinary bladder": (0.5, 0.92)}),
    # -- chest CT nodes (axial, LP)
    dict(key="axl", fam="lymph_nodes", target="lymph nodes", orient="LP", mod="CT", region="chest", mm=1.37,
         lesions=[(212, 99, 8, 6, 0, "left axilla"), (222, 119, 6, 5, 0, "left axilla"),
                  (40, 104, 9, 7, 0, "right axilla")],
         others={"sternum": (0.52, 0.22), "thoracic spine": (0.52, 0.78)}),
    dict(key="med", fam="lymph_nodes", target="lymph nodes", orient="LP", mod="CT", region="chest", mm=1.37,
         lesions=[(128, 95, 9, 7, 0, "pretracheal"), (124, 140, 10, 8, 0, "subcarinal")],
         others={"descending aorta": (0.6, 0.6), "sternum": (0.5, 0.2)}),
    # -- pelvis MR (axial, LP)
    dict(key="fib", fam="fibroids", target="uterine fibroids", orient="LP", mod="MR", region="pelvis", mm=1.2,
         lesions=[(128, 120, 30, 26, 0, "fundus"), (150, 85, 8, 7, 0, "anterior wall"),
                  (108, 160, 7, 6, 0, "posterior wall")],
         others={"urinary bladder": (0.5, 0.3), "rectum": (0.5, 0.8)}),
    # -- photos (no patient axes)
    dict(key="pol3", fam="polyps", target="polyp", orient=None, mod="endoscopy", region="colon", mm=0.25,
         lesions=[(90, 170, 18, 15, 0, "7 o'clock"), (160, 190, 10, 9, 0, "5 o'clock"),
                  (185, 80, 7, 6, 0, "1 o'clock")], others={}),
    dict(key="pol1", fam="polyps", target="polyp", orient=None, mod="endoscopy", region="colon", mm=0.25,
         lesions=[(130, 150, 55, 45, 10, "6 o'clock")], others={}),
    dict(key="pol2", fam="polyps", target="polyp", orient=None, mod="endoscopy", region="colon", mm=0.25,
         lesions=[(100, 90, 14, 12, 0, "11 o'clock"), (170, 100, 10, 9, 0, "1 o'clock")], others={}),
    dict(key="skin1", fam="skin", target="skin lesion", orient=None, mod="dermoscopy", region="skin", mm=0.08,
         lesions=[(128, 124, 70, 52, 25, "centre of the field")], others={}),
    dict(key="skin3", fam="skin", target="skin lesion", orient=None, mod="dermoscopy", region="skin", mm=0.08,
         lesions=[(120, 100, 45, 38, 0, "centre of the field"), (190, 170, 6, 5, 0, "lower edge"),
                  (60, 185, 5, 5, 0, "lower edge")], others={}),
]


def record_for(p: dict) -> dict:
    return dict(modality=p["mod"], body_region=p["region"], orientation=p["orient"])


def _mask(p: dict, dx: float = 0.0, dy: float = 0.0, s: float = 1.0) -> np.ndarray:
    yy, xx = np.mgrid[0:256, 0:256].astype(float)
    m = np.zeros((256, 256), bool)
    for cx, cy, rx, ry, ang, _site in p["lesions"]:
        a = math.radians(ang)
        u = (xx - cx - dx) * math.cos(a) + (yy - cy - dy) * math.sin(a)
        v = -(xx - cx - dx) * math.sin(a) + (yy - cy - dy) * math.cos(a)
        m |= (u / (rx * s)) ** 2 + (v / (ry * s)) ** 2 <= 1.0
    return m


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    dx, dy, s = rng.uniform(-2.5, 2.5), rng.uniform(-2.5, 2.5), rng.uniform(0.97, 1.03)
    others = {k: (round(x + rng.uniform(-0.004, 0.004), 4), round(y + rng.uniform(-0.004, 0.004), 4))
              for k, (x, y) in p["others"].items()}
    return compute_facts(_mask(p, dx, dy, s), p["orient"], others).model_dump(mode="json")


# ---------------------------------------------------------------------------------------------------------
# families: names, nouns, the implicit first questions (q), the naming ones (qn), what the first question must
# not say (forbid, regular expressions), knowledge sentences (know) and a plan line

FAM: dict[str, dict] = {
    "brain_mets": dict(
        names=["brain metastases", "metastases", "brain mets", "metastatic deposits"], one="metastasis",
        many="metastases", region=("hemisphere", "hemispheres"), organ=False,
        forbid=[r"metasta", r"\bmets?\b", r"\bbrain", r"cerebr", r"secondar", r"deposit"],
        q=["Staging MR of the head for a 58-year-old with non-small-cell lung cancer. Which of these enhancing "
           "foci represent spread of her primary? Please segment them.",
           "Post-contrast T1 slice from a melanoma patient with new headaches. Can you outline every focus of "
           "blood-borne tumour spread on it?",
           "HER2-positive breast cancer, new word-finding difficulty. Which ring-enhancing foci here would you "
           "put down to the known primary? Segment them for me.",
           "The radiosurgery team needs every seeded focus from this patient's renal cell primary contoured on "
           "this slice. Which are they? Please segment.",
           "Which round enhancing abnormalities at the grey-white junction on this slice come from the "
           "patient's known colon primary? Segment them please."],
        qn=["Segment the brain metastases on this post-contrast slice.",
            "Where are the metastases in this brain MR? Outline them please.",
            "Can you contour the brain mets for the SRS plan?"],
        know=["Roughly a fifth to two fifths of adults with solid cancers develop brain metastases, most often "
              "from lung, breast, melanoma and kidney primaries.",
              "Metastases tend to lodge at the grey-white junction and in arterial watershed zones, where vessels "
              "narrow abruptly.",
              "About 80% of brain metastases are supratentorial, in keeping with the share of blood flow the "
              "cerebral hemispheres receive.",
              "Radiosurgery was classically offered for up to about four lesions, each under 3 cm, though many "
              "centres now treat ten or more.",
              "The oedema around a metastasis is vasogenic and often far larger than the enhancing nodule itself.",
              "In right-handed people language sits in the left hemisphere in over 90% of cases, which is why "
              "left frontal lesions get extra care during planning.",
              "The falx separates the two hemispheres, and a metastasis crossing it would be unusual."],
        plan=["SRS to each lesion, MR again in 8-12 weeks", "radiosurgery, whole-brain RT held in reserve",
              "stereotactic radiosurgery plus continued systemic therapy"],
        premise_q="would radiosurgery still be the first choice"),
    "ms": dict(
        names=["multiple sclerosis lesions", "MS lesions", "demyelinating plaques", "MS plaques"], one="lesion",
        many="lesions", region=("hemisphere", "hemispheres"), organ=False,
        forbid=[r"multiple sclerosis", r"\bms\b", r"sclero", r"plaque", r"demyelinat"],
        q=["A 31-year-old woman had optic neuritis last year and now has leg numbness. Which white-matter "
           "abnormalities on this FLAIR slice would count toward dissemination in space? Please segment them.",
           "FLAIR slice from a patient with relapsing neurological episodes and oligoclonal bands in the CSF. Can "
           "you outline the ovoid foci that fit the suspected diagnosis?",
           "Which ovoid high-signal foci radiating from the ventricles here fit an immune-mediated attack on "
           "myelin? Segment them.",
           "Annual monitoring FLAIR for a patient on natalizumab. Could you segment the inflammatory white-matter "
           "foci so we can track them?"],
        qn=["Please segment the multiple sclerosis lesions on this FLAIR slice.",
            "Outline the MS lesions here for the annual comparison.",
            "Can you contour the demyelinating plaques on this image?"],
        know=["The McDonald criteria ask for lesions in at least two of four typical regions: periventricular, "
              "cortical or juxtacortical, infratentorial and spinal cord.",
              "Dawson's fingers are ovoid lesions radiating at right angles to the lateral ventricles along the "
              "medullary veins.",
              "About 85% of patients start with a relapsing-remitting course.",
              "A central vein sign in more than 40% of lesions favours MS over small-vessel disease.",
              "Small-vessel ischaemic foci, common after 60, tend to spare the callosal interface, unlike MS."],
        plan=["continue disease-modifying therapy, MR again in 12 months",
              "no escalation yet; repeat MR in 6 months", "discuss switching to a high-efficacy agent"],
        premise_q="does that change how we count them for dissemination in space"),
    "brain_tumor": dict(
        names=["brain tumor", "tumour", "enhancing tumour", "high-grade glioma"], one="focus",
        many="foci", region=("hemisphere", "hemispheres"), organ=False,
        forbid=[r"\bbrain", r"cerebr", r"tumou?r", r"glio", r"neoplas", r"\bmass", r"cancer", r"malignan",
                r"\bgbm\b"],
        q=["A 64-year-old man presented with a first seizure and three weeks of headache. Please segment the "
           "enhancing abnormality with surrounding oedema that probably explains it.",
           "Pre-operative MR for the neurosurgeons: which enhancing, necrotic-looking abnormality should they plan "
           "to resect? Outline all of it, including any separate enhancing focus.",
           "Which ring-enhancing abnormality with a necrotic centre explains this patient's left arm weakness? "
           "Segment it."],
        qn=["Segment the brain tumor on this post-contrast T1.",
            "Can you outline the glioblastoma here for surgical planning?"],
        know=["Glioblastoma is the commonest primary malignant tumour of the brain in adults, with a median "
              "survival of around 15 months with treatment.",
              "Separate enhancing foci near a glioblastoma usually reflect spread along white-matter tracts "
              "rather than a second primary.",
              "The motor strip lies in the precentral gyrus, and each hemisphere drives the opposite side of the "
              "body.",
              "Roughly 10% of glioblastomas are multifocal at presentation.",
              "The T2 signal around the rim often holds tumour cells well beyond the enhancing edge."],
        plan=["maximal safe resection, then chemoradiotherapy", "awake craniotomy being considered",
              "resection followed by the Stupp protocol"],
        premise_q="would the surgeons still go for a gross total resection"),
    "lung_nodules": dict(
        names=["lung nodules", "pulmonary nodules", "nodules"], one="nodule", many="nodules",
        region=("lung", "lungs"), organ=False,
        forbid=[r"\blung", r"pulmon", r"nodul", r"coin"],
        q=["Low-dose screening CT of the chest in a 62-year-old with a 40 pack-year history. Which findings here "
           "would drive the follow-up interval? Segment them.",
           "Incidental findings on this chest CT: which small, well-circumscribed rounded foci surrounded by "
           "aerated tissue need tracking? Please outline them.",
           "For the screening programme, please segment the small focal rounded densities in the breathing "
           "organs that we have to measure on this slice."],
        q_xr=["Frontal chest film of a former smoker. Which small round densities projected over the air-filled "
              "fields would you flag for CT? Please segment them.",
              "On this PA radiograph, can you outline the few discrete round spots the reporting radiologist "
              "mentioned?"],
        qn=["Segment the lung nodules on this image.", "Outline the pulmonary nodules for the follow-up.",
            "Please contour the nodules in the lungs."],
        know=["Under the Fleischner guidance, solid nodules under 6 mm in a low-risk patient usually need no "
              "routine follow-up.",
              "The right lung has three lobes and the left two, the lingula standing in for a middle lobe.",
              "A quarter to a half of screening CTs show at least one nodule, and well over 95% of them are "
              "benign.",
              "Upper-lobe location is one of the factors that raises the malignancy estimate in the Brock model.",
              "Perifissural nodules, often triangular and attached to a fissure, are almost always "
              "intrapulmonary lymph nodes."],
        know_xr=["On a frontal film roughly 40% of each lung is hidden behind the heart, mediastinum or "
                 "diaphragm.",
                 "Nipple shadows can mimic nodules at the level of the fifth anterior rib; a repeat film with "
                 "nipple markers settles it."],
        plan=["CT in 3 months for the largest", "no routine follow-up for the sub-6 mm ones",
              "Lung-RADS 3, low-dose CT in 6 months"],
        premise_q="would you still follow them with low-dose CT"),
    "lung_mets": dict(
        names=["lung metastases", "pulmonary metastases", "metastases"], one="metastasis", many="metastases",
        region=("lung", "lungs"), organ=False,
        forbid=[r"\blung", r"pulmon", r"metasta", r"\bmets?\b", r"secondar", r"deposit", r"cannonball",
                r"nodul"],
        q=["Restaging CT for a young man with a testicular germ-cell primary. Which rounded foci in the chest are "
           "the blood-borne spread? Segment them.",
           "Osteosarcoma of the femur, now short of breath. Please outline the haematogenous spread visible in "
           "the chest on this slice.",
           "Which rounded foci in the chest on this slice reflect spread of this patient's renal cell carcinoma? "
           "Segment them."],
        qn=["Segment the lung metastases on this CT.", "Please outline the pulmonary metastases."],
        know=["The lungs filter the entire venous return, which is why they are the second commonest site of "
              "metastasis after the liver.",
              "Haematogenous metastases favour the lower zones and the periphery, following blood flow.",
              "Metastasectomy is considered when the primary is controlled and there are usually fewer than five "
              "or six lesions.",
              "Cannonball metastases classically come from renal cell carcinoma, choriocarcinoma and sarcomas."],
        plan=["systemic therapy; metastasectomy not favoured", "continue chemotherapy, CT after two cycles",
              "refer for thoracic surgical opinion"],
        premise_q="is metastasectomy still on the table"),
    "lung_tumor": dict(
        names=["lung tumor", "primary lung tumour", "lung cancer"], one="focus", many="foci",
        region=("lung", "lungs"), organ=False,
        forbid=[r"\blung", r"pulmon", r"tumou?r", r"cancer", r"carcinom", r"\bmass", r"neoplas", r"nodul",
                r"malignan", r"nsclc"],
        q=["68-year-old smoker with haemoptysis and weight loss. Please segment the spiculated abnormality in the "
           "chest that probably explains it, including any separate focus next to it.",
           "For the thoracic surgeons: which spiculated abnormality and the separate focus near it should be "
           "outlined on this slice?",
           "Which suspicious spiculated finding in the chest needs staging here? Segment it and anything "
           "separate that belongs with it."],
        qn=["Segment the lung tumor and its satellite on this slice.", "Outline the lung cancer here for staging."],
        know=["A separate nodule in the same lobe as the primary makes it T3 in the eighth TNM edition; one in "
              "another lobe on the same side makes it T4.",
              "Lung cancer remains the leading cause of cancer death, about one in five cancer deaths worldwide.",
              "The left lung has no middle lobe; the lingula belongs to the left upper lobe.",
              "Smoking-related cancers favour the upper lobes, where particle clearance is slower."],
        plan=["PET-CT and EBUS staging before surgery", "lobectomy if mediastinal staging is negative",
              "discuss SABR if unfit for surgery"],
        premise_q="would a lobectomy still cover it"),
    "lungs": dict(
        names=["lungs", "both lungs", "lung fields"], one="lung", many="lungs", region=None, organ=True,
        forbid=[r"\blung", r"pulmon"],
        q=["On this frontal chest radiograph, which paired air-filled organs carry out gas exchange? Please "
           "segment them.",
           "PA chest film: can you outline the aerated organs that the heart sits between?",
           "Which organs on this chest X-ray does a pneumothorax collapse? Segment them."],
        qn=["Segment both lungs on this chest film.", "Please outline the lung fields."],
        know=["The right hemidiaphragm usually sits 1.5-2.5 cm higher than the left because of the liver below "
              "it.",
              "The cardiothoracic ratio should be under 0.5 on a PA film.",
              "On a good inspiration about six anterior ribs and nine to ten posterior ribs lie above the "
              "diaphragm.",
              "The right lung holds about 55% of the total lung volume; the left is smaller because the heart "
              "takes up room.",
              "The trachea should be central, with the spinous processes equidistant from the clavicle heads."],
        plan=["no focal consolidation", "clear lungs, no further imaging", "normal film"],
        premise_q="is the inspiration adequate"),
    "liver_mets": dict(
        names=["liver metastases", "hepatic metastases", "liver mets"], one="metastasis", many="metastases",
        region=None, organ=False,
        forbid=[r"\bliver", r"hepat", r"metasta", r"\bmets?\b", r"secondar", r"deposit"],
        q=["Portal venous CT for a 66-year-old with sigmoid cancer. Which hypodense foci in the organ that makes "
           "bile reflect spread from the bowel primary? Segment them.",
           "Which low-attenuation foci in the large upper-abdominal organ that stores glycogen represent spread "
           "of her pancreatic primary? Please segment them.",
           "The surgeons are deciding whether resection is possible. Can you segment the colorectal spread in "
           "the bile-producing organ on this slice?"],
        qn=["Segment the liver metastases on this portal venous CT.", "Outline the hepatic metastases please.",
            "Can you contour the liver mets?"],
        know=["The liver is the commonest site of haematogenous metastasis, largely because the portal vein "
              "drains the gut.",
              "Couinaud divides the liver into eight segments; segments II and III form the left lateral section.",
              "The three hepatic veins, right, middle and left, separate the sections and drain into the IVC.",
              "Resection is usually feasible if two contiguous segments with their vessels and about 25-30% of the "
              "liver can be left behind.",
              "Around half of patients with colorectal cancer develop liver metastases at some stage."],
        plan=["hepatobiliary MDT for resection or ablation", "continue FOLFOX, CT after three more cycles",
              "consider portal vein embolisation before resection"],
        premise_q="would a resection still be possible"),
    "liver_cysts": dict(
        names=["liver cysts", "hepatic cysts", "simple cysts"], one="cyst", many="cysts", region=None,
        organ=False, forbid=[r"\bliver", r"hepat", r"cyst"],
        q=["Incidental findings on this abdominal CT: which water-density, non-enhancing round foci in the "
           "bile-producing organ should be outlined? Please segment them.",
           "Which thin-walled, fluid-attenuation spaces in the largest solid abdominal organ are likely benign "
           "developmental findings? Segment them."],
        qn=["Segment the liver cysts on this CT.", "Please outline the hepatic cysts."],
        know=["Simple hepatic cysts turn up in roughly 2.5-5% of adults and become commoner with age.",
              "More than about 20 cysts should raise polycystic liver disease, often with cysts in both kidneys.",
              "A true simple cyst measures 0-20 HU and does not enhance.",
              "The gallbladder lies in the fossa between segments IVb and V."],
        plan=["no follow-up needed for simple cysts", "reassure; no imaging follow-up",
              "ultrasound only if symptoms develop"],
        premise_q="does that make them less likely to be simple"),
    "liver": dict(
        names=["liver", "the liver", "hepatic parenchyma"], one="region", many="regions", region=None,
        organ=True, forbid=[r"\bliver", r"hepat"],
        q=["Which organ on this slice produces bile and stores glycogen? Please segment it.",
           "Which is the largest solid organ of the abdomen on this slice? Outline it.",
           "Which organ processes the nutrient-rich blood arriving through the portal vein? Segment it."],
        qn=["Segment the liver on this CT slice.", "Please outline the hepatic parenchyma."],
        know=["The liver receives about 75% of its blood from the portal vein and 25% from the hepatic artery.",
              "The spleen sits in the left upper quadrant, against ribs nine to eleven.",
              "The right kidney usually lies a little lower than the left because the liver sits above it.",
              "The three hepatic veins drain into the inferior vena cava just below the diaphragm."],
        plan=["normal size and contour", "no focal abnormality", "volumetry can follow"],
        premise_q="is that the normal place for it"),
    "kidneys": dict(
        names=["kidneys", "both kidneys", "the kidneys"], one="kidney", many="kidneys", region=None, organ=True,
        forbid=[r"kidney", r"renal", r"nephr"],
        q=["Which paired retroperitoneal organs filter the blood and make urine? Please segment them on this "
           "slice.",
           "Which organs on this image are failing when the creatinine climbs and the patient needs dialysis? "
           "Segment them.",
           "Which bean-shaped organs drained by the ureters are seen here? Segment them."],
        qn=["Segment the kidneys on this slice.", "Please outline both kidneys.",
            "Could you contour the renal parenchyma?"],
        know=["The left kidney is usually slightly larger and sits a little higher than the right, which the liver "
              "pushes down.",
              "Each kidney is roughly 10-12 cm long in an adult.",
              "About 25-30% of people have more than one renal artery on at least one side.",
              "The left renal vein crosses in front of the aorta, just below the origin of the superior "
              "mesenteric artery.",
              "The adrenal glands sit on the upper poles, the right one behind the inferior vena cava."],
        plan=["normal size, no hydronephrosis", "no focal abnormality", "symmetrical parenchyma"],
        premise_q="does that fit normal anatomy"),
    "kidney_cysts": dict(
        names=["kidney cysts", "renal cysts", "simple renal cysts"], one="cyst", many="cysts",
        region=("kidney", "kidneys"), organ=False, forbid=[r"kidney", r"renal", r"nephr", r"cyst"],
        q=["Incidental findings on this CT: which round, water-density, non-enhancing foci in the urine-producing "
           "organs should be outlined? Please segment them.",
           "Which Bosniak category I-looking fluid spaces are there on this slice? Segment them."],
        qn=["Segment the kidney cysts on this slice.", "Outline the renal cysts for the Bosniak classification."],
        know=["Simple renal cysts are found in over a quarter of people past 50.",
              "The Bosniak classification runs from I to IV; categories III and IV are usually treated "
              "surgically.",
              "Polycystic kidney disease is suspected when a young adult has several cysts in both kidneys.",
              "The left renal vein crosses in front of the aorta, and the right renal artery passes behind the "
              "inferior vena cava."],
        plan=["Bosniak I, no follow-up", "no further imaging", "ultrasound only if symptomatic"],
        premise_q="would you still call them Bosniak I"),
    "kidney_tumor": dict(
        names=["kidney tumor", "renal tumour", "renal mass"], one="focus", many="foci", region=None,
        organ=False,
        forbid=[r"kidney", r"renal", r"nephr", r"tumou?r", r"\bmass", r"carcinom", r"\brcc\b", r"neoplas",
                r"cancer"],
        q=["A 59-year-old with painless visible haematuria had this CT. Which solid enhancing abnormality in the "
           "urine-producing organs probably explains it? Please segment it.",
           "Which enhancing solid abnormality arising from the organ drained by the ureter needs staging here? "
           "Outline it."],
        qn=["Segment the kidney tumor on this slice.", "Please outline the renal mass."],
        know=["About 60% of renal cell carcinomas are now found incidentally on imaging done for something else.",
              "The right renal vein is short, so tumour thrombus reaches the inferior vena cava more easily on "
              "that side.",
              "A T1a tumour is up to 4 cm across; T1b up to 7 cm.",
              "The left gonadal vein drains into the left renal vein, which is why a new left varicocele can be "
              "a clue."],
        plan=["partial nephrectomy if feasible", "renal MDT, consider biopsy", "robotic partial nephrectomy"],
        premise_q="would a partial nephrectomy still be possible"),
    "left_kidney": dict(
        names=["left kidney", "the left kidney"], one="kidney", many="kidneys", region=None, organ=True,
        forbid=[r"kidney", r"renal", r"nephr"],
        q=["Which urine-producing organ lies next to the spleen on this slice? Please segment it.",
           "Which bean-shaped organ drained by the left ureter is seen here? Segment it."],
        qn=["Segment the left kidney on this CT.", "Please outline the left kidney."],
        know=["The left renal vein crosses in front of the aorta, so it is longer than the right.",
              "The spleen lies against ribs nine to eleven, above and lateral to this organ.",
              "The right kidney usually sits 1-2 cm lower than the left because of the liver."],
        plan=["normal size", "no hydronephrosis", "no focal abnormality"],
        premise_q="is that its usual position"),
    "adrenals": dict(
        names=["adrenal glands", "adrenals", "both adrenal glands"], one="gland", many="glands", region=None,
        organ=True, forbid=[r"adrenal", r"suprarenal"],
        q=["Which small paired glands sitting on top of the kidneys make cortisol and aldosterone? Please segment "
           "them.",
           "Cushing's work-up: which hormone-producing glands above the kidneys should be outlined on this "
           "slice?"],
        qn=["Segment the adrenal glands on this slice.", "Please outline both adrenals."],
        know=["Incidental adrenal nodules are found on about 3-7% of abdominal CTs.",
              "The right adrenal sits directly behind the inferior vena cava; the left lies beside the aorta, in "
              "front of the left crus.",
              "Each limb is normally thinner than the adjacent crus of the diaphragm, under about 10 mm.",
              "The left adrenal vein drains into the left renal vein; the right drains straight into the IVC."],
        plan=["no adrenal nodule", "normal limbs", "no hyperplasia"],
        premise_q="would that be where you expect them"),
    "lymph_nodes": dict(
        names=["lymph nodes", "enlarged lymph nodes", "lymphadenopathy"], one="node", many="nodes", region=None,
        organ=False, forbid=[r"lymph", r"\bnod(e|es|al)\b", r"adenopath"],
        q=["Which bean-shaped filters of the immune system on this slice are enlarged? Please segment them."],
        q_axl=["Staging CT for a woman with a breast primary. Which bean-shaped immune filters in the axillary fat "
               "look enlarged or rounded? Please segment them."],
        q_med=["Staging chest CT for lung cancer: which enlarged immune filter structures between the lungs would "
               "change the N stage? Segment them."],
        q_pan=["Testicular cancer staging CT: which enlarged immune filters along the retroperitoneal vessels "
               "should be outlined? Please segment them."],
        qn=["Segment the enlarged lymph nodes on this slice.", "Please outline the lymph nodes for staging.",
            "Can you contour the lymphadenopathy?"],
        know=["A short axis over 10 mm is the usual cut-off for enlargement in most stations, a little more for "
              "the subcarinal one.",
              "Testicular cancers drain first to the para-aortic nodes near the renal hila, the left testis to "
              "the left para-aortic region.",
              "Around 10-20% of normal-sized nodes still harbour micrometastases, so size is an imperfect marker.",
              "Level I axillary nodes lie lateral to pectoralis minor, level II behind it, level III medial to it.",
              "The IASLC map numbers the mediastinal stations 1 to 14; station 7 is subcarinal."],
        plan=["PET-CT to characterise", "EBUS sampling of the largest", "restage after two cycles"],
        premise_q="would they still count as N1 disease"),
    "fibroids": dict(
        names=["uterine fibroids", "fibroids", "leiomyomas"], one="fibroid", many="fibroids", region=None,
        organ=False, forbid=[r"fibroid", r"\buter", r"leiomyom", r"myom", r"womb"],
        q=["Pelvic MR of a 44-year-old with heavy menstrual bleeding and pelvic pressure. Which well-defined "
           "T2-dark smooth-muscle growths explain her symptoms? Please segment them.",
           "Pre-embolisation planning: can you outline the benign smooth-muscle growths in the pelvic organ that "
           "carries pregnancies?"],
        qn=["Segment the uterine fibroids on this slice.", "Please outline the fibroids."],
        know=["Fibroids are found in up to 70% of women by the age of 50, though most cause no symptoms.",
              "The FIGO system grades them from 0, pedunculated submucosal, to 8.",
              "The ovaries usually lie on either side, close to the pelvic side walls.",
              "The bladder lies in front of the uterus and the rectum behind it."],
        plan=["uterine artery embolisation vs myomectomy", "GnRH analogue before surgery",
              "MR-guided focused ultrasound not suitable given the number"],
        premise_q="would embolisation still be reasonable"),
    "polyps": dict(
        names=["polyps", "colonic polyps", "polyp"], one="polyp", many="polyps", region=None, organ=False,
        forbid=[r"polyp", r"adenom"],
        q=["Screening colonoscopy still. Which mucosal growths projecting into the lumen would you remove? Please "
           "segment them.",
           "Which raised, protruding mucosal outgrowths are visible in this colonoscopy frame? Outline them for "
           "the endoscopy report.",
           "Surveillance colonoscopy after a positive FIT. Can you segment the protrusions from the bowel wall "
           "that need snaring?"],
        qn=["Segment the polyps in this colonoscopy frame.", "Please outline the polyp for the report.",
            "Can you contour the adenomas?"],
        know=["Adenomas are found in roughly 25-40% of screening colonoscopies in people over 50.",
              "Polyps under 5 mm are called diminutive; 10 mm or more counts as advanced.",
              "Serrated lesions in the right colon are the ones most easily missed.",
              "Each 1% rise in adenoma detection rate lowers interval cancer risk by about 3%."],
        plan=["cold snare polypectomy", "EMR for the largest, cold snare for the rest",
              "surveillance colonoscopy in 3 years"],
        premise_q="would cold snare still be enough"),
    "skin": dict(
        names=["skin lesion", "pigmented skin lesion", "pigmented lesion"], one="pigmented area",
        many="pigmented areas",
        region=None, organ=False,
        forbid=[r"\bskin", r"lesion", r"\bmoles?\b", r"\bn(a)?ev", r"melanom", r"cutaneous"],
        q=["Dermoscopy of the upper back; the patient's partner says it has grown and darkened. Please segment "
           "what we're assessing.",
           "This dermoscopy image was taken for an ABCDE assessment. Can you outline the pigmented area, "
           "including any separate dots around it?",
           "Teledermatology referral: which area of this image should the classifier measure? Segment it, with "
           "any separate satellites."],
        qn=["Segment the skin lesion in this dermoscopy image.", "Please outline the mole and any satellites.",
            "Can you contour the melanoma?"],
        know=["The ABCDE rule looks at asymmetry, border, colour, diameter over 6 mm and evolution.",
              "Satellite metastases within 2 cm of a primary melanoma change its stage.",
              "Most adults have between 10 and 40 common naevi.",
              "Dermoscopy improves diagnostic accuracy for melanoma by roughly a third over the naked eye."],
        plan=["excision biopsy with 2 mm margins", "urgent dermatology review",
              "short-term digital monitoring in 3 months"],
        premise_q="is an excision biopsy still the right first step"),
}


# ---------------------------------------------------------------------------------------------------------
# small helpers

_W = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior", "superior": "inferior",
        "inferior": "superior", "upper": "lower", "lower": "upper"}
_FLIP = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "superior_to": "inferior_to",
         "inferior_to": "superior_to", "left_of": "right_of", "right_of": "left_of"}
_VERTICAL_RELS = ("anterior_to", "posterior_to", "superior_to", "inferior_to")


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def the(name: str) -> str:
    return name if name.startswith(("both ", "the ")) else "the " + name


def words(n: int, rng: random.Random, p: float = 0.6) -> str:
    return _W[n] if n < len(_W) and rng.random() < p else str(n)


def fmt_pct(v: float, rng: random.Random) -> str:
    """A percent that reads naturally and stays within a few percent of v."""
    opts = []
    if v < 1:
        opts.append(f"{v:.2f}")
        r = round(v, 1)
        if r > 0 and abs(r - v) / v < 0.1:
            opts.append(f"{r:.1f}")
    elif v < 10:
        opts.append(f"{v:.1f}")
        if abs(round(v) - v) / v < 0.08:
            opts.append(f"{round(v)}")
    else:
        opts.append(f"{round(v)}")
    return rng.choice(opts)


def fmt_mm(mm: float) -> str:
    return f"{mm / 10:.1f} cm" if mm >= 30 else f"{round(mm)} mm"


def lesion_info(p: dict) -> list[dict]:
    out = []
    for i, (cx, cy, rx, ry, _ang, site) in enumerate(p["lesions"]):
        side = None if p["orient"] is None else ("left" if cx > 143.5 else "right" if cx < 111.5 else "mid")
        out.append(dict(i=i, cx=cx, cy=cy, area=rx * ry, side=side, mm=2 * max(rx, ry) * p["mm"], site=site,
                        cross=cx - rx < 127.5 < cx + rx))
    return out


# ---------------------------------------------------------------------------------------------------------
# one conversation: the facts, the planted defect and the ledger of whole-mask claims

class Ctx:
    def __init__(self, p: dict, F: dict, style: str, rng: random.Random, defect):
        self.p, self.F, self.style, self.rng, self.defect = p, F, style, rng, defect
        self.fam = FAM[p["fam"]]
        self.o = p["orient"]
        self.view = "axial" if self.o == "LP" else ("photo" if self.o is None else
                                                     ("film" if p["mod"] == "XR" else "coronal"))
        self.n, self.lat, self.vert, self.cls = F["components"], F["laterality"], F["vertical"], F["size_class"]
        self.pct = 100.0 * F["area_fraction"]
        self.rels = {(r["other"], "v" if r["relation"] in _VERTICAL_RELS else "h"): r["relation"]
                     for r in F["relations"]}
        self.les = lesion_info(p)
        # every piece wholly on one side of the image centre ("all of it is on the left" is then literally true)
        self.strict = p["orient"] is not None and (
            all(cx - max(rx, ry) > 128 for cx, _cy, rx, ry, _a, _s in p["lesions"]) or
            all(cx + max(rx, ry) < 127 for cx, _cy, rx, ry, _a, _s in p["lesions"]))
        self.img = {"axial": "slice", "coronal": "slice", "film": "film", "photo": "image"}[self.view]
        self.dom = max(self.les, key=lambda d: d["area"])
        self.ledger: list[dict] = []
        self.turn = 0
        self.stage = "a1"
        self.dkey = self.dval = self.dwhere = None
        self.done = False
        if defect in ("laterality", "position", "size", "count"):
            self.dwhere = rng.choices(["a1", "u2", "a2"], [0.6, 0.2, 0.2])[0]
            self._plant(defect)

    # -- the planted false value
    def _plant(self, defect: str) -> None:
        rng = self.rng
        if defect == "laterality":
            self.dkey = "lat"
            self.dval = {"left": "right", "right": "left"}.get(self.lat) or rng.choice(["left", "right"])
        elif defect == "position":
            vkeys = [k for k in self.rels if k[1] == "v" or self.lat in ("left", "right")]
            if vkeys and rng.random() < 0.5:
                k = rng.choice(vkeys)
                self.dkey, self.dval = ("rel",) + k, _FLIP[self.rels[k]]
            else:
                self.dkey, self.dval = "vert", self.wrong_vert()
        elif defect == "size":
            if rng.random() < 0.5:
                self.dkey = "size"
                self.dval = rng.choice([c for c in ("small", "medium", "large") if c != self.cls])
            else:
                self.dkey = "pct"
                f = rng.choice([0.2, 0.25, 0.3] if self.pct > 20 else [0.2, 0.25, 0.3, 3.0, 3.5, 4.0])
                self.dval = self.pct * f
        else:
            self.dkey = "count"
            self.dval = rng.choice([m for m in (self.n - 1, self.n + 1, self.n + 2) if m >= 1])

    def wrong_vert(self) -> str:
        if self.vert in _OPP:
            return _OPP[self.vert]
        pair = {"axial": ("anterior", "posterior"), "photo": ("upper", "lower")}.get(self.view,
                                                                                     ("superior", "inferior"))
        return self.rng.choice(pair)

    def wrong_lat(self) -> str:
        return {"left": "right", "right": "left"}.get(self.lat) or self.rng.choice(["left", "right"])

    def true(self, key):
        if isinstance(key, tuple):
            return self.rels.get(key[1:])
        return {"count": self.n, "lat": self.lat, "vert": self.vert, "size": self.cls, "pct": self.pct}[key]

    def want(self, key):
        """The value to state for `key` here: the planted one at its place, nothing elsewhere for that key."""
        if key == self.dkey:
            if self.stage == self.dwhere and not self.done:
                self.done = True
                return self.dval
            return None
        return self.true(key)

    def due(self) -> bool:
        """The planted claim belongs to the current stage and is not written yet."""
        return self.dkey is not None and self.stage == self.dwhere and not self.done

    def claim(self, kind: str, value, frag: str) -> str:
        self.ledger.append(dict(turn=self.turn, kind=kind, value=value, frag=frag))
        return frag

    def blocked(self, family: str) -> bool:
        """True when the planted defect is about this fact family (its negations stay out of the row)."""
        fam_of = {"lat": "lat", "vert": "pos", "size": "size", "pct": "size", "count": "count"}
        k = self.dkey[0] if isinstance(self.dkey, tuple) else self.dkey
        return k is not None and fam_of.get(k, "pos") == family

    # -- nouns
    def many(self, n=None) -> str:
        n = self.n if n is None else n
        return self.fam["one"] if n == 1 else self.fam["many"]

    def name(self) -> str:
        return self.rng.choice(self.fam["names"])

    def they(self) -> str:
        return "it" if self.n == 1 else "they"

    def subj(self) -> str:
        opts = ["the mask", "the segmentation", "the segmented area", "the whole mask"]
        if self.n > 1:
            opts += ["taken together, the " + self.fam["many"], "the " + self.fam["many"] + " as a group"]
        return self.rng.choice(opts)


# ---------------------------------------------------------------------------------------------------------
# whole-mask claims (each one written to the ledger)

_SIZE_WORDS = {"small": ["small"], "medium": ["medium-sized", "medium", "moderate-sized"], "large": ["large"]}
_REL_WORDS = {"anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to", "dorsal to"],
              "superior_to": ["above", "superior to", "cranial to"], "inferior_to": ["below", "inferior to",
                                                                                   "caudal to"],
              "left_of": ["to the patient's left of", "left of"], "right_of": ["to the patient's right of",
                                                                               "right of"]}


def say_count(c: Ctx, v: int, mode: str = "prose") -> str:
    r, w = c.rng, words(v, c.rng)
    if mode == "terse":
        t = r.choice(["single piece", "one region", "n = 1"] if v == 1 else
                     [f"n = {v}", f"{v} {c.many(v)} on this {c.img}", f"{w} separate pieces"])
    elif mode == "field":
        t = r.choice([f"Count: {v}", f"Separate regions: {v}", f"{v} {c.many(v)} in all"])
    elif mode == "teach":
        t = ("In this 2D mask there is exactly one connected region." if v == 1 else
             r.choice([f"In this 2D mask there are {words(v, r, 1)} separate connected regions.",
                       f"Counted as connected pieces, this image holds {words(v, r, 1)} of them.",
                       f"The mask, as drawn on this one slice, falls into {words(v, r, 1)} separate islands."]))
    elif v == 1:
        t = r.choice(["The mask is a single connected region.", "It is one continuous piece, with no separate islands.",
                      f"There is only one {c.fam['one']} in the mask.", "Just one piece, no satellites.",
                      "I see one connected region and nothing separate from it."])
    else:
        t = r.choice([f"On this {c.img} the mask breaks into {w} separate pieces.",
                      f"I count {w} discrete {c.many(v)} in the segmentation.",
                      f"The segmentation is made of {w} separate connected regions.",
                      f"There are {w} distinct {c.many(v)} on this image.",
                      f"{cap(words(v, r, 1))} separate regions make up the mask.",
                      f"The mask is not one blob but {w} separate pieces.",
                      f"By my count there are {w} separate {c.many(v)}.",
                      ] + ([f"I make it {w} separate {c.many(v)}, though the smallest is close to the resolution "
                             "limit."] if not c.fam["organ"] else []))
    return c.claim("count", v, t)


def say_lat(c: Ctx, v: str, mode: str = "prose") -> str:
    r, reg = c.rng, c.fam["region"]
    terse = {"left": ["left", "left-sided", "L-sided"], "right": ["right", "right-sided", "R-sided"],
             "bilateral": ["bilateral", "both sides"], "midline": ["midline", "central (midline)"]}[v]
    if mode == "terse":
        t = r.choice(terse)
    elif mode == "field":
        t = r.choice([f"Side: {r.choice(terse)}", f"Laterality: {v}"])
    elif v in ("left", "right"):
        opts = [f"All of it lies on the patient's {v}.", f"The mask is {v}-sided.",
                f"Everything segmented sits on the patient's {v} side.",
                f"The whole mask lies to the patient's {v} of the midline.",
                f"It's on the {v}; that is the patient's {v}, the {_OPP[v]} of the screen.",
                f"Laterality: {v}, as far as I can tell.",
                f"It shows on the {_OPP[v]}-hand side of the screen, which under the radiological convention is "
                f"the patient's {v}."]
        if reg:
            opts.append(f"Everything segmented is in the {v} {reg[0]}.")
        if not c.strict:
            opts = [f"The mask is {v}-sided.", f"Laterality: {v}, as far as I can tell.",
                    f"Overall it is {v}-sided, even though part of it reaches the midline.",
                    f"It shows on the {_OPP[v]}-hand side of the screen, which under the radiological convention is "
                    f"the patient's {v}."]
        t = r.choice(opts)
    elif v == "bilateral":
        opts = ["The mask is bilateral, with separate parts on each side of the midline.",
                "Taken as a whole the segmentation is bilateral.", "It involves both sides.",
                "I'd call it bilateral: there are separate pieces to the left and to the right of the midline."]
        opts.append("Both sides are present as separate pieces, so the mask is bilateral." if c.fam["organ"]
                    else "The disease is bilateral.")
        if reg:
            opts.append(f"Both {reg[1]} are involved.")
        t = r.choice(opts)
    else:
        t = r.choice(["Taken as a whole, the mask sits in the midline.",
                      "Overall it is centred on the midline rather than on one side.",
                      "The mask as a whole straddles the midline.", "It's a midline mask, not a sided one.",
                      "Its centre falls on the midline."])
    return c.claim("lat", v, t)


def _vert_terse(c: Ctx, v: str) -> list[str]:
    return {"anterior": ["anterior", "anterior-weighted", "ventral"],
            "posterior": ["posterior", "posterior-weighted", "dorsal"],
            "superior": ["superior", "upper", "cranial"], "inferior": ["inferior", "lower", "caudal"],
            "upper": ["upper half of frame", "upper frame"], "lower": ["lower half of frame", "lower frame"],
            "central": {"axial": ["central AP", "central front-to-back"], "photo": ["mid-frame", "central"]}.get(
                c.view, ["mid-height", "central craniocaudally"])}[v]


def say_vert(c: Ctx, v: str, mode: str = "prose") -> str:
    r = c.rng
    if mode == "terse":
        t = r.choice(_vert_terse(c, v))
    elif mode == "field":
        t = r.choice([f"Position: {r.choice(_vert_terse(c, v))}", f"Centroid: {r.choice(_vert_terse(c, v))}"])
    else:
        where = {"film": "the film", "coronal": "the image", "axial": "the slice", "photo": "the frame"}[c.view]
        t = r.choice({
            "anterior": ["Its centre of mass lies anteriorly.", "The bulk of it is anterior.",
                         "Weighted to the front, overall.",
                         "Overall the mask is weighted toward the front of the slice.",
                         "As a whole it sits in the anterior half of the section."],
            "posterior": ["Its centre of mass lies posteriorly.", "The bulk of it is posterior.",
                          "Overall it sits toward the back.",
                          "Overall the mask is weighted toward the back of the slice.",
                          "As a whole it sits in the posterior half of the section."],
            "superior": [f"As a whole it sits superiorly, high on {where}.",
                         f"Overall it lies in the upper part of {where}.",
                         "Its centre of mass is in the upper part, i.e. cranial.",
                         f"Overall it is weighted toward the top of {where}."],
            "inferior": [f"As a whole it sits inferiorly, low on {where}.",
                         f"Overall it lies in the lower part of {where}.",
                         "Its centre of mass is in the lower part, i.e. caudal.",
                         f"Overall it is weighted toward the bottom of {where}."],
            "upper": ["It sits in the upper half of the frame.", "Most of the mask lies toward the top of the image.",
                      "The mask is mostly in the top half of the picture."],
            "lower": ["It sits in the lower half of the frame.",
                      "The mask is mostly in the bottom half of the picture.",
                      "Most of the mask lies toward the bottom of the image."],
            "central": {"axial": ["Front to back, the mask's centre is roughly central.",
                                  "In the anteroposterior direction it sits near the middle of the slice.",
                                  "Its centroid is central, neither clearly anterior nor clearly posterior.",
                                  "Its centre sits roughly midway between front and back."],
                        "photo": ["It is centred vertically in the frame.",
                                  "Top to bottom, it sits around the middle of the picture."]}.get(
                c.view, [f"Vertically the mask is centred at about mid-height on {where}.",
                         "Craniocaudally it is roughly central."])}[v])
    return c.claim("vert", v, t)


def say_rel(c: Ctx, other: str, rel: str, mode: str = "prose") -> str:
    r = c.rng
    ph = r.choice(_REL_WORDS[rel])
    if mode == "terse":
        t = f"{ph} {other}"
    elif mode == "field":
        t = f"Relation: {ph} the {other}"
    else:
        opts = [f"The mask's centre is {ph} the {other}.", f"As a whole, the segmentation sits {ph} the {other}.",
                f"Its centre of mass is {ph} the {other}.", f"Overall, the mask lies {ph} the {other}."]
        if c.n > 1:
            opts.append(f"Taken together the {c.fam['many']} lie {ph} the {other}.")
        t = r.choice(opts)
    return c.claim("rel", [other, rel], t)


def say_size(c: Ctx, cls, pct, mode: str = "prose") -> str:
    """Size class and/or percent of the whole mask (either may be None)."""
    r = c.rng
    w = r.choice(_SIZE_WORDS[cls]) if cls else None
    P = fmt_pct(pct, r) if pct is not None else None
    if mode == "terse":
        t = f"≈{P}% of image ({w})" if P and w else (f"≈{P}% of image" if P else f"{w} by area")
    elif mode == "field":
        t = (f"Whole-mask area: {P}% of the image ({w})" if P and w else
             f"Whole-mask area: {P}% of the image" if P else f"Size class: {w}")
    elif P and w:
        art = "an" if w[0] in "aeiou" else "a"
        t = r.choice([f"Together they cover about {P}% of the image, which puts the mask in the {cls} class."
                      if c.n > 1 else f"It covers about {P}% of the image, which puts it in the {cls} class.",
                      f"The mask covers roughly {P}% of the image, so it is {art} {w} one by area.",
                      f"At about {P}% of the frame, the whole mask is {w}.",
                      f"By area that's {art} {w} mask: about {P}% of the image.",
                      f"The whole mask is {w}, roughly {P}% of the pixels."])
    elif w:
        art = "an" if w[0] in "aeiou" else "a"
        t = r.choice([f"By area the whole mask is {w}.", f"Overall that makes it {art} {w} mask.",
                      f"In size-class terms the segmentation is {w}.", f"It's {art} {w} mask overall.",
                      f"Size class of the whole mask: {w}."])
    else:
        t = r.choice([f"The mask covers about {P}% of the image.",
                      f"Together they take up roughly {P}% of the {c.img} area." if c.n > 1 else
                      f"It takes up roughly {P}% of the {c.img} area.",
                      f"That is about {P} percent of the frame in all.",
                      f"In all, the mask takes about {P}% of the image.", f"Roughly {P}% of the image is covered."])
    if cls:
        c.claim("size", cls, t)
    if pct is not None:
        c.claim("pct", float(P), t)
    return t


def say_neg(c: Ctx, family: str):
    """A true negation about the whole mask (None when the planted defect is about that fact)."""
    if c.blocked(family):
        return None
    r = c.rng
    if family == "lat":
        if c.lat in ("left", "right") and not c.strict:
            o = _OPP[c.lat]
            return c.claim("notlat", [o, "bilateral"], f"Overall it is not {o}-sided, nor bilateral.")
        opts = {"left": [("None of it is on the patient's right.", ["right", "bilateral"]),
                         ("Nothing segmented lies on the right side of the body.", ["right", "bilateral"])],
                "right": [("None of it is on the patient's left.", ["left", "bilateral"]),
                          ("Nothing segmented lies on the left side of the body.", ["left", "bilateral"])],
                "bilateral": [("It is not confined to one side.", ["left", "right"]),
                              ("No single side holds all of it.", ["left", "right"])],
                "midline": [("It does not lie off to one side.", ["left", "right"]),
                            ("Nor is it bilateral in the sense of separate left and right parts.", ["bilateral"])],
                }.get(c.lat)
        if not opts:
            return None
        t, vals = r.choice(opts)
        return c.claim("notlat", vals, t)
    if family == "pos":
        t, vals = {"anterior": ("Its centre of mass is not in the posterior half.", ["posterior"]),
                   "posterior": ("Its centre of mass is not in the anterior half.", ["anterior"]),
                   "superior": ("Its centre is not low down.", ["inferior"]),
                   "inferior": ("Its centre is not high up.", ["superior"]),
                   "upper": ("Its centre is not in the lower half of the frame.", ["lower"]),
                   "lower": ("Its centre is not in the upper half of the frame.", ["upper"]),
                   "central": ("Overall it leans neither way vertically.",
                               ["anterior", "posterior", "superior", "inferior", "upper", "lower"])}[c.vert]
        return c.claim("notvert", vals, t)
    if family == "size":
        t, vals = {"small": ("It is not a large mask by any measure.", ["large"]),
                   "medium": ("By area it is neither small nor large.", ["small", "large"]),
                   "large": ("It is certainly not small.", ["small"])}[c.cls]
        return c.claim("notsize", vals, t)
    if c.n > 1:
        return c.claim("notcount", [1], r.choice(["It is not one connected region.",
                                                  "This is not a single piece."]))
    return c.claim("notcount", list(range(2, 13)), "There are no separate satellite pieces.")


# ---------------------------------------------------------------------------------------------------------
# per-lesion statements (true of the drawn pieces; not whole-mask claims, so not in the ledger)

def loc(c: Ctx, d: dict) -> str:
    s = d["site"]
    if "o'clock" in s:
        return f"at {s}"
    if s in ("lower edge", "centre of the field"):
        return f"at the {s}"
    if s.startswith("segment"):
        return f"in {s}"
    if s == "left para-aortic":
        return "in the left para-aortic region"
    if s == "interaortocaval":
        return "in the interaortocaval space, almost on the midline"
    if s in ("pretracheal", "subcarinal"):
        return f"in the {s} station"
    if "left" in s or "right" in s or c.p["fam"] in ("fibroids", "liver"):
        return f"in the {s}"
    return f"in the {'midline' if d['side'] == 'mid' else d['side']} {s}"


def sides_phrase(c: Ctx, mode: str = "prose"):
    if c.view == "photo" or len(c.les) < 2:
        return None
    r, reg = c.rng, c.fam["region"]
    cnt = {s: sum(d["side"] == s for d in c.les) for s in ("left", "right", "mid")}
    if mode == "terse":
        return ", ".join(f"{k}×{v}" for k, v in (("L", cnt["left"]), ("R", cnt["right"]), ("midline", cnt["mid"]))
                         if v)
    where = (lambda s: f"in the {s} {reg[0]}") if reg and r.random() < 0.6 else (lambda s: f"on the {s}")
    k = len(c.les)
    for s in ("left", "right"):
        if cnt[s] == k:
            return f"both {where(s)}" if k == 2 else f"all {words(k, r, 1)} {where(s)}"
    if cnt["left"] == 1 and cnt["right"] == 1 and not cnt["mid"]:
        return r.choice([f"one per {reg[0]}" if reg else "one on each side", "one on the left and one on the right",
                         "one on each side"])
    parts = [f"{words(cnt[s], r, 1)} {where(s)}" for s in ("left", "right") if cnt[s]]
    if cnt["mid"]:
        parts.append(f"{words(cnt['mid'], r, 1)} close to the midline")
    return " and ".join(parts) if len(parts) == 2 else ", ".join(parts[:-1]) + " and " + parts[-1]


def dom_phrase(c: Ctx) -> str:
    d, r = c.dom, c.rng
    if c.fam["organ"]:
        return ""
    size = fmt_mm(d["mm"])
    if len(c.les) == 1:
        return r.choice([f"It measures about {size} across, {loc(c, d)}.", f"It is about {size} in long axis, "
                         f"{loc(c, d)}."])
    opts = [f"The dominant {c.fam['one']} ({size}) is {loc(c, d)}.",
            f"The largest, about {size}, sits {loc(c, d)}.",
            f"The biggest of the {words(len(c.les), r, 1)} measures {size} and lies {loc(c, d)}."]
    off = (d["cy"] - 127.5) / 256
    own = None if abs(off) < 0.08 else {"axial": ("posterior" if off > 0 else "anterior"),
                                         "photo": ("lower" if off > 0 else "upper")}.get(
        c.view, "inferior" if off > 0 else "superior")
    if own == c.vert:
        adv = {"anterior": "anteriorly", "posterior": "posteriorly", "superior": "high", "inferior": "low",
               "upper": "in the upper half of the frame", "lower": "in the lower half of the frame"}[own]
        opts.append(f"The dominant {c.fam['one']} sits {adv}, {loc(c, d)} ({size}).")
    return r.choice(opts)


def rel_word(c: Ctx, dy: float) -> str:
    if abs(dy) <= 10:
        return "beside it"
    lo = dy > 0
    return {"axial": ("behind it" if lo else "in front of it"),
            "photo": ("lower in the frame" if lo else "higher in the frame")}.get(c.view, "below it" if lo else
                                                                              "above it")


def satellite_phrase(c: Ctx):
    if len(c.les) < 2 or c.fam["organ"]:
        return None
    d = c.dom
    near = min((e for e in c.les if e is not d), key=lambda e: (e["cx"] - d["cx"]) ** 2 + (e["cy"] - d["cy"]) ** 2)
    return c.rng.choice([f"a smaller {c.fam['one']} ({fmt_mm(near['mm'])}) lies {rel_word(c, near['cy'] - d['cy'])}",
                         f"a satellite of about {fmt_mm(near['mm'])} sits {rel_word(c, near['cy'] - d['cy'])}"])


def tiny_phrase(c: Ctx):
    others = [e for e in c.les if e is not c.dom]
    tiny = [e for e in others if e["mm"] < 6]
    if not tiny:
        return None
    a, b = sorted((round(e["mm"]) for e in tiny))[0], sorted((round(e["mm"]) for e in tiny))[-1]
    span = f"{a} mm" if a == b else f"{a}-{b} mm"
    if len(tiny) == len(others) and len(tiny) >= 2:
        return f"the remaining {words(len(tiny), c.rng, 1)} are tiny ({span})"
    if len(tiny) == 1:
        return f"one of the others is tiny, about {span}"
    return f"{words(len(tiny), c.rng, 1)} of the others are tiny ({span})"


def organ_phrase(c: Ctx):
    if not c.fam["organ"] or len(c.les) != 2:
        return None
    a, b = sorted(c.les, key=lambda d: d["area"])
    one = c.fam["one"] if c.p["fam"] != "lungs" else "lung field"
    out = []
    if b["area"] > 1.08 * a["area"]:
        out.append(f"the {b['side']} {one} is slightly larger than the {a['side']}")
    if c.view in ("coronal", "film"):
        lo, hi = sorted(c.les, key=lambda d: -d["cy"])
        if lo["cy"] - hi["cy"] > 8:
            out.append(f"the {lo['side']} {one} sits a little lower than the {hi['side']}")
    return c.rng.choice(out) if out else None


def midline_phrase(c: Ctx):
    """'No lesion crosses the midline' and kin, when true of the drawn pieces."""
    if c.view == "photo" or len(c.les) < 2:
        return None
    if not any(d["cross"] for d in c.les):
        return c.rng.choice([f"no {c.fam['one']} crosses the midline", "none of the pieces crosses the midline"])
    if c.p["key"] == "fib":
        return "one small fibroid lies just left and another just right of a dominant central one"
    if c.p["key"] == "med":
        return "both nodes sit essentially on the midline, one above the carina level and one below"
    return None


def per_lesion(c: Ctx, k: int = 2, dom: bool = True) -> list[str]:
    """Up to k per-lesion sentences, in random order."""
    r = c.rng
    cands = []
    sp = sides_phrase(c)
    if sp:
        cands.append(cap(r.choice([f"By {c.fam['one']}: {sp}.", f"Individually, {sp}.",
                                   f"Of the separate pieces, {sp}."])))
    dp = dom_phrase(c) if dom else ""
    if dp:
        sat = satellite_phrase(c)
        cands.append(dp[:-1] + (f", and {sat}." if sat and r.random() < 0.6 else "."))
    for f in (tiny_phrase, organ_phrase, midline_phrase):
        x = f(c)
        if x:
            cands.append(cap(x) + ".")
    r.shuffle(cands)
    return cands[:k]


def extra(c: Ctx):
    """A comparison, a hypothetical or a question answered in the same breath."""
    r = c.rng
    opts = [("Had the slice been placed a few millimetres higher or lower, the number of pieces could easily "
             "differ.", None),
            ("A lesion's side never depends on how the image is displayed; only its place on the screen does.",
             None)]
    if c.view == "photo":
        opts = [("Had the scope been angled differently, the number of pieces in view could easily differ.", None)]
    if len(c.les) > 1 and not c.fam["organ"]:
        ratio = c.dom["mm"] / min(d["mm"] for d in c.les)
        opts.append((f"The largest is roughly {round(ratio)} times the diameter of the smallest." if ratio >= 1.8 else
                     f"The {c.fam['many']} are of fairly similar size, the largest under twice the smallest.", None))
    if c.view != "photo" and not c.blocked("lat"):
        if c.lat == "bilateral":
            opts.append(("Is it all on one side? No.", ["left", "right"]))
        elif c.lat in ("left", "right") and c.strict:
            o = _OPP[c.lat]
            opts.append((f"Does anything cross to the {o}? No.", [o, "bilateral"]))
    t, vals = r.choice(opts)
    if vals:
        c.claim("notlat", vals, t)
    return t


def knowledge(c: Ctx, k: int = 1) -> list[str]:
    pool = list(c.fam["know"])
    if c.view == "film" and "know_xr" in c.fam:
        pool = pool + c.fam["know_xr"] * 2
    pool.append({"axial": "Axial images are viewed as if from the patient's feet, so the patient's left appears on "
                          "the right of the screen.",
                 "film": "A PA chest film is displayed as if the patient faces you, so their left is on your right.",
                 "coronal": "Coronal images are displayed facing the viewer, so the patient's right is on the left of "
                            "the screen.",
                 "photo": "A still like this has no fixed left or right of the body; positions are given as clock "
                          "faces or top and bottom of the picture."}[c.view])
    return c.rng.sample(pool, min(k, len(pool)))


# ---------------------------------------------------------------------------------------------------------
# the first question

_WRAP = {
    "oncology_followup": (["Follow-up scan. ", "Restaging study, compared with the last one. ", "Interval scan. ",
                           "Six-month review. "],
                          [" Please compare with the prior if you can.", " How does it compare with before?",
                           " Anything changed since the previous study?"]),
    "lesion_table": ([""], [" List each one separately, please.", " A per-item table would help.",
                            " Please itemise what you find and give a one-line total."]),
    "tumor_board": (["For this afternoon's MDT: ", "Board prep, keep it short. ",
                     "Quick one for the multidisciplinary meeting. "], [""]),
    "explainer": ([""], [" Also, could you explain how the pieces are counted on a single image?",
                         " I'm a student, so please explain how you count them.",
                         " And why might the count on one image differ from the whole examination?"]),
}


def first_question(c: Ctx) -> str:
    r, fam = c.rng, c.fam
    if c.defect == "names_target":
        stem = r.choice(fam["qn"])
    else:
        pool = fam.get("q_" + c.p["key"]) or (fam.get("q_xr") if c.view == "film" else None) or fam["q"]
        stem = r.choice(pool)
    pre, post = _WRAP[c.style]
    return (r.choice(pre) + stem + r.choice(post)).strip()


# ---------------------------------------------------------------------------------------------------------
# what each answer states

def can(c: Ctx, key) -> bool:
    if key == c.dkey:
        return c.stage == c.dwhere and not c.done
    return c.true(key) is not None


def rel_keys(c: Ctx) -> list:
    keys = [("rel",) + k for k in c.rels if k[1] == "v" or c.lat in ("left", "right")]
    if isinstance(c.dkey, tuple) and c.dkey not in keys:
        keys.append(c.dkey)
    return keys


def pick_items(c: Ctx, minimum: int = 3) -> list:
    """The whole-mask facts one answer states (the planted one always, when it is due here)."""
    r = c.rng
    items = ["count"]
    if c.view != "photo":
        items.append("lat")
    items += r.choice([["size", "pct"], ["size", "pct"], ["size"], ["pct"]])
    rk = rel_keys(c)
    pos = r.choice([["vert"], ["vert"] + r.sample(rk, min(1, len(rk))), r.sample(rk, min(1, len(rk))) or ["vert"]])
    items += pos
    items = [k for k in items if can(c, k)]
    r.shuffle(items)
    keep = items[:max(minimum, len(items) - r.choice([0, 0, 1, 2]))]
    if c.due() and c.dkey not in keep:
        keep.append(c.dkey)
    return keep


def render(c: Ctx, keys: list, mode: str) -> list[str]:
    """One text per fact group of `keys` (size and percent share one), in the order given."""
    out, done_size = [], False
    for k in keys:
        if k in ("size", "pct"):
            if done_size:
                continue
            done_size = True
            cls = c.want("size") if "size" in keys else None
            pct = c.want("pct") if "pct" in keys else None
            if cls is None and pct is None:
                continue
            out.append(say_size(c, cls, pct, mode))
            continue
        v = c.want(k)
        if v is None:
            continue
        if k == "count":
            out.append(say_count(c, v, mode))
        elif k == "lat":
            out.append(say_lat(c, v, mode))
        elif k == "vert":
            out.append(say_vert(c, v, mode))
        else:
            out.append(say_rel(c, k[1], v, mode))
    return out


# ---------------------------------------------------------------------------------------------------------
# first answers, one per register

_WHEN = ["the March study", "the January study", "the baseline study", "the pre-treatment study",
         "last autumn's study", "the three-month study"]
_WHEN_PHOTO = ["the previous visit", "the baseline visit", "last year's images", "the referral images"]

_TEACH = [
    "A connected-component count treats pixels that touch, even only at a corner, as one piece.",
    "A single lobulated {one} cut through its waist can show as two islands on one slice, while two {many} that "
    "touch here would merge into one piece.",
    "Anything above or below this level does not appear here at all, so this number says nothing about the rest "
    "of the scan.",
    "So when I give a number of pieces, I mean pieces in this image, not {many} in the patient.",
    "On a thicker slab or a maximum-intensity projection, separate {many} can overlap and look like fewer.",
]
_TEACH_VIEW = {
    "film": ["A frontal film is a projection: two {many} at different depths can overlap and count as one piece "
             "here.",
             "Roughly 40% of the lung is hidden behind the heart and diaphragm on a film, so {many} there are not "
             "counted at all.",
             "A connected-component count treats pixels that touch, even only at a corner, as one piece.",
             "CT usually finds more {many} than the film, because it slices instead of superimposing."],
    "photo": ["A single frame shows only part of what was examined; anything out of view is not counted.",
              "A lobulated {one} seen at an angle can look like two, and two that touch merge into one piece.",
              "A connected-component count treats pixels that touch, even only at a corner, as one piece.",
              "So the number of pieces belongs to this picture, not to the whole examination."],
}
_TEACH_ORGAN = [
    "Paired organs show as two pieces on a slice like this; a slice through only one pole might show just one.",
    "A connected-component count treats pixels that touch, even only at a corner, as one piece.",
    "The piece count belongs to this image; the patient still has the same organs above and below it.",
]


def a1_followup(c: Ctx) -> str:
    r, fam = c.rng, c.fam
    name = c.name()
    items = pick_items(c)
    head = r.choice([f"I've segmented {the(name)} [SEG].", f"Segmentation of {the(name)}: [SEG].",
                     f"The mask [SEG] shows {the(name)} on today's study.", f"{cap(name)} outlined [SEG]."])
    when = r.choice(_WHEN_PHOTO if c.view == "photo" else _WHEN)
    body = []
    if not fam["organ"]:
        prior = r.choice([c.n + 1, c.n + 2, max(1, c.n - 1), c.n])
        v = c.want("count") if "count" in items else None
        if v is not None:
            pw, vw = words(prior, r), words(v, r)
            now = f"a single {c.fam['one']}" if v == 1 else f"{vw} separate {c.many(v)}"
            t = r.choice([f"{cap(when)} showed {pw} {c.many(prior)}; on this {c.img} I count {vw}.",
                          f"Previously {pw}, now {now} on this {c.img}.",
                          f"Compared with {pw} on {when}, the mask now holds {now}."])
            c.claim("count", v, t[:-1])
            trend = ("so fewer at this level" if v < prior else "so more at this level than before" if v > prior
                     else "the same number as before")
            body.append(t[:-1] + f", {trend}.")
        else:
            body.append(f"The report from {when} listed {words(prior, r)} {c.many(prior)} in total.")
        if len(c.les) > 1 or r.random() < 0.5:
            f = r.choice([1.4, 1.25, 0.8])
            body.append(dom_phrase(c)[:-1] + f" (it measured {fmt_mm(c.dom['mm'] * f)} on {when}).")
    else:
        body.append(r.choice([f"Compared with {when} the appearance is unchanged.",
                              f"Nothing has changed materially since {when}."]))
        if "count" in items:
            body += render(c, ["count"], "prose")
    rest = render(c, [k for k in items if k != "count"], "prose")
    rest += per_lesion(c, r.choice([1, 2]), dom=fam["organ"])
    if r.random() < 0.5:
        rest.append(extra(c))
    neg = say_neg(c, r.choice(["lat", "pos", "size", "count"])) if r.random() < 0.6 else None
    if neg:
        rest.append(neg)
    r.shuffle(rest)
    tail = knowledge(c, r.choice([1, 2]))
    tail.append(r.choice(["Suggested plan: ", "Plan: ", "I'd suggest: "]) + r.choice(fam["plan"]) + ".")
    return " ".join([head] + body + rest + tail)


def _table_row(c: Ctx, i: int, d: dict) -> list[str]:
    size = fmt_mm(d["mm"])
    if c.view == "photo":
        return [str(i), d["site"], size]
    if c.fam["organ"]:
        return [str(i), d["site"], {"left": "L", "right": "R"}.get(d["side"], "midline"), size]
    note = "" if len(c.les) == 1 else "dominant" if d is c.dom else ("tiny" if d["mm"] < 6 else "")
    side = {"left": "L", "right": "R"}.get(d["side"], "midline")
    site = d["site"]
    return [str(i), side, site, size, note]


def a1_table(c: Ctx) -> str:
    r = c.rng
    name = c.name()
    items = pick_items(c)
    head = r.choice([f"{cap(name)} [SEG]. One row per separate region on this {c.img}:",
                     f"I've segmented {the(name)} [SEG]. Breakdown:", f"Segmented {the(name)} [SEG]; itemised below."])
    les = sorted(c.les, key=lambda d: -d["area"]) if r.random() < 0.5 else list(c.les)
    rows = [_table_row(c, i + 1, d) for i, d in enumerate(les)]
    cols = (["#", "Position", "Long axis"] if c.view == "photo" else
            ["#", "Structure", "Side", "Size on this " + c.img] if c.fam["organ"] else
            ["#", "Side", "Site", "Long axis", "Note"])
    if r.random() < 0.6:
        lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        lines += ["| " + " | ".join(x) + " |" for x in rows]
    else:
        lines = [f"{x[0]}. " + ", ".join(y for y in x[1:] if y) for x in rows]
    fields = render(c, items, "field")
    label = r.choice(["**Summary:**", "Whole mask:", "Total (whole mask):", "Overall:"])
    summary = label + " " + "; ".join(fields) + "."
    extra = per_lesion(c, 1) if r.random() < 0.5 else []
    neg = say_neg(c, r.choice(["lat", "pos", "size", "count"])) if r.random() < 0.5 else None
    extra += [neg] if neg else []
    extra += knowledge(c, 1)
    return head + "\n\n" + "\n".join(lines) + "\n\n" + summary + "\n\n" + " ".join(extra)


def a1_board(c: Ctx) -> str:
    r = c.rng
    name = c.name()
    items = pick_items(c)
    head = r.choice([f"{cap(name)} [SEG]", f"Dx: {name} [SEG]", f"Target: {name} [SEG]"])
    parts = []
    for t in render(c, items, "terse"):
        parts.append(t)
    sp = sides_phrase(c, "terse")
    if sp and r.random() < 0.7:
        parts.append(sp)
    if not c.fam["organ"]:
        parts.append(f"largest {fmt_mm(c.dom['mm'])} {loc(c, c.dom)}")
    tiny = tiny_phrase(c)
    if tiny and r.random() < 0.5:
        parts.append(tiny)
    r.shuffle(parts)
    plan = "Plan: " + r.choice(c.fam["plan"])
    neg = say_neg(c, r.choice(["lat", "pos", "size", "count"])) if r.random() < 0.4 else None
    nb = ("NB " + knowledge(c, 1)[0]) if r.random() < 0.6 else None
    if r.random() < 0.5:
        lines = [head] + ["- " + p for p in parts] + [plan] + ([neg] if neg else []) + ([nb] if nb else [])
        return "\n".join(lines)
    return head + ": " + "; ".join(parts) + ". " + plan + "." + (" " + neg if neg else "") + (" " + nb if nb else "")


def a1_explainer(c: Ctx) -> str:
    r, fam = c.rng, c.fam
    name = c.name()
    items = pick_items(c)
    head = r.choice([f"I've segmented {the(name)} [SEG].", f"You're asking about {the(name)} [SEG].",
                     f"This is a segmentation of {the(name)} [SEG]."])
    out = [head]
    if "count" in items:
        out += render(c, ["count"], "teach")
    pool = _TEACH_ORGAN if fam["organ"] else _TEACH_VIEW.get(c.view, _TEACH)
    out += [t.format(one=fam["one"], many=fam["many"]) for t in r.sample(pool, 2)]
    rest = render(c, [k for k in items if k != "count"], "prose")
    rest += per_lesion(c, r.choice([1, 2]))
    if r.random() < 0.5:
        rest.append(extra(c))
    if r.random() < 0.5 and not fam["organ"]:
        rest.append("Keep in mind that a single lesion can be large in millimetres while the mask is still a small "
                    "share of the image.")
    neg = say_neg(c, r.choice(["lat", "pos", "size", "count"])) if r.random() < 0.6 else None
    if neg:
        rest.append(neg)
    r.shuffle(rest)
    return " ".join(out + rest + knowledge(c, 1))


A1 = {"oncology_followup": a1_followup, "lesion_table": a1_table, "tumor_board": a1_board,
      "explainer": a1_explainer}


# ---------------------------------------------------------------------------------------------------------
# follow-up rounds: a plain question, a false idea the assistant corrects (clean), or a false premise the
# assistant goes along with (the planted claim sits in the user's turn)

def topic_keys(c: Ctx, topic: str) -> list:
    vrel = [k for k in rel_keys(c) if k[2] == "v"]
    return {"side": ["lat"] if c.view != "photo" else [], "position": ["vert"] + vrel, "size": ["size", "pct"],
            "count": ["count"], "neighbours": rel_keys(c),
            "summary": ["count"] + (["lat"] if c.view != "photo" else []) + ["size", "pct", "vert"],
            "next": []}[topic]


def topic_of(key) -> str:
    if isinstance(key, tuple):
        return "position" if key[2] == "v" else "neighbours"
    return {"lat": "side", "vert": "position", "size": "size", "pct": "size", "count": "count"}[key]


def _vphrase(v: str) -> str:
    return {"anterior": "anteriorly", "posterior": "posteriorly", "superior": "high up, superiorly",
            "inferior": "low down, inferiorly", "central": "centrally", "upper": "in the upper half of the frame",
            "lower": "in the lower half of the frame"}[v]


def _vadj(v: str) -> str:
    return {"anterior": "anterior", "posterior": "posterior", "superior": "high up", "inferior": "low down",
            "central": "central", "upper": "in the upper half", "lower": "in the lower half"}[v]


def premise_turn(c: Ctx) -> str:
    """The user's false premise (the planted claim)."""
    r, pq = c.rng, c.fam["premise_q"]
    k, v = c.dkey, c.want(c.dkey)
    if k == "lat":
        t = r.choice([f"Since {c.they()} {'is' if c.n == 1 else 'are'} all on the patient's {v}, {pq}?",
                      f"Given the {v}-sided location, {pq}?",
                      f"OK, so it's {v}-sided. In that case {pq}?"])
        return c.claim("lat", v, t)
    if k == "vert":
        t = r.choice([f"Given that the mask sits {_vphrase(v)}, {pq}?",
                      f"With the whole thing sitting {_vphrase(v)}, {pq}?"])
        return c.claim("vert", v, t)
    if isinstance(k, tuple):
        t = f"As it lies {r.choice(_REL_WORDS[v])} the {k[1]}, {pq}?"
        return c.claim("rel", [k[1], v], t)
    if k == "size":
        t = r.choice([f"Since the whole mask is {r.choice(_SIZE_WORDS[v])} relative to the image, {pq}?",
                      f"It's a {v} mask overall, so {pq}?"])
        return c.claim("size", v, t)
    if k == "pct":
        P = fmt_pct(v, r)
        t = f"With the mask covering about {P}% of the image, {pq}?"
        return c.claim("pct", float(P), t)
    t = r.choice([f"With {words(v, r)} separate {c.many(v)} on this {c.img}, {pq}?",
                  f"Given that there {'is' if v == 1 else 'are'} {words(v, r)} {c.many(v)} here, {pq}?"])
    return c.claim("count", v, t)


def premise_answer(c: Ctx) -> str:
    r = c.rng
    out = [r.choice(["Probably, yes.", "In principle, yes.", "Most likely.", "That would usually be reasonable.",
                     "I think so.", "Yes, with that distribution it would.", "Fair point; I'd still say yes."])]
    out.append(f"The usual plan here would be {r.choice(c.fam['plan'])}.")
    out += knowledge(c, 1)
    return " ".join(out)


_PLAIN_Q = {
    "side": ["Which side is it on?", "Is this one-sided or on both sides?", "Side, please?",
             "How would you describe the laterality of the whole mask?", "Left, right or both?"],
    "position": {"axial": ["Where does it sit front to back?", "Is the mask more anterior or posterior overall?"],
                 "photo": ["Where in the frame is it?", "Top or bottom of the picture?"]},
    "position_x": ["Is it high or low overall?", "Upper or lower part of the image?"],
    "size": ["How big is the whole mask relative to the image?", "Is the total burden small or large?",
             "What fraction of the image does the mask take up?"],
    "count": ["How many separate pieces are there?", "How many did you count?",
              "How many distinct regions does the mask have?"],
    "neighbours": ["How does it sit relative to the neighbouring structures?", "What's it next to?"],
    "summary": ["Can you give me a one-line summary?", "Summarise for the report, please.",
                "Could you wrap that up in one line?"],
    "next": ["What would you suggest next?", "What's the usual management?", "Any other thoughts before the meeting?"],
}


def plain_q(c: Ctx, topic: str) -> str:
    if topic == "position":
        pool = _PLAIN_Q["position"].get(c.view, _PLAIN_Q["position_x"])
    else:
        pool = _PLAIN_Q[topic]
    return c.rng.choice(pool)


def answer(c: Ctx, topic: str) -> str:
    """A plain answer on `topic`; states the planted claim when it is due in this turn."""
    r = c.rng
    keys = [k for k in topic_keys(c, topic) if can(c, k)]
    if c.due() and c.dkey not in keys:
        keys.append(c.dkey)
    if topic == "summary":
        fields = render(c, keys, "terse")
        label = c.p["target"] if c.n == 1 else c.fam["names"][0]
        return r.choice(["Summary: ", "In one line: ", "For the report: "]) + f"{label}, " + ", ".join(fields) + "."
    if topic == "next":
        return f"{r.choice(['Next step: ', 'I would suggest '])}{r.choice(c.fam['plan'])}. " + " ".join(knowledge(c, 2))
    if topic in ("position", "neighbours") and len(keys) > 2:
        must = [c.dkey] if c.due() and c.dkey in keys else []
        keys = must + r.sample([k for k in keys if k not in must], 2 - len(must))
    out = render(c, keys, "prose")
    if topic == "side":
        sp = sides_phrase(c)
        if sp:
            out.append(cap(f"individually, {sp}."))
        out.append(knowledge(c, 3)[-1] if r.random() < 0.3 else "")
    elif topic == "count":
        if len(c.les) > 1 and r.random() < 0.6:
            t = tiny_phrase(c)
            if t:
                out.append(cap(t) + ".")
        out.append(r.choice([f"That is a count for this {c.img} only.",
                             {"photo": "", "film": "A CT would probably show more."}.get(
                                 c.view, "Other levels may show more or fewer."), ""]))
    elif topic == "size" and not c.fam["organ"]:
        out.append(r.choice([f"For scale, the largest single {c.fam['one']} is about {fmt_mm(c.dom['mm'])}.",
                             "That is the share of the whole image, not of the organ.", ""]))
    elif topic == "position":
        n = say_neg(c, "pos") if r.random() < 0.3 else None
        out.append(n or "")
    return " ".join(x for x in out if x) or f"Nothing to add beyond the plan: {r.choice(c.fam['plan'])}."


def idea_turn(c: Ctx, topic: str):
    """A user's false idea on `topic` and the assistant's correction, or None when not available."""
    r = c.rng
    if topic == "side" and can(c, "lat") and c.view != "photo":
        w = c.wrong_lat()
        reg = c.fam["region"]
        q = r.choice([f"I had it down as {w}-sided. Is that right?", f"My registrar said it's all on the {w}. Agree?"]
                     + ([f"So everything is in the {w} {reg[0]}?"] if reg else []))
        c.stage = c.stage.replace("u", "a")
        c.turn += 1
        a = [r.choice(["Not quite.", "No.", "I'd disagree."]), say_lat(c, c.want("lat"))]
        sp = sides_phrase(c)
        if sp:
            a.append(cap(f"individually, {sp}."))
        return q, " ".join(a)
    if topic == "position" and can(c, "vert"):
        w = c.wrong_vert()
        q = r.choice([f"Isn't it mostly {_vadj(w)}?", f"I thought the mask sat {_vphrase(w)}."])
        c.stage = c.stage.replace("u", "a")
        c.turn += 1
        return q, r.choice(["No. ", "Not overall. "]) + say_vert(c, c.want("vert"))
    if topic == "size" and can(c, "size") and can(c, "pct"):
        if c.cls != "large":
            q = (f"The biggest one is {fmt_mm(c.dom['mm'])}, so the mask must count as large, surely?"
                 if not c.fam["organ"] else "These are whole organs, so the mask must be large?")
        else:
            q = (f"It's only {words(c.n, r, 1)} {c.many()}, so the mask is small, right?" if c.n < 4 else
                 "Those are small things, so the mask is small overall?")
        c.stage = c.stage.replace("u", "a")
        c.turn += 1
        a = [r.choice(["Not really.", "No."]), say_size(c, c.want("size"), c.want("pct")),
             "Size in millimetres and the mask's share of the image are different things."]
        return q, " ".join(a)
    if topic == "count" and can(c, "count") and not c.fam["organ"]:
        k = c.n + r.choice([1, 2, 3])
        src = {"polyps": "The endoscopy report", "skin": "The referral letter"}.get(c.p["fam"], "The report")
        q = f"{src} mentions {words(k, r)} {c.many(k)}, so {words(k, r)} pieces here?"
        c.stage = c.stage.replace("u", "a")
        c.turn += 1
        why = ("the rest of the colon is not in this frame" if c.view == "photo" and c.p["fam"] == "polyps" else
               "the letter covers the whole back" if c.p["fam"] == "skin" else
               "the report covers the whole study, including levels not shown here")
        a = [f"No: {why}.", say_count(c, c.want("count"))]
        return q, " ".join(a)
    return None


def followups(c: Ctx, rounds: int) -> list[tuple[str, str]]:
    r = c.rng
    topics = ["side", "position", "size", "count", "neighbours", "summary", "next"]
    first = None
    if c.dwhere in ("u2", "a2"):
        first = topic_of(c.dkey)
    out = []
    used = set()
    for j in range(rounds):
        c.stage, c.turn = f"u{j + 2}", 2 * j + 2
        if j == 0 and first:
            topic = first
        else:
            avail = [t for t in topics if t not in used and (t in ("next", "summary") or
                                                              any(can(c, k) for k in topic_keys(c, t)))]
            topic = r.choice(avail)
        used.add(topic)
        if j == 0 and c.dwhere == "u2":
            q = premise_turn(c)
            c.stage, c.turn = "a2", 2 * j + 3
            out.append((q, premise_answer(c)))
            continue
        if not (j == 0 and c.dwhere == "a2") and r.random() < (0.45 if c.defect is None else 0.3):
            got = idea_turn(c, topic)
            if got:
                out.append(got)
                continue
        q = plain_q(c, topic)
        c.stage, c.turn = f"a{j + 2}", 2 * j + 3
        out.append((q, answer(c, topic)))
    return out


# ---------------------------------------------------------------------------------------------------------

def pick_profile(profiles: list[dict], i: int, defect, rng: random.Random) -> dict:
    pool = profiles
    if defect == "laterality":
        pool = [p for p in profiles if p["orient"] is not None]
    return rng.choice(pool)


def build(p: dict, facts: dict, style: str, rng: random.Random, defect):
    global LEDGER
    c = Ctx(p, facts, style, rng, defect)
    c.stage, c.turn = "u1", 0
    q1 = first_question(c)
    c.stage, c.turn = "a1", 1
    a1 = A1[style](c)
    rounds = rng.choice([1, 2])
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": a1}]
    for q, a in followups(c, rounds):
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    if c.dkey is not None and not c.done:
        raise RuntimeError(f"planted claim not written: {p['key']} {defect} {c.dkey} {c.dwhere}")
    LEDGER = c.ledger
    return turns, ([] if defect is None else [defect])
