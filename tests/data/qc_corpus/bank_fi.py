"""Bank FI: paediatric, neonatal and obstetric imaging.

Targets: fetal head (obstetric US, no patient axes), kidneys (bilateral hydronephrosis, coronal MR), left and
right kidney (axial MR), renal cysts (multicystic dysplastic kidney, several separate cysts on one side),
thymus (neonatal chest film: midline and right-sided "sail"; axial MR: anterior midline), lateral ventricles
(coronal cranial US, normal and dilated, bilateral), periventricular leukomalacia (several small cysts on both
sides), spleen and appendix (child CT), inflamed appendix (US, no axes), hip joints (bilateral, AP pelvis),
left hip joint, pylorus (US, no axes), bladder (coronal MR, midline).
Registers: parent_facing, sonographer, paeds_radiologist, nicu_chat.

Written without reading QC. Every sentence that states a mask fact is logged in LEDGER (kind, value, turn,
text) as it is written; my own reader (/work/notes/qcfi_scripts/check_fi.py) checks each logged claim against
the measured facts. Own check: rows: 420 clean: 210 defects: 210 (42 of each kind), problems: 0.
"""

import json
import math
import random

import numpy as np

STYLES = ["parent_facing", "sonographer", "paeds_radiologist", "nicu_chat"]
LEDGER = []  # one entry per build() call: the claims written, for my own checker


def E(cx, cy, rx, ry, ang=0.0):
    return (cx, cy, rx, ry, ang)


# --------------------------------------------------------------------------------------------- profiles
_KID_FORBID = ["kidney", "renal", "nephr", "pelvicalyc"]
PROFILES = [
    dict(target="fetal head", modality="US", region="fetus (obstetric)", orient=None, who="fetus",
         ells=[E(128, 102, 70, 58, 15)], others={}, plural=False,
         refs=["the fetal head", "the head", "baby's head"],
         forbid=["head", "skull", "cran", "calvari", "cephal", "bpd", "hc "],
         clues=["the rounded part of the baby we trace an ellipse around for dating, together with the femur "
                "length and abdominal circumference",
                "the part of the baby that holds the developing brain and should be lowest in the pelvis by term"],
         named=["the fetal head", "the baby's head"],
         ctx=["GA 33+1 by dating scan, EFW 2050 g (48th centile), AFI 14 cm",
              "GA 21+4 anomaly scan, EFW 420 g (55th centile), placenta fundal",
              "GA 36+0 growth scan, EFW 2890 g (62nd centile), liquor normal"],
         know=["At 20 weeks the biparietal diameter is typically around 4.7 cm, and about 8.8 cm by 36 weeks.",
               "A head circumference between the 10th and 90th centile for gestation is reassuring.",
               "The femur length at 33 weeks is usually about 6.3 cm, so a small femur on its own is not alarming.",
               "An adult skull holds a brain of roughly 1.3 kg; at birth the brain weighs about 350 g.",
               "Left and right cannot be read off this view alone, because the baby can lie either way round."]),
    dict(target="fetal head", modality="US", region="fetus (obstetric)", orient=None, who="fetus",
         ells=[E(126, 128, 64, 54, -20)], others={}, plural=False,
         refs=["the fetal head", "the head", "baby's head"],
         forbid=["head", "skull", "cran", "calvari", "cephal", "bpd", "hc "],
         clues=["the part of the fetus whose outer-to-outer width we use to date the pregnancy in the second "
                "trimester",
                "the part of the baby that holds the developing brain and should be lowest in the pelvis by term"],
         named=["the fetal head", "the baby's skull"],
         ctx=["GA 28+3, EFW 1180 g (38th centile), cervix 34 mm",
              "GA 19+6 anomaly scan, EFW 310 g (50th centile), anterior placenta"],
         know=["Around 1 in 20 babies is still breech at 36 weeks, and many turn by themselves.",
               "The transcerebellar diameter in millimetres roughly matches the gestational age in weeks up to "
               "about 24 weeks.",
               "A head circumference between the 10th and 90th centile for gestation is reassuring.",
               "Left and right cannot be read off this view alone, because the baby can lie either way round."]),
    dict(target="kidneys", modality="MR", region="abdomen (neonatal MR urography)", orient="LI", who="baby",
         ells=[E(86, 130, 16, 28, 8), E(170, 132, 16, 28, -8)], plural=True,
         others={"liver": (0.30, 0.33), "bladder": (0.50, 0.86), "spine": (0.50, 0.53)},
         disp={"liver": "the liver", "bladder": "the bladder", "spine": "the spine"},
         refs=["the kidneys", "both kidneys", "the two kidneys"], forbid=_KID_FORBID,
         clues=["the two organs that make the baby's urine, which looked swollen with trapped fluid on the "
                "antenatal scan",
                "the paired organs that filter the blood and looked dilated on both sides antenatally"],
         named=["the kidneys", "both kidneys"],
         ctx=["Day 3, 3.2 kg term boy, antenatal APD 14 mm on both sides",
              "Day 5, ex-37/40, antenatal pelviectasis both sides, passing urine"],
         know=["The right kidney usually sits a little lower than the left because the liver lies above it.",
               "The left renal vein crosses in front of the aorta on its way to the IVC.",
               "Antenatal pelvic dilatation is seen in about 1 to 2 in every 100 pregnancies, and most settle.",
               "A newborn kidney is about 4 to 5 cm long, against 10 to 12 cm in an adult.",
               "An APD above 10 mm after birth is normally followed up with a repeat scan at 4 to 6 weeks."]),
    dict(target="left kidney", modality="MR", region="abdomen (neonatal MR urography)", orient="LP", who="baby",
         ells=[E(180, 165, 22, 28, 20)], plural=False,
         others={"spine": (0.50, 0.74), "stomach": (0.62, 0.40), "aorta": (0.47, 0.62)},
         disp={"spine": "the spine", "stomach": "the stomach", "aorta": "the aorta"},
         refs=["the left kidney", "the hydronephrotic left kidney", "the kidney"], forbid=_KID_FORBID,
         clues=["the urine-making organ on one side that looked stretched with fluid (pelviectasis) antenatally",
                "the organ whose collecting system is dilated because of a suspected PUJ obstruction"],
         named=["the left kidney", "the baby's left kidney"],
         ctx=["Day 4, term girl 3.4 kg, antenatal APD 18 mm on one side",
              "6-week-old, UTI last week, known antenatal pelviectasis"],
         know=["PUJ obstruction is the commonest cause of marked pelvic dilatation in infants, and is more often "
               "seen on the left.",
               "The right kidney usually sits a little lower than the left because the liver lies above it.",
               "The left renal vein crosses in front of the aorta on its way to the IVC.",
               "A MAG3 scan later gives the split function; above 40% on each side is reassuring."]),
    dict(target="right kidney", modality="MR", region="abdomen (neonatal MR urography)", orient="LP", who="baby",
         ells=[E(76, 162, 21, 27, -20)], plural=False,
         others={"spine": (0.50, 0.74), "liver": (0.30, 0.40), "aorta": (0.47, 0.62)},
         disp={"spine": "the spine", "liver": "the liver", "aorta": "the aorta"},
         refs=["the right kidney", "the dilated right kidney", "the kidney"], forbid=_KID_FORBID,
         clues=["the urine-making organ on one side that looked stretched with fluid (pelviectasis) antenatally",
                "the organ whose collecting system is dilated, possibly from vesicoureteric reflux"],
         named=["the right kidney", "the baby's right kidney"],
         ctx=["Day 6, ex-36/40 boy, antenatal APD 12 mm on one side",
              "3-month-old, febrile UTI, reflux suspected"],
         know=["The IVC runs to the right of the aorta, and the right renal vein is short.",
               "Vesicoureteric reflux is found in roughly 1 in 3 infants investigated after a febrile UTI.",
               "In adults the left kidney is often a centimetre longer than the right.",
               "A newborn kidney is about 4 to 5 cm long, against 10 to 12 cm in an adult."]),
    dict(target="renal cysts", modality="MR", region="abdomen (neonatal MR)", orient="LP", who="baby",
         ells=[E(168, 146, 9, 9), E(192, 152, 8, 8), E(172, 174, 10, 10), E(196, 178, 7, 7)], plural=True,
         others={"spine": (0.50, 0.74), "stomach": (0.60, 0.38)},
         disp={"spine": "the spine", "stomach": "the stomach"},
         refs=["the renal cysts", "the cysts", "the multicystic kidney's cysts"],
         forbid=["cyst", "kidney", "renal", "nephr", "mcdk"],
         clues=["the cluster of non-communicating fluid-filled spaces in one flank that looked like a bunch of "
                "grapes antenatally",
                "the grape-like fluid spaces in one flank with no normal tissue between them"],
         named=["the renal cysts", "the cysts in the kidney"],
         ctx=["Day 2, term boy, antenatal 'bunch of grapes' in one flank",
              "Day 8, 3.6 kg, antenatal flank mass, good urine output"],
         know=["Most multicystic dysplastic kidneys shrink away over the first few years of life.",
               "About 1 in 4 children with this has reflux into the opposite, healthy kidney.",
               "The healthy kidney often grows larger than usual for age to compensate.",
               "The right kidney usually sits a little lower than the left because the liver lies above it."]),
    dict(target="renal cysts", modality="MR", region="abdomen (neonatal MR)", orient="LP", who="baby",
         ells=[E(70, 150, 10, 10), E(86, 172, 8, 8), E(62, 178, 9, 9)], plural=True,
         others={"spine": (0.50, 0.74), "liver": (0.30, 0.40)},
         disp={"spine": "the spine", "liver": "the liver"},
         refs=["the renal cysts", "the cysts", "the cystic kidney's cysts"],
         forbid=["cyst", "kidney", "renal", "nephr", "mcdk"],
         clues=["the cluster of non-communicating fluid-filled spaces in one flank that looked like a bunch of "
                "grapes antenatally",
                "the grape-like fluid spaces in one flank with no normal tissue between them"],
         named=["the renal cysts", "the kidney cysts"],
         ctx=["Day 3, ex-38/40 girl, antenatal flank 'grapes' on one side",
              "Week 2, 3.3 kg, antenatal flank mass"],
         know=["Most multicystic dysplastic kidneys shrink away over the first few years of life.",
               "The healthy kidney often grows larger than usual for age to compensate.",
               "The IVC runs to the right of the aorta, and the right renal vein is short."]),
    dict(target="thymus", modality="XR", region="chest (neonatal film)", orient="LI", who="baby",
         ells=[E(128, 72, 34, 26, 0)], plural=False,
         others={"heart": (0.50, 0.56), "trachea": (0.50, 0.16)},
         disp={"heart": "the heart", "trachea": "the trachea"},
         refs=["the thymus", "the thymic shadow", "the gland"], forbid=["thym"],
         clues=["the soft gland in the front of the upper chest that trains T cells and shrinks after puberty",
                "the gland that often widens a baby's upper mediastinum on a chest film"],
         named=["the thymus", "the thymic shadow"],
         ctx=["Day 1, ex-35/40, mild TTN, CXR for tube position", "Day 2, grunting, CXR done"],
         know=["In an adult the heart takes up about half of the chest width on a PA film.",
               "The left hemidiaphragm normally sits a little lower than the right.",
               "It is at its largest relative to body size in infancy, and it can shrink quickly with stress or "
               "steroids.",
               "The heart in a newborn can look relatively big on a supine AP film, up to 60% of chest width."]),
    dict(target="thymus", modality="XR", region="chest (neonatal film)", orient="LI", who="baby",
         ells=[E(98, 82, 26, 22, -25)], plural=False,
         others={"heart": (0.52, 0.58), "trachea": (0.50, 0.16)},
         disp={"heart": "the heart", "trachea": "the trachea"},
         refs=["the thymus", "the thymic sail", "the gland"], forbid=["thym"],
         clues=["the soft gland in the front of the upper chest that trains T cells and shrinks after puberty",
                "the gland whose triangular lobe can mimic upper lobe collapse on a baby's chest film"],
         named=["the thymus", "the thymic lobe"],
         ctx=["Day 1, term, CXR for ?consolidation", "4-week-old, cough, CXR"],
         know=["The right upper lobe is a common place for collapse in ventilated babies.",
               "The left hemidiaphragm normally sits a little lower than the right.",
               "A wavy edge from the anterior ribs pressing on it is a normal finding.",
               "In an adult the heart takes up about half of the chest width on a PA film."]),
    dict(target="thymus", modality="MR", region="chest (infant MR)", orient="LP", who="baby",
         ells=[E(128, 78, 30, 17, 0)], plural=False,
         others={"aorta": (0.50, 0.50), "spine": (0.50, 0.78)},
         disp={"aorta": "the aorta", "spine": "the spine"},
         refs=["the thymus", "the gland", "the thymic tissue"], forbid=["thym"],
         clues=["the soft gland in the front of the upper chest that trains T cells and shrinks after puberty",
                "the gland in the anterior mediastinum that is normal and bulky in infants"],
         named=["the thymus", "the thymic tissue"],
         ctx=["5-month-old, cardiac MR for coarctation", "Infant, 7 kg, MR for a mediastinal query"],
         know=["The aortic arch usually runs to the left of the trachea.",
               "In adults the gland is replaced by fat and may be barely visible after 40.",
               "It is at its largest relative to body size in infancy, and it can shrink quickly with stress or "
               "steroids.",
               "The left brachiocephalic vein crosses from left to right in front of the arch branches."]),
    dict(target="lateral ventricles", modality="US", region="head (neonatal cranial US)", orient="LI", who="baby",
         ells=[E(104, 108, 10, 22, 15), E(152, 108, 10, 22, -15)], plural=True,
         others={"thalami": (0.50, 0.62), "corpus callosum": (0.50, 0.32)},
         disp={"thalami": "the thalami", "corpus callosum": "the corpus callosum"},
         refs=["the lateral ventricles", "the ventricles", "both lateral ventricles"],
         forbid=["ventric", "horn", "ivh"],
         clues=["the CSF-filled spaces inside the brain that balloon with post-haemorrhagic hydrocephalus",
                "the fluid spaces either side of the midline that we track with serial head scans after a bleed"],
         named=["the lateral ventricles", "the ventricles"],
         ctx=["ex-29/40 now D5, 1.2 kg, on CPAP, routine head scan",
              "ex-27+3, D10, CPAP, screening head US"],
         know=["Germinal matrix bleeds happen in about 1 in 4 babies born before 30 weeks, most of them small.",
               "The cavum septi pellucidi in the midline is a normal finding in preterm babies.",
               "Head circumference is plotted weekly; a rise of more than 2 cm a week is a warning sign.",
               "In adults the choroid plexus often calcifies, which is not a bleed."]),
    dict(target="lateral ventricles", modality="US", region="head (neonatal cranial US)", orient="LI", who="baby",
         ells=[E(96, 112, 20, 34, 12), E(160, 112, 20, 34, -12)], plural=True,
         others={"thalami": (0.50, 0.66), "corpus callosum": (0.50, 0.30)},
         disp={"thalami": "the thalami", "corpus callosum": "the corpus callosum"},
         refs=["the lateral ventricles", "the dilated ventricles", "the ventricles"],
         forbid=["ventric", "horn", "ivh"],
         clues=["the CSF-filled spaces inside the brain that balloon with post-haemorrhagic hydrocephalus",
                "the fluid spaces either side of the midline that we track with serial head scans after a bleed"],
         named=["the lateral ventricles", "the dilated ventricles"],
         ctx=["ex-26/40 now D21, grade III bleed on day 3, HC rising",
              "ex-28/40 D18, known bleed, fontanelle full"],
         know=["Germinal matrix bleeds happen in about 1 in 4 babies born before 30 weeks, most of them small.",
               "Head circumference is plotted weekly; a rise of more than 2 cm a week is a warning sign.",
               "The cavum septi pellucidi in the midline is a normal finding in preterm babies.",
               "A ventricular index above the 97th centile plus 4 mm is where many units consider tapping."]),
    dict(target="periventricular leukomalacia", modality="MR", region="brain (term-equivalent MR)", orient="LP",
         who="baby",
         ells=[E(160, 100, 5, 5), E(172, 124, 6, 6), E(166, 150, 5, 5), E(92, 104, 6, 6), E(86, 140, 5, 5)],
         plural=True, others={"corpus callosum genu": (0.50, 0.28)},
         disp={"corpus callosum genu": "the genu of the corpus callosum"},
         refs=["the PVL cysts", "the cystic periventricular leukomalacia", "the cysts"],
         forbid=["periventric", "leukomalac", "pvl", "cyst"],
         clues=["the small holes in the white matter from hypoxic-ischaemic injury in a preterm baby",
                "the white matter damage that predicts spastic diplegia in ex-preterm babies"],
         named=["the PVL cysts", "the periventricular leukomalacia"],
         ctx=["ex-28/40 at term-equivalent age, MR before discharge",
              "ex-26+5, TEA scan, previously grade II bleed"],
         know=["Cystic white matter injury is now seen in under 5% of very preterm babies.",
               "Around half of children with this go on to have cerebral palsy, usually in the legs.",
               "The left hemisphere is dominant for language in most right-handed adults.",
               "Myelination at term is visible in the posterior limb of the internal capsule."]),
    dict(target="spleen", modality="CT", region="abdomen (paediatric trauma CT)", orient="LP", who="child",
         ells=[E(186, 148, 24, 36, -25)], plural=False,
         others={"liver": (0.28, 0.45), "left kidney": (0.69, 0.69), "stomach": (0.60, 0.40)},
         disp={"liver": "the liver", "left kidney": "the left kidney", "stomach": "the stomach"},
         refs=["the spleen", "the splenic parenchyma", "the organ"], forbid=["spleen", "splen", "lien"],
         clues=["the organ under the left lower ribs that filters blood and is often hurt in handlebar injuries",
                "the blood-filtering organ that is most often injured in blunt trauma to the left upper quadrant"],
         named=["the spleen", "the child's spleen"],
         ctx=["8-year-old boy, fell onto bike handlebars, HR 120", "11-year-old, rugby tackle, LUQ pain"],
         know=["Most splenic injuries in children are managed without surgery, with success rates above 90%.",
               "The liver lies under the right ribs and reaches lower in a small child than in an adult.",
               "Kehr's sign is pain at the tip of the left shoulder from blood irritating the diaphragm.",
               "A spleen up to about 11 cm long is normal for a 10-year-old, against up to 13 cm in adults."]),
    dict(target="appendix", modality="CT", region="abdomen (paediatric CT)", orient="LP", who="child",
         ells=[E(86, 104, 10, 6, 30)], plural=False,
         others={"caecum": (0.27, 0.38), "psoas": (0.37, 0.58)},
         disp={"caecum": "the caecum", "psoas": "the psoas muscle"},
         refs=["the appendix", "the inflamed appendix", "the appendix"],
         forbid=["append"],
         clues=["the structure we look for in a 9-year-old whose periumbilical pain moved to McBurney's point",
                "the blind-ending tube whose blockage causes the commonest surgical emergency in children"],
         named=["the appendix", "the inflamed appendix"],
         ctx=["9-year-old girl, RIF pain 36 h, WCC 16, US non-diagnostic",
              "12-year-old boy, fever, guarding, CRP 90"],
         know=["A diameter over 6 mm with a non-compressible wall is the usual cut-off for inflammation.",
               "Perforation is more common under 5 years, in up to half of cases.",
               "The sigmoid colon lies in the left iliac fossa, which is why left-sided pain points elsewhere.",
               "Mesenteric adenitis often mimics this in children and settles by itself."]),
    dict(target="appendix", modality="US", region="abdomen (paediatric US)", orient=None, who="child",
         ells=[E(120, 136, 26, 9, 20)], others={}, plural=False,
         refs=["the appendix", "the inflamed appendix", "the appendix"], forbid=["append"],
         clues=["the blind-ending tube whose blockage causes the commonest surgical emergency in children",
                "the structure we look for in a 9-year-old whose periumbilical pain moved to McBurney's point"],
         named=["the appendix", "the inflamed appendix"],
         ctx=["7-year-old, RIF pain, graded compression US", "10-year-old girl, fever, RIF tenderness"],
         know=["A diameter over 6 mm with a non-compressible wall is the usual cut-off for inflammation.",
               "Perforation is more common under 5 years, in up to half of cases.",
               "Mesenteric adenitis often mimics this in children and settles by itself.",
               "On a probe view like this the left and right of the child cannot be read from the picture."]),
    dict(target="hip joints", modality="XR", region="pelvis (infant AP film)", orient="LI", who="baby",
         ells=[E(78, 152, 18, 18), E(178, 152, 18, 18)], plural=True,
         others={"pubic symphysis": (0.50, 0.74), "sacrum": (0.50, 0.40)},
         disp={"pubic symphysis": "the pubic symphysis", "sacrum": "the sacrum"},
         refs=["the hip joints", "both hips", "the hips"], forbid=["hip", "coxa", "acetabul", "femoral head", "ddh"],
         clues=["the ball-and-socket joints where the thigh bones meet the pelvis",
                "the joints we screen with Barlow and Ortolani at the newborn check"],
         named=["the hip joints", "both hips"],
         ctx=["5-month-old girl, breech, clicky on exam", "4-month-old, family history, screening film"],
         know=["Breech girls have the highest risk, around 1 in 50 to 1 in 100.",
               "The femoral head ossific nucleus usually appears between 4 and 6 months.",
               "In adults the left and right sides are compared with Shenton's line, just as in infants.",
               "An acetabular index above about 30 degrees at this age is considered shallow."]),
    dict(target="left hip joint", modality="XR", region="pelvis (child AP film)", orient="LI", who="child",
         ells=[E(178, 150, 19, 19)], plural=False,
         others={"pubic symphysis": (0.50, 0.74), "sacrum": (0.50, 0.40)},
         disp={"pubic symphysis": "the pubic symphysis", "sacrum": "the sacrum"},
         refs=["the left hip joint", "the left hip", "the joint"], forbid=["hip", "coxa", "acetabul", "femoral head", "ddh"],
         clues=["the ball-and-socket joint where the thigh bone meets the pelvis, in a limping toddler",
                "the joint that is irritable in this 6-year-old refusing to bear weight after a cold"],
         named=["the left hip joint", "the left hip"],
         ctx=["6-year-old boy, limp 2 days, afebrile", "3-year-old, fever 38.9, refuses to walk"],
         know=["Transient synovitis is the commonest cause of an acute limp in children aged 3 to 10.",
               "Kocher criteria use fever, weight bearing, ESR and white count to estimate septic arthritis risk.",
               "Perthes disease is about four times more common in boys.",
               "The right side is affected as often as the left in transient synovitis."]),
    dict(target="pylorus", modality="US", region="abdomen (infant US)", orient=None, who="baby",
         ells=[E(122, 96, 26, 10, 15)], others={}, plural=False,
         refs=["the pylorus", "the pyloric muscle", "the pyloric channel"], forbid=["pylor", "ihps"],
         clues=["the thickened muscle at the stomach outlet that causes projectile non-bilious vomiting at 5 weeks",
                "the 'olive' felt during a test feed in a hungry vomiting baby"],
         named=["the pylorus", "the pyloric muscle"],
         ctx=["5-week-old boy, projectile vomiting, weight 3.9 kg", "4-week-old, hypochloraemic alkalosis"],
         know=["A muscle wall over 3 mm thick and a channel over 15 mm long fit the diagnosis.",
               "It affects about 2 to 3 in every 1000 babies, boys about four times more often.",
               "Left and right cannot be read from a probe view like this on its own.",
               "In adults the stomach can hold about 1.5 litres; a newborn's holds only about 20 ml."]),
    dict(target="bladder", modality="MR", region="pelvis (infant MR)", orient="LI", who="baby",
         ells=[E(128, 200, 24, 20, 0)], plural=False,
         others={"left kidney": (0.66, 0.50), "right kidney": (0.34, 0.50)},
         disp={"left kidney": "the left kidney", "right kidney": "the right kidney"},
         refs=["the bladder", "the urinary bladder", "the bladder"], forbid=["bladder", "vesic", "cysto"],
         clues=["the hollow organ that stores urine and becomes thick-walled behind posterior urethral valves",
                "the organ that fills behind the valves in this boy with a poor urinary stream"],
         named=["the bladder", "the urinary bladder"],
         ctx=["Day 2 boy, antenatal keyhole sign, catheter in", "3-week-old, poor stream, UTI"],
         know=["Posterior urethral valves occur in about 1 in 5000 boys.",
               "The right kidney usually sits a little lower than the left because the liver lies above it.",
               "An adult bladder holds about 400 to 500 ml; a newborn's holds around 30 ml.",
               "The sigmoid colon sits on the left side of the pelvis."]),
]


# --------------------------------------------------------------------------------------------- facts
def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    n = 256
    yy, xx = np.mgrid[0:n, 0:n]
    m = np.zeros((n, n), bool)
    for cx, cy, rx, ry, ang in p["ells"]:
        cx += rng.uniform(-2, 2)
        cy += rng.uniform(-2, 2)
        rx += rng.uniform(-1, 1)
        ry += rng.uniform(-1, 1)
        a = math.radians(ang + rng.uniform(-4, 4))
        dx, dy = xx - cx, yy - cy
        u = dx * math.cos(a) + dy * math.sin(a)
        v = -dx * math.sin(a) + dy * math.cos(a)
        m |= (u / rx) ** 2 + (v / ry) ** 2 <= 1.0
    return compute_facts(m, p["orient"], dict(p["others"])).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    if defect == "laterality":
        return rng.choice([q for q in profiles if q["orient"]])
    return rng.choice(profiles)


# --------------------------------------------------------------------------------------------- words
NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
       "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
VERT_VALUES = {"LP": ["anterior", "posterior", "central"], "LI": ["superior", "inferior", "central"],
               None: ["upper", "lower", "central"]}


def cap(s):
    return s[:1].upper() + s[1:]


def pct_text(v):
    if v >= 10:
        return f"{v:.0f}"
    if v >= 1:
        return f"{v:.1f}"
    return f"{v:.2f}"


class Row:
    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.turns = []
        self.claims = []
        self.pl = p["plural"]
        self.unused = list(p["know"])
        rng.shuffle(self.unused)

    def know(self, k=1):
        out = [self.unused.pop() for _ in range(min(k, len(self.unused)))]
        return " ".join(out) if out else reassure(self.style, self.rng, self.p)

    # grammar helpers
    def v(self, sing, plur):
        return plur if self.pl else sing

    def S(self, start=True, plain=False):
        r = self.rng.random()
        if plain:
            r = r * 0.55
        if r < 0.35:
            s = self.v("it", "they")
        elif r < 0.55:
            s = self.rng.choice(["the mask", "the segmented region", "the outlined area"])
            return cap(s) if start else s
        else:
            s = self.rng.choice(self.p["refs"])
            if s.startswith("baby's"):
                s = "the " + s
        return cap(s) if start else s

    def subj_is(self, s):
        single = s.lower() in ("it", "the mask", "the segmented region", "the outlined area")
        return "is" if single or not self.pl else "are"

    def poss(self):
        if self.style == "parent_facing":
            return self.rng.choice(["your baby's", "your little one's"]) if self.p["who"] != "child" else \
                "your child's"
        if self.style == "nicu_chat":
            return self.rng.choice(["baby's", "the baby's", "pt's"])
        return self.rng.choice(["the patient's", f"the {self.p['who']}'s"])

    def sits(self):
        return self.v("It sits", "They sit")

    def claim(self, kind, value, text, other=None, status="assert", hedge=True):
        if hedge and status == "assert" and self.style in ("parent_facing", "paeds_radiologist") \
                and text.split(" ")[0] in ("It", "They", "The") and self.rng.random() < 0.2:
            text = self.rng.choice(HEDGES) + text[0].lower() + text[1:]
        self.claims.append(dict(kind=kind, value=value, other=other, text=text, turn=len(self.turns),
                                status=status))
        return text

    # ------------------------------------------------------------------ fact sentences
    def side(self, val, wrong_onesided=False):
        rng, st = self.rng, self.style
        s = self.S(plain=val != self.f["laterality"])
        be = self.subj_is(s)
        if val in ("left", "right"):
            ab = {"left": "Lt", "right": "Rt"}[val]
            if wrong_onesided:
                opts = {"parent_facing": [f"It's only on {self.poss()} {val} side, the other side is clear."],
                        "sonographer": [f"{val.upper()} only, contralateral side not involved."],
                        "paeds_radiologist": [f"Unilateral, {val}-sided; the other side is spared."],
                        "nicu_chat": [f"{ab} only, other side fine"]}[st]
            else:
                opts = {"parent_facing": [f"{s} {be} on {self.poss()} {val} side.",
                                          f"This is on the {val} side of {self.poss()} body.",
                                          f"The highlighted part is on {self.poss()} {val}."],
                        "sonographer": [f"Side: {val.upper()}.", f"{s} {be} {val}-sided.", f"{ab} side."],
                        "paeds_radiologist": [f"{s} {be} {val}-sided.", f"Laterality: {val}.",
                                                  f"{s} {'lie' if be == 'are' else 'lies'} to the {val} of the midline."],
                        "nicu_chat": [f"{ab} side", f"it's the {val[0].upper()} side", f"{val} sided"]}[st]
        elif val == "midline":
            opts = {"parent_facing": [f"{s} {be} right in the middle of {self.poss()} body.",
                                      f"It sits in the centre line of {self.poss()} body."],
                    "sonographer": ["Midline.", f"{s} {be} midline."],
                    "paeds_radiologist": [f"{s} {be} midline.", "Centred on the midline."],
                    "nicu_chat": ["midline", "it's midline"]}[st]
        else:  # bilateral
            opts = {"parent_facing": [f"{s} {be} on both sides of {self.poss()} body.",
                                      "There is a part on the left and a part on the right."],
                    "sonographer": ["Bilateral.", "B/L, both sides involved."],
                    "paeds_radiologist": [f"{s} {be} bilateral.", "Bilateral, left and right both involved."],
                    "nicu_chat": ["both sides", "B/L"]}[st]
        t = rng.choice(opts)
        return self.claim("side", val, t)

    def side_convention(self):
        """A true side claim through the display convention (lateral masks only)."""
        val = self.f["laterality"]
        img = {"left": "right", "right": "left"}[val]
        t = self.rng.choice({
            "parent_facing": [f"On the screen it shows up on the {img}-hand side, but scans are displayed as if "
                              f"you are facing {self.v('it', 'them')}, so that is actually {self.poss()} {val}.",
                              f"Don't be thrown by it being on the {img} of the picture: that is {self.poss()} "
                              f"{val} side, because images are shown as if the baby is facing you."],
            "sonographer": [f"(Image {img[0].upper()} = pt {val[0].upper()}, so it's the {val} side.)",
                            f"Appears on the screen {img}, i.e. patient {val}."],
            "paeds_radiologist": [f"It projects over the image {img}, which is the patient's {val} by "
                                  "radiological convention.",
                                  f"Note that it lies on the viewer's {img}, i.e. the patient's {val}."],
            "nicu_chat": [f"(screen {img[0].upper()} = baby's {val[0].upper()})",
                          f"on screen it's on the {img} but that's baby's {val}"]}[self.style])
        return self.claim("side", val, t)

    def side_negation(self):
        val = self.f["laterality"]
        if val in ("left", "right"):
            other = "right" if val == "left" else "left"
            t = self.rng.choice([f"It is not on the {other} side.", f"Not the {other}, to be clear.",
                                 f"Nothing on the {other} is included."])
            return self.claim("side_not", other, t)
        if val == "midline":
            t = self.rng.choice(["It isn't off to one side.", "It is not lateralised to either side."])
        else:
            t = self.rng.choice(["It isn't just one side.", "This is not a one-sided finding."])
        self.claim("side_not", "left", t, hedge=False)
        return self.claim("side_not", "right", t, hedge=False)

    def vphrase(self, val):
        o = self.p["orient"]
        return self.rng.choice({
            ("LP", "anterior"): ["toward the front of the body", "anteriorly", "in the front half of the section"],
            ("LP", "posterior"): ["toward the back", "posteriorly", "in the back half of the section"],
            ("LP", "central"): ["about midway between front and back", "central in the front-to-back direction"],
            ("LI", "superior"): ["high up in the image", "superiorly", "in the upper part of the image"],
            ("LI", "inferior"): ["low down in the image", "inferiorly", "in the lower part of the image"],
            ("LI", "central"): ["at about mid-height", "in the middle third from top to bottom"],
            (None, "upper"): ["in the upper half of the image", "toward the top of the picture"],
            (None, "lower"): ["in the lower half of the image", "toward the bottom of the picture"],
            (None, "central"): ["around the vertical middle of the image", "roughly halfway down the frame"],
        }[(o, val)])

    def vert(self, val):
        s = self.S()
        be = self.subj_is(s)
        ph = self.vphrase(val)
        st = self.style
        opts = {"parent_facing": [f"{s} {be} {ph}.", f"On this picture {self.sits().lower()} {ph}."],
                "sonographer": [f"Position: {ph}.", f"{s} {be} {ph}."],
                "paeds_radiologist": [f"{s} {be} located {ph}.", f"{self.v('It is', 'They are')} situated {ph}."],
                "nicu_chat": [f"sits {ph}", f"{ph}"]}[st]
        return self.claim("vert", val, self.rng.choice(opts))

    def relphrase(self, rel, other):
        O = self.p["disp"][other]
        pt = {"parent_facing": "your baby's ", "nicu_chat": ""}.get(self.style, "the patient's ")
        return self.rng.choice({
            "left_of": [f"to {pt}left of {O}", f"further to {pt}left than {O}"],
            "right_of": [f"to {pt}right of {O}", f"further to {pt}right than {O}"],
            "anterior_to": [f"in front of {O}", f"anterior to {O}"],
            "posterior_to": [f"behind {O}", f"posterior to {O}"],
            "superior_to": [f"above {O}", f"higher than {O}"],
            "inferior_to": [f"below {O}", f"lower than {O}"]}[rel])

    def rel(self, rel, other):
        s = self.S()
        be = self.subj_is(s)
        ph = self.relphrase(rel, other)
        opts = [f"{s} {be} {ph}.", f"{self.sits()} {ph}."]
        if self.style == "nicu_chat":
            opts = [f"{ph}", f"sits {ph}"]
        return self.claim("rel", rel, self.rng.choice(opts), other=other)

    def size_class(self, val):
        s = self.S()
        be = self.subj_is(s)
        adj = {"small": ["small", "a small area"], "medium": ["medium-sized", "moderate in size"],
               "large": ["large", "a big area"]}[val]
        share = {"small": "only a small part of the image", "medium": "a moderate share of the image",
                 "large": "a large part of the frame"}[val]
        st = self.style
        opts = {"parent_facing": [f"On this picture {s[0].lower() + s[1:]} {be} {adj[0]}.",
                                  f"It takes up {share}."],
                "sonographer": [f"Area on image: {val}.", f"{s} {be} {adj[1]} on this frame."],
                "paeds_radiologist": [f"On the image {s[0].lower() + s[1:]} {be} {adj[0]}.",
                                      f"It occupies {share}."],
                "nicu_chat": [f"{val} on the image", f"mask is {adj[0]}"]}[st]
        return self.claim("size_class", val, self.rng.choice(opts))

    def size_pct(self, pv):
        ptxt = pct_text(pv)
        st = self.style
        opts = {"parent_facing": [f"It covers about {ptxt}% of the picture.",
                                  f"Roughly {ptxt} percent of the image is the highlighted part."],
                "sonographer": [f"Mask area ~{ptxt}% of the frame.", f"Covers about {ptxt}% of the image."],
                "paeds_radiologist": [f"The segmented region occupies approximately {ptxt}% of the image.",
                                      f"It accounts for about {ptxt}% of the field."],
                "nicu_chat": [f"~{ptxt}% of the pic", f"about {ptxt}% of the image"]}[st]
        return self.claim("pct", float(ptxt), self.rng.choice(opts))

    def count(self, n):
        st, rng = self.style, self.rng
        if n == 1:
            ph = rng.choice(["a single connected region", "one continuous piece", "one single area"])
        else:
            w = NUM.get(n, str(n)) if rng.random() < 0.6 else str(n)
            ph = rng.choice([f"{w} separate regions", f"{w} separate pieces", f"{w} distinct areas"])
        opts = {"parent_facing": [f"The highlighted part is made up of {ph}.", f"What you see is {ph}."],
                "sonographer": [f"Components: {n}.", f"Mask = {ph}."],
                "paeds_radiologist": [f"The mask comprises {ph}.", f"It consists of {ph}."],
                "nicu_chat": [f"{ph}", f"{n} blob{'s' if n != 1 else ''}"]}[st]
        return self.claim("count", n, rng.choice(opts))


# --------------------------------------------------------------------------------------------- register bits
def reassure(st, rng, p=None):
    kids = "children" if p and p["who"] == "child" else "babies"
    return rng.choice({
        "parent_facing": ["Please try not to worry; this is something the team will explain in detail.",
                          f"Lots of {kids} have scans like this, and most do really well.",
                          "It's completely natural to feel anxious, and you are asking all the right questions."],
        "sonographer": ["Images saved to the worksheet.", "Measurements stored, report to follow.",
                        "Will flag for the consultant review list."],
        "paeds_radiologist": ["Clinical correlation and follow-up as per local pathway.",
                              "Findings discussed with the referring team.",
                              "Appearances should be interpreted with the clinical picture."],
        "nicu_chat": ["will add to the ward round list", "thx", "ok 👍 will discuss at handover"]}[st])


def generic_convention(st, rng):
    return rng.choice({
        "parent_facing": ["Just so you know, medical images are shown as if you are facing your baby, so "
                          "their left is on the right-hand side of the screen.",
                          "If this had been on the other side, the plan would usually be just the same."],
        "sonographer": ["Reminder: pt left is displayed on screen right.",
                        "If it had been contralateral we would still log it the same way."],
        "paeds_radiologist": ["By convention the patient's right is displayed on the viewer's left.",
                              "Had this been right-sided, the differential would not change much."],
        "nicu_chat": ["(remember screen L = baby's R)", "if it was the other side same plan tbh"]}[st])


def q1(p, st, rng, named):
    thing = rng.choice(p["named"]) if named else rng.choice(p["clues"])
    it = "them" if p["plural"] else "it"
    ctx = rng.choice(p["ctx"])
    who = {"fetus": "baby", "baby": "baby", "child": "child"}[p["who"]]
    return rng.choice({
        "parent_facing": [f"Hi, my {who} had a scan and the doctor talked about {thing}. I'm really worried. "
                          f"Could you outline {it} on this picture and tell me what I'm looking at?",
                          f"We've just come back from the hospital. They mentioned {thing}. Can you show me "
                          f"where that is on this image, in plain words please?"],
        "sonographer": [f"{ctx}. Pls segment {thing} on this frame.",
                        f"Worksheet: {ctx}. Can you outline {thing} for the report?"],
        "paeds_radiologist": [f"Teaching case: {ctx}. Segment {thing} and describe it for the registrars.",
                              f"{ctx}. Please mark {thing} on this image and comment."],
        "nicu_chat": [f"anyone free? {ctx} - can u seg {thing} on this one pls",
                      f"quick one: {ctx}. seg {thing}?"]}[st])


def ask(kind, st, rng, p, other=None):
    o = p["orient"]
    if kind == "side":
        return rng.choice({"parent_facing": ["Which side of my baby is that on?", "Is it on one side or both?"],
                           "sonographer": ["Side?", "Laterality for the worksheet?"],
                           "paeds_radiologist": ["Laterality?", "Which side should the report state?"],
                           "nicu_chat": ["which side?", "L or R?"]}[st])
    if kind == "vert":
        pos = {"LP": "front or back", "LI": "high or low", None: "top or bottom of the picture"}[o]
        return rng.choice({"parent_facing": [f"Is it more toward the {pos}?", "Where in the picture is it exactly?"],
                           "sonographer": ["Position in the frame?", f"{pos.capitalize()}?"],
                           "paeds_radiologist": ["Position?", f"And {pos}?"],
                           "nicu_chat": ["where exactly?", f"{pos}?"]}[st])
    if kind == "size":
        return rng.choice({"parent_facing": ["How big is it on the scan?", "Is it big on this picture?"],
                           "sonographer": ["Area on the image?", "How much of the frame is it?"],
                           "paeds_radiologist": ["How much of the image does it occupy?", "Size on this image?"],
                           "nicu_chat": ["how big is the mask?", "size?"]}[st])
    if kind == "count":
        return rng.choice({"parent_facing": ["Is it all one piece?", "How many bits are there?"],
                           "sonographer": ["How many separate areas?", "Single or multiple?"],
                           "paeds_radiologist": ["How many components?", "Solitary or multiple?"],
                           "nicu_chat": ["one blob or several?", "how many?"]}[st])
    if kind == "rel":
        O = p["disp"][other]
        return rng.choice({"parent_facing": [f"And how does it sit compared with {O}?"],
                           "sonographer": [f"Relation to {O}?"],
                           "paeds_radiologist": [f"Relationship to {O}?", f"Where is it relative to {O}?"],
                           "nicu_chat": [f"vs {O}?", f"where is it vs {O}"]}[st])
    if kind == "summary":
        return rng.choice({"parent_facing": ["Can you sum it all up for me simply?", "So what's the short version?"],
                           "sonographer": ["Summary line for the worksheet?", "Impression pls"],
                           "paeds_radiologist": ["Give me a one-line impression.", "Summarise for the report."],
                           "nicu_chat": ["tl;dr?", "summary for handover?"]}[st])
    # knowledge question
    return rng.choice({"parent_facing": ["Is this something serious?", "Is this normal for a baby this age?"],
                       "sonographer": ["Anything else to add on the worksheet?", "Normal for gestation/age?"],
                       "paeds_radiologist": ["Any teaching point?", "What would you add for the trainees?"],
                       "nicu_chat": ["anything to worry about?", "need to escalate?"]}[st])


# --------------------------------------------------------------------------------------------- build
def join(st, rng, parts):
    if st == "nicu_chat":
        return rng.choice(["\n", " / ", "\n"]).join(parts)
    if st == "sonographer" and rng.random() < 0.5:
        return "\n".join(parts)
    return " ".join(parts)


HEDGES = ["I'd say ", "As far as I can tell, ", "From what I can see, ", "Roughly speaking, "]


def build(p, facts, style, rng, defect):
    R = Row(p, facts, style, rng)
    st, f = style, facts
    o = p["orient"]
    rels = [(r["relation"], r["other"]) for r in f["relations"]]
    pv = 100.0 * f["area_fraction"]

    # what is available to state, and what (if anything) is planted wrong
    kinds_avail = ["vert", "size", "count"] + (["side"] if o else []) + (["rel"] if rels else [])
    fkind, wrong, placement = None, None, None
    if defect and defect != "names_target":
        placement = rng.choices(["first", "followup", "user"], [0.6, 0.2, 0.2])[0]
        if defect == "laterality":
            fkind = "side"
            lat = f["laterality"]
            wrong = {"left": "right", "right": "left"}.get(lat) or rng.choice(["left", "right"])
        elif defect == "position":
            if rels and rng.random() < 0.5:
                fkind = "rel"
                r, oth = rng.choice(rels)
                wrong = (OPP[r], oth)
            else:
                fkind = "vert"
                wrong = rng.choice([x for x in VERT_VALUES[o] if x != f["vertical"]])
        elif defect == "size":
            fkind = "size"
            if rng.random() < 0.5:
                wrong = ("class", rng.choice([c for c in ("small", "medium", "large") if c != f["size_class"]]))
            else:
                fac = rng.choice([0.2, 0.25, 0.3]) if pv > 3 or rng.random() < 0.3 else rng.choice([3.0, 3.5, 4.0])
                wrong = ("pct", pv * fac)
        elif defect == "count":
            fkind = "count"
            n = f["components"]
            wrong = n + 1 if n == 1 or rng.random() < 0.5 else (n - 1 if n > 2 else 1)
    banned = {fkind} if fkind and fkind != "rel" else set()
    banned_rel = {wrong[1]} if fkind == "rel" else set()

    def state(kind, false=False):
        """One sentence on `kind`, true unless `false` (then the planted value)."""
        if kind == "side":
            if false:
                return R.side(wrong, wrong_onesided=f["laterality"] in ("bilateral",))
            lat = f["laterality"]
            if lat in ("left", "right") and rng.random() < 0.35:
                return R.side_convention()
            return R.side(lat)
        if kind == "vert":
            return R.vert(wrong if false else f["vertical"])
        if kind == "rel":
            if false:
                return R.rel(*wrong)
            ok = [x for x in rels if x[1] not in banned_rel]
            return R.rel(*rng.choice(ok))
        if kind == "size":
            if false:
                return R.size_class(wrong[1]) if wrong[0] == "class" else R.size_pct(wrong[1])
            r = rng.random()
            if r < 0.4:
                return R.size_class(f["size_class"])
            if r < 0.75:
                return R.size_pct(pv * rng.uniform(0.9, 1.1))
            return R.size_class(f["size_class"]) + " " + R.size_pct(pv * rng.uniform(0.92, 1.08))
        if kind == "count":
            return R.count(wrong if false else f["components"])
        raise ValueError(kind)

    def can(kind):
        if kind in banned:
            return False
        if kind == "rel":
            return any(x[1] not in banned_rel for x in rels)
        return kind in kinds_avail

    # ---- round 1
    R.turns.append({"role": "user", "content": q1(p, st, rng, defect == "names_target")})
    name = p["refs"][0]
    if p["orient"] is None:
        name = p["refs"][0]
    opener = rng.choice({
        "parent_facing": [f"Of course. This is {name} [SEG].", f"I've outlined {name} for you [SEG].",
                          f"The highlighted area is {name} [SEG]."],
        "sonographer": [f"{cap(name)} segmented [SEG].", f"Done: {name} [SEG].", f"[SEG] {cap(name)} outlined."],
        "paeds_radiologist": [f"The structure is {name} [SEG].", f"Segmentation of {name}: [SEG].",
                              f"This is {name}, segmented here [SEG]."],
        "nicu_chat": [f"done - {name} [SEG]", f"{name} [SEG] 👍", f"here's {name} [SEG]"]}[st])
    a1 = [opener]
    first_kinds = [k for k in ["side", "vert", "size", "count", "rel"] if can(k)]
    rng.shuffle(first_kinds)
    first_kinds = first_kinds[:rng.randint(1, 3)]
    if placement in ("followup", "user"):
        first_kinds = [k for k in first_kinds if k != fkind]
    if placement == "first":
        first_kinds = [k for k in first_kinds if k != fkind]
        first_kinds.insert(rng.randrange(len(first_kinds) + 1), fkind)
    stated = set()
    for k in first_kinds:
        a1.append(state(k, false=(placement == "first" and k == fkind)))
        if not (placement == "first" and k == fkind):
            stated.add(k)
    # confounders in the first answer
    extras = []
    if o and "side" not in banned and rng.random() < 0.5:
        extras.append(R.side_negation())
    if o and rng.random() < 0.5:
        extras.append(generic_convention(st, rng))
    extras.append(R.know())
    rng.shuffle(extras)
    a1 += extras
    if st == "parent_facing" or rng.random() < 0.3:
        a1.append(reassure(st, rng, p))
    R.turns.append({"role": "assistant", "content": join(st, rng, a1)})

    # ---- follow-up rounds
    n_rounds = rng.choice([1, 2])
    if placement in ("followup", "user"):
        n_rounds = max(n_rounds, 1)
    plan = []
    if placement == "followup":
        plan.append(("ask_defect", fkind))
    elif placement == "user":
        plan.append(("premise", fkind))
    clean_pool = [k for k in ["side", "vert", "size", "count", "rel"] if can(k) and k not in stated]
    while len(plan) < n_rounds:
        r = rng.random()
        if defect is None and o and "side" in kinds_avail and f["laterality"] in ("left", "right") \
                and r < 0.2 and not any(x[0] == "correct" for x in plan):
            plan.append(("correct", "side"))
        elif clean_pool and r < 0.7:
            plan.append(("ask", clean_pool.pop(rng.randrange(len(clean_pool)))))
        elif r < 0.85 and ("summary", None) not in plan:
            plan.append(("summary", None))
        elif ("know", None) not in plan:
            plan.append(("know", None))
        elif clean_pool:
            plan.append(("ask", clean_pool.pop(rng.randrange(len(clean_pool)))))
        else:
            plan.append(("summary", None))
    rng.shuffle(plan)

    for step, k in plan:
        if step == "ask_defect":
            other = wrong[1] if k == "rel" else None
            R.turns.append({"role": "user", "content": ask(k, st, rng, p, other)})
            ans = [state(k, false=True)]
            if rng.random() < 0.5:
                ans.append(R.know())
            R.turns.append({"role": "assistant", "content": join(st, rng, ans)})
        elif step == "premise":
            R.turns.append({"role": "user", "content": premise(R, k, wrong, st, rng)})
            ans = [R.know()]
            alt = [x for x in ["size", "count", "vert"] if can(x) and x != k]
            if alt and rng.random() < 0.5:
                ans.append(state(rng.choice(alt)))
            ans.append(reassure(st, rng, p))
            R.turns.append({"role": "assistant", "content": join(st, rng, ans)})
        elif step == "correct":
            lat = f["laterality"]
            oth = "right" if lat == "left" else "left"
            u = rng.choice({"parent_facing": [f"Oh, I thought the doctor said it was the {oth} side?"],
                            "sonographer": [f"I had it down as {oth} on the worksheet?"],
                            "paeds_radiologist": [f"The request form says {oth}, though?"],
                            "nicu_chat": [f"thought it was {oth[0].upper()}?"]}[st])
            R.claims.append(dict(kind="side", value=oth, other=None, text=u, turn=len(R.turns), status="corrected"))
            R.turns.append({"role": "user", "content": u})
            fix = rng.choice([f"No, it is the {lat} side, not the {oth}.",
                              f"That's not right, I'm afraid: it is on the {lat}, not the {oth}."])
            R.claim("side", lat, fix)
            ans = [fix]
            if rng.random() < 0.6:
                ans.append(R.side_convention())
            R.turns.append({"role": "assistant", "content": join(st, rng, ans)})
        elif step == "ask":
            other = None
            if k == "rel":
                ok = [x for x in rels if x[1] not in banned_rel]
                r0 = rng.choice(ok)
                other = r0[1]
                R.turns.append({"role": "user", "content": ask(k, st, rng, p, other)})
                ans = [R.rel(*r0)]
            else:
                R.turns.append({"role": "user", "content": ask(k, st, rng, p)})
                ans = [state(k)]
                if k == "side" and rng.random() < 0.4:
                    ans.append(R.side_negation())
            if rng.random() < 0.4:
                ans.append(R.know())
            R.turns.append({"role": "assistant", "content": join(st, rng, ans)})
        elif step == "summary":
            R.turns.append({"role": "user", "content": ask("summary", st, rng, p)})
            ks = [x for x in ["side", "vert", "size", "count"] if can(x)]
            rng.shuffle(ks)
            ans = [rng.choice([f"{cap(name)}, segmented.", f"In short: {name}."])]
            ans += [state(x) for x in ks[:rng.randint(1, 3)]]
            if rng.random() < 0.5:
                ans.append(reassure(st, rng, p))
            R.turns.append({"role": "assistant", "content": join(st, rng, ans)})
        else:
            R.turns.append({"role": "user", "content": ask("know", st, rng, p)})
            R.turns.append({"role": "assistant", "content": join(st, rng, [R.know(), R.know()])})

    LEDGER.append(dict(claims=R.claims, fkind=fkind, placement=placement, wrong=wrong))
    return R.turns, ([defect] if defect else [])


def premise(R, k, wrong, st, rng):
    """A follow-up user question built on a false premise (the planted defect)."""
    p = R.p
    if k == "side":
        val = wrong
        lead = rng.choice({"parent_facing": [f"So it's only on {R.poss()} {val} side.",
                                             f"Since it's on {R.poss()} {val} side,"],
                           "sonographer": [f"As it's {val}-sided,", f"Given it's {val} only,"],
                           "paeds_radiologist": [f"Given the {val}-sided location,", f"As this is {val}-sided,"],
                           "nicu_chat": [f"so it's {val} only", f"since it's the {val} one,"]}[st])
        t = lead
        R.claim("side", val, t)
    elif k == "vert":
        ph = R.vphrase(wrong)
        t = rng.choice([f"Since it sits {ph},", f"Given that it lies {ph},"])
        R.claim("vert", wrong, t)
    elif k == "rel":
        ph = R.relphrase(*wrong)
        t = rng.choice([f"Since it lies {ph},", f"Given it sits {ph},"])
        R.claim("rel", wrong[0], t, other=wrong[1])
    elif k == "size":
        if wrong[0] == "class":
            t = rng.choice([f"Since it looks so {wrong[1]} on the picture,",
                            f"Given it's {wrong[1]} on this image,"])
            R.claim("size_class", wrong[1], t)
        else:
            ptxt = pct_text(wrong[1])
            t = f"Given it covers about {ptxt}% of the image,"
            R.claim("pct", float(ptxt), t)
    else:
        n = wrong
        w = NUM.get(n, str(n))
        t = rng.choice([f"Since there are {w} separate pieces," if n > 1 else "Since it's all one single piece,",
                        f"With {n} separate bits," if n > 1 else "As it's just one connected bit,"])
        R.claim("count", n, t)
    tail = rng.choice({"parent_facing": [" is that something to worry about?", " what happens next?"],
                       "sonographer": [" anything else to document?", " do I need extra views?"],
                       "paeds_radiologist": [" what would you recommend?", " what's the teaching point?"],
                       "nicu_chat": [" do we need to escalate?", " plan?"]}[st])
    return t + tail
