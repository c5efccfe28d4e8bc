"""Bank GA: questions typed on a phone, answered by assistants of varying care.

The user texts from a phone: lowercase, no punctuation, typos ("rigth", "lft", "kidny"), autocorrect slips
("scab* scan"), run-on sentences. Four registers for the assistant: `mirror` (a casual assistant that
echoes the user's spelling and texting), `careful` (clean, polished prose), `bullets` (markdown bullet
points with bold labels) and `brisk` (a hurried clinician: abbreviations, fragments). Targets are
abdominal, chest, pelvic and brain CT/MR labels, axial in the radiological (LP) and neurological (RP)
display and coronal (LI). Synthetic masks are jittered ellipses; every claim is written from the facts
computed on them, and false claims are the planted ones. Written without reading any QC rule.

Own check (/work/notes/qcga_scripts/check_ga.py): rows 420, clean 210, defects laterality 42 position 42
size 42 count 42 names_target 42; defect sits in first answer 56, follow-up answer 56, uncorrected user
premise 56, first question 42; problems: 0
"""

from __future__ import annotations

import math
import re

import numpy as np

from medseg_qa.facts import compute_facts

H = W = 256
LEDGER: list[dict] = []  # one entry per built row: the claims it makes (read by the bank's own checker)

# -- profiles -----------------------------------------------------------------------------------------
# blobs: (lat, vert, rx, ry, angle) in image fractions; lat > 0 is the patient's left, vert > 0 points to
# the orientation's second letter (posterior on axial, inferior on coronal). lesions: (n_lo, n_hi, lat
# range, vert range, radius range). others: name -> (lat, vert) of another labelled structure's centre.

PROFILES = [
    # abdomen, CT axial
    dict(target="liver", say="the liver", region="abdomen", mod="CT", o="LP", blobs=[(-0.19, -0.02, 0.21, 0.18, 0.3)],
         others={"stomach": (0.17, -0.08), "abdominal aorta": (0.01, 0.12)}, noun="piece",
         forms=["liver", "hepat"], named=["the liver", "my liver", "the livr"],
         qs=["which organ makes bile n stores sugar for later, can u show me",
             "my blood tests came back w high alt n ast, which organ is that even, outline it pls",
             "dr mentioned fatty something from drinking, the big organ under my ribs,, which one is it on this ct",
             "whats the biggest solid organ in my belly on this scab* scan lol"],
         kb=["An adult liver weighs roughly 1.4 to 1.6 kg.",
             "The spleen sits on the opposite side, under the left ribs, and is much smaller.",
             "Blood tests like ALT and AST come from liver cells, and a value a few times over the upper limit is common with fatty liver."]),
    dict(target="spleen", say="the spleen", region="abdomen", mod="CT", o="LP", blobs=[(0.25, 0.09, 0.075, 0.1, -0.5)],
         others={"liver": (-0.19, -0.02), "left kidney": (0.17, 0.13)}, noun="piece",
         forms=["spleen", "splen"], named=["the spleen", "my spleen", "the spleeen"],
         qs=["which organ filters old red blood cells n can rupture if u crack a rib, show me",
             "had mono last yr n they said some organ got swollen, which one is it here",
             "which organ helps fight infection n recycles blood cells, the one ppl can live w/o"],
         kb=["A normal adult spleen is usually under about 12 to 13 cm long.",
             "About 10 to 30 percent of people have a small extra splenule, which is harmless.",
             "The liver is on the other side, the right, and is several times bigger."]),
    dict(target="left kidney", say="the left kidney", region="abdomen", mod="CT", o="LP", blobs=[(0.19, 0.12, 0.07, 0.09, 0.2)],
         others={"abdominal aorta": (0.01, 0.1), "spleen": (0.26, 0.0)}, noun="piece",
         forms=["kidney", "kidny", "renal"], named=["the left kidney", "my lft kidney", "the left kidny"],
         qs=["which organ filters my blood n makes pee, the one on the back wall on my lft, can u outline it",
             "my egfr is 55 and my lft flank aches, which organ is that on the ct",
             "which bean shaped thing on the lft makes urine, i only want that one not both"],
         kb=["The left kidney usually sits slightly higher than the right one, because the liver pushes the right one down.",
             "An adult kidney is typically 10 to 12 cm long.",
             "An eGFR of 55 is mildly reduced, but the number alone doesn't say which kidney is involved."]),
    dict(target="right kidney", say="the right kidney", region="abdomen", mod="CT", o="LP", blobs=[(-0.19, 0.13, 0.07, 0.09, -0.2)],
         others={"abdominal aorta": (0.01, 0.1), "liver": (-0.18, -0.08)}, noun="piece",
         forms=["kidney", "kidny", "renal"], named=["the right kidney", "my rigth kidney", "the right kidny"],
         qs=["which organ makes urine on my rigth side at the back, outline just that one",
             "bean shaped organ on the right that filters blood,, where is it here",
             "i had a uti that went up to the organ that makes pee on the rite side, which is it"],
         kb=["The right kidney usually sits a little lower than the left because the liver is above it.",
             "Most people have two kidneys, and you can live normally with just one.",
             "An adult kidney is usually 10 to 12 cm long."]),
    dict(target="kidneys", pl=True, say="the kidneys", region="abdomen", mod="CT", o="LP",
         blobs=[(0.19, 0.12, 0.065, 0.09, 0.2), (-0.19, 0.13, 0.065, 0.09, -0.2)],
         others={"abdominal aorta": (0.0, 0.1), "liver": (-0.18, -0.1)}, noun="piece",
         forms=["kidney", "kidny", "renal"], named=["both kidneys", "the kidneys", "my kidnys"],
         qs=["which pair of organs make urine, can u outline both of them",
             "my creatinine is up a bit, which organs filter the blood, show me the pair",
             "the bean shaped organs at the back that make pee,, where r they on this"],
         kb=["Together the kidneys filter roughly 180 litres of blood plasma a day.",
             "The left one usually sits a bit higher than the right.",
             "A creatinine slightly above the normal range can have causes outside the kidneys, like dehydration."]),
    dict(target="gallbladder", say="the gallbladder", region="abdomen", mod="CT", o="LP", blobs=[(-0.16, -0.11, 0.035, 0.03, 0.4)],
         others={"liver": (-0.19, -0.02), "abdominal aorta": (0.01, 0.12)}, noun="piece",
         forms=["gallbladder", "gall bladder", "gallbladdr"], named=["the gallbladder", "my gall bladder", "the gallbladdr"],
         qs=["which little sac stores bile, i get pain after fatty food",
             "pain after chips every time, under the ribs, what organ squeezes out bile,, show me",
             "they said stones might be in the thing that holds bile, where is it on the ct"],
         kb=["Gallstones are common: roughly 10 to 15 percent of adults in western countries have them.",
             "A normal wall is under about 3 mm thick.",
             "People can live without it; the bile then drips straight from the liver into the gut."]),
    dict(target="pancreas", say="the pancreas", region="abdomen", mod="CT", o="LP", blobs=[(0.0, 0.0, 0.12, 0.033, 0.0)],
         others={"abdominal aorta": (0.0, 0.12), "stomach": (0.14, -0.14)}, noun="piece",
         forms=["pancrea"], named=["the pancreas", "my pancrease", "the pancreas gland"],
         qs=["which gland makes insulin n the digestive juices, i got told my lipase was high",
             "which organ goes wrong in type 1 diabetes, can u outline it here",
             "my dad had cancer of the gland that makes insulin,, where is it on a ct like this"],
         kb=["The insulin-making islet cells are only about 1 to 2 percent of the gland's mass.",
             "A lipase over 3 times the upper limit is one of the criteria for acute inflammation there.",
             "It lies deep in the upper abdomen, which is why problems there often show up as back pain."]),
    dict(target="abdominal aorta", say="the abdominal aorta", region="abdomen", mod="CT", o="LP", blobs=[(0.0, 0.11, 0.036, 0.036, 0.0)],
         others={"liver": (-0.19, -0.02), "pancreas": (0.0, -0.03)}, noun="piece",
         forms=["aorta", "aortic"], named=["the abdominal aorta", "my aorta", "the aortia"],
         qs=["which big artery runs down my belly, my dad had an aneurysm in it",
             "the main blood pipe from the heart going down to the legs,, where is it on this slice",
             "gp felt a pulsing lump in my tummy n sent me for this ct, which vessel were they checking"],
         kb=["Below the kidneys it is normally under about 2 cm across; over 3 cm counts as an aneurysm.",
             "Men over 65 are often offered a one-off ultrasound screen for aneurysm.",
             "The inferior vena cava runs alongside it on the right and carries blood back to the heart."]),
    dict(target="liver metastases", pl=True, say="the liver metastases", region="abdomen", mod="CT", o="LP",
         lesions=(2, 5, (-0.3, -0.1), (-0.1, 0.1), (0.018, 0.032)),
         others={"stomach": (0.17, -0.08), "abdominal aorta": (0.01, 0.12)}, noun="lesion",
         forms=["metasta", "mets"], named=["the liver metastases", "the liver mets", "the metastases in my liver"],
         qs=["my bowel cancer might of spread n they saw spots on the ct, which ones r the spread ones",
             "onc said theres secondaries from my colon cancer,, can u outline them",
             "wat r the dark round spots in the big organ under my ribs, they think its spread from somewhere"],
         kb=["Bowel cancer spreads to the liver more than anywhere else, because the gut's blood drains there first.",
             "Around 1 in 4 people with bowel cancer have spread to the liver at some point.",
             "Surgery or ablation can be an option when the spots are limited in number."]),
    dict(target="adrenal glands", pl=True, say="the adrenal glands", region="abdomen", mod="CT", o="LP",
         blobs=[(0.11, 0.09, 0.025, 0.035, 0.5), (-0.11, 0.08, 0.025, 0.035, -0.5)],
         others={"abdominal aorta": (0.0, 0.12), "liver": (-0.2, -0.04)}, noun="gland",
         forms=["adrenal"], named=["the adrenal glands", "my adrenals", "the adrenal gland's"],
         qs=["which little glands make cortisol n the fight or flight hormone, show me both",
             "my cortisol test was off, which glands make it,, where r they",
             "the glands that sit up on top of the organs that make pee, can u outline them"],
         kb=["Each one weighs only about 4 to 5 grams.",
             "An incidental nodule in one of these glands turns up on roughly 4 percent of abdominal CTs.",
             "A morning cortisol is usually measured between 8 and 9 am."]),
    dict(target="renal calculi", pl=True, say="the kidney stones (renal calculi)", region="abdomen", mod="CT", o="LP",
         lesions=(1, 3, (0.13, 0.23), (0.08, 0.16), (0.012, 0.02)), lesions_mirror=True,
         others={"abdominal aorta": (0.0, 0.1)}, noun="stone",
         forms=["calcul", "stone"], named=["the kidney stones", "the renal calculi", "the stones in my kidney"],
         qs=["worst pain of my life in my flank coming in waves, whats the bright white stuff here",
             "peeing blood n pain to the groin,, whats causing it, i can see something bright white",
             "is there chalky white stuff where urine gets made, outline it"],
         kb=["Roughly 1 in 10 people get one at some point in their life.",
             "Ones under about 5 mm usually pass on their own within a few weeks.",
             "Drinking 2 to 3 litres of water a day lowers the chance of new ones."]),
    # chest, CT axial
    dict(target="right lung", say="the right lung", region="chest", mod="CT", o="LP", blobs=[(-0.19, 0.02, 0.15, 0.26, 0.0)],
         others={"heart": (0.07, -0.08), "esophagus": (0.0, 0.1)}, noun="piece",
         forms=["lung"], named=["the right lung", "my rigth lung", "the right lugn"],
         qs=["which part of my chest is the one with 3 lobes, outline it pls",
             "which organ do i breathe with on the side the liver is, just that one",
             "they said the lower lobe on the side opposite my heart had an infection, which organ is that"],
         kb=["The right lung has three lobes and the left has two, to make room for the heart.",
             "At rest an adult breathes about 12 to 20 times a minute.",
             "The right main bronchus is wider and more vertical, which is why inhaled things tend to go right."]),
    dict(target="lungs", pl=True, say="the lungs", region="chest", mod="CT", o="LP",
         blobs=[(-0.2, 0.02, 0.14, 0.25, 0.0), (0.2, 0.02, 0.13, 0.24, 0.0)],
         others={"heart": (0.07, -0.08)}, noun="piece",
         forms=["lung"], named=["the lungs", "both lungs", "my lugns"],
         qs=["which organs do the actual breathing, can u outline both",
             "i quit smoking 2 yrs ago after 30 pack yrs, which organs were they screening",
             "the spongy air filled organs in my chest,, show me where they r"],
         kb=["The right one has three lobes and the left has two.",
             "Lung screening is usually offered to people aged 55 to 74 with a heavy smoking history.",
             "Total lung capacity in an adult is around 6 litres."]),
    dict(target="heart", say="the heart", region="chest", mod="CT", o="LP", blobs=[(0.09, -0.09, 0.12, 0.1, 0.5)],
         others={"esophagus": (0.0, 0.1), "right lung": (-0.2, 0.02)}, noun="piece",
         forms=["heart", "cardiac", "cardia"], named=["the heart", "my heart", "the hart"],
         qs=["which organ pumps my blood, i had an mi last yr, can u outline it",
             "my ecg shows afib,, which organ is that on this chest scan",
             "the muscle that beats about 70 times a min, where is it on this ct"],
         kb=["It beats roughly 100,000 times a day.",
             "A normal resting rate is about 60 to 100 beats a minute.",
             "The aorta leaves it and arches over to the left before running down the back."]),
    dict(target="pulmonary nodules", pl=True, say="the pulmonary nodules", region="chest", mod="CT", o="LP",
         lesions=(2, 4, (-0.28, 0.28), (-0.15, 0.15), (0.014, 0.024)), avoid_mid=0.1,
         others={"heart": (0.07, -0.08)}, noun="nodule",
         forms=["nodul"], named=["the lung nodules", "the pulmonary nodules", "the nodules"],
         qs=["the report said some small round spots in the lungs need follow up, which ones",
             "they found little spots on my lung screening,, can u outline them all",
             "which round white dots in the lung tissue r they talking about in my letter"],
         kb=["In a low-risk person, solid spots under 6 mm usually need no routine follow-up.",
             "The vast majority of small ones turn out to be benign, often old scars.",
             "Follow-up scans are often at 3, 6 or 12 months, depending on size."]),
    dict(target="pleural effusion", say="the pleural effusion", region="chest", mod="CT", o="LP", blobs=[(-0.21, 0.2, 0.11, 0.05, 0.3)],
         others={"heart": (0.07, -0.08), "esophagus": (0.0, 0.08)}, noun="collection",
         forms=["effusion", "pleural"], named=["the pleural effusion", "the effusion", "the pleural efusion"],
         qs=["theres fluid around my lung making me breathless, where is it",
             "dr said water on the lung,, can u outline the water bit",
             "they want to drain some fluid from my chest next week, which bit is the fluid"],
         kb=["Normally there are only a few millilitres of fluid between the layers.",
             "On a plain chest x-ray roughly 200 mL is needed before it becomes visible.",
             "A drain usually takes off no more than about 1.5 litres at a time."]),
    dict(target="esophagus", say="the esophagus", region="chest", mod="CT", o="LP", blobs=[(0.0, 0.1, 0.03, 0.028, 0.0)],
         others={"heart": (0.07, -0.09), "right lung": (-0.2, 0.02)}, noun="piece",
         forms=["esophag", "oesophag", "gullet"], named=["the esophagus", "my oesophagus", "the esophogus"],
         qs=["which tube does food go down, stuff gets stuck when i swallow",
             "bad reflux for 10 yrs,, which pipe is the acid burning, outline it",
             "the food pipe thing between throat n stomach where is it here"],
         kb=["In adults it is about 25 cm long.",
             "Long-standing reflux can change its lining; this is called Barrett's.",
             "The trachea runs just in front of it in the neck."]),
    # pelvis, MR/CT axial
    dict(target="urinary bladder", say="the urinary bladder", region="pelvis", mod="CT", o="LP", blobs=[(0.0, -0.1, 0.11, 0.09, 0.0)],
         others={"rectum": (0.0, 0.16)}, noun="piece",
         forms=["bladder", "bladdr"], named=["the bladder", "my bladder", "the urinary bladdr"],
         qs=["which organ holds the pee, i have to go all the time",
             "my urine keeps coming back w blood in it,, where does pee get stored, show me",
             "which stretchy bag in my pelvis fills up w urine"],
         kb=["An adult one comfortably holds about 400 to 600 mL.",
             "The urge to go usually starts at around 150 to 300 mL.",
             "Blood in the urine has many causes; most are not cancer."]),
    dict(target="prostate", say="the prostate", region="pelvis", mod="MR", o="LP", blobs=[(0.0, 0.02, 0.05, 0.04, 0.0)],
         others={"rectum": (0.0, 0.14), "urinary bladder": (0.0, -0.12)}, noun="piece",
         forms=["prostat"], named=["the prostate", "my prostate", "the prostrate"],
         qs=["my psa came back 6.5, which gland is that, can u outline it on the mri",
             "im 62 n getting up to pee 3 times a nite, which gland is enlarged",
             "the walnut sized gland only men have,, show me"],
         kb=["A normal one is about 20 to 25 mL, roughly walnut-sized.",
             "A PSA of 6.5 ng/mL is above the usual threshold of around 4, but many things raise it.",
             "On MRI, findings are scored from 1 to 5 on PI-RADS."]),
    dict(target="uterus", say="the uterus", region="pelvis", mod="MR", o="LP", blobs=[(0.0, -0.01, 0.1, 0.07, 0.2)],
         others={"urinary bladder": (0.0, -0.14), "rectum": (0.0, 0.14)}, noun="piece",
         forms=["uterus", "uterine", "womb"], named=["the uterus", "my womb", "the uterous"],
         qs=["where does a baby grow, i have really heavy periods n they did this mri",
             "which organ sheds its lining every month,, can u outline it",
             "gyn wants to look at the muscular organ where pregnancy happens, which one is it"],
         kb=["In a non-pregnant adult it is roughly 7 to 8 cm long.",
             "A normal cycle is anywhere from 21 to 35 days.",
             "The bladder sits just in front of it, which is why pressure there can make you pee more."]),
    dict(target="left ovary", say="the left ovary", region="pelvis", mod="MR", o="LP", blobs=[(0.14, 0.0, 0.035, 0.03, 0.3)],
         others={"uterus": (0.0, -0.01), "rectum": (0.0, 0.15)}, noun="piece",
         forms=["ovary", "ovari", "ovaries"], named=["the left ovary", "my lft ovary", "the left overy"],
         qs=["which organ makes eggs on my lft side, i had a cyst there",
             "pain on the lft every month mid cycle,, which organ releases the egg there",
             "where is the egg making organ on the left on this mri pls"],
         kb=["Ovaries are roughly 3 by 2 by 1 cm in adults.",
             "The right ovary lies close to the appendix, which is why right-sided pelvic pain is tricky.",
             "Simple cysts under about 5 cm often go away within 2 or 3 cycles."]),
    dict(target="uterine fibroids", pl=True, say="the uterine fibroids", region="pelvis", mod="MR", o="LP",
         lesions=(2, 4, (-0.09, 0.09), (-0.07, 0.06), (0.022, 0.04)),
         others={"urinary bladder": (0.0, -0.15), "rectum": (0.0, 0.15)}, noun="fibroid",
         forms=["fibroid"], named=["the fibroids", "my fibroids", "the uterine fibriods"],
         qs=["heavy bleeding n the gyn said benign muscle lumps in the womb, which are they",
             "the non cancerous growths that make my periods heavy,, can u outline them",
             "which round lumps in the muscle wall r they thinking of embolising"],
         kb=["By age 50, up to 70 percent of women have at least one.",
             "They usually shrink after menopause.",
             "Embolisation blocks their blood supply through a small tube put in at the wrist or groin."]),
    # brain, MR
    dict(target="lateral ventricles", pl=True, say="the lateral ventricles", region="brain", mod="MR", o="LP",
         blobs=[(0.085, 0.0, 0.028, 0.13, 0.1), (-0.085, 0.0, 0.028, 0.13, -0.1)],
         others={"pineal gland": (0.0, 0.16)}, noun="chamber",
         forms=["ventric"], named=["the lateral ventricles", "the ventricles", "the lateral ventricals"],
         qs=["which fluid filled spaces inside the brain r they worried are too big",
             "my son has hydrocephalus,, which spaces hold the fluid that builds up, show me",
             "where does the brain fluid sit deep inside on this mri, the two main spaces"],
         kb=["The brain makes around 500 mL of cerebrospinal fluid a day.",
             "Only about 150 mL is in and around the brain and spine at any one time.",
             "A shunt drains the extra fluid, most often into the belly."]),
    dict(target="right hippocampus", say="the right hippocampus", region="brain", mod="MR", o="LI", blobs=[(-0.12, 0.1, 0.03, 0.02, 0.3)],
         others={"lateral ventricles": (0.0, -0.06), "pituitary gland": (0.0, 0.17)}, noun="piece",
         forms=["hippocamp"], named=["the right hippocampus", "my rigth hippocampus", "the right hipocampus"],
         qs=["which part of the brain does memory, on the rigth side, my mum has early alzheimers",
             "the seahorse shaped bit on the right that shrinks in dementia,, outline it",
             "they said the memory area on the right looks smaller, which structure is that"],
         kb=["It's named after the seahorse because of its curved shape.",
             "In most right-handed people language is handled mainly by the left hemisphere.",
             "Some shrinkage with age is normal, roughly 1 to 2 percent a year after 60."]),
    dict(target="brain metastases", pl=True, say="the brain metastases", region="brain", mod="MR", o="LP",
         lesions=(2, 5, (-0.28, 0.28), (-0.25, 0.25), (0.016, 0.03)), avoid_mid=0.1,
         others={"lateral ventricles": (0.0, 0.0)}, noun="lesion",
         forms=["metasta", "mets"], named=["the brain metastases", "the brain mets", "the metastases"],
         qs=["my lung cancer might of gone to my head, which spots r the spread ones",
             "the mri has some bright ring spots,, they said secondaries, outline them",
             "which lumps in the brain came from the breast cancer"],
         kb=["Roughly 20 to 40 percent of people with cancer develop spread to the brain.",
             "Stereotactic radiosurgery is often used for up to about 10 small ones.",
             "Steroids like dexamethasone, often 4 to 8 mg a day, reduce the swelling around them."]),
    dict(target="pituitary gland", say="the pituitary gland", region="brain", mod="MR", o="LI", blobs=[(0.0, 0.16, 0.026, 0.02, 0.0)],
         others={"lateral ventricles": (0.0, -0.06)}, noun="piece",
         forms=["pituitar"], named=["the pituitary gland", "my pituatary", "the pituitary"],
         qs=["which gland controls all my other hormones, my prolactin is high",
             "the master gland that sits in a little bony cup at the base of the brain,, where is it",
             "my periods stopped n milk is coming out, which gland did they scan for"],
         kb=["In adults it is normally up to about 8 to 10 mm tall.",
             "A prolactin over about 25 ng/mL is usually counted as raised in women.",
             "Small benign growths there are found in about 10 percent of people who have an MRI."]),
    dict(target="subdural hematoma", say="the subdural hematoma", region="brain", mod="CT", o="RP", blobs=[(-0.27, -0.03, 0.05, 0.17, 0.0)],
         others={"lateral ventricles": (0.0, 0.0)}, noun="collection",
         forms=["subdural", "hematoma", "haematoma"], named=["the subdural hematoma", "the subdural", "the subdrual haematoma"],
         qs=["grandad fell n hit his head, the er said theres blood under the skull lining, where is it",
             "he's on blood thinners n had a fall 2 weeks ago,, which bit is the bleed",
             "crescent shaped bleed after a fall,, can u outline the blood"],
         kb=["In older people it can build up slowly, days or weeks after a minor fall.",
             "Blood thinners such as warfarin raise the risk.",
             "Ones thicker than about 10 mm, or pushing the brain across by more than 5 mm, are often operated on."]),
    dict(target="glioblastoma", say="the glioblastoma", region="brain", mod="MR", o="RP", blobs=[(0.2, -0.1, 0.075, 0.065, 0.4)],
         others={"pineal gland": (0.0, 0.14), "lateral ventricles": (0.0, 0.0)}, noun="mass",
         forms=["glioblastoma", "gbm", "glioma"], named=["the glioblastoma", "the gbm", "the gliobastoma"],
         qs=["they found an aggressive tumour that starts from the brains support cells, which one is it",
             "my wife had seizures n they found a grade 4 growth,, can u outline it",
             "which mass is the bad one they want to operate on next week"],
         kb=["It's the most common primary malignant brain tumour in adults.",
             "Treatment usually means surgery, then about 6 weeks of radiotherapy with temozolomide.",
             "Seizures are the first sign in roughly a quarter of people."]),
]

STYLES = ["mirror", "careful", "bullets", "brisk"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
PLANE = {"LP": "axial", "RP": "axial", "LI": "coronal"}
REGION_BODY = {"abdomen": "belly", "chest": "chest", "pelvis": "pelvis", "brain": "head"}


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["o"]}


def pick_profile(profiles: list, i: int, defect, rng):
    """Count defects lean on multi-piece targets, laterality on sided and bilateral ones; else uniform."""
    if defect == "count" and rng.random() < 0.6:
        pool = [p for p in profiles if "lesions" in p or len(p.get("blobs", [])) > 1]
        return rng.choice(pool)
    return rng.choice(profiles)


# -- masks and facts ----------------------------------------------------------------------------------

def _to_image(p: dict, lat: float, vert: float) -> tuple[float, float]:
    sign = 1.0 if p["o"][0] == "L" else -1.0
    return 0.5 + sign * lat, 0.5 + vert


def _ellipse(mask, cx, cy, rx, ry, ang):
    yy, xx = np.mgrid[0:H, 0:W]
    dx, dy = xx - cx * (W - 1), yy - cy * (H - 1)
    c, s = math.cos(ang), math.sin(ang)
    u, v = dx * c + dy * s, -dx * s + dy * c
    mask |= (u / (rx * W)) ** 2 + (v / (ry * H)) ** 2 <= 1.0


def facts_for(p: dict, rng) -> dict:
    mask = np.zeros((H, W), bool)
    blobs = []
    if "lesions" in p:
        lo, hi, (la, lb), (va, vb), (ra, rb) = p["lesions"]
        n = rng.randint(lo, hi)
        for _ in range(200):
            if len(blobs) == n:
                break
            lat, vert, r = rng.uniform(la, lb), rng.uniform(va, vb), rng.uniform(ra, rb)
            if p.get("lesions_mirror") and rng.random() < 0.5:
                lat = -lat
            if abs(lat) < p.get("avoid_mid", 0.0):
                continue
            if all(math.hypot(lat - b[0], vert - b[1]) > r + max(b[2], b[3]) + 0.03 for b in blobs):
                blobs.append((lat, vert, r, r * rng.uniform(0.8, 1.0), rng.uniform(0, 3.1)))
    else:
        j = 0.012
        for lat, vert, rx, ry, ang in p["blobs"]:
            k = rng.uniform(0.9, 1.1)
            blobs.append((lat + rng.uniform(-j, j), vert + rng.uniform(-j, j), rx * k, ry * k, ang + rng.uniform(-0.2, 0.2)))
    for lat, vert, rx, ry, ang in blobs:
        cx, cy = _to_image(p, lat, vert)
        _ellipse(mask, cx, cy, rx, ry, ang)
    others = {name: _to_image(p, *c) for name, c in sorted(p["others"].items())}
    return compute_facts(mask, p["o"], others).model_dump(mode="json")


# -- phone typing -----------------------------------------------------------------------------------

_TYPO = [(r"\byou\b", "u"), (r"\byour\b", "ur"), (r"\bare\b", "r"), (r"\band\b", "n"), (r"\bplease\b", "pls"),
         (r"\bthanks\b", "thx"), (r"\bwhat\b", "wat"), (r"\bthe\b", "teh"), (r"\bbecause\b", "bc"),
         (r"\bjust\b", "jsut"), (r"\babout\b", "abt"), (r"\breally\b", "rly"), (r"\bknow\b", "kno"),
         (r"\bit's\b", "its"), (r"\bdon't\b", "dont"), (r"\bi'm\b", "im"), (r"\bthat's\b", "thats"),
         (r"\bwith\b", "w"), (r"\bsomething\b", "smth"), (r"\bscan\b", "scab* scan"), (r"\bworried\b", "worryed")]


def phone(text: str, rng) -> str:
    """A user template typed on a phone (typos on filler words only; claim slots are filled later)."""
    t = text.lower()
    for pat, rep in _TYPO:
        if re.search(pat, t) and rng.random() < (0.12 if rep.startswith("scab") else 0.35):
            t = re.sub(pat, rep, t, count=1)
    if rng.random() < 0.5:
        t = t.rstrip("?.!")
    if rng.random() < 0.2:
        t += rng.choice([" lol", " thx", " ty", " sry on my phone", " 🙏", " ??"])
    return t


# -- claim phrases ------------------------------------------------------------------------------------

USER_SIDE = {"left": ["lft", "left", "lefft", "left"], "right": ["rigth", "right", "rite", "rihgt"]}


def lat_phrase(v: str, style: str, rng, user=False) -> str:
    if user:
        if v in ("left", "right"):
            return rng.choice(["on my {} side", "on the {}", "on the {} side"]).format(rng.choice(USER_SIDE[v]))
        if v == "bilateral":
            return rng.choice(["on both sides", "one each side"])
        return rng.choice(["right in the middle", "in the middle not to one side"])
    table = {
        "mirror": {"left": ["on ur lft side", "on the lft", "on ur left side"],
                   "right": ["on ur rigth side", "on the rigth", "on ur right side"],
                   "bilateral": ["on both sides, one each side", "on both sides"],
                   "midline": ["right in the middle, not off to one side", "in the middle of ur body"]},
        "careful": {"left": ["on your left side", "on the patient's left", "in the left half of your body"],
                    "right": ["on your right side", "on the patient's right", "in the right half of your body"],
                    "bilateral": ["on both sides of the body", "on both the left and the right"],
                    "midline": ["in the midline", "centred on the midline rather than off to one side"]},
        "bullets": {"left": ["left (patient's left)", "left-sided"], "right": ["right (patient's right)", "right-sided"],
                    "bilateral": ["both sides (bilateral)", "bilateral"], "midline": ["midline", "midline, not to one side"]},
        "brisk": {"left": ["L-sided", "left side", "pt's left"], "right": ["R-sided", "right side", "pt's right"],
                  "bilateral": ["bilateral", "both sides"], "midline": ["midline", "midline"]},
    }
    return rng.choice(table[style][v])


def vert_phrase(v: str, p: dict, style: str, rng, user=False) -> str:
    body = REGION_BODY[p["region"]]
    coronal = PLANE[p["o"]] == "coronal"
    if user:
        return rng.choice({"anterior": ["near the front", "towards the front"], "posterior": ["near the back", "towards the back"],
                           "superior": ["higher up", "near the top"], "inferior": ["lower down", "near the bottom"],
                           "central": ["kinda in the middle front to back" if not coronal else "halfway up"]}[v])
    table = {
        "anterior": {"mirror": [f"towards the front of ur {body}"], "careful": [f"toward the front of the {body} (anterior)", "anteriorly"],
                     "bullets": ["anterior", f"anterior (front of the {body})"], "brisk": ["anterior", "ant."]},
        "posterior": {"mirror": [f"towards the back of ur {body}"], "careful": [f"toward the back of the {body} (posterior)", "posteriorly"],
                      "bullets": ["posterior", f"posterior (back of the {body})"], "brisk": ["posterior", "post."]},
        "superior": {"mirror": ["higher up, towards the top of ur head" if body == "head" else "higher up towards ur head"],
                     "careful": ["superiorly, toward the top of the slice", "in the upper part of this coronal slice (superior)"],
                     "bullets": ["superior", "superior (upper part of the slice)"], "brisk": ["superior", "sup."]},
        "inferior": {"mirror": ["lower down, near the bottom of the pic"], "careful": ["inferiorly, toward the bottom of this coronal slice", "in the lower part of the slice (inferior)"],
                     "bullets": ["inferior", "inferior (lower part of the slice)"], "brisk": ["inferior", "inf."]},
        "central": {"mirror": ["about halfway between front n back" if not coronal else "about halfway up n down"],
                    "careful": ["midway between the front and the back" if not coronal else "at about mid-height on this slice"],
                    "bullets": ["central front-to-back" if not coronal else "central top-to-bottom"],
                    "brisk": ["central AP" if not coronal else "central SI"]},
    }
    return rng.choice(table[v][style])


REL_WORDS = {"left_of": ["to the left of the {o} (patient's left)", "on the patient's left of the {o}"],
             "right_of": ["to the right of the {o} (patient's right)", "on the patient's right of the {o}"],
             "anterior_to": ["in front of the {o}", "anterior to the {o}"],
             "posterior_to": ["behind the {o}", "posterior to the {o}"],
             "superior_to": ["above the {o}", "superior to the {o}"],
             "inferior_to": ["below the {o}", "inferior to the {o}"]}
REL_BRISK = {"left_of": "L of {o}", "right_of": "R of {o}", "anterior_to": "ant. to {o}", "posterior_to": "post. to {o}",
             "superior_to": "sup. to {o}", "inferior_to": "inf. to {o}"}
REL_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
            "superior_to": "inferior_to", "inferior_to": "superior_to"}


def rel_phrase(rel: str, other: str, style: str, rng, user=False) -> str:
    if user:
        return {"left_of": "to the left of the {o}", "right_of": "to the right of the {o}", "anterior_to": "in front of the {o}",
                "posterior_to": "behind the {o}", "superior_to": "above the {o}", "inferior_to": "below the {o}"}[rel].format(o=other)
    if style == "brisk":
        return REL_BRISK[rel].format(o=other)
    return rng.choice(REL_WORDS[rel]).format(o=other)


def size_phrase(v: str, style: str, rng, user=False) -> str:
    if user:
        return rng.choice({"small": ["tiny", "small"], "medium": ["medium sized", "kinda medium"], "large": ["huge", "big", "large"]}[v])
    table = {"mirror": {"small": ["pretty small", "small"], "medium": ["medium sized", "kinda medium"], "large": ["big", "pretty large"]},
             "careful": {"small": ["small", "small on this slice"], "medium": ["medium-sized", "moderate in size"], "large": ["large", "large on this slice"]},
             "bullets": {"small": ["small"], "medium": ["medium"], "large": ["large"]},
             "brisk": {"small": ["small"], "medium": ["medium", "mid-sized"], "large": ["large"]}}
    return rng.choice(table[style][v])


def pct_text(x: float) -> str:
    return f"{x:.2f}" if x < 0.25 else f"{x:.1f}" if x < 1 else f"{round(x):d}"


WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def plural(noun: str, n: int) -> str:
    if n == 1:
        return noun
    return {"mass": "masses", "lesion": "lesions"}.get(noun, noun + "s")


def count_phrase(n: int, noun: str, style: str, rng, user=False) -> str:
    if user:
        if n == 1:
            return rng.choice([f"just the one {noun}", f"only 1 {noun}"])
        return rng.choice([f"{n} {plural(noun, n)}", f"{WORDS[n]} {plural(noun, n)}"])
    if n == 1:
        return {"mirror": f"just 1 {noun}", "careful": f"a single {noun}", "bullets": "1 (single)", "brisk": "single component"}[style]
    return {"mirror": f"{n} separate {plural(noun, n)}", "careful": f"{WORDS[n]} separate {plural(noun, n)}",
            "bullets": f"{n} separate {plural(noun, n)}", "brisk": f"{n} {plural(noun, n)}"}[style]


# -- the conversation -----------------------------------------------------------------------------------

class Conv:
    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.turns: list[dict] = []
        self.claims: list[dict] = []

    def add(self, role: str, text: str) -> None:
        self.turns.append({"role": role, "content": text})

    def claim(self, kind, value, truth, role, phrase, corrected=False):
        self.claims.append(dict(kind=kind, value=value, true=truth, turn=len(self.turns), role=role,
                                corrected=corrected, text=phrase))
        return phrase


def _false_lat(v: str, rng) -> str:
    return {"left": "right", "right": "left", "bilateral": rng.choice(["left", "right"]),
            "midline": rng.choice(["left", "right"])}[v]


def _false_vert(v: str, coronal: bool, rng) -> str:
    if coronal:
        return {"superior": "inferior", "inferior": "superior", "central": rng.choice(["superior", "inferior"])}[v]
    return {"anterior": "posterior", "posterior": "anterior", "central": rng.choice(["anterior", "posterior"])}[v]


def _false_size(f: dict) -> str:
    v = f["size_class"]
    if v == "medium":
        return "large" if f["area_fraction"] < 0.03 else "small"
    return "large" if v == "small" else "small"


def _false_pct(f: dict, rng) -> float:
    af = f["area_fraction"] * 100
    if f["size_class"] == "large":
        x = min(af / rng.uniform(8, 12), rng.uniform(0.3, 0.5))
    elif f["size_class"] == "medium" and af > 3:
        x = min(af / rng.uniform(8, 12), rng.uniform(0.2, 0.4))
    elif f["size_class"] == "medium":
        x = max(af * rng.uniform(8, 12), rng.uniform(9, 14))
    else:
        x = max(af * rng.uniform(8, 12), rng.uniform(3.5, 6))
    return float(pct_text(x))


def _false_count(n: int, rng) -> int:
    if n == 1:
        return rng.choice([2, 3])
    return rng.choice([n + 1, n - 1]) if n < 5 else n - 1


def _image_side(p: dict, lat: str) -> str:
    """Screen side on which a left/right-sided target shows in this display."""
    return lat if p["o"][0] == "R" else {"left": "right", "right": "left"}[lat]


_PLURAL = [(r"\bRelative to its neighbours, it is\b", "Relative to their neighbours, they are"),
           (r"\bIt lies\b", "They lie"), (r"\bIt sits\b", "They sit"), (r"\bit sits\b", "they sit"),
           (r"\bIt is\b", "They are"), (r"\bit is\b", "they are"), (r"\bIt appears\b", "They appear"),
           (r"\bit appears\b", "they appear"), (r"\bIt covers\b", "Together they cover"),
           (r"\bit takes up\b", "together they take up"), (r"\bfind it\b", "find them"), (r"\bits\b", "theyre"),
           (r"\bit shows\b", "they show"), (r"\boutlined it\b", "outlined them"), (r"\bIt's\b", "They're")]

SEG_INTRO = {
    "mirror": ["ok so thats {say} [SEG]", "yep thats {say}, outlined it here [SEG]", "{say}! here u go [SEG]"],
    "careful": ["You're describing {say}. I've outlined it here: [SEG]", "That would be {say}, shown here [SEG].",
                "What you're describing is {say} [SEG]."],
    "bullets": ["**Answer:** {say} [SEG]", "Here's {say}, segmented: [SEG]", "**Structure:** {say} [SEG]"],
    "brisk": ["{say_cap}. [SEG]", "That's {say}. Segmented: [SEG]", "{say_cap} [SEG]."],
}


class Builder:
    """Decides which claims go where, then writes the turns in the register."""

    def __init__(self, p, f, style, rng, defect):
        self.c = Conv(p, f, style, rng)
        self.p, self.f, self.style, self.rng, self.defect = p, f, style, rng, defect
        self.coronal = PLANE[p["o"]] == "coronal"
        self.rels = [(r["relation"], r["other"]) for r in f["relations"]]

    # sentence makers: each returns a sentence with the claim phrase; truth given by the caller
    def s_lat(self, v, role="assistant", truth=True, corrected=False):
        ph = self.c.claim("laterality", v, truth, role, lat_phrase(v, self.style, self.rng), corrected)
        return self.rng.choice({
            "mirror": [f"its {ph}", f"it sits {ph}", f"u'll find it {ph}"],
            "careful": [f"It lies {ph}.", f"On this slice it sits {ph}.", f"You'll find it {ph}."],
            "bullets": [f"- **Side:** {ph}"],
            "brisk": [f"{ph[0].upper() + ph[1:]}.", f"Side: {ph}."]}[self.style])

    def s_vert(self, v, truth=True):
        ph = self.c.claim("position", ("vertical", v), truth, "assistant", vert_phrase(v, self.p, self.style, self.rng))
        return self.rng.choice({
            "mirror": [f"its {ph}", f"on this slice its {ph}"],
            "careful": [f"It sits {ph}.", f"Within the slice it is positioned {ph}."],
            "bullets": [f"- **Position:** {ph}"],
            "brisk": [f"Position: {ph}", f"Lies {ph}"]}[self.style]).rstrip(".") + ("." if self.style in ("careful", "brisk") else "")

    def s_rel(self, rel, other, truth=True):
        ph = self.c.claim("position", ("relation", rel, other), truth, "assistant", rel_phrase(rel, other, self.style, self.rng))
        return self.rng.choice({
            "mirror": [f"its {ph}", f"u can see its {ph}"],
            "careful": [f"It lies {ph}.", f"Relative to its neighbours, it is {ph}."],
            "bullets": [f"- **Relation:** {ph}"],
            "brisk": [f"{ph[0].upper() + ph[1:]}."]}[self.style])

    def s_size(self, v, truth=True, pct=None):
        if pct is not None:
            ph = self.c.claim("size", ("pct", pct), truth, "assistant", f"{pct_text(pct)}%")
            return self.rng.choice({
                "mirror": [f"it takes up roughly {ph} of the pic", f"its abt {ph} of the image"],
                "careful": [f"It covers roughly {ph} of the image.", f"By area it is about {ph} of the picture."],
                "bullets": [f"- **Area:** ~{ph} of the image"],
                "brisk": [f"~{ph} of image area."]}[self.style])
        ph = self.c.claim("size", ("class", v), truth, "assistant", size_phrase(v, self.style, self.rng))
        return self.rng.choice({
            "mirror": [f"size wise its {ph}", f"its {ph} on here"],
            "careful": [f"Size-wise it is {ph}.", f"It appears {ph}."],
            "bullets": [f"- **Size:** {ph}"],
            "brisk": [f"Size: {ph}.", f"{ph[0].upper() + ph[1:]}."]}[self.style])

    def s_count(self, n, truth=True):
        noun = self.p["noun"]
        ph = self.c.claim("count", n, truth, "assistant", count_phrase(n, noun, self.style, self.rng))
        return self.rng.choice({
            "mirror": [f"i marked {ph}", f"theres {ph} in the outline"],
            "careful": [f"The outline is made of {ph}.", f"I count {ph}."],
            "bullets": [f"- **Count:** {ph}"],
            "brisk": [f"Count: {ph}.", f"{ph[0].upper() + ph[1:]} on this slice."]}[self.style])

    # true negations (traps)
    def s_neg(self, kind):
        f, st, rng = self.f, self.style, self.rng
        if kind == "laterality":
            lat = f["laterality"]
            if lat in ("left", "right"):
                opp = {"left": "right", "right": "left"}[lat]
                ph = self.c.claim("laterality", ("not", opp), True, "assistant", f"not on the {opp}")
                return {"mirror": f"its {ph} btw", "careful": f"It is {ph}, whatever the screen suggests.",
                        "bullets": f"- Note: {ph} side", "brisk": f"{ph[0].upper()}{ph[1:]}."}[st]
            if lat == "bilateral":
                ph = self.c.claim("laterality", ("not", "onesided"), True, "assistant", "not just on one side")
            else:
                ph = self.c.claim("laterality", ("not", "onesided"), True, "assistant", "not off to one side")
            return {"mirror": f"and its {ph}", "careful": f"It is {ph}.", "bullets": f"- Note: {ph}",
                    "brisk": f"{ph[0].upper()}{ph[1:]}."}[st]
        if kind == "position":
            v = f["vertical"]
            opp = _false_vert(v, self.coronal, rng)
            word = {"anterior": "front", "posterior": "back", "superior": "top", "inferior": "bottom"}[opp]
            ph = self.c.claim("position", ("not_vertical", opp), True, "assistant", f"not toward the {word}")
            return {"mirror": f"its {ph}", "careful": f"It is {ph} of the slice.", "bullets": f"- Note: {ph}",
                    "brisk": f"{ph[0].upper()}{ph[1:]}."}[st]
        if kind == "size":
            v = f["size_class"]
            other = "large" if v != "large" else "small"
            ph = self.c.claim("size", ("not_class", other), True, "assistant", f"not {other}")
            return {"mirror": f"its {ph} tho", "careful": f"It is {ph} on this image.", "bullets": f"- Note: {ph}",
                    "brisk": f"{ph[0].upper()}{ph[1:]}."}[st]
        n = f["components"]
        if n == 1:
            ph = self.c.claim("count", ("not", 2), True, "assistant", "not split into several pieces")
        else:
            ph = self.c.claim("count", ("not", 1), True, "assistant", "not one single blob")
        return {"mirror": f"its {ph}", "careful": f"It is {ph}.", "bullets": f"- Note: {ph}",
                "brisk": f"{ph[0].upper()}{ph[1:]}."}[st]

    def s_kb(self):
        s = self.rng.choice(self.p["kb"])
        if self.style == "mirror":
            return "fun fact " + s[0].lower() + s[1:]
        if self.style == "bullets":
            return "- " + s
        if self.style == "brisk":
            return "FYI: " + s
        return s

    def s_screen(self):
        """True image-side sentence for a left/right target (a trap with the opposite side word)."""
        lat = self.f["laterality"]
        if lat not in ("left", "right"):
            return None
        side = _image_side(self.p, lat)
        ph = self.c.claim("imageside", side, True, "assistant", f"{side} side of the screen")
        if self.p["o"][0] == "L":
            why = {"mirror": "bc scans r shown like ur facing the person", "careful": "because scans are displayed as if you were facing the patient",
                   "bullets": "(radiological display: viewer faces the patient)", "brisk": "radiological convention"}[self.style]
        else:
            why = {"mirror": "bc this one is shown like looking from behind", "careful": "because this scan uses the neurological display, as if looking from behind",
                   "bullets": "(neurological display)", "brisk": "neuro convention"}[self.style]
        return {"mirror": f"it shows on the {ph} {why}", "careful": f"On the image it appears on the {ph}, {why}.",
                "bullets": f"- Shows on the {ph} {why}", "brisk": f"Appears {ph}, {why}."}[self.style]

    def pro(self, text):
        """Plural targets (a pair of organs, a set of lesions) take 'they'."""
        if not text or not self.p.get("pl"):
            return text
        for a, b in _PLURAL:
            text = re.sub(a, b, text)
        return text

    def join(self, parts):
        parts = [self.pro(x) for x in parts if x]
        if self.style == "bullets":
            head = [x for x in parts if not x.startswith("- ")]
            items = [x for x in parts if x.startswith("- ")]
            return "\n".join(head + items)
        if self.style == "mirror":
            return ", ".join(x.rstrip(".") for x in parts).replace(".,", ",")
        return " ".join(parts)


def _user_ask(kind: str, p: dict, rng, rels) -> str:
    coronal = PLANE[p["o"]] == "coronal"
    pools = {
        "laterality": ["which side is it on tho", "is it on the lft or the rigth", "wait is that my left or my right, the screen confuses me",
                       "which side of my body is it"],
        "position": (["is it higher up or lower down on this", "where is it up n down"] if coronal else
                     ["is it more towards the front or the back", "whereabouts is it front to back"]),
        "size": ["how big is it", "is it big or small", "is that big??", "how much of the pic does it take up"],
        "count": ["how many r there", "is it just one or more", "how many pieces did u mark"],
        "meaning": ["is that bad", "what does that mean for me", "should i be worried", "ok what else should i kno"],
    }
    return phone(rng.choice(pools[kind]), rng)


_PREMISE = {
    "laterality": ["ok so its {x}, does that explain the pain there", "so since its {x} is that why it hurts there",
                   "right so its {x}, is that why im sore"],
    "position": ["ok so its {x}, can they reach it easily", "so its {x}, does that make the op harder",
                 "got it so its {x}, is that normal"],
    "size": ["so its {x}, can i just ignore it", "ok its {x} then, is that normal for my age", "since its {x} do i need another scan"],
    "count": ["ok so theres {x}, is that good news", "so {x}, what happens next", "right {x} then, do they treat them all the same"],
}

_NEUTRAL = {
    "laterality": {"mirror": "pain doesnt always match where things r tbh, nerves overlap a lot, so ur dr is the best person to ask",
                   "careful": "Pain doesn't always map neatly onto anatomy, because nerves from several organs share pathways, so it's worth going through your symptoms with your doctor.",
                   "bullets": "- Pain location and anatomy don't always line up (shared nerve pathways)\n- Your doctor can match your symptoms to the scan",
                   "brisk": "Pain localisation is unreliable; correlate clinically with your team."},
    "position": {"mirror": "honestly that depends on loads of stuff, ur team plans the approach on the full scan not just 1 slice",
                 "careful": "That depends on much more than a single slice: the team plans any procedure on the whole scan and on your overall health.",
                 "bullets": "- Depends on the whole scan, not one slice\n- The team plans the approach with you",
                 "brisk": "Depends on full dataset + clinical context. Team will plan."},
    "size": {"mirror": "thats for ur dr to say tbh, whether it needs follow up depends on the whole report n ur history",
             "careful": "Whether it needs any follow-up is for your doctor to decide, based on the full report and your history.",
             "bullets": "- Follow-up depends on the full report and your history\n- Your doctor will decide",
             "brisk": "F/u per report and clinician."},
    "count": {"mirror": "thats really one for ur team, what matters most is what they think it is n ur overall plan",
              "careful": "That's really a question for your care team: what matters most is what they think it is and how it fits your overall plan.",
              "bullets": "- Best discussed with your care team\n- The plan depends on the diagnosis, not only the scan",
              "brisk": "Discuss with MDT; plan depends on diagnosis."},
}

_MEANING = {
    "mirror": ["cant really tell u if its bad from 1 slice, ur radiologist's report is what counts", "ur dr will go thru the full report w u, thats the bit that matters"],
    "careful": ["I can't judge that from one slice: the radiologist's full report and your doctor's review are what count.",
                "The segmentation only shows where it is; what it means clinically is for your doctor to explain with the full report."],
    "bullets": ["- One slice can't answer that\n- The radiologist's report is what counts", "- This shows location only\n- Meaning: discuss the full report with your doctor"],
    "brisk": ["Can't say from single slice. See formal report.", "Location only. Clinical significance per reporting radiologist."],
}


def _ack(style, rng):
    return rng.choice({"mirror": ["", "so ", "ok so ", "ah "], "careful": ["", "", "Good question. ", "Okay. ", "Sure. "],
                       "bullets": ["", ""], "brisk": ["", ""]}[style])


def build(p: dict, facts: dict, style: str, rng, defect):
    b = Builder(p, facts, style, rng, defect)
    c, f = b.c, facts
    lat, vert, size, n = f["laterality"], f["vertical"], f["size_class"], f["components"]
    rels = b.rels
    # where the defect sits
    where = None
    if defect and defect != "names_target":
        where = rng.choice(["first", "follow", "premise"])
    # which claim kinds to state and where (defect kind stated only once, falsely)
    kinds = ["laterality", "position", "size", "count"]
    rng.shuffle(kinds)
    first_kinds = kinds[:rng.randint(1, 2)]
    follow_kinds = [k for k in kinds if k not in first_kinds][:rng.randint(1, 2)]
    if defect in kinds:
        first_kinds = [k for k in first_kinds if k != defect]
        follow_kinds = [k for k in follow_kinds if k != defect]
        if where == "first":
            first_kinds.append(defect)
        elif where == "follow":
            follow_kinds.insert(0, defect)
    negs = [k for k in ("laterality", "position", "size", "count") if k != defect and k not in first_kinds]
    neg_kind = rng.choice(negs) if negs and rng.random() < 0.6 else None

    # -- first question
    if defect == "names_target":
        name = rng.choice(p["named"])
        q = phone(rng.choice(["can u outline {n} on this", "where is {n} on my scan, segment it pls",
                              "show me {n} on this slice", "pls segment {n} on the {m}",
                              "which bit is {n}, outline it"]), rng).format(n=name, m=p["mod"].lower())
        c.claim("named", name, False, "user", name)
    else:
        q = phone(rng.choice(p["qs"]), rng)
    c.add("user", q)

    # -- first answer
    say = p["say"]
    intro = rng.choice(SEG_INTRO[style]).format(say=say, say_cap=say[0].upper() + say[1:])
    parts = [intro.strip()]

    def stmt(kind, truth=True, sub=None, plain=False):
        if kind == "laterality":
            return b.s_lat(lat if truth else _false_lat(lat, rng), truth=truth)
        if kind == "position":
            if sub is None and not plain and rels and rng.random() < 0.45:
                sub = rng.choice(rels)
            if sub is not None:
                rel, other = sub
                return b.s_rel(rel if truth else REL_FLIP[rel], other, truth=truth)
            return b.s_vert(vert if truth else _false_vert(vert, b.coronal, rng), truth=truth)
        if kind == "size":
            if not plain and rng.random() < 0.35:
                pct = float(pct_text(f["area_fraction"] * 100)) if truth else _false_pct(f, rng)
                if truth and pct == 0:
                    pct = 0.1
                return b.s_size(None, truth=truth, pct=pct)
            return b.s_size(size if truth else _false_size(f), truth=truth)
        return b.s_count(n if truth else _false_count(n, rng), truth=truth)

    for k in first_kinds:
        parts.append(stmt(k, truth=not (defect == k and where == "first")))
    if neg_kind and rng.random() < 0.5:
        parts.append(b.s_neg(neg_kind))
        neg_kind = None
    if rng.random() < 0.5:
        parts.append(b.s_kb())
    c.add("assistant", b.join(parts))

    # -- follow-up rounds
    rounds = []
    for k in follow_kinds:
        rounds.append(("ask", k))
    if defect in kinds and where == "premise":
        rounds.insert(rng.randint(0, len(rounds)), ("premise", defect))
    if defect is None:
        trap = rng.choice(["correct_premise", "self_correct", "true_premise", "screen", "none"])
        free = [k for k in ("laterality", "position", "size", "count") if k not in follow_kinds]
        if trap == "correct_premise":
            k = rng.choice(free)
            rounds.insert(rng.randint(0, len(rounds)), ("fixpremise", k))
        elif trap == "self_correct":
            rounds.append(("selfcorrect", rng.choice([k for k in ("laterality", "count") if k in free] or ["count"])))
        elif trap == "true_premise":
            rounds.insert(0, ("truepremise", rng.choice([k for k in ("laterality", "size", "count") if k in free] or ["position"])))
        elif trap == "screen" and lat in ("left", "right"):
            rounds.append(("screen", "laterality"))
    if len(rounds) < 3 and rng.random() < 0.6:
        rounds.append(("meaning", None))
    if not rounds:
        rounds.append(("meaning", None))
    rounds = rounds[:3] if len(rounds) > 3 else rounds
    # never cut the defect or the correction away
    for r in rounds:
        kind, k = r
        if kind == "ask":
            sub = None
            if k == "position" and rels and rng.random() < 0.45:
                sub = rng.choice(rels)
                c.add("user", phone(rng.choice(["where is it compared to the {o}", "is it near the {o} or wat",
                                                "hows it sit next to the {o}"]), rng).format(o=sub[1]))
            else:
                c.add("user", _user_ask(k, p, rng, rels))
            truth = not (defect == k and where == "follow")
            body = [_ack(style, rng) + stmt(k, truth, sub, plain=(k == "position" and sub is None))]
            if k == "laterality" and truth and lat in ("left", "right") and rng.random() < 0.5:
                body.append(b.s_screen())
            if neg_kind and neg_kind != k and rng.random() < 0.6:
                body.append(b.s_neg(neg_kind))
                neg_kind = None
            c.add("assistant", b.join(body))
        elif kind == "premise":
            x = _premise_value(b, k, truthful=False)
            c.add("user", phone(rng.choice(_PREMISE[k]), rng).replace("{x}", x))
            c.add("assistant", _NEUTRAL[k][style] + ("" if rng.random() < 0.5 else (" " if style != "bullets" else "\n") + b.s_kb()))
        elif kind == "truepremise":
            x = _premise_value(b, k, truthful=True)
            c.add("user", phone(rng.choice(_PREMISE[k]), rng).replace("{x}", x))
            c.add("assistant", _NEUTRAL[k][style])
        elif kind == "fixpremise":
            x = _premise_value(b, k, truthful=False, corrected=True)
            c.add("user", phone(rng.choice(["wait so its {x}?", "hang on i thought it was {x}", "so basically its {x} rigth"]), rng).replace("{x}", x))
            fix = {"mirror": "nope actually ", "careful": "Not quite. ", "bullets": "**Correction:**\n", "brisk": "No. "}[style]
            c.add("assistant", b.pro(fix + stmt(k, True, sub=b.last_sub, plain=True)))
        elif kind == "selfcorrect":
            c.add("user", _user_ask(k, p, rng, rels))
            if k == "laterality":
                wrong = _false_lat(lat, rng)
                slip = c.claim("laterality", wrong, False, "assistant", lat_phrase(wrong, style, rng), corrected=True)
                c.add("assistant", b.pro({"mirror": f"its {slip}.. wait no sorry, i mixed up the screen, ",
                                    "careful": f"It's {slip} - sorry, let me correct that. ",
                                    "bullets": f"- ~~{slip}~~ (my slip)\n", "brisk": f"{slip} - correction: "}[style] + b.s_lat(lat)))
            else:
                wrong = _false_count(n, rng)
                slip = c.claim("count", wrong, False, "assistant", count_phrase(wrong, p["noun"], style, rng), corrected=True)
                c.add("assistant", {"mirror": f"{slip}.. no wait let me recount, ", "careful": f"I first wrote {slip}; that was wrong. ",
                                    "bullets": f"- ~~{slip}~~ (miscounted)\n", "brisk": f"{slip} - correction: "}[style] + b.s_count(n))
        elif kind == "screen":
            c.add("user", phone(rng.choice(["but it looks like its on the other side on the screen??", "why does it look flipped on the pic"]), rng))
            c.add("assistant", b.join([b.s_screen(), b.s_lat(lat)]))
        else:
            c.add("user", _user_ask("meaning", p, rng, rels))
            body = [rng.choice(_MEANING[style])]
            if neg_kind and rng.random() < 0.7:
                body.append(b.s_neg(neg_kind))
                neg_kind = None
            if rng.random() < 0.6:
                body.append(b.s_kb())
            c.add("assistant", b.join(body))
    LEDGER.append({"claims": c.claims, "where": "question" if defect == "names_target" else where})
    return c.turns, ([] if defect is None else [defect])


def _premise_value(b: Builder, k: str, truthful: bool, corrected: bool = False) -> str:
    """A user's premise phrase of kind k (true or false), recorded in the ledger."""
    c, f, rng, p = b.c, b.f, b.rng, b.p
    b.last_sub = None
    if k == "laterality":
        v = f["laterality"] if truthful else _false_lat(f["laterality"], rng)
        return c.claim("laterality", v, truthful, "user", lat_phrase(v, "", rng, user=True), corrected)
    if k == "position":
        if b.rels and rng.random() < 0.4:
            rel, other = rng.choice(b.rels)
            b.last_sub = (rel, other)
            rel = rel if truthful else REL_FLIP[rel]
            return c.claim("position", ("relation", rel, other), truthful, "user", rel_phrase(rel, other, "", rng, user=True), corrected)
        v = f["vertical"] if truthful else _false_vert(f["vertical"], b.coronal, rng)
        return c.claim("position", ("vertical", v), truthful, "user", vert_phrase(v, p, "", rng, user=True), corrected)
    if k == "size":
        v = f["size_class"] if truthful else _false_size(f)
        return c.claim("size", ("class", v), truthful, "user", size_phrase(v, "", rng, user=True), corrected)
    v = f["components"] if truthful else _false_count(f["components"], rng)
    return c.claim("count", v, truthful, "user", count_phrase(v, p["noun"], "", rng, user=True), corrected)
