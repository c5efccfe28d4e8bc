"""Bank AT: abdominal and pelvic CT/MR (axial "LP", some coronal "LI"), written blind by helper `qcat`.

Targets: liver, spleen, pancreas, gallbladder, stomach, left kidney, right kidney, both kidneys (two-part
mask), both adrenal glands (two-part mask), aorta, inferior vena cava, urinary bladder, rectum (a label the
knowledge base does not know), and coronal liver / bladder / kidneys. Registers: a structured radiology
report (Findings / Impression), a conversational assistant, a markdown answer (bold labels, bullets), and a
student-teacher dialogue with numbers spelled out. Facts are measured by the product's `compute_facts` on
synthetic ellipse masks; every sentence about the mask is written from those facts. Defective rows carry
exactly one false claim (in the first answer, a follow-up answer, or about a fifth in a user turn).

Writer's own sanity check (a template-level claim checker written apart from QC, not kept): all 420 rows load
into the models, every clean row's fact sentences agree with its facts, every defective row carries exactly one
false fact sentence (names_target rows: none, and only they name the target in the first question).
First measure: not run by the writer (the lead measures this bank).
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
AX, COR = "LP", "LI"
# other structures' normalised centroids (x, y) per plane; relations are measured against them
OTHERS_AX = {"liver": (0.3, 0.4), "spleen": (0.76, 0.55), "aorta": (0.53, 0.62), "spine": (0.5, 0.8),
             "stomach": (0.66, 0.36)}
OTHERS_PELVIS = {"sacrum": (0.5, 0.82), "right femoral head": (0.2, 0.55), "left femoral head": (0.8, 0.55)}
OTHERS_COR = {"liver": (0.3, 0.3), "spleen": (0.74, 0.3), "urinary bladder": (0.5, 0.85), "spine": (0.5, 0.55)}


def P(target, plane, region, blobs, names, give, fn, kb, book, others, modality="CT"):
    return dict(target=target, plane=plane, region=region, blobs=blobs, names=names, give=give, fn=fn, kb=kb,
                book=book, others={k: v for k, v in others.items() if k not in target}, modality=modality)


PROFILES = [
    P("liver", AX, "abdomen", [(0.3, 0.4, 0.2, 0.17)], ["the liver", "this organ", "the hepatic parenchyma"],
      ["hepatic", "liver", "the hepatobiliary gland"], "makes bile, stores glycogen and clears drugs from the blood",
      ["The spleen lies on the opposite side, in the left upper quadrant.", "The stomach sits to the patient's left of it."],
      "In adults it usually weighs around 1.4 to 1.6 kg.", OTHERS_AX),
    P("spleen", AX, "abdomen", [(0.76, 0.62, 0.07, 0.1)], ["the spleen", "this organ", "the splenic tissue"],
      ["splenic", "spleen", "perisplenic"], "filters ageing red cells and can rupture after blunt trauma to the flank",
      ["The liver occupies most of the right upper quadrant.", "The left kidney lies behind and below it."],
      "A normal adult one is usually under about 12 to 13 cm long.", OTHERS_AX),
    P("pancreas", AX, "abdomen", [(0.52, 0.38, 0.2, 0.035)], ["the pancreas", "this gland", "the pancreatic tissue"],
      ["pancreatic", "pancreas", "peripancreatic"], "makes insulin and digestive enzymes and becomes inflamed with gallstones or alcohol",
      ["The duodenum curves around its head on the patient's right.", "The splenic vein runs along its back."],
      "In adults it is roughly 12 to 15 cm long.", OTHERS_AX),
    P("gallbladder", AX, "abdomen", [(0.3, 0.4, 0.035, 0.05)], ["the gallbladder", "this sac", "the gallbladder lumen"],
      ["gall bladder", "cholecystic", "biliary sac"], "stores and concentrates bile and causes pain after fatty meals when stones block it",
      ["The liver wraps around it from above.", "The pancreatic head lies lower and more medially."],
      "It typically holds about 30 to 50 mL of bile.", OTHERS_AX),
    P("stomach", AX, "abdomen", [(0.66, 0.36, 0.1, 0.08)], ["the stomach", "this organ", "the gastric lumen"],
      ["gastric", "stomach", "perigastric"], "churns food with acid and is where peptic ulcers form",
      ["The spleen sits behind it on the patient's left.", "The liver lies to its right."],
      "Empty, it holds about 50 mL; it can stretch to well over a litre.", OTHERS_AX),
    P("left kidney", AX, "abdomen", [(0.72, 0.64, 0.06, 0.08)], ["the left kidney", "this kidney", "the organ"],
      ["renal", "left kidney", "nephric"], "filters blood to make urine and can be the source of flank pain with stones",
      ["The right kidney usually sits slightly lower because of the liver.", "The aorta runs in front of the spine."],
      "An adult one is usually 10 to 12 cm long.", OTHERS_AX),
    P("right kidney", AX, "abdomen", [(0.28, 0.65, 0.06, 0.08)], ["the right kidney", "this kidney", "the organ"],
      ["renal", "right kidney", "nephric"], "filters blood to make urine and can be the source of flank pain with stones",
      ["The left kidney usually lies a little higher.", "The spleen sits on the opposite side, near the left kidney."],
      "An adult one is usually 10 to 12 cm long.", OTHERS_AX),
    P("kidney", AX, "abdomen", [(0.28, 0.65, 0.05, 0.07), (0.72, 0.65, 0.05, 0.07)],
      ["the kidneys", "both kidneys", "this pair of organs"], ["renal", "kidneys", "nephrons"],
      "filter the blood and make urine; creatinine rises when they fail",
      ["The aorta runs between them in front of the spine.", "The liver sits above the right one."],
      "Each adult one is usually 10 to 12 cm long.", OTHERS_AX),
    P("adrenal gland", AX, "abdomen", [(0.38, 0.6, 0.018, 0.03), (0.63, 0.6, 0.018, 0.03)],
      ["the adrenal glands", "these glands", "both adrenals"], ["adrenal", "suprarenal", "adrenals"],
      "sit on top of the urine-making organs and secrete cortisol and epinephrine",
      ["The inferior vena cava runs just in front of the right one.", "The aorta lies between them, near the midline."],
      "Each normal limb is usually under about 1 cm thick.", OTHERS_AX),
    P("aorta", AX, "abdomen", [(0.505, 0.64, 0.03, 0.03)], ["the aorta", "this vessel", "the aortic lumen"],
      ["aortic", "aorta", "AAA"], "carries oxygenated blood from the heart down to the legs and can balloon into an aneurysm",
      ["The inferior vena cava runs beside it on the patient's right.", "The left renal vein crosses in front of it."],
      "A normal abdominal one is usually under 3 cm across.", {k: v for k, v in OTHERS_AX.items() if k != "aorta"}),
    P("inferior vena cava", AX, "abdomen", [(0.42, 0.6, 0.028, 0.03)], ["the IVC", "this vein", "the inferior vena cava"],
      ["IVC", "caval", "vena cava"], "returns deoxygenated blood from the legs and abdomen to the right atrium",
      ["The aorta lies to its left, near the midline.", "The portal vein lies in front of it at the hepatic hilum."],
      "Its calibre varies with breathing and fluid status.", OTHERS_AX),
    P("urinary bladder", AX, "pelvis", [(0.5, 0.36, 0.09, 0.08)], ["the urinary bladder", "the bladder", "this organ"],
      ["bladder", "vesical", "cystic"], "collects and stores urine until voiding",
      ["The rectum lies behind it.", "The femoral heads sit on either side of the pelvis."],
      "Its capacity in adults is typically about 400 to 600 mL.", OTHERS_PELVIS),
    P("rectum", AX, "pelvis", [(0.5, 0.7, 0.045, 0.04)], ["the rectum", "this bowel segment", "the rectal lumen"],
      ["rectal", "rectum", "anorectal"], "stores stool just before defecation and is where many bowel cancers arise",
      ["The bladder lies in front of it.", "The sacrum curves behind it."],
      "It is roughly 12 to 15 cm long in adults.", OTHERS_PELVIS, modality="MR"),
    P("liver", COR, "abdomen", [(0.3, 0.3, 0.2, 0.16)], ["the liver", "this organ", "the hepatic parenchyma"],
      ["hepatic", "liver", "the hepatobiliary gland"], "makes bile, stores glycogen and clears drugs from the blood",
      ["The spleen lies on the opposite side, high in the left upper quadrant.", "The bladder lies far below, in the pelvis."],
      "Its span in the midclavicular line is usually under about 16 cm.", OTHERS_COR),
    P("urinary bladder", COR, "pelvis", [(0.5, 0.85, 0.09, 0.06)], ["the urinary bladder", "the bladder", "this organ"],
      ["bladder", "vesical", "cystic"], "collects and stores urine until voiding",
      ["The kidneys lie far above it, one on each side of the spine.", "The liver sits high on the right."],
      "Its capacity in adults is typically about 400 to 600 mL.", OTHERS_COR),
    P("kidney", COR, "abdomen", [(0.3, 0.38, 0.05, 0.08), (0.7, 0.36, 0.05, 0.08)],
      ["the kidneys", "both kidneys", "this pair of organs"], ["renal", "kidneys", "nephrons"],
      "filter the blood and make urine; creatinine rises when they fail",
      ["The spine runs between them.", "The bladder sits well below them in the pelvis."],
      "Each adult one is usually 10 to 12 cm long.", {k: v for k, v in OTHERS_COR.items() if k != "spine"}),
]
STYLES = ["report", "chat", "markdown", "dialogue"]
KINDS = ["laterality", "position", "size", "count", "names_target"]


def pick_profile(profiles, i, defect, rng):
    """Two-part masks a little more often for count and laterality defects."""
    two = [p for p in profiles if len(p["blobs"]) == 2]
    if defect in ("count", "laterality") and rng.random() < 0.4:
        return rng.choice(two)
    return rng.choice(profiles)


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    n = 384
    yy, xx = np.mgrid[0:n, 0:n] / (n - 1)
    mask = np.zeros((n, n), bool)
    dx, dy, s = rng.uniform(-0.015, 0.015), rng.uniform(-0.015, 0.015), rng.uniform(0.92, 1.08)
    for cx, cy, rx, ry in p["blobs"]:
        mx = dx if len(p["blobs"]) == 1 and abs(cx - 0.5) > 0.1 else 0.0
        mask |= ((xx - cx - mx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1.0
    return compute_facts(mask, p["plane"], others=p["others"]).model_dump(mode="json")


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["plane"]}


# ---------------------------------------------------------------------------------------------------
ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
       "sixteen seventeen eighteen nineteen".split()
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def words(k: int) -> str:
    if k >= 100:
        return ONES[k // 100] + " hundred" + ("" if k % 100 == 0 else " and " + words(k % 100))
    return ONES[k] if k < 20 else TENS[k // 10] + ("" if k % 10 == 0 else "-" + ONES[k % 10])


def spell(text: str) -> str:
    """Whole numbers under a thousand as words (decimals and thousands stay in digits)."""
    import re
    return re.sub(r"(?<![\d.,])\d{1,3}(?!\d)(?![.,]\d)", lambda m: words(int(m.group())), text)


CLASS = {"small": ["small", "fairly small", "compact", "modest in size"],
         "medium": ["medium-sized", "moderate in size", "mid-sized", "intermediate in size"],
         "large": ["large", "big", "sizeable", "extensive"]}
REL = {"left_of": ["to the patient's left of", "on the left side of"],
       "right_of": ["to the patient's right of", "on the right-hand side of"],
       "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
VERT = {"anterior": ["toward the front of the body", "in the anterior part of the slice", "anteriorly"],
        "posterior": ["toward the back of the body", "in the posterior part of the slice", "posteriorly"],
        "superior": ["high up, toward the head", "in the upper (superior) part of the image", "superiorly"],
        "inferior": ["low down, toward the feet", "in the lower (inferior) part of the image", "inferiorly"]}
VOPP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}


def pct(f: float, style: str, rng) -> str:
    p = f * 100
    if style == "dialogue":
        return "less than one percent" if p < 1 else f"about {words(round(p))} percent"
    if p < 1:
        return rng.choice([f"about {p:.2f}%", "under 1%", f"roughly {p:.1f} percent"])
    forms = [f"about {p:.1f}%", f"roughly {p:.0f} percent"]
    k = round(1 / f)
    if k in ORDINAL and abs(1 / k - f) < 0.15 * f:
        forms.append(f"around one-{ORDINAL[k]}")
    return rng.choice(forms)


ORDINAL = {5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth", 12: "twelfth", 20: "twentieth",
           25: "twenty-fifth", 30: "thirtieth", 40: "fortieth", 50: "fiftieth"}


def side_s(lat: str, false: bool, rng) -> str:
    if false:
        lat = {"left": "right", "right": "left", "midline": rng.choice(["left", "right"]),
               "bilateral": rng.choice(["left", "right"])}[lat]
        if lat in ("left", "right"):
            return rng.choice([f"It lies only on the patient's {lat} side.", f"This is a {lat}-sided finding, nothing on the other side.",
                               f"It sits in the patient's {lat} half of the body."])
    return rng.choice({
        "left": ["It sits on the patient's left.", "It is left-sided, not on the right.", "You'll find it on the patient's left-hand side.",
                 "Applying that convention, it falls on the patient's left."],
        "right": ["It sits on the patient's right.", "It is right-sided; it is not on the left.", "It lies on the patient's right-hand side.",
                  "Applying that convention, it falls on the patient's right."],
        "midline": ["It lies in the midline, not off to one side.", "It is central, straddling the midline.", "It sits centrally rather than on the left or right.",
                    "No lateral offset: it sits on the midline."],
        "bilateral": ["It is bilateral: one part on the left and one on the right.", "Both sides are involved, left and right.", "It is not confined to one side; there is a part on each side.",
                      "There is one on each side of the body."],
    }[lat])


def vert_s(v: str, false: bool, rng) -> str:
    if v not in VERT:
        return "It sits roughly at mid-depth of the slice."
    v = VOPP[v] if false else v
    return rng.choice([f"It lies {rng.choice(VERT[v])}.", f"Its position is {v}.", f"Most of it lies {rng.choice(VERT[v])}."])


def size_s(f: dict, style: str, false: bool, rng) -> str:
    c, frac = f["size_class"], f["area_fraction"]
    if false:
        big = c != "large" and (c == "small" or rng.random() < 0.6)
        c = "large" if big else "small"
        p = rng.uniform(15, 28) if big else rng.uniform(0.1, 0.4)
        amount = (f"about {words(round(p))} percent" if big else "well under one percent") if style == "dialogue" \
            else (f"about {p:.0f}%" if big else f"about {p:.1f}%")
    else:
        amount = pct(frac, style, rng)
    w = rng.choice(CLASS[c])
    neg = {"small": " It is certainly not large.", "large": " It is clearly not small.", "medium": ""}[c] if rng.random() < 0.4 and not false else ""
    return rng.choice([f"It is {w}, taking up {amount} of the image.", f"By area it is {w}: {amount} of the image.",
                       f"The mask covers {amount} of the picture, so it counts as {w}."]) + neg


def count_s(n: int, style: str, false: bool, rng) -> str:
    if false:
        n = 1 if n >= 2 else rng.choice([2, 3])
    if n == 1:
        return rng.choice(["It is one connected region, with no second focus.", "There is a single contiguous piece.",
                           "The mask is one continuous area; nothing separate.", "Only one region is outlined, not two."])
    k = words(n) if style == "dialogue" or rng.random() < 0.5 else str(n)
    return rng.choice([f"It comes in {k} separate parts.", f"There are {k} distinct regions, not one continuous piece.",
                       f"I count {k} separate islands of mask.",
                       f"The mask splits into {k} disconnected components."])


def rel_s(f: dict, false: bool, rng) -> str | None:
    rels = f["relations"]
    if not rels:
        return None
    r = rng.choice(rels)
    kind = FLIP[r["relation"]] if false else r["relation"]
    return rng.choice([f"It lies {rng.choice(REL[kind])} the {r['other']}.", f"Relative to the {r['other']}, it is {rng.choice(REL[kind])} it."])


def ufalse(attr: str, f: dict, rng) -> str:
    """A user's false presupposition about `attr`."""
    if attr == "side":
        s = {"left": "right", "right": "left"}.get(f["laterality"], rng.choice(["left", "right"]))
        return rng.choice([f"Why is it only on the patient's {s}?", f"Since it's on the {s} side, could that explain the pain?"])
    if attr == "vert":
        return f"Why does it sit so far {VOPP.get(f['vertical'], 'anterior')}?"
    if attr == "size":
        c = "tiny" if f["size_class"] != "small" else "huge"
        return rng.choice([f"Why is it so {c}?", f"It looks {c} to me, about {'a third' if c == 'huge' else 'a tenth of a percent'} of the image. Is that worrying?"])
    if attr == "count":
        return ("Why is it split into two separate pieces?" if f["components"] == 1
                else "Why is it just one single blob here?")
    r = f["relations"][0]
    return f"Why is it {REL[FLIP[r['relation']]][0]} the {r['other']}?"


CONVENTION = {AX: ["By radiological convention, axial images are viewed from the feet, so the patient's left appears on the right of the screen.",
                   "Remember the display convention: on this axial slice the patient's right is on the viewer's left."],
              COR: ["Coronal images are shown as if facing the patient: the head is at the top and the patient's right is on the viewer's left.",
                    "On this coronal view, image left is the patient's right, and the top of the image is toward the head."]}
POPULATION = ["Situs inversus, where the organs are mirrored left to right, affects roughly 1 in 10,000 people.",
              "Simple renal cysts are found in about a quarter to a third of adults over fifty.",
              "Around 10 to 15 percent of adults in Western countries have gallstones.",
              "The liver is the largest solid organ of the abdomen in almost everyone."]
HEDGE = ["Most likely this is {n}.", "This appears to be {n}.", "I'd say this is {n}.", "The highlighted structure is {n}."]


def first_q(p, rng, defect) -> str:
    hint = p["fn"]
    if defect == "names_target":
        g = rng.choice(p["give"])
        return rng.choice([f"Could you segment the {g} structure on this scan? It is the one that {hint}.",
                           f"Where is the {g} region here? Show me with a mask.",
                           f"Can you outline what the {g} findings refer to on this image?"])
    two = len(p["blobs"]) == 2
    thing, verb = ("structures", "do they") if two else ("structure", "does it")
    return rng.choice([f"Which {thing} on this {p['modality']} image {hint}? Please segment {'them' if two else 'it'}.",
                       f"A patient's chart mentions the {thing} that {hint}. Can you find {'them' if two else 'it'} here and mark {'them' if two else 'it'}?",
                       f"Could you highlight the {thing} on this scan that {hint}?",
                       f"The {thing} that {hint}: where {verb} lie on this image?"])


def hedge(sent: str, rng) -> str:
    """Sometimes soften a sentence the way a cautious reader would."""
    if sent.startswith("It ") and rng.random() < 0.25:
        return rng.choice(["Most likely, it ", "As far as I can tell, it ", "On this slice, it "]) + sent[3:]
    return sent


def say(attr, p, f, style, rng, false=False):
    return {"side": lambda: side_s(f["laterality"], false, rng), "vert": lambda: vert_s(f["vertical"], false, rng),
            "size": lambda: size_s(f, style, false, rng), "count": lambda: count_s(f["components"], style, false, rng),
            "rel": lambda: rel_s(f, false, rng)}[attr]()


def render(style, lead, parts, extras, rng) -> str:
    """One answer in the register; `parts` are (label, sentence)."""
    if style == "report":
        imp = rng.choice(["Impression: segmentation as above.", "Impression: structure identified and outlined.",
                          "Impression: see findings; no further comment."])
        return "Findings: " + " ".join([lead] + [s for _, s in parts] + extras) + "\n" + imp
    if style == "markdown":
        body = "\n".join(f"- **{lab}:** {s}" for lab, s in parts)
        ex = ("\n\n> " + " ".join(extras)) if extras else ""
        return f"### Answer\n{lead}\n\n{body}{ex}" if parts else f"{lead}{ex}"
    if style == "dialogue":
        open_ = rng.choice(["Good question!", "Let's think it through together.", "Well, let's look at it together."])
        return spell(" ".join([open_, lead] + [s for _, s in parts] + extras))
    open_ = rng.choice(["Sure!", "Happy to help.", "Okay, here's what I see.", "Of course."])
    return " ".join([open_, lead] + [s for _, s in parts] + extras)


LABEL = {"side": "Side", "vert": "Position", "size": "Size", "count": "Regions", "rel": "Neighbours"}
ASK = {"side": ["Which side is it on?", "Left or right?", "Is it on the left or the right?", "Which side of the patient, given how the image is displayed?"],
       "vert": ["Front or back, then?", "Is it toward the front or the back of the body?"],
       "vert_cor": ["Is it high or low in the image?", "Toward the head or the feet?"],
       "size": ["How big is it?", "Roughly how much of the image does it take up, and is that big?", "Is it large?"],
       "count": ["Just one piece?", "Any other separate bits elsewhere on the slice?", "How many separate regions does the mask have?", "Is it one connected blob or several pieces?"],
       "rel": ["Where is it relative to its neighbours?", "How does it relate to nearby structures?"]}


def ask(attr: str, p: dict) -> list[str]:
    return ASK["vert_cor" if attr == "vert" and p["plane"] == COR else attr]


def build(p: dict, f: dict, style: str, rng: random.Random, defect):
    attr = {"laterality": "side", "position": rng.choice(["vert", "rel"] if f["relations"] else ["vert"]) if f["vertical"] in VERT else "rel",
            "size": "size", "count": "count"}.get(defect)
    where = rng.choices(["first", "follow", "user"], [0.5, 0.3, 0.2])[0] if attr else None
    attrs = [a for a in ["side", "vert", "size", "count", "rel"] if (a != "rel" or f["relations"]) and (a != "vert" or f["vertical"] in VERT)]
    rng.shuffle(attrs)
    shown = attrs[: rng.randint(2, 4)]
    if where == "first" and attr not in shown:
        shown.append(attr)
    if where == "follow" and attr in shown:
        shown.remove(attr)
    name = p["names"][0]
    lead = rng.choice(HEDGE).format(n=name) + f" {SEG}"
    if len(p["blobs"]) == 2:
        lead = lead.replace("this is", "these are")
    parts = [(LABEL[a], hedge(say(a, p, f, style, rng, false=(where == "first" and a == attr)), rng)) for a in shown]
    extras = []
    if rng.random() < 0.6:
        extras.append(rng.choice(CONVENTION[p["plane"]]))
    if rng.random() < 0.5:
        extras.append(rng.choice(p["kb"]))
    if f["size_class"] == "small" and rng.random() < 0.3:
        extras.append("For comparison, the liver usually fills a far bigger share of an upper-abdominal slice.")
    elif f["size_class"] != "small" and p["target"] != "adrenal gland" and rng.random() < 0.3:
        extras.append("It is far bulkier than the adrenal glands, which are only thin limbs of tissue.")
    if rng.random() < 0.25:
        extras.append(rng.choice(POPULATION))
    q0 = first_q(p, rng, defect)
    if style == "dialogue":
        pre = rng.choice(["Teacher, a question: ", "Sir, I'm stuck on this one. ", "Professor, quick one: "])
        q0 = pre + (q0[0].lower() + q0[1:] if pre.endswith(": ") else q0)
    turns = [{"role": "user", "content": q0},
             {"role": "assistant", "content": render(style, lead, parts, extras, rng)}]
    if where == "user" and rng.random() < 0.5:  # a false presupposition already in the first question
        turns[0]["content"] += " " + ufalse(attr, f, rng)
        where = "done"
    rounds = rng.choice([1, 2, 2, 3]) if where in (None, "first", "done") else rng.choice([2, 3])
    follow_at = 1 if rounds == 2 or rng.random() < 0.5 else 2
    left = [a for a in attrs if a not in shown]
    for k in range(1, rounds):
        if k == follow_at and where in ("follow", "user"):
            if where == "follow":
                q, a = rng.choice(ask(attr, p)), say(attr, p, f, style, rng, false=True)
            else:
                q = ufalse(attr, f, rng)
                a = rng.choice(["The mask simply traces the structure where it lies on this slice; nothing else about it looks unusual.",
                                "That's a fair thing to wonder; the outline itself looks regular and smooth here."])
        elif left and rng.random() < 0.7:
            b = left.pop()
            q, a = rng.choice(ask(b, p)), say(b, p, f, style, rng)
        else:
            q = rng.choice(["Why is that?", "What does it normally do?", "Any textbook numbers I should remember for it?",
                            "Could you tell me a bit more about this structure and about what sits around it?"])
            a = p["book"] + " " + rng.choice(p["kb"])
            if rng.random() < 0.3:
                a += f" Functionally, {'they' if len(p['blobs']) == 2 else 'it'} {p['fn']}."
        if style == "dialogue":
            a = spell(a)
            a = rng.choice(["Right. ", "Exactly. ", "Think of it this way. "]) + a
        elif style == "markdown":
            a = "**Answer:** " + a
        elif style == "report":
            a = "Addendum: " + a
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    return turns, ([defect] if defect else [])
