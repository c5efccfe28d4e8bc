"""Bank DS: crowded scenes. Written without reading QC.

Every conversation talks about several structures besides the target, each with its own side, position,
size and count ("the right kidney sits at the back under the liver; both adrenals are thin; there are
several bowel loops at the front"), compares the target with them ("far smaller than the liver"), lists
what is NOT the target, and switches between the target and the other structures ("and the other
kidney?") before coming back to the mask. The one false claim of a defect row is always about the
target; what is said about the other structures is true anatomy or plausible context.

Targets (29 profiles): abdomen on axial CT (left kidney, right kidney, both kidneys, liver, spleen,
abdominal aorta, pancreas, liver metastases, adrenal glands, gallbladder, left kidney tumour), chest on
axial CT (heart, right pleural effusion, lung nodules, trachea) and on frontal X-ray (lungs, left lung),
brain on axial MR (brain metastases, lateral ventricles, third ventricle, glioblastoma, meningioma) and
coronal MR (left hippocampus), pelvis on axial CT/MR (urinary bladder, prostate, uterus, left ovarian
cyst, rectum) and on a frontal X-ray (femoral heads). 16 of 29 are bilateral, midline or multi-piece.

Registers (STYLES): "survey" walks through the whole slice structure by structure; "contrast" explains
the target by contrast with its neighbours; "checklist" is a bulleted structure list, one line each;
"dialogue" has the user asking about other structures while the assistant answers and returns to the mask.

Each conversation is built from segments that carry a ledger of what they claim about the target
(`LEDGER`, filled by `build`), which the writer's own reader (outside the repo) checks against the facts.
Defects: the false claim (wrong side, wrong vertical place or flipped relation to a neighbour, wrong size
class or a percent off by 3-4x, wrong number of pieces) sits in the first answer (99 rows), in a follow-up
answer (34) or in a user's premise the assistant goes along with (35); elsewhere in such a row that topic
is not stated. Clean rows carry true negations, convention sentences, knowledge and population numbers about
other structures, hypotheticals, comparisons, not-lists and (84 rows) a user's wrong idea explicitly corrected.

Own check (heldout_ds.jsonl, seed 20261250, 2628 ledger claims judged against the facts): rows: 420
clean: 210 defects: 210 (count 42, laterality 42, names_target 42, position 42, size 42) problems: 0.
"""

from __future__ import annotations

import json  # noqa: F401  (allowed import; rows are serialised by make_corpus)
import math
import random

import numpy as np

STYLES = ["survey", "contrast", "checklist", "dialogue"]
LEDGER: list = []  # one entry per build() call: the turns as segments with their claims

# ---------------------------------------------------------------------------------------------------
# the other structures: true anatomy or plausible context, never about the target.
# lines: scene sentences; frag: checklist fragment; cf: a noun phrase for contrasts; qa: (question,
# answer) about the structure; know: knowledge sentences. A string may be a (text, refs) pair: refs are
# target keys the sentence mentions (left out of position-defect rows of those targets).
# ---------------------------------------------------------------------------------------------------

LIB = {
    # -- abdomen, axial CT -------------------------------------------------------------------------
    "liver": dict(
        title="Liver",
        lines=["The liver takes up most of the right upper abdomen; it is the largest organ on the slice and "
               "reaches toward the midline at the front.",
               "On the patient's right is the liver, big and homogeneous, lying against the anterior and lateral "
               "abdominal wall.",
               "The liver is the bulkiest thing here: right-sided, under the right hemidiaphragm and extending "
               "forward."],
        frag=["right upper quadrant, large, homogeneous", "patient's right, anterior and lateral, the biggest organ here"],
        cf=["the liver, which fills the right upper abdomen", "the liver, the big homogeneous organ on the right"],
        qa=[("And the liver, where does that sit on this slice?",
             "The liver sits on the patient's right, front and side, and is far larger than anything else on the "
             "slice. It isn't part of the mask."),
            ("Is the big organ on the image's left the liver?",
             "Yes, that's the liver. It's on the patient's right, which shows on the left of the image, and it's "
             "the largest solid organ in the abdomen. It's not in the mask."),
            ("What about the liver?",
             "The liver is on the patient's right, the largest organ here, homogeneous with no focal lesion in "
             "this slice. It isn't part of the segmentation.")],
        know=["The right lobe of the liver is normally much bigger than the left lobe.",
              "The liver is divided into eight Couinaud segments, each with its own portal pedicle.",
              "About a quarter of adults have some fatty change in the liver on CT."]),
    "spleen": dict(
        title="Spleen",
        lines=["The spleen is tucked into the left upper quadrant, posterolaterally, under the lower ribs.",
               "Out on the patient's left, toward the back, is the spleen, with a smooth outline.",
               "The spleen sits high on the left against the diaphragm, lateral and posterior."],
        frag=["left upper quadrant, posterolateral", "patient's left, under the ribs, smooth outline"],
        cf=["the spleen, which sits far out on the left under the ribs", "the spleen, tucked posterolaterally on the left"],
        qa=[("What about the spleen?",
             "The spleen is on the patient's left, lateral and toward the back under the ribs. It's a separate organ "
             "and isn't in the mask."),
            ("Is the organ at the far right edge of the picture the spleen?",
             "Yes. The image's right is the patient's left, and that's where the spleen lives, lateral and posterior "
             "under the lower ribs. It's not part of the segmentation.")],
        know=["An accessory spleen, a small round splenule near the hilum, is seen in roughly 10 to 15% of people.",
              "A normal adult spleen is usually under about 12 to 13 cm long."]),
    "right kidney": dict(
        title="Right kidney",
        lines=["The right kidney lies posteriorly on the patient's right, against the back muscles.",
               "Deep on the patient's right, beside the psoas, is the right kidney.",
               "The right kidney sits at the back on the right, tucked under the liver."],
        frag=["patient's right, posterior, beside the psoas", "right side, deep, against the posterior abdominal wall"],
        cf=["the right kidney, which sits deep on the patient's right", "the right kidney, tucked under the liver on the right"],
        qa=[("What about the right kidney?",
             "The right kidney sits posteriorly on the patient's right, under the liver and beside the psoas. It "
             "isn't included in the mask."),
            ("Is that bean shape on the image's left the right kidney?",
             "Yes, that's the right kidney: the image's left is the patient's right. It lies posteriorly under the "
             "liver and is outside the mask.")],
        know=[("The right kidney usually lies a little lower than the left because the liver sits above it.",
               ("lkid", "kids", "lkt")),
              "The right renal artery passes behind the IVC to reach the kidney."]),
    "left kidney": dict(
        title="Left kidney",
        lines=["The left kidney lies posteriorly on the patient's left, beside the psoas.",
               "On the patient's left at the back is the left kidney, near the spleen and the descending colon.",
               "Deep on the left, against the posterior abdominal wall, sits the left kidney."],
        frag=["patient's left, posterior, beside the psoas", "left side, deep, near the spleen"],
        cf=["the left kidney, which sits deep on the patient's left", "the left kidney, back on the left near the spleen"],
        qa=[("And the left kidney?",
             "The left kidney is posterior on the patient's left, near the spleen. It's a separate structure and not "
             "in the mask."),
            ("Is the bean-shaped organ on the image's right the left kidney?",
             "Yes: the image's right is the patient's left, and the left kidney sits there posteriorly beside the "
             "psoas. It isn't part of the mask.")],
        know=[("The left renal vein crosses in front of the aorta, just below the superior mesenteric artery, to "
               "reach the IVC.", ("aorta",)),
              ("The left kidney is usually slightly higher and a little longer than the right.", ("rkid", "kids"))]),
    "aorta": dict(
        title="Aorta",
        lines=["The abdominal aorta is the round, bright vessel just in front of the vertebral body, a fraction left "
               "of midline.",
               "In front of the spine sits the aorta, round and about 2 cm across, with a little wall calcification.",
               "The aorta is centred just in front of the spine, near the midline."],
        frag=["in front of the spine, near midline, round", "just left of midline, anterior to the vertebral body"],
        cf=["the aorta, the round bright vessel in front of the spine", "the aorta, which is round and sits just in front of the spine"],
        qa=[("What's the round bright circle in front of the spine?",
             "That's the abdominal aorta, sitting just in front of the vertebral body, a touch left of midline. It "
             "isn't part of the mask."),
            ("And the aorta?",
             "The aorta is the round vessel just anterior to the vertebral body, near the midline, roughly 2 cm "
             "across; it's outside the mask.")],
        know=["An abdominal aorta wider than 3 cm counts as aneurysmal, which affects around 4 to 8% of older men.",
              "The aorta divides into the two common iliac arteries at about the level of L4."]),
    "ivc": dict(
        title="IVC",
        lines=["The inferior vena cava is the flatter, oval vessel on the right of the aorta.",
               "To the right of the aorta is the IVC, oval and a little larger than the aorta in this phase.",
               "The IVC lies on the patient's right, in front of the right side of the spine."],
        frag=["right of the aorta, oval", "patient's right, in front of the right side of the spine"],
        cf=["the IVC, the flat oval vessel right of the aorta", "the inferior vena cava, which is oval and sits right of the aorta"],
        qa=[("And the vessel next to the aorta?",
             "That's the inferior vena cava, on the patient's right of the aorta, oval rather than round. Not in the "
             "mask."),
            ("Where is the IVC?",
             "The IVC sits to the patient's right of the aorta, just in front of the right side of the spine, oval in "
             "shape. It's not included.")],
        know=["The IVC is formed by the two common iliac veins joining at about L5."]),
    "pancreas": dict(
        title="Pancreas",
        lines=[("The pancreas drapes across the front of the splenic vein, head on the right in the duodenal curve "
                "and tail heading toward the splenic hilum.", ("spleen",)),
               "The pancreas is a thin, lobulated band running across the upper abdomen in front of the splenic vein."],
        frag=["across the upper abdomen, head right, tail left", "thin lobulated band in front of the splenic vein"],
        cf=["the pancreas, the thin lobulated band across the upper abdomen"],
        qa=[("What about the pancreas?",
             "The pancreas runs across the upper abdomen, head on the right, tail toward the left; it's thin and "
             "lobulated here and isn't part of the mask.")],
        know=["Incidental pancreatic cysts turn up on roughly 2 to 3% of abdominal CTs, more often with age."]),
    "stomach": dict(
        title="Stomach",
        lines=["The stomach is anterior on the patient's left, partly filled with fluid and a little gas.",
               "Anteriorly on the left is the stomach, with an air-fluid level.",
               "The stomach sits at the front on the left, under the left hemidiaphragm."],
        frag=["anterior left upper quadrant, fluid and gas", "front left, partly distended"],
        cf=["the stomach, which sits at the front on the left with gas in it", "the stomach, anterior and left with an air-fluid level"],
        qa=[("And the stomach?",
             "The stomach is anterior on the patient's left, with some fluid and gas in it. It's not part of the mask."),
            ("What's the thing with the air-fluid level at the front on the image's right?",
             "That's the stomach: anterior and on the patient's left, which is the image's right. It's outside the "
             "mask.")],
        know=["The stomach's greater curvature faces left and downward, and the lesser curvature faces the liver."]),
    "gallbladder": dict(
        title="Gallbladder",
        lines=["The gallbladder is the small fluid-filled sac under the liver on the right, near the front.",
               "Tucked under the liver on the patient's right is the gallbladder, thin-walled with no stones.",
               "The gallbladder is a small pear-shaped sac in its fossa on the underside of the liver."],
        frag=["under the liver on the right, fluid-filled", "small, thin-walled, anterior right"],
        cf=["the gallbladder, a small fluid sac under the liver"],
        qa=[("And the little fluid sac near the liver?",
             "That's the gallbladder, a small thin-walled sac in its fossa under the liver on the right. It's not "
             "included in the mask.")],
        know=["Gallstones are found in around 10 to 15% of adults in Western countries."]),
    "adrenals": dict(
        title="Adrenals",
        lines=[("Both adrenal glands are thin and small, each shaped like an inverted Y, one above each kidney.",
                ("lkid", "rkid", "kids")),
               "The two adrenals are slim limbs, the right behind the IVC and the left beside the aorta."],
        frag=["both small, thin limbs, one per side", "two slim inverted-Y glands, no nodule"],
        cf=["the adrenals, two thin inverted-Y limbs"],
        qa=[("What about the adrenals?",
             "Both adrenals are thin and small, the right one behind the IVC and the left one beside the aorta. "
             "Neither is in the mask."),
            ("Are the adrenals visible here?",
             "Yes, both of them: thin, small limbs, the right tucked behind the IVC and the left beside the aorta. "
             "They're outside the segmentation.")],
        know=["Incidental adrenal nodules are found on roughly 3 to 7% of abdominal CTs, most of them benign adenomas."]),
    "vertebra": dict(
        title="Vertebral body",
        lines=["In the middle at the back is the lumbar vertebral body, with the spinal canal behind it.",
               "The vertebral body sits in the midline posteriorly, with the psoas muscles on either side."],
        frag=["midline, posterior", "midline, at the back, normal height"],
        cf=["the vertebral body, bone in the midline at the back"],
        qa=[("And the bone in the middle at the back?",
             "That's the vertebral body, in the midline posteriorly, with the spinal canal behind it. Bone isn't part "
             "of the mask.")],
        know=["There are five lumbar vertebrae, and the conus usually ends at about L1 or L2."]),
    "psoas": dict(
        title="Psoas muscles",
        lines=["The two psoas muscles run along either side of the spine, roughly symmetric in size.",
               "Either side of the vertebral body is a psoas muscle, left and right about equal."],
        frag=["two, one each side of the spine, symmetric"],
        cf=["the psoas muscles, one either side of the spine"],
        qa=[("What are the two muscles either side of the spine?",
             "Those are the psoas muscles, one on each side of the vertebral body and about the same size. They "
             "aren't in the mask.")],
        know=["The psoas runs from the lumbar spine to the lesser trochanter and flexes the hip."]),
    "duodenum": dict(
        title="Duodenum",
        lines=["The duodenum curves around the head of the pancreas on the right, partly fluid-filled.",
               "The second part of the duodenum runs down on the patient's right beside the pancreatic head."],
        frag=["right side, curving around the pancreatic head"],
        cf=["the duodenum, the fluid-filled loop curving round the pancreatic head"],
        qa=[("What's that loop on the right near the middle?",
             "That's the duodenum, curving round the pancreatic head on the right. It isn't in the mask.")],
        know=["The duodenum is about 25 cm long and mostly retroperitoneal."]),
    "bowel": dict(
        title="Small bowel",
        lines=["Several loops of small bowel sit anteriorly, mostly on the left, about six in this slice.",
               "There are a handful of small-bowel loops at the front, four or five on the left and a couple in the "
               "midline."],
        frag=["several loops, anterior, mainly left"],
        cf=["the small-bowel loops, several of them at the front"],
        qa=[("And all those loops at the front?",
             "Those are small-bowel loops, several of them, mostly anterior and on the left. They're not part of the "
             "mask.")],
        know=["The small bowel is roughly 6 to 7 metres long in an adult."]),
    # -- chest, axial CT ---------------------------------------------------------------------------
    "heart": dict(
        title="Heart",
        lines=["The heart sits at the front of the chest, mostly to the patient's left of the midline, with all four "
               "chambers cut.",
               "Anteriorly, bulging to the left, is the heart, normal in size."],
        frag=["anterior, mostly left of midline, four chambers", "front of chest, bulging to the left"],
        cf=["the heart, which sits at the front bulging to the left"],
        qa=[("What about the heart?",
             "The heart is at the front of the chest, bulging toward the patient's left; it's a separate structure and "
             "not in the mask."),
            ("Is the big thing at the front the heart?",
             "Yes, that's the heart, anterior and mostly on the patient's left, which is the image's right. It isn't "
             "part of the segmentation.")],
        know=["The right ventricle is the most anterior chamber, and the left atrium the most posterior.",
              "A cardiothoracic ratio above 0.5 on a PA film suggests cardiomegaly."]),
    "right lung": dict(
        title="Right lung",
        lines=["The right lung fills the right hemithorax and is well aerated.",
               "On the patient's right the lung is clear, with normal vessels out to the periphery."],
        frag=["right hemithorax, well aerated", "patient's right, clear"],
        cf=["the right lung, which is dark and aerated on the right"],
        qa=[("And the right lung?",
             "The right lung fills the right side of the chest and is well aerated here. It's not in the mask.")],
        know=["The right lung has three lobes and the left has two, so the right is usually a little bigger."]),
    "left lung": dict(
        title="Left lung",
        lines=["The left lung is clear, slightly smaller than the right because of the heart.",
               "On the patient's left the lung is well aerated, wrapping around the heart."],
        frag=["left hemithorax, clear", "patient's left, aerated, smaller than the right"],
        cf=["the left lung, aerated and wrapping round the heart"],
        qa=[("What about the left lung?",
             "The left lung is clear and a bit smaller than the right, since the heart takes up room on that side. Not "
             "part of the mask.")],
        know=["The lingula is part of the left upper lobe, the left lung's counterpart of the right middle lobe."]),
    "descending aorta": dict(
        title="Descending aorta",
        lines=["The descending aorta is round and sits to the left of the spine, posteriorly.",
               "Posteriorly, just left of the vertebral body, is the descending aorta."],
        frag=["posterior, left of the spine, round"],
        cf=["the descending aorta, round and just left of the spine"],
        qa=[("And the round thing beside the spine?",
             "That's the descending thoracic aorta, posterior and just to the patient's left of the vertebral body. "
             "It isn't in the mask.")],
        know=["The thoracic aorta is normally under about 4 cm across at this level."]),
    "oesophagus": dict(
        title="Oesophagus",
        lines=["The oesophagus is a small collapsed tube just in front of the spine, slightly to the left.",
               ("Between the trachea and the spine runs the oesophagus, collapsed, with a little air.", ("trach",))],
        frag=["in front of the spine, collapsed"],
        cf=["the oesophagus, a small collapsed tube in front of the spine"],
        qa=[("Where's the oesophagus?",
             "The oesophagus sits just in front of the spine, a little left of midline, mostly collapsed. It's not "
             "included.")],
        know=["The oesophagus is about 25 cm long and passes through the diaphragm at about T10."]),
    "spine": dict(
        title="Vertebral body",
        lines=["The thoracic vertebral body is in the midline at the back, with a rib heading off on each side.",
               "Posteriorly in the midline is the vertebral body, with the spinal canal behind it."],
        frag=["midline, posterior"],
        cf=["the vertebral body, bone in the midline at the back"],
        qa=[("And the bone at the back?",
             "That's a thoracic vertebral body, in the midline posteriorly. Bone isn't part of the mask.")],
        know=["There are twelve thoracic vertebrae, each carrying a pair of ribs."]),
    "sternum": dict(
        title="Sternum",
        lines=["The sternum is the flat bone in the midline at the very front of the chest."],
        frag=["midline, most anterior"],
        cf=["the sternum, flat bone in the midline at the front"],
        qa=[("What's the flat bone at the front?",
             "That's the sternum, in the midline at the very front. Not part of the mask.")],
        know=["The sternal angle marks the level of the second costal cartilages."]),
    "ribs": dict(
        title="Ribs",
        lines=["Parts of about eight ribs are cut on this slice, four or so on each side.",
               "Rib segments ring the chest wall on both sides."],
        frag=["several on each side"],
        cf=["the ribs, cut obliquely around the chest wall"],
        qa=[("How many ribs can you see?",
             "Parts of about eight ribs, roughly four on each side, cut obliquely. None of them is in the mask.")],
        know=["There are normally twelve pairs of ribs; a cervical rib is seen in well under 1% of people."]),
    # -- chest, frontal X-ray ------------------------------------------------------------------------
    "cardiac silhouette": dict(
        title="Heart shadow",
        lines=["The cardiac silhouette sits centrally and bulges to the patient's left, occupying under half the "
               "chest width.",
               "The heart shadow is in the lower middle of the chest, more to the left, with a normal "
               "cardiothoracic ratio."],
        frag=["central, bulging left, normal ratio"],
        cf=["the heart shadow, which is central and dense"],
        qa=[("What about the heart?",
             "The cardiac silhouette is central and lower down, bulging to the patient's left, with a cardiothoracic "
             "ratio under 0.5. It's outside the mask.")],
        know=["On a PA film the cardiothoracic ratio should be under 0.5; AP films exaggerate the heart size."]),
    "trachea xr": dict(
        title="Trachea",
        lines=["The trachea runs down the midline at the top of the film to the carina.",
               "At the top, the air column of the trachea is central and straight."],
        frag=["midline, top of the film, central"],
        cf=["the trachea, the narrow air column in the midline at the top"],
        qa=[("Is the trachea central?",
             "Yes, the trachea is central at the top of the film, running down to the carina. It's not in the mask.")],
        know=["The carina usually sits at about T4 to T5 on a frontal film."]),
    "hemidiaphragms": dict(
        title="Hemidiaphragms",
        lines=["The right hemidiaphragm is a little higher than the left, as usual, because of the liver below it.",
               "Both hemidiaphragms are smooth domes at the bottom of the chest, the right slightly higher."],
        frag=["smooth, right a little higher than left"],
        cf=["the hemidiaphragms, two smooth domes at the bottom"],
        qa=[("What about the diaphragm?",
             "Both hemidiaphragms are smooth, with the right a little higher than the left, which is normal. They "
             "aren't part of the mask.")],
        know=["The right hemidiaphragm is higher than the left in about 90% of people."]),
    "costophrenic": dict(
        title="Costophrenic angles",
        lines=["Both costophrenic angles are sharp, at the bottom outer corners of the chest.",
               "The two costophrenic angles are clear and sharp."],
        frag=["both sharp"],
        cf=["the costophrenic angles, sharp at the lower outer corners"],
        qa=[("Are the costophrenic angles clear?",
             "Yes, both costophrenic angles are sharp, so there's no sizeable effusion. They're corners of the chest, "
             "not mask.")],
        know=["Blunting of a costophrenic angle usually needs about 200 to 300 ml of fluid on an erect PA film."]),
    "clavicles": dict(
        title="Clavicles",
        lines=["The two clavicles run across the top of the film, symmetric about the midline.",
               "Across the top are both clavicles, their medial ends equidistant from the spinous processes."],
        frag=["two, top of film, symmetric"],
        cf=["the clavicles, two bones across the top"],
        qa=[("Is the film rotated?",
             "No, the medial ends of both clavicles are equidistant from the spinous processes, so it's straight. "
             "That's about positioning, not the mask.")],
        know=["The clavicle is the most commonly fractured bone in childhood."]),
    "gastric bubble": dict(
        title="Gastric bubble",
        lines=["Under the left hemidiaphragm is the gastric air bubble.",
               "Below the left dome of the diaphragm there's a small gastric bubble."],
        frag=["under the left hemidiaphragm"],
        cf=["the gastric bubble, a pocket of gas under the left dome"],
        qa=[("What's the black bubble under the diaphragm on the image's right?",
             "That's the gastric air bubble, under the patient's left hemidiaphragm (the image's right). It's in the "
             "stomach, not the mask.")],
        know=["A gastric bubble on the right side would make you think of situs inversus."]),
    "aortic knuckle": dict(
        title="Aortic knuckle",
        lines=["The aortic knuckle makes a small bump at the upper left border of the mediastinum.",
               "Up at the left upper mediastinal border is the aortic knuckle."],
        frag=["upper left mediastinal border, small"],
        cf=["the aortic knuckle, a small bump on the upper left mediastinal border"],
        qa=[("What's that small bump on the upper left of the mediastinum?",
             "That's the aortic knuckle, the arch seen end-on at the upper left mediastinal border. Not part of the "
             "mask.")],
        know=["The aortic knuckle often calcifies in older patients, which is usually of no consequence."]),
    "right lung xr": dict(
        title="Right lung",
        lines=["The right lung is clear, with normal vascular markings to the periphery.",
               "The right lung field is well expanded, reaching down to the right hemidiaphragm."],
        frag=["clear, well expanded"],
        cf=["the right lung, clear and well expanded"],
        qa=[("And the right lung?",
             "The right lung is clear and well expanded, with normal markings. It's not part of the mask.")],
        know=["The horizontal fissure, seen on the right only, separates the upper from the middle lobe."]),
    # -- brain, axial MR ---------------------------------------------------------------------------
    "lateral ventricles": dict(
        title="Lateral ventricles",
        lines=["The lateral ventricles are the two dark CSF spaces either side of the midline, symmetric and not "
               "enlarged.",
               "Centrally, the two lateral ventricles are symmetric, with a thin septum pellucidum between them."],
        frag=["two, either side of midline, symmetric"],
        cf=["the lateral ventricles, two dark CSF spaces either side of the midline"],
        qa=[("And the dark spaces in the middle?",
             "Those are the lateral ventricles, one on each side of the septum, symmetric and normal in size. They "
             "aren't in the mask.")],
        know=["The choroid plexus makes roughly 500 ml of CSF a day."]),
    "third ventricle": dict(
        title="Third ventricle",
        lines=["The third ventricle is a thin midline slit between the thalami.",
               "In the midline between the thalami runs the slit-like third ventricle."],
        frag=["midline slit, narrow"],
        cf=["the third ventricle, a thin midline slit"],
        qa=[("What's the thin dark line in the middle?",
             "That's the third ventricle, a narrow midline slit between the thalami. It's not part of the mask.")],
        know=["The third ventricle connects to the fourth through the cerebral aqueduct."]),
    "thalami": dict(
        title="Thalami",
        lines=[("The two thalami sit either side of the third ventricle, deep and symmetric.", ("v3",)),
               "Deep in the centre are both thalami, one on each side of the midline."],
        frag=["two, deep, either side of the midline"],
        cf=["the thalami, deep grey matter either side of the midline"],
        qa=[("What are the two grey blobs in the centre?",
             "Those are the thalami, one each side of the midline, symmetric. They're not in the mask.")],
        know=["Each thalamus relays sensory input to the cortex; a small infarct there can cause numbness on the "
              "opposite side of the body."]),
    "falx": dict(
        title="Falx",
        lines=["The falx cerebri runs front to back in the midline, splitting the two hemispheres.",
               "Down the middle is the falx, straight, with no midline shift."],
        frag=["midline, no shift"],
        cf=["the falx, the thin midline sheet between the hemispheres"],
        qa=[("Is there any midline shift?",
             "No, the falx runs straight down the middle, with no shift. The falx isn't part of the mask.")],
        know=["A midline shift over about 5 mm is usually considered significant."]),
    "frontal lobes": dict(
        title="Frontal lobes",
        lines=["The frontal lobes fill the front of the slice on both sides.",
               "At the front, both frontal lobes are symmetric, with normal sulci."],
        frag=["front, both sides"],
        cf=["the frontal lobes, filling the front of the slice"],
        qa=[("And the front of the brain?",
             "The frontal lobes fill the front of the slice on both sides and look symmetric. They're not included in "
             "the mask.")],
        know=["The frontal lobes are the largest of the four lobes."]),
    "occipital lobes": dict(
        title="Occipital lobes",
        lines=["The occipital lobes are at the back, toward the bottom of the image.",
               "Posteriorly, both occipital lobes look normal."],
        frag=["back, both sides"],
        cf=["the occipital lobes, at the back of the slice"],
        qa=[("What about the back of the brain?",
             "The occipital lobes are at the back, at the bottom of the image, on both sides. They're outside the "
             "mask.")],
        know=["The primary visual cortex lines the calcarine sulcus in each occipital lobe."]),
    "pineal": dict(
        title="Pineal gland",
        lines=[("The pineal gland sits in the midline behind the third ventricle, with a fleck of calcification.",
                ("v3",)),
               "In the midline toward the back of the deep structures is the small calcified pineal gland."],
        frag=["midline, small, calcified"],
        cf=["the pineal gland, a calcified dot in the midline"],
        qa=[("What's the bright dot in the midline?",
             "That's a calcified pineal gland, small and in the midline. It's not part of the mask.")],
        know=["Pineal calcification is seen in a large share of adults and becomes more common with age."]),
    "caudate": dict(
        title="Caudate heads",
        lines=[("The heads of the caudate nuclei bulge into the frontal horns on each side.", ("latv",)),
               "The caudate heads sit either side of the midline at the front of the deep grey matter."],
        frag=["two, lateral walls of the frontal horns"],
        cf=["the caudate heads, grey matter either side at the front of the deep nuclei"],
        qa=[("And the grey matter at the front of the deep nuclei?",
             "Those are the caudate heads, one on each side of the midline. Not in the mask.")],
        know=["Caudate atrophy with boxy frontal horns is a classic sign of Huntington's disease."]),
    "sylvian": dict(
        title="Sylvian fissures",
        lines=["The Sylvian fissures are out laterally on both sides, separating the frontal and temporal lobes.",
               "Both Sylvian fissures are symmetric, at the sides of the brain."],
        frag=["both sides, lateral, symmetric"],
        cf=["the Sylvian fissures, CSF clefts out at the sides"],
        qa=[("What are the CSF clefts on the sides?",
             "Those are the Sylvian fissures, one on each side laterally, separating frontal from temporal lobe. Not "
             "part of the mask.")],
        know=["The middle cerebral artery runs in the depths of the Sylvian fissure."]),
    "choroid plexus": dict(
        title="Choroid plexus",
        lines=[("The choroid plexus in the atria of both lateral ventricles is calcified, a common finding.", ("latv",)),
               "There's physiological calcification of the choroid plexus on both sides."],
        frag=["both sides, calcified"],
        cf=["the choroid plexus, calcified on both sides"],
        qa=[("What are the bright specks on both sides deep in the brain?",
             "That's calcified choroid plexus on both sides, a normal finding. It isn't in the mask.")],
        know=["Choroid plexus calcification is common after the age of 40."]),
    # -- brain, coronal MR -------------------------------------------------------------------------
    "right hippocampus": dict(
        title="Right hippocampus",
        lines=["The right hippocampus is the mirror image on the patient's right, in the floor of the right temporal "
               "horn.",
               "On the patient's right, the hippocampus has normal size and signal."],
        frag=["patient's right, medial temporal lobe, normal"],
        cf=["the right hippocampus, its mirror image on the patient's right"],
        qa=[("And the other hippocampus?",
             "The right hippocampus is on the patient's right, in the floor of the right temporal horn, with normal "
             "signal. It isn't part of the mask.")],
        know=["Hippocampal volume loss is one of the earliest imaging signs of Alzheimer's disease."]),
    "temporal horns": dict(
        title="Temporal horns",
        lines=["The temporal horns are thin slivers of CSF, one in each temporal lobe, not dilated.",
               "Both temporal horns are slit-like, which argues against hydrocephalus."],
        frag=["both slit-like"],
        cf=["the temporal horns, thin slivers of CSF"],
        qa=[("Are the temporal horns dilated?",
             "No, both are slit-like, one in each temporal lobe. They're CSF spaces, not mask.")],
        know=["Dilated temporal horns are one of the earliest signs of hydrocephalus."]),
    "corpus callosum": dict(
        title="Corpus callosum",
        lines=["The corpus callosum arches across the midline above the lateral ventricles.",
               "Across the top of the ventricles, the corpus callosum bridges the two hemispheres."],
        frag=["midline, arching above the ventricles"],
        cf=["the corpus callosum, the white band across the midline"],
        qa=[("What's the white band across the middle at the top?",
             "That's the corpus callosum, crossing the midline above the lateral ventricles. Not part of the mask.")],
        know=["The corpus callosum carries around 200 million axons between the hemispheres."]),
    "third ventricle cor": dict(
        title="Third ventricle",
        lines=["The third ventricle is a thin vertical slit in the midline, between the thalami."],
        frag=["midline, thin slit"],
        cf=["the third ventricle, a thin vertical slit in the midline"],
        qa=[("And the slit in the middle?",
             "That's the third ventricle, a thin vertical slit in the midline between the thalami. It isn't in the "
             "mask.")],
        know=["In adults, a third ventricle wider than about 7 to 10 mm is considered enlarged."]),
    "lateral ventricles cor": dict(
        title="Lateral ventricles",
        lines=["The bodies of the lateral ventricles are small, one either side of the septum pellucidum.",
               "Both lateral ventricles are normal in size, symmetric about the midline."],
        frag=["two, symmetric, normal size"],
        cf=["the lateral ventricles, small and symmetric"],
        qa=[("And the ventricles?",
             "The lateral ventricles are small and symmetric, one either side of the septum. Not in the mask.")],
        know=["The septum pellucidum sometimes contains a small cavum, a normal variant."]),
    "sylvian cor": dict(
        title="Sylvian fissures",
        lines=["The Sylvian fissures separate the temporal lobes below from the frontal and parietal lobes above, on "
               "both sides."],
        frag=["both sides, symmetric"],
        cf=["the Sylvian fissures, the clefts on either side"],
        qa=[("What are the clefts on either side?",
             "Those are the Sylvian fissures, one on each side, with the temporal lobe below each. Not part of the "
             "mask.")],
        know=["The insula lies hidden in the depth of each Sylvian fissure."]),
    # -- pelvis, axial CT/MR -----------------------------------------------------------------------
    "bladder": dict(
        title="Bladder",
        lines=["The urinary bladder sits in the midline at the front of the pelvis, moderately full.",
               "Anteriorly in the midline is the bladder, with a thin, smooth wall."],
        frag=["midline, anterior, moderately full"],
        cf=["the bladder, the fluid-filled sac in the midline at the front"],
        qa=[("And the bladder?",
             "The bladder is in the midline anteriorly, moderately full with a smooth wall. It's not part of the "
             "mask.")],
        know=["A normal adult bladder holds roughly 400 to 600 ml."]),
    "rectum": dict(
        title="Rectum",
        lines=["The rectum lies in the midline at the back of the pelvis, with a little gas.",
               "Posteriorly in the midline is the rectum, collapsed, with some gas."],
        frag=["midline, posterior, collapsed"],
        cf=["the rectum, in the midline at the back with a little gas"],
        qa=[("And the rectum?",
             "The rectum sits in the midline at the back of the pelvis, mostly collapsed. It isn't included in the "
             "mask.")],
        know=["The rectum is about 12 to 15 cm long, ending at the anorectal junction."]),
    "femoral heads": dict(
        title="Femoral heads",
        lines=["Both femoral heads are round and symmetric, one on each side, out laterally in their acetabula.",
               "Out to each side sits a femoral head, left and right symmetric."],
        frag=["two, lateral, symmetric"],
        cf=["the femoral heads, round bone out on each side"],
        qa=[("What are the round bones on each side?",
             "Those are the femoral heads, one on each side in the acetabulum, symmetric. Bone isn't part of the "
             "mask.")],
        know=["Avascular necrosis of the femoral head is bilateral in about half of cases."]),
    "obturator internus": dict(
        title="Obturator internus",
        lines=["The obturator internus muscles line the side walls of the pelvis on both sides.",
               "Along each pelvic side wall runs an obturator internus, symmetric."],
        frag=["two, side walls, symmetric"],
        cf=["the obturator internus muscles along the side walls"],
        qa=[("What are the muscles along the side walls?",
             "Those are the obturator internus muscles, one on each side wall, symmetric. Not in the mask.")],
        know=["Obturator internus helps rotate the hip outward."]),
    "seminal vesicles": dict(
        title="Seminal vesicles",
        lines=[("The seminal vesicles are the paired bow-tie structures just behind the bladder base.", ("blad",)),
               "The two seminal vesicles are symmetric, with normal bright fluid."],
        frag=["two, paired, symmetric"],
        cf=["the seminal vesicles, a paired bow-tie shape"],
        qa=[("What's the bow-tie shape?",
             "Those are the seminal vesicles, paired and symmetric. They're not in the mask.")],
        know=["The seminal vesicles produce most of the volume of the ejaculate."]),
    "iliac vessels": dict(
        title="Iliac vessels",
        lines=["The external iliac arteries and veins run along both pelvic side walls.",
               "On each side wall are the external iliac vessels, the artery in front of the vein."],
        frag=["both side walls"],
        cf=["the external iliac vessels along both side walls"],
        qa=[("What are the vessels along the sides?",
             "Those are the external iliac artery and vein on each side, running along the pelvic side walls. Not in "
             "the mask.")],
        know=["The external iliac artery becomes the femoral artery as it passes under the inguinal ligament."]),
    "coccyx": dict(
        title="Coccyx",
        lines=["The coccyx is the small bone in the midline at the very back.",
               "At the back in the midline is the coccyx."],
        frag=["midline, most posterior"],
        cf=["the coccyx, a small bone in the midline at the back"],
        qa=[("What's the little bone at the back?",
             "That's the coccyx, in the midline at the very back. Bone isn't part of the mask.")],
        know=["The coccyx is made of three to five small fused segments."]),
    "sacrum": dict(
        title="Sacrum",
        lines=["The sacrum forms the back wall of the pelvis in the midline.",
               "Posteriorly in the midline is the sacrum, with the sacral foramina on both sides."],
        frag=["midline, back wall"],
        cf=["the sacrum, the bony back wall in the midline"],
        qa=[("And the bone at the back?",
             "That's the sacrum, forming the back wall of the pelvis in the midline. Not part of the mask.")],
        know=["The sacrum is formed by five fused vertebrae."]),
    "pubic symphysis": dict(
        title="Pubic symphysis",
        lines=["The pubic symphysis is the midline joint at the front of the pelvis.",
               "At the front in the midline is the pubic symphysis, with a normal joint space."],
        frag=["midline, anterior"],
        cf=["the pubic symphysis, the midline joint at the front"],
        qa=[("What's the joint at the front?",
             "That's the pubic symphysis, in the midline at the front. It's not part of the mask.")],
        know=["The symphysis widens slightly in pregnancy."]),
    "levator ani": dict(
        title="Levator ani",
        lines=["The levator ani forms a sling on both sides of the pelvic floor."],
        frag=["sling, both sides"],
        cf=["the levator ani, a muscular sling on both sides"],
        qa=[("And the muscle sling lower down?",
             "That's the levator ani, a sling on both sides of the pelvic floor. Not in the mask.")],
        know=["Levator ani injury during childbirth is a risk factor for later prolapse."]),
    "right ovary": dict(
        title="Right ovary",
        lines=["The right ovary sits on the patient's right beside the uterus, with a few small follicles."],
        frag=["patient's right, beside the uterus, small follicles"],
        cf=["the right ovary, with a few small follicles on the patient's right"],
        qa=[("And the right ovary?",
             "The right ovary is on the patient's right beside the uterus, with a few small follicles. It's not part "
             "of the mask.")],
        know=["Each ovary is normally about 3 by 2 by 1 cm in a premenopausal woman."]),
    "ovaries": dict(
        title="Ovaries",
        lines=["Both ovaries sit beside the uterus, one on each side, each with a few small follicles."],
        frag=["two, one each side, small follicles"],
        cf=["the ovaries, one on each side with small follicles"],
        qa=[("Where are the ovaries?",
             "Both ovaries are beside the uterus, one on each side, each with small follicles. They're not in the "
             "mask.")],
        know=["Follicles up to about 2.5 cm are normal in the reproductive years."]),
    "uterus": dict(
        title="Uterus",
        lines=["The uterus sits in the midline, with a normal zonal pattern on T2.",
               "Centrally, the uterus is normal in size, with a thin endometrial stripe."],
        frag=["midline, normal zonal pattern"],
        cf=["the uterus, the muscular organ in the midline"],
        qa=[("And the uterus?",
             "The uterus is in the midline, normal in size with a clear zonal pattern. It's not part of the mask.")],
        know=["Fibroids are found in up to 70% of women by the age of 50."]),
    "ischial tuberosities": dict(
        title="Ischial tuberosities",
        lines=["The two ischial tuberosities are at the back on either side."],
        frag=["two, posterior, symmetric"],
        cf=["the ischial tuberosities, the bones at the back on each side"],
        qa=[("What are the bones at the back on each side?",
             "Those are the ischial tuberosities, one each side at the back. Not in the mask.")],
        know=["The hamstrings take origin from the ischial tuberosity."]),
    # -- pelvis, frontal X-ray ---------------------------------------------------------------------
    "sacrum xr": dict(
        title="Sacrum",
        lines=["The sacrum sits in the midline at the top centre, between the iliac wings."],
        frag=["midline, top centre"],
        cf=["the sacrum, in the midline at the top"],
        qa=[("And the bone in the middle at the top?",
             "That's the sacrum, midline at the top, between the iliac wings. Not in the mask.")],
        know=["The sacroiliac joints are often the first joints affected in ankylosing spondylitis."]),
    "pubic symphysis xr": dict(
        title="Pubic symphysis",
        lines=["The pubic symphysis is the midline joint at the bottom centre of the film."],
        frag=["midline, bottom centre"],
        cf=["the pubic symphysis, the midline joint at the bottom"],
        qa=[("What's the joint at the bottom in the middle?",
             "That's the pubic symphysis, the midline joint at the bottom centre. Not in the mask.")],
        know=["A symphysis wider than about 1 cm in an adult suggests disruption."]),
    "iliac wings": dict(
        title="Iliac wings",
        lines=["The two iliac wings flare out at the top on either side, symmetric."],
        frag=["two, top, symmetric"],
        cf=["the iliac wings, flaring out at the top"],
        qa=[("And the big flat bones at the top?",
             "Those are the iliac wings, one on each side, flaring outwards and symmetric. Not part of the mask.")],
        know=["The iliac crests sit at about the L4 level, a landmark for lumbar puncture."]),
    "obturator foramina": dict(
        title="Obturator foramina",
        lines=["The two obturator foramina are the large oval holes either side of the symphysis."],
        frag=["two, either side of the symphysis"],
        cf=["the obturator foramina, two oval holes near the bottom"],
        qa=[("What are the two big holes near the bottom?",
             "Those are the obturator foramina, one either side of the symphysis. Not in the mask.")],
        know=["The obturator nerve and vessels pass through a small canal at the top of each foramen."]),
    "greater trochanters": dict(
        title="Greater trochanters",
        lines=["The greater trochanters stick out laterally, one on each side."],
        frag=["two, lateral"],
        cf=["the greater trochanters, bony bumps out laterally"],
        qa=[("What are the bony bumps on the outside?",
             "Those are the greater trochanters, one each side laterally. Not part of the mask.")],
        know=["Gluteus medius and minimus insert on the greater trochanter."]),
    "lumbar spine xr": dict(
        title="Lower lumbar spine",
        lines=["The lower lumbar spine is visible in the midline at the very top, in line."],
        frag=["midline, top"],
        cf=["the lower lumbar spine, in the midline at the top"],
        qa=[("Is the lower spine in line?",
             "Yes, the visible lower lumbar spine is straight in the midline at the top. Not part of the mask.")],
        know=["L5 is usually the largest lumbar vertebra."]),
}

# ---------------------------------------------------------------------------------------------------
# profiles: geometry in pixels of a 256 x 256 slice (x = column, y = row), ellipses (cx, cy, rx, ry,
# angle in degrees); `others` are neighbour centroids in pixels; `forbid` are regexes a first question
# must not match unless it names the target on purpose.
# ---------------------------------------------------------------------------------------------------

_ABD = ("CT", "abdomen", "LP")
PROFILES = [
    dict(key="lkid", target="left kidney", rec=_ABD, plural=False, unit="pieces",
         ell=[(172, 150, 15, 21, 20)],
         others={"spleen": (195, 118), "aorta": (134, 140), "right kidney": (84, 152), "liver": (80, 105)},
         scene=["liver", "spleen", "right kidney", "aorta", "ivc", "psoas", "vertebra", "bowel", "stomach"],
         names=["the left kidney", "the kidney on the patient's left"],
         forbid=[r"kidney", r"renal", r"nephr"],
         q=["Which organ on the opposite side from the liver filters the blood and makes urine?",
            "The patient has flank pain on the same side as the spleen. Which urine-producing organ on that side should I look at?",
            "There's a bean-shaped organ near the spleen that drains into a ureter. Which one is it?",
            "Which organ on the spleen's side would a urologist care about here, the one that makes urine?"],
         qn=["Please find the left kidney on this slice.", "Where's the left renal outline here?",
             "Can you show me the kidney on the spleen's side?"],
         know=["It filters the blood and makes urine, which drains through the ureter to the bladder.",
               "At the hilum the renal vein sits in front, the artery in the middle and the pelvis behind.",
               "Its outline is smooth on this slice, with no bulge or scar."],
         comp=["It is much smaller than the liver.", "It's about the same size as the right kidney, as you'd expect for a pair."],
         hypo=["Had this been the right kidney, the liver rather than the spleen would be its main neighbour.",
               "If the outline were lumpy or scarred, I'd think of old pyelonephritis, but it isn't."],
         pop=["Roughly 1 in 1,000 people are born with only one kidney, so it's always worth checking both sides.",
              "Simple renal cysts turn up in more than a quarter of people over 50."],
         extra=[],
         switch=[("And the other kidney?",
                  "The right kidney is on the patient's right, tucked under the liver at about the same depth. It's a "
                  "separate structure and not in the mask."),
                 ("Where are the adrenals on this slice?",
                  "Both adrenals are thin, small limbs; the right sits behind the IVC and the left beside the aorta, "
                  "each only a few millimetres thick. Neither is part of the mask.")],
         notl=["the right kidney", "the spleen", "the aorta", "the psoas", "the bowel loops"]),
    dict(key="rkid", target="right kidney", rec=_ABD, plural=False, unit="pieces",
         ell=[(84, 152, 14, 20, -15)],
         others={"liver": (78, 105), "inferior vena cava": (112, 134), "left kidney": (172, 150), "aorta": (134, 134)},
         scene=["liver", "ivc", "aorta", "left kidney", "spleen", "psoas", "vertebra", "gallbladder", "duodenum"],
         names=["the right kidney", "the kidney on the patient's right"],
         forbid=[r"kidney", r"renal", r"nephr"],
         q=["Which organ tucked behind the liver makes urine?",
            "The urine-producing organ on the liver's side: which one is it?",
            "There's a stone in the ureter on the same side as the gallbladder. Which organ sits upstream of it?"],
         qn=["Please find the right kidney on this slice.", "Where's the right renal outline?"],
         know=["It filters the blood and makes urine, which drains down the ureter to the bladder.",
               "Its hilum faces medially, toward the IVC, with the vein in front of the pelvis."],
         comp=["It's far smaller than the liver.", "It's roughly the same size as the left kidney."],
         hypo=["If it were the left kidney, the spleen rather than the liver would be its big neighbour."],
         pop=["A duplex collecting system turns up in about 1% of people.",
              "Kidney stones affect roughly 1 in 10 people at some point in life."],
         extra=[],
         switch=[("And the other kidney?",
                  "The left kidney is on the patient's left, near the spleen, at about the same depth; it looks similar "
                  "in size and isn't part of the mask."),
                 ("Is the gallbladder in this slice?",
                  "Yes, it's the small fluid-filled sac under the liver at the front on the right. It's not in the "
                  "mask.")],
         notl=["the liver", "the IVC", "the left kidney", "the duodenum"]),
    dict(key="liver", target="liver", rec=_ABD, plural=False, unit="pieces",
         ell=[(82, 105, 50, 45, 10)],
         others={"spleen": (192, 120), "stomach": (160, 95), "right kidney": (84, 152)},
         scene=["spleen", "stomach", "right kidney", "ivc", "aorta", "vertebra", "gallbladder", "left kidney"],
         names=["the liver"],
         forbid=[r"liver", r"hepat", r"hepar"],
         q=["Which organ here produces bile?",
            "Which is the biggest solid organ in this abdomen, the one that makes bile and clotting factors?",
            "Alcohol history and a raised ALT: which organ are those tests about?"],
         qn=["Please find the liver on this slice.", "Where's the hepatic outline here?"],
         know=["It makes bile, most clotting factors and albumin, and stores glycogen.",
               "It has a dual blood supply, about three quarters from the portal vein and a quarter from the hepatic artery."],
         comp=["It is by far the biggest organ on the slice, much bigger than the spleen.", "It dwarfs the right kidney."],
         hypo=["If it were on the left, you'd suspect situs inversus, which affects about 1 in 10,000 people."],
         pop=["Fatty infiltration shows up in about a quarter of adults.",
              "Simple liver cysts are found in around 5% of people."],
         extra=[],
         switch=[("What is the little fluid sac under it?",
                  "That's the gallbladder, a small fluid-filled sac in its fossa on the underside of the liver; it's "
                  "left out of the mask.")],
         notl=["the spleen", "the stomach", "the right kidney", "the gallbladder", "the IVC"]),
    dict(key="spleen", target="spleen", rec=_ABD, plural=False, unit="pieces",
         ell=[(194, 138, 20, 28, -30)],
         others={"left kidney": (168, 158), "stomach": (155, 100), "aorta": (134, 138)},
         scene=["liver", "stomach", "left kidney", "aorta", "pancreas", "vertebra", "adrenals", "bowel"],
         names=["the spleen"],
         forbid=[r"splen", r"spleen", r"lien"],
         q=["Which organ in the left upper quadrant filters old red cells and swells in glandular fever?",
            "After a left-sided rib injury, which solid organ under those ribs is most at risk of rupture?",
            "Which lymphoid organ sits under the left lower ribs?"],
         qn=["Please find the spleen on this slice.", "Where's the splenic outline here?"],
         know=["It filters old red blood cells and holds a reserve of platelets and lymphocytes.",
               "Its surface is smooth here, with no cleft or laceration on this slice."],
         comp=["It's smaller than the liver but far bigger than either adrenal."],
         hypo=["If it were on the right side, you'd be looking at a very rare mirror-image arrangement."],
         pop=["Accessory spleens turn up in about one in ten people.",
              "Splenic injury is involved in roughly a quarter to a half of blunt abdominal trauma cases."],
         extra=[],
         switch=[("And the kidney next to it?",
                  "The left kidney lies deep on the patient's left, beside the psoas. It's outside the mask.")],
         notl=["the stomach", "the left kidney", "the liver", "the bowel loops"]),
    dict(key="aorta", target="aorta", rec=_ABD, plural=False, unit="pieces",
         ell=[(131, 140, 9, 9, 0)],
         others={"inferior vena cava": (112, 138), "vertebral body": (128, 165), "left kidney": (172, 150),
                 "right kidney": (84, 157)},
         scene=["ivc", "vertebra", "right kidney", "left kidney", "liver", "spleen", "pancreas", "psoas", "bowel"],
         names=["the abdominal aorta", "the aorta"],
         forbid=[r"aort"],
         q=["Which vessel carries oxygenated blood from the heart down through the abdomen toward the legs?",
            "Elderly smoker with a pulsatile abdominal swelling: which vessel should I measure?",
            "What's the big round artery just in front of the spine here?"],
         qn=["Please find the aorta on this slice.", "Where's the abdominal aorta here?"],
         know=["It gives off the coeliac trunk, the superior mesenteric artery and the renal arteries around this level.",
               "Its wall shows a little calcification, common at this age."],
         comp=["It is smaller in cross-section than the vertebral body.", "It's rounder and brighter than the IVC."],
         hypo=["If it were over 3 cm across, we'd call it aneurysmal."],
         pop=["Abdominal aortic aneurysms affect around 4 to 8% of men over 65.",
              "About 1 in 4 older smokers has some aortic wall calcification on CT."],
         extra=[],
         switch=[("And the vein next to it?",
                  "That's the inferior vena cava, on the patient's right of the spine, flatter and oval. It isn't in "
                  "the mask.")],
         notl=["the IVC", "the vertebral body", "the kidneys", "the psoas muscles"]),
    dict(key="panc", target="pancreas", rec=_ABD, plural=False, unit="pieces",
         ell=[(135, 118, 38, 9, -15)],
         others={"aorta": (134, 140), "stomach": (155, 92), "spleen": (194, 138), "left kidney": (172, 152)},
         scene=["stomach", "aorta", "spleen", "liver", "left kidney", "right kidney", "duodenum", "vertebra", "ivc"],
         names=["the pancreas", "the gland"],
         forbid=[r"pancrea"],
         q=["Which gland behind the stomach makes insulin and digestive enzymes?",
            "Lipase is very high. Which organ should I look at on this slice?",
            "Which retroperitoneal gland has its head in the duodenal curve and its tail toward the spleen?"],
         qn=["Please find the pancreas on this slice.", "Where's the pancreatic outline here?"],
         know=["It makes digestive enzymes in its acinar cells and insulin and glucagon in the islets.",
               "Its outline is smooth and slightly lobulated, with no duct dilatation."],
         comp=["It's much thinner and smaller than the liver.", "It's a lot smaller than the stomach here."],
         hypo=["If the duct were dilated to over 3 mm, I'd look harder for an obstructing lesion at the head."],
         pop=["Incidental pancreatic cysts are reported in around 2 to 3% of abdominal CTs, more with age.",
              "About 80% of acute pancreatitis is caused by gallstones or alcohol."],
         extra=[],
         switch=[("What's the loop curving round its head?",
                  "That's the duodenum, partly fluid-filled. It's bowel, not part of the mask.")],
         notl=["the stomach", "the splenic vein", "the aorta", "the duodenum"]),
    dict(key="kids", target="kidneys", rec=_ABD, plural=True, unit="parts",
         ell=[(84, 152, 14, 20, -15), (172, 150, 15, 21, 20)],
         others={"vertebral body": (128, 172), "pancreas": (135, 112), "aorta": (134, 132)},
         scene=["liver", "spleen", "aorta", "ivc", "vertebra", "psoas", "bowel", "pancreas"],
         names=["the kidneys"],
         forbid=[r"kidney", r"renal", r"nephr"],
         q=["Which paired organs filter the blood and make urine?",
            "Creatinine is rising. Which organs should I look at on this slice?",
            "Can you find the two bean-shaped organs either side of the spine that drain into the ureters?"],
         qn=["Please outline both kidneys on this slice.", "Where are the renal outlines here?"],
         know=["Together they take about a fifth of the cardiac output.",
               "Each drains through its own ureter to the bladder."],
         comp=["Each is much smaller than the liver.", "They're close to each other in size."],
         hypo=["If only one were present, you'd think of agenesis, seen in about 1 in 1,000 people."],
         pop=["A horseshoe kidney, where the lower poles fuse across the midline, occurs in about 1 in 500 people."],
         extra=[],
         switch=[("And the adrenals?",
                  "Both adrenals are thin limbs higher up; on this slice they're barely seen. They aren't in the mask.")],
         notl=["the liver", "the spleen", "the psoas muscles", "the aorta"]),
    dict(key="lmet", target="liver metastases", rec=_ABD, plural=True, unit="deposits",
         ell=[(70, 96, 8, 8, 0), (95, 112, 6, 7, 0), (62, 124, 7, 6, 0)],
         others={"spleen": (194, 138), "right kidney": (84, 152), "stomach": (158, 88)},
         scene=["spleen", "stomach", "right kidney", "gallbladder", "ivc", "aorta", "vertebra"],
         names=["the liver metastases", "the metastases", "the deposits"],
         forbid=[r"metasta", r"\bmets\b", r"secondar", r"deposit", r"liver", r"hepat"],
         q=["Known colorectal cancer: are there spots where it has spread in the big bile-making organ?",
            "Staging scan, and there are several low-density spots in the organ that makes bile. What are they?",
            "Which findings here would make this patient's bowel cancer stage IV?"],
         qn=["Please outline the liver metastases on this slice.", "Where are the hepatic mets here?"],
         know=["Colorectal cancer spreads to the liver first because blood from the bowel drains there through the portal vein.",
               "On portal venous CT they're typically low density with a faint rim."],
         comp=["Each one is much smaller than the gallbladder.", "Together they're tiny next to the liver itself."],
         hypo=["If there were only one, resection would be simpler; with several, the surgeons will want volumetry."],
         pop=["About half of patients with colorectal cancer develop liver metastases at some point."],
         extra=["The liver itself is normal in size on the patient's right, and the rest of it looks homogeneous."],
         switch=[("And the liver around them?",
                  "The liver is normal in size, on the patient's right, with homogeneous background enhancement. Only "
                  "the deposits are in the mask.")],
         notl=["the gallbladder", "the IVC", "the right kidney", "normal liver"]),
    dict(key="adr", target="adrenal glands", rec=_ABD, plural=True, unit="glands",
         ell=[(104, 128, 4, 9, 20), (152, 130, 4, 9, -20)],
         others={"vertebral body": (128, 168), "pancreas": (135, 112)},
         scene=["liver", "ivc", "aorta", "spleen", "right kidney", "left kidney", "vertebra", "stomach"],
         names=["the adrenal glands", "the adrenals"],
         forbid=[r"adrenal", r"suprarenal", r"gland"],
         q=["Which small paired organs make cortisol and epinephrine?",
            "Cushing's workup: which thin structures near the upper poles should I look at?",
            "Can you find the thin Y-shaped structures that sit near the upper poles of the urine-making organs?"],
         qn=["Please outline both adrenal glands.", "Where are the adrenals on this slice?"],
         know=["The cortex makes cortisol and aldosterone; the medulla makes adrenaline.",
               "Each limb is smooth, with no nodule on this slice."],
         comp=["Each is far smaller than the kidneys.", "They're only a few millimetres thick, thinner than the diaphragmatic crura."],
         hypo=["If one limb measured over 1 cm thick, I'd call it nodular."],
         pop=["Incidental adrenal nodules are found on roughly 3 to 7% of abdominal CTs."],
         extra=[],
         switch=[("What about the crura of the diaphragm?",
                  "The crura are the two muscular bands wrapping round the front of the spine, one either side of the "
                  "aorta. They're not part of the mask.")],
         notl=["the diaphragmatic crura", "the IVC", "the kidneys", "the aorta"]),
    dict(key="gb", target="gallbladder", rec=_ABD, plural=False, unit="pieces",
         ell=[(100, 106, 10, 14, 15)],
         others={"liver": (80, 105), "right kidney": (84, 152), "duodenum": (120, 124), "stomach": (158, 88)},
         scene=["liver", "right kidney", "duodenum", "stomach", "ivc", "aorta", "spleen"],
         names=["the gallbladder"],
         forbid=[r"gall", r"cholecyst", r"biliary"],
         q=["Which sac under the liver stores and concentrates bile?",
            "Right upper quadrant pain after fatty meals. Which organ should I look at on this slice?",
            "Murphy's sign was positive. Which organ was being tested?"],
         qn=["Please outline the gallbladder on this slice.", "Where's the gallbladder here?"],
         know=["It stores and concentrates bile and contracts after a fatty meal under cholecystokinin.",
               "Its wall is thin and there are no stones on this slice."],
         comp=["It is much smaller than the liver it hangs from.", "It's smaller than the right kidney."],
         hypo=["If the wall were over 3 mm thick, I'd worry about cholecystitis."],
         pop=["Gallstones are found in roughly 10 to 15% of adults in Western countries."],
         extra=[],
         switch=[("And the liver?",
                  "The liver is the big organ on the patient's right around it, homogeneous here. It isn't in the mask.")],
         notl=["the liver", "the duodenum", "the right kidney", "the IVC"]),
    dict(key="lkt", target="left kidney tumour", rec=_ABD, plural=False, unit="pieces",
         ell=[(188, 148, 10, 10, 0)],
         others={"left kidney": (172, 150), "spleen": (194, 118), "aorta": (134, 140)},
         scene=["right kidney", "spleen", "aorta", "ivc", "liver", "psoas", "vertebra", "bowel"],
         names=["the left kidney tumour", "the renal tumour", "the tumour"],
         forbid=[r"kidney", r"renal", r"nephr", r"tumou?r", r"\bmass", r"carcinom", r"cancer", r"neoplas", r"\bRCC\b",
                 r"malignan"],
         q=["Painless blood in the urine and something bulging off the urine-making organ on the spleen's side. What is it?",
            "Haematuria and a flank lump on the side opposite the liver. What's responsible?",
            "There's a solid, enhancing bulge from the urine-producing organ next to the spleen. Can you find it?"],
         qn=["Please outline the left kidney tumour.", "Where's the renal mass on the left?"],
         know=["A solid enhancing lesion of the kidney is treated as renal cell carcinoma until proven otherwise.",
               "It enhances heterogeneously, with no fat in it on this slice."],
         comp=["It's much smaller than the kidney it comes from.", "It's smaller than the spleen."],
         hypo=["If it were under 4 cm, partial nephrectomy would be the usual plan."],
         pop=["Renal cell carcinoma accounts for roughly 2 to 3% of adult cancers."],
         extra=["The rest of the left kidney is normal in size, with a smooth outline.",
                "There are two small simple cysts in the right kidney, neither of them in the mask."],
         switch=[("And the other kidney?",
                  "The right kidney is on the patient's right under the liver, with two small simple cysts. Nothing "
                  "there is in the mask."),
                 ("Is the renal vein involved?",
                  "The left renal vein runs forward of the aorta to the IVC and looks patent on this slice, without "
                  "tumour thrombus.")],
         notl=["the rest of the left kidney", "the right kidney", "the spleen", "the renal vein"]),
    # -- chest --------------------------------------------------------------------------------------
    dict(key="lungs", target="lungs", rec=("XR", "chest", "LI"), plural=True, unit="parts",
         ell=[(84, 105, 34, 62, 0), (172, 108, 32, 58, 0)],
         others={"heart": (134, 165), "trachea": (128, 40)},
         scene=["cardiac silhouette", "trachea xr", "hemidiaphragms", "costophrenic", "clavicles", "gastric bubble",
                "aortic knuckle"],
         names=["the lungs", "the lung fields"],
         forbid=[r"lung", r"pulmon", r"pneum"],
         q=["Which paired organs handle gas exchange on this frontal chest film?",
            "Can you find the air-filled organs either side of the heart on this film?",
            "Breathless patient. Where are the organs where oxygen gets into the blood?"],
         qn=["Please outline both lungs on this film.", "Where are the lung fields?"],
         know=["The right has three lobes and the left two, partly because the heart takes up room on the left.",
               "The vascular markings are normal, fading toward the periphery."],
         comp=["Together they're much larger than the heart shadow."],
         hypo=["If one side were completely white, you'd think of collapse or a large effusion."],
         pop=["COPD affects around 10% of adults over 40 worldwide."],
         extra=[],
         switch=[("Is there any air under the diaphragm?",
                  "No free air under either hemidiaphragm; the only gas below the left one is the gastric bubble. "
                  "That's outside the chest and the mask.")],
         notl=["the heart shadow", "the mediastinum", "the hemidiaphragms", "the clavicles"]),
    dict(key="heart", target="heart", rec=("CT", "chest", "LP"), plural=False, unit="pieces",
         ell=[(148, 108, 38, 32, 30)],
         others={"descending aorta": (150, 160), "vertebral body": (128, 175), "right lung": (70, 126)},
         scene=["right lung", "left lung", "descending aorta", "oesophagus", "spine", "sternum", "ribs"],
         names=["the heart"],
         forbid=[r"heart", r"cardi", r"myocard", r"pericard", r"coronar"],
         q=["Which organ pumps blood round the body, on this chest slice?",
            "Chest pain with a raised troponin. Which organ is this about?",
            "What's the big muscular four-chambered organ at the front of the chest?"],
         qn=["Please outline the heart on this slice.", "Where's the cardiac outline here?"],
         know=["It has four chambers; the right ventricle is the most anterior and the left atrium the most posterior.",
               "There's no pericardial fluid on this slice."],
         comp=["It's far larger than the descending aorta.", "It's a good deal bigger than the oesophagus and aorta put together."],
         hypo=["If it sat on the right, you'd be thinking of dextrocardia, which is rare, around 1 in 12,000 births."],
         pop=["Coronary artery calcium is found in about half of adults over 60."],
         extra=[],
         switch=[("And the lung on its side?",
                  "The left lung is clear, wrapping around it, a little smaller than the right. It's not in the mask.")],
         notl=["the lungs", "the descending aorta", "the oesophagus", "the sternum"]),
    dict(key="rpe", target="right pleural effusion", rec=("CT", "chest", "LP"), plural=False, unit="pieces",
         ell=[(70, 170, 30, 18, -20)],
         others={"right lung": (75, 120), "heart": (148, 108), "vertebral body": (128, 175)},
         scene=["heart", "left lung", "descending aorta", "spine", "ribs", "oesophagus"],
         names=["the right pleural effusion", "the effusion", "the pleural fluid"],
         forbid=[r"pleura", r"effusion", r"hydrothorax"],
         q=["Dull to percussion at the right base with reduced breath sounds. What's causing it on this slice?",
            "There's a dependent crescent of water density at the back of the chest on the liver's side. What is it?",
            "Heart failure patient with a blunted angle at the right base on the film. What does the CT show?"],
         qn=["Please outline the right pleural effusion.", "Where's the pleural fluid on the right?"],
         know=["Free fluid layers dependently, so in a supine patient it gathers at the back.",
               "It measures water density, so a simple transudate is the likely cause."],
         comp=["It's smaller than the aerated right lung.", "It's a lot smaller than the heart."],
         hypo=["If it were on the left as well, heart failure would be even more likely."],
         pop=["Heart failure causes most transudative effusions, roughly a third of all effusions seen."],
         extra=["The right lung is partly compressed at its base, but still aerated above that.",
                "There is no fluid on the left."],
         switch=[("And the left side?",
                  "The left hemithorax is clear: the lung is aerated and there's no fluid in the left pleural space.")],
         notl=["the right lung", "the heart", "the liver dome", "the left hemithorax"]),
    dict(key="nod", target="lung nodules", rec=("CT", "chest", "LP"), plural=True, unit="nodules",
         ell=[(70, 100, 5, 5, 0), (90, 140, 4, 4, 0), (180, 110, 5, 5, 0), (195, 150, 4, 4, 0)],
         others={"heart": (132, 100), "vertebral body": (128, 178)},
         scene=["heart", "descending aorta", "oesophagus", "spine", "ribs", "sternum", "right lung", "left lung"],
         names=["the lung nodules", "the nodules"],
         forbid=[r"nodul", r"lung", r"pulmon"],
         q=["Smoker on a screening CT: are there small round spots in the chest that need follow-up?",
            "Can you find the little round opacities scattered in the air-filled parts of this slice?",
            "Which findings here would go into a Fleischner follow-up?"],
         qn=["Please outline the lung nodules.", "Where are the pulmonary nodules on this slice?"],
         know=["Solid nodules under 6 mm in a low-risk patient usually need no routine follow-up under Fleischner rules.",
               "They're all solid and smoothly marginated."],
         comp=["Each one is smaller than the descending aorta in cross-section."],
         hypo=["If any of them were over 8 mm, PET or biopsy would come into the discussion."],
         pop=["Small nodules are found in roughly a quarter to a half of screening CTs."],
         extra=[],
         switch=[("Any lymph nodes?",
                  "No enlarged mediastinal or hilar nodes on this slice. Nodes aren't part of the mask.")],
         notl=["the vessels", "the heart", "the descending aorta", "the ribs"]),
    dict(key="trach", target="trachea", rec=("CT", "chest", "LP"), plural=False, unit="pieces",
         ell=[(128, 100, 9, 8, 0)],
         others={"oesophagus": (132, 122), "vertebral body": (128, 150), "right lung": (70, 110), "left lung": (186, 110)},
         scene=["oesophagus", "spine", "right lung", "left lung", "ribs", "sternum"],
         names=["the trachea", "the windpipe"],
         forbid=[r"trache", r"windpipe"],
         q=["Which air-filled tube sits in front of the oesophagus and carries air down to the chest?",
            "Stridor after a long intubation. Which structure should I check for narrowing?",
            "What's the round black air column in the middle of this upper chest slice?"],
         qn=["Please outline the trachea.", "Where's the windpipe on this slice?"],
         know=["It's held open by C-shaped cartilage rings, open at the back where the trachealis muscle sits.",
               "Its lumen is round here, with no narrowing."],
         comp=["It's bigger in cross-section than the collapsed oesophagus."],
         hypo=["If it were pushed to one side, you'd look for a goitre or a tension pneumothorax."],
         pop=["The adult trachea is about 10 to 12 cm long and roughly 2 cm across."],
         extra=["The thyroid lobes are just out of this slice."],
         switch=[("And the oesophagus?",
                  "The oesophagus is a small collapsed tube just in front of the spine, slightly to the left. It's not "
                  "part of the mask.")],
         notl=["the oesophagus", "the lung apices", "the vertebral body", "the great vessels"]),
    dict(key="llung", target="left lung", rec=("XR", "chest", "LI"), plural=False, unit="pieces",
         ell=[(172, 105, 32, 58, 0)],
         others={"heart": (140, 165), "trachea": (128, 40), "right lung": (84, 108)},
         scene=["right lung xr", "cardiac silhouette", "trachea xr", "hemidiaphragms", "costophrenic", "clavicles",
                "gastric bubble", "aortic knuckle"],
         names=["the left lung"],
         forbid=[r"lung", r"pulmon", r"pneum"],
         q=["On the heart's side of the chest, which organ does the gas exchange?",
            "Reduced breath sounds on the side the heart points to. Which organ sits there?",
            "Which air-filled organ is on the same side as the gastric bubble?"],
         qn=["Please outline the left lung on this film.", "Where's the left lung field?"],
         know=["It has two lobes, upper and lower, with the lingula part of the upper lobe.",
               "It's clear, with normal markings and no focal opacity."],
         comp=["It's a little smaller than the right lung because the heart takes up room."],
         hypo=["If this were the right lung, you'd see three lobes and a horizontal fissure."],
         pop=["Left lower lobe collapse behind the heart is one of the most commonly missed findings on chest films."],
         extra=[],
         switch=[("And the other lung?",
                  "The right lung is clear and well expanded, reaching down to the right hemidiaphragm. It's not in "
                  "the mask.")],
         notl=["the right lung", "the heart shadow", "the gastric bubble", "the aortic knuckle"]),
    # -- brain ----------------------------------------------------------------------------------------
    dict(key="bmet", target="brain metastases", rec=("MR", "brain", "LP"), plural=True, unit="lesions",
         ell=[(95, 80, 7, 7, 0), (165, 185, 6, 6, 0), (175, 130, 5, 5, 0)],
         others={"pineal gland": (128, 150)},
         scene=["lateral ventricles", "third ventricle", "thalami", "falx", "pineal", "sylvian", "choroid plexus"],
         names=["the brain metastases", "the metastases"],
         forbid=[r"metasta", r"\bmets\b", r"secondar", r"deposit", r"brain"],
         q=["Lung cancer patient with new headaches: can you find all the enhancing spots on this head MR?",
            "Post-contrast MR: where is every ring-enhancing focus, for radiosurgery planning?",
            "Breast cancer history, now confused. Which enhancing foci here would a stereotactic team target?"],
         qn=["Please outline the brain metastases.", "Where are the brain mets on this slice?"],
         know=["They tend to sit at the grey-white junction, where vessels narrow and tumour cells lodge.",
               "Each enhances in a ring, and the surrounding oedema isn't included in the mask."],
         comp=["Each is much smaller than the lateral ventricles.", "Even the biggest is smaller than the thalamus."],
         hypo=["If there were only one, surgery might be offered instead of radiosurgery."],
         pop=["Around 20 to 40% of people with cancer develop brain metastases."],
         extra=[],
         switch=[("Is there any midline shift?",
                  "No, the falx is straight and the ventricles are symmetric. Shift isn't something the mask covers.")],
         notl=["the oedema", "the choroid plexus", "the vessels", "the ventricles"]),
    dict(key="latv", target="lateral ventricles", rec=("MR", "brain", "LP"), plural=True, unit="cavities",
         ell=[(109, 120, 8, 22, 5), (147, 120, 8, 22, -5)],
         others={"pineal gland": (128, 165), "genu of the corpus callosum": (128, 80)},
         scene=["falx", "caudate", "thalami", "frontal lobes", "occipital lobes", "sylvian", "choroid plexus"],
         names=["the lateral ventricles", "the ventricles"],
         forbid=[r"ventric"],
         q=["Which CSF-filled spaces inside the hemispheres make the butterfly shape on this slice?",
            "Hydrocephalus question: where are the paired CSF cavities either side of the septum pellucidum?",
            "Which cavities does the choroid plexus sit in, either side of the midline here?"],
         qn=["Please outline the lateral ventricles.", "Where are the ventricles on this slice?"],
         know=["CSF made by the choroid plexus flows out through the foramina of Monro into the third ventricle.",
               "Their margins are smooth, with no periventricular signal change."],
         comp=["Together they're much bigger than the third ventricle."],
         hypo=["If they were ballooned with rounded frontal horns, you'd worry about hydrocephalus."],
         pop=["Mild asymmetry of the lateral ventricles is seen in roughly 5 to 10% of normal people."],
         extra=["The third ventricle isn't really in this slice; it sits lower, between the thalami."],
         switch=[("What's the thin membrane between them?",
                  "That's the septum pellucidum, a thin sheet in the midline. It isn't part of the mask.")],
         notl=["the septum pellucidum", "the caudate heads", "the third ventricle", "the sulci"]),
    dict(key="v3", target="third ventricle", rec=("MR", "brain", "LP"), plural=False, unit="pieces",
         ell=[(128, 132, 3, 12, 0)],
         others={"right thalamus": (110, 134), "left thalamus": (146, 134), "pineal gland": (128, 160),
                 "frontal horns": (128, 100)},
         scene=["thalami", "lateral ventricles", "falx", "pineal", "caudate", "frontal lobes", "occipital lobes", "sylvian"],
         names=["the third ventricle"],
         forbid=[r"ventric"],
         q=["Which midline CSF space sits between the two thalami?",
            "Colloid cysts block the foramen of Monro. Where is the midline cavity between the thalami on this slice?",
            "Which thin CSF slit connects to the aqueduct below?"],
         qn=["Please outline the third ventricle.", "Where's the third ventricle here?"],
         know=["It connects to the lateral ventricles through the foramina of Monro and to the fourth ventricle through the aqueduct.",
               "It's slit-like here, which is normal."],
         comp=["It's much narrower than either lateral ventricle.", "It's smaller than each thalamus."],
         hypo=["If it were wider than about 10 mm in an adult, I'd think of hydrocephalus."],
         pop=["Colloid cysts are rare, about 3 per million people per year."],
         extra=[],
         switch=[("What's the calcified dot near it?",
                  "That's the pineal gland, calcified and in the midline. It isn't part of the mask.")],
         notl=["the thalami", "the pineal gland", "the frontal horns", "the fornices"]),
    dict(key="gbm", target="glioblastoma", rec=("MR", "brain", "LP"), plural=False, unit="pieces",
         ell=[(92, 78, 22, 18, 20)],
         others={"lateral ventricles": (128, 122), "right caudate nucleus": (112, 110), "falx cerebri": (128, 100)},
         scene=["lateral ventricles", "falx", "caudate", "third ventricle", "occipital lobes", "sylvian", "pineal", "thalami"],
         names=["the glioblastoma", "the tumour"],
         forbid=[r"glio", r"\bGBM\b", r"astrocyt", r"tumou?r", r"neoplas", r"cancer", r"\bmass", r"malignan"],
         q=["New seizures and an irregular rim-enhancing lesion with central necrosis in the front of the brain. What is it likely to be?",
            "Progressive headaches; MR shows a thick, irregularly enhancing rim around a necrotic centre with oedema. Which lesion is that?",
            "What is the most aggressive primary brain lesion of adults, and where is it on this slice?"],
         qn=["Please outline the glioblastoma.", "Where is the GBM on this slice?"],
         know=["It's the commonest primary malignant brain tumour of adults, with a median survival of around 15 months even with treatment.",
               "Its rim enhances irregularly around a necrotic core; the surrounding oedema isn't in the mask."],
         comp=["It's bigger than the caudate head next to it.", "It's smaller than the lateral ventricles put together."],
         hypo=["If it crossed the corpus callosum into the other hemisphere, we'd call it a butterfly glioma."],
         pop=["Glioblastoma makes up roughly half of all gliomas."],
         extra=["The other frontal lobe is normal."],
         switch=[("Is the other hemisphere normal?",
                  "Yes, the left hemisphere looks normal, with no enhancement or oedema. Nothing there is in the mask.")],
         notl=["the oedema", "the lateral ventricles", "the caudate head", "the other frontal lobe"]),
    dict(key="mng", target="meningioma", rec=("MR", "brain", "LP"), plural=False, unit="pieces",
         ell=[(182, 150, 18, 15, 10)],
         others={"falx cerebri": (128, 128), "left lateral ventricle": (146, 125)},
         scene=["falx", "lateral ventricles", "thalami", "occipital lobes", "frontal lobes", "sylvian", "pineal", "choroid plexus"],
         names=["the meningioma"],
         forbid=[r"mening", r"tumou?r", r"neoplas", r"\bmass"],
         q=["Extra-axial, dural-based, homogeneously enhancing lesion with a dural tail over the convexity. What is it?",
            "Incidental finding in an older woman: a well-defined extra-axial lesion against the inner table. Which lesion is it?",
            "Which benign lesion arising from arachnoid cap cells is on this slice?"],
         qn=["Please outline the meningioma.", "Where's the meningioma here?"],
         know=["It arises from arachnoid cap cells and is usually benign, WHO grade 1.",
               "It enhances homogeneously and has a short dural tail."],
         comp=["It's larger than the pineal gland by a wide margin."],
         hypo=["If it were invading the superior sagittal sinus, surgery would be more complex."],
         pop=["Meningiomas turn up incidentally in about 1% of brain MRIs and are about twice as common in women."],
         extra=[],
         switch=[("Is the brain under it swollen?",
                  "There's only a thin rim of oedema in the adjacent cortex, which isn't in the mask.")],
         notl=["the dura", "the skull", "the adjacent cortex", "the ventricles"]),
    dict(key="lhip", target="left hippocampus", rec=("MR", "brain", "LI"), plural=False, unit="pieces",
         ell=[(160, 152, 10, 7, 10)],
         others={"right hippocampus": (96, 152), "left temporal horn": (156, 134), "third ventricle": (128, 120)},
         scene=["right hippocampus", "temporal horns", "corpus callosum", "third ventricle cor", "lateral ventricles cor",
                "sylvian cor"],
         names=["the left hippocampus", "the hippocampus"],
         forbid=[r"hippocamp"],
         q=["Which structure in the medial temporal lobe on the patient's left is key for forming new memories?",
            "Temporal lobe epilepsy workup. Which grey-matter structure in the floor of the left temporal horn should I look at?",
            "Which memory structure on the left shrinks early in Alzheimer's disease?"],
         qn=["Please outline the left hippocampus.", "Where's the left hippocampus on this coronal slice?"],
         know=["It's central to forming new episodic memories and is one of the first regions to shrink in Alzheimer's disease.",
               "Its internal architecture is preserved, with normal signal."],
         comp=["It's about the same size as the right hippocampus, with no obvious asymmetry.",
               "It's much smaller than the temporal lobe it sits in."],
         hypo=["If it were small and bright on FLAIR, you'd think of mesial temporal sclerosis."],
         pop=["Mesial temporal sclerosis is found in roughly 60 to 70% of surgically treated temporal lobe epilepsy."],
         extra=[],
         switch=[("And the other side?",
                  "The right hippocampus is on the patient's right, the mirror image, with normal size and signal. It "
                  "isn't in the mask.")],
         notl=["the right hippocampus", "the temporal horn", "the amygdala", "the parahippocampal gyrus"]),
    # -- pelvis -----------------------------------------------------------------------------------
    dict(key="blad", target="urinary bladder", rec=("CT", "pelvis", "LP"), plural=False, unit="pieces",
         ell=[(128, 104, 26, 22, 0)],
         others={"rectum": (128, 165), "right femoral head": (70, 140), "left femoral head": (186, 140)},
         scene=["rectum", "femoral heads", "obturator internus", "seminal vesicles", "iliac vessels", "coccyx"],
         names=["the urinary bladder", "the bladder"],
         forbid=[r"bladder", r"vesic", r"\bcyst", r"urin"],
         q=["Which hollow muscular organ in the midline of the pelvis stores what the kidneys produce until voiding?",
            "Retention after surgery. Which organ should I look at to estimate the volume?",
            "Which fluid-filled organ sits in the midline behind the pubic bones and empties through the urethra?"],
         qn=["Please outline the bladder.", "Where's the urinary bladder on this slice?"],
         know=["It's a muscular reservoir; the detrusor contracts during voiding.",
               "Its wall is thin and smooth, with no focal thickening."],
         comp=["It's much larger than the rectum in cross-section here."],
         hypo=["If it were distended well above the pubis, you'd think of retention."],
         pop=["About 1 in 4 women has some stress incontinence at some point."],
         extra=[],
         switch=[("And the prostate?",
                  "The prostate sits lower, below this slice, so it isn't visible here and isn't part of the mask.")],
         notl=["the rectum", "the seminal vesicles", "the femoral heads", "the iliac vessels"]),
    dict(key="pros", target="prostate", rec=("MR", "pelvis", "LP"), plural=False, unit="pieces",
         ell=[(128, 138, 14, 12, 0)],
         others={"rectum": (128, 170), "pubic symphysis": (128, 85), "right obturator internus": (78, 135),
                 "left obturator internus": (178, 135)},
         scene=["rectum", "pubic symphysis", "obturator internus", "levator ani", "ischial tuberosities"],
         names=["the prostate", "the prostate gland"],
         forbid=[r"prostat"],
         q=["Which walnut-sized gland surrounds the male urethra just below the bladder?",
            "Older man with hesitancy and a poor stream. Which gland is probably enlarged?",
            "Which gland would a biopsy needle target through the rectal wall in a man?"],
         qn=["Please outline the prostate.", "Where's the prostate gland here?"],
         know=["It has a peripheral zone, where most cancers arise, and a transition zone, where benign enlargement happens.",
               "Its capsule is intact on this slice."],
         comp=["It's much smaller than a full bladder."],
         hypo=["If there were a dark focus in the peripheral zone, PI-RADS scoring would come in."],
         pop=["Benign prostatic hyperplasia affects about half of men over 50."],
         extra=[],
         switch=[("And the seminal vesicles?",
                  "They sit higher, above this slice, paired and symmetric. Not part of the mask.")],
         notl=["the rectum", "the levator ani", "the obturator internus", "the pubic symphysis"]),
    dict(key="ut", target="uterus", rec=("MR", "pelvis", "LP"), plural=False, unit="pieces",
         ell=[(130, 135, 24, 18, 10)],
         others={"urinary bladder": (128, 95), "rectum": (128, 175), "left ovary": (178, 140), "right ovary": (80, 140)},
         scene=["bladder", "rectum", "ovaries", "obturator internus", "iliac vessels", "sacrum"],
         names=["the uterus"],
         forbid=[r"uter", r"womb", r"hyster", r"endometr", r"myometr"],
         q=["Which hollow muscular organ sits between the bladder and the rectum in this female pelvis?",
            "Heavy menstrual bleeding. Which organ should I look at for fibroids?",
            "Where would a pregnancy implant, on this pelvic slice?"],
         qn=["Please outline the uterus.", "Where's the uterus here?"],
         know=["Its wall has three zones on T2: the endometrium, the junctional zone and the outer myometrium.",
               "There are no fibroids on this slice."],
         comp=["It's much bigger than either ovary."],
         hypo=["If it were retroverted, the fundus would point back toward the sacrum."],
         pop=["Fibroids are found in up to 70% of women by 50."],
         extra=[],
         switch=[("And the ovaries?",
                  "Both ovaries are beside it, one on each side, each with small follicles. They're not in the mask.")],
         notl=["the bladder", "the rectum", "the ovaries", "the cervix below"]),
    dict(key="fem", target="femoral heads", rec=("XR", "pelvis", "LI"), plural=True, unit="parts",
         ell=[(72, 150, 20, 20, 0), (184, 150, 20, 20, 0)],
         others={"sacrum": (128, 70), "pubic symphysis": (128, 170)},
         scene=["sacrum xr", "pubic symphysis xr", "iliac wings", "obturator foramina", "greater trochanters",
                "lumbar spine xr"],
         names=["the femoral heads"],
         forbid=[r"femor", r"femur", r"\bhip", r"\bheads?\b"],
         q=["Which two ball-shaped bone ends sit in the acetabula?",
            "Avascular necrosis is suspected. Where are the rounded bone tops that articulate with the pelvis on each side?",
            "On this AP pelvis, which rounded bone ends carry the body's weight into the sockets?"],
         qn=["Please outline both femoral heads.", "Where are the femoral heads on this film?"],
         know=["Their blood supply comes mainly from the medial circumflex femoral artery, which is why displaced neck fractures risk avascular necrosis.",
               "Their contours are smooth and round, with no flattening."],
         comp=["Each is much smaller than the iliac wing.", "They're about the same size as each other."],
         hypo=["If one side were flattened or sclerotic, you'd think of avascular necrosis, or Perthes in a child."],
         pop=["Developmental dysplasia affects roughly 1 to 3 in 1,000 newborns."],
         extra=[],
         switch=[("And the sacroiliac joints?",
                  "Both sacroiliac joints are up near the top, either side of the sacrum, with normal joint spaces. "
                  "They're not part of the mask.")],
         notl=["the acetabula", "the greater trochanters", "the femoral necks", "the pubic rami"]),
    dict(key="loc", target="left ovarian cyst", rec=("MR", "pelvis", "LP"), plural=False, unit="pieces",
         ell=[(176, 128, 18, 16, 0)],
         others={"uterus": (130, 135), "urinary bladder": (128, 95), "rectum": (128, 172)},
         scene=["uterus", "bladder", "rectum", "right ovary", "iliac vessels", "obturator internus", "sacrum"],
         names=["the left ovarian cyst", "the cyst"],
         forbid=[r"ovar", r"cyst", r"adnex"],
         q=["Young woman with pain on the left. Is there a thin-walled, fluid-bright lesion beside the uterus on that side?",
            "Pelvic pain on the left mid-cycle. Which T2-bright round structure beside the uterus is causing it?",
            "What's the thin-walled, bright round thing beside the uterus on the left?"],
         qn=["Please outline the left ovarian cyst.", "Where's the cyst in the left ovary?"],
         know=["Most simple cysts in premenopausal women are functional, follicular or corpus luteum, and go within a couple of cycles.",
               "It's thin-walled and unilocular, with no solid part."],
         comp=["It's smaller than the uterus."],
         hypo=["If it had solid enhancing nodules, it would move up the O-RADS scale."],
         pop=["Torsion is rare, but the risk rises once a cyst is over about 5 cm."],
         extra=[],
         switch=[("And the other ovary?",
                  "The right ovary is on the patient's right beside the uterus, with a few small follicles. It's not in "
                  "the mask.")],
         notl=["the uterus", "the right ovary", "the bladder", "bowel loops"]),
    dict(key="rect", target="rectum", rec=("CT", "pelvis", "LP"), plural=False, unit="pieces",
         ell=[(128, 168, 14, 12, 0)],
         others={"urinary bladder": (128, 110), "coccyx": (128, 200), "right femoral head": (70, 140)},
         scene=["bladder", "femoral heads", "obturator internus", "seminal vesicles", "coccyx", "iliac vessels"],
         names=["the rectum"],
         forbid=[r"\brect", r"anorect", r"proct"],
         q=["Which last segment of the large bowel sits in front of the sacrum?",
            "Bleeding per anus and a low bowel tumour. Which part of the gut should I look at here?",
            "Where does stool sit just before defecation, on this pelvic slice?"],
         qn=["Please outline the rectum.", "Where's the rectal wall here?"],
         know=["It stores stool before defecation and is about 12 to 15 cm long.",
               "Its wall is thin, with no focal thickening on this slice."],
         comp=["It is smaller than the bladder on this slice."],
         hypo=["If the wall were thicker than about 5 mm, you'd think of a tumour or proctitis."],
         pop=["About a third of colorectal cancers arise in the rectum."],
         extra=[],
         switch=[("And the prostate?",
                  "The prostate sits lower down, below this slice. It isn't in the mask.")],
         notl=["the bladder", "the seminal vesicles", "the coccyx", "the perirectal fat"]),
]

# which scene structure each profile's own switch questions are about (None: one outside the scene)
_SWITCH_KEYS = {"lkid": ["right kidney", "adrenals"], "rkid": ["left kidney", "gallbladder"], "liver": ["gallbladder"],
                "spleen": ["left kidney"], "aorta": ["ivc"], "panc": ["duodenum"], "gb": ["liver"],
                "lkt": ["right kidney", None], "lungs": ["hemidiaphragms"], "heart": ["left lung"], "rpe": ["left lung"],
                "trach": ["oesophagus"], "llung": ["right lung xr"], "bmet": ["falx"], "v3": ["pineal"],
                "lhip": ["right hippocampus"], "ut": ["ovaries"], "loc": ["right ovary"]}

_BODY = {"abdomen": "abdomen", "chest": "chest", "brain": "head", "pelvis": "pelvis"}


def record_for(p: dict) -> dict:
    modality, region, orientation = p["rec"]
    return {"modality": modality, "body_region": region, "orientation": orientation}


def _draw(ellipses, rng: random.Random) -> np.ndarray:
    yy, xx = np.mgrid[0:256, 0:256].astype(float)
    mask = np.zeros((256, 256), bool)
    for cx, cy, rx, ry, angle in ellipses:
        cx, cy = cx + rng.uniform(-2, 2), cy + rng.uniform(-2, 2)
        rx, ry = rx * rng.uniform(0.95, 1.05), ry * rng.uniform(0.95, 1.05)
        t = math.radians(angle)
        dx, dy = xx - cx, yy - cy
        u, v = dx * math.cos(t) + dy * math.sin(t), -dx * math.sin(t) + dy * math.cos(t)
        mask |= (u / rx) ** 2 + (v / ry) ** 2 <= 1.0
    return mask


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    mask = _draw(p["ell"], rng)
    others = {name: (x / 255.0, y / 255.0) for name, (x, y) in p["others"].items()}
    return compute_facts(mask, p["rec"][2], others).model_dump(mode="json")


def pick_profile(profiles: list, i: int, defect, rng: random.Random) -> dict:
    """Every profile about equally often, in a scrambled order (11 is prime to the 29 profiles)."""
    return profiles[(11 * i + i // len(profiles)) % len(profiles)]


# ---------------------------------------------------------------------------------------------------
# wording of claims about the target. Clauses take the subject's verb forms ({is}, {lies}, ...).
# ---------------------------------------------------------------------------------------------------

_VERBS = {"is": ("is", "are"), "lies": ("lies", "lie"), "sits": ("sits", "sit"), "appears": ("appears", "appear"),
          "shows": ("shows", "show"), "covers": ("covers", "cover"), "takes": ("takes", "take"),
          "occupies": ("occupies", "occupy"), "accounts": ("accounts", "account"), "consists": ("consists", "consist"),
          "forms": ("forms", "form"), "comes": ("comes", "come"), "has": ("has", "have"), "does": ("does", "do"),
          "spans": ("spans", "span"), "straddles": ("straddles", "straddle"), "belongs": ("belongs", "belong"),
          "makes": ("makes", "make"), "stays": ("stays", "stay")}
_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior"}
_REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
_PREP = {"left_of": ["to the patient's left of", "on the patient's left side of", "left of"],
         "right_of": ["to the patient's right of", "on the patient's right side of", "right of"],
         "anterior_to": ["in front of", "anterior to", "ahead of"],
         "posterior_to": ["behind", "posterior to", "further back than"],
         "superior_to": ["above", "superior to", "higher than"],
         "inferior_to": ["below", "inferior to", "lower than"]}
_INV = {"left_of": ["to the patient's right of", "on the patient's right of"],
        "right_of": ["to the patient's left of", "on the patient's left of"],
        "anterior_to": ["behind", "posterior to"], "posterior_to": ["in front of", "anterior to"],
        "superior_to": ["below", "lower than"], "inferior_to": ["above", "higher than"]}

SIDE_LR = ["{lies} on the patient's {v} side", "{is} on the patient's {v}", "{sits} in the {v} half of the {body}",
           "{is} {v}-sided", "{is} on the {v} side of the {body}", "{belongs} to the patient's {v} side",
           "{sits} on the {v}, which is the image's {img}"]
SIDE_LR_FULL = ["On screen {s} {appears} on the image's {img}, which is the patient's {v} under the usual radiological "
                "convention.",
                "Because the picture is displayed as if we were facing the patient, {s} {shows} on the {img} of the "
                "screen, but {is} on the patient's {v}.",
                "So which side is it? The patient's {v}.",
                "Laterality-wise, {s} {is} {v}."]
SIDE_ONLY = ["{is} confined to the patient's {v} side", "{is} only on the {v}", "{is} one-sided, on the patient's {v}",
             "{stays} on the patient's {v} side, with nothing on the other side"]
SIDE_MID = ["{sits} in the midline", "{is} centred on the midline", "{lies} across the midline rather than off to one side",
            "{is} a midline structure", "{straddles} the midline"]
SIDE_MID_FULL = ["Side-wise there's nothing to choose between left and right: {s} {is} in the midline.",
                 "As for laterality, {s} {is} midline."]
SIDE_BI = ["{is} bilateral", "{is} present on both sides", "{has} parts on both the patient's left and right",
           "{spans} both sides of the body, left and right"]
SIDE_BI_FULL = ["There is mask on both sides of the midline, left and right.", "As for laterality, {s} {is} bilateral."]
NEG_LR = ["{is} not on the patient's {v}", "{is} not a {v}-sided structure"]
NEG_MID = ["{is} not off to either side", "{is} not lateralised to the left or the right"]
NEG_BI = ["{is} not limited to one side", "{is} not one-sided"]

VERT = {
    ("LP", "anterior"): ["{lies} toward the front of the {body}", "{is} anterior", "{sits} anteriorly",
                         "{is} in the front half of the slice", "{sits} nearer the front than the back"],
    ("LP", "posterior"): ["{lies} toward the back of the {body}", "{is} posterior", "{sits} posteriorly",
                          "{is} in the back half of the slice", "{sits} nearer the back than the front"],
    ("LP", "central"): ["{sits} roughly mid-way between front and back", "{is} central front to back",
                        "{is} neither anterior nor posterior", "{lies} at about mid-depth"],
    ("LI", "superior"): ["{lies} in the upper part of the image", "{is} superior", "{sits} high, toward the head",
                         "{is} above the vertical middle of the image"],
    ("LI", "inferior"): ["{lies} in the lower part of the image", "{is} inferior", "{sits} low, toward the feet",
                         "{is} below the vertical middle of the image"],
    ("LI", "central"): ["{sits} at about mid-height", "{is} neither high nor low", "{is} vertically central"],
}
VERT_FULL = {
    ("LP", "anterior"): ["Front to back, {s} {is} anterior, toward the top of the image, which is the patient's front on "
                         "an axial view."],
    ("LP", "posterior"): ["Front to back, {s} {is} posterior, toward the bottom of the image, which is the patient's "
                          "back on an axial view."],
    ("LP", "central"): ["Front to back, {s} {is} about in the middle."],
    ("LI", "superior"): ["Vertically, {s} {is} in the upper half, toward the head."],
    ("LI", "inferior"): ["Vertically, {s} {is} in the lower half, toward the feet."],
    ("LI", "central"): ["Vertically, {s} {is} about half-way up the image."],
}
VERT_WORD = {"anterior": ["front", "anterior part"], "posterior": ["back", "posterior part"],
             "superior": ["top", "upper part"], "inferior": ["bottom", "lower part"]}
NEG_VERT = ["{is} not toward the {w}", "{is} not in the {w2}"]

CLS_WORD = {"small": ["small", "fairly small"], "medium": ["medium-sized", "moderate in size", "of medium size", "mid-sized"],
            "large": ["large", "big"]}
CLS_FRAG = {"small": ["small"], "medium": ["medium", "medium-sized"], "large": ["large"]}
SIZE_CLS = ["{is} {w}", "{is} {w} overall", "{is} {w} by area"]
SIZE_PCT = ["{covers} about {p} of the image", "{takes} up roughly {p} of the slice", "{occupies} around {p} of the image area",
            "{accounts} for about {p} of the pixels"]
SIZE_BOTH = ["{is} {w}, about {p} of the image", "{is} {w}, roughly {p} of the slice", "{is} {w}, covering about {p} of the image"]
SIZE_FULL = ["By area that's about {p} of the image, so {w}.", "In size terms: {w}, around {p} of the image."]

COUNT1 = ["{is} a single connected region", "{is} one piece, with no separate fragments", "{forms} one continuous region",
          "{is} all one component"]
COUNT1_FULL = ["There's just one component in the mask.", "I count one connected region, nothing separate."]
COUNTN = ["{consists} of {nw} separate pieces", "{is} split into {nw} disconnected parts", "{comes} in {nw} separate {unit}",
          "{forms} {nw} distinct regions"]
COUNTN_FULL = ["There are {nw} separate components in the mask.", "I count {nw} separate {unit}.",
               "The mask has {nd} disconnected parts."]

REL_CL = {r: ["{lies} " + pp + " the {x}" for pp in _PREP[r][:2]] + ["{is} " + _PREP[r][2] + " the {x}"] for r in _PREP}


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _lowfirst(s: str) -> str:
    return s[:1].lower() + s[1:] if not s.startswith(("I ", "I'", "MR", "CT", "IVC")) else s


def _seg(text: str, claims=(), tag: str = "txt") -> dict:
    return {"t": text, "c": [dict(c) for c in claims], "tag": tag}


def _fmt_pct(v: float, rng: random.Random) -> tuple[str, float]:
    """A percent as text and the number it states."""
    if v >= 10:
        num = f"{v:.0f}"
    elif v >= 1:
        num = f"{v:.1f}"
    elif v >= 0.1:
        num = f"{v:.2f}"
    else:
        num = f"{v:.3f}"
    unit = rng.choice(["%", "%", "%", " percent", " per cent"])
    return num + unit, float(num)


_CONV = {
    ("LP", "CT"): ["Remember that axial images are viewed from the feet, so the patient's left is on the right of the screen.",
                   "(Usual radiological convention: the patient's right is on the left of the image.)",
                   "As always with axial slices, left and right are swapped on screen: the patient's left is on the viewer's right."],
    ("LP", "MR"): ["Remember the axial slice is displayed from below, so the patient's left is on the right of the screen.",
                   "(Radiological convention again: the image's left is the patient's right.)"],
    ("LI", "XR"): ["On a frontal film the patient's left is on the viewer's right, the usual radiographic convention.",
                   "(The film is displayed as if you were facing the patient, so their right is on your left.)"],
    ("LI", "MR"): ["Coronal slices are displayed as if facing the patient, so the patient's left is on the right of the screen.",
                   "The top of the image is the head end, and the patient's right is on the image's left."],
}

_PREMISE_Q = {
    "side": [("which neighbours should I check around {o}", "The neighbours worth a look are {a} and {b}."),
             ("what's the nearest big structure", "The big structures nearby are {a} and {b}."),
             ("does that change which other organs I should look at", "I'd still look at {a} and {b} on this slice.")],
    "vert": [("what should I compare {o} with", "I'd compare {o} with {a} and {b}, which are easy to find on the next slices."),
             ("which neighbour makes the best landmark", "The easiest landmark here is {a}, with {b} as a second one.")],
    "rel": [("is that a useful landmark on other slices", "Yes, that relationship is a handy landmark as you scroll through the adjacent slices."),
            ("can I use that to find {o} on the next slice", "You can; a landmark like that makes {o} easier to track from slice to slice.")],
    "size": [("is that worth putting in the report", "It's worth a line, though a volume from the whole series is more reliable than one slice."),
             ("should I measure {o} on the other slices too", "Yes, a measurement on the full series beats a single-slice estimate.")],
    "count": [("how should I describe that in the report", "Describe what you see and give the largest dimension; a volume on the full series is better still."),
              ("should I give one measurement or several", "Give the largest dimension of what you see, and note that a full-series volume is more reliable.")],
}

_PREMISE_XR = dict(_PREMISE_Q, **{
    "vert": [("what should I compare {o} with", "I'd compare {o} with {a} and {b}, which are easy to find on any follow-up film."),
             ("which neighbour makes the best landmark", "The easiest landmark here is {a}, with {b} as a second one.")],
    "rel": [("is that a useful landmark on follow-up films", "Yes, that relationship is a handy landmark when you compare with later films."),
            ("can I use that to find {o} on a lateral view", "Partly; on a lateral view the relationships change, but it helps you orient.")],
    "size": [("is that worth putting in the report", "It's worth a line, though a film gives only a rough two-dimensional estimate."),
             ("should I measure {o} on a CT as well", "If the size matters clinically, yes: a CT measurement beats a projection estimate.")],
    "count": [("how should I describe that in the report", "Describe what you see and compare with any previous film."),
              ("should I give one measurement or several", "Describe what you see; measurements on a film are only approximate anyway.")],
})


class _Row:
    def __init__(self, p: dict, facts: dict, style: str, rng: random.Random, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.o = p["rec"][2]
        self.mod = p["rec"][0]
        self.body = _BODY[p["rec"][1]]
        self.lat, self.vert = facts["laterality"], facts["vertical"]
        self.cls, self.n = facts["size_class"], facts["components"]
        self.pct = 100.0 * facts["area_fraction"]
        self.rels = [(r["other"], r["relation"]) for r in facts["relations"]]
        self.plural = p["plural"]
        cpx, cpy = facts["centroid_patient"]
        self.used: set = set()
        self.pos_defect = defect == "position"
        # the wrong values (the defect, and the user's mistaken ideas that a clean row corrects)
        if self.lat in ("left", "right"):
            self.wrong_side = _OPP[self.lat]
        elif self.lat == "midline":
            self.wrong_side = "right" if cpx > 0 else "left"
        else:
            self.wrong_side = rng.choice(["left", "right"])
        if self.vert in _OPP:
            self.wrong_vert = _OPP[self.vert]
        elif self.o == "LP":
            self.wrong_vert = "anterior" if cpy > 0 else "posterior"
        else:
            self.wrong_vert = "superior" if cpy > 0 else "inferior"
        self.frel = rng.choice(self.rels) if self.rels else None
        self.wrong_cls = {"small": "large", "large": "small"}.get(self.cls, "large" if self.pct < 2.5 else "small")
        factors = [3.2, 3.6, 4.0, 0.25, 0.3] if self.pct < 12 else [0.25, 0.3]
        if self.pct < 0.25:
            factors = [3.2, 3.6, 4.0]
        self.wrong_pct = self.pct * rng.choice(factors)
        self.wrong_count = rng.choice({1: [2, 3], 2: [1, 3]}.get(self.n, [self.n - 1, self.n + 1, 1]))
        self.size_mode = rng.choice(["cls", "pct"])
        # the defect: its topic, where it sits, what is kept quiet elsewhere
        self.topic, self.loc, self.suppress = None, None, set()
        if defect in ("laterality", "position", "size", "count"):
            self.topic = {"laterality": "side", "size": "size", "count": "count"}.get(defect)
            if defect == "position":
                self.topic = "rel" if self.rels and rng.random() < 0.5 else "vert"
            r = rng.random()
            self.loc = "user" if r < 0.22 else "follow" if r < 0.42 else "first"
            self.suppress.add(("rel", self.frel[0]) if self.topic == "rel" else self.topic)
        # the rounds after the first
        if style == "dialogue":
            n_rounds = 3 if rng.random() < 0.85 else 2
        else:
            n_rounds = 3 if rng.random() < 0.5 else 2
        plan = [None] * (n_rounds - 1)
        if self.loc in ("follow", "user"):
            plan[rng.randrange(len(plan))] = "D_" + self.loc
        elif defect is None:
            r = rng.random()
            if r < 0.4:
                plan[rng.randrange(len(plan))] = "correct"
            elif r < 0.6:
                plan[rng.randrange(len(plan))] = "confirm"
        for j in range(len(plan)):
            if plan[j] is None:
                if style == "dialogue" or j == 0:
                    plan[j] = "switch"
                elif j == len(plan) - 1 and rng.random() < 0.35:
                    plan[j] = "summary"
                else:
                    plan[j] = rng.choice(["switch", "topic", "topic"])
        self.plan = plan

    # -- small helpers -------------------------------------------------------------------------
    def ch(self, xs):
        return self.rng.choice(xs)

    def fresh(self, xs):
        """A choice not used before in this row where possible."""
        left = [x for x in xs if (x if isinstance(x, str) else repr(x)) not in self.used]
        x = self.rng.choice(left or xs)
        self.used.add(x if isinstance(x, str) else repr(x))
        return x

    def ok(self, item) -> str | None:
        text, refs = (item, ()) if isinstance(item, str) else item
        if self.pos_defect and self.p["key"] in refs:
            return None
        return text

    def texts(self, items):
        return [t for t in (self.ok(i) for i in items) if t]

    def vd(self, pl: bool) -> dict:
        return {k: v[1] if pl else v[0] for k, v in _VERBS.items()}

    def subj(self, name_ok: bool = True):
        r = self.rng.random()
        if r < 0.38:
            return ("they" if self.plural else "it"), self.plural
        if r < 0.56:
            return "the mask", False
        if r < 0.66 or not name_ok:
            return self.ch(["the segmented region", "the segmentation", "the masked area"]), False
        return self.ch(self.p["names"]), self.plural

    def obj(self):
        return self.ch(["them", "the mask"]) if self.plural else self.ch(["it", "it", "the mask"])

    def name0(self):
        return self.p["names"][0]

    def title(self):
        n = self.name0()
        return _cap(n[4:] if n.startswith("the ") else n)

    def avail(self) -> list:
        t = [x for x in ("side", "vert", "size", "count") if x not in self.suppress]
        if any(("rel", x) not in self.suppress for x, _ in self.rels):
            t.append("rel")
        return t

    @staticmethod
    def lname(key: str) -> str:
        t = LIB[key]["title"]
        return "the " + (t if t.startswith(("IVC", "Sylvian")) else t[:1].lower() + t[1:])

    def other_names(self, k=2):
        return [self.lname(key) for key in self.rng.sample(self.p["scene"], k)]

    # -- claims about the target ----------------------------------------------------------------
    def clause(self, topic: str, false: bool, pl: bool, x=None):
        """A verb phrase (for a subject of plurality `pl`) and its claims."""
        vd = self.vd(pl)
        rng = self.rng
        if topic == "side":
            v = self.wrong_side if false else self.lat
            claims = [{"k": "side", "v": v}]
            if false and self.lat == "bilateral":
                pool = SIDE_ONLY
            elif v in ("left", "right"):
                pool = SIDE_LR
            elif v == "midline":
                pool = SIDE_MID
            else:
                pool = SIDE_BI
            return self.fresh(pool).format(v=v, img=_OPP.get(v, ""), body=self.body, **vd), claims
        if topic == "vert":
            v = self.wrong_vert if false else self.vert
            return self.fresh(VERT[(self.o, v)]).format(body=self.body, **vd), [{"k": "vert", "v": v}]
        if topic == "size":
            if false:
                if self.size_mode == "cls":
                    w = self.wrong_cls
                    return self.ch(SIZE_CLS).format(w=self.ch(CLS_WORD[w]), **vd), [{"k": "cls", "v": w}]
                txt, num = _fmt_pct(self.wrong_pct, rng)
                return self.ch(SIZE_PCT).format(p=txt, **vd), [{"k": "pct", "v": num}]
            mode = self.ch(["cls", "pct", "both", "both"])
            txt, num = _fmt_pct(self.pct, rng)
            w = self.ch(CLS_WORD[self.cls])
            if mode == "cls":
                return self.ch(SIZE_CLS).format(w=w, **vd), [{"k": "cls", "v": self.cls}]
            if mode == "pct":
                return self.ch(SIZE_PCT).format(p=txt, **vd), [{"k": "pct", "v": num}]
            return self.ch(SIZE_BOTH).format(w=w, p=txt, **vd), [{"k": "cls", "v": self.cls}, {"k": "pct", "v": num}]
        if topic == "count":
            n = self.wrong_count if false else self.n
            claims = [{"k": "count", "v": n}]
            if n == 1:
                return self.fresh(COUNT1).format(**vd), claims
            nw = _NUM[n] if rng.random() < 0.7 else str(n)
            return self.fresh(COUNTN).format(nw=nw, unit=self.p["unit"], **vd), claims
        if topic == "rel":
            if false:
                x, r = self.frel
                r = _REL_OPP[r]
                return self.ch(REL_CL[r]).format(x=x, **vd), [{"k": "rel", "x": x, "v": r}]
            xs = sorted({xx for xx, _ in self.rels if ("rel", xx) not in self.suppress})
            x = x if x in xs else self.ch(xs)
            rs = [r for xx, r in self.rels if xx == x]
            if len(rs) == 2 and rng.random() < 0.6:
                rng.shuffle(rs)
                t = "{lies} " + self.ch(_PREP[rs[0]][:2]) + " and " + self.ch(_PREP[rs[1]][:2]) + " the {x}"
                return t.format(x=x, **vd), [{"k": "rel", "x": x, "v": r} for r in rs]
            r = self.ch(rs)
            return self.ch(REL_CL[r]).format(x=x, **vd), [{"k": "rel", "x": x, "v": r}]
        raise ValueError(topic)

    def full(self, topic: str, false: bool):
        """A whole-sentence form, or None where the topic has none."""
        s, pl = self.subj(name_ok=not (false and topic == "side"))
        vd = self.vd(pl)
        if topic == "side":
            v = self.wrong_side if false else self.lat
            if false and self.lat == "bilateral":
                return None
            pool = SIDE_LR_FULL if v in ("left", "right") else SIDE_MID_FULL if v == "midline" else SIDE_BI_FULL
            return _seg(_cap(self.fresh(pool).format(s=s, v=v, img=_OPP.get(v, ""), **vd)), [{"k": "side", "v": v}], "claim")
        if topic == "vert":
            v = self.wrong_vert if false else self.vert
            return _seg(_cap(self.ch(VERT_FULL[(self.o, v)]).format(s=s, **vd)), [{"k": "vert", "v": v}], "claim")
        if topic == "size" and not false:
            txt, num = _fmt_pct(self.pct, self.rng)
            return _seg(self.ch(SIZE_FULL).format(p=txt, w=self.ch(CLS_WORD[self.cls])),
                        [{"k": "pct", "v": num}, {"k": "cls", "v": self.cls}], "claim")
        if topic == "count":
            n = self.wrong_count if false else self.n
            if n == 1:
                return _seg(self.fresh(COUNT1_FULL), [{"k": "count", "v": 1}], "claim")
            return _seg(self.fresh(COUNTN_FULL).format(nw=_NUM[n], nd=n, unit=self.p["unit"]), [{"k": "count", "v": n}], "claim")
        if topic == "rel":
            if false:
                x, r = self.frel
                rs = [_REL_OPP[r]]
            else:
                xs = sorted({xx for xx, _ in self.rels if ("rel", xx) not in self.suppress})
                x = self.ch(xs)
                rs = [r for xx, r in self.rels if xx == x]
                if len(rs) == 2 and self.rng.random() < 0.5:
                    rs = [self.ch(rs)]
            o = self.obj()
            inv = " and ".join(self.ch(_INV[r]) for r in rs)
            return _seg(f"The {x} lies {inv} {o}.", [{"k": "rel", "x": x, "v": r} for r in rs], "claim")
        return None

    def sentence(self, topic: str, false: bool = False, subj=None, hedge: float = 0.2, allow_full: bool = True):
        if allow_full and subj is None and self.rng.random() < 0.3:
            seg = self.full(topic, false)
            if seg is not None:
                return seg
        s, pl = subj or self.subj(name_ok=not (false and topic == "side"))
        if false and topic == "side" and any(w in s for w in ("left", "right")):
            s, pl = ("they" if self.plural else "it"), self.plural
        body, claims = self.clause(topic, false, pl)
        h = self.ch(["I'd say ", "As far as I can tell, ", "Roughly speaking, ", "On this slice, ", "Here, "]) \
            if self.rng.random() < hedge else ""
        return _seg(_cap(h + s + " " + body) + ".", claims, "claim")

    def frag(self, topic: str, false: bool = False):
        rng = self.rng
        if topic == "side":
            v = self.wrong_side if false else self.lat
            if false and self.lat == "bilateral":
                t = self.ch([f"{v} side only", f"{v} only", f"only on the patient's {v}"])
            elif v in ("left", "right"):
                t = self.ch([f"patient's {v}", f"{v} side (image {_OPP[v]})", f"on the patient's {v}", f"{v}-sided"])
            elif v == "midline":
                t = self.ch(["midline", "centred on the midline", "in the midline"])
            else:
                t = self.ch(["bilateral", "both sides", "left and right"])
            return t, [{"k": "side", "v": v}]
        if topic == "vert":
            v = self.wrong_vert if false else self.vert
            pool = {"anterior": ["anterior", "toward the front"], "posterior": ["posterior", "toward the back"],
                    "superior": ["superior", "upper part of the image"], "inferior": ["inferior", "lower part of the image"]}
            if v == "central":
                pool_v = ["mid-depth", "central front to back"] if self.o == "LP" else ["mid-height", "vertically central"]
            else:
                pool_v = pool[v]
            return self.ch(pool_v), [{"k": "vert", "v": v}]
        if topic == "size":
            if false:
                if self.size_mode == "cls":
                    return self.ch(CLS_FRAG[self.wrong_cls]), [{"k": "cls", "v": self.wrong_cls}]
                txt, num = _fmt_pct(self.wrong_pct, rng)
                return self.ch([f"~{txt} of the image", f"about {txt} of the slice"]), [{"k": "pct", "v": num}]
            txt, num = _fmt_pct(self.pct, rng)
            w = self.ch(CLS_FRAG[self.cls])
            m = self.ch(["cls", "pct", "both"])
            if m == "cls":
                return w, [{"k": "cls", "v": self.cls}]
            if m == "pct":
                return f"~{txt} of the image", [{"k": "pct", "v": num}]
            return f"{w}, ~{txt} of the image", [{"k": "cls", "v": self.cls}, {"k": "pct", "v": num}]
        if topic == "count":
            n = self.wrong_count if false else self.n
            if n == 1:
                t = self.ch(["one piece", "single component", "one connected region"])
            else:
                t = self.ch([f"{_NUM[n]} separate parts", f"{n} components", f"{_NUM[n]} separate {self.p['unit']}"])
            return t, [{"k": "count", "v": n}]
        if topic == "rel":
            if false:
                x, r = self.frel
                r = _REL_OPP[r]
                return f"{self.ch(_PREP[r][:2])} the {x}", [{"k": "rel", "x": x, "v": r}]
            xs = sorted({xx for xx, _ in self.rels if ("rel", xx) not in self.suppress})
            x = self.ch(xs)
            rs = [r for xx, r in self.rels if xx == x]
            r = self.ch(rs)
            return f"{self.ch(_PREP[r][:2])} the {x}", [{"k": "rel", "x": x, "v": r}]
        raise ValueError(topic)

    def neg(self):
        """A true negation about side or vertical position, or None."""
        opts = []
        if "side" not in self.suppress:
            opts.append("side")
        if "vert" not in self.suppress and self.vert != "central":
            opts.append("vert")
        if not opts:
            return None
        s, pl = self.subj()
        vd = self.vd(pl)
        if self.ch(opts) == "side":
            if self.lat in ("left", "right"):
                v = _OPP[self.lat]
                return _seg(_cap(s + " " + self.ch(NEG_LR).format(v=v, **vd)) + ".", [{"k": "side", "v": v, "neg": True}], "claim")
            pool = NEG_MID if self.lat == "midline" else NEG_BI
            return _seg(_cap(s + " " + self.ch(pool).format(**vd)) + ".", [{"k": "side", "v": self.lat}], "claim")
        v = _OPP[self.vert]
        w, w2 = VERT_WORD[v]
        return _seg(_cap(s + " " + self.ch(NEG_VERT).format(w=w, w2=w2, **vd)) + ".", [{"k": "vert", "v": v, "neg": True}], "claim")

    # -- other sentences (no claim about the target) --------------------------------------------
    def conv(self):
        return _seg(self.fresh(_CONV[(self.o, self.mod)]), (), "conv")

    def know(self):
        return _seg(self.fresh(self.texts(self.p["know"])), (), "know")

    def oknow(self):
        pool = [t for k in self.p["scene"] for t in self.texts(LIB[k]["know"])]
        return _seg(self.fresh(pool), (), "oknow")

    def pop(self):
        return _seg(self.fresh(self.p["pop"]), (), "pop")

    def comp(self):
        return _seg(self.fresh(self.p["comp"]), (), "comp")

    def hypo(self):
        return _seg(self.fresh(self.p["hypo"]), (), "hypo")

    def scene(self, key=None):
        if key is None:
            key = self.fresh(self.p["scene"])
        lines = self.texts(LIB[key]["lines"])
        if not lines:
            return None
        return _seg(self.fresh(lines), (), "scene")

    def extra(self):
        ex = self.texts(self.p["extra"])
        return _seg(self.fresh(ex), (), "scene") if ex else None

    def notlist(self):
        if "notlist" in self.used:
            return None
        self.used.add("notlist")
        items = self.rng.sample(self.p["notl"], self.rng.choice([2, 3]))
        lst = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
        t = self.ch(["The mask doesn't include {l}.", "Not in the mask: {l}.", "To be clear, it isn't {l}.",
                     "Left out of the mask: {l}.", "None of {l} is part of the segmentation."])
        if t.startswith("Not in") or t.startswith("Left out"):
            lst = lst.replace(" or ", " and ")
        if t.startswith("None of"):
            lst = lst.replace(" or ", " and ")
        return _seg(t.format(l=lst), (), "notlist")

    def extras(self, n: int):
        """n trap sentences of varied kinds, shuffled."""
        kinds = ["conv", "neg", "pop", "comp", "hypo", "know", "oknow", "notlist", "extra"]
        self.rng.shuffle(kinds)
        out = []
        for k in kinds:
            if len(out) >= n:
                break
            if k == "conv" and self.lat not in ("left", "right") and self.rng.random() < 0.5:
                continue
            seg = {"conv": self.conv, "neg": self.neg, "pop": self.pop, "comp": self.comp, "hypo": self.hypo,
                   "know": self.know, "oknow": self.oknow, "notlist": self.notlist, "extra": self.extra}[k]()
            if seg is not None:
                out.append(seg)
        return out

    # -- the first question --------------------------------------------------------------------------
    def q1(self):
        named = self.defect == "names_target"
        base = self.ch(self.p["qn"] if named else self.p["q"])
        it = "them" if self.plural else "it"
        sub, differs = ("they", "differ") if self.plural else ("it", "differs")
        pre = {"survey": ["", "", "Busy slice. ", "There's a lot going on in this image. "],
               "contrast": ["", "", "This one's crowded. "],
               "checklist": ["", "", "Crowded image, sorry. "],
               "dialogue": ["", "Hi! ", "Quick question. "]}[self.style]
        suf = {"survey": [" Please segment {it} and walk me through the other structures on the slice too.",
                          " Could you segment {it}, and describe the rest of the slice while you're at it?",
                          " Segment {it} and go through what else is visible, structure by structure."],
               "contrast": [" Segment {it} and tell me how to tell {it} apart from the neighbours.",
                            " Can you segment {it} and explain how {sub} {differs} from the structures around {it}?",
                            " Please segment {it}; I keep mixing {it} up with the things next to {it}."],
               "checklist": [" Please segment {it} and list the structures you can see, one line each.",
                             " Segment {it}, then give me a checklist of everything on the slice.",
                             " Segment {it} and bullet the other structures too."],
               "dialogue": [" Can you segment {it}?", " Please segment {it}.", " Mark {it} for me?", " Segment {it}, please."]}[self.style]
        text = self.ch(pre) + base + self.ch(suf).format(it=it, sub=sub, differs=differs)
        return [_seg(text, (), "q1_named" if named else "q1")]

    def a1_topics(self, lo: int, hi: int):
        av = self.avail()
        k = min(len(av), self.rng.randint(lo, hi))
        topics = [(t, False) for t in self.rng.sample(av, k)]
        if self.loc == "first":
            topics.insert(self.rng.randrange(len(topics) + 1), (self.topic, True))
        return topics

    @staticmethod
    def spaced(segs, sep=" "):
        out = []
        for s in segs:
            if s is None:
                continue
            if out:
                out.append(_seg(sep, (), "sp"))
            out.append(s)
        return out

    def a1(self):
        return getattr(self, "a1_" + self.style)()

    def a1_survey(self):
        intro = _seg(self.ch(["Sure. Let me go through the slice first, then the structure you want.",
                              "Happy to. Going round the slice structure by structure:",
                              "Here's a quick survey of what's on this slice, then the mask.",
                              "Walking through the slice:"]), (), "txt")
        keys = self.rng.sample(self.p["scene"], self.rng.choice([2, 3]))
        p1 = [intro] + [self.scene(k) for k in keys]
        if self.rng.random() < 0.4:
            p1.append(self.extra())
        tgt = _seg(self.ch(["The structure you're asking about is {n} [SEG].", "What you're after is {n}, outlined here [SEG].",
                            "And the one that answers your question: {n} [SEG].", "The target itself is {n} [SEG]."]).format(n=self.name0()),
                   (), "seg")
        p2 = [tgt] + [self.sentence(t, f) for t, f in self.a1_topics(2, 4)]
        ex = self.extras(self.rng.choice([2, 3]))
        pos = self.rng.randint(2, len(p2))
        p2 = p2[:pos] + ex[:1] + p2[pos:] + ex[1:]
        out = self.spaced(p1) + [_seg("\n\n", (), "sp")] + self.spaced(p2)
        if self.rng.random() < 0.6:
            rest = [k for k in self.p["scene"] if k not in keys]
            if rest:
                s = self.scene(self.ch(rest))
                if s is not None:
                    lead = _seg(self.ch(["Elsewhere on the slice: ", "Also visible: ", "For completeness, "]), (), "txt")
                    s = _seg(_lowfirst(s["t"]) if not lead["t"].endswith(": ") else s["t"], (), "scene")
                    out += [_seg("\n\n", (), "sp"), lead, s]
        return out

    def a1_contrast(self):
        starts = (["Those are {n} [SEG].", "These are {n} [SEG].", "You're looking for {n} [SEG].", "They're {n} [SEG]."]
                  if self.plural else ["That's {n} [SEG].", "This is {n} [SEG].", "You're looking for {n} [SEG].",
                                       "It's {n} [SEG]."])
        start = _seg(self.ch(starts).format(n=self.name0()), (), "seg")
        o = self.obj()
        hook = _seg(self.ch(["The easiest way to pick {o} out is by contrast with the neighbours.",
                             "It's easiest to explain against what's around {o}.",
                             "A crowded slice, so let's separate {o} from the neighbours."]).format(o=o), (), "txt")
        segs = [start, hook]
        cfs = [c for k in self.rng.sample(self.p["scene"], len(self.p["scene"])) for c in LIB[k]["cf"][:1]]
        for t, f in self.a1_topics(2, 4):
            if cfs and t != "rel" and self.rng.random() < 0.8:
                cf = cfs.pop(0)
                s, pl = self.subj(name_ok=not (f and t == "side"))
                body, claims = self.clause(t, f, pl)
                form = self.ch(["Unlike {cf}, {s} {b}.", "Compared with {cf}, {s} {b}.", "Don't confuse {o} with {cf}: {s} {b}."])
                segs.append(_seg(_cap(form.format(cf=cf, s=s, b=body, o=self.obj())), claims, "claim"))
            else:
                segs.append(self.sentence(t, f))
        if self.rng.random() < 0.8:
            segs.append(self.comp())
        segs += self.extras(self.rng.choice([1, 2, 3]))
        if self.rng.random() < 0.5:
            segs.append(self.notlist())
        return self.spaced(segs)

    def a1_checklist(self):
        head = _seg(self.ch(["Segmented: {n} [SEG]", "Mask: {n} [SEG]", "Done, {n} {v} segmented [SEG]."]).format(
            n=self.name0(), v="are" if self.plural else "is"),
                    (), "seg")
        segs = [head, _seg(self.ch(["\n\nStructures on this slice:\n", "\n\nWhat's on the slice:\n", "\n\nChecklist:\n"]), (), "txt")]
        bullet = [_seg("- " + self.title() + self.ch([" (the mask): ", " (segmented): ", " (in the mask): "]), (), "txt")]
        for j, (t, f) in enumerate(self.a1_topics(3, 5)):
            txt, claims = self.frag(t, f)
            if j:
                bullet.append(_seg("; ", (), "sp"))
            bullet.append(_seg(txt, claims, "claim"))
        keys = self.rng.sample(self.p["scene"], min(len(self.p["scene"]), self.rng.choice([3, 4, 5])))
        lines = [[_seg("- " + LIB[k]["title"] + ": " + self.ch(LIB[k]["frag"]), (), "scene")] for k in keys]
        lines.insert(self.rng.randrange(0, 3), bullet)
        for j, line in enumerate(lines):
            if j:
                segs.append(_seg("\n", (), "sp"))
            segs += line
        tail = self.extras(self.rng.choice([1, 2, 3]))
        if self.rng.random() < 0.6:
            tail.insert(0, self.notlist())
        tail = [x for x in tail if x is not None]
        if tail:
            segs.append(_seg("\n\n", (), "sp"))
            segs += self.spaced(tail)
        return segs

    def a1_dialogue(self):
        starts = (["Sure, those are {n} [SEG].", "They're {n}; I've segmented them [SEG].", "{N} [SEG].",
                   "That would be {n} [SEG]."] if self.plural else
                  ["Sure, that's {n} [SEG].", "It's {n}; I've segmented it [SEG].", "{N} [SEG].", "That would be {n} [SEG]."])
        start = _seg(self.ch(starts).format(n=self.name0(), N=_cap(self.name0())), (), "seg")
        segs = [start] + [self.sentence(t, f) for t, f in self.a1_topics(1, 2)]
        segs += self.extras(self.rng.choice([0, 1, 1, 2]))
        return self.spaced(segs)

    # -- the rounds after the first -------------------------------------------------------------
    def rounds(self):
        out = []
        for j, kind in enumerate(self.plan):
            if kind == "D_follow":
                if self.style == "dialogue" or len(self.plan) == 1:
                    kind2 = "switch"
                elif j == len(self.plan) - 1:
                    kind2 = self.ch(["switch", "topic", "summary"])
                else:
                    kind2 = self.ch(["switch", "topic"])
                u, a = getattr(self, "r_" + kind2)(defect=True)
            elif kind == "D_user":
                u, a = self.r_premise(mode="defect")
            elif kind in ("correct", "confirm"):
                u, a = self.r_premise(mode=kind)
            else:
                u, a = getattr(self, "r_" + kind)(defect=False)
            out += [u, a]
        return out

    def pick_other(self):
        """A (question, answer) about another structure, not asked about before in this row."""
        asked = self.used
        pool = [(qa, k) for k in self.p["scene"] for qa in LIB[k]["qa"] if "asked:" + k not in asked]
        swk = _SWITCH_KEYS.get(self.p["key"], [])
        sw = [(qa, swk[j] if j < len(swk) else None) for j, qa in enumerate(self.p["switch"])]
        sw = [(qa, k) for qa, k in sw if repr(qa) not in asked and (k is None or "asked:" + k not in asked)]
        if sw and (self.rng.random() < 0.35 or not pool):
            qa, k = self.rng.choice(sw)
        else:
            qa, k = self.rng.choice(pool)
        self.used.add(repr(qa))
        if k:
            self.used.add("asked:" + k)
        return qa

    def ret_topic(self, defect: bool):
        if defect:
            return self.topic, True
        return self.ch(self.avail()), False

    def r_switch(self, defect: bool):
        q, a = self.pick_other()
        if self.style == "checklist" and self.rng.random() < 0.5:
            key = self.ch(self.p["scene"])
            u = [_seg(self.ch(["Can you add a line on the {t}?", "Add the {t} to the list?", "And the {t}, one line?"]).format(
                t=self.lname(key)[4:]), (), "uq")]
            t, f = self.ret_topic(defect)
            txt, claims = self.frag(t, f)
            a_segs = [_seg("- " + LIB[key]["title"] + ": " + self.ch(LIB[key]["frag"]) + " (not in the mask)", (), "scene"),
                      _seg("\n- " + self.title() + self.ch([" (mask, unchanged): ", " (still the mask): "]), (), "txt"),
                      _seg(txt, claims, "claim")]
            return u, a_segs
        lead = self.ch(["", "", "Thanks. ", "OK. ", "Got it. "])
        u = [_seg(lead + q, (), "uq")]
        t, f = self.ret_topic(defect)
        pre = self.ch(["Back to the mask: ", "Coming back to {n}: ", "As for the segmented structure, ", "The mask itself: ",
                       "To tie it back to your structure: "]).format(n=self.name0())
        sj = (("they" if self.plural else "it"), self.plural) if self.rng.random() < 0.7 else (self.ch(self.p["names"]), self.plural)
        if pre.startswith("Coming back"):
            sj = (("they" if self.plural else "it"), self.plural)
        if pre.startswith("The mask"):
            sj = (self.ch(["it", "it"]) if not self.plural else "they", self.plural)
        claim = self.sentence(t, f, subj=sj, hedge=0.0, allow_full=False)
        claim = _seg(pre + _lowfirst(claim["t"]), claim["c"], "claim")
        segs = [_seg(a, (), "other"), claim]
        if self.rng.random() < 0.4:
            segs += self.extras(1)
        return u, self.spaced(segs)

    def topic_question(self, t: str, x=None):
        o = "it" if not self.plural else self.ch(["the mask", "the segmentation"])
        if t == "side":
            pool = ["Which side is {o} on, exactly?", "Is that the patient's left or right?", "Left or right, in patient terms?",
                    "Just to be sure about sides: where is {o}?"]
        elif t == "vert":
            pool = (["Is {o} toward the front or the back?", "How far forward or back does {o} sit?", "Front or back?"]
                    if self.o == "LP" else ["Is {o} high or low on the image?", "Upper or lower part of the image?"])
        elif t == "size":
            pool = ["How big is {o}?", "How much of the image does {o} cover?", "What size class would you give {o}?",
                    "Roughly what share of the slice is {o}?"]
        elif t == "count":
            pool = (["Is {o} one piece or several?", "How many separate parts are there?", "Is the mask one connected region?"]
                    if not self.plural else ["How many are there?", "How many separate {unit} does the mask have?"])
        else:
            pool = ["Where is {o} relative to the {x}?", "How does {o} sit in relation to the {x}?", "And compared with the {x}?"]
        return self.ch(pool).format(o=o, x=x, unit=self.p["unit"])

    def r_topic(self, defect: bool):
        if defect:
            t, f = self.topic, True
        else:
            t, f = self.ch(self.avail()), False
        x = None
        if t == "rel":
            if f:
                x = self.frel[0]
            else:
                x = self.ch(sorted({xx for xx, _ in self.rels if ("rel", xx) not in self.suppress}))
        lead = self.ch(["", "", "Thanks. ", "And ", "OK, and "])
        qq = self.topic_question(t, x)
        if lead in ("And ", "OK, and "):
            qq = _lowfirst(qq)
        u = [_seg(lead + qq, (), "uq")]
        if t == "rel":
            s, pl = self.subj()
            body, claims = self.clause("rel", f, pl, x=x)
            segs = [_seg(_cap(s + " " + body) + ".", claims, "claim")]
        else:
            segs = [self.sentence(t, f)]
        extra = {"side": self.conv, "size": self.comp, "vert": self.scene, "count": self.know, "rel": self.scene}[t]()
        if extra is not None and self.rng.random() < 0.7:
            segs.append(extra)
        return u, self.spaced(segs)

    def r_summary(self, defect: bool):
        u = [_seg(self.ch(["Can you sum it all up in a line or two?", "Give me a one-line recap, target first.",
                           "So, in short?", "Summary please, then I'm done."]), (), "uq")]
        av = self.avail()
        topics = [(t, False) for t in self.rng.sample(av, min(len(av), self.rng.randint(2, 3)))]
        if defect:
            topics.insert(self.rng.randrange(len(topics) + 1), (self.topic, True))
        segs = [_seg(self.ch(["In short: ", "Recap: ", "Summary: "]) + self.name0() + ", ", (), "txt")]
        for j, (t, f) in enumerate(topics):
            txt, claims = self.frag(t, f)
            if j:
                segs.append(_seg(", ", (), "sp"))
            segs.append(_seg(txt, claims, "claim"))
        segs.append(_seg(". ", (), "sp"))
        keys = self.rng.sample(self.p["scene"], 2)
        around = " and ".join(self.lname(k) + " (" + self.ch(LIB[k]["frag"]) + ")" for k in keys)
        segs.append(_seg(self.ch(["Around {o}: {a}, neither of which is in the mask.", "Neighbours: {a}; both stay outside the mask."]).format(
            a=around, o="them" if self.plural else "it"),
                         (), "scene"))
        return u, segs

    def premise(self, t: str, false: bool):
        """The user's statement about topic t (true or wrong value) as text and its claim."""
        sis = self.ch(["they're", "the mask is"]) if self.plural else self.ch(["it's", "it's", "the mask is"])
        if t == "side":
            v = self.wrong_side if false else self.lat
            if false and self.lat == "bilateral":
                pool = ["Since {sis} only on the {v} side, ", "Given that {sis} confined to the patient's {v}, "]
            elif v in ("left", "right"):
                pool = ["Since {sis} on the patient's {v}, ", "Given that {sis} on the {v} side, "]
            elif v == "midline":
                pool = ["Since {sis} in the midline, ", "Given that {sis} a midline structure, "]
            else:
                pool = ["Since {sis} on both sides, ", "Given that {sis} bilateral, "]
            return self.ch(pool).format(sis=sis, v=v), {"k": "side", "v": v}
        if t == "vert":
            v = self.wrong_vert if false else self.vert
            if v == "central":
                pool = ["Since {sis} at mid-depth, "] if self.o == "LP" else ["Since {sis} at about mid-height, "]
            else:
                pool = ["Since {sis} toward the {w}, ", "Given that {sis} " + v + ", "]
            return self.ch(pool).format(sis=sis, w=VERT_WORD.get(v, [""])[0]), {"k": "vert", "v": v}
        if t == "rel":
            if false:
                x, r = self.frel
                r = _REL_OPP[r]
            else:
                x = self.ch(sorted({xx for xx, _ in self.rels}))
                r = self.ch([rr for xx, rr in self.rels if xx == x])
            pp = self.ch(_PREP[r][:2])
            return self.ch(["Since {sis} {pp} the {x}, ", "Given that {sis} {pp} the {x}, "]).format(sis=sis, pp=pp, x=x), \
                {"k": "rel", "x": x, "v": r}
        if t == "size":
            mode = self.size_mode if false else self.ch(["cls", "pct"])
            if mode == "cls":
                w = self.wrong_cls if false else self.cls
                return self.ch(["Since {sis} {w}, ", "Given that {sis} {w}, "]).format(sis=sis, w=self.ch(CLS_WORD[w])), \
                    {"k": "cls", "v": w}
            txt, num = _fmt_pct(self.wrong_pct if false else self.pct, self.rng)
            o2, pl = (("they", True) if self.plural else ("it", False)) if self.rng.random() < 0.6 else ("the mask", False)
            return "Since {o} {c} about {p} of the image, ".format(o=o2, c="cover" if pl else "covers", p=txt), \
                {"k": "pct", "v": num}
        n = self.wrong_count if false else self.n
        if n == 1:
            txt = self.ch(["Since {sis} all one piece, ", "Given that {sis} a single region, "]).format(sis=sis)
        else:
            nw = _NUM[n]
            txt = self.ch(["Since there are {nw} separate {unit}, ", "Given that the mask has {nw} separate pieces, "]).format(
                nw=nw, unit=self.p["unit"])
        return txt, {"k": "count", "v": n}

    def r_premise(self, mode: str):
        """mode 'defect': the user's false premise, not corrected; 'correct': a false premise the assistant
        corrects; 'confirm': a true premise the assistant confirms."""
        if mode == "defect":
            t = self.topic
        else:
            t = self.ch(self.avail())
        false = mode in ("defect", "correct")
        ptxt, pclaim = self.premise(t, false)
        pclaim = dict(pclaim, role="user")
        if mode == "correct":
            pclaim["corrected"] = True
        qt, reply = self.ch((_PREMISE_XR if self.mod == "XR" else _PREMISE_Q)[t])
        o = "them" if self.plural else "it"
        names = self.other_names(2)
        reply = reply.format(o=o, a=names[0], b=names[1], A=_cap(names[0]))
        useg = [_seg(ptxt + qt.format(o=o) + "?", [pclaim], "premise")]
        other = None
        if True:
            oq, oa = self.pick_other()
            useg = [_seg(oq + " ", (), "uq")] + useg
            other = _seg(oa, (), "other")
        segs = [other] if other else []
        if mode == "defect":
            segs.append(_seg(reply, (), "reply"))
            if self.rng.random() < 0.5:
                av = self.avail()
                if av:
                    segs.append(self.sentence(self.ch(av)))
        elif mode == "correct":
            pre = self.ch(["Not quite: ", "Actually, no. ", "I'd correct that: ", "Small correction first: ",
                           "That's not what the mask shows. ", "One thing to fix: "])
            x = pclaim.get("x")
            if t == "rel":
                s, pl = self.subj()
                body, claims = self.clause("rel", False, pl, x=x)
                cl = _seg(_cap(s + " " + body) + ".", claims, "claim")
            else:
                cl = self.sentence(t, False, hedge=0.0, allow_full=False)
            body = _lowfirst(cl["t"]) if pre.endswith(": ") else cl["t"]
            segs.append(_seg(pre + body, [dict(c, corrects=True) for c in cl["c"]], "claim"))
            if t == "side" and self.lat in ("left", "right"):
                segs.append(_seg("It's an easy slip on a crowded slice, because the image's {i} is the patient's {v}.".format(
                    i=_OPP[self.lat], v=self.lat), (), "conv"))
            segs.append(_seg(reply, (), "reply"))
        else:
            pre = self.ch(["Yes, that's right: ", "Correct. ", "Yes. ", "That's right. "])
            if t == "rel":
                x = pclaim["x"]
                s, pl = self.subj()
                rs = [r for xx, r in self.rels if xx == x and r == pclaim["v"]]
                body = self.ch(REL_CL[rs[0]]).format(x=x, **self.vd(pl))
                cl = _seg(_cap(s + " " + body) + ".", [{"k": "rel", "x": x, "v": rs[0]}], "claim")
                segs.append(_seg(pre + (_lowfirst(cl["t"]) if pre.endswith(": ") else cl["t"]), cl["c"], "claim"))
            elif self.rng.random() < 0.5:
                cl = self.sentence(t, False, hedge=0.0, allow_full=False)
                segs.append(_seg(pre + (_lowfirst(cl["t"]) if pre.endswith(": ") else cl["t"]), cl["c"], "claim"))
            else:
                segs.append(_seg(pre.rstrip(": ").rstrip() + ("." if pre.endswith(": ") else ""), (), "txt"))
            segs.append(_seg(reply, (), "reply"))
        if self.rng.random() < 0.4:
            segs += self.extras(1)
        return useg, self.spaced(segs)

    def run(self):
        turns = [self.q1(), self.a1()] + self.rounds()
        tags = {s["tag"] for t in turns for s in t}
        negs = any(c.get("neg") for t in turns for s in t for c in s["c"])
        add = ([] if "comp" in tags else [self.comp()]) + ([] if "notlist" in tags else [self.notlist()])
        if "conv" not in tags and not negs:
            n = self.neg() if self.rng.random() < 0.4 else None
            add.append(n or self.conv())
        if not tags & {"pop", "oknow", "hypo"}:
            add.append(self.ch([self.pop, self.oknow, self.hypo])())
        self.rng.shuffle(add)
        if add:
            j = self.rng.choice(range(1, len(turns), 2))
            turns[j] = turns[j] + [_seg(" ", (), "sp")] + self.spaced([a for a in add if a is not None])
        if self.mod == "XR":
            for t in turns:
                for sg in t:
                    sg["t"] = sg["t"].replace("slice", "film")
        return turns


def build(p: dict, facts: dict, style: str, rng: random.Random, defect):
    row = _Row(p, facts, style, rng, defect)
    turns = row.run()
    LEDGER.append({"target": p["target"], "key": p["key"], "style": style, "defect": defect, "topic": row.topic,
                   "loc": row.loc, "forbid": p["forbid"], "names": p["names"], "turns": turns})
    out = [{"role": "user" if i % 2 == 0 else "assistant", "content": "".join(s["t"] for s in t)} for i, t in enumerate(turns)]
    return out, ([] if defect is None else [defect])
