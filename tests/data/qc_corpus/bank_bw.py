"""Bank BW (round 16), written blind (no QC rule, test, other bank or row read): pelvis, brain MR and neck.

Targets: urinary bladder, prostate, femoral heads (both; a label the knowledge base does not know),
iliopsoas (both / left), hippocampus (both / right, coronal "LI"), lateral ventricles, right thalamus,
cerebellum (coronal "LI"), thyroid gland, common carotid arteries, a brain tumour with 1-3 foci.
Facts are the product's own `compute_facts` on synthetic ellipse masks; the prose is written from them.

Registers: "ward" (a Resident guesses, the Attending has the final word; clean rows correct the
resident's wrong guesses explicitly), "marking" (a student's partly wrong answer quoted, a mark and the
correct facts), "summary" (a plain clinical summary in two short paragraphs). Traps in clean rows, all
true: the resident's/student's corrected guesses, negations, the display convention, sentences about
other structures, hedges, population numbers. Defects: one plainly asserted false claim as the final
word; about a fifth of side/position/size/count defects sit in a user question, some in a follow-up.

First measure: taken by the lead after merging (this writer did not run it).
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
W = H = 256
OPP = {"left": "right", "right": "left"}
NUM = {1: "one", 2: "two", 3: "three", 4: "four"}
STYLES = ["ward", "marking", "summary"]

_PELVIS_CT = dict(modality="CT", body_region="pelvis", orientation="LP")
_PELVIS_MR = dict(modality="MR", body_region="pelvis", orientation="LP")
_BRAIN_AX = dict(modality="MR", body_region="brain", orientation="LP")
_BRAIN_COR = dict(modality="MR", body_region="brain", orientation="LI")
_NECK = dict(modality="CT", body_region="neck", orientation="LP")

# blobs: (cx, cy, rx, ry) in image fractions; x grows toward the patient's left, y toward posterior (LP)
# or inferior (LI). others: normalised centroids of neighbouring structures (for relations).
PROFILES = [
    dict(target="urinary bladder", rec=_PELVIS_CT, blobs=[(0.5, 0.34, 0.11, 0.09)],
         others={"rectum": (0.5, 0.72), "right femoral head": (0.24, 0.5), "left femoral head": (0.76, 0.5)},
         call=["the bladder", "this fluid-filled organ", "the urinary bladder"],
         give=["bladder", "vesical wall", "urinary bladder", "bladder lumen"],
         q=["Which structure on this pelvic slice stores urine until the patient voids?",
            "An older smoker passes painless visible blood in his urine; can you outline the hollow reservoir we should look at?",
            "Please segment the muscular sac in the pelvis that fills with urine from the kidneys. Where is it?"],
         kb=["The rectum lies behind it, closer to the sacrum.",
             "The femoral heads sit on either side, well lateral to it.",
             "An adult usually feels the urge to void at roughly 300 to 400 mL."]),
    dict(target="prostate", rec=_PELVIS_MR, blobs=[(0.5, 0.55, 0.05, 0.045)],
         others={"rectum": (0.5, 0.78), "pubic symphysis": (0.5, 0.28)},
         call=["the gland", "this walnut-sized gland", "the prostate"],
         give=["prostate", "prostate gland", "prostatic tissue", "prostatic gland"],
         q=["An elderly man has a weak urinary stream and nocturia; which small gland around the urethra is the culprit?",
            "Can you outline the male accessory gland that wraps the urethra just below the bladder neck?",
            "Where is the gland that adds fluid to semen in this pelvic MR?"],
         kb=["The rectum lies directly behind it, which is why it can be felt on rectal examination.",
             "The pubic symphysis is in front of it.",
             "In young adult men it weighs roughly 20 to 25 grams."]),
    dict(target="femoral head", rec=_PELVIS_CT, blobs=[(0.24, 0.5, 0.07, 0.07), (0.76, 0.5, 0.07, 0.07)],
         others={"urinary bladder": (0.5, 0.34)},
         call=["the two ball-shaped bones", "both of them", "the rounded ends of the thigh bones"],
         give=["femoral heads", "heads of the femur", "femoral head", "femoral epiphyses"],
         q=["Which rounded bony parts sit in the hip sockets and carry the body's weight?",
            "An older woman fell and cannot bear weight; can you outline the ball parts of the hip joints?",
            "Please segment the spherical bone ends that articulate with the acetabula."],
         kb=["The acetabulum forms the socket around each of them.",
             "The bladder sits between them near the front of the pelvis.",
             "In adults each is roughly 4.5 to 5 cm across."]),
    dict(target="iliopsoas", rec=_PELVIS_CT, blobs=[(0.3, 0.5, 0.06, 0.08), (0.7, 0.5, 0.06, 0.08)],
         others={"urinary bladder": (0.5, 0.32)},
         call=["the two hip flexor muscles", "these muscles", "the muscle bellies"],
         give=["psoas muscles", "iliopsoas muscles", "iliopsoas", "psoas"],
         q=["Which muscles flex the hip when the patient lifts the thigh toward the trunk?",
            "A patient has a fever and pain on hip extension; can you outline the main hip-flexor muscles here?",
            "Please segment the large flexors of the hip on this pelvic slice."],
         kb=["The femoral nerve runs in the groove beside them.",
             "The bladder lies in front and in the midline.",
             "An abscess can track down along them from the spine."]),
    dict(target="left iliopsoas", rec=_PELVIS_CT, blobs=[(0.7, 0.5, 0.06, 0.08)],
         others={"urinary bladder": (0.5, 0.32)},
         call=["the muscle", "this hip flexor", "the outlined muscle"],
         give=["psoas muscle", "iliopsoas muscle", "iliopsoas", "psoas"],
         q=["Which single hip-flexor muscle is shown here, the one that lifts the thigh toward the trunk?",
            "A runner has groin pain on hip flexion on one side; can you outline the flexor muscle involved?",
            "Please segment the one large hip flexor highlighted on this slice."],
         kb=["Its partner on the other side mirrors it.",
             "The bladder lies in front of it and nearer the midline.",
             "The femoral nerve runs along its lateral edge."]),
    dict(target="hippocampus", rec=_BRAIN_COR, blobs=[(0.35, 0.6, 0.045, 0.07), (0.65, 0.6, 0.045, 0.07)],
         others={"lateral ventricle": (0.5, 0.38)},
         call=["these curved grey-matter structures", "both of them", "the paired memory structures"],
         give=["hippocampi", "hippocampal formations", "Ammon's horns", "hippocampal structures"],
         q=["Which paired structures in the medial temporal lobes form new memories?",
            "A patient with early memory loss is worked up for dementia; can you outline the structures we measure for atrophy?",
            "Please segment the seahorse-shaped grey matter structures of the temporal lobes."],
         kb=["The lateral ventricles lie above them in this coronal plane.",
             "The amygdala sits just in front of each of them.",
             "In Alzheimer disease their volume falls faster than the roughly 1 to 2 percent per year of normal ageing."]),
    dict(target="right hippocampus", rec=_BRAIN_COR, blobs=[(0.35, 0.6, 0.035, 0.055)],
         others={"lateral ventricle": (0.5, 0.38)},
         call=["this structure", "the outlined memory structure", "the curved grey matter"],
         give=["hippocampus", "hippocampal formation", "Ammon's horn", "hippocampal grey matter"],
         q=["Which single medial temporal structure involved in memory is highlighted here?",
            "A patient with temporal lobe seizures may have sclerosis of one memory structure; can you outline it?",
            "Please segment the seahorse-shaped grey matter on one side of this coronal slice."],
         kb=["Its counterpart on the other side is not part of this mask.",
             "The lateral ventricle sits above it.",
             "The temporal horn curves just beside it."]),
    dict(target="lateral ventricle", rec=_BRAIN_AX, blobs=[(0.41, 0.45, 0.04, 0.14), (0.59, 0.45, 0.04, 0.14)],
         others={"thalamus": (0.5, 0.6)},
         call=["the CSF-filled cavities", "these two chambers", "both cavities"],
         give=["lateral ventricles", "ventricles", "ventricular system", "lateral ventricular horns"],
         q=["Which paired fluid spaces inside the cerebral hemispheres make and hold cerebrospinal fluid?",
            "A child has a big head and vomiting; can you outline the fluid chambers that enlarge when drainage is blocked?",
            "Please segment the two largest CSF-filled cavities of the brain."],
         kb=["The third ventricle is a thin midline slit between the thalami.",
             "The choroid plexus inside them produces most of the cerebrospinal fluid.",
             "An adult makes roughly 500 mL of cerebrospinal fluid a day."]),
    dict(target="right thalamus", rec=_BRAIN_AX, blobs=[(0.42, 0.56, 0.04, 0.05)],
         others={"lateral ventricle": (0.5, 0.42)},
         call=["this deep grey-matter nucleus", "the outlined relay station", "the nucleus"],
         give=["thalamus", "thalamic nucleus", "right thalamus", "thalamic grey matter"],
         q=["Which deep grey-matter relay station passes sensory signals to the cortex on one side here?",
            "A patient has numbness of one half of the body after a small stroke; can you outline the deep relay nucleus?",
            "Please segment the egg-shaped deep grey matter highlighted on one side of this slice."],
         kb=["The third ventricle separates the right and left thalami in the midline.",
             "The internal capsule runs along its lateral side.",
             "Each one is roughly 3 cm long in adults."]),
    dict(target="cerebellum", rec=_BRAIN_COR, blobs=[(0.5, 0.8, 0.25, 0.1)],
         others={"lateral ventricle": (0.5, 0.38)},
         call=["the hindbrain structure", "this structure", "the little brain"],
         give=["cerebellum", "cerebellar hemispheres", "cerebellar tissue", "cerebellar vermis and hemispheres"],
         q=["Which part of the hindbrain coordinates balance and fine movement?",
            "A patient walks with a broad-based, unsteady gait; can you outline the structure that coordinates movement?",
            "Please segment the brain structure beneath the tentorium that fine-tunes motor control."],
         kb=["The brainstem lies just in front of it.",
             "The lateral ventricles lie well above it.",
             "It holds roughly half of the brain's neurons in about a tenth of its volume."]),
    dict(target="thyroid gland", rec=_NECK, blobs=[(0.4, 0.38, 0.06, 0.08), (0.6, 0.38, 0.06, 0.08),
                                                     (0.5, 0.36, 0.07, 0.025)],
         others={"trachea": (0.5, 0.5), "cervical vertebra": (0.5, 0.75)},
         call=["the butterfly-shaped gland", "this gland", "the gland and its isthmus"],
         give=["thyroid", "thyroid gland", "thyroid lobes and isthmus", "thyroidal tissue"],
         q=["Which gland in the lower front of the neck makes the hormones that set the metabolic rate?",
            "A woman has weight loss, tremor and a swelling in the neck that moves on swallowing; can you outline the gland?",
            "Please segment the endocrine gland draped over the windpipe on this neck CT."],
         kb=["The common carotid arteries run on either side, behind and lateral to it.",
             "The trachea lies directly behind its isthmus.",
             "Each lobe is roughly 4 to 6 cm long in adults."]),
    dict(target="common carotid artery", rec=_NECK, blobs=[(0.33, 0.52, 0.025, 0.025), (0.67, 0.52, 0.025, 0.025)],
         others={"thyroid gland": (0.5, 0.38)},
         call=["the two neck arteries", "these vessels", "both arteries"],
         give=["carotids", "CCAs", "common carotid arteries", "carotid arteries"],
         q=["Which paired arteries in the neck carry blood up to the head before they divide?",
            "A patient had a brief episode of one-sided weakness; can you outline the main neck arteries we screen for plaque?",
            "Please segment the large arteries of the neck whose pulse you feel beside the windpipe."],
         kb=["The internal jugular veins lie just lateral to them.",
             "The thyroid gland lies in front of and between them.",
             "Each is normally about 6 to 8 mm across in adults."]),
    dict(target="whole tumour", rec=_BRAIN_AX, blobs=None,
         others={"lateral ventricle": (0.5, 0.45)},
         call=["the abnormal tissue", "the enhancing region", "the abnormal area"],
         give=["tumour", "tumor", "glioma", "brain mass", "neoplasm"],
         q=["A patient has new seizures and headaches; can you outline the abnormal tissue on this brain MR?",
            "Where is the area of abnormal signal that is pushing on the surrounding brain here?",
            "Please segment the region that should not be there on this contrast-enhanced brain scan."],
         kb=["The lateral ventricles are not displaced across the midline.",
             "Gliomas are the most common primary intra-axial neoplasms in adults.",
             "Surrounding oedema often spreads along the white matter tracts."]),
]


def record_for(p: dict) -> dict:
    return dict(p["rec"])


def pick_profile(profiles, i, defect, rng):
    """Every target gets used; the tumour (1-3 foci) and the paired masks come up a little more often."""
    if rng.random() < 0.25:
        return rng.choice([pr for pr in profiles if pr["target"] in ("whole tumour", "femoral head", "hippocampus",
                                                                    "lateral ventricle", "common carotid artery")])
    return profiles[(i * 7 + (i // len(profiles))) % len(profiles)]


def _blobs(p: dict, rng: random.Random) -> list:
    if p["blobs"] is not None:
        return [(cx + rng.uniform(-0.01, 0.01), cy + rng.uniform(-0.01, 0.01), rx, ry) for cx, cy, rx, ry in p["blobs"]]
    n = rng.choice([1, 1, 2, 3])
    left = rng.random() < 0.5
    out = []
    for k in range(n):  # all foci in one hemisphere, separated vertically
        cx = (0.66 if left else 0.34) + rng.uniform(-0.03, 0.03)
        cy = 0.3 + 0.2 * k + rng.uniform(-0.02, 0.02)
        r = 0.07 if k == 0 else 0.035
        out.append((cx, cy, r, r * 0.9))
    return out


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:H, 0:W]
    mask = np.zeros((H, W), bool)
    for cx, cy, rx, ry in _blobs(p, rng):
        mask |= ((xx - cx * W) / (rx * W)) ** 2 + ((yy - cy * H) / (ry * H)) ** 2 <= 1.0
    return compute_facts(mask, p["rec"]["orientation"], others=dict(p["others"])).model_dump(mode="json")


# ---- phrase tables (the scratch checker reads prose with these same tables) ---------------------------------
SIDE_PH = {"left": ["lies on the patient's left side", "is left-sided", "sits in the patient's left half"],
           "right": ["lies on the patient's right side", "is right-sided", "sits in the patient's right half"],
           "midline": ["sits in the midline", "is central, straddling the midline", "lies on the midline"],
           "bilateral": ["is present on both sides", "is bilateral, one on each side", "appears on both the left and the right"]}
VERT_PH = {"anterior": ["lies toward the front of the section", "is anteriorly placed", "sits in the anterior part of the slice"],
           "posterior": ["lies toward the back of the section", "is posteriorly placed", "sits in the posterior part of the slice"],
           "superior": ["lies in the upper part of this coronal image", "is superiorly placed", "sits toward the head end of the slice"],
           "inferior": ["lies in the lower part of this coronal image", "is inferiorly placed", "sits toward the feet end of the slice"],
           "central": ["sits roughly midway between front and back", "lies at mid-depth from front to back",
                       "sits roughly midway between the top and bottom of the slice", "lies at mid-height on this coronal image"]}
SIZE_PH = {"small": ["is small", "is a small structure on this image", "comes out small"],
           "medium": ["is medium-sized", "is of moderate size", "comes out medium in size"],
           "large": ["is large", "is a large structure on this image", "comes out large"]}
COUNT_PH = {1: ["forms a single connected region", "is one continuous piece", "is a single component"],
            2: ["consists of two separate regions", "is made of two distinct components", "has two separate parts"],
            3: ["consists of three separate regions", "is made of three distinct components", "has three separate parts"]}
REL_PH = {"left_of": "to the patient's left of", "right_of": "to the patient's right of", "anterior_to": "in front of",
          "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
VFLIP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
CONVENTION = ["By radiological convention the patient's left is shown on the viewer's right.",
              "Remember the display convention: the image is viewed as if facing the patient, so the patient's left appears on the right of the screen."]


def pct(f: dict) -> str:
    v = f["area_fraction"] * 100
    return f"about {v:.1f}% of the image"


def wrong_side(side: str, rng) -> str:
    if side in OPP:
        return rng.choice(SIDE_PH[OPP[side]])
    if side == "bilateral":
        return rng.choice(["lies on the patient's right side only", "is left-sided only, with nothing on the right"])
    return rng.choice(SIDE_PH[rng.choice(["left", "right"])])


def wrong_size(f: dict, rng) -> str:
    v = f["area_fraction"] * 100
    if f["size_class"] == "small" or (f["size_class"] == "medium" and v < 2.5):
        return rng.choice(["is large, about 14% of the image", "is a large structure on this image, roughly 12% of the frame"])
    return rng.choice(["is tiny, about 0.2% of the image", "is small, well under half a percent of the image"])


def wrong_count(n: int, rng) -> str:
    if n == 1:
        return rng.choice(COUNT_PH[2])
    return rng.choice(COUNT_PH[1] if rng.random() < 0.6 else COUNT_PH[3 if n == 2 else 2])


def side_neg(side: str) -> str:
    if side in OPP:
        return f"It is not on the {OPP[side]}."
    if side == "bilateral":
        return "It is not confined to one side."
    return "It is not off to one side."


def count_neg(n: int) -> str:
    return {1: "There is no second focus.", 2: "There is no third region."}.get(n, "There is no fourth region.")


def _defect_kind_facts(p: dict, f: dict, rng, defect: str | None) -> dict:
    """The statements of a row: true ones, with at most one replaced by a false one."""
    name_v = f["vertical"]
    rels = f["relations"]
    vph = VERT_PH[name_v] if name_v != "central" else VERT_PH[name_v][:2] if p["rec"]["orientation"] == "LP" else VERT_PH[name_v][2:]
    s = {"side": rng.choice(SIDE_PH[f["laterality"]]), "vert": rng.choice(vph),
         "size": rng.choice(SIZE_PH[f["size_class"]]) + f", {pct(f)}",
         "count": rng.choice(COUNT_PH[min(f["components"], 3)])}
    rel = rng.choice(rels) if rels else None
    s["rel"] = f"{REL_PH[rel['relation']]} the {rel['other']}" if rel else None
    if defect == "laterality":
        s["side"] = wrong_side(f["laterality"], rng)
    elif defect == "position":
        if name_v in VFLIP and (rel is None or rng.random() < 0.5):
            s["vert"] = rng.choice(VERT_PH[VFLIP[name_v]])
        else:
            s["rel"] = f"{REL_PH[FLIP[rel['relation']]]} the {rel['other']}"
    elif defect == "size":
        s["size"] = wrong_size(f, rng)
    elif defect == "count":
        s["count"] = wrong_count(f["components"], rng)
    return s


def _q_false(kind: str, f: dict, rng) -> str:
    """A user follow-up that asserts the false premise."""
    if kind == "laterality":
        side = {"left": "on the right", "right": "on the left", "midline": "on the left",
                "bilateral": "only on the right"}[f["laterality"]]
        return f"Why is it {side} in this patient, is that normal?"
    if kind == "position":
        v = f["vertical"]
        if v in VFLIP:
            return f"Why does it sit so far {VFLIP[v]} on this slice, is that normal?"
        rel = f["relations"][0]
        return f"Why is it {REL_PH[FLIP[rel['relation']]]} the {rel['other']} here?"
    if kind == "size":
        return ("Why is it so large here, roughly a seventh of the whole image?" if f["size_class"] != "large"
                else "Why is it so tiny here, under half a percent of the image?")
    n = f["components"]
    return "Why is it split into two separate pieces here?" if n == 1 else "Why is it a single connected piece here?"


NEUTRAL = ["The outline simply follows the boundary visible on this slice; I would correlate with the adjacent images before drawing conclusions.",
           "That is what the segmentation shows on this one slice; a single image cannot say much about cause, so review the neighbouring slices."]


def first_answer(p, f, style, rng, s, traps: bool) -> str:
    call = rng.choice(p["call"])
    t = p["target"]
    rel = f" It lies {s['rel']}." if s["rel"] else ""
    if style == "ward":
        wrong_guess = ""
        if traps:
            gs = {"left": "right", "right": "left", "midline": "left", "bilateral": "right"}[f["laterality"]]
            wrong_guess = f"Resident: I think it's only on the {gs}, and probably bigger than it looks. "
            corr = f"Attending: Close, but no: it {s['side']}, and it {s['size']}."
        else:
            wrong_guess = "Resident: I think it's the structure you asked about. "
            corr = f"Attending: Yes. It {s['side']}, and it {s['size']}."
        if rng.random() < 0.5:
            return (f"{wrong_guess}{corr} It {s['vert']} and {s['count']}.{rel} Here is the mask of {call}: {SEG} "
                    f"Attending, again: this is the {t}." + (" " + rng.choice(CONVENTION) if traps else ""))
        return (f"Attending: Let's look at {call} {SEG}. It is the {t}. {wrong_guess}{corr}{rel} "
                f"Attending: Also, it {s['count']}, and it {s['vert']}."
                + (" " + rng.choice(p["kb"]) if traps else ""))
    if style == "marking":
        if traps:
            stud = rng.choice(["Student answer: 'It is on the wrong side of the body and there are extra pieces.'",
                               "Student answer: 'A huge structure, lying on the opposite side, in several fragments.'"])
            mark = "Mark: 1/3."
        else:
            stud = "Student answer: 'It is the structure in question.'"
            mark = "Mark: 3/3."
        return (f"{stud} {mark} Comment: the target is the {t} {SEG}. The correct facts: it {s['side']}; it "
                f"{s['vert']}; it {s['size']}; it {s['count']}.{rel}"
                + (" The student's side and fragment count were wrong and are corrected here." if traps else ""))
    para1 = rng.choice([f"Summary: the highlighted structure is the {t} {SEG}. It {s['side']} and {s['vert']}.{rel}",
                        f"Clinical summary. The mask {SEG} outlines the {t}, most likely {call} as expected here. "
                        f"It {s['side']}; it also {s['vert']}.{rel}"])
    para2 = f"On measurement it {s['size']}, and it {s['count']}."
    if traps:
        para2 += " " + rng.choice(p["kb"]) + " " + rng.choice(CONVENTION)
    return para1 + "\n\n" + para2


def follow(p, f, rng, s, traps: bool) -> list[tuple[str, str]]:
    """Follow-up (question, answer) pairs of every length, each stating one fact from `s`."""
    opts = [("Which side is it on?", f"It {s['side']}." + (" " + side_neg(f["laterality"]) if traps else "")),
            ("How big is it on this slice?", f"It {s['size']}." + (" " + rng.choice(p["kb"]) if traps else "")),
            ("Is it one piece or several?", f"It {s['count']}." + (" " + count_neg(f["components"]) if traps else "")),
            ("Why? Where exactly does it lie on this image?", f"Probably because of where it sits: it {s['vert']}."
             + (f" It is {s['rel']}." if s["rel"] else ""))]
    return opts


def build(p, f, style, rng, defect):
    # where the defect goes: first answer (default), a follow-up answer, or a user question (~1/5)
    where = "first"
    if defect in ("laterality", "position", "size", "count"):
        r = rng.random()
        where = "user" if r < 0.2 else "follow" if r < 0.45 else "first"
    if defect == "position" and f["vertical"] not in VFLIP and not f["relations"]:
        raise ValueError(f"no position to falsify for {p['target']}")
    traps = defect is None
    s_true = _defect_kind_facts(p, f, rng, None)
    s_first = _defect_kind_facts(p, f, rng, defect if where == "first" else None)
    q1 = rng.choice(p["q"])
    if "?" not in q1:
        q1 += rng.choice([" Where is it?", " Which structure is it?", " Can you show me?"])
    if defect == "names_target":
        g = rng.choice(p["give"])
        q1 = rng.choice([f"Where is the {g} on this image?", f"Can you outline the {g} here and describe it?",
                         f"Please segment the {g}. What does it look like?"])
    turns = [{"role": "user", "content": q1},
             {"role": "assistant", "content": first_answer(p, f, style, rng, s_first, traps)}]
    n_rounds = rng.choice([1, 2, 2, 3]) if where == "first" else rng.choice([2, 3])
    kind_key = {"laterality": 0, "size": 1, "count": 2, "position": 3}
    # no later turn restates the defect's fact kind truly: the false claim stays the final word
    fol = [qa for i, qa in enumerate(follow(p, f, rng, s_true, traps)) if i != kind_key.get(defect)]
    rng.shuffle(fol)
    for k in range(n_rounds - 1):
        q, a = fol[k]
        if k == 0 and where == "follow":
            s_bad = _defect_kind_facts(p, f, rng, defect)
            q, a = follow(p, f, rng, s_bad, False)[kind_key[defect]]
        elif k == 0 and where == "user":
            q, a = _q_false(defect, f, rng), rng.choice(NEUTRAL)
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    return turns, ([defect] if defect else [])
