"""Bank GT: lymph nodes and cancer staging, written blind (helper `qcgt`, before reading any QC rule).

Targets are enlarged nodes at named stations and levels, primary tumours and metastases on axial CT/MR
(radiological "LP", one neurological "RP" series) and coronal PET/CT ("LI"); the prose is full of numbers
and side letters that are not the mask's facts (stations 4R/10L, level II, short-axis mm, TNM strings,
RECIST sums, Deauville scores, SUVmax, Lugano stages). Four registers: `mdt` (a tumour-board transcript
with several speakers), `gpletter` (an oncologist's clinic letter to a GP), `report` (a structured staging
report rewritten as a chat answer), `tutor` (an LLM tutor quizzing a trainee on staging).

Every claim about the target is written from the facts `compute_facts` measured on the synthetic mask and
logged in `LEDGER` (kind, value, turn, role, corrected); the writer's own checker re-verified them:
rows 420, clean 210, defects laterality 42 position 42 size 42 count 42 names_target 42;
defect sits in first answer 63, follow-up answer 57, user premise 48; problems: 0 (26 targets)
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

LEDGER: list[dict] = []  # one entry per built row, in build order: the claims each row makes

# ---------------------------------------------------------------------------------------------------
# targets
# blobs: candidate (u, v) centres in patient units (u > 0: patient's left; v > 0: posterior on axial,
# inferior on coronal); the first `first` are always drawn, the rest sampled up to n; r: radius in px.

_LUNG_N = {
    "stage": ["On the PET the node has an SUVmax of {suv}, and its short axis is {mm} mm, so it is well over the 10 mm CT threshold.",
              "That makes the nodal category N2 for a right-sided primary only if the node is ipsilateral; otherwise it is N3, so the side of the primary matters more than anything else here.",
              "Clinically we are at {tnm} as things stand, and the EBUS-TBNA of station 7 came back with adenocarcinoma in two of three passes.",
              "With {tnm} this is stage IIIA, so the plan is concurrent chemoradiotherapy, 60 Gy in 30 fractions, then durvalumab for 12 months."],
    "trap": ["Station 4R is the right lower paratracheal station and 4L the left one, beside the aortopulmonary window.",
             "Under TNM 8, ipsilateral hilar nodes (10R or 10L on the tumour's side) are N1, ipsilateral mediastinal or subcarinal nodes N2, and any contralateral or supraclavicular node N3.",
             "PET is roughly 80% sensitive for mediastinal nodes, so a negative scan does not spare EBUS in a central tumour larger than 3 cm.",
             "About 20% of left lower lobe tumours spread to the subcarinal station before the left hilum shows anything."],
    "tnm": ["cT2a N2 M0", "cT1c N2 M0", "cT3 N1 M0", "T2bN2M0", "cT2a N3 M0"],
}
_LUNG_T = {
    "stage": ["It measures {cm} cm in greatest dimension, which on its own is {tcat}.",
              "SUVmax on the PET-CT is {suv}; the mediastinal blood pool is 2.1 for comparison.",
              "The current staging reads {tnm}, pending EBUS of stations 4R and 7.",
              "If the nodes stay negative after EBUS, this is a lobectomy case; the predicted post-operative FEV1 is 68%."],
    "trap": ["A tumour over 3 cm and up to 4 cm is T2a, over 5 cm and up to 7 cm is T3, and above 7 cm is T4.",
             "Right upper lobe tumours usually drain first to 10R and then to 4R, while left upper lobe tumours favour station 5 in the aortopulmonary window.",
             "Roughly 1 in 5 patients with a clinically N0 tumour turn out to have occult N2 disease at surgery.",
             "A separate nodule in the same lobe is T3, in another lobe of the same lung T4, and in the opposite lung M1a."],
    "tnm": ["cT2b N0 M0", "cT3 N1 M0", "T2aN0M0", "cT2a N1 M0"],
}
_LYMPHOMA = {
    "stage": ["SUVmax is {suv} at baseline; the interim PET after two cycles will be read on the Deauville scale.",
              "That fits Lugano stage {lug}, with B symptoms: night sweats and 9 kg of weight loss over 3 months.",
              "The plan is six cycles of R-CHOP-21, with an interim PET after cycle 2 and an end-of-treatment PET at 6 to 8 weeks.",
              "The end-of-treatment scan scored Deauville {ds}, so the MDT view is {dsview}."],
    "trap": ["Lugano stage II means two or more nodal regions on the same side of the diaphragm; stage III means nodes on both sides of it.",
             "Deauville 1 to 3 counts as complete metabolic response, while 4 and 5 do not, whatever the size of the residual mass.",
             "Bulky disease in Hodgkin lymphoma is a single nodal mass of 10 cm or more, or one wider than a third of the thoracic diameter.",
             "The spleen counts as nodal tissue in Lugano staging, so splenic involvement alone does not make it stage IV."],
    "tnm": ["Lugano II", "Lugano III", "Lugano IIIA", "Lugano IV", "Lugano II bulky"],
}
_NECK = {
    "stage": ["The node measures {mm} mm in short axis with central necrosis, SUVmax {suv}.",
              "With p16 positive disease that is {tnm} under AJCC 8, stage I, and the plan is 70 Gy in 35 fractions with weekly cisplatin.",
              "Fine-needle aspiration under ultrasound confirmed squamous cell carcinoma, p16 positive.",
              "There is no radiological extranodal extension, which matters because in p16-negative disease ENE makes it N3b."],
    "trap": ["Level II runs from the skull base to the hyoid, level III from the hyoid to the cricoid, and level IV from the cricoid to the clavicle.",
             "For p16-positive oropharyngeal cancer, one or more ipsilateral nodes up to 6 cm are cN1, contralateral or bilateral nodes cN2, and anything over 6 cm cN3.",
             "A short axis over 10 mm, or over 11 mm for the jugulodigastric node, is the usual size cut-off in the neck.",
             "Level IIb sits behind the spinal accessory nerve and is involved in fewer than 5% of laryngeal cancers."],
    "tnm": ["cT2 N1 M0", "T1N1M0", "cT3 N2 M0", "cT2N2bM0"],
}
_ABDO = {
    "stage": ["The RECIST 1.1 sum of target diameters fell from {s0} mm to {s1} mm, a {pct}% fall, which {resp}.",
              "The largest lesion measures {mm} mm in long axis and was chosen as a target lesion at baseline.",
              "CEA has come down from 148 to 22 ug/L over 4 cycles of FOLFOX.",
              "Staging is {tnm}, so we are treating with palliative intent for now and will re-image after cycle 6."],
    "trap": ["RECIST 1.1 allows at most five target lesions in total and at most two per organ; lymph nodes need a short axis of 15 mm or more to be targets.",
             "Liver lesions under 10 mm count as non-measurable under RECIST, however many there are.",
             "An adrenal adenoma is usually under 10 HU on a non-contrast scan; about 5% of adults over 50 have one.",
             "A 20% increase in the sum of diameters, with at least 5 mm absolute growth, defines progression."],
    "tnm": ["pT3 N1b M1a", "T4aN2bM1c", "ypT3 N1 M1", "cT3 N2 M1b"],
}
_PELVIS = {
    "stage": ["On MRI the node is {mm} mm in short axis, round, with an irregular border and mixed signal.",
              "That gives {tnm} on the MRI, with an MRF distance of 0.8 mm, so the recommendation is total neoadjuvant therapy.",
              "The radiology view is that this is the node to mark for the surgeon, as it should be sampled at the time of resection.",
              "The plan is long-course chemoradiotherapy, 50.4 Gy in 28 fractions with capecitabine, then restaging at 12 weeks."],
    "trap": ["In rectal cancer, N1 is one to three involved regional nodes and N2 four or more; external iliac nodes count as M1a under TNM 8.",
             "For cervical cancer, FIGO 2018 stage IIIC1 means pelvic nodes and IIIC2 means para-aortic nodes.",
             "A mesorectal node of 9 mm or more is suspicious on size alone; between 5 and 8 mm it needs two morphological features.",
             "Lateral pelvic sidewall nodes larger than 7 mm in short axis are associated with a local recurrence rate near 20%."],
    "tnm": ["cT3c N2 M0", "mrT3b N1 M0", "cT3 N1c M0", "T3N2aM0"],
}
_BREAST = {
    "stage": ["The tumour measures {cm} cm on MRI, so {tcat} on size alone.",
              "Core biopsy shows grade 3 invasive ductal carcinoma, ER 8/8, HER2 negative, Ki-67 35%.",
              "The staging is {tnm}, and the plan is neoadjuvant chemotherapy with a clip placed in the biopsied node.",
              "We will re-image with MRI after 4 cycles and again before surgery."],
    "trap": ["Level I axillary nodes lie lateral to pectoralis minor, level II behind it, and level III medial to it.",
             "One to three positive axillary nodes is N1, four to nine N2, and ten or more N3a.",
             "About 1% of breast cancers occur in men, and the left breast is affected slightly more often than the right.",
             "Internal mammary nodes are involved in under 10% of lateral tumours but in more of the medial ones."],
    "tnm": ["cT2 N1 M0", "cT1c N1 M0", "T2N2aM0", "cT3 N1 M0"],
}

PROFILES = [
    dict(target="right paratracheal lymph node", keys=["paratracheal", "4r"], fam=_LUNG_N, orient="LP", mod="CT", region="chest",
         blobs=[(-0.095, -0.10)], n=(1, 1), r=(6, 9), others={"trachea": (0.0, -0.09), "superior vena cava": (-0.14, -0.20)},
         subj=("the node", "is"), unit=("node", "nodes"),
         cues=["the node that would make her right upper lobe cancer N2 rather than N1",
               "the enlarged node the EBUS bronchoscopist should aim for first on the same side as the primary",
               "the finding that decides whether this stays a surgical case"]),
    dict(target="subcarinal lymph node", keys=["subcarinal", "station 7", "carina"], fam=_LUNG_N, orient="LP", mod="CT", region="chest",
         blobs=[(0.0, 0.03)], n=(1, 1), r=(9, 12), others={"left atrium": (0.03, -0.12), "descending aorta": (0.11, 0.14)},
         subj=("the node", "is"), unit=("node", "nodes"),
         cues=["the node the EBUS report says was positive and that upstages this to N2 whichever lung the primary is in",
               "the single station that turned a planned lobectomy into chemoradiotherapy",
               "the enlarged node that can be reached by EBUS or by oesophageal EUS alike"]),
    dict(target="left hilar lymph node", keys=["hilar", "hilum", "10l"], fam=_LUNG_N, orient="LP", mod="CT", region="chest",
         blobs=[(0.17, 0.0)], n=(1, 1), r=(7, 10), others={"left pulmonary artery": (0.08, -0.10)},
         subj=("the node", "is"), unit=("node", "nodes"),
         cues=["the node that keeps his left lower lobe cancer at N1 rather than N0",
               "the nodal station whose involvement still allows a lobectomy rather than a pneumonectomy",
               "the enlarged node beside the primary's own airway that the surgeon will take at lobectomy"]),
    dict(target="bilateral hilar lymphadenopathy", keys=["hilar", "hilum", "hila", "lymphadenopathy"], fam=_LYMPHOMA, orient="LP", mod="CT", region="chest",
         blobs=[(-0.17, 0.0), (0.17, 0.01)], n=(2, 2), r=(13, 16), others={"sternum": (0.0, -0.36)},
         subj=("the nodal disease", "is"), unit=("nodal mass", "nodal masses"),
         cues=["the nodal disease that makes the lymphoma team think of stage II rather than stage I",
               "what the PET lit up symmetrically around the lung roots",
               "the finding the respiratory team wanted to tell apart from sarcoidosis before calling it lymphoma"]),
    dict(target="anterior mediastinal mass", keys=["mediastinal mass", "mediastinum", "mediastinal", "prevascular"], fam=_LYMPHOMA, orient="LP", mod="CT", region="chest",
         blobs=[(0.0, -0.20)], n=(1, 1), r=(42, 50), others={"ascending aorta": (-0.05, 0.0), "descending aorta": (0.11, 0.13)},
         subj=("the mass", "is"), unit=("mass", "masses"),
         cues=["the bulky disease behind her breastbone that caused the SVC symptoms",
               "the finding that makes this young man's Hodgkin lymphoma count as bulky",
               "what the anaesthetist is worried about before any general anaesthetic"]),
    dict(target="right upper lobe tumour", keys=["upper lobe", "rul", "lung tumour", "primary"], fam=_LUNG_T, orient="LP", mod="CT", region="chest",
         blobs=[(-0.24, -0.08)], n=(1, 1), r=(20, 26), others={"trachea": (0.0, -0.09)},
         subj=("the tumour", "is"), unit=("lesion", "lesions"),
         cues=["the spiculated lesion the biopsy came from, the one that sets the T category",
               "what caused his haemoptysis and was PET-avid at SUVmax 11",
               "the cancer itself, as opposed to the nodes it has spread to"]),
    dict(target="left lower lobe tumour", keys=["lower lobe", "lll", "lung tumour", "primary"], fam=_LUNG_T, orient="LP", mod="CT", region="chest",
         blobs=[(0.24, 0.20)], n=(1, 1), r=(18, 24), others={"descending aorta": (0.11, 0.12), "heart": (0.05, -0.12)},
         subj=("the tumour", "is"), unit=("lesion", "lesions"),
         cues=["the biopsied cancer that gives this patient his T category",
               "the lesion the thoracic surgeon wants to resect if the mediastinum is clear",
               "the thing that grew from 18 mm to 34 mm between the two CTs"]),
    dict(target="pulmonary metastases", keys=["pulmonary", "lung metast", "metastases", "metastatic"], fam=_ABDO, orient="LP", mod="CT", region="chest",
         blobs=[(-0.28, -0.10), (0.27, 0.15), (-0.20, 0.20), (0.30, -0.05), (-0.31, 0.06)], first=1, n=(2, 4), r=(4, 7),
         others={"heart": (0.03, -0.12)},
         subj=("the deposits", "are"), unit=("deposit", "deposits"),
         cues=["what makes her colorectal cancer M1b now rather than M1a",
               "the new findings in the chest that moved him off curative intent",
               "the lesions we need to count for the RECIST baseline in the thorax"]),
    dict(target="left axillary lymph nodes", keys=["axilla", "axillary"], fam=_BREAST, orient="LP", mod="CT", region="chest",
         blobs=[(0.37, -0.08), (0.40, 0.02), (0.34, 0.10)], first=2, n=(2, 3), r=(5, 8), others={"pectoralis minor": (0.28, -0.16)},
         subj=("the nodes", "are"), unit=("node", "nodes"),
         cues=["the nodes that make her breast cancer node-positive on imaging",
               "where the clip should go before neoadjuvant chemotherapy",
               "the regional disease that decides between sentinel node biopsy and a full clearance"]),
    dict(target="right breast tumour", keys=["breast", "primary"], fam=_BREAST, orient="LP", mod="MR", region="chest",
         blobs=[(-0.22, -0.30)], n=(1, 1), r=(17, 21), others={"sternum": (0.0, -0.33)},
         subj=("the tumour", "is"), unit=("lesion", "lesions"),
         cues=["the cancer she found herself in the shower, the one the core biopsy came from",
               "the enhancing lesion that sets her T category before neoadjuvant treatment",
               "what we will measure again after four cycles to judge response"]),
    dict(target="right level II cervical lymph node", keys=["level ii", "level 2", "jugulodigastric", "cervical"], fam=_NECK, orient="LP", mod="CT", region="neck",
         blobs=[(-0.22, -0.02)], n=(1, 1), r=(9, 12), others={"airway": (0.0, -0.05)},
         subj=("the node", "is"), unit=("node", "nodes"),
         cues=["the lump he noticed while shaving, the one the FNA came from",
               "the neck disease that makes his tonsil cancer N1 under AJCC 8",
               "the node the radiation oncologist wants boosted to 70 Gy"]),
    dict(target="left level III lymph nodes", keys=["level iii", "level 3", "cervical"], fam=_NECK, orient="RP", mod="MR", region="neck",
         blobs=[(0.20, -0.03), (0.24, 0.07)], n=(2, 2), r=(6, 9), others={"larynx": (0.0, -0.08)},
         subj=("the nodes", "are"), unit=("node", "nodes"),
         cues=["the nodes below the hyoid that the neck dissection has to include",
               "the disease further down the neck that changes the radiotherapy volume",
               "the nodal spread that made the surgeon plan a selective neck dissection of levels II to IV"]),
    dict(target="oropharyngeal primary tumour", keys=["oropharyn", "tonsil", "tongue base", "primary"], fam=_NECK, orient="LP", mod="CT", region="neck",
         blobs=[(-0.10, -0.04)], n=(1, 1), r=(18, 24), others={"mandible": (0.0, -0.30)},
         subj=("the tumour", "is"), unit=("lesion", "lesions"),
         cues=["the p16-positive cancer that is the source of his neck lump",
               "the lesion that sets the T category in this head and neck case",
               "what the ENT surgeon biopsied at panendoscopy"]),
    dict(target="left para-aortic lymph nodes", keys=["para-aortic", "paraaortic", "retroperitoneal"], fam=_PELVIS, orient="LP", mod="CT", region="abdomen",
         blobs=[(0.105, 0.05), (0.12, 0.15), (0.10, -0.05)], first=2, n=(2, 3), r=(5, 8),
         others={"abdominal aorta": (0.02, 0.05), "left kidney": (0.24, 0.12)},
         subj=("the nodes", "are"), unit=("node", "nodes"),
         cues=["the nodes that take her cervical cancer from IIIC1 to IIIC2",
               "what has to be inside the extended-field radiotherapy volume",
               "the spread beside the great vessels that decides between pelvic and extended-field treatment"]),
    dict(target="liver metastases", keys=["liver", "hepatic", "metastases"], fam=_ABDO, orient="LP", mod="CT", region="abdomen",
         blobs=[(-0.25, -0.05), (-0.15, -0.14), (-0.30, 0.09), (-0.17, 0.05)], first=1, n=(2, 4), r=(8, 13),
         others={"inferior vena cava": (-0.05, 0.06)},
         subj=("the metastases", "are"), unit=("deposit", "deposits"),
         cues=["the disease that makes his bowel cancer stage IV",
               "the lesions the hepatobiliary surgeon is weighing up for resection",
               "the target lesions in the abdomen that RECIST is measuring"]),
    dict(target="left adrenal metastasis", keys=["adrenal"], fam=_ABDO, orient="LP", mod="CT", region="abdomen",
         blobs=[(0.12, 0.12)], n=(1, 1), r=(8, 11), others={"abdominal aorta": (0.02, 0.02)},
         subj=("the lesion", "is"), unit=("lesion", "lesions"),
         cues=["the solitary site of distant spread in this lung cancer, the M1b lesion",
               "the lesion that measured 38 HU and washed out too slowly to be an adenoma",
               "the oligometastasis the SABR team is considering"]),
    dict(target="enlarged spleen", keys=["spleen", "splenic", "splenomegaly"], fam=_LYMPHOMA, orient="LP", mod="CT", region="abdomen",
         blobs=[(0.26, 0.05)], n=(1, 1), r=(45, 52), others={"liver": (-0.25, -0.02)},
         subj=("the organ", "is"), unit=("piece", "pieces"),
         cues=["the organ measuring 17 cm that the haematologist counts as involved in the Lugano staging",
               "what explains her early satiety and the left upper quadrant dragging sensation",
               "the organ involvement that adds an S to the stage in the old Ann Arbor system"]),
    dict(target="retroperitoneal nodal mass", keys=["retroperitoneal", "nodal mass", "conglomerate"], fam=_LYMPHOMA, orient="LP", mod="CT", region="abdomen",
         blobs=[(0.0, 0.09)], n=(1, 1), r=(37, 44), others={"left kidney": (0.22, 0.12), "right kidney": (-0.22, 0.12)},
         subj=("the mass", "is"), unit=("mass", "masses"),
         cues=["the bulky disease below the diaphragm that makes this Lugano stage III",
               "the matted disease that encases the aorta and lifts it off the spine",
               "the largest site of lymphoma, the one we will follow on the interim PET"]),
    dict(target="right external iliac lymph node", keys=["iliac"], fam=_PELVIS, orient="LP", mod="MR", region="pelvis",
         blobs=[(-0.20, 0.0)], n=(1, 1), r=(6, 9), others={"bladder": (0.0, -0.06)},
         subj=("the node", "is"), unit=("node", "nodes"),
         cues=["the pelvic sidewall node that makes her cervical cancer FIGO IIIC1r",
               "the node that counts as distant spread, M1a, for a rectal primary",
               "the node the gynae-oncologist wants to sample laparoscopically"]),
    dict(target="mesorectal lymph nodes", keys=["mesorectal", "mesorectum"], fam=_PELVIS, orient="LP", mod="MR", region="pelvis",
         blobs=[(-0.04, 0.22), (0.05, 0.25), (0.0, 0.31), (0.075, 0.17)], first=2, n=(2, 4), r=(4, 6),
         others={"bladder": (0.0, -0.08)},
         subj=("the nodes", "are"), unit=("node", "nodes"),
         cues=["the nodes that make this rectal cancer N1 or N2 on MRI",
               "the regional nodes inside the fascia that TME will remove anyway",
               "what decides whether the MRI says N0 or node-positive for this low rectal tumour"]),
    dict(target="left obturator lymph node", keys=["obturator"], fam=_PELVIS, orient="LP", mod="MR", region="pelvis",
         blobs=[(0.25, 0.05)], n=(1, 1), r=(5, 8), others={"bladder": (0.0, -0.06)},
         subj=("the node", "is"), unit=("node", "nodes"),
         cues=["the lateral pelvic node that might need a sidewall dissection",
               "the node in the pelvis that the sentinel lymph node tracer reached first",
               "the node that would change the boost volume for her endometrial cancer"]),
    dict(target="rectal primary tumour", keys=["rectal", "rectum", "primary"], fam=_PELVIS, orient="LP", mod="MR", region="pelvis",
         blobs=[(0.0, 0.23)], n=(1, 1), r=(20, 26), others={"bladder": (0.0, -0.08)},
         subj=("the tumour", "is"), unit=("lesion", "lesions"),
         cues=["the lesion the colonoscopist tattooed at 6 cm from the anal verge",
               "what sets the T category and how close the disease comes to the circumferential margin",
               "the cancer itself in this pelvis MRI, not its nodes"]),
    dict(target="bilateral inguinal lymph nodes", keys=["inguinal", "groin"], fam=_PELVIS, orient="LP", mod="CT", region="pelvis",
         blobs=[(-0.22, -0.20), (0.22, -0.19), (-0.28, -0.13), (0.28, -0.12)], first=2, n=(2, 4), r=(6, 9),
         others={"bladder": (0.0, -0.04)},
         subj=("the nodes", "are"), unit=("node", "nodes"),
         cues=["the nodes that make her vulval cancer node-positive on both sides",
               "the disease the surgeon felt in the creases of both thighs at examination",
               "the nodes that drain the anal margin tumour and change the radiotherapy fields"]),
    dict(target="left supraclavicular lymph node", keys=["supraclavicular", "virchow", "troisier"], fam=_LUNG_N, orient="LI", mod="CT", region="chest",
         blobs=[(0.15, -0.32)], n=(1, 1), r=(7, 10), others={"aortic arch": (0.03, -0.10)},
         subj=("the node", "is"), unit=("node", "nodes"),
         cues=["the node that makes this N3 however the mediastinum looks",
               "the eponymous node that can be the first sign of a gastric cancer",
               "the node the PET found that can be sampled with a simple ultrasound-guided FNA"]),
    dict(target="bilateral cervical lymphadenopathy", keys=["cervical", "neck nodes", "lymphadenopathy"], fam=_LYMPHOMA, orient="LI", mod="CT", region="neck",
         blobs=[(-0.14, -0.38), (0.15, -0.37), (-0.16, -0.29), (0.14, -0.28)], first=2, n=(2, 4), r=(6, 9),
         others={"aortic arch": (0.02, -0.10)},
         subj=("the nodes", "are"), unit=("node", "nodes"),
         cues=["the disease above the diaphragm that the lymphoma staging starts from",
               "what she felt as lumps on both sides when she turned her head",
               "the FDG-avid disease the radiotherapist would cover with involved-site fields"]),
    dict(target="mesenteric nodal mass", keys=["mesenteric", "mesentery", "nodal mass"], fam=_LYMPHOMA, orient="LI", mod="CT", region="abdomen",
         blobs=[(0.02, 0.11)], n=(1, 1), r=(37, 42), others={"liver": (-0.25, -0.05)},
         subj=("the mass", "is"), unit=("mass", "masses"),
         cues=["the sandwich-sign disease wrapped around the bowel's vessels in this lymphoma",
               "the bulky abdominal site that will decide the Deauville score at the end of treatment",
               "the lymphoma below the diaphragm that makes this at least stage III"]),
]

_RECORD = {p["target"]: p for p in PROFILES}


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


def _to_img(u: float, v: float, o: str) -> tuple[float, float]:
    x = 127.5 + (u if o[0] == "L" else -u) * 256
    y = 127.5 + (v if o[1] in "PI" else -v) * 256
    return x, y


def facts_for(p: dict, rng) -> dict:
    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    cands = p["blobs"]
    first = p.get("first", len(cands) if p["n"][1] == len(cands) else 1)
    n = rng.randint(p["n"][0], p["n"][1])
    first = min(first, n)
    rest = list(cands[first:])
    chosen = list(cands[:first]) + (rng.sample(rest, n - first) if n > first else [])
    for u, v in chosen:
        u += rng.uniform(-0.012, 0.012)
        v += rng.uniform(-0.012, 0.012)
        r = rng.uniform(*p["r"])
        rx, ry = r * rng.uniform(0.88, 1.12), r * rng.uniform(0.88, 1.12)
        cx, cy = _to_img(u, v, p["orient"])
        mask |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    others = {}
    for name, (u, v) in p["others"].items():
        x, y = _to_img(u, v, p["orient"])
        others[name] = (x / 255.0, y / 255.0)
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


STYLES = ["mdt", "gpletter", "report", "tutor"]
KINDS = ["laterality", "position", "size", "count", "names_target"]


def pick_profile(profiles, i, defect, rng):
    """Every target about equally often, across registers and defect kinds (11 is prime to 26)."""
    return profiles[(i * 11 + rng.randrange(2)) % len(profiles)]


# ---------------------------------------------------------------------------------------------------
# phrases: every claim about the target goes through `_Row.claim`, which logs it in the ledger

_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
_OPP_REL = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
_REL_WORDS = {"left_of": ["to the left of", "on the left of"], "right_of": ["to the right of", "on the right of"],
              "anterior_to": ["anterior to", "in front of"], "posterior_to": ["posterior to", "behind"],
              "superior_to": ["above", "superior to", "cranial to"], "inferior_to": ["below", "inferior to", "caudal to"]}
_SIDE_WORDS = {"left": ["on the patient's left", "on the left side", "left-sided", "on the left"],
               "right": ["on the patient's right", "on the right side", "right-sided", "on the right"],
               "bilateral": ["bilateral", "on both sides", "present on the left and on the right alike"],
               "midline": ["in the midline", "midline", "straddling the midline"]}
_ONLY_WORDS = {"left": ["confined to the left side", "on the left only", "purely left-sided"],
               "right": ["confined to the right side", "on the right only", "purely right-sided"]}
_NOT_WORDS = {"left": ["not on the left", "not a left-sided finding"], "right": ["not on the right", "not right-sided"],
              "midline": ["not in the midline"], "bilateral": ["not bilateral"]}
_VERT_WORDS = {"anterior": ["anterior", "towards the front of the body", "in the front half of the body"],
               "posterior": ["posterior", "towards the back", "in the back half of the body"],
               "superior": ["superior", "towards the head", "cranial"],
               "inferior": ["inferior", "towards the feet", "caudal"]}
_CENTRAL_WORDS = {"axial": ["roughly central front-to-back", "neither anterior nor posterior, about mid-depth"],
                  "coronal": ["about midway between head and feet", "central craniocaudally"]}
_SIZE_WORDS = {"small": ["small", "fairly small", "quite small"],
               "medium": ["medium-sized", "moderate in size", "intermediate in size"],
               "large": ["large", "big", "sizeable"]}


def _pct_text(pct: float) -> str:
    if pct < 1:
        return f"{pct:.1f}"
    return f"{pct:.1f}" if pct < 10 else f"{pct:.0f}"


class _Row:
    def __init__(self, p, f, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, f, style, rng, defect
        self.turns: list[dict] = []
        self.claims: list[dict] = []
        self.coronal = p["orient"][1] in "IS"
        subj, be = p["subj"]
        self.subj, self.be = subj, be
        self.plural = be == "are"

    # -- bookkeeping
    def claim(self, kind, val, text, role, corrected=False):
        self.claims.append({"kind": kind, "val": val, "turn": len(self.turns), "role": role,
                            "corrected": corrected, "snip": text})
        return text

    def push(self, role, content):
        self.turns.append({"role": role, "content": content})

    def ch(self, seq):
        return seq[self.rng.randrange(len(seq))]

    # -- truths
    def robust_vertical(self):
        off = abs(self.f["centroid_patient"][1])
        return off < 0.035 or off > 0.085

    def robust_relations(self):
        out = []
        c = self.f["centroid_normalized"]
        o = self.p["orient"]
        for r in self.f["relations"]:
            u, v = self.p["others"][r["other"]]
            x, y = _to_img(u, v, o)
            d = abs(c[0] - x / 255.0) if r["relation"] in ("left_of", "right_of") else abs(c[1] - y / 255.0)
            if d > 0.08 and not (self.f["laterality"] == "bilateral" and r["relation"] in ("left_of", "right_of")):
                out.append(r)
        return out

    def false_size_class(self):
        c, pct = self.f["size_class"], self.f["area_fraction"] * 100
        if c == "small":
            return "large"
        if c == "large":
            return "small"
        return "large" if pct < 2.5 else "small"

    def false_pct(self):
        pct = self.f["area_fraction"] * 100
        if self.f["size_class"] == "large" or (self.f["size_class"] == "medium" and pct >= 2.5):
            return pct / self.rng.choice([5, 6, 8])
        return max(pct * self.rng.choice([6, 8, 10]), 6.0)

    def false_count(self):
        n = self.f["components"]
        if n == 1:
            return self.rng.choice([2, 3])
        return self.rng.choice([1, n + 1]) if n < 5 else n - 2

    def false_side(self):
        lat = self.f["laterality"]
        if lat in ("left", "right"):
            return ("is", "right" if lat == "left" else "left")
        if lat == "bilateral":
            return ("only", self.rng.choice(["left", "right"]))
        return ("is", self.rng.choice(["left", "right"]))

    # -- phrases for one attribute value; returns (kind, val, phrase)
    def side_phrase(self, false=False):
        lat = self.f["laterality"]
        if not false:
            return "side", ("is", lat), self.ch(_SIDE_WORDS[lat])
        op, v = self.false_side()
        words = _ONLY_WORDS[v] if op == "only" else _SIDE_WORDS[v]
        return "side", ("is", v), self.ch(words)

    def pos_phrase(self, false=False):
        """A vertical position or a relation to another named structure."""
        rels = self.robust_relations()
        use_vert = self.robust_vertical() and (not rels or self.rng.random() < 0.45)
        vert = self.f["vertical"]
        if false and use_vert and vert == "central" and abs(self.f["centroid_patient"][1]) > 0.03:
            use_vert = not rels
        if use_vert or not rels:
            if not false:
                if vert == "central":
                    return "vertical", ("is", vert), self.ch(_CENTRAL_WORDS["coronal" if self.coronal else "axial"])
                return "vertical", ("is", vert), self.ch(_VERT_WORDS[vert])
            if vert == "central":
                v = self.ch(["superior", "inferior"] if self.coronal else ["anterior", "posterior"])
            else:
                v = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}[vert]
            return "vertical", ("is", v), self.ch(_VERT_WORDS[v])
        r = self.ch(rels)
        rel = _OPP_REL[r["relation"]] if false else r["relation"]
        return "relation", (rel, r["other"]), f"{self.ch(_REL_WORDS[rel])} the {r['other']}"

    def size_phrase(self, false=False, pct=None):
        use_pct = self.rng.random() < 0.4 if pct is None else pct
        if use_pct:
            val = self.false_pct() if false else self.f["area_fraction"] * 100
            t = _pct_text(val)
            return "pct", float(t), self.ch([f"about {t}% of the image", f"roughly {t} per cent of the slice",
                                              f"around {t}% of the field of view"])
        c = self.false_size_class() if false else self.f["size_class"]
        if false:
            words = {"small": ["tiny", "very small", "small"], "large": ["very large", "large", "huge"]}[c]
            return "size", ("is", c), self.ch(words)
        if not false:
            frac = self.f["area_fraction"]
            if min(abs(frac - 0.01) / 0.01, abs(frac - 0.05) / 0.05) < 0.15:  # near a class bound: give the share
                return self.size_phrase(False, pct=True)
        return "size", ("is", c), self.ch(_SIZE_WORDS[c])

    def count_phrase(self, false=False):
        n = self.false_count() if false else self.f["components"]
        unit1, unitn = self.p["unit"]
        if n == 1:
            ph = self.ch([f"a single {unit1}", f"one {unit1} only", f"just one {unit1}"])
        else:
            w = _NUM[n]
            ph = self.ch([f"{w} separate {unitn}", f"{w} discrete {unitn}", f"{n} distinct {unitn}"])
        return "count", ("is", n), ph

    def counterpart(self, kind, val):
        """The true statement that corrects a false claim (kind, val) about the same thing."""
        if kind == "relation":
            rel = _OPP_REL[val[0]]
            return "relation", (rel, val[1]), f"{self.ch(_REL_WORDS[rel])} the {val[1]}"
        if kind == "vertical":
            v = self.f["vertical"]
            words = _CENTRAL_WORDS["coronal" if self.coronal else "axial"] if v == "central" else _VERT_WORDS[v]
            return "vertical", ("is", v), self.ch(words)
        attr = {"side": "side", "size": "size", "pct": "size", "count": "count"}[kind]
        return self.phrase(attr)

    def phrase(self, attr, false=False):
        return {"side": self.side_phrase, "pos": self.pos_phrase, "size": self.size_phrase,
                "count": self.count_phrase}[attr](false)

    # -- sentences
    def S(self):  # capitalised subject
        return self.subj[0].upper() + self.subj[1:]

    def sentence(self, kind, ph):
        rng, s, be = self.rng, self.subj, self.be
        S = self.S()
        if kind == "side":
            fr = [f"{S} {be} {ph}.", f"In patient terms {s} {be} {ph}.",
                  f"Whatever side of the screen it lands on, {s} {be} {ph}."]
        elif kind == "vertical":
            fr = [f"{S} {be} {ph} on this slice.", f"On this slice {s} {be} {ph}."]
        elif kind == "relation":
            fr = [f"{S} {be} {ph}.", f"It lies {ph}." if not self.plural else f"They lie {ph}.",
                  f"In relation to its neighbours, {s} {be} {ph}."]
        elif kind == "size":
            fr = [f"{S} {be} {ph} on this image.", f"Size-wise, {s} {be} {ph} on the slice.",
                  f"On the image itself {s} {be} {ph}."]
        elif kind == "pct":
            cov = "cover" if self.plural else "covers"
            fr = [f"{S} {cov} {ph}.", f"The segmented area is {ph}.", f"In area terms that is {ph}."]
        else:
            n = "are" if not ph.startswith(("a single", "one ", "just one")) else "is"
            fr = [f"There {n} {ph} in the segmentation.", f"The segmentation shows {ph}.", f"I count {ph} on this slice."]
        if self.style == "report" and kind in ("side", "vertical", "size", "count") and not ph.startswith("on the"):
            label = {"side": "Side", "vertical": "Position on the slice", "size": "Size on the image", "count": "Pieces"}[kind]
            fr.append(f"{label}: {ph}.")
        return self.ch(fr)

    def say(self, attr, role="assistant", false=False):
        kind, val, ph = self.phrase(attr, false)
        return self.claim(kind, val, self.sentence(kind, ph), role)

    def clause(self, kind, ph):
        s, be = self.subj, self.be
        if kind == "vertical":
            return f"{s} {be} {ph} on this slice"
        if kind == "size":
            return f"{s} {be} {ph} on the image"
        if kind == "pct":
            return f"{s} {'cover' if self.plural else 'covers'} {ph}"
        if kind == "count":
            n = "is" if ph.startswith(("a single", "one ", "just one")) else "are"
            return f"there {n} {ph} in the segmentation"
        return f"{s} {be} {ph}"


# ---------------------------------------------------------------------------------------------------
# registers

_CHAIRS = ["Dr Hollis", "Prof Adeyemi", "Dr Varga", "Dr McBride"]
_RADS = ["Dr Ruiz", "Dr Okonkwo", "Dr Lindqvist", "Dr Basu"]
_ONCS = ["Dr Mahmoud", "Dr Kerr", "Dr Tanaka", "Dr Sørensen"]
_SURGS = ["Mr Patel", "Ms O'Neill", "Mr Fischer", "Miss Achebe"]
_GPS = ["Dr Whitfield", "Dr Rahman", "Dr Jones", "Dr Cavanagh"]
_PTS = [("Mrs Doyle", "she"), ("Mr Nowak", "he"), ("Ms Ferreira", "she"), ("Mr Campbell", "he"),
        ("Mrs Iqbal", "she"), ("Mr Osei", "he"), ("Mrs Kowalczyk", "she"), ("Mr Brennan", "he")]
_HIST = {
    id(_LUNG_N): ["ex-smoker of 40 pack-years with a biopsy-proven adenocarcinoma", "referred after a chest X-ray for a persistent cough",
                  "PET-CT and EBUS done last week"],
    id(_LUNG_T): ["ex-smoker, 35 pack-years, with haemoptysis", "found incidentally on a CT for a fall",
                  "biopsy showing squamous cell carcinoma, PD-L1 60%"],
    id(_LYMPHOMA): ["drenching night sweats, 9 kg of weight loss and an LDH of 612", "a new diagnosis of diffuse large B-cell lymphoma",
                    "classical Hodgkin lymphoma on core biopsy, baseline PET-CT done"],
    id(_NECK): ["a painless lump for six weeks and a p16-positive biopsy", "otalgia and a muffled voice for two months",
                "never-smoker, HPV-associated squamous cell carcinoma"],
    id(_ABDO): ["colorectal cancer resected two years ago and a rising CEA", "non-small cell lung cancer on first-line immunotherapy",
                "restaging after four cycles of FOLFOX"],
    id(_PELVIS): ["a change in bowel habit and an adenocarcinoma on biopsy", "post-coital bleeding and a squamous carcinoma of the cervix",
                  "endometrial cancer, grade 3, staging MRI done"],
    id(_BREAST): ["a palpable lump and a grade 3 core biopsy", "a screen-detected abnormality, now with a tissue diagnosis",
                  "triple-assessment done in the one-stop clinic"],
}
_STAGING_Q = {
    "mdt": ["Chair: And where does that leave the stage?", "{surg} (surgery): Does that change resectability for us?",
            "{onc} (oncology): Before I talk about treatment, what's the stage we're working with?"],
    "gpletter": ["Thank you. What does this mean for the stage and the treatment plan?",
                 "Many thanks. The family have asked me what stage this is; what should I tell them?"],
    "report": ["What's the overall stage then?", "OK, and what does that mean for treatment?", "How does that feed into the TNM?"],
    "tutor": ["How would you stage it overall?", "What's the stage, then? I want to check my reasoning.",
              "And the staging? I always get the N categories mixed up."],
}
_PREMISE_Q = ["does that change the N category?", "would you still want a biopsy?", "does that alter the treatment plan?",
              "does that change what we tell the patient about the stage?", "is it still within a radical radiotherapy volume?"]
_ASK_Q = {
    "side": {"mdt": ["Chair: Which side is it on? It matters for the N category.", "{surg} (surgery): Sorry, which side is that in the patient?"],
             "gpletter": ["Could you tell me which side it is on? {pron} keeps asking.", "Which side of the body is it on?"],
             "report": ["Which side is it?", "Remind me of the side, in patient terms?"],
             "tutor": ["I'm not sure about the side. Can you walk me through it?", "Which side is it? I'm never sure with the display convention."]},
    "pos": {"mdt": ["{onc} (oncology): Where exactly is it on that slice, for the planners?", "Chair: Can you orient us, where does it sit?"],
            "gpletter": ["Where does it sit in relation to the rest of the anatomy?", "Whereabouts is it on that image?"],
            "report": ["Where does it sit on the slice?", "How would you describe its position?"],
            "tutor": ["I don't know how to describe where it sits. Help?", "How would I describe its position on this slice?"]},
    "size": {"mdt": ["Chair: How big is it on this image?", "{surg} (surgery): How much of the slice does it take up?"],
             "gpletter": ["How large is it on the scan?", "Is it a big area on the image?"],
             "report": ["How big is it on this slice?", "Size on the image?"],
             "tutor": ["How would I describe its size on the image?", "Is it big or small on this slice? I can't judge."]},
    "count": {"mdt": ["Chair: Is that one area or several?", "{onc} (oncology): How many separate pieces have you outlined?"],
              "gpletter": ["Is it a single area or more than one?", "How many separate areas are there?"],
              "report": ["How many separate pieces are in the segmentation?", "Is that one lesion or several?"],
              "tutor": ["How many pieces should I count here?", "Is this one lesion or more? I keep miscounting."]},
}
_CONFIRM_Q = {"mdt": ["Chair: So {c}, correct?", "{surg} (surgery): Just so I have it right, {c}?"],
              "gpletter": ["Am I right in thinking that {c}?", "Just to check my understanding: {c}?"],
              "report": ["So {c}, right?", "Just confirming: {c}?"],
              "tutor": ["I think {c}.", "My answer: {c}.", "Is it that {c}?"]}


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def _fmt_stage(fam, rng) -> dict:
    cm = rng.uniform(2.1, 6.8)
    if fam is _BREAST:
        tcat = "T1" if cm <= 2 else "T2" if cm <= 5 else "T3"
    else:
        tcat = "T1c" if cm <= 3 else "T2a" if cm <= 4 else "T2b" if cm <= 5 else "T3" if cm <= 7 else "T4"
    s0 = rng.randint(60, 140)
    s1 = int(round(s0 * rng.uniform(0.45, 0.95)))
    fall = round((s0 - s1) / s0 * 100)
    ds = rng.choice([2, 3, 4, 5])
    return dict(suv=f"{rng.uniform(3.5, 18.0):.1f}", mm=rng.randint(11, 28), tnm=rng.choice(fam["tnm"]), cm=f"{cm:.1f}",
                tcat=tcat, lug=rng.choice(["II", "III", "IV", "IIE", "II bulky"]), ds=ds,
                dsview="complete metabolic response" if ds <= 3 else "residual metabolically active disease that needs a biopsy",
                s0=s0, s1=s1, pct=fall,
                resp="meets the 30% threshold for partial response" if fall >= 30 else "is stable disease rather than a partial response")


def fam_f(p):
    return p["fam"] is _BREAST or p["fam"] is _PELVIS


_SWAP_HE = {"she": "he", "her": "his", "herself": "himself"}
_SWAP_SHE = {"he": "she", "his": "her", "himself": "herself"}


def _gender(text: str, pron: str) -> str:
    table = _SWAP_HE if pron == "he" else _SWAP_SHE
    import re
    return re.sub(r"\b[a-z]+\b", lambda m: table.get(m.group(0), m.group(0)), text)


class _Build:
    def __init__(self, row: _Row):
        self.r = row
        rng = row.rng
        self.chair, self.rad, self.onc, self.surg, self.gp = (rng.choice(_CHAIRS), rng.choice(_RADS), rng.choice(_ONCS),
                                                              rng.choice(_SURGS), rng.choice(_GPS))
        pts = [x for x in _PTS if x[1] == "she"] if fam_f(row.p) else _PTS
        self.pt, self.pron = rng.choice(pts)
        self.age = rng.randint(31, 84)
        fam = row.p["fam"]
        self.fam = fam
        self.st = _fmt_stage(fam, rng)
        self.stage_lines = [s.format(**self.st) for s in fam["stage"]]
        rng.shuffle(self.stage_lines)
        self.traps = list(fam["trap"])
        rng.shuffle(self.traps)
        self.hist = rng.choice(_HIST[id(fam)])

    def fill(self, s):
        return s.format(surg=self.surg, onc=self.onc, chair=self.chair, rad=self.rad, pron=_cap(self.pron), c="{c}")

    def stage_bits(self, k=1):
        out = []
        for _ in range(k):
            if self.stage_lines:
                out.append(self.stage_lines.pop())
        return out

    def trap_bits(self, k=1):
        out = []
        for _ in range(k):
            if self.traps:
                out.append(self.traps.pop())
        return out

    # -- extra sentences about the target that are not patient-frame facts, or are corrected slips
    def screen_line(self):
        r = self.r
        if r.f["laterality"] not in ("left", "right"):
            return None
        scr = "right" if r.f["centroid_normalized"][0] > 0.5 else "left"
        conv = ("this MR series is displayed in the neurological convention, patient's left on the viewer's left"
                if r.p["orient"][0] == "R" else "of the radiological convention, the patient's right on the viewer's left")
        txt = r.ch([f"On the monitor it appears on your {scr}, because {conv}.",
                    f"Note that it shows on the {scr} of the screen; that is because {conv}."])
        return r.claim("screen", scr, txt, "assistant")

    def hypo_line(self):
        r = self.r
        lat = r.f["laterality"]
        if lat in ("left", "right") and r.p["unit"][0] == "node":
            opp = "right" if lat == "left" else "left"
            return r.ch([f"Had it been on the {opp}, the opposite side to the primary, the N category would have gone up a step.",
                         f"If a similar node turned up on the {opp} as well, we would be talking about contralateral disease."])
        if lat in ("left", "right"):
            opp = "right" if lat == "left" else "left"
            return f"Had it been on the {opp}, the surgical approach would have been different."
        return r.ch(["If this were one-sided rather than what it is, the staging conversation would be different.",
                     "Had the PET been negative here, we would still have wanted tissue."])

    def self_fix(self, attr):
        """The assistant slips on one attribute and corrects itself at once (both logged)."""
        r = self.r
        kind, val, bad = r.phrase(attr, false=True)
        r.claims.append({"kind": kind, "val": val, "turn": len(r.turns), "role": "assistant", "corrected": True, "snip": bad})
        kind2, val2, good = r.counterpart(kind, val)
        r.claims.append({"kind": kind2, "val": val2, "turn": len(r.turns), "role": "assistant", "corrected": False, "snip": good})
        return r.ch([f"{_cap(r.clause(kind, bad))} (sorry, let me correct that: {good}).",
                     f"{_cap(r.clause(kind, bad))}; no, scratch that, {r.clause(kind2, good)}."])

    # -- turns
    def q1(self, names):
        r, p = self.r, self.r.p
        what = f"the {p['target']}" if names else _gender(r.ch(p["cues"]), self.pron)
        mod = {"CT": "CT", "MR": "MRI"}[p["mod"]] if not (p["orient"][1] == "I") else "PET-CT"
        st = r.style
        if st == "mdt":
            return r.ch([f"Chair ({self.chair}): Next is {self.pt}, {self.age}, {self.hist}. {self.rad}, can you put up {what}?",
                         f"Chair ({self.chair}): Right, {self.pt}. {self.age}, {self.hist}. Before we talk plans, show us {what} on the {mod}, please.",
                         f"{self.onc} (oncology): This is {self.pt}, {self.age}, {self.hist}. Can radiology point out {what}?"])
        if st == "gpletter":
            return r.ch([f"Dear {self.onc},\n\nThank you for seeing {self.pt} ({self.age}), {self.hist}. {_cap(self.pron)} asked me which part of the {mod} you were most worried about. Could you show me {what}?\n\nBest wishes,\n{self.gp}, GP",
                         f"Dear {self.onc},\n\nRe: {self.pt}, age {self.age}. I have read the {mod} report ({self.hist}) but I am not confident reading the images myself. Would you mind highlighting {what}?\n\nWith thanks,\n{self.gp}"])
        if st == "report":
            return r.ch([f"Here's the staging {mod} report for {self.pt} ({self.age}; {self.hist}). Can you rewrite it as a plain chat answer and highlight {what}?",
                         f"Turn this structured {mod} staging report into something readable for the ward team, and mark {what}. Patient is {self.age}, {self.hist}."])
        return r.ch([f"I'm revising staging for my FRCR. Quiz me on this {mod}: start by finding {what}.",
                     f"Can you test me on this case? {self.age}-year-old, {self.hist}. First, show me {what}.",
                     f"Teach me with questions, please. {mod}, patient aged {self.age}: {self.hist}. Where is {what}?"])

    def name_line(self):
        t, st = self.r.p["target"], self.r.style
        if st == "mdt":
            return self.r.ch([f"Yes, here: this is the {t} [SEG].", f"Sure. What you're after is the {t}, outlined now [SEG]."])
        if st == "gpletter":
            return self.r.ch([f"The finding that concerns me most is the {t}, which I have outlined on the enclosed image [SEG].",
                              f"I have highlighted the {t} on the attached image [SEG]; this is what drives the staging."])
        if st == "report":
            return self.r.ch([f"**Key finding:** {t} [SEG]", f"**Highlighted:** the {t} [SEG]"])
        return self.r.ch([f"Good start. The answer is the {t} [SEG].", f"Here it is: the {t} [SEG]. Now let's test you on it."])

    def claim_lines(self, attrs, false_attr=None):
        return [self.r.say(a, false=(a == false_attr)) for a in attrs]

    def a1(self, attrs, false_attr, extras):
        r, st = self.r, self.r.style
        claims = self.claim_lines(attrs, false_attr)
        stage = self.stage_bits(1)
        trap = self.trap_bits(1)
        if st == "mdt":
            lines = [f"{self.rad} (radiology): {self.name_line()} " + " ".join(claims[:2])]
            if "wrongspeaker" in extras:
                a = extras["wrongspeaker"]
                kind, val, bad = r.phrase(a, false=True)
                q = r.claim(kind, val, r.clause(kind, bad), "assistant", corrected=True)
                kind2, val2, good = r.counterpart(kind, val)
                fix = r.claim(kind2, val2, r.sentence(kind2, good), "assistant")
                lines.append(f"{self.surg} (surgery): So {q}?")
                lines.append(f"{self.rad}: No. {fix}")
            if "selffix" in extras:
                lines.append(f"{self.rad}: {self.self_fix(extras['selffix'])}")
            if claims[2:]:
                lines.append(f"{self.rad}: " + " ".join(claims[2:]))
            if "screen" in extras:
                lines.append(f"{self.rad}: {self.screen_line()}")
            lines.append(f"{self.onc} (oncology): " + " ".join(stage + trap))
            if "hypo" in extras:
                lines.append(f"{self.chair} (chair): {self.hypo_line()}")
            return "\n".join(lines)
        if st == "gpletter":
            body = [f"Dear {self.gp},", f"Re: {self.pt}, {self.age}",
                    f"Thank you for your letter. {self.name_line()} " + " ".join(claims)]
            if "selffix" in extras:
                body.append(self.self_fix(extras["selffix"]))
            if "screen" in extras:
                body.append(self.screen_line())
            body.append(" ".join(stage) + (" " + self.hypo_line() if "hypo" in extras else ""))
            body.append("For background, " + trap[0][0].lower() + trap[0][1:] if trap else "")
            body.append(f"Yours sincerely,\n{self.onc}\nConsultant Medical Oncologist")
            return "\n\n".join(b for b in body if b)
        if st == "report":
            out = [r.ch(["Sure, here's the staging report as a chat answer.", "Here's a plain-language version of the report."]), "",
                   self.name_line()]
            out += [f"- {c}" for c in claims]
            if "selffix" in extras:
                out.append(f"- {self.self_fix(extras['selffix'])}")
            if "screen" in extras:
                out.append(f"- {self.screen_line()}")
            out += ["", f"**Staging:** {stage[0] if stage else self.st['tnm']}", f"**Context:** {trap[0] if trap else ''}"]
            if "hypo" in extras:
                out.append(f"**Caveat:** {self.hypo_line()}")
            return "\n".join(out)
        body = [self.name_line()]
        body.append(" ".join(claims))
        if "selffix" in extras:
            body.append(self.self_fix(extras["selffix"]))
        if "screen" in extras:
            body.append(self.screen_line())
        body.append("Background you should know: " + " ".join(trap))
        if "hypo" in extras:
            body.append(self.hypo_line())
        return "\n\n".join(body)

    def tutor_next_q(self, topic):
        r = self.r
        qs = {"side": ["Question: which side is it on, in the patient?", "Your turn: what is its laterality?"],
              "pos": ["Next: describe where it sits on this slice.", "Now tell me its position relative to a neighbour."],
              "size": ["Next question: how big is it on this image?", "How would you describe its size on the slice?"],
              "count": ["Now count: how many separate pieces are there?", "Question: one lesion or several?"],
              "staging": ["Last one: stage it.", "Now put it together: what's the stage?"]}
        return r.ch(qs[topic])

    def round(self, topic, mode, false_here):
        """One follow-up: a user turn and an assistant turn."""
        r, st = self.r, self.r.style
        # user turn
        if mode == "staging":
            uq = self.fill(r.ch(_STAGING_Q[st]))
            r.push("user", uq)
        elif mode == "ask":
            r.push("user", self.fill(r.ch(_ASK_Q[topic][st])))
        elif mode in ("confirm", "wrongfix", "premise"):
            kind, val, ph = r.phrase(topic, false=(mode != "confirm"))
            self.user_claim = (kind, val)
            c = r.clause(kind, ph)
            r.claim(kind, val, c, "user", corrected=(mode == "wrongfix"))
            if mode == "premise":
                q = r.ch(_PREMISE_Q)
                if st == "mdt":
                    txt = f"{self.surg} (surgery): Given that {c}, {q}"
                elif st == "gpletter":
                    txt = f"Thank you. Given that {c}, {q}\n\n{self.gp}"
                elif st == "tutor":
                    txt = f"{_cap(c)}. So {q}"
                else:
                    txt = f"Given that {c}, {q}"
            else:
                txt = self.fill(r.ch(_CONFIRM_Q[st])).replace("{c}", c)
            r.push("user", txt)
        # assistant turn
        parts = []
        if mode in ("staging", "premise"):
            lead = {"premise": r.ch(["On the staging question: ", "", "Good question. "]), "staging": ""}[mode]
            if st == "tutor" and mode == "premise":
                lead = r.ch(["Good. ", "OK. ", ""])
            parts.append(lead + " ".join(self.stage_bits(1) + self.trap_bits(1)))
        elif mode == "ask":
            parts.append(r.say(topic, false=false_here))
            if r.rng.random() < 0.5:
                parts += self.trap_bits(1)
        elif mode == "confirm":
            kind, val, ph = r.counterpart(*self.user_claim) if self.user_claim[0] != "relation" else \
                ("relation", self.user_claim[1], f"{r.ch(_REL_WORDS[self.user_claim[1][0]])} the {self.user_claim[1][1]}")
            parts.append(r.ch(["Yes. ", "That's right. ", "Correct. "]) + r.claim(kind, val, r.sentence(kind, ph), "assistant"))
        else:  # wrongfix
            kind, val, ph = r.counterpart(*self.user_claim)
            parts.append(r.ch(["No, not quite. ", "Not quite. ", "Careful there. "]) + r.claim(kind, val, r.sentence(kind, ph), "assistant"))
        text = " ".join(x for x in parts if x)
        if st == "mdt":
            who = self.onc + " (oncology)" if mode in ("staging", "premise") else self.rad
            text = f"{who}: {text}"
            if mode in ("staging", "premise") and r.rng.random() < 0.5:
                text += f"\n{self.chair} (chair): OK, thank you. We'll record that and move on."
        elif st == "gpletter":
            text = f"Dear {self.gp},\n\n{text}\n\nKind regards,\n{self.onc}"
        return text

    def run(self, defect):
        r, rng = self.r, self.r.rng
        attrs = ["side", "pos", "size", "count"]
        dattr = {"laterality": "side", "position": "pos", "size": "size", "count": "count"}.get(defect)
        place = rng.choice(["answer1", "followup", "premise"]) if dattr else None
        self.place = place
        nf = rng.choice([1, 2, 2, 3])
        a1_attrs = rng.sample(attrs, rng.choice([2, 3]))
        if dattr and place == "answer1" and dattr not in a1_attrs:
            a1_attrs[0] = dattr
        if dattr and place != "answer1" and dattr in a1_attrs:
            a1_attrs.remove(dattr)
        rest = [a for a in attrs if a not in a1_attrs]
        rng.shuffle(rest)
        rounds = []
        for a in rest:
            if a == dattr:
                rounds.append((a, "premise" if place == "premise" else "ask", place == "followup"))
            else:
                rounds.append((a, rng.choice(["ask", "ask", "confirm"]), False))
        rounds.append(("staging", "staging", False))
        if dattr and place != "answer1":
            keep = [x for x in rounds if x[0] == dattr]
            others = [x for x in rounds if x[0] != dattr]
            rounds = keep + others[:max(0, nf - 1)]
            rng.shuffle(rounds)
        else:
            rounds = rounds[:nf]
        # clean-row traps: a corrected wrong premise, a corrected slip, the screen side, a hypothetical
        extras = {}
        if rng.random() < 0.55 and r.f["laterality"] in ("left", "right") and defect != "laterality":
            extras["screen"] = True
        if rng.random() < 0.35 and defect != "laterality":
            extras["hypo"] = True
        okfix = [a for a in ("side", "count", "size", "pos") if a != dattr]
        if defect is None or rng.random() < 0.3:
            z = rng.random()
            if z < 0.3:
                extras["selffix"] = rng.choice(okfix)
            elif z < 0.55 and r.style == "mdt":
                extras["wrongspeaker"] = rng.choice(okfix)
            elif rounds:
                cand = [i for i, x in enumerate(rounds) if x[1] in ("ask", "confirm") and x[0] != dattr]
                if cand:
                    i = rng.choice(cand)
                    rounds[i] = (rounds[i][0], "wrongfix", False)
                else:
                    rounds.append((rng.choice(okfix), "wrongfix", False))
        r.push("user", self.q1(defect == "names_target"))
        a1 = self.a1(a1_attrs, dattr if place == "answer1" else None, extras)
        if r.style == "tutor" and rounds:
            a1 += "\n\n" + self.tutor_next_q(rounds[0][0])
        r.push("assistant", a1)
        for k, (topic, mode, false_here) in enumerate(rounds):
            txt = self.round(topic, mode, false_here)
            if r.style == "tutor" and k + 1 < len(rounds):
                txt += "\n\n" + self.tutor_next_q(rounds[k + 1][0])
            r.push("assistant", txt)


def build(p, facts, style, rng, defect):
    row = _Row(p, facts, style, rng, defect)
    b = _Build(row)
    b.run(defect)
    LEDGER.append({"target": p["target"], "defect": defect, "place": getattr(b, "place", None), "claims": row.claims})
    return row.turns, ([] if defect is None else [defect])
