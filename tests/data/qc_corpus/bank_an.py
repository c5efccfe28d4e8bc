"""Bank AN (helper qcan): structured LLM replies (markdown bullets, a markdown table, a JSON object,
one hedged paragraph) about eleven new targets in neck, thorax, abdomen, pelvis and head (axial "LP"),
one of them unknown to the knowledge base ("ovarian cyst"). Written blind: nothing from medseg_qa.qc.
Facts come from synthetic ellipse masks measured by `medseg_qa.facts.compute_facts`; prose is written
from those facts. first measure: 203/210 defects caught (96.7%), 23/210 clean flagged (11.0%; fp flags:
names_target 10, laterality 28). Then, re-reading this module (not the misses), one corpus bug was found: a
clean left-lung question said "pneumothorax", a prefixed form ("pneumo-") of the target; reworded. Second
measure: 203/210 caught (96.7%), 15/210 clean flagged (7.1%; fp flags: laterality 28).
"""

from __future__ import annotations

import json
import random

import numpy as np

SEG = "[SEG]"
H = W = 256
OPP = {"left": "right", "right": "left"}
# target, region, modality, ellipses (cx, cy, rx, ry in image fractions, LP: x to patient left, y posterior),
# neighbour centroids, question clues (never naming the target), giveaways
PROFILES = [
    dict(target="spleen", region="abdomen", mod="CT", ell=[(0.76, 0.62, 0.09, 0.12)],
         others={"liver": (0.28, 0.5), "stomach": (0.62, 0.4)},
         fn=["filters old red cells from the blood and sits under the lower ribs",
             "is often injured in blunt trauma to the flank and can bleed heavily"],
         give=["spleen", "splenic", "splenomegaly"]),
    dict(target="kidney", region="abdomen", mod="CT", ell=[(0.3, 0.66, 0.06, 0.08), (0.7, 0.66, 0.06, 0.08)],
         others={"aorta": (0.52, 0.62)}, fn=["filters the blood and makes urine",
                                             "fails slowly in long-standing diabetes, with a rising creatinine"],
         give=["kidneys", "renal", "nephric"]),
    dict(target="gallbladder", region="abdomen", mod="CT", ell=[(0.32, 0.42, 0.035, 0.045)],
         others={"spleen": (0.76, 0.6)}, fn=["stores and concentrates bile between meals",
                                             "causes colicky pain after fatty meals when stones block it"],
         give=["gallbladder", "gall bladder", "cholecystitis"]),
    dict(target="urinary bladder", region="pelvis", mod="CT", ell=[(0.5, 0.38, 0.1, 0.08)],
         others={"rectum": (0.5, 0.75)}, fn=["stores urine until it is voided",
                                             "is catheterised after surgery when a patient cannot void"],
         give=["bladder", "vesical", "cystoscopy"]),
    dict(target="thyroid gland", region="neck", mod="CT", ell=[(0.5, 0.3, 0.1, 0.035)],
         others={"spinal cord": (0.5, 0.75)}, fn=["makes the hormones that set the metabolic rate",
                                                   "swells into a goitre when iodine intake is low"],
         give=["thyroid", "thyroidal", "goitre of the thyroid"]),
    dict(target="left lung", region="thorax", mod="CT", ell=[(0.74, 0.5, 0.16, 0.26)],
         others={"heart": (0.55, 0.4)}, fn=["exchanges oxygen and carbon dioxide on the patient's left",
                                             "collapses after a stab wound to the left chest, with air in the pleural space"],
         give=["left lung", "pulmonary", "lung"]),
    dict(target="heart", region="thorax", mod="CT", ell=[(0.56, 0.4, 0.13, 0.11)],
         others={"aorta": (0.5, 0.66), "left lung": (0.78, 0.5)},
         fn=["pumps blood around the body", "fails after a large infarct, with breathlessness and swollen ankles"],
         give=["heart", "cardiac", "myocardial"]),
    dict(target="trachea", region="thorax", mod="CT", ell=[(0.5, 0.33, 0.035, 0.035)],
         others={"esophagus": (0.52, 0.45)}, fn=["carries inspired air down to the bronchi",
                                                 "is intubated during general anaesthesia"],
         give=["trachea", "tracheal", "windpipe"]),
    dict(target="esophagus", region="thorax", mod="CT", ell=[(0.53, 0.52, 0.025, 0.028)],
         others={"trachea": (0.5, 0.33), "aorta": (0.58, 0.62)},
         fn=["carries swallowed food down to the stomach", "narrows in achalasia so that solids stick"],
         give=["esophagus", "oesophageal", "gullet"]),
    dict(target="liver", region="abdomen", mod="CT", ell=[(0.3, 0.5, 0.2, 0.22)],
         others={"spleen": (0.76, 0.6)}, fn=["makes bile and clotting proteins and clears toxins",
                                             "turns nodular and scarred after years of heavy drinking"],
         give=["liver", "hepatic", "hepatomegaly"]),
    dict(target="aorta", region="abdomen", mod="CT", ell=[(0.53, 0.6, 0.03, 0.03)],
         others={"liver": (0.3, 0.5), "spleen": (0.76, 0.6)},
         fn=["is the main artery leaving the left ventricle", "can balloon into an aneurysm in older smokers"],
         give=["aorta", "aortic", "AAA"]),
    dict(target="lateral ventricle", region="head", mod="MR", ell=[(0.42, 0.47, 0.03, 0.1), (0.58, 0.47, 0.03, 0.1)],
         others={"fourth ventricle": (0.5, 0.7)}, fn=["holds cerebrospinal fluid in each hemisphere",
                                                       "enlarges in hydrocephalus, seen as ballooned fluid spaces"],
         give=["lateral ventricles", "ventricular", "ventricle"]),
    dict(target="ovarian cyst", region="pelvis", mod="MR", ell=[(0.7, 0.55, 0.07, 0.07)],
         others={"urinary bladder": (0.5, 0.38)}, fn=["is a fluid-filled adnexal lesion causing pelvic pain in a young woman",
                                                        "was found by chance in a woman with cyclical pelvic pain"],
         give=["ovarian cyst", "ovarian", "ovary"]),
]
STYLES = ["bullets", "table", "json", "prose"]
REL = {"left_of": ["to the patient's left of", "on the left of"], "right_of": ["to the patient's right of", "on the right of"],
       "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
OTHER_FACTS = ["The liver normally sits on the right, under the diaphragm.",
               "By convention the spleen lies on the left, behind the stomach.",
               "The heart's apex usually points to the patient's left.",
               "The aorta descends just left of the spine in most adults.",
               "The inferior vena cava runs on the right side of the aorta."]
CONVENTION = ["In the radiological convention the patient's left is shown on the image's right.",
              "Remember that axial CT is viewed from the feet, so image right is patient left.",
              "Note the display: the patient's right appears on the left of the screen."]
POPULATION = ["Roughly 1 in 10 adults has an incidental finding somewhere on a CT like this.",
              "Normal variants are seen in perhaps 20% of people.",
              "In textbooks, about 5% of scans show some anatomical variation here."]


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": "LP"}


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:H, 0:W]
    m = np.zeros((H, W), bool)
    j = rng.uniform(0.95, 1.05)
    for cx, cy, rx, ry in p["ell"]:
        m |= ((xx - cx * W) / (rx * W * j)) ** 2 + ((yy - cy * H) / (ry * H * j)) ** 2 <= 1
    return compute_facts(m, "LP", others=dict(p["others"])).model_dump(mode="json")


def _side_true(f, rng):
    s = f["laterality"]
    if s == "bilateral":
        return rng.choice(["present on both sides", "bilateral, one on each side", "seen on the left and the right"])
    if s == "midline":
        return rng.choice(["midline", "in the midline, not off to either side", "centred on the midline"])
    return rng.choice([f"{s}", f"patient's {s}", f"on the {s} side", f"{s}-sided"])


def _side_false(f, rng):
    s = f["laterality"]
    if s == "bilateral":
        return rng.choice(["right side only", "only on the left", "one-sided (right)"])
    if s == "midline":
        return rng.choice(["well off to the patient's right", "clearly on the left, away from the midline"])
    o = OPP[s]
    return rng.choice([o, f"patient's {o}", f"on the {o} side", f"{o}-sided"])


def _vert(v, rng):
    return {"anterior": rng.choice(["anterior", "toward the front", "ventral"]),
            "posterior": rng.choice(["posterior", "toward the back", "dorsal"]),
            "central": rng.choice(["central front-to-back", "mid-depth, neither front nor back"])}[v]


def _size_true(f, rng):
    pct = f["area_fraction"] * 100
    return rng.choice([f"{f['size_class']}", f"{f['size_class']} (about {pct:.1f}% of the image)",
                       f"roughly {pct:.1f}% of the slice", f"{f['size_class']}, around {pct:.1f} percent of the image"])


def _size_false(f, rng):
    if f["size_class"] == "large":
        return rng.choice(["tiny", "small (about 0.3% of the image)", "under 1% of the slice"])
    if f["size_class"] == "small":
        return rng.choice(["large", "huge (about 35% of the image)", "roughly 40% of the slice"])
    return rng.choice(["massive, about 45% of the image", "about 0.05% of the image, a dot"])


def _count_true(n, rng):
    if n == 1:
        return rng.choice(["1 (a single connected region)", "one piece", "single, no second focus"])
    return rng.choice([f"{n} separate regions", f"{n} (not one piece)", f"{n} distinct parts"])


def _count_false(n, rng):
    return rng.choice(["2 separate parts", "three distinct foci", "several islands"]) if n == 1 else \
        rng.choice(["1 (a single connected region)", "one contiguous piece", "a single focus"])


def _rel(f, rng, wrong=False):
    r = rng.choice(f["relations"])
    kind = FLIP[r["relation"]] if wrong else r["relation"]
    return f"{rng.choice(REL[kind])} the {r['other']}"


def _question(p, rng, give=None):
    fn = rng.choice(p["fn"])
    what = f"the {give}" if give else rng.choice(["the structure", "the part", "the region"])
    frames = [f"Which structure on this scan {fn}? Please segment it and answer in a structured way.",
              f"Can you find {what} that {fn} and mark it? A structured reply please.",
              f"I need {what} which {fn}. Where is it on this image, and can you outline it?",
              f"Please locate and segment {what} that {fn}; can you summarise its position and size?"]
    return rng.choice(frames[1:] if give else frames)


def _traps(p, f, rng):
    t = [rng.choice(CONVENTION), rng.choice(OTHER_FACTS), rng.choice(POPULATION)]
    s = f["laterality"]
    if s in OPP:
        t.append(rng.choice([f"It is not on the {OPP[s]}.", f"Nothing is seen on the {OPP[s]} side.",
                             f"There is no {OPP[s]}-sided counterpart in this mask."]))
    t.append("No second focus is seen." if f["components"] == 1 else
             f"It is not a single piece: there are {f['components']} regions.")
    if f["size_class"] == "large":
        t.append("For comparison, the adrenal glands are far smaller than this.")
    else:
        t.append("It is smaller than the liver, which is the largest solid organ.")
    return t


def _fields(p, f, rng):
    """(name, value) pairs, all true."""
    out = [("Structure", p["target"]), ("Side", _side_true(f, rng))]
    if f["vertical"] in ("anterior", "posterior", "central"):
        out.append(("Position", _vert(f["vertical"], rng)))
    out += [("Size", _size_true(f, rng)), ("Regions", _count_true(f["components"], rng))]
    if f["relations"]:
        out.append(("Relation", _rel(f, rng)))
    return out


def _render(style, p, f, fields, traps, rng):
    lead = rng.choice([f"Here it is {SEG}.", f"Segmented {SEG}.", f"I have outlined it {SEG}."])
    if style == "bullets":
        return "\n".join([lead] + [f"- **{k}:** {v}" for k, v in fields] + [f"- **Note:** {t}" for t in traps])
    if style == "table":
        rows = "\n".join(f"| {k} | {v} |" for k, v in fields)
        return f"{lead}\n\n| Attribute | Value |\n|---|---|\n{rows}\n\n" + " ".join(traps)
    if style == "json":
        obj = {k.lower(): v for k, v in fields}
        return f"{lead}\n```json\n{json.dumps(obj, indent=2)}\n```\n" + " ".join(traps)
    frames = {"Structure": "This is most likely the {v}", "Side": "it appears to lie {v}",
              "Position": "its position is {v}", "Size": "in size it is {v}",
              "Regions": "region count: {v}", "Relation": "and it probably sits {v}"}
    body = "; ".join(frames[k].format(v=v) for k, v in fields)
    return f"{lead} {body}. " + " ".join(traps)


def _false_field(kind, f, rng):
    if kind == "laterality":
        return "Side", _side_false(f, rng)
    if kind == "size":
        return "Size", _size_false(f, rng)
    if kind == "count":
        return "Regions", _count_false(f["components"], rng)
    if f["vertical"] in ("anterior", "posterior") and (not f["relations"] or rng.random() < 0.5):
        return "Position", _vert({"anterior": "posterior", "posterior": "anterior"}[f["vertical"]], rng)
    return "Relation", _rel(f, rng, wrong=True)


def _user_wrong(kind, f, rng):
    k, v = _false_field(kind, f, rng)
    return rng.choice([f"Thanks. Why is it {v} here ({k.lower()})?", f"Interesting - so it is {v}. Is that typical?",
                       f"Given that it is {v}, what does that mean clinically?"])


def build(p, f, style, rng, defect):
    if defect == "position" and f["vertical"] not in ("anterior", "posterior") and not f["relations"]:
        defect = "size"  # nothing positional to falsify for this mask
    traps = rng.sample(_traps(p, f, rng), k=3)
    fields = _fields(p, f, rng)
    where = rng.choice(["answer", "answer", "answer", "follow", "user"]) if defect and defect != "names_target" else "answer"
    if defect and defect != "names_target" and where == "answer":
        k, v = _false_field(defect, f, rng)
        fields = [(kk, v if kk == k else vv) for kk, vv in fields]
        if k not in dict(fields):
            fields.append((k, v))
    give = rng.choice(p["give"]) if defect == "names_target" else None
    turns = [{"role": "user", "content": _question(p, rng, give)},
             {"role": "assistant", "content": _render(style, p, f, fields, traps, rng)}]
    rounds = rng.choice([1, 2, 2, 3]) if where == "answer" else rng.choice([2, 3])
    follow_qs = ["Which side?", "Why?", "How big is it?", "Is it all one piece, or several?",
                 "Could you confirm where it sits relative to its neighbours?"]
    for r in range(1, rounds):
        if defect and where == "user" and r == 1:
            q = _user_wrong(defect, f, rng)
            a = rng.choice(["Let me restate the measured facts.", "Here is what the mask shows."])
            a += " " + "; ".join(f"{k}: {v}" for k, v in _fields(p, f, rng)[1:]) + "."
        else:
            q = rng.choice(follow_qs)
            if q == "Which side?":
                q = "Which side is it on? Please be specific."
            if q == "Why?":
                q = "Why do you say that? Please explain briefly."
            kv = _fields(p, f, rng)[1:]
            if defect and where == "follow" and r == rounds - 1:
                k, v = _false_field(defect, f, rng)
                kv = [(kk, v if kk == k else vv) for kk, vv in kv]
                if k not in dict(kv):
                    kv.append((k, v))
            a = rng.choice(["Yes, that is right. ", "Sure. ", "To confirm: "]) + \
                "; ".join(f"{k}: {v}" for k, v in kv) + ". " + rng.choice(_traps(p, f, rng))
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    return turns, ([defect] if defect else [])
