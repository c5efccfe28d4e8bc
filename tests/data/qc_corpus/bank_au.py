"""Bank AU (helper qcau): chest, neck, brain and musculoskeletal CT/MR, axial "LP" and coronal "LI".

Written blind (no QC rule, test, other bank or corpus row read). Four registers: `gpt` (a reasoning
paragraph then a final answer), `notes` (terse bullet notes), `lay` (a warm explanation to a patient) and
`quiz` (a tutor quizzing a learner, short follow-ups). Facts come from the product's `compute_facts` on
synthetic ellipse masks (256 x 256, image centre as the patient's centre); the prose is written from
those facts. A defective row carries exactly one false claim: in the first answer, in a user question
(about a fifth) or only in a follow-up answer. Clean rows carry true negations, display-convention
sentences, knowledge about other structures with their own sides and sizes, hedges, comparisons and
textbook numbers. One target ("thymus") is unknown to the knowledge base.

First measure: not taken by its writer (by instruction, the lead measures the bank once, later).
"""

from __future__ import annotations

import random

import numpy as np

STYLES = ["gpt", "notes", "lay", "quiz"]
N = 256
CHEST = dict(modality="CT", region="chest", orient="LP")

# variants: lists of ellipses (cx, cy, rx, ry) in image units; others: normalised centroids for relations
PROFILES = [
    dict(target="left lung", **CHEST, variants=[[(0.71, 0.50, 0.15, 0.26)], [(0.70, 0.46, 0.14, 0.22)]],
         others={"heart": (0.56, 0.40), "vertebral body": (0.50, 0.78)},
         desc="the spongy, air-filled organ where oxygen passes into the blood, the one with only two lobes",
         give=["pulmonary", "left lung", "lung field", "pulmonary lobes"], name="the left lung",
         cmp="It is far bigger than the trachea or the oesophagus on the same slice."),
    dict(target="right lung", **CHEST, variants=[[(0.29, 0.50, 0.16, 0.26)], [(0.30, 0.47, 0.15, 0.23)]],
         others={"heart": (0.56, 0.40), "aorta": (0.58, 0.66)},
         desc="the air-filled breathing organ that has three lobes and lies above the liver",
         give=["pulmonary", "right lung", "lungs", "pneumothorax"], name="the right lung",
         cmp="It is a little larger than its partner, which gives up room to the heart."),
    dict(target="lung", **CHEST, variants=[[(0.29, 0.50, 0.15, 0.25), (0.71, 0.50, 0.14, 0.25)]],
         others={"heart": (0.56, 0.40)},
         desc="the paired, spongy organs that fill most of the chest and exchange oxygen and carbon dioxide",
         give=["lungs", "pulmonary", "lung fields", "pulmonary fields"], name="both lungs",
         cmp="Together they dwarf every other structure on this slice."),
    dict(target="heart", **CHEST, variants=[[(0.58, 0.40, 0.11, 0.10)], [(0.59, 0.42, 0.12, 0.09)]],
         others={"vertebral body": (0.50, 0.78), "right lung": (0.29, 0.50)},
         desc="the muscular pump behind the breastbone that pushes blood around the body",
         give=["cardiac", "heart", "cardiac silhouette", "heart muscle"], name="the heart",
         cmp="It is larger than the aorta but smaller than either lung."),
    dict(target="aorta", **CHEST, variants=[[(0.59, 0.68, 0.04, 0.04)], [(0.46, 0.42, 0.04, 0.04), (0.59, 0.68, 0.035, 0.035)]],
         others={"vertebral body": (0.50, 0.80), "heart": (0.56, 0.38)},
         desc="the body's main artery, carrying oxygen-rich blood out of the left ventricle",
         give=["aortic", "aorta", "thoracic aorta", "aortic arch"], name="the aorta",
         cmp="Its cross-section is much smaller than the heart's."),
    dict(target="trachea", modality="CT", region="neck", orient="LP",
         variants=[[(0.50, 0.40, 0.035, 0.03)], [(0.51, 0.38, 0.03, 0.03)]],
         others={"esophagus": (0.52, 0.55), "vertebral body": (0.50, 0.75)},
         desc="the ringed, air-filled tube that carries air from the voice box down toward the chest",
         give=["tracheal", "windpipe", "trachea", "tracheostomy"], name="the trachea",
         cmp="It is narrower than a lung by far but wider than the food tube behind it."),
    dict(target="esophagus", modality="CT", region="neck", orient="LP",
         variants=[[(0.53, 0.57, 0.025, 0.025)], [(0.52, 0.58, 0.03, 0.02)]],
         others={"trachea": (0.50, 0.40), "vertebral body": (0.50, 0.76)},
         desc="the muscular tube that carries swallowed food from the throat to the stomach",
         give=["oesophageal", "food pipe", "gullet", "esophagus"], name="the oesophagus",
         cmp="It is smaller in cross-section than the airway in front of it."),
    dict(target="thyroid gland", modality="CT", region="neck", orient="LP",
         variants=[[(0.40, 0.38, 0.05, 0.07), (0.60, 0.38, 0.05, 0.07)],
                   [(0.40, 0.38, 0.05, 0.07), (0.60, 0.38, 0.05, 0.07), (0.50, 0.36, 0.09, 0.025)]],
         others={"trachea": (0.50, 0.45), "vertebral body": (0.50, 0.75)},
         desc="the butterfly-shaped gland low in the front of the neck that makes hormones controlling metabolism",
         give=["thyroid", "thyroidal", "thyroid lobe", "thyroiditis"], name="the thyroid",
         cmp="It is bigger than the airway it wraps around."),
    dict(target="lateral ventricle", modality="MR", region="brain", orient="LP",
         variants=[[(0.42, 0.46, 0.04, 0.10), (0.58, 0.46, 0.04, 0.10)], [(0.41, 0.45, 0.035, 0.11)]],
         others={"brainstem": (0.50, 0.66)},
         desc="the paired fluid-filled spaces deep in the brain where cerebrospinal fluid is made",
         give=["lateral ventricles", "lateral ventricle", "lateral-ventricle", "lateral ventricle's"], name="the lateral ventricles", name1="the lateral ventricle",
         cmp="These fluid spaces are much smaller than the brain tissue around them."),
    dict(target="brainstem", modality="MR", region="brain", orient="LI",
         variants=[[(0.50, 0.66, 0.05, 0.10)], [(0.51, 0.68, 0.045, 0.09)]],
         others={"lateral ventricle": (0.45, 0.40), "cerebellum": (0.50, 0.80)},
         desc="the stalk linking the brain to the spinal cord, which controls breathing and heart rate",
         give=["pontine", "brain stem", "medulla oblongata", "midbrain"], name="the brainstem",
         cmp="It is slimmer than either cerebral hemisphere."),
    dict(target="cerebellum", modality="MR", region="brain", orient="LI",
         variants=[[(0.50, 0.78, 0.20, 0.09)], [(0.40, 0.78, 0.09, 0.08), (0.60, 0.78, 0.09, 0.08)]],
         others={"brainstem": (0.50, 0.64), "lateral ventricle": (0.45, 0.40)},
         desc="the folded 'little brain' at the back that coordinates balance and fine movement",
         give=["cerebellar", "cerebellum", "cerebellar hemisphere", "cerebellar vermis"], name="the cerebellum",
         cmp="It is larger than the brainstem in front of it."),
    dict(target="left femur", modality="CT", region="thigh", orient="LP",
         variants=[[(0.70, 0.52, 0.05, 0.05)], [(0.68, 0.50, 0.06, 0.055)]],
         others={"right femur": (0.30, 0.52)},
         desc="the longest and strongest bone in the body, running from hip to knee, on the opposite side to the liver",
         give=["femoral", "thigh bone", "left femur", "femoral neck"], name="the left femur",
         cmp="It is about the same size as the other femur, and far smaller than the thigh muscles around it combined."),
    dict(target="right femur", modality="MR", region="pelvis", orient="LI",
         variants=[[(0.31, 0.62, 0.05, 0.18)], [(0.32, 0.60, 0.06, 0.16)]],
         others={"left femur": (0.69, 0.61), "vertebral body": (0.50, 0.20)},
         desc="the long weight-bearing bone between the hip and the knee, on the liver's side of the body",
         give=["femoral", "thighbone", "right femur", "femoral head"], name="the right femur",
         cmp="Its shaft looks longer here than any single vertebra."),
    dict(target="vertebral body", modality="CT", region="spine", where="lower chest", orient="LP",
         variants=[[(0.50, 0.72, 0.07, 0.06)], [(0.51, 0.70, 0.065, 0.065)]],
         others={"aorta": (0.57, 0.60), "left lung": (0.70, 0.48)},
         desc="the weight-bearing block of bone at the front of each segment of the back column",
         give=["vertebral", "vertebra", "spinal", "backbone"], name="the vertebral body",
         cmp="It is bigger than the aorta in front of it."),
    dict(target="thymus", modality="CT", region="chest", orient="LP",
         variants=[[(0.50, 0.27, 0.06, 0.04)], [(0.49, 0.28, 0.05, 0.035)]],
         others={"heart": (0.56, 0.42), "aorta": (0.58, 0.66)},
         desc="the gland in the front of the upper chest where T cells mature, which shrinks after puberty",
         give=["thymic", "thymus", "thymic tissue", "thymuses"], name="the thymus",
         cmp="It is smaller than the heart just behind it."),
]

# true knowledge sentences about OTHER structures, with sides, positions, sizes and textbook numbers
OTHER_KB = {
    "chest": ["The heart sits slightly to the left of the midline, which is why the left lung has a cardiac notch.",
              "The liver lies under the right hemidiaphragm, so the right dome usually sits a little higher.",
              "The descending aorta runs down behind the heart, just left of the spine.",
              "Adults breathe roughly 12 to 20 times a minute at rest."],
    "neck": ["The oesophagus runs behind the trachea, usually a little to its left.",
             "The common carotid arteries run up on each side of the airway.",
             "The adult trachea is about 10 to 12 cm long and roughly 2 cm wide."],
    "brain": ["The brainstem lies in the midline, in front of the cerebellum.",
              "In most right-handed people language sits in the left hemisphere.",
              "An adult makes roughly 500 mL of cerebrospinal fluid a day."],
    "thigh": ["The liver is on the right, far above this level.",
              "The femur makes up about a quarter of a person's height.",
              "The sciatic nerve runs behind the bone, not in front of it."],
    "pelvis": ["The bladder sits in the midline, low in the pelvis.",
               "The lumbar spine lies above the pelvis in the midline.",
               "The femoral head forms the ball of the hip joint with the acetabulum."],
    "spine": ["The aorta runs in front of the spine, slightly to the left.",
              "The spinal cord sits in the canal behind the vertebral body, not in front of it.",
              "Most adults have 24 movable vertebrae: 7 cervical, 12 thoracic and 5 lumbar."],
}
CONVENTION = {"LP": ["By radiological convention the image is viewed from the feet, so the patient's left appears on the right of the screen.",
                     "Remember the display convention: the patient's right is on the viewer's left on an axial slice."],
              "LI": ["On this coronal image we face the patient, so their left is on our right and the head is at the top.",
                     "Coronal images are displayed as if facing the patient: the top of the picture is toward the head."]}
HEDGE = ["most likely", "as far as I can tell", "apparently", "I'd say", "probably"]


def record_for(p: dict) -> dict:
    return dict(modality=p["modality"], body_region=p["region"], orientation=p["orient"])


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:N, 0:N] / (N - 1)
    mask = np.zeros((N, N), bool)
    for cx, cy, rx, ry in rng.choice(p["variants"]):
        j = lambda: rng.uniform(-0.01, 0.01)
        mask |= ((xx - cx - j()) / rx) ** 2 + ((yy - cy - j()) / ry) ** 2 <= 1.0
    return compute_facts(mask, p["orient"], others=dict(p["others"])).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    if defect == "count":  # favour masks whose variants differ in count
        return rng.choice([q for q in profiles if len(q["variants"][-1]) != len(q["variants"][0])] + profiles[:3])
    return rng.choice(profiles)


# -- fact phrasing ----------------------------------------------------------------------------------
def side_s(side, rng, false=False):
    if false:
        side = {"left": "right", "right": "left", "midline": rng.choice(["left", "right"]),
                "bilateral": rng.choice(["left", "right"])}[side]
        if rng.random() < 0.5:
            return rng.choice([f"it lies entirely on the patient's {side} side",
                               f"the mask is confined to the {side} half of the body",
                               f"it is a purely {side}-sided structure here"])
    return rng.choice({"left": ["it is on the patient's left", "it sits left of the midline", "it is left-sided, not on the right",
                                "the bulk of it most likely lies in the patient's left half"],
                       "right": ["it is on the patient's right", "it sits to the right of the midline",
                                 "it is right-sided, not on the left", "it is, as far as I can see, on the patient's right side"],
                       "midline": ["it straddles the midline", "it is central rather than off to one side",
                                   "it lies in the midline", "it is not lateralised: it sits on the midline"],
                       "bilateral": ["it is present on both sides", "there is a part on each side of the midline",
                                     "it is bilateral, not confined to one side", "one portion lies left and one right"]}[side])


VERT = {"anterior": ["toward the front", "anteriorly", "in the front part of the slice"],
        "posterior": ["toward the back", "posteriorly", "in the dorsal part of the slice"],
        "superior": ["toward the head", "superiorly", "in the upper part of the image"],
        "inferior": ["toward the feet", "inferiorly", "low on the image"]}
FLIPV = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
REL = {"left_of": ["to the patient's left of", "left of"], "right_of": ["to the patient's right of", "right of"],
       "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
FLIPR = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
         "superior_to": "inferior_to", "inferior_to": "superior_to"}


def vert_s(v, orient, rng, false=False):
    if v == "central":
        if orient == "LP":
            return rng.choice(["it is roughly central front-to-back", "it is neither clearly anterior nor posterior",
                           "it sits about halfway between the front and the back of the body"])
        return rng.choice(["it sits at mid-height, neither high nor low", "it is roughly central from top to bottom"])
    return rng.choice(["it lies ", "it probably lies ", "its centre is "]) + rng.choice(VERT[FLIPV[v] if false else v])


def rel_s(r, rng, false=False):
    kind = FLIPR[r["relation"]] if false else r["relation"]
    return f"it lies {rng.choice(REL[kind])} the {r['other']}"


def size_s(f, rng, false=False):
    cls, frac = f["size_class"], f["area_fraction"]
    if false:
        cls = {"small": "large", "medium": rng.choice(["large", "tiny"]), "large": "small"}[cls]
        frac = {"large": max(0.25, frac * 6), "tiny": frac / 12, "small": frac / 15}[cls]
    word = {"small": ["small", "little"], "tiny": ["tiny", "minute"], "medium": ["medium-sized", "moderate in size"],
            "large": ["large", "big"]}[cls]
    pct = frac * 100
    how = rng.randrange(3)
    if how == 0:
        return rng.choice([f"it is {rng.choice(word)}, about {pct:.1f}% of the image",
                           f"I'd call it {rng.choice(word)}: roughly {pct:.1f} in every 100 pixels belong to it"])
    if how == 1:
        n = round(1 / frac)
        return f"it is {rng.choice(word)} (roughly " + (f"one {NTH[n]}" if n in NTH else f"1/{n}") + " of the frame)"
    return f"size class: {cls}, about {pct:.0f} percent of the slice" if pct >= 1 else f"size class: {cls}, under one percent of the slice"


NTH = {2: "half", 3: "third", 4: "quarter", 5: "fifth", 6: "sixth", 8: "eighth", 10: "tenth", 20: "twentieth"}


def count_s(n, rng, false=False):
    if false:
        return (rng.choice(["it is made of two separate pieces", "I count three distinct regions"]) if n == 1
                else rng.choice(["it is one single connected piece", "it forms a single contiguous region"]))
    if n == 1:
        return rng.choice(["it is one connected region, with no second focus", "a single piece", "it forms one contiguous blob",
                           "the outline has exactly one part and no satellite pieces", "1 component"])
    word = {2: "two", 3: "three", 4: "four"}.get(n, str(n))
    return rng.choice([f"it has {word} separate parts", f"there are {n} distinct components", f"{word} disconnected regions",
                       f"it is not one piece: I count {word} islands", f"{n} components, not a single blob"])


FOLLOW_Q = {"side": ["Which side is it?", "Left or right, then?", "Is it on one side only?", "And which side of the patient is that on, exactly, given how the image is flipped?"],
            "vert": ["Front or back?", "Where does it sit, higher or lower?", "How deep is it?"],
            "size": ["How big is it?", "Is it large or small?", "Roughly what share of the picture does it take up?"],
            "count": ["Is it one piece?", "How many parts are there?", "Did you outline one region or several?"],
            "rel": ["What is it next to?", "Where is it relative to its neighbours?"],
            "why": ["Why is that?", "Why does that matter to me?", "Could you explain why that is normal?",
                    "Sorry, I am still a bit lost. Could you explain in plain words why the outline has the shape it has on this picture?"]}


def build(p, facts, style, rng, defect):
    side, vert, orient = facts["laterality"], facts["vertical"], p["orient"]
    rels = [r for r in facts["relations"] if side != "bilateral" or r["relation"] not in ("left_of", "right_of")]
    where = p.get("where", p["region"])
    kind = {"laterality": "side", "position": "vert" if vert != "central" and (not rels or rng.random() < 0.5) else "rel",
            "size": "size", "count": "count"}.get(defect)
    if kind == "rel" and not rels:
        kind = "side"
    place = None
    if kind:
        place = rng.choices(["answer", "user", "follow"], [0.55, 0.22, 0.23])[0]
    rel = rng.choice(rels) if rels else None

    def say(k, false=False):
        return {"side": lambda: side_s(side, rng, false), "vert": lambda: vert_s(vert, orient, rng, false),
                "rel": lambda: rel_s(rel, rng, false), "size": lambda: size_s(facts, rng, false),
                "count": lambda: count_s(facts["components"], rng, false)}[k]()

    pool = ["side", "vert", "size", "count"] + (["rel"] if rel else [])
    in_answer = [k for k in pool if not (place == "follow" and k == kind)]
    rng.shuffle(in_answer)
    in_answer = in_answer[:rng.randint(3, len(in_answer))]
    if place == "answer" and kind not in in_answer:
        in_answer.append(kind)
    sents = [say(k, place == "answer" and k == kind) for k in in_answer]
    traps = [rng.choice(CONVENTION[orient]), rng.choice(OTHER_KB[p["region"]]), p["cmp"]]
    rng.shuffle(traps)
    traps = traps[:rng.randint(1, 3)]
    hedge = rng.choice(HEDGE)

    # first question: implicit unless names_target
    desc = p["desc"]
    if defect == "names_target":
        desc = rng.choice([f"{desc} (the {rng.choice(p['give'])} part)", f"the {rng.choice(p['give'])} region, that is {desc}"])
    wrong_q = ""
    if place == "user" and rng.random() < 0.5:
        wrong_q = " " + _cap(_user_false(kind, say)) + "?"
        place = "user0"
    mod = p["modality"]
    q = rng.choice({"gpt": [f"In this {mod} image of the {where}, please segment {desc}. Where is it and what does it look like?",
                            f"Can you identify and outline {desc} on this {mod} slice, and explain your reasoning?"],
                    "notes": [f"Segment {desc}. Location, size, count?", f"{mod} {where}: mark {desc}? Brief notes please."],
                    "lay": [f"My scan of the {where} came back and I'm nervous. Can you show me {desc} and tell me where it is?",
                            f"Hi, I'm trying to understand my {mod} scan. Where is {desc}, and is it normal?"],
                    "quiz": [f"Quiz time! On this {mod} slice, find {desc}. Which structure is it, and can you mark it?",
                             f"Next question for you: which structure is {desc}? Segment it on this {mod} image."]}[style])
    turns = [{"role": "user", "content": q + wrong_q}]
    name = p.get("name1", p["name"]) if facts["components"] == 1 else p["name"]
    if style == "gpt":
        head, tail = rng.choice([("Reasoning:", "Final answer:"), ("**Thinking it through:**", "**Answer:**"),
                                 ("Step-by-step reasoning:", "So, the answer:")])
        body = (f"{head} The description points to {name}. Looking at the slice, {'; '.join(sents)}. "
                f"{' '.join(traps)} Putting that together, the outlined region is {hedge} {name}.\n\n"
                f"{tail} {_cap(name)} [SEG].")
    elif style == "notes":
        body = f"- Target: {name} [SEG]\n" + "".join(f"- {_cap(s)}\n" for s in sents) + "".join(f"- NB: {t}\n" for t in traps)
    elif style == "lay":
        body = (rng.choice(["Of course, and please don't worry: this is normal anatomy. ", "That's a very reasonable thing to ask. ",
                            "Happy to help you make sense of it. "]) + f"I've highlighted {name} for you [SEG]. "
                + " ".join(f"{_cap(s)}." for s in sents) + " " + " ".join(traps) + " I hope that makes it clearer.")
    else:
        body = f"Answer: {name} [SEG]. " + " ".join(f"{_cap(s)}." for s in sents) + f" Extra point: {traps[0]}"
    turns.append({"role": "assistant", "content": body.strip()})

    rounds = 2 if style == "quiz" else rng.randint(0, 2)
    if place in ("follow", "user"):
        rounds = max(rounds, 1)
    used = set()
    for r in range(rounds):
        if place == "follow" and r == rounds - 1:
            turns += [{"role": "user", "content": rng.choice(FOLLOW_Q[kind])},
                      {"role": "assistant", "content": _reply(style, say(kind, True), rng)}]
        elif place == "user" and r == rounds - 1:
            turns += [{"role": "user", "content": _cap(_user_false(kind, say)) + "?"},
                      {"role": "assistant", "content": _reply(style, "that is simply how this structure looks on this slice, nothing alarming", rng)}]
        else:
            k = rng.choice([x for x in ["side", "vert", "size", "count", "why"] + (["rel"] if rel else []) if x not in used and x != kind])
            used.add(k)
            a = ("it reflects normal anatomy, and the outline follows the structure's edges"
                 if k == "why" else say(k))
            turns += [{"role": "user", "content": rng.choice(FOLLOW_Q[k])}, {"role": "assistant", "content": _reply(style, a, rng)}]
    return turns, [defect] if defect else []


def _user_false(kind, say):
    frame = {"side": "why is it the case that {}", "vert": "how come {}", "rel": "so {}, is that normal",
             "size": "why is it that {}", "count": "is it worrying that {}"}[kind]
    return frame.format(say(kind, True).replace("size class:", "its size class is"))


def _reply(style, s, rng):
    return {"gpt": f"Reasoning: checking the mask again. Final answer: {s}.",
            "notes": f"- {_cap(s)}.",
            "lay": f"Good question! {_cap(s)}, so there's nothing you need to do about it.",
            "quiz": rng.choice(["Short answer: ", "Sure: ", "Quick one: "]) + f"{s}."}[style]


def _cap(s):
    return s[:1].upper() + s[1:]
