"""Bank FU: lung cancer screening and chest CT nodules (axial low-dose CT, radiological orientation "LP").

Registers: a screening programme radiologist's structured report, a respiratory physician's MDT summary,
a nurse navigator preparing and rehearsing a phone call with the participant, and the participant's own
chat questions. Prose is full of quantities that are not the mask's: Lung-RADS categories (2, 3, 4A, 4B),
mediastinal node stations (4R, 7, 10L), millimetre diameters, volumes, volume doubling times, pack-years,
ages, doses, risk percentages; of lobe names (upper/lower are no slice position) and bronchopulmonary
segments chosen to agree with the mask's measured front/back position.

Written blind (without reading the QC rules, their tests or any other bank). Every claim about the target
is drawn from `compute_facts` on the synthetic mask and kept in `LEDGER` (one list per row: kind, value,
turn, role, corrected, text) for the writer's own checker.

Own check (/work/notes/qcfu_scripts/check_fu.py, seed 20261304): rows 420, clean 210, defects 210
(laterality 42, position 42, size 42, count 42, names_target 42); defects sit in the first answer 56,
a follow-up answer 53, a user premise left uncorrected 59, the naming question 42; problems: 0.
24 targets. Clean rows carry true negations, hypotheticals about the other side, the assistant's own
corrected slips and users' false premises that the assistant corrects.
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

LEDGER: list[list[dict]] = []  # one list of claims per built row, in build order (the writer's checker)

STYLES = ["report", "mdt", "navigator", "chat"]
N = 256

# landmark centres (normalised x, y) on a mid-thoracic axial slice, image right = patient left
LANDMARKS = {"trachea": (0.50, 0.40), "descending aorta": (0.58, 0.66), "vertebral body": (0.50, 0.80),
             "heart": (0.57, 0.36), "carina": (0.50, 0.46), "sternum": (0.50, 0.16)}

# lobes and their segments by front/back position on the slice
SEGMENTS = {
    "RUL": {"anterior": ["anterior segment (S3)"], "posterior": ["posterior segment (S2)"],
            "central": ["apical segment (S1)"]},
    "RML": {"anterior": ["medial segment (S5)", "lateral segment (S4)"], "central": ["lateral segment (S4)"],
            "posterior": ["lateral segment (S4)"]},
    "RLL": {"posterior": ["superior segment (S6)", "posterior basal segment (S10)"],
            "central": ["lateral basal segment (S9)"], "anterior": ["anterior basal segment (S8)"]},
    "LUL": {"anterior": ["anterior segment (S3)"], "posterior": ["apicoposterior segment (S1+2)"]},
    "lingula": {"anterior": ["superior lingular segment (S4)", "inferior lingular segment (S5)"],
                "central": ["superior lingular segment (S4)"], "posterior": ["superior lingular segment (S4)"]},
    "LLL": {"posterior": ["superior segment (S6)", "posterior basal segment (S10)"],
            "central": ["lateral basal segment (S9)"], "anterior": ["anteromedial basal segment (S7+8)"]},
}
LOBE_WORDS = {"RUL": "right upper lobe", "RML": "right middle lobe", "RLL": "right lower lobe",
              "LUL": "left upper lobe", "LLL": "left lower lobe", "lingula": "lingula"}
LOBES_BY = {("right", "anterior"): ["RUL", "RML"], ("right", "posterior"): ["RLL", "RUL"],
            ("right", "central"): ["RUL", "RLL"], ("left", "anterior"): ["LUL", "lingula"],
            ("left", "posterior"): ["LLL", "LUL"], ("left", "central"): ["LLL", "lingula"]}


def _p(target, kind, side, y, pieces, r, piece, forms, hooks, lay, others=(), lobe=None, group="nodule",
       organ="lung", mm=(6, 9)):
    return dict(target=target, kind=kind, side=side, y=y, pieces=pieces, r=r, piece=piece, forms=forms,
                hooks=hooks, lay=lay, others=list(others), lobe=lobe, group=group, organ=organ, mm=mm)


PROFILES = [
    _p("right upper lobe nodule", "blob", "right", ("anterior", "posterior"), (1, 1), (5, 9), ("nodule", "nodules"),
       ["right upper lobe nodule", "RUL nodule"],
       ["the solid lesion that moved this baseline scan up to Lung-RADS 4A",
        "the finding the programme wants a PET-CT for", "the lesion that grew between the T0 and T1 rounds"],
       ["a spot that they want to do a PET scan for", "the thing that made my result a 4A"],
       others=["trachea"], lobe="RUL", mm=(8, 13)),
    _p("right middle lobe nodule", "blob", "right", ("anterior",), (1, 1), (4, 7), ("nodule", "nodules"),
       ["right middle lobe nodule", "RML nodule", "middle lobe nodule"],
       ["the new solid finding on this annual round that needs a 3-month recall",
        "the lesion behind the Lung-RADS 3 category here"],
       ["a new spot they want to recheck in 3 months", "the thing behind my category 3"],
       others=["heart"], lobe="RML", mm=(6, 8)),
    _p("right lower lobe nodule", "blob", "right", ("posterior",), (1, 1), (4, 8), ("nodule", "nodules"),
       ["right lower lobe nodule", "RLL nodule"],
       ["the solid lesion whose volume doubling time came out at about 310 days",
        "the finding that went from 90 to 190 cubic millimetres"],
       ["the spot they say has got bigger since last year", "the nodule my letter says doubled in volume"],
       others=["vertebral body"], lobe="RLL", mm=(6, 10)),
    _p("left upper lobe nodule", "blob", "left", ("anterior", "posterior"), (1, 1), (5, 9), ("nodule", "nodules"),
       ["left upper lobe nodule", "LUL nodule"],
       ["the spiculated solid lesion that the second reader upgraded to category 4X",
        "the lesion the MDT wants biopsied"],
       ["the spot they want to take a biopsy from", "what my letter calls a 4B finding"],
       others=["trachea"], lobe="LUL", mm=(9, 16)),
    _p("left lower lobe nodule", "blob", "left", ("posterior",), (1, 1), (4, 7), ("nodule", "nodules"),
       ["left lower lobe nodule", "LLL nodule"],
       ["the 6 mm solid lesion that keeps this round at Lung-RADS 3",
        "the lesion flagged for the 6-month low-dose follow-up"],
       ["the small spot they want to look at again in 6 months", "the reason my scan was a 3"],
       others=["descending aorta"], lobe="LLL", mm=(5, 7)),
    _p("lingular nodule", "blob", "left", ("anterior",), (1, 1), (4, 7), ("nodule", "nodules"),
       ["lingular nodule", "lingula nodule"],
       ["the perifissural-looking lesion that may just be an intrapulmonary lymph node",
        "the small lesion next to the heart border that the second reader queried"],
       ["the spot next to my heart they think might be a lymph gland", "the thing the second doctor queried"],
       others=["heart"], lobe="lingula", mm=(4, 7)),
    _p("ground-glass nodule", "blob", "any", ("anterior", "posterior", "central"), (1, 1), (6, 11),
       ("nodule", "nodules"), ["ground-glass nodule", "ground glass nodule", "GGN", "non-solid nodule"],
       ["the hazy lesion with no solid component at all", "the lesion that could be adenocarcinoma in situ",
        "the faint lesion that has been stable for two years"],
       ["the faint hazy patch the radiologist mentioned", "the hazy spot that hasn't changed"],
       others=["trachea"], mm=(10, 22)),
    _p("part-solid nodule", "blob", "any", ("anterior", "posterior", "central"), (1, 1), (6, 10),
       ("nodule", "nodules"), ["part-solid nodule", "part solid nodule", "subsolid nodule"],
       ["the mixed lesion with a 7 mm solid core inside a hazy halo",
        "the lesion whose solid component grew by 2 mm"],
       ["the spot with a hazy edge and a solid middle", "the mixed spot they called 4A"],
       others=["vertebral body"], mm=(12, 20)),
    _p("spiculated lung mass", "lobulated", "any", ("anterior", "posterior", "central"), (1, 1), (17, 24),
       ("mass", "masses"), ["spiculated lung mass", "spiculated mass", "lung mass"],
       ["the lesion with radiating strands that is almost certainly the primary",
        "the lesion responsible for the SUV 9.4 on the PET"],
       ["the lump they think is most likely a cancer", "the thing that lit up on my PET scan"],
       others=["trachea", "descending aorta"], mm=(28, 45)),
    _p("multiple pulmonary nodules", "multi", "bilateral", ("anterior", "posterior", "central"), (3, 5), (3, 6),
       ("nodule", "nodules"), ["multiple pulmonary nodules", "pulmonary nodules", "lung nodules"],
       ["the scattered small lesions that suggest an old granulomatous infection",
        "the findings that made the reader think of a non-malignant process"],
       ["the little spots scattered about that they think are from an old infection",
        "the scattered spots my letter mentions"], others=["vertebral body"], mm=(3, 5)),
    _p("pulmonary metastases", "multi", "bilateral", ("anterior", "posterior", "central"), (2, 5), (4, 9),
       ("deposit", "deposits"), ["pulmonary metastases", "lung metastases", "metastases", "metastatic deposits"],
       ["the lesions that changed the staging to M1a", "the spread from the known colorectal primary"],
       ["the spots that mean the cancer has spread", "the other spots the oncologist is worried about"],
       others=["heart"], group="multi", mm=(5, 14)),
    _p("emphysema", "emph", "bilateral", ("anterior", "posterior", "central"), (2, 4), (18, 26),
       ("area", "areas"), ["emphysema", "emphysematous"],
       ["the low-attenuation process explaining an FEV1 of 48% predicted",
        "the destructive change of the airspaces below -950 HU"],
       ["the damage from smoking that makes me breathless", "what the report calls lung damage from smoking"],
       group="diffuse", mm=(0, 0)),
    _p("subcarinal lymph node", "blob", "midline", ("central", "posterior"), (1, 1), (5, 8), ("node", "nodes"),
       ["subcarinal lymph node", "subcarinal node", "station 7 node"],
       ["the enlarged node the bronchoscopist would sample just beneath the tracheal bifurcation",
        "the mediastinal node that would upstage a left lower lobe primary to N2"],
       ["the gland in the middle of my chest they want to sample", "the lymph gland under the windpipe split"],
       others=["descending aorta"], group="node", organ="chest", mm=(11, 18)),
    _p("right lower paratracheal lymph node", "blob", "right", ("anterior", "central"), (1, 1), (5, 8),
       ("node", "nodes"), ["right lower paratracheal lymph node", "4R node", "paratracheal lymph node", "paratracheal node"],
       ["the enlarged node beside the windpipe that EBUS should target first",
        "the node that carries N2 disease for the RUL primary"],
       ["the gland next to my windpipe they want a sample of", "the gland they will sample with the camera test"],
       others=["trachea"], group="node", organ="chest", mm=(10, 16)),
    _p("left hilar lymph node", "blob", "left", ("central",), (1, 1), (5, 8), ("node", "nodes"),
       ["left hilar lymph node", "left hilar node", "10L node", "hilar lymph node"],
       ["the N1 node at the root of the lung on the side of the primary",
        "the node that was avid on PET at SUV 5.1 near the lung root"],
       ["the gland at the root of my lung that lit up", "the gland near where the airway enters the lung"],
       others=["descending aorta"], group="node", organ="chest", mm=(10, 15)),
    _p("calcified pleural plaques", "plaques", "bilateral", ("anterior", "posterior", "central"), (2, 5), (3, 6),
       ("plaque", "plaques"), ["calcified pleural plaques", "pleural plaques", "pleural plaque"],
       ["the markers of asbestos exposure from lagging work in the 1970s",
        "the benign lining changes from the shipyard years"],
       ["the marks from when I worked with asbestos", "the chalky patches on the lining they mentioned"],
       group="pleura", organ="chest", mm=(0, 0)),
    _p("right pleural effusion", "effusion", "right", ("posterior",), (1, 1), (0, 0), ("collection", "collections"),
       ["right pleural effusion", "pleural effusion", "effusion"],
       ["the fluid that would need tapping for cytology before staging is final",
        "the dependent fluid that could mean M1a disease"],
       ["the fluid they might drain with a needle", "the water on my lung"],
       others=["vertebral body"], group="pleura", organ="chest", mm=(0, 0)),
    _p("right lung", "lung", "right", ("central",), (1, 1), (0, 0), ("region", "regions"),
       ["right lung"],
       ["the three-lobed organ we would run the lobar volumetry on before a lobectomy",
        "the organ with the horizontal fissure"],
       ["the lung that has three parts", "the lung they would operate on"], others=["heart"], group="organ", mm=(0, 0)),
    _p("left lung", "lung", "left", ("central",), (1, 1), (0, 0), ("region", "regions"),
       ["left lung"],
       ["the two-lobed organ that holds the lingula",
        "the organ whose perfusion share sets the post-op FEV1 if we take the LUL"],
       ["the lung with only two parts", "the lung that sits next to my heart"], others=["heart"], group="organ", mm=(0, 0)),
    _p("trachea", "blob", "midline", ("anterior",), (1, 1), (8, 11), ("lumen", "lumens"),
       ["trachea", "windpipe"],
       ["the airway the scope passes before the carina",
        "the air-filled tube in front of the oesophagus that divides into the main bronchi"],
       ["the tube my breath goes down", "the main airway they put the camera down"],
       others=["vertebral body"], group="organ", organ="chest", mm=(0, 0)),
    _p("oesophagus", "blob", "midline", ("posterior",), (1, 1), (5, 7), ("structure", "structures"),
       ["oesophagus", "esophagus", "gullet"],
       ["the muscular tube that EUS would go down to reach the subcarinal station",
        "the swallowing tube that carries food to the stomach"],
       ["the tube that food goes down", "my food pipe"], others=["trachea"], group="organ", organ="chest", mm=(0, 0)),
    _p("descending thoracic aorta", "blob", "left", ("posterior",), (1, 1), (10, 13), ("vessel", "vessels"),
       ["descending thoracic aorta", "descending aorta", "thoracic aorta", "aorta"],
       ["the big artery beside the spine that the LLL mass abuts",
        "the great vessel carrying blood down to the abdomen"],
       ["the big blood vessel next to my spine", "the main artery that goes down to my tummy"],
       others=["vertebral body"], group="organ", organ="chest", mm=(0, 0)),
    _p("coronary artery calcification", "coronary", "any", ("anterior",), (2, 4), (2, 4), ("deposit", "deposits"),
       ["coronary artery calcification", "coronary calcification", "coronary calcium"],
       ["the incidental finding we now report with a visual score on every screening scan",
        "the finding that should prompt a statin discussion with the GP"],
       ["the calcium near my heart the letter says I should see my GP about", "the heart artery calcium"],
       group="multi", organ="chest", mm=(0, 0)),
    _p("right hilar mass", "lobulated", "right", ("central",), (1, 1), (15, 21), ("mass", "masses"),
       ["right hilar mass", "hilar mass"],
       ["the central lesion narrowing the bronchus intermedius",
        "the lesion at the lung root that the bronchoscopist saw pushing on the airway"],
       ["the lump near where my airway goes into the lung", "the lump they saw with the camera"],
       others=["trachea"], group="mass", organ="chest", mm=(30, 48)),
]


def record_for(p):
    return {"modality": "CT", "body_region": "chest", "orientation": "LP"}


# -- masks --------------------------------------------------------------------------------------

def _ell(m, cx, cy, rx, ry):
    yy, xx = np.ogrid[:N, :N]
    m |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0


def _xc(side, rng, near=False):
    if side == "right":
        return rng.uniform(92, 104) if near else rng.uniform(60, 98)
    if side == "left":
        return rng.uniform(152, 164) if near else rng.uniform(158, 196)
    return rng.uniform(126, 130)


def _yc(y, rng):
    return {"anterior": rng.uniform(72, 106), "posterior": rng.uniform(150, 186),
            "central": rng.uniform(120, 135)}[y]


def facts_for(p, rng):
    m = np.zeros((N, N), bool)
    kind, side = p["kind"], p["side"]
    if side == "any" and kind != "coronary":
        side = rng.choice(["right", "left"])
    y = rng.choice(p["y"])
    if kind == "blob":
        near = p["group"] in ("node", "organ")
        cx, cy = _xc(side, rng, near), _yc(y, rng)
        if p["target"] == "trachea":
            cx, cy = rng.uniform(126, 130), rng.uniform(96, 104)
        if p["target"] == "oesophagus":
            cx, cy = rng.uniform(128, 131), rng.uniform(150, 160)
        if p["target"] == "descending thoracic aorta":
            cx, cy = rng.uniform(150, 160), rng.uniform(160, 172)
        r = rng.uniform(*p["r"])
        _ell(m, cx, cy, r, r * rng.uniform(0.8, 1.2))
    elif kind == "lobulated":
        cx, cy = _xc(side, rng, p["group"] == "mass"), _yc(y, rng)
        if p["group"] == "mass":
            cx = 88 if side == "right" else 168
        r = rng.uniform(*p["r"])
        _ell(m, cx, cy, r, r * 0.85)
        _ell(m, cx + r * 0.5, cy - r * 0.4, r * 0.6, r * 0.5)
    elif kind == "lung":
        cx = rng.uniform(74, 84) if side == "right" else rng.uniform(172, 182)
        _ell(m, cx, rng.uniform(124, 132), rng.uniform(36, 44), rng.uniform(62, 74))
    elif kind == "effusion":
        cx, cy = rng.uniform(70, 84), rng.uniform(178, 188)
        _ell(m, cx, cy, rng.uniform(26, 34), rng.uniform(16, 22))
    elif kind in ("multi", "plaques", "emph", "coronary"):
        n = rng.randint(*p["pieces"])
        if kind == "coronary":
            slots = [(112, 92), (150, 88), (160, 110), (138, 120)]
        elif kind == "plaques":
            slots = [(52, 110), (204, 140), (62, 180), (196, 80), (84, 60)]
        elif kind == "emph":
            slots = [(78, 90), (178, 96), (84, 160), (172, 166)]
        else:
            slots = [(70, 100), (186, 150), (96, 170), (170, 84), (60, 150)]
        for sx, sy in slots[:n]:
            r = rng.uniform(*p["r"]) if kind != "coronary" else rng.uniform(2.5, 4.5)
            _ell(m, sx + rng.uniform(-4, 4), sy + rng.uniform(-4, 4), r * (1.6 if kind == "plaques" else 1.0), r)
    others = {o: LANDMARKS[o] for o in p["others"]}
    return compute_facts(m, "LP", others).model_dump(mode="json")


# -- words ----------------------------------------------------------------------------------------

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
REL_WORD = {"left_of": ["to the patient's left of the {o}", "further to the left than the {o}"],
            "right_of": ["to the patient's right of the {o}", "further to the right than the {o}"],
            "anterior_to": ["anterior to the {o}", "in front of the {o}"],
            "posterior_to": ["posterior to the {o}", "behind the {o}"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
        "posterior_to": "anterior_to"}


def _pct(x):
    v = x * 100
    if v < 1:
        return f"{v:.1f}%"
    if v < 10:
        return f"{v:.1f}%" if v < 2 else f"{round(v)}%"
    return f"{round(v)}%"


def _lay(reg):
    return reg in ("navigator", "chat")


class Row:
    """Turns plus the ledger of claims about the target."""

    def __init__(self, p, facts, reg, rng):
        self.p, self.f, self.reg, self.rng = p, facts, reg, rng
        self.turns, self.claims = [], []
        self.poss = {"navigator": rng.choice(["her", "his"]), "chat": "your"}.get(reg, "the patient's")
        self.name = rng.choice(["Mrs Okafor", "Mr Lindqvist", "Mrs Patel", "Mr Doherty", "Mrs Nakamura",
                                "Mr Brennan", "Ms Adeyemi", "Mr Kowalski"])
        self.she = "she" if self.name.startswith(("Mrs", "Ms")) else "he"
        self.her = "her" if self.she == "she" else "him"
        if reg == "navigator":
            self.poss = "her" if self.name.startswith(("Mrs", "Ms")) else "his"

    def claim(self, kind, value, text, role, corrected=False, turn=None):
        self.claims.append(dict(kind=kind, value=value, turn=len(self.turns) if turn is None else turn,
                                role=role, corrected=corrected, text=text))
        return text

    def add(self, role, text):
        self.turns.append({"role": role, "content": text})


def _side_words(row, side):
    """A clause stating `side` for the target (patient frame)."""
    p, reg, rng, poss = row.p, row.reg, row.rng, row.poss
    organ = p["organ"]
    if side in ("left", "right"):
        if _lay(reg):
            pool = [f"it is in {poss} {side} lung" if organ == "lung" else f"it is on {poss} {side} side",
                    f"it's on the {side}-hand side of {poss} chest",
                    f"it sits on {poss} {side}"]
        else:
            pool = [f"it lies on the patient's {side}", f"it is {side}-sided",
                    f"it is in the {side} hemithorax", f"laterality is {side}"]
    elif side == "bilateral":
        if _lay(reg):
            pool = [f"it is in both of {poss} lungs" if organ == "lung" else f"it is on both sides of {poss} chest",
                    "it shows up on both sides, left and right"]
        else:
            pool = ["it is bilateral", "both hemithoraces are involved", "it is present on both sides"]
    else:  # midline
        if _lay(reg):
            pool = [f"it sits in the middle of {poss} chest, not off to one side",
                    "it's right in the middle, left-to-right"]
        else:
            pool = ["it is midline", "it sits in the midline rather than to one side",
                    "it lies centrally across the midline"]
    return rng.choice(pool)


def _vert_words(row, v):
    rng, lay = row.rng, _lay(row.reg)
    if v == "anterior":
        pool = (["it's towards the front of the chest", "it sits near the front, closer to the breastbone"] if lay
                else ["it lies anteriorly", "it is in the anterior part of the thorax on this slice",
                      "it sits anteriorly on this image"])
    elif v == "posterior":
        pool = (["it's towards the back", "it sits near the back of the chest, closer to the spine"] if lay
                else ["it lies posteriorly", "it is in the posterior part of the thorax on this slice",
                      "it sits posteriorly on this image"])
    else:
        pool = (["it's about halfway between the front and the back of the chest"] if lay
                else ["front-to-back it sits at mid-depth, neither anterior nor posterior",
                      "in the anteroposterior direction it is roughly central"])
    return rng.choice(pool)


def _rel_words(row, rel, other):
    return "it lies " + row.rng.choice(REL_WORD[rel]).format(o=other)


def _size_words(row, val):
    rng, lay = row.rng, _lay(row.reg)
    kind, v = val
    if kind == "pct":
        pool = ([f"it takes up about {_pct(v)} of the picture", f"it covers roughly {_pct(v)} of the image"] if lay
                else [f"it occupies about {_pct(v)} of the image area", f"its outline covers roughly {_pct(v)} of the slice",
                      f"image share about {_pct(v)}"])
    elif v == "small":
        pool = (["on the picture it is small", "it only covers a small patch of the picture", "it is small on the picture"] if lay
                else ["it is small on this slice", "in image terms it is a small target",
                      "the segmented area is small"])
    elif v == "medium":
        pool = (["on the picture it is medium-sized, not tiny and not huge", "it is a medium-sized patch on the picture"] if lay
                else ["it is of medium size on this slice", "the segmented area is moderate, mid-sized for the image"])
    else:
        pool = (["on the picture it is large, one of the biggest things you can see", "it is big on the picture, covering a lot of it"] if lay
                else ["it is large on this slice", "the segmented area is large, a big share of the image"])
    return rng.choice(pool)


def _count_words(row, n):
    rng, (one, many) = row.rng, row.p["piece"]
    if n == 1:
        pool = [f"it is a single {one}", f"there is just one {one}", f"it forms one continuous {one}",
                f"it is one solitary {one}"]
    else:
        w = NUM.get(n, str(n))
        pool = [f"there are {w} separate {many}", f"it comes as {w} distinct {many}",
                f"I count {w} separate {many}", f"{n} discrete {many} in all"]
    return rng.choice(pool)


def _sentence(clause):
    return clause[0].upper() + clause[1:] + "."


# -- claim values -----------------------------------------------------------------------------------

def _false_side(f, rng):
    s = f["laterality"]
    if s == "right":
        return rng.choice(["left", "left", "bilateral"])
    if s == "left":
        return rng.choice(["right", "right", "bilateral"])
    if s == "bilateral":
        return rng.choice(["right", "left"])
    return rng.choice(["right", "left"])


def _pos_value(f, rng, true=True):
    rels = [r for r in f["relations"]]
    if rels and rng.random() < 0.5:
        r = rng.choice(rels)
        return ("rel", r["relation"] if true else FLIP[r["relation"]], r["other"])
    v = f["vertical"]
    if true:
        return ("vertical", v)
    return ("vertical", {"anterior": "posterior", "posterior": "anterior"}.get(v, rng.choice(["anterior", "posterior"])))


def _size_value(f, rng, true=True):
    frac, cls = f["area_fraction"], f["size_class"]
    if rng.random() < 0.45:
        if true:
            return ("pct", frac)
        v = frac * 100
        return ("pct", rng.choice([0.002, 0.0025, 0.003]) if v >= 3 else rng.choice([0.15, 0.2, 0.28, 0.35]))
    if true:
        return ("class", cls)
    if cls == "small":
        return ("class", "large")
    if cls == "large":
        return ("class", "small")
    return ("class", "large" if frac < 0.025 else "small")


def _count_value(f, rng, true=True):
    n = f["components"]
    if true:
        return n
    return rng.choice([2, 3]) if n == 1 else rng.choice([1, n + 1] if n < 5 else [1, 2])


def _value(kind, f, rng, true=True):
    if kind == "laterality":
        return f["laterality"] if true else _false_side(f, rng)
    if kind == "position":
        return _pos_value(f, rng, true)
    if kind == "size":
        return _size_value(f, rng, true)
    return _count_value(f, rng, true)


def _words(row, kind, value):
    if kind == "laterality":
        return _side_words(row, value)
    if kind == "position":
        return _vert_words(row, value[1]) if value[0] == "vertical" else _rel_words(row, value[1], value[2])
    if kind == "size":
        return _size_words(row, value)
    return _count_words(row, value)


# -- theme knowledge (traps: numbers, sides and sizes that are not the target's) ---------------------

def _mm(p, rng):
    lo, hi = p["mm"]
    return rng.randint(lo, hi) if hi else 0


def _segment_line(row):
    """Lobe and segment, chosen to agree with the measured side and front/back position."""
    p, f, rng = row.p, row.f, row.rng
    if p["group"] != "nodule":
        return None
    side = f["laterality"]
    if side not in ("left", "right"):
        return None
    v = f["vertical"]
    lobe = p["lobe"] or rng.choice(LOBES_BY[(side, v)])
    seg = rng.choice(SEGMENTS[lobe][v])
    return lobe, seg


def _knowledge(row):
    p, rng = row.p, row.rng
    g = p["group"]
    lay = _lay(row.reg)
    common = [
        "In the NLST, low-dose CT screening cut lung cancer deaths by about 20% compared with chest X-ray.",
        "Around a quarter of baseline screening scans show at least one non-calcified nodule, and the vast majority are benign.",
        "The right lung has three lobes and the left only two; the lingula is the left upper lobe's stand-in for a middle lobe.",
        "Pack-years are packs per day times years smoked, so 20 a day for 40 years is 40 pack-years.",
        "A low-dose screening CT delivers roughly 1 to 1.5 mSv, less than half a year of background radiation.",
        "Lung-RADS 4A carries an estimated 5 to 15% probability of malignancy; category 3 is about 1 to 2%.",
        "On the viewer the patient's right appears on the screen's left, the usual radiological convention.",
        "A volume doubling time under 400 days is worrying; over 600 days favours a benign or indolent lesion.",
        "The right main bronchus is shorter, wider and more vertical than the left, which is why aspirated material goes right.",
    ]
    lay_common = [
        "Screening with these low-dose scans lowers the chance of dying from lung cancer by roughly a fifth.",
        "About one in four people have a small spot on their first screening scan, and nearly all of them turn out to be harmless.",
        "The scan itself is a low dose, about 1 mSv, which is less than you get from a few months of normal background radiation.",
        "Your right lung has three sections and your left has two, because the heart takes up room on the left.",
        "On the screen your right side shows up on the left of the picture, as if we were facing you.",
    ]
    extra = {
        "nodule": ["Solid nodules of 6 to under 8 mm at baseline are Lung-RADS 3; 8 to under 15 mm are 4A.",
                   "Perifissural nodules under 10 mm with a triangular shape are usually intrapulmonary lymph nodes."],
        "node": ["A mediastinal node is usually called enlarged when its short axis exceeds 10 mm.",
                 "EBUS can reach stations 2R/2L, 4R/4L, 7, 10 and 11; station 5 and 6 nodes usually need surgery."],
        "pleura": ["Pleural plaques typically appear 20 to 30 years after asbestos exposure and do not turn into mesothelioma.",
                   "A malignant pleural effusion makes the disease M1a in the 8th edition TNM."],
        "diffuse": ["Centrilobular emphysema is upper-zone predominant; panlobular emphysema favours the lower zones.",
                    "Emphysema on a screening CT roughly doubles the lung cancer risk even after adjusting for pack-years."],
        "organ": ["The carina usually sits at about the level of T4/T5.",
                  "The left main bronchus is about 5 cm long, twice the length of the right."],
        "multi": ["Coronary calcium is reported on screening scans as none, mild, moderate or severe.",
                  "In the 8th TNM edition, separate nodules in a different ipsilateral lobe are T4; contralateral ones are M1a."],
        "mass": ["A tumour over 7 cm, or one invading the mediastinum, is T4.",
                 "A central lesion can cause post-obstructive collapse beyond it."],
    }
    pool = (lay_common if lay else common) + ([] if lay else extra.get(g, []))
    return rng.choice(pool)


def _others_line(row):
    """A sentence about other structures with their own sides, sizes and counts."""
    p, rng, lay = row.p, row.rng, _lay(row.reg)
    g, t = p["group"], p["target"]
    pool = []
    if g not in ("nodule", "multi") or t in ("pulmonary metastases",):
        pool += ["There is a 3 mm calcified granuloma in the left lower lobe, benign by definition."
                 if not lay else "There is also a tiny chalky spot of 3 mm elsewhere, which is an old healed scar and harmless."]
    if t not in ("emphysema",):
        pool += ["Mild centrilobular emphysema in both upper lobes." if not lay
                 else "There's some mild wear-and-tear in the upper parts of both lungs from smoking."]
    if g != "node":
        pool += ["No enlarged mediastinal or hilar nodes; stations 4R, 7 and 10L are all under 10 mm short axis."
                 if not lay else "The lymph glands in the middle of the chest look normal."]
    if g != "pleura":
        pool += ["No pleural effusion on either side." if not lay else "There's no fluid around the lungs."]
    if t not in ("right lung", "left lung", "trachea"):
        pool += ["The large airways are patent." if not lay else "The main airways are clear."]
    pool += ["Moderate coronary artery calcification is noted incidentally." if t != "coronary artery calcification"
             and not lay else "The heart size is normal."]
    return rng.choice(pool)


def _lungrads(p, mm, rng):
    g = p["group"]
    if p["target"] == "ground-glass nodule":
        return "2"
    if p["target"] == "spiculated lung mass" or (g == "nodule" and mm >= 15):
        return "4B"
    if g == "nodule":
        return "4A" if mm >= 8 else "3" if mm >= 6 else "2"
    if g in ("mass",) or p["target"] == "spiculated lung mass":
        return "4B"
    return rng.choice(["2", "4X"]) if g in ("node",) else rng.choice(["1", "2", "S"])


# -- questions --------------------------------------------------------------------------------------

def _question(row, defect):
    p, rng, reg = row.p, row.rng, row.reg
    age = rng.randint(55, 79)
    py = rng.choice([22, 30, 35, 41, 48, 55, 60])
    if defect == "names_target":
        nm = rng.choice(p["forms"])
        pool = {
            "report": [f"Screening round T1, low-dose CT. Please segment the {nm} and give me the structured wording.",
                       f"Second read for the programme: outline the {nm} on this slice and describe it for the report."],
            "mdt": [f"MDT prep, {age}-year-old ex-smoker, {py} pack-years: mark the {nm} for the radiology slot.",
                    f"For the lung MDT on Thursday, please show the {nm} and summarise it in two lines."],
            "navigator": [f"I'm the nurse navigator calling {row.name} later. Can you highlight the {nm} so I can explain it?",
                          f"Before I ring {row.name}: where is the {nm} on the scan? Please outline it."],
            "chat": [f"my results letter says {nm}. can you show me where the {nm} is on my scan?",
                     f"hi, I'm {age} and smoked for years ({py} pack-years they said). where's the {nm} on this picture?"],
        }[reg]
        return rng.choice(pool)
    if reg == "chat":
        hook = rng.choice(p["lay"])
        pool = [f"hi, my screening letter talks about {hook}. which bit of my scan is that?",
                f"ok so I got my CT results and they mention {hook}... can you point it out for me please",
                f"I'm {age}, ex-smoker. The nurse said something about {hook} - can you show me on the picture?"]
    else:
        hook = rng.choice(p["hooks"])
        pool = {
            "report": [f"Baseline LDCT, screening programme. What on this slice corresponds to {hook}? Segment it for the report.",
                       f"Reporting this screening round: identify {hook} and outline it, please.",
                       f"Structured report draft needed. On this slice, what is {hook}? Please mark it."],
            "mdt": [f"Lung MDT, {age}-year-old, {py} pack-years, FEV1 {rng.randint(45, 92)}% predicted. Can you outline {hook}?",
                    f"For the MDT summary: which structure here is {hook}? Please segment it and summarise.",
                    f"Respiratory clinic referral from screening. Show me {hook} on this slice."],
            "navigator": [f"I'm the nurse navigator and I'm phoning {row.name} this afternoon. Can you show me {hook} so I can explain it simply?",
                          f"Nurse navigator here. {row.name} is anxious about the recall. Which part of the image is {hook}?",
                          f"I have a call booked with {row.name} at 3 pm. Please highlight {hook} for me."],
        }[reg]
    return rng.choice(pool)


# -- answers ----------------------------------------------------------------------------------------

def _claim_sentence(row, kind, value, role="assistant", corrected=False):
    text = _sentence(_words(row, kind, value))
    return row.claim(kind, value, text, role, corrected)


def _first_answer(row, kinds_true, false_kind, label, planted):
    """First answer: names the target with [SEG]; states `kinds_true` truly and `false_kind` falsely."""
    p, f, rng, reg = row.p, row.f, row.rng, row.reg
    mm = _mm(p, rng)
    rads = _lungrads(p, mm, rng)
    claim_parts = []
    for k in kinds_true:
        claim_parts.append(_claim_sentence(row, k, _value(k, f, rng)))
    if false_kind:
        claim_parts.append(_claim_sentence(row, false_kind, _value(false_kind, f, rng, False)))
    rng.shuffle(claim_parts)
    segl = _segment_line(row)
    seg_txt = None
    if segl and planted not in ("laterality", "position") and reg in ("report", "mdt"):
        lobe, seg = segl
        seg_txt = f"{LOBE_WORDS[lobe]}, {seg}" if lobe != "lingula" else f"lingula, {seg}"
        if p["lobe"] is None:
            row.claim("laterality", ("lobe", lobe), LOBE_WORDS[lobe], "assistant")
        row.claim("position", ("segment", lobe, seg), seg, "assistant")
    side = f["laterality"]
    if planted != "laterality" and side in ("left", "right") and rng.random() < 0.3:
        opp = "left" if side == "right" else "right"
        neg = rng.choice([f"It is not on the {opp}.", f"Nothing of it crosses to the {opp} side.",
                          f"It is not in the {opp} {'lung' if p['organ'] == 'lung' else 'hemithorax'}."])
        claim_parts.append(row.claim("laterality", ("not", opp), neg, "assistant"))
    if side in ("left", "right") and rng.random() < 0.3 and reg in ("mdt", "report"):
        opp = "left" if side == "right" else "right"
        claim_parts.append(rng.choice([f"Had this been on the {opp}, the nodal drainage and the stations to sample would differ.",
                                       f"If the equivalent lesion were {opp}-sided, the surgical approach would simply be mirrored."]))
    size_mm = f"{mm} mm" if mm and f["components"] == 1 else None
    know = _knowledge(row)
    other = _others_line(row)
    if reg == "report":
        head = rng.choice([f"FINDINGS\nTarget: {label} [SEG]", f"The finding you mean is the {label} [SEG].",
                           f"Structured report\n- Index finding: {label} [SEG]"])
        lines = [head]
        if seg_txt:
            lines.append(f"Site: {seg_txt}.")
        if size_mm and p["group"] in ("nodule", "mass", "node"):
            lines.append(rng.choice([f"Measurement: {size_mm} short axis on mediastinal windows." if p["group"] == "node"
                                     else f"Measurement: {size_mm} mean diameter on lung windows.",
                                     f"Dimensions: {size_mm} ({'short axis' if p['group'] == 'node' else 'long axis'})."]))
        lines += claim_parts
        lines.append(other)
        lines.append(rng.choice([f"IMPRESSION: Lung-RADS {rads}.", f"Lung-RADS category: {rads}.",
                                 f"Category {rads}; management per Lung-RADS v2022."]))
        if rng.random() < 0.5:
            lines.append(know)
        return "\n".join(lines)
    if reg == "mdt":
        lines = [rng.choice([f"MDT summary. The lesion in question is the {label} [SEG].",
                             f"Imaging for MDT: {label}, outlined here [SEG].",
                             f"Radiology slot - index finding is the {label} [SEG]."])]
        bullets = list(claim_parts)
        if seg_txt:
            bullets.append(f"Anatomically: {seg_txt}.")
        if size_mm:
            bullets.append(rng.choice([f"It measures {size_mm} on the planning series.", f"Size {size_mm}."]))
        bullets.append(other)
        rng.shuffle(bullets)
        lines += ["- " + b for b in bullets]
        lines.append(rng.choice(["- Plan: PET-CT, then EBUS-TBNA of any avid station (4R, 7, 10L) before deciding on surgery.",
                                 f"- Outcome: discussed; Lung-RADS {rads}; for repeat LDCT and clinic review.",
                                 "- Background: ex-smoker, performance status 1, DLCO 61% predicted."]))
        if rng.random() < 0.4:
            lines.append(know)
        return "\n".join(lines)
    if reg == "navigator":
        intro = rng.choice([f"This is {'what the report calls ' if label.endswith('s') else ''}the {label} [SEG].", f"The part they mean is the {label}, highlighted here [SEG].",
                            f"Here it is: the {label} [SEG]."])
        script = " ".join(claim_parts)
        body = rng.choice([f"In plain words for {row.name}: {script}",
                           f"{script} You can tell {row.name} that in those words."])
        extra = []
        if size_mm and p["group"] in ("nodule", "node", "mass"):
            extra.append(f"The radiologist measured it at {size_mm}, about the size of a {'pea' if mm < 10 else 'grape' if mm < 20 else 'walnut'}.")
        extra.append(rng.choice([f"Lung-RADS {rads} is the category on the letter.", other]))
        if rng.random() < 0.5:
            extra.append(know)
        rng.shuffle(extra)
        return " ".join([intro, body] + extra)
    # chat
    intro = rng.choice([f"Good question! That's the {label} - I've highlighted it for you [SEG].",
                        f"The bit your letter means is the {label}, shown here [SEG].",
                        f"Sure. It's the {label} [SEG]."])
    rest = list(claim_parts)
    if size_mm and p["group"] in ("nodule", "node", "mass"):
        rest.append(f"The report gives it as {size_mm} across.")
    rest.append(rng.choice([know, other]))
    rng.shuffle(rest)
    outro = rng.choice(["Your screening team will go through what happens next.",
                        "It's completely normal to feel anxious about this - do ask your nurse anything.",
                        "Let me know if you want any of that explained differently."])
    return " ".join([intro] + rest + [outro])


# follow-up rounds ---------------------------------------------------------------------------------

def _ask(row, kind, value=None):
    rng, reg = row.rng, row.reg
    if kind == "position" and value is not None:
        rel = value[0] == "rel"
        pool = {"report": ["Any relation to the adjacent landmarks worth stating?"] if rel else ["Where does it sit front-to-back on this slice?"],
                "mdt": ["Where is it relative to the nearby structures?"] if rel else ["Front or back, for the bronchoscopist?"],
                "navigator": ["How would I describe where it sits, roughly?"] if rel else
                             [f"Is it nearer the front or the back? {row.she.capitalize()} may ask."],
                "chat": ["whereabouts in my chest is that exactly?"] if rel else ["is it near the front or the back of my chest?"]}[reg]
        return rng.choice(pool)
    pool = {
        "laterality": {"report": ["Confirm the side for the structured template?", "Which hemithorax, for the laterality field?"],
                       "mdt": ["Which side are we on? The surgeon will ask.", "Side, for the MDT proforma?"],
                       "navigator": [f"{row.name} will ask which side it's on. What do I say?",
                                     "Which side of the chest is it, in words I can use on the phone?"],
                       "chat": ["which side is it on?", "is it my left or my right? the picture is confusing"]},
        "position": {"report": ["Where does it sit front-to-back on this slice?", "Any relation to the adjacent landmarks worth stating?"],
                     "mdt": ["Where is it relative to the nearby structures?", "Front or back, for the bronchoscopist?"],
                     "navigator": [f"Is it nearer the front or the back? {row.she.capitalize()} may ask.", "How would I describe where it sits, roughly?"],
                     "chat": ["is it near the front or the back of my chest?", "whereabouts in my chest is that exactly?"]},
        "size": {"report": ["And how much of the image does the segmentation cover?", "Size of the outlined region on this slice?"],
                 "mdt": ["How big is it on this image, roughly?", "Is it a big area on this slice or a small one?"],
                 "navigator": [f"Is it big on the scan? I don't want to frighten {row.her}.", "How much of the picture does it take up?"],
                 "chat": ["is it big? it looks big to me on the picture", "how much of the picture is it taking up?"]},
        "count": {"report": ["Is it one lesion or several?", "Number of separate components?"],
                  "mdt": ["Single lesion or multiple?", "How many separate foci are we talking about?"],
                  "navigator": [f"Is it just the one, or more than one? {row.she.capitalize()}'ll want to know.", "How many are there?"],
                  "chat": ["is it just one thing or are there several?", "how many are there??"]},
    }[kind][reg]
    return rng.choice(pool)


def _premise_q(row, kind, value):
    """A follow-up question carrying a claim about the target as its premise."""
    rng, reg = row.rng, row.reg
    keep = row.poss
    if reg == "chat":
        row.poss = "my"
    clause = _words(row, kind, value)
    for _ in range(12):
        if clause.startswith(("it ", "it's ", "there ")):
            break
        clause = _words(row, kind, value)
    row.poss = keep
    assert clause.startswith(("it ", "it's ", "there ")), clause
    frames = {
        "report": ["Given that {c}, does that change the management line?", "Since {c}, should I add a modifier?"],
        "mdt": ["So as {c}, would the surgeons still consider a segmentectomy?", "Since {c}, is EBUS the right first step?"],
        "navigator": ["{n} already knows that {c}. What should I say about the next scan?",
                      "I told {n} that {c}. Is there anything else I should mention about the follow-up?"],
        "chat": ["ok so {c}. does that mean it's cancer?", "my nurse said {c} - should I be worried?"],
    }[reg]
    return rng.choice(frames).format(c=clause, n=row.name)


def _premise_reply(row):
    rng, reg, p = row.rng, row.reg, row.p
    pool = {
        "report": ["No modifier needed; the category stands and the recommendation line follows Lung-RADS v2022.",
                   "It doesn't change the management line: keep the recommendation as written and flag it for the second reader."],
        "mdt": ["Yes, the plan stays as minuted: PET-CT first, then EBUS of any avid station, then a surgical opinion.",
                "It does not change the sequence; nodal staging comes before any decision about resection."],
        "navigator": [f"Tell {row.name} the next step is a follow-up scan, and that most findings like this turn out to be benign. Offer the helpline number and a named contact.",
                      f"Keep it simple: {row.name} will get a letter with the date, and can call you with questions at any time."],
        "chat": ["Not necessarily - most things found on screening scans are not cancer. That's exactly why they're keeping an eye on it.",
                 "Try not to worry too much. The follow-up is there to check it properly, and your team will explain every step."],
    }[reg]
    return rng.choice(pool)


def _trap_round(row):
    """A follow-up with numbers, sides and categories that are not the target's."""
    rng, reg, p = row.rng, row.reg, row.p
    q = {
        "report": ["What's the management for a Lung-RADS 3, for the recommendation line?",
                   "Any incidental findings I should add?", "Does the S modifier apply here?"],
        "mdt": ["What's his risk on the Brock model, roughly?", "Is he fit for a lobectomy?", "Do we need a PET first?"],
        "navigator": [f"What if {row.she} asks about stopping smoking?", "What's the usual wait for the PET scan?",
                      f"{row.she.capitalize()} smoked 20 a day for 30 years. How do I explain pack-years?"],
        "chat": ["what does lung-rads mean?", "will I need another scan? how many?", "I smoked 30 years, is it too late to quit?"],
    }[reg]
    a = {
        "report": ["Lung-RADS 3 means a 6-month LDCT; 4A means a 3-month LDCT, with PET-CT an option when the solid part is 8 mm or more.",
                   "Add the moderate coronary calcium as an S finding; a 4.2 cm ascending aorta or a 2 cm adrenal lesion would count too.",
                   "The S modifier is for clinically significant non-lung findings, such as an aortic diameter of 4.5 cm or more."],
        "mdt": ["The Brock calculator puts this kind of lesion at about 12%; Herder after PET would refine that.",
                "With an FEV1 of 68% and DLCO of 61%, he should manage a lobectomy; a shuttle walk over 400 m is reassuring.",
                "Yes. PET-CT before EBUS; a negative PET with a central tumour still needs EBUS of stations 4R, 7 and 4L."],
        "navigator": [f"Tell {row.name} stopping now still helps: within 10 years of quitting the lung cancer risk roughly halves, and the service offers stop-smoking support.",
                      "PET-CT is usually booked within 2 weeks on the suspected-cancer pathway.",
                      "Twenty a day is one pack, so 30 years makes 30 pack-years. The programme invites people with 20 or more."],
        "chat": ["Lung-RADS is a scoring system from 1 to 4. 1 and 2 mean routine yearly scans; 3 and 4 mean a closer look.",
                 "Usually one more scan in 3 or 6 months, then back to yearly scans if nothing changes.",
                 "It's never too late - your lungs start to recover within weeks, and after 10 years your risk is about half."],
    }[reg]
    i = rng.randrange(len(q))
    return q[i], a[i]


def _follow_answer(row, kind, value, corrected=False):
    """An answer to a follow-up stating one claim (true unless planted)."""
    rng, reg = row.rng, row.reg
    s = _sentence(_words(row, kind, value))
    tail = {
        "report": ["I've put that in the template.", "That goes in the findings block.", ""],
        "mdt": ["That's what I'll present.", "Worth stating at the meeting.", ""],
        "navigator": ["That's a simple way to say it on the phone.", f"You can put it to {row.her} just like that.", ""],
        "chat": ["Hope that helps!", "Ask me anything else you're unsure about.", ""],
    }[reg]
    lead = {"report": ["Recorded: ", "", "For the template: "], "mdt": ["", "For the minutes: "],
            "navigator": ["", "You can say: "], "chat": ["", "Sure - "]}[reg]
    le = rng.choice(lead)
    if le:
        s = s[0].lower() + s[1:]
    row.claim(kind, value, s, "assistant", corrected)
    return (le + s + " " + rng.choice(tail)).strip()


def _corrected_premise(row, kind):
    """Clean rows: the user asserts something false about the target and the assistant corrects it."""
    rng, reg = row.rng, row.reg
    fv = _value(kind, row.f, rng, False)
    q = _premise_q(row, kind, fv)
    row.claim(kind, fv, q, "user", corrected=True)
    row.add("user", q)
    tv = _value(kind, row.f, rng, True)
    if kind == "position":
        tv = ("rel", FLIP[fv[1]], fv[2]) if fv[0] == "rel" else ("vertical", row.f["vertical"])
    if kind == "size" and fv[0] != tv[0]:
        tv = (fv[0], row.f["area_fraction"] if fv[0] == "pct" else row.f["size_class"])
    lead = rng.choice({"report": ["Correction to the premise: ", "That's not right - "],
                       "mdt": ["Small correction first: ", "Actually no - "],
                       "navigator": ["Just to correct that before the call: ", "Careful, that isn't quite right - "],
                       "chat": ["Actually, not quite - ", "Small correction: "]}[reg])
    s = _sentence(_words(row, kind, tv))
    s = s[0].lower() + s[1:]
    row.claim(kind, tv, s, "assistant")
    row.add("assistant", lead + s + " " + _premise_reply(row))


def _slip_answer(row, kind):
    """Clean rows: the assistant states something false and corrects itself in the same turn."""
    rng = row.rng
    fv = _value(kind, row.f, rng, False)
    tv = _value(kind, row.f, rng, True)
    if kind == "position":
        tv = ("rel", FLIP[fv[1]], fv[2]) if fv[0] == "rel" else ("vertical", row.f["vertical"])
    if kind == "size" and fv[0] != tv[0]:
        tv = (fv[0], row.f["area_fraction"] if fv[0] == "pct" else row.f["size_class"])
    s1 = _sentence(_words(row, kind, fv))
    s2 = _words(row, kind, tv)
    mend = rng.choice(["Sorry, I misspoke: ", "Correction: ", "Let me correct that - ", "Scratch that; "])
    row.claim(kind, fv, s1, "assistant", corrected=True)
    row.claim(kind, tv, s2, "assistant")
    return f"{s1} {mend}{s2}."


KINDS4 = ["laterality", "position", "size", "count"]
PLACES = ["first", "follow", "premise"]


def build(p, facts, style, rng, defect):
    row = Row(p, facts, style, rng)
    label = rng.choice([p["target"], p["target"], p["forms"][min(1, len(p["forms"]) - 1)]])
    q1 = _question(row, defect)
    row.add("user", q1)
    planted = defect if defect in KINDS4 else None
    place = rng.choice(PLACES) if planted else None
    kinds = list(KINDS4)
    rng.shuffle(kinds)
    if planted:
        kinds.remove(planted)
    n_first = rng.randint(1, 3)
    first_true, later_true = kinds[:n_first], kinds[n_first:]
    a1 = _first_answer(row, first_true, planted if place == "first" else None, label, planted)
    if planted is None and defect != "names_target" and rng.random() < 0.2 and later_true:
        k = later_true.pop(0)
        slip = _slip_answer(row, k)
        at = a1.index("[SEG]")
        cut = [j for j in (a1.find("\n", at), a1.find(". ", at)) if j >= 0]
        if cut and rng.random() < 0.6:
            j = min(cut) + (0 if a1[min(cut)] == "\n" else 1)
            a1 = a1[:j] + ("\n" if a1[j:j + 1] == "\n" else " ") + slip + a1[j:]
        else:
            a1 = a1 + ("\n" if style in ("report", "mdt") else " ") + slip
    row.add("assistant", a1)
    rounds = []
    for k in later_true:
        rounds.append(("true", k))
    if planted and place == "follow":
        rounds.append(("false", planted))
    if planted and place == "premise":
        rounds.append(("premise", planted))
    if not planted and defect != "names_target" and rng.random() < 0.45 and later_true:
        i = rng.randrange(len(rounds))
        rounds[i] = ("correct", rounds[i][1])
    rng.shuffle(rounds)
    rounds = rounds[:3]
    if planted and place in ("follow", "premise") and ("false", planted) not in rounds and ("premise", planted) not in rounds:
        rounds[-1] = ("false" if place == "follow" else "premise", planted)
    if len(rounds) < 3 and rng.random() < 0.7:
        rounds.insert(rng.randrange(len(rounds) + 1), ("trap", None))
    if not rounds:
        rounds.append(("trap", None))
    for what, k in rounds:
        if what in ("true", "false"):
            v = _value(k, facts, rng, what == "true")
            row.add("user", _ask(row, k, v))
            row.add("assistant", _follow_answer(row, k, v))
        elif what == "premise":
            fv = _value(k, facts, rng, False)
            q = _premise_q(row, k, fv)
            row.claim(k, fv, q, "user")
            row.add("user", q)
            row.add("assistant", _premise_reply(row))
        elif what == "correct":
            _corrected_premise(row, k)
        else:
            q, a = _trap_round(row)
            row.add("user", q)
            row.add("assistant", a)
    LEDGER.append(row.claims)
    return row.turns, ([defect] if defect else [])
