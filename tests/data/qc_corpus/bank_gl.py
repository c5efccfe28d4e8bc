"""Bank GL: accessibility alt text and figure captions (written blind, without reading any QC rule).

The assistant answers as a writer of image descriptions: screen-reader alt text ("Image description: an
axial CT slice ..."), a journal figure legend ("Figure 3. (a) ... arrowheads indicate ..."), conference
slide speaker notes, and a teaching-atlas caption followed by a student's questions. The prose carries the
furniture of a figure beside the target: panels (a)/(b), arrows and arrowheads, insets in a corner, scale
bars, colour overlays with an opacity, window settings, slice thickness, ages and doses, the viewer's side
of the screen (radiological and neurological display conventions), and general anatomy with numbers and
sides about other structures. Targets are drawn as jittered ellipses on a 256x256 grid and measured with
the product's `compute_facts`; every claim about the target is generated from those facts and kept in
`LEDGER` (kind, value, turn, role, corrected) for the writer's own checker.

Own check (/work/notes/qcgl_scripts/check_gl.py): rows 420, clean 210, defects laterality 42 / position 42 /
size 42 / count 42 / names_target 42; false claims sit in first answer 48, follow-up answer 69, user premise 51
(names_target: first question 42); problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

LEDGER: list[dict] = []  # filled by build(): one entry per row, read by the writer's checker

STYLES = ["alttext", "legend", "speaker", "atlas"]
KINDS = ["laterality", "position", "size", "count", "names_target"]

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}

AX_ABD = ("an axial contrast-enhanced CT slice of the upper abdomen in the portal venous phase",
          "soft-tissue window (W 400 / L 40 HU)", "CT", "abdomen", "LP", "axial CT slice")
AX_PELV = ("an axial CT slice through the pelvis", "soft-tissue window (W 350 / L 50 HU)", "CT", "pelvis", "LP", "pelvic CT slice")
AX_CHEST = ("an axial CT slice of the chest at the level of the carina", "lung window (W 1500 / L -600 HU)",
            "CT", "thorax", "LP", "chest CT slice")
AX_NECK = ("an axial CT slice of the lower neck", "soft-tissue window (W 350 / L 40 HU)",
           "CT", "neck", "LP", "neck CT slice")
AX_BRAIN = ("an axial FLAIR MR image of the brain displayed in neurological convention",
            "default MR windowing", "MR", "brain", "RP", "axial FLAIR image")
COR_BRAIN = ("a coronal T1-weighted MR image of the brain through the temporal lobes",
             "default MR windowing", "MR", "brain", "LI", "coronal MR image")
CXR = ("a frontal (PA) chest radiograph", "standard radiograph windowing", "XR", "chest", "LI", "chest radiograph")


def P(target, view, blobs, others, cues, give, kb, noun="structure", unit="parts", pl=False, ref=None, gen=None):
    scene, window, mod, region, o, short = view
    return dict(target=target, scene=scene, short=short, window=window, modality=mod, region=region, orientation=o,
                blobs=blobs, others=others, cues=cues, give=give, kb=kb, noun=noun, unit=unit, pl=pl,
                ref=ref or f"the {target}", gen=gen)


def _scatter(region_lat, region_vert, n_choices, r_range):
    """A multi-lesion generator: n small round foci scattered in a box, kept apart so they stay separate."""
    def gen(rng):
        n = rng.choice(n_choices)
        out, tries = [], 0
        while len(out) < n and tries < 400:
            tries += 1
            lat = rng.uniform(*region_lat)
            vert = rng.uniform(*region_vert)
            r = rng.uniform(*r_range)
            if all(((lat - a) ** 2 + (vert - b) ** 2) ** 0.5 > r + c + 0.03 for a, b, c, _ in out):
                out.append((lat, vert, r, r * rng.uniform(0.8, 1.2)))
        return out
    return gen


PROFILES = [
    P("liver", AX_ABD, [(-0.19, -0.08, 0.19, 0.16)], {"spleen": (0.26, 0.08), "aorta": (0.02, 0.1),
      "stomach": (0.14, -0.1)}, ["makes bile and stores glycogen", "is the main site of drug metabolism"],
      ["liver", "hepat"], ["The spleen, which is not outlined, lies on the patient's left.",
      "An adult liver weighs roughly 1.4 to 1.6 kg.", "About 75% of its blood supply arrives through the portal vein."],
      noun="organ", unit="parts"),
    P("spleen", AX_ABD, [(0.26, 0.09, 0.075, 0.1)], {"liver": (-0.19, -0.08), "aorta": (0.02, 0.1),
      "stomach": (0.14, -0.12)}, ["removes old red cells from the circulation", "was injured when the patient's left lower ribs broke"],
      ["spleen", "splen"], ["The liver, on the patient's right, is left unmarked.",
      "An accessory spleen is found in roughly 10-30% of people.", "A normal adult one is about 12 cm long."],
      noun="organ"),
    P("left kidney", AX_ABD, [(0.2, 0.13, 0.06, 0.08)], {"aorta": (0.02, 0.1), "liver": (-0.19, -0.08),
      "spleen": (0.26, -0.02)}, ["filters blood into urine and is the source of this patient's haematuria",
      "is the organ the urologist wants biopsied"], ["kidney", "renal", "nephr"],
      ["The right kidney usually sits 1-2 cm lower than the left.", "Each adult kidney is about 10-12 cm long."],
      noun="organ"),
    P("right kidney", AX_ABD, [(-0.2, 0.13, 0.06, 0.08)], {"aorta": (0.02, 0.1), "liver": (-0.17, -0.06),
      "spleen": (0.26, 0.0)}, ["filters blood into urine and lies under the liver",
      "was scarred by the patient's childhood reflux"], ["kidney", "renal", "nephr"],
      ["The left kidney is usually the higher of the two.", "Roughly 1 in 500 people has a horseshoe variant."],
      noun="organ"),
    P("kidneys", AX_ABD, [(-0.2, 0.13, 0.06, 0.08), (0.2, 0.13, 0.06, 0.08)], {"aorta": (0.0, 0.1),
      "liver": (-0.2, -0.14)}, ["make urine", "are failing in this patient with a creatinine of 380"],
      ["kidney", "renal", "nephr"], ["Together they receive about 20% of the cardiac output.",
      "The left renal vein crosses in front of the aorta."], noun="organs", unit="organs", pl=True),
    P("abdominal aorta", AX_ABD, [(0.015, 0.1, 0.035, 0.035)], {"liver": (-0.19, -0.08),
      "left kidney": (0.2, 0.13), "stomach": (0.14, -0.12)}, ["carries oxygenated blood down to the legs",
      "is the vessel we screen with ultrasound in men over 65"], ["aort"],
      ["The inferior vena cava runs beside it on the patient's right.", "A diameter above 3 cm counts as aneurysmal."],
      noun="vessel"),
    P("gallbladder", AX_ABD, [(-0.13, -0.1, 0.04, 0.05)], {"aorta": (0.02, 0.1), "right kidney": (-0.2, 0.13)},
      ["stores and concentrates bile", "is inflamed in this patient with a positive Murphy's sign"],
      ["gallbladder", "gall bladder", "cholecyst"], ["Gallstones affect about 10-15% of adults.",
      "The pancreas, not shown here, lies across the midline behind the stomach."], noun="organ"),
    P("liver metastases", AX_ABD, None, {"aorta": (0.02, 0.1), "spleen": (0.26, 0.08)},
      ["are the deposits from this patient's known colorectal cancer", "are the hypodense deposits the oncologist is counting"],
      ["metasta", "mets", "secondar"], ["The spleen is spared.", "About half of colorectal cancers spread to the liver at some point."],
      noun="lesions", unit="lesions", pl=True, gen=_scatter((-0.33, -0.08), (-0.2, 0.08), [2, 3, 4], (0.025, 0.045))),
    P("adrenal glands", AX_ABD, [(-0.11, 0.07, 0.03, 0.045), (0.11, 0.07, 0.03, 0.045)],
      {"aorta": (0.0, 0.12), "liver": (-0.2, -0.1)}, ["make cortisol and epinephrine",
      "are the glands the endocrinologist suspects in this patient with resistant hypertension"],
      ["adrenal", "suprarenal"], ["Incidental nodules in them are seen on about 3-7% of CT scans.",
      "Each weighs only about 4-5 g."], noun="glands", unit="glands", pl=True),
    P("psoas muscles", AX_PELV, [(-0.1, 0.12, 0.045, 0.06), (0.1, 0.12, 0.045, 0.06)],
      {"urinary bladder": (0.0, -0.12)}, ["flex the hip",
      "are the muscles we measure for sarcopenia on this slice"], ["psoas"],
      ["A psoas abscess is usually on one side only.", "Their cross-sectional area falls by roughly 1-2% a year after 60."],
      noun="muscles", unit="muscles", pl=True),
    P("urinary bladder", AX_PELV, [(0.01, -0.12, 0.12, 0.09)], {"psoas muscles": (0.0, 0.12), "rectum": (0.0, 0.2)},
      ["stores urine", "was distended in this man with acute retention"], ["bladder", "vesic", "cyst"],
      ["Normal wall thickness is under 3 mm when it is distended.", "A full adult one holds around 400-600 mL."], noun="organ"),
    P("femoral heads", AX_PELV, [(-0.22, 0.02, 0.07, 0.07), (0.22, 0.02, 0.07, 0.07)],
      {"urinary bladder": (0.0, -0.14)}, ["articulate with the acetabula", "are at risk of avascular necrosis in this patient on long-term steroids"],
      ["femoral head", "femur", "femora"], ["Avascular necrosis is bilateral in up to 70% of non-traumatic cases.",
      "Each is roughly 45-50 mm across in adults."], noun="bones", unit="bones", pl=True),
    P("left adnexal cyst", AX_PELV, [(0.16, -0.02, 0.07, 0.065)], {"urinary bladder": (0.0, -0.13),
      "rectum": (0.0, 0.2)}, ["is the simple fluid-filled lesion behind the patient's pelvic pain",
      "is the lesion the gynaecologist asked us to measure"], ["adnex", "ovar", "cyst"],
      ["Simple cysts under 5 cm in premenopausal women usually need no follow-up.", "The uterus, not marked, lies in the midline."],
      noun="lesion", unit="lesions"),
    P("pulmonary nodules", AX_CHEST, None, {"heart": (0.05, -0.05), "descending aorta": (0.05, 0.18)},
      ["are the round opacities we are following in this smoker", "are what the Fleischner follow-up question concerns"],
      ["nodul", "pulmonary nod"], ["The Fleischner criteria change at a 6 mm threshold.",
      "The heart sits slightly to the patient's left."], noun="nodules", unit="nodules", pl=True,
      gen=_scatter((-0.34, 0.34), (-0.2, 0.22), [2, 3, 4, 5], (0.015, 0.03))),
    P("bilateral pleural effusions", AX_CHEST, [(-0.24, 0.22, 0.1, 0.05), (0.24, 0.22, 0.1, 0.05)],
      {"heart": (0.05, -0.05)}, ["is the fluid collecting in this patient with heart failure",
      "is what we would drain if this patient's breathlessness got worse"], ["effusion", "pleural fluid", "hydrothorax"],
      ["About 300 mL must gather before a frontal radiograph shows it.", "Diuretics often clear this within days."],
      noun="collections", unit="collections", pl=True),
    P("right pleural effusion", AX_CHEST, [(-0.25, 0.22, 0.11, 0.055)], {"heart": (0.05, -0.05),
      "descending aorta": (0.05, 0.18)}, ["is the fluid that followed this patient's pneumonia",
      "is the collection the registrar wants to tap"], ["effusion", "pleural fluid", "hydrothorax"],
      ["A parapneumonic collection complicates roughly 20-40% of admitted pneumonias.", "The descending aorta runs left of the spine."],
      noun="collection", unit="collections"),
    P("anterior mediastinal mass", AX_CHEST, [(0.01, -0.2, 0.07, 0.05)], {"descending aorta": (0.05, 0.18),
      "heart": (0.05, 0.0)}, ["is the lump in this young man with night sweats",
      "is what the 'terrible T' differential is about"], ["mediastinal mass", "thym", "lymphom"],
      ["The thymus is largest in childhood.", "The descending aorta lies to the left of the spine."], noun="mass", unit="masses"),
    P("thyroid nodule", AX_NECK, [(0.09, -0.12, 0.035, 0.04)], {"trachea": (0.0, -0.02), "spinal cord": (0.0, 0.22)},
      ["is the lump the patient feels when she swallows", "is what the TI-RADS score of 4 referred to"],
      ["thyroid", "nodul"], ["Thyroid nodules are palpable in about 5% of adults.", "The trachea runs in the midline."],
      noun="lesion", unit="lesions"),
    P("right MCA infarct", AX_BRAIN, [(-0.2, -0.02, 0.12, 0.14)], {"lateral ventricles": (0.0, 0.0),
      "falx": (0.0, 0.0)}, ["explains this patient's left-sided weakness and slurred speech",
      "is the territory the acute neurology team thrombolysed 6 hours ago"], ["infarct", "stroke", "MCA", "middle cerebral"],
      ["Left-sided weakness comes from the opposite hemisphere.", "An alteplase dose is 0.9 mg/kg."],
      noun="lesion", unit="regions"),
    P("lateral ventricles", AX_BRAIN, [(-0.085, -0.02, 0.035, 0.12), (0.085, -0.02, 0.035, 0.12)],
      {"falx": (0.0, -0.3)}, ["hold cerebrospinal fluid in each hemisphere",
      "are enlarged in this patient with suspected normal-pressure hydrocephalus"], ["ventric"],
      ["The fourth one sits far lower, in front of the cerebellum.", "CSF is made at about 500 mL a day."],
      noun="spaces", unit="spaces", pl=True),
    P("multiple sclerosis plaques", AX_BRAIN, None, {"falx": (0.0, 0.0)},
      ["are the periventricular white-matter lesions behind this young woman's optic neuritis",
      "count toward dissemination in space for this patient"], ["sclerosis", "plaque", "MS "],
      ["The McDonald criteria ask for lesions in at least 2 of 4 typical regions.", "The corpus callosum runs across the midline."],
      noun="lesions", unit="lesions", pl=True, gen=_scatter((-0.25, 0.25), (-0.18, 0.18), [3, 4, 5], (0.02, 0.035))),
    P("left hippocampus", COR_BRAIN, [(0.15, 0.12, 0.04, 0.035)], {"third ventricle": (0.0, -0.02),
      "right hippocampus": (-0.15, 0.12)}, ["is sclerotic in this patient with temporal lobe epilepsy",
      "is the memory structure the neurologist thinks has shrunk"], ["hippocamp", "mesial temporal"],
      ["The right one is not outlined.", "Hippocampal volume falls roughly 1-2% a year in early Alzheimer disease."],
      noun="structure"),
    P("pituitary macroadenoma", COR_BRAIN, [(0.0, 0.2, 0.045, 0.045)], {"third ventricle": (0.0, -0.02),
      "left hippocampus": (0.15, 0.12)}, ["explains this patient's bitemporal hemianopia",
      "is the lesion the endocrine team wants followed"], ["pituitar", "adenoma", "sellar mass"],
      ["The optic chiasm sits just above the sella.", "A macroadenoma is by definition 10 mm or larger."],
      noun="lesion", unit="lesions"),
    P("right upper lobe consolidation", CXR, [(-0.18, -0.15, 0.1, 0.1)], {"heart": (0.05, 0.12),
      "left hemidiaphragm": (0.18, 0.28)}, ["explains this patient's fever and productive cough",
      "is the airspace opacity that should clear in 6 weeks"], ["consolidat", "pneumon", "upper lobe"],
      ["The right main bronchus is steeper, so aspiration favours that side.", "The heart shadow sits slightly to the left."],
      noun="opacity", unit="areas"),
    P("left lower lobe collapse", CXR, [(0.14, 0.17, 0.07, 0.07)], {"heart": (0.05, 0.08),
      "right hemidiaphragm": (-0.18, 0.24)}, ["explains this patient's hypoxia after abdominal surgery",
      "is what the 'sail sign' is meant to draw your eye to"], ["collapse", "atelecta", "lower lobe"],
      ["Normally the right hemidiaphragm is about 2 cm higher than the left.", "The cardiothoracic ratio should stay under 0.5."],
      noun="opacity", unit="areas"),
    P("cardiac silhouette", CXR, [(0.04, 0.1, 0.15, 0.12)], {"right hemidiaphragm": (-0.18, 0.27),
      "trachea": (0.0, -0.3)}, ["pumps blood and is being measured for the cardiothoracic ratio",
      "is enlarged in this patient with dilated cardiomyopathy"], ["cardiac", "heart"],
      ["The trachea runs down the midline.", "A ratio above 0.5 on a PA film suggests enlargement."],
      noun="shadow"),
]


def _img(o: str, lat: float, vert: float) -> tuple[float, float]:
    """Normalised image (x, y) of a point given in patient terms: lat > 0 is the patient's left, vert > 0
    the direction of the orientation's second letter (posterior or inferior)."""
    return (0.5 + lat if o[0] == "L" else 0.5 - lat), 0.5 + vert


def record_for(p):
    return dict(modality=p["modality"], body_region=p["region"], orientation=p["orientation"])


def facts_for(p, rng):
    n = 256
    yy, xx = np.mgrid[0:n, 0:n]
    blobs = p["gen"](rng) if p["gen"] else p["blobs"]
    mask = np.zeros((n, n), bool)
    midline = p["target"] in ("abdominal aorta", "urinary bladder", "anterior mediastinal mass", "pituitary macroadenoma")
    j = 0.008 if midline else 0.02
    for lat, vert, rx, ry in blobs:
        lat += rng.uniform(-j, j)
        vert += rng.uniform(-0.02, 0.02)
        rx *= rng.uniform(0.9, 1.1)
        ry *= rng.uniform(0.9, 1.1)
        cx, cy = _img(p["orientation"], lat, vert)
        mask |= ((xx - cx * (n - 1)) / (rx * n)) ** 2 + ((yy - cy * (n - 1)) / (ry * n)) ** 2 <= 1.0
    others = {k: _img(p["orientation"], *v) for k, v in sorted(p["others"].items())}
    return compute_facts(mask, p["orientation"], others).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    multi = [q for q in profiles if q["gen"] or len(q["blobs"] or []) > 1]
    if defect == "count" and rng.random() < 0.5:
        return rng.choice(multi)
    return rng.choice(profiles)


# ----------------------------------------------------------------------------------------------------
# claim phrases: each returns (text, ledger value); `p` gives grammar, the value comes from the facts

def _v(p, sing, plur):
    return plur if p["pl"] else sing


def side_text(p, side, rng, lead):
    """`lead` is the subject ("It", "The liver"); returns a sentence."""
    be, lie, sit = _v(p, "is", "are"), _v(p, "lies", "lie"), _v(p, "sits", "sit")
    opts = {
        "left": [f"{lead} {lie} on the patient's left.", f"{lead} {be} on the left side of the patient.",
                 f"{lead} {sit} in the patient's left half of the body.", f"{lead} {be} left-sided."],
        "right": [f"{lead} {lie} on the patient's right.", f"{lead} {be} on the right side of the patient.",
                  f"{lead} {sit} in the patient's right half of the body.", f"{lead} {be} right-sided."],
        "midline": [f"{lead} {lie} in the midline.", f"{lead} {be} centred on the patient's midline.",
                    f"{lead} {sit} squarely in the midline rather than to either side.",
                    f"{lead} {be} a midline finding on this image."],
        "bilateral": [f"{lead} {be} bilateral, with one part on each side of the patient.",
                      f"{lead} {be} present on both the patient's left and right.",
                      f"{lead} {lie} on both sides of the midline.", f"{lead} {be} bilateral."],
    }
    return rng.choice(opts[side])


def false_side(side, rng):
    return {"left": "right", "right": "left", "midline": rng.choice(["left", "right"]),
            "bilateral": rng.choice(["left", "right"])}[side]


def side_false_text(p, side_false, true_side, rng, lead):
    """A false side claim; for a bilateral target a one-sided claim is made explicit ('only')."""
    be, lie = _v(p, "is", "are"), _v(p, "lies", "lie")
    if true_side == "bilateral":
        return rng.choice([f"{lead} {be} confined to the patient's {side_false} side.",
                           f"{lead} {lie} only on the patient's {side_false}.",
                           f"{lead} {be} unilateral, on the patient's {side_false}."])
    if side_false == "bilateral":
        return f"{lead} {be} bilateral."
    return side_text(p, side_false, rng, lead)


def viewer_side(facts):
    return "left" if facts["centroid_normalized"][0] < 0.5 else "right"


VERT = {
    "anterior": ["toward the front of the body", "in the anterior part of the section", "anteriorly"],
    "posterior": ["toward the back of the body", "in the posterior part of the section", "posteriorly"],
    "superior": ["in the upper part of the field, toward the head", "superiorly", "high in the image, toward the head"],
    "inferior": ["in the lower part of the field, toward the feet", "inferiorly", "low in the image, toward the feet"],
}
OPP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}


def vert_text(p, vert, rng, lead):
    lie = _v(p, "lies", "lie")
    if vert == "central":
        return rng.choice([f"{lead} {lie} roughly halfway between front and back, neither anterior nor posterior."
                           if p["orientation"][1] == "P" else
                           f"{lead} {lie} at about mid-height, neither high nor low in the field."])
    return f"{lead} {lie} {rng.choice(VERT[vert])}."


def false_vert(p, vert, rng):
    if vert == "central":
        return rng.choice(["anterior", "posterior"] if p["orientation"][1] == "P" else ["superior", "inferior"])
    return OPP[vert]


REL = {"left_of": ["on the patient's left relative to the {o}", "to the left of the {o} in the patient's frame"],
       "right_of": ["on the patient's right relative to the {o}", "to the right of the {o} in the patient's frame"],
       "anterior_to": ["in front of the {o}", "anterior to the {o}"],
       "posterior_to": ["behind the {o}", "posterior to the {o}"],
       "superior_to": ["above the {o}", "superior to the {o}"],
       "inferior_to": ["below the {o}", "inferior to the {o}"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}


def rel_text(p, rel, other, rng, lead):
    lie = _v(p, "lies", "lie")
    return f"{lead} {lie} {rng.choice(REL[rel]).format(o=other)}."


SIZE = {"small": ["small", "a small finding", "small relative to the frame"],
        "medium": ["medium-sized", "of moderate size", "mid-sized on this image"],
        "large": ["large", "a large structure on this image", "large, filling a big share of the frame"]}


def size_text(p, size, rng, lead):
    return f"{lead} {_v(p, 'is', 'are')} {rng.choice(SIZE[size])}."


def false_size(size, rng):
    return {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[size]


def fmt_pct(v):
    return f"{v:.1f}%" if v < 3 else f"{v:.0f}%"


def pct_text(p, pct, rng, lead):
    take = _v(p, "takes", "take")
    return rng.choice([f"{lead} {take} up about {fmt_pct(pct)} of the image area.",
                       f"Together the outlined pixels come to roughly {fmt_pct(pct)} of the image."
                       if p["pl"] else f"The outline covers roughly {fmt_pct(pct)} of the image.",
                       f"{lead} {_v(p, 'occupies', 'occupy')} approximately {fmt_pct(pct)} of the frame."])


def false_pct(pct):
    return pct * 5 if pct < 8 else pct / 5


def count_text(p, n, rng, lead):
    if n == 1:
        return rng.choice([f"{lead} {_v(p, 'is', 'are')} a single contiguous region.",
                           f"The outline is one continuous piece.",
                           f"{lead} {_v(p, 'forms', 'form')} one connected area, not several."])
    w = NUM[n]
    return rng.choice([f"There are {w} separate {p['unit']}.", f"{lead} {_v(p, 'consists', 'consist')} of {w} separate {p['unit']}.",
                       f"The outline falls into {w} distinct {p['unit']}.", f"I count {w} separate {p['unit']} in the outline."])


def false_count(n, rng):
    if n == 1:
        return rng.choice([2, 3])
    return rng.choice([x for x in (1, n - 1, n + 1, n + 2) if x >= 1 and x != n])


# ----------------------------------------------------------------------------------------------------
# figure furniture (true statements about the figure, not about the target's geometry)

COLOURS = ["green", "yellow", "magenta", "cyan", "orange", "red"]


def furniture(rng, p):
    c = rng.choice(COLOURS)
    op = rng.choice([30, 40, 50, 60])
    bits = [
        f"The overlay is {c} at {op}% opacity.",
        f"Scale bar, {rng.choice([1, 2, 5, 10])} cm.",
        f"An inset in the {rng.choice(['upper right', 'upper left', 'lower right', 'lower left'])} corner shows the same area at {rng.choice([2, 3, 4])}x magnification.",
        f"{NUM[rng.choice([2, 3, 4])].capitalize()} white arrowheads point to {_v(p, 'its margin', 'their margins')}.",
        f"Slice thickness {rng.choice(['1.25', '2.5', '3', '5'])} mm." if p["modality"] != "XR"
        else f"Exposure {rng.choice([90, 110, 125])} kVp.",
        f"The asterisk marks a motion artefact, not anatomy.",
    ]
    rng.shuffle(bits)
    return c, bits


def convention_text(p, facts, rng):
    """A true sentence on display convention; only for one-sided targets."""
    vs = viewer_side(facts)
    side = facts["laterality"]
    pr, ap = _v(p, "it", "they"), _v(p, "appears", "appear")
    if p["orientation"][0] == "R":
        return rng.choice([f"This image is shown in neurological convention, so the patient's {side} is also the viewer's {vs}.",
                           f"Because the display is neurological, {pr} {ap} on the {vs} of the screen, which here is also the patient's {side}."])
    return rng.choice([f"By radiological convention {pr} {ap} on the viewer's {vs}, which is the patient's {side}.",
                       f"On the screen {pr} {_v(p, 'is', 'are')} on the {vs}, because the image is displayed as if facing the patient.",
                       f"Sighted readers will see {_v(p, 'it', 'them')} on the {vs} of the image; the patient's {side} is shown on that side by convention."])


AGES = [34, 41, 47, 52, 58, 63, 66, 71, 77, 82]


# ----------------------------------------------------------------------------------------------------
# the conversation


class Row:
    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.turns: list[dict] = []
        self.claims: list[dict] = []

    def claim(self, kind, value, text, turn, role, corrected=False):
        self.claims.append(dict(kind=kind, value=value, text=text, turn=turn, role=role, corrected=corrected))
        return text


def _lead(p, rng, named=True):
    if named and rng.random() < 0.3:
        return p["ref"][0].upper() + p["ref"][1:]
    return _v(p, "It", "They")


def _first_question(r: Row) -> str:
    p, rng = r.p, r.rng
    cue = rng.choice(p["cues"])
    scene = p["short"]
    if r.defect == "names_target":
        name = p["target"]
        qs = {
            "alttext": [f"I'm adding alt text to our lecture slides. On this {scene}, please outline the {name} and write a screen-reader description of it.",
                        f"Accessibility pass on figure 2: segment the {name} here and draft an image description a blind student could follow."],
            "legend": [f"Can you segment the {name} on this {scene} and draft the figure legend for panels (a) and (b)?",
                       f"For our case report, please outline the {name} and write a journal-style legend; panel (b) will carry the overlay."],
            "speaker": [f"Slide 14 of my grand-rounds talk is this {scene}. Please highlight the {name} and write the speaker notes.",
                        f"Rehearsing a conference talk: mark the {name} on this image and give me what to say over the slide."],
            "atlas": [f"For our teaching atlas: outline the {name} on this {scene} and write the plate caption.",
                      f"Atlas plate, please: segment the {name} here and caption it for first-year residents."],
        }
        return rng.choice(qs[r.style])
    qs = {
        "alttext": [f"I'm making our radiology lecture accessible. On this {scene}, which structure {cue}? Please mark it and write screen-reader alt text.",
                    f"Alt text request for figure 2 ({scene}): find whatever {cue}, outline it, and describe it for a reader who can't see the image.",
                    f"Our journal now wants image descriptions. Looking at this {scene}, what {cue}? Segment it and draft the description."],
        "legend": [f"Draft the legend for Figure {rng.choice([2, 3, 4])} of our case report. It's {p['scene']}. Which structure {cue}? Outline it for panel (b).",
                   f"We need a figure legend. On this {scene}, segment what {cue} and write panels (a) native and (b) overlay.",
                   f"Reviewer asked for a clearer legend. Which finding on this {scene} {cue}? Please mark it and rewrite the legend."],
        "speaker": [f"Grand rounds tomorrow. Slide 14 is this {scene} and my audience question is: which structure {cue}? Highlight it and write my speaker notes.",
                    f"I'm presenting this {scene} at a conference. Show me what {cue} and give me speaker notes for the reveal.",
                    f"Teaching session slide: on this {scene}, what {cue}? Outline it and script what I say."],
        "atlas": [f"Atlas plate: on this {scene}, which structure {cue}? Outline it and write the caption.",
                  f"For the residents' teaching atlas, segment whatever {cue} on this {scene}, then caption the plate.",
                  f"Plate caption needed. Which part of this {scene} {cue}? Mark it, please."],
    }
    q = rng.choice(qs[r.style])
    if p["pl"]:
        for a, b in (("which structure ", "which structures "), ("Which structure ", "Which structures "),
                     ("Which part ", "Which parts ")):
            q = q.replace(a, b)
    return q


def _opening(r: Row, colour: str) -> str:
    p, rng, f = r.p, r.rng, r.f
    t, age = p["target"], rng.choice(AGES)
    sex = rng.choice(["man", "woman"])
    if r.style == "alttext":
        return rng.choice([f"Image description: {p['scene']}, shown in {p['window']}. The {colour} highlighted region [SEG] is the {t}.",
                           f"Image description: {p['scene']}. A {colour} outline [SEG] marks the {t}.",
                           f"Alt text (long version): {p['scene'][0].upper() + p['scene'][1:]} in {'an' if age in (82,) else 'a'} {age}-year-old {sex}. Highlighted in {colour}: the {t} [SEG]."])
    if r.style == "legend":
        n = rng.choice([2, 3, 4])
        return rng.choice([f"Figure {n}. {p['scene'][0].upper() + p['scene'][1:]} in {'an' if age in (82,) else 'a'} {age}-year-old {sex}. (a) Native image, {p['window']}. (b) Same slice with the {t} segmented [SEG] in {colour}.",
                           f"Figure {n}. (a) {p['scene'][0].upper() + p['scene'][1:]}, {p['window']}. (b) Corresponding image with the {t} outlined in {colour} [SEG]. Patient: {sex}, {age} years."])
    if r.style == "speaker":
        return rng.choice([f"Speaker notes, slide 14. [click] \"Here's the answer: the {colour} overlay [SEG] is the {t}.\"",
                           f"Notes for the reveal: (pause for guesses) then click. \"What you're looking at is the {t}, now shaded {colour} [SEG].\"",
                           f"[Slide 14 notes] Let the room look for ten seconds, then reveal. \"This is the {t} [SEG], in {colour}.\""])
    return rng.choice([f"Plate {rng.randint(3, 48)}. {p['scene'][0].upper() + p['scene'][1:]}, {p['window']}. The {t} is outlined in {colour} [SEG].",
                       f"Plate {rng.randint(3, 48)}: the {t} [SEG] ({colour} overlay) on {p['scene']}."])


def build(p, facts, style, rng, defect):
    r = Row(p, facts, style, rng, defect)
    f = facts
    side, vert, size, n = f["laterality"], f["vertical"], f["size_class"], f["components"]
    pct = f["area_fraction"] * 100
    rels = [(x["relation"], x["other"]) for x in f["relations"]]
    kinds_true = ["side", "vert", "rel", "size", "pct", "count"]
    # which kind carries the false claim, and where
    fkind = {"laterality": "side", "position": rng.choice(["vert", "rel"] if rels else ["vert"]),
             "size": rng.choice(["size", "pct"]), "count": "count"}.get(defect)
    if fkind == "vert" and vert == "central" and rng.random() < 0.5 and rels:
        fkind = "rel"
    where = rng.choice(["a1", "a2", "u"]) if fkind else None
    if fkind == "count" and where == "u" and rng.random() < 0.3:
        where = "a2"
    # claims excluded because the defect owns that kind
    excl = set()
    if fkind:
        excl.add(fkind)
        if fkind == "side":
            excl |= {"viewer", "notside"}
        if fkind in ("size", "pct"):
            excl |= {"size", "pct"}
    clean = defect is None or defect == "names_target"

    q1 = _first_question(r)
    r.turns.append({"role": "user", "content": q1})
    colour, furn = furniture(rng, p)
    # --- first answer
    parts = [_opening(r, colour)]
    ti = 1
    lead = _lead(p, rng)
    pool = ["side", "place", "size", "count"]
    rng.shuffle(pool)
    a1_kinds = pool[:rng.choice([2, 3, 4])]
    if "side" not in a1_kinds and rng.random() < 0.7:
        a1_kinds.append("side")
    if where == "a1":
        want = {"side": "side", "vert": "place", "rel": "place", "size": "size", "pct": "size", "count": "count"}[fkind]
        if want not in a1_kinds:
            a1_kinds.append(want)
    covered = set()
    for k in a1_kinds:
        lead = _lead(p, rng)
        if k == "side":
            if fkind == "side":
                if where == "a1":
                    fs = false_side(side, rng)
                    parts.append(r.claim("side", fs, side_false_text(p, fs, side, rng, lead), ti, "assistant"))
                    covered.add("side")
                continue
            parts.append(r.claim("side", side, side_text(p, side, rng, lead), ti, "assistant"))
            covered.add("side")
            if side in ("left", "right") and "viewer" not in excl and rng.random() < 0.5:
                parts.append(r.claim("viewer", viewer_side(f), convention_text(p, f, rng), ti, "assistant"))
            elif side in ("left", "right") and p["orientation"][0] == "L" and rng.random() < 0.3:
                hv = "right" if viewer_side(f) == "left" else "left"
                parts.append(r.claim("hypo_viewer", hv, f"Were the slice shown in neurological convention, {_v(p, 'it', 'they')} "
                                     f"would appear on the viewer's {hv} instead.", ti, "assistant"))
            elif side in ("left", "right") and "notside" not in excl and rng.random() < 0.4:
                other = "left" if side == "right" else "right"
                parts.append(r.claim("notside", other, f"Note that {_v(p, 'it is', 'they are')} not on the patient's {other}.", ti, "assistant"))
        elif k == "place":
            if fkind in ("vert", "rel"):
                if where == "a1":
                    sub = fkind
                elif fkind == "rel":
                    sub = "vert"
                elif rels:
                    sub = "rel"
                else:
                    continue
            else:
                sub = rng.choice(["vert", "rel"] if rels else ["vert"])
            if sub == "vert":
                v = false_vert(p, vert, rng) if fkind == "vert" else vert
                parts.append(r.claim("vert", v, vert_text(p, v, rng, lead), ti, "assistant"))
            else:
                rel, oth = rng.choice(rels)
                if fkind == "rel":
                    rel = FLIP[rel]
                parts.append(r.claim("rel", [rel, oth], rel_text(p, rel, oth, rng, lead), ti, "assistant"))
        elif k == "size":
            if fkind in ("size", "pct") and where != "a1":
                continue
            if fkind == "size":
                fs = false_size(size, rng)
                parts.append(r.claim("size", fs, size_text(p, fs, rng, lead), ti, "assistant"))
            elif fkind == "pct":
                parts.append(r.claim("pct", false_pct(pct), pct_text(p, false_pct(pct), rng, lead), ti, "assistant"))
            else:
                parts.append(r.claim("size", size, size_text(p, size, rng, lead), ti, "assistant"))
                if rng.random() < 0.5:
                    parts.append(r.claim("pct", pct, pct_text(p, pct, rng, lead), ti, "assistant"))
            covered.add("size")
        elif k == "count":
            if fkind == "count" and where != "a1":
                continue
            c = false_count(n, rng) if fkind == "count" else n
            parts.append(r.claim("count", c, count_text(p, c, rng, lead), ti, "assistant"))
            covered.add("count")
    # figure furniture and general knowledge
    extra = furn[:rng.choice([1, 2, 3])] + [rng.choice(p["kb"])]
    rng.shuffle(extra)
    for e in extra:
        parts.insert(rng.randint(1, len(parts)), e)
    # the named first answer must mention the function the question asked about only implicitly
    r.turns.append({"role": "assistant", "content": _wrap_a1(r, parts, colour)})
    # --- follow-ups
    topics = ["side", "place", "size", "count", "short", "access"]
    rng.shuffle(topics)
    chosen = []
    need = {"side": "side", "vert": "place", "rel": "place", "size": "size", "pct": "size", "count": "count"}.get(fkind)
    if where in ("a2", "u"):
        chosen.append(need)
    for t in topics:
        if len(chosen) >= rng.choice([1, 2, 3]):
            break
        if t in chosen or (fkind and t == need and where == "a1"):
            continue
        if fkind and t == need:
            continue
        chosen.append(t)
    rng.shuffle(chosen)
    for t in chosen:
        ti = len(r.turns)
        is_false_here = fkind is not None and t == need and where in ("a2", "u")
        u, a = _followup(r, t, ti, is_false_here, where if is_false_here else None, fkind, clean)
        r.turns.append({"role": "user", "content": u})
        r.turns.append({"role": "assistant", "content": a})
    LEDGER.append(dict(defect=defect, fkind=fkind, where=where if fkind else ("q1" if defect else None),
                       claims=r.claims, target=p["target"], give=p["give"]))
    return r.turns, ([] if defect is None else [defect])


def _wrap_a1(r: Row, parts, colour):
    rng = r.rng
    body = " ".join(parts)
    if r.style == "alttext":
        short = f"Short alt: {r.p['scene'].split(',')[0]} with the {r.p['target']} highlighted."
        return rng.choice([body, f"{body}\n\n{short}", f"{short}\n\n{body}"])
    if r.style == "legend":
        return rng.choice([body, f"Here is a draft:\n\n{body}", f"{body}\n\nFeel free to trim the window settings if the journal's style omits them."])
    if r.style == "speaker":
        return rng.choice([f"{body}\n\n(Timing: about 45 seconds. Advance when the questions die down.)",
                           f"{body}\n\n[Next slide: the follow-up scan.]", body])
    return rng.choice([body, f"{body}\n\nKey teaching point: describe the image in the patient's frame, not the screen's."])


def _followup(r: Row, t, ti, false_here, where, fkind, clean):
    """One user question and the assistant's answer on topic t. When false_here, the false claim of
    fkind goes in the answer (where='a2') or in the user's premise, uncorrected (where='u')."""
    p, f, rng = r.p, r.f, r.rng
    side, vert, size, n = f["laterality"], f["vertical"], f["size_class"], f["components"]
    pct = f["area_fraction"] * 100
    rels = [(x["relation"], x["other"]) for x in f["relations"]]
    pr = _v(p, "it", "they")
    Pr = pr.capitalize()
    ua = ti + 1  # index of the answer turn
    st = r.style
    ask = {"alttext": "for the screen-reader text", "legend": "for the legend", "speaker": "for the talk",
           "atlas": "for the caption"}[st]
    if t == "side":
        if false_here and where == "u":
            fs = false_side(side, rng)
            prem = (f"only on the patient's {fs}" if side == "bilateral" else
                    "on both sides" if fs == "bilateral" else f"on the patient's {fs}")
            u = r.claim("side", fs, f"Since {pr} {_v(p, 'is', 'are')} {prem}, should I say so {ask}?", ti, "user")
            a = rng.choice([f"Yes, stating the side is worth the few extra words; screen-reader users cannot infer it from the picture.",
                            f"Yes. Put the side early in the sentence, before the window settings, so it is not lost."])
            return u, a
        if false_here:
            fs = false_side(side, rng)
            u = rng.choice([f"Which side is {pr} on, {ask}?", f"Do I need to say which side {ask}?"])
            return u, r.claim("side", fs, side_false_text(p, fs, side, rng, Pr), ua, "assistant") + " Say it in the patient's frame."
        if clean and side in ("left", "right") and rng.random() < 0.45:
            wrong = "left" if side == "right" else "right"
            vs = viewer_side(f)
            why = ("since that's how it looks on my screen" if p["orientation"][0] == "L"
                   else "because that's what my first draft said")
            u = r.claim("side", wrong, f"I had written that {pr} {_v(p, 'is', 'are')} on the patient's {wrong}", ti, "user",
                        corrected=True) + f", {why}. OK?"
            s1 = r.claim("side", side, side_text(p, side, rng, Pr), ua, "assistant")
            s2 = r.claim("viewer", vs, f"On your screen {pr} {_v(p, 'sits', 'sit')} on the {vs}", ua, "assistant")
            tail = ("the display follows radiological convention, so the screen's left is the patient's right."
                    if p["orientation"][0] == "L" else
                    "this display is neurological, so screen and patient sides agree; the draft label was the slip.")
            return u, f"I would change that. {s1} {s2}; {tail}"
        u = rng.choice([f"Should the side go {ask}? Which is it?", f"{_v(p, 'Is it', 'Are they')} on one side or the other {ask}?",
                        f"A student asked which side {pr} {_v(p, 'is', 'are')} on. What do I tell them?"])
        a = r.claim("side", side, side_text(p, side, rng, Pr), ua, "assistant")
        if side in ("left", "right") and not (fkind == "side") and rng.random() < 0.5:
            a += " " + r.claim("viewer", viewer_side(f), convention_text(p, f, rng), ua, "assistant")
        return u, a
    if t == "place":
        sub = fkind if false_here else rng.choice(["vert", "rel"] if rels else ["vert"])
        if sub == "vert":
            v = false_vert(p, vert, rng) if false_here else vert
            if false_here and where == "u":
                word = {"anterior": "at the front", "posterior": "at the back", "superior": "high up",
                        "inferior": "low down", "central": "central"}[v]
                u = r.claim("vert", v, f"It looks {word} of the image to me, {v}. Worth saying?", ti, "user")
                return u, rng.choice(["Worth a short clause, yes. Keep it after the name of the structure.",
                                      "Yes, briefly; readers without the image rely on that kind of anchor."])
            u = rng.choice(["Where is it front to back, or up and down?", f"How would you describe {_v(p, 'its', 'their')} position {ask}?"])
            return u, r.claim("vert", v, vert_text(p, v, rng, Pr), ua, "assistant")
        rel, oth = rng.choice(rels)
        if false_here:
            rel = FLIP[rel]
        if false_here and where == "u":
            u = r.claim("rel", [rel, oth], f"So {pr} {_v(p, 'lies', 'lie')} {REL[rel][0].format(o=oth)}, right? I want a landmark {ask}.", ti, "user")
            return u, rng.choice([f"Good idea; the {oth} is a landmark most readers know. Name it in the same sentence.",
                                  f"That works as a landmark. Keep the {oth} in plain words, no abbreviation."])
        u = rng.choice([f"What landmark can I give {ask}?", f"Is there a named neighbour I can relate {pr} to?"])
        return u, r.claim("rel", [rel, oth], rel_text(p, rel, oth, rng, Pr), ua, "assistant")
    if t == "size":
        sub = (fkind if false_here else rng.choice(["size", "pct"]))
        if false_here and where == "u":
            if sub == "size":
                fs = false_size(size, rng)
                u = r.claim("size", fs, f"I'd call {pr} {fs} {ask}. Agreed?", ti, "user")
            else:
                fp = false_pct(pct)
                u = r.claim("pct", fp, f"My rough estimate is that {pr} cover{'' if p['pl'] else 's'} about {fmt_pct(fp)} of the image. Can I put that {ask}?", ti, "user")
            return u, rng.choice(["Sure. For accessibility, a size word plus a number reads better than a number alone.",
                                  "Fine by me. If space is short, drop the window settings before the size."])
        if false_here:
            u = rng.choice([f"How big is {pr}, {ask}?", "Can you give a sense of scale?"])
            if sub == "size":
                fs = false_size(size, rng)
                return u, r.claim("size", fs, size_text(p, fs, rng, Pr), ua, "assistant")
            return u, r.claim("pct", false_pct(pct), pct_text(p, false_pct(pct), rng, Pr), ua, "assistant")
        if clean and rng.random() < 0.4:
            fs = false_size(size, rng)
            u = r.claim("size", fs, f"Is '{fs}' fair {ask}?", ti, "user", corrected=True)
            a = (f"Not really. " + r.claim("size", size, size_text(p, size, rng, Pr), ua, "assistant") + " "
                 + r.claim("pct", pct, pct_text(p, pct, rng, Pr), ua, "assistant")
                 + f" The scale bar is about physical size; this is its share of the picture.")
            return u, a
        u = rng.choice([f"How big is {pr}, {ask}?", "Can you give a sense of scale?"])
        a = r.claim("size", size, size_text(p, size, rng, Pr), ua, "assistant")
        if rng.random() < 0.6:
            a += " " + r.claim("pct", pct, pct_text(p, pct, rng, Pr), ua, "assistant")
        return u, a
    if t == "count":
        if false_here and where == "u":
            c = false_count(n, rng)
            u = r.claim("count", c, f"I see {NUM[c]} separate {p['unit'] if c > 1 else 'region'} in the overlay; shall I give that number {ask}?", ti, "user")
            return u, rng.choice(["Yes, numbers help; screen readers announce them clearly.",
                                  "Yes, and spell it out, since some readers skip digits."])
        if false_here:
            c = false_count(n, rng)
            u = rng.choice(["How many separate pieces are outlined?", f"Is {pr} one region or several?"])
            return u, r.claim("count", c, count_text(p, c, rng, Pr), ua, "assistant")
        if clean and rng.random() < 0.3:
            c = false_count(n, rng)
            u = "How many separate pieces are outlined?"
            a = (r.claim("count", c, f"{NUM[c].capitalize()}", ua, "assistant", corrected=True)
                 + " ... no, let me recount without the arrowheads in the way. "
                 + r.claim("count", n, count_text(p, n, rng, Pr), ua, "assistant"))
            return u, a
        u = rng.choice(["How many separate pieces are outlined?", f"Is {pr} one region or several?",
                        "The arrowheads confuse me. How many parts does the overlay actually have?"])
        return u, r.claim("count", n, count_text(p, n, rng, Pr), ua, "assistant")
    if t == "short":
        u = rng.choice(["Can you give me a one-line version?", "Too long. Shorten it, please.", "And a version for the thumbnail?"])
        return u, rng.choice([f"{p['scene'].split(',')[0][0].upper() + p['scene'].split(',')[0][1:]}; the {p['target']} {_v(p, 'is', 'are')} highlighted in colour.",
                              f"Short version: the {p['target']}, shaded on {p['scene'].split(' of ')[0]}."])
    u, a = rng.choice([
        ("Does the colour choice matter?", "Yes: red and green overlays are hard for about 8% of men to tell apart. "
         "Name the structure in words as well, so nothing depends on colour alone."),
        ("Should I describe the arrowheads too?", "Describe what the arrowheads show, not that they exist; 'arrowheads' "
         "alone means nothing to a screen-reader user."),
        ("Anything else to make it accessible?", "Keep the window settings in the legend but out of the alt text; "
         "they don't help a listener. Aim for under 150 words."),
        ("Do the scale bar and inset need mentioning?", "Only if the text relies on them. A scale bar can be replaced "
         "by a measurement in words; the inset can be dropped from the short alt."),
    ])
    return u, a
