"""Bank EB: what the product really generates on public abdominal CT sets.

Targets are the labels that public abdominal CT sets carry (TotalSegmentator / AMOS / BTCV / LiTS / KiTS
style): liver, spleen, left kidney, right kidney, kidneys, pancreas, gallbladder, stomach, aorta, inferior
vena cava, left and right adrenal gland, duodenum, esophagus, urinary bladder, colon (two or three pieces),
small bowel (four to six loops), portal vein, liver tumor(s), kidney tumor, kidney cyst(s), prostate and
uterus; axial slices ("LP") for most, a few coronal ones ("LI").

Registers (STYLES): what three LLM families write when given the product's own generation prompt
(`pipelines/prompts/v1|v2`: implicit first question of style function / clinical_scenario /
anatomical_relation / differential, follow-ups on side, position, size, parts, relations, function):
"gpt4o_like" (polished, bold names, dashes, bullet lists), "llama3_8b_like" (a small model: repeats the
name, echoes the fact lines "Side: left.", filler, clumsy questions, an occasional cut-off turn) and
"qwen_like" (formal, "Based on the description", "accounting for", "In summary"); plus "physician_edit",
a physician's light edit of such a draft: struck sentences (~~...~~, [deleted: ...]) that are rephrased
or corrected, added caveats, the odd added fact.

Defects are the slips such models make: the mirrored side (image side read as the patient's), a
one-sided word for a bilateral mask, a wrong class word, a percent read as a fraction (x10, /10) or
misremembered, a miscounted number of loops / segments / lesions, a flipped relation ("in front of" for
behind), or the target's name, synonym or adjective in the first question.

Written without reading QC (nothing under medseg_qa/qc, medseg_qa/knowledge*, tests/unit, bench, nor
any other bank or corpus file was opened).

Own check (/work/notes/qceb_scripts/check_eb.py, ledger of every claim re-evaluated against the row's
facts): rows: 420 clean: 210 defects: 210 (42 of each kind) problems: 0.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["gpt4o_like", "llama3_8b_like", "qwen_like", "physician_edit"]
N = 256
LAST_LEDGER: list = []  # the claims of the last built row (read by the writer's own check only)


def _p(target, orient, shapes, others, region="abdomen", **kw):
    d = {"target": target, "orient": orient, "shapes": shapes, "others": others, "region": region}
    d.update(kw)
    return d


# shapes: (cx, cy, rx, ry, angle in degrees) in pixels of a 256 x 256 slice; others: neighbour centroids
# in pixels. LP: columns run to the patient's left, rows to posterior; LI: rows run inferior.
PROFILES = [
    _p("liver", "LP", [(78, 104, 46, 40, -15), (118, 92, 20, 13, 20)],
       {"stomach": (165, 95), "aorta": (130, 160), "inferior vena cava": (108, 150), "right kidney": (86, 165),
        "spleen": (195, 140)}),
    _p("liver", "LP", [(74, 118, 42, 38, 10)],
       {"gallbladder": (102, 136), "aorta": (130, 162), "right kidney": (84, 168), "stomach": (168, 98)}),
    _p("liver", "LI", [(85, 80, 48, 34, 10)],
       {"right kidney": (90, 150), "stomach": (165, 100), "urinary bladder": (128, 225), "spleen": (185, 88)}),
    _p("spleen", "LP", [(192, 150, 19, 30, -25)],
       {"stomach": (165, 95), "left kidney": (168, 160), "aorta": (130, 160), "liver": (80, 110)}),
    _p("spleen", "LI", [(186, 86, 20, 28, 15)],
       {"left kidney": (168, 142), "liver": (85, 85), "stomach": (158, 106)}),
    _p("left kidney", "LP", [(170, 160, 14, 19, -20)],
       {"aorta": (130, 160), "spleen": (192, 138), "pancreas": (150, 124), "stomach": (165, 95)}),
    _p("left kidney", "LI", [(170, 146, 15, 24, 10)],
       {"spleen": (186, 86), "aorta": (130, 140), "left adrenal gland": (158, 112)}),
    _p("right kidney", "LP", [(86, 162, 14, 19, 20)],
       {"liver": (80, 110), "inferior vena cava": (108, 150), "aorta": (130, 160), "duodenum": (104, 128)}),
    _p("right kidney", "LI", [(88, 150, 15, 24, -10)],
       {"liver": (85, 80), "inferior vena cava": (110, 130), "right adrenal gland": (98, 112)}),
    _p("kidneys", "LP", [(86, 162, 14, 19, 20), (170, 160, 14, 19, -20)],
       {"aorta": (130, 160), "liver": (80, 110), "spleen": (192, 140)}),
    _p("kidneys", "LI", [(88, 150, 15, 24, -10), (170, 146, 15, 24, 10)],
       {"liver": (85, 80), "urinary bladder": (128, 228), "aorta": (130, 130)}),
    _p("pancreas", "LP", [(112, 132, 12, 10, 0), (136, 124, 18, 8, -10), (164, 115, 15, 7, -20)],
       {"aorta": (130, 160), "stomach": (165, 92), "duodenum": (94, 136), "left kidney": (170, 162)}),
    _p("gallbladder", "LP", [(100, 128, 9, 14, 20)],
       {"liver": (80, 108), "stomach": (166, 96), "right kidney": (86, 164), "aorta": (130, 162)}),
    _p("stomach", "LP", [(165, 92, 30, 20, -20)],
       {"liver": (80, 110), "spleen": (194, 150), "pancreas": (140, 124), "aorta": (130, 160)}),
    _p("stomach", "LI", [(160, 100, 28, 22, 20)],
       {"liver": (85, 80), "spleen": (188, 84), "left kidney": (170, 146)}),
    _p("aorta", "LP", [(128, 162, 10, 10, 0)],
       {"inferior vena cava": (106, 158), "pancreas": (138, 122), "left kidney": (170, 160),
        "right kidney": (86, 162)}),
    _p("aorta", "LI", [(130, 140, 8, 62, 0)],
       {"inferior vena cava": (106, 135), "liver": (85, 80), "urinary bladder": (128, 228)}),
    _p("inferior vena cava", "LP", [(106, 155, 10, 8, 0)],
       {"aorta": (128, 162), "liver": (80, 110), "portal vein": (118, 126), "right kidney": (84, 162)}),
    _p("inferior vena cava", "LI", [(108, 135, 8, 55, 0)],
       {"aorta": (130, 140), "liver": (85, 76), "right kidney": (86, 150)}),
    _p("left adrenal gland", "LP", [(158, 148, 4, 10, -30)],
       {"aorta": (128, 166), "left kidney": (175, 174), "pancreas": (140, 122), "spleen": (194, 140)}),
    _p("right adrenal gland", "LP", [(100, 148, 4, 10, 30)],
       {"inferior vena cava": (115, 130), "right kidney": (82, 172), "liver": (80, 108), "aorta": (128, 168)}),
    _p("duodenum", "LP", [(92, 130, 8, 9, 0), (122, 148, 15, 6, 0)],
       {"pancreas": (140, 122), "stomach": (166, 94), "aorta": (130, 166), "gallbladder": (96, 104)}),
    _p("duodenum", "LP", [(96, 132, 9, 11, 10)],
       {"stomach": (166, 94), "aorta": (130, 162), "right kidney": (84, 164), "liver": (72, 106)}),
    _p("esophagus", "LP", [(140, 138, 7, 6, 0)],
       {"aorta": (133, 162), "stomach": (172, 100), "liver": (80, 110)}),
    _p("urinary bladder", "LP", [(128, 108, 30, 22, 0)],
       {"rectum": (128, 178), "left femoral head": (186, 136), "right femoral head": (70, 136)}, "pelvis"),
    _p("urinary bladder", "LI", [(128, 206, 32, 20, 0)],
       {"small bowel": (128, 140), "left femoral head": (186, 214), "right femoral head": (70, 214)}, "pelvis"),
    _p("colon", "LP", [(52, 135, 13, 13, 0), (205, 140, 12, 12, 0), (128, 72, 34, 10, 0)],
       {"liver": (80, 110), "stomach": (165, 92), "aorta": (128, 162), "small bowel": (130, 128)}),
    _p("colon", "LP", [(55, 130, 14, 14, 0), (203, 138, 12, 12, 0)],
       {"aorta": (128, 162), "small bowel": (130, 128), "right kidney": (86, 160)}),
    _p("colon", "LI", [(60, 160, 11, 26, 0), (128, 108, 36, 9, 5), (198, 150, 10, 28, 0)],
       {"liver": (85, 70), "urinary bladder": (128, 228), "small bowel": (128, 160)}),
    _p("small bowel", "LP", [(110, 125, 9, 7, 0), (140, 116, 8, 8, 0), (125, 146, 10, 7, 20), (162, 140, 8, 7, 0),
                             (94, 152, 7, 8, 0), (152, 167, 9, 6, 0)],
       {"aorta": (128, 170), "colon": (128, 80), "liver": (72, 104)}),
    _p("small bowel", "LP", [(150, 118, 10, 8, 0), (176, 136, 9, 9, 0), (160, 162, 8, 8, 0), (134, 146, 7, 7, 0)],
       {"aorta": (128, 168), "liver": (74, 108), "stomach": (168, 86)}),
    _p("small bowel", "LI", [(100, 150, 10, 8, 0), (135, 140, 11, 9, 0), (166, 160, 9, 8, 0), (120, 176, 10, 7, 0),
                             (152, 186, 9, 8, 0)],
       {"liver": (85, 76), "urinary bladder": (128, 230), "stomach": (165, 98)}),
    _p("portal vein", "LP", [(118, 126, 9, 6, -30)],
       {"inferior vena cava": (100, 156), "liver": (78, 108), "aorta": (130, 164), "stomach": (166, 94)}),
    _p("liver tumor", "LP", [(70, 115, 12, 10, 0)],
       {"liver": (80, 110), "gallbladder": (100, 135), "aorta": (130, 160), "inferior vena cava": (108, 152)}),
    _p("liver tumors", "LP", [(62, 100, 9, 8, 0), (90, 125, 7, 7, 0), (75, 142, 10, 8, 0)],
       {"liver": (80, 112), "aorta": (130, 162), "stomach": (166, 94)}),
    _p("liver tumors", "LP", [(65, 110, 10, 9, 0), (95, 90, 6, 6, 0), (150, 92, 8, 7, 0)],
       {"aorta": (130, 162), "right kidney": (84, 166), "spleen": (196, 140)}),
    _p("kidney tumor", "LP", [(176, 150, 9, 9, 0)],
       {"left kidney": (170, 160), "aorta": (128, 168), "spleen": (194, 140)}),
    _p("kidney tumor", "LP", [(78, 170, 10, 9, 0)],
       {"right kidney": (86, 162), "liver": (80, 110), "inferior vena cava": (106, 152)}),
    _p("kidney cysts", "LP", [(84, 170, 6, 6, 0), (92, 150, 5, 5, 0), (174, 158, 7, 7, 0)],
       {"aorta": (128, 162), "liver": (80, 110), "spleen": (194, 140)}),
    _p("kidney cyst", "LP", [(165, 150, 7, 7, 0)],
       {"aorta": (128, 166), "spleen": (194, 140), "pancreas": (142, 122)}),
    _p("prostate", "LP", [(128, 150, 14, 12, 0)],
       {"urinary bladder": (128, 105), "rectum": (128, 182), "left femoral head": (186, 140),
        "right femoral head": (70, 140)}, "pelvis"),
    _p("uterus", "LP", [(128, 128, 24, 18, 0)],
       {"urinary bladder": (128, 94), "rectum": (128, 182), "left ovary": (176, 126)}, "pelvis"),
]


def _draw(shapes, rng):
    yy, xx = np.mgrid[0:N, 0:N]
    m = np.zeros((N, N), bool)
    for cx, cy, rx, ry, ang in shapes:
        cx, cy = cx + rng.uniform(-1.5, 1.5), cy + rng.uniform(-1.5, 1.5)
        s = rng.uniform(0.96, 1.04)
        rx, ry = rx * s, ry * s
        t = math.radians(ang)
        dx, dy = xx - cx, yy - cy
        u, v = dx * math.cos(t) + dy * math.sin(t), -dx * math.sin(t) + dy * math.cos(t)
        m |= (u / rx) ** 2 + (v / ry) ** 2 <= 1.0
    return m


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    mask = _draw(p["shapes"], rng)
    others = {k: ((x + rng.uniform(-1, 1)) / (N - 1), (y + rng.uniform(-1, 1)) / (N - 1))
              for k, (x, y) in p["others"].items()}
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


def record_for(p):
    return {"modality": "CT", "body_region": p["region"], "orientation": p["orient"]}


# -- knowledge, written the way the product's knowledge entry reads (functions, clinical scenarios,
# differentials), plus what a model adds: reasoning, knowledge about other structures, population numbers.
# fn: verb phrases agreeing with qn; cases: (story, side the story gives or None); diff: look-alikes
# described without the target's name; give: first questions that DO name the target (names_target).

class _Giveaway:
    """Terms that give the target away: a leading / trailing space marks a word boundary ("hcc" as a word)."""

    def __init__(self, terms):
        self.terms = list(terms)

    def search(self, text):
        flat = " " + "".join(ch if ch.isalnum() else " " for ch in text.lower()) + " "
        return any(t in flat for t in self.terms)


def _kb(name, qn, role, fn, cases, diff, know, traps, give, forbid, alts=(), pl=False, unit="separate regions",
        unit1="single region", lesion=False):
    return dict(name=name, qn=qn, role=role, fn=fn, cases=cases, diff=diff, know=know, traps=traps, give=give,
                forbid=_Giveaway(forbid), alts=list(alts), pl=pl, unit=unit, unit1=unit1, lesion=lesion)


_KIDNEY_FORBID = ["kidney", "renal", "nephr", " reno"]
KB = {
    "liver": _kb(
        "the liver", "organ", "the organ that makes bile, albumin and most clotting factors",
        ["produces bile and clears most drugs and toxins from the blood",
         "stores glycogen and synthesises albumin and most clotting factors",
         "receives the nutrient-rich venous blood from the gut and processes it first",
         "is the main site of first-pass drug metabolism"],
        [("A 56-year-old with years of heavy drinking presents with jaundice, ascites and spider naevi.", None),
         ("A patient who took high-dose paracetamol for a week now has an ALT in the thousands and a prolonged INR.",
          None),
         ("An obese 45-year-old with type 2 diabetes has persistently raised transaminases and drinks no alcohol.",
          None),
         ("After a steering-wheel injury a driver has lower rib fractures on the right and a falling haemoglobin.",
          "right")],
        ["a food-filled stomach and the spleen, which have a similar density on a single slice",
         "the spleen when its tip wraps across in a thin patient, and a fluid-filled stomach"],
        ["It makes bile, albumin and most clotting factors, and handles first-pass drug metabolism.",
         "It has a dual blood supply: roughly three quarters from the portal vein and the rest from the hepatic artery.",
         "Fatty infiltration, cirrhosis and metastases are the findings most often looked for on CT.",
         "Its regenerative capacity is remarkable: after resection it regrows to near its original volume."],
        ["The spleen sits on the opposite side, under the left hemidiaphragm.",
         "Some degree of fatty infiltration is found in about a quarter of adults in Western countries.",
         "The gallbladder hangs in a fossa on its undersurface.",
         "The inferior vena cava lies to the right of the aorta, in front of the spine."],
        ["Which organ is the liver on this slice? Please segment it.",
         "A patient has suspected hepatic steatosis. Which organ should be outlined here? Segment it.",
         "Can you segment the liver, the organ that produces bile?",
         "Which structure is the hepatic parenchyma in this image? Segment it."],
        ["liver", "hepat", " hcc "], alts=["this organ", "the hepatic parenchyma", "the organ"]),
    "spleen": _kb(
        "the spleen", "organ", "the lymphoid organ that filters ageing red cells and blood-borne bacteria",
        ["filters ageing red blood cells and blood-borne bacteria",
         "is the largest lymphoid organ and clears encapsulated bacteria from the blood",
         "sequesters platelets and recycles iron from worn-out red cells"],
        [("A teenager with infectious mononucleosis is told to avoid contact sports for several weeks.", None),
         ("After a fall onto the lower ribs on the left, a cyclist becomes hypotensive with free fluid in the abdomen.",
          "left"),
         ("A patient with portal hypertension has a persistently low platelet count.", None)],
        ["an accessory nodule of the same tissue, the upper pole of the left kidney and the gastric fundus",
         "the tail of the pancreas and a fluid-filled gastric fundus"],
        ["It removes senescent red cells and encapsulated bacteria, so people without it need vaccination.",
         "It enlarges in portal hypertension, haematological disease and infections such as mononucleosis.",
         "It is the solid organ most often injured in blunt abdominal trauma."],
        ["Accessory spleens (splenules) turn up in roughly 10-30% of people.",
         "A length over about 13 cm is usually called enlarged.",
         "The liver, by contrast, fills most of the right upper abdomen.",
         "The tail of the pancreas reaches toward its hilum."],
        ["Which organ is the spleen here? Segment it.",
         "A patient has splenomegaly after mononucleosis. Which organ should be outlined? Please segment it.",
         "Please segment the splenic parenchyma on this image."],
        ["splen", "spleen", " lien"], alts=["this organ", "the organ"]),
    "left kidney": _kb(
        "the left kidney", "organ", "the organ that filters the blood and produces urine",
        ["filters the blood and produces urine", "secretes erythropoietin and activates vitamin D",
         "regulates salt and water balance by filtering plasma"],
        [("A 38-year-old has colicky loin-to-groin pain on the left and microscopic haematuria.", "left"),
         ("A diabetic patient's creatinine has doubled in a year and the urine shows protein.", None),
         ("A patient with fever, rigors and costovertebral-angle tenderness on the left has a positive urine culture.",
          "left")],
        ["the lower tip of the spleen and the descending colon, which can lie against it",
         "a fluid-filled loop of jejunum and the psoas muscle"],
        ["It filters roughly 180 litres of plasma a day and concentrates it to about 1.5 litres of urine.",
         "It also makes erythropoietin and activates vitamin D.",
         "Stones, cysts and tumours are the commonest findings on CT."],
        ["The left renal vein crosses in front of the aorta to reach the inferior vena cava.",
         "In most people the right kidney sits 1-2 cm lower than the left one.",
         "Simple cysts are found in about a quarter of adults over 50."],
        ["Which organ is the left kidney? Please segment it.",
         "Segment the left renal parenchyma on this slice.",
         "A patient has left renal colic. Please outline the organ involved."],
        _KIDNEY_FORBID, alts=["this organ", "the organ"]),
    "right kidney": _kb(
        "the right kidney", "organ", "the organ that filters the blood and produces urine",
        ["filters the blood and produces urine", "secretes erythropoietin and activates vitamin D",
         "regulates salt and water balance by filtering plasma"],
        [("A 42-year-old has colicky loin-to-groin pain on the right and blood in the urine.", "right"),
         ("A hypertensive patient has a rising creatinine after starting an ACE inhibitor.", None),
         ("A febrile patient has tenderness at the right costovertebral angle and a positive urine culture.",
          "right")],
        ["the lower tip of the liver and the hepatic flexure of the colon",
         "a fluid-filled duodenum and the psoas muscle"],
        ["It filters roughly 180 litres of plasma a day and concentrates it to about 1.5 litres of urine.",
         "It also makes erythropoietin and activates vitamin D.",
         "Stones, cysts and tumours are the commonest findings on CT."],
        ["The left renal vein is longer than the right because it has to cross the aorta.",
         "The liver above usually pushes this organ 1-2 cm lower than its partner.",
         "About one person in a thousand is born with a single kidney."],
        ["Which organ is the right kidney? Please segment it.",
         "Segment the right renal parenchyma on this slice.",
         "A patient has right renal colic. Outline the organ involved."],
        _KIDNEY_FORBID, alts=["this organ", "the organ"]),
    "kidneys": _kb(
        "the kidneys", "paired organs", "the paired organs that filter the blood and make urine",
        ["filter the blood and make urine", "regulate fluid balance and secrete erythropoietin",
         "excrete urea and creatinine and keep potassium in range"],
        [("A diabetic patient's creatinine has doubled over a year and the eGFR is now 28.", None),
         ("A 40-year-old with a family history of early dialysis has hypertension and flank discomfort on both sides.",
          "bilateral"),
         ("A patient on long-term lithium has polyuria and a slowly rising creatinine.", None)],
        ["the psoas muscles and the crura of the diaphragm that lie close by",
         "fluid-filled bowel loops and the spleen and liver tips"],
        ["Together they receive about a fifth of the cardiac output.",
         "They regulate water, salt and acid-base balance and make erythropoietin.",
         "Each has a cortex and a medulla that enhance differently after contrast."],
        ["The left renal vein passes in front of the aorta, while the right renal artery runs behind the inferior vena cava.",
         "About one person in a thousand has only one kidney.",
         "The adrenal glands sit on top of them."],
        ["Please segment both kidneys.",
         "Which organs are the kidneys on this slice? Outline them.",
         "This patient has renal failure. Which organs should be segmented?"],
        _KIDNEY_FORBID, alts=["these organs", "both organs"], pl=True, unit="separate regions"),
    "pancreas": _kb(
        "the pancreas", "organ", "the gland that secretes digestive enzymes and insulin",
        ["secretes digestive enzymes into the duodenum and insulin into the blood",
         "contains the islets that make insulin and glucagon",
         "produces lipase, amylase and a bicarbonate-rich juice"],
        [("A 48-year-old with gallstones has epigastric pain boring through to the back and a lipase five times normal.",
          None),
         ("A smoker has new-onset diabetes, weight loss and painless jaundice.", None),
         ("A patient with chronic alcohol use has greasy stools and calcifications in the upper abdomen.", None)],
        ["the unopacified duodenum and the splenic vein that runs along its back",
         "unopacified bowel loops and enlarged lymph nodes"],
        ["Its exocrine part makes digestive enzymes; the islets make insulin and glucagon.",
         "Acute inflammation from gallstones or alcohol is the usual emergency, adenocarcinoma the feared diagnosis.",
         "It is divided into head, neck, body and tail."],
        ["The splenic vein runs along its posterior surface.",
         "Its head lies in the C-loop of the duodenum on the patient's right and its tail reaches toward the spleen on the left.",
         "About 80% of pancreatic cancers are unresectable at diagnosis."],
        ["Which organ is the pancreas here? Segment it.",
         "A patient has acute pancreatitis. Please segment the inflamed gland.",
         "Segment the pancreatic parenchyma in this image."],
        ["pancrea"], alts=["this gland", "the gland"]),
    "gallbladder": _kb(
        "the gallbladder", "structure", "the sac that stores and concentrates bile",
        ["stores and concentrates bile between meals",
         "contracts after a fatty meal and empties bile into the duodenum"],
        [("A 42-year-old woman has pain in the right upper abdomen after fatty meals and a positive Murphy's sign.",
          "right"),
         ("A febrile patient has had constant pain under the ribs on the right for two days.", "right"),
         ("A patient has episodes of upper abdominal pain after meals and small stones on an earlier ultrasound.",
          None)],
        ["a fluid-filled duodenal bulb and a simple cyst in the adjacent solid organ",
         "the duodenal bulb and a fluid collection under the right costal margin"],
        ["It concentrates bile up to about tenfold and releases it when cholecystokinin rises after a meal.",
         "Stones are present in roughly 10-15% of adults, most of them silent.",
         "Acute inflammation shows as wall thickening and surrounding fluid."],
        ["The spleen lies on the opposite side, far from this region.",
         "Stones are about twice as common in women.",
         "The common bile duct runs down to the duodenum behind the pancreatic head."],
        ["Which structure is the gallbladder? Please segment it.",
         "A patient has acute cholecystitis. Segment the inflamed organ.",
         "Outline the GB on this slice."],
        ["gall", "cholecyst", " gb "], alts=["this organ", "the sac"]),
    "stomach": _kb(
        "the stomach", "organ", "the muscular sac that stores food and secretes acid and pepsin",
        ["secretes hydrochloric acid and pepsin and churns food into chyme",
         "stores a meal and releases it gradually into the duodenum",
         "secretes intrinsic factor, which is needed to absorb vitamin B12"],
        [("A patient on long-term NSAIDs has burning upper abdominal pain and coffee-ground vomiting.", None),
         ("A 70-year-old has early satiety, weight loss and iron-deficiency anaemia.", None),
         ("A patient with pernicious anaemia has low B12 and antibodies against parietal cells.", None)],
        ["a collapsed loop of colon and the left lobe of the liver",
         "the spleen and fluid-filled loops of jejunum"],
        ["Parietal cells secrete acid and intrinsic factor; chief cells secrete pepsinogen.",
         "Peptic ulcer and cancer are the main diseases it is imaged for.",
         "It is divided into fundus, body, antrum and pylorus."],
        ["Its fundus sits under the left hemidiaphragm, next to the spleen.",
         "Helicobacter pylori infects about half of the world's population.",
         "The pylorus lies just right of the midline and leads into the duodenum."],
        ["Which organ is the stomach here? Segment it.",
         "A patient has a gastric ulcer. Segment the organ involved.",
         "Please outline the stomach on this slice."],
        ["stomach", "gastr"], alts=["this organ", "the organ"]),
    "aorta": _kb(
        "the aorta", "vessel", "the main artery carrying oxygenated blood from the heart to the body",
        ["carries oxygenated blood from the heart to the abdominal organs and the legs",
         "is the largest artery and gives off the coeliac, mesenteric and renal arteries",
         "is the big elastic artery whose branches supply the gut and the lower limbs"],
        [("A 72-year-old smoker has a pulsatile epigastric mass and sudden severe back pain.", None),
         ("A hypertensive patient has tearing pain radiating to the back and unequal arm pressures.", None),
         ("A screening ultrasound in a 66-year-old man shows a dilated main artery of 4.8 cm.", None)],
        ["the large vein running beside it and a paravertebral lymph node mass",
         "the crura of the diaphragm and a retroperitoneal lymph node mass"],
        ["Its abdominal part normally measures under about 3 cm; above that it is called aneurysmal.",
         "It gives off the coeliac trunk, the superior and inferior mesenteric arteries and the renal arteries.",
         "Dissection and aneurysm rupture are the emergencies that CT is done for."],
        ["The inferior vena cava runs on the patient's right of the spine.",
         "Abdominal aneurysms are found in about 4-8% of older male smokers.",
         "The left renal vein crosses just in front of it."],
        ["Which vessel is the aorta here? Segment it.",
         "Please segment the abdominal aorta in this image.",
         "A patient has a suspected aortic aneurysm. Outline the vessel."],
        ["aort", " aaa "], alts=["this vessel", "the vessel", "the artery"]),
    "inferior vena cava": _kb(
        "the inferior vena cava", "vessel",
        "the large vein returning blood from the legs and abdomen to the right atrium",
        ["returns deoxygenated blood from the legs and abdominal organs to the heart",
         "collects the renal and hepatic veins on the way to the right atrium"],
        [("A patient with a large kidney cancer may have tumour thrombus growing into the main vein it drains into.",
          None),
         ("A patient with recurrent pulmonary emboli despite anticoagulation needs a filter placed.", None),
         ("A patient has swelling of both legs and dilated veins over the abdominal wall.", None)],
        ["the artery lying beside it and the crus of the diaphragm",
         "a retroperitoneal lymph node mass and the right renal artery"],
        ["It is formed by the union of the common iliac veins and receives the renal and hepatic veins.",
         "Its calibre changes with breathing and volume status.",
         "Filters are placed in it when anticoagulation fails or is contraindicated."],
        ["The aorta runs down the left side of the spine.",
         "The left renal vein is longer than the right because it must cross the aorta.",
         "A left-sided variant of this vein occurs in roughly 0.2-0.5% of people."],
        ["Which vessel is the inferior vena cava? Segment it.",
         "Please outline the IVC on this slice.",
         "Segment the caval lumen in this image."],
        ["vena", " cava", "caval", " ivc "], alts=["the IVC", "this vein", "the vessel"]),
    "left adrenal gland": _kb(
        "the left adrenal gland", "small endocrine structure",
        "the endocrine gland that makes cortisol, aldosterone and catecholamines",
        ["secretes cortisol and aldosterone from its cortex and catecholamines from its medulla",
         "produces the stress hormones cortisol and epinephrine"],
        [("A hypertensive patient has low potassium and a raised aldosterone level.", None),
         ("A patient has episodic headaches, sweating and palpitations with raised plasma metanephrines.", None),
         ("A 1.8 cm incidental nodule was found on a CT done for back pain and needs characterising.", None)],
        ["the splenic vessels, the upper pole of the left kidney and a lobulated tail of the pancreas",
         "a tortuous splenic artery and the crus of the diaphragm"],
        ["Its cortex makes cortisol, aldosterone and androgens; the medulla makes epinephrine and norepinephrine.",
         "Incidental nodules are found in about 3-7% of adult CT scans.",
         "On axial images it has a thin inverted-Y or lambda shape."],
        ["The right gland lies behind the inferior vena cava.",
         "The left adrenal vein drains into the left renal vein, not directly into the cava.",
         "Most incidental nodules under 4 cm are benign adenomas."],
        ["Which structure is the left adrenal gland? Please segment it.",
         "Segment the left suprarenal gland on this slice.",
         "A patient has an adrenal adenoma on the left. Outline the gland involved."],
        ["adrenal", "suprarenal", " gland"], alts=["this gland", "the gland"]),
    "right adrenal gland": _kb(
        "the right adrenal gland", "small endocrine structure",
        "the endocrine gland that makes cortisol, aldosterone and catecholamines",
        ["secretes cortisol and aldosterone from its cortex and catecholamines from its medulla",
         "produces the stress hormones cortisol and epinephrine"],
        [("A patient with Cushingoid features has a high late-night salivary cortisol and a suppressed ACTH.", None),
         ("A young patient has paroxysmal hypertension, sweating and a raised urinary metanephrine level.", None),
         ("A 2 cm incidental nodule was found on a CT done for abdominal pain.", None)],
        ["the crus of the diaphragm, the upper pole of the right kidney and a small vein behind the liver",
         "a retrocaval lymph node and the crus of the diaphragm"],
        ["Its cortex makes cortisol, aldosterone and androgens; the medulla makes epinephrine and norepinephrine.",
         "Incidental nodules are found in about 3-7% of adult CT scans.",
         "On axial images it is a thin linear or comma-shaped structure."],
        ["The left gland lies beside the aorta, in front of the upper pole of the left kidney.",
         "Its short vein drains straight into the inferior vena cava, which matters at surgery.",
         "Most incidental nodules under 4 cm are benign adenomas."],
        ["Which structure is the right adrenal gland? Please segment it.",
         "Segment the right suprarenal gland on this slice.",
         "A patient has a right adrenal adenoma. Outline the gland involved."],
        ["adrenal", "suprarenal", " gland"], alts=["this gland", "the gland"]),
    "duodenum": _kb(
        "the duodenum", "structure", "the first part of the small intestine, where bile and pancreatic juice enter",
        ["receives bile and pancreatic juice through the ampulla and starts chemical digestion",
         "neutralises acid arriving from upstream and releases secretin and cholecystokinin"],
        [("A patient with H. pylori and NSAID use has hunger pain relieved by eating and then melaena.", None),
         ("A child after a handlebar injury has bilious vomiting and a haematoma in the gut wall just beyond the pylorus.",
          None)],
        ["the head of the pancreas that it curves around and a fluid-filled gallbladder",
         "the pancreatic head and unopacified jejunal loops"],
        ["It is about 25 cm long and curves in a C shape around the pancreatic head.",
         "Most peptic ulcers beyond the pylorus sit in its first part.",
         "The ampulla of Vater opens on its medial wall."],
        ["The gallbladder lies close to its first part.",
         "The superior mesenteric artery and vein pass in front of its third part.",
         "About 5-10% of people have diverticula near the ampulla."],
        ["Which structure is the duodenum? Segment it.",
         "A patient has a duodenal ulcer. Outline the affected segment.",
         "Please segment the duodenal C-loop."],
        ["duoden"], alts=["this segment of gut", "the segment"], unit="separate segments", unit1="single segment"),
    "esophagus": _kb(
        "the esophagus", "structure", "the muscular tube carrying swallowed food to the stomach",
        ["carries swallowed food from the throat to the stomach by peristalsis",
         "has a lower sphincter that keeps acid from flowing back up"],
        [("A 65-year-old with years of heartburn now has progressive difficulty swallowing solids and weight loss.",
          None),
         ("After forceful vomiting a patient has severe chest pain and air under the skin of the neck.", None),
         ("A patient with cirrhosis vomits blood from varices just above the junction with the stomach.", None)],
        ["a hiatus hernia, the aorta beside it and an enlarged lymph node",
         "the crus of the diaphragm and a collapsed gastric fundus"],
        ["It is about 25 cm long and passes through the diaphragm at about T10.",
         "Reflux, Barrett's change and cancer are its main disorders.",
         "Varices at its lower end bleed in portal hypertension."],
        ["Most of the stomach lies on the patient's left, below the diaphragm.",
         "Barrett's change develops in roughly 10% of patients with chronic reflux.",
         "The aorta passes through the diaphragm lower down, at about T12."],
        ["Which structure is the esophagus? Segment it.",
         "Please segment the oesophageal wall in this image.",
         "A patient has esophageal cancer. Outline the organ."],
        ["esophag", "oesophag", "gullet", " gerd", " gord"], alts=["this tube", "the tube"]),
    "urinary bladder": _kb(
        "the urinary bladder", "organ", "the hollow muscular organ that stores urine",
        ["stores urine and empties it during voiding",
         "collects urine from both ureters and holds it until voiding"],
        [("A 70-year-old smoker has painless visible haematuria.", None),
         ("An elderly man cannot pass urine and has suprapubic pain with a palpable midline swelling.", "midline"),
         ("A woman has dysuria, frequency and suprapubic tenderness.", None)],
        ["a large ovarian fluid collection and free fluid in the pelvis",
         "free pelvic fluid and a distended sigmoid loop"],
        ["Its capacity is typically 400-600 ml in adults.",
         "The detrusor muscle contracts to empty it during voiding.",
         "Urothelial carcinoma is its common tumour, usually presenting with painless haematuria."],
        [("The rectum lies behind it in the pelvis.", [("rectum", "anterior_to")]),
         "The two ureters enter it from either side at the trigone.",
         "Its cancer is about four times more common in men."],
        ["Which organ is the urinary bladder? Segment it.",
         "Please segment the bladder on this slice.",
         "A patient has cystitis. Outline the inflamed organ."],
        ["bladder", "vesic", "cyst", "urinary"], alts=["this organ", "the organ"]),
    "colon": _kb(
        "the colon", "structure", "the large intestine that absorbs water and forms stool",
        ["absorbs water and electrolytes and stores stool before defecation",
         "hosts most of the gut microbiome and turns liquid chyme into formed stool"],
        [("A 68-year-old has a change in stool habit, weight loss and iron-deficiency anaemia.", None),
         ("A patient has six weeks of bloody diarrhoea and crypt abscesses on biopsy.", None),
         ("An elderly patient has fever, localised lower abdominal pain and a raised CRP.", None)],
        ["small intestinal loops, which show a feathery fold pattern rather than haustra",
         "loops of jejunum and ileum and the stomach"],
        ["It absorbs water and salts and stores faeces; it is roughly 1.5 m long.",
         "Cancer, diverticular disease and colitis are its main diseases.",
         "Its haustra and taeniae distinguish it from small bowel."],
        ["The caecum usually sits in the right iliac fossa and the sigmoid on the left side of the pelvis.",
         "Diverticula are present in more than half of people over 60.",
         "The hepatic flexure lies under the liver on the right and the splenic flexure sits higher, on the left."],
        ["Which structure is the colon? Segment it.",
         "Please segment the large bowel on this slice.",
         "A patient has colitis. Outline the colonic segments."],
        ["colon", "colic", "large bowel", "large intestin", "colorectal", "sigmoid", "cecum", "caecum", "rect"], alts=["the large bowel"],
        unit="separate segments", unit1="single segment"),
    "small bowel": _kb(
        "the small bowel", "structure", "the long segment of gut where most nutrients are absorbed",
        ["absorbs most nutrients through its villi",
         "is the main site of digestion and absorption of nutrients"],
        [("A patient with previous abdominal surgery has colicky pain, vomiting and distension.", None),
         ("A young adult with chronic diarrhoea and iron deficiency has positive tissue transglutaminase antibodies.",
          None),
         ("A patient with Crohn's disease has chronic diarrhoea, weight loss and a tender fullness low in the abdomen.", None)],
        ["the colon, which has haustra and usually contains stool and gas",
         "the stomach and the colon when both are collapsed"],
        ["It is roughly 6 m long and its villi give an enormous absorptive surface.",
         "Obstruction from adhesions is its commonest acute problem.",
         "Its proximal part has feathery folds; the distal part is smoother."],
        ["Proximal loops tend to sit in the left upper abdomen and distal loops in the right lower abdomen.",
         "Adhesions cause roughly 60-70% of obstructions.",
         "The colon frames it around the periphery of the abdomen."],
        ["Which structure is the small bowel? Segment it.",
         "Please segment all the small intestine loops.",
         "Outline the jejunal and ileal loops on this slice."],
        ["small bowel", "small intestin", "jejun", " ileum", " ileal", " ileus", "bowel", "intestin"], alts=["the bowel loops"],
        unit="separate loops", unit1="single loop"),
    "portal vein": _kb(
        "the portal vein", "vessel", "the vessel carrying blood from the gut and spleen to the liver",
        ["carries nutrient-rich blood from the gut and spleen to the liver",
         "supplies about three quarters of the liver's blood flow"],
        [("A patient with cirrhosis has ascites, varices and a big spleen; the vessel feeding the liver may be thrombosed.",
          None),
         ("A young adult who had an umbilical catheter as a neonate now has variceal bleeding with a normal liver.",
          None)],
        ["the common bile duct and the hepatic artery, which run with it in the hepatoduodenal ligament",
         "the superior mesenteric vessels and the common bile duct"],
        ["It is formed behind the pancreatic neck by the superior mesenteric and splenic veins.",
         "It normally measures up to about 13 mm across.",
         "High pressure in this system causes varices, ascites and a large spleen."],
        ["The hepatic artery supplies the remaining quarter of liver blood flow.",
         "The splenic vein runs along the back of the pancreas from the left.",
         "Thrombosis is found in roughly 10-25% of people with cirrhosis."],
        ["Which vessel is the portal vein? Segment it.",
         "Please outline the portal venous trunk.",
         "A patient has portal hypertension. Segment the main vessel involved."],
        ["portal", " vein ", " pv "], alts=["this vessel", "the vessel"]),
    "liver tumor": _kb(
        "the liver tumor", "abnormality", "a focal tumour inside the liver",
        [],
        [("A patient treated for colorectal cancer two years ago now has a rising CEA.", None),
         ("A patient with long-standing cirrhosis from chronic viral infection has a rising alpha-fetoprotein on surveillance.",
          None),
         ("A woman with breast cancer is being staged and has a mildly raised alkaline phosphatase.", None)],
        ["simple cysts, haemangiomas and focal fat sparing, which are benign",
         "a simple cyst and focal fatty sparing near the fissures"],
        ["Metastases are far more common than primary tumours in a non-cirrhotic liver.",
         "Hepatocellular carcinoma typically arises in cirrhosis and washes out on delayed phases.",
         "Multiphase CT or MRI characterises such lesions."],
        ["Colorectal cancer spreads to the liver in about half of patients at some point.",
         "Simple cysts are seen in about 5% of people and are benign.",
         "The spleen, by contrast, is a rare site for metastases."],
        ["Please segment the liver tumor on this slice.",
         "Which lesion is the hepatic metastasis? Outline it.",
         "Please outline the HCC in this image."],
        ["liver", "hepat", "tumor", "tumour", " hcc ", "metasta", "carcinom", "lesion", " mass", "cancer of"], alts=["the lesion", "this lesion"],
        unit="separate lesions", unit1="single lesion", lesion=True),
    "liver tumors": _kb(
        "the liver tumors", "abnormalities", "focal tumours inside the liver",
        [],
        [("A patient treated for colorectal cancer two years ago now has a rising CEA.", None),
         ("A patient with a neuroendocrine primary in the small intestine has flushing and diarrhoea.", None),
         ("A woman with breast cancer is being staged and has a mildly raised alkaline phosphatase.", None)],
        ["simple cysts, haemangiomas and focal fat sparing, which are benign",
         "several small simple cysts and biliary hamartomas"],
        ["Multiple lesions in a non-cirrhotic liver are most often metastases.",
         "Hepatocellular carcinoma typically arises in cirrhosis and washes out on delayed phases.",
         "The number and distribution of lesions decide whether resection is possible."],
        ["Colorectal cancer spreads to the liver in about half of patients at some point.",
         "Simple cysts are seen in about 5% of people and are benign.",
         "The spleen, by contrast, is a rare site for metastases."],
        ["Please segment the liver tumors on this slice.",
         "Which lesions are the hepatic metastases? Outline them.",
         "Segment all liver lesions in this image."],
        ["liver", "hepat", "tumor", "tumour", " hcc ", "metasta", "carcinom", "lesion", " mass"], alts=["the lesions", "these lesions"],
        pl=True, unit="separate lesions", unit1="single lesion", lesion=True),
    "kidney tumor": _kb(
        "the kidney tumor", "abnormality", "a solid tumour arising from the kidney",
        [],
        [("A 60-year-old smoker has painless haematuria, flank pain and weight loss.", None),
         ("A patient has polycythaemia and a raised calcium with no obvious cause.", None),
         ("A solid enhancing finding was picked up incidentally on a CT done for back pain.", None)],
        ["a complex cyst, a fat-containing angiomyolipoma and an oncocytoma",
         "a hyperdense cyst and a column of Bertin"],
        ["Clear-cell carcinoma is the commonest subtype and enhances avidly.",
         "Most are now found incidentally on imaging.",
         "Small ones can be treated with partial nephrectomy or ablation."],
        ["Such tumours can grow into the renal vein and even the inferior vena cava.",
         "The left renal vein is longer than the right one.",
         "About 2-3% of adult cancers arise here."],
        ["Please segment the kidney tumor.",
         "Which structure is the renal mass? Outline it.",
         "Outline the RCC on this slice."],
        _KIDNEY_FORBID + ["tumor", "tumour", "carcinom", " rcc ", "lesion", " mass", "cancer"], alts=["the lesion", "this lesion"],
        unit="separate lesions", unit1="single lesion", lesion=True),
    "kidney cyst": _kb(
        "the kidney cyst", "abnormality", "a fluid-filled cyst of the kidney",
        [],
        [("A round water-density finding was noted incidentally on a CT done for abdominal pain.", None),
         ("A 70-year-old has an incidental smooth, thin-walled, non-enhancing finding near the spleen.", None)],
        ["solid tumours, which enhance after contrast, and a dilated collecting system",
         "a calyceal diverticulum and a hyperdense solid nodule"],
        ["Simple ones have water attenuation, thin walls and no enhancement.",
         "They are graded with the Bosniak system.",
         "They become more common with age and are usually left alone."],
        ["Simple cysts are found in about a quarter of people over 50.",
         "The left renal vein crosses in front of the aorta.",
         "A hyperdense cyst can mimic a small solid tumour on an unenhanced scan."],
        ["Please segment the kidney cyst.",
         "Outline the renal cyst on this slice.",
         "Which lesion is the Bosniak I cyst? Segment it."],
        _KIDNEY_FORBID + ["cyst", "bosniak", "lesion"], alts=["the lesion", "this lesion"],
        unit="separate lesions", unit1="single lesion", lesion=True),
    "kidney cysts": _kb(
        "the kidney cysts", "abnormalities", "fluid-filled cysts of the kidneys",
        [],
        [("A patient with a family history of dialysis has hypertension and several round water-density findings.",
          None),
         ("A 72-year-old has incidental round, thin-walled, non-enhancing findings on a staging CT.", None)],
        ["solid tumours, which enhance after contrast, and a dilated collecting system",
         "calyceal diverticula and hyperdense solid nodules"],
        ["Simple ones have water attenuation, thin walls and no enhancement.",
         "They are graded with the Bosniak system.",
         "Many cysts on both sides in a young patient raise the question of inherited polycystic disease."],
        ["Simple cysts are found in about a quarter of people over 50.",
         "The left renal vein crosses in front of the aorta.",
         "Autosomal dominant polycystic disease affects roughly 1 in 1000 people."],
        ["Please segment the kidney cysts.",
         "Outline the renal cysts on this slice.",
         "Which lesions are the cysts of the kidneys? Segment them."],
        _KIDNEY_FORBID + ["cyst", "bosniak", "lesion"], alts=["the lesions", "these lesions"], pl=True,
        unit="separate lesions", unit1="single lesion", lesion=True),
    "prostate": _kb(
        "the prostate", "gland", "the gland that adds fluid to semen and surrounds the urethra",
        ["adds a protein-rich fluid to semen and surrounds the first part of the urethra"],
        [("A 70-year-old man has nocturia, hesitancy and a weak urinary stream.", None),
         ("A man has a raised tumour marker on screening and a hard nodule on rectal examination.", None)],
        ["the seminal vesicles and the rectal wall",
         "the base of the bladder and the levator ani"],
        ["It surrounds the proximal urethra, so enlargement causes urinary symptoms.",
         "Most cancers arise in its peripheral zone.",
         "MRI is the main imaging test; CT shows its internal anatomy poorly."],
        ["The seminal vesicles lie above it.", ("The rectum lies directly behind it.", [("rectum", "anterior_to")]),
         ("The bladder base sits in front of it.", [("urinary bladder", "posterior_to")]),
         "By the age of 60 about half of men have benign enlargement.",
         "The femoral heads sit on either side at this level."],
        ["Please segment the prostate.",
         "A man has BPH. Outline the enlarged gland.",
         "Outline the prostatic gland on this slice."],
        ["prostat", " psa ", " bph "], alts=["this gland", "the gland"]),
    "uterus": _kb(
        "the uterus", "organ", "the muscular organ where a pregnancy implants and grows",
        ["is where a fertilised ovum implants and the fetus develops",
         "sheds its lining every month during menstruation"],
        [("A 45-year-old woman has heavy menstrual bleeding and pelvic pressure from fibroids.", None),
         ("A postmenopausal woman has vaginal bleeding.", None),
         ("A woman has painful periods and subfertility.", None)],
        ["an ovarian mass and a distended rectosigmoid",
         "a pelvic fluid collection and the sigmoid colon"],
        ["Its wall is mostly smooth muscle and its lining responds to hormones.",
         "Fibroids are found in up to 70% of women by 50.",
         "Its size changes with age, parity and hormonal status."],
        ["The ovaries lie on either side of it.",
         ("The bladder lies in front of it and the rectum behind it.", [("urinary bladder", "posterior_to"), ("rectum", "anterior_to")]),
         "The rectouterine pouch is the lowest point of the peritoneal cavity.",
         "Endometrial cancer is the commonest gynaecological cancer in high-income countries."],
        ["Please segment the uterus.",
         "Outline the uterine body on this slice.",
         "Which organ is the womb? Segment it."],
        ["uter", "womb", "hyster", "endometri", "myometri"], alts=["this organ", "the organ"]),
}


# -- claims --------------------------------------------------------------------------------------------

NUMW = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior", "superior": "inferior",
       "inferior": "superior"}
OPP_REL = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
           "superior_to": "inferior_to", "inferior_to": "superior_to"}
_VERBS = {"be": ("is", "are"), "lie": ("lies", "lie"), "sit": ("sits", "sit"), "occ": ("occupies", "occupy"),
          "app": ("appears", "appear"), "cover": ("covers", "cover"), "has": ("has", "have"),
          "acc": ("accounts", "account"), "cons": ("consists", "consist"), "take": ("takes", "take"),
          "show": ("shows", "show"), "was": ("was", "were"), "Pron": ("It", "They"), "pron": ("it", "they"),
          "obj": ("it", "them"), "its": ("its", "their"), "This": ("This", "These"), "do": ("does", "do"),
          "Be": ("Is", "Are"), "look": ("looks", "look")}


def nw(n):
    return NUMW[n] if 0 <= n < len(NUMW) else str(n)


def cap(s):
    return s[:1].upper() + s[1:] if s else s


def fill(tpl, S="it", pl=False, **kw):
    d = {k: v[1 if pl else 0] for k, v in _VERBS.items()}
    d.update(S=cap(S), s=S)
    d.update(kw)
    return tpl.format(**d)


class Seg:
    """A piece of a turn: its text and the image claims it makes (each claim a dict: kind, value, other)."""

    def __init__(self, text, claims=(), regen=None, defect=False, topic=None, status="asserted"):
        self.text, self.claims, self.regen = text, list(claims), regen
        self.defect, self.topic, self.status = defect, topic, status


def pick(rng, pool, reg):
    items = [t for t, r in pool if reg in r]
    return rng.choice(items or [t for t, _ in pool])


SIDE_LR = [
    ("{S} {lie} on the patient's {v}.", "glq"),
    ("{S} {be} {v}-sided.", "gq"),
    ("{S} {app} on the {im} side of the image, which is the patient's {v} by radiological convention.", "gq"),
    ("{S} {be} on the patient's {v} (image {im}).", "g"),
    ("{S} {be} located on the {v} side of the patient.", "lq"),
    ("{S} {be} on the {v} side of the patient's body.", "l"),
    ("{S} {be} located at the {v} side of the patient.", "q"),
    ("On this slice {s} {sit} in the patient's {v} half.", "g"),
    ("Because {view}, {s} {app} on the image's {im} although {pron} {be} on the patient's {v}.", "g"),
    ("{S} {be} on the patient's {v}, not the {o}.", "glq"),
    ("{Pron} {be} a {v}-sided structure in this image.", "lq"),
    ("Side: {v}.", "l"),
    ("{S} {lie} on the {v} side (shown on the {im} of the screen).", "gl"),
]
SIDE_MIRROR = [  # the classic slip: the image side taken for the patient's side
    ("{S} {app} on the {im} side of the image, so {pron} {be} on the patient's {im}.", "glq"),
    ("{S} {be} on the {im} side of the image, i.e. the patient's {im} side.", "lq"),
    ("{S} {lie} on the patient's {im} (it is on the {im} of the image).", "g"),
]
SIDE_NOT = [
    ("{S} {be} not on the patient's {o}.", "glq"),
    ("{Pron} {be} not a {o}-sided structure.", "gq"),
    ("Nothing here suggests a {o}-sided position; {s} {be} not on the patient's {o}.", "g"),
]
SIDE_MID = [
    ("{S} {lie} in the midline.", "glq"),
    ("{S} {be} midline, not lateralised to either side.", "gq"),
    ("{S} {sit} centrally, straddling the midline.", "g"),
    ("{S} {be} located in the middle of the body, neither left nor right.", "lq"),
    ("{S} {be} neither left- nor right-sided: {pron} {be} midline.", "g"),
    ("Side: midline.", "l"),
    ("{S} {be} located at the midline of the patient.", "q"),
]
SIDE_BI = [
    ("{S} {be} bilateral, with parts on both the patient's right and left.", "gq"),
    ("{S} {app} on both sides of the midline.", "glq"),
    ("{S} {be} present on both the left and the right side.", "lq"),
    ("{S} {be} not confined to one side: there is tissue on the right and on the left.", "g"),
    ("Side: bilateral.", "l"),
    ("{S} {be} distributed bilaterally.", "q"),
]
SIDE_ONE = [  # a one-sided word for a bilateral or midline mask
    ("{S} {lie} on the patient's {v}.", "glq"),
    ("{S} {be} confined to the {v} side.", "gq"),
    ("{S} {be} located on the {v} side of the patient.", "lq"),
    ("Side: {v}.", "l"),
]
VERT = {
    "anterior": [("{S} {lie} anteriorly in this slice.", "glq"), ("{S} {be} in the anterior part of the {region}.", "gq"),
                 ("{S} {sit} toward the front of the body.", "gl"), ("{S} {be} ventral in this cross-section.", "g"),
                 ("{S} {lie} toward the top of the image, which is anterior on an axial slice.", "gq"),
                 ("{S} {be} located in the anterior part.", "lq"), ("Position: anterior.", "l"),
                 ("{S} {be} anterior, not posterior.", "glq")],
    "posterior": [("{S} {lie} posteriorly in this slice.", "glq"), ("{S} {be} in the posterior part of the {region}.", "gq"),
                  ("{S} {sit} toward the back of the body.", "gl"), ("{S} {be} dorsal in this cross-section.", "g"),
                  ("{S} {lie} toward the bottom of the image, which is posterior on an axial slice.", "gq"),
                  ("{S} {be} located in the posterior part.", "lq"), ("Position: posterior.", "l"),
                  ("{S} {be} posterior, not anterior.", "glq")],
    "central/LP": [("{S} {lie} at about mid-depth, neither anterior nor posterior.", "gq"),
                   ("Front to back, {s} {be} roughly central.", "g"),
                   ("{S} {be} located in the central part along the anteroposterior axis.", "lq"),
                   ("Position: central.", "l"), ("{S} {sit} midway between the front and the back of the {region}.", "gl")],
    "superior": [("{S} {lie} superiorly in this coronal image.", "glq"), ("{S} {be} high in the image, i.e. superior.", "gl"),
                 ("{S} {sit} toward the top of the coronal slice, which is cranial.", "g"),
                 ("{S} {be} located in the upper part of the image (superior).", "lq"), ("Position: superior.", "l")],
    "inferior": [("{S} {lie} inferiorly in this coronal image.", "glq"), ("{S} {be} low in the image, i.e. inferior.", "gl"),
                 ("{S} {sit} toward the bottom of the coronal slice, which is caudal.", "g"),
                 ("{S} {be} located in the lower part of the image (inferior).", "lq"), ("Position: inferior.", "l")],
    "central/LI": [("{S} {lie} at about mid-height in this coronal image.", "gq"),
                   ("Craniocaudally {s} {be} roughly central.", "g"),
                   ("{S} {be} located in the middle part of the image from top to bottom.", "lq"),
                   ("Position: central.", "l")],
}
VERT_SHORT = {"anterior": ["anteriorly", "toward the front"], "posterior": ["posteriorly", "toward the back"],
              "central/LP": ["at mid-depth", "centrally front to back"], "superior": ["superiorly", "high in the image"],
              "inferior": ["inferiorly", "low in the image"], "central/LI": ["at mid-height", "centrally top to bottom"]}
CLS_WORD = {"small": ["small", "relatively small"], "medium": ["medium-sized", "of medium size", "moderate in size"],
            "large": ["large", "relatively large"]}
CLS_ADJ = {"small": "small", "medium": "medium-sized", "large": "large"}
CLS_POOL = [("{S} {be} {cw}.", "glq"), ("{S} {be} {cw} on this slice.", "gl"), ("Size: {c}.", "l"),
            ("In terms of size, {s} {be} {cw}.", "q"), ("{Pron} {be} a {ca} structure on this image.", "gq"),
            ("The size is {c}.", "lq")]
CLS_NOT = {"small": ("{S} {be} certainly not large.", "large"), "large": ("{S} {be} not small by any measure.", "small"),
           "medium": ("{S} {be} neither tiny nor large.", "large")}
PCT_POOL = [("{S} {occ} about {p}% of the image area.", "glq"), ("{S} {cover} roughly {p}% of the image.", "g"),
            ("That is approximately {p}% of the image.", "g"), ("{S} {acc} for about {p}% of the image area.", "q"),
            ("The area is {p}% of the image.", "l"), ("Area: ~{p}% of the image.", "g"),
            ("{S} {take} up about {p} percent of the slice.", "l")]
SIZE_POOL = [("{S} {be} {cw}, about {p}% of the image area.", "g"), ("{S} {be} {cw} — roughly {p}% of the slice.", "g"),
             ("{S} {be} {cw}, accounting for about {p}% of the image area.", "q"),
             ("The size is {c} ({p}% of the image area).", "l"),
             ("In terms of size, {s} {be} {cw}, occupying about {p}% of the image.", "q"),
             ("{S} {be} {cw} and {take} up {p}% of the image.", "l")]
COUNT_ONE = [("{S} {be} a single connected region.", "gq"), ("{S} {app} as one contiguous piece.", "g"),
             ("There is only one separate part.", "l"), ("{S} {be} in one piece on this slice.", "gl"),
             ("{S} {cons} of 1 connected region.", "q"), ("Parts: 1.", "l"), ("Only one component is visible.", "lq"),
             ("There is a {u1} on this slice.", "glq")]
COUNT_MANY = [("{S} {app} as {n} {u}.", "glq"), ("There are {n} distinct {u2} on this slice.", "glq"),
              ("{S} {be} split into {d} separate parts here.", "g"), ("{S} {cons} of {d} separate regions.", "q"),
              ("Parts: {d}.", "l"), ("I count {n} {u}.", "g"), ("The number of separate parts is {d}.", "lq")]
REL_FULL = {
    "left_of": [("{S} {lie} to the patient's left of the {o}.", "glq"), ("{S} {be} on the left side of the {o} (patient's left).", "lq"),
                ("The {o} lies to {its} right.", "g"), ("Relative to the {o}, {s} {be} on the patient's left.", "gq")],
    "right_of": [("{S} {lie} to the patient's right of the {o}.", "glq"), ("{S} {be} on the right side of the {o} (patient's right).", "lq"),
                 ("The {o} lies to {its} left.", "g"), ("Relative to the {o}, {s} {be} on the patient's right.", "gq")],
    "anterior_to": [("{S} {lie} anterior to the {o}.", "glq"), ("{S} {be} in front of the {o}.", "gl"),
                    ("The {o} sits behind {obj}.", "g"), ("{S} {be} located anterior to the {o}.", "q"),
                    ("{S} {lie} ventral to the {o}.", "g")],
    "posterior_to": [("{S} {lie} posterior to the {o}.", "glq"), ("{S} {be} behind the {o}.", "gl"),
                     ("The {o} sits in front of {obj}.", "g"), ("{S} {be} located posterior to the {o}.", "q"),
                     ("{S} {lie} dorsal to the {o}.", "g")],
    "superior_to": [("{S} {lie} above the {o}.", "glq"), ("{S} {be} superior to the {o}.", "gq"),
                    ("The {o} lies below {obj}.", "g"), ("{S} {be} cranial to the {o}.", "g")],
    "inferior_to": [("{S} {lie} below the {o}.", "glq"), ("{S} {be} inferior to the {o}.", "gq"),
                    ("The {o} lies above {obj}.", "g"), ("{S} {be} caudal to the {o}.", "g")],
}
REL_SHORT = {"left_of": ["to the patient's left of the {o}", "left of the {o}"],
             "right_of": ["to the patient's right of the {o}", "right of the {o}"],
             "anterior_to": ["anterior to the {o}", "in front of the {o}"],
             "posterior_to": ["posterior to the {o}", "behind the {o}"],
             "superior_to": ["above the {o}", "superior to the {o}"],
             "inferior_to": ["below the {o}", "inferior to the {o}"]}


def fmt_pct(v, rng, words=False):
    """A true rendering of v percent: (text, value said)."""
    c = []
    if v >= 10:
        c = [f"{v:.0f}", f"{v:.1f}"]
    elif v >= 1:
        c = [f"{v:.1f}"] + ([f"{round(v)}"] if abs(round(v) - v) / v <= 0.12 else [])
    elif v >= 0.1:
        c = [f"{v:.2f}"] + ([f"{v:.1f}"] if abs(round(v, 1) - v) / v <= 0.12 else [])
    else:
        c = [f"{v:.3f}"]
    s = rng.choice(c)
    if words and v >= 1 and abs(round(v) - v) / v <= 0.12 and round(v) < len(NUMW):
        return NUMW[round(v)], float(round(v))
    return s, float(s)


def wrong_pct(v, rng):
    for _ in range(20):
        f = rng.choice([10, 0.1, 3.5, 0.25, 4.0, 0.3, 3.0])
        w = v * f
        s = f"{w:.1f}" if w >= 1 else f"{w:.2f}" if w >= 0.1 else f"{w:.3f}"
        if w >= 10:
            s = f"{w:.0f}"
        val = float(s)
        if val > 0 and (val / v < 0.38 or val / v > 2.6) and val < 100:
            return s, val
    return f"{v * 4:.1f}", float(f"{v * 4:.1f}")


class Ctx:
    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.rng, self.defect = p, facts, rng, defect
        self.kb = KB[p["target"]]
        self.o = p["orient"]
        self.region = "pelvis" if p["region"] == "pelvis" else "abdomen"
        self.style = style
        self.reg = {"gpt4o_like": "g", "llama3_8b_like": "l", "qwen_like": "q"}.get(style) or rng.choice("ggqql")
        self.lat, self.vert, self.cls = facts["laterality"], facts["vertical"], facts["size_class"]
        self.pct = 100.0 * facts["area_fraction"]
        self.n = facts["components"]
        self.rels = [(r["other"], r["relation"]) for r in facts["relations"]]
        self.pl = self.kb["pl"]
        self.name = self.kb["name"]
        self.avoid = set()      # topics that only the planted claim may state
        self.qdiff = None
        self.extras = set()     # extra sentences already used in this row
        self.vkey = self.vert if self.vert != "central" else "central/" + self.o
        self.view = ("axial images are viewed from the feet" if self.o == "LP"
                     else "coronal images are displayed as if facing the patient")

    # subjects -------------------------------------------------------------------------------------
    def subj(self, allow_name=True):
        r, rng = self.reg, self.rng
        w = {"g": [("name", 3), ("pron", 4), ("alt", 2), ("seg", 1)],
             "l": [("name", 6), ("pron", 2), ("mask", 1), ("struct", 1)],
             "q": [("name", 3), ("pron", 4), ("struct", 2), ("seg", 1)]}[r]
        if not allow_name:
            w = [x for x in w if x[0] != "name"]
        k = rng.choices([a for a, _ in w], [b for _, b in w])[0]
        if k == "name":
            return self.name, self.pl
        if k == "pron":
            return ("they", True) if self.pl else ("it", False)
        if k == "alt" and self.kb["alts"]:
            a = rng.choice(self.kb["alts"])
            return a, a.endswith("s")
        if k == "mask":
            return "the mask", False
        if k == "struct":
            return ("these structures", True) if self.pl else ("this structure", False)
        return "the segmented region", False

    def rels_ok(self):
        return [(o, r) for o, r in self.rels if ("rel", o) not in self.avoid]

    # claim makers: value None = the true value ------------------------------------------------------
    def side(self, value=None, subj=None):
        v = value or self.lat
        S, pl = subj or self.subj()
        rng, reg = self.rng, self.reg
        if v in ("left", "right"):
            im = OPP[v]
            if value and self.lat in ("left", "right") and value == OPP[self.lat] and rng.random() < 0.45:
                t = pick(rng, SIDE_MIRROR, reg)
                txt = fill(t, S, pl, im=v)  # the true image side read as the patient's side
            elif value and self.lat in ("bilateral", "midline"):
                txt = fill(pick(rng, SIDE_ONE, reg), S, pl, v=v)
            else:
                txt = fill(pick(rng, SIDE_LR, reg), S, pl, v=v, im=im, o=OPP[v], view=self.view)
        elif v == "midline":
            txt = fill(pick(rng, SIDE_MID, reg), S, pl)
        else:
            txt = fill(pick(rng, SIDE_BI, reg), S, pl)
        return Seg(txt, [{"kind": "side", "value": v}], regen=lambda: self.side(value), defect=bool(value),
                   topic="side")

    def side_not(self):
        S, pl = self.subj()
        if self.lat in ("left", "right"):
            o = OPP[self.lat]
            return Seg(fill(pick(self.rng, SIDE_NOT, self.reg), S, pl, o=o), [{"kind": "side_not", "value": o}],
                       topic="side")
        if self.lat == "midline":
            return Seg(fill("{S} {be} not lateralised to either side.", S, pl), [{"kind": "side", "value": "midline"}],
                       topic="side")
        return Seg(fill("{S} {be} not confined to one side.", S, pl), [{"kind": "side", "value": "bilateral"}],
                   topic="side")

    def vertical(self, value=None, subj=None):
        v = value or self.vert
        key = v if v != "central" else "central/" + self.o
        S, pl = subj or self.subj()
        txt = fill(pick(self.rng, VERT[key], self.reg), S, pl, region=self.region)
        return Seg(txt, [{"kind": "vertical", "value": v}], regen=lambda: self.vertical(value), defect=bool(value),
                   topic="vert")

    def size_cls(self, value=None, subj=None):
        c = value or self.cls
        S, pl = subj or self.subj()
        txt = fill(pick(self.rng, CLS_POOL, self.reg), S, pl, c=c, cw=self.rng.choice(CLS_WORD[c]), ca=CLS_ADJ[c])
        return Seg(txt, [{"kind": "size_class", "value": c}], regen=lambda: self.size_cls(value), defect=bool(value),
                   topic="size")

    def size_not(self):
        S, pl = self.subj()
        t, c = CLS_NOT[self.cls]
        return Seg(fill(t, S, pl), [{"kind": "size_not", "value": c}], topic="size")

    def pct_text(self, wrong=False):
        if wrong:
            return wrong_pct(self.pct, self.rng)
        return fmt_pct(self.pct, self.rng, words=self.reg == "l" and self.rng.random() < 0.3)

    def size_pct(self, wrong=False, subj=None):
        S, pl = subj or self.subj()
        p, val = self.pct_text(wrong)
        txt = fill(pick(self.rng, PCT_POOL, self.reg), S, pl, p=p)
        if not p[0].isdigit():
            txt = txt.replace(p + "%", p + " percent")
        return Seg(txt, [{"kind": "percent", "value": val}], regen=lambda: self.size_pct(wrong), defect=wrong,
                   topic="size")

    def size_both(self, subj=None):
        S, pl = subj or self.subj()
        p, val = self.pct_text()
        c = self.cls
        txt = fill(pick(self.rng, SIZE_POOL, self.reg), S, pl, p=p, c=c, cw=self.rng.choice(CLS_WORD[c]))
        if not p[0].isdigit():
            txt = txt.replace(p + "%", p + " percent")
        return Seg(txt, [{"kind": "size_class", "value": c}, {"kind": "percent", "value": val}],
                   regen=lambda: self.size_both(), topic="size")

    def count(self, value=None, subj=None):
        n = value if value is not None else self.n
        S, pl = subj or self.subj()
        kb = self.kb
        if n == 1:
            t = pick(self.rng, COUNT_ONE, self.reg)
            txt = fill(t, S, pl, u1=kb["unit1"])
        else:
            t = pick(self.rng, COUNT_MANY, self.reg)
            u = kb["unit"]
            txt = fill(t, S, pl, n=self.rng.choice([nw(n), str(n)]) if self.reg != "q" else str(n), d=str(n), u=u,
                       u2=u.replace("separate ", ""))
            txt = cap(txt)
        return Seg(txt, [{"kind": "count", "value": n}], regen=lambda: self.count(value), defect=value is not None,
                   topic="count")

    def relation(self, pairs, wrong=False, subj=None):
        """A sentence on one or two (other, relation) pairs; with wrong, the first pair is flipped."""
        S, pl = subj or self.subj()
        rng = self.rng
        said = [(o, OPP_REL[r] if (wrong and i == 0) else r) for i, (o, r) in enumerate(pairs)]
        if len(said) == 1:
            o, r = said[0]
            txt = fill(pick(rng, REL_FULL[r], self.reg), S, pl, o=o)
        else:
            ph = [rng.choice(REL_SHORT[r]).format(o=o) for o, r in said]
            verb = rng.choice(["{lie}", "{sit}", "{be}"] if self.reg != "q" else ["{be} located", "{lie}"])
            txt = fill("{S} " + verb + " " + " and ".join(ph) + ".", S, pl)
        claims = [{"kind": "relation", "other": o, "value": r} for o, r in said]
        return Seg(txt, claims, regen=None if wrong else (lambda: self.relation(pairs)), defect=wrong,
                   topic=("rel", pairs[0][0]))

    # wrong values ------------------------------------------------------------------------------------
    def wrong_side(self):
        rng = self.rng
        if self.lat in ("left", "right"):
            return OPP[self.lat] if rng.random() < 0.85 else "midline"
        return rng.choice(["left", "right"])

    def wrong_vert(self):
        rng = self.rng
        if self.vert in OPP:
            return OPP[self.vert] if rng.random() < 0.8 else "central"
        return rng.choice(["anterior", "posterior"] if self.o == "LP" else ["superior", "inferior"])

    def wrong_cls(self):
        return self.rng.choice([c for c in ("small", "medium", "large") if c != self.cls])

    def wrong_count(self):
        n, rng = self.n, self.rng
        if n == 1:
            return rng.choice([2, 2, 3])
        if n == 2:
            return rng.choice([1, 3])
        return rng.choice([n - 1, n + 1, n + 2, n - 1])


# -- questions -----------------------------------------------------------------------------------------

Q_FUNCTION = {
    "g": ["Which {qn} in this image {fn}? Please segment {obj}.", "Looking at this CT slice, which {qn} {fn}? Mark {obj} for segmentation.",
          "Can you identify and segment the {qn} here that {fn}?"],
    "l": ["which {qn} in this image {fn}? segment {obj} please", "What {be} the {qn} that {fn}? Please segment {obj} in the image.",
          "Can you find the {qn} in this picture that {fn} and segment {obj}?"],
    "q": ["In this CT image, which {qn} {fn}? Please provide the segmentation.", "Please identify the {qn} which {fn}, and segment {obj}.",
          "Which {qn} in the image {fn}? Please segment {obj}."],
}
Q_FUNCTION_SIDE = {
    "g": ["Which {qn} on the patient's {v} side of this image {fn}? Please segment {obj}."],
    "l": ["which {qn} on the {v} side {fn}? segment {obj} please"],
    "q": ["Which {qn} located on the {v} side of the patient {fn}? Please segment {obj}."],
}
Q_CLINICAL = {
    "g": ["{case} Which structure in this image should be examined? Please segment it.",
          "{case} Which {qn} on this slice {be} most relevant, and can you outline {obj}?",
          "{case} What should we look at on this CT? Segment it."],
    "l": ["{case} what structure should we look at in this image? please segment it",
          "{case} Which {qn} {be} involved? Segment {obj} in the image.",
          "{case} which part of the image is important here? segment it"],
    "q": ["{case} Based on this scenario, which structure in the image should be evaluated? Please segment it.",
          "{case} Which {qn} in this image {be} most relevant? Please provide the segmentation."],
}
Q_RELATION = {
    "g": ["Which {qn} in this slice {lie} {rp}? Please segment {obj}.", "On this image, what {qn} {sit} {rp}? Outline {obj}."],
    "l": ["what {qn} {be} {rp}? segment {obj}", "Which {qn} {be} located {rp} in this image? Please segment {obj}."],
    "q": ["Which {qn} {be} located {rp} in this image? Please segment {obj}.",
          "Please find the {qn} that {lie} {rp}, and segment {obj}."],
}
Q_DIFF = {
    "g": ["Which {qn} in this image has to be told apart from {diff}? Please segment {obj}.",
          "On a single slice it can be confused with {diff}. Which {qn} am I describing? Segment {obj}."],
    "l": ["which {qn} can be confused with {diff}? please segment {obj}",
          "What {qn} in the image can look like {diff}? Segment {obj}."],
    "q": ["Which {qn} in this image should be distinguished from {diff}? Please segment {obj}.",
          "Considering the differential of {diff}, which {qn} {be} {pron}? Please provide the segmentation."],
}
UQ = {
    "side": {"g": ["Which side of the patient {be} {pron} on?", "{Be} {pron} on the patient's left or right, and how does that show on the image?",
                   "Where {do} {pron} sit left-to-right?"],
             "l": ["what side {be} {pron} on?", "{Be} {pron} on the left side or the right side?", "Which side of the body {be} {pron} located?"],
             "q": ["Could you tell me which side {pron} {be} located on?", "On which side of the patient {be} {pron}?"]},
    "vert/LP": {"g": ["{Be} {pron} more anterior or posterior in this slice?", "Where {do} {pron} sit front-to-back?"],
                "l": ["{be} {pron} in the front or the back?", "where {be} {pron} in the image, front or back?"],
                "q": ["What is {its} position along the anteroposterior direction?", "Could you describe {its} position in the image?"]},
    "vert/LI": {"g": ["{Be} {pron} high or low in this coronal image?", "Where {do} {pron} sit craniocaudally?"],
                "l": ["{be} {pron} at the top or the bottom of the picture?", "where {be} {pron} in the image, up or down?"],
                "q": ["What is {its} position in the superior-inferior direction?", "Could you describe {its} vertical position?"]},
    "size": {"g": ["How large {be} {pron} on this slice?", "Roughly how much of the image {do} {pron} take up?"],
             "l": ["how big {be} {pron}?", "{Be} {pron} big or small?", "What is the size of {obj}?"],
             "q": ["What is the size of this structure in the image?", "How much area {do} {pron} occupy?"]},
    "count": {"g": ["{Be} {pron} one continuous region or several pieces here?", "How many separate parts can you see?"],
              "l": ["how many pieces {be} {pron} in?", "How many parts are there?"],
              "q": ["How many separate regions {do} {pron} consist of?", "{Be} {pron} a single region or several?"]},
    "rels": {"g": ["How {do} {pron} relate to the neighbouring structures here?", "Where {be} {pron} relative to the {o}?",
                   "What's around {obj} on this slice?"],
             "l": ["what is next to {obj}?", "where {be} {pron} compared to the {o}?"],
             "q": ["What is {its} spatial relationship with the {o}?", "How {be} {pron} positioned relative to the surrounding structures?"]},
    "function": {"g": ["What {do} {pron} do?", "Why {do} {pron} matter clinically?", "What's {its} clinical relevance?"],
                 "l": ["what is {its} function?", "what {do} {pron} do in the body?", "Why {be} {pron} important?"],
                 "q": ["What is {its} main function?", "What is {its} clinical significance?"]},
    "summary": {"g": ["Can you summarise where {pron} {be} and how big {pron} {be}?", "Quick summary of {its} location and extent?"],
                "l": ["can you summarize everything?", "Please give a summary.", "can you tell me everything about {obj} in this image?"],
                "q": ["Could you give a brief summary of {its} location and size?", "Please summarize the findings about this structure."]},
}
UQ_LESION_FN = {"g": ["Why does this matter clinically?", "What could these findings represent?"],
                "l": ["what is it?", "is it dangerous?"], "q": ["What is the clinical significance?"]}
TAILQ = {"side": "which side {be} {pron} on?", "vert": "where {do} {pron} sit in this slice?", "size": "how large {be} {pron}?",
         "count": "how many separate parts are there?", "rels": "what lies next to {obj}?", "function": "what {do} {pron} do?",
         "lesion_fn": "why does this matter clinically?"}
CONVENTION = {
    "LP": ["By radiological convention the patient's right is shown on the image's left.",
           "Axial CT is displayed as if looking up from the patient's feet, so left and right are swapped on screen.",
           "On an axial slice the top of the image is anterior and the bottom is posterior.",
           "Remember the display convention: the patient's left is on the image's right."],
    "LI": ["In a coronal image the top is superior and the patient's right is on the image's left.",
           "Coronal reconstructions are displayed as if facing the patient, so the patient's left is on the image's right."],
}
CAVEATS = ["Caveat: this is one slice only; the number of separate parts can differ on adjacent slices.",
           "Note: the percentage refers to the image area, not to the organ's true volume.",
           "Reviewer's note: sides are given in patient terms (radiological display).",
           "Note: no pathology should be inferred from this single slice.",
           "In a real report I would give size in centimetres; the percentage is only a rough guide.",
           "Caveat: partial-volume effects at the edges can make the outline look a little different.",
           "Note: no contrast phase is stated, so enhancement cannot be commented on."]
FILLER = {"g": ["Let me know if you'd like more detail.", "Happy to go further if useful."],
          "l": ["I hope this helps!", "Let me know if you have any other questions.", "I hope this information is helpful."],
          "q": ["I hope this answer is helpful.", "If you need further information, please let me know."]}
CORRECT = {"g": ["Not quite — ", "Actually, no: ", "Close, but no — "], "l": ["No, ", "Actually no, "],
           "q": ["Not exactly. ", "That is not correct. "]}


# -- conversation pieces ---------------------------------------------------------------------------------

def _pl_fill(ctx, t, **kw):
    return fill(t, "it", ctx.pl, **kw)


def _rel_phrases(ctx, pairs, wrong=False):
    out, claims = [], []
    for i, (o, r) in enumerate(pairs):
        rr = OPP_REL[r] if (wrong and i == 0) else r
        out.append(ctx.rng.choice(REL_SHORT[rr]).format(o=o))
        claims.append({"kind": "relation", "other": o, "value": rr})
    return " and ".join(out), claims


def first_question(ctx, plan):
    """(text, claims, style) of the first user turn."""
    kb, rng, reg = ctx.kb, ctx.rng, ctx.reg
    if plan["kind"] == "names_target":
        return _named_question(ctx), [], "named"
    prem = plan.get("q_premise")
    styles = []
    if kb["fn"]:
        styles += ["function"] * 3
    styles += ["clinical"] * 3 + ["differential"] * 2
    rels = [(o, r) for o, r in ctx.rels_ok() if not kb["forbid"].search(o)]
    if rels:
        styles += ["relation"] * 3
    for _ in range(30):
        st = rng.choice(styles)
        claims = []
        if prem == "side" or (not prem and st == "function" and "side" not in ctx.avoid
                              and ctx.lat in ("left", "right") and rng.random() < 0.2):
            if not kb["fn"]:
                st = "relation_side"
            else:
                st = "function"
                v = plan["wrong"] if prem == "side" else ctx.lat
                t = rng.choice(Q_FUNCTION_SIDE[reg])
                txt = _pl_fill(ctx, t, qn=kb["qn"], fn=rng.choice(kb["fn"]), v=v)
                claims = [{"kind": "side", "value": v}]
        if st == "relation_side":
            v = plan["wrong"]
            txt = _pl_fill(ctx, "Which {qn} on the patient's {v} side of this slice should be segmented?",
                           qn=kb["qn"], v=v)
            claims = [{"kind": "side", "value": v}]
        elif claims:
            pass
        elif prem == "rel":
            o, r = plan["pair"]
            rp, claims = _rel_phrases(ctx, [(o, r)], wrong=True)
            txt = _pl_fill(ctx, rng.choice(Q_RELATION[reg]), qn=kb["qn"], rp=rp)
        elif st == "function":
            txt = _pl_fill(ctx, rng.choice(Q_FUNCTION[reg]), qn=kb["qn"], fn=rng.choice(kb["fn"]))
        elif st == "clinical":
            opts = [c for c in kb["cases"] if c[1] is None or "side" not in ctx.avoid]
            case, side = rng.choice(opts)
            txt = _pl_fill(ctx, rng.choice(Q_CLINICAL[reg]), qn=kb["qn"], case=case)
            if side:
                claims = [{"kind": "side", "value": side}]
        elif st == "relation":
            k = 1 if len(rels) == 1 or rng.random() < 0.6 else 2
            pairs = rng.sample(rels, k)
            if k == 2 and pairs[0][0] == pairs[1][0]:
                pairs = pairs[:1]
            rp, claims = _rel_phrases(ctx, pairs)
            txt = _pl_fill(ctx, rng.choice(Q_RELATION[reg]), qn=kb["qn"], rp=rp)
        else:
            ctx.qdiff = rng.choice(kb["diff"])
            txt = _pl_fill(ctx, rng.choice(Q_DIFF[reg]), qn=kb["qn"], diff=ctx.qdiff)
        if reg == "l" and rng.random() < 0.3:
            txt = txt[0].lower() + txt[1:]
        if not kb["forbid"].search(txt):
            return txt, claims, st
    raise RuntimeError("no question without the target's name for " + ctx.p["target"])


def _named_question(ctx):
    kb, rng, reg = ctx.kb, ctx.rng, ctx.reg
    r = rng.random()
    if r < 0.45:
        return rng.choice(kb["give"])
    name = kb["name"]
    if kb["fn"] and r < 0.75:
        t = rng.choice(["Which {qn} in this image {fn} — is it {name}? Please segment {obj}.",
                        "Please segment {name}, the {qn} that {fn}.",
                        "In this CT slice, {name} {fn}; can you segment {obj}?"])
        return _pl_fill(ctx, t, qn=kb["qn"], fn=rng.choice(kb["fn"]), name=name)
    case = rng.choice(kb["cases"])[0]
    t = rng.choice(["{case} Should we look at {name}? Please segment {obj}.",
                    "{case} Please segment {name} on this slice.",
                    "{case} Which structure should be examined — {name}? Segment {obj}."])
    return _pl_fill(ctx, t, case=case, name=name)


def naming_seg(ctx, qstyle, qclaims):
    """The sentence that names the target and holds [SEG]."""
    kb, rng, reg = ctx.kb, ctx.rng, ctx.reg
    name = kb["name"]
    art, bare = name.split(" ", 1)
    this = "These are" if ctx.pl else "This is"
    opts = {"g": [f"{this} {art} **{bare}** [SEG].", f"The structure you're describing is {name} [SEG].",
                  f"That's {name} [SEG] — {kb['role']}.", f"**Answer:** {name} [SEG]."],
            "l": [f"The structure is {name} [SEG].", f"The answer is {name} [SEG].",
                  f"{this} {name} [SEG]. {cap(name)} {'are' if ctx.pl else 'is'} {kb['role']}."],
            "q": [f"Based on the description, the structure is {name} [SEG].",
                  f"The structure in question is {name} [SEG], {kb['role']}.", f"It should be {name} [SEG]."]}[reg]
    if qstyle == "function" and rng.random() < 0.5:
        fn = rng.choice(kb["fn"])
        opts = [f"The {kb['qn']} that {fn} {'are' if ctx.pl else 'is'} {name} [SEG]."]
    elif qstyle == "clinical" and rng.random() < 0.5:
        opts = [f"This presentation should prompt a look at {name} [SEG].", f"The scenario points to {name} [SEG].",
                f"Clinically the structure to examine is {name} [SEG]."]
    elif qstyle == "differential" and rng.random() < 0.5:
        opts = [f"{'Those are' if ctx.pl else 'That is'} {name} [SEG], {'which are' if ctx.pl else 'which is'} easily "
                f"confused on a single slice with {ctx.qdiff or rng.choice(kb['diff'])}."]
    elif qstyle == "relation" and qclaims and rng.random() < 0.5:
        pairs = [(c["other"], c["value"]) for c in qclaims]
        rp, claims = _rel_phrases(ctx, pairs)
        return Seg(f"The {kb['qn']} lying {rp} here {'are' if ctx.pl else 'is'} {name} [SEG].", claims)
    return Seg(rng.choice(opts))


def topic_seg(ctx, topic, wrong=False, plan=None, subj=None):
    rng = ctx.rng
    if topic == "side":
        return ctx.side(ctx.wrong_side() if wrong else None, subj)
    if topic == "vert":
        return ctx.vertical(ctx.wrong_vert() if wrong else None, subj)
    if topic == "size":
        if wrong:
            return ctx.size_cls(ctx.wrong_cls(), subj) if plan["size_mode"] == "cls" else ctx.size_pct(True, subj)
        r = rng.random()
        if r < 0.3:
            return ctx.size_cls(None, subj)
        if r < 0.6:
            return ctx.size_pct(False, subj)
        if r < 0.93:
            return ctx.size_both(subj)
        return ctx.size_not()
    if topic == "count":
        return ctx.count(ctx.wrong_count() if wrong else None, subj)
    if topic == "rels":
        if wrong:
            return ctx.relation([plan["pair"]], wrong=True, subj=subj)
        rels = ctx.rels_ok()
        k = 1 if len(rels) == 1 or rng.random() < 0.55 else 2
        pairs = rng.sample(rels, k)
        if k == 2 and pairs[0][0] == pairs[1][0] and rng.random() < 0.5:
            pairs = pairs[:1]
        return ctx.relation(pairs, subj=subj)
    raise ValueError(topic)


def available(ctx):
    t = [x for x in ("side", "vert", "size", "count") if x not in ctx.avoid]
    if ctx.rels_ok():
        t.append("rels")
    return t


def kv_seg(ctx, topics, wrong_topic=None, plan=None, bullets=False):
    """The fact lines a model echoes ("Side: left. Position: posterior. ...") or a bullet list."""
    rng = ctx.rng
    parts, claims = [], []
    for t in topics:
        w = t == wrong_topic
        if t == "side":
            v = ctx.wrong_side() if w else ctx.lat
            val = {"left": "left", "right": "right", "midline": "midline", "bilateral": "bilateral (both sides)"}[v]
            if bullets and v in ("left", "right") and not w:
                val = f"patient's {v} (image {OPP[v]})"
            parts.append(("Side", val))
            claims.append({"kind": "side", "value": v})
        elif t == "vert":
            v = ctx.wrong_vert() if w else ctx.vert
            parts.append(("Position", v))
            claims.append({"kind": "vertical", "value": v})
        elif t == "size":
            if w and plan["size_mode"] == "cls":
                c = ctx.wrong_cls()
                parts.append(("Size", c))
                claims.append({"kind": "size_class", "value": c})
            elif w:
                p, val = ctx.pct_text(True)
                parts.append(("Area", f"{p}% of the image"))
                claims.append({"kind": "percent", "value": val})
            else:
                p, val = fmt_pct(ctx.pct, rng)
                parts.append(("Size", f"{ctx.cls} ({p}% of the image area)"))
                claims += [{"kind": "size_class", "value": ctx.cls}, {"kind": "percent", "value": val}]
        elif t == "count":
            n = ctx.wrong_count() if w else ctx.n
            parts.append(("Parts" if not bullets else "Separate parts", str(n) if not bullets else nw(n)))
            claims.append({"kind": "count", "value": n})
        elif t == "rels":
            if w:
                o, r = plan["pair"]
                pairs = [(o, OPP_REL[r])]
            else:
                rels = ctx.rels_ok()
                pairs = rng.sample(rels, min(len(rels), rng.choice([1, 2, 2])))
            parts.append(("Relations", "; ".join(rng.choice(REL_SHORT[r]).format(o=o) for o, r in pairs)))
            claims += [{"kind": "relation", "other": o, "value": r} for o, r in pairs]
    if bullets:
        txt = "\n" + "\n".join(f"- **{k}:** {v}" for k, v in parts)
    else:
        txt = " ".join(f"{k}: {v}." for k, v in parts)
    s = Seg(txt, claims, defect=wrong_topic in topics)
    s.kv = True
    return s


def extra_seg(ctx, kind=None):
    """Knowledge, a trap about other structures, the display convention or a hypothetical: no false claim;
    one not used yet in this row where possible."""
    s = None
    for _ in range(8):
        s = _extra_seg(ctx, kind)
        if s.text not in ctx.extras:
            break
    ctx.extras.add(s.text)
    return s


def conv_seg(ctx, i=None):
    opts = CONVENTION[ctx.o] if i is None else [CONVENTION[ctx.o][i]]
    fresh = [c for c in opts if c not in ctx.extras] or opts
    c = ctx.rng.choice(fresh)
    ctx.extras.add(c)
    return Seg(c)


def _extra_seg(ctx, kind=None):
    rng, kb = ctx.rng, ctx.kb
    kind = kind or rng.choice(["trap", "trap", "know", "conv", "hypo"])
    if kind == "trap":
        opts = []
        for t in kb["traps"]:
            if isinstance(t, tuple):
                txt, reqs = t
                if all((o, r) in ctx.rels and ("rel", o) not in ctx.avoid for o, r in reqs):
                    opts.append(Seg(txt, [{"kind": "relation", "other": o, "value": r} for o, r in reqs]))
            else:
                opts.append(Seg(t))
        return rng.choice(opts)
    if kind == "know":
        return Seg(rng.choice(kb["know"]))
    if kind == "conv":
        return conv_seg(ctx)
    pron = "they" if ctx.pl else "it"
    were = "were" if True else "was"
    if ctx.lat in ("left", "right"):
        o = OPP[ctx.lat]
        return Seg(f"If {pron} {were} on the patient's {o}, {pron} would appear on the image's {ctx.lat}.")
    if ctx.lat == "bilateral":
        return Seg(rng.choice(["If only one side had been segmented, the label would name the left or the right.",
                               "Had the image been displayed in neurological convention, the two sides would swap places on screen."]))
    return Seg(rng.choice(["Had the image been displayed in neurological convention, left and right would be swapped on screen.",
                           f"A slice a few centimetres higher or lower could make {'them' if ctx.pl else 'it'} look larger or smaller."]))


def user_q(ctx, topic, o=None):
    rng, reg = ctx.rng, ctx.reg
    if topic == "vert":
        pool = UQ["vert/" + ctx.o][reg]
    elif topic == "function" and ctx.kb["lesion"]:
        pool = UQ_LESION_FN[reg]
    else:
        pool = UQ[topic][reg]
    t = rng.choice(pool)
    if "{o}" in t and not o:
        t = rng.choice([x for x in pool if "{o}" not in x] or ["How {be} {pron} positioned relative to the nearby structures?"])
    return _pl_fill(ctx, t, o=o or "")


def premise_text(ctx, topic, wrong, plan, pair=None):
    """A user's premise about a fact (true, or wrong when `wrong`), and its claims."""
    rng = ctx.rng
    if topic == "side":
        v = plan["wrong"] if wrong else ctx.lat
        if v == "bilateral":
            t = rng.choice(["Since {pron} {be} on both sides, ", "Given that {pron} {be} bilateral here, "])
        elif v == "midline":
            t = rng.choice(["Since {pron} {sit} in the midline, ", "Given that {pron} {be} midline here, "])
        else:
            t = rng.choice(["Since {pron} {be} on the patient's {v}, ", "Given that {pron} {lie} on the {v} side, ",
                            "As {pron} {be} located on the {v} side of the patient, "])
        return _pl_fill(ctx, t, v=v), [{"kind": "side", "value": v}]
    if topic == "vert":
        v = plan["wrong"] if wrong else ctx.vert
        key = v if v != "central" else "central/" + ctx.o
        vs = rng.choice(VERT_SHORT[key])
        t = rng.choice(["Since {pron} {sit} {vs} in this slice, ", "Given that {pron} {be} {vs} here, ",
                        "As {pron} {be} located {vs}, "])
        return _pl_fill(ctx, t, vs=vs), [{"kind": "vertical", "value": v}]
    if topic == "rels":
        rp, claims = _rel_phrases(ctx, [pair], wrong=wrong)
        t = rng.choice(["Since {pron} {lie} {rp}, ", "Given that {pron} {be} {rp} here, ", "As {pron} {be} located {rp}, "])
        return _pl_fill(ctx, t, rp=rp), claims
    if topic == "size":
        if (wrong and plan["size_mode"] == "cls") or (not wrong and rng.random() < 0.5):
            c = plan["wrong"] if wrong else ctx.cls
            t = rng.choice(["Since {pron} {be} {cw} here, ", "Given that {pron} {be} {cw} on this slice, "])
            return _pl_fill(ctx, t, cw=rng.choice(CLS_WORD[c])), [{"kind": "size_class", "value": c}]
        p, val = ctx.pct_text(wrong)
        t = rng.choice(["Since {pron} {take} up about {p}% of the image, ", "Given that {pron} {cover} roughly {p}% of the image, "])
        return _pl_fill(ctx, t, p=p).replace(p + "%", p + ("%" if p[0].isdigit() else " percent")), \
            [{"kind": "percent", "value": val}]
    if topic == "count":
        n = plan["wrong"] if wrong else ctx.n
        kb = ctx.kb
        if n == 1:
            t = rng.choice(["Since {pron} {be} a single piece here, ", f"Given that there is only one {kb['unit1'].split()[-1]} on this slice, "])
        else:
            t = rng.choice(["Since {pron} {show} up as {n} {u} here, ", "Given that there are {n} {u2} on this slice, ",
                            "With {n} {u} on this slice, "])
        u = kb["unit"]
        return _pl_fill(ctx, t, n=rng.choice([nw(n), str(n)]), u=u, u2=u.replace("separate ", "")), \
            [{"kind": "count", "value": n}]
    raise ValueError(topic)


def corrected_premise(ctx, topic):
    """A user's false idea, stated, then explicitly corrected by the assistant: (user text, claims, answer segs)."""
    rng, reg = ctx.rng, ctx.reg
    if topic == "side":
        w = ctx.wrong_side()
        if w in ("left", "right"):
            t = rng.choice(["{Pron} {be} on the patient's {w}, right?", "I think {pron} {be} on the {w} side.",
                            "So {pron} {lie} on the patient's {w}?"])
        else:
            t = "{Pron} {be} basically in the midline, right?"
        u, claims = _pl_fill(ctx, t, w=w), [{"kind": "side", "value": w}]
        ans = [ctx.side()]
        if ctx.lat in ("left", "right") and rng.random() < 0.6:
            ans.append(conv_seg(ctx))
    elif topic == "vert":
        w = ctx.wrong_vert()
        key = w if w != "central" else "central/" + ctx.o
        u = _pl_fill(ctx, rng.choice(["I think {pron} {sit} {vs} in this slice.", "{Pron} {be} {vs} here, isn't {pron}?"]),
                     vs=rng.choice(VERT_SHORT[key]))
        claims = [{"kind": "vertical", "value": w}]
        ans = [ctx.vertical()]
    elif topic == "rels":
        pair = rng.choice(ctx.rels_ok())
        rp, claims = _rel_phrases(ctx, [pair], wrong=True)
        u = _pl_fill(ctx, rng.choice(["So {pron} {be} {rp}, correct?", "I read {obj} as lying {rp}."]), rp=rp)
        ans = [ctx.relation([pair])]
    elif topic == "size":
        if rng.random() < 0.5:
            p, val = wrong_pct(ctx.pct, rng)
            u = _pl_fill(ctx, rng.choice(["{Pron} {take} up something like {p}% of the image, right?",
                                          "I'd estimate {obj} at about {p}% of the image."]), p=p)
            claims = [{"kind": "percent", "value": val}]
            ans = [ctx.size_pct()]
        else:
            c = ctx.wrong_cls()
            u = _pl_fill(ctx, rng.choice(["{Pron} {be} {cw}, right?", "{Pron} {be} quite {cw} on this slice, I think."]),
                         cw=CLS_WORD[c][0])
            claims = [{"kind": "size_class", "value": c}]
            ans = [ctx.size_cls()]
    else:
        w = ctx.wrong_count()
        if w == 1:
            u = rng.choice(["It looks like a single region to me.", "I count just one piece.",
                            "So it is all one piece here, isn't it?"])
        else:
            u = rng.choice([f"I count {nw(w)} separate pieces.", f"So there are {w} separate parts here?",
                            f"It looks like {nw(w)} separate regions to me."])
        claims = [{"kind": "count", "value": w}]
        ans = [ctx.count()]
    lead = rng.choice(CORRECT[reg])
    first = ans[0]
    for _ in range(12):  # a correction is written as a sentence, not as a fact line
        if ": " not in first.text[:12]:
            break
        first = ans[0] = first.regen() if first.regen else first
    low = lead.endswith(("— ", ": ", ", ")) and not first.text.startswith("I ")
    first.text = lead + (first.text[0].lower() + first.text[1:] if low else first.text)
    first.regen = None
    return u, claims, ans


# -- turns -------------------------------------------------------------------------------------------------

def _answer_topic(ctx, topic, plan, wrong=False):
    """Segments answering a follow-up about `topic`."""
    rng, reg = ctx.rng, ctx.reg
    segs = []
    if topic == "function":
        first = ctx.kb["know"][0]
        segs.append(Seg(first) if first not in ctx.extras and rng.random() < 0.6 else extra_seg(ctx, "know"))
        ctx.extras.add(segs[-1].text)
        if rng.random() < 0.5:
            segs.append(extra_seg(ctx, "trap"))
        return segs
    if topic == "summary":
        return summary_segs(ctx)
    segs.append(topic_seg(ctx, topic, wrong, plan))
    if not wrong and topic == "size" and rng.random() < 0.3 and "size" not in ctx.avoid:
        segs.append(ctx.size_not() if segs[0].claims[0]["kind"] != "size_not" else Seg(rng.choice(ctx.kb["know"])))
    if topic == "side" and not wrong and rng.random() < 0.45:
        segs.append(conv_seg(ctx) if rng.random() < 0.6 else extra_seg(ctx, "hypo"))
    if topic == "side" and not wrong and ctx.lat in ("left", "right") and rng.random() < 0.25:
        segs.append(ctx.side_not())
    if topic == "vert" and rng.random() < 0.3:
        segs.append(conv_seg(ctx, 2 if ctx.o == "LP" else 0))
    if topic == "count" and not wrong and ctx.n >= 2 and rng.random() < 0.3:
        segs.append(Seg(rng.choice(["On adjacent slices some of these pieces may join up.",
                                    "The pieces are counted on this slice only."])))
    if topic == "rels" and rng.random() < 0.35:
        segs.append(extra_seg(ctx, "trap"))
    if reg == "l" and not wrong and rng.random() < 0.25:
        # a small model repeats itself
        segs.append(Seg(segs[0].text, segs[0].claims))
    return segs


def summary_segs(ctx):
    rng, reg = ctx.rng, ctx.reg
    av = available(ctx)
    k = min(len(av), rng.choice([2, 3, 3, 4]))
    topics = [t for t in ("side", "vert", "size", "count", "rels") if t in rng.sample(av, k)] if av else []
    if not topics:
        return [Seg(rng.choice(ctx.kb["know"]))]
    if reg == "l" and rng.random() < 0.5:
        return [kv_seg(ctx, topics)]
    if reg == "g" and rng.random() < 0.4:
        s = kv_seg(ctx, topics, bullets=True)
        return [Seg("Quick recap:"), s]
    segs = [topic_seg(ctx, t, plan=None) for t in topics]
    if reg == "q":
        segs[0].text = "In summary, " + segs[0].text[0].lower() + segs[0].text[1:]
        segs[0].regen = None
    elif reg == "g" and rng.random() < 0.5:
        segs[0].text = "In short: " + segs[0].text[0].lower() + segs[0].text[1:]
        segs[0].regen = None
    return segs


def first_answer(ctx, plan, qstyle, qclaims):
    rng, reg = ctx.rng, ctx.reg
    segs = [naming_seg(ctx, qstyle, qclaims)]
    av = [t for t in available(ctx)]
    k = rng.choice([1, 2, 2, 3]) if reg != "l" else rng.choice([1, 2, 3])
    topics = rng.sample(av, min(k, len(av)))
    if plan.get("loc") == "first":
        topics.append(plan["topic"])
        rng.shuffle(topics)
    order = [t for t in ("side", "vert", "size", "count", "rels") if t in topics]
    wrong_t = plan["topic"] if plan.get("loc") == "first" else None
    mode = rng.random()
    if reg == "l" and mode < 0.3 and len(order) >= 2:
        segs.append(kv_seg(ctx, order, wrong_t, plan))
    elif reg == "g" and mode < 0.25 and len(order) >= 2:
        segs.append(kv_seg(ctx, order, wrong_t, plan, bullets=True))
    else:
        for t in order:
            subj = (ctx.name, ctx.pl) if reg == "l" and rng.random() < 0.6 else None
            segs.append(topic_seg(ctx, t, t == wrong_t, plan, subj))
    if rng.random() < 0.55:
        segs.append(extra_seg(ctx))
    if reg == "l" and rng.random() < 0.15:
        segs.append(Seg(rng.choice(FILLER["l"]), topic="filler"))
    return segs


def _render(segs):
    out, after_list = "", False
    for s in segs:
        t = s.text
        if not out:
            out = t.lstrip("\n")
        elif t.startswith("\n"):
            out += t
        elif after_list:
            out += "\n\n" + t
        else:
            out += " " + t
        after_list = t.startswith("\n- ")
    return out


def _cut(sentence, rng):
    words = sentence.rstrip(".").split()
    k = max(3, int(len(words) * rng.uniform(0.4, 0.7)))
    return " ".join(words[:k])


def plan_row(ctx, defect):
    rng = ctx.rng
    plan = {"kind": defect}
    if defect in ("laterality", "position", "size", "count"):
        if defect == "laterality":
            plan["topic"], plan["wrong"] = "side", ctx.wrong_side()
            ctx.avoid.add("side")
        elif defect == "position":
            if ctx.rels and rng.random() < 0.5:
                plan["topic"] = "rels"
                plan["pair"] = rng.choice(ctx.rels)
                ctx.avoid.add(("rel", plan["pair"][0]))
            else:
                plan["topic"], plan["wrong"] = "vert", ctx.wrong_vert()
                ctx.avoid.add("vert")
        elif defect == "size":
            plan["topic"] = "size"
            plan["size_mode"] = rng.choice(["cls", "pct"])
            plan["wrong"] = ctx.wrong_cls()
            ctx.avoid.add("size")
        else:
            plan["topic"], plan["wrong"] = "count", ctx.wrong_count()
            ctx.avoid.add("count")
        plan["loc"] = rng.choices(["first", "follow", "user"], [0.6, 0.2, 0.2])[0]
        if plan["loc"] == "user" and rng.random() < 0.35:
            if plan["topic"] == "side":
                plan["q_premise"] = "side"
            elif plan["topic"] == "rels" and not ctx.kb["forbid"].search(plan["pair"][0]):
                plan["q_premise"] = "rel"
    return plan


def build(p, facts, style, rng, defect):
    global LAST_LEDGER
    ctx = Ctx(p, facts, style, rng, defect)
    plan = plan_row(ctx, defect)
    reg = ctx.reg
    rounds = rng.choice([2, 2, 3]) if reg == "l" else rng.choice([2, 3])
    turns = []  # (role, segs, status-of-user-claims)

    q, qclaims, qstyle = first_question(ctx, plan)
    turns.append(("user", [Seg(q, qclaims, defect=bool(plan.get("q_premise")))]))
    # the answer restates a measured relation of the question, never a false premise of it
    turns.append(("assistant", first_answer(ctx, plan, qstyle, [] if plan.get("q_premise") else qclaims)))

    n_follow = rounds - 1
    slots = ["plain"] * n_follow
    loc = plan.get("loc")
    if loc == "follow":
        slots[rng.randrange(n_follow)] = "wrong"
    elif loc == "user" and not plan.get("q_premise"):
        slots[rng.randrange(n_follow)] = "premise_false"
    free = [i for i, s in enumerate(slots) if s == "plain"]
    if free and rng.random() < (0.35 if defect is None else 0.15):
        slots[rng.choice(free)] = "corrected"
    free = [i for i, s in enumerate(slots) if s == "plain"]
    if free and rng.random() < 0.25:
        slots[rng.choice(free)] = "premise_true"

    used = set()
    for slot in slots:
        av = available(ctx)
        fresh = [t for t in av if t not in used] or av
        if slot == "wrong":
            t = plan["topic"]
            o = plan["pair"][0] if t == "rels" else None
            uq = user_q(ctx, t, o)
            turns.append(("user", [Seg(uq)]))
            ans = [topic_seg(ctx, t, True, plan)]
            if rng.random() < 0.4:
                ans.append(extra_seg(ctx, rng.choice(["know", "trap", "conv"])))
            turns.append(("assistant", ans))
            used.add(t)
            continue
        if slot in ("premise_false", "premise_true"):
            if slot == "premise_false":
                pt, pair = plan["topic"], plan.get("pair")
            else:
                cand = [t for t in av]
                if not cand:
                    slot = "plain"
                else:
                    pt = rng.choice(cand)
                    pair = rng.choice(ctx.rels_ok()) if pt == "rels" else None
            if slot != "plain":
                ptxt, pclaims = premise_text(ctx, pt, slot == "premise_false", plan, pair)
                tails = [t for t in av if t != pt and t != "rels"] + ["function"]
                tail = rng.choice(tails)
                tq = TAILQ["lesion_fn" if tail == "function" and ctx.kb["lesion"] else tail]
                utxt = ptxt + _pl_fill(ctx, tq)
                if reg == "l" and rng.random() < 0.4:
                    utxt = utxt[0].lower() + utxt[1:]
                turns.append(("user", [Seg(utxt, pclaims, defect=slot == "premise_false")]))
                turns.append(("assistant", _answer_topic(ctx, tail, plan)))
                used.add(tail)
                continue
        if slot == "corrected":
            cand = [t for t in av if t != "rels" or ctx.rels_ok()]
            if cand:
                t = rng.choice(cand)
                u, uclaims, ans = corrected_premise(ctx, t)
                turns.append(("user", [Seg(u, uclaims, status="corrected")]))
                turns.append(("assistant", ans))
                used.add(t)
                continue
        # plain follow-up
        pool = fresh + ["function", "summary"] if fresh else ["function", "summary"]
        t = rng.choice(pool)
        o = None
        if t == "rels":
            o = rng.choice(ctx.rels_ok())[0] if rng.random() < 0.5 else None
        turns.append(("user", [Seg(user_q(ctx, t, o))]))
        if t == "rels" and o:
            pairs = [pr for pr in ctx.rels_ok() if pr[0] == o]
            ans = [ctx.relation(pairs[:2])]
            if rng.random() < 0.3:
                ans.append(extra_seg(ctx, "trap"))
        else:
            ans = _answer_topic(ctx, t, plan)
        turns.append(("assistant", ans))
        used.add(t)

    # every row carries at least one sentence a reader could misread (knowledge about other structures, the
    # display convention, a hypothetical, a negation, a corrected premise)
    tricky = ctx.extras or any(c["kind"] in ("side_not", "size_not") or s.status == "corrected" or " not " in s.text
                               for _, segs in turns for s in segs for c in (s.claims or [{"kind": ""}]))
    if not tricky:
        turns[1][1].append(extra_seg(ctx))

    # a small model sometimes runs out of room mid-sentence
    if reg == "l" and rng.random() < 0.12:
        turns[-1][1].append(Seg(_cut(rng.choice(ctx.kb["know"]), rng), topic="cut"))
    if reg != "l" and rng.random() < 0.08:
        turns[-1][1].append(Seg(rng.choice(FILLER[reg]), topic="filler"))
    if style == "physician_edit":
        physician_edit(ctx, turns, plan)

    out, ledger = [], []
    for i, (role, segs) in enumerate(turns):
        out.append({"role": role, "content": _render(segs)})
        for s in segs:
            for c in s.claims:
                ledger.append(dict(c, turn=i, status=s.status, defect=s.defect, text=s.text))
    LAST_LEDGER = ledger
    expected = [] if defect is None else [defect]
    return out, expected


# -- a physician's light edit of the draft -----------------------------------------------------------------

def _false_twin(ctx, s):
    """A wrong version of a true claim segment (what the draft said before the physician struck it)."""
    t = s.topic
    if t == "side":
        return ctx.side(ctx.wrong_side())
    if t == "vert":
        return ctx.vertical(ctx.wrong_vert())
    if t == "size":
        return ctx.size_cls(ctx.wrong_cls()) if ctx.rng.random() < 0.5 else ctx.size_pct(True)
    if t == "count":
        return ctx.count(ctx.wrong_count())
    if isinstance(t, tuple):
        c = s.claims[0]
        return ctx.relation([(c["other"], c["value"])], wrong=True)
    return None


def physician_edit(ctx, turns, plan):
    rng = ctx.rng
    clean = plan["kind"] is None
    did_false = False
    initials = rng.choice(["JM", "A.K.", "SR", "dr. B", "LH", "MvdB"])
    for i, (role, segs) in enumerate(turns):
        if role == "user":
            if i > 0 and rng.random() < 0.08:
                segs[0].text += " [question reworded]"
            continue
        out = []
        for s in segs:
            if s.topic in ("filler", "cut") and rng.random() < 0.8:
                s.text = f"~~{s.text}~~"
            if s.defect and not getattr(s, "kv", False) and rng.random() < 0.3:
                s.text = f"[Added: {s.text}]"  # the reviewer's own slip
            out.append(s)
        cands = [s for s in out if s.claims and s.regen and not s.defect and not getattr(s, "kv", False)
                 and "[SEG]" not in s.text and s.status == "asserted" and not s.text.startswith(("[", "~"))]
        if cands and rng.random() < 0.45:
            s = rng.choice(cands)
            alt = s.regen()
            alt.defect = False
            old = s.text
            s.status = "struck"
            k = out.index(s)
            form = rng.random()
            if form < 0.5:
                s.text = f"~~{old}~~"
                out.insert(k + 1, alt)
            elif form < 0.7:
                s.text = f"~~{old}~~ →"
                out.insert(k + 1, alt)
            elif form < 0.85:
                s.text = f'[deleted: "{old}"]'
                out.insert(k + 1, alt)
            else:
                s.text = f'(rephrased; the draft read: "{old}")'
                out.insert(k, alt)
            cands = [c for c in cands if c is not s]
        if clean and not did_false and cands and rng.random() < 0.4:
            s = rng.choice(cands)
            f = _false_twin(ctx, s)
            if f is not None:
                f.status, f.defect, did_false = "struck", False, True
                form = rng.random()
                f.text = (f"~~{f.text}~~" if form < 0.6 else f'[deleted: "{f.text}"]' if form < 0.8
                          else f"<del>{f.text}</del>")
                if rng.random() < 0.3:
                    s.text = "Corrected: " + s.text
                out.insert(out.index(s), f)
        if rng.random() < (0.5 if i == 1 else 0.25):
            kinds = {c["kind"] for s in out for c in s.claims if s.status == "asserted"}
            c = rng.choice([c for c in CAVEATS if ("percentage" not in c or "percent" in kinds)
                            and ("separate parts" not in c or "count" in kinds)])
            out.append(Seg(f"[Added: {c}]" if rng.random() < 0.4 else c))
        av = [t for t in available(ctx) if t not in {s.topic for s in out} and t != "rels"]
        if av and rng.random() < 0.15:
            a = topic_seg(ctx, rng.choice(av), False, plan)
            a.text = f"[Added: {a.text}]"
            out.append(a)
        segs[:] = out
    if rng.random() < 0.15:
        turns[-1][1].append(Seg(f"— edited, {initials}"))


def pick_profile(profiles, i, defect, rng):
    """Axial slices mostly: a coronal profile is drawn at about half the weight of an axial one."""
    return rng.choices(profiles, [0.45 if p["orient"] == "LI" else 1.0 for p in profiles])[0]
