"""Bank EX: wording variety, the way different clinicians and LLMs paraphrase the same facts.

Targets: CT/MR over abdomen (liver, spleen, kidneys, pancreas, aorta, gallbladder, liver tumor, stomach,
adrenal glands, kidney tumor), pelvis (urinary bladder, prostate, uterus, rectum, femoral heads, ovarian
cyst), thorax (lungs, left/right lung, heart, lung nodules, esophagus, pleural effusion, lung tumor, coronal
lungs and liver), brain (brain tumor, brain metastases, lateral ventricles, left hippocampus, coronal
hippocampus, stroke lesion) and neck (thyroid gland, parotid glands, left submandibular gland, lymph nodes,
larynx). Axial slices are "LP", coronal ones "LI".

Registers (STYLES): "registrar" (a radiology registrar's terse shorthand), "explainer" (a GPT-style
explainer with headings and bullets), "editor" (a physician editing an LLM draft, with bracketed edits),
"esl" (a non-native English clinician).

Wording: names_target defects name the target in the first question by synonym, adjectival, prefixed or
combining form, eponym or abbreviation ("hepatic", "nephro-", "HCC", "GBM", "Ammon's horn"); sizes go well
beyond small/medium/large ("minute", "diminutive", "modest", "sizeable", "bulky", "generous"); counts as
"a single, connected piece", "in one go", "a pair of separate islands", "no satellites"; front/back and
head/feet as "ventral", "toward the spine", "dependent", "cranially", "toward the feet".

Written without reading QC. Every sentence that states a fact is logged in LEDGER by `build` (kind, value,
mode, turn, the phrase used); the writer's own reader (/work/notes/qcex_scripts/check_ex.py) regenerates
the rows, evaluates every logged claim against the row's facts and checks the first question's wording.
Own check on heldout_ex.jsonl (seed 20261281): rows: 420 clean: 210 laterality: 42 position: 42 size: 42
count: 42 names_target: 42 problems: 0. Of the 168 side/position/size/count defects 88 sit in the first answer,
36 in a follow-up answer, 44 in a user premise the assistant does not correct. Traps: 273 true negations,
134 hypotheticals, 171 wrong ideas (a user's doubt or a draft's wording) explicitly corrected; 230 of 420 rows
have a midline, bilateral or multi-part mask.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["registrar", "explainer", "editor", "esl"]
LEDGER: list[dict] = []   # one entry per build() call: the claims each row makes (for the writer's own check)

W = 256


def _n(xy):
    return (round(xy[0] / 255, 4), round(xy[1] / 255, 4))


def P(target, mod, region, orient, ells, others, names, forbid, disp, clues, know, plural=False, alt=None):
    return {"target": target, "modality": mod, "region": region, "orientation": orient, "ellipses": ells,
            "others": {k: _n(v) for k, v in others.items()}, "names": names, "forbid": forbid, "disp": disp,
            "clues": clues, "know": know, "plural": plural, "alt": alt}


PROFILES = [
    # ---------------- abdomen, axial CT/MR ----------------
    P("liver", "CT", "abdomen", "LP", [(85, 118, 50, 44)],
      {"spleen": (190, 140), "right kidney": (84, 165), "stomach": (165, 100)},
      ["the hepatic parenchyma", "the liver", "the organ for this hepato-biliary planning scan that makes bile",
       "the hepar", "the whole hepatic silhouette"],
      [r"\bliver", r"\bhepat", r"\bhepar"],
      ["the liver", "the hepatic parenchyma", "this organ"],
      ["the organ that makes bile and clears ammonia", "the organ whose failure explains this patient's jaundice and ascites",
       "the big gland that stores glycogen and makes most clotting factors"],
      ["The IVC runs in a groove behind this organ, just to the right of the aorta.",
       "A Riedel's lobe, a tongue-like inferior extension, is reported in roughly 3-15% of people.",
       "The portal vein brings about 75% of its blood; the hepatic artery supplies the remaining quarter or so."],
      alt="an enlarged spleen"),
    P("spleen", "CT", "abdomen", "LP", [(188, 148, 20, 27)],
      {"left kidney": (168, 160), "stomach": (165, 100), "liver": (85, 118)},
      ["the splenic parenchyma", "the spleen", "the lien", "the organ behind the splenic flexure", "the splenic outline"],
      [r"\bspleen", r"\bsplen", r"\blien\b"],
      ["the spleen", "the splenic parenchyma", "this organ"],
      ["the organ that filters old red cells and may be removed after trauma",
       "the lymphoid organ that enlarges in portal hypertension and glandular fever",
       "the organ at risk in this footballer with upper-quadrant pain after a tackle"],
      ["Accessory spleens (splenunculi) turn up in roughly 10-30% of people.",
       "The tail of the pancreas reaches its hilum, and the splenic flexure of the colon lies just below.",
       "An adult organ of this type is usually under 13 cm long."],
      alt="a left-lobe liver variant"),
    P("left kidney", "CT", "abdomen", "LP", [(172, 162, 15, 21)],
      {"spleen": (190, 140), "aorta": (133, 145), "left psoas": (150, 168)},
      ["the left kidney", "the left renal parenchyma", "the organ the nephrologist wants biopsied, on the left", "the left ren",
       "the left renal outline"],
      [r"\bkidney", r"\brenal", r"\bnephr", r"\bren\b"],
      ["the left kidney", "the left renal parenchyma", "this organ"],
      ["the left-sided organ that filters blood and makes urine", "the organ on the left that would explain her flank pain and haematuria",
       "the bean-shaped urine-producing organ on the left", "the urine-producing organ that sits near the spleen"],
      ["The left renal vein crosses in front of the aorta just below the SMA origin.",
       "A duplex collecting system is seen in roughly 1% of people.",
       "The adrenal gland on that side sits above the upper pole."],
      alt="the spleen's lower pole"),
    P("right kidney", "CT", "abdomen", "LP", [(84, 165, 15, 21)],
      {"liver": (85, 118), "aorta": (133, 145), "IVC": (112, 142)},
      ["the right kidney", "the right renal parenchyma", "the right nephron-bearing organ", "the right renal unit"],
      [r"\bkidney", r"\brenal", r"\bnephr", r"\bren\b"],
      ["the right kidney", "the right renal parenchyma", "this organ"],
      ["the urine-producing organ on the right", "the organ on the right side that filters blood",
       "the organ on the right that would explain this man's colicky flank pain",
       "the urine-producing organ tucked under the liver"],
      ["The right renal artery passes behind the IVC on its way out from the aorta.",
       "Horseshoe fusion of the two occurs in about 1 in 500 people.",
       "The second part of the duodenum lies close to its hilum."],
      alt="the left kidney"),
    P("kidneys", "CT", "abdomen", "LP", [(84, 165, 15, 21), (172, 162, 15, 21)],
      {"aorta": (133, 145), "liver": (85, 118)},
      ["both kidneys", "the renal parenchyma on each side", "the paired organs a nephrologist looks after",
       "the kidneys", "both renal outlines"],
      [r"\bkidney", r"\brenal", r"\bnephr", r"\bren\b"],
      ["the kidneys", "the renal parenchyma", "these organs"],
      ["the paired organs that filter blood and make urine", "the organs that explain this patient's rising creatinine",
       "both urine-producing organs"],
      ["The left renal vein is longer than the right and crosses in front of the aorta.",
       "Chronic disease of these organs affects roughly 10% of adults worldwide.",
       "The liver usually pushes the right one a little lower than the left."],
      plural=True),
    P("pancreas", "CT", "abdomen", "LP", [(150, 125, 30, 9), (115, 130, 12, 10)],
      {"aorta": (133, 150), "spleen": (190, 145), "stomach": (165, 100)},
      ["the pancreas", "the pancreatic parenchyma", "the pancreatic gland", "the gland with the uncinate process"],
      [r"\bpancrea", r"\buncinate"],
      ["the pancreas", "the pancreatic parenchyma", "this gland"],
      ["the gland that makes insulin and digestive enzymes", "the gland whose inflammation explains this drinker's pain boring through to the back",
       "the organ whose head sits in the duodenal C-loop"],
      ["The splenic vein runs along its back surface.",
       "Divisum, a failure of duct fusion, affects about 5-10% of people.",
       "The SMV and SMA pass behind its neck, the SMV on the right of the SMA."],
      alt=None),
    P("aorta", "CT", "abdomen", "LP", [(133, 148, 9, 9)],
      {"IVC": (110, 145), "vertebral body": (128, 175), "left kidney": (172, 165)},
      ["the aorta", "the abdominal aortic lumen", "the aortic wall and lumen", "the AAA sac", "the infrarenal aortic segment"],
      [r"\baort", r"\bAAA\b"],
      ["the aorta", "the aortic lumen", "this vessel"],
      ["the main artery that leaves the heart, here in its abdominal course",
       "the vessel to check in this 70-year-old smoker with a pulsatile mass",
       "the big elastic artery that splits into the iliacs at about L4"],
      ["The IVC runs alongside on the patient's right.",
       "An aneurysm is usually called when the diameter exceeds 3 cm; it is found in about 4-8% of older men.",
       "The left renal vein normally crosses in front of it, and in about 2-3% of people runs behind instead."],
      alt="the IVC"),
    P("gallbladder", "CT", "abdomen", "LP", [(100, 125, 10, 14)],
      {"liver": (85, 118), "right kidney": (84, 165), "duodenum": (118, 132)},
      ["the gallbladder", "the cholecyst", "the GB", "the gall bladder wall and lumen", "the cholecystic fossa contents"],
      [r"\bgall", r"\bcholecyst", r"\bGB\b"],
      ["the gallbladder", "this sac", "the bile reservoir"],
      ["the pear-shaped sac that stores and concentrates bile",
       "the structure to check in this woman with upper-quadrant pain after fatty meals and a positive Murphy's sign",
       "the bile reservoir that contracts after a meal"],
      ["The common bile duct runs down toward the pancreatic head.",
       "Stones are found in about 10-15% of adults in Western countries.",
       "Hartmann's pouch is a small outpouching at its neck."],
      alt="a duodenal diverticulum"),
    P("liver tumor", "CT", "abdomen", "LP", [(78, 108, 12, 10), (102, 92, 6, 6)],
      {"right kidney": (84, 165), "gallbladder": (100, 125), "spleen": (190, 145)},
      ["the HCC", "the liver tumour", "the hepatoma", "the hepatic mass", "the hepatocellular carcinoma foci"],
      [r"\bliver", r"\bhepat", r"\bHCC\b", r"\btumou?r", r"\bcarcinom", r"\bneoplas", r"\bmass", r"\bcancer",
       r"\blesion"],
      ["the liver tumour", "the tumour", "these foci"],
      ["the arterially enhancing abnormality with washout in this cirrhotic patient with a rising AFP",
       "what explains the rising alpha-fetoprotein in this cirrhotic man",
       "the abnormal enhancing areas seen on this cirrhosis surveillance scan"],
      ["Cirrhosis underlies about 80-90% of such tumours.",
       "The LI-RADS scheme grades these findings from LR-1 to LR-5.",
       "The right kidney and the adrenal gland lie well below this level."],
      plural=False, alt="a splenic cyst"),
    P("stomach", "CT", "abdomen", "LP", [(168, 100, 28, 21)],
      {"spleen": (190, 148), "pancreas": (145, 127), "liver": (85, 118)},
      ["the stomach", "the gastric lumen and wall", "the gastric body", "the organ seen at gastroscopy, beyond the cardia",
       "the ventriculus"],
      [r"\bstomach", r"\bgastr", r"\bventricul"],
      ["the stomach", "the gastric body", "this organ"],
      ["the hollow organ that secretes acid and pepsin", "the J-shaped organ between the oesophagus and the duodenum",
       "the organ where this patient's peptic ulcer bleed most likely started"],
      ["The lesser sac separates it from the pancreas.",
       "H. pylori colonises roughly half of the world's population.",
       "The spleen is tucked lateral and behind its fundus."],
      alt="the splenic flexure"),
    P("adrenal glands", "CT", "abdomen", "LP", [(104, 138, 5, 9), (153, 136, 5, 9)],
      {"aorta": (133, 155), "left kidney": (172, 165)},
      ["the adrenal glands", "both adrenals", "the suprarenal glands", "the adrenal limbs"],
      [r"\badrenal", r"\bsuprarenal"],
      ["the adrenal glands", "these glands", "the two glands"],
      ["the small paired endocrine glands that make cortisol and aldosterone",
       "the glands to check in this hypertensive patient with low potassium and high aldosterone",
       "the paired endocrine glands perched on the upper poles of the urine-producing organs"],
      ["Incidental nodules in these glands appear on about 3-7% of abdominal CTs.",
       "The right one sits behind the IVC and the left one beside the aorta.",
       "Each limb is normally thinner than 10 mm."],
      plural=True),
    P("kidney tumor", "CT", "abdomen", "LP", [(180, 160, 10, 9)],
      {"aorta": (133, 150), "spleen": (190, 135), "liver": (85, 118)},
      ["the renal tumour", "the RCC", "the kidney mass", "the nephric neoplasm", "the renal cell carcinoma"],
      [r"\bkidney", r"\brenal", r"\bnephr", r"\bRCC\b", r"\btumou?r", r"\bmass", r"\bcarcinom", r"\bcancer",
       r"\bneoplas", r"\blesion"],
      ["the renal tumour", "the tumour", "the enhancing mass"],
      ["the solid enhancing abnormality that explains this smoker's painless haematuria",
       "the incidental enhancing finding on this CT done for back pain",
       "the abnormality the urologists want outlined before a partial resection"],
      ["Clear-cell histology accounts for about 70-75% of these cancers.",
       "The renal vein and IVC should be checked for tumour thrombus.",
       "The Bosniak scheme only applies to cystic ones."],
      alt="a liver cyst"),
    # ---------------- pelvis ----------------
    P("urinary bladder", "CT", "pelvis", "LP", [(128, 100, 30, 24)],
      {"rectum": (128, 165), "prostate": (128, 135)},
      ["the urinary bladder", "the vesical lumen", "the bladder wall and contents", "the organ inspected at cystoscopy",
       "the detrusor-lined reservoir"],
      [r"\bbladder", r"\bvesic", r"\bcysto", r"\bdetrusor", r"\burinary"],
      ["the urinary bladder", "the bladder", "this reservoir"],
      ["the hollow organ that stores urine before voiding", "the reservoir to outline in this man with retention, distended above the pubis",
       "the muscular sac that fills from the ureters"],
      ["The ureters enter it obliquely, which prevents reflux.",
       "Normal capacity is around 400-600 mL in adults.",
       "The rectum lies behind it in men; in women the uterus sits between the two."],
      alt=None),
    P("prostate", "MR", "pelvis", "LP", [(128, 132, 14, 12)],
      {"rectum": (128, 165), "urinary bladder": (128, 95)},
      ["the prostate", "the prostatic gland", "the prostatic transition and peripheral zones", "the gland behind the PSA rise (the prostate)"],
      [r"\bprostat", r"\bPSA\b"],
      ["the prostate", "the gland", "this organ"],
      ["the walnut-sized gland below the bladder that makes part of the seminal fluid",
       "the gland to outline in this 68-year-old with poor stream and nocturia",
       "the male gland the urethra runs through just below the bladder neck"],
      ["About 70% of cancers in this gland arise in the peripheral zone.",
       "PI-RADS scores range from 1 to 5.",
       "The seminal vesicles sit above and behind it."],
      alt=None),
    P("uterus", "MR", "pelvis", "LP", [(130, 118, 26, 20)],
      {"urinary bladder": (128, 88), "rectum": (128, 165)},
      ["the uterus", "the uterine body", "the womb", "the organ outlined on her hysterosalpingogram", "the myometrium and endometrium"],
      [r"\buter", r"\bwomb", r"\bhyster", r"\bendometri", r"\bmyometri"],
      ["the uterus", "the uterine body", "this organ"],
      ["the muscular organ where a pregnancy implants", "the organ holding the fibroids that explain this woman's heavy periods",
       "the pear-shaped muscular organ between bladder and rectum"],
      ["Fibroids are found in up to 70% of women by age 50.",
       "The ovaries sit on either side, in the ovarian fossae.",
       "Retroversion, a backward tilt, is seen in about 20% of women."],
      alt=None),
    P("rectum", "MR", "pelvis", "LP", [(128, 168, 12, 11)],
      {"uterus": (130, 118), "sacrum": (128, 205)},
      ["the rectum", "the rectal wall", "the recto-sigmoid segment", "the rectal lumen"],
      [r"\brect(um|al|o)", r"\bproct"],
      ["the rectum", "this bowel segment", "the segment"],
      ["the last part of the large bowel before the anal canal", "the bowel segment to outline for this patient's low bowel-cancer staging MRI",
       "the segment of large bowel that stores stool before defecation"],
      ["The mesorectal fascia is the key surgical plane in staging.",
       "The sigmoid colon continues above it at about the level of S3.",
       "About a third of large-bowel cancers arise in this segment."],
      alt=None),
    P("femoral heads", "CT", "pelvis", "LP", [(70, 128, 17, 17), (186, 128, 17, 17)],
      {"urinary bladder": (128, 100)},
      ["the femoral heads", "both femoral heads", "the capita femoris", "the proximal femora (heads only)"],
      [r"\bfemor", r"\bfemur", r"\bcap(ut|ita) femoris"],
      ["the femoral heads", "the two heads", "these bony structures"],
      ["the ball parts of the hip joints", "the bony structures at risk of avascular necrosis in this patient on long-term steroids",
       "the rounded bones sitting in the acetabula"],
      ["The acetabular labrum deepens the socket.",
       "Avascular necrosis is bilateral in about 50% of steroid-related cases.",
       "The ligamentum teres carries a small artery in children."],
      plural=True),
    P("ovarian cyst", "MR", "pelvis", "LP", [(172, 122, 18, 16)],
      {"uterus": (130, 118), "urinary bladder": (128, 90)},
      ["the ovarian cyst", "the adnexal cyst", "the oophoric cyst", "the cystic ovarian lesion", "the follicular cyst"],
      [r"\bovar", r"\bcyst", r"\boophor", r"\bfollic", r"\blesion"],
      ["the ovarian cyst", "the cyst", "this fluid-filled structure"],
      ["the simple fluid-filled structure beside the uterus that explains this young woman's pelvic pain",
       "the thin-walled fluid collection in the adnexa on the left",
       "the finding on the left that the gynaecologists asked about"],
      ["Functional cysts resolve in most women within two or three menstrual cycles.",
       "The O-RADS MRI score runs from 1 to 5.",
       "The uterus lies in the midline with the bladder in front."],
      alt="a right adnexal finding"),
    # ---------------- thorax, axial CT ----------------
    P("lungs", "CT", "thorax", "LP", [(80, 125, 40, 55), (176, 125, 38, 55)],
      {"heart": (145, 105), "esophagus": (130, 150)},
      ["the lungs", "both lungs", "the pulmonary parenchyma", "the organs that collapse in a pneumothorax", "the lung fields"],
      [r"\blung", r"\bpulmon", r"\bpneum"],
      ["the lungs", "the pulmonary parenchyma", "these organs"],
      ["the paired air-filled organs where gas exchange happens", "the organs damaged by emphysema in this long-term smoker",
       "the spongy organs that fill most of the chest"],
      ["The right side has three lobes and the left two, because the heart takes up room on the left.",
       "COPD affects roughly 10% of adults over 40.",
       "The oesophagus runs behind the trachea in the posterior mediastinum."],
      plural=True),
    P("left lung", "CT", "thorax", "LP", [(176, 125, 38, 55)],
      {"heart": (145, 105), "aorta": (150, 150)},
      ["the left lung", "the left pulmonary parenchyma", "the left organ that collapsed in his pneumothorax", "the left lung field"],
      [r"\blung", r"\bpulmon", r"\bpneum"],
      ["the left lung", "the left pulmonary parenchyma", "this organ"],
      ["the air-filled organ on the left with only two lobes", "the organ on the left where this patient's collapse happened",
       "the left-sided organ of gas exchange", "the two-lobed organ of gas exchange that has a lingula"],
      ["The lingula is its equivalent of a middle lobe.",
       "The cardiac notch is an indentation in its anterior border.",
       "The right main bronchus is wider and more vertical, so aspiration favours the right."],
      alt="the right lung"),
    P("right lung", "CT", "thorax", "LP", [(80, 125, 40, 55)],
      {"heart": (145, 105), "esophagus": (130, 150)},
      ["the right lung", "the right pulmonary parenchyma", "the right organ that collapsed in his pneumothorax", "the right lung field"],
      [r"\blung", r"\bpulmon", r"\bpneum"],
      ["the right lung", "the right pulmonary parenchyma", "this organ"],
      ["the three-lobed air-filled organ on the right", "the organ on the right where inhaled peanuts usually end up",
       "the right-sided organ of gas exchange", "the three-lobed organ of gas exchange"],
      ["The horizontal fissure separates the upper and middle lobes.",
       "The azygos lobe, a normal variant, is seen in about 1% of people.",
       "The left hemidiaphragm usually sits slightly lower than the right."],
      alt="the left lung"),
    P("heart", "CT", "thorax", "LP", [(145, 105, 38, 32)],
      {"esophagus": (130, 150), "aorta": (150, 150), "sternum": (128, 60)},
      ["the heart", "the cardiac silhouette", "the myocardium and chambers", "the organ on this cardiothoracic protocol", "the cor"],
      [r"\bheart", r"\bcardi", r"\bmyocard", r"\bpericard", r"\bcor\b"],
      ["the heart", "the cardiac silhouette", "this organ"],
      ["the four-chambered muscular pump in the middle of the chest",
       "the organ that is enlarged in this patient with congestive failure and ankle swelling",
       "the organ whose apex beat you feel in the fifth intercostal space"],
      ["The descending aorta runs beside the spine on the left.",
       "A cardiothoracic ratio above 0.5 on a PA film is usually called enlarged.",
       "The right ventricle is its most anterior chamber, just behind the sternum."],
      alt="a mediastinal mass"),
    P("lung nodules", "CT", "thorax", "LP", [(70, 100, 5, 5), (186, 140, 4, 4), (92, 160, 4, 4)],
      {"heart": (145, 105)},
      ["the pulmonary nodules", "the lung nodules", "the nodular opacities", "the pulmonary metastases", "the lung lesions"],
      [r"\blung", r"\bpulmon", r"\bnodul", r"\bmetasta", r"\blesion"],
      ["the lung nodules", "the nodules", "these foci"],
      ["the small round spots that appeared since the last staging scan in this patient with colon cancer",
       "the new round opacities the oncologist asked about",
       "the little round densities scattered through the chest"],
      ["The Fleischner guidelines handle incidental ones in adults over 35.",
       "Well over 90% of incidental nodules under 6 mm are benign.",
       "The heart sits in the middle mediastinum, left of the midline."],
      plural=True),
    P("esophagus", "CT", "thorax", "LP", [(131, 152, 7, 6)],
      {"aorta": (148, 158), "trachea": (128, 120), "heart": (148, 105)},
      ["the oesophagus", "the esophageal lumen", "the gullet", "the tube inspected at oesophagoscopy"],
      [r"\b(o|oe)?esophag", r"\bgullet"],
      ["the oesophagus", "the gullet", "this tube"],
      ["the muscular tube that carries swallowed food to the stomach",
       "the structure to check in this patient with progressive difficulty swallowing solids",
       "the tube that runs behind the trachea and left atrium"],
      ["The left atrium sits directly in front of it, which is why TOE works.",
       "Barrett's change is found in roughly 1-2% of adults.",
       "The descending aorta lies to its left at this level."],
      alt="a paratracheal node"),
    P("pleural effusion", "CT", "thorax", "LP", [(78, 172, 30, 12)],
      {"right lung": (80, 125), "heart": (145, 105)},
      ["the pleural effusion", "the effusion", "the hydrothorax", "the pleural fluid collection"],
      [r"\bpleur", r"\beffus", r"\bhydrothorax"],
      ["the pleural effusion", "the effusion", "the fluid"],
      ["the collection that explains this patient's stony dullness and reduced breath sounds at one base",
       "the fluid the chest team want to drain", "the crescent of water-density material in the chest"],
      ["Light's criteria separate exudates from transudates.",
       "On an upright film about 200 mL is needed to blunt the costophrenic angle.",
       "The heart lies left of centre, in front."],
      alt="a left-sided collection"),
    P("lung tumor", "CT", "thorax", "LP", [(185, 108, 18, 15)],
      {"heart": (145, 105), "aorta": (150, 150)},
      ["the lung tumour", "the NSCLC", "the bronchogenic carcinoma", "the pulmonary mass", "the lung cancer"],
      [r"\blung", r"\bpulmon", r"\btumou?r", r"\bmass", r"\bcarcinom", r"\bcancer", r"\bneoplas", r"\bNSCLC",
       r"\bbronch", r"\blesion"],
      ["the lung tumour", "the tumour", "the mass"],
      ["the spiculated abnormality that explains this smoker's haemoptysis and weight loss",
       "the finding the thoracic MDT want outlined for radiotherapy planning",
       "the irregular soft-tissue abnormality seen on this staging CT"],
      ["Adenocarcinoma is now the commonest subtype, roughly 40% of cases.",
       "The aorta arches over the left main bronchus.",
       "Stage is driven by size, nodes and distant spread."],
      alt="a right hilar node"),
    # ---------------- coronal CT ----------------
    P("lungs", "CT", "thorax", "LI", [(80, 110, 40, 70), (176, 110, 38, 70)],
      {"liver": (85, 200), "heart": (140, 150)},
      ["the lungs", "the pulmonary parenchyma", "both lung fields", "the organs that collapse in a pneumothorax"],
      [r"\blung", r"\bpulmon", r"\bpneum"],
      ["the lungs", "the pulmonary parenchyma", "these organs"],
      ["the paired organs of gas exchange on this coronal reformat", "the organs affected in this smoker with breathlessness",
       "the air-filled organs above the diaphragm"],
      ["The right hemidiaphragm usually sits a little higher, pushed up by the liver.",
       "The apices rise about 2-3 cm above the clavicles.",
       "The liver sits below the right hemidiaphragm."],
      plural=True),
    P("liver", "CT", "abdomen", "LI", [(88, 175, 50, 35)],
      {"right lung": (80, 95), "spleen": (185, 155)},
      ["the liver", "the hepatic parenchyma", "the hepar", "the organ on this hepato-biliary coronal"],
      [r"\bliver", r"\bhepat", r"\bhepar"],
      ["the liver", "the hepatic parenchyma", "this organ"],
      ["the organ that makes bile, on this coronal reformat", "the organ whose failure explains this patient's jaundice",
       "the gland that stores glycogen and detoxifies drugs"],
      ["The right hemidiaphragm separates it from the right lung base.",
       "Its span in the mid-clavicular line is normally under about 16 cm.",
       "The gallbladder hangs from its undersurface."],
      alt="the spleen"),
    # ---------------- brain, MR ----------------
    P("brain tumor", "MR", "brain", "LP", [(88, 108, 22, 18)],
      {"lateral ventricles": (128, 125)},
      ["the brain tumour", "the glioma", "the GBM", "the intracranial mass", "the cerebral neoplasm"],
      [r"\bbrain", r"\btumou?r", r"\bglio", r"\bGBM\b", r"\bmass", r"\bneoplas", r"\bastrocyt", r"\bcancer",
       r"\blesion"],
      ["the brain tumour", "the tumour", "the enhancing mass"],
      ["the ring-enhancing abnormality with surrounding oedema behind this woman's headaches",
       "whatever explains this man's new left-sided weakness and seizures",
       "the abnormality the neurosurgeons want outlined for planning"],
      ["Glioblastoma is the commonest primary malignant tumour of this kind in adults.",
       "The left hemisphere is dominant for language in about 95% of right-handers.",
       "Vasogenic oedema usually spares the cortex."],
      alt="a left frontal lesion"),
    P("brain metastases", "MR", "brain", "LP", [(175, 90, 6, 6), (86, 150, 5, 5), (160, 172, 4, 4)],
      {"cerebellum": (135, 215)},
      ["the brain metastases", "the cerebral mets", "the intracranial secondaries", "the metastatic deposits"],
      [r"\bbrain", r"\bmetasta", r"\bmets\b", r"\bsecondar", r"\bdeposit", r"\blesion", r"\btumou?r"],
      ["the brain metastases", "the metastases", "these deposits"],
      ["the multiple small enhancing abnormalities in this patient with known melanoma",
       "whatever explains the new seizures in this woman with breast cancer",
       "the enhancing foci found on this staging scan of the head"],
      ["Lung, breast and melanoma primaries account for most cases.",
       "About 80% of such deposits are found in the cerebral hemispheres and 15% in the cerebellum.",
       "They tend to sit at the grey-white junction."],
      plural=True),
    P("lateral ventricles", "MR", "brain", "LP", [(108, 122, 6, 22), (148, 122, 6, 22)],
      {"pineal gland": (128, 155), "corpus callosum genu": (128, 85)},
      ["the lateral ventricles", "the ventricular system's lateral horns", "the ventricles", "the intraventricular CSF spaces"],
      [r"\bventric"],
      ["the lateral ventricles", "the two cavities", "these CSF spaces"],
      ["the CSF-filled cavities that would enlarge in hydrocephalus", "the fluid spaces where most choroid plexus sits",
       "the paired C-shaped CSF cavities inside the hemispheres"],
      ["The septum pellucidum separates the two frontal horns.",
       "Slight asymmetry is seen in about 5-12% of normal people.",
       "The pineal gland sits behind the third ventricle."],
      plural=True),
    P("left hippocampus", "MR", "brain", "LP", [(166, 150, 6, 14)],
      {"brainstem": (128, 160), "left amygdala": (166, 125)},
      ["the left hippocampus", "the left hippocampal formation", "the left Ammon's horn", "the left cornu Ammonis"],
      [r"\bhippocamp", r"\bammon", r"\bcornu"],
      ["the left hippocampus", "the hippocampal formation", "this structure"],
      ["the medial temporal structure on the left that is crucial for new memories",
       "the seahorse-shaped structure on the left to check in this patient with temporal lobe seizures",
       "the left-sided structure that atrophies early in Alzheimer's disease",
       "the seahorse-shaped memory structure just behind the amygdala"],
      ["The amygdala sits just in front of it.",
       "Mesial temporal sclerosis is found in about 65% of surgically treated temporal lobe epilepsy.",
       "The temporal horn of the lateral ventricle lies alongside."],
      alt="the right hippocampus"),
    P("hippocampus", "MR", "brain", "LI", [(96, 160, 7, 10), (160, 160, 7, 10)],
      {"lateral ventricles": (128, 110)},
      ["the hippocampi", "both hippocampal formations", "the Ammon's horns", "the hippocampal heads"],
      [r"\bhippocamp", r"\bammon", r"\bcornu"],
      ["the hippocampi", "the hippocampal formations", "these structures"],
      ["the seahorse-shaped memory structures in the medial temporal lobes",
       "the structures that atrophy early in this patient with memory decline",
       "the grey-matter structures on the floor of the temporal horns"],
      ["The choroidal fissure sits just above them.",
       "Volume falls by roughly 1-2% a year in healthy older adults.",
       "The lateral ventricles lie above and medial."],
      plural=True),
    P("stroke lesion", "MR", "brain", "LP", [(178, 118, 20, 26)],
      {"lateral ventricles": (128, 122)},
      ["the stroke lesion", "the infarct", "the ischaemic core", "the CVA territory", "the acute infarction"],
      [r"\bstroke", r"\binfarct", r"\bisch(a)?em", r"\bCVA\b", r"\blesion"],
      ["the infarct", "the stroke lesion", "the area of restricted diffusion"],
      ["the area of restricted diffusion explaining this man's sudden right-sided weakness and aphasia",
       "the bright area on diffusion that explains her acute speech problem",
       "the territory that went dark on ADC after her symptoms started this morning"],
      ["A right-sided weakness points to the left hemisphere because the motor pathways cross.",
       "Thrombectomy benefits large-vessel occlusions up to 24 hours in selected patients.",
       "About 85% of strokes are ischaemic and 15% haemorrhagic."],
      alt="a right MCA infarct"),
    # ---------------- neck, CT ----------------
    P("thyroid gland", "CT", "neck", "LP", [(108, 110, 10, 16), (148, 110, 10, 16), (128, 100, 14, 5)],
      {"trachea": (128, 125), "cervical spine": (128, 170)},
      ["the thyroid", "the thyroid gland", "the goitre", "the thyroidal lobes and isthmus", "the gland that thyroxine comes from"],
      [r"\bthyro", r"\bgoit"],
      ["the thyroid gland", "the gland", "this organ"],
      ["the butterfly-shaped endocrine gland that makes T4 and T3",
       "the gland to outline in this woman with palpitations, weight loss and eye signs",
       "the gland in front of the trachea that moves up on swallowing"],
      ["The recurrent laryngeal nerves run in the grooves beside the trachea.",
       "Nodules in this gland are found on ultrasound in up to 50-60% of adults.",
       "A pyramidal lobe is present in about 10-50% of people."],
      alt=None),
    P("parotid glands", "CT", "neck", "LP", [(60, 128, 16, 22), (196, 128, 16, 22)],
      {"mandible": (128, 80)},
      ["the parotid glands", "both parotids", "the parotideal glands", "the Stensen's-duct glands"],
      [r"\bparotid", r"\bstensen"],
      ["the parotid glands", "these glands", "the two glands"],
      ["the largest salivary glands, in front of the ears", "the glands that swell in this child with mumps",
       "the salivary glands the facial nerve runs through"],
      ["About 80% of salivary tumours arise in these glands, and about 80% of those are benign.",
       "The facial nerve splits them into superficial and deep lobes.",
       "The submandibular glands sit lower, under the jaw."],
      plural=True),
    P("left submandibular gland", "CT", "neck", "LP", [(160, 92, 12, 10)],
      {"hyoid": (128, 100), "left parotid": (196, 128)},
      ["the left submandibular gland", "the left submaxillary gland", "the left Wharton's-duct gland",
       "the left submandibular salivary gland"],
      [r"\bsubmandib", r"\bsubmaxill", r"\bwharton"],
      ["the left submandibular gland", "the gland", "this salivary gland"],
      ["the salivary gland under the jaw on the left whose duct opens beside the frenulum",
       "the gland on the left where this patient's salivary stone and meal-time swelling come from",
       "the left salivary gland that wraps around the back of the mylohyoid",
       "the salivary gland under the jaw whose duct opens beside the frenulum"],
      ["About 80% of salivary stones form in glands of this type.",
       "The lingual nerve loops under its duct.",
       "The parotid glands sit higher and further back, in front of the ears."],
      alt="the right submandibular gland"),
    P("lymph nodes", "CT", "neck", "LP", [(70, 120, 6, 5), (78, 146, 5, 5), (64, 168, 5, 4)],
      {"thyroid gland": (128, 110), "right internal jugular vein": (85, 125)},
      ["the lymph nodes", "the cervical nodes", "the nodal disease", "the lymphadenopathy"],
      [r"\blymph", r"\bnod(e|al)", r"\badenopath"],
      ["the lymph nodes", "the nodes", "these nodes"],
      ["the enlarged structures along the jugular chain in this patient with a tongue-base cancer",
       "the small round structures that explain this child's neck swellings after a sore throat",
       "the round soft-tissue structures the head-and-neck team want mapped for staging"],
      ["A short axis over about 10 mm is the usual size threshold in the neck.",
       "Level II sits around the upper internal jugular vein.",
       "HPV is now implicated in about 70% of oropharyngeal cancers in some countries."],
      plural=True),
    P("larynx", "CT", "neck", "LP", [(128, 95, 14, 12)],
      {"cervical spine": (128, 170), "left submandibular gland": (160, 92)},
      ["the larynx", "the laryngeal framework", "the voice box", "the glottic and supraglottic airway"],
      [r"\blaryn", r"\bvoice box", r"\bglott"],
      ["the larynx", "the voice box", "this structure"],
      ["the organ that houses the vocal cords", "the structure to assess in this smoker with three months of hoarseness",
       "the cartilage-framed airway segment above the trachea"],
      ["The thyroid cartilage is its largest cartilage.",
       "Squamous cell carcinoma makes up about 95% of cancers here.",
       "The cervical spine lies well behind it, with the pharynx in between."],
      alt=None),
]


# ------------------------------------------------------------------ geometry and records

def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:W, 0:W]
    mask = np.zeros((W, W), bool)
    for (cx, cy, rx, ry) in p["ellipses"]:
        cx += rng.uniform(-1.5, 1.5)
        cy += rng.uniform(-1.5, 1.5)
        rx *= rng.uniform(0.96, 1.04)
        ry *= rng.uniform(0.96, 1.04)
        mask |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    others = {k: tuple(v) for k, v in p["others"].items()}
    return compute_facts(mask, p["orientation"], others).model_dump(mode="json")


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)


# ------------------------------------------------------------------ phrase banks

NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
        10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen",
        17: "seventeen", 18: "eighteen", 19: "nineteen", 20: "twenty", 21: "twenty-one", 22: "twenty-two"}

SIZE_WORDS = {
    "small": ["small", "minute", "diminutive", "tiny", "little", "compact", "smallish"],
    "medium": ["medium-sized", "moderate-sized", "mid-sized", "modest, mid-range", "intermediate-sized", "middling"],
    "large": ["large", "sizeable", "bulky", "generous", "substantial", "big", "extensive"],
}
SIZE_WORDS_ESL = {"small": ["small", "very little", "tiny"], "medium": ["medium", "middle size", "moderate"],
                  "large": ["big", "large", "very big"]}

SIDE = {
    "left": ["on the patient's left", "left-sided", "in the left half of the body", "lateralised to the patient's left",
             "to the left of the midline"],
    "right": ["on the patient's right", "right-sided", "in the right half of the body",
              "lateralised to the patient's right", "to the right of the midline"],
    "midline": ["in the midline", "midline", "straddling the midline", "centred on the median plane",
                "sitting astride the midline"],
    "bilateral": ["bilateral", "on both sides", "present on both the left and the right",
                  "in both halves of the body, one part on each side", "paired, one on each side"],
}
SIDE_REG = {"left": ["L-sided", "pt's L", "left"], "right": ["R-sided", "pt's R", "right"],
            "midline": ["midline", "central, midline"], "bilateral": ["bilat.", "bilateral", "both sides"]}
SIDE_ESL = {"left": ["in left side of patient", "at the left side", "on left of the body"],
            "right": ["in right side of patient", "at the right side", "on right of the body"],
            "midline": ["in the middle line of body", "at the midline"],
            "bilateral": ["in both side", "at both sides, left and right"]}

VERT = {
    "LP": {
        "anterior": ["anterior", "ventral", "toward the front of the body", "in the front half of the cross-section",
                     "anteriorly placed", "in the non-dependent front part of the slice"],
        "posterior": ["posterior", "dorsal", "toward the spine", "toward the back", "in the dependent part of the slice",
                      "posteriorly placed"],
        "central": ["central in the front-to-back direction", "at mid-depth, neither ventral nor dorsal",
                    "roughly halfway between front and back"],
    },
    "LI": {
        "superior": ["superior", "cranial", "toward the head", "in the upper part of the image", "cephalad",
                     "cranially placed"],
        "inferior": ["inferior", "caudal", "toward the feet", "in the lower part of the image", "caudally placed"],
        "central": ["at mid-height on this coronal image", "neither cranial nor caudal", "halfway between top and bottom"],
    },
}
VERT_REG = {"anterior": ["ant.", "anterior"], "posterior": ["post.", "posterior"], "central": ["mid AP", "central AP"],
            "superior": ["sup.", "cranial"], "inferior": ["inf.", "caudal"]}
VERT_ESL = {"anterior": ["more to the front", "in front part"], "posterior": ["more to the back", "in back part"],
            "central": ["in the middle between front and back"], "superior": ["more to up, to the head"],
            "inferior": ["more to down, to the feet"]}
VERT_REGION = {("brain", "anterior"): "toward the forehead", ("brain", "posterior"): "toward the occiput",
               ("thorax", "anterior"): "toward the sternum", ("thorax", "posterior"): "toward the spine",
               ("neck", "anterior"): "toward the front of the neck", ("neck", "posterior"): "toward the cervical spine",
               ("abdomen", "anterior"): "toward the anterior abdominal wall", ("abdomen", "posterior"): "toward the back",
               ("pelvis", "anterior"): "toward the front", ("pelvis", "posterior"): "toward the sacrum"}

REL = {"left_of": ["to the patient's left of {o}", "left of {o}", "on the left side of {o}"],
       "right_of": ["to the patient's right of {o}", "right of {o}", "on the right side of {o}"],
       "anterior_to": ["in front of {o}", "anterior to {o}", "ventral to {o}"],
       "posterior_to": ["behind {o}", "posterior to {o}", "dorsal to {o}"],
       "superior_to": ["above {o}", "cranial to {o}", "superior to {o}"],
       "inferior_to": ["below {o}", "caudal to {o}", "inferior to {o}"]}
OPP_REL = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
           "superior_to": "inferior_to", "inferior_to": "superior_to"}
AXIS = {"left_of": "x", "right_of": "x", "anterior_to": "y", "posterior_to": "y", "superior_to": "y", "inferior_to": "y"}

KIND_GROUP = {"side": "side", "vert": "vert", "size": "size", "pct": "size", "count": "count"}
DEFECT_KIND = {"side": "laterality", "vert": "position", "rel": "position", "size": "size", "pct": "size",
               "count": "count"}


def count_phrase(n, rng, style, plural):
    if style == "esl":
        if n == 1:
            return rng.choice(["only one piece", "one piece, no other part separate", "just one region together"])
        return rng.choice([f"{NUMW.get(n, n)} pieces separate", f"{NUMW.get(n, n)} separated parts"])
    if n == 1:
        return rng.choice(["a single, connected piece", "one contiguous region, captured in one go",
                           "a single component with no satellites", "one continuous structure",
                           "a solitary connected region", "one piece, no separate islands"])
    if n == 2:
        return rng.choice(["a pair of separate islands", "two separate pieces", "two discrete components",
                           "two disconnected parts"])
    w = NUMW.get(n, str(n))
    return rng.choice([f"{w} separate foci", f"{w} discrete islands", f"{w} disconnected components",
                       f"{w} separate pieces"])


def fmt_pct(v, rng, style):
    if v < 1:
        s = f"{v:.2f}".rstrip("0").rstrip(".")
        return f"{s}%" if style != "esl" else f"{s} percent"
    if v < 10:
        s = f"{v:.1f}"
        r = round(v)
        if style in ("explainer", "esl") and abs(r - v) / v < 0.1 and rng.random() < 0.5:
            return f"{NUMW[r]} percent" if r in NUMW else f"{r} percent"
        return rng.choice([f"{s}%", f"{s} per cent", f"{s} %"])
    r = round(v)
    if style in ("explainer", "esl") and r in NUMW and rng.random() < 0.5:
        return f"{NUMW[r]} percent"
    return rng.choice([f"{r}%", f"{r} per cent", f"{r} %"])


class Row:
    def __init__(self, p, f, style, rng):
        self.p, self.f, self.style, self.rng = p, f, style, rng
        self.turns: list[dict] = []
        self.claims: list[dict] = []
        self.pending: list[dict] = []
        self.excl: set = set()      # fact groups that must not be stated (truly) in a defect row
        self.plural = p["plural"]

    # -- ledger
    def log(self, kind, value, needle, mode="assert"):
        self.pending.append({"kind": kind, "value": value, "needle": needle, "mode": mode})
        return needle

    def add(self, role, text):
        for c in self.pending:
            c["turn"] = len(self.turns)
            self.claims.append(c)
        self.pending = []
        self.turns.append({"role": role, "content": text})

    # -- grammar
    def subj(self, cap=True):
        r = self.rng.random()
        if r < 0.35:
            s, pl = ("they", True) if self.plural else ("it", False)
        elif r < 0.6:
            s, pl = self.rng.choice(self.p["disp"]), self.plural
        elif r < 0.8:
            s, pl = "the mask", False
        else:
            s, pl = self.rng.choice(["the segmented region", "the segmentation"]), False
        if s.startswith("these") or s.startswith("the two"):
            pl = True
        return (s[0].upper() + s[1:] if cap else s), pl

    @staticmethod
    def be(pl):
        return "are" if pl else "is"

    @staticmethod
    def vs(pl, sing, plur):
        return plur if pl else sing

    # -- claim phrases (value may be false: the defect)
    def side_ph(self, v):
        if self.style == "registrar" and self.rng.random() < 0.5:
            return self.rng.choice(SIDE_REG[v])
        if self.style == "esl":
            return self.rng.choice(SIDE_ESL[v])
        return self.rng.choice(SIDE[v])

    def vert_ph(self, v):
        o = self.p["orientation"]
        if self.style == "registrar" and self.rng.random() < 0.5:
            return self.rng.choice(VERT_REG[v])
        if self.style == "esl":
            return self.rng.choice(VERT_ESL[v])
        opts = list(VERT[o][v])
        extra = VERT_REGION.get((self.p["region"], v))
        if o == "LP" and extra:
            opts.append(extra)
        return self.rng.choice(opts)

    def size_ph(self, v):
        bank = SIZE_WORDS_ESL if self.style == "esl" else SIZE_WORDS
        return self.rng.choice(bank[v])

    def true_pct(self):
        return round(100 * self.f["area_fraction"] * self.rng.uniform(0.94, 1.06), 3)

    def rel_ph(self, other, rel):
        return self.rng.choice(REL[rel]).format(o="the " + other if not other[0].isupper() else "the " + other)

    # -- sentences (each logs its claim)
    def s_side(self, v, conv=True):
        s, pl = self.subj()
        ph = self.log("side", v, self.side_ph(v))
        st = self.style
        if st == "registrar":
            out = self.rng.choice([f"Side: {ph}.", f"{s} {self.be(pl)} {ph}.", f"Laterality {ph}."])
        elif st == "esl":
            out = self.rng.choice([f"{s} {self.be(pl)} located {ph}.", f"{s} {self.be(pl)} {ph}.",
                                   f"About the side, {s[0].lower() + s[1:]} {self.be(pl)} {ph}."])
        else:
            out = self.rng.choice([f"{s} {self.be(pl)} {ph}.", f"In terms of side, {s[0].lower() + s[1:]} {self.be(pl)} {ph}.",
                                   f"Laterality: {ph}."])
        if conv and v == self.f["laterality"] and v in ("left", "right") and self.rng.random() < 0.6:
            img = "right" if v == "left" else "left"
            out += self.rng.choice([
                f" On the screen {'they show' if self.plural else 'it shows'} on the image's {img}, which by radiological convention is the patient's {v}.",
                f" ({'They appear' if self.plural else 'It appears'} on the {img} of the image; the display is radiological, so that is the patient's {v}.)",
                f" Remember the viewer flips it: image {img} = patient {v}."])
        return out

    def s_vert(self, v):
        return self._s_vert(v).replace("..", ".")

    def _s_vert(self, v):
        s, pl = self.subj()
        ph = self.log("vert", v, self.vert_ph(v))
        if self.style == "registrar":
            return self.rng.choice([f"{s} {self.be(pl)} {ph}.", f"Position: {ph}."])
        if self.style == "esl":
            return self.rng.choice([f"{s} {self.be(pl)} {ph}.", f"For position, {s[0].lower() + s[1:]} {self.vs(pl, 'stays', 'stay')} {ph}."])
        ax = "front-to-back" if self.p["orientation"] == "LP" else "head-to-feet"
        return self.rng.choice([f"{s} {self.vs(pl, 'sits', 'sit')} {ph}.",
                                f"Along the {ax} axis, {s[0].lower() + s[1:]} {self.be(pl)} {ph}.",
                                f"Position-wise, {s[0].lower() + s[1:]} {self.be(pl)} {ph}."])

    def s_size(self, v, with_pct=None):
        s, pl = self.subj()
        ph = self.log("size", v, self.size_ph(v))
        tail = ""
        if with_pct is not None:
            pt = self.log("pct", with_pct, fmt_pct(with_pct, self.rng, self.style))
            tail = self.rng.choice([f", about {pt} of the image", f" ({pt} of the slice)", f", roughly {pt} of the field of view"])
        if self.style == "registrar":
            return self.rng.choice([f"Size: {ph}{tail}.", f"{s} {self.be(pl)} {ph}{tail}."])
        if self.style == "esl":
            return self.rng.choice([f"The size is {ph}{tail}.", f"{s} {self.be(pl)} {ph} size{tail}."])
        art = "an" if ph[0] in "aeiou" else "a"
        return self.rng.choice([f"{s} {self.be(pl)} {ph}{tail}.",
                                f"Size-wise this is {art} {ph} segmentation{tail}.",
                                f"On this slice {s[0].lower() + s[1:]} {self.vs(pl, 'looks', 'look')} {ph}{tail}."])

    def s_pct(self, v):
        s, pl = self.subj()
        pt = self.log("pct", v, fmt_pct(v, self.rng, self.style))
        if self.style == "registrar":
            return self.rng.choice([f"Area ~{pt} of slice.", f"{s} {self.vs(pl, 'occupies', 'occupy')} {pt} of the image."])
        if self.style == "esl":
            return self.rng.choice([f"{s} {self.vs(pl, 'takes', 'take')} around {pt} from the image.",
                                    f"It is about {pt} of all image area."])
        return self.rng.choice([f"{s} {self.vs(pl, 'covers', 'cover')} about {pt} of the image.",
                                f"By area, that's roughly {pt} of the slice.",
                                f"The mask accounts for {pt} of the pixels."])

    def s_count(self, v):
        ph = self.log("count", v, count_phrase(v, self.rng, self.style, self.plural))
        if self.style == "registrar":
            return self.rng.choice([f"Components: {ph}.", f"Mask is {ph}."])
        if self.style == "esl":
            return self.rng.choice([f"In the mask there is {ph}.", f"The segmentation have {ph}."])
        return self.rng.choice([f"The mask is {ph}.", f"Topologically it comes out as {ph}.",
                                f"Counting connected parts, the segmentation is {ph}."])

    def s_rel(self, other, rel):
        s, pl = self.subj()
        ph = self.log("rel", [other, rel], self.rel_ph(other, rel))
        if self.style == "registrar":
            return self.rng.choice([f"Lies {ph}.", f"{s} {self.be(pl)} {ph}."])
        if self.style == "esl":
            return self.rng.choice([f"{s} {self.be(pl)} {ph}.", f"It stay {ph}."])
        return self.rng.choice([f"{s} {self.vs(pl, 'lies', 'lie')} {ph}.", f"Relative to its neighbours, it sits {ph}.",
                                f"Note that {s[0].lower() + s[1:]} {self.be(pl)} {ph}."])

    # -- true negations (each logged as a negated, wrong value)
    def s_neg(self, group):
        f, rng = self.f, self.rng
        if group == "side":
            lat = f["laterality"]
            if lat in ("left", "right"):
                o = "right" if lat == "left" else "left"
                self.log("side", o, f"on the {o}", "negate")
                return rng.choice([f"It is not on the {o}, despite how it first looks on screen.",
                                   f"Importantly, it is not on the {o}.", f"Nothing is on the {o} side."]
                                  if not self.plural else [f"They are not on the {o}.", f"None of them is on the {o}."])
            if lat == "midline":
                self.log("side", "left", "not lateralised", "negate")
                self.log("side", "right", "not lateralised", "negate")
                return rng.choice(["It is not lateralised to either side.", "It is not lateralised; neither side dominates."])
            if lat == "bilateral":
                self.log("side", "left", "not confined to one side", "negate")
                self.log("side", "right", "not confined to one side", "negate")
                return rng.choice(["It is not confined to one side.", "The mask is not confined to one side, so not unilateral."])
        if group == "count":
            n = f["components"]
            if n == 1:
                self.log("count", 2, "no second", "negate")
                return rng.choice(["There is no second, separate piece.", "I see no second island and no satellites."])
            self.log("count", 1, "not a single", "negate")
            return rng.choice(["It is not a single connected piece.", "This is not a single blob; the parts do not touch."])
        if group == "size":
            sc = f["size_class"]
            o = {"small": "large", "medium": "large", "large": "small"}[sc]
            self.log("size", o, f"not {o}", "negate")
            return rng.choice([f"It is certainly not {o}.", f"It is not {o} on this slice."])
        if group == "vert":
            v = f["vertical"]
            opp = {"anterior": "posterior", "posterior": "anterior", "central": "anterior" if self.p["orientation"] == "LP" else "superior",
                   "superior": "inferior", "inferior": "superior"}[v]
            self.log("vert", opp, f"not {opp}", "negate")
            return f"It is not {opp}."
        return ""

    def s_conv_generic(self):
        return self.rng.choice([
            "(Convention reminder: on these images the patient's left is displayed on the right of the screen.)",
            "Radiological display puts the patient's right on the left of the image, as if facing the patient.",
            "Keep in mind the usual convention: image left = patient right."])


# ------------------------------------------------------------------ questions

MOD_DESC = {("CT", "LP"): ["axial CT slice", "axial contrast-enhanced CT image", "axial CT", "portal-venous axial CT slice"],
            ("MR", "LP"): ["axial MR slice", "axial T2-weighted MR image", "axial MRI"],
            ("CT", "LI"): ["coronal CT reformat", "coronal CT image"],
            ("MR", "LI"): ["coronal MR image", "coronal T1-weighted MRI"]}


def mod_desc(p, rng):
    d = rng.choice(MOD_DESC[(p["modality"], p["orientation"])])
    if p["region"] == "brain":
        d += " of the head"
    elif p["region"] == "neck":
        d += " of the neck"
    elif p["region"] == "pelvis":
        d += " of the pelvis"
    return d


def first_question(p, style, rng, named, no_side=False):
    import re
    clues = [c for c in p["clues"] if not (no_side and re.search(r"\b(left|right)\b", c))] or p["clues"]
    clue = rng.choice(clues)
    md = mod_desc(p, rng)
    if named:
        nm = rng.choice(p["names"])
        # the name stands in for, or beside, the functional clue
        clue = rng.choice([nm, f"{nm} ({clue})", f"{clue}, i.e. {nm}"])
    if style == "registrar":
        return rng.choice([f"Can you segment {clue} on this {md}?", f"Quick one for the list: mark {clue} on this {md}, please.",
                           f"On this {md}, outline {clue} and give me the key measurements."])
    if style == "explainer":
        return rng.choice([f"Which structure in this {md} is {clue}? Please segment it and explain how you got there.",
                           f"I'm studying for exams. Can you find {clue} in this {md}, segment it and walk me through it?",
                           f"Could you locate and segment {clue} in this {md}, with a short explanation?"])
    if style == "editor":
        return rng.choice([f"Draft a caption for our teaching file: identify {clue} on this {md}, segment it, and state side, position and size. I'll edit your draft.",
                           f"I'm editing model output for a report. Segment {clue} on this {md} and describe it; keep it factual.",
                           f"Please produce a first draft: segment {clue} in this {md} and describe where it is."])
    return rng.choice([f"Please, can you find {clue} in this {md} and make the segmentation?",
                       f"I want to know where is {clue} on this {md}. Please segment it.",
                       f"Hello, in this {md} can you show me {clue}? Make segmentation please."])


FOLLOW_Q = {
    "side": {"registrar": ["Side?", "Laterality, for the report?", "Which side, patient's terms?"],
             "explainer": ["Which side of the body is it on?", "Can you explain which side it's on? I always mix up the image flip."],
             "editor": ["Confirm the side for the report.", "State the laterality explicitly, please."],
             "esl": ["In which side it is?", "It is left or right side of patient?"]},
    "vert": {"registrar": ["Ant or post?", "Where in the AP axis?"],
             "explainer": ["Is it toward the front or the back?", "How deep is it, front-to-back?"],
             "editor": ["Add a line on its front/back position.", "Position in the AP direction?"],
             "esl": ["It is more to front or to back?", "Where it is in front-back direction?"]},
    "vert_LI": {"registrar": ["Cranial or caudal?", "Where on the head-feet axis?"],
                "explainer": ["Is it higher or lower in the body on this view?", "How high up is it?"],
                "editor": ["Add its head-to-feet position.", "Cranio-caudal position?"],
                "esl": ["It is more up or more down?", "Where it is, to the head or to the feet?"]},
    "size": {"registrar": ["Size?", "How big, roughly?"],
             "explainer": ["How big is it on this slice?", "Can you put its size in context?"],
             "editor": ["Add a size statement.", "Quantify the size, please."],
             "esl": ["How big it is?", "What is the size of it?"]},
    "count": {"registrar": ["One component or several?", "Any satellites?"],
              "explainer": ["Is it one piece or several separate pieces?", "How many separate regions did you find?"],
              "editor": ["State the number of components.", "Single or multiple regions?"],
              "esl": ["It is one piece or more?", "How many parts there are?"]},
    "rel": {"registrar": ["Relations to neighbours?", "What does it abut?"],
            "explainer": ["How does it relate to the structures around it?", "What are its neighbours?"],
            "editor": ["Add one line on relations to adjacent structures.", "Relations, please."],
            "esl": ["What is near to it?", "Where it is compared with other organs?"]},
    "summary": {"registrar": ["Summarise in one line for the list.", "Wrap it up for the report."],
                "explainer": ["Can you summarise everything?", "Give me a short recap."],
                "editor": ["Give me the final, cleaned-up version.", "Summarise the edited description."],
                "esl": ["Can you make short summary?", "Please give me summary of all."]},
}

PREMISE = {  # user states a fact as settled, then asks about something else
    "registrar": ["Given it's {ph}, ", "Since it's {ph}: ", "OK, {ph} then. "],
    "explainer": ["So since it's {ph}, ", "Got it, it's {ph}. Then ", "Given that it's {ph}, "],
    "editor": ["Keep '{ph}' as is. ", "Fine, {ph}. ", "Since it's {ph}, "],
    "esl": ["Because it is {ph}, ", "So it is {ph}, ok. ", "If it is {ph}, "],
}
DOUBT = {  # user voices a wrong idea and asks; the assistant corrects it (clean trap)
    "registrar": ["Looked {ph} to me — sure?", "I'd have said {ph}. Right?"],
    "explainer": ["Wait, I thought it was {ph}. Is that wrong?", "Isn't it {ph}, though?"],
    "editor": ["The draft I got earlier said {ph}. Check that.", "A colleague wrote '{ph}'. Correct?"],
    "esl": ["I think it is {ph}, no?", "My colleague say it is {ph}. Is true?"],
}
NO = {"registrar": ["No. ", "Not quite. "], "explainer": ["Good question, but no: ", "Not quite! "],
      "editor": ["That draft wording is wrong: ", "Correction needed: "], "esl": ["No, this is not correct. ", "Not like this. "]}


# ------------------------------------------------------------------ builder

def _wrong(kind, f, p, rng):
    if kind == "side":
        lat = f["laterality"]
        if lat == "left":
            return rng.choice(["right", "right", "midline"])
        if lat == "right":
            return rng.choice(["left", "left", "midline"])
        if lat == "midline":
            return rng.choice(["left", "right"])
        return rng.choice(["left", "right"])
    if kind == "vert":
        v = f["vertical"]
        if p["orientation"] == "LP":
            return {"anterior": "posterior", "posterior": "anterior"}.get(v) or rng.choice(["anterior", "posterior"])
        return {"superior": "inferior", "inferior": "superior"}.get(v) or rng.choice(["superior", "inferior"])
    if kind == "size":
        sc = f["size_class"]
        return {"small": rng.choice(["large", "large", "medium"]), "medium": rng.choice(["small", "large"]),
                "large": rng.choice(["small", "small", "medium"])}[sc]
    if kind == "pct":
        t = 100 * f["area_fraction"]
        return round(t * (rng.uniform(2.9, 4.0) if (t < 8 and rng.random() < 0.7) or t < 2 else rng.uniform(0.15, 0.32)), 3)
    if kind == "count":
        n = f["components"]
        return rng.choice([2, 3]) if n == 1 else rng.choice([1, n + 1]) if n == 2 else rng.choice([1, 2])
    raise ValueError(kind)


def _value(kind, f, rng, row=None):
    if kind == "side":
        return f["laterality"]
    if kind == "vert":
        return f["vertical"]
    if kind == "size":
        return f["size_class"]
    if kind == "pct":
        return row.true_pct()
    if kind == "count":
        return f["components"]


def _sentence(row, kind, value):
    if kind == "side":
        return row.s_side(value)
    if kind == "vert":
        return row.s_vert(value)
    if kind == "size":
        return row.s_size(value)
    if kind == "pct":
        return row.s_pct(value)
    if kind == "count":
        return row.s_count(value)
    if kind == "rel":
        return row.s_rel(*value)


def _premise_ph(row, kind, value):
    if kind == "side":
        return row.log("side", value, row.rng.choice(SIDE[value]))
    if kind == "vert":
        return row.log("vert", value, row.rng.choice(VERT[row.p["orientation"]][value]))
    if kind == "size":
        return row.log("size", value, row.rng.choice(SIZE_WORDS[value]))
    if kind == "pct":
        return "about " + row.log("pct", value, fmt_pct(value, row.rng, "registrar")) + " of the slice"
    if kind == "count":
        return row.log("count", value, count_phrase(value, row.rng, "explainer", row.plural))
    if kind == "rel":
        return row.log("rel", list(value), row.rel_ph(*value))


def build(p, facts, style, rng, defect):
    row = Row(p, facts, style, rng)
    f = facts
    rels = [(r["other"], r["relation"]) for r in f["relations"]]
    kinds_avail = ["side", "vert", "size", "pct", "count"] + (["rel"] if rels else [])

    # ---- where the defect goes
    dkind = dloc = None
    dval = None
    drel = None
    if defect in ("laterality", "position", "size", "count"):
        dkind = {"laterality": "side", "size": rng.choice(["size", "pct"]), "count": "count",
                 "position": ("rel" if rels and rng.random() < 0.5 else "vert")}[defect]
        dloc = rng.choices(["first", "follow", "user"], [0.55, 0.2, 0.25])[0]
        if dkind == "rel":
            drel = rng.choice(rels)
            dval = (drel[0], OPP_REL[drel[1]])
            row.excl.add(("rel", drel[0], AXIS[drel[1]]))
        else:
            dval = _wrong(dkind, f, p, rng)
            row.excl.add(KIND_GROUP[dkind])

    def allowed(kind, relv=None):
        if kind == "rel":
            return ("rel", relv[0], AXIS[relv[1]]) not in row.excl
        return KIND_GROUP[kind] not in row.excl

    n_rounds = rng.choice([2, 2, 3]) if dloc not in ("follow", "user") else rng.choice([2, 3])
    # topics of the follow-up rounds
    topic_pool = [t for t in ("side", "vert", "size", "count") if t not in row.excl] + ["summary"]
    if any(allowed("rel", r) for r in rels):
        topic_pool.append("rel")
    follow_topics = []
    for _ in range(n_rounds - 1):
        t = rng.choice([t for t in topic_pool if t not in follow_topics] or topic_pool)
        follow_topics.append(t)
    defect_round = None
    if dloc == "follow":
        defect_round = rng.randrange(n_rounds - 1)
        follow_topics[defect_round] = {"pct": "size"}.get(dkind, dkind)
    if dloc == "user":
        defect_round = rng.randrange(n_rounds - 1)
        dgroup = {"pct": "size"}.get(dkind, dkind)
        if follow_topics[defect_round] in (dgroup, "summary"):
            follow_topics[defect_round] = rng.choice([t for t in topic_pool if t not in (dgroup, "summary")])
    # a clean trap: a doubt the assistant corrects, in a round that is not the defect round
    doubt_round = None
    if n_rounds == 3 or dloc is None:
        cand = [i for i in range(n_rounds - 1) if i != defect_round]
        if cand and rng.random() < 0.45:
            doubt_round = rng.choice(cand)

    # ---- turn 1
    row.add("user", first_question(p, style, rng, defect == "names_target", no_side=defect == "laterality"))

    # ---- first answer
    first_kinds = rng.sample(["side", "vert", "size", "count"], rng.choice([2, 3, 4]))
    if "size" in first_kinds and rng.random() < 0.6:
        first_kinds.append("pct")
    if rels and rng.random() < 0.6:
        first_kinds.append("rel")
    # in follow/user-defect rows the defect's fact is left out of the first answer
    if dloc in ("follow", "user"):
        first_kinds = [k for k in first_kinds if k == "rel" or KIND_GROUP[k] != KIND_GROUP.get(dkind)]
    if dloc == "first" and dkind not in first_kinds:
        first_kinds.append(dkind)
    sents = []
    pct_with_size = "size" in first_kinds and "pct" in first_kinds and rng.random() < 0.5
    for k in first_kinds:
        if k == "rel":
            choices = [r for r in rels if allowed("rel", r)]
            if dloc == "first" and dkind == "rel":
                sents.append(row.s_rel(*dval))
                choices = [r for r in choices if r[0] != drel[0]]
            for r in rng.sample(choices, min(len(choices), rng.choice([1, 2]))):
                sents.append(row.s_rel(*r))
            continue
        if dloc == "first" and k == dkind:
            if k == "size" and pct_with_size:
                pct_with_size = False
            sents.append(_sentence(row, k, dval))
            continue
        if k == "pct" and pct_with_size:
            continue
        if not allowed(k):
            continue
        if k == "size" and pct_with_size and allowed("pct"):
            sents.append(row.s_size(f["size_class"], with_pct=row.true_pct()))
        else:
            sents.append(_sentence(row, k, _value(k, f, rng, row)))
    # traps
    know = rng.sample(p["know"], rng.choice([1, 2]))
    traps = []
    neg_groups = [g for g in ("side", "count", "size", "vert") if g not in row.excl]
    if neg_groups and rng.random() < 0.55:
        traps.append(row.s_neg(rng.choice(neg_groups)))
    if f["laterality"] in ("left", "right") and p.get("alt") and "side" not in row.excl and rng.random() < 0.4:
        o = "right" if f["laterality"] == "left" else "left"
        row.log("side", o, f"on the patient's {o}", "hypo")
        traps.append(rng.choice([f"If it were on the patient's {o} instead, I would have thought of {p['alt']}.",
                                 f"Had this been on the patient's {o}, {p['alt']} would be the first alternative."]))
    if rng.random() < 0.3:
        traps.append(row.s_conv_generic())
    if f["components"] == 1 and "count" not in row.excl and rng.random() < 0.2:
        row.log("count", 2, "a second separate focus", "hypo")
        traps.append("If there were a second separate focus, I would outline it too.")
    name = p["disp"][0]
    row.add("assistant", _compose_first(row, name, sents, know, traps))

    # ---- follow-up rounds
    for ri, topic in enumerate(follow_topics):
        is_def = ri == defect_round
        q_topic = topic
        if topic == "vert" and p["orientation"] == "LI":
            q_topic = "vert_LI"
        q = rng.choice(FOLLOW_Q[q_topic][style])
        pre = ""
        doubt = None
        if is_def and dloc == "user":
            ph = _premise_ph(row, dkind, dval)
            pre = rng.choice(PREMISE[style]).format(ph=ph)
            if pre.endswith((", ", "Then ")) and not q.startswith(("I ", "I'")):
                q = q[0].lower() + q[1:]
        elif ri == doubt_round:
            g = [k for k in ("side", "vert", "size", "count") if k not in row.excl]
            if topic in g:
                g = [topic]
            if g:
                doubt = rng.choice(g)
                wv = _wrong(doubt, f, p, rng)
                ph = _premise_ph(row, doubt, wv)
                row.pending[-1]["mode"] = "corrected"
                q = rng.choice(DOUBT[style]).format(ph=ph)
                if topic != doubt:
                    q += " " + rng.choice(FOLLOW_Q[q_topic][style])
        row.add("user", pre + q)
        parts = []
        if doubt:
            parts.append(rng.choice(NO[style]) + _sentence(row, doubt, _value(doubt, f, rng, row)))
        if is_def and dloc == "follow":
            if dkind == "rel":
                parts.append(row.s_rel(*dval))
            elif dkind in ("size", "pct") and rng.random() < 0.3:
                parts.append(_sentence(row, dkind, dval))
            else:
                parts.append(_sentence(row, dkind, dval))
        elif topic == "summary":
            parts.append(_summary(row, rels, allowed))
        elif topic == "rel":
            ok = [r for r in rels if allowed("rel", r)]
            for r in rng.sample(ok, min(len(ok), 2)) if ok else []:
                parts.append(row.s_rel(*r))
            if not ok:
                parts.append("I'd rather not state a relation here beyond what the mask shows.")
        elif topic != doubt:
            if topic == "size":
                ks = [k for k in ("size", "pct") if allowed(k)]
                if "size" in ks and "pct" in ks and rng.random() < 0.5:
                    parts.append(row.s_size(f["size_class"], with_pct=row.true_pct()))
                else:
                    for k in ks:
                        parts.append(_sentence(row, k, _value(k, f, rng, row)))
            elif allowed(topic):
                parts.append(_sentence(row, topic, _value(topic, f, rng, row)))
        if not parts or rng.random() < 0.35:
            parts.append(rng.choice(p["know"]))
        row.add("assistant", _wrap_follow(row, parts, plain=bool(doubt)))

    LEDGER.append({"target": p["target"], "style": style, "defect": defect, "dkind": dkind, "dloc": dloc,
                   "claims": row.claims})
    return row.turns, ([] if defect is None else [defect])


def _summary(row, rels, allowed):
    f, rng = row.f, row.rng
    bits = []
    for k in rng.sample(["side", "vert", "size", "count"], rng.choice([2, 3, 4])):
        if not allowed(k):
            continue
        bits.append(_sentence(row, k, _value(k, f, rng, row)))
    ok = [r for r in rels if allowed("rel", r)]
    if ok and rng.random() < 0.5:
        bits.append(row.s_rel(*rng.choice(ok)))
    if not bits:
        bits.append(f"{row.p['disp'][0][0].upper() + row.p['disp'][0][1:]} is outlined as described above.")
    return " ".join(bits)


def _compose_first(row, name, sents, know, traps):
    st, rng = row.style, row.rng
    cap = name[0].upper() + name[1:]
    is_ = "are" if row.plural else "is"
    if st == "registrar":
        head = rng.choice([f"{cap} [SEG].", f"Segmented: {name} [SEG].", f"That's {name} [SEG]."])
        body = " ".join(sents)
        extra = " ".join(traps)
        nb = " NB: " + " ".join(know) if know else ""
        return " ".join(x for x in (head, body, extra) if x) + nb
    if st == "explainer":
        head = rng.choice([f"Great question! The structure you're describing is **{name}** [SEG].",
                           f"The answer here is **{name}** [SEG]; let me walk through it.",
                           f"This is **{name}** [SEG]. Here's a breakdown:"])
        bullets = "\n".join(f"- {s}" for s in sents)
        why = "**Why this fits:** " + " ".join(know)
        tail = " ".join(traps)
        end = rng.choice(["", "\n\nWant me to outline anything nearby as well?", "\n\nLet me know if you'd like the measurements in mm."])
        return f"{head}\n\n{bullets}\n\n{why}" + (f"\n\n{tail}" if tail else "") + end
    if st == "editor":
        head = rng.choice([f"Draft (physician-edited): {cap} [SEG].", f"Edited model draft: the target {is_} {name} [SEG].",
                           f"Revised text: {cap} [SEG] (model draft, my edits in brackets)."])
        body = " ".join(sents)
        note = ""
        # a bracketed edit that removes a draft error and keeps the truth beside it
        groups = [g for g in ("side", "size", "count", "vert") if g not in row.excl]
        if groups and rng.random() < 0.5:
            g = rng.choice(groups)
            wv = _wrong(g, row.f, row.p, rng)
            ph = _premise_ph(row, g, wv)
            row.pending[-1]["mode"] = "corrected"
            tv = _value(g, row.f, rng, row)
            tph = _premise_ph(row, g, tv)
            note = rng.choice([f"[Edit: the draft said '{ph}'; corrected to '{tph}'.]",
                               f"[Removed the draft's '{ph}', which was wrong; it is {tph}.]"])
        return " ".join(x for x in (head, body, note, " ".join(traps), " ".join(know)) if x)
    head = rng.choice([f"This structure is {name} [SEG].", f"I think this is {name} [SEG].", f"The answer: {name} [SEG]."])
    return " ".join(x for x in (head, " ".join(sents), " ".join(traps), " ".join(know)) if x)


def _wrap_follow(row, parts, plain=False):
    st, rng = row.style, row.rng
    body = " ".join(parts)
    if plain:
        return body
    if st == "explainer":
        return rng.choice(["Sure! ", "Happy to explain. ", "", "Of course. "]) + body
    if st == "editor":
        return rng.choice(["Edited: ", "[Revised] ", "", "Updated line: "]) + body
    if st == "esl":
        pre = rng.choice(["Yes. ", "Ok, ", "", "So, "])
        return pre + (body[0].lower() + body[1:] if pre.endswith(", ") and not body.startswith("I ") else body)
    return body
