"""Bank BD: longer multi-turn teaching conversations about musculoskeletal, spine, pelvis, neck and brain targets.

Written blind (helper qcbd) without opening the QC rules, their tests, other banks or any corpus rows; not
measured by its writer (the lead measures it once after merging). Seventeen targets (two unknown to the
knowledge base: "right piriformis muscle", "sclerotic bone lesions"), axial CT/MR ("LP") and coronal CT/MR
("LI"; no sagittal rows: compute_facts gives a sagittal slice a side only from a measured plane offset), with
bilateral/paired masks (femoral heads, iliopsoas, lateral ventricles, thalami, hip bones, back
muscles), midline masks (L3, sacrum, spinal cord, thyroid, cerebellum) and a three-region mask. Facts are
the product's own measurement (`compute_facts` on synthetic ellipse masks); the prose is written from them.
Registers (STYLES): terse radiologist, tutor, chatty markdown, numbers as words. Most rows have three rounds:
a student, a patient or a colleague asks about clinical relevance, neighbours, another slice, or paraphrases
the answer back ("So basically it's on my right?"), and the assistant confirms or politely corrects with
true facts. Clean rows carry true traps: corrected wrong paraphrases, negations, the display convention,
left/right comparisons of the two halves of a paired mask, facts about other structures, population numbers,
medial/lateral, proximal/distal, cranial/caudal vocabulary. A defective row holds exactly one false claim,
in the first answer, in a follow-up answer (often a wrong confirmation of a paraphrase) or in a user turn.
"""

from __future__ import annotations

import random

import numpy as np

STYLES = ["terse", "tutor", "md", "words"]
SEG = "[SEG]"
OPP = {"left": "right", "right": "left"}
WORDNUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
           10: "ten", 11: "eleven", 12: "twelve", 15: "fifteen", 20: "twenty", 25: "twenty-five", 30: "thirty",
           40: "forty", 50: "fifty", 60: "sixty"}


def P(target, orient, modality, region, noun, shapes, others, fn, hint, give, kb, bigger=None, direction=""):
    return dict(target=target, orient=orient, modality=modality, region=region, noun=noun, shapes=shapes,
                others=others, fn=fn, hint=hint, give=give, kb=kb, bigger=bigger, direction=direction)


# shapes: (cx, cy, rx, ry) in image fractions; others: neighbours' normalised centroids (for relations)
PROFILES = [
    P("left femur", "LP", "CT", "pelvis", "bone", [(0.70, 0.52, 0.07, 0.07)],
      {"right femur": (0.30, 0.52), "urinary bladder": (0.50, 0.40)},
      "is the longest bone in the body and carries weight from the pelvis down to the knee",
      "an elderly patient fell onto that hip and cannot bear weight",
      ["femoral", "thigh bone", "femur", "thighbone", "femoral neck"],
      ["The urinary bladder sits in the midline, in front of the sacrum.",
       "Hip fractures are far more common in older women than in young adults."],
      direction="Its head is the proximal end; the knee end is distal."),
    P("femur", "LP", "CT", "pelvis", "bones", [(0.30, 0.52, 0.065, 0.065), (0.70, 0.52, 0.072, 0.072)],
      {"urinary bladder": (0.50, 0.40), "sacrum": (0.50, 0.75)},
      "carry the body's weight from the hip joints down to the knees",
      "we are looking for arthritis of both hip joints",
      ["femoral heads", "thigh bones", "femora", "femurs", "femoral"],
      ["The bladder lies in the midline between them.",
       "The acetabulum is the socket of the hip bone that receives each head."],
      bigger="left", direction="The heads are the proximal ends; the condyles at the knee are distal."),
    P("right humerus", "LI", "CT", "shoulder", "bone", [(0.14, 0.34, 0.05, 0.11)],
      {"sternum": (0.50, 0.40), "left humerus": (0.86, 0.34)},
      "forms the ball of the shoulder joint and runs down to the elbow",
      "a young man dislocated his shoulder playing rugby",
      ["humeral", "humerus", "upper arm bone", "humeri"],
      ["The sternum sits in the midline at the front of the chest.",
       "Shoulder dislocations are most common in young men who play contact sports."],
      direction="Its head is proximal and medial; the shaft runs distally toward the elbow."),
    P("l3 vertebra", "LP", "CT", "abdomen", "bone", [(0.50, 0.66, 0.07, 0.07)],
      {"aorta": (0.52, 0.50), "left kidney": (0.70, 0.60), "right kidney": (0.30, 0.60)},
      "is the middle bone of the lower back, carrying load between the ribs and the pelvis",
      "a patient with osteoporosis has sudden back pain after lifting",
      ["lumbar vertebra", "L3", "vertebral", "third lumbar", "lumbar spine"],
      ["The aorta lies in front of it, slightly to the patient's left of the midline.",
       "The kidneys sit on either side, the right usually a little lower than the left."],
      direction="The level above is cranial to it and the level below is caudal."),
    P("iliopsoas", "LP", "CT", "pelvis", "muscles", [(0.39, 0.60, 0.055, 0.07), (0.61, 0.60, 0.05, 0.065)],
      {"sacrum": (0.50, 0.78), "urinary bladder": (0.50, 0.35)},
      "flex the hip, running from the lumbar region and pelvic brim down to the lesser trochanter",
      "a patient on anticoagulants has groin pain and a falling blood count, so we suspect a bleed",
      ["psoas", "iliacus", "iliopsoas muscles", "psoas major", "psoas muscles"],
      ["The sacrum lies behind and between them in the midline.",
       "Retroperitoneal bleeds occur in a few percent of patients on full anticoagulation."],
      bigger="right", direction="Each runs from medial and cranial to lateral and caudal as it descends."),
    P("left gluteus maximus", "LP", "CT", "pelvis", "muscle", [(0.70, 0.78, 0.12, 0.07)],
      {"sacrum": (0.50, 0.70), "right gluteus maximus": (0.30, 0.78)},
      "extends the hip when you climb stairs or stand up from a chair",
      "a runner reports buttock pain after a marathon",
      ["gluteal", "glute", "gluteus", "glutes", "glute max"],
      ["The sacrum sits in the midline, medial to both buttock muscles.",
       "The sciatic nerve passes deep to the buttock muscles on each side."],
      direction="It is the most superficial and posterior of the buttock muscles."),
    P("sacrum", "LP", "CT", "pelvis", "bone", [(0.50, 0.72, 0.09, 0.06)],
      {"urinary bladder": (0.50, 0.38), "left hip bone": (0.72, 0.62), "right hip bone": (0.28, 0.62)},
      "is the wedge of fused bones at the back of the pelvis between the two iliac wings",
      "a woman had a fall onto her bottom and has pain at the back of the pelvis",
      ["sacral", "sacro-", "sacroiliac", "sacral bone"],
      ["The bladder lies well in front of it in the midline.",
       "The two hip bones join it at the sacroiliac joints, one on each side."],
      direction="The coccyx lies caudal to it and the fifth lumbar vertebra cranial to it."),
    P("thyroid gland", "LP", "CT", "neck", "gland",
      [(0.42, 0.36, 0.05, 0.06), (0.58, 0.36, 0.05, 0.06), (0.50, 0.33, 0.06, 0.02)],
      {"trachea": (0.50, 0.45), "spinal cord": (0.50, 0.72)},
      "makes the hormone that sets the body's metabolic rate and wraps around the windpipe",
      "the patient has weight loss, a tremor and a fast pulse",
      ["thyroid", "thyroidal", "thyroid lobe", "thyro-"],
      ["The carotid arteries run behind and lateral to it on each side.",
       "Small nodules in this gland are found in about half of adults on ultrasound."],
      direction="Its lobes extend cranially along the larynx."),
    P("left common carotid artery", "LP", "CT", "neck", "vessel", [(0.64, 0.48, 0.022, 0.022)],
      {"trachea": (0.50, 0.44), "right common carotid artery": (0.36, 0.48)},
      "carries blood up the neck to the head and brain, beside the jugular vein",
      "the patient had a transient episode of weakness in the right arm",
      ["carotid", "CCA", "carotids", "carotid artery"],
      ["The internal jugular vein runs lateral to it on the same side.",
       "The trachea sits in the midline in front of the spine."],
      direction="It runs cranially to divide at about the level of the upper thyroid cartilage."),
    P("spinal cord", "LP", "MR", "spine", "structure", [(0.50, 0.60, 0.035, 0.03)],
      {"trachea": (0.50, 0.35), "left common carotid artery": (0.64, 0.45)},
      "carries nerve signals between the brain and the body inside the bony canal",
      "after a diving accident the patient cannot move the legs",
      ["cord", "spinal", "myelo-", "medulla spinalis", "myelopathy"],
      ["The vertebral body lies directly in front of the canal.",
       "The vertebral arteries run up on each side in the transverse foramina."],
      direction="It ends caudally around the first or second lumbar level in most adults."),
    P("lateral ventricle", "LP", "MR", "brain", "spaces", [(0.41, 0.48, 0.04, 0.12), (0.59, 0.48, 0.045, 0.13)],
      {"third ventricle": (0.50, 0.52), "skull": (0.50, 0.50)},
      "are the paired fluid spaces deep in the cerebral hemispheres where CSF is made",
      "a child has headaches and vomiting, and we worry about hydrocephalus",
      ["ventricles", "ventricular", "lateral ventricles", "periventricular"],
      ["The third ventricle sits in the midline between the two thalami.",
       "Mild asymmetry of these spaces is seen in a sizeable minority of healthy people."],
      bigger="left", direction="Their frontal horns point anteriorly and their temporal horns run inferiorly."),
    P("left hippocampus", "LI", "MR", "brain", "structure", [(0.62, 0.60, 0.04, 0.03)],
      {"brainstem": (0.50, 0.68), "right hippocampus": (0.38, 0.60)},
      "sits in the medial temporal lobe and is central to forming new memories",
      "an older patient has progressive forgetfulness and we look for atrophy",
      ["hippocampal", "hippocampus", "hippocampi", "ammon's horn", "cornu ammonis"],
      ["The brainstem lies in the midline, medial to both temporal lobes.",
       "In Alzheimer disease this area shrinks by a few percent each year."],
      direction="It lies medial to the temporal horn of the lateral ventricle."),
    P("cerebellum", "LI", "MR", "brain", "structure", [(0.50, 0.78, 0.17, 0.08)],
      {"brainstem": (0.50, 0.62), "lateral ventricle": (0.50, 0.40)},
      "coordinates balance and fine movement and sits in the posterior fossa",
      "the patient walks with a wide, unsteady gait and slurred speech",
      ["cerebellar", "cerebellum", "cerebello-", "cerebella", "cerebellar hemisphere"],
      ["The brainstem lies above and in front of it.",
       "The occipital lobes sit above the tentorium, on each side of the midline."],
      direction="It lies caudal to the occipital lobes, below the tentorium."),
    P("thalamus", "LP", "MR", "brain", "structures", [(0.40, 0.52, 0.04, 0.05), (0.60, 0.52, 0.037, 0.047)],
      {"third ventricle": (0.50, 0.52), "lateral ventricle": (0.50, 0.40)},
      "relay sensory signals to the cortex and sit on each side of the third ventricle",
      "the patient has a sudden loss of feeling in one half of the body",
      ["thalamic", "thalami", "thalamo-", "thalamus"],
      ["The third ventricle is the thin midline slit between them.",
       "The internal capsule runs lateral to them on each side."],
      bigger="right", direction="They lie medial to the internal capsule and the basal ganglia."),
    P("hip bone", "LI", "CT", "pelvis", "bones", [(0.30, 0.50, 0.10, 0.13), (0.70, 0.50, 0.105, 0.135)],
      {"sacrum": (0.50, 0.42), "urinary bladder": (0.50, 0.66)},
      "form the bony ring of the lower trunk with the sacrum and hold the sockets for the thigh bones",
      "a cyclist was hit by a car and has pain low in the trunk",
      ["iliac", "innominate", "os coxae", "hip bones", "pelvic bone", "acetabulum"],
      ["The sacrum closes the ring at the back in the midline.",
       "Pelvic ring fractures make up only a few percent of all fractures."],
      bigger="left", direction="The iliac crest is the most cranial part and the ischial tuberosity the most caudal."),
    P("autochthonous back muscles", "LP", "CT", "spine", "muscles",
      [(0.42, 0.80, 0.055, 0.05), (0.58, 0.80, 0.052, 0.048)],
      {"L3 vertebra": (0.50, 0.66), "aorta": (0.52, 0.50)},
      "keep the spine upright and run in the grooves on either side of the spinous processes",
      "a weightlifter strained his lower back",
      ["paraspinal", "erector spinae", "autochthonous", "deep back muscles", "autochthon"],
      ["The vertebral body lies in front of them in the midline.",
       "Low back pain affects most adults at some point in life."],
      bigger="right", direction="They lie lateral to the spinous processes, behind the transverse processes."),
    P("right piriformis muscle", "LP", "MR", "pelvis", "muscle", [(0.34, 0.68, 0.07, 0.035)],
      {"sacrum": (0.50, 0.72), "urinary bladder": (0.50, 0.40)},
      "runs from the front of the sacrum through the greater sciatic notch to the top of the thigh bone",
      "the patient has buttock pain that shoots down the back of the leg when sitting",
      ["piriformis", "piriform", "pyriformis"],
      ["The sciatic nerve usually passes just below this muscle.",
       "The bladder lies in the midline in front of the sacrum."],
      direction="It runs from medial to lateral across the back of the hip."),
    P("sclerotic bone lesions", "LP", "CT", "pelvis", "finding",
      [(0.64, 0.56, 0.02, 0.02), (0.72, 0.62, 0.018, 0.018), (0.68, 0.70, 0.022, 0.02)],
      {"sacrum": (0.50, 0.74), "urinary bladder": (0.50, 0.38)},
      "are dense, white spots inside the bone that can mean spread of a prostate cancer",
      "a man with a high PSA is being staged",
      ["sclerotic", "osteoblastic", "blastic", "sclerotic lesions"],
      ["The sacrum in the midline looks normal.",
       "Prostate cancer spreads to bone in most men with advanced disease."]),
]


def _mask(p, rng, n=256):
    s, dx, dy = rng.uniform(0.9, 1.1), rng.uniform(-0.015, 0.015), rng.uniform(-0.015, 0.015)
    yy, xx = np.mgrid[0:n, 0:n] / (n - 1)
    m = np.zeros((n, n), bool)
    for cx, cy, rx, ry in p["shapes"]:
        m |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1
    return m


def facts_for(p, rng):
    """The product's own measurement of a synthetic mask drawn for the profile."""
    from medseg_qa.facts import compute_facts

    return compute_facts(_mask(p, rng), p["orient"], others=p["others"]).model_dump(mode="json")


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


def pick_profile(profiles, i, defect, rng):
    """Paired and multi-region masks get more rows (half of all)."""
    multi = [p for p in profiles if len(p["shapes"]) > 1 and p["target"] != "thyroid gland"]
    return rng.choice(multi) if rng.random() < 0.5 else rng.choice(profiles)


# --- true facts as prose --------------------------------------------------------------------------------

def cap(s):
    return s[0].upper() + s[1:]


def words_pct(x):
    if x < 1:
        return "less than one percent"
    n = min(WORDNUM, key=lambda k: abs(k - x))
    return f"roughly {WORDNUM[n]} percent"


def pct(f, style, rng):
    x = f["area_fraction"] * 100
    if style == "words":
        return words_pct(x)
    if x < 1:
        return rng.choice([f"about {x:.1f}%", f"roughly {x:.2f}%"] + (["well under 1%"] if x < 0.5 else []))
    return rng.choice([f"about {x:.0f}%", f"~{x:.1f}%", f"roughly {x:.0f} percent"])


VERT = {"LP": {"anterior": ["toward the front of the body", "anteriorly", "in the front part of the slice"],
               "posterior": ["toward the back of the body", "posteriorly", "in the back part of the slice"],
               "central": ["roughly central front-to-back", "about halfway between front and back"]},
        "LI": {"superior": ["in the upper part of this coronal image", "superiorly, toward the head"],
               "inferior": ["in the lower part of this coronal image", "inferiorly, toward the feet"],
               "central": ["at about mid-height on this coronal image", "roughly central top-to-bottom"]}}
WRONG_VERT = {"LP": {"anterior": "toward the back of the body", "posterior": "toward the front of the body",
                     "central": "far toward the front, right under the skin"},
              "LI": {"superior": "in the lower part of this coronal image", "inferior": "in the upper part of the image",
                     "central": "right at the top edge of the image"}}
REL = {"left_of": ["to the patient's left of", "on the left side of"],
       "right_of": ["to the patient's right of", "on the right side of"],
       "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "superior_to": ["above", "cranial to"], "inferior_to": ["below", "caudal to"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
SIZE = {"small": ["small", "modest in size", "fairly small"], "medium": ["medium-sized", "moderate in size",
                                                                           "intermediate in size"],
        "large": ["large", "big", "sizeable"]}
WRONG_SIZE = {"small": ["it is huge, filling most of the slice", "it covers roughly 40% of the image",
                        "it is an enormous structure on this slice"],
              "medium": ["it is a tiny speck, well under a tenth of a percent of the image",
                         "it covers more than half of the image", "it is minuscule on this slice"],
              "large": ["it is tiny, only a dot on this slice", "it covers about 0.1% of the image",
                        "it is minuscule here"]}


def side_sents(p, f, who):
    """True side sentences; `who` is how the patient is named ("the patient's", "your")."""
    side = f["laterality"]
    if side in OPP:
        o = OPP[side]
        return [f"It lies on {who} {side}.", f"It is on {who} {side} side, not the {o}.",
                f"It sits in the {side} half of the body.", f"A {side}-sided structure on this image."]
    if side == "midline":
        return ["It sits in the midline.", "It is centred on the midline rather than off to one side.",
                "It sits on the midline, neither left nor right."]
    if side == "bilateral":
        return [f"There is one part on each side, {who} left and right.",
                "It is bilateral: one component on each side of the midline.",
                "Both sides are included, left and right."]
    return ["Its side cannot be told here."]


def count_sent(n, style):
    if n == 1:
        return {"terse": "Single contiguous region.", "tutor": "Notice that it is one connected region.",
                "md": "**Regions:** one contiguous area", "words": "It forms one single connected region."}[style]
    w = WORDNUM[n]
    return {"terse": f"{n} separate components.", "tutor": f"Notice that it appears as {w} separate regions.",
            "md": f"**Regions:** {w} separate areas", "words": f"It is made of {w} separate pieces."}[style]


def rel_sents(f, rng):
    out = []
    for r in f["relations"]:
        out.append(f"It lies {rng.choice(REL[r['relation']])} the {r['other']}.")
    return out


def comparison(p, f, who):
    """True left/right comparisons for a paired mask."""
    if f["laterality"] != "bilateral" or not p["bigger"]:
        return []
    b = p["bigger"]
    s = OPP[b]
    return [f"The {b} one looks slightly larger than the {s} one on this slice.",
            f"The {s} one is a touch smaller than the {b}.",
            f"The part on the image's right is {who} left one; the part on the image's left is {who} right one."]


CONVENTION = ["By convention the patient's left is shown on the right of the screen.",
              "Remember the display convention: image right is the patient's left.",
              "As usual, the image is displayed as if facing the patient, so their right is on our left."]


def traps(p, f, who, rng):
    out = list(p["kb"]) + comparison(p, f, who) + [rng.choice(CONVENTION)]
    side = f["laterality"]
    if side in OPP:
        out += [f"There is nothing on the {OPP[side]} side in this mask.",
                f"It does not cross the midline to {who} {OPP[side]}."]
    if f["components"] == 1:
        out += ["There is no second focus.", "It is not split into several pieces."]
    if p["direction"]:
        out.append(p["direction"])
    return out


# --- conversation parts ---------------------------------------------------------------------------------

PERSONAS = {"student": ("the patient's", "the patient's"), "patient": ("your", "my"), "colleague": ("the patient's", "the patient's")}


def first_question(p, persona, style, rng, name_it):
    noun, fn, hint = p["noun"], p["fn"], p["hint"]
    if name_it:
        g = rng.choice(p["give"])
        fn = rng.choice([f"{fn} (the {g} one)", f"{fn}; I think it's {g}-related", f"{fn}, i.e. the {g} region"])
    if p["noun"] in ("finding",):
        noun = "findings"
    be, it = ("are", "them") if noun.endswith("s") else ("is", "it")
    frames = {
        "student": [f"I'm revising for my exam. Which {noun} on this scan {fn}? Can you outline it?",
                    f"Quick anatomy check: the {noun} that {fn} — where {be} {it.replace('them', 'they')} here? Please segment {it}.",
                    f"Our tutor said to find the {noun} that {fn}. Could you show me where {it.replace('them', 'they')} {be}?"],
        "patient": [f"My doctor mentioned the {noun} that {fn}. Can you show me where {it.replace('them', 'they')} {be} on my scan?",
                    f"I'm the patient. The referral note says: {hint}. Where {be} the {noun} that {fn}? Please mark {it}."],
        "colleague": [f"Clinical context: {hint}. Can you segment the {noun} that {fn}?",
                      f"Could you outline the {noun} that {fn}? Context: {hint}."],
    }
    return rng.choice(frames[persona])


def core(p, f, style, rng, who):
    """True core sentences of the first answer."""
    orient = p["orient"]
    side = rng.choice(side_sents(p, f, who))
    vert = f"It lies {rng.choice(VERT[orient][f['vertical']])}."
    size = f"It is {rng.choice(SIZE[f['size_class']])} here, covering {pct(f, style, rng)} of the image."
    return [side, vert, size, count_sent(f["components"], style)] + rel_sents(f, rng)[:2]


def render(style, lead, sents):
    if style == "md":
        return lead + "\n\n### Key points\n" + "\n".join(f"- {s}" for s in sents)
    if style == "terse":
        return " ".join([lead] + sents)
    return " ".join([lead] + sents)


def lead_for(p, style, rng):
    t = p["target"].replace("l3 ", "L3 ")
    return {"terse": rng.choice([f"{cap(t)}: {SEG}.", f"Segmented: {t} {SEG}."]),
            "tutor": rng.choice([f"Great question! This is the {t} {SEG}.", f"Let's look together: it is the {t} {SEG}."]),
            "md": rng.choice([f"## Answer\nThat's the **{t}** {SEG}.", f"Sure! Here is the **{t}** {SEG}."]),
            "words": rng.choice([f"This is the {t} {SEG}.", f"The structure is the {t} {SEG}."])}[style]


def wrong_claim(kind, p, f, who, rng):
    """One plainly false assistant sentence of a kind."""
    side = f["laterality"]
    if kind == "laterality":
        if side in OPP:
            o = OPP[side]
            return rng.choice([f"It lies on {who} {o}.", f"It is a {o}-sided structure.",
                               f"It sits in the {o} half of the body."])
        if side == "bilateral":
            return rng.choice([f"Only the {rng.choice(['left', 'right'])} side is included in the mask.",
                               "It is a one-sided structure, confined to the patient's right."])
        return rng.choice(["It lies well off to the patient's left, far from the midline.",
                           "It sits clearly on the right side of the body."])
    if kind == "position":
        along = [r for r in f["relations"] if r["relation"] not in ("left_of", "right_of")]  # sides are laterality
        if along and rng.random() < 0.5:
            r = rng.choice(along)
            return f"It lies {rng.choice(REL[FLIP[r['relation']]])} the {r['other']}."
        return f"It lies {WRONG_VERT[p['orient']][f['vertical']]}."
    if kind == "size":
        return cap(rng.choice(WRONG_SIZE[f["size_class"]])) + "."
    n = f["components"]
    if n == 1:
        return rng.choice(["It is split into two separate pieces.", "It consists of three disconnected regions."])
    return rng.choice(["It is one single connected region.", f"It consists of {WORDNUM[n + 2]} separate pieces."])


def wrong_question(kind, p, f, mine, rng):
    """A user question that plainly asserts one false fact."""
    side = f["laterality"]
    if kind == "laterality":
        if side in OPP:
            return f"Why is it on {mine} {OPP[side]} side and not the other?"
        if side == "bilateral":
            return "Why is it only present on the right side and missing on the left?"
        return "Why does it sit so far over on the left instead of the middle?"
    if kind == "position":
        return f"Why does it lie {WRONG_VERT[p['orient']][f['vertical']]} on this image?"
    if kind == "size":
        big = {"small": "huge", "medium": "tiny", "large": "tiny"}[f["size_class"]]
        return f"Why does it look so {big} on this slice?"
    n = f["components"]
    return ("Why is it broken into two separate pieces here?" if n == 1
            else "Why does it show up as one single blob here?")


NEUTRAL_REPLY = ["Appearance on a single slice depends on where the slice cuts through the structure and on the "
                 "patient's anatomy, so it is best judged together with the neighbouring slices.",
                 "That is worth checking across the adjacent slices; one image can be misleading, and a radiologist "
                 "would always scroll through the whole stack before concluding anything."]


def paraphrase(p, f, mine, rng, correct):
    """(user paraphrase, true assistant reply) for a side or position paraphrase."""
    side, vert = f["laterality"], f["vertical"]
    if side in OPP:
        said = side if correct else OPP[side]
        q = rng.choice([f"So basically it's on {mine} {said}?", f"Let me get this straight: it's on {mine} {said} side?"])
        your = "your" if mine == "my" else "the patient's"
        a = (f"Yes, exactly — it is on {your} {side}." if correct else
             f"Not quite — it is on {your} {side}. The image is flipped for display, which trips many people up.")
        return q, a
    if side == "bilateral":
        if correct:
            return "So there's one on each side?", "Yes, that's right: one part on the left and one on the right."
        return ("So it's only on one side, then?",
                "No — there is one on each side; the mask includes both the left and the right parts.")
    if side == "midline":
        if correct:
            return "So it sits right in the middle?", "Yes, it is in the midline."
        return (f"So it's off to {mine} left?", "Not really — it sits in the midline, not off to the left.")
    return "So where exactly is it?", "Look at the highlighted area on the image."


def followups(p, f, style, rng, who, mine, persona):
    """(question, true answer) pairs for later rounds."""
    t = p["target"]
    side = f["laterality"]
    pairs = []
    q, a = paraphrase(p, f, mine, rng, correct=rng.random() < 0.5)
    pairs.append((q, a))
    pairs.append(("Why does it matter clinically?" if persona != "patient" else "Is this something I should worry about?",
                  f"In this setting ({p['hint']}), this is the first thing to check. " + p["kb"][1]))
    pairs.append(("What is next to it?",
                  " ".join(rel_sents(f, rng)) + " " + p["kb"][0] if f["relations"] else p["kb"][0]))
    pairs.append(("What would change on another slice?",
                  ("On a slice further up or down the outline would change shape and size, so a single slice never "
                   "tells the whole story. " + (p["direction"] or "")).strip()))
    pairs.append(("Which side is it on?", rng.choice(side_sents(p, f, who))))
    pairs.append(("How big is it?", f"It is {rng.choice(SIZE[f['size_class']])}, covering {pct(f, style, rng)} of the image."))
    if side == "bilateral" and p["bigger"]:
        pairs.append(("Are the two sides the same?", " ".join(comparison(p, f, who)[:2]) +
                      " A small difference like this is usually normal."))
    if f["components"] > 1:
        pairs.append(("How many separate parts are there?", count_sent(f["components"], style)))
    return pairs


def speak_words(text):
    for d, w in ((" 1 ", " one "), (" 2 ", " two "), (" 3 ", " three "), ("about 0.1%", "about a tenth of one percent"),
                 ("roughly 40%", "roughly forty percent")):
        text = text.replace(d, w)
    return text


def build(p, facts, style, rng, defect):
    f = facts
    persona = rng.choice(list(PERSONAS))
    who, mine = PERSONAS[persona]
    q1 = first_question(p, persona, style, rng, name_it=defect == "names_target")
    sents = core(p, f, style, rng, who)
    tr = traps(p, f, who, rng)
    sents += rng.sample(tr, min(len(tr), rng.randint(2, 4)))
    fups = followups(p, f, style, rng, who, mine, persona)
    first, rest = fups[0], fups[1:]
    rng.shuffle(rest)
    chosen = [first if rng.random() < 0.6 else rest.pop()] + [rest.pop()]
    rounds = 3 if rng.random() < 0.85 else 2
    chosen = chosen[:rounds - 1]
    place = None
    if defect in ("laterality", "position", "size", "count"):
        place = rng.choices(["answer", "followup", "user"], [0.5, 0.3, 0.2])[0]
    if place == "answer":
        bad = wrong_claim(defect, p, f, who, rng)
        drop = {"laterality": 0, "position": 1, "size": 2, "count": 3}[defect]
        sents[drop] = bad
        # no true sentence of the same kind may stay beside the false one
        keep = []
        for s in sents:
            if s == bad:
                keep.append(s)
            elif defect == "position" and s.startswith("It lies ") and any(
                    r["other"] in s and r["other"] in bad for r in f["relations"]):
                continue
            elif defect == "laterality" and ("one looks slightly" in s or "a touch smaller" in s or "image's right is" in s or "nothing on the" in s
                                             or "cross the midline" in s or s in CONVENTION):
                continue
            elif defect == "count" and s in ("There is no second focus.", "It is not split into several pieces."):
                continue
            else:
                keep.append(s)
        sents = keep
    ans1 = render(style, lead_for(p, style, rng), sents)
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": ans1}]
    if place in ("followup", "user") and not chosen:
        chosen = [rest.pop() if rest else first]
    for k, (q, a) in enumerate(chosen):
        last = k == len(chosen) - 1
        if last and place == "followup":
            if defect == "laterality" and f["laterality"] in OPP and rng.random() < 0.5:
                o = OPP[f["laterality"]]
                q = f"So basically it's on {mine} {o}?"
                your = "your" if mine == "my" else "the patient's"
                a = f"Yes, exactly — it's on {your} {o}."
            else:
                q = {"laterality": "Which side is it on, then?", "position": "Where exactly does it sit?",
                     "size": "How big is it on this slice?", "count": "Is it one piece or several?"}[defect]
                a = wrong_claim(defect, p, f, who, rng) + " " + p["kb"][0]
        elif last and place == "user":
            q = wrong_question(defect, p, f, mine, rng)
            a = rng.choice(NEUTRAL_REPLY)
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    if style == "words":
        for t in turns:
            t["content"] = speak_words(t["content"])
    return turns, ([defect] if defect else [])
