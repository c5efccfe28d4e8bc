"""Bank ET: an independent QA team's programmatic check corpus (helper qcet).

Written without reading QC. The generator composes each conversation from pools of hand-written
sentence variants per fact (side, vertical position, size class, area percent, piece count, relations),
knowledge about the target and about OTHER structures, sentences explaining the radiological convention,
true negations, hedges, population numbers and a user's false idea that the assistant explicitly corrects.

Targets (CT/MR, axial "LP" and coronal "LI"): liver, spleen, left/right kidney, kidneys, pancreas, aorta,
urinary bladder (axial and coronal), prostate, liver lesions, kidney tumor, glioma, brain metastases, lung
nodules, left/right lung, heart, esophagus, thyroid gland, left parotid gland, gallbladder, adrenal glands,
left hippocampus, right femoral head, spinal cord, rectum, uterus, psoas muscles, trachea, lateral
ventricles, left kidney (coronal), liver (coronal). Bilateral, midline and multi-lesion masks make up
more than half of the profiles.

Registers (STYLES): "terse" (radiologist shorthand), "tutor" (explains its reasoning), "chatty_md"
(friendly markdown with bullets), "words" (numbers written as words, dictation-like prose).

Defects are planted in one of two ways, about half each, recorded in LEDGER (one entry per build call):
  SWAP - the true sentence on the fact is replaced by a false one of the same kind (no true statement of
         that fact remains anywhere in the row);
  ADD  - one extra false sentence is inserted while the true sentence(s) on the same fact stay.
Placement: about 3/5 in the first answer, 1/5 in a follow-up answer, 1/5 as an uncorrected user premise.

Own check (/work/notes/qcet_scripts/check_et.py, seed 20261277): rows: 420 clean: 210 defect: 210 (42 per
kind), 3212 ledgered claims, 194 corrected user ideas; of the 168 side/position/size/count defects 85 SWAP and
83 ADD, 102 in the first answer, 30 in a follow-up answer, 36 as a user premise; problems: 0.
"""

from __future__ import annotations

import random

STYLES = ["terse", "tutor", "chatty_md", "words"]
LEDGER: list[dict] = []   # one entry per build(): every claim sentence with its kind and value

# ---------------------------------------------------------------------------------------------------
# profiles: ellipses (cx, cy, rx, ry) on a 256 x 256 grid; others = normalised centroids of neighbours

AB_OTHER = ["The left renal vein normally crosses in front of the aorta on its way to the inferior vena cava.",
            "The inferior vena cava runs to the right of the aorta in most people.",
            "The right kidney usually sits a little lower than the left one.",
            "The small bowel loops fill much of the central abdomen.",
            "The descending colon runs down the left flank, behind the peritoneum.",
            "The right crus of the diaphragm is longer than the left crus.",
            "The splenic vein runs behind the pancreas to join the superior mesenteric vein."]
CH_OTHER = ["The right lung has three lobes and the left lung only two.",
            "The right main bronchus is wider, shorter and more vertical than the left one.",
            "The aortic arch passes over the left main bronchus.",
            "The azygos vein arches over the right main bronchus.",
            "The descending aorta runs down on the left side of the vertebral bodies.",
            "The superior vena cava lies on the right side of the mediastinum."]
HD_OTHER = ["In about 95% of right-handed people the left hemisphere is dominant for language.",
            "The optic chiasm lies above the pituitary gland.",
            "The falx cerebri separates the left and right cerebral hemispheres.",
            "The fourth ventricle lies behind the pons, in front of the cerebellum.",
            "The pineal gland sits in the midline, just behind the third ventricle."]
PV_OTHER = ["The sigmoid colon usually lies on the left side of the pelvis.",
            "The ureters enter the bladder base from behind.",
            "The left common iliac vein passes behind the right common iliac artery.",
            "The sacrum forms the back wall of the pelvis.",
            "The obturator internus muscles line the side walls of the pelvis on both sides."]
NK_OTHER = ["The left recurrent laryngeal nerve loops under the aortic arch, lower than the right one.",
            "The right common carotid artery arises from the brachiocephalic trunk.",
            "The internal jugular veins lie lateral to the common carotid arteries.",
            "The facial nerve runs through the parotid region on each side."]
OTHER_POOL = {"abdomen": AB_OTHER, "chest": CH_OTHER, "head": HD_OTHER, "pelvis": PV_OTHER, "neck": NK_OTHER}


def P(target, name, forbid, region, mod, orient, ell, others, qs, know, pop, plural=False, nameq=None, syn=None):
    return dict(target=target, name=name, forbid=forbid, region=region, mod=mod, orient=orient, ell=ell,
                others=others, qs=qs, know=know, pop=pop, plural=plural, nameq=nameq or ["the " + target],
                syn=syn or [])


PROFILES = [
    P("liver", "liver", ["liver", "hepat", "hepar"], "abdomen", "CT", "LP", [(82, 118, 52, 46)],
      {"stomach": (0.66, 0.40), "aorta": (0.53, 0.60), "spleen": (0.80, 0.56)},
      ["Which organ in this scan makes bile and stores glycogen? Please segment it.",
       "A patient with jaundice and raised transaminases had this CT. Outline the organ most likely responsible.",
       "Which solid organ detoxifies drugs and produces albumin? Segment it for me."],
      ["It produces bile, stores glycogen and synthesises most plasma proteins.",
       "It receives a dual blood supply, from the hepatic artery and the portal vein."],
      ["Fatty infiltration of this organ affects roughly a quarter of adults worldwide."],
      nameq=["the liver", "the hepatic parenchyma"], syn=["the hepatic parenchyma"]),
    P("spleen", "spleen", ["spleen", "splen", "lien"], "abdomen", "CT", "LP", [(196, 150, 20, 30)],
      {"liver": (0.32, 0.45), "stomach": (0.64, 0.40), "aorta": (0.53, 0.60)},
      ["Which organ filters old red cells and is at risk of rupture in glandular fever? Segment it.",
       "After blunt trauma to the flank, which blood-filtering lymphoid organ should we check? Outline it please."],
      ["It filters ageing red blood cells and holds a reserve of platelets and lymphocytes.",
       "Its capsule is thin, which is why it bleeds so readily after trauma."],
      ["An accessory splenule is found in about 10-15% of people at autopsy."],
      nameq=["the spleen", "the splenic tissue"]),
    P("left kidney", "left kidney", ["kidney", "renal", "nephr"], "abdomen", "CT", "LP", [(178, 168, 15, 21)],
      {"aorta": (0.52, 0.60), "spleen": (0.78, 0.52), "right kidney": (0.31, 0.66)},
      ["Which organ filters the blood and makes urine? Segment the one that is on the opposite side from the liver.",
       "Outline the urine-producing organ that drains into the ureter crossing near the sigmoid colon, please."],
      ["It filters about 180 litres of plasma a day and concentrates it into urine.",
       "Its vein is the longer of the pair because it has to cross the aorta."],
      ["Simple cysts of this organ are seen in over a quarter of people older than 50."],
      nameq=["the left kidney", "the left renal parenchyma"]),
    P("right kidney", "right kidney", ["kidney", "renal", "nephr"], "abdomen", "CT", "LP", [(80, 168, 15, 21)],
      {"aorta": (0.52, 0.60), "liver": (0.30, 0.42), "left kidney": (0.69, 0.66)},
      ["Which urine-making organ sits under the liver? Please outline it.",
       "Segment the paired blood-filtering organ that lies on the same side as the gallbladder."],
      ["It filters the blood, regulates electrolytes and secretes erythropoietin.",
       "Its short vein drains directly into the inferior vena cava."],
      ["Kidney stones affect roughly one in ten people over a lifetime."],
      nameq=["the right kidney", "the right renal unit"]),
    P("kidneys", "kidneys", ["kidney", "renal", "nephr"], "abdomen", "CT", "LP", [(80, 168, 15, 21), (178, 168, 15, 21)],
      {"aorta": (0.52, 0.56), "liver": (0.30, 0.42)},
      ["Which paired organs make urine? Segment both of them.",
       "This patient's creatinine is rising. Outline the organs that filter the blood."],
      ["Together they receive about a fifth of the cardiac output.",
       "They regulate fluid balance, blood pressure and acid-base status."],
      ["Chronic disease of these organs affects around 10% of adults."], plural=True,
      nameq=["the kidneys", "both renal units"]),
    P("pancreas", "pancreas", ["pancrea"], "abdomen", "CT", "LP", [(132, 122, 42, 9)],
      {"stomach": (0.62, 0.34), "aorta": (0.52, 0.62), "spleen": (0.80, 0.56)},
      ["Which gland makes insulin and digestive enzymes? Please segment it.",
       "Epigastric pain radiating to the back and a high lipase: outline the organ involved."],
      ["It has both an exocrine role, producing digestive enzymes, and an endocrine role, producing insulin and glucagon.",
       "Its duct usually joins the common bile duct at the ampulla of Vater."],
      ["Gallstones and alcohol together cause about 70-80% of acute inflammation of this gland."],
      nameq=["the pancreas", "the pancreatic gland"]),
    P("aorta", "aorta", ["aort"], "abdomen", "CT", "LP", [(134, 150, 10, 10)],
      {"inferior vena cava": (0.40, 0.58), "vertebral body": (0.51, 0.72), "stomach": (0.62, 0.36)},
      ["Which vessel here carries oxygenated blood from the heart to the whole body? Segment it.",
       "An older smoker has a pulsatile abdominal mass. Outline the main artery we need to measure."],
      ["It is the main systemic artery, carrying oxygenated blood from the left ventricle.",
       "Its wall has an elastic media that damps the pulse pressure."],
      ["Aneurysmal dilatation of this vessel is found in about 4-8% of older male smokers on screening."],
      nameq=["the aorta", "the abdominal aorta"]),
    P("urinary bladder", "urinary bladder", ["bladder", "vesic"], "pelvis", "CT", "LP", [(128, 104, 30, 24)],
      {"rectum": (0.50, 0.72), "left femoral head": (0.78, 0.55), "right femoral head": (0.22, 0.55)},
      ["Which hollow organ stores urine before voiding? Please outline it.",
       "Segment the muscular reservoir that the ureters empty into."],
      ["Its wall is made of the detrusor muscle, which contracts during voiding.",
       "It is lined by urothelium, which stretches as it fills."],
      ["Urinary tract infections affect about half of women at least once in their lives."],
      nameq=["the urinary bladder", "the bladder"]),
    P("prostate", "prostate", ["prostat"], "pelvis", "MR", "LP", [(128, 138, 15, 13)],
      {"rectum": (0.50, 0.70), "pubic symphysis": (0.50, 0.34)},
      ["A 68-year-old man has hesitancy and nocturia. Which gland around the urethra should we outline on this MR?",
       "Which walnut-shaped gland around the male urethra is shown? Please segment it."],
      ["It secretes part of the seminal fluid and surrounds the proximal urethra.",
       "Most cancers arise in its peripheral zone, which is why it is felt on rectal examination."],
      ["Benign enlargement of this gland affects about half of men in their sixties."],
      nameq=["the prostate", "the prostate gland"]),
    P("liver lesions", "liver lesions", ["liver", "hepat", "lesion", "tumo", "metasta", "mass"], "abdomen", "CT", "LP",
      [(66, 100, 7, 6), (94, 128, 9, 8), (60, 142, 6, 6)],
      {"aorta": (0.53, 0.60), "stomach": (0.66, 0.38)},
      ["A patient with colorectal cancer is being restaged. Find the focal abnormalities in the organ that makes bile and segment them.",
       "Are there any focal spots in the bile-producing organ on this portal venous CT? Outline them."],
      ["Focal abnormalities in the bile-producing organ are best compared with the portal venous phase of prior studies.",
       "Metastatic deposits from the bowel reach that organ via the portal vein."],
      ["About half of patients with colorectal cancer develop deposits in that organ at some point."], plural=True,
      nameq=["the liver lesions", "the hepatic lesions"]),
    P("kidney tumor", "kidney tumor", ["kidney", "renal", "tumo", "mass", "neoplas", "carcinom", "cancer", "rcc"],
      "abdomen", "CT", "LP", [(184, 158, 10, 9)],
      {"aorta": (0.52, 0.60), "spleen": (0.78, 0.44)},
      ["Something abnormal shows up in one of the urine-producing organs. Can you find it and outline it?",
       "Haematuria in a 60-year-old: what's the abnormal finding on this CT? Please segment it."],
      ["Enhancing solid components are what separate it from a simple cyst.",
       "Many are found incidentally on scans done for something else."],
      ["Clear-cell histology accounts for roughly 70-75% of these tumours."],
      nameq=["the kidney tumor", "the renal mass"]),
    P("glioma", "glioma", ["glioma", "gliom", "glioblast", "tumo", "glial", "astrocyt"], "head", "MR", "LP",
      [(88, 96, 24, 20)],
      {"third ventricle": (0.50, 0.52), "pineal gland": (0.50, 0.62)},
      ["A 45-year-old has progressive headaches and a first seizure. Which abnormality on this MR explains it? Segment it.",
       "Outline the infiltrative, FLAIR-bright abnormality that most likely explains this patient's seizures."],
      ["It arises from the supporting cells of the brain and tends to infiltrate along white-matter tracts.",
       "Enhancement and necrosis suggest a higher grade."],
      ["The IDH mutation is found in most lower-grade cases and carries a better prognosis."],
      nameq=["the glioma", "the brain tumour"]),
    P("brain metastases", "brain metastases", ["metasta", "mets", "secondar", "deposit"], "head", "MR", "LP",
      [(80, 90, 6, 6), (170, 100, 7, 7), (160, 170, 5, 5), (95, 165, 6, 5)],
      {"pineal gland": (0.50, 0.60)},
      ["A patient with known melanoma now has confusion and headaches. Find what explains it on this post-contrast MR and outline it.",
       "Post-contrast T1 in a lung cancer patient with new neurological signs: please segment the culprit findings."],
      ["They typically sit at the grey-white matter junction, where vessels narrow.",
       "Ring enhancement with a lot of surrounding oedema is typical."],
      ["Up to 20-40% of patients with a cancer elsewhere develop these during their illness."], plural=True,
      nameq=["the brain metastases", "the metastatic deposits"]),
    P("lung nodules", "lung nodules", ["lung", "pulmon", "nodul"], "chest", "CT", "LP",
      [(75, 110, 6, 5), (185, 95, 5, 5), (190, 160, 7, 6)],
      {"heart": (0.55, 0.42), "descending aorta": (0.58, 0.66)},
      ["A smoker's chest CT shows some round spots. Please outline them.",
       "Which small round opacities are visible on this chest CT? Segment them all."],
      ["Follow-up intervals depend on their size and the patient's risk factors.",
       "Calcification patterns such as popcorn or central calcification suggest benignity."],
      ["Incidental findings of this kind appear on roughly a third of chest CTs in smokers."], plural=True,
      nameq=["the lung nodules", "the pulmonary nodules"]),
    P("left lung", "left lung", ["lung", "pulmon", "pneum"], "chest", "CT", "LP", [(180, 128, 40, 62)],
      {"heart": (0.54, 0.42), "right lung": (0.30, 0.50), "descending aorta": (0.58, 0.64)},
      ["Which organ of gas exchange has only two lobes? Please segment it.",
       "Outline the organ of respiration that has a cardiac notch and a lingula."],
      ["It has a cardiac notch and a lingula instead of a middle lobe.",
       "Its main bronchus passes under the aortic arch."],
      ["Chronic obstructive disease affects around 10% of adults over 40."],
      nameq=["the left lung", "the left pulmonary field"]),
    P("right lung", "right lung", ["lung", "pulmon", "pneum"], "chest", "CT", "LP", [(76, 128, 42, 62)],
      {"heart": (0.54, 0.42), "left lung": (0.70, 0.50), "descending aorta": (0.58, 0.64)},
      ["Which organ of gas exchange has three lobes? Segment it please.",
       "Inhaled peanuts usually end up in which breathing organ? Outline it."],
      ["It has upper, middle and lower lobes separated by the horizontal and oblique fissures.",
       "Aspirated material most often ends up here because its main bronchus is straighter."],
      ["Aspiration pneumonia is found on this side in roughly two thirds of cases."],
      nameq=["the right lung", "the right pulmonary field"]),
    P("heart", "heart", ["heart", "cardi", "myocard"], "chest", "CT", "LP", [(150, 100, 36, 30)],
      {"descending aorta": (0.60, 0.66), "sternum": (0.50, 0.22), "right lung": (0.28, 0.50)},
      ["Which muscular organ pumps blood through both circulations? Please segment it.",
       "A patient has chest pain and a raised troponin. Outline the organ we are worried about."],
      ["It pumps blood through the pulmonary and systemic circulations in series.",
       "Its own supply comes from the coronary arteries, which fill mainly in diastole."],
      ["Coronary disease remains the leading cause of death in about a third of countries."],
      nameq=["the heart", "the cardiac silhouette"]),
    P("esophagus", "esophagus", ["esophag", "oesophag", "gullet"], "chest", "CT", "LP", [(134, 148, 6, 5)],
      {"trachea": (0.52, 0.46), "descending aorta": (0.58, 0.66)},
      ["Which muscular tube carries food from the pharynx to the stomach? Please outline it.",
       "A patient has progressive dysphagia for solids. Segment the swallowing tube on this chest CT."],
      ["It moves food by peristalsis and has a lower sphincter that limits reflux.",
       "It has no serosa, which helps tumours spread early."],
      ["Reflux symptoms occur weekly in about 20% of Western adults."],
      nameq=["the esophagus", "the oesophagus"]),
    P("thyroid gland", "thyroid gland", ["thyro", "thyre"], "neck", "CT", "LP",
      [(104, 112, 12, 18), (152, 112, 12, 18), (128, 100, 16, 5)],
      {"trachea": (0.50, 0.50), "cervical spine": (0.50, 0.72)},
      ["Which endocrine gland in the neck makes T4 and needs iodine? Segment it.",
       "A patient has a goitre-like swelling and palpitations. Outline the gland responsible."],
      ["It makes thyroxine and triiodothyronine and needs dietary iodine to do so.",
       "Its C cells secrete calcitonin."],
      ["Nodules in this gland are found on ultrasound in up to 50-60% of adults."],
      nameq=["the thyroid gland", "the thyroid"]),
    P("left parotid gland", "left parotid gland", ["parotid"], "neck", "CT", "LP", [(186, 120, 16, 20)],
      {"oropharynx": (0.50, 0.46), "cervical spine": (0.50, 0.64)},
      ["Which salivary gland does the facial nerve run through? Segment the one on the patient's left.",
       "Outline the biggest salivary gland, the one on the opposite side from the image's left edge."],
      ["It is the largest salivary gland and secretes a watery serous saliva.",
       "Its duct opens into the mouth opposite the upper second molar."],
      ["About 80% of salivary gland tumours arise in this gland, most of them benign."],
      nameq=["the left parotid gland", "the left parotid"]),
    P("gallbladder", "gallbladder", ["gallbladder", "gall bladder", "cholecyst"], "abdomen", "CT", "LP",
      [(92, 130, 12, 9)],
      {"duodenum": (0.46, 0.52), "stomach": (0.62, 0.38)},
      ["Which pear-shaped sac stores and concentrates bile? Please outline it.",
       "A patient has right upper quadrant pain after fatty meals. Segment the organ we suspect."],
      ["It stores and concentrates bile and contracts when cholecystokinin is released.",
       "Its neck continues as the cystic duct."],
      ["Gallstones are found in roughly 10-15% of adults in Western countries."],
      nameq=["the gallbladder", "the gall bladder"]),
    P("adrenal glands", "adrenal glands", ["adrenal", "suprarenal"], "abdomen", "CT", "LP",
      [(104, 148, 5, 9), (154, 146, 5, 9)],
      {"vertebral body": (0.50, 0.72), "stomach": (0.62, 0.34)},
      ["Which endocrine glands make cortisol and epinephrine? Segment both.",
       "A patient has resistant hypertension and low potassium. Outline the glands that could be the cause."],
      ["Their cortex makes cortisol, aldosterone and androgens; their medulla makes adrenaline.",
       "They are surrounded by perirenal fat inside Gerota's fascia."],
      ["Incidental nodules in these glands turn up on about 3-5% of abdominal CTs."], plural=True,
      nameq=["the adrenal glands", "the adrenals"]),
    P("left hippocampus", "left hippocampus", ["hippocamp"], "head", "MR", "LP", [(158, 150, 7, 13)],
      {"brainstem": (0.50, 0.62), "right hippocampus": (0.38, 0.59)},
      ["Which memory structure of the medial temporal lobe is involved in this patient's seizures? Segment the one on the patient's left.",
       "Outline the seahorse-shaped grey-matter structure on the opposite side from the right temporal horn."],
      ["It is central to forming new declarative memories.",
       "Sclerosis of it is the commonest cause of drug-resistant temporal lobe epilepsy."],
      ["Mesial temporal sclerosis is found in about 65% of surgical epilepsy specimens."],
      nameq=["the left hippocampus", "the left hippocampal formation"]),
    P("right femoral head", "right femoral head", ["femor", "femur", "hip"], "pelvis", "CT", "LP", [(70, 132, 18, 18)],
      {"urinary bladder": (0.50, 0.42), "left femoral head": (0.73, 0.52)},
      ["Which bony ball sits in the acetabulum on the same side as the liver? Segment it.",
       "An elderly woman fell on her right side. Outline the rounded bone end that sits in the socket of the pelvis."],
      ["It articulates with the acetabulum and carries the body weight when standing.",
       "Its blood supply comes mainly from the medial circumflex artery, so neck fractures can cause avascular necrosis."],
      ["About one in three women over 50 will have an osteoporotic fracture somewhere."],
      nameq=["the right femoral head", "the right hip ball"]),
    P("spinal cord", "spinal cord", ["spinal cord", "cord", "myel"], "abdomen", "MR", "LP", [(128, 178, 5, 5)],
      {"vertebral body": (0.50, 0.60), "aorta": (0.53, 0.52)},
      ["Which column of neural tissue runs through the vertebral canal? Please outline it.",
       "A patient has a sensory level after trauma. Segment the neural structure in the spinal canal."],
      ["It carries ascending sensory and descending motor tracts between brain and body.",
       "It ends at about the L1-L2 level as the conus medullaris in adults."],
      ["Traumatic injury to it occurs in roughly 40 per million people each year."],
      nameq=["the spinal cord", "the cord"]),
    P("rectum", "rectum", ["rect"], "pelvis", "CT", "LP", [(128, 176, 14, 12)],
      {"urinary bladder": (0.50, 0.42), "sacrum": (0.50, 0.86)},
      ["Which final segment of the large bowel before the anal canal is shown? Outline it.",
       "Segment the part of the bowel that is staged on MR before neoadjuvant therapy for a low tumour."],
      ["It stores faeces until defecation and has no taeniae coli.",
       "Its mesorectum is removed en bloc in total mesorectal excision."],
      ["About a third of large-bowel cancers arise in this segment."],
      nameq=["the rectum", "the rectal wall"]),
    P("uterus", "uterus", ["uter", "womb", "hyster"], "pelvis", "MR", "LP", [(128, 120, 22, 18)],
      {"urinary bladder": (0.50, 0.36), "rectum": (0.50, 0.72)},
      ["Which hollow muscular organ holds a pregnancy? Please segment it.",
       "A patient has heavy menstrual bleeding. Outline the organ where fibroids would grow."],
      ["Its wall has an endometrium, a junctional zone and a myometrium, well seen on T2.",
       "Fibroids are benign smooth-muscle tumours that grow within its wall."],
      ["Fibroids are found in up to 70% of women by the age of 50."],
      nameq=["the uterus", "the womb"]),
    P("psoas muscles", "psoas muscles", ["psoas"], "abdomen", "MR", "LI", [(100, 170, 8, 40), (156, 170, 8, 40)],
      {"liver": (0.30, 0.30), "spleen": (0.74, 0.30)},
      ["Which paired hip flexors run along the lumbar spine? Please outline them.",
       "Segment the muscles that flex the hip and run beside the lumbar vertebrae."],
      ["They flex the hip and are used as a marker of sarcopenia on CT and MR.",
       "Abscesses can track down their sheath to the groin."],
      ["Low muscle mass at this level is seen in roughly a third of patients with advanced cancer."], plural=True,
      nameq=["the psoas muscles", "both psoas"]),
    P("liver", "liver", ["liver", "hepat", "hepar"], "abdomen", "MR", "LI", [(84, 90, 50, 36)],
      {"right kidney": (0.32, 0.58), "stomach": (0.62, 0.30)},
      ["Which organ on this coronal MR makes bile? Please segment it.",
       "Outline the organ that stores glycogen and makes clotting factors on this coronal image."],
      ["It synthesises clotting factors and stores glycogen.",
       "Its regeneration capacity allows large resections."],
      ["Fatty infiltration of this organ affects roughly a quarter of adults worldwide."],
      nameq=["the liver", "the hepatic parenchyma"]),
    P("urinary bladder", "urinary bladder", ["bladder", "vesic"], "pelvis", "CT", "LI", [(128, 205, 26, 18)],
      {"right femoral head": (0.30, 0.74), "left femoral head": (0.70, 0.74)},
      ["On this coronal CT, which organ holds urine? Segment it.",
       "Outline the reservoir that the ureters drain into on this coronal reformat."],
      ["It holds urine at low pressure until voiding.",
       "Its trigone is the smooth triangle between the ureteric openings and the internal urethral orifice."],
      ["Urinary tract infections affect about half of women at least once in their lives."],
      nameq=["the urinary bladder", "the bladder"]),
    P("left kidney", "left kidney", ["kidney", "renal", "nephr"], "abdomen", "MR", "LI", [(172, 140, 14, 26)],
      {"spleen": (0.72, 0.30), "liver": (0.30, 0.32)},
      ["On this coronal MR, which urine-making organ sits under the spleen? Please outline it.",
       "Segment the blood-filtering organ on the same side as the spleen."],
      ["It filters the blood and makes urine.",
       "Its vein crosses the aorta to reach the inferior vena cava."],
      ["Simple cysts of this organ are seen in over a quarter of people older than 50."],
      nameq=["the left kidney", "the left renal unit"]),
    P("trachea", "trachea", ["trache", "windpipe"], "chest", "CT", "LP", [(128, 100, 9, 8)],
      {"esophagus": (0.52, 0.58), "descending aorta": (0.58, 0.66)},
      ["Which cartilage-ringed airway carries air to the bronchi? Segment it.",
       "Outline the main airway above the carina on this chest CT."],
      ["It is held open by C-shaped cartilage rings, open at the back.",
       "It divides at the carina into the two main bronchi."],
      ["Tracheomalacia is reported in about 1% of adults having bronchoscopy."],
      nameq=["the trachea", "the windpipe"]),
    P("lateral ventricles", "lateral ventricles", ["ventric"], "head", "MR", "LP",
      [(106, 124, 7, 22), (150, 124, 7, 22)],
      {"pineal gland": (0.50, 0.64), "frontal sinus": (0.50, 0.10)},
      ["Which CSF-filled cavities of the cerebral hemispheres are shown? Outline them.",
       "In a patient with suspected hydrocephalus, segment the paired CSF spaces that hold the choroid plexus."],
      ["They contain choroid plexus, which makes most of the cerebrospinal fluid.",
       "They drain through the foramina of Monro."],
      ["Mild asymmetry of these spaces is seen in about 5-12% of normal scans."], plural=True,
      nameq=["the lateral ventricles", "the ventricles"]),
]


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


def facts_for(p: dict, rng: random.Random) -> dict:
    import numpy as np
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-2, 2), rng.uniform(-2, 2)
    for cx, cy, rx, ry in p["ell"]:
        s = rng.uniform(0.95, 1.05)
        mask |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1.0
    return compute_facts(mask, p["orient"], dict(p["others"])).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    p = rng.choice(profiles)
    if defect == "position":  # prefer targets with neighbours to flip
        return p if p["others"] else rng.choice(profiles)
    return p


# ---------------------------------------------------------------------------------------------------
# numbers as words

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def w_int(n: int) -> str:
    if n < 20:
        return _ONES[n]
    t, o = divmod(n, 10)
    return _TENS[t] + ("" if o == 0 else "-" + _ONES[o])


def pct_text(v: float, style: str, rng: random.Random) -> tuple[str, float]:
    """A percentage as written, and its numeric value."""
    if v >= 10:
        shown = float(round(v))
        num = w_int(int(shown)) if style == "words" else f"{int(shown)}"
    elif v >= 1:
        shown = round(v, 1)
        a, b = divmod(int(round(shown * 10)), 10)
        num = f"{w_int(a)} point {_ONES[b]}" if style == "words" else f"{shown:.1f}"
    else:
        shown = round(v, 2)
        c = int(round(shown * 100))
        num = ("zero point " + " ".join(_ONES[int(d)] for d in f"{c:02d}")) if style == "words" else f"{shown:.2f}"
    if style == "words":
        return num + rng.choice([" percent", " per cent"]), shown
    return num + rng.choice(["%", "%", " percent"]), shown


def count_word(n: int, style: str, rng) -> str:
    return w_int(n) if style == "words" or rng.random() < 0.5 else str(n)


# ---------------------------------------------------------------------------------------------------
# sentence pools: each returns (sentence, [(kind, value), ...])

def cap(s: str) -> str:
    return s[0].upper() + s[1:]


def fill(t: str, S: str, pl: bool) -> str:
    reps = {"{is}": ("are", "is"), "{lies}": ("lie", "lies"), "{sits}": ("sit", "sits"), "{has}": ("have", "has"),
            "{covers}": ("cover", "covers"), "{appears}": ("appear", "appears"), "{was}": ("were", "was"),
            "{takes}": ("take", "takes"), "{occupies}": ("occupy", "occupies"), "{isnt}": ("aren't", "isn't")}
    t = t.replace("{S}", S)
    for k, (a, b) in reps.items():
        t = t.replace(k, a if pl else b)
    return cap(t)


def subject(p, rng, allow_name=True):
    pl = p["plural"]
    opts = [("they" if pl else "it", pl), ("the mask", False), ("the segmented region", False),
            ("the highlighted area", False), ("the segmentation", False)]
    if allow_name:
        opts += [("the " + p["name"], pl)] * 2
    return rng.choice(opts)


IMG_SIDE = {"left": "right", "right": "left"}
SIDE_PH = {
    "left": ["on the patient's left", "in the patient's left half", "left-sided", "on the left side of the body",
             "to the patient's left of the midline"],
    "right": ["on the patient's right", "in the patient's right half", "right-sided", "on the right side of the body",
              "to the patient's right of the midline"],
    "midline": ["in the midline", "centred on the midline", "right on the midline", "sitting across the midline",
                "midline rather than off to one side"],
    "bilateral": ["bilateral", "on both sides", "present on both the left and the right",
                  "on either side of the midline, left and right"],
}


def side_sentence(p, val, style, rng):
    S, pl = subject(p, rng)
    if style == "terse" and rng.random() < 0.6:
        return rng.choice([f"Laterality: {val}.", f"Side: {val}.", f"{cap(val)}."]), [("side", val)]
    opts = [fill("{S} {is} " + rng.choice(SIDE_PH[val]) + ".", S, pl),
            fill("Side-wise, {S} {is} " + rng.choice(SIDE_PH[val]) + ".", S, pl),
            fill("As far as I can tell, {S} {is} " + rng.choice(SIDE_PH[val]) + ".", S, pl)]
    if val in IMG_SIDE:
        opts += [f"On screen it shows on the image's {IMG_SIDE[val]}, which in radiological convention is the patient's {val}.",
                 f"It appears on the {IMG_SIDE[val]} of the picture, so it is on the patient's {val}."]
        if pl:
            opts = [o.replace("it shows", "they show").replace("It appears", "They appear").replace("so it is", "so they are")
                    for o in opts]
    if val == "bilateral":
        opts.append("There are parts on both the left and the right, so it's bilateral.")
    if val == "midline":
        opts.append("It straddles the midline instead of lying to one side.")
    return rng.choice(opts), [("side", val)]


def notside_sentence(p, lat, rng):
    """A TRUE negation about the side."""
    pl = p["plural"]
    if lat in IMG_SIDE:
        o = IMG_SIDE[lat]
        s = rng.choice([f"None of it lies on the patient's {o}.", f"It is not on the patient's {o}.",
                        f"It's not {o}-sided, even though it sits on the image's {o}."])
        if pl:
            s = s.replace("None of it lies", "None of them lie").replace("It is not", "They are not").replace(
                "It's not", "They're not").replace(" it sits", " they sit")
        return s, [("notside", o)]
    s = rng.choice(["It is not confined to one side.", "This is not a one-sided finding.",
                    "It isn't just on the left or just on the right."])
    if pl:
        s = s.replace("It is not", "They are not").replace("It isn't", "They aren't")
    return s, [("notside", "onesided")]


VERT_PH = {
    "LP": {"anterior": ["anterior", "in the anterior part of the slice", "toward the front of the body", "ventral"],
           "posterior": ["posterior", "in the posterior part of the slice", "toward the back of the body", "dorsal"],
           "central": ["central front-to-back", "roughly midway between front and back",
                       "neither clearly anterior nor clearly posterior"]},
    "LI": {"superior": ["superior", "in the upper part of the image", "toward the head end", "cranial"],
           "inferior": ["inferior", "in the lower part of the image", "toward the feet", "caudal"],
           "central": ["central craniocaudally", "at mid-height in the image",
                       "neither high nor low, roughly halfway down the image"]},
}


def vert_sentence(p, val, style, rng):
    S, pl = subject(p, rng)
    ph = rng.choice(VERT_PH[p["orient"]][val])
    if style == "terse" and rng.random() < 0.6:
        return rng.choice([f"Position: {val}.", f"{cap(val)} location."]), [("vertical", val)]
    lead = "In depth" if p["orient"] == "LP" else "Vertically"
    adj = ph.split()[0] in ("anterior", "posterior", "superior", "inferior", "ventral", "dorsal", "cranial", "caudal",
                            "central", "neither")
    v = "{is}" if adj else rng.choice(["{is}", "{lies}", "{sits}"])
    t = rng.choice(["{S} " + v + " " + ph + ".", lead + ", {S} " + v + " " + ph + "."])
    return fill(t, S, pl), [("vertical", val)]


CLS_PH = {"small": ["small", "on the small side", "fairly small"],
          "medium": ["medium-sized", "moderate in size", "mid-sized", "of medium size"],
          "large": ["large", "big", "quite large", "a large region" ]}


def cls_sentence(p, val, style, rng):
    S, pl = subject(p, rng)
    ph = rng.choice([x for x in CLS_PH[val] if not (pl and x.startswith("a "))])
    if style == "terse" and rng.random() < 0.6:
        return rng.choice([f"Size class: {val}.", f"Size: {val}."]), [("sizeclass", val)]
    s = fill(rng.choice(["{S} {is} " + ph + ".", "Overall {S} {is} " + ph + ".", "Size-wise, I'd call {S} " + ph + "."]),
             S, pl)
    return s, [("sizeclass", val)]


def pct_sentence(p, v, style, rng):
    txt, shown = pct_text(v, style, rng)
    s = rng.choice([f"The mask covers about {txt} of the image.", f"Area: roughly {txt} of the slice.",
                    f"That works out to around {txt} of the field of view.",
                    f"It takes up approximately {txt} of the pixels.",
                    f"By pixel count, the segmentation is about {txt} of the frame."])
    if style == "terse" and rng.random() < 0.5:
        s = f"Area ~{txt} of image."
    if p["plural"]:
        s = s.replace("It takes up", "Together they take up")
    return s, [("pct", shown)]


def cls_pct_sentence(p, cls, v, style, rng):
    txt, shown = pct_text(v, style, rng)
    ph = rng.choice([x for x in CLS_PH[cls] if not x.startswith("a ")])
    s = rng.choice([f"Size: {ph}, about {txt} of the image.", f"It's {ph} - roughly {txt} of the slice.",
                    f"All in all {ph}, covering around {txt} of the image."])
    if p["plural"]:
        s = s.replace("It's ", "Together they're ")
    return s, [("sizeclass", cls), ("pct", shown)]


def count_sentence(p, n, style, rng):
    if style == "terse" and rng.random() < 0.5:
        return rng.choice([f"Components: {n}.", f"{n} component{'s' if n > 1 else ''}."]), [("count", n)]
    if n == 1:
        s = rng.choice(["The mask is a single connected region.", "It's one contiguous piece.",
                        "Everything is connected, one single component.", "There is one connected blob, no separate islands.",
                        "The segmentation forms a single piece."])
    else:
        w = count_word(n, style, rng)
        s = rng.choice([f"The mask consists of {w} separate regions.", f"I count {w} distinct pieces.",
                        f"There are {w} disconnected components in the mask.",
                        f"It's split into {w} separate islands.", f"The segmentation has {w} separate parts."])
    return s, [("count", n)]


def notcount_sentence(n, rng):
    if n == 1:
        return rng.choice(["It isn't split into several parts.", "There's no second, separate piece."]), [("notcount", 2)]
    return rng.choice(["It's not one continuous piece.", "This isn't a single connected blob."]), [("notcount", 1)]


REL_PH = {"anterior_to": ["in front of the {o}", "anterior to the {o}", "ventral to the {o}"],
          "posterior_to": ["behind the {o}", "posterior to the {o}", "dorsal to the {o}"],
          "left_of": ["to the patient's left of the {o}", "on the patient's left relative to the {o}"],
          "right_of": ["to the patient's right of the {o}", "on the patient's right relative to the {o}"],
          "superior_to": ["above the {o}", "superior to the {o}", "cranial to the {o}"],
          "inferior_to": ["below the {o}", "inferior to the {o}", "caudal to the {o}"]}
FLIP = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "left_of": "right_of", "right_of": "left_of",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}


def rel_sentence(p, other, rel, style, rng):
    S, pl = subject(p, rng)
    ph = rng.choice(REL_PH[rel]).format(o=other)
    if style == "terse" and rng.random() < 0.5:
        return f"{cap(ph)}.", [("rel", [other, rel])]
    s = fill(rng.choice(["{S} {lies} " + ph + ".", "{S} {is} " + ph + ".", "{S} {sits} " + ph + "."]), S, pl)
    return s, [("rel", [other, rel])]


# ---------------------------------------------------------------------------------------------------
# non-claim sentences (knowledge, traps)

CONVENTION = {"LP": ["Remember the radiological convention: the patient's left is displayed on the right of the screen.",
                     "Axial images are viewed as if from the feet, so image right means patient left.",
                     "Note the usual display convention - left and right are flipped relative to the viewer."],
              "LI": ["On this coronal image the top is superior and the patient's left is on the image's right.",
                     "As with axial images, the patient's right is shown on the viewer's left here."]}
HEDGE = ["Of course, this is a single slice, so the full extent may differ on adjacent images.",
         "Borders may shift a little with a different window setting.",
         "I'd still correlate with the rest of the series.",
         "This is an automated estimate, so treat the exact numbers loosely."]
HYPO = ["If contrast timing were different, the edges might look sharper.",
        "Had this been a sagittal image, left and right could not be judged at all.",
        "If you need a volume, I'd have to sum this over all slices.",
        "Would a comparison with the prior study help?"]


def traps(p, rng, k):
    region_other = [s for s in OTHER_POOL[p["region"]] if not any(f in s.lower() for f in p["forbid"])]
    pool = [rng.choice(CONVENTION[p["orient"]]), rng.choice(region_other), rng.choice(p["pop"]),
            rng.choice(HEDGE), rng.choice(HYPO)]
    rng.shuffle(pool)
    return pool[:k]


# ---------------------------------------------------------------------------------------------------
# the conversation

def _pos_key(facts, rng, want_rel):
    rels = [(r["other"], r["relation"]) for r in facts["relations"]]
    if rels and (want_rel or rng.random() < 0.5):
        return ("rel",) + rng.choice(rels)
    return ("vert",)


def true_val(key, facts):
    if key[0] == "side":
        return facts["laterality"]
    if key[0] == "vert":
        return facts["vertical"]
    if key[0] == "cls":
        return facts["size_class"]
    if key[0] == "pct":
        return 100 * facts["area_fraction"]
    if key[0] == "count":
        return facts["components"]
    return key[2]


def false_val(key, facts, p, rng):
    t = true_val(key, facts)
    if key[0] == "side":
        return rng.choice({"left": ["right", "right", "midline"], "right": ["left", "left", "midline"],
                           "midline": ["left", "right"], "bilateral": ["left", "right"]}[t])
    if key[0] == "vert":
        opts = [v for v in VERT_PH[p["orient"]] if v != t and v != "central"]
        return rng.choice(opts)
    if key[0] == "cls":
        return rng.choice([c for c in ("small", "medium", "large") if c != t])
    if key[0] == "pct":
        return t * rng.uniform(3.2, 5.0) if t * 5 < 80 else t * rng.uniform(0.12, 0.3)
    if key[0] == "count":
        return rng.choice([t + 1, t + 2] + ([t - 1] if t > 2 else []) + ([1] if t > 1 else []))
    return FLIP[key[2]]


def render(p, key, val, style, rng):
    if key[0] == "side":
        return side_sentence(p, val, style, rng)
    if key[0] == "vert":
        return vert_sentence(p, val, style, rng)
    if key[0] == "cls":
        return cls_sentence(p, val, style, rng)
    if key[0] == "pct":
        return pct_sentence(p, val, style, rng)
    if key[0] == "count":
        return count_sentence(p, val, style, rng)
    return rel_sentence(p, key[1], val, style, rng)


def premise(p, key, val, style, rng):
    """A user's (false) premise sentence that the assistant does not correct."""
    if key[0] == "side":
        ph = {"left": "it's on the patient's left", "right": "it's on the patient's right",
              "midline": "it sits in the midline", "bilateral": "it's on both sides"}[val]
    elif key[0] == "vert":
        ph = "it sits " + rng.choice(VERT_PH[p["orient"]][val][1:3])
    elif key[0] == "cls":
        ph = "it's " + rng.choice([x for x in CLS_PH[val] if not x.startswith("a ")])
    elif key[0] == "pct":
        txt, shown = pct_text(val, style, rng)
        val = shown
        ph = f"it covers about {txt} of the image"
    elif key[0] == "count":
        ph = "it's a single piece" if val == 1 else f"there are {count_word(val, style, rng)} separate pieces"
    else:
        ph = "it lies " + rng.choice(REL_PH[val]).format(o=key[1])
    q = rng.choice([f"Since {ph}, is there anything else nearby worth checking?",
                    f"OK, so {ph}. What would you look at next?",
                    f"Given that {ph}, what's the usual next step?"])
    kind = {"side": "side", "vert": "vertical", "cls": "sizeclass", "pct": "pct", "count": "count", "rel": "rel"}[key[0]]
    return q, [(kind, [key[1], val] if key[0] == "rel" else val)]


PREMISE_REPLY = ["I'd compare with any prior imaging and review the neighbouring structures on adjacent slices.",
                 "A look at the adjacent slices and the prior study is the sensible next step.",
                 "Usually the next step is to correlate clinically and check the rest of the series."]

FOLLOW_Q = {
    "side": ["Which side is it on?", "Left or right?", "Is it on one side or both?", "What's the laterality?"],
    "vert": {"LP": ["Is it toward the front or the back?", "Where is it front-to-back?", "Anterior or posterior?"],
             "LI": ["Is it high or low in the image?", "Where is it craniocaudally?", "Upper or lower part?"]},
    "size": ["How big is it?", "Roughly how much of the image does it take up?", "What about its size?"],
    "count": ["How many separate pieces are there?", "Is it one piece or several?", "Number of components?"],
    "neigh": ["What's it next to?", "Where is it relative to its neighbours?", "How does it relate to the {o}?"],
    "summary": ["Can you summarise everything?", "Give me a short recap, please.", "Summary?"],
}


def challenge(p, facts, kind, style, rng):
    """User's false idea on `kind` plus the assistant's explicit correction (true)."""
    lat, n = facts["laterality"], facts["components"]
    if kind == "side":
        if lat in IMG_SIDE:
            o = IMG_SIDE[lat]
            uq = rng.choice([f"Isn't it on the patient's {o}, though? It looks {o} to me.",
                             f"I thought this was the patient's {o} side?"])
            uc = [("side", o)]
        elif lat == "bilateral":
            uq, uc = "So this is only on the patient's left, right?", [("side", "left")]
        else:
            uq, uc = "It's off to the patient's right, isn't it?", [("side", "right")]
        s, c = side_sentence(p, lat, "tutor", rng)
        ans = [rng.choice(["No - " + s[0].lower() + s[1:], "Not quite. " + s, "Actually, no. " + s])]
        cl = [c]
        if lat in IMG_SIDE:
            ans.append(rng.choice(CONVENTION[p["orient"]]))
        return uq, uc, ans, cl
    lower = lambda s: s[0].lower() + s[1:]
    if kind == "size":
        v = 100 * facts["area_fraction"]
        if v < 8:
            uq, uc = "It looks like it fills about a third of the slice?", [("pct", 33.0)]
        else:
            uq, uc = "Looks tiny - under half a percent of the image?", [("pct", 0.5)]
        s, c = pct_sentence(p, v, style, rng)
        return uq, uc, [rng.choice(["No, ", "Actually, "]) + s[0].lower() + s[1:]], [c]
    if kind == "count":
        if n > 1:
            uq, uc = "That's all one continuous blob, right?", [("count", 1)]
        else:
            uq, uc = "It's in two separate pieces, isn't it?", [("count", 2)]
        s, c = count_sentence(p, n, style, rng)
        return uq, uc, [rng.choice(["No - " + lower(s), "Not really. " + s])], [c]
    # vertical
    v = facts["vertical"]
    wrong = rng.choice([x for x in VERT_PH[p["orient"]] if x not in (v, "central")])
    uq = f"It's {VERT_PH[p['orient']][wrong][2]}, isn't it?"
    s, c = vert_sentence(p, v, style, rng)
    return uq, [("vertical", wrong)], [rng.choice(["No - " + lower(s), "Not quite. " + s])], [c]


def opening(p, style, rng):
    nm = p["name"]
    if style == "terse":
        return rng.choice([f"{cap(nm)} [SEG].", f"Finding: {nm} [SEG].", f"Segmented: {nm} [SEG]."])
    if style == "chatty_md":
        return rng.choice([f"Sure! 😊 That's the **{nm}** [SEG].", f"Got it - the structure is the **{nm}** [SEG].",
                           f"Here you go: **{nm}** [SEG] 🎯"])
    if style == "tutor":
        return rng.choice([f"Let's reason it out: that description points to the {nm}, segmented here [SEG].",
                           f"Good question. Putting the clues together, the answer is the {nm} [SEG]."])
    return rng.choice([f"The structure in question is the {nm} [SEG].", f"This is the {nm} [SEG].",
                       f"I have outlined the {nm} [SEG]."])


def join(style, parts):
    if style == "chatty_md" and len(parts) > 2:
        return parts[0] + "\n\n" + "\n".join("- " + x for x in parts[1:])
    if style == "terse":
        return " ".join(parts)
    return " ".join(parts)


def kind_of(key):
    return {"side": "laterality", "vert": "position", "rel": "position", "cls": "size", "pct": "size",
            "count": "count"}[key[0]]


def build(p, facts, style, rng, defect):
    lat, n, o = facts["laterality"], facts["components"], p["orient"]
    claims = []   # dicts: turn, text, kind, value, role ("assert" | "premise" | "corrected")
    meta = {"defect": defect, "loc": None, "mode": None}

    # ---- plan which facts appear where
    rels = [(r["other"], r["relation"]) for r in facts["relations"]]
    first = [("side",)] if rng.random() < 0.75 else []
    if rng.random() < 0.6:
        first.append(("vert",))
    if rng.random() < 0.6:
        first.append(("cls",))
    if rng.random() < 0.5:
        first.append(("pct",))
    if rng.random() < 0.5:
        first.append(("count",))
    for r in rels:
        if rng.random() < 0.35:
            first.append(("rel",) + r)
    if len(first) < 3:
        for k in [("side",), ("cls",), ("count",), ("vert",)]:
            if k not in first:
                first.append(k)
            if len(first) >= 3:
                break

    dkey = None
    if defect in ("laterality", "position", "size", "count"):
        if defect == "laterality":
            dkey = ("side",)
        elif defect == "position":
            dkey = _pos_key(facts, rng, want_rel=False)
        elif defect == "size":
            dkey = rng.choice([("cls",), ("pct",)])
        else:
            dkey = ("count",)
        r = rng.random()
        meta["loc"] = "first" if r < 0.6 else "follow" if r < 0.8 else "user"
        meta["mode"] = rng.choice(["swap", "add"])
        meta["key"] = list(dkey)
        if meta["mode"] == "add" or meta["loc"] == "first":
            if dkey not in first:
                first.insert(rng.randrange(1, len(first) + 1), dkey)
        elif dkey in first:
            first.remove(dkey)

    def topic_of(key):
        return {"side": "side", "vert": "vert", "cls": "size", "pct": "size", "count": "count", "rel": "neigh"}[key[0]]

    n_follow = rng.choice([1, 2])
    topics = ["side", "vert", "size", "count", "summary"] + (["neigh"] if rels else [])
    chall_kinds = ["side", "size", "count", "vert"]
    if dkey is not None:
        chall_kinds = [k for k in chall_kinds if k != {"laterality": "side", "position": "vert", "size": "size",
                                                       "count": "count"}[defect]]
    follow = []
    if dkey is not None and meta["loc"] in ("follow", "user"):
        follow.append(("defect", None))
    while len(follow) < n_follow:
        if rng.random() < 0.35 and not any(f[0] == "chall" for f in follow):
            follow.append(("chall", rng.choice(chall_kinds)))
        else:
            t = rng.choice(topics)
            if dkey is not None and meta["mode"] == "swap" and t == topic_of(dkey) and t != "summary":
                continue
            if ("topic", t) in follow:
                continue
            follow.append(("topic", t))
    rng.shuffle(follow)

    # ---- first question
    q = rng.choice(p["qs"])
    if defect == "names_target":
        nm = rng.choice(p["nameq"])
        q = rng.choice([f"Please segment {nm}. " + q, q.rstrip("?.") + f" - I mean {nm}.",
                        f"Can you outline {nm}? " + q])
    if style == "terse":
        q = q.replace("Please ", "").replace(" please", "")
        q = q[0].upper() + q[1:]
    elif style == "chatty_md" and rng.random() < 0.5:
        q = rng.choice(["Hi! ", "Hey, quick one: ", "Hello :) "]) + q
    turns = [{"role": "user", "content": q}]

    def add_claims(turn_i, text, cl, role="assert", planted=False):
        for kind, val in cl:
            claims.append({"turn": turn_i, "text": text, "kind": kind, "value": val, "role": role,
                           "planted": planted})

    # ---- first answer
    parts = [opening(p, style, rng)]
    if style in ("tutor", "words") or rng.random() < 0.4:
        parts.append(rng.choice(p["know"]))
    pending = []   # ((sentence, claims), planted)
    said = set()
    first_false = dkey is not None and meta["loc"] == "first"
    size_def = first_false and dkey in (("cls",), ("pct",))
    for key in first:
        if key in said:
            continue
        said.add(key)
        if first_false and key == dkey and meta["mode"] == "swap":
            pending.append((render(p, key, false_val(key, facts, p, rng), style, rng), True))
            continue
        if key == ("cls",) and ("pct",) in first and ("pct",) not in said and not size_def and rng.random() < 0.4:
            said.add(("pct",))
            pending.append((cls_pct_sentence(p, facts["size_class"], true_val(("pct",), facts), style, rng), False))
            continue
        pending.append((render(p, key, true_val(key, facts), style, rng), False))
        if key[0] == "side" and rng.random() < 0.5 and not (dkey == ("side",) and meta["mode"] == "swap"):
            pending.append((notside_sentence(p, lat, rng), False))
        if key[0] == "count" and rng.random() < 0.3 and not (dkey == ("count",) and meta["mode"] == "swap"):
            pending.append((notcount_sentence(n, rng), False))
    if first_false and meta["mode"] == "add":
        pending.insert(rng.randrange(0, len(pending) + 1),
                       (render(p, dkey, false_val(dkey, facts, p, rng), style, rng), True))
    tr = traps(p, rng, rng.choice([2, 3]))
    body = [(x[0][0], x[0][1], x[1]) for x in pending]
    for t in tr:
        body.insert(rng.randrange(0, len(body) + 1), (t, [], False))
    parts += [b[0] for b in body]
    if style == "tutor" and rng.random() < 0.5:
        parts.append("Does that make sense?")
    turns.append({"role": "assistant", "content": join(style, parts)})
    for s, cl, planted in body:
        add_claims(1, s, cl, planted=planted)

    # ---- follow-ups
    for kind, arg in follow:
        ti = len(turns)
        if kind == "chall":
            uq, uc, ans, cl = challenge(p, facts, arg, style, rng)
            turns.append({"role": "user", "content": uq})
            add_claims(ti, uq, uc, role="corrected")
            turns.append({"role": "assistant", "content": " ".join(ans)})
            for s, c in zip(ans, cl):
                add_claims(ti + 1, s, c)
            continue
        if kind == "defect":
            fv = false_val(dkey, facts, p, rng)
            if meta["loc"] == "user":
                uq, uc = premise(p, dkey, fv, style, rng)
                turns.append({"role": "user", "content": uq})
                add_claims(ti, uq, uc, planted=True)
                ans = [rng.choice(PREMISE_REPLY)]
                other = [k for k in (("cls",), ("count",), ("side",), ("vert",)) if kind_of(k) != defect]
                k2 = rng.choice(other)
                s, c = render(p, k2, true_val(k2, facts), style, rng)
                ans.append(s)
                add_claims(ti + 1, s, c)
                turns.append({"role": "assistant", "content": " ".join(ans)})
                continue
            t = topic_of(dkey)
            uq = rng.choice(FOLLOW_Q[t][o] if t == "vert" else FOLLOW_Q[t]).replace("{o}", dkey[1] if t == "neigh" else "")
            turns.append({"role": "user", "content": uq})
            s, c = render(p, dkey, fv, style, rng)
            ans = [s]
            if rng.random() < 0.5:
                ans.append(rng.choice(HEDGE))
            turns.append({"role": "assistant", "content": " ".join(ans)})
            add_claims(ti + 1, s, c, planted=True)
            continue
        # neutral topic
        if arg == "neigh":
            r = rng.choice(rels)
            if dkey is not None and dkey[0] == "rel" and meta["mode"] == "swap" and r == dkey[1:]:
                others_ok = [x for x in rels if x != dkey[1:]]
                if not others_ok:
                    arg = "summary"
                else:
                    r = rng.choice(others_ok)
            if arg == "neigh":
                uq = rng.choice(FOLLOW_Q["neigh"]).replace("{o}", r[0])
                turns.append({"role": "user", "content": uq})
                s, c = rel_sentence(p, r[0], r[1], style, rng)
                ans = [s]
                add_claims(ti + 1, s, c)
                if rng.random() < 0.5:
                    t2 = rng.choice(traps(p, rng, 2))
                    ans.append(t2)
                turns.append({"role": "assistant", "content": " ".join(ans)})
                continue
        if arg == "summary":
            turns.append({"role": "user", "content": rng.choice(FOLLOW_Q["summary"])})
            keys = [("side",), ("cls",), ("count",), ("vert",)]
            if dkey is not None and meta["mode"] == "swap":
                keys = [k for k in keys if k != dkey]
            keys = rng.sample(keys, rng.choice([2, 3])) if len(keys) > 2 else keys
            ans = []
            for k in keys:
                s, c = render(p, k, true_val(k, facts), style, rng)
                ans.append(s)
                add_claims(ti + 1, s, c)
            turns.append({"role": "assistant", "content": join(style, ["Summary:"] + ans) if style == "chatty_md"
                          else " ".join(ans)})
            continue
        key = {"side": ("side",), "vert": ("vert",), "size": rng.choice([("cls",), ("pct",)]), "count": ("count",)}[arg]
        if dkey is not None and meta["mode"] == "swap" and key == dkey:
            key = ("cls",) if key == ("pct",) else ("pct",) if key == ("cls",) else key
        uq = rng.choice(FOLLOW_Q["vert"][o] if arg == "vert" else FOLLOW_Q[arg])
        turns.append({"role": "user", "content": uq})
        s, c = render(p, key, true_val(key, facts), style, rng)
        ans = [s]
        add_claims(ti + 1, s, c)
        if arg == "side" and rng.random() < 0.5 and not (dkey == ("side",) and meta["mode"] == "swap"):
            s2, c2 = notside_sentence(p, lat, rng)
            ans.append(s2)
            add_claims(ti + 1, s2, c2)
        elif rng.random() < 0.4:
            ans.append(rng.choice(traps(p, rng, 2)))
        turns.append({"role": "assistant", "content": " ".join(ans)})

    LEDGER.append({"claims": claims, **meta, "target": p["target"], "forbid": p["forbid"]})
    return turns, ([] if defect is None else [defect])
