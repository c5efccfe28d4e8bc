"""Bank DX: "plain LLM assistants without any product prompt".

A researcher pastes a request such as "Here is an abdominal CT slice with a mask. Write a short Q&A where the
user asks implicitly about the masked structure" into a general chat assistant, and the assistant writes the
whole conversation. The four registers (STYLES) are four assistant habits:

- gpt_helpful: friendly, structured, "Great question!", short paragraphs or bold bullets, offers more help.
- claude_careful: measured prose, caveats about a single slice, explains the radiological convention and keeps
  general anatomy apart from what this image shows.
- llama_verbose: long numbered answers, differential considerations, a closing summary that repeats the facts,
  numbers sometimes written as words.
- terse_radiologist: clipped report fragments ("Lt. Posterior. Medium. Single component.").

Targets (34 profiles): CT/MR axial (LP) abdomen, chest, head and pelvis; CT/MR coronal (LI); frontal chest
X-ray (XR, LI); four photos (endoscopy, dermoscopy, fundus, microscopy; orientation None). Paired organs
(kidneys, lungs, clavicles), midline structures (aorta, bladder, prostate, oesophagus, trachea) and
multi-lesion targets (liver tumours, kidney cysts, lung nodules, brain metastases, white matter lesions, cell
nuclei) make up 16 of the 34 profiles.

Defects are realistic slips of such assistants: mirror-image side confusion ("on the right of the image, so
the patient's right"), a one-sided call for a bilateral mask, "anterior" for a posterior mask, a flipped
neighbour relation, "large" for a 3% region, a percent off by 3-4x, "a single lesion" when there are three.
About 1 in 5 side/position/size/count defects sit in a user follow-up (a false premise the assistant does not
take up), about 1 in 5 in a follow-up answer, the rest in the first answer. Confusable TRUE sentences are
placed throughout: convention explanations, true negations, other structures' sides, population percents,
physical sizes, hypotheticals, and (in clean rows) a user's false idea that the assistant explicitly corrects.

Written without reading QC. Every sentence that carries a side, position, size or count word is logged in
LEDGER (claims with their values, or vetted background); the writer's own reader
(/work/notes/qcdx_scripts/check_dx.py) re-derives each claim's truth from the facts. Own check on
heldout_dx.jsonl (SEED 20261255): rows 420, clean 210, 42 per defect kind, problems 0; of the 168
side/position/size/count defects 97 sit in the first answer, 33 in a follow-up answer, 38 in a user premise;
50 clean or names_target rows hold a user's false idea that the assistant explicitly corrects.
"""

from __future__ import annotations

import math
import random
import re

import numpy as np

STYLES = ["gpt_helpful", "claude_careful", "llama_verbose", "terse_radiologist"]

# one entry per build() call, in call order: the writer's ledger of what each piece of text claims
LEDGER: list = []

# ---------------------------------------------------------------------------------------------------------
# profiles
# ---------------------------------------------------------------------------------------------------------

_KIDNEY_AVOID = ["kidney", "renal", "nephr"]
_LIVER_ALL = ["liver", "hepat", "hepar"]


def _p(**kw):
    kw.setdefault("jit", 2.0)
    kw.setdefault("rj", 1.0)
    kw.setdefault("plural", False)
    kw.setdefault("noun", ("piece", "pieces"))
    kw.setdefault("sided", None)
    kw.setdefault("sidek", [])
    kw.setdefault("pop", [])
    kw.setdefault("know", [])
    kw.setdefault("diff", [])
    kw.setdefault("anat", [])
    kw.setdefault("others", {})
    return kw


PROFILES = [
    # ---------------- CT axial abdomen ----------------
    _p(key="liver_ax", target="liver", modality="CT", region="abdomen", ori="LP", plane="axial CT", img="slice",
       ell=[(84, 102, 50, 42)], others={"stomach": (0.64, 0.38), "right kidney": (0.31, 0.64), "aorta": (0.52, 0.58)},
       name="the liver", bare="liver", alts=["the organ", "the liver"], avoid=_LIVER_ALL,
       asks=["Which organ on this slice produces bile and stores glycogen?",
             "A patient's bilirubin and ALT are both up. Which organ on this slice would you look at first?",
             "Which is the biggest solid organ in the abdomen, the one that makes albumin and clotting factors?",
             "Where is the organ that gets most of its blood supply from the portal vein?"],
       named=["Can you segment the liver on this slice?", "Please outline the hepatic parenchyma here.",
              "Where is the liver? Mask it please."],
       why=["Bile production, glycogen storage and making albumin are all classic liver jobs.",
            "Those are textbook functions of the liver."],
       anat=["The liver normally fills most of the right upper quadrant, under the right hemidiaphragm."],
       know=["It gets roughly 75% of its blood from the portal vein and about 25% from the hepatic artery.",
             "An adult liver weighs around 1.5 kg."],
       pop=["Simple liver cysts turn up in roughly 2.5-5% of adults on imaging.",
            "Haemangiomas, the commonest benign liver tumour, are found in up to 20% of people at autopsy."],
       sidek=["The spleen sits on the opposite side, in the left upper quadrant.",
              "The inferior vena cava runs just to the right of the aorta, partly grooved into the back of the liver."],
       diff=["hepatomegaly (if it looked large for the patient's build)", "diffuse fatty infiltration (which lowers its attenuation)",
             "focal lesions such as cysts or haemangiomas"]),
    _p(key="spleen_ax", target="spleen", modality="CT", region="abdomen", ori="LP", plane="axial CT", img="slice",
       ell=[(192, 150, 22, 30)], others={"stomach": (0.62, 0.40), "aorta": (0.52, 0.58), "liver": (0.30, 0.42)},
       name="the spleen", bare="spleen", alts=["the organ", "the spleen"], avoid=["spleen", "splen", "lienal"],
       asks=["Which organ on this slice filters old red blood cells and gets enlarged in glandular fever?",
             "After a car crash a patient is hypotensive with fractures of the lower ribs. Which organ here would worry you most?",
             "Which organ here removes worn-out red cells and helps fight encapsulated bacteria?"],
       named=["Please segment the spleen.", "Can you outline the splenic tissue on this slice?"],
       why=["Clearing old red cells and defending against encapsulated bacteria are the spleen's signature jobs.",
            "That combination of functions points to the spleen."],
       anat=["The spleen normally sits in the left upper quadrant, tucked under the ninth to eleventh ribs."],
       know=["A normal adult spleen is about 11-12 cm long and weighs roughly 150 g.",
             "After a splenectomy, patients need vaccines against encapsulated organisms."],
       pop=["Accessory spleens (splenules) are found in roughly 10-15% of people on CT.",
            "Splenic injury is among the commonest solid-organ injuries in blunt abdominal trauma."],
       sidek=["The liver, by contrast, fills most of the right upper quadrant.",
              "The tail of the pancreas points toward the splenic hilum from the right."],
       diff=["an accessory spleen (splenule)", "a fluid-filled gastric fundus", "the tail of the pancreas"]),
    _p(key="lkid_ax", target="left kidney", modality="CT", region="abdomen", ori="LP", plane="axial CT", img="slice",
       ell=[(176, 160, 16, 22)], others={"aorta": (0.52, 0.56), "spleen": (0.77, 0.52)},
       name="the left kidney", bare="left kidney", unsided="the kidney", sided="left", alts=["the kidney", "the organ"],
       avoid=_KIDNEY_AVOID,
       asks=["One of the two bean-shaped organs that filter the blood is visible next to the spleen here. Can you segment it?",
             "The patient has flank pain on the left and blood in the urine. Which organ on this slice should I look at?",
             "Which urine-producing organ sits on the patient's left on this slice?"],
       side_asks=[1, 2],
       named=["Segment the left kidney please.", "Can you outline the left renal parenchyma?"],
       why=["Filtering the blood and making urine is what the kidneys do.", "Bean shape plus urine production means a kidney."],
       anat=["The kidneys are retroperitoneal, lying against the posterior abdominal wall either side of the spine."],
       know=["An adult kidney is roughly 10-12 cm long.", "Together the two kidneys receive about 20% of the cardiac output."],
       pop=["Simple renal cysts are found in more than a quarter of people over 50.", "A horseshoe kidney occurs in about 1 in 500 people."],
       sidek=["The right kidney usually sits a little lower than the left because the liver pushes it down.",
              "The left renal vein crosses in front of the aorta to reach the inferior vena cava."],
       diff=["the renal pelvis (if the mask had included the collecting system)", "a fluid-filled loop of bowel",
             "the lower tip of the spleen"]),
    _p(key="rkid_ax", target="right kidney", modality="CT", region="abdomen", ori="LP", plane="axial CT", img="slice",
       ell=[(80, 162, 16, 22)], others={"liver": (0.33, 0.42), "aorta": (0.52, 0.56), "inferior vena cava": (0.42, 0.56)},
       name="the right kidney", bare="right kidney", unsided="the kidney", sided="right", alts=["the kidney", "the organ"],
       avoid=_KIDNEY_AVOID,
       asks=["Which urine-making organ is found on the same side as the liver on this slice? Please segment it.",
             "A patient has colicky pain on the right loin radiating to the groin. Which organ should I check here?",
             "Of the paired organs that filter the blood, which one sits on the patient's right on this slice?",
             "Which bean-shaped, urine-making organ is visible next to the liver here? Please outline it."],
       side_asks=[0, 1, 2],
       named=["Please segment the right kidney.", "Outline the right renal cortex and medulla."],
       why=["Filtering the blood and making urine is exactly what the kidneys do.", "Those clues add up to a kidney."],
       anat=["The kidneys are retroperitoneal, lying against the posterior abdominal wall either side of the spine."],
       know=["An adult kidney is roughly 10-12 cm long.", "Together the two kidneys receive about 20% of the cardiac output."],
       pop=["Simple renal cysts are found in more than a quarter of people over 50.", "Roughly 1 in 500 people has a horseshoe kidney."],
       sidek=["The left renal vein is longer than the right because it has to cross in front of the aorta.",
              "The right adrenal gland sits just above it, behind the inferior vena cava."],
       diff=["the renal pelvis (if the collecting system had been included)", "the duodenum", "the lower edge of the liver"]),
    _p(key="kids_ax", target="kidneys", modality="CT", region="abdomen", ori="LP", plane="axial CT", img="slice",
       ell=[(80, 160, 16, 22), (176, 160, 16, 22)], others={"aorta": (0.52, 0.55), "small bowel loops": (0.50, 0.36)},
       name="the kidneys", bare="kidneys", plural=True, noun=("kidney", "kidneys"), alts=["both kidneys", "the kidneys"],
       avoid=_KIDNEY_AVOID,
       asks=["Which paired organs on this slice filter the blood and produce urine? Please segment both.",
             "The patient's creatinine is rising. Which organs here should I outline?",
             "Which bean-shaped retroperitoneal organs make urine? Mask them on this slice."],
       named=["Segment both kidneys.", "Please outline the renal parenchyma on both sides."],
       why=["Filtering blood and producing urine is the kidneys' job.", "Paired, bean-shaped and urine-producing: the kidneys."],
       anat=["The kidneys are retroperitoneal, one on each side of the spine."],
       know=["Each adult kidney is roughly 10-12 cm long.", "Together they receive about 20% of the cardiac output."],
       pop=["Simple renal cysts are found in more than a quarter of people over 50.", "About 1 in 500 people has a horseshoe kidney, where the two are fused."],
       sidek=["The right kidney usually sits a little lower than the left because of the liver above it.",
              "The left renal vein crosses in front of the aorta."],
       diff=["the renal pelvises (if the collecting systems had been included)", "fluid-filled bowel loops", "the psoas muscles"]),
    _p(key="aorta_ax", target="aorta", modality="CT", region="abdomen", ori="LP", plane="axial CT", img="slice",
       ell=[(131, 150, 10, 10)], jit=1.0,
       others={"inferior vena cava": (0.40, 0.58), "vertebral body": (0.50, 0.71), "left kidney": (0.70, 0.62)},
       name="the aorta", bare="aorta", alts=["the vessel", "the aorta"], avoid=["aorta", "aortic"],
       asks=["Which vessel on this slice carries oxygenated blood from the heart down to the legs? Please segment it.",
             "A 70-year-old smoker has a pulsatile mass in the belly. Which structure on this slice should I look at?",
             "Which large artery gives off the coeliac trunk and the renal arteries? Mask it here."],
       named=["Segment the abdominal aorta.", "Where is the aorta on this slice? Outline it."],
       why=["That's the aorta: the main artery carrying oxygenated blood to the abdomen and legs.",
            "The coeliac trunk, mesenteric and renal arteries all branch from the aorta."],
       anat=["The abdominal aorta normally runs down in front of the spine, often a touch left of the midline."],
       know=["A normal abdominal aorta is under about 3 cm across; above that it's called aneurysmal.",
             "It divides into the common iliac arteries at about the level of L4."],
       pop=["An abdominal aortic aneurysm is present in roughly 4-8% of men over 65 in screening studies."],
       sidek=["The inferior vena cava is its right-sided partner, carrying blood back up to the heart.",
              "The left renal vein passes between the aorta and the superior mesenteric artery."],
       diff=["the inferior vena cava", "a para-aortic lymph node", "the crus of the diaphragm"]),
    _p(key="gb_ax", target="gallbladder", modality="CT", region="abdomen", ori="LP", plane="axial CT", img="slice",
       ell=[(96, 92, 11, 15)], others={"liver": (0.30, 0.44), "stomach": (0.62, 0.38), "right kidney": (0.30, 0.63)},
       name="the gallbladder", bare="gallbladder", alts=["the organ", "the gallbladder"],
       avoid=["gallbladder", "gall bladder", "gall", "cholecyst"],
       asks=["Which structure here stores and concentrates bile between meals? Please outline it.",
             "A patient has pain under the ribs after fatty meals and a positive Murphy's sign. Which organ on this slice is the likely culprit?",
             "Which pear-shaped sac squeezes out bile after a fatty meal? Segment it."],
       named=["Please segment the gallbladder.", "Can you mask the gall bladder on this slice?"],
       why=["Storing and concentrating bile is exactly what the gallbladder does.", "That's the gallbladder's job."],
       anat=["The gallbladder normally hangs in a fossa on the underside of the liver, on the right."],
       know=["It holds about 30-50 mL of bile.", "Its wall is normally under 3 mm thick."],
       pop=["Gallstones affect roughly 10-15% of adults in Western countries.",
            "Around 80% of people with gallstones never develop symptoms."],
       sidek=["The spleen is on the opposite side, in the left upper quadrant.",
              "The duodenum curves around the head of the pancreas just medial to this area."],
       diff=["a duodenal loop filled with fluid", "a hepatic cyst", "a choledochal cyst"]),
    _p(key="livtum_ax", target="liver tumours", modality="CT", region="abdomen", ori="LP", plane="axial CT", img="slice",
       ell=[(78, 100, 8, 7), (100, 130, 6, 6), (70, 140, 7, 8)], rj=0.5,
       others={"stomach": (0.64, 0.38), "aorta": (0.52, 0.58)},
       name="the liver tumours", bare="liver tumours", plural=True, noun=("lesion", "lesions"),
       alts=["the lesions", "the tumours"],
       avoid=_LIVER_ALL + ["tumour", "tumor", "hcc", "carcinoma", "neoplas", "mass", "lesion", "nodul", "metasta", "cancer"],
       asks=["This patient with cirrhosis has a rising alpha-fetoprotein. What should I be looking for on this slice? Please segment it.",
             "There are some focal abnormalities on this contrast CT in a patient with cirrhosis from chronic viral infection. Can you find and outline all of them?",
             "What are the round, arterially enhancing spots on this slice, and can you mark every one?"],
       named=["Segment the liver tumours on this slice.", "Outline every hepatic lesion please."],
       why=["A rising AFP in a cirrhotic patient should make you look hard for tumours in the liver.",
            "Focal enhancing abnormalities inside the liver parenchyma are liver tumours until proven otherwise."],
       anat=["The liver itself fills the right upper quadrant, so tumours inside it usually sit on the patient's right."],
       know=["Hepatocellular carcinoma classically shows arterial enhancement with washout on delayed phases.",
             "Lesions under about 1 cm are often too small to characterise confidently."],
       pop=["Roughly 80-90% of hepatocellular carcinomas arise in a cirrhotic liver.",
            "Haemangiomas are found in up to 20% of people at autopsy."],
       sidek=["The spleen, on the patient's left, is not involved here.",
              "The caudate lobe drains directly into the inferior vena cava."],
       diff=["hepatocellular carcinoma", "metastases", "haemangiomas", "regenerative nodules"]),
    _p(key="kcyst_ax", target="kidney cysts", modality="CT", region="abdomen", ori="LP", plane="axial CT", img="slice",
       ell=[(172, 150, 8, 8), (184, 172, 6, 6), (82, 158, 9, 8)], jit=1.5, rj=0.5, others={"aorta": (0.52, 0.54)},
       name="the kidney cysts", bare="kidney cysts", plural=True, noun=("cyst", "cysts"), alts=["the cysts"],
       avoid=_KIDNEY_AVOID + ["cyst", "polycystic", "bosniak"],
       asks=["There are some round, water-density spots in the paired urine-producing organs on this slice. What are they, and can you segment them all?",
             "What are the well-defined, non-enhancing fluid-filled spots here? Please outline every one."],
       named=["Segment the kidney cysts.", "Please outline all the renal cysts on this slice."],
       why=["Round, water-density, non-enhancing spots in the kidneys are simple cysts.",
            "Fluid density with a thin wall and no enhancement means simple cysts."],
       anat=["The kidneys lie on either side of the spine, against the posterior abdominal wall."],
       know=["A simple cyst measures close to water density, roughly 0-20 HU.",
             "The Bosniak classification grades how worrying a cyst looks."],
       pop=["Simple renal cysts are found in more than a quarter of people over 50.",
            "Bosniak I and II cysts carry essentially no malignant risk."],
       sidek=["The left renal vein crosses in front of the aorta on its way to the inferior vena cava.",
              "The right kidney usually sits a little lower than the left."],
       diff=["simple cortical cysts", "parapelvic cysts", "a cystic renal cell carcinoma (unlikely with no enhancement)"]),
    _p(key="bladder_ax", target="urinary bladder", modality="CT", region="pelvis", ori="LP", plane="axial CT", img="slice",
       ell=[(128, 106, 30, 24)],
       others={"rectum": (0.50, 0.66), "left femoral head": (0.78, 0.50), "right femoral head": (0.22, 0.50)},
       name="the urinary bladder", bare="bladder", alts=["the bladder", "the organ"], avoid=["bladder", "vesic", "cyst"],
       asks=["Which hollow organ in the pelvis stores urine? Please segment it.",
             "A man can't pass urine and has lower abdominal distension. Which structure on this pelvic slice should I look at?",
             "Where's the muscular reservoir that the ureters drain into? Outline it."],
       named=["Segment the urinary bladder.", "Please mask the bladder on this slice."],
       why=["Storing urine is the bladder's job.", "The ureters drain into the bladder."],
       anat=["The bladder sits in the midline of the pelvis, just behind the pubic symphysis."],
       know=["A normal adult bladder holds about 400-600 mL.", "Its wall is made of the detrusor muscle."],
       pop=["Bladder cancer is about three to four times more common in men than in women."],
       sidek=["In women the uterus sits between the bladder and the rectum.",
              "The right ureter runs close to the right external iliac vessels on its way down."],
       diff=["a pelvic cyst", "a fluid-filled bowel loop", "a bladder diverticulum"]),
    _p(key="stomach_ax", target="stomach", modality="CT", region="abdomen", ori="LP", plane="axial CT", img="slice",
       ell=[(162, 88, 28, 20)], others={"liver": (0.30, 0.42), "spleen": (0.77, 0.58), "aorta": (0.52, 0.58)},
       name="the stomach", bare="stomach", alts=["the organ", "the stomach"], avoid=["stomach", "gastr"],
       asks=["Which J-shaped hollow organ here starts protein digestion with acid and pepsin? Please outline it.",
             "A patient has upper abdominal pain and a positive H. pylori breath test. Which organ on this slice is involved?",
             "Which organ makes intrinsic factor? Mask it on this slice."],
       named=["Segment the stomach.", "Please outline the gastric lumen and wall."],
       why=["Acid and pepsin production is the stomach's hallmark.", "Intrinsic factor comes from the parietal cells of the stomach."],
       anat=["The stomach normally lies mostly in the left upper quadrant and epigastrium."],
       know=["It can hold about 1-1.5 L after a meal.", "The parietal cells make both acid and intrinsic factor."],
       pop=["Helicobacter pylori infects roughly half of the world's population."],
       sidek=["The liver lies on the patient's right, the spleen further out on the left.",
              "The pancreas lies behind the stomach, across the back of the lesser sac."],
       diff=["a fluid-filled transverse colon", "a pancreatic pseudocyst", "the left lobe of the liver"]),
    # ---------------- CT axial chest ----------------
    _p(key="nod_ct", target="lung nodules", modality="CT", region="chest", ori="LP", plane="axial chest CT", img="slice",
       ell=[(70, 110, 5, 5), (90, 150, 4, 4), (185, 120, 5, 5)], jit=1.5, rj=0.5,
       name="the lung nodules", bare="lung nodules", plural=True, noun=("nodule", "nodules"), alts=["the nodules"],
       avoid=["nodul", "lung", "pulmon", "lesion", "mass", "cancer"],
       asks=["This is a screening CT in a 62-year-old ex-smoker. Can you find and segment the small round spots in the chest that need follow-up?",
             "Which findings on this slice would the Fleischner guidelines be about? Please segment all of them."],
       named=["Segment the lung nodules.", "Outline every pulmonary nodule on this slice."],
       why=["Small, round, solid opacities in the lung parenchyma are nodules.",
            "Fleischner follow-up rules apply to incidental lung nodules."],
       anat=["The lungs fill both sides of the chest, so nodules can turn up on either side."],
       know=["A nodule is by definition under 3 cm; anything bigger is called a mass.",
             "Solid nodules under 6 mm in low-risk patients usually need no routine follow-up."],
       pop=["In the NLST screening trial about 24% of baseline scans were positive, and roughly 96% of those findings were not cancer."],
       sidek=["The right lung has three lobes and the left has two.",
              "The heart sits slightly to the left, which is why the left lung is a little smaller."],
       diff=["granulomas", "intrapulmonary lymph nodes", "early primary lung cancer", "metastases"]),
    _p(key="rlung_ct", target="right lung", modality="CT", region="chest", ori="LP", plane="axial chest CT", img="slice",
       ell=[(78, 128, 40, 60)], others={"heart": (0.56, 0.42), "left lung": (0.70, 0.50)},
       name="the right lung", bare="right lung", unsided="the lung", sided="right", alts=["the lung", "the organ"],
       avoid=["lung", "pulmon", "pneum"],
       asks=["Which three-lobed organ is visible on this slice? Please segment it.",
             "Which air-filled organ here has an upper, a middle and a lower lobe? Mask it."],
       named=["Segment the right lung.", "Outline the right pulmonary parenchyma please."],
       why=["Only the right lung has three lobes, with a middle lobe between the horizontal and oblique fissures.",
            "Three lobes means the right lung.", "A middle lobe and a horizontal fissure are the giveaways."],
       anat=["The right lung is the one with three lobes; the left has two and a cardiac notch."],
       know=["The right main bronchus is shorter, wider and more vertical than the left.",
             "The horizontal fissure separates the upper and middle lobes."],
       pop=["The right lung carries roughly 55% of total ventilation."],
       sidek=["The heart bulges toward the left, leaving the left lung a little smaller.",
              "Inhaled foreign bodies go into the right main bronchus more often than the left."],
       diff=["a large pleural effusion (if the mask looked dense)", "pneumothorax", "the right hemidiaphragm dome"]),
    _p(key="heart_ct", target="heart", modality="CT", region="chest", ori="LP", plane="axial chest CT", img="slice",
       ell=[(150, 100, 38, 32)],
       others={"descending aorta": (0.58, 0.70), "right lung": (0.28, 0.50), "sternum": (0.50, 0.20)},
       name="the heart", bare="heart", alts=["the organ", "the heart"], avoid=["heart", "cardi", "myocard", "coronar"],
       asks=["Which four-chambered organ is on this chest slice? Please segment it.",
             "A patient has crushing chest pain radiating to the jaw. Which organ on this slice is the one in question?",
             "Which muscular pump, wrapped in its own fibrous sac, is on this chest slice? Outline it here."],
       named=["Segment the heart.", "Please outline the cardiac silhouette on this slice."],
       why=["Four chambers inside the pericardium means the heart.", "That pain pattern points to the heart muscle."],
       anat=["In most people about two-thirds of the heart lies left of the midline."],
       know=["An adult heart weighs roughly 250-350 g.", "The right ventricle is the most anterior chamber."],
       pop=["Dextrocardia occurs in roughly 1 in 12,000 births.",
            "A cardiothoracic ratio above 50% on a PA film suggests cardiomegaly."],
       sidek=["The descending aorta runs down on the left side of the vertebral bodies.",
              "The right atrium receives both venae cavae."],
       diff=["a pericardial effusion", "a mediastinal mass", "a hiatus hernia"]),
    _p(key="eso_ct", target="esophagus", modality="CT", region="chest", ori="LP", plane="axial chest CT", img="slice",
       ell=[(126, 158, 7, 6)], jit=1.5, rj=0.5, others={"descending aorta": (0.58, 0.64), "heart": (0.57, 0.40)},
       name="the oesophagus", bare="oesophagus", alts=["the tube", "the oesophagus"],
       avoid=["esophag", "oesophag", "gullet", "food pipe"],
       asks=["Which muscular tube carries food from the throat to the stomach? Segment it on this slice.",
             "A patient has progressive difficulty swallowing solids. Which structure on this chest slice should I outline?"],
       named=["Segment the esophagus.", "Outline the oesophagus on this slice please."],
       why=["Carrying swallowed food to the stomach is the oesophagus's only job.",
            "Dysphagia to solids sends you straight to the oesophagus."],
       anat=["In the chest the oesophagus runs behind the trachea and the left atrium."],
       know=["It is about 25 cm long in adults.", "Its upper third is skeletal muscle and its lower third smooth muscle."],
       pop=["Barrett's oesophagus is found in roughly 1-2% of adults."],
       sidek=["The descending aorta runs down on the left side of the spine.",
              "The azygos vein arches over the right main bronchus."],
       diff=["a small hiatus hernia", "a lymph node", "the azygos vein"]),
    # ---------------- MR axial head / pelvis ----------------
    _p(key="glioma_mr", target="glioma", modality="MR", region="head", ori="LP", plane="axial MR", img="slice",
       ell=[(172, 96, 22, 18)], others={"lateral ventricles": (0.50, 0.50)},
       name="the glioma", bare="glioma", alts=["the tumour", "the lesion"],
       avoid=["glioma", "gliobl", "tumour", "tumor", "neoplas", "mass", "astrocyt", "lesion", "cancer"],
       asks=["A 55-year-old has new seizures and an infiltrative, ring-enhancing abnormality on this MR. What is it likely to be, and can you segment it?",
             "What is the abnormal area on this post-contrast T1 slice in a patient with headaches and personality change? Please outline it."],
       named=["Segment the glioma.", "Please outline the tumour on this MR slice."],
       why=["An infiltrative, ring-enhancing intra-axial abnormality in an adult is a high-grade glioma until proven otherwise.",
            "That picture fits a glioma."],
       anat=["Gliomas arise from glial cells and can occur anywhere in the cerebral hemispheres."],
       know=["High-grade gliomas typically show ring enhancement around a necrotic core.",
             "Surrounding T2 signal often reflects both oedema and infiltrating tumour."],
       pop=["Glioblastoma accounts for roughly half of malignant primary brain tumours."],
       sidek=["Each hemisphere controls the opposite side of the body, so weakness on one side points to the other hemisphere.",
              "In most right-handed people language sits in the left hemisphere."],
       diff=["glioblastoma", "a solitary metastasis", "lymphoma", "an abscess"]),
    _p(key="mets_mr", target="brain metastases", modality="MR", region="head", ori="LP", plane="axial MR", img="slice",
       ell=[(90, 80, 6, 6), (170, 95, 7, 7), (160, 160, 5, 5), (100, 170, 6, 6)], jit=1.5, rj=0.5,
       name="the brain metastases", bare="brain metastases", plural=True, noun=("metastasis", "metastases"),
       alts=["the metastases", "the lesions"],
       avoid=["metasta", "mets", "secondar", "brain", "cerebr", "lesion", "tumour", "tumor", "deposit"],
       asks=["A woman with known breast cancer now has headaches. What are the enhancing round foci on this head MR? Please segment all of them.",
             "What are the multiple ring-enhancing spots at the grey-white junction on this slice? Mark every one."],
       named=["Segment the brain metastases.", "Outline all the cerebral metastases please."],
       why=["Multiple enhancing foci at the grey-white junction in a patient with cancer are metastases until proven otherwise.",
            "Known primary cancer plus several enhancing spots means metastases."],
       anat=["Metastases favour the grey-white junction, where vessels narrow abruptly."],
       know=["Lung, breast and melanoma are the commonest primaries.", "Contrast-enhanced MR finds far more of them than CT."],
       pop=["Brain metastases develop in roughly 20-40% of adults with cancer."],
       sidek=["Each hemisphere controls the opposite side of the body.",
              "In most right-handed people language sits in the left hemisphere."],
       diff=["metastases", "septic emboli", "multiple abscesses", "demyelination"]),
    _p(key="wml_mr", target="white matter lesions", modality="MR", region="head", ori="LP", plane="axial FLAIR MR", img="slice",
       ell=[(105, 105, 5, 4), (150, 100, 6, 4), (110, 150, 4, 5), (155, 148, 5, 5), (140, 125, 3, 3)], jit=1.0, rj=0.4,
       name="the white matter lesions", bare="white matter lesions", plural=True, noun=("lesion", "lesions"),
       alts=["the lesions", "the plaques"],
       avoid=["white matter", "lesion", "plaque", "hyperintens", "demyelinat"],
       asks=["A 30-year-old had optic neuritis last year and now has numbness. What are the bright ovoid spots around the ventricles on this FLAIR slice? Please segment them.",
             "Which abnormalities on this FLAIR image would support a diagnosis of MS? Outline all of them."],
       named=["Segment the white matter lesions.", "Outline the demyelinating plaques please."],
       why=["Ovoid periventricular spots on FLAIR in a young adult are typical demyelinating white matter lesions.",
            "That story is classic for multiple sclerosis plaques."],
       anat=["MS plaques like to sit perpendicular to the ventricles, the so-called Dawson's fingers."],
       know=["The McDonald criteria use lesions in space and time.", "Juxtacortical and infratentorial sites also count toward dissemination in space."],
       pop=["More than 90% of people with MS have visible brain lesions on MRI at diagnosis."],
       sidek=["The optic nerves cross partly at the chiasm, so a right optic neuritis affects only the right eye.",
              "Each hemisphere controls the opposite side of the body."],
       diff=["multiple sclerosis plaques", "small vessel ischaemic change", "migraine-related foci"]),
    _p(key="rhip_mr", target="right hippocampus", modality="MR", region="head", ori="LP", plane="axial MR", img="slice",
       ell=[(96, 136, 9, 16)], jit=1.5, others={"brainstem": (0.50, 0.55)},
       name="the right hippocampus", bare="right hippocampus", unsided="the hippocampus", sided="right",
       alts=["the hippocampus", "the structure"], avoid=["hippocamp", "ammon", "mesial temporal"],
       asks=["Which curved grey-matter structure in the medial temporal lobe is key for forming new memories? Please segment the one on the patient's right.",
             "In temporal lobe epilepsy, which memory structure is often sclerotic? Outline the right-sided one on this slice."],
       side_asks=[0, 1],
       named=["Segment the right hippocampus.", "Outline the right hippocampal formation."],
       why=["Forming new declarative memories is the hippocampus's signature role.", "That's the hippocampus."],
       anat=["Each hippocampus lies in the medial temporal lobe, along the floor of the temporal horn."],
       know=["Hippocampal sclerosis shows as volume loss and high T2 signal.", "It is one of the first regions to shrink in Alzheimer's disease."],
       pop=["Hippocampal sclerosis is found in roughly 60-70% of temporal lobe epilepsy surgical specimens."],
       sidek=["The left hippocampus is often slightly smaller than the right in healthy adults.",
              "The brainstem sits between the two temporal lobes."],
       diff=["the amygdala (just in front of it)", "the temporal horn", "the parahippocampal gyrus"]),
    _p(key="prost_mr", target="prostate", modality="MR", region="pelvis", ori="LP", plane="axial T2 MR", img="slice",
       ell=[(128, 132, 18, 15)], others={"rectum": (0.50, 0.68), "pubic symphysis": (0.50, 0.30)},
       name="the prostate", bare="prostate", alts=["the gland", "the prostate"], avoid=["prostat", "bph"],
       asks=["A 68-year-old man has a PSA of 9 and nocturia. Which gland on this slice should I look at? Segment it.",
             "Which walnut-sized gland surrounds the male urethra just below the bladder? Please outline it."],
       named=["Segment the prostate.", "Please mask the prostate gland."],
       why=["A raised PSA with urinary symptoms points to the prostate.", "That's the prostate."],
       anat=["The prostate sits in the midline, below the bladder and in front of the rectum."],
       know=["A normal prostate is about the size of a walnut, roughly 20-25 mL.",
             "Most cancers arise in the peripheral zone."],
       pop=["Benign prostatic hyperplasia affects about half of men by 60 and around 90% by their 80s."],
       sidek=["The seminal vesicles sit above and behind it, one on each side.",
              "The neurovascular bundles run posterolaterally on both sides."],
       diff=["benign prostatic hyperplasia", "prostate cancer", "prostatitis"]),
    # ---------------- coronal ----------------
    _p(key="liver_cor", target="liver", modality="CT", region="abdomen", ori="LI", plane="coronal CT", img="image",
       ell=[(86, 96, 48, 40)], others={"right kidney": (0.32, 0.62), "spleen": (0.76, 0.40)},
       name="the liver", bare="liver", alts=["the organ", "the liver"], avoid=_LIVER_ALL,
       asks=["On this coronal CT, which organ makes bile and clotting factors? Please segment it.",
             "A patient with jaundice: which organ on this coronal image should I outline first?"],
       named=["Segment the liver on this coronal image.", "Outline the hepatic parenchyma."],
       why=["Bile and clotting factors both come from the liver.", "Jaundice sends you to the liver first."],
       anat=["The liver sits high in the right upper quadrant, right under the diaphragm."],
       know=["It gets roughly 75% of its blood from the portal vein.", "An adult liver weighs around 1.5 kg."],
       pop=["Non-alcoholic fatty liver disease affects roughly 25% of adults worldwide."],
       sidek=["The spleen sits on the opposite side, under the left hemidiaphragm.",
              "The right hemidiaphragm usually sits a little higher than the left."],
       diff=["hepatomegaly", "Riedel's lobe", "fatty infiltration"]),
    _p(key="kids_cor", target="kidneys", modality="MR", region="abdomen", ori="LI", plane="coronal MR", img="image",
       ell=[(84, 150, 14, 26), (172, 146, 14, 26)], others={"diaphragm": (0.50, 0.25)},
       name="the kidneys", bare="kidneys", plural=True, noun=("kidney", "kidneys"), alts=["both kidneys", "the kidneys"],
       avoid=_KIDNEY_AVOID,
       asks=["On this coronal MR, which paired organs make urine? Please segment both.",
             "Which organs filter the blood and make urine on this coronal image? Outline both."],
       named=["Segment both kidneys on this coronal MR.", "Outline the renal parenchyma bilaterally."],
       why=["Making urine is the kidneys' job.", "Paired urine-producing organs: the kidneys."],
       anat=["The kidneys lie either side of the spine, roughly from T12 to L3."],
       know=["Each adult kidney is roughly 10-12 cm long.", "Together they receive about 20% of the cardiac output."],
       pop=["About 1 in 500 people has a horseshoe kidney."],
       sidek=["The right kidney usually sits a little lower than the left because of the liver.",
              "The adrenal glands sit on top of each kidney."],
       diff=["the psoas muscles", "fluid-filled bowel", "the adrenal glands"]),
    _p(key="spleen_cor", target="spleen", modality="CT", region="abdomen", ori="LI", plane="coronal CT", img="image",
       ell=[(186, 92, 22, 30)], others={"left kidney": (0.70, 0.60), "liver": (0.33, 0.38)},
       name="the spleen", bare="spleen", alts=["the organ", "the spleen"], avoid=["spleen", "splen", "lienal"],
       asks=["On this coronal CT, which organ filters old red blood cells? Please segment it.",
             "Which organ here gets big in portal hypertension and in glandular fever? Outline it."],
       named=["Segment the spleen on this coronal CT.", "Outline the splenic parenchyma."],
       why=["Filtering old red cells is the spleen's job.", "Portal hypertension and glandular fever both enlarge the spleen."],
       anat=["The spleen normally sits under the left hemidiaphragm, against the ninth to eleventh ribs."],
       know=["A normal spleen is about 11-12 cm long.", "It weighs roughly 150 g in adults."],
       pop=["Accessory spleens are found in roughly 10-15% of people on CT."],
       sidek=["The liver fills the opposite upper quadrant.", "The right hemidiaphragm usually sits higher than the left."],
       diff=["an accessory spleen", "the upper pole of the kidney", "a gastric fundus full of fluid"]),
    # ---------------- chest X-ray ----------------
    _p(key="llung_xr", target="left lung", modality="XR", region="chest", ori="LI", plane="PA chest X-ray", img="film",
       ell=[(180, 118, 40, 72)], others={"heart": (0.58, 0.62), "right lung": (0.30, 0.46)},
       name="the left lung", bare="left lung", unsided="the lung", sided="left", alts=["the lung", "the organ"],
       avoid=["lung", "pulmon", "pneum"],
       asks=["Which two-lobed organ with a cardiac notch is on this chest film? Please segment it.",
             "Which air-filled organ has a lingula? Mask it on this film."],
       named=["Segment the left lung.", "Please outline the left lung field."],
       why=["The lingula and the cardiac notch belong to the left lung.", "Two lobes plus a cardiac notch means the left lung.",
            "The lingula and the cardiac notch are the giveaways."],
       anat=["The left lung is the one with two lobes, a lingula and a cardiac notch."],
       know=["The lingula is part of the left upper lobe.", "The left main bronchus is longer and more horizontal than the right."],
       pop=["The left lung carries roughly 45% of total ventilation."],
       sidek=["The right hemidiaphragm usually sits a little higher than the left, because of the liver below it.",
              "The aortic knob forms a bump on the left upper mediastinal border."],
       diff=["a left pleural effusion", "left lower lobe collapse", "pneumothorax"]),
    _p(key="lungs_xr", target="lungs", modality="XR", region="chest", ori="LI", plane="PA chest X-ray", img="film",
       ell=[(78, 118, 40, 72), (180, 118, 38, 70)], others={"diaphragm": (0.50, 0.82)},
       name="the lungs", bare="lungs", plural=True, noun=("lung", "lungs"), alts=["both lungs", "the lungs"],
       avoid=["lung", "pulmon", "pneum"],
       asks=["Which paired air-filled organs handle gas exchange on this chest film? Please segment both.",
             "Which organs would you check for hyperinflation on this film? Outline them."],
       named=["Segment both lungs.", "Outline the lung fields."],
       why=["Gas exchange happens in the lungs.", "Hyperinflation is judged on the lung fields."],
       anat=["The lungs fill both hemithoraces on either side of the mediastinum."],
       know=["The right lung has three lobes, the left two.", "Alveolar surface area is roughly 70 square metres."],
       pop=["The right lung carries roughly 55% of total ventilation."],
       sidek=["The right hemidiaphragm usually sits a little higher than the left.",
              "The heart takes up more room on the left."],
       diff=["pleural effusions", "pneumothorax", "consolidation"]),
    _p(key="heart_xr", target="heart", modality="XR", region="chest", ori="LI", plane="PA chest X-ray", img="film",
       ell=[(148, 158, 40, 30)], others={"trachea": (0.50, 0.22), "left hemidiaphragm": (0.70, 0.80)},
       name="the heart", bare="heart", alts=["the cardiac silhouette", "the heart"], avoid=["heart", "cardi", "myocard", "coronar"],
       asks=["Which muscular pump casts the soft-tissue silhouette on this chest film? Please segment it.",
             "The report mentions an enlarged silhouette. Which organ is that about? Outline it on this film."],
       named=["Segment the heart.", "Outline the cardiac silhouette please."],
       why=["That soft-tissue silhouette is the heart.", "That's the heart."],
       anat=["In most people about two-thirds of the heart lies left of the midline."],
       know=["The right heart border is formed by the right atrium.", "The left heart border is mostly the left ventricle."],
       pop=["A cardiothoracic ratio above 50% on a PA film suggests cardiomegaly.",
            "Dextrocardia occurs in roughly 1 in 12,000 births."],
       sidek=["The aortic knob projects on the left upper mediastinal border.",
              "The right hemidiaphragm usually sits a little higher than the left."],
       diff=["a pericardial effusion", "cardiomegaly", "a large anterior mediastinal mass"]),
    _p(key="ptx_xr", target="pneumothorax", modality="XR", region="chest", ori="LI", plane="PA chest X-ray", img="film",
       ell=[(58, 82, 14, 40)], others={"right lung": (0.32, 0.48)},
       name="the pneumothorax", bare="pneumothorax", alts=["the air collection", "the pneumothorax"],
       avoid=["pneumothora", "ptx", "collapsed lung"],
       asks=["A tall, thin 22-year-old has sudden pleuritic chest pain and breathlessness. What's the abnormality on this film? Please segment it.",
             "There's a dark area with no lung markings beyond a thin white line on this film. What is it, and can you outline it?"],
       named=["Segment the pneumothorax.", "Outline the pneumothorax please."],
       why=["Absent lung markings beyond a visceral pleural line mean air in the pleural space.",
            "That story is classic for a primary spontaneous pneumothorax."],
       anat=["Air in the pleural space collects at the apex on an upright film."],
       know=["A visible rim of 2 cm or more at the hilum roughly corresponds to a 50% pneumothorax by volume.",
             "Tension physiology is a clinical diagnosis, not a radiological one."],
       pop=["Primary spontaneous pneumothorax recurs in roughly 30% of patients."],
       sidek=["On a supine film air collects anteriorly and inferiorly instead, giving the deep sulcus sign.",
              "The trachea shifts away from the affected side in tension."],
       diff=["a skin fold", "a bulla", "the medial border of the scapula"]),
    _p(key="nod_xr", target="lung nodules", modality="XR", region="chest", ori="LI", plane="PA chest X-ray", img="film",
       ell=[(176, 106, 6, 6), (190, 142, 5, 5)], jit=1.5, rj=0.5, others={},
       name="the lung nodules", bare="lung nodules", plural=True, noun=("nodule", "nodules"), alts=["the nodules"],
       avoid=["nodul", "lung", "pulmon", "lesion", "mass", "cancer"],
       asks=["Are there any small round opacities on this chest film that would need a CT? Please segment them.",
             "What are the coin-shaped densities on this film? Mark all of them."],
       named=["Segment the lung nodules.", "Outline the pulmonary nodules on this film."],
       why=["Small round opacities in the lung fields are nodules.", "Coin-shaped densities are nodules."],
       anat=["Nodules can sit anywhere in the lung fields."],
       know=["Under about 1 cm, nodules are easy to miss on a plain film.", "Calcified nodules are usually old granulomas."],
       pop=["Plain films miss a substantial share of nodules later seen on CT, in some series around 20% or more."],
       sidek=["The right lung has three lobes, the left two.", "The left hilum usually sits a little higher than the right."],
       diff=["granulomas", "nipple shadows", "primary lung cancer", "metastases"]),
    _p(key="clav_xr", target="clavicles", modality="XR", region="chest", ori="LI", plane="PA chest X-ray", img="film",
       ell=[(80, 40, 40, 6), (176, 40, 40, 6)], rj=0.5, others={"trachea": (0.50, 0.25)},
       name="the clavicles", bare="clavicles", plural=True, noun=("clavicle", "clavicles"), alts=["both clavicles", "the clavicles"],
       avoid=["clavic", "collarbone", "collar bone"],
       asks=["Which paired S-shaped bones connect the shoulders to the sternum on this film? Please segment both.",
             "Which bones would you use to check whether this PA film is rotated? Outline them."],
       named=["Segment the clavicles.", "Outline both collarbones."],
       why=["The S-shaped bones between the sternum and the shoulders are the clavicles.",
            "Rotation is judged by the medial clavicular heads against the spinous processes."],
       anat=["The clavicles run across the top of the chest from the sternum to the acromion."],
       know=["The clavicle is the first bone to start ossifying in the fetus.", "The middle third is where a clavicle usually breaks."],
       pop=["Clavicle fractures account for roughly 10% of fractures in children."],
       sidek=["The sternoclavicular joints are at the midline; the acromioclavicular joints are out laterally.",
              "The aortic knob sits just below the level of the left clavicle."],
       diff=["the first ribs", "the scapular spines", "skin folds"]),
    _p(key="trach_xr", target="trachea", modality="XR", region="chest", ori="LI", plane="PA chest X-ray", img="film",
       ell=[(128, 64, 8, 36)], rj=0.5, others={"heart": (0.58, 0.62), "aortic knob": (0.60, 0.33)},
       name="the trachea", bare="trachea", alts=["the airway", "the trachea"], avoid=["trache", "windpipe", "airway"],
       asks=["Which air-filled tube runs from the larynx to the carina on this film? Please segment it.",
             "Which structure would you check for deviation in a suspected tension pneumothorax? Outline it."],
       named=["Segment the trachea.", "Outline the tracheal air column."],
       why=["The air column from the larynx to the carina is the trachea.", "Tracheal deviation is the classic sign to check."],
       anat=["The trachea normally runs down the midline of the neck and upper chest."],
       know=["It is about 10-12 cm long with 16-20 C-shaped cartilage rings.", "It splits at the carina, near T4-T5."],
       pop=["A mild rightward bowing at the level of the aortic arch is seen in most normal adults."],
       sidek=["The right main bronchus is wider, shorter and more vertical than the left, so inhaled objects tend to go right.",
              "The aortic knob sits on the left of the upper mediastinum."],
       diff=["the oesophagus if it contained air", "the larynx", "the main bronchi"]),
    # ---------------- photos ----------------
    _p(key="polyp_endo", target="polyp", modality="endoscopy", region="colon", ori=None, plane="colonoscopy frame", img="frame",
       ell=[(142, 164, 30, 24)],
       name="the polyp", bare="polyp", alts=["the growth", "the polyp"], avoid=["polyp", "adenoma"],
       asks=["This is a frame from a screening colonoscopy. Which raised growth here might need removing? Please segment it.",
             "What's the raised mucosal bump on this frame that the endoscopist would snare? Outline it."],
       named=["Segment the polyp.", "Outline the polypoid lesion please."],
       why=["A raised mucosal growth on screening colonoscopy is a polyp.", "That's a polyp."],
       anat=["Polyps can arise anywhere in the colon."],
       know=["Polyps over 10 mm carry a higher risk of advanced histology.", "The Paris classification describes their shape."],
       pop=["Adenomas are found in roughly 25-30% of average-risk adults over 50 at screening colonoscopy."],
       sidek=["The sigmoid colon sits on the left of the pelvis, the caecum in the right iliac fossa."],
       diff=["an adenomatous polyp", "a hyperplastic polyp", "a prominent fold"]),
    _p(key="mel_derm", target="melanoma", modality="dermoscopy", region="skin", ori=None, plane="dermoscopy image", img="image",
       ell=[(128, 124, 62, 52)], jit=3.0,
       name="the melanoma", bare="melanoma", alts=["the lesion", "the melanoma"],
       avoid=["melanom", "lesion", "naev", "nevu", "nevi", "mole", "tumour", "tumor", "cancer"],
       asks=["This dermoscopy image shows an asymmetric, multicoloured pigmented spot with an irregular border. What's the worrying diagnosis, and can you segment it?",
             "Which diagnosis does the ugly duckling sign on this dermoscopic image suggest? Please outline the pigmented area."],
       named=["Segment the melanoma.", "Outline the melanocytic lesion please."],
       why=["Asymmetry, border irregularity and colour variegation are warning signs for melanoma.", "That points to melanoma."],
       anat=["Melanomas arise from melanocytes in the basal layer of the epidermis."],
       know=["Breslow thickness is the key prognostic measure.", "Diameters over 6 mm are one of the ABCDE warning signs."],
       pop=["About 70% of melanomas arise on previously normal skin rather than from an existing mole."],
       sidek=["In men melanomas are commonest on the back; in women on the lower legs."],
       diff=["a dysplastic naevus", "seborrhoeic keratosis", "pigmented basal cell carcinoma"]),
    _p(key="disc_fundus", target="optic disc", modality="other", region="eye", ori=None, plane="fundus photograph", img="image",
       ell=[(182, 120, 17, 17)],
       name="the optic disc", bare="optic disc", alts=["the disc", "the optic disc"],
       avoid=["optic disc", "optic disk", "optic nerve head", "papill", "disc", "disk"],
       asks=["On this fundus photo, where do the retinal vessels enter and leave the eye? Please segment that spot.",
             "Which structure on this fundus image would you assess for cupping in glaucoma? Outline it."],
       named=["Segment the optic disc.", "Outline the optic nerve head."],
       why=["The retinal vessels enter and leave at the optic disc.", "Cupping is judged at the optic disc."],
       anat=["The optic disc lies nasal to the fovea."],
       know=["It is about 1.5-1.8 mm across.", "It has no photoreceptors, which creates the physiological blind spot."],
       pop=["A cup-to-disc ratio above about 0.6 raises suspicion for glaucoma."],
       sidek=["The fovea lies temporal to the disc, about 2.5 disc diameters away."],
       diff=["peripapillary atrophy", "a myelinated nerve fibre patch", "drusen"]),
    _p(key="nuclei_micro", target="cell nuclei", modality="microscopy", region="tissue", ori=None, plane="H&E tile", img="tile",
       ell=[(50, 60, 9, 9), (110, 50, 8, 8), (190, 70, 10, 9), (70, 180, 9, 10), (150, 170, 8, 8), (210, 200, 9, 8)],
       jit=1.5, rj=0.5,
       name="the cell nuclei", bare="cell nuclei", plural=True, noun=("nucleus", "nuclei"), alts=["the nuclei"],
       avoid=["nucle", "chromatin"],
       asks=["On this H&E tile, which dark purple, DNA-containing structures inside the cells should I segment? Please mask all of them.",
             "Which haematoxylin-stained structures hold the cells' genetic material on this tile? Outline every one."],
       named=["Segment the cell nuclei.", "Outline all nuclei on this tile."],
       why=["Haematoxylin stains DNA-rich structures purple: the nuclei.", "Those are the nuclei."],
       anat=["Most cells have one nucleus; some, like hepatocytes, can have two."],
       know=["Nuclear pleomorphism is part of tumour grading.", "Mitotic figures are counted per high-power field."],
       pop=["In many mammalian cells the nucleus takes up roughly 10% of the cell volume."],
       sidek=[],
       diff=["apoptotic bodies", "overlapping cells", "stain debris"]),
]

PHOTO_KEYS = {p["key"] for p in PROFILES if p["ori"] is None}
MULTI_KEYS = {"kids_ax", "kids_cor", "livtum_ax", "kcyst_ax", "nod_ct", "mets_mr", "wml_mr", "lungs_xr", "nod_xr",
              "clav_xr", "nuclei_micro"}
LESION_KEYS = {"livtum_ax", "kcyst_ax", "nod_ct", "mets_mr", "wml_mr", "nod_xr", "nuclei_micro"}


def pick_profile(profiles, i, defect, rng):
    """No photo for a side defect (a photo has no patient side); count defects lean to multi-part targets."""
    pool = profiles
    if defect == "laterality":
        pool = [p for p in profiles if p["ori"] is not None]
    elif defect == "count" and rng.random() < 0.6:
        pool = [p for p in profiles if p["key"] in MULTI_KEYS]
    return rng.choice(pool)


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["ori"]}


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    m = np.zeros((256, 256), bool)
    for cx, cy, rx, ry in p["ell"]:
        cx += rng.uniform(-p["jit"], p["jit"])
        cy += rng.uniform(-p["jit"], p["jit"])
        rx += rng.uniform(-p["rj"], p["rj"])
        ry += rng.uniform(-p["rj"], p["rj"])
        m |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    return compute_facts(m, p["ori"], dict(p["others"])).model_dump(mode="json")


# ---------------------------------------------------------------------------------------------------------
# words
# ---------------------------------------------------------------------------------------------------------

NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
        10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen",
        17: "seventeen", 18: "eighteen", 19: "nineteen", 20: "twenty", 25: "twenty-five", 30: "thirty"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior", "superior": "inferior",
       "inferior": "superior", "upper": "lower", "lower": "upper",
       "left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
       "superior_to": "inferior_to", "inferior_to": "superior_to"}
VERBS = {"is": ("is", "are"), "sits": ("sits", "sit"), "lies": ("lies", "lie"), "appears": ("appears", "appear"),
         "has": ("has", "have"), "takes": ("takes", "take"), "covers": ("covers", "cover"),
         "occupies": ("occupies", "occupy"), "consists": ("consists", "consist"), "looks": ("looks", "look"),
         "shows": ("shows", "show"), "does": ("does", "do"), "was": ("was", "were"), "fills": ("fills", "fill"),
         "projects": ("projects", "project"), "lands": ("lands", "land"), "accounts": ("accounts", "account"),
         "it": ("it", "they"), "It": ("It", "They"), "itis": ("it is", "they are"), "Itis": ("It is", "They are"),
         "its": ("its", "their"), "itobj": ("it", "them"), "itsc": ("it's", "they're"), "Itsc": ("It's", "They're"), "this": ("this", "these")}


def cap(s):
    return s[:1].upper() + s[1:]


def fmt(t, subj, **kw):
    text, plural = subj
    d = {k: v[1 if plural else 0] for k, v in VERBS.items()}
    d.update(S=cap(text), s=text, o={"they": "them"}.get(text, text))
    d.update(kw)
    return t.format(**d)


def pct_str(x, words=False, tilde=False):
    """A percent as written; returns (text, value as stated)."""
    if x >= 10:
        v = float(round(x))
        if words and int(v) in NUMW:
            return f"{NUMW[int(v)]} percent", v
        return (f"~{int(v)}%" if tilde else f"{int(v)}%"), v
    if words and x >= 1.5 and abs(round(x) - x) / x < 0.12 and int(round(x)) in NUMW:
        v = float(round(x))
        return f"{NUMW[int(v)]} percent", v
    v = round(x, 1)
    if v == 0 or abs(v - x) / x > 0.12:
        v = round(x, 2)
    s = f"{v:g}"
    return (f"~{s}%" if tilde else f"{s}%"), v


# ---------------------------------------------------------------------------------------------------------
# the writer
# ---------------------------------------------------------------------------------------------------------

class Writer:
    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.ori = p["ori"]
        self.turns = []          # list of lists of (sep, text, entries)
        self.plural = p["plural"]
        self.lat = facts["laterality"]
        self.vert = facts["vertical"]
        self.cls = facts["size_class"]
        self.pct = 100.0 * facts["area_fraction"]
        self.n = facts["components"]
        self.rels = [(r["other"], r["relation"]) for r in facts["relations"]]
        self.stated = set()      # topics already stated by the assistant
        self.premise_topic = None
        self.body = "head" if p["region"] == "head" else "body"

    # ---- small helpers
    def ch(self, seq):
        return self.rng.choice(seq)

    def add(self, sep, text, entries=()):
        entries = list(entries)
        if self.p["sided"] and not any(e.get("t") in ("bg", "q1") for e in entries) \
                and not any(e.get("via") == "name" for e in entries):
            entries += self.name_entries(text)
        self.turns[-1].append((sep, text, entries))

    def new_turn(self):
        self.turns.append([])

    def subj(self, kind=None):
        """A subject: pronoun, the name, or the mask; returns (text, plural)."""
        r = self.rng.random() if kind is None else {"pron": 0.0, "name": 0.5, "mask": 0.9}[kind]
        if r < 0.3:
            return ("they" if self.plural else "it"), self.plural
        if r < 0.75:
            return self.ch([self.p["name"] if not self.hide_side_name() else self.p.get("unsided", self.p["name"])]
                           + self.p["alts"]), self.plural
        return self.ch(["the mask", "the segmented region", "the highlighted area", "the segmentation"]), False

    def hide_side_name(self):
        return self.p["sided"] is not None and self.defect == "laterality"

    def display_name(self):
        if self.hide_side_name():
            return self.p["unsided"]
        return self.p["name"]

    def name_entries(self, text):
        """A sided name ("the left kidney") is itself a side claim."""
        if self.p["sided"] and self.p["bare"] in text.lower():
            return [{"t": "side", "frame": "patient", "v": self.p["sided"], "via": "name"}]
        return []

    def why(self):
        pool = self.p["why"]
        if self.hide_side_name():
            pool = [w for w in pool if "left" not in w.lower() and "right" not in w.lower()]
        return self.ch(pool)

    def img(self):
        return self.p["img"]

    def words(self):
        return self.style == "llama_verbose" and self.rng.random() < 0.5

    def num(self, k, words=None):
        words = self.words() if words is None else words
        return NUMW[k] if words and k in NUMW else str(k)

    def noun(self, k):
        return self.p["noun"][0 if k == 1 else 1]

    # ---- value phrases
    def img_side_of(self, v):
        return {"left": "right", "right": "left"}[v]  # LP and LI: the patient's left is on the image's right

    def side_phrase(self, v):
        if v in ("left", "right"):
            return self.ch([f"on the patient's {v}", f"on the {v} side of the body", f"in the patient's {v} half",
                            f"on the patient's {v}-hand side", f"on the {v} side of the patient"])
        if v == "midline":
            return self.ch(["in the midline", "right on the midline", "centred on the midline", "along the midline"])
        return self.ch(["on both sides of the body", "on both the patient's left and right", "bilaterally"])

    def vert_phrase(self, v):
        o = self.ori
        if o == "LP":
            b = self.body
            return self.ch({"anterior": [f"toward the front of the {b}", "anteriorly", f"in the anterior part of the {b}",
                                         f"in the front half of the {b}"] + (["ventrally"] if b == "body" else []),
                            "posterior": ["toward the back", "posteriorly", f"in the posterior half of the {b}",
                                          f"toward the back of the {b}"] + (["dorsally"] if b == "body" else []),
                            "central": ["about midway between front and back", f"in the middle of the {b} front-to-back",
                                        "centrally in the anteroposterior direction"]}[v])
        if o == "LI":
            return self.ch({"superior": ["in the upper part of the image", "superiorly", "toward the head end",
                                         "high in the field"],
                            "inferior": ["in the lower part of the image", "inferiorly", "toward the feet",
                                         "low in the field"],
                            "central": ["at about mid-height", "roughly halfway up the image",
                                        "in the middle of the image top-to-bottom"]}[v])
        return self.ch({"upper": ["in the upper half of the frame", "toward the top of the image",
                                  "in the top part of the picture"],
                        "lower": ["in the lower half of the frame", "toward the bottom of the image",
                                  "in the bottom part of the picture"],
                        "central": ["near the centre of the frame", "roughly in the middle of the picture",
                                    "centrally in the image"]}[v])

    def vert_terse(self, v):
        o = self.ori
        if o == "LP":
            return {"anterior": self.ch(["Anterior.", "Ant.", "Anterior half."]),
                    "posterior": self.ch(["Posterior.", "Post.", "Posterior half."]),
                    "central": self.ch(["Central AP.", "Mid AP."])}[v]
        if o == "LI":
            return {"superior": self.ch(["Superior.", "Sup.", "Upper field."]),
                    "inferior": self.ch(["Inferior.", "Inf.", "Lower field."]),
                    "central": self.ch(["Mid-height.", "Central craniocaudal."])}[v]
        return {"upper": "Upper frame.", "lower": "Lower frame.", "central": self.ch(["Central frame.", "Mid-frame."])}[v]

    def cls_word(self, c):
        return self.ch({"small": ["small", "fairly small", "quite small"],
                        "medium": ["medium-sized", "moderate in size", "mid-sized", "intermediate in size"],
                        "large": ["large", "big", "quite large"]}[c])

    def rel_phrase(self, other, r, terse=False):
        o = other if terse else "the " + other
        if terse:
            return {"left_of": f"Lt of {o}", "right_of": f"Rt of {o}", "anterior_to": f"ant to {o}",
                    "posterior_to": f"post to {o}", "superior_to": f"above {o}", "inferior_to": f"below {o}"}[r]
        return self.ch({"left_of": [f"to the patient's left of {o}", f"on the patient's left relative to {o}"],
                        "right_of": [f"to the patient's right of {o}", f"on the patient's right relative to {o}"],
                        "anterior_to": [f"in front of {o}", f"anterior to {o}"],
                        "posterior_to": [f"behind {o}", f"posterior to {o}"],
                        "superior_to": [f"above {o}", f"superior to {o}"],
                        "inferior_to": [f"below {o}", f"inferior to {o}"]}[r])

    # ---- claims (each returns (text, entries)); `v` may be false in a defect piece
    def side_claim(self, v, mirror=None):
        st, s = self.style, self.subj()
        E = [{"t": "side", "frame": "patient", "v": v}]
        lateral_true = self.lat in ("left", "right")
        if mirror is None:
            mirror = lateral_true and v in ("left", "right") and self.rng.random() < 0.4
        if mirror:
            img = self.img_side_of(self.lat)  # the true image side
            Ei = [{"t": "side", "frame": "image", "v": img}] + E
            if v == img:  # the mirror slip: the image side taken as the patient's side
                if st == "terse_radiologist":
                    t = self.ch([f"Img {img} = pt {v}.", f"{cap(img)} of image, so {v}-sided."])
                else:
                    t = fmt(self.ch([
                        "{S} {shows} up on the {img} side of the image, so {itis} on the patient's {v}.",
                        "Since {s} {appears} on the {img} of the screen, {itsc} on the patient's {v} side.",
                        "{S} {is} on the {img} side of the picture, which means the patient's {v}.",
                        "Looking at the image, {s} {lies} on the {img}, i.e. on the patient's {v}."]), s, img=img, v=v)
                return t, Ei
            conv = {"LP": "because axial images are viewed from the feet",
                    "LI": "because the image is displayed as if you are facing the patient"}[self.ori]
            if st == "terse_radiologist":
                t = self.ch([f"Img {img} = pt {v}.", f"{cap(img)} of image = pt {v}."])
            elif st == "gpt_helpful":
                t = fmt(self.ch(["{S} {shows} up on the {img} side of the image, which is actually the patient's {v} "
                                 "(images are displayed as if you're facing the patient).",
                                 "It might look like the {img} on screen, but that's the patient's {v} side!"]),
                        s, img=img, v=v)
            elif st == "claude_careful":
                t = fmt("On the screen {s} {appears} on the {img}, but {conv}, that corresponds to the patient's {v}.",
                        s, img=img, v=v, conv=conv)
            else:
                t = fmt("It is important to note that {s} {appears} on the {img} side of the image; however, by "
                        "radiological convention this corresponds to the patient's {v} side.", s, img=img, v=v)
            return t, Ei
        if st == "terse_radiologist":
            t = {"left": self.ch(["Lt.", "Left.", "Pt left.", "Left side."]),
                 "right": self.ch(["Rt.", "Right.", "Pt right.", "Right side."]),
                 "midline": self.ch(["Midline.", "Midline, no lateral shift."]),
                 "bilateral": self.ch(["Bilat.", "Bilateral.", "Both sides."])}[v]
            return t, E
        if v in ("left", "right"):
            if self.lat == "bilateral" and st != "gpt_helpful":
                t = fmt(self.ch(["{S} {is} confined to the patient's {v} side.",
                                 "The segmented tissue is all on the patient's {v}."]), s, v=v)
                return t, E
            pool = {"gpt_helpful": ["{S} {is} on the patient's {v} side.", "You'll find {s} {ph}.",
                                    "{S} {sits} {ph}.", "{Itsc} {v}-sided."],
                    "claude_careful": ["{S} {lies} {ph}.", "Judging from the mask, {s} {is} {ph}.",
                                       "In patient terms, {s} {is} {v}-sided.", "As far as I can tell, {s} {sits} {ph}."],
                    "llama_verbose": ["{S} {is} located {ph}.", "{S} {is} situated on the {v} side of the patient's body.",
                                      "With regard to laterality, {s} {is} clearly {v}-sided."]}[st]
            return fmt(self.ch(pool), s, v=v, ph=self.side_phrase(v)), E
        if v == "midline":
            pool = {"gpt_helpful": ["{S} {sits} right in the midline.", "{S} {is} centred on the midline of the body.",
                                    "{Itsc} a midline structure."],
                    "claude_careful": ["{S} {is} essentially midline; I don't see a meaningful lean to either side.",
                                       "In patient terms, {s} {lies} in the midline.",
                                       "{S} {appears} to sit on the midline rather than off to one side."],
                    "llama_verbose": ["{S} {is} located in the midline of the body.",
                                      "With regard to laterality, {s} {is} a midline structure, positioned centrally between the left and right sides."]}[st]
            return fmt(self.ch(pool), s), E
        pool = {"gpt_helpful": ["{S} {is} bilateral: there's segmented tissue on both the patient's left and right.",
                                "The mask shows up on both sides of the body.", "{Itsc} bilateral."],
                "claude_careful": ["{S} {is} bilateral, with parts on both the patient's left and right.",
                                   "The mask is not confined to one side; it is bilateral.",
                                   "In patient terms, {s} {is} present on both sides."],
                "llama_verbose": ["{S} {is} present bilaterally, meaning on both the left and right sides of the patient.",
                                  "With regard to laterality, the findings are bilateral, involving both sides of the body."]}[st]
        return fmt(self.ch(pool), s), E

    def side_negation(self):
        """A true negation about the side (background that reads like a claim)."""
        s = self.subj("pron")
        if self.lat in ("left", "right"):
            o = OPP[self.lat]
            if self.style == "terse_radiologist":
                return f"Not {o}.", [{"t": "side", "frame": "patient", "v": o, "neg": True}]
            t = fmt(self.ch(["{Itsc} not on the patient's {o}.", "{S} {does} not sit on the {o} side.",
                             "{S} {is} not a {o}-sided structure."]), s, o=o)
            return t, [{"t": "side", "frame": "patient", "v": o, "neg": True}]
        if self.lat == "midline":
            t = self.ch(["It isn't off to one side.", "There's no meaningful lean to the left or the right."])
            return t, [{"t": "side", "frame": "patient", "v": "lateral", "neg": True}]
        if self.lat == "bilateral":
            t = self.ch(["It is not confined to one side.", "This is not a one-sided finding."])
            return t, [{"t": "side", "frame": "patient", "v": "unilateral", "neg": True}]
        return None

    def vert_claim(self, v):
        st, s = self.style, self.subj()
        E = [{"t": "vertical", "v": v}]
        if st == "terse_radiologist":
            return self.vert_terse(v), E
        axis = {"LP": "front-to-back", "LI": "top-to-bottom", None: "top-to-bottom"}[self.ori]
        pool = {"gpt_helpful": ["{S} {sits} {ph}.", "Position-wise, {s} {sits} {ph}.", "{Axis}, {it} {sits} {ph}."],
                "claude_careful": ["Along the {axis} axis, {s} {lies} {ph}.", "{S} {appears} to sit {ph}.",
                                   "On this {img}, {s} {lies} {ph}."],
                "llama_verbose": ["**Position:** {S} {is} positioned {ph} within the {img}.",
                                  "In terms of its {axis} position, {s} {is} located {ph}.",
                                  "{S} can be found {ph}."]}[st]
        t = fmt(self.ch(pool), s, ph=self.vert_phrase(v), axis=axis, Axis=cap(axis), img=self.img())
        if st == "llama_verbose" and not t.startswith("**"):
            pass
        return t, E

    def size_claim(self, cls=None, pct=None, words=None):
        """cls and/or pct (stated values)."""
        st, s = self.style, self.subj()
        E = []
        words = self.words() if words is None else words
        ptxt = None
        if pct is not None:
            ptxt, pv = pct_str(pct, words=words, tilde=(st == "terse_radiologist" and self.rng.random() < 0.6))
            E.append({"t": "pct", "v": pv})
        if cls is not None:
            E.append({"t": "class", "v": cls})
        img = self.img()
        if st == "terse_radiologist":
            C = {"small": "Small", "medium": self.ch(["Medium", "Moderate"]), "large": self.ch(["Large", "Big"])}
            if cls and ptxt:
                t = self.ch([f"{C[cls]}, {ptxt} of {img}.", f"{C[cls]} ({ptxt} of image)."])
            elif cls:
                t = f"{C[cls]}."
            else:
                t = self.ch([f"{ptxt} of {img}.", f"Area {ptxt} of image."])
            return t, E
        cw = self.cls_word(cls) if cls else None
        if cls and ptxt:
            pool = {"gpt_helpful": ["{S} {is} {cw}, taking up about {p} of the image.",
                                    "Size-wise, {itsc} {cw}: roughly {p} of the {img}.",
                                    "{S} {covers} around {p} of the {img}, so I'd call {itobj} {cw}."],
                    "claude_careful": ["I'd describe {o} as {cw}: the mask covers roughly {p} of the {img}.",
                                       "By area, {s} {occupies} about {p} of the {img}, which I'd class as {cw}.",
                                       "{S} {is} {cw} on this {img}, at approximately {p} of the image area."],
                    "llama_verbose": ["**Size:** {S} {is} {cw}, occupying approximately {p} of the total image area.",
                                      "In terms of size, {s} would be classified as {cw}, accounting for roughly {p} of the {img}."]}[st]
        elif cls:
            pool = {"gpt_helpful": ["{S} {is} {cw} relative to the image.", "Size-wise, {itsc} {cw}."],
                    "claude_careful": ["Relative to the field of view, {s} {is} {cw}.", "I'd call {o} {cw} on this {img}."],
                    "llama_verbose": ["**Size:** {S} {is} {cw} relative to the overall image.",
                                      "In terms of size, {s} can be described as {cw}."]}[st]
        else:
            pool = {"gpt_helpful": ["{S} {takes} up about {p} of the image.", "The mask covers roughly {p} of the {img}."],
                    "claude_careful": ["By my estimate the mask covers about {p} of the {img}.",
                                       "{S} {occupies} approximately {p} of the image area."],
                    "llama_verbose": ["**Size:** {S} {occupies} approximately {p} of the total image area.",
                                      "The segmented area accounts for roughly {p} of the {img}."]}[st]
        return fmt(self.ch(pool), s, cw=cw, p=ptxt, img=img), E

    def count_claim(self, k, words=None):
        st = self.style
        words = self.words() if words is None else words
        E = [{"t": "count", "v": k}]
        multi_target = self.p["key"] in MULTI_KEYS
        if st == "terse_radiologist":
            if k == 1:
                t = self.ch(["Single component.", "One piece.", "1 component."] +
                            ([f"Single {self.noun(1)}."] if multi_target else []))
            else:
                t = self.ch([f"{k} {self.noun(k)}.", f"{k} separate components.", f"x{k}."])
            return t, E
        N = self.num(k, words)
        if k == 1:
            if multi_target:
                pool = {"gpt_helpful": ["There's just one {n1} in the mask.", "The mask is a single {n1}."],
                        "claude_careful": ["I see a single {n1} on this slice.", "The mask is one contiguous {n1}."],
                        "llama_verbose": ["**Number of lesions:** There is one single {n1} identified.",
                                          "The segmentation consists of one (1) {n1}."]}[st]
            else:
                pool = {"gpt_helpful": ["The mask is a single connected region.", "It's all one piece, with no separate islands.",
                                        "The mask forms one continuous region."],
                        "claude_careful": ["The mask is a single contiguous region on this {img}.",
                                           "I see one connected component, with no separate fragments."],
                        "llama_verbose": ["**Number of components:** The segmentation consists of one single, continuous region.",
                                          "There is one (1) connected component in the mask."]}[st]
            t = self.ch(pool).format(n1=self.noun(1), img=self.img())
            return t, E
        pool = {"gpt_helpful": ["There are {N} separate {nn} in the mask.", "The mask is made up of {N} distinct {nn}.",
                                "I count {N} separate {nn}."],
                "claude_careful": ["I count {N} separate {nn} on this {img}; there may be others outside it.",
                                   "The mask has {N} disconnected components, each a separate {n1}.",
                                   "There appear to be {N} distinct {nn} here."],
                "llama_verbose": ["**Number of components:** The segmentation contains {N} ({k}) separate {nn}.",
                                  "There are a total of {N} distinct {nn} identified in the mask."]}[st]
        return self.ch(pool).format(N=N, k=k, nn=self.noun(k), n1=self.noun(1), img=self.img()), E

    def rel_claim(self, rels):
        """rels: list of (other, relation) as stated (1 or 2)."""
        st, s = self.style, self.subj()
        E = [{"t": "rel", "other": o, "v": r} for o, r in rels]
        if st == "terse_radiologist":
            parts = [self.rel_phrase(o, r, terse=True) for o, r in rels]
            return cap(", ".join(parts)) + ".", E
        ph = [self.rel_phrase(o, r) for o, r in rels]
        if len(ph) == 1:
            pool = {"gpt_helpful": ["{S} {sits} {a}.", "{S} {is} {a}."],
                    "claude_careful": ["Relative to its neighbours, {s} {lies} {a}.", "{S} {is} {a} on this {img}."],
                    "llama_verbose": ["**Relationship to adjacent structures:** {S} {is} located {a}.",
                                      "Anatomically, on this image, {s} {is} situated {a}."]}[st]
            return fmt(self.ch(pool), s, a=ph[0], img=self.img()), E
        pool = {"gpt_helpful": ["{S} {sits} {a} and {b}.", "{S} {is} {a}, and also {b}."],
                "claude_careful": ["Relative to its neighbours, {s} {lies} {a} and {b}.", "On this {img}, {s} {is} {a} and {b}."],
                "llama_verbose": ["**Relationship to adjacent structures:** {S} {is} located {a}, and {b}.",
                                  "Anatomically, on this image, {s} {is} situated {a} as well as {b}."]}[st]
        return fmt(self.ch(pool), s, a=ph[0], b=ph[1], img=self.img()), E

    # ---- true background (vetted; logged as background)
    def convention(self):
        o = self.ori
        if o is None:
            what = {"endoscopy": "an endoscopy frame", "dermoscopy": "a dermoscopy image", "other": "a fundus photo",
                    "microscopy": "a microscopy tile"}[self.p["modality"]]
            if self.style == "terse_radiologist":
                return "No body side on a photo."
            return self.ch([f"Since this is {what}, there's no fixed patient left or right, so I'll describe position in image terms only.",
                            f"{cap(what)} has no patient left or right, so I won't assign a body side."])
        if self.style == "terse_radiologist":
            return self.ch(["Radiological convention: pt left = image right.", "Img R = pt L."])
        if o == "LP":
            return self.ch(["Axial images are viewed as if from the patient's feet, so the patient's left appears on the right of the screen.",
                            "Remember the radiological convention: the patient's right is on the viewer's left.",
                            "By convention, axial CT and MR slices put the patient's left on the image's right."])
        if self.p["modality"] == "XR":
            return self.ch(["A frontal chest film is viewed as if facing the patient, so the patient's left is on the viewer's right.",
                            "On a PA film the patient's right is on your left, which is why films carry a side marker."])
        return self.ch(["Coronal images are displayed as if you're facing the patient, so their left is on your right.",
                        "As with all coronal reformats, the patient's right is on the viewer's left."])

    def bg(self, kind):
        """One background piece of `kind`: know, pop, sidek, anat, caveat, hypo; None when there is none fit."""
        p = self.p
        if kind in ("know", "pop", "sidek", "anat"):
            pool = p[kind]
            if kind == "anat" and self.defect in ("laterality", "position"):
                return None  # general anatomy would restate the defect topic in other words
            return self.ch(pool) if pool else None
        if kind == "caveat":
            if self.ori is None:
                return self.ch(["A single photo can't show everything, so treat this as a description of this frame only.",
                                "Lighting and zoom change how things look, so the numbers are for this image only."])
            pool = ["On a single slice I can't be certain of the structure's full extent, so any area figure here is per-slice.",
                    "I can't see the rest of the volume, so treat this as a description of this image only.",
                    "Partial-volume effects at the edges could shift the outline a little, so I'd hold the area figure loosely.",
                    "I'm reading a single image here; a full series could change the picture.",
                    "Please take this as a description of this image rather than a diagnosis."]
            if p["key"] in LESION_KEYS and self.defect != "count":
                pool.append(f"One image can't tell us whether there are more {self.noun(2)} at other levels.")
            return self.ch(pool)
        if kind == "hypo":
            if p["sided"] and self.defect != "laterality":
                o = OPP[p["sided"]]
                org = p["bare"].split(" ", 1)[1]
                return f"If this were the {o} {org}, it would appear on the other side of the image."
            if self.lat in ("left", "right") and self.defect != "laterality":
                thing = "film" if self.p["modality"] == "XR" else "image"
                return self.ch([f"If the {thing} had been flipped by mistake, the sides would swap, so the orientation label matters.",
                                f"Had the {thing} been mirrored, everything would appear on the wrong side, which is why the side marker matters."])
            return None
        return None

    # ---- turns
    def first_question(self):
        p = self.p
        if self.defect == "names_target":
            q = self.ch(p["named"])
            intro = "" if "this" in q.lower() else self.intro()
            return (intro + " " + q) if intro else q
        idx = list(range(len(p["asks"])))
        if self.hide_side_name():
            idx = [i for i in idx if i not in p.get("side_asks", [])] or idx
        k = self.ch(idx)
        q = p["asks"][k]
        self.q1_entries = ([{"t": "side", "frame": "patient", "v": p["sided"], "via": "q1"}]
                           if k in p.get("side_asks", []) else [])
        intro = "" if q.startswith(("This ", "On this", "There", "Here")) else self.intro()
        req = ""
        if "segment" not in q.lower() and "outline" not in q.lower() and "mask" not in q.lower() and "mark" not in q.lower():
            req = self.ch([" Please segment it.", " Can you segment it?", " Could you outline it on the image?",
                           " Please mark it."])
        if self.style == "terse_radiologist" and self.rng.random() < 0.5:
            return (intro + " " if intro else "") + q + req
        return (intro + " " if intro else "") + q + req

    def intro(self):
        r = self.rng.random()
        if r < 0.45:
            return ""
        pl = self.p["plane"]
        a = "an" if pl[0] in "aeiouAEIOU" else "a"
        return self.ch([f"Here's {a} {pl}.", f"This is {a} {pl}.", f"Looking at this {pl}:", f"Quick question about this {pl}."])

    # ---- plan
    def plan(self):
        rng = self.rng
        avail = (["side"] if self.ori is not None else []) + ["vertical", "size", "count"] + (["relation"] if self.rels else [])
        self.avail = avail
        d = self.defect
        self.dtopic, self.where, self.dval = None, None, None
        if d in ("laterality", "position", "size", "count"):
            self.dtopic = {"laterality": "side", "size": "size", "count": "count"}.get(d)
            if d == "position":
                self.dtopic = "relation" if (self.rels and rng.random() < 0.4) else "vertical"
            r = rng.random()
            self.where = "user" if r < 0.22 else "followup" if r < 0.44 else "first"
            self.dval = self.wrong_value(self.dtopic)
        # first-answer topics
        if self.style == "terse_radiologist":
            A = list(avail)
            if rng.random() < 0.3 and len(A) > 3:
                A.remove(rng.choice([t for t in A if t != self.dtopic]))
        else:
            k = rng.randint(2, min(4, len(avail)))
            A = rng.sample(avail, k)
            A.sort(key=avail.index)
        if self.where == "first" and self.dtopic not in A:
            A.append(self.dtopic)
            A.sort(key=avail.index)
        if self.where in ("followup", "user") and self.dtopic in A:
            A.remove(self.dtopic)
        self.A = A
        # follow-up rounds
        n_rounds = rng.choice([2, 2, 3]) if self.style == "terse_radiologist" else rng.choice([2, 3])
        rounds = []
        if self.where == "followup":
            rounds.append(("ask", self.dtopic, True) if rng.random() < 0.7 else ("summary", None, True))
        elif self.where == "user":
            rounds.append(("premise", self.dtopic, True))
        clean_like = self.dtopic is None
        while len(rounds) < n_rounds - 1:
            opts = []
            left_topics = [t for t in avail if t not in A and t != self.dtopic
                           and not any(r[0] == "ask" and r[1] == t for r in rounds)]
            opts += [("ask", t, False) for t in left_topics] * 2
            opts += [("ask", t, False) for t in A if t != self.dtopic
                     and not any(r[0] == "ask" and r[1] == t for r in rounds)]
            if not any(r[0] == "summary" for r in rounds):
                opts += [("summary", None, False)] * 2
            if self.where != "user" and not any(r[0] == "premise_true" for r in rounds):
                opts += [("premise_true", t, False) for t in avail if t != self.dtopic
                         and not any(r[0] == "correct" and r[1] == t for r in rounds)]
            if not any(r[0] == "knowledge" for r in rounds):
                opts += [("knowledge", None, False)]
            if clean_like and not any(r[0] == "correct" for r in rounds) and rng.random() < 0.6:
                opts += [("correct", t, False) for t in avail if t != "relation"
                         and not any(r[0] == "premise_true" and r[1] == t for r in rounds)]
            rounds.append(rng.choice(opts))
        rng.shuffle(rounds)
        self.rounds = rounds

    def wrong_value(self, t):
        rng = self.rng
        if t == "side":
            if self.lat in ("left", "right"):
                return "midline" if rng.random() < 0.12 else OPP[self.lat]
            return rng.choice(["left", "right"])
        if t == "vertical":
            if self.vert == "central":
                return rng.choice({"LP": ["anterior", "posterior"], "LI": ["superior", "inferior"],
                                   None: ["upper", "lower"]}[self.ori])
            return OPP[self.vert]
        if t == "relation":
            o, r = rng.choice(self.rels)
            return (o, OPP[r])
        if t == "size":
            if rng.random() < 0.5:
                wrong = rng.choice([c for c in ("small", "medium", "large") if c != self.cls])
                return ("class", wrong, self.pct if rng.random() < 0.5 else None)
            f = rng.choice([3.0, 3.5, 4.0]) if (self.pct < 8 and rng.random() < 0.6) or self.pct < 2 else 1 / rng.choice([3.0, 3.5, 4.0])
            return ("pct", self.pct * f, self.cls if rng.random() < 0.4 else None)
        if t == "count":
            n = self.n
            if n == 1:
                return rng.choice([2, 2, 3])
            if n == 2:
                return 1 if self.p["key"] not in LESION_KEYS else rng.choice([1, 1, 3])
            return rng.choice([1, 1, n - 1, n + 1])
        raise ValueError(t)

    # ---- a topic statement, true or the planted false value
    def claim(self, t, false=False, listed=False):
        txt, E = self._claim(t, false)
        if not listed and txt.startswith("**"):
            txt = cap(re.sub(r"^\*\*[^*]+\*\* ", "", txt))
        return txt, E

    def _claim(self, t, false=False):
        if t == "side":
            return self.side_claim(self.dval if false else self.lat)
        if t == "vertical":
            return self.vert_claim(self.dval if false else self.vert)
        if t == "relation":
            if false:
                rels = [self.dval]
            else:
                rels = self.rng.sample(self.rels, min(len(self.rels), self.rng.choice([1, 2])))
                if len(rels) == 2 and rels[0][0] == rels[1][0]:
                    rels = rels[:1]
            return self.rel_claim(rels)
        if t == "size":
            if false:
                kind, val, other = self.dval
                if kind == "class":
                    return self.size_claim(cls=val, pct=other)
                return self.size_claim(cls=other, pct=val)
            r = self.rng.random()
            if r < 0.55:
                return self.size_claim(cls=self.cls, pct=self.pct)
            if r < 0.8:
                return self.size_claim(cls=self.cls)
            return self.size_claim(pct=self.pct)
        if t == "count":
            return self.count_claim(self.dval if false else self.n)
        raise ValueError(t)

    def bg_piece(self, kind):
        t = self.bg(kind)
        return (t, [{"t": "bg", "kind": kind}]) if t else None

    # ---- summary fragments
    def frag(self, t, false=False):
        """A short phrase for a summary line (after "is"); returns (text, entries)."""
        terse = self.style == "terse_radiologist"
        if t == "side":
            v = self.dval if false else self.lat
            if terse:
                txt = {"left": "Lt", "right": "Rt", "midline": "midline", "bilateral": "bilat"}[v]
            else:
                txt = self.ch({"left": ["on the patient's left", "left-sided"], "right": ["on the patient's right", "right-sided"],
                               "midline": ["midline", "in the midline"], "bilateral": ["bilateral", "present on both sides"]}[v])
            return txt, [{"t": "side", "frame": "patient", "v": v}]
        if t == "vertical":
            v = self.dval if false else self.vert
            if terse:
                return self.vert_terse(v).rstrip(".").lower(), [{"t": "vertical", "v": v}]
            txt = self.ch({"anterior": ["anterior", "toward the front", "in the anterior half"],
                           "posterior": ["posterior", "toward the back", "in the posterior half"],
                           "superior": ["superior", "high in the image", "in the upper part of the image"],
                           "inferior": ["inferior", "low in the image", "in the lower part of the image"],
                           "upper": ["in the upper half of the frame", "toward the top of the picture"],
                           "lower": ["in the lower half of the frame", "toward the bottom of the picture"],
                           "central": {"LP": ["central front-to-back", "midway between front and back"],
                                       "LI": ["at mid-height", "halfway up the image"],
                                       None: ["near the centre of the frame", "in the middle of the picture"]}[self.ori]}[v])
            return txt, [{"t": "vertical", "v": v}]
        if t == "relation":
            o, r = self.dval if false else self.ch(self.rels)
            return self.rel_phrase(o, r, terse=terse), [{"t": "rel", "other": o, "v": r}]
        if t == "size":
            if false:
                kind, val, other = self.dval
                cls, pct = (val, other) if kind == "class" else (other, val)
            else:
                cls, pct = self.cls, (self.pct if self.rng.random() < 0.6 else None)
            E = []
            parts = []
            if cls:
                parts.append({"small": "small", "medium": "medium" if terse else self.ch(["medium-sized", "moderate in size"]),
                              "large": "large"}[cls])
                E.append({"t": "class", "v": cls})
            if pct is not None:
                ptxt, pv = pct_str(pct, words=self.words(), tilde=terse)
                parts.append((f"({ptxt})" if terse else f"(about {ptxt} of the {self.img()})") if cls else
                             (ptxt if terse else f"roughly {ptxt} of the {self.img()} by area"))
                E.append({"t": "pct", "v": pv})
            return " ".join(parts), E
        if t == "count":
            k = self.dval if false else self.n
            if terse:
                return ("single" if k == 1 else f"x{k}"), [{"t": "count", "v": k}]
            multi = self.p["key"] in MULTI_KEYS
            if k == 1:
                w = f"just one {self.noun(1)} in the mask" if multi else "the mask forming one connected region"
                a = f"the mask contains just one {self.noun(1)}" if multi else "the mask forms a single connected region"
            else:
                N = self.num(k)
                w = f"{N} separate {self.noun(k)} in the mask" if multi else f"the mask split into {N} separate pieces"
                a = f"the mask contains {N} separate {self.noun(k)}" if multi else f"the mask is split into {N} separate pieces"
            return (w, a), [{"t": "count", "v": k}]
        raise ValueError(t)

    def summary_piece(self, topics, false_topic=None, lead=None):
        frs = {t: self.frag(t, false=(t == false_topic)) for t in topics}
        E = [e for t in topics for e in frs[t][1]]
        if self.style == "terse_radiologist":
            texts = [frs[t][0] for t in topics]
            nm = self.p["bare"] if not self.hide_side_name() else self.p["unsided"].replace("the ", "")
            return (lead if lead is not None else "Impression: ") + cap(nm) + ", " + ", ".join(texts) + ".", E
        nm = self.display_name()
        if lead is None:
            lead = {"gpt_helpful": self.ch(["Summary: ", "In one line: ", "Quick summary: "]),
                    "claude_careful": self.ch(["In short, ", "To summarise, "]),
                    "llama_verbose": self.ch(["In summary, ", "To summarize, "])}[self.style]
        main = [frs[t][0] for t in topics if t != "count"]
        be = "are" if self.plural else "is"
        if main:
            joined = main[0] if len(main) == 1 else ", ".join(main[:-1]) + " and " + main[-1]
            body = f"{nm} {be} {joined}"
            if "count" in topics:
                body += ", with " + frs["count"][0][0]
        else:
            body = frs["count"][0][1]
        if lead.endswith(": ") or not lead:
            body = cap(body)
        return f"{lead}{body}.", E

    # ---- first answer
    def id_sentence(self):
        st, nm = self.style, self.display_name()
        if self.where == "first" and self.dtopic == "side" and self.p["sided"] and self.rng.random() < 0.5 \
                and self.dval == OPP[self.lat]:
            self.slip_named = True
            img = self.img_side_of(self.lat)
            org = self.p["bare"].split(" ", 1)[1]
            E = [{"t": "side", "frame": "image", "v": img}, {"t": "side", "frame": "patient", "v": self.dval}]
            t = {"gpt_helpful": f"It shows up on the {img} side of the image, so this is the **{self.dval} {org}** [SEG].",
                 "claude_careful": f"Since it appears on the {img} of the image, this would be the {self.dval} {org} [SEG].",
                 "llama_verbose": f"Based on the image, the structure appears on the {img} side, and therefore this is the {self.dval} {org} [SEG].",
                 "terse_radiologist": f"{cap(img)} of image: {self.dval} {org} [SEG]."}[st]
            return t, E
        pl = self.plural
        bold = nm.replace('the ', '', 1)
        if st == "gpt_helpful":
            t = self.ch([f"The structure{'s' if pl else ''} you're describing {'are' if pl else 'is'} the **{bold}** [SEG].",
                         f"That description points to {nm}, highlighted here [SEG].",
                         f"You're looking for {nm}! I've segmented {'them' if pl else 'it'} here [SEG]."])
        elif st == "claude_careful":
            t = self.ch([f"This sounds like {nm}, which I've segmented here [SEG].",
                         f"Based on your description, the most likely answer is {nm} [SEG].",
                         f"The description fits {nm}; here is the segmentation [SEG]."])
        elif st == "llama_verbose":
            t = self.ch([f"Based on the image and your description, the finding in question is {nm} [SEG]." if pl else
                         f"Based on the image and your description, the structure in question is {nm} [SEG].",
                         f"The {'findings' if pl else 'structure'} that {'match' if pl else 'matches'} your description "
                         f"{'are' if pl else 'is'} {nm}, which {'have' if pl else 'has'} been segmented here [SEG]."])
        else:
            t = cap(nm.replace("the ", "", 1)) + " [SEG]."
        return t, self.name_entries(t)

    def first_answer(self):
        st, rng = self.style, self.rng
        self.new_turn()
        self.slip_named = False
        idt, ide = self.id_sentence()
        A = list(self.A)
        if self.slip_named and "side" in A:
            A.remove("side")
        false_in_first = self.where == "first" and not self.slip_named
        if st == "gpt_helpful":
            self.add("", self.ch(["Great question!", "Happy to help!", "Sure thing!", "Nice question!", "Absolutely!"]))
            self.add(" ", idt, ide)
            self.add(" ", self.why(), [{"t": "bg", "kind": "why"}])
            if rng.random() < 0.5:
                self.add("\n\n", self.ch(["**Here's what the mask shows:**", "**Quick breakdown:**", "**Key points:**"]))
                heads = {"side": "Side", "vertical": "Position", "size": "Size", "count": "Count", "relation": "Neighbours"}
                for t in A:
                    txt, E = self.claim(t, false=false_in_first and t == self.dtopic)
                    self.add("\n", f"- **{heads[t]}:**")
                    self.add(" ", txt, E)
            else:
                sep = "\n\n"
                for t in A:
                    txt, E = self.claim(t, false=false_in_first and t == self.dtopic)
                    self.add(sep, txt, E)
                    sep = " " if rng.random() < 0.6 else "\n\n"
            self.background(["convention", "sidek", "pop", "know", "hypo", "neg"], rng.randint(1, 2), "\n\n")
            self.add("\n\n", self.ch(["Let me know if you'd like me to walk through the neighbouring structures too!",
                                      f"Want me to explain how to tell {'them' if self.plural else 'it'} apart from look-alikes?",
                                      "Feel free to ask if you'd like more detail!",
                                      "Happy to go deeper on any of this!"]))
        elif st == "claude_careful":
            self.add("", idt, ide)
            self.add(" ", self.why(), [{"t": "bg", "kind": "why"}])
            if "side" in A and self.ori is not None and rng.random() < 0.6:
                self.add("\n\n", self.convention(), [{"t": "bg", "kind": "convention"}])
                sep = " "
            else:
                sep = "\n\n"
            anat = self.bg_piece("anat") if rng.random() < 0.5 else None
            if anat:
                self.add(sep, self.ch(["Start with the general anatomy.", "First, the textbook picture.",
                                       "It helps to keep general anatomy apart from this image."]))
                self.add(" ", anat[0], anat[1])
                self.add(" ", self.ch(["What this particular image shows is as follows.", "As for this image itself:",
                                       "Here is what the mask itself shows."]))
                sep = " "
            for t in A:
                txt, E = self.claim(t, false=false_in_first and t == self.dtopic)
                self.add(sep, txt, E)
                sep = " "
            self.background(["caveat"], 1, "\n\n")
            self.background(["pop", "sidek", "know", "neg", "hypo"], rng.randint(0, 1), " ")
        elif st == "llama_verbose":
            self.add("", self.ch(["Absolutely! I'd be happy to help.", "Certainly!", "Of course! Let's take a look."]))
            self.add(" ", idt, ide)
            self.add(" ", self.why(), [{"t": "bg", "kind": "why"}])
            self.background(["know"], 1, " ")
            self.add("\n\n", self.ch(["Here are the key characteristics of the segmented structure:",
                                      "Let's break down the key features:", "What follows is a detailed breakdown of the findings:",
                                      "Here is a closer look at the segmentation:"]))
            for i, t in enumerate(A, 1):
                txt, E = self.claim(t, false=false_in_first and t == self.dtopic, listed=True)
                self.add("\n\n" if i == 1 else "\n", f"{i}.")
                self.add(" ", txt, E)
            if self.p["diff"]:
                self.add("\n\n", self.ch(["**Differential considerations:**", "**Other possibilities to consider:**"]))
                for item in rng.sample(self.p["diff"], min(3, len(self.p["diff"]))):
                    self.add("\n", "- " + cap(item), [{"t": "bg", "kind": "diff"}])
            self.background(["pop", "sidek", "convention", "hypo"], rng.randint(1, 2), "\n\n")
            rep = [t for t in A if t != self.dtopic]
            if rep:
                txt, E = self.summary_piece(rep, lead=self.ch(["In summary, ", "To summarize, "]))
                self.add("\n\n", txt, E)
            self.add(" ", self.ch(["I hope this helps! Let me know if you have any other questions.",
                                   "Please let me know if you need any further clarification."]))
        else:
            self.add("", idt, ide)
            for t in A:
                txt, E = self.claim(t, false=false_in_first and t == self.dtopic)
                self.add(" ", txt, E)
            if rng.random() < 0.5:
                self.background(["convention", "neg"], 1, " ")
            if rng.random() < 0.4:
                b = self.bg_piece(self.ch(["pop", "know"]))
                if b:
                    self.add(" ", "NB: " + b[0], b[1])
        for t in A:
            self.stated.add(t)

    def background(self, kinds, k, sep):
        kinds = list(kinds)
        self.rng.shuffle(kinds)
        added = 0
        for kind in kinds:
            if added >= k:
                break
            if kind == "convention":
                if self.dtopic == "side" and self.rng.random() < 0.5:
                    continue
                self.add(sep, self.convention(), [{"t": "bg", "kind": "convention"}])
            elif kind == "neg":
                if self.dtopic == "side":
                    continue
                nn = self.side_negation() if self.ori is not None else None
                if not nn:
                    continue
                self.add(sep, nn[0], nn[1])
            else:
                b = self.bg_piece(kind)
                if not b:
                    continue
                self.add(sep, b[0], b[1])
            added += 1
            sep = " " if sep == " " or self.rng.random() < 0.5 else sep

    # ---- follow-up rounds
    def ask_text(self, t, other=None):
        st = self.style
        other = other or (self.rels[0][0] if self.rels else None)
        if st == "terse_radiologist":
            return self.ch({"side": ["Side?", "Laterality?", "Which side, pt or screen?"],
                            "vertical": {"LP": ["AP position?", "Front or back?"], "LI": ["Craniocaudal position?", "High or low?"],
                                         None: ["Where in frame?"]}[self.ori],
                            "size": ["Size?", "How big?", "Area?"],
                            "count": ["Count?", "How many components?", "One or several?"],
                            "relation": [f"Relation to {other}?"]}[t])
        if t == "side":
            return self.ch(["Which side of the patient is it on?", "Is that the patient's left or right?",
                            "Which side is it on, the patient's or the screen's?", "Is it on one side or both?",
                            "Can you tell me the laterality?"])
        if t == "vertical":
            return self.ch({"LP": ["Is it toward the front or the back?", "How far forward or back does it sit?",
                                   "Where is it in the front-to-back direction?"],
                            "LI": ["Is it high or low on the image?", "Where is it top-to-bottom?",
                                   "Is it in the upper or lower part of the image?"],
                            None: ["Where in the frame is it: top, bottom or middle?", "Which part of the picture is it in?"]}[self.ori])
        if t == "size":
            return self.ch(["How big is it relative to the image?", "Would you call it small or large?",
                            "What fraction of the image does the mask cover?", "How much of the image does it take up?"])
        if t == "count":
            if self.p["key"] in MULTI_KEYS:
                return self.ch([f"How many {self.noun(2)} are there?", f"Is it one {self.noun(1)} or several?",
                                "How many separate pieces does the mask have?"])
            return self.ch(["Is the mask one piece or several?", "Are there any separate bits?",
                            "Is it all connected?"])
        o = other
        return self.ch([f"How does it relate to the {o}?", f"Where is it relative to the {o}?",
                        f"What's its position relative to the {o}?"])

    def answer_ack(self):
        return {"gpt_helpful": self.ch(["Good question!", "Great follow-up!", "Sure!", "Of course!"]),
                "claude_careful": self.ch(["Good question.", "Sure.", "That's worth checking."]),
                "llama_verbose": self.ch(["Excellent question!", "That's a great question!", "Certainly!"]),
                "terse_radiologist": ""}[self.style]

    def round_ask(self, t, false):
        st = self.style
        other = None
        if t == "relation":
            other = self.dval[0] if false else self.ch(self.rels)[0]
        q = self.ask_text(t, other)
        if t == "relation" and not false and st != "terse_radiologist" and self.rng.random() < 0.3:
            q = self.ch(["What's it next to?", "Which structures border it?"])
        self.new_turn()
        self.add("", q)
        self.new_turn()
        ack = self.answer_ack()
        if ack:
            self.add("", ack)
        sep = " " if ack else ""
        if t == "relation" and not false:
            o = q  # ask about the first relation's structure when named
            named = [r for r in self.rels if ("the " + r[0]) in q or (r[0] + "?") in q]
            rels = named[:1] if named else None
            if rels:
                txt, E = self.rel_claim(rels)
            else:
                txt, E = self.claim(t)
        else:
            txt, E = self.claim(t, false=false)
        self.add(sep, txt, E)
        mirrored = any(e.get("frame") == "image" for e in E)
        if t == "side" and not false and not mirrored and self.ori and self.rng.random() < 0.6:
            self.add(" ", self.convention(), [{"t": "bg", "kind": "convention"}])
        if t == "count" and st == "claude_careful":
            self.background(["caveat"], 1, " ")
        if t == "size" and st != "terse_radiologist" and self.rng.random() < 0.4:
            self.background(["know"], 1, " ")
        if st == "llama_verbose":
            self.background(["pop", "sidek"], 1, "\n\n")
            rep = [x for x in self.stated if x != self.dtopic and x != t]
            rep.sort(key=self.avail.index)
            if rep and self.rng.random() < 0.6:
                txt, E = self.summary_piece(rep[:2] + [t] if (not false) else rep[:2],
                                            lead=self.ch(["To recap, ", "Putting it together, "]))
                self.add("\n\n", txt, E)
        if st == "gpt_helpful" and self.rng.random() < 0.5:
            self.add(" ", self.ch(["Anything else you'd like to know?", "Hope that helps!"]))
        self.stated.add(t)

    def round_summary(self, false):
        st = self.style
        q = {"terse_radiologist": self.ch(["Summary?", "Impression?", "One line?"])}.get(
            st, self.ch(["Can you sum that up in one line?", "Could you give me a quick summary?",
                         "Summarise it for a report, please.", "TL;DR?"]))
        self.new_turn()
        self.add("", q)
        self.new_turn()
        topics = [t for t in self.avail if t != self.dtopic]
        if false:
            topics = list(self.avail)
        k = len(topics) if st in ("terse_radiologist", "llama_verbose") else max(2, len(topics) - self.rng.randint(0, 1))
        chosen = sorted(self.rng.sample(topics, min(k, len(topics))), key=self.avail.index)
        if false and self.dtopic not in chosen:
            chosen.append(self.dtopic)
            chosen.sort(key=self.avail.index)
        txt, E = self.summary_piece(chosen, false_topic=self.dtopic if false else None,
                                    lead="" if st == "terse_radiologist" and self.rng.random() < 0.5 else None)
        if st == "gpt_helpful":
            self.add("", "Sure! " + txt, E)
            self.add(" ", self.ch(["Let me know if you'd like a longer version.", "Want a more detailed write-up?"]))
        elif st == "claude_careful":
            self.add("", txt, E)
            self.background(["caveat"], 1, " ")
        elif st == "llama_verbose":
            self.add("", "Certainly! Here is a concise summary of the findings.")
            self.add("\n\n", txt, E)
            self.background(["pop"], 1, "\n\n")
        else:
            self.add("", txt, E)
        for t in chosen:
            self.stated.add(t)

    def premise_clause(self, t, v):
        """A user's premise stating value v for topic t; returns (text, entries)."""
        if t == "side":
            ph = {"left": "on the patient's left", "right": "on the patient's right", "midline": "in the midline",
                  "bilateral": "on both sides"}[v]
            txt = self.ch([f"Since it's {ph}, ", f"OK, so it's {ph}. ", f"Given that it sits {ph}, "])
            return txt, [{"t": "side", "frame": "patient", "v": v}]
        if t == "vertical":
            ph = self.vert_phrase(v)
            txt = self.ch([f"Since it sits {ph}, ", f"Given that it lies {ph}, ", f"OK, so it sits {ph}. "])
            return txt, [{"t": "vertical", "v": v}]
        if t == "relation":
            o, r = v
            ph = self.rel_phrase(o, r)
            return self.ch([f"Since it's {ph}, ", f"Given that it sits {ph}, "]), [{"t": "rel", "other": o, "v": r}]
        if t == "size":
            kind, val, _ = v
            if kind == "class":
                cw = {"small": "small", "medium": "medium-sized", "large": "large"}[val]
                return self.ch([f"Given how {cw} it is, ", f"Since it's {cw}, "]), [{"t": "class", "v": val}]
            ptxt, pv = pct_str(val)
            return self.ch([f"Since it covers about {ptxt} of the image, ", f"With it taking up roughly {ptxt} of the {self.img()}, "]), \
                [{"t": "pct", "v": pv}]
        k = v
        if k == 1:
            txt = (f"Since there's only one {self.noun(1)}, " if self.p["key"] in MULTI_KEYS
                   else "Since the mask is one single piece, ")
        else:
            txt = self.ch([f"Since there are {k} separate {self.noun(k)}, ", f"With {k} separate {self.noun(k)} here, "]) \
                if self.p["key"] in MULTI_KEYS else f"Since the mask comes in {k} separate pieces, "
        return txt, [{"t": "count", "v": k}]

    def true_value(self, t):
        if t == "side":
            return self.lat
        if t == "vertical":
            return self.vert
        if t == "relation":
            return self.ch(self.rels)
        if t == "size":
            return ("class", self.cls, None) if self.rng.random() < 0.6 else ("pct", self.pct, None)
        return self.n

    def round_premise(self, t, false):
        st = self.style
        v = self.dval if false else self.true_value(t)
        pre, E = self.premise_clause(t, v)
        q = self.ch(["what would you check next?", "is there anything else worth noting on this image?",
                     "what usually goes wrong with it?", "what's a common incidental finding there?",
                     "what should I mention to the team?"])
        if st == "terse_radiologist":
            q = self.ch(["next step?", "anything else?", "what to check?"])
        self.new_turn()
        self.add("", pre, E)
        self.add("", cap(q) if pre.endswith(". ") else q)
        self.new_turn()
        ack = {"gpt_helpful": self.ch(["Good thinking!", "Great question!"]),
               "claude_careful": self.ch(["That's a sensible thing to ask.", "A few things come to mind."]),
               "llama_verbose": self.ch(["Excellent question!",
                                         "That's a great question, and there are a few points to consider."]),
               "terse_radiologist": ""}[st]
        sep = ""
        if ack:
            self.add("", ack)
            sep = " "
        diffs = self.p["diff"]
        if st == "terse_radiologist":
            self.add(sep, "Check for: " + "; ".join(self.rng.sample(diffs, min(2, len(diffs)))) + ".", [{"t": "bg", "kind": "diff"}])
        elif st == "llama_verbose":
            self.add(sep, self.ch(["Things to look out for include:", "Key considerations include:",
                                   "Here are some possibilities worth keeping in mind:"]))
            for item in self.rng.sample(diffs, min(3, len(diffs))):
                self.add("\n", "- " + cap(item), [{"t": "bg", "kind": "diff"}])
            self.background(["pop", "know"], 1, "\n\n")
        else:
            self.add(sep, self.ch(["I'd look for", "Worth checking for", "The usual things to rule out are"]) + " " +
                     " or ".join(self.rng.sample(diffs, min(2, len(diffs)))) + ".", [{"t": "bg", "kind": "diff"}])
            self.background(["pop", "know"], 1, " ")
        # other topics may be stated (true), never the premise's own topic nor (for a planted premise) its family
        fam = {"vertical": {"vertical", "relation"}, "relation": {"vertical", "relation"}}.get(t, {t})
        others = [x for x in self.avail if x not in fam and x != self.dtopic] if false else \
            [x for x in self.avail if x != t and x != self.dtopic]
        if others and self.rng.random() < 0.4:
            x = self.ch(others)
            txt, E2 = self.claim(x)
            self.add(" " if st != "llama_verbose" else "\n\n", txt, E2)
            self.stated.add(x)
        if not false:
            self.stated.add(t)

    def round_correct(self, t):
        """The user voices a false idea about topic t; the assistant explicitly corrects it (clean rows)."""
        st = self.style
        self.new_turn()
        E_user = []
        if t == "side":
            if self.lat in ("left", "right"):
                img = self.img_side_of(self.lat)
                q = self.ch([f"Wait, isn't it on the patient's {img}? It's on the {img} of the screen.",
                             f"I thought it was on the {img}, since it's on that side of the image?"])
                E_user = [{"t": "side", "frame": "patient", "v": img, "corrected": True}]
                if "screen" in q:
                    E_user.append({"t": "side", "frame": "image", "v": img})
                else:
                    E_user.append({"t": "side", "frame": "image", "v": img})
                self.add("", q, E_user)
                self.new_turn()
                conv = {"LP": "axial images are viewed from the feet", "LI": "the image is displayed as if you're facing the patient"}[self.ori]
                if st == "terse_radiologist":
                    self.add("", f"No. Img {img} = pt {self.lat}. {cap(self.lat)}-sided.",
                             [{"t": "side", "frame": "patient", "v": self.lat}])
                else:
                    lead = {"gpt_helpful": "Easy mix-up!", "claude_careful": "That's a very common confusion.",
                            "llama_verbose": "That is a very understandable point of confusion!"}[st]
                    self.add("", lead)
                    self.add(" ", f"The {img} of the screen is the patient's {self.lat}, because {conv}.",
                             [{"t": "bg", "kind": "convention"}])
                    self.add(" ", f"So it's actually on the patient's {self.lat}, not the {img}.",
                             [{"t": "side", "frame": "patient", "v": self.lat}, {"t": "side", "frame": "patient", "v": img, "neg": True}])
            else:
                w = self.ch(["left", "right"])
                if self.lat == "midline":
                    q = self.ch([f"Isn't it a bit off to the {w}?", f"It looks {w}-sided to me, no?"])
                else:
                    q = self.ch([f"So it's only on the {w} side?", f"Isn't this just a {w}-sided finding?"])
                self.add("", q, [{"t": "side", "frame": "patient", "v": w, "corrected": True}])
                self.new_turn()
                txt, E = self.side_claim(self.lat)
                lead = {"gpt_helpful": "Not quite!", "claude_careful": "I don't think so.",
                        "llama_verbose": "Actually, that is not the case.", "terse_radiologist": "No."}[st]
                self.add("", lead)
                self.add(" ", txt, E)
        elif t == "vertical":
            w = self.wrong_value("vertical")
            ph = self.vert_phrase(w)
            q = self.ch([f"Isn't it {ph}?", f"I'd have said it sits {ph}. Is that wrong?"])
            self.add("", q, [{"t": "vertical", "v": w, "corrected": True}])
            self.new_turn()
            lead = {"gpt_helpful": "Close, but not quite!", "claude_careful": "I'd read it differently.",
                    "llama_verbose": "Actually, upon closer inspection, that is not quite accurate.", "terse_radiologist": "No."}[st]
            self.add("", lead)
            txt, E = self.vert_claim(self.vert)
            self.add(" ", txt, E)
        elif t == "size":
            w = self.ch([c for c in ("small", "medium", "large") if c != self.cls])
            cw = {"small": "small", "medium": "medium-sized", "large": "large"}[w]
            q = self.ch([f"It looks {cw} to me. Would you call it {cw}?", f"Isn't it pretty {cw}?"])
            self.add("", q, [{"t": "class", "v": w, "corrected": True}])
            self.new_turn()
            ptxt, pv = pct_str(self.pct, tilde=(st == "terse_radiologist"))
            tc = {"small": "small", "medium": "medium-sized", "large": "large"}[self.cls]
            if st == "terse_radiologist":
                self.add("", f"No. {cap(tc)}, {ptxt} of image.", [{"t": "class", "v": self.cls}, {"t": "pct", "v": pv}])
            else:
                self.add("", f"I'd call it {tc} rather than {cw}: it covers about {ptxt} of the {self.img()}.",
                         [{"t": "class", "v": self.cls}, {"t": "class", "v": w, "neg": True}, {"t": "pct", "v": pv}])
        else:  # count
            if self.n > 1:
                q = (f"So it's just one {self.noun(1)}?" if self.p["key"] in MULTI_KEYS else "So it's all one piece?")
                self.add("", q, [{"t": "count", "v": 1, "corrected": True}])
            else:
                q = self.ch(["Is it in two pieces?", "Are there two separate parts?"])
                self.add("", q, [{"t": "count", "v": 2, "corrected": True}])
            self.new_turn()
            self.add("", {"gpt_helpful": "Not quite!", "claude_careful": "No.", "llama_verbose": "Actually, no.",
                          "terse_radiologist": "No."}[st])
            txt, E = self.count_claim(self.n)
            self.add(" ", txt, E)
        self.stated.add(t)

    def round_knowledge(self):
        st = self.style
        self.new_turn()
        self.add("", {"terse_radiologist": self.ch(["Relevance?", "Why does it matter?"])}.get(
            st, self.ch(["Why does that matter clinically?", "Any useful facts about it?", "What's worth knowing about it?"])))
        self.new_turn()
        if st == "terse_radiologist":
            b = self.bg_piece(self.ch(["pop", "know"]))
            self.add("", b[0], b[1])
            return
        self.add("", self.answer_ack())
        self.background(["pop", "know", "sidek"], 2, " ")
        if st == "llama_verbose":
            self.background(["caveat"], 1, "\n\n")

    def has_confusable(self):
        for pieces in self.turns:
            for _, _, E in pieces:
                for e in E:
                    if e.get("t") == "bg" and e.get("kind") in ("convention", "sidek", "pop", "hypo"):
                        return True
                    if e.get("neg") or e.get("frame") == "image" or e.get("corrected"):
                        return True
                    if e.get("t") == "rel" and e["v"] in ("left_of", "right_of"):
                        return True
        return False

    def add_confusable(self):
        """Every row carries at least one true sentence a checker could misread: a population figure, another
        structure's side, or the display convention."""
        kinds = [k for k in ("pop", "sidek") if self.p[k]]
        if self.ori is not None and self.dtopic != "side":
            kinds.append("convention")
        kind = self.ch(kinds)
        txt = self.convention() if kind == "convention" else self.bg(kind)
        if self.style == "terse_radiologist" and kind != "convention":
            txt = "NB: " + txt
        self.add("\n\n" if self.style in ("gpt_helpful", "llama_verbose") else " ", txt, [{"t": "bg", "kind": kind}])

    def run(self):
        self.plan()
        self.new_turn()
        self.q1_entries = []
        q1 = self.first_question()
        self.add("", q1, [{"t": "q1"}] + self.q1_entries)
        self.first_answer()
        for kind, t, false in self.rounds:
            if kind == "ask":
                self.round_ask(t, false)
            elif kind == "summary":
                self.round_summary(false)
            elif kind == "premise":
                self.round_premise(t, True)
            elif kind == "premise_true":
                self.round_premise(t, False)
            elif kind == "correct":
                self.round_correct(t)
            else:
                self.round_knowledge()
        if not self.has_confusable():
            self.add_confusable()
        turns = []
        ledger = []
        for i, pieces in enumerate(self.turns):
            content = "".join(sep + text for sep, text, _ in pieces).strip()
            turns.append({"role": "user" if i % 2 == 0 else "assistant", "content": content})
            ledger.append([{"text": text, "entries": E} for _, text, E in pieces])
        self.ledger = {"turns": ledger, "where": self.where, "dtopic": self.dtopic, "key": self.p["key"],
                       "avoid": self.p["avoid"], "rounds": [r[0] for r in self.rounds]}
        return turns


def build(p, facts, style, rng, defect):
    w = Writer(p, facts, style, rng, defect)
    turns = w.run()
    LEDGER.append(w.ledger)
    return turns, ([defect] if defect else [])
