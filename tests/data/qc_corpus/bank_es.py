"""Bank ES: thorax, heart, mediastinum and brain, as the MedSeg-QA product writes them.

Targets: right lung, left lung, lungs (both), heart (axial CT and frontal chest film), left ventricle,
right ventricle, left atrium, aorta (ascending + descending limbs: two pieces), trachea, esophagus, thymus,
pleural effusion (right-sided and bilateral, CT and chest film), lung nodules (bilateral and right-sided),
lateral ventricles, left / right hippocampus, hippocampi (both), brain tumor (right frontal, left large),
brain metastases (four bilateral, two left-sided). CT and MR axial slices ("LP"), chest films ("LI").

Registers: "explainer" (a GPT-4-style helpful explainer with headings and bullets), "physician" (a
physician's terse refinement of an LLM draft, with the odd "draft said X; corrected" note), "local" (a small
local open model: clumsy, repetitive, over-hedged) and "teaching" (a tutor with a medical student, who often
brings a wrong idea that the tutor corrects).

Written without reading QC. Every conversation is driven by the measured facts; each sentence that claims a
side, a position, a size or a count about the target is recorded in `LEDGER` (the writer's own ledger, read
by the writer's own check). Defect rows change the value of exactly one claim, and the defect's family is
then stated nowhere else in the row. About a fifth of the side/position/size/count defects sit in a user
turn (a false premise the assistant goes along with), a fifth in a follow-up answer, the rest in the first.

Own check (/work/notes/qces_scripts/check_es.py) on heldout_es.jsonl (SEED 20261276):
rows: 420 clean: 210 defect: 210 (42 of each kind), 3760 recorded claims, 157 false ideas or draft claims
explicitly corrected in clean and defect rows, defect location first 106 / follow-up 29 / user 33, problems: 0
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["explainer", "physician", "local", "teaching"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
LEDGER: list[list[dict]] = []  # one list of claim records per build() call, in call order

N = 256


def _c(x, y):
    return (round(x / (N - 1), 4), round(y / (N - 1), 4))


CHEST = dict(mod="CT", region="chest", orient="LP", H="hemithorax", Hs="hemithoraces", body="chest")
BRAIN = dict(mod="MR", region="head", orient="LP", H="hemisphere", Hs="hemispheres", body="head")
FILM = dict(mod="XR", region="chest", orient="LI", H="hemithorax", Hs="hemithoraces", body="chest")

LUNG_FORBID = ["lung", "pulmo", "pneum"]

PROFILES = [
    dict(CHEST, target="right lung", key="rlung", ell=[(80, 125, 44, 68, 0)], jit=3,
         others={"heart": _c(150, 105), "spine": _c(128, 178)},
         forms=["right lung"], named=["right lung", "right pulmonary parenchyma"], forbid=LUNG_FORBID, plural=False,
         unit="lung", clue=["the organ in the right hemithorax that does gas exchange",
                            "the air-filled organ on the patient's right side of the chest",
                            "the three-lobed organ that is full of air on this side"],
         story=["A smoker with a right-sided chest drain in place needs volumetry before surgery."],
         know=["The right lung has three lobes and the left only two, because the heart takes up room on the left.",
               "The right main bronchus is shorter, wider and more vertical than the left, which is why aspirated "
               "material tends to end up on the right.",
               "On average the right lung carries about 55% of total ventilation."]),
    dict(CHEST, target="left lung", key="llung", ell=[(178, 128, 40, 66, 0)], jit=3,
         others={"spine": _c(128, 178), "heart": _c(140, 104)},
         forms=["left lung"], named=["left lung", "left pulmonary parenchyma"], forbid=LUNG_FORBID, plural=False,
         unit="lung", clue=["the organ for gas exchange that has a cardiac notch and a lingula",
                            "the two-lobed air-filled organ in the chest",
                            "the organ that wraps around the cardiac notch"],
         story=["Pre-operative planning for a left upper lobectomy: they want the whole organ outlined."],
         know=["The left lung has a lingula instead of a middle lobe.",
               "The left main bronchus passes under the aortic arch and is about 5 cm long, twice the length of the "
               "right one.",
               "The heart's apex normally points down and to the left, into the cardiac notch."]),
    dict(CHEST, target="lungs", key="lungs", ell=[(80, 125, 44, 68, 0), (178, 128, 40, 66, 0)], jit=3,
         others={"sternum": _c(128, 50), "spine": _c(128, 180)},
         forms=["lungs", "lung fields"], named=["lungs", "both lungs", "pulmonary parenchyma"], forbid=LUNG_FORBID,
         plural=True, unit="lungs",
         clue=["the paired organs of gas exchange", "the air-filled organs on either side of the mediastinum",
               "the organs that get the oxygen in"],
         story=["We're doing quantitative emphysema scoring and need the gas-exchange organs outlined first."],
         know=["Each of the two is wrapped in its own pleural sac, so a pneumothorax on one side does not collapse "
               "the other.",
               "The right one has three lobes and the left two.",
               "In emphysema scoring, more than 5% of voxels below -950 HU is usually taken as abnormal."]),
    dict(CHEST, target="heart", key="heart", ell=[(152, 102, 44, 36, -20)], jit=3,
         others={"spine": _c(128, 178), "esophagus": _c(131, 124), "descending aorta": _c(150, 148)},
         forms=["heart"], named=["heart", "cardiac silhouette", "myocardium"],
         forbid=["heart", "cardi", "myocard"], plural=False, unit="organ",
         clue=["the organ that pumps blood around the body", "the four-chambered pump in the middle of the chest",
               "the organ that fills its sac with blood in tamponade"],
         story=["An 80-year-old with ankle swelling and breathlessness: I want to see how big the pump is."],
         know=["In dextrocardia the apex points to the right instead; it's rare, roughly 1 in 12,000 births.",
               "The right atrium forms the right border on a frontal film and the left ventricle most of the left "
               "border.",
               "It has four chambers and four valves."]),
    dict(CHEST, target="left ventricle", key="lv", ell=[(166, 106, 20, 17, 30)], jit=2,
         others={"right ventricle": _c(125, 88), "descending aorta": _c(145, 150)},
         forms=["left ventricle", "LV"], named=["left ventricle", "LV", "left ventricular cavity"],
         forbid=["ventric", r"\bLV\b"], plural=False, unit="chamber",
         clue=["the chamber that pumps oxygenated blood out into the aorta",
               "the thick-walled chamber that does most of the systemic work",
               "the chamber whose ejection fraction we quote in echo reports"],
         story=["Cardiac CT for a patient with an ejection fraction of 35%: segment the main systemic pumping "
                "chamber."],
         know=["Its wall is normally about three times thicker than the right ventricular wall.",
               "The left anterior descending artery runs in the anterior interventricular groove.",
               "A normal ejection fraction is roughly 55 to 70%."]),
    dict(CHEST, target="right ventricle", key="rv", ell=[(104, 92, 22, 14, -25)], jit=2,
         others={"left ventricle": _c(166, 112), "sternum": _c(128, 55)},
         forms=["right ventricle", "RV"], named=["right ventricle", "RV", "right ventricular cavity"],
         forbid=["ventric", r"\bRV\b"], plural=False, unit="chamber",
         clue=["the chamber that pumps blood into the pulmonary trunk",
               "the thin-walled chamber that strains in a big pulmonary embolism",
               "the chamber with the moderator band"],
         story=["Suspected pulmonary embolism with strain: can you outline the chamber that pushes blood into the "
                "pulmonary arteries?"],
         know=["Its wall is only about 3 to 5 mm thick.",
               "On a frontal film it does not form a border at all; the left border is mostly the left ventricle.",
               "An RV/LV diameter ratio above 1.0 on CT suggests right heart strain in pulmonary embolism."]),
    dict(CHEST, target="left atrium", key="la", ell=[(148, 134, 20, 13, 0)], jit=2,
         others={"esophagus": _c(136, 152), "left ventricle": _c(168, 108)},
         forms=["left atrium", "LA"], named=["left atrium", "LA", "left atrial cavity"],
         forbid=["atri", r"\bLA\b"], plural=False, unit="chamber",
         clue=["the chamber that receives the four pulmonary veins",
               "the chamber where the appendage clots form in fibrillation",
               "the receiving chamber for oxygenated blood coming back from the pulmonary veins"],
         story=["Planning an ablation for fibrillation: segment the chamber the pulmonary veins drain into."],
         know=["Atrial fibrillation affects roughly 2% of the adult population.",
               "An enlarged one can splay the carina, with the angle widening beyond about 90 degrees.",
               "Most stroke-causing clots in fibrillation form in its appendage."]),
    dict(CHEST, target="aorta", key="aorta", ell=[(118, 100, 13, 13, 0), (150, 142, 11, 11, 0)], jit=2,
         others={"trachea": _c(128, 88), "spine": _c(128, 182)},
         forms=["aorta"], named=["aorta", "thoracic aorta", "aortic lumen"], forbid=["aort"], plural=False,
         unit="vessel",
         clue=["the main artery leaving the left ventricle", "the great vessel that carries blood out to the "
               "whole body", "the vessel that dissects in a patient with tearing chest pain radiating to the back"],
         story=["Tearing chest pain going through to the back, blood pressure different in the two arms: segment "
                "the vessel I'm worried about."],
         know=["The left recurrent laryngeal nerve hooks under the arch, which is why an arch aneurysm can cause a "
               "hoarse voice.",
               "A right-sided arch is found in about 0.1% of adults.",
               "At this level the ascending part is normally under about 4 cm across."]),
    dict(CHEST, target="trachea", key="trachea", ell=[(128, 96, 10, 9, 0)], jit=1,
         others={"esophagus": _c(131, 120), "spine": _c(128, 178), "superior vena cava": _c(105, 95)},
         forms=["trachea"], named=["trachea", "windpipe", "tracheal lumen"], forbid=["trache", "windpipe", "airway"],
         plural=False, unit="tube",
         clue=["the tube carrying air from the larynx down to the carina",
               "the C-ring-supported tube in front of the oesophagus",
               "the structure that deviates away from a tension pneumothorax"],
         story=["Long-term intubation, now stridor: segment the tube the breathing tube sat in."],
         know=["It is about 10 to 12 cm long in adults.",
               "The right main bronchus leaves the carina at a steeper angle than the left.",
               "A large goitre can push it to one side; here nothing is pushing on it."]),
    dict(CHEST, target="esophagus", key="eso", ell=[(130, 122, 7, 6, 0)], jit=1,
         others={"trachea": _c(128, 98), "descending aorta": _c(150, 142), "heart": _c(150, 100)},
         forms=["esophagus", "oesophagus"], named=["esophagus", "oesophagus", "gullet"],
         forbid=["esophag", "oesophag", "gullet", "food pipe"], plural=False, unit="tube",
         clue=["the muscular tube that carries swallowed food down to the stomach",
               "the collapsed tube that runs behind the trachea and carries what you swallow",
               "the structure a barium swallow outlines"],
         story=["Progressive dysphagia to solids and weight loss: can you outline the swallowing tube?"],
         know=["The azygos vein arches over the right main bronchus at about the T4 level.",
               "It has three normal narrowings: at the cricopharyngeus, where the arch crosses, and at the "
               "diaphragm.",
               "Roughly 70% of cancers here in Western series are adenocarcinomas of the lower third."]),
    dict(CHEST, target="thymus", key="thymus", ell=[(128, 76, 18, 9, 0)], jit=1,
         others={"aortic arch": _c(132, 100), "sternum": _c(128, 55)},
         forms=["thymus"], named=["thymus", "thymic tissue", "thymic gland"], forbid=["thym"], plural=False,
         unit="gland",
         clue=["the gland where T cells mature, which involutes after puberty",
               "the lymphoid gland in the anterior mediastinum that turns to fat with age",
               "the organ linked with myasthenia gravis"],
         story=["Young woman with myasthenia gravis being worked up for surgery: segment the gland they'd remove."],
         know=["In children this gland can be large enough to be mistaken for a mediastinal mass.",
               "After about age 40 it is largely replaced by fat.",
               "Roughly 10 to 15% of patients with myasthenia gravis turn out to have a thymoma."]),
    dict(CHEST, target="pleural effusion", key="eff_r", ell=[(74, 172, 30, 15, -15)], jit=3,
         others={"spine": _c(128, 180), "heart": _c(150, 105)},
         forms=["pleural effusion", "effusion"], named=["pleural effusion", "effusion", "pleural fluid"],
         forbid=["effusion", "pleura", "fluid", "hydrothorax"], plural=False, unit="collection",
         clue=["what's giving this patient dullness to percussion and reduced breath sounds at one base",
               "the dependent crescent I can see on this slice",
               "whatever is blunting the costophrenic angle"],
         story=["Breathless after a cardiac operation, dull at one base: please segment the cause."],
         know=["Heart-failure ones are usually bilateral, and often a little bigger on the right.",
               "On an upright film you need about 200 mL before the costophrenic angle blunts.",
               "Light's criteria: a fluid/serum protein ratio above 0.5 points to an exudate."]),
    dict(CHEST, target="pleural effusion", key="eff_b", ell=[(74, 172, 28, 14, -15), (182, 174, 26, 13, 15)],
         jit=3, others={"sternum": _c(128, 55), "trachea": _c(128, 96)},
         forms=["pleural effusions", "effusions"], named=["pleural effusions", "effusions", "pleural fluid"],
         forbid=["effusion", "pleura", "fluid", "hydrothorax"], plural=True, unit="collections",
         clue=["what's making both bases dull to percussion in this patient with heart failure",
               "the dependent crescents at the back of both hemithoraces",
               "whatever is layering at the bases"],
         story=["Heart failure, orthopnoea, bibasal dullness: segment what's causing it."],
         know=["A left-sided one on its own should make you think beyond heart failure, for example of "
               "pancreatitis or a tumour.",
               "On an upright film you need about 200 mL before the costophrenic angle blunts.",
               "Roughly half of patients admitted with heart failure have some on CT."]),
    dict(CHEST, target="lung nodules", key="nod_b", ell=[(80, 118, 6, 6, 0), (96, 150, 5, 5, 0), (176, 110, 7, 7, 0)],
         jit=3, others={"sternum": _c(128, 50)},
         forms=["lung nodules", "nodules"], named=["lung nodules", "pulmonary nodules", "nodules"],
         forbid=LUNG_FORBID + ["nodul", "lesion", "mass", "tumo", "cancer", "metasta"], plural=True,
         unit="spots",
         clue=["the small round spots the screening CT picked up in this smoker",
               "the round densities the report says need follow-up",
               "the things the Fleischner guidelines would apply to here"],
         story=["Screening CT in a 62-year-old ex-smoker: please outline what the radiologist flagged."],
         know=["Under the Fleischner guidelines a solid one under 6 mm in a low-risk patient needs no routine "
               "follow-up.",
               "About one in four screening CTs in smokers shows at least one.",
               "The right upper lobe is the commonest site for lung cancer."]),
    dict(CHEST, target="lung nodules", key="nod_r", ell=[(76, 102, 6, 6, 0), (92, 150, 5, 5, 0)], jit=3,
         others={"spine": _c(128, 178)},
         forms=["lung nodules", "nodules"], named=["lung nodules", "pulmonary nodules", "nodules"],
         forbid=LUNG_FORBID + ["nodul", "lesion", "mass", "tumo", "cancer", "metasta"], plural=True,
         unit="spots",
         clue=["the small round spots on this follow-up CT", "the round densities that were there last year too",
               "what the radiologist wants measured for growth"],
         story=["Follow-up CT at 12 months in a former smoker: outline what we're tracking."],
         know=["Under the Fleischner guidelines a solid one under 6 mm in a low-risk patient needs no routine "
               "follow-up.",
               "A volume doubling time over 400 days argues against malignancy.",
               "The left lower lobe is a common place for benign granulomas too."]),
    dict(BRAIN, target="lateral ventricles", key="vent", ell=[(110, 118, 9, 30, 8), (146, 118, 9, 30, -8)], jit=2,
         others={"occipital lobes": _c(128, 205), "frontal bone": _c(128, 30)},
         forms=["lateral ventricles", "ventricles"], named=["lateral ventricles", "ventricles", "ventricular system"],
         forbid=["ventric"], plural=True, unit="cavities",
         clue=["the CSF-filled cavities that enlarge in hydrocephalus",
               "the paired CSF spaces separated by the septum pellucidum",
               "the spaces that make the choroid plexus glow on contrast scans"],
         story=["Shunt check in a child with headaches and vomiting: outline the CSF spaces so we can measure "
                "them."],
         know=["The third one sits in the midline between the thalami and the fourth in front of the cerebellum.",
               "Total CSF volume is about 150 mL, and about 500 mL is made each day.",
               "An Evans index above 0.3 suggests enlargement."]),
    dict(BRAIN, target="left hippocampus", key="lhip", ell=[(162, 150, 6, 15, 25)], jit=2,
         others={"brainstem": _c(128, 150), "lateral ventricles": _c(128, 118)},
         forms=["left hippocampus"], named=["left hippocampus", "left hippocampal formation"], forbid=["hippocamp"],
         plural=False, unit="structure",
         clue=["the medial temporal structure on the left that is key for forming new memories",
               "the seahorse-shaped grey matter in the left temporal lobe",
               "the structure that shrinks early in Alzheimer's, on the patient's left"],
         story=["Memory clinic referral, 71 years old: measure the memory structure on the patient's left."],
         know=["Damage on the left side tends to hit verbal memory more, on the right visuospatial memory.",
               "In mesial temporal sclerosis one side is small and bright on FLAIR.",
               "Volumes shrink by about 1 to 2% a year in normal ageing, faster in Alzheimer's."]),
    dict(BRAIN, target="right hippocampus", key="rhip", ell=[(94, 150, 6, 15, -25)], jit=2,
         others={"brainstem": _c(128, 150), "lateral ventricles": _c(128, 118)},
         forms=["right hippocampus"], named=["right hippocampus", "right hippocampal formation"],
         forbid=["hippocamp"], plural=False, unit="structure",
         clue=["the medial temporal memory structure on the patient's right",
               "the seahorse-shaped grey matter in the right temporal lobe",
               "the structure we look at for mesial temporal sclerosis, on the right"],
         story=["Right temporal lobe epilepsy work-up: segment the structure we'd look at for sclerosis."],
         know=["Damage on the left side tends to hit verbal memory more, on the right visuospatial memory.",
               "In mesial temporal sclerosis one side is small and bright on FLAIR.",
               "Volumes shrink by about 1 to 2% a year in normal ageing, faster in Alzheimer's."]),
    dict(BRAIN, target="hippocampi", key="hips", ell=[(94, 150, 6, 14, -25), (162, 150, 6, 14, 25)], jit=2,
         others={"lateral ventricles": _c(128, 118)},
         forms=["hippocampi", "hippocampal formations"], named=["hippocampi", "hippocampus on both sides"],
         forbid=["hippocamp"], plural=True, unit="structures",
         clue=["the paired medial temporal structures that lay down new memories",
               "the seahorse-shaped grey matter in both temporal lobes",
               "the structures we rate with the MTA score"],
         story=["Memory complaints for two years: we want both memory structures outlined for volumetry."],
         know=["An MTA score of 2 or more is abnormal under 75 years of age.",
               "In mesial temporal sclerosis one side is small and bright on FLAIR.",
               "Volumes shrink by about 1 to 2% a year in normal ageing, faster in Alzheimer's."]),
    dict(BRAIN, target="brain tumor", key="glio_r", ell=[(88, 96, 22, 18, 10)], jit=2,
         others={"lateral ventricles": _c(128, 118), "falx cerebri": _c(128, 128)},
         forms=["tumour", "glioma"], named=["brain tumour", "brain tumor", "glioma"],
         forbid=["tumo", "gliom", "glioblast", "neoplas", "mass", "lesion", "cancer", r"\bGBM\b", "oncolog"],
         plural=False, unit="region",
         clue=["what's causing this patient's new seizures; the MR shows something enhancing",
               "the enhancing abnormality on this post-contrast slice",
               "the thing the neurosurgeons want to resect"],
         story=["A 45-year-old with a first seizure and personality change: please segment the abnormality."],
         know=["Frontal lobe problems often show up as personality change before anything else.",
               "Glioblastoma has a median survival of around 15 months with treatment.",
               "In right-handed people language sits in the left hemisphere in over 90%."]),
    dict(BRAIN, target="brain tumor", key="glio_l", ell=[(168, 132, 40, 34, 0)], jit=2,
         others={"lateral ventricles": _c(128, 120), "brainstem": _c(128, 160)},
         forms=["tumour", "glioblastoma"], named=["brain tumour", "brain tumor", "glioblastoma"],
         forbid=["tumo", "gliom", "glioblast", "neoplas", "mass", "lesion", "cancer", r"\bGBM\b", "oncolog"],
         plural=False, unit="region",
         clue=["whatever is causing this patient's progressive aphasia and right arm weakness",
               "the big enhancing abnormality with necrosis in the middle",
               "what the radiotherapy team wants contoured"],
         story=["Six weeks of word-finding trouble and a weak right hand: segment the cause."],
         know=["In right-handed people language sits in the left hemisphere in over 90%.",
               "Glioblastoma has a median survival of around 15 months with treatment.",
               "Surrounding oedema often extends well beyond the enhancing rim."]),
    dict(BRAIN, target="brain metastases", key="mets_b",
         ell=[(70, 100, 6, 6, 0), (100, 176, 5, 5, 0), (182, 88, 7, 7, 0), (190, 166, 4, 4, 0)], jit=2,
         others={"frontal bone": _c(128, 25)},
         forms=["metastases", "brain metastases"], named=["brain metastases", "metastases", "metastatic deposits"],
         forbid=["metasta", r"\bmets\b", "tumo", "lesion", "deposit", "secondar", "nodul"], plural=True,
         unit="spots",
         clue=["whatever is causing this melanoma patient's new headaches",
               "the ring-enhancing spots at the grey-white junction in this smoker",
               "the abnormalities we'd plan stereotactic radiosurgery for"],
         story=["Known melanoma, new headaches and a seizure: segment everything that enhances abnormally."],
         know=["Roughly 20 to 40% of patients with cancer develop them at some point.",
               "They favour the grey-white junction and the arterial border zones.",
               "Radiosurgery is often offered for up to about 10 spots if they are small."]),
    dict(BRAIN, target="brain metastases", key="mets_l", ell=[(170, 176, 6, 6, 0), (186, 140, 5, 5, 0)], jit=2,
         others={"lateral ventricles": _c(128, 118)},
         forms=["metastases", "brain metastases"], named=["brain metastases", "metastases", "metastatic deposits"],
         forbid=["metasta", r"\bmets\b", "tumo", "lesion", "deposit", "secondar", "nodul"], plural=True,
         unit="spots",
         clue=["whatever is causing this breast cancer patient's new visual symptoms",
               "the small enhancing spots on this post-contrast MR",
               "the abnormalities the radiosurgery team want contoured"],
         story=["Breast cancer, HER2 positive, new headaches: segment what you can see on this post-contrast slice."],
         know=["Roughly 20 to 40% of patients with cancer develop them at some point.",
               "HER2-positive breast cancer has one of the highest rates of spread to the brain.",
               "Radiosurgery is often offered for up to about 10 spots if they are small."]),
    dict(FILM, target="heart", key="heart_xr", ell=[(152, 160, 46, 38, 0)], jit=3,
         others={"trachea": _c(128, 60), "aortic knuckle": _c(150, 85)},
         forms=["heart", "cardiac silhouette"], named=["heart", "cardiac silhouette", "cardiac shadow"],
         forbid=["heart", "cardi", "myocard"], plural=False, unit="shadow",
         clue=["the shadow of the central pumping organ",
               "the organ whose width we compare with the thoracic width on a PA film",
               "the central pump whose outline enlarges in failure"],
         story=["Frontal chest film in a breathless 75-year-old: outline the pump so we can judge its size."],
         know=["A cardiothoracic ratio above 0.5 on a PA film suggests enlargement.",
               "On an AP film it looks bigger because it's further from the detector.",
               "The right atrium forms the right border and the left ventricle most of the left border."]),
    dict(FILM, target="pleural effusion", key="eff_xr", ell=[(188, 206, 30, 16, -20)], jit=3,
         others={"heart": _c(150, 160), "trachea": _c(128, 60)},
         forms=["pleural effusion", "effusion"], named=["pleural effusion", "effusion", "pleural fluid"],
         forbid=["effusion", "pleura", "fluid", "hydrothorax"], plural=False, unit="collection",
         clue=["whatever is blunting the costophrenic angle on this film",
               "the meniscus-shaped opacity at one base",
               "what's making this base dull to percussion"],
         story=["Post-pancreatitis, breathless, one base dull: segment the cause on the film."],
         know=["On an upright film you need about 200 mL before the costophrenic angle blunts.",
               "Pancreatitis classically gives a left-sided one.",
               "A lateral decubitus film can show as little as 50 mL."]),
    dict(FILM, target="lungs", key="lungs_xr", ell=[(84, 118, 40, 76, 0), (172, 118, 38, 72, 0)], jit=3,
         others={"heart": _c(136, 165), "trachea": _c(128, 50)},
         forms=["lungs", "lung fields"], named=["lungs", "lung fields", "both lungs"], forbid=LUNG_FORBID,
         plural=True, unit="fields",
         clue=["the paired air-filled organs on this frontal film",
               "the dark, air-containing parts of this chest film",
               "the organs of gas exchange, so we can count posterior ribs over them"],
         story=["Frontal film in a COPD patient: outline the gas-exchange organs so we can assess hyperinflation."],
         know=["More than about 10 posterior ribs above the diaphragm suggests hyperinflation.",
               "The right hemidiaphragm normally sits a little higher than the left, by up to about 3 cm.",
               "Each lower lobe reaches much further down behind the dome than a frontal film suggests."]),
    dict(FILM, target="pleural effusion", key="eff_xr_b", ell=[(70, 210, 28, 14, -20), (188, 212, 26, 13, 20)],
         jit=3, others={"trachea": _c(128, 50), "carina": _c(128, 100)},
         forms=["pleural effusions", "effusions"], named=["pleural effusions", "effusions", "pleural fluid"],
         forbid=["effusion", "pleura", "fluid", "hydrothorax"], plural=True, unit="collections",
         clue=["whatever is blunting both costophrenic angles",
               "the meniscus-shaped shadows at both bases",
               "what's making both bases dull in this heart failure patient"],
         story=["Decompensated heart failure, frontal film: segment what is at both bases."],
         know=["On an upright film you need about 200 mL before the costophrenic angle blunts.",
               "Heart-failure ones are usually bilateral, and often a little bigger on the right.",
               "A lateral decubitus film can show as little as 50 mL."]),
]

SIDED = {"rlung", "llung", "lhip", "rhip", "lv", "rv", "la"}  # a side in the name: no side defects there


def pick_profile(profiles, i, defect, rng):
    pool = profiles
    if defect == "laterality":
        pool = [p for p in profiles if p["key"] not in SIDED]
    return rng.choice(pool)


def record_for(p):
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


def _ellipse(mask, cx, cy, rx, ry, ang):
    yy, xx = np.mgrid[0:N, 0:N]
    t = math.radians(ang)
    dx, dy = xx - cx, yy - cy
    u = dx * math.cos(t) + dy * math.sin(t)
    v = -dx * math.sin(t) + dy * math.cos(t)
    mask |= (u / rx) ** 2 + (v / ry) ** 2 <= 1.0


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    mask = np.zeros((N, N), bool)
    j = p["jit"]
    for cx, cy, rx, ry, ang in p["ell"]:
        s = 1 + rng.uniform(-0.05, 0.05)
        _ellipse(mask, cx + rng.uniform(-j, j), cy + rng.uniform(-j, j), rx * s, ry * s, ang + rng.uniform(-5, 5))
    return compute_facts(mask, p["orient"], dict(p["others"])).model_dump(mode="json")


# ----------------------------------------------------------------------------------------------- words

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
LATERAL_REL = {"left_of", "right_of"}
VERB = {"is": "are", "lies": "lie", "sits": "sit", "shows": "show", "spans": "span", "straddles": "straddle",
        "has": "have", "takes": "take", "covers": "cover", "occupies": "occupy", "measures": "measure",
        "looks": "look", "was": "were", "doesn't": "don't", "appears": "appear", "makes": "make"}
PCT_WORDS = {5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve",
             13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen", 18: "eighteen",
             19: "nineteen", 20: "twenty", 21: "twenty-one", 22: "twenty-two", 23: "twenty-three",
             24: "twenty-four", 25: "twenty-five", 26: "twenty-six", 27: "twenty-seven", 28: "twenty-eight"}


class Ctx:
    """What one conversation knows: the profile, the facts, the register, the rng and the ledger."""

    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.plural = p["plural"]
        self.name = "the " + rng.choice(p["forms"])
        self.ledger: list[dict] = []
        self.film = p["orient"] == "LI"

    def subj(self, allow_pron=True):
        """(subject text, plural?)"""
        r = self.rng.random()
        if r < 0.35:
            return self.name, self.plural
        if r < 0.55:
            return self.rng.choice(["the mask", "the segmentation", "the segmented region", "the outlined area"]), False
        if allow_pron:
            return ("they", True) if self.plural else ("it", False)
        return self.name, self.plural


def conj(text, plural):
    """Fill {verb} slots with the right number."""
    out = text
    for s3, pl in VERB.items():
        out = out.replace("{" + s3 + "}", pl if plural else s3)
    return out


def cap(s):
    return s[:1].upper() + s[1:]


def fmt_pct(x, rng):
    if x < 1:
        return rng.choice([f"{x:.1f}%", f"{x:.1f} percent", f"about {x:.1f}%"])
    if x < 5:
        return rng.choice([f"{x:.1f}%", f"about {x:.1f}%", f"roughly {x:.1f} percent", f"~{x:.1f}%"])
    r = int(round(x))
    opts = [f"{r}%", f"about {r}%", f"roughly {r} percent", f"~{r}%"]
    if r in PCT_WORDS:
        opts.append(f"about {PCT_WORDS[r]} percent")
    return rng.choice(opts)


# ------------------------------------------------------------------------------------- claim sentences
# Each returns one sentence about the target and records the claim in the ledger.

def _rec(ctx, fam, sub, value, text, turn, role="assistant", corrected=False):
    ctx.ledger.append(dict(fam=fam, sub=sub, value=value, text=text, turn=turn, role=role, corrected=corrected))
    return text


def side_sentence(ctx, v, turn, terse=False):
    rng, p = ctx.rng, ctx.p
    S, pl = ctx.subj()
    H, Hs = p["H"], p["Hs"]
    if terse:
        t = rng.choice([f"Laterality: {v}.", f"Side: {v}.", f"{cap(v)}." if v in ("left", "right") else f"{cap(v)}.",
                        f"Side {v}." if v not in ("left", "right") else f"Patient's {v}."])
        if v in ("left", "right") and rng.random() < 0.4:
            t = rng.choice([f"{cap(v)} {H}.", f"Patient's {v} (image {OPP[v]})."])
        return _rec(ctx, "side", "lat", v, t, turn)
    if v in ("left", "right"):
        img = OPP[v]
        t = rng.choice([
            f"{cap(S)} {{is}} on the patient's {v}.",
            f"{cap(S)} {{lies}} in the {v} {H}.",
            f"On the screen {S} {{shows}} on the image's {img} half, which by the radiological convention is the "
            f"patient's {v} side.",
            f"{cap(S)} {{is}} clearly off to the patient's {v}, not on the {img}.",
            f"{cap(S)} {{sits}} to the {v} of the midline.",
            f"Side-wise, {S} {{is}} {v}-sided (it appears on the {img} of the picture because "
            + ("the film is viewed as if the patient faces you)." if ctx.film else "we look up from the patient's feet)."),
        ])
    elif v == "bilateral":
        t = rng.choice([
            f"{cap(S)} {{is}} bilateral, with a part in each {H}.",
            f"There's a component on the patient's right and another on the left, so {S} {{is}} bilateral.",
            f"{cap(S)} {{is}} not confined to one side; {S} {{spans}} both {Hs}.",
            f"Both sides are involved: one piece in the right {H} and one in the left.",
        ])
    elif v == "midline":
        t = rng.choice([
            f"{cap(S)} {{sits}} in the midline.",
            f"{cap(S)} {{is}} central from left to right, not off to one side.",
            f"{cap(S)} {{straddles}} the midline.",
            f"Left-right, {S} {{is}} midline.",
        ])
    else:
        raise ValueError(v)
    # a subject "they/it" that begins the sentence after a side word stays consistent via conj
    return _rec(ctx, "side", "lat", v, conj(t, pl), turn)


def vert_words(ctx, v, verb="is"):
    """Phrases for a vertical value that read well after `verb` ("is" takes adjectives, "lies" adverbs)."""
    body = ctx.p["body"]
    if ctx.film:
        ph = {"superior": ["in the upper part of the chest", "high on the film", "in the upper zones"],
              "inferior": ["in the lower part of the chest", "low on the film, toward the bases", "at the bases"],
              "central": ["in the mid zone, neither high nor low", "roughly halfway up the chest"]}[v]
        adv = {"superior": ["superiorly", "high"], "inferior": ["inferiorly", "low"], "central": []}[v]
        adj = {"superior": ["superior"], "inferior": ["inferior"], "central": ["central top to bottom"]}[v]
        return ph + (adj if verb == "is" else adv)
    ph = {"anterior": [f"toward the front of the {body}", "in the anterior half of the slice",
                       f"in the front part of the {body}"],
          "posterior": [f"toward the back of the {body}", "in the posterior half of the slice",
                        f"in the back part of the {body}"],
          "central": ["roughly midway front to back", "in the middle band front to back"]}[v]
    adv = {"anterior": ["anteriorly"], "posterior": ["posteriorly"], "central": []}[v]
    adj = {"anterior": ["anterior"], "posterior": ["posterior"],
           "central": ["neither anterior nor posterior", "central in the front-to-back direction"]}[v]
    return ph + (adj if verb == "is" else adv)


def vert_sentence(ctx, v, turn, terse=False):
    rng = ctx.rng
    if terse:
        t = rng.choice([f"Position: {v}.", f"{cap(v)}.", f"Vertical: {v}." if ctx.film else f"AP: {v}."])
        return _rec(ctx, "pos", "vert", v, t, turn)
    S, pl = ctx.subj()
    if v == "central":
        verb = rng.choice(["is", "sits"])
        w = rng.choice(vert_words(ctx, v, verb))
        t = rng.choice([f"{cap(S)} {{{verb}}} {w}.", f"In the other direction, {S} {{{verb}}} {w}."])
    else:
        neg = {"anterior": "not posterior", "posterior": "not anterior", "superior": "not low",
               "inferior": "not high"}[v]
        verb = rng.choice(["is", "lies", "sits"])
        w = rng.choice(vert_words(ctx, v, verb))
        t = rng.choice([f"{cap(S)} {{{verb}}} {w}.", f"In terms of position, {S} {{{verb}}} {w}.",
                        f"{cap(S)} {{{verb}}} {w}, {neg}."])
    return _rec(ctx, "pos", "vert", v, conj(t, pl), turn)


REL_WORDS = {"left_of": ["to the patient's left of the {o}", "left of the {o}"],
             "right_of": ["to the patient's right of the {o}", "right of the {o}"],
             "anterior_to": ["in front of the {o}", "anterior to the {o}"],
             "posterior_to": ["behind the {o}", "posterior to the {o}"],
             "superior_to": ["above the {o}", "superior to the {o}"],
             "inferior_to": ["below the {o}", "inferior to the {o}"]}


def rel_sentence(ctx, other, rel, turn, terse=False):
    rng = ctx.rng
    w = rng.choice(REL_WORDS[rel]).format(o=other)
    fam = "side" if rel in LATERAL_REL else "pos"
    if terse:
        t = cap(w) + "."
    else:
        S, pl = ctx.subj()
        t = conj(rng.choice([f"{cap(S)} {{lies}} {w}.", f"{cap(S)} {{is}} {w}.", f"Relative to the {other}, "
                             f"{S} {{sits}} " + w.replace(f" the {other}", " it") + ".",
                             f"{cap(S)} {{sits}} {w}."]), pl)
    return _rec(ctx, fam, ("rel", other), rel, t, turn)


SIZE_WORDS = {"small": ["small", "on the small side", "a small structure on this slice"],
              "medium": ["medium-sized", "mid-sized", "of intermediate size"],
              "large": ["large", "big", "a large structure on this slice"]}


def class_sentence(ctx, v, turn, terse=False):
    rng = ctx.rng
    if terse:
        t = rng.choice([f"Size: {v}.", f"{cap(v)}.", f"Size class {v}."])
        return _rec(ctx, "size", "class", v, t, turn)
    S, pl = ctx.subj()
    w = rng.choice(SIZE_WORDS[v])
    t = rng.choice([f"{cap(S)} {{is}} {w}.", f"Size-wise, {S} {{is}} {w}.", f"By area, {S} {{is}} {w}."])
    if v == "large" and rng.random() < 0.4:
        t = f"{cap(S)} {{takes}} up a large share of the image."
    return _rec(ctx, "size", "class", v, conj(t, pl), turn)


def pct_sentence(ctx, x, turn, terse=False):
    rng = ctx.rng
    s = fmt_pct(x, rng)
    if terse:
        t = rng.choice([f"Area {s} of image.", f"{cap(s)} of the slice."])
        return _rec(ctx, "size", "pct", x, t, turn)
    S, pl = ctx.subj()
    img = "film" if ctx.film else rng.choice(["image", "slice"])
    t = rng.choice([f"{cap(S)} {{covers}} {s} of the {img}.", f"That works out at {s} of the {img} by area.",
                    f"{cap(S)} {{occupies}} {s} of the {img}.", f"In pixel terms it's {s} of the {img}."])
    return _rec(ctx, "size", "pct", x, conj(t, pl), turn)


def count_sentence(ctx, n, turn, terse=False):
    rng, unit = ctx.rng, ctx.p["unit"]
    if terse:
        t = rng.choice([f"Components: {n}.", f"{n} component{'s' if n > 1 else ''}.",
                        "Single component." if n == 1 else f"{cap(NUM.get(n, str(n)))} separate components."])
        return _rec(ctx, "count", "n", n, t, turn)
    if n == 1:
        S, pl = ctx.subj()
        t = conj(rng.choice([f"{cap(S)} {{is}} a single connected region.",
                             "It's all one piece, with no separate fragments.",
                             "The mask is one contiguous region.",
                             "There's just one component."]), pl)
    else:
        w = NUM.get(n, str(n))
        unit = unit if unit.endswith("s") else "parts"
        t = rng.choice([f"The mask has {w} separate components.", f"There are {w} separate {unit} in the mask.",
                        f"I count {w} distinct pieces, not one connected blob.",
                        f"It comes out as {n} separate regions."])
    return _rec(ctx, "count", "n", n, t, turn)


# ---------------------------------------------------------------------------------------- the facts

def truth(f):
    rel = [(r["other"], r["relation"]) for r in f["relations"]]
    return dict(lat=f["laterality"], vert=f["vertical"], cls=f["size_class"], pct=100 * f["area_fraction"],
                n=f["components"], rels=rel)


def false_value(ctx, fam, T):
    rng = ctx.rng
    if fam == "side":
        lat = T["lat"]
        if lat in ("left", "right"):
            return ("lat", rng.choice([OPP[lat], OPP[lat], "midline", "bilateral"]))
        if lat == "bilateral":
            return ("lat", rng.choice(["left", "right", "midline"]))
        return ("lat", rng.choice(["left", "right"]))
    if fam == "pos":
        aprel = [r for r in T["rels"] if r[1] not in LATERAL_REL]
        if aprel and rng.random() < 0.45:
            o, r = rng.choice(aprel)
            return (("rel", o), REL_OPP[r])
        v = T["vert"]
        if v == "central":
            return ("vert", rng.choice(["superior", "inferior"] if ctx.film else ["anterior", "posterior"]))
        return ("vert", OPP[v])
    if fam == "size":
        if rng.random() < 0.5:
            c = T["cls"]
            return ("class", rng.choice({"small": ["medium", "large"], "medium": ["small", "large"],
                                          "large": ["small", "medium"]}[c]))
        x = T["pct"]
        f = rng.choice([0.2, 0.25, 0.3]) if x > 6 else rng.choice([3.0, 3.5, 4.0])
        return ("pct", round(x * f, 2))
    if fam == "count":
        n = T["n"]
        return ("n", rng.choice([2, 3]) if n == 1 else rng.choice([n - 1, n + 1]) if n > 2 else rng.choice([1, 3]))
    raise ValueError(fam)


def claim(ctx, sub, value, turn, terse=False):
    if sub == "lat":
        return side_sentence(ctx, value, turn, terse)
    if sub == "vert":
        return vert_sentence(ctx, value, turn, terse)
    if sub == "class":
        return class_sentence(ctx, value, turn, terse)
    if sub == "pct":
        return pct_sentence(ctx, value, turn, terse)
    if sub == "n":
        return count_sentence(ctx, value, turn, terse)
    if isinstance(sub, tuple):
        return rel_sentence(ctx, sub[1], value, turn, terse)
    raise ValueError(sub)


def true_items(T, fam):
    """(sub, value) pairs the row may state truthfully for a family."""
    if fam == "side":
        return [("lat", T["lat"])] + [(("rel", o), r) for o, r in T["rels"] if r in LATERAL_REL]
    if fam == "pos":
        return [("vert", T["vert"])] + [(("rel", o), r) for o, r in T["rels"] if r not in LATERAL_REL]
    if fam == "size":
        return [("class", T["cls"]), ("pct", round(T["pct"], 2))]
    return [("n", T["n"])]


FAMS = ["side", "pos", "size", "count"]
DEFECT_FAM = {"laterality": "side", "position": "pos", "size": "size", "count": "count"}


# ---------------------------------------------------------------------------------------- trap lines

def convention_line(ctx):
    """A true sentence about display conventions, with side words but no claim about the target."""
    return ctx.rng.choice([
        "Remember that these images are displayed as if you are looking up from the patient's feet, so the "
        "patient's left is on the right of the screen.",
        "Radiological convention puts the patient's right on the viewer's left.",
        "Quick reminder on orientation: image right = patient left.",
    ] if not ctx.film else [
        "A frontal film is viewed as if the patient is facing you, so their left is on your right.",
        "On a PA film the patient's right is on the viewer's left, same as on CT.",
    ])


def negation_line(ctx, T, fam_excluded):
    """A TRUE negation about the target, only for families the row may talk about."""
    rng = ctx.rng
    opts = []
    if "side" not in fam_excluded:
        lat = T["lat"]
        if lat in ("left", "right"):
            opts += [("side", "lat", lat, f"It is not on the {OPP[lat]} side."),
                     ("side", "lat", lat, f"Nothing of it crosses to the {OPP[lat]}.")]
        elif lat == "bilateral":
            opts += [("side", "lat", lat, "It isn't a one-sided finding.")]
        elif lat == "midline":
            opts += [("side", "lat", lat, "It isn't off to the left or the right.")]
    if "count" not in fam_excluded and T["n"] >= 2:
        opts += [("count", "n", T["n"], f"It is not one single blob but {NUM.get(T['n'], T['n'])} pieces.")]
    if "size" not in fam_excluded and T["cls"] == "small":
        opts += [("size", "class", "small", "It is not a large structure on this slice.")]
    if "size" not in fam_excluded and T["cls"] == "large":
        opts += [("size", "class", "large", "It's not a small structure by any measure.")]
    if not opts:
        return None
    fam, sub, val, t = rng.choice(opts)
    return fam, sub, val, t


def hypothetical_line(ctx, T, fam_excluded):
    lat = T["lat"]
    if "side" in fam_excluded or lat not in ("left", "right"):
        return None
    o = OPP[lat]
    return ctx.rng.choice([
        f"If this had been on the {o}, the differential would be a little different.",
        f"Had it been {o}-sided, I'd look at the {o} side of the mediastinum more closely." if ctx.p["body"] == "chest"
        else f"Had it been in the {o} hemisphere, the symptoms would usually be different.",
    ])


# ------------------------------------------------------------------------------------------- turns

def first_question(ctx, defect):
    p, rng, st = ctx.p, ctx.rng, ctx.style
    if defect == "names_target":
        nm = rng.choice(p["named"])
        mod = {"CT": "CT", "MR": "MRI", "XR": "chest film"}[p["mod"]]
        return rng.choice({
            "explainer": [f"Could you segment the {nm} on this {mod} and explain what I'm looking at?",
                          f"Hi! I'd like to see the {nm} highlighted on this scan. Can you do that and tell me about it?"],
            "physician": [f"Segment the {nm}.", f"{mod}: outline the {nm}, please. Brief description."],
            "local": [f"Please segment the {nm} in this image and describe it.",
                      f"Where is the {nm} in this image? Segment it please."],
            "teaching": [f"I'm a third-year student. We were told to find the {nm} on this {mod}. Can you segment it "
                         f"and walk me through it?",
                         f"Could you show me the {nm} here? I always struggle to find it on {mod}."],
        }[st])
    clue = rng.choice(p["clue"])
    story = rng.choice(p["story"])
    return rng.choice({
        "explainer": [f"Which structure on this image is {clue}? Please segment it.",
                      f"Can you outline {clue} on this scan and tell me what it is?",
                      f"{story} Can you highlight it and explain?"],
        "physician": [story if "egment" in story else story + " Segment it.", f"Segment {clue}.", f"Identify and segment {clue}. Keep it short."],
        "local": [f"What is {clue} in this image? Please segment.",
                  f"Please find {clue} and segment it in the image.",
                  f"{story} Please segment it."],
        "teaching": [f"I'm a med student on my imaging block. We're supposed to find {clue}. Could you segment it "
                     f"and explain?",
                     f"Our tutor asked us for {clue}. I'm not sure which it is; can you segment it?",
                     f"Case from today's teaching: {story[0].lower() + story[1:]} Which structure is it, and can you "
                     f"segment it?"],
    }[st])


NEUTRAL = {
    "explainer": ["I'd check the edges slice by slice, compare with any earlier study, and make sure nothing next to "
                  "it has crept into the outline.",
                  "The next step would be to confirm the boundaries on adjacent slices and correlate with the clinical "
                  "picture.",
                  "For reporting, it's worth stating the method you used and whether the mask was checked by a reader."],
    "physician": ["Check adjacent slices. Compare with prior.", "Correlate clinically; confirm on the full series.",
                  "Fine for volumetry once the edges are checked."],
    "local": ["I think it would be good to check the other slices. It is also good to compare with previous images. "
              "Please consult a radiologist.",
              "It is possible that more slices are needed to be sure. I would recommend to check with a doctor.",
              "It may be important to look at the other images as well, and also the clinical history may be "
              "important."],
    "teaching": ["Good instinct to ask. Scroll up and down before you commit, and always compare with the old study.",
                 "That's the kind of thing you confirm on the neighbouring slices; don't decide on one image.",
                 "Before you answer that on a ward round, check the prior imaging and the clinical notes."],
}

FOLLOW_Q = {
    "side": {"explainer": ["Which side is it on?", "Is that the patient's left or right?"],
             "physician": ["Side?", "Laterality?"],
             "local": ["Which side is it located?", "Is it on the left or right side?"],
             "teaching": ["How do I work out which side it's on?", "Which side would I say in my presentation?"]},
    "pos": {"explainer": ["Is it toward the front or the back?", "Where does it sit relative to the structures around "
                          "it?"],
            "physician": ["Position?", "Relations?"],
            "local": ["What is the position of it?", "Where is it located in the image?"],
            "teaching": ["How would I describe where it sits?", "What's it next to?"]},
    "size": {"explainer": ["How big is it?", "How much of the image does it take up?"],
             "physician": ["Size?", "Area?"],
             "local": ["What is the size of it?", "How big is the segmented area?"],
             "teaching": ["Is it big or small for what it is?", "How would I describe the size?"]},
    "count": {"explainer": ["Is it one piece or several?", "How many separate regions did you find?"],
              "physician": ["Components?", "How many pieces?"],
              "local": ["How many parts are there?", "Is it one region?"],
              "teaching": ["Is that one continuous thing or several bits?", "How many pieces should I report?"]},
    "summary": {"explainer": ["Could you give me a short summary of all that?", "Can you sum it up in a few lines?"],
                "physician": ["Summary line.", "One-line summary for the report."],
                "local": ["Please summarize.", "Can you give the summary of the findings?"],
                "teaching": ["Can you summarise it the way I should present it?", "So how would I put that in one "
                             "sentence?"]},
}

PREMISE_Q = ["what should I check next?", "is the mask good enough for a volume measurement?",
             "anything I should be careful about when I report it?", "does that change what we do next?"]


def premise_text(ctx, sub, value):
    """A user's statement of (sub, value), used as a premise or as a wrong idea."""
    rng, p = ctx.rng, ctx.p
    if sub == "lat":
        return {"left": rng.choice(["it's on the patient's left", "it's left-sided", f"it's in the left {p['H']}"]),
                "right": rng.choice(["it's on the patient's right", "it's right-sided", f"it's in the right {p['H']}"]),
                "midline": rng.choice(["it's a midline thing", "it sits right in the midline"]),
                "bilateral": rng.choice(["it's on both sides", "it's bilateral"])}[value]
    if sub == "vert":
        return "it's " + rng.choice(vert_words(ctx, value, "is"))
    if isinstance(sub, tuple):
        return "it's " + REL_WORDS[value][0].format(o=sub[1])
    if sub == "class":
        return {"small": "it's small", "medium": "it's medium-sized", "large": "it's large"}[value]
    if sub == "pct":
        return f"it covers {fmt_pct(value, rng).replace('~', 'about ')} of the image"
    if sub == "n":
        return "it's just one piece" if value == 1 else f"there are {NUM.get(value, value)} separate pieces"
    raise ValueError(sub)


def build(p, facts, style, rng, defect):
    ctx = Ctx(p, facts, style, rng)
    T = truth(facts)
    dfam = DEFECT_FAM.get(defect)
    where = None
    if dfam:
        r = rng.random()
        where = "user" if r < 0.2 else "follow" if r < 0.42 else "first"
    # families the row may state truthfully
    allowed = [f for f in FAMS if f != dfam]
    rounds = rng.choice([2, 3, 3])
    n_follow = rounds - 1
    # plan first answer families
    k = rng.choice([2, 3, 3, 4])
    first_fams = rng.sample(allowed, min(k, len(allowed)))
    if dfam and where == "first":
        first_fams.append(dfam)
        rng.shuffle(first_fams)
    # follow-up topics
    follows = []
    if dfam and where in ("user", "follow"):
        follows.append(("defect_" + where, dfam))
    wrong_idea = not dfam and rng.random() < 0.45
    pool = [f for f in allowed if f not in first_fams] + [f for f in allowed if f in first_fams]
    while len(follows) < n_follow:
        if wrong_idea and not any(m == "wrong" for m, _ in follows):
            follows.append(("wrong", rng.choice(allowed)))
            continue
        if rng.random() < 0.3 and not any(m == "summary" for m, _ in follows):
            follows.append(("summary", None))
            continue
        comp = [o for o, r in T["rels"] if ("side" if r in LATERAL_REL else "pos") in allowed]
        if comp and rng.random() < 0.25 and not any(m == "compare" for m, _ in follows):
            follows.append(("compare", rng.choice(comp)))
            continue
        fam = pool.pop(0) if pool else rng.choice(allowed)
        follows.append(("ask", fam))
    rng.shuffle(follows)
    # the defect round lands anywhere among follow-ups; a summary stays last
    follows.sort(key=lambda x: x[0] == "summary")

    turns = []
    turns.append({"role": "user", "content": first_question(ctx, defect)})
    turns.append({"role": "assistant", "content": first_answer(ctx, T, first_fams, dfam, where, 1)})
    for mode, fam in follows:
        ti = len(turns)
        q, a = follow_round(ctx, T, mode, fam, dfam, ti)
        turns.append({"role": "user", "content": q})
        turns.append({"role": "assistant", "content": a})
    LEDGER.append(ctx.ledger)
    return turns, ([defect] if defect else [])


def fam_sentences(ctx, T, fam, dfam, where, turn, terse=False, here_defect=False):
    """Sentences for one family: true ones, or the single false one when the defect sits here."""
    rng = ctx.rng
    if here_defect:
        sub, val = false_value(ctx, fam, T)
        return [claim(ctx, sub, val, turn, terse)]
    items = true_items(T, fam)
    if fam in ("side", "pos"):
        main, rels = items[0], items[1:]
        chosen = [main] + rng.sample(rels, min(len(rels), rng.choice([0, 1, 1, 2])))
    elif fam == "size":
        chosen = rng.choice([[items[0]], [items[1]], items, items])
    else:
        chosen = items
    out = []
    for sub, val in chosen:
        out.append(claim(ctx, sub, val, turn, terse))
    return out


def first_answer(ctx, T, fams, dfam, where, turn):
    p, rng, st = ctx.p, ctx.rng, ctx.style
    nm = ctx.name
    disp = nm[4:]
    excluded = {dfam} if dfam else set()
    blocks = []
    terse = st == "physician"
    for fam in fams:
        here = fam == dfam and where == "first"
        blocks.append((fam, fam_sentences(ctx, T, fam, dfam, where, turn, terse, here)))
    know = rng.choice(p["know"])
    extra = []
    if rng.random() < 0.5:
        extra.append(convention_line(ctx))
    neg = negation_line(ctx, T, excluded | ({dfam} if dfam else set()))
    if neg and rng.random() < 0.5 and neg[0] in fams:
        extra.append(neg)
    hyp = hypothetical_line(ctx, T, excluded)
    if hyp and rng.random() < 0.4:
        extra.append(hyp)
    if st == "physician":
        extra = extra[:1] if rng.random() < 0.5 else []
    extra = [x if isinstance(x, str) else _rec(ctx, x[0], x[1], x[2], x[3], turn) for x in extra]
    if st == "explainer":
        opener = rng.choice(["Certainly!", "Great question.", "Sure, happy to help.", "Of course."])
        head = f"{opener} What you're describing is {nm} [SEG]. " if rng.random() < 0.5 else \
            f"{opener} The structure that fits is the **{disp}** [SEG]."
        label = {"side": "Side", "pos": "Position", "size": "Size", "count": "Pieces"}
        body = "\n".join(f"- **{label[f]}:** " + " ".join(s) for f, s in blocks)
        tail = " ".join(extra)
        return f"{head}\n\nHere's what the segmentation shows:\n\n{body}\n\n**Worth knowing:** {know}" + \
            (f" {tail}" if tail else "") + "\n\nLet me know if you'd like me to go into any of this in more detail!"
    if st == "physician":
        body = " ".join(" ".join(s) for _, s in blocks)
        draft = ""
        if rng.random() < 0.35:
            draft = " " + draft_note(ctx, T, excluded, turn)
        tail = (" " + extra[0]) if extra else ""
        return f"{cap(disp)} [SEG]. {body}{tail} {know}{draft}".strip()
    if st == "local":
        hedge = rng.choice(["Based on the image, it seems that", "According to the image, I think",
                            "From what I can see in the image,"])
        first = f"{hedge} the structure is {nm} [SEG]. {cap(nm)} {'are' if ctx.plural else 'is'} the structure that you are asking about."
        body = " ".join(" ".join(s) for _, s in blocks)
        again = f" Again, the segmented structure is {nm}."
        disc = rng.choice([" Please note that I am an AI model and this is not medical advice. It should be confirmed "
                           "by a qualified radiologist.",
                           " However, I may be wrong, and it is always best to consult a doctor or a radiologist.",
                           " It is important to note that this is only an estimate and it is important to verify it."])
        tail = " ".join(extra)
        return f"{first} {body} {know}{(' ' + tail) if tail else ''}{again}{disc}"
    # teaching
    intro = rng.choice([f"Good, let's work through it. This is {nm} [SEG].",
                        f"You've got the right idea. It's {nm} [SEG].",
                        f"Nice one to practise on: {nm} [SEG]."])
    body = " ".join(" ".join(s) for _, s in blocks)
    quiz = rng.choice([" Quick question back to you: what would you check on the slices above and below?",
                       " Before you move on, tell me one thing that can mimic it.",
                       " Try to describe it yourself next time before you look at the mask."])
    tail = " ".join(extra)
    return f"{intro} {body} {know}{(' ' + tail) if tail else ''}{quiz}"


def draft_text(ctx, sub, val):
    """A short phrase for a value, as a draft would have worded it."""
    if sub == "lat":
        return {"left": "left-sided", "right": "right-sided", "midline": "midline", "bilateral": "bilateral"}[val]
    if sub == "vert":
        return val
    if isinstance(sub, tuple):
        return REL_WORDS[val][1].format(o=sub[1])
    if sub == "class":
        return {"small": "small", "medium": "medium", "large": "large"}[val]
    if sub == "pct":
        return fmt_pct(val, ctx.rng).replace("~", "about ") + " of the image"
    return "a single component" if val == 1 else f"{NUM.get(val, val)} components"


def draft_note(ctx, T, excluded, turn):
    """Physician's note on a wrong draft claim, explicitly corrected (a corrected false claim + a true one)."""
    rng = ctx.rng
    fam = rng.choice([f for f in FAMS if f not in excluded])
    sub, wrong = false_value(ctx, fam, T)
    true_val = REL_OPP[wrong] if isinstance(sub, tuple) else dict(true_items(T, fam))[sub]
    wtxt = draft_text(ctx, sub, wrong)
    _rec(ctx, fam, sub, wrong, wtxt, turn, corrected=True)
    fix = claim(ctx, sub, true_val, turn, terse=True)
    return rng.choice([f"(Draft said {wtxt}; that was wrong. {fix})",
                       f"[Edit: the draft had \"{wtxt}\", corrected. {fix}]"])


def follow_round(ctx, T, mode, fam, dfam, ti):
    rng, st = ctx.rng, ctx.style
    terse = st == "physician"
    excluded = {dfam} if dfam else set()
    at = ti + 1  # the assistant turn index
    if mode == "ask":
        q = rng.choice(FOLLOW_Q[fam][st])
        sents = fam_sentences(ctx, T, fam, dfam, None, at, terse)
        return q, wrap_answer(ctx, sents, T, excluded, fam)
    if mode == "summary":
        q = rng.choice(FOLLOW_Q["summary"][st])
        fams = [f for f in FAMS if f not in excluded]
        sents = []
        for f in fams:
            sents += fam_sentences(ctx, T, f, dfam, None, at, True if st in ("physician",) else rng.random() < 0.5)
        if st == "explainer":
            return q, "Here's a quick summary:\n\n" + "\n".join("- " + s for s in sents)
        if st == "local":
            return q, f"In summary, the segmented structure is {ctx.name}. " + " ".join(sents) + \
                " I hope this helps, but please verify with a medical professional."
        if st == "teaching":
            return q, "Try it like this: \"" + " ".join(sents) + "\" Short, ordered, and every word earns its place."
        return q, " ".join(sents)
    if mode == "compare":
        other = fam
        q = rng.choice({"explainer": [f"How does it relate to the {other}?", f"Can you compare its position with "
                                      f"the {other}?"],
                        "physician": [f"Relation to the {other}?", f"Versus the {other}?"],
                        "local": [f"Where is it compared to the {other}?", f"What is the relation with the {other}?"],
                        "teaching": [f"How would I describe it relative to the {other}?",
                                     f"Is it in front of or behind the {other}? I always mix that up."]}[st])
        rels = [r for o, r in T["rels"] if o == other and ("side" if r in LATERAL_REL else "pos") not in excluded]
        sents = [rel_sentence(ctx, other, r, at, terse) for r in rels]
        return q, wrap_answer(ctx, sents, T, excluded, "pos")
    if mode == "defect_follow":
        q = rng.choice(FOLLOW_Q[fam][st])
        sents = fam_sentences(ctx, T, fam, dfam, None, at, terse, here_defect=True)
        return q, wrap_answer(ctx, sents, T, excluded, fam)
    if mode == "defect_user":
        sub, val = false_value(ctx, fam, T)
        prem = premise_text(ctx, sub, val)
        text = rng.choice([f"Since {prem}, {rng.choice(PREMISE_Q)}", f"OK, so {prem}. {cap(rng.choice(PREMISE_Q))}",
                           f"Given that {prem}, {rng.choice(PREMISE_Q)}"])
        _rec(ctx, fam, sub, val, prem, ti, role="user")
        ans = rng.choice(NEUTRAL[st])
        if st == "teaching":
            ans += " " + rng.choice(ctx.p["know"])
        return text, ans
    if mode == "wrong":
        sub, val = false_value(ctx, fam, T)
        prem = premise_text(ctx, sub, val)
        if st == "physician":
            if rng.random() < 0.5:
                prem = draft_text(ctx, sub, val)
                q = f"Draft says {prem}. Agree?"
            else:
                q = f"I read it as: {prem}. Correct?"
        elif st == "teaching":
            q = rng.choice([f"Wait, I thought {prem}. Is that wrong?", f"So {prem}, yes?",
                            f"My friend said {prem}. Is that right?"])
        elif st == "local":
            q = rng.choice([f"Is it true that {prem}?", f"I think {prem}, is that correct?"])
        else:
            q = rng.choice([f"Just to check, {prem}, right?", f"I assumed {prem}. Is that correct?"])
        _rec(ctx, fam, sub, val, prem, ti, role="user", corrected=True)
        if isinstance(sub, tuple):
            fix = [rel_sentence(ctx, sub[1], REL_OPP[val], at, terse)]
        else:
            tv = dict(true_items(T, fam))[sub]
            fix = [claim(ctx, sub, tv, at, terse)]
        lead = {"explainer": rng.choice(["Not quite. ", "Actually, no. ", "That's a common mix-up, but no. "]),
                "physician": rng.choice(["No. ", "Disagree. ", "Incorrect. "]),
                "local": rng.choice(["No, I think that is not correct. ", "Actually, that is not correct. "]),
                "teaching": rng.choice(["No, and it's a good mistake to make now rather than on the wards. ",
                                        "Careful, that's not right. ", "Not quite. "])}[st]
        extra = ""
        if sub == "lat" and T["lat"] in ("left", "right") and rng.random() < 0.6:
            extra = " " + convention_line(ctx)
        return q, lead + " ".join(fix) + extra
    raise ValueError(mode)


def wrap_answer(ctx, sents, T, excluded, fam):
    rng, st = ctx.rng, ctx.style
    body = " ".join(sents)
    add = ""
    if fam == "side" and rng.random() < 0.5:
        add = " " + convention_line(ctx)
    elif rng.random() < 0.35:
        add = " " + rng.choice(ctx.p["know"])
    if st == "explainer":
        return rng.choice(["Good question! ", "Sure. ", ""]) + body + add
    if st == "physician":
        return body + (add if rng.random() < 0.5 else "")
    if st == "local":
        return rng.choice(["Thank you for your question. ", "Based on the image analysis: ", "Okay. "]) + body + add + " " + \
            rng.choice(["I hope this is helpful.", "But please confirm this with a doctor.",
                        "This is my best estimate based on the image."])
    return body + add + rng.choice([" Does that make sense?", " Now say it back to me in your own words.", ""])
