"""Bank CD: pelvis and abdomen CT/MR (axial "LP", coronal "LI") in four clinical registers, written blind
(helper qccd never opened the QC rules, the QC tests or any other bank).

Registers: an emergency-department text-pager consult ("pager"), a reply to a patient-portal message
("portal"), a discharge-summary imaging paragraph with a Follow-up line ("discharge") and a second-opinion
letter to a colleague ("letter"; in clean rows a wrong first-read statement is said to be wrong and corrected).
Targets: urinary bladder, prostate, rectum, uterus, ovary (one or both), femoral head (one or both, axial and
coronal), hip bone (coronal, both), sacrum, kidney (coronal, one or both), liver lesion (1-3 foci), kidney
tumour (1-2 foci) and one label the knowledge base does not know (pelvic lymphocele).
Facts are measured by `medseg_qa.facts.compute_facts` on a drawn mask inside a drawn body, and the prose is
written from those facts (`/work/notes/qccd_scripts/check_cd.py` reads every row back: 0 problems).
First measure: not run by this writer (the lead measures once after merging).
"""

from __future__ import annotations

import numpy as np

STYLES = ["pager", "portal", "discharge", "letter"]
H = W = 256

# layouts: (cx, cy, rx, ry) ellipses in pixels; several entries = several regions. `others` are normalised
# centroids (x, y) of other structures of the slice, for the measured relations.
PROFILES = [
    dict(key="bladder", target="urinary bladder", modality="CT", region="pelvis", orientation="LP",
         layouts=[[(128, 92, 30, 22)], [(134, 98, 24, 18)]],
         others={"rectum": (0.5, 0.78), "right femoral head": (0.2, 0.5)},
         q=["the hollow organ that stores urine until voiding", "the muscular urine reservoir sitting just behind the pubic bones",
            "the organ that fills up when someone cannot pass water"],
         hint=["retention, unable to void for 10 h", "suprapubic pain and haematuria", "a distended lower abdomen"],
         give=["bladder", "urinary bladder", "vesical wall", "bladder dome"]),
    dict(key="prostate", target="prostate", modality="MR", region="pelvis", orientation="LP",
         layouts=[[(128, 118, 17, 14)], [(126, 114, 21, 16)]],
         others={"rectum": (0.5, 0.72), "urinary bladder": (0.5, 0.3)},
         q=["the walnut-sized gland in men that wraps around the urethra below the urine reservoir",
            "the male gland that adds fluid to semen and can enlarge with age, squeezing the urethra"],
         hint=["a raised blood test and a slow urine stream", "nocturia x4 and a weak stream"],
         give=["prostate", "prostatic", "prostate gland"]),
    dict(key="rectum", target="rectum", modality="CT", region="pelvis", orientation="LP",
         layouts=[[(128, 168, 16, 14)], [(124, 172, 19, 15)]],
         others={"urinary bladder": (0.5, 0.33), "sacrum": (0.5, 0.86)},
         q=["the last straight segment of bowel in the pelvis, just above the anal canal",
            "the final stretch of large gut that holds stool before it is passed"],
         hint=["fresh blood with stools", "tenesmus and a change in bowel habit"],
         give=["rectum", "rectal", "anorectum"]),
    dict(key="uterus", target="uterus", modality="MR", region="pelvis", orientation="LP",
         layouts=[[(128, 120, 34, 26)], [(120, 124, 30, 24)]],
         others={"urinary bladder": (0.5, 0.3), "rectum": (0.5, 0.78)},
         q=["the pear-shaped muscular organ in the female pelvis where a pregnancy grows",
            "the organ whose lining is shed each month during a period"],
         hint=["heavy periods and pelvic pressure", "a suspected fibroid on exam"],
         give=["uterus", "uterine", "womb"]),
    dict(key="ovary", target="ovary", modality="MR", region="pelvis", orientation="LP",
         layouts=[[(78, 120, 14, 11), (178, 122, 14, 11)], [(182, 118, 16, 12)], [(74, 124, 15, 12)]],
         others={"uterus": (0.5, 0.45), "urinary bladder": (0.5, 0.3)},
         q=["the almond-shaped egg-producing gland on the side wall of the pelvis",
            "the paired glands that release an egg each month and make oestrogen"],
         hint=["cyclical pelvic pain", "a raised tumour marker and bloating"],
         give=["ovary", "ovaries", "ovarian", "adnexa"]),
    dict(key="femhead", target="femoral head", modality="CT", region="pelvis", orientation="LP",
         layouts=[[(54, 128, 20, 20), (202, 128, 20, 20)], [(54, 126, 21, 21)], [(203, 130, 20, 20)]],
         others={"urinary bladder": (0.5, 0.36), "sacrum": (0.5, 0.82)},
         q=["the rounded upper end of the thigh bone that fits into its socket",
            "the ball part of the ball-and-socket joint at the top of the leg"],
         hint=["a fall onto the side, unable to weight-bear", "groin pain, on steroids for years"],
         give=["femoral head", "head of the femur", "femoral heads", "caput femoris"]),
    dict(key="femhead_cor", target="femoral head", modality="CT", region="pelvis", orientation="LI",
         layouts=[[(70, 170, 19, 19), (186, 170, 19, 19)], [(186, 168, 20, 20)]],
         others={"sacrum": (0.5, 0.45), "urinary bladder": (0.5, 0.6)},
         q=["the round top of the thigh bone that sits in the cup of the pelvis",
            "the ball at the upper end of the longest bone of the leg"],
         hint=["a shortened, externally rotated leg after a fall", "avascular necrosis suspected"],
         give=["femoral head", "head of femur", "ball of the hip"]),
    dict(key="hipbone", target="hip bone", modality="CT", region="pelvis", orientation="LI",
         layouts=[[(70, 118, 30, 44), (186, 118, 30, 44)], [(72, 122, 32, 46), (184, 120, 30, 44)]],
         others={"sacrum": (0.5, 0.42), "urinary bladder": (0.5, 0.62)},
         q=["the broad flat bones forming the two sides of the bony ring that joins the spine to the legs",
            "the paired bones of the pelvic girdle that meet in front and join the base of the spine behind"],
         hint=["a pelvic ring injury after a motorbike crash", "lytic spots on a bone scan"],
         give=["hip bone", "hip bones", "iliac bone", "innominate bones", "pelvic bones"]),
    dict(key="sacrum", target="sacrum", modality="CT", region="pelvis", orientation="LP",
         layouts=[[(128, 190, 30, 18)], [(130, 186, 34, 20)]],
         others={"urinary bladder": (0.5, 0.33), "rectum": (0.5, 0.62)},
         q=["the triangular bone at the base of the spine, wedged between the two pelvic wings",
            "the fused bone below the last lumbar vertebra that carries the spine's weight into the pelvis"],
         hint=["an insufficiency fracture suspected in an osteoporotic pt", "low back pain after a fall onto the buttocks"],
         give=["sacrum", "sacral", "sacral bone"]),
    dict(key="kidney", target="kidney", modality="CT", region="abdomen", orientation="LI",
         layouts=[[(82, 96, 18, 34), (176, 100, 18, 34)], [(176, 98, 19, 35)], [(80, 94, 18, 33)]],
         others={"liver": (0.3, 0.25), "urinary bladder": (0.5, 0.9)},
         q=["the bean-shaped organs in the back of the abdomen that filter blood and make urine",
            "the organ that filters the blood and whose failure needs dialysis"],
         hint=["loin-to-groin pain and haematuria", "a rising creatinine"],
         give=["kidney", "kidneys", "renal"]),
    dict(key="liverles", target="liver lesion", modality="CT", region="abdomen", orientation="LP",
         layouts=[[(76, 92, 12, 11)], [(70, 98, 10, 9), (96, 78, 8, 8)], [(66, 90, 9, 9), (92, 104, 8, 7), (86, 70, 7, 7)],
                  [(80, 110, 22, 20)]],
         others={"spleen": (0.8, 0.55), "aorta": (0.52, 0.62)},
         q=["the focal abnormality inside the organ that makes bile",
            "any new focal spot in the large organ under the right ribs that makes bile"],
         hint=["weight loss and a known colon primary", "an incidental finding on a trauma scan"],
         give=["liver lesion", "hepatic lesion", "liver mass", "liver metastases"]),
    dict(key="kidtum", target="kidney tumour", modality="CT", region="abdomen", orientation="LP",
         layouts=[[(190, 160, 14, 12)], [(66, 162, 12, 11)], [(188, 158, 11, 10), (180, 182, 8, 7)]],
         others={"aorta": (0.5, 0.62), "liver": (0.3, 0.35)},
         q=["the solid growth arising from the cortex of one of the urine-producing organs",
            "the abnormal solid growth in the organ that filters blood into urine"],
         hint=["painless visible haematuria", "flank pain, 3 kg weight loss"],
         give=["kidney tumour", "renal mass", "RCC", "renal tumour"]),
    dict(key="lymphocele", target="pelvic lymphocele", modality="CT", region="pelvis", orientation="LP",
         layouts=[[(184, 112, 18, 15)], [(70, 114, 16, 14)]],
         others={"urinary bladder": (0.5, 0.36), "rectum": (0.5, 0.75)},
         q=["the fluid collection of lymph on the pelvic side wall that can form after node dissection",
            "the thin-walled collection of leaked lymph that follows removal of pelvic nodes"],
         hint=["leg swelling two months after a radical prostatectomy", "a pelvic fullness after lymph node surgery"],
         give=["lymphocele", "pelvic lymphocele", "lymphocoele"]),
]

OTHER_NAMES = {"rectum": "rectum", "right femoral head": "right femoral head", "urinary bladder": "bladder",
               "sacrum": "sacrum", "uterus": "uterus", "liver": "liver", "spleen": "spleen", "aorta": "aorta"}


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def draw(p: dict, rng):
    """(image, mask) of one row: a body ellipse holding the target's ellipses, jittered and rescaled."""
    yy, xx = np.mgrid[0:H, 0:W]
    rx, ry = (112, 84) if p["orientation"] == "LP" else (92, 118)
    body = ((xx - 128) / rx) ** 2 + ((yy - 128) / ry) ** 2 <= 1
    mask = np.zeros((H, W), bool)
    layout = rng.choice(p["layouts"])
    scale = rng.choice([0.55, 0.8, 1.0, 1.25, 1.6]) if len(layout) == 1 else rng.choice([0.75, 1.0, 1.2])
    for cx, cy, ex, ey in layout:
        cx, cy = cx + rng.randint(-3, 3), cy + rng.randint(-3, 3)
        mask |= ((xx - cx) / (ex * scale)) ** 2 + ((yy - cy) / (ey * scale)) ** 2 <= 1
    mask &= body
    image = np.where(body, 110, 0).astype(np.uint8)
    image[mask] = 190
    return image, mask


def facts_for(p: dict, rng) -> dict:
    from medseg_qa.facts import compute_facts
    from medseg_qa.patient import slice_frame

    image, mask = draw(p, rng)
    frame = slice_frame(image, p["modality"], p["orientation"], [mask])
    f = compute_facts(mask, p["orientation"], others=dict(p["others"]), frame=frame)
    return f.model_dump(mode="json")



# -- prose from facts ------------------------------------------------------------------------------

SHORT = {"left": "L", "right": "R"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
REL_WORDS = {"left_of": ["to the patient's left of the {o}", "on the {o}'s left (patient's left)", "L of {o}"],
             "right_of": ["to the patient's right of the {o}", "on the {o}'s right (patient's right)", "R of {o}"],
             "anterior_to": ["in front of the {o}", "anterior to the {o}", "ant to {o}"],
             "posterior_to": ["behind the {o}", "posterior to the {o}", "post to {o}"],
             "superior_to": ["above the {o}", "superior to the {o}", "above {o}"],
             "inferior_to": ["below the {o}", "inferior to the {o}", "below {o}"]}
REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
KNOWLEDGE = [  # true textbook sentences about OTHER structures (subject key, pager form, prose form)
    ("liver", "liver sits mostly R, under the ribs", "The liver itself sits mostly on the right, under the lower ribs."),
    ("spleen", "spleen is high on the L", "The spleen lies high on the left, behind the stomach."),
    ("sigmoid", "sigmoid usually loops down on the L", "The sigmoid colon usually runs down the left side of the pelvis."),
    ("appendix", "appendix usually R iliac fossa", "The appendix usually lies low on the right, near the caecum."),
    ("aorta", "aorta runs just L of midline, ant to spine", "The aorta normally runs just left of the midline, in front of the spine."),
    ("urinary bladder", "bladder sits ant in pelvis behind pubis", "The bladder sits at the front of the pelvis, just behind the pubic bones."),
    ("rectum", "rectum lies post, in front of sacrum", "The rectum lies at the back of the pelvis, in front of the sacrum."),
    ("sacrum", "sacrum is midline, at the back", "The sacrum is a midline bone at the back of the pelvis."),
]
POPULATION = {
    "urinary bladder": "An adult bladder typically holds about 400 to 600 mL when full.",
    "prostate": "A normal adult prostate weighs roughly 20 to 25 g, and more than half of men over 60 have some benign enlargement.",
    "rectum": "In adults the rectum is about 12 to 15 cm long.",
    "uterus": "In women of reproductive age the uterus is about 7 to 8 cm long, and fibroids affect up to 70% of women by 50.",
    "ovary": "In women of reproductive age each ovary measures about 3 x 2 x 1 cm; after the menopause they shrink.",
    "femoral head": "The adult femoral head is roughly 4 to 5 cm across.",
    "hip bone": "Each hip bone forms from three bones, the ilium, ischium and pubis, which fuse in the teens.",
    "sacrum": "The sacrum is made of five fused vertebrae.",
    "kidney": "Adult kidneys are about 10 to 12 cm long; about 1 in 1000 people is born with only one.",
    "liver lesion": "Most small liver lesions found incidentally in adults are benign cysts or haemangiomas.",
    "kidney tumour": "Renal cell carcinoma is bilateral in only about 2 to 4% of patients.",
    "pelvic lymphocele": "Lymphoceles follow pelvic node dissection in roughly 1 in 5 patients, most of them small and silent.",
}
CONVENTION = ["(radiological convention: pt's L is on screen R)",
              "Scans are shown as if you were facing the patient, so the patient's left side appears on the right of the picture.",
              "As usual for CT and MR, the image is displayed in radiological convention, with the patient's left on the viewer's right."]


def axial(p):
    return p["orientation"] == "LP"


def side_text(lat, style, rng, facts):
    """A sentence (or pager fragment) stating side `lat`."""
    pg = style == "pager"
    if lat in ("left", "right"):
        if pg:
            return rng.choice([f"{SHORT[lat]}-sided", f"{SHORT[lat]} side", f"on pt's {SHORT[lat]}"])
        if style == "portal":
            return rng.choice([f"It is on your {lat} side.", f"It sits on the {lat} side of your body.",
                               f"The highlighted area is on your {lat}."])
        return rng.choice([f"It lies on the patient's {lat}.", f"The structure is {lat}-sided.",
                           f"It is situated on the {lat} side of the patient."])
    if lat == "bilateral":
        if pg:
            return rng.choice(["bilat, L and R", "both sides", "bilat"])
        if style == "portal":
            return rng.choice(["There is one on each side of your body, left and right.",
                               "Both your left and your right side are highlighted."])
        return rng.choice(["It is bilateral, with a region on each side.", "Both the left and the right side are outlined.",
                           "The finding is present on both sides of the patient."])
    if pg:
        return rng.choice(["midline", "central, in the midline"])
    if style == "portal":
        return rng.choice(["It sits right in the middle of your body, not off to one side.",
                           "It is in the middle, along your body's centre line."])
    return rng.choice(["It lies in the midline.", "The structure straddles the midline.",
                       "It lies across the midline, not off to one side."])


def wrong_side(facts, rng):
    lat = facts["laterality"]
    if lat in ("left", "right"):
        return OPP[lat]
    if lat == "bilateral":
        return rng.choice(["left", "right"])
    return "left" if facts["centroid_patient"][0] < 0 else "right"  # midline: the side it is NOT nearer to


def vert_text(v, p, style, rng):
    pg = style == "pager"
    if axial(p):
        if v == "central":
            return "mid-depth, not ant/post" if pg else rng.choice([
                "Front to back it sits roughly centrally.", "It lies at mid-depth, neither toward the front nor the back."])
        short = {"anterior": "ant", "posterior": "post"}[v]
        plain = {"anterior": "the front", "posterior": "the back"}[v]
        if pg:
            return rng.choice([f"{short}", f"{short} in pelvis", f"sits {short}"])
        if style == "portal":
            return rng.choice([f"It is toward {plain} of your body.", f"It sits nearer {plain} of your body."])
        return rng.choice([f"It lies {v}ly in the slice.", f"Its position is {v}, toward {plain} of the body.",
                           f"It occupies the {v} part of the cross-section."])
    if v == "central":
        return "mid-height" if pg else rng.choice(["Head to foot it sits at about mid-height of the image.",
                                                   "Vertically it is roughly central."])
    plain = {"superior": "toward the head", "inferior": "toward the feet"}[v]
    short = {"superior": "sup", "inferior": "inf"}[v]
    if pg:
        return rng.choice([short, f"{short}, {plain}"])
    if style == "portal":
        return f"On this front-on view it sits {plain}."
    return rng.choice([f"On this coronal image it lies {v}ly, {plain}.", f"Its position is {v}."])


def wrong_vert(facts, p, rng):
    v = facts["vertical"]
    if v != "central":
        return OPP[v]
    plus = "posterior" if axial(p) else "inferior"  # the + row direction; say the side it is not on
    return OPP[plus] if facts["centroid_patient"][1] > 0 else plus


def rel_text(rel, style, rng):
    name = OTHER_NAMES.get(rel["other"], rel["other"])
    forms = REL_WORDS[rel["relation"]]
    if style == "pager":
        return forms[2].format(o=name)
    frame = rng.choice(forms[:2]).format(o=name)
    return rng.choice([f"It lies {frame}.", f"It is positioned {frame}.", f"On this slice it sits {frame}."])


def pct(facts, rng):
    a = facts["area_fraction"] * 100
    b = (facts["body_fraction"] or facts["area_fraction"]) * 100
    if rng.random() < 0.5:
        return f"about {a:.1f}% of the image"
    return f"roughly {b:.1f}% of the body's cross-section"


SIZE_WORDS = {"small": ["small", "smallish"], "medium": ["medium-sized", "moderate in size"], "large": ["large", "big"]}


def size_text(size, facts, style, rng, pct_text=None):
    """Size class and area percent (`pct_text` "" states the class alone)."""
    w = rng.choice(SIZE_WORDS[size])
    pt = pct_text if pct_text is not None else pct(facts, rng)
    if not pt:
        return {"pager": f"size: {w}", "portal": f"In size it is {w}."}.get(style, f"It is {w} in size.")
    if style == "pager":
        return rng.choice([f"{w}, ~{pt.split(' ', 1)[1]}", f"size: {w}", f"{w} ({pt})"])
    if style == "portal":
        return rng.choice([f"It is {w}, taking up {pt}.", f"In size it is {w}."])
    return rng.choice([f"It is {w}, covering {pt}.", f"Size: {w}, {pt}.", f"The segmented area is {w} ({pt})."])


def wrong_size(facts, style, rng):
    b = (facts["body_fraction"] or facts["area_fraction"]) * 100
    size = facts["size_class"]
    fake = "large" if size == "small" or (size == "medium" and b < 6) else "small"
    if rng.random() < 0.5:
        return size_text(fake, facts, style, rng, pct_text="")
    wrong = rng.uniform(12, 30) if fake == "large" else rng.uniform(0.1, 0.4)
    return size_text(fake, facts, style, rng, pct_text=f"about {wrong:.1f}% of the image")


def count_text(n, lesion, style, rng):
    unit = ("focus", "foci") if lesion else ("region", "regions")
    if n == 1:
        if style == "pager":
            return rng.choice(["x1, single", f"single {unit[0]}", "1 piece"])
        return rng.choice([f"It is a single connected {unit[0]}.", f"There is one {unit[0]} only.",
                           "The mask is one continuous piece."])
    if style == "pager":
        return rng.choice([f"x{n}", f"{n} separate {unit[1]}"])
    word = {2: "two", 3: "three", 4: "four"}[n]
    return rng.choice([f"There are {word} separate {unit[1]}.", f"The mask has {n} separate {unit[1]}.",
                       f"It is made up of {word} distinct {unit[1]}."])


def negation(kind, facts, style, rng):
    pg = style == "pager"
    if kind == "laterality":
        lat = facts["laterality"]
        if lat in ("left", "right"):
            return f"not {SHORT[OPP[lat]]}" if pg else f"It is not on the {OPP[lat]}."
        if lat == "midline":
            return "not off to either side" if pg else "It is not off to either side."
        return "not one-sided" if pg else "It is not confined to one side."
    if facts["components"] == 1:
        return "no 2nd focus" if pg else rng.choice(["No second region is seen.", "There is no other separate piece."])
    return "not 1 piece" if pg else "It is not one single piece."


DOCTORS = ["Okafor", "Lindqvist", "Ramanathan", "Whitcombe", "Delacroix", "Nakamura", "Brennan"]


def first_question(p, style, rng, defect, doc):
    """The opening user turn: describes the target without naming it, except in a names_target defect."""
    d, hint = rng.choice(p["q"]), rng.choice(p["hint"])
    mod = p["modality"]
    if defect == "names_target":
        d = rng.choice([f"the {rng.choice(p['give'])}", f"{d} (the {rng.choice(p['give'])})"])
    age = rng.randint(31, 84)
    if style == "pager":
        return rng.choice([f"ED consult pls - pt {age}, {mod} {p['region']}, {hint}.\ncan u seg {d}? thx",
                           f"pager from ED: {age}yo, {hint}. {mod} done.\nneed {d} outlined - where is it?",
                           f"hi rads, ED here. pt {age}, {hint}.\npls mark {d} on the {mod}?"])
    if style == "portal":
        return rng.choice([f"Hello doctor, I saw my {mod} pictures in the portal. I have had {hint}. "
                           f"Could you show me where {d} is on my scan?",
                           f"Hi, sorry to bother you. My {mod} came back and I am worried because of {hint}. "
                           f"Can you point out {d} for me?"])
    if style == "discharge":
        return rng.choice([f"Admitted with {hint}. Could you segment {d} on this {mod} and then draft the imaging "
                           "paragraph of the discharge summary?",
                           f"Discharge summary due today. Pt admitted with {hint}. Can you outline {d} on the {mod} "
                           "and write the imaging section?"])
    return rng.choice([f"Clinical context: {hint}. Could you outline {d} on this {mod} and draft a second-opinion "
                       f"letter to Dr {doc}?",
                       f"I've been asked for a second opinion on this {mod} (context: {hint}). Which structure is "
                       f"{d}? Please segment it and write the letter to Dr {doc}."])


def seg_sentence(p, style, rng, doc):
    t = p["target"]
    return {"pager": rng.choice([f"done - {t} segmented [SEG].", f"ok, {t} outlined: [SEG]"]),
            "portal": rng.choice([f"Thank you for your message. I have highlighted the {t} on your scan: [SEG].",
                                  f"Of course. The area in question is the {t}, shown here [SEG]."]),
            "discharge": rng.choice([f"Segmentation of the {t}: [SEG]\n\nImaging:", f"[SEG] ({t} outlined)\n\nImaging:"]),
            "letter": rng.choice([f"Segmentation attached: [SEG]\n\nDear Dr {doc},\n\nThank you for asking me "
                                  f"to review this study. I have outlined the {t}.",
                                  f"[SEG]\n\nDear Dr {doc},\n\nMany thanks for the referral. "
                                  f"The {t} is segmented above."])}[style]


def fact_sentence(kind, p, facts, style, rng, wrong=False):
    """One sentence about `kind` (laterality, position, size, count): true, or the single false claim."""
    lesion = p["target"] in ("liver lesion", "kidney tumour")
    if kind == "laterality":
        return side_text(wrong_side(facts, rng) if wrong else facts["laterality"], style, rng, facts)
    if kind == "position":
        rels = facts["relations"]
        if rels and rng.random() < (0.4 if wrong else 0.35):
            r = dict(rng.choice(rels))
            if wrong:
                r["relation"] = REL_OPP[r["relation"]]
            return rel_text(r, style, rng)
        return vert_text(wrong_vert(facts, p, rng) if wrong else facts["vertical"], p, style, rng)
    if kind == "size":
        return wrong_size(facts, style, rng) if wrong else size_text(facts["size_class"], facts, style, rng)
    n = facts["components"]
    return count_text((2 if n == 1 else 1) if wrong else n, lesion, style, rng)


FOLLOW_Q = {
    "pager": {"laterality": ["which side?", "L or R?", "side?"], "position": ["ant or post?", "where exactly?"],
              "size": ["how big?", "size?"], "count": ["how many?", "more than 1?"], "why": ["why?", "why does it matter?"]},
    "portal": {"laterality": ["Which side is it on?", "Is it on my left or my right?"],
               "position": ["Where exactly is it in my body?", "Is it near the front or the back?"],
               "size": ["How big is it?", "Is it large?"], "count": ["Is there more than one?", "How many are there?"],
               "why": ["Why?", "Why does that matter for me?"]},
    "discharge": {"laterality": ["Add laterality to the paragraph.", "Which side, for the summary?"],
                  "position": ["Can you state the position more precisely?", "Where is it relative to its neighbours?"],
                  "size": ["Can you state the size?", "How big is it, for the record?"],
                  "count": ["How many regions should I document?", "Is it one region?"],
                  "why": ["Why is the follow-up needed?", "Why?"]},
    "letter": {"laterality": ["Which side did you settle on?", "Side?"],
               "position": ["Where does it sit exactly?", "And its position?"],
               "size": ["How big is it in your opinion?", "Size?"], "count": ["How many foci or regions?", "One or several?"],
               "why": ["Why does that matter for management?", "Why?"]},
}
WHY = ["Because it changes which specialist team and which follow-up imaging is appropriate.",
       "Because the management depends on the exact anatomy, and a clear description avoids a repeat scan.",
       "Because the outline lets the team compare like with like on the next study."]


def user_presupposition(kind, p, facts, style, rng):
    """A user turn that presupposes the false claim of `kind` (the reply does not correct it)."""
    if kind == "laterality":
        s = wrong_side(facts, rng)
        return {"pager": f"pt says pain is worse on the {SHORT[s]} - fits since it's {SHORT[s]}-sided?",
                "portal": f"Thank you. Since it is on my {s} side, should I avoid lying on that side?",
                "discharge": f"I'll write that it is {s}-sided. Anything else for the follow-up line?",
                "letter": f"So we agree it is {s}-sided. What follow-up would you suggest?"}[style]
    if kind == "position":
        v = wrong_vert(facts, p, rng)
        return {"pager": f"so it's {v} - anything else i should know?",
                "portal": f"You mean it sits {v}ly in my body. Is that normal?",
                "discharge": f"I'll document its {v} position. What should the follow-up line say?",
                "letter": f"Given its {v} location, what follow-up would you suggest?"}[style]
    if kind == "size":
        fake = "large" if facts["size_class"] != "large" and (facts["body_fraction"] or 0) < 0.06 else "tiny"
        return {"pager": f"ok so {fake} - admit or home?",
                "portal": f"I was surprised it is so {fake}. What happens next?",
                "discharge": f"I'll describe it as {fake}. What goes in the follow-up line?",
                "letter": f"Given how {fake} it is, what would you recommend?"}[style]
    n = facts["components"]
    claim = "it's 2 separate bits" if n == 1 else "it's just one piece"
    return {"pager": f"{claim} - ok to d/c?", "portal": f"The letter said {claim.replace(chr(39) + 's', ' is')}. What now?",
            "discharge": f"Documenting that {claim.replace(chr(39) + 's', ' is')}. Follow-up?",
            "letter": f"You're saying {claim.replace(chr(39) + 's', ' is')}. Next steps?"}[style]


NEUTRAL = {"pager": ["depends on clinical picture - d/w the on-call team, can re-image if worse.",
                     "discuss w/ the admitting team; happy to review again if new sx."],
           "portal": ["Your care team will go through the next steps with you at your appointment. Please call the "
                      "clinic if your symptoms get worse.",
                      "That is a good question for your follow-up visit; until then, keep taking your usual medicines."],
           "discharge": ["Follow-up: clinic review in 6 weeks with repeat imaging if symptoms persist.",
                         "Follow-up: GP to review in 2 weeks; re-image only if new symptoms."],
           "letter": ["I would suggest a clinic review and a repeat study in three months, sooner if symptoms change.",
                      "I would discuss it at the next multidisciplinary meeting before any intervention."]}


def trap_sentences(p, style, rng):
    out = []
    if rng.random() < 0.6:
        out.append(rng.choice(CONVENTION[:1] if style == "pager" else CONVENTION[1:]))
    others = [k for k in KNOWLEDGE if k[0] != p["target"]]
    if rng.random() < 0.6:
        k = rng.choice(others)
        out.append(k[1] if style == "pager" else k[2])
    if style != "pager" and rng.random() < 0.5:
        out.append(POPULATION[p["target"]])
    return out


def first_read_correction(facts, rng):
    """Clean letters: a wrong statement of the first read, said to be wrong and corrected."""
    lat, n = facts["laterality"], facts["components"]
    if lat in ("left", "right") and rng.random() < 0.6:
        return (f"The first read described it as {OPP[lat]}-sided; respectfully, that is not correct: "
                f"it lies on the patient's {lat}.")
    if n == 1:
        return "The initial report mentioned two foci; I disagree, as I can see only one region."
    return f"The first report described a single region; I would gently disagree, since I count {n} separate regions."


def conversation(p, facts, style, rng, defect):
    kinds = ["laterality", "position", "size", "count"]
    place = None
    if defect in kinds:
        r = rng.random()
        place = "user" if r < 0.25 else "followup" if r < 0.42 else "a1"
    pg = style == "pager"
    body = [fact_sentence(k, p, facts, style, rng, wrong=(k == defect))
            for k in kinds if k != defect or place == "a1"]
    rng.shuffle(body)
    if defect is None or rng.random() < 0.5:
        body.append(negation(rng.choice(["laterality", "count"]) if defect not in ("laterality", "count")
                             else ("count" if defect == "laterality" else "laterality"), facts, style, rng))
    body += trap_sentences(p, style, rng)
    if style == "letter" and defect is None and rng.random() < 0.5:
        body.insert(0, first_read_correction(facts, rng))
    if style == "letter":
        body.insert(0, rng.choice(["I largely agree with the first read.", "I agree with most of the initial report.",
                                   "I have reviewed the first read carefully."]))
    hedge = rng.random() < 0.3
    if hedge and not pg:
        body.append("This is most likely a stable finding, but correlation with the clinical picture is advised."
                    if p["target"] in ("liver lesion", "kidney tumour", "pelvic lymphocele")
                    else "Its appearance is probably within normal limits for age.")
    sep = "\n" if pg else " "
    doc = rng.choice(DOCTORS)
    a1 = seg_sentence(p, style, rng, doc) + ("\n" if pg else " ") + sep.join(body)
    if style == "discharge":
        a1 += "\nFollow-up: " + rng.choice(["outpatient review in 6 weeks.", "repeat imaging in 3 months.",
                                            "none required from an imaging point of view."])
    if style == "letter":
        a1 += "\n\nWith kind regards,\nDr M. Ashworth, Consultant Radiologist"
    turns = [{"role": "user", "content": first_question(p, style, rng, defect, doc)},
             {"role": "assistant", "content": a1}]
    # follow-ups: facts of other kinds re-stated in new frames, "why" questions, and the planted claim
    asked = [k for k in kinds if k != defect] + ["why"]
    rng.shuffle(asked)
    rounds = rng.choice([0, 1]) if place in ("followup", "user") else rng.choice([0, 1, 1, 2])
    plan = asked[:rounds]
    if place == "followup":
        plan.insert(rng.randint(0, len(plan)), "WRONG")
    elif place == "user":
        plan.insert(rng.randint(0, len(plan)), "USER")
    for k in plan:
        if k == "USER":
            turns += [{"role": "user", "content": user_presupposition(defect, p, facts, style, rng)},
                      {"role": "assistant", "content": rng.choice(NEUTRAL[style])}]
            continue
        q_kind = defect if k == "WRONG" else k
        q = rng.choice(FOLLOW_Q[style][q_kind])
        if q_kind == "why":
            a = rng.choice(WHY) if not pg else "changes who manages it + what f/u imaging."
            if style == "letter" and defect is None:
                a += " The points where I differ are stated in the letter."
        else:
            a = fact_sentence(q_kind, p, facts, style, rng, wrong=(k == "WRONG"))
            if rng.random() < 0.4:
                a = (rng.choice(["Short answer: ", "To be precise: ", "Good question. "]) if not pg else "") + a
        if len(a) < 12 or len(a.split()) < 3:
            a = ("answer: " if pg else "In short: ") + a + (" on this slice" if pg else " on this image.")
        turns += [{"role": "user", "content": q if len(q) >= 12 and len(q.split()) >= 3 else (q + {"portal": " I'd like to understand.",
                   "discharge": " (for the summary)", "letter": " Please explain briefly."}.get(style, " pls, thx"))},
                  {"role": "assistant", "content": a}]
    return turns, [defect] if defect else []


def build(p: dict, facts: dict, style: str, rng, defect):
    """(turns, expected) of one row; see the module docstring."""
    return conversation(p, facts, style, rng, defect)
