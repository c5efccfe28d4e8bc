"""Bank GY: social-media radiology teaching (case-of-the-day threads, polls, replies, answer reveals).

Registers: an attending's numbered teaching thread ("2/7 ..."), a resident quiz-master with polls and
"spoiler below", followers' replies (wrong guesses corrected by the poster) and a terse answer-reveal post
with arrows and emojis. Social numbers (likes, retweets, followers, poll percentages, votes, thread
numbers), ages, doses and mm cut-offs are never the mask's. Targets: 25 (CT, MR, chest X-ray; axial "LP",
coronal/PA "LI" and one neuro-convention "RP" series), single and multi-piece, left, right, bilateral and
midline, some with relations to other named structures.

Own check (/work/notes/qcgy_scripts/check_gy.py, seed 20261334):
rows 420, clean 210, defects laterality 42, position 42, size 42, count 42, names_target 42; false claim in
first answer 51, follow-up answer 54, user premise 63 (never corrected); problems: 0
"""

from __future__ import annotations

import math

import numpy as np

from medseg_qa.facts import compute_facts

SIZE = 256
LEDGER: list[dict] = []  # one entry per build(): the claims each row makes about its target

# -- targets ---------------------------------------------------------------------------------------
# shape kinds: ("ell", cx, cy, rx, ry) one ellipse; ("multi", n, xr, yr, rr) n circles in a box;
# ("pair", (cx1, cy1), (cx2, cy2), rx, ry) two ellipses; ("bimulti", n, box_a, box_b, rr) circles in two boxes;
# ("ring", cx, cy, r_out, width). Ranges are (lo, hi) drawn with the bank's rng.

PROFILES = [
    dict(target="left adrenal adenoma", noun="adrenal adenoma", unit=("nodule", "nodules"), key=["adrenal", "adenoma"],
         mod="CT", region="abdomen", orient="LP", shape=("ell", (168, 182), (150, 162), (6, 9), (6, 9)),
         others={"aorta": (0.5, 0.55), "left kidney": (0.72, 0.7)},
         story=["52F, CT done for renal colic, incidental finding near the kidney 🤷", "61M, hypertensive, potassium a bit low, stone CT otherwise clean"],
         ask=["which gland-sized thing here is the incidentaloma everyone will ask about?", "what's the structure that could be making too much aldosterone?"],
         pearls=["Washout >60% on delayed imaging is the classic benign pattern.", "Under 10 HU on non-contrast = lipid-rich, you can stop there.", "The right kidney usually sits a bit lower than the left, about 1-2 cm."],
         wrong=["the splenic vein", "a renal upper-pole cyst"]),
    dict(target="right pneumothorax", noun="pneumothorax", unit=("air pocket", "air pockets"), key=["pneumothorax", "ptx"],
         mod="XR", region="chest", orient="LI", shape=("ell", (52, 66), (80, 96), (26, 32), (48, 58)),
         others={"heart": (0.56, 0.62), "trachea": (0.5, 0.22)},
         story=["22M, tall and thin, sudden pleuritic chest pain at rest", "34F, chest pain after a central line attempt, sats 91%"],
         ask=["where's the air that shouldn't be there?", "what's stopping the lung from reaching the chest wall?"],
         pearls=["Look for the visceral pleural line and no lung markings beyond it.", "On a supine film the deep sulcus sign may be all you get.", "Tension = mediastinal shift away + haemodynamic compromise; that's clinical, not a film diagnosis."],
         wrong=["a skin fold", "a bulla"]),
    dict(target="inflamed appendix", noun="inflamed appendix", unit=("segment", "segments"), key=["appendix", "appendicitis"],
         mod="CT", region="abdomen", orient="LP", shape=("ell", (70, 84), (92, 104), (7, 10), (7, 10)),
         others={"right psoas muscle": (0.36, 0.62), "bladder": (0.5, 0.3)},
         story=["19M, periumbilical pain migrating to the RLQ, WBC 14", "27F, fever and anorexia, pregnancy test negative, McBurney point tender"],
         ask=["which blind-ending tube is causing all this?", "what's the culprit for this migrating belly pain?"],
         pearls=["Outer diameter >6 mm plus fat stranding is the usual cutoff.", "About 1 in 3 retrocaecal ones are missed on US.", "Pain usually starts periumbilical and moves within 12-24 h."],
         wrong=["the terminal ileum", "a right ovarian cyst"]),
    dict(target="bilateral pleural effusions", noun="pleural effusions", plural=True, unit=("collection", "collections"), key=["effusion"],
         mod="CT", region="chest", orient="LP", shape=("pair", ((62, 72), (176, 188)), ((184, 194), (176, 188)), (29, 34), (21, 25)),
         others={"heart": (0.5, 0.45), "descending aorta": (0.56, 0.62)},
         story=["78F with known HFrEF, 3 kg up this week, orthopnoeic", "70M, cirrhosis, breathless, crackles at the bases"],
         ask=["what's collecting in the chest here?", "why are the bases so crackly — what's filling the space?"],
         pearls=["Lateral decubitus can pick up ~50 mL; upright PA needs around 200 mL.", "Light's criteria if you tap it: protein ratio >0.5 means exudate.", "The left hemidiaphragm usually sits a touch lower than the right."],
         wrong=["atelectasis", "consolidation"]),
    dict(target="pulmonary metastases", noun="pulmonary metastases", plural=True, unit=("nodule", "nodules"), key=["metasta", "mets"],
         mod="CT", region="chest", orient="LP", shape=("bimulti", (2, 5), ((40, 100), (70, 190)), ((156, 216), (70, 190)), (4, 7)),
         others={"heart": (0.5, 0.45)},
         story=["45F, sarcoma resected two years ago, routine surveillance CT", "66M with colorectal primary, new cough"],
         ask=["what's seeded in the lungs here?", "what do the round things scattered through the lung fields represent?"],
         pearls=["Classic 'cannonball' pattern: renal, sarcoma, testicular, choriocarcinoma.", "Fleischner rules do not apply to patients with a known primary.", "Around 20-30% of sarcoma patients develop lung spread."],
         wrong=["granulomas", "vessels seen end-on"]),
    dict(target="abdominal aortic aneurysm", noun="aortic aneurysm", unit=("sac", "sacs"), key=["aneurysm", "aaa", "aorta", "aortic"],
         mod="CT", region="abdomen", orient="LP", shape=("ell", (124, 132), (152, 160), (20, 24), (20, 24)),
         others={"vertebral body": (0.5, 0.82), "IVC": (0.38, 0.6)},
         story=["74M smoker, pulsatile epigastric mass found by his GP", "81M, back pain, BP 95/60, history of claudication"],
         ask=["which vessel has ballooned here?", "what's the pulsatile thing his GP felt?"],
         pearls=["Repair threshold is usually 5.5 cm in men, 5.0 cm in women.", "Growth >1 cm/year is another trigger.", "Screening ultrasound at 65 is offered to men in the UK."],
         wrong=["a horseshoe kidney isthmus", "retroperitoneal nodes"]),
    dict(target="pituitary macroadenoma", noun="pituitary macroadenoma", unit=("mass", "masses"), key=["pituitary", "adenoma"],
         mod="MR", region="head", orient="LI", shape=("ell", (124, 131), (120, 134), (8, 11), (8, 11)),
         others={"optic chiasm": (0.5, 0.38), "sphenoid sinus": (0.5, 0.72)},
         story=["38F, bitemporal hemianopia and headaches for 6 months", "44M, coarse features, shoe size went up two sizes"],
         ask=["what's pressing up on the visual pathway here?", "which gland has grown into this mass?"],
         pearls=["Macro means >10 mm; micro is under that.", "Prolactinomas are about 40% of functioning tumours and usually respond to cabergoline 0.25-1 mg twice weekly.", "The chiasm sits about 10 mm above the diaphragma sellae."],
         wrong=["a Rathke cleft cyst", "the cavernous sinus"]),
    dict(target="left MCA territory infarct", noun="MCA territory infarct", unit=("territory", "territories"), key=["infarct", "stroke", "mca"],
         mod="CT", region="head", orient="LP", shape=("ell", (168, 184), (108, 122), (18, 24), (26, 32)),
         others={"third ventricle": (0.5, 0.5)},
         story=["68M, woke with right arm weakness and expressive aphasia, LKW 9 h", "72F, AF off anticoagulation, sudden word-finding difficulty"],
         ask=["which territory has lost its blood supply?", "where's the dead brain that explains her speech?"],
         pearls=["ASPECTS: 10 points, subtract one per region involved.", "Thrombolysis window is 4.5 h from last known well.", "Dense MCA sign is present in about a third of cases."],
         wrong=["old encephalomalacia", "a low-grade glioma"]),
    dict(target="right subdural hematoma", noun="subdural haematoma", unit=("collection", "collections"), key=["subdural", "sdh", "haematoma", "hematoma"],
         mod="CT", region="head", orient="LP", shape=("ell", (46, 58), (116, 136), (9, 12), (42, 50)),
         others={"third ventricle": (0.5, 0.5)},
         story=["84F on apixaban, found on the floor, GCS 14", "79M, alcohol excess, gradually more confused over two weeks"],
         ask=["what's the crescent squeezing the brain here?", "what's collected between brain and skull?"],
         pearls=["Crescent that crosses sutures but not the midline — classic.", "Midline shift >5 mm usually gets neurosurgery on the phone.", "Epidurals are lens-shaped and stop at sutures."],
         wrong=["an epidural bleed", "a subdural hygroma"]),
    dict(target="splenic laceration", noun="splenic laceration", unit=("tear", "tears"), key=["splenic", "spleen", "laceration"],
         mod="CT", region="abdomen", orient="LP", shape=("ell", (192, 204), (138, 150), (11, 15), (11, 15)),
         others={"left kidney": (0.7, 0.68), "stomach": (0.62, 0.36)},
         story=["25M, motorbike vs car, left lower rib fractures, HR 118", "17F, kicked by a horse, LUQ pain, Kehr sign"],
         ask=["which organ is bleeding after the crash?", "what's the injured organ that explains the shoulder-tip pain?"],
         pearls=["AAST grade 3 starts at >3 cm parenchymal depth.", "About 60-80% of blunt injuries are now managed without surgery.", "Delayed rupture can happen days later."],
         wrong=["a splenic cleft", "the splenic flexure"]),
    dict(target="liver metastases", noun="liver metastases", plural=True, unit=("lesion", "lesions"), key=["metasta", "mets"],
         mod="CT", region="abdomen", orient="LP", shape=("multi", (2, 5), (34, 100), (66, 150), (6, 11)),
         others={"gallbladder": (0.36, 0.48), "stomach": (0.62, 0.36)},
         story=["59M, colon cancer staging CT", "63F, weight loss 8 kg, raised ALP, CEA 140"],
         ask=["what's spread to the bile-making organ?", "why is the staging going to change after this scan?"],
         pearls=["Portal venous phase is the workhorse for colorectal spread.", "The right lobe gets about 60-70% of portal flow.", "Up to 25% of colorectal cancers have liver spread at diagnosis."],
         wrong=["simple cysts", "haemangiomas"]),
    dict(target="bladder stone", noun="bladder stone", unit=("stone", "stones"), key=["bladder", "stone", "calcul"],
         mod="CT", region="pelvis", orient="LP", shape=("ell", (124, 131), (118, 136), (5, 8), (5, 8)),
         others={"rectum": (0.5, 0.8), "pubic symphysis": (0.5, 0.22)},
         story=["71M with BPH, stop-start stream and haematuria", "55M, spinal cord injury, recurrent UTIs"],
         ask=["what's rattling around in the urine reservoir here?", "what dense thing explains the interrupted stream?"],
         pearls=["Most are secondary to outlet obstruction in men over 50.", "Uric acid stones can be nearly invisible on X-ray but not on CT.", "Stones over 10 mm rarely pass."],
         wrong=["a phlebolith", "a prostatic calcification"]),
    dict(target="pneumoperitoneum", noun="free intraperitoneal air", unit=("pocket", "pockets"), key=["pneumoperitoneum", "free air", "intraperitoneal air", "free gas"],
         mod="CT", region="abdomen", orient="LP", shape=("ell", (120, 135), (34, 46), (38, 48), (9, 13)),
         others={"liver": (0.3, 0.45), "stomach": (0.62, 0.36)},
         story=["67F on NSAIDs for years, sudden epigastric pain, rigid abdomen", "48M, 3 days after colonoscopy with polypectomy, worsening pain"],
         ask=["what's outside the bowel that should be inside it?", "what's the sign that tells you something has perforated?"],
         pearls=["Lung window on the abdomen CT makes it pop.", "Postop free gas can persist up to 3-6 days in adults.", "Rigler sign on X-ray: both sides of the bowel wall visible."],
         wrong=["gas in the transverse colon", "Chilaiditi"]),
    dict(target="bilateral hilar lymphadenopathy", noun="hilar lymphadenopathy", unit=("nodal mass", "nodal masses"), key=["lymphadenopathy", "lymph node", "nodes", "hilar"],
         mod="XR", region="chest", orient="LI", shape=("pair", ((92, 102), (100, 114)), ((154, 164), (100, 114)), (11, 14), (11, 14)),
         others={"trachea": (0.5, 0.22), "heart": (0.55, 0.66)},
         story=["29F, erythema nodosum and ankle swelling, dry cough", "35M, Afro-Caribbean, raised ACE, mild dyspnoea"],
         ask=["what are the lumpy bits near the lung roots?", "what explains the abnormal lung roots on this film?"],
         pearls=["Löfgren syndrome usually settles within 6-24 months.", "Stage I sarcoid: nodes only, no parenchymal change.", "The left hilum sits higher than the right in about 97% of people."],
         wrong=["prominent pulmonary arteries", "nothing, normal hila"]),
    dict(target="left lower lobe consolidation", noun="lower lobe consolidation", unit=("area", "areas"), key=["consolidation", "pneumonia"],
         mod="XR", region="chest", orient="LI", shape=("ell", (176, 190), (164, 178), (22, 28), (18, 23)),
         others={"heart": (0.55, 0.58), "trachea": (0.5, 0.22)},
         story=["58M, fever 39.2, productive cough, crackles on one side", "80F, aspiration risk after a stroke, new oxygen requirement"],
         ask=["what's filled the airspaces here?", "which part of the lung has stopped aerating?"],
         pearls=["Loss of the hemidiaphragm silhouette tells you it's lower lobe, not lingula.", "CURB-65 of 2 or more usually means admission.", "Aspiration favours the right lower lobe in upright patients."],
         wrong=["the heart border", "a hiatus hernia"]),
    dict(target="multiple sclerosis plaques", noun="demyelinating plaques", plural=True, unit=("plaque", "plaques"), key=["sclerosis", "plaque", "demyelinat", "ms lesion"],
         mod="MR", region="head", orient="LP", shape=("multi", (3, 5), (90, 166), (88, 168), (3, 6)),
         others={"third ventricle": (0.5, 0.5)},
         story=["27F, optic neuritis last year, now tingling legs", "33F, Lhermitte sign, one episode of diplopia in 2022"],
         ask=["what are the bright spots lined up near the ventricles?", "what's the white-matter finding that fits her relapsing symptoms?"],
         pearls=["Dawson fingers run perpendicular to the ventricles.", "McDonald 2017 needs dissemination in space and time.", "Central vein sign seen in >40% of lesions favours MS."],
         wrong=["small-vessel ischaemic change", "Virchow-Robin spaces"]),
    dict(target="pericardial effusion", noun="pericardial effusion", unit=("collection", "collections"), key=["pericardial", "effusion", "pericardium"],
         mod="CT", region="chest", orient="LP", shape=("ring", (132, 140), (104, 112), (38, 44), (6, 8)),
         others={"descending aorta": (0.56, 0.68)},
         story=["54F with breast cancer, soft heart sounds and a raised JVP", "60M, recent viral illness, low-voltage ECG"],
         ask=["what's surrounding the heart here?", "why are the heart sounds so muffled — what's around it?"],
         pearls=["Beck's triad: hypotension, raised JVP, muffled sounds.", "Normal sac holds about 15-50 mL.", "Pulsus paradoxus >10 mmHg should worry you."],
         wrong=["epicardial fat", "pleural fluid"]),
    dict(target="right thyroid nodule", noun="thyroid nodule", unit=("nodule", "nodules"), key=["thyroid", "nodule"],
         mod="CT", region="neck", orient="LP", shape=("ell", (90, 100), (94, 106), (6, 9), (6, 9)),
         others={"trachea": (0.5, 0.45)},
         story=["46F, lump in the neck found while shaving... her partner noticed", "39F, incidental finding on a carotid CT"],
         ask=["which gland has the lump?", "what's the incidentaloma next to the windpipe?"],
         pearls=["TI-RADS decides FNA; TR5 ≥10 mm gets sampled.", "About 50% of adults over 60 have one on ultrasound.", "The recurrent laryngeal nerve runs in the tracheo-oesophageal groove."],
         wrong=["a level III lymph node", "the oesophagus"]),
    dict(target="distended gallbladder", noun="inflamed gallbladder", unit=("organ", "organs"), key=["gallbladder", "cholecyst"],
         mod="CT", region="abdomen", orient="LP", shape=("ell", (74, 88), (94, 106), (14, 19), (12, 16)),
         others={"liver": (0.3, 0.45), "stomach": (0.62, 0.36)},
         story=["44F, fat, fertile, forty... RUQ pain after a fatty meal, Murphy's positive", "57M, fever and RUQ pain, LFTs mildly up"],
         ask=["which bile-storing organ is the problem?", "what organ explains her positive Murphy's sign?"],
         pearls=["Wall >3 mm plus pericholecystic fluid supports it.", "Early lap chole within 72 h is standard.", "About 10% of adults in Western countries carry gallstones."],
         wrong=["the duodenum", "a liver cyst"]),
    dict(target="right vestibular schwannoma", noun="vestibular schwannoma", unit=("tumour", "tumours"), key=["schwannoma", "acoustic neuroma", "vestibular"],
         mod="MR", region="head", orient="RP", shape=("ell", (160, 170), (148, 158), (6, 8), (6, 8)),
         others={"brainstem": (0.5, 0.6)},
         story=["51F, one-sided hearing loss and tinnitus for a year", "48M, unsteady, asymmetric sensorineural loss on audiometry"],
         ask=["what's growing along the hearing-and-balance nerve?", "what explains the asymmetric hearing loss here?"],
         pearls=["Bilateral ones = NF2 until proven otherwise.", "Growth of about 1-2 mm/year is typical.", "This series is stored in neurological convention, so screen right is the patient's right."],
         wrong=["a meningioma", "an epidermoid"]),
    dict(target="left hydronephrosis", noun="dilated renal pelvis", unit=("dilated region", "dilated regions"), key=["hydronephrosis", "renal pelvis", "pelvicalyceal"],
         mod="MR", region="abdomen", orient="LP", shape=("ell", (172, 184), (150, 160), (13, 16), (13, 16)),
         others={"aorta": (0.5, 0.55), "spleen": (0.8, 0.4)},
         story=["31F, 28 weeks pregnant, flank pain and fever", "40M, colicky loin-to-groin pain, blood on dip"],
         ask=["what's backing up because of the obstruction?", "where's the urine pooling upstream of the block?"],
         pearls=["Physiological dilatation of pregnancy is commoner on the right (about 90%).", "Stones under 5 mm pass in ~70% of cases.", "An infected obstructed kidney is an emergency: decompress."],
         wrong=["a parapelvic cyst", "the renal vein"]),
    dict(target="dilated small bowel loops", noun="dilated small-bowel loops", plural=True, unit=("loop", "loops"), key=["small bowel", "small-bowel", "obstruction", "sbo"],
         mod="CT", region="abdomen", orient="LP", shape=("multi", (3, 5), (78, 178), (64, 140), (10, 15)),
         others={"liver": (0.3, 0.45)},
         story=["66F, previous hysterectomy, vomiting and no flatus for 2 days", "72M, colicky pain, distended, tinkling bowel sounds"],
         ask=["what's backed up behind the adhesion?", "which part of the gut is distended and fluid-filled?"],
         pearls=["Small bowel >3 cm is dilated (3/6/9 rule).", "Look for the transition point and the faeces sign.", "Adhesions cause about 60-70% of cases in the West."],
         wrong=["colon", "the stomach"]),
    dict(target="bilateral renal cysts", noun="renal cysts", plural=True, unit=("cyst", "cysts"), key=["renal cyst", "kidney cyst", "cyst", "polycystic"],
         mod="CT", region="abdomen", orient="LP", shape=("bimulti", (2, 4), ((66, 92), (140, 168)), ((164, 190), (140, 168)), (5, 10)),
         others={"aorta": (0.5, 0.55)},
         story=["65M, incidental finding on a CT colonography", "41F, family history of kidney failure, BP 150/95"],
         ask=["what are the fluid-filled round things in the filtering organs?", "what's the finding in the organs that make urine?"],
         pearls=["Bosniak I and II need no follow-up.", "Simple ones are seen in >50% of people over 50.", "ADPKD: think liver cysts and berry aneurysms too."],
         wrong=["renal pelvis", "hydronephrosis"]),
    dict(target="left epidural hematoma", noun="extradural haematoma", unit=("collection", "collections"), key=["epidural", "extradural", "edh", "haematoma", "hematoma"],
         mod="CT", region="head", orient="LP", shape=("ell", (196, 204), (84, 100), (10, 13), (24, 30)),
         others={"third ventricle": (0.5, 0.5)},
         story=["19M, head hit by a cricket ball, lucid interval, now drowsy", "23F, fall from a scooter, temporal bone fracture"],
         ask=["what's the lens-shaped bleed here?", "what explains the lucid interval followed by deterioration?"],
         pearls=["Usually the middle meningeal artery.", "Volume >30 mL gets evacuated regardless of GCS.", "Unlike subdurals, they don't cross sutures."],
         wrong=["a subdural", "temporalis muscle"]),
    dict(target="left ovarian dermoid", noun="ovarian dermoid", unit=("mass", "masses"), key=["dermoid", "teratoma", "ovarian"],
         mod="MR", region="pelvis", orient="LI", shape=("ell", (170, 184), (160, 172), (16, 20), (14, 18)),
         others={"uterus": (0.5, 0.55), "bladder": (0.5, 0.78)},
         story=["26F, pelvic pain, fat-suppression drops the signal of the mass", "33F, incidental adnexal finding on a fertility workup"],
         ask=["what's the fat-containing adnexal lesion?", "which egg-producing organ harbours this lesion?"],
         pearls=["Torsion risk goes up with lesions >5 cm.", "Rokitansky nodule = the dermoid plug.", "About 10% are bilateral."],
         wrong=["an endometrioma", "a haemorrhagic cyst"]),
]


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


def _u(rng, r):
    return rng.uniform(r[0], r[1])


def _ellipse(m, cx, cy, rx, ry):
    yy, xx = np.ogrid[:SIZE, :SIZE]
    m |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0


def _circles(rng, m, n, boxes, rr):
    placed = []
    k = 0
    tries = 0
    while k < n and tries < 400:
        tries += 1
        box = boxes[k % len(boxes)]
        cx, cy, r = _u(rng, box[0]), _u(rng, box[1]), _u(rng, rr)
        if all(math.hypot(cx - a, cy - b) > r + c + 4 for a, b, c in placed):
            placed.append((cx, cy, r))
            _ellipse(m, cx, cy, r, r)
            k += 1


def facts_for(p: dict, rng) -> dict:
    m = np.zeros((SIZE, SIZE), bool)
    s = p["shape"]
    if s[0] == "ell":
        _ellipse(m, _u(rng, s[1]), _u(rng, s[2]), _u(rng, s[3]), _u(rng, s[4]))
    elif s[0] == "pair":
        for c in (s[1], s[2]):
            _ellipse(m, _u(rng, c[0]), _u(rng, c[1]), _u(rng, s[3]), _u(rng, s[4]))
    elif s[0] == "multi":
        _circles(rng, m, rng.randint(*s[1]), [(s[2], s[3])], s[4])
    elif s[0] == "bimulti":
        _circles(rng, m, rng.randint(*s[1]), [s[2], s[3]], s[4])
    elif s[0] == "ring":
        cx, cy, r, w = _u(rng, s[1]), _u(rng, s[2]), _u(rng, s[3]), _u(rng, s[4])
        outer = np.zeros_like(m)
        inner = np.zeros_like(m)
        _ellipse(outer, cx, cy, r, r * 0.9)
        _ellipse(inner, cx, cy, r - w, r * 0.9 - w)
        m = outer & ~inner
    others = {k: (v[0] + rng.uniform(-0.02, 0.02), v[1] + rng.uniform(-0.02, 0.02)) for k, v in p["others"].items()}
    return compute_facts(m, p["orient"], others).model_dump(mode="json")


# -- prose -----------------------------------------------------------------------------------------

STYLES = ["attending", "quizmaster", "replies", "reveal"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
_KIND_ATTRS = {"laterality": ("lat",), "position": ("vert", "rel"), "size": ("size", "pct"), "count": ("count",)}
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior"}
_REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TAGS = ["#FOAMrad", "#RadRes", "#MedTwitter", "#RadTwitter", "#FOAMed", "#CaseOfTheDay", "#MedEd", "#RadEd"]
_HANDLES = ["rad_resi_jo", "xrayvision_md", "dr_bonewindow", "ct_nerd", "fellow_in_neuro", "msk_mo", "pgy2_sam",
            "lungwindow_lee", "the_dicom_kid", "radiopaedia_fan", "em_doc_kat", "ms3_lucas", "ultrasound_ursula",
            "nightfloat_nia", "boards_in_may"]


def _k(rng, lo=80, hi=9800):
    n = rng.randint(lo, hi)
    return f"{n / 1000:.1f}K" if n >= 1000 else str(n)


def _tags(rng, n=2):
    t = list(_TAGS)
    rng.shuffle(t)
    return " ".join(t[:n])


def _pct_str(v):
    return f"{v:.1f}" if v < 10 else f"{v:.0f}"


def _screen(side, orient):
    """Which side of the screen the patient's `side` is displayed on."""
    if orient[0] == "L":
        return "right" if side == "left" else "left"
    return side


class _Row:
    def __init__(self, p, f, rng, style):
        self.p, self.f, self.rng, self.style = p, f, rng, style
        self.claims = []
        self.o = p["orient"]
        self.axial = self.o[1] == "P"

    # truth of a claim against the facts
    def true_value(self, attr):
        f = self.f
        return {"lat": f["laterality"], "vert": f["vertical"], "size": f["size_class"],
                "count": f["components"], "pct": f["area_fraction"] * 100}[attr]

    def false_value(self, attr):
        f, rng = self.f, self.rng
        if attr == "lat":
            v = f["laterality"]
            return _OPP[v] if v in _OPP else rng.choice(["left", "right"])
        if attr == "vert":
            v = f["vertical"]
            if v in _OPP:
                return _OPP[v]
            return rng.choice(["anterior", "posterior"] if self.axial else ["superior", "inferior"])
        if attr == "size":
            return {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[f["size_class"]]
        if attr == "count":
            n = f["components"]
            return rng.choice([2, 3]) if n == 1 else (1 if rng.random() < 0.5 or n >= 5 else n + 2)
        if attr == "pct":
            v = f["area_fraction"] * 100
            return v * rng.uniform(6, 9) if v < 3 else v / rng.uniform(6, 9)
        if attr == "rel":
            r = rng.choice(f["relations"])
            return (_REL_OPP[r["relation"]], r["other"])
        raise ValueError(attr)

    def true_rel(self):
        r = self.rng.choice(self.f["relations"])
        return (r["relation"], r["other"])

    def is_true(self, attr, value):
        f = self.f
        if attr == "rel":
            return {"relation": value[0], "other": value[1]} in f["relations"]
        if attr == "pct":
            t = f["area_fraction"] * 100
            return abs(value - t) <= max(0.35 * t, 0.15)
        return value == self.true_value(attr)

    def note(self, attr, value, text, turn, role, corrected=False, kind="claim"):
        self.claims.append({"attr": attr, "value": list(value) if isinstance(value, tuple) else value,
                            "text": text, "turn": turn, "role": role, "corrected": corrected, "kind": kind,
                            "true": None if kind != "claim" else self.is_true(attr, value)})
        return text

    # -- phrases ----------------------------------------------------------------------------------
    def lat_phrase(self, v, terse=False):
        rng, o = self.rng, self.o
        if v in ("left", "right"):
            scr = _screen(v, o)
            conv = "standard radiological convention" if o[0] == "L" else "this series is displayed neuro-style"
            if terse:
                return rng.choice([f"{v.upper()} side", f"pt's {v.upper()}", f"{v[0].upper()} side ({scr} of screen)",
                                   f"patient {v.upper()}"])
            return rng.choice([f"on the patient's {v}", f"{v}-sided", f"on the {v}",
                               f"on the patient's {v} (the {scr} side of your screen, {conv})",
                               f"on the patient's {v}, which is the {scr} of the image here",
                               f"in the {v} half of the body"])
        if v == "bilateral":
            if terse:
                return rng.choice(["BILATERAL", "both sides", "L + R"])
            return rng.choice(["bilateral", "on both sides", "on the left and the right", "present on both sides of the patient"])
        if v == "midline":
            if terse:
                return rng.choice(["MIDLINE", "dead centre, midline"])
            return rng.choice(["right in the midline", "midline", "sitting on the midline", "straddling the midline, not lateralised"])
        return v

    def vert_phrase(self, v, terse=False):
        rng = self.rng
        if self.axial:
            table = {"anterior": ["anterior", "toward the front", "in the anterior part of the slice", "up front, anteriorly"],
                     "posterior": ["posterior", "toward the back", "in the posterior part of the slice", "posteriorly, toward the spine side"],
                     "central": ["central front-to-back", "in the middle of the slice front-to-back, neither anterior nor posterior",
                                 "mid-depth (not anterior, not posterior)"]}
        else:
            table = {"superior": ["superior", "high up on the image", "in the upper part of the image", "toward the top, superiorly"],
                     "inferior": ["inferior", "low down on the image", "in the lower part of the image", "toward the bottom, inferiorly"],
                     "central": ["at mid-height, neither high nor low", "vertically central", "halfway up, neither superior nor inferior"]}
        opts = table[v]
        return opts[0] if terse else rng.choice(opts)

    def rel_phrase(self, rv):
        rel, other = rv
        rng = self.rng
        return rng.choice({"anterior_to": [f"in front of the {other}", f"anterior to the {other}"],
                           "posterior_to": [f"behind the {other}", f"posterior to the {other}"],
                           "left_of": [f"to the left of the {other}", f"on the patient's left of the {other}"],
                           "right_of": [f"to the right of the {other}", f"on the patient's right of the {other}"],
                           "superior_to": [f"above the {other}", f"superior to the {other}"],
                           "inferior_to": [f"below the {other}", f"inferior to the {other}"]}[rel])

    def size_phrase(self, v):
        return self.rng.choice({"small": ["small", "tiny", "little"], "medium": ["medium-sized", "moderate-sized", "mid-sized"],
                                "large": ["large", "big", "huge"]}[v])

    def pct_phrase(self, v):
        s = _pct_str(v)
        return self.rng.choice([f"about {s}% of the image", f"~{s}% of the frame", f"roughly {s} percent of the picture",
                                f"around {s}% of the slice"])

    def count_phrase(self, n):
        u, us = self.p["unit"]
        rng = self.rng
        if n == 1:
            return rng.choice([f"a single {u}", f"one solitary {u}", f"just one {u}", f"one {u}, no satellites"])
        w = _WORDS[n] if n < len(_WORDS) else str(n)
        return rng.choice([f"{w} separate {us}", f"{n} separate {us}", f"{w} discrete {us}", f"{n} distinct {us}"])

    def phrase(self, attr, v, terse=False):
        if attr == "lat":
            return self.lat_phrase(v, terse)
        if attr == "vert":
            return self.vert_phrase(v, terse)
        if attr == "rel":
            return self.rel_phrase(v)
        if attr == "size":
            return self.size_phrase(v)
        if attr == "pct":
            return self.pct_phrase(v)
        return self.count_phrase(v)

    # -- sentences --------------------------------------------------------------------------------
    @property
    def plural(self):
        return self.p.get("plural", False)

    def subj(self):
        return self.rng.choice(["They're", "These are"] if self.plural else ["It's", "This one is", "The finding is"])

    def sentence(self, attr, v, turn, role, corrected=False):
        """A sentence claiming `attr` = v, noted in the ledger; returns the sentence."""
        rng = self.rng
        ph = self.phrase(attr, v)
        self.note(attr, v, ph, turn, role, corrected)
        s = self.subj()
        its = "they're" if self.plural else "it's"
        sits = "they sit" if self.plural else "it sits"
        if attr == "lat":
            return rng.choice([f"{s} {ph}.", f"Side: {ph}.", f"Look again and you'll see {its} {ph}."])
        if attr == "vert":
            return rng.choice([f"{s} {ph}.", f"Position on this slice: {ph}.", f"Notice {its} {ph}."])
        if attr == "rel":
            return rng.choice([f"{s} {ph}.", f"Anatomy check: {ph}.", f"Use the landmark — {sits} {ph}."])
        if attr == "size":
            return rng.choice([f"{s} {ph}.", f"Size-wise: {ph}.", f"Overall a {ph} one." if not self.plural else f"Overall {ph}, as a group."])
        if attr == "pct":
            t = "take" if self.plural else "takes"
            return rng.choice([f"{'They' if self.plural else 'It'} {t} up {ph}.", f"Footprint: {ph}.", f"On the segmentation it covers {ph}."])
        return rng.choice([f"Count: {ph}.", f"On this slice I count {ph}.", f"There {'is' if v == 1 else 'are'} {ph} on this image."])

    def terse(self, attr, v, turn, role, corrected=False):
        ph = self.phrase(attr, v, terse=True)
        self.note(attr, v, ph, turn, role, corrected)
        label = {"lat": "side", "vert": "where", "rel": "landmark", "size": "size", "pct": "area", "count": "count"}[attr]
        return f"➡️ {label}: {ph}"

    def question(self, attr, rv=None):
        rng = self.rng
        if attr == "lat":
            return rng.choice(["Which side is it on? I always flip L/R on screen 🙃", "Side check pls — patient's left or right?",
                               "Is it one-sided or on both sides?", "Quick one: which side of the patient?"])
        if attr == "vert":
            return rng.choice(["Front or back of the slice?", "Is it anterior or posterior?"] if self.axial else
                              ["High or low on the image?", "Upper or lower part of the image?"])
        if attr == "rel":
            return rng.choice([f"Where is it relative to the {rv[1]}?", f"How does it sit next to the {rv[1]}?"])
        if attr == "size":
            return rng.choice(["How big is it, roughly?", "Small or big? Hard to judge on my phone 📱", "Size?"
                               " I can't tell with the zoom on Twitter."])
        if attr == "pct":
            return rng.choice(["What fraction of the image does it take up?", "How much of the frame is it, percentage-wise?"])
        return rng.choice(["Just one, or more than one?", "How many are there?", "Is it a single one or multiple?"])

    def premise(self, attr, v, turn):
        """A user premise that states attr = v (noted)."""
        rng = self.rng
        ph = self.phrase(attr, v)
        self.note(attr, v, ph, turn, "user")
        it = "they're" if self.plural else "it's"
        lead = {"lat": [f"Since {it} {ph}", f"OK so {it} {ph}"],
                "vert": [f"Given {it} {ph}", f"So {it} {ph}"],
                "rel": [f"So {it} {ph}", f"Given {it} {ph}"],
                "size": [f"For something this {ph}", f"OK so {it} {ph}"],
                "pct": [f"If {it} taking up {ph}", f"So {it} about that size, {ph}"],
                "count": [f"With {ph}", f"So we've got {ph}"]}[attr]
        q = rng.choice(["would you still call the surgeons tonight?", "what's the next step?", "does that change management?",
                        "what would you put in the impression?", "what would you tell the referring team?"])
        return f"{rng.choice(lead)} — {q}"

    def generic_answer(self):
        rng = self.rng
        if not getattr(self, "pearl_bag", None):
            self.pearl_bag = list(self.p["pearls"])
            rng.shuffle(self.pearl_bag)
        pearl = self.pearl_bag.pop()
        if not getattr(self, "frame_bag", None):
            self.frame_bag = [0, 1, 2, 3, 4, 5]
            rng.shuffle(self.frame_bag)
        i = self.frame_bag.pop()
        return [f"Management depends on the clinical picture, so I'd phone the team and document the call. {pearl}",
                f"Good q. Clinical context drives it — vitals, labs, how the patient looks. {pearl}",
                f"I'd flag it as actionable in the report and speak to the team. Pearl: {pearl}",
                f"That's one for the clinicians, but our job is to make the finding impossible to miss. {pearl}",
                f"Honestly? Compare with priors first, then pick up the phone. {pearl}",
                f"Impression line first, differentials second, and a named person told. Also: {pearl}"][i]


def _cap(s):
    return s[0].upper() + s[1:]


def _the(noun):
    return "the " + noun


def _opener(r: _Row, names: bool) -> str:
    p, rng = r.p, r.rng
    story, ask = rng.choice(p["story"]), rng.choice(p["ask"])
    h = rng.choice(_HANDLES)
    noun = p["noun"]
    if names:
        ask = rng.choice([f"where exactly is {_the(noun)} on this slice?", f"can you outline {_the(noun)} for me?",
                          f"I'm told {_the(noun)} is obvious — show me where?", f"which pixels are {_the(noun)}?"])
    st = r.style
    if st == "attending":
        return rng.choice([
            f"Quote-tweeting @{h}'s case of the day 👀 {story}. Honest question from a PGY-2: {ask} {_tags(rng)}",
            f"Saw this on my timeline ({_k(rng)} ❤️, {_k(rng, 10, 900)} 🔁 already). {story}. {_cap(ask)}",
            f"Before you post the rest of the thread 🧵 — {story}. {_cap(ask)} Not peeking at the replies 🙈",
            f"Lurker here, first time replying. {story}. {_cap(ask)} {_tags(rng, 1)}"])
    if st == "quizmaster":
        return rng.choice([
            f"Missed the poll cutoff 😭 {story}. {_cap(ask)}",
            f"Voted {rng.choice('ABC')} in this morning's #RadResQuiz but tbh it was a coin flip. {story}. {_cap(ask)}",
            f"Poll's closed ({rng.randint(120, 2400)} votes!) so spill it: {story}. {_cap(ask)}",
            f"Quiz #{rng.randint(40, 380)} had me stumped. {story}. {_cap(ask)} Spoiler me pls"])
    if st == "replies":
        return rng.choice([
            f"@{h} {story}. {_cap(ask)}",
            f"@{h} great case as always 🙌 {story}. {_cap(ask)} (asking for my {_k(rng, 200, 4000)} followers 😂)",
            f"Replying to @{h}: {story}. {_cap(ask)} My co-residents are split 50/50.",
            f"@{h} sorry if this is dumb — {story}. {_cap(ask)}"])
    return rng.choice([
        f"Answer reveal when?? ⏰ {story}. {_cap(ask)}",
        f"ok I give up 🏳️ {story}. {_cap(ask)}",
        f"{story}. {_cap(ask)} Reveal pls 🙏",
        f"Been staring at this for {rng.randint(5, 40)} min 😵‍💫 {story}. {_cap(ask)}"])


def _claim_text(r: _Row, attr, v, turn, terse):
    if r.style == "quizmaster" and attr == "lat" and r.rng.random() < 0.6:
        opts = [("left", "left"), ("right", "right"), ("bilateral", "both"), ("midline", "midline")]
        letter = "ABCD"[[o[0] for o in opts].index(v)]
        word = dict(opts)[v]
        ph = f"✅ {letter}) {word}"
        r.note(attr, v, ph, turn, "assistant")
        return f"Bonus poll — which side? A) left B) right C) both D) midline → {ph}"
    if terse:
        return r.terse(attr, v, turn, "assistant")
    return r.sentence(attr, v, turn, "assistant")


def _reveal(r: _Row, items, slip, hypo) -> str:
    """The first answer: names the target with [SEG]; `items` are (attr, value) claims; `slip` an optional
    (attr, false, true) self-corrected typo; `hypo` whether to add a counterfactual sentence."""
    p, rng, st = r.p, r.rng, r.style
    noun = p["noun"]
    pearl = rng.choice(p["pearls"])
    is_are = "are" if r.plural else "is"
    this = "These" if r.plural else "This"
    hypo_s = None
    if hypo and r.f["laterality"] in ("left", "right"):
        opp = _OPP[r.f["laterality"]]
        hypo_s = rng.choice([f"Had this been on the patient's {opp}, I'd have put {p['wrong'][0]} higher on the list.",
                             f"If it were {opp}-sided you'd reasonably think of {p['wrong'][1]} first."])
        r.note("lat", opp, hypo_s, 1, "assistant", kind="hypothetical")
    if st == "reveal":
        lines = [rng.choice(["ANSWER ⬇️⬇️⬇️", "🔓 REVEAL", "✅ Answer time", "🥁 drumroll…"]),
                 f"➡️ {_cap(noun)} [SEG] {rng.choice(['✅', '🎯', '💥'])}"]
        for a, v in items:
            lines.append(_claim_text(r, a, v, 1, True))
        if slip:
            a, fv, tv = slip
            r_ph = r.phrase(a, fv, terse=True)
            r.note(a, fv, r_ph, 1, "assistant", corrected=True)
            t_ph = r.phrase(a, tv, terse=True)
            r.note(a, tv, t_ph, 1, "assistant")
            lines.append(f"✏️ edit: ~~{r_ph}~~ → {t_ph} (typo, sorry 🙈)")
        if hypo_s:
            lines.append(f"🤔 {hypo_s}")
        lines.append(f"💡 {pearl}")
        lines.append(f"{rng.choice(['🔥', '👏', '🧠'])} {_tags(rng, 3)}")
        return "\n".join(lines)
    body = [_claim_text(r, a, v, 1, False) for a, v in items]
    if slip:
        a, fv, tv = slip
        fs = r.sentence(a, fv, 1, "assistant", corrected=True)
        ts = r.phrase(a, tv)
        r.note(a, tv, ts, 1, "assistant")
        body.append(f"{fs} Wait — correction 🤦 I mistyped that: {ts}.")
    if hypo_s:
        body.append(hypo_s)
    rng.shuffle(body)
    if st == "attending":
        n = rng.randint(6, 9)
        r.thread_n, r.post = n, 2
        posts = [f"2/{n} Answer: {_the(noun)} [SEG] 👇" if rng.random() < 0.5 else f"2/{n} {this} {is_are} {_the(noun)}, highlighted here [SEG]."]
        k = 3
        for b in body:
            posts.append(f"{k}/{n} {b}")
            k += 1
        posts.append(f"{k}/{n} Pearl 💎 {pearl}")
        r.post = k + 1
        return "\n\n".join(posts)
    if st == "quizmaster":
        a_, b_ = rng.randint(8, 45), rng.randint(8, 45)
        c_ = 100 - a_ - b_
        opts = [p["wrong"][0], noun, p["wrong"][1]]
        order = [0, 1, 2]
        rng.shuffle(order)
        letters = "ABC"
        correct = letters[order.index(1)]
        opt_s = "  ".join(f"{letters[i]}) {opts[j]}" for i, j in enumerate(order))
        head = rng.choice(["🚨 SPOILER BELOW 🚨\n.\n.\n.", "⚠️ spoiler alert ⚠️\n⬇️\n⬇️", "SPOILERS 👇 scroll if you voted"])
        return "\n".join([head, f"Poll recap: {opt_s}",
                          f"Results ({rng.randint(150, 3000)} votes): A {a_}% · B {b_}% · C {c_}%",
                          f"✅ Answer: {correct} — {_the(noun)} [SEG]", ""] + [f"• {b}" for b in body] +
                         [f"• {pearl}", f"Next quiz drops at {rng.randint(6, 9)}am ⏰ {_tags(rng)}"])
    # replies
    h = rng.choice(_HANDLES)
    lead = rng.choice([f"@{h} Not dumb at all! It's {_the(noun)} [SEG].", f"@{h} Great q 🙌 {this} {is_are} {_the(noun)} [SEG].",
                       f"@{h} {_cap(_the(noun))} [SEG] — that's the finding."])
    return " ".join([lead] + body + [pearl, f"({_k(rng)} ❤️ on the original, thanks all)"])


def _wrap(r: _Row, text, turn_role="assistant"):
    """Register wrapper for a follow-up answer."""
    rng, st = r.rng, r.style
    if st == "attending":
        if r.post <= r.thread_n:
            s = f"{r.post}/{r.thread_n} {text}"
        else:
            s = f"Bonus post 🧵+ {text}"
        r.post += 1
        return s
    if st == "quizmaster":
        return rng.choice(["Good question from the replies! ", "Q from the comments 👇 ", "Lots of you asked this: ", ""]) + text
    if st == "replies":
        return f"@{rng.choice(_HANDLES)} {text}"
    return text


def _user_wrap(r: _Row, text):
    rng, st = r.rng, r.style
    if st == "replies":
        guess = rng.choice(r.p["wrong"])
        return rng.choice([f"@{rng.choice(_HANDLES)} I guessed {guess} 😅 {text}", f"Replying to the thread: {text}",
                           f"@{rng.choice(_HANDLES)} {text} (following since {rng.randint(2016, 2023)}, love these)"])
    if st == "reveal":
        return rng.choice(["👀 ", "🤔 ", "", "Q: "]) + text
    if st == "quizmaster":
        return rng.choice(["Follow-up 🙋 ", "", f"(voted {rng.choice('ABC')}) "]) + text
    return rng.choice(["", "Thread q: ", "Great thread! "]) + text


def _answer(r: _Row, attr, v, turn):
    rng = r.rng
    if r.style == "reveal":
        return r.terse(attr, v, turn, "assistant") + rng.choice([" 👍", " ✅", ""])
    s = r.sentence(attr, v, turn, "assistant")
    tail = rng.choice(["", " Easy to miss on a phone screen.", " Scroll the stack and it's clearer.", " 👍"])
    return _wrap(r, s + tail)


def _correct(r: _Row, attr, tv, turn):
    rng = r.rng
    if r.style == "reveal":
        return "❌ nope\n" + r.terse(attr, tv, turn, "assistant") + "\n" + r.generic_answer()
    lead = rng.choice(["Close, but not quite.", "Careful here, that's the trap 👇", "Common trap!", "Nope 🙂 re-check the premise.",
                       "Small correction first."])
    s = r.sentence(attr, tv, turn, "assistant")
    return _wrap(r, f"{lead} {s} {r.generic_answer()}")


def build(p, facts, style, rng, defect):
    r = _Row(p, facts, rng, style)
    r.thread_n, r.post = 8, 2
    attrs = ["lat", "vert", "size", "pct", "count"] + (["rel"] if facts["relations"] else [])
    banned = set(_KIND_ATTRS.get(defect, ()))
    free = [a for a in attrs if a not in banned]
    rng.shuffle(free)
    # the planted false claim
    bad_attr = None
    if defect in _KIND_ATTRS:
        cands = [a for a in _KIND_ATTRS[defect] if a in attrs]
        bad_attr = rng.choice(cands)
        where = rng.choice(["first", "followup", "premise"])
    else:
        where = None
    n_rounds = rng.randint(1, 3)
    if where in ("followup", "premise"):
        n_rounds = max(n_rounds, 1)
    first_items = []
    n_first = rng.randint(1, 3)
    for a in free[:n_first]:
        first_items.append((a, r.true_rel() if a == "rel" else r.true_value(a)))
    rest = free[n_first:]
    slip = None
    pool_slip = [a for a in rest if a in ("lat", "vert", "size", "count")]
    if pool_slip and rng.random() < 0.3:
        a = pool_slip[0]
        rest.remove(a)
        slip = (a, r.false_value(a), r.true_value(a))
    hypo = "lat" not in banned and rng.random() < 0.35
    if bad_attr and where == "first":
        fv = r.false_value(bad_attr)
        first_items.insert(rng.randint(0, len(first_items)), (bad_attr, fv))
    # rounds
    plan = []
    for _ in range(n_rounds):
        x = rng.random()
        if rest and x < 0.45:
            plan.append(("ask", rest.pop(0)))
        elif rest and x < 0.7:
            plan.append(("premise_corrected", rest.pop(0)))
        else:
            plan.append(("generic", None))
    if bad_attr and where in ("followup", "premise"):
        plan.insert(rng.randint(0, len(plan)), ("bad_" + where, bad_attr))
        if len(plan) > 3:
            plan = [x for x in plan if x[0].startswith("bad_")] + [x for x in plan if not x[0].startswith("bad_")][:2]
            rng.shuffle(plan)
    gq = ["What's the next step for this patient?", "Any tips for not missing this on call?",
          "What would you put in the impression?", "Is this one for the boards? 📚", "Would you have called this overnight?",
          "What's the one search-pattern tip you'd give an intern?"]
    rng.shuffle(gq)
    turns = [{"role": "user", "content": _opener(r, defect == "names_target")}]
    turns.append({"role": "assistant", "content": _reveal(r, first_items, slip, hypo)})
    for kind, a in plan:
        ut = len(turns)
        if kind == "generic":
            q = gq.pop()
            turns.append({"role": "user", "content": _user_wrap(r, q)})
            turns.append({"role": "assistant", "content": _wrap(r, r.generic_answer())})
        elif kind == "ask":
            rv = r.true_rel() if a == "rel" else r.true_value(a)
            turns.append({"role": "user", "content": _user_wrap(r, r.question(a, rv))})
            turns.append({"role": "assistant", "content": _answer(r, a, rv, ut + 1)})
        elif kind == "bad_followup":
            fv = r.false_value(a)
            turns.append({"role": "user", "content": _user_wrap(r, r.question(a, fv))})
            turns.append({"role": "assistant", "content": _answer(r, a, fv, ut + 1)})
        elif kind == "premise_corrected":
            fv = r.false_value(a)
            turns.append({"role": "user", "content": _user_wrap(r, r.premise(a, fv, ut))})
            r.claims[-1]["corrected"] = True
            tv = r.true_rel() if a == "rel" else r.true_value(a)
            if a == "rel":  # correct about the same landmark
                tv = (_REL_OPP[fv[0]], fv[1])
            turns.append({"role": "assistant", "content": _correct(r, a, tv, ut + 1)})
        elif kind == "bad_premise":
            fv = r.false_value(a)
            turns.append({"role": "user", "content": _user_wrap(r, r.premise(a, fv, ut))})
            turns.append({"role": "assistant", "content": _wrap(r, r.generic_answer())})
    LEDGER.append({"target": p["target"], "defect": defect, "where": where, "claims": r.claims,
                   "first_user": turns[0]["content"], "key": p["key"]})
    return turns, ([] if defect is None else [defect])
