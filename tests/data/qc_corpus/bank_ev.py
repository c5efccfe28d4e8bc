"""Bank EV: what small local instruct models (1-8B chat models served by llama.cpp from a GGUF file) write when a
dataset tool asks them for a multi-turn implicit-reasoning conversation about an image-mask pair.

Targets (abdomen and thorax CT/MR, axial "LP" and a few coronal "LI"): liver, spleen, left/right kidney, both
kidneys, pancreas, gallbladder, stomach, aorta, lungs, right/left lung, heart, esophagus, liver lesions, kidney
cysts, lung nodules, pancreatic lesion, liver cyst.

Registers: "tiny1b" (a 1B-class model: short, repetitive, grammar slips, filler closings), "bullets3b" (a
3B-class model: bold headers and markdown bullets, restates the question), "fluent7b" (a 7B-class model: reasoning
first, fluent, image-left/patient-left mix-ups that it then fixes), "jsonish" (JSON-ish answers with prose fields).

Written without reading QC. Every claim a sentence makes about the mask is written to a ledger (`LEDGER`, keyed
by the conversation) that the writer's own reader checks against the facts. Own check
(/work/notes/qcev_scripts/check_ev.py on heldout_ev.jsonl): rows: 420 clean: 210 defect: 210 problems: 0;
3406 ledgered claims, 69 user false ideas explicitly corrected in clean rows; planted defects sit 99 in the first
answer, 39 in a follow-up answer, 30 in a user turn (uncorrected premise); 142 rows have several separate regions,
123 bilateral and 57 midline masks.
"""

from __future__ import annotations

import json
import math
import random

import numpy as np

STYLES = ["tiny1b", "bullets3b", "fluent7b", "jsonish"]

# ---------------------------------------------------------------------------------------------------------
# profiles: ellipses (cx, cy, rx, ry) in pixels on a 256x256 grid; others are normalised centroids (x, y)

PROFILES = [
    dict(target="liver", key="liver", modality="CT", region="abdomen", orientation="LP",
         ell=[(85, 120, 55, 45)], others={"stomach": (0.64, 0.38), "right kidney": (0.33, 0.64), "aorta": (0.52, 0.58)}),
    dict(target="liver", key="liver", modality="MR", region="abdomen", orientation="LI",
         ell=[(90, 95, 55, 40)], others={"right kidney": (0.33, 0.60), "spleen": (0.75, 0.48)}),
    dict(target="spleen", key="spleen", modality="CT", region="abdomen", orientation="LP",
         ell=[(185, 150, 20, 30)], others={"stomach": (0.62, 0.40), "left kidney": (0.64, 0.68)}),
    dict(target="spleen", key="spleen", modality="MR", region="abdomen", orientation="LP",
         ell=[(188, 148, 18, 28)], others={"stomach": (0.62, 0.40), "aorta": (0.52, 0.58)}),
    dict(target="left kidney", key="lkidney", modality="CT", region="abdomen", orientation="LP",
         ell=[(170, 165, 16, 20)], others={"aorta": (0.52, 0.56), "spleen": (0.76, 0.55), "pancreas": (0.56, 0.47)}),
    dict(target="right kidney", key="rkidney", modality="MR", region="abdomen", orientation="LP",
         ell=[(88, 165, 16, 20)], others={"liver": (0.33, 0.45), "inferior vena cava": (0.45, 0.55), "aorta": (0.52, 0.58)}),
    dict(target="kidneys", key="kidneys", modality="CT", region="abdomen", orientation="LP",
         ell=[(88, 165, 16, 20), (170, 165, 16, 20)], others={"aorta": (0.51, 0.56), "pancreas": (0.50, 0.47)}),
    dict(target="kidneys", key="kidneys", modality="MR", region="abdomen", orientation="LI",
         ell=[(85, 150, 15, 24), (170, 145, 15, 24)], others={"liver": (0.36, 0.36)}),
    dict(target="pancreas", key="pancreas", modality="CT", region="abdomen", orientation="LP",
         ell=[(150, 122, 38, 10)], others={"aorta": (0.51, 0.58), "stomach": (0.62, 0.36), "spleen": (0.76, 0.58)}),
    dict(target="gallbladder", key="gallbladder", modality="CT", region="abdomen", orientation="LP",
         ell=[(95, 105, 9, 13)], others={"liver": (0.36, 0.44), "right kidney": (0.36, 0.65)}),
    dict(target="stomach", key="stomach", modality="CT", region="abdomen", orientation="LP",
         ell=[(160, 95, 26, 20)], others={"liver": (0.33, 0.47), "aorta": (0.51, 0.58), "spleen": (0.74, 0.58)}),
    dict(target="aorta", key="aorta", modality="CT", region="abdomen", orientation="LP",
         ell=[(128, 150, 8, 8)], others={"left kidney": (0.66, 0.66), "right kidney": (0.34, 0.66),
                                         "pancreas": (0.60, 0.47), "vertebral body": (0.50, 0.70)}),
    dict(target="lungs", key="lungs", modality="CT", region="thorax", orientation="LP",
         ell=[(78, 120, 35, 55), (178, 120, 35, 55)], others={"heart": (0.51, 0.38), "esophagus": (0.49, 0.58)}),
    dict(target="lungs", key="lungs", modality="CT", region="thorax", orientation="LI",
         ell=[(80, 105, 38, 70), (176, 105, 38, 70)], others={"liver": (0.34, 0.80), "heart": (0.53, 0.55)}),
    dict(target="right lung", key="rlung", modality="CT", region="thorax", orientation="LP",
         ell=[(78, 120, 35, 55)], others={"heart": (0.54, 0.40), "aorta": (0.56, 0.56)}),
    dict(target="left lung", key="llung", modality="MR", region="thorax", orientation="LP",
         ell=[(180, 125, 32, 52)], others={"heart": (0.53, 0.40)}),
    dict(target="heart", key="heart", modality="CT", region="thorax", orientation="LP",
         ell=[(136, 100, 42, 34)], others={"esophagus": (0.52, 0.58), "aorta": (0.55, 0.58),
                                           "right lung": (0.30, 0.47), "left lung": (0.70, 0.48)}),
    dict(target="heart", key="heart", modality="MR", region="thorax", orientation="LP",
         ell=[(136, 100, 40, 32)], others={"esophagus": (0.52, 0.58), "right lung": (0.30, 0.47)}),
    dict(target="esophagus", key="esophagus", modality="CT", region="thorax", orientation="LP",
         ell=[(126, 150, 6, 7)], others={"heart": (0.51, 0.39), "aorta": (0.58, 0.58)}),
    dict(target="liver lesions", key="livles", modality="CT", region="abdomen", orientation="LP",
         ell=[(70, 100, 7, 6), (98, 142, 5, 5), (75, 128, 6, 8)], others={"stomach": (0.64, 0.38), "aorta": (0.52, 0.58)}),
    dict(target="kidney cysts", key="kcysts", modality="MR", region="abdomen", orientation="LP",
         ell=[(85, 160, 6, 6), (175, 170, 8, 7)], others={"pancreas": (0.52, 0.47), "vertebral body": (0.52, 0.72)}),
    dict(target="lung nodules", key="nodules", modality="CT", region="thorax", orientation="LP",
         ell=[(70, 100, 4, 4), (185, 140, 5, 5), (190, 95, 3, 3)], others={"heart": (0.50, 0.38)}),
    dict(target="pancreatic lesion", key="panles", modality="CT", region="abdomen", orientation="LP",
         ell=[(160, 118, 7, 6)], others={"aorta": (0.51, 0.58), "stomach": (0.62, 0.36)}),
    dict(target="liver cyst", key="livcyst", modality="MR", region="abdomen", orientation="LP",
         ell=[(75, 95, 10, 9)], others={"stomach": (0.64, 0.38), "right kidney": (0.31, 0.64)}),
]

LEDGER: dict[str, dict] = {}   # conversation key -> {"claims": [...], "names_in_q1": bool}


def ledger_key(turns: list[dict]) -> str:
    return json.dumps(turns, sort_keys=True)


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    for cx, cy, rx, ry in p["ell"]:
        cx, cy = cx + rng.uniform(-1.5, 1.5), cy + rng.uniform(-1.5, 1.5)
        rx, ry = rx * rng.uniform(0.96, 1.04), ry * rng.uniform(0.96, 1.04)
        mask |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    return compute_facts(mask, p["orientation"], dict(p["others"])).model_dump(mode="json")


def record_for(p: dict) -> dict:
    return dict(modality=p["modality"], body_region=p["region"], orientation=p["orientation"])


def pick_profile(profiles, i, defect, rng):
    if defect == "count" and rng.random() < 0.35:
        return rng.choice([q for q in profiles if len(q["ell"]) > 1])
    return rng.choice(profiles)


# ---------------------------------------------------------------------------------------------------------
# names and knowledge

NAMES = {  # display name, plural?, synonyms the assistant may use
    "liver": ("liver", False, ["the liver", "the hepatic parenchyma", "the liver"]),
    "spleen": ("spleen", False, ["the spleen", "the splenic parenchyma"]),
    "lkidney": ("left kidney", False, ["the left kidney", "the left renal parenchyma"]),
    "rkidney": ("right kidney", False, ["the right kidney", "the right renal parenchyma"]),
    "kidneys": ("kidneys", True, ["the kidneys", "both kidneys"]),
    "pancreas": ("pancreas", False, ["the pancreas", "the pancreatic gland"]),
    "gallbladder": ("gallbladder", False, ["the gallbladder", "the gall bladder"]),
    "stomach": ("stomach", False, ["the stomach", "the gastric lumen and wall"]),
    "aorta": ("aorta", False, ["the aorta", "the abdominal aorta"]),
    "lungs": ("lungs", True, ["the lungs", "both lungs"]),
    "rlung": ("right lung", False, ["the right lung"]),
    "llung": ("left lung", False, ["the left lung"]),
    "heart": ("heart", False, ["the heart", "the cardiac silhouette"]),
    "esophagus": ("esophagus", False, ["the esophagus", "the oesophagus"]),
    "livles": ("liver lesions", True, ["the liver lesions", "the hepatic lesions", "the liver metastases"]),
    "kcysts": ("kidney cysts", True, ["the kidney cysts", "the renal cysts"]),
    "nodules": ("lung nodules", True, ["the lung nodules", "the pulmonary nodules"]),
    "panles": ("pancreatic lesion", False, ["the pancreatic lesion", "the pancreatic mass"]),
    "livcyst": ("liver cyst", False, ["the liver cyst", "the hepatic cyst"]),
}

# terms that name the target (label, synonym, plural, adjective); a clean first question holds none of them
FORBIDDEN = {
    "liver": ["liver", "hepat", "hepar"], "spleen": ["spleen", "splen", "lien"],
    "lkidney": ["kidney", "renal", "nephr"], "rkidney": ["kidney", "renal", "nephr"],
    "kidneys": ["kidney", "renal", "nephr"], "pancreas": ["pancrea"],
    "gallbladder": ["gallbladder", "gall bladder", "cholecyst"], "stomach": ["stomach", "gastr"],
    "aorta": ["aort"], "lungs": ["lung", "pulmon", "pneumo"], "rlung": ["lung", "pulmon", "pneumo"],
    "llung": ["lung", "pulmon", "pneumo"], "heart": ["heart", "cardi", "myocard", "ventric", "coronar"],
    "esophagus": ["esophag", "oesophag", "gullet"],
    "livles": ["liver", "hepat", "lesion", "metasta", "tumo", "mass", "nodul", "cyst", "deposit"],
    "kcysts": ["kidney", "renal", "nephr", "cyst", "lesion"],
    "nodules": ["lung", "pulmon", "nodul", "lesion", "mass", "metasta", "tumo"],
    "panles": ["pancrea", "lesion", "mass", "tumo", "cyst", "neoplas"],
    "livcyst": ["liver", "hepat", "cyst", "lesion"],
}

QUESTIONS = {  # implicit first questions (never name the target)
    "liver": ["Which organ makes bile and stores glycogen? Please segment it.",
              "A patient with chronic HBV infection gets six-monthly ultrasound... well, here a CT. Segment the organ being screened.",
              "Which is the biggest solid organ in the abdomen on this scan? Show me a mask of it.",
              "Segment the organ that receives blood from the portal vein and detoxifies drugs.",
              "Where is the organ that gets cirrhosis from long-term alcohol use? Please outline it."],
    "spleen": ["Which organ filters old red blood cells and can rupture after a blow to the left flank? Segment it.",
               "A patient with mononucleosis is told to avoid contact sports. Which organ is at risk? Segment it.",
               "Segment the organ that stores about a third of the platelets and sits under the left lower ribs."],
    "lkidney": ["Segment the retroperitoneal organ on the patient's left that filters blood and makes urine.",
                "Which bean-shaped organ sits behind the descending colon on the left? Segment it.",
                "A stone is lodged in the left ureter. Segment the organ upstream of it."],
    "rkidney": ["Which organ on the patient's right makes urine and sits just below the liver? Segment it.",
                "A patient has right flank pain... no wait, just segment the organ that drains into the right ureter.",
                "Segment the bean-shaped retroperitoneal organ on the right side."],
    "kidneys": ["Which paired organs filter the blood and produce urine? Segment both of them.",
                "A patient on dialysis has failing organs. Which ones? Please segment them on this image.",
                "Segment the paired retroperitoneal organs that make erythropoietin."],
    "pancreas": ["Which gland makes insulin and digestive enzymes? Please segment it.",
                 "A patient has high lipase and epigastric pain radiating to the back. Segment the inflamed organ.",
                 "Segment the gland that lies across the spine behind the stomach and drains into the duodenum."],
    "gallbladder": ["Which organ stores and concentrates bile? Segment it please.",
                    "A patient has right upper quadrant pain after fatty meals and a positive Murphy sign. Segment the organ involved.",
                    "Segment the small pear-shaped sac under the liver."],
    "stomach": ["Which organ secretes acid and pepsin? Please segment it.",
                "Segment the J-shaped hollow organ between the oesophagus and the duodenum.",
                "A patient has a bleeding ulcer on the lesser curvature. Segment the organ with the ulcer."],
    "aorta": ["Which vessel carries blood from the heart to the whole body? Segment it on this slice.",
              "A 70-year-old smoker is screened for an aneurysm. Segment the vessel being screened.",
              "Segment the largest artery in the body."],
    "lungs": ["Which organs exchange oxygen and carbon dioxide? Segment them.",
              "A patient with emphysema has hyperinflated organs on CT. Segment those organs.",
              "Segment the paired air-filled organs of the chest."],
    "rlung": ["Which air-filled organ has three lobes? Please segment it.",
              "Segment the organ of gas exchange on the patient's right, the one with a horizontal fissure."],
    "llung": ["Which air-filled organ has a notch for the heart and only two lobes? Segment it.",
              "Segment the organ of breathing on the patient's left side."],
    "heart": ["Which organ pumps blood around the body? Segment it.",
              "A patient had crushing chest pain and a raised troponin. Segment the organ that was injured.",
              "Segment the muscular pump in the middle of the chest."],
    "esophagus": ["Which tube carries food from the throat to the stomach? Please segment it.",
                  "A patient has progressive dysphagia to solids. Segment the structure that is most likely narrowed.",
                  "Segment the muscular tube that runs behind the trachea and the left atrium."],
    "livles": ["This patient has colon cancer and a rising CEA. Segment what the staging scan is looking for in the organ that drains the portal vein.",
               "Staging CT after a colorectal primary: please segment whatever would make this stage IV in the organ that makes bile.",
               "Segment the abnormal foci that have spread from the bowel to the organ that makes bile."],
    "kcysts": ["Segment the simple fluid-filled sacs that you often find incidentally in the paired organs that make urine.",
               "This MR shows benign water-signal round things in the organs that filter blood. Segment them all."],
    "nodules": ["A heavy smoker gets a screening chest CT. Segment the small round opacities that the radiologist must follow up.",
                "Segment the small rounded densities in the air-filled organs that the Fleischner guidelines talk about."],
    "panles": ["A patient has painless jaundice and weight loss. Segment the likely culprit in the gland that makes insulin.",
               "Segment the abnormal focus in the gland that lies behind the stomach and makes insulin."],
    "livcyst": ["Segment the incidental fluid-filled round thing in the organ that makes bile.",
                "On this MR there's a bright, well-defined water-signal structure in the organ that stores glycogen. Segment it."],
}

NAMED_QUESTIONS = {  # names_target: the first question names the target
    "liver": ["Please segment the liver on this scan.", "Where is the hepatic parenchyma? Segment it.",
              "Outline the liver (the organ that makes bile)."],
    "spleen": ["Segment the spleen please.", "Where's the splenic tissue on this image? Give me a mask."],
    "lkidney": ["Segment the left kidney.", "Please outline the left renal parenchyma."],
    "rkidney": ["Segment the right kidney.", "Show me where the right kidney is and segment it."],
    "kidneys": ["Segment both kidneys.", "Where are the kidneys? Please mask them."],
    "pancreas": ["Segment the pancreas please.", "Which part of this image is pancreatic tissue? Segment it."],
    "gallbladder": ["Segment the gallbladder.", "Please find the gall bladder and segment it."],
    "stomach": ["Segment the stomach on this image.", "Where is the gastric lumen? Segment it."],
    "aorta": ["Segment the aorta on this slice.", "Please outline the aortic lumen."],
    "lungs": ["Segment the lungs.", "Please mask both lungs."],
    "rlung": ["Segment the right lung please.", "Where's the right lung? Segment it."],
    "llung": ["Segment the left lung.", "Outline the left lung on this image."],
    "heart": ["Segment the heart.", "Please outline the cardiac silhouette."],
    "esophagus": ["Segment the esophagus on this slice.", "Where is the oesophagus? Please segment it."],
    "livles": ["Segment the liver lesions.", "Please mask all hepatic metastases on this image."],
    "kcysts": ["Segment the kidney cysts.", "Please outline the renal cysts."],
    "nodules": ["Segment the lung nodules.", "Please mask every pulmonary nodule on this slice."],
    "panles": ["Segment the pancreatic lesion.", "Please outline the mass in the pancreas."],
    "livcyst": ["Segment the liver cyst.", "Please mask the hepatic cyst."],
}

REASON = {  # why the answer is what it is (knowledge, no claim about this mask)
    "liver": ["Bile production, glycogen storage and drug metabolism all point to the liver.",
              "Portal venous blood from the gut goes to the liver first, so that is the organ here."],
    "spleen": ["Filtering old red cells and the risk of rupture in contact sports are classic for the spleen."],
    "lkidney": ["Making urine and sitting in the retroperitoneum means a kidney, and the question asks for the left one."],
    "rkidney": ["Urine production and a retroperitoneal position mean a kidney; the right one sits under the liver."],
    "kidneys": ["Filtering blood, urine and erythropoietin are all kidney functions, and there are two of them."],
    "pancreas": ["Insulin plus digestive enzymes is the pancreas, both endocrine and exocrine."],
    "gallbladder": ["Bile is made in the liver but stored and concentrated in the gallbladder."],
    "stomach": ["Acid and pepsin secretion is done by the parietal and chief cells of the stomach."],
    "aorta": ["The largest artery, leaving the left ventricle, is the aorta."],
    "lungs": ["Gas exchange happens in the alveoli of the lungs."],
    "rlung": ["Three lobes and a horizontal fissure belong to the right lung."],
    "llung": ["The cardiac notch and two lobes belong to the left lung."],
    "heart": ["Pumping blood and troponin release both point to the heart muscle."],
    "esophagus": ["Dysphagia and a food tube from pharynx to stomach means the esophagus."],
    "livles": ["Colorectal cancer spreads through the portal vein, so liver metastases are what staging looks for."],
    "kcysts": ["Round, water-signal, well-defined foci in the kidneys are usually simple renal cysts."],
    "nodules": ["Small rounded densities in the lung parenchyma on a screening CT are pulmonary nodules."],
    "panles": ["A focal abnormality in the gland behind the stomach that makes insulin is a pancreatic lesion; painless jaundice would fit it too.",
               "The clinical story (weight loss, jaundice or an incidental finding) points to a pancreatic lesion."],
    "livcyst": ["A bright, sharply marginated water-signal focus in the liver is most likely a simple hepatic cyst."],
}

KNOW = {  # traps: knowledge about OTHER structures (or populations) with side / position / size / number words
    "abdomen": ["The left renal vein crosses in front of the aorta to reach the inferior vena cava.",
                "The spleen normally lies on the left under ribs 9 to 11.",
                "The inferior vena cava runs to the right of the aorta.",
                "The right kidney usually sits a little lower than the left one because the liver is above it.",
                "Accessory spleens are seen in about 10-15% of people.",
                "Simple renal cysts are found in more than a quarter of adults over 50.",
                "Gallstones are present in roughly 10-15% of adults in Western countries.",
                "The duodenum wraps around the head of the pancreas in a C shape on the right."],
    "thorax": ["The right lung has three lobes and the left lung has two.",
               "The heart sits slightly to the left of the midline, which is why the left lung has a cardiac notch.",
               "The trachea divides at the carina at about the level of T4-T5.",
               "The descending aorta runs down on the left side of the vertebral bodies.",
               "The right main bronchus is shorter, wider and more vertical than the left one.",
               "Lung nodules are found in up to 1 in 3 screening CTs of smokers.",
               "The Fleischner guidelines use a 6 mm threshold for solid nodules."],
}
KNOW_TARGET = {
    "liver": ["The left lobe of the liver can reach across the midline toward the spleen.",
              "Fatty liver is seen in about 25% of adults on CT."],
    "pancreas": ["The head of the pancreas sits in the duodenal C-loop on the right while the tail reaches the splenic hilum on the left."],
    "heart": ["The right ventricle is the most anterior chamber, right behind the sternum.",
              "About 1 in 100 babies is born with a congenital heart defect."],
    "aorta": ["An abdominal aortic aneurysm is found in about 4-8% of older men.",
              "Normal infrarenal aortic diameter is under 3 cm."],
    "lungs": ["The right lung is slightly bigger than the left, because the heart takes up room on the left."],
    "kidneys": ["About 1 in 500 people has a horseshoe kidney, fused across the midline at the lower poles."],
    "esophagus": ["The esophagus is about 25 cm long in adults."],
}

OTHER_NAMES = {"inferior vena cava": "IVC"}

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


# ---------------------------------------------------------------------------------------------------------
# the row being written and its ledger

class Row:
    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.key = p["key"]
        self.name, self.plural, self.syns = NAMES[self.key]
        self.o = p["orientation"]
        self.claims: list[dict] = []
        self.turn = 0
        self.pct = 100.0 * facts["area_fraction"]
        self.rels = [(r["other"], r["relation"]) for r in facts["relations"]
                     if not (facts["laterality"] == "bilateral" and r["relation"] in ("left_of", "right_of"))]

    def claim(self, kind, value, text, wrong=False, corrected=False):
        self.claims.append(dict(turn=self.turn, kind=kind, value=value, text=text, wrong=wrong, corrected=corrected))
        return text

    # subjects -----------------------------------------------------------------------------------------
    def subj(self, cap=True, allow_pron=True):
        """(subject, verb 'is'/'are')"""
        r = self.rng
        opts = [(self.rng.choice(self.syns), self.plural), ("the mask", False), ("the segmented region", False),
                ("the highlighted area", False)]
        if allow_pron:
            opts.append(("they" if self.plural else "it", self.plural))
        s, pl = r.choice(opts)
        if s == "both kidneys" or s == "both lungs":
            pl = True
        s = s[0].upper() + s[1:] if cap else s
        return s, ("are" if pl else "is")

    def view(self):
        return "coronal image" if self.o == "LI" else self.rng.choice(["axial slice", "axial image", "slice"])



# side ------------------------------------------------------------------------------------------------------
def side_frag(R: Row, side: str) -> str:
    r = R.rng
    if side in ("left", "right"):
        return r.choice([f"on the patient's {side}", f"on the patient's {side} side", f"{side}-sided",
                         f"on the {side} side of the body", f"in the patient's {side} half"])
    if side == "midline":
        return r.choice(["in the midline", "right on the midline", "midline", "centred on the midline"])
    return r.choice(["bilateral", "on both sides", "present on both the left and the right", "bilaterally distributed"])


def low(s: str) -> str:
    return s[0].lower() + s[1:]


def side_sentence(R: Row, side: str, wrong=False, form=None) -> str:
    """A sentence stating the side (ledgered)."""
    r = R.rng
    s, be = R.subj()
    if form is None:
        form = r.choice(["plain", "plain", "conv", "neg", "mix"] if side in ("left", "right") else ["plain", "plain", "neg"])
        if wrong and form == "neg" and side in ("left", "right"):
            form = "plain"
    if form == "mix" and R.style not in ("fluent7b", "tiny1b"):
        form = "conv"
    if side in ("left", "right"):
        img = OPP[side]
        if form == "conv":
            t = r.choice([f"{s} {be} on the {img} of the image, which in the radiological convention is the patient's {side}.",
                          f"On screen {low(s)} appear{'' if be == 'are' else 's'} on the {img}, but that is the patient's {side} side.",
                          f"{s} {be} displayed on the image's {img}, i.e. the patient's {side}."])
            return R.claim("side", side, t, wrong)
        if form == "mix":
            t = r.choice([f"{s} {be} on the {img} side. Wait, that's the image's {img}; in patient terms it is on the patient's {side}.",
                          f"{s} {be} in the {img} part... sorry, I mean the {img} of the screen, so anatomically it is the patient's {side}.",
                          f"Looking at it, {low(s)} {be} on the {img}, hmm, no, correction: the image's {img} is the patient's {side}, so {side}-sided."])
            return R.claim("side", side, t, wrong)
        if form == "neg":
            t = r.choice([f"{s} {be} not on the patient's {OPP[side]}; {('they are' if be == 'are' else 'it is')} {side_frag(R, side)}.",
                          f"It's not on the patient's {OPP[side]} side, it is {side_frag(R, side)}."])
            R.claim("side_not", OPP[side], "not on the patient's " + OPP[side])
            return R.claim("side", side, t, wrong)
        t = r.choice([f"{s} {be} {side_frag(R, side)}.", f"Laterality: {side_frag(R, side)}.",
                      f"On this {R.view()}, {low(s)} {be} {side_frag(R, side)}."])
        return R.claim("side", side, t, wrong)
    if side == "midline":
        if form == "neg":
            t = r.choice([f"{s} {be} not off to the left or the right; {('they are' if be == 'are' else 'it is')} in the midline.",
                          "It isn't lateralised to either side, it sits in the midline."])
        else:
            t = r.choice([f"{s} {be} {side_frag(R, side)}.", "Laterality: midline.",
                          f"{s} {be} {side_frag(R, side)}, straddling the centre of the body."])
        return R.claim("side", "midline", t, wrong)
    if form == "neg":
        t = r.choice([f"{s} {be} not limited to one side; there is tissue on both the left and the right, so bilateral.",
                      "It's not one-sided: the mask is bilateral."])
    else:
        t = r.choice([f"{s} {be} {side_frag(R, side)}.", "Laterality: bilateral.",
                      f"There is a part on each side of the patient, so {low(s)} {be} bilateral."])
    return R.claim("side", "bilateral", t, wrong)


# vertical ----------------------------------------------------------------------------------------------------
def vert_frag(R: Row, v: str) -> str:
    r = R.rng
    return r.choice({
        "anterior": ["anterior", "toward the front of the body", "in the anterior part of the slice", "ventral"],
        "posterior": ["posterior", "toward the back", "in the posterior part of the slice", "dorsal"],
        "superior": ["superior", "high up in the image, toward the head", "in the upper part of the body", "cranial"],
        "inferior": ["inferior", "low in the image, toward the feet", "in the lower part of the body", "caudal"],
        "central": (["roughly central front-to-back", "in the middle anteroposteriorly", "mid-depth, neither front nor back"]
                    if R.o == "LP" else ["at mid-height", "central in the craniocaudal direction", "halfway up, neither high nor low"]),
    }[v])


def vert_sentence(R: Row, v: str, wrong=False) -> str:
    r = R.rng
    s, be = R.subj()
    if v == "central":
        t = r.choice([f"{s} {be} {vert_frag(R, v)}.", f"Position: {vert_frag(R, v)}.",
                      f"In terms of depth {low(s)} {be} {vert_frag(R, v)}." if R.o == "LP"
                      else f"Vertically {low(s)} {be} {vert_frag(R, v)}."])
        return R.claim("vertical", v, t, wrong)
    forms = [f"{s} {be} {vert_frag(R, v)}.", f"Position: {vert_frag(R, v)}.",
             f"{s} {be} located {vert_frag(R, v)} on this {R.view()}."]
    if not wrong:
        forms.append(f"{s} {be} {vert_frag(R, v)} rather than {OPP[v]}.")
    t = r.choice(forms)
    if "rather than" in t:
        R.claim("vertical_not", OPP[v], "rather than " + OPP[v])
    return R.claim("vertical", v, t, wrong)


# relations ---------------------------------------------------------------------------------------------------
def rel_frag(R: Row, rel: str, other: str) -> str:
    r = R.rng
    return r.choice({
        "left_of": [f"to the patient's left of the {other}", f"left of the {other} (patient's left)", f"on the left side of the {other}"],
        "right_of": [f"to the patient's right of the {other}", f"right of the {other} (patient's right)", f"on the right side of the {other}"],
        "anterior_to": [f"in front of the {other}", f"anterior to the {other}", f"ventral to the {other}"],
        "posterior_to": [f"behind the {other}", f"posterior to the {other}", f"dorsal to the {other}"],
        "superior_to": [f"above the {other}", f"superior to the {other}", f"cranial to the {other}"],
        "inferior_to": [f"below the {other}", f"inferior to the {other}", f"caudal to the {other}"],
    }[rel])


def rel_sentence(R: Row, pairs, wrong_idx=None) -> str:
    """pairs: [(other, relation)], all stated; wrong_idx marks the planted one."""
    r = R.rng
    s, be = R.subj()
    frags = []
    for k, (o, rel) in enumerate(pairs):
        fr = rel_frag(R, rel, o)
        R.claim("rel", [o, rel], fr, wrong=(k == wrong_idx))
        frags.append(fr)
    body = frags[0] if len(frags) == 1 else ", ".join(frags[:-1]) + " and " + frags[-1]
    return r.choice([f"{s} {be} {body}.", f"Relative to its neighbours, {low(s)} {be} {body}.",
                     f"Neighbours: {body}."])


# size ----------------------------------------------------------------------------------------------------------
SIZE_WORDS = {"small": ["small", "small", "tiny", "little"], "medium": ["medium-sized", "medium", "moderate-sized"],
              "large": ["large", "large", "big", "sizeable"]}


def fmt_pct(v: float, rng) -> tuple[str, float]:
    """(text, stated number) within about 12% of v."""
    opts = []
    if v >= 10:
        opts += [(f"{round(v)}%", round(v)), (f"about {round(v)} percent", round(v)), (f"~{v:.1f}%", round(v, 1))]
    elif v >= 1:
        opts += [(f"{v:.1f}%", round(v, 1)), (f"about {v:.1f} percent", round(v, 1))]
        if abs(round(v) / v - 1) < 0.12:
            opts += [(f"roughly {NUM.get(round(v), round(v))} percent", round(v)), (f"about {round(v)}%", round(v))]
    else:
        opts += [(f"{v:.2f}%", round(v, 2)), (f"about {v:.2f} percent", round(v, 2))]
        if abs(round(v, 1) / v - 1) < 0.12:
            opts += [(f"{v:.1f}%", round(v, 1)), (f"around {v:.1f}%", round(v, 1))]
    return rng.choice(opts)


def wrong_pct(v: float, rng) -> tuple[str, float]:
    w = v * rng.choice([0.22, 0.28, 3.2, 4.0])
    if w >= 10:
        n = round(w)
    elif w >= 1:
        n = round(w, 1)
    else:
        n = round(w, 2)
    return rng.choice([(f"{n}%", n), (f"about {n} percent", n), (f"roughly {n}%", n)]), n


def size_sentence(R: Row, cls=None, pct=None, wrong_cls=False, wrong_p=False) -> str:
    """cls: class word value to state (or None); pct: (text, number) to state (or None)."""
    r = R.rng
    s, be = R.subj()
    w = r.choice(SIZE_WORDS[cls]) if cls else None
    if w:
        R.claim("size_class", cls, w, wrong_cls)
    if pct:
        R.claim("pct", pct[1], pct[0], wrong_p)
    where = r.choice(["of the image", "of the slice", "of the frame", "of the image area"])
    if w and pct:
        return r.choice([f"{s} {be} {w}, covering {pct[0]} {where}.",
                         f"It takes up {pct[0]} {where}, so I'd call it {w}.",
                         f"Size: {w} ({pct[0]} {where}).",
                         f"With an area of {pct[0]} {where}, {low(s)} {be} {w}."])
    if w:
        return r.choice([f"{s} {be} {w}.", f"Size-wise it's {w}.", f"Size: {w}.",
                         f"{s} {be} {w} on this {R.view()}."])
    return r.choice([f"{s} cover{'' if be == 'are' else 's'} {pct[0]} {where}.", f"Area: {pct[0]} {where}.",
                     f"The segmented pixels make up {pct[0]} {where}."])


def true_size(R: Row, mode=None):
    mode = mode or R.rng.choice(["cls", "pct", "both", "both"])
    return dict(cls=R.f["size_class"] if mode in ("cls", "both") else None,
                pct=fmt_pct(R.pct, R.rng) if mode in ("pct", "both") else None)


# count ---------------------------------------------------------------------------------------------------------
def count_sentence(R: Row, n: int, wrong=False) -> str:
    r = R.rng
    if n == 1:
        t = r.choice(["It is one single connected region.", "The mask is a single piece, no separate islands.",
                      "There is only one component.", "Count: 1 connected region.",
                      "It forms one continuous region."])
    else:
        nw = r.choice([NUM[n], str(n)])
        t = r.choice([f"There are {nw} separate pieces in the mask.", f"The mask has {nw} distinct components.",
                      f"Count: {nw} separate regions.", f"I count {nw} separate, unconnected regions.",
                      f"It is made of {nw} disconnected parts."])
    return R.claim("count", n, t, wrong)


def wrong_count(n: int, rng) -> int:
    if n == 1:
        return rng.choice([2, 2, 3])
    return rng.choice([k for k in (1, n - 1, n + 1) if k >= 1 and k != n])


def wrong_side(R: Row) -> str:
    side = R.f["laterality"]
    if side in ("left", "right"):
        return OPP[side] if R.rng.random() < 0.8 else R.rng.choice(["midline", "bilateral"])
    if side == "midline":
        return R.rng.choice(["left", "right"])
    return R.rng.choice(["left", "right", "left", "midline"])


def wrong_vertical(R: Row) -> str:
    v = R.f["vertical"]
    if v == "central":
        return R.rng.choice(["anterior", "posterior"] if R.o == "LP" else ["superior", "inferior"])
    return OPP[v] if R.rng.random() < 0.75 else "central"


# ---------------------------------------------------------------------------------------------------------
# topics

def say(R: Row, topic: str, wrong=False) -> str:
    """One sentence (or two) about the topic, true unless wrong."""
    f, r = R.f, R.rng
    if topic == "side":
        return side_sentence(R, wrong_side(R) if wrong else f["laterality"], wrong)
    if topic == "vertical":
        return vert_sentence(R, wrong_vertical(R) if wrong else f["vertical"], wrong)
    if topic == "rel":
        k = r.randint(1, min(2, len(R.rels)))
        pairs = r.sample(R.rels, k)
        asked = getattr(R, "asked_other", None)
        if asked and all(o != asked for o, _ in pairs):
            pairs[0] = r.choice([x for x in R.rels if x[0] == asked])
            if k == 2 and pairs[1] == pairs[0]:
                pairs = pairs[:1]
        if wrong:
            i = r.randrange(k)
            pairs[i] = (pairs[i][0], REL_OPP[pairs[i][1]])
            return rel_sentence(R, pairs, i)
        return rel_sentence(R, pairs)
    if topic == "size":
        if wrong:
            if r.random() < 0.55:
                cls = r.choice([c for c in ("small", "medium", "large") if c != f["size_class"]])
                pct = fmt_pct(R.pct, r) if r.random() < 0.3 else None
                return size_sentence(R, cls, pct, wrong_cls=True)
            wp = wrong_pct(R.pct, r)[0]
            return size_sentence(R, f["size_class"] if r.random() < 0.3 else None, wp, wrong_p=True)
        return size_sentence(R, **true_size(R))
    if topic == "count":
        n = f["components"]
        return count_sentence(R, wrong_count(n, r) if wrong else n, wrong)
    raise ValueError(topic)


def topics_for(R: Row):
    t = ["side", "vertical", "size", "count"]
    if R.rels:
        t.append("rel")
    return t


def knowledge(R: Row, n=1):
    pool = KNOW[R.p["region"]] + KNOW_TARGET.get(R.key, []) * 2
    return R.rng.sample(pool, n)


def convention_note(R: Row) -> str:
    """A sentence explaining the convention (ledgered when it states the target's side)."""
    side = R.f["laterality"]
    r = R.rng
    if side in ("left", "right") and r.random() < 0.6 and R.wrong_topic != "side":
        return side_sentence(R, side, form="conv")
    if R.o == "LI":
        return r.choice(["On a coronal image we look at the patient from the front, so the patient's left is on the right of the screen.",
                         "Remember that coronal images are displayed as if facing the patient."])
    return r.choice(["On axial CT and MR the images are viewed from the feet, so the patient's left is on the right of the screen.",
                     "Radiological convention: image right = patient left, and the top of the image is anterior."])


def negation_trap(R: Row):
    """A true negation about the target (ledgered)."""
    f, r = R.f, R.rng
    side = f["laterality"]
    opts = []
    if side in ("left", "right", "midline") and R.wrong_topic != "side":
        opts.append("bil")
    if f["components"] == 1 and R.wrong_topic != "count":
        opts.append("one")
    if f["vertical"] != "central" and R.wrong_topic != "vertical":
        opts.append("vert")
    if not opts:
        return None
    c = r.choice(opts)
    if c == "bil":
        t = r.choice(["It is not bilateral.", "Nothing is segmented on the opposite side, so it is not bilateral.",
                      "There is no matching region on the other side."])
        return R.claim("side_not", "bilateral", t)
    if c == "one":
        t = r.choice(["There are no satellite pieces or separate fragments.", "No second component is present.",
                      "It is not split into several pieces."])
        return R.claim("count", 1, t)
    opp = OPP[f["vertical"]]
    t = r.choice([f"It is not {opp}.", f"It is definitely not in the {opp} part."])
    return R.claim("vertical_not", opp, t)


# ---------------------------------------------------------------------------------------------------------
# questions

def follow_question(R: Row, topic: str) -> str:
    r = R.rng
    if topic == "side":
        return r.choice(["Which side of the patient is it on?", "Is it on the left or the right?",
                         "Left or right, in patient terms?", "What is the laterality?", "what side is it"])
    if topic == "vertical":
        if R.o == "LP":
            return r.choice(["Is it toward the front or the back?", "Anterior or posterior?",
                             "Where does it sit front-to-back?", "How deep is it, anterior or posterior?"])
        return r.choice(["Is it high or low on this image?", "Superior or inferior?", "Where is it top-to-bottom?"])
    if topic == "rel":
        o = r.choice(R.rels)[0]
        R.asked_other = o
        return r.choice(["What is it next to?", f"How does it relate to the {o}?", "Describe its neighbours.",
                         f"Where is it relative to the {o}?"])
    if topic == "size":
        return r.choice(["How big is the segmented area?", "Roughly what fraction of the image does it cover?",
                         "Is it small or large?", "size?", "How much of the image is it?"])
    if topic == "count":
        return r.choice(["How many separate pieces does the mask have?", "Is it one region or several?",
                         "Count the connected components please.", "How many regions are segmented?"])
    return r.choice(["Can you summarize the findings?", "Give me a short summary.", "Sum it up in one or two lines.",
                     "Summarize everything in one answer."])


def premise_question(R: Row, topic: str, ask: str) -> str:
    """A follow-up user question with a FALSE premise on `topic` (ledgered as wrong), asking about `ask`."""
    r = R.rng
    f = R.f
    q = follow_question(R, ask)
    q = q[0].lower() + q[1:]
    if topic == "side":
        w = wrong_side(R)
        frag = {"left": "on the patient's left", "right": "on the patient's right", "midline": "in the midline",
                "bilateral": "on both sides"}[w]
        t = r.choice([f"Since it's {frag}, ", f"OK, it's {frag}. ", f"Given that it lies {frag}, "])
        R.claim("side", w, t.strip(), wrong=True)
    elif topic == "vertical":
        w = wrong_vertical(R)
        t = r.choice([f"So it sits {vert_frag(R, w)}. ", f"Given that it's {vert_frag(R, w)}, "])
        R.claim("vertical", w, t.strip(), wrong=True)
    elif topic == "rel":
        o, rel = r.choice(R.rels)
        fr = rel_frag(R, REL_OPP[rel], o)
        t = r.choice([f"Since it lies {fr}, ", f"OK so it is {fr}. "])
        R.claim("rel", [o, REL_OPP[rel]], t.strip(), wrong=True)
    elif topic == "size":
        if r.random() < 0.5:
            w = r.choice([c for c in ("small", "medium", "large") if c != f["size_class"]])
            word = r.choice(SIZE_WORDS[w])
            t = r.choice([f"It's a {word} structure then. ", f"Since it is {word}, "])
            R.claim("size_class", w, t.strip(), wrong=True)
        else:
            txt, n = wrong_pct(R.pct, r)[0]
            t = r.choice([f"Since it covers only {txt} of the image, ", f"With {txt} of the image covered, "])
            R.claim("pct", n, t.strip(), wrong=True)
    else:
        w = wrong_count(f["components"], r)
        t = (r.choice(["Since it's one single piece, ", "Given it's just one connected blob, "]) if w == 1 else
             r.choice([f"Since there are {NUM[w]} separate pieces, ", f"With {w} separate parts, "]))
        R.claim("count", w, t.strip(), wrong=True)
    if t.endswith(", "):
        return t + q
    return t + q[0].upper() + q[1:]


def corrected_premise(R: Row, topic: str) -> str:
    """The user's false idea on `topic` (ledgered as corrected), for a clean row."""
    r = R.rng
    f = R.f
    if topic == "side":
        w = wrong_side(R)
        frag = {"left": "on the left", "right": "on the right", "midline": "in the middle",
                "bilateral": "on both sides"}[w]
        u = r.choice([f"I thought it was {frag}?", f"Hmm, isn't it {frag}?", f"My colleague said it's {frag}."])
        R.claim("side", w, u, corrected=True)
        R.fix_word = None
        return u
    if topic == "size":
        w = r.choice([c for c in ("small", "medium", "large") if c != f["size_class"]])
        word = r.choice(SIZE_WORDS[w])
        u = r.choice([f"It looks {word} to me.", f"I'd have said it is {word}."])
        R.claim("size_class", w, u, corrected=True)
        R.fix_word = word
        return u
    w = wrong_count(f["components"], r)
    u = r.choice(["So it's just one piece?" if w == 1 else f"So there are {NUM[w]} pieces?",
                  "I count " + ("one piece." if w == 1 else f"{NUM[w]} pieces.")])
    R.claim("count", w, u, corrected=True)
    return u


def correction(R: Row, topic: str) -> str:
    """The assistant's explicit correction of the user's idea (true, ledgered)."""
    r = R.rng
    f = R.f
    if topic == "side":
        fix = side_sentence(R, f["laterality"], form="conv" if f["laterality"] in ("left", "right") else "plain")
        return r.choice(["Not quite. ", "No, that's a common mix-up. ", "Actually no. "]) + fix
    if topic == "size":
        fix = size_sentence(R, f["size_class"], fmt_pct(R.pct, r))
        return r.choice([f"I wouldn't call it {R.fix_word}. ", f"Actually it is not {R.fix_word}. "]) + fix
    fix = count_sentence(R, f["components"])
    return r.choice(["No, let me recount. ", "Not exactly. ", "Small correction: "]) + fix


# ---------------------------------------------------------------------------------------------------------
# registers: first answer and follow-up answers

FILLERS = {
    "tiny1b": ["I hope this helps!", "I hope this help.", "Let me know if you have more question.", "Hope it helps."],
    "bullets3b": ["Let me know if you need anything else!", "Feel free to ask follow-up questions! 😊",
                  "I hope this breakdown is helpful!"],
    "fluent7b": ["I hope that clarifies things.", "Happy to go into more detail if useful.", ""],
    "jsonish": ["", "", "Let me know if you want another field."],
}


def seg_phrase(R: Row) -> str:
    nm = R.rng.choice(R.syns)
    return nm + " [SEG]"


def first_answer(R: Row, q: str, topics: list[str], wrong_topic: str | None) -> str:
    r = R.rng
    st = R.style
    reason = r.choice(REASON[R.key])
    facts = [say(R, t, wrong=(t == wrong_topic)) for t in topics]
    extra = []
    if r.random() < 0.6:
        extra.append(convention_note(R))
    if r.random() < 0.5:
        n = negation_trap(R)
        if n:
            extra.append(n)
    kn = knowledge(R, r.choice([1, 1, 2]))
    filler = r.choice(FILLERS[st])
    nm = R.name
    if st == "tiny1b":
        restate = r.choice([f"You ask: {q.split('?')[0].strip()}?" if "?" in q else "You ask to segment.", "",
                            "The question is asking about a structure."])
        head = r.choice([f"The answer is {seg_phrase(R)}.", f"This is {seg_phrase(R)}.", f"It is {seg_phrase(R)}. It is the {nm}."])
        rep = ""
        if topics and topics[0] != wrong_topic and r.random() < 0.6:
            rep = say(R, topics[0])  # repeats itself (true)
        slip = r.choice(["", "", "This structure have important function.", "The segmentation are shown by the mask.",
                         "It is look like normal shape in this image."])
        body = " ".join([restate, head, slip] + facts + ([rep] if rep else []) + extra + kn[:1] + [filler])
        return " ".join(body.split())
    if st == "bullets3b":
        restate = r.choice([f"You asked: *{q}*", "Great question! Let's break it down.", f"**Question:** {q}"])
        lines = [restate, "", f"**Answer:** {seg_phrase(R)}", "", "**Reasoning:**", f"- {reason}"]
        if kn:
            lines.append(f"- {kn[0]}")
        lines += ["", "**Findings:**"] + [f"- {x}" for x in facts + extra]
        if r.random() < 0.5:
            lines += ["", "**Note:** " + (kn[1] if len(kn) > 1 else r.choice(["These are approximate values.",
                                                                             "Measurements are from the mask only."]))]
        lines += ["", filler]
        return "\n".join(lines).strip()
    if st == "fluent7b":
        think = r.choice([f"Let me think through this step by step. {reason}",
                          f"The description is the key here. {reason} Other organs nearby don't fit as well.",
                          f"Reasoning first: {reason}"])
        ans = r.choice([f"So the structure you're after is {seg_phrase(R)}.", f"Here it is: {seg_phrase(R)}.",
                        f"I've segmented {seg_phrase(R)}."])
        para = " ".join(facts + extra)
        tail = " ".join(kn) + (" " + filler if filler else "")
        return f"{think}\n\n{ans} {para}\n\n{tail}".strip()
    # jsonish
    d = {"answer": seg_phrase(R), "reasoning": reason}
    keys = {"side": "laterality", "vertical": "position", "rel": "relations", "size": "size", "count": "components"}
    for t, s in zip(topics, facts):
        d[keys[t]] = s
    if extra:
        d["notes"] = " ".join(extra)
    if r.random() < 0.5:
        d["knowledge"] = kn[0]
    body = json.dumps(d, indent=2, ensure_ascii=False)
    if r.random() < 0.4:
        body = "```json\n" + body + "\n```"
    elif r.random() < 0.3:
        body = body[:-1].rstrip() + ",\n}"  # trailing comma, a broken fragment
    pre = r.choice(["", "", "Here is the answer in JSON format:\n", "Sure! Output:\n"])
    return (pre + body + ("\n" + filler if filler else "")).strip()


def follow_answer(R: Row, q: str, topic: str, wrong: bool, lead: str = "") -> str:
    r = R.rng
    st = R.style
    if topic == "summary":
        ts = [t for t in topics_for(R) if r.random() < 0.7] or ["side"]
        sents = [say(R, t, wrong=(wrong and t == R.wrong_topic)) for t in ts]
        if wrong and R.wrong_topic not in ts:
            sents.append(say(R, R.wrong_topic, wrong=True))
    else:
        sents = [say(R, topic, wrong=wrong)]
        if r.random() < 0.3:
            sents.append(r.choice(knowledge(R, 1)))
    filler = r.choice(FILLERS[st])
    if st == "tiny1b":
        rest = r.choice(["", f"You ask {q[0].lower() + q[1:].rstrip('?')}.", "Good question."])
        return " ".join((lead + " " + rest + " " + " ".join(sents) + " " + filler).split())
    if st == "bullets3b":
        head = r.choice(["Sure! Here's the answer:", "**Answer:**", f"Regarding your question ({q.rstrip('?')}):"])
        return "\n".join(([lead, ""] if lead else []) + [head] + [f"- {s}" for s in sents] + ["", filler]).strip()
    if st == "fluent7b":
        pre = r.choice(["", "Looking at the mask again: ", "Good question. ", "Let me check the mask. "])
        body = " ".join(sents)
        out = (lead + " " if lead else "") + pre + body
        return out + (" " + filler if filler and r.random() < 0.4 else "")
    d = {"question": q, "answer": " ".join(sents)}
    if lead:
        d = {"correction": lead, **d}
    return json.dumps(d, indent=r.choice([None, 2]), ensure_ascii=False)


# ---------------------------------------------------------------------------------------------------------

def build(p, facts, style, rng, defect):
    R = Row(p, facts, style, rng)
    kind_topic = {"laterality": "side", "size": "size", "count": "count"}
    wrong_topic = None
    place = None
    if defect in ("laterality", "position", "size", "count"):
        if defect == "position":
            wrong_topic = "rel" if (R.rels and rng.random() < 0.5) else "vertical"
        else:
            wrong_topic = kind_topic[defect]
        x = rng.random()
        place = "user" if x < 0.2 else "follow" if x < 0.4 else "first"
    R.wrong_topic = wrong_topic
    rounds = rng.choice([2, 2, 3])
    all_t = topics_for(R)

    # round 1
    R.turn = 0
    q1 = rng.choice(NAMED_QUESTIONS[R.key] if defect == "names_target" else QUESTIONS[R.key])
    if rng.random() < 0.3:
        q1 = rng.choice(["", "Image attached. ", "Here is a CT slice. " if p["modality"] == "CT" else "Here is an MR image. "]) + q1
    turns = [{"role": "user", "content": q1}]
    avail = [t for t in all_t if not (place in ("user", "follow") and t == wrong_topic)]
    k = rng.randint(2, min(4, len(avail)))
    first_topics = rng.sample(avail, k)
    if place == "first" and wrong_topic not in first_topics:
        first_topics[rng.randrange(k)] = wrong_topic
    R.turn = 1
    turns.append({"role": "assistant", "content": first_answer(R, q1, first_topics, wrong_topic if place == "first" else None)})

    # follow-up rounds
    left = [t for t in all_t if t not in first_topics and t != wrong_topic] or [t for t in all_t if t != wrong_topic]
    plan = []
    for j in range(rounds - 1):
        plan.append(rng.choice(left + ["summary"]))
    wrong_at = None
    if place in ("user", "follow"):
        wrong_at = rng.randrange(rounds - 1)
        if place == "follow":
            plan[wrong_at] = wrong_topic if rng.random() < 0.75 else "summary"
        else:
            plan = [t if t != "summary" else rng.choice([x for x in all_t if x != wrong_topic]) for t in plan]
            plan = [t if t != wrong_topic else rng.choice([x for x in all_t if x != wrong_topic]) for t in plan]
    corrected_at = None
    if defect is None and rng.random() < 0.35:
        corrected_at = rng.randrange(rounds - 1)
    for j, topic in enumerate(plan):
        R.turn = len(turns)
        if wrong_at == j and place == "user":
            q = premise_question(R, wrong_topic, topic)
            turns.append({"role": "user", "content": q})
            R.turn = len(turns)
            turns.append({"role": "assistant", "content": follow_answer(R, q, topic, False)})
            continue
        if corrected_at == j:
            ct = rng.choice(["side", "size", "count"])
            nt = topic if topic != ct else "summary"
            u = corrected_premise(R, ct)
            q = u + " " + follow_question(R, nt)
            turns.append({"role": "user", "content": q})
            R.turn = len(turns)
            fix = correction(R, ct)
            turns.append({"role": "assistant", "content": follow_answer(R, q, nt, False, lead=fix)})
            continue
        q = follow_question(R, topic)
        turns.append({"role": "user", "content": q})
        R.turn = len(turns)
        turns.append({"role": "assistant", "content": follow_answer(R, q, topic, wrong=(wrong_at == j and place == "follow"))})

    LEDGER[ledger_key(turns)] = {"claims": R.claims, "defect": defect, "place": place}
    return turns, ([] if defect is None else [defect])
