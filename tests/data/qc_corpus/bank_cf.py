"""Bank CF: abdominal CT and MR (axial "LP", some coronal "LI") in four registers new to the corpus: Anki-style
cloze flashcards, a customer-support medical chatbot, an ASCII sketch of the slice with a caption, and a
self-dialogue of rhetorical questions answered at once.

Written blind (never opened the QC rules, their tests, other banks or their rows). Facts are the product's own
measurement (`medseg_qa.facts.compute_facts`) of synthetic masks drawn inside a synthetic body outline; every
sentence about the target is written from those facts. Defective rows hold exactly one false claim, in an
answer or (about a fifth of side/position/size/count defects) presupposed by a user turn the reply leaves
uncorrected. First measure: not taken by the writer (the lead measures once after merging).
"""

from __future__ import annotations

import random

import numpy as np

W = H = 256
STYLES = ["cloze", "support", "sketch", "selftalk"]
_LAST: dict = {}  # the mask drawn by the latest facts_for, for the ASCII sketch of the same row

# blobs: (cx, cy, rx, ry) in pixels; "pieces" lists alternative blob sets drawn at random
PROFILES = [
    {"target": "liver", "plane": "axial", "mod": "CT", "pieces": [[(78, 112, 46, 52)], [(78, 115, 44, 50), (136, 78, 14, 10)]],
     "clue": ["the organ that makes bile, stores glycogen and clears ammonia", "the organ that synthesises albumin and clotting factors"],
     "give": ["hepatic", "liver", "hepar", "the hepatic parenchyma"], "norm": "an adult liver typically weighs around 1.4 to 1.6 kg"},
    {"target": "liver", "plane": "coronal", "mod": "MR", "pieces": [[(86, 82, 48, 40)]],
     "clue": ["the organ that detoxifies drugs and produces bile", "the organ whose enzymes rise after a paracetamol overdose"],
     "give": ["hepatic", "liver"], "norm": "an adult liver usually spans about 13 to 17 cm craniocaudally"},
    {"target": "spleen", "plane": "axial", "mod": "CT", "pieces": [[(198, 150, 20, 30)]],
     "clue": ["the organ that filters aged red cells and may rupture after blunt trauma", "the lymphoid organ that enlarges in mononucleosis"],
     "give": ["splenic", "spleen", "lienal"], "norm": "a normal adult spleen is usually under about 12 cm long"},
    {"target": "spleen", "plane": "coronal", "mod": "MR", "pieces": [[(184, 86, 18, 26)]],
     "clue": ["the organ that removes old red blood cells and encapsulated bacteria"],
     "give": ["splenic", "spleen"], "norm": "a normal adult spleen weighs roughly 150 g"},
    {"target": "kidneys", "plane": "axial", "mod": "CT", "pieces": [[(80, 168, 15, 19), (176, 168, 15, 19)]],
     "clue": ["the paired organs that filter blood and make urine", "the paired organs that secrete erythropoietin and regulate blood pressure"],
     "give": ["renal", "kidneys", "nephric"], "norm": "an adult kidney is usually about 10 to 12 cm long"},
    {"target": "kidneys", "plane": "coronal", "mod": "MR", "pieces": [[(90, 152, 15, 26), (166, 148, 15, 26)]],
     "clue": ["the paired organs that filter about 180 litres of plasma a day"],
     "give": ["renal", "kidneys"], "norm": "an adult kidney is usually about 10 to 12 cm long"},
    {"target": "left kidney", "plane": "axial", "mod": "MR", "pieces": [[(177, 166, 15, 19)]],
     "clue": ["the urine-producing organ on one side that a donor might give for transplant"],
     "give": ["left renal", "left kidney", "nephric"], "norm": "an adult kidney is usually about 10 to 12 cm long"},
    {"target": "right kidney", "plane": "axial", "mod": "CT", "pieces": [[(79, 170, 15, 19)]],
     "clue": ["the urine-producing organ that usually sits a little lower because of the organ above it"],
     "give": ["right renal", "right kidney"], "norm": "an adult kidney is usually about 10 to 12 cm long"},
    {"target": "pancreas", "plane": "axial", "mod": "CT", "pieces": [[(140, 128, 32, 8)]],
     "clue": ["the gland that secretes insulin and digestive enzymes", "the gland inflamed in a patient with epigastric pain radiating to the back and a high lipase"],
     "give": ["pancreatic", "pancreas"], "norm": "the adult pancreas is about 12 to 15 cm long"},
    {"target": "stomach", "plane": "axial", "mod": "CT", "pieces": [[(166, 94, 26, 20)]],
     "clue": ["the muscular food reservoir that secretes acid and pepsin", "the organ where a peptic ulcer of the lesser curvature would form"],
     "give": ["gastric", "stomach"], "norm": "an adult's version of this organ holds roughly 1 to 1.5 litres"},
    {"target": "gallbladder", "plane": "axial", "mod": "MR", "pieces": [[(96, 100, 9, 12)]],
     "clue": ["the small sac that stores and concentrates bile", "the structure removed in a patient with symptomatic stones and right upper quadrant pain after fatty meals"],
     "give": ["gallbladder", "cholecystic", "gall bladder"], "norm": "it is normally about 7 to 10 cm long and holds about 50 ml"},
    {"target": "duodenum", "plane": "axial", "mod": "CT", "pieces": [[(108, 126, 9, 9)]],
     "clue": ["the first segment of the small bowel, where bile and pancreatic juice enter"],
     "give": ["duodenal", "duodenum"], "norm": "this bowel segment is roughly 25 cm long in adults"},
    {"target": "colon", "plane": "axial", "mod": "CT", "pieces": [[(56, 140, 13, 13), (204, 140, 12, 12)],
                                                                [(56, 140, 13, 13), (128, 66, 24, 9), (204, 140, 12, 12)]],
     "clue": ["the bowel that absorbs water and forms stool", "the part of the gut examined with a scope passed from below"],
     "give": ["colonic", "colon", "large bowel"], "norm": "this bowel is about 1.5 m long in adults"},
    {"target": "aorta", "plane": "axial", "mod": "CT", "pieces": [[(132, 150, 9, 9)]],
     "clue": ["the main artery carrying oxygenated blood from the heart down to the abdomen", "the vessel that may dilate into an aneurysm in an elderly smoker"],
     "give": ["aortic", "aorta"], "norm": "its abdominal diameter is normally under about 3 cm"},
    {"target": "aorta", "plane": "coronal", "mod": "MR", "pieces": [[(132, 132, 7, 52)]],
     "clue": ["the large elastic artery that runs down in front of the spine"],
     "give": ["aortic", "aorta"], "norm": "its abdominal diameter is normally under about 3 cm"},
    {"target": "adrenal glands", "plane": "axial", "mod": "CT", "pieces": [[(98, 140, 5, 9), (162, 140, 5, 9)]],
     "clue": ["the paired glands that make cortisol and epinephrine", "the small paired glands that a pheochromocytoma arises from"],
     "give": ["adrenal", "suprarenal", "adrenals"], "norm": "each of these glands weighs only about 4 to 5 g"},
    {"target": "psoas muscle", "plane": "axial", "mod": "MR", "pieces": [[(108, 182, 10, 13), (150, 182, 10, 13)]],
     "clue": ["the paired muscles beside the lumbar spine that flex the hip", "the muscles that hurt when a patient with a retroperitoneal abscess extends the hip"],
     "give": ["psoas", "iliopsoas", "psoas major"], "norm": "its cross-section grows from the upper to the lower lumbar levels"},
]
OTHERS = {"axial": {"aorta": (0.52, 0.59), "liver": (0.3, 0.44), "spleen": (0.78, 0.58), "vertebra": (0.5, 0.72)},
          "coronal": {"liver": (0.33, 0.31), "spleen": (0.72, 0.33), "urinary bladder": (0.5, 0.9), "aorta": (0.52, 0.52)}}
OTHER_NAME = {"aorta": "the aorta", "liver": "the liver", "spleen": "the spleen", "vertebra": "the vertebral body",
              "urinary bladder": "the bladder"}
REL = {"left_of": ["to the patient's left of", "on the left side of"], "right_of": ["to the patient's right of", "on the right side of"],
       "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
# true statements about other structures, with sides, sizes and positions (traps)
LORE = {"liver": "The liver, for comparison, normally occupies most of the right upper quadrant.",
        "spleen": "The spleen normally sits high on the left, behind the stomach.",
        "aorta": "The abdominal aorta usually runs just left of the midline, in front of the spine.",
        "kidneys": "The right kidney usually sits a little lower than the left one because the liver lies above it.",
        "gallbladder": "The gallbladder hangs under the right lobe of the liver.",
        "adrenal glands": "The adrenal glands are tiny, capping the upper poles of both kidneys."}


def record_for(p):
    return {"modality": p["mod"], "body_region": "abdomen", "orientation": "LP" if p["plane"] == "axial" else "LI"}


def pick_profile(profiles, i, defect, rng):
    multi = [p for p in profiles if len(p["pieces"][0]) > 1 or len(p["pieces"]) > 1]
    return rng.choice(multi) if rng.random() < 0.1 else rng.choice(profiles)


def facts_for(p, rng):
    """Draw the body and the target's blobs, measure them with the product's compute_facts."""
    from medseg_qa.facts import compute_facts
    from medseg_qa.patient import Body, patient_frame

    yy, xx = np.mgrid[0:H, 0:W]
    brx, bry = (110, 86) if p["plane"] == "axial" else (100, 120)
    body = ((xx - 128) / brx) ** 2 + ((yy - 128) / bry) ** 2 <= 1
    ys, xs = np.nonzero(body)
    b = Body((float(xs.mean()), float(ys.mean())), (int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())),
             int(body.sum()), (False, False, False, False))
    orient = record_for(p)["orientation"]
    while True:
        mask = np.zeros((H, W), bool)
        k = rng.uniform(0.85, 1.2)
        for cx, cy, rx, ry in rng.choice(p["pieces"]):
            cx, cy = cx + rng.uniform(-5, 5), cy + rng.uniform(-5, 5)
            mask |= ((xx - cx) / (rx * k)) ** 2 + ((yy - cy) / (ry * k)) ** 2 <= 1
        mask &= body
        others = {n: c for n, c in OTHERS[p["plane"]].items() if n not in p["target"]}
        f = compute_facts(mask, orient, others=others, frame=patient_frame((H, W), orient, b))
        bf = f.body_fraction
        if bf is not None and min(abs(bf - 0.02), abs(bf - 0.10)) > 0.003:  # keep size classes clear of the bounds
            break
    _LAST["mask"], _LAST["body"] = mask, body
    return f.model_dump(mode="json")


# ---------------------------------------------------------------- fact sentences: (pre, key, post)

def _side(facts, lie=False):
    s = facts["laterality"]
    if lie:
        s = {"left": "right", "right": "left", "midline": random.choice(["left", "right"]),
             "bilateral": random.choice(["left", "right"])}[s]
        if facts["laterality"] == "bilateral":
            return random.choice([("It is found only on the patient's ", s, " side."),
                                  ("The segmented tissue is confined to the ", s, " side; nothing is marked on the other.")])
    if s in ("left", "right"):
        return random.choice([("The mask lies on the patient's ", s, " side."), ("It sits in the ", s, " half of the abdomen."),
                              ("Side: the patient's ", s, "."), ("You will find it on the ", s, " side of the patient."),
                              ("Laterality: ", s, "."), ("It is a ", s, "-sided structure on this slice.")])
    if s == "bilateral":
        return random.choice([("It is ", "bilateral", ": one part on each side of the midline."),
                              ("The mask appears on ", "both sides", " of the patient, left and right."),
                              ("It is present ", "on both the left and the right", "."), ("Laterality: ", "bilateral", " (both sides).")])
    return random.choice([("It lies in the ", "midline", ", not off to one side."),
                          ("It sits roughly ", "in the middle", ", straddling the patient's midline."),
                          ("Laterality: ", "midline", "."), ("It is centred ", "on the midline", " of the body.")])


VWORD = {"anterior": ["toward the front", "anterior"], "posterior": ["toward the back", "posterior"],
         "superior": ["in the upper part", "superior"], "inferior": ["in the lower part", "inferior"],
         "central": ["roughly central", "mid-depth"]}
VLIE = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}


def _vert(facts, plane, lie=False):
    v = facts["vertical"]
    if lie:
        v = VLIE.get(v) or ("anterior" if plane == "axial" else "superior")
        if facts["vertical"] == "central":
            return random.choice([("It lies far ", v, ", well away from the centre of the body."),
                                  ("It is pressed right up against the ", v, " body wall.")])
    axis = "front-to-back" if plane == "axial" else "head-to-foot"
    if v == "central":
        return random.choice([("Along the " + axis + " axis it sits ", "roughly central", "."),
                              ("It is ", "neither clearly anterior nor posterior" if plane == "axial" else "neither high nor low",
                               ", close to the centre of the body.")])
    w = random.choice(VWORD[v])
    return random.choice([("Along the " + axis + " axis it lies ", w, " (" + v + ")." if w != v else "."),
                          ("Its position is ", v, " relative to the centre of the body."),
                          ("It is placed ", v + "ly", " within the body on this slice."),
                          ("Position: ", v, ".")])


def _rel(facts, lie=False):
    r = random.choice(facts["relations"])
    kind = FLIP[r["relation"]] if lie else r["relation"]
    return random.choice([("It lies ", random.choice(REL[kind]), " " + OTHER_NAME[r["other"]] + "."),
                          ("It is located ", random.choice(REL[kind]), " " + OTHER_NAME[r["other"]] + " on this slice."),
                          ("Relative to " + OTHER_NAME[r["other"]] + ", it is ", random.choice(REL[kind]), " it.")])


def _pct(x):
    return f"{x * 100:.1f}" if x >= 0.001 else f"{x * 100:.2f}"


def _size(facts, lie=False):
    c, bf, af = facts["size_class"], facts["body_fraction"], facts["area_fraction"]
    word = {"small": ["small", "a small structure"], "medium": ["medium-sized", "moderate in size"], "large": ["large", "a large structure"]}
    if lie:
        c, bf = ("large", max(0.25, bf * 6)) if c != "large" else ("small", min(0.008, bf / 12))
        af = bf * facts["area_fraction"] / facts["body_fraction"]
    return random.choice([("It is ", random.choice(word[c]), f", about {_pct(bf)}% of the body cross-section."),
                          ("Size: ", c, f" (roughly {_pct(af)}% of the whole image)."),
                          (f"Covering about {_pct(bf)}% of the body's cross-sectional area, it counts as ", c, "."),
                          ("On this slice it is ", c, f"; the mask covers roughly {_pct(bf)}% of the body's cross-section.")])


def _count(facts, lie=False):
    n = facts["components"]
    if lie:
        n = 2 if n == 1 else 1
    if n == 1:
        return random.choice([("The mask is ", "a single connected region", "."), ("It forms ", "one continuous piece", " on this slice."),
                              ("Number of regions: ", "1", "."), ("It shows up as ", "a single region", " here.")])
    num = {2: "two", 3: "three", 4: "four"}.get(n, str(n))
    return random.choice([("The mask consists of ", num + " separate regions", "."), ("On this slice it appears as ", num + " distinct pieces", "."),
                          ("Number of regions: ", str(n), "."), ("It shows up as ", num + " regions", " here.")])


def _negation(facts, key):
    """A true negative sentence (trap) about a fact other than the defective one."""
    s, n = facts["laterality"], facts["components"]
    if key == "side":
        return {"left": "It is not on the right.", "right": "It is not on the patient's left.",
                "bilateral": "It is not confined to one side.", "midline": "It is not off to either side."}[s]
    if key == "count":
        return "There is no second, separate focus." if n == 1 else "It is not one single connected piece here."
    return None


def _sentence(t, cloze=None):
    pre, key, post = t
    return pre + ("{{c%d::%s}}" % (cloze, key) if cloze else key) + post


# ---------------------------------------------------------------- questions

ASK = {"side": ["Which side is it on?", "Left or right?", "On which side of the patient does it lie?"],
       "vert": ["Is it toward the front or the back?", "Where is it along the vertical axis of the image?"],
       "rel": ["How does it relate to its neighbours?", "Where is it relative to the nearby structures?"],
       "size": ["How big is it?", "What size is the marked area on this slice, roughly?"],
       "count": ["Is it one piece or several?", "How many separate regions does the mask have?"]}
SELF_Q = {"side": ["Where is it?", "Which side?", "Left or right?"], "vert": ["And along the other axis?", "Its depth or height?"],
          "rel": ["Neighbours?", "Relative to what?"], "size": ["How big?", "Size?"], "count": ["How many pieces?", "One region or more?"]}
PRESUP = {"side": lambda f: (f"Why is it sitting on the {'left' if f['laterality'] == 'right' else 'right'} side here?"
                             if f["laterality"] in ("left", "right") else f"Why is it only on the {random.choice(['left', 'right'])} side here?"),
          "vert": lambda f: "Why does it sit so far " + (VLIE.get(f["vertical"]) or "anterior") + " on this slice?",
          "size": lambda f: {"small": "Why does it look so huge on this slice?", "large": "Why does it look so tiny on this slice?",
                       "medium": "Why does it fill almost the whole abdomen on this slice?"}[f["size_class"]],
          "count": lambda f: ("Why is it split into two separate pieces here?" if f["components"] == 1
                              else "Why is it just one single connected blob here?")}
PRESUP_ANS = ["Good question. Where a structure appears on one slice depends on the level of the cut and on the patient's build.",
              "That mostly reflects the level of the slice and normal variation between patients; nothing here is unusual by itself.",
              "Anatomy varies, and a single cross-section only shows part of the picture, so this is not a concern on its own."]
FOLLOW = ["Why is that?", "Could you tell me more about it?", "Anything else worth knowing about this structure?"]


def _first_q(p, style, rng, defect):
    clue = rng.choice(p["clue"])
    if defect == "names_target":
        g = rng.choice(p["give"])
        clue = rng.choice([f"{clue} (I believe it's the {g} area)", f"{clue}, which my notes call the {g} region"])
    view = f"{p['mod']} {'axial' if p['plane'] == 'axial' else 'coronal'} slice"
    return rng.choice({
        "cloze": [f"Make me flashcards: on this {view}, where is {clue}? Please segment it first.",
                  f"Can you segment {clue} on this {view} and turn the findings into Anki cloze cards?"],
        "support": [f"Hi, I have an {view} here. Can you find and outline {clue}?" if view[0] in "M" else
                    f"Hi, I have a {view} here. Can you find and outline {clue}?",
                    f"Hello! Which structure on this {view} is {clue}? Please mark it."],
        "sketch": [f"On this {view}, could you segment {clue} and draw me a quick ASCII sketch of where it is?",
                   f"Which part of this {view} is {clue}? Outline it and sketch the slice in text."],
        "selftalk": [f"Talk me through it: where on this {view} is {clue}? Segment it.",
                     f"Can you locate {clue} on this {view}, segment it, and reason out loud?"]}[style])


# ---------------------------------------------------------------- style rendering

def _sketch(facts, plane):
    """The slice in text: '.' body, '#' the mask (digits 1, 2, ... for separate regions), edges labelled."""
    from scipy import ndimage

    m, body = _LAST["mask"], _LAST["body"]
    lab, n = ndimage.label(m, structure=np.ones((3, 3), bool))
    ys, xs = np.nonzero(body)
    x0, x1, y0, y1 = xs.min(), xs.max() + 1, ys.min(), ys.max() + 1
    cols, rows = 24, 10
    cx = [x0 + (x1 - x0) * c // cols for c in range(cols + 1)]
    cy = [y0 + (y1 - y0) * r // rows for r in range(rows + 1)]
    sym = (lambda i: "#") if n == 1 else (lambda i: str(i))
    grid = [["." if body[cy[r]:cy[r + 1], cx[c]:cx[c + 1]].mean() > 0.5 else " " for c in range(cols)] for r in range(rows)]
    for i in range(1, n + 1):
        marked = False
        for r in range(rows):
            for c in range(cols):
                if (lab[cy[r]:cy[r + 1], cx[c]:cx[c + 1]] == i).mean() > 0.25:
                    grid[r][c], marked = sym(i), True
        if not marked:  # a region smaller than a cell still shows, at its centroid
            py, px = np.argwhere(lab == i).mean(axis=0)
            r, c = min(int(np.searchsorted(cy, py, "right")) - 1, rows - 1), min(int(np.searchsorted(cx, px, "right")) - 1, cols - 1)
            grid[r][c] = sym(i)
    top, bot = ("A", "P") if plane == "axial" else ("S", "I")
    pad = " " * 14
    legend = "'#' marks the segmented tissue." if n == 1 else "the digits mark the segmented tissue, one digit per separate region."
    return "\n".join(["```", pad + top, *("R |" + "".join(g) + "| L" for g in grid), pad + bot, "```"]), legend


def _render(style, sents, p, facts, rng, first, cloze_start=1):
    """One assistant turn from fact sentences (lists of (pre, key, post) or plain trap strings)."""
    def plain(s):
        return s if isinstance(s, str) else _sentence(s)
    if style == "cloze":
        cards, k = [], cloze_start
        for s in sents:
            if isinstance(s, str):
                cards.append(f"Note: {s}")
                continue
            cards.append(f"Card {k}\nFront: {_sentence(s, cloze=k)}\nBack: {_sentence(s)}")
            k += 1
        head = "Segmented: [SEG]\n\n" if first else ""
        return head + "\n\n".join(cards or ["Note: nothing further to card here."])
    if style == "support":
        open_ = rng.choice(["Thanks for reaching out!", "Great question, happy to help!", "Thanks for your patience!",
                            "I completely understand, let me look into that for you.", "Happy to assist with that!"])
        body = " ".join(plain(s) for s in sents)
        mid = (f" I've outlined the structure for you: [SEG]. " if first else " ")
        close = rng.choice(["Is there anything else I can help you with?", "Let me know if there's anything else I can do for you today!",
                            "Hope this helps! Feel free to reach out with any other questions."])
        return f"{open_}{mid}{body} {close}".replace("  ", " ")
    if style == "sketch":
        cap = " ".join(plain(s) for s in sents)
        if first:
            art, legend = _sketch(facts, p["plane"])
            return f"Here is the mask: [SEG]\n\n{art}\nCaption: {legend} {cap}"
        return rng.choice(["Looking at the sketch above: ", "Same slice, same sketch. ", "From the drawing: "]) + cap
    # selftalk: rhetorical question, answered at once
    out = []
    for s in sents:
        if isinstance(s, str):
            out.append(s)
        else:
            out.append(f"{rng.choice(SELF_Q[s[3]])} {_sentence(s[:3])}")
    head = "What is it? This one: [SEG]. " if first else ""
    return head + " ".join(out)


def build(p, facts, style, rng, defect):
    random.seed(rng.random())  # the fact renderers draw their frames from the module random, seeded per row
    plane = p["plane"]
    keys = ["side", "vert", "size", "count"] + (["rel"] if facts["relations"] else [])
    dkey = {"laterality": "side", "position": rng.choice(["vert", "rel"]) if facts["relations"] else "vert",
            "size": "size", "count": "count"}.get(defect)
    # a central mask's false position claim goes through a relation when there is one
    if defect == "position" and facts["vertical"] == "central" and facts["relations"]:
        dkey = "rel"
    make = {"side": lambda lie: _side(facts, lie), "vert": lambda lie: _vert(facts, plane, lie),
            "rel": lambda lie: _rel(facts, lie), "size": lambda lie: _size(facts, lie), "count": lambda lie: _count(facts, lie)}
    rng.shuffle(keys)
    n_rounds = rng.choice([1, 2, 2, 3, 3])
    presup = dkey in PRESUP and rng.random() < 0.22
    if presup:
        n_rounds = max(n_rounds, 2)
    # the keys each assistant turn states: first answer gets a share; each later round answers one asked key
    first_keys = keys[:rng.randint(2, len(keys))]
    later = [k for k in keys if k not in first_keys]
    if dkey and not presup and dkey in first_keys and n_rounds > 1 and rng.random() < 0.3:
        first_keys.remove(dkey)  # this defect sits only in a follow-up answer
        later.insert(0, dkey)
    if presup:
        first_keys = [k for k in first_keys if k != dkey]
        later = [k for k in later if k != dkey]
    elif dkey and dkey not in first_keys:
        later.remove(dkey)
        if n_rounds > 1:
            later.insert(0, dkey)
        else:
            first_keys.append(dkey)
    turns = [{"role": "user", "content": _first_q(p, style, rng, defect)}]

    def sents_for(ks):
        out = []
        for k in ks:
            t = make[k](k == dkey)
            out.append((*t, k) if style == "selftalk" else t)
        return out

    used: set = set()

    def traps(n):
        pool = [_negation(facts, k) for k in ("side", "count") if k != dkey]
        if plane == "axial":
            pool.append(rng.choice(["By the radiological convention the patient's left is shown on the right of the screen.",
                                    "Remember that axial images are viewed from the feet, so the patient's right appears on the viewer's left."]))
        else:
            pool.append("As on any coronal image, the patient's left is displayed on the viewer's right and the head at the top.")
        lore = [v for k, v in LORE.items() if k not in p["target"] and not (k == "kidneys" and "kidney" in p["target"])]
        pool.append(rng.choice(lore))
        pool.append(f"For reference, {p['norm']}, though a single slice cannot show that.")
        if p["target"] != "liver" and facts["size_class"] != "large":
            pool.append("It is clearly smaller than the liver on this slice.")
        pool = [x for x in pool if x and x not in used]  # each trap sentence once per conversation
        rng.shuffle(pool)
        used.update(pool[:n])
        return pool[:n]

    body = sents_for(first_keys) + traps(rng.randint(1, 2))
    rng.shuffle(body)
    turns.append({"role": "assistant", "content": _render(style, body, p, facts, rng, True)})
    n_cards = sum(1 for s in body if not isinstance(s, str)) + 1
    for r in range(1, n_rounds):
        if presup and r == 1:
            turns.append({"role": "user", "content": PRESUP[dkey](facts)})
            ans = [rng.choice(PRESUP_ANS)] + (sents_for([later.pop(0)]) if later else [])
        elif later:
            k = later.pop(0)
            q = rng.choice(ASK[k])
            if k == "vert" and plane == "coronal":
                q = rng.choice(["Is it high or low in the abdomen?", "Where is it from head to foot?"])
            turns.append({"role": "user", "content": q})
            ans = sents_for([k]) + traps(rng.randint(0, 1))
        else:
            turns.append({"role": "user", "content": rng.choice(FOLLOW)})
            ans = traps(2)
        turns.append({"role": "assistant", "content": _render(style, ans, p, facts, rng, False, n_cards)})
        n_cards += sum(1 for s in ans if not isinstance(s, str))
    return turns, ([defect] if defect else [])
