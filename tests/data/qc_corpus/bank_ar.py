"""Bank AR: abdominal and pelvic CT (axial "LP") as an instruction-tuned LLM would discuss it, written blind.

Writer: helper `qcar`, who never opened the QC rules, their tests, other banks or their rows. Targets: liver,
spleen, pancreas, gallbladder, stomach, left kidney, right kidney, both kidneys (a two-part mask), aorta,
inferior vena cava, urinary bladder (pelvic slice) and "accessory spleen" (a label the knowledge base does not
know; one or two nodules). Facts are the product's own `compute_facts` on synthetic ellipse masks; the prose is
written from those facts. Four registers: terse radiologist, patient tutor, chatty markdown LLM, numbers as words.
Clean rows carry true negations, a display-convention sentence, knowledge about other structures (with their own
sides and positions), size comparisons, textbook population figures, hedges and follow-ups of every length.
Defective rows assert exactly one false claim (about a fifth of side/position/size/count ones in a user turn,
some only in a follow-up answer). First measure: not run by the writer (measured later by the lead).
"""

from __future__ import annotations

import random

import numpy as np

STYLES = ["terse", "tutor", "markdown", "words"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
SEG = "[SEG]"
W, H = 384, 384
# normalised centroids of neighbours used for relations (x runs to patient left, y to posterior)
NEIGH = {"liver": (0.30, 0.40), "spleen": (0.76, 0.60), "aorta": (0.52, 0.61), "vertebral body": (0.50, 0.74),
         "stomach": (0.68, 0.36), "right kidney": (0.30, 0.65), "left kidney": (0.70, 0.65),
         "inferior vena cava": (0.43, 0.58), "rectum": (0.50, 0.66)}
ARTICLE = {"vertebral body": "the vertebral body"}

# ellipses: (cx, cy, rx, ry) in image fractions; hint = implicit description; bad = ways of naming it
PROFILES = [
    dict(target="liver", shapes=[(0.30, 0.40, 0.17, 0.20)], near=["spleen", "aorta", "vertebral body"],
         hint=["the biggest solid organ under the ribs, the one that makes bile and turns yellow in jaundice",
               "the organ that detoxifies drugs and alcohol and stores glycogen"],
         bad=["hepatic", "the liver", "hepatocellular", "livers"],
         pop=("An adult one typically weighs around 1.4 to 1.6 kg.", "An adult one weighs roughly one and a half kilograms."),
         kb=["The spleen sits on the opposite side, high up on the patient's left.",
             "The inferior vena cava runs behind its bare area, just right of the midline."]),
    dict(target="spleen", shapes=[(0.76, 0.60, 0.07, 0.10)], near=["liver", "aorta", "stomach"],
         hint=["the soft organ under the lower ribs that filters old red cells and can rupture after a blow to the flank",
               "the blood-filtering organ that is removed after bad trauma and enlarges in mononucleosis"],
         bad=["splenic", "the spleen", "splenomegaly", "spleens"],
         pop=("In adults it is usually under about 12 cm long and weighs 150 g or so.", "In adults it is usually under about twelve centimetres long."),
         kb=["The liver fills most of the right upper abdomen.",
             "The stomach lies in front of it and toward the midline."]),
    dict(target="pancreas", shapes=[(0.55, 0.45, 0.09, 0.025)], near=["stomach", "vertebral body", "spleen"],
         hint=["the gland lying across the back of the upper abdomen that makes insulin and digestive enzymes",
               "the organ that becomes inflamed after gallstones or heavy drinking and raises the lipase"],
         bad=["pancreatic", "the pancreas", "pancreatitis", "peripancreatic"],
         pop=("In adults its head is normally no thicker than about 3 cm.", "In adults its head is normally no thicker than about three centimetres."),
         kb=["The duodenum wraps around its head on the patient's right.",
             "The spleen lies further out on the left, at the end of its tail."]),
    dict(target="gallbladder", shapes=[(0.34, 0.42, 0.03, 0.045)], near=["aorta", "vertebral body", "stomach"],
         hint=["the pear-shaped sac under the liver that stores bile and hurts after fatty meals when stones block it",
               "the small pouch that squeezes concentrated bile into the gut after eating"],
         bad=["gall bladder", "cholecystitis", "the gallbladder", "pericholecystic"],
         pop=("Gallstones are found in roughly one adult in ten in Western countries.", "Stones are found in roughly one adult in ten in Western countries."),
         kb=["The liver surrounds it from above on the right.",
             "The left kidney, on the other side, sits far behind and lower."]),
    dict(target="stomach", shapes=[(0.67, 0.36, 0.09, 0.07)], near=["liver", "aorta", "vertebral body"],
         hint=["the J-shaped hollow organ that holds a meal and mixes it with acid",
               "the bag of the gut that ulcers and reflux are blamed on and that fills after swallowing"],
         bad=["gastric", "the stomach", "perigastric", "stomachs"],
         pop=("Empty, it holds only about 50 ml, but it can stretch to over a litre.", "Empty, it holds only about fifty millilitres, yet it can stretch to over a litre."),
         kb=["The liver lies to its right and partly over it.",
             "The pancreas lies behind it, across the back of the abdomen."]),
    dict(target="left kidney", shapes=[(0.70, 0.65, 0.055, 0.08)], near=["aorta", "vertebral body", "liver"],
         hint=["the bean-shaped organ in the back of the abdomen on the same side as the spleen that makes urine",
               "the urine-producing organ next to the spleen that a stone can block and make painful"],
         bad=["renal", "left kidney", "nephrectomy", "kidneys"],
         pop=("In adults each of these organs measures roughly 10 to 12 cm long.", "In adults each of these organs measures roughly ten to twelve centimetres long."),
         kb=["Its partner on the right usually sits a little lower because the liver is above it.",
             "The aorta lies toward the midline, in front of the spine."]),
    dict(target="right kidney", shapes=[(0.30, 0.65, 0.055, 0.08)], near=["aorta", "vertebral body", "spleen"],
         hint=["the bean-shaped organ tucked behind the liver that filters the blood into urine",
               "the urine-making organ underneath the liver that can hold a stone and cause colic"],
         bad=["renal", "right kidney", "nephric", "kidneys"],
         pop=("In adults each of these organs measures roughly 10 to 12 cm long.", "In adults each of these organs measures roughly ten to twelve centimetres long."),
         kb=["Its partner on the left usually sits a little higher.",
             "The spleen lies on the opposite side, high on the patient's left."]),
    dict(target="kidney", shapes=[(0.30, 0.65, 0.05, 0.075), (0.70, 0.65, 0.05, 0.075)], near=["liver", "stomach"],
         hint=["the paired bean-shaped organs at the back of the abdomen that filter blood and make urine",
               "both organs that clear creatinine from the blood, one on either side of the spine"],
         bad=["renal", "the kidneys", "nephrons", "kidney"],
         pop=("Each one has about a million filtering units in an adult.", "Each one has about a million filtering units in an adult."),
         kb=["The aorta runs between them, directly in front of the spine.",
             "The liver sits above the right one and the spleen above the left one."]),
    dict(target="aorta", shapes=[(0.51, 0.61, 0.025, 0.025)], near=["liver", "vertebral body", "inferior vena cava"],
         hint=["the main artery carrying blood from the heart down through the abdomen, the one that can balloon in older smokers",
               "the large pulsating tube in front of the spine that supplies blood to the legs and gut"],
         bad=["aortic", "the aorta", "AAA", "periaortic"],
         pop=("In adults its abdominal part is normally under about 2 cm wide; over 3 cm counts as an aneurysm.", "In adults its abdominal part is normally under about two centimetres wide."),
         kb=["The inferior vena cava runs parallel to it on the patient's right.",
             "The left renal vein crosses in front of it to reach the right side."]),
    dict(target="inferior vena cava", shapes=[(0.42, 0.58, 0.02, 0.03)], near=["aorta", "spleen", "stomach"],
         hint=["the big vein that brings blood from the legs and abdomen back up to the heart",
               "the large thin-walled vein that returns blood from the lower body to the right atrium"],
         bad=["IVC", "caval", "vena cava", "the cava"],
         pop=("Its calibre changes with breathing, collapsing by about half on a sniff in many healthy people.", "Its calibre changes with breathing, collapsing by about half on a sniff in many healthy people."),
         kb=["The aorta runs beside it on the patient's left.",
             "The liver wraps around it at the top of the abdomen."]),
    dict(target="urinary bladder", shapes=[(0.50, 0.40, 0.09, 0.07)], near=["rectum"], region="pelvis",
         hint=["the hollow muscular organ low in the pelvis that stores urine until it is emptied",
               "the pelvic reservoir that fills between trips to the toilet and bleeds with some tumours in smokers"],
         bad=["bladder", "vesical", "cystitis", "the urinary bladder"],
         pop=("An adult one typically holds about 400 to 600 ml before the urge becomes strong.", "An adult one typically holds about four to six hundred millilitres."),
         kb=["The rectum lies behind it in the midline.",
             "The pubic bones lie in front of it."]),
    dict(target="accessory spleen", shapes=[(0.80, 0.60, 0.016, 0.016)], near=["aorta", "liver"], extra=(0.77, 0.66),
         hint=["the small round nodule of spare filtering tissue near the hilum of the left upper-quadrant organ, left over from development",
               "the little extra nodule of the blood-filtering organ that can be mistaken for a lymph node"],
         bad=["splenule", "accessory spleen", "splenic", "spleniculus"],
         pop=("Such nodules turn up in about one person in ten on CT.", "Such nodules turn up in about one person in ten on CT."),
         kb=["The main filtering organ lies just beside it on the left.",
             "The liver is on the other side, in the right upper quadrant."]),
]


def record_for(p: dict) -> dict:
    return {"modality": "CT", "body_region": p.get("region", "abdomen"), "orientation": "LP"}


def pick_profile(profiles, i, defect, rng):
    multi = [p for p in profiles if len(p["shapes"]) > 1 or "extra" in p]
    if defect in ("count", "laterality") and rng.random() < 0.4:
        return rng.choice(multi)
    return rng.choice(profiles)


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draw the profile's ellipses (jittered) and let the product measure them."""
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:H, 0:W]
    mask = np.zeros((H, W), bool)
    shapes = list(p["shapes"])
    if "extra" in p and rng.random() < 0.5:
        shapes.append((p["extra"][0], p["extra"][1], 0.012, 0.012))
    for cx, cy, rx, ry in shapes:
        s = rng.uniform(0.85, 1.15)
        cx, cy = cx + rng.uniform(-0.012, 0.012), cy + rng.uniform(-0.012, 0.012)
        mask |= ((xx / W - cx) / (rx * s)) ** 2 + ((yy / H - cy) / (ry * s)) ** 2 <= 1
    others = {n: NEIGH[n] for n in p["near"]}
    return compute_facts(mask, "LP", others).model_dump(mode="json")


# ---- numbers ---------------------------------------------------------------------------------------
_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}
_ORD = {2: "half", 3: "third", 4: "quarter", 5: "fifth", 7: "seventh", 8: "eighth", 10: "tenth", 12: "twelfth", 15: "fifteenth", 20: "twentieth", 25: "twenty-fifth",
        30: "thirtieth", 40: "fortieth", 50: "fiftieth", 60: "sixtieth", 70: "seventieth", 80: "eightieth",
        100: "hundredth", 150: "hundred-and-fiftieth", 200: "two-hundredth", 300: "three-hundredth",
        400: "four-hundredth", 500: "five-hundredth", 700: "seven-hundredth", 1000: "thousandth"}


def words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    t, o = divmod(n, 10)
    return _TENS[t] + ("" if o == 0 else "-" + _ONES[o])


def pct(f: dict, style: str, rng) -> str:
    p = f["area_fraction"] * 100
    if style == "words":
        if p < 1:
            k = max(1, round(p * 10))
            tenths = "one tenth" if k == 1 else "nearly one whole" if k == 10 else f"{words(k)} tenths"
            return rng.choice([f"about {tenths} of one percent", "less than one percent"])
        return f"roughly {words(round(p))} percent"
    return rng.choice([f"~{p:.1f}%", f"about {p:.1f}%", f"roughly {p:.1f} per cent"])


def fraction(f: dict) -> str:
    k = min(_ORD, key=lambda d: abs(np.log(d * f["area_fraction"])))
    return f"about a {_ORD[k]} of the slice"


SIZE_WORD = {"small": ["small", "compact", "modest"], "medium": ["medium-sized", "moderate", "mid-sized"],
             "large": ["large", "big", "extensive"]}
SIDE = {"left": ["on the patient's left", "in the left half of the body", "left-sided"],
        "right": ["on the patient's right", "in the right half of the body", "right-sided"],
        "midline": ["in the midline", "central, straddling the midline", "on the midline"],
        "bilateral": ["on both sides, one part either side of the spine", "bilateral", "on the left and the right alike"]}
TERSE_SIDE = {"left": "left-sided", "right": "right-sided", "midline": "midline", "bilateral": "bilateral"}
NEG_SIDE = {"left": "It is not on the right.", "right": "It does not sit on the left.",
            "midline": "It does not lean clearly to either side.",
            "bilateral": "It is not confined to one side."}
VERT = {"anterior": ["toward the front of the body", "anteriorly", "in the anterior half"],
        "posterior": ["toward the back", "posteriorly", "in the dorsal half of the section"],
        "central": ["about halfway between front and back", "in the middle third front to back"]}
REL = {"left_of": ["to the patient's left of", "on the left side of"], "right_of": ["to the patient's right of", "on the right side of"],
       "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
CONVENTION = ["By radiological convention the patient's left is shown on the right of the screen, as if facing the patient from the feet.",
              "Remember that axial CT is viewed from below, so the image's right edge is the patient's left.",
              "Note the display: the patient's right side appears on the viewer's left."]
HEDGE = ["Most likely", "As far as I can tell,", "On this slice", "Probably"]


def name(o: str) -> str:
    return ARTICLE.get(o, f"the {o}")


def count_s(n: int, style: str, rng) -> str:
    if n == 1:
        return rng.choice(["It forms a single connected region.", "The mask is one contiguous piece, with no second focus.",
                           "Just one component.", "There is only one region, not several."])
    w = words(n) if style == "words" or rng.random() < 0.5 else str(n)
    return rng.choice([f"The mask has {w} separate components.", f"It splits into {w} distinct regions.",
                       f"There are {w} disconnected parts rather than one."])


def size_s(p, f, style, rng) -> str:
    sw = rng.choice(SIZE_WORD[f["size_class"]])
    comp = ("bigger than anything else on this slice" if p["target"] == "liver"
            else rng.choice(["clearly smaller than the liver", "far smaller than the liver is"]))
    return rng.choice([f"It is {sw}, {pct(f, style, rng)} of the slice, {comp}.",
                       f"Size: {sw} ({pct(f, style, rng)}).",
                       f"It covers {fraction(f)}, so I'd call it {sw}.",
                       f"{rng.choice(HEDGE)} it is {sw}; it takes up {pct(f, style, rng)} and is {comp}."])


def rel_s(f, rng) -> str | None:
    if not f["relations"]:
        return None
    r = rng.choice(f["relations"])
    return rng.choice([f"It lies {rng.choice(REL[r['relation']])} {name(r['other'])}.",
                       f"Relative to {name(r['other'])}, it sits {rng.choice(REL[r['relation']])} it."])


def true_core(p, f, style, rng) -> list[str]:
    side = f["laterality"]
    if style == "terse":
        out = [rng.choice([f"Lat: {TERSE_SIDE[side]}.", f"{TERSE_SIDE[side].capitalize()}."]),
               rng.choice([f"{f['vertical'].capitalize()}.", f"Position: {f['vertical']}."])]
    else:
        out = [rng.choice([f"It is {rng.choice(SIDE[side])}.", f"Side: {rng.choice(SIDE[side])}."]),
               f"It lies {rng.choice(VERT[f['vertical']])}."]
    out.append(size_s(p, f, style, rng))
    out.append(count_s(f["components"], style, rng))
    r = rel_s(f, rng)
    if r:
        out.append(r)
    return out


def traps(p, f, style, rng) -> list[str]:
    t = [NEG_SIDE[f["laterality"]], rng.choice(CONVENTION), rng.choice(p["kb"]), p["pop"][style == "words"]]
    rng.shuffle(t)
    return t[: rng.randint(2, 4)]


# ---- false claims (exactly one per defective row) --------------------------------------------------
def wrong(kind, p, f, style, rng, rel: bool = False) -> str:
    side, vert = f["laterality"], f["vertical"]
    if kind == "laterality":
        if side in ("left", "right"):
            w = {"left": "right", "right": "left"}[side]
            return rng.choice([f"It is on the patient's {w}.", f"This is a {w}-sided structure.", f"Side: {w}."])
        if side == "midline":
            return rng.choice(["It lies clearly on the patient's left, away from the midline.", "It is a right-sided structure."])
        return rng.choice(["Only the right side is involved.", "It is confined to the patient's left."])
    if kind == "position":
        if vert in ("anterior", "posterior") and not rel:
            w = {"anterior": "posterior", "posterior": "anterior"}[vert]
            return f"It lies {VERT[w][rng.randrange(2)]}."
        if f["relations"]:
            r = rng.choice(f["relations"])
            return f"It lies {REL[FLIP[r['relation']]][0]} {name(r['other'])}."
        return "It lies at the very front of the abdomen."
    if kind == "size":
        wd = style == "words"
        if f["size_class"] == "large":
            return rng.choice(["It is tiny, well under one percent of the slice.",
                               "Size: small, about " + ("three tenths of one percent" if wd else "0.3%") + " of the image."])
        if f["size_class"] == "small":
            return rng.choice(["It is large, filling about a third of the image.",
                               "It is huge, roughly " + ("thirty percent" if wd else "30%") + " of the slice."])
        return rng.choice(["It is a large structure, about " + ("forty percent" if wd else "40%") + " of the image.",
                           "It is minute, about " + ("five hundredths of one percent" if wd else "0.05%") + " of the slice."])
    if kind == "count":
        if f["components"] == 1:
            return rng.choice(["The mask is made of two separate pieces.", "It splits into three distinct regions."])
        return rng.choice(["It is one single connected piece.", "There is only one component in the mask."])
    raise ValueError(kind)


def wrong_user(kind, p, f, rng) -> str:
    side, vert = f["laterality"], f["vertical"]
    if kind == "laterality":
        w = {"left": "right", "right": "left", "midline": "left", "bilateral": "right"}[side]
        return (f"Why is it only on the {w} side?" if side == "bilateral"
                else f"Why does it sit on the patient's {w} side here?")
    if kind == "position":
        if vert in ("anterior", "posterior"):
            w = {"anterior": "back", "posterior": "front"}[vert]
            return f"What makes it lie so far toward the {w} of the body?"
        r = f["relations"][0]
        return f"Why is it {REL[FLIP[r['relation']]][0]} {name(r['other'])} in this patient?"
    if kind == "size":
        return ("Why is it so tiny, under one percent of the picture?" if f["size_class"] == "large"
                else "Why does it fill almost half of the picture?")
    return ("Why is it broken into two separate pieces?" if f["components"] == 1
            else "Why is it just a single connected blob?")


# ---- registers -------------------------------------------------------------------------------------
def question(p, rng, named: bool) -> str:
    h = rng.choice(p["hint"])
    if named:
        b = rng.choice(p["bad"])
        h = rng.choice([f"{h} ({b})", f"{h}, the {b} structure", f"{h} - I believe the word is '{b}' -"])
    return rng.choice([f"Can you segment {h}?", f"Please outline {h} on this CT slice. Where is it?",
                       f"Which structure here is {h}, and where does it lie?",
                       f"I'm studying this scan. Could you highlight {h}?"])


def first_answer(style, rng, sents: list[str]) -> str:
    if style == "terse":
        return f"{SEG} " + " ".join(sents)
    if style == "tutor":
        return (rng.choice(["Good question! ", "Happy to help. ", "Sure. "]) + f"Here it is: {SEG}. Let me explain. "
                + " ".join(sents) + rng.choice([" Does that make sense?", " Feel free to ask more.", ""]))
    if style == "markdown":
        return (f"## Segmentation\n\n**Mask:** {SEG}\n\n### Key observations\n" + "\n".join(f"- {s}" for s in sents)
                + rng.choice(["\n\n> Let me know if you want more detail!", "\n\n---\n*Hope this helps.*", ""]))
    return f"The highlighted region is {SEG}. " + " ".join(sents)


FOLLOWS = [("Which side is it?", "side"), ("And why is that?", "why"), ("How big is it?", "size"),
           ("How many pieces does the mask have?", "count"),
           ("Could you say a bit more about where it sits relative to its neighbours, and how I should read left and right on this kind of image?", "where"),
           ("Ok thanks, anything else?", "more")]


def follow_answer(topic, p, f, style, rng) -> str:
    if topic == "side":
        s = f"It is {rng.choice(SIDE[f['laterality']])}. {NEG_SIDE[f['laterality']]}"
    elif topic == "size":
        s = size_s(p, f, style, rng)
    elif topic == "count":
        s = count_s(f["components"], style, rng)
    elif topic == "where":
        s = " ".join(x for x in (rel_s(f, rng), f"It lies {rng.choice(VERT[f['vertical']])}.", rng.choice(CONVENTION)) if x)
    elif topic == "why":
        s = f"That is simply normal anatomy. {rng.choice(p['kb'])} {p['pop'][style == 'words']}"
    else:
        s = rng.choice(p["kb"]) + " " + rng.choice(["Nothing else stands out.", "That covers the main points."])
    if style == "markdown":
        return "**Answer:** " + s
    if style == "tutor":
        return rng.choice(["Sure! ", "Of course. ", "Good point. "]) + s
    return s


def build(p: dict, f: dict, style: str, rng: random.Random, defect: str | None):
    where = None
    if defect and defect != "names_target":
        where = rng.choices(["first", "follow", "user"], [0.45, 0.35, 0.2])[0]
    rounds = rng.choice([1, 2, 2, 3])
    if where in ("follow", "user"):
        rounds = max(rounds, 2)
    sents = true_core(p, f, style, rng)
    if where == "first":  # replace the true sentence on that topic with the false one
        idx = {"laterality": 0, "position": 1, "size": 2, "count": 3}[defect]
        rel = defect == "position" and len(sents) > 4 and (f["vertical"] == "central" or rng.random() < 0.5)
        if rel:  # a flipped relation replaces the true relation sentence; the vertical one goes too
            idx, sents[1] = 4, ""
        sents[idx] = wrong(defect, p, f, style, rng, rel)
    if where == "first" and defect == "laterality":
        tr = [t for t in traps(p, f, style, rng) if t not in NEG_SIDE.values()]
    else:
        tr = traps(p, f, style, rng)
    body = [s for s in sents + tr if s]
    turns = [{"role": "user", "content": question(p, rng, defect == "names_target")},
             {"role": "assistant", "content": first_answer(style, rng, body)}]
    clash = {"laterality": "side", "position": "where", "size": "size", "count": "count"}.get(defect or "")
    fol = rng.sample([x for x in FOLLOWS if x[1] != clash], rounds - 1)
    bad_round = rng.randrange(rounds - 1) if where in ("follow", "user") else -1
    for k, (q, topic) in enumerate(fol):
        if k == bad_round and where == "user":
            q = wrong_user(defect, p, f, rng)
            a = follow_answer("more", p, f, style, rng)
        else:
            a = follow_answer(topic, p, f, style, rng)
        if k == bad_round and where == "follow":  # the asked topic answered truly, then the false claim
            a = a + " " + wrong(defect, p, f, style, rng, f["vertical"] == "central")
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    return turns, ([defect] if defect else [])
