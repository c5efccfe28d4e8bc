"""Bank EF: an outside reviewer's replay of LLM prose on labels of public CT volumes.

Written without reading QC (none of medseg_qa/qc, the knowledge modules, the QC tests, the bench or
any other bank was opened while writing it).

Targets (TotalSegmentator-style label names): gallbladder, pancreas, urinary bladder (normal and
distended), left adrenal gland, right adrenal gland, aorta, portal vein and splenic vein, esophagus,
vertebrae L1, sacrum, colon (three cross-sections, bilateral), duodenum, stomach, left iliac artery,
kidney cyst (two right-sided cysts on an axial slice; three bilateral cysts on a coronal reformat),
liver tumour (three small lesions; one large plus one small lesion), lung nodules (bilateral; two in
the left lung). Masks are ellipses on a 256 x 256 grid (CT, axial "LP" and one coronal "LI" profile).

Registers (STYLES): gpt_explainer (long, headings and bullets), resident_short (clipped, abbreviations),
socratic_tutor (asks the learner questions back, then answers), numbers_as_words (formal, every number
in words, no digits anywhere in the row).

Every sentence that states a fact of the mask is generated from the measured facts and logged in
LEDGER (kind, value, where); defects replace one such value by a wrong one (about 1 in 5 in a user's
false premise the assistant goes along with, about 1 in 5 in a follow-up answer). Clean rows carry
hard-but-true sentences: negations, the radiological convention, other structures' sides, population
figures, hypotheticals and a user's misconception that the assistant explicitly corrects.

Own check (/work/notes/qcef_scripts/check_ef.py, which re-reads the ledger and the facts):
rows: 420 clean: 210 defect: 210 (42 of each kind) problems: 0.
"""

from __future__ import annotations

import math
import random
import re

import numpy as np

STYLES = ["gpt_explainer", "resident_short", "socratic_tutor", "numbers_as_words"]
LEDGER: list[dict] = []  # one entry per build() call: what each sentence claims (read by my own checker)

W = H = 256

# ----------------------------------------------------------------------------------------------------
# numbers

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words_int(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        r = n % 100
        return _ONES[n // 100] + " hundred" + ("" if r == 0 else " and " + words_int(r))
    r = n % 1000
    return words_int(n // 1000) + " thousand" + ("" if r == 0 else " " + words_int(r))


def words_num(s: str) -> str:
    if "." in s:
        a, b = s.split(".")
        return words_int(int(a)) + " point " + " ".join(_ONES[int(c)] for c in b)
    return words_int(int(s))


def fmt_pct(p: float) -> str:
    if p >= 10:
        return f"{p:.0f}"
    if p >= 1:
        return f"{p:.1f}"
    return f"{p:.2f}"


def render(text: str, reg: str) -> str:
    """<<n>> marks a number: digits, or words in the numbers_as_words register."""
    def rep(m):
        n, pc = m.group(1), m.group(2)
        if reg == "numbers_as_words":
            return words_num(n) + (" percent" if pc else "")
        return n + ("%" if pc else "")
    return re.sub(r"<<([\d.]+)>>(%?)", rep, text)


def pct_text(p: float, reg: str, rng) -> str:
    s = fmt_pct(p)
    if reg == "numbers_as_words":
        return words_num(s) + " percent"
    if reg == "resident_short":
        return rng.choice(["~", "approx ", ""]) + s + "%"
    return s + rng.choice(["%", "%", " percent"])


def num_text(n: int, reg: str, rng) -> str:
    if reg == "numbers_as_words":
        return words_int(n)
    if reg == "resident_short":
        return str(n)
    return rng.choice([str(n), words_int(n)]) if n < 10 else str(n)


# ----------------------------------------------------------------------------------------------------
# profiles (pixels; others are converted to normalised centroids in facts_for)

def _k(*items):
    return list(items)


PROFILES = [
    dict(target="gallbladder", region="abdomen", orient="LP", ell=[(78, 100, 13, 19)],
         others={"liver": (72, 118), "duodenum": (108, 118), "right kidney": (72, 160)},
         name="the gallbladder", abbr="GB", plural=False, noun="pieces",
         banned=["gallbladder", "gall bladder", "gall", "cholecyst", "biliary vesicle", "gb"],
         cues=["Which organ on this slice stores and concentrates bile between meals?",
               "A woman of <<45>> has right upper quadrant pain after fatty meals and a positive Murphy's sign. Which structure is the likely culprit here?",
               "Which pear-shaped sac under the liver fills with bile and empties when you eat?",
               "On an ultrasound they'd look for stones and wall thickening in a certain organ under the liver; where is it on this CT?"],
         naming=["Can you segment the gallbladder on this CT?", "Please outline the gall bladder; I want to check for stones.",
                 "Where is the GB on this slice? Segment it please."],
         know=["It stores and concentrates bile made by the liver and squeezes it into the duodenum after a fatty meal.",
               "Gallstones are common: roughly <<10>> to <<15>>% of adults in Western populations have them, most without symptoms.",
               "A normal wall is thin, usually under <<3>> mm when the organ is distended.",
               "The liver, the largest solid organ in the abdomen, lies mostly on the patient's right, and the gallbladder hangs in a fossa on its undersurface.",
               "If the patient had situs inversus, the whole hepatobiliary system would be mirrored onto the left.",
               "Murphy's sign, an inspiratory catch when pressing below the right costal margin, points toward acute inflammation of this organ."]),
    dict(target="pancreas", region="abdomen", orient="LP", ell=[(108, 126, 13, 9), (134, 120, 20, 8), (162, 113, 14, 7)],
         others={"aorta": (131, 142), "spleen": (196, 120), "left kidney": (172, 152)},
         name="the pancreas", abbr="panc", plural=False, noun="pieces",
         banned=["pancrea", "panc"],
         cues=["Which gland here makes both insulin and the digestive enzymes lipase and amylase?",
               "Epigastric pain boring through to the back, lipase of <<900>>, heavy drinker. Which organ is inflamed, and can you outline it on this slice?",
               "Which retroperitoneal gland has a head in the duodenal C-loop and a tail pointing toward the spleen?",
               "Painless jaundice and weight loss in a <<70>>-year-old: which organ's head would you scrutinise first? Show it on this slice."],
         naming=["Segment the pancreas on this axial CT, please.", "Is the pancreatic duct dilated? Outline the gland first.",
                 "Could you mark the pancreas for me?"],
         know=["It is both an exocrine gland (lipase, amylase, trypsinogen) and an endocrine one (insulin and glucagon from the islets).",
               "Its head nestles in the C-loop of the duodenum on the patient's right, while the tail reaches toward the splenic hilum on the left.",
               "The splenic vein runs along its posterior surface, a handy landmark on CT.",
               "Ductal adenocarcinoma makes up about <<90>>% of cancers arising in this gland.",
               "Gallstones and alcohol together explain roughly <<70>> to <<80>>% of cases of acute pancreatitis."]),
    dict(target="urinary bladder", region="pelvis", orient="LP", ell=[(128, 105, 30, 24)],
         others={"rectum": (128, 165), "sacrum": (128, 190)},
         name="the urinary bladder", abbr="UB", plural=False, noun="pieces",
         banned=["bladder", "vesic", "urinary", "cyst", "ub"],
         cues=["Which hollow organ in the pelvis stores urine until voiding? Please segment it.",
               "Elderly man with a poor stream and the feeling he never empties completely. Which organ should I look at on this pelvic slice?",
               "Where does urine collect after it leaves the ureters? Outline it on this image.",
               "Which muscular reservoir, lined by urothelium, sits just behind the pubic symphysis?"],
         naming=["Segment the urinary bladder please.", "Can you outline the bladder on this pelvic CT?",
                 "Mark the vesical contour for me."],
         know=["Its normal capacity in adults is roughly <<400>> to <<600>> mL.",
               "In men the rectum lies directly behind it; in women the uterus and vagina sit in between.",
               "The ureters enter it obliquely at its posterolateral corners, one on each side.",
               "Urothelial carcinoma is about <<3>> to <<4>> times more common in men than in women.",
               "Its wall looks thick when it is empty and only a few millimetres thick when it is distended, so fill state matters."]),
    dict(target="urinary bladder", region="pelvis", orient="LP", ell=[(128, 112, 45, 35)],
         others={"rectum": (128, 170), "sacrum": (128, 195)},
         name="the urinary bladder", abbr="UB", plural=False, noun="pieces",
         banned=["bladder", "vesic", "urinary", "cyst", "ub"],
         cues=["A man with a <<12>>-hour history of not passing urine and lower abdominal pain: which organ is distended on this slice? Segment it.",
               "Which pelvic organ swells up when the prostate blocks the outflow? Please outline it.",
               "Post-operative patient, no urine output via the catheter for hours. What's the big round fluid structure here?"],
         naming=["Outline the distended bladder please.", "Segment the urinary bladder; I think it's in retention."],
         know=["Acute retention is far more common in men, usually from prostatic enlargement.",
               "A bladder scan volume above about <<300>> mL after voiding is often treated as significant retention.",
               "In men the rectum lies directly behind it; in women the uterus sits in between.",
               "When it is this full its wall thins to a few millimetres, which is normal."]),
    dict(target="left adrenal gland", region="abdomen", orient="LP", ell=[(160, 122, 5, 10)],
         others={"aorta": (131, 132), "left kidney": (176, 150), "spleen": (200, 115)},
         name="the left adrenal gland", abbr="Lt adrenal", plural=False, noun="pieces",
         banned=["adrenal", "suprarenal"],
         cues=["Which small endocrine gland, on the same side as the spleen, makes cortisol and aldosterone? Please segment it.",
               "Resistant hypertension and low potassium. Which gland sitting near the spleen-side kidney would you check for a Conn's adenoma?",
               "Which lambda-shaped gland lies beside the aorta near the upper pole of the left kidney? Outline it."],
         naming=["Segment the left adrenal gland please.", "Is there a left adrenal nodule? Outline the gland.",
                 "Mark the left suprarenal gland."],
         know=["The adrenals make cortisol and aldosterone in the cortex and adrenaline in the medulla.",
               "Incidental adrenal nodules turn up on about <<3>> to <<7>>% of abdominal CTs, more often in older adults.",
               "The right adrenal tucks behind the inferior vena cava, whereas the left one lies beside the aorta, in front of and medial to the upper pole of the left kidney.",
               "On CT the left gland often looks like an inverted Y or a lambda.",
               "An unenhanced attenuation under <<10>> HU suggests a lipid-rich adenoma."]),
    dict(target="right adrenal gland", region="abdomen", orient="LP", ell=[(96, 118, 5, 10)],
         others={"inferior vena cava": (113, 100), "right kidney": (80, 150), "liver": (70, 100)},
         name="the right adrenal gland", abbr="Rt adrenal", plural=False, noun="pieces",
         banned=["adrenal", "suprarenal"],
         cues=["Which little endocrine gland on the liver's side hides just behind the inferior vena cava? Please segment it.",
               "Episodic headaches, sweating and palpitations. Which gland on the same side as the liver would you check for a pheochromocytoma?",
               "Which thin, comma-shaped gland sits between the liver, the crus and the back of the IVC? Outline it."],
         naming=["Segment the right adrenal.", "Please outline the right adrenal gland on this slice.",
                 "Any right suprarenal mass? Show me the gland."],
         know=["The adrenal cortex makes cortisol and aldosterone, the medulla adrenaline and noradrenaline.",
               "Incidental adrenal nodules are found on about <<3>> to <<7>>% of abdominal CTs.",
               "The left adrenal, by contrast, lies beside the aorta on the other side of the body.",
               "An absolute washout of <<60>>% or more on an adrenal-protocol CT favours an adenoma.",
               "Its limbs are normally only a few millimetres thick."]),
    dict(target="aorta", region="abdomen", orient="LP", ell=[(131, 140, 10, 10)],
         others={"inferior vena cava": (106, 132), "vertebral body": (128, 172)},
         name="the aorta", abbr="Ao", plural=False, noun="pieces",
         banned=["aort", "aaa", "ao "],
         cues=["Which vessel carries oxygenated blood from the heart down to the abdomen and legs? Please segment it.",
               "A <<72>>-year-old smoker with a pulsatile abdominal mass: which artery should I measure on this slice?",
               "Which is the largest artery in the body? Show it here."],
         naming=["Segment the aorta.", "Measure the aortic lumen; outline it first.", "Can you mark the abdominal aorta?"],
         know=["It is the largest artery in the body, leaving the left ventricle and running down through the chest and abdomen.",
               "In many adults the abdominal aorta drifts slightly to the left of the midline in front of the spine, especially with age.",
               "A diameter of <<3>> cm or more is the usual threshold for calling an abdominal aneurysm.",
               "The inferior vena cava runs alongside it on the patient's right.",
               "Screening studies have found an aneurysm in roughly <<4>> to <<8>>% of older men.",
               "It divides into the common iliac arteries at about the level of the fourth lumbar vertebra."]),
    dict(target="portal vein and splenic vein", region="abdomen", orient="LP", ell=[(104, 116, 8, 8), (136, 120, 30, 5)],
         others={"aorta": (131, 142), "liver": (68, 110)},
         name="the portal and splenic veins", abbr="PV/SV", plural=True, noun="pieces",
         banned=["portal", "splen", "pv", "sv "],
         cues=["Which veins carry nutrient-rich blood from the gut toward the liver? Please segment them.",
               "Cirrhosis with varices and ascites. Which venous trunk, and its tributary running behind the pancreas, would you check for thrombus?",
               "Which vessels join behind the neck of the pancreas to feed the liver? Outline them."],
         naming=["Segment the portal vein and splenic vein.", "Is there portal vein thrombosis? Outline the portal and splenic veins.",
                 "Mark the splenoportal confluence for me."],
         know=["The portal vein brings roughly <<75>>% of the liver's blood supply; the hepatic artery supplies the rest.",
               "It forms behind the neck of the pancreas where the superior mesenteric vein joins the splenic vein.",
               "The splenic vein runs from the splenic hilum on the patient's left along the back of the pancreas.",
               "A main portal vein diameter above about <<13>> mm is often quoted as a sign of portal hypertension.",
               "In cirrhosis, collaterals such as oesophageal varices can open up."]),
    dict(target="esophagus", region="thorax", orient="LP", ell=[(130, 150, 7, 7)],
         others={"descending aorta": (152, 158), "left atrium": (135, 118), "vertebral body": (128, 180)},
         name="the esophagus", abbr="esoph", plural=False, noun="pieces",
         banned=["esophag", "oesophag", "gullet", "food pipe"],
         cues=["Which muscular tube carries swallowed food from the throat to the stomach? Please segment it on this chest slice.",
               "Progressive dysphagia to solids and weight loss. Which structure would you trace on this thoracic slice?",
               "Which hollow tube runs just behind the left atrium in the lower chest? Outline it."],
         naming=["Segment the esophagus.", "Outline the oesophagus on this chest CT please.", "Can you mark the gullet?"],
         know=["It carries food from the pharynx to the stomach and passes through the diaphragm at about the tenth thoracic level.",
               "In the lower chest it lies just behind the left atrium, which is why an enlarged atrium can indent it on a barium swallow.",
               "The descending aorta runs alongside it, to the patient's left and slightly behind.",
               "Barrett's metaplasia is estimated to be present in about <<1>> to <<2>>% of the general adult population.",
               "When distended, its wall is normally only a few millimetres thick."]),
    dict(target="vertebrae L1", region="abdomen", orient="LP", ell=[(128, 172, 20, 16)],
         others={"aorta": (133, 138), "left kidney": (176, 150), "right kidney": (80, 150)},
         name="the L1 vertebra", words_name="the first lumbar vertebra", abbr="L1", plural=False, noun="pieces",
         banned=["vertebra", "lumbar", "l1", "spine", "spinal"],
         cues=["Which bone sits immediately below the last rib-bearing level, where osteoporotic compression fractures are so common? Please segment it.",
               "An <<80>>-year-old woman with sudden back pain after lifting; which bony level just below the last rib-bearing one should I outline on this slice?",
               "Which bony level sits where the rib-bearing part of the back meets the part without ribs, roughly where the conus ends? Outline it."],
         naming=["Segment the L1 vertebral body.", "Outline vertebra L1 please.", "Is L1 fractured? Mark the first lumbar vertebra."],
         know=["The conus medullaris usually ends around the first or second lumbar level in adults.",
               "Most osteoporotic compression fractures cluster around the thoracolumbar junction.",
               "The crura of the diaphragm attach to the upper lumbar vertebral bodies, the right crus reaching lower than the left.",
               "Vertebral fractures are found in roughly <<20>>% of postmenopausal women, many never diagnosed.",
               "The kidneys lie on either side of the spine at about this level, the left usually a little higher than the right."]),
    dict(target="sacrum", region="pelvis", orient="LP", ell=[(128, 186, 32, 18)],
         others={"urinary bladder": (128, 105), "rectum": (128, 160)},
         name="the sacrum", abbr="sacrum", plural=False, noun="pieces",
         banned=["sacr", "s1"],
         cues=["Which triangular bone at the base of the spine is wedged between the two hip bones? Please segment it.",
               "Elderly woman, osteoporosis, buttock pain after a minor fall, normal hip films. Which bone should I look at for an insufficiency fracture here?",
               "Which bone forms the back wall of the pelvis and carries the weight of the spine onto the pelvis? Outline it."],
         naming=["Segment the sacrum.", "Outline the sacral body please.", "Is there a sacral fracture? Mark the sacrum."],
         know=["It is formed by <<5>> fused vertebrae and meets the iliac bones at the sacroiliac joints on both sides.",
               "The rectum curves along its front, concave surface.",
               "Insufficiency fractures here classically give an H-shaped pattern on bone scintigraphy.",
               "Roughly half of chordomas arise in the sacrococcygeal region.",
               "The sacroiliac joints lie on either side, one on the patient's right and one on the left."]),
    dict(target="colon", region="abdomen", orient="LP", ell=[(74, 140, 14, 14), (182, 140, 12, 12), (128, 96, 35, 10)],
         others={"aorta": (131, 140), "vertebral body": (128, 172)},
         name="the colon", abbr="colon", plural=False, noun="segments",
         banned=["colon", "colic", "large bowel", "large intestine", "colitis", "colorectal"],
         cues=["Which part of the gut absorbs water and forms stool? Please segment it on this slice.",
               "Left iliac fossa pain and fever in a <<65>>-year-old with known diverticular disease. Which hollow organ should I outline?",
               "Which bowel frames the abdomen, rising on one flank and descending on the other? Outline every bit of it you see here."],
         naming=["Segment the colon.", "Outline the large bowel loops please.", "Can you mark the colon on this slice?"],
         know=["It absorbs water and electrolytes and stores stool until defecation.",
               "The ascending colon runs up the patient's right flank and the descending colon down the left, while the transverse colon swings across the front.",
               "Diverticulosis is present in about half of people over <<60>>.",
               "A caecal diameter above about <<9>> cm raises concern for impending perforation.",
               "The sigmoid is the commonest site of diverticulitis in Western patients."]),
    dict(target="duodenum", region="abdomen", orient="LP", ell=[(98, 130, 9, 12)],
         others={"pancreas": (132, 122), "right kidney": (80, 152)},
         name="the duodenum", abbr="duod", plural=False, noun="pieces",
         banned=["duoden", "d2"],
         cues=["Which C-shaped first part of the small bowel wraps around the head of the pancreas? Please segment it.",
               "Epigastric pain relieved by food, then melaena. Which segment of bowel just past the pylorus is the usual ulcer site? Outline it.",
               "Where do bile and pancreatic juice first enter the gut? Show me that loop here."],
         naming=["Segment the duodenum.", "Outline the second part of the duodenum please.", "Mark the duodenal loop."],
         know=["It is the first part of the small bowel, about <<25>> cm long, curving around the head of the pancreas.",
               "Its second part receives bile and pancreatic juice at the major papilla.",
               "The third part crosses between the aorta and the superior mesenteric artery.",
               "Most peptic ulcers of this segment occur in the first part, the bulb.",
               "Incidental diverticula here are reported in roughly <<5>> to <<20>>% of people, depending on the method."]),
    dict(target="stomach", region="abdomen", orient="LP", ell=[(165, 100, 28, 22)],
         others={"spleen": (198, 135), "liver": (75, 118)},
         name="the stomach", abbr="stomach", plural=False, noun="pieces",
         banned=["stomach", "gastr", "tummy"],
         cues=["Which organ mixes food with acid and pepsin before passing it on? Please segment it.",
               "Peptic ulcer disease and H. pylori: which organ's lining is involved? Outline it on this slice.",
               "Which J-shaped organ sits under the left hemidiaphragm and empties through the pylorus? Outline it."],
         naming=["Segment the stomach.", "Outline the gastric wall please.", "Can you mark the stomach here?"],
         know=["It mixes food with acid and pepsin and empties into the duodenum through the pylorus.",
               "The spleen sits behind it and to the left, while the left lobe of the liver lies over its front.",
               "Helicobacter pylori colonises roughly half of the world's population.",
               "A well-distended wall is usually less than about <<5>> mm thick.",
               "The gastro-oesophageal junction lies to the left of the midline, just below the diaphragm."]),
    dict(target="left iliac artery", region="pelvis", orient="LP", ell=[(152, 132, 6, 6)],
         others={"right iliac artery": (104, 132), "sacrum": (128, 178)},
         name="the left iliac artery", abbr="L CIA", plural=False, noun="pieces",
         banned=["iliac", "cia"],
         cues=["After the aorta splits, which vessel carries blood toward the left leg? Please segment it.",
               "Left calf claudication after <<100>> metres in a smoker. Which pelvic artery on the affected side should I trace on this slice?",
               "Which branch of the aortic bifurcation supplies the left side of the pelvis and the left leg? Outline it."],
         naming=["Segment the left iliac artery.", "Outline the left common iliac please.", "Any left iliac stenosis? Mark the artery."],
         know=["The abdominal aorta divides into the right and left common iliac arteries at about the fourth lumbar level.",
               "Each common iliac artery splits into an internal branch for the pelvis and an external branch that becomes the femoral artery.",
               "The right common iliac artery crosses in front of the start of the inferior vena cava.",
               "Isolated iliac aneurysms are uncommon; most accompany an abdominal aortic aneurysm.",
               "Peripheral arterial disease affects roughly <<15>> to <<20>>% of people over <<70>>."]),
    dict(target="kidney cyst", region="abdomen", orient="LP", ell=[(74, 148, 7, 7), (88, 166, 5, 5)],
         others={"liver": (72, 105), "aorta": (131, 136)},
         name="the kidney cysts", abbr="renal cysts", plural=True, noun="cysts",
         banned=["kidney", "renal", "nephr", "cyst"],
         cues=["There are a few round water-density spots in one of the organs that filter the blood. Which lesions are these? Please segment them.",
               "Incidental Bosniak I-looking lesions on a staging scan. Can you outline them on this slice?",
               "Which fluid-filled lesions are found in more than a quarter of people over <<50>> in the bean-shaped retroperitoneal organs? Segment them here."],
         naming=["Segment the kidney cysts.", "Outline the renal cysts please.", "Mark the cysts in the kidney."],
         know=["Simple cysts of this kind are very common, found in more than a quarter of people over <<50>> on CT.",
               "The Bosniak classification grades them from a simple category to ones that are likely malignant.",
               "A simple cyst measures close to water, roughly <<0>> to <<20>> HU, and does not enhance.",
               "The left kidney usually sits a little higher than the right, because the liver pushes the right one down.",
               "Polycystic kidney disease would look different: innumerable cysts enlarging both kidneys."]),
    dict(target="kidney cyst", region="abdomen", orient="LI", ell=[(78, 120, 9, 9), (84, 152, 6, 6), (178, 135, 8, 8)],
         others={"liver": (75, 80), "spleen": (185, 88)},
         name="the kidney cysts", abbr="renal cysts", plural=True, noun="cysts",
         banned=["kidney", "renal", "nephr", "cyst"],
         cues=["On this coronal reformat there are some round fluid-density lesions in the bean-shaped organs. What are they? Please segment them.",
               "Which benign water-attenuation lesions, graded by Bosniak, do you see here? Outline all of them.",
               "A <<68>>-year-old with incidental round low-density lesions in both retroperitoneal filtering organs: segment them please."],
         naming=["Segment the kidney cysts on this coronal image.", "Outline the renal cysts.", "Mark every cyst in the kidneys."],
         know=["Simple cysts of this kind are found in more than a quarter of people over <<50>>.",
               "A simple cyst measures close to water and does not enhance after contrast.",
               "On a coronal reformat the head end is at the top, and the patient's left is on the viewer's right, just as on axial images.",
               "The left kidney usually sits slightly higher than the right, since the liver pushes the right one down.",
               "Polycystic disease would show innumerable cysts and enlarged kidneys."]),
    dict(target="liver tumour", region="abdomen", orient="LP", ell=[(70, 105, 10, 9), (92, 128, 7, 7), (58, 142, 6, 5)],
         others={"gallbladder": (100, 100), "inferior vena cava": (113, 112)},
         name="the liver lesions", abbr="liver lesions", plural=True, noun="lesions",
         banned=["liver", "hepat", "tumour", "tumor", "hcc", "metast"],
         cues=["Colorectal cancer, rising CEA. Which lesions do you see in the organ that makes bile? Please segment them.",
               "Cirrhotic patient on surveillance, new arterially enhancing spots in the biggest solid organ of the abdomen. Outline them please.",
               "Which focal masses are there in the right upper quadrant organ that detoxifies the blood? Segment every one."],
         naming=["Segment the liver tumours.", "Outline the hepatic metastases please.", "Mark every liver lesion."],
         know=["The liver is one of the commonest sites of blood-borne metastases.",
               "Hepatocellular carcinoma usually arises in a cirrhotic liver.",
               "Haemangiomas, the commonest benign liver tumour, are found in roughly <<5>>% of people.",
               "The right lobe is the larger, making up roughly <<60>>% of liver volume.",
               "Arterial enhancement with washout is the classic pattern of hepatocellular carcinoma."]),
    dict(target="liver tumour", region="abdomen", orient="LP", ell=[(76, 100, 22, 20), (104, 140, 6, 6)],
         others={"inferior vena cava": (113, 112), "right kidney": (80, 158)},
         name="the liver lesions", abbr="liver lesions", plural=True, noun="lesions",
         banned=["liver", "hepat", "tumour", "tumor", "hcc", "metast"],
         cues=["A big mass and a smaller satellite in the organ that produces bile: please segment them.",
               "Chronic HBV infection, AFP rising. Which focal lesions are in the organ under the right hemidiaphragm? Outline them."],
         naming=["Segment the liver tumour and its satellite.", "Outline the hepatic lesions please."],
         know=["Hepatocellular carcinoma usually arises in a cirrhotic liver, and chronic hepatitis B raises the risk even without cirrhosis.",
               "Satellite nodules near a dominant mass are a recognised feature of hepatocellular carcinoma.",
               "The right lobe is the larger, making up roughly <<60>>% of liver volume.",
               "Haemangiomas are found in roughly <<5>>% of people and are usually harmless."]),
    dict(target="lung nodules", region="thorax", orient="LP", ell=[(70, 110, 5, 5), (190, 122, 4, 4), (178, 150, 3, 3)],
         others={"heart": (138, 100), "vertebral body": (128, 182)},
         name="the lung nodules", abbr="pulm nodules", plural=True, noun="nodules",
         banned=["lung", "pulmon", "nodul", "pneum"],
         cues=["Screening chest CT in a <<62>>-year-old ex-smoker: which small round spots are in the air-filled organs? Please segment them.",
               "Fleischner guidelines question: what are these little round opacities in the breathing organs? Outline all of them.",
               "Which tiny round densities do you see in the parenchyma on both halves of the chest? Segment every one."],
         naming=["Segment the lung nodules.", "Outline every pulmonary nodule please.", "Mark the nodules in the lungs."],
         know=["The right lung has three lobes and the left two, the lingula being the left's counterpart of the middle lobe.",
               "Under the Fleischner guidelines, solid nodules under <<6>> mm in a low-risk patient need no routine follow-up.",
               "Solid nodules are found on roughly a quarter to a half of screening CTs in smokers.",
               "The heart sits slightly left of centre, so the left lung is a little smaller than the right.",
               "Most small nodules are benign, for example granulomas or intrapulmonary lymph nodes."]),
    dict(target="lung nodules", region="thorax", orient="LP", ell=[(182, 110, 5, 5), (196, 140, 4, 4)],
         others={"heart": (138, 100), "descending aorta": (152, 158)},
         name="the lung nodules", abbr="pulm nodules", plural=True, noun="nodules",
         banned=["lung", "pulmon", "nodul", "pneum"],
         cues=["What are the two little round spots in the air-filled organ on this chest slice? Please segment them.",
               "Incidental finding on a CT for trauma: small round opacities in the parenchyma. Outline them please."],
         naming=["Segment the lung nodules.", "Outline the pulmonary nodules in the left lung."],
         know=["The right lung has three lobes and the left two.",
               "Under the Fleischner guidelines, solid nodules under <<6>> mm in a low-risk patient need no routine follow-up.",
               "The heart sits slightly left of centre, so the left lung is a little smaller than the right.",
               "Most small nodules are benign, for example granulomas or intrapulmonary lymph nodes."]),
]

REGION_ABBR = {"inferior vena cava": "IVC", "aorta": "Ao", "descending aorta": "desc Ao", "left atrium": "LA",
               "vertebral body": "vert body", "right kidney": "Rt kidney", "left kidney": "Lt kidney",
               "right iliac artery": "R CIA", "urinary bladder": "UB", "gallbladder": "GB"}

GENERIC_KNOW = {
    "LP": ["Axial CT is displayed as if you were looking up from the patient's feet, so the patient's left is on the right of the screen.",
           "On an axial slice the top of the image is the front of the patient and the bottom is the back.",
           "If the patient had been scanned prone, the viewer would still label sides by the patient, not by the table.",
           "A common beginner's mistake is to read the screen's left as the patient's left; it is the other way round."],
    "LI": ["On a coronal reformat the patient's head is at the top of the image and the feet at the bottom.",
           "As on axial images, the patient's left is shown on the viewer's right on a coronal image.",
           "A common beginner's mistake is to read the screen's left as the patient's left; it is the other way round."],
}


def record_for(p):
    return {"modality": "CT", "body_region": p["region"], "orientation": p["orient"]}


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    dx, dy = rng.uniform(-2, 2), rng.uniform(-2, 2)
    sc = rng.uniform(0.93, 1.07)
    yy, xx = np.mgrid[0:H, 0:W]
    mask = np.zeros((H, W), bool)
    for cx, cy, rx, ry in p["ell"]:
        mask |= ((xx - cx - dx) / (rx * sc)) ** 2 + ((yy - cy - dy) / (ry * sc)) ** 2 <= 1.0
    others = {k: (round(v[0] / (W - 1), 4), round(v[1] / (H - 1), 4)) for k, v in p["others"].items()}
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    multi = [p for p in profiles if len(p["ell"]) > 1 and p["target"] != "pancreas" and p["target"] != "portal vein and splenic vein"]
    if defect == "count" and rng.random() < 0.5:
        return rng.choice(multi)
    return rng.choice(profiles)


# ----------------------------------------------------------------------------------------------------
# sentence machinery

OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
           "superior_to": "inferior_to", "inferior_to": "superior_to"}
KIND_OF = {"side": "laterality", "side_not": "laterality", "vert": "position", "rel": "position",
           "size": "size", "pct": "size", "count": "count"}


def C(kind, value, planted=False, status="assert"):
    return {"kind": kind, "value": value, "planted": planted, "status": status}


def verbs(plural):
    if plural:
        return dict(be="are", lies="lie", sits="sit", appears="appear", covers="cover", takes="take", has="have",
                    forms="form", straddles="straddle", occupies="occupy", looks="look", measures="measure")
    return dict(be="is", lies="lies", sits="sits", appears="appears", covers="covers", takes="takes", has="has",
                forms="forms", straddles="straddles", occupies="occupies", looks="looks", measures="measures")


def cap(s):
    return s[:1].upper() + s[1:]


class Ctx:
    def __init__(self, p, facts, reg, rng):
        self.p, self.f, self.reg, self.rng = p, facts, reg, rng
        self.orient = p["orient"]
        self.plural = p["plural"]
        self.name = p.get("words_name", p["name"]) if reg == "numbers_as_words" else p["name"]
        self.noun = p["noun"]

    def subj(self, pron=True):
        """(subject text, plural) for a sentence about the target."""
        r, reg = self.rng, self.reg
        opts = [(self.name, self.plural), (self.name, self.plural)]
        if pron:
            opts += [("they" if self.plural else "it", self.plural)] * 2
        if reg == "resident_short":
            opts += [(self.p["abbr"], self.plural)] * 3
        else:
            opts += [("the mask", False), ("the segmented region", False), ("the segmentation", False)]
        if reg == "numbers_as_words":
            opts = [o for o in opts if o[0] not in ("it", "they")] + [("the structure", False)]
        return r.choice(opts)

    def fill(self, tpl, **kw):
        s, pl = self.subj(kw.pop("pron", True))
        d = dict(verbs(pl))
        d.update(S=cap(s), s=s, name=self.name, Name=cap(self.name), noun=self.noun)
        d.update(kw)
        return tpl.format(**d)

    def other(self, o):
        if self.reg == "resident_short":
            return REGION_ABBR.get(o, o)
        return o

    def img_side(self, patient_side):
        return OPP[patient_side]


# --- side ---------------------------------------------------------------------------------------------

def side_sentence(c: Ctx, v: str, planted=False, rich=True):
    """One sentence stating side v (true unless planted). rich allows extra true negation/convention parts."""
    r, reg = c.rng, c.reg
    cl = [C("side", v, planted)]
    if reg == "resident_short":
        if v in ("left", "right"):
            ab = "Lt" if v == "left" else "Rt"
            opts = [f"{ab}-sided.", f"Lat: {ab}.", f"Sits {ab} of midline.", f"{ab} side (pt's {v})."]
            if rich:
                opts.append(f"{ab} side, i.e. image {c.img_side(v)} (radiological conv).")
            return r.choice(opts), cl
        if v == "midline":
            return r.choice(["Midline.", "Lat: midline.", "Central/midline, no clear side."]), cl
        return r.choice(["Bilat.", "Bilateral, both sides involved.", "Lat: bilat."]), cl
    if v in ("left", "right"):
        img = c.img_side(v)
        opts = [c.fill("{S} {lies} on the patient's " + v + "."),
                c.fill("{S} {be} " + v + "-sided."),
                c.fill("{S} {sits} to the " + v + " of the midline."),
                c.fill("In patient terms, {s} {be} on the " + v + " side.")]
        if c.orient == "LP":
            opts.append(c.fill("On the screen {s} {appears} on the " + img + " half of the image, which in the radiological convention (viewing from the feet) is the patient's " + v + "."))
        else:
            opts.append(c.fill("On this coronal image {s} {appears} on the viewer's " + img + ", that is, the patient's " + v + "."))
        if rich and not planted:
            opts.append(c.fill("{S} {be} on the patient's " + v + ", not the " + OPP[v] + "."))
            cl2 = cl + [C("side_not", OPP[v])]
            k = r.randrange(len(opts))
            return opts[k], (cl2 if k == len(opts) - 1 else cl)
        return r.choice(opts), cl
    if v == "midline":
        opts = [c.fill("{S} {lies} in the midline."),
                c.fill("{S} {be} essentially midline."),
                c.fill("{S} {straddles} the midline rather than sitting off to one side."),
                c.fill("Side-wise, {s} {be} central: a midline structure.")]
        if rich and not planted:
            opts.append(c.fill("{S} {be} neither left- nor right-sided; it is midline."))
        return r.choice(opts), cl
    # bilateral
    n = c.noun
    opts = [c.fill("{S} {be} bilateral, with parts on both the patient's right and left."),
            "There are " + n + " on both sides of the body, so this is a bilateral finding.",
            "Both halves of the image contain part of the mask, which means both the patient's right and left are involved: bilateral.",
            c.fill("{S} {be} bilateral.")]
    if rich and not planted:
        opts.append("The finding is not confined to one side: it is bilateral.")
    return r.choice(opts), cl


def side_false(c: Ctx):
    v = c.f["laterality"]
    if v in ("left", "right"):
        return c.rng.choice([OPP[v]] * 4 + ["midline"])
    if v == "midline":
        return c.rng.choice(["left", "right"])
    return c.rng.choice(["left", "right"])  # bilateral said to be one-sided


# --- vertical -------------------------------------------------------------------------------------------

VPH = {
    "anterior": ["toward the front of the body", "anteriorly", "in the anterior part of the slice", "ventrally"],
    "posterior": ["toward the back of the body", "posteriorly", "in the posterior part of the slice", "dorsally"],
    "central": ["roughly central from front to back", "about mid-way between front and back", "in the middle of the slice front to back"],
    "superior": ["superiorly, toward the head end", "in the upper part of the coronal image", "cranially"],
    "inferior": ["inferiorly, toward the feet", "in the lower part of the coronal image", "caudally"],
}
VPH_CENTRAL_LI = ["about central in the head-to-foot direction", "mid-way between the top and bottom of the image"]


def vert_sentence(c: Ctx, v: str, planted=False, rich=True):
    r, reg = c.rng, c.reg
    cl = [C("vert", v, planted)]
    if reg == "resident_short":
        ab = {"anterior": "Ant", "posterior": "Post", "superior": "Sup", "inferior": "Inf", "central": "Central"}[v]
        return r.choice([f"{ab}.", f"AP: {ab.lower()}." if c.orient == "LP" else f"CC: {ab.lower()}.",
                         f"{ab} position."]), cl
    ph = r.choice(VPH_CENTRAL_LI if (v == "central" and c.orient == "LI") else VPH[v])
    opts = [c.fill("{S} {sits} " + ph + "."), c.fill("{S} {be} placed " + ph + "."),
            c.fill("Along the " + ("front-to-back" if c.orient == "LP" else "head-to-foot") + " axis, {s} {be} " + ph + ".")]
    if rich and not planted:
        if v in ("anterior", "posterior") and c.orient == "LP":
            top = "top" if v == "anterior" else "bottom"
            opts.append(c.fill("{S} {be} near the " + top + " of the slice, and since the top of an axial image is the front of the patient, that means " + v + "."))
        if v == "central":
            pair = "anterior nor posterior" if c.orient == "LP" else "superior nor inferior"
            opts.append(c.fill("{S} {be} neither notably " + pair + "; " + ph + "."))
    return r.choice(opts), cl


def vert_false(c: Ctx):
    v = c.f["vertical"]
    if v in OPP:
        return OPP[v]
    return c.rng.choice(["anterior", "posterior"] if c.orient == "LP" else ["superior", "inferior"])


# --- relations ------------------------------------------------------------------------------------------

def rel_phrase(c: Ctx, rel, o):
    r, on = c.rng, c.other(o)
    if c.reg == "resident_short":
        return {"anterior_to": f"ant to {on}", "posterior_to": f"post to {on}", "left_of": f"Lt of {on}",
                "right_of": f"Rt of {on}", "superior_to": f"above {on}", "inferior_to": f"below {on}"}[rel]
    return r.choice({"anterior_to": [f"in front of the {on}", f"anterior to the {on}", f"ventral to the {on}"],
                     "posterior_to": [f"behind the {on}", f"posterior to the {on}", f"dorsal to the {on}"],
                     "left_of": [f"to the patient's left of the {on}", f"on the left of the {on} (patient's left)"],
                     "right_of": [f"to the patient's right of the {on}", f"on the right of the {on} (patient's right)"],
                     "superior_to": [f"above the {on}", f"superior to the {on}", f"cranial to the {on}"],
                     "inferior_to": [f"below the {on}", f"inferior to the {on}", f"caudal to the {on}"]}[rel])


def rel_sentence(c: Ctx, rels, planted=False):
    """rels: list of (relation, other) (1 or 2); all true unless planted (then exactly one, false)."""
    r = c.rng
    cl = [C("rel", [o, rel], planted) for rel, o in rels]
    phr = [rel_phrase(c, rel, o) for rel, o in rels]
    joined = " and ".join(phr)
    if c.reg == "resident_short":
        return cap(joined) + ".", cl
    opts = [c.fill("{S} {lies} " + joined + "."),
            c.fill("Relative to its neighbours, {s} {be} " + joined + "."),
            c.fill("On this slice {s} {sits} " + joined + ".")]
    return r.choice(opts), cl


def rel_false(c: Ctx):
    rel = c.rng.choice(c.f["relations"])
    return (REL_OPP[rel["relation"]], rel["other"])


# --- size -----------------------------------------------------------------------------------------------

SIZE_WORDS = {"small": ["small", "quite small", "on the small side"], "medium": ["medium-sized", "moderate in size", "intermediate in size"],
              "large": ["large", "sizeable", "big"]}


def size_sentence(c: Ctx, cls=None, pct=None, planted_kind=None):
    """A sentence with a size class and/or a percent of the image; planted_kind 'size' or 'pct' marks the false one."""
    r, reg = c.rng, c.reg
    cl = []
    if cls:
        cl.append(C("size", cls, planted_kind == "size"))
    if pct is not None:
        cl.append(C("pct", pct, planted_kind == "pct"))
    pt = pct_text(pct, reg, r) if pct is not None else None
    if reg == "resident_short":
        w = {"small": "Sm", "medium": "Mod size", "large": "Lg"}[cls] if cls else None
        if cls and pt:
            return f"{w}, {pt} of slice.", cl
        if cls:
            return r.choice([f"{w}.", f"Size: {cls}."]), cl
        return r.choice([f"{pt} of image.", f"Area {pt} of slice."]), cl
    wd = r.choice(SIZE_WORDS[cls]) if cls else None
    if cls and pt:
        opts = [c.fill("{S} {be} " + wd + ", covering about " + pt + " of the image."),
                c.fill("In terms of size, {s} {be} " + wd + " (roughly " + pt + " of the slice area).")]
    elif cls:
        opts = [c.fill("{S} {be} " + wd + " on this slice."), c.fill("Size-wise, {s} {be} " + wd + "."),
                c.fill("By area, {s} {be} " + wd + ".")]
    else:
        opts = [c.fill("{S} {covers} about " + pt + " of the image."),
                c.fill("{S} {takes} up roughly " + pt + " of the slice area."),
                c.fill("By pixel count, {s} {occupies} approximately " + pt + " of the image.")]
    return r.choice(opts), cl


def true_pct(c: Ctx):
    return 100.0 * c.f["area_fraction"]


def size_false(c: Ctx):
    """('size', wrong class) or ('pct', clearly wrong percent)."""
    r = c.rng
    if r.random() < 0.55:
        cls = c.f["size_class"]
        wrong = {"small": ["large", "medium"], "medium": ["large", "small"], "large": ["small", "small", "medium"]}[cls]
        return "size", r.choice(wrong)
    p = true_pct(c)
    return "pct", (p * r.uniform(3.0, 5.0) if (r.random() < 0.6 or p < 0.3) else p / r.uniform(3.0, 5.0))


# --- count ----------------------------------------------------------------------------------------------

def count_sentence(c: Ctx, n: int, planted=False):
    r, reg = c.rng, c.reg
    cl = [C("count", n, planted)]
    noun = c.noun if n > 1 else c.noun.rstrip("s")
    if reg == "resident_short":
        if n == 1:
            return r.choice(["Single contiguous region.", "1 component.", "Single piece, no fragments."]), cl
        return r.choice([f"x{n} {noun}.", f"{n} separate {noun}.", f"{n} discrete {noun}."]), cl
    nt = num_text(n, reg, r)
    if n == 1:
        opts = [c.fill("{S} {forms} a single connected region.", pron=True),
                "The mask is one continuous piece, with no separate fragments.",
                "There is " + ("exactly one" if reg != "resident_short" else "1") + " connected component in the mask."]
        if planted:
            opts = ["The mask is one continuous piece.", "There is a single connected component in the mask."]
    else:
        opts = ["The mask has " + nt + " separate " + noun + ".",
                "I count " + nt + " distinct " + noun + " on this slice.",
                "There are " + nt + " discrete " + noun + ", not one continuous region."]
        if planted:
            opts = opts[:2]
    return r.choice(opts), cl


def count_false(c: Ctx):
    n = c.f["components"]
    if n == 1:
        return c.rng.choice([2, 2, 3])
    return c.rng.choice([m for m in (1, n - 1, n + 1, n + 2) if m >= 1 and m != n])


# ----------------------------------------------------------------------------------------------------
# topics

TOPIC_LABEL = {"side": ["Side", "Laterality"], "vert": ["Position", "Depth", "Antero-posterior position"],
               "rel": ["Neighbours", "Relations"], "size": ["Size", "Extent"], "count": ["Pieces", "Number of regions"]}


def topic_claim(c: Ctx, topic, planted=None):
    """A sentence for topic; planted = the false value (tuple for size) or None (true)."""
    f, r = c.f, c.rng
    if topic == "side":
        return side_sentence(c, planted if planted else f["laterality"], planted=bool(planted))
    if topic == "vert":
        return vert_sentence(c, planted if planted else f["vertical"], planted=bool(planted))
    if topic == "rel":
        if planted:
            return rel_sentence(c, [planted], planted=True)
        rels = [(x["relation"], x["other"]) for x in f["relations"]]
        r.shuffle(rels)
        return rel_sentence(c, rels[:r.choice([1, 2])])
    if topic == "size":
        if planted:
            k, val = planted
            return size_sentence(c, cls=val if k == "size" else None, pct=val if k == "pct" else None, planted_kind=k)
        mode = r.choice(["cls", "pct", "both"])
        return size_sentence(c, cls=f["size_class"] if mode != "pct" else None, pct=true_pct(c) if mode != "cls" else None)
    if topic == "count":
        return count_sentence(c, planted if planted else f["components"], planted=planted is not None)
    raise ValueError(topic)


def wrong_value(c: Ctx, topic):
    if topic == "side":
        return side_false(c)
    if topic == "vert":
        return vert_false(c)
    if topic == "rel":
        return rel_false(c)
    if topic == "size":
        return size_false(c)
    return count_false(c)


# --- user turns -----------------------------------------------------------------------------------------

ASK = {
    "side": ["Which side is it on?", "Is that the patient's left or right?", "Which side of the patient, exactly?",
             "Left, right or midline?"],
    "vert": ["Is it toward the front or the back?", "Where does it sit front to back?", "Anterior or posterior?"],
    "vert_LI": ["Is it high or low on this coronal image?", "Where does it sit head to foot?"],
    "rel": ["What is it next to?", "How does it relate to the structures around it?", "Which neighbours are useful landmarks here?"],
    "size": ["How big is it on this slice?", "What fraction of the image does it take up?", "Is it large or small?"],
    "count": ["Is it one piece or several?", "How many separate regions are there?", "Does the mask have more than one part?"],
    "summary": ["Can you summarise the findings for my notes?", "Give me a quick recap, please.", "Could you sum that up in a few lines?"],
}
ASK_RES = {"side": ["lat?", "side?"], "vert": ["AP position?", "ant or post?"], "vert_LI": ["sup or inf?"],
           "rel": ["landmarks?", "relations?"], "size": ["size?", "how big?"], "count": ["how many parts?", "single or multiple?"],
           "summary": ["quick summary?", "recap for the note?"]}
ASK_WORDS = {"side": ["On which side of the patient is it located?"], "vert": ["Where is it situated from front to back?"],
             "vert_LI": ["Where is it situated between head and foot?"], "rel": ["How does it relate to the neighbouring structures?"],
             "size": ["How large is it in relation to the image?"], "count": ["Of how many separate parts does it consist?"],
             "summary": ["Would you kindly summarise the findings?"]}


def ask_text(c: Ctx, topic):
    key = "vert_LI" if (topic == "vert" and c.orient == "LI") else topic
    table = {"resident_short": ASK_RES, "numbers_as_words": ASK_WORDS}.get(c.reg, ASK)
    q = c.rng.choice(table[key])
    if c.reg == "socratic_tutor":
        pre = c.rng.choice(["", "OK, ", "Hmm, ", "Got it. "])
        q = pre + (q[:1].lower() + q[1:] if pre.endswith(", ") else q)
    return q


def side_phrase_user(c, v):
    if v in ("left", "right"):
        return c.rng.choice([f"on the patient's {v}", f"{v}-sided", f"on the {v} side"])
    if v == "midline":
        return "in the midline"
    return "on both sides"


def premise_turn(c: Ctx, topic, val):
    """A user turn carrying a (false) claim as a premise, and the assistant's reply that goes along without restating it."""
    r, reg = c.rng, c.reg
    if topic == "side":
        u = r.choice([f"Since it's {side_phrase_user(c, val)}, is there anything {'nearby' if val == 'midline' else 'on that side'} I should check alongside it?",
                      f"Given that it's {side_phrase_user(c, val)}, should I put it under that side in my report template?"])
        a = r.choice(["Yes, that is a sensible way to organise it. Check the adjacent structures on the same slice and a few slices above and below, and compare with any prior study.",
                      "Good habit. Look at the neighbouring organs and the nearby fat planes on that side, and scroll through the adjacent slices before you finalise."])
        cl = [C("side", val, True)]
    elif topic == "vert":
        ph = r.choice(VPH[val]) if val != "central" else "centrally"
        u = r.choice([f"Given that it lies {ph}, would a percutaneous approach from that direction be easier?",
                      f"Since it sits {ph}, is it more likely to be cut off at the edge of a limited field of view?"])
        a = r.choice(["Access planning depends on more than one slice: the interventional team will look at the whole volume, the intervening bowel and vessels, and the angle of approach.",
                      "It can happen, but a standard field of view covers the whole body cross-section; truncation is more of a problem in large patients or with arms down."])
        cl = [C("vert", val, True)]
    elif topic == "rel":
        rel, o = val
        u = f"Since it's {rel_phrase(c, rel, o)}, could the {c.other(o)} be compressing it?"
        a = r.choice(["On this slice there's no sign of mass effect: the fat plane is preserved and the contour is smooth.",
                      "Not that I can see. Compression would usually show as flattening or displacement, and there is none here."])
        cl = [C("rel", [o, rel], True)]
    elif topic == "size":
        k, v = val
        if k == "size":
            u = f"Given how {r.choice(SIZE_WORDS[v])} it is on this slice, is that within normal limits?"
        else:
            u = f"Given that it takes up about {pct_text(v, reg, r)} of the image, is that within normal limits?"
        a = r.choice(["A single slice is only a rough guide; for a proper judgement you would measure it in standard planes or compute a volume across all slices and compare with reference values.",
                      "Hard to say from one slice alone. Reference ranges are usually given as diameters or volumes, so measure it across the series before calling it abnormal."])
        cl = [C(k, v, True)]
    else:
        nt = num_text(val, reg, r)
        noun = c.noun if val > 1 else c.noun.rstrip("s")
        u = (f"Since there are {nt} separate {noun}, should I measure each one on its own?" if val > 1
             else "Since it's just one single piece, can I give a single measurement?")
        a = r.choice(["Yes, for follow-up it's best practice to record each measurable part separately, with its largest diameter and the slice number.",
                      "That's reasonable. Record the longest diameter and the series and slice, so the next reader can compare like with like."])
        cl = [C("count", val, True)]
    if reg == "numbers_as_words":
        a = re.sub(r"\d+", lambda m: words_int(int(m.group(0))), a)
    return u, cl, a


def misconception_turn(c: Ctx, topic):
    """A user's false idea and the assistant's explicit correction: (user text, user claims, reply, reply claims)."""
    f, r, reg = c.f, c.rng, c.reg
    if topic == "side":
        v = f["laterality"]
        if v in ("left", "right"):
            img = c.img_side(v)
            u = r.choice([f"Wait, it's on the {img} of my screen, so it's on the patient's {img}, right?",
                          f"So that's {img}-sided then? It's on the {img} of the image."])
            a0 = r.choice(["Not quite. ", "No, careful: ", "That's the classic trap. "])
            why = "we view an axial slice from the feet" if c.orient == "LP" else "a coronal image is displayed as if facing the patient"
            a = a0 + f"The {img} of the screen is the patient's {v}, because {why}. So it is on the patient's {v}."
            return u, [C("side", img, status="corrected")], a, [C("side", v)]
        if v == "midline":
            w = r.choice(["left", "right"])
            u = f"Isn't it a bit off to the {w}? I'd call it {w}-sided."
            a = f"No, I wouldn't. Its centre lies within the midline band and it is spread across both halves, so it is a midline structure, not {w}-sided."
            return u, [C("side", w, status="corrected")], a, [C("side", "midline"), C("side_not", w)]
        w = r.choice(["left", "right"])
        u = f"So this is only on the {w} side?"
        a = f"No. There are {c.noun} on both sides of the body, so it is bilateral rather than {w}-sided only."
        return u, [C("side", w, status="corrected")], a, [C("side", "bilateral")]
    if topic == "vert":
        v = f["vertical"]
        w = vert_false(c)
        uw = {"anterior": ["toward the front", "anterior", "in the front half"], "posterior": ["toward the back", "posterior", "in the back half"],
              "superior": ["high up, toward the head", "superior"], "inferior": ["low down, toward the feet", "inferior"]}[w]
        u = r.choice([f"It's {r.choice(uw)}, right?", f"I assumed it was {r.choice(uw)}."])
        a = "Actually no. " + vert_sentence(c, v, rich=False)[0]
        if c.orient == "LP":
            a += " Remember that the top of an axial image is the front of the patient."
        return u, [C("vert", w, status="corrected")], a, [C("vert", v)]
    if topic == "rel":
        x = r.choice(f["relations"])
        wrong = REL_OPP[x["relation"]]
        u = f"So it's {rel_phrase(c, wrong, x['other'])}?"
        a = f"The other way round: it lies {rel_phrase(c, x['relation'], x['other'])}."
        return u, [C("rel", [x["other"], wrong], status="corrected")], a, [C("rel", [x["other"], x["relation"]])]
    if topic == "size":
        cls = f["size_class"]
        w = {"small": "large", "medium": "tiny" if r.random() < 0.5 else "huge", "large": "small"}[cls]
        wv = {"tiny": "small", "huge": "large"}.get(w, w)
        u = f"It looks {w} to me. Is that right?"
        a = f"Not really: it is {r.choice(SIZE_WORDS[cls])}, about {pct_text(true_pct(c), reg, r)} of the image. Window and zoom can make things look bigger or smaller than they are."
        return u, [C("size", wv, status="corrected")], a, [C("size", cls), C("pct", true_pct(c))]
    n = f["components"]
    if n == 1:
        u = "I thought I saw two separate bits there. Is it in two pieces?"
        a = "No, it is a single connected region; on this slice there is no gap between parts of the mask."
        return u, [C("count", 2, status="corrected")], a, [C("count", 1)]
    noun1 = c.noun.rstrip("s")
    u = f"So there's just one {noun1}?"
    a = f"No, there are {num_text(n, reg, r)} separate {c.noun} on this slice."
    return u, [C("count", 1, status="corrected")], a, [C("count", n)]


# ----------------------------------------------------------------------------------------------------
# build

def know(c: Ctx, k=1):
    pool = list(c.p["know"])
    items = c.rng.sample(pool, min(k, len(pool)))
    return [render(s, c.reg) for s in items]


def gknow(c: Ctx):
    return render(c.rng.choice(GENERIC_KNOW[c.orient]), c.reg)


def first_question(c: Ctx, naming: bool):
    r, reg = c.rng, c.reg
    q = r.choice(c.p["naming"] if naming else c.p["cues"])
    q = render(q, reg)
    if reg == "numbers_as_words":
        q = q.replace("H. pylori", "Helicobacter")
        q = r.choice(["", "Good afternoon. ", "I would be grateful for your assistance. "]) + q
        if "segment" not in q.lower() and "outline" not in q.lower():
            q += " Kindly segment " + ("them." if c.plural else "it.")
    elif reg == "resident_short":
        q = r.choice(["", "Quick one: ", "On call, ", "Pls: "]) + q
        if "segment" not in q.lower() and "outline" not in q.lower():
            q += " Seg pls."
    elif reg == "socratic_tutor":
        q = r.choice(["", "I'm a medical student. ", "Teach me: "]) + q
        if "segment" not in q.lower() and "outline" not in q.lower():
            q += " Can you segment it and explain?"
    else:
        q = r.choice(["", "Hi! ", "I'm reviewing a public CT dataset. "]) + q
        if "segment" not in q.lower() and "outline" not in q.lower():
            q += " Please segment it."
    return q


def intro(c: Ctx):
    r, reg, nm = c.rng, c.reg, c.name
    if reg == "gpt_explainer" and c.plural:
        return r.choice([f"Great question! The structures you're describing are **{nm}** [SEG].",
                         f"Sure. That description fits **{nm}**, and here they are segmented: [SEG].",
                         f"You're describing {nm}. Here's the segmentation: [SEG]."])
    if reg == "socratic_tutor" and c.plural:
        return r.choice([f"Let's reason it out. What does the clue point to? Think about function first... It points to {nm}. Here they are: [SEG].",
                         f"Before I answer, what would you guess from that story? Take a second. They're {nm} [SEG].",
                         f"What fits that description? If you said {nm}, you're right [SEG]."])
    if reg == "gpt_explainer":
        return r.choice([f"Great question! The structure you're describing is **{nm}** [SEG].",
                         f"Sure. That description fits **{nm}**, and here it is segmented: [SEG].",
                         f"You're describing {nm}. Here's the segmentation: [SEG]."])
    if reg == "resident_short":
        return r.choice([f"{c.p['abbr']} [SEG].", f"That's {nm} [SEG].", f"= {nm}. Seg: [SEG]."])
    if reg == "socratic_tutor":
        return r.choice([f"Let's reason it out. What does the clue point to? Think about function first... It points to {nm}. Here it is: [SEG].",
                         f"Before I answer, which organ or structure would you guess from that story? Take a second. It's {nm} [SEG].",
                         f"What fits that description? If you said {nm}, you're right [SEG]."])
    if c.plural:
        return r.choice([f"The structures described are {nm} [SEG].", f"The structures in question are {nm}, segmented here: [SEG]."])
    return r.choice([f"The structure described is {nm} [SEG].", f"The structure in question is {nm}, segmented here: [SEG]."])


TUTOR_Q = {"side": ["Which side of the patient is it on?", "Now, left or right?"],
           "vert": ["Is it toward the front or the back?", "How deep is it?"],
           "rel": ["What lies next to it?", "Which neighbours help you find it?"],
           "size": ["How big would you say it is?", "What share of the image does it take?"],
           "count": ["Is it one piece or several?", "How many separate parts do you count?"]}


def assemble_first(c: Ctx, items):
    """items: list of (topic, text) for the first answer; returns full text."""
    r, reg = c.rng, c.reg
    head = intro(c)
    if reg == "gpt_explainer":
        h1 = r.choice(["### Where it is on this slice", "### What the mask shows", "### Key findings"])
        bullets = "\n".join(f"- **{r.choice(TOPIC_LABEL[t])}:** {s}" for t, s in items)
        kn = know(c, r.choice([1, 2]))
        h2 = r.choice(["### Why this fits", "### Background", "### A bit of anatomy"])
        kb = "\n".join(f"- {s}" for s in kn + ([gknow(c)] if r.random() < 0.5 else []))
        tail = r.choice(["", "\n\nLet me know if you'd like the neighbouring structures as well.",
                         "\n\nWant me to walk through the adjacent slices too?",
                         "\n\n### Practical tips\n- Scroll a few slices above and below before you commit: a single slice can mislead.\n- Check the window: a soft-tissue window and a lung or bone window answer different questions.",
                         "\n\n### Caveats\n- This is one axial slice, so sizes here are areas on the slice, not volumes.\n- The mask follows the visible boundary; partial-volume blurring at the edges is expected." if c.orient == "LP" else ""])
        return f"{head}\n\n{h1}\n{bullets}\n\n{h2}\n{kb}{tail}"
    if reg == "resident_short":
        body = " ".join(s for _, s in items)
        k = know(c, 1)[0] if r.random() < 0.7 else gknow(c)
        return f"{head} {body} FYI: {k}"
    if reg == "socratic_tutor":
        parts = [head]
        for t, s in items:
            parts.append(r.choice(TUTOR_Q[t]) + " " + s)
        parts.append(r.choice(["Why does that matter? ", "Here's a clue for next time: ", "And a fact worth remembering: "]) + know(c, 1)[0])
        if r.random() < 0.4:
            parts.append(gknow(c))
        return " ".join(parts)
    body = " ".join(s for _, s in items)
    return f"{head} {body} By way of background: {know(c, 1)[0]}"


def answer_wrap(c: Ctx, text, topic):
    """Wrap a follow-up answer sentence in register style, with a true knowledge or convention line."""
    r, reg = c.rng, c.reg
    extra = r.choice([know(c, 1)[0], gknow(c), ""])
    if reg == "gpt_explainer":
        lead = r.choice(["Good question.", "Sure!", "Here's the breakdown:"])
        return f"{lead}\n\n- {text}" + (f"\n- {extra}" if extra else "")
    if reg == "resident_short":
        return text + (f" ({extra})" if extra and r.random() < 0.5 else "")
    if reg == "socratic_tutor" and topic is None:
        return r.choice(["What do you think the next step would be? ", "Good instinct to ask. "]) + text + (f" {extra}" if extra else "")
    if reg == "socratic_tutor":
        q = r.choice(TUTOR_Q.get(topic, ["What do you think?"]))
        return f"What would you say? {q} Have a look first. ... {text}" + (f" {extra}" if extra else "")
    return text + (f" In addition: {extra}" if extra else "")


def summary_answer(c: Ctx, topics, items_made):
    r, reg = c.rng, c.reg
    sents, claims = [], []
    for t in topics:
        s, cl = topic_claim(c, t)
        sents.append(s)
        claims += cl
    if reg == "gpt_explainer":
        return "**Summary**\n" + "\n".join(f"- {s}" for s in sents), claims
    if reg == "resident_short":
        return "Summary: " + " ".join(sents), claims
    if reg == "socratic_tutor":
        return "Let's see if you can say it back to me first. Ready? " + " ".join(sents), claims
    return "In summary: " + " ".join(sents), claims


def build(p, facts, style, rng, defect):
    c = Ctx(p, facts, style, rng)
    r = rng
    topics = ["side", "vert", "size", "count"] + (["rel"] if facts["relations"] else [])
    dtopic = None
    place = None
    if defect in ("laterality", "position", "size", "count"):
        dtopic = {"laterality": "side", "size": "size", "count": "count"}.get(defect)
        if defect == "position":
            dtopic = "rel" if (facts["relations"] and r.random() < 0.5) else "vert"
        u = r.random()
        place = "user" if u < 0.2 else "followup" if u < 0.4 else "first"
    # topics excluded from true statements anywhere: the defect topic; for position both vert and rel
    # stay allowed except the defect's own topic
    free = [t for t in topics if t != dtopic]
    r.shuffle(free)
    n_first = r.choice([2, 2, 3, 3, 4])
    first_topics = free[:n_first]
    if "side" in free and "side" not in first_topics and r.random() < 0.7:
        first_topics = ["side"] + first_topics[:-1]
    rest = [t for t in free if t not in first_topics]
    planted_val = wrong_value(c, dtopic) if dtopic else None
    if place == "first":
        first_topics.insert(r.randrange(len(first_topics) + 1), dtopic)

    turns, ledger = [], []

    def add(role, text, claims):
        idx = len(turns)
        turns.append({"role": role, "content": text})
        for cl in claims:
            cl["turn"] = idx
            ledger.append(cl)

    add("user", first_question(c, defect == "names_target"), [])
    items, claims = [], []
    for t in first_topics:
        s, cl = topic_claim(c, t, planted_val if (t == dtopic and place == "first") else None)
        items.append((t, s))
        claims += cl
    add("assistant", assemble_first(c, items), claims)

    # later rounds
    n_rounds = r.choice([2, 3]) if place not in ("user", "followup") else r.choice([2, 3])
    plan = []
    if place in ("user", "followup"):
        plan.append(place)
    mis_ok = [t for t in topics if t not in ([dtopic] if dtopic else []) and not (defect == "position" and t in ("vert", "rel"))]
    if mis_ok and (defect is None and r.random() < 0.55 or defect is not None and r.random() < 0.15):
        plan.append(("mis", r.choice(mis_ok)))
    while len(plan) < n_rounds - 1:
        cand = [t for t in rest if t not in [x for x in plan if isinstance(x, str)]]
        if cand and r.random() < 0.75:
            t = r.choice(cand)
            plan.append(t)
            rest.remove(t)
        elif "summary" not in plan:
            plan.append("summary")
        else:
            plan.append(("mis", r.choice(mis_ok)) if mis_ok and defect is None else r.choice([t for t in topics if t != dtopic]))
    r.shuffle(plan)
    plan = plan[:n_rounds - 1]
    if place in ("user", "followup") and place not in plan:
        plan[0] = place
    for step in plan:
        if step == "user":
            u, ucl, a = premise_turn(c, dtopic, planted_val)
            add("user", u, ucl)
            add("assistant", answer_wrap(c, a, None), [])
        elif step == "followup":
            add("user", ask_text(c, dtopic), [])
            s, cl = topic_claim(c, dtopic, planted_val)
            add("assistant", answer_wrap(c, s, dtopic), cl)
        elif isinstance(step, tuple):
            u, ucl, a, acl = misconception_turn(c, step[1])
            add("user", u, ucl)
            add("assistant", a, acl)
        elif step == "summary":
            add("user", ask_text(c, "summary"), [])
            pool = [t for t in topics if t != dtopic]
            k = min(len(pool), r.choice([2, 3]))
            txt, cl = summary_answer(c, r.sample(pool, k), items)
            add("assistant", txt, cl)
        else:
            add("user", ask_text(c, step), [])
            s, cl = topic_claim(c, step)
            add("assistant", answer_wrap(c, s, step), cl)
    LEDGER.append({"target": p["target"], "style": style, "defect": defect, "place": place, "claims": ledger,
                   "turns": [t["content"] for t in turns]})
    return turns, ([defect] if defect else [])
