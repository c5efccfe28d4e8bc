"""Bank DG: blind evaluation bank for the conversation QC checker. Written without reading QC.

Targets (14 profiles, 256x256 ellipse masks): liver, kidneys, spleen, urinary bladder, liver metastases,
gallbladder, heart, lung nodules, thyroid gland, aorta, brain tumor (axial "LP" CT/MR of abdomen, pelvis,
thorax, neck, head) and lungs (frontal chest XR), femoral heads, liver (coronal "LI" MR/CT). 9 of 14 are
bilateral, midline or multi-lesion.
Registers (STYLES): secondopinion, corrections, table, thinkaloud.
Every sentence that claims a fact about the target is written into LEDGER (kind, value, mode, planted)
so the writer's own reader (/work/notes/qcdg_scripts/check_dg.py) can verify it against the facts.
Own check (check_dg.py): rows 420, clean 210, 42 per defect kind, 3206 ledgered claims, 280 user mistakes
explicitly corrected; planted defects: 103 in first answers, 32 in follow-up answers, 33 in user turns
(uncorrected false premises); problems 0.
"""

import math
import random

import numpy as np

STYLES = ["secondopinion", "corrections", "table", "thinkaloud"]

LEDGER = []  # one list of entries per build() call, in call order (used by the writer's own reader)

P = lambda **k: k  # noqa: E731

PROFILES = [
    P(target="liver", name="liver", syn=["hepatic parenchyma", "the organ"], modality="CT", region="abdomen",
      orient="LP", ell=[(78, 104, 52, 44, 0.2)],
      others={"aorta": (0.52, 0.62), "spleen": (0.8, 0.5), "stomach": (0.62, 0.4)},
      q=["Which organ here makes bile and clears most drugs from the blood? Please segment it.",
         "Patient with jaundice and raised transaminases. Can you outline the organ most likely responsible?",
         "Segment the big solid organ under the right hemidiaphragm that stores glycogen."],
      know=["The left renal vein normally crosses in front of the aorta, below the pancreas.",
            "The spleen sits on the left, tucked under the diaphragm.",
            "Fatty infiltration of this organ is seen in roughly 25% of adults."]),
    P(target="kidneys", name="kidneys", syn=["both kidneys", "the renal parenchyma"], modality="CT",
      region="abdomen", orient="LP", ell=[(80, 158, 17, 25, 0.3), (176, 158, 17, 25, -0.3)],
      others={"aorta": (0.5, 0.5), "liver": (0.3, 0.35)},
      q=["Which paired organs filter the blood and make urine? Segment them on this slice.",
         "Creatinine is 240. Please segment the organs that would explain it.",
         "Outline the bean-shaped retroperitoneal organs that produce erythropoietin."],
      know=["The right one usually lies a little lower than the left because of the liver above it.",
            "A horseshoe variant, fused across the midline, occurs in about 1 in 500 people.",
            "The left renal vein is longer than the right and passes in front of the aorta."]),
    P(target="spleen", name="spleen", syn=["splenic tissue"], modality="CT", region="abdomen", orient="LP",
      ell=[(186, 150, 24, 30, 0.4)], others={"aorta": (0.5, 0.55), "liver": (0.3, 0.42)},
      q=["Which organ in the left upper quadrant filters old red cells? Segment it please.",
         "After a rib fracture on the left the patient is hypotensive. Which organ should I outline first?",
         "Segment the lymphoid organ that removes encapsulated bacteria."],
      know=["Accessory splenules are found in about 10-30% of people, usually near the hilum.",
            "The liver lies on the opposite, right side and is much larger.",
            "The left kidney lies posteromedial to it."]),
    P(target="urinary bladder", name="bladder", syn=["urinary bladder", "the vesical lumen"], modality="CT",
      region="pelvis", orient="LP", ell=[(128, 92, 32, 24, 0.0)],
      others={"rectum": (0.5, 0.72), "left femoral head": (0.75, 0.5)},
      q=["Which hollow organ stores urine until voiding? Please segment it.",
         "Patient in retention with 900 ml on the scanner. Segment the distended organ.",
         "Outline the pelvic reservoir that the ureters drain into."],
      know=["In men the prostate lies just below it; in women the uterus sits behind and above it.",
            "The rectum lies posterior, in the midline of the pelvis.",
            "Both ureters enter it obliquely at the posterolateral corners."]),
    P(target="liver metastases", name="liver metastases", syn=["the metastatic deposits", "the lesions"],
      modality="CT", region="abdomen", orient="LP",
      ell=[(62, 104, 13, 11, 0.0), (92, 86, 10, 8, 0.0), (74, 140, 11, 10, 0.0)],
      others={"aorta": (0.52, 0.62), "gallbladder": (0.4, 0.58)},
      q=["Staging CT for colon cancer. Can you segment any deposits that have spread to the organ that makes bile?",
         "Please outline the low-attenuation foci scattered through the big organ in the right upper quadrant.",
         "Known breast cancer, rising CEA. Segment whatever spread you see in the upper abdomen."],
      know=["Colorectal cancer spreads to the upper abdomen through the portal vein in about 50% of patients.",
            "The gallbladder sits in the fossa between the right and left lobes.",
            "Lesions in the left lobe would lie to the patient's left of the falciform ligament."]),
    P(target="gallbladder", name="gallbladder", syn=["the cholecyst"], modality="CT", region="abdomen",
      orient="LP", ell=[(96, 100, 10, 13, 0.5)], others={"aorta": (0.52, 0.62), "spleen": (0.8, 0.5)},
      q=["Right upper quadrant pain after fatty meals. Segment the pear-shaped organ that stores bile.",
         "Which sac concentrates bile between meals? Please outline it.",
         "Murphy's sign is positive. Segment the structure I should be looking at."],
      know=["Gallstones are present in about 10-15% of adults in Western countries.",
            "The pancreas tail extends to the left toward the splenic hilum.",
            "The common bile duct runs down behind the duodenum."]),
    P(target="heart", name="heart", syn=["cardiac silhouette", "the myocardium and chambers"], modality="CT",
      region="thorax", orient="LP", ell=[(150, 106, 40, 34, -0.5)],
      others={"descending aorta": (0.58, 0.7), "right lung": (0.25, 0.5)},
      q=["Which organ pumps blood through both circulations? Segment it on this chest CT.",
         "Chest pain, troponin up. Please outline the organ involved.",
         "Segment the muscular organ in the middle mediastinum."],
      know=["Dextrocardia, where this organ points to the right, occurs in about 1 in 12,000 births.",
            "The left lung is smaller than the right because of the cardiac notch.",
            "The descending aorta runs on the left of the spine."]),
    P(target="lung nodules", name="lung nodules", syn=["the nodules", "the pulmonary nodules"], modality="CT",
      region="thorax", orient="LP",
      ell=[(70, 120, 7, 7, 0.0), (186, 100, 8, 6, 0.0), (196, 150, 6, 6, 0.0), (60, 160, 5, 6, 0.0)],
      others={"heart": (0.52, 0.38), "spine": (0.5, 0.85)},
      q=["Smoker, 30 pack-years. Can you segment the small round opacities in the chest?",
         "Follow-up of a known sarcoma: please outline any metastatic deposits in the chest.",
         "Screening CT. Segment the focal round densities you can find."],
      know=["Most small ones found on screening, over 95%, turn out benign.",
            "The right lung has three lobes and the left has two.",
            "The Fleischner guideline uses 6 mm as a key threshold."]),
    P(target="thyroid gland", name="thyroid", syn=["thyroid gland", "the gland"], modality="CT",
      region="neck", orient="LP", ell=[(108, 104, 12, 19, 0.2), (148, 104, 12, 19, -0.2), (128, 96, 14, 5, 0.0)],
      others={"trachea": (0.5, 0.45), "spine": (0.5, 0.75)},
      q=["Which gland in the neck makes T4? Segment it please.",
         "Palpitations, weight loss and a neck swelling that moves on swallowing. Outline the endocrine organ responsible.",
         "Segment the butterfly-shaped gland in front of the windpipe."],
      know=["The right lobe is often slightly bigger than the left.",
            "A pyramidal lobe is present in up to 50% of people.",
            "The oesophagus lies behind the trachea, slightly to the left."]),
    P(target="aorta", name="aorta", syn=["abdominal aorta", "the main artery"], modality="CT",
      region="abdomen", orient="LP", ell=[(130, 158, 11, 11, 0.0)],
      others={"liver": (0.3, 0.4), "left kidney": (0.72, 0.62), "spine": (0.5, 0.78)},
      q=["Which vessel carries oxygenated blood from the heart to the abdomen? Segment it.",
         "Pulsatile abdominal mass, 71-year-old smoker. Please outline the vessel to measure.",
         "Segment the largest artery on this abdominal slice."],
      know=["An aneurysm is usually defined as a diameter over 3 cm, seen in about 4-8% of older men.",
            "The IVC runs to the right of it.",
            "The left renal vein passes in front of it to reach the IVC."]),
    P(target="brain tumor", name="brain tumour", syn=["the glioma", "the mass"], modality="MR",
      region="head", orient="LP", ell=[(172, 104, 20, 24, 0.6)], others={"lateral ventricles": (0.5, 0.48)},
      q=["New seizures and right-hand weakness. Please segment the enhancing abnormality on this MR.",
         "Can you outline the abnormal signal area on this FLAIR image?",
         "Segment the abnormal tissue causing the midline shift here."],
      know=["Left hemisphere lesions typically cause right-sided weakness.",
            "Glioblastoma accounts for about 15% of primary intracranial tumours.",
            "The falx keeps the right and left hemispheres apart."]),
    P(target="lungs", name="lungs", syn=["both lungs", "the lung fields"], modality="XR", region="thorax",
      orient="LI", ell=[(82, 122, 40, 70, 0.0), (176, 126, 36, 66, 0.0)],
      others={"heart": (0.55, 0.62), "diaphragm": (0.5, 0.82)},
      q=["Which organs do gas exchange? Please segment them on this chest film.",
         "Short of breath, sats 88%. Outline the air-filled organs on this PA radiograph.",
         "Segment the paired organs of respiration on this frontal view."],
      know=["The right hemidiaphragm usually sits a little higher than the left.",
            "The heart projects more to the left of the midline on a PA film.",
            "A small pneumothorax can hide at the apex on a supine film; about 30% are missed that way."]),
    P(target="femoral heads", name="femoral heads", syn=["both femoral heads", "the hip balls"], modality="MR",
      region="pelvis", orient="LI", ell=[(70, 176, 16, 16, 0.0), (186, 176, 16, 16, 0.0)],
      others={"bladder": (0.5, 0.55), "sacrum": (0.5, 0.35)},
      q=["Hip pain in a steroid user. Segment the ball parts of the hip joints on this coronal MR.",
         "Which bony structures articulate with the acetabula? Please outline them.",
         "Suspected avascular necrosis: segment the structures at risk."],
      know=["Avascular necrosis is bilateral in up to 70% of cases.",
            "The bladder lies centrally above the pubic symphysis.",
            "The left and right sacroiliac joints sit higher, at the back of the pelvis."]),
    P(target="liver", name="liver", syn=["hepatic parenchyma", "the organ"], modality="CT", region="abdomen",
      orient="LI", ell=[(84, 92, 46, 38, -0.2)], others={"right kidney": (0.3, 0.62), "spleen": (0.78, 0.4),
                                                          "bladder": (0.5, 0.92)},
      q=["On this coronal reformat, which organ makes bile? Segment it.",
         "Segment the organ that does gluconeogenesis and produces albumin on this coronal image.",
         "Raised bilirubin; outline the organ responsible on the coronal view."],
      know=["Riedel's lobe, an inferior tongue of the right lobe, is seen in a few percent of people.",
            "The spleen lies on the patient's left, at about the same height.",
            "The right kidney sits below it."]),
]


def pick_profile(profiles, i, defect, rng):
    return profiles[rng.randrange(len(profiles))]


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    m = np.zeros((256, 256), bool)
    for (cx, cy, a, b, th) in p["ell"]:
        cx, cy = cx + rng.uniform(-2, 2), cy + rng.uniform(-2, 2)
        a, b = a * rng.uniform(0.93, 1.07), b * rng.uniform(0.93, 1.07)
        c, s = math.cos(th), math.sin(th)
        u, v = (xx - cx) * c + (yy - cy) * s, -(xx - cx) * s + (yy - cy) * c
        m |= (u / a) ** 2 + (v / b) ** 2 <= 1
    others = {k: (v[0] + rng.uniform(-0.01, 0.01), v[1] + rng.uniform(-0.01, 0.01)) for k, v in p["others"].items()}
    return compute_facts(m, p["orient"], others).model_dump(mode="json")


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


# ---------------------------------------------------------------- phrase banks

NUM = ["zero", "one", "two", "three", "four", "five", "six", "seven"]
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
ROPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
        "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def side_phrase(v, rng):
    if v in ("left", "right"):
        return rng.choice([f"on the patient's {v}", f"on the {v} side", f"{v}-sided", f"in the {v} half of the body",
                           f"to the {v} of the midline"])
    if v == "bilateral":
        return rng.choice(["bilateral", "on both sides", "present on the left and on the right",
                           "in both halves of the body"])
    return rng.choice(["in the midline", "midline", "straddling the midline", "centred on the midline"])


def vert_phrase(v, rng):
    return rng.choice({
        "anterior": ["anterior", "in the anterior half of the slice", "toward the front", "ventral"],
        "posterior": ["posterior", "in the posterior half of the slice", "toward the back", "dorsal"],
        "superior": ["superior", "in the upper part of the frame, i.e. superiorly", "toward the head end"],
        "inferior": ["inferior", "in the lower part of the frame, i.e. inferiorly", "toward the feet"],
        "central": ["central along that axis", "roughly at the centre along that axis", "mid-way along that axis"],
    }[v])


def size_phrase(v, rng):
    return rng.choice({"small": ["small", "a small structure", "rather small"],
                       "medium": ["medium-sized", "moderate in size", "mid-sized"],
                       "large": ["large", "a large structure", "big"]}[v])


def pct_str(x, rng):
    return rng.choice([f"{x:.1f}%", f"about {x:.1f}%", f"roughly {x:.1f} percent", f"{x:.2f}%"])


def count_phrase(n, lesions, rng):
    if n == 1:
        return rng.choice(["a single connected region", "one contiguous piece", "a single component",
                           "one connected piece"])
    w = NUM[n] if n < len(NUM) else str(n)
    return rng.choice([f"{w} separate pieces", f"{w} distinct components", f"{n} disconnected regions",
                       f"{w} separate {'lesions' if lesions else 'parts'}"])


def rel_phrase(rel, other, rng):
    return rng.choice({"left_of": [f"to the patient's left of the {other}", f"on the left of the {other}"],
                       "right_of": [f"to the patient's right of the {other}", f"on the right of the {other}"],
                       "anterior_to": [f"in front of the {other}", f"anterior to the {other}"],
                       "posterior_to": [f"behind the {other}", f"posterior to the {other}"],
                       "superior_to": [f"above the {other}", f"superior to the {other}"],
                       "inferior_to": [f"below the {other}", f"inferior to the {other}"]}[rel])


class Conv:
    """Collects turns and the ledger of claims each sentence makes."""

    def __init__(self):
        self.turns, self.led = [], []

    def add(self, role, content):
        self.turns.append({"role": role, "content": content})

    def claim(self, kind, value, token, mode="assert", planted=False, corrects=None):
        self.led.append(dict(turn=len(self.turns), kind=kind, value=value, token=token, mode=mode,
                             planted=planted, corrects=corrects))
        return token


def false_value(kind, f, rng, p):
    """A clearly false value of `kind` for these facts."""
    if kind == "lat":
        lat = f["laterality"]
        return rng.choice({"left": ["right", "midline"], "right": ["left", "midline"], "midline": ["left", "right"],
                           "bilateral": ["left", "right"]}[lat])
    if kind == "vert":
        return OPP[f["vertical"]]
    if kind == "rel":
        r = rng.choice(f["relations"])
        return (r["other"], ROPP[r["relation"]])
    if kind == "size":
        return {"small": "large", "medium": rng.choice(["small", "large"]), "large": "small"}[f["size_class"]]
    if kind == "pct":
        t = 100 * f["area_fraction"]
        return round(t * (rng.uniform(2.9, 4.0) if t < 8 else rng.uniform(0.15, 0.3)), 1)
    if kind == "count":
        n = f["components"]
        return 1 if n > 1 else rng.choice([2, 3])


def true_value(kind, f, rng):
    if kind == "lat":
        return f["laterality"]
    if kind == "vert":
        return f["vertical"]
    if kind == "rel":
        r = rng.choice(f["relations"])
        return (r["other"], r["relation"])
    if kind == "size":
        return f["size_class"]
    if kind == "pct":
        return round(100 * f["area_fraction"] * rng.uniform(0.92, 1.08), 1 if f["area_fraction"] > 0.002 else 2)
    if kind == "count":
        return f["components"]


def phrase(kind, value, p, rng):
    if kind == "lat":
        return side_phrase(value, rng)
    if kind == "vert":
        return vert_phrase(value, rng)
    if kind == "rel":
        return rel_phrase(value[1], value[0], rng)
    if kind == "size":
        return size_phrase(value, rng)
    if kind == "pct":
        return pct_str(value, rng) + " of the image"
    if kind == "count":
        return count_phrase(value, p["target"] in ("liver metastases", "lung nodules"), rng)


def sentence(c, kind, value, p, rng, subj, mode="assert", planted=False, corrects=None):
    """One sentence claiming kind=value about the target (subject `subj`)."""
    ph = phrase(kind, value, p, rng)
    c.claim(kind, value, ph, mode, planted, corrects)
    verbs = {"lat": ["{s} is {ph}.", "{s} lies {ph}.", "Side: {ph}.", "{s} is clearly {ph}."],
             "vert": ["{s} is {ph}.", "Along the vertical axis of the image it's {ph}.", "{s} lies {ph}."],
             "rel": ["{s} lies {ph}.", "Relative to its neighbours, it is {ph}.", "{s} is {ph}."],
             "size": ["{s} is {ph} for this field of view.", "Size-wise it's {ph}.", "Overall it is {ph}."],
             "pct": ["{s} covers {ph}.", "The mask takes up {ph}.", "Area: {ph}."],
             "count": ["{s} is made up of {ph}.", "The mask consists of {ph}.", "I count {ph}."]}[kind]
    if kind == "lat" and value in ("left", "right") and ph.startswith("on the patient"):
        verbs = verbs[:2]
    if kind == "lat" and ph.endswith("-sided") or ph in ("bilateral", "midline"):
        verbs = ["{s} is {ph}.", "I'd call it {ph}."]
    return rng.choice(verbs).format(s=subj, ph=ph)


def convention(c, f, p):
    lat = f["laterality"]
    c.claim("lat", lat, "patient's " + lat if lat in ("left", "right") else "both" if lat == "bilateral" else
            "neither")
    view = "frontal film" if p["modality"] == "XR" else ("coronal image" if p["orient"] == "LI" else "axial slice")
    if lat in ("left", "right"):
        img = OPP[lat]
        return (f"On this {view} the mask shows on the image's {img}, which by radiological convention is the patient's "
                f"{lat}.")
    if lat == "bilateral":
        return f"There is tissue on the image's left and on its right, so both of the patient's sides are involved."
    return f"It sits over the central column of this {view}, so it is neither a left- nor a right-sided finding."


def denial(c, f, rng):
    lat = f["laterality"]
    if lat in ("left", "right"):
        o = OPP[lat]
        c.claim("lat", o, f"not on the patient's {o}", mode="deny")
        return rng.choice([f"The mask is not on the patient's {o}, despite how it looks on screen.",
                           f"To be explicit: it's not on the patient's {o}."])
    if lat == "bilateral":
        c.claim("lat", "bilateral", "not confined to one side")
        return "The mask is not confined to one side."
    if lat == "midline":
        c.claim("lat", "left", "Not the patient's left", mode="deny")
        c.claim("lat", "right", "not the patient's right", mode="deny")
        return "Not the patient's left, not the patient's right: central."
    return ""


def facts_kinds(f):
    ks = ["lat", "vert", "size", "pct", "count"]
    if f["relations"]:
        ks.append("rel")
    return ks


PLURAL = {"kidneys", "lungs", "femoral heads", "liver metastases", "lung nodules"}
FAMILY = {"lat": {"lat"}, "vert": {"vert", "rel"}, "rel": {"vert", "rel"}, "size": {"size", "pct"},
          "pct": {"size", "pct"}, "count": {"count"}, None: set()}


def subjects(p, rng):
    if p["target"] in PLURAL:
        return ["The mask", "The segmented region", f"The mask of the {p['name']}", "The segmentation"]
    syn = rng.choice(p["syn"])
    syn = syn[0].upper() + syn[1:] if syn.startswith("the ") else "The " + syn
    return ["The " + p["name"], "It", "The mask", "The segmented region", syn]


# ---------------------------------------------------------------- build


def build(p, facts, style, rng, defect):
    f = facts
    c = Conv()
    kmap = {"laterality": "lat", "position": rng.choice(["vert", "rel"]) if f["relations"] else "vert",
            "size": rng.choice(["size", "pct"]), "count": "count"}
    if defect == "position" and f["vertical"] == "central":
        kmap["position"] = "rel" if f["relations"] else "vert"
    dk = kmap.get(defect)
    if dk == "vert" and f["vertical"] == "central":  # no clean opposite: use a relation if any
        dk = "rel" if f["relations"] else None
    if defect == "position" and dk is None:
        dk = "vert"
    where = None
    if dk:
        r = rng.random()
        where = "user" if r < 0.22 else "followup" if r < 0.44 else "first"
    kinds = facts_kinds(f)
    # kinds the first answer states
    first = rng.sample([k for k in kinds if k != dk], k=min(3, len(kinds) - 1))
    if "lat" not in first and dk != "lat" and rng.random() < 0.6:
        first.append("lat")
    if where == "first":
        first.append(dk)
    rng.shuffle(first)
    rounds = rng.choice([2, 3])
    rest = [k for k in kinds if k not in first and k != dk]
    # follow-up topics
    topics = []
    if where == "followup":
        topics.append(dk)
    while len(topics) < rounds - 1:
        pool = [k for k in rest if k not in topics] or ["summary"]
        t = rng.choice(pool)
        if t == "summary" and "summary" in topics:
            t = "neighbours"
        topics.append(t)
    rng.shuffle(topics)
    premise_at = rng.randrange(len(topics)) if where == "user" else None

    # first user question
    if defect == "names_target":
        c.add("user", named_question(p, rng))
    else:
        c.add("user", rng.choice(p["q"]))
    plan = dict(dk=dk, where=where)
    c.add("assistant", first_answer(c, p, f, style, rng, first, dk if where == "first" else None, dk))
    said = set(first)
    for j, t in enumerate(topics):
        premise = (dk, false_value(dk, f, rng, p)) if premise_at == j else None
        followup(c, p, f, style, rng, t, premise, dk if (where == "followup" and t == dk) else None, said, dk, where)
    LEDGER.append(c.led)
    return c.turns, ([defect] if defect else [])


def named_question(p, rng):
    n = p["target"]
    return rng.choice([f"Please segment the {n} on this image.",
                       f"Can you outline the {n} here and tell me where it sits?",
                       f"Segment the {n}, then describe its size and side."])


def claim_val(c, kind, f, rng, p, planted_kind):
    if kind == planted_kind:
        return false_value(kind, f, rng, p), True
    return true_value(kind, f, rng), False


def first_answer(c, p, f, style, rng, first, planted_kind, dk):
    name = p["name"]
    subj = subjects(p, rng)
    lines = []
    vals = []
    for k in first:
        v, pl = claim_val(c, k, f, rng, p, planted_kind)
        vals.append((k, v, pl))
    know = rng.choice(p["know"])
    if style == "table":
        cap = rng.choice([f"Table: segmentation findings for the requested structure ({name}).",
                          "Summary table of the mask I produced.", f"Findings for the {name}, one row per feature."])
        rows = [f"| Structure | {name.capitalize()} [SEG] |"]
        labels = {"lat": "Side", "vert": "Position", "rel": "Neighbour", "size": "Size class", "pct": "Area",
                  "count": "Pieces"}
        for k, v, pl in vals:
            ph = phrase(k, v, p, rng)
            c.claim(k, v, ph, planted=pl)
            rows.append(f"| {labels[k]} | {ph} |")
        if f["laterality"] in ("left", "right") and rng.random() < 0.6 and dk != "lat":
            img = OPP[f["laterality"]]
            c.claim("lat", f["laterality"], f"patient {f['laterality']}")
            rows.append(f"| Convention | image {img} = patient {f['laterality']} |")
        rows.append(f"| Note | {know} |")
        return cap + "\n\n| Feature | Finding |\n|---|---|\n" + "\n".join(rows)
    body = []
    for k, v, pl in vals:
        body.append(sentence(c, k, v, p, rng, rng.choice(subj), planted=pl))
    extra = []
    if rng.random() < 0.6 and dk != "lat":
        extra.append(convention(c, f, p))
    if rng.random() < 0.5 and dk != "lat":
        extra.append(denial(c, f, rng))
    extra.append(know)
    rng.shuffle(extra)
    if style == "thinkaloud":
        open_ = rng.choice([f"Hmm, the clues point to the {name}. Let me look at the mask.",
                            f"Hmm. Function plus location... that's the {name}, so let me check the mask."])
        mid = []
        if f["laterality"] in ("left", "right") and dk != "lat":
            img = OPP[f["laterality"]]
            c.claim("lat", f["laterality"], f"patient's {f['laterality']}")
            mid.append(f"The mask is on the image's {img} - wait, radiological convention, so that's the patient's "
                       f"{f['laterality']}, not the {img}.")
            c.claim("lat", img, f"not the {img}", mode="deny")
        elif f["laterality"] == "bilateral" and dk != "lat":
            c.claim("lat", "bilateral", "both sides")
            mid.append("Wait, there's more than one blob, one on each side of the image, so both sides.")
        mid.append(rng.choice(["What if it were twice the size? Then I'd worry more, but it isn't.",
                               "So, let me go through the numbers."]))
        return (open_ + " " + " ".join(mid) + " " + " ".join(body) + " " + " ".join(extra) +
                f"\n\nSo, final answer: the {name} [SEG].")
    if style == "secondopinion":
        open_ = rng.choice([f"Having looked at it myself: this is the {name} [SEG].",
                            f"My read: the {name} [SEG], segmented on this slice.",
                            f"I'd identify the {name} [SEG] here."])
    else:
        open_ = rng.choice([f"That's the {name} [SEG].", f"Here is the {name} [SEG].",
                            f"The structure you're after is the {name} [SEG]."])
    return open_ + " " + " ".join(body) + " " + " ".join(extra)


TOPIC_Q = {"lat": ["Which side is it on?", "Is it left or right?", "What side should I report?"],
           "vert": ["Where does it sit front-to-back (or top-to-bottom)?", "Is it toward the front or the back?",
                    "What's its position along the vertical image axis?"],
           "size": ["How big is it?", "Would you call it small?", "What size class?"],
           "pct": ["What share of the image does the mask cover?", "Give me the area as a percentage."],
           "count": ["How many separate pieces are there?", "Is it one piece?", "How many components?"],
           "rel": ["How does it relate to the neighbouring structures?", "What is it next to?"],
           "neighbours": ["Anything useful about the neighbours?", "What lies around it?"],
           "summary": ["Can you sum it up?", "Give me a one-line summary.", "Summarise for the report."]}

PREMISE_Q = {"lat": "Since it's {ph}, ", "vert": "Given it lies {ph}, ", "rel": "As it's {ph}, ",
             "size": "Since it's {ph}, ", "pct": "With it covering {ph}, ", "count": "As the mask is {ph}, "}


def user_claim_text(c, kind, value, p, rng, mode, planted):
    ph = phrase(kind, value, p, rng)
    c.claim(kind, value, ph, mode=mode, planted=planted)
    return ph


def followup(c, p, f, style, rng, topic, premise, planted_kind, said, dk, where):
    subj = subjects(p, rng)
    ans_kind = topic if topic not in ("summary", "neighbours") else None
    # ---- user turn
    corrected = None
    if premise:
        k, v = premise
        ph = user_claim_text(c, k, v, p, rng, "premise", True)
        q = PREMISE_Q[k].format(ph=ph) + rng.choice(["what should I mention in the report? ", "anything else? "])
        q += rng.choice(TOPIC_Q[topic])
        c.add("user", q)
    elif style == "secondopinion":
        # colleague's read: some true, one false corrected (never the defect kind)
        pts = [k for k in facts_kinds(f) if k not in FAMILY[dk]]
        rng.shuffle(pts)
        pts = pts[:2]
        if pts[0] == "vert" and f["vertical"] == "central":
            pts.reverse()
        wrong = pts[0] if not (pts[0] == "vert" and f["vertical"] == "central") else None
        parts = []
        for k in pts:
            v = false_value(k, f, rng, p) if k == wrong else true_value(k, f, rng)
            parts.append((k, v, user_claim_text(c, k, v, p, rng, "premise_corrected" if k == wrong else "premise",
                                                False)))
        q = (rng.choice(["My colleague's report says it is ", "The first reader wrote that it's "]) +
             " and ".join(x[2] for x in parts) + ". " + rng.choice(["Do you agree?", "Would you sign that off?"]) +
             " " + rng.choice(TOPIC_Q[topic]))
        c.add("user", q)
        corrected = parts
    elif style == "corrections" and rng.random() < 0.85:
        pool = [k for k in facts_kinds(f) if k not in FAMILY[dk] and not (k == "vert" and f["vertical"] == "central")]
        k = ans_kind if ans_kind in pool else rng.choice(pool)
        v = false_value(k, f, rng, p)
        ph = user_claim_text(c, k, v, p, rng, "premise_corrected", False)
        c.add("user", rng.choice([f"So it's {ph}, right? ", f"I thought it was {ph}. ", f"Am I right it's {ph}? "]) +
              rng.choice(TOPIC_Q[topic]))
        corrected = [(k, v, ph)]
    else:
        c.add("user", rng.choice(TOPIC_Q[topic]))
    qtext = c.turns[-1]["content"].split("? ")[-1].split(". ")[-1].strip()
    # ---- assistant turn
    out = []
    if corrected:
        for k, v, ph in corrected:
            tv = true_value(k, f, rng)
            if k == "rel":
                tv = (v[0], ROPP[v[1]]) if {"other": v[0], "relation": ROPP[v[1]]} in f["relations"] else tuple(v)
            if v == tv or (k == "rel" and v[1] == tv[1] and v[0] == tv[0]):
                if style == "secondopinion":
                    out.append(rng.choice([f"Agree that it is {ph}.", f"Yes, {ph} is right."]))
                continue
            tph = phrase(k, tv, p, rng)
            c.claim(k, tv, tph, corrects=k)
            out.append(rng.choice([f"I'd disagree there: not {ph} - it's {tph}.",
                                   f"Actually no, that's a mistake: it's {tph}, not {ph}.",
                                   f"Correction: {tph} rather than {ph}."]))
    if ans_kind:
        pl = planted_kind == ans_kind
        already = any(x[0] == ans_kind for x in (corrected or []))
        if not already and not (premise and premise[0] == ans_kind):
            v = false_value(ans_kind, f, rng, p) if pl else true_value(ans_kind, f, rng)
            if style == "table":
                ph = phrase(ans_kind, v, p, rng)
                c.claim(ans_kind, v, ph, planted=pl)
                out.append(rng.choice(["Follow-up table.", "Answer in table form.", "One-row table for this point."]) +
                           f"\n\n| Question | Answer |\n|---|---|\n| {qtext} | {ph} |")
            else:
                s = sentence(c, ans_kind, v, p, rng, rng.choice(subj), planted=pl)
                if style == "thinkaloud":
                    pre = rng.choice(["Hmm, let me re-check. ", "So, looking again, ", "Wait, let me measure again. "])
                    s = pre + (s[0].lower() + s[1:] if pre.endswith(", ") else s) + rng.choice(
                        [" So that's my final answer on that point.", " Final answer unchanged."])
                out.append(s)
        elif premise and premise[0] == ans_kind:
            out.append("Noted.")
    if topic == "neighbours" or topic == "summary":
        ks = [k for k in facts_kinds(f) if k != dk and (topic == "summary" or k == "rel")]
        if topic == "neighbours" and not ks:
            out.append(rng.choice(p["know"]))
        for k in (ks[:3] if topic == "summary" else ks):
            v = true_value(k, f, rng)
            out.append(sentence(c, k, v, p, rng, rng.choice(subj)))
        if topic == "summary" and style == "thinkaloud":
            out.insert(0, "Hmm, so pulling it together:")
        if topic == "neighbours":
            out.append(rng.choice(p["know"]))
    if premise and not out:
        out.append(rng.choice(p["know"]))
    if style == "table" and not any("|" in o for o in out):
        out.insert(0, "Table: follow-up.\n\n| Point | Comment |\n|---|---|\n| Answer | see below |")
    c.add("assistant", " ".join(out))
