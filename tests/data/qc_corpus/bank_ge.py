"""Bank GE: second opinions, peer review and discrepancy audit, written blind (no QC rule, test or other
bank was read). Other people's and tools' claims (an outside hospital's read, a referral letter, an AI
triage tool, a first reader, a colleague's draft) are reported and then confirmed or refuted; a reported
claim that is wrong but attributed and refuted is not a defect, the assistant (or an uncorrected user
premise) asserting a false fact is. Registers: a discrepancy-meeting minute, a second-opinion consult
letter, an LLM assistant reviewing a colleague's draft, a chat between two radiologists. Mixed regions
(abdomen, chest, brain, neck, pelvis, hip, colon, skin) and modalities (CT, MR, US, XR, endoscopy,
dermoscopy); orientations LP, LI, RP and none.

Own check (/work/notes/qcge_scripts/check_ge.py, seed 20261314): rows 420, clean 210, defects 210
(laterality 42, position 42, size 42, count 42, names_target 42); defects sit in the first answer 58,
a follow-up answer 43, an uncorrected user premise 67, the question 42; 25 targets; problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

_LEDGER: list = []  # per built row: every claim made about the target and every other span (writer's own check)
_DRAWN: list = []   # per facts_for call: the shapes drawn and the other structures' centres

STYLES = ["minutes", "consult", "draftreview", "chat"]
KINDS = ["laterality", "position", "size", "count", "names_target"]


def _p(target, names, clues, modality, region, orient, shapes=None, slots=None, n=(1, 1), both=False,
       others=None, noun=("region", "regions"), plural=False, mm=(8, 30)):
    return dict(target=target, names=names, clues=clues, modality=modality, region=region, orient=orient,
                shapes=shapes, slots=slots, n=n, both=both, others=others or {}, noun=noun, plural=plural, mm=mm)


PROFILES = [
    _p("right kidney", ["kidney", "renal"],
       ["the organ that filters the blood and makes urine, the one the urologist asked about",
        "the bean-shaped organ the outside report commented on"],
       "CT", "abdomen", "LP", shapes=[(0.33, 0.60, 0.07, 0.09)],
       others={"liver": (0.30, 0.40), "aorta": (0.52, 0.55), "spleen": (0.74, 0.45)},
       noun=("contiguous region", "contiguous regions"), mm=(95, 120)),
    _p("spleen", ["spleen", "splenic"],
       ["the organ that filters old red cells, after this blunt trauma to the upper abdomen",
        "the organ under the ribs that the trauma team is worried about after the bike fall"],
       "CT", "abdomen", "LP", shapes=[(0.75, 0.48, 0.12, 0.15)],
       others={"liver": (0.28, 0.42), "stomach": (0.60, 0.36), "aorta": (0.52, 0.55)},
       noun=("contiguous region", "contiguous regions"), mm=(110, 140)),
    _p("left adrenal nodule", ["adrenal"],
       ["the incidental lump on the gland that makes cortisol and epinephrine",
        "the finding on the hormone-producing gland that caps the kidney"],
       "CT", "abdomen", "LP", shapes=[(0.61, 0.52, 0.025, 0.02)],
       others={"aorta": (0.52, 0.58), "left kidney": (0.68, 0.64)}, noun=("nodule", "nodules"), mm=(12, 22)),
    _p("liver metastases", ["liver metasta", "hepatic metasta", "metastas"],
       ["the deposits in the organ that makes bile, in this patient with known colon cancer",
        "the spread from the bowel primary into the body's main metabolic organ"],
       "CT", "abdomen", "LP",
       slots=[(0.22, 0.35, 0.03, 0.028), (0.33, 0.30, 0.028, 0.025), (0.25, 0.50, 0.032, 0.03),
              (0.38, 0.45, 0.026, 0.024), (0.30, 0.63, 0.03, 0.026)], n=(2, 4),
       others={"gallbladder": (0.42, 0.58), "spleen": (0.76, 0.45)}, noun=("metastasis", "metastases"),
       plural=True, mm=(9, 35)),
    _p("urinary bladder", ["bladder"],
       ["the organ that stores urine until voiding", "the reservoir the catheter is meant to be draining"],
       "CT", "pelvis", "LP", shapes=[(0.50, 0.40, 0.11, 0.08)],
       others={"rectum": (0.50, 0.66), "left femoral head": (0.76, 0.50), "right femoral head": (0.24, 0.50)},
       noun=("contiguous region", "contiguous regions"), mm=(60, 90)),
    _p("bilateral pleural effusions", ["effusion", "pleural"],
       ["the fluid collections around the lungs that explain the breathlessness",
        "the fluid blunting the costophrenic angles on the radiograph, seen here on CT"],
       "CT", "chest", "LP", shapes=[(0.27, 0.72, 0.10, 0.055), (0.73, 0.72, 0.09, 0.05)],
       others={"heart": (0.55, 0.42), "descending aorta": (0.58, 0.62)}, noun=("collection", "collections"),
       plural=True, mm=(25, 60)),
    _p("right lower lobe nodule", ["nodule"],
       ["the spot the lung screening CT picked up in this former smoker",
        "the focal opacity the screening programme flagged"],
       "CT", "chest", "LP", shapes=[(0.30, 0.63, 0.018, 0.018)],
       others={"heart": (0.55, 0.42), "descending aorta": (0.58, 0.62)}, noun=("nodule", "nodules"), mm=(5, 9)),
    _p("pulmonary nodules", ["nodule"],
       ["the scattered round opacities in the lungs of this patient with a sarcoma history",
        "the lung deposits the oncologist wants counted before chemotherapy"],
       "CT", "chest", "LP",
       slots=[(0.25, 0.40, 0.02, 0.02), (0.30, 0.55, 0.018, 0.018), (0.22, 0.66, 0.02, 0.02),
              (0.36, 0.72, 0.018, 0.018), (0.70, 0.40, 0.02, 0.02), (0.76, 0.55, 0.018, 0.018),
              (0.68, 0.68, 0.02, 0.02), (0.81, 0.43, 0.018, 0.018)], n=(3, 5), both=True,
       others={"heart": (0.55, 0.45)}, noun=("nodule", "nodules"), plural=True, mm=(4, 12)),
    _p("left hippocampus", ["hippocamp"],
       ["the memory structure in the medial temporal lobe that the memory clinic asked about",
        "the structure that tends to shrink early in Alzheimer's disease"],
       "MR", "brain", "LI", shapes=[(0.62, 0.58, 0.04, 0.025)],
       others={"brainstem": (0.50, 0.68), "right temporal horn": (0.38, 0.56)},
       noun=("contiguous region", "contiguous regions"), mm=(35, 45)),
    _p("right vestibular schwannoma", ["schwannoma", "acoustic neuroma"],
       ["the mass that explains the progressive hearing loss and tinnitus",
        "the tumour of the nerve sheath at the cerebellopontine angle that the ENT surgeon asked about"],
       "MR", "brain", "RP", shapes=[(0.64, 0.60, 0.03, 0.03)],
       others={"brainstem": (0.50, 0.60), "fourth ventricle": (0.50, 0.68)}, noun=("mass", "masses"),
       mm=(10, 18)),
    _p("multiple sclerosis lesions", ["sclerosis", "ms lesion"],
       ["the demyelinating plaques in this young woman with optic neuritis",
        "the white-matter abnormality behind her relapsing symptoms"],
       "MR", "brain", "LP",
       slots=[(0.40, 0.40, 0.02, 0.015), (0.38, 0.55, 0.02, 0.015), (0.42, 0.68, 0.02, 0.015),
              (0.60, 0.40, 0.02, 0.015), (0.62, 0.55, 0.02, 0.015), (0.58, 0.68, 0.02, 0.015),
              (0.31, 0.46, 0.018, 0.014)], n=(3, 5), both=True,
       others={"third ventricle": (0.50, 0.52)}, noun=("plaque", "plaques"), plural=True, mm=(3, 9)),
    _p("pituitary macroadenoma", ["pituitary", "adenoma"],
       ["the mass in the sella that explains the bitemporal field loss",
        "the growth from the gland that controls the other hormone glands"],
       "MR", "brain", "LI", shapes=[(0.50, 0.59, 0.045, 0.04)],
       others={"optic chiasm": (0.50, 0.47), "left cavernous sinus": (0.59, 0.58)}, noun=("mass", "masses"),
       mm=(12, 25)),
    _p("left thyroid nodule", ["thyroid"],
       ["the lump in the butterfly-shaped gland in the neck that the GP felt",
        "the focal finding in the gland that makes thyroxine"],
       "US", "neck", "LP", shapes=[(0.67, 0.45, 0.07, 0.055)],
       others={"trachea": (0.50, 0.33), "left common carotid artery": (0.80, 0.52)},
       noun=("nodule", "nodules"), mm=(14, 30)),
    _p("gallbladder", ["gallbladder", "gall bladder"],
       ["the organ that stores bile and was tender under the probe", "the sac that concentrates bile"],
       "US", "abdomen", None, shapes=[(0.45, 0.56, 0.12, 0.07)], noun=("contiguous region", "contiguous regions"),
       mm=(60, 95)),
    _p("left femoral head", ["femoral head"],
       ["the ball of the hip joint that the orthopaedic team is worried about in this patient on long-term steroids",
        "the top of the thigh bone where it sits in the socket"],
       "XR", "pelvis", "LI", shapes=[(0.70, 0.45, 0.06, 0.06)],
       others={"pubic symphysis": (0.50, 0.64), "right hip joint": (0.30, 0.45)},
       noun=("contiguous region", "contiguous regions"), mm=(42, 52)),
    _p("right pneumothorax", ["pneumothorax"],
       ["the air that has leaked around the lung after the line insertion",
        "the collapsed-lung finding the ward is asking about"],
       "XR", "chest", "LI", shapes=[(0.24, 0.35, 0.09, 0.20)],
       others={"heart": (0.55, 0.62), "left hemidiaphragm": (0.68, 0.80)}, noun=("collection", "collections"),
       mm=(30, 70)),
    _p("abdominal aortic aneurysm", ["aneurysm", "aorta", "aortic"],
       ["the dilated main artery the screening programme flagged",
        "the pulsatile abdominal mass the GP felt, as seen on CT"],
       "CT", "abdomen", "LP", shapes=[(0.52, 0.61, 0.06, 0.06)],
       others={"inferior vena cava": (0.41, 0.60), "left kidney": (0.69, 0.60)},
       noun=("contiguous region", "contiguous regions"), mm=(45, 62)),
    _p("bilateral renal cysts", ["renal cyst", "kidney cyst", "cysts"],
       ["the fluid-filled lesions in the organs that make urine",
        "the round water-density lesions the outside report graded"],
       "CT", "abdomen", "LP",
       slots=[(0.30, 0.57, 0.025, 0.025), (0.35, 0.69, 0.022, 0.022), (0.69, 0.57, 0.025, 0.025),
              (0.65, 0.69, 0.022, 0.022)], n=(2, 3), both=True,
       others={"aorta": (0.52, 0.55)}, noun=("cyst", "cysts"), plural=True, mm=(10, 25)),
    _p("left ovarian cyst", ["ovar"],
       ["the fluid-filled structure on the organ that releases eggs",
        "the cause of the pelvic pain in this 29-year-old, as seen on the transabdominal scan"],
       "US", "pelvis", "LP", shapes=[(0.68, 0.55, 0.09, 0.08)],
       others={"uterus": (0.48, 0.48)}, noun=("cyst", "cysts"), mm=(30, 55)),
    _p("hepatic haemangioma", ["haemangioma", "hemangioma"],
       ["the benign-looking vascular lesion in the organ that makes bile",
        "the incidental spot that the outside hospital thought might be a deposit"],
       "CT", "abdomen", "LP", shapes=[(0.30, 0.41, 0.035, 0.03)],
       others={"gallbladder": (0.42, 0.58), "aorta": (0.52, 0.56)}, noun=("lesion", "lesions"), mm=(12, 24)),
    _p("brain metastases", ["metasta"],
       ["the enhancing deposits in this patient with lung cancer and new headaches",
        "the secondary tumours the oncologist wants counted before radiosurgery"],
       "MR", "brain", "LP",
       slots=[(0.30, 0.35, 0.03, 0.028), (0.66, 0.30, 0.028, 0.026), (0.40, 0.70, 0.032, 0.03),
              (0.71, 0.63, 0.03, 0.028), (0.27, 0.58, 0.026, 0.026)], n=(2, 4),
       others={"third ventricle": (0.50, 0.50)}, noun=("deposit", "deposits"), plural=True, mm=(6, 22)),
    _p("colonic polyps", ["polyp"],
       ["the growths projecting from the bowel lining",
        "the mucosal bumps the endoscopist wants removed"],
       "endoscopy", "colon", None,
       slots=[(0.30, 0.30, 0.045, 0.04), (0.66, 0.34, 0.05, 0.045), (0.45, 0.68, 0.045, 0.04),
              (0.74, 0.72, 0.04, 0.04)], n=(2, 3), noun=("polyp", "polyps"), plural=True, mm=(4, 12)),
    _p("pigmented skin lesion", ["pigmented"],
       ["the mole the patient noticed changing over the summer",
        "the dark spot the GP photographed through the dermatoscope"],
       "dermoscopy", "skin", None, shapes=[(0.50, 0.50, 0.18, 0.15)], noun=("lesion", "lesions"), mm=(6, 11)),
    _p("prostate", ["prostat"],
       ["the gland behind the raised PSA", "the gland that surrounds the urethra in men"],
       "MR", "pelvis", "LP", shapes=[(0.50, 0.59, 0.07, 0.06)],
       others={"rectum": (0.50, 0.73), "pubic symphysis": (0.50, 0.40)},
       noun=("contiguous region", "contiguous regions"), mm=(38, 55)),
    _p("right parotid tumour", ["parotid"],
       ["the mass in the biggest salivary gland, just in front of the ear",
        "the swelling near the angle of the jaw that the ENT team biopsied"],
       "MR", "head and neck", "LP", shapes=[(0.27, 0.47, 0.04, 0.035)],
       others={"left masseter muscle": (0.70, 0.42), "oropharynx": (0.50, 0.52)}, noun=("mass", "masses"),
       mm=(15, 30)),
]


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


def _draw(shapes):
    yy, xx = np.mgrid[0:256, 0:256]
    m = np.zeros((256, 256), bool)
    for cx, cy, rx, ry in shapes:
        m |= ((xx - cx * 255) / (rx * 255)) ** 2 + ((yy - cy * 255) / (ry * 255)) ** 2 <= 1.0
    return m


def facts_for(p, rng):
    if p["slots"]:
        k = rng.randint(*p["n"])
        if p["both"]:
            a = [s for s in p["slots"] if s[0] < 0.5]
            b = [s for s in p["slots"] if s[0] > 0.5]
            chosen = [rng.choice(a), rng.choice(b)]
            rest = [s for s in p["slots"] if s not in chosen]
            chosen += rng.sample(rest, k - 2)
        else:
            chosen = rng.sample(p["slots"], k)
    else:
        chosen = p["shapes"]
    shapes = [(round(cx + rng.uniform(-0.012, 0.012), 4), round(cy + rng.uniform(-0.012, 0.012), 4),
               round(rx * rng.uniform(0.9, 1.1), 4), round(ry * rng.uniform(0.9, 1.1), 4))
              for cx, cy, rx, ry in chosen]
    others = {name: (round(x + rng.uniform(-0.01, 0.01), 4), round(y + rng.uniform(-0.01, 0.01), 4))
              for name, (x, y) in p["others"].items()}
    facts = compute_facts(_draw(shapes), p["orient"], others).model_dump(mode="json")
    _DRAWN.append({"shapes": shapes, "others": others, "orient": p["orient"]})
    return facts


def pick_profile(profiles, i, defect, rng):
    if defect == "laterality":
        pool = [p for p in profiles if p["orient"] is not None]
    elif defect == "count" and rng.random() < 0.5:
        pool = [p for p in profiles if p["slots"] or len(p["shapes"] or []) > 1]
    else:
        pool = profiles
    return rng.choice(pool)


# -- words -------------------------------------------------------------------------------------------

_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior", "upper": "lower", "lower": "upper"}
_RELOPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
_SOURCES = ["the outside hospital's read", "Dr Okafor", "the AI triage tool", "the referral letter",
            "the original report", "the overnight preliminary report", "the first reader", "the CAD software",
            "the registrar's draft", "Dr Lindqvist"]
_DOCTORS = ["Dr Mehta", "Dr Nakamura", "Dr Adeyemi", "Dr Brennan", "Dr Costa", "Dr Haddad", "Dr Sørensen"]


def _cap(s):
    return s[:1].upper() + s[1:]


def _pct_text(x):
    if x >= 1:
        return f"{x:.1f}".rstrip("0").rstrip(".")
    if x >= 0.5:
        return f"{x:.1f}"
    return f"{x:.2f}"


class _Row:
    """One conversation being written: its claims and the other spans that carry side/size/count words."""

    def __init__(self, p, facts, rng, defect, style):
        self.p, self.f, self.rng, self.defect, self.style = p, facts, rng, defect, style
        self.claims, self.spans, self.turn, self.slipped = [], [], 0, False
        o = p["orient"]
        self.vaxis = "ap" if o and o[1] in "AP" else "si" if o and o[1] in "SI" else "img"
        self.pct = facts["area_fraction"] * 100

    # registration
    def reg(self, kind, value, text, pol=True, role="assistant", status="asserted"):
        self.claims.append(dict(kind=kind, value=value, pol=pol, text=text, turn=self.turn, role=role,
                                status=status))
        return text

    def other(self, text):
        self.spans.append({"turn": self.turn, "text": text})
        return text

    def ch(self, xs):
        return self.rng.choice(xs)

    # a true value and a false one of the same form (side, vertical, relation, class, per cent, count)
    def pair(self, kind):
        f, rng = self.f, self.rng
        if kind == "laterality":
            lat = f["laterality"]
            if lat in ("left", "right"):
                return lat, (_OPP[lat] if rng.random() < 0.8 else "bilateral")
            return lat, self.ch(["left", "right"])
        if kind == "position":
            rels = f["relations"]
            if rels and rng.random() < 0.45:
                rl = self.ch(rels)
                return ("rel", rl["relation"], rl["other"]), ("rel", _RELOPP[rl["relation"]], rl["other"])
            v = f["vertical"]
            if v == "central":
                w = self.ch({"ap": ["anterior", "posterior"], "si": ["superior", "inferior"],
                             "img": ["upper", "lower"]}[self.vaxis])
                return ("vertical", v), ("vertical", w)
            return ("vertical", v), ("vertical", _OPP[v])
        if kind == "size":
            if rng.random() < 0.35:
                x = self.pct / 5 if self.pct > 12 else self.pct * self.ch([4, 5, 6])
                return ("pct", round(self.pct, 2)), ("pct", round(x, 2))
            c = f["size_class"]
            if c == "medium":
                w = "large" if f["area_fraction"] < 0.025 else "small"
            else:
                w = "large" if c == "small" else "small"
            return ("class", c), ("class", w)
        n = f["components"]
        return n, (n + self.ch([1, 2]) if n == 1 else n + self.ch([-1, 1]))

    def true_value(self, kind):
        return self.pair(kind)[0]

    def false_value(self, kind):
        return self.pair(kind)[1]

    # descriptors (noun-phrase / adjective forms) and predicates
    def desc(self, kind, v, generic=False, counted=False):
        sg, pl = self.p["noun"]
        if generic and kind == "count":  # the question must not name the target through its noun
            sg, pl = ("piece", "pieces") if sg.startswith("contiguous") else ("focus", "foci")
        if kind == "laterality":
            if v in ("left", "right"):
                return self.ch([f"{v}-sided", f"{v}-sided", f"lying on the patient's {v}"])
            if v == "bilateral":
                return self.ch(["bilateral", "present on both sides"])
            return self.ch(["midline", "lying in the midline"])
        if kind == "position":
            if v[0] == "rel":
                return self.ch(["lying ", "sitting "]) + self._rel_text(v[1], v[2])
            return self._vert_desc(v[1])
        if kind == "size":
            if v[0] == "pct":
                return self.ch([f"covering about {_pct_text(v[1])}% of the image",
                                f"taking up roughly {_pct_text(v[1])} per cent of the frame"])
            return {"small": self.ch(["small", "a small finding"]), "medium": self.ch(["medium-sized", "moderate in size"]),
                    "large": self.ch(["large", "a large finding"])}[v[1]]
        if v == 1:
            return self.ch([f"a single {sg}", f"one {sg}"] + ([] if counted else ["solitary"]))
        return self.ch([f"{_NUM[v]} {pl}", f"{_NUM[v]} separate {pl}"])

    def pred(self, kind, v):
        sg, pl = self.p["noun"]
        if kind == "laterality":
            if v in ("left", "right"):
                return self.ch([f"lies on the patient's {v}", f"is {v}-sided", f"sits in the {v} half of the body",
                                f"is on the {v} side"])
            if v == "bilateral":
                return self.ch(["is bilateral", "is present on both sides", "involves the left and the right alike"])
            return self.ch(["lies in the midline", "is midline, favouring neither side", "sits on the midline"])
        if kind == "position":
            if v[0] == "rel":
                return self.ch(["lies ", "sits "]) + self._rel_text(v[1], v[2])
            return self._vert_pred(v[1])
        if kind == "size":
            if v[0] == "pct":
                return self.ch([f"covers about {_pct_text(v[1])}% of the image",
                                f"takes up roughly {_pct_text(v[1])} per cent of the frame",
                                f"occupies around {_pct_text(v[1])}% of the field of view"])
            return {"small": self.ch(["is small", "is a small target on this slice", "is modest, small by area"]),
                    "medium": self.ch(["is medium-sized", "is moderate in size", "is of intermediate size"]),
                    "large": self.ch(["is large", "is large on this slice", "is sizeable, clearly large"])}[v[1]]
        if v == 1:
            return self.ch([f"is a single {sg}", f"is one {sg}, with no separate second piece", "is solitary"])
        return self.ch([f"comprises {_NUM[v]} separate {pl}", f"is made up of {_NUM[v]} {pl}",
                        f"consists of {_NUM[v]} distinct {pl}"])

    def neg_pred(self, kind):
        """A true negated predicate and the value it denies."""
        f = self.f
        if kind == "laterality":
            lat = f["laterality"]
            if lat in ("left", "right"):
                return self.ch([f"is not on the {_OPP[lat]}", f"is not {_OPP[lat]}-sided"]), _OPP[lat]
            if lat == "bilateral":
                return "is not confined to one side", "unilateral"
            return "does not favour either side", "unilateral"
        if kind == "position":
            v = f["vertical"]
            if v == "central":
                w = {"ap": "anterior", "si": "superior", "img": "upper"}[self.vaxis]
            else:
                w = _OPP[v]
            return f"is not {self._vert_desc(w)}", ("vertical", w)
        if kind == "size":
            c = f["size_class"]
            w = "small" if c == "large" else "large"
            return f"is not {w}", ("class", w)
        n = f["components"]
        sg = self.p["noun"][0]
        return (f"is not a single {sg}", 1) if n > 1 else ("is not multifocal", "multi")

    def _rel_text(self, rel, other):
        return {"left_of": self.ch([f"to the patient's left of the {other}", f"to the left of the {other}"]),
                "right_of": self.ch([f"to the patient's right of the {other}", f"to the right of the {other}"]),
                "anterior_to": self.ch([f"anterior to the {other}", f"in front of the {other}"]),
                "posterior_to": self.ch([f"posterior to the {other}", f"behind the {other}"]),
                "superior_to": self.ch([f"superior to the {other}", f"above the {other}"]),
                "inferior_to": self.ch([f"inferior to the {other}", f"below the {other}"])}[rel]

    def _vert_desc(self, v):
        return {"anterior": self.ch(["anterior", "anteriorly placed"]),
                "posterior": self.ch(["posterior", "posteriorly placed"]),
                "superior": self.ch(["superior", "in the superior part of the image"]),
                "inferior": self.ch(["inferior", "in the inferior part of the image"]),
                "upper": self.ch(["in the upper half of the frame", "toward the top of the image"]),
                "lower": self.ch(["in the lower half of the frame", "toward the bottom of the image"]),
                "central": {"ap": "central front to back", "si": "central head to foot",
                            "img": "in the middle of the frame, top to bottom"}[self.vaxis]}[v]

    def _vert_pred(self, v):
        return {"anterior": self.ch(["lies anteriorly", "sits in the anterior part of the slice", "lies toward the front"]),
                "posterior": self.ch(["lies posteriorly", "sits in the posterior part of the slice", "lies toward the back"]),
                "superior": self.ch(["lies superiorly on this image", "sits in the superior part of the image"]),
                "inferior": self.ch(["lies inferiorly on this image", "sits in the inferior part of the image"]),
                "upper": self.ch(["sits in the upper half of the frame", "lies toward the top of the image"]),
                "lower": self.ch(["sits in the lower half of the frame", "lies toward the bottom of the image"]),
                "central": {"ap": self.ch(["sits centrally front to back", "lies at mid-depth, neither anterior nor posterior"]),
                            "si": self.ch(["sits centrally head to foot on this image", "lies at mid-height on the image"]),
                            "img": self.ch(["sits in the middle of the frame top to bottom",
                                            "lies at mid-height in the frame"])}[self.vaxis]}[v]


# -- sentences ---------------------------------------------------------------------------------------

def _subj(r, chat=False):
    if chat:
        return r.ch(["it", "it", "the thing", "what I've outlined"])
    return r.ch(["it", "the marked region", "the segmented structure", "what I have outlined"])


def s_assert(r, kind, chat=False, value=None):
    v = r.true_value(kind) if value is None else value
    pr = r.reg(kind, v, r.pred(kind, v))
    if chat:
        return r.ch([f"{_subj(r, True)} {pr}.", f"as far as I can see {_subj(r, True)} {pr}.",
                     f"fwiw {_subj(r, True)} {pr}."])
    return r.ch([f"{_cap(_subj(r))} {pr}.", f"On my review, {_subj(r)} {pr}.", f"To be explicit, {_subj(r)} {pr}."])


def s_neg(r, kind, chat=False):
    pr, val = r.neg_pred(kind)
    pr = r.reg(kind, val, pr, pol=False)
    return f"{_subj(r, True)} {pr}." if chat else f"{_cap(_subj(r))} {pr}."


def s_answer_report(r, kind, src, t, agree, chat=False):
    """The answer to a value reported in the user's turn: agree with it (true) or refute it with `t`."""
    pr = r.reg(kind, t, r.pred(kind, t))
    if agree:
        return (f"agree with {src} on that, it {pr}." if chat else
                r.ch([f"I concur with {src} here: it {pr}.", f"On this point {src} stands; it {pr}."]))
    if chat:
        return r.ch([f"don't agree with {src} there, it {pr}.", f"nope, {src} got that one wrong: it {pr}."])
    return r.ch([f"I don't agree with {src} on this point: it {pr}.", f"On review, {src} is mistaken here; it {pr}.",
                 f"On that point I part company with {src}: it {pr}."])


def s_refute(r, kind, src, chat=False):
    """A reported false value refuted by the true one of the same form, in one sentence."""
    t, fv = r.pair(kind)
    d = r.reg(kind, fv, r.desc(kind, fv, counted=True), role="reported", status="reported")
    if kind == "count":
        td = r.reg(kind, t, r.desc(kind, t, counted=True))
        return (f"{src} counted {d}, I count {td}." if chat else
                r.ch([f"{_cap(src)} counted {d}; I count {td}.", f"{_cap(src)} thought {d}. I count {td}."]))
    pr = r.reg(kind, t, r.pred(kind, t))
    if chat:
        return r.ch([f"{src} has it as {d}, but it {pr}.", f"{src} says {d}; not so, it {pr}."])
    if r.style == "minutes" and r.rng.random() < 0.5:
        return f"Reported by {src}: {d}. Panel finding: it {pr}."
    return r.ch([f"{_cap(src)} described it as {d}; on review it {pr}.",
                 f"{_cap(src)} has it as {d}. I disagree: it {pr}.",
                 f"Where {src} says {d}, I read it differently: it {pr}."])


def s_confirm(r, kind, src, chat=False):
    t = r.true_value(kind)
    d = r.reg(kind, t, r.desc(kind, t), role="reported", status="reported")
    return (f"{src} called it {d} and I agree." if chat else
            r.ch([f"{_cap(src)} called it {d}, and I agree.", f"{_cap(src)} described it as {d}; that is confirmed on review."]))


def s_slip(r, kind):
    if r.slipped:  # at most one self-correction per conversation
        return s_assert(r, kind, r.style == "chat")
    r.slipped = True
    t, fv = r.pair(kind)
    a = r.reg(kind, fv, r.pred(kind, fv), status="slip")
    b = r.reg(kind, t, r.pred(kind, t))
    if kind in ("laterality", "position"):
        return r.ch([f"It {a} — no, correction: it {b}; I misread my own overlay.",
                     f"It {a}. Scratch that, I had the axes the wrong way round: it {b}."])
    return r.ch([f"It {a} — no, correction: it {b}; I was looking at the prior study.",
                 f"It {a}. Sorry, that was the outside measurement, not mine: it {b}."])


def s_defect(r, kind, src=None, chat=False):
    """One false assertion by the assistant: plain, endorsing a wrong report, or overturning a correct one."""
    t, fv = r.pair(kind)
    mode = r.ch(["plain", "endorse", "overturn"]) if src else "plain"
    if mode == "plain":
        pr = r.reg(kind, fv, r.pred(kind, fv))
        return (f"{_subj(r, True)} {pr}." if chat else
                r.ch([f"{_cap(_subj(r))} {pr}.", f"On my review, {_subj(r)} {pr}."]))
    if mode == "endorse":
        d = r.reg(kind, fv, r.desc(kind, fv), role="reported", status="endorsed")
        pr = r.reg(kind, fv, r.pred(kind, fv))
        if chat:
            return f"{src} says {d} and yes, it {pr}."
        return r.ch([f"{_cap(src)} described it as {d}, and I agree: it {pr}.",
                     f"{_cap(src)} had it as {d}. I concur; it {pr}."])
    d = r.reg(kind, t, r.desc(kind, t), role="reported", status="overturned")
    pr = r.reg(kind, fv, r.pred(kind, fv))
    if chat:
        return f"{src} has it as {d} but actually it {pr}."
    return r.ch([f"{_cap(src)} described it as {d}; on review it {pr}.", f"{_cap(src)} has it as {d}. I disagree: it {pr}."])


# -- other spans: knowledge, hypotheticals, other quantities ------------------------------------------

_KNOW = {
    "abdomen": ["The left kidney usually sits a little higher than the right, because the liver pushes the right one down.",
                "The liver lies mostly on the right, under the lower ribs.",
                "Adrenal incidentalomas turn up in something like 4% of abdominal CTs."],
    "chest": ["The right main bronchus is shorter, wider and more vertical than the left, which is why aspiration favours the right.",
              "The heart sits slightly to the left of the midline.",
              "Around 20% of screen-detected nodules need some form of follow-up."],
    "brain": ["The left hemisphere is dominant for language in roughly 95% of right-handed people.",
              "Small asymmetries between the two hippocampi are normal; the right is often slightly larger.",
              "Vestibular schwannomas account for about 80% of cerebellopontine angle masses."],
    "neck": ["The right thyroid lobe is often slightly larger than the left.",
             "Palpable thyroid nodules are found in about 5% of adults; on ultrasound the figure is far higher."],
    "pelvis": ["The sigmoid colon usually lies on the left side of the pelvis.",
               "Simple ovarian cysts under 5 cm in premenopausal women rarely need follow-up."],
    "head and neck": ["Roughly 80% of parotid tumours are benign, most of them pleomorphic adenomas."],
    "colon": ["Polyps under 10 mm carry a low risk of advanced histology."],
    "skin": ["The ABCDE rule lists asymmetry, border, colour, diameter above 6 mm and evolution."],
}
_AUDIT = ["Published discrepancy rates for double reading sit somewhere around 3 to 5% for significant findings.",
          "Left-right errors are among the commonest reasons a case reaches this meeting.",
          "In most audit series about one second opinion in five changes management in some way.",
          "Satisfaction-of-search errors, where a second finding is missed after a first is found, make up a large share of misses."]


def s_know(r):
    return r.other(r.ch(_KNOW[r.p["region"]] + _AUDIT))


def s_hypo(r):
    lat = r.f["laterality"]
    if lat not in ("left", "right"):
        if r.f["components"] == 1 and r.defect != "count" and r.rng.random() < 0.5:
            return r.other("Had there been a second focus, the plan would have been different.")
        return r.other("If it had grown since the outside study, we would be having a different conversation.")
    o = _OPP[lat]
    return r.other(r.ch([f"Had it been {o}-sided, the surgical approach would have been different.",
                         f"If this were on the {o}, the referral letter's plan would make sense; it is not."]))


def s_qty(r):
    lo, hi = r.p["mm"]
    mm = r.rng.randint(lo, hi)
    return r.other(r.ch([f"The outside measurement was {mm} mm in its longest axis, and I measure the same within a millimetre.",
                         f"It measures about {mm} mm, unchanged from the prior study {r.rng.randint(2, 14)} months ago.",
                         f"The report was issued at {r.rng.randint(7, 22):02d}:{r.rng.choice(['05', '20', '40', '55'])}, "
                         f"{r.rng.randint(2, 9)} hours after the scan.",
                         f"The patient is {r.rng.randint(24, 86)} and the DLP was {r.rng.randint(180, 900)} mGy·cm."
                         if r.p["modality"] == "CT" else
                         f"The patient is {r.rng.randint(24, 86)}; the prior study was {r.rng.randint(2, 30)} months ago."]))


# -- register frames ----------------------------------------------------------------------------------

_MOD = {"CT": "CT", "MR": "MR", "US": "ultrasound", "XR": "radiograph", "endoscopy": "endoscopy frame",
        "dermoscopy": "dermoscopy image"}


def _q1(r, src, rep_kind, rep_val, names):
    p, st = r.p, r.style
    what = f"the {p['target']}" if names else r.ch(p["clues"])
    mod = _MOD[p["modality"]]
    rep = ""
    if rep_kind:
        d = r.reg(rep_kind, rep_val, r.desc(rep_kind, rep_val, generic=True), role="user", status="reported")
        rep = {"minutes": f" {_cap(src)} described it as {d}.",
               "consult": f" For what it's worth, {src} called it {d}.",
               "draftreview": f" The draft says the finding is {d}.",
               "chat": f" {src} says {d}."}[st]
    if st == "minutes":
        k = r.rng.randint(3, 19)
        return r.ch([f"Discrepancy meeting, case {k}, {mod}.{rep} Could you identify {what}, mark it, and draft the minute for the log?",
                     f"Next on the audit list (case {k}): the {mod} where the question concerned {what}.{rep} Please mark the structure and write up the panel's view."])
    if st == "consult":
        doc = r.ch(_DOCTORS)
        age = r.rng.randint(24, 84)
        return r.ch([f"Dear {doc}, I would be grateful for a second opinion on this {mod} of a {age}-year-old. "
                     f"We need your view on {what}.{rep} Could you show us the structure and comment?",
                     f"Dear {doc},\nWe are referring this {mod} for an independent opinion. The patient is {age}. "
                     f"Our question concerns {what}.{rep} Please identify it on the image and give us your reading."])
    if st == "draftreview":
        return r.ch([f"Can you review my colleague's draft before she signs it? The clinical question was about {what}.{rep} "
                     f"Please show me the structure she is describing and tell me whether the draft holds up.",
                     f"I'm second-reading a draft from a colleague on this {mod}. The request asked about {what}.{rep} "
                     f"Which structure is this, and is the draft accurate?"])
    return r.ch([f"got a sec? {mod} here, question is about {what}.{rep} can you point it out and tell me what you make of it?",
                 f"quick second look please: {what}, on this {mod}.{rep} where is it and do you agree?"])


def _open(r, names):
    t = r.p["target"]
    verb = "are" if r.p["plural"] else "is"
    st = r.style
    if st == "minutes":
        return r.ch([f"**Minute, discrepancy meeting**\nStructure under discussion: the {t} [SEG].",
                     f"Minute of case review.\nThe structure in question {verb} the {t}, marked here: [SEG]."])
    if st == "consult":
        doc = r.ch(_DOCTORS)
        return r.ch([f"Dear colleague,\n\nThank you for referring this study. The "
                     f"{'structures' if r.p['plural'] else 'structure'} in question {verb} the {t} [SEG].",
                     f"Dear {doc},\n\nI have reviewed the images you sent. The finding concerns the {t}, outlined here [SEG]."])
    if st == "draftreview":
        return r.ch([f"The draft is describing the {t} — here it is: [SEG].",
                     f"Here is the structure your colleague means, the {t} [SEG]. Point by point:"])
    if r.p["plural"]:
        return r.ch([f"yep, those are the {t} [SEG].", f"sure: the {t}, here [SEG]."])
    return r.ch([f"yep, that's the {t} [SEG].", f"sure, it's the {t}: [SEG]."])


def _close(r):
    st = r.style
    if st == "minutes":
        return r.ch(["Outcome: discrepancy logged; feedback to the original reporter.",
                     "Outcome: agreed by the panel; learning point circulated.", "Action: addendum to be issued."])
    if st == "consult":
        return r.ch(["With kind regards,\nConsultant Radiologist", "Yours sincerely,\nSecond-opinion service"])
    if st == "draftreview":
        return r.ch(["Happy to look at the revised version.", "With those points addressed, it can be signed."])
    return r.ch(["shout if you want me to look at the priors.", "anyway, that's my read."])


def _join(r, parts):
    if r.style == "draftreview":
        return "\n".join([parts[0]] + [f"- {x}" for x in parts[1:-1]] + [parts[-1]])
    if r.style == "minutes":
        return parts[0] + "\nPanel view:\n" + "\n".join(f"* {x}" for x in parts[1:-1]) + "\n" + parts[-1]
    if r.style == "consult":
        return parts[0] + "\n\n" + " ".join(parts[1:-1]) + "\n\n" + parts[-1]
    return " ".join(parts)


_FQ = {
    "laterality": ["Which side is it on, for the addendum?", "Just to be certain for the log, which side is it?",
                   "and which side are we talking about here?"],
    "position": ["Where does it sit on this slice?", "For the minute, how would you describe where it sits on this image?",
                 "whereabouts on the slice is it, roughly?"],
    "size": ["How big is it on this image?", "What would you say about its size for the record?",
             "and size — how big would you call it?"],
    "count": ["How many separate pieces did you outline?", "How many discrete components are there, for the log?",
              "how many bits are there, in the end?"],
}
def _followup_kind(r, kind, mode, src):
    chat = r.style == "chat"
    q_rep = mode in ("refute", "confirm") and r.rng.random() < 0.6
    r.turn += 1
    if q_rep:
        t, fv = r.pair(kind)
        d = r.reg(kind, fv if mode == "refute" else t, r.desc(kind, fv if mode == "refute" else t),
                  role="user", status="reported")
        q = r.ch([f"{_cap(src)} had it as {d}. Do you agree?", f"One more thing: {src} wrote {d}. Does that hold?",
                  f"for the record {src} said {d}. agree?" if chat else f"{_cap(src)} says {d}; is that fair?"])
    else:
        q = r.ch(_FQ[kind])
    r.turn += 1
    if q_rep:
        a = s_answer_report(r, kind, src, t, mode == "confirm", chat)
    elif mode == "assert":
        a = s_assert(r, kind, chat)
    elif mode == "neg":
        pr, val = r.neg_pred(kind)
        pr = r.reg(kind, val, pr, pol=False)
        v = r.true_value(kind)
        pr2 = r.reg(kind, v, r.pred(kind, v))
        a = f"it {pr}; it {pr2}." if chat else f"{_cap(_subj(r))} {pr}; it {pr2}."
    elif mode == "refute":
        a = s_refute(r, kind, src, chat)
    elif mode == "confirm":
        a = s_confirm(r, kind, src, chat)
    elif mode == "slip":
        a = s_slip(r, kind)
    else:  # the planted defect
        a = s_defect(r, kind, None, chat)
    if len(a.split()) < 7:
        a = r.ch({"minutes": ["For the log: ", "Panel view: "], "consult": ["In answer to your question, ", "Having looked again, "],
                  "draftreview": ["On that point, ", "For the revised draft: "], "chat": ["ok so ", "looked again, "]}[r.style]) + \
            (a if r.style == "chat" or r.style == "minutes" else a[:1].lower() + a[1:])
    if r.rng.random() < 0.35:
        a += " " + (s_qty(r) if r.rng.random() < 0.5 else s_know(r))
    return q, a


def _followup_premise(r, kind, defect):
    """The user states a value as their own premise: the planted defect (left standing), or true (agreed),
    or false and corrected."""
    chat = r.style == "chat"
    r.turn += 1
    t, fv = r.pair(kind)
    false = defect or r.rng.random() < 0.75
    v = fv if false else t
    d = r.reg(kind, v, r.desc(kind, v), role="user", status="premise")
    q = r.ch([f"Given it's {d}, I'll put that in the addendum and book follow-up. Any objection?",
              f"Since it's {d}, the plan is surveillance rather than intervention. Does that sound reasonable?",
              f"so, {d}: I'll tell the team that and move on. ok with you?"])
    r.turn += 1
    plan = r.ch(["I'd suggest repeat imaging in 6 months and a note to the referring team.",
                 "Surveillance at 3 to 6 months is reasonable, with earlier review if symptoms change.",
                 "Please also copy the GP into the addendum."])
    if defect:
        return q, r.ch(["No objection. ", "That sounds reasonable. ", "fine by me. " if chat else "Agreed. "]) + plan
    if not false:
        return q, r.ch(["Agreed. ", "Yes, that matches what I see. "]) + plan
    r.claims[-1]["status"] = "premise_corrected"
    pr = r.reg(kind, t, r.pred(kind, t))
    return q, r.ch([f"One correction first: that premise is wrong, it {pr}. Otherwise, ",
                    f"Before that goes in: I read it differently, it {pr}. Then: "]) + \
        (plan if plan.startswith("I'd") else plan[0].lower() + plan[1:])


def _followup_misc(r):
    r.turn += 1
    q = r.ch(["What would you recommend for follow-up, and how do I word it for the patient?",
              "Is this worth a formal addendum, or just a phone call to the referrer?",
              "Should this go on the learning log as a perception error or an interpretation error?",
              "any thoughts on what to tell the clinical team today?"])
    r.turn += 1
    a = r.ch(["A formal addendum is better: it is traceable and the referrer sees it in the record.",
              "I'd phone the referrer today and follow with a written addendum within 24 hours.",
              "I'd classify it as an interpretation error rather than a perception error; the finding was seen but read wrongly.",
              "Repeat imaging in 3 months is reasonable; tell the patient it is a precaution, not a new diagnosis."])
    if r.rng.random() < 0.6:
        a += " " + r.ch([s_know, s_qty])(r)
    return q, a


# -- the conversation ----------------------------------------------------------------------------------

def build(p, facts, style, rng, defect):
    r = _Row(p, facts, rng, defect, style)
    chat = style == "chat"
    kinds = ["laterality", "position", "size", "count"]
    if facts["laterality"] == "unknown":
        kinds.remove("laterality")
    rng.shuffle(kinds)
    dk = defect if defect in kinds else None
    place = rng.choice(["a1", "followup", "premise"]) if dk else None
    src = rng.choice(["the draft", "your colleague's draft", "the draft impression"]) if style == "draftreview" \
        else rng.choice(_SOURCES)
    src2 = rng.choice([s for s in _SOURCES if s != src])
    others = [k for k in kinds if k != dk]
    n_a1 = min(len(others), rng.choice([1, 2, 2, 3]))
    a1_kinds, later = others[:n_a1], others[n_a1:]
    # a value reported in the first question: of a first-answer kind (true or false, answered), or of the
    # defect kind (the first answer then endorses it when false or overturns it when true)
    rep_kind, rep_pair, rep_true = None, None, None
    if place == "a1" and rng.random() < 0.5:
        rep_kind, rep_true = dk, rng.random() < 0.5
    elif a1_kinds and rng.random() < 0.7:
        rep_kind, rep_true = a1_kinds[0], rng.random() < 0.35
    if rep_kind:
        rep_pair = r.pair(rep_kind)
    q1 = _q1(r, src, rep_kind, (rep_pair[0] if rep_true else rep_pair[1]) if rep_kind else None,
             defect == "names_target")

    r.turn = 1
    body = []
    for k in a1_kinds:
        if k == rep_kind:
            body.append(s_answer_report(r, k, src, rep_pair[0], rep_true, chat))
            continue
        u = rng.random()
        if u < 0.45:
            body.append(s_assert(r, k, chat))
        elif u < 0.6:
            body.append(s_neg(r, k, chat))
        elif u < 0.85:
            body.append(s_refute(r, k, src2, chat))
        elif u < 0.93 or chat:
            body.append(s_confirm(r, k, src2, chat))
        else:
            body.append(s_slip(r, k))
    if place == "a1":
        if rep_kind == dk:
            pr = r.reg(dk, rep_pair[1], r.pred(dk, rep_pair[1]))
            if rep_true:  # overturn the correct reported value
                r.claims[0]["status"] = "overturned"
                body.insert(0, f"{src} got that wrong, it {pr}." if chat else
                            r.ch([f"On review, {src} is mistaken here; it {pr}.", f"I can't agree with {src}: it {pr}."]))
            else:  # endorse the wrong reported value
                r.claims[0]["status"] = "endorsed"
                body.insert(0, f"agree with {src}, it {pr}." if chat else
                            r.ch([f"I agree with {src} on that: it {pr}.", f"{_cap(src)} is correct here; it {pr}."]))
        else:
            body.insert(rng.randint(0, len(body)), s_defect(r, dk, src2, chat))
    if rng.random() < 0.55:
        body.insert(rng.randint(0, len(body)), s_know(r))
    if rng.random() < 0.4 and dk != "laterality":
        body.append(s_hypo(r))
    if rng.random() < 0.35:
        body.append(s_qty(r))
    a1 = _join(r, [_open(r, defect == "names_target")] + body + [_close(r)])
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": a1}]

    # follow-ups: the remaining kinds, the defect when it sits later, maybe a premise or a misc round
    plan = [("kind", k) for k in later]
    if not plan or rng.random() < 0.3:
        plan.append(("misc", None))
    if len(plan) < 3 and dk is None and rng.random() < 0.35:
        plan.append(("premise", rng.choice(kinds)))
    rng.shuffle(plan)
    plan = plan[:2] if dk and place != "a1" else plan[:3]
    if place == "followup":
        plan.insert(rng.randint(0, len(plan)), ("defect", dk))
    elif place == "premise":
        plan.insert(rng.randint(0, len(plan)), ("premise_defect", dk))
    for what, k in plan:
        if what == "kind":
            u = rng.random()
            mode = "assert" if u < 0.4 else "neg" if u < 0.5 else "refute" if u < 0.8 else "confirm" if u < 0.96 else "slip"
            q, a = _followup_kind(r, k, mode, src2)
        elif what == "defect":
            q, a = _followup_kind(r, k, "defect", src2)
        elif what == "premise_defect":
            q, a = _followup_premise(r, k, True)
        elif what == "premise":
            q, a = _followup_premise(r, k, False)
        else:
            q, a = _followup_misc(r)
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    _LEDGER.append({"claims": r.claims, "spans": r.spans,
                    "place": place if dk else ("question" if defect == "names_target" else None)})
    return turns, ([defect] if defect else [])
