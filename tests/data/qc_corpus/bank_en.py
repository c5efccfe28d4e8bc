"""Bank EN: MedSeg-QA-style conversations (drafted by an LLM, refined by a physician).

The first user question asks for a structure through its function, a disease or a clinical story
("which structure here produces bile?"); the assistant names it with a short reasoning chain and
"[SEG]", then answers follow-ups on side, position, size, count and neighbours.

Targets: abdomen CT (liver, spleen, right/left kidney, kidneys, pancreas, gallbladder, stomach, aorta,
inferior vena cava, adrenal glands), coronal abdomen (liver, spleen, kidneys), thorax CT (lungs, right
lung, left lung, heart, esophagus, trachea), brain MR (brain tumour, brain metastases, lateral
ventricles), pelvis (urinary bladder, prostate, uterus). Bilateral, midline and multi-piece masks make up
well over a quarter of the profiles.

Registers (STYLES): llm_draft, physician_refined, reasoning_chain, bilingual_gloss.

Written without reading QC. Every sentence is written from a ledger (`LEDGER`, one entry per `build`
call) saying which mask facts it claims and whether each claim is true; the writer's own reader
(/work/notes/qcen_scripts/check_en.py) re-derives every claim's truth from the facts. Own check on
heldout_en.jsonl (seed 20261271): rows 420, clean 210, defects 42 of each of 5 kinds, problems 0;
3309 ledgered claims, 169 user misconceptions corrected in place; false claim located in the first answer
93, a follow-up answer 38, a user turn 37 (of 168 side/position/size/count defects); laterality of rows:
left 130, midline 113, bilateral 91, right 86; 91 multi-piece rows.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["llm_draft", "physician_refined", "reasoning_chain", "bilingual_gloss"]

LEDGER: list = []  # one entry per build(): the segments of every turn with their claims

# ---------------------------------------------------------------------------------------------------
# profiles: geometry in pixels on a 256 x 256 grid (cx, cy, semi-axis x, semi-axis y, angle in degrees)

_ABD = {"aorta": (0.52, 0.58), "spine": (0.50, 0.70)}


def _P(target, fam, mod, region, orient, ell, others, plural=False, **kw):
    d = dict(target=target, fam=fam, modality=mod, body_region=region, orientation=orient, ell=ell,
             others=others, plural=plural)
    d.update(kw)
    return d


PROFILES = [
    _P("liver", "liver", "CT", "abdomen", "LP", [(84, 104, 52, 40, 10)],
       {"aorta": (0.52, 0.58), "stomach": (0.64, 0.38), "right kidney": (0.32, 0.66)}),
    _P("spleen", "spleen", "CT", "abdomen", "LP", [(190, 152, 20, 30, -20)],
       {"stomach": (0.64, 0.38), "left kidney": (0.68, 0.64), "aorta": (0.52, 0.58)}),
    _P("right kidney", "kidney_r", "CT", "abdomen", "LP", [(80, 166, 17, 22, 15)],
       {"liver": (0.33, 0.40), "aorta": (0.52, 0.58), "inferior vena cava": (0.41, 0.57)}),
    _P("left kidney", "kidney_l", "CT", "abdomen", "LP", [(176, 164, 17, 22, -15)],
       {"spleen": (0.74, 0.58), "aorta": (0.52, 0.58), "stomach": (0.64, 0.38)}),
    _P("kidneys", "kidneys", "CT", "abdomen", "LP", [(80, 166, 17, 22, 15), (176, 164, 17, 22, -15)],
       {"liver": (0.33, 0.40), "pancreas": (0.53, 0.47)}, plural=True),
    _P("pancreas", "pancreas", "CT", "abdomen", "LP", [(134, 120, 42, 9, -12)],
       {"stomach": (0.64, 0.36), "aorta": (0.52, 0.62), "liver": (0.30, 0.40)}),
    _P("gallbladder", "gallbladder", "CT", "abdomen", "LP", [(98, 128, 10, 15, 20)],
       {"liver": (0.30, 0.40), "stomach": (0.64, 0.38), "aorta": (0.52, 0.60)}),
    _P("stomach", "stomach", "CT", "abdomen", "LP", [(170, 98, 30, 22, 25)],
       {"liver": (0.30, 0.42), "spleen": (0.76, 0.60), "pancreas": (0.53, 0.50)}),
    _P("aorta", "aorta", "CT", "abdomen", "LP", [(132, 150, 9, 9, 0)],
       {"inferior vena cava": (0.40, 0.57), "stomach": (0.64, 0.36), "pancreas": (0.53, 0.44)}),
    _P("inferior vena cava", "ivc", "CT", "abdomen", "LP", [(104, 150, 9, 7, 0)],
       {"aorta": (0.52, 0.58), "liver": (0.30, 0.40), "right kidney": (0.30, 0.66)}),
    _P("adrenal glands", "adrenal", "CT", "abdomen", "LP", [(98, 150, 5, 9, 30), (160, 148, 5, 9, -30)],
       {"pancreas": (0.53, 0.45), "liver": (0.30, 0.38)}, plural=True),
    _P("liver", "liver", "MR", "abdomen", "LI", [(84, 84, 50, 38, 0)],
       {"right kidney": (0.34, 0.58), "urinary bladder": (0.50, 0.90), "spleen": (0.72, 0.36)}),
    _P("spleen", "spleen", "CT", "abdomen", "LI", [(182, 88, 20, 28, 20)],
       {"left kidney": (0.66, 0.58), "liver": (0.32, 0.34), "urinary bladder": (0.50, 0.90)}),
    _P("kidneys", "kidneys", "CT", "abdomen", "LI", [(92, 152, 16, 28, -10), (164, 148, 16, 28, 10)],
       {"liver": (0.33, 0.33), "urinary bladder": (0.50, 0.90)}, plural=True),
    _P("lungs", "lungs", "CT", "chest", "LP", [(80, 128, 34, 56, 0), (176, 128, 32, 56, 0)],
       {"heart": (0.57, 0.40), "esophagus": (0.51, 0.59)}, plural=True),
    _P("right lung", "lung_r", "CT", "chest", "LP", [(80, 128, 34, 56, 0)],
       {"heart": (0.57, 0.40), "left lung": (0.69, 0.50), "esophagus": (0.51, 0.59)}),
    _P("left lung", "lung_l", "CT", "chest", "LP", [(176, 128, 32, 56, 0)],
       {"heart": (0.57, 0.40), "right lung": (0.31, 0.50), "trachea": (0.50, 0.41)}),
    _P("heart", "heart", "CT", "chest", "LP", [(150, 100, 38, 32, -20)],
       {"esophagus": (0.51, 0.59), "right lung": (0.31, 0.50), "trachea": (0.50, 0.41)}),
    _P("esophagus", "esophagus", "CT", "chest", "LP", [(130, 150, 6, 6, 0)],
       {"heart": (0.57, 0.40), "trachea": (0.50, 0.41), "right lung": (0.31, 0.50)}),
    _P("trachea", "trachea", "CT", "chest", "LP", [(128, 104, 9, 9, 0)],
       {"esophagus": (0.51, 0.60), "right lung": (0.31, 0.50), "left lung": (0.69, 0.50)}),
    _P("brain tumour", "tumour", "MR", "brain", "LP", [(170, 100, 22, 18, 30)],
       {"third ventricle": (0.50, 0.50), "right frontal horn": (0.44, 0.40)}),
    _P("brain metastases", "mets", "MR", "brain", "LP", [(90, 90, 6, 6, 0), (165, 150, 5, 5, 0), (150, 80, 4, 4, 0)],
       {"third ventricle": (0.50, 0.50)}, plural=True),
    _P("lateral ventricles", "ventricles", "MR", "brain", "LP", [(109, 122, 6, 22, -8), (147, 122, 6, 22, 8)],
       {"fourth ventricle": (0.50, 0.80), "pineal gland": (0.50, 0.62)}, plural=True),
    _P("urinary bladder", "bladder", "CT", "pelvis", "LP", [(128, 104, 30, 25, 0)],
       {"rectum": (0.50, 0.72), "left femoral head": (0.78, 0.52)}),
    _P("prostate", "prostate", "MR", "pelvis", "LP", [(128, 150, 14, 12, 0)],
       {"rectum": (0.50, 0.76), "pubic symphysis": (0.50, 0.34)}),
    _P("uterus", "uterus", "MR", "pelvis", "LP", [(128, 150, 28, 20, 0)],
       {"urinary bladder": (0.50, 0.36), "rectum": (0.50, 0.80)}),
]


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    mask = np.zeros((256, 256), bool)
    yy, xx = np.mgrid[0:256, 0:256]
    dx, dy = rng.randint(-2, 2), rng.randint(-2, 2)
    for cx, cy, a, b, ang in p["ell"]:
        t = math.radians(ang)
        u = (xx - cx - dx) * math.cos(t) + (yy - cy - dy) * math.sin(t)
        v = -(xx - cx - dx) * math.sin(t) + (yy - cy - dy) * math.cos(t)
        mask |= (u / a) ** 2 + (v / b) ** 2 <= 1.0
    return compute_facts(mask, p["orientation"], dict(p["others"])).model_dump(mode="json")


def record_for(p):
    return dict(modality=p["modality"], body_region=p["body_region"], orientation=p["orientation"])


# ---------------------------------------------------------------------------------------------------
# knowledge by family: display name, Latin gloss, words a clean first question must avoid, implicit
# questions (with the two reasoning steps), hard-but-true sentences (other structures, statistics,
# hypotheticals) and a general misconception the assistant corrects.

FAM = {
    "liver": dict(
        adj="hepatic", name="the liver", latin="hepar", syn=["the organ", "this organ"],
        forbid=["liver", "hepat"],
        qs=[("Which structure here produces bile? Please segment it.",
             "bile is produced by hepatocytes", "hepatocytes make up the bulk of the liver"),
            ("Which organ in this scan makes albumin and most clotting factors? Can you outline it?",
             "albumin and most clotting factors are synthesised by hepatocytes", "the organ built of hepatocytes is the liver"),
            ("A patient with years of heavy drinking is now jaundiced. Segment the organ most likely to be cirrhotic.",
             "alcohol-related cirrhosis scars the organ that metabolises ethanol", "ethanol is metabolised mainly by the liver"),
            ("Which organ receives the portal venous blood from the gut? Show me where it is.",
             "the portal vein drains the gut", "the portal vein empties into the liver")],
        know=["The spleen, by contrast, sits in the left upper quadrant.",
              "In situs inversus, which affects roughly 1 in 10,000 people, the abdominal organs are mirrored; nothing here suggests that.",
              "Riedel's lobe, a tongue-like downward extension, is reported in a minority of people, around 10-15% in some series.",
              "Hepatomegaly is usually called when the craniocaudal span exceeds about 16 cm, which a single slice cannot assess.",
              "The left renal vein crosses in front of the aorta, well away from this organ."],
        misc=("I always thought the gallbladder makes the bile.",
              "A common mix-up: the gallbladder only stores and concentrates bile; the hepatocytes make it.")),
    "spleen": dict(
        adj="splenic", name="the spleen", latin="lien", syn=["the organ", "this organ"],
        forbid=["spleen", "splen", "lien"],
        qs=[("Which organ filters old red blood cells out of the circulation? Please segment it.",
             "old red cells are removed by the red pulp", "the red pulp belongs to the spleen"),
            ("A cyclist fractured his lower left ribs and is hypotensive. Which organ is most likely bleeding? Segment it.",
             "lower left rib fractures classically injure the organ lying beneath them", "the organ under the left lower ribs is the spleen"),
            ("Which organ enlarges in infectious mononucleosis so that contact sports are forbidden? Outline it please.",
             "mononucleosis causes lymphoid hyperplasia that enlarges a particular organ", "contact sports are avoided because of rupture of the spleen")],
        know=["The liver occupies the opposite, right upper quadrant.",
              "Accessory spleens (splenules) are found in roughly 10-30% of people at autopsy.",
              "The left kidney lies posteromedial to this organ and usually sits a little higher than the right kidney.",
              "A spleen longer than about 13 cm is usually called enlarged, though one slice cannot measure length."],
        misc=("Isn't this organ part of the lymph-node chain of the stomach?",
              "Not quite: it is a separate lymphoid organ with its own artery, not a gastric lymph node.")),
    "kidney_r": dict(
        adj="renal", name="the right kidney", latin="ren dexter", syn=["the organ", "this kidney"],
        forbid=["kidney", "renal", "nephr", "ren "],
        qs=[("Which organ here filters the blood to make urine? Please segment the one on the patient's right.",
             "urine is formed by filtration in the nephrons", "nephrons are the units of the kidney"),
            ("Which organ makes erythropoietin? Segment the one on the patient's right side, please.",
             "erythropoietin comes mainly from peritubular interstitial cells", "those cells lie in the renal cortex, that is, in the kidney")],
        know=["The left kidney usually sits about 1-2 cm higher than its right counterpart, because the liver pushes the right one down.",
              "The left renal vein crosses in front of the aorta; a retroaortic course is seen in about 2-3% of people.",
              "Horseshoe kidney, where the lower poles fuse across the midline, occurs in about 1 in 500 people; that is not the case here."],
        misc=("Doesn't the liver sit on top of the left kidney?",
              "No, the liver lies over the right kidney; the spleen and stomach are the neighbours of the left kidney.")),
    "kidney_l": dict(
        adj="renal", name="the left kidney", latin="ren sinister", syn=["the organ", "this kidney"],
        forbid=["kidney", "renal", "nephr", "ren "],
        qs=[("Which organ filters the blood to make urine? Please segment the one on the patient's left.",
             "urine is formed by filtration in the nephrons", "nephrons are the units of the kidney"),
            ("The left-sided organ that receives the long vein crossing in front of the aorta - which is it? Segment it.",
             "the vein crossing in front of the aorta is the left renal vein", "that vein drains the left kidney")],
        know=["The right kidney usually sits 1-2 cm lower than the left one, displaced by the liver.",
              "The left renal vein crosses in front of the aorta; a retroaortic course is seen in about 2-3% of people.",
              "The left adrenal vein and left gonadal vein both drain into the left renal vein, unlike on the right."],
        misc=("The spleen is behind this kidney, right?",
              "Actually no: the spleen lies lateral and anterior to the upper pole; the kidney is the more posterior of the two.")),
    "kidneys": dict(
        adj="renal", name="the kidneys", latin="renes", syn=["both kidneys", "the paired organs"],
        forbid=["kidney", "renal", "nephr", "renes"],
        qs=[("Which paired organs filter the blood and make urine? Segment both of them.",
             "urine is formed by filtration in the nephrons", "nephrons are the units of the kidneys"),
            ("Long-standing diabetes with heavy proteinuria: which organs are damaged? Outline them on this slice.",
             "diabetic proteinuria comes from glomerular damage", "glomeruli sit in the kidneys"),
            ("Which organs produce renin and erythropoietin? Please segment them.",
             "renin comes from juxtaglomerular cells and erythropoietin from peritubular cells", "both cell types lie in the kidneys")],
        know=["The left kidney usually lies slightly higher than the right one because the liver sits above the right.",
              "About 1 in 500 people has a horseshoe kidney, with the lower poles joined across the midline; not the case here.",
              "The left renal vein passes in front of the aorta to reach the inferior vena cava on the right.",
              "A single kidney (unilateral agenesis) occurs in roughly 1 in 1,000 people."],
        misc=("I thought both kidneys lie at exactly the same height.",
              "They rarely do: the right one usually sits a little lower because of the liver.")),
    "pancreas": dict(
        adj="pancreatic", name="the pancreas", latin="pancreas", syn=["the gland", "this gland"],
        forbid=["pancrea"],
        qs=[("Which organ in this scan secretes insulin and digestive enzymes? Please segment it.",
             "insulin comes from beta cells and digestive enzymes from acinar cells", "both live in the pancreas"),
            ("Lipase is 20 times the upper limit and the pain goes through to the back. Which organ is inflamed? Segment it.",
             "a very high lipase with pain radiating to the back points to inflammation of the gland that secretes lipase", "that gland is the pancreas"),
            ("Which retroperitoneal gland is cradled by the duodenal C-loop? Outline it.",
             "the duodenal C-loop wraps around the head of a gland", "that gland is the pancreas")],
        know=["Its head lies in the duodenal curve to the right, while the tail reaches towards the splenic hilum on the left.",
              "Pancreatic cancer makes up only about 3% of all cancers but is among the leading causes of cancer death.",
              "The splenic vein runs along its back surface, and the superior mesenteric artery passes behind its neck.",
              "Pancreas divisum, a failure of duct fusion, is seen in roughly 5-10% of people."],
        misc=("So this gland sits inside the peritoneal cavity like the stomach?",
              "No, it is mostly retroperitoneal; only part of the tail lies within the splenorenal ligament.")),
    "gallbladder": dict(
        name="the gallbladder", latin="vesica biliaris", syn=["the sac", "this structure"],
        forbid=["gallbladder", "gall bladder", "gall-bladder", "cholecyst", "vesica"],
        qs=[("Which structure here stores and concentrates bile? Please segment it.",
             "bile is made in the liver but stored between meals", "the storage sac is the gallbladder"),
            ("A 45-year-old has right upper quadrant pain after fatty meals and a positive Murphy sign. Which structure is inflamed? Segment it.",
             "pain after fatty meals with a positive Murphy sign suggests inflammation of the bile reservoir", "that reservoir is the gallbladder"),
            ("Which pear-shaped sac sits in a fossa under segments IV and V? Outline it for me.",
             "the fossa under segments IV and V holds a pear-shaped bile reservoir", "that reservoir is the gallbladder")],
        know=["Gallstones are present in about 10-15% of adults in Western countries, most of them silent.",
              "The liver does the producing; this sac only concentrates bile, roughly five- to ten-fold.",
              "The common bile duct continues down behind the duodenum to the ampulla, not shown on this slice.",
              "The spleen lies on the opposite side of the abdomen."],
        misc=("Bile is produced right here, isn't it?",
              "No, this sac stores and concentrates bile; the liver produces it.")),
    "stomach": dict(
        adj="gastric", name="the stomach", latin="gaster", syn=["the organ", "this viscus"],
        forbid=["stomach", "gastr", "gaster"],
        qs=[("Where is food first mixed with hydrochloric acid? Please segment that organ.",
             "hydrochloric acid is secreted by parietal cells", "parietal cells line the body and fundus of the stomach"),
            ("Which organ produces intrinsic factor, needed for vitamin B12 absorption? Outline it.",
             "intrinsic factor comes from parietal cells", "parietal cells are found in the stomach"),
            ("A long-term NSAID user has coffee-ground vomiting. Which organ is most likely ulcerated? Segment it.",
             "NSAIDs and coffee-ground vomit point to an ulcer in the acid-secreting organ", "that organ is the stomach")],
        know=["The liver fills the opposite, right upper quadrant.",
              "Helicobacter pylori colonises roughly half of the world's population.",
              "The pancreas lies behind it, separated by the lesser sac.",
              "A sliding hiatus hernia is found in a large share of older adults, though most are asymptomatic."],
        misc=("Isn't the stomach right under the belly button?",
              "Usually not: it lies higher, in the upper abdomen beneath the left dome of the diaphragm; the umbilicus is lower.")),
    "aorta": dict(
        adj="aortic", name="the aorta", latin="aorta abdominalis", syn=["the vessel", "the artery"],
        forbid=["aort"],
        qs=[("Which large artery in this slice gives off the renal arteries? Please segment it.",
             "the renal arteries branch directly off the main arterial trunk", "in the abdomen that trunk is the aorta"),
            ("A 70-year-old smoker has a pulsatile abdominal mass on examination. Which vessel would you check for an aneurysm? Segment it.",
             "a pulsatile abdominal mass in an older smoker suggests an aneurysm of the largest artery", "that artery is the aorta")],
        know=["The inferior vena cava runs to its right, on the patient's right side.",
              "The left renal vein crosses in front of it, squeezed in the angle with the superior mesenteric artery.",
              "An abdominal diameter above 3 cm is called aneurysmal; screening finds that in a few percent of older men.",
              "The thoracic duct and azygos vein ascend beside it higher up, in the chest."],
        misc=("The aorta sits to the right of the vena cava, doesn't it?",
              "No, it's the other way round: the vena cava is on the patient's right and the aorta to its left.")),
    "ivc": dict(
        adj="caval", name="the inferior vena cava", latin="vena cava inferior", syn=["the vein", "the vessel"],
        forbid=["vena cava", "cava", "ivc", "caval"],
        qs=[("Which large vein returns blood from the legs and abdomen to the right atrium? Please segment it.",
             "blood from the legs and abdomen drains into one large vein", "that vein is the inferior vena cava"),
            ("Where would an interventional radiologist place a filter to stop emboli from leg DVT reaching the lungs? Segment that vessel.",
             "filters for leg DVT are placed in the main vein draining the lower body", "that vein is the inferior vena cava")],
        know=["The aorta runs beside it, on the other side of the midline.",
              "The left renal vein is longer than the right because it has to cross in front of the aorta.",
              "A duplicated version of this vein, a developmental variant, is seen in roughly 0.2-3% of people.",
              "It collapses with inspiration in hypovolaemic patients, a sign used in bedside ultrasound."],
        misc=("This vein is the one that carries blood to the liver, right?",
              "No, that is the portal vein; this vein carries blood from the lower body to the right atrium.")),
    "adrenal": dict(
        adj="adrenal", name="the adrenal glands", latin="glandulae suprarenales", syn=["the glands", "both glands"],
        forbid=["adrenal", "suprarenal", "adrenaline"],
        qs=[("Which small glands above the kidneys make cortisol and aldosterone? Please segment them.",
             "cortisol and aldosterone come from the adrenal cortex", "the cortex belongs to the adrenal glands"),
            ("A patient has paroxysms of headache, sweating and palpitations with very high metanephrines. Which glands should we look at? Segment them.",
             "high metanephrines point to a catecholamine-secreting tumour of the medulla", "the medulla is part of the adrenal glands")],
        know=["The right gland sits behind the inferior vena cava, the left one lateral to the aorta.",
              "Incidental nodules in these glands turn up in roughly 4-7% of abdominal CT scans in older adults.",
              "A nodule under 10 Hounsfield units on unenhanced CT is usually a lipid-rich adenoma.",
              "The kidneys lie just below and lateral to them."],
        misc=("These glands are inside the kidney capsule, aren't they?",
              "No, they have their own fascial compartment within the perirenal fat, separate from the renal capsule.")),
    "lungs": dict(
        adj="pulmonary", name="the lungs", latin="pulmones", syn=["both lungs", "the paired organs"],
        forbid=["lung", "pulmon", "pneum"],
        qs=[("Which organs carry out gas exchange? Please segment them on this slice.",
             "gas exchange happens across the alveolar walls", "alveoli make up the lungs"),
            ("In a heavy smoker with emphysema, which organs are affected? Outline them.",
             "emphysema is destruction of alveolar walls", "alveoli are in the lungs")],
        know=["The right one has three lobes and the left only two, because the heart takes room on the left.",
              "The right main bronchus is wider and more vertical, so aspirated objects go to the right in most cases.",
              "The heart lies between them, bulging towards the patient's left.",
              "About 1 in 10 adults worldwide is estimated to have COPD."],
        misc=("Both sides have three lobes, correct?",
              "Not quite: the right has three lobes and the left has two, plus the lingula.")),
    "lung_r": dict(
        adj="pulmonary", name="the right lung", latin="pulmo dexter", syn=["the organ", "this lung"],
        forbid=["lung", "pulmon", "pneum"],
        qs=[("Which organ with three lobes does gas exchange? Please segment it.",
             "gas exchange happens in the alveoli", "the three-lobed one of the pair is the right lung"),
            ("Where does an inhaled peanut most often end up? Segment the organ it would obstruct.",
             "the right main bronchus is wider and more vertical", "it supplies the right lung")],
        know=["The left one has only two lobes, with the lingula instead of a middle lobe.",
              "The heart bulges towards the patient's left, so the two halves of the chest are not mirror images.",
              "Aspirated foreign bodies go to the right bronchial tree in roughly 60% of cases."],
        misc=("The horizontal fissure is on the left side, isn't it?",
              "No, the horizontal fissure exists only on the right, separating the upper and middle lobes.")),
    "lung_l": dict(
        adj="pulmonary", name="the left lung", latin="pulmo sinister", syn=["the organ", "this lung"],
        forbid=["lung", "pulmon", "pneum"],
        qs=[("Which organ has a lingula and only two lobes? Please segment it.",
             "the lingula and a two-lobe pattern belong to one organ of the pair", "that is the left lung"),
            ("Which organ has a cardiac notch on its anterior border? Outline it.",
             "the cardiac notch is on the anterior border of one organ of the pair", "that is the left lung")],
        know=["The right one has three lobes and a horizontal fissure, which this side lacks.",
              "The heart lies mostly left of the midline, which is why this side has a cardiac notch.",
              "The right main bronchus, not the left, receives most aspirated foreign bodies."],
        misc=("This side has a middle lobe too, right?",
              "No, there is no middle lobe on this side; the lingula of the upper lobe takes its place.")),
    "heart": dict(
        adj="cardiac", name="the heart", latin="cor", syn=["the organ", "this organ"],
        forbid=["heart", "cardi", "myocard", "pericard", "cor "],
        qs=[("Which organ pumps blood around the body? Please segment it.",
             "blood is pumped by a four-chambered muscular organ", "that organ is the heart"),
            ("A patient had an inferior STEMI last week. Which organ was injured? Outline it on this chest CT.",
             "a STEMI is infarction of the muscle supplied by a coronary artery", "that muscle belongs to the heart")],
        know=["About two-thirds of its mass usually lies left of the midline.",
              "In dextrocardia, seen in about 1 in 12,000 births, it would point to the right; that is not the case here.",
              "The esophagus runs behind the left atrium, which is why TEE gives such good views.",
              "The right lung has three lobes; the left, with its cardiac notch, has two."],
        misc=("The apex points to the right, doesn't it?",
              "No, the apex normally points down and to the patient's left.")),
    "esophagus": dict(
        adj="esophageal", name="the esophagus", latin="oesophagus", syn=["the tube", "this muscular tube"],
        forbid=["esophag", "oesophag", "gullet"],
        qs=[("Which muscular tube carries swallowed food down to the stomach? Please segment it.",
             "swallowed food is moved by peristalsis in a muscular tube", "the tube between pharynx and stomach is the esophagus"),
            ("A patient with long-standing reflux has Barrett's metaplasia. Which structure is affected? Outline it.",
             "Barrett's metaplasia replaces squamous lining with columnar epithelium", "it happens in the lower esophagus")],
        know=["The trachea lies in front of it higher in the neck and chest.",
              "The aorta descends to its left in the lower chest.",
              "Barrett's metaplasia is found in roughly 5-15% of patients endoscoped for reflux symptoms.",
              "The left atrium lies directly in front of it, so an enlarged atrium can indent it."],
        misc=("This tube sits in front of the windpipe, doesn't it?",
              "No, it lies behind the windpipe, between it and the spine.")),
    "trachea": dict(
        adj="tracheal", name="the trachea", latin="trachea", syn=["the tube", "this airway"],
        forbid=["trache", "windpipe", "airway"],
        qs=[("Which tube with C-shaped cartilage rings carries air from the larynx to the carina? Please segment it.",
             "C-shaped cartilage rings support the main conducting tube", "that tube is the trachea"),
            ("Where would a breathing tube passed through the vocal cords sit on this slice? Segment the structure that holds it.",
             "an intubation tube passes through the vocal cords into the main conducting tube", "that is the trachea")],
        know=["The esophagus lies behind it, slightly to the left.",
              "It is roughly 10-12 cm long in adults and divides at the carina into the two main bronchi.",
              "The right main bronchus leaves at a steeper angle than the left.",
              "The aortic arch passes over the left main bronchus."],
        misc=("The cartilage rings are complete circles, right?",
              "No, they are C-shaped and open at the back, where the trachealis muscle closes them.")),
    "tumour": dict(
        name="the tumour", latin="neoplasma", syn=["the lesion", "the enhancing lesion"],
        forbid=["tumour", "tumor", "neoplas", "glioma", "glioblastoma", "mass", "cancer"],
        qs=[("A 61-year-old has three weeks of headache and a new right-sided weakness. Please segment what is causing it.",
             "a new weakness on one side points to a lesion in the opposite hemisphere", "the rim-enhancing lesion here is a tumour, most likely a high-grade glioma"),
            ("This MR shows a ring-enhancing lesion with surrounding oedema. Segment the abnormality itself.",
             "a ring-enhancing lesion with necrosis and oedema in an adult is usually a high-grade primary", "so the abnormality is a tumour"),
            ("Please segment the abnormality responsible for this patient's new-onset seizures.",
             "new seizures in an adult warrant a search for a structural cause", "the enhancing lesion here is a tumour")],
        know=["Motor fibres cross at the medullary pyramids, so a lesion on one side weakens the opposite side of the body.",
              "Glioblastoma accounts for roughly half of malignant primary brain tumours in adults.",
              "The right frontal horn serves as a landmark on the opposite side.",
              "If it were on the other side, the weakness would have been on the opposite arm."],
        misc=("So the weakness is on the same side as the lesion?",
              "No, it is contralateral: the corticospinal tract crosses in the medulla.")),
    "mets": dict(
        name="the brain metastases", latin="metastases", syn=["the lesions", "the deposits"],
        forbid=["metasta", "secondar", "deposit"],
        qs=[("A patient with known lung cancer now has seizures. Please segment whatever has spread to the brain.",
             "multiple round enhancing lesions at the grey-white junction in a patient with a known primary are typical", "they are brain metastases"),
            ("Melanoma patient, new headaches. Segment the lesions that came from the primary.",
             "melanoma spreads haematogenously to the grey-white junction", "these lesions are brain metastases")],
        know=["Brain metastases occur in roughly 20% of patients with cancer, most often from lung, breast and melanoma.",
              "Metastases far outnumber primary brain tumours in adults.",
              "A solitary lesion would raise the differential of a primary tumour or abscess.",
              "Tumour cells lodge at the grey-white junction, where the vessels narrow."],
        misc=("These all come from one lesion that broke apart, don't they?",
              "No, each usually seeds separately through the bloodstream.")),
    "ventricles": dict(
        adj="ventricular", name="the lateral ventricles", latin="ventriculi laterales", syn=["the cavities", "the CSF spaces"],
        forbid=["ventric"],
        qs=[("Which CSF-filled cavities in the hemispheres enlarge in hydrocephalus? Please segment them.",
             "hydrocephalus dilates the CSF cavities upstream of an obstruction", "the largest of these in the hemispheres are the lateral ventricles"),
            ("Where is most cerebrospinal fluid produced by the choroid plexus? Segment those spaces.",
             "most CSF is made by the choroid plexus", "the largest choroid plexus lies in the lateral ventricles")],
        know=["The third ventricle sits in the midline between the thalami.",
              "Mild asymmetry between the two sides is seen in a sizeable minority of healthy people, often quoted around 5-12%.",
              "The septum pellucidum separates the two frontal horns.",
              "If an obstruction were at the aqueduct, the fourth ventricle would stay small."],
        misc=("These cavities connect directly to the fourth ventricle, don't they?",
              "No, they drain through the foramina of Monro into the third ventricle, and only then via the aqueduct to the fourth.")),
    "bladder": dict(
        name="the urinary bladder", latin="vesica urinaria", syn=["the organ", "the bladder"],
        forbid=["bladder", "vesic", "urinary", "cyst"],
        qs=[("Which hollow organ stores urine until voiding? Please segment it.",
             "urine is stored between voids in a hollow muscular reservoir", "that reservoir is the urinary bladder"),
            ("An elderly man with prostatic enlargement can't pass urine and is in pain. Which distended organ should we outline?",
             "outflow obstruction by the prostate causes retention", "the organ that distends is the urinary bladder")],
        know=["The rectum lies behind it in men; in women the uterus and vagina lie in between.",
              "Normal capacity is roughly 400-600 mL in adults.",
              "The ureters enter at its posterolateral aspect, one on each side.",
              "Bladder cancer is about four times more common in men than in women."],
        misc=("It sits behind the rectum, yes?",
              "No, the other way round: it lies in front of the rectum.")),
    "prostate": dict(
        adj="prostatic", name="the prostate", latin="prostata", syn=["the gland", "this gland"],
        forbid=["prostat"],
        qs=[("Which gland surrounds the proximal urethra in men and enlarges with age? Please segment it.",
             "the gland wrapped around the proximal urethra in men is the one that enlarges in benign hyperplasia", "that gland is the prostate"),
            ("A 68-year-old has a rising tumour marker and a hard nodule on rectal examination. Which gland should we outline?",
             "the marker (PSA) is secreted by one gland and the rectal exam palpates its posterior surface", "that gland is the prostate")],
        know=["Benign enlargement affects about half of men over 50 and most men over 80.",
              "The rectum lies directly behind it, which is why it can be examined digitally.",
              "About 70% of cancers arise in the peripheral zone.",
              "The seminal vesicles sit above and behind it, one on each side."],
        misc=("This gland sits above the bladder, right?",
              "No, it lies below the bladder neck, around the proximal urethra.")),
    "uterus": dict(
        adj="uterine", name="the uterus", latin="uterus", syn=["the organ", "this organ"],
        forbid=["uter", "womb", "hyster", "endometri", "myometri"],
        qs=[("Which pelvic organ is enlarged by fibroids and houses a pregnancy? Please segment it.",
             "fibroids are benign tumours of smooth muscle in the organ that carries a pregnancy", "that organ is the uterus"),
            ("A 45-year-old has heavy menstrual bleeding. Which organ should we outline to look for fibroids?",
             "heavy menstrual bleeding is often due to fibroids", "they arise in the uterus")],
        know=["The bladder lies in front of it and the rectum behind it, with the pouch of Douglas between them.",
              "Fibroids are found in up to 70% of women by the age of 50.",
              "Most are anteverted and anteflexed; a retroverted position occurs in about 20% of women.",
              "The ovaries lie on either side, near the pelvic side walls."],
        misc=("So it normally tilts backwards?",
              "Usually not: it is anteverted in most women; a backward tilt is a common variant in about one in five.")),
}

# ---------------------------------------------------------------------------------------------------
# phrasing helpers

_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
_LAT = {"left": "sinister", "right": "dexter"}
_VERT_LAT = {"anterior": "ventral", "posterior": "dorsal", "superior": "cranial", "inferior": "caudal"}
_VERT_LATIN = {"anterior": "ventralis", "posterior": "dorsalis", "superior": "cranialis", "inferior": "caudalis"}
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior"}
_RELOPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def _cap(s):
    return s[:1].upper() + s[1:]


def _pct_text(v, rng):
    """A percent written as a writer would: integers above 2.5%, decimals below."""
    if v >= 5:
        n = int(round(v))
        return rng.choice([f"about {n}%", f"roughly {n} percent", f"~{n}%", f"around {n}%"]), float(n)
    if v >= 0.95:
        n = round(v, 1)
        return rng.choice([f"about {n}%", f"{n}%", f"roughly {n} percent"]), n
    n = round(v, 2)
    return rng.choice([f"about {n}%", f"{n}%", f"barely {n}%"]), n


class Row:
    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.fam = FAM[p["fam"]]
        self.pl = p["plural"]
        self.orient = p["orientation"]

    # -- grammar
    def v(self, sing, plur):
        return plur if self.pl else sing

    def plural(self, S):
        return S in ("they", "the segmented regions") or (self.pl and S in (self.fam["name"], self.fam["syn"][0]))

    def subj(self, allow_name=True):
        r = self.rng
        opts = ["the mask", "the segmented region" if not self.pl else "the segmented regions",
                self.v("it", "they"), self.v("it", "they")]
        if allow_name:
            opts += [self.fam["name"], self.fam["syn"][0]]
        return r.choice(opts)

    # -- claims: each returns (text, claims)
    def side(self, val, true):
        r, st = self.rng, self.style
        S = self.subj()
        Sc = _cap(S)
        pl = self.plural(S)
        be = "are" if pl else "is"
        lie = "lie" if pl else "lies"
        if val in ("left", "right"):
            la = _LAT[val]
            opts = {"llm_draft": [f"{Sc} {lie} on the {val} side of the patient's body.",
                                  f"Looking at laterality, {S} {be} clearly on the patient's {val}.",
                                  f"It's worth noting that {S} {be} {val}-sided in this image."],
                    "physician_refined": [f"Side: {val}.", f"{val.capitalize()}-sided.", f"Patient's {val}."],
                    "reasoning_chain": [f"First, laterality: the centroid falls in the patient's {val} half, so {S} {be} {val}-sided.",
                                        f"Checking the side, {S} {lie} on the patient's {val}."],
                    "bilingual_gloss": [f"{Sc} {lie} on the patient's {val} ({la}).",
                                        f"Latus {la}: {S} {be} on the {val} side."]}[st]
        elif val == "midline":
            opts = {"llm_draft": [f"{Sc} {lie} in the midline of the body.", f"{Sc} {be} essentially midline in position."],
                    "physician_refined": ["Midline.", "Side: midline."],
                    "reasoning_chain": [f"First, laterality: the mask straddles the midline, so {S} {be} midline."],
                    "bilingual_gloss": [f"{Sc} {lie} in the midline (in plano mediano).", "Position mediana: midline."]}[st]
        else:  # bilateral
            opts = {"llm_draft": [f"{Sc} {be} present on both sides, so the mask is bilateral.",
                                  "There is one part on each side of the body: the mask is bilateral."],
                    "physician_refined": ["Bilateral.", "Side: bilateral, one on each side."],
                    "reasoning_chain": ["First, laterality: there are parts on both the patient's left and right, so the mask is bilateral."],
                    "bilingual_gloss": ["Bilateral, dexter et sinister: one part on each side.",
                                        f"{Sc} {be} found on both sides (bilateralis)."]}[st]
        return r.choice(opts), [dict(k="laterality", v=val, t=true)]

    def side_neg(self):
        lat = self.f["laterality"]
        r = self.rng
        if lat in ("left", "right"):
            o = _OPP[lat]
            t = r.choice([f"It is not on the {o} side.", f"Nothing of it crosses to the patient's {o}.",
                          f"It does not lie on the {o}."])
            return t, [dict(k="laterality", v="not:" + o, t=True)]
        if lat == "midline":
            t = r.choice(["It is not off to one side.", "It is neither a left-sided nor a right-sided structure here."])
            return t, [dict(k="laterality", v="not:left,right", t=True)]
        if lat == "bilateral":
            t = r.choice(["It is not confined to one side.", "This is not a one-sided finding."])
            return t, [dict(k="laterality", v="not:left,right", t=True)]
        return None

    def convention(self):
        lat = self.f["laterality"]
        r = self.rng
        view = "viewed from the feet" if self.orient == "LP" else "viewed from the front"
        if lat in ("left", "right"):
            img = _OPP[lat]
            t = r.choice([f"By radiological convention the image is {view}, so {self.v('it', 'they')} appear"
                          f"{self.v('s', '')} on the viewer's {img}, which is the patient's {lat}.",
                          f"Note that it shows up on the {img} of the screen; that is the patient's {lat}, since the patient's right is displayed on the viewer's left."])
            return t, [dict(k="laterality", v=lat, t=True)]
        t = r.choice([f"Radiological images are {view}, so the patient's right is shown on the viewer's left.",
                      "Remember that screen left is the patient's right on these images."])
        return t, []

    def vert(self, val, true):
        r, st, o = self.rng, self.style, self.orient
        S = self.subj()
        Sc = _cap(S)
        be = "are" if self.plural(S) else "is"
        if val == "central":
            ax = "front-to-back" if o == "LP" else "top-to-bottom"
            opts = {"llm_draft": [f"{Sc} {be} roughly central {ax}, neither clearly {'anterior nor posterior' if o == 'LP' else 'superior nor inferior'}."],
                    "physician_refined": [f"{'AP' if o == 'LP' else 'Craniocaudal'} position: central."],
                    "reasoning_chain": [f"Next, the {ax} position: the centroid is near the middle, so {S} {be} central on that axis."],
                    "bilingual_gloss": [f"{Sc} {be} central {ax} (medius)."]}[st]
        else:
            la = _VERT_LAT[val]
            half = {"anterior": "front", "posterior": "back", "superior": "upper", "inferior": "lower"}[val]
            toward = {"anterior": "front", "posterior": "back", "superior": "head end", "inferior": "feet"}[val]
            dim = "depth" if o == "LP" else "height"
            opts = {"llm_draft": [f"{Sc} {be} located in the {val} part of the section.",
                                  f"In terms of {dim}, {S} {be} positioned towards the {toward}, i.e. {val}."],
                    "physician_refined": [f"{val.capitalize()}.", f"{'AP' if o == 'LP' else 'CC'}: {val}."],
                    "reasoning_chain": [f"Next, the centroid sits in the {half} half of the body outline, therefore {S} {be} {val}."],
                    "bilingual_gloss": [f"{Sc} {be} {val} ({la}), in the {half} half.",
                                        f"Situs {_VERT_LATIN[val]}: {S} {be} {val}."]}[st]
        return r.choice(opts), [dict(k="vertical", v=val, t=true)]

    def rel(self, other, relation, true):
        r, st = self.rng, self.style
        S = self.subj(allow_name=False)
        Sc = _cap(S)
        be = "are" if self.plural(S) else "is"
        phr = {"left_of": ["to the patient's left of", "left of", "on the left side of"],
               "right_of": ["to the patient's right of", "right of", "on the right side of"],
               "anterior_to": ["in front of", "anterior to", "ventral to"],
               "posterior_to": ["behind", "posterior to", "dorsal to"],
               "superior_to": ["above", "superior to", "cranial to"],
               "inferior_to": ["below", "inferior to", "caudal to"]}[relation]
        ph = r.choice(phr)
        opts = {"llm_draft": [f"{Sc} {be} {ph} the {other}.", f"Relative to the {other}, {S} {be} {ph} it."],
                "physician_refined": [f"{_cap(ph)} the {other}."],
                "reasoning_chain": [f"Comparing centroids with the {other}, {S} {be} {ph} it."],
                "bilingual_gloss": [f"{Sc} {be} {ph} the {other}."]}[st]
        return r.choice(opts), [dict(k="relation", v=f"{other}|{relation}", t=true)]

    def size_class(self, val, true):
        r, st = self.rng, self.style
        word = {"small": "small", "medium": "medium-sized", "large": "large"}[val]
        S = self.subj()
        be = "are" if self.plural(S) else "is"
        opts = {"llm_draft": [f"Size-wise, {S} {be} {word} on this slice.", f"Overall the mask is {word} relative to the image."],
                "physician_refined": [f"Size: {val}.", f"{word.capitalize()}."],
                "reasoning_chain": [f"Then, size: by area the mask falls in the {val} class."],
                "bilingual_gloss": [f"The mask is {word} (magnitudo: {val})."]}[st]
        return r.choice(opts), [dict(k="size_class", v=val, t=true)]

    def size_pct(self, v, true):
        r, st = self.rng, self.style
        txt, num = _pct_text(v, r)
        opts = {"llm_draft": [f"The segmented area covers {txt} of the image.", f"It takes up {txt} of the field of view."],
                "physician_refined": [f"Area {txt} of image.", f"Area: {txt}."],
                "reasoning_chain": [f"Counting pixels, the mask covers {txt} of the slice."],
                "bilingual_gloss": [f"Area: {txt} of the image (area imaginis)."]}[st]
        return r.choice(opts), [dict(k="size_pct", v=num, t=true)]

    def count(self, n, true):
        r, st = self.rng, self.style
        nw = _NUM.get(n, str(n)) if r.random() < 0.7 else str(n)
        if n == 1:
            opts = {"llm_draft": ["The mask is a single connected region.", "It forms one continuous piece, with no separate fragments."],
                    "physician_refined": ["Single component.", "One piece."],
                    "reasoning_chain": ["Then, counting connected components gives one region."],
                    "bilingual_gloss": ["One contiguous region (unica)."]}[st]
        else:
            opts = {"llm_draft": [f"The mask is made up of {nw} separate regions.", f"There are {nw} distinct, non-touching parts in the mask."],
                    "physician_refined": [f"{nw} components.", f"Components: {nw}."],
                    "reasoning_chain": [f"Then, counting connected components gives {nw} separate regions."],
                    "bilingual_gloss": [f"{_cap(nw)} separate parts (partes separatae)."]}[st]
        t = r.choice(opts)
        return _cap(t), [dict(k="count", v=n, t=true)]

    def hypo_size(self):
        sc = self.f["size_class"]
        t = {"small": "Had it covered more than 5% of the image it would have counted as large; it is nowhere near that.",
             "medium": "Under 1% of the image it would be called small, and above 5% large; it falls between those bounds.",
             "large": "A structure under 1% of the image would be called small; this one is well beyond that."}[sc]
        return t, [dict(k="size_class", v=sc, t=True)]


def _first_person_fact(row, kind, fv, true, slot):
    """One sentence stating fact `kind` with value fv."""
    if kind == "laterality":
        return row.side(fv, true)
    if kind == "vertical":
        return row.vert(fv, true)
    if kind == "relation":
        o, rel = fv.split("|")
        return row.rel(o, rel, true)
    if kind == "size_class":
        return row.size_class(fv, true)
    if kind == "size_pct":
        return row.size_pct(fv, true)
    if kind == "count":
        return row.count(fv, true)
    raise ValueError(kind)


def _fact(row, kind, fv, true, slot):
    text, claims = _first_person_fact(row, kind, fv, true, slot)
    if slot != "a1" and row.style == "reasoning_chain":
        for lead in ("First, laterality: ", "First, ", "Then, ", "Next, "):
            if text.startswith(lead) and row.rng.random() < 0.7:
                text = _cap(text[len(lead):])
                break
    return text, claims


TOPIC_KINDS = {"side": ["laterality"], "pos": ["vertical", "relation"], "size": ["size_class", "size_pct"],
               "count": ["count"]}
DEFECT_TOPIC = {"laterality": "side", "position": "pos", "size": "size", "count": "count"}


def _false_value(row, kind):
    f, r = row.f, row.rng
    if kind == "laterality":
        lat = f["laterality"]
        return {"left": r.choice(["right", "right", "midline"]), "right": r.choice(["left", "left", "midline"]),
                "midline": r.choice(["left", "right"]), "bilateral": r.choice(["left", "right"])}[lat]
    if kind == "vertical":
        v = f["vertical"]
        if v == "central":
            return r.choice(["anterior", "posterior"] if row.orient == "LP" else ["superior", "inferior"])
        return _OPP[v]
    if kind == "relation":
        rel = r.choice(f["relations"])
        return f"{rel['other']}|{_RELOPP[rel['relation']]}"
    if kind == "size_class":
        return r.choice([c for c in ("small", "medium", "large") if c != f["size_class"]])
    if kind == "size_pct":
        true = 100 * f["area_fraction"]
        for _ in range(20):
            v = true * r.choice([0.2, 0.25, 0.3, 3.0, 3.5, 4.0])
            _, shown = _pct_text(v, random.Random(0))
            if v > 0.05 and (shown < 0.38 * true or shown > 2.6 * true):
                return v
        return true * 4.0
    if kind == "count":
        n = f["components"]
        return {1: 2, 2: r.choice([1, 3]), 3: r.choice([2, 4])}.get(n, n - 1)
    raise ValueError(kind)


def _true_value(row, kind):
    f, r = row.f, row.rng
    if kind == "laterality":
        return f["laterality"]
    if kind == "vertical":
        return f["vertical"]
    if kind == "relation":
        rel = r.choice(f["relations"])
        return f"{rel['other']}|{rel['relation']}"
    if kind == "size_class":
        return f["size_class"]
    if kind == "size_pct":
        return 100 * f["area_fraction"]
    if kind == "count":
        return f["components"]


def _premise(row, kind, fv):
    """A user's (false) premise restating fact `kind` before asking something else."""
    r = row.rng
    it = row.v("it's", "they're")
    if kind == "laterality":
        w = {"left": "on the patient's left", "right": "on the patient's right", "midline": "in the midline",
             "bilateral": "on both sides"}[fv]
        return r.choice([f"OK, so {it} {w}.", f"Got it, {w} then."])
    if kind == "vertical":
        return r.choice([f"Right, so {it} {fv} in this section.", f"So the position is {fv}."])
    if kind == "relation":
        o, rel = fv.split("|")
        w = {"left_of": "to the left of", "right_of": "to the right of", "anterior_to": "in front of",
             "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}[rel]
        return f"So {it} {w} the {o}."
    if kind == "size_class":
        return r.choice([f"OK, a {fv} structure then.", f"So {it} {fv} on this slice."])
    if kind == "size_pct":
        txt, _ = _pct_text(fv, r)
        return f"So it covers {txt} of the image."
    if kind == "count":
        nw = _NUM.get(fv, str(fv))
        return r.choice([f"So there {'is' if fv == 1 else 'are'} {nw} separate piece{'s' if fv != 1 else ''}.",
                         f"OK, {nw} part{'s' if fv != 1 else ''} in total."])


_ASK = {"side": ["Which side is it on?", "Is that the patient's left or right?", "Left, right, or both?",
                 "And laterality?"],
        "pos": ["Where does it sit front to back, and what is next to it?", "How does it relate to the neighbouring structures?",
                "Can you describe its position?"],
        "size": ["How big is it on this slice?", "What fraction of the image does it take up?", "And the size?"],
        "count": ["Is it one piece or several?", "How many separate regions are in the mask?", "Count of components?"],
        "summary": ["Can you summarise the findings?", "Give me a one-line summary.", "Please recap."]}


def _topic_seq(row, topic, defect_kind, false_here):
    """Claims for one topic: list of (kind, value, true). If false_here, the defect kind appears only falsely."""
    r, f = row.rng, row.f
    kinds = list(TOPIC_KINDS[topic])
    if topic == "pos" and not f["relations"]:
        kinds = ["vertical"]
    if topic == "size":
        kinds = r.choice([["size_class"], ["size_pct"], ["size_class", "size_pct"]])
    if topic == "pos":
        kinds = r.choice([kinds, kinds[:1]]) if len(kinds) > 1 else kinds
    out = []
    if false_here:
        if defect_kind not in kinds:
            kinds = [defect_kind]
        # the false claim, plus nothing else of the same topic (keeps one claim per defect topic)
        return [(defect_kind, _false_value(row, defect_kind), False)]
    for k in kinds:
        out.append((k, _true_value(row, k), True))
    return out


def build(p, facts, style, rng, defect):
    row = Row(p, facts, style, rng, defect)
    fam, f = row.fam, facts
    # which topics can carry true claims: the defect's topic carries only the one false claim
    dtopic = DEFECT_TOPIC.get(defect)
    dkind = None
    if dtopic == "side":
        dkind = "laterality"
    elif dtopic == "pos":
        dkind = rng.choice(["vertical", "relation"]) if f["relations"] else "vertical"
    elif dtopic == "size":
        dkind = rng.choice(["size_class", "size_pct"])
    elif dtopic == "count":
        dkind = "count"
    rounds = rng.choice([2, 3, 3])
    loc = None
    if dtopic:
        x = rng.random()
        loc = "user" if x < 0.2 else "followup" if x < 0.42 else "a1"
    topics = ["side", "pos", "size", "count"]
    free = [t for t in topics if t != dtopic]
    a1_topics = rng.sample(free, rng.choice([2, 3]))
    if loc == "a1":
        a1_topics.append(dtopic)
        rng.shuffle(a1_topics)
    # follow-up rounds: (topic asked, premise_kind) ; premise in user turn = defect loc user
    fu = []
    pool = [t for t in free if t not in a1_topics] + ["summary"] + [t for t in free if t in a1_topics]
    for i in range(rounds - 1):
        fu.append(pool[i] if i < len(pool) else "summary")
    if loc == "followup":
        fu[rng.randrange(len(fu))] = dtopic
    prem_round = rng.randrange(len(fu)) if loc == "user" else None
    # misconception about a fact (corrected), clean-ish: only in a kind other than the defect's
    mis_round = None
    mis_kind = None
    if rng.random() < 0.45:
        mis_round = rng.randrange(len(fu))
        if mis_round == prem_round:
            mis_round = None
        else:
            ktop = {"laterality": "side", "size_class": "size", "count": "count"}
            cand = [k for k in ktop if ktop[k] != dtopic]
            mis_kind = rng.choice(cand) if cand else None
            if mis_kind is None:
                mis_round = None

    turns = []
    # ---------------------------------------------------------------- round 1
    q, s1, s2 = rng.choice(fam["qs"])
    if p["fam"] == "tumour" and "right-sided weakness" in q and f["laterality"] != "left":
        q, s1, s2 = fam["qs"][1]
    if defect == "names_target":
        lbl = p["target"]
        forms = [f"{q} (I'm fairly sure it's the {lbl}.)", f"Please outline the {lbl}. {q}", f"{q} Is it the {lbl}?"]
        if fam.get("adj"):
            forms.append(f"{q} I need the {fam['adj']} contour for a volume estimate.")
        q = rng.choice(forms)
    turns.append([(q, [])])
    a1 = []
    name = fam["name"]
    lat = fam["latin"]
    if style == "llm_draft":
        a1.append((rng.choice(["Great question!", "Sure, happy to help.", "Certainly."]), []))
        a1.append((f"{_cap(s1)}, and {s2}. So the structure you're asking about is {name} [SEG].", []))
    elif style == "physician_refined":
        a1.append((f"{_cap(name[4:] if name.startswith('the ') else name)} [SEG].", []))
        a1.append((f"Reason: {s1}; {s2}.", []))
    elif style == "reasoning_chain":
        a1.append((f"First, {s1}. Then, {s2}. Therefore the structure is {name} [SEG].", []))
    else:
        gl = "" if lat == name[4:] else f" ({lat})"
        a1.append((f"{_cap(s1)}; {s2}. The structure is therefore {name}{gl} [SEG].", []))
    # hard sentences pool (knowledge with no claim about the mask)
    know = list(fam["know"])
    rng.shuffle(know)
    claims_a1 = []
    for t in a1_topics:
        claims_a1 += _topic_seq(row, t, dkind, loc == "a1" and t == dtopic)
    for k, fv, tr in claims_a1:
        a1.append(_first_person_fact(row, k, fv, tr, "a1"))
    # a true laterality extra (negation or convention) when side is not the defect topic
    if dtopic != "side" and f["laterality"] in ("left", "right", "midline", "bilateral") and rng.random() < 0.7:
        extra = row.convention() if rng.random() < 0.5 else row.side_neg()
        if extra:
            a1.append(extra)
    elif rng.random() < 0.6:
        a1.append(row.convention() if f["laterality"] not in ("left", "right") else
                  (rng.choice(["Radiological images show the patient's right on the viewer's left.",
                               "Keep in mind that the viewer's left is the patient's right on these images."]), []))
    a1.append((know.pop(), []))
    if style == "physician_refined" and rng.random() < 0.6:
        a1.append((rng.choice(["(Edited from the draft: removed 'as we can clearly see' and the speculation about disease.)",
                               "(Draft wording trimmed; the draft's 'huge' was an opinion, not a measurement.)",
                               "(Physician edit: the draft said 'screen left'; sides are given in patient terms.)"]), []))
    if dtopic != "size" and rng.random() < 0.35:
        a1.append(row.hypo_size())
    turns.append(a1)

    # ---------------------------------------------------------------- follow-ups
    used_misc = False
    for i, topic in enumerate(fu):
        u = []
        if i == prem_round:
            fv = _false_value(row, dkind)
            u.append((_premise(row, dkind, fv), [dict(k=dkind, v=fv, t=False)]))
            # ask about a different topic
            if topic == dtopic:
                topic = "summary"
        if i == mis_round:
            fv = _false_value(row, mis_kind)
            if mis_kind == "laterality":
                w = {"left": "on the patient's left", "right": "on the patient's right", "midline": "in the midline"}[fv]
                ut = rng.choice([f"I thought it was {w}?", f"Hmm, my guess was that it lies {w}."])
            elif mis_kind == "size_class":
                ut = rng.choice([f"It looked {fv} to me.", f"I'd have called it {fv}."])
            else:
                ut = f"I counted {_NUM.get(fv, fv)} separate piece{'s' if fv != 1 else ''}."
            u.append((ut, [dict(k=mis_kind, v=fv, t=False, corrected=True)]))
        misc_here = i != prem_round and i != mis_round and not used_misc and rng.random() < 0.35
        if misc_here:
            used_misc = True
            u.append((fam["misc"][0], []))
        u.append((rng.choice(_ASK[topic]), []))
        if rng.random() < 0.25 and i == len(fu) - 1 and topic != "summary":
            u.append((rng.choice(["Also, is any of this typical?", "Anything else worth knowing?"]), []))
        turns.append(u)
        a = []
        if misc_here:
            a.append((fam["misc"][1], []))
        if i == mis_round:
            tv = _true_value(row, mis_kind)
            corr = {"llm_draft": "That's a reasonable guess, but not quite.", "physician_refined": "No.",
                    "reasoning_chain": "Let me check that against the mask: it does not hold.",
                    "bilingual_gloss": "Not so."}[style]
            a.append((corr, []))
            a.append(_fact(row, mis_kind, tv, True, "mis"))
        if topic == "summary":
            ks = []
            for t in free:
                if rng.random() < 0.7:
                    ks += _topic_seq(row, t, dkind, False)
            if not ks:
                ks = _topic_seq(row, free[0], dkind, False)
            a.append(({"llm_draft": "Here's a quick summary.", "physician_refined": "Summary:",
                       "reasoning_chain": "Putting it together:", "bilingual_gloss": "In summa:"}[style], []))
            a.append((f"Target: {name}.", []))
            for k, fv, tr in ks:
                a.append(_fact(row, k, fv, tr, "sum"))
        else:
            false_here = loc == "followup" and topic == dtopic
            for k, fv, tr in _topic_seq(row, topic, dkind, false_here):
                a.append(_fact(row, k, fv, tr, "fu"))
        if know and rng.random() < 0.6:
            a.append((know.pop(), []))
        if i == prem_round and rng.random() < 0.5:
            a.append((rng.choice(["Happy to go through anything else.", "Let me know if you need more detail."]), []))
        turns.append(a)

    # ledger, and the joined text
    LEDGER.append(turns)
    out = []
    for j, segs in enumerate(turns):
        text = " ".join(s for s, _ in segs)
        out.append({"role": "user" if j % 2 == 0 else "assistant", "content": text})
    return out, ([] if defect is None else [defect])


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)
