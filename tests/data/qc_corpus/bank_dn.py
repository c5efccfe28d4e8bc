"""Bank DN: three-round conversations whose follow-up user turns carry claims.

Targets: liver, spleen, kidneys, left kidney, aorta, pancreas, liver metastases, urinary bladder (CT);
brain metastases, glioma, lateral ventricles, multiple sclerosis lesions, prostate (MR); lungs, heart,
pneumothorax, pleural effusion (chest XR); gallbladder, fetal head, thyroid nodules (US); polyp, polyps
(endoscopy), skin lesion (dermoscopy), optic disc (fundus photo). Half of the profiles are bilateral,
midline or multi-piece masks.

Registers (STYLES): "sceptic" (the user states a reading and asks to be checked), "hearsay" (the user
quotes a report, an attending or a colleague), "premise" (a claim given as the premise of a new
question), "recap" (the user restates several facts in their own words). In clean rows every false user
statement is explicitly corrected and true ones are confirmed; a user-turn defect is a false premise or
restatement that the assistant lets stand.

Written without reading QC. Every target-fact sentence is kept in LEDGER (one entry per build call) so
the writer's own reader can re-derive each row's false claims from the stored facts.
Own check (check_dn.py): rows: 420 clean: 210 defect: 210 problems: 0; of the 168 side/position/size/count
defects 87 sit in the first answer, 36 in a follow-up answer and 45 (27%) in a user turn; 219/420 rows have a
bilateral, midline or multi-piece mask; 388 false user statements in the bank are explicitly corrected.
"""

import math
import random

import numpy as np

STYLES = ["sceptic", "hearsay", "premise", "recap"]

LEDGER: list = []   # one list of claim dicts per build() call, for the writer's own reader

KIND = {"side": "laterality", "vert": "position", "rel": "position", "sizec": "size", "pct": "size",
        "count": "count"}


def _P(target, mod, region, ori, ell, others, name, alt, plural, unit, ban, q1, named, know, decoy, kqa):
    return dict(target=target, mod=mod, region=region, ori=ori, ell=ell, others=others, name=name, alt=alt,
                plural=plural, unit=unit, ban=ban, q1=q1, named=named, know=know, decoy=decoy, kqa=kqa)


PROFILES = [
    _P("liver", "CT", "abdomen", "LP", [(80, 118, 46, 52)],
       {"spleen": (0.76, 0.55), "aorta": (0.52, 0.6), "right kidney": (0.33, 0.66)},
       "the liver", ["the hepatic parenchyma", "the liver"], False, "regions", ["liver", "hepat"],
       ["Which organ on this CT produces bile and conjugates bilirubin? Please segment it.",
        "A patient has jaundice and an ALT of 900. Which organ on this abdominal slice would you outline first? Segment it please.",
        "Segment the largest solid organ of the upper abdomen on this slice, the one that stores glycogen."],
       ["Please segment the liver on this CT slice.", "Can you outline the hepatic parenchyma here?"],
       ["It has a dual blood supply, roughly 75% from the portal vein and 25% from the hepatic artery.",
        "Couinaud divides it into eight functional segments, each with its own portal pedicle."],
       ["The spleen, by contrast, sits on the patient's left, behind the stomach.",
        "The left renal vein passes in front of the aorta on its way to the IVC.",
        "Fatty infiltration is common and is seen in roughly a quarter of adults."],
       [("what supplies its blood", "Mostly the portal vein, with the hepatic artery providing the remainder."),
        ("which segment drains straight into the IVC", "The caudate lobe, segment I, drains directly into the IVC.")]),
    _P("spleen", "CT", "abdomen", "LP", [(192, 150, 22, 30)],
       {"liver": (0.3, 0.45), "left kidney": (0.72, 0.66), "stomach": (0.64, 0.42)},
       "the spleen", ["the splenic parenchyma", "the spleen"], False, "regions", ["spleen", "splen", "lien"],
       ["Which organ here removes old red cells and can rupture after mononucleosis? Please segment it.",
        "After blunt trauma to the lower ribs, which organ on this CT should be checked for a laceration? Outline it.",
        "Segment the lymphoid organ that filters blood and sits under the diaphragm on this slice."],
       ["Please segment the spleen on this CT.", "Can you outline the splenic parenchyma?"],
       ["It filters senescent red cells and holds a reserve of platelets.",
        "An accessory spleen is found in about 10% of people."],
       ["The liver occupies most of the right upper quadrant.",
        "The left kidney usually lies a little higher than the right one."],
       [("which vessel supplies it", "The splenic artery, a branch of the coeliac trunk."),
        ("what vaccines matter after its removal", "Pneumococcal, meningococcal and Haemophilus influenzae type b vaccines.")]),
    _P("kidneys", "CT", "abdomen", "LP", [(82, 166, 15, 22), (174, 166, 15, 22)],
       {"aorta": (0.51, 0.55), "pancreas": (0.53, 0.5)},
       "the kidneys", ["both kidneys", "the renal parenchyma"], True, "kidneys", ["kidney", "renal", "nephr"],
       ["Which paired organs filter the blood and make urine? Please segment them.",
        "This patient's creatinine has doubled. Outline the organs on this slice responsible for clearing it.",
        "Segment the bean-shaped retroperitoneal organs that produce erythropoietin."],
       ["Please segment both kidneys on this slice.", "Outline the renal parenchyma on this CT."],
       ["Each one holds about a million nephrons.",
        "They receive roughly 20% of the cardiac output."],
       ["The right renal artery runs behind the IVC.",
        "The left adrenal gland sits anteromedial to the upper pole on that side.",
        "A horseshoe variant occurs in about 1 in 500 people."],
       [("which hormone do they make for red cell production", "Erythropoietin, from peritubular interstitial cells."),
        ("what fraction of cardiac output reaches them", "About 20 to 25 percent.")]),
    _P("left kidney", "CT", "abdomen", "LP", [(176, 166, 16, 23)],
       {"aorta": (0.51, 0.56), "spleen": (0.76, 0.55)},
       "the left kidney", ["the left kidney", "the kidney on that side"], False, "regions",
       ["kidney", "renal", "nephr"],
       ["On this CT, segment the urine-producing organ that sits on the same side as the spleen.",
        "Which retroperitoneal organ near the spleen filters blood here? Please outline it.",
        "Segment the bean-shaped organ below the spleen on this abdominal slice."],
       ["Please segment the left kidney.", "Outline the left renal parenchyma on this CT."],
       ["Its vein is longer than the right one because it has to cross in front of the aorta.",
        "The gonadal vein on this side drains into the renal vein rather than the IVC."],
       ["The right kidney usually sits slightly lower because of the liver.",
        "Simple cysts are found in roughly half of people over 50."],
       [("what drains into its vein", "The ipsilateral gonadal and adrenal veins."),
        ("why is a varicocele more common on that side", "Because the gonadal vein drains at a right angle into the renal vein.")]),
    _P("aorta", "CT", "abdomen", "LP", [(129, 152, 11, 11)],
       {"spine": (0.5, 0.75), "liver": (0.3, 0.45), "stomach": (0.62, 0.42)},
       "the aorta", ["the abdominal aorta", "the aorta"], False, "regions", ["aort"],
       ["Which vessel carries oxygenated blood from the heart down through the abdomen? Segment it.",
        "In a patient with tearing back pain, which vessel on this slice would you trace for a dissection flap? Please outline it.",
        "Segment the largest artery on this abdominal slice."],
       ["Please segment the aorta.", "Outline the abdominal aorta on this slice."],
       ["A diameter above 3 cm counts as aneurysmal.",
        "Its wall has three layers: intima, media and adventitia."],
       ["The IVC runs on the patient's right, alongside it.",
        "The left renal vein crosses in front of it, between it and the SMA.",
        "Screening for aneurysm is offered to men at 65, where prevalence is around 1 to 2%."],
       [("what is the cut-off for an aneurysm", "A diameter of 3 cm or more."),
        ("which branch supplies the midgut", "The superior mesenteric artery.")]),
    _P("pancreas", "CT", "abdomen", "LP", [(136, 134, 36, 9)],
       {"aorta": (0.5, 0.6), "stomach": (0.62, 0.4), "spine": (0.5, 0.75)},
       "the pancreas", ["the pancreatic gland", "the pancreas"], False, "regions", ["pancrea"],
       ["Which gland here makes insulin as well as digestive enzymes? Segment it.",
        "Epigastric pain radiating to the back and a lipase of 2000: which organ on this slice would you outline?",
        "Segment the retroperitoneal gland that drapes across the spine on this slice."],
       ["Please segment the pancreas.", "Outline the pancreatic gland on this CT."],
       ["Its head sits in the duodenal C-loop and its tail reaches toward the splenic hilum.",
        "Islets make up only about 1 to 2% of its mass."],
       ["The splenic vein runs along its posterior surface.",
        "The SMA arises from the aorta about 1 cm below the coeliac trunk."],
       [("which duct drains it", "The main duct of Wirsung, joining the common bile duct at the ampulla."),
        ("what causes most acute inflammation of it", "Gallstones and alcohol.")]),
    _P("liver metastases", "CT", "abdomen", "LP", [(70, 108, 7, 7), (96, 92, 6, 6), (84, 142, 8, 8)],
       {"spleen": (0.76, 0.58), "aorta": (0.52, 0.6)},
       "liver metastases", ["the hepatic metastases", "the metastatic deposits"], True, "lesions",
       ["metasta", "liver", "hepat", "mets", "secondar"],
       ["This patient had a sigmoid colon cancer resected last year and the CEA is rising. Segment the new low-density lesions on this slice.",
        "What are these hypodense spots in the upper abdomen in a patient with known colorectal cancer? Please outline them.",
        "Staging CT for a rectal primary: segment the focal lesions that would change management."],
       ["Please segment the liver metastases.", "Outline the hepatic metastases on this CT."],
       ["Colorectal primaries spread here first because of portal venous drainage.",
        "Resection is still possible in selected patients if enough remnant can be preserved."],
       ["The spleen on the patient's left looks unremarkable.",
        "Around half of colorectal cancer patients develop such deposits at some point."],
       [("what would you do next", "Discuss at the MDT and consider MRI with a liver-specific agent."),
        ("why does colorectal cancer spread there first", "Because the bowel drains through the portal vein.")]),
    _P("urinary bladder", "CT", "pelvis", "LP", [(128, 100, 30, 22)],
       {"rectum": (0.5, 0.72), "left femoral head": (0.82, 0.55), "right femoral head": (0.18, 0.55)},
       "the urinary bladder", ["the bladder", "the urinary bladder"], False, "regions", ["bladder", "vesic", "detrusor"],
       ["Which hollow organ in the pelvis stores urine before voiding? Please segment it.",
        "A man in urinary retention: which structure on this pelvic CT would look distended? Outline it.",
        "Segment the fluid-filled organ behind the pubic symphysis on this slice."],
       ["Please segment the bladder.", "Outline the urinary bladder on this pelvic CT."],
       ["Its capacity is typically 400 to 600 mL.",
        "The trigone is the smooth triangle between the ureteric orifices and the internal urethral opening."],
       ["The left ureter crosses the iliac vessels near their bifurcation.",
        "The rectum sits behind it in a man; in a woman the uterus lies between them."],
       [("what muscle contracts it", "The detrusor, under parasympathetic control."),
        ("what volume usually triggers the urge to void", "Around 150 to 250 mL for the first urge.")]),
    _P("brain metastases", "MR", "head", "LP", [(88, 100, 6, 6), (172, 118, 5, 5), (150, 172, 7, 7)],
       {"fourth ventricle": (0.5, 0.8)},
       "brain metastases", ["the cerebral metastases", "the metastatic deposits"], True, "lesions",
       ["metasta", "brain", "cerebr", "mets", "secondar"],
       ["A 58-year-old with lung adenocarcinoma now has headaches and a seizure. Segment the enhancing lesions on this post-contrast MR.",
        "Which lesions here explain the new neurological symptoms in a patient with melanoma? Please outline them all.",
        "Segment the ring-enhancing foci at the grey-white junction on this T1 post-gadolinium slice."],
       ["Please segment the brain metastases.", "Outline every cerebral metastasis on this MR."],
       ["They tend to lodge at the grey-white matter junction, where vessels narrow.",
        "Lung, breast and melanoma are the commonest primaries."],
       ["The left lateral ventricle is slightly compressed but not trapped.",
        "Up to 40% of adults with cancer develop such deposits during their illness."],
       [("should they get radiosurgery", "With a few small deposits, stereotactic radiosurgery is usually favoured over whole-brain treatment."),
        ("why give dexamethasone", "To reduce the vasogenic oedema around the deposits.")]),
    _P("glioma", "MR", "head", "LP", [(168, 92, 26, 20)],
       {"lateral ventricles": (0.5, 0.5)},
       "a glioma", ["the glioma", "the tumour"], False, "regions", ["glioma", "gliobl", "tumo", "astrocyt", "neoplas"],
       ["A 62-year-old with three weeks of personality change has an enhancing mass with central necrosis. Segment the lesion.",
        "Segment the infiltrative intra-axial mass on this post-contrast MR.",
        "Which lesion here explains the new seizures and word-finding difficulty? Please outline it."],
       ["Please segment the glioma.", "Outline the tumour on this brain MR."],
       ["High-grade lesions typically show ring enhancement with a necrotic core.",
        "MGMT promoter methylation predicts a better response to temozolomide."],
       ["The right frontal lobe looks normal on this slice.",
        "Glioblastoma accounts for roughly half of primary malignant intracranial tumours."],
       [("what treatment would follow surgery", "Radiotherapy with concurrent and adjuvant temozolomide is the usual pathway."),
        ("which marker matters most", "IDH status, with MGMT methylation for prognosis.")]),
    _P("lateral ventricles", "MR", "head", "LP", [(108, 128, 8, 24), (148, 128, 8, 24)],
       {"third ventricle": (0.5, 0.6), "fourth ventricle": (0.5, 0.8)},
       "the lateral ventricles", ["the lateral ventricles", "both lateral ventricles"], True, "cavities",
       ["ventric"],
       ["Which CSF-filled cavities enlarge in hydrocephalus? Segment them on this axial MR.",
        "Where in the cerebral hemispheres does the choroid plexus make most of the CSF? Please outline those spaces.",
        "Segment the paired C-shaped fluid spaces inside the hemispheres on this slice."],
       ["Please segment the lateral ventricles.", "Outline both lateral ventricles on this MR."],
       ["They drain through the foramina of Monro into the third ventricle.",
        "Mild asymmetry between them is a normal variant."],
       ["The fourth ventricle sits posteriorly, in front of the cerebellum.",
        "A cavum septum pellucidum is seen in most newborns and persists in a minority of adults."],
       [("how does the CSF leave them", "Through the foramina of Monro into the third ventricle."),
        ("how much CSF is made a day", "About 500 mL.")]),
    _P("multiple sclerosis lesions", "MR", "head", "LP",
       [(100, 110, 5, 4), (158, 104, 4, 6), (108, 150, 6, 4), (166, 146, 4, 4)],
       {"fourth ventricle": (0.5, 0.8)},
       "multiple sclerosis lesions", ["the demyelinating plaques", "the MS lesions"], True, "lesions",
       ["sclerosis", "ms lesion", "plaque", "demyelin"],
       ["A 29-year-old woman had optic neuritis last year and now has numbness in one leg. Segment the abnormal bright foci on this FLAIR slice.",
        "Segment the ovoid hyperintensities perpendicular to the ventricles on this FLAIR image; what are they?",
        "Which abnormalities on this FLAIR MR support dissemination in space? Please outline them."],
       ["Please segment the multiple sclerosis lesions.", "Outline the MS plaques on this FLAIR image."],
       ["Periventricular ovoid lesions oriented perpendicular to the ventricles are called Dawson's fingers.",
        "The McDonald criteria use dissemination in space and time."],
       ["The corpus callosum runs between the two hemispheres above the lateral ventricles.",
        "Women are affected about three times as often as men."],
       [("what would show activity", "Gadolinium enhancement marks lesions that are currently active."),
        ("would a spinal MR help", "Yes, cord lesions add to dissemination in space.")]),
    _P("prostate", "MR", "pelvis", "LP", [(128, 150, 18, 15)],
       {"bladder": (0.5, 0.35), "rectum": (0.5, 0.75)},
       "the prostate", ["the prostate gland", "the prostate"], False, "regions", ["prostat"],
       ["Which gland enlarges in older men and causes a weak urinary stream? Segment it on this axial T2 image.",
        "PSA is 9 ng/mL. Which organ should be outlined on this MR for PI-RADS scoring?",
        "Segment the walnut-sized gland around the proximal urethra on this pelvic MR."],
       ["Please segment the prostate.", "Outline the prostate gland on this T2 image."],
       ["Most cancers arise in the peripheral zone, while benign hyperplasia affects the transition zone.",
        "Its volume is often estimated with the ellipsoid formula."],
       ["The seminal vesicles sit above and behind it.",
        "Benign enlargement is present in about half of men over 60."],
       [("which zone do most cancers arise in", "The peripheral zone, around 70% of them."),
        ("what is a normal volume", "Roughly 20 to 25 mL in a young adult.")]),
    _P("lungs", "XR", "chest", "LI", [(84, 118, 36, 66), (172, 118, 36, 66)],
       {"heart": (0.5, 0.64), "diaphragm": (0.5, 0.78)},
       "the lungs", ["both lung fields", "the lungs"], True, "fields", ["lung", "pulmon"],
       ["On this chest film, segment the organs where gas exchange happens.",
        "Which paired air-filled organs fill most of this frontal chest radiograph? Please outline them.",
        "Segment the aerated parenchyma on both sides of the mediastinum here."],
       ["Please segment the lungs on this chest X-ray.", "Outline both lung fields."],
       ["The right one has three lobes and the left has two, plus the lingula.",
        "Together they hold about 6 litres at total lung capacity."],
       ["The left hemidiaphragm normally sits slightly lower than the right.",
        "The heart shadow overlaps the medial part of the left base."],
       [("why is the right one bigger", "Because the heart takes up room on the left."),
        ("what is the total capacity", "About 6 litres in an adult.")]),
    _P("heart", "XR", "chest", "LI", [(150, 152, 40, 32)],
       {"trachea": (0.5, 0.2), "aortic knob": (0.6, 0.35)},
       "the heart", ["the cardiac silhouette", "the heart"], False, "regions", ["heart", "cardi"],
       ["Which organ pumps blood around the body? Outline it on this chest X-ray.",
        "A patient with congestive failure: which organ's outline on this film would look enlarged? Segment it.",
        "Segment the organ whose outline forms most of the mediastinal shadow on this PA film."],
       ["Please segment the heart.", "Outline the cardiac silhouette on this film."],
       ["On a PA film its width is normally under half the thoracic width.",
        "The right border is formed by the right atrium and the left border mostly by the left ventricle."],
       ["The aortic knob projects on the left above the hilum.",
        "The right hemidiaphragm is usually higher because of the liver."],
       [("what ratio would you measure", "The ratio of its maximal width to the thoracic width; above 0.5 on a PA film is enlarged."),
        ("which chamber forms the left border", "Mostly the left ventricle, with the left atrial appendage above it.")]),
    _P("pneumothorax", "XR", "chest", "LI", [(70, 62, 24, 30)],
       {"heart": (0.57, 0.6), "trachea": (0.5, 0.12)},
       "a pneumothorax", ["the pneumothorax", "the air collection"], False, "regions", ["pneumoth", "ptx"],
       ["A tall young man has sudden pleuritic chest pain and breathlessness. Segment the abnormality on this film.",
        "Segment the lucent area without lung markings on this chest radiograph; what is it?",
        "After a central line insertion the patient is short of breath. Outline the complication on this X-ray."],
       ["Please segment the pneumothorax.", "Outline the pneumothorax on this chest film."],
       ["The visceral pleural line with no lung markings beyond it is the key sign.",
        "Tension physiology is a clinical diagnosis and should not wait for a film."],
       ["The trachea is midline, which argues against tension.",
        "Primary spontaneous cases are about five times more common in men."],
       [("does it need a drain", "A small, stable one in a well patient can be observed; a large or symptomatic one needs aspiration or a drain."),
        ("what would suggest tension", "Tracheal deviation, hypotension and rising oxygen requirements.")]),
    _P("pleural effusion", "XR", "chest", "LI", [(178, 196, 34, 14)],
       {"heart": (0.57, 0.6), "left lung apex": (0.68, 0.2)},
       "a pleural effusion", ["the effusion", "the pleural fluid"], False, "regions", ["effusion", "pleural", "hydrothorax"],
       ["Blunted costophrenic angle and a meniscus sign: segment the abnormality on this chest radiograph.",
        "This patient with heart failure has reduced breath sounds at one base. Outline the cause on the film.",
        "Segment the homogeneous fluid-density opacity at the base on this X-ray."],
       ["Please segment the pleural effusion.", "Outline the effusion on this chest film."],
       ["About 200 mL is needed before the costophrenic angle blunts on a PA film.",
        "Light's criteria separate exudates from transudates."],
       ["The right hemidiaphragm is clearly seen.",
        "Heart failure is the commonest cause of a transudate."],
       [("should it be tapped", "If the cause is unclear or it is unilateral without obvious failure, a diagnostic tap is reasonable."),
        ("how much fluid blunts the angle", "Around 200 mL on a PA film.")]),
    _P("gallbladder", "US", "abdomen", None, [(124, 158, 34, 16)], {},
       "the gallbladder", ["the gallbladder", "the gallbladder lumen"], False, "regions",
       ["gallbladder", "gall bladder", "cholecyst", "biliary"],
       ["Which organ stores bile and contracts after a fatty meal? Segment it on this ultrasound.",
        "Pain after meals and a positive Murphy sign: outline the organ at fault on this scan.",
        "Segment the pear-shaped fluid-filled sac under the liver on this sonogram."],
       ["Please segment the gallbladder.", "Outline the gallbladder on this ultrasound."],
       ["A wall thicker than 3 mm with pericholecystic fluid suggests inflammation.",
        "It concentrates bile up to tenfold."],
       ["Stones are found in about 10 to 15% of adults in Western countries.",
        "The common bile duct should measure under about 6 mm."],
       [("what would suggest inflammation", "Wall thickening, pericholecystic fluid and a sonographic Murphy sign."),
        ("how much bile does it hold", "Roughly 30 to 50 mL.")]),
    _P("fetal head", "US", "obstetric", None, [(128, 108, 52, 42)], {},
       "the fetal head", ["the fetal skull", "the fetal head"], False, "regions", ["head", "skull", "crani", "cephal"],
       ["On this second-trimester scan, segment the structure used for the biparietal diameter.",
        "Which part of the fetus is this transthalamic plane showing? Please outline it.",
        "Segment the oval bony outline with the midline echo on this obstetric scan."],
       ["Please segment the fetal head.", "Outline the fetal skull on this ultrasound."],
       ["The transthalamic plane shows the thalami and the cavum septi pellucidi.",
        "Biometry here helps date the pregnancy."],
       ["The placenta is anterior in about half of pregnancies.",
        "Measurements are compared with centile charts for gestational age."],
       [("what plane is standard", "The transthalamic plane, with the cavum septi pellucidi and thalami visible."),
        ("what does the cephalic index show", "The shape, to flag dolichocephaly or brachycephaly.")]),
    _P("thyroid nodules", "US", "neck", None, [(100, 120, 10, 8), (160, 140, 8, 7)], {},
       "thyroid nodules", ["the thyroid nodules", "the nodules"], True, "nodules", ["thyroid", "nodul"],
       ["This patient has a palpable lump in the front of the neck. Segment the focal lesions on this ultrasound.",
        "Segment the focal lesions in the endocrine gland on this neck sonogram; what are they?",
        "Incidental findings on a carotid study: please outline the discrete lesions in the gland anterior to the trachea."],
       ["Please segment the thyroid nodules.", "Outline each thyroid nodule on this scan."],
       ["Most are benign; microcalcifications and a taller-than-wide shape raise suspicion.",
        "TI-RADS scoring guides which ones need a fine-needle aspiration."],
       ["They are found on ultrasound in up to 60% of adults.",
        "The carotid artery lies lateral to the gland on each side."],
       [("which ones need a biopsy", "That depends on the TI-RADS score and size."),
        ("what features are suspicious", "Microcalcifications, marked hypoechogenicity and irregular margins.")]),
    _P("polyp", "endoscopy", "colon", None, [(160, 154, 28, 24)], {},
       "a polyp", ["the polyp", "the polypoid lesion"], False, "regions", ["polyp", "adenom"],
       ["During this colonoscopy, segment the raised growth that should be removed.",
        "Which finding in this endoscopic frame would you resect? Please outline it.",
        "Segment the protruding mucosal abnormality in this colonoscopy image."],
       ["Please segment the polyp.", "Outline the polyp in this colonoscopy frame."],
       ["Most are adenomas, which carry a small risk of becoming malignant over years.",
        "The Paris classification describes their shape."],
       ["Adenomas are found in roughly a third of screening colonoscopies.",
        "Lesions over 10 mm usually need a surveillance interval of three years."],
       [("how would you remove it", "Cold snare polypectomy is standard for most small ones."),
        ("when is the next colonoscopy", "That depends on histology, size and number.")]),
    _P("polyps", "endoscopy", "colon", None, [(90, 70, 18, 16), (170, 170, 14, 12)], {},
       "polyps", ["the polyps", "the polypoid lesions"], True, "lesions", ["polyp", "adenom"],
       ["Segment the raised growths in this colonoscopy frame that should be removed.",
        "Which findings in this endoscopic image would you resect? Please outline them.",
        "A screening colonoscopy: segment the protruding mucosal abnormalities here."],
       ["Please segment the polyps.", "Outline every polyp in this frame."],
       ["Several synchronous adenomas raise the risk of advanced neoplasia.",
        "Hyperplastic ones in the rectum are usually harmless."],
       ["Adenomas are found in roughly a third of screening colonoscopies.",
        "Ten or more adenomas should prompt thought about a polyposis syndrome."],
       [("how would you remove them", "Cold snare polypectomy for most small ones."),
        ("does the number change surveillance", "Yes, three to four adenomas shortens the interval.")]),
    _P("skin lesion", "dermoscopy", "skin", None, [(130, 126, 56, 48)], {},
       "the skin lesion", ["the pigmented lesion", "the lesion"], False, "regions",
       ["lesion", "naev", "nev", "melanom", "mole"],
       ["Segment the pigmented spot on this dermoscopy image.",
        "A patient is worried about a changing dark spot on the back. Please outline the area of concern.",
        "Outline the area with the atypical network on this dermoscopic photo."],
       ["Please segment the skin lesion.", "Outline the pigmented lesion on this image."],
       ["Asymmetry, irregular borders and several colours are the warning features.",
        "Dermoscopy raises diagnostic accuracy compared with the naked eye."],
       ["Most people have between 10 and 40 common moles.",
        "Sun-exposed areas are affected more often."],
       [("what would make you excise it", "Atypical network, regression structures or a history of change."),
        ("what is the ABCDE rule", "Asymmetry, Border, Colour, Diameter and Evolution.")]),
    _P("optic disc", "other", "eye", None, [(192, 124, 17, 17)], {},
       "the optic disc", ["the optic nerve head", "the optic disc"], False, "regions",
       ["optic disc", "disc", "disk", "nerve head", "papill"],
       ["Where do the retinal vessels enter and leave the eye on this fundus photo? Segment that structure.",
        "Segment the anatomical correlate of the blind spot on this fundus image.",
        "Which bright oval structure would you assess for glaucomatous cupping here? Please outline it."],
       ["Please segment the optic disc.", "Outline the optic nerve head on this fundus photo."],
       ["A cup-to-disc ratio above about 0.6 raises suspicion of glaucoma.",
        "It has no photoreceptors, which produces the physiological blind spot."],
       ["The macula sits about two and a half disc diameters temporal to it.",
        "Glaucoma affects roughly 3% of people over 40."],
       [("what ratio would you estimate", "The vertical cup-to-disc ratio."),
        ("why is there a blind spot", "There are no photoreceptors where the nerve fibres leave the eye.")]),
]


# ---------------------------------------------------------------------------------------- facts

def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    for (cx, cy, rx, ry) in p["ell"]:
        j = 2 if len(p["ell"]) > 1 else 3
        cx, cy = cx + rng.uniform(-j, j), cy + rng.uniform(-j, j)
        rx, ry = rx * rng.uniform(0.93, 1.07), ry * rng.uniform(0.93, 1.07)
        mask |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    others = {k: (v[0] + rng.uniform(-0.005, 0.005), v[1] + rng.uniform(-0.005, 0.005))
              for k, v in p["others"].items()}
    return compute_facts(mask, p["ori"], others).model_dump(mode="json")


def record_for(p):
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["ori"]}


def pick_profile(profiles, i, defect, rng):
    if defect == "laterality":
        return rng.choice([p for p in profiles if p["ori"]])
    return rng.choice(profiles)


# ---------------------------------------------------------------------------------------- phrasing

NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
       "superior_to": "inferior_to", "inferior_to": "superior_to"}
RELPH = {"left_of": ["to the patient's left of the {o}", "on the patient's left relative to the {o}"],
         "right_of": ["to the patient's right of the {o}", "on the patient's right relative to the {o}"],
         "anterior_to": ["anterior to the {o}", "in front of the {o}"],
         "posterior_to": ["posterior to the {o}", "behind the {o}"],
         "superior_to": ["above the {o}", "superior to the {o}"],
         "inferior_to": ["below the {o}", "inferior to the {o}"]}


class Subj:
    """A sentence subject with its verb agreement."""

    def __init__(self, text, plural):
        self.text, self.plural = text, plural

    def f(self, tpl):
        pl = self.plural
        rep = {"{S}": self.text[0].upper() + self.text[1:], "{s}": self.text,
               "{is}": "are" if pl else "is", "{lies}": "lie" if pl else "lies", "{sits}": "sit" if pl else "sits",
               "{covers}": "cover" if pl else "covers", "{appears}": "appear" if pl else "appears",
               "{straddles}": "straddle" if pl else "straddles", "{it}": "they" if pl else "it",
               "{It}": "They" if pl else "It", "{its}": "they're" if pl else "it's", "{Its}": "They're" if pl else "It's",
               "{has}": "have" if pl else "has", "{was}": "were" if pl else "was"}
        for k, v in rep.items():
            tpl = tpl.replace(k, v)
        return tpl


def subj(p, rng, allow_name=True):
    opts = [("it", p["plural"]), ("it", p["plural"]), ("the mask", False), ("the segmented region", False)]
    if allow_name:
        opts += [(p["name"], p["plural"]), (rng.choice(p["alt"]), p["plural"])]
    t, pl = rng.choice(opts)
    if t == "it" and pl:
        t = "they"
    if t.startswith("a "):
        t = "the " + t[2:]
    if t in ("liver metastases", "brain metastases", "multiple sclerosis lesions", "thyroid nodules", "polyps"):
        t = "the " + t
    return Subj(t, pl)


def fmt_pct(v, rng):
    if v >= 5:
        return str(int(round(v))) if rng.random() < 0.5 else f"{v:.1f}"
    if v >= 0.5:
        return f"{v:.1f}"
    return f"{v:.2f}"


def vert_choices(ori, v):
    if ori == "LP":
        return {"anterior": ["{S} {lies} anteriorly in this slice.", "{S} {sits} toward the front of the body.",
                             "In the front-to-back direction {s} {is} anterior.", "Position: anterior."],
                "posterior": ["{S} {lies} posteriorly, toward the patient's back.",
                              "{S} {sits} in the posterior part of the cross-section.",
                              "Front to back, {s} {is} posterior.", "Position: posterior."],
                "central": ["{S} {sits} roughly midway between front and back.",
                            "Anteroposteriorly {s} {is} central, neither clearly anterior nor posterior.",
                            "Position: central in the front-to-back direction."]}[v]
    if ori == "LI":
        return {"superior": ["{S} {lies} in the upper part of the film, i.e. superiorly.",
                             "{S} {sits} high, toward the top of the image.", "Craniocaudally {s} {is} superior.",
                             "Position: superior."],
                "inferior": ["{S} {lies} inferiorly, in the lower part of the film.",
                             "{S} {sits} low, toward the bottom of the image.", "Craniocaudally {s} {is} inferior.",
                             "Position: inferior."],
                "central": ["Vertically {s} {sits} around the middle of the film, neither high nor low.",
                            "Craniocaudally {s} {is} central."]}[v]
    return {"upper": ["{S} {is} in the upper half of the frame.", "{S} {sits} toward the top of the picture.",
                      "Vertically: upper half of the image."],
            "lower": ["{S} {is} in the lower half of the frame.", "{S} {sits} toward the bottom of the picture.",
                      "Vertically: lower half of the image."],
            "central": ["{S} {is} roughly centred vertically in the frame.",
                        "Vertically {s} {sits} near the middle of the image, neither high nor low."]}[v]


def vert_clause(ori, v):
    if ori == "LP":
        return {"anterior": ["{its} anterior", "{it} {sits} toward the front"],
                "posterior": ["{its} posterior", "{it} {sits} toward the back"],
                "central": ["{its} central front-to-back"]}[v]
    if ori == "LI":
        return {"superior": ["{its} superior", "{it} {sits} high on the film"],
                "inferior": ["{its} inferior", "{it} {sits} low on the film"],
                "central": ["{its} vertically central on the film"]}[v]
    return {"upper": ["{its} in the upper half of the image"], "lower": ["{its} in the lower half of the image"],
            "central": ["{its} vertically centred in the image"]}[v]


SIZEADJ = {"small": ["small", "fairly small", "on the small side"],
           "medium": ["medium-sized", "moderate in size", "mid-sized"],
           "large": ["large", "sizeable", "big"]}


def a_sentence(attr, v, p, rng, s):
    """An assistant sentence stating `v` for `attr` (subject s)."""
    ori = p["ori"]
    if attr == "side":
        img = {"left": "right", "right": "left"}.get(v)
        t = {"left": None, "right": None,
             "midline": ["{S} {sits} in the midline.", "{S} {is} essentially midline rather than off to one side.",
                         "Side: midline, roughly centred between left and right.", "{S} {straddles} the midline."],
             "bilateral": ["{S} {is} bilateral, with segmented parts on both the patient's left and right.",
                           "There is involvement on both sides, so the laterality is bilateral.",
                           "{S} {appears} on both sides of the midline.", "Side: bilateral."]}[v]
        if t is None:
            t = ["{S} {lies} on the patient's %s." % v, "{S} {is} %s-sided." % v,
                 "Laterality is %s: {s} {sits} in the patient's %s half." % (v, v),
                 "On the image {s} {appears} on the %s, which under the radiological convention is the patient's %s." % (img, v),
                 "{S} {is} toward the patient's %s, away from the midline." % v, "Side: %s." % v]
        return s.f(rng.choice(t))
    if attr == "vert":
        return s.f(rng.choice(vert_choices(ori, v)))
    if attr == "rel":
        ph = rng.choice(RELPH[v[1]]).format(o=v[0])
        return s.f(rng.choice(["{S} {lies} %s.", "{S} {is} %s.", "Note that {s} {sits} %s.",
                               "As for neighbours, {s} {is} %s."]) % ph)
    if attr == "sizec":
        adj = rng.choice(SIZEADJ[v])
        tpl = rng.choice(["{S} {is} %s.", "Size-wise, {s} {is} %s.", "Overall {s} {is} %s relative to the image.",
                          "Size class: %s."])
        return s.f(tpl % (v if tpl.startswith("Size class") else adj))
    if attr == "pct":
        ps = fmt_pct(v, rng)
        return s.f(rng.choice(["{S} {covers} about %s%% of the image.", "That works out to roughly %s percent of the frame.",
                               "The mask occupies approximately %s%% of the pixels.", "Area: ~%s%% of the image.",
                               "By area, {s} {is} close to %s%% of the picture."]) % ps)
    if attr == "count":
        u = p["unit"]
        if v == 1:
            return s.f(rng.choice(["{S} {is} a single connected region.", "It's one contiguous piece, with no separate islands.",
                                   "Components: 1.", "There is just one connected component."]))
        return s.f(rng.choice(["{S} {is} made up of %d separate pieces." % v, "I count %s distinct %s." % (NUMW.get(v, v), u),
                               "There are %d separate connected components." % v, "Components: %d." % v]))
    raise ValueError(attr)


def u_clause(attr, v, p, rng):
    """A user's clause claiming `v` for `attr` (pronoun subject)."""
    s = Subj("it", p["plural"])
    if attr == "side":
        t = {"midline": ["{its} midline", "{it} {sits} in the midline"],
             "bilateral": ["{its} bilateral", "{its} on both sides"]}.get(v) or [
            "{its} on the patient's %s" % v, "{it} {lies} on the %s" % v, "{its} %s-sided" % v]
    elif attr == "vert":
        t = vert_clause(p["ori"], v)
    elif attr == "rel":
        t = ["{it} {lies} " + rng.choice(RELPH[v[1]]).format(o=v[0])]
    elif attr == "sizec":
        t = ["{its} %s" % rng.choice(SIZEADJ[v])]
    elif attr == "pct":
        ps = fmt_pct(v, rng)
        t = ["{it} {covers} about %s%% of the image" % ps, "{its} around %s percent of the frame" % ps]
    else:
        t = (["{its} a single piece", "there's only one connected region"] if v == 1 else
             ["there are %d separate pieces" % v, "{it} {is} split into %s parts" % NUMW.get(v, v)])
    return s.f(rng.choice(t))


def neutral_q(attr, v, p, rng, style):
    ori = p["ori"]
    base = {"side": ["Which side is it on, in patient terms? I always mix up the convention.",
                     "Is it on the patient's left or right?"],
            "vert": {"LP": ["Where does it sit front-to-back?", "Is it anterior or posterior in this slice?"],
                     "LI": ["Is it high or low on the film?", "Where is it craniocaudally?"],
                     None: ["Is it in the upper or lower part of the image?", "Where is it vertically in the frame?"]}[ori],
            "rel": ["How does it relate to the %s?" % v[0] if v else "", "Where is it relative to the %s?" % v[0] if v else ""],
            "sizec": ["How big is it relative to the image?", "Would you call it small, medium or large?"],
            "pct": ["Roughly what fraction of the image does it cover?", "What percentage of the frame is the mask?"],
            "count": ["How many separate pieces are there?", "Is it one region or several?"]}[attr]
    q = rng.choice(base)
    lead = {"sceptic": ["I want to check one thing myself first. ", "I'm not sure about this bit. ", ""],
            "hearsay": ["The report doesn't say. ", "My attending didn't mention it. ", "Nobody on the team commented on this. "],
            "premise": ["Before we go further: ", "One more thing for the handover. ", ""],
            "recap": ["Before I write my summary: ", "For my notes: ", ""]}[style]
    return rng.choice(lead) + q


CONFIRM = ["Yes, that's right.", "Correct.", "Exactly.", "That's how I read it too.", "Agreed.", "Spot on.",
           "You've got it.", "That matches the mask.", "Yes, that holds up.", "Right, that's consistent with the segmentation."]
CORRECT = ["Not quite.", "Actually, no.", "That's a common mix-up.", "I'd correct that.", "Close, but no.",
           "Let me push back on that one.", "That doesn't match the mask.", "Small correction:", "I don't think that's right.",
           "The segmentation says otherwise.", "Careful there.", "Hmm, not according to the mask."]
CORRECT_HEAR = ["The report may be describing a different slice, but on this image that isn't right.",
                "With respect, that doesn't fit this mask.", "I'd query that statement in the report.",
                "That may be a slip in the note.", "I'd gently disagree with your colleague there."]
ALONG = ["Sure.", "Good question.", "Okay.", "Yes, and", "Makes sense.", "That fits.", ""]


def wrong(attr, truth, p, facts, rng):
    if attr == "side":
        return {"left": rng.choice(["right", "right", "midline"]), "right": rng.choice(["left", "left", "midline"]),
                "midline": rng.choice(["left", "right"]), "bilateral": rng.choice(["left", "right"])}[truth]
    if attr == "vert":
        vals = {"LP": ["anterior", "posterior", "central"], "LI": ["superior", "inferior", "central"],
                None: ["upper", "lower", "central"]}[p["ori"]]
        opp = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior",
               "upper": "lower", "lower": "upper"}
        return opp[truth] if truth in opp and rng.random() < 0.75 else rng.choice([v for v in vals if v != truth])
    if attr == "rel":
        return (truth[0], OPP[truth[1]])
    if attr == "sizec":
        return rng.choice([c for c in ("small", "medium", "large") if c != truth])
    if attr == "pct":
        f = rng.choice([0.2, 0.25, 0.3, 3.0, 3.5, 4.0])
        if truth * f > 60:
            f = 0.25
        return truth * f
    n = truth
    return rng.choice([c for c in (n - 1, n + 1, n + 2) if c >= 1 and c != n])


def truth_of(attr, facts, rng):
    if attr == "side":
        return facts["laterality"]
    if attr == "vert":
        return facts["vertical"]
    if attr == "rel":
        r = rng.choice(facts["relations"])
        return (r["other"], r["relation"])
    if attr == "sizec":
        return facts["size_class"]
    if attr == "pct":
        return 100.0 * facts["area_fraction"]
    return facts["components"]


def true_pct(facts, rng):
    return 100.0 * facts["area_fraction"] * rng.uniform(0.93, 1.07)


GENERIC_DECOY = {"LP": ["Remember that on axial images the patient's left is displayed on the right of the screen.",
                        "Front is at the top of an axial slice and back at the bottom."],
                 "LI": ["On a frontal film the patient's left is shown on the viewer's right.",
                        "The patient's right side is on the left of the picture here, as usual."],
                 None: ["There are no anatomical side markers on this kind of image, so I can only describe positions in the frame.",
                        "Orientation in the frame depends on how the image was taken."]}
HYPO = ["If the mask had several separate pieces, I'd want to know whether they connect on adjacent slices.",
        "Were this a larger region, I'd check the neighbouring images for continuity.",
        "A percentage of the image is not the same as a volume, so treat these numbers as rough."]


# ---------------------------------------------------------------------------------------- build

def build(p, facts, style, rng, defect):
    ledger = []
    turns = []
    _ROW["used"], _ROW["kq"] = set(), set()
    ori = p["ori"]
    attrs = ["vert", "sizec", "pct", "count"]
    if facts["laterality"] in ("left", "right", "midline", "bilateral"):
        attrs.append("side")
    if facts["relations"]:
        attrs.append("rel")
    banned = defect if defect in ("laterality", "position", "size", "count") else None
    usable = [a for a in attrs if KIND[a] != banned]
    dattr = loc = None
    if banned:
        dattr = rng.choice([a for a in attrs if KIND[a] == banned])
        u = rng.random()
        loc = "user" if u < 0.26 else "followup" if u < 0.5 else "first"

    def claim(turn_i, who, attr, v, text, corrected=False):
        ledger.append({"turn": turn_i, "who": who, "attr": attr,
                       "value": list(v) if isinstance(v, tuple) else v, "corrected": corrected, "text": text})

    def tv(attr):
        return true_pct(facts, rng) if attr == "pct" else truth_of(attr, facts, rng)

    # ---- round 1
    if defect == "names_target":
        q1 = rng.choice(p["named"])
    else:
        q1 = rng.choice(p["q1"])
    turns.append({"role": "user", "content": q1})
    name = p["name"]
    Name = name[0].upper() + name[1:]
    if p["plural"]:
        opener = rng.choice([
            "These are %s [SEG]." % name,
            "The structures you're after are %s; I've outlined them here [SEG]." % name,
            "%s [SEG]: that's what this describes." % Name,
            "That would be %s. Segmentation: [SEG]." % name,
            "Here are %s [SEG]." % name,
            "I've segmented %s [SEG]." % name])
    else:
        opener = rng.choice([
            "This is %s [SEG]." % name,
            "The structure you're after is %s; I've outlined it here [SEG]." % name,
            "%s [SEG] is what this describes." % Name,
            "That would be %s. Segmentation: [SEG]." % name,
            "Here is %s [SEG]." % name,
            "I've segmented %s [SEG]." % name])
    sents = [opener]
    k = rng.choice([2, 2, 3])
    first_attrs = rng.sample(usable, min(k, len(usable)))
    items = [(a, tv(a), True) for a in first_attrs]
    if loc == "first":
        items.insert(rng.randrange(len(items) + 1), (dattr, wrong(dattr, truth_of(dattr, facts, rng), p, facts, rng), False))
    body = []
    for a, v, _ in items:
        t = a_sentence(a, v, p, rng, subj(p, rng))
        body.append(t)
        claim(1, "assistant", a, v, t)
    extra = [rng.choice(p["know"])]
    if rng.random() < 0.7:
        extra.append(rng.choice(p["decoy"]))
    if rng.random() < 0.35:
        extra.append(rng.choice(GENERIC_DECOY[ori]))
    rng.shuffle(extra)
    sents += body + extra
    turns.append({"role": "assistant", "content": " ".join(sents)})

    # ---- follow-up rounds
    n_rounds = 3 if rng.random() < 0.8 else 2
    follow = list(range(1, n_rounds))
    r_def = rng.choice(follow) if loc in ("user", "followup") else None
    stated = {a for a, _, _ in items}
    for r in follow:
        ti_u, ti_a = 2 * r, 2 * r + 1
        if r == r_def and loc == "user":
            u, a = user_defect_round(p, facts, style, rng, dattr, usable, ti_u, ti_a, claim, tv)
        elif r == r_def and loc == "followup":
            u, a = followup_defect_round(p, facts, style, rng, dattr, usable, ti_u, ti_a, claim, tv)
        else:
            u, a = clean_round(p, facts, style, rng, usable, ti_u, ti_a, claim, tv, last=(r == n_rounds - 1))
        turns.append({"role": "user", "content": u})
        turns.append({"role": "assistant", "content": a})
    LEDGER.append(ledger)
    return turns, ([defect] if defect else [])


def _claim_user(style, clauses, p, rng, kq=None):
    """A user turn in `style` that carries the clauses."""
    c0 = clauses[0]
    if style == "sceptic":
        if len(clauses) > 1:
            return rng.choice(["I read it like this: %s, and %s. Is that right?",
                               "Check me here: %s and %s, correct?"]) % (c0, clauses[1])
        return rng.choice(["From what I can see, %s, right?", "I think %s. Can you check that?",
                           "Am I right that %s?", "I read it as: %s. Correct me if not.",
                           "Looks to me like %s. Yes?"]) % c0
    if style == "hearsay":
        src = rng.choice(["The report says", "My attending thinks", "A colleague told me", "According to the preliminary read,",
                          "The registrar said", "The referral letter states that"])
        tail = rng.choice([" Does the mask agree?", " Is that consistent with what you segmented?", "", " Can you confirm?"])
        body = " and ".join(clauses)
        return "%s %s.%s" % (src, body, tail)
    if style == "premise":
        q, _ = kq
        return rng.choice(["Given that %s, %s?", "Since %s, %s?", "Assuming %s, %s?",
                           "OK, so %s. In that case, %s?"]) % (c0, q)
    body = "; ".join(clauses)
    return rng.choice(["Let me say it back in my own words: %s. Have I got that right?",
                       "So, recap: %s. Is that a fair summary?", "To check I follow: %s. Did I get that right?",
                       "In plain words, %s. Anything wrong there?"]) % body


_ROW = {"used": set(), "kq": set()}


def _pick_claims(usable, n, rng):
    pool = [a for a in usable if a != "pct" or "sizec" not in usable or rng.random() < 0.5]
    fresh = [a for a in pool if a not in _ROW["used"]]
    pool = fresh if len(fresh) >= n else pool
    out = rng.sample(pool, min(n, len(pool)))
    _ROW["used"].update(out)
    return out


def _kq(p, rng):
    fresh = [k for k in p["kqa"] if k[0] not in _ROW["kq"]] or p["kqa"]
    k = rng.choice(fresh)
    _ROW["kq"].add(k[0])
    return k


def clean_round(p, facts, style, rng, usable, ti_u, ti_a, claim, tv, last):
    """A round whose user turn carries true or false claims; every false one is corrected."""
    if not usable or rng.random() < 0.12:
        q, a = _kq(p, rng)
        return (rng.choice(["Quick one: %s?", "Out of interest, %s?", "And %s?"]) % q,
                a + (" " + rng.choice(HYPO) if rng.random() < 0.4 else ""))
    n = 1 if style != "recap" else rng.choice([2, 3])
    attrs = _pick_claims(usable, n, rng)
    clauses, vals = [], []
    for a in attrs:
        t = tv(a)
        if rng.random() < 0.5:
            v, ok = wrong(a, t if a == "rel" else truth_of(a, facts, rng), p, facts, rng), False
        else:
            v, ok = t, True
        cl = u_clause(a, v, p, rng)
        clauses.append(cl)
        vals.append((a, v, ok, t))
    kq = _kq(p, rng) if style == "premise" else None
    if style == "premise":
        clauses, vals = clauses[:1], vals[:1]
    u = _claim_user(style, clauses, p, rng, kq)
    for (a, v, ok, t), cl in zip(vals, clauses):
        claim(ti_u, "user", a, v, cl, corrected=not ok)
    parts = []
    multi = len(vals) > 1
    nfalse = sum(1 for x in vals if not x[2])
    conf_pool, corr_pool = rng.sample(CONFIRM, len(CONFIRM)), rng.sample(CORRECT, len(CORRECT))
    if multi:
        parts.append(rng.choice(CONFIRM[:3] + ["All of that checks out."]) if nfalse == 0 else
                     rng.choice(["Mostly, but not all of it.", "Partly.", "Some of that needs fixing.",
                                 "Not all of that holds up.", "Close, with corrections."]))
    word = {"side": "side", "vert": "position", "rel": "neighbour relation", "sizec": "size", "pct": "percentage",
            "count": "count"}
    for a, v, ok, t in vals:
        s = subj(p, rng)
        if ok:
            if multi:
                if rng.random() < 0.5:
                    tt = a_sentence(a, t, p, rng, s)
                    claim(ti_a, "assistant", a, t, tt)
                    parts.append(tt)
                else:
                    parts.append(rng.choice(["You're right about the %s.", "The %s is correct.",
                                             "Your %s is fine."]) % word[a])
                continue
            op = conf_pool.pop()
            if rng.random() < 0.6:
                tt = a_sentence(a, t, p, rng, s)
                claim(ti_a, "assistant", a, t, tt)
                parts.append(op + " " + tt)
            else:
                parts.append(op)
        else:
            op = rng.choice(CORRECT_HEAR) if style == "hearsay" and rng.random() < 0.5 else corr_pool.pop()
            if multi:
                op = rng.choice(["On the %s, though:", "The %s is off:", "But the %s isn't right:",
                                 "One fix on the %s:", "The %s needs correcting:", "Where I disagree is the %s:"]) % word[a]
            tt = a_sentence(a, t, p, rng, s)
            neg = _negation(a, v, p, rng)
            if op.endswith(":") and not neg and tt[:3] in ("It ", "The", "It'", "Tha"):
                tt = tt[0].lower() + tt[1:]
            claim(ti_a, "assistant", a, t, tt)
            mid = ""
            if a == "side" and t in ("left", "right") and ori_ok(p) and rng.random() < 0.5:
                mid = " It shows up on the %s of the screen, which is easy to misread." % {"left": "right", "right": "left"}[t]
            elif a == "pct" and rng.random() < 0.5:
                mid = " Percentages are easy to misjudge by eye."
            rest = (neg + " " + tt) if neg else tt
            if op.endswith(":") and neg:
                rest = rest[0].lower() + rest[1:]
            parts.append(op + " " + rest + mid)
    if style == "premise":
        parts.append(rng.choice(["", "As for your question: ", "On the question itself: ", "To answer it: "]) + kq[1])
    if rng.random() < 0.35:
        parts.append(rng.choice(p["decoy"] + HYPO))
    return u, " ".join(parts)


def _negation(a, v, p, rng):
    """A true denial of the user's false value (not ledgered: it restates no measured value)."""
    if rng.random() < 0.5:
        return ""
    it = "They aren't" if p["plural"] else "It isn't"
    if a == "side" and v in ("left", "right"):
        return rng.choice(["%s on the patient's %s." % (it, v), "%s %s-sided." % (it, v)])
    if a == "side":
        return "%s %s." % (it, v)
    if a == "vert":
        return "%s %s." % (it, v if v != "central" else "central")
    if a == "sizec":
        return "%s %s." % (it, v)
    if a == "count":
        return "There %s %s %s." % ("isn't" if v == 1 else "aren't", NUMW.get(v, v), "piece" if v == 1 else "pieces")
    return ""


def ori_ok(p):
    return p["ori"] is not None


def user_defect_round(p, facts, style, rng, dattr, usable, ti_u, ti_a, claim, tv):
    """The user states one false value for `dattr`; the assistant lets it stand."""
    t = truth_of(dattr, facts, rng)
    v = wrong(dattr, t, p, facts, rng)
    cl = u_clause(dattr, v, p, rng)
    clauses, vals = [cl], [(dattr, v)]
    if style == "recap":
        for a in _pick_claims(usable, rng.choice([1, 2]), rng):
            tt = tv(a)
            clauses.append(u_clause(a, tt, p, rng))
            vals.append((a, tt))
        order = list(range(len(clauses)))
        rng.shuffle(order)
        clauses, vals = [clauses[i] for i in order], [vals[i] for i in order]
    kq = _kq(p, rng) if style == "premise" else None
    u = _claim_user(style, clauses if style in ("recap", "hearsay") else clauses[:1], p, rng, kq)
    if style not in ("recap",):
        clauses, vals = clauses[:1], vals[:1]
    for (a, val), c in zip(vals, clauses):
        claim(ti_u, "user", a, val, c, corrected=False)
    if style == "premise":
        a = rng.choice(ALONG)
        ans = (a + " " + kq[1][0].lower() + kq[1][1:]) if a == "Yes, and" else (a + " " + kq[1]).strip()
    elif style == "recap":
        ans = rng.choice(["Yes, that's a fair summary.", "That covers it.", "Good summary; I'd only add the clinical context.",
                          "Looks right to me."]) + " " + rng.choice(p["know"])
    elif style == "sceptic":
        ans = rng.choice(["Yes, broadly.", "That reading works.", "Fair enough.", "I'd go with that.",
                          "Sure, that's a reasonable reading."]) + " " + rng.choice(p["know"])
    else:
        ans = rng.choice(["That's consistent with the overall picture.", "Fine, that goes in the note.",
                          "Okay, noted.", "Sure, that works for the write-up."]) + " " + rng.choice(p["know"])
    if rng.random() < 0.3:
        ans += " " + rng.choice(p["decoy"])
    return u, ans


def followup_defect_round(p, facts, style, rng, dattr, usable, ti_u, ti_a, claim, tv):
    """The user asks plainly; the assistant's answer carries the one false value."""
    t = truth_of(dattr, facts, rng)
    v = wrong(dattr, t, p, facts, rng)
    if style == "recap":
        u = rng.choice(["Can you recap what the mask shows in a couple of lines?",
                        "Could you summarise the key measurements for my notes?",
                        "Give me a short recap before I present this."])
        items = [(dattr, v)] + [(a, tv(a)) for a in _pick_claims(usable, rng.choice([1, 2]), rng)]
        rng.shuffle(items)
    else:
        u = neutral_q(dattr, t if dattr == "rel" else None, p, rng, style)
        items = [(dattr, v)]
    parts = []
    for a, val in items:
        tt = a_sentence(a, val, p, rng, subj(p, rng))
        claim(ti_a, "assistant", a, val, tt)
        parts.append(tt)
    if rng.random() < 0.5:
        parts.append(rng.choice(p["know"] + p["decoy"]))
    return u, " ".join(parts)
