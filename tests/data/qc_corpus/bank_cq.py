"""Bank CQ: blind QC evaluation bank (helper qccq), written without reading any QC rule.

New targets and modalities: brain MR (axial "LP" and coronal "LI": lateral ventricles, thalamus, caudate,
hippocampus, a multifocal or midline glioma, white-matter lesions), head and neck CT (parotid and
submandibular glands, thyroid lobes, eyeballs, plus the lacrimal gland, which the knowledge base does not
know) and 2D photos without patient axes (colonoscopy polyp, dermoscopy lesion, fundus optic disc: only
size, count and names_target defects there). Facts are the product's own measurement of a drawn mask
(`compute_facts`); the prose is written from those facts.

Registers: `code` (Python-like comments and pseudo-code, then a plain sentence), `press` (a science-news
explainer for lay readers), `forum` (a patient-forum thread where posters guess, as questions, and a
moderator corrects them: only the moderator asserts), `poem` (a haiku or short verse, then a plain
explanation). Defects: one false claim per defective row, in the first answer, in a follow-up answer, or
presupposed / restated by the user.

First measure: not run by the writer (the lead measures once after merging).
"""

from __future__ import annotations

import random

import numpy as np

STYLES = ["code", "press", "forum", "poem"]

E = dict  # an ellipse: cx, cy, rx, ry in image fractions


def _p(target, modality, region, orientation, layouts, others, hint, giveaway, kb, pop, area):
    return dict(target=target, modality=modality, body_region=region, orientation=orientation, layouts=layouts,
                others=others, hint=hint, giveaway=giveaway, kb=kb, pop=pop, area=area)


PROFILES = [
    _p("lateral ventricle", "MR", "head", "LP",
       [[(0.42, 0.40, 0.03, 0.10), (0.58, 0.40, 0.03, 0.10)], [(0.42, 0.40, 0.03, 0.10), (0.58, 0.40, 0.03, 0.10)],
        [(0.59, 0.39, 0.035, 0.10)], [(0.41, 0.39, 0.035, 0.10)]],
       {"third ventricle": (0.5, 0.5), "brainstem": (0.5, 0.74)},
       ["Which C-shaped fluid-filled cavities inside the cerebral hemispheres hold the fluid that cushions the brain?",
        "On this axial MR slice, where are the spaces that contain the choroid plexus and swell in hydrocephalus? Please outline them."],
       ["lateral ventricles", "ventricular system", "lateral ventricle", "the ventricles"],
       ["The third ventricle is a thin midline slit between the two thalami.",
        "The brainstem lies at the back of this slice, in front of the cerebellum."],
       "In healthy adults these cavities hold roughly 20 to 25 mL of fluid in total.", "brain"),
    _p("thalamus", "MR", "head", "LP",
       [[(0.575, 0.59, 0.035, 0.05)], [(0.425, 0.59, 0.035, 0.05)], [(0.43, 0.59, 0.035, 0.05), (0.57, 0.59, 0.035, 0.05)]],
       {"third ventricle": (0.5, 0.57), "brainstem": (0.5, 0.78)},
       ["Which egg-shaped relay station deep in the brain passes sensation on to the cortex? Please segment it.",
        "A patient has lost sensation on one half of the body after a small stroke; which deep grey relay nucleus would you look at on this slice?"],
       ["thalamus", "thalamic", "thalami", "thalamus proper"],
       ["The third ventricle runs in the midline, between the two halves of the deep grey matter.",
        "The putamen lies further out, lateral to the internal capsule."],
       "In adults this nucleus is about 3 cm long front to back.", "brain"),
    _p("caudate nucleus", "MR", "head", "LP",
       [[(0.41, 0.37, 0.025, 0.06)], [(0.59, 0.37, 0.025, 0.06)], [(0.41, 0.37, 0.025, 0.06), (0.59, 0.37, 0.025, 0.06)]],
       {"third ventricle": (0.5, 0.55), "brainstem": (0.5, 0.76)},
       ["Which C-shaped grey-matter nucleus curving along the wall of the fluid cavities helps start voluntary movement?",
        "In Huntington's disease one deep nucleus wastes away early; where is it on this slice? Please mark it."],
       ["caudate", "caudate nucleus", "caudate head", "caudate nuclei"],
       ["The third ventricle sits in the midline behind the frontal horns.",
        "The internal capsule separates the deep nuclei from each other."],
       "Its head is typically about 1.5 cm across in adults.", "brain"),
    _p("hippocampus", "MR", "head", "LI",
       [[(0.36, 0.63, 0.035, 0.03)], [(0.64, 0.63, 0.035, 0.03)], [(0.36, 0.63, 0.035, 0.03), (0.64, 0.63, 0.035, 0.03)]],
       {"third ventricle": (0.5, 0.45), "brainstem": (0.5, 0.72)},
       ["Which curved structure in the medial temporal lobe lays down new memories and shrinks early in Alzheimer's disease?",
        "On this coronal MR, where is the seahorse-shaped memory structure that is scarred in some epilepsies? Outline it please."],
       ["hippocampus", "hippocampal", "hippocampi", "Ammon's horn"],
       ["The temporal horns of the fluid spaces sit just above and lateral to this region.",
        "The brainstem descends in the midline below the third ventricle."],
       "Each one holds roughly 3 to 4 cubic centimetres of tissue in adults.", "brain"),
    _p("whole tumour", "MR", "head", "LP",
       [[(0.67, 0.36, 0.05, 0.04), (0.70, 0.58, 0.04, 0.05)], [(0.66, 0.34, 0.04, 0.035), (0.71, 0.56, 0.04, 0.04), (0.60, 0.66, 0.03, 0.03)],
        [(0.5, 0.36, 0.15, 0.12)], [(0.32, 0.40, 0.15, 0.12)]],
       {"third ventricle": (0.5, 0.52), "brainstem": (0.5, 0.76)},
       ["Which infiltrating growth arising from the brain's supporting cells shows abnormal FLAIR signal here? Please segment its full extent.",
        "This patient had new seizures and headaches; what abnormal area on the MR is responsible? Please delineate it."],
       ["glioma", "tumour", "tumor", "glial tumour"],
       ["The third ventricle stays in the midline on this slice.",
        "Normal cortex covers the surface of each hemisphere."],
       "Gliomas of this kind are most often diagnosed between 45 and 70 years of age.", "brain"),
    _p("brain lesion", "MR", "head", "LI",
       [[(0.38, 0.30, 0.015, 0.012), (0.62, 0.32, 0.015, 0.012), (0.60, 0.25, 0.012, 0.01)],
        [(0.37, 0.28, 0.016, 0.013), (0.63, 0.30, 0.016, 0.013)], [(0.63, 0.29, 0.02, 0.016)],
        [(0.5, 0.33, 0.05, 0.016)]],
       {"third ventricle": (0.5, 0.45), "brainstem": (0.5, 0.72)},
       ["Which bright spots in the deep white matter on this FLAIR image might point to demyelination or small-vessel disease?",
        "A young woman has had two episodes of blurred vision; what abnormal bright foci can you find on this coronal MR?"],
       ["lesion", "lesions", "intracranial lesion", "intra-axial lesion"],
       ["The brainstem runs down the midline toward the spinal cord.",
        "The third ventricle sits centrally, between the thalami."],
       "Small bright white-matter spots are found in many people over 60 without symptoms.", "brain"),
    _p("parotid gland", "CT", "head and neck", "LP",
       [[(0.27, 0.59, 0.05, 0.07), (0.73, 0.59, 0.05, 0.07)], [(0.27, 0.59, 0.05, 0.07), (0.73, 0.59, 0.05, 0.07)],
        [(0.27, 0.59, 0.05, 0.07)], [(0.73, 0.59, 0.05, 0.07)]],
       {"mandible": (0.5, 0.40), "spinal cord": (0.5, 0.68)},
       ["Which large salivary gland in front of and below the ear makes watery saliva and swells with mumps?",
        "On this neck CT, which gland wraps around the branches of the facial nerve? Please segment it."],
       ["parotid", "parotids", "parotid gland", "parotid region"],
       ["The mandible forms the front of this slice.",
        "The spinal cord sits inside the vertebral canal at the back of the neck."],
       "In adults this gland weighs about 15 to 30 grams.", "head"),
    _p("submandibular gland", "CT", "head and neck", "LP",
       [[(0.37, 0.37, 0.035, 0.03)], [(0.63, 0.37, 0.035, 0.03)], [(0.37, 0.37, 0.035, 0.03), (0.63, 0.37, 0.035, 0.03)]],
       {"mandible": (0.5, 0.30), "spinal cord": (0.5, 0.66)},
       ["Which salivary gland tucked under the angle of the lower jaw makes most of the resting saliva?",
        "A patient's cheek-and-jaw area swells whenever he eats; which gland below the jaw should we segment here?"],
       ["submandibular", "submaxillary", "SMG", "submandibular gland"],
       ["The mandible curves in front of this level.",
        "The spinal cord lies far back, behind the vertebral bodies."],
       "These glands are roughly the size of a walnut in adults.", "neck"),
    _p("thyroid lobe", "CT", "neck", "LP",
       [[(0.575, 0.31, 0.03, 0.045)], [(0.425, 0.31, 0.03, 0.045)], [(0.425, 0.31, 0.03, 0.045), (0.575, 0.31, 0.03, 0.045)]],
       {"trachea": (0.5, 0.34), "spinal cord": (0.5, 0.64)},
       ["Which half of the butterfly-shaped endocrine gland at the front of the neck makes the hormones that set metabolic rate?",
        "Which iodine-storing structure beside the windpipe is shown here? Please outline it."],
       ["thyroid", "thyroid lobe", "thyroidal", "lobe of the thyroid"],
       ["The trachea sits in the midline of the neck.",
        "The spinal cord lies far back in the vertebral canal."],
       "Each lobe is usually about 4 to 6 cm tall in adults.", "neck"),
    _p("eyeball", "CT", "head", "LP",
       [[(0.35, 0.18, 0.06, 0.06), (0.65, 0.18, 0.06, 0.06)], [(0.35, 0.18, 0.06, 0.06), (0.65, 0.18, 0.06, 0.06)],
        [(0.35, 0.18, 0.06, 0.06)], [(0.65, 0.18, 0.06, 0.06)]],
       {"optic chiasm": (0.5, 0.45), "brainstem": (0.5, 0.66)},
       ["Which fluid-filled organ of sight, sitting in the bony socket, focuses light onto the retina?",
        "After a blow to the face, which round structures in the orbits should be checked for rupture on this CT?"],
       ["eye", "eyeball", "globe", "ocular globe"],
       ["The optic chiasm lies in the midline, well behind the orbits.",
        "The brainstem sits at the back of this slice."],
       "An adult one measures about 24 mm front to back.", "head"),
    _p("lacrimal gland", "CT", "head", "LP",
       [[(0.68, 0.16, 0.025, 0.02)], [(0.32, 0.16, 0.025, 0.02)]],
       {"optic chiasm": (0.5, 0.45), "brainstem": (0.5, 0.66)},
       ["Which small almond-shaped gland in the upper outer corner of the orbit makes tears?",
        "A patient has a dry, gritty eye and a swelling at the upper outer orbit; which gland there should be segmented?"],
       ["lacrimal", "lacrimal gland", "tear gland", "dacryo"],
       ["The optic chiasm sits in the midline behind the orbits.",
        "The brainstem lies at the back of this slice."],
       "In adults it is about 2 cm long.", "head"),
    _p("polyp", "endoscopy", "colon", None,
       [[(0.45, 0.55, 0.12, 0.10)], [(0.30, 0.40, 0.05, 0.05), (0.68, 0.62, 0.05, 0.04)], [(0.52, 0.48, 0.22, 0.18)]],
       {},
       ["Which growth bulging from the bowel lining into the lumen in this colonoscopy frame could turn cancerous if left alone?",
        "In this endoscopy still, what raised bump on the mucosa should be removed during the procedure? Please outline it."],
       ["polyp", "polypoid", "adenoma", "polyps"],
       ["The normal bowel lining around it is pink and smooth.",
        "Haustral folds ring the lumen of a healthy colon."],
       "About a quarter to a third of adults over 50 have at least one such growth.", "photo"),
    _p("skin lesion", "dermoscopy", "skin", None,
       [[(0.5, 0.5, 0.25, 0.22)], [(0.48, 0.52, 0.07, 0.06)], [(0.35, 0.45, 0.06, 0.05), (0.64, 0.55, 0.05, 0.05)]],
       {},
       ["Which pigmented spot in this dermoscopy image should be judged with the ABCDE rule? Please segment it.",
        "My dermatologist photographed a dark spot that changed shape; can you outline the area she was worried about?"],
       ["mole", "nevus", "lesion", "melanoma"],
       ["The surrounding skin shows a normal fine network of lines.",
        "Hair shafts crossing the picture are not part of the finding."],
       "Most adults have between 10 and 40 such spots on their skin.", "photo"),
    _p("optic disc", "other", "eye", None,
       [[(0.62, 0.50, 0.05, 0.055)], [(0.38, 0.50, 0.05, 0.055)]],
       {},
       ["Which pale round spot at the back of the retina is where the nerve fibres leave and the vessels enter?",
        "In this retinal photograph, which bright circular area would swell with raised intracranial pressure? Please mark it."],
       ["optic disc", "optic disk", "optic nerve head", "papilla"],
       ["The macula is the darker area in the centre of vision.",
        "The retinal arteries are thinner and brighter than the veins."],
       "In adults it is about 1.5 to 2 mm across.", "photo"),
]
for _p_ in PROFILES:
    _p_["layouts"] = [[E(cx=a, cy=b, rx=c, ry=d) for a, b, c, d in lay] for lay in _p_["layouts"]]

ORIENTED = [p for p in PROFILES if p["orientation"]]


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["body_region"], "orientation": p["orientation"]}


def pick_profile(profiles: list[dict], i: int, defect, rng: random.Random) -> dict:
    """Side and position defects need patient axes; photos get only size, count and names defects."""
    if defect in ("laterality", "position"):
        return rng.choice(ORIENTED)
    return rng.choice(profiles)


def facts_for(p: dict, rng: random.Random) -> dict:
    """The product's own measurement of a drawn mask (ellipses, jittered)."""
    from medseg_qa.facts import compute_facts

    n = 512
    yy, xx = np.mgrid[:n, :n]
    mask = np.zeros((n, n), bool)
    for e in rng.choice(p["layouts"]):
        j = rng.uniform(0.9, 1.12)
        cx, cy = (e["cx"] + rng.uniform(-0.008, 0.008)) * (n - 1), (e["cy"] + rng.uniform(-0.008, 0.008)) * (n - 1)
        mask |= ((xx - cx) / (e["rx"] * n * j)) ** 2 + ((yy - cy) / (e["ry"] * n * j)) ** 2 <= 1
    others = dict(p["others"]) if p["orientation"] else None
    return compute_facts(mask, p["orientation"], others).model_dump(mode="json")


# --- true and false wording of each fact (shared by the registers) -----------------------------------

SIDE = {
    "left": ["It sits on the patient's left.", "The marked area lies on the left side of the patient.",
             "This one is left-sided.", "You will find it on the patient's left-hand side."],
    "right": ["It sits on the patient's right.", "The marked area lies on the right side of the patient.",
              "This one is right-sided.", "You will find it on the patient's right-hand side."],
    "bilateral": ["It is present on both sides, left and right.", "There is one on each side of the midline.",
                  "The mask is bilateral: one part on the patient's left and one on the right."],
    "midline": ["It straddles the midline.", "It sits in the middle, crossing the midline.",
                "It is centred on the midline rather than on one side."],
}
SIDE_FALSE = {"left": SIDE["right"], "right": SIDE["left"], "midline": SIDE["right"] + SIDE["left"],
              "bilateral": ["It is confined to the patient's left side.", "It is only on the patient's right.",
                            "This is a one-sided finding, on the patient's left."]}
SIDE_NEG = {"left": "It is not on the patient's right.", "right": "It is not on the patient's left.",
            "bilateral": "It is not limited to one side.", "midline": "It is not off to one side."}
VERT = {
    "anterior": ["It lies toward the front of this slice.", "It sits anteriorly.", "It is in the front part of the slice."],
    "posterior": ["It lies toward the back of this slice.", "It sits posteriorly.", "It is in the back part of the slice."],
    "superior": ["It sits high in this coronal slice, toward the top of the head.", "It lies superiorly.",
                 "Top to bottom, it is in the upper part of the head here."],
    "inferior": ["It sits low in this coronal slice.", "It lies inferiorly.", "Top to bottom, it is in the lower part of the head here."],
}
VERT_FLIP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
VERT_NEG = {"anterior": "It is not at the back.", "posterior": "It is not at the front.",
            "superior": "It is not low down.", "inferior": "It is not high up."}
REL = {"left_of": "to the patient's left of the {o}", "right_of": "to the patient's right of the {o}",
       "anterior_to": "in front of the {o}", "posterior_to": "behind the {o}",
       "superior_to": "above the {o}", "inferior_to": "below the {o}"}
REL_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
            "superior_to": "inferior_to", "inferior_to": "superior_to"}
COUNT_WORD = {1: "one", 2: "two", 3: "three", 4: "four"}


def pct(frac: float, rng: random.Random) -> str:
    p = frac * 100
    if p < 1:
        return rng.choice([f"about {p:.1f}%", f"roughly {p:.1f} percent", "well under 1%"])
    return rng.choice([f"about {p:.0f}%", f"roughly {p:.0f} percent", f"~{p:.1f}%"])


def size_true(f: dict, rng: random.Random, where: str) -> str:
    c, q = f["size_class"], pct(f["area_fraction"], rng)
    word = {"small": rng.choice(["small", "tiny", "modest in size"]), "medium": rng.choice(["medium-sized", "moderate in size"]),
            "large": rng.choice(["large", "big"])}[c]
    return rng.choice([f"It is {word}, covering {q} of the {where}.", f"Size: {word}, {q} of the {where}.",
                       f"It takes up {q} of the {where}, so it is {word}."])


def size_false(f: dict, rng: random.Random, where: str) -> str:
    c, frac = f["size_class"], f["area_fraction"]
    if c == "small" or (c == "medium" and frac < 0.025):
        return rng.choice([f"It is large, covering about 20% of the {where}.", f"It is big, roughly a quarter of the {where}.",
                           f"It takes up about 18% of the {where}, so it is large."])
    return rng.choice([f"It is tiny, covering about 0.2% of the {where}.", f"It is small, well under half a percent of the {where}.",
                       f"It takes up about 0.3% of the {where}, so it is small."])


def count_true(n: int, rng: random.Random) -> str:
    if n == 1:
        return rng.choice(["It is one connected piece.", "The mask is a single region.", "There is a single focus."])
    w = COUNT_WORD.get(n, str(n))
    return rng.choice([f"It is made of {w} separate parts.", f"There are {w} separate foci.", f"The mask has {w} distinct regions."])


def count_false(n: int, rng: random.Random) -> str:
    if n == 1:
        return rng.choice(["It is made of two separate parts.", "There are two separate foci.", "The mask has three distinct regions."])
    return rng.choice(["It is one connected piece.", "The mask is a single region.", "There is a single focus."])


def count_neg(n: int) -> str:
    return "There is no second focus." if n == 1 else "It is not a single blob."


# --- a fact ledger per conversation -----------------------------------------------------------------

def fact_sentences(p: dict, f: dict, rng: random.Random, defect, skip=()) -> dict:
    """One sentence per fact kind, false for the planted kind; `skip` leaves kinds out."""
    where = "photo" if p["orientation"] is None else rng.choice(["image", "slice"])
    out = {}
    if p["orientation"]:
        side = f["laterality"]
        out["laterality"] = rng.choice(SIDE_FALSE[side] if defect == "laterality" else SIDE[side])
        vert, rels = f["vertical"], f["relations"]
        if vert in VERT:
            v = VERT_FLIP[vert] if defect == "position" else vert
            out["position"] = rng.choice(VERT[v])
        if rels:
            r = rng.choice(rels)
            kind = REL_FLIP[r["relation"]] if (defect == "position" and vert not in VERT) else r["relation"]
            s = "It lies " + REL[kind].format(o=r["other"]) + "."
            if "position" in out:
                out["relation"] = s
            else:
                out["position"] = s
    out["size"] = size_false(f, rng, where) if defect == "size" else size_true(f, rng, where)
    n = f["components"]
    out["count"] = count_false(n, rng) if defect == "count" else count_true(n, rng)
    return {k: v for k, v in out.items() if k not in skip and not (k == "relation" and "position" in skip)}


def negations(p: dict, f: dict) -> list[str]:
    out = [count_neg(f["components"])]
    if p["orientation"]:
        out.append(SIDE_NEG[f["laterality"]])
        if f["vertical"] in VERT_NEG:
            out.append(VERT_NEG[f["vertical"]])
    return out


CONVENTION = ["On scans like this the patient's left is shown on the right of the screen, as if you were facing them.",
              "Radiology images are displayed as if looking at the patient from the feet, so image right means patient left."]
CORONAL_CONV = ["In a coronal view the top of the picture is the top of the head, and the patient's left is on the viewer's right."]


def convention(p: dict, rng: random.Random) -> list[str]:
    if p["orientation"] is None:
        return ["A photo like this has no left or right of the patient, so only size and shape can be described."]
    return [rng.choice(CORONAL_CONV if p["orientation"] == "LI" else CONVENTION)]


# --- registers ----------------------------------------------------------------------------------------

def _claimed(s: str) -> dict:
    """The value a fact sentence states, for the code register's pseudo-code line."""
    low = s.lower()
    for kind, tmpl in REL.items():
        head = tmpl.split("{o}")[0]
        if head in low:
            return {"relation": (kind, low.split(head)[1].rstrip("."))}
    if "both sides" in low or "each side" in low or "bilateral" in low:
        return {"side": "bilateral"}
    if "midline" in low:
        return {"side": "midline"}
    for w in ("left", "right"):
        if w in low:
            return {"side": w}
    for w, v in (("front", "anterior"), ("anterior", "anterior"), ("back", "posterior"), ("posterior", "posterior"),
                 ("high", "superior"), ("upper", "superior"), ("superior", "superior"), ("low", "inferior"),
                 ("inferior", "inferior")):
        if w in low and "%" not in low and "percent" not in low:
            return {"position": v}
    return {}


def _code(p, f, facts: dict, extras: list[str], rng) -> str:
    lines = ["```python", rng.choice([f"# what the mask shows on this {p['modality']} image", "# segmentation result",
                                      "# --- mask summary ---"]), rng.choice(["mask = [SEG]", "result = segment(image)  # [SEG]"])]
    for k, s in facts.items():
        c = _claimed(s)
        if k == "laterality" and "side" in c:
            lines.append(rng.choice([f'side = "{c["side"]}"  # patient side', f"# side: {c['side']}"]))
        elif "position" in c:
            lines.append(rng.choice([f'position = "{c["position"]}"', f"# position: {c['position']}"]))
        elif "relation" in c:
            lines.append(f'relation = ("{c["relation"][0]}", "{c["relation"][1].replace("the ", "", 1)}")  # {s.rstrip(".").lower()}')
        elif k == "size":
            lines.append(f"# size: {s}")
        elif k == "count":
            lines.append(f"components = {_count_in(s)}  # {s.rstrip('.').lower()}")
    if p["orientation"] and "laterality" in facts and f["laterality"] != "midline" and rng.random() < 0.5:
        lines.append("assert not midline  # it does not sit on the midline")
    for x in extras:
        lines.append(f"# note: {x}")
    lines.append("```")
    plain = " ".join(list(facts.values())[:2]) or "The mask is shown above."
    lines.append(rng.choice(["In plain words: ", "Put simply: ", "Summary: "]) + plain)
    return "\n".join(lines)


def _count_in(s: str) -> int:
    for w, n in (("single", 1), ("one", 1), ("two", 2), ("three", 3), ("four", 4)):
        if w in s:
            return n
    return 1


def _press(p, f, facts: dict, extras: list[str], rng) -> str:
    head = rng.choice(["**AI tool outlines the structure in seconds**", "**New software highlights the key area on a scan**",
                       "**Explainer: what the computer marked on this picture**"])
    body = [rng.choice(["A computer model has outlined the area in question [SEG].",
                        "The highlighted region [SEG] is what the software picked out.",
                        "Researchers say the tool drew its outline [SEG] without human help."])]
    body += [rng.choice(["Here is what the picture shows.", "What does that mean for readers?", "The details matter."])]
    body += list(facts.values()) + extras
    return head + "\n\n" + " ".join(body)


POSTERS = ["worried_mum_77", "jd_runner", "curious_cat", "NightNurseNell", "bob_from_leeds", "Sunny_R"]
GUESS = {"laterality": ["Isn't it on the other side, though?", "Wait, which side was it again?"],
         "position": ["Is it at the front or the back?", "Does it sit high or low?"],
         "size": ["How big is that, roughly?", "Is that big for this kind of thing?"],
         "count": ["Is it all one piece?", "How many bits are there?"]}


def _poster_guess(kind: str, claim: str, rng) -> str:
    """A poster's question, or a poster's mistaken guess that the moderator's next line corrects."""
    side = _claimed(claim).get("side") if kind == "laterality" else None
    if side in ("left", "right") and rng.random() < 0.5:
        other = "right" if side == "left" else "left"
        return rng.choice([f"Pretty sure that's on the {other} side.", f"Mine was on the {other}, so this one is too."])
    if kind == "count" and rng.random() < 0.5:
        return "Looks like two blobs to me." if _count_in(claim) == 1 else "Looks like one blob to me."
    return rng.choice(GUESS[kind])


def _forum(p, f, facts: dict, extras: list[str], rng) -> str:
    names = rng.sample(POSTERS, 3)
    mod = rng.choice(["Moderator (Dr_Ana)", "MOD_Kieran", "Moderator Team (Rhea)"])
    out = [f"**{names[0]}:** My scan came back with this outlined [SEG]. Can anyone explain?"]
    for k, s in facts.items():
        if k == "relation":
            out.append(f"**{mod}:** Also: {s}")
            continue
        who = rng.choice(names[1:])
        out.append(f"**{who}:** {_poster_guess(k, s, rng)}")
        out.append(f"**{mod}:** {rng.choice(['Correction from the moderators:', 'To clarify:', 'Just to set the record straight:'])} {s}")
    if extras:
        out.append(f"**{mod}:** " + " ".join(extras))
    return "\n\n".join(out)


HAIKU = [["Quiet shapes in grey,", "the scanner draws a soft line", "around what we seek."],
         ["Light falls on the spot,", "a careful hand traces it,", "edges made of doubt."],
         ["Silent pixels wait,", "one outline among the noise,", "found and held in place."]]


SIDE_VERSE = {"left": ["On the patient's left,", "a shape rests in quiet grey,", "traced by patient light."],
              "right": ["On the patient's right,", "a shape rests in quiet grey,", "traced by patient light."],
              "bilateral": ["One on either side,", "mirrored in the quiet grey,", "a pair the scan found."],
              "midline": ["Astride the midline,", "neither left nor right alone,", "it holds the centre."]}
COUNT_VERSE = {1: ["A single island,", "no second shore beside it,", "one line holds it all."],
               2: ["Two islands of grey,", "apart, each with its own shore,", "both inside the line."],
               3: ["Three islands drift apart,", "scattered in the quiet grey,", "each one circled round."]}


def _poem(p, f, facts: dict, extras: list[str], rng) -> str:
    """A verse, then the plain explanation; a verse that names a fact only echoes a true one."""
    options = [rng.choice(HAIKU)]
    if "laterality" in facts and _claimed(facts["laterality"]).get("side") == f["laterality"]:
        options.append(SIDE_VERSE[f["laterality"]])
    if "count" in facts and _count_in(facts["count"]) == f["components"] and f["components"] in COUNT_VERSE:
        options.append(COUNT_VERSE[f["components"]])
    verse = "\n".join("> " + line for line in rng.choice(options))
    intro = rng.choice(["Here is a haiku for you:\n\n", "", "A short poem first.\n\n"])
    return (intro + verse + "\n\n" + rng.choice(["The outline is here: [SEG].", "I have drawn the mask [SEG]."]) + "\n\n"
            + rng.choice(["In plain terms: ", "Plainly: ", "Without the poetry: "]) + " ".join(list(facts.values()) + extras))


RENDER = {"code": _code, "press": _press, "forum": _forum, "poem": _poem}


# --- follow-ups ---------------------------------------------------------------------------------------

ASK = {"laterality": ["Which side is it on?", "And which side of the patient would that be?", "Which side is it?"],
       "position": ["Where exactly does it sit in the slice?", "Where is it in the picture, roughly?"],
       "size": ["How big is it?", "Is it big or small compared with the whole picture?", "How large is the marked area?"],
       "count": ["Is it one piece or several?", "How many separate parts are there?"]}
WHY = ["Why does that matter?", "Why is that useful to know?", "What does it actually do?"]

USER_WRONG = {
    "laterality": {"left": ["Why is the one on the patient's right so clearly outlined?", "OK, so it's on the right side. What does it do?"],
                   "right": ["Why is the one on the patient's left so clearly outlined?", "OK, so it's on the left side. What does it do?"],
                   "bilateral": ["Since it is only on the left side, what does it do?", "OK, so it's just on one side, the right. What is it for?"],
                   "midline": ["Since it sits off to the right, what does it do?", "OK, so it is on the left side. What is it for?"]},
    "position": {"anterior": ["Why does it sit so far toward the back?", "So it's all the way at the back of the slice. What does it do?"],
                 "posterior": ["Why does it sit so far toward the front?", "So it's all the way at the front of the slice. What does it do?"],
                 "superior": ["Why does it sit so low down in the head?", "So it's low down in the head. What does it do?"],
                 "inferior": ["Why does it sit so high up in the head?", "So it's high up in the head. What does it do?"]},
    "size": {"big": ["Why is it so huge, taking up a fifth of the picture?", "So it's a large area, about 20% of the image. What does it do?"],
             "tiny": ["Why is it so tiny, well under half a percent of the picture?", "So it's a tiny area, about 0.2% of the image. What does it do?"]},
    "count": {1: ["Why are there two separate blobs?", "So there are two separate pieces. What do they do?"],
              2: ["Why is it just one single blob?", "So it's one single connected piece. What does it do?"]},
}


def user_wrong(kind: str, f: dict, rng) -> str:
    if kind == "laterality":
        return rng.choice(USER_WRONG[kind][f["laterality"]])
    if kind == "position":
        return rng.choice(USER_WRONG[kind][f["vertical"]])
    if kind == "size":
        big = f["size_class"] == "small" or (f["size_class"] == "medium" and f["area_fraction"] < 0.025)
        return rng.choice(USER_WRONG[kind]["big" if big else "tiny"])
    return rng.choice(USER_WRONG[kind][1 if f["components"] == 1 else 2])


def function_answer(p: dict, rng) -> str:
    return rng.choice(p["kb"]) + " " + p["pop"] + " " + rng.choice(
        ["The outline should help with follow-up.", "Your care team can explain what it means for you.",
         "That is general knowledge, not advice about this patient."])


def first_question(p: dict, rng, defect) -> str:
    if defect == "names_target":
        g = rng.choice(p["giveaway"])
        return rng.choice([f"Where is the {g} on this image? Please segment it.",
                           f"Can you outline the {g} here for me?",
                           f"Please segment the {g} in this picture and describe it."])
    return rng.choice(p["hint"])


def build(p: dict, facts: dict, style: str, rng: random.Random, defect):
    f = facts
    kinds_here = ["size", "count"] + (["laterality", "position"] if p["orientation"] else [])
    where = "answer"
    fact_defect = defect if defect in ("laterality", "position", "size", "count") else None
    if fact_defect == "position" and f["vertical"] not in VERT:
        where = "answer"  # a central mask: the planted position claim is a flipped relation
    elif fact_defect:
        where = rng.choices(["answer", "followup", "user"], [0.6, 0.2, 0.2])[0]
    turns = [{"role": "user", "content": first_question(p, rng, defect)}]
    skip = () if where == "answer" else (fact_defect,)
    fs = fact_sentences(p, f, rng, fact_defect if where == "answer" else None, skip)
    if where == "answer" and rng.random() < 0.3:  # not every fact every time
        drop = rng.choice([k for k in fs if k != fact_defect])
        fs.pop(drop, None)
    extras = []
    if defect is None or rng.random() < 0.5:
        extras.append(rng.choice(negations(p, f)))
    if rng.random() < 0.6:
        extras += convention(p, rng)
    if rng.random() < 0.5:
        extras.append(rng.choice(p["kb"]))
    if rng.random() < 0.4:
        extras.append(p["pop"])
    if rng.random() < 0.3:
        extras.append(rng.choice(["This is most likely the structure you mean.", "The outline is probably accurate to within a few pixels."]))
    if defect and fact_defect:  # keep the negation from repeating the planted kind
        bad = {"laterality": SIDE_NEG.values(), "position": VERT_NEG.values(), "count": ["There is no second focus.", "It is not a single blob."]}
        extras = [x for x in extras if x not in bad.get(fact_defect, ())]
    turns.append({"role": "assistant", "content": RENDER[style](p, f, fs, extras, rng)})
    rounds = rng.choice([1, 2, 2, 3]) if where == "answer" else rng.choice([2, 3])
    asked_wrong = False
    for r in range(1, rounds):
        if where == "followup" and not asked_wrong:
            turns.append({"role": "user", "content": rng.choice(ASK[fact_defect])})
            wrong = fact_sentences(p, f, rng, fact_defect)[fact_defect]
            turns.append({"role": "assistant", "content": rng.choice(["Sure. ", "Good question. ", "Of course. "]) + wrong})
            asked_wrong = True
            continue
        if where == "user" and not asked_wrong:
            turns.append({"role": "user", "content": user_wrong(fact_defect, f, rng)})
            turns.append({"role": "assistant", "content": function_answer(p, rng)})
            asked_wrong = True
            continue
        options = [k for k in kinds_here if k != fact_defect] + ["why"]
        k = rng.choice(options)
        if k == "why":
            turns.append({"role": "user", "content": rng.choice(WHY)})
            turns.append({"role": "assistant", "content": function_answer(p, rng)})
        else:
            s = fact_sentences(p, f, rng, None).get(k)
            if s is None:
                turns.append({"role": "user", "content": rng.choice(WHY)})
                turns.append({"role": "assistant", "content": function_answer(p, rng)})
                continue
            turns.append({"role": "user", "content": rng.choice(ASK[k])})
            turns.append({"role": "assistant", "content": rng.choice(["Sure. ", "In short: ", "Happy to clarify. "]) + s})
    return turns, ([defect] if defect else [])
