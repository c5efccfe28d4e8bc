"""Bank GP: other slices, other times, other views.

Written blind (the QC rules, their tests, other banks and their rows were never opened). The prose keeps
talking about what is NOT the mask: the slice above or below ("two slices up it splits in two"), the prior
study ("it was larger in March"), the 3D volume against this 2D cut, the coronal reformat against this axial
image, the contralateral structure; the claims about THIS slice are mixed in. Registers: an oncology
follow-up comparison report (`followup`), a radiologist scrolling through the stack and thinking aloud
(`scroll`), a patient asking whether it has changed (`patient`), an LLM assistant explaining 2D versus 3D
(`explainer`). 25 targets (CT and MR; axial LP, axial RP, coronal LI).

Every claim about this slice is kept in `LEDGER` (kind, value, turn, role, corrected) and checked against the
computed facts by the writer's own reader (/work/notes/qcgp_scripts/check_gp.py). Its summary line:
rows 420, clean 210, defects laterality 42 position 42 size 42 count 42 names_target 42; defects sit in
first answer 66, follow-up answer 46, user premise 56, question 42; problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

LEDGER: list[dict] = []
_USED: set = set()  # distractor sentences already used in the row being built

STYLES = ["followup", "scroll", "patient", "explainer"]

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _P(target, syn, unit, units, clue, lay, mod, region, orient, comps, n=(1, 1), jit=0.02, others=None,
       contra="", side=None, mm=(15, 40), tlay=None):
    return dict(target=target, syn=syn, unit=unit, units=units, clue=clue, lay=lay, modality=mod, region=region,
                orientation=orient, comps=comps, n=n, jit=jit, others=others or {}, contra=contra, side=side,
                mm=mm, tlay=tlay or target)


PROFILES = [
    _P("liver metastases", ["hepatic metastases", "liver mets"], "deposit", "deposits",
       "the deposits from her sigmoid primary in the organ that makes bile",
       "the spots in the organ under my right ribs that the oncologist keeps measuring", "CT", "abdomen", "LP",
       [(0.30, 0.40, 14, 13), (0.21, 0.54, 10, 10), (0.35, 0.60, 9, 8), (0.25, 0.30, 8, 7)], n=(1, 4),
       others={"inferior vena cava": (0.45, 0.52), "stomach": (0.66, 0.40)},
       contra="The left lateral segment is clear on this section.", side="right", mm=(12, 38),
       tlay="spots in your liver"),
    _P("lung metastases", ["pulmonary metastases", "pulmonary nodules"], "nodule", "nodules",
       "the round lesions in the organs of gas exchange that appeared after his osteosarcoma",
       "the little spots in my breathing organs they found after my bone cancer", "CT", "chest", "LP",
       [(0.30, 0.42, 6, 6), (0.70, 0.46, 5, 5), (0.28, 0.60, 5, 5), (0.72, 0.62, 6, 6), (0.66, 0.32, 4, 4)],
       n=(2, 5), mm=(4, 14), tlay="spots in your lungs"),
    _P("adrenal metastasis", ["adrenal deposit"], "nodule", "nodules",
       "the new nodule in the stress-hormone gland tucked behind the vena cava, in a smoker with lung cancer",
       "the small lump on the gland above my kidney that they said might have spread there", "CT", "abdomen",
       "LP", [(0.38, 0.50, 7, 6)], others={"inferior vena cava": (0.44, 0.44), "aorta": (0.52, 0.56)},
       contra="The opposite adrenal is slender and normal.", side="right", mm=(10, 30),
       tlay="lump on your adrenal gland"),
    _P("left renal cell carcinoma", ["left kidney tumour", "left renal mass"], "mass", "masses",
       "the enhancing solid mass in the bean-shaped organ we are watching before nephrectomy",
       "the growth on my kidney that they are deciding whether to operate on", "CT", "abdomen", "LP",
       [(0.70, 0.58, 22, 20)], others={"aorta": (0.52, 0.55), "spleen": (0.78, 0.38)},
       contra="The right kidney is unremarkable.", side="left", mm=(30, 70), tlay="kidney tumour"),
    _P("pancreatic adenocarcinoma", ["pancreatic cancer", "pancreatic tumour"], "mass", "masses",
       "the hypodense mass in the gland behind the stomach that is blocking his duct, being followed on FOLFIRINOX",
       "the tumour in the gland behind my stomach that they're giving me chemo for", "CT", "abdomen", "LP",
       [(0.50, 0.41, 13, 10)], jit=0.008, others={"superior mesenteric artery": (0.51, 0.52)},
       contra="The splenic vein is patent.", mm=(20, 45), tlay="pancreas tumour"),
    _P("brain metastases", ["cerebral metastases", "brain mets"], "lesion", "lesions",
       "the enhancing lesions from his melanoma that we treated with radiosurgery",
       "the spots in my head from the melanoma that they zapped with radiation", "MR", "head", "LP",
       [(0.35, 0.35, 7, 7), (0.66, 0.58, 6, 6), (0.40, 0.70, 5, 5)], n=(1, 3), mm=(5, 22),
       tlay="spots in your brain"),
    _P("glioblastoma", ["GBM", "high-grade glioma"], "region", "regions",
       "the resection-cavity-rim enhancement we are watching for recurrence of her primary brain tumour",
       "the brain tumour they operated on, which I have scans for every three months", "MR", "head", "LP",
       [(0.66, 0.45, 34, 30)], others={"third ventricle": (0.50, 0.50)},
       contra="The right hemisphere shows no enhancement.", side="left", mm=(35, 60), tlay="brain tumour"),
    _P("vestibular schwannoma", ["acoustic neuroma"], "tumour", "tumours",
       "the tumour at the cerebellopontine angle causing her one-sided hearing loss, on watch-and-wait",
       "the slow growth on my hearing nerve that they're just watching", "MR", "head", "LP",
       [(0.37, 0.56, 6, 5)], others={"brainstem": (0.50, 0.56)},
       contra="The left internal auditory canal is normal.", side="right", mm=(6, 18),
       tlay="growth on your hearing nerve"),
    _P("pituitary macroadenoma", ["pituitary adenoma"], "mass", "masses",
       "the sellar mass pushing up toward the chiasm in a man with bitemporal field loss",
       "the tumour in the gland under my brain that affects my eyesight", "MR", "head", "LI",
       [(0.50, 0.53, 9, 10)], jit=0.004, others={"optic chiasm": (0.50, 0.40)},
       contra="Both cavernous sinuses look free.", mm=(10, 25), tlay="pituitary tumour"),
    _P("subcarinal lymph node", ["station 7 node", "subcarinal node"], "node", "nodes",
       "the enlarged node under the tracheal bifurcation that we used for staging her lung cancer",
       "the swollen gland in the middle of my chest they biopsied", "CT", "chest", "LP",
       [(0.50, 0.50, 9, 7)], jit=0.004, others={"descending aorta": (0.58, 0.62)},
       contra="The hilar nodes on both sides are not enlarged.", mm=(8, 25), tlay="lymph node in your chest"),
    _P("right pleural effusion", ["right-sided pleural effusion"], "collection", "collections",
       "the fluid that keeps reaccumulating around her right lung after each drainage",
       "the fluid they drained from around my lung last month", "CT", "chest", "LP",
       [(0.27, 0.70, 24, 14)], others={"heart": (0.55, 0.45)},
       contra="No effusion on the left.", side="right", mm=(20, 60), tlay="fluid around your lung"),
    _P("pleural effusions", ["bilateral pleural effusions"], "collection", "collections",
       "the fluid layering around both lungs in a man with heart failure and mesothelioma workup",
       "the fluid around my lungs that makes me breathless", "CT", "chest", "LP",
       [(0.27, 0.71, 21, 12), (0.73, 0.71, 19, 11)], n=(2, 2), others={"heart": (0.53, 0.44)},
       side="bilateral", mm=(15, 50), tlay="fluid around your lungs"),
    _P("hepatocellular carcinoma", ["HCC", "liver cancer"], "tumour", "tumours",
       "the arterially enhancing tumour in his cirrhotic organ that we treated with chemoembolisation",
       "the cancer in my liver they treated through a catheter in my groin", "CT", "abdomen", "LP",
       [(0.28, 0.45, 34, 31)], others={"stomach": (0.65, 0.40)},
       contra="The portal vein is patent.", side="right", mm=(30, 80), tlay="liver tumour"),
    _P("splenic lesion", ["splenic metastasis"], "lesion", "lesions",
       "the low-density focus in the organ that filters old red cells, found on his lymphoma restaging",
       "the spot on the organ on my left side under the ribs they mentioned with my lymphoma", "CT", "abdomen",
       "LP", [(0.77, 0.44, 10, 9)], others={"stomach": (0.62, 0.36), "left kidney": (0.72, 0.60)},
       contra="The liver is clear of focal lesions.", side="left", mm=(8, 30), tlay="spot on your spleen"),
    _P("bladder tumour", ["urothelial carcinoma of the bladder", "bladder cancer"], "tumour", "tumours",
       "the papillary growth on the wall of the urine reservoir that we resected and are now surveilling",
       "the growth inside my bladder that they scraped out with a camera", "CT", "pelvis", "LP",
       [(0.61, 0.40, 9, 8)], others={"rectum": (0.50, 0.72)},
       contra="The ureteric orifices are not involved.", side="left", mm=(8, 30), tlay="bladder growth"),
    _P("peritoneal metastases", ["peritoneal deposits", "peritoneal carcinomatosis"], "deposit", "deposits",
       "the omental and serosal deposits from her ovarian primary, now on second-line platinum",
       "the spots on the lining of my belly from the ovarian cancer", "CT", "abdomen", "LP",
       [(0.30, 0.28, 8, 6), (0.69, 0.27, 7, 6), (0.45, 0.22, 6, 5), (0.73, 0.55, 6, 6)], n=(2, 4),
       mm=(8, 35), tlay="deposits in your abdomen"),
    _P("vertebral metastasis", ["spinal metastasis", "vertebral body metastasis"], "lesion", "lesions",
       "the lytic lesion in the bone behind the aorta that is causing his back pain, prostate primary",
       "the cancer spot in my backbone that's causing the pain", "CT", "spine", "LP",
       [(0.50, 0.70, 13, 11)], jit=0.004, others={"aorta": (0.53, 0.55)}, mm=(15, 40),
       tlay="spot in your spine"),
    _P("multiple sclerosis lesions", ["MS plaques", "demyelinating plaques"], "plaque", "plaques",
       "the periventricular white-matter plaques in a young woman on disease-modifying therapy",
       "the patches in my brain from my MS that they check every year", "MR", "head", "LP",
       [(0.40, 0.45, 5, 4), (0.60, 0.46, 5, 4), (0.41, 0.58, 4, 4), (0.61, 0.57, 4, 4), (0.38, 0.51, 3, 3)],
       n=(2, 5), jit=0.01, mm=(3, 12), tlay="MS patches"),
    _P("abdominal aortic aneurysm", ["AAA", "aortic aneurysm"], "sac", "sacs",
       "the dilated main artery below the renals that vascular surgery wants measured every six months",
       "the ballooning of the big artery in my belly they keep checking", "CT", "abdomen", "LP",
       [(0.53, 0.53, 20, 19)], jit=0.004, others={"inferior vena cava": (0.43, 0.53), "spine": (0.50, 0.70)},
       mm=(40, 60), tlay="aneurysm"),
    _P("left ovarian cyst", ["left adnexal cyst"], "cyst", "cysts",
       "the complex adnexal structure on the side opposite the sigmoid-free pelvis, on six-month follow-up",
       "the cyst on my ovary they asked me to come back for", "MR", "pelvis", "LP",
       [(0.69, 0.55, 19, 17)], others={"uterus": (0.50, 0.50)},
       contra="The right ovary contains small follicles only.", side="left", mm=(25, 70), tlay="ovarian cyst"),
    _P("right breast cancer", ["right breast carcinoma", "right breast tumour"], "mass", "masses",
       "the spiculated mass she is getting neoadjuvant chemotherapy for, on the side of her port",
       "the lump in my breast they're shrinking with chemo before surgery", "MR", "chest", "LP",
       [(0.27, 0.22, 11, 9)], others={"sternum": (0.50, 0.20)},
       contra="The left breast is clear.", side="right", mm=(15, 45), tlay="breast tumour"),
    _P("thyroid nodule", ["thyroid lesion"], "nodule", "nodules",
       "the nodule in the butterfly-shaped gland of the neck that had indeterminate cytology last year",
       "the lump in my neck gland that they did a needle test on", "CT", "neck", "LP",
       [(0.39, 0.40, 7, 7)], others={"trachea": (0.50, 0.46)},
       contra="The left lobe is homogeneous.", side="right", mm=(8, 30), tlay="neck gland lump"),
    _P("renal cysts", ["kidney cysts"], "cyst", "cysts",
       "the simple fluid-filled lesions in both filtering organs of a man with polycystic family history",
       "the cysts on my kidneys they keep an eye on", "CT", "abdomen", "LI",
       [(0.32, 0.52, 9, 9), (0.70, 0.57, 8, 8), (0.30, 0.66, 6, 6)], n=(1, 3),
       others={"liver": (0.30, 0.30)}, mm=(10, 40), tlay="kidney cysts"),
    _P("meningioma", ["convexity meningioma"], "tumour", "tumours",
       "the dural-based extra-axial mass on the convexity that we have been watching for five years",
       "the benign tumour on the lining of my brain they just watch", "MR", "head", "RP",
       [(0.30, 0.30, 13, 11)], others={"falx": (0.50, 0.45)},
       contra="The right convexity is clear.", side="left", mm=(15, 40), tlay="meningioma"),
    _P("cervical lymph nodes", ["neck nodes", "cervical nodes"], "node", "nodes",
       "the enlarged glands below the jaw that drain his oropharyngeal primary, treated with chemoradiation",
       "the swollen glands in my neck from the throat cancer", "CT", "neck", "LP",
       [(0.30, 0.50, 6, 6), (0.33, 0.62, 5, 5), (0.70, 0.52, 5, 5)], n=(1, 3), mm=(8, 30),
       tlay="neck glands"),
]


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def facts_for(p, rng):
    h = w = 256
    yy, xx = np.mgrid[0:h, 0:w]
    lo, hi = p["n"]
    k = rng.randint(lo, hi)
    for _ in range(50):
        m = np.zeros((h, w), bool)
        for cx, cy, rx, ry in p["comps"][:k]:
            j = p["jit"]
            cx, cy = cx + rng.uniform(-j, j), cy + rng.uniform(-j, j)
            s = rng.uniform(0.85, 1.15)
            m |= ((xx - cx * (w - 1)) / (rx * s)) ** 2 + ((yy - cy * (h - 1)) / (ry * s)) ** 2 <= 1.0
        f = compute_facts(m, p["orientation"], dict(p["others"])).model_dump(mode="json")
        if p["side"] is None or f["laterality"] == p["side"]:
            return f
    raise RuntimeError(p["target"])


# ---------------------------------------------------------------- phrases about THIS slice

def _pick(rng, xs):
    return xs[rng.randrange(len(xs))]


LAT_P = {  # prepositional
    "left": ["on the patient's left", "on the left", "in the left half of the body"],
    "right": ["on the patient's right", "on the right", "in the right half of the body"],
    "bilateral": ["on both sides", "bilaterally", "on both the left and the right"],
    "midline": ["in the midline", "right on the midline", "centred on the midline"],
}
LAT_LAY = {
    "left": ["on your left side", "on your left"], "right": ["on your right side", "on your right"],
    "bilateral": ["on both sides of your body", "on your left and on your right"],
    "midline": ["in the middle of your body", "dead centre, on the midline of your body"],
}
LAT_A = {"left": "left-sided", "right": "right-sided", "bilateral": "bilateral", "midline": "midline"}
LAT_ONLY = {"left": "only on the patient's left", "right": "only on the patient's right"}

VERT = {
    "anterior": ["anteriorly", "toward the front of the body", "in the anterior part of the section"],
    "posterior": ["posteriorly", "toward the back of the body", "in the posterior part of the section"],
    "superior": ["superiorly", "toward the head end of this coronal image", "in the upper part of the coronal image"],
    "inferior": ["inferiorly", "toward the feet on this coronal image", "in the lower part of the coronal image"],
    "central_ax": ["midway between front and back", "in the middle of the section front to back"],
    "central_co": ["midway between the top and bottom of the coronal image", "centrally in the head-to-foot direction"],
}
VERT_LAY = {
    "anterior": ["toward the front of your body"], "posterior": ["toward your back"],
    "superior": ["toward your head on this picture"], "inferior": ["toward your feet on this picture"],
    "central_ax": ["about halfway between your front and your back"],
    "central_co": ["about halfway up and down this picture"],
}
REL = {
    "anterior_to": ["in front of the {o}", "anterior to the {o}"], "posterior_to": ["behind the {o}", "posterior to the {o}"],
    "left_of": ["to the patient's left of the {o}", "on the left side of the {o}"],
    "right_of": ["to the patient's right of the {o}", "on the right side of the {o}"],
    "superior_to": ["above the {o}", "superior to the {o}"], "inferior_to": ["below the {o}", "inferior to the {o}"],
}
INV = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "left_of": "right_of", "right_of": "left_of",
       "superior_to": "inferior_to", "inferior_to": "superior_to"}
SIZE = {"small": ["small", "on the small side"], "medium": ["medium-sized", "moderate in size"],
        "large": ["large", "sizeable"]}
SIZE_LAY = {"small": ["small"], "medium": ["middling, neither tiny nor big"], "large": ["big"]}


def _vert_phr(v, orient, rng, lay=False):
    key = v if v != "central" else ("central_co" if orient[1] in "SI" else "central_ax")
    return _pick(rng, (VERT_LAY if lay else VERT)[key])


def _pct_txt(v, rng):
    s = f"{v:.1f}" if v < 10 else f"{round(v)}"
    return s + _pick(rng, ["%", " percent", " per cent", "%"])


def _count_phr(n, p, rng):
    if n == 1:
        return _pick(rng, ["a single contiguous piece", "one connected region", f"a single {p['unit']}"])
    return _pick(rng, [f"{NUM[n]} separate pieces", f"{NUM[n]} separate {p['units']}", f"{NUM[n]} disconnected islands"])


class Row:
    """Turns plus the ledger of every claim about the target on THIS slice."""

    def __init__(self):
        self.turns, self.claims = [], []

    def add(self, role, parts):
        """parts: strings, or (text, kind, value, corrected) tuples for claims."""
        ti = len(self.turns)
        out = []
        for part in parts:
            if isinstance(part, tuple):
                text, kind, val, corr = part
                self.claims.append({"kind": kind, "val": val, "turn": ti, "role": role, "corrected": corr,
                                    "text": text})
                out.append(text)
            elif part:
                out.append(part)
        self.turns.append({"role": role, "content": _join(out)})


def _join(parts):
    s = ""
    for x in parts:
        if not s:
            s = x
        elif s.endswith("\n") or x.startswith("\n"):
            s += x
        else:
            s += " " + x
    return s.strip()


def _cap(s):
    return s[:1].upper() + s[1:]


# ---------------------------------------------------------------- claim sentences per register

def claim(kind, val, reg, p, f, rng):
    """One sentence asserting `val` of `kind` about this slice, in the register's voice."""
    o = p["orientation"]
    lay = reg == "patient"
    if kind == "lat":
        ph = _pick(rng, (LAT_LAY if lay else LAT_P)[val])
        if val in LAT_ONLY and rng.random() < 0.25 and not lay:
            ph = LAT_ONLY[val]
        fr = {"followup": ["On the current slice the disease is {P}.", "Laterality on this section: {A}.",
                           "On this image the outlined tissue lies {P}."],
              "scroll": ["On this cut it's {P}.", "Right here, on this slice, it sits {P}.",
                         "So on this one it's {A}."],
              "patient": ["On this picture it's {P}.", "In this image the highlighted part is {P}.",
                          "On the slice you're looking at, it sits {P}."],
              "explainer": ["In this 2D slice the mask lies {P}.", "On this particular slice the segmented region is {A}.",
                            "Within this one image, the mask is {P}."]}[reg]
        return _pick(rng, fr).format(P=ph, A=LAT_A[val])
    if kind == "vert":
        ph = _vert_phr(val, o, rng, lay)
        fr = {"followup": ["On this section it lies {V}.", "Position on this image: {V}."],
              "scroll": ["And on this cut it lies {V}.", "On this slice it sits {V}."],
              "patient": ["In this picture it sits {V}.", "On this image it is {V}."],
              "explainer": ["On this slice the mask sits {V}.", "In this 2D image the region lies {V}."]}[reg]
        return _pick(rng, fr).format(V=ph)
    if kind == "rel":
        other, rel = val
        ph = _pick(rng, REL[rel]).format(o=other)
        fr = {"followup": ["On this slice it lies {R}.", "Relationship on this image: {R}."],
              "scroll": ["On this cut it's sitting {R}.", "Here it's {R}."],
              "patient": ["On this picture it is {R}.", "In this image it sits {R}."],
              "explainer": ["On this slice the mask lies {R}.", "In this image the region sits {R}."]}[reg]
        return _pick(rng, fr).format(R=ph)
    if kind == "size":
        ph = _pick(rng, (SIZE_LAY if lay else SIZE)[val])
        fr = {"followup": ["On this section the outlined area is {S}.", "Size on this image: {S}."],
              "scroll": ["On this slice it's {S}.", "It looks {S} on this cut."],
              "patient": ["On this picture the highlighted area is {S}.", "In this one image it looks {S}."],
              "explainer": ["On this slice the mask is {S}.", "Measured on this 2D image alone, the region is {S}."]}[reg]
        return _pick(rng, fr).format(S=ph)
    if kind == "pct":
        t = _pct_txt(val, rng)
        fr = {"followup": ["It occupies about {T} of this image.", "On this slice the outlined area is roughly {T} of the field of view."],
              "scroll": ["On this cut it's about {T} of the image.", "Maybe {T} of this slice's area."],
              "patient": ["On this picture it covers about {T} of the image.", "The highlighted part is roughly {T} of this picture."],
              "explainer": ["The mask covers about {T} of this slice's pixels.", "In this image it fills roughly {T} of the frame."]}[reg]
        return _pick(rng, fr).format(T=t)
    if kind == "count":
        ph = _count_phr(val, p, rng)
        fr = {"followup": ["On this section the outline comprises {C}.", "Count on this slice: {C}."],
              "scroll": ["On this cut it's {C}.", "Here I see {C}."],
              "patient": ["On this picture there is {C}." if val == 1 else "On this picture there are {C}.",
                          "In this image I can see {C}."],
              "explainer": ["On this slice the mask is made of {C}.", "In this 2D cut the segmentation shows {C}."]}[reg]
        return _pick(rng, fr).format(C=ph)
    raise ValueError(kind)


def true_val(kind, p, f, rng):
    if kind == "lat":
        return f["laterality"]
    if kind == "vert":
        return f["vertical"]
    if kind == "rel":
        r = _pick(rng, f["relations"])
        return (r["other"], r["relation"])
    if kind == "size":
        return f["size_class"]
    if kind == "pct":
        v = f["area_fraction"] * 100
        return round(v, 1) if v < 10 else float(round(v))
    if kind == "count":
        return f["components"]
    raise ValueError(kind)


def false_val(kind, p, f, rng):
    if kind == "lat":
        t = f["laterality"]
        if t in ("left", "right"):
            return {"left": "right", "right": "left"}[t] if rng.random() < 0.75 else _pick(rng, ["bilateral", "midline"])
        if t == "bilateral":
            return _pick(rng, ["left", "right"])
        return _pick(rng, ["left", "right"])
    if kind == "vert":
        t = f["vertical"]
        opp = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
        if t in opp:
            return opp[t]
        return _pick(rng, ["superior", "inferior"] if p["orientation"][1] in "SI" else ["anterior", "posterior"])
    if kind == "rel":
        r = _pick(rng, f["relations"])
        return (r["other"], INV[r["relation"]])
    if kind == "size":
        t = f["size_class"]
        return {"small": "large", "large": "small"}.get(t) or ("large" if f["area_fraction"] < 0.03 else "small")
    if kind == "pct":
        v = f["area_fraction"] * 100
        if v >= 5:
            return round(v / rng.uniform(8, 15), 1)
        return float(rng.choice([15, 18, 20, 25, 30, 35]))
    if kind == "count":
        n = f["components"]
        return n + 1 if n == 1 or rng.random() < 0.5 else n - 1
    raise ValueError(kind)


def kinds_available(f):
    ks = ["lat", "vert", "size", "count"] + (["pct"] if f["area_fraction"] >= 0.0015 else [])
    if f["relations"]:
        ks.append("rel")
    return ks


FAMILY = {"laterality": ["lat"], "position": ["vert", "rel"], "size": ["size", "pct"], "count": ["count"]}


# ---------------------------------------------------------------- distractors: other slices, times, views

def _other_n(n, rng):
    c = [x for x in (n - 1, n + 1, n + 2, n + 3) if x >= 1 and x != n]
    return _pick(rng, c)


def distractor(axis, reg, p, f, rng):
    """A sentence about what is NOT this mask (another slice, the prior, the 3D volume, another view, the
    opposite side, population knowledge): never a claim about this slice."""
    n = f["components"]
    lat = f["laterality"]
    mon = _pick(rng, MONTHS)
    a, b = p["mm"]
    prior = rng.randint(a, b)
    now = max(a - 2, prior + rng.choice([-9, -6, -4, 3, 5, 8]))
    u, us = p["unit"], p["units"]
    on = _other_n(n, rng)
    other_side = {"left": "right", "right": "left"}.get(lat, _pick(rng, ["left", "right"]))
    up = n + rng.randint(1, 2)
    more = n + rng.randint(1, 3)
    if axis == "slice":
        pool = [f"Two slices up it splits into {NUM[up]} pieces.",
                f"A few slices caudally there are {NUM[on]} {us if on > 1 else u} in view.",
                f"On the next cut down it reaches the {other_side} side as well." if lat in ("left", "right") else
                f"Three slices further up only the {other_side} component is still visible.",
                f"Scrolling up by {rng.randint(2, 6)} slices it shrinks to a dot and disappears.",
                f"On the slice below it becomes {'bilateral' if lat != 'bilateral' else 'one-sided'}.",
                f"On the next cut the pieces merge into one." if n > 1 else f"On the next cut it breaks up into {NUM[up]}."]
    elif axis == "prior":
        pool = [f"In {mon} it measured {prior} mm; the same axis today is about {now} mm.",
                f"It was {'larger' if now < prior else 'smaller'} in {mon} ({prior} mm then).",
                f"The {mon} study showed {NUM[on]} {us if on > 1 else u} at this level.",
                f"Last year there was also a focus on the {other_side}, which is no longer seen." if lat in ("left", "right")
                else (f"On the {mon} study the {other_side}-sided component was the dominant one." if lat == "bilateral"
                      else f"On the {mon} study it bulged a little more toward the {other_side}."),
                f"Between {mon} and now it {'grew' if now > prior else 'shrank'} by about {abs(round(100 * (now - prior) / prior))}% in diameter."]
    elif axis == "volume":
        pool = [f"In the full 3D volume there are {NUM[more]} {us}; this single cut does not catch them all.",
                f"Volumetrically it is about {max(0.1, round(0.52 * (prior / 10) ** 3, 1))} mL across the whole stack, which a 2D outline cannot show.",
                f"Across the whole volume it extends over {rng.randint(6, 40)} slices.",
                "In 3D the pieces may well join up above or below this plane."]
    elif axis == "coronal":
        pool = ["On the coronal reformat it looks taller than it is wide.",
                "On the coronal reformat its upper and lower edges are much easier to judge than here.",
                f"The sagittal reformat shows it spanning about {rng.randint(a, b + 10)} mm craniocaudally.",
                f"The coronal reconstruction makes it look like {NUM[on]} {us if on > 1 else u}, because of how the plane slices it."]
    elif axis == "contra" and p["contra"]:
        pool = [p["contra"], "I compared with the contralateral side at the same level, which looks symmetric apart from this."]
    elif axis == "contra":
        pool = ["Nothing comparable is seen elsewhere at this level.", f"The {mon} study had nothing else at this level either."]
    elif axis == "hypo":
        hs = {"left": "right", "right": "left"}.get(lat)
        pool = ([f"Had it been on the {hs}, the drainage would have gone to a different nodal basin.",
                 f"If it were on the {hs} instead, the surgical approach would differ."] if hs else
                ["If it were strictly one-sided, the staging discussion would be simpler."])
        pool.append(f"If there were {NUM[more]} {us} on this cut, I would describe them individually.")
    elif reg == "patient":
        pool = ["Lots of people have small findings on scans that never cause any trouble.",
                "Scan pictures are made of many thin slices, a bit like a sliced loaf.",
                f"A CT like this is usually read alongside your previous {rng.randint(2, 5)} scans.",
                "About 1 in 10 people has something incidental on a scan that turns out to be nothing."]
    else:  # knowledge
        pool = ["Under RECIST 1.1 progression needs a 20% increase in the sum of diameters and at least 5 mm in absolute terms.",
                "A partial response is a 30% or greater decrease in the sum of diameters.",
                "Lymph nodes are usually called pathological at 10 mm or more in short axis.",
                f"Slice thickness here is {_pick(rng, ['1', '1.25', '2.5', '3', '5'])} mm, so neighbouring slices are very close together.",
                "The right kidney usually sits a little lower than the left because the liver sits above it.",
                _convention(p, rng)]
    s = _pick(rng, pool)
    for _ in range(6):
        if s not in _USED:
            break
        s = _pick(rng, pool)
    _USED.add(s)
    if reg == "patient":
        s = s.replace("the sum of diameters", "the measurements").replace("craniocaudally", "from head to toe")
    return s


AXES = ["slice", "prior", "volume", "coronal", "contra", "knowledge", "hypo"]


def _convention(p, rng):
    if p["orientation"][0] == "L":
        return _pick(rng, ["By radiological convention the patient's left is shown on the right side of the screen.",
                           "The image is displayed as if you were facing the patient, so their left is on your right."])
    return _pick(rng, ["This series is displayed in neurological convention, so the patient's right is on the right of the screen.",
                       "Note this one is shown in neurological orientation: the patient's left is on the image's left."])


# ---------------------------------------------------------------- the conversation

def build(p, f, style, rng, defect):
    row = Row()
    _USED.clear()
    reg = style
    fam = FAMILY.get(defect)
    loc = None
    if defect and defect != "names_target":
        loc = rng.choices(["first", "follow", "user"], weights=[4, 4, 4])[0]
    avail = kinds_available(f)
    dk = None
    if fam:
        dk = _pick(rng, [k for k in fam if k in avail])
    banned = set(fam) if fam else set()

    # first answer's claim kinds
    pool = [k for k in avail if k not in banned]
    rng.shuffle(pool)
    k1 = pool[:rng.randint(2, 4)]
    # follow-up topics
    nfu = rng.randint(1, 3)
    rest = [k for k in pool if k not in k1] + [k for k in pool if k in k1]
    topics = rest[:nfu]
    while len(topics) < nfu:
        topics.append(None)
    if loc == "follow" or loc == "user":
        topics[rng.randrange(nfu)] = ("DEF", dk)
    corrected_premise = defect is None and rng.random() < 0.35
    self_slip = defect is None and rng.random() < 0.2

    # ---- question
    qtext, qmon = question(reg, p, f, rng, defect == "names_target")
    row.add("user", [qtext])

    # ---- first answer
    parts = []
    claims = []
    for k in k1:
        claims.append((claim(k, v := true_val(k, p, f, rng), reg, p, f, rng), k, v, False))
    if loc == "first":
        v = false_val(dk, p, f, rng)
        claims.insert(rng.randrange(len(claims) + 1), (claim(dk, v, reg, p, f, rng), dk, v, False))
    if self_slip:
        sk = _pick(rng, [k for k in ("lat", "count", "size") if k in avail])
        wv, tv = false_val(sk, p, f, rng), true_val(sk, p, f, rng)
        slip = _slip(sk, wv, tv, reg, p, f, rng)
        claims.insert(rng.randrange(len(claims) + 1), ("SLIP", slip))
    axes = AXES[:]
    rng.shuffle(axes)
    dis = [distractor(a, reg, p, f, rng) for a in axes[:rng.randint(2, 3)]]
    row.add("assistant", first_answer(reg, p, f, rng, claims, dis, qmon))

    # ---- follow-ups
    for t in topics:
        if isinstance(t, tuple):
            if loc == "user":
                v = false_val(dk, p, f, rng)
                u, a = followup_premise(reg, p, f, rng, dk, v, corrected=False)
            else:
                v = false_val(dk, p, f, rng)
                u, a = followup_ask(reg, p, f, rng, dk, v, banned_axes={dk})
        elif corrected_premise:
            corrected_premise = False
            k = t or _pick(rng, avail)
            u, a = followup_premise(reg, p, f, rng, k, false_val(k, p, f, rng), corrected=True)
        elif t is None:
            u, a = followup_free(reg, p, f, rng)
        else:
            u, a = followup_ask(reg, p, f, rng, t, true_val(t, p, f, rng), banned_axes=banned)
        row.add("user", u)
        row.add("assistant", a)
    LEDGER.append({"claims": row.claims, "loc": loc if defect != "names_target" else ("question" if defect else None),
                   "defect": defect, "target": p["target"]})
    return row.turns, ([defect] if defect else [])


def _slip(k, wv, tv, reg, p, f, rng):
    """An own slip, corrected at once: both sentences go in the ledger (the first as corrected)."""
    if k == "lat":
        a = _pick(rng, LAT_LAY[wv] if reg == "patient" else LAT_P[wv])
        b = _pick(rng, LAT_LAY[tv] if reg == "patient" else LAT_P[tv])
        w = f"On this slice it sits {a}"
        fix = _pick(rng, [f"— sorry, I flipped the screen and the body: it is {b}.",
                          f"— no, correction, I was reading the screen side; in patient terms it is {b}."])
    elif k == "count":
        w = f"On this slice I count {_count_phr(wv, p, rng)}"
        fix = _pick(rng, [f"— let me recount: {_count_phr(tv, p, rng)}, the rest is on neighbouring slices.",
                          f"— no, scratch that, {_count_phr(tv, p, rng)} on this cut."])
    else:
        w = f"On this slice the region looks {_pick(rng, SIZE[wv])}"
        fix = f"— actually no, by area it's {_pick(rng, SIZE[tv])} here; I was thinking of the coronal view."
    return [(w, k, wv, True), (fix, k, tv, False)]


def question(reg, p, f, rng, names):
    clue = p["clue"]
    lay = p["lay"]
    mon = _pick(rng, MONTHS)
    tgt = _pick(rng, [p["target"]] + p["syn"][:1])
    if reg == "followup":
        c = rng.randint(2, 8)
        if names:
            pool = [f"Restaging after {c} cycles. Please segment the {tgt} on this slice and compare with the {mon} baseline.",
                    f"Follow-up scan today, baseline {mon}. Outline the {tgt} on this section and tell me how it compares."]
        else:
            pool = [f"Restaging after {c} cycles. I need {clue} outlined on this slice, with a comparison against the {mon} baseline.",
                    f"Follow-up {p['modality']}, baseline was {mon}. Which structure on this image is {clue}? Segment it and give me the interval change.",
                    f"Interval scan {rng.randint(6, 16)} weeks after treatment. Show me {clue} on this section and summarise what has changed since {mon}."]
    elif reg == "scroll":
        if names:
            pool = [f"Can you scroll through and find the {tgt}, then outline it on this slice? Talk me through it.",
                    f"Think aloud for me: where's the {tgt} on this stack? Mark it on the current image."]
        else:
            pool = [f"Mind thinking aloud while you scroll? I want to see how you find {clue} and mark it on the slice you stop at.",
                    f"I'm the resident on tonight. Talk me through the stack: where is {clue}, and can you outline it on this image?",
                    f"You're scrolling the series — stop on this one and show me {clue}. What are you seeing above and below?"]
    elif reg == "patient":
        if names:
            pool = [f"Hi, my report mentions the {tgt}. Can you show me it on this picture and tell me if it has changed since {mon}?",
                    f"Where is the {tgt} on this scan image? Has it changed since last time?"]
        else:
            pool = [f"Hi, I had my scan again this week. My doctor is watching {lay}. Can you show me where it is on this picture and whether it's changed since {mon}?",
                    f"Sorry if this is a silly question — on this image, where is {lay}? Is it different from last year?",
                    f"My appointment isn't until {mon}. Can you point out {lay} on this scan picture and tell me if it looks any different?"]
    else:
        if names:
            pool = [f"This is one slice from a {p['modality']} series. Segment the {tgt} and explain why the 2D picture could differ from the 3D report.",
                    f"Please outline the {tgt} on this single image and explain what a 2D slice can and can't tell me."]
        else:
            pool = [f"This is a single slice from a {p['modality']} series. Can you segment {clue}, and explain why what I see here might not match the 3D report?",
                    f"I only have one image of the {p['region']}. Outline {clue} and tell me how a 2D slice differs from the full volume.",
                    f"Explain like I'm a student: on this slice, which region is {clue}? Please mark it and say what the 3D data would add."]
    return _pick(rng, pool), mon


def _name(p, rng):
    return p["target"]


def first_answer(reg, p, f, rng, claims, dis, mon):
    """claims: (text, kind, value, corrected) tuples, or ("SLIP", [two tuples]); dis: distractor sentences."""
    flat = []
    for c in claims:
        if c[0] == "SLIP":
            w, fix = c[1]
            flat.append((w[0] + " " + fix[0], "SLIP", c[1]))
        else:
            flat.append(c)
    body = []
    for c in flat:
        if c[1] == "SLIP":
            body.append(("SLIP", c[2]))
        else:
            body.append(c)
    # interleave distractors
    items = body[:]
    for d in dis:
        items.insert(rng.randrange(len(items) + 1), d)
    tname = _name(p, rng)

    def expand(items):
        out = []
        for it in items:
            if isinstance(it, tuple) and it[0] == "SLIP":
                out.extend(it[1])
            else:
                out.append(it)
        return out

    items = expand(items)
    if reg == "followup":
        head = [f"COMPARISON: {p['modality']} {p['region']}, {mon}.\nFINDINGS (current slice): [SEG] {_cap(tname)} outlined."]
        imp = _pick(rng, ["IMPRESSION: Interval change as above; correlate with the full series before calling a RECIST category.",
                          "IMPRESSION: Findings on this slice are described above; the response category rests on the whole volume.",
                          "IMPRESSION: No new disease on this image. Final response assessment pending review of all slices."])
        return head + items + ["\n" + imp]
    if reg == "scroll":
        open_ = _pick(rng, ["Okay, scrolling from the top... nothing, nothing... there.",
                            "Sure. Paging down through the stack — hm, here it starts.",
                            "Let me scroll. Above this level it's clean. Stopping here."])
        return [open_, _pick(rng, [f"Got it: {tname} [SEG].", f"That's the {tname} [SEG].", f"There — {tname}: [SEG]."])] + items + [_pick(rng, ["Let me keep scrolling after this.",
                                                                              "That's what I'd put in the report for this level.", ""])]
    if reg == "patient":
        return [_pick(rng, ["Of course — that's not a silly question.", "Happy to help.", "Sure."]),
                f"The highlighted area [SEG] is what your report calls the {tname} (the {p['tlay']})."] + items + [
            _pick(rng, ["I can only see this one picture, so your care team is the right source for the full comparison.",
                        "Please do go over the whole report with your doctor; one image never tells the whole story."])]
    # explainer: this slice's claims first, the other views and times after
    mine = expand(body)
    return [_pick(rng, [f"Here is the segmentation of the {tname} on this slice: [SEG]", f"The {tname}, outlined on this slice: [SEG]"]), "\n**What this 2D slice shows**\n"] + mine + [
        "\n**What the rest of the data adds**\n"] + dis + [
        _pick(rng, ["A single slice is one plane through a 3D object, so shapes, counts and sizes can all differ between neighbouring slices.",
                    "Think of a loaf of bread: each slice has its own outline, and the loaf is the sum of them.",
                    _convention(p, rng)])]


def followup_ask(reg, p, f, rng, k, v, banned_axes=()):
    q = {
        "lat": {"followup": "Laterality on this section — same as before?", "scroll": "Which side is it on, on this cut?",
                "patient": "Is it on my left or my right?", "explainer": "Which side of the body is it on in this slice?"},
        "vert": {"followup": "Where does it sit on this section, front to back?" if p["orientation"][1] == "P" else "Where does it sit on this coronal image, head to foot?",
                 "scroll": "Where in the slice is it, roughly?", "patient": "Whereabouts in the picture is it, top or bottom?",
                 "explainer": "Where in the slice is it positioned?"},
        "rel": {"followup": "Relationship to adjacent structures on this image?", "scroll": "What's it next to on this cut?",
                "patient": "What is it next to?", "explainer": "How does it relate to the structures around it in this image?"},
        "size": {"followup": "How large is it on this section?", "scroll": "Big or small on this slice?",
                 "patient": "Is it big?", "explainer": "How big does it look on this slice?"},
        "pct": {"followup": "What share of the image does it occupy here?", "scroll": "How much of the frame is it taking up?",
                "patient": "How much of the picture does it take up?", "explainer": "What fraction of this image does the mask cover?"},
        "count": {"followup": "How many separate components on this slice?", "scroll": "How many pieces do you see here?",
                  "patient": "Is there just one, or more than one?", "explainer": "How many pieces does the mask have on this slice?"},
    }[k][reg]
    lead = _pick(rng, ["", "And ", "Okay. ", "Thanks. "]) if reg != "followup" else _pick(rng, ["", "Noted. "])
    q = lead + (q[0].lower() + q[1:] if lead.strip() in ("And",) else q)
    axes = [a for a in AXES if a not in ("knowledge",)]
    d = distractor(_pick(rng, axes), reg, p, f, rng)
    c = (claim(k, v, reg, p, f, rng), k, v, False)
    parts = [c, d] if rng.random() < 0.5 else [d, c]
    if rng.random() < 0.3:
        parts.append(distractor("knowledge", reg, p, f, rng))
    return [q], parts


PREMISE = {
    "lat": "{P}", "vert": "{V}", "rel": "{R}", "size": "{S}", "pct": "{T}", "count": "{C}",
}


def _premise_text(reg, p, f, rng, k, v):
    if k == "lat":
        ph = _pick(rng, (LAT_LAY if reg == "patient" else LAT_P)[v])
        return _pick(rng, [f"So on this slice it's {ph}", f"Since on this image it sits {ph}"])
    if k == "vert":
        return _pick(rng, [f"Since on this slice it's {_vert_phr(v, p['orientation'], rng, reg == 'patient')}",
                           f"Given it lies {_vert_phr(v, p['orientation'], rng, reg == 'patient')} on this image"])
    if k == "rel":
        ph = _pick(rng, REL[v[1]]).format(o=v[0])
        return f"Seeing that on this slice it's {ph}"
    if k == "size":
        return _pick(rng, [f"Since it's {_pick(rng, (SIZE_LAY if reg == 'patient' else SIZE)[v])} on this image",
                           f"Given how {_pick(rng, ['small', 'little'] if v == 'small' else ['big', 'large'] if v == 'large' else ['medium-sized'])} it is on this slice"])
    if k == "pct":
        return f"If it takes up about {_pct_txt(v, rng)} of this picture"
    if k == "count":
        ph = "just one piece" if v == 1 else f"{NUM[v]} pieces"
        return _pick(rng, [f"So there are {ph} on this slice", f"Since this image shows {ph}"])
    raise ValueError(k)


def followup_premise(reg, p, f, rng, k, v, corrected):
    pre = _premise_text(reg, p, f, rng, k, v)
    tail = {"followup": ", does that change the response category?", "scroll": ", what do you check next?",
            "patient": ", is that a bad sign?", "explainer": ", what would the 3D view add?"}[reg]
    u = [(pre + tail, k, v, corrected)]
    if corrected:
        tv = true_val(k, p, f, rng)
        fix = {"followup": "Correction to the premise:", "scroll": "Not quite.", "patient": "Actually, no.",
               "explainer": "Small correction first:"}[reg]
        a = [fix, (claim(k, tv, reg, p, f, rng), k, tv, False), distractor(_pick(rng, ["prior", "volume", "slice"]), reg, p, f, rng)]
    else:
        a = {"followup": ["Not on its own; the category depends on the sum of target lesion diameters across the whole study.",
                          distractor(_pick(rng, ["prior", "knowledge"]), reg, p, f, rng)],
             "scroll": ["Next I check the adjacent slices and the reformats.", distractor(_pick(rng, ["slice", "coronal"]), reg, p, f, rng)],
             "patient": ["Not necessarily. What matters most is how it behaves over time, which your team tracks across scans.",
                         distractor("prior", reg, p, f, rng)],
             "explainer": ["The 3D view would show how it connects across slices and its true volume.",
                           distractor(_pick(rng, ["volume", "coronal"]), reg, p, f, rng)]}[reg]
    return u, a


def followup_free(reg, p, f, rng):
    u = {"followup": ["Anything new on the adjacent slices?", "Do you need the prior images to finalise?"],
         "scroll": ["What's on the slices either side?", "Anything you'd flag while scrolling further?"],
         "patient": ["Could it have changed in the parts I can't see?", "Will the next scan show more?"],
         "explainer": ["Why would the coronal view look different?", "Would a thicker slice change the outline?"]}[reg]
    a = [distractor(_pick(rng, ["slice", "coronal", "volume"]), reg, p, f, rng),
         distractor(_pick(rng, ["prior", "knowledge"]), reg, p, f, rng)]
    return [_pick(rng, u)], a
