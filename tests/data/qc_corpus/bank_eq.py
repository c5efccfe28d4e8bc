"""Bank EQ: negation and hedging density.

Targets: abdomen CT (liver, spleen, right kidney, kidneys, gallbladder, liver metastases), thorax CT (lungs,
heart, esophagus, lung nodules), brain MR (lateral ventricles, glioma, corpus callosum, brain metastases) and
pelvis MR (urinary bladder, prostate, rectum, ovaries, uterine fibroids); lateral, bilateral, midline and
multi-piece masks, all axial (orientation "LP").

Registers (STYLES): "cautious_llm" (hedged LLM prose), "double_negative_clinician" ("not unlike", "no ...
component", "not small; not medium"), "socratic_denials" (asks and denies the wrong options), "concessive"
("although X, Y", "even if X, Y"). Every fact is stated through denials, double negatives, hedges, scoped
negations and concessions that a careful reader still resolves to one value; clean rows carry user
misconceptions that the assistant explicitly corrects.

Written without reading QC.

Own check (/work/notes/qceq_scripts/check_eq.py: a ledger of every claim each sentence makes, evaluated against
the row's facts; rows regenerated and compared with heldout_eq.jsonl): rows: 420 clean: 210 defect: 210 (42 of
each kind), problems: 0. Of the 168 side/position/size/count defects, 107 sit in the first answer, 28 in a
follow-up answer, 33 in a user turn (uncorrected premise); 141 user misconceptions are explicitly corrected.
Masks: 115 bilateral, 106 midline, 166 with two or more pieces.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["cautious_llm", "double_negative_clinician", "socratic_denials", "concessive"]

# the ledger of every claim made by the last conversations built (read by the writer's own check only)
LEDGERS: list[list[dict]] = []

P = dict  # a profile


def _p(target, display, region, modality, ell, others, forbid, qs, nqs, know, plural=False):
    return P(target=target, display=display, region=region, modality=modality, ell=ell, others=others,
             forbid=forbid, qs=qs, nqs=nqs, know=know, plural=plural)


PROFILES = [
    _p("liver", "liver", "abdomen", "CT", [(80, 115, 52, 44)],
       {"stomach": (0.66, 0.42), "aorta": (0.52, 0.60), "spleen": (0.80, 0.55)},
       ["liver", "hepat", "hepar"],
       ["Which organ here makes bile and stores glycogen? Please segment it.",
        "The patient has jaundice and raised transaminases. Which organ should I be looking at on this CT? Outline it for me.",
        "Can you segment the largest solid organ of the upper abdomen on this slice and tell me what it is?"],
       ["Please segment the liver on this CT slice.", "Where is the hepatic parenchyma here? Segment it."],
       ["The spleen sits on the opposite side, under the left lower ribs, and is not part of this mask.",
        "Fatty infiltration is found in roughly 25% of adults, though not every case is visible on CT.",
        "The inferior vena cava runs behind the caudate lobe, not in front of it."]),
    _p("spleen", "spleen", "abdomen", "CT", [(186, 150, 20, 30)],
       {"stomach": (0.62, 0.40), "left kidney": (0.70, 0.66)},
       ["spleen", "splen", "lien"],
       ["Which organ filters old red cells and sits tucked under the lower ribs? Please segment it.",
        "After blunt trauma to the upper abdomen, which organ do surgeons worry about rupturing most? Outline it here.",
        "Find the organ that enlarges in infectious mononucleosis and segment it, please."],
       ["Segment the spleen, please.", "Can you outline the splenic parenchyma on this CT?"],
       ["An accessory splenule turns up in about 10% of people, usually near the hilum.",
        "The liver fills the opposite upper quadrant, on the patient's right.",
        "The tail of the pancreas reaches toward the hilum, running in front of the left kidney."]),
    _p("right kidney", "right kidney", "abdomen", "CT", [(80, 160, 15, 22)],
       {"liver": (0.31, 0.43), "aorta": (0.52, 0.62)},
       ["kidney", "renal", "nephr"],
       ["One of the paired retroperitoneal organs that make urine is labelled here. Which one, and can you segment it?",
        "The patient has flank pain and blood in the urine. Which organ's outline is this? Please segment it."],
       ["Segment the right kidney on this slice.", "Could you outline the renal cortex on the right?"],
       ["The left renal vein crosses in front of the aorta, not behind it, in most people.",
        "Simple cysts of this organ are found in more than a quarter of adults over 50.",
        "The adrenal glands sit above the upper poles, not beside the hilum."]),
    _p("kidneys", "kidneys", "abdomen", "CT", [(78, 160, 14, 22), (178, 160, 14, 22)],
       {"pancreas": (0.50, 0.48), "spine": (0.50, 0.74)},
       ["kidney", "renal", "nephr"],
       ["Which paired organs produce urine? Segment them on this slice.",
        "Creatinine keeps climbing. Which organs should I look at on this CT? Please outline them."],
       ["Please segment both kidneys.", "Outline the renal parenchyma on this CT."],
       ["The left renal vein passes in front of the aorta in roughly 97% of people; a retro-aortic course is the exception.",
        "A horseshoe configuration, where the lower poles fuse across the midline, occurs in about 1 in 500 people.",
        "The psoas muscles run alongside the spine, medial to these organs."], plural=True),
    _p("gallbladder", "gallbladder", "abdomen", "CT", [(70, 130, 10, 14)],
       {"liver": (0.35, 0.42), "duodenum": (0.45, 0.50)},
       ["gallbladder", "gall bladder", "cholecyst"],
       ["Which small pear-shaped sac stores and concentrates bile? Segment it.",
        "Pain after fatty meals and a positive Murphy's sign: which organ is this? Please outline it."],
       ["Please segment the gallbladder.", "Outline the gall bladder on this CT."],
       ["Gallstones are present in roughly 10 to 15% of adults in Western countries, most of them silent.",
        "The common bile duct runs down in front of the portal vein, not behind it.",
        "The pancreas lies across the midline, behind the stomach."]),
    _p("liver metastases", "liver metastases", "abdomen", "CT", [(70, 100, 9, 8), (95, 125, 7, 7), (75, 140, 6, 6)],
       {"stomach": (0.66, 0.42), "aorta": (0.52, 0.60)},
       ["liver", "hepat", "metasta", "secondar", "mets"],
       ["Known colorectal cancer, staging CT. What are these low-density spots, and can you segment them?",
        "This patient had a colon resection two years ago. Can you outline the new hypodense lesions and say what they probably are?"],
       ["Segment the liver metastases, please.", "Please outline the hepatic metastases."],
       ["Colorectal cancer spreads to this organ in about half of patients at some point.",
        "The spleen, on the patient's left, is the usual comparison organ for attenuation.",
        "Simple cysts are common too, seen in perhaps 5% of adults, and they do not enhance."], plural=True),
    _p("lungs", "lungs", "thorax", "CT", [(72, 122, 36, 60), (184, 122, 36, 60)],
       {"heart": (0.50, 0.36), "spine": (0.50, 0.75)},
       ["lung", "pulmon", "pneum"],
       ["Which paired organs handle gas exchange? Segment them on this chest CT.",
        "Which organs would be hyperinflated in emphysema? Please outline them here."],
       ["Please segment the lungs.", "Outline both lungs on this chest CT."],
       ["The right side has three lobes and the left has two, partly because the heart leans left.",
        "The trachea divides behind the aortic arch, slightly to the right of the midline.",
        "Emphysema affects something like 1 in 20 adults over 40 to some degree."], plural=True),
    _p("heart", "heart", "thorax", "CT", [(148, 95, 30, 26)],
       {"descending aorta": (0.57, 0.70), "spine": (0.50, 0.78)},
       ["heart", "cardi", "myocard"],
       ["Which organ pumps blood around the body? Segment it on this chest CT.",
        "Chest pain with a raised troponin: which organ is this? Outline it for me."],
       ["Please segment the heart.", "Outline the cardiac silhouette on this CT."],
       ["Dextrocardia, with the apex pointing to the right, occurs in well under 0.1% of births.",
        "The descending aorta runs down on the left of the spine, behind the left atrium.",
        "The right ventricle is the most anterior chamber, just behind the sternum."]),
    _p("esophagus", "esophagus", "thorax", "CT", [(131, 150, 7, 6)],
       {"heart": (0.60, 0.37), "descending aorta": (0.58, 0.68)},
       ["esophag", "oesophag", "gullet"],
       ["Which muscular tube carries swallowed food to the stomach? Segment it on this chest slice.",
        "The patient has trouble swallowing solids. Which structure should I trace here?"],
       ["Segment the esophagus.", "Please outline the oesophagus."],
       ["The trachea lies in front of it in the neck, and the left atrium presses on it lower down.",
        "Barrett's change is found in roughly 1 to 2% of adults undergoing endoscopy.",
        "The azygos vein arches over the right main bronchus, not the left."]),
    _p("lung nodules", "lung nodules", "thorax", "CT", [(70, 100, 5, 5), (85, 140, 4, 4)],
       {"heart": (0.55, 0.37), "spine": (0.50, 0.78)},
       ["nodul", "lung", "pulmon"],
       ["Screening CT in a long-term smoker: can you segment the small round opacities here?",
        "What are these small round densities on the chest CT, and can you outline them for me?"],
       ["Segment the lung nodules.", "Please outline the pulmonary nodules."],
       ["Most small findings like these, perhaps 95% of those under 6 mm, turn out benign.",
        "The heart sits left of centre, well away from the right lower lobe.",
        "Granulomas often calcify, which makes them look denser than a soft-tissue lesion."], plural=True),
    _p("lateral ventricles", "lateral ventricles", "brain", "MR", [(106, 120, 8, 24), (150, 120, 8, 24)],
       {"third ventricle": (0.50, 0.56), "cerebellum": (0.50, 0.85)},
       ["ventric"],
       ["Which CSF-filled cavities would enlarge in hydrocephalus? Segment them.",
        "Where does the choroid plexus of the cerebral hemispheres make cerebrospinal fluid? Outline those spaces."],
       ["Segment the lateral ventricles.", "Outline both ventricular bodies."],
       ["The septum pellucidum is a thin sheet in the midline; a cavum forms in about 10% of adults.",
        "Mild asymmetry, with the left side a little larger, is common and usually means nothing.",
        "The fourth ventricle lies behind the pons, in front of the cerebellum."], plural=True),
    _p("glioma", "glioma", "brain", "MR", [(168, 82, 20, 17)],
       {"lateral ventricles": (0.50, 0.47), "cerebellum": (0.50, 0.85)},
       ["glio", "gbm", "astrocyt"],
       ["This enhancing, infiltrative mass with surrounding oedema: what is the likely primary tumour, and can you segment it?",
        "A 60-year-old with new seizures and a mass on MR. Outline the tumour and tell me what you think it is."],
       ["Segment the glioma.", "Please outline the glioblastoma."],
       ["Meningiomas, by contrast, are extra-axial and have a dural tail in roughly 60% of cases.",
        "The motor strip lies behind the central sulcus, not in front of it.",
        "Broca's area sits in the inferior frontal gyrus of the dominant, usually left, hemisphere."]),
    _p("corpus callosum", "corpus callosum", "brain", "MR", [(128, 118, 26, 5)],
       {"third ventricle": (0.50, 0.56), "cerebellum": (0.50, 0.85)},
       ["callos"],
       ["Which white-matter bundle connects the two hemispheres? Segment it.",
        "Which commissure is cut in a split-brain operation? Please outline it."],
       ["Segment the corpus callosum.", "Outline the callosal body."],
       ["Agenesis of this commissure is rare, seen in roughly 1 in 4,000 live births.",
        "The anterior commissure is far smaller and sits lower, in front of the fornix.",
        "Multiple sclerosis plaques often sit on its underside, perpendicular to the ventricles."]),
    _p("brain metastases", "brain metastases", "brain", "MR", [(85, 80, 7, 7), (168, 100, 7, 7), (150, 160, 5, 5)],
       {"cerebellum": (0.50, 0.85), "pineal gland": (0.50, 0.60)},
       ["metasta", "secondar", "mets", "brain", "cerebr"],
       ["Known lung cancer, now new headaches. Can you segment the enhancing lesions on this post-contrast MR?",
        "These ring-enhancing deposits on the head MR: segment them for me, would you, and say what they likely are?"],
       ["Segment the brain metastases.", "Please outline the cerebral metastases."],
       ["Lung cancer is the most common primary, behind perhaps 40 to 50% of such cases.",
        "Deposits favour the grey-white junction, where vessels narrow.",
        "Abscesses can look similar, though they usually restrict diffusion in the centre."], plural=True),
    _p("urinary bladder", "urinary bladder", "pelvis", "MR", [(128, 95, 28, 22)],
       {"rectum": (0.50, 0.68), "left femoral head": (0.75, 0.50)},
       ["bladder", "vesic", "cyst"],
       ["Which hollow organ stores urine before voiding? Segment it on this pelvic MR.",
        "Where does urine collect between voids? Please outline that organ here."],
       ["Segment the urinary bladder.", "Outline the bladder on this MR."],
       ["The seminal vesicles sit behind it in men, above the prostate.",
        "The ureters enter at its back, one from the left and one from the right.",
        "Diverticula occur in perhaps 1 to 2% of adults, usually near the ureteric openings."]),
    _p("prostate", "prostate", "pelvis", "MR", [(128, 136, 12, 10)],
       {"urinary bladder": (0.50, 0.38), "rectum": (0.50, 0.70)},
       ["prostat"],
       ["Which gland surrounds the male urethra just below the bladder? Segment it.",
        "PSA is 9 ng/mL. Which gland should I be outlining on this pelvic MR?"],
       ["Segment the prostate.", "Please outline the prostatic gland."],
       ["About 70% of cancers arise in the peripheral zone, the part nearest the rectum.",
        "The seminal vesicles lie above and behind it, one on each side.",
        "Benign enlargement affects roughly half of men over 60."]),
    _p("rectum", "rectum", "pelvis", "MR", [(128, 172, 13, 11)],
       {"urinary bladder": (0.50, 0.37), "left femoral head": (0.75, 0.50)},
       ["rect", "procto"],
       ["Which final segment of the large bowel stores stool before defecation? Segment it.",
        "Which part of the bowel would a digital examination reach? Please outline it on this MR."],
       ["Segment the rectum.", "Outline the rectal wall here."],
       ["The sigmoid colon usually loops across from the left before it joins this segment.",
        "The mesorectal fascia is the plane surgeons follow; involvement changes staging.",
        "In women the uterus and vagina lie in front of it, in men the prostate and bladder."]),
    _p("ovaries", "ovaries", "pelvis", "MR", [(86, 125, 10, 8), (170, 125, 10, 8)],
       {"uterus": (0.50, 0.40), "rectum": (0.50, 0.72)},
       ["ovar", "adnex", "oophor"],
       ["Which paired glands produce oocytes and oestrogen? Segment them.",
        "Which organs would I check for a polycystic appearance? Outline them on this MR."],
       ["Segment the ovaries.", "Please outline both ovaries."],
       ["Functional cysts are common, seen in perhaps 7% of women at some point.",
        "The uterus usually lies in the midline, tilted forward over the bladder.",
        "The ureters run just behind the ovarian fossae on both sides."], plural=True),
    _p("uterine fibroids", "uterine fibroids", "pelvis", "MR", [(100, 110, 16, 14), (160, 104, 11, 10)],
       {"rectum": (0.50, 0.72), "urinary bladder": (0.50, 0.30)},
       ["fibroid", "leiomyom", "myoma", "uter"],
       ["Heavy menstrual bleeding and a bulky pelvis. Can you segment the benign smooth-muscle tumours here?",
        "What are these well-circumscribed, low-T2 masses in the pelvis, and can you outline them?"],
       ["Segment the uterine fibroids.", "Please outline the leiomyomas."],
       ["By age 50 something like 70% of women have at least one such tumour, most without symptoms.",
        "Adenomyosis, by contrast, thickens the junctional zone rather than forming a round mass.",
        "The ovaries sit off to each side, not in front of the bladder."], plural=True),
]


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    for (cx, cy, ax, ay) in p["ell"]:
        cx, cy = cx + rng.uniform(-1.5, 1.5), cy + rng.uniform(-1.5, 1.5)
        k = rng.uniform(0.96, 1.04)
        mask |= ((xx - cx) / (ax * k)) ** 2 + ((yy - cy) / (ay * k)) ** 2 <= 1.0
    return compute_facts(mask, "LP", dict(p["others"])).model_dump(mode="json")


def record_for(p):
    return dict(modality=p["modality"], body_region=p["region"], orientation="LP")


# ---- wording ---------------------------------------------------------------------------------------------

_VERBS = {"is": "are", "lies": "lie", "sits": "sit", "spares": "spare", "covers": "cover", "takes": "take",
          "appears": "appear", "straddles": "straddle", "looks": "look", "isnt": "aren't", "has": "have",
          "occupies": "occupy", "shows": "show"}
_NW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior"}
_REL = {"left_of": "to the left of the {X}", "right_of": "to the right of the {X}",
        "anterior_to": "in front of the {X}", "posterior_to": "behind the {X}"}
_REL_SHORT = {"left_of": "to its left", "right_of": "to its right", "anterior_to": "in front of it",
              "posterior_to": "behind it"}
_REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}


def _subject(p, rng):
    """(Capitalised subject, pronoun, object pronoun, plural)."""
    name = p["display"]
    opts = [("It", "it", "it", False), ("The mask", "it", "it", False), ("The segmented region", "it", "it", False)]
    if p["plural"]:
        opts += [("They", "they", "them", True), (f"The {name}", "they", "them", True),
                 ("The segmented regions", "they", "them", True)]
    else:
        opts += [(f"The {name}", "it", "it", False), (f"This {name}", "it", "it", False)]
    S, s, o, pl = rng.choice(opts)
    g = {"S": S, "s": s, "obj": o}
    g.update({k: (v if pl else k) for k, v in _VERBS.items()})
    g["isnt"] = "aren't" if pl else "isn't"
    g["Is"] = "Are" if pl else "Is"
    return g


def _fill(t, g, **kw):
    d = dict(g)
    d.update(kw)
    out = t.format(**d)
    return out[0].upper() + out[1:]


SIDE_LR = {
    "common": ["{S} {lies} on the patient's {v}, not the {o}.",
               "{S} {is} absent on the {o}; everything segmented is on the patient's {v} side.",
               "{S} {spares} the {o} side entirely and {sits} on the patient's {v}.",
               "It is not the case that {s} {lies} on the {o}: {s} {is} on the patient's {v}.",
               "{S} {appears} on the image's {img}, which is the patient's {v}, so {s} {isnt} on the patient's {o}."],
    "cautious_llm": ["If I'm reading the orientation correctly, and I have no reason to doubt it, {s} {lies} on the patient's {v}, not the {o}.",
                     "I wouldn't call {obj} {o}-sided; as far as I can tell {s} {is} on the patient's {v}."],
    "double_negative_clinician": ["No {o}-sided component; {v} side only.",
                                  "Not a midline finding and not {o}-sided: {v}."],
    "socratic_denials": ["{Is} {s} on the {o}? No. In the midline? Not that either. On the patient's {v}? Yes.",
                         "Could {s} be {o}-sided? Hardly: {s} {sits} on the patient's {v}."],
    "concessive": ["Although {s} {appears} on the image's {img}, {s} {is} on the patient's {v}, not the {o}.",
                   "Even if {s} {looks} near the middle at first glance, {s} {is} on the patient's {v} and not in the midline."],
}
SIDE_MID = {
    "common": ["{S} {is} neither left- nor right-sided; {s} {sits} in the midline.",
               "{S} {straddles} the midline rather than favouring either side.",
               "It is not the case that {s} {lies} on one side: midline."],
    "cautious_llm": ["I wouldn't call {obj} left or right; {s} {is}, as far as I can judge, midline."],
    "double_negative_clinician": ["Not lateralised: midline.", "No left or right predominance; midline position."],
    "socratic_denials": ["Left? No. Right? No. {S} {sits} in the midline."],
    "concessive": ["Even if {s} {looks} slightly off-centre, {s} {is} midline rather than left or right."],
}
SIDE_BI = {
    "common": ["{S} {is} not only on the left: there are separate parts on both sides, so bilateral.",
               "Neither side is spared: {s} {is} bilateral.",
               "{S} {is} present on the right and no less on the left, which makes {obj} bilateral."],
    "cautious_llm": ["I wouldn't call {obj} one-sided; {s} {is} bilateral, with separate parts left and right."],
    "double_negative_clinician": ["Not unilateral: bilateral, neither side spared."],
    "socratic_denials": ["Only on the left? No. Only on the right? No. On both sides: bilateral."],
    "concessive": ["Although one side may catch the eye first, {s} {is} bilateral, with parts on the left and on the right."],
}
SIDE_ONLY = {  # a one-sided assertion about a mask (used for a bilateral mask's wrong side)
    "common": ["{S} {is} confined to the patient's {v} side; nothing is on the {o}.",
               "{S} {spares} the {o} side completely: {v} only."],
    "cautious_llm": ["As far as I can tell, {s} {is} only on the patient's {v}, with nothing on the {o}."],
    "double_negative_clinician": ["No {o}-sided component: {v} side only."],
    "socratic_denials": ["Both sides? No. Only the {v}? Yes, nothing on the {o}."],
    "concessive": ["Although the {o} side was scanned just as well, {s} {is} only on the patient's {v}."],
}
VERT_AP = {
    "common": ["{S} {lies} {adv}, not {oadv}.",
               "I wouldn't call {obj} {o}; {s} {sits} toward the {side} of the body.",
               "It is not the case that {s} {lies} {oadv}: {v} is the word.",
               "{S} {is} far from the {oside} of the body: {s} {is} {v}."],
    "cautious_llm": ["As far as I can tell, {s} {is} {v} rather than central or {o}."],
    "double_negative_clinician": ["Not {o}; {v}.", "No central or {o} position: {v}."],
    "socratic_denials": ["{O}? No. Central? Not really. {V}, yes.", "{Is} {s} toward the {oside}? No; {s} {is} {v}."],
    "concessive": ["Even if the slice makes it hard to judge, {s} {is} {v}, not {o}.",
                   "Although {s} {isnt} right at the edge, {s} {is} clearly {v} rather than central."],
}
VERT_C = {
    "common": ["{S} {is} neither anterior nor posterior; front to back, {s} {is} central.",
               "Front to back, {s} could hardly be more central.",
               "Not displaced forward, not displaced backward: central."],
    "cautious_llm": ["I wouldn't call {obj} anterior or posterior; centrally placed, as far as I can see."],
    "double_negative_clinician": ["No anterior or posterior displacement; central."],
    "socratic_denials": ["Anterior? No. Posterior? No. Central."],
    "concessive": ["Although {s} may look slightly forward, {s} {is} central front to back, neither anterior nor posterior."],
}
SIZE = {
    "small": {"common": ["{S} {is} far from large; small, in fact.",
                         "By any measure {s} {is} small: not medium, certainly not large.",
                         "{S} {is} hardly big; small is the right class."],
              "cautious_llm": ["I'd call {obj} small, and I wouldn't stretch to medium."],
              "double_negative_clinician": ["Not large, not medium: small.", "Not an insignificant finding, but small in size."],
              "socratic_denials": ["Large? Far from it. Medium? Not even that. Small."],
              "concessive": ["Although {s} {is} clinically important, {s} {is} small, not medium or large."]},
    "medium": {"common": ["{S} {is} neither small nor large; medium.", "Not small, though far from large: medium-sized."],
               "cautious_llm": ["I wouldn't call {obj} large; medium, no more, and not small either."],
               "double_negative_clinician": ["Not small; not large either. Medium."],
               "socratic_denials": ["Small? No. Large? No. Medium."],
               "concessive": ["Even if {s} {looks} conspicuous, {s} {is} medium, not large."]},
    "large": {"common": ["{S} {is} anything but small: large.", "Not small by any measure; this is a large region.",
                         "I wouldn't call {obj} medium; {s} {is} large."],
              "cautious_llm": ["{S} {is}, I think it's fair to say, large: not medium and certainly not small."],
              "double_negative_clinician": ["Not small; not medium; large."],
              "socratic_denials": ["Small? Not by any measure. Medium? No. Large."],
              "concessive": ["Although it's only one slice, {s} {is} large, not medium."]},
}
PCT_EXACT = ["{S} {covers} about {p}% of the image.",
             "{S} {takes} up roughly {p} percent of the image area, not much more and not much less.",
             "By my estimate, {s} {occupies} around {p}% of the frame."]
PCT_BOUND = [("{S} {takes} up no more than about {p}% of the frame.", 1.08),
             ("{S} {covers} a shade over {p}% of the slice.", 0.93),
             ("Not quite {p}% of the image is covered.", 1.06)]
COUNT1 = {"common": ["{S} {is} a single piece, without any second piece.",
                     "There is no second component: one region only.", "Not two pieces but one."],
          "cautious_llm": ["I can't see any second piece; it looks like a single connected region."],
          "double_negative_clinician": ["Not multifocal: a single component, no satellites."],
          "socratic_denials": ["Two pieces? No. One, a single connected region."],
          "concessive": ["Although the edge is irregular, it is one piece, without any second component."]}
COUNTN = {"common": ["Not one but {n} separate pieces.", "No fewer and no more than {n} separate regions.",
                     "{N} separate components, not a single piece."],
          "cautious_llm": ["If I count correctly, there are {n} separate pieces, not one."],
          "double_negative_clinician": ["Not solitary: {n} separate components."],
          "socratic_denials": ["One piece? No. {M}? No. {N} separate pieces."],
          "concessive": ["Although it's labelled as one target, the mask has {n} separate pieces."]}
REL = {"common": ["{S} {lies} {r}, not {rs}.", "It is not the case that {s} {lies} {ro}; {s} {is} {r}."],
       "cautious_llm": ["I wouldn't place {obj} {ro}; {s} {is} {r}, as far as I can see."],
       "double_negative_clinician": ["Not {ro}: {r}."],
       "socratic_denials": ["{RO}? No, {r}."],
       "concessive": ["Although the two are neighbours, {s} {lies} {r}, not {rs}."]}


def _pick(pool, style, rng):
    return rng.choice(pool[style] if style in pool and rng.random() < 0.6 else pool["common"])


def fmt_pct(x):
    if x >= 10:
        return str(int(round(x)))
    if x >= 1:
        return f"{x:.1f}"
    return f"{x:.2f}"


def side_word(facts):
    return facts["laterality"]


def render(p, facts, slot, val, style, rng, exact=False):
    """A sentence asserting `val` for `slot`; returns (sentence, ledger value)."""
    g = _subject(p, rng)
    if slot == "side":
        v = val
        if v in ("left", "right"):
            pool = SIDE_ONLY if facts["laterality"] == "bilateral" else SIDE_LR
            return _fill(_pick(pool, style, rng), g, v=v, o=_OPP[v], img=_OPP[v]), v
        if v == "midline":
            return _fill(_pick(SIDE_MID, style, rng), g), v
        return _fill(_pick(SIDE_BI, style, rng), g), v
    if slot == "vert":
        if val == "central":
            return _fill(_pick(VERT_C, style, rng), g), val
        o = _OPP[val]
        return _fill(_pick(VERT_AP, style, rng), g, v=val, o=o, V=val.capitalize(), O=o.capitalize(),
                     adv=val + "ly", oadv=o + "ly", side="front" if val == "anterior" else "back",
                     oside="back" if val == "anterior" else "front"), val
    if slot == "size":
        return _fill(_pick(SIZE[val], style, rng), g), val
    if slot == "pct":
        if exact or rng.random() < 0.5:
            x = float(fmt_pct(val))
            return _fill(rng.choice(PCT_EXACT), g, p=fmt_pct(val)), x
        t, k = rng.choice(PCT_BOUND)
        ps = fmt_pct(val * k)
        return _fill(t, g, p=ps), float(ps)
    if slot == "count":
        if val == 1:
            return _fill(_pick(COUNT1, style, rng), g), 1
        n = _NW[val]
        return _fill(_pick(COUNTN, style, rng), g, n=n, N=n.capitalize(), M=_NW[val + 1].capitalize()), val
    other, rel = val
    ro = _REL[_REL_OPP[rel]].format(X=other)
    rs = _REL_SHORT[_REL_OPP[rel]]
    if other.endswith("ventricles"):
        rs = rs.replace("its", "their").replace(" it", " them")
    return _fill(_pick(REL, style, rng), g, r=_REL[rel].format(X=other), rs=rs,
                 ro=ro, RO=ro[0].upper() + ro[1:]), (other, rel)


def wrong_value(slot, facts, rng, true_val):
    if slot == "side":
        lat = facts["laterality"]
        if lat in ("left", "right"):
            return rng.choice([_OPP[lat]] * 3 + ["midline"])
        return rng.choice(["left", "right"])
    if slot == "vert":
        return {"anterior": ["posterior", "posterior", "central"], "posterior": ["anterior", "anterior", "central"],
                "central": ["anterior", "posterior"]}[true_val][rng.randrange(3 if true_val != "central" else 2)]
    if slot == "size":
        return rng.choice([c for c in ("small", "medium", "large") if c != true_val])
    if slot == "pct":
        return true_val * rng.choice([0.25, 0.3, 3.0, 3.5])
    if slot == "count":
        return true_val + 1 if true_val <= 2 else rng.choice([true_val - 1, true_val + 1])
    other, rel = true_val
    return (other, _REL_OPP[rel])


# ---- user turns ------------------------------------------------------------------------------------------

ASK = {"side": ["Which side is it on, in patient terms?", "Is it on the left or the right? The patient's side, I mean.",
                "Does it cross the midline, or keep to one side?"],
       "vert": ["Is it toward the front or the back?", "Anterior or posterior, would you say?",
                "Where does it sit front to back?"],
       "size": ["How big is it, roughly?", "Would you call it small?", "What size class would you give it?"],
       "pct": ["What share of the image does it take up?", "Roughly what percentage of the slice is that?"],
       "count": ["How many separate pieces are there?", "Is it one blob or several?",
                 "Are these all connected, or separate?"],
       "rel": ["How does it relate to the {X}?", "Where is it relative to the {X}?"]}
SUMMARY_Q = ["Can you sum it up for me?", "Could you give me a short recap?", "So, in a sentence or two?"]
KNOW_Q = ["What else could it be confused with on imaging?", "Anything anatomical I should keep in mind here?",
          "Is there a common pitfall with this kind of structure?"]


def _u_side(val, facts):
    if val in ("left", "right"):
        if facts["laterality"] == "bilateral":
            return f"it's only on the patient's {val}"
        return f"it's on the patient's {val}"
    return "it sits right in the midline" if val == "midline" else "it's on both sides"


def misconception(slot, val, facts, rng):
    """A user sentence asserting a wrong `val` (to be corrected)."""
    if slot == "side":
        c = _u_side(val, facts)
        return rng.choice([f"I thought {c}. Is that correct?", f"My first read was that {c}. Is that right?"])
    if slot == "vert":
        return rng.choice([f"I'd have guessed it's {val}. Right?", f"Surely it's {val}?"])
    if slot == "size":
        return rng.choice([f"It looks {val} to me; would you agree?", f"I'd have called it {val}. Fair?"])
    if slot == "pct":
        return f"I measured roughly {fmt_pct(val)}% of the image. Does that sound right?"
    if slot == "count":
        return (f"It's a single blob, isn't it? I see just one piece." if val == 1 else
                f"I count {_NW[val]} separate pieces. Correct?")
    other, rel = val
    return f"I had it {_REL[rel].format(X=other)}. Is that right?"


def premise(slot, val, facts, rng):
    """A user sentence that takes a (false) `val` for granted."""
    if slot == "side":
        c = _u_side(val, facts)
        return rng.choice([f"Since {c}, would that fit the symptoms?", f"OK, given that {c}, what should I check next?"])
    if slot == "vert":
        w = "central front to back" if val == "central" else val
        return rng.choice([f"Given that it's {w}, would a biopsy be straightforward?",
                           f"Since it sits {w}, does that change the approach?"])
    if slot == "size":
        return rng.choice([f"Since it's {val}, do we need follow-up?", f"Given that it's a {val} region, should I worry?"])
    if slot == "pct":
        return f"Since it covers about {fmt_pct(val)}% of the slice, is that within normal limits?"
    if slot == "count":
        return ("Since it's a single piece, can we treat it as one finding?" if val == 1 else
                f"With {_NW[val]} separate pieces, should I think of something multifocal?")
    other, rel = val
    return f"As it sits {_REL[rel].format(X=other)}, would that matter surgically?"


OPEN = {
    "cautious_llm": ["I'd be careful not to over-read a single slice, but this looks like the {name} [SEG].",
                     "Here's my best reading, with the usual caveat that this isn't a diagnosis: the {name} [SEG].",
                     "I can't be completely certain from one image, though I'm fairly confident this is the {name} [SEG]."],
    "double_negative_clinician": ["Appearance not inconsistent with the {name} [SEG].",
                                  "Not an unfamiliar picture: the {name} [SEG].",
                                  "Findings not unlike the typical {name} [SEG]."],
    "socratic_denials": ["Is it the {decoy}? No. It's the {name} [SEG].",
                         "Could this be the {decoy}? Not here. What you're after is the {name} [SEG]."],
    "concessive": ["Although several structures crowd this slice, the one you're after is the {name} [SEG].",
                   "Even if the contrast is modest, this is the {name} [SEG]."],
}
CLOSE = {
    "cautious_llm": ["Please treat this as a draft for a radiologist to confirm.", "I may be wrong on fine detail, of course."],
    "double_negative_clinician": ["No other abnormality is claimed from this slice.", "Clinical correlation not unreasonable."],
    "socratic_denials": ["Does that settle it? Not clinically, but anatomically, yes.", ""],
    "concessive": ["Even so, a mask is not a diagnosis.", "Although the mask is tidy, correlate with the full study."],
}
GENERIC = ["On axial images displayed the radiological way, the patient's left appears on the viewer's right.",
           "Image-left and patient-left are opposite on a standard axial view, which is easy to forget.",
           "For reference, anything under 1% of the image counts as small and anything from 5% up as large.",
           "Had the header been flipped, every side statement would reverse; nothing suggests that here.",
           "A single slice cannot show the full extent in the head-to-foot direction."]
CORRECT = ["No, not quite. ", "I'd gently disagree. ", "That isn't right, I'm afraid. ", "Not so. "]
PREM_REPLY = ["That's a fair question, though I can't judge that from a mask alone.",
              "Hard to say from segmentation alone; that's a clinical call.",
              "I wouldn't want to over-interpret a single slice on that point."]


def _rel_slots(facts):
    return [("rel", (r["other"], r["relation"])) for r in facts["relations"]]


def _truth(slot, facts):
    return {"side": facts["laterality"], "vert": facts["vertical"], "size": facts["size_class"],
            "pct": 100 * facts["area_fraction"], "count": facts["components"]}[slot]


KIND_OF = {"side": "laterality", "vert": "position", "rel": "position", "size": "size", "pct": "size",
           "count": "count"}


def build(p, facts, style, rng, defect):
    ledger = []
    turns = []
    # which facts to state
    rels = _rel_slots(facts)
    rng.shuffle(rels)
    slots = [("side", None), ("vert", None)]
    sz = rng.random()
    slots += [("size", None)] if sz < 0.4 else [("pct", None)] if sz < 0.7 else [("size", None), ("pct", None)]
    if p["plural"] or facts["components"] > 1 or rng.random() < 0.6:
        slots.append(("count", None))
    slots += rels[:rng.choice([0, 1, 1, 2])]
    dslot = None
    if defect and defect != "names_target":
        cands = [s for s in slots if KIND_OF[s[0]] == defect]
        if defect == "position" and rels and rng.random() < 0.5:
            cands = [s for s in slots if s[0] == "rel"] or [rels[0]]
        elif defect == "position":
            cands = [("vert", None)]
        if not cands:
            cands = {"size": [("size", None)], "count": [("count", None)], "laterality": [("side", None)]}[defect]
        dslot = rng.choice(cands)
        if dslot not in slots:
            slots.append(dslot)
        # keep other statements on the same fact out of the row
        if dslot[0] == "vert":
            slots = [s for s in slots if s[0] != "rel"]
        if dslot[0] == "side":
            slots = [s for s in slots if not (s[0] == "rel" and s[1][1] in ("left_of", "right_of"))]
        if dslot[0] in ("size", "pct"):
            slots = [s for s in slots if s[0] not in ("size", "pct")] + [dslot]
        if dslot[0] == "rel":
            slots = [s for s in slots if not (s[0] == "rel" and s[1][0] == dslot[1][0] and s != dslot)]
    dedup = []
    for s in slots:
        if s not in dedup:
            dedup.append(s)
    slots = dedup

    def tv(slot):
        return slot[1] if slot[0] == "rel" else _truth(slot[0], facts)

    placement = None
    if dslot:
        r = rng.random()
        placement = "user" if r < 0.2 else "follow" if r < 0.42 else "first"
    n_rounds = rng.choice([2, 3])
    follow = []  # (kind, slot)
    if placement == "follow":
        follow.append(("ask", dslot))
    if placement == "user":
        follow.append(("premise", dslot))
    misc_p = 0.45 if not defect else 0.2
    others = [s for s in slots if s != dslot]
    if rng.random() < misc_p and others:
        follow.append(("misc", rng.choice(others)))
    while len(follow) < n_rounds - 1:
        movable = [s for s in others if s not in [f[1] for f in follow]]
        r = rng.random()
        if r < 0.45 and len(movable) > 2:
            follow.append(("ask", rng.choice(movable)))
        elif r < 0.7 and ("summary", None) not in follow:
            follow.append(("summary", None))
        else:
            follow.append(("know", None))
    n_rounds = max(n_rounds, len(follow) + 1)
    rng.shuffle(follow)
    # a summary never comes before something it would need; keep it last when present
    follow.sort(key=lambda f: f[0] == "summary")
    later = {f[1] for f in follow if f[0] in ("ask", "misc", "premise")}
    first_slots = [s for s in slots if s not in later]
    if placement == "user":
        first_slots = [s for s in first_slots if s != dslot]

    def say(t, slot, val, exact=False):
        sent, lv = render(p, facts, slot[0], val, style, rng, exact=exact)
        ledger.append(dict(turn=t, role="assistant", slot=slot[0], val=lv, sent=sent, corrected=False))
        return sent

    def value_for(slot):
        if slot == dslot:
            return wrong_value(slot[0], facts, rng, tv(slot))
        return tv(slot)

    # round 1
    q = rng.choice(p["nqs"] if defect == "names_target" else p["qs"])
    if style == "cautious_llm" and rng.random() < 0.4:
        q = "Not sure I'm reading this right. " + q
    elif style == "socratic_denials" and rng.random() < 0.4:
        q = q + " It isn't obvious to me."
    turns.append({"role": "user", "content": q})
    decoys = [o for o in p["others"]] or ["background"]
    parts = [_fill(rng.choice(OPEN[style]), {}, name=p["display"], decoy=rng.choice(decoys))]
    know = list(p["know"])
    rng.shuffle(know)
    body = []
    for s in first_slots:
        body.append(say(1, s, value_for(s), exact=(s == dslot)))
    if rng.random() < 0.7:
        body.insert(rng.randrange(len(body) + 1), know.pop())
    if rng.random() < 0.5:
        body.insert(rng.randrange(len(body) + 1), rng.choice(GENERIC))
    parts += body
    c = rng.choice(CLOSE[style])
    if c:
        parts.append(c)
    turns.append({"role": "assistant", "content": " ".join(parts)})
    stated = [s for s in first_slots if s != dslot]
    for kind, slot in follow:
        t = len(turns)
        if kind == "ask":
            uq = rng.choice(ASK[slot[0]]).format(X=slot[1][0] if slot[0] == "rel" else "")
            turns.append({"role": "user", "content": uq})
            a = [say(t + 1, slot, value_for(slot), exact=(slot == dslot))]
            if rng.random() < 0.4 and know:
                a.append(know.pop())
            turns.append({"role": "assistant", "content": " ".join(a)})
            if slot != dslot:
                stated.append(slot)
        elif kind == "misc":
            w = wrong_value(slot[0], facts, rng, tv(slot))
            uq = misconception(slot[0], w, facts, rng)
            lv = float(fmt_pct(w)) if slot[0] == "pct" else w
            ledger.append(dict(turn=t, role="user", slot=slot[0], val=lv, sent=uq, corrected=True))
            turns.append({"role": "user", "content": uq})
            a = rng.choice(CORRECT) + say(t + 1, slot, tv(slot), exact=True)
            turns.append({"role": "assistant", "content": a})
            stated.append(slot)
        elif kind == "premise":
            w = value_for(slot)
            uq = premise(slot[0], w, facts, rng)
            lv = float(fmt_pct(w)) if slot[0] == "pct" else w
            ledger.append(dict(turn=t, role="user", slot=slot[0], val=lv, sent=uq, corrected=False))
            turns.append({"role": "user", "content": uq})
            a = [rng.choice(PREM_REPLY)]
            if know:
                a.append(know.pop())
            turns.append({"role": "assistant", "content": " ".join(a)})
        elif kind == "summary":
            turns.append({"role": "user", "content": rng.choice(SUMMARY_Q)})
            pool = [s for s in stated if s != dslot]
            rng.shuffle(pool)
            a = ["In short: the " + p["display"] + "."]
            for s in pool[:3]:
                a.append(say(t + 1, s, tv(s), exact=True))
            if len(a) == 1:
                a.append(rng.choice(GENERIC))
            turns.append({"role": "assistant", "content": " ".join(a)})
        else:
            turns.append({"role": "user", "content": rng.choice(KNOW_Q)})
            a = [know.pop() if know else rng.choice(GENERIC), rng.choice(GENERIC)]
            turns.append({"role": "assistant", "content": " ".join(a)})
    LEDGERS.append(ledger)
    return turns, ([defect] if defect else [])
