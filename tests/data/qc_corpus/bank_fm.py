"""Bank FM: interventional radiology and procedure planning.

Targets: liver lesion(s), liver tumour, kidney tumour(s), adrenal mass(es), abscess, fluid collections, lung
nodule(s), hepatic veins, portal vein, retroperitoneal mass, uterine fibroid; axial CT/MR ("LP") and coronal
reformats ("LI"); single, bilateral, midline and multi-region masks.
Registers: biopsy_planning (needle paths, entry points, angles, structures to avoid), ir_consent (explaining a
drain, ablation or embolisation to a patient), ablation_report (pre-/post-procedure notes: margins, zones, probes,
prior sessions), ir_fellow (attending teaching a fellow, questions back, wrong ideas corrected).
Approach directions, patient positioning, needle angles and margins are true sentences about the procedure, not
claims about where the mask lies.

Written without reading QC.

Own check (/work/notes/qcfm_scripts/check_fm.py, from the ledger `LEDGER` each build appends to):
rows: 420 clean: 210 defect: 210 (42 per kind) problems: 0.
"""

import math
import random

import numpy as np

STYLES = ["biopsy_planning", "ir_consent", "ablation_report", "ir_fellow"]

LEDGER = []  # one entry per build: the claims each sentence makes about the mask (read by the own check)

_IMAGING = {"liver": "CT", "kidney": "CT"}


def _p(key, target, modality, region, orient, blobs, others, **kw):
    d = dict(key=key, target=target, modality=modality, body_region=region, orientation=orient, blobs=blobs,
             others=others)
    d.update(kw)
    return d


_LIVER_FORBID = ["liver", "hepatic", "hepato", "lesion", "tumour", "tumor", "mass", "hcc", "metasta", "cancer",
                 "carcinoma", "hepatoma", "neoplas", "nodule"]
_KIDNEY_FORBID = ["kidney", "renal", "nephr", "tumour", "tumor", "mass", "rcc", "carcinoma", "cancer", "neoplas",
                  "lesion"]
_ADRENAL_FORBID = ["adrenal", "suprarenal", "mass", "adenoma", "incidentaloma", "tumour", "tumor", "lesion",
                   "pheochromocytoma", "nodule"]
_ABSCESS_FORBID = ["abscess", "collection", "empyema", "phlegmon"]
_FLUID_FORBID = ["fluid", "collection", "pseudocyst", "abscess", "walled-off necrosis"]
_LUNG_FORBID = ["lung", "pulmonary", "nodule", "lesion", "tumour", "tumor", "mass", "cancer", "carcinoma",
                "pneumo", "metasta", "rul", "rll", "lul", "lll", "neoplas"]

PROFILES = [
    _p("liv1", "liver lesion", "CT", "abdomen", "LP", [(80, 100, 13, 11)],
       {"inferior vena cava": (0.45, 0.55), "right kidney": (0.33, 0.68), "gallbladder": (0.40, 0.42)},
       names=["liver lesion", "hepatic lesion", "segment VIII lesion"], unit=("lesion", "lesions"),
       forbid=_LIVER_FORBID, proc="ablation",
       imp=["the arterially enhancing focus in the bile-producing organ that the MDT wants treated",
            "the new PET-avid spot in the organ that makes bile",
            "the thing in the right upper quadrant solid organ that grew since March"],
       lay_imp=["They found a spot in the organ that makes bile and want to burn it",
                "I've been told there is something in the organ under my right ribs that needs treating"],
       position="supine with the right arm above the head", lay_position="on your back with your right arm up",
       approach=["I'd come in intercostally from the right lateral side, above the ninth rib, angled about 15 degrees cranially.",
                 "Entry point right mid-axillary line, eighth or ninth intercostal space, needle passing over the top of the lower rib."],
       lay_approach="The needle goes in between two of your lower ribs on your right side.",
       avoid=["the right hemidiaphragm and lung base", "the gallbladder", "the intercostal vessels under each rib"],
       know=["The right hemidiaphragm usually sits a little higher than the left one.",
             "The intercostal artery runs along the underside of each rib, which is why we go over the top of the rib below.",
             "Bleeding needing intervention follows roughly 1-2% of percutaneous liver procedures."]),
    _p("liv3", "liver lesions", "MR", "abdomen", "LP", [(70, 95, 8, 7), (95, 122, 9, 8), (78, 152, 7, 6)],
       {"inferior vena cava": (0.46, 0.56), "portal vein": (0.42, 0.48), "stomach": (0.66, 0.36)},
       names=["liver lesions", "hepatic metastases", "liver deposits"], unit=("lesion", "lesions"),
       forbid=_LIVER_FORBID, proc="ablation",
       imp=["the colorectal deposits in the organ that makes bile - how many are there and where",
            "the spots the colorectal team flagged in the right side of the bile-making organ"],
       lay_imp=["My bowel surgeon says it has spread to the organ that makes bile and they want to burn the spots",
                "They want to treat the spots in the organ under my right ribs"],
       position="supine, right arm up", lay_position="on your back with your right arm above your head",
       approach=["Each one gets its own trajectory; the posterior one is best reached through a right intercostal window with the needle angled slightly caudal.",
                 "I'd plan separate right-sided intercostal entry points rather than one long oblique pass."],
       lay_approach="The needle goes in between the ribs on your right, once for each spot.",
       avoid=["the right lung base", "the right portal pedicle", "the colon at the hepatic flexure"],
       know=["The left renal vein crosses in front of the aorta, well away from this field.",
             "Local recurrence after thermal ablation of colorectal deposits is reported in about 10-20% of cases."]),
    _p("liv2", "liver lesions", "CT", "abdomen", "LP", [(78, 112, 11, 10), (158, 98, 9, 8)],
       {"inferior vena cava": (0.45, 0.56), "stomach": (0.70, 0.36), "gallbladder": (0.40, 0.44)},
       names=["liver lesions", "hepatic lesions", "liver metastases"], unit=("lesion", "lesions"),
       forbid=_LIVER_FORBID, proc="ablation",
       imp=["the deposits in both lobes of the organ that makes bile",
            "the spots in the right lobe and left lateral segment that we're ablating"],
       lay_imp=["They say there are spots in both halves of the organ that makes bile",
                "My oncologist wants the spots in the organ that makes bile burned"],
       position="supine", lay_position="on your back",
       approach=["The left lateral segment one is a straightforward anterior subxiphoid pass; the right lobe one needs a right intercostal route.",
                 "Two separate punctures: subxiphoid for the left-sided target, right intercostal for the other."],
       lay_approach="There will be one needle just under your breastbone and one between your right lower ribs.",
       avoid=["the stomach", "the heart and pericardium above the left lobe", "the right lung base"],
       know=["The stomach sits to the left, just behind the left lateral segment.",
             "About 20% of colorectal cancer patients have liver deposits at diagnosis."]),
    _p("liv4", "liver tumour", "MR", "abdomen", "LI", [(84, 98, 36, 32)],
       {"right kidney": (0.33, 0.72), "gallbladder": (0.44, 0.58), "heart": (0.55, 0.18)},
       names=["liver tumour", "hepatocellular carcinoma", "HCC"], unit=("tumour", "tumours"),
       forbid=_LIVER_FORBID, proc="chemoembolisation",
       imp=["the big arterially enhancing thing with washout in his cirrhotic bile-making organ, booked for TACE",
            "the LI-RADS 5 observation in the right upper quadrant organ that makes bile"],
       lay_imp=["My specialist says the growth in the organ that makes bile needs its blood supply blocked",
                "They want to treat the thing in the organ under my right ribs through a tube in my groin"],
       position="supine", lay_position="flat on your back",
       approach=["Access is via the right common femoral artery, then a selective catheter into the right hepatic artery branches.",
                 "I'd go right common femoral, 5 Fr sheath, microcatheter into the feeding segmental arteries."],
       lay_approach="The tube goes in through the artery at the top of your right leg, in the groin.",
       avoid=["the cystic artery", "the gastroduodenal artery", "non-target branches to the stomach"],
       know=["A replaced right hepatic artery arises from the superior mesenteric artery in around 10-15% of people.",
             "The heart sits just above the left hemidiaphragm."]),
    _p("kid1", "kidney tumour", "CT", "abdomen", "LP", [(85, 166, 12, 13)],
       {"aorta": (0.52, 0.58), "inferior vena cava": (0.45, 0.57), "liver": (0.30, 0.40)},
       names=["kidney tumour", "renal mass", "renal tumour"], unit=("tumour", "tumours"),
       forbid=_KIDNEY_FORBID, proc="cryoablation",
       imp=["the small solid enhancing thing in one of the bean-shaped organs that filter blood",
            "the enhancing solid spot in the urine-making organ that urology want frozen"],
       lay_imp=["My urologist found something in one of the organs that make urine and wants it frozen",
                "They want to freeze the spot on my filtering organ"],
       position="prone", lay_position="on your front",
       approach=["Prone, posterior approach, probes angled slightly medially and parallel to one another.",
                 "Entry just lateral to the paraspinal muscles on the right, passing below the twelfth rib."],
       lay_approach="The probes go in through your back on the right.",
       avoid=["the ascending colon", "the ureter", "the pleural recess"],
       know=["The colon is retrorenal in about 1-10% of people, so check before committing to the path.",
             "The left renal vein crosses in front of the aorta to reach the IVC."]),
    _p("kid2", "kidney tumour", "CT", "abdomen", "LP", [(172, 160, 16, 15)],
       {"aorta": (0.52, 0.58), "spleen": (0.78, 0.42), "pancreas": (0.55, 0.44)},
       names=["kidney tumour", "renal mass", "renal cell carcinoma"], unit=("tumour", "tumours"),
       forbid=_KIDNEY_FORBID, proc="microwave ablation",
       imp=["the exophytic enhancing thing off the posterior aspect of one of the urine-making organs",
            "the solid enhancing spot in the bean-shaped filtering organ we're ablating"],
       lay_imp=["My doctor wants to heat-treat the spot on one of my filtering organs",
                "They found something on one of the organs that make urine"],
       position="prone", lay_position="lying on your front",
       approach=["Prone, left posterior approach below the twelfth rib, antenna angled about 10 degrees cranially.",
                 "Posterior paravertebral entry on the left, avoiding the lower pole of the spleen."],
       lay_approach="The needle goes into your back on the left side.",
       avoid=["the descending colon", "the spleen tip", "the left ureter"],
       know=["The spleen lies above and lateral to the left upper pole.",
             "Post-ablation haematuria is seen in about 5% of cases and is usually self-limiting."]),
    _p("kid3", "kidney tumours", "CT", "abdomen", "LP", [(82, 160, 12, 12), (174, 162, 13, 11)],
       {"aorta": (0.51, 0.58), "liver": (0.30, 0.40), "pancreas": (0.53, 0.44)},
       names=["kidney tumours", "renal masses", "renal tumours"], unit=("tumour", "tumours"),
       forbid=_KIDNEY_FORBID, proc="cryoablation",
       imp=["the enhancing solid spots in the urine-making organs in this patient with von Hippel-Lindau",
            "the VHL patient's enhancing things in the bean-shaped filtering organs"],
       lay_imp=["With my VHL they've found spots on the organs that make urine again",
                "They want to freeze the spots on my filtering organs"],
       position="prone", lay_position="on your front",
       approach=["Staged sessions, prone each time; one side per session to protect function.",
                 "Posterior approach on each side, probes parallel, staying lateral to the paraspinals."],
       lay_approach="The probes go in through your back, one side at a time.",
       avoid=["the colon on each side", "the ureters", "the pleural reflections"],
       know=["In VHL, around 25-45% of patients develop clear cell tumours over their lifetime.",
             "The inferior vena cava lies to the right of the aorta."]),
    _p("kid4", "kidney tumour", "CT", "abdomen", "LI", [(176, 152, 14, 16)],
       {"spleen": (0.72, 0.34), "aorta": (0.50, 0.55), "liver": (0.30, 0.32)},
       names=["kidney tumour", "renal mass", "lower pole renal tumour"], unit=("tumour", "tumours"),
       forbid=_KIDNEY_FORBID, proc="biopsy",
       imp=["the indeterminate solid enhancing thing in the lower pole of a urine-making organ, on this coronal",
            "the enhancing spot in the bean-shaped filtering organ on the coronal reformat"],
       lay_imp=["They want a sample of the spot on my filtering organ",
                "My doctor says there is something on one of the organs that make urine and they need a sample"],
       position="prone", lay_position="on your front",
       approach=["Posterior approach on the left, coaxial 17 G guide with 18 G cores, entry below the twelfth rib.",
                 "Prone, left posterolateral entry, angled slightly cranially toward the lower pole."],
       lay_approach="The needle goes in from your back on the left, below the ribs.",
       avoid=["the descending colon", "the renal hilum", "the spleen tip"],
       know=["The left kidney usually sits a little higher than the right one.",
             "Non-diagnostic renal biopsies are reported in about 10% of cases."]),
    _p("adr1", "adrenal mass", "CT", "abdomen", "LP", [(160, 140, 10, 8)],
       {"aorta": (0.52, 0.55), "left kidney": (0.70, 0.68), "pancreas": (0.56, 0.42)},
       names=["adrenal mass", "adrenal nodule", "adrenal lesion"], unit=("mass", "masses"),
       forbid=_ADRENAL_FORBID, proc="biopsy",
       imp=["the indeterminate thing in the gland sitting on top of the urine-making organ, in a patient with lung cancer",
            "the enlarging spot in the cortisol-making gland - we need tissue"],
       lay_imp=["They found something on one of the small glands that sit on top of the kidneys",
                "My lung doctor wants a sample from the gland above my kidney"],
       position="prone", lay_position="on your front",
       approach=["Prone, posterior paravertebral route on the left, needle angled cranially to stay below the pleural reflection.",
                 "Left posterior approach; if the lung is in the way, a transrenal or an anterior transhepatic path are the alternatives."],
       lay_approach="The needle goes in from your back, on the left.",
       avoid=["the pleural recess", "the splenic vessels", "the upper pole of the kidney"],
       know=["Always exclude a phaeochromocytoma biochemically before biopsy, because of the risk of a hypertensive crisis.",
             "Incidental adrenal findings turn up on about 4% of abdominal CTs."]),
    _p("adr2", "adrenal masses", "CT", "abdomen", "LP", [(100, 138, 8, 7), (158, 140, 9, 7)],
       {"aorta": (0.51, 0.55), "inferior vena cava": (0.44, 0.52), "pancreas": (0.55, 0.42)},
       names=["adrenal masses", "adrenal metastases", "adrenal nodules"], unit=("mass", "masses"),
       forbid=_ADRENAL_FORBID, proc="biopsy",
       imp=["the new findings in the glands that sit on top of the urine-making organs",
            "the spots in both cortisol-making glands on the staging scan"],
       lay_imp=["They found spots in the glands on top of my kidneys",
                "My oncologist wants a sample from the small glands above my kidneys"],
       position="prone", lay_position="on your front",
       approach=["Only one needs sampling; the left one is easier from a posterior approach, the right one sits right behind the IVC.",
                 "Prone, posterior, angled cranially under the pleural reflection."],
       lay_approach="The needle goes in from your back; we only need to sample one side.",
       avoid=["the inferior vena cava", "the pleural recesses", "the upper poles of the kidneys"],
       know=["The right gland sits directly behind the inferior vena cava.",
             "Bilateral adrenal metastases are found in around 10% of patients with lung cancer at autopsy."]),
    _p("abs1", "abscess", "CT", "pelvis", "LP", [(128, 150, 20, 16)],
       {"bladder": (0.50, 0.42), "rectum": (0.50, 0.74), "sacrum": (0.50, 0.86)},
       names=["abscess", "pelvic abscess", "presacral abscess"], unit=("abscess", "abscesses"),
       forbid=_ABSCESS_FORBID, proc="drainage",
       imp=["the rim-enhancing pocket of pus after her low anterior resection - we're putting a drain in",
            "the infected pocket in the pelvis that's spiking fevers after surgery"],
       lay_imp=["Since my bowel operation there's an infected pocket in my pelvis that needs a drain",
                "They say there's pus deep in my pelvis and they want to put a tube in"],
       position="prone", lay_position="lying on your front",
       approach=["Transgluteal, through the greater sciatic foramen, staying close to the sacrum and coccyx.",
                 "Prone, transgluteal from either side, as medial and caudal as possible, below the piriformis."],
       lay_approach="The needle goes in through your buttock, close to the tailbone.",
       avoid=["the sciatic nerve", "the superior and inferior gluteal vessels", "the rectum"],
       know=["Keeping close to the sacrum keeps the needle away from the sciatic nerve.",
             "Percutaneous drainage succeeds in around 80-90% of post-operative abscesses."]),
    _p("abs2", "abscess", "CT", "abdomen", "LP", [(76, 118, 38, 32)],
       {"inferior vena cava": (0.46, 0.58), "right kidney": (0.32, 0.72), "stomach": (0.66, 0.38)},
       names=["abscess", "liver abscess", "pyogenic abscess"], unit=("abscess", "abscesses"),
       forbid=_ABSCESS_FORBID, proc="drainage",
       imp=["the big gas-containing pocket of pus in the right upper quadrant organ after his cholangitis",
            "the infected pocket in the bile-making organ that needs a pigtail"],
       lay_imp=["They found a pocket of pus in my upper tummy that needs a drain",
                "There's an infection in the organ that makes bile and they want to drain it"],
       position="supine, slightly rolled to the left", lay_position="on your back, tilted a little onto your left side",
       approach=["Right lateral intercostal or subcostal entry, 10 Fr locking pigtail by Seldinger.",
                 "I'd use a right subcostal window under ultrasound, then confirm with CT."],
       lay_approach="The tube goes in on your right side, just under or between the lower ribs.",
       avoid=["the pleural space", "the gallbladder", "the hepatic flexure"],
       know=["The pleural reflection reaches lower posteriorly than laterally.",
             "Amoebic abscesses, unlike pyogenic ones, are usually treated without drainage."]),
    _p("flu1", "fluid collections", "CT", "abdomen", "LP", [(58, 132, 12, 22), (198, 136, 11, 20), (134, 98, 18, 9)],
       {"aorta": (0.51, 0.60), "pancreas": (0.52, 0.45), "stomach": (0.64, 0.32)},
       names=["fluid collections", "peripancreatic collections", "pancreatic collections"], unit=("collection", "collections"),
       forbid=_FLUID_FORBID, proc="drainage",
       imp=["the walled-off pockets after his necrotising pancreatitis - which ones can we drain",
            "the pockets that developed four weeks after the pancreatitis"],
       lay_imp=["After my pancreatitis there are pockets in my tummy that need draining",
                "The team want to put tubes in the pockets left over after my pancreatitis"],
       position="supine", lay_position="on your back",
       approach=["Retroperitoneal flank approach for the paracolic ones, left and right, to keep a route for a later step-up necrosectomy.",
                 "Flank entries on both sides, 12-14 Fr drains; the lesser sac one may go endoscopic."],
       lay_approach="The tubes go in from your sides, one on each side.",
       avoid=["the colon", "the spleen", "the gastroepiploic vessels"],
       know=["About a third of patients with necrotising pancreatitis avoid surgery with drainage alone.",
             "The splenic vein runs along the back of the pancreas."]),
    _p("lun1", "lung nodule", "CT", "chest", "LP", [(80, 172, 6, 6)],
       {"aorta": (0.56, 0.62), "heart": (0.55, 0.42), "spine": (0.50, 0.78)},
       names=["lung nodule", "pulmonary nodule", "right lower lobe nodule"], unit=("nodule", "nodules"),
       forbid=_LUNG_FORBID, proc="biopsy",
       imp=["the spiculated spot in the organ of gas exchange from the screening CT",
            "the growing spot in the chest that the MDT wants sampled"],
       lay_imp=["They want a sample from the spot on my chest scan",
                "The screening scan found a spot in my chest that they want to test"],
       position="prone", lay_position="on your front",
       approach=["Prone, posterior approach on the right, shortest aerated-lung path, needle perpendicular to the pleura.",
                 "Posterior entry on the right, crossing the pleura once, 19 G coaxial, angled a little caudal over the rib."],
       lay_approach="The needle goes in from your back on the right.",
       avoid=["fissures", "bullae", "the intercostal vessels"],
       know=["Pneumothorax follows roughly 15-25% of CT-guided lung biopsies, and a drain is needed in about 5%.",
             "The descending aorta runs along the left side of the spine."]),
    _p("lun2", "lung nodules", "CT", "chest", "LP", [(70, 120, 5, 5), (186, 100, 6, 5), (176, 176, 4, 4)],
       {"heart": (0.54, 0.45), "spine": (0.50, 0.80), "aorta": (0.56, 0.62)},
       names=["lung nodules", "pulmonary nodules", "pulmonary metastases"], unit=("nodule", "nodules"),
       forbid=_LUNG_FORBID, proc="biopsy",
       imp=["the new spots in the chest on her sarcoma follow-up - which is the easiest to sample",
            "the round spots scattered in the organs of gas exchange on the restaging scan"],
       lay_imp=["My scan shows new spots in my chest and they want a sample",
                "They found spots in my chest and want to take a piece of one"],
       position="prone or supine depending on which one we pick", lay_position="either on your back or your front",
       approach=["Pick the one with the shortest pleura-to-target path; the posterior one suits a prone posterior approach.",
                 "I'd sample a single target, posteriorly, prone, and leave the rest alone."],
       lay_approach="We only need one sample; the needle goes in through the chest wall at the shortest spot.",
       avoid=["the fissures", "the internal mammary vessels", "the pericardium"],
       know=["Biopsy of a lesion under 1 cm has a lower diagnostic yield, around 70-80%.",
             "The heart sits slightly to the left of the midline."]),
    _p("lun3", "lung nodule", "CT", "chest", "LI", [(190, 70, 7, 7)],
       {"aortic arch": (0.55, 0.36), "heart": (0.55, 0.62), "left hemidiaphragm": (0.70, 0.82)},
       names=["lung nodule", "pulmonary nodule", "upper lobe nodule"], unit=("nodule", "nodules"),
       forbid=_LUNG_FORBID, proc="microwave ablation",
       imp=["the spot in the apical organ of gas exchange that we're ablating because she can't have surgery",
            "the solid spot near the apex on this coronal reconstruction"],
       lay_imp=["Because I can't have an operation they want to heat-treat the spot at the top of my chest",
                "They want to burn the spot near the top of my chest"],
       position="supine", lay_position="on your back",
       approach=["Anterior approach on the left, steep cranial angulation, staying lateral to the internal mammary vessels.",
                 "Supine, anterior entry below the left clavicle, antenna aimed superiorly and posteriorly."],
       lay_approach="The needle goes in from the front, below your left collarbone.",
       avoid=["the subclavian vessels", "the internal mammary artery", "the brachial plexus"],
       know=["The subclavian artery arches over the pleural apex.",
             "The aortic arch passes over the left main bronchus."]),
    _p("hv1", "hepatic veins", "CT", "abdomen", "LP", [(82, 112, 5, 4), (98, 104, 5, 4), (112, 110, 4, 4)],
       {"inferior vena cava": (0.47, 0.55), "aorta": (0.53, 0.58), "stomach": (0.68, 0.38)},
       names=["hepatic veins", "hepatic venous outflow", "hepatic veins"], unit=("vein", "veins"),
       forbid=["hepatic", "vein", "venous", "liver", "hv", "outflow"],
       proc="recanalisation",
       imp=["the vessels that drain the bile-making organ into the IVC - we're planning Budd-Chiari recanalisation",
            "the draining vessels of the bile-making organ for a TIPS planning scan"],
       lay_imp=["The blood can't drain out of the organ that makes bile and they want to open the blocked vessels",
                "My doctor says the drainage vessels of the organ that makes bile are blocked"],
       position="supine", lay_position="on your back",
       approach=["Right internal jugular access, then down through the right atrium into the IVC and the vessel ostia.",
                 "Transjugular from the right neck; if the ostium can't be crossed, a combined percutaneous right intercostal puncture."],
       lay_approach="The thin tube goes in through a vein on the right side of your neck.",
       avoid=["the carotid artery in the neck", "the right atrium wall", "the capsule"],
       know=["The caudate lobe drains directly into the IVC, which is why it hypertrophies in Budd-Chiari.",
             "Stent patency after recanalisation is reported around 80% at five years."]),
    _p("pv1", "portal vein", "CT", "abdomen", "LP", [(108, 126, 11, 7)],
       {"inferior vena cava": (0.48, 0.60), "aorta": (0.53, 0.60), "spleen": (0.80, 0.44)},
       names=["portal vein", "main portal vein", "PV"], unit=("vessel", "vessels"),
       forbid=["portal", "vein", "pv", "venous", "splanchnic"],
       proc="TIPS",
       imp=["the vessel carrying blood from the gut and spleen into the liver - we're planning a TIPS",
            "the vessel we aim the Colapinto needle at during a TIPS"],
       lay_imp=["They want to make a shunt inside my liver because of the bleeding varices",
                "My liver doctor says I need a shunt through the vessel that brings blood from the gut"],
       position="supine, head turned to the left", lay_position="on your back with your head turned to the left",
       approach=["Right internal jugular access, then from the right hepatic vein we puncture anteriorly and inferiorly toward this vessel.",
                 "Transjugular: needle angled anteriorly from the right hepatic vein, about 2-3 cm from the caval confluence."],
       lay_approach="The tube goes in through your neck on the right side.",
       avoid=["the liver capsule", "the hepatic artery", "the bile ducts"],
       know=["The hepatic artery usually runs anterior and to the left of the portal vein in the hepatoduodenal ligament.",
             "Hepatic encephalopathy follows TIPS in around 30% of patients."]),
    _p("rp1", "retroperitoneal mass", "CT", "abdomen", "LP", [(128, 158, 30, 24)],
       {"pancreas": (0.52, 0.42), "left kidney": (0.72, 0.62), "right kidney": (0.28, 0.62)},
       names=["retroperitoneal mass", "retroperitoneal nodal mass", "retroperitoneal lymphoma"], unit=("mass", "masses"),
       forbid=["retroperitone", "mass", "lymphoma", "adenopathy", "nodes", "nodal", "lesion", "tumour", "tumor",
               "sarcoma", "cancer", "neoplas"],
       proc="biopsy",
       imp=["the bulky soft tissue wrapped around the aorta that haematology need a core from",
            "the conglomerate soft tissue encasing the great vessels - we need tissue for flow cytometry"],
       lay_imp=["The blood doctors need a sample from the swelling around the big blood vessel in my belly",
                "They need a piece of the tissue around the main artery in my tummy"],
       position="prone", lay_position="on your front",
       approach=["Prone, posterior paravertebral approach from the left, passing lateral to the psoas.",
                 "Left paravertebral entry, coaxial 16 G, angled medially so the tip stays lateral to the aorta."],
       lay_approach="The needle goes in from your back, just to the left of the spine.",
       avoid=["the aorta", "the lumbar arteries", "the ureter"],
       know=["The left renal vein crosses in front of the aorta just below the superior mesenteric artery.",
             "Core biopsy gives a sub-typeable diagnosis of lymphoma in about 85-90% of cases."]),
    _p("fib1", "uterine fibroid", "MR", "pelvis", "LP", [(128, 118, 38, 32)],
       {"bladder": (0.50, 0.34), "rectum": (0.50, 0.76), "left ovary": (0.70, 0.48)},
       names=["uterine fibroid", "fibroid", "leiomyoma"], unit=("fibroid", "fibroids"),
       forbid=["uter", "fibroid", "leiomyom", "myoma", "womb"],
       proc="embolisation",
       imp=["the benign smooth-muscle growth causing her heavy periods that we're embolising",
            "the dominant T2-dark smooth-muscle growth in this woman booked for embolisation"],
       lay_imp=["My gynaecologist says the benign growth causing my heavy periods can be treated by blocking its blood supply",
                "They want to block the blood supply to the growth that causes my heavy bleeding"],
       position="supine", lay_position="on your back",
       approach=["Right common femoral or left radial access, then both internal iliac anterior divisions.",
                 "Single right femoral puncture, catheterise both sides, 500-700 micron particles to near stasis."],
       lay_approach="A thin tube goes in at the top of your right leg or at your left wrist.",
       avoid=["the ovarian arteries", "the bladder branches", "non-target gluteal branches"],
       know=["Post-embolisation syndrome affects up to a third of patients in the first days.",
             "The ureters cross the iliac vessels at the pelvic brim."]),
]

NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def record_for(p):
    return {"modality": p["modality"], "body_region": p["body_region"], "orientation": p["orientation"]}


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-2, 2), rng.uniform(-2, 2)
    for (cx, cy, rx, ry) in p["blobs"]:
        rx2, ry2 = rx + rng.uniform(-0.6, 0.6), ry + rng.uniform(-0.6, 0.6)
        mask |= ((xx - cx - dx) / rx2) ** 2 + ((yy - cy - dy) / ry2) ** 2 <= 1.0
    return compute_facts(mask, p["orientation"], dict(p["others"])).model_dump(mode="json")


# ---------------------------------------------------------------------------------------------------------
# claim phrasing. Each returns a sentence; the caller records (kind, value) in the ledger.

_OPP = {"left": "right", "right": "left"}
_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
         "superior_to": "inferior_to", "inferior_to": "superior_to"}


def cap(s):
    return s[0].upper() + s[1:] if s else s


def side_sent(v, S, lay, rng, p):
    n = p["unit"][1]
    if lay:
        t = {"left": ["It's on your left side.", "This is on the left side of your body.", "{S} is on your left."],
             "right": ["It's on your right side.", "This is on the right side of your body.", "{S} is on your right."],
             "midline": ["It sits in the middle of your body rather than off to one side.",
                         "{S} is right in the centre, in the midline."],
             "bilateral": ["There are " + n + " on both your left and your right.",
                           "{S} are on both sides of your body."]}[v]
    else:
        t = {"left": ["{S} lies on the patient's left.", "This is a left-sided target.", "{S} is left-sided.",
                      "It is on the left side of the patient.", "Laterality is left."],
             "right": ["{S} lies on the patient's right.", "This is a right-sided target.", "{S} is right-sided.",
                       "It is on the right side of the patient.", "Laterality is right."],
             "midline": ["{S} sits essentially in the midline.", "{S} straddles the midline.",
                         "It's a midline target.", "Laterality: midline, more or less equal either side."],
             "bilateral": ["The disease is bilateral, with " + n + " on both the left and the right.",
                           "{S} are bilateral.", "There are " + n + " on each side of the patient - bilateral.",
                           "Laterality is bilateral."]}[v]
    return rng.choice(t).replace("{S}", S)


def side_short(v):
    return {"left": "on the left", "right": "on the right", "midline": "in the midline",
            "bilateral": "on both sides"}[v]


def vert_sent(v, S, lay, rng, orient):
    if orient == "LP":
        if lay:
            t = {"anterior": ["It's toward the front of your body.", "{S} sits nearer your front than your back."],
                 "posterior": ["It's toward your back.", "{S} sits nearer your back than your front."],
                 "central": ["It's about halfway between your front and your back.",
                             "{S} sits roughly in the middle, front to back."]}[v]
        else:
            t = {"anterior": ["{S} lies anteriorly.", "It sits in the anterior half of the slice.",
                              "Its position is anterior.", "{S} is toward the front."],
                 "posterior": ["{S} lies posteriorly.", "It sits in the posterior half of the slice.",
                               "Its position is posterior.", "{S} is toward the back."],
                 "central": ["{S} is central in the anteroposterior direction.",
                             "It sits mid-depth, roughly central front to back.",
                             "Its AP position is central."]}[v]
    else:
        if lay:
            t = {"superior": ["It's fairly high up.", "{S} sits toward the top."],
                 "inferior": ["It's fairly low down.", "{S} sits toward the bottom."],
                 "central": ["It's about halfway up and down.", "{S} sits around the middle, top to bottom."]}[v]
        else:
            t = {"superior": ["{S} lies superiorly on this coronal.", "It sits in the upper part of the field, superior.",
                              "Craniocaudally it's superior."],
                 "inferior": ["{S} lies inferiorly on this coronal.", "It sits in the lower part of the field, inferior.",
                              "Craniocaudally it's inferior."],
                 "central": ["{S} is central craniocaudally.", "It sits at mid-height on the coronal."]}[v]
    return rng.choice(t).replace("{S}", S)


def vert_short(v):
    return {"anterior": "anteriorly", "posterior": "posteriorly", "central": "mid-depth",
            "superior": "high up", "inferior": "low down"}[v]


def fmt_pct(x, rng):
    if x >= 1:
        s = f"{x:.1f}"
    elif x >= 0.1:
        s = f"{x:.2f}"
    else:
        s = f"{x:.3f}"
    return rng.choice([s + "%", s + " percent", s + "%"])


CLS = {"small": ["small", "a small target", "on the small side"],
       "medium": ["medium-sized", "moderate in size", "intermediate in size"],
       "large": ["large", "a large target", "big"]}


def size_sents(cls, pct, S, lay, rng, want):
    """want: 'class', 'pct' or 'both'. Returns sentence."""
    c = rng.choice(CLS[cls]) if cls else None
    if lay:
        c = {"small": "small", "medium": "medium-sized", "large": "large"}.get(cls) if cls else None
    ps = fmt_pct(pct, rng) if pct is not None else None
    if want == "class":
        t = ["{S} is " + str(c) + ".", "Size-wise it's " + str(c) + ".", "In terms of size: " + str(c) + "."]
    elif want == "pct":
        t = ["{S} covers about " + str(ps) + " of the image.", "It takes up roughly " + str(ps) + " of the slice.",
             "Area: about " + str(ps) + " of the field of view."]
    else:
        t = ["{S} is " + str(c) + ", about " + str(ps) + " of the image.",
             "It's " + str(c) + " - roughly " + str(ps) + " of the slice area.",
             "Size: " + str(c) + " (" + str(ps) + " of the field)."]
    if lay and want != "pct":
        t = ["It's " + str(c) + (", about " + str(ps) + " of the picture." if want == "both" else "."),
             "{S} is " + str(c) + (" - around " + str(ps) + " of the scan image." if want == "both" else " on this scan.")]
    return rng.choice(t).replace("{S}", S)


def count_sent(n, S, lay, rng, p):
    u1, un = p["unit"]
    if n == 1:
        t = ["It's a single contiguous region.", "There is just one " + u1 + ".", "{S} is one solitary piece.",
             "The mask is a single connected component."]
        if lay:
            t = ["There's just one " + u1 + ".", "It's a single " + u1 + "."]
    else:
        w = NUMW.get(n, str(n))
        d = rng.choice([w, str(n)])
        t = ["There are " + d + " separate " + un + ".", "The mask has " + d + " discrete pieces.",
             "{S} come to " + d + " separate regions.", "I count " + d + " distinct " + un + "."]
        if lay:
            t = ["There are " + w + " separate " + un + ".", "I can see " + w + " of them."]
    return rng.choice(t).replace("{S}", S)


def rel_sent(other, rel, S, lay, rng):
    o = "the " + other
    if lay:
        t = {"left_of": ["It's further to your left than " + o + "."], "right_of": ["It's further to your right than " + o + "."],
             "anterior_to": ["It's in front of " + o + "."], "posterior_to": ["It's behind " + o + "."],
             "superior_to": ["It's above " + o + "."], "inferior_to": ["It's below " + o + "."]}[rel]
    else:
        t = {"left_of": ["{S} lies to the patient's left of " + o + ".", "It's left of " + o + "."],
             "right_of": ["{S} lies to the patient's right of " + o + ".", "It's right of " + o + "."],
             "anterior_to": ["{S} is anterior to " + o + ".", "It sits in front of " + o + "."],
             "posterior_to": ["{S} is posterior to " + o + ".", "It sits behind " + o + "."],
             "superior_to": ["{S} is superior to " + o + ".", "It sits above " + o + "."],
             "inferior_to": ["{S} is inferior to " + o + ".", "It sits below " + o + "."]}[rel]
    return rng.choice(t).replace("{S}", S)


def rel_short(other, rel):
    return {"left_of": "to the left of", "right_of": "to the right of", "anterior_to": "in front of",
            "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}[rel] + " the " + other


# ---------------------------------------------------------------------------------------------------------

class Row:
    def __init__(self, p, f, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, f, style, rng, defect
        self.lay = style == "ir_consent"
        self.claims = []  # dicts: turn, kind, value, role, status, text
        self.turns = []

    def subj(self, first=False):
        p, rng = self.p, self.rng
        plural = p["target"].endswith("s") and not p["target"].endswith("ss")
        if self.lay:
            opts = ["it" if not plural else "they", "the area I've outlined", "the " + p["names"][0]]
        else:
            opts = ["the " + rng.choice(p["names"]), "the mask", "the segmented region", "the target",
                    "it" if not plural else "they"]
        if plural:
            opts = [o for o in opts if o not in ("the mask", "the segmented region", "the target")] or opts
        s = rng.choice(opts)
        return cap(s) if first else s

    def add(self, kind, value, text, status="assert"):
        self.claims.append({"turn": len(self.turns), "kind": kind, "value": value, "status": status, "text": text})
        return text


def _false_side(f, rng):
    v = f["laterality"]
    if v in ("left", "right"):
        return rng.choice([_OPP[v]] * 3 + ["midline", "bilateral"])
    if v == "midline":
        return rng.choice(["left", "right"])
    return rng.choice(["left", "right"])


def _false_vert(f, rng, orient):
    allv = ["anterior", "posterior", "central"] if orient == "LP" else ["superior", "inferior", "central"]
    v = f["vertical"]
    if v == "central":
        return rng.choice(allv[:2])
    return rng.choice([allv[1] if v == allv[0] else allv[0]] * 3 + ["central"])


def _false_count(n, rng):
    return 2 if n == 1 else rng.choice([n - 1, n + 1])


def _false_size(f, rng):
    if rng.random() < 0.5:
        cls = f["size_class"]
        return ("class", rng.choice([c for c in ("small", "medium", "large") if c != cls]))
    pct = 100 * f["area_fraction"]
    return ("pct", pct * rng.choice([0.25, 0.3, 3.0, 3.5]))


def agree(t, S):
    plural = S.lower() == "they" or (S.endswith("s") and not S.endswith("ss") and S.lower() != "the mask")
    if plural:
        for a, b in ((" is ", " are "), (" lies", " lie"), (" sits", " sit")):
            t = t.replace(S + a, S + b)
    else:
        for a, b in ((" come to", " comes to"), (" are bilateral", " is bilateral"), (" are on both", " is on both")):
            t = t.replace(S + a, S + b)
    return t


def claim_text(R, kind, false=False, value=None):
    n0 = len(R.claims)
    t = agree(_claim_text(R, kind, false, value), cap(R.last_subj))
    for c in R.claims[n0:]:
        c["text"] = t
    return t


def _claim_text(R, kind, false=False, value=None):
    """Emit one claim sentence of `kind` (true, or false when `false`) and log it. Returns text."""
    f, rng, p, lay = R.f, R.rng, R.p, R.lay
    S = R.subj()
    Sf = cap(S)
    R.last_subj = Sf
    if kind == "side":
        v = _false_side(f, rng) if false else f["laterality"]
        return R.add("side", v, side_sent(v, Sf, lay, rng, p))
    if kind == "vert":
        v = _false_vert(f, rng, p["orientation"]) if false else f["vertical"]
        return R.add("vert", v, vert_sent(v, Sf, lay, rng, p["orientation"]))
    if kind == "size":
        pct = 100 * f["area_fraction"]
        if false:
            which, v = _false_size(f, rng)
            if which == "class":
                t = size_sents(v, None, Sf, lay, rng, "class")
                return R.add("size_class", v, t)
            t = size_sents(None, v, Sf, lay, rng, "pct")
            return R.add("pct", round(v, 4), t)
        want = rng.choice(["class", "pct", "both", "both"])
        t = size_sents(f["size_class"], pct, Sf, lay, rng, want)
        if want in ("class", "both"):
            R.add("size_class", f["size_class"], t)
        if want in ("pct", "both"):
            R.add("pct", round(pct, 4), t)
        return t
    if kind == "count":
        n = _false_count(f["components"], rng) if false else f["components"]
        return R.add("count", n, count_sent(n, Sf, lay, rng, p))
    if kind == "rel":
        r = value or rng.choice(f["relations"])
        rel = _FLIP[r["relation"]] if false else r["relation"]
        return R.add("rel", [r["other"], rel], rel_sent(r["other"], rel, Sf, lay, rng))
    raise ValueError(kind)


def negation(R):
    """A TRUE negated side sentence."""
    v = R.f["laterality"]
    rng = R.rng
    if v in ("left", "right"):
        t = rng.choice(["To be clear, it is not on the " + _OPP[v] + ".",
                        "Nothing on the " + _OPP[v] + " side is included.",
                        "It isn't " + _OPP[v] + "-sided, whatever the screen suggests at first glance."])
        if R.lay:
            t = "It's not on your " + _OPP[v] + " side."
        return R.add("not_side", _OPP[v], t)
    if v == "midline":
        return R.add("not_side", "left", rng.choice(["It isn't lateralised to either side.",
                                                     "It is not off to the left or the right."]))
    return R.add("not_side", "one-sided", rng.choice(["It is not confined to one side.",
                                                      "This isn't a one-sided problem."]))


def convention(R, specific):
    o = R.p["orientation"]
    v = R.f["laterality"]
    rng = R.rng
    view = "axial images" if o == "LP" else "coronal reformats"
    if specific and v in ("left", "right"):
        img = "right" if v == "left" else "left"
        if R.lay:
            t = ("On the screen it shows up on the " + img + " of the picture, but scans are shown as if we're "
                 "looking at you from your feet, so that's actually your " + v + ".")
        else:
            t = rng.choice(["On the image it's on the " + img + " side of the screen, which is the patient's " + v +
                            " by radiological convention.",
                            "Don't be fooled by the screen: it appears on the image's " + img + ", i.e. the patient's " + v + "."])
        return R.add("side", v, t, status="convention")
    if R.lay:
        return "Scans are displayed as if we're looking at you from your feet, so your left is on the right of the screen."
    return rng.choice(["Remember the " + view + " are displayed with the patient's left on the screen's right.",
                       "Usual radiological convention applies: the image's left is the patient's right."])


def hypothetical(R):
    v = R.f["laterality"]
    rng = R.rng
    if v == "right":
        return rng.choice(["If it had been on the left we'd have been worrying about the spleen and the splenic flexure instead.",
                           "Had this been left-sided, the approach would mirror this one."])
    if v == "left":
        return rng.choice(["If it were on the right, the liver would give us a nice window; on this side we don't have that luxury.",
                           "Had it been right-sided, the approach would simply mirror this one."])
    if v == "midline":
        return "If it were further off to one side, a straight posterior route would be simpler."
    return "If both sides need treatment, we'd normally stage them rather than do both in one sitting."


PROC_LINES = {
    "ablation": ["Plan two microwave antennae, 65 W for 5 minutes, aiming for an ablation zone of about 35 x 30 mm.",
                 "Goal is a circumferential ablative margin of at least 5 mm, ideally 10 mm.",
                 "Prior session: RFA of a segment VI deposit in 2022, no local recurrence."],
    "microwave ablation": ["Single antenna, 100 W for 4 minutes, expected zone about 30 x 25 mm.",
                           "We want a margin of 5-10 mm all round.",
                           "No prior ablation sessions at this site."],
    "cryoablation": ["Three cryoprobes spaced 15-20 mm apart, two 10-minute freezes with an 8-minute passive thaw.",
                     "The iceball should extend about 5 mm beyond the enhancing edge.",
                     "Hydrodissection with 5% dextrose if the colon lies within 10 mm."],
    "chemoembolisation": ["Plan: DEB-TACE, 100-300 micron beads loaded with 75 mg doxorubicin.",
                          "Prior session: one cTACE 8 weeks ago with partial lipiodol uptake.",
                          "Stop point: near stasis in the feeding branch."],
    "biopsy": ["17 G coaxial introducer with 18 G core needle, three to four cores.",
               "Needle angled about 20 degrees from the vertical.",
               "Post-procedure: bed rest for two hours and a check film if we've crossed pleura."],
    "drainage": ["Plan a 10 Fr locking pigtail, Seldinger technique, send the first aspirate for culture.",
                 "Flush 10 ml saline three times a day; repeat imaging if output falls below 10 ml a day.",
                 "No prior drains at this site."],
    "recanalisation": ["Plan balloon angioplasty to 10-12 mm, stent only if there's early recoil.",
                       "Heparin 5000 units once the ostium is crossed."],
    "TIPS": ["Plan a 10 mm covered stent, dilated to 8 mm first, targeting a portosystemic gradient under 12 mmHg.",
             "Needle pass angled anteriorly about 30-45 degrees."],
    "embolisation": ["Plan 500-700 micron particles to near stasis, then reassess both sides.",
                     "Patient-controlled analgesia for the first 24 hours."],
}

LAY_PROC = {"ablation": "heat treatment (ablation)", "microwave ablation": "heat treatment (ablation)",
            "cryoablation": "freezing treatment (cryoablation)", "chemoembolisation": "chemoembolisation",
            "biopsy": "needle biopsy", "drainage": "drain", "recanalisation": "procedure to open the blocked vessels",
            "TIPS": "TIPS shunt", "embolisation": "embolisation"}


def _first_question(R, named):
    p, rng, style = R.p, R.rng, R.style
    if named:
        nm = rng.choice([p["target"], p["names"][1], p["names"][0]])
        if style == "ir_consent":
            return rng.choice(["They told me I have a " + nm + " and need a " + LAY_PROC[p["proc"]] + ". Can you show me where it is on the scan?",
                               "My doctor says the " + nm + " needs a " + LAY_PROC[p["proc"]] + ". Could you outline it on my scan?"])
        return rng.choice(["Can you segment the " + nm + " on this " + p["modality"] + "? We're planning " + p["proc"] + ".",
                           "Please outline the " + nm + " - booked for " + p["proc"] + " tomorrow.",
                           "Segment the " + nm + " and give me its location for the " + p["proc"] + " plan."])
    if style == "ir_consent":
        imp = rng.choice(p["lay_imp"])
        return rng.choice([imp + ". Can you show me where it is on my scan?",
                           imp + ". Could you outline it on the scan and explain what they'll do?",
                           "I'm nervous about the " + LAY_PROC[p["proc"]] + ". " + imp + " - can you show me where it is?"])
    imp = rng.choice(p["imp"])
    if style == "biopsy_planning":
        return rng.choice(["Planning a " + ("CT-guided " if p["modality"] == "CT" else "image-guided ") + p["proc"] + ". Target is " + imp + ". Segment it and walk me through the geometry.",
                           cap(imp) + ". I need a safe path in - can you segment it first?",
                           "Segment the target for me: " + imp + ". Booking " + p["proc"] + " for Thursday."])
    if style == "ablation_report":
        return rng.choice(["Draft the pre-procedure note. Target: " + imp + ". Segment it and fill in location and size.",
                           "I need the planning note for the " + p["proc"] + ": " + imp + ". Please segment it and give me the numbers.",
                           "Segment " + imp + " and write it up as a pre-procedure summary."])
    return rng.choice(["Before tomorrow's list - " + imp + ". Can you segment it and tell me how you'd plan it?",
                       "I'm the fellow on tomorrow. Could you outline " + imp + " and teach me the approach?",
                       "Can you show me " + imp + "? I want to understand the " + p["proc"] + " plan."])


FQ = {  # follow-up user questions by topic, tech / lay
    "side": (["Which side is it on, exactly?", "Confirm the side for me - I don't want a wrong-side procedure.",
              "What's the laterality?"],
             ["Which side of me is it on?", "Is it on my left or my right?"]),
    "vert": (["Is it nearer the front or the back?", "How deep - anterior or posterior?", "Where is it front to back?"],
             ["Is it near my front or my back?", "How deep inside is it?"]),
    "size": (["How big is it?", "Give me a size - is this a one-probe job?", "How much of the slice does it occupy?"],
             ["Is it big?", "How large is it?"]),
    "count": (["Is there one target or several?", "How many pieces does the mask have?", "Single or multiple?"],
              ["Is there just one?", "How many are there?"]),
    "rel": (["What's it next to? I need to know what's on the way in.", "Relations to neighbouring structures?",
             "Where is it relative to the landmarks?"],
            ["What's near it? Could they hit something?", "What is it close to?"]),
    "summary": (["Give me a one-line summary for the booking form.", "Summarise everything for the note.",
                 "Can you recap?"],
                ["Can you sum it all up for me?", "So what's the short version?"]),
    "procedure": (["What positioning and angle would you use?", "How would you set up the approach?",
                   "Talk me through the needle path."],
                  ["How will I be lying, and where does the needle go in?", "What actually happens on the day?"]),
}


def premise_question(R, kind):
    """A follow-up user question carrying a FALSE premise of `kind`; logged as a premise."""
    f, rng, p = R.f, R.rng, R.p
    if kind == "side":
        v = _false_side(f, rng)
        t = rng.choice(["Since it's " + side_short(v) + ", how should we position the patient?",
                        "Given it's " + side_short(v) + ", what would you avoid on the way in?",
                        "So with it " + side_short(v) + ", what's the plan for the day?"])
        if R.lay:
            t = rng.choice(["So because it's " + side_short(v) + ", how will I be lying?",
                            "As it's " + side_short(v) + ", where does the needle go in?"])
        return R.add("side", v, t, status="premise")
    if kind == "vert":
        v = _false_vert(f, rng, p["orientation"])
        t = rng.choice(["As it's sitting " + vert_short(v) + ", what approach makes sense?",
                        "With it lying " + vert_short(v) + ", what do we need to avoid?"])
        if R.lay:
            t = "Since it's " + vert_short(v) + " in my body, is that harder to reach?"
        return R.add("vert", v, t, status="premise")
    if kind == "rel":
        r = rng.choice(f["relations"])
        rel = _FLIP[r["relation"]]
        t = rng.choice(["Since it's " + rel_short(r["other"], rel) + ", what's the risk on the way in?",
                        "Being " + rel_short(r["other"], rel) + ", does that change the path?"])
        if R.lay:
            t = "If it's " + rel_short(r["other"], rel) + ", could they hit it by accident?"
        return R.add("rel", [r["other"], rel], t, status="premise")
    if kind == "size":
        which, v = _false_size(f, rng)
        if which == "class":
            w = {"small": "small", "medium": "medium-sized", "large": "large"}[v]
            t = rng.choice(["Being " + w + ", is one probe going to be enough?", "Since it's " + w + ", how many passes?"])
            if R.lay:
                t = "Since it's " + w + ", will it take long?"
            return R.add("size_class", v, t, status="premise")
        t = rng.choice(["At around " + fmt_pct(v, rng) + " of the slice, how many probes?",
                        "Given it covers about " + fmt_pct(v, rng) + " of the image, is a single session realistic?"])
        if R.lay:
            t = "If it takes up about " + fmt_pct(v, rng) + " of the picture, will it take long?"
        return R.add("pct", round(v, 4), t, status="premise")
    if kind == "count":
        n = _false_count(f["components"], rng)
        u = R.p["unit"][0] if n == 1 else R.p["unit"][1]
        d = NUMW.get(n, str(n))
        t = rng.choice(["With " + d + " " + u + " to deal with, how many sessions?",
                        "As there " + ("is just one " + u if n == 1 else "are " + d + " " + u) + ", do we need more than one pass?"])
        if R.lay:
            t = "Since there " + ("is only one" if n == 1 else "are " + d) + ", will it take long?"
        return R.add("count", n, t, status="premise")
    raise ValueError(kind)


def proc_answer(R):
    p, rng = R.p, R.rng
    if R.lay:
        return " ".join([rng.choice(["For the " + LAY_PROC[p["proc"]] + " you'll be lying " + p["lay_position"] + ".",
                                     "On the day you'll lie " + p["lay_position"] + "."]),
                         p["lay_approach"], rng.choice(["We use local anaesthetic and sedation so you stay comfortable.",
                                                        "You'll have numbing medicine and something to relax you."])])
    bits = [rng.choice(["Positioning: " + p["position"] + ".", "I'd have the patient " + p["position"] + "."]),
            rng.choice(p["approach"]),
            "Structures to keep clear of: " + ", ".join(rng.sample(p["avoid"], 2)) + "."]
    if rng.random() < 0.6:
        bits.append(rng.choice(PROC_LINES[p["proc"]]))
    return " ".join(bits)


def correction_pair(R, kind):
    """Clean-row user's wrong idea and the assistant's explicit correction (true claim)."""
    f, rng = R.f, R.rng
    if kind == "side":
        w = _false_side(f, rng)
        if R.style == "ir_fellow":
            q = rng.choice(["I'd have said it's " + side_short(w) + ". Right?",
                            "I was going to write '" + w + "' on the consent form - that's right, isn't it?"])
        else:
            q = rng.choice(["So it's " + side_short(w) + "?", "It's " + side_short(w) + ", isn't it?"])
        return q, ("side", w), [("No - ", "side")]
    if kind == "count":
        w = _false_count(f["components"], rng)
        q = rng.choice(["I only see " + NUMW.get(w, str(w)) + " - is that the count?",
                        "So there " + ("is one" if w == 1 else "are " + NUMW.get(w, str(w))) + ", yes?"])
        return q, ("count", w), [("Not quite. ", "count")]
    if kind == "size":
        w = rng.choice([c for c in ("small", "medium", "large") if c != f["size_class"]])
        ww = {"small": "small", "medium": "medium-sized", "large": "large"}[w]
        q = rng.choice(["It's " + ww + ", I assume?", "I'd have called it " + ww + " - fair?"])
        return q, ("size_class", w), [("Actually no. ", "size")]
    w = _false_vert(f, rng, R.p["orientation"])
    q = rng.choice(["It's sitting " + vert_short(w) + ", isn't it?", "I read it as " + vert_short(w) + " - correct?"])
    return q, ("vert", w), [("No, have another look. ", "vert")]


def build(p, facts, style, rng, defect):
    f = facts
    R = Row(p, f, style, rng, defect)
    lay = R.lay
    has_rel = bool(f["relations"])
    kinds = ["side", "vert", "size", "count"] + (["rel"] if has_rel else [])
    dk, loc = None, None
    if defect in ("laterality", "position", "size", "count"):
        dk = {"laterality": "side", "size": "size", "count": "count"}.get(defect)
        if defect == "position":
            dk = "rel" if has_rel and rng.random() < 0.45 else "vert"
        r = rng.random()
        loc = "user" if r < 0.2 else "follow" if r < 0.4 else "first"
    ok = [k for k in kinds if k != dk]  # kinds that may be stated (truly) anywhere

    n_rounds = rng.choice([2, 3, 3])
    # follow-up topics
    topics = []
    pool = ok + ["summary", "procedure", "procedure"]
    rng.shuffle(pool)
    for t in pool:
        if len(topics) < n_rounds - 1 and t not in topics:
            topics.append(t)
    fslot = None
    if loc in ("follow", "user"):
        fslot = rng.randrange(len(topics))
        topics[fslot] = dk if loc == "follow" else "premise"
    # a clean row may carry a user's wrong idea that is corrected
    corr = None
    if defect is None or defect == "names_target" or dk is not None:
        cands = [k for k in ("side", "count", "size", "vert") if k in ok]
        if cands and (style == "ir_fellow" and rng.random() < 0.6 or rng.random() < 0.12):
            corr = rng.choice(cands)
            slots = [i for i in range(len(topics)) if i != fslot]
            if slots:
                topics[rng.choice(slots)] = "corr:" + corr
            else:
                corr = None

    # ---- first user question
    R.turns.append({"role": "user", "content": _first_question(R, defect == "names_target")})

    # ---- first answer
    name = rng.choice(p["names"])
    a1_kinds = rng.sample(ok, k=min(len(ok), rng.choice([2, 3, 3, 4])))
    if loc == "first":
        a1_kinds.insert(rng.randrange(len(a1_kinds) + 1), dk)
    sents = []
    for k in a1_kinds:
        sents.append(claim_text(R, k, false=(k == dk and loc == "first")))
    extras = []
    if "side" in ok and rng.random() < 0.45:
        extras.append(negation(R))
    if rng.random() < 0.5:
        extras.append(convention(R, "side" in ok))
    if rng.random() < 0.35:
        extras.append(hypothetical(R))
    for e in extras:
        sents.insert(rng.randrange(len(sents) + 1), e)
    know = rng.choice(p["know"])
    if style == "biopsy_planning":
        head = rng.choice(["Segmented: the " + name + " [SEG].", "Here is the " + name + " [SEG].",
                           "Done - the " + name + " is outlined [SEG]."])
        body = " ".join(sents)
        tail = proc_answer(R) if rng.random() < 0.6 else rng.choice(p["approach"])
        a1 = head + " " + body + "\n\nPath: " + tail + (" " + know if rng.random() < 0.5 else "")
    elif style == "ir_consent":
        head = rng.choice(["Of course. I've outlined the " + name + " on your scan [SEG].",
                           "Yes - the highlighted area is the " + name + " [SEG].",
                           "Here it is: the " + name + " [SEG]. I'll explain it in plain words."])
        a1 = head + " " + " ".join(sents) + " " + rng.choice([
            "The " + LAY_PROC[p["proc"]] + " is done by an interventional radiologist using the scanner to guide the needle.",
            "The team uses the scanner to guide everything, so they can see exactly where the needle is going."])
        if rng.random() < 0.5:
            a1 += " " + p["lay_approach"]
    elif style == "ablation_report":
        lines = ["PRE-PROCEDURE NOTE (" + p["proc"] + ")", "Target: " + name + " [SEG]"]
        for s in sents:
            lines.append("- " + s)
        lines.append("Plan: " + rng.choice(PROC_LINES[p["proc"]]))
        lines.append("Approach: " + rng.choice(p["approach"]))
        if rng.random() < 0.5:
            lines.append("Avoid: " + ", ".join(p["avoid"]) + ".")
        if rng.random() < 0.4:
            lines.append("Note: " + know)
        a1 = "\n".join(lines)
    else:
        head = rng.choice(["Good case. This is the " + name + " [SEG].", "Here's the " + name + " [SEG] - let's work through it.",
                           "Sure, the " + name + " is outlined [SEG]."])
        qback = rng.choice(["Before I give you the path - what would you worry about hitting?",
                            "Quick question back: which structures are on the way in?",
                            "First, tell me how you'd position the patient."])
        a1 = head + " " + " ".join(sents) + " " + qback
        if rng.random() < 0.4:
            a1 += " " + know
    R.turns.append({"role": "assistant", "content": a1})

    # ---- follow-ups
    for t in topics:
        if t == "premise":
            R.turns.append({"role": "user", "content": premise_question(R, dk)})
            pre = rng.choice(["Good question.", "Sure.", "Right.", "OK."]) if not lay else rng.choice(
                ["That's a fair question.", "Good question.", "I understand."])
            R.turns.append({"role": "assistant", "content": pre + " " + proc_answer(R)})
            continue
        if t.startswith("corr:"):
            k = t[5:]
            q, (ck, cv), _ = correction_pair(R, k)
            R.add(ck, cv, q, status="corrected")
            R.turns.append({"role": "user", "content": q})
            lead = {"side": rng.choice(["No - careful there.", "Not quite.", "That's the classic trap."]),
                    "count": rng.choice(["Not quite.", "Look again."]),
                    "size": rng.choice(["Actually no.", "I wouldn't call it that."]),
                    "vert": rng.choice(["No, have another look.", "Not really."])}[k]
            body = claim_text(R, k)
            extra = ""
            if k == "side" and rng.random() < 0.6:
                extra = " " + convention(R, True)
            if R.style == "ir_fellow" and rng.random() < 0.5:
                extra += rng.choice([" Always re-check against the scout before you mark the skin.",
                                     " That's exactly the mistake the time-out is meant to catch."])
            R.turns.append({"role": "assistant", "content": lead + " " + body + extra})
            continue
        R.turns.append({"role": "user", "content": rng.choice(FQ[t][1 if lay else 0])})
        if t == "summary":
            ks = [k for k in ok]
            rng.shuffle(ks)
            parts = [claim_text(R, k) for k in ks[:rng.choice([2, 3])]]
            if style == "ablation_report":
                ans = "Summary: " + " ".join(parts) + " " + rng.choice(PROC_LINES[p["proc"]])
            else:
                lead = rng.choice(["In short: ", "Summary: ", "To recap, ", "Putting it together, "])
                body = " ".join(parts)
                if lead.endswith(", ") and not body.startswith("The "):
                    body = body[0].lower() + body[1:]
                ans = lead + body
            R.turns.append({"role": "assistant", "content": ans})
        elif t == "procedure":
            R.turns.append({"role": "assistant", "content": proc_answer(R)})
        else:
            false = t == dk and loc == "follow"
            s = claim_text(R, t, false=false)
            add = ""
            if t == "rel" and not false:
                others = [r for r in f["relations"]]
                if len(others) > 1 and rng.random() < 0.5:
                    add = " " + claim_text(R, "rel", value=rng.choice(others))
                add += " Keep clear of " + rng.choice(p["avoid"]) + "."
            elif t == "size":
                add = " " + rng.choice(PROC_LINES[p["proc"]]) if not lay else " That's a manageable size for this kind of treatment."
            elif t == "side" and not false:
                if rng.random() < 0.5:
                    add = " " + convention(R, True)
            elif t == "side":
                add = " " + convention(R, False)
            lead = rng.choice(["", "", "", "On this slice: ", "From the mask: ", "Checking the outline again - "])
            if lay:
                lead = rng.choice(["", "", "Good question. ", "Looking at your scan, "])
            if lead.endswith(", "):
                s = s[0].lower() + s[1:] if not s.startswith("The ") else s
            R.turns.append({"role": "assistant", "content": lead + s + add})
    expected = [] if defect is None else [defect]
    LEDGER.append({"target": p["target"], "style": style, "defect": defect, "dk": dk, "loc": loc,
                   "claims": R.claims, "turns": R.turns, "forbid": p["forbid"], "names_target": defect == "names_target"})
    return R.turns, expected
