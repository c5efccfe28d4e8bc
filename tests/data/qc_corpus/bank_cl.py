"""Bank CL: brain MR and neck CT (axial "LP", coronal "LI"), written blind (no QC rule, test or other bank read).

Registers: `selfqa` (a chain of yes/no questions the model asks itself and answers), `tldr` ("TL;DR" first,
then details), `details` (markdown with collapsible <details><summary> sections) and `quote` (the reply quotes
the user's own words back and confirms them when true or corrects them explicitly when false). Facts are the
product's own measurement (`compute_facts`) of synthetic masks (ellipses; one to three regions; bilateral,
midline and one-sided), and every sentence about the mask is written from those measured facts.
Defective rows hold exactly one false claim of their kind; about a fifth of side/position/size/count defects sit
in a user follow-up that the reply does not correct, some only in a follow-up answer.
First measure: not taken by the writer (the lead measures once after merging).
"""

from __future__ import annotations

import random

import numpy as np

W = H = 256
STYLES = ["selfqa", "tldr", "details", "quote"]
SIZE_BAND = {"small": (0.002, 0.007), "medium": (0.015, 0.035), "large": (0.07, 0.14)}
BRAIN_OTHERS = {"third ventricle": (0.5, 0.5), "fourth ventricle": (0.5, 0.78), "genu of the corpus callosum": (0.5, 0.2)}
NECK_OTHERS = {"trachea": (0.5, 0.35), "vertebral body": (0.5, 0.62), "mandible": (0.5, 0.15)}
CORONAL_OTHERS = {"third ventricle": (0.5, 0.45), "corpus callosum": (0.5, 0.3), "pons": (0.5, 0.75)}

# centres are (x, y) in [0, 1]; "sides" lists the layouts a profile may take (L, R, B = both, M = midline)
PROFILES = [
    dict(target="lateral ventricle", noun="fluid space", mod="MR", region="brain", orient="LP", sides="BLR",
         y=0.42, dx=0.11, size=["medium"], aspect=2.2,
         fn="holds the fluid that cushions the brain and contains the choroid plexus",
         ask=["Which fluid-filled cavities inside the cerebral hemispheres hold the fluid that cushions the brain?",
              "A child has hydrocephalus: which CSF-containing spaces deep in the hemispheres would balloon first?"],
         giveaway=["lateral ventricles", "lateral ventricle", "lateral-ventricle", "lateral ventricle's"],
         compare="larger than the slit-like third ventricle"),
    dict(target="thalamus", noun="deep grey-matter nucleus", mod="MR", region="brain", orient="LP", sides="LRB",
         y=0.6, dx=0.1, size=["small", "medium"], aspect=1.4,
         fn="relays sensation to the cortex and helps regulate sleep",
         ask=["After a small stroke a patient has numbness of half the body: which relay station deep in the brain would you check?",
              "Which egg-shaped deep grey structure relays almost all sensory input to the cortex?"],
         giveaway=["thalamic", "thalami", "thalamus", "thalamo-cortical relay"],
         compare="smaller than a whole cerebral hemisphere"),
    dict(target="hippocampus", noun="curved grey-matter structure", mod="MR", region="brain", orient="LI", sides="LRB",
         y=0.66, dx=0.2, size=["small"], aspect=0.7,
         fn="forms new memories of facts and events",
         ask=["On this coronal slice, which curved memory structure in the medial temporal lobe is affected early in Alzheimer's disease?",
              "Which structure that lays down new memories shrinks in patients with early dementia? Please outline it."],
         giveaway=["hippocampal", "hippocampi", "Ammon's horn", "hippocampus"],
         compare="much smaller than the temporal lobe that contains it"),
    dict(target="caudate nucleus", noun="deep nucleus", mod="MR", region="brain", orient="LP", sides="LRB",
         y=0.36, dx=0.1, size=["small"], aspect=1.6,
         fn="helps plan voluntary movement and takes part in reward learning",
         ask=["Which C-shaped deep nucleus bulging into the wall of the frontal horn wastes away in Huntington's disease?",
              "Which deep grey structure that helps start voluntary movement lines the frontal horn? Outline it, please."],
         giveaway=["caudate", "caudate nuclei", "caudate head"],
         compare="smaller than the lentiform nucleus beside it"),
    dict(target="cerebellum", noun="folded structure", mod="MR", region="brain", orient="LP", sides="M",
         y=0.76, dx=0.0, size=["large"], aspect=0.6,
         fn="coordinates movement and balance",
         ask=["A patient sways and cannot walk heel to toe: which folded structure at the back of the head coordinates balance?",
              "Which part of the brain fine-tunes movement and posture? Show me where it is on this slice."],
         giveaway=["cerebellar", "cerebellum", "cerebellar hemisphere"],
         compare="larger than the brainstem in front of it"),
    dict(target="brainstem", noun="stalk of nerve tissue", mod="MR", region="brain", orient="LP", sides="M",
         y=0.64, dx=0.0, size=["medium"], aspect=1.1,
         fn="controls breathing and heart rate and carries the long tracts",
         ask=["Which stalk of nerve tissue joining the brain to the spinal cord controls breathing? Please segment it.",
              "Which part of the central nervous system houses the centres for breathing and heart rate?"],
         giveaway=["brain stem", "pontine", "pons", "medulla oblongata"],
         compare="smaller than the cerebellum behind it"),
    dict(target="whole tumour", noun="abnormality", mod="MR", region="brain", orient="LP", sides="LRB",
         y=0.4, dx=0.18, size=["small", "medium", "large"], aspect=1.0, multi=True,
         fn="is an abnormal growth with surrounding swelling",
         ask=["This patient has new seizures and headaches. What abnormal area do you see, and can you outline all of it?",
              "Is there anything here that could explain the new weakness and headaches? Please mark it."],
         giveaway=["glioma", "tumour", "tumor", "glial tumour"],
         compare="different from the normal grey matter around it"),
    dict(target="whole tumour", noun="abnormality", mod="MR", region="brain", orient="LI", sides="LRB",
         y=0.35, dx=0.2, size=["small", "medium"], aspect=1.0, multi=True,
         fn="is an abnormal growth with surrounding swelling",
         ask=["On this coronal MR, is there an abnormal area that could explain the patient's headaches? Please outline it.",
              "A patient presents with morning headaches and vomiting. What abnormality is visible here? Mark it."],
         giveaway=["glioma", "tumour", "tumor", "glial neoplasm"],
         compare="brighter than the normal white matter around it"),
    dict(target="thyroid gland", noun="gland", mod="CT", region="neck", orient="LP", sides="MB",
         y=0.3, dx=0.1, size=["small", "medium"], aspect=1.6,
         fn="makes the hormones that set the body's metabolic rate",
         ask=["Which butterfly-shaped gland at the front of the neck sets the metabolic rate? Please segment it.",
              "A patient has weight loss, tremor and palpitations: which gland in the neck would you outline here?"],
         giveaway=["thyroid", "thyroidal", "thyroid lobe", "thyroid gland"],
         compare="lower in the neck than the parotid glands"),
    dict(target="parotid gland", noun="salivary gland", mod="CT", region="neck", orient="LP", sides="BLR",
         y=0.58, dx=0.3, size=["small", "medium"], aspect=1.5,
         fn="makes watery saliva that starts the digestion of starch",
         ask=["Which is the largest salivary gland, the one in front of and below the ear? Please outline it.",
              "A child has mumps with swollen cheeks: which salivary gland is involved? Mark it on this CT."],
         giveaway=["parotid", "parotids", "parotid glands"],
         compare="larger than the submandibular glands"),
    dict(target="spinal cord", noun="column of nerve tissue", mod="CT", region="neck", orient="LP", sides="M",
         y=0.74, dx=0.0, size=["small"], aspect=1.0,
         fn="carries signals between the brain and the body",
         ask=["Which column of nerve tissue inside the bony canal carries signals between the brain and the body?",
              "After a diving accident, which structure inside the vertebral canal would we worry about? Outline it."],
         giveaway=["spinal cord", "cord", "myelopathic", "cervical cord"],
         compare="much narrower than the vertebral body in front of it"),
    dict(target="colloid cyst", noun="lesion", mod="MR", region="brain", orient="LP", sides="M",
         y=0.4, dx=0.0, size=["small"], aspect=1.0,
         fn="is a small round lesion that can block the outflow of the lateral ventricles",
         ask=["A young adult has sudden positional headaches: is there a small round lesion that could block fluid outflow here?",
              "What small abnormality near the roof of the third ventricle could explain intermittent headaches? Mark it."],
         giveaway=["colloid cyst", "colloid", "third-ventricle colloid cyst"],
         compare="smaller than the lateral ventricles it can obstruct"),
]


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


def pick_profile(profiles: list, i: int, defect, rng: random.Random) -> dict:
    """Weight multi-region (tumour) and bilateral-capable profiles up a little."""
    weights = [1.6 if p.get("multi") or "B" in p["sides"] else 1.0 for p in profiles]
    return rng.choices(profiles, weights)[0]


def _ellipse(mask: np.ndarray, cx: float, cy: float, area: float, aspect: float) -> None:
    rx = (area / (np.pi * aspect)) ** 0.5
    ry = rx * aspect
    yy, xx = np.mgrid[0:H, 0:W]
    mask |= ((xx - cx * (W - 1)) / rx) ** 2 + ((yy - cy * (H - 1)) / ry) ** 2 <= 1.0


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    layout = rng.choice(p["sides"])
    size = rng.choice(p["size"])
    total = rng.uniform(*SIZE_BAND[size]) * W * H
    y = p["y"] + rng.uniform(-0.03, 0.03)
    if p.get("multi"):
        n = rng.choice([1, 1, 2, 2, 3])
        xs = {"L": [0.5 + p["dx"]], "R": [0.5 - p["dx"]], "B": [0.5 - p["dx"], 0.5 + p["dx"]]}[layout if n > 1 else layout.replace("B", "L")]
        centres = []
        for k in range(n):
            base = xs[k % len(xs)]
            centres.append((base + rng.uniform(-0.04, 0.04), y + (k // len(xs)) * 0.22 + rng.uniform(-0.02, 0.02)))
    elif layout == "B":
        centres = [(0.5 - p["dx"], y), (0.5 + p["dx"], y)]
    elif layout == "M":
        centres = [(0.5, y)]
    else:
        centres = [(0.5 + p["dx"] if layout == "L" else 0.5 - p["dx"], y)]
    mask = np.zeros((H, W), bool)
    for cx, cy in centres:
        _ellipse(mask, cx, cy, total / len(centres), p["aspect"])
    if p["target"] == "thyroid gland" and layout == "M":  # lobes joined by the isthmus
        _ellipse(mask, 0.5 - p["dx"], y, total * 0.4, p["aspect"])
        _ellipse(mask, 0.5 + p["dx"], y, total * 0.4, p["aspect"])
        yy = int(y * (H - 1))
        mask[yy - 3:yy + 3, int((0.5 - p["dx"]) * W):int((0.5 + p["dx"]) * W)] = True
    others = {"LP": BRAIN_OTHERS if p["region"] == "brain" else NECK_OTHERS, "LI": CORONAL_OTHERS}[p["orient"]]
    return compute_facts(mask, p["orient"], others=others).model_dump(mode="json")


# ---------------------------------------------------------------------------------------------------------
# how a fact is said (the reader in /work/notes/qccl_scripts/ knows these claim phrases, not the builder's choices)

SIDE = {"left": ["on the patient's left", "in the left half of the patient", "on the left-hand side of the patient"],
        "right": ["on the patient's right", "in the right half of the patient", "on the right-hand side of the patient"],
        "bilateral": ["on both sides", "bilateral, left and right", "present on the left and the right"],
        "midline": ["in the midline", "centred on the midline", "straddling the midline"]}
VERT = {"anterior": ["in the front part of the slice (anterior)", "anteriorly", "toward the front"],
        "posterior": ["in the back part of the slice (posterior)", "posteriorly", "toward the back"],
        "superior": ["in the upper part of the slice (superior)", "superiorly", "toward the top of the head"],
        "inferior": ["in the lower part of the slice (inferior)", "inferiorly", "toward the feet"],
        "central": ["midway front to back", "at the centre of the slice front to back", "neither forward nor back"],
        "central_c": ["midway top to bottom", "at mid-height of the slice", "neither high nor low"]}
REL = {"left_of": "to the patient's left of", "right_of": "to the patient's right of", "anterior_to": "in front of",
       "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
SIZE = {"small": ["small", "a small area", "compact"], "medium": ["medium-sized", "moderate in size", "mid-sized"],
        "large": ["large", "a large area", "big"]}
COUNT = {1: ["one connected region", "a single piece", "one continuous area"],
         2: ["two separate regions", "two distinct pieces", "two separate areas"],
         3: ["three separate regions", "three distinct foci", "three separate areas"]}
NEG_SIDE = {"left": "It is not on the right.", "right": "It does not reach the left side.",
            "bilateral": "It is not confined to one side.", "midline": "It does not lean to either side."}
CONVENTION = {"LP": ["By radiological convention the patient's left is shown on the right of the screen, as if looking up from the feet.",
                     "Remember the display convention: image right is patient left on an axial slice."],
              "LI": ["On this coronal view the head is at the top and the patient's left is on the image's right.",
                     "As usual for coronal images, image right is patient left and the top of the image is toward the head."]}
KB = {"brain": ["In most right-handed people (about 95%) language is handled by the left hemisphere.",
                "The fourth ventricle sits in the midline behind the pons.",
                "The left hemisphere controls the right side of the body.",
                "An adult brain weighs roughly 1.3 to 1.4 kg on average."],
      "neck": ["The trachea runs in the midline in front of the oesophagus.",
               "The left common carotid artery arises straight from the aortic arch, the right one from the brachiocephalic trunk.",
               "An adult thyroid weighs roughly 15 to 25 grams on average.",
               "The submandibular glands sit under the jaw on each side."]}


def _pct(f: dict) -> str:
    return f"about {f['area_fraction'] * 100:.1f}% of the image"


def _true(f: dict, orient: str) -> dict:
    v = f["vertical"]
    rels = [r for r in f["relations"] if _clear(f, r)]
    return {"side": f["laterality"], "vert": ("central_c" if orient == "LI" else "central") if v == "central" else v,
            "rel": rels[0] if rels else None, "size": f["size_class"], "count": min(f["components"], 3)}


def _clear(f: dict, r: dict) -> bool:
    """A relation whose centroids differ by a tenth of the image or more (nothing borderline is written)."""
    others = {**BRAIN_OTHERS, **NECK_OTHERS, **CORONAL_OTHERS}
    c, o = f["centroid_normalized"], others[r["other"]]
    axis = 0 if r["relation"] in ("left_of", "right_of") else 1
    return abs(c[axis] - o[axis]) >= 0.1


def _falsify(kind: str, dkey: str, t: dict, rng: random.Random) -> dict:
    bad = dict(t)
    if kind == "laterality":
        bad["side"] = {"left": "right", "right": "left", "bilateral": rng.choice(["left", "right"]),
                       "midline": rng.choice(["left", "right"])}[t["side"]]
    elif kind == "position":
        if dkey == "vert":
            bad["vert"] = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior",
                           "inferior": "superior"}[t["vert"]]
        else:
            bad["rel"] = {"other": t["rel"]["other"], "relation": FLIP[t["rel"]["relation"]]}
    elif kind == "size":
        bad["size"] = {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[t["size"]]
    elif kind == "count":
        bad["count"] = 2 if t["count"] == 1 else 1
    return bad


def _pct_for(cls: str, f: dict) -> str:
    if cls == f["size_class"]:
        return _pct(f)
    return {"small": "well under 1% of the image", "large": "roughly a fifth of the image",
            "medium": "about 3% of the image"}[cls]


def _sent(key: str, c: dict, rng: random.Random, it: str = "It") -> str:
    """One plain statement of claim `key` from the claim set `c` (true or falsified)."""
    if key == "side":
        return rng.choice([f"{it} lies {rng.choice(SIDE[c['side']])}.", f"Side: it is {rng.choice(SIDE[c['side']])}.",
                           f"Laterality-wise, {it.lower()} is {rng.choice(SIDE[c['side']])}.",
                           f"The mask is found {rng.choice(SIDE[c['side']])}."])
    if key == "vert":
        return rng.choice([f"{it} sits {rng.choice(VERT[c['vert']])}.", f"Position: it sits {rng.choice(VERT[c['vert']])}.",
                           f"The mask is located {rng.choice(VERT[c['vert']])}."])
    if key == "rel":
        r = c["rel"]
        return rng.choice([f"{it} lies {REL[r['relation']]} the {r['other']}.",
                           f"Relative to its neighbours, it sits {REL[r['relation']]} the {r['other']}."])
    if key == "size":
        return rng.choice([f"{it} is {rng.choice(SIZE[c['size']])}, {_pct_for(c['size'], c['_f'])}.",
                           f"Size: {rng.choice(SIZE[c['size']])} ({_pct_for(c['size'], c['_f'])})."])
    return rng.choice([f"{it} forms {rng.choice(COUNT[c['count']])}.", f"Regions: {rng.choice(COUNT[c['count']])}.",
                       f"The mask is made of {rng.choice(COUNT[c['count']])}."])


def _selfqa(key: str, c: dict, rng: random.Random) -> str:
    """The self-questioning register: yes/no questions answered one by one."""
    if key == "side":
        s = c["side"]
        if s in ("left", "right"):
            o = "right" if s == "left" else "left"
            subj = rng.choice(["it", "the mask"])
            qs = [(f"Is {subj} on the patient's {o}?", "No."), (f"Is {subj} on the patient's {s}?", "Yes.")]
            rng.shuffle(qs)
            return " ".join(f"{q} {a}" for q, a in qs)
        if s == "bilateral":
            return "Is it only on one side? No. Is it on both sides? Yes, left and right."
        return "Does it sit off to one side? No. Is it in the midline? Yes."
    if key == "vert":
        v = c["vert"]
        if v.startswith("central"):
            return f"Is it clearly forward or back, high or low? No, it is {VERT[v][0]}."
        return f"Where does it sit in the slice? {VERT[v][0].capitalize()}."
    if key == "rel":
        return f"Relation to the {c['rel']['other']}? It lies {REL[c['rel']['relation']]} it."
    if key == "size":
        return f"Is it {SIZE[c['size']][0]}? Yes, {_pct_for(c['size'], c['_f'])}."
    n = c["count"]
    return "Is it one piece? Yes." if n == 1 else f"Is it one piece? No. How many? {COUNT[n][0].capitalize()}."


def _user_presupposes(key: str, c: dict, rng: random.Random) -> str:
    """A user follow-up that takes a claim for granted."""
    if key == "side":
        where = {"left": "on the left", "right": "on the right", "bilateral": "on both sides", "midline": "right in the midline"}[c["side"]]
        return rng.choice([f"Since it is {where}, what symptoms would we expect from that?",
                           f"Given that it shows up {where}, is that typical for this patient?"])
    if key == "vert":
        return f"Since it sits {VERT[c['vert']][2]}, could that position cause any problem here?"
    if key == "rel":
        return f"Because it lies {REL[c['rel']['relation']]} the {c['rel']['other']}, could the two press on each other?"
    if key == "size":
        word = {"small": "so small", "medium": "only medium-sized", "large": "so large"}[c["size"]]
        return f"Why is it {word} in this patient? Is that worrying?"
    return rng.choice(["Why is it all in one single piece here?" if c["count"] == 1 else
                       f"Why does it come in {COUNT[c['count']][1]} here?"])


def build(p: dict, f: dict, style: str, rng: random.Random, defect):
    t = _true(f, p["orient"])
    t["_f"] = f
    keys = ["side", "vert", "size", "count"] + (["rel"] if t["rel"] else [])
    dkey = {"laterality": "side", "size": "size", "count": "count", None: None, "names_target": None}.get(defect)
    if defect == "position":
        dkey = "vert" if t["vert"] in VERT and not t["vert"].startswith("central") and (not t["rel"] or rng.random() < 0.6) else "rel"
        if dkey == "rel" and not t["rel"]:
            raise ValueError(f"bank CL: no clear vertical or relation to falsify for {p['target']}")
    bad = _falsify(defect, dkey, t, rng) if dkey else t
    bad["_f"] = f
    # where the false claim sits: first answer, follow-up answer, or a user follow-up nobody corrects
    where = "a1"
    if dkey:
        where = rng.choices(["a1", "a2", "user"], [0.55, 0.25, 0.2])[0]
    deferred = dkey if where in ("a2", "user") else rng.choice([k for k in (None, "size", "side") if k is None or k != dkey])
    first_keys = [k for k in keys if k != deferred]
    q1 = rng.choice(p["ask"])
    if defect == "names_target":
        g = rng.choice(p["giveaway"])
        q1 = rng.choice([f"Can you find the {g} area on this scan and segment it?",
                         f"Please segment the {g} region here. Where is it?",
                         f"Where is the {g} structure on this image? Outline it."])
    if style == "quote":  # the user offers a guess that the reply confirms or corrects
        guess_key = rng.choice([k for k in ("side", "size") if k != dkey])
        guess_true = rng.random() < 0.5
        if guess_key == "side":
            val = t["side"] if guess_true else {"left": "right", "right": "left", "bilateral": "left",
                                                 "midline": "right"}[t["side"]]
            phrase = {"left": "on the left", "right": "on the right", "bilateral": "on both sides",
                      "midline": "in the middle"}[val]
            q1 += f" I think it's {phrase}."
        else:
            val = t["size"] if guess_true else {"small": "large", "large": "small", "medium": "small"}[t["size"]]
            phrase = {"small": "a tiny spot", "medium": "a medium-sized area", "large": "a huge area"}[val]
            q1 += f" It looks like {phrase} to me."
        quoted = (guess_key, phrase, guess_true)
    else:
        quoted = None
    claims = bad if where == "a1" else t

    def facts_text(ks: list, c: dict) -> list:
        return [_selfqa(k, c, rng) if style == "selfqa" else _sent(k, c, rng) for k in ks]

    lines = facts_text(first_keys, claims)
    extras = [rng.choice(CONVENTION[p["orient"]]), rng.choice(KB[p["region"]])]
    if rng.random() < 0.6:
        extras.append(NEG_SIDE[t["side"]] if deferred != "side" and dkey != "side" else "There is no other finding to report.")
    if rng.random() < 0.5:
        extras.append(f"It is {p['compare']}.")
    hedge = rng.choice(["Most likely", "Probably", "I'm fairly confident it is", "This is"])
    low = hedge if hedge.startswith("I'm") else hedge.lower()
    name = p["target"]
    if style == "selfqa":
        a1 = (f"Let me reason it through. What is being asked? {'An' if p['noun'][0] in 'aeiou' else 'A'} {p['noun']} that {p['fn']}. Is it visible? Yes. "
              + " ".join(lines) + f" So: {low} the {name} [SEG]. " + " ".join(extras))
    elif style == "tldr":
        a1 = (f"**TL;DR:** {hedge} the {name} [SEG]; " + " ".join(lines[:2]) + "\n\n**Details**\n\n"
              + "\n".join(f"- {x}" for x in lines[2:] + extras))
    elif style == "details":
        a1 = (f"## Answer\n{hedge} the **{name}**, {'an' if p['noun'][0] in 'aeiou' else 'a'} {p['noun']} that {p['fn']}. [SEG]\n\n"
              f"<details><summary>Where it is</summary>\n\n" + "\n".join(f"- {x}" for x in lines) + "\n\n</details>\n"
              f"<details><summary>Context</summary>\n\n" + "\n".join(f"- {x}" for x in extras) + "\n\n</details>")
    else:
        a1 = f"{hedge} the {name} [SEG]. "
        if quoted:
            k, phrase, ok = quoted
            if ok:
                a1 += rng.choice([f"You said '{phrase}' and that matches the mask. ", f"You said '{phrase}' — yes, that is correct. ",
                                  f"Quoting you, '{phrase}': agreed, the mask bears that out. "])
            else:
                fix = f"it lies {SIDE[t['side']][0]}" if k == "side" else f"it is {SIZE[t['size']][0]}, {_pct(f)}"
                a1 += rng.choice([f"You said '{phrase}', but that is not right: {fix}. ",
                                  f"You wrote '{phrase}', which does not fit: {fix}. ",
                                  f"You said '{phrase}' — not quite; correcting that: {fix}. "])
        a1 += " ".join(lines + extras)
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": a1}]
    # round 2
    if where == "user":
        q2 = _user_presupposes(dkey, bad, rng)
        a2 = rng.choice([f"Good question. Anatomy and disease vary between people, and one slice shows only part of the picture; remember that it {p['fn']}. ",
                         "Hard to say from a single slice; the clinical picture matters more than the image alone. "]) + rng.choice(KB[p["region"]])
    else:
        fk = deferred or rng.choice(keys)
        c2 = bad if where == "a2" else t
        q2 = {"side": rng.choice(["Which side is it on?", "Is it on the left or the right side?"]),
              "vert": "Where does it sit in the slice, roughly?", "rel": "How does it relate to its neighbours?",
              "size": rng.choice(["How big is it?", "Is it big or small, compared to the image?"]),
              "count": "Is it one piece or several pieces?"}[fk]
        a2 = (_selfqa(fk, c2, rng) if style == "selfqa" else _sent(fk, c2, rng))
        if rng.random() < 0.5:
            a2 += " " + rng.choice(CONVENTION[p["orient"]])
    turns += [{"role": "user", "content": q2}, {"role": "assistant", "content": a2}]
    if rng.random() < 0.4:
        q3, a3 = rng.choice([("Why does that matter?", f"Because it {p['fn']}; knowing where it is guides the next step."),
                             ("Anything else worth knowing about it?", f"It is {p['compare']}. " + rng.choice(KB[p["region"]])),
                             ("Thanks, that is really helpful for my notes today.", "You're welcome. Remember that one slice never shows the whole structure.")])
        turns += [{"role": "user", "content": q3}, {"role": "assistant", "content": a3}]
    return turns, ([defect] if defect else [])
