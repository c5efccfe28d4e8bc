"""Bank EA: dialogue dynamics over three rounds.

Written without reading QC (nothing under medseg_qa/qc, medseg_qa/knowledge*, tests/unit, bench or other banks
was opened; only make_corpus.later_banks / bank_lettered_rows, medseg_qa/facts.py, patient.py and schemas).

Conversations run mostly three rounds (six turns; about 15% two rounds) in which the user pushes back
("are you sure?"), misremembers or misquotes an earlier answer, states a premise, asks what it would mean on
the other side, compares with a neighbour, or asks for a one-line recap.  In clean rows every false thing the
user says is corrected explicitly by the next answer, and an assistant's own slip is corrected in the same or
the next sentence; in defect rows exactly one false claim stands (in the first answer, in a later answer - a
flip under pressure, a wrong answer or a wrong recap - or as a user's premise or misquote the assistant lets
stand).

Targets (43 profiles): liver, spleen, right/left kidney, kidneys, pancreas, aorta, gallbladder, stomach,
liver tumors, adrenal glands, kidney cysts, urinary bladder, prostate, uterus, ovaries, femoral heads, rectum,
psoas muscles (axial CT/MR, LP); heart, lungs, right/left lung, esophagus, lung nodules, pleural effusion (axial
chest CT); brain metastases, lateral ventricles, glioma, hippocampus, cerebellum (axial MR); liver, kidneys,
spleen, urinary bladder, psoas muscles (coronal, LI); lungs, heart, pneumothorax, pleural effusion, lung
nodule, clavicles, trachea (chest X-ray, XR/LI).  Bilateral, midline or multi-lesion masks: 26 of 43.

Registers (STYLES): skeptical_resident, exam_viva, curious_student, recap_heavy.

Own check (/work/notes/qcea_scripts/check_ea.py, ledger of every claim replayed against the facts):
rows: 420 clean: 210 laterality: 42 position: 42 size: 42 count: 42 names_target: 42 problems: 0; 372 six-turn and
48 four-turn rows; the one false claim sits in the first answer in 94 defect rows, in a later answer in 41 (a flip
under pressure, a wrong answer or a wrong recap) and in a user turn left uncorrected in 33; 83 clean rows hold a
user's false statement that the next answer corrects (164 such statements in the bank), 34 answers correct their
own slip in the same or next sentence; 384 rows carry a misreadable true sentence; no unlogged fact words.
"""

import json  # noqa: F401  (allowed imports: numpy, random, math, json)
import math  # noqa: F401
import random  # noqa: F401

import numpy as np

STYLES = ["skeptical_resident", "exam_viva", "curious_student", "recap_heavy"]

# ---------------------------------------------------------------------------------------------------------
# Profiles: geometry (ellipses on a 256 x 256 grid, x = column, y = row), neighbours' normalised centroids,
# and the words the conversations use.  "q" pairs an implicit first question with the reason the answer
# gives; "named" are first questions that name the target (names_target rows only); "forbid" lists the
# stems a clean first question must not contain.  Knowledge sentences ("know", "nb", "pop") are general
# anatomy and never state where THIS mask lies.
# ---------------------------------------------------------------------------------------------------------

AX_ABD = ["this axial CT slice", "this axial CT image of the abdomen", "this CT section"]
AX_CHEST = ["this axial chest CT slice", "this axial CT image of the chest", "this chest CT section"]
AX_PELV_CT = ["this axial CT slice of the pelvis", "this pelvic CT section"]
AX_PELV_MR = ["this axial T2-weighted MR image of the pelvis", "this axial pelvic MR slice"]
AX_BRAIN = ["this axial MR image of the head", "this axial FLAIR slice", "this axial head MR"]
COR_CT = ["this coronal CT reformat", "this coronal CT image", "this coronal CT slice"]
COR_MR = ["this coronal MR image", "this coronal T2-weighted slice"]
CXR = ["this chest X-ray", "this PA chest film", "this frontal chest radiograph"]

LIVER_Q = [
    ("Which organ on {img} makes bile and stores glycogen?",
     "It is the organ that makes bile and stores glycogen."),
    ("A patient has painless jaundice and a raised ALT. Which solid organ on {img} would you look at first?",
     "Jaundice with a raised ALT points first at the organ that conjugates and excretes bilirubin."),
    ("Which organ on {img} receives most of its blood through the portal vein?",
     "It is the one organ that is fed mainly by the portal vein."),
]
LIVER_TXT = dict(
    names=["the liver"], syn=["the hepatic parenchyma", "the liver"], what="organ",
    named=["Where is the liver on {img}?", "Can you find the hepatic parenchyma on {img}?",
           "Which part of {img} is the liver?"],
    forbid=["liver", "hepat", "hepar"],
    know=["It has a dual blood supply, from the hepatic artery and the portal vein.",
          "Surgeons divide it into eight Couinaud segments along its vessels.",
          "It also makes albumin and most of the clotting factors."],
    pop=["Roughly 75% of its blood arrives through the portal vein and only about 25% through the hepatic artery."],
    nb=["The spleen normally lies under the left lower ribs, behind and to the left of the stomach.",
        "The IVC runs up just to the right of the aorta, in front of the spine."],
    analogy=["Think of it as a customs checkpoint: blood coming from the gut has to pass through it before it reaches the rest of the body."],
    alt="I'd be thinking of the spleen instead, the other big solid organ of the upper abdomen",
)

KIDNEYS_TXT = dict(
    names=["the kidneys"], syn=["both kidneys", "the kidneys"], what="paired organs", plural=True,
    q=[("Which paired organs on {img} filter the blood and make urine?",
        "These are the paired organs that filter the blood and make urine."),
       ("A patient's creatinine has doubled in a week. Which paired organs on {img} would you segment first?",
        "A rising creatinine means filtration is failing, and these are the filtering organs."),
       ("Which bean-shaped retroperitoneal organs on {img} secrete erythropoietin?",
        "These bean-shaped retroperitoneal organs make erythropoietin.")],
    named=["Where are the kidneys on {img}?", "Can you find the renal parenchyma on {img}, both sides?",
           "Which parts of {img} are the kidneys?"],
    forbid=["kidney", "renal", "nephr"],
    know=["Together they filter roughly 180 litres of plasma a day and reabsorb almost all of it.",
          "They also make erythropoietin and activate vitamin D."],
    pop=["Simple cysts turn up in them in roughly a quarter of people over 50.",
         "The left one usually sits 1 to 2 cm higher than the right, because the liver sits above the right one."],
    nb=["The left renal vein crosses in front of the aorta, just below the origin of the SMA.",
        "The IVC runs on the right side of the aorta."],
    analogy=["Think of them as a pair of very fine coffee filters: water and waste pass through, while proteins and cells stay in the blood."],
    alt="a one-sided outline would make me ask whether the other kidney is absent, atrophic or just out of the slice",
)

PROFILES = [
    # ---------------- axial CT abdomen (LP) ----------------
    dict(target="liver", mod="CT", region="abdomen", ori="LP", img=AX_ABD, ell=[(85, 105, 50, 44)],
         others={"spleen": (0.76, 0.55), "stomach": (0.64, 0.40), "inferior vena cava": (0.46, 0.57),
                 "right kidney": (0.36, 0.64)}, q=LIVER_Q, **LIVER_TXT),
    dict(target="spleen", mod="CT", region="abdomen", ori="LP", img=AX_ABD, ell=[(190, 148, 20, 30)],
         others={"liver": (0.33, 0.41), "stomach": (0.64, 0.38), "left kidney": (0.66, 0.66)},
         names=["the spleen"], syn=["the splenic parenchyma", "the spleen"], what="organ",
         q=[("Which organ on {img} filters ageing red cells and is the one most often injured in blunt abdominal trauma?",
             "It is the organ that removes ageing red cells, and it is the solid organ most often injured in blunt trauma."),
            ("A teenager with glandular fever is told to avoid contact sport for a few weeks. Which organ on {img} is the reason?",
             "Glandular fever enlarges this organ and makes it prone to rupture, which is why contact sport is off the table."),
            ("Which lymphoid organ on {img} clears encapsulated bacteria from the blood?",
             "It is the lymphoid organ that clears encapsulated bacteria, which is why patients without one need extra vaccinations.")],
         named=["Where is the spleen on {img}?", "Can you find the splenic parenchyma on {img}?", "Which part of {img} is the spleen?"],
         forbid=["spleen", "splen", "lien"],
         know=["Its red pulp filters the blood while its white pulp handles immune responses.",
               "It is part of the lymphatic system even though it sits in the abdomen."],
         pop=["Accessory spleens turn up in roughly 10 to 30% of people at autopsy."],
         nb=["The liver, on the right, is normally several times larger.",
             "The tail of the pancreas reaches toward the splenic hilum."],
         analogy=["It works a bit like a pool filter, pulling worn-out red cells and debris out of circulation."],
         alt="the liver would be the obvious candidate instead"),
    dict(target="right kidney", mod="CT", region="abdomen", ori="LP", img=AX_ABD, ell=[(90, 160, 15, 22)],
         others={"liver": (0.33, 0.41), "inferior vena cava": (0.46, 0.55), "left kidney": (0.66, 0.63)},
         names=["the right kidney"], syn=["this kidney", "the right kidney"], what="organ",
         q=[("Which urine-producing organ lies directly beneath the liver on {img}?",
             "It is the urine-producing organ that sits under the liver."),
            ("A patient has pain under the right costal margin and blood in the urine. Which bean-shaped organ on {img} should be segmented?",
             "Loin pain with haematuria points at this bean-shaped, urine-producing organ."),
            ("Of the two organs on {img} that filter blood into urine, which one is on the same side as the liver? Outline that one only.",
             "It is the filtering organ on the liver's side.")],
         named=["Where is the right kidney on {img}?", "Can you find the right renal parenchyma on {img}?",
                "Which part of {img} is the right kidney?"],
         forbid=["kidney", "renal", "nephr"],
         know=["Its nephrons filter the blood and concentrate urine in the medulla.",
               "It also makes erythropoietin and activates vitamin D."],
         pop=["The right one usually sits 1 to 2 cm lower than the left, pushed down by the liver.",
              "Simple cysts are found in roughly a quarter of people over 50."],
         nb=["The IVC runs on the right side of the aorta, just in front of the spine.",
             "The left renal vein crosses in front of the aorta on its way to the IVC."],
         analogy=["Think of it as a very fine coffee filter: water and waste get through, proteins and cells stay behind."],
         alt="that would be the left kidney rather than this one"),
    dict(target="left kidney", mod="CT", region="abdomen", ori="LP", img=AX_ABD, ell=[(168, 162, 15, 22)],
         others={"spleen": (0.76, 0.52), "aorta": (0.52, 0.55), "right kidney": (0.35, 0.63)},
         names=["the left kidney"], syn=["this kidney", "the left kidney"], what="organ",
         q=[("Which urine-producing organ on {img} sits just below the spleen? Segment that one only.",
             "It is the urine-producing organ on the spleen's side."),
            ("A patient has loin pain on the side of the spleen and blood in the urine. Which bean-shaped organ on {img} should be segmented?",
             "Loin pain with haematuria points at this bean-shaped, urine-producing organ."),
            ("Whose vein has to cross in front of the aorta to reach the IVC? Outline that organ on {img}.",
             "Its vein is the one that crosses in front of the aorta to reach the IVC.")],
         named=["Where is the left kidney on {img}?", "Can you find the left renal parenchyma on {img}?",
                "Which part of {img} is the left kidney?"],
         forbid=["kidney", "renal", "nephr"],
         know=["Its vein is longer than the right one because it has to cross in front of the aorta.",
               "It also makes erythropoietin and activates vitamin D."],
         pop=["The left one usually sits 1 to 2 cm higher than the right.",
              "Simple cysts are found in roughly a quarter of people over 50."],
         nb=["The spleen lies against the upper pole on this side.",
             "The left renal vein crosses in front of the aorta just below the SMA origin."],
         analogy=["Think of it as a very fine coffee filter: water and waste get through, proteins and cells stay behind."],
         alt="that would be the right kidney instead"),
    dict(target="kidneys", mod="CT", region="abdomen", ori="LP", img=AX_ABD,
         ell=[(88, 160, 15, 22), (168, 160, 15, 22)],
         others={"aorta": (0.51, 0.55), "pancreas": (0.50, 0.45), "liver": (0.31, 0.40)}, **KIDNEYS_TXT),
    dict(target="pancreas", mod="CT", region="abdomen", ori="LP", img=AX_ABD, ell=[(134, 108, 34, 9)],
         others={"stomach": (0.62, 0.33), "aorta": (0.51, 0.57), "spleen": (0.76, 0.55)},
         names=["the pancreas"], syn=["the pancreatic parenchyma", "the pancreas"], what="gland",
         q=[("Which gland on {img} secretes both insulin and digestive enzymes?",
             "It is the gland with both an endocrine job, insulin, and an exocrine job, digestive enzymes."),
            ("A patient with gallstones has epigastric pain going through to the back and a lipase three times normal. Which organ on {img} is inflamed?",
             "Pain through to the back with a lipase three times normal is the classic picture of this gland's inflammation."),
            ("Which retroperitoneal gland on {img} contains the islets of Langerhans?",
             "The islets of Langerhans live in this retroperitoneal gland.")],
         named=["Where is the pancreas on {img}?", "Can you find the pancreatic parenchyma on {img}?",
                "Which part of {img} is the pancreas?"],
         forbid=["pancrea"],
         know=["Its head sits in the C-shaped curve of the duodenum.",
               "Its exocrine part makes enzymes; its endocrine islets make insulin and glucagon."],
         pop=["The endocrine islets make up only about 1 to 2% of its mass."],
         nb=["The superior mesenteric artery arises from the aorta about 1 cm below the coeliac trunk.",
             "The splenic vein joins the superior mesenteric vein to form the portal vein."],
         analogy=["It's a bit like a factory with two production lines: one ships enzymes into the gut, the other ships hormones into the blood."],
         alt="a gland of this shape pushed off to one side would make me think of a mass effect, or of bowel rather than this organ"),
    dict(target="aorta", mod="CT", region="abdomen", ori="LP", img=AX_ABD, ell=[(132, 149, 10, 10)],
         others={"inferior vena cava": (0.43, 0.57), "vertebral body": (0.51, 0.70), "pancreas": (0.52, 0.42)},
         names=["the aorta"], syn=["the abdominal aorta", "the aorta"], what="vessel",
         q=[("Which vessel on {img} carries oxygenated blood from the heart down to the lower body?",
             "It is the main artery carrying oxygenated blood from the heart to the lower body."),
            ("A 70-year-old smoker has a pulsatile mass in the epigastrium. Which vessel on {img} should be segmented and measured?",
             "A pulsatile epigastric mass in an older smoker is an aneurysm of this vessel until proven otherwise."),
            ("Which artery on {img} gives off the coeliac trunk and the superior mesenteric artery?",
             "The coeliac trunk and the SMA both arise from it.")],
         named=["Where is the aorta on {img}?", "Can you find the abdominal aorta on {img}?",
                "Which part of {img} is the aorta?"],
         forbid=["aort"],
         know=["Its abdominal branches include the coeliac trunk, the SMA, the renal arteries and the IMA.",
               "In the abdomen a diameter above 3 cm is usually called aneurysmal."],
         pop=["Screening finds an aneurysm in a few percent of men over 65."],
         nb=["The left renal vein crosses in front of it just below the SMA origin.",
             "The IVC is the thinner-walled vein running up alongside it."],
         analogy=["Think of it as the main water pipe leaving the pump, with side branches to each room."],
         alt="an artery that far to one side would make me think of a tortuous, ectatic vessel or a different vessel altogether"),
    dict(target="gallbladder", mod="CT", region="abdomen", ori="LP", img=AX_ABD, ell=[(95, 105, 11, 15)],
         others={"liver": (0.30, 0.44), "duodenum": (0.45, 0.43), "stomach": (0.64, 0.38)},
         names=["the gallbladder"], syn=["the gallbladder"], what="structure",
         q=[("Which pear-shaped sac on {img} stores and concentrates bile?",
             "It is the pear-shaped sac that stores and concentrates bile between meals."),
            ("A 40-year-old has pain under the right ribs after fatty meals and a positive Murphy's sign. Which structure on {img} is the culprit?",
             "Pain after fatty meals with a positive Murphy's sign points straight at this bile reservoir."),
            ("Which hollow organ on {img} empties bile into the cystic duct after a fatty meal?",
             "It is the bile reservoir that empties through the cystic duct.")],
         named=["Where is the gallbladder on {img}?", "Can you find the gall bladder on {img}?",
                "Which part of {img} is the gallbladder?"],
         forbid=["gallbladder", "gall bladder", "gall-bladder", "cholecyst", "gall"],
         know=["It concentrates bile between meals and squeezes it into the duodenum after a fatty meal.",
               "Its wall is normally no thicker than about 3 mm."],
         pop=["Gallstones are found in roughly 10 to 15% of adults in Western countries, most of them silent."],
         nb=["The common bile duct runs down behind the first part of the duodenum.",
             "The stomach lies on the left side of the upper abdomen, under the diaphragm."],
         analogy=["Think of it as a storage tank next to a factory: bile is made continuously and kept here until a meal calls for it."],
         alt="a fluid-filled sac in the left upper abdomen would more likely be stomach or a cyst"),
    dict(target="stomach", mod="CT", region="abdomen", ori="LP", img=AX_ABD, ell=[(160, 92, 30, 22)],
         others={"spleen": (0.76, 0.55), "pancreas": (0.52, 0.46), "liver": (0.32, 0.46)},
         names=["the stomach"], syn=["the gastric lumen and wall", "the stomach"], what="hollow organ",
         q=[("Which hollow organ on {img} secretes hydrochloric acid and pepsin?",
             "It is the hollow organ whose lining secretes acid and pepsin."),
            ("A patient vomits coffee-ground material after weeks of NSAIDs. Which organ on {img} is the likely source?",
             "Coffee-ground vomit after NSAIDs suggests bleeding from an ulcer in this organ."),
            ("Which J-shaped organ on {img} holds a meal for a few hours before passing it to the duodenum?",
             "It is the J-shaped reservoir upstream of the duodenum.")],
         named=["Where is the stomach on {img}?", "Can you find the gastric wall and lumen on {img}?",
                "Which part of {img} is the stomach?"],
         forbid=["stomach", "gastr"],
         know=["Its parietal cells secrete acid and intrinsic factor, which is needed to absorb vitamin B12.",
               "The lesser omentum joins it to the liver."],
         pop=["Helicobacter pylori colonises roughly half of the world's population."],
         nb=["The spleen sits under the left lower ribs, against the diaphragm.",
             "The duodenum curves around the head of the pancreas."],
         analogy=["It's like a cement mixer: it churns food with acid and enzymes before letting small amounts out at a time."],
         alt="a large air-filled organ on the right would make me think of the duodenum or the hepatic flexure of the colon"),
    dict(target="liver tumors", mod="CT", region="abdomen", ori="LP", img=AX_ABD, jit=1, lesions=True,
         ell=[(70, 100, 8, 8), (95, 125, 10, 9), (80, 152, 6, 6)],
         others={"spleen": (0.76, 0.55), "inferior vena cava": (0.46, 0.56)},
         names=["the liver tumors"], syn=["the liver lesions", "the hepatic lesions", "the liver tumours"], what="focal abnormalities", plural=True,
         q=[("A patient treated for colorectal cancer has a rising CEA. Which focal abnormalities on {img} explain it?",
             "A rising CEA after colorectal cancer is most often explained by deposits in the organ that makes bile."),
            ("On {img}, which hypodense focal abnormalities inside the bile-producing organ need outlining for the MDT?",
             "The hypodense foci inside the bile-producing organ are what the MDT will want measured."),
            ("Which rounded low-density foci on {img}, sitting within the organ that stores glycogen, should be segmented?",
             "These low-density foci sit within the glycogen-storing organ.")],
         named=["Where are the liver tumours on {img}?", "Can you find the hepatic tumors on {img}?",
                "Which parts of {img} are liver tumors?"],
         forbid=["liver", "hepat", "tumor", "tumour", "neoplas", "metasta", "hcc", "carcinoma"],
         know=["On portal-venous phase, colorectal metastases usually look hypodense with ill-defined margins.",
               "Segment-by-segment mapping matters because it decides whether resection is possible."],
         pop=["Roughly half of patients with colorectal cancer develop liver metastases at some point."],
         nb=["The IVC runs up behind the caudate lobe.", "The spleen sits under the left lower ribs."],
         analogy=["Think of them as stones dropped into a sponge: the organ around them is still there, but these spots are different tissue."],
         alt="lesions on the left would sit in the left lobe or even the spleen, which changes the differential"),
    dict(target="adrenal glands", mod="CT", region="abdomen", ori="LP", img=AX_ABD, jit=1,
         ell=[(108, 140, 5, 9), (150, 138, 5, 9)],
         others={"liver": (0.30, 0.42), "stomach": (0.64, 0.36)},
         names=["the adrenal glands"], syn=["the adrenals", "both adrenal glands"], what="glands", plural=True,
         q=[("Which small paired glands on {img} make cortisol and aldosterone?",
             "These are the small paired glands that make cortisol and aldosterone."),
            ("A patient has resistant hypertension and a low potassium. Which small paired glands on {img} should be segmented?",
             "Resistant hypertension with low potassium suggests aldosterone excess, so these glands are the ones to look at."),
            ("Which paired glands on {img} sit on top of the urine-producing organs and secrete epinephrine?",
             "They cap the urine-producing organs and their medulla secretes epinephrine.")],
         named=["Where are the adrenal glands on {img}?", "Can you find the suprarenal glands on {img}?",
                "Which parts of {img} are the adrenals?"],
         forbid=["adrenal", "suprarenal"],
         know=["The cortex makes cortisol and aldosterone; the medulla makes epinephrine.",
               "On CT they look like thin inverted Y or V shapes."],
         pop=["Incidental nodules in them turn up on roughly 4% of abdominal CT scans."],
         nb=["The right one typically sits just behind the IVC, and the left one beside the aorta."],
         analogy=["Think of them as two small hats perched on top of the filtering organs."],
         alt="a one-sided outline would raise the question of a unilateral adenoma or a gland missing from the slice"),
    dict(target="kidney cysts", mod="CT", region="abdomen", ori="LP", img=AX_ABD, jit=1, lesions=True,
         ell=[(85, 150, 7, 7), (92, 173, 5, 5), (170, 158, 8, 8)],
         others={"liver": (0.30, 0.42), "aorta": (0.51, 0.55)},
         names=["the kidney cysts"], syn=["the renal cysts", "the cysts"], what="lesions", plural=True,
         q=[("Which round, water-density lesions on {img}, in the organs that make urine, need segmenting?",
             "They are round, water-density lesions in the urine-producing organs."),
            ("On {img}, which thin-walled, non-enhancing lesions would you grade with the Bosniak system?",
             "Thin-walled, non-enhancing, water-density lesions are exactly what the Bosniak system grades."),
            ("A 62-year-old has an incidental finding on a staging scan. Which fluid-filled lesions on {img} should be outlined?",
             "These fluid-filled lesions are a very common incidental finding at this age.")],
         named=["Where are the kidney cysts on {img}?", "Can you find the renal cysts on {img}?",
                "Which parts of {img} are cystic renal lesions?"],
         forbid=["kidney", "renal", "nephr", "cyst"],
         know=["Simple ones are thin-walled, water-density and do not enhance, which makes them Bosniak category I.",
               "Septa, calcification or enhancing nodules push them up the Bosniak scale."],
         pop=["Simple ones are found in roughly a quarter of people over 50."],
         nb=["The left renal vein crosses in front of the aorta.", "The liver sits above the right kidney."],
         analogy=["Think of them as water balloons embedded in the organ: smooth, thin-walled and full of fluid."],
         alt="if they were all on one side I'd still think incidental, but a one-sided cluster makes localised cystic disease more likely"),
    # ---------------- axial pelvis (LP) ----------------
    dict(target="urinary bladder", mod="CT", region="pelvis", ori="LP", img=AX_PELV_CT, ell=[(128, 100, 28, 22)],
         others={"rectum": (0.50, 0.66), "left femoral head": (0.76, 0.50), "right femoral head": (0.24, 0.50)},
         names=["the urinary bladder"], syn=["the bladder", "the urinary bladder"], what="hollow organ",
         q=[("Which hollow organ on {img} stores urine until voiding?",
             "It is the muscular reservoir that stores urine until voiding."),
            ("An elderly man cannot pass urine and has suprapubic pain. Which organ on {img} would you segment to estimate its volume?",
             "Acute retention distends this urine reservoir, so its volume is what you want."),
            ("Which muscular reservoir on {img} has the detrusor in its wall?",
             "The detrusor muscle forms the wall of this reservoir.")],
         named=["Where is the urinary bladder on {img}?", "Can you find the bladder on {img}?",
                "Which part of {img} is the vesical lumen?"],
         forbid=["bladder", "vesic", "cyst"],
         know=["Its wall contains the detrusor muscle, which contracts during voiding.",
               "The ureters enter it obliquely, which works as a one-way valve."],
         pop=["A normal adult capacity is roughly 400 to 600 mL."],
         nb=["The rectum runs down in front of the sacrum.", "The femoral heads sit in the acetabula on either side of the pelvis."],
         analogy=["Think of it as a stretchy balloon with a muscular wall: it fills quietly and squeezes when told to."],
         alt="a reservoir pushed to one side would make me look for a pelvic mass or haematoma on the other side"),
    dict(target="prostate", mod="MR", region="pelvis", ori="LP", img=AX_PELV_MR, ell=[(128, 138, 14, 12)],
         others={"rectum": (0.50, 0.66), "pubic symphysis": (0.50, 0.36)},
         names=["the prostate"], syn=["the prostate gland", "the prostate"], what="gland",
         q=[("Which walnut-sized gland on {img} surrounds the male urethra just below the bladder?",
             "It is the walnut-sized gland wrapped around the male urethra below the bladder."),
            ("A 68-year-old man has nocturia and a weak stream. Which gland on {img} would you segment?",
             "Nocturia and a weak stream in an older man point to enlargement of this gland."),
            ("Which gland on {img} has a peripheral zone where most cancers arise and a transition zone where benign hyperplasia develops?",
             "Its peripheral and transition zones are exactly what that question describes.")],
         named=["Where is the prostate on {img}?", "Can you find the prostate gland on {img}?",
                "Which part of {img} is prostatic tissue?"],
         forbid=["prostat", "psa", "bph", "pi-rads"],
         know=["It has a peripheral zone, where most cancers arise, and a transition zone, where benign hyperplasia develops.",
               "On T2-weighted MR the normal peripheral zone is bright."],
         pop=["About half of men in their sixties have some degree of benign hyperplasia."],
         nb=["The seminal vesicles sit above it, behind the bladder.", "The rectum lies just in front of the sacrum and coccyx."],
         analogy=["Think of it as a doughnut around a straw: the urethra runs through the middle, so when it swells the flow gets pinched."],
         alt="a gland off to one side would make me suspect I'm looking at something else, such as a seminal vesicle or a lymph node"),
    dict(target="uterus", mod="MR", region="pelvis", ori="LP", img=AX_PELV_MR, ell=[(126, 120, 30, 22)],
         others={"urinary bladder": (0.50, 0.32), "rectum": (0.50, 0.70), "left ovary": (0.70, 0.50),
                 "right ovary": (0.30, 0.50)},
         names=["the uterus"], syn=["the uterine body", "the uterus"], what="organ",
         q=[("Which muscular organ on {img} is where a fertilised egg implants?",
             "It is the muscular organ where a fertilised egg implants."),
            ("A 42-year-old has heavy periods and a bulky pelvis on examination; fibroids are suspected. Which organ on {img} should be segmented?",
             "Fibroids arise from the wall of this organ, so it is the one to outline."),
            ("Which pear-shaped organ on {img} has an endometrium and a myometrium?",
             "Endometrium and myometrium are the layers of this pear-shaped organ.")],
         named=["Where is the uterus on {img}?", "Can you find the uterine body on {img}?",
                "Which part of {img} is the womb?"],
         forbid=["uter", "womb"],
         know=["Its wall has three layers: endometrium, myometrium and serosa.",
               "On T2-weighted MR the junctional zone shows as a dark band inside the myometrium."],
         pop=["Fibroids are found in up to 70% of women by the age of 50."],
         nb=["The ovaries usually lie in the ovarian fossae on the side walls of the pelvis.",
             "The rectum lies in front of the sacrum."],
         analogy=["Think of it as a thick-walled muscular pouch that can stretch enormously and then shrink back."],
         alt="a uterus deviated to one side can be normal, but I'd also check for an adnexal mass pushing it across"),
    dict(target="ovaries", mod="MR", region="pelvis", ori="LP", img=AX_PELV_MR, jit=1,
         ell=[(80, 128, 10, 8), (176, 126, 10, 8)],
         others={"rectum": (0.50, 0.68), "urinary bladder": (0.50, 0.33)},
         names=["the ovaries"], syn=["both ovaries", "the ovaries"], what="paired organs", plural=True,
         q=[("Which paired organs on {img} produce oocytes and oestrogen?",
             "These are the paired organs that produce oocytes and oestrogen."),
            ("A 25-year-old with irregular cycles and hirsutism: which paired organs on {img} would you segment to count follicles?",
             "Irregular cycles with hirsutism raise the question of polycystic morphology in these organs."),
            ("Which paired almond-shaped organs on {img} contain follicles?",
             "These almond-shaped paired organs carry the follicles.")],
         named=["Where are the ovaries on {img}?", "Can you find both ovaries on {img}?",
                "Which parts of {img} are ovarian tissue?"],
         forbid=["ovar", "oophor", "adnex"],
         know=["Each one contains follicles at different stages of maturation.",
               "They hang from the broad ligament by the mesovarium."],
         pop=["Polycystic ovary syndrome affects roughly 6 to 13% of women of reproductive age."],
         nb=["The urinary bladder sits behind the pubic symphysis.", "The rectum runs down in front of the sacrum."],
         analogy=["Think of them as two small seed banks, each holding follicles that mature a few at a time."],
         alt="a one-sided outline would make me ask whether the other one was removed or simply out of plane"),
    dict(target="femoral heads", mod="CT", region="pelvis", ori="LP", img=AX_PELV_CT,
         ell=[(62, 130, 20, 20), (194, 130, 20, 20)],
         others={"urinary bladder": (0.50, 0.38), "rectum": (0.50, 0.66)},
         names=["the femoral heads"], syn=["both femoral heads", "the femoral heads"], what="bony structures", plural=True,
         q=[("Which bony structures on {img} form the balls of the ball-and-socket joints that carry the body's weight?",
             "They are the balls of the weight-bearing ball-and-socket joints."),
            ("A patient on long-term steroids has groin pain and avascular necrosis is suspected. Which bony structures on {img} should be segmented?",
             "Steroid-related avascular necrosis classically hits these bony structures."),
            ("Which rounded bony structures on {img} sit in the acetabula?",
             "These rounded bony structures are the ones seated in the acetabula.")],
         named=["Where are the femoral heads on {img}?", "Can you find both femoral heads on {img}?",
                "Which parts of {img} are the heads of the femurs?"],
         forbid=["femor", "femur"],
         know=["Their blood supply comes mainly from the medial circumflex femoral artery, which a displaced neck fracture can tear.",
               "Each sits in the acetabulum, deepened by the labrum."],
         pop=["Avascular necrosis follows roughly 15 to 30% of displaced intracapsular neck fractures."],
         nb=["The urinary bladder sits behind the pubic symphysis.", "The rectum lies in front of the sacrum."],
         analogy=["Think of each one as a ball in a socket, like the ball of a joystick."],
         alt="a single one would fit a one-sided hip replacement, where the other side would be metal"),
    dict(target="rectum", mod="MR", region="pelvis", ori="LP", img=AX_PELV_MR, ell=[(128, 170, 14, 13)],
         others={"urinary bladder": (0.50, 0.40), "sacrum": (0.50, 0.82)},
         names=["the rectum"], syn=["the rectal wall and lumen", "the rectum"], what="bowel segment",
         q=[("Which final segment of the large bowel on {img} sits just above the anal canal?",
             "It is the last segment of the large bowel before the anal canal."),
            ("A 60-year-old has tenesmus and fresh blood on the stool. Which bowel segment on {img} should be segmented for local staging?",
             "Tenesmus with fresh blood points at the last segment of the large bowel."),
            ("Which bowel segment on {img} can be reached with a finger on digital examination?",
             "It is the bowel segment within reach of a digital examination.")],
         named=["Where is the rectum on {img}?", "Can you find the rectal wall on {img}?",
                "Which part of {img} is the rectum?"],
         forbid=["rect", "proct"],
         know=["It's about 12 to 15 cm long and is staged on MR using the mesorectal fascia as the key landmark.",
               "Its upper third is covered by peritoneum in front and at the sides."],
         pop=["About a third of colorectal cancers arise in it."],
         nb=["The sacrum and coccyx form the back wall of the pelvis.", "The urinary bladder sits behind the pubic symphysis."],
         analogy=["Think of it as the holding bay at the end of a conveyor belt."],
         alt="bowel off to one side at this level would more likely be sigmoid colon"),
    dict(target="psoas muscles", mod="CT", region="abdomen", ori="LP", img=AX_ABD, jit=1,
         ell=[(105, 170, 10, 14), (151, 170, 10, 14)],
         others={"aorta": (0.51, 0.55), "vertebral body": (0.50, 0.66)},
         names=["the psoas muscles"], syn=["both psoas muscles", "the psoas muscles"], what="paired muscles", plural=True,
         q=[("Which paired muscles on {img} run alongside the lumbar spine and flex the thigh?",
             "They are the paired muscles beside the lumbar spine that flex the thigh."),
            ("A patient has fever, back pain and pain on hip extension; an abscess is suspected. Which paired muscles on {img} would you segment?",
             "Pain on hip extension with fever is the classic sign of an abscess in these muscles."),
            ("Which paired muscles on {img} are measured at L3 in many sarcopenia studies?",
             "Sarcopenia studies often measure these paired muscles at L3.")],
         named=["Where are the psoas muscles on {img}?", "Can you find both psoas on {img}?",
                "Which parts of {img} are the iliopsoas muscles?"],
         forbid=["psoas", "iliopsoas"],
         know=["They arise from the lumbar vertebrae and insert, with iliacus, on the lesser trochanter.",
               "The lumbar plexus forms within their substance."],
         pop=["In many sarcopenia studies, muscle area is measured at the level of the third lumbar vertebra."],
         nb=["The aorta runs down in front of the vertebral bodies.", "The IVC lies to the right of the aorta."],
         analogy=["Think of them as two ropes running from the spine down to the thigh: when they pull, the hip bends."],
         alt="a one-sided outline would make me look for asymmetry, such as an abscess or haematoma on that side"),
    # ---------------- axial CT chest (LP) ----------------
    dict(target="heart", mod="CT", region="chest", ori="LP", img=AX_CHEST, ell=[(148, 106, 42, 36)],
         others={"descending aorta": (0.56, 0.66), "esophagus": (0.49, 0.62), "right lung": (0.25, 0.50)},
         names=["the heart"], syn=["the cardiac silhouette", "the heart"], what="organ",
         q=[("Which muscular organ on {img} pumps blood through both circulations?",
             "It is the muscular pump for the pulmonary and systemic circulations."),
            ("A patient has crushing central chest pain and ST elevation. Which organ on {img} is at risk?",
             "Chest pain with ST elevation means this organ's muscle is at risk."),
            ("Which four-chambered organ on {img} sits in the middle mediastinum?",
             "It is the four-chambered organ of the middle mediastinum.")],
         named=["Where is the heart on {img}?", "Can you find the cardiac chambers on {img}?",
                "Which part of {img} is the heart?"],
         forbid=["heart", "cardi", "myocard", "coronar"],
         know=["It has four chambers, and the left ventricle has the thickest wall because it pumps against systemic pressure.",
               "It sits inside the pericardial sac in the middle mediastinum."],
         pop=["On a PA chest film, a cardiothoracic ratio above 50% is usually called enlarged."],
         nb=["The descending aorta runs down on the left side of the spine.",
             "The oesophagus runs behind the left atrium."],
         analogy=["Think of it as a double pump: the right side pushes blood through the lungs, the left side through the rest of the body."],
         alt="it would mean dextrocardia or a big mediastinal shift, which would need explaining"),
    dict(target="lungs", mod="CT", region="chest", ori="LP", img=AX_CHEST,
         ell=[(75, 125, 38, 60), (182, 125, 36, 58)],
         others={"heart": (0.58, 0.42), "vertebral body": (0.50, 0.76)},
         names=["the lungs"], syn=["both lungs", "the lungs"], what="paired organs", plural=True,
         q=[("Which paired organs on {img} are responsible for gas exchange?",
             "These are the paired gas-exchange organs."),
            ("A smoker with progressive breathlessness has an obstructive pattern on spirometry. Which paired organs on {img} would you segment to quantify emphysema?",
             "Emphysema is quantified over these paired gas-exchange organs."),
            ("Which paired air-filled organs on {img} contain the alveoli?",
             "The alveoli are in these paired air-filled organs.")],
         named=["Where are the lungs on {img}?", "Can you find both lungs on {img}?",
                "Which parts of {img} are pulmonary parenchyma?"],
         forbid=["lung", "pulmo", "pneum"],
         know=["Gas exchange happens across roughly 300 million alveoli.",
               "Emphysema shows as low-attenuation areas without visible walls."],
         pop=["The right one has three lobes and the left one two, partly because the heart takes up room on the left."],
         nb=["The trachea divides at the carina into the two main bronchi.",
             "The descending aorta runs down on the left side of the spine."],
         analogy=["Think of them as two sponges full of tiny air sacs, with blood flowing through the walls."],
         alt="a one-sided outline would point to a pneumonectomy or a complete collapse on the other side"),
    dict(target="right lung", mod="CT", region="chest", ori="LP", img=AX_CHEST, ell=[(78, 125, 40, 60)],
         others={"heart": (0.58, 0.42), "left lung": (0.71, 0.49)},
         names=["the right lung"], syn=["the right lung"], what="organ",
         q=[("Of the two gas-exchange organs on {img}, which one has three lobes? Segment that one only.",
             "It is the gas-exchange organ with three lobes."),
            ("A child aspirated a peanut into the wider, more vertical main bronchus. Which gas-exchange organ on {img} is affected?",
             "The wider, more vertical main bronchus feeds this gas-exchange organ."),
            ("Which gas-exchange organ on {img} has a horizontal fissure?",
             "Only this gas-exchange organ has a horizontal fissure.")],
         named=["Where is the right lung on {img}?", "Can you find the right pulmonary parenchyma on {img}?",
                "Which part of {img} is the right lung?"],
         forbid=["lung", "pulmo", "pneum"],
         know=["It has upper, middle and lower lobes, separated by the horizontal and oblique fissures."],
         pop=["It accounts for roughly 55% of total lung function."],
         nb=["The heart bulges more into the left side of the chest.", "The trachea divides at the carina."],
         analogy=["Think of it as a sponge divided into three rooms by two walls, the fissures."],
         alt="that would be the left lung, with two lobes rather than three"),
    dict(target="left lung", mod="CT", region="chest", ori="LP", img=AX_CHEST, ell=[(180, 128, 36, 58)],
         others={"heart": (0.58, 0.42), "descending aorta": (0.56, 0.66)},
         names=["the left lung"], syn=["the left lung"], what="organ",
         q=[("Of the two gas-exchange organs on {img}, which one has only two lobes and a lingula? Segment that one.",
             "It is the gas-exchange organ with two lobes and a lingula."),
            ("Which gas-exchange organ on {img} has the cardiac notch?",
             "The cardiac notch is cut into this gas-exchange organ."),
            ("Which gas-exchange organ on {img} has a lingula?",
             "The lingula belongs to this gas-exchange organ.")],
         named=["Where is the left lung on {img}?", "Can you find the left pulmonary parenchyma on {img}?",
                "Which part of {img} is the left lung?"],
         forbid=["lung", "pulmo"],
         know=["It has an upper lobe with the lingula and a lower lobe, separated by the oblique fissure."],
         pop=["It provides a bit under half of total ventilation, roughly 45%."],
         nb=["The descending aorta runs down on the left side of the spine.", "The heart sits in the middle mediastinum, bulging to the left."],
         analogy=["Think of it as a sponge that had to make room for the heart, so it has only two rooms."],
         alt="that would be the right lung, with three lobes"),
    dict(target="esophagus", mod="CT", region="chest", ori="LP", img=AX_CHEST, jit=1, ell=[(128, 162, 6, 6)],
         others={"descending aorta": (0.57, 0.64), "heart": (0.58, 0.42), "vertebral body": (0.50, 0.76)},
         names=["the esophagus"], syn=["the oesophagus", "the esophagus"], what="structure",
         q=[("Which muscular tube on {img} carries food from the pharynx to the stomach?",
             "It is the muscular tube between the pharynx and the stomach."),
            ("A patient has progressive difficulty swallowing solids and weight loss. Which structure on {img} should be segmented?",
             "Progressive dysphagia to solids with weight loss points at this tube."),
            ("Which tube in the posterior mediastinum on {img} has a lower sphincter at the gastric cardia?",
             "This tube ends at a lower sphincter above the gastric cardia.")],
         named=["Where is the oesophagus on {img}?", "Can you find the esophagus on {img}?",
                "Which part of {img} is the gullet?"],
         forbid=["esophag", "oesophag", "gullet"],
         know=["Its upper third is skeletal muscle and its lower third smooth muscle.",
               "It has no serosa, which lets tumours spread early."],
         pop=["It's about 25 cm long in an adult."],
         nb=["The descending aorta runs down on the left side of the spine.", "The left atrium is the most posterior chamber of the heart."],
         analogy=["Think of it as a muscular conveyor belt that squeezes food down in waves."],
         alt="a tube displaced well to one side would make me look for mediastinal shift or a mass pushing it"),
    dict(target="lung nodules", mod="CT", region="chest", ori="LP", img=AX_CHEST, jit=1, lesions=True,
         ell=[(70, 100, 5, 5), (190, 140, 6, 6), (95, 160, 4, 4)],
         others={"heart": (0.58, 0.42), "vertebral body": (0.50, 0.78)},
         names=["the lung nodules"], syn=["the pulmonary nodules", "the nodules"], what="small opacities", plural=True,
         q=[("On this low-dose screening CT, which small round opacities should be segmented and tracked?",
             "Small round opacities on a screening CT are what we measure and track."),
            ("A 64-year-old ex-smoker is in a screening programme. Which small focal opacities on {img} need measuring?",
             "These small focal opacities are what a screening read measures."),
            ("Which rounded focal opacities on {img} need follow-up under the Fleischner guidelines?",
             "The Fleischner guidelines cover exactly these rounded focal opacities.")],
         named=["Where are the lung nodules on {img}?", "Can you find the pulmonary nodules on {img}?",
                "Which parts of {img} are nodules?"],
         forbid=["nodul", "lung", "pulmo", "pneum"],
         know=["Solid ones under 6 mm in a low-risk patient usually need no routine follow-up under Fleischner guidance.",
               "Growth over time matters more than any single measurement."],
         pop=["In the NLST, roughly a quarter of baseline low-dose CT screens were called positive, and almost all of those findings were benign."],
         nb=["The heart sits in the middle mediastinum, bulging to the left.", "The azygos vein arches over the right main bronchus."],
         analogy=["Think of them as pebbles scattered through two sponges: each one is counted and measured on its own."],
         alt="if they were all on one side I'd think more about a localised process such as infection"),
    dict(target="pleural effusion", mod="CT", region="chest", ori="LP", img=AX_CHEST, ell=[(80, 185, 38, 18)],
         others={"right lung": (0.30, 0.45), "heart": (0.58, 0.42), "vertebral body": (0.50, 0.75)},
         names=["the pleural effusion"], syn=["the effusion", "the pleural fluid"], what="fluid collection",
         q=[("A patient with heart failure is dull to percussion at one base. Which fluid collection on {img} should be segmented?",
             "Dullness at a base in heart failure is usually fluid between the chest wall and the gas-exchange organ."),
            ("Which dependent fluid collection on {img} would blunt the costophrenic angle on a film?",
             "It is the dependent fluid that blunts the costophrenic angle."),
            ("Which crescent of fluid-density material on {img} sits in the space around the gas-exchange organ?",
             "The crescent of fluid density sits in the space around the gas-exchange organ.")],
         named=["Where is the pleural effusion on {img}?", "Can you find the pleural fluid on {img}?",
                "Which part of {img} is the effusion?"],
         forbid=["pleur", "effusion", "hydrothorax"],
         know=["Light's criteria separate transudates from exudates using protein and LDH ratios.",
               "It layers dependently, so on a supine scan it collects at the back."],
         pop=["Heart failure is the commonest cause of transudates, and a large share of them are bilateral."],
         nb=["The heart sits in the middle mediastinum, bulging to the left.", "The azygos vein arches over the right main bronchus."],
         analogy=["Think of it as water pooling at the bottom of a tilted glass: it settles wherever is lowest."],
         alt="a collection on the left would raise other questions, such as pancreatitis or an aortic leak"),
    # ---------------- axial MR head (LP) ----------------
    dict(target="brain metastases", mod="MR", region="brain", ori="LP", jit=1, lesions=True,
         img=["this axial post-contrast T1 MR image", "this axial contrast-enhanced MR slice"],
         ell=[(90, 90, 9, 9), (170, 150, 7, 7), (150, 80, 5, 5)],
         others={"lateral ventricles": (0.50, 0.50), "pineal gland": (0.50, 0.56)},
         names=["the brain metastases"], syn=["the metastases", "the enhancing deposits"], what="lesions", plural=True,
         q=[("A patient with known lung cancer has new headaches and a seizure. Which enhancing lesions on {img} should be segmented?",
             "In a patient with lung cancer, new enhancing lesions like these are deposits from the primary until proven otherwise."),
            ("On {img}, which multiple ring-enhancing deposits at the grey-white junction need outlining for radiosurgery planning?",
             "Multiple ring-enhancing deposits at the grey-white junction are the classic pattern of spread from a distant primary."),
            ("A woman treated for breast cancer now has confusion. Which multiple enhancing lesions on {img} should be outlined?",
             "Breast cancer is one of the commonest primaries to spread to the head, and these enhancing foci fit.")],
         named=["Where are the brain metastases on {img}?", "Can you find the cerebral metastases on {img}?",
                "Which parts of {img} are mets?"],
         forbid=["metasta", "mets", "secondar", "brain", "cerebr"],
         know=["They tend to sit at the grey-white matter junction, where vessels narrow and tumour cells lodge.",
               "Surrounding vasogenic oedema is often out of proportion to their size."],
         pop=["Somewhere around 20 to 40% of adults with cancer develop them."],
         nb=["The pineal gland sits in the midline behind the third ventricle.", "The falx separates the two hemispheres."],
         analogy=["Think of them as seeds blown in from a distant plant: each one has landed and grown on its own."],
         alt="if they were all in one hemisphere, I'd also consider a single primary tumour with satellite lesions"),
    dict(target="lateral ventricles", mod="MR", region="brain", ori="LP", img=AX_BRAIN, jit=1,
         ell=[(117, 125, 7, 22), (139, 125, 7, 22)],
         others={"corpus callosum genu": (0.50, 0.36), "pineal gland": (0.50, 0.60)},
         names=["the lateral ventricles"], syn=["the lateral ventricles", "the ventricles"], what="fluid spaces", plural=True,
         q=[("Which CSF-filled cavities on {img} enlarge in hydrocephalus?",
             "These CSF-filled cavities are the ones that balloon in hydrocephalus."),
            ("A patient with a shunt has worsening headaches and drowsiness. Which fluid spaces on {img} would you segment to check for shunt failure?",
             "Shunt failure shows up as these CSF spaces enlarging again."),
            ("Which paired CSF spaces on {img} contain most of the choroid plexus?",
             "Most of the choroid plexus hangs inside these paired CSF spaces.")],
         named=["Where are the lateral ventricles on {img}?", "Can you find the ventricles on {img}?",
                "Which parts of {img} are the lateral ventricles?"],
         forbid=["ventric"],
         know=["The choroid plexus inside them produces most of the CSF.",
               "The septum pellucidum separates the two frontal horns."],
         pop=["The choroid plexus makes roughly 500 mL of CSF a day, turning the whole volume over three to four times."],
         nb=["The pineal gland sits in the midline behind the third ventricle.", "The corpus callosum arches over them."],
         analogy=["Think of them as two connected water tanks in the middle of a house, with a thin wall between them."],
         alt="if they were pushed to one side, that would be midline shift from a mass or bleed"),
    dict(target="glioma", mod="MR", region="brain", ori="LP", img=AX_BRAIN, ell=[(85, 106, 24, 20)],
         others={"lateral ventricles": (0.50, 0.50), "pineal gland": (0.50, 0.56)},
         names=["the glioma"], syn=["the tumour", "the glioma"], what="lesion",
         q=[("A 58-year-old has new seizures and personality change. Which infiltrative, FLAIR-bright intra-axial lesion on {img} should be segmented?",
             "A new infiltrative FLAIR-bright intra-axial lesion in a 58-year-old with seizures is a primary tumour of the supporting cells until proven otherwise."),
            ("Which primary intra-axial neoplasm on {img}, graded with the WHO CNS system, needs outlining for surgical planning?",
             "It is the primary intra-axial neoplasm that the WHO CNS grading is built around."),
            ("Which poorly marginated primary lesion on {img}, classified by IDH status, should be outlined?",
             "IDH status is central to classifying this kind of primary lesion.")],
         named=["Where is the glioma on {img}?", "Can you find the glial tumour on {img}?",
                "Which part of {img} is the astrocytoma?"],
         forbid=["glio", "glia", "astrocyt", "gbm", "oligodendro"],
         know=["IDH mutation status and 1p/19q codeletion now sit at the centre of its classification.",
               "Its true margin usually extends beyond the visible signal change."],
         pop=["Glioblastoma accounts for roughly half of these tumours in adults."],
         nb=["The pineal gland sits in the midline behind the third ventricle.", "Language areas lie in the left hemisphere in most right-handed people."],
         analogy=["Think of it like ink soaking into paper: the edge you see is not where the tumour really stops."],
         alt="a lesion on the left near the language areas would change the surgical risk considerably"),
    dict(target="hippocampus", mod="MR", region="brain", ori="LP", img=AX_BRAIN, jit=1,
         ell=[(95, 150, 6, 14), (161, 150, 6, 14)],
         others={"midbrain": (0.50, 0.52), "orbits": (0.50, 0.20)},
         names=["the hippocampus"], syn=["the hippocampal formation", "the hippocampus"], what="paired structures",
         q=[("Which paired medial temporal structures on {img} are central to forming new memories?",
             "These medial temporal structures are central to laying down new memories."),
            ("A 74-year-old has progressive memory loss and Alzheimer's disease is suspected. Which paired structures on {img} would you segment to look for atrophy?",
             "Atrophy of these paired medial temporal structures is an early sign of Alzheimer's disease."),
            ("Which curved grey-matter structures on {img} line the floor of the temporal horns?",
             "These curved grey-matter structures form the floor of the temporal horns.")],
         named=["Where is the hippocampus on {img}?", "Can you find the hippocampal formations on {img}?",
                "Which parts of {img} are the hippocampi?"],
         forbid=["hippocamp"],
         know=["Their atrophy is one of the earliest imaging markers of Alzheimer's disease.",
               "They are named after the seahorse because of their curved shape."],
         pop=["Each one has a volume of only about 3 to 4 mL in adults."],
         nb=["The midbrain sits in the midline between the two temporal lobes.", "The orbits lie at the front of the skull base."],
         analogy=["Think of them as the save button for new memories: without them, new experiences don't get stored."],
         alt="a one-sided abnormality would suggest mesial temporal sclerosis, a classic cause of focal epilepsy"),
    dict(target="cerebellum", mod="MR", region="brain", ori="LP", img=AX_BRAIN, ell=[(128, 185, 50, 30)],
         others={"fourth ventricle": (0.50, 0.62), "pons": (0.50, 0.55)},
         names=["the cerebellum"], syn=["the cerebellar hemispheres and vermis", "the cerebellum"], what="structure",
         q=[("Which structure in the posterior fossa on {img} coordinates balance and fine movement?",
             "It is the posterior fossa structure that coordinates balance and fine movement."),
            ("A patient has an ataxic gait and an intention tremor. Which structure on {img} would you segment?",
             "Ataxia with an intention tremor localises to this structure."),
            ("Which folded structure on {img} has a vermis and two hemispheres?",
             "It has a vermis flanked by two hemispheres.")],
         named=["Where is the cerebellum on {img}?", "Can you find the cerebellar hemispheres on {img}?",
                "Which part of {img} is the cerebellum?"],
         forbid=["cerebell"],
         know=["It connects to the brainstem through three pairs of peduncles.",
               "Each side controls movement on the same side of the body."],
         pop=["It holds roughly 80% of the brain's neurons while making up only about 10% of its volume."],
         nb=["The fourth ventricle is bounded in front by the pons.", "The pons lies at the front of the posterior fossa."],
         analogy=["Think of it as the autopilot that smooths out every movement the rest of the brain plans."],
         alt="a lesion off to one side would give same-sided signs, since each half controls its own side of the body"),
    # ---------------- coronal CT / MR (LI) ----------------
    dict(target="liver", mod="CT", region="abdomen", ori="LI", img=COR_CT, ell=[(85, 95, 48, 40)],
         others={"right kidney": (0.34, 0.60), "spleen": (0.74, 0.40), "urinary bladder": (0.50, 0.88)},
         q=LIVER_Q, **LIVER_TXT),
    dict(target="kidneys", mod="CT", region="abdomen", ori="LI", img=COR_CT,
         ell=[(92, 150, 14, 28), (166, 154, 14, 28)],
         others={"liver": (0.33, 0.37), "urinary bladder": (0.50, 0.88), "spleen": (0.74, 0.38)}, **KIDNEYS_TXT),
    dict(target="spleen", mod="CT", region="abdomen", ori="LI", img=COR_CT, ell=[(185, 90, 20, 30)],
         others={"left kidney": (0.65, 0.58), "liver": (0.33, 0.37), "stomach": (0.60, 0.36)},
         names=["the spleen"], syn=["the splenic parenchyma", "the spleen"], what="organ",
         q=[("Which organ on {img} filters ageing red cells and is the one most often injured in blunt abdominal trauma?",
             "It is the organ that removes ageing red cells, and it is the solid organ most often injured in blunt trauma."),
            ("A teenager with glandular fever is told to avoid contact sport for a few weeks. Which organ on {img} is the reason?",
             "Glandular fever enlarges this organ and makes it prone to rupture."),
            ("Which lymphoid organ on {img} sits under the diaphragm and clears encapsulated bacteria?",
             "It is the lymphoid organ that clears encapsulated bacteria.")],
         named=["Where is the spleen on {img}?", "Can you find the splenic parenchyma on {img}?", "Which part of {img} is the spleen?"],
         forbid=["spleen", "splen", "lien"],
         know=["Its red pulp filters the blood while its white pulp handles immune responses."],
         pop=["Accessory spleens turn up in roughly 10 to 30% of people at autopsy."],
         nb=["The liver, on the right, is normally several times larger.", "The left kidney sits in the retroperitoneum."],
         analogy=["It works a bit like a pool filter, pulling worn-out red cells and debris out of circulation."],
         alt="the liver would be the obvious candidate instead"),
    dict(target="urinary bladder", mod="MR", region="pelvis", ori="LI", img=COR_MR, ell=[(128, 200, 26, 20)],
         others={"uterus": (0.50, 0.65), "left femoral head": (0.78, 0.68), "right femoral head": (0.22, 0.68)},
         names=["the urinary bladder"], syn=["the bladder", "the urinary bladder"], what="hollow organ",
         q=[("Which hollow organ on {img} stores urine until voiding?",
             "It is the muscular reservoir that stores urine until voiding."),
            ("A woman has frequency and suprapubic pain; the urologist wants a volume estimate. Which organ on {img} should be segmented?",
             "Frequency and suprapubic pain point at this urine reservoir."),
            ("Which muscular reservoir on {img} has the detrusor in its wall?",
             "The detrusor muscle forms the wall of this reservoir.")],
         named=["Where is the urinary bladder on {img}?", "Can you find the bladder on {img}?",
                "Which part of {img} is the vesical lumen?"],
         forbid=["bladder", "vesic", "cyst"],
         know=["Its wall contains the detrusor muscle, which contracts during voiding.",
               "The ureters enter it obliquely, which works as a one-way valve."],
         pop=["A normal adult capacity is roughly 400 to 600 mL."],
         nb=["The uterus normally tilts forward over its dome.", "The femoral heads sit in the acetabula on either side of the pelvis."],
         analogy=["Think of it as a stretchy balloon with a muscular wall: it fills quietly and squeezes when told to."],
         alt="a reservoir pushed to one side would make me look for a pelvic mass or haematoma on the other side"),
    dict(target="psoas muscles", mod="CT", region="abdomen", ori="LI", img=COR_CT, jit=1,
         ell=[(106, 165, 9, 40), (150, 165, 9, 40)],
         others={"liver": (0.33, 0.37), "urinary bladder": (0.50, 0.92)},
         names=["the psoas muscles"], syn=["both psoas muscles", "the psoas muscles"], what="paired muscles", plural=True,
         q=[("Which paired muscles on {img} run alongside the lumbar spine and flex the thigh?",
             "They are the paired muscles beside the lumbar spine that flex the thigh."),
            ("A patient has fever, back pain and pain on hip extension; an abscess is suspected. Which paired muscles on {img} would you segment?",
             "Pain on hip extension with fever is the classic sign of an abscess in these muscles.")],
         named=["Where are the psoas muscles on {img}?", "Can you find both psoas on {img}?",
                "Which parts of {img} are the iliopsoas muscles?"],
         forbid=["psoas", "iliopsoas"],
         know=["They arise from the lumbar vertebrae and insert, with iliacus, on the lesser trochanter."],
         pop=["In many sarcopenia studies, muscle area is measured at the level of the third lumbar vertebra."],
         nb=["The liver fills the right upper abdomen under the diaphragm.", "The urinary bladder sits low in the pelvis behind the pubic symphysis."],
         analogy=["Think of them as two ropes running from the spine down to the thigh: when they pull, the hip bends."],
         alt="a one-sided outline would make me look for asymmetry, such as an abscess or haematoma on that side"),
    # ---------------- chest X-ray (XR, LI) ----------------
    dict(target="lungs", mod="XR", region="chest", ori="LI", img=CXR, zones=True,
         ell=[(80, 120, 40, 70), (178, 120, 38, 68)],
         others={"heart": (0.58, 0.62), "trachea": (0.50, 0.20)},
         names=["the lungs"], syn=["both lungs", "the lung fields"], what="paired organs", plural=True,
         q=[("Which paired air-filled organs on {img} make up most of the dark area of the chest?",
             "The dark, air-filled areas are the paired gas-exchange organs."),
            ("A patient with COPD is breathless; which paired organs on {img} would you segment to look for hyperexpansion?",
             "Hyperexpansion in COPD is judged on these paired gas-exchange organs."),
            ("Which paired organs on {img} hold the alveoli?", "The alveoli are in these paired organs.")],
         named=["Where are the lungs on {img}?", "Can you find the lung fields on {img}?",
                "Which parts of {img} are pulmonary parenchyma?"],
         forbid=["lung", "pulmo", "pneum"],
         know=["Gas exchange happens across roughly 300 million alveoli.",
               "Counting ribs above the diaphragm is the quick check for hyperexpansion."],
         pop=["More than six to seven anterior ribs above the diaphragm suggests hyperexpansion."],
         nb=["The trachea divides at the carina into the two main bronchi.",
             "The right hemidiaphragm usually sits a little higher than the left, because of the liver."],
         analogy=["Think of them as two balloons inside a rib cage, with the heart tucked in between."],
         alt="a one-sided outline would point to a pneumonectomy or a complete white-out on the other side"),
    dict(target="heart", mod="XR", region="chest", ori="LI", img=CXR, ell=[(146, 150, 40, 32)],
         others={"trachea": (0.50, 0.22), "right lung": (0.31, 0.47), "left hemidiaphragm": (0.68, 0.74)},
         names=["the heart"], syn=["the cardiac silhouette", "the heart"], what="organ",
         q=[("A patient has swollen ankles and orthopnoea. Which organ's outline on {img} would you segment to judge enlargement?",
             "Ankle swelling with orthopnoea raises the question of failure and enlargement of this organ."),
            ("Which organ on {img} do you measure against the thoracic width to decide whether it is enlarged?",
             "It is the organ whose width we compare with the chest's."),
            ("Which four-chambered organ on {img} forms most of the mediastinal outline above the diaphragm?",
             "It is the four-chambered organ that forms most of that outline.")],
         named=["Where is the heart on {img}?", "Can you find the cardiac silhouette on {img}?",
                "Which part of {img} is the heart?"],
         forbid=["heart", "cardi", "myocard", "coronar"],
         know=["Its borders are formed by the right atrium on one side and the left ventricle on the other.",
               "An AP film magnifies it, so size is judged on a PA film."],
         pop=["On a PA film, a cardiothoracic ratio above 50% is usually called enlarged."],
         nb=["The right hemidiaphragm usually sits a little higher than the left, because of the liver.",
             "The aortic knuckle sits on the left of the upper mediastinum."],
         analogy=["Think of it as a double pump sitting on the diaphragm like a fist resting on a table."],
         alt="it would mean dextrocardia or a big mediastinal shift"),
    dict(target="pneumothorax", mod="XR", region="chest", ori="LI", img=CXR, zones=True, ell=[(65, 80, 18, 40)],
         others={"heart": (0.58, 0.62), "trachea": (0.50, 0.22)},
         names=["the pneumothorax"], syn=["the pneumothorax", "the air in the pleural space"], what="air collection",
         q=[("A tall, thin 20-year-old has sudden pleuritic chest pain and breathlessness. Which abnormal air collection on {img} should be segmented?",
             "Sudden pleuritic pain in a tall, thin young man is classically air escaping into the pleural space."),
            ("Which air collection on {img} sits outside the visceral pleural line, with no markings beyond it?",
             "Air outside the visceral pleural line with no markings beyond it is the defining sign."),
            ("After a central line insertion the patient is short of breath. Which abnormal air collection on {img} should be outlined?",
             "Breathlessness after a line insertion raises the question of air leaking into the pleural space.")],
         named=["Where is the pneumothorax on {img}?", "Can you find the PTX on {img}?",
                "Which part of {img} is the pneumothorax?"],
         forbid=["pneumothora", "collapsed lung", "ptx"],
         know=["A visceral pleural line with no lung markings beyond it is the key sign.",
               "Tension physiology is a clinical diagnosis and should not wait for a film."],
         pop=["Roughly a third of primary spontaneous ones recur."],
         nb=["The heart sits on the diaphragm, bulging to the left.", "The trachea runs down the midline to the carina."],
         analogy=["Think of it as a puncture in a double-walled balloon: air gets between the layers and the inner balloon shrinks."],
         alt="it would be managed the same way, but tension would push the mediastinum the other way"),
    dict(target="pleural effusion", mod="XR", region="chest", ori="LI", img=CXR, zones=True, ell=[(190, 195, 30, 22)],
         others={"heart": (0.58, 0.60), "left lung": (0.68, 0.45)},
         names=["the pleural effusion"], syn=["the effusion", "the pleural fluid"], what="fluid collection",
         q=[("Which collection on {img} blunts the costophrenic angle and forms a meniscus?",
             "A meniscus with a blunted costophrenic angle is fluid in the space around the gas-exchange organ."),
            ("A patient with pancreatitis is dull to percussion at one base. Which fluid collection on {img} should be segmented?",
             "Dullness at a base in pancreatitis is often a reactive fluid collection."),
            ("Which dependent, homogeneous opacity with a concave upper edge on {img} should be outlined?",
             "A dependent opacity with a concave upper edge is the classic meniscus of free fluid.")],
         named=["Where is the pleural effusion on {img}?", "Can you find the pleural fluid on {img}?",
                "Which part of {img} is the effusion?"],
         forbid=["pleur", "effusion", "hydrothorax"],
         know=["About 200 mL is needed before the costophrenic angle blunts on a PA film.",
               "Light's criteria separate transudates from exudates."],
         pop=["About 200 mL of fluid is usually needed to blunt the costophrenic angle on a PA film."],
         nb=["The heart sits on the diaphragm, bulging to the left.", "The right hemidiaphragm usually sits a little higher than the left."],
         analogy=["Think of it as water pooling at the bottom of a glass: it settles at the lowest point."],
         alt="a right-sided one would be more typical of heart failure or liver disease"),
    dict(target="lung nodule", mod="XR", region="chest", ori="LI", img=CXR, zones=True, jit=1, ell=[(88, 100, 6, 6)],
         others={"heart": (0.58, 0.60), "right hilum": (0.41, 0.46)},
         names=["the lung nodule"], syn=["the nodule", "the pulmonary nodule"], what="opacity",
         q=[("Which small, round, well-defined opacity on {img} needs a follow-up CT?",
             "A small, round, well-defined opacity like this is what gets a follow-up CT."),
            ("An incidental finding on a pre-operative film: which solitary rounded opacity on {img} should be segmented?",
             "A solitary rounded opacity is the incidental finding to outline."),
            ("Which coin-like focal opacity on {img} should be outlined?", "This coin-like focal opacity is the finding.")],
         named=["Where is the lung nodule on {img}?", "Can you find the pulmonary nodule on {img}?",
                "Which part of {img} is the nodule?"],
         forbid=["nodul", "lung", "pulmo", "pneum", "coin lesion"],
         know=["A solitary one on a film usually gets a CT next, to characterise it and look for others.",
               "Comparing with old films is the cheapest way to show stability."],
         pop=["Most incidental ones under 6 mm carry a cancer risk below 1%."],
         nb=["The right hilum usually sits a little lower than the left.", "The heart sits on the diaphragm, bulging to the left."],
         analogy=["Think of it as a coin dropped on a sponge: small, round and clearly different from what's around it."],
         alt="it would be handled the same way, because side doesn't change the follow-up rules"),
    dict(target="clavicles", mod="XR", region="chest", ori="LI", img=CXR, jit=1,
         ell=[(90, 40, 34, 6), (166, 40, 34, 6)],
         others={"trachea": (0.50, 0.22), "heart": (0.58, 0.62)},
         names=["the clavicles"], syn=["both clavicles", "the clavicles"], what="bones", plural=True,
         q=[("Which S-shaped bones on {img} connect the sternum to the shoulder blades?",
             "They are the S-shaped struts between the sternum and the shoulder blades."),
            ("A cyclist fell onto an outstretched hand and has a tender bump at the front of the shoulder. Which paired bones on {img} would you segment?",
             "A fall on an outstretched hand classically breaks one of these S-shaped bones."),
            ("Which bones on {img} are used to check whether a chest film is rotated, by comparing their medial ends with the spinous processes?",
             "Their medial ends are compared with the spinous processes to check rotation.")],
         named=["Where are the clavicles on {img}?", "Can you find the collarbones on {img}?",
                "Which parts of {img} are the clavicles?"],
         forbid=["clavic", "collarbone", "collar bone"],
         know=["They are the first bones to start ossifying in the fetus.",
               "Their medial ends should be equidistant from the spinous processes on a straight film."],
         pop=["They account for roughly 2 to 5% of all adult fractures, most of them in the middle third."],
         nb=["The trachea runs down the midline to the carina.", "The heart sits on the diaphragm, bulging to the left."],
         analogy=["Think of them as the struts that hold the shoulders out from the chest, like the crossbar of a coat hanger."],
         alt="a single one outlined would only make sense if the other was out of the field of view"),
    dict(target="trachea", mod="XR", region="chest", ori="LI", img=CXR, jit=1, ell=[(128, 55, 8, 30)],
         others={"heart": (0.58, 0.60), "aortic knuckle": (0.58, 0.33)},
         names=["the trachea"], syn=["the tracheal air column", "the trachea"], what="airway",
         q=[("Which cartilage-ringed airway on {img} runs from the larynx down to the carina?",
             "It is the cartilage-ringed airway between the larynx and the carina."),
            ("On a film of a patient with a large goitre, which airway on {img} would you segment to check for deviation?",
             "A large goitre can push this airway aside, so it is the one to check."),
            ("Which air column on {img} should you check first for deviation in a suspected tension pneumothorax?",
             "Deviation of this air column is one of the signs people look for.")],
         named=["Where is the trachea on {img}?", "Can you find the tracheal air column on {img}?",
                "Which part of {img} is the windpipe?"],
         forbid=["trache", "windpipe"],
         know=["It's held open by C-shaped cartilage rings that are open at the back.",
               "It divides at the carina, usually around the level of T4 to T5."],
         pop=["The right main bronchus is shorter, wider and more vertical, so most aspirated objects go right."],
         nb=["The aortic knuckle sits on the left of the upper mediastinum.", "The heart sits on the diaphragm, bulging to the left."],
         analogy=["Think of it as a vacuum-cleaner hose: the rings keep it from collapsing when air is sucked through."],
         alt="a deviated one would make you look for tension, collapse or a mass"),
]


# ---------------------------------------------------------------------------------------------------------
# Geometry and records
# ---------------------------------------------------------------------------------------------------------

def facts_for(p, rng):
    """Draw the profile's ellipses (small jitter) on a 256 x 256 grid and measure them."""
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    j = p.get("jit", 2)
    for cx, cy, rx, ry in p["ell"]:
        cx, cy = cx + rng.uniform(-j, j), cy + rng.uniform(-j, j)
        rx, ry = rx * rng.uniform(0.95, 1.05), ry * rng.uniform(0.95, 1.05)
        mask |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    others = {k: (round(v[0] + rng.uniform(-0.004, 0.004), 4), round(v[1] + rng.uniform(-0.004, 0.004), 4))
              for k, v in p["others"].items()}
    return compute_facts(mask, p["ori"], others).model_dump(mode="json")


def record_for(p):
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["ori"]}


# ---------------------------------------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------------------------------------

NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
        10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen",
        17: "seventeen", 18: "eighteen", 19: "nineteen", 20: "twenty", 21: "twenty-one", 22: "twenty-two",
        23: "twenty-three", 24: "twenty-four", 25: "twenty-five", 26: "twenty-six", 27: "twenty-seven",
        28: "twenty-eight", 29: "twenty-nine", 30: "thirty"}
IRREG = {"be": ("is", "are"), "have": ("has", "have"), "do": ("does", "do")}
OPP = {"left": "right", "right": "left"}
INV = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
       "superior_to": "inferior_to", "inferior_to": "superior_to"}
AXIS = {"left_of": 0, "right_of": 0, "anterior_to": 1, "posterior_to": 1, "superior_to": 1, "inferior_to": 1}
HEMI = {"abdomen": ("half of the abdomen", "halves of the abdomen"), "chest": ("hemithorax", "hemithoraces"),
        "brain": ("hemisphere", "hemispheres"), "pelvis": ("half of the pelvis", "halves of the pelvis")}
ALIAS = {"inferior vena cava": ["the inferior vena cava", "the IVC"], "esophagus": ["the esophagus", "the oesophagus"],
         "descending aorta": ["the descending aorta"], "vertebral body": ["the vertebral body", "the vertebral body"],
         "orbits": ["the orbits"], "lateral ventricles": ["the lateral ventricles"]}
PLURAL_OTHERS = ("orbits", "lateral ventricles")
ADJ = {"small": "small", "medium": "medium-sized", "large": "large"}


def vb(verb, pl):
    if verb in IRREG:
        return IRREG[verb][1 if pl else 0]
    if pl:
        return verb
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return verb + "es"
    return verb + "s"


def fill(t, pl):
    out, i = [], 0
    while True:
        j = t.find("<", i)
        if j < 0:
            return "".join(out) + t[i:]
        k = t.index(">", j)
        out.append(t[i:j] + vb(t[j + 1:k], pl))
        i = k + 1


def cap(s):
    return s[:1].upper() + s[1:]


def oname(x, rng):
    return rng.choice(ALIAS.get(x, ["the " + x]))


# ---------------------------------------------------------------------------------------------------------
# The conversation builder: every sentence that states a fact about the mask goes through a phrase
# function that writes the claim into the ledger (kind, value said, where); LEDGERS keeps them per row.
# ---------------------------------------------------------------------------------------------------------

LEDGERS = []
FACTK = ("side", "vert", "size", "count", "rel")


class Conv:
    def __init__(self, p, f, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, f, style, rng, defect
        self.pl = bool(p.get("plural"))
        self.les = bool(p.get("lesions"))
        self.ori, self.zones = p["ori"], bool(p.get("zones"))
        self.side, self.vert, self.cls, self.n = f["laterality"], f["vertical"], f["size_class"], f["components"]
        self.pct = 100.0 * f["area_fraction"]
        self.rels = [(r["other"], r["relation"]) for r in f["relations"]]
        self.turns, self.ledger = [], []
        self.said = {}       # kind -> (pred text, plural) the assistant used, for quotes
        self.mentioned = set()
        self.used = set()        # free sentences already said (no repeats within a row)

    # -- bookkeeping ------------------------------------------------------------------------------------
    def new(self, role):
        self.turns.append({"role": role, "parts": [], "free": []})

    def say(self, text, free=False):
        if free and text in self.used:
            return
        if free:
            self.used.add(text)
        self.turns[-1]["parts"].append(text)
        self.turns[-1]["free"].append(free)

    def log(self, kind, said, text, other=None, corrected=None, pl=None):
        t = self.turns[-1]
        self.ledger.append({"turn": len(self.turns) - 1, "part": len(t["parts"]), "role": t["role"], "kind": kind,
                            "said": said, "other": other, "text": text, "corrected": corrected, "pl": pl})
        if t["role"] == "assistant" and corrected is None:
            self.mentioned.add(kind if kind != "rel" else ("rel", other))

    def ch(self, xs):
        return self.rng.choice(xs)

    def it(self, pl=None):
        return "they" if (self.pl if pl is None else pl) else "it"

    def it_s(self):
        return "they're" if self.pl else "it's"

    def obj(self):
        return "them" if self.pl else "it"

    def nm(self):
        return self.ch([x for x in self.p["syn"] if not (x.startswith("both") and getattr(self, "F", None) == "side")])

    def subj(self, pronoun=0.45):
        r = self.rng.random()
        if r < pronoun:
            return self.it(), self.pl
        opts = [(self.nm(), self.pl), ("the mask", False), ("the segmented region", False), ("the segmentation", False)]
        if self.les:
            opts.append(("the outlined lesions", True))
        return self.ch(opts)

    # -- truth helpers --------------------------------------------------------------------------------------
    def img_side(self, v):
        return OPP[v]  # patient's left shows on the image's right for LP, LI and frontal films

    def wrong(self, k, other=None):
        rng = self.rng
        if k == "side":
            if self.side in ("left", "right"):
                return OPP[self.side] if rng.random() < 0.8 else rng.choice(["midline", "bilateral"])
            if self.side == "midline":
                return rng.choice(["left", "right"])
            return rng.choice(["left", "right", "left", "right", "midline"])
        if k == "vert":
            if self.ori == "LP":
                return {"anterior": "posterior", "posterior": "anterior"}.get(self.vert) or rng.choice(["anterior", "posterior"])
            return {"superior": "inferior", "inferior": "superior"}.get(self.vert) or rng.choice(["superior", "inferior"])
        if k == "cls":
            return rng.choice([c for c in ("small", "medium", "large") if c != self.cls])
        if k == "pct":
            for _ in range(20):
                x = self.pct * (rng.uniform(3.0, 4.5) if (self.pct < 8 and rng.random() < 0.65) else rng.uniform(0.18, 0.33))
                txt, val = self.fmt_pct(x)
                if val > 2.6 * self.pct or val < 0.38 * self.pct:
                    return (txt, val)
            return self.fmt_pct(self.pct * 4)
        if k == "count":
            if self.n == 1:
                return rng.choice([2, 2, 3])
            if self.side == "bilateral" or self.n == 2:
                return self.n + 1 if (self.n == 2 or rng.random() < 0.5) else self.n - 1
            return rng.choice([self.n - 1, self.n + 1])
        if k == "rel":
            return INV[other]
        raise KeyError(k)

    def fmt_pct(self, x):
        rng = self.rng
        forms = []
        if x >= 9.5:
            v = int(round(x))
            forms = [(f"{v}%", v), (f"{v} percent", v)] + ([(f"{NUMW[v]} percent", v)] if v in NUMW else [])
        elif x >= 1:
            v1 = round(x, 1)
            forms = [(f"{v1:.1f}%", v1), (f"{v1:.1f} percent", v1)]
            vi = int(round(x))
            if abs(vi - x) / x < 0.12:
                forms += [(f"{vi}%", vi), (f"{NUMW[vi]} percent", vi)]
        else:
            v2 = round(x, 2)
            forms = [(f"{v2:.2f}%", v2)]
            v1 = round(x, 1)
            if v1 > 0 and abs(v1 - x) / x < 0.12:
                forms += [(f"{v1:.1f}%", v1), (f"{v1:.1f} percent", v1)]
            if abs(0.5 - x) / x < 0.1:
                forms.append(("half a percent", 0.5))
        t, v = rng.choice(forms)
        return t, float(v)

    # -- assistant predicates (each logs one claim) -----------------------------------------------------------
    def p_side(self, v, pl, neg=True):
        hemi, hemis = HEMI[self.p["region"]]
        if v in ("left", "right"):
            o = OPP[v]
            opts = [f"<lie> on the patient's {v}", f"<be> {v}-sided", f"<sit> in the {v} {hemi}",
                    f"<lie> on the {v} side of the body", f"<be> on the patient's {v} side"]
            if neg:
                opts += [f"<lie> on the patient's {v}, not the {o}", f"<be> on the {v} side rather than the {o}"]
        elif v == "midline":
            opts = ["<sit> in the midline", "<straddle> the midline", "<be> centred on the midline",
                    "<sit> right on the midline", "<lie> across the midline rather than off to one side"]
            if neg:
                opts += ["<be> neither left- nor right-sided but midline"]
        else:
            opts = ["<be> bilateral", "<be> present on both sides", "<lie> on both the patient's left and right",
                    f"<be> found in both {hemis}", "<have> parts on each side of the midline"]
            if neg:
                opts += ["<be> not confined to one side but present on the left and on the right"]
        t = fill(self.ch(opts), pl)
        self.log("side", v, t, pl=pl)
        return t

    def vert_opts(self, v):
        if self.ori == "LP":
            d = {"anterior": ["<lie> anteriorly", "<sit> in the front half of the slice", "<be> toward the front of the body",
                              "<lie> in the anterior part of the section"],
                 "posterior": ["<lie> posteriorly", "<sit> in the back half of the slice", "<be> toward the patient's back",
                               "<lie> dorsally in the section"],
                 "central": ["<sit> at about mid-depth", "<lie> roughly halfway between front and back"]}
        elif self.zones:
            d = {"superior": ["<sit> in the upper zone", "<lie> high in the chest, toward the apex", "<be> in the upper part of the film"],
                 "inferior": ["<sit> in the lower zone", "<lie> low in the chest, toward the base", "<be> in the lower part of the film"],
                 "central": ["<sit> in the mid zone", "<be> around the middle of the film from top to bottom"]}
        else:
            d = {"superior": ["<lie> superiorly", "<sit> in the upper part of the image", "<be> high in the field of view",
                              "<lie> toward the top of the image, that is cranially"],
                 "inferior": ["<lie> inferiorly", "<sit> in the lower part of the image", "<be> low in the field of view",
                              "<lie> caudally"],
                 "central": ["<sit> at about mid-height", "<lie> around the middle of the image from top to bottom"]}
        return d[v]

    def p_vert(self, v, pl, neg=True):
        opts = list(self.vert_opts(v))
        o = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}.get(v)
        if neg and o:
            opts.append(f"<be> {v}, not {o}")
        if neg and v == "central":
            opts.append(["<be> neither clearly anterior nor posterior", "<be> neither high nor low in the image"][self.ori != "LP"])
        t = fill(self.ch(opts), pl)
        self.log("vert", v, t, pl=pl)
        return t

    def p_cls(self, c, pl, neg=True):
        opts = {"small": ["<be> small", "<take> up only a small part of the image", "<be> small on this image",
                          "<occupy> a small fraction of the image"],
                "medium": ["<be> medium-sized", "<be> moderate in size", "<take> up a moderate share of the image",
                           "<be> mid-sized on this image"],
                "large": ["<be> large", "<take> up a large part of the image", "<be> big on this image",
                          "<fill> a large share of the image"]}[c]
        if neg:
            o = self.ch([x for x in ("small", "medium", "large") if x != c and abs("sml".index(x[0]) - "sml".index(c[0])) == 1])
            opts = opts + [f"<be> {ADJ[c]}, not {ADJ[o]}"]
        t = fill(self.ch(opts), pl)
        self.log("cls", c, t, pl=pl)
        return t

    def p_pct(self, pt, pl):
        txt, val = pt
        t = fill(self.ch([f"<cover> about {txt} of the image", f"<occupy> roughly {txt} of the image",
                          f"<take> up around {txt} of the frame", f"<account> for about {txt} of the image's pixels",
                          f"<make> up about {txt} of the image area"]), pl)
        self.log("pct", val, t, pl=pl)
        return t

    def p_size(self, pl, c=None, pt=None, neg=True):
        """class and/or percent; pass what to state (values may be wrong in defect rows)"""
        if c and pt:
            txt, val = pt
            t = fill(self.ch([f"<be> {ADJ[c]} at about {txt} of the image", f"<be> {ADJ[c]}, roughly {txt} of the image",
                              f"<cover> about {txt} of the image, which is {ADJ[c]}"]), pl)
            self.log("cls", c, t, pl=pl)
            self.log("pct", val, t, pl=pl)
            return t
        return self.p_cls(c, pl, neg) if c else self.p_pct(pt, pl)

    def p_count(self, n, pl, neg=True):
        N = NUMW[n] if self.rng.random() < 0.6 else str(n)
        if n == 1:
            opts = ["<be> a single connected region", "<form> one contiguous piece", "<be> all in one piece",
                    "<consist> of a single component"]
            if neg:
                opts.append("<be> one piece, not several")
        else:
            opts = [f"<consist> of {N} separate pieces", f"<be> split into {N} separate components",
                    f"<form> {N} disconnected regions", f"<come> in {N} separate parts"]
            if self.les:
                opts += [f"<comprise> {N} separate lesions", f"<consist> of {N} distinct lesions"]
            if neg:
                opts.append(f"<be> {N} separate pieces, not one")
        t = fill(self.ch(opts), pl)
        self.log("count", n, t, pl=pl)
        return t

    def rel_words(self, rel, X):
        return {"left_of": [f"to the patient's left of {X}", f"further to the patient's left than {X}", f"on the patient's left relative to {X}"],
                "right_of": [f"to the patient's right of {X}", f"further to the patient's right than {X}", f"on the patient's right relative to {X}"],
                "anterior_to": [f"in front of {X}", f"anterior to {X}", f"ventral to {X}"],
                "posterior_to": [f"behind {X}", f"posterior to {X}", f"dorsal to {X}"],
                "superior_to": [f"above {X}", f"superior to {X}", f"higher than {X}"],
                "inferior_to": [f"below {X}", f"inferior to {X}", f"lower than {X}"]}[rel]

    def p_rel(self, other, rel, pl):
        X = oname(other, self.rng)
        verb = self.ch(["<lie>", "<sit>", "<be>"])
        t = fill(verb + " " + self.ch(self.rel_words(rel, X)), pl)
        self.log("rel", rel, t, other=other, pl=pl)
        return t

    def s_rel_rev(self, other, rel, pl):
        """'The stomach lies in front of it.': the other structure as subject"""
        X = oname(other, self.rng)
        opl = other in PLURAL_OTHERS
        ref = "them" if pl else self.ch(["it", "the mask"])
        t = cap(fill(X + " <lie> " + self.ch(self.rel_words(INV[rel], ref)), opl)) + "."
        self.log("rel", rel, t, other=other)
        return t

    # -- noun phrases for fragments and recaps (each logs) -------------------------------------------------
    def n_side(self, v):
        t = self.ch({"left": ["patient's left", "left side", "left-sided"], "right": ["patient's right", "right side", "right-sided"],
                     "midline": ["midline", "in the midline"], "bilateral": ["bilateral", "both sides"]}[v])
        self.log("side", v, t)
        return t

    def n_vert(self, v):
        if self.ori == "LP":
            d = {"anterior": ["anterior", "front half of the slice"], "posterior": ["posterior", "back half of the slice"],
                 "central": ["mid-depth", "central front-to-back"]}
        elif self.zones:
            d = {"superior": ["upper zone"], "inferior": ["lower zone"], "central": ["mid zone"]}
        else:
            d = {"superior": ["superior", "upper part of the image"], "inferior": ["inferior", "lower part of the image"],
                 "central": ["mid-height", "central top-to-bottom"]}
        t = self.ch(d[v])
        self.log("vert", v, t)
        return t

    def n_cls(self, c):
        t = self.ch({"small": ["small"], "medium": ["medium-sized", "moderate size"], "large": ["large"]}[c])
        self.log("cls", c, t)
        return t

    def n_pct(self, pt):
        t = self.ch([f"about {pt[0]} of the image", f"~{pt[0]} of the image", f"roughly {pt[0]} of the frame"])
        self.log("pct", pt[1], t)
        return t

    def n_count(self, n):
        N = NUMW[n] if self.rng.random() < 0.5 else str(n)
        if n == 1:
            t = self.ch(["one piece", "a single region", "single component"])
        else:
            t = self.ch([f"{N} separate pieces", f"{N} components"] + ([f"{N} lesions"] if self.les else []))
        self.log("count", n, t)
        return t

    def n_rel(self, other, rel):
        X = oname(other, self.rng)
        t = self.ch(self.rel_words(rel, X))
        self.log("rel", rel, t, other=other)
        return t

    # -- user statements (each logs a user claim) ---------------------------------------------------------
    def u_state(self, k, v, other=None, corrected=None):
        it_s, rng = self.it_s(), self.rng
        if k == "side":
            opts = {"left": [f"{it_s} on the patient's left", f"{it_s} left-sided", f"{it_s} on the left side"],
                    "right": [f"{it_s} on the patient's right", f"{it_s} right-sided", f"{it_s} on the right side"],
                    "midline": [f"{it_s} in the midline", f"{it_s} midline"],
                    "bilateral": [f"{it_s} on both sides", f"{it_s} bilateral"]}[v]
            val = v
        elif k == "vert":
            words = {"anterior": ["anterior", "toward the front"], "posterior": ["posterior", "toward the back"],
                     "central": ["at mid-depth", "central front-to-back"], "superior": ["superior", "high up in the image"],
                     "inferior": ["inferior", "low down in the image"]}
            if self.zones:
                words.update({"superior": ["in the upper zone"], "inferior": ["in the lower zone"], "central": ["in the mid zone"]})
            elif self.ori == "LI":
                words["central"] = ["at mid-height"]
            opts, val = [f"{it_s} {w}" for w in words[v]], v
        elif k == "cls":
            opts, val = [f"{it_s} {ADJ[v]}", f"{it_s} pretty {ADJ[v]}"], v
        elif k == "pct":
            opts, val = [f"{it_s} about {v[0]} of the image", f"{it_s} only around {v[0]} of the image" if v[1] < self.pct
                         else f"{it_s} about {v[0]} of the frame"], v[1]
        elif k == "count":
            N = NUMW[v] if rng.random() < 0.6 else str(v)
            if v == 1:
                opts = [f"{it_s} a single piece", f"{it_s} all one piece"]
            else:
                opts = [f"{it_s} in {N} separate pieces", f"there are {N} separate pieces"] + ([f"there are {N} lesions"] if self.les else [])
            val = v
        else:  # rel
            opts, val = [f"{it_s} {w}" for w in self.rel_words(v, oname(other, rng))], v
        t = self.ch(opts)
        self.log(k, val, t, other=other, corrected=corrected)
        return t

    # -- sentences ---------------------------------------------------------------------------------------------
    def fact_pred(self, k, v, pl, other=None, neg=True):
        if k == "side":
            return self.p_side(v, pl, neg)
        if k == "vert":
            return self.p_vert(v, pl, neg)
        if k == "size":
            return self.p_size(pl, v[0], v[1], neg)
        if k == "count":
            return self.p_count(v, pl, neg)
        return self.p_rel(other, v, pl)

    def fact_np(self, k, v, other=None):
        if k == "side":
            return self.n_side(v)
        if k == "vert":
            return self.n_vert(v)
        if k == "size":
            c, pt = v
            if c and pt:
                a = self.n_cls(c)
                return a + " (" + self.n_pct(pt) + ")"
            return self.n_cls(c) if c else self.n_pct(pt)
        if k == "count":
            return self.n_count(v)
        return self.n_rel(other, v)

    def sentence(self, items, pronoun=0.45):
        """One sentence stating 1-2 facts (k, v, other) about the target."""
        rng = self.rng
        if len(items) == 1:
            k, v, o = items[0]
            if k == "side" and v in ("left", "right") and v == self.side and rng.random() < 0.35:
                return self.s_convention(v)
            if k == "rel" and rng.random() < 0.3:
                return self.s_rel_rev(o, v, self.pl)
            if k == "count" and self.les and v > 1 and rng.random() < 0.5:
                N = NUMW[v] if rng.random() < 0.6 else str(v)
                t = self.ch([f"There are {N} separate lesions", f"I count {N} distinct lesions", f"The mask holds {N} separate lesions"])
                self.log("count", v, t)
                return t + "."
        s, pl = self.subj(pronoun)
        preds = [self.fact_pred(k, v, pl, o) for k, v, o in items]
        if len(preds) == 1:
            return cap(s) + " " + preds[0] + "."
        j = self.ch([" and ", ", and ", "; "])
        return cap(s) + " " + preds[0] + j + (self.it(pl) + " " if j == "; " else "") + preds[1] + "."

    def s_convention(self, v):
        """true side with the display convention spelled out"""
        img = self.img_side(v)
        s, pl = self.subj(0.7)
        view = "viewed from the feet" if self.ori == "LP" else "displayed as if the patient faces you"
        opts = [f"On the screen {s} <appear> on the {img}, which is the patient's {v} by the usual convention",
                f"Because the image is {view}, {s} <show> up on the screen's {img}, i.e. on the patient's {v}",
                f"{cap(s)} <be> on the {img} of the image and therefore on the patient's {v}"]
        t = fill(self.ch(opts), pl)
        self.log("img", img, t)
        self.log("side", v, t)
        return cap(t) + "."

    def s_classic_error(self, v_true):
        """planted laterality error: image side read as the patient's side"""
        img = self.img_side(v_true)
        s, pl = self.subj(0.7)
        it_s = "they're" if pl else "it's"
        t = fill(self.ch([f"{cap(s)} <be> on the {img} of the image, so {it_s} on the patient's {img}",
                          f"{cap(s)} <sit> on the {img} side of the picture, i.e. the patient's {img} side"]), pl)
        self.log("img", img, t)
        self.log("side", img, t)
        return t + "."

    # -- shared sentences (no claim about this mask) --------------------------------------------------------
    def s_convention_free(self):
        if self.ori == "LP":
            opts = ["On axial images we look up from the patient's feet, so the patient's left is on the right of the screen.",
                    "Axial slices follow the radiological convention: the patient's right is on the viewer's left."]
        elif self.p["mod"] == "XR":
            opts = ["A PA film is read as if the patient is facing you, so their left is on your right; the side marker confirms it.",
                    "On a frontal film the patient's right is on the viewer's left, just as when you face someone."]
        else:
            opts = ["Coronal images are displayed as if the patient faces you, so the patient's left is on the viewer's right.",
                    "On a coronal image the patient's right is on the viewer's left, the same convention as a chest film."]
        return self.ch(opts)

    def explain(self, k):
        if k == "side":
            return self.s_convention_free() if self.rng.random() < 0.6 else self.ch(
                ["Side is read in patient terms from the midline of the body, not from the edge of the screen.",
                 "I'm reading side from the body's midline, in patient terms."])
        if k == "vert":
            if self.ori == "LP":
                return self.ch(["On an axial slice the front of the body is at the top of the image and the back at the bottom.",
                                "I'm judging that from where the bulk of the mask sits relative to the middle of the section."])
            return self.ch(["On a coronal image or a frontal film the head end is at the top.",
                            "I'm judging that from where the bulk of the mask sits relative to the middle of the image, top to bottom."])
        if k == "size":
            return self.ch(["That figure is the mask's share of the whole image, so it depends on the field of view as much as on the anatomy.",
                            "Share of the image is a rough guide, not a clinical measurement in centimetres.",
                            "The size wording follows the share of image pixels inside the mask: under 1% small, 1 to 5% medium, more than that large."])
        if k == "count":
            return self.ch(["I'm counting connected regions of the mask, so anything that touches counts as one piece.",
                            "Each separate island of pixels counts as one component."])
        return self.ch(["Those relations compare where the bulk of each structure sits, so they describe centres rather than edges.",
                        "Relations like this hold on this slice; they can change a few slices up or down."])

    def analogy(self, k):
        if k == "side":
            return self.ch(["It's like shaking hands with someone facing you: their right hand is on your left.",
                            "Picture standing at the foot of the bed looking at the patient: their left is on your right."])
        if k == "vert":
            return self.ch(["Think of the slice as a slice of bread lying on a plate: the crust at the top of the picture is the patient's front."]
                           if self.ori == "LP" else ["Think of the image as a portrait: head at the top, feet at the bottom."])
        if k == "size":
            return "It's like asking how much of a photo a face takes up: zoom in and the same face fills more of the frame."
        if k == "count":
            return "Think of islands in a lake: however close they are, if water separates them they count separately."
        return "It's like describing where a house is by naming its neighbours."

    def extras(self, first, allow_nb=True):
        rng, p, st = self.rng, self.p, self.style
        k = 0.4 if st == "exam_viva" else 1.0
        if st == "curious_student" and rng.random() < (0.7 if first else 0.3):
            self.say(self.ch(p["analogy"]), free=True)
        if rng.random() < (0.5 if first else 0.2) * k:
            self.say(self.ch(p["know"]), free=True)
        if rng.random() < 0.3 * k:
            self.say(self.ch(p["pop"]), free=True)
        if allow_nb and rng.random() < 0.3 * k:
            self.say(self.ch(p["nb"]), free=True)

    # -- plan ---------------------------------------------------------------------------------------------------
    def can(self, k, other=None):
        """may a non-designated, true mention of this fact appear?"""
        if self.F is None or k != self.F:
            return True
        if k == "rel":
            return other != self.FX
        return False

    def plan(self):
        rng, st = self.rng, self.style
        self.F = self.FX = self.Fval = self.slot = self.Fsub = None
        kmap = {"laterality": "side", "size": "size", "count": "count"}
        if self.defect in ("laterality", "position", "size", "count"):
            if self.defect == "position":
                self.F = "rel" if (self.rels and rng.random() < 0.45) else "vert"
            else:
                self.F = kmap[self.defect]
            if self.F == "rel":
                self.FX, rel = rng.choice(self.rels)
                self.Fval = INV[rel]
            elif self.F == "size":
                self.Fsize = rng.choice(["cls", "pct"])
                self.Fval = (self.wrong("cls"), None) if self.Fsize == "cls" else (None, self.wrong("pct"))
            else:
                self.Fval = self.wrong(self.F)
            self.slot = rng.choices(["first", "follow", "user"], [0.6, 0.2, 0.2])[0]
        rounds = 2 if rng.random() < 0.15 else 3
        nmv = rounds - 1
        final_recap = st == "recap_heavy" or rng.random() < 0.3
        if self.slot == "user" and nmv == 1:
            final_recap = False
        weights = {"skeptical_resident": [.25, .15, .2, .1, .2, .1], "exam_viva": [.2, .2, .2, .15, .15, .1],
                   "curious_student": [.2, .15, .15, .15, .15, .2], "recap_heavy": [.2, .2, .2, .15, .15, .1]}[st]
        pool = ["side", "vert", "size", "count", "rel", "hypo"]
        moves, used = [], []
        for i in range(nmv):
            if i == nmv - 1 and final_recap:
                moves.append(["recap", None])
                continue
            cand = [(m, w) for m, w in zip(pool, weights)
                    if m not in used and not (m == self.F and m != "rel") and not (m == "hypo" and self.F == "side")
                    and not (m == "rel" and not self.p["others"])]
            m = rng.choices([c[0] for c in cand], [c[1] for c in cand])[0]
            used.append(m)
            moves.append([m, None])
        # the designated move of a defect planted after the first answer
        self.desig = None
        if self.slot == "follow":
            i = rng.randrange(nmv)
            if moves[i][0] == "recap":
                moves[i][1] = "plant"
            else:
                moves[i] = [self.F, rng.choice(["answ", "answ", "flip"])]
            self.desig = i
            self.Fsub = moves[i][1]
        elif self.slot == "user":
            idx = [i for i in range(nmv) if moves[i][0] != "recap"]
            i = rng.choice(idx)
            moves[i] = [self.F, rng.choice(["premwu", "premwu", "quotewu"])]
            self.desig = i
            self.Fsub = moves[i][1]
        # sub-modes of the other moves
        for i, mv in enumerate(moves):
            if mv[1] is not None or mv[0] in ("recap", "hypo"):
                continue
            subs = ["ask", "sure", "wrongc", "prem", "premwc", "quote", "quotewc", "why"]
            w = [.22, .12, .26, .08, .1, .08, .06, .35 if st == "curious_student" else .08]
            mv[1] = rng.choices(subs, w)[0]
        self.moves = moves

    # -- round 1 -----------------------------------------------------------------------------------------------
    def first_question(self):
        rng, p, st = self.rng, self.p, self.style
        self.new("user")
        img = self.ch(p["img"])
        qpl = p["what"].endswith("s")
        it = "them" if qpl else "it"
        if self.defect == "names_target":
            q, self.reason = self.ch(p["named"]).format(img=img), None
            it = "them" if self.pl else "it"
        else:
            q, self.reason = self.ch(p["q"])
            q = q.format(img=img)
        opts = {"skeptical_resident": [f"Resident here, reading overnight. {q} Segment {it} and justify your answer; I'll be checking.",
                                       f"{q} I want the segmentation and your reasoning, I'm not taking it on faith.",
                                       f"My senior says this one is obvious. {q} Segment {it} and show your working.",
                                       f"Before I sign this off: {q} Outline {it} and tell me how sure you are."],
                "exam_viva": [f"{q} Segment {it}.", f"Next case. {q} Outline {it} for me.", f"{q} Show me: segment {it}.",
                              f"Right, candidate. {q} Segment {it}, please."],
                "curious_student": [f"I'm a second-year student and still getting my bearings. {q} Could you segment {it} and explain?",
                                    f"Quick learning question: {q} Can you outline {it} and tell me how you recognise {it}?",
                                    f"{q} Please segment {it}, and explain it like I'm new to this!",
                                    f"I'm revising anatomy. {q} Could you outline {it} for me?"],
                "recap_heavy": [f"{q} Please segment {it} and give me a short recap.", f"{q} Segment {it}, then summarise where it is.",
                                f"Could you segment something for me? {q}", f"{q} Outline {it} and recap the key points."]}[st]
        self.say(self.ch(opts), free=True)

    def size_val(self, mode=None):
        mode = mode or self.rng.choices(["both", "cls", "pct"], [.35, .3, .35])[0]
        pt = self.fmt_pct(self.pct)
        return {"both": (self.cls, pt), "cls": (self.cls, None), "pct": (None, pt)}[mode]

    def true_val(self, k, other=None):
        if k == "side":
            return self.side
        if k == "vert":
            return self.vert
        if k == "size":
            return self.size_val()
        if k == "count":
            return self.n
        return other  # rel: caller passes the relation

    def first_answer(self):
        rng, p, st = self.rng, self.p, self.style
        self.new("assistant")
        nm = p["names"][0]
        this, these = ("these", "these are") if self.pl else ("this", "this is")
        intro = {"skeptical_resident": [f"I'd call {this} {nm} [SEG].", f"{cap(these)} {nm}; segmentation here: [SEG].",
                                        f"Fair challenge. {'These are' if self.pl else 'The structure is'} {nm}: [SEG].",
                                        f"I'm fairly confident {these} {nm} [SEG]."],
                 "exam_viva": [f"{cap(nm)}. [SEG]", f"{cap(nm)}: [SEG].", f"[SEG] {'Those are' if self.pl else 'That is'} {nm}.",
                               f"{cap(these)} {nm}. [SEG]"],
                 "curious_student": [f"Good question! {'They are' if self.pl else 'It is'} {nm} [SEG].",
                                     f"{'Those are' if self.pl else 'That is'} {nm}; here's the mask: [SEG].",
                                     f"You're looking at {nm}. [SEG]", f"Nice one to learn on: {'they are' if self.pl else 'it is'} {nm} [SEG]."],
                 "recap_heavy": [f"Here's the segmentation of {nm}: [SEG].", f"Segmented {nm}: [SEG].",
                                 f"{'These are' if self.pl else 'The structure is'} {nm} [SEG]."]}[st]
        self.say(self.ch(intro), free=True)
        if self.reason and rng.random() < (0.5 if st == "exam_viva" else 0.9):
            self.say(self.reason, free=True)
        # which facts the first answer states, and how
        items = []
        plant_in_recap = False
        prob = {"side": .8, "vert": .55, "size": .7, "count": .9 if self.n > 1 else .35, "rel": .45 if self.rels else 0}
        for k in FACTK:
            if k == self.F:
                if self.slot == "first":
                    if st == "recap_heavy" and rng.random() < 0.5:
                        plant_in_recap = True
                        continue
                    items.append((k, self.Fval, self.FX if k == "rel" else None, "wrong"))
                    continue
                need_true = (self.slot == "follow" and self.Fsub == "flip") or (self.slot == "user" and self.Fsub == "quotewu")
                if k == "rel":
                    okr = [r for r in self.rels if r[0] != self.FX]
                    if need_true:
                        items.append(("rel", INV[self.Fval], self.FX, "true"))
                    elif okr and rng.random() < prob["rel"]:
                        o, r = rng.choice(okr)
                        items.append(("rel", r, o, "true"))
                    continue
                if need_true:
                    items.append((k, self.size_val("both") if k == "size" else self.true_val(k), None, "true"))
                continue
            if rng.random() < prob[k]:
                if k == "rel":
                    o, r = rng.choice(self.rels)
                    items.append(("rel", r, o, "true"))
                else:
                    items.append((k, self.true_val(k), None, "true"))
        if len(items) < 2:
            for k in ("side", "size", "vert", "count"):
                if len(items) >= 2:
                    break
                if self.can(k) and not any(it[0] == k for it in items):
                    items.append((k, self.true_val(k), None, "true"))
        if items and items[0][0] != "side":
            rng.shuffle(items)
        self.emit(items)
        if rng.random() < (0.12 if self.defect is None else 0.07) and st != "exam_viva":
            self.maybe_selfcorrect()
        if rng.random() < 0.3:
            self.say(self.s_convention_free(), free=True)
        self.extras(first=True)
        a1 = self.turns[-1]
        has = any(fr and (x in self.p["nb"] or x in self.p["pop"] or "patient's left" in x) for x, fr in zip(a1["parts"], a1["free"])) \
            or any(e["turn"] == 1 and (" not " in e["text"] or "rather than" in e["text"] or "neither" in e["text"] or e["corrected"])
                   for e in self.ledger)
        if not has and rng.random() < 0.9:
            self.say(self.ch([self.s_convention_free(), self.ch(self.p["nb"]), self.ch(self.p["pop"])]), free=True)
        if st == "recap_heavy":
            self.recap_line(plant=plant_in_recap)

    def true_rel(self, other):
        rs = [r for o, r in self.rels if o == other]
        return self.rng.choice(rs)

    def emit(self, items):
        """state the listed facts, in 1-2 facts per sentence (fragments for the viva)"""
        rng, st = self.rng, self.style
        i = 0
        while i < len(items):
            k, v, o, how = items[i]
            if k == "side" and how == "wrong" and self.side in ("left", "right") and v == OPP[self.side] and rng.random() < 0.35:
                self.say(self.s_classic_error(self.side))
                i += 1
                continue
            if st == "exam_viva" and rng.random() < 0.55:
                n = min(len(items) - i, rng.choice([1, 2, 3]))
                nps = [self.fact_np(kk, vv, oo) for kk, vv, oo, _ in items[i:i + n]]
                self.say(cap(", ".join(nps)) + ".")
                i += n
                continue
            n = 2 if (i + 1 < len(items) and rng.random() < 0.45 and items[i + 1][0] != "side") else 1
            self.say(self.sentence([(kk, vv, oo) for kk, vv, oo, _ in items[i:i + n]]))
            i += n

    def maybe_selfcorrect(self):
        rng = self.rng
        ks = [k for k in ("side", "vert", "count", "rel") if self.can(k) and (k != "rel" or self.rels)]
        if not ks:
            return
        k = rng.choice(ks)
        if k == "rel":
            cands = [r for r in self.rels if self.can("rel", r[0])]
            if not cands:
                return
            o, r = rng.choice(cands)
            self.s_selfcorrect("rel", r, o)
        else:
            self.s_selfcorrect(k, self.true_val(k), None)

    def s_selfcorrect(self, k, truev, other=None):
        rng = self.rng
        s, pl = self.subj(0.6)
        if k == "side" and self.side in ("left", "right") and rng.random() < 0.6:
            img = self.img_side(self.side)
            t1 = fill(f"{cap(s)} <be> on the {img}", pl)
            self.log("side", img, t1, corrected="self")
            self.say(t1 + ".")
            t2 = self.ch([f"Correction: that's the {img} of the image; in patient terms {self.it(pl)} ",
                          f"Let me correct that: the {img} of the screen, which means {self.it(pl)} "])
            p2 = fill(self.ch(["<lie> on the patient's {v}", "<be> on the patient's {v} side"]).format(v=self.side), pl)
            self.log("side", self.side, t2 + p2)
            self.say(t2 + p2 + ".")
            return
        wv = self.wrong(k, truev if k == "rel" else None)
        bad = self.fact_pred(k, wv, pl, other, neg=False)
        self.ledger[-1]["corrected"] = "self"
        if rng.random() < 0.5:
            self.say(cap(s) + " " + bad + ".")
            good = self.fact_pred(k, truev, pl, other, neg=False)
            self.say(self.ch(["Correction to what I just wrote: ", "Sorry, let me correct that: ", "Scratch that, I misread it: "])
                     + self.it(pl) + " " + good + ".")
        else:
            good = self.fact_pred(k, truev, pl, other, neg=False)
            self.say(cap(s) + " " + bad + self.ch([" (correction: ", " (sorry, I mean: ", " (no, correcting myself: "])
                     + self.it(pl) + " " + good + ").")

    # -- recaps --------------------------------------------------------------------------------------------------
    def recap_items(self, plant=False, maxn=4):
        rng = self.rng
        items = []
        prob = {"side": .85, "vert": .55, "size": .7, "count": .85 if self.n > 1 else .4, "rel": .4}
        for k in FACTK:
            if plant and k == self.F:
                items.append((k, self.Fval, self.FX))
                continue
            if k == "rel":
                cands = [r for r in self.rels if self.can("rel", r[0])]
                if cands and rng.random() < prob["rel"]:
                    o, r = rng.choice(cands)
                    items.append(("rel", r, o))
                continue
            if self.can(k) and rng.random() < prob[k]:
                items.append((k, self.size_val(rng.choice(["both", "cls", "pct"])) if k == "size" else self.true_val(k), None))
        if len(items) < 2:
            for k in ("side", "size", "vert", "count"):
                if len(items) < 2 and self.can(k) and not any(i[0] == k for i in items):
                    items.append((k, self.true_val(k), None))
        return items[:maxn] if not plant else [i for i in items if i[0] == self.F] + [i for i in items if i[0] != self.F][:maxn - 1]

    def recap_text(self, items, form=None):
        rng = self.rng
        name = self.p["names"][0]
        bare = name[4:] if name.startswith("the ") else name
        if rng.random() < 0.5 and len(items) >= 2:
            nps = [self.fact_np(k, v, o) for k, v, o in items]
            return rng.choice([f"{cap(bare)}: {', '.join(nps)}.", f"{cap(bare)}; {'; '.join(nps)}.",
                               f"{cap(name)}, {', '.join(nps[:-1])} and {nps[-1]}."])
        preds = [self.fact_pred(k, v, self.pl, o, neg=False) for k, v, o in items]
        body = preds[0] if len(preds) == 1 else ", ".join(preds[:-1]) + " and " + preds[-1]
        return f"{cap(name)} {body}."

    def recap_line(self, plant=False):
        head = self.ch(["Recap: ", "Summary so far: ", "In short: ", "Bottom line: ", "Recap so far: "])
        self.say("\n" + head + self.recap_text(self.recap_items(plant, maxn=3)))

    def mv_recap(self, plant):
        st = self.style
        self.new("user")
        self.say(self.ch({"skeptical_resident": ["Fine. Give me the one-line version for my notes.",
                                                 "Summarise it in one line: what goes in the report?",
                                                 "OK, I'm mostly convinced. One line, please."],
                          "exam_viva": ["Summarise in one line.", "One sentence. Go.", "Final answer in one line?"],
                          "curious_student": ["Can you sum it all up in one sentence so I remember it?",
                                              "Could you give me a one-line recap?", "Thanks! What's the one-line takeaway?"],
                          "recap_heavy": ["Great. Now a one-line summary of everything, please.",
                                          "Finally, one line that sums it all up?", "Can I have the whole thing as a one-liner?"]}[st]),
                 free=True)
        self.new("assistant")
        lead = self.ch(["", "", "In one line: ", "One-liner: ", "Sure. "]) if st != "exam_viva" else ""
        self.say(lead + self.recap_text(self.recap_items(plant == "plant", maxn=4)))

    # -- rounds 2 and 3 ------------------------------------------------------------------------------------------
    def ask_text(self, k, X=None):
        st, lp = self.style, self.ori == "LP"
        if k == "side":
            d = {"skeptical_resident": ["Which side is it on: the patient's side, not the screen's?", "And the side? Be explicit, I've seen people flip this.",
                                        "Which side of the patient are we talking about?"],
                 "exam_viva": ["Side?", "Which side?", "Laterality?"],
                 "curious_student": ["Which side of the body is it on? I always get confused with scans.", "How do I tell which side it's on?"],
                 "recap_heavy": ["Which side is it on?", "Can you confirm the side?"]}
        elif k == "vert":
            if lp:
                d = {"skeptical_resident": ["Front or back: where does it sit in the slice?", "Anterior or posterior? Justify it."],
                     "exam_viva": ["Anterior or posterior?", "Position front to back?"],
                     "curious_student": ["Is it toward the front or the back of the body?", "How far forward or back is it?"],
                     "recap_heavy": ["Where is it from front to back?"]}
            else:
                z = "Which zone is it in?" if self.zones else "High or low in the image?"
                d = {"skeptical_resident": [z, "Superior or inferior? Justify it."], "exam_viva": ["Superior or inferior?", z],
                     "curious_student": ["Is it toward the top or the bottom of the picture?", z],
                     "recap_heavy": ["Where is it from top to bottom?", z]}
        elif k == "size":
            d = {"skeptical_resident": ["How big is it really? Give me a number.", "Size? And don't just say 'moderate'."],
                 "exam_viva": ["Size?", "How large?"],
                 "curious_student": ["How big is it compared with the whole picture?", "Is it big or small?"],
                 "recap_heavy": ["How big is it?", "What about size?"]}
        elif k == "count":
            if self.les:
                d = {"skeptical_resident": ["How many lesions did you actually outline?"], "exam_viva": ["How many lesions?", "Number?"],
                     "curious_student": ["How many spots are there?"], "recap_heavy": ["How many lesions are there?"]}
            else:
                d = {"skeptical_resident": ["Is that one structure or several pieces?", "How many separate pieces did you segment?"],
                     "exam_viva": ["How many components?", "One piece or more?"],
                     "curious_student": ["Is it all one piece, or are there several bits?"],
                     "recap_heavy": ["How many separate pieces are there?"]}
        else:
            d = {"skeptical_resident": [f"How does it relate to {X}? Be precise.", f"Where is it relative to {X}?"],
                 "exam_viva": [f"Relation to {X}?", f"And {X}?"],
                 "curious_student": [f"How does it compare with {X}? Where is it relative to it?", f"Is it near {X}? Which way?"],
                 "recap_heavy": [f"Where is it relative to {X}?", f"Compare it with {X}."]}
        return self.ch(d[self.style])

    def mv_fact(self, k, sub):
        rng, st = self.rng, self.style
        desig = sub in ("answ", "flip", "premwu", "quotewu")
        other = None
        truev = None
        if k == "rel":
            if desig:
                other, truev = self.FX, INV[self.Fval]
            else:
                cands = [r for r in self.rels if self.can("rel", r[0])]
                norel = [o for o in sorted(self.p["others"]) if o not in [r[0] for r in self.rels] and self.can("rel", o)]
                if norel and (not cands or (sub == "ask" and rng.random() < 0.25)):
                    return self.mv_norel(rng.choice(norel))
                if not cands:
                    return self.mv_hypo() if self.F != "side" else self.mv_recap(None)
                other, truev = rng.choice(cands)
        k2 = k
        if k == "size":
            k2 = self.Fsize if desig else rng.choice(["cls", "pct"])
        tv = {"side": self.side, "vert": self.vert, "cls": self.cls, "pct": None, "count": self.n, "rel": truev}[k2]
        if k2 == "pct":
            tv = self.fmt_pct(self.pct)
        if desig:
            wv = self.Fval if k != "size" else (self.Fval[0] if k2 == "cls" else self.Fval[1])
        else:
            wv = self.wrong(k2, truev) if k2 != "pct" else self.wrong("pct")
        said = [e for e in self.ledger if e["role"] == "assistant" and e["corrected"] is None and e["kind"] == k2
                and (k2 != "rel" or e["other"] == other)]
        if sub in ("quote", "quotewc") and not said:
            sub = {"quote": "sure", "quotewc": "wrongc"}[sub]
        X = oname(other, rng) if other else None
        self._last_other = other
        # ---- user turn
        self.new("user")
        if sub == "ask" or sub == "answ":
            self.say(self.ask_text(k, X), free=True)
        elif sub in ("sure", "flip"):
            stmt = self.u_state(k2, tv, other)
            self.say(self.ch({"skeptical_resident": [f"Are you sure {stmt}? I want that nailed down.", f"You're confident {stmt}? Convince me."],
                              "exam_viva": [f"{cap(stmt)}. Certain?", f"Are you sure {stmt}?"],
                              "curious_student": [f"Are you sure {stmt}? How can you tell?", f"Really, {stmt}? How do you know?"],
                              "recap_heavy": [f"Just to double-check: {stmt}?", f"Are you sure {stmt}?"]}[st]))
        elif sub == "why":
            stmt = self.u_state(k2, tv, other)
            self.say(self.ch([f"Why is it that {stmt}?", f"How come {stmt}? What's the logic?", f"Can you explain why {stmt}?"]))
        elif sub == "wrongc":
            if k2 == "side" and self.side in ("left", "right") and rng.random() < 0.5:
                img = self.img_side(self.side)
                t = f"it's on the {img} of my screen"
                self.log("img", img, t)
                t2 = f"the patient's {img}"
                self.log("side", img, t2, corrected="user")
                self.say(self.ch([f"But {t}, so isn't it on {t2}?", f"Hang on, {t}. Surely that makes it {t2}?"]))
            else:
                stmt = self.u_state(k2, wv, other, corrected="user")
                if (("rel", other) in self.mentioned if k2 == "rel" else k2 in self.mentioned) and rng.random() < 0.5:
                    self.say(self.ch([f"Earlier you said {stmt}, didn't you?", f"Hang on, didn't you say {stmt}?",
                                      f"I wrote down that {stmt}. Is that what you said?"]))
                else:
                    self.say(self.ch({"skeptical_resident": [f"Hmm. I'd have said {stmt}.", f"I'm not sure I agree; to me {stmt}."],
                                      "exam_viva": [f"So {stmt}.", f"I put it to you that {stmt}."],
                                      "curious_student": [f"Wait, I thought {stmt}?", f"Oh, so {stmt}?"],
                                      "recap_heavy": [f"So {stmt}, right?", f"Let me check I have it: {stmt}?"]}[st]))
        elif sub in ("prem", "premwc", "premwu"):
            val = tv if sub == "prem" else wv
            stmt = self.u_state(k2, val, other, corrected="user" if sub == "premwc" else None)
            q, self.prem_ans = self.ch(PREMISE_XR[k] if (self.p["mod"] == "XR" and k in PREMISE_XR) else PREMISE[k])
            self.say(self.ch([f"Since {stmt}, {q}", f"Given that {stmt}, {q}", f"OK, so {stmt}. {cap(q)}"]))
        else:  # quote, quotewc, quotewu
            follow = self.ch(["What does that mean in practice?", "Can you unpack that?", "Why does that matter?", "Is that typical?"])
            if sub == "quote":
                e = said[-1]
                self.log(k2, e["said"], e["text"], other=e["other"])
                if e.get("pl") is not None:
                    self.say(f'You wrote that {self.it(e["pl"])} "{e["text"]}". {follow}')
                else:
                    self.say(f'You wrote "{e["text"]}". {follow}')
            else:
                fv = {"cls": (wv, None), "pct": (None, wv)}.get(k2, wv)
                pred = self.fact_pred("size" if k2 in ("cls", "pct") else k2, fv, self.pl, other, neg=False)
                self.ledger[-1]["corrected"] = "user" if sub == "quotewc" else None
                self.say(f'You wrote that {self.it()} "{pred}". {follow}')
        # ---- assistant turn
        self.new("assistant")
        viva = st == "exam_viva"
        if sub in ("ask", "sure", "why", "quote"):
            op = {"ask": [""], "sure": ["Yes.", "Yes, I'm sure.", "I am.", "Yes, and here's why."] if not viva else ["Yes.", "Certain."],
                  "why": ["Good question.", "It comes down to how the image is laid out.", "Happy to explain."],
                  "quote": ["Sure.", "Happy to.", "Yes, that's what I wrote."]}[sub]
            o = self.ch(op)
            if o:
                self.say(o, free=True)
            self.state(k, k2, tv, other, viva)
            if sub == "why" or (st == "curious_student" and rng.random() < 0.6):
                self.say(self.analogy(k), free=True)
            if rng.random() < (0.3 if viva else 0.6):
                self.say(self.explain(k), free=True)
        elif sub in ("wrongc", "premwc", "quotewc"):
            self.correction(k, k2, tv, wv, other, viva, prem=sub == "premwc")
            if k == "side" and rng.random() < 0.6:
                self.say(self.s_convention_free(), free=True)
            elif rng.random() < 0.5:
                self.say(self.explain(k), free=True)
            if sub == "premwc":
                self.prem_answer(k)
            if st == "curious_student" and rng.random() < 0.5:
                self.say(self.analogy(k), free=True)
        elif sub == "prem":
            if rng.random() < 0.35:
                self.say(self.ch(["Yes, that's right.", "Correct.", "Right."]), free=True)
                self.state(k, k2, tv, other, viva)
            self.prem_answer(k)
        elif sub in ("premwu", "quotewu"):
            if sub == "quotewu" and rng.random() < 0.6:
                self.say(self.ch(["Sure.", "Happy to.", "Good question."]), free=True)
            if sub == "premwu":
                self.prem_answer(k)
            else:
                self.say(self.explain(k), free=True)
                if st == "curious_student":
                    self.say(self.analogy(k), free=True)
        elif sub == "answ":
            self.state(k, k2, wv, other, viva, wrong=True)
            if rng.random() < 0.5:
                self.say(self.explain(k), free=True)
        elif sub == "flip":
            self.say(self.ch(["Looking again, I'd revise that.", "Fair challenge; on a second look I had it wrong.",
                              "Let me re-check. You're right to push."]), free=True)
            self.state(k, k2, wv, other, viva, wrong=True)
        self.extras(first=False)
        if st == "recap_heavy":
            self.recap_line()

    def state(self, k, k2, v, other, viva, wrong=False):
        """one sentence stating the fact asked about (v may be the planted wrong value)"""
        rng = self.rng
        if k == "size":
            if wrong:
                val = (v, None) if k2 == "cls" else (None, v)
            elif k2 == "cls":
                val = (v, self.fmt_pct(self.pct) if rng.random() < 0.4 else None)
            else:
                val = (self.cls if rng.random() < 0.4 else None, v)
        else:
            val = v
        if viva and rng.random() < 0.6:
            self.say(cap(self.fact_np(k, val, other)) + ".")
        else:
            self.say(self.sentence([(k, val, other)], pronoun=0.6))

    def correction(self, k, k2, tv, wv, other, viva, prem=False):
        rng = self.rng
        self.log("fix", k2, "", other=other)
        if prem:
            op = self.ch(["One correction first: ", "Small correction before I answer: ", "First, a correction: "])
        else:
            op = self.ch(["No. ", "Incorrect. ", "No: "] if viva else ["No, ", "Not quite: ", "I'd correct that: ", "Careful: ", "That's not right: "])
        s, pl = self.subj(0.8)
        if k == "size":
            val = (tv, None) if k2 == "cls" else (None, tv)
        else:
            val = tv
        pred = self.fact_pred(k, val, pl, other, neg=False)
        wtxt = self.wrong_words(k2, wv, other)
        tail = self.ch([f", not {wtxt}", f", not {wtxt}", f" rather than {wtxt}"])
        if op.endswith(". "):
            self.say(op + cap(s) + " " + pred + tail + ".")
        else:
            self.say(op + s + " " + pred + tail + ".")

    def wrong_words(self, k2, wv, other):
        if k2 == "side":
            if self.side == "bilateral" and wv in ("left", "right"):
                return f"only the {wv}"
            return {"left": "the left", "right": "the right", "midline": "the midline", "bilateral": "both sides"}[wv]
        if k2 == "vert":
            return {"anterior": "anterior", "posterior": "posterior", "central": "central", "superior": "superior",
                    "inferior": "inferior"}[wv]
        if k2 == "cls":
            return ADJ[wv]
        if k2 == "pct":
            return wv[0]
        if k2 == "count":
            return "one piece" if wv == 1 else f"{NUMW[wv]} pieces"
        return self.rel_words(wv, oname(other, self.rng))[0]

    def prem_answer(self, k):
        a = self.prem_ans
        if a is None:  # "what's the next landmark": another relation, or general anatomy
            cands = [r for r in self.rels if self.can("rel", r[0]) and r[0] != getattr(self, "_last_other", None)]
            if cands and self.rng.random() < 0.7:
                o, r = self.rng.choice(cands)
                self.say(self.ch(["I'd look at ", "Next I'd check ", "The next landmark is "]) + oname(o, self.rng) + ".", free=True)
                self.say(self.sentence([("rel", r, o)], pronoun=0.7))
            else:
                self.say(self.ch(self.p["nb"]), free=True)
        else:
            self.say(a, free=True)

    def mv_norel(self, other):
        X = oname(other, self.rng)
        self.new("user")
        self.say(self.ask_text("rel", X), free=True)
        self.new("assistant")
        ax = "in front of or behind" if self.ori == "LP" else "above or below"
        t = self.ch([f"On this slice the mask and {X} are too close, both across and {'front to back' if self.ori == 'LP' else 'top to bottom'}, to say that one lies clearly beside, {ax} the other.",
                     f"Honestly, not much to say: their centres are too close on both axes to call one {ax}, or to one side of, the other."])
        self.log("norel", None, t, other=other)
        self.say(t)
        if self.rng.random() < 0.5:
            self.say(self.ch(self.p["nb"]), free=True)
        if self.style == "recap_heavy":
            self.recap_line()

    def mv_hypo(self):
        rng, st, p = self.rng, self.style, self.p
        self.new("user")
        if self.side in ("left", "right"):
            o = OPP[self.side]
            u = {"skeptical_resident": ["Devil's advocate: what if it were on the other side?", f"And if it were on the patient's {o}?"],
                 "exam_viva": ["Other side. What would you think?", f"Same shape on the {o}. Your answer?"],
                 "curious_student": ["What would it mean if it showed up on the other side?", f"What if it were on the {o} instead?"],
                 "recap_heavy": ["What if it were on the opposite side?", f"What if it were on the patient's {o}?"]}[st]
        elif self.side == "bilateral":
            u = ["What if only one side were involved?", "Suppose you'd only found it on one side: what then?"]
        else:
            u = ["What if it were off to one side?", "Suppose it sat to one side of the midline: what would you think?"]
        self.say(self.ch(u), free=True)
        self.new("assistant")
        alt = p["alt"]
        if self.side in ("left", "right"):
            o = OPP[self.side]
            self.say(self.ch([f"If it were on the patient's {o}, {alt}.", f"Hypothetically, on the {o} side {alt}.",
                              f"Were it on the {o}, {alt}."]), free=True)
        else:
            self.say(self.ch(["Hypothetically, " + alt, "In that case " + alt, cap(alt)]) + ".", free=True)
        if self.can("side") and rng.random() < 0.6:
            s, pl = self.subj(0.3)
            self.say(self.ch(["Here, though, ", "But on this image ", "As it is, "]) + s + " " + self.p_side(self.side, pl) + ".")
        self.extras(first=False)
        if st == "recap_heavy":
            self.recap_line()


PREMISE = {
    "side": [("does that change how I should word the report?",
              "Side always goes into the report, and it's safest to write 'patient's left' or 'patient's right' in full, because image left and patient left are mirror images on a standard display."),
             ("should I compare with the opposite side?",
              "Comparing with the opposite side is always a good habit: asymmetry is often the first clue that something is wrong."),
             ("does that matter for a procedure?",
              "For any procedure the side has to be confirmed against the patient and the request, not read off one image; that's what the time-out is for.")],
    "vert": [("would a sagittal reformat help confirm that?",
              "Yes: a sagittal reformat makes front-to-back and up-down relations much easier to judge than a single slice."),
             ("does that matter for a percutaneous approach?",
              "It can, but the approach is chosen to avoid bowel, vessels and pleura, so the path from the skin matters more than the label.")],
    "size": [("is that abnormal?",
              "Share of the image isn't a clinical measurement: it depends on the field of view, the slice level and the patient's build. For a real judgement you'd measure it in centimetres or as a volume and compare with reference ranges."),
             ("how would I turn that into a real measurement?",
              "Multiply the pixel count by the pixel spacing squared to get an area in square millimetres, or add up the slices for a volume; the image fraction alone won't give you centimetres.")],
    "count": [("should I describe each piece separately?",
               "Yes: give each one its own location and size; a short table helps when there are several."),
              ("does the number matter clinically?",
               "It can: for lesions the number often changes management, and for organs a split outline can simply mean the structure dips in and out of the slice.")],
    "rel": [("what's the next landmark I should check?", None),
            ("would that relationship hold on every slice?",
             "Not necessarily: relations between structures change from one level to the next, so it's worth scrolling a few slices up and down.")],
}


PREMISE_XR = {"vert": [("would a lateral film help confirm that?",
                        "Yes: a lateral film shows front-to-back position directly and complements the frontal view for up-down position too."),
                       ("does that matter for where the drain or needle goes?",
                        "It can, but the entry point is chosen clinically and usually confirmed with ultrasound rather than from the film alone.")]}


def _join(parts):
    return " ".join(x for x in parts if x).replace(" \n", "\n").strip()


def build(p, facts, style, rng, defect):
    c = Conv(p, facts, style, rng, defect)
    c.plan()
    c.first_question()
    c.first_answer()
    for kind, sub in c.moves:
        if kind == "recap":
            c.mv_recap(sub)
        elif kind == "hypo":
            c.mv_hypo()
        else:
            c.mv_fact(kind, sub)
    turns = [{"role": t["role"], "content": _join(t["parts"])} for t in c.turns]
    LEDGERS.append({"ledger": c.ledger, "parts": [t["parts"] for t in c.turns], "free": [t["free"] for t in c.turns],
                    "slot": c.slot, "F": c.F, "moves": c.moves, "target": p["target"], "ori": p["ori"]})
    return turns, ([] if defect is None else [defect])
