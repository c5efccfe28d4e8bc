"""Bank BS (round 15, helper qcbs): the product's default domain, abdominal CT (axial "LP", some coronal "LI").

Written blind (no QC rule, test, other bank or row was opened). Targets: liver, spleen, both kidneys, one
kidney, pancreas, gallbladder, stomach, aorta, inferior vena cava, adrenal glands, vertebral body, liver lesion
and kidney cyst (1-3 regions). Facts are the product's own measurement (`compute_facts`) of synthetic masks drawn
inside a synthetic body outline, with the other organs' centroids as `others`; prose is written from those facts.
Registers: "gpt4" (polished assistant paragraphs with transitions), "telehealth" (timestamped patient/doctor
chat), "template" (uppercase radiology headings), "words" (numbers as words, fractions and comparisons).
Defects: one plainly false claim; about a fifth of side/position/size/count defects sit in a user follow-up,
about a quarter only in a follow-up answer. `LAST_PLANTED` holds the planted false text of the last build (for
the writer's own checks; QC never sees it).

Writer's own checks (/work/notes/qcbs_scripts/check_bs.py, a reader keyed on this module's phrase tables, never
QC): 420 rows (210 clean, 42 of each defect kind), every row loads into the models; every clean row's claims
agree with its facts (2991 claim phrases read right, 0 wrong); each side/position/size/count defect row holds
exactly its one planted false phrase (94 in the first answer, 38 in a follow-up answer, 36 in a user follow-up);
each names_target first question names the target and no other first question does (knowledge-base synonyms,
prefixes such as "adrenal" in "adrenaline", and the bank's own giveaways); [SEG] once, in the first answer only;
turns 14..713 characters; 84 / 227 / 109 rows of 1 / 2 / 3 rounds.

first measure: not taken by the writer (the lead measures once after merging).
"""

from __future__ import annotations

import random

import numpy as np

LAST_PLANTED: str | None = None
STYLES = ["gpt4", "telehealth", "template", "words"]
W = H = 512

# plane -> structure -> list of (nx, ny, a, b) ellipses (pixels), the normal layout of one slice
AXIAL = {"liver": [(0.30, 0.42, 100, 85)], "spleen": [(0.76, 0.62, 40, 32)],
         "right kidney": [(0.32, 0.66, 36, 30)], "left kidney": [(0.68, 0.66, 36, 30)],
         "pancreas": [(0.58, 0.50, 42, 11)], "gallbladder": [(0.34, 0.38, 18, 14)],
         "stomach": [(0.66, 0.36, 50, 38)], "aorta": [(0.505, 0.62, 13, 13)],
         "inferior vena cava": [(0.42, 0.60, 14, 10)], "vertebral body": [(0.50, 0.73, 34, 34)]}
CORONAL = {"liver": [(0.32, 0.34, 95, 75)], "spleen": [(0.73, 0.36, 32, 45)],
           "right kidney": [(0.36, 0.52, 28, 48)], "left kidney": [(0.64, 0.52, 28, 48)],
           "stomach": [(0.62, 0.38, 45, 40)], "aorta": [(0.505, 0.58, 10, 70)]}


def _p(target, plane, parts, noun, fn, give, **kw):
    return dict(target=target, plane=plane, parts=parts, noun=noun, fn=fn, give=give, **kw)


FN = {
    "liver": ["makes bile, stores glycogen and clears many drugs from the blood",
              "would be the first place to look in a patient with jaundice and raised transaminases"],
    "spleen": ["filters worn-out red blood cells and can rupture after a blow to the left lower ribs",
               "enlarges in glandular fever, so contact sports are discouraged for a few weeks"],
    "kidney": ["filter the blood and produce urine",
               "are checked when creatinine rises and the urine shows protein"],
    "one kidney": ["filters the blood and produces urine on one side",
                   "is the likely source of flank pain that radiates to the groin"],
    "pancreas": ["releases insulin into the blood and digestive enzymes into the duodenum",
                 "becomes inflamed after heavy drinking or a gallstone, with pain boring through to the back"],
    "gallbladder": ["stores and concentrates bile between meals",
                    "causes right-sided pain after fatty meals when stones block its outlet"],
    "stomach": ["holds swallowed food and mixes it with acid and pepsin",
                "would harbour an ulcer causing burning pain before meals"],
    "aorta": ["carries oxygenated blood from the heart down to the legs",
              "is the main artery screened by ultrasound in older male smokers for a bulge"],
    "inferior vena cava": ["returns blood from the legs and lower trunk to the right atrium",
                           "is the large vein a filter may be placed in to stop clots reaching the lungs"],
    "adrenal glands": ["make cortisol and epinephrine and sit on top of the kidneys",
                       "are examined when blood pressure is high with low potassium"],
    "vertebral body": ["carries the weight of the trunk and is the bone that fractures in osteoporosis",
                       "forms the weight-bearing front part of the bony column behind the abdomen"],
    "liver lesion": ["show up as rounded darker areas inside the big organ that makes bile",
                     "were reported as focal abnormalities on a follow-up scan after bowel cancer"],
    "liver lesion 1": ["shows up as a rounded darker area inside the big organ that makes bile",
                       "was reported as a focal abnormality on a follow-up scan after bowel cancer"],
    "kidney cyst": ["appear as round, fluid-density, thin-walled pockets on the organs that make urine",
                    "were seen as round water-density spots on an incidental scan"],
    "kidney cyst 1": ["appears as a round, fluid-density, thin-walled pocket on the organ that makes urine",
                      "was seen as a round water-density spot on an incidental scan"],
}
GIVE = {
    "liver": ["hepatic parenchyma", "liver", "hepatic tissue"],
    "spleen": ["splenic tissue", "spleen", "splenic outline"],
    "kidney": ["kidneys", "renal outlines", "nephrons"],
    "one kidney": ["kidney", "renal parenchyma", "renal outline"],
    "pancreas": ["pancreatic gland", "pancreas", "pancreatic parenchyma"],
    "gallbladder": ["gallbladder", "gall bladder", "cholecystic lumen"],
    "stomach": ["stomach", "gastric lumen", "gastric wall"],
    "aorta": ["aorta", "aortic lumen", "abdominal aorta"],
    "inferior vena cava": ["IVC", "vena cava", "caval lumen"],
    "adrenal glands": ["adrenals", "suprarenal glands", "adrenal tissue"],
    "vertebral body": ["vertebra", "lumbar vertebra", "spine"],
    "liver lesion": ["liver lesions", "hepatic masses", "liver metastases"],
    "kidney cyst": ["renal cysts", "kidney cyst", "cystic lesion"],
}
KB_OTHER = {  # true knowledge sentences about OTHER structures (no relation frames, no claim phrases)
    "axial": ["The spleen normally tucks under the lower left ribs, well away from the gallbladder.",
              "The left renal vein usually crosses over the aorta just below the superior mesenteric artery.",
              "The duodenum curves in a C shape around the head of the pancreas.",
              "The right kidney generally lies a little lower than the left one because the liver sits above it.",
              "For orientation, the aorta usually runs just left of the midline with the vena cava to its right.",
              "The liver is by far the largest solid organ in the abdomen, and the adrenal glands are among the "
              "smallest.",
              "In most people the stomach sits up under the left dome of the diaphragm, while the gallbladder "
              "hangs from the underside of the liver on the right."],
    "coronal": ["The liver's dome reaches up under the right hemidiaphragm.",
                "The left kidney usually sits slightly higher than the right one.",
                "The psoas muscles run down either side of the lumbar column toward the pelvis.",
                "The spleen lies high on the left, tucked behind the stomach under the ribs."],
}
MENTIONS = {"kidney": ["kidney", "renal"], "one kidney": ["kidney", "renal"], "adrenal glands": ["adrenal"],
            "inferior vena cava": ["vena cava"], "vertebral body": ["vertebr", "spine", "lumbar column"],
            "liver lesion": ["liver"], "kidney cyst": ["kidney", "renal"], "stomach": ["stomach"]}
CONVENTION = {
    "axial": ["By the usual radiological convention the slice is viewed from the feet, so the patient's left "
              "appears on the right-hand side of the screen.",
              "Remember that axial CT is displayed as if you were standing at the foot of the bed, which puts "
              "the patient's right on the viewer's left."],
    "coronal": ["This coronal image is shown as if facing the patient: the head is at the top and the patient's "
                "left is on the right-hand side of the screen."],
}
POPULATION = {
    "liver": "In adults this organ typically weighs around 1.4 to 1.6 kilograms.",
    "spleen": "An adult one usually measures under 13 centimetres in length.",
    "kidney": "Each one is typically 10 to 12 centimetres long in an adult.",
    "one kidney": "An adult kidney is typically 10 to 12 centimetres long.",
    "pancreas": "In adults it is usually 12 to 15 centimetres long.",
    "gallbladder": "It typically holds about 30 to 50 millilitres of bile.",
    "stomach": "Empty, it holds about 75 millilitres, but it can stretch to well over a litre.",
    "aorta": "In the abdomen its diameter is normally under 3 centimetres.",
    "inferior vena cava": "Its calibre normally varies with breathing, narrowing on inspiration.",
    "adrenal glands": "Each limb is normally thinner than about 1 centimetre.",
    "vertebral body": "Lumbar ones are the largest of the column because they carry the most weight.",
    "liver lesion": "Simple cysts and haemangiomas are common incidental findings in adults.",
    "kidney cyst": "Simple cysts of this kind become more common with age and are found in many adults over 50.",
}

PROFILES = [
    _p("liver", "axial", ["liver"], "organ", FN["liver"], GIVE["liver"]),
    _p("liver", "coronal", ["liver"], "organ", FN["liver"], GIVE["liver"]),
    _p("spleen", "axial", ["spleen"], "organ", FN["spleen"], GIVE["spleen"]),
    _p("spleen", "coronal", ["spleen"], "organ", FN["spleen"], GIVE["spleen"]),
    _p("kidney", "axial", ["right kidney", "left kidney"], "organs", FN["kidney"], GIVE["kidney"], key="kidney"),
    _p("kidney", "coronal", ["right kidney", "left kidney"], "organs", FN["kidney"], GIVE["kidney"], key="kidney"),
    _p("left kidney", "axial", ["left kidney"], "organ", FN["one kidney"], GIVE["one kidney"], key="one kidney"),
    _p("right kidney", "coronal", ["right kidney"], "organ", FN["one kidney"], GIVE["one kidney"], key="one kidney"),
    _p("right kidney", "axial", ["right kidney"], "organ", FN["one kidney"], GIVE["one kidney"], key="one kidney"),
    _p("pancreas", "axial", ["pancreas"], "gland", FN["pancreas"], GIVE["pancreas"]),
    _p("gallbladder", "axial", ["gallbladder"], "organ", FN["gallbladder"], GIVE["gallbladder"]),
    _p("stomach", "axial", ["stomach"], "organ", FN["stomach"], GIVE["stomach"]),
    _p("stomach", "coronal", ["stomach"], "organ", FN["stomach"], GIVE["stomach"]),
    _p("aorta", "axial", ["aorta"], "vessel", FN["aorta"], GIVE["aorta"]),
    _p("aorta", "coronal", ["aorta"], "vessel", FN["aorta"], GIVE["aorta"]),
    _p("inferior vena cava", "axial", ["inferior vena cava"], "vessel", FN["inferior vena cava"],
       GIVE["inferior vena cava"]),
    _p("adrenal glands", "axial", [], "glands", FN["adrenal glands"], GIVE["adrenal glands"]),
    _p("vertebral body", "axial", ["vertebral body"], "bone", FN["vertebral body"], GIVE["vertebral body"]),
    _p("liver lesion", "axial", [], "lesions", FN["liver lesion"], GIVE["liver lesion"]),
    _p("liver lesion", "coronal", [], "lesions", FN["liver lesion"], GIVE["liver lesion"]),
    _p("kidney cyst", "axial", [], "cyst", FN["kidney cyst"], GIVE["kidney cyst"]),
    _p("kidney cyst", "coronal", [], "cyst", FN["kidney cyst"], GIVE["kidney cyst"]),
]
for _q in PROFILES:
    _q.setdefault("key", _q["target"])


def record_for(p: dict) -> dict:
    return {"modality": "CT", "body_region": "abdomen", "orientation": "LP" if p["plane"] == "axial" else "LI"}


def pick_profile(profiles, i, defect, rng):
    """Weights axial 3:1 over coronal; count defects lean on lesions, cysts and paired organs."""
    if defect == "count" and rng.random() < 0.5:
        return rng.choice([q for q in profiles if q["key"] in ("kidney", "adrenal glands", "liver lesion", "kidney cyst")])
    pool = [q for q in profiles if q["plane"] == "axial"] if rng.random() < 0.5 else profiles
    return rng.choice(pool)


def _ellipse(m, nx, ny, a, b):
    yy, xx = np.ogrid[:H, :W]
    cx, cy = nx * (W - 1), ny * (H - 1)
    m |= ((xx - cx) / a) ** 2 + ((yy - cy) / b) ** 2 <= 1.0


def _target_parts(p, layout, rng):
    """Ellipses of the target: a normal structure, or 1-3 lesions/cysts inside their host organ."""
    if p["key"] == "adrenal glands":
        return [(0.38 + rng.uniform(-0.01, 0.01), 0.55, 12, 6), (0.62 + rng.uniform(-0.01, 0.01), 0.55, 12, 6)]
    if p["key"] in ("liver lesion", "kidney cyst"):
        n = rng.choice([1, 1, 2, 3])
        if p["key"] == "liver lesion":
            hosts = [layout["liver"][0]] * n
        else:
            both = rng.random() < 0.35 and n >= 2
            one = rng.choice(["right kidney", "left kidney"])
            hosts = [layout[("right kidney", "left kidney")[k % 2] if both else one][0] for k in range(n)]
        out = []
        for k, (hx, hy, ha, hb) in enumerate(hosts):
            ang = 2 * np.pi * (k / max(n, 1)) + rng.uniform(0, 0.6)
            r = 0.45 if n > 1 else rng.uniform(0.0, 0.3)
            rad = rng.uniform(7, 11)
            out.append((hx + r * ha * np.cos(ang) / (W - 1), hy + r * hb * np.sin(ang) / (H - 1), rad, rad))
        return out
    return [(nx + rng.uniform(-0.012, 0.012), ny + rng.uniform(-0.012, 0.012), a * rng.uniform(0.93, 1.07),
             b * rng.uniform(0.93, 1.07)) for nx, ny, a, b in [e for s in p["parts"] for e in layout[s]]]


def facts_for(p: dict, rng: random.Random) -> dict:
    """The product's own facts of a synthetic target mask in a synthetic body; side notes for the prose in
    `_SCENE` (other structures' areas and centroids), keyed by the facts' centroid."""
    from medseg_qa.facts import compute_facts
    from medseg_qa.patient import body_outline, patient_frame

    axial = p["plane"] == "axial"
    layout = AXIAL if axial else CORONAL
    values = np.full((H, W), -1000.0)
    body = np.zeros((H, W), bool)
    _ellipse(body, 0.5, 0.5, 220 if axial else 200, 170 if axial else 230)
    values[body] = 40.0
    orientation = "LP" if axial else "LI"
    frame = patient_frame((H, W), orientation, body=body_outline(values, -500.0))
    while True:
        mask = np.zeros((H, W), bool)
        for e in _target_parts(p, layout, rng):
            _ellipse(mask, *e)
        hidden = set(p["parts"]) | ({"liver"} if p["key"] == "liver lesion" else set())
        others, areas = {}, {}
        for name, ells in layout.items():
            if name in hidden or (p["key"] == "kidney cyst" and "kidney" in name):
                continue
            om = np.zeros((H, W), bool)
            for e in ells:
                _ellipse(om, *e)
            ys, xs = np.nonzero(om)
            others[name] = (float(xs.mean()) / (W - 1), float(ys.mean()) / (H - 1))
            areas[name] = int(om.sum())
        f = compute_facts(mask, orientation, others=others, frame=frame)
        cp = f.centroid_patient
        # keep away from the measurement's own thresholds so every true and false claim is clear-cut
        if f.laterality in ("left", "right") and abs(cp[0]) < 0.08 and f.components == 1:
            continue
        break
    d = f.model_dump(mode="json")
    _SCENE[_key(d)] = {"others": others, "areas": areas, "plane": p["plane"]}
    return d


_SCENE: dict = {}


def _key(d):
    return (tuple(d["centroid"]), d["area_pixels"])


# ---- how the facts are said (claim fragments; the writer's own checker reads exactly these) -------------
SIDE_P = {"left": ["on the patient's left", "in the left side of the abdomen", "left-sided"],
          "right": ["on the patient's right", "in the right side of the abdomen", "right-sided"],
          "midline": ["in the midline", "straddling the midline", "centred on the midline"],
          "bilateral": ["on both sides", "bilateral", "one on each side"]}
VERT_P = {"anterior": ["toward the front of the abdomen", "anteriorly", "in the anterior part of the slice"],
          "posterior": ["toward the back of the abdomen", "posteriorly", "in the posterior part of the slice"],
          "central": ["at mid-depth between front and back", "roughly halfway between the front and the back"],
          "superior": ["toward the head end of the image", "superiorly", "in the upper part of the image"],
          "inferior": ["toward the feet on this image", "inferiorly", "in the lower part of the image"]}
VERT_CENTRAL_COR = ["at mid-height on this image", "around the middle of the image from head to foot"]
SIZE_P = {"small": ["fairly small", "small in size", "a small structure"],
          "medium": ["medium-sized", "moderate in size", "intermediate in size"],
          "large": ["sizeable", "large in size", "a large structure"]}
COUNT_P = {1: ["a single connected region", "one continuous region", "a single contiguous piece"],
           2: ["two separate regions", "a pair of separate regions", "two distinct parts"],
           3: ["three separate regions", "three distinct foci", "three small foci"]}
REL_P = {"left_of": ["to the patient's left of the {o}", "on the left side of the {o}"],
         "right_of": ["to the patient's right of the {o}", "on the right side of the {o}"],
         "anterior_to": ["in front of the {o}", "anterior to the {o}"],
         "posterior_to": ["behind the {o}", "posterior to the {o}"],
         "superior_to": ["above the {o}", "superior to the {o}"],
         "inferior_to": ["below the {o}", "inferior to the {o}"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
WORDNUM = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 8: "eight", 10: "ten", 12: "twelve"}
FRAC = {2: "one half", 3: "one third", 4: "one quarter", 5: "one fifth", 6: "one sixth", 8: "one eighth",
        10: "one tenth", 12: "one twelfth", 15: "one fifteenth", 20: "one twentieth", 25: "one twenty-fifth",
        30: "one thirtieth", 40: "one fortieth", 50: "one fiftieth", 75: "one seventy-fifth",
        100: "one hundredth", 150: "one hundred-and-fiftieth", 200: "one two-hundredth",
        300: "one three-hundredth", 400: "one four-hundredth", 500: "one five-hundredth", 700: "one seven-hundredth",
        1000: "one thousandth", 1500: "one fifteen-hundredth", 2000: "one two-thousandth", 3000: "one three-thousandth"}


def vert_phrase(v, plane, rng):
    if v == "central":
        return rng.choice(VERT_P["central"] if plane == "axial" else VERT_CENTRAL_COR)
    return rng.choice(VERT_P[v])


def pct(frac, words, rng):
    """The share of the image, as digits or as a fraction in words."""
    if words:
        n = min(FRAC, key=lambda k: abs(np.log(k * frac)))
        return f"{rng.choice(['roughly', 'about', 'close to'])} {FRAC[n]} of the image"
    v = frac * 100
    num = f"{v:.2f}" if v < 0.3 else f"{v:.1f}" if v < 10 else f"{v:.0f}"
    return f"{rng.choice(['about', 'roughly', 'approximately'])} {num}% of the image"


def relations(facts, scene, min_sep=0.1):
    """Facts' relations whose centroids differ clearly (the writer's margin, not QC's)."""
    c = facts["centroid_normalized"]
    out = []
    for r in facts["relations"]:
        oc = scene["others"].get(r["other"])
        if oc is None:
            continue
        axis = 0 if r["relation"] in ("left_of", "right_of") else 1
        if abs(c[axis] - oc[axis]) >= min_sep:
            out.append((r["other"], r["relation"]))
    return out


def rel_phrase(other, rel, rng):
    return rng.choice(REL_P[rel]).format(o=other)


def size_false(facts):
    sc = facts["size_class"]
    if sc == "medium":
        return "large" if (facts.get("body_fraction") or facts["area_fraction"] * 2) < 0.045 else "small"
    return "large" if sc == "small" else "small"


def planted(kind, p, facts, scene, rng):
    """(false fragment, sentence) of one kind, or None when this mask gives no clear-cut false claim."""
    cp = facts["centroid_patient"]
    if kind == "laterality":
        s = facts["laterality"]
        wrong = {"left": "right", "right": "left", "midline": rng.choice(["left", "right"]),
                 "bilateral": rng.choice(["left", "right"])}[s]
        frag = rng.choice(SIDE_P[wrong][:2])
        lead = "only " if s == "bilateral" else ""
        return frag, f"It lies {lead}{frag}."
    if kind == "position":
        v = facts["vertical"]
        if v in OPP and abs(cp[1]) >= 0.12 and rng.random() < 0.6:
            frag = vert_phrase(OPP[v], scene["plane"], rng)
            return frag, f"It sits {frag}."
        rels = relations(facts, scene)
        if not rels:
            if v in OPP and abs(cp[1]) >= 0.09:
                frag = vert_phrase(OPP[v], scene["plane"], rng)
                return frag, f"It sits {frag}."
            return None
        o, r = rng.choice(rels)
        frag = rel_phrase(o, FLIP[r], rng)
        return frag, f"It lies {frag}."
    if kind == "size":
        if rng.random() < 0.5:
            frac = facts["area_fraction"]
            wrong = frac * 6 if frac < 0.08 else frac / 6
            frag = pct(wrong, False, rng)
            return frag, f"It covers {frag}."
        frag = rng.choice(SIZE_P[size_false(facts)][:2])
        return frag, f"In terms of size, it is {frag}."
    if kind == "count":
        n = facts["components"]
        frag = rng.choice(COUNT_P[1] if n >= 2 else COUNT_P[rng.choice([2, 3])])
        return frag, f"It appears as {frag}."
    raise ValueError(kind)


# ---- conversation ---------------------------------------------------------------------------------------
PATIENTS = ["Sam", "Priya", "Tom", "Aisha", "Marco", "Helen", "Kenji", "Rosa"]
DOCTORS = ["Dr. Lee", "Dr. Okafor", "Dr. Patel", "Dr. Novak"]
NEUTRAL = {
    "laterality": ["Where it sits mostly reflects normal development and the level of this slice, so that by "
                   "itself is not a concern.", "Good question. Anatomy varies a little between people, and "
                   "nothing here suggests it has been pushed out of its usual place."],
    "position": ["Its depth in the body mostly reflects normal anatomy and how you were lying on the table, "
                 "so I would not read much into it.", "That is largely a matter of normal anatomy and of "
                 "where this particular slice cuts through you."],
    "size": ["Apparent size on a single slice depends on where the slice cuts through it, so the full scan "
             "tells us more than this one image.", "Size on one image can mislead; the measurements across the "
             "whole scan are what the report relies on."],
    "count": ["How many pieces show on one slice depends on where the slice cuts, so the whole volume settles "
              "that question.", "A single slice can split or join things, which is why the full series is "
              "reviewed before anything is concluded."],
}
USER_PREMISE = ["Why is it {f}?", "Since it is {f}, should I be worried about that?",
                "Is it normal for it to be {f} like this?", "Why would it be {f} in my case?"]
USER_PREMISE_COUNT = ["Why does it show up as {f}?", "Is it normal that it appears as {f}?"]


def _names(p, facts):
    n = facts["components"]
    k = p["key"]
    name = {"kidney": "kidneys", "adrenal glands": "adrenal glands",
            "liver lesion": "liver lesions" if n > 1 else "liver lesion",
            "kidney cyst": "kidney cysts" if n > 1 else "kidney cyst"}.get(k, p["target"])
    plural = k in ("kidney", "adrenal glands") or (k in ("liver lesion", "kidney cyst") and n > 1)
    return name, plural


class _G:
    """Subject-verb agreement for one target."""

    def __init__(self, plural):
        self.pl = plural
        self.S = "They" if plural else "It"
        self.s = "they" if plural else "it"
        self.be = "are" if plural else "is"
        self.lie = "lie" if plural else "lies"
        self.sit = "sit" if plural else "sits"
        self.cover = "cover" if plural else "covers"
        self.appear = "appear" if plural else "appears"

    def fix(self, sentence):
        """A planted sentence written for 'It' in this subject's grammar."""
        if not self.pl:
            return sentence
        for a, b in (("It lies only", "They lie only"), ("It lies", "They lie"), ("It sits", "They sit"),
                     ("It covers", "Together they cover"), ("it is", "they are"), ("It appears", "They appear")):
            sentence = sentence.replace(a, b)
        return sentence


def _true(p, facts, scene, rng):
    """True claim sentences by kind, and trap sentences (all true)."""
    name, pl = _names(p, facts)
    g = _G(pl)
    plane = scene["plane"]
    side, vert, n = facts["laterality"], facts["vertical"], facts["components"]
    rels = relations(facts, scene)
    rng.shuffle(rels)
    rels = [x for i, x in enumerate(rels) if x[0] not in {y[0] for y in rels[:i]}]  # one relation per structure
    words = False
    claims = {
        "laterality": _side_sentence(g, rng.choice(SIDE_P[side]), rng),
        "position": rng.choice([f"{g.S} {g.sit}", f"{g.S} {g.be} located", f"Anatomically, {g.s} {g.sit}"])
                    + f" {vert_phrase(vert, plane, rng)}"
                    + (f", {rel_phrase(*rels[0], rng)}" if rels else "")
                    + (f" and {rel_phrase(*rels[1], rng)}" if len(rels) > 1 and rng.random() < 0.5 else "") + ".",
        "size": f"In terms of size, {g.s} {g.be} {size_word(g, facts['size_class'], rng)}, "
                f"covering {pct(facts['area_fraction'], words, rng)}.",
        "count": rng.choice([f"{g.S} {g.appear} as {rng.choice(COUNT_P[n])}.",
                             f"On this slice the mask forms {rng.choice(COUNT_P[n])}.",
                             f"Morphologically, {g.s} {g.be} seen as {rng.choice(COUNT_P[n])}."]),
    }
    neg = {"laterality": {"left": [f"{g.S} {g.be} not {SIDE_P['right'][0]}."],
                          "right": [f"{g.S} {g.be} not {SIDE_P['left'][0]}."],
                          "midline": [f"{g.S} {g.be} not off to one side."],
                          "bilateral": [f"{g.S} {g.be} not confined to one side."]}[side],
           "position": [f"{g.S} {g.be} not {VERT_P[OPP[vert]][0]}."] if vert in OPP else [],
           "count": ["There is no second focus on this slice."] if n == 1
                    else [f"{g.S} {g.be} not {COUNT_P[1][0]}."]}
    own = MENTIONS.get(p["key"], [p["key"]])
    kb = [x for x in KB_OTHER[plane] if not any(w in x.lower() for w in own)]
    traps = [rng.choice(CONVENTION[plane]), rng.choice(kb), POPULATION[p["key"]]]
    comp = _comparison(facts, scene, rng)
    return name, g, claims, neg, traps, comp


def size_word(g, cls, rng):
    return rng.choice(SIZE_P[cls][:2] if g.pl else SIZE_P[cls])


def _side_sentence(g, frag, rng):
    if frag.endswith(("sided", "bilateral")) or rng.random() < 0.5:
        return rng.choice([f"On this slice {g.s} {g.be} {frag}.", f"{g.S} {g.be} {frag}."])
    return f"{g.S} {g.lie} {frag}."


def _comparison(facts, scene, rng):
    if not scene["areas"]:
        return None
    o = rng.choice(sorted(scene["areas"]))
    r = facts["area_pixels"] / scene["areas"][o]
    if r >= 1.7:
        k = round(r)
        if k == 2:
            return f"about twice the area of the {o} on this slice"
        return (f"about {WORDNUM[k]} times the area of the {o} on this slice" if k in WORDNUM
                else f"many times larger in area than the {o} on this slice")
    if r <= 0.6:
        return f"smaller in area than the {o} on this slice"
    return f"roughly comparable in area to the {o} on this slice"


def _question(p, facts, style, rng, defect, who, t):
    pl_q = _names(p, facts)[1]
    fn = rng.choice(FN[p["key"] + " 1"] if p["key"] in ("liver lesion", "kidney cyst") and not pl_q else p["fn"])
    it, its = ("them", "their") if pl_q else ("it", "its")
    thing = "structures" if pl_q else "structure"
    if defect == "names_target":
        gword = rng.choice(p["give"])
        frames = {"gpt4": [f"Could you segment the {gword} on this CT slice? I understand it {fn}.",
                           f"Please identify and outline the {gword} in this CT image; what can you say about it?"],
                  "telehealth": [f"[{t}] {who}: Hi doctor, my report mentions the {gword}. Can you show me where "
                                 "it is on my scan?"],
                  "template": [f"Structured report request: could you segment the {gword} on this CT image and "
                               "describe it under standard headings?"],
                  "words": [f"Can you point out the {gword} on this scan and tell me roughly how much of the "
                            "picture it takes up?"]}
        return rng.choice(frames[style])
    frames = {"gpt4": [f"Which {thing} in this CT image {fn}? Please segment {it} and describe where {it} {'lie' if pl_q else 'lies'}.",
                       f"On this abdominal CT, can you find the {thing} that {fn} and explain {its} position?"],
              "telehealth": [f"[{t}] {who}: Hi doctor, quick question about my scan. Which part of it is the "
                             f"{thing} that {fn}?",
                             f"[{t}] {who}: Hello! My GP mentioned the {thing} that {fn}. Where {'are they' if pl_q else 'is it'} on my CT?"],
              "template": [f"Could you provide a structured description and a segmentation of the {thing} on "
                           f"this CT slice that {fn}?",
                           f"Structured report request: which {thing} here {fn}? Segment and describe {it}."],
              "words": [f"Can you point out the {thing} on this scan that {fn}, and tell me roughly how much of "
                        f"the picture {'they take' if pl_q else 'it takes'} up?",
                        f"Which {thing} in this CT picture {fn}? Please outline {it} and give me a sense of scale."]}
    return rng.choice(frames[style])


def _first_answer(style, name, g, claims, neg, traps, comp, facts, rng, doc, who, t, skip, bad):
    """The first answer in the register's voice; `skip` kinds are not stated, `bad` is a planted sentence."""
    c = {k: v for k, v in claims.items() if k not in skip}
    if bad:
        c[bad[0]] = bad[1]
    order = [k for k in ("laterality", "position", "size", "count") if k in c]
    extra = rng.sample(traps, k=rng.choice([1, 2]))
    negs = [s for k, v in neg.items() if k not in skip and (not bad or k != bad[0]) for s in v]
    if negs and rng.random() < 0.6:
        extra.insert(rng.randrange(len(extra) + 1), rng.choice(negs))
    if style == "gpt4":
        this = "These are" if g.pl else "This is"
        lead = rng.choice([f"{this} the {name}, highlighted here [SEG].",
                           f"The highlighted region [SEG] is the {name}.",
                           f"{this} most likely the {name} [SEG], on what appears to be a portal venous phase "
                           "image."])
        trans = ["Notably,", "Additionally,", "Moreover,", "In addition,"]
        body = []
        for i, k in enumerate(order):
            s = c[k]
            if i and k != "size" and not s.startswith(("Anatomically", "Morphologically", "On this")) \
                    and rng.random() < 0.6:
                s = f"{trans[i % len(trans)]} {s[0].lower()}{s[1:]}"
            body.append(s)
        if comp and "size" not in skip:
            body.append(f"For comparison, {g.s} {g.be} {comp}.")
        return " ".join([lead] + body + extra)
    if style == "telehealth":
        that = "Those are" if g.pl else "That's"
        lead = rng.choice([f"[{t}] {doc}: Sure, {who}. {that} your {name}, outlined here [SEG].",
                           f"[{t}] {doc}: Hi {who}, that looks like your {name}; I've marked it [SEG].",
                           f"[{t}] {doc}: Good question, {who}! The {name} is the part I've highlighted [SEG]."])
        body = [c[k] for k in order[:3]] + ([c[order[3]]] if len(order) > 3 else [])
        tail = rng.choice(["Nothing here needs you to do anything today.", "Happy to go through the rest of "
                           "the report with you.", "Does that make sense so far?"])
        return " ".join([lead] + body + extra[:1] + [tail])
    if style == "template":
        heads = {"laterality": "LATERALITY", "position": "LOCATION", "size": "SIZE", "count": "MORPHOLOGY"}
        lines = [f"SEGMENTATION: the {name} {g.be} outlined [SEG]."]
        for k in order:
            v = c[k]
            if k == "size" and comp and "size" not in skip:
                v = v[:-1] + f"; {comp}."
            lines.append(f"{heads[k]}: {v}")
        lines.append("NOTE: " + extra[0])
        lines.append(f"IMPRESSION: {name[0].upper()}{name[1:]} identified and segmented; correlate with the full "
                     "series before reporting.")
        return "\n".join(lines)
    # words
    lead = rng.choice([f"{'Those are' if g.pl else 'That is'} the {name} [SEG].", f"What you are looking at {g.be} the {name} [SEG]."])
    body = [c[k] for k in order]
    if comp and "size" not in skip:
        body.append(f"Put another way, {g.s} {g.be} {comp}.")
    return " ".join([lead] + body + extra)


FOLLOW_Q = {"laterality": ["Which side is that on?", "Is it on the left?", "Is it on the right?",
                           "Which side of my body is it?"],
            "position": ["Where exactly does it sit?", "What is it next to on this slice?"],
            "position axial": ["Is it toward the front or the back?"],
            "position coronal": ["Is it nearer the head or the feet?"],
            "size": ["How big is it?", "How much of the image does it take up?", "Is it a big one?"],
            "count": ["Is there more than one piece?", "How many separate parts are there?",
                      "Is it all one piece?"],
            "why": ["Why does that matter?", "Why is the location important?"]}
WORRY = ("Should I be worried about any of this?", "Nothing on this single image needs urgent action; the "
         "full report will put it in context.")


def _follow_answer(kind, claims, neg, facts, g, rng, words):
    if kind == "why":
        return rng.choice(["Mostly because it helps the team plan any follow-up, and because anatomy "
                           "differs a little between people.", "It matters because it tells the reporting "
                           "radiologist what to compare against on the next scan."])
    s = claims[kind]
    if kind == "size":
        s = f"{g.S} {g.be} {size_word(g, facts['size_class'], rng)}, covering {pct(facts['area_fraction'], words, rng)}."
    if neg.get(kind) and rng.random() < 0.5:
        s += " " + neg[kind][0]
    return s


_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def _n2w(m):
    txt = m.group(0)
    if "." in txt:
        a, b = txt.split(".")
        return _n2w_int(int(a)) + " point " + " ".join(_ONES[int(c)] for c in b)
    return _n2w_int(int(txt))


def _n2w_int(n):
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    return str(n)


def spelled(text):
    """Digits spelled out (the "words" register)."""
    import re

    return re.sub(r"\d+(?:\.\d+)?", _n2w, text)


def _wrap(style, text, speaker, t, role):
    if style == "telehealth":
        return f"[{t}] {speaker}: {text}"
    if style == "template" and role == "assistant":
        return f"ADDENDUM: {text}"
    return text


def build(p, facts, style, rng, defect):
    global LAST_PLANTED
    LAST_PLANTED = None
    scene = _SCENE[_key(facts)]
    name, g, claims, neg, traps, comp = _true(p, facts, scene, rng)
    words = style == "words"
    if words:
        claims["size"] = (f"{g.S} {g.cover} {pct(facts['area_fraction'], True, rng)}, so {g.s} {g.be} "
                          f"{size_word(g, facts['size_class'], rng)}.")
        comp = _comparison(facts, scene, rng)
    who, doc = rng.choice(PATIENTS), rng.choice(DOCTORS)
    hh, mm = rng.randint(8, 17), rng.randint(0, 50)
    clock = lambda k: f"{hh:02d}:{mm + k:02d}"  # noqa: E731
    bad, placement = None, None
    if defect in ("laterality", "position", "size", "count"):
        got = None
        for _ in range(8):  # a position claim may take a few draws (vertical or a clear relation)
            got = got or planted(defect, p, facts, scene, rng)
        if got is None:
            raise ValueError(f"no clear-cut false {defect} claim for {p['target']}")
        frag, sentence = got
        if words and defect == "size" and "%" in frag:
            frac = facts["area_fraction"]
            frag = pct(frac * 6 if frac < 0.08 else frac / 6, True, rng)
            sentence = f"It covers {frag}."
        sentence = g.fix(sentence)
        placement = rng.choices(["first", "follow", "user"], [0.55, 0.25, 0.2])[0]
        LAST_PLANTED = frag
        if placement == "first":
            bad = (defect, sentence)
    skip = {defect} if defect in claims else set()
    # in a kind's own sentence the negation trap must go too, for that kind
    turns = [{"role": "user", "content": _question(p, facts, style, rng, defect, who, clock(0))}]
    if defect == "names_target":
        LAST_PLANTED = turns[0]["content"]
    turns.append({"role": "assistant", "content": _first_answer(style, name, g, claims, neg, traps, comp, facts, rng,
                                                                doc, who, clock(1), skip, bad)})
    n_follow = rng.choice([0, 1, 1, 2]) if placement in (None, "first") else rng.choice([1, 2])
    kinds = rng.sample(["laterality", "position", "size", "count", "why"], k=n_follow)
    kinds = [k for k in kinds if k not in skip] or (["why"] if n_follow else [])
    if placement in ("follow", "user"):
        kinds = kinds[:n_follow - 1] + [defect]
    t = 2
    for k in kinds:
        carrier = placement in ("follow", "user") and k == defect
        if carrier and placement == "user":
            frames = USER_PREMISE_COUNT if defect == "count" else USER_PREMISE
            q = rng.choice(frames).format(f=frag)
            a = rng.choice(NEUTRAL[defect])
        elif carrier:
            q = rng.choice(FOLLOW_Q[k])
            a = sentence + " " + rng.choice(["That is how it looks on this image.", "I hope that helps.",
                                             "Let me know if you want more detail."])
        else:
            q = rng.choice(FOLLOW_Q[k] + FOLLOW_Q.get(f"{k} {scene['plane']}", []))
            a = _follow_answer(k, claims, neg, facts, g, rng, words)
            if k == "why" and rng.random() < 0.4:
                q, a = WORRY
            if k == "laterality" and facts["laterality"] in ("left", "right") and rng.random() < 0.3:
                q = rng.choice(["So it is {f}, then?", "Since it is {f}, is that the normal place for it?"]).format(
                    f=rng.choice(SIDE_P[facts["laterality"]][:2]))
                a = "Yes, exactly. " + a
            if k == "laterality" and q.startswith("Is it on the"):
                asked, side = q.split()[-1].rstrip("?"), facts["laterality"]
                a = {"bilateral": "Both sides, in fact. ", "midline": "Neither side, really. "}.get(
                    side, "Yes. " if asked == side else "No. ") + a
        turns.append({"role": "user", "content": _wrap(style, q, who, clock(t), "user")})
        turns.append({"role": "assistant", "content": _wrap(style, a, doc, clock(t + 1), "assistant")})
        t += 2
    if words:
        for t_ in turns:
            t_["content"] = spelled(t_["content"])
    return turns, ([defect] if defect else [])
