"""Bank FL: emergency and trauma imaging, four registers of the trauma bay.

Written without reading QC.

Targets (20 profiles): spleen laceration (axial CT and coronal CT), liver lacerations (2 tears), left kidney
laceration, right adrenal haematoma, haemoperitoneum (perihepatic + perisplenic, bilateral, 2 pieces), pelvic
free fluid (midline), right pneumothorax (CT), left haemothorax (CT), rib fractures (3 foci, right), pelvic
haematoma (bilateral sidewalls, 2 pieces), haemopericardium (midline ring), pulmonary contusions (bilateral),
mesenteric haematoma (midline), vertebral fracture (midline), pneumothorax (bilateral apical, chest film),
right haemothorax (chest film), left pneumothorax (chest film), free fluid (FAST still, 2 pockets) and
pericardial effusion (FAST still).

Registers (STYLES): trauma_call (team leader and radiologist talking fast in the primary survey), fast_scan
(FAST/eFAST views correlated with CT), ed_handover (ED registrar to surgeons, injuries organ by organ with
other injuries on other sides), discharge_letter (later letter to the GP: injuries, prior scans, follow-up).

Every claim about the target is written through a ledger (`LEDGERS`, one list per built row) so the writer's
own reader can check it. Own check (/work/notes/qcfl_scripts/check_fl.py) on heldout_fl.jsonl:
rows: 420 clean: 210 defect: 210 (42 of each kind); planted in first answer 101, follow-up answer 33, user
premise 34; 2461 ledgered claims; 119 user ideas explicitly corrected in clean rows; problems: 0.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["trauma_call", "fast_scan", "ed_handover", "discharge_letter"]
LEDGERS: list[list[dict]] = []  # one ledger per build() call, in call order (read by the writer's own check)

ABD, CHEST, PELV = "abdomen", "chest", "pelvis"

PROFILES = [
    dict(target="spleen laceration", name="splenic laceration", orient="LP", modality="CT", region=ABD,
         subj=["the laceration", "the splenic tear", "the tear"], ells=[(188, 150, 10, 16, 20)],
         others={"stomach": (0.64, 0.40), "left kidney": (0.66, 0.71), "liver": (0.30, 0.42)}, key="spleen",
         forbid=[r"\bsplen", r"\bspleen", r"\blacerat", r"\blien"],
         clue=["the organ under the left lower ribs that recycles old red cells looks torn - segment the injury in it",
               "there's a low-density cleft in the organ that sits against the left hemidiaphragm, segment it",
               "the LUQ organ that you'd vaccinate people for if it came out looks breached, please outline the injury"],
         named=["the splenic laceration", "the spleen laceration", "the lacerated spleen"],
         mech=["Cyclist, 24, handlebar into the left upper quadrant", "Driver, 41, T-boned on the driver's side, struck on the left",
               "Rugby player, 19, knee to the left flank in a tackle"],
         kb=["Lower left rib fractures (9th to 11th) go with this kind of injury in roughly 20% of cases.",
             "The left kidney sits further back in the retroperitoneum, with the pancreatic tail pointing towards the hilum.",
             "Most grade I-III injuries of this organ are managed without theatre if the patient stays stable.",
             "Kehr's sign - pain referred to the left shoulder tip - comes from diaphragmatic irritation."],
         fast=["LUQ view was positive; Morison's pouch was clear.",
               "Pericardial window clear, pelvic view had a small amount of fluid behind the bladder."]),
    dict(target="spleen laceration", name="splenic laceration", orient="LI", modality="CT", region=ABD,
         subj=["the laceration", "the splenic tear", "the tear"], ells=[(190, 95, 14, 20, 10)],
         others={"left kidney": (0.68, 0.55), "liver": (0.30, 0.35)}, key="spleen", coronal=True,
         forbid=[r"\bsplen", r"\bspleen", r"\blacerat", r"\blien"],
         clue=["on the coronal reformat the organ next to the stomach's greater curve, under the left dome, has a cleft - segment the injury",
               "coronal view - the organ that filters old red cells looks disrupted, can you outline the injury"],
         named=["the splenic laceration", "the torn spleen"],
         mech=["Pedestrian, 67, hit by a van on the left side", "Jockey, 30, kicked in the left side by a horse"],
         kb=["On a coronal reformat the left kidney lies lower than the right kidney's upper pole would suggest, roughly at T12-L3.",
             "The left hemidiaphragm is usually a little lower than the right one.",
             "Delayed rupture after a subcapsular haematoma happens in perhaps 1-2% of cases."],
         fast=["LUQ view was equivocal at first and positive on the repeat scan.",
               "The RUQ and pelvic views were negative at the time."]),
    dict(target="liver lacerations", art="", name="liver lacerations", orient="LP", modality="CT", region=ABD,
         subj=["the injury", "the laceration pattern", "the segmented injury"], ells=[(58, 95, 12, 8, 30), (90, 112, 11, 7, -20)],
         others={"right kidney": (0.35, 0.68), "inferior vena cava": (0.45, 0.60), "aorta": (0.52, 0.60)}, key="liver",
         forbid=[r"\bliver", r"\bhepat", r"\blacerat"],
         clue=["the biggest solid organ, the one that makes bile, has linear low-density defects - segment them",
               "the organ under the right costal margin looks torn in more than one place, outline the injury",
               "there are branching clefts in the right upper quadrant organ that stores glycogen, segment them"],
         named=["the liver lacerations", "the hepatic lacerations", "the lacerated liver"],
         mech=["Driver, 55, frontal impact, steering-wheel bruise on the right chest", "Fall from 4 m onto the right side",
               "Pedestrian, 38, struck on the right by a car at 30 mph"],
         kb=["The inferior vena cava runs up behind the liver and to the right of the aorta.",
             "The right kidney usually sits a little lower than the left because of the liver above it.",
             "About 15% of these injuries come with a right-sided haemothorax or rib fractures.",
             "Morison's pouch, between the liver and the right kidney, is the most dependent upper abdominal recess when supine."],
         fast=["RUQ view showed a thin stripe in Morison's pouch.", "LUQ and pericardial views were clear."]),
    dict(target="left kidney laceration", name="left renal laceration", orient="LP", modality="CT", region=ABD,
         subj=["the laceration", "the renal tear", "the tear"], ells=[(176, 165, 14, 20, 0)],
         others={"spleen": (0.76, 0.52), "aorta": (0.50, 0.56), "pancreatic tail": (0.62, 0.45)}, key="kidney",
         forbid=[r"\bkidney", r"\brenal", r"\bnephr", r"\blacerat"],
         clue=["frank haematuria - the retroperitoneal organ that filters blood looks torn, segment the injury",
               "blood in the catheter bag; please segment the injury on the bean-shaped organ in the left loin"],
         named=["the left renal laceration", "the left kidney laceration", "the torn left kidney"],
         mech=["Fall from a ladder onto the left flank", "Assault, kicked repeatedly in the left loin",
               "Motorcyclist, slid along the road on his left side"],
         kb=["The left renal vein crosses in front of the aorta, below the superior mesenteric artery.",
             "Visible haematuria is present in about 80-90% of major injuries to this organ.",
             "The right kidney usually lies a bit lower than the left one.",
             "A delayed excretory phase at 5-10 minutes is what shows a urine leak."],
         fast=["FAST is poor for the retroperitoneum; the RUQ and LUQ views were both clear.",
               "The pelvic view showed a full bladder only."]),
    dict(target="right adrenal haematoma", name="right adrenal haematoma", orient="LP", modality="CT", region=ABD,
         subj=["the haematoma", "the adrenal bleed", "the lesion"], ells=[(95, 150, 7, 9, 30)],
         others={"inferior vena cava": (0.44, 0.56), "liver": (0.28, 0.42), "right kidney": (0.35, 0.72)}, key="adrenal",
         forbid=[r"\badrenal", r"\bsuprarenal", r"\bhaematoma", r"\bhematoma"],
         clue=["there's a small round density tucked behind the IVC, in the gland that sits on top of the kidney - segment it",
               "the small gland that makes cortisol looks expanded and dense - please outline the abnormality"],
         named=["the right adrenal haematoma", "the adrenal haematoma", "the adrenal bleed"],
         mech=["Crushed against a wall by a reversing lorry, right side", "Driver, 60, high-speed frontal impact, right-sided seat-belt sign"],
         kb=["The right gland sits directly behind the IVC; the left one lies beside the aorta near the left renal vein.",
             "Most of these are unilateral, and about 85% are on the right after blunt trauma.",
             "Bilateral involvement is rare but can cause adrenal insufficiency."],
         fast=["All four FAST windows were negative.", "No fluid in Morison's pouch or the splenorenal recess."]),
    dict(target="haemoperitoneum", name="haemoperitoneum", orient="LP", modality="CT", region=ABD,
         subj=["the collection", "the blood", "the haemoperitoneum"], ells=[(55, 120, 10, 28, 10), (205, 140, 8, 20, -10)],
         others={"aorta": (0.50, 0.60)}, key="peritoneum", multi=True,
         forbid=[r"\bhaemoperiton", r"\bhemoperiton", r"\bfree fluid", r"\bfluid", r"\bintraperitoneal blood",
                 r"\bfree blood", r"\bblood in the (?:abdomen|belly|peritone)"],
         clue=["FAST was positive in both upper quadrants and he's hypotensive - segment what the scan shows around the solid organs",
               "the pan-scan shows why his pressure is dropping: dense material around the liver and spleen - segment all of it",
               "BP 80 systolic; what is collecting in the peritoneal cavity on this slice? segment it"],
         named=["the haemoperitoneum", "the intraperitoneal blood", "the free fluid"],
         mech=["Fall from scaffolding, landed on both sides of the trunk", "Unrestrained passenger, rollover",
               "Crushed between two cars at the waist"],
         kb=["Clotted blood measures about 45-70 HU; the sentinel clot is densest next to the bleeding organ.",
             "Around 200 mL is needed before FAST reliably picks fluid up in Morison's pouch.",
             "The left paracolic gutter is shallower than the right one, so fluid tracks down the right more easily."],
         fast=["FAST was positive in Morison's pouch and in the splenorenal recess.",
               "The pericardial view was clear and lung sliding was seen on both sides."]),
    dict(target="pelvic free fluid", art="", name="pelvic free fluid", orient="LP", modality="CT", region=PELV,
         subj=["the fluid", "the collection", "the pocket"], ells=[(128, 166, 28, 11, 0)],
         others={"urinary bladder": (0.50, 0.50), "rectum": (0.50, 0.80)}, key="fluid",
         forbid=[r"\bfluid", r"\bpelvic free", r"\bascites", r"\bhaemoperiton", r"\bhemoperiton"],
         clue=["there's a dark triangle behind the bladder, in the rectovesical pouch - segment it",
               "what's the low-density stuff collecting in the most dependent peritoneal recess behind the bladder? outline it"],
         named=["the pelvic free fluid", "the free fluid in the pelvis", "the fluid in the pouch of Douglas"],
         mech=["Lap-belted rear passenger, 17, head-on collision", "Kicked by a cow in the lower abdomen",
               "Bike handlebar into the lower belly"],
         kb=["A small amount in the pouch of Douglas can be physiological in women of reproductive age.",
             "Isolated unexplained fluid in a man after blunt trauma raises the chance of a bowel or mesenteric injury.",
             "The rectum lies behind the rectovesical pouch; the seminal vesicles sit just above the prostate."],
         fast=["The pelvic FAST view showed an anechoic triangle behind the bladder.",
               "RUQ and LUQ views were negative; the pericardial view was clear."]),
    dict(target="right pneumothorax", name="right pneumothorax", orient="LP", modality="CT", region=CHEST,
         subj=["the pneumothorax", "the air", "the collection of pleural air"], ells=[(70, 74, 26, 10, -20)],
         others={"heart": (0.56, 0.45), "right lower lobe": (0.28, 0.62)}, key="pneumothorax",
         forbid=[r"\bpneumothora", r"\bptx\b", r"\bpleural air", r"\bair in the pleura"],
         clue=["reduced air entry on one side and no lung sliding there on eFAST - segment what's between the lung and chest wall anteriorly",
               "he's tachypnoeic with surgical emphysema; what's the black crescent in front of the lung? segment it"],
         named=["the right pneumothorax", "the pneumothorax", "the PTX"],
         mech=["Stabbed once in the right chest", "Fell off a horse onto the right side", "Driver, seat-belt sign over the right shoulder"],
         kb=["On a supine film up to 30% of these are missed because air collects anteriorly, not at the apex.",
             "The heart sits mostly left of the midline, with the right atrium forming the right heart border.",
             "A tension physiology is a clinical diagnosis; the mediastinum shifts away from the affected side."],
         fast=["No lung sliding and a lung point were found on that side; sliding was normal on the other side.",
               "Pericardial view clear; no fluid in the abdomen."]),
    dict(target="left haemothorax", name="left haemothorax", orient="LP", modality="CT", region=CHEST,
         subj=["the haemothorax", "the pleural collection", "the blood"], ells=[(190, 186, 32, 18, 15)],
         others={"heart": (0.56, 0.45), "descending aorta": (0.58, 0.64)}, key="haemothorax",
         forbid=[r"\bhaemothora", r"\bhemothora", r"\bhtx\b", r"\bblood in the (?:chest|pleura)", r"\bpleural blood"],
         clue=["dull to percussion at one base, density layering in the pleural space - segment it",
               "there's a dependent pleural collection measuring 45 HU on this side - outline it"],
         named=["the left haemothorax", "the haemothorax", "the left HTX"],
         mech=["Fell 3 m off a roof onto the left side", "Driver, T-boned on the left, door intrusion", "Stabbed in the left lower chest"],
         kb=["Fresh blood in the pleural space measures about 35-70 HU; simple effusions sit under 20 HU.",
             "The descending aorta runs down the left side of the spine.",
             "Over 1500 mL on the first drain output is one trigger for thoracotomy."],
         fast=["Above the diaphragm in the LUQ view there was an anechoic collection and loss of the mirror artefact.",
               "The RUQ view was normal with a preserved mirror image."]),
    dict(target="rib fractures", art="", name="rib fractures", orient="LP", modality="CT", region=CHEST,
         subj=["the fracture cluster", "the mask", "the segmented group"], ells=[(30, 100, 4, 4, 0), (26, 128, 4, 4, 0), (32, 156, 4, 4, 0)],
         others={"sternum": (0.50, 0.20), "thoracic spine": (0.50, 0.78)}, key="rib", multi=True,
         forbid=[r"\bribs?\b", r"\bcostal", r"\bfractur"],
         clue=["pain on deep breathing and crepitus along the lateral chest wall - segment the bony injuries on this slice",
               "the chest wall has cortical breaks along the lateral arc - segment every one you see here"],
         named=["the rib fractures", "the fractured ribs", "the broken ribs"],
         mech=["Elderly man, fell onto the edge of a bath on his right side", "Struck on the right by a car wing mirror",
               "Fell downstairs, landed on the right side"],
         kb=["Three or more fractured ribs in an older patient roughly doubles the risk of pneumonia.",
             "A flail segment needs two breaks in each of three or more adjacent bones.",
             "First and second rib fractures imply high energy and should prompt a look at the great vessels."],
         fast=["eFAST showed normal lung sliding on both sides.", "No free fluid in the abdomen."]),
    dict(target="pelvic haematoma", name="pelvic haematoma", orient="LP", modality="CT", region=PELV,
         subj=["the haematoma", "the extraperitoneal bleed", "the collection"], ells=[(84, 140, 12, 20, 0), (172, 138, 11, 18, 0)],
         others={"urinary bladder": (0.50, 0.46), "sacrum": (0.50, 0.80)}, key="pelvis", multi=True,
         forbid=[r"\bhaematoma", r"\bhematoma", r"\bpelvic h", r"\bpelvic bleed", r"\bhaemorrhag", r"\bhemorrhag"],
         clue=["open-book injury with a binder on; there's soft tissue density along both sidewalls - segment it",
               "symphysis diastasis on the film and he's transient responder; outline the density around the bladder on this slice"],
         named=["the pelvic haematoma", "the pelvic bleed", "the extraperitoneal haematoma"],
         mech=["Motorcyclist, straddle injury, open-book pattern", "Crushed under a tractor", "Fall from height, landed on feet then buttocks"],
         kb=["Most of the blood in these fractures is venous, from the presacral plexus; only about 10-15% is arterial.",
             "A contrast blush means active arterial bleeding and usually goes to angiography.",
             "The bladder is displaced upwards into a 'tear-drop' shape when the collection is big."],
         fast=["The pelvic FAST view was hard to read with the binder on.", "Morison's pouch and the splenorenal recess were clear."]),
    dict(target="haemopericardium", name="haemopericardium", orient="LP", modality="CT", region=CHEST,
         subj=["the collection", "the pericardial blood", "the rim of blood"], ring=(132, 120, 40, 34, 34, 28),
         others={"descending aorta": (0.60, 0.68), "sternum": (0.50, 0.20)}, key="pericardium",
         forbid=[r"\bhaemoperic", r"\bhemoperic", r"\bpericard", r"\btamponade"],
         clue=["Beck's triad - muffled heart sounds, raised JVP, low pressure - segment the cause",
               "there's a dense rim around the heart; outline it"],
         named=["the haemopericardium", "the pericardial blood", "the pericardial effusion"],
         mech=["Single stab wound to the left parasternal area", "Steering-wheel impact, driver, 50 mph"],
         kb=["Only 100-200 mL accumulating quickly can cause tamponade.",
             "The descending aorta lies to the left of the spine, behind the left atrium.",
             "Flattening of the IVC argues against tamponade; a distended IVC supports it."],
         fast=["The subxiphoid view showed an anechoic rim with right ventricular diastolic collapse.",
               "Abdominal views were clear; sliding was present on both sides."]),
    dict(target="pulmonary contusions", art="", name="pulmonary contusions", orient="LP", modality="CT", region=CHEST,
         subj=["the contusion mask", "the segmented change", "the mask"], ells=[(70, 180, 20, 14, 10), (185, 178, 18, 13, -10)],
         others={"heart": (0.52, 0.45), "sternum": (0.50, 0.20)}, key="contusion", multi=True,
         forbid=[r"\bcontusion", r"\bpulmonary", r"\blungs?\b"],
         clue=["hypoxic, patchy airspace opacity that doesn't respect the fissures - segment it",
               "non-segmental ground glass and consolidation in the dependent airspaces - outline it"],
         named=["the pulmonary contusions", "the lung contusions", "the contused lungs"],
         mech=["Crushed under a collapsed wall", "Fall from 6 m, landed flat on the back", "Rollover, ejected from the vehicle"],
         kb=["These usually blossom over the first 24-48 hours and clear within a week.",
             "Subpleural sparing of 1-2 mm is a clue that it's not aspiration.",
             "The heart lies anteriorly and slightly to the left, with the left ventricle forming the apex."],
         fast=["Sliding was present on both sides, but there were B-lines at both bases.", "No pericardial fluid."]),
    dict(target="mesenteric haematoma", name="mesenteric haematoma", orient="LP", modality="CT", region=ABD,
         subj=["the haematoma", "the collection", "the lesion"], ells=[(130, 124, 20, 14, 15)],
         others={"aorta": (0.50, 0.62), "left kidney": (0.68, 0.65)}, key="mesentery",
         forbid=[r"\bmesenter", r"\bhaematoma", r"\bhematoma"],
         clue=["seat-belt sign across the abdomen; a dense collection sits among the small-bowel loops near the root - segment it",
               "lap-belt injury with a Chance fracture; there's a rounded density in the fold that carries the bowel's vessels - segment it"],
         named=["the mesenteric haematoma", "the mesenteric bleed", "the haematoma"],
         mech=["Rear-seat passenger with a lap belt, head-on crash", "Kicked by a horse in the centre of the abdomen"],
         kb=["A seat-belt sign raises the chance of a hollow-viscus injury about fourfold.",
             "The superior mesenteric artery leaves the aorta at about L1, in front of the left renal vein.",
             "Bowel-wall thickening or a lack of enhancement next to the collection points to devascularised bowel."],
         fast=["FAST was negative in all four windows.", "A small stripe was seen between bowel loops on the pelvic view."]),
    dict(target="vertebral fracture", name="vertebral fracture", orient="LP", modality="CT", region=ABD,
         subj=["the fracture", "the fractured segment", "the bony injury"], ells=[(128, 176, 14, 12, 0)],
         others={"aorta": (0.50, 0.55), "left kidney": (0.68, 0.62)}, key="vertebra",
         forbid=[r"\bvertebr", r"\bspinal fracture", r"\bburst", r"\bfractur", r"\bspine"],
         clue=["point tenderness at the thoracolumbar junction, neuro intact - segment the bony injury at L1",
               "there is loss of height at the level of the renal hila; segment the broken bone"],
         named=["the vertebral fracture", "the L1 burst fracture", "the spinal fracture"],
         mech=["Fall from 5 m onto the feet", "Lap-belted passenger, flexion-distraction mechanism"],
         kb=["About 10% of patients with one spinal fracture have a second one at another level.",
             "Retropulsed fragments narrowing the canal by more than 50% usually change management.",
             "The aorta lies just in front of the vertebral bodies, slightly to the left."],
         fast=["FAST was negative.", "No retroperitoneal fluid could be seen on ultrasound, which is expected."]),
    dict(target="pneumothorax", name="bilateral pneumothoraces", art="", orient="LI", modality="XR", region=CHEST,
         subj=["the air", "the segmented air", "the mask"], ells=[(75, 45, 22, 10, 10), (182, 42, 20, 10, -10)],
         others={"heart": (0.50, 0.60), "trachea": (0.50, 0.25)}, key="pneumothorax", multi=True, xr=True,
         forbid=[r"\bpneumothora", r"\bptx\b", r"\bpleural air", r"\bair in the pleura"],
         clue=["erect film - visceral pleural lines at both apices with no markings beyond - segment that",
               "short of breath; there's a black rim above both lung apices - outline it"],
         named=["the pneumothoraces", "the bilateral pneumothorax", "the PTX"],
         mech=["Blast injury in an industrial explosion", "Scuba diver with rapid ascent", "Crushed between a forklift and a wall"],
         kb=["An apical rim over 3 cm on an erect film is a large collapse by the BTS definition.",
             "The trachea should be central; deviation away from one side suggests tension.",
             "The right hemidiaphragm normally sits about 2 cm higher than the left."],
         fast=["eFAST showed absent sliding at both apices.", "The pericardial view was clear."]),
    dict(target="right haemothorax", name="right haemothorax", orient="LI", modality="XR", region=CHEST,
         subj=["the haemothorax", "the opacity", "the pleural collection"], ells=[(70, 196, 30, 18, 0)],
         others={"heart": (0.55, 0.60), "trachea": (0.50, 0.25)}, key="haemothorax", xr=True,
         forbid=[r"\bhaemothora", r"\bhemothora", r"\bhtx\b", r"\bblood in the (?:chest|pleura)", r"\bpleural blood"],
         clue=["erect chest film, the costophrenic angle is blunted with a meniscus - segment the collection",
               "dull at the base, a meniscus on the film after rib fractures - outline the pleural density"],
         named=["the right haemothorax", "the haemothorax", "the right HTX"],
         mech=["Fell down stairs onto the right side", "Stabbed in the right lower chest", "Crushed by a falling pallet"],
         kb=["About 200-300 mL is needed to blunt the costophrenic angle on an erect film.",
             "On a supine film the same volume only shows as a veil-like haze.",
             "The trachea and the heart border stay where they should unless the volume is big."],
         fast=["Above the diaphragm in the RUQ view there was anechoic fluid and the spine sign was positive.",
               "The LUQ view was normal with a mirror artefact preserved."]),
    dict(target="left pneumothorax", name="left pneumothorax", orient="LI", modality="XR", region=CHEST,
         subj=["the pneumothorax", "the air", "the segmented air"], ells=[(190, 70, 18, 36, 0)],
         others={"heart": (0.55, 0.60), "trachea": (0.50, 0.25)}, key="pneumothorax", xr=True,
         forbid=[r"\bpneumothora", r"\bptx\b", r"\bpleural air", r"\bair in the pleura"],
         clue=["breathless now - a visceral pleural line with no markings beyond it - segment it",
               "no sliding on eFAST on one side; on the film there's a black rim lateral to the lung edge - outline it"],
         named=["the left pneumothorax", "the pneumothorax", "the left PTX"],
         mech=["Punched in the left chest", "Fell off a bike onto the left shoulder", "Stabbed in the left axilla"],
         kb=["The deep sulcus sign is the supine equivalent of an apical rim.",
             "The aortic knuckle sits on the left of the mediastinum above the left main bronchus.",
             "Most small ones under 2 cm can be watched if the patient isn't going to be ventilated."],
         fast=["No lung sliding on that side, with a lung point in the mid-axillary line.", "The other side slid normally."]),
    dict(target="free fluid", name="free fluid", art="", orient=None, modality="US", region=ABD,
         subj=["the fluid", "the anechoic area", "the collection"], ells=[(100, 170, 26, 9, 10), (165, 176, 22, 8, -10)],
         others={}, key="fluid", multi=True, us=True,
         forbid=[r"\bfluid", r"\bhaemoperiton", r"\bhemoperiton", r"\bascites", r"\bfree blood"],
         clue=["pelvic view of the FAST, transverse - there are black anechoic pockets beside the bladder, segment them",
               "this is the suprapubic FAST window; outline the anechoic stuff that shouldn't be there"],
         named=["the free fluid", "the free fluid in the pelvis", "the haemoperitoneum"],
         mech=["Pedestrian, 29, hit at low speed", "Fall from a horse, kicked in the abdomen"],
         kb=["A full bladder makes the pelvic window much easier to read.",
             "The RUQ view is positive first in most adults because Morison's pouch is the most dependent upper recess.",
             "Clotted blood can look echogenic and be mistaken for bowel."],
         fast=["RUQ and LUQ windows were negative.", "The pericardial window was clear."]),
    dict(target="pericardial effusion", name="pericardial effusion", orient=None, modality="US", region=CHEST,
         subj=["the effusion", "the anechoic rim", "the collection"], ells=[(128, 92, 38, 9, 0)],
         others={}, key="pericardium", us=True,
         forbid=[r"\bpericard", r"\beffusion", r"\btamponade", r"\bhaemoperic", r"\bhemoperic"],
         clue=["subxiphoid view on the FAST - there's an anechoic stripe next to the heart, segment it",
               "cardiac window of the eFAST; outline the black band around the right ventricle"],
         named=["the pericardial effusion", "the effusion", "the haemopericardium"],
         mech=["Stab wound, left parasternal", "Steering-wheel injury to the chest"],
         kb=["In the subxiphoid view the liver is the acoustic window and sits at the top of the screen.",
             "Epicardial fat can mimic a small anterior stripe; true fluid tends to be dependent.",
             "Right ventricular diastolic collapse is the most specific sign of tamponade."],
         fast=["Abdominal windows were negative.", "Lung sliding was present bilaterally."]),
]

OTHER_INJURIES = [
    ("clavicle", "an undisplaced right clavicle fracture"), ("radius", "a left distal radius fracture, in a backslab"),
    ("scalp", "a 4 cm scalp wound over the right parietal bone, stapled in ED"),
    ("femur", "a closed left femoral shaft fracture in a traction splint"),
    ("rib", "fractures of the left 9th and 10th ribs"), ("rib", "right 5th to 7th rib fractures without a flail segment"),
    ("kidney", "a small right renal contusion (AAST grade I)"), ("liver", "a grade I capsular tear of segment VI"),
    ("contusion", "a small left lower lobe contusion"), ("pneumothorax", "a small right apical pneumothorax, not drained"),
    ("pelvis", "a left superior pubic ramus fracture"), ("vertebra", "a right L3 transverse process fracture"),
    ("ankle", "a right lateral malleolus fracture"), ("face", "a left orbital floor fracture, no entrapment"),
    ("haemothorax", "a trace left haemothorax"), ("spleen", "a grade II splenic laceration"),
    ("hand", "a right fifth metacarpal neck fracture"), ("head", "a thin left frontal subdural, neurosurgery aware"),
]
# other injuries that would contradict or blur the mask of a target sharing the region
CLASH = {"spleen": {"spleen", "haemothorax"}, "liver": {"liver", "kidney"}, "kidney": {"kidney"}, "adrenal": {"kidney", "liver"},
         "peritoneum": {"liver", "spleen", "kidney"}, "fluid": set(), "pneumothorax": {"pneumothorax", "haemothorax"},
         "haemothorax": {"haemothorax", "pneumothorax", "rib"}, "rib": {"rib", "contusion", "pneumothorax"},
         "pelvis": {"pelvis"}, "pericardium": set(), "contusion": {"contusion", "rib"}, "mesentery": set(),
         "vertebra": {"vertebra"}}

GP = ["Dr Okafor", "Dr Lindqvist", "Dr Patel", "Dr Hughes", "Dr McBride", "Dr Nowak"]


# ---------------------------------------------------------------------------------------------- masks, records

def _ellipse(mask, cx, cy, rx, ry, ang, value=True):
    yy, xx = np.mgrid[0:256, 0:256]
    a = math.radians(ang)
    dx, dy = xx - cx, yy - cy
    u = dx * math.cos(a) + dy * math.sin(a)
    v = -dx * math.sin(a) + dy * math.cos(a)
    mask[(u / rx) ** 2 + (v / ry) ** 2 <= 1.0] = value


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    mask = np.zeros((256, 256), bool)
    jx, jy, s = rng.uniform(-2, 2), rng.uniform(-2, 2), rng.uniform(0.95, 1.05)
    if "ring" in p:
        cx, cy, ox, oy, ix, iy = p["ring"]
        _ellipse(mask, cx + jx, cy + jy, ox * s, oy * s, 0)
        _ellipse(mask, cx + jx, cy + jy, ix * s, iy * s, 0, value=False)
    for cx, cy, rx, ry, ang in p.get("ells", []):
        _ellipse(mask, cx + jx, cy + jy, rx * s, ry * s, ang + rng.uniform(-4, 4))
    others = {k: (v[0] + rng.uniform(-0.005, 0.005), v[1] + rng.uniform(-0.005, 0.005)) for k, v in p["others"].items()}
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


def record_for(p):
    return dict(modality=p["modality"], body_region=p["region"], orientation=p["orient"])


def pick_profile(profiles, i, defect, rng):
    pool = [p for p in profiles if not (defect == "laterality" and p["orient"] is None)]
    if rng.random() < 0.35:  # lean a little towards bilateral, midline and multi-piece masks
        pool = [p for p in pool if p.get("multi") or "ring" in p or p["target"] in
                ("pelvic free fluid", "mesenteric haematoma", "vertebral fracture")] or pool
    return rng.choice(pool)


# ---------------------------------------------------------------------------------------------- claim ledger

OPP_SIDE = {"left": "right", "right": "left"}
SIZE_WORDS = {"small": ["small", "small-volume", "little"], "medium": ["medium-sized", "moderate", "moderate-sized", "mid-sized"],
              "large": ["large", "large-volume", "big"]}
NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
REL_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
            "superior_to": "inferior_to", "inferior_to": "superior_to"}


def cap(s):
    return s[:1].upper() + s[1:]


def pct_text(v, rng):
    s = f"{v:.2f}" if v < 1 else f"{v:.1f}"
    return rng.choice([f"{s}%", f"about {s}%", f"roughly {s}%", f"~{s}%", f"{s} per cent"])


class Ctx:
    def __init__(self, p, facts, rng, defect, style):
        self.p, self.f, self.rng, self.defect, self.style = p, facts, rng, defect, style
        self.ledger = []
        self.turn = 0
        self.plant = None  # (kind, where)
        self.planted = False
        self.lat = facts["laterality"]
        self.vert = facts["vertical"]
        self.rels = [(r["other"], r["relation"]) for r in facts["relations"]]
        self.cls = facts["size_class"]
        self.pct = 100.0 * facts["area_fraction"]
        self.n = facts["components"]
        self.orient = p["orient"]

    # the value to state: the false one exactly once, at the planted spot
    def want(self, kind, where):
        if self.plant == (kind, where) and not self.planted:
            self.planted = True
            return True
        return False

    def log(self, kind, val, text, false, role="assistant", corrected=False):
        self.ledger.append(dict(turn=self.turn, role=role, kind=kind, val=val, text=text, false=false,
                                corrected=corrected))

    def false_side(self):
        r = self.rng
        if self.lat in ("left", "right"):
            return "midline" if r.random() < 0.15 else OPP_SIDE[self.lat]
        return r.choice(["left", "right"])

    def false_vert(self):
        o, v = self.orient, self.vert
        pairs = {"LP": ("anterior", "posterior"), "LI": ("superior", "inferior"), None: ("upper", "lower")}[o]
        if v == "central":
            return self.rng.choice(pairs)
        return pairs[1] if v == pairs[0] else pairs[0]

    def false_cls(self):
        return {"small": self.rng.choice(["medium", "large"]) if self.rng.random() < 0.3 else "medium",
                "medium": self.rng.choice(["small", "large"]), "large": "small" if self.rng.random() < 0.3 else "medium"}[self.cls]

    def false_pct(self):
        return self.pct * (self.rng.uniform(3.0, 4.5) if self.rng.random() < 0.5 or self.pct < 0.3 else self.rng.uniform(0.15, 0.3))

    def false_n(self):
        if self.n == 1:
            return self.rng.choice([2, 3])
        return self.rng.choice([k for k in (1, self.n + 1, self.n - 1) if k >= 1 and k != self.n])

    def subj(self, pronoun_ok=True):
        opts = list(self.p["subj"]) + ["the mask", "the segmented region"]
        if pronoun_ok:
            opts += ["it", "it"]
        return self.rng.choice(opts)


def side_phrase(v, r, orient):
    cav = ""
    return r.choice({"left": ["on the left", "left-sided", "on the patient's left", "in the left half of the body"],
                     "right": ["on the right", "right-sided", "on the patient's right", "in the right half of the body"],
                     "midline": ["in the midline", "midline", "centred on the midline"],
                     "bilateral": ["bilateral", "on both sides", "on the left and the right", "present on both sides"]}[v]) + cav


def side_sentence(c, where, val=None):
    r = c.rng
    false = c.want("side", where)
    v = val or (c.false_side() if false else c.lat)
    S = c.subj()
    img = {"left": "right", "right": "left"}.get(v)
    forms = [f"{cap(S)} is {side_phrase(v, r, c.orient)}.", f"Side: {v}."]
    if img:
        view = "film" if c.p.get("xr") else "screen"
        forms += [f"{cap(S)} projects on the {view}'s {img}, which is the patient's {v} - radiological convention.",
                  f"{cap(S)} is on the patient's {v} (it shows on the {img} of the {view} because we look from the feet)."
                  if c.orient == "LP" else f"{cap(S)} is on the patient's {v}, the {img} of the image as you look at it.",
                  f"{cap(S)} is on the {v}, not the {OPP_SIDE[v]}."]
    if v == "bilateral":
        forms += [f"{cap(S)} has a component on each side.", f"There's involvement on both the left and the right."]
    if v == "midline":
        forms += [f"{cap(S)} straddles the midline rather than favouring one side.",
                  f"{cap(S)} sits in the midline, not off to the left or right."]
    t = r.choice(forms)
    c.log("side", v, t, false)
    return t


def vert_words(v, r, p):
    cav = {ABD: "abdomen", CHEST: "chest", PELV: "pelvis"}[p["region"]]
    return r.choice({"anterior": ["anterior", "anteriorly placed", f"in the front part of the {cav}", "towards the front"],
                     "posterior": ["posterior", "posteriorly placed", f"in the back part of the {cav}", "towards the back, in the dependent part"],
                     "superior": ["superior", f"in the upper part of the {cav}", "high up, towards the apex" if p["region"] == CHEST else "high, under the diaphragm"],
                     "inferior": ["inferior", f"in the lower part of the {cav}", "low, towards the base" if p["region"] == CHEST else "low down"],
                     "upper": ["in the upper half of the image", "in the top half of the frame"],
                     "lower": ["in the lower half of the image", "in the bottom half of the frame"],
                     "central": {"LP": ["midway front to back", "central in the front-to-back direction", "neither anterior nor posterior"],
                                 "LI": ["at mid-height", "central from top to bottom", "neither high nor low"],
                                 None: ["around the middle of the frame vertically", "centred top to bottom in the image"]}[p["orient"]]}[v])


def vert_sentence(c, where):
    r = c.rng
    false = c.want("vertical", where)
    v = c.false_vert() if false else c.vert
    S = c.subj()
    forms = [f"{cap(S)} is {vert_words(v, r, c.p)}.", f"Position: {vert_words(v, r, c.p)}.",
             f"In terms of depth, {S} is {vert_words(v, r, c.p)}." if c.orient == "LP" else
             f"Vertically, {S} is {vert_words(v, r, c.p)}."]
    t = r.choice(forms)
    c.log("vertical", v, t, false)
    return t


REL_WORDS = {"left_of": ["to the patient's left of", "left of", "on the left side of"],
             "right_of": ["to the patient's right of", "right of", "on the right side of"],
             "anterior_to": ["in front of", "anterior to", "ventral to"],
             "posterior_to": ["behind", "posterior to", "dorsal to"],
             "superior_to": ["above", "superior to", "higher than"],
             "inferior_to": ["below", "inferior to", "lower than"]}


def rel_sentence(c, where, pick=None):
    r = c.rng
    false = c.want("relation", where)
    other, rel = pick or r.choice(c.rels)
    if false:  # a planted relation is a front/back or up/down one, so that it never reads as a side claim
        vr = [x for x in c.rels if x[1] not in ("left_of", "right_of")]
        other, rel = next((x for x in vr if x[0] == other), None) or r.choice(vr)
        rel = REL_FLIP[rel]
    S = c.subj()
    w = r.choice(REL_WORDS[rel])
    forms = [f"{cap(S)} lies {w} the {other}.", f"Relative to the {other}, {S} is {w} it.",
             f"Relation: {w} the {other}."]
    t = r.choice(forms)
    c.log("relation", (other, rel), t, false)
    return t


def size_sentence(c, where, sub=None):
    r = c.rng
    false = c.want("size", where)
    sub = sub or c.size_sub or r.choice(["class", "pct", "both"])
    if false and sub == "both":
        sub = c.size_sub or r.choice(["class", "pct"])
    S = c.subj()
    out = []
    if sub in ("class", "both"):
        v = c.false_cls() if (false and sub == "class") else c.cls
        w = r.choice(SIZE_WORDS[v])
        if sub == "both":
            pc = c.pct
            t = r.choice([f"{cap(S)} is {w}, {pct_text(pc, r)} of the image area.",
                          f"Size: {w} ({pct_text(pc, r)} of the slice)."])
            c.log("size_class", v, t, False)
            c.log("pct", round(pc, 4), t, False)
            return t
        t = r.choice([f"{cap(S)} is {w}.", f"Overall {S} is {w} on this slice.", f"Size-wise, {w}.",
                      f"I'd call {S} {w}."])
        c.log("size_class", v, t, false)
        return t
    pc = c.false_pct() if false else c.pct
    t = r.choice([f"{cap(S)} covers {pct_text(pc, r)} of the image.", f"Area: {pct_text(pc, r)} of the field.",
                  f"By pixel count that's {pct_text(pc, r)} of the slice."])
    c.log("pct", round(pc, 4), t, false)
    return t


def count_sentence(c, where):
    r = c.rng
    false = c.want("count", where)
    n = c.false_n() if false else c.n
    S = c.subj(pronoun_ok=False)
    if n == 1:
        forms = [f"{cap(S)} is one contiguous region.", "It's a single connected piece.",
                 f"There is one continuous component, not several."]
    else:
        w = r.choice([NUM[n], str(n)])
        forms = [f"{cap(S)} is made up of {w} separate pieces.", f"There are {w} distinct, separate components.",
                 f"Count: {w} separate regions.", f"{cap(S)} falls into {w} disconnected parts."]
    t = r.choice(forms)
    c.log("count", n, t, false)
    return t


SENT = {"side": side_sentence, "vertical": vert_sentence, "relation": rel_sentence, "size": size_sentence,
        "count": count_sentence}


# ---------------------------------------------------------------------------------------------- premises

def premise(c, kind, false, corrected):
    """A user's idea about the target: false (planted or corrected later) or true."""
    r = c.rng
    if kind == "side":
        v = c.false_side() if false else c.lat
        ph = {"left": ["it's on the left", "it's left-sided"], "right": ["it's on the right", "it's right-sided"],
              "midline": ["it's a midline thing"], "bilateral": ["it's on both sides"]}[v]
        t = r.choice(ph)
    elif kind == "vertical":
        v = c.false_vert() if false else c.vert
        t = f"it's {vert_words(v, r, c.p)}"
    elif kind == "relation":
        o, rel = r.choice([x for x in c.rels if x[1] not in ("left_of", "right_of")] if false and not corrected else c.rels)
        v = (o, REL_FLIP[rel] if false else rel)
        t = f"it sits {r.choice(REL_WORDS[v[1]])} the {o}"
    elif kind == "size":
        if r.random() < 0.5:
            kind, v = "size_class", (c.false_cls() if false else c.cls)
            t = f"it's only {r.choice(SIZE_WORDS[v])}" if v == "small" else f"it's {r.choice(SIZE_WORDS[v])}"
        else:
            kind, v = "pct", (c.false_pct() if false else c.pct)
            t = f"it covers {pct_text(v, r)} of the image"
            v = round(v, 4)
    else:
        v = c.false_n() if false else c.n
        t = "it's all one piece" if v == 1 else f"there are {NUM[v]} separate pieces"
    return kind, v, t


def correction(c, kind):
    """Assistant's explicit 'no' followed by the true fact, for a corrected user idea."""
    r = c.rng
    no = r.choice(["No -", "Not quite:", "Actually no.", "Careful, that's not right -", "I'd correct that:"])
    k = {"size_class": "size", "pct": "size"}.get(kind, kind)
    sub = {"size_class": "class", "pct": "pct"}.get(kind)
    if k == "size":
        t = size_sentence(c, "none", sub=sub)
    elif k == "relation":
        t = rel_sentence(c, "none", pick=c._prem_rel)
    else:
        t = SENT[k](c, "none")
    if no.endswith(("-", ":")) and not t.startswith(("I'", "I ")):
        low = t[0].lower() + t[1:]
        for e in c.ledger:
            if e["text"] == t and e["turn"] == c.turn:
                e["text"] = low
        t = low
    return f"{no} {t}"


# ---------------------------------------------------------------------------------------------- registers

def distractors(c, n):
    r, p = c.rng, c.p
    pool = list(p["kb"])
    if c.lat in ("left", "right") and r.random() < 0.5:
        opp = OPP_SIDE[c.lat]
        pool.append(f"If this had been on the {opp}, the differential would shift to the organs on that side.")
    pool.append(r.choice(["Active contrast extravasation would make this an IR case; I don't see a blush.",
                          "Worth repeat imaging in 24-48 hours if the haemoglobin keeps falling.",
                          "No other acute finding on this slice."]))
    r.shuffle(pool)
    return pool[:n]


def other_injuries(c, k):
    bad = CLASH.get(c.p["key"], set()) | {c.p["key"]}
    pool = [t for key, t in OTHER_INJURIES if key not in bad]
    return c.rng.sample(pool, k)


def q1(c):
    r, p, st = c.rng, c.p, c.style
    mech = r.choice(p["mech"])
    if c.defect == "names_target":
        core = r.choice([f"segment {r.choice(p['named'])} for me", f"can you outline {r.choice(p['named'])}",
                         f"I need a mask of {r.choice(p['named'])}"])
    else:
        core = r.choice(p["clue"])
    if st == "trauma_call":
        abc = r.choice(["A patent, B sats 93% on 15 L, C HR 124 BP 92/60, D GCS 14, E log-rolled.",
                        "Airway fine, breathing shallow, circulation - tachy at 118, two wide-bore in.",
                        "Primary survey: A ok, B reduced on one side, C 2 units running, D moving all four."])
        done = "Film's up" if p.get("xr") else "Clip's saved" if p.get("us") else "Pan-scan's back"
        return f"Trauma call. {mech}. {abc} {done} - {core}."
    if st == "fast_scan":
        fl = p["fast"][0]
        return f"eFAST done in resus. {fl} Now on the {'film' if p.get('xr') else 'scan' if not p.get('us') else 'clip'}: {core}."
    if st == "ed_handover":
        return (f"Handing over to the surgical reg. {mech}. Primary survey done, one unit of O-neg in. "
                f"Before I go through the injury list, {core}.")
    gp = c.gp
    return (f"I'm writing the discharge letter to {gp}. Patient admitted after: {mech.lower()}. "
            f"Looking back at the admission imaging - {core}.")


def a1(c, kinds):
    r, p, st = c.rng, c.p, c.style
    name = p["name"]
    claims = [SENT[k](c, "a1") for k in kinds]
    extra = distractors(c, r.choice([1, 2]))
    if st == "trauma_call":
        head = r.choice([f"Seen it - {name} [SEG].", f"Yep, that's the {name} [SEG].", f"{cap(name)}, outlined [SEG]."])
        body = claims + extra
        r.shuffle(body)
        tail = r.choice(["Tell the team leader before he goes to CT again.", "I'll phone the consultant.",
                         "Activate MHP if she drops again.", ""])
        return " ".join([head] + body + ([tail] if tail else []))
    if st == "fast_scan":
        head = r.choice([f"On the images this corresponds to the {name} [SEG].",
                         f"The finding is the {name} [SEG], which fits the FAST.",
                         f"I've outlined the {name} [SEG]."])
        fl = p["fast"][1]
        body = claims + extra
        r.shuffle(body)
        return " ".join([head, f"For correlation - {fl}"] + body)
    if st == "ed_handover":
        oth = other_injuries(c, r.choice([2, 3]))
        lines = [f"Main finding for you: {name} [SEG]."] + [f"- {t}" for t in claims]
        lines.append("Other injuries: " + "; ".join(oth) + ".")
        lines += extra
        return "\n".join(lines)
    gp = c.gp
    body = claims + extra
    if r.random() < 0.7:
        body.append(r.choice(["Other injuries during the admission were ", "He was also treated for ", "Associated injuries: "])
                    + "; ".join(other_injuries(c, r.choice([1, 2]))) + ".")
    r.shuffle(body)
    return (f"Here's a draft paragraph you can adapt.\n\nDear {gp},\n\nThe admission CT demonstrated {p.get('art', 'a ')}{name} [SEG]. "
            if not p.get("xr") and not p.get("us") else
            f"Here's a draft paragraph you can adapt.\n\nDear {gp},\n\nThe admission {'chest radiograph' if p.get('xr') else 'FAST scan'} "
            f"demonstrated {p.get('art', 'a ')}{name} [SEG]. ") + " ".join(body) + \
        r.choice(["\n\nA prior CT from 2019 was reviewed for comparison and showed a simple left renal cyst, unchanged.",
                  "\n\nNo earlier imaging was available for comparison.",
                  "\n\nAn outpatient CT from 2021 showed a 3 mm right lower lobe nodule, which is stable.",
                  "\n\nFollow-up imaging is planned at 6 weeks in the trauma clinic."]) + \
        r.choice(["", " Please re-refer if pain, fever or haematuria develop.",
                  " He should avoid contact sport for 6-8 weeks; a single follow-up scan is booked.",
                  " I would be grateful if you could check a full blood count in one week."])


ASK = {
    "side": {"trauma_call": ["Which side? Quick.", "Left or right - patient's side, not the screen's."],
             "fast_scan": ["Which side of the patient is that on? The probe marker confuses me.", "Side, please."],
             "ed_handover": ["What side do I write on the handover sheet?", "Laterality for the list?"],
             "discharge_letter": ["Which side should the letter state?", "For the GP, which side was it?"]},
    "vertical": {"trauma_call": ["Front or back?", "Where is it, depth-wise?"],
                 "fast_scan": ["Is it high or low, front or back on the slice?", "Where does it sit on the image?"],
                 "ed_handover": ["Position on the slice?", "And its position?"],
                 "discharge_letter": ["How would you describe where it sits?", "Can you describe the position for the letter?"]},
    "relation": {k: ["Where is it relative to the {o}?", "How does it relate to the {o}?"] for k in STYLES},
    "size": {"trauma_call": ["How big? Small, moderate, large?", "Size?"],
             "fast_scan": ["How much is there, roughly?", "Small or large volume?"],
             "ed_handover": ["Size for the sheet?", "How big is it?"],
             "discharge_letter": ["How big should I say it was?", "Any measure of size for the GP?"]},
    "count": {"trauma_call": ["One or several?", "How many pieces?"],
              "fast_scan": ["Is that one collection or more than one?", "How many separate areas?"],
              "ed_handover": ["Single or multiple?", "How many separate regions on the mask?"],
              "discharge_letter": ["Was it a single area or several?", "How many separate regions were there?"]},
    "summary": {"trauma_call": ["One line for the scribe.", "Sum it up for the team."],
                "fast_scan": ["Summarise the imaging in one go.", "Give me the summary."],
                "ed_handover": ["Give me the one-liner for the surgeons.", "Summarise it for the board."],
                "discharge_letter": ["Can you give me a closing summary sentence?", "Summarise for the letter."]},
}


def follow(c, topic, where_tag, prem):
    """One follow-up round: user question (maybe carrying a premise) and assistant answer."""
    r, st = c.rng, c.style
    o = None
    if topic == "relation":
        vr = [x for x in c.rels if x[1] not in ("left_of", "right_of")]
        o, rel = r.choice(vr if c.plant == ("relation", "fu") and not c.planted else c.rels)
    q = r.choice(ASK[topic][st]).format(o=o)
    pre = ""
    corr = None
    if prem:
        pkind, pfalse, pcorr = prem
        c._prem_rel = None
        k, v, txt = premise(c, pkind, pfalse, pcorr)
        if k == "relation":
            c._prem_rel = (v[0], REL_FLIP[v[1]]) if pfalse else v
        lead = r.choice(["Since {t}, ", "Given {t}, ", "So {t} - ", "OK, {t}. "]).format(t=txt)
        pre = lead
        q_full = pre + q[0].lower() + q[1:] if lead.endswith(", ") or lead.endswith("- ") else pre + q
        c.turn_user_claim = (k, v, q_full, pfalse, pcorr)
        if pcorr:
            corr = k
    else:
        q_full = q
        c.turn_user_claim = None
    return q_full, o, corr


def answer(c, topic, o, corr, where, excluded):
    r = c.rng
    parts = []
    if corr:
        parts.append(correction(c, corr))
    if topic == "summary":
        ks = [k for k in ("side", "vertical", "size", "count", "relation") if k not in excluded and c.avail(k)]
        ks = r.sample(ks, min(len(ks), r.choice([2, 3])))
        parts += [SENT[k](c, where) if k != "relation" else rel_sentence(c, where) for k in ks]
        parts.insert(0, r.choice([f"{cap(c.p['name'])}, no change on review:", f"Summary - {c.p['name']}:",
                                  f"In short, the {c.p['name']}:"]))
    elif topic == "relation":
        pick = r.choice([(oo, rr) for oo, rr in c.rels if oo == o])
        parts.append(rel_sentence(c, where, pick=pick))
    elif topic in excluded:
        parts.append("Let me come back to that once the delayed phase is in.")
    else:
        parts.append(SENT[topic](c, where))
    if r.random() < 0.5:
        parts.append(distractors(c, 1)[0])
    if topic == "side" and c.style == "trauma_call" and r.random() < 0.5:
        parts.append("Mechanism side and injury side don't always match, so I go by the image.")
    return " ".join(parts)


def build(p, facts, style, rng, defect):
    c = Ctx(p, facts, rng, defect, style)
    c.gp = rng.choice(GP)
    c.size_sub = None
    c._prem_rel = None

    def avail(k):
        return {"side": c.lat != "unknown", "relation": bool(c.rels)}.get(k, True)
    c.avail = avail
    kind = {"laterality": "side", "position": None, "size": "size", "count": "count"}.get(defect)
    if defect == "position":
        kind = "relation" if any(x[1] not in ("left_of", "right_of") for x in c.rels) and rng.random() < 0.45 else "vertical"
    if kind == "size":
        c.size_sub = rng.choice(["class", "pct"])
    where = None
    if kind:
        where = rng.choices(["a1", "fu", "user"], [0.6, 0.2, 0.2])[0]
        c.plant = (kind, where)
    n_fu = rng.choice([1, 2])
    if where in ("fu", "user") and n_fu < 1:
        n_fu = 1
    excluded = {kind} if where == "user" else set()
    avail_k = [k for k in ("side", "vertical", "relation", "size", "count") if avail(k) and k not in excluded]
    # first answer
    a1k = rng.sample(avail_k, min(len(avail_k), rng.choice([2, 3, 3, 4])))
    if where == "a1" and kind not in a1k:
        a1k[0] = kind
    if where == "fu" and kind in a1k and rng.random() < 0.5:
        a1k.remove(kind)
    order = [k for k in ("side", "vertical", "relation", "size", "count") if k in a1k]
    turns = [{"role": "user", "content": q1(c)}]
    c.turn = 1
    turns.append({"role": "assistant", "content": a1(c, order)})
    # follow-ups
    topics = []
    cand = [k for k in ("side", "vertical", "relation", "size", "count", "summary") if (k == "summary" or avail(k))]
    for _ in range(n_fu):
        topics.append(rng.choice([k for k in cand if k not in topics and k not in excluded]))
    if where == "fu":
        topics[rng.randrange(len(topics))] = kind
    user_slot = rng.randrange(len(topics)) if where == "user" else None
    if user_slot is not None and topics[user_slot] == "summary":
        topics[user_slot] = rng.choice([k for k in cand if k not in excluded and k != "summary" and k not in topics])
    for j, topic in enumerate(topics):
        prem = None
        if j == user_slot:
            prem = (kind, True, False)
        elif defect is None and rng.random() < 0.35:
            pk = rng.choice([k for k in ("side", "vertical", "size", "count", "relation") if avail(k) and k != topic])
            prem = (pk, True, True)
        elif rng.random() < 0.15:
            pk = rng.choice([k for k in ("side", "vertical", "size", "count") if avail(k) and k != topic and k not in excluded])
            prem = (pk, False, False)
        c.turn = len(turns)
        if j == user_slot:
            c.planted = True  # the false premise is the planted claim
        q, o, corr = follow(c, topic, where, prem)
        if c.turn_user_claim:
            k, v, txt, pf, pc = c.turn_user_claim
            c.log(k, v, txt, pf, role="user", corrected=pc)
        turns.append({"role": "user", "content": q})
        c.turn = len(turns)
        turns.append({"role": "assistant", "content": answer(c, topic, o, corr, "fu", excluded)})
    LEDGERS.append(c.ledger)
    expected = [defect] if defect else []
    return turns, expected
