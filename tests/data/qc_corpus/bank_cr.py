"""Bank CR: blind QC evaluation bank (helper qccr), written without reading any QC rule.

Targets: abdomen and retroperitoneum CT/MR, axial "LP" (liver, spleen, left/right kidney, both kidneys as one
mask, pancreas, gallbladder, stomach, duodenum, aorta, inferior vena cava, portal/splenic vein, left/right
adrenal, both adrenals, a liver lesion with several foci, bilateral kidney cysts) plus "retroperitoneal
fibrosis", a label the knowledge base does not know. Facts are measured by `medseg_qa.facts.compute_facts`
on a synthetic numpy mask; the prose is written from those measured facts.

Registers: `template` (structured report with checkboxes), `bilingual` (a clinician mixing German or
Italian side/position words with glosses), `pearl` (teaching answer with Pearl:/Pitfall: boxes) and
`critic` (an LLM reviewing a draft: Draft / Critique / Revised answer; in clean rows every draft error is
named and fixed).

first measure: not run by the writer (the lead measures once after merging).
"""

from __future__ import annotations

import random

import numpy as np

KINDS = ["laterality", "position", "size", "count", "names_target"]
STYLES = ["template", "bilingual", "pearl", "critic"]
LOG: list[dict] = []  # one entry per build() call: where the planted claim sits (read by the writer's self-check)

# normalised image centroids (x to patient left, y to posterior) of structures used for relations
OTHERS = {"liver": (0.30, 0.42), "spleen": (0.77, 0.58), "aorta": (0.52, 0.66), "stomach": (0.66, 0.36),
          "left kidney": (0.69, 0.65), "right kidney": (0.31, 0.65), "pancreas": (0.53, 0.45),
          "inferior vena cava": (0.43, 0.62), "vertebral body": (0.5, 0.74), "gallbladder": (0.33, 0.38)}


def _p(target, name, blobs, size, others, ask, naming, pearl, pitfall, de, it, multi=False):
    return dict(target=target, name=name, blobs=blobs, size=size, others=others, ask=ask, naming=naming,
                pearl=pearl, pitfall=pitfall, de=de, it=it, multi=multi)


PROFILES = [
    _p("liver", "liver", [(0.29, 0.42)], "large", ["spleen", "stomach", "aorta"],
       ["Which organ on this axial slice makes bile, stores glycogen and clears most drugs from the blood?",
        "Can you outline the big solid organ that detoxifies the blood and produces clotting factors?"],
       ["Please segment the liver on this CT.", "Where is the hepatic parenchyma here?",
        "Could you outline the hepar on this slice?"],
       "the largest solid organ of the abdomen, filling most of the right upper quadrant in adults",
       "calling a large organ 'enlarged' just because it fills much of the slice", "Leber", "fegato"),
    _p("spleen", "spleen", [(0.77, 0.6)], "medium", ["stomach", "aorta", "left kidney"],
       ["Which organ filters old red cells and holds a reserve of platelets on this scan?",
        "Could you mark the organ that is often removed after a traumatic rupture and whose absence raises the risk of encapsulated-bacteria infection?"],
       ["Segment the spleen please.", "Where is the splenic tissue on this image?",
        "Can you outline the lien on this slice?"],
       "a normal adult organ of this kind is usually up to about 12-13 cm long",
       "reading every organ on the image's right as a right-sided organ", "Milz", "milza"),
    _p("left kidney", "left kidney", [(0.69, 0.65)], "medium", ["aorta", "spleen", "liver"],
       ["On this slice, which of the paired bean-shaped filtering organs is the one on the patient's left? Please mark it.",
        "Could you outline the left member of the pair of organs that make urine?"],
       ["Segment the left kidney.", "Where is the left renal parenchyma?", "Outline the left nephric organ (kidney)."],
       "an adult organ of this pair typically measures about 10-12 cm in length",
       "assuming the organ shown on the image's left half is the patient's left one", "Niere links", "rene sinistro"),
    _p("right kidney", "right kidney", [(0.31, 0.66)], "medium", ["aorta", "inferior vena cava", "spleen"],
       ["Please mark the urine-producing organ of the patient's right side.",
        "Which of the two bean-shaped blood filters is the patient's right one on this slice?"],
       ["Segment the right kidney.", "Where's the right renal outline?", "Please outline the right kidney here."],
       "the right one of this pair usually sits a little lower than the left because the liver lies above it",
       "swapping sides because the image is displayed as if facing the patient", "Niere rechts", "rene destro"),
    _p("kidney", "kidneys", [(0.31, 0.65), (0.69, 0.65)], "medium", ["aorta", "liver"],
       ["Please outline both of the paired organs that filter the blood and make urine.",
        "Which paired organs, one on each side of the spine, produce urine? Mark them both, please."],
       ["Segment both kidneys.", "Where are the renal outlines on this slice?", "Mark the kidneys on this slice, please."],
       "each of these paired organs is normally about 10-12 cm long in an adult",
       "counting one of the pair twice when the slice cuts through a lobulated contour", "Nieren", "reni", True),
    _p("pancreas", "pancreas", [(0.55, 0.45)], "medium", ["spleen", "liver", "vertebral body"],
       ["Which gland on this slice makes insulin and digestive enzymes? Please outline it.",
        "Could you mark the organ with both endocrine islets and exocrine acini that lies across the upper abdomen?"],
       ["Segment the pancreas.", "Where is the pancreatic gland?", "Outline the pancreatic parenchyma please."],
       "its head sits in the curve of the second part of the small bowel and its tail points toward the hilum of the organ in the left upper quadrant",
       "taking unopacified bowel loops for the gland", "Bauchspeicheldrüse", "pancreas (it.)"),
    _p("gallbladder", "gallbladder", [(0.34, 0.38)], "small", ["aorta", "stomach"],
       ["Which small pear-shaped sac stores and concentrates bile? Can you mark it?",
        "Could you mark the thin-walled pouch where bile is stored between meals?"],
       ["Segment the gallbladder.", "Where is the gall bladder here?", "Please outline the cholecyst."],
       "a fasting adult's bile sac is usually under about 4 cm across and its wall under 3 mm",
       "calling a contracted post-prandial sac thick-walled", "Gallenblase", "colecisti"),
    _p("stomach", "stomach", [(0.66, 0.36)], "medium", ["liver", "aorta", "spleen"],
       ["Which hollow organ receives food from the oesophagus and secretes acid? Please mark it.",
        "Can you outline the J-shaped organ where food is churned with acid before it passes to the small bowel?"],
       ["Segment the stomach.", "Where is the gastric lumen?", "Outline the gastric wall and lumen please."],
       "the fundus usually lies under the left hemidiaphragm",
       "mistaking a collapsed organ of this kind for a mass", "Magen", "stomaco"),
    _p("duodenum", "duodenum", [(0.4, 0.56)], "small", ["aorta", "spleen", "stomach"],
       ["Which first part of the small bowel, curving around the head of the insulin-making gland, is on this slice? Please mark it.",
        "Could you outline the C-shaped bowel segment that receives bile and enzymes right after the pylorus?"],
       ["Segment the duodenum.", "Where is the duodenal C-loop?", "Outline the duodenal wall please."],
       "it is about 25 cm long and mostly retroperitoneal",
       "mistaking an unopacified loop of this segment for a mass in the gland head", "Zwölffingerdarm", "duodeno (it.)"),
    _p("aorta", "abdominal aorta", [(0.52, 0.66)], "small", ["liver", "spleen", "stomach"],
       ["Which large artery running down in front of the spine carries blood from the heart to the abdomen and legs? Please mark it.",
        "Could you outline the main arterial trunk that gives off the coeliac and mesenteric branches?"],
       ["Segment the aorta.", "Where is the aortic lumen here?", "Please outline the AAA on this slice."],
       "in adults its abdominal segment is normally under about 3 cm in diameter",
       "measuring an oblique cut of a tortuous vessel and calling it dilated", "Aorta (de.)", "aorta (it.)"),
    _p("inferior vena cava", "inferior vena cava", [(0.44, 0.63)], "small", ["liver", "spleen", "stomach"],
       ["Which large vein returns blood from the legs and abdomen to the right atrium? Please mark it.",
        "Could you outline the big vein that runs up beside the main artery and carries lower-body blood back to the heart?"],
       ["Segment the IVC.", "Where is the inferior vena cava?", "Outline the caval lumen please."],
       "it normally runs to the right of the main abdominal artery",
       "reading mixing artefact from unopacified blood as a clot", "untere Hohlvene", "vena cava inferiore"),
    _p("portal vein and splenic vein", "portal and splenic veins", [(0.5, 0.46)], "small", ["liver", "spleen", "vertebral body"],
       ["Which veins carry blood from the gut and the blood-filtering organ in the left upper quadrant to the organ that makes bile? Please mark them.",
        "Could you outline the venous axis that drains the bowel and joins behind the neck of the insulin-making gland?"],
       ["Segment the portal vein and splenic vein.", "Where is the splenoportal axis?",
        "Outline the portal venous confluence please."],
       "the main trunk of this system is usually under about 13 mm wide",
       "mistaking slow inflow of unopacified blood for a thrombus", "Pfortader und Milzvene", "vena porta e splenica"),
    _p("left adrenal gland", "left adrenal gland", [(0.62, 0.6)], "small", ["liver", "aorta", "stomach"],
       ["Which small hormone-making gland sits above the left urine-producing organ? Please mark it.",
        "Could you outline the small gland on the patient's left that makes cortisol and catecholamines?"],
       ["Segment the left adrenal gland.", "Where is the left suprarenal gland?", "Outline the left adrenal please."],
       "each limb of such a gland is normally under about 1 cm thick",
       "calling a normal limb nodular on a single thick slice", "Nebenniere links", "surrene sinistro"),
    _p("right adrenal gland", "right adrenal gland", [(0.39, 0.58)], "small", ["spleen", "stomach", "aorta"],
       ["Which small gland on the patient's right makes cortisol and catecholamines? Please mark it.",
        "Could you outline the small hormone gland on the right, tucked behind the big vein that returns lower-body blood to the heart?"],
       ["Segment the right adrenal gland.", "Where is the right suprarenal gland?", "Outline the right adrenal please."],
       "each limb of such a gland is normally under about 1 cm thick",
       "taking the crus of the diaphragm for the gland", "Nebenniere rechts", "surrene destro"),
    _p("adrenal gland", "adrenal glands", [(0.38, 0.58), (0.62, 0.59)], "small", ["liver", "stomach"],
       ["Please outline both small glands that cap the upper poles of the urine-producing organs and make cortisol.",
        "Which paired small glands make cortisol, aldosterone and catecholamines? Mark both, please."],
       ["Segment both adrenal glands.", "Where are the adrenals?", "Outline the suprarenal glands, please."],
       "each limb of these glands is normally under about 1 cm thick",
       "mistaking the crura of the diaphragm for the glands", "Nebennieren", "surreni", True),
    _p("liver lesion", "liver lesions", "liverfoci", "small", ["spleen", "aorta", "stomach"],
       ["In a patient with colorectal cancer follow-up, can you mark the abnormal spots of low attenuation in the organ that makes bile?",
        "Which focal abnormalities stand out against the normal parenchyma of the big bile-producing organ? Please outline them."],
       ["Segment the liver lesions.", "Where are the hepatic metastases?", "Outline the liver mass please."],
       "metastases from colorectal cancer are the commonest malignant foci in the organ that makes bile in adults",
       "calling every low-density spot a metastasis when many are simple cysts", "Leberherde", "lesioni epatiche (foci)", True),
    _p("kidney cyst", "kidney cysts", "kidneyfoci", "small", ["liver", "stomach"],
       ["Can you mark the round, fluid-density spots in the bean-shaped urine-producing organs?",
        "Which water-density round spots in the paired urine-producing organs does this patient have? Please outline them."],
       ["Segment the kidney cysts.", "Where are the renal cysts?", "Outline the Bosniak cyst please."],
       "simple fluid-filled spots of this kind become common after the age of 50",
       "over-calling a hyperdense but benign one as solid on a single phase", "Nierenzysten", "cisti renali", True),
    _p("retroperitoneal fibrosis", "retroperitoneal fibrosis", [(0.52, 0.68)], "small", ["liver", "stomach", "spleen"],
       ["In a patient with flank pain and obstructed ureters, can you mark the rind of soft tissue wrapping the main artery in front of the spine?",
        "Which sheet of abnormal soft tissue around the great vessels is causing this patient's ureteric obstruction? Please outline it."],
       ["Segment the retroperitoneal fibrosis.", "Where is the retroperitoneal fibrosis (Ormond disease) here?",
        "Outline the RPF please."],
       "this fibrotic process is often IgG4-related or idiopathic",
       "calling a periaortic rind lymphoma without looking for a mass effect", "Retroperitonealfibrose", "fibrosi retroperitoneale"),
]

_AREA = {"small": (0.0025, 0.006), "medium": (0.016, 0.035), "large": (0.075, 0.14)}


def pick_profile(profiles, i, defect, rng):
    """Weight the multi-region and bilateral masks up for count and laterality defects."""
    if defect in ("count", "laterality") and rng.random() < 0.5:
        return rng.choice([p for p in profiles if p["multi"]])
    return rng.choice(profiles)


def record_for(p):
    return {"modality": "CT" if sum(map(ord, p["target"])) % 3 else "MR", "body_region": "abdomen", "orientation": "LP"}


def _blobs(p, rng):
    if p["blobs"] == "liverfoci":
        return [(rng.uniform(0.2, 0.38), rng.uniform(0.36, 0.55)) for _ in range(rng.choice([2, 2, 3, 4]))]
    if p["blobs"] == "kidneyfoci":
        k = rng.choice([2, 3])
        xs = [0.31, 0.69] + [rng.choice([0.31, 0.69])] * (k - 2)
        return [(x + rng.uniform(-0.02, 0.02), 0.6 + 0.06 * j) for j, x in enumerate(xs)]
    return [(x + rng.uniform(-0.015, 0.015), y + rng.uniform(-0.015, 0.015)) for x, y in p["blobs"]]


def facts_for(p, rng):
    """Draw disjoint ellipses of the profile's size class and measure them with the product's own code."""
    from medseg_qa.facts import compute_facts

    n = 512
    centres = _blobs(p, rng)
    total = rng.uniform(*_AREA[p["size"]]) * n * n
    yy, xx = np.mgrid[0:n, 0:n]
    for _ in range(40):
        mask = np.zeros((n, n), bool)
        for cx, cy in centres:
            a = (total / len(centres) / np.pi) ** 0.5
            asp = rng.uniform(0.7, 1.4)
            rx, ry = a * asp, a / asp
            mask |= ((xx - cx * (n - 1)) / rx) ** 2 + ((yy - cy * (n - 1)) / ry) ** 2 <= 1
        from scipy import ndimage
        if ndimage.label(mask, structure=np.ones((3, 3), bool))[1] == len(centres):
            break
        centres = _blobs(p, rng)
    others = {o: OTHERS[o] for o in p["others"]}
    return compute_facts(mask, "LP", others=others).model_dump(mode="json")


# --- how the registers say a fact ------------------------------------------------------------------

_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
SIDE_EN = {"left": ["on the patient's left", "in the left half of the abdomen", "to the left of the midline",
                    "on the left side of the body"],
           "right": ["on the patient's right", "in the right half of the abdomen", "to the right of the midline",
                     "on the right side of the body"],
           "midline": ["in the midline", "centrally, straddling the midline", "in the middle of the body"],
           "bilateral": ["on both sides, one part on the left and one on the right", "bilaterally",
                         "on the left and on the right"]}
SIDE_FALSE_BILAT = ["only on the patient's left, with nothing on the right", "only on the right side of the body",
                    "on one side only, the left"]
VERT_EN = {"anterior": ["toward the front of the body", "anteriorly", "in the anterior half of the abdomen"],
           "posterior": ["toward the back of the body", "posteriorly", "in the posterior half of the abdomen"],
           "central": ["at mid-depth, neither clearly anterior nor posterior", "about halfway from front to back"]}
SIDE_DE = {"left": "links (left)", "right": "rechts (right)", "midline": "in der Mitte (midline)",
           "bilateral": "beidseits (on both sides)"}
SIDE_IT = {"left": "a sinistra (left)", "right": "a destra (right)", "midline": "sulla linea mediana (midline)",
           "bilateral": "bilateralmente (on both sides)"}
VERT_DE = {"anterior": "vorne (anterior)", "posterior": "hinten (posterior)", "central": "mittig (mid-depth)"}
VERT_IT = {"anterior": "anteriore (toward the front)", "posterior": "posteriore (toward the back)",
           "central": "a metà profondità (mid-depth)"}
REL_EN = {"left_of": ["to the left of the {o}", "to the patient's left of the {o}"],
          "right_of": ["to the right of the {o}", "to the patient's right of the {o}"],
          "anterior_to": ["in front of the {o}", "anterior to the {o}"],
          "posterior_to": ["behind the {o}", "posterior to the {o}"]}
_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
         "anterior": "posterior", "posterior": "anterior", "left": "right", "right": "left"}
CONVENTION = ["On this radiological display the patient's left is shown on the image's right, and the front of the body is at the top.",
              "Remember the display convention: axial images are viewed from the feet, so the patient's right appears on the viewer's left.",
              "(Convention: image right = patient left, image top = anterior.)"]
OTHER_KNOWLEDGE = ["The spleen normally lies in the left upper quadrant, the liver in the right.",
                   "The inferior vena cava usually runs to the right of the aorta.",
                   "The left kidney often sits slightly higher than the right one.",
                   "The stomach lies mostly in the left upper abdomen, in front of the pancreas.",
                   "The gallbladder hangs under the right lobe of the liver."]


def pct(frac: float) -> str:
    p = frac * 100
    return f"{p:.1f}%" if p < 10 else f"{p:.0f}%"


def side_s(v, rng, it="It"):
    if v == "bilateral_false":
        return rng.choice([f"{it} lies {rng.choice(SIDE_FALSE_BILAT)}.", f"This is a one-sided finding: {rng.choice(SIDE_FALSE_BILAT)}."])
    ph = rng.choice(SIDE_EN[v])
    return rng.choice([f"{it} lies {ph}.", f"Side: {ph}.", f"The mask sits {ph}.", f"{it} is located {ph}."])


def vert_s(v, rng, it="It"):
    ph = rng.choice(VERT_EN[v])
    return rng.choice([f"{it} sits {ph}.", f"In the front-to-back direction it lies {ph}.", f"Depth: {ph}."])


def rel_s(rel, rng, it="It"):
    ph = rng.choice(REL_EN[rel["relation"]]).format(o=rel["other"])
    return rng.choice([f"{it} lies {ph}.", f"Relation: {ph}.", f"It is {ph}."])


def size_s(cls, frac, rng, it="It"):
    word = {"small": rng.choice(["small", "a small structure"]), "medium": rng.choice(["medium-sized", "of moderate size"]),
            "large": rng.choice(["large", "a large structure"])}[cls]
    return rng.choice([f"{it} is {word}, about {pct(frac)} of the image area.", f"Size: {word} (roughly {pct(frac)} of the slice).",
                       f"The mask covers about {pct(frac)} of the image, so it is {word} on this slice."])


def count_s(n, rng, it="It"):
    if n == 1:
        return rng.choice([f"{it} forms a single connected region.", "The mask is one contiguous piece.",
                           "There is one region only, with no second focus."])
    w = _NUM.get(n, str(n))
    return rng.choice([f"The mask has {w} separate regions.", f"There are {w} distinct, unconnected foci.",
                       f"It is split into {w} disconnected parts."])


def false_value(kind, f, rng):
    """(field, false value) for a defect of this kind, clearly wrong."""
    if kind == "laterality":
        s = f["laterality"]
        return "side", ("bilateral_false" if s == "bilateral" else _FLIP.get(s) or rng.choice(["left", "right"]))
    if kind == "position":
        off = (f.get("centroid_patient") or [0, 0])[1]
        if f["vertical"] in ("anterior", "posterior") and abs(off) >= 0.1 and (rng.random() < 0.6 or not f["relations"]):
            return "vert", _FLIP[f["vertical"]]
        r = rng.choice(f["relations"])
        return "rel", {"other": r["other"], "relation": _FLIP[r["relation"]]}
    if kind == "size":
        c = f["size_class"]
        if c == "large" or (c == "medium" and rng.random() < 0.5):
            return "size", ("small", rng.uniform(0.002, 0.005))
        return "size", ("large", rng.uniform(0.12, 0.2))
    n = f["components"]
    return "count", (rng.choice([2, 3]) if n == 1 else rng.choice([1, 1, n + 2]))


def fact_sentence(field, v, rng, it="It"):
    if field == "side":
        return side_s(v, rng, it)
    if field == "vert":
        return vert_s(v, rng, it)
    if field == "rel":
        return rel_s(v, rng, it)
    if field == "size":
        return size_s(v[0], v[1], rng, it)
    return count_s(v, rng, it)


def true_values(f, rng):
    rel = rng.choice(f["relations"]) if f["relations"] else None
    return {"side": f["laterality"], "vert": f["vertical"], "rel": rel, "size": (f["size_class"], f["area_fraction"]),
            "count": f["components"]}


# --- registers -------------------------------------------------------------------------------------

GLYPHS = [("[x]", "[ ]"), ("[X]", "[ ]"), ("☒", "☐")]


def template_line(field, v, rng, g):
    on, off = g

    def boxes(opts, chosen):
        return " ".join(f"{on if k == chosen else off} {lab}" for k, lab in opts)

    if field == "side":
        chosen = "left" if v == "bilateral_false" else v
        lab = rng.choice(["Side", "Laterality", "Side (patient)"])
        return f"{lab}: " + boxes([("left", "Left"), ("right", "Right"), ("midline", "Midline"), ("bilateral", "Both")], chosen)
    if field == "vert":
        lab = rng.choice(["AP position", "Depth (axial)", "Anterior/posterior"])
        return f"{lab}: " + boxes([("anterior", "Anterior"), ("posterior", "Posterior"), ("central", "Mid-depth")], v)
    if field == "size":
        lab = rng.choice(["Size", "Size class"])
        return (f"{lab}: " + boxes([("small", "Small"), ("medium", "Medium"), ("large", "Large")], v[0])
                + f" (≈{pct(v[1])} of image)")
    if field == "count":
        lab = rng.choice(["Foci", "Regions", "Number of components"])
        return f"{lab}: " + boxes([(1, "1"), (2, "2"), (3, ">2")], min(v, 3))
    ph = rng.choice(REL_EN[v["relation"]]).format(o=v["other"])
    return f"{rng.choice(['Relation', 'Relations', 'Neighbour'])}: {ph}."


def bilingual_sentence(field, v, rng, lang):
    sd, vd = (SIDE_DE, VERT_DE) if lang == "de" else (SIDE_IT, VERT_IT)
    if field == "side":
        if v == "bilateral_false":
            return ("Nur links (only on the left), nichts rechts (nothing on the right)." if lang == "de"
                    else "Solo a sinistra (only on the left), niente a destra (nothing on the right).")
        return rng.choice([f"It lies {sd[v]}.", f"Seite / lato: {sd[v]}.", f"In the patient it is {sd[v]}."])
    if field == "vert":
        return rng.choice([f"It sits {vd[v]}.", f"Front-to-back it is {vd[v]}."])
    return fact_sentence(field, v, rng)


def fact_text(style, field, v, rng, lang, g):
    if style == "template":
        return template_line(field, v, rng, g)
    if style == "bilingual":
        return bilingual_sentence(field, v, rng, lang)
    return fact_sentence(field, v, rng)


def negation(field, v):
    if field == "side":
        return {"left": "It is not on the right.", "right": "It is not on the left.",
                "midline": "It is not confined to one side.", "bilateral": "It is not limited to one side."}[v]
    if field == "count":
        return "No second focus is seen." if v == 1 else "The parts do not touch one another."
    return None


def critique_line(field, t, fv):
    if field == "side":
        wrong = "only one side" if fv == "bilateral_false" else SIDE_EN[fv][0]
        return f"- The draft gets the side wrong: the mask is {SIDE_EN[t][0]}, not {wrong}."
    if field == "vert":
        return f"- The depth is wrong: it lies {VERT_EN[t][0]}, not {VERT_EN[fv][0]}."
    if field == "rel":
        return (f"- The relation is reversed: it is {REL_EN[t['relation']][0].format(o=t['other'])}, "
                f"not {REL_EN[fv['relation']][0].format(o=fv['other'])}.")
    if field == "size":
        return f"- The size is off: the mask covers about {pct(t[1])} of the image ({t[0]}), not {pct(fv[1])} ({fv[0]})."
    return f"- The count is wrong: there {'is one region' if t == 1 else f'are {t} regions'}, not {fv}."


ASK = {"side": ["Which side?", "Is it on the left or the right?", "Which side of the patient is that on?"],
       "vert": ["Front or back?", "Is it anterior or posterior?", "How deep does it sit, front to back?"],
       "size": ["How big is it?", "Size?", "How much of the image does it take up?"],
       "count": ["How many pieces?", "Is it one region or several?", "How many separate foci are there?"]}
WHY = [("Why?", "Because the side and extent decide which surgeon or interventionalist is involved and how the mask is used downstream."),
       ("Why does that matter clinically?", "Mainly because reports are read by people who never see the mask, so the words have to match the pixels."),
       ("Why is the display flipped like that?", "Axial images are viewed as if looking up from the patient's feet, which is why the patient's left appears on the image's right."),
       ("Could you explain the reasoning a bit more, in plain words, for a student on their first radiology rotation?",
        "Sure: the scanner gives a grid of pixels, the mask marks which pixels belong to the structure, and every statement about side, depth, size and number of pieces is measured from those pixels, with the patient's left displayed on the image's right.")]
NEUTRAL = ["That mostly reflects this patient's anatomy and the level of the slice; the outline simply follows the edge of the structure as it appears here.",
           "Anatomy varies between people and with the slice level, so I would not read too much into it without the adjacent slices.",
           "Hard to say from one slice; habitus, breathing and the scan level all shape what we see."]


def presuppose(field, v, rng, lang, style):
    if field == "side":
        if v == "bilateral_false":
            return rng.choice(["Why is only the left one marked?", "Why is it only on the left side?"])
        if style == "bilingual":
            return f"So it's {(SIDE_DE if lang == 'de' else SIDE_IT)[v]} — why there?"
        return rng.choice([f"Why is it on the patient's {v}?", f"So it's on the {v} side. Is that normal?"])
    if field == "vert":
        return rng.choice([f"Why does it sit so far {'forward' if v == 'anterior' else 'back'}?",
                           f"Since it lies {v}ly, could bowel gas hide it?"])
    if field == "rel":
        return f"Why is it {rng.choice(REL_EN[v['relation']]).format(o=v['other'])}?"
    if field == "size":
        word = "large" if v[0] == "large" else "small"
        return f"Why is it so {word} here, about {pct(v[1])} of the image?"
    return ("Why is it just one single connected piece?" if v == 1
            else f"Why are there {_NUM.get(v, v)} separate parts?")


def build(p, facts, style, rng, defect):
    f = facts
    lang = rng.choice(["de", "it"])
    g = rng.choice(GLYPHS)
    t = true_values(f, rng)
    fields = ["side", "vert", "size", "count"] + (["rel"] if t["rel"] else [])
    dfield, fval, loc = None, None, None
    if defect and defect != "names_target":
        dfield, fval = false_value(defect, f, rng)
        r = rng.random()
        loc = "user" if r < 0.22 else "fu" if r < 0.5 else "a1"
        if dfield == "rel":
            t["rel"] = {"other": fval["other"], "relation": _FLIP[fval["relation"]]}
    # the first question
    if defect == "names_target":
        q1 = rng.choice(p["naming"]) + " " + rng.choice(["Can you do that?", "Where exactly is it?", "What do you see?"])
    else:
        q1 = rng.choice(p["ask"])
    if style == "template":
        q1 = rng.choice(["Please fill in the structured report. ", "Template please: "]) + q1
    elif style == "bilingual":
        q1 = rng.choice(["Guten Morgen! ", "Buongiorno, collega. ", "Hallo, quick one. "]) + q1
    elif style == "critic":
        q1 = q1 + rng.choice([" Draft an answer, then critique and revise it.", " Please show a draft, a critique and a revision."])
    if "?" not in q1:
        q1 += rng.choice([" Can you do that?", " Could you show me?"])
    # first answer: the facts it states
    shown = [x for x in fields if rng.random() < 0.8 and x != dfield]
    if loc == "a1":
        shown.insert(rng.randrange(len(shown) + 1), dfield)
    if not shown:
        shown = [x for x in ("size", "count") if x != dfield][:1]
    vals = {x: (fval if x == dfield and loc == "a1" else t[x]) for x in shown}
    lines = [fact_text(style, x, vals[x], rng, lang, g) for x in shown]
    bad_text = fact_text(style, dfield, fval, rng, lang, g) if dfield else None
    if loc == "a1":
        bad_text = lines[shown.index(dfield)]
    extras = []
    if rng.random() < 0.5:
        extras.append(rng.choice(CONVENTION))
    for x in ("side", "count"):
        if x != dfield and rng.random() < 0.5:
            extras.append(negation(x, t[x if x != "side" else "side"]))
    if rng.random() < 0.5:
        extras.append(rng.choice(OTHER_KNOWLEDGE))
    if p["target"] != "liver" and f["size_class"] != "large" and rng.random() < 0.4:
        extras.append("It is much smaller than the liver.")
    name = p["name"]
    if style == "template":
        head = rng.choice([f"STRUCTURED REPORT: {name}", f"Findings template ({name})", f"## Report: {name}"])
        a1 = f"[SEG]\n{head}\n" + "\n".join(lines) + ("\nComment: " + " ".join(extras) if extras else "")
    elif style == "bilingual":
        foreign = p["de"] if lang == "de" else p["it"]
        a1 = (rng.choice(["Here it is: [SEG].", "Ecco: [SEG].", "Hier: [SEG]."]) + f" This shows the {name} ({foreign}). "
              + " ".join(lines + extras))
    elif style == "pearl":
        a1 = (f"The highlighted region [SEG] shows the {name}. " + " ".join(lines + extras)
              + f"\n\nPearl: {p['pearl'][0].upper() + p['pearl'][1:]}.\nPitfall: A common mistake is {p['pitfall']}.")
    else:
        pool = [x for x in shown if x != dfield]
        errs = rng.sample(pool, min(len(pool), rng.choice([1, 2]))) if loc == "a1" or not defect else rng.sample(pool, min(len(pool), 1))
        dvals = dict(vals)
        for x in errs:
            kind = {"side": "laterality", "vert": "position", "rel": "position", "size": "size", "count": "count"}[x]
            for _ in range(10):
                fx, fv = false_value(kind, f, rng)
                if fx == x:
                    break
            if fx != x:
                continue
            if x == "rel":
                fv = {"other": vals["rel"]["other"], "relation": _FLIP[vals["rel"]["relation"]]}
            dvals[x] = fv
        fixed = [x for x in errs if dvals[x] != vals[x]]
        draft = " ".join(fact_sentence(x, dvals[x], rng) for x in shown if x != dfield)
        crit = "\n".join(critique_line(x, vals[x], dvals[x]) for x in fixed) or "- No factual errors; the wording is fine."
        a1 = (f"Draft: {draft}\nCritique:\n{crit}\nRevised answer: Segmented here: [SEG] (the {name}). "
              + " ".join(lines + extras))
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": a1}]
    where = 1 if loc == "a1" else 0 if defect == "names_target" else None
    # follow-ups
    n_fu = rng.choice([0, 1, 1, 2]) if loc in (None, "a1") else rng.choice([1, 2])
    slot = rng.randrange(n_fu) if loc in ("fu", "user") else -1
    used = set()
    for k in range(n_fu):
        if k == slot and loc == "user":
            q, a = presuppose(dfield, fval, rng, lang, style), rng.choice(NEUTRAL)
            where = len(turns)
            bad_text = q
        elif k == slot:
            q = rng.choice(ASK.get(dfield, [f"Where is it relative to the {fval['other'] if dfield == 'rel' else 'others'}?"]))
            a = fact_text(style, dfield, fval, rng, lang, g)
            bad_text, where = a, len(turns) + 1
            a = a + " " + rng.choice(["Hope that helps.", "That is what the mask shows on this slice.", "(Measured on the mask.)"])
        else:
            topic = rng.choice([x for x in fields if x != dfield and x not in used] + ["why"])
            used.add(topic)
            if topic == "why":
                q, a = WHY[k % len(WHY)] if rng.random() < 0.5 else rng.choice(WHY)
            else:
                q = rng.choice(ASK.get(topic, [f"Where is it relative to the {t['rel']['other'] if t['rel'] else 'others'}?"]))
                a = fact_text(style, topic, t[topic], rng, lang, g)
                a = a + " " + rng.choice(["That is what the mask shows.", "Measured on this slice.", "Likely, at least on this image."])
        if len(q.split()) < 3:
            q = q + rng.choice([" Briefly, please.", " Just the short answer.", " Thanks in advance."])
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    LOG.append({"defect": defect, "loc": loc or ("q1" if defect == "names_target" else None), "turn": where,
                "bad": bad_text if defect != "names_target" else q1, "field": dfield})
    return turns, ([defect] if defect else [])
