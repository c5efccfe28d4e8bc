"""Bank CN: abdominal and retroperitoneal CT/MR (axial, radiological "LP"), written blind by helper qccn.

Targets: liver, spleen, left/right kidney and both kidneys, left/right adrenal gland and both adrenals,
pancreas, stomach, aorta, inferior vena cava, gallbladder, iliopsoas (one side and both), a liver lesion
with several foci, and one label the knowledge base does not know ("urinoma"). Facts come from the
product's own `compute_facts` on synthetic ellipse masks; all prose is written FROM those facts.

Registers: an e-mail reply that quotes the colleague's message with "> " lines (the quoted guesses are
confirmed or corrected below them), two readers who disagree with an adjudication that states the truth,
an answer that ranks hypotheses (H1/H2/... supported or rejected), and a resident's overnight sign-out
list (terse, abbreviations, arrows). Defective rows carry exactly one plainly asserted (or
user-presupposed) false claim; clean rows carry true traps: corrected guesses, a reader overruled by the
adjudication, rejected hypotheses, negations, the display convention, other structures' own sides.

First measure: not taken by the writer (the lead measures once after merging).
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
W = H = 512

# normalised centroids (x to the patient's left, y to the back) of other structures, for relations
AT = {"liver": (0.30, 0.40), "spleen": (0.75, 0.60), "aorta": (0.505, 0.62), "inferior vena cava": (0.42, 0.60),
      "vertebral body": (0.50, 0.76), "stomach": (0.64, 0.34), "left kidney": (0.68, 0.66),
      "right kidney": (0.32, 0.67), "pancreas": (0.52, 0.44)}


def _p(target, noun, blobs, others, hints, give, kb, plural=False, jitter=0.012, unknown=False):
    return dict(target=target, noun=noun, blobs=blobs, others=others, hints=hints, give=give, kb=kb,
                plural=plural, jitter=jitter, unknown=unknown)


PROFILES = [
    _p("liver", "organ", [(0.30, 0.40, 0.15, 0.17)], ["spleen", "aorta"],
       ["the biggest solid organ in the upper abdomen, the one that makes bile and stores glycogen",
        "the organ that clears ammonia, makes albumin and clotting factors"],
       ["hepatic", "the liver", "hepatomegaly", "perihepatic"],
       ["The spleen sits on the opposite side, high in the left upper quadrant.",
        "The gallbladder hangs from the underside of this organ's right lobe in most people."]),
    _p("spleen", "organ", [(0.75, 0.60, 0.055, 0.08)], ["liver", "stomach"],
       ["the lymphoid organ that filters ageing red cells and can rupture after blunt trauma",
        "the organ that enlarges in mononucleosis and sequesters platelets"],
       ["splenic", "the spleen", "splenomegaly", "perisplenic"],
       ["The liver fills most of the opposite upper quadrant.",
        "The stomach lies in front of it, separated by the gastrosplenic ligament."]),
    _p("left kidney", "organ", [(0.68, 0.66, 0.06, 0.08)], ["aorta", "spleen", "stomach"],
       ["the bean-shaped retroperitoneal organ that filters blood into urine, the one on the same side as the spleen",
        "the paired urine-forming organ, specifically the one whose vein crosses in front of the aorta"],
       ["the left kidney", "left renal", "nephric", "the kidney on the left"],
       ["Its partner on the other side usually sits a little lower, pushed down by the liver.",
        "The psoas muscles run alongside the spine, medial to the paired retroperitoneal organs."]),
    _p("right kidney", "organ", [(0.32, 0.67, 0.06, 0.08)], ["aorta", "liver"],
       ["the bean-shaped retroperitoneal organ that makes urine, the one tucked under the largest solid organ",
        "the urine-forming organ on the same side as the gallbladder"],
       ["the right kidney", "right renal", "renal", "nephrectomy"],
       ["The aorta runs down in front of the spine, slightly off centre.",
        "Its counterpart on the spleen's side usually lies a little higher."]),
    _p("kidney", "organ pair", [(0.33, 0.70, 0.05, 0.07), (0.67, 0.70, 0.05, 0.07)], ["pancreas"],
       ["the paired retroperitoneal organs that filter blood and make urine",
        "both bean-shaped organs that regulate fluid balance and secrete renin"],
       ["both kidneys", "renal", "the kidneys", "bilateral nephro"],
       ["The aorta and the vena cava run between them, in front of the spine.",
        "The gallbladder lies well in front of them, under the liver."], plural=True),
    _p("left adrenal gland", "gland", [(0.60, 0.58, 0.015, 0.035)], ["left kidney", "stomach"],
       ["the small lambda-shaped endocrine gland that makes cortisol and aldosterone, the one beside the spleen's side of the aorta",
        "the little hormone gland sitting on the upper pole of the left-sided urine-forming organ"],
       ["the left adrenal", "suprarenal", "adrenal", "adrenalectomy"],
       ["The opposite gland sits behind the inferior vena cava.",
        "The spleen lies further out toward the flank on this side."]),
    _p("right adrenal gland", "gland", [(0.40, 0.58, 0.015, 0.035)], ["right kidney", "liver"],
       ["the small endocrine gland that secretes cortisol and catecholamines, the one tucked behind the big vein",
        "the tiny hormone gland capping the upper pole of the urine-forming organ under the largest solid organ"],
       ["the right adrenal", "adrenal", "suprarenal", "adrenocortical"],
       ["Its partner on the opposite side lies beside the aorta.",
        "The liver's bare area lies just in front of and lateral to it."]),
    _p("adrenal gland", "gland pair", [(0.40, 0.59, 0.015, 0.035), (0.60, 0.59, 0.015, 0.035)], ["pancreas"],
       ["the paired endocrine glands that make cortisol, aldosterone and epinephrine",
        "the small glands that sit on top of the urine-forming organs and drive the stress response"],
       ["adrenal", "the adrenals", "suprarenal", "adrenocortical"],
       ["The kidneys lie below them, one on each side of the spine.",
        "The pancreas crosses in front of them at this level."], plural=True),
    _p("pancreas", "gland", [(0.52, 0.41, 0.13, 0.035)], ["aorta", "stomach", "spleen"],
       ["the gland behind the stomach that makes insulin and digestive enzymes",
        "the retroperitoneal organ with both exocrine and endocrine roles that inflames after gallstones or alcohol"],
       ["pancreatic", "the pancreas", "peripancreatic", "pancreatitis"],
       ["The splenic vein runs along its back toward the portal confluence.",
        "The duodenum wraps around its head on the patient's right."], jitter=0.006),
    _p("stomach", "organ", [(0.64, 0.34, 0.09, 0.08)], ["pancreas", "aorta"],
       ["the hollow organ that secretes acid and pepsin and churns food",
        "the J-shaped digestive organ between the oesophagus and the duodenum"],
       ["gastric", "the stomach", "perigastric", "gastroparesis"],
       ["The spleen sits behind it and further toward the flank.",
        "The liver covers the front of the abdomen on the patient's right."]),
    _p("aorta", "vessel", [(0.505, 0.62, 0.025, 0.025)], ["inferior vena cava", "vertebral body", "pancreas"],
       ["the big artery carrying oxygenated blood from the heart down through the abdomen",
        "the main arterial trunk that gives off the coeliac and mesenteric arteries"],
       ["aortic", "the aorta", "AAA", "para-aortic"],
       ["The inferior vena cava runs parallel to it on the patient's right.",
        "The left renal vein crosses in front of it to reach the vena cava."], jitter=0.005),
    _p("inferior vena cava", "vessel", [(0.42, 0.60, 0.022, 0.028)], ["aorta", "vertebral body"],
       ["the large vein returning blood from the legs and abdomen to the right atrium",
        "the big thin-walled vein that flattens when a patient is volume-depleted"],
       ["caval", "IVC", "the vena cava", "infrarenal cava"],
       ["The aorta runs beside it on the patient's left.",
        "The portal vein lies in front of it at the hepatic hilum."], jitter=0.006),
    _p("gallbladder", "organ", [(0.36, 0.375, 0.03, 0.045)], ["aorta", "right kidney"],
       ["the pear-shaped sac that stores and concentrates bile",
        "the small hollow organ that contracts after a fatty meal and can fill with stones"],
       ["cholecystitis", "gall bladder", "pericholecystic", "biliary sac"],
       ["The common bile duct runs down toward the pancreatic head.",
        "The duodenum lies just medial to its neck."], jitter=0.006),
    _p("iliopsoas", "muscle pair", [(0.40, 0.70, 0.03, 0.035), (0.60, 0.70, 0.03, 0.035)], ["aorta"],
       ["the paired hip-flexor muscles running along the lumbar spine",
        "the muscles that flex the hip and whose stretch hurts in a retrocaecal appendicitis"],
       ["psoas", "iliopsoas", "the psoas muscles", "psoas sign"],
       ["The kidneys lie lateral to them on each side.",
        "The vertebral body sits between them."], plural=True, jitter=0.006),
    _p("left iliopsoas", "muscle", [(0.60, 0.70, 0.035, 0.04)], ["aorta", "left kidney"],
       ["the hip-flexor muscle along the lumbar spine, the one on the side of the spleen",
        "the muscle whose sheath a spinal abscess can track down, on the spleen's side"],
       ["left psoas", "psoas", "iliopsoas", "the left psoas muscle"],
       ["Its twin on the other side is symmetric here.",
        "The aorta lies in front of the spine, between the two muscles."], jitter=0.006),
    _p("liver lesion", "finding", [(0.25, 0.36, 0.02, 0.02), (0.32, 0.40, 0.022, 0.022), (0.27, 0.45, 0.018, 0.018)],
       ["spleen", "aorta"],
       ["the focal low-density spots inside the large solid organ of the right upper quadrant, in a patient with colon cancer",
        "the round hypodense foci scattered in the bile-making organ"],
       ["hepatic lesions", "liver metastases", "the liver lesion", "hepatic mets"],
       ["The spleen shows no similar spots.",
        "Colorectal cancer typically spreads to this organ through the portal vein."], plural=True),
    _p("urinoma", "collection", [(0.76, 0.70, 0.05, 0.03)], ["left kidney", "aorta"],
       ["the fluid collection that formed after a leak from the collecting system following a stone procedure",
        "the encapsulated fluid pocket that appeared beside the left-sided filtering organ after a ureteric injury"],
       ["urinoma", "urine leak", "perirenal urinoma", "extravasated urine"],
       ["The aorta and vena cava are normal in calibre.",
        "The spleen lies above and in front of this area."], unknown=True),
]


def record_for(p: dict) -> dict:
    """Abdominal CT, or MR for one target in three, axial in the radiological display (LP)."""
    mr = p["target"] in ("adrenal gland", "left adrenal gland", "liver lesion", "pancreas", "urinoma")
    return {"modality": "MR" if mr else "CT", "body_region": "abdomen", "orientation": "LP"}


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draw the profile's ellipses (jittered) and measure them with the product's `compute_facts`."""
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:H, 0:W]
    mask = np.zeros((H, W), bool)
    dx, dy = rng.uniform(-p["jitter"], p["jitter"]), rng.uniform(-p["jitter"], p["jitter"])
    scale = rng.uniform(0.93, 1.07)
    for cx, cy, rx, ry in p["blobs"]:
        cx, cy = (cx + dx) * (W - 1), (cy + dy) * (H - 1)
        mask |= ((xx - cx) / (rx * W * scale)) ** 2 + ((yy - cy) / (ry * H * scale)) ** 2 <= 1.0
    others = {o: AT[o] for o in p["others"]}
    return compute_facts(mask, "LP", others=others).model_dump(mode="json")


STYLES = ["email", "readers", "hypotheses", "signout"]


def pick_profile(profiles, i, defect, rng):
    """Weight bilateral, midline and multi-region masks up a little."""
    special = [p for p in profiles if p["plural"] or p["target"] in ("aorta", "pancreas")]
    return rng.choice(special) if rng.random() < 0.3 else rng.choice(profiles)



# names_target defects: noun phrases that name the target (synonym, adjectival form, abbreviation)
GIVE = {"liver": ["the hepatic parenchyma", "the liver", "the whole hepatic outline"],
        "spleen": ["the splenic parenchyma", "the spleen", "the splenic outline"],
        "left kidney": ["the left kidney", "the left renal parenchyma", "the left renal outline"],
        "right kidney": ["the right kidney", "the right renal cortex and medulla", "the right renal outline"],
        "kidney": ["both kidneys", "the renal parenchyma on each side", "the kidneys"],
        "left adrenal gland": ["the left adrenal", "the left suprarenal gland", "the left adrenal limbs"],
        "right adrenal gland": ["the right adrenal", "the suprarenal gland on the right", "the right adrenal limbs"],
        "adrenal gland": ["both adrenal glands", "the adrenals", "the suprarenal glands"],
        "pancreas": ["the pancreas", "the pancreatic parenchyma", "the pancreatic head, body and tail"],
        "stomach": ["the stomach", "the gastric wall and lumen", "the gastric fundus and body"],
        "aorta": ["the abdominal aorta", "the aortic lumen", "the aorta"],
        "inferior vena cava": ["the IVC", "the inferior vena cava", "the caval lumen"],
        "gallbladder": ["the gallbladder", "the gall bladder lumen", "the cholecystic fossa contents"],
        "iliopsoas": ["both psoas muscles", "the iliopsoas muscles", "the psoas bellies"],
        "left iliopsoas": ["the left psoas", "the left iliopsoas muscle", "the left psoas belly"],
        "liver lesion": ["the liver lesions", "the hepatic metastases", "the hepatic lesions"],
        "urinoma": ["the urinoma", "the perirenal urine collection", "the urinoma next to the kidney"]}
NAME = {"kidney": "both kidneys", "adrenal gland": "both adrenal glands", "iliopsoas": "both iliopsoas muscles",
        "liver lesion": "liver lesions", "inferior vena cava": "inferior vena cava (IVC)",
        "urinoma": "urinoma (a urine collection)"}
OPP = {"left": "right", "right": "left"}
ABBR = {"left": "L", "right": "R"}
NUMW = {1: "one", 2: "two", 3: "three", 4: "four"}
REL = {"left_of": ["to the patient's left of", "on the patient's left of"],
       "right_of": ["to the patient's right of", "on the patient's right of"],
       "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"]}
REL_T = {"left_of": "L of", "right_of": "R of", "anterior_to": "ant. to", "posterior_to": "post. to"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def _pct(frac: float, rng: random.Random) -> str:
    p = frac * 100
    if p < 1:
        return rng.choice([f"about {p:.1f}%", f"~{p:.1f}%", f"roughly {p:.1f} per cent", "under 1%"])
    if p < 5:
        return rng.choice([f"about {p:.1f}%", f"~{p:.1f}%", f"roughly {p:.1f} per cent"])
    return rng.choice([f"about {p:.0f}%", f"~{p:.1f}%", f"roughly {p:.0f} per cent"])


class Facts:
    """What the prose may say, read off the measured facts (never off the profile's intent)."""

    def __init__(self, p: dict, f: dict):
        self.p, self.f = p, f
        self.side, self.vert, self.size = f["laterality"], f["vertical"], f["size_class"]
        self.frac, self.n = f["area_fraction"], f["components"]
        self.rels = [(r["other"], r["relation"]) for r in f["relations"] if r["relation"] in REL]
        self.name = NAME.get(p["target"], p["target"])
        self.pl = p["plural"]


# --- true statements -------------------------------------------------------------------------------

def t_side(F: Facts, rng, terse=False) -> str:
    s = F.side
    if terse:
        return {"left": rng.choice(["L-sided", "pt's L side", "L side"]),
                "right": rng.choice(["R-sided", "pt's R side", "R side"]),
                "midline": rng.choice(["midline", "sits in the midline"]),
                "bilateral": rng.choice(["bilat (one each side)", "bilateral, L + R"])}[s]
    if s in OPP:
        return rng.choice([f"It lies on the patient's {s}.", f"It is on the {s} side of the abdomen.",
                           f"The mask is confined to the patient's {s} half.", f"{_cap(s)}-sided, as expected.",
                           f"Most likely a {s}-sided structure, as it usually is.",
                           f"On the patient's {s}, as you would expect anatomically."])
    if s == "midline":
        return rng.choice(["It sits in the midline.", "It is a midline structure on this slice, straddling the centre line.",
                           "Position: midline, neither clearly left nor right.", "Centrally placed, in the midline."])
    return rng.choice(["It is bilateral, with one part on the patient's left and one on the right.",
                       "Both sides are involved: one on each side of the spine.",
                       "The mask is bilateral (left and right).", "It is present on both sides, left and right."])


def t_vert(F: Facts, rng, terse=False) -> str:
    v = F.vert
    if terse:
        return {"anterior": "ant.", "posterior": "post.", "central": "mid-depth"}[v]
    return {"anterior": rng.choice(["It sits toward the front of the abdomen.", "It lies anteriorly on this slice.",
                                    "Anterior position, close to the front wall.",
                                    "It lies in the front part of the abdomen, fairly anterior."]),
            "posterior": rng.choice(["It lies toward the back of the abdomen.", "It sits posteriorly on this slice.",
                                     "Posterior position, toward the spine and back muscles.",
                                     "It lies deep, in the posterior part of the abdomen."]),
            "central": "It sits at about mid-depth, neither clearly front nor back."}[v]


def t_size(F: Facts, rng, terse=False) -> str:
    pct = _pct(F.frac, rng)
    if terse:
        return f"{F.size} (~{F.frac * 100:.1f}% of slice)"
    return rng.choice([f"It is {F.size} on this slice, covering {pct} of the image.",
                       f"Size: {F.size} ({pct} of the slice area).",
                       f"It takes up {pct} of the slice, which counts as {F.size}.",
                       f"{_cap(F.size)} here: {pct} of the image.",
                       f"Probably {F.size} by the usual cut-offs: {pct} of the slice.",
                       f"At {pct} of the image it is {F.size}."])


def t_count(F: Facts, rng, terse=False) -> str:
    n = F.n
    if terse:
        return "single focus" if n == 1 else f"{n} separate foci"
    if n == 1:
        return rng.choice(["It is one contiguous region.", "A single connected piece.",
                           "Unifocal: one region only.", "The mask is one continuous region.",
                           "Probably a single structure; I see only one connected region."])
    return rng.choice([f"It consists of {NUMW[n]} separate regions.", f"There are {NUMW[n]} disconnected parts.",
                       f"The mask has {NUMW[n]} separate components.", f"{_cap(NUMW[n])} distinct pieces, not one.",
                       f"I count {NUMW[n]} separate regions."])


def t_rel(F: Facts, rng, terse=False, rel=None) -> str | None:
    if not F.rels:
        return None
    o, r = rel or rng.choice(F.rels)
    if terse:
        return f"{REL_T[r]} {o}"
    ph = rng.choice(REL[r])
    return rng.choice([f"It lies {ph} the {o}.", f"It sits {ph} the {o} on this slice.",
                       f"Compared with the {o}, it lies {ph} that structure."])


def traps(F: Facts, rng) -> list[str]:
    """True sentences a careless checker misreads."""
    out = list(F.p["kb"])
    if F.side in OPP:
        s, o = F.side, OPP[F.side]
        out += [f"It is not on the {o} side.", f"There is no {o}-sided component.",
                f"On the screen it appears on the image's {o}, which in the radiological convention is the patient's {s}.",
                f"Remember the display convention: the patient's {s} is shown on the {o} of the picture."]
    elif F.side == "bilateral":
        out += ["It is not confined to one side.", "Neither side is spared."]
    elif F.side == "midline":
        out += ["It does not sit off to either side.", "It is neither left- nor right-sided here."]
    if F.n == 1:
        out += ["There is no second focus.", "It is not split into separate pieces."]
    else:
        out += [f"It is not a single region; there are {NUMW[F.n]}."]
    if F.size != "large":
        out += ["No large mass is seen nearby.", "It is much smaller than the liver at this level."
                if F.p["target"] != "liver lesion" else "Each focus is much smaller than the liver itself."]
    else:
        out += ["It is not small on this slice.", "It is larger than the spleen at this level."]
    out += ["In adults its textbook size varies by roughly 20 to 30% between individuals.",
            "About one adult in ten has some anatomical variant in this region."]
    return out


GEN_OF = {"laterality": ("t_side",), "position": ("t_vert", "t_rel"), "size": ("t_size",), "count": ("t_count",)}
TRAP_WORDS = {"laterality": r"side|patient's|midline|spared|radiological|display", "position": r"front|back|behind",
              "size": r"small|large|mass|textbook", "count": r"focus|piece|region"}


def trues(F: Facts, rng, k: int, terse=False, skip=None) -> list[str]:
    """k true statements; `skip` (a defect kind) leaves out that kind's facts, so that an answer carrying
    the planted false claim does not also state the truth it contradicts."""
    gens = [g for g in (t_side, t_vert, t_size, t_count, t_rel) if g.__name__ not in GEN_OF.get(skip, ())]
    rng.shuffle(gens)
    out = [s for s in (g(F, rng, terse) for g in gens[:k]) if s]
    return out


# --- false statements (one per defective row) --------------------------------------------------------

def false_claim(F: Facts, kind: str, rng, terse=False) -> str:
    if kind == "laterality":
        if F.side in OPP:
            o = OPP[F.side]
            return (f"{ABBR[o]}-sided" if terse else
                    rng.choice([f"It lies on the patient's {o}.", f"It is on the {o} side of the abdomen.",
                                f"The mask is confined to the patient's {o} half."]))
        if F.side == "bilateral":
            o = rng.choice(["left", "right"])
            return (f"{ABBR[o]} side only" if terse else
                    rng.choice([f"It is confined to the patient's {o} side only.", f"Only the {o} side is involved."]))
        o = "right" if (F.f.get("centroid_patient") or [0.0])[0] > 0 else "left"  # away from where it leans
        return (f"well off to pt's {ABBR[o]}" if terse else
                rng.choice([f"It lies well over on the patient's {o}, away from the midline.",
                            f"It is clearly {o}-sided, not midline."]))
    if kind == "position":
        if F.rels and (rng.random() < 0.65 or F.vert == "central"):
            o, r = rng.choice(F.rels)
            return t_rel(F, rng, terse, rel=(o, FLIP[r]))
        bad = {"anterior": "posterior", "posterior": "anterior"}[F.vert]
        if terse:
            return {"anterior": "ant.", "posterior": "post."}[bad]
        return {"anterior": rng.choice(["It lies toward the front of the abdomen.", "It sits anteriorly on this slice."]),
                "posterior": rng.choice(["It lies toward the back of the abdomen.", "It sits posteriorly on this slice."])}[bad]
    if kind == "size":
        if F.size == "large":
            return ("small (<1% of slice)" if terse else
                    rng.choice(["It is small on this slice, well under 1% of the image.",
                                "It is tiny here, covering about 0.3% of the slice."]))
        return ("large (~30% of slice)" if terse else
                rng.choice(["It is large on this slice, covering roughly 30% of the image.",
                            "It is huge here and fills about a third of the slice.",
                            "Size: large (about 25% of the slice area)."]))
    if kind == "count":
        if F.n == 1:
            return ("2 separate foci" if terse else
                    rng.choice(["It is split into two separate pieces.", "There are two disconnected parts.",
                                "The mask has three separate components."]))
        return ("single focus" if terse else
                rng.choice(["It is one contiguous region.", "A single connected piece.",
                            "The mask is one continuous region."]))
    raise ValueError(kind)


def presupposition(F: Facts, kind: str, rng) -> str:
    """A user question that takes the false claim for granted."""
    if kind == "laterality":
        if F.side in OPP:
            o = OPP[F.side]
            return rng.choice([f"Why is it on the patient's {o} side in this patient?",
                               f"Since it's on the patient's {o}, what else should I look at nearby?"])
        o = rng.choice(["left", "right"])
        return rng.choice([f"Why is it only on the patient's {o} side here?",
                           f"Given it sits only on the patient's {o}, is that a variant?"])
    if kind == "position":
        if F.rels:
            o, r = rng.choice(F.rels)
            return f"Why does it lie {rng.choice(REL[FLIP[r]])} the {o} on this slice?"
        bad = {"anterior": "toward the back", "posterior": "so far toward the front"}.get(F.vert, "toward the back")
        return f"Why does it sit {bad} of the abdomen here?"
    if kind == "size":
        if F.size == "large":
            return "Why is it so small here, under 1% of the slice?"
        return rng.choice(["Why is it so large here, filling about a third of the slice?",
                           "Why does it take up roughly 30% of the image on this slice?"])
    if F.n == 1:
        return rng.choice(["Why is it broken into two separate pieces?",
                           "What explains the two separate parts of the mask?"])
    return rng.choice(["Why is it just one single connected region here?",
                       "Why does the mask form one continuous blob?"])


def restatement(F: Facts, kind: str, rng) -> str:
    """The user restating the false claim as settled."""
    claim = false_claim(F, kind, rng)
    return rng.choice([f"OK, so for my notes: {claim[0].lower() + claim[1:]} Anything else I should add?",
                       f"Let me restate to be sure. {claim} What would you add to that?"])


def neutral_reply(F: Facts, rng) -> str:
    """An answer to a user presupposition that neither repeats nor corrects it."""
    return " ".join(rng.sample(F.p["kb"], 1) + [rng.choice([
        "Slice level and patient anatomy both influence what you see; I would check the adjacent slices.",
        "Hard to say from one slice; it is worth scrolling a few slices up and down.",
        "Anatomy varies, and one slice only shows part of the picture."])])


# --- registers ----------------------------------------------------------------------------------------

PEOPLE = ["Priya", "Tom", "Jonas", "Aisha", "Mateo", "Grace", "Wei", "Sofia"]
FOLLOW = [("Which side is it on?", "side"), ("Why is that?", "why"), ("How big is it?", "size"),
          ("Is it one piece or several?", "count"), ("Where is it relative to its neighbours?", "rel"),
          ("And front to back, where does it sit?", "vert"),
          ("Could you give me the position, size and number of parts in one line for the report?", "all")]


def follow_answer(F: Facts, what: str, rng, terse=False) -> str:
    if what == "side":
        out = [t_side(F, rng, terse)]
        out += [rng.choice(traps(F, rng)[len(F.p["kb"]):len(F.p["kb"]) + 4] or F.p["kb"])]
    elif what == "why":
        out = [rng.choice(F.p["kb"]), "That is the usual anatomy at this level."]
    elif what == "size":
        out = [t_size(F, rng, terse), rng.choice(["In adults its textbook size varies by roughly 20 to 30% between individuals.",
                                                  "Its size on one slice depends on the level of the cut."])]
    elif what == "count":
        out = [t_count(F, rng, terse)]
    elif what == "rel":
        out = [t_rel(F, rng, terse) or t_vert(F, rng, terse), rng.choice(F.p["kb"])]
    elif what == "vert":
        out = [t_vert(F, rng, terse)]
    else:
        out = [t_side(F, rng, terse), t_vert(F, rng, terse), t_size(F, rng, terse), t_count(F, rng, terse)]
    text = " ".join(s if s.endswith(".") or not terse else s + ";" for s in out).rstrip(";")
    return text if len(text) >= 12 else text + (" (on this slice)")


def hint_q(F: Facts, rng, defect) -> str:
    """The implicit description (no name), or, for names_target, a naming phrase."""
    if defect == "names_target":
        return rng.choice(GIVE[F.p["target"]])
    return rng.choice(F.p["hints"])


def plan(defect, rng) -> str:
    if defect in (None, "names_target"):
        return "none"
    r = rng.random()
    return "user" if r < 0.22 else "followup" if r < 0.45 else "answer"


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    F = Facts(p, facts)
    where = plan(defect, rng)
    bad = false_claim(F, defect, rng, terse=style == "signout") if where in ("answer", "followup") else None
    presup = None
    if where == "user":
        presup = restatement(F, defect, rng) if rng.random() < 0.4 else presupposition(F, defect, rng)
    turns = {"email": _email, "readers": _readers, "hypotheses": _hyp, "signout": _signout}[style](
        F, rng, defect, where, bad, presup)
    for t in turns:
        assert 12 <= len(t["content"]) <= 2000, t
    return turns, ([defect] if defect else [])


def _rounds(F, rng, where, bad, presup, terse, wrap):
    """Follow-up rounds (1 or 2): a clean question, or the user presupposition, or the false claim in a
    follow-up answer. `wrap(question, answer)` dresses an answer in the register."""
    out = []
    n = rng.choice([1, 1, 2])
    slots = rng.sample(FOLLOW, n)
    for i, (q, what) in enumerate(slots):
        a = follow_answer(F, what, rng, terse)
        last = i == n - 1
        if where == "user" and last:
            q, a = presup, neutral_reply(F, rng)
        elif where == "followup" and last:
            a = bad + ("; " if terse and not bad.endswith(".") else " ") + rng.choice(F.p["kb"])
            q = rng.choice(["Can you say a bit more about it?", "Anything else worth noting about it?",
                            "Could you describe it a little more for the report?"])
        out += [{"role": "user", "content": q}, {"role": "assistant", "content": wrap(q, a)}]
    return out


def _with_bad(items: list[str], bad: str | None, rng) -> list[str]:
    items = [s for s in items if s]
    if bad:
        items.insert(rng.randrange(len(items) + 1), bad)
    return items


def _lead(F: Facts, rng) -> str:
    if F.name.startswith("both"):
        return rng.choice([f"Done: these are {F.name} {SEG}.", f"Here are {F.name} {SEG}."])
    return rng.choice([f"Done: it is the {F.name} {SEG}.", f"That's the {F.name}, segmented here {SEG}.",
                       f"Here is the {F.name} {SEG}.", f"It's the {F.name} {SEG}."])


def _mod(F: Facts) -> str:
    return record_for(F.p)["modality"]


def _email(F, rng, defect, where, bad, presup):
    me, col = rng.sample(PEOPLE, 2)
    hint = hint_q(F, rng, defect)
    ask = rng.choice([f"Could you segment {hint} on the attached axial {_mod(F)} slice?",
                      f"Quick one before the MDT: which structure on this slice is {hint}? A mask would help.",
                      f"I'm putting together a teaching case. Can you find and mark {hint} here?"])
    guess, reply = None, None
    sk = defect if where == "answer" else None
    g = rng.random()
    kind = ("laterality" if F.side in OPP and g < 0.55 else "count" if g < 0.75
            else "size" if F.size != "large" and g < 0.9 else None)
    if kind == sk:
        kind = None  # no guess on the planted kind: the answer carrying the false claim would also state the truth
    if kind == "laterality" and g < 0.3:
        guess = f"My guess is that it's on the patient's {F.side}, but the screen always confuses me."
        reply = rng.choice(["Correct.", "Yes, that's right."]) + " " + t_side(F, rng)
    elif kind == "laterality":
        guess = f"Is it on the patient's {OPP[F.side]} side, or am I misreading the screen?"
        reply = (f"No, it is on the patient's {F.side}. On the screen it appears on the image's {OPP[F.side]}, "
                 f"which in the radiological convention is the patient's {F.side}.")
    elif kind == "count":
        guess = "Is it one piece or several?" if F.n == 1 else f"I think I count {NUMW[F.n]} separate bits?"
        reply = ("One piece. " if F.n == 1 else "Yes, that matches. ") + t_count(F, rng)
    elif kind == "size":
        guess = "I'd have thought it's big on this slice?"
        reply = f"Not really. {t_size(F, rng)}"
    body = _with_bad(trues(F, rng, 3, skip=sk) + rng.sample(safe_traps(F, rng, sk), 1), bad if sk else None, rng)
    q1 = f"Hi {me},\n\n{ask}" + (f" {guess}" if guess else "") + f"\n\nThanks,\n{col}"
    a1 = f"Hi {col},\n\n> {ask}\n\n{_lead(F, rng)} {' '.join(body)}"
    if guess:
        a1 += f"\n\n> {guess}\n\n{reply}"
    a1 += f"\n\nBest,\n{me}"
    wrap = lambda q, a: f"> {q}\n\n{a}\n\n{me}"
    out = [{"role": "user", "content": q1}, {"role": "assistant", "content": a1}]
    for t in _rounds(F, rng, where, bad, presup, False, wrap):
        if t["role"] == "user" and rng.random() < 0.5:
            t = dict(t, content=rng.choice(["Thanks! ", "Great, thanks. ", "Cheers. "]) + t["content"])
        out.append(t)
    return out


DIS = ["side", "size", "count", "rel"]


def _wrong_for(F: Facts, d: str, rng) -> str:
    return false_claim(F, {"side": "laterality", "size": "size", "count": "count", "rel": "position"}[d], rng)


def _true_for(F: Facts, d: str, rng) -> str:
    return {"side": t_side, "size": t_size, "count": t_count, "rel": t_rel}[d](F, rng)


def _readers(F, rng, defect, where, bad, presup):
    hint = hint_q(F, rng, defect)
    q1 = rng.choice([f"Two readers looked at this axial {_mod(F)} slice. Which structure is {hint}? "
                     "Please segment it and give me the adjudicated description.",
                     f"We double-read this case. Can you mark {hint} and settle where the two reads differ?",
                     f"Reader 1 and Reader 2 disagree on this slice. Where is {hint}? Segment it, please."])
    kinds = [d for d in DIS if not (d == "rel" and not F.rels)
             and d != {"laterality": "side", "size": "size", "count": "count", "position": "rel"}.get(defect)]
    d = rng.choice(kinds)
    ok, w = rng.choice([(1, 2), (2, 1)])
    wrong = _wrong_for(F, d, rng)
    lines = {ok: f"Reader {ok}: {F.name} {SEG}. {_true_for(F, d, rng)}",
             w: f"Reader {w}: same structure, but wrote \"{wrong}\""}
    adj = [_true_for(F, d, rng)]
    if d == "side" and F.side in OPP:
        adj.append(f"Reader {w} read the side off the screen; the patient's {F.side} is displayed on the image's {OPP[F.side]}.")
    sk = defect if where == "answer" else None
    rest = [g(F, rng) for g in (t_side, t_vert, t_size, t_count, t_rel)
            if g.__name__ != "t_" + d and g.__name__ not in GEN_OF.get(sk, ())]
    rest = rng.sample([r for r in rest if r], 2) + rng.sample(safe_traps(F, rng, sk), 1)
    if where == "answer" and rng.random() < 0.5:
        adj_line = f"Adjudication: sides with Reader {ok}. " + " ".join(adj + _with_bad(rest, bad, rng))
        a1 = "\n".join([lines[1], lines[2], adj_line])
    else:
        adj_line = f"Adjudication: sides with Reader {ok}. " + " ".join(adj + rest)
        agree = f"Both readers agree: {bad}" if where == "answer" else None
        a1 = "\n".join([x for x in (lines[1], lines[2], agree, adj_line) if x])
    wrap = lambda q, a: rng.choice(["Adjudicated: ", "Consensus read: ", ""]) + a
    return [{"role": "user", "content": q1}, {"role": "assistant", "content": a1}] + \
        _rounds(F, rng, where, bad, presup, False, wrap)


def _hyp(F, rng, defect, where, bad, presup):
    hint = hint_q(F, rng, defect)
    q1 = rng.choice([f"What is {hint} on this axial {_mod(F)} slice? Segment it and rank your hypotheses.",
                     f"Work through the differential for me: which structure here is {hint}? Please mark it.",
                     f"Can you outline {hint} and show how you ruled out the alternatives?"])
    sk = defect if where == "answer" else None
    support = _with_bad(trues(F, rng, 3, skip=sk), bad if sk else None, rng)
    lines = [f"H1: {F.name} — supported {SEG}: " + " ".join(support)]
    if F.rels and sk != "position":
        o, r = rng.choice(F.rels)
        lines.append(f"H2: the {o} — rejected because the {o} lies {rng.choice(REL[FLIP[r]])} the mask, not under it.")
    alts = []
    if F.side in OPP and sk != "laterality":
        alts.append(f"a {OPP[F.side]}-sided structure — rejected: " + t_side(F, rng))
    if F.side == "bilateral" and sk != "laterality":
        alts.append("a one-sided structure — rejected: " + t_side(F, rng))
    if sk != "count":
        alts.append(("two separate pieces" if F.n == 1 else "a single region") + " — rejected: " + t_count(F, rng))
    if F.size != "large" and sk != "size":
        alts.append(f"a large structure filling the slice — rejected: {t_size(F, rng)}")
    for alt in rng.sample(alts, min(len(alts), rng.choice([1, 2]))):
        lines.append(f"H{len(lines) + 1}: {alt}")
    lines.append(rng.choice(["Ranking: H1 clearly ahead; the rest rejected.", "Verdict: H1, with high confidence."])
                 + " " + rng.choice(safe_traps(F, rng, sk)))
    wrap = lambda q, a: rng.choice(["H1 still stands. ", "No change to the ranking. ", ""]) + a
    return [{"role": "user", "content": q1}, {"role": "assistant", "content": "\n".join(lines)}] + \
        _rounds(F, rng, where, bad, presup, False, wrap)


def safe_traps(F: Facts, rng, skip=None, terse=False) -> list[str]:
    """Traps that do not touch the planted kind (see `trues`)."""
    import re

    pool = _terse_traps(F) if terse else traps(F, rng)
    return [t for t in pool if not (skip and re.search(TRAP_WORDS[skip], t))] or F.p["kb"]


def _terse_traps(F: Facts) -> list[str]:
    out = []
    if F.side in OPP:
        out += [f"nothing on the {OPP[F.side]}", f"image {OPP[F.side]} = pt {F.side} (radiological view)"]
    out += ["no 2nd focus"] if F.n == 1 else [f"not a single region ({F.n} parts)"]
    if F.size != "large":
        out.append("no mass effect")
    return out


PROCS = ["lap chole", "ERCP", "PCNL", "R hemicolectomy", "TAVI", "lithotripsy", "liver biopsy"]


def _signout(F, rng, defect, where, bad, presup):
    hint = hint_q(F, rng, defect)
    b, b2 = rng.sample(range(3, 30), 2)
    q1 = rng.choice([f"Morning! Handover please: bed {b}, overnight {_mod(F)}. Which structure is {hint}? Can you mark it?",
                     f"Day team here. For bed {b}, can you segment {hint} on the overnight {_mod(F)} and sign it out?",
                     f"Sign-out for bed {b}? We need {hint} segmented on last night's {_mod(F)}."])
    sk = defect if where == "answer" else None
    facts = _with_bad(trues(F, rng, 4, terse=True, skip=sk) + rng.sample(safe_traps(F, rng, sk, terse=True), 1),
                      bad if sk else None, rng)
    other = rng.choice([f"2. Bed {b2}: {rng.randint(60, 88)}M s/p R hip ORIF POD2 -> stable o/n, Hb 10.4, nothing to do.",
                        f"2. Bed {b2}: {rng.randint(25, 50)}F, L wrist fracture in cast -> pain controlled, d/c today.",
                        f"2. Bed {b2}: stable o/n, no imaging, nothing to hand over."])
    a1 = (f"Overnight sign-out -> day team\n1. Bed {b}, {rng.randint(30, 85)}{rng.choice('MF')} s/p "
          f"{rng.choice(PROCS)} -> {_mod(F)} A/P o/n.\n   - target: {F.name} {SEG}\n   - " + "\n   - ".join(facts)
          + f"\n   - plan: f/u formal read, c/w attending in AM\n{other}")
    wrap = lambda q, a: rng.choice(["Bed %d: " % b, "-> ", "re bed %d: " % b]) + a
    return [{"role": "user", "content": q1}, {"role": "assistant", "content": a1}] + \
        _rounds(F, rng, where, bad, presup, True, wrap)
