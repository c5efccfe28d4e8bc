"""Bank FW: thyroid and neck imaging (thyroid ultrasound, neck CT and MR), written blind by helper `qcfw`.

Targets: the thyroid gland, its lobes and isthmus, thyroid nodules scored with ACR TI-RADS, a multinodular
goitre, parathyroid adenomas, cervical lymph nodes by level (roman numerals are levels, not counts), the
submandibular and parotid glands, carotid-sheath vessels, laryngeal and pharyngeal carcinomas, the vocal
cords and a thyroglossal duct cyst; axial CT/MR and transverse ultrasound shown radiologically ("LP"), a
mirrored ultrasound archive ("RP") and coronal MR ("LI"). Four registers: an endocrine surgeon's
pre-operative note (`preop`), an ultrasound worksheet with TI-RADS scoring (`worksheet`), a head-and-neck
MDT discussion (`mdt`) and a patient asking about the lump in their neck (`patient`). Profiles are
picked per register (a worksheet is only ever an ultrasound image).

Clean rows carry true negations, image-side conventions, hypotheticals, TI-RADS points and categories,
levels I-VI, population figures, doses and millimetres, other structures with their own sides, user
premises the assistant corrects and the assistant's own corrected slips. A defective row holds exactly one
uncorrected false claim, in the first answer, a follow-up answer or a user premise the assistant lets pass.

Own check (/work/notes/qcfw_scripts/check_fw.py, SEED 20261306):
rows 420, clean 210 (82 corrected user premises, 56 corrected own slips, 223 true negations, 52 image-side
glosses, 45 true user premises), targets 23, defects per kind laterality 42 / position 42 / size 42 / count 42 /
names_target 42; planted false claims sit in the first answer 54, a follow-up answer 60, an uncorrected user
premise 54 (names_target: the first question); problems: 0
"""

from __future__ import annotations

import math

import numpy as np

from medseg_qa.facts import compute_facts

STYLES = ["preop", "worksheet", "mdt", "patient"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
LEDGER: list[dict] = []   # one entry per built row (claims with turn, role, value, corrected); read by the checker

H = W = 256
NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


# ---------------------------------------------------------------- geometry -----------------------------------
# Parts are ellipses (s, a, rx, ry, angle) in image-fraction units around the image centre: s is the offset
# toward the PATIENT's left, a the offset down the rows (posterior on axial, inferior on coronal images).

def _u(rng, lo, hi):
    return lo + (hi - lo) * rng.random()


def _side(rng):
    return rng.choice([-1, 1])          # -1 patient right, +1 patient left


def _sname(sg):
    return "right" if sg < 0 else "left"


AX = {"trachea": (0.0, -0.05), "cervical vertebral body": (0.0, 0.15)}


def g_thyroid(rng):
    sc = _u(rng, 0.9, 1.12)
    lobes = [(sg * 0.085, -0.095, 0.042 * sc, 0.066 * sc, 0) for sg in (-1, 1)]
    return lobes + [(0.0, -0.152, 0.095, 0.022, 0)], {**AX, "right common carotid artery": (-0.17, -0.03),
                                                       "left common carotid artery": (0.17, -0.03)}


def g_goitre(rng):
    a, b = _u(rng, 1.0, 1.12), _u(rng, 1.0, 1.12)
    parts = [(-0.11, -0.08, 0.075 * a, 0.11 * a, 0), (0.11, -0.08, 0.075 * b, 0.11 * b, 0),
             (0.0, -0.17, 0.12, 0.04, 0)]
    return parts, {**AX, "cervical vertebral body": (0.0, 0.2)}


def g_lobe(sg):
    def g(rng):
        sc = _u(rng, 0.85, 1.15)
        return [(sg * 0.088, -0.095, 0.042 * sc, 0.068 * sc, 0)], {
            **AX, f"{_sname(sg)} common carotid artery": (sg * 0.18, -0.03)}
    return g


def g_lobe_us(rng):
    sc = _u(rng, 0.72, 1.12)
    return [(-0.1, -0.02, 0.16 * sc, 0.13 * sc, 0)], {"trachea": (0.33, -0.06),
                                                       "right common carotid artery": (-0.34, 0.04)}


def g_isthmus(rng):
    return [(0.0, -0.18, _u(rng, 0.17, 0.23), _u(rng, 0.03, 0.042), 0)], {
        "trachea": (0.0, 0.1), "right thyroid lobe": (-0.3, 0.0), "left thyroid lobe": (0.3, 0.0)}


def g_nodule(rng):
    sg = _side(rng)
    r = _u(rng, 0.03, 0.085)
    return [(sg * _u(rng, 0.11, 0.17), _u(rng, -0.06, 0.06), r, r * _u(rng, 0.75, 1.0), 0)], {
        "trachea": (0.0, -0.02), f"{_sname(sg)} common carotid artery": (sg * 0.33, 0.06)}


def g_nodules(rng):
    n = rng.choice([2, 2, 3, 3, 4])
    parts = []
    while len(parts) < n:
        sg = _side(rng)
        s, a, r = sg * _u(rng, 0.09, 0.24), _u(rng, -0.14, 0.1), _u(rng, 0.022, 0.05)
        if all(math.hypot(s - q[0], a - q[1]) > r + q[2] + 0.03 for q in parts):
            parts.append((s, a, r, r * _u(rng, 0.8, 1.0), 0))
    return parts, {"trachea": (0.0, 0.0)}


def g_para_ct(rng):
    sg = _side(rng)
    r = _u(rng, 0.017, 0.028)
    return [(sg * _u(rng, 0.075, 0.095), _u(rng, -0.02, 0.0), r, r * 1.3, 0)], {
        f"{_sname(sg)} thyroid lobe": (sg * 0.088, -0.095), "trachea": (0.0, -0.05),
        "cervical vertebral body": (0.0, 0.15)}


def g_para_us(rng):
    sg = _side(rng)
    r = _u(rng, 0.04, 0.07)
    return [(sg * 0.13, _u(rng, 0.08, 0.12), r * 1.3, r, 0)], {
        f"{_sname(sg)} thyroid lobe": (sg * 0.12, -0.08), f"{_sname(sg)} common carotid artery": (sg * 0.34, 0.06)}


def g_nodes2(rng):
    n = rng.choice([2, 2, 3, 4])
    both = rng.random() < 0.55
    sg0 = _side(rng)
    parts = []
    while len(parts) < n:
        sg = (1 if len(parts) % 2 else -1) if both else sg0
        s, a, r = sg * _u(rng, 0.18, 0.32), _u(rng, -0.12, 0.2), _u(rng, 0.022, 0.038)
        if all(math.hypot(s - q[0], a - q[1]) > r + q[2] + 0.025 for q in parts):
            parts.append((s, a, r, r * 0.8, 0))
    return parts, {"oropharyngeal airway": (0.0, -0.06), "cervical vertebral body": (0.0, 0.17)}


def g_node3(rng):
    sg = _side(rng)
    r = _u(rng, 0.035, 0.065)
    return [(sg * 0.26, _u(rng, 0.0, 0.04), r, r * 0.85, 0)], {
        f"{_sname(sg)} internal jugular vein": (sg * 0.18, -0.04), "larynx": (0.0, -0.1)}


def g_nodes6(rng):
    parts = [(0.0, -0.15, 0.022, 0.018, 0)]
    for sg in rng.sample([-1, 1], rng.choice([1, 2])):
        parts.append((sg * 0.08, -0.02, 0.02, 0.024, 0))
    return parts, {"trachea": (0.0, -0.06), "cervical vertebral body": (0.0, 0.15)}


def g_node4_cor(rng):
    sg = _side(rng)
    r = _u(rng, 0.03, 0.05)
    return [(sg * 0.16, _u(rng, 0.2, 0.26), r, r * 1.2, 0)], {
        f"{_sname(sg)} parotid gland": (sg * 0.28, -0.22), "thyroid gland": (0.0, 0.16)}


def g_smg(rng):
    sc = _u(rng, 0.85, 1.2)
    return [(-0.18, -0.13, 0.055 * sc, 0.045 * sc, 0.3)], {
        "oropharyngeal airway": (0.0, -0.02), "left submandibular gland": (0.18, -0.13)}


def g_smgs(rng):
    sc = _u(rng, 0.85, 1.2)
    return [(sg * 0.18, -0.13, 0.055 * sc, 0.045 * sc, sg * 0.3) for sg in (-1, 1)], {
        "oropharyngeal airway": (0.0, -0.02), "cervical vertebral body": (0.0, 0.14)}


def g_parotid(rng):
    sc = _u(rng, 0.85, 1.15)
    return [(0.27, 0.02, 0.06 * sc, 0.1 * sc, 0)], {
        "left mandibular ramus": (0.2, -0.07), "oropharyngeal airway": (0.0, -0.03),
        "right parotid gland": (-0.27, 0.02)}


def g_parotids(rng):
    sc = _u(rng, 0.85, 1.15)
    return [(sg * 0.27, 0.02, 0.06 * sc, 0.1 * sc, 0) for sg in (-1, 1)], {
        "oropharyngeal airway": (0.0, -0.03), "cervical vertebral body": (0.0, 0.12)}


def g_parotid_cor(rng):
    sc = _u(rng, 0.85, 1.15)
    return [(0.28, -0.14, 0.055 * sc, 0.11 * sc, 0)], {
        "left submandibular gland": (0.2, 0.06), "thyroid gland": (0.0, 0.3)}


def g_ijv(rng):
    sc = _u(rng, 0.85, 1.3)
    return [(0.22, -0.01, 0.032 * sc, 0.024 * sc, 0)], {
        "left common carotid artery": (0.14, -0.03), "trachea": (0.0, -0.06)}


def g_cca(rng):
    r = _u(rng, 0.018, 0.026)
    return [(-0.145, -0.03, r, r, 0)], {"right internal jugular vein": (-0.22, -0.01), "trachea": (0.0, -0.06),
                                         "cervical vertebral body": (0.0, 0.15)}


def g_glottic(rng):
    sg = _side(rng)
    return [(sg * _u(rng, 0.05, 0.07), -0.11, _u(rng, 0.022, 0.032), _u(rng, 0.045, 0.06), 0)], {
        "arytenoid cartilages": (0.0, -0.03), "cervical vertebral body": (0.0, 0.15)}


def g_cords(rng):
    th = _u(rng, 0.38, 0.5)
    gap = rng.random() < 0.35
    dx = 0.045 if gap else 0.03
    return [(sg * dx, -0.1, 0.012, 0.068, -sg * th) for sg in (-1, 1)], {
        "arytenoid cartilages": (0.0, -0.02), "cervical vertebral body": (0.0, 0.15)}


def g_oroph(rng):
    sg = _side(rng)
    sc = _u(rng, 0.8, 1.4)
    return [(sg * 0.11, -0.03, 0.05 * sc, 0.06 * sc, 0)], {
        "tongue base": (0.0, -0.13), "cervical vertebral body": (0.0, 0.14)}


def g_hypoph(rng):
    sg = _side(rng)
    r = _u(rng, 0.03, 0.055)
    return [(sg * 0.09, 0.0, r, r * 1.2, 0)], {
        "cervical vertebral body": (0.0, 0.15), f"{_sname(sg)} common carotid artery": (sg * 0.19, -0.03)}


def g_tgdc(rng):
    r = _u(rng, 0.08, 0.12)
    return [(0.0, -0.1, r * 1.1, r * 0.85, 0)], {"hyoid bone": (0.0, 0.1)}


def P(target, geo, mod, orient, names, noun, lay, unit, group, regs, clues, lclues, pl=False, one=True):
    return dict(target=target, geo=geo, modality=mod, orientation=orient, names=names, noun=noun, lay=lay,
                unit=unit, group=group, regs=regs, clues=clues, lclues=lclues, pl=pl, one=one)


ALLR = ("preop", "mdt", "patient")
USR = ("preop", "worksheet", "patient")
PROFILES = [
    P("thyroid gland", g_thyroid, "CT", "LP", ["thyroid"], "thyroid gland", "thyroid gland", ("outline", "outlines"),
      "thyroid", ALLR, ["the butterfly-shaped gland that makes T4 and T3 and wraps the front of the windpipe",
                        "the gland whose hormone output the levothyroxine dose is titrated against"],
      ["the gland that controls my metabolism", "the gland my GP checks with the TSH blood test"]),
    P("right thyroid lobe", g_lobe_us, "US", "LP", ["thyroid lobe", "right lobe"], "right thyroid lobe",
      "right half of the thyroid", ("lobe", "lobes"), "thyroid", USR,
      ["the half of the hormone-making gland this transverse sweep was centred on",
       "the structure whose three diameters go into the volume box (AP, transverse, length)"],
      ["the half of the gland in my neck that they measured"]),
    P("left thyroid lobe", g_lobe(1), "CT", "LP", ["thyroid lobe", "left lobe"], "left thyroid lobe",
      "left half of the thyroid", ("lobe", "lobes"), "thyroid", ALLR,
      ["the half of the hormone-making gland that a hemithyroidectomy on this patient would remove",
       "the portion of the endocrine gland beside the trachea that the surgeon will mobilise first"],
      ["the half of the gland they want to take out"]),
    P("thyroid isthmus", g_isthmus, "US", "LP", ["isthmus"], "thyroid isthmus", "bridge of thyroid tissue",
      ("bridge", "bridges"), "thyroid", USR,
      ["the thin band of gland tissue joining the two halves across the front of the airway",
       "the structure whose AP thickness I record before the lobes"],
      ["the thin strip of tissue joining the two halves of the gland"]),
    P("thyroid nodule", g_nodule, "US", "LP", ["nodule"], "thyroid nodule", "lump in the thyroid",
      ("nodule", "nodules"), "nodule", USR,
      ["the focal lesion I have scored with the points above", "the lesion this TI-RADS total belongs to"],
      ["the lump they found on the ultrasound", "the thing they gave a score to"]),
    P("thyroid nodule", g_nodule, "US", "RP", ["nodule"], "thyroid nodule", "lump in the thyroid",
      ("nodule", "nodules"), "nodule", USR,
      ["the focal lesion I have scored with the points above", "the lesion the FNA request refers to"],
      ["the lump they want to put a needle into"]),
    P("thyroid nodules", g_nodules, "US", "LP", ["nodule"], "thyroid nodules", "lumps in the thyroid",
      ("nodule", "nodules"), "nodule", USR,
      ["the focal lesions I have to score one by one", "the lesions that make this a multinodular picture"],
      ["the lumps in the gland they keep talking about"], pl=True, one=False),
    P("multinodular goitre", g_goitre, "CT", "LP", ["goitre", "goiter"], "multinodular goitre",
      "enlarged thyroid", ("outline", "outlines"), "thyroid", ("preop", "mdt", "patient"),
      ["the enlarged endocrine gland causing the tracheal narrowing and the dysphagia",
       "what is producing the compressive symptoms when she lies flat"],
      ["the swelling at the front of my neck that makes swallowing hard"]),
    P("parathyroid adenoma", g_para_ct, "CT", "LP", ["parathyroid adenoma", "adenoma"], "parathyroid adenoma",
      "overactive calcium gland", ("lesion", "lesions"), "para", ALLR,
      ["the lesion that explains the raised calcium and the inappropriately high PTH",
       "what a focused exploration would aim to remove to cure the hypercalcaemia"],
      ["the thing that is pushing my calcium up"]),
    P("parathyroid adenoma", g_para_us, "US", "LP", ["parathyroid adenoma", "adenoma"], "parathyroid adenoma",
      "overactive calcium gland", ("lesion", "lesions"), "para", USR,
      ["the oval hypoechoic lesion with a polar feeding vessel that fits the raised PTH",
       "the lesion that explains the calcium of 2.81 mmol/L"],
      ["the gland they think is making my calcium too high"]),
    P("level II lymph nodes", g_nodes2, "CT", "LP", ["lymph node"], "level II lymph nodes",
      "glands under the jaw", ("node", "nodes"), "nodes", ("mdt", "patient", "preop"),
      ["the enlarged structures in the upper jugular chain the pathologist will count for N-stage",
       "the necrotic deposits in the upper neck that drain the tongue base"],
      ["the swollen glands high up under my jaw"], pl=True, one=False),
    P("metastatic level III lymph node", g_node3, "CT", "LP", ["lymph node"], "metastatic level III lymph node",
      "swollen gland", ("node", "nodes"), "nodes", ALLR,
      ["the deposit in the mid jugular chain that upstages this tumour",
       "the necrotic structure that would go into the neck dissection specimen"],
      ["the swollen gland they say has spread from the throat"]),
    P("level VI lymph nodes", g_nodes6, "CT", "LP", ["lymph node"], "level VI lymph nodes",
      "glands around the windpipe", ("node", "nodes"), "nodes", ("preop", "mdt", "patient"),
      ["the central-compartment deposits that a prophylactic clearance would take",
       "the structures in the central compartment that matter for papillary cancer staging"],
      ["the glands around my windpipe they want to remove with the thyroid"], pl=True, one=False),
    P("level IV lymph node", g_node4_cor, "MR", "LI", ["lymph node"], "level IV lymph node",
      "swollen gland low in the neck", ("node", "nodes"), "nodes", ("mdt", "patient"),
      ["the deposit in the lower jugular chain just above the clavicle",
       "the structure near the clavicle that the neck dissection has to reach"],
      ["the swollen gland just above my collarbone"]),
    P("right submandibular gland", g_smg, "CT", "LP", ["submandibular"], "right submandibular gland",
      "salivary gland under the jaw", ("gland", "glands"), "saliva", ALLR,
      ["the salivary gland whose duct (Wharton's) is blocked by the stone we saw",
       "the salivary gland that swells at mealtimes in this patient"],
      ["the gland under my jaw that swells when I eat"]),
    P("submandibular glands", g_smgs, "CT", "LP", ["submandibular"], "submandibular glands",
      "salivary glands under the jaw", ("gland", "glands"), "saliva", ALLR,
      ["the paired salivary glands draining through Wharton's ducts",
       "the salivary glands that enlarge in IgG4-related disease here"],
      ["the glands under my jaw that make spit"], pl=True, one=False),
    P("left parotid gland", g_parotid, "MR", "LP", ["parotid"], "left parotid gland",
      "salivary gland in front of the ear", ("gland", "glands"), "saliva", ALLR,
      ["the largest salivary gland, the one the facial nerve runs through",
       "the salivary gland drained by Stensen's duct that holds the pleomorphic adenoma"],
      ["the gland in front of my ear that has the lump"]),
    P("parotid glands", g_parotids, "MR", "LP", ["parotid"], "parotid glands",
      "salivary glands in front of the ears", ("gland", "glands"), "saliva", ALLR,
      ["the paired salivary glands the facial nerve passes through",
       "the salivary glands that swell in mumps"],
      ["the glands in front of my ears that swell up"], pl=True, one=False),
    P("left parotid gland", g_parotid_cor, "MR", "LI", ["parotid"], "left parotid gland",
      "salivary gland in front of the ear", ("gland", "glands"), "saliva", ("mdt", "patient"),
      ["the largest salivary gland, the one the facial nerve runs through",
       "the salivary gland where this Warthin tumour arises"],
      ["the spit gland in front of my ear"]),
    P("left internal jugular vein", g_ijv, "CT", "LP", ["jugular"], "left internal jugular vein",
      "main vein in the neck", ("vessel", "vessels"), "vessel", ("preop", "mdt", "patient"),
      ["the vein of the carotid sheath the anaesthetist would cannulate for a central line on this patient",
       "the vessel in the sheath that the neck dissection must preserve here"],
      ["the big vein in my neck they put the line into"]),
    P("right common carotid artery", g_cca, "CT", "LP", ["carotid artery", "common carotid"],
      "right common carotid artery", "main artery in the neck", ("vessel", "vessels"), "vessel",
      ("preop", "mdt", "patient"),
      ["the artery of the carotid sheath on this image that the tumour abuts",
       "the vessel whose encasement would make this unresectable"],
      ["the main artery in my neck they are worried about"]),
    P("glottic carcinoma", g_glottic, "CT", "LP", ["glottic", "laryngeal carcinoma", "laryngeal cancer"],
      "glottic carcinoma", "growth on the voice box", ("tumour", "tumours"), "larynx", ("mdt", "patient"),
      ["the primary tumour explaining three months of hoarseness",
       "the lesion on the true cord that the biopsy confirmed as squamous"],
      ["the growth that is making me hoarse"]),
    P("vocal cords", g_cords, "CT", "LP", ["vocal cord", "vocal fold"], "vocal cords", "voice-box folds",
      ("piece", "pieces"), "larynx", ("mdt", "patient"),
      ["the structures that adduct to phonate and that we check for palsy before thyroid surgery",
       "the folds whose movement the recurrent laryngeal nerves control"],
      ["the bits of my voice box that vibrate when I talk"], pl=True, one=False),
    P("oropharyngeal carcinoma", g_oroph, "MR", "LP", ["oropharyngeal", "tonsil"], "oropharyngeal carcinoma",
      "throat cancer", ("tumour", "tumours"), "larynx", ("mdt", "patient"),
      ["the HPV-positive primary we are staging today",
       "the primary tumour the p16 result refers to"],
      ["the cancer at the back of my throat"]),
    P("hypopharyngeal carcinoma", g_hypoph, "CT", "LP", ["hypopharyngeal", "piriform"], "hypopharyngeal carcinoma",
      "cancer low in the throat", ("tumour", "tumours"), "larynx", ("mdt", "patient"),
      ["the primary that explains the dysphagia and the referred otalgia",
       "the tumour the pharyngolaryngectomy would be for"],
      ["the cancer low down in my throat that makes swallowing hurt"]),
    P("thyroglossal duct cyst", g_tgdc, "US", "LP", ["thyroglossal"], "thyroglossal duct cyst",
      "cyst left over from how the thyroid formed", ("cyst", "cysts"), "tgdc", USR,
      ["the congenital lesion that rises when the tongue is protruded",
       "the lesion a Sistrunk operation would remove"],
      ["the lump that moves up when I stick my tongue out"]),
]


def record_for(p):
    return {"modality": p["modality"], "body_region": "neck", "orientation": p["orientation"]}


def _to_img(s, a, orient):
    x = 0.5 - s if orient == "RP" else 0.5 + s
    return x, 0.5 + a


def _mask(parts, orient):
    yy, xx = np.mgrid[0:H, 0:W].astype(float)
    m = np.zeros((H, W), bool)
    for s, a, rx, ry, ang in parts:
        x, y = _to_img(s, a, orient)
        cx, cy = x * (W - 1), y * (H - 1)
        if orient == "RP":
            ang = -ang
        dx, dy = xx - cx, yy - cy
        u = dx * math.cos(ang) + dy * math.sin(ang)
        v = -dx * math.sin(ang) + dy * math.cos(ang)
        m |= (u / (rx * W)) ** 2 + (v / (ry * H)) ** 2 <= 1.0
    return m


def facts_for(p, rng):
    o = p["orientation"]
    for _ in range(60):
        parts, others = p["geo"](rng)
        ds, da = _u(rng, -0.012, 0.012), _u(rng, -0.012, 0.012)
        parts = [(s + ds, a + da, rx, ry, g) for s, a, rx, ry, g in parts]
        m = _mask(parts, o)
        oth = {k: _to_img(s, a, o) for k, (s, a) in others.items()}
        f = compute_facts(m, o, oth).model_dump(mode="json")
        want = 1 if p["one"] else None
        if p["target"] in ("thyroid nodules", "level II lymph nodes", "level VI lymph nodes"):
            want = len(parts)
        if want is not None and f["components"] != want:
            continue
        side = "left" if p["target"].startswith("left") else "right" if p["target"].startswith("right") else None
        if side and f["laterality"] != side:
            continue
        return f
    raise RuntimeError(f"no facts for {p['target']}")


def pick_profile(profiles, i, defect, rng):
    style = STYLES[(i // 2) % len(STYLES)]
    return rng.choice([p for p in profiles if style in p["regs"]])


# ---------------------------------------------------------------- prose ----------------------------------------
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
OPP_REL = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "left_of": "right_of",
           "right_of": "left_of", "superior_to": "inferior_to", "inferior_to": "superior_to"}
RW = {"anterior_to": ["anterior to", "in front of"], "posterior_to": ["posterior to", "behind"],
      "left_of": ["to the patient's left of"], "right_of": ["to the patient's right of"],
      "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
RW_LAY = {"anterior_to": "in front of", "posterior_to": "behind", "left_of": "further to your left than",
          "right_of": "further to your right than", "superior_to": "higher up than", "inferior_to": "lower down than"}
VP = {"anterior": ("anterior", "toward the front of the neck", "toward the front of your neck", "anteriorly"),
      "posterior": ("posterior", "toward the back of the neck", "toward the back of your neck", "posteriorly"),
      "superior": ("superior", "high in the neck", "high up in your neck", "superiorly"),
      "inferior": ("inferior", "low in the neck", "low down in your neck", "inferiorly")}
VP_CENTRAL = {"axial": ("central front-to-back", "midway between the front and the back of the neck",
                        "about halfway between the front and the back of your neck", None),
              "coronal": ("central top-to-bottom", "at mid-height in the neck", "about halfway up your neck", None)}
SIZE_ADJ = {"small": ["small", "fairly small"], "medium": ["medium-sized", "moderate in size"],
            "large": ["large", "bulky"]}
WHY = {("LP", "axial"): ["axial images are viewed as if from the patient's feet", "the usual radiological convention"],
       ("LP", "us"): ["the standard transverse ultrasound display", "transverse views follow the CT convention"],
       ("RP", "us"): ["this archive stores the frames mirrored, against the usual convention",
                      "the export here is flipped relative to the usual display"],
       ("LI", "coronal"): ["coronal images are displayed as if facing the patient"]}

TRAPS = {
    "thyroid": ["The right lobe is often a little bigger than the left in healthy adults.",
                "A pyramidal lobe rising from the isthmus turns up in a sizeable minority of people.",
                "The left recurrent laryngeal nerve hooks under the aortic arch and the right one under the subclavian "
                "artery, so the two nerves run different courses.",
                "Normal total thyroid volume is roughly 10-20 mL in women and a little more in men.",
                "Permanent recurrent laryngeal nerve palsy after thyroidectomy runs at around 1%; temporary palsy is "
                "commoner."],
    "nodule": ["ACR TI-RADS: 0 points is TR1, 2 is TR2, 3 is TR3, 4 to 6 is TR4 and 7 or more is TR5.",
               "FNA is advised for TR3 from 25 mm, TR4 from 15 mm and TR5 from 10 mm.",
               "Up to two thirds of adults have a thyroid nodule somewhere on ultrasound, and only about 5-10% of "
               "them are malignant.",
               "A taller-than-wide shape scores 3 points on its own.",
               "Punctate echogenic foci score 3 points; comet-tail artefacts score none."],
    "para": ["Most people have four parathyroid glands, two on each side, and about 5% have a fifth.",
             "A single adenoma accounts for roughly 85% of primary hyperparathyroidism; four-gland hyperplasia for "
             "about 10-15%.",
             "An intra-operative PTH fall of more than 50% at 10 minutes is the usual cure criterion.",
             "The inferior glands are the more variable in position because they descend with the thymus."],
    "nodes": ["Levels I to VI run from the submental triangle (Ia) down to the central compartment (VI); level VII "
              "is the superior mediastinum.",
              "Level II is split into IIa and IIb by the spinal accessory nerve.",
              "A short axis above 10 mm, necrosis or extranodal extension all raise suspicion in a cervical node.",
              "In p16-positive oropharyngeal cancer, clinical N1 covers ipsilateral nodes up to 6 cm (AJCC 8th "
              "edition)."],
    "saliva": ["About 80% of salivary gland tumours arise in the parotid, and about 80% of those are benign.",
               "The facial nerve divides the parotid into superficial and deep lobes, though there is no true plane.",
               "Around 80% of salivary stones form in the submandibular gland.",
               "Warthin tumours are bilateral in roughly 10% of cases."],
    "vessel": ["The carotid sheath holds the common carotid artery, the internal jugular vein and the vagus nerve.",
               "The right internal jugular vein is usually the larger of the two, which is why it is the usual "
               "line site.",
               "Encasement of more than 270 degrees of the carotid circumference is the classic sign of "
               "unresectability.",
               "The carotid bifurcation usually sits around C3-C4."],
    "larynx": ["The true cords abduct on inspiration and adduct to phonate.",
               "Early glottic cancer rarely spreads to nodes because the true cords have sparse lymphatics.",
               "A typical radical dose is 70 Gy in 35 fractions over 7 weeks.",
               "Left cord palsy is commoner than right, because the left nerve runs a longer course."],
    "tgdc": ["Thyroglossal duct cysts are the commonest congenital neck mass and usually present before 20.",
             "The Sistrunk procedure takes the central part of the hyoid with the tract, which brings recurrence "
             "under 5%.",
             "Most thyroglossal cysts lie at or just below the hyoid and are typically midline or just off it."],
}
HIST = {"thyroid": ["biochemically normal, compressive symptoms lying flat", "Bethesda IV on FNA, listed for diagnostic surgery",
                    "Graves' disease, relapsed after 18 months of carbimazole", "TSH 0.9 mU/L, calcitonin normal"],
        "nodule": ["TSH 1.8 mU/L, incidental finding on a carotid Doppler", "family history of papillary cancer"],
        "para": ["adjusted calcium 2.84 mmol/L, PTH 18 pmol/L", "renal stones twice, osteoporosis, calcium 2.9 mmol/L"],
        "nodes": ["p16-positive SCC of the tongue base", "papillary thyroid cancer on FNA",
                  "hoarse for 3 months, 40 pack-years"],
        "saliva": ["painless swelling at the angle of the jaw for 8 months", "meal-time swelling and pain",
                   "dry mouth and recurrent swelling"],
        "vessel": ["tumour close to the carotid sheath on the staging scan", "needs central access for chemotherapy"],
        "larynx": ["hoarse for 3 months, 40 pack-years", "dysphagia and otalgia, 6 kg weight loss",
                   "p16-positive on biopsy, never-smoker"],
        "tgdc": ["lump that moves on swallowing, twice infected", "recurrent infected neck lump since childhood"]}
CLOSE = {"preop": ["Plan: flexible laryngoscopy pre-op to document cord function.",
                   "Consent to include RLN injury, hypocalcaemia, bleeding and scar.",
                   "Calcium and PTH on day 1 post-op.", "Group and save; VTE prophylaxis per protocol."],
         "worksheet": ["Comment: cine clips of the sweep attached.", "Reviewer: please countersign.",
                       "Follow-up interval per ACR recommendation."],
         "mdt": ["Happy to take questions.", "I'd suggest we review the PET before finalising.",
                 "Pathology will report on the biopsy next week."],
         "patient": ["Your team will go through what it means for you.",
                     "It's very reasonable to ask your own doctor these questions too.",
                     "Please do ask if anything's unclear."]}
OTHER = {"preop": [("Anything that changes the nerve risk?",
                    "Nothing on this image changes the nerve plan; document the cords pre-op as usual."),
                   ("Do I need any more imaging before theatre?",
                    "No further cross-sectional imaging needed; bloods as per the pathway."),
                   ("Drain or no drain?", "Imaging doesn't decide that; surgeon's preference.")],
         "worksheet": [("Anything to flag to the reporting radiologist?",
                        "Nothing further to flag beyond the fields listed."),
                       ("Should I add Doppler clips?", "Yes, one colour Doppler clip is enough for the record.")],
         "mdt": [("What would you recommend?", "I'd take it to the combined clinic and decide with the patient."),
                 ("Anything else on the scan we should know about?", "Nothing else of note on this series."),
                 ("Do we need a PET?", "I'd keep PET for the equivocal cases; the oncologists may feel differently.")],
         "patient": [("Is it cancer?", "A picture alone can't say that; a needle sample or an operation gives the answer."),
                     ("What happens next?", "Usually a clinic appointment to talk it through, and sometimes a needle test."),
                     ("Will I need an operation?", "That depends on what the tests show; your surgeon will explain the options.")]}
OTHER_NODULE = [("Does this need FNA or just follow-up?",
                 "Apply the ACR size thresholds to the maximum diameter; the score in the fields decides which applies."),
                ("When should the next scan be?",
                 "Where follow-up applies, ACR suggests scans at 1, 3 and 5 years for TR3, at 1, 2, 3 and 5 years for TR4 and "
                 "yearly up to 5 years for TR5.")]


class _Ctx:
    def __init__(self, p, F, style, rng):
        self.p, self.F, self.style, self.rng = p, F, style, rng
        pl = p["pl"]
        self.sub = {"It": "They" if pl else "It", "it": "they" if pl else "it", "is": "are" if pl else "is",
                    "sits": "sit" if pl else "sits", "lies": "lie" if pl else "lies",
                    "covers": "cover" if pl else "covers", "its": "their" if pl else "its",
                    "them": "them" if pl else "it"}
        self.plane = "coronal" if p["orientation"] == "LI" else "us" if p["modality"] == "US" else "axial"
        self.reg = "note" if style in ("preop", "worksheet") else "lay" if style == "patient" else "talk"

    def f(self, s, **kw):
        return s.format(**self.sub, **kw)

    def pick(self, xs):
        return self.rng.choice(xs)


def _pct(x):
    return f"{x:.0f}" if x >= 10 else f"{x:.1f}" if x >= 1 else f"{x:.2f}"


def lat_text(c, v, neg=False, onesided=False):
    r = c.reg
    if neg:
        if v in ("left", "right"):
            o = OPP[v]
            return c.pick({"note": [f"Not {o}-sided: patient's {v}."],
                           "talk": [c.f("{It} {is} not on the {o}; this is the patient's {v}.", o=o, v=v)],
                           "lay": [f"It's not on your {o} side, it's on your {v}."]}[r])
        if v == "midline":
            return c.pick({"note": ["Neither left- nor right-sided: midline."],
                           "talk": [c.f("{It} {is} not off to either side; {it} {sits} in the midline.")],
                           "lay": ["It isn't off to one side; it sits in the middle of your neck."]}[r])
        return c.pick({"note": ["Not confined to one side: bilateral."],
                       "talk": [c.f("{It} {is} not confined to one side; this is bilateral.")],
                       "lay": ["It isn't just on one side; there's some on both sides of your neck."]}[r])
    if v in ("left", "right"):
        if onesided:
            return c.pick({"note": [f"Side: {v} only.", f"Confined to the patient's {v}."],
                           "talk": [c.f("{It} {is} confined to the patient's {v} side.", v=v),
                                    f"Only the {v} side is involved."],
                           "lay": [f"It's only on your {v} side."]}[r])
        return c.pick({"note": [f"Side: patient's {v}.", f"{v.capitalize()}-sided.", f"Laterality: {v}."],
                       "talk": [c.f("{It} {is} on the patient's {v}.", v=v), f"This is {v}-sided disease." if
                                c.p["group"] in ("nodes", "larynx") else c.f("{It} {sits} on the {v} of the neck.", v=v),
                                f"We're on the patient's {v} side here."],
                       "lay": [c.f("{It} {is} on your {v} side.", v=v), f"That's on the {v} side of your neck.",
                               c.f("You'll find {it} on your {v}, under the skin there.", v=v)]}[r])
    if v == "midline":
        return c.pick({"note": ["Side: midline.", "Midline."],
                       "talk": [c.f("{It} {sits} in the midline."), c.f("{It} {is} central, straddling the midline.")],
                       "lay": [c.f("{It} {sits} in the middle of your neck rather than to one side.")]}[r])
    return c.pick({"note": ["Side: bilateral.", "Bilateral."],
                   "talk": [c.f("{It} {is} bilateral."), "This is bilateral, both sides of the neck."],
                   "lay": [c.f("{It} {is} on both sides of your neck.")]}[r])


def gloss_text(c, v):
    img = "left" if (v == "right") == (c.p["orientation"] != "RP") else "right"
    why = c.pick(WHY[(c.p["orientation"], c.plane)])
    return img, c.pick([f"On the screen that is the {img} half of the image ({why}).",
                        f"It shows on the {img} of the picture ({why})." if c.reg == "lay" else
                        f"Screen {img} ({why})."])


def vert_words(c, v):
    if v == "central":
        return VP_CENTRAL["coronal" if c.plane == "coronal" else "axial"]
    return VP[v]


def pos_text(c, val, neg=False):
    r = c.reg
    if "vertical" in val:
        v = val["vertical"]
        note, talk, lay, adv = vert_words(c, v)
        if neg:
            o = OPP[v]
            return c.pick({"note": [f"Not {VP[o][0]}: {note}."],
                           "talk": [c.f("{It} {is} not " + VP[o][1] + "; {it} {lies} " + talk + ".")],
                           "lay": [f"It isn't {VP[o][2]}; it's {lay}."]}[r])
        talks = [c.f("{It} {lies} " + talk + " on this slice."), c.f("On this slice {it} {sits} " + talk + ".")]
        if adv:
            talks.append(c.f("{It} {is} positioned " + adv + " in the neck."))
        return c.pick({"note": [f"Position: {note}.", f"{note.capitalize()} on this slice."],
                       "talk": talks, "lay": [f"It's {lay}."]}[r])
    rel, other = val["rel"], val["other"]
    if neg:
        o = OPP_REL[rel]
        return c.pick({"note": [f"Not {RW[o][0]} the {other} but {RW[rel][0]} it."],
                       "talk": [c.f("{It} {is} not " + RW[o][-1] + " the " + other + "; {it} {lies} " + RW[rel][-1] +
                                    " it.")],
                       "lay": [f"It isn't {RW_LAY[o]} your {other}; it's {RW_LAY[rel]} it."]}[r])
    w = c.pick(RW[rel])
    return c.pick({"note": [f"Relation: {w} the {other}.", f"Lies {w} the {other}."],
                   "talk": [c.f("{It} {lies} " + w + " the " + other + "."),
                            c.f("Note that {it} {is} " + w + " the " + other + "."),
                            c.f("If you follow the " + other + ", {it} {is} " + w + " it on this slice.")],
                   "lay": [c.f("{It} {is} " + RW_LAY[rel] + " your " + other + ".")]}[r])


def size_text(c, val, neg=False):
    r = c.reg
    if "class" in val:
        v = val["class"]
        if neg:
            o = "large" if v == "small" else "small"
            a = c.pick(SIZE_ADJ[v])
            return c.pick({"note": [f"Not {o}: {a}."], "talk": [c.f("{It} {is} not " + o + "; " + a + " on this image.")],
                           "lay": [f"It's not {o}; on the picture it looks {a}."]}[r])
        a = c.pick(SIZE_ADJ[v])
        return c.pick({"note": [f"Size class: {a}.", f"{a.capitalize()} on the image."],
                       "talk": [c.f("On this image {it} {is} " + a + "."),
                                c.f("{It} {is} " + a + " relative to the field of view.")],
                       "lay": [c.f("On this picture {it} look" + ("" if c.p["pl"] else "s") + " " + a + "."),
                               c.f("Compared with the whole picture, {it} {is} " + a + ".")]}[r])
    x = _pct(val["pct"])
    return c.pick({"note": [f"Image share: about {x}%.", f"Roughly {x}% of the frame."],
                   "talk": [c.f("{It} {covers} roughly " + x + "% of the image."), f"That's about {x} percent of the slice.",
                            c.f("By area, {it} account" + ("" if c.p["pl"] else "s") + " for some " + x + "% of the image.")],
                   "lay": [f"It takes up about {x}% of the picture."]}[r])


def count_text(c, n, neg=False):
    r, (u1, un) = c.reg, c.p["unit"]
    nw = NUM.get(n, str(n))
    if neg:
        if n == 1:
            return c.pick({"note": [f"Not multiple: one {u1}."], "talk": [f"It is not multiple; there is one {u1}."],
                           "lay": [f"There aren't several; there's just one {u1}."]}[r])
        return c.pick({"note": [f"Not a single {u1}: {n} {un}."],
                       "talk": [f"This is not a single {u1}; there are {nw} separate {un}."],
                       "lay": [f"It's not just one; there are {nw} separate {un}."]}[r])
    if n == 1:
        if u1 == "outline":
            return c.pick(["It is one continuous outline, the lobes joined across the isthmus.",
                           "One connected outline, lobes and isthmus together."])
        return c.pick({"note": [f"Separate {un}: 1.", f"Single {u1}."],
                       "talk": [f"There is a single {u1}.", f"It's one {u1}, in one piece." if u1 != "piece" else
                                "It is one connected piece."],
                       "lay": [f"There's just one {u1}."]}[r])
    return c.pick({"note": [f"Separate {un}: {n}.", f"{nw.capitalize()} separate {un}."],
                   "talk": [f"I count {nw} separate {un}.", f"There are {nw} discrete {un}.",
                            f"The outline is made of {nw} separate {un}, not one."],
                   "lay": [f"There are {nw} separate {un}."]}[r])


def claim_text(c, kind, val, neg=False, onesided=False):
    if kind == "laterality":
        return lat_text(c, val, neg, onesided)
    if kind == "position":
        return pos_text(c, val, neg)
    if kind == "size":
        return size_text(c, val, neg)
    return count_text(c, val, neg)


def true_value(c, kind):
    F, rng = c.F, c.rng
    if kind == "laterality":
        return F["laterality"]
    if kind == "position":
        rels = F["relations"]
        if rels and (F["vertical"] == "central" or rng.random() < 0.5):
            r = rng.choice(rels)
            return {"rel": r["relation"], "other": r["other"]}
        return {"vertical": F["vertical"]}
    if kind == "size":
        if rng.random() < 0.6:
            return {"class": F["size_class"]}
        return {"pct": round(F["area_fraction"] * 100, 4)}
    return F["components"]


def false_value(c, kind):
    F, rng = c.F, c.rng
    if kind == "laterality":
        lat = F["laterality"]
        if lat in ("left", "right"):
            return OPP[lat], False
        return rng.choice(["left", "right"]), lat == "bilateral"
    if kind == "position":
        rels = F["relations"]
        if F["vertical"] != "central" and (not rels or rng.random() < 0.5):
            return {"vertical": OPP[F["vertical"]]}, False
        if rels:
            r = rng.choice(rels)
            return {"rel": OPP_REL[r["relation"]], "other": r["other"]}, False
        return {"vertical": "superior" if c.plane == "coronal" else rng.choice(["anterior", "posterior"])}, False
    if kind == "size":
        sc = F["size_class"]
        if rng.random() < 0.55:
            return {"class": {"small": "large", "large": "small"}.get(sc) or rng.choice(["small", "large"])}, False
        x = F["area_fraction"] * 100
        f = 12 if sc == "small" else 1 / 12 if sc == "large" else rng.choice([6, 1 / 6])
        return {"pct": round(x * f, 4)}, False
    n = F["components"]
    return (rng.choice([2, 3]) if n == 1 else rng.choice([n + 1, 1]) if n == 2 else rng.choice([n - 1, n + 1])), False


# ---------------------------------------------------------------- premises and replies --------------------------
def _lay(s):
    return s.replace("your", "my")


def premise_phrase(c, kind, val, onesided=False):
    lay = c.reg == "lay"
    if kind == "laterality":
        if val in ("left", "right"):
            return (f"only on my {val} side" if onesided else f"on my {val} side") if lay else \
                (f"only on the {val}" if onesided else f"on the {val}")
        return ("in the middle" if lay else "in the midline") if val == "midline" else "on both sides"
    if kind == "position":
        if "vertical" in val:
            w = vert_words(c, val["vertical"])
            return _lay(w[2]) if lay else w[1]
        return (_lay(RW_LAY[val["rel"]]) + " my " if lay else c.pick(RW[val["rel"]]) + " the ") + val["other"]
    if kind == "size":
        if "class" in val:
            return c.pick(SIZE_ADJ[val["class"]]) + (" on the picture" if lay else " on this image")
        return f"about {_pct(val['pct'])}% of the {'picture' if lay else 'image'}"
    n, (u1, un) = val, c.p["unit"]
    return f"just the one {u1}" if n == 1 else f"{NUM.get(n, n)} {un}"


PREMISE_Q = {
    "laterality": {"preop": "Given it's {x}, is a focused approach reasonable?",
                   "worksheet": "The form already says it's {x}. Does the rest of the form stand?",
                   "mdt": "As it's {x}, does that change the radiotherapy fields?",
                   "patient": "So it's {x}. Is that a bad sign?"},
    "position": {"preop": "Since it lies {x}, will access be straightforward?",
                 "worksheet": "It sits {x}, so can the FNA needle reach it easily?",
                 "mdt": "Given it lies {x}, is it resectable?",
                 "patient": "So it's {x}. Can they reach it with a needle?"},
    "size": {"preop": "As it's {x}, a standard collar incision should do?",
             "worksheet": "I've entered it as {x}. Anything else for the size box?",
             "mdt": "Given it's {x}, would you still offer surgery first?",
             "patient": "It's {x}. Should I be worried?"},
    "count": {"preop": "With {x} on this image, is a focused approach still an option?",
              "worksheet": "With {x} on this sweep, how many clips do I store?",
              "mdt": "With {x} here, is neck dissection the plan?",
              "patient": "The letter mentioned {x}. Does that change anything?"}}
LET_PASS = {
    "laterality": {"preop": "A focused approach depends on concordant localisation more than anything; I'd confirm with a "
                            "second modality.",
                   "worksheet": "The rest of the form stands as entered.",
                   "mdt": "Fields follow the involved levels and the primary; I'd let the oncologists answer in detail.",
                   "patient": "Which side it's on doesn't by itself say whether it's serious; tests on the tissue do that."},
    "position": {"preop": "Access should be standard through a collar incision; keep the nerve in view.",
                 "worksheet": "An ultrasound-guided needle is the usual route; use colour Doppler to plan the track.",
                 "mdt": "Resectability turns on the carotid and the prevertebral fascia; neither is breached on this "
                        "series.",
                 "patient": "Needle tests in the neck are done with ultrasound guidance, so most spots can be reached."},
    "size": {"preop": "A standard collar incision is usually enough; extend it if the exposure is poor.",
             "worksheet": "The size box also wants the three diameters in mm; the image share is only a note.",
             "mdt": "One slice doesn't settle operability; I'd look at the whole series.",
             "patient": "How much of a picture something fills isn't a good guide to how serious it is."},
    "count": {"preop": "That rests on the whole picture and the cytology; I'd discuss it in clinic.",
              "worksheet": "One clip per lesion is the usual practice.",
              "mdt": "The levels involved matter more to that decision than the number.",
              "patient": "The number matters less than what the tests on them show; your team will explain."}}
CORR = {"note": ["Correction to that: ", "Amend: "], "talk": ["Small correction first: ", "Not quite. "],
        "lay": ["Just to clear that up: ", "Actually, not quite. "]}
SLIP = ["Sorry, correction: ", "Scratch that: ", "Let me correct myself: "]
SIDE_Q = {"preop": ["Which side for the consent form?", "Side, please, for the marking."],
          "worksheet": ["Side for the report header?", "Which side box do I tick?"],
          "mdt": ["Which side are we talking about?", "Remind me of the side?"],
          "patient": ["Which side of my neck is it on?", "Is it on my left or my right?"]}
POS_Q = {"preop": ["Where does it sit on this slice?", "Depth and neighbours, please."],
         "worksheet": ["Position box: where on the image?", "Where does it sit relative to its neighbours?"],
         "mdt": ["Where does it sit relative to the neighbouring structures?", "And its position on this slice?"],
         "patient": ["Where exactly is it in my neck?", "Whereabouts in my neck is it?"]}
SIZE_Q = {"preop": ["How big does it look on this image?", "Size on this slice?"],
          "worksheet": ["Image share for the size box?", "How much of the frame does it fill?"],
          "mdt": ["How bulky is it on this slice?", "How much of the image does it take up?"],
          "patient": ["Is it big?", "How big does it look on the scan?"]}
COUNT_Q = {"preop": ["One lesion or several? It changes the approach.", "How many separate pieces are outlined?"],
           "worksheet": ["Number of lesions to enter?", "How many separate areas did you outline?"],
           "mdt": ["Is it a single deposit or several?", "How many separate pieces are we looking at?"],
           "patient": ["Is there just one or more than one?", "How many are there?"]}
TOPIC_Q = {"laterality": SIDE_Q, "position": POS_Q, "size": SIZE_Q, "count": COUNT_Q}

TIRADS = [[("cystic or almost completely cystic", 0), ("spongiform", 0), ("mixed cystic and solid", 1),
           ("solid or almost completely solid", 2)],
          [("anechoic", 0), ("hyperechoic or isoechoic", 1), ("hypoechoic", 2), ("very hypoechoic", 3)],
          [("wider-than-tall", 0), ("taller-than-wide", 3)],
          [("smooth", 0), ("ill-defined", 0), ("lobulated or irregular", 2), ("extra-thyroidal extension", 3)],
          [("none or large comet-tail", 0), ("macrocalcifications", 1), ("peripheral rim calcifications", 2),
           ("punctate echogenic foci", 3)]]
TFIELDS = ["Composition", "Echogenicity", "Shape", "Margin", "Echogenic foci"]


def _tr(pts):
    return 1 if pts == 0 else 2 if pts == 2 else 3 if pts == 3 else 4 if pts <= 6 else 5


def _tirads(rng):
    while True:
        ch = [rng.choice(opts) for opts in TIRADS]
        pts = sum(x[1] for x in ch)
        if pts != 1:
            return ch, pts


def _advice(tr, mm):
    fna, fu = {3: (25, 15), 4: (15, 10), 5: (10, 5)}.get(tr, (None, None))
    if fna is None:
        return f"TR{tr}: no FNA and no routine follow-up, whatever the diameter."
    if mm >= fna:
        return f"TR{tr} at {mm} mm meets the FNA threshold ({fna} mm)."
    if mm >= fu:
        return f"TR{tr} at {mm} mm: below the FNA threshold of {fna} mm but at or above {fu} mm, so follow-up."
    return f"TR{tr} at {mm} mm: under {fu} mm, no FNA and no follow-up needed."


def worksheet_head(c):
    p, rng = c.p, c.rng
    g, t = p["group"], p["target"]
    if g == "nodule":
        ch, pts = _tirads(rng)
        mm = rng.randint(6, 38)
        c.tirads = (ch, pts, mm)
        head = "Dominant lesion" if p["pl"] else "Lesion scored"
        lines = [f"Neck US worksheet ({'transverse' if c.plane == 'us' else c.plane}), {head.lower()}:"]
        lines += [f"{k}: {v} ({n})" for k, (v, n) in zip(TFIELDS, ch)]
        lines += [f"Total: {pts} points, TR{_tr(pts)}", f"Maximum diameter: {mm} mm"]
        return "\n".join(lines)
    c.tirads = None
    if t == "right thyroid lobe":
        a, b, l = rng.choice([1.4, 1.6, 1.8, 2.1]), rng.choice([1.5, 1.8, 2.0, 2.3]), rng.choice([4.2, 4.8, 5.1, 5.6])
        return (f"Thyroid volume worksheet: AP {a} cm x TR {b} cm x L {l} cm, ellipsoid factor 0.52, "
                f"volume {a * b * l * 0.52:.1f} mL")
    if t == "thyroid isthmus":
        return f"Thyroid worksheet: AP thickness of the connecting band {rng.choice([2, 3, 4, 6])} mm (normal under 5 mm)"
    if g == "para":
        return ("Parathyroid worksheet: oval hypoechoic lesion, polar feeding vessel on colour Doppler: yes; "
                f"calcium {rng.choice(['2.71', '2.78', '2.86'])} mmol/L, PTH {rng.choice(['9.8', '14', '21'])} pmol/L")
    return "Neck US worksheet: thin-walled cystic lesion with internal debris, no internal vascularity, moves with swallowing"


def first_question(c, named):
    p, rng, st = c.p, c.rng, c.style
    mod = {"CT": "CT", "MR": "MRI", "US": "ultrasound"}[p["modality"]]
    plane = {"axial": "axial", "us": "transverse", "coronal": "coronal"}[c.plane]
    age, sx = rng.randint(24, 81), rng.choice(["F", "M"])
    hist = rng.choice(HIST[p["group"]])
    clue = rng.choice(p["clues"])
    wh, it = ("Which structures", "them") if p["pl"] else ("Which structure", "it")
    be = "are" if p["pl"] else "is"
    if st == "preop":
        hdr = f"Pre-op note, {age}{sx}, {hist}. {mod[0].upper() + mod[1:]}, {plane}."
        return (f"{hdr} Please outline the {p['noun']} for the op note." if named else
                f"{hdr} {wh} {be} {clue}? Outline {it} for the op note.")
    if st == "worksheet":
        head = worksheet_head(c)
        return (f"{head}\nPlease segment the {p['noun']} on this image." if named else
                f"{head}\n{wh} on this image {be} {clue}? Segment {it}, please.")
    if st == "mdt":
        hdr = f"Next case: {age}-year-old {'woman' if sx == 'F' else 'man'}, {hist}. {mod[0].upper() + mod[1:]}, {plane} series."
        return (f"{hdr} Can you outline the {p['noun']} for the room?" if named else
                f"{hdr} {wh} on this image {be} {clue}? Can you outline {it} for the room?")
    lc = rng.choice(p["lclues"])
    wk = rng.choice(["three weeks", "a couple of months", "about six weeks", "a while"])
    opener = rng.choice([f"I've had a lump in my neck for {wk} and they did {'an MRI' if mod == 'MRI' else 'a CT' if mod == 'CT' else 'an ultrasound'}.",
                         f"Worried about the lump in my neck. This is from my {mod}."])
    return (f"{opener} The letter says {p['noun']}. Can you show me where that is?" if named else
            f"{opener} Which {'bits' if p['pl'] else 'bit'} of this picture {be} {lc}? Could you mark {it} for me?")


def opening(c):
    p, st = c.p, c.style
    n = p["noun"]
    return c.pick({"preop": [f"Target: {n} [SEG].", f"Outlined: the {n} [SEG]."],
                   "worksheet": [f"Structure: {n} [SEG]"],
                   "mdt": [f"So, this is the {n} [SEG].", f"What we're looking at is the {n}, outlined here [SEG]."],
                   "patient": [(f"The parts you're asking about are the {n}, your {p['lay']}. I've outlined them [SEG]." if p["pl"] else
                                f"The part you're asking about is the {n}, your {p['lay']}. I've outlined it [SEG]."),
                               f"That's the {n} (your {p['lay']}), marked on the picture here [SEG]."]}[st])


def hypothetical(c):
    lat = c.F["laterality"]
    if lat not in ("left", "right"):
        return None
    o = OPP[lat]
    return c.pick({"note": [f"(Had it been {o}-sided, the same plan would apply mirrored.)"],
                   "talk": [f"If this had been on the {o}, the nerve course would be a little different."],
                   "lay": [f"Even if it had been on your {o} side, the tests would be the same."]}[c.reg])


def tirads_check(c):
    if not getattr(c, "tirads", None):
        return None
    ch, pts, mm = c.tirads
    s = "+".join(str(n) for _, n in ch)
    return f"Score check: {s} = {pts} points, TR{_tr(pts)}. {_advice(_tr(pts), mm)}"


# ---------------------------------------------------------------- build ----------------------------------------
class _Row:
    def __init__(self, c):
        self.c, self.turns, self.claims, self.cur = c, [], [], None

    def start(self, role):
        self.cur = (role, [])

    def put(self, text, kind=None, value=None, false=False, corrected=False, **extra):
        role, pieces = self.cur
        pieces.append(text)
        if kind:
            self.claims.append(dict(kind=kind, value=value, false=false, corrected=corrected, turn=len(self.turns),
                                    role=role, text=text, **extra))

    def end(self):
        role, pieces = self.cur
        sep = "\n" if self.c.style == "worksheet" and role == "assistant" else " "
        self.turns.append({"role": role, "content": sep.join(pieces)})


def _claim(row, kind, val, false=False, corrected=False, neg=False, onesided=False):
    row.put(claim_text(row.c, kind, val, neg, onesided), kind, val, false=false, corrected=corrected, neg=neg)


def build(p, facts, style, rng, defect):
    c = _Ctx(p, facts, style, rng)
    row = _Row(c)
    F = facts
    place = rng.choice(["first", "followup", "premise"]) if defect and defect != "names_target" else None
    dk = defect if place else None
    clean = defect is None
    kinds = ["laterality", "position", "size", "count"]

    # user question
    row.start("user")
    row.put(first_question(c, defect == "names_target"), "question")
    row.end()

    # first answer
    fk = rng.sample(kinds, rng.randint(2, 4))
    if dk:
        fk = [k for k in fk if k != dk]
        if place == "first":
            fk.insert(rng.randint(0, len(fk)), dk)
    row.start("assistant")
    row.put(opening(c))
    slip_at = rng.choice(fk) if clean and rng.random() < 0.3 and fk else None
    for k in fk:
        if k == dk and place == "first":
            v, one = false_value(c, k)
            _claim(row, k, v, false=True, onesided=one)
            continue
        if k == slip_at:
            v, one = false_value(c, k)
            t = true_value(c, k)
            row.put(claim_text(c, k, v, onesided=one) + " " + rng.choice(SLIP).rstrip(), k, v, false=True,
                    corrected=True)
            _claim(row, k, t)
            continue
        neg = clean and rng.random() < 0.3 and _neg_ok(c, k)
        t = true_value(c, k) if not neg else _neg_value(c, k)
        _claim(row, k, t, neg=neg)
        if k == "laterality" and F["laterality"] in ("left", "right") and rng.random() < 0.45:
            img, g = gloss_text(c, F["laterality"])
            row.put(g, "imgside", img)
    tc = tirads_check(c)
    if tc:
        row.put(tc, "trap")
    for t in rng.sample(TRAPS[p["group"]], rng.randint(0, 2)):
        row.put(t, "trap")
    if dk != "laterality" and rng.random() < 0.3:
        h = hypothetical(c)
        if h:
            row.put(h, "trap")
    if rng.random() < 0.5:
        row.put(rng.choice(CLOSE[style]))
    row.end()

    # follow-ups
    nfu = rng.randint(1, 3)
    pool = [k for k in kinds if k != dk] + ["other"]
    topics = rng.sample(pool, nfu)
    if place in ("followup", "premise"):
        topics[rng.randrange(nfu)] = ("premise:" if place == "premise" else "") + dk
    elif clean and rng.random() < 0.45:
        topics[rng.randrange(nfu)] = "corrected:" + rng.choice(kinds)
    elif clean and rng.random() < 0.3:
        topics[rng.randrange(nfu)] = "truepremise:" + rng.choice(kinds)
    for tp in topics:
        mode, _, k = tp.rpartition(":")
        row.start("user")
        if mode in ("premise", "corrected", "truepremise"):
            if mode == "truepremise":
                v, one = true_value(c, k), False
            else:
                v, one = false_value(c, k)
            row.put(PREMISE_Q[k][style].format(x=premise_phrase(c, k, v, one)), k, v, false=mode != "truepremise",
                    corrected=mode == "corrected", premise=True)
            row.end()
            row.start("assistant")
            if mode == "corrected":
                t = true_value(c, k)
                row.put(rng.choice(CORR[c.reg]) + claim_text(c, k, t), k, t)
                row.put(LET_PASS[k][style])
            else:
                row.put(LET_PASS[k][style])
                if rng.random() < 0.4:
                    row.put(rng.choice(TRAPS[p["group"]]), "trap")
            row.end()
            continue
        if k == "other":
            oq, oa = rng.choice(OTHER[style] + (OTHER_NODULE if p["group"] == "nodule" and style == "worksheet" else []))
            row.put(oq, "trap")
            row.end()
            row.start("assistant")
            row.put(oa)
            row.put(rng.choice(TRAPS[p["group"]]), "trap")
            row.end()
            continue
        row.put(rng.choice(TOPIC_Q[k][style]), "trap")
        row.end()
        row.start("assistant")
        if k == dk:
            v, one = false_value(c, k)
            _claim(row, k, v, false=True, onesided=one)
        else:
            neg = clean and rng.random() < 0.25 and _neg_ok(c, k)
            _claim(row, k, _neg_value(c, k) if neg else true_value(c, k), neg=neg)
            if k == "laterality" and F["laterality"] in ("left", "right") and rng.random() < 0.4:
                img, g = gloss_text(c, F["laterality"])
                row.put(g, "imgside", img)
            if k == "position" and rng.random() < 0.4:
                other = true_value(c, "position")
                if other != row.claims[-1]["value"]:
                    _claim(row, k, other)
        if rng.random() < 0.35:
            row.put(rng.choice(TRAPS[p["group"]]), "trap")
        row.end()

    LEDGER.append({"claims": row.claims, "defect": defect, "place": place or ("question" if defect else None),
                   "names": p["names"], "target": p["target"]})
    return row.turns, ([defect] if defect else [])


def _neg_ok(c, k):
    F = c.F
    if k == "position":
        return F["vertical"] != "central" or bool(F["relations"])
    if k == "size":
        return F["size_class"] in ("small", "large")
    return True


def _neg_value(c, k):
    F = c.F
    if k == "position":
        if F["vertical"] != "central" and (not F["relations"] or c.rng.random() < 0.5):
            return {"vertical": F["vertical"]}
        r = c.rng.choice(F["relations"])
        return {"rel": r["relation"], "other": r["other"]}
    if k == "size":
        return {"class": F["size_class"]}
    return true_value(c, k)
