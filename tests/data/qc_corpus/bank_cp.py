"""Bank CP: pelvis, spine and musculoskeletal MR/CT (axial LP, coronal LI, sagittal PI) in four registers:
a bedside nurse-physician teaching exchange, a medico-legal expert opinion, an LLM that writes
"Let me verify:" checks after each claim, and a "spot the difference" comparison with a normal reference
image described in words (the reference's features are not claims about this mask).

Written blind (without opening the QC rules, their tests or other banks). Facts come from synthetic masks
measured by `medseg_qa.facts.compute_facts`; every sentence about the mask is written from those facts.
One label the knowledge base does not know: "bone metastasis" (several foci).

first measure: not taken by the writer (the lead measures once after merging).
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
W = H = 256
STYLES = ["bedside", "legal", "verify", "spotdiff"]
KINDS = ["laterality", "position", "size", "count", "names_target"]

# -- profiles ---------------------------------------------------------------------------------------
# shape: list of (cx, cy, rx, ry) generators picked by `_draw`; others: other structures' centroids
PROFILES = [
    dict(target="urinary bladder", name="urinary bladder", plane="axial", modality="MR", region="pelvis",
         names=["bladder", "urinary bladder", "vesical", "urinary bladders"],
         hints=["the hollow muscular organ that stores urine until voiding",
                "the fluid-filled reservoir that fills up between trips to the toilet"],
         clinical=["the patient has had painless blood in the urine", "she is in retention after surgery"],
         others={"rectum": (0.5, 0.72), "left femoral head": (0.76, 0.5)},
         ref="a smooth, thin-walled oval sitting just behind the pubic bones"),
    dict(target="prostate", name="prostate", plane="axial", modality="MR", region="pelvis",
         names=["prostate", "prostatic gland", "prostate gland"],
         hints=["the walnut-sized gland around the first part of the male urethra",
                "the male gland that adds fluid to semen and sits under the outlet of the urine reservoir"],
         clinical=["his PSA is raised", "he gets up four times a night to pass water"],
         others={"rectum": (0.5, 0.7)},
         ref="a symmetric gland with a bright peripheral zone and no focal dark area"),
    dict(target="rectum", name="rectum", plane="axial", modality="CT", region="pelvis",
         names=["rectum", "rectal ampulla", "anorectum"],
         hints=["the last straight part of the large bowel, just above the anal canal",
                "the segment of bowel that stores stool until it is passed"],
         clinical=["there is bright red bleeding and a change in bowel habit", "a tumour low in the bowel is being staged"],
         others={"urinary bladder": (0.5, 0.32)},
         ref="a collapsed tube with a thin, even wall"),
    dict(target="uterus", name="uterus", plane="sagittal", modality="MR", region="pelvis",
         names=["uterus", "womb", "uterine body"],
         hints=["the pear-shaped muscular organ that holds a pregnancy",
                "the organ whose inner lining is shed each month"],
         clinical=["she has heavy periods and a bulky pelvis", "there is bleeding after the menopause"],
         others={"urinary bladder": (0.4, 0.66), "rectum": (0.66, 0.5)},
         ref="a pear-shaped organ with a thin, even inner lining"),
    dict(target="ovary", name="ovary", plane="axial", modality="MR", region="pelvis",
         names=["ovary", "ovaries", "ovarian gland"],
         hints=["the almond-shaped gland that releases an egg each month",
                "the small paired gland beside the womb that makes oestrogen"],
         clinical=["a young woman has sudden pelvic pain", "the CA-125 is raised"],
         others={"uterus": (0.5, 0.45)}, pair=True,
         ref="two small almond-shaped glands, one on each side of the womb, with a few follicles"),
    dict(target="femoral head", name="femoral head", plane="coronal", modality="MR", region="pelvis",
         names=["femoral head", "head of the femur", "femoral epiphysis", "caput femoris"],
         hints=["the rounded ball at the top of the thigh bone that sits in the socket",
                "the part of the thigh bone that loses its blood supply in avascular necrosis"],
         clinical=["the patient took steroids for years and now has groin pain", "an elderly woman fell and cannot bear weight"],
         others={"urinary bladder": (0.5, 0.52)}, pair=True,
         ref="two round, symmetric balls of bone with even marrow signal"),
    dict(target="gluteus maximus", name="gluteus maximus", plane="axial", modality="CT", region="pelvis",
         names=["gluteus maximus", "glute max", "gluteal muscle", "great gluteal muscle"],
         hints=["the largest buttock muscle, the one that extends the hip when you climb stairs",
                "the big muscle of the buttock that you sit on"],
         clinical=["a deep injection caused buttock pain", "the patient struggles to rise from a chair after surgery"],
         others={"sacrum": (0.5, 0.66)}, pair=True,
         ref="thick, symmetric muscle bulk behind the pelvis on both sides"),
    dict(target="iliopsoas", name="iliopsoas", plane="axial", modality="CT", region="pelvis",
         names=["iliopsoas", "psoas", "iliacus", "psoas muscle"],
         hints=["the hip flexor that runs from the lower back to the inner thigh",
                "the muscle that bends the hip when you lift your knee"],
         clinical=["a febrile patient holds the hip flexed", "a patient on anticoagulants has groin pain and a falling haemoglobin"],
         others={"urinary bladder": (0.5, 0.35)}, pair=True,
         ref="a pair of symmetric muscles along the pelvic brim"),
    dict(target="vertebral body", name="vertebral bodies", plane="sagittal", modality="MR", region="spine",
         names=["vertebral bodies", "vertebrae", "lumbar spine", "L4 vertebral body"],
         hints=["the weight-bearing blocks of bone stacked in front of the nerve canal of the back",
                "the bony blocks of the back that collapse in osteoporotic fractures"],
         clinical=["an older woman has sudden back pain without a fall", "there is a known cancer and new back pain"],
         others={"spinal cord": (0.62, 0.5)}, stack=True,
         ref="a column of evenly spaced, rectangular blocks of bone of equal height"),
    dict(target="vertebral body", name="vertebral body", plane="axial", modality="CT", region="spine",
         names=["vertebral body", "vertebra", "lumbar vertebra", "spinal column"],
         hints=["the round block of bone that carries the weight of the trunk, just behind the big vessels",
                "the bony block in the back that can lose height in a compression fracture"],
         clinical=["there is back pain after a fall", "the patient has thin bones and new back pain"],
         others={"rectum": (0.5, 0.62)},
         ref="a round block of bone with an even, intact rim"),
    dict(target="spinal cord", name="spinal cord", plane="sagittal", modality="MR", region="spine",
         names=["spinal cord", "cord", "medulla spinalis", "thoracic cord"],
         hints=["the column of nerve tissue that runs inside the bony canal of the back",
                "the nerve tissue that carries signals between the brain and the legs"],
         clinical=["the patient cannot move the legs after a fall", "there is numbness rising up the trunk"],
         others={"vertebral body": (0.46, 0.5)},
         ref="a thin, uniform band of nerve tissue running down the canal"),
    dict(target="sacrum", name="sacrum", plane="axial", modality="CT", region="pelvis",
         names=["sacrum", "sacral bone", "sacral vertebrae"],
         hints=["the triangular bone at the base of the back, wedged between the two hip bones",
                "the bone that carries the weight of the trunk into the pelvis from behind"],
         clinical=["an elderly woman has low back pain with no fall", "there is saddle numbness after lifting"],
         others={"urinary bladder": (0.5, 0.3)},
         ref="a smooth, symmetric triangular bone with no fracture line"),
    dict(target="bone metastasis", name="bone metastases", plane="coronal", modality="MR", region="pelvis",
         names=["bone metastasis", "bone metastases", "metastatic bone deposits", "skeletal mets"],
         hints=["the spots in the pelvic bones where a cancer has spread",
                "the marrow lesions that light up on the bone scan of a man with a known cancer"],
         clinical=["he has prostate cancer and new bone pain", "the alkaline phosphatase is rising"],
         others={"urinary bladder": (0.5, 0.45)}, foci=True,
         ref="clean marrow signal everywhere, with no focal lesion"),
]

ORIENT = {"axial": "LP", "coronal": "LI", "sagittal": "PI"}


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": ORIENT[p["plane"]]}


def pick_profile(profiles: list, i: int, defect, rng: random.Random) -> dict:
    """Weight toward the paired and multi-region targets (bilateral and several-region masks)."""
    if rng.random() < 0.35:
        return rng.choice([p for p in profiles if p.get("pair") or p.get("stack") or p.get("foci")])
    return rng.choice(profiles)


# -- masks and facts --------------------------------------------------------------------------------

def _ellipse(m: np.ndarray, cx: float, cy: float, rx: float, ry: float) -> None:
    yy, xx = np.mgrid[0:H, 0:W]
    m[((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0] = 1


def _draw(p: dict, rng: random.Random) -> np.ndarray:
    m = np.zeros((H, W), np.uint8)
    u = rng.uniform
    t = p["target"]
    if t == "urinary bladder":
        _ellipse(m, u(124, 132), u(75, 95), u(26, 42), u(20, 32))
    elif t == "prostate":
        _ellipse(m, u(124, 132), u(88, 104), u(10, 22), u(9, 18))
    elif t == "rectum":
        _ellipse(m, u(124, 132), u(160, 178), u(10, 20), u(8, 16))
    elif t == "uterus":  # sagittal PI: columns run posterior, rows inferior
        _ellipse(m, u(100, 118), u(70, 100), u(18, 30), u(26, 40))
    elif p.get("pair"):
        dx, cy = {"ovary": (u(36, 52), rng.choice([u(92, 104), u(150, 162)])), "femoral head": (u(55, 68), u(158, 172)),
                  "gluteus maximus": (u(48, 62), u(178, 196)), "iliopsoas": (u(34, 46), u(84, 100))}[t]
        r = {"ovary": (u(6, 11), u(5, 9)), "femoral head": (u(14, 22), u(14, 22)),
             "gluteus maximus": (u(26, 38), u(14, 20)), "iliopsoas": (u(10, 16), u(9, 13))}[t]
        sides = rng.choice([[1], [-1], [1, -1], [1, -1]])
        for s in sides:
            _ellipse(m, 127.5 + s * dx + u(-3, 3), cy + u(-4, 4), *r)
    elif t == "vertebral body" and p["plane"] == "sagittal":
        n, y = rng.randint(2, 5), u(40, 150)
        for k in range(n):
            _ellipse(m, u(114, 120), y + 36 * k, u(15, 20), u(11, 13))
    elif t == "vertebral body":
        _ellipse(m, u(124, 131), u(150, 165), u(18, 26), u(15, 22))
    elif t == "spinal cord":
        _ellipse(m, u(150, 160), u(95, 160), u(4, 6), u(45, 75))
    elif t == "sacrum":
        _ellipse(m, u(124, 131), u(168, 182), u(34, 48), u(13, 20))
    else:  # bone metastasis: 2-4 foci anywhere in the pelvic bones (coronal LI)
        n = rng.randint(2, 4)
        for _ in range(n):
            _ellipse(m, rng.choice([u(40, 90), u(165, 215), u(120, 135)]), u(60, 200), u(4, 9), u(4, 9))
    return m


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts
    from medseg_qa.patient import PatientFrame

    while True:
        m = _draw(p, rng)
        frame = None
        if p["plane"] == "sagittal":  # a midsagittal slice: the plane itself is in the midline
            frame = PatientFrame("image_centre", ((W - 1) / 2, (H - 1) / 2), (float(W), float(H)), None, 0.0)
        f = compute_facts(m, ORIENT[p["plane"]], others=dict(p["others"]), frame=frame)
        if p["target"] != "bone metastasis" or f.components >= 2:
            return f.model_dump(mode="json")


# -- phrases written from the facts -----------------------------------------------------------------
NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
OPP_SIDE = {"left": "right", "right": "left"}
OPP_V = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
OPP_REL = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "superior_to": "inferior_to",
           "inferior_to": "superior_to", "left_of": "right_of", "right_of": "left_of"}


def side_text(side: str, rng: random.Random) -> str:
    return rng.choice({
        "left": ["on the patient's left", "on the left side of the patient", "left-sided", "in the patient's left half"],
        "right": ["on the patient's right", "on the right side of the patient", "right-sided", "in the patient's right half"],
        "midline": ["in the midline", "centred on the midline", "right on the centre line of the body", "midline, straddling the centre"],
        "bilateral": ["on both sides", "bilateral, with a part on each side", "on the left and on the right",
                      "present on both the right and the left"],
    }[side])


def false_side_text(side: str, rng: random.Random) -> str:
    if side in OPP_SIDE:
        return side_text(OPP_SIDE[side], rng)
    if side == "bilateral":
        s = rng.choice(["left", "right"])
        return rng.choice([f"only on the patient's {s}", f"confined to the {s} side", f"purely {s}-sided"])
    return rng.choice(["off to the patient's right, away from the midline", "lateral, on the patient's left",
                       "on the right side, well away from the centre line"])


def vert_text(v: str, plane: str, rng: random.Random) -> str:
    if v == "central":
        return rng.choice(["roughly central along the " + ("front-to-back" if plane == "axial" else "head-to-foot") + " axis",
                           "about halfway " + ("between front and back" if plane == "axial" else "between top and bottom") + " of the body"])
    return rng.choice({
        "anterior": ["anterior", "toward the front of the body", "in the anterior part of the slice", "at the front"],
        "posterior": ["posterior", "toward the back of the body", "in the posterior part of the slice", "at the back"],
        "superior": ["superior", "toward the head", "in the upper (superior) part of the image", "high up"],
        "inferior": ["inferior", "toward the feet", "in the lower (inferior) part of the image", "low down"],
    }[v])


def rel_text(rel: str, other: str, rng: random.Random) -> str:
    return rng.choice({
        "anterior_to": [f"in front of the {other}", f"anterior to the {other}"],
        "posterior_to": [f"behind the {other}", f"posterior to the {other}"],
        "superior_to": [f"above the {other}", f"superior to the {other}"],
        "inferior_to": [f"below the {other}", f"inferior to the {other}"],
        "left_of": [f"to the patient's left of the {other}"],
        "right_of": [f"to the patient's right of the {other}"],
    }[rel])


def pct(x: float) -> str:
    v = x * 100
    return f"{v:.1f}%" if v < 10 else f"{v:.0f}%"


def size_text(cls: str, frac: float, rng: random.Random) -> str:
    word = rng.choice({"small": ["small", "quite small"], "medium": ["medium-sized", "moderate in size"],
                       "large": ["large", "big"]}[cls])
    return rng.choice([f"{word}, about {pct(frac)} of the image", f"{word} (roughly {pct(frac)} of the image area)",
                       f"{word}; it covers around {pct(frac)} of the frame"])


def false_size_text(cls: str, rng: random.Random) -> str:
    if cls == "large":
        return rng.choice(["tiny, well under half a percent of the image", "very small, about 0.2% of the image"])
    if cls == "small":
        return rng.choice(["very large, about a fifth of the image", "huge, roughly 25% of the frame"])
    return rng.choice(["tiny, about 0.1% of the image", "enormous, around 30% of the image area"])


def count_text(n: int, rng: random.Random) -> str:
    if n == 1:
        return rng.choice(["a single connected region", "one contiguous piece", "one region only"])
    return rng.choice([f"{NUMW[n]} separate regions", f"{NUMW[n]} distinct, disconnected parts", f"split into {NUMW[n]} pieces"])


def false_count_text(n: int, rng: random.Random) -> str:
    if n == 1:
        return rng.choice(["two separate regions", "three distinct, disconnected parts", "split into two pieces"])
    return rng.choice(["a single connected region", "one contiguous piece", f"{NUMW[n + 2]} separate regions"])


def negation(field: str, f: dict, nm: str):
    """A true negative sentence about the mask (a trap)."""
    if field == "side":
        s = f["laterality"]
        be = "are" if nm in PLURAL.values() or nm in ("vertebral bodies", "bone metastases") else "is"
        return {"left": f"The {nm} {be} not on the right.", "right": f"The {nm} {be} not on the left.",
                "midline": f"The {nm} {be} not off to one side.",
                "bilateral": f"The {nm} {be} not confined to one side."}.get(s)
    if field == "count":
        return "There is no second focus." if f["components"] == 1 else "The outline is not one single piece."
    return None


CONVENTION = {
    "axial": ["On this radiological display the patient's left is on the viewer's right.",
              "Remember the convention: we look up from the feet, so the patient's right is on the image left."],
    "coronal": ["As usual for a coronal image, the patient's left is shown on the viewer's right and the head is at the top."],
    "sagittal": ["This is a sagittal slice: the front of the patient is toward the image left and the head is at the top."],
}
KNOW = {
    "pelvis": ["The sigmoid colon usually runs down the left side of the pelvis.",
               "The appendix usually sits in the right lower quadrant.",
               "A normal adult bladder holds roughly 400 to 600 mL.",
               "A normal adult ovary measures about 3 x 2 x 1 cm.",
               "The femoral head in an adult is usually about 4 to 5 cm across.",
               "Hip fractures are much more common in older women with thin bones."],
    "spine": ["The aorta runs just to the left of the midline in front of the spine.",
              "In adults the spinal cord usually ends around the level of L1 to L2.",
              "Osteoporotic vertebral fractures become much more common after the menopause.",
              "The inferior vena cava lies to the right of the aorta."],
}


def facts_view(p: dict, f: dict) -> dict:
    rels = [(r["relation"], r["other"]) for r in f["relations"]]
    return dict(side=f["laterality"], vert=f["vertical"], cls=f["size_class"], frac=f["area_fraction"],
                n=f["components"], rels=rels)


def claim(field: str, p: dict, v: dict, rng: random.Random, false: bool = False) -> str:
    """A clause (no subject) asserting `field` of the mask, true or (false=True) false."""
    if field == "side":
        return false_side_text(v["side"], rng) if false else side_text(v["side"], rng)
    if field == "position":
        if v["vert"] != "central" and (not [r for r in v["rels"] if r[0] not in ("left_of", "right_of")] or rng.random() < 0.6):
            return vert_text(OPP_V[v["vert"]] if false else v["vert"], p["plane"], rng)
        rels = [r for r in v["rels"] if r[0] not in ("left_of", "right_of")]  # lateral relations are sides
        if rels:
            rel, other = rng.choice(rels)
            return rel_text(OPP_REL[rel] if false else rel, other, rng)
        if false:
            return rng.choice(["far anterior, hugging the front wall", "right at the back of the body"]) if p["plane"] == "axial" \
                else rng.choice(["at the very top of the image", "right at the bottom of the frame"])
        return vert_text("central", p["plane"], rng)
    if field == "size":
        return false_size_text(v["cls"], rng) if false else size_text(v["cls"], v["frac"], rng)
    return false_count_text(v["n"], rng) if false else count_text(v["n"], rng)


def user_presupposition(field: str, p: dict, v: dict, rng: random.Random) -> str:
    """A user question that presupposes one false fact (a defect in a USER turn)."""
    nm = p["name"]
    if field == "side":
        return rng.choice([f"Why is the {nm} {false_side_text(v['side'], rng)} in this patient?",
                           f"So it's {false_side_text(v['side'], rng)} - is that normal for the {nm}?"])
    if field == "position":
        return f"How come the {nm} sits {claim('position', p, v, rng, false=True)} on this slice?"
    if field == "size":
        return rng.choice([f"Why does the {nm} look {false_size_text(v['cls'], rng)}?",
                           f"Given it is {false_size_text(v['cls'], rng)}, should we worry?"])
    return rng.choice([f"Why is the {nm} {false_count_text(v['n'], rng)} on this slice?",
                       f"Since it shows up as {false_count_text(v['n'], rng)}, what does that mean?"])


PLURAL = {"ovary": "ovaries", "femoral head": "femoral heads", "gluteus maximus": "gluteus maximus muscles",
          "iliopsoas": "iliopsoas muscles"}
FIELDS = ["side", "position", "size", "count"]
DEFECT_FIELD = {"laterality": "side", "position": "position", "size": "size", "count": "count"}


def name_of(p: dict, v: dict) -> str:
    return PLURAL.get(p["name"], p["name"]) if v["n"] >= 2 and p.get("pair") else p["name"]


def traps(p: dict, f: dict, v: dict, rng: random.Random, k: int, bad=None) -> list[str]:
    """True sentences a checker may misread: negations (never about the defect's field), the display
    convention, other structures, population numbers. Negations come first so that they follow the mask."""
    neg = [x for x in (negation(fld, f, name_of(p, v)) for fld in ("side", "count") if fld != bad) if x]
    pool = [rng.choice(CONVENTION[p["plane"]])] if v["side"] in ("left", "right") or p["plane"] == "sagittal" else []
    pool += rng.sample(KNOW[p["region"]], 2)
    out = rng.sample(neg, min(len(neg), rng.randint(0, 1) if k == 1 else 1)) if neg else []
    return out + rng.sample(pool, min(max(k - len(out), 1), len(pool)))


def check_text(field: str, p: dict, v: dict, rng: random.Random, true: bool) -> str:
    if true and field == "side" and v["side"] in OPP_SIDE and p["plane"] != "sagittal":
        return (f"the mask lies on the viewer's {OPP_SIDE[v['side']]}, which on this radiological display "
                f"is the patient's {v['side']}.")
    if true and field == "count":
        return rng.choice(["counted the connected components of the mask.", "looked for islands of the outline."])
    return rng.choice(["re-read against the mask overlay.", "compared with the outline on the image.",
                       "matches the segmentation as drawn.", "cross-checked with the slice."])


def q_first(p: dict, style: str, rng: random.Random, named: bool) -> str:
    thing = (f"the {rng.choice(p['names'])}" if named else rng.choice(p["hints"]))
    clin = rng.choice(p["clinical"])
    mod = p["modality"]
    if style == "bedside":
        return rng.choice([
            f"Okay so, quick one before the round - on this {mod} can you point out {thing}? The patient, well, {clin}.",
            f"Sorry, I know you're busy. Bed four - {clin}. Which bit of this scan is {thing}?",
            f"Can you show me where {thing} is on this slice? Just so I can explain it to the family, because {clin}.",
        ])
    if style == "legal":
        return rng.choice([
            f"Doctor, for the benefit of the court, please identify on this {mod} image {thing}. The history is that {clin}.",
            f"In your capacity as the expert witness, would you mark {thing} on the {mod} and give your opinion? "
            f"The claimant's records state that {clin}.",
        ])
    if style == "verify":
        return rng.choice([f"Which structure on this {mod} is {thing}? Context: {clin}.",
                           f"Segment {thing}, please, and double-check what you say about it. ({clin})",
                           f"Can you find {thing} here and verify each statement you make? Note: {clin}."])
    return rng.choice([
        f"Spot the difference: compared with a normal reference {mod}, where in this image is {thing}? ({clin})",
        f"Let's play spot the difference with a healthy reference scan. Can you show me {thing} in this patient? Background: {clin}.",
    ])


def sentences(fields: list, p: dict, v: dict, rng: random.Random, style: str, bad=None) -> list[str]:
    """One sentence per field in the register of `style`; `bad` is the field asserted falsely."""
    out = []
    for fld in fields:
        c = claim(fld, p, v, rng, false=fld == bad)
        hedge = fld != bad and rng.random() < 0.3  # hedges only on true claims: a defect is plainly asserted
        if style == "bedside":
            out.append(rng.choice([f"See, it's {c}.", f"Okay so it's {c}, yeah.", f"Mm-hm, and it's {c}.",
                                   f"Look here - it's {c}.", f"So, um, it's {c}, you see that?"]
                                  + ([f"It's probably {c}, I think.", f"I'd say it's likely {c}."] if hedge else [])))
        elif style == "legal":
            out.append(rng.choice([f"It is my opinion, to a reasonable degree of medical certainty, that the structure is {c}.",
                                   f"In my opinion it is {c}.", f"I am satisfied that it is {c}.",
                                   f"Having reviewed the images, I would state that it is {c}.",
                                   f"I would describe the structure as {c}."]
                                  + ([f"On the balance of probabilities it is {c}."] if hedge else [])))
        elif style == "verify":
            chk = check_text(fld, p, v, rng, fld != bad)
            out.append(rng.choice([f"- Claim: it is {c}. Check: {chk} ✔ consistent",
                                   f"Claim: the structure is {c}.\nCheck: {chk}\n✔ consistent",
                                   f"- Claim: {c}. Check: {chk} ✔ consistent"]))
        else:
            out.append(rng.choice([f"- This image: it is {c}.", f"- Here, the outlined structure is {c}.",
                                   f"- In the patient's image the structure is {c}.", f"- Versus the reference: this one is {c}."]))
    return out


def a_first(p, f, v, style, rng, fields, bad, bad_field=None) -> str:
    nm = name_of(p, v)
    be = "are" if nm in PLURAL.values() or nm in ("vertebral bodies", "bone metastases") else "is"
    body = sentences(fields, p, v, rng, style, bad)
    tr = traps(p, f, v, rng, rng.randint(1, 2), bad_field)
    if style == "bedside":
        return " ".join([rng.choice([f"Mm-hm, sure. So this here {SEG} {be} the {nm}.",
                                     f"Okay so - this one {SEG}, that's the {nm}, probably the clearest bit of the slice.",
                                     f"Yeah, good question. Right, so what I've outlined {SEG} {be} the {nm}.",
                                     f"Sure - hang on, let me zoom. Okay, there: {SEG}, the {nm}."])]
                        + body + tr)
    if style == "legal":
        return " ".join([rng.choice([f"It is my opinion, to a reasonable degree of medical certainty, that the region "
                                     f"marked {SEG} represents the {nm}.",
                                     f"I have reviewed the {p['modality']} images. The region I have marked {SEG} {be}, "
                                     f"in my opinion, the {nm}."])] + body
                        + [rng.choice(["For context:", "By way of background for the court:", "I add, for completeness:"])] + tr)
    if style == "verify":
        return "\n".join([rng.choice([f"This is the {nm} {SEG}.", f"**Answer:** the {nm} {SEG}.",
                                      f"The structure you describe {be} the {nm}, segmented here: {SEG}."]),
                          "", "Let me verify:"] + body + ["", "Notes: " + " ".join(tr)])
    return "\n".join([rng.choice(["Spot the difference:", "**Spot the difference** (this image vs. the normal reference)"]),
                      f"- Reference image: {p['ref']}.",
                      f"- This image: the {nm} {be} outlined {SEG}."] + body + ["- Background: " + " ".join(tr)])


QUESTION = {
    "side": ["Which side, then?", "Sorry - which side was that again?", "Can you confirm the side it is on?"],
    "position": ["Where exactly is it?", "And where does it sit relative to its neighbours?", "Whereabouts is it, front or back, up or down?"],
    "size": ["How big is it?", "Okay, and how large is it on this slice?", "What is its size?"],
    "count": ["Is it all one piece?", "How many separate parts are there?", "Is there more than one region?"],
    "why": ["Why is that?", "Why does that matter clinically?", "And why is that useful to know?"],
}


def q_follow(kind: str, style: str, rng: random.Random) -> str:
    q = rng.choice(QUESTION[kind])
    if style == "bedside":
        pre = "" if q.startswith(("Mm", "Sorry", "Okay")) else rng.choice(["", "Mm-hm. ", "Okay so - ", "Wait, sorry. "])
        return pre + (q[0].lower() + q[1:] if pre.endswith("- ") else q)
    if style == "legal":
        return rng.choice(["Counsel: ", "Thank you, Doctor. ", ""]) + q
    return q


def a_follow(kind: str, p, f, v, style, rng, bad, bad_field=None) -> str:
    if kind == "why":
        fn = rng.choice(["it helps explain the symptoms", "it guides where to look next and what to watch for",
                         "it changes which specialist should be involved"])
        extra = traps(p, f, v, rng, 2, bad_field)
        if style == "legal":
            return f"Because, in my opinion, {fn}. " + " ".join(extra)
        if style == "verify":
            return f"Because {fn}.\n\nLet me verify:\n- Claim: this is general background. Check: no claim about the mask. ✔ consistent\n" + " ".join(extra)
        return ("Because " if style != "bedside" else "Mm, because ") + f"{fn}. " + " ".join(extra)
    body = sentences([kind], p, v, rng, style, bad)
    if style == "verify":
        return "\n".join(["Let me verify:"] + body)
    if style == "spotdiff":
        return "\n".join(body + [f"- Reference image, for comparison: {p['ref']}."])
    tail = [rng.choice(["Probably nothing more to it than that.", "That's how I'd read it, anyway.", "Hedging a bit - it's one slice."])] \
        if style == "bedside" else ["I hold that view on the images provided."]
    return " ".join(body + tail)


def a_neutral(p, f, v, style, rng) -> str:
    """An answer to a user presupposition that neither repeats nor corrects it (general background only)."""
    fn = rng.choice(["it is hard to say much from one slice", "that depends on the rest of the study",
                     "the clinical picture matters more than one image"])
    extra = " ".join(rng.sample(KNOW[p["region"]], 2))
    if style == "legal":
        return f"In my opinion {fn}. {extra}"
    if style == "verify":
        return f"Honestly, {fn}. {extra}\n\nLet me verify:\n- Claim: {fn}. Check: general statement. ✔ consistent"
    if style == "spotdiff":
        return f"- Difference from the reference: {fn}. {extra}"
    return f"Mm-hm, well, {fn}. {extra}"


def build(p: dict, f: dict, style: str, rng: random.Random, defect):
    v = facts_view(p, f)
    bad = DEFECT_FIELD.get(defect)
    loc = None
    if bad:
        r = rng.random()
        loc = "user" if r < 0.22 else "followup" if r < 0.45 else "first"
    first = rng.sample(FIELDS, rng.randint(2, 3))
    rest = [x for x in FIELDS if x not in first] + ["why"]
    rng.shuffle(rest)
    n_rounds = rng.choice([1, 2, 2, 3, 3]) if loc in (None, "first") else rng.choice([2, 3])
    follows = rest[:n_rounds - 1]
    if bad:
        first = [x for x in first if x != bad] or [rng.choice([x for x in FIELDS if x != bad])]
        follows = [x for x in follows if x != bad]
        if loc == "first":
            first.insert(rng.randrange(len(first) + 1), bad)
        while len(follows) < n_rounds - 1:
            follows.append(rng.choice(["why"] + [x for x in FIELDS if x != bad]))
    turns = [{"role": "user", "content": q_first(p, style, rng, defect == "names_target")},
             {"role": "assistant", "content": a_first(p, f, v, style, rng, first, bad if loc == "first" else None, bad)}]
    if loc in ("user", "followup"):
        k = rng.randrange(len(follows))
        follows[k] = "@" + loc
    for kind in follows:
        if kind == "@user":
            turns += [{"role": "user", "content": user_presupposition(bad, p, v, rng)},
                      {"role": "assistant", "content": a_neutral(p, f, v, style, rng)}]
        elif kind == "@followup":
            turns += [{"role": "user", "content": q_follow(bad, style, rng)},
                      {"role": "assistant", "content": a_follow(bad, p, f, v, style, rng, bad)}]
        else:
            turns += [{"role": "user", "content": q_follow(kind, style, rng)},
                      {"role": "assistant", "content": a_follow(kind, p, f, v, style, rng, None, bad)}]
    return turns, ([defect] if defect else [])
