"""Bank FT: hepatobiliary and pancreatic imaging, written blind (helper `qcft`, without reading QC).

CT, MR/MRCP and ultrasound of the liver (Couinaud segments, LI-RADS, hepatic and portal veins), the
gallbladder and bile ducts (duct widths in mm, stones, cholecystitis), the pancreas (head, neck, body and
tail are parts of the gland, not places on the slice) and the spleen. Four registers: an HPB surgeon's
pre-operative planning (`surgeon`), a sonographer's scan report (`sonographer`), a hepatology clinic
letter (`clinic`) and a patient reading their MRCP or scan result (`patient`). Segment numbers, LI-RADS
categories, duct widths, lab values, ages and population shares are not counts or sizes of the mask.

Every claim about the target is written from the facts measured on the synthetic mask and kept in
`LEDGER` (kind, asserted value, turn, role, corrected?), which the writer's own checker re-measures.
26 targets. Own check (/work/notes/qcft_scripts/check_ft.py): rows 420, clean 210, defects 42 each of
laterality, position, size, count, names_target; the false claim sits in the first answer 54, a follow-up
answer 53, an uncorrected user premise 61, the first question (names_target) 42; 1868 ledger claims;
problems: 0.
"""

from __future__ import annotations

import math

import numpy as np

from medseg_qa.facts import compute_facts

H = W = 256
_YY, _XX = np.mgrid[0:H, 0:W]

LEDGER: list[dict] = []      # one entry per built row, in row order (read by the writer's checker)
_LAST: dict = {}             # the mask and others of the last facts_for call

STYLES = ["surgeon", "sonographer", "clinic", "patient"]


# -- geometry ----------------------------------------------------------------------------------------

def _ell(m, cx, cy, rx, ry, ang=0.0):
    c, s = math.cos(ang), math.sin(ang)
    dx, dy = _XX - cx, _YY - cy
    u = (dx * c + dy * s) / rx
    v = (-dx * s + dy * c) / ry
    m |= (u * u + v * v) <= 1.0
    return m


def _blobs(rng, n, box, rmin, rmax):
    """n round blobs inside box (x0, y0, x1, y1), kept apart so they stay separate components."""
    out = []
    tries = 0
    while len(out) < n and tries < 400:
        tries += 1
        r = rng.uniform(rmin, rmax)
        x, y = rng.uniform(box[0], box[2]), rng.uniform(box[1], box[3])
        if all(math.hypot(x - a, y - b) > r + q + 4 for a, b, q in out):
            out.append((x, y, r))
    return [(x, y, r, r * rng.uniform(0.75, 1.0), rng.uniform(-0.6, 0.6)) for x, y, r in out]


def _j(rng, v, d=0.03):
    return round(v + rng.uniform(-d, d), 4)


def g_liver(rng):
    cx, cy = rng.uniform(76, 92), rng.uniform(98, 124)
    return [(cx, cy, rng.uniform(48, 60), rng.uniform(40, 52), rng.uniform(-0.2, 0.2)),
            (cx + rng.uniform(38, 50), cy - rng.uniform(8, 16), rng.uniform(24, 34), rng.uniform(14, 20), -0.3)]


def g_gb(rng):
    return [(rng.uniform(86, 104), rng.uniform(112, 148), rng.uniform(12, 22), rng.uniform(7, 12), rng.uniform(-0.7, 0.7))]


def g_stones(rng):
    return _blobs(rng, rng.randint(2, 5), (82, 116, 112, 146), 2.5, 5.0)


def g_cbd(rng):  # coronal MRCP: a tall thin tube
    return [(rng.uniform(106, 124), rng.uniform(118, 150), rng.uniform(2.5, 4.0), rng.uniform(20, 34), rng.uniform(-0.25, 0.25))]


def g_pancreas(rng):
    return [(rng.uniform(128, 150), rng.uniform(118, 142), rng.uniform(40, 52), rng.uniform(10, 15), rng.uniform(-0.35, -0.05))]


def g_head_mass(rng):
    return [(rng.uniform(98, 120), rng.uniform(126, 150), rng.uniform(8, 15), rng.uniform(7, 13), rng.uniform(-0.5, 0.5))]


def g_tail_cyst(rng):
    r = rng.uniform(5, 13)
    return [(rng.uniform(170, 192), rng.uniform(110, 140), r, r * rng.uniform(0.8, 1.0), 0.0)]


def g_spleen(rng):
    return [(rng.uniform(186, 204), rng.uniform(126, 156), rng.uniform(20, 32), rng.uniform(30, 44), rng.uniform(0.1, 0.5))]


def g_infarcts(rng):
    return _blobs(rng, rng.randint(1, 3), (180, 120, 212, 170), 4, 9)


def g_mets(rng):
    return _blobs(rng, rng.randint(2, 5), (40, 72, 160, 150), 5, 12)


def g_hcc(rng):
    r = rng.uniform(8, 19)
    return [(rng.uniform(56, 92), rng.uniform(90, 140), r, r * rng.uniform(0.8, 1.0), 0.0)]


def g_cysts(rng):
    return _blobs(rng, rng.randint(2, 4), (44, 80, 130, 150), 4, 11)


def g_portal(rng):
    return [(rng.uniform(104, 122), rng.uniform(112, 136), rng.uniform(10, 15), rng.uniform(6, 8), rng.uniform(-0.4, 0.4))]


def g_hv(rng):
    y = rng.uniform(72, 90)
    return [(rng.uniform(80, 92), y + 6, 18, 3.5, 0.5), (rng.uniform(110, 118), y, 14, 3.5, 1.3),
            (rng.uniform(134, 156), y + 2, 16, 3.5, -0.5)]


def g_ihbd(rng):
    out = []
    for k in range(rng.randint(3, 5)):
        out.append((rng.uniform(50, 140), 0, rng.uniform(9, 16), 2.5, rng.uniform(-0.9, 0.9)))
    # stack them vertically so they stay apart
    ys = [80 + 15 * k + rng.uniform(-3, 3) for k in range(len(out))]
    return [(x, y, rx, ry, a) for (x, _, rx, ry, a), y in zip(out, ys)]


def g_mpd(rng):  # coronal MRCP: a long thin horizontal duct
    return [(rng.uniform(132, 156), rng.uniform(140, 168), rng.uniform(26, 36), rng.uniform(2.5, 3.5), rng.uniform(-0.3, 0.0))]


def g_caudate(rng):
    return [(rng.uniform(112, 132), rng.uniform(112, 134), rng.uniform(10, 16), rng.uniform(9, 13), rng.uniform(-0.4, 0.4))]


def g_lls(rng):
    return [(rng.uniform(148, 162), rng.uniform(84, 106), rng.uniform(18, 28), rng.uniform(12, 18), rng.uniform(-0.4, 0.0))]


def g_splenules(rng):
    return _blobs(rng, rng.randint(1, 3), (168, 140, 200, 178), 3, 6)


def g_hsab(rng):
    return _blobs(rng, rng.randint(1, 3), (48, 84, 110, 150), 3.5, 7) + _blobs(rng, rng.randint(1, 2), (182, 120, 214, 168), 3.5, 6)


def g_pseudo(rng):
    r = rng.uniform(15, 40)
    return [(rng.uniform(138, 170), rng.uniform(100, 132), r, r * rng.uniform(0.75, 1.0), 0.3)]


def g_cbd_stone(rng):  # coronal MRCP
    r = rng.uniform(2.5, 5)
    return [(rng.uniform(104, 122), rng.uniform(140, 166), r, r, 0.0)]


def g_polyp(rng):
    r = rng.uniform(2, 4.5)
    return [(rng.uniform(88, 106), rng.uniform(112, 140), r, r * 0.9, 0.0)]


def g_abscess(rng):
    r = rng.uniform(12, 30)
    return [(rng.uniform(58, 94), rng.uniform(96, 136), r, r * rng.uniform(0.7, 1.0), rng.uniform(-0.5, 0.5))]


def g_haem(rng):
    r = rng.uniform(5, 15)
    return [(rng.uniform(52, 100), rng.uniform(86, 146), r, r * rng.uniform(0.7, 1.0), 0.0)]


def g_ascites(rng):
    out = [(rng.uniform(36, 46), rng.uniform(100, 130), rng.uniform(5, 8), rng.uniform(26, 36), rng.uniform(-0.2, 0.2))]
    if rng.random() < 0.6:
        out.append((rng.uniform(214, 224), rng.uniform(120, 150), rng.uniform(4, 7), rng.uniform(18, 28), rng.uniform(-0.2, 0.2)))
    return out


def g_gbwall(rng):  # thick-walled gallbladder in acute cholecystitis: a ring
    return [(rng.uniform(86, 104), rng.uniform(112, 146), rng.uniform(16, 24), rng.uniform(10, 14), rng.uniform(-0.6, 0.6))]


# -- profiles ----------------------------------------------------------------------------------------

def _P(target, short, pl, cn, mod, orient, geom, others, clues, names, know, mm):
    return {"target": target, "short": short, "pl": pl, "cn": cn, "modality": mod, "orientation": orient,
            "geom": geom, "others": others, "clues": clues, "names": names, "know": know, "mm": mm}


PROFILES = [
    _P("liver", "liver", False, ("piece", "pieces"), "CT", "LP", g_liver,
       {"spleen": (0.78, 0.55), "stomach": (0.63, 0.37), "abdominal aorta": (0.52, 0.6)},
       ["the organ that makes bile, stores glycogen and clears ammonia",
        "the organ that Couinaud divided into eight functional segments around the hepatic and portal veins",
        "the organ whose failure would explain her jaundice, coagulopathy and encephalopathy",
        "the solid organ I'd be resecting part of, with at least a quarter of it left behind as the remnant"],
       ["liver", "hepatic parenchyma"],
       ["Couinaud's scheme gives it eight segments, I to VIII, each with its own portal pedicle.",
        "In a healthy liver a future remnant of 20-25% of the total volume is usually enough; after chemotherapy most units want 30% or more.",
        "The right lobe normally holds about 60-65% of the hepatic volume, which is why a right hepatectomy is the big one."],
       "The craniocaudal span at the midclavicular line is about 16 cm, just over the usual upper limit."),
    _P("gallbladder", "gallbladder", False, ("piece", "pieces"), "US", "LP", g_gb,
       {"portal vein": (0.44, 0.47), "duodenum": (0.48, 0.56), "liver": (0.33, 0.4)},
       ["the pear-shaped sac that concentrates bile and empties after a fatty meal",
        "the structure that was tender when I pressed the probe on it, the sonographic Murphy's sign",
        "the organ that contracts when cholecystokinin is released from the duodenum"],
       ["gallbladder", "gall bladder"],
       ["A wall over 3 mm in a fasted patient is called thickened, though a contracted organ after a meal fools everyone.",
        "Gallstones turn up in roughly 10-15% of adults in Western countries, most of them silent.",
        "Fasting for about 6 hours before the scan lets it distend properly."],
       "The wall measures 2 mm and the lumen is anechoic apart from what I describe."),
    _P("gallstones", "stones", True, ("stone", "stones"), "US", "LP", g_stones,
       {"portal vein": (0.44, 0.47), "gallbladder neck": (0.4, 0.42)},
       ["the bright echogenic foci casting clean acoustic shadows in the dependent part of the sac",
        "whatever is rolling inside the fundus when she turns onto her left side",
        "the things that could migrate and cause her biliary colic and a rising ALP"],
       ["gallstone", "cholelithiasis", "calculi", "stones"],
       ["Cholesterol stones account for about 80% of stones in Western patients.",
        "The risk of a symptomatic patient having another attack within a year is around 50%.",
        "Stones under 5 mm are the ones more likely to pass into the duct and cause pancreatitis."],
       "The largest measures 14 mm; the common duct is 5 mm."),
    _P("common bile duct", "duct", False, ("segment", "segments"), "MR", "LI", g_cbd,
       {"duodenum": (0.49, 0.69), "gallbladder": (0.35, 0.46), "main pancreatic duct": (0.6, 0.63)},
       ["the tube that drains bile from the hepatic confluence down through the pancreatic head to the ampulla",
        "the channel whose width I'd measure first in a jaundiced patient with pale stools",
        "the conduit that joins with the pancreatic outflow at the ampulla of Vater"],
       ["common bile duct", "bile duct", "cbd", "choledoch"],
       ["Up to 6 mm is usually accepted as normal, with roughly 1 mm more allowed per decade after 60, and up to 10 mm after cholecystectomy.",
        "The duct is about 7-8 cm long from the confluence to the papilla.",
        "In about 70% of people it shares a common channel with the pancreatic duct before the papilla."],
       "It measures 11 mm at its widest, which is dilated for a 54-year-old."),
    _P("pancreas", "pancreas", False, ("piece", "pieces"), "CT", "LP", g_pancreas,
       {"superior mesenteric artery": (0.51, 0.6), "stomach": (0.58, 0.36), "spleen": (0.8, 0.55)},
       ["the gland that makes insulin and secretes digestive enzymes into the duodenum",
        "the retroperitoneal gland that the splenic vein runs along the back of",
        "the organ whose inflammation would explain her lipase of 2,400 U/L and pain boring through to the back"],
       ["pancreas", "pancreatic"],
       ["It is conventionally split into head, uncinate process, neck, body and tail; the tail reaches the splenic hilum.",
        "The head sits in the C-loop of the duodenum and the neck lies in front of the portal-SMV confluence.",
        "A main duct over 3 mm in the head is generally called dilated."],
       "The gland measures 24 mm in the head and 16 mm in the body in AP dimension."),
    _P("pancreatic head adenocarcinoma", "tumour", False, ("lesion", "lesions"), "CT", "LP", g_head_mass,
       {"superior mesenteric vein": (0.49, 0.52), "duodenum": (0.35, 0.56), "common bile duct": (0.4, 0.49)},
       ["the hypoenhancing mass that explains his painless jaundice, weight loss and a CA 19-9 of 850",
        "the lesion whose contact with the SMV I need to grade before deciding on a Whipple",
        "the ill-defined thing in the C-loop that has cut off both the bile duct and the pancreatic duct, the double-duct sign"],
       ["adenocarcinoma", "pancreatic cancer", "pancreatic head", "carcinoma"],
       ["Less than 180 degrees of SMV contact without contour deformity usually still counts as resectable under NCCN criteria.",
        "Only about 15-20% of these are resectable at presentation.",
        "About 60-70% of pancreatic cancers arise in the head, which is why jaundice is so often the first sign."],
       "It measures 28 mm with 90 degrees of contact with the SMV."),
    _P("pancreatic tail cyst", "cyst", False, ("cyst", "cysts"), "MR", "LP", g_tail_cyst,
       {"spleen": (0.81, 0.52), "stomach": (0.6, 0.36), "left kidney": (0.72, 0.64)},
       ["the T2-bright round thing in the distal gland near the splenic hilum that was found incidentally",
        "the fluid-filled lesion I need to decide whether to put under surveillance per the Fukuoka criteria",
        "the incidental T2-bright lesion far out in the gland toward the spleen that the report wants watched"],
       ["pancreatic tail cyst", "cyst", "ipmn"],
       ["Incidental pancreatic cysts are seen on MRI in something like 15-40% of older adults, depending on the series.",
        "Worrying features include a cyst of 3 cm or more, an enhancing mural nodule under 5 mm, or a main duct of 5-9 mm.",
        "Branch-duct IPMNs under 1 cm are often followed at 2-year intervals."],
       "It measures 14 mm without a mural nodule; the main duct is 2 mm."),
    _P("spleen", "spleen", False, ("piece", "pieces"), "CT", "LP", g_spleen,
       {"liver": (0.33, 0.44), "stomach": (0.6, 0.37), "left kidney": (0.7, 0.66)},
       ["the organ that filters old red cells and enlarges with portal hypertension",
        "the organ under the left ribs that is at risk of rupture if he goes back to rugby with glandular fever",
        "the lymphoid organ that would make him vulnerable to encapsulated bacteria if removed"],
       ["spleen", "splenic"],
       ["A length over about 12-13 cm is usually called splenomegaly.",
        "After splenectomy, vaccination against pneumococcus, meningococcus and Hib is given ideally 2 weeks beforehand.",
        "Splenules are found in roughly 10-30% of people at autopsy."],
       "It measures 15.5 cm in craniocaudal length."),
    _P("splenic infarcts", "infarcts", True, ("infarct", "infarcts"), "CT", "LP", g_infarcts,
       {"stomach": (0.6, 0.37), "left kidney": (0.7, 0.66)},
       ["the wedge-shaped non-enhancing areas at the periphery of the organ that filters blood under her left ribs",
        "the non-enhancing wedges that would fit an embolic event in someone with atrial fibrillation and left upper quadrant pain"],
       ["infarct", "splenic infarct"],
       ["Most of these are from emboli, and around a third of patients with them are asymptomatic.",
        "On follow-up they usually shrink and may leave a scar over 2-4 weeks."],
       "The largest wedge spans about 3 cm at the capsular surface."),
    _P("liver metastases", "metastases", True, ("lesion", "lesions"), "CT", "LP", g_mets,
       {"inferior vena cava": (0.45, 0.56), "stomach": (0.63, 0.37), "spleen": (0.8, 0.55)},
       ["the hypodense deposits scattered through the liver in this patient with a treated sigmoid primary",
        "the lesions I'd need to clear with resection or ablation before a curative colorectal pathway",
        "the rim-enhancing lesions that make the CEA of 45 make sense"],
       ["metastas", "liver mets", "secondaries"],
       ["About 25% of colorectal cancer patients have liver disease at diagnosis, and another quarter develop it later.",
        "A two-stage hepatectomy is considered when the remnant after a single resection would be under 30%.",
        "Lesions under 1 cm are often indeterminate on CT and best characterised on MR with hepatobiliary contrast."],
       "The largest deposit measures 22 mm."),
    _P("hepatocellular carcinoma", "observation", False, ("observation", "observations"), "MR", "LP", g_hcc,
       {"right hepatic vein": (0.31, 0.33), "portal vein": (0.44, 0.47), "gallbladder": (0.4, 0.56)},
       ["the arterially enhancing observation with washout and a capsule in this patient with hepatitis B cirrhosis",
        "the LI-RADS 5 observation that the MDT wants to bridge with TACE while he waits for transplant",
        "the lesion that explains the alpha-fetoprotein climbing to 480"],
       ["hepatocellular", "hcc", "hepatoma"],
       ["LI-RADS 5 means definitely HCC, and LR-4 means probably HCC; LR-3 is intermediate.",
        "The Milan criteria allow a single tumour up to 5 cm or up to three tumours each of 3 cm or less.",
        "Surveillance ultrasound every 6 months is the usual recommendation in cirrhosis."],
       "It measures 27 mm in segment {seg}, LR-5."),
    _P("hepatic cysts", "cysts", True, ("cyst", "cysts"), "US", "LP", g_cysts,
       {"gallbladder": (0.4, 0.56), "portal vein": (0.44, 0.47)},
       ["the anechoic round structures with posterior acoustic enhancement scattered through the liver",
        "the thin-walled fluid collections in the parenchyma that I'd call simple and leave alone"],
       ["cyst", "hepatic cyst"],
       ["Simple cysts of this kind are seen in about 5% of adults and rarely need anything.",
        "More than about 20 of them should make you think of polycystic liver disease."],
       "The largest measures 18 mm."),
    _P("portal vein", "vein", False, ("segment", "segments"), "CT", "LP", g_portal,
       {"inferior vena cava": (0.45, 0.58), "common bile duct": (0.39, 0.46), "abdominal aorta": (0.52, 0.6)},
       ["the vessel formed by the splenic and superior mesenteric veins that brings about 75% of the liver's blood supply",
        "the vessel I'd check for thrombus in a cirrhotic patient with new ascites",
        "the vessel that would be embolised preoperatively to hypertrophy the future remnant"],
       ["portal vein", "portal venous", "pv "],
       ["A diameter over 13 mm is often quoted as a sign of portal hypertension.",
        "Normal flow is hepatopetal at about 15-40 cm/s on Doppler.",
        "It divides at the hilum into right and left branches; the right then splits into anterior and posterior branches."],
       "It measures 14 mm in diameter at the hilum."),
    _P("hepatic veins", "veins", True, ("vein", "veins"), "CT", "LP", g_hv,
       {"inferior vena cava": (0.46, 0.33), "portal vein": (0.44, 0.48)},
       ["the vessels that drain the organ into the IVC just below the diaphragm and mark the boundaries between sections",
        "the vessels that would be occluded in Budd-Chiari syndrome",
        "the outflow vessels I need to map before planning which sections can be resected"],
       ["hepatic vein", "hepatic venous"],
       ["Most people have three main ones, right, middle and left, and the middle and left join before entering the IVC in about 60-85%.",
        "An accessory inferior right vein over 5 mm is found in about 10-20% and matters for living-donor grafts."],
       "Each measures 6-9 mm near the confluence."),
    _P("dilated intrahepatic bile ducts", "ducts", True, ("branch", "branches"), "MR", "LP", g_ihbd,
       {"portal vein": (0.44, 0.48), "inferior vena cava": (0.45, 0.56)},
       ["the branching tubular T2-bright channels running alongside the portal branches in this jaundiced patient",
        "the 'too many tubes' that tell me there's an obstruction downstream"],
       ["intrahepatic bile duct", "bile duct", "ihbd", "biliary dilatation"],
       ["Intrahepatic ducts wider than 2 mm, or more than 40% of the adjacent portal vein diameter, are usually called dilated.",
        "A hilar stricture is classified by Bismuth-Corlette from type I to IV."],
       "The right anterior duct measures 4 mm."),
    _P("main pancreatic duct", "duct", False, ("segment", "segments"), "MR", "LI", g_mpd,
       {"common bile duct": (0.44, 0.54), "duodenum": (0.46, 0.72)},
       ["the central channel running the length of the gland that drains its enzymes to the papilla",
        "the channel whose calibre I'd measure to separate a main-duct from a branch-duct IPMN"],
       ["pancreatic duct", "wirsung", "mpd"],
       ["Over 3 mm is generally dilated; 5-9 mm is a worrisome feature and 10 mm or more a high-risk stigma in IPMN.",
        "In about 10% of people the dorsal and ventral ducts don't fuse, which is pancreas divisum."],
       "It measures 6 mm in the body."),
    _P("caudate lobe", "lobe", False, ("piece", "pieces"), "CT", "LP", g_caudate,
       {"inferior vena cava": (0.45, 0.6), "portal vein": (0.44, 0.46), "stomach": (0.63, 0.37)},
       ["the part of the organ that drains straight into the IVC through its own small veins",
        "the part of the liver that hypertrophies in Budd-Chiari because its venous drainage is spared"],
       ["caudate", "segment i ", "segment 1"],
       ["A caudate-to-right-lobe ratio over 0.65 supports cirrhosis.",
        "It is segment I in Couinaud's numbering, sometimes with segment IX described as its paracaval part."],
       "It measures 38 mm across."),
    _P("left lateral section of the liver", "section", False, ("piece", "pieces"), "CT", "LP", g_lls,
       {"stomach": (0.63, 0.44), "inferior vena cava": (0.45, 0.56), "spleen": (0.8, 0.55)},
       ["the part of the organ used as the graft in paediatric living-donor transplants",
        "the part of the organ beyond the falciform ligament that a small-for-size child's graft is taken from"],
       ["left lateral section", "left lateral segment", "segments ii and iii", "left lobe"],
       ["Segments II and III drain mainly through the left hepatic vein.",
        "For a child's graft the target is a graft-to-recipient weight ratio of roughly 1-3%."],
       "It measures 7 cm from the falciform ligament to its tip."),
    _P("splenules", "splenules", True, ("nodule", "nodules"), "CT", "LP", g_splenules,
       {"spleen": (0.8, 0.52), "left kidney": (0.72, 0.66), "stomach": (0.6, 0.37)},
       ["the small round nodules near the splenic hilum that enhance exactly like the organ they came from",
        "the little ectopic rests of splenic tissue that can cause relapse of ITP after splenectomy"],
       ["splenule", "accessory spleen", "splenunculus", "splenunculi"],
       ["They are found in roughly 10-30% of people at autopsy, most often at the hilum.",
        "A heat-damaged red cell scintigram can confirm them if CT is unsure."],
       "The largest measures 11 mm."),
    _P("hepatosplenic microabscesses", "abscesses", True, ("lesion", "lesions"), "CT", "LP", g_hsab,
       {"stomach": (0.6, 0.37), "inferior vena cava": (0.45, 0.56)},
       ["the little hypodense foci scattered through both the liver and the spleen in this neutropenic patient with persistent fever",
        "the target-like lesions in both solid upper abdominal organs that fit a disseminated fungal infection once the neutrophils recover"],
       ["microabscess", "abscess", "candidiasis"],
       ["They often appear only after neutrophil recovery, when the count passes about 0.5 x 10^9/L.",
        "Antifungal treatment is commonly continued for weeks to months, until the lesions resolve."],
       "Most foci measure 5-10 mm."),
    _P("pancreatic pseudocyst", "collection", False, ("collection", "collections"), "CT", "LP", g_pseudo,
       {"stomach": (0.6, 0.33), "spleen": (0.82, 0.55), "superior mesenteric artery": (0.51, 0.62)},
       ["the walled-off fluid collection behind the stomach four weeks after her gallstone pancreatitis",
        "the collection I'd drain endoscopically through the back wall of the stomach if it stays symptomatic"],
       ["pseudocyst", "pancreatic collection"],
       ["The revised Atlanta classification reserves this term for collections over 4 weeks old without necrosis.",
        "Around half resolve on their own, especially those under 6 cm."],
       "It measures 9 cm by 7 cm."),
    _P("common bile duct stone", "stone", False, ("stone", "stones"), "MR", "LI", g_cbd_stone,
       {"duodenum": (0.49, 0.72), "gallbladder": (0.35, 0.46)},
       ["the dark signal void in the distal duct that explains her obstructive LFTs after cholecystectomy",
        "the thing the endoscopist will try to sweep out with a balloon at ERCP"],
       ["choledocholith", "bile duct stone", "cbd stone", "duct stone"],
       ["Roughly 10-15% of people with gallbladder stones also have one in the duct.",
        "ERCP clears them in over 90% of cases with sphincterotomy and balloon extraction."],
       "It measures 7 mm, in a duct of 10 mm."),
    _P("gallbladder polyp", "polyp", False, ("polyp", "polyps"), "US", "LP", g_polyp,
       {"portal vein": (0.44, 0.47), "duodenum": (0.48, 0.6)},
       ["the non-shadowing echogenic focus stuck to the wall that doesn't move when the patient turns",
        "the wall-based lesion whose size decides between surveillance and cholecystectomy"],
       ["polyp"],
       ["Lesions of 10 mm or more are usually an indication for cholecystectomy.",
        "Around 5% of adults have one on ultrasound, mostly cholesterol polyps."],
       "It measures 6 mm and is fixed to the anterior wall."),
    _P("liver abscess", "abscess", False, ("collection", "collections"), "CT", "LP", g_abscess,
       {"inferior vena cava": (0.45, 0.56), "gallbladder": (0.42, 0.58), "stomach": (0.63, 0.37)},
       ["the rim-enhancing collection with a cluster-of-grapes pattern in a feverish diabetic with Klebsiella in the blood",
        "the fluid collection in the right upper quadrant organ that I'd drain percutaneously if it doesn't settle on antibiotics"],
       ["abscess"],
       ["Collections over about 5 cm usually need a drain rather than aspiration alone.",
        "Klebsiella pneumoniae is the leading cause in East Asia and increasingly elsewhere."],
       "It measures 62 mm."),
    _P("hepatic haemangioma", "haemangioma", False, ("lesion", "lesions"), "MR", "LP", g_haem,
       {"portal vein": (0.44, 0.47), "inferior vena cava": (0.45, 0.56)},
       ["the very T2-bright lesion with peripheral nodular enhancement that fills in on delayed images",
        "the commonest benign lesion of the organ, found incidentally on her scan for back pain"],
       ["haemangioma", "hemangioma"],
       ["They are seen in something like 2-20% of the population, depending on how hard you look.",
        "Over 10 cm they are often called giant, and even then most are left alone."],
       "It measures 19 mm."),
    _P("ascites", "fluid", False, ("pocket", "pockets"), "CT", "LP", g_ascites,
       {"liver": (0.33, 0.44), "spleen": (0.8, 0.55)},
       ["the fluid tracking around the organs in this cirrhotic patient with a tense abdomen",
        "the fluid I'd tap with a diagnostic paracentesis to rule out spontaneous bacterial peritonitis"],
       ["ascites", "ascitic", "free fluid"],
       ["A neutrophil count of 250 cells/mm3 or more in the fluid means SBP.",
        "A serum-ascites albumin gradient of 11 g/L or more points to portal hypertension."],
       "The deepest pocket measures 45 mm."),
    _P("thickened gallbladder wall in acute cholecystitis", "inflamed gallbladder", False, ("piece", "pieces"), "US", "LP", g_gbwall,
       {"portal vein": (0.44, 0.47), "duodenum": (0.48, 0.58), "liver": (0.33, 0.4)},
       ["the inflamed organ with a 6 mm oedematous wall, pericholecystic fluid and an impacted stone at the neck",
        "what is producing her fever, right upper quadrant pain and positive Murphy's sign, Tokyo grade II"],
       ["gallbladder", "gall bladder", "cholecystitis"],
       ["A wall over 3 mm with pericholecystic fluid and Murphy's sign makes acute cholecystitis very likely.",
        "Early laparoscopic cholecystectomy, within 72 hours to a week, is now favoured in most fit patients."],
       "The wall measures 6 mm."),
]
PROFILES[-1]["ring"] = True


def record_for(p):
    region = "abdomen" if p["modality"] != "US" else "upper abdomen"
    return {"modality": p["modality"], "body_region": region, "orientation": p["orientation"]}


def facts_for(p, rng):
    mask = np.zeros((H, W), bool)
    for sh in p["geom"](rng):
        if p.get("ring"):  # a thick wall around a lumen (same centre and angle, radii less the wall)
            outer, inner = np.zeros((H, W), bool), np.zeros((H, W), bool)
            _ell(outer, *sh)
            wall = rng.uniform(4, 6)
            _ell(inner, sh[0], sh[1], sh[2] - wall, sh[3] - wall, sh[4])
            mask |= outer & ~inner
        else:
            _ell(mask, *sh)
    others = {k: (_j(rng, x), _j(rng, y)) for k, (x, y) in p["others"].items()}
    facts = compute_facts(mask, p["orientation"], others).model_dump(mode="json")
    _LAST["mask"], _LAST["others"] = mask, others
    return facts


# -- claims ------------------------------------------------------------------------------------------

_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior"}
_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
         "superior_to": "inferior_to", "inferior_to": "superior_to"}
_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}


def truth(value, f):
    """Whether an asserted value holds for facts f (the writer's own reading)."""
    k = value[0]
    if k == "side":
        return f["laterality"] == value[1]
    if k == "notside":
        return f["laterality"] != value[1]
    if k == "vert":
        return f["vertical"] == value[1]
    if k == "rel":
        return {"other": value[2], "relation": value[1]} in f["relations"]
    if k == "class":
        return f["size_class"] == value[1]
    if k == "pct":
        r = value[1] / (f["area_fraction"] * 100)
        return 0.7 <= r <= 1.43
    if k == "n":
        return f["components"] == value[1]
    raise ValueError(value)


def pct_text(x):
    if x < 1:
        return f"{x:.2f}%"
    if x < 3:
        return f"{x:.1f}%"
    return f"{x:.0f}%"


def pct_val(x):
    return float(pct_text(x)[:-1])


class Conv:
    def __init__(self, p, f, style, rng):
        self.p, self.f, self.style, self.rng = p, f, style, rng
        self.turns: list[dict] = []
        self.claims: list[dict] = []
        self.buf: list[str] = []
        self.role = None
        pl = p["pl"]
        self.g = {"It": "They" if pl else "It", "it": "they" if pl else "it", "is": "are" if pl else "is",
                  "its": "their" if pl else "its", "sits": "sit" if pl else "sits", "lies": "lie" if pl else "lies",
                  "has": "have" if pl else "has", "takes": "take" if pl else "takes", "covers": "cover" if pl else "covers",
                  "T": "the " + p["short"], "Tc": "The " + p["short"], "was": "were" if pl else "was",
                  "appears": "appear" if pl else "appears", "them": "them" if pl else "it",
                  "straddles": "straddle" if pl else "straddles", "occupies": "occupy" if pl else "occupies",
                  "target": p["target"], "this": "these" if pl else "this", "This": "These" if pl else "This"}

    def fmt(self, template, **kw):
        d = dict(self.g)
        d.update(kw)
        return template.format(**d)

    def start(self, role):
        self.flush()
        self.role = role

    def say(self, s):
        self.buf.append(s)

    def claim(self, kind, value, text, corrected=False, planted=False):
        self.claims.append({"kind": kind, "value": list(value), "turn": len(self.turns), "role": self.role,
                            "text": text, "corrected": corrected, "planted": planted})
        self.buf.append(text)

    def flush(self):
        if self.role is not None and self.buf:
            sep = "\n" if self.style == "sonographer" and self.role == "assistant" else " "
            self.turns.append({"role": self.role, "content": sep.join(self.buf)})
        self.buf = []


def R(rng, xs):
    return xs[rng.randrange(len(xs))]


# -- phrase banks for each kind -------------------------------------------------------------------

def side_text(c, value, reg):
    rng = c.rng
    k, s = value[0], value[1]
    you = reg == "patient"
    if k == "side" and s in ("left", "right"):
        opts = ["{It} {lies} on the patient's {s}.", "{Tc} {is} {s}-sided.", "{It} {is} to the {s} of the midline.",
                "{It} {sits} in the {s} half of the abdomen on this slice.",
                "Looking at the patient rather than the screen, {it} {is} on the {s}."]
        if reg == "sonographer":
            opts += ["Side: patient's {s}.", "Laterality: {s}."]
        if you:
            opts += ["{It} {is} on your {s} side.", "On your body {it} {is} on the {s}."]
        if reg == "clinic":
            opts += ["It is {s}-sided, as one would expect of the structure in question." if s == "right" else
                     "It lies to the patient's {s}."]
        return c.fmt(R(rng, opts), s=s)
    if k == "side" and s == "midline":
        opts = ["{It} {sits} in the midline.", "{Tc} {straddles} the midline.",
                "{It} {is} central, across the midline rather than off to one side.",
                "{It} {lies} right in the middle of the body, across the midline."]
        if reg == "sonographer":
            opts += ["Laterality: midline."]
        if you:
            opts += ["{It} {is} in the middle of your body, not off to one side."]
        return c.fmt(R(rng, opts))
    if k == "side" and s == "bilateral":
        opts = ["{It} {is} on both sides of the midline.", "There is involvement on both the right and the left.",
                "{Tc} {is} bilateral on this slice, in the right and the left halves.",
                "{It} {appears} on either side of the midline."]
        if reg == "sonographer":
            opts += ["Laterality: bilateral."]
        if you:
            opts += ["{It} {is} on both your right and your left side."]
        return c.fmt(R(rng, opts))
    if k == "notside":
        if s in ("left", "right"):
            return c.fmt(R(rng, ["{It} {is} not on the {s}.", "Note {it} {is} not on the patient's {s}.",
                                 "Not {s}-sided, to be clear."]), s=s)
        if s == "midline":
            return c.fmt(R(rng, ["{It} {is} not in the midline.", "{It} {is} not a midline structure on this slice."]))
        if s == "bilateral":
            return c.fmt(R(rng, ["{It} {is} not bilateral.", "There is nothing on the other side: {it} {is} not bilateral."]))
    raise ValueError(value)


_VERT = {
    "anterior": ["{It} {lies} anteriorly on the slice.", "{It} {is} toward the front of the abdomen here.",
                 "{Tc} {sits} in the front half of the cross-section.", "Position: anterior."],
    "posterior": ["{It} {lies} posteriorly on the slice.", "{It} {is} toward the back of the abdomen here.",
                  "{Tc} {sits} in the back half of the cross-section.", "Position: posterior."],
    "central_ax": ["{It} {sits} at mid-depth, neither anterior nor posterior.",
                   "Front to back, {it} {is} roughly central on the slice.", "Position: central, front to back."],
    "superior": ["{It} {lies} superiorly on this coronal image.", "{It} {is} toward the head end of the slab.",
                 "{Tc} {sits} in the upper part of the coronal image, toward the head.", "Position: superior."],
    "inferior": ["{It} {lies} inferiorly on this coronal image.", "{It} {is} toward the feet on the slab.",
                 "{Tc} {sits} in the lower part of the coronal image, toward the feet.", "Position: inferior."],
    "central_co": ["{It} {sits} at mid-height on the coronal image.", "Head to foot, {it} {is} roughly central on the slab."],
}
_REL = {"left_of": ["to the patient's left of", "on the patient's left side of"],
        "right_of": ["to the patient's right of", "on the patient's right side of"],
        "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
        "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}


def vert_text(c, v):
    key = v
    if v == "central":
        key = "central_co" if c.p["orientation"][1] in "SI" else "central_ax"
    if c.style == "patient" and v in ("anterior", "posterior"):
        return c.fmt(R(c.rng, _VERT[key] + ["{It} {is} nearer your " + ("tummy wall" if v == "anterior" else "back") + " than the other way on this picture."]))
    return c.fmt(R(c.rng, _VERT[key]))


def rel_text_safe(c, rel, other):
    ph = R(c.rng, _REL[rel])
    return c.fmt(R(c.rng, ["{It} {lies} " + ph + " the " + other + ".",
                           "{Tc} {sits} " + ph + " the " + other + " on this image.",
                           "On this image {it} {is} " + ph + " the " + other + "."]))


def size_text(c, value):
    k = value[0]
    if k == "class":
        s = value[1]
        opts = {"small": ["{It} {is} small on this slice.", "{Tc} {takes} up only a small part of the image.",
                          "Size on the image: small.", "{It} {is} a small target here."],
                "medium": ["{It} {is} medium-sized on this slice.", "{It} {is} moderate in size here, neither small nor large.",
                           "Size on the image: medium.", "{Tc} {takes} up a moderate part of the image."],
                "large": ["{It} {is} large on this slice.", "{Tc} {takes} up a large share of the image.",
                          "Size on the image: large.", "{It} {is} a big target here, filling much of the slice."]}[s]
        if c.style == "patient":
            opts = opts + [{"small": "On the picture {it} {is} small.", "medium": "On the picture {it} {is} a medium-sized area.",
                            "large": "On the picture {it} {is} large."}[s]]
        return c.fmt(R(c.rng, opts))
    x = pct_text(value[1])
    return c.fmt(R(c.rng, ["{It} {covers} about {x} of the image.", "{Tc} {occupies} roughly {x} of the picture's area.",
                           "Area on the image: about {x}.", "By area {it} {is} about {x} of the whole image."]), x=x)


def count_text(c, n):
    one, many = c.p["cn"]
    pl = c.p["pl"]
    if n == 1:
        if pl:
            opts = ["There is only one " + one + " on this slice.", "Just a single " + one + " here.", "Count: one " + one + "."]
        else:
            opts = ["{Tc} {is} one continuous region on this slice.", "{It} {is} a single piece here, not broken up.",
                    "It forms one connected outline, a single component."]
        return c.fmt(R(c.rng, opts))
    w = _NUM[n]
    if pl:
        opts = ["There are " + w + " separate " + many + ".", w.capitalize() + " discrete " + many + " in total on this slice.",
                "Count: " + str(n) + " " + many + ".", "I count " + w + " distinct " + many + " here."]
    else:
        opts = ["{Tc} {appears} as " + w + " separate pieces on this slice.", "{It} {is} split into " + w + " separate parts here.",
                "I count " + w + " disconnected pieces of {it} on this image."]
    return c.fmt(R(c.rng, opts))


# -- false values ------------------------------------------------------------------------------------

def false_value(kind, f, rng):
    if kind == "laterality":
        lat = f["laterality"]
        if lat in ("left", "right"):
            return R(rng, [("side", _OPP[lat]), ("side", _OPP[lat]), ("side", "bilateral"), ("side", "midline")])
        if lat == "midline":
            return R(rng, [("side", "left"), ("side", "right")])
        return R(rng, [("side", "left"), ("side", "right")])
    if kind == "position":
        opts = []
        v = f["vertical"]
        if v in _OPP:
            opts.append(("vert", _OPP[v]))
        elif v == "central":
            opts.append(("vert", "anterior" if rng.random() < 0.5 else "posterior") if f.get("_ax", True) else ("vert", "superior"))
        for r in f["relations"]:
            opts.append(("rel", _FLIP[r["relation"]], r["other"]))
        return R(rng, opts)
    if kind == "size":
        sc = f["size_class"]
        pct = f["area_fraction"] * 100
        if rng.random() < 0.5:
            rngs = {"small": (0.0, 1.0), "medium": (1.0, 5.0), "large": (5.0, 100.0)}
            far = []
            for cl in ("small", "medium", "large"):
                lo, hi = rngs[cl]
                if cl != sc and (pct >= 2 * hi or pct * 2 <= lo):
                    far.append(cl)
            if far:
                return ("class", R(rng, far))
        if sc == "small":
            return ("pct", pct_val(rng.uniform(8, 25)))
        if sc == "medium":
            return ("pct", pct_val(rng.uniform(0.2, 0.5)) if pct >= 2.5 else pct_val(rng.uniform(14, 30)))
        return ("pct", pct_val(rng.uniform(0.3, 0.9)))
    if kind == "count":
        n = f["components"]
        if n == 1:
            return ("n", R(rng, [2, 2, 3]))
        return ("n", R(rng, [x for x in (1, n - 1, n + 1, n + 2) if x >= 1 and x != n]))
    raise ValueError(kind)


def true_value(kind, f, rng, allow_neg=True):
    if kind == "laterality":
        lat = f["laterality"]
        if allow_neg and rng.random() < 0.25:
            opts = [s for s in ("left", "right", "midline", "bilateral") if s != lat]
            return ("notside", R(rng, opts))
        return ("side", lat)
    if kind == "position":
        opts = [("vert", f["vertical"])] * 2 + [("rel", r["relation"], r["other"]) for r in f["relations"]]
        return R(rng, opts)
    if kind == "size":
        if rng.random() < 0.45:
            return ("pct", pct_val(f["area_fraction"] * 100))
        return ("class", f["size_class"])
    if kind == "count":
        return ("n", f["components"])
    raise ValueError(kind)


def claim_text(c, kind, value):
    if kind == "laterality":
        return side_text(c, value, c.style)
    if kind == "position":
        if value[0] == "vert":
            return vert_text(c, value[1])
        return rel_text_safe(c, value[1], value[2])
    if kind == "size":
        return size_text(c, value)
    return count_text(c, value[1])


# -- register text -------------------------------------------------------------------------------------

def modname(p, rng):
    m, o = p["modality"], p["orientation"]
    if m == "US":
        return R(rng, ["ultrasound image", "transverse ultrasound view", "scan", "sonogram"])
    if m == "MR" and o == "LI":
        return R(rng, ["MRCP image", "coronal MRCP slab", "coronal T2 image"])
    if m == "MR":
        return R(rng, ["MRI slice", "axial MR image", "hepatobiliary-phase MR slice", "T2 axial"])
    if p["short"] == "vein":
        return R(rng, ["CT slice", "axial CT", "contrast CT image"])
    return R(rng, ["CT slice", "portal venous phase image", "axial CT", "contrast CT image"])


def first_question(c, names):
    p, rng, st = c.p, c.rng, c.style
    mod = modname(p, rng)
    thing = ("the " + p["target"]) if names else R(rng, p["clues"])
    if names:
        thing = R(rng, [thing, thing + ", " + R(rng, p["clues"])])
    if st == "surgeon":
        ask = R(rng, [
            "Planning list for Thursday. On this {mod}, can you mark {thing}? Segment it for the 3D model.",
            "Pre-op review, 64M, hep B. Where is {thing} on this {mod}? Segment it please.",
            "I'm sizing up resectability for the MDT: show me {thing} on this {mod}.",
            "Quick one before theatre: outline {thing} on this {mod}.",
            "For the planning software I need {thing} segmented on this {mod}. Which structure is it and where is it?"])
    elif st == "sonographer":
        ask = R(rng, [
            "Worklist, 41F, fasted 6 h. On this {mod}, which structure is {thing}? Outline it.",
            "Student sonographer here. Can you segment {thing} on this {mod}?",
            "Worklist query: identify and outline {thing} on the attached {mod}.",
            "Scanning a 58M with deranged LFTs. Where's {thing} on this {mod}? Mask it please."])
    elif st == "clinic":
        ask = R(rng, [
            "I'm writing to the GP after today's hepatology clinic. On this {mod}, could you identify and outline {thing}?",
            "For the clinic letter: which structure on this {mod} is {thing}? Please segment it.",
            "Registrar in the liver clinic. Would you highlight {thing} on this {mod} so I can describe it in my letter?",
            "Seen in clinic today with her daughter. Please outline {thing} on the {mod} we reviewed."])
    else:
        ask = R(rng, [
            "I've just read my " + ("MRCP" if p["orientation"] == "LI" else "scan") + " report online and I'm a bit lost. On this {mod}, can you show me {thing}?",
            "My doctor mentioned {thing}. Where is that on my {mod}? Could you highlight it?",
            "Hi, I got my results on the app. Which bit of this {mod} is {thing}?",
            "Sorry if this is a silly question, but on my {mod} can you outline {thing} for me?"])
    q = ask.format(mod=mod, thing=thing)
    c.say(q)
    return q


def opener(c):
    t, rng = c.p["target"], c.rng
    st = c.style
    pl = c.p["pl"]
    if st == "surgeon":
        return R(rng, ["That's the {t} [SEG]." if not pl else "Those are the {t} [SEG].", "You're after the {t}: [SEG]",
                       "[SEG] This is the {t}." if not pl else "[SEG] These are the {t}.",
                       "The structure is the {t}, segmented here [SEG]." if not pl else "What you want are the {t}, segmented here [SEG]."]).format(t=t)
    if st == "sonographer":
        return R(rng, ["Structure: {t} [SEG]", "Segmented: {t}. [SEG]", "Identified as the {t} [SEG]."]).format(t=t)
    if st == "clinic":
        return R(rng, ["The structure in question is the {t}, outlined here [SEG].",
                       "This corresponds to the {t}, which I have segmented [SEG].",
                       "I have highlighted the {t} [SEG]."]).format(t=t)
    if pl:
        return R(rng, ["What you're asking about are the {t}. I've highlighted them here [SEG].",
                       "Those are the {t} - the coloured areas here [SEG].",
                       "Good question! They're the {t}, shown here [SEG]."]).format(t=t)
    return R(rng, ["The part you're asking about is the {t}. I've highlighted it here [SEG].",
                   "That's the {t} - it's the coloured area here [SEG].",
                   "Good question! It's the {t}, shown here [SEG]."]).format(t=t)


GENERIC_TRAPS = {
    "surgeon": ["Bilirubin is 68 umol/L, so we'd want it under 50 before a major resection.",
                "Anaesthetic review is booked for 2 weeks' time; he is 71 with an ejection fraction of 55%.",
                "Portal vein embolisation usually buys about 10-15% of remnant growth over 4-6 weeks.",
                "The right posterior sectoral duct drains into the left hepatic duct in about 20% of people, so check the MRCP.",
                "A replaced right hepatic artery from the SMA turns up in roughly 15% and changes the dissection."],
    "sonographer": ["Probe: curvilinear 2-5 MHz.", "Patient fasted 6 h; breath-holds adequate.",
                    "Both kidneys normal in size, the left 11.2 cm and the right 10.8 cm.",
                    "Small left pleural effusion incidentally noted.",
                    "Doppler: hepatopetal flow at 22 cm/s in the main portal vein."],
    "clinic": ["Her ALT was 112 U/L and bilirubin 34 umol/L on 3 March.",
               "He drinks about 30 units a week and I have advised him to stop.",
               "We will repeat imaging in 6 months, in line with the usual surveillance interval.",
               "Her FIB-4 score was 2.9 and liver stiffness 11.4 kPa.",
               "I have not changed her ursodeoxycholic acid, 500 mg twice daily."],
    "patient": ["If your report mentions a 'segment 6', that is an address inside the liver, not a count of anything.",
                "Findings like this are more common after 50, and you mentioned you're 52.",
                "Something like 1 in 10 adults has an incidental finding of this sort on a scan.",
                "Your left kidney also looks normal on these pictures.",
                "The 'no free fluid' line in your report is reassuring."],
}

# neighbours whose usual side is fixed enough to mention in passing (never the target)
_OTHER_SIDE = {"spleen": "left", "stomach": "left", "liver": "right", "gallbladder": "right", "duodenum": "right",
               "inferior vena cava": "right", "left kidney": "left", "portal vein": "right"}


def traps(c):
    """Register sentences that carry numbers, sides and sizes of other things."""
    names = [n.strip() for n in c.p["names"]] + [c.p["short"], c.p["target"]]
    out = [t for t in GENERIC_TRAPS[c.style] if not any(n in t.lower() for n in names)]
    return R(c.rng, out)


def other_sentence(c):
    """A true sentence about a neighbour, with its own side or size."""
    opts = [o for o in c.p["others"] if o in _OTHER_SIDE and o not in c.p["target"]]
    if not opts:
        return None
    o = R(c.rng, opts)
    s = _OTHER_SIDE[o]
    return R(c.rng, [f"The {o}, over on the patient's {s}, looks unremarkable.",
                     f"For orientation, the {o} is the {s}-sided structure nearby; it is not part of the outline.",
                     f"The {o} sits on the {s} as usual and is normal in size."])


def hypothetical(c):
    lat = c.f["laterality"]
    if lat not in ("left", "right"):
        return None
    return c.fmt(R(c.rng, ["If {it} had been on the {o}, the differential would be quite different.",
                           "Had this been {o}-sided, I'd be thinking along other lines entirely.",
                           "A {o}-sided finding would have changed the approach, but that isn't the situation here."]),
                 o=_OPP[lat])


_SEG = {"anterior": "V", "posterior": "VII", "central": "VIII"}


def mm(c):
    return c.p["mm"].replace("{seg}", _SEG.get(c.f["vertical"], "VIII"))


def knowledge(c):
    return R(c.rng, c.p["know"])


def image_side_sentence(c):
    """A true sentence joining the screen side and the patient side (left/right masks only)."""
    lat, o = c.f["laterality"], c.p["orientation"]
    if lat not in ("left", "right"):
        return None
    # column axis letter says which patient side increases to the image right
    img = "right" if (o[0] == "L") == (lat == "left") else "left"
    conv = ("we look up from the patient's feet" if o[0] == "L" else
            "this export is displayed as if looking from behind, so screen and patient sides agree")
    return c.fmt(R(c.rng, ["On the screen {it} {is} on the {img}-hand side, which is the patient's {lat} - {conv}.",
                           "It shows on the {img} of the image, but that is the patient's {lat}, because {conv}."]),
                 img=img, lat=lat, conv=conv)


KINDS_ALL = ["laterality", "position", "size", "count"]


def follow_question(c, kind):
    st, rng = c.style, c.rng
    qs = {
        "laterality": {"surgeon": ["Which side is it on, patient frame?", "Remind me of the side - I don't want a wrong-site incision."],
                       "sonographer": ["Which side should I document?", "Side for the report?"],
                       "clinic": ["Which side should I say in the letter?", "For the GP, which side of the body is it on?"],
                       "patient": ["Is it on my left or my right?", "Which side of me is that on?"]},
        "position": {"surgeon": ["Where does it sit relative to its neighbours on this slice?", "Front or back - how deep is it here?"],
                     "sonographer": ["Position on the image for the report?", "Where exactly does it lie?"],
                     "clinic": ["How would you describe its position?", "Where does it lie, for the letter?"],
                     "patient": ["Is it near the front or the back?", "Whereabouts is it exactly?"]},
        "size": {"surgeon": ["How much of the slice does it take up?", "Big or small on this image?"],
                 "sonographer": ["How big is it on the image?", "Size on this image?"],
                 "clinic": ["How large does it appear on this image?", "Is it large on this image?"],
                 "patient": ["Is it big?", "How much of the picture is it?"]},
        "count": {"surgeon": ["How many pieces are we dealing with?", "Is it one lesion or several?"],
                  "sonographer": ["How many separate areas?", "Single or multiple?"],
                  "clinic": ["How many are there?", "Is it just the one area?"],
                  "patient": ["Is there just one of them or more?", "How many are there?"]},
        "know": {"surgeon": ["Any anatomy I should keep in mind?", "What are the numbers I need for the plan?"],
                 "sonographer": ["Anything else worth noting for the report?", "Normal values I should quote?"],
                 "clinic": ["Anything else worth adding for the GP?", "What does the literature say?"],
                 "patient": ["Should I be worried?", "What happens next, do you think?"]},
    }
    if kind == "position" and c.p["orientation"][1] in "SI":
        return R(rng, {"surgeon": ["Where does it sit relative to its neighbours on this coronal slab?", "How high does it sit on the coronal?"],
                       "sonographer": ["Position on the coronal image for the report?", "Where exactly does it lie on the slab?"],
                       "clinic": ["How would you describe its position on the coronal image?", "Where does it lie, for the letter?"],
                       "patient": ["Is it high up or low down in the picture?", "Whereabouts is it exactly?"]}[st])
    return R(rng, qs[kind][st])


def premise_question(c, kind, value):
    """A user turn that states `value` about the target as a premise (true or false)."""
    st, rng = c.style, c.rng
    if kind == "laterality":
        core = side_text(c, value, "x")
    elif kind == "position":
        core = vert_text(c, value[1]) if value[0] == "vert" else rel_text_safe(c, value[1], value[2])
    elif kind == "size":
        core = size_text(c, value)
    else:
        core = count_text(c, value[1])
    lead = {"surgeon": ["The registrar's note says: \"", "From the outside report: \"", "My reading of it: \""],
            "sonographer": ["The previous report said: \"", "My own note reads: \"", "I wrote: \""],
            "clinic": ["The referral letter states: \"", "The radiology report reads: \"", "The GP wrote: \""],
            "patient": ["My report says: \"", "The radiology report on the app says: \"", "The doctor told me: \""]}[st]
    tail = {"surgeon": ["\" Does that change the approach?", "\" Anything else I should plan for?"],
            "sonographer": ["\" What else should I comment on?", "\" Anything to add?"],
            "clinic": ["\" What should I recommend to the GP?", "\" Anything else for the letter?"],
            "patient": ["\" What does that mean for me?", "\" Is that something to worry about?"]}[st]
    return R(rng, lead), core, R(rng, tail)


def reply_without(c):
    """An assistant reply that does not restate any property of the target's geometry."""
    p, st, rng = c.p, c.style, c.rng
    if st == "surgeon":
        return R(rng, ["From a planning point of view: " + knowledge(c), "Worth noting for the plan. " + mm(c) + " " + knowledge(c)])
    if st == "sonographer":
        return R(rng, ["Suggest documenting measurements: " + mm(c), "Add to report: " + mm(c) + "\n" + knowledge(c)])
    if st == "clinic":
        return R(rng, ["I would suggest the letter includes the measurement: " + mm(c) + " " + knowledge(c),
                       "For the GP, the key point is management. " + knowledge(c)])
    return R(rng, ["That's a fair question. " + knowledge(c) + " Your own team will explain what it means for you.",
                   "Try not to worry too much. " + knowledge(c) + " It's worth writing your questions down for the appointment."])


def correction(c, kind, true_v):
    lead = {"surgeon": ["Not quite - ", "I'd correct that: ", "That's wrong, actually. "],
            "sonographer": ["Correction: ", "Disagree - ", "That's not what the image shows. "],
            "clinic": ["I do not think that is right. ", "With respect, that is inaccurate: ", "That is a common misreading. "],
            "patient": ["Actually, that's not quite right. ", "No, not quite. ", "I'd gently disagree with that. "]}[c.style]
    return join_lead(R(c.rng, lead), claim_text(c, kind, true_v))


def join_lead(lead, t):
    if lead.endswith(("- ", ": ")) and t.startswith(("It ", "They ", "The ")):
        t = t[0].lower() + t[1:]
    return lead + t


def matched_true(kind, fv, f, rng):
    """The true value that answers the false value fv on the same point."""
    if kind == "size":
        return ("class", f["size_class"]) if fv[0] == "class" else ("pct", pct_val(f["area_fraction"] * 100))
    if kind == "position":
        if fv[0] == "vert":
            return ("vert", f["vertical"])
        return ("rel", _FLIP[fv[1]], fv[2])
    return true_value(kind, f, rng, allow_neg=False)


def self_slip(c, kind):
    """A false statement the assistant takes back at once, then the true one."""
    fv = false_value(kind, c.f, c.rng)
    tv = matched_true(kind, fv, c.f, c.rng)
    return fv, tv, R(c.rng, ["Sorry, my mistake: ", "Correction: ", "Scratch that. ", "I got that wrong. "])


# -- the build -----------------------------------------------------------------------------------------

def build(p, facts, style, rng, defect):
    f = dict(facts)
    f["_ax"] = p["orientation"][1] not in "SI"
    c = Conv(p, f, style, rng)
    names = defect == "names_target"
    c.start("user")
    q = first_question(c, names)
    planted_kind = defect if defect in KINDS_ALL else None
    loc = None
    if planted_kind:
        loc = R(rng, ["first", "follow", "premise"])
    # which other kinds get true claims
    others = [k for k in KINDS_ALL if k != planted_kind]
    rng.shuffle(others)
    n_true = rng.randint(2, 3) if planted_kind else rng.randint(3, 4)
    true_kinds = others[:n_true]
    first_kinds = true_kinds[: rng.randint(1, max(1, len(true_kinds) - 1))]
    later_kinds = true_kinds[len(first_kinds):]
    clean = defect is None or defect == "names_target"

    # first answer
    c.start("assistant")
    c.say(opener(c))
    items = []
    for k in first_kinds:
        items.append(("true", k))
    if planted_kind and loc == "first":
        items.insert(rng.randrange(len(items) + 1), ("false", planted_kind))
    for kind_tag, k in items:
        if kind_tag == "false":
            v = false_value(k, f, rng)
            c.claim(k, v, claim_text(c, k, v), planted=True)
        elif clean and rng.random() < 0.15:
            fv, tv, lead = self_slip(c, k)
            c.claim(k, fv, claim_text(c, k, fv), corrected=True)
            c.claim(k, tv, join_lead(lead, claim_text(c, k, tv)))
        else:
            v = true_value(k, f, rng, allow_neg=True)
            c.claim(k, v, claim_text(c, k, v))
            if k == "laterality" and v == ("side", f["laterality"]) and rng.random() < 0.35:
                s = image_side_sentence(c)
                if s:
                    c.claim(k, ("side", f["laterality"]), s)
    if rng.random() < 0.6:
        c.say(knowledge(c))
    if rng.random() < 0.4:
        c.say(mm(c))
    if clean and rng.random() < 0.3:
        h = hypothetical(c)
        if h:
            c.claim("laterality", ("notside", _OPP[f["laterality"]]), h)
    if rng.random() < 0.35:
        o = other_sentence(c)
        if o:
            c.say(o)

    # follow-up rounds
    rounds = []
    for k in later_kinds:
        rounds.append(("ask", k))
    if planted_kind and loc == "follow":
        rounds.insert(rng.randrange(len(rounds) + 1), ("askfalse", planted_kind))
    if planted_kind and loc == "premise":
        rounds.insert(rng.randrange(len(rounds) + 1), ("premisefalse", planted_kind))
    if clean and rng.random() < 0.5:
        k = R(rng, KINDS_ALL)
        rounds.insert(rng.randrange(len(rounds) + 1), ("premisecorrect", k))
    if clean and rng.random() < 0.3:
        k = R(rng, KINDS_ALL)
        rounds.append(("premisetrue", k))
    if not rounds or rng.random() < 0.4:
        rounds.insert(rng.randrange(len(rounds) + 1), ("know", None))
    while len(rounds) > 3:
        # keep the planted round; drop a plain one
        drop = [i for i, (t, _) in enumerate(rounds) if t in ("know", "premisetrue", "premisecorrect", "ask")]
        rounds.pop(drop[-1])
    for tag, k in rounds:
        c.start("user")
        if tag in ("ask", "askfalse"):
            c.say(follow_question(c, k))
            c.start("assistant")
            if tag == "askfalse":
                v = false_value(k, f, rng)
                c.claim(k, v, claim_text(c, k, v), planted=True)
            else:
                v = true_value(k, f, rng, allow_neg=clean)
                c.claim(k, v, claim_text(c, k, v))
            if rng.random() < 0.5:
                c.say(traps(c) if rng.random() < 0.5 else knowledge(c))
        elif tag == "know":
            c.say(follow_question(c, "know"))
            c.start("assistant")
            c.say(knowledge(c))
            if rng.random() < 0.6:
                c.say(traps(c))
        elif tag == "premisefalse":
            v = false_value(k, f, rng)
            lead, core, tail = premise_question(c, k, v)
            c.claim(k, v, core, planted=True)
            c.buf[-1] = lead + core + tail
            c.claims[-1]["text"] = core
            c.start("assistant")
            c.say(reply_without(c))
        elif tag == "premisecorrect":
            v = false_value(k, f, rng)
            lead, core, tail = premise_question(c, k, v)
            c.claim(k, v, core, corrected=True)
            c.buf[-1] = lead + core + tail
            c.start("assistant")
            tv = matched_true(k, v, f, rng)
            text = correction(c, k, tv)
            c.claim(k, tv, text)
            if rng.random() < 0.5:
                c.say(knowledge(c))
        elif tag == "premisetrue":
            v = true_value(k, f, rng, allow_neg=False)
            lead, core, tail = premise_question(c, k, v)
            c.claim(k, v, core)
            c.buf[-1] = lead + core + tail
            c.start("assistant")
            c.say(R(rng, ["Yes, that matches the image.", "That's right.", "Agreed, that is what the image shows."]) + " " + knowledge(c))
    c.flush()
    LEDGER.append({"target": p["target"], "orientation": p["orientation"], "defect": defect, "loc": loc if planted_kind else ("question" if names else None),
                   "names_in_q": names, "first_q": q, "claims": c.claims, "mask": _LAST.get("mask"),
                   "others": _LAST.get("others")})
    return c.turns, ([] if defect is None else [defect])
