"""Bank CB: abdominal and pelvic CT (axial "LP", some coronal "LI") in four registers new to the corpus:
an HTML-formatted web-chatbot answer, XML-tagged output followed by a plain sentence, a true/false quiz
(false statements are marked false and corrected in clean rows) and a LaTeX-flavoured teaching note.

Written blind (helper qccb): without opening the QC rules, their tests, other banks or their rows. Facts are
the product's own measurement (`medseg_qa.facts.compute_facts`) of synthetic ellipse masks; every sentence
about the mask is written from those facts. Targets: liver, spleen, kidneys (both, left, right), pancreas,
stomach (one or two pieces), aorta, inferior vena cava, urinary bladder, gallbladder, adrenal glands (both,
left), psoas muscles ("iliopsoas", both) and "splenule" (accessory spleen), a label the knowledge base does
not know (one to three small pieces). Defects: exactly one false claim per defective row; about a fifth of
the side/position/size/count defects sit in a user follow-up question the reply does not correct, about a
fifth only in a follow-up answer.

first measure: not taken by the writer (the lead measures once after merging).
"""

from __future__ import annotations

import random

import numpy as np

W = H = 256
KINDS = ["laterality", "position", "size", "count", "names_target"]
STYLES = ["html", "xml", "quiz", "latex"]

_LP = {"liver": (0.3, 0.4), "spleen": (0.75, 0.55), "aorta": (0.53, 0.64), "vertebral body": (0.5, 0.73),
       "stomach": (0.68, 0.33), "right kidney": (0.33, 0.64), "left kidney": (0.67, 0.64),
       "gallbladder": (0.28, 0.47), "inferior vena cava": (0.43, 0.62), "pancreas": (0.56, 0.48)}
_PELVIS = {"rectum": (0.5, 0.74), "left femoral head": (0.76, 0.56), "right femoral head": (0.24, 0.56)}
_LI = {"liver": (0.3, 0.3), "spleen": (0.74, 0.3), "urinary bladder": (0.5, 0.86), "heart": (0.52, 0.08),
       "l3 vertebra": (0.5, 0.6)}


def _p(target, name, noun, blobs, fn, give, why, other, pop, orient="LP", others=None):
    pool = others or (_PELVIS if "bladder" in target and orient == "LP" else _LI if orient == "LI" else _LP)
    return dict(target=target, name=name, noun=noun, blobs=blobs, fn=fn, give=give, why=why, other=other,
                pop=pop, orient=orient, others={k: v for k, v in pool.items() if k != target and k not in name})


PROFILES = [
    _p("liver", "the liver", "organ", [(78, 98, 55, 45)],
       ["stores glycogen, makes bile and clears most drugs from the blood", "would be enlarged and tender in a patient with acute viral jaundice"],
       ["hepatic parenchyma", "hepatic", "liver"], "it receives both arterial and portal venous blood",
       ["The spleen, by contrast, sits in the patient's left upper quadrant.", "The stomach lies mostly on the patient's left."],
       "An adult organ of this kind typically weighs about 1.5 kg."),
    _p("liver", "the liver", "organ", [(80, 80, 50, 42)],
       ["produces bile and albumin", "is scarred in a patient with cirrhosis"],
       ["hepatic lobe", "hepatic", "liver"], "it receives both arterial and portal venous blood",
       ["On a coronal image the heart sits above the diaphragm.", "The urinary bladder lies low in the pelvis, in the midline."],
       "An adult organ of this kind typically weighs about 1.5 kg.", orient="LI"),
    _p("spleen", "the spleen", "organ", [(190, 150, 22, 30)],
       ["removes old red blood cells and holds a reserve of platelets", "may rupture after blunt trauma to the lower left ribs"],
       ["splenic tissue", "splenic", "spleen"], "it is tucked under the lower ribs",
       ["The liver is the larger organ on the opposite, right side.", "The aorta runs just in front of the spine."],
       "In adults this organ is usually about 11-12 cm long."),
    _p("kidney", "both kidneys", "paired organs", [(85, 162, 15, 21), (171, 162, 15, 21)],
       ["filter the blood to make urine", "are affected in a patient with flank pain and blood in the urine"],
       ["renal cortex", "renal", "kidneys"], "they sit in the retroperitoneum on either side of the spine",
       ["The liver occupies most of the patient's right upper abdomen.", "The aorta lies in front of the vertebral body, slightly off centre."],
       "In adults each of these organs is typically 10-12 cm long."),
    _p("kidney", "both kidneys", "paired organs", [(86, 158, 16, 30), (170, 162, 16, 30)],
       ["filter the blood to make urine", "produce erythropoietin"],
       ["renal parenchyma", "renal", "kidneys"], "they sit in the retroperitoneum on either side of the spine",
       ["The heart sits high on a coronal image, above the diaphragm.", "The spleen is in the patient's left upper quadrant."],
       "In adults each of these organs is typically 10-12 cm long.", orient="LI"),
    _p("right kidney", "the right kidney", "organ", [(84, 164, 15, 20)],
       ["filters blood into urine and sits just below the largest solid organ", "would be blocked by a stone at its outlet"],
       ["right renal unit", "renal", "right kidney"], "the liver above it pushes it slightly lower than its partner",
       ["The spleen lies on the far side, in the patient's left upper quadrant.", "The opposite partner organ is usually a little higher."],
       "In adults this organ is typically 10-12 cm long."),
    _p("left kidney", "the left kidney", "organ", [(172, 160, 15, 20)],
       ["filters blood into urine and sits just behind the spleen's lower pole region", "is drained by a vein that crosses in front of the aorta"],
       ["left renal unit", "renal", "left kidney"], "it lies in the retroperitoneum beside the spine",
       ["The liver sits on the patient's right, above its partner organ.", "The inferior vena cava runs on the patient's right of the aorta."],
       "In adults this organ is typically 10-12 cm long."),
    _p("pancreas", "the pancreas", "gland", [(146, 124, 40, 10)],
       ["secretes insulin and digestive enzymes", "would be inflamed in a patient with epigastric pain radiating to the back"],
       ["pancreatic head and tail", "pancreatic", "pancreas"], "it lies across the retroperitoneum behind the stomach",
       ["The gallbladder hangs under the liver on the patient's right.", "The spleen sits at the far left end of this region."],
       "In adults this gland is about 12-15 cm long."),
    _p("stomach", "the stomach", "organ", [(172, 88, 34, 24)],
       ["stores a meal and starts protein digestion with acid", "would be distended after a large meal"],
       ["gastric lumen", "gastric", "stomach"], "it hangs from the oesophagus below the left dome of the diaphragm",
       ["The liver fills most of the patient's right upper abdomen.", "The aorta is a small round structure in front of the spine."],
       "Its capacity in adults is roughly 1-1.5 litres."),
    _p("stomach", "the stomach", "organ", [(160, 84, 20, 16), (198, 118, 14, 12)],
       ["stores a meal and starts protein digestion with acid", "holds the food before it passes to the duodenum"],
       ["gastric fundus and antrum", "gastric", "stomach"], "it curves on itself, so one slice can cut it twice",
       ["The liver fills most of the patient's right upper abdomen.", "The kidneys lie further back on either side of the spine."],
       "Its capacity in adults is roughly 1-1.5 litres."),
    _p("aorta", "the aorta", "vessel", [(129, 166, 9, 9)],
       ["carries oxygenated blood from the heart to the abdominal organs", "would rupture in a patient with sudden tearing back pain"],
       ["aortic lumen", "aortic", "aorta"], "it descends directly in front of the spine",
       ["The inferior vena cava runs beside it on the patient's right.", "The liver lies on the patient's right, anteriorly."],
       "Its normal calibre in adults is under about 3 cm."),
    _p("inferior vena cava", "the inferior vena cava", "vessel", [(108, 158, 10, 8)],
       ["returns blood from the legs and abdomen to the heart", "collapses in a patient who is severely dehydrated"],
       ["IVC", "caval", "vena cava"], "it runs up the right side of the spine to the right atrium",
       ["The aorta runs on its other side, slightly to the patient's left.", "The spleen is far off on the patient's left."],
       "Its diameter normally varies with breathing, roughly 1.5-2.5 cm."),
    _p("urinary bladder", "the urinary bladder", "organ", [(128, 98, 30, 25)],
       ["stores urine until voiding", "is distended in a man with urinary retention"],
       ["vesical lumen", "vesical", "bladder"], "it sits just behind the pubic bones in the pelvis",
       ["The rectum lies behind it, closer to the sacrum.", "The femoral heads sit on both sides, lateral to it."],
       "An adult can usually hold 400-600 mL in it."),
    _p("urinary bladder", "the urinary bladder", "organ", [(128, 220, 26, 20)],
       ["stores urine until voiding", "is distended in a man with urinary retention"],
       ["vesical dome", "vesical", "bladder"], "it sits low in the pelvis behind the pubic bones",
       ["The liver is high on the patient's right in this view.", "The heart is at the very top of a coronal image of the trunk."],
       "An adult can usually hold 400-600 mL in it.", orient="LI"),
    _p("gallbladder", "the gallbladder", "organ", [(74, 122, 10, 15)],
       ["stores and concentrates bile", "would be inflamed in a patient with right upper quadrant pain after fatty meals"],
       ["gall bladder", "cholecystic", "gallbladder"], "it hangs in a fossa under the liver",
       ["The spleen sits on the other side, in the patient's left upper quadrant.", "The aorta lies deeper, in front of the spine."],
       "In adults it holds about 30-50 mL."),
    _p("adrenal gland", "both adrenal glands", "paired glands", [(96, 150, 5, 8), (160, 150, 5, 8)],
       ["make cortisol and epinephrine", "are the source of a catecholamine-secreting tumour"],
       ["suprarenal glands", "adrenal", "adrenals"], "they sit on top of the kidneys",
       ["The liver is the big organ on the patient's right.", "The stomach lies anteriorly on the patient's left."],
       "Each of these glands weighs only about 4-5 g in adults."),
    _p("left adrenal gland", "the left adrenal gland", "gland", [(162, 148, 5, 9)],
       ["makes cortisol and epinephrine and sits beside the aorta", "may hold an incidental nodule on staging CT"],
       ["left suprarenal", "adrenal", "left adrenal"], "it lies just in front of the upper pole of its kidney",
       ["The liver is on the opposite side, the patient's right.", "The inferior vena cava runs on the patient's right of the spine."],
       "Each of these glands weighs only about 4-5 g in adults."),
    _p("iliopsoas", "both psoas muscles", "paired muscles", [(100, 172, 12, 14), (156, 172, 12, 14)],
       ["flex the hip and run along the lumbar spine", "may hold an abscess in a patient with spinal tuberculosis"],
       ["psoas", "psoas", "iliopsoas"], "they run along both sides of the lumbar vertebrae",
       ["The liver lies on the patient's right, higher up.", "The aorta sits in front of the spine, between them."],
       "In young adults each of these muscles is a few centimetres across at L3."),
    _p("splenule", "the splenules", "small nodules", [(206, 140, 6, 6), (214, 168, 5, 5), (196, 182, 4, 4)],
       ["look like small round copies of the blood-filtering organ and are a harmless developmental variant",
        "can be mistaken for enlarged lymph nodes near the left upper quadrant"],
       ["accessory spleen", "accessory splenic", "splenunculi"], "they form from tissue that did not fuse during development",
       ["The liver is on the opposite, right side.", "The stomach sits in front of them on the left."],
       "They are found in roughly 10-15% of people at autopsy."),
]


def record_for(p: dict) -> dict:
    region = "pelvis" if "bladder" in p["target"] and p["orient"] == "LP" else "abdomen"
    return {"modality": "CT", "body_region": region, "orientation": p["orient"]}


def pick_profile(profiles: list, i: int, defect, rng: random.Random) -> dict:
    """Bilateral, midline and multi-region masks get extra weight."""
    heavy = [p for p in profiles if len(p["blobs"]) > 1 or p["target"] in ("aorta", "urinary bladder")]
    return rng.choice(heavy) if rng.random() < 0.35 else rng.choice(profiles)


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:H, 0:W]
    m = np.zeros((H, W), bool)
    dx, dy, s = rng.randint(-3, 3), rng.randint(-3, 3), rng.uniform(0.9, 1.1)
    for cx, cy, rx, ry in p["blobs"]:
        m |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1.0
    return compute_facts(m, p["orient"], others=dict(p["others"])).model_dump(mode="json")


# ---- sentences, written from the facts ---------------------------------------------------------------
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
REL = {"left_of": ["to the patient's left of", "on the patient's left side of"], "right_of": ["to the patient's right of",
       "on the patient's right side of"], "anterior_to": ["in front of", "anterior to"],
       "posterior_to": ["behind", "posterior to"], "superior_to": ["above", "superior to"],
       "inferior_to": ["below", "inferior to"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
        "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
NUM = {1: "one", 2: "two", 3: "three", 4: "four"}


def side_txt(side: str, rng) -> str:
    return rng.choice({
        "left": ["it lies on the patient's left", "it is on the left side of the body",
                 "the structure is left-sided (patient's left)",
                 "it most likely belongs to the patient's left half", "the mask falls in the left side of the patient"],
        "right": ["it lies on the patient's right", "it is on the right side of the body",
                  "the structure is right-sided (patient's right)",
                  "it most likely belongs to the patient's right half", "the mask falls in the right side of the patient"],
        "bilateral": ["it is bilateral, with one part on each side of the spine",
                      "both the patient's left and right sides are involved", "it appears on both sides, left and right",
                      "the segmentation is bilateral, one part to the right of the spine and one to the left"],
        "midline": ["it sits in the midline, centred over the spine", "it is a midline structure, not off to one side",
                    "it lies centrally, straddling the body's midline", "it appears to sit right on the midline"]}[side])


def wrong_side_txt(side: str, rng) -> str:
    if side in ("left", "right"):
        return side_txt(OPP[side], rng)
    lat = rng.choice(["left", "right"])
    if side == "bilateral":
        return rng.choice([f"it is only on the patient's {lat} side", f"it is one-sided, confined to the patient's {lat}"])
    return rng.choice([f"it lies off the midline, on the patient's {lat}", f"it is clearly on the patient's {lat} side"])


def vert_txt(v: str, orient: str, rng) -> str:
    return rng.choice({
        "anterior": ["it lies anteriorly, toward the front of the body", "it sits in the front half of the slice",
                     "it is an anterior structure on this slice, nearer the abdominal wall than the spine"],
        "posterior": ["it lies posteriorly, toward the back", "it sits in the back half of the slice",
                      "it is likely the more dorsal structure here, toward the patient's back"],
        "superior": ["it is in the upper part of the image, toward the head", "it lies superiorly on this coronal view",
                     "it is cranial on this reformat, closer to the diaphragm than to the pelvis"],
        "inferior": ["it is in the lower part of the image, toward the feet", "it lies inferiorly on this coronal view",
                     "it is caudal on this reformat, toward the patient's feet"],
        "central": (["front to back, it sits roughly mid-slice, neither clearly anterior nor posterior"] if orient == "LP"
                    else ["head to foot, it sits roughly halfway down this image"])}[v])


def rel_txt(rel: dict, rng, flip=False) -> str:
    r = FLIP[rel["relation"]] if flip else rel["relation"]
    return f"it lies {rng.choice(REL[r])} the {rel['other']}"


def size_txt(f: dict, rng) -> str:
    pct = f"{100 * f['area_fraction']:.1f}%"
    return rng.choice({
        "small": [f"it is small, about {pct} of the image", f"it is a small structure ({pct} of the slice area)",
                  f"it takes up only about {pct} of the picture, so it counts as small"],
        "medium": [f"it is medium-sized, roughly {pct} of the image", f"it is of moderate size, about {pct} of the slice",
                   f"with an area near {pct} of the image it is intermediate in size, neither small nor large"],
        "large": [f"it is large, covering about {pct} of the image", f"it is a large structure, some {pct} of the slice",
                  f"it occupies a big share of the slice, approximately {pct}"]}[f["size_class"]])


def wrong_size_txt(f: dict, rng) -> str:
    frac, cls = 100 * f["area_fraction"], f["size_class"]
    if rng.random() < 0.5:
        wrong = {"small": "large", "large": "small", "medium": "large" if frac < 2.24 else "small"}[cls]
        return rng.choice([f"it is {wrong}", f"it is a {wrong} structure on this slice"])
    bad = frac * 8 if frac < 3 else frac / 10
    return rng.choice([f"it covers about {bad:.1f}% of the image", f"its area is roughly {bad:.1f}% of the slice"])


def count_txt(n: int, rng) -> str:
    if n == 1:
        return rng.choice(["it is one connected region", "the mask is a single contiguous piece",
                           "there is only one region, with no second focus"])
    return rng.choice([f"it appears as {NUM[n]} separate regions", f"the mask has {NUM[n]} disconnected pieces",
                       f"the segmentation consists of {NUM[n]} distinct components"])


def wrong_count_txt(n: int, rng) -> str:
    if n == 1:
        return rng.choice(["it appears as two separate regions", "the mask is split into two disconnected pieces"])
    return rng.choice(["it is one connected region", "the mask is a single contiguous piece"])


CONVENTION = ["By the radiological convention, the patient's left is shown on the right of the screen.",
              "Remember the display convention: the image's left side is the patient's right."]


def rels_of(f: dict) -> list:
    """Relations worth stating: a bilateral mask's centroid sits between its parts, so only its front/back
    and head/foot relations are meaningful."""
    lateral = ("left_of", "right_of")
    return [r for r in f["relations"] if f["laterality"] != "bilateral" or r["relation"] not in lateral]


def facts_list(p, f, rng) -> dict:
    """True statements about the mask, by fact kind."""
    out = {"side": side_txt(f["laterality"], rng), "vert": vert_txt(f["vertical"], p["orient"], rng),
           "size": size_txt(f, rng), "count": count_txt(f["components"], rng)}
    if rels_of(f):
        out["rel"] = rel_txt(rng.choice(rels_of(f)), rng)
    return out


def false_for(kind, p, f, rng) -> tuple[str, str]:
    """(fact slot, false statement) for a defect kind."""
    if kind == "laterality":
        return "side", wrong_side_txt(f["laterality"], rng)
    if kind == "position":
        if f["vertical"] != "central" and (not rels_of(f) or rng.random() < 0.5):
            return "vert", vert_txt(OPP[f["vertical"]], p["orient"], rng)
        return "rel", rel_txt(rng.choice(rels_of(f)), rng, flip=True)
    if kind == "size":
        return "size", wrong_size_txt(f, rng)
    return "count", wrong_count_txt(f["components"], rng)


def cap(s: str) -> str:
    return s[0].upper() + s[1:]


def first_question(p, rng, defect) -> str:
    where = rng.choice(["on this axial CT slice", "in this CT image", "on this scan"]) if p["orient"] == "LP" else \
        rng.choice(["on this coronal CT reformat", "in this coronal CT image"])
    fn = rng.choice(p["fn"])
    what = p["noun"].split()[-1]
    if defect == "names_target":
        g = p["give"]
        return rng.choice([f"Please segment the {g[0]} {where}. Is it the {what} that {fn}?",
                           f"Can you outline the {g[2]} {where}? I mean the {what} that {fn}.",
                           f"Which {g[1]} structure {where} {fn}? Please mark it."])
    return rng.choice([f"Which {what} {where} {fn}? Please segment it.",
                       f"Could you highlight the {what} {where} that {fn}?",
                       f"I'm studying for an exam: which {what} {where} {fn}? Mark it for me, please."])


# ---- registers ------------------------------------------------------------------------------------
XML = {"side": "laterality", "vert": "position", "rel": "relation", "size": "size", "count": "regions"}
LABEL = {"side": "Side", "vert": "Position", "rel": "Relation", "size": "Size", "count": "Regions"}


def side_word(t: str) -> str:
    """The side a side statement asserts, for an XML attribute."""
    if "both" in t or "bilateral" in t:
        return "bilateral"
    if "midline" in t or "centrally" in t:
        return "midline" if "off the midline" not in t else ("left" if "left" in t else "right")
    return "left" if "left" in t else "right"


def render(style, p, stmts: list[tuple[str, str]], rng, seg: bool, extra: list[str]) -> str:
    """stmts: (slot, text) asserted as true by the answer; extra: true sentences about other things."""
    name = p["name"]
    are = "structures are" if p["noun"].startswith(("paired", "small")) else "structure is"
    head = f"The highlighted {are} {name} [SEG]." if seg else ""
    if style == "html":
        if not stmts:
            body = ""
        elif rng.random() < 0.5:
            items = "".join(f"<li><b>{LABEL[k]}:</b> {t}.</li>" for k, t in stmts)
            body = f"<ul>{items}</ul>"
        else:
            body = "<table>" + "".join(f"<tr><td>{LABEL[k]}</td><td>{cap(t)}.</td></tr>" for k, t in stmts) + "</table>"
        more = "".join(f"<p>{e}</p>" for e in extra)
        top = (rng.choice([f"<p>{head}</p>", f"<h3>Segmentation result</h3><p>{head}</p>", f"<p><b>Answer:</b> {head}</p>"])
               if seg else rng.choice(["<p>Sure, here is more detail.</p>", "<p>Good follow-up question!</p>", ""]))
        return top + body + more or "<p>Happy to help with that.</p>"
    if style == "xml":
        tags = "".join(f'<finding side="{side_word(t)}">{t}</finding>' if k == "side" and rng.random() < 0.6
                       else f"<{XML[k]}>{t}</{XML[k]}>" for k, t in stmts)
        tail = " ".join(extra) or rng.choice(["Let me know if you need anything else.",
                                              "In plain words: the tags above are the answer.",
                                              "Hope this helps with your revision."])
        if not (seg or tags):
            return tail
        return f"<answer>{'<target>' + name + ' [SEG]</target>' if seg else ''}{tags}</answer>\n{tail}"
    if style == "quiz":
        lines = [head] if head else []
        if stmts and rng.random() < 0.5:
            lines.append(rng.choice(["Quick self-test:", "Check yourself:", "Quiz time, answers given after the dash:"]))
        for k, t in stmts:
            lines.append(f"True or false: {t}. \u2014 True.")
        return "\n".join(lines + extra)
    # latex
    items = "".join(f"\n  \\item \\textbf{{{LABEL[k]}}}: {t}." for k, t in stmts)
    items = items.replace("%", "\\%")
    if not stmts:
        return " ".join(extra)
    top = (rng.choice(["\\textbf{Answer.}", "\\section*{Teaching point}", "\\paragraph{Solution.}"]) + f" {head}"
           if seg else rng.choice(["\\textbf{Note.}", "\\paragraph{Follow-up.}"]))
    return (f"{top}\n\\begin{{itemize}}{items}\n\\end{{itemize}}\n" + " ".join(extra)).strip()


def quiz_false_item(p, f, rng) -> str:
    """A false statement, explicitly marked false and corrected (clean quiz rows)."""
    slot = rng.choice(["side", "count"] + (["vert"] if f["vertical"] != "central" else []))
    if slot == "side":
        bad, good = wrong_side_txt(f["laterality"], rng), side_txt(f["laterality"], rng)
    elif slot == "vert":
        bad, good = vert_txt(OPP[f["vertical"]], p["orient"], rng), vert_txt(f["vertical"], p["orient"], rng)
    else:
        bad, good = wrong_count_txt(f["components"], rng), count_txt(f["components"], rng)
    return f"True or false: {bad}. \u2014 False: {good}."


def negation(f, rng) -> str:
    side = f["laterality"]
    if side in ("left", "right"):
        return f"It is not on the patient's {OPP[side]}."
    if side == "bilateral":
        return "It is not confined to one side."
    return rng.choice(["It is not off to either side.", "Neither side dominates; it is not lateral."])


def build(p: dict, f: dict, style: str, rng: random.Random, defect):
    true = facts_list(p, f, rng)
    slots = list(true)
    rng.shuffle(slots)
    where = "first"
    bad = None
    if defect and defect != "names_target":
        slot, bad = false_for(defect, p, f, rng)
        r = rng.random()
        where = "user" if r < 0.2 else "followup" if r < 0.4 else "first"
        slots = [s for s in slots if s != slot]
    first_slots = slots[:3]
    later = slots[3:]
    stmts = [(s, true[s]) for s in first_slots]
    if bad and where == "first":
        stmts.insert(rng.randrange(len(stmts) + 1), (slot, bad))
    extra = []
    if rng.random() < 0.6:
        extra.append(rng.choice(CONVENTION))
    if rng.random() < 0.6:
        extra.append(rng.choice(p["other"]))
    if p["target"] != "liver" and rng.random() < 0.3:
        extra.append(rng.choice(["It is likely smaller than the liver would be on a comparable slice.",
                                 "Compared with the liver, it is a much smaller structure."]))
    if style == "quiz" and not defect and rng.random() < 0.8:
        extra.append(quiz_false_item(p, f, rng))
    turns = [{"role": "user", "content": first_question(p, rng, defect)},
             {"role": "assistant", "content": render(style, p, stmts, rng, True, extra)}]
    n_rounds = rng.choice([2, 2, 3]) if where == "first" else 2 if where != "followup" or rng.random() < 0.5 else 3
    kinds = ["why", "slot", "pop", "neg"]
    rng.shuffle(kinds)  # no follow-up kind twice in one conversation
    for rnd in range(1, n_rounds):
        last = rnd == n_rounds - 1
        if bad and where == "user" and last:
            q = rng.choice([f"You said it before, so why is it that {bad}?",
                            f"Given that {bad}, what does that tell me clinically?",
                            f"Since {bad}, would that be normal?"])
            a_extra = [rng.choice(["Good question.", "That is a fair point to raise."]), p["pop"],
                       "Individual anatomy varies, so compare with prior imaging if available."]
            turns += [{"role": "user", "content": q},
                      {"role": "assistant", "content": render(style, p, [], rng, False, a_extra)}]
            continue
        if bad and where == "followup" and last:
            ask = {"side": "Which side is it on?", "vert": "Where is it, front to back?" if p["orient"] == "LP" else "Is it high or low on this view?",
                   "rel": "How does it relate to its neighbours?", "size": "How big is it?",
                   "count": "Is it one piece or several?"}[slot]
            turns += [{"role": "user", "content": ask},
                      {"role": "assistant", "content": render(style, p, [(slot, bad)], rng, False, [])}]
            continue
        kind = kinds.pop()
        side_free = "side" not in [s for s, _ in stmts] + [slot if bad else ""]
        if (kind == "slot" and not later) or (kind == "neg" and not side_free):
            kind = "why" if "why" in kinds else "pop"
            kinds.remove(kind)
        if kind == "slot":
            s = later.pop()
            q = {"side": rng.choice(["Which side is it?", "Left or right?"]),
                 "vert": rng.choice(["Front or back?", "Is it toward the front?"] if p["orient"] == "LP"
                                    else ["Is it high or low in the picture?", "Head end or foot end?"]),
                 "rel": "What is it next to?", "size": rng.choice(["How big is it?", "Is it large?"]),
                 "count": rng.choice(["Is it one piece?", "How many separate parts does the mask have?"])}[s]
            turns += [{"role": "user", "content": q},
                      {"role": "assistant", "content": render(style, p, [(s, true[s])], rng, False, [])}]
        elif kind == "neg":
            turns += [{"role": "user", "content": rng.choice(["Is it on the other side?", "So which side again?"])},
                      {"role": "assistant", "content": render(style, p, [("side", true["side"])], rng, False,
                                                              [negation(f, rng)])}]
        elif kind == "pop":
            turns += [{"role": "user", "content": "What is a normal size for this in adults?"},
                      {"role": "assistant", "content": render(style, p, [], rng, False,
                                                              [p["pop"], "Sizes vary with body habitus, so treat this as a rough guide."])}]
        else:
            turns += [{"role": "user", "content": rng.choice(["Why is that?", "Why is it located there?", "Why does it sit where it does?"])},
                      {"role": "assistant", "content": render(style, p, [], rng, False,
                                                              [f"Probably because {p['why']}.", rng.choice(p["other"])])}]
    return turns, ([defect] if defect else [])
