"""Bank DU: patients and families asking about their own scans through a patient-portal assistant.

Written without reading QC (helper qcdu, blind: no rule, test, bench or other bank opened).

Targets: abdomen (liver, spleen, left/right kidney, both kidneys, gallbladder, liver metastases, pancreas,
aorta), pelvis (bladder, uterus, uterine fibroids, prostate, ovarian cyst), chest (both lungs, left lung,
right lung, heart, lung nodule, lung nodules, pleural effusion), brain (brain tumour, brain metastases,
lateral ventricles, stroke lesion, meningioma) and photos without sides (melanoma, naevus, basal cell
carcinoma by dermoscopy; polyp, polyps by endoscopy). 14 of the 31 profiles are bilateral, midline or
made of several separate pieces.

Registers (STYLES): "worried_patient" (anxious questions, reassurance), "caregiver" (a relative asking on
someone's behalf: his / her / mum's), "plain_language" (everyday words: front/back, upper/lower, left or
right side of your body, a small / medium-sized / large part of the picture), "teach_back" (the patient
says back what they understood, sometimes wrongly, and the assistant confirms or corrects).

Every sentence is written together with a ledger of what it claims about the outlined target (module
attribute LEDGER, one entry per `build` call); the writer's own reader
(/work/notes/qcdu_scripts/check_du.py) re-parses the key phrase of every claim from the text and checks it
against the facts. Own check on heldout_du.jsonl (seed 20261252): rows 420, clean 210, defects 42 of each
of the five kinds, problems 0; defects in a user turn 30 / 168, in a follow-up answer 43 / 168, in the
first answer 95 / 168; clean rows with a user's wrong idea that the assistant corrects: 46 / 210; rows whose
mask is bilateral, midline or in several pieces: 207 / 420.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["worried_patient", "caregiver", "plain_language", "teach_back"]
LEDGER: list[dict] = []  # one entry per build(): every sentence of every turn with the claims it makes

# --------------------------------------------------------------------------------------------------
# profiles (pixel geometry on a 256 x 256 grid: x = column, y = row; on "LP" and "LI" images the
# patient's left is on the image's right; on "LP" the top of the image is the front of the body)
# --------------------------------------------------------------------------------------------------

ABD = dict(mod="CT", region="abdomen", orient="LP", scan_u="CT scan", scan_a="CT scan", body="tummy",
           front="the front of {p} tummy", back="{p} back")
PEL_CT = dict(mod="CT", region="pelvis", orient="LP", scan_u="CT scan", scan_a="CT scan", body="pelvis",
              front="the front of {p} lower tummy", back="{p} back")
PEL_MR = dict(mod="MR", region="pelvis", orient="LP", scan_u="pelvic MRI", scan_a="MRI", body="pelvis",
              front="the front of {p} lower tummy", back="{p} back")
CXR = dict(mod="XR", region="chest", orient="LI", scan_u="chest X-ray", scan_a="chest X-ray", body="chest")
CCT = dict(mod="CT", region="chest", orient="LP", scan_u="chest CT", scan_a="chest CT", body="chest",
           front="the front of {p} chest", back="{p} back")
HEAD = dict(mod="MR", region="brain", orient="LP", scan_u="head MRI", scan_a="MRI of {p} head", body="head",
            front="{p} forehead", back="the back of {p} head")
DERM = dict(mod="dermoscopy", region="skin", orient=None, scan_u="skin photo", scan_a="close-up skin photo",
            body="skin")
ENDO = dict(mod="endoscopy", region="colon", orient=None, scan_u="camera test picture",
            scan_a="colonoscopy picture", body="bowel")

KIDNEY_NAMES = ["kidney", "renal", "nephr"]
LUNG_NAMES = ["lung", "pulmo", "pneum"]

PROFILES = [
    dict(ABD, target="liver", nm="liver", own=True, pl=False, names=["liver", "hepat"],
         blobs=[(82, 100, 52, 44, 0)],
         others={"stomach": (165, 92), "spine": (128, 178), "right kidney": (92, 165)},
         olay={"stomach": "{p} stomach", "spine": "{p} spine", "right kidney": "{p} right kidney"},
         np=["the organ that makes bile and breaks down alcohol",
             "the big organ that stores sugar and clears toxins out of {p} blood",
             "the organ the blood tests said was inflamed"],
         story=["{P} GP said some blood tests came back with raised enzymes and mentioned fat building up in an organ.",
                "{S} {have} been told {s} might have a fatty organ from years of too much wine."],
         named=["{p} liver", "the liver, the organ with the raised enzymes"],
         gloss=["The liver makes bile, stores energy and clears alcohol and many medicines from the blood.",
                "The liver is a bit like the body's chemical factory: it does hundreds of jobs, from making bile to storing sugar."],
         traps=["{P} stomach sits over on the left, just under the ribs on that side.",
                "The spleen, a fist-sized organ, lives under the lower ribs on {p} left.",
                "Fatty change is very common: something like 25% of adults have some.",
                "The gallbladder is a small pouch that stores bile until {s} eat{z}."]),
    dict(ABD, target="spleen", nm="spleen", own=True, pl=False, names=["spleen", "splen"],
         blobs=[(188, 150, 18, 26, 20)],
         others={"stomach": (160, 95), "left kidney": (170, 175)},
         olay={"stomach": "{p} stomach", "left kidney": "{p} left kidney"},
         np=["the organ that filters old red blood cells and helps fight infection",
             "the organ that swelled up when {s} had glandular fever",
             "the fist-sized organ that can bleed a lot if it gets injured"],
         story=["{S} had glandular fever a while ago and the doctor said an organ was swollen.",
                "After {p} fall from the bike they wanted to check an organ that can bleed badly when it's hurt."],
         named=["{p} spleen", "the splenic area"],
         gloss=["The spleen filters old red blood cells and helps {p} body fight some infections."],
         traps=["The liver, which is much bigger, sits under {p} right ribs.",
                "Glandular fever makes this organ swell in about half of the people who get it.",
                "The tail of the pancreas reaches across towards the left side of the tummy.",
                "Most people can live a normal life even without a spleen, with a few extra vaccines."]),
    dict(ABD, target="left kidney", nm="left kidney", own=True, pl=False, names=KIDNEY_NAMES,
         blobs=[(172, 168, 15, 22, -15)],
         others={"spine": (128, 178), "aorta": (132, 150), "spleen": (190, 135)},
         olay={"spine": "{p} spine", "aorta": "the aorta (the main artery)", "spleen": "{p} spleen"},
         np=["the organ that filters {p} blood and makes urine, the one where they saw the stone",
             "the bean-shaped organ where they found a small fluid bubble",
             "the organ that filters {p} blood, where the stone pain came from"],
         story=["{S} had awful pain in {p} side last month and they found a stone.",
                "{P} GP said {p} filtering number (the eGFR) was a bit low and ordered a scan."],
         named=["{p} left kidney", "the left renal area"],
         gloss=["The kidneys filter waste out of the blood and turn it into urine."],
         traps=["Most people have two kidneys, one on each side of the spine.",
                "Simple fluid-filled cysts are found in roughly a quarter of people over 50.",
                "The right kidney usually sits a little lower than the left because the liver pushes it down.",
                "Kidney stones affect roughly one person in ten at some point in life."]),
    dict(ABD, target="right kidney", nm="right kidney", own=True, pl=False, names=KIDNEY_NAMES,
         blobs=[(84, 166, 15, 22, 15)],
         others={"liver": (85, 100), "spine": (128, 170)},
         olay={"liver": "{p} liver", "spine": "{p} spine"},
         np=["the organ that filters {p} blood and makes urine, the one where they saw the stone",
             "the bean-shaped organ where they found a small fluid bubble",
             "the organ that filters {p} blood on the side where the pain was"],
         story=["{S} had awful pain in {p} side last month and they found a stone.",
                "{P} GP said {p} filtering number (the eGFR) was a bit low and ordered a scan."],
         named=["{p} right kidney", "the right renal area"],
         gloss=["The kidneys filter waste out of the blood and turn it into urine."],
         traps=["Most people have two kidneys, one on each side of the spine.",
                "{P} liver is the large organ tucked under {p} right ribs.",
                "Kidney stones affect roughly one person in ten at some point in life.",
                "Simple fluid-filled cysts are found in roughly a quarter of people over 50."]),
    dict(ABD, target="kidneys", nm="kidneys", own=True, pl=True, names=KIDNEY_NAMES,
         blobs=[(82, 166, 15, 22, 15), (174, 166, 15, 22, -15)],
         others={"aorta": (130, 145), "pancreas": (130, 122)},
         olay={"aorta": "the aorta (the main artery)", "pancreas": "{p} pancreas"},
         rel_ok=("anterior_to", "posterior_to"),
         np=["the organs that filter {p} blood and make urine",
             "the organs the creatinine blood test is about",
             "the organs that take waste out of {p} blood"],
         story=["{P} creatinine level has been creeping up and the nurse said it's about how well {p} blood is filtered.",
                "{S} {have} high blood pressure and the specialist wanted to look at the organs that filter waste."],
         named=["{p} kidneys", "both renal areas"],
         gloss=["The kidneys filter waste out of the blood and turn it into urine."],
         traps=["{P} liver sits under the right ribs and {p} spleen under the left.",
                "Around 1 in 10 adults has some degree of reduced filtering function.",
                "Each one is normally about 10 to 12 cm long in an adult.",
                "The bladder, where the urine ends up, is much lower down in the pelvis."]),
    dict(ABD, target="gallbladder", nm="gallbladder", own=True, pl=False,
         names=["gall", "cholecyst"], blobs=[(104, 104, 9, 13, -20)],
         others={"liver": (82, 100), "stomach": (165, 104)},
         olay={"liver": "{p} liver", "stomach": "{p} stomach"},
         np=["the little pouch that stores bile",
             "the pouch holding the stones that gave {o} the pain after fatty meals",
             "the pouch the surgeon might take out with keyhole surgery"],
         story=["{S} keep{z} getting pain under {p} ribs after fatty food and the GP thinks it's stones.",
                "{S} had a bad attack of pain after a takeaway and ended up in A&E."],
         named=["{p} gallbladder", "the gall bladder"],
         gloss=["The gallbladder stores and concentrates bile, then squeezes it into the gut after a meal."],
         traps=["Gallstones are very common: roughly 10 to 15% of adults have them, and most never know.",
                "{P} pancreas lies across the back of the upper tummy.",
                "{P} stomach is over on the left side.",
                "{P} liver is the big organ under {p} right ribs."]),
    dict(ABD, target="liver metastases", nm="liver metastases", own=False, pl=True,
         names=["liver", "hepat", "metasta", "mets", "secondar"],
         blobs=[(68, 84, 7, 6, 0), (96, 108, 8, 7, 30), (74, 128, 5, 5, 0)], jit_axes=0.4,
         others={"spine": (128, 178), "right kidney": (90, 165)},
         olay={"spine": "{p} spine", "right kidney": "{p} right kidney"},
         np=["the spots the oncologist said the bowel cancer had caused somewhere new",
             "the patches that showed up after {p} bowel cancer",
             "the new spots the cancer team mentioned"],
         story=["{S} had bowel cancer two years ago and the follow-up scan showed some new spots.",
                "The cancer team said the bowel cancer may have moved to another organ."],
         named=["the liver metastases", "the secondaries in {p} liver"],
         gloss=["These are areas where cancer cells from the bowel have settled in the liver, which happens because blood from the gut flows there first."],
         traps=["The liver is the commonest place for bowel cancer to travel to.",
                "{P} stomach is on the left, under the ribs.",
                "{P} spleen sits high up on the left.",
                "Nowadays many people have spots like these treated with surgery or targeted treatment."]),
    dict(ABD, target="pancreas", nm="pancreas", own=True, pl=False, names=["pancrea"],
         blobs=[(136, 122, 42, 9, -8)],
         others={"aorta": (130, 150), "stomach": (155, 92)},
         olay={"aorta": "the aorta (the main artery)", "stomach": "{p} stomach"},
         np=["the gland that makes insulin and digestive juices",
             "the organ that got inflamed and gave {o} that terrible band of pain",
             "the gland they are worried about because of {p} new diabetes"],
         story=["{S} suddenly developed diabetes at 60 and the doctors want to check a gland.",
                "{S} had a bad bout of inflammation after a stone last year."],
         named=["{p} pancreas", "the pancreatic gland"],
         gloss=["The pancreas makes digestive juices and the insulin that controls blood sugar."],
         traps=["{P} spleen is up under the left ribs.",
                "The liver takes up most of the right upper tummy.",
                "Sudden diabetes after the age of 50 is one reason doctors look at this gland.",
                "{P} kidneys are lower down and further out, one on each side."]),
    dict(ABD, target="aorta", nm="aorta", own=True, pl=False, names=["aorta", "aortic", "aaa"], sex="m",
         blobs=[(129, 152, 10, 10, 0)], jit=1.2,
         others={"spine": (128, 185), "ivc": (105, 150)},
         olay={"spine": "{p} spine", "ivc": "the vena cava (the big vein)"},
         np=["the main artery that carries blood down through {p} tummy",
             "the big blood vessel they check in the screening programme",
             "the vessel they said was a bit wide"],
         story=["{S} got a letter inviting {o} to the screening for men over 65 and they wanted a closer look.",
                "{S} {was} told a blood vessel in {p} tummy was slightly widened."],
         named=["{p} aorta", "the aortic outline"],
         gloss=["The aorta is the body's main artery: it carries blood from the heart down through the chest and tummy."],
         traps=["The big vein, the vena cava, carries blood back up to the heart on the right-hand side.",
                "{P} left kidney sits further out towards the left.",
                "An artery here counts as widened when it is more than 3 cm across.",
                "Screening is offered because a widening like this usually causes no symptoms at all."]),
    dict(PEL_CT, target="bladder", nm="bladder", own=True, pl=False, names=["bladder", "vesic"],
         blobs=[(128, 98, 30, 22, 0)],
         others={"rectum": (128, 172), "pubic bone": (128, 62)},
         olay={"rectum": "{p} rectum (back passage)", "pubic bone": "{p} pubic bone"},
         np=["the organ that stores urine", "where the blood in {p} wee might be coming from",
             "the part the urologist looked at with the camera"],
         story=["{S} {have} noticed blood in {p} wee a couple of times.",
                "{S} {have} been needing the toilet far more often than usual."],
         named=["{p} bladder", "the urinary bladder"],
         gloss=["The bladder is a stretchy bag that stores urine until {s} go{es} to the toilet."],
         traps=["The rectum, the last part of the bowel, lies at the back of the pelvis.",
                "{P} hip joints are out on either side.",
                "Blood in the urine is a common reason for a scan, and most people who have one turn out to have nothing serious."]),
    dict(PEL_MR, target="uterus", nm="womb (uterus)", own=True, pl=False, names=["uter", "womb"], sex="f",
         blobs=[(128, 132, 24, 18, 0)],
         others={"bladder": (128, 92), "rectum": (128, 180)},
         olay={"bladder": "{p} bladder", "rectum": "{p} rectum (back passage)"},
         np=["the organ where a baby grows", "the organ {p} heavy periods come from",
             "the organ the gynaecologist was talking about"],
         story=["{S} {have} had very heavy periods for a year.",
                "The gynaecologist wanted to see why {p} periods have been so painful."],
         named=["{p} womb", "the uterus"],
         gloss=["The uterus, or womb, is the muscular organ where a pregnancy grows; its lining is what is shed in a period."],
         traps=["{P} ovaries sit one on each side, usually a little further out.",
                "Around 1 in 3 women have heavy periods at some point.",
                "The bladder is at the very front of the pelvis."]),
    dict(PEL_MR, target="uterine fibroids", nm="fibroids", own=True, pl=True,
         names=["fibroid", "uter", "womb", "myoma"], sex="f",
         blobs=[(108, 122, 8, 7, 0), (150, 116, 7, 6, 0), (132, 152, 6, 5, 0)], jit_axes=0.4,
         others={"bladder": (128, 88), "rectum": (128, 185)},
         olay={"bladder": "{p} bladder", "rectum": "{p} rectum (back passage)"},
         rel_ok=("anterior_to", "posterior_to"),
         np=["the non-cancerous muscle knots that cause heavy periods",
             "the things the gynaecologist said are very common and usually harmless",
             "what is making {p} tummy swell and {p} periods so heavy"],
         story=["{S} {have} been told {s} {have} something harmless causing {p} heavy bleeding.",
                "{P} periods have been so heavy that {s} ended up anaemic."],
         named=["{p} fibroids", "the uterine fibroids"],
         gloss=["Fibroids are non-cancerous growths of the womb's muscle; they are very common and often cause heavy periods."],
         traps=["Fibroids are very common: up to 2 in 3 women have at least one by the age of 50.",
                "{P} ovaries are out at the sides of the pelvis.",
                "{P} bladder sits at the front of the pelvis."]),
    dict(PEL_MR, target="prostate", nm="prostate", own=True, pl=False, names=["prostat"], sex="m",
         blobs=[(128, 136, 13, 11, 0)],
         others={"rectum": (128, 176), "pubic bone": (128, 90)},
         olay={"rectum": "{p} rectum (back passage)", "pubic bone": "{p} pubic bone"},
         np=["the gland that makes some of the fluid in semen",
             "the gland that is making {o} get up at night to wee",
             "the gland the PSA blood test is about"],
         story=["{P} PSA blood test came back a bit high.",
                "{S} {have} to get up three times a night to wee."],
         named=["{p} prostate", "the prostate gland"],
         gloss=["The prostate is a gland that makes some of the fluid in semen, and it often grows with age."],
         traps=["Around half of men over 50 have some enlargement of this gland.",
                "The bladder stores urine and empties through a tube that runs down the middle of the pelvis.",
                "A normal gland is often compared to a walnut."]),
    dict(PEL_MR, target="ovarian cyst", nm="ovarian cyst", own=False, pl=False,
         names=["ovar", "cyst"], sex="f",
         blobs=[(174, 124, 18, 16, 0)],
         others={"uterus": (128, 130), "bladder": (128, 90)},
         olay={"uterus": "{p} womb (uterus)", "bladder": "{p} bladder"},
         np=["the fluid-filled bubble the ultrasound picked up",
             "the thing that is causing {p} pain low down in the pelvis",
             "the fluid bubble the gynaecologist wants to keep an eye on"],
         story=["{S} {have} had a dull ache low down in {p} tummy and the ultrasound found a bubble of fluid.",
                "The doctor said it's probably harmless but wanted a better picture with an MRI."],
         named=["the ovarian cyst", "the cyst on {p} ovary"],
         gloss=["An ovarian cyst is a fluid-filled sac on an ovary; most are harmless and go away by themselves."],
         traps=["{P} appendix is usually low down on the right.",
                "Most simple ones go away by themselves within two or three cycles.",
                "The uterus sits in the middle of the pelvis."]),
    dict(CXR, target="lungs", nm="lungs", own=True, pl=True, names=LUNG_NAMES,
         blobs=[(78, 120, 34, 62, 0), (180, 120, 31, 60, 0)],
         others={"diaphragm": (128, 205), "collarbones": (128, 38)},
         olay={"diaphragm": "{p} diaphragm", "collarbones": "{p} collarbones"},
         rel_ok=("superior_to", "inferior_to"),
         np=["the organs {s} breathe{z} with", "the spongy organs that fill up with air",
             "the parts of {p} chest the smoking might have damaged"],
         story=["{S} {have} had a cough for six weeks.",
                "{S} smoked for thirty years and the GP sent {o} for an X-ray."],
         named=["{p} lungs", "both lung fields"],
         gloss=["The lungs are spongy organs that take oxygen in and let carbon dioxide out."],
         traps=["{P} heart sits in the middle of the chest, leaning towards the left.",
                "The right lung has three lobes and the left has two, to leave room for the heart.",
                "The diaphragm is the dome-shaped muscle that does most of the work when {s} breathe{z}."]),
    dict(CXR, target="left lung", nm="left lung", own=True, pl=False, names=LUNG_NAMES,
         blobs=[(180, 118, 31, 60, 0)],
         others={"heart": (146, 160), "trachea": (128, 50)},
         olay={"heart": "{p} heart", "trachea": "{p} windpipe (trachea)"},
         np=["the breathing organ that had the infection last winter",
             "the part of {p} chest that has been making {o} breathless",
             "the air-filled organ the consultant listened to with the stethoscope"],
         story=["{S} {have} been breathless for a month and the doctor heard crackles on one side.",
                "{S} had a bad chest infection over Christmas and they wanted a follow-up X-ray."],
         named=["{p} left lung"],
         gloss=["The lungs are spongy organs that take oxygen in and let carbon dioxide out."],
         traps=["The right lung has three lobes and the left only two.",
                "{P} heart tucks into a notch on the left side of the chest.",
                "Most chest infections clear in about three weeks."]),
    dict(CCT, target="right lung", nm="right lung", own=True, pl=False, names=LUNG_NAMES,
         blobs=[(78, 126, 36, 50, 0)],
         others={"heart": (142, 104), "spine": (128, 190)},
         olay={"heart": "{p} heart", "spine": "{p} spine"},
         np=["the breathing organ where the shadow was",
             "the air-filled organ they want to check after {p} chest infection",
             "the side of {p} chest where the crackles were"],
         story=["{S} had a chest infection that took ages to clear, so they did a CT.",
                "{S} {have} had a cough with some blood in it a couple of times."],
         named=["{p} right lung"],
         gloss=["The lungs are spongy organs that take oxygen in and let carbon dioxide out."],
         traps=["The right lung has three lobes and the left has two.",
                "{P} heart sits in the middle of the chest, tilted to the left.",
                "Roughly 1 in 20 people who cough up a little blood turn out to have something serious."]),
    dict(CXR, target="heart", nm="heart", own=True, pl=False, names=["heart", "cardi", "coronar"],
         blobs=[(150, 158, 32, 27, 0)],
         others={"trachea": (128, 50), "left lung": (180, 118)},
         olay={"trachea": "{p} windpipe (trachea)", "left lung": "{p} left lung"},
         np=["the organ that pumps blood around {p} body", "the organ behind {p} palpitations",
             "the organ the murmur comes from"],
         story=["{S} {have} been getting breathless on the stairs and {p} ankles are swollen.",
                "The GP heard a murmur and sent {o} for a chest X-ray."],
         named=["{p} heart", "the cardiac outline"],
         gloss=["The heart is the muscular pump that pushes blood around {p} body."],
         traps=["On an X-ray, doctors like the heart's width to be less than half of the chest's width.",
                "Many murmurs are harmless and are just the sound of blood flowing.",
                "The windpipe runs down the middle of the neck before splitting in two."]),
    dict(CCT, target="lung nodule", nm="nodule", own=False, pl=False, names=["nodul", "lung", "pulmo"],
         blobs=[(188, 152, 5, 5, 0)],
         others={"heart": (138, 104), "spine": (128, 190)},
         olay={"heart": "{p} heart", "spine": "{p} spine"},
         np=["the little spot the radiologist wants to watch", "the small shadow they found by chance",
             "the spot they want to re-scan in three months"],
         story=["{S} had a scan after a car accident and they found something small by chance.",
                "The letter says there is a small spot that needs another scan."],
         named=["the lung nodule", "the nodule in {p} lung"],
         gloss=["A nodule is a small round spot in the lung; the great majority are harmless scars or old infections."],
         traps=["More than 95% of small spots like this turn out to be harmless.",
                "The right lung has three lobes and the left has two.",
                "{P} heart sits in the middle of the chest, tilted to the left."]),
    dict(CCT, target="lung nodules", nm="nodules", own=False, pl=True, names=["nodul", "lung", "pulmo"],
         blobs=[(80, 108, 4, 4, 0), (176, 132, 5, 5, 0), (186, 96, 4, 3, 0)], jit_axes=0.2,
         others={"spine": (128, 190)}, olay={"spine": "{p} spine"},
         rel_ok=("anterior_to", "posterior_to"),
         np=["the little spots the chest doctor is keeping an eye on", "the tiny shadows from the scan",
             "the spots they want to check again in a year"],
         story=["{S} smoked for years and was invited for a health-check scan.",
                "The letter mentions some tiny spots and a follow-up scan."],
         named=["the lung nodules", "the nodules"],
         gloss=["Nodules are small round spots in the lungs; most small ones are old scars and never cause trouble."],
         traps=["The right lung has three lobes and the left has two.",
                "More than 95% of spots this small turn out to be harmless.",
                "{P} heart sits between the two lungs, leaning to the left."]),
    dict(CXR, target="pleural effusion", nm="pleural effusion", own=False, pl=False,
         names=["effusion", "pleura"],
         blobs=[(72, 196, 34, 16, -8)],
         others={"heart": (146, 158), "right lung": (78, 118)},
         olay={"heart": "{p} heart", "right lung": "{p} right lung"},
         np=["the fluid the doctor said has collected in {p} chest",
             "the water on the chest that is making {o} breathless",
             "the fluid they might need to drain"],
         story=["{S} {have} been short of breath and the doctor said there is some fluid that may need draining.",
                "{P} heart failure nurse mentioned water on the chest."],
         named=["the pleural effusion", "the effusion"],
         gloss=["A pleural effusion is a build-up of fluid in the thin space between the lung and the chest wall."],
         traps=["A drain usually takes off around 1 to 1.5 litres at a time.",
                "{P} heart sits slightly to the left of the middle.",
                "Fluid like this often comes from the heart, an infection or, less often, something more serious."]),
    dict(HEAD, target="brain tumour", nm="brain tumour", own=False, pl=False,
         names=["brain", "tumour", "tumor", "glioma", "glioblastoma", "gbm", "cancer", "neoplas"],
         blobs=[(90, 104, 22, 18, 25)],
         others={"lateral ventricles": (128, 128)},
         olay={"lateral ventricles": "the fluid spaces in the middle (the ventricles)"},
         np=["what has been causing {p} seizures", "the thing the neurosurgeon wants to take out",
             "the area they found after {p} fit"],
         story=["{S} had a seizure out of the blue last month.",
                "{P} headaches have been getting worse for weeks and the MRI found something."],
         named=["the brain tumour", "the tumour"],
         gloss=["A brain tumour is a growth of abnormal cells in the brain; what it means depends very much on the type, which the team will find out from tests."],
         traps=["The left side of the brain controls the right side of the body, and the other way round.",
                "Language is handled mainly by the left side in about 95% of right-handed people.",
                "The fluid spaces in the middle of the brain look dark on this kind of scan."]),
    dict(HEAD, target="brain metastases", nm="brain metastases", own=False, pl=True,
         names=["brain", "metasta", "mets", "secondar", "tumour", "tumor"],
         blobs=[(80, 90, 7, 6, 0), (172, 160, 8, 7, 0), (150, 70, 5, 5, 0)], jit_axes=0.4,
         others={"lateral ventricles": (128, 118)},
         olay={"lateral ventricles": "the fluid spaces in the middle (the ventricles)"},
         np=["the spots the cancer has caused in {p} head",
             "the spots on {p} head scan that the oncologist mentioned",
             "what the lung cancer has done in {p} head"],
         story=["{S} had lung cancer and started getting headaches, so they did an MRI of {p} head.",
                "The oncologist said the cancer has travelled, and wanted to show {o} where."],
         named=["the brain metastases", "the secondaries in {p} brain"],
         gloss=["Brain metastases are spots where cancer from elsewhere, often the lung or breast, has travelled to the brain."],
         traps=["Around 20 to 40% of people with cancer develop spots like these at some stage.",
                "The left half of the brain controls the right side of the body.",
                "Targeted radiotherapy can now treat several small spots in one session."]),
    dict(HEAD, target="lateral ventricles", nm="lateral ventricles", own=True, pl=True, names=["ventric"],
         blobs=[(108, 126, 9, 26, 8), (148, 126, 9, 26, -8)],
         others={"pineal gland": (128, 165)}, olay={"pineal gland": "{p} pineal gland"},
         rel_ok=("anterior_to", "posterior_to"),
         np=["the fluid-filled spaces inside {p} head the neurologist said might be too big",
             "the spaces full of the fluid that cushions the brain",
             "where the extra fluid builds up in hydrocephalus"],
         story=["{S} {have} been unsteady on {p} feet and a bit forgetful, and the neurologist mentioned extra fluid.",
                "They are checking whether the fluid in {p} head is draining properly."],
         named=["{p} lateral ventricles", "the ventricles"],
         gloss=["These are fluid-filled spaces deep inside the brain where the cushioning fluid is made."],
         traps=["The fluid is made at about half a litre a day and drains away all the time.",
                "The pineal gland is a tiny gland near the centre of the brain.",
                "The left side of the brain controls the right side of the body."]),
    dict(HEAD, target="stroke lesion", nm="area of stroke damage", own=False, pl=False,
         names=["stroke", "infarct", "ischaem", "ischem", "cva"],
         blobs=[(178, 134, 20, 14, -20)],
         others={"lateral ventricles": (128, 128)},
         olay={"lateral ventricles": "the fluid spaces in the middle (the ventricles)"},
         np=["the area that was damaged when {s} suddenly couldn't speak properly",
             "the damage from the clot the team talked about",
             "what made {p} face droop last week"],
         story=["Last week {s} suddenly couldn't lift {p} right arm and {p} speech went.",
                "{S} {was} given a clot-busting drug in A&E and the team showed us a scan."],
         named=["the stroke", "the area of infarct"],
         gloss=["This is an area of brain that was starved of blood, usually because a clot blocked an artery."],
         traps=["Because the nerve pathways cross over, the left side of the brain moves the right side of the body.",
                "About 1 in 4 adults will have one of these in their lifetime.",
                "Speech is controlled mainly by the left side of the brain in most people."]),
    dict(HEAD, target="meningioma", nm="meningioma", own=False, pl=False, names=["mening"],
         blobs=[(128, 62, 13, 11, 0)],
         others={"lateral ventricles": (128, 128)},
         olay={"lateral ventricles": "the fluid spaces in the middle (the ventricles)"},
         np=["the slow-growing thing on the lining around {p} brain",
             "what they found by chance on {p} head scan",
             "the thing the neurosurgeon said is usually benign"],
         story=["They found something by chance when {s} had a scan for dizziness.",
                "The doctor said it's usually benign and slow-growing, but I want to see it."],
         named=["the meningioma"],
         gloss=["A meningioma grows from the thin layers that wrap the brain; most are benign and slow-growing."],
         traps=["These make up roughly a third of all tumours that start inside the head.",
                "The two halves of the brain are separated by a stiff fold called the falx.",
                "Many people with a small one simply have a scan every year or two."]),
    dict(DERM, target="melanoma", nm="melanoma", own=False, pl=False, names=["melanom", "skin cancer"],
         blobs=[(122, 106, 40, 34, 15)],
         others={}, olay={},
         np=["the dark spot the skin doctor photographed", "the mark on {p} back that changed shape",
             "the spot the dermatologist is worried about"],
         story=["{S} noticed a mole that had changed shape and got darker.",
                "The dermatologist took a close-up photo and wants to cut it out."],
         named=["the melanoma"],
         gloss=["Melanoma is a type of skin cancer that starts in the pigment cells."],
         traps=["The ABCDE checklist looks at asymmetry, border, colour, a diameter above 6 mm and evolution.",
                "Most moles are harmless; adults typically have 10 to 40 of them.",
                "Caught early, it is usually cured by a small operation."]),
    dict(DERM, target="nevus", nm="mole (naevus)", own=False, pl=False, names=["nevus", "naevus", "nevi", "naevi", "mole"],
         blobs=[(134, 152, 22, 20, 0)],
         others={}, olay={},
         np=["the brown spot on {p} arm the GP photographed",
             "the freckle-like mark {s} {have} had since childhood",
             "the little brown patch the nurse took a picture of"],
         story=["{S} {have} had this brown mark since childhood and the GP took a close-up photo just to be safe.",
                "The practice nurse photographed it to compare next year."],
         named=["the mole", "the naevus"],
         gloss=["A naevus is simply the medical word for a common mole: a cluster of pigment cells."],
         traps=["Most adults have somewhere between 10 and 40 of these.",
                "The ABCDE checklist looks at asymmetry, border, colour, a diameter above 6 mm and evolution.",
                "Photos like this are often repeated after three months to check for change."]),
    dict(DERM, target="basal cell carcinoma", nm="basal cell carcinoma", own=False, pl=False,
         names=["basal", "carcinom", "bcc", "cancer", "rodent"],
         blobs=[(128, 128, 12, 11, 0)],
         others={}, olay={},
         np=["the pearly spot on {p} nose the dermatologist photographed",
             "the slow-growing spot that keeps scabbing over",
             "the shiny bump the skin doctor wants to cut out"],
         story=["{S} {have} had a spot that bleeds and scabs and never quite heals.",
                "The skin doctor said it's very common in people who worked outdoors."],
         named=["the basal cell carcinoma", "the BCC"],
         gloss=["A basal cell carcinoma is a very common skin growth that grows slowly and almost never spreads."],
         traps=["Around 3 in 4 skin cancers are this type.",
                "Years of sun exposure are the main cause.",
                "A small operation usually removes it completely."]),
    dict(ENDO, target="polyp", nm="polyp", own=False, pl=False, names=["polyp", "adenom"],
         blobs=[(142, 170, 26, 22, 30)],
         others={}, olay={},
         np=["what the camera found on the lining of {p} bowel",
             "the thing they want to remove at the next colonoscopy",
             "the little bump they saw inside {p} bowel"],
         story=["{S} had a camera test because of blood in {p} poo.",
                "The bowel screening kit came back positive, so they did a colonoscopy."],
         named=["the polyp"],
         gloss=["A polyp is a growth on the inner lining of the bowel; most are harmless, but some are removed because they can change over years."],
         traps=["About 1 in 4 people over 50 has at least one of these.",
                "Most are removed during the same test with a small wire loop.",
                "The camera pictures are taken from inside the bowel, so there is no left or right like on a scan."]),
    dict(ENDO, target="polyps", nm="polyps", own=False, pl=True, names=["polyp", "adenom"],
         blobs=[(80, 84, 10, 9, 0), (172, 96, 13, 12, 0), (118, 104, 8, 7, 0)], jit_axes=0.4,
         others={}, olay={},
         np=["the bumps the camera found in {p} bowel", "what they saw on the lining of {p} bowel",
             "the things they are going to remove at the next camera test"],
         story=["{S} had a camera test because of blood in {p} poo.",
                "The bowel screening kit came back positive, so they did a colonoscopy."],
         named=["the polyps"],
         gloss=["Polyps are growths on the inner lining of the bowel; most are harmless, but they are usually removed because some can change over years."],
         traps=["About 1 in 4 people over 50 has at least one of these.",
                "Most are removed during the same test with a small wire loop.",
                "The camera pictures are taken from inside the bowel, so there is no left or right like on a scan."]),
]

for _p in PROFILES:
    _p.setdefault("rel_ok", ("left_of", "right_of", "anterior_to", "posterior_to", "superior_to", "inferior_to"))
    _p.setdefault("sex", None)

# --------------------------------------------------------------------------------------------------
# facts and records
# --------------------------------------------------------------------------------------------------


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    jit, ja = p.get("jit", 2.0), p.get("jit_axes", 0.8)
    sx, sy = rng.uniform(-jit, jit), rng.uniform(-jit, jit)
    yy, xx = np.mgrid[0:256, 0:256].astype(float)
    mask = np.zeros((256, 256), bool)
    for cx, cy, ax, ay, ang in p["blobs"]:
        cx, cy = cx + sx + rng.uniform(-0.5, 0.5), cy + sy + rng.uniform(-0.5, 0.5)
        ax, ay = ax + rng.uniform(-ja, ja), ay + rng.uniform(-ja, ja)
        t = math.radians(ang + rng.uniform(-3, 3))
        u = (xx - cx) * math.cos(t) + (yy - cy) * math.sin(t)
        v = -(xx - cx) * math.sin(t) + (yy - cy) * math.cos(t)
        mask |= (u / ax) ** 2 + (v / ay) ** 2 <= 1.0
    others = {k: (x / 255.0, y / 255.0) for k, (x, y) in p["others"].items()}
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


def record_for(p: dict) -> dict:
    return dict(modality=p["mod"], body_region=p["region"], orientation=p["orient"])


def pick_profile(profiles: list, i: int, defect, rng: random.Random) -> dict:
    if defect == "laterality":  # a photo has no sides to get wrong
        return rng.choice([q for q in profiles if q["orient"] is not None])
    return rng.choice(profiles)


# --------------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------------

WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior", "upper": "lower", "lower": "upper"}
REL_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
RELATIVES = [("dad", "m"), ("mum", "f"), ("husband", "m"), ("wife", "f"), ("father", "m"), ("mother", "f"),
             ("son", "m"), ("daughter", "f"), ("grandad", "m"), ("nan", "f"), ("brother", "m"), ("sister", "f"),
             ("partner", "m"), ("partner", "f"), ("uncle", "m"), ("aunt", "f")]


def cap(t: str) -> str:
    return t[:1].upper() + t[1:] if t else t


def voice(kind: str, sex: str = "m", rel: str = "") -> dict:
    """Pronouns for templates: kind 'I' (a patient speaking), 'you' (the assistant to the patient) or
    'rel' (a relative, spoken of by the caregiver or by the assistant)."""
    if kind == "I":
        d = dict(s="I", o="me", p="my", be="am", have="have", do="do", z="", es="", was="was")
    elif kind == "you":
        d = dict(s="you", o="you", p="your", be="are", have="have", do="do", z="", es="", was="were")
    else:
        he = sex == "m"
        d = dict(s="he" if he else "she", o="him" if he else "her", p="his" if he else "her", be="is",
                 have="has", do="does", z="s", es="es", was="was")
    d.update(S=cap(d["s"]), P=cap(d["p"]), rel=rel, Rel=cap(rel))
    return d


def F(t: str, d: dict) -> str:
    return t.format(**d)


def num(n: int, rng: random.Random) -> str:
    return WORDS[n] if n <= 20 and rng.random() < 0.6 else str(n)


def pct_str(v: float, rng: random.Random) -> str:
    """A percent text for the value v (in percent), two significant figures or words."""
    forms = []
    r = round(v)
    if 1 <= r <= 20 and abs(r - v) / v < 0.08:
        forms.append(f"{WORDS[r]} percent")
    if 0.45 <= v <= 0.58:
        forms.append("half a percent")
    if v < 1:
        s = f"{v:.2f}".rstrip("0").rstrip(".")
    elif v < 10:
        s = f"{v:.1f}"
    else:
        s = f"{v:.0f}"
    forms += [s + "%", s + "%", s + " percent", s + " per cent"]
    return rng.choice(forms)


def pct_value(text: str) -> float:
    if "half a percent" in text:
        return 0.5
    for i, w in enumerate(WORDS):
        if text.startswith(w + " "):
            return float(i)
    return float(text.split("%")[0].split(" ")[0])


def false_pct(v: float, rng: random.Random) -> str:
    for _ in range(50):
        f = rng.uniform(0.15, 0.32) if (rng.random() < 0.5 and v > 0.3) or v * 3 > 70 else rng.uniform(3.0, 5.0)
        s = pct_str(v * f, rng)
        ratio = pct_value(s) / v
        if ratio < 0.38 or ratio > 2.6:
            return s
    raise AssertionError("no false percent")


CLASS_WORDS = {"small": ["small", "fairly small", "very small"],
               "medium": ["medium-sized", "moderate-sized", "mid-sized"],
               "large": ["large", "big", "fairly large"]}


# --------------------------------------------------------------------------------------------------
# the conversation under construction, with its ledger
# --------------------------------------------------------------------------------------------------


class Conv:
    def __init__(self):
        self.turns: list[tuple[str, list]] = []

    def start(self, role: str):
        self.turns.append((role, []))

    def say(self, text: str, *claims: dict):
        self.turns[-1][1].append((text, list(claims)))

    def render(self) -> list[dict]:
        out = []
        for role, sents in self.turns:
            parts, cur = [], []
            for text, _ in sents:
                if text == "\n":
                    parts.append(" ".join(cur))
                    cur = []
                else:
                    cur.append(text)
            parts.append(" ".join(cur))
            out.append({"role": role, "content": "\n\n".join(x for x in parts if x)})
        return out


def C(aspect: str, value, key: str, **kw) -> dict:
    return dict(a=aspect, v=value, key=key, **kw)


# --------------------------------------------------------------------------------------------------
# claim sentences (assistant voice A, or user voice U); each returns (text, claim)
# --------------------------------------------------------------------------------------------------


def subj(p: dict, A: dict, rng: random.Random):
    """A subject for a sentence about the target and whether it is plural."""
    opts = [("they" if p["pl"] else "it", p["pl"])] * 3
    name = (A["p"] + " " + p["nm"]) if p["own"] else "the " + p["nm"]
    opts += [(name, p["pl"]), ("the outlined area", False), ("the shaded part", False)]
    if p["pl"]:
        opts.append(("the outlined areas", True))
    return rng.choice(opts)


def be(sub: tuple) -> str:
    s, pl = sub
    if s == "it":
        return "it's"
    if s == "they":
        return "they're"
    return s + (" are" if pl else " is")


def vs(sub: tuple, verb: str) -> str:
    """'it sits' / 'they sit'."""
    return sub[0] + " " + (verb if sub[1] else verb + "s")


def side_sentence(v: str, p: dict, A: dict, rng: random.Random, fix=False, false=False, wrong=None):
    sub = subj(p, A, rng)
    pp = A["p"]
    if v in ("left", "right"):
        img, opp = OPP[v], OPP[v]
        if fix:
            opts = [(f"It's actually on {pp} {v} side: on the screen it shows on the {img}-hand side, because scans are displayed as if {A['s']} {A['be']} facing the person reading them.",
                     f"actually on {pp} {v} side"),
                    (f"In fact, in {pp} body it's on the {v}; the picture is shown like a mirror, so it appears on the {img} of the screen.",
                     f"in {pp} body it's on the {v}"),
                    (f"Not quite: it's on {pp} {v} side" + (f", not {pp} {opp}." if wrong == opp else "."), f"it's on {pp} {v} side")]
        else:
            opts = [(f"{cap(be(sub))} on {pp} {v} side.", f"on {pp} {v} side"),
                    (f"{cap(be(sub))} on the {v} side of {pp} body.", f"the {v} side of {pp} body"),
                    (f"On the screen it appears on the {img}-hand side, but that's actually {pp} {v} side: scans are shown as if {A['s']} {A['be']} facing whoever is looking at them.",
                     f"actually {pp} {v} side"),
                    (f"It's on {pp} {v} — {pp} {v}, that is, not the screen's {v}.", f"It's on {pp} {v}"),
                    (f"Everything outlined is on {pp} {v} side; nothing is marked on the other side.", f"on {pp} {v} side"),
                    (f"You'll see it on the {img} of the image, because the picture faces you like a mirror; in {pp} body it's on the {v}.",
                     f"in {pp} body it's on the {v}")]
    elif v == "midline":
        if fix:
            opts = [(f"It's actually in the middle of {pp} body rather than on one side.", f"in the middle of {pp} body"),
                    ("Not quite: it sits right on the midline, not off to one side.", "right on the midline")]
        else:
            opts = [(f"{cap(be(sub))} in the middle of {pp} body, not off to one side.", f"in the middle of {pp} body"),
                    (f"{cap(be(sub))} central, right on the midline between {pp} left and right halves.", "right on the midline"),
                    ("It doesn't favour either side: it's in the middle, left to right.", "in the middle, left to right")]
    else:  # bilateral
        if fix:
            opts = [(f"Actually there is outlined area on both sides, {pp} left and {pp} right.", "on both sides"),
                    (f"Not quite: it's on both sides of {pp} body, not just one.", f"both sides of {pp} body")]
        else:
            opts = [(f"There is outlined area on both sides, {pp} left and {pp} right.", "on both sides"),
                    (f"{cap(be(sub))} on both sides of {pp} body, not just one.", f"both sides of {pp} body"),
                    (f"The shading is on both the left and the right side of {pp} body.", "both the left and the right")]
    if false and v in ("left", "right") and not fix:
        opts = opts[:5]
    t, k = rng.choice(opts)
    return t, C("side", v, k, fix=fix)


def side_user(v: str, U: dict, rng: random.Random):
    """A user's statement of the side (a clause, lower case, no final stop)."""
    pp = U["p"]
    if v in ("left", "right"):
        opts = [(f"it's on {pp} {v} side", f"{pp} {v} side"), (f"it's on the {v} side of {pp} body", f"the {v} side of {pp} body"),
                (f"it's on {pp} {v}", f"on {pp} {v}")]
    elif v == "midline":
        opts = [(f"it's in the middle of {pp} body", f"in the middle of {pp} body"), ("it's right on the midline", "right on the midline")]
    else:
        opts = [("it's on both sides", "on both sides"), (f"it's on both sides of {pp} body", f"both sides of {pp} body")]
    return rng.choice(opts)


def vert_phrases(v: str, p: dict, d: dict, user=False):
    """(clause fragment, key) options placing the target front/back, up/down or in the picture."""
    o = p["orient"]
    pp = d["p"]
    if o == "LP":
        front, back = F(p["front"], d), F(p["back"], d)
        if v == "anterior":
            return [(f"towards {front}", f"towards {front}"), ("nearer the front than the back", "nearer the front"),
                    (f"in the front part of the {p['body']}", f"front part of the {p['body']}")]
        if v == "posterior":
            return [(f"towards {back}", f"towards {back}"), (f"closer to {back} than to the front", f"closer to {back}"),
                    (f"in the back part of the {p['body']}", f"back part of the {p['body']}")]
        return [("roughly halfway between front and back", "roughly halfway"),
                ("in the middle, front to back", "in the middle, front to back")]
    if o == "LI":
        if v == "superior":
            return [(f"in the upper part of {pp} {p['body']}", "upper part"), (f"higher up, towards {pp} shoulders", "higher up"),
                    (f"near the top of {pp} {p['body']}", "near the top")]
        if v == "inferior":
            return [(f"in the lower part of {pp} {p['body']}", "lower part"), (f"low down, towards {pp} tummy", "low down"),
                    (f"near the bottom of {pp} {p['body']}", "near the bottom")]
        return [(f"about halfway up {pp} {p['body']}", "halfway up"), ("roughly halfway between top and bottom", "roughly halfway")]
    if v == "upper":
        return [("in the upper half of the photo", "upper half"), ("towards the top of the picture", "towards the top")]
    if v == "lower":
        return [("in the lower half of the photo", "lower half"), ("towards the bottom of the picture", "towards the bottom")]
    return [("roughly in the middle of the photo, top to bottom", "middle of the photo"),
            ("about halfway down the picture", "halfway down")]


def vert_sentence(v: str, p: dict, A: dict, rng: random.Random, fix=False):
    ph, key = rng.choice(vert_phrases(v, p, A))
    sub = subj(p, A, rng)
    o = p["orient"]
    if fix:
        t = rng.choice([f"It's actually {ph}.", f"Not quite: it sits {ph}."])
    else:
        opts = [f"{cap(be(sub))} {ph}.", f"{cap(vs(sub, 'sit'))} {ph}.", f"As for where it is, {be(sub)} {ph}."]
        if o == "LP" and v == "anterior":
            opts.append(f"On the picture it's nearer the top, and the top of a slice like this is the front of {A['p']} body, so it's {ph}.")
        if o == "LP" and v == "posterior":
            opts.append(f"On the picture it's nearer the bottom edge; the bottom of these slices is the back of the body, so it's {ph}.")
        if o is None:
            opts.append(f"Within the picture, {be(sub)} {ph}.")
        t = rng.choice(opts)
    return cap(t), C("vert", v, key, fix=fix)


def rel_sentence(other: str, rel: str, p: dict, A: dict, rng: random.Random):
    X = F(p["olay"][other], A)
    pp = A["p"]
    sub = subj(p, A, rng)
    opts = {"anterior_to": [(f"{cap(vs(sub, 'lie'))} in front of {X}.", f"in front of {X}"),
                            (f"{cap(be(sub))} a little further forward than {X}.", f"further forward than {X}")],
            "posterior_to": [(f"{cap(vs(sub, 'sit'))} behind {X}.", f"behind {X}"),
                             (f"{cap(be(sub))} further back than {X}.", f"further back than {X}")],
            "superior_to": [(f"{cap(be(sub))} above {X}.", f"above {X}"),
                            (f"{cap(vs(sub, 'sit'))} higher up than {X}.", f"higher up than {X}")],
            "inferior_to": [(f"{cap(be(sub))} below {X}.", f"below {X}"),
                            (f"{cap(vs(sub, 'sit'))} lower down than {X}.", f"lower down than {X}")],
            "left_of": [(f"{cap(be(sub))} to the left of {X}, meaning towards {pp} left side.", f"to the left of {X}"),
                        (f"Compared with {X}, it's further over to {pp} left.", f"Compared with {X}, it's further over to {pp} left")],
            "right_of": [(f"{cap(be(sub))} to the right of {X}, meaning towards {pp} right side rather than the screen's right.", f"to the right of {X}"),
                         (f"Compared with {X}, it's further over to {pp} right.", f"Compared with {X}, it's further over to {pp} right")]}[rel]
    t, k = rng.choice(opts)
    return t, C("rel", (other, rel), k)


def rel_user(other: str, rel: str, p: dict, U: dict):
    X = F(p["olay"][other], U)
    w = {"anterior_to": "in front of", "posterior_to": "behind", "superior_to": "above", "inferior_to": "below",
         "left_of": "to the left of", "right_of": "to the right of"}[rel]
    return f"it's {w} {X}", f"{w} {X}"


def size_sentence(p: dict, A: dict, rng: random.Random, cls=None, pct=None, fix=False, plain=False):
    """cls: a class word's class or None; pct: a percent text or None."""
    sub = subj(p, A, rng)
    claims = []
    cw = None
    if cls:
        cw = rng.choice(CLASS_WORDS[cls])
        if plain:
            cw_np = f"a {cw} part of the picture"
        else:
            cw_np = f"a {cw} area"
    if fix:
        if cls and pct:
            t = f"It's actually {cw_np}: about {pct} of the image."
        elif cls:
            t = f"It's actually {cw_np} on this picture."
        else:
            t = f"It actually covers about {pct} of the picture."
    elif cls and pct:
        t = rng.choice([f"{cap(be(sub))} {cw}: that's about {pct} of the picture.",
                        f"On this picture it covers roughly {pct} of the image, which counts as {cw_np}.",
                        f"In terms of size, it's {cw_np}, around {pct} of the whole image.",
                        f"I can't give you a size in centimetres from the outline alone, but {be(sub)} {cw_np}: about {pct} of the picture."])
    elif cls:
        adj = cw if sub[0].endswith(("area", "part", "areas")) else cw_np
        t = rng.choice([f"{cap(be(sub))} {adj} on this slice." if p["orient"] else f"{cap(be(sub))} {adj} in this photo.",
                        f"Compared with the whole picture, {be(sub)} {cw}.",
                        f"Size-wise, it's {cw_np}."])
    else:
        t = rng.choice([f"The outlined area is about {pct} of the whole image.",
                        f"{cap(vs(sub, 'fill'))} roughly {pct} of the picture.",
                        f"Measured on the picture, it covers around {pct} of the image."])
    if cls:
        claims.append(C("cls", cls, cw, fix=fix))
    if pct:
        claims.append(C("pct", pct_value(pct), pct, fix=fix))
    return cap(t), claims


def count_sentence(n: int, p: dict, A: dict, rng: random.Random, fix=False, wrong=None):
    if n == 1:
        opts = [("It's one single area, all joined up.", "one single area"),
                ("There's just one patch outlined.", "just one patch"),
                ("I can only see one piece; it isn't broken up into separate bits.", "only see one piece")]
        if fix:
            opts = [("Actually there's just one patch outlined, all in one piece.", "just one patch")]
    else:
        N = num(n, rng)
        opts = [(f"There are {N} separate areas, not touching each other.", f"{N} separate areas"),
                (f"The outline is made up of {N} separate pieces.", f"{N} separate pieces"),
                (f"I count {N} spots in all.", f"{N} spots")]
        if fix:
            opts = [(f"There are actually {N} separate areas, not {WORDS[wrong] if wrong is not None else 'one'}.", f"{N} separate areas"),
                    (f"Not quite: I count {N} separate pieces.", f"{N} separate pieces")]
    t, k = rng.choice(opts)
    return t, C("cnt", n, k, fix=fix)


def count_user(n: int, rng: random.Random):
    if n == 1:
        return rng.choice([("there's just one spot", "just one spot"), ("it's all one single piece", "one single piece")])
    N = num(n, rng)
    return rng.choice([(f"there are {N} separate spots", f"{N} separate spots"), (f"it's in {N} separate pieces", f"{N} separate pieces")])


def vert_user(v: str, p: dict, U: dict, rng: random.Random):
    ph, key = rng.choice(vert_phrases(v, p, U, user=True))
    return f"it's {ph}", key


def size_user(p: dict, rng: random.Random, cls=None, pct=None):
    if cls:
        cw = rng.choice(CLASS_WORDS[cls])
        return f"it's a {cw} area", C("cls", cls, cw)
    return f"it covers about {pct} of the picture", C("pct", pct_value(pct), pct)


# --------------------------------------------------------------------------------------------------
# neutral sentences: openings, closings, outline and convention explanations
# --------------------------------------------------------------------------------------------------

OPEN = {
    "worried_patient": ["I'm sorry you've been so worried; waiting for results is really hard.",
                        "That's not a silly question at all, and it's completely understandable to feel anxious.",
                        "Let's go through it together, slowly.",
                        "Please try not to panic; I'll explain exactly what the picture shows."],
    "caregiver": ["It's really kind of you to help {rel} with this.", "Of course; let's look at {p} scan together.",
                  "Thank you for helping {o} with this; here's what the picture shows."],
    "plain_language": ["Here it is in plain words.", "I'll keep it simple.", "Sure, short and simple."],
    "teach_back": ["Happy to.", "Of course, and at the end I'll check it all made sense."],
}
CLOSE = {
    "worried_patient": ["What the outline can't tell us is what this means for your health; your doctor is the right person for that, and it's fine to ask them to go over it again.",
                        "If you're still worried before your appointment, you can always phone the clinic.",
                        "Writing your questions down before the appointment can really help."],
    "caregiver": ["It might help to go along to {p} next appointment so you can ask the team together.",
                  "{P} care team can explain what it means for {o} in particular.",
                  "Do let {o} know that the picture on its own doesn't say how serious anything is."],
    "plain_language": ["Your doctor will explain what it means for you.", "That's the picture in a nutshell."],
    "teach_back": ["Could you tell me in your own words what you've taken from this, so I can check I explained it well?",
                   "When you're ready, say it back to me in your own words and I'll tell you if anything needs fixing."],
}
OUTLINE = ["The coloured line traces the edge of {the} on this one picture.",
           "Everything inside the shaded area is what the outline counts as {the}.",
           "Sizes here are worked out as a share of the whole picture, not in centimetres."]
OUTLINE_SLICE = ["The outline is drawn on a single slice of the scan, so it shows {the} at just one level."]
CONVENTION = {
    "LP": ["Just so it isn't confusing: scans are shown as though {s} {be} lying facing the doctor, so {p} left side appears on the right of the screen.",
           "A quick tip for reading these pictures: the right-hand side of the screen is {p} left side, and the top of a slice like this is the front of {p} body.",
           "The letters R and L you sometimes see in the corner mark {p} right and left, not the screen's."],
    "LI": ["Just so it isn't confusing: the X-ray is shown as if {s} {be} standing facing the doctor, so {p} left side is on the right of the picture.",
           "The R marker in the corner shows {p} right side, which appears on the left of the picture."],
    None: ["A close-up photo like this doesn't show left or right on {p} body, so I can only describe where it sits within the picture.",
           "Upper and lower here just mean the top and bottom halves of the photo, not higher or lower on {p} body."],
}
NEUTRAL_FOLLOW = [("Does this mean it's serious?",
                   ["The outline itself can't tell us that: it shows where something is, not what it is.",
                    "How serious something is depends on what it is, and that comes from the full report and sometimes other tests, not from the outline."]),
                  ("What happens next?",
                   ["That's one for your care team, as it depends on the full report rather than the outline alone.",
                    "Usually the doctor who ordered the scan goes through the report and the options at the next appointment."])]


# --------------------------------------------------------------------------------------------------
# building a conversation
# --------------------------------------------------------------------------------------------------


def true_value(aspect: str, facts: dict):
    return {"side": facts["laterality"], "vert": facts["vertical"], "cnt": facts["components"],
            "cls": facts["size_class"]}[aspect]


def wrong_side(v: str, rng: random.Random) -> str:
    if v in ("left", "right"):
        return OPP[v] if rng.random() < 0.8 else rng.choice(["midline", "bilateral"])
    if v == "bilateral":
        return rng.choice(["left", "right"])
    return rng.choice(["left", "right"])  # midline


def wrong_vert(v: str, p: dict, rng: random.Random) -> str:
    if v in OPP:
        return OPP[v]
    return rng.choice({"LP": ["anterior", "posterior"], "LI": ["superior", "inferior"], None: ["upper", "lower"]}[p["orient"]])


def wrong_count(n: int, rng: random.Random) -> int:
    if n == 1:
        return rng.choice([2, 2, 3])
    return rng.choice([n - 1, n + 1])


def wrong_cls(c: str, rng: random.Random) -> str:
    return {"small": rng.choice(["large", "medium"]), "medium": rng.choice(["small", "large"]),
            "large": rng.choice(["small", "small", "medium"])}[c]


def build(p: dict, facts: dict, style: str, rng: random.Random, defect):
    conv = Conv()
    orient = p["orient"]
    sex = p["sex"] or rng.choice(["m", "f"])
    if style == "caregiver":
        rel = rng.choice([r for r, s in RELATIVES if s == sex])
        U = voice("rel", sex, "my " + rel)
        A = voice("rel", sex, "your " + rel)
    else:
        U, A = voice("I"), voice("you")
    the = (A["p"] + " " + p["nm"]) if p["own"] else "the " + p["nm"]
    Uq = dict(U, scan=p["scan_u"])
    sayable = [(r["other"], r["relation"]) for r in facts["relations"] if r["relation"] in p["rel_ok"]]
    aspects = (["side"] if orient else []) + ["vert", "size", "cnt"] + (["rel"] if sayable else [])

    # ---- the plan: where the defect sits, which aspects each turn states ----
    kind_aspect = {"laterality": "side", "position": None, "size": "size", "count": "cnt"}
    d_aspect, place = None, None
    if defect in kind_aspect:
        if defect == "position":
            vrel = [sr for sr in sayable if sr[1] in ("anterior_to", "posterior_to", "superior_to", "inferior_to")]
            d_aspect = "rel" if vrel and rng.random() < 0.4 else "vert"
        else:
            d_aspect = kind_aspect[defect]
        r = rng.random()
        place = "user" if r < 0.21 else "follow" if r < 0.41 else "first"
    rounds = 3 if (place in ("user", "follow") and rng.random() < 0.5) or (place not in ("user", "follow") and rng.random() < 0.45) else 2
    if style == "teach_back" and place == "follow":
        rounds = 3
    # aspects barred from the rest of the row: a defect aspect is stated once only (position as a whole)
    barred = set()
    if d_aspect:
        barred = {"vert", "rel"} if defect == "position" else {d_aspect}
    # a clean wrong idea the assistant corrects: an aspect other than the defect's
    corr_aspect = None
    cands = [a for a in aspects if a not in barred and a != "rel"]
    if rng.random() < 0.33 and cands:
        corr_aspect = rng.choice(cands)
    free = [a for a in aspects if a not in barred and a != corr_aspect]
    rng.shuffle(free)
    n_first = rng.choice([1, 2, 2, 3, 3])
    first = free[:n_first]
    if style == "teach_back" and corr_aspect and rng.random() < 0.6:
        first.append(corr_aspect)
    later = free[n_first:]
    if place == "first":
        first.append(d_aspect)
    rng.shuffle(first)
    # follow-up slots
    slots = []
    if place == "follow":
        slots.append(("ask", d_aspect, True))
    if place == "user":
        slots.append(("premise", d_aspect))
    if corr_aspect:
        slots.append(("corrected", corr_aspect))
    for a in later:
        slots.append(("ask", a, False))
    rng.shuffle(slots)
    if style == "teach_back":
        # the patient says back what they understood in round 2
        tb = [s for s in slots if s[0] in ("premise", "corrected")]
        rest = [s for s in slots if s[0] not in ("premise", "corrected")]
        slots = [("restate", tb)] + rest
    # trim or pad to rounds - 1 slots, never dropping a defect slot
    must = [s for s in slots if (s[0] == "ask" and s[2]) or s[0] == "premise" or (s[0] == "restate" and any(x[0] == "premise" for x in s[1]))]
    others = [s for s in slots if s not in must]
    while len(must) + len(others) > rounds - 1 and others:
        others.pop()
    slots = [s for s in slots if s in must or s in others]
    if len(slots) > rounds - 1:
        rounds = len(slots) + 1
    fillers = ["summary", "neutral", "nearby", "goodside", "golf"]
    while len(slots) < rounds - 1:
        f = rng.choice(fillers)
        if f == "nearby" and not (sayable and "rel" not in barred and "rel" not in first and "rel" not in later):
            f = "summary"
        if f == "goodside" and (orient is None and rng.random() < 0.5):
            f = "neutral"
        if f == "goodside" and "side" in barred:
            f = "neutral"
        if f == "golf" and "size" in barred:
            f = "neutral"
        if f == "summary" and any(s == ("filler", "summary") for s in slots):
            f = "neutral"
        slots.append(("filler", f))
    rounds = len(slots) + 1
    stated = set()

    def state(aspect: str, false: bool, fix: bool = False, plain: bool = False, wrong=None):
        """Sentences stating one aspect (true, or the planted false claim)."""
        out = []
        if aspect == "side":
            v = facts["laterality"]
            if false:
                v = wrong_side(v, rng)
            out.append(side_sentence(v, p, A, rng, fix=fix, false=false, wrong=wrong))
        elif aspect == "vert":
            v = facts["vertical"]
            if false:
                v = wrong_vert(v, p, rng)
            out.append(vert_sentence(v, p, A, rng, fix=fix))
        elif aspect == "rel":
            if false:
                vrel = [sr for sr in sayable if sr[1] in ("anterior_to", "posterior_to", "superior_to", "inferior_to")]
                o, r = rng.choice(vrel)
                out.append(rel_sentence(o, REL_FLIP[r], p, A, rng))
            else:
                picks = rng.sample(sayable, min(len(sayable), rng.choice([1, 1, 2])))
                for o, r in picks:
                    out.append(rel_sentence(o, r, p, A, rng))
        elif aspect == "cnt":
            n = facts["components"]
            if false:
                n = wrong_count(n, rng)
            out.append(count_sentence(n, p, A, rng, fix=fix, wrong=wrong))
        elif aspect == "size":
            v = 100 * facts["area_fraction"]
            form = rng.choice(["both", "cls", "pct"])
            if false:
                form = rng.choice(["cls", "pct"])
                cls = wrong_cls(facts["size_class"], rng) if form == "cls" else None
                pct = false_pct(v, rng) if form == "pct" else None
            else:
                cls = facts["size_class"] if form in ("both", "cls") else None
                pct = pct_str(v, rng) if form in ("both", "pct") else None
            t, cl = size_sentence(p, A, rng, cls, pct, fix=fix, plain=plain or style == "plain_language")
            out.append((t, *cl))
        stated.add(aspect)
        res = []
        for item in out:
            t, cl = item[0], [c for c in item[1:]]
            for c in cl:
                c["false"] = false
            res.append((t, cl))
        return res

    def say_all(items):
        for t, cl in items:
            conv.say(t, *cl)

    # ---- turn 1: the user ----
    conv.start("user")
    np_ = F(rng.choice(p["named"] if defect == "names_target" else p["np"]), U)
    it = "them" if p["pl"] else "it"
    isare = "are" if p["pl"] else "is"
    relw = U["rel"][3:] if style == "caregiver" else ""
    pos = cap(relw) if relw in ("dad", "mum", "grandad", "nan") else "my " + relw
    story = F(rng.choice(p["story"]), U)
    scan = Uq["scan"]
    if style == "worried_patient":
        q = rng.choice([f"Hi, I've just seen my {scan} results on the portal and I'm really anxious. {story} Could you show me {np_} and draw around {it} so I know what I'm looking at?",
                        f"Sorry, this might be a silly question but I can't stop worrying. Where {isare} {np_} on my {scan}? Can you outline {it} for me?",
                        f"I haven't slept properly since they sent me the pictures. {story} Please could you highlight {np_}?",
                        f"Is it normal to be this scared about a scan? {story} I'd feel better if I could at least see {np_} marked on the picture.",
                        f"My appointment isn't for two weeks and the waiting is awful. Can you point out {np_} on my {scan} and outline it?"])
    elif style == "caregiver":
        q = rng.choice([f"I'm asking for {U['rel']}; {U['s']} asked me to look at {U['p']} results because {U['s']} {U['do']}n't use the app. {story} Can you outline {np_} on {U['p']} {scan}?",
                        f"{U['Rel']} finds all this confusing, so I'm trying to understand it for {U['o']}. Which bit of {U['p']} {scan} {isare} {np_}? Please draw around {it}.",
                        f"Hello, I look after {U['rel']}. {story} Could you mark {np_} on {U['p']} pictures so I can explain it to {U['o']}?",
                        f"{U['Rel']} had a {scan} last week and the letter was full of jargon. Could you show me {np_}, with an outline?",
                        f"This is {pos}'s {scan} from last week. {story} Where {isare} {np_}? Could you outline {it}?"])
    elif style == "plain_language":
        q = rng.choice([f"Can you explain in simple words where {np_} is on my {scan}? And please outline it.",
                        f"Please keep it simple. {story} Which part of the picture {isare} {np_}? Draw round {it} for me.",
                        f"I'm not medical at all. Could you outline {np_} on my {scan} and tell me where {'they are' if p['pl'] else 'it is'} in everyday words?",
                        f"No jargon please! Show me {np_} on this {scan}, with a line around {it}."])
    else:
        q = rng.choice([f"The doctor explained my {scan} very quickly and I want to check I understood. {story} First, could you outline {np_}?",
                        f"I'm going to repeat back what you tell me so I remember it for my family. Can you show me {np_} on my {scan} and draw around {it}?",
                        f"Could you outline {np_} on my {scan}? Then I'll tell you what I understood and you can tell me if I got it right."])
    conv.say(q)

    # ---- turn 2: the first answer ----
    conv.start("assistant")
    conv.say(F(rng.choice(OPEN[style]), A))
    them = "them" if p["pl"] else "it"
    seg = rng.choice([f"What you're describing is {the} [SEG].",
                      f"{'Those are' if p['pl'] else 'That is'} {the}; I've outlined {them} on the picture [SEG].",
                      f"I've drawn around {the} for you [SEG].", f"The outline shows {the} [SEG].",
                      f"{'Here are' if p['pl'] else 'Here is'} {the}, outlined [SEG]."])
    if style == "caregiver":
        seg = seg.replace("What you're describing", "What you're describing for " + A["o"])
    conv.say(cap(seg))
    if rng.random() < 0.55:
        conv.say(F(rng.choice(p["gloss"]), A))
    if rng.random() < 0.5:
        pool = OUTLINE + (OUTLINE_SLICE if p["mod"] in ("CT", "MR") else [])
        conv.say(F(rng.choice(pool), dict(A, the=the)))
    conv_used = False
    if "side" in first or orient is None or rng.random() < 0.4:
        conv.say(F(rng.choice(CONVENTION[orient]), A))
        conv_used = True
    for a in first:
        say_all(state(a, false=(a == d_aspect and place == "first")))
    traps = rng.sample(p["traps"], rng.choice([1, 1, 2]))
    for t in traps:
        conv.say(F(t, A))
    conv.say(F(rng.choice(CLOSE[style]), A))

    # ---- follow-up rounds ----
    for slot in slots:
        conv.start("user")
        if slot[0] == "restate":
            restate_round(conv, slot[1], p, facts, A, U, rng, stated, sayable, d_aspect, state, barred)
            continue
        if slot[0] == "ask":
            ask_round(conv, slot[1], slot[2], p, facts, style, A, U, rng, state, sayable)
        elif slot[0] == "premise":
            premise_round(conv, slot[1], p, facts, style, A, U, rng, sayable, stated, barred, state)
        elif slot[0] == "corrected":
            corrected_round(conv, slot[1], p, facts, style, A, U, rng, state)
        else:
            filler_round(conv, slot[1], p, facts, style, A, U, rng, state, stated, barred, d_aspect, place)

    turns = conv.render()
    LEDGER.append(dict(target=p["target"], defect=defect, place=place, d_aspect=d_aspect, style=style,
                       turns=[(role, [(t, cl) for t, cl in sents]) for role, sents in conv.turns]))
    return turns, ([] if defect is None else [defect])


def user_claim(aspect: str, value, p: dict, U: dict, rng: random.Random, **kw):
    """A user's clause stating `aspect` = value, with its claim."""
    if aspect == "side":
        t, k = side_user(value, U, rng)
        return t, C("side", value, k, **kw)
    if aspect == "vert":
        t, k = vert_user(value, p, U, rng)
        return t, C("vert", value, k, **kw)
    if aspect == "cnt":
        t, k = count_user(value, rng)
        return t, C("cnt", value, k, **kw)
    if aspect == "rel":
        t, k = rel_user(value[0], value[1], p, U)
        return t, C("rel", value, k, **kw)
    if aspect == "cls":
        t, c = size_user(p, rng, cls=value)
        c.update(kw)
        return t, c
    t, c = size_user(p, rng, pct=value)
    c.update(kw)
    return t, c


def wrong_user_value(aspect: str, p: dict, facts: dict, rng: random.Random, sayable):
    """(aspect, value) of a wrong idea about `aspect` (size becomes cls or pct)."""
    if aspect == "side":
        return "side", wrong_side(facts["laterality"], rng)
    if aspect == "vert":
        return "vert", wrong_vert(facts["vertical"], p, rng)
    if aspect == "cnt":
        return "cnt", wrong_count(facts["components"], rng)
    if aspect == "rel":
        vrel = [sr for sr in sayable if sr[1] in ("anterior_to", "posterior_to", "superior_to", "inferior_to")]
        o, r = rng.choice(vrel)
        return "rel", (o, REL_FLIP[r])
    if rng.random() < 0.6:
        return "cls", wrong_cls(facts["size_class"], rng)
    return "pct", false_pct(100 * facts["area_fraction"], rng)


def ask_round(conv, aspect, false, p, facts, style, A, U, rng, state, sayable):
    o = p["orient"]
    pp = U["p"]
    qs = {"side": [f"Which side is it on? I was too upset to take it in when the doctor told me." if style != "caregiver" else f"Which side is it on? {U['S']} keep{U['z']} asking me.",
                   f"Is it on {pp} left or {pp} right?", "Left or right side?" if style == "plain_language" else f"Which side of {pp} body is it on?"],
          "vert": ({"LP": [f"Is it near the front or towards {pp} back?", f"Is it nearer {pp} front or {pp} back?"],
                    "LI": [f"Is it high up or low down in {pp} chest?", "Is it in the top or the bottom part of the picture?"],
                    None: ["Whereabouts in the photo is it?", "Is it at the top or the bottom of the picture?"]})[o],
          "size": ["How big is it?", "Is it a big area on the picture?", "How much of the picture does it take up?"],
          "cnt": ["Is it just one, or are there more?", "How many separate bits are there?", "Is it all in one piece?"],
          "rel": ["What is it next to?", "What's around it on the picture?"]}[aspect]
    reported = None
    if aspect in ("side", "vert", "cnt") and not false and rng.random() < 0.35:
        clause, reported = user_claim(aspect, true_value(aspect, facts), p, U, rng)
        reported["false"] = False
        who = rng.choice(["The doctor", "The nurse", "The consultant"])
        conv.say(f"{who} said {clause}. Is that right?", reported)
    else:
        conv.say(rng.choice(qs))
    conv.start("assistant")
    if reported:
        conv.say(rng.choice(["Yes, that's right.", "Yes, they're quite right.", "That's correct."]))
    else:
        conv.say(rng.choice(["Good question.", "Of course.", "Sure.", "Yes, let me explain."]))
    if aspect == "side" and rng.random() < 0.25:
        conv.say(F(rng.choice(CONVENTION[o]), A))
    items = state(aspect, false=false)
    for t, cl in items:
        conv.say(t, *cl)
    if rng.random() < 0.4:
        conv.say(F(rng.choice(p["traps"]), A))


def premise_round(conv, aspect, p, facts, style, A, U, rng, sayable, stated, barred, state):
    """A user's false premise that the assistant answers without correcting (the planted defect)."""
    a2, v = wrong_user_value(aspect, p, facts, rng, sayable)
    clause, c = user_claim(a2, v, p, U, rng)
    c["false"] = True
    c["premise"] = True
    pp, s = U["p"], U["s"]
    if style == "caregiver":
        t = rng.choice([f"So as {clause}, should {s} avoid lying on that side at night?",
                        f"Since {clause}, is that why {s} {U['have']} had aches?",
                        f"{U['S']} told the family {clause}. Does that make the operation harder?"])
    else:
        t = rng.choice([f"Since {clause}, could that be why I've had aches?",
                        f"OK, so {clause}. Does that make it more serious?",
                        f"Given that {clause}, will they need to do anything different?",
                        f"My consultant said {clause}. Is that something to worry about?"])
    conv.say(t, c)
    conv.start("assistant")
    conv.say(rng.choice(["That's a really understandable question.", "I can see why you'd wonder about that.",
                         "It's good that you're asking."]))
    conv.say(rng.choice(["How serious something is depends on what it is, not just where it sits or how it looks on one picture.",
                         "Aches and next steps depend on much more than the picture, so it's worth asking the team who know the whole story.",
                         "The outline on its own can't answer that; the specialist will look at the full report and the other tests."]))
    free = [a for a in ("side", "vert", "size", "cnt") if a not in barred and a != aspect and a not in stated
            and (a != "side" or p["orient"])]
    if free and rng.random() < 0.5:
        conv.say(rng.choice(["What I can add from the outline is this.", "Here's one thing the outline does show."]))
        for t2, cl in state(rng.choice(free), false=False):
            conv.say(t2, *cl)
        return
    if rng.random() < 0.5:
        conv.say(F(rng.choice(p["traps"]), A))


def corrected_round(conv, aspect, p, facts, style, A, U, rng, state):
    """A user's wrong idea (clean) that the assistant explicitly corrects."""
    a2, v = wrong_user_value(aspect, p, facts, rng, [])
    clause, c = user_claim(a2, v, p, U, rng, corr=True)
    c["false"] = True
    pp = U["p"]
    if style == "caregiver":
        t = rng.choice([f"{U['S']} {U['was']} sure the doctor said {clause}.", f"My brother looked at it and says {clause}.",
                        f"I read the letter as saying {clause}."])
    else:
        t = rng.choice([f"I'm sure the doctor said {clause}?", f"My sister had a look and thinks {clause}.",
                        f"The doctor said {clause}, is that right?",
                        f"I read the letter as saying {clause}.", f"I'd got it into my head that {clause}."])
    conv.say(t, c)
    conv.start("assistant")
    conv.say(rng.choice(["I can see why, but that's not quite what the picture shows.", "Let me gently correct that.",
                         "That's an easy mix-up to make."]))
    if a2 in ("cls", "pct"):
        v = 100 * facts["area_fraction"]
        form = rng.choice(["both", "cls", "pct"]) if a2 == "cls" else rng.choice(["both", "pct"])
        cls = facts["size_class"] if form in ("both", "cls") else None
        pct = pct_str(v, rng) if form in ("both", "pct") else None
        t2, cl = size_sentence(p, A, rng, cls, pct, fix=True, plain=style == "plain_language")
        for x in cl:
            x["false"] = False
        conv.say(t2, *cl)
        return
    items = state(a2, false=False, fix=True, wrong=v)
    for t2, cl in items:
        conv.say(t2, *cl)


def restate_round(conv, tb, p, facts, A, U, rng, stated, sayable, d_aspect, state, barred):
    """Teach-back: the patient says back what they understood (stated aspects, plus maybe a wrong idea)."""
    clauses = []
    skip = {s[1] for s in tb} | set(barred)
    for a in sorted(stated - skip):
        if a == "size":
            a2 = "cls"
            clause, c = user_claim("cls", facts["size_class"], p, U, rng)
        elif a == "rel":
            o, r = rng.choice(sayable)
            clause, c = user_claim("rel", (o, r), p, U, rng)
        else:
            clause, c = user_claim(a, true_value(a, facts), p, U, rng)
        c["false"] = False
        clauses.append((clause, c))
    rng.shuffle(clauses)
    clauses = clauses[:2]
    kind, has_premise = None, False
    for s in tb:
        a2, v = wrong_user_value(s[1], p, facts, rng, sayable)
        if s[0] == "premise":
            clause, c = user_claim(a2, v, p, U, rng)
            c.update(false=True, premise=True)
            has_premise = True
        else:
            clause, c = user_claim(a2, v, p, U, rng, corr=True)
            c["false"] = True
            kind = "corrected"
            fix_aspect, fix_wrong = a2, v
        clauses.append((clause, c))
    if not clauses:
        clauses.append(("it's been outlined on the picture", None))
    rng.shuffle(clauses)
    texts = [x[0] for x in clauses]
    joined = texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]
    t = rng.choice([f"OK, let me say it back: {joined}. Have I got that right?",
                    f"So, if I've understood: {joined}. Is that right?",
                    f"Right, so in my own words, {joined}. Did I get it?"])
    conv.say(t, *[x[1] for x in clauses if x[1]])
    conv.start("assistant")
    if kind == "corrected":
        conv.say(rng.choice(["Nearly there! Just one thing to fix.", "Almost, with one correction.", "Very close, but one part needs putting right."]))
        if fix_aspect in ("cls", "pct"):
            v = 100 * facts["area_fraction"]
            cls = facts["size_class"] if fix_aspect == "cls" else None
            pct = pct_str(v, rng) if fix_aspect == "pct" else None
            t2, cl = size_sentence(p, A, rng, cls, pct, fix=True, plain=False)
            for x in cl:
                x["false"] = False
            conv.say(t2, *cl)
        else:
            for t2, cl in state(fix_aspect, false=False, fix=True, wrong=fix_wrong):
                conv.say(t2, *cl)
        conv.say(rng.choice(["Everything else you said is spot on.", "The rest is exactly right."]))
    elif has_premise:
        conv.say(rng.choice(["You've clearly taken a lot in.", "That's a good summary to share with your family.",
                             "Thank you for saying it back; it's a lot to take in."]))
        conv.say(rng.choice(["The one thing I'd add is that the outline shows where something is, not what it is; the report and your doctor cover that.",
                             "Do take your questions to the next appointment too, as the team can explain what it means for you."]))
    else:
        conv.say(rng.choice(["Yes, that's exactly right.", "Spot on.", "That's right, well done."]))
        conv.say(rng.choice(["The only thing the outline can't tell us is what it is; that's for the report and your doctor.",
                             "You could write that down to share with your family."]))


def filler_round(conv, kind, p, facts, style, A, U, rng, state, stated, barred, d_aspect, place):
    o = p["orient"]
    pp = U["p"]
    if kind == "summary":
        conv.say(rng.choice(["Could you sum it up for me in a sentence or two?",
                             "Can you give me a short summary I can tell my family?" if style != "caregiver" else f"Can you give me a short summary I can pass on to {U['o']}?"]))
        conv.start("assistant")
        conv.say(rng.choice(["Of course.", "Here's the short version.", "Happy to."]))
        pool = [a for a in (["side"] if o else []) + ["vert", "size", "cnt"] if a not in barred]
        pick = rng.sample(pool, min(len(pool), 2))
        for a in pick:
            for t, cl in state(a, false=False, plain=True):
                conv.say(t, *cl)
        conv.say(F(rng.choice(CLOSE["worried_patient" if style == "teach_back" else style]), A))
    elif kind == "neutral":
        q, ans = rng.choice(NEUTRAL_FOLLOW)
        if style == "caregiver":
            q = q.replace("it's serious", f"it's serious for {U['o']}")
        conv.say(q)
        conv.start("assistant")
        for t in ans:
            conv.say(t)
        if rng.random() < 0.5:
            conv.say(F(rng.choice(p["traps"]), A))
    elif kind == "nearby":
        o2 = rng.choice(list(p["olay"]))
        X = F(p["olay"][o2], U)
        conv.say(rng.choice([f"Is it anywhere near {X}?", "What's it next to?", f"Where is it compared with {X}?"]))
        conv.start("assistant")
        conv.say(rng.choice(["Let me describe its neighbours.", "Good question."]))
        for t, cl in state("rel", false=False):
            conv.say(t, *cl)
    elif kind == "goodside":
        if o is None:
            conv.say(rng.choice([f"Is it on {pp} left arm? That's the one I'm worried about." if style != "caregiver" else f"Is it the one on {pp} left arm?",
                                 "Can you tell from the photo which side of my body it's on?"]))
            conv.start("assistant")
            conv.say(F(CONVENTION[None][0], A))
            conv.say("Your clinic notes will say exactly where on the body the photo was taken.")
            return
        bad = rng.choice(["left", "right"])
        thing = rng.choice(["knee", "hip", "shoulder"])
        conv.say(f"My {bad} {thing} is the bad one. Is this on my good side?" if style != "caregiver"
                 else f"{U['P']} {bad} {thing} is the bad one. Is this on {pp} good side?")
        conv.start("assistant")
        for t, cl in state("side", false=False):
            conv.say(t, *cl)
        v = facts["laterality"]
        if v in ("left", "right"):
            conv.say(f"So it's on the {'same' if v == bad else 'other'} side as {A['p']} {thing}.",
                     C("side_implied", v, "implied", false=False, bad=bad))
        elif v == "midline":
            conv.say("So it isn't really on either side.")
        else:
            conv.say("So it isn't limited to one side.")
        conv.say(F("Of course, the {thing} and this are completely separate things.".replace("{thing}", thing), A))
    elif kind == "golf":
        thing = rng.choice(["a golf ball", "a grape", "a walnut", "a pea"])
        conv.say(rng.choice([f"The consultant said it's about the size of {thing}. Is that big?",
                             f"Someone said it's the size of {thing}. Does the picture agree?"]))
        conv.start("assistant")
        conv.say(f"I can't measure it in centimetres from the outline, so I can't check the comparison with {thing}.")
        for t, cl in state("size", false=False):
            conv.say(t, *cl)
