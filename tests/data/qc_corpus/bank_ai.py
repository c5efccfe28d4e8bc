"""Bank AI (helper qcai): a broad abdomen and pelvis mix on axial CT/MR ("LP"), written blind to QC.

Targets: 18 labels the knowledge base knows (liver, spleen, pancreas, gallbladder, stomach, both kidneys
apart and together, aorta, inferior vena cava, liver lesion, kidney cyst, urinary bladder, prostate, left
femur, right femur, sacrum, left adrenal gland, duodenum) and one it does not know (uterus). Each mask is
drawn as numpy ellipses on a 256x256 slice and measured by `medseg_qa.facts.compute_facts`; the prose is
written from those measured facts. Styles: a terse radiologist, a patient tutor, a chatty markdown LLM
answer, numbers spelled out as words. 1-4 user turns; clean rows carry true negations, the display
convention, knowledge sentences about other structures (with their sides, sizes and positions), hedges,
comparisons, population numbers and confirmations ("So it's on the left?" "Yes, ...").

first measure (commit b7d5db3): 200 of 210 defects caught (95.2%; laterality 34/42, position 40/42, size 42/42,
count 42/42, names_target 42/42), 24 of 210 clean conversations flagged (11.4%); false flags by name:
laterality 13, size 15, position 12. Misses were never read. Then, re-reading this module (not the misses),
one writing fault was fixed: a knowledge sentence about another structure could be followed by an "It ..."
sentence about the target, so "It" read as the other structure; those sentences now close the first answer.
This redraws every row (the random stream changed). Second measure: 195/210 caught (92.9%; laterality 38,
position 36, size 41, count 38, names_target 42 of 42 each), 14/210 clean flagged (6.7%); false flags by name:
laterality 16, size 16, position 8.
"""

from __future__ import annotations

import random
import re

import numpy as np

W = H = 256
STYLES = ["terse", "tutor", "markdown", "words"]

# other structures of the two slice levels, as pixel centroids (x = column toward patient left,
# y = row toward posterior); relations are measured to these
ABDO = {"liver": (82, 112), "spleen": (186, 142), "aorta": (133, 150), "stomach": (162, 96),
        "vertebral body": (128, 178), "right kidney": (80, 162), "left kidney": (176, 162),
        "pancreas": (135, 122)}
PELV = {"urinary bladder": (128, 98), "sacrum": (128, 196), "left femur": (206, 124),
        "right femur": (50, 124), "rectum": (128, 170)}
OTHER_NAMES = {"liver": ["the liver"], "spleen": ["the spleen"], "aorta": ["the aorta", "the abdominal aorta"],
               "stomach": ["the stomach"], "vertebral body": ["the vertebral body", "the lumbar vertebra"],
               "right kidney": ["the right kidney"], "left kidney": ["the left kidney"],
               "pancreas": ["the pancreas"], "urinary bladder": ["the urinary bladder", "the bladder"],
               "sacrum": ["the sacrum"], "left femur": ["the left femoral head"],
               "right femur": ["the right femoral head"], "rectum": ["the rectum"]}


def P(target, level, ell, q, noun, alias, give, skip=(), kb=()):
    return dict(target=target, level=level, ell=ell, q=q, noun=noun, alias=alias, give=give, skip=set(skip),
                kb=list(kb))


PROFILES = [
    P("liver", "abdo", [(82, 112, 46, 50)], ["makes bile and stores glycogen", "fails in a patient who turns yellow with jaundice"],
      "organ", ["this organ", "the large solid organ", "the structure"], ["hepatic", "the liver", "hepatobiliary", "liver"]),
    P("spleen", "abdo", [(186, 142, 17, 25)], ["filters worn-out red blood cells", "can rupture after a blow to the lower ribs"],
      "organ", ["this organ", "the filtering organ", "it"], ["splenic", "the spleen", "perisplenic"]),
    P("pancreas", "abdo", [(135, 122, 28, 6)], ["releases insulin and digestive enzymes", "becomes inflamed after heavy drinking or gallstones"],
      "gland", ["this gland", "the gland", "the glandular structure"], ["pancreatic", "the pancreas", "peripancreatic"]),
    P("gallbladder", "abdo", [(96, 104, 9, 12)], ["stores and concentrates bile", "hurts after fatty meals when stones block its outlet"],
      "organ", ["this small sac", "the pear-shaped sac", "this structure"], ["gall bladder", "cholecystitis", "the gallbladder"]),
    P("stomach", "abdo", [(162, 96, 25, 18)], ["mixes food with acid", "is the usual site of peptic ulcers"],
      "organ", ["this hollow organ", "the organ", "this viscus"], ["gastric", "the stomach", "perigastric"]),
    P("left kidney", "abdo", [(176, 162, 14, 20)], ["filters blood to make urine", "may show stones in a patient with colicky flank pain"],
      "organ", ["this organ", "the bean-shaped organ", "it"], ["renal", "the kidney", "perirenal"]),
    P("right kidney", "abdo", [(80, 162, 14, 20)], ["filters blood to make urine", "may obstruct in a patient with loin-to-groin pain"],
      "organ", ["this organ", "the bean-shaped organ", "it"], ["renal", "the kidney", "nephric"]),
    P("kidney", "abdo", [(80, 162, 14, 20), (176, 162, 14, 20)], ["filter blood to make urine", "fail together in chronic disease of the filtering units"],
      "organs", ["these paired organs", "both organs", "the pair"], ["renal", "the kidneys", "nephrons"], skip=["right kidney", "left kidney"]),
    P("aorta", "abdo", [(133, 150, 8, 8)], ["carries oxygenated blood from the heart to the legs and gut", "may balloon into a pulsatile mass in older smokers"],
      "vessel", ["this vessel", "the large artery", "the tube"], ["aortic", "the aorta", "AAA"]),
    P("inferior vena cava", "abdo", [(108, 150, 9, 7)], ["brings venous blood from the lower body back to the heart", "can be compressed by a pregnant uterus when lying flat"],
      "vessel", ["this vein", "the big vein", "the vessel"], ["IVC", "caval", "the vena cava"]),
    P("liver lesion", "abdo", [(70, 100, 5, 5), (95, 125, 4, 4), (78, 130, 5, 4)], ["show up as dark spots in the bile-making organ", "are commonly found when bowel cancer spreads"],
      "findings", ["these foci", "the spots", "these abnormal areas"], ["liver lesions", "hepatic lesions", "liver metastases"], skip=["liver"]),
    P("kidney cyst", "abdo", [(182, 168, 6, 6)], ["is a fluid-filled bubble in a urine-making organ", "is a common, usually harmless, incidental finding in older adults"],
      "finding", ["this round area", "the fluid pocket", "this spot"], ["renal cyst", "the cyst", "cystic"], skip=["left kidney"]),
    P("urinary bladder", "pelv", [(128, 98, 30, 22)], ["stores urine until it is voided", "fills up in a man who cannot pass water"],
      "organ", ["this hollow organ", "the reservoir", "this sac"], ["the bladder", "vesical", "bladder"]),
    P("prostate", "pelv", [(128, 140, 12, 11)], ["adds fluid to semen", "enlarges in older men and slows the urine stream"],
      "gland", ["this gland", "the walnut-sized gland", "the structure"], ["prostatic", "the prostate", "periprostatic"], skip=["rectum"]),
    P("left femur", "pelv", [(206, 124, 16, 16)], ["bears body weight at the hip", "can fracture at its neck after a fall in an elderly woman"],
      "bone", ["this bone", "the ball of the hip", "the bony structure"], ["femoral", "the femur", "thigh bone"], skip=["left femur"]),
    P("right femur", "pelv", [(50, 124, 16, 16)], ["bears body weight at the hip", "can fracture at its neck after a fall in an elderly man"],
      "bone", ["this bone", "the ball of the hip", "the bony structure"], ["femoral", "the femur", "thighbone"], skip=["right femur"]),
    P("sacrum", "pelv", [(128, 196, 30, 17)], ["joins the spine to the pelvis", "can crack with an insufficiency fracture in osteoporosis"],
      "bone", ["this bone", "the triangular bone", "the bony plate"], ["sacral", "the sacrum", "sacroiliac"], skip=["sacrum"]),
    P("left adrenal gland", "abdo", [(160, 140, 5, 9)], ["makes cortisol and the fight-or-flight hormone", "may hide a small incidental nodule that secretes hormones"],
      "gland", ["this small gland", "the thin gland", "the structure"], ["adrenal", "suprarenal", "the adrenal"]),
    P("uterus", "pelv", [(128, 126, 22, 16)], ["holds a growing pregnancy", "may contain fibroids in a woman with heavy periods"],
      "organ", ["this muscular organ", "the organ", "the hollow muscular structure"], ["uterine", "the womb", "womb"], skip=["rectum"]),
]
PROFILES[-1]["unknown"] = True
for _p in PROFILES:
    _p["skip"].add(_p["target"])


def record_for(p):
    return {"modality": "CT" if p["target"] not in ("prostate", "uterus") else "MR",
            "body_region": "abdomen" if p["level"] == "abdo" else "pelvis", "orientation": "LP"}


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:H, 0:W]
    mask = np.zeros((H, W), bool)
    dx, dy, s = rng.uniform(-3, 3), rng.uniform(-3, 3), rng.uniform(0.9, 1.1)
    for cx, cy, rx, ry in p["ell"]:
        mask |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1
    others = {n: (c[0] / (W - 1), c[1] / (H - 1)) for n, c in (ABDO if p["level"] == "abdo" else PELV).items()
              if n not in p["skip"]}
    return compute_facts(mask, "LP", others).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    if defect in ("laterality", "count") and rng.random() < 0.3:
        return rng.choice([q for q in profiles if q["target"] in ("kidney", "liver lesion")])
    return rng.choice(profiles)


# ---------------------------------------------------------------------------------------------- words
ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety"}


def word(n):
    if n >= 100:
        h, r = divmod(n, 100)
        return ONES[h] + " hundred" + ("" if r == 0 else " and " + word(r))
    if n < 20:
        return ONES[n]
    t, o = divmod(n, 10)
    return TENS[t * 10] + ("" if o == 0 else "-" + ONES[o])


def spell(text):
    """Digits of a sentence as words ("1.5 kg" -> "one point five kg")."""
    def one(m):
        a, _, b = m.group(0).partition(".")
        return word(int(a)) + ("" if not b else " point " + " ".join(ONES[int(d)] for d in b))
    return re.sub(r"\d+(?:\.\d+)?", one, text).replace("%", " percent")


def pct_text(pct, words):
    """A rounded share of the image, in digits or words."""
    if pct < 1:
        return "less than one percent" if words else "under 1%"
    if words:
        return f"about {word(int(round(pct)))} percent"
    return f"about {pct:.1f}%" if pct < 10 else f"about {round(pct)}%"


SIDE = {"left": ["on the patient's left", "in the left half of the body", "left of the midline",
                 "toward the patient's left side"],
        "right": ["on the patient's right", "in the right half of the body", "right of the midline",
                  "toward the patient's right side"],
        "midline": ["in the midline", "centred on the midline", "straddling the midline", "in the middle of the body"],
        "bilateral": ["on both sides of the body", "bilaterally, one on each side", "on the left and on the right"]}
SIDE_SHORT = {"left": ["left", "left-sided", "patient's left"], "right": ["right", "right-sided", "patient's right"],
              "midline": ["midline", "central (midline)", "midline, not lateralised"],
              "bilateral": ["bilateral", "both sides", "paired, left and right"]}
NOT_SIDE = {"left": ["It is not on the right.", "Nothing of it crosses to the right side.", "It is not a right-sided structure here."],
            "right": ["It is not on the left.", "None of it reaches the left side.", "It is not a left-sided structure here."],
            "midline": ["It is not off to one side.", "It is not lateralised to either side."],
            "bilateral": ["It is not confined to one side.", "It is not just on one side."]}
VERT = {"anterior": ["in the front part of the body", "anteriorly", "toward the front", "ventrally"],
        "posterior": ["in the back part of the body", "posteriorly", "toward the back", "dorsally"]}
NOT_VERT = {"anterior": ["It does not lie toward the back.", "It is not a posterior structure on this slice."],
            "posterior": ["It does not lie toward the front.", "It is not an anterior structure on this slice."]}
REL = {"anterior_to": ["in front of", "anterior to", "ventral to"], "posterior_to": ["behind", "posterior to", "dorsal to"],
       "left_of": ["to the patient's left of", "on the left side of"], "right_of": ["to the patient's right of", "on the right side of"]}
SIZE = {"small": ["small", "a small structure", "small on this slice"], "medium": ["medium-sized", "moderate in size", "of medium size"],
        "large": ["large", "big", "a large structure"]}
NOT_SIZE = {"small": ["It is not large.", "It is far from a large structure here."],
            "medium": ["It is neither tiny nor large.", "It is not a large structure."],
            "large": ["It is certainly not small.", "It is not a small structure."]}
CONVENTION = ["By radiological convention the patient's left is shown on the right side of the image.",
              "Remember that axial images are viewed as if from the patient's feet, so the image's right is the patient's left.",
              "Axial slices are displayed in the radiological convention: patient right on the viewer's left.",
              "Note the display convention: what appears on the left of the screen is the patient's right."]
# true knowledge sentences about other structures: (structures they are about, sentence)
KB = [("spleen", "The spleen normally sits high in the left upper quadrant, behind the stomach."),
      ("liver", "The liver is the largest solid organ and fills most of the right upper quadrant."),
      ("aorta", "The abdominal aorta runs just in front of the spine, slightly to the left of the midline."),
      ("inferior vena cava", "The inferior vena cava runs on the right, beside the aorta."),
      ("left kidney", "The left kidney usually sits slightly higher than the right one."),
      ("right kidney", "The right kidney is pushed a little lower by the liver above it."),
      ("pancreas", "The pancreas lies across the back of the upper abdomen, its tail reaching toward the left."),
      ("stomach", "The stomach lies mostly on the left, under the left dome of the diaphragm."),
      ("gallbladder", "The gallbladder hangs under the liver on the right side."),
      ("urinary bladder", "The bladder sits in the front of the pelvis, just behind the pubic bones."),
      ("rectum", "The rectum lies at the back of the pelvis, in front of the sacrum."),
      ("sacrum", "The sacrum forms the back wall of the pelvis in the midline."),
      ("left femur", "Each femoral head sits in its socket at the side of the pelvis, well away from the midline."),
      ("right femur", "Each femoral head sits in its socket at the side of the pelvis, well away from the midline."),
      ("left adrenal gland", "The right adrenal gland sits behind the inferior vena cava, the left one beside the aorta."),
      ("prostate", "In men the prostate lies below the bladder, in front of the rectum."),
      ("uterus", "In women the uterus sits between the bladder in front and the rectum behind.")]
POP = {"liver": "An adult liver typically weighs about 1.5 kg.", "spleen": "A normal adult spleen is usually under 13 cm long.",
       "pancreas": "Pancreatic cancer is found in roughly 1 in 64 people over a lifetime.",
       "gallbladder": "Gallstones occur in about 10 to 15 percent of adults in Western countries.",
       "stomach": "An empty adult stomach holds about 50 ml, but it can stretch to over a litre.",
       "left kidney": "An adult kidney is usually 10 to 12 cm long.", "right kidney": "An adult kidney is usually 10 to 12 cm long.",
       "kidney": "About 1 in 10 adults has some degree of chronic kidney disease.",
       "aorta": "An abdominal aorta wider than 3 cm counts as an aneurysm in most guidelines.",
       "inferior vena cava": "The inferior vena cava is normally about 2 cm across in adults.",
       "liver lesion": "Up to a third of patients with colorectal cancer develop liver metastases.",
       "kidney cyst": "Simple renal cysts are found in over a quarter of people older than 50.",
       "urinary bladder": "A healthy adult bladder holds about 400 to 600 ml.",
       "prostate": "About half of men over 60 have some benign prostatic enlargement.",
       "left femur": "The femoral head is usually about 4 to 5 cm across in adults.",
       "right femur": "The femoral head is usually about 4 to 5 cm across in adults.",
       "sacrum": "The sacrum is formed by five fused vertebrae.",
       "left adrenal gland": "Incidental adrenal nodules turn up in about 3 to 7 percent of adult CT scans.",
       "uterus": "Fibroids affect up to 70 percent of women by age 50."}
HEDGE = ["", "", "likely ", "probably ", "most likely "]
NAME = {"liver": ["the liver", "the hepatic parenchyma"], "spleen": ["the spleen"], "pancreas": ["the pancreas"],
        "gallbladder": ["the gallbladder"], "stomach": ["the stomach", "the gastric lumen"],
        "left kidney": ["the left kidney"], "right kidney": ["the right kidney"], "kidney": ["the kidneys", "both kidneys"],
        "aorta": ["the aorta", "the abdominal aorta"], "inferior vena cava": ["the inferior vena cava", "the IVC"],
        "liver lesion": ["the liver lesions", "several hepatic lesions"], "kidney cyst": ["a renal cyst", "a simple-looking kidney cyst"],
        "urinary bladder": ["the urinary bladder", "the bladder"], "prostate": ["the prostate", "the prostate gland"],
        "left femur": ["the left femoral head", "the head of the left femur"],
        "right femur": ["the right femoral head", "the head of the right femur"], "sacrum": ["the sacrum"],
        "left adrenal gland": ["the left adrenal gland"], "uterus": ["the uterus"]}
PLURAL = {"kidney", "liver lesion"}


def _cap(s):
    return s[0].upper() + s[1:]


class Writer:
    """Sentences of one style about one mask; `wrong` holds the planted false value of one fact."""

    def __init__(self, p, f, style, rng):
        self.p, self.f, self.style, self.rng = p, f, style, rng
        self.words = style == "words"
        self.pl = p["target"] in PLURAL
        self.it, self.is_ = ("they", "are") if self.pl else ("it", "is")
        self.lies = "lie" if self.pl else "lies"

    def ch(self, xs):
        return self.rng.choice(xs)

    def subj(self):
        return self.ch([self.it, self.it, self.ch(self.p["alias"])])

    # facts ---------------------------------------------------------------------------------------
    def side(self, value, only=False):
        ph = ("only " + self.ch(SIDE[value])) if only else self.ch(SIDE[value])
        sh = (value + " only") if only else self.ch(SIDE_SHORT[value])
        S, it, lies = self.subj(), self.it, self.lies
        fr = {"terse": [f"{_cap(sh)}.", f"Laterality: {sh}.", f"Located {ph}.", f"{_cap(S)} {lies} {ph}.",
                        f"Side: {sh}.", f"Seen {ph}."],
              "tutor": [f"Notice that {S} {lies} {ph}.", f"If you follow the image carefully, {it} {self.is_} {ph}.",
                        f"A good first habit is to check the side: this one is {ph}.", f"You'll find {S} {ph} here.",
                        f"So, which side? {_cap(it)} {self.is_} {ph}.", f"Let's place it first: {it} {lies} {ph}."],
              "markdown": [f"- **Side:** {sh}", f"- **Laterality:** {ph}", f"**Where is it?** {_cap(it)} {lies} {ph}.",
                           f"* Located **{ph}**", f"- **Which side:** {sh} (patient's frame)", f"> {_cap(S)} {lies} {ph}."],
              "words": [f"Looking across the body, {S} {lies} {ph}.", f"{_cap(it)} {self.is_} {ph}.",
                        f"Its position is {ph}.", f"On this one slice, {S} {lies} {ph}.", f"Side-wise: {sh}.",
                        f"You will find {S} {ph}."]}
        return self.ch(fr[self.style])

    def vert(self, value):
        ph = self.ch(VERT[value])
        S, lies = self.subj(), self.lies
        fr = {"terse": [f"{_cap(value)}.", f"AP position: {value}.", f"Lies {ph}.", f"{_cap(S)} {lies} {ph}.",
                        f"Situated {ph}.", f"Front-back: {value}."],
              "tutor": [f"Now look front to back: {S} {lies} {ph}.", f"Along the front-to-back axis {self.it} {self.is_} {ph}.",
                        f"You can also see that {S} {lies} {ph}.", f"Depth-wise, {self.it} {self.is_} {ph}.",
                        f"It helps to notice that {S} {lies} {ph}.", f"On this slice {self.it} {self.is_} {ph}."],
              "markdown": [f"- **Depth:** {value}", f"- **Anteroposterior:** {ph}", f"* Sits **{ph}**",
                           f"**Front or back?** {_cap(ph)}.", f"- **Position (AP):** {value}", f"> {_cap(S)} {lies} {ph}."],
              "words": [f"From front to back, {S} {lies} {ph}.", f"{_cap(self.it)} {self.is_} placed {ph}.",
                        f"Depth-wise it is {ph}.", f"Its front-to-back position is {value}.", f"{_cap(S)} {lies} {ph}.",
                        f"Measured front to back, it sits {ph}."]}
        return self.ch(fr[self.style])

    def rel(self, rel, other):
        r, o = self.ch(REL[rel]), self.ch(OTHER_NAMES[other])
        S, lies = self.subj(), self.lies
        fr = {"terse": [f"{_cap(r)} {o}.", f"{_cap(S)} {lies} {r} {o}.", f"Relation: {r} {o}.", f"Located {r} {o}.",
                        f"Sits {r} {o}.", f"Seen {r} {o}."],
              "tutor": [f"A handy landmark: {S} {lies} {r} {o}.", f"Compare it with {o}: {self.it} {lies} {r} it.",
                        f"Try tracing {o}; {S} {lies} {r} that.", f"You can see that {S} {lies} {r} {o}.",
                        f"Use {o} as your anchor, because {S} {lies} {r} it.", f"Notice how {self.it} {lies} {r} {o}."],
              "markdown": [f"- **Neighbour:** {r} {o}", f"- **Relation:** {r} {o}", f"* Sits **{r} {o}**",
                           f"**Landmark:** {_cap(r)} {o}.", f"- Lies {r} {o}", f"> Landmark tip: {S} {lies} {r} {o}."],
              "words": [f"{_cap(S)} {lies} {r} {o}.", f"Relative to {o}, {self.it} {self.is_} {r} it.",
                        f"Against {o} as a landmark, {S} {lies} {r} it.", f"It sits {r} {o}.",
                        f"Its neighbour {o} helps: {self.it} {lies} {r} it.", f"Going by {o}, {S} {lies} {r} it."]}
        return self.ch(fr[self.style])

    def size(self, cls, pct):
        sz, pt = self.ch(SIZE[cls]), pct_text(pct, self.words)
        S = self.subj()
        fr = {"terse": [f"Size: {cls}, {pt} of the image.", f"{_cap(sz)}; {pt} of the slice.", f"{_cap(S)} {self.is_} {sz}.",
                        f"Area {pt} of the image ({cls}).", f"Size class {cls}.", f"{_cap(sz)}, occupying {pt} of the frame."],
              "tutor": [f"In terms of size, {S} {self.is_} {sz}, covering {pt} of the image.",
                        f"Estimate the size: {self.it} {self.is_} {sz}.", f"{_cap(S)} takes up {pt} of the picture, so {self.it} {self.is_} {sz}.",
                        f"For size, I'd call {self.it} {cls}.", f"{_cap(self.it)} {self.is_} {sz} here, roughly {pt} of the slice.",
                        f"Size-wise this is {cls} on the image."],
              "markdown": [f"- **Size:** {cls} (~{pt} of the slice)", f"- **Area:** {pt} of the image", f"* **{_cap(cls)}** overall",
                           f"**How big?** {_cap(sz)}, {pt} of the frame.", f"- **Size class:** {cls}", f"> {_cap(S)} {self.is_} {sz}."],
              "words": [f"{_cap(S)} covers {pt} of the image, which makes {self.it} {cls}.", f"In size {self.it} {self.is_} {sz}.",
                        f"The area comes to {pt} of the picture.", f"{_cap(self.it)} {self.is_} {sz}, taking {pt} of the slice.",
                        f"Size: {cls}, {pt} of the frame.", f"By area {self.it} {self.is_} {cls}, {pt} of the whole image."]}
        return self.ch(fr[self.style])

    def count(self, n):
        w = self.words or self.rng.random() < 0.5
        num = word(n) if w else str(n)
        if n == 1:
            ph = self.ch(["a single connected region", "one contiguous piece", "one continuous area", "a single component"])
        else:
            ph = self.ch([f"{num} separate regions", f"{num} distinct foci", f"{num} disconnected parts", f"{num} separate components"])
        fr = {"terse": [f"{_cap(ph)}.", f"Components: {num}.", f"Appears as {ph}.", f"Mask: {ph}.", f"Forms {ph}.",
                        f"Count: {num}."],
              "tutor": [f"Count the pieces: there {'is' if n == 1 else 'are'} {ph}.", f"The outline forms {ph}.",
                        f"If you count the islands of the mask, you get {num}.", f"Notice it shows as {ph}.",
                        f"The segmentation is {ph}.", f"Here the mask makes up {ph}."],
              "markdown": [f"- **Regions:** {num}", f"- **Components:** {ph}", f"* Shows as **{ph}**",
                           f"**How many pieces?** {_cap(num)}.", f"- **Connected parts:** {num}", f"> The mask is {ph}."],
              "words": [f"The mask forms {ph}.", f"There {'is' if n == 1 else 'are'} {word(n)} {'region' if n == 1 else 'regions'} in all.",
                        f"Counted up, it comes to {ph}.", f"The outline makes {ph}.", f"All told: {ph}.",
                        f"We see {ph} on this slice."]}
        return self.ch(fr[self.style])

    # traps --------------------------------------------------------------------------------------
    def convention(self):
        s = self.ch(CONVENTION)
        return {"markdown": f"*{s}*" if self.rng.random() < 0.5 else f"> Note: {s}"}.get(self.style, s)

    def fix(self, s):
        return spell(s) if self.words else s


AREA = {"liver": 7226, "spleen": 1335, "stomach": 1413, "right kidney": 880, "left kidney": 880, "aorta": 201,
        "pancreas": 528, "urinary bladder": 2073, "left femur": 804, "right femur": 804, "sacrum": 1602, "rectum": 450}
Q_FRAMES = ["Which {noun} in this {mod} image {q}? Please segment it.",
            "On this axial {mod} slice, can you outline what {q}?",
            "Could you find and mark the {noun} here that {q}?",
            "I'm studying this {mod} scan. Where can I see the {noun} that {q}? Segment it, please.",
            "Show me, on this slice, the {noun} that {q}. Which one is it?",
            "Which {noun} here {q}? I'd like a segmentation of it.",
            "Quick one for revision: what on this {mod} slice {q}? Please mark it."]
NAMED_FRAMES = ["Question about {g} findings: which {noun} on this {mod} slice {q}? Please segment it.",
                "Which {noun} here {q}? I'm asking because the report mentions {g} changes.",
                "For my {g} teaching module: which {noun} in this image {q}? Segment it.",
                "Can you outline the {noun} that {q}? It's for a {g} case review."]


def _others(p):
    return {n: (c[0] / (W - 1), c[1] / (H - 1)) for n, c in (ABDO if p["level"] == "abdo" else PELV).items()
            if n not in p["skip"]}


def _rel_strength(p, f, r):
    oc = _others(p)[r["other"]]
    ax = 0 if r["relation"] in ("left_of", "right_of") else 1
    return abs(f["centroid_normalized"][ax] - oc[ax])


def build(p, f, style, rng, defect):
    w = Writer(p, f, style, rng)
    side, vert, vo = f["laterality"], f["vertical"], f["centroid_patient"][1]
    cls, pct, n = f["size_class"], f["area_fraction"] * 100, f["components"]
    rels = [r for r in f["relations"] if _rel_strength(p, f, r) > 0.08]
    ap = [r for r in rels if r["relation"] in ("anterior_to", "posterior_to")]
    lr = [r for r in rels if r["relation"] in ("left_of", "right_of")]
    FL = {"anterior_to": "posterior_to", "posterior_to": "anterior_to"}
    kind = defect if defect != "names_target" else None
    where = None
    if kind:
        x = rng.random()
        where = "user" if x < 0.2 else "follow" if x < 0.5 else "first"
    # the planted false sentence (a callable, so its phrasing is drawn where it is used)
    wrong_vert = None
    if kind == "position":
        if vert in ("anterior", "posterior") and abs(vo) > 0.09 or not ap:
            wrong_vert = {"anterior": "posterior", "posterior": "anterior"}.get(vert, "anterior" if vo > 0 else "posterior")
        else:
            wrong_rel = max(ap, key=lambda r: _rel_strength(p, f, r))
    side_w = {"left": "right", "right": "left"}.get(side) or (rng.choice(["left", "right"]))
    cls_w = "small" if cls == "large" or (cls == "medium" and pct >= 2.5) else "large"
    pct_w = rng.choice([18.0, 22.0, 27.0]) if cls_w == "large" else 0.4
    n_w = rng.choice([2, 3]) if n == 1 else 1

    def false_sentence():
        if kind == "laterality":
            return w.side(side_w, only=side == "bilateral")
        if kind == "position":
            return w.vert(wrong_vert) if wrong_vert else w.rel(FL[wrong_rel["relation"]], wrong_rel["other"])
        if kind == "size":
            return w.size(cls_w, pct_w)
        return w.count(n_w)

    # true fact sentences, leaving out the defect's fact
    facts = []
    if kind != "laterality":
        facts.append(lambda: w.side(side))
        facts += [lambda r=r: w.rel(r["relation"], r["other"]) for r in rng.sample(lr, min(len(lr), rng.choice([0, 1, 1, 2])))]
    if kind != "position":
        if vert in ("anterior", "posterior") and abs(vo) > 0.08 and rng.random() < 0.7:
            facts.append(lambda: w.vert(vert))
        facts += [lambda r=r: w.rel(r["relation"], r["other"]) for r in rng.sample(ap, min(len(ap), rng.choice([0, 1, 1, 2])))]
    if kind != "size" and rng.random() < 0.75:
        facts.append(lambda: w.size(cls, pct))
    if kind != "count" and (rng.random() < 0.55 or n > 1):
        facts.append(lambda: w.count(n))
    rng.shuffle(facts)
    traps = _traps(w, p, f, kind, side, vert, vo, cls, n, rng)

    # first question
    mod = record_for(p)["modality"]
    qf = rng.choice(NAMED_FRAMES if defect == "names_target" else Q_FRAMES)
    q1 = qf.format(noun=p["noun"], mod=mod, q=rng.choice(p["q"]), g=rng.choice(p["give"]))
    # follow-up plan
    n_rounds = rng.choice([1, 1, 2, 2, 2, 3, 3, 4])
    if where in ("follow", "user"):
        n_rounds = max(n_rounds, 2)
    body = [fs() for fs in facts[:rng.randint(max(min(1, len(facts)), len(facts) - 2), len(facts))]]
    rest = [fs for fs in facts if fs not in facts[:len(body)]]
    if where == "first":
        body.insert(rng.randint(0, len(body)), false_sentence())
    k = rng.randint(1, min(3, len(traps))) if traps else 0
    chosen = rng.sample(traps, k)
    about_others = {w.fix(s) for _, s in KB}  # last, so that no "It ..." sentence follows one of them
    for t in chosen:
        if t not in about_others:
            body.insert(rng.randint(0, len(body)), t)
    body += [t for t in chosen if t in about_others]
    traps = [t for t in traps if t not in body]
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": _first_answer(w, p, body, rng)}]
    slots = list(range(1, n_rounds))
    special = rng.choice(slots) if where in ("follow", "user") else None
    for i in slots:
        if i == special:
            uq, ans = _defect_round(w, kind, where, false_sentence, side_w, side, wrong_vert, cls_w, n_w,
                                    None if wrong_vert or kind != "position" else wrong_rel, rng)
        else:
            uq, ans = _clean_round(w, p, f, rest, traps, kind, side, side_w, rng)
        if len(ans) < 24 or len(ans.split()) < 4:  # a bare "Count: 1." is too short a turn
            ans = rng.choice(["In short: ", "On this image: ", "Briefly, from the mask: "]) + ans
        turns += [{"role": "user", "content": uq}, {"role": "assistant", "content": ans}]
    return turns, [defect] if defect else []


def _traps(w, p, f, kind, side, vert, vo, cls, n, rng):
    t = [w.convention()]
    if kind != "laterality":
        t.append(rng.choice(NOT_SIDE[side]))
    if kind != "position" and vert in ("anterior", "posterior") and abs(vo) > 0.08:
        t.append(rng.choice(NOT_VERT[vert]))
    if kind != "size":
        t.append(rng.choice(NOT_SIZE[cls]))
    if kind != "count":
        t.append(rng.choice(["There is no second focus.", "No separate fragment is seen.", "No satellite piece is present."])
                 if n == 1 else "They do not form a single piece.")
    kb = _kb(p)
    t += rng.sample(kb, 2)
    t.append(POP[p["target"]])
    mine = f["area_pixels"]
    others = [o for o in AREA if o not in p["skip"] and o in (ABDO if p["level"] == "abdo" else PELV)]
    if kind != "size" and others:
        o = rng.choice(others)
        nm = rng.choice(OTHER_NAMES[o])
        if mine > 2 * AREA[o]:
            t.append(f"{_cap(w.it)} {w.is_} clearly larger than {nm} on this slice.")
        elif mine * 2 < AREA[o]:
            t.append(f"{_cap(w.it)} {w.is_} {rng.choice(['much ', 'clearly ', ''])}smaller than {nm} on this slice.")
    return [w.fix(s) for s in t]


PELVIC = {"urinary bladder", "rectum", "sacrum", "left femur", "right femur", "prostate", "uterus"}


def _kb(p):
    """True knowledge sentences about other structures of the same level (abdomen or pelvis)."""
    return [s for key, s in KB if key not in p["skip"] and key != p["target"]
            and (key in PELVIC) == (p["level"] == "pelv")]


def _first_answer(w, p, body, rng):
    nm = rng.choice(NAME[p["target"]])
    h = rng.choice(HEDGE)
    st = w.style
    if st == "terse":
        lead = rng.choice([f"{_cap(nm)} [SEG].", f"Segmented: {nm} [SEG].", f"Target: {h}{nm}. [SEG]",
                           f"{_cap(h + nm)}, outlined [SEG].", f"Findings: {nm} [SEG].", f"Answer - {nm}: [SEG]"])
        return " ".join([lead] + body)
    if st == "tutor":
        lead = rng.choice([f"Great question! What you are describing is {h}{nm}, outlined here: [SEG].",
                           f"Let's work through it together. The answer is {h}{nm} [SEG].",
                           f"Good thinking. That description fits {nm}, which I've segmented for you: [SEG].",
                           f"This is {h}{nm}. Here is the outline so you can study it: [SEG]",
                           f"You're looking for {nm}. I've marked it here [SEG], and we can go through it step by step."])
        end = rng.choice(["", " Does that make sense so far?", " Try finding it yourself on the next slice!",
                          " Feel free to ask if anything is unclear."])
        return lead + "\n\n" + " ".join(body) + end
    if st == "markdown":
        lead = rng.choice([f"## Answer\n\nThe structure you describe is **{h}{nm}** [SEG].",
                           f"Sure! 😊 That sounds like **{nm}**. Here's the segmentation: [SEG]",
                           f"### Identification\n**{_cap(nm)}** [SEG]",
                           f"Great question! The answer is {h}**{nm}** [SEG].\n\n---"])
        lines = [b if b.startswith(("-", "*", ">", "**")) else "- " + b for b in body]
        head = rng.choice(["### Key points", "**Details:**", "### What the mask shows", "**Summary**"])
        end = rng.choice(["", "\n\nLet me know if you'd like more detail!", "\n\n*Hope this helps!*"])
        return lead + "\n\n" + head + "\n" + "\n".join(lines) + end
    lead = rng.choice([f"That would be {h}{nm}, shown here [SEG].", f"The answer is {h}{nm} [SEG].",
                       f"It is {h}{nm}; the outline is here [SEG].", f"I have marked {nm} for you [SEG]."])
    return lead + " " + " ".join(body)


FOLLOW_Q = {"side": ["Which side is it on?", "Which side?  Left or right?", "Is it on the left or the right?",
                     "And which side of the patient is that?", "Where is it, left to right?"],
            "vert": ["Is it toward the front or the back?", "How deep does it sit, front to back?", "Anterior or posterior, then?"],
            "size": ["How big is it?", "And the size?", "Is it large or small on this image?", "How much of the slice does it take up?"],
            "count": ["Is it one piece or several?", "How many separate parts are there?", "Is the mask all one region?"],
            "why": ["Why is that?", "Why does it sit there?", "Can you explain why it's placed like that?"],
            "conv": ["Why does it look like it's on the other side of the screen?", "Wait, isn't the image's left the patient's left?"],
            "pop": ["How common are problems here?", "Any useful numbers to remember about it?", "What's normal for it in adults?"],
            "rel": ["What is it next to?", "Which landmarks help me find it?", "What's around it?"]}


def _clean_round(w, p, f, rest, traps, kind, side, side_w, rng):
    opts = ["pop", "why", "conv", "more"]
    if kind != "laterality":
        opts += ["side", "confirm", "confirm_no"]
    if kind != "size":
        opts.append("size")
    if kind != "count":
        opts.append("count")
    if kind != "position" and f["vertical"] in ("anterior", "posterior") and abs(f["centroid_patient"][1]) > 0.08:
        opts.append("vert")
    t = rng.choice(opts)
    sep = "\n" if w.style == "markdown" else " "
    extra = (sep + rng.choice(traps)) if traps and rng.random() < 0.5 else ""
    if t == "confirm":
        sp = {"left": "on the left", "right": "on the right", "midline": "in the middle", "bilateral": "on both sides"}[side]
        q = rng.choice([f"So it's {sp}?", f"Just to confirm, {sp}?", f"OK, so {sp} then?"])
        return q, rng.choice(["Yes, that's right.", "Yes.  Correct.", "Yes, exactly that.", "That's correct, yes."]) + sep + w.side(side)
    if t == "confirm_no":
        q = rng.choice([f"Is it on the {side_w} then?", f"Could it be on the {side_w}?"])
        return q, rng.choice(["No.", "No, not quite.", "Not really."]) + sep + w.side(side) + extra
    if t == "side":
        return rng.choice(FOLLOW_Q["side"]), w.side(side) + extra
    if t == "vert":
        return rng.choice(FOLLOW_Q["vert"]), w.vert(f["vertical"]) + extra
    if t == "size":
        return rng.choice(FOLLOW_Q["size"]), w.size(f["size_class"], f["area_fraction"] * 100) + extra
    if t == "count":
        return rng.choice(FOLLOW_Q["count"]), w.count(f["components"]) + extra
    if t == "conv":
        return rng.choice(FOLLOW_Q["conv"]), w.fix(rng.choice(CONVENTION)) + " " + rng.choice(
            ["That is why it can look flipped at first.", "It takes a little practice to get used to.",
             "Every axial CT and MR slice is shown this way."])
    if t == "pop":
        return rng.choice(FOLLOW_Q["pop"]), w.fix(POP[p["target"]]) + extra
    if t == "more" and rest:
        fs = rest.pop(0)
        return rng.choice(["Anything else worth noting about it?", "What else should I notice?",
                           "Can you tell me a bit more about it?"]), fs() + extra
    kb = _kb(p)
    return rng.choice(FOLLOW_Q["why"]), rng.choice(["That is simply normal anatomy at this level.",
                                                    "Its neighbours hold it in that place during development."]) + " " + w.fix(rng.choice(kb))


def _defect_round(w, kind, where, false_sentence, side_w, side, wrong_vert, cls_w, n_w, wrong_rel, rng):
    if where == "follow":
        key = {"laterality": "side", "position": "vert" if wrong_vert else "rel", "size": "size", "count": "count"}[kind]
        if kind == "laterality" and side in ("left", "right") and rng.random() < 0.4:
            return rng.choice([f"So it's on the {side_w}?", f"Just to confirm, the {side_w} side?"]), \
                rng.choice(["Yes, that's right.", "Yes.  Correct.", "That's correct, yes."]) + " " + false_sentence()
        return rng.choice(FOLLOW_Q[key]), false_sentence()
    # the false claim sits in the user's question; the answer neither repeats nor corrects it
    if kind == "laterality":
        sw = ("only on the patient's " + side_w) if side == "bilateral" else "on the patient's " + side_w
        q = rng.choice([f"Why is it {sw}?", f"Since it sits {sw}, what else should I check nearby?",
                        f"Given that it's {sw}, could it be mistaken for something else?"])
    elif kind == "position":
        if wrong_vert:
            d = {"anterior": "front", "posterior": "back"}[wrong_vert]
            q = rng.choice([f"Why does it lie so far toward the {d}?", f"Since it sits toward the {d}, what else is near it?"])
        else:
            r, o = rng.choice(REL[{"anterior_to": "posterior_to", "posterior_to": "anterior_to"}[wrong_rel["relation"]]]), OTHER_NAMES[wrong_rel["other"]][0]
            q = rng.choice([f"Why is it {r} {o}?", f"Since it lies {r} {o}, how do I tell them apart?"])
    elif kind == "size":
        q = rng.choice([f"Why is it so {cls_w} on this slice?", f"Since it looks {cls_w} here, should I worry?"])
    else:
        q = rng.choice(["Why is it split into separate pieces?", "Since it comes in two separate parts, is that normal?"]) \
            if n_w > 1 else rng.choice(["Why is it just one single piece?", "Since it forms one connected region, is that typical?"])
    a = rng.choice(["Good question. That comes down to the level of the slice and normal variation; on its own it is not a worry.",
                    "That is mostly about where this slice cuts through the body. A report would describe it in context.",
                    "It depends on anatomy and slice level; comparing with neighbouring slices is the best way to judge."])
    return q, w.fix(a)
