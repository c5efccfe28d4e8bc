"""Bank CE: head and neck CT for radiotherapy planning (axial "LP", some coronal "LI"), written blind.

Targets: parotid glands (both / one), submandibular glands (both / one), mandible, spinal cord, brainstem,
larynx, thyroid gland (butterfly or two separate lobes), oral cavity, eyeballs (both / one), optic nerve,
cochlea, a primary gross tumour volume and the pharyngeal constrictor muscles (two labels the knowledge
base does not know). Facts are the product's own measurement (`compute_facts`) of synthetic ellipse masks;
the prose is written from those facts. Registers: a radiotherapy planning note with true dose constraints
(numbers that are not area shares), a contouring-guideline explanation (consensus boundaries in general
anatomy), a peer-review QA checklist, and a plain-language explanation for the patient.

Written without opening the QC rules, their tests or other banks; checked only with the writer's own reader
(/work/notes/qcce_scripts/check.py). First measure: not taken by the writer (the lead measures once after merging).
"""

from __future__ import annotations

import random

import numpy as np

H = W = 256
# normalised centroids of the other structures of the same synthetic slice, by orientation
AX = {"spinal cord": (0.5, 0.68), "mandible": (0.5, 0.30), "larynx": (0.5, 0.39), "brainstem": (0.5, 0.60),
      "oral cavity": (0.5, 0.30), "right parotid gland": (0.28, 0.56), "left parotid gland": (0.72, 0.56),
      "eyeball": (0.5, 0.21)}
COR = {"larynx": (0.5, 0.62), "brainstem": (0.5, 0.40), "oral cavity": (0.5, 0.52), "mandible": (0.5, 0.57),
       "right eyeball": (0.36, 0.22), "left eyeball": (0.64, 0.22)}


def _p(target, orient, shapes, others, hint, alias, give, dose, bounds, lay, kb, kind="organ", ring=None):
    return dict(target=target, orient=orient, shapes=shapes, others=others, hint=hint, alias=alias,
                giveaway=give, dose=dose, bounds=bounds, lay=lay, kb=kb, kind=kind, ring=ring)


PAR_DOSE = ["mean dose < 26 Gy to at least one gland", "mean dose < 20 Gy to the contralateral gland if achievable",
            "V30 < 50%"]
PAR_BOUNDS = ["cranial limit: the external auditory canal and mastoid process",
              "caudal limit: the posterior submandibular space", "anterior limit: the masseter muscle and "
              "the posterior border of the mandible", "posterior limit: the anterior belly of the "
              "sternocleidomastoid and the mastoid"]
PAR_HINT = ["the largest salivary glands, in front of and below the ears, whose sparing prevents a dry mouth",
            "the paired glands that make watery saliva and sit over the ramus just in front of the ear"]
PAR_GIVE = ["the parotid", "parotid-sparing", "the parotids", "Parotid_L/R", "periparotid"]
PAR_KB = ["The spinal cord, by contrast, sits in the bony canal behind the vertebral bodies.",
          "The submandibular glands lie lower, under the angle of the jaw.",
          "The brainstem is a midline structure and never one-sided."]
PAR1_HINT = ["the largest salivary gland on one side, in front of and below the ear, whose sparing prevents a dry mouth",
             "the gland that makes watery saliva and sits over the ramus just in front of one ear"]
SMG_HINT = ["the salivary gland under the angle of the lower jaw that makes most of the resting saliva",
            "the gland in level Ib that drains through Wharton's duct into the floor of the mouth"]
SMG_GIVE = ["submandibular", "the SMG", "submaxillary", "Glnd_Submand", "the submandibular gland"]
SMG_DOSE = ["mean dose < 35 Gy where the nodal target allows", "Dmean as low as reasonably achievable"]
SMG_BOUNDS = ["cranial limit: the medial pterygoid and mylohyoid muscles", "caudal limit: fatty tissue "
              "at the level of the hyoid", "lateral limit: the medial surface of the mandible and platysma"]
SMG_KB = ["The parotid glands sit higher, in front of the ears.",
          "The larynx is a midline structure at the front of the neck."]
EYE_HINT = ["the organs of sight in the bony sockets of the face, whose lenses cloud if overdosed",
            "the paired spheres at the front of the orbits that we keep well below the retinal limit"]
EYE1_HINT = ["the organ of sight in its bony socket, whose lens clouds if overdosed",
             "the sphere at the front of the orbit that we keep well below the retinal limit"]
EYE_GIVE = ["the eyeballs", "the globes", "ocular", "the eye", "Globe_L/R"]
EYE_DOSE = ["Dmax < 50 Gy to the retina", "lens Dmax < 8 Gy", "PRV margin 3 mm"]
EYE_BOUNDS = ["anterior limit: the cornea", "posterior limit: the insertion of the nerve of sight at the "
              "back of the sclera", "lateral limit: the lateral orbital wall"]
EYE_KB = ["The optic chiasm lies far behind them, above the pituitary gland.",
          "The brainstem sits in the posterior fossa, well behind the orbits."]

PROFILES = [
    _p("parotid gland", "LP", [(72, 147, 14, 21), (184, 147, 14, 21)], ["spinal cord", "mandible"], PAR_HINT,
       ["both glands", "the paired contour", "these glands"], PAR_GIVE, PAR_DOSE, PAR_BOUNDS,
       "the glands that make much of your saliva", PAR_KB, "glands"),
    _p("parotid gland", "LI", [(70, 100, 14, 24), (186, 100, 14, 24)], ["larynx", "mandible"], PAR_HINT,
       ["both glands", "the paired contour"], PAR_GIVE, PAR_DOSE, PAR_BOUNDS,
       "the glands that make much of your saliva", PAR_KB, "glands"),
    _p("left parotid gland", "LP", [(184, 147, 14, 21)], ["spinal cord", "mandible"], PAR1_HINT,
       ["the gland", "this contour", "the structure"], PAR_GIVE, PAR_DOSE, PAR_BOUNDS,
       "one of the glands that make your saliva", PAR_KB),
    _p("right parotid gland", "LP", [(72, 147, 14, 21)], ["spinal cord", "mandible"], PAR1_HINT,
       ["the gland", "this contour", "the structure"], PAR_GIVE, PAR_DOSE, PAR_BOUNDS,
       "one of the glands that make your saliva", PAR_KB),
    _p("submandibular gland", "LP", [(98, 92, 10, 9), (158, 92, 10, 9)], ["spinal cord", "larynx"], SMG_HINT,
       ["both glands", "the paired contour"], SMG_GIVE, SMG_DOSE, SMG_BOUNDS,
       "the glands under your jaw that keep your mouth moist at rest", SMG_KB, "glands"),
    _p("right submandibular gland", "LP", [(98, 92, 10, 9)], ["spinal cord", "larynx"], SMG_HINT,
       ["the gland", "this contour"], SMG_GIVE, SMG_DOSE, SMG_BOUNDS,
       "a gland under your jaw that keeps your mouth moist at rest", SMG_KB),
    _p("mandible", "LP", [], ["spinal cord", "brainstem"],
       ["the horseshoe-shaped bone carrying the lower teeth, at risk of osteoradionecrosis after high dose",
        "the bone whose hot spots above 70 Gy we avoid because dental extractions later heal badly"],
       ["the bone", "this contour", "the structure"], ["the mandible", "mandibular", "the jaw", "the jawbone"],
       ["Dmax < 70 Gy", "no hot spot above 105% of prescription inside it"],
       ["cranial limit: the temporomandibular joint", "caudal limit: the lower border of the bone",
        "outer limit: the cortex of the body and rami, drawn in bone window"],
       "the bone of your lower jaw", ["The maxilla carries the upper teeth above it.",
                                      "The spinal cord runs far behind it, inside the vertebral canal."],
       "bone", ring=(128, 92, 52, 40, 42, 30)),
    _p("spinal cord", "LP", [(128, 174, 6, 6)], ["mandible", "larynx"],
       ["the column of nerve tissue inside the bony canal of the neck, whose maximum dose is capped",
        "the serial organ at risk running down the vertebral canal behind the vertebral bodies"],
       ["this contour", "the structure", "the nerve column"], ["the cord", "the spinal cord", "SpinalCord",
                                                              "myelopathy-prone cord"],
       ["Dmax < 45 Gy", "PRV (cord + 5 mm) Dmax < 50 Gy"],
       ["cranial limit: the tip of the odontoid or the foramen magnum, where it meets the brainstem",
        "caudal limit: at least 5 cm below the lowest target slice", "outer limit: the surface of the "
        "true cord rather than the whole canal, where MR fusion allows"],
       "the main nerve bundle running down inside your backbone",
       ["The larynx lies well in front of it at the front of the neck.",
        "The vertebral bodies sit directly in front of the canal."], "nervous tissue"),
    _p("brainstem", "LP", [(128, 152, 14, 12)], ["eyeball", "oral cavity"],
       ["the stalk of nerve tissue joining the brain to the nerve column of the neck, which controls "
        "breathing", "the structure in the posterior fossa whose point dose we cap at 54 Gy"],
       ["this contour", "the structure"], ["the brainstem", "the pons", "brain stem", "the midbrain"],
       ["Dmax < 54 Gy", "D1cc < 59 Gy"],
       ["cranial limit: the lower edge of the third ventricle / optic tracts", "caudal limit: the tip "
        "of the odontoid (C2), where the cord contour starts", "anterior limit: the basilar artery and clivus"],
       "the part of the nervous system that controls your breathing and heartbeat",
       ["The eyeballs sit at the very front, in the orbits.", "The cerebellum lies behind it."],
       "nervous tissue"),
    _p("brainstem", "LI", [(128, 106, 12, 26)], ["larynx", "oral cavity"],
       ["the stalk of nerve tissue joining the brain to the nerve column of the neck, which controls "
        "breathing"], ["this contour", "the structure"], ["the brainstem", "pontine", "brain stem"],
       ["Dmax < 54 Gy", "D1cc < 59 Gy"],
       ["cranial limit: the lower edge of the third ventricle", "caudal limit: the tip of the odontoid"],
       "the part of the nervous system that controls your breathing and heartbeat",
       ["The larynx lies much lower, in the neck."], "nervous tissue"),
    _p("larynx", "LP", [(128, 100, 18, 15)], ["spinal cord", "brainstem"],
       ["the cartilage framework at the top of the windpipe that produces speech; overdose leaves the "
        "patient hoarse", "the organ whose mean dose we hold down to protect speech and safe swallowing"],
       ["this contour", "the structure", "the organ"], ["the larynx", "laryngeal", "the voice box",
                                                       "the glottis"],
       ["mean dose < 44 Gy", "V50 < 27%"],
       ["cranial limit: the tip of the epiglottis", "caudal limit: the lower edge of the cricoid cartilage",
        "anterior limit: the thyroid cartilage and hyoid"],
       "the part of your neck that makes your voice",
       ["The spinal cord lies behind it, inside the vertebral canal.",
        "The thyroid gland wraps around the trachea below it."]),
    _p("thyroid gland", "LP", [(110, 112, 10, 14), (146, 112, 10, 14)], ["spinal cord", "mandible"],
       ["the butterfly-shaped gland at the front of the lower neck that sets the metabolic rate; its "
        "underactivity after treatment is common", "the endocrine gland whose V45 we report because "
        "hypofunction needs lifelong tablets"],
       ["the gland", "this contour"], ["the thyroid", "thyroidal", "Glnd_Thyroid", "the thyroid lobes"],
       ["V45 < 50%", "mean dose < 45 Gy where nodal coverage allows"],
       ["cranial limit: the thyroid cartilage", "caudal limit: around the 5th to 6th tracheal ring",
        "lateral limit: the common carotid arteries"],
       "a gland in the front of your neck that makes hormones controlling your energy",
       ["The larynx sits just above it.", "The common carotid arteries run beside it on each side."],
       "gland", ring="isthmus"),
    _p("oral cavity", "LP", [(128, 80, 28, 18)], ["spinal cord", "brainstem"],
       ["the space between the lips and the throat where food is chewed, whose lining gets sore during "
        "treatment", "the region whose mean dose drives mucositis and taste loss"],
       ["this contour", "the region", "the structure"], ["the oral cavity", "the mouth", "oral",
                                                          "Cavity_Oral"],
       ["mean dose < 40 Gy outside the target", "avoid hot spots > 105% in the mucosa"],
       ["posterior limit: the anterior faucial pillars", "inferior limit: the hyoid and mylohyoid",
        "lateral limit: the inner surface of the mandible"],
       "the inside of your mouth, which can get sore during treatment",
       ["The spinal cord is far behind it.", "The brainstem lies behind it."], "region"),
    _p("eyeball", "LP", [(92, 54, 12, 12), (164, 54, 12, 12)], ["brainstem", "spinal cord"], EYE_HINT,
       ["both spheres", "the paired contour"], EYE_GIVE, EYE_DOSE, EYE_BOUNDS,
       "your eyes, which we keep away from the beams", EYE_KB, "organs"),
    _p("eyeball", "LI", [(92, 58, 12, 12), (164, 58, 12, 12)], ["larynx", "oral cavity"], EYE_HINT,
       ["both spheres", "the paired contour"], EYE_GIVE, EYE_DOSE, EYE_BOUNDS,
       "your eyes, which we keep away from the beams", ["The larynx lies far below them in the neck."],
       "organs"),
    _p("left eyeball", "LP", [(164, 54, 12, 12)], ["brainstem", "spinal cord"], EYE1_HINT,
       ["the sphere", "this contour"], EYE_GIVE, EYE_DOSE, EYE_BOUNDS,
       "one of your eyes, which we keep away from the beams", EYE_KB),
    _p("left optic nerve", "LP", [(150, 84, 4, 15)], ["brainstem", "spinal cord"],
       ["the nerve carrying vision from the back of the organ of sight toward the brain",
        "the serial structure between the orbit and the chiasm whose Dmax stays under 54 Gy"],
       ["this contour", "the nerve", "the structure"], ["the optic nerve", "CN II", "OpticNrv_L", "optic"],
       ["Dmax < 54 Gy", "PRV (+3 mm) Dmax < 55 Gy"],
       ["anterior limit: the back of the globe", "posterior limit: the optic chiasm",
        "middle course: through the optic canal in the lesser wing of the sphenoid"],
       "the nerve that carries sight from your eye to the brain",
       ["The chiasm lies behind, where the two nerves meet above the pituitary."], "nerve"),
    _p("right cochlea", "LP", [(98, 150, 4, 4)], ["oral cavity", "eyeball"],
       ["the snail-shaped hearing organ of the inner ear, kept low in dose to prevent hearing loss",
        "the tiny inner-ear structure in the petrous bone whose mean dose we keep under 45 Gy"],
       ["this contour", "the structure"], ["the cochlea", "cochlear", "Cochlea_R"],
       ["mean dose < 45 Gy", "mean < 35 Gy with concurrent cisplatin"],
       ["outer limit: the dense otic capsule, drawn in bone window inside the petrous temporal bone",
        "posterior limit: the vestibule and semicircular canals", "lateral limit: the middle ear cavity"], "the hearing part of your inner ear",
       ["The oral cavity is far in front of it.", "The internal auditory canal runs medial to it."]),
    _p("gross tumour volume primary", "LP", [(128, 114, 16, 14)], ["spinal cord", "mandible"],
       ["the region that receives the full prescription of 70 Gy in 35 fractions because disease is "
        "visible there on CT and PET", "the volume drawn from the clinical exam, endoscopy and the fused PET"],
       ["this contour", "the volume", "the region"], ["the GTV", "the gross tumour volume", "GTVp",
                                                    "the primary tumour"],
       ["70 Gy in 35 fractions", "CTV margin 5 mm", "PTV margin 3 mm", "D95 of the PTV >= 95% of prescription"],
       ["outer limit: all visible disease on CT, with PET and MR fused", "CTV limit: a 5 mm "
        "expansion, edited off bone and air"], "the area where the cancer is, which gets the full dose",
       ["The spinal cord lies behind it and is kept under its dose limit.",
        "The mandible lies in front of it."], "lesion"),
    _p("pharyngeal constrictor muscles", "LP", [], ["mandible", "spinal cord"],
       ["the thin band of swallowing muscle wrapped behind the food passage; keeping its mean dose under "
        "50 Gy lowers the risk of tube feeding", "the swallowing-related organ at risk drawn as a thin arc "
        "in front of the prevertebral muscles"],
       ["this contour", "the muscle band", "the structure"], ["the constrictors", "the pharyngeal constrictor",
                                                            "PCM", "constrictor muscles"],
       ["mean dose < 50 Gy", "V55 < 80%"],
       ["cranial limit: the caudal tip of the pterygoid plates", "caudal limit: the lower edge of the "
        "cricoid cartilage", "posterior limit: the prevertebral muscles"],
       "the muscles that squeeze food down when you swallow",
       ["The spinal cord lies behind them, inside the vertebral canal."], "muscle",
       ring=(128, 124, 18, 11, 13, 6)),
]


def record_for(p) -> dict:
    return {"modality": "CT", "body_region": "head and neck", "orientation": p["orient"]}


def _ellipse(m, cx, cy, rx, ry):
    yy, xx = np.ogrid[:H, :W]
    m |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0


def facts_for(p, rng: random.Random) -> dict:
    """Draw a synthetic mask (jittered ellipses, rings, optional satellite) and measure it with the product."""
    from medseg_qa.facts import compute_facts

    m = np.zeros((H, W), bool)
    dx, dy, s = rng.randint(-4, 4), rng.randint(-4, 4), rng.uniform(0.85, 1.2)
    if isinstance(p["ring"], tuple):
        cx, cy, ox, oy, ix, iy = p["ring"]
        outer, inner = np.zeros_like(m), np.zeros_like(m)
        _ellipse(outer, cx + dx, cy + dy, ox * s, oy * s)
        _ellipse(inner, cx + dx, cy + dy, ix * s, iy * s)
        m = outer & ~inner
        if p["target"] == "mandible":
            m[int(cy + dy + 6):, :] = False  # the anterior horseshoe only
        else:
            m[:int(cy + dy), :] = False  # the posterior arc behind the pharynx
    else:
        for cx, cy, rx, ry in p["shapes"]:
            _ellipse(m, cx + dx, cy + dy, max(rx * s, 3), max(ry * s, 3))
        if p["ring"] == "isthmus" and rng.random() < 0.5:
            m[int(106 + dy):int(114 + dy), int(110 + dx):int(146 + dx)] = True  # the isthmus joins the lobes
        if p["target"].startswith("gross") and rng.random() < 0.5:
            # a primary shifted off the midline, sometimes with a separate nodular extension
            m[:] = False
            cx, cy = 128 + rng.choice([-26, -18, 18, 26]), 114 + rng.randint(-6, 10)
            bulky = rng.random() < 0.4  # a bulky T4 primary fills a large share of the slice
            _ellipse(m, cx, cy, rng.uniform(36, 46) if bulky else rng.uniform(8, 26),
                     rng.uniform(28, 34) if bulky else rng.uniform(8, 20))
            if rng.random() < 0.6:
                _ellipse(m, 256 - cx + rng.randint(-4, 4), cy + rng.randint(-4, 8), 7, 7)
    others = AX if p["orient"] == "LP" else COR
    return compute_facts(m, p["orient"], others={k: others[k] for k in p["others"]}).model_dump(mode="json")


STYLES = ["plan", "guideline", "peer", "patient"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
WORD = {1: "one", 2: "two", 3: "three", 4: "four"}
REL = {"left_of": ["to the patient's left of {o}", "on the left side of {o}"],
       "right_of": ["to the patient's right of {o}", "on the right side of {o}"],
       "anterior_to": ["anterior to {o}", "in front of {o}", "ventral to {o}"],
       "posterior_to": ["posterior to {o}", "behind {o}", "dorsal to {o}"],
       "superior_to": ["superior to {o}", "above {o}", "cranial to {o}"],
       "inferior_to": ["inferior to {o}", "below {o}", "caudal to {o}"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
        "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
VREL = ("anterior_to", "posterior_to", "superior_to", "inferior_to")
VFLIP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}


def pick_profile(profiles, i, defect, rng):
    """Weight paired (bilateral, two-component) and midline masks up a little."""
    paired = [p for p in profiles if len(p["shapes"]) == 2 or p["target"].startswith("gross")]
    return rng.choice(paired) if rng.random() < 0.3 else rng.choice(profiles)


def side_text(side, rng, lay=False):
    you = "your" if lay else "the patient's"
    return rng.choice({
        "left": [f"on {you} left", "left-sided", "in the left half of the head and neck", f"on the left ({you} left)"],
        "right": [f"on {you} right", "right-sided", "in the right half of the head and neck", f"on the right ({you} right)"],
        "midline": ["in the midline", "centred on the midline", "midline, straddling both sides equally"],
        "bilateral": ["on both sides", "bilateral, one on each side", "present on the left and on the right"],
    }[side])


def false_side(side, rng, lay=False):
    if side in ("left", "right"):
        return side_text({"left": "right", "right": "left"}[side], rng, lay)
    if side == "midline":
        return side_text(rng.choice(["left", "right"]), rng, lay)
    return rng.choice(["only on the right side", "confined to the left side", "on one side only, the left"])


def vert_text(v, rng):
    return rng.choice({"anterior": ["anterior", "in the front part of the slice", "ventrally placed"],
                       "posterior": ["posterior", "in the back part of the slice", "dorsally placed"],
                       "superior": ["superior", "in the upper part of the coronal image", "cranially placed"],
                       "inferior": ["inferior", "in the lower part of the coronal image", "caudally placed"]}[v])


def size_text(facts, rng):
    pct = facts["area_fraction"] * 100
    word = {"small": ["small", "compact", "fairly small"], "medium": ["medium-sized", "moderate in size", "mid-sized"],
            "large": ["large", "sizeable", "rather large"]}[facts["size_class"]]
    return rng.choice(word), f"{pct:.1f}%"


def false_size(facts, rng):
    """(size word, area percent, which of the two is false): a clearly wrong class or a clearly wrong share."""
    pct = facts["area_fraction"] * 100
    if rng.random() < 0.5:
        wrong = "large" if facts["size_class"] == "small" or (facts["size_class"] == "medium" and pct < 3) else "small"
        return rng.choice({"large": ["large", "sizeable"], "small": ["small", "tiny"]}[wrong]), f"{pct:.1f}%", "word"
    return size_text(facts, rng)[0], f"{min(pct * 6 + 8, 95):.0f}%", "pct"


def count_text(n, rng):
    if n == 1:
        return rng.choice(["a single connected region", "one contiguous piece", "one connected component"])
    return rng.choice([f"{WORD.get(n, n)} separate regions", f"{WORD.get(n, n)} distinct, unconnected pieces",
                       f"{WORD.get(n, n)} separate components"])


def false_count(n, rng):
    return count_text(2 if n == 1 else 1, rng)


def rel_text(r, rng):
    return rng.choice(REL[r["relation"]]).format(o="the " + r["other"])


# -- the conversation --------------------------------------------------------------------------------

FOLLOW_Q = {"side": ["Which side is it on?", "Left or right, in patient terms?",
                     "Just to confirm for the record: which side of the patient does this contour sit on?"],
            "vertical": ["Is it toward the front or the back?", "Where does it sit front-to-back, or top-to-bottom?",
                         "And its position relative to the neighbouring structures, please?"],
            "size": ["How big is it?", "And the size?", "How much of the slice does it take up?",
                     "Is this a small or a big structure on this image, roughly?"],
            "count": ["Is it one piece or several?", "How many separate islands are in the mask?",
                      "Does the mask come out as one region on this slice, or more?"],
            "why": ["Why is that?", "Why does the contour matter so much?", "Why does that dose limit matter?",
                    "Why do we bother contouring it so carefully when it is not the target?"]}
POP = ["Head and neck cancers make up roughly 4% of all new cancers worldwide.",
       "A typical radical course runs 6 to 7 weeks, five fractions a week.",
       "In several Western countries around 70% of oropharyngeal cancers are HPV-related.",
       "Published inter-observer studies show Dice scores of 0.7 to 0.9 for most head and neck organs at risk."]


def _plural(alias):
    return alias.startswith(("both", "these"))


def _cap(s):
    return s[0].upper() + s[1:]


def fact_sentence(key, p, facts, rng, alias, false=False, lay=False):
    """One sentence about the target's `key` fact, true or (false=True) plainly false."""
    be, lie = ("are", "lie") if _plural(alias) else ("is", "lies")
    subj = _cap(alias)
    if key == "side":
        if false and facts["laterality"] == "bilateral":
            subj, alias, be = "The contour", "the contour", "is"
        s = false_side(facts["laterality"], rng, lay) if false else side_text(facts["laterality"], rng, lay)
        return rng.choice([f"{subj} {be} {s}.", f"Laterality: {s}.", f"Looking at the mask, {alias} {be} {s}.",
                           f"Side check: {s}.", f"{subj} appear{'' if _plural(alias) else 's'} to be {s}."])
    if key == "vertical":
        v, rels = facts["vertical"], [r for r in facts["relations"] if r["relation"] in VREL]
        use_v = v in VFLIP and (not rels or rng.random() < 0.5)
        if use_v:
            vt = vert_text(VFLIP[v] if false else v, rng)
            return rng.choice([f"{subj} {be} {vt}.", f"Position: {vt}.",
                               f"On this image {alias} {be} clearly {vt}."])
        if not rels:  # central, with no neighbour above/below or in front/behind: nothing to say
            return None
        r = dict(rels[0])
        if false:
            r["relation"] = FLIP[r["relation"]]
        return rng.choice([f"{subj} {lie} {rel_text(r, rng)}.", f"Relation: {rel_text(r, rng)}.",
                           f"It sits {rel_text(r, rng)} here.", f"Relative to its neighbours, it is {rel_text(r, rng)}."])
    if key == "size":
        word, pct = false_size(facts, rng)[:2] if false else size_text(facts, rng)
        return rng.choice([f"{subj} {be} {word}, covering about {pct} of the slice.",
                           f"Size: {word} ({pct} of the image area).",
                           f"It is {word} on this image: roughly {pct} of the field of view.",
                           f"Area on this slice: {pct} of the image, so {word}."])
    n = facts["components"]
    c = false_count(n, rng) if false else count_text(n, rng)
    return rng.choice([f"The mask is {c}.", f"Components: {c}.", f"On this slice the segmentation forms {c}.",
                       f"Connectivity: {c} on this cut."])


def traps(p, facts, rng, lay=False, skip=None):
    """True sentences a checker may misread: negations, the display convention, other structures, numbers;
    none about the fact `skip` (the planted one), so a defective answer never contradicts itself."""
    side, n, size = facts["laterality"], facts["components"], facts["size_class"]
    out = []
    if skip == "side":
        pass
    elif side in ("left", "right"):
        opp = "right" if side == "left" else "left"
        out.append(rng.choice([f"It is not on the {opp}.", f"Nothing is contoured on the {opp} side."]))
        view = "looking up from the patient's feet" if p["orient"] == "LP" else "facing the patient"
        out.append(f"On screen it appears in the {opp} half of the image, because the scan is displayed as if "
                   f"{view}.")
    elif side == "midline":
        out.append("It does not lean to either side.")
    elif side == "bilateral":
        out.append("It is not confined to one side.")
    if side not in ("left", "right") or skip == "side":
        out.append("By the usual radiological convention, the patient's left is shown on the right of the image.")
    if skip != "count":
        out.append("There is no second, separate focus." if n == 1 else "It is not one continuous piece.")
    if skip != "size":
        out.append({"small": "It is not large.", "large": "It is by no means small.",
                    "medium": "It is neither tiny nor large."}[size])
    if skip != "vertical":  # knowledge sentences place other structures relative to the target
        out += rng.sample(p["kb"], min(len(p["kb"]), rng.randint(1, 2)))
    out.append(rng.choice(POP))
    rng.shuffle(out)
    return out[:rng.randint(3, len(out))]


def first_question(p, style, rng, defect):
    hint = rng.choice(p["hint"])
    q = rng.choice({
        "plan": [f"Planning CT for a head and neck IMRT course. Which organ at risk is {hint}? Please contour it.",
                 f"Before optimisation I need {hint} segmented on this slice. Which structure is it, and where?",
                 f"Dosimetry question: on this planning scan, can you outline {hint}?"],
        "guideline": [f"For our contouring teaching session: which structure on this CT is {hint}? Please "
                      "delineate it and explain the guideline boundaries.",
                      f"How would the consensus atlas have us delineate {hint}? Show it on this slice."],
        "peer": [f"Can you peer-review this slice: outline {hint} and check the contour?",
                 f"QA request: which structure here is {hint}? Please segment it and tick off the checklist."],
        "patient": [f"My doctor said they are protecting {hint} during my radiotherapy. Which part of this scan "
                    "is that?", f"Could you show me on my scan {hint}? The team keeps mentioning it."],
    }[style])
    if defect == "names_target":
        g = rng.choice(p["giveaway"])
        q = rng.choice([f"Context: {g} contouring. {q}", f"{q} (This is about {g}.)",
                        f"Quick one about {g} on this scan. {q}"])
    return q


def answer(p, facts, style, rng, keys, bad=None, kind=None):
    """The first answer: [SEG] plus the fact sentences of `keys` (the one in `bad` false) and the traps
    (none about the defect's fact `kind`)."""
    lay = style == "patient"
    one_sided = kind == "side" and facts["laterality"] == "bilateral"  # no "both glands" beside a one-sided claim
    alias = rng.choice([a for a in p["alias"] if not (one_sided and _plural(a))] or ["this contour"])
    what = "the structure the team is protecting" if one_sided else p["lay"]
    facts_s = [s for k in keys if (s := fact_sentence(k, p, facts, rng, alias, false=(k == bad), lay=lay))]
    t = traps(p, facts, rng, lay, skip=kind)
    dose = rng.sample(p["dose"], min(2, len(p["dose"])))
    hedge = rng.choice(["", "most likely ", "in all likelihood ", "probably "])
    if style == "plan":
        head = rng.choice(["Planning note (H&N IMRT/VMAT).", "OAR note for the planner:", "Contour for optimisation:",
                           "RT planning - OAR delineation, 70 Gy/35# oropharynx plan.", "Dosimetry note:"])
        body = "\n".join(f"{rng.choice(['-', '*', '>'])} {s}" for s in facts_s) if rng.random() < 0.6 \
            else " ".join(facts_s)
        return (f"{head} " + _cap(f"{hedge}the structure is outlined here [SEG].") + f"\n{body}\nConstraints: "
                + "; ".join(dose) + ".\n" + " ".join(t))
    if style == "guideline":
        b = rng.sample(p["bounds"], min(2, len(p["bounds"])))
        cite = rng.choice(["Following the consensus guidelines (Brouwer et al., 2015)",
                           "Per the DAHANCA/EORTC/NRG consensus atlas for organs at risk",
                           "Using the 2015 international CT-based delineation guidelines"])
        return (f"{cite}, "
                f"this is {hedge}the structure shown by the mask [SEG]. In general anatomy its "
                + "; its ".join(b) + ". On this slice: " + " ".join(facts_s) + " " + " ".join(t))
    if style == "peer":
        tick = rng.choice(["[x] ", "OK - ", "Checked: "])
        lines = "\n".join(f"{tick}{s}" for s in facts_s)
        verdict = rng.choice(["Contour reviewed: OK.", "Contour reviewed: needs edit (smooth the jagged edge).",
                              "Contour reviewed: OK, minor edge smoothing suggested."])
        return (f"Peer-review checklist. Contour present [SEG].\n{lines}\n[x] Dose objectives noted: "
                + "; ".join(dose) + f".\nNotes: {' '.join(t)}\n{verdict}")
    opener = rng.choice([f"{hedge}the highlighted area [SEG] is {what}. ",
                         f"good question. The part coloured in on your scan [SEG] is {what}. ",
                         f"that is {hedge}this shaded area [SEG]: {what}. "])
    return (_cap(opener) + " ".join(facts_s)
            + (" The team aims the full dose at it while sparing the organs around it. " if p["kind"] == "lesion"
               else " The team keeps its dose low so it keeps working after treatment. ") + " ".join(t))


def follow_answer(key, p, facts, rng, alias, style, false=False):
    if key == "why" and p["kind"] == "lesion":
        return ("Because the clinical and planning margins (CTV 5 mm, PTV 3 mm) are grown from this contour, "
                "so any error in it is carried into the whole plan.")
    if key == "why":
        return (f"Because of the dose-volume evidence: the plan aims for {rng.choice(p['dose'])}, and exceeding "
                "it raises the risk of lasting side effects.")
    s = fact_sentence(key, p, facts, rng, alias, false=false, lay=style == "patient")
    if s is None:
        return "It sits close to the centre of the slice front-to-back, so there is little to add there."
    return rng.choice(["Checked on this slice. ", "Sure. ", "Good question. ", "From the mask: "]) + s


def user_presupposes(key, p, facts, rng):
    """A follow-up question resting on one false fact about the target, and a reply that does not correct it."""
    if key == "side":
        q = f"Since it is {false_side(facts['laterality'], rng)}, does that change the beam arrangement?"
    elif key == "vertical":
        v = facts["vertical"]
        if v in VFLIP:
            q = f"So it sits {vert_text(VFLIP[v], rng)} on this slice; does that make it harder to spare?"
        else:
            r = dict([r for r in facts["relations"] if r["relation"] in VREL][0])
            r["relation"] = FLIP[r["relation"]]
            q = f"So it lies {rel_text(r, rng)}; does that make it harder to spare?"
    elif key == "size":
        word, pct, which = false_size(facts, rng)
        q = (f"Why is it so {word} here?" if which == "word"
             else f"It takes up about {pct} of the slice, doesn't it? Is that normal?")
    else:
        q = f"Why does it come out as {false_count(facts['components'], rng)} on this slice?"
    a = ("With VMAT the planning system works out the beam weighting; what matters is that the objectives "
         f"({'; '.join(p['dose'][:2])}) are met and the contour is reviewed slice by slice.")
    return q, a


def build(p, facts, style, rng: random.Random, defect):
    keys = ["side", "vertical", "size", "count"]
    kind = {"laterality": "side", "position": "vertical", "size": "size", "count": "count"}.get(defect)
    loc = None if kind is None else rng.choices(["answer", "follow", "user"], [0.56, 0.22, 0.22])[0]
    shown = rng.sample(keys, rng.randint(2, 4))
    if kind and loc == "answer" and kind not in shown:
        shown.append(kind)
    if kind and loc != "answer" and kind in shown:
        shown.remove(kind)
    turns = [{"role": "user", "content": first_question(p, style, rng, defect)},
             {"role": "assistant", "content": answer(p, facts, style, rng, shown, kind if loc == "answer" else None,
                                                   kind)}]
    alias = rng.choice([a for a in p["alias"] if not (kind == "side" and _plural(a))] or ["this contour"])
    rounds = rng.randint(1, 3) if loc is None or loc == "answer" else rng.randint(2, 3)
    follow_keys = [k for k in keys + ["why"] if k != kind or loc == "answer"]
    bad_round = rng.randint(2, rounds) if loc in ("follow", "user") else None
    for r in range(2, rounds + 1):
        if r == bad_round and loc == "user":
            q, a = user_presupposes(kind, p, facts, rng)
        elif r == bad_round:
            q, a = rng.choice(FOLLOW_Q[kind]), follow_answer(kind, p, facts, rng, alias, style, false=True)
        else:
            k = rng.choice([k for k in follow_keys if k != kind])
            qs = FOLLOW_Q[k][:2] if k == "why" and p["kind"] == "lesion" else FOLLOW_Q[k]
            q, a = rng.choice(qs), follow_answer(k, p, facts, rng, alias, style)
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    return turns, ([defect] if defect else [])
