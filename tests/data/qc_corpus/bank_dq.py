"""Bank DQ: a blind evaluation bank for the conversation checker, written by helper qcdq.

Written without reading QC: the writer never opened the checker's rules, its tests, the bench or any
other bank. The theme: an independent QA engineer takes clean conversations and plants each defect by
editing ONE phrase of an otherwise true sentence (a side word, a position word, a size word or number,
a count), keeping the grammar natural. The clean conversations are rich on purpose: display-convention
explanations ("on the image's right, which is the patient's left"), anatomy of OTHER structures with
their own sides, sizes and counts, textbook sizes, population percentages, differentials, caveats about
partial volume and slice choice, true negations, hypotheticals, and user misconceptions that the
assistant explicitly corrects.

Targets (32 profiles): abdomen CT (liver, spleen, right kidney, left kidney, kidneys, liver metastases,
pancreas, aorta, gallbladder), pelvis CT/MR (urinary bladder, uterus, prostate, rectum, ovarian cyst,
femoral heads), chest XR/CT (lungs, heart on a film, pneumothorax, pleural effusion, lung nodules, heart
on CT, right lung), brain MR/CT (brain metastases, glioblastoma, intracerebral hemorrhage, lateral
ventricles, left hippocampus on a coronal slice) and photos with no patient axes (polyp, polyps,
melanoma, optic disc, retinal hemorrhages). 14 of 32 are bilateral, midline or multi-piece.

Registers (STYLES): clinical_chat (an assistant talking to a resident), report_style (Findings /
Impression lines inside the chat), teaching (why-explanations, mnemonics), qa_brief (2-3 sentences a turn).

Defects: about 3 in 5 sit in the first answer, 1 in 5 in a follow-up answer and 1 in 5 in a user turn
(a false premise the assistant answers without correcting). names_target rows name the target in the
first question and are otherwise clean.

Own check (/work/notes/qcdq_scripts/check_dq.py, a ledger of every claim plus text scans):
rows: 420 clean: 210 defect: 210 problems: 0
"""

from __future__ import annotations

import json
import math
import random
import re

import numpy as np

STYLES = ["clinical_chat", "report_style", "teaching", "qa_brief"]

# the writer's own ledger: build() appends one entry per call (the claims it planted and their values),
# read by the writer's reader; it plays no part in the rows
LEDGER: list[dict] = []


def _p(target, modality, region, orientation, ell, others, exp, *, name, syn, stems, named, clues, why, know,
       diff, unit=("piece", "pieces"), plural=False, img="", half="side", mnem=None, hypo=None):
    return dict(target=target, modality=modality, region=region, orientation=orientation, ell=ell, others=others,
                exp=exp, name=name, syn=syn, stems=stems, named=named, clues=clues, why=why, know=know, diff=diff,
                unit=unit, plural=plural, img=img, half=half, mnem=mnem or [], hypo=hypo or [])


# ellipses: (cx, cy, rx, ry, angle in degrees), normalised to the 256 x 256 image; "exp" is what the
# geometry is built to measure (laterality, vertical, size class, components), checked by the reader
PROFILES = [
    _p("liver", "CT", "abdomen", "LP", [(0.30, 0.49, 0.19, 0.23, 10)],
       {"spleen": (0.76, 0.50), "aorta": (0.53, 0.58), "stomach": (0.64, 0.38), "right kidney": (0.33, 0.67)},
       ("right", "central", "large", 1),
       name="the liver", syn=["the organ", "the hepatic parenchyma"], plural=False,
       stems=[r"\bliver", r"\bhepat", r"\bhepar"], named=["the liver", "the hepatic parenchyma", "the liver parenchyma"],
       clues=["Which organ in this abdominal CT produces bile and clears ammonia from the blood? Please segment it.",
              "A patient with jaundice and a raised bilirubin: which solid organ in this slice would you look at first? Outline it for me.",
              "Can you segment the organ in this slice that stores glycogen and makes most of the plasma proteins?",
              "Which organ here would you biopsy to stage suspected cirrhosis? Please segment it."],
       why=["It is the organ that makes bile, and on this slice it is the broad, evenly enhancing solid organ beneath the right hemidiaphragm.",
            "Bile production, glycogen storage and albumin synthesis all point to it, and its smooth contour and uniform density fit."],
       know=["Couinaud's scheme divides it into eight functionally independent segments, each with its own portal pedicle.",
             "A normal adult liver measures about 15 cm craniocaudally in the midclavicular line; more than 16 cm suggests hepatomegaly.",
             "In some people the left lobe reaches across the midline far enough to touch the spleen.",
             "Riedel's lobe, a tongue-like inferior extension of the right lobe, is a normal variant that can mimic a mass.",
             "Fatty infiltration affects roughly a quarter of adults worldwide.",
             "The spleen normally sits on the opposite side, in the left upper quadrant, tucked behind the stomach.",
             "The gallbladder lies in a fossa on its undersurface, and the IVC runs in a groove on its back."],
       diff=["A nodular contour would raise cirrhosis; a smooth outline with uniform attenuation argues against it.",
             "Focal low-density areas would need a differential of cysts, haemangiomas and metastases, but none are segmented here."],
       img="axial CT slice", half="hemiabdomen",
       mnem=["Couinaud segments are numbered clockwise as you look at the organ from the front, starting with the caudate as segment 1."],
       hypo=["A solid organ this size on the patient's left would far more likely be an enlarged spleen."]),
    _p("spleen", "CT", "abdomen", "LP", [(0.76, 0.59, 0.07, 0.11, -20)],
       {"liver": (0.30, 0.48), "stomach": (0.62, 0.40), "left kidney": (0.67, 0.69)},
       ("left", "posterior", "medium", 1),
       name="the spleen", syn=["the organ", "the splenic parenchyma"],
       stems=[r"\bsplen", r"\bspleen", r"\blien"], named=["the spleen", "the splenic parenchyma"],
       clues=["Which organ in this CT slice filters old red cells and can rupture after lower rib fractures? Segment it.",
              "Infectious mononucleosis, and the patient is told to avoid contact sports: which organ are we protecting? Outline it here.",
              "Which lymphoid organ of the upper abdomen can you find in this slice? Please segment it.",
              "Which organ stores a reserve of platelets and clears encapsulated bacteria? Please outline it."],
       why=["It is the lymphoid organ that filters the blood, and here it is the crescent-shaped solid organ tucked under the left hemidiaphragm.",
            "Its position against the lower ribs, its smooth convex outer border and its uniform enhancement identify it."],
       know=["The '1-3-5-7-9-11' rule gives its classic dimensions as 1 x 3 x 5 inches, about 7 ounces, lying between the 9th and 11th ribs.",
             "Accessory spleens are found in roughly 10-30% of people, usually near the hilum.",
             "The left kidney lies behind and below it, and the tail of the pancreas often reaches its hilum.",
             "The liver occupies the mirror-image position on the right side.",
             "A length over about 12-13 cm is usually called splenomegaly.",
             "The splenic vein runs along the back of the pancreas to join the superior mesenteric vein behind the pancreatic neck."],
       diff=["A wedge-shaped low-density area would suggest an infarct, and a subcapsular crescent of fluid a haematoma after trauma.",
             "Splenomegaly has a long differential: portal hypertension, haematological disease and infection are the big three."],
       img="axial CT slice", half="upper quadrant",
       mnem=["Remember the odd numbers 1-3-5-7-9-11 for its dimensions, weight and rib level."],
       hypo=["A similar crescent on the patient's right would be the liver's tip, not an accessory organ."]),
    _p("right kidney", "CT", "abdomen", "LP", [(0.33, 0.66, 0.06, 0.08, 15)],
       {"liver": (0.30, 0.45), "aorta": (0.53, 0.57), "inferior vena cava": (0.44, 0.56), "left kidney": (0.67, 0.66)},
       ("right", "posterior", "medium", 1),
       name="the right kidney", syn=["the organ", "the right renal parenchyma"],
       stems=[r"\bkidneys?\b", r"\brenal\b", r"\bnephr"], named=["the right kidney", "the right renal parenchyma"],
       clues=["Which urine-producing organ on the same side of the body as the liver is visible here? Please segment it.",
              "Flank pain and blood in the urine on the patient's right: which organ should I outline on this slice?",
              "Segment the retroperitoneal organ on the patient's right that filters the blood and makes urine.",
              "Which bean-shaped organ that makes erythropoietin sits on the liver's side here? Outline it."],
       why=["It is the bean-shaped retroperitoneal organ that filters blood into urine, sitting beside the spine on the patient's right.",
            "The reniform outline, the enhancing cortex around the sinus fat and its place in the retroperitoneum give it away."],
       know=["An adult kidney is typically 10-12 cm long, and a difference of more than 2 cm between the two sides is worth a comment.",
             "The right one usually sits 1-2 cm lower than the left because the liver pushes it down.",
             "The left renal vein is longer than the right because it has to cross in front of the aorta to reach the IVC.",
             "Each kidney is wrapped in perirenal fat inside Gerota's fascia.",
             "Simple cysts are very common, found in roughly half of people over 50.",
             "The right adrenal gland sits above and medial to the upper pole, behind the IVC."],
       diff=["A low-density round lesion here would most likely be a simple cyst; an enhancing solid one would need workup for renal cell carcinoma.",
             "Hydronephrosis would show as a dilated collecting system, which is not the picture here."],
       img="axial CT slice", half="hemiabdomen",
       mnem=["For the renal veins, think 'left is long': the left vein crosses in front of the aorta, the right one is short."],
       hypo=["If this were the left kidney, it would usually sit a little higher, tucked under the spleen."]),
    _p("left kidney", "CT", "abdomen", "LP", [(0.67, 0.66, 0.06, 0.08, -15)],
       {"spleen": (0.76, 0.52), "aorta": (0.53, 0.57), "stomach": (0.60, 0.38), "right kidney": (0.33, 0.66)},
       ("left", "posterior", "medium", 1),
       name="the left kidney", syn=["the organ", "the left renal parenchyma"],
       stems=[r"\bkidneys?\b", r"\brenal\b", r"\bnephr"], named=["the left kidney", "the left renal parenchyma"],
       clues=["Which urine-producing organ on the spleen's side of the body do you see here? Please segment it.",
              "Colicky pain in the patient's left flank and haematuria: which organ should I outline on this CT?",
              "Segment the retroperitoneal organ on the patient's left that filters the blood into urine.",
              "Which bean-shaped organ that makes erythropoietin lies on the patient's left in this slice? Outline it."],
       why=["It is the bean-shaped retroperitoneal organ that filters blood into urine, lying beside the spine on the patient's left.",
            "The reniform outline, the enhancing cortex and its position in the left retroperitoneum identify it."],
       know=["An adult kidney is typically 10-12 cm long, and the left one is often a few millimetres longer than the right.",
             "The left renal vein crosses in front of the aorta, just below the superior mesenteric artery, the spot where nutcracker syndrome happens.",
             "The right kidney usually sits 1-2 cm lower than the left because of the liver above it.",
             "The left adrenal gland lies in front of and medial to the upper pole.",
             "A duplex collecting system is seen in about 1% of people, more often in women.",
             "Each kidney is wrapped in perirenal fat inside Gerota's fascia."],
       diff=["A low-density round lesion here would most likely be a simple cyst; an enhancing solid one would need workup.",
             "An angiomyolipoma would contain fat, which is easy to spot on CT."],
       img="axial CT slice", half="hemiabdomen",
       mnem=["'Left is long': the left renal vein has the longer course because it must cross the aorta."],
       hypo=["Had this been the right kidney, it would usually lie a bit lower, pushed down by the liver."]),
    _p("kidneys", "CT", "abdomen", "LP", [(0.33, 0.66, 0.06, 0.08, 15), (0.67, 0.66, 0.06, 0.08, -15)],
       {"aorta": (0.50, 0.57), "liver": (0.30, 0.45)},
       ("bilateral", "posterior", "medium", 2),
       name="the kidneys", syn=["both organs", "the renal parenchyma"], plural=True, unit=("region", "regions"),
       stems=[r"\bkidneys?\b", r"\brenal\b", r"\bnephr"], named=["both kidneys", "the kidneys", "the renal parenchyma"],
       clues=["Which paired organs in this slice filter the blood and make urine? Segment both.",
              "Creatinine is rising: which paired retroperitoneal organs should I outline on this CT?",
              "Please segment the organs that produce urine in this axial slice.",
              "Which organs here secrete erythropoietin and renin? Outline them."],
       why=["They are the paired bean-shaped organs that filter blood into urine, one in each paravertebral gutter of the retroperitoneum.",
            "Two reniform structures with enhancing cortex either side of the spine can only be these organs."],
       know=["An adult kidney is typically 10-12 cm long; a difference of more than 2 cm between sides is worth a comment.",
             "A horseshoe kidney, where the lower poles fuse in front of the aorta, occurs in about 1 in 500 people.",
             "The right one usually lies 1-2 cm lower than the left because of the liver.",
             "The left renal vein crosses in front of the aorta to reach the IVC, so it is longer than the right.",
             "A solitary kidney is found in roughly 1 in 1,000 births.",
             "Simple cysts are present in about half of people over 50."],
       diff=["Symmetric size and enhancement argue against unilateral disease such as renal artery stenosis.",
             "Polycystic disease would show many cysts enlarging both organs, which is not the picture here."],
       img="axial CT slice", half="hemiabdomen",
       mnem=["'Left is long': the left renal vein is the long one, because it crosses the aorta."],
       hypo=["If only one side had been outlined, I'd want to know whether the other had been removed or was ectopic."]),
    _p("liver metastases", "CT", "abdomen", "LP",
       [(0.22, 0.40, 0.030, 0.030, 0), (0.30, 0.53, 0.035, 0.030, 0), (0.37, 0.37, 0.025, 0.025, 0), (0.26, 0.61, 0.030, 0.035, 0)],
       {"spleen": (0.76, 0.50), "aorta": (0.53, 0.58)},
       ("right", "central", "medium", 4),
       name="the liver metastases", syn=["the lesions", "the deposits"], plural=True, unit=("lesion", "lesions"),
       stems=[r"\bmetasta", r"\bmets\b", r"\bsecondar", r"\bdeposit", r"\bliver", r"\bhepat"],
       named=["the liver metastases", "the hepatic metastases", "the liver mets"],
       clues=["This patient has a history of colorectal cancer. Which lesions on this CT suggest spread of the disease? Please segment all of them.",
              "Staging CT for a known bowel primary: can you outline the low-density spots that worry you?",
              "Which lesions here would change the stage of this patient's colon cancer? Segment them.",
              "Rising CEA after a sigmoid resection: which lesions on this slice explain it? Please outline them."],
       why=["They are the hypodense, rim-enhancing lesions within the hepatic parenchyma, and with a known colorectal primary spread is the first diagnosis.",
            "Multiple round low-attenuation foci with a faint enhancing rim are the classic pattern of blood-borne spread from the bowel."],
       know=["Colorectal cancer spreads to the liver first because venous blood from the bowel drains through the portal vein.",
             "About 50% of patients with colorectal cancer develop liver metastases at some point.",
             "Lesions under 1 cm are often too small to characterise on CT, and MRI with a hepatobiliary agent finds more of them.",
             "Surgeons usually require a future liver remnant of at least 20-30% of the total volume before resection.",
             "Simple cysts and haemangiomas are the common benign look-alikes.",
             "The spleen, on the opposite side, is a rare site of metastasis."],
       diff=["A cyst would be water density with no rim, and a haemangioma would fill in from the periphery on delayed images.",
             "Abscesses can look similar but usually come with fever and a clustered pattern."],
       img="axial CT slice", half="hemiabdomen",
       mnem=["'Portal first': gut cancers reach the liver before the lungs because the portal vein drains the bowel."],
       hypo=["If similar lesions were scattered on both sides, including the spleen, lymphoma would move up the list."]),
    _p("pancreas", "CT", "abdomen", "LP", [(0.58, 0.50, 0.14, 0.035, -15)],
       {"aorta": (0.50, 0.61), "spleen": (0.78, 0.52), "stomach": (0.60, 0.36)},
       ("left", "central", "medium", 1),
       name="the pancreas", syn=["the gland", "the pancreatic parenchyma"],
       stems=[r"\bpancrea"], named=["the pancreas", "the pancreatic parenchyma"],
       clues=["Which gland in this slice makes insulin and also secretes digestive enzymes into the duodenum? Segment it.",
              "Epigastric pain radiating to the back and a lipase of 3000: which organ should I outline?",
              "Please segment the retroperitoneal gland that lies along the splenic vein.",
              "Which organ contains the islets of Langerhans? Outline it on this CT."],
       why=["It is the gland that makes insulin and digestive enzymes, and here it is the lobulated strip of tissue lying across the upper retroperitoneum along the splenic vein.",
            "Its lobulated, feathery outline and its course along the splenic vein toward the splenic hilum identify it."],
       know=["It has a head nestled in the duodenal C-loop on the right, then a neck, body and tail that runs toward the splenic hilum on the left.",
             "The head measures up to about 3 cm and the body and tail up to about 2.5 cm in AP diameter.",
             "The splenic vein runs along its posterior surface.",
             "The superior mesenteric artery and vein pass behind its neck.",
             "Pancreas divisum, where the dorsal and ventral ducts fail to fuse, occurs in about 5-10% of people.",
             "A main duct wider than 3 mm is considered dilated."],
       diff=["Diffuse swelling with peripancreatic fat stranding would suggest acute pancreatitis.",
             "A hypodense mass in the head with an upstream dilated duct would raise adenocarcinoma."],
       img="axial CT slice", half="hemiabdomen",
       mnem=["Head in the C-loop, tail at the spleen: 'the head sits in the duodenum's hand'."],
       hypo=["If most of the tissue sat on the patient's right instead, you would be looking mainly at the head and uncinate process."]),
    _p("aorta", "CT", "abdomen", "LP", [(0.51, 0.60, 0.032, 0.032, 0)],
       {"inferior vena cava": (0.44, 0.58), "L2 vertebral body": (0.50, 0.70), "superior mesenteric artery": (0.51, 0.52)},
       ("midline", "posterior", "small", 1),
       name="the aorta", syn=["the vessel", "the abdominal aorta"],
       stems=[r"\baort"], named=["the aorta", "the abdominal aorta", "the aortic lumen"],
       clues=["Which vessel in this slice carries oxygenated blood from the heart down toward the legs? Segment it.",
              "Sudden tearing back pain and a pulsatile mass: which vessel should I outline on this CT?",
              "Please segment the main artery running in front of the spine in this abdominal slice.",
              "Which vessel gives off the coeliac trunk and the renal arteries? Outline it here."],
       why=["It is the main systemic artery, the round bright vessel lying directly in front of the vertebral body on this contrast CT.",
            "A round, densely enhancing vessel in front of the spine, with the IVC beside it, can only be this artery."],
       know=["A normal infrarenal aorta is under about 2 cm across; 3 cm or more defines an aneurysm.",
             "Aneurysms are found in roughly 4-8% of men over 65 in screening programmes.",
             "The IVC runs alongside it on the patient's right, and the left renal vein crosses in front of it.",
             "It divides into the two common iliac arteries at about the level of L4.",
             "In most people it runs slightly to the left of the true midline, although on a single slice that offset is usually too small to matter.",
             "The superior mesenteric artery leaves its front wall at about L1."],
       diff=["An aneurysm, a dissection flap or mural thrombus would all change the outline; none is evident.",
             "Retroperitoneal nodes can surround it and mimic a thick wall, but they would not enhance like the lumen."],
       img="axial CT slice", half="hemiabdomen",
       mnem=["'Three is the threshold': an abdominal aorta of 3 cm or more is aneurysmal."],
       hypo=["If the vessel lay well to the patient's right of the spine, I'd think of the IVC instead."]),
    _p("gallbladder", "CT", "abdomen", "LP", [(0.36, 0.40, 0.04, 0.055, 20)],
       {"liver": (0.28, 0.50), "duodenum": (0.45, 0.48), "right kidney": (0.33, 0.66)},
       ("right", "anterior", "small", 1),
       name="the gallbladder", syn=["the organ", "the sac"],
       stems=[r"\bgall", r"\bcholecyst"], named=["the gallbladder", "the gall bladder"],
       clues=["Which pear-shaped sac in this slice stores and concentrates bile? Segment it.",
              "Right upper quadrant pain after fatty meals: which organ should I look at on this slice? Outline it.",
              "Murphy's sign is positive. Which structure should I segment on this CT?",
              "Which organ contracts after a fatty meal to squeeze bile into the duodenum? Please outline it."],
       why=["It is the pear-shaped sac that stores bile, seen here as a fluid-density structure in a fossa under the liver.",
            "Its fluid density, thin wall and position in the fossa on the liver's undersurface identify it."],
       know=["A normal wall is under 3 mm thick, though a contracted organ after a meal can look thicker.",
             "It holds about 30-50 mL of bile when distended.",
             "Gallstones are present in roughly 10-15% of adults in Western countries, and most never cause symptoms.",
             "The cystic duct joins the common hepatic duct to form the common bile duct.",
             "A Phrygian cap, a fold of the fundus, is a harmless variant in a few percent of people.",
             "It sits between segments 4 and 5 of the liver."],
       diff=["Wall thickening with pericholecystic fluid would suggest cholecystitis; neither is present here.",
             "Many gallstones are not dense enough to see on CT, so ultrasound remains the first test."],
       img="axial CT slice", half="upper quadrant",
       mnem=["Fat, female, fertile, forty: the old '4 F' mnemonic for gallstone risk."],
       hypo=["A fluid-filled sac in the left upper quadrant would more likely be the stomach or a pancreatic pseudocyst."]),
    _p("urinary bladder", "CT", "pelvis", "LP", [(0.50, 0.40, 0.09, 0.075, 0)],
       {"rectum": (0.50, 0.68), "left femoral head": (0.78, 0.52), "right femoral head": (0.22, 0.52)},
       ("midline", "anterior", "medium", 1),
       name="the bladder", syn=["the organ", "the vesical lumen"],
       stems=[r"\bbladder", r"\burinary", r"\bvesic"], named=["the urinary bladder", "the bladder"],
       clues=["Which hollow organ in this pelvic slice stores urine? Please segment it.",
              "Retention after surgery, and a catheter is planned: which organ fills with urine here? Outline it.",
              "Which pelvic organ does a suprapubic catheter go into? Segment it.",
              "Which organ contains the trigone? Please outline it on this pelvic CT."],
       why=["It is the hollow organ that stores urine, the fluid-filled structure just behind the pubic bones.",
            "A fluid-density, smooth-walled structure right behind the symphysis is this organ."],
       know=["Normal capacity is about 400-600 mL, and the urge to void usually starts at around 150-200 mL.",
             "The trigone is the smooth triangle at the base between the two ureteric orifices and the internal urethral orifice.",
             "In men the rectum lies directly behind it; in women the uterus and vagina sit in between.",
             "Its wall should measure under about 3 mm when it is distended.",
             "The ureters enter it obliquely from behind, one on each side.",
             "Bladder diverticula are most often found near the ureteric orifices."],
       diff=["Focal wall thickening would need cystoscopy to exclude a urothelial tumour.",
             "A fluid structure of this kind off to one side would more likely be a cyst than this organ."],
       img="axial CT slice", half="hemipelvis",
       mnem=["'Bladder in front, bowel behind' is the simplest way to orient yourself in the pelvis."],
       hypo=["If it were displaced to one side, I'd look for a pelvic mass or haematoma pushing it across."]),
    _p("uterus", "MR", "pelvis", "LP", [(0.50, 0.51, 0.08, 0.06, 0)],
       {"urinary bladder": (0.50, 0.36), "rectum": (0.50, 0.72), "left ovary": (0.68, 0.54)},
       ("midline", "central", "medium", 1),
       name="the uterus", syn=["the organ", "the uterine body"],
       stems=[r"\buter", r"\bwomb", r"\bendometri", r"\bmyometri"], named=["the uterus", "the uterine body", "the womb"],
       clues=["In this pelvic MRI of a woman, which organ would hold a pregnancy? Segment it.",
              "Heavy menstrual bleeding and suspected fibroids: which organ do you want to outline here?",
              "Please segment the pear-shaped muscular organ that sits between the bladder and the rectum.",
              "Which organ is lined by the tissue that sheds each month? Outline it on this MRI."],
       why=["It is the muscular organ that carries a pregnancy, the T2-intermediate structure with its bright lining between the bladder and rectum.",
            "The zonal anatomy on T2, bright lining, dark junctional zone and intermediate outer muscle, identifies it."],
       know=["A nulliparous adult uterus is roughly 7-8 cm long and 5 cm wide.",
             "Most are anteverted and anteflexed, tipping forward over the bladder; about 20% are retroverted.",
             "The ovaries usually sit in the ovarian fossae on the pelvic side walls, one on each side.",
             "Fibroids are found in up to 70% of women by age 50, many without symptoms.",
             "A junctional zone thicker than 12 mm suggests adenomyosis.",
             "The round ligaments run forward and laterally to the deep inguinal rings."],
       diff=["A focal dark-on-T2 mass in the wall would suggest a fibroid; none is segmented here.",
             "A bicornuate or septate shape would show a split fundus on a coronal view."],
       img="axial MRI slice", half="hemipelvis",
       mnem=["Zonal anatomy on T2 reads 'bright, dark, grey' from the inside out."],
       hypo=["If the organ were pushed to one side, an adnexal mass on the other side would be the usual culprit."]),
    _p("prostate", "MR", "pelvis", "LP", [(0.50, 0.52, 0.05, 0.04, 0)],
       {"rectum": (0.50, 0.68), "pubic symphysis": (0.50, 0.34)},
       ("midline", "central", "small", 1),
       name="the prostate", syn=["the gland", "the prostate gland"],
       stems=[r"\bprostat"], named=["the prostate", "the prostate gland", "the prostatic parenchyma"],
       clues=["Which gland in this male pelvis MRI surrounds the urethra just below the bladder? Segment it.",
              "PSA is 9 and rising: which organ should I outline on this MRI?",
              "Please segment the gland that contributes most of the fluid of semen.",
              "Which organ is felt through the front wall of the rectum on digital exam? Outline it."],
       why=["It is the gland wrapped around the proximal urethra, seen here between the pubic symphysis and the rectum.",
            "Its rounded shape, the bright peripheral zone on T2 and its position under the bladder base identify it."],
       know=["A normal gland weighs about 20-25 g; the ellipsoid formula, length x width x height x 0.52, estimates its volume.",
             "About 70% of cancers arise in the peripheral zone, which lies posteriorly where the finger feels it on rectal exam.",
             "Benign hyperplasia starts in the transition zone around the urethra.",
             "The seminal vesicles sit above and behind it, one on each side.",
             "PI-RADS scores run from 1 to 5.",
             "The neurovascular bundles run at the 5 and 7 o'clock positions."],
       diff=["A dark, diffusion-restricting focus in the peripheral zone would raise cancer; none is segmented here.",
             "Nodular enlargement of the transition zone is the usual picture of benign hyperplasia."],
       img="axial MRI slice", half="hemipelvis",
       mnem=["'Peripheral is perilous': most cancers start in the peripheral zone."],
       hypo=["If the gland were pushed to one side, I'd look for a pelvic side-wall mass."]),
    _p("rectum", "MR", "pelvis", "LP", [(0.50, 0.70, 0.045, 0.04, 0)],
       {"urinary bladder": (0.50, 0.42), "coccyx": (0.50, 0.82)},
       ("midline", "posterior", "small", 1),
       name="the rectum", syn=["the bowel segment", "the rectal lumen"],
       stems=[r"\brect(um|al|i)\b", r"\banorect"], named=["the rectum", "the rectal wall", "the rectal lumen"],
       clues=["Which part of the bowel in this pelvic MRI stores stool just before defecation? Segment it.",
              "Fresh bleeding per anus and a low tumour on digital exam: which segment of bowel do I outline here?",
              "Please segment the last part of the large bowel, just in front of the sacrum.",
              "Which bowel segment is surrounded by the mesorectal fascia? Outline it."],
       why=["It is the terminal segment of the large bowel, lying in the posterior pelvis in front of the sacrum and coccyx.",
            "A gas- and fluid-containing bowel loop wrapped in its own fat envelope in front of the sacrum is this segment."],
       know=["It is about 12-15 cm long, from the rectosigmoid junction to the anorectal junction.",
             "MRI staging measures how far a tumour lies from the mesorectal fascia; under 1 mm threatens the margin.",
             "It has three lateral folds, the valves of Houston: two on the left and one on the right.",
             "The mesorectal fat around it contains the lymph nodes that matter for staging.",
             "About a third of colorectal cancers arise here."],
       diff=["Focal wall thickening would need endoscopy to exclude a tumour; the wall looks even here.",
             "Proctitis would thicken the wall over a long segment with surrounding stranding."],
       img="axial MRI slice", half="hemipelvis",
       mnem=["Houston has three valves: left, right, left from top to bottom."],
       hypo=["If it were pushed forward, I'd look for a presacral mass behind it."]),
    _p("ovarian cyst", "MR", "pelvis", "LP", [(0.66, 0.48, 0.07, 0.065, 0)],
       {"uterus": (0.50, 0.50), "urinary bladder": (0.50, 0.36)},
       ("left", "central", "medium", 1),
       name="the ovarian cyst", syn=["the lesion", "the cyst"],
       stems=[r"\bovar", r"\bcyst"], named=["the ovarian cyst", "the cyst", "the adnexal cyst"],
       clues=["A young woman with pelvic pain and a negative pregnancy test: which fluid-filled lesion on this MRI could explain it? Segment it.",
              "Which adnexal lesion do you see in this pelvis? Please outline it.",
              "Pain in the patient's left iliac fossa and a follicle that never ruptured: which lesion is that here? Segment it.",
              "Which thin-walled, fluid-bright lesion beside the uterus should I outline?"],
       why=["It is a thin-walled, uniformly T2-bright fluid lesion arising from the ovary at the side of the uterus.",
            "A round, simple-fluid lesion in the adnexa with no solid part is the textbook appearance."],
       know=["Simple cysts under 3 cm in a premenopausal woman are usually physiological follicles and need no follow-up.",
             "O-RADS MRI scores run from 1 to 5.",
             "The ovaries usually lie in the ovarian fossa on the pelvic side wall, near the bifurcation of the common iliac vessels.",
             "Torsion is more common on the right, possibly because the sigmoid colon limits movement on the left.",
             "A dermoid would contain fat, which is bright on T1 and drops out with fat saturation.",
             "Endometriomas stay bright on T1 fat-saturated images and show T2 shading."],
       diff=["A dermoid, an endometrioma and a cystic neoplasm are the main alternatives; a simple thin wall favours a functional cyst.",
             "A hydrosalpinx would be tubular and folded rather than round."],
       img="axial MRI slice", half="hemipelvis",
       mnem=["For adnexal masses, 'fat, blood, solid' are the three things to look for on MRI."],
       hypo=["On the right side, appendicitis would have to be excluded before blaming a cyst for the pain."]),
    _p("femoral heads", "CT", "pelvis", "LP", [(0.24, 0.50, 0.055, 0.055, 0), (0.76, 0.50, 0.055, 0.055, 0)],
       {"urinary bladder": (0.50, 0.40)},
       ("bilateral", "central", "medium", 2),
       name="the femoral heads", syn=["both heads", "the two heads"], plural=True, unit=("region", "regions"),
       stems=[r"\bfemor", r"\bfemur", r"\bthigh\s*bone"], named=["the femoral heads", "both femoral heads", "the heads of the femurs"],
       clues=["Which bony structures in this pelvic CT articulate with the acetabula? Segment both.",
              "Avascular necrosis is suspected in a patient on long-term steroids: which bones should I outline on this slice?",
              "Please segment the rounded ends of the long bones that sit in the hip sockets here.",
              "Which structures does the ligamentum teres attach to? Outline them on this CT."],
       why=["They are the rounded proximal ends of the long bones of the legs, seated in the acetabula on each side.",
            "Two round bony structures in the sockets on either side of the pelvis, each with a smooth cortex, identify them."],
       know=["A normal adult femoral head is about 4.5-5 cm across.",
             "The fovea capitis, a small pit on the medial side of each head, is where the ligamentum teres attaches.",
             "Avascular necrosis is bilateral in up to 70% of non-traumatic cases, so the other side should always be checked.",
             "The acetabulum is formed by three bones: ilium, ischium and pubis.",
             "Shenton's line on a pelvic film should be a smooth arc on each side."],
       diff=["A crescent sign or sclerosis would suggest avascular necrosis; the density looks uniform.",
             "Metastases to the proximal femur are common, but they usually sit in the neck and shaft."],
       img="axial CT slice", half="hemipelvis",
       mnem=["'Three bones, one socket': ilium, ischium and pubis meet at the acetabulum."],
       hypo=["If only one head had been outlined, I'd check for a prosthesis on the other side."]),
    _p("lungs", "XR", "chest", "LI", [(0.30, 0.42, 0.13, 0.25, 0), (0.70, 0.42, 0.12, 0.24, 0)],
       {"heart": (0.52, 0.65), "trachea": (0.50, 0.15)},
       ("bilateral", "superior", "large", 2),
       name="the lungs", syn=["both lung fields", "the lung fields"], plural=True, unit=("region", "regions"),
       stems=[r"\blungs?\b", r"\bpulmon", r"\bpneum"], named=["the lungs", "both lungs", "the lung fields"],
       clues=["On this chest film, which paired organs do gas exchange? Segment both.",
              "Please outline the air-filled organs on this frontal chest radiograph.",
              "Which organs would a spirometry test assess? Segment them on this X-ray.",
              "Which organs contain the alveoli? Outline them on this film."],
       why=["They are the paired air-filled organs of gas exchange, the dark fields on either side of the mediastinum.",
            "Two large lucent areas either side of the heart and mediastinum, bounded below by the diaphragm, are these organs."],
       know=["The right lung has three lobes and the left has two, with the lingula as the left's counterpart of the middle lobe.",
             "The right hemidiaphragm usually sits 1-2 cm higher than the left, because the liver lies beneath it.",
             "The heart shadow should take up less than half of the chest width on a PA film.",
             "The left hilum is normally slightly higher than the right in about 97% of people.",
             "The costophrenic angles should be sharp on both sides.",
             "About 10 posterior ribs should be visible above the diaphragm on a good inspiration."],
       diff=["Patchy opacity in one zone would suggest consolidation; the fields look clear here.",
             "A large unilateral lucency without markings would raise a pneumothorax."],
       img="frontal chest radiograph", half="hemithorax",
       mnem=["'Three on the right, two on the left': the right lung has the extra lobe."],
       hypo=["If only one side had been segmented, I'd check whether the other was collapsed or removed."]),
    _p("heart", "XR", "chest", "LI", [(0.60, 0.62, 0.12, 0.11, 0)],
       {"trachea": (0.50, 0.15), "left hemidiaphragm": (0.70, 0.80), "aortic knob": (0.58, 0.32)},
       ("left", "inferior", "medium", 1),
       name="the heart", syn=["the cardiac silhouette", "the organ"],
       stems=[r"\bheart", r"\bcardi", r"\bcor\b"], named=["the heart", "the cardiac silhouette"],
       clues=["Which organ on this chest film pumps blood around the body? Please segment it.",
              "Shortness of breath and ankle swelling, and I want to judge for enlargement: which organ should I outline on this PA film?",
              "Which organ would a murmur come from? Segment it on this X-ray.",
              "Which organ sits in the middle mediastinum inside the pericardium? Outline it on this radiograph."],
       why=["It is the muscular pump of the circulation, the dense silhouette in the lower mediastinum bulging toward the patient's left.",
            "The soft-tissue density sitting on the diaphragm between the lungs, wider to the left, is this organ's silhouette."],
       know=["The cardiothoracic ratio should be under 0.5 on a PA film; AP films magnify the shadow, so that cut-off does not apply.",
             "Its right border is formed by the right atrium and its left border mostly by the left ventricle.",
             "Dextrocardia, with the apex pointing to the right, occurs in about 1 in 10,000 births.",
             "The aortic knob projects above it on the left.",
             "The right hemidiaphragm usually sits a little higher than the left.",
             "Roughly two-thirds of its mass lies to the left of the midline."],
       diff=["A globular, water-bottle outline would suggest a pericardial effusion rather than chamber enlargement.",
             "Cardiomegaly on a PA film would push the ratio above 0.5."],
       img="frontal chest radiograph", half="hemithorax",
       mnem=["For the borders: right atrium on the right, left ventricle on the left, and 'RA-LV' is all you need on a PA film."],
       hypo=["If the apex pointed to the patient's right, dextrocardia or a mislabelled film would be the question."]),
    _p("pneumothorax", "XR", "chest", "LI", [(0.18, 0.35, 0.05, 0.15, 8)],
       {"heart": (0.58, 0.62), "trachea": (0.50, 0.15)},
       ("right", "superior", "medium", 1),
       name="the pneumothorax", syn=["the air collection", "the pleural air"],
       stems=[r"\bpneumoth", r"\bptx\b"], named=["the pneumothorax", "the PTX"],
       clues=["Tall thin young man with sudden pleuritic chest pain: what is the abnormality on this film? Segment it.",
              "Which collection of air in the pleural space can you outline on this X-ray?",
              "After a central line attempt the patient is breathless. Please segment the complication you see.",
              "Which finding here explains the absent breath sounds over one apex? Outline it."],
       why=["It is air in the pleural space: a lucent rim with no lung markings beyond a thin white visceral pleural line at the apex.",
            "The sharp visceral pleural line with black, featureless space outside it is the giveaway."],
       know=["The British Thoracic Society uses a 2 cm rim at the hilum to separate small from large.",
             "On a supine film air collects anteriorly and inferiorly, giving a deep sulcus sign.",
             "Tension is suggested when the mediastinum shifts to the opposite side.",
             "Primary spontaneous ones are about 6 times more common in men.",
             "Skin folds can mimic the pleural line, but they usually extend beyond the chest wall."],
       diff=["A bulla can mimic it, but a bulla has a concave inner margin and lung markings around it.",
             "A skin fold is the classic mimic on a portable film."],
       img="frontal chest radiograph", half="hemithorax",
       mnem=["'Line, then nothing': a pleural line with no markings beyond it."],
       hypo=["Had it been on the patient's left, a left-sided line placement would be the first thing I'd ask about."]),
    _p("pleural effusion", "XR", "chest", "LI", [(0.74, 0.74, 0.11, 0.07, -10)],
       {"heart": (0.60, 0.62), "aortic knob": (0.58, 0.32)},
       ("left", "inferior", "medium", 1),
       name="the pleural effusion", syn=["the effusion", "the fluid"],
       stems=[r"\bpleur", r"\beffus"], named=["the pleural effusion", "the effusion"],
       clues=["Dullness to percussion at one base and reduced breath sounds: which abnormality on this film explains it? Please segment it.",
              "Please segment the fluid collection in the chest on this radiograph.",
              "Heart failure patient with a blunted costophrenic angle: what should I outline?",
              "Which finding with a meniscus-shaped upper border do you see on this X-ray? Outline it."],
       why=["It is fluid in the pleural space, the homogeneous opacity at the base with a meniscus-shaped upper border.",
            "A dense basal opacity that blunts the costophrenic angle and curves up laterally is the classic sign."],
       know=["About 200 mL of fluid is needed to blunt the costophrenic angle on a PA film, but a lateral film can show as little as 50 mL.",
             "A meniscus, higher laterally than medially, is typical of free fluid.",
             "Light's criteria separate exudates from transudates.",
             "In heart failure, effusions are usually bilateral or right-sided.",
             "A large one can push the mediastinum away to the other side."],
       diff=["Lower-lobe collapse can look similar, but it pulls the mediastinum toward it.",
             "A subpulmonic collection can masquerade as a raised hemidiaphragm."],
       img="frontal chest radiograph", half="hemithorax",
       mnem=["'Meniscus means fluid': the curved upper border points to free fluid."],
       hypo=["If this were on the right alone in a heart-failure patient, that would be the more typical pattern."]),
    _p("lung nodules", "CT", "chest", "LP",
       [(0.28, 0.46, 0.020, 0.020, 0), (0.70, 0.56, 0.025, 0.025, 0), (0.66, 0.40, 0.018, 0.018, 0)],
       {"descending aorta": (0.56, 0.64)},
       ("bilateral", "central", "small", 3),
       name="the lung nodules", syn=["the nodules", "the lesions"], plural=True, unit=("nodule", "nodules"),
       stems=[r"\bnodul", r"\blungs?\b", r"\bpulmon"], named=["the lung nodules", "the pulmonary nodules", "the nodules"],
       clues=["Low-dose screening CT in a 60-year-old smoker: which findings need follow-up under the screening guidelines? Segment all of them.",
              "Which round opacities on this chest CT might be early cancers? Please outline them.",
              "A patient with melanoma has a staging chest CT. Which lesions do you see in the chest? Segment them.",
              "Which small round densities in the aerated parenchyma should I outline here?"],
       why=["They are round soft-tissue densities surrounded by aerated lung, too round and too isolated to be vessels seen end-on.",
            "Scrolling shows they are spherical rather than tubular, which separates them from vessels."],
       know=["Fleischner guidance says solid nodules under 6 mm in a low-risk patient need no routine follow-up.",
             "About 1 in 4 screening CTs shows at least one nodule, and well over 90% of them are benign.",
             "Metastases tend to be multiple, round and basal, because more blood flows to the bases.",
             "The right lung has three lobes and the left two.",
             "Perifissural nodules, flat along a fissure, are usually intrapulmonary lymph nodes."],
       diff=["Granulomas, intrapulmonary nodes and metastases are the main differential; calcification would favour a granuloma.",
             "Vessels seen end-on can mimic nodules on a single slice."],
       img="axial CT slice", half="hemithorax",
       mnem=["'Six millimetres, six months' is a rough way to remember when solid nodules start to need follow-up."],
       hypo=["If all of them were in one lobe, an infective cluster would become more likely."]),
    _p("heart", "CT", "chest", "LP", [(0.60, 0.40, 0.12, 0.11, 0)],
       {"descending aorta": (0.56, 0.64), "right lung": (0.26, 0.48)},
       ("left", "anterior", "medium", 1),
       name="the heart", syn=["the organ", "the cardiac silhouette"],
       stems=[r"\bheart", r"\bcardi", r"\bcor\b"], named=["the heart", "the cardiac chambers"],
       clues=["Which organ in this chest CT pumps blood around the body? Please segment it.",
              "Which organ does the pericardium enclose? Outline it on this slice.",
              "Chest pain and a raised troponin: which organ should I segment on this CT?",
              "Which organ in the middle mediastinum has four chambers? Segment it here."],
       why=["It is the four-chambered pump of the circulation, the large contrast-filled soft-tissue structure in the anterior mediastinum.",
            "Its chambers, the interventricular septum and the surrounding pericardial fat identify it."],
       know=["The right ventricle is the most anterior chamber, sitting just behind the sternum.",
             "The left atrium is the most posterior chamber, lying in front of the oesophagus.",
             "Normal pericardial thickness is under 2 mm.",
             "About two-thirds of its mass lies to the left of the midline.",
             "The descending aorta runs behind it, beside the spine on the left."],
       diff=["A pericardial effusion would show as a fluid rim around it.",
             "Coronary calcification would be worth scoring if this were a dedicated study."],
       img="axial CT slice", half="hemithorax",
       mnem=["Front to back: right ventricle first, left atrium last."],
       hypo=["If it sat mostly on the patient's right, dextrocardia or dextroposition would be the question."]),
    _p("right lung", "CT", "chest", "LP", [(0.28, 0.50, 0.16, 0.24, 0)],
       {"heart": (0.60, 0.42), "descending aorta": (0.56, 0.64)},
       ("right", "central", "large", 1),
       name="the right lung", syn=["the organ", "the right lung parenchyma"],
       stems=[r"\blungs?\b", r"\bpulmon"], named=["the right lung", "the right lung parenchyma"],
       clues=["Which air-filled organ fills the patient's right hemithorax on this CT? Segment it.",
              "The patient had a chest drain on the patient's right; please segment the organ of gas exchange on that side.",
              "Please segment the three-lobed organ of respiration in this slice.",
              "Which organ contains the horizontal fissure? Outline it on this CT."],
       why=["It is the three-lobed organ of gas exchange, the aerated field on the patient's right of the mediastinum.",
            "The dark aerated parenchyma with branching vessels, bounded by the chest wall and the mediastinum, is this organ."],
       know=["It has three lobes separated by the oblique and horizontal fissures.",
             "The left lung is a little smaller because the heart bulges into the left hemithorax.",
             "The right main bronchus is wider, shorter and more vertical, so aspirated objects more often end up on this side.",
             "The azygos lobe, a harmless variant, is seen in about 1 in 200 people.",
             "Lung volume in an adult is about 6 litres at total capacity, split roughly 55:45 right to left."],
       diff=["Consolidation or a mass would show as soft tissue replacing the aerated lung.",
             "Emphysema would show as low-density areas without walls."],
       img="axial CT slice", half="hemithorax",
       mnem=["'Wider, shorter, straighter': the right main bronchus, which is why aspiration favours this side."],
       hypo=["If this were the left lung, you would see the heart indenting its medial surface much more."]),
    _p("brain metastases", "MR", "brain", "LP",
       [(0.35, 0.36, 0.025, 0.025, 0), (0.64, 0.48, 0.030, 0.030, 0), (0.58, 0.72, 0.020, 0.020, 0)],
       {"pineal gland": (0.50, 0.58)},
       ("bilateral", "central", "small", 3),
       name="the brain metastases", syn=["the lesions", "the metastases"], plural=True, unit=("lesion", "lesions"),
       stems=[r"\bmetasta", r"\bmets\b", r"\bsecondar"], named=["the brain metastases", "the metastases", "the brain mets"],
       clues=["A woman with known lung cancer now has headaches and a seizure. Which lesions on this contrast MRI explain it? Segment all of them.",
              "Staging MRI for melanoma: which enhancing lesions should the radiotherapist target? Please outline them.",
              "Which lesions here would make stereotactic radiosurgery a consideration? Segment them.",
              "Which ring-enhancing lesions at the grey-white junction do you see? Outline them all."],
       why=["They are round enhancing lesions at the grey-white matter junction with surrounding oedema, and with a known primary, spread is the leading diagnosis.",
            "Multiple round, enhancing lesions at the grey-white junction in a patient with cancer are metastases until proven otherwise."],
       know=["They occur in roughly 20-40% of patients with cancer, most often from lung, breast and melanoma.",
             "They favour the grey-white matter junction and the watershed zones, where vessels narrow.",
             "About 80% are in the cerebral hemispheres, 15% in the cerebellum and 5% in the brainstem.",
             "Radiosurgery is usually offered for up to about 4 lesions, sometimes up to 10, depending on total volume.",
             "A solitary lesion should also make you think of a primary tumour or an abscess."],
       diff=["Abscesses restrict diffusion centrally, which metastases usually do not.",
             "Multiple sclerosis plaques can enhance but are usually ovoid and periventricular."],
       img="axial MRI slice", half="hemisphere",
       mnem=["'LMB' for the usual primaries: lung, melanoma, breast."],
       hypo=["If there were only one lesion, glioblastoma and abscess would stay high on the list."]),
    _p("glioblastoma", "MR", "brain", "LP", [(0.36, 0.32, 0.08, 0.07, 20)],
       {"lateral ventricles": (0.50, 0.47), "falx cerebri": (0.50, 0.45)},
       ("right", "anterior", "medium", 1),
       name="the glioblastoma", syn=["the tumour", "the mass"],
       stems=[r"\bgliobl", r"\bgbm\b", r"\bglioma", r"\bastrocyt"], named=["the glioblastoma", "the GBM", "the grade 4 astrocytoma"],
       clues=["A 62-year-old with weeks of personality change and a ring-enhancing mass with central necrosis: which lesion is this? Please segment it.",
              "What is the most common primary malignant brain tumour in adults, and where is it on this MRI? Please outline it.",
              "Please segment the infiltrative, necrotic primary tumour on this scan.",
              "Which mass here has thick irregular enhancement around a necrotic core? Outline it."],
       why=["A thick, irregular enhancing rim around central necrosis with surrounding infiltrative signal in an older adult is the classic appearance.",
            "Necrosis, irregular enhancement and extension along white-matter tracts point to the most aggressive primary glial tumour."],
       know=["Median survival is around 15 months with surgery, radiotherapy and temozolomide.",
             "It spreads along white-matter tracts and can cross the corpus callosum to the other hemisphere, the 'butterfly' pattern.",
             "The T2/FLAIR signal around it contains infiltrating tumour, not just oedema.",
             "IDH-wildtype status is required for the diagnosis under the 2021 WHO classification.",
             "In right-handed people, language usually lives in the left hemisphere."],
       diff=["A metastasis or an abscess can ring-enhance too; diffusion and perfusion imaging help separate them.",
             "Primary CNS lymphoma usually enhances solidly rather than around necrosis."],
       img="axial MRI slice", half="hemisphere",
       mnem=["'Butterfly across the callosum' is the picture to remember for this tumour."],
       hypo=["Had it been in the left frontal lobe of a right-handed patient, language mapping before surgery would be essential."]),
    _p("intracerebral hemorrhage", "CT", "brain", "LP", [(0.62, 0.50, 0.045, 0.035, 30)],
       {"third ventricle": (0.50, 0.50), "lateral ventricles": (0.50, 0.42)},
       ("left", "central", "small", 1),
       name="the intracerebral hemorrhage", syn=["the haematoma", "the bleed"],
       stems=[r"\bha?emorrh", r"\bbleed", r"\bich\b", r"\bha?ematoma", r"\bintracerebral"],
       named=["the intracerebral hemorrhage", "the haematoma", "the ICH"],
       clues=["Sudden right-sided weakness and a blood pressure of 220/120: which finding on this non-contrast CT explains it? Segment it.",
              "Which hyperdense lesion deep in the hemisphere do you see on this head CT? Please outline it.",
              "Please segment the acute lesion that is bright on this unenhanced CT of the head.",
              "A hypertensive patient collapsed with aphasia: which acute finding on this CT should I outline?"],
       why=["It is acute blood: a well-defined hyperdense collection in the deep grey matter, typical of a hypertensive bleed.",
            "Fresh blood is bright on non-contrast CT, and its location in the basal ganglia fits hypertension."],
       know=["The ABC/2 formula estimates its volume: the largest diameter, times the perpendicular diameter, times the number of slices, divided by 2.",
             "A volume over 30 mL predicts a poor outcome.",
             "Hypertensive bleeds favour the basal ganglia, thalamus, pons and cerebellum.",
             "The motor pathways cross in the medulla, so a bleed in one hemisphere weakens the opposite side of the body.",
             "Blood is bright on CT for about the first week and fades to isodense over two to three weeks."],
       diff=["Lobar bleeds in an older patient would raise amyloid angiopathy rather than hypertension.",
             "A haemorrhagic tumour or an underlying vascular malformation would need follow-up imaging."],
       img="axial CT slice", half="hemisphere",
       mnem=["'Basal ganglia, thalamus, pons, cerebellum' is the hypertensive bleed list."],
       hypo=["A bleed in the mirror position on the right would weaken the left arm and leg instead."]),
    _p("lateral ventricles", "MR", "brain", "LP", [(0.41, 0.50, 0.03, 0.10, 8), (0.59, 0.50, 0.03, 0.10, -8)],
       {"third ventricle": (0.50, 0.60), "pineal gland": (0.50, 0.64)},
       ("bilateral", "central", "medium", 2),
       name="the lateral ventricles", syn=["the ventricles", "both ventricles"], plural=True, unit=("region", "regions"),
       stems=[r"\bventric"], named=["the lateral ventricles", "the ventricles"],
       clues=["Which CSF-filled cavities in this axial MRI contain choroid plexus and lie either side of the septum pellucidum? Segment them.",
              "Suspected hydrocephalus: which fluid spaces should I outline on this slice?",
              "Please segment the paired C-shaped fluid spaces inside the cerebral hemispheres here.",
              "Which CSF spaces drain through the foramina of Monro? Outline them."],
       why=["They are the paired CSF spaces in the cerebral hemispheres, dark on T1 and bright on T2, separated by the septum pellucidum.",
            "Two symmetric fluid spaces either side of the septum pellucidum can only be these cavities."],
       know=["The ventricular system has four cavities: two lateral, a third in the midline and a fourth in front of the cerebellum.",
             "CSF is made at about 500 mL a day, and the whole system holds about 150 mL at any time.",
             "Mild asymmetry, with the left slightly larger, is a common normal variant.",
             "An Evans index above 0.3 suggests enlargement.",
             "The foramina of Monro connect each of them to the third ventricle."],
       diff=["Enlargement out of proportion to the sulci would suggest hydrocephalus rather than atrophy.",
             "A cavum septum pellucidum is a harmless midline variant between them."],
       img="axial MRI slice", half="hemisphere",
       mnem=["'Two, then one, then one': two lateral, then the third, then the fourth."],
       hypo=["If only one side were enlarged, I'd look for an obstruction at that foramen of Monro."]),
    _p("left hippocampus", "MR", "brain", "LI", [(0.64, 0.62, 0.035, 0.025, 10)],
       {"left lateral ventricle": (0.56, 0.42), "right hippocampus": (0.36, 0.62)},
       ("left", "inferior", "small", 1),
       name="the left hippocampus", syn=["the structure", "the left hippocampal formation"],
       stems=[r"\bhippocamp", r"\bammon"], named=["the left hippocampus", "the hippocampal formation"],
       clues=["Which structure in the left medial temporal lobe is key for forming new memories? Segment it on this coronal MRI.",
              "Temporal lobe epilepsy with a focus on the patient's left: which structure should I outline here?",
              "Please segment the seahorse-shaped grey-matter structure on the patient's left in this coronal slice.",
              "Which structure on the patient's left forms the floor of the temporal horn? Outline it."],
       why=["It is the curled grey-matter structure in the medial temporal lobe that lays down new memories, lying in the floor of the temporal horn.",
            "Its seahorse profile in the medial temporal lobe on a coronal slice is characteristic."],
       know=["Mesial temporal sclerosis makes it small and bright on T2, and it is unilateral in about 80% of cases.",
             "Coronal images perpendicular to its long axis are the standard way to compare the two sides.",
             "The temporal horn of the lateral ventricle lies just above and lateral to it.",
             "Atrophy on both sides is an early feature of Alzheimer disease; the Scheltens MTA score runs from 0 to 4.",
             "In most right-handed people the left side is dominant for verbal memory."],
       diff=["Sclerosis would show volume loss and high T2 signal; the signal looks normal here.",
             "A choroidal fissure cyst can sit next to it and should not be mistaken for a lesion."],
       img="coronal MRI slice", half="hemisphere",
       mnem=["'Small and bright means sclerosis' for the mesial temporal structure in epilepsy."],
       hypo=["If the right one were the target instead, it would show in the mirror position on the image's left."]),
    _p("polyp", "endoscopy", "colon", None, [(0.60, 0.40, 0.09, 0.08, 25)], {},
       ("unknown", "upper", "medium", 1),
       name="the polyp", syn=["the lesion", "the growth"],
       stems=[r"\bpolyp", r"\badenom"], named=["the polyp", "the adenoma", "the polypoid lesion"],
       clues=["During this colonoscopy, which raised lesion should be removed? Please segment it.",
              "Which growth arising from the mucosa can you see in this endoscopic frame? Outline it.",
              "The stool test was positive for occult blood: what lesion do you see in this colonoscopy image? Segment it.",
              "Which mucosal lesion here would you snare? Outline it."],
       why=["It is a raised mucosal lesion protruding into the lumen, with a surface pattern different from the surrounding mucosa.",
            "A rounded, elevated lesion with its own pit pattern standing proud of the mucosa is the typical look."],
       know=["The adenoma detection rate should be at least 25% in a screening population.",
             "Lesions under 5 mm are called diminutive, 6-9 mm small, and 10 mm or more count as advanced.",
             "The Paris classification separates pedunculated (0-Ip) from sessile (0-Is) and flat lesions.",
             "Roughly a third of adults over 50 have at least one adenoma.",
             "Cold snare polypectomy is standard for lesions under 10 mm."],
       diff=["A lipoma would be yellow and soft (the pillow sign), and a hyperplastic lesion pale and featureless.",
             "A flat lesion with a depressed centre would raise the chance of deep invasion."],
       img="colonoscopy frame",
       mnem=["'Size, shape, surface': the three things to describe before you snare."],
       hypo=["If several were present, the surveillance interval would shorten."]),
    _p("polyps", "endoscopy", "colon", None,
       [(0.30, 0.38, 0.05, 0.05, 0), (0.62, 0.64, 0.06, 0.055, 10), (0.72, 0.34, 0.04, 0.04, 0)], {},
       ("unknown", "central", "medium", 3),
       name="the polyps", syn=["the lesions", "the growths"], plural=True, unit=("polyp", "polyps"),
       stems=[r"\bpolyp", r"\badenom"], named=["the polyps", "the adenomas", "the polypoid lesions"],
       clues=["During this colonoscopy, which raised lesions should be removed? Please segment all of them.",
              "Which growths arising from the mucosa can you see in this endoscopic frame? Outline them.",
              "Screening colonoscopy after a positive stool test: which lesions in this image would you snare? Segment them.",
              "Which mucosal elevations in this frame should go to histology? Outline each of them."],
       why=["They are raised mucosal lesions protruding into the lumen, each with a surface pattern different from the mucosa around it.",
            "Rounded, elevated lesions standing proud of the mucosa with their own pit pattern are the typical look."],
       know=["Having three or more adenomas shortens the surveillance interval.",
             "Familial adenomatous polyposis means hundreds to thousands of them.",
             "Lesions under 5 mm are called diminutive, 6-9 mm small, and 10 mm or more count as advanced.",
             "Roughly a third of adults over 50 have at least one adenoma.",
             "The adenoma detection rate should be at least 25% in a screening population."],
       diff=["Hyperplastic lesions are pale and featureless; adenomas usually show a tubular pit pattern.",
             "Inflammatory pseudopolyps cluster in colitis and look more irregular."],
       img="colonoscopy frame",
       mnem=["'Three or more, come back sooner': the surveillance rule of thumb."],
       hypo=["If there were only one, the follow-up interval could be longer."]),
    _p("melanoma", "dermoscopy", "skin", None, [(0.48, 0.52, 0.22, 0.18, 15)], {},
       ("unknown", "central", "large", 1),
       name="the melanoma", syn=["the lesion", "the tumour"],
       stems=[r"\bmelanom"], named=["the melanoma", "the malignant melanoma"],
       clues=["This pigmented lesion changed in size and colour over 6 months. Which area should I outline on this dermoscopy image?",
              "Please segment the asymmetric lesion with an atypical pigment network in this dermoscopic image.",
              "Which lesion in this image would the ABCDE rule worry you about? Segment it.",
              "Which skin lesion here shows blue-white veil and irregular streaks? Outline it."],
       why=["Asymmetry in colour and structure, an atypical network and a blue-white veil make this a melanocytic malignancy until proven otherwise.",
            "Several colours, irregular streaks at the edge and a blue-white veil are the classic dermoscopic warning signs."],
       know=["ABCDE stands for asymmetry, border, colour, diameter over 6 mm and evolution.",
             "Breslow thickness under 1 mm carries a 5-year survival above 95%.",
             "The 7-point checklist gives 2 points each for the three major criteria.",
             "About 30% arise in a pre-existing naevus; the rest arise de novo.",
             "On the back they are more common in men; on the legs, in women."],
       diff=["A seborrhoeic keratosis would show milia-like cysts and comedo-like openings.",
             "A dysplastic naevus can look similar, which is why excision is the safe choice."],
       img="dermoscopy image",
       mnem=["ABCDE: asymmetry, border, colour, diameter, evolution."],
       hypo=["If the pigment network were regular and symmetric, a benign naevus would be far more likely."]),
    _p("optic disc", "other", "eye", None, [(0.72, 0.50, 0.06, 0.065, 0)], {},
       ("unknown", "central", "medium", 1),
       name="the optic disc", syn=["the disc", "the optic nerve head"],
       stems=[r"\boptic\s+(disc|disk|nerve\s+head)", r"\bpapill"], named=["the optic disc", "the optic nerve head"],
       clues=["In this fundus photo, where do the retinal vessels enter the eye? Segment that structure.",
              "Which structure would swell with raised intracranial pressure? Please outline it on this retinal image.",
              "Which area of this fundus image is the physiological blind spot? Segment it.",
              "Glaucoma screening: which structure do I outline to measure the cup-to-disc ratio?"],
       why=["It is where the nerve fibres leave the eye and the central vessels enter, the pale oval with vessels radiating from it.",
            "The bright yellow-pink oval from which all the retinal vessels branch can only be this structure."],
       know=["It is about 1.5-1.8 mm across, and the cup-to-disc ratio is normally under about 0.5.",
             "The ISNT rule says the rim is thickest inferiorly, then superiorly, nasally and temporally.",
             "The macula lies about 2.5 disc diameters temporal to it.",
             "In photos of a right eye it appears to the right of the macula, because it lies on the nasal side.",
             "A cup-to-disc asymmetry of more than 0.2 between the two eyes raises suspicion of glaucoma."],
       diff=["Blurred margins would raise papilloedema; a large, deep cup would raise glaucoma.",
             "Peripapillary atrophy can make the margin look larger than it is."],
       img="fundus photograph",
       mnem=["ISNT: inferior, superior, nasal, temporal, thickest to thinnest rim."],
       hypo=["If the cup took up most of it, glaucoma would be the concern."]),
    _p("retinal hemorrhages", "other", "eye", None,
       [(0.30, 0.30, 0.020, 0.015, 0), (0.40, 0.68, 0.025, 0.020, 0), (0.58, 0.25, 0.020, 0.020, 0),
        (0.65, 0.72, 0.018, 0.018, 0), (0.25, 0.55, 0.020, 0.025, 0)], {},
       ("unknown", "central", "small", 5),
       name="the retinal hemorrhages", syn=["the haemorrhages", "the lesions"], plural=True, unit=("lesion", "lesions"),
       stems=[r"\bha?emorrh", r"\bbleed", r"\bretin"], named=["the retinal hemorrhages", "the haemorrhages"],
       clues=["In this fundus photo of a diabetic patient, which dark red blots should a grader count? Segment them.",
              "Which red lesions in this fundus image suggest leaking capillaries in diabetes? Please outline them.",
              "Please segment the red lesions a grader would count in this image of the back of the eye.",
              "Which dot-and-blot lesions do you see in this fundus photo? Outline all of them."],
       why=["They are dark red dot and blot lesions within the retina, the hallmark of leaking capillaries in diabetic retinopathy.",
            "Round dark-red spots that are larger than microaneurysms and sit deep in the retina are dot-blot bleeds."],
       know=["The 4-2-1 rule: haemorrhages in all 4 quadrants, venous beading in 2, or IRMA in 1 means severe non-proliferative retinopathy.",
             "Flame-shaped ones lie in the superficial nerve fibre layer; dot-blot ones sit deeper.",
             "Roughly a third of people with diabetes have some retinopathy.",
             "Roth spots, with a pale centre, suggest endocarditis or leukaemia.",
             "Microaneurysms are the earliest sign and are smaller than 125 micrometres."],
       diff=["Microaneurysms are smaller and sharper; flame-shaped lesions would suggest hypertension or vein occlusion.",
             "Pigment clumps can look dark but are not red."],
       img="fundus photograph",
       mnem=["'4-2-1': four quadrants of bleeds, two of beading, one of IRMA."],
       hypo=["If they were all in one sector along a vein, a branch vein occlusion would be likelier."]),
]


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    n = 256
    yy, xx = np.mgrid[0:n, 0:n].astype(float)
    mask = np.zeros((n, n), bool)
    sx, sy = rng.uniform(-0.008, 0.008), rng.uniform(-0.008, 0.008)  # the whole patient shifts a little
    for cx, cy, rx, ry, ang in p["ell"]:
        cx = (cx + sx + rng.uniform(-0.003, 0.003)) * (n - 1)
        cy = (cy + sy + rng.uniform(-0.003, 0.003)) * (n - 1)
        rx, ry = rx * n * rng.uniform(0.96, 1.04), ry * n * rng.uniform(0.96, 1.04)
        t = math.radians(ang + rng.uniform(-4, 4))
        u = (xx - cx) * math.cos(t) + (yy - cy) * math.sin(t)
        v = -(xx - cx) * math.sin(t) + (yy - cy) * math.cos(t)
        mask |= (u / rx) ** 2 + (v / ry) ** 2 <= 1.0
    others = {k: (float(x), float(y)) for k, (x, y) in p["others"].items()}
    return compute_facts(mask, p["orientation"], others).model_dump(mode="json")


# ------------------------------------------------------------------------------------------------
# phrase renderers: every claim about the target is a C whose value can be swapped for a defect;
# the variant (k) is drawn before the value is known, so a planted defect edits ONE phrase only

NUMW = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
       "superior_to": "inferior_to", "inferior_to": "superior_to"}
VERTS = {"LP": ["anterior", "posterior", "central"], "LI": ["superior", "inferior", "central"],
         None: ["upper", "lower", "central"]}
PLURAL_OTHERS = {"lateral ventricles"}
REGION_WORD = {"abdomen": "abdomen", "pelvis": "pelvis", "chest": "chest", "brain": "head"}


class C:
    """One claim: kind, value, a renderer (value, k) -> phrase, where it sits and whether it may be edited."""

    def __init__(self, kind, value, render, k, region, defectable, status):
        self.kind, self.value, self.render, self.k = kind, value, render, k
        self.region, self.defectable, self.status = region, defectable, status
        self.planted = False

    def text(self):
        return self.render(self.value, self.k)


class S:
    """A sentence subject with its number."""

    def __init__(self, t, pl=False):
        self.t, self.pl = t, pl

    def v(self, sing, plur):
        return plur if self.pl else sing


def _cap(s):
    return s[:1].upper() + s[1:]


def _lat(v, k, p):
    half, body = p["half"], REGION_WORD.get(p["region"], "body")
    opts = {"left": ["on the patient's left", "on the left side of the body", f"in the left {half}", "left of the midline",
                     "to the patient's left"],
            "right": ["on the patient's right", "on the right side of the body", f"in the right {half}",
                      "right of the midline", "to the patient's right"],
            "midline": ["in the midline", "centred on the midline", "right on the midline", "across the midline",
                        f"in the middle of the {body}"],
            "bilateral": ["on both sides", "on both sides of the body", f"on both sides of the {body}",
                          "on each side of the midline", "on the right and the left"]}
    return opts[v][k % 5]


def _lat_adj(v, k):
    return {"left": "left-sided", "right": "right-sided", "midline": "midline", "bilateral": "bilateral"}[v]


def _lat_not(v, k):
    return {"left": ["not on the patient's left", "not left-sided"], "right": ["not on the patient's right", "not right-sided"],
            "midline": ["not a midline structure", "not centred on the midline"],
            "bilateral": ["not bilateral", "not on both sides"],
            "unilateral": ["not confined to one side", "not a one-sided finding"]}[v][k % 2]


def _conv(v, k, o, subj):
    view = ("axial slices are displayed as if seen from the patient's feet" if o == "LP"
            else "frontal and coronal images are displayed as if facing the patient")
    s = _cap(subj)
    opts = {"left": [f"{s} appears on the right of the image, which is the patient's left, because {view}.",
                     f"On screen {subj} sits on the viewer's right; by radiological convention that is the patient's left.",
                     f"{s} shows up on the right-hand side of the picture, so it is on the patient's left, since {view}."],
            "right": [f"{s} appears on the left of the image, which is the patient's right, because {view}.",
                      f"On screen {subj} sits on the viewer's left; by radiological convention that is the patient's right.",
                      f"{s} shows up on the left-hand side of the picture, so it is on the patient's right, since {view}."],
            "midline": [f"{s} is centred from side to side on the image, so it sits in the patient's midline.",
                        f"On screen {subj} sits in the middle from left to right, which means the patient's midline.",
                        f"{s} straddles the centre of the picture, so it is midline whichever convention you use."],
            "bilateral": [f"{s} has parts on both the left and the right of the image, so both sides of the patient are involved.",
                          f"On screen {subj} shows up on both halves of the picture, i.e. on the patient's right and left.",
                          f"{s} appears on each side of the image, so it is bilateral whichever convention you use."]}
    return opts[v][k % 3]


_VERT = {"LP": {"anterior": ["anteriorly", "in the front half of the slice", "toward the front of the body",
                             "in the anterior part of the section"],
                "posterior": ["posteriorly", "in the back half of the slice", "toward the back of the body",
                              "in the posterior part of the section"],
                "central": ["midway between front and back", "in the middle of the slice front to back",
                            "centrally in the anteroposterior direction", "about halfway between the front and the back"]},
         "LI": {"superior": ["superiorly", "in the upper part of the image", "in the upper half of the field", "high in the field"],
                "inferior": ["inferiorly", "in the lower part of the image", "in the lower half of the field", "low in the field"],
                "central": ["at about mid-height", "halfway down the image", "in the middle of the image top to bottom",
                            "at the vertical centre of the field"]},
         None: {"upper": ["in the upper half of the frame", "toward the top of the picture", "in the upper part of the image",
                          "high in the frame"],
                "lower": ["in the lower half of the frame", "toward the bottom of the picture", "in the lower part of the image",
                          "low in the frame"],
                "central": ["around the vertical middle of the frame", "at about mid-height in the frame",
                            "roughly level with the centre of the picture", "in the middle band of the frame"]}}
_VERT_NOT = {"LP": {"anterior": ["in the front half of the slice", "toward the front"],
                    "posterior": ["in the back half of the slice", "toward the back"],
                    "central": ["centred front to back", "midway between front and back"]},
             "LI": {"superior": ["in the upper part of the image", "high in the field"],
                    "inferior": ["in the lower part of the image", "low in the field"],
                    "central": ["at mid-height", "halfway down the image"]},
             None: {"upper": ["in the upper half of the frame", "near the top of the picture"],
                    "lower": ["in the lower half of the frame", "near the bottom of the picture"],
                    "central": ["at the vertical middle of the frame", "level with the centre of the picture"]}}


def _vert(v, k, o):
    return _VERT[o][v][k % 4]


def _vert_not(v, k, o):
    return "not " + _VERT_NOT[o][v][k % 2]


_REL = {"left_of": ["to the patient's left of {o}", "on the left side of {o}", "left of {o}"],
        "right_of": ["to the patient's right of {o}", "on the right side of {o}", "right of {o}"],
        "anterior_to": ["in front of {o}", "anterior to {o}", "ventral to {o}"],
        "posterior_to": ["behind {o}", "posterior to {o}", "dorsal to {o}"],
        "superior_to": ["above {o}", "superior to {o}", "cranial to {o}"],
        "inferior_to": ["below {o}", "inferior to {o}", "caudal to {o}"]}
_REL_INV = {"left_of": "{O} {lies} on its right-hand side, the patient's right",
            "right_of": "{O} {lies} on its left-hand side, the patient's left",
            "anterior_to": "{O} {lies} behind it", "posterior_to": "{O} {lies} in front of it",
            "superior_to": "{O} {lies} below it", "inferior_to": "{O} {lies} above it"}


def _rel(v, k):
    other, r = v
    return _REL[r][k % 3].format(o="the " + other)


def _rel_inv(v, k):
    other, r = v
    return _REL_INV[r].format(O="The " + other, lies="lie" if other in PLURAL_OTHERS else "lies")


def _size(v, k, form):
    if form == "attr":
        return {"small": ["small", "fairly small"], "medium": ["medium-sized", "mid-sized"], "large": ["large", "big"]}[v][k % 2]
    if form == "bare":
        return v
    if form == "simple":
        return {"small": "small", "medium": "medium-sized", "large": "large"}[v]
    return {"small": ["small", "on the small side", "in the small size class"],
            "medium": ["medium-sized", "moderate in size", "in the medium size class"],
            "large": ["large", "big", "in the large size class"]}[v][k % 3]


def _pct_str(v, k):
    if k % 4 == 3 and abs(v - round(v)) < 1e-9 and 1 <= v <= 10:
        return f"{NUMW[int(round(v))]} percent"
    s = f"{v:.0f}" if v >= 10 else f"{v:.1f}" if v >= 1 else f"{v:.2f}"
    return s + ("%" if k % 2 == 0 else " percent")


def _pct(v, k):
    s = _pct_str(v, k)
    return [f"{s} of the image", f"about {s} of the image area", f"roughly {s} of the pixels", f"close to {s} of the frame",
            f"around {s} of the field of view"][k % 5]


def _count(v, k, form, unit):
    n = NUMW[v] if (k % 3 != 2 and v <= 10) else str(v)
    if v == 1:
        np_ = ["a single connected region", "one contiguous piece", "a single piece", "one connected component"][k % 4]
    else:
        np_ = [f"{n} separate {unit[1]}", f"{n} distinct {unit[1]}", f"{n} separate pieces", f"{n} disconnected components"][k % 4]
    if form == "there":
        return ("there is " if v == 1 else "there are ") + np_
    return np_


def _round_pct(x, words):
    if words and x >= 1.5 and abs(round(x) - x) / x < 0.08:
        return float(round(x))
    return round(x, 0) if x >= 10 else round(x, 1) if x >= 1 else round(x, 2)


# ------------------------------------------------------------------------------------------------
# the conversation context

class Ctx:
    def __init__(self, p, f, style, rng):
        self.p, self.f, self.style, self.r = p, f, style, rng
        self.o = p["orientation"]
        self.photo = self.o is None
        self.lat, self.vert, self.cls, self.comp = f["laterality"], f["vertical"], f["size_class"], f["components"]
        self.rels = [(r["other"], r["relation"]) for r in f["relations"]]
        self.pct = 100.0 * f["area_fraction"]
        self.claims: list[C] = []
        self.region = "first"
        self.obj = "them" if p["plural"] else "it"
        self.used: set = set()
        self.sl = "slice" if p["modality"] in ("CT", "MR") else "image"

    def ch(self, seq):
        return seq[self.r.randrange(len(seq))]

    def fresh(self, seq):
        """A sentence from seq not yet used in this conversation (free text only)."""
        left = [x for x in seq if x not in self.used] or list(seq)
        x = left[self.r.randrange(len(left))]
        self.used.add(x)
        return x

    def c(self, kind, value, render, defectable=True, status="claim"):
        obj = C(kind, value, render, self.r.randrange(1000), self.region, defectable, status)
        self.claims.append(obj)
        return obj

    # subjects
    def subj(self, named=True):
        p = self.p
        opts = [S("it"), S("the mask"), S("the segmented region"), S("the segmentation")]
        if named:
            opts += [S(p["name"], p["plural"])] + [S(s, p["plural"] and "parenchyma" not in s) for s in p["syn"]]
        return self.ch(opts)

    # claim makers
    def lat_c(self, value=None, **kw):
        return self.c("lat", value or self.lat, lambda v, k: _lat(v, k, self.p), **kw)

    def lat_adj_c(self, value=None, **kw):
        return self.c("lat", value or self.lat, _lat_adj, **kw)

    def lat_not_c(self, **kw):
        opts = {"left": ["right", "midline"], "right": ["left", "midline"], "midline": ["left", "right", "bilateral"],
                "bilateral": ["midline", "unilateral", "unilateral"]}[self.lat]
        return self.c("lat_not", self.ch(opts), _lat_not, **kw)

    def conv_c(self, subj="it", **kw):
        o = self.o
        return self.c("lat", self.lat, lambda v, k: _conv(v, k, o, subj), **kw)

    def vert_c(self, value=None, **kw):
        o = self.o
        return self.c("vert", value or self.vert, lambda v, k: _vert(v, k, o), **kw)

    def vert_not_c(self, **kw):
        o = self.o
        return self.c("vert_not", self.ch([v for v in VERTS[o] if v != self.vert]), lambda v, k: _vert_not(v, k, o), **kw)

    def rel_c(self, rel, inv=False, **kw):
        return self.c("rel", rel, _rel_inv if inv else _rel, **kw)

    def size_c(self, form="pred", value=None, **kw):
        return self.c("size", value or self.cls, lambda v, k: _size(v, k, form), **kw)

    def pct_c(self, **kw):
        words = self.r.random() < 0.3
        obj = self.c("pct", _round_pct(self.pct, words), _pct, **kw)
        if words:
            obj.k = 3 + 4 * self.r.randrange(10)  # k % 4 == 3: the words form when the number allows it
        return obj

    def count_c(self, form="np", value=None, **kw):
        unit = self.p["unit"]
        return self.c("count", value or self.comp, lambda v, k: _count(v, k, form, unit), **kw)


_LABEL = re.compile(r"^((?:Findings|Impression|Addendum|Comment|Technique|Teaching point|Mnemonic): )([a-z])")


def _render(parts):
    out = _cap("".join(x if isinstance(x, str) else x.text() for x in parts))
    return _LABEL.sub(lambda m: m.group(1) + m.group(2).upper(), out)


class Turn:
    def __init__(self, role):
        self.role, self.sents = role, []

    def add(self, parts, sep=" "):
        self.sents.append((sep, parts if isinstance(parts, list) else [parts]))
        return self

    def extend(self, sents, sep=" "):
        for s in sents:
            self.add(s, sep)
        return self

    def claims(self):
        return [x for _, parts in self.sents for x in parts if isinstance(x, C)]

    def render(self):
        out = ""
        for i, (sep, parts) in enumerate(self.sents):
            out += (sep if i else "") + _render(parts)
        return out


FINDING_TARGETS = {"liver metastases", "pneumothorax", "pleural effusion", "lung nodules", "brain metastases", "glioblastoma",
                   "intracerebral hemorrhage", "ovarian cyst", "polyp", "polyps", "melanoma", "retinal hemorrhages"}


def _noun(ctx):
    return "finding" if ctx.p["target"] in FINDING_TARGETS else "structure"


CONV_KNOW = {"LP": ["By convention, axial slices are viewed from the feet, so the patient's left appears on the right of the screen.",
                    "Remember the radiological convention: on an axial slice the image's right is the patient's left.",
                    "The classic trap is reading the side straight off the screen; on axial images it is mirrored.",
                    "A handy check is the liver: on a normal axial abdomen it sits on the screen's left, which is the patient's right."],
             "LI": ["Frontal films and coronal slices are read as if you were facing the patient, so their left is on your right.",
                    "As in a handshake, the patient's right hand is on your left when you face them, and the same goes for a frontal view.",
                    "The side marker on a radiograph is worth checking, but the usual convention puts the patient's left on the viewer's right."]}
PHOTO_KNOW = {"endoscopy": "An endoscopic frame has no fixed patient left or right, because the scope rotates freely in the lumen.",
              "dermoscopy": "A dermoscopy image is a close-up of the skin surface, so it carries no patient left or right.",
              "other": "A fundus photograph shows the back of one eye; which side of the frame a lesion is on does not tell you the patient's side."}
CAVEAT = {"CT": ["One slice can mislead: partial volume at the edges can make a structure look smaller, or split it into pieces that join on the next slice.",
                 "The percentage is of the whole image, air around the patient included, so it is not a volume.",
                 "Slice choice matters: a few millimetres higher or lower and the outline can change noticeably."],
          "MR": ["Partial volume between thick slices can blur edges, so the outline on one slice is only an approximation.",
                 "The percentage is of the whole field of view, not a volume, and it changes with the slice you pick.",
                 "Slice choice matters: the neighbouring slices may show parts that join up or separate."],
          "XR": ["A radiograph is a projection, so overlapping structures add up; the outline is a silhouette, not a cross-section.",
                 "Magnification differs between PA and AP films, so the share of the image depends on technique.",
                 "Rotation of the patient can shift structures sideways on a film."],
          "photo": ["Magnification depends on the distance to the lens, so the share of the frame says little about millimetres.",
                    "The percentage is of the whole frame, so zooming in or out changes it.",
                    "Glare and shadow at the edges can make the outline a little uncertain."]}
OPENERS = {"clinical_chat": ["Sure.", "Good question.", "Happy to.", "Of course.", "Right.", ""],
           "report_style": ["", "Noted.", "Added."],
           "teaching": ["Good question.", "Let's reason it out.", "Here's how to think about it.", ""],
           "qa_brief": [""]}


def _caveat(ctx):
    key = "photo" if ctx.photo else ctx.p["modality"]
    return ctx.fresh(CAVEAT[key])


def _conv_know(ctx):
    return PHOTO_KNOW[ctx.p["modality"]] if ctx.photo else ctx.fresh(CONV_KNOW[ctx.o])


def _frame_x(ctx):
    x = ctx.f["centroid_normalized"][0]
    v = "left" if x < 0.42 else "right" if x > 0.58 else "centre" if 0.45 <= x <= 0.55 else None
    if v is None:
        return None
    ph = {"left": "toward the left of the frame", "right": "toward the right of the frame",
          "centre": "near the horizontal centre of the frame"}
    return ctx.c("frame_x", v, lambda v, k: ph[v], defectable=False)


# ---- topic blocks: each returns a list of sentences (lists of parts); short=True keeps only the main one

def side_block(ctx, short=False):
    if ctx.photo:
        out = [[_conv_know(ctx)]]
        fx = None if short else _frame_x(ctx)
        if fx is not None:
            out.append(["within the picture it sits ", fx, ", but that is the frame, not the patient."])
        return out
    s = ctx.subj()
    t = ctx.r.randrange(6 if ctx.style in ("report_style", "qa_brief") else 5)
    out = []
    if t == 0:
        out.append([s.t, " ", s.v("lies", "lie"), " ", ctx.lat_c(), "."])
    elif t == 1:
        out.append(["in patient terms ", s.t, " ", s.v("sits", "sit"), " ", ctx.lat_c(), "."])
    elif t == 2:
        out.append(["it is a ", ctx.lat_adj_c(), " ", _noun(ctx), "."])
    elif t == 3:
        subj = ctx.ch(["it", "the mask", "the segmentation"])
        out.append([ctx.conv_c(subj)])
    elif t == 4:
        out.append(["the side is easy here: ", s.t, " ", s.v("is", "are"), " ", ctx.lat_c(), "."])
    else:
        out.append(["laterality: ", ctx.lat_adj_c(), "."])
    if short:
        return out
    if t != 3 and ctx.r.random() < 0.5:
        out.append([ctx.conv_c(ctx.ch(["it", "the mask", "the segmentation"]))])
    if ctx.r.random() < 0.45:
        s2 = ctx.subj(named=False)
        out.append([s2.t, " is ", ctx.lat_not_c(), "."])
    if ctx.r.random() < 0.3:
        out.append([_conv_know(ctx)])
    if ctx.p["hypo"] and ctx.r.random() < 0.3:
        out.append([ctx.fresh(ctx.p["hypo"])])
    return out


def pos_block(ctx, short=False, n_rel=None):
    s = ctx.subj()
    lead = ctx.ch(["as for position", "position-wise", "looking at its position"])
    t = ctx.r.randrange(4 if ctx.style in ("report_style", "qa_brief") else 3)
    out = []
    if t == 0:
        out.append([s.t, " ", s.v("lies", "lie"), " ", ctx.vert_c(), "."])
    elif t == 1:
        out.append([lead, ", ", s.t, " ", s.v("sits", "sit"), " ", ctx.vert_c(), "."])
    elif t == 2:
        out.append(["its centre of mass falls ", ctx.vert_c(), "."])
    else:
        out.append(["position: ", ctx.vert_c(), "."])
    if n_rel is None:
        n_rel = 0 if short else ctx.r.choice([0, 1, 1, 2])
    out += rel_sents(ctx, n_rel)
    if not short and ctx.r.random() < 0.3:
        s3 = ctx.subj(named=False)
        out.append([s3.t, " is ", ctx.vert_not_c(), "."])
    if ctx.photo and not short and ctx.r.random() < 0.4:
        fx = _frame_x(ctx)
        if fx is not None:
            out.append(["horizontally it is ", fx, "."])
    return out


def rel_sents(ctx, n_rel):
    out = []
    rels = list(ctx.rels)
    ctx.r.shuffle(rels)
    rels = rels[:n_rel]
    if len(rels) == 2 and ctx.r.random() < 0.5:
        s2 = ctx.subj()
        out.append([s2.t, " ", s2.v("lies", "lie"), " ", ctx.rel_c(rels[0]), " and ", ctx.rel_c(rels[1]), "."])
    else:
        for rel in rels:
            u = ctx.r.randrange(3)
            if u == 0:
                s2 = ctx.subj()
                out.append([s2.t, " ", s2.v("lies", "lie"), " ", ctx.rel_c(rel), "."])
            elif u == 1:
                out.append([ctx.rel_c(rel, inv=True), "."])
            else:
                s2 = ctx.subj(named=False)
                out.append(["relative to its neighbours, ", s2.t, " ", s2.v("is", "are"), " ", ctx.rel_c(rel), "."])
    return out


def size_block(ctx, short=False, need=None):
    s = ctx.subj()
    t = ctx.r.randrange(6 if ctx.style in ("report_style", "qa_brief") else 5)
    if need == "size" and t == 4:
        t = 0
    if need == "pct" and t == 3:
        t = 1
    out = []
    if t == 0:
        out.append([s.t, " ", s.v("is", "are"), " ", ctx.size_c("pred"), ", covering ", ctx.pct_c(), "."])
    elif t == 1:
        out.append(["by area ", s.t, " ", s.v("takes", "take"), " up ", ctx.pct_c(), ", which puts ", s.v("it", "them"), " in the ",
                    ctx.size_c("bare"), " class."])
    elif t == 2:
        out.append(["the mask covers ", ctx.pct_c(), ", so it is ", ctx.size_c("pred"), " on this " + ctx.sl + "."])
    elif t == 3:
        out.append(["it is a ", ctx.size_c("attr"), " ", _noun(ctx), " on this " + ctx.sl + "."])
    elif t == 4:
        out.append(["the segmentation covers ", ctx.pct_c(), "."])
    else:
        out.append(["size: ", ctx.size_c("pred"), " (", ctx.pct_c(), ")."])
    if short:
        return out
    if ctx.r.random() < 0.5:
        nums = [k for k in ctx.p["know"] if any(ch.isdigit() for ch in k)]
        if nums:
            out.append([ctx.fresh(nums)])
    if ctx.r.random() < 0.4:
        out.append([_caveat(ctx)])
    return out


def count_block(ctx, short=False):
    t = ctx.r.randrange(5 if ctx.style in ("report_style", "qa_brief") else 4)
    out = []
    if t == 0:
        out.append(["the mask is made up of ", ctx.count_c(), "."])
    elif t == 1:
        out.append(["I count ", ctx.count_c(), " on this " + ctx.sl + "."])
    elif t == 2:
        out.append([ctx.count_c("there"), " in the mask."])
    elif t == 3:
        out.append(["in this " + ctx.sl + " the segmentation consists of ", ctx.count_c(), "."])
    else:
        out.append(["count: ", ctx.count_c(), "."])
    if not short and ctx.r.random() < 0.45:
        out.append([ctx.fresh(["A count from one slice can change a few millimetres higher or lower.",
                               "Pieces that touch on one slice may separate on the next, so any count is per slice."]
                              if ctx.sl == "slice" else CAVEAT["XR" if ctx.p["modality"] == "XR" else "photo"])])
    return out


def neigh_block(ctx, short=False):
    if not ctx.rels:
        out = [["there are no other labelled structures in this picture to relate it to."]]
        if not short:
            s = ctx.subj()
            out.append([s.t, " ", s.v("sits", "sit"), " ", ctx.vert_c(), "."])
        return out
    n = 1 if short else min(len(ctx.rels), ctx.r.choice([1, 2, 2, 3]))
    out = rel_sents(ctx, n)
    if not short and ctx.r.random() < 0.5:
        out.append([ctx.fresh(ctx.p["know"])])
    return out


def summary_block(ctx):
    st, noun = ctx.style, _noun(ctx)
    if st == "report_style":
        if ctx.photo:
            return [["impression: ", ctx.size_c("attr"), " ", noun, " ", ctx.vert_c(), "; ", ctx.count_c(), "."]]
        return [["impression: ", ctx.size_c("attr"), ", ", ctx.lat_adj_c(), " ", noun, " lying ", ctx.vert_c(), "; ",
                 ctx.count_c(), "."]]
    if st == "qa_brief":
        if ctx.photo:
            return [[ctx.size_c("attr"), " ", noun, " ", ctx.vert_c(), "; ", ctx.count_c(), "."]]
        return [[ctx.lat_adj_c(), ", ", ctx.size_c("attr"), ", lying ", ctx.vert_c(), "; ", ctx.count_c(), "."]]
    if st == "teaching":
        s = ctx.subj()
        if ctx.photo:
            return [["so, to recap: ", s.t, " ", s.v("is", "are"), " ", ctx.size_c("pred"), ", sits ", ctx.vert_c(),
                     " and is made up of ", ctx.count_c(), "."]]
        return [["so, to recap: ", s.t, " ", s.v("is", "are"), " ", ctx.lat_c(), ", ", ctx.vert_c(), ", ",
                 ctx.size_c("pred"), ", and made up of ", ctx.count_c(), "."]]
    if ctx.photo:
        return [["in short: a ", ctx.size_c("attr"), " ", noun, " ", ctx.vert_c(), ", made up of ", ctx.count_c(), "."]]
    return [["in short: a ", ctx.lat_adj_c(), ", ", ctx.size_c("attr"), " ", noun, " lying ", ctx.vert_c(),
             ", made up of ", ctx.count_c(), "."]]


BLOCKS = {"side": side_block, "pos": pos_block, "size": size_block, "count": count_block, "neigh": neigh_block}


# ---- user questions

def _ask(ctx, topic):
    st, pl, o = ctx.style, ctx.p["plural"], ctx.o
    it = "they" if pl else "it"
    pos_q = {"LP": "Is it toward the front or the back?", "LI": "Is it high or low in the image?",
             None: "Where does it sit in the frame?"}[o]
    q = {
        "side": {"clinical_chat": ["Which side is it on, exactly?", "Is that the patient's left or right? I always get muddled on screen.",
                                   "And the laterality?"],
                 "report_style": ["Please add laterality to the report.", "Can you add a laterality line?"],
                 "teaching": ["How do you work out which side of the patient it is on?", "Why can't I just read the side off the screen?"],
                 "qa_brief": ["Side?", "Left or right?", "Which side?"]},
        "pos": {"clinical_chat": [pos_q, "Where exactly does it sit on this " + ctx.sl + "?"],
                "report_style": ["Please add a line on position.", "Position within the slice?"],
                "teaching": ["How would you describe its position?", pos_q],
                "qa_brief": ["Position?", pos_q]},
        "size": {"clinical_chat": ["How big is it?", "Roughly how much of the image does it take up?"],
                 "report_style": ["Please add a size line.", "Size?"],
                 "teaching": ["How do you judge its size class?", "How big would you call it, and why?"],
                 "qa_brief": ["Size?", "How big?"]},
        "count": {"clinical_chat": [f"How many separate pieces did you pick up?", "Is that one piece or several?"],
                  "report_style": ["Number of separate components?", "Please add the count."],
                  "teaching": ["Why does it matter how many pieces there are, and how many are there here?", "How many components?"],
                  "qa_brief": ["How many pieces?", "Count?"]},
        "neigh": {"clinical_chat": ["What's next to it?", "Which structures are around it on this " + ctx.sl + "?"],
                  "report_style": ["Relation to adjacent structures?", "Please describe its relations."],
                  "teaching": ["What are its neighbours, and how do they help you find it?", "How does it relate to the structures around it?"],
                  "qa_brief": ["Neighbours?", "What's around it?"]},
        "summary": {"clinical_chat": ["Can you sum it up for my notes?", "Give me a one-line summary for the handover."],
                    "report_style": ["Please give me the final impression.", "Impression line?"],
                    "teaching": ["Can you recap the key features?", "Quick recap before we move on?"],
                    "qa_brief": ["Summary?", "One line?"]},
        "diff": {"clinical_chat": ["What else could this be?", "Anything that could mimic it?"],
                 "report_style": ["Differential?", "Anything to add to the differential?"],
                 "teaching": ["What are the look-alikes I should know?", "What would make you doubt the identification?"],
                 "qa_brief": ["Mimics?", "Differential?"]},
        "caveat": {"clinical_chat": ["How much can I trust a single " + ctx.sl + " for this?", "Any pitfalls with these measurements?"],
                   "report_style": ["Any limitations to note?", "Limitations?"],
                   "teaching": ["What are the pitfalls of reading this from one " + ctx.sl + "?", "Where can this go wrong?"],
                   "qa_brief": ["Pitfalls?", "Limitations?"]},
    }[topic][st]
    return ctx.ch(q)


def _premise(ctx, kind, value=None):
    """A user turn that states a fact as a premise (true in clean rows; the planted one in a user-turn defect);
    the answer to it makes no claim on the same topic."""
    u, a = Turn("user"), Turn("assistant")
    if kind == "lat":
        c = ctx.lat_c(value)
        u.add(ctx.ch([["since it's ", c, ", does that change the differential at all?"],
                      ["given that it sits ", c, ", is there anything else on this " + ctx.sl + " I should look at?"],
                      ["OK, so it's ", c, ". What are the usual look-alikes?"]]))
        a.add([ctx.ch(["A little.", "Worth asking.", "Good point."])]).add([ctx.fresh(ctx.p["diff"])])
        if ctx.style != "qa_brief":
            a.add([ctx.fresh(ctx.p["know"])])
    elif kind == "vert":
        c = ctx.vert_c(value)
        u.add(ctx.ch([["given that it lies ", c, ", does that change the differential?"],
                      ["so it lies ", c, ". Anything else I should check nearby?"]]))
        a.add([ctx.ch(["Not much.", "Worth asking.", "Sensible question."])]).add([ctx.fresh(ctx.p["diff"])])
        if ctx.style != "qa_brief":
            a.add([ctx.fresh(ctx.p["know"])])
    elif kind == "rel":
        rel = value or ctx.ch(ctx.rels)
        c = ctx.rel_c(rel)
        other = "the " + rel[0]
        u.add(["since it lies ", c, ", would it help to segment ", other, " as well?"])
        a.add([f"I can add a separate mask for {other} if you want one."])
        if ctx.style != "qa_brief":
            a.add([ctx.fresh(ctx.p["know"])])
    elif kind == "size":
        c = ctx.size_c("pred", value)
        u.add(["given that it's ", c, ", is it worth measuring on the adjacent slices too?"])
        a.add(["Yes, measuring on the neighbouring slices is good practice."]).add([_caveat(ctx)])
    elif kind == "pct":
        c = ctx.pct_c()
        if value is not None:
            c.value = value
        u.add(["with the mask covering ", c, ", is that worth flagging?"])
        a.add(["It is worth recording, with the slice number, so the next reader can compare."]).add([_caveat(ctx)])
    else:
        c = ctx.count_c("np", value)
        u.add(["with ", c, " in the mask, what follow-up would you suggest?"])
        a.add([ctx.ch(["I'd correlate with prior imaging and the clinical picture.",
                       "Comparison with earlier studies is the first step."])]).add([ctx.fresh(ctx.p["diff"])])
    return u, a, c


def _misconception(ctx, topic):
    """A user turn with a false idea about the target that the assistant explicitly corrects."""
    u, a = Turn("user"), Turn("assistant")
    if topic == "side":
        if ctx.photo:
            wrong = ctx.ch(["left", "right"])
            u.add(["so in my note I'll say it's ", ctx.c("lat", wrong, lambda v, k: _lat(v, k, ctx.p), defectable=False,
                                                          status="corrected"), "."])
            a.add([ctx.ch(["I wouldn't write that.", "I'd leave the side out."])]).add([_conv_know(ctx)])
            a.add(["The side of the patient has to come from the request or the procedure note, not from the frame."])
            return u, a
        if ctx.lat in ("left", "right"):
            wrong = "right" if ctx.lat == "left" else "left"
            img = "right" if ctx.lat == "left" else "left"  # LP and LI both mirror the patient's sides
            u.add([f"it's on the {img} of my screen, so I'd have written that it's ",
                   ctx.c("lat", wrong, lambda v, k: _lat(v, k, ctx.p), defectable=False, status="corrected"), "."])
            a.add([ctx.ch(["Careful, that's the classic trap.", "No, that's mirrored.", "Not quite."])])
            a.add([ctx.conv_c(ctx.ch(["it", "the mask"]), defectable=False)])
            s = ctx.subj()
            a.add([s.t, " ", s.v("is", "are"), " ", ctx.lat_c(defectable=False), ", not the ", wrong, "."])
            return u, a
        wrong = ctx.ch(["left", "right"])
        u.add(["it looks ", ctx.c("lat", wrong, _lat_adj, defectable=False, status="corrected"), " to me."])
        s = ctx.subj()
        if ctx.lat == "bilateral":
            a.add(["Look at the other half of the image as well."])
            a.add([s.t, " ", s.v("is", "are"), " ", ctx.lat_c(defectable=False), "."])
            a.add(["Both halves of the image hold part of the mask."])
        else:
            a.add(["I'd disagree there."])
            a.add([s.t, " ", s.v("is", "are"), " ", ctx.lat_c(defectable=False),
                   "; any offset is too small to call it one-sided."])
        return u, a
    if topic == "pos":
        wrong = ctx.ch([v for v in VERTS[ctx.o] if v != ctx.vert])
        u.add(["I'd say it lies ", ctx.c("vert", wrong, lambda v, k: _vert(v, k, ctx.o), defectable=False,
                                         status="corrected"), "."])
        s = ctx.subj()
        a.add([ctx.ch(["Actually, no.", "Not quite.", "I'd correct that."])])
        a.add([s.t, " ", s.v("lies", "lie"), " ", ctx.vert_c(defectable=False), "."])
        if ctx.rels and ctx.r.random() < 0.5:
            a.add(["You can check it against a neighbour: ", ctx.rel_c(ctx.ch(ctx.rels), inv=True, defectable=False), "."])
        return u, a
    if topic == "size":
        wrong = ctx.ch([v for v in ("small", "medium", "large") if v != ctx.cls])
        word = {"small": "small", "medium": "medium-sized", "large": "large"}
        u.add(["that looks ", ctx.c("size", wrong, lambda v, k: word[v], defectable=False, status="corrected"), " to me."])
        a.add([ctx.ch(["It's easy to misjudge on screen.", "Not by the numbers."])])
        a.add(["it covers ", ctx.pct_c(defectable=False), ", which makes it ", ctx.size_c("simple", defectable=False), "."])
        return u, a
    # count
    wrong = ctx.comp + 1 if ctx.comp == 1 or ctx.r.random() < 0.5 else ctx.comp - 1
    unit = ctx.p["unit"]
    u.add(["I can see ", ctx.c("count", wrong, lambda v, k: _count(v, k, "np", unit), defectable=False,
                               status="corrected"), " there."])
    a.add([ctx.ch(["Look again.", "Not quite.", "I'd correct that."])])
    a.add([ctx.count_c("there", defectable=False), ctx.ch([" on this " + ctx.sl + ".", " in the mask."])])
    if ctx.comp == 1:
        a.add(["A fold or a vessel crossing it can make it look divided, but the outline is continuous."])
    else:
        a.add(["The gaps between them are real: no pixel of one touches another."])
    return u, a


# ---- first turn and answers

def _first_question(ctx, defect):
    p = ctx.p
    clue = ctx.ch(p["clues"])
    if defect == "names_target":
        term, img = ctx.ch(p["named"]), p["img"]
        return ctx.ch([f"Please segment {term} in this {img}.", f"Can you outline {term} on this {img}?",
                       f"{clue} I'm fairly sure it's {term}.", f"Where is {term} in this {img}? Segment it, please."])
    pre = {"clinical_chat": ["", "Quick one: ", "Hi! "], "report_style": ["", "For the report: "],
           "teaching": ["", "Teaching case: "], "qa_brief": [""]}[ctx.style]
    return ctx.ch(pre) + clue


def _offer(ctx):
    if not ctx.p["others"]:
        return None
    other = ctx.ch(sorted(ctx.p["others"]))
    return [ctx.ch([f"Would you like me to outline the {other} as well?", f"Shall I add a mask for the {other} too?"])]


def _first_answer(ctx, topics):
    p, st, obj, name = ctx.p, ctx.style, ctx.obj, ctx.p["name"]
    this, be = ("these are", "they are") if p["plural"] else ("this is", "it's")
    a = Turn("assistant")
    if st == "clinical_chat":
        a.add([ctx.ch(["Sure. ", "Happy to help. ", "", "Of course. "]) +
               ctx.ch([f"{'Those are' if p['plural'] else 'That is'} {name}; I've outlined {obj} here [SEG].", f"You're looking for {name}. Here is the mask: [SEG]",
                       f"{_cap(this)} {name} [SEG]."])])
        if ctx.r.random() < 0.7:
            a.add([ctx.fresh(p["why"])])
        for t in topics:
            a.extend(BLOCKS[t](ctx, short=ctx.r.random() < 0.5))
        if ctx.r.random() < 0.5:
            a.add([ctx.fresh(p["know"])])
        if ctx.r.random() < 0.25 and _offer(ctx):
            a.add(_offer(ctx))
    elif st == "report_style":
        a.add([ctx.ch([f"Segmentation: {name} [SEG].", f"Structure identified and segmented: {name} [SEG]."])])
        if ctx.r.random() < 0.5:
            a.add([f"Technique: single {p['img']}, assessed as displayed."], sep="\n")
        first = True
        for t in topics:
            for s in BLOCKS[t](ctx, short=ctx.r.random() < 0.6):
                if first:
                    a.add(["Findings: "] + s, sep="\n")
                    first = False
                else:
                    a.add(s)
        if ctx.r.random() < 0.5:
            a.add(["Comment: ", ctx.fresh(p["know"])], sep="\n")
        if ctx.r.random() < 0.4:
            a.add(["Impression: ", ctx.fresh(p["diff"])], sep="\n")
    elif st == "teaching":
        a.add([ctx.ch([f"The answer is {name} [SEG].", f"{_cap(this)} {name} [SEG]; let me walk you through why."])])
        a.add(["Why? ", ctx.fresh(p["why"])])
        for t in topics:
            a.extend(BLOCKS[t](ctx, short=ctx.r.random() < 0.4))
        a.add(["Teaching point: ", ctx.fresh(p["know"])])
        if p["mnem"] and ctx.r.random() < 0.5:
            a.add(["Mnemonic: ", ctx.fresh(p["mnem"])])
    else:
        a.add([ctx.ch([f"{_cap(name)} [SEG].", f"{_cap(be)} {name} [SEG].", f"{_cap(name)}, outlined here [SEG]."])])
        for t in topics[:2]:
            a.extend(BLOCKS[t](ctx, short=True))
    return a


def _follow_answer(ctx, topic):
    st, p = ctx.style, ctx.p
    a = Turn("assistant")
    op = ctx.ch(OPENERS[st])
    if op:
        a.add([op])
    if topic in BLOCKS:
        sents = BLOCKS[topic](ctx, short=(st == "qa_brief"))
    elif topic == "summary":
        sents = summary_block(ctx)
    elif topic == "diff":
        sents = [[ctx.fresh(p["diff"])]] + ([[ctx.fresh(p["know"])]] if st != "qa_brief" or ctx.r.random() < 0.5 else [])
    else:
        sents = [[_caveat(ctx)]] + ([[ctx.fresh(p["know"])]] if st != "qa_brief" or ctx.r.random() < 0.5 else [])
    if st == "report_style" and topic in BLOCKS:
        sents[0] = ["Addendum: "] + sents[0]
    a.extend(sents)
    if st == "teaching" and ctx.r.random() < 0.5:
        a.add([ctx.fresh(p["mnem"] + p["know"])])
    elif st == "clinical_chat" and ctx.r.random() < 0.3:
        a.add([ctx.fresh(p["know"])])
    return a


# ---- defects

GROUP = {"laterality": ("lat", "lat_not"), "position": ("vert", "vert_not", "rel"), "size": ("size", "pct"),
         "count": ("count",)}
TOPIC = {"laterality": "side", "position": "pos", "size": "size", "count": "count"}


def _wrong(c, ctx):
    r, v = ctx.r, c.value
    if c.kind == "lat":
        return r.choice({"left": ["right", "right", "right", "midline"], "right": ["left", "left", "left", "midline"],
                         "midline": ["left", "right"], "bilateral": ["left", "right", "midline"]}[v])
    if c.kind == "lat_not":
        return ctx.lat if ctx.lat != "bilateral" else r.choice(["left", "right"])
    if c.kind == "vert":
        others = [x for x in VERTS[ctx.o] if x != v]
        if v != "central" and r.random() < 0.8:
            return [x for x in others if x != "central"][0]
        return r.choice(others)
    if c.kind == "vert_not":
        return ctx.vert
    if c.kind == "rel":
        return (v[0], OPP[v[1]])
    if c.kind == "size":
        return r.choice({"small": ["large", "medium"], "medium": ["small", "large"], "large": ["small", "medium"]}[v])
    if c.kind == "pct":
        up = v < 1 or (v < 8 and r.random() < 0.6)
        x = v * (r.uniform(3.0, 4.5) if up else r.uniform(0.15, 0.3))
        return round(x, 0) if x >= 10 else round(x, 1) if x >= 1 else round(x, 2)
    if c.kind == "count":
        n = ctx.comp
        return r.choice([2, 2, 3]) if n == 1 else r.choice([n + 1, n - 1])
    raise ValueError(c.kind)


def pick_profile(profiles, i, defect, rng):
    if defect == "laterality":  # a photo has no patient side to get wrong
        return rng.choice([p for p in profiles if p["orientation"] is not None])
    return rng.choice(profiles)


def build(p, facts, style, rng, defect):
    ctx = Ctx(p, facts, style, rng)
    r = ctx.r
    where = None
    if defect in GROUP:
        x = r.random()
        where = "user" if x < 0.2 else "follow" if x < 0.4 else "first"
    n_rounds = 3 if r.random() < 0.55 else 2
    dtopic = TOPIC.get(defect)

    # topics of the first answer
    pool = ["side", "pos", "size", "count"]
    if ctx.photo and r.random() < 0.7:
        pool.remove("side")
    r.shuffle(pool)
    first_topics = pool[:r.randint(1, 2) if style == "qa_brief" else r.randint(2, min(4, len(pool)))]
    if where == "first" and dtopic not in first_topics:
        first_topics[r.randrange(len(first_topics))] = dtopic
    if where == "follow" or (where == "user" and r.random() < 0.5):
        first_topics = [t for t in first_topics if t != dtopic] or [t for t in pool if t != dtopic][:1]

    # follow-up turns
    slots = n_rounds - 1
    follow = []
    if where == "follow":
        opts = [dtopic, dtopic, "summary"] + (["neigh"] if defect == "position" and ctx.rels else [])
        follow.append(("ask", r.choice(opts)))
    elif where == "user":
        kinds = {"laterality": ["lat"], "position": ["vert"] + (["rel"] if ctx.rels else []), "size": ["size", "pct"],
                 "count": ["count"]}[defect]
        follow.append(("premise", r.choice(kinds)))
    if len(follow) < slots and r.random() < 0.4:
        opts = [t for t in ("side", "pos", "size", "count") if t != dtopic]
        follow.append(("miscon", r.choice(opts)))
    if len(follow) < slots and r.random() < 0.2:
        kinds = [k for k in ("lat", "vert", "rel", "size", "pct", "count")
                 if not (defect in GROUP and k in GROUP[defect]) and not (k == "lat" and ctx.photo)
                 and not (k == "rel" and not ctx.rels)]
        follow.append(("true_premise", r.choice(kinds)))
    used = set(first_topics) | {t for kind, t in follow if kind == "ask"}
    rest = [t for t in ("side", "pos", "size", "count", "neigh", "summary", "diff", "caveat") if t not in used]
    r.shuffle(rest)
    while len(follow) < slots:
        follow.append(("ask", rest.pop()))
    r.shuffle(follow)

    turns = []
    ctx.region = "user"
    turns.append(Turn("user").add([_first_question(ctx, defect)]))
    ctx.region = "first"
    turns.append(_first_answer(ctx, first_topics))
    for kind, t in follow:
        if kind == "ask":
            ctx.region = "user"
            u = Turn("user").add([_ask(ctx, t)])
            ctx.region = "follow"
            a = _follow_answer(ctx, t)
        elif kind == "miscon":
            ctx.region = "user"
            u, a = _misconception(ctx, t)
            for c in a.claims():
                c.region = "follow"
        else:
            ctx.region = "user"
            u, a, _ = _premise(ctx, t)
            for c in a.claims():
                c.region = "follow"
        turns += [u, a]

    expected = []
    if defect in GROUP:
        ok = lambda c: c.kind in GROUP[defect] and c.defectable and c.status == "claim"
        present = [c for t in turns for c in t.claims()]  # only claims that made it into the text
        cands = [c for c in present if ok(c) and c.region == where]
        if not cands:
            cands = [c for c in present if ok(c) and c.region != "user"]
        c = r.choice(cands)
        c.value = _wrong(c, ctx)
        c.planted = True
        expected = [defect]
    elif defect == "names_target":
        expected = [defect]

    out, ledger = [], []
    for i, t in enumerate(turns):
        out.append({"role": t.role, "content": t.render()})
        for c in t.claims():
            ledger.append({"turn": i, "kind": c.kind, "value": list(c.value) if isinstance(c.value, tuple) else c.value,
                           "status": c.status, "region": c.region, "planted": c.planted, "text": c.text()})
    LEDGER.append({"target": p["target"], "style": style, "defect": defect, "where": where, "claims": ledger})
    return out, expected
