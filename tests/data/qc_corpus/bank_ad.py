"""Bank AD: brain MR (axial "LP" and coronal "LI" slices), written blind by helper `qcad`.

New targets for the corpus (hippocampus, thalamus, lateral ventricles, brainstem, cerebellum, enhancing
tumour, peritumoral edema, putamen, caudate nucleus, and "meningioma", a label the knowledge base does
not know), in four mainstream registers: "reasoning" (a GPT-style "Reasoning:" paragraph then
"Answer:"), "report" (Findings / Impression), "socratic" (a tutor asking and answering its own
questions, with the display convention), "lay" (plain words for a patient, numbers spelled out).

Facts are the product's own measurement (`medseg_qa.facts.compute_facts`) of a synthetic mask drawn
from ellipses or rings at the structure's place, with landmark centroids for relations; the prose is
written from those facts. Clean rows carry true negations, the radiological display convention,
sentences about other structures with their own sides and sizes, hedges and population numbers.
Each defective row plants exactly one false claim: in the first answer, in a follow-up answer, or
(about a fifth of side/position/size/count defects) in a user question.

First measure (taken once, at commit 5c1775a, before anything about QC's answers was read; the misses
were never printed): 175 of 210 defects caught (0.833), 77 of 210 clean conversations flagged (0.367).
Per kind caught: laterality 32/42, position 28/42, size 35/42, count 38/42, names_target 42/42; flags
raised where not planted: laterality 99, names_target 16, count 13, position 11.
"""

from __future__ import annotations

import random

import numpy as np

W = H = 256
STYLES = ["reasoning", "report", "socratic", "lay"]

# landmark centroids (x, y in [0, 1]); x grows to the patient's left in both planes,
# y grows to posterior in axial "LP" and to inferior in coronal "LI"
ATLAS = {
    "axial": {"third ventricle": (0.50, 0.50), "septum pellucidum": (0.50, 0.38),
              "right thalamus": (0.41, 0.56), "left thalamus": (0.59, 0.56),
              "fourth ventricle": (0.50, 0.72), "right putamen": (0.35, 0.44), "left putamen": (0.65, 0.44),
              "right caudate nucleus": (0.42, 0.37), "left caudate nucleus": (0.58, 0.37),
              "brainstem": (0.50, 0.64), "cerebellum": (0.50, 0.80), "right hippocampus": (0.36, 0.61),
              "left hippocampus": (0.64, 0.61)},
    "coronal": {"third ventricle": (0.50, 0.52), "corpus callosum": (0.50, 0.34),
                "right thalamus": (0.42, 0.52), "left thalamus": (0.58, 0.52), "brainstem": (0.50, 0.74),
                "right hippocampus": (0.36, 0.63), "left hippocampus": (0.64, 0.63),
                "superior sagittal sinus": (0.50, 0.08), "pituitary gland": (0.50, 0.66)},
}

# parts: alternatives, each a list of (cx, cy, rx, ry) in [0, 1]; shape "ring" draws annuli
PROFILES = [
    dict(target="left hippocampus", plane="axial", parts=[[(0.64, 0.61, 0.035, 0.06)]], noun="structure",
         ask=["Which brain structure on this MR is essential for laying down new memories and is often shrunken "
              "early in Alzheimer's disease?",
              "A patient with transient global amnesia had this scan. Which structure of the medial temporal lobe "
              "that consolidates memories is shown here?"],
         give=["Where is the left hippocampal formation on this MR?", "Can you outline the hippocampus on the left?",
               "Which part is Ammon's horn on this slice?", "Where does the hippocampal head sit here?"],
         kb=["Its partner on the right side mirrors it across the midline.",
             "The amygdala sits just in front of it.",
             "The temporal horn of the lateral ventricle curls over its upper surface."],
         pop=["In healthy adults each hippocampus holds roughly 3 to 4 millilitres of tissue.",
              "After the age of 60 it loses about 1% of its volume a year in healthy people."],
         cmp="It is much smaller than the cerebellum, which fills the back of the skull."),
    dict(target="left hippocampus", plane="coronal", parts=[[(0.64, 0.64, 0.04, 0.04)]], noun="structure",
         ask=["On this coronal brain MR, which structure curled under the temporal horn stores new memories and is "
              "checked for sclerosis in temporal lobe epilepsy?",
              "Which seahorse-shaped memory structure is shown on this coronal slice?"],
         give=["Where is the left hippocampus on this coronal slice?", "Please segment the hippocampal body on the left.",
               "Show me the cornu ammonis on this coronal MR?"],
         kb=["The right hippocampus mirrors it on the other side.",
             "The corpus callosum arches high above it in the midline.",
             "The temporal horn of the lateral ventricle lies just above it."],
         pop=["Mesial temporal sclerosis is the commonest cause of drug-resistant epilepsy in adults.",
              "Normal hippocampal height on coronal images is roughly 5 to 8 mm."],
         cmp="It is far smaller than the whole temporal lobe around it."),
    dict(target="right thalamus", plane="axial", parts=[[(0.41, 0.57, 0.04, 0.055)]], noun="nucleus",
         ask=["Which deep grey-matter relay station on this MR passes sensory signals on to the cortex?",
              "A patient has numbness of one half of the body after a small stroke. Which deep relay nucleus that "
              "gates sensation to the cortex is shown?"],
         give=["Where is the right thalamus here?", "Could you segment the thalamic nuclei on the right?",
               "Which region is the right thalamus on this slice?"],
         kb=["The third ventricle separates it from its partner on the left.",
             "The internal capsule runs along its outer side.",
             "The putamen lies further out, lateral to the internal capsule."],
         pop=["Each thalamus is about 3 cm long in adults.",
              "Thalamic strokes make up roughly 10% of lacunar infarcts."],
         cmp="It is larger than the caudate head but much smaller than a cerebral hemisphere."),
    dict(target="lateral ventricle", plane="axial", parts=[[(0.42, 0.42, 0.03, 0.11), (0.58, 0.42, 0.03, 0.11)]],
         noun="cavities",
         ask=["Which fluid-filled cavities inside the cerebral hemispheres make and hold most of the "
              "cerebrospinal fluid? Please segment them.",
              "A child has a large head and headaches. Which paired CSF spaces inside the brain would widen in "
              "hydrocephalus?"],
         give=["Can you segment the lateral ventricles on this slice?", "Where are the lateral ventricles here?",
               "Please outline both lateral ventricles."],
         kb=["The septum pellucidum divides them in the midline.",
             "The small third ventricle sits in the midline below them.",
             "The caudate nucleus bulges into the wall of each frontal horn."],
         pop=["Together they hold only about 20 to 25 millilitres of fluid in a healthy adult.",
              "About 500 millilitres of cerebrospinal fluid are made every day."],
         cmp="Each one is much larger than the slit-like third ventricle."),
    dict(target="lateral ventricle", plane="coronal",
         parts=[[(0.42, 0.40, 0.035, 0.06), (0.58, 0.40, 0.035, 0.06)]], noun="cavities",
         ask=["On this coronal slice, which paired fluid spaces that hold cerebrospinal fluid are shown?",
              "Which butterfly-shaped CSF cavities are seen on this coronal MR?"],
         give=["Segment the lateral ventricles on this coronal MR?", "Where are both lateral ventricles here?"],
         kb=["The corpus callosum forms their roof.", "The thalami lie below and beside them.",
             "The third ventricle sits in the midline beneath them."],
         pop=["Ventricular size grows slowly with age, by a few percent each decade.",
              "Choroid plexus makes about 500 millilitres of fluid a day."],
         cmp="Each is much bigger than the third ventricle between them."),
    dict(target="brainstem", plane="axial", parts=[[(0.50, 0.65, 0.055, 0.06)]], noun="structure",
         ask=["Which structure on this MR connects the brain to the spinal cord and holds the centres for breathing "
              "and heart rate?",
              "A patient is in a locked-in state after a basilar artery stroke. Which part of the central nervous "
              "system that houses most cranial nerve nuclei is this?"],
         give=["Can you segment the brain stem?", "Where is the pons on this MR?",
               "Please outline the brainstem here.", "Show the pontine tissue on this slice?"],
         kb=["The cerebellum lies behind it.", "The basilar artery runs along its front surface.",
             "The fourth ventricle sits between it and the cerebellum."],
         pop=["It is about 7 to 8 cm long in adults.", "Ten of the twelve cranial nerves leave it."],
         cmp="It is much smaller than the cerebellum behind it."),
    dict(target="brainstem", plane="coronal", parts=[[(0.50, 0.76, 0.05, 0.09)]], noun="structure",
         ask=["On this coronal MR, which stalk connects the brain with the spinal cord and controls breathing?",
              "Which structure on this coronal slice carries every tract between the cerebrum and the spinal cord?"],
         give=["Where is the brainstem on this coronal slice?", "Segment the medulla oblongata and pons here?"],
         kb=["The thalami sit above it on each side of the third ventricle.",
             "The cerebellar hemispheres flank it further back."],
         pop=["It is about 7 to 8 cm long in adults.", "Ten of the twelve cranial nerves arise from it."],
         cmp="It is narrower than either cerebral hemisphere above it."),
    dict(target="cerebellum", plane="axial", parts=[[(0.50, 0.80, 0.28, 0.13)]], noun="structure",
         ask=["Which part of the brain on this MR coordinates balance and fine movement?",
              "A patient walks with a broad-based, unsteady gait. Which structure at the back of the skull, in charge "
              "of coordination, is shown here?"],
         give=["Can you segment the cerebellar hemispheres?", "Where is the cerebellum on this slice?",
               "Please outline the cerebellum."],
         kb=["The brainstem lies in front of it.", "The fourth ventricle separates it from the pons.",
             "The occipital lobes sit above it, across the tentorium."],
         pop=["It holds about half of all the neurons in the brain.",
              "It makes up roughly 10% of the brain's weight."],
         cmp="It is far larger than the brainstem in front of it."),
    dict(target="enhancing tumour", plane="axial", noun="lesion", shape="ring", flip=True,
         parts=[[(0.66, 0.35, 0.06, 0.07)], [(0.68, 0.64, 0.05, 0.05)], [(0.64, 0.34, 0.04, 0.04), (0.72, 0.58, 0.035, 0.035)],
                [(0.70, 0.30, 0.09, 0.08)]],
         ask=["This glioma was scanned after gadolinium. Which part of it takes up the contrast and marks the "
              "actively growing, leaky-vessel rim?",
              "Which component of this high-grade glioma lights up brightly on the post-contrast T1 image?"],
         give=["Please segment the enhancing tumour.", "Where is the contrast-enhancing tumor on this slice?",
               "Can you outline the enhancing rim here?", "Which region is the active tumour (ET)?"],
         kb=["The surrounding white matter oedema is a separate label.",
             "The necrotic centre inside it does not take up contrast.",
             "The opposite hemisphere looks normal on this slice."],
         pop=["Median survival with glioblastoma is about 15 months despite treatment.",
              "Glioblastoma makes up about half of all gliomas."],
         cmp="It is smaller than the bright FLAIR signal that surrounds it."),
    dict(target="peritumoral edema", plane="axial", noun="region", flip=True,
         parts=[[(0.68, 0.36, 0.13, 0.11)], [(0.66, 0.30, 0.07, 0.05), (0.70, 0.55, 0.06, 0.05)],
                [(0.64, 0.25, 0.05, 0.04), (0.74, 0.45, 0.045, 0.05), (0.66, 0.66, 0.05, 0.04)],
                [(0.68, 0.60, 0.06, 0.08)]],
         ask=["Around this glioma there is bright signal on FLAIR. Which leaky-vessel fluid collection in the white "
              "matter that surrounds the tumour is shown?",
              "Which FLAIR-bright zone of fluid-logged white matter around this brain tumour is marked here?"],
         give=["Please segment the peritumoral edema.", "Where is the vasogenic oedema here?",
               "Outline the edema around the tumour?", "Which region is the peritumoural swelling?"],
         kb=["The enhancing tumour core is a separate label inside it.",
             "It tends to spare the grey matter of the cortex.",
             "Steroids such as dexamethasone usually shrink it within days."],
         pop=["In glioblastoma it often extends 2 cm or more beyond the enhancing rim.",
              "About 5% of the extra fluid is cleared each day after steroid treatment starts."],
         cmp="It is usually larger than the enhancing part it surrounds."),
    dict(target="peritumoral edema", plane="coronal", noun="region", flip=True,
         parts=[[(0.68, 0.30, 0.09, 0.08)], [(0.66, 0.25, 0.06, 0.05), (0.72, 0.48, 0.05, 0.05)]],
         ask=["On this coronal FLAIR, which bright fluid-logged white matter around a tumour is shown?",
              "Which zone of leaky-vessel fluid around this lesion is marked on the coronal slice?"],
         give=["Please segment the oedema on this coronal slice.", "Where is the vasogenic edema here?"],
         kb=["The corpus callosum in the midline looks normal.", "The tumour core is labelled separately."],
         pop=["It often extends 2 cm or more beyond the enhancing rim in glioblastoma."],
         cmp="It is larger than the tumour core it surrounds."),
    dict(target="left putamen", plane="axial", parts=[[(0.65, 0.42, 0.03, 0.06)]], noun="nucleus",
         ask=["Which lens-shaped deep grey nucleus, part of the motor loop of the basal ganglia and a common site of "
              "hypertensive bleeds, is this?",
              "Which basal ganglia nucleus lying outside the globus pallidus is shown here?"],
         give=["Can you segment the left putamen?", "Where are the putaminal fibres on the left?",
               "Please outline the putamen here."],
         kb=["The globus pallidus lies just inside it.", "The right putamen mirrors it on the other side.",
             "The claustrum and insula lie further out."],
         pop=["Hypertensive bleeds arise here in about a third to a half of cases.",
              "It measures about 5 cm from front to back."],
         cmp="It is smaller than the thalamus."),
    dict(target="right caudate nucleus", plane="axial", parts=[[(0.41, 0.36, 0.03, 0.045)]], noun="nucleus",
         ask=["Which C-shaped deep grey nucleus that forms the outer wall of the frontal horn and wastes away in "
              "Huntington's disease is shown?",
              "Which basal ganglia nucleus hugging the frontal horn is marked on this slice?"],
         give=["Please segment the right caudate.", "Where is the caudate nucleus on the right?",
               "Outline the caudate head here?"],
         kb=["The left caudate nucleus mirrors it across the septum pellucidum.",
             "The anterior limb of the internal capsule separates it from the putamen.",
             "The frontal horn of the lateral ventricle lies just medial to it."],
         pop=["In Huntington's disease its head can shrink by 50% or more.",
              "Its head is about 2 cm across in adults."],
         cmp="It is smaller than the putamen beside it."),
    dict(target="meningioma", plane="axial", noun="lesion", flip=True,
         parts=[[(0.74, 0.28, 0.07, 0.06)], [(0.75, 0.70, 0.06, 0.07)], [(0.72, 0.30, 0.04, 0.035)]],
         ask=["Which dural-based extra-axial mass arising from arachnoid cap cells, with a dural tail, is shown?",
              "Which slow-growing benign tumour attached to the dura is marked on this slice?"],
         give=["Please segment the meningioma.", "Where is the meningioma here?",
               "Outline the convexity meningioma?"],
         kb=["The brain beneath it is pushed in but not invaded.", "The falx in the midline stays straight.",
             "The ventricles look symmetric."],
         pop=["These are the commonest primary brain tumours, about a third of them.",
              "They are about twice as common in women as in men."],
         cmp="It is much smaller than the hemisphere it presses on."),
    dict(target="meningioma", plane="coronal", noun="lesion", flip=True,
         parts=[[(0.66, 0.14, 0.06, 0.05)], [(0.74, 0.22, 0.05, 0.05)]],
         ask=["On this coronal MR, which dural-based benign extra-axial tumour is shown?",
              "Which slow-growing mass attached to the dura, with a dural tail, is seen on this coronal slice?"],
         give=["Segment the parasagittal meningioma?", "Where is the meningioma on this coronal slice?"],
         kb=["The superior sagittal sinus runs in the midline above the falx.",
             "The ventricles below look symmetric."],
         pop=["These are the commonest primary brain tumours, about a third of them."],
         cmp="It is much smaller than the hemisphere beneath it."),
]


def record_for(p: dict) -> dict:
    return {"modality": "MR", "body_region": "brain", "orientation": "LP" if p["plane"] == "axial" else "LI"}


def pick_profile(profiles: list[dict], i: int, defect, rng: random.Random) -> dict:
    """Bilateral and multi-region masks are weighted up for count and laterality defects."""
    if defect in ("count", "laterality") and rng.random() < 0.4:
        return rng.choice([p for p in profiles if p["target"] in ("lateral ventricle", "peritumoral edema")])
    return rng.choice(profiles)


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    parts = rng.choice(p["parts"])
    flip = p.get("flip") and rng.random() < 0.5
    scale = rng.uniform(0.85, 1.2)
    dx, dy = rng.uniform(-0.01, 0.01), rng.uniform(-0.01, 0.01)
    yy, xx = np.mgrid[0:H, 0:W]
    mask = np.zeros((H, W), bool)
    for cx, cy, rx, ry in parts:
        cx = 1 - cx if flip else cx
        cx, cy = (cx + dx) * (W - 1), (cy + dy) * (H - 1)
        rx, ry = rx * scale * W, ry * scale * H
        d = ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2
        mask |= (d <= 1) & ((d >= 0.35) if p.get("shape") == "ring" else True)
    others = {k: v for k, v in ATLAS[p["plane"]].items() if k != p["target"]}
    keep = dict(rng.sample(sorted(others.items()), 3))
    orient = record_for(p)["orientation"]
    return compute_facts(mask, orient, others=keep).model_dump(mode="json")


# -- words ---------------------------------------------------------------------------------------------

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen".split()
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    t, o = divmod(n, 10)
    return _TENS[t] + ("" if o == 0 else "-" + _ONES[o])


def spell(text: str) -> str:
    """Numbers as words for the lay register: '3 to 4 millilitres' -> 'three to four millilitres'."""
    import re

    def one(m):
        n = int(m.group(0))
        return words(n) if n < 100 else f"{words(n // 100)} hundred" + (f" and {words(n % 100)}" if n % 100 else "")
    return re.sub(r"\d+", one, text.replace("%", " percent"))


def pct_text(pct: float, lay: bool) -> str:
    if lay:
        if pct < 1:
            return "less than one percent"
        return f"about {words(int(round(pct)))} percent"
    return f"{pct:.1f}%" if pct < 10 else f"{pct:.0f}%"


def count_text(n: int, lay: bool) -> str:
    return words(n) if lay or n < 10 else str(n)


SIDE_TRUE = {
    "left": ["It lies on the patient's left side.", "It sits in the left hemisphere.",
             "The mask is on the patient's left, which shows on the right of the screen.",
             "It is on the left side of the brain."],
    "right": ["It lies on the patient's right side.", "It sits in the right hemisphere.",
              "The mask is on the patient's right, which shows on the left of the screen.",
              "It is on the right side of the brain."],
    "midline": ["It sits in the midline.", "It is central, straddling the midline.",
                "It lies right on the midline, belonging to neither side."],
    "bilateral": ["It is present on both sides, one part in each hemisphere.",
                  "It is bilateral: the mask covers a left and a right part.",
                  "Both sides are involved, left and right."],
}
SIDE_NEG = {"left": ["It is not on the right.", "Nothing of it crosses to the right side."],
            "right": ["It is not on the left.", "None of it reaches the left side."],
            "midline": ["It does not lean to either side."],
            "bilateral": ["It is not confined to one side."]}
SIDE_FALSE = {"left": ["It lies on the patient's right side.", "It sits in the right hemisphere."],
              "right": ["It lies on the patient's left side.", "It sits in the left hemisphere."],
              "midline": ["It lies off to the patient's left, away from the midline.",
                          "It sits in the right hemisphere, clear of the midline."],
              "bilateral": ["It is only on the patient's right side.", "It is confined to the left hemisphere."]}
VERT = {"anterior": ["It lies toward the front of the head.", "It sits in the anterior part of the slice.",
                     "It is placed anteriorly."],
        "posterior": ["It lies toward the back of the head.", "It sits in the posterior part of the slice.",
                      "It is placed posteriorly."],
        "superior": ["It lies high up, toward the top of the head.", "It sits in the upper part of the slice.",
                     "It is placed superiorly."],
        "inferior": ["It lies low, toward the skull base.", "It sits in the lower part of the slice.",
                     "It is placed inferiorly."]}
VFLIP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
REL = {"left_of": ["to the patient's left of", "on the left side of"],
       "right_of": ["to the patient's right of", "on the right side of"],
       "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
RFLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
         "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
SIZE = {"small": ["It is small, about {p} of the image.", "A small mask: roughly {p} of the slice.",
                  "It covers only {p} of the picture, so it is small."],
        "medium": ["It is medium-sized, about {p} of the image.", "A moderate-sized mask: roughly {p} of the slice.",
                   "It takes up {p} of the picture, a middling size."],
        "large": ["It is large, about {p} of the image.", "A large mask: roughly {p} of the slice.",
                  "It fills {p} of the picture, which is large."]}
LAY_SIZE = {"small": ["It is small: it covers {p} of the picture.", "It is only a little area, {p} of the picture."],
            "medium": ["It is a medium-sized area, {p} of the picture.", "It is neither big nor tiny: {p} of the picture."],
            "large": ["It is big: it takes up {p} of the picture.", "It is a large area, {p} of the picture."]}
COUNT1 = ["It forms one connected region.", "It is a single continuous piece.", "There is no second separate part."]
COUNTN = ["It is made of {n} separate regions.", "It falls into {n} separate parts that do not touch.",
          "There are {n} distinct pieces, not one."]
CONVENTION = ["By the radiological convention, the patient's left is shown on the right of the image.",
              "Remember that images are displayed as if facing the patient, so their left is on our right.",
              "On this display the right side of the screen is the patient's left."]
CORONAL_NOTE = "In this coronal view the top of the image is the top of the head."
HEDGE = ["Most likely", "This is probably", "I am fairly confident this is", "It appears to be"]


class Say:
    """Builds the fact sentences of one conversation; `bad` is the one fact kind stated falsely once."""

    def __init__(self, p, facts, rng, lay):
        self.p, self.f, self.rng, self.lay = p, facts, rng, lay
        self.pct = facts["area_fraction"] * 100

    def side(self, false=False):
        s = self.f["laterality"]
        return self.rng.choice((SIDE_FALSE if false else SIDE_TRUE)[s])

    def neg(self, avoid=None):
        """A true negation about the side or the count (not about `avoid`, the defect's kind)."""
        out = [] if avoid == "laterality" else [self.rng.choice(SIDE_NEG[self.f["laterality"]])]
        if avoid != "count":
            out.append("No second focus is seen." if self.f["components"] == 1 else "It is not one single piece.")
        return self.rng.choice(out)

    def can_position(self):
        return self.f["vertical"] in VFLIP or bool(self.f["relations"])

    def position(self, false=False):
        v, rels = self.f["vertical"], self.f["relations"]
        if v in VFLIP and (not rels or self.rng.random() < 0.6):
            return self.rng.choice(VERT[VFLIP[v] if false else v])
        r = self.rng.choice(rels)
        kind = RFLIP[r["relation"]] if false else r["relation"]
        return f"It lies {self.rng.choice(REL[kind])} the {r['other']}."

    def size(self, false=False):
        sc, pct = self.f["size_class"], self.pct
        if false:
            if sc == "large":
                return self.rng.choice(["It is tiny, well under one percent of the image.",
                                        "It is small, about 0.5% of the image."]) if not self.lay else \
                    "It is tiny, less than half of one percent of the picture."
            wrong = max(30.0, pct * 6 + 15)
            return self.rng.choice(LAY_SIZE["large"] if self.lay else SIZE["large"]).format(p=pct_text(wrong, self.lay))
        if self.lay:
            return self.rng.choice(LAY_SIZE[sc]).format(p=pct_text(pct, True))
        return self.rng.choice(SIZE[sc]).format(p=pct_text(pct, False))

    def count(self, false=False):
        n = self.f["components"]
        if false:
            return (self.rng.choice(["It is split into two separate pieces.", "There are two distinct foci."])
                    if n == 1 else self.rng.choice(["It forms one single connected region.",
                                                    "It is one continuous piece with no separate parts."]))
        if n == 1:
            return self.rng.choice(COUNT1)
        return self.rng.choice(COUNTN).format(n=count_text(n, self.lay))

    def fact(self, kind, false=False):
        return {"laterality": self.side, "position": self.position, "size": self.size,
                "count": self.count}[kind](false)

    def user_false(self, kind):
        """A follow-up question whose premise is the one false claim."""
        f, r = self.f, self.rng
        if kind == "laterality":
            s = f["laterality"]
            wrong = {"left": "right", "right": "left"}.get(s)
            if wrong:
                return f"Why is it on the patient's {wrong} side in this scan?"
            if s == "midline":
                return f"Why does it sit off to the patient's {r.choice(['left', 'right'])} here?"
            return f"Why is it only on the patient's {r.choice(['left', 'right'])} side?"
        if kind == "position":
            v = f["vertical"]
            if v in VFLIP:
                word = {"anterior": "far toward the front", "posterior": "far toward the back",
                        "superior": "high up toward the top of the head", "inferior": "low down near the skull base"}
                return f"Why does it sit so {word[VFLIP[v]]}?"
            rel = r.choice(f["relations"])
            return f"Why does it lie {REL[RFLIP[rel['relation']]][0]} the {rel['other']}?"
        if kind == "size":
            if f["size_class"] == "large":
                return "Why is it so tiny, less than one percent of the image?"
            wrong = pct_text(max(30.0, self.pct * 6 + 15), self.lay)
            return f"Why is it so large, {'' if self.lay else 'about '}{wrong} of the picture?"
        return ("Why is it broken into two separate pieces?" if f["components"] == 1
                else "Why is it just one single connected blob?")


FOLLOW_Q = {
    "laterality": ["Which side, then?", "Which side of the brain is it on?", "Is it on the left or the right?",
                   "And the side?"],
    "position": ["Where exactly is it?", "What is it next to?", "Where does it sit in the head?"],
    "size": ["How big is it?", "How large is the mask?", "Is it big or small?"],
    "count": ["Is it one piece or several?", "How many separate parts are there?", "Any second focus?"],
    "why": ["Why does that matter?", "Why is that?", "What else should I know about it?"],
}
NEUTRAL = ["That comes from normal anatomy and the way this slice was cut; the mask simply follows the outline "
           "that is visible on the image.",
           "Good question. It reflects how the slice was angled and the patient's own anatomy, so it is not a "
           "worry by itself.",
           "Slices vary from patient to patient; what matters is that the outline follows the visible boundary."]


def _join(parts):
    return " ".join(x for x in parts if x)


def first_question(p, style, rng, named):
    q = rng.choice(p["give"]) if named else rng.choice(p["ask"])
    tail = {"reasoning": ["Could you think it through step by step, then give the answer?",
                          "Can you explain your reasoning first, then answer and segment it?"],
            "report": ["Could you segment it and give me a short report?",
                       "Can you segment it and write findings and impression?"],
            "socratic": ["Can you teach me how to find it and segment it?",
                         "Would you walk me through it like a tutor and mark it?"],
            "lay": ["I'm the patient; could you show me in simple words?",
                    "Could you mark it and explain in plain language?"]}[style]
    opener = {"lay": "My doctor showed me my brain scan. ", "socratic": "I'm a medical student. "}.get(style, "")
    return opener + q + " " + rng.choice(tail)


SELF_Q = {"laterality": ["Which side is it on?", "Left or right, or both?", "Is it on one side?"],
          "position": ["Where does it sit?", "What lies around it?", "How do we place it?"],
          "size": ["How big is it?", "Is it large or small?", "What about its size?"],
          "count": ["Is it one piece?", "How many parts do you see?", "Is there more than one region?"]}


def wrap_first(p, style, rng, shown, extra):
    """The first answer; `shown` is a list of (fact kind, sentence)."""
    name, r = p["target"], rng
    facts_sents = [s for _, s in shown]
    if style == "reasoning":
        lead = r.choice([f"The question describes {r.choice(['its role', 'its function', 'a clinical clue'])}, "
                         f"which points to the {name}.",
                         f"The description fits the {name} and no other structure on this slice.",
                         f"Step by step: the clue in the question matches the {name}; then I check the mask."])
        return (f"Reasoning: {lead} {_join(facts_sents)} {_join(extra)}\n\n"
                f"Answer: {r.choice(HEDGE)} the {name}: [SEG].")
    if style == "report":
        fh, ih = r.choice([("Findings:", "Impression:"), ("FINDINGS:", "IMPRESSION:"), ("Findings -", "Impression -")])
        return (f"{fh} [SEG] {r.choice(['The', 'The requested'])} {name} "
                f"{r.choice(['is segmented', 'is outlined', 'is shown'])} on this {p['plane']} MR slice. "
                f"{_join(facts_sents)}\n\n"
                f"{ih} {r.choice(['Segmentation of the', 'Outline of the', 'Mask of the'])} {name} as requested. "
                f"{_join(extra)}")
    if style == "socratic":
        steps = _join(f"{r.choice(SELF_Q[k])} {s}" for k, s in shown)
        lead = r.choice([f"Let's reason it out. What does this {p['noun']} do? Exactly what you described, so it is "
                         f"the {name}. Here it is: [SEG].",
                         f"Start with the clue: which {p['noun']} does that? The {name}. I have marked it: [SEG].",
                         f"First question: what fits that description? The {name}, shown here: [SEG]."])
        return f"{lead} {steps} {_join(extra)} {r.choice(['Does that make sense?', 'Can you see why?', 'Clear so far?'])}"
    lead = r.choice([f"Of course. The part your doctor means is the {name}, and I have marked it for you here: [SEG].",
                     f"Happy to help. What you are looking at is called the {name}; I've coloured it in: [SEG].",
                     f"Sure. This is the {name}, shown here: [SEG]."])
    return spell(f"{lead} {r.choice(['In plain words:', 'Simply put:', 'What this means:'])} "
                 f"{_join(facts_sents)} {_join(extra)}")


def wrap_follow(style, sents, rng):
    body = _join(sents)
    if style == "reasoning":
        lead = rng.choice(["Looking again at the mask.", "I re-check the outline.", "Back to the image."])
        return f"Reasoning: {lead} {body}\nAnswer: {rng.choice(['That is the answer.', 'So that settles it.', 'Done.'])}"
    if style == "report":
        return f"{rng.choice(['Addendum:', 'Additional comment:', 'Note:'])} {body}"
    if style == "socratic":
        return f"{rng.choice(['Good question. Look at the mask again.', 'Try to answer first, then check.', 'What do you think? Here is how I see it.'])} {body}"
    return spell(f"{rng.choice(['Sure.', 'Of course.', 'Good question.', 'That is a fair thing to ask.'])} {body}")


PREFIX = ["", "", "", "As expected, ", "On this slice, ", "Clearly, ", "Looking at the mask, "]


def _hedge(sentence, rng):
    """An optional lead-in for a true sentence (the false one stays plain)."""
    pre = rng.choice(PREFIX) if sentence.startswith(("It ", "There ")) else ""
    return pre + sentence[0].lower() + sentence[1:] if pre else sentence


def build(p, facts, style, rng, defect):
    lay = style == "lay"
    say = Say(p, facts, rng, lay)
    kinds = ["laterality", "position", "size", "count"]
    if not say.can_position():
        kinds.remove("position")
    if defect == "position" and "position" not in kinds:
        defect = "laterality"
    where = None
    if defect in kinds:
        u = rng.random()
        where = "user" if u < 0.17 else "follow" if u < 0.42 else "first"
    # first answer: 2-4 true fact sentences, never the defect's kind when the defect comes later
    first_kinds = [k for k in kinds if not (where in ("user", "follow") and k == defect)]
    shown = rng.sample(first_kinds, k=min(len(first_kinds), rng.randint(2, 4)))
    if where == "first" and defect not in shown:
        shown[0] = defect
    sents = [(k, say.fact(k, false=True) if where == "first" and k == defect else _hedge(say.fact(k), rng))
             for k in shown]
    extra = []
    if rng.random() < 0.6:
        extra.append(rng.choice(CONVENTION))
    if p["plane"] == "coronal" and rng.random() < 0.5:
        extra.append(CORONAL_NOTE)
    if rng.random() < 0.5:
        extra.append(say.neg(avoid=defect))
    if rng.random() < 0.6:
        extra.append(rng.choice(p["kb"]))
    if rng.random() < 0.4:
        extra.append(rng.choice(p["pop"]))
    if rng.random() < 0.4:
        extra.append(p["cmp"])
    turns = [{"role": "user", "content": first_question(p, style, rng, defect == "names_target")},
             {"role": "assistant", "content": wrap_first(p, style, rng, sents, extra)}]
    n_rounds = rng.choice([1, 2, 2, 3]) if where is None else rng.choice([2, 3])
    defect_round = rng.randint(1, n_rounds - 1) if where in ("user", "follow") else None
    asked = set()
    for rnd in range(1, n_rounds):
        if rnd == defect_round:
            if where == "user":
                turns += [{"role": "user", "content": say.user_false(defect)},
                          {"role": "assistant", "content": wrap_follow(style, [rng.choice(NEUTRAL)], rng)}]
            else:
                q = rng.choice(FOLLOW_Q[defect])
                turns += [{"role": "user", "content": q},
                          {"role": "assistant", "content": wrap_follow(style, [say.fact(defect, false=True)], rng)}]
            continue
        # a true follow-up; after a defect-free round never re-ask the defect kind (its truth would contradict)
        topics = [k for k in kinds if k != defect] + ["why"]
        topic = rng.choice([t for t in topics if t not in asked] or topics)
        asked.add(topic)
        q = rng.choice(FOLLOW_Q[topic])
        if topic == "why":
            body = [rng.choice(p["kb"]), rng.choice(p["pop"])]
            if rng.random() < 0.5:
                body.append(rng.choice(CONVENTION))
        else:
            body = [say.fact(topic)]
            if rng.random() < 0.4:
                body.append(say.neg(avoid=defect) if topic in ("laterality", "count") else rng.choice(p["kb"]))
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": wrap_follow(style, body, rng)}]
    return turns, [defect] if defect else []
