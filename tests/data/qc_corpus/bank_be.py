"""Bank BE: blind QC evaluation bank, three registers, new targets and modalities (issue 8).

Written by helper qcbe without opening the QC rules, other banks or their rows, as an independent reviewer
imitating real LLM output. Not measured by its writer: the lead measures it once after merging.

Styles: "terse" (radiologist shorthand), "tutor" (patient-facing explanation), "chatty" (markdown LLM
answer with headings, bold and bullets). Targets: abdomen CT (kidneys, adrenal glands, spleen, gallbladder,
aorta, multi-region liver lesions, appendix - a label the knowledge base does not know), pelvis CT/MR
(urinary bladder, prostate, iliopsoas), thorax CT (trachea, esophagus, multi-region lung tumour), all axial
"LP", and coronal "LI" MR/CT (kidneys, urinary bladder, liver). The facts are the product's own
measurement (`compute_facts`) of a synthetic ellipse mask; every sentence about the target is written from
those facts. Clean rows carry true traps: negations, the display convention, knowledge sentences about
other structures with their own sides/sizes/positions, yes/no questions holding a wrong side that the
answer denies, hedges and population numbers. Defective rows hold exactly one false claim; about a fifth of
the side/position/size/count ones sit in a user follow-up, some only in a follow-up answer.
"""

from __future__ import annotations

import random

import numpy as np

STYLES = ["terse", "tutor", "chatty"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
SIZE = 256

AX_CONV = ["By radiological convention the patient's left is displayed on the right of the screen.",
           "Axial images are viewed as if from the feet, so the patient's right appears on the image left.",
           "Remember the display convention: image right is patient left on these axial slices."]
COR_CONV = ["On a coronal image the patient faces the viewer, so their right is on the image left and the head is at the top.",
            "This coronal slice is displayed with the patient's left on the right of the screen and the feet toward the bottom."]


def _p(target, blobs, others, hint, syn, name, know, pop, orientation="LP", modality="CT", region="abdomen"):
    return dict(target=target, blobs=blobs, others=others, hint=hint, syn=syn, name=name, know=know, pop=pop,
                orientation=orientation, modality=modality, region=region)


PROFILES = [
    _p("kidney", [(0.30, 0.63, 0.06, 0.09), (0.70, 0.63, 0.06, 0.09)], {"aorta": (0.5, 0.55)},
       "Please segment the paired bean-shaped organs that filter the blood and produce urine.",
       ["renal", "kidneys", "nephric"], "kidneys",
       ["The liver sits on the right and pushes the right-sided one slightly lower than its partner.",
        "The spleen lies on the left, lateral to the upper pole of the left-sided organ."],
       "In adults each one is typically 10 to 12 cm long."),
    _p("adrenal gland", [(0.37, 0.52, 0.02, 0.035), (0.63, 0.52, 0.02, 0.035)], {"kidney": (0.5, 0.64)},
       "Can you outline the two small hormone-producing glands that make cortisol and epinephrine?",
       ["adrenal", "suprarenal", "adrenals"], "adrenal glands",
       ["The inferior vena cava is on the right, just anterior to the right-sided gland.",
        "The large spleen on the left is lateral to the left-sided one."],
       "Incidental nodules in these glands are found in about 3 to 7% of adult CT scans."),
    _p("spleen", [(0.78, 0.55, 0.10, 0.14)], {"liver": (0.28, 0.45)},
       "Which organ here filters old red blood cells and stores platelets? Please segment it.",
       ["splenic", "lienal", "spleen"], "spleen",
       ["The liver, on the opposite side, is much larger and fills most of the right upper quadrant.",
        "The stomach lies anterior and medial to it on the left."],
       "A normal adult one is usually under 12 cm in length."),
    _p("gallbladder", [(0.33, 0.42, 0.04, 0.05)], {"aorta": (0.5, 0.56)},
       "Find the pear-shaped sac that stores bile and squeezes it out after a fatty meal.",
       ["cholecystic", "gall bladder", "cholecyst"], "gallbladder",
       ["The spleen is far away on the left side, behind the stomach.",
        "The pancreas crosses the midline, posterior to the stomach."],
       "Stones are found in roughly 10 to 15% of adults in Western countries."),
    _p("aorta", [(0.51, 0.58, 0.035, 0.035)], {"pancreas": (0.5, 0.45)},
       "Segment the main artery carrying oxygenated blood from the heart down through the abdomen.",
       ["aortic", "aorta", "AAA"], "aorta",
       ["The inferior vena cava runs on the right beside it.",
        "The left renal vein usually crosses anterior to it to reach the cava."],
       "An abdominal diameter above 3 cm is usually called aneurysmal."),
    _p("liver lesion", [(0.25, 0.40, 0.03, 0.03), (0.34, 0.50, 0.035, 0.03), (0.27, 0.60, 0.025, 0.025)],
       {"aorta": (0.5, 0.56)},
       "There are several abnormal low-density areas in the big organ of the right upper abdomen that makes bile. Can you outline them?",
       ["hepatic lesions", "liver lesions", "liver metastases"], "liver lesions",
       ["The spleen on the left side looks normal in size.",
        "The gallbladder, also on the right, lies under the liver and is not involved."],
       "Metastases are the most common malignant findings in this organ in adults."),
    _p("appendix", [(0.28, 0.60, 0.02, 0.02)], {"urinary bladder": (0.5, 0.4)},
       "Please segment the small blind-ending tube arising from the caecum in the lower abdomen.",
       ["appendiceal", "appendix", "vermiform appendix"], "appendix",
       ["The sigmoid colon is on the left side of the pelvis.",
        "The caecum, from which it arises, is a wide pouch on the right."],
       "Acute inflammation of it affects roughly 7% of people during their lifetime."),
    _p("urinary bladder", [(0.50, 0.36, 0.10, 0.08)], {"sacrum": (0.5, 0.78)},
       "On this pelvic CT, please mark the hollow organ that stores urine before voiding.",
       ["bladder", "vesical", "cystic organ"], "urinary bladder",
       ["The sigmoid colon lies on the left, posterior to it.",
        "The sacrum is posterior, at the back of the pelvis."],
       "An adult one typically holds about 400 to 600 mL.", region="pelvis"),
    _p("prostate", [(0.50, 0.54, 0.05, 0.04)], {"sacrum": (0.5, 0.82)},
       "On this pelvic MR, segment the walnut-sized male gland that surrounds the first part of the urethra.",
       ["prostatic", "prostate gland", "prostate"], "prostate",
       ["The rectum lies directly posterior to it.",
        "The obturator internus muscles lie on both sides of it, one on the right and one on the left."],
       "A normal adult one weighs about 20 to 25 g.", modality="MR", region="pelvis"),
    _p("iliopsoas", [(0.32, 0.55, 0.05, 0.07), (0.68, 0.55, 0.05, 0.07)], {"sacrum": (0.5, 0.72)},
       "Outline the paired hip-flexor muscles running from the lumbar spine and iliac fossa to the femur.",
       ["psoas", "iliopsoas muscles", "iliacus"], "iliopsoas muscles",
       ["The bladder, when full, sits anterior and midline between them.",
        "The sigmoid colon is on the left, anterior to the left-sided muscle."],
       "Their cross-sectional area is widely used as a sarcopenia marker in older adults.", region="pelvis"),
    _p("trachea", [(0.50, 0.40, 0.03, 0.03)], {"esophagus": (0.5, 0.52)},
       "In this chest CT, segment the air-filled tube that carries air down to the bronchi.",
       ["tracheal", "windpipe", "trachea"], "trachea",
       ["The aortic arch sits to the left of it at this level.",
        "The superior vena cava is on the right."],
       "In adults it is about 10 to 12 cm long and about 2 cm wide.", region="thorax"),
    _p("esophagus", [(0.49, 0.59, 0.022, 0.022)], {"trachea": (0.5, 0.42)},
       "Can you find the muscular tube that carries swallowed food from the throat to the stomach?",
       ["oesophageal", "gullet", "esophageal"], "esophagus",
       ["The descending aorta usually runs on its left, close to the spine.",
        "The heart lies anterior to it in the lower chest."],
       "In adults it measures about 25 cm in length.", region="thorax"),
    _p("lung tumour", [(0.28, 0.42, 0.03, 0.03), (0.26, 0.58, 0.025, 0.025)], {"heart": (0.56, 0.5)},
       "This smoker's chest CT shows abnormal solid growths in the air-filled organ of breathing. Please outline them.",
       ["pulmonary nodules", "lung tumours", "lung masses"], "lung tumour",
       ["The heart bulges more into the left side of the chest.",
        "The left side of the chest has only two lobes, while the right has three."],
       "Lung cancer is the leading cause of cancer death worldwide.", region="thorax"),
    _p("kidney", [(0.33, 0.60, 0.06, 0.10), (0.67, 0.62, 0.06, 0.10)], {"liver": (0.3, 0.33)},
       "On this coronal MR, please mark the paired organs that filter blood and make urine.",
       ["renal", "kidneys", "nephric"], "kidneys",
       ["The liver is on the right, above the right-sided one.",
        "The spleen sits on the left, above the left-sided one."],
       "In adults each one is about 10 to 12 cm long.", orientation="LI", modality="MR"),
    _p("urinary bladder", [(0.50, 0.82, 0.09, 0.06)], {"liver": (0.3, 0.25)},
       "Please segment the hollow pelvic reservoir that stores urine, on this coronal CT.",
       ["bladder", "vesical", "urinary bladder"], "urinary bladder",
       ["The liver is high on the right, under the diaphragm.",
        "The descending colon runs down the left flank."],
       "A full adult one can hold about half a litre.", orientation="LI", region="abdomen and pelvis"),
    _p("liver", [(0.30, 0.30, 0.15, 0.12)], {"urinary bladder": (0.5, 0.82)},
       "Which organ makes bile and stores glycogen? Please segment it on this coronal CT.",
       ["hepatic", "liver", "hepato-"], "liver",
       ["The spleen is on the left, much smaller.",
        "The stomach sits in the left upper abdomen."],
       "An adult one weighs about 1.5 kg.", orientation="LI"),
]


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def pick_profile(profiles, i, defect, rng):
    """Bilateral and multi-region masks get extra weight for side and count defects."""
    if defect in ("laterality", "count") and rng.random() < 0.5:
        return rng.choice([p for p in profiles if len(p["blobs"]) > 1])
    return rng.choice(profiles)


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draw the profile's ellipses, slightly jittered, and measure them with the product's own code."""
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:SIZE, 0:SIZE]
    mask = np.zeros((SIZE, SIZE), bool)
    s = rng.uniform(0.9, 1.15)
    for cx, cy, rx, ry in p["blobs"]:
        cx, cy = cx + rng.uniform(-0.01, 0.01), cy + rng.uniform(-0.01, 0.01)
        mask |= ((xx / SIZE - cx) / (rx * s)) ** 2 + ((yy / SIZE - cy) / (ry * s)) ** 2 <= 1
    return compute_facts(mask, p["orientation"], others=dict(p["others"])).model_dump(mode="json")


# ------------------------------------------------------------------ phrases written from the facts
FLIP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior"}
REL_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
REL_WORDS = {"left_of": ["to the left of the {o}", "on the patient's left relative to the {o}"],
             "right_of": ["to the right of the {o}", "on the patient's right relative to the {o}"],
             "anterior_to": ["anterior to the {o}", "in front of the {o}"],
             "posterior_to": ["posterior to the {o}", "behind the {o}"],
             "superior_to": ["superior to the {o}", "above the {o}"],
             "inferior_to": ["inferior to the {o}", "below the {o}"]}
NUM = {1: "one", 2: "two", 3: "three", 4: "four"}


def side_text(side, rng, neg=True):
    if side == "bilateral":
        t = rng.choice(["on both sides, one on the right and one on the left", "bilaterally, right and left",
                        "on both the right and the left side"])
        return t + (rng.choice(["; it is not confined to one side", "; not just one side"]) if neg else "")
    if side == "midline":
        return rng.choice(["in the midline", "centrally, in the midline", "on the midline"]) + (
            rng.choice([", not off to either side", ", neither left nor right"]) if neg else "")
    t = rng.choice([f"on the {side} side", f"on the patient's {side}", f"in the {side} half of the body"])
    return t + (rng.choice([f", not on the {FLIP[side]}", f" (not the {FLIP[side]})"]) if neg else "")


def vert_text(v, orientation, rng):
    if v == "central":
        return rng.choice(["neither notably anterior nor posterior", "roughly at mid-depth front to back"]) \
            if orientation == "LP" else rng.choice(["near the vertical middle of the image, neither high nor low"])
    return rng.choice([f"in the {v} part of the {'slice' if orientation == 'LP' else 'image'}",
                       f"{v}ly placed" if v in ("anterior", "posterior") else f"in a {v} position",
                       f"toward the {v} side"])


def rel_text(r, rng):
    return rng.choice(REL_WORDS[r["relation"]]).format(o=r["other"])


def size_text(f, rng):
    pct = f["area_fraction"] * 100
    word = {"small": ["small", "fairly small"], "medium": ["medium-sized", "moderate in size"],
            "large": ["large", "big"]}[f["size_class"]]
    return f"{rng.choice(word)}, about {pct:.1f}% of the image area" if rng.random() < 0.6 else rng.choice(word)


def wrong_size(f, rng):
    pct = f["area_fraction"] * 100
    if f["size_class"] == "small":
        return rng.choice(["large, covering roughly {:.0f}% of the image", "very large, about {:.0f}% of the image area"]).format(max(pct * 12, 15))
    if f["size_class"] == "large":
        return rng.choice(["tiny, well under {:.1f}% of the image", "small, only about {:.1f}% of the image area"]).format(min(pct / 15, 0.4))
    return rng.choice(["huge, close to {:.0f}% of the image", "tiny, barely {:.1f}% of the image"]).format(30) \
        if rng.random() < 0.5 else "tiny, barely 0.1% of the image"


def count_text(n, rng):
    if n == 1:
        return rng.choice(["a single connected region, with no second focus", "one continuous piece; there is no separate part",
                           "one connected component"])
    return rng.choice([f"{NUM.get(n, n)} separate regions, not one continuous piece", f"{n} distinct components",
                       f"{NUM.get(n, n)} separate parts"])


def wrong_count(n, rng):
    if n == 1:
        return rng.choice(["two separate pieces", "two distinct components", "split into two separate regions"])
    return rng.choice(["a single connected piece", "one continuous region", "just one connected component"])


def wrong_side(side, cp, rng):
    if side == "bilateral":
        s = rng.choice(["left", "right"])
        return rng.choice([f"only on the {s} side", f"confined to the patient's {s}"])
    if side == "midline":
        s = "right" if (cp or [0])[0] >= 0 else "left"  # the side the centroid does not lean to
        return rng.choice([f"on the {s} side", f"off to the patient's {s}"])
    return rng.choice([f"on the {FLIP[side]} side", f"on the patient's {FLIP[side]}"])


# ------------------------------------------------------------------ conversation builder
def first_question(p, style, rng, defect):
    q = p["hint"]
    if defect == "names_target":
        syn = rng.choice(p["syn"])
        q = rng.choice([f"Segment the {syn} structure here: ", f"This is about the {syn} region. ",
                        f"(Looking at the {syn} anatomy.) "]) + q
    if style == "terse":
        q = q + rng.choice(["", " Brief answer please."])
    elif style == "tutor":
        q = rng.choice(["I'm a patient trying to understand my scan. ", "Could you explain this to me simply? ", ""]) + q
    else:
        q = rng.choice(["Hey! ", "Quick one: ", ""]) + q
    if "?" not in q:
        q += rng.choice([" Where is it?", " Can you show me where it is?", " Can you do that?"])
    return q


def claims(p, f, rng):
    """True sentences (as fragments) about the target, each keyed by its fact kind."""
    o = p["orientation"]
    out = {"laterality": side_text(f["laterality"], rng), "size": size_text(f, rng),
           "count": count_text(f["components"], rng), "position": vert_text(f["vertical"], o, rng)}
    if f["relations"]:
        out["relation"] = rel_text(rng.choice(f["relations"]), rng)
    return out


def wrong(kind, p, f, rng):
    if kind == "laterality":
        return wrong_side(f["laterality"], f.get("centroid_patient"), rng)
    if kind == "size":
        return wrong_size(f, rng)
    if kind == "count":
        return wrong_count(f["components"], rng)
    if f["vertical"] != "central" and (not f["relations"] or rng.random() < 0.5):
        return f"in the {FLIP[f['vertical']]} part of the {'slice' if p['orientation'] == 'LP' else 'image'}"
    r = rng.choice(f["relations"])
    return rel_text({"relation": REL_FLIP[r["relation"]], "other": r["other"]}, rng)


def render(style, p, parts, rng, conv, know, pop, hedge, bad=None):
    """The first answer; `bad` is the planted false fragment, which is never hedged."""
    n = p["name"]
    h0 = rng.choice(["likely ", "probably ", ""]) if hedge else ""
    if style == "terse":
        lines = [f"[SEG] {n.capitalize()}."] + [f"{k.capitalize()}: {v}." for k, v in parts]
        if conv:
            lines.append(conv)
        if know:
            lines.append(know)
        return " ".join(lines)
    if style == "tutor":
        s = [f"{'These are' if n.endswith('s') else 'This is'} your {n}, outlined here: [SEG]."]
        frames = {"laterality": "It sits {v}.", "size": "In this image it looks {v}.", "count": "It appears as {v}.",
                  "position": "It is {h}{v}.", "relation": "It {h}lies {v}."}
        s += [frames[k].format(v=v, h="" if v == bad else h0) for k, v in parts]
        if conv:
            s.append("A tip for reading scans: " + conv[0].lower() + conv[1:])
        if know:
            s.append("For comparison, " + know[0].lower() + know[1:])
        if pop:
            s.append(pop)
        return " ".join(s)
    lab = {"laterality": "Side", "size": "Size", "count": "Regions", "position": "Position", "relation": "Relation"}
    s = [f"## Segmentation\nSure! Here {'are' if n.endswith('s') else 'is'} the **{n}**: [SEG]\n\n### Key findings"]
    s += [f"- **{lab[k]}:** {h0 if k in ('position', 'relation') and v != bad else ''}{v}" for k, v in parts]
    if conv or know or pop:
        s.append("\n### Good to know")
        s += [f"- {t}" for t in (conv, know, pop) if t]
    return "\n".join(s)


FOLLOW = {"laterality": ["Which side is it on?", "Which side?? Left or right?", "So what side is it on exactly?"],
          "size": ["How big is it?", "Is it big or small in this image?", "Roughly how much of the picture does it take up?"],
          "count": ["Is it one piece or several?", "How many separate parts are there?", "Is it all connected?"],
          "position": ["Where exactly is it, front to back?", "Where does it sit relative to its neighbours?",
                       "Can you describe its position?"]}


def follow_answer(style, p, kind, text):
    if style == "terse":
        return f"{p['name'].capitalize()}: {text}, on this image."
    if style == "tutor":
        verb = "are" if p["name"].endswith("s") else "is"
        return f"Good question. In this picture your {p['name']} {verb} {text}."
    return f"**Short answer:** it's {text}.\n\n- That's based on the mask above."


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    f, o = facts, p["orientation"]
    conv = rng.choice(AX_CONV if o == "LP" else COR_CONV) if rng.random() < 0.6 else None
    true = claims(p, f, rng)
    keys = [k for k in ("laterality", "position", "relation", "size", "count") if k in true]
    kinds_first = rng.sample(keys, k=min(len(keys), rng.choice([2, 3, 4])))
    bad_kind = defect if defect in ("laterality", "position", "size", "count") else None
    where = rng.choices(["first", "follow", "user"], [0.55, 0.25, 0.2])[0] if bad_kind else None
    parts = [(k, true[k]) for k in kinds_first]
    if bad_kind == "position":
        parts = [(k, v) for k, v in parts if k not in ("position", "relation")]
    elif bad_kind:
        parts = [(k, v) for k, v in parts if k != bad_kind]
    bad = wrong(bad_kind, p, f, rng) if where == "first" else None
    if bad:
        parts.insert(rng.randrange(len(parts) + 1), ("relation" if bad_kind == "position" else bad_kind, bad))
    turns = [{"role": "user", "content": first_question(p, style, rng, defect)},
             {"role": "assistant", "content": render(style, p, parts, rng, conv, rng.choice(p["know"]),
                                                     p["pop"] if rng.random() < 0.5 else None, rng.random() < 0.4, bad)}]
    rounds = rng.choice([1, 2, 2, 3]) if where in (None, "first") else rng.choice([2, 3])
    fk = [k for k in ("laterality", "size", "count", "position") if k != bad_kind or where == "first"]
    for r in range(1, rounds):
        last = r == rounds - 1
        if where in ("follow", "user") and last:
            k = bad_kind
        else:
            k = rng.choice(fk)
            fk = [x for x in fk if x != k] or fk  # no question asked twice
        if where == "user" and last:
            q = rng.choice(["Why is it {w}?", "Given that it's {w}, is that normal?", "Since it is {w}, should I worry?"])
            turns.append({"role": "user", "content": q.format(w=wrong(k, p, f, rng))})
            turns.append({"role": "assistant", "content": {
                "terse": "Appearance is within what is expected for this structure; correlate clinically.",
                "tutor": "That's a fair question. Many things affect how a structure looks on one slice, so your doctor will look at the whole scan.",
                "chatty": "**Great question!**\n\n- One slice never tells the whole story.\n- Your care team reviews the full study."}[style]})
            continue
        if not (where in ("user", "follow") and last) and rng.random() < 0.3 and k in ("laterality",) and f["laterality"] in ("left", "right", "midline", "bilateral"):
            ws = wrong_side(f["laterality"], f.get("centroid_patient"), rng)
            turns.append({"role": "user", "content": f"Is it {ws}?"})
            ans = "No. " + follow_answer(style, p, k, true["laterality"] if f["laterality"] != "midline" else side_text("midline", rng))
            turns.append({"role": "assistant", "content": ans})
            continue
        turns.append({"role": "user", "content": rng.choice(FOLLOW[k]) if k != "position" or true.get("relation")
                      or f["vertical"] != "central" else "Is it towards the front or the back?"})
        if where == "follow" and last:
            text = wrong(bad_kind, p, f, rng)
        elif k == "position":
            text = rng.choice([t for t in (true["position"], true.get("relation")) if t])
        else:
            text = {"laterality": side_text(f["laterality"], rng), "size": size_text(f, rng),
                    "count": count_text(f["components"], rng)}[k]
        turns.append({"role": "assistant", "content": follow_answer(style, p, k, text)})
    return turns, ([defect] if defect else [])
