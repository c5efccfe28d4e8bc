"""Bank FZ: clinician-to-clinician message threads about abdominal, chest and brain CT/MR.

A referrer messages the radiologist; the radiologist answers with the segmentation and talks it through.
Four registers: `pager` (secure-chat shorthand, emoji reactions, "> " quotes of the last message),
`email` (subject and "Re:" lines, top-posted replies quoting "> On ... wrote:", forwarded notes),
`channel` (a team channel with @mentions, reactions and a colleague chiming in with a second opinion),
`sbar` (a structured SBAR referral answered with a numbered impression and "re: your Q" replies).
Written blind (without reading any QC rule). Every claim about the target is drawn from the computed
facts and kept in a ledger (`LAST["ledger"]`) that the writer's own checker re-verifies.

Own check (helper qcfz, /work/notes/qcfz_scripts/check_fz.py, SEED 20261309):
rows 420, clean 210, defects count 42, laterality 42, names_target 42, position 42, size 42; defect sits in: first answer 57, follow-up answer 58, premise 53, question 42; targets 27; problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

H = W = 256
LAST: dict = {}  # the latest mask, others and claim ledger (read by the writer's own checker)
STYLES = ["pager", "email", "channel", "sbar"]
KINDS = ["laterality", "position", "size", "count", "names_target"]

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}


def _p(target, modality, region, orientation, *, shapes=None, spots=None, want=None, others=None,
       plural=False, unit="lesion", words=(), clues=(), lore=(), extra=()):
    return {"target": target, "modality": modality, "region": region, "orientation": orientation,
            "shapes": shapes or [], "spots": spots, "want": want, "others": others or {}, "plural": plural,
            "unit": unit, "words": list(words), "clues": list(clues), "lore": list(lore), "extra": list(extra)}


# Shapes are (cx, cy, a, b) in pixels of a 256 x 256 slice drawn as if the orientation were "LP" (or "LI"
# for coronal): x grows toward the patient's left. "RP" profiles are mirrored when drawn, others too.
PROFILES = [
    _p("liver", "CT", "abdomen", "LP", shapes=[(78, 120, 44, 52)], want="right", unit="organ",
       others={"aorta": (0.52, 0.60), "spleen": (0.76, 0.48), "stomach": (0.62, 0.30)},
       words=["liver", "hepat"],
       clues=["the organ that makes bile and clears most of her drugs",
              "the big solid organ whose edge I can feel three fingers below the costal margin",
              "whichever organ is behind the jaundice, i.e. the one making albumin and clotting factors"],
       lore=["Riedel's lobe turns up in maybe 3% of people, usually women.",
             "Couinaud splits it into 8 segments; the caudate (segment 1) drains straight into the IVC."],
       extra=["Incidental 6 mm simple cyst in the left kidney, nothing to do."]),
    _p("spleen", "CT", "abdomen", "LP", shapes=[(186, 150, 20, 30)], want="left", unit="organ",
       others={"aorta": (0.52, 0.60), "liver": (0.30, 0.47)}, words=["spleen", "splenic"],
       clues=["the organ that filters old red cells and balloons up in glandular fever",
              "the blood-filtering organ tucked under the diaphragm that worries me after his fall onto the lower ribs"],
       lore=["Accessory spleens (splenunculi) are found in something like 10-30% of autopsies.",
             "Rule of thumb: over 13 cm craniocaudal counts as enlarged in an adult."],
       extra=["The right kidney has a tiny 4 mm calculus, non-obstructing."]),
    _p("right kidney", "CT", "abdomen", "LP", shapes=[(82, 150, 15, 22)], want="right", unit="organ",
       others={"aorta": (0.52, 0.60), "liver": (0.30, 0.44), "IVC": (0.45, 0.56)}, words=["kidney", "renal"],
       clues=["the bean-shaped organ on the liver's side that filters blood and makes urine",
              "whatever is making urine under the liver, where his flank pain and haematuria point"],
       lore=["The left one usually sits 1-2 cm higher than the right because the liver pushes the right one down.",
             "Duplex collecting systems turn up in roughly 1 in 100 people."],
       extra=["The left adrenal is slim and normal."]),
    _p("left kidney", "CT", "abdomen", "LP", shapes=[(174, 148, 15, 22)], want="left", unit="organ",
       others={"aorta": (0.52, 0.60), "spleen": (0.78, 0.50)}, words=["kidney", "renal"],
       clues=["the bean-shaped urine-making organ on the spleen's side",
              "the filtering organ on the side opposite the liver, where her colic radiates from"],
       lore=["The left renal vein crosses in front of the aorta, which is why nutcracker syndrome is a left-sided thing.",
             "Normal adult length is about 10-12 cm."],
       extra=["Gallbladder has a 9 mm stone, incidental."]),
    _p("kidneys", "CT", "abdomen", "LP", shapes=[(82, 150, 15, 22), (174, 148, 15, 22)], want="bilateral",
       plural=True, unit="kidney", others={"liver": (0.30, 0.44)}, words=["kidney", "renal"],
       clues=["both of the paired organs that filter blood and make urine; creatinine is 240 and climbing",
              "the paired bean-shaped retroperitoneal organs, I want both outlined for volumes"],
       lore=["Polycystic disease is autosomal dominant in about 90% of families.",
             "A horseshoe variant happens in roughly 1 in 500 and fuses at the lower poles."],
       extra=["Small hiatus hernia, incidental."]),
    _p("gallbladder", "CT", "abdomen", "LP", shapes=[(68, 106, 10, 14)], want="right", unit="organ",
       others={"aorta": (0.52, 0.60), "duodenum": (0.40, 0.50)}, words=["gallbladder", "gall bladder", "cholecyst"],
       clues=["the pear-shaped pouch where bile gets concentrated",
              "whatever is giving him a positive Murphy's sign with a WCC of 16"],
       lore=["About 10-15% of adults have gallstones and most never know.",
             "Wall thickness over 3 mm is the usual cut-off for calling it thickened."],
       extra=["There's a 12 mm left adrenal nodule, probably an adenoma."]),
    _p("abdominal aorta", "CT", "abdomen", "LP", shapes=[(128, 152, 9, 9)], want="midline", unit="vessel",
       others={"IVC": (0.42, 0.57), "SMA": (0.50, 0.50)}, words=["aorta", "aortic"],
       clues=["the main artery carrying blood from the heart down to the legs",
              "the big vessel I'm worried about, given the pulsatile mass and the back pain"],
       lore=["Screening programmes offer a one-off ultrasound to men at 65.",
             "Repair is usually considered once it passes 5.5 cm in men."],
       extra=["Left renal vein is retroaortic, a normal variant."]),
    _p("liver metastases", "CT", "abdomen", "LP", spots=(52, 108, 92, 150, 2, 4, 5, 9), want="right",
       plural=True, unit="lesion", others={"aorta": (0.52, 0.60), "spleen": (0.76, 0.48)},
       words=["liver", "hepat", "metasta", "secondar"],
       clues=["the deposits in the bile-producing organ; sigmoid primary resected in 2021, CEA now 48",
              "the spread from his colon cancer within the organ that makes bile"],
       lore=["Roughly half of colorectal cancer patients develop spread there at some point.",
             "Resection is usually possible if at least 2 adjacent segments with inflow and outflow can be kept."],
       extra=["Both adrenals look fine."]),
    _p("bilateral adrenal adenomas", "CT", "abdomen", "LP", shapes=[(98, 122, 7, 9), (160, 120, 7, 9)],
       want="bilateral", plural=True, unit="nodule", others={"aorta": (0.52, 0.60)}, words=["adrenal", "adenoma"],
       clues=["the incidental lumps on the small glands that make cortisol and aldosterone",
              "the little nodules sitting on top of both kidneys that endo asked about"],
       lore=["Incidentalomas show up on about 4-5% of abdominal CTs, more with age.",
             "Under 10 HU unenhanced is the classic lipid-rich cut-off."],
       extra=["The right kidney has a 7 mm cortical cyst."]),
    _p("urinary bladder", "CT", "pelvis", "LP", shapes=[(128, 100, 30, 24)], want="midline", unit="organ",
       others={"rectum": (0.50, 0.66), "sigmoid colon": (0.58, 0.55)}, words=["bladder", "vesic"],
       clues=["the urine reservoir; he's in retention with 900 mL on the portable scanner",
              "the hollow organ that stores urine before voiding; I want to know how distended it is"],
       lore=["Normal capacity is roughly 400-600 mL.",
             "The right ureter is the one more often injured in pelvic surgery, if you believe the gynae literature."],
       extra=["The right femoral head is normal; mild OA on the left."]),
    _p("left renal cysts", "CT", "abdomen", "LP", spots=(160, 192, 134, 166, 2, 3, 4, 7), want="left",
       plural=True, unit="cyst", others={"aorta": (0.52, 0.60)}, words=["renal", "kidney", "cyst"],
       clues=["the fluid-filled round things in the bean-shaped organ on the spleen's side",
              "the water-density blobs in the urine-making organ opposite the liver"],
       lore=["Simple ones are found in more than 50% of people over 50.",
             "Bosniak 2F gets follow-up; categories 1 and 2 don't."],
       extra=["There is a 5 mm hypodensity in the right lobe, too small to characterise."]),
    _p("pancreatic head mass", "CT", "abdomen", "LP", shapes=[(104, 126, 11, 10)], want="right", unit="mass",
       others={"SMV": (0.49, 0.47), "aorta": (0.52, 0.60)}, words=["pancrea"],
       clues=["whatever is blocking the distal bile duct inside the duodenal C-loop; painless jaundice, CA19-9 of 900",
              "the lump in the part of the insulin-and-enzyme gland that nestles in the duodenum"],
       lore=["Only about 15-20% are resectable at diagnosis.",
             "The double duct sign is quoted in roughly 60% of cases in some series."],
       extra=["The spleen is normal in size."]),
    _p("right lower lobe consolidation", "CT", "chest", "LP", shapes=[(76, 175, 22, 18)], want="right",
       unit="area", others={"heart": (0.56, 0.45), "descending aorta": (0.57, 0.62)},
       words=["consolidat", "lower lobe"],
       clues=["the airspace opacity that explains her right basal crackles and a temp of 39.2",
              "the bit of lung that's filled up, where he's coughing rusty sputum from"],
       lore=["Aspiration favours the right side because the right main bronchus is wider and more vertical.",
             "CURB-65 of 2 or more usually means admission."],
       extra=["Small 4 mm nodule in the left upper zone, unchanged since 2022."]),
    _p("left pleural effusion", "CT", "chest", "LP", shapes=[(192, 185, 32, 16)], want="left", unit="collection",
       others={"heart": (0.56, 0.45), "descending aorta": (0.57, 0.62)}, words=["pleural", "effusion"],
       clues=["the fluid collecting around the left lung; stony dull to percussion on that side",
              "the fluid in the space between his left lung and chest wall that we may need to tap"],
       lore=["Light's criteria: protein ratio over 0.5 or LDH ratio over 0.6 means exudate.",
             "An isolated right-sided one is the classic pattern in heart failure."],
       extra=["Mild bibasal atelectasis, the right worse than the left."]),
    _p("bilateral pleural effusions", "CT", "chest", "LP", shapes=[(64, 185, 26, 13), (192, 185, 26, 13)],
       want="bilateral", plural=True, unit="collection",
       others={"heart": (0.56, 0.45)}, words=["pleural", "effusion"],
       clues=["the fluid layering around both lungs in her decompensated heart failure",
              "the fluid in the spaces between lung and chest wall on both sides; BNP is 2100"],
       lore=["About 300 mL is usually needed before the costophrenic angle blunts on an erect film.",
             "Transudates make up most of them in heart failure."],
       extra=["The heart is enlarged; CTR was 0.6 on the film."]),
    _p("pulmonary metastases", "CT", "chest", "LP", spots=(40, 216, 62, 192, 3, 5, 4, 7), plural=True,
       unit="nodule", others={"heart": (0.56, 0.45)}, words=["metasta", "secondar"],
       clues=["the spread of her osteosarcoma into the lungs",
              "the round spots scattered through the lungs that weren't there on the 2022 staging"],
       lore=["Sarcomas spread to the lung in about 20% of patients.",
             "Fleischner doesn't apply in known malignancy."],
       extra=["No mediastinal lymphadenopathy."]),
    _p("anterior mediastinal mass", "CT", "chest", "LP", shapes=[(128, 80, 22, 16)], want="midline", unit="mass",
       others={"ascending aorta": (0.53, 0.42), "heart": (0.58, 0.52)}, words=["mediastin"],
       clues=["the soft-tissue lump in front of the great vessels behind the sternum; he's 28 with fatigable ptosis",
              "the thing between the lungs right behind the breastbone that the surgeons want to see"],
       lore=["The four Ts: thymoma, teratoma, thyroid, 'terrible' lymphoma.",
             "About 30-50% of thymomas come with myasthenia."],
       extra=["There's a 3 mm fissural node on the right, benign-looking."]),
    _p("right pulmonary artery embolus", "CT", "chest", "LP", shapes=[(100, 118, 5, 4)], want="right", unit="clot",
       others={"main pulmonary artery": (0.55, 0.38)}, words=["embol", "pulmonary artery"],
       clues=["the clot in the vessel carrying blood into the right lung; she's tachy at 124, sats 89% on air",
              "the dark gap in the contrast column of the big artery feeding the right lung; Wells score 6"],
       lore=["RV/LV ratio above 1.0 on CT is the usual strain marker.",
             "Massive PE is defined by a systolic BP under 90 for 15 minutes."],
       extra=["A small left basal wedge-shaped opacity, possibly an infarct."]),
    _p("left upper lobe mass", "CT", "chest", "LP", shapes=[(178, 88, 13, 12)], want="left", unit="mass",
       others={"aortic arch": (0.52, 0.45)}, words=["upper lobe"],
       clues=["the spiculated lump near the top of the left lung; 40 pack-years and haemoptysis",
              "the thing at the left apex on her chest film that's grown since March"],
       lore=["The Brock risk model weights upper-lobe location and spiculation.",
             "Roughly 1 in 4 lung cancers present as a solitary nodule."],
       extra=["The right hilum looks normal."]),
    _p("right MCA territory infarct", "MR", "brain", "RP", shapes=[(84, 128, 18, 34)], want="right",
       unit="area", others={"falx": (0.50, 0.50), "right lateral ventricle": (0.44, 0.47)},
       words=["infarct", "MCA", "middle cerebral"],
       clues=["the stroke explaining his left arm and face weakness; onset 07:40, NIHSS 11",
              "the area of restricted diffusion that would explain her left hemiparesis and neglect"],
       lore=["Neglect is much more common after right-hemisphere strokes.",
             "Thrombolysis is licensed up to 4.5 h from onset.", "ASPECTS was 8 on the plain CT at 08:15."],
       extra=["Old small lacune in the left thalamus."]),
    _p("left frontal glioma", "MR", "brain", "LP", shapes=[(160, 72, 18, 16)], want="left", unit="mass",
       others={"falx": (0.50, 0.50), "left lateral ventricle": (0.56, 0.45)}, words=["glioma"],
       clues=["the tumour in the front of the dominant hemisphere that explains his personality change",
              "the infiltrating mass behind his new seizures and word-finding trouble; he's right-handed"],
       lore=["Broca's area sits in the dominant inferior frontal gyrus, left in about 95% of right-handers.",
             "IDH-mutant tumours do better, median survival measured in years."],
       extra=["Mild mucosal thickening in the right maxillary sinus."]),
    _p("multiple sclerosis plaques", "MR", "brain", "LP", spots=(94, 162, 92, 160, 3, 5, 3, 6), plural=True,
       unit="lesion", others={"falx": (0.50, 0.50)}, words=["sclerosis", "plaque", "MS"],
       clues=["the demyelinating lesions around the ventricles; she had optic neuritis last year",
              "the white-matter spots that fit her relapsing-remitting picture; oligoclonal bands positive"],
       lore=["McDonald 2017 needs dissemination in space and time.",
             "Women are affected about 3 times as often as men."],
       extra=["Mega cisterna magna, a normal variant."]),
    _p("left subdural haematoma", "CT", "head", "LP", shapes=[(208, 128, 9, 44)], want="left", unit="collection",
       others={"falx": (0.50, 0.50)}, words=["subdural", "haematoma", "hematoma"],
       clues=["the crescent-shaped bleed over the brain after his fall; he's on apixaban 5 mg BD",
              "the collection under the dura that explains why he's drowsier, GCS down from 15 to 13"],
       lore=["Midline shift over 5 mm is one of the usual triggers for evacuation.",
             "Chronic ones recur after burr holes in about 10-20%."],
       extra=["Small right frontal scalp haematoma."]),
    _p("right vestibular schwannoma", "MR", "brain", "RP", shapes=[(96, 165, 7, 7)], want="right", unit="mass",
       others={"basilar artery": (0.50, 0.56)}, words=["schwannoma", "vestibular"],
       clues=["the cause of her right-sided hearing loss and tinnitus at the cerebellopontine angle",
              "the lump on the balance-and-hearing nerve on the right; audiogram shows 40 dB loss at high frequency"],
       lore=["Bilateral ones point to NF2.",
             "Growth of about 1-2 mm a year is typical, and many stop growing."],
       extra=["Left mastoid air cells are partly opacified."]),
    _p("brain metastases", "MR", "brain", "RP", spots=(52, 204, 52, 200, 2, 4, 5, 9), plural=True,
       unit="lesion", others={"falx": (0.50, 0.50)}, words=["metasta", "secondar"],
       clues=["the ring-enhancing deposits from her lung primary; she's had 2 seizures this week",
              "the deposits of his melanoma in the brain that oncology needs counted for SRS planning"],
       lore=["Up to 4 lesions is the usual threshold for radiosurgery in many centres.",
             "Dexamethasone 8 mg is a common starting dose for vasogenic oedema."],
       extra=["No hydrocephalus."]),
    _p("pituitary macroadenoma", "MR", "brain", "LI", shapes=[(128, 165, 11, 9)], want="midline", unit="mass",
       others={"optic chiasm": (0.50, 0.55), "third ventricle": (0.50, 0.42)}, words=["pituitary", "adenoma"],
       clues=["the mass in the sella pushing up toward the chiasm; bitemporal hemianopia on fields",
              "the tumour of the master gland at the skull base; prolactin is 4000"],
       lore=["Above 10 mm is the cut-off between micro and macro.",
             "Knosp grade 3-4 means cavernous sinus invasion."],
       extra=["The left sphenoid sinus has a small retention cyst."]),
    _p("right hippocampus", "MR", "brain", "LI", shapes=[(92, 150, 8, 12)], want="right", unit="structure",
       others={"third ventricle": (0.50, 0.45)}, words=["hippocamp"],
       clues=["the seahorse-shaped memory structure in the right temporal lobe; EEG lateralises there",
              "the structure whose sclerosis would explain his focal impaired-awareness seizures, right side"],
       lore=["Mesial temporal sclerosis is the commonest cause of refractory focal epilepsy in adults.",
             "Surgery makes about 60-70% seizure-free."],
       extra=["The left temporal horn is normal."]),
]


# -- masks and facts -------------------------------------------------------------------------------------------

def _ellipse(cx, cy, a, b, ang):
    yy, xx = np.mgrid[:H, :W]
    c, s = np.cos(ang), np.sin(ang)
    u, v = (xx - cx) * c + (yy - cy) * s, -(xx - cx) * s + (yy - cy) * c
    return (u / a) ** 2 + (v / b) ** 2 <= 1.0


def _draw(p, rng):
    shapes = []
    big = lambda a, b: a * b > 600
    for cx, cy, a, b in p["shapes"]:
        j = 4 if big(a, b) else 6
        shapes.append((cx + rng.uniform(-j, j), cy + rng.uniform(-j, j), a * rng.uniform(0.85, 1.15),
                       b * rng.uniform(0.85, 1.15), rng.uniform(-0.4, 0.4)))
    if p["spots"]:
        x0, x1, y0, y1, nmin, nmax, rmin, rmax = p["spots"]
        n = rng.randint(nmin, nmax)
        tries = 0
        while len(shapes) < n and tries < 400:
            tries += 1
            r = rng.uniform(rmin, rmax)
            c = (rng.uniform(x0, x1), rng.uniform(y0, y1), r, r * rng.uniform(0.8, 1.2), rng.uniform(0, 3.1))
            if all(np.hypot(c[0] - s[0], c[1] - s[1]) > max(c[2], c[3]) + max(s[2], s[3]) + 5 for s in shapes):
                shapes.append(c)
    mask = np.zeros((H, W), bool)
    for cx, cy, a, b, ang in shapes:
        if p["orientation"] == "RP":
            cx = W - 1 - cx
        mask |= _ellipse(cx, cy, a, b, ang)
    return mask, len(shapes)


def _others(p):
    return {k: ((1.0 - x) if p["orientation"] == "RP" else x, y) for k, (x, y) in sorted(p["others"].items())}


def _key(f):
    return (f.laterality, f.vertical, f.size_class, f.components,
            tuple(sorted((r.other, r.relation) for r in f.relations)))


def facts_for(p, rng):
    others = _others(p)
    for _ in range(300):
        mask, n = _draw(p, rng)
        f = compute_facts(mask, p["orientation"], others)
        if f.components != n or (p["want"] and f.laterality != p["want"]):
            continue
        af = f.area_fraction
        if 0.0085 < af < 0.0115 or 0.0425 < af < 0.0575:
            continue
        k = _key(f)
        if all(_key(compute_facts(np.roll(mask, s, axis=ax), p["orientation"], others)) == k
               for s in (-3, 3) for ax in (0, 1)):
            break
    LAST["mask"], LAST["others"] = mask, others
    return f.model_dump(mode="json")


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def pick_profile(profiles, i, defect, rng):
    if defect == "count" and rng.random() < 0.5:
        return rng.choice([q for q in profiles if q["spots"] or len(q["shapes"]) > 1])
    if defect == "position" and rng.random() < 0.3:
        return rng.choice([q for q in profiles if q["orientation"] == "LI"])
    return rng.choice(profiles)


# -- claim phrases ---------------------------------------------------------------------------------------------

def _pct(x):
    return f"{x:.1f}" if x < 10 else f"{x:.0f}"


def _it(p, cap=False):
    w = "they" if p["plural"] else "it"
    return w.capitalize() if cap else w


def _be(p):
    return "are" if p["plural"] else "is"


def _s(p, verb):
    return verb if p["plural"] else verb + ("es" if verb.endswith("s") else "s")


def _lat_loc(v, p, rng):
    half = {"chest": "hemithorax", "brain": "hemisphere", "head": "hemicranium"}.get(p["region"], "side of the abdomen")
    if p["region"] == "pelvis":
        half = "side of the pelvis"
    pool = {"left": ["on the patient's left", "on the left", f"in the left {half}", "left of the midline",
                     "on the left side"],
            "right": ["on the patient's right", "on the right", f"in the right {half}", "right of the midline",
                      "on the right side"],
            "midline": ["in the midline", "right on the midline", "centrally, straddling the midline", "midline"],
            "bilateral": ["on both sides", "bilaterally", "on the left and the right", "on both sides of the midline"]}
    return rng.choice(pool[v])


def _lat_adj(v, rng, reg):
    pool = {"left": ["left-sided", "left"], "right": ["right-sided", "right"], "midline": ["midline"],
            "bilateral": ["bilateral"]}
    if reg == "pager":
        pool = {"left": ["L-sided", "left-sided", "lt"], "right": ["R-sided", "right-sided", "rt"],
                "midline": ["midline"], "bilateral": ["bilat", "bilateral"]}
    return rng.choice(pool[v])


def lat_sentence(p, v, rng, reg, false=False):
    it, It = _it(p), _it(p, True)
    if false and p["_truth"]["lat"] == "bilateral":
        return rng.choice([f"{It} {_be(p)} only on the {v} side.", f"Only the {v} side is involved.",
                           f"{It} {_be(p)} confined to the {v}."])
    if v.startswith("not:"):
        o = v[4:]
        return rng.choice([f"Not on the {o}, to be clear.", f"{It} {_be(p)} not on the {o} side.",
                           f"Nothing of it on the {o}." if not p["plural"] else f"None of them on the {o}."])
    loc, adj = _lat_loc(v, p, rng), _lat_adj(v, rng, reg)
    frames = [f"{It} {_be(p)} {loc}.", f"{It} {_s(p, 'sit')} {loc}.", f"Side: {adj}.",
              f"{It} {_s(p, 'lie')} {loc}, patient's frame.", f"Laterality: {loc}."]
    if reg == "pager":
        frames += [f"{adj}.", f"{loc} btw."]
    return rng.choice(frames)


def _vert_loc(v, p, rng):
    coronal = p["orientation"][1] in "SI"
    pool = {"anterior": ["anteriorly", "toward the front", "in the anterior part of the slice", "ventrally"],
            "posterior": ["posteriorly", "toward the back", "in the posterior part of the slice", "dorsally"],
            "superior": ["superiorly", "high in this coronal slice", "in the upper part of the slice", "toward the vertex"],
            "inferior": ["inferiorly", "low in this coronal slice", "in the lower part of the slice", "toward the skull base"],
            "central": (["at mid-height in the slice", "neither high nor low in the slice"] if coronal
                        else ["mid-way between front and back", "centrally front-to-back", "neither anterior nor posterior"])}
    return rng.choice(pool[v])


def vert_sentence(p, v, rng, reg):
    It = _it(p, True)
    loc = _vert_loc(v, p, rng)
    return rng.choice([f"{It} {_s(p, 'lie')} {loc}.", f"{It} {_s(p, 'sit')} {loc}.", f"Position: {loc}.",
                       f"In the other axis, {_it(p)} {_s(p, 'sit')} {loc}."])


REL = {"left_of": ["to the left of the {o}", "left of the {o}"],
       "right_of": ["to the right of the {o}", "right of the {o}"],
       "anterior_to": ["anterior to the {o}", "in front of the {o}"],
       "posterior_to": ["posterior to the {o}", "behind the {o}"],
       "superior_to": ["above the {o}", "superior to the {o}"],
       "inferior_to": ["below the {o}", "inferior to the {o}"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
        "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def rel_sentence(p, v, rng, reg):
    other, rel = v
    where = rng.choice(REL[rel]).format(o=other)
    return rng.choice([f"{_it(p, True)} {_be(p)} {where}.", f"{_it(p, True)} {_s(p, 'lie')} {where}.",
                       f"Relation: {where}.", f"Useful landmark: {_it(p)} {_be(p)} {where}."])


SIZE = {"small": ["small", "fairly small", "tiny"], "medium": ["medium-sized", "moderate in size", "mid-sized"],
        "large": ["large", "big", "bulky"]}


def size_sentence(p, v, rng, reg):
    if v[0] == "pct":
        x = _pct(v[1])
        return rng.choice([f"{_it(p, True)} {_s(p, 'cover')} roughly {x}% of the image.",
                           f"That's about {x}% of the slice by area.", f"Area ~{x}% of the frame.",
                           f"On my outline it takes up around {x} percent of the image."])
    w = rng.choice(SIZE[v[1]])
    frames = [f"{_it(p, True)} {_be(p)} {w}.", f"Size-wise: {w}.", f"{w[0].upper() + w[1:]} overall.",
              f"Overall {_it(p)} {_be(p)} {w} on this slice."]
    if not p["plural"]:
        a = rng.choice({"small": ["small", "tiny"], "medium": ["medium-sized", "mid-sized"],
                        "large": ["large", "big"]}[v[1]])
        frames.append(f"It's a {a} {p['unit']}.")
    return rng.choice(frames)


def count_sentence(p, v, rng, reg):
    u = p["unit"]
    if not p["plural"] and u in ("organ", "structure", "area", "vessel"):
        u = "piece" if v > 1 else u
    if v == 1:
        if p["plural"]:
            return rng.choice([f"Only one {u} on this slice, actually.", f"Just a single {u} here."])
        return rng.choice([f"It's one contiguous {u}, no separate pieces.", "Single piece on this slice.",
                           f"Solitary: one {u}, in one piece.", "One component, nothing satellite to it."])
    nw = NUM[v] if rng.random() < 0.7 else str(v)
    us = u + ("es" if u.endswith("s") else "s")
    return rng.choice([f"I count {nw} separate {us}.", f"There are {nw} discrete {us} on this slice.",
                       f"{nw.capitalize()} separate {us} in total.", f"Count: {nw} {us}, none touching."])


# -- the conversation ------------------------------------------------------------------------------------------

RADS = ["Dr Okafor", "Priya (rad)", "Dr Lindqvist", "Tom H, radiology", "Dr Abiodun", "Dr Meyer"]
REFS = ["Sam", "Dr Ferreira", "Aisling", "Dr Chen", "Jonas", "Dr Patel", "Mariam", "Dr Kowalski"]
PEERS = ["Dr Haddad", "Ines", "Dr Nakamura", "Rob (IR)", "Dr Osei"]
TEAMS = {"abdomen": "surgeons", "pelvis": "urology", "chest": "resp team", "brain": "neuro team", "head": "neurosurgeons"}

MGMT = {
    "abdomen": ["If a repeat is needed, portal venous phase at 70 s with 100 mL of contrast is plenty.",
                "Her eGFR was 54, so no issue with another contrast study.",
                "Happy to put it on the 4 pm MDT list.", "I'd rescan in 6-8 weeks.",
                "Worth an MR if you want to push it further."],
    "pelvis": ["A 16 Fr catheter should be fine.", "Residual after 20 minutes would be useful to know.",
               "Happy to discuss at Thursday's 8 am uro MDT."],
    "chest": ["CTPA protocol was 60 mL at 4 mL/s, bolus-tracked.", "Sats were 94% on 2 L, so keep that in mind for any procedure.",
              "Repeat CT in 3 months would be standard.", "I'd get a PET-CT before the 2 pm MDT next week."],
    "brain": ["Gad dose was 0.1 mmol/kg.", "Worth a follow-up MR in 3 months.",
              "Happy to bring it to Tuesday's 1 pm neuro MDT.", "Neurology clinic has slots on Friday."],
    "head": ["INR is 1.3, and andexanet is available if needed.", "Repeat CT head in 24 h or sooner if GCS drops by 2.",
             "Neurosurgery SpR is on bleep 4412."],
}


def _story(p, rng):
    age, sex = rng.randint(24, 88), rng.choice(["M", "F"])
    return age, sex


def _first_question(p, rng, reg, named, ref, rad):
    age, sex = _story(p, rng)
    clue = rng.choice(p["clues"])
    mod = {"CT": "CT", "MR": "MRI"}[p["modality"]]
    reg_word = {"abdomen": "abdo", "pelvis": "pelvis", "chest": "chest", "brain": "head", "head": "head"}[p["region"]]
    if named:
        ask = rng.choice([f"Can you segment the {p['target']} for me?", f"Could you outline the {p['target']}?",
                          f"Please mark up the {p['target']}.", f"I'd like the {p['target']} contoured."])
    else:
        ask = rng.choice([f"Can you outline {clue}?", f"What and where {_be(p)} {clue}? Segment please.",
                          f"Could you find and mark {clue}?", f"Please contour {clue}."])
    if reg == "pager":
        pre = rng.choice(["hey", "hi", "sorry to bug u", "quick one"])
        ask = ask[0].lower() + ask[1:]
        return f"{pre} - {age}{sex}, {mod} {reg_word} from this am. {ask} ty 🙏"
    if reg == "email":
        subj = rng.choice([f"Subject: {mod} {reg_word} query", f"Subject: question re {mod} {reg_word} (bed 14)",
                           f"Subject: Fwd: {mod} {reg_word} - help please"])
        fwd = ""
        if "Fwd" in subj:
            fwd = (f"\n\n---------- Forwarded message ----------\nFrom: {rng.choice(PEERS)}\n"
                   f"> Could you ask radiology about this one? {age}{sex}, scanned yesterday.\n")
        return (f"{subj}\n\nDear {rad},\n\nI'm looking after a {age}-year-old "
                f"{'man' if sex == 'M' else 'woman'} on the ward.{fwd}\nRegarding the {mod}: {ask}\n\nMany thanks,\n{ref}")
    if reg == "channel":
        return (f"@{rad.split(',')[0]} {age}{sex} in resus, {mod} {reg_word} just came through. "
                f"{ask} :pray:")
    return (f"S: {age}{sex}, {mod} {reg_word} done today.\nB: see notes, {rng.choice(['on the ward', 'ED', 'clinic'])}.\n"
            f"A: not sure what we're seeing.\nR: {ask}")


def _open(p, rng, reg):
    t = p["target"]
    return rng.choice([f"That's the {t} [SEG].", f"Segmented the {t} here [SEG].", f"{t[0].upper() + t[1:]}: [SEG]",
                       f"You're after the {t} [SEG]."])


def _wrap_answer(reg, rng, sents, ref, rad, first=False):
    if reg == "pager":
        body = " ".join(sents)
        return body + rng.choice(["", " 👍", " hth", " shout if q's"])
    if reg == "email":
        return (f"Re: your query\n\nHi {ref},\n\n" + " ".join(sents) +
                f"\n\n{rng.choice(['Best wishes', 'Kind regards', 'Thanks'])},\n{rad}")
    if reg == "channel":
        return f"@{ref} " + " ".join(sents) + rng.choice(["", "\n\n👀 2  ✅ 1", "\n\n(3 reactions: 👍)"])
    if first:
        return "Impression:\n" + "\n".join(f"{i + 1}. {s}" for i, s in enumerate(sents))
    return "re: your Q - " + " ".join(sents)


def _quote(reg, rng, text, rad):
    line = text.strip().splitlines()[0]
    if reg == "email":
        return f"\n\n> On {rng.choice(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'])}, {rad} wrote:\n> {line}"
    return f"> {line}\n"


ASK = {"lat": ["which side is it, patient's side?", "just to be sure for the consent form: which side?",
               "side? (patient's, not the screen's)"],
       "vert": ["whereabouts in the slice is it?", "where does it sit in the other direction?",
                "front/back or high/low, where is it?"],
       "rel": ["how does it relate to the {o}?", "where is it relative to the {o}?"],
       "size": ["how big is it overall?", "roughly what share of the image is it?", "size?"],
       "count": ["just one, or several bits?", "how many separate pieces did you outline?",
                 "is it one thing or multiple?"]}


def _sentence(p, kind, v, rng, reg, false=False):
    if kind == "lat":
        return lat_sentence(p, v, rng, reg, false)
    if kind == "vert":
        return vert_sentence(p, v, rng, reg)
    if kind == "rel":
        return rel_sentence(p, v, rng, reg)
    if kind == "size":
        return size_sentence(p, v, rng, reg)
    return count_sentence(p, v, rng, reg)


def _premise(p, kind, v, rng):
    """A user's short statement of a value, said as a premise."""
    if kind == "lat":
        phr = {"left": "on the left", "right": "on the right", "midline": "midline", "bilateral": "bilateral"}[v]
        if p["_truth"]["lat"] == "bilateral" and v in ("left", "right"):
            phr = f"only on the {v}"
        return rng.choice([f"so it's {phr}", f"ok, {phr} then", f"since it's {phr}"])
    if kind == "vert":
        adj = {"anterior": "anterior", "posterior": "posterior", "superior": "high up", "inferior": "low down",
               "central": "central front-to-back" if p["orientation"][1] in "AP" else "at mid-height"}[v]
        return rng.choice([f"so it's {adj}", f"given it sits {_vert_loc(v, p, rng)}"])
    if kind == "rel":
        return f"so it's {REL[v[1]][0].format(o=v[0])}"
    if kind == "size":
        if v[0] == "pct":
            return f"so about {_pct(v[1])}% of the image"
        return rng.choice([f"so it's {SIZE[v[1]][0]}", f"ok, {SIZE[v[1]][0]} then"])
    if v == 1:
        return rng.choice(["so just the one", "so a single one"])
    return rng.choice([f"so {NUM[v]} of them", f"so {NUM[v]} separate ones"])


def _truth(facts):
    return {"lat": facts["laterality"], "vert": facts["vertical"],
            "rels": [(r["other"], r["relation"]) for r in facts["relations"]],
            "size": facts["size_class"], "pct": facts["area_fraction"] * 100, "count": facts["components"]}


def _true_value(p, kind, rng):
    t = p["_truth"]
    if kind == "lat":
        if t["lat"] in ("left", "right") and rng.random() < 0.2:
            return "not:" + ("right" if t["lat"] == "left" else "left")
        return t["lat"]
    if kind == "vert":
        return t["vert"]
    if kind == "rel":
        return rng.choice(t["rels"])
    if kind == "size":
        if rng.random() < 0.4:
            return ("pct", t["pct"] * rng.uniform(0.85, 1.15))
        return ("class", t["size"])
    return t["count"]


def _false_value(p, kind, rng):
    t = p["_truth"]
    if kind == "lat":
        return {"left": "right", "right": "left"}.get(t["lat"]) or rng.choice(["left", "right"])
    if kind == "vert":
        return {"anterior": "posterior", "posterior": "anterior", "superior": "inferior",
                "inferior": "superior"}.get(t["vert"]) or rng.choice(
            ["superior", "inferior"] if p["orientation"][1] in "SI" else ["anterior", "posterior"])
    if kind == "rel":
        o, r = rng.choice(t["rels"])
        return (o, FLIP[r])
    if kind == "size":
        if rng.random() < 0.4:
            x = t["pct"]
            return ("pct", x * rng.uniform(6, 10) if x < 3 else x / rng.uniform(6, 10))
        return ("class", {"small": "large", "large": "small"}.get(t["size"]) or rng.choice(["small", "large"]))
    n = t["count"]
    return rng.choice([2, 3]) if n == 1 else rng.choice([1, n + 1] if n > 1 else [2])


def _defect_kind(defect, p, rng):
    if defect == "laterality":
        return "lat"
    if defect == "position":
        return "rel" if p["_truth"]["rels"] and rng.random() < 0.5 else "vert"
    return {"size": "size", "count": "count"}.get(defect)


def _same_family(a, b):
    fam = {"lat": "lat", "vert": "pos", "rel": "pos", "size": "size", "count": "count"}
    return fam[a] == fam[b]


def _hypo(p, rng):
    lat = p["_truth"]["lat"]
    if lat in ("left", "right"):
        o = "right" if lat == "left" else "left"
        return rng.choice([f"If this had been on the {o} I'd have thought of something else entirely.",
                           f"Had it been {o}-sided, the differential would be different."])
    if p["_truth"]["size"] != "large" and rng.random() < 0.5:
        return "If it were much bigger I'd be more worried."
    return "If it had been confined to one side I'd think differently."


def build(p, facts, style, rng, defect):
    p = dict(p, _truth=_truth(facts))
    reg = style
    ref, rad, peer = rng.choice(REFS), rng.choice(RADS), rng.choice(PEERS)
    ledger, turns = [], []
    kinds = ["lat", "vert", "size", "count"] + (["rel"] if p["_truth"]["rels"] else [])
    dk = _defect_kind(defect, p, rng)
    free = [k for k in kinds if not (dk and _same_family(k, dk))]
    loc = rng.choice(["first", "followup", "premise"]) if dk else None
    rounds = rng.randint(1, 3)
    if loc in ("followup", "premise"):
        rounds = max(rounds, 1)
        slot = rng.randrange(rounds)
    else:
        slot = None
    slip, used = None, []
    if defect is None and rng.random() < 0.25:
        slip = rng.choice(kinds)

    def add(kind, v, ti, role, true, text, corrected=False):
        ledger.append({"kind": kind, "value": list(v) if isinstance(v, tuple) else v, "turn": ti, "role": role,
                       "true": true, "corrected": corrected, "text": text})

    # turn 0: the referrer's question
    turns.append({"role": "user", "content": _first_question(p, rng, reg, defect == "names_target", ref, rad)})

    # turn 1: the first answer
    sents = [_open(p, rng, reg)]
    said = []
    firstk = rng.sample(free, min(len(free), rng.randint(1, 3)))
    if slip in firstk:
        firstk.remove(slip)
    for k in firstk:
        v = _true_value(p, k, rng)
        s = _sentence(p, k, v, rng, reg)
        sents.append(s)
        add(k, v, 1, "assistant", True, s)
        said.append(k)
    if slip:
        v = _false_value(p, slip, rng)
        s = _sentence(p, slip, v, rng, reg, false=True)
        sents.append(s)
        add(slip, v, 1, "assistant", False, s, corrected=True)
    if loc == "first":
        v = _false_value(p, dk, rng)
        s = _sentence(p, dk, v, rng, reg, false=True)
        sents.insert(rng.randint(1, len(sents)), s)
        add(dk, v, 1, "assistant", False, s)
    if rng.random() < 0.5:
        sents.append(rng.choice(p["lore"]))
    if rng.random() < 0.4:
        sents.append(rng.choice(p["extra"]))
    if defect is None and rng.random() < 0.3:
        sents.append(_hypo(p, rng))
    turns.append({"role": "assistant", "content": _wrap_answer(reg, rng, sents, ref, rad, first=True)})

    # follow-up rounds
    for r in range(rounds):
        ui, ai = len(turns), len(turns) + 1
        a_sents, u_text = [], ""
        quoted = rng.choice([s for s in sents if "[SEG]" not in s and not any(
            e["text"] == s and not e["true"] for e in ledger)] or [None]) if rng.random() < 0.5 else None
        qprefix = _quote(reg, rng, quoted, rad) if quoted and reg != "email" else ""
        qsuffix = _quote(reg, rng, quoted, rad) if quoted and reg == "email" else ""
        if quoted:  # a quoted true claim is repeated in the user's turn
            for e in list(ledger):
                if e["text"] == quoted and e["true"]:
                    add(e["kind"], tuple(e["value"]) if isinstance(e["value"], list) else e["value"], ui, "user",
                        True, quoted)
        if r == 0 and slip:
            a_sents.append(rng.choice(["Correction to my last message, I mistyped one bit:", "Sorry, typo above -",
                                       "Edit: ignore one line of my first reply."]))
            v = _true_value(p, slip, rng)
            if slip == "lat" and isinstance(v, str) and v.startswith("not:"):
                v = p["_truth"]["lat"]
            s = _sentence(p, slip, v, rng, reg)
            a_sents.append(s + rng.choice([" Not what I wrote first.", " Apologies.", ""]))
            add(slip, v, ai, "assistant", True, s)
        mode = None
        if r == slot:
            mode = "defect_" + loc
        else:
            opts = ["ask", "mgmt", "premise_true"]
            if defect is None:
                opts += ["premise_false", "colleague_false"]
            if reg == "channel" or rng.random() < 0.3:
                opts.append("colleague_true")
            mode = rng.choice([o for o in opts if o not in used] or opts)
            used.append(mode)
        k = rng.choice([x for x in free if x not in said] or free)
        team = TEAMS[p["region"]]
        if mode == "defect_followup":
            u_text = rng.choice(ASK[dk]).format(o=p["_truth"]["rels"][0][0] if dk == "rel" else "")
            if dk == "rel":
                v = _false_value(p, dk, rng)
                u_text = rng.choice(ASK["rel"]).format(o=v[0])
            else:
                v = _false_value(p, dk, rng)
            s = _sentence(p, dk, v, rng, reg, false=True)
            a_sents.append(s)
            add(dk, v, ai, "assistant", False, s)
        elif mode == "defect_premise":
            v = _false_value(p, dk, rng)
            pr = _premise(p, dk, v, rng)
            u_text = rng.choice([f"ok {pr}, will tell the {team}. what would you do next?",
                                 f"{pr[0].upper() + pr[1:]}, anything else to add?",
                                 f"thanks. {pr}, does that change the plan?"])
            add(dk, v, ui, "user", False, pr)
            a_sents.append(rng.choice(MGMT[p["region"]]))
        elif mode == "ask":
            v = _true_value(p, k, rng)
            u_text = rng.choice(ASK[k]).format(o=v[0] if k == "rel" else "")
            s = _sentence(p, k, v, rng, reg)
            a_sents.append(s)
            add(k, v, ai, "assistant", True, s)
            said.append(k)
        elif mode == "premise_true":
            v = _true_value(p, k, rng)
            if k == "lat" and isinstance(v, str) and v.startswith("not:"):
                v = p["_truth"]["lat"]
            pr = _premise(p, k, v, rng)
            u_text = rng.choice([f"thanks - {pr}. anything else we should do?", f"{pr[0].upper() + pr[1:]}. next step?"])
            add(k, v, ui, "user", True, pr)
            a_sents.append(rng.choice(["Yes.", "Correct.", "That's right."]) + " " + rng.choice(MGMT[p["region"]]))
        elif mode == "premise_false":
            v = _false_value(p, k, rng)
            pr = _premise(p, k, v, rng)
            u_text = rng.choice([f"{pr}? just checking before I call the {team}", f"I had it down as: {pr}. right?"])
            add(k, v, ui, "user", False, pr, corrected=True)
            tv = _true_value(p, k, rng)
            if k == "lat" and isinstance(tv, str) and tv.startswith("not:"):
                tv = p["_truth"]["lat"]
            s = _sentence(p, k, tv, rng, reg)
            a_sents.append(rng.choice(["No, not quite.", "Not so, I'm afraid.", "Have to correct that:"]) + " " + s)
            add(k, tv, ai, "assistant", True, s)
        elif mode == "colleague_false":
            v = _false_value(p, k, rng)
            s0 = _sentence(p, k, v, rng, reg, false=True)
            u_text = f"{peer} here, jumping in - I had a look too. {s0}"
            add(k, v, ui, "user", False, s0, corrected=True)
            tv = _true_value(p, k, rng)
            if k == "lat" and isinstance(tv, str) and tv.startswith("not:"):
                tv = p["_truth"]["lat"]
            s = _sentence(p, k, tv, rng, reg)
            a_sents.append(f"@{peer} I'd disagree there. " + s)
            add(k, tv, ai, "assistant", True, s)
        elif mode == "colleague_true":
            v = _true_value(p, k, rng)
            s0 = _sentence(p, k, v, rng, reg)
            u_text = f"{peer} chiming in with a second look: agree with {rad.split(',')[0]}. {s0}"
            add(k, v, ui, "user", True, s0)
            a_sents.append(rng.choice(["Thanks, agreed.", "👍 yes.", "Thanks for the second pair of eyes."]) + " "
                           + rng.choice(MGMT[p["region"]]))
        else:
            u_text = rng.choice([f"thanks! what would you suggest next?", f"great. anything the {team} should know?",
                                 "helpful, ta. follow-up imaging?"])
            a_sents.append(rng.choice(MGMT[p["region"]]))
            if rng.random() < 0.4:
                a_sents.append(rng.choice(p["lore"]))
        if reg == "pager" and rng.random() < 0.3:
            u_text = "👍 " + u_text
        turns.append({"role": "user", "content": (qprefix + u_text + qsuffix).strip()})
        turns.append({"role": "assistant", "content": _wrap_answer(reg, rng, a_sents, ref, rad)})
    expected = [defect] if defect else []
    LAST["ledger"] = ledger
    return turns, expected
