"""Bank FP: breast imaging (breast MR and staging CT, axial and coronal, in four display orientations).

Registers: a breast radiologist's report, a multidisciplinary tumour-board discussion, a trainee being
taught at the workstation, and a worried patient chatting. The prose carries the numbers real breast
imaging talk is full of that are not the mask's: clock-face positions ("at 2 o'clock, 4 cm from the
nipple"), BI-RADS categories, core-biopsy gauges and core counts, Ki-67 percentages, ages, doses and
intervals; mammographic CC/MLO views and ultrasound are mentioned as context, never as the segmented image.
Clean rows hold true negations, hypotheticals with the other side, population figures with sides, other
structures (the contralateral breast, the other axilla) with their own sides, user premises the assistant
corrects and the assistant's own slips that it corrects.

Written without reading the QC rules. Own check (/work/notes/qcfp_scripts/check_fp.py), SEED 20261299:
rows 420, clean 210, defects 42 per kind (laterality, position, size, count, names_target);
defect sits in first answer 54, follow-up answer 61, user premise 53, question 42 (names_target); problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

LEDGER: list[list[dict]] = []  # one list of claims per build() call, read by the writer's own checker

N = 256

# other structures' normalised (x, y) centres, per display orientation
_LP = {"sternum": (0.5, 0.44), "heart": (0.52, 0.6), "left nipple": (0.74, 0.07), "right nipple": (0.25, 0.07)}
_RP = {"sternum": (0.5, 0.44), "heart": (0.47, 0.6), "right nipple": (0.74, 0.07), "left nipple": (0.25, 0.07)}
_LA = {"sternum": (0.5, 0.56), "heart": (0.52, 0.4), "left nipple": (0.74, 0.93), "right nipple": (0.25, 0.93)}
_LI = {"sternum": (0.5, 0.45), "left clavicle": (0.7, 0.08), "right clavicle": (0.3, 0.08)}

CARCINOMA = ["carcinoma", "cancer", "tumour", "tumor", "malignan"]
NODE = ["lymph", "node"]


def _p(target, orient, modality, shape, others, noun, lay, unit, units, region, regions, feat, clues, lay_clues,
       forbid, birads, lesion=True):
    return dict(target=target, orient=orient, modality=modality, shape=shape, others=others, noun=noun, lay=lay,
                unit=unit, units=units, region=region, regions=regions, feat=feat, clues=clues,
                lay_clues=lay_clues, forbid=forbid, birads=birads, lesion=lesion)


def _e(x, y, rx, ry):
    return ("e", x, y, rx, ry)


def _one(x, y, jx, jy, r0, r1, ratio=(0.8, 1.2)):
    def f(rng):
        r = rng.uniform(r0, r1)
        return [_e(x + rng.uniform(-jx, jx), y + rng.uniform(-jy, jy), r, r * rng.uniform(*ratio))]
    return f


def _oval(x, y, j, rx0, rx1, ry0, ry1):
    def f(rng):
        return [_e(x + rng.uniform(-j, j), y + rng.uniform(-j, j), rng.uniform(rx0, rx1), rng.uniform(ry0, ry1))]
    return f


def _many(cands, nmin, nmax, r0, r1, j=2.0):
    def f(rng):
        n = rng.randint(nmin, nmax)
        idx = sorted(rng.sample(range(len(cands)), n))
        out = []
        for i in idx:
            r = rng.uniform(r0, r1)
            out.append(_e(cands[i][0] + rng.uniform(-j, j), cands[i][1] + rng.uniform(-j, j), r, r * rng.uniform(0.85, 1.15)))
        return out
    return f


def _pair(a, b):
    def f(rng):
        return a(rng) + b(rng)
    return f


PROFILES = [
    _p("left breast carcinoma", "LP", "MR", _one(190, 62, 8, 8, 9, 17), _LP, "invasive carcinoma",
       "the cancer", "mass", "masses", "breast", "breasts",
       "an irregular, spiculated mass with rapid initial enhancement and washout",
       ["the lesion marked by the biopsy clip, which histology called grade 2 invasive ductal",
        "the irregular spiculated lesion with type III washout kinetics that triggered the recall"],
       ["the thing the biopsy came back bad for", "the lump the surgeon wants to take out"], CARCINOMA, "6"),
    _p("right breast carcinoma", "RP", "MR", _one(190, 60, 8, 8, 9, 16), _RP, "invasive carcinoma",
       "the cancer", "mass", "masses", "breast", "breasts",
       "an irregular enhancing mass with indistinct margins and rim enhancement",
       ["the rim-enhancing irregular lesion that the ultrasound-guided core proved to be invasive lobular",
        "the finding responsible for her new skin tethering and the architectural distortion on the MLO view"],
       ["the spot the biopsy showed was the serious kind", "what my surgeon called 'the main problem'"],
       CARCINOMA, "6"),
    _p("breast implants", "LP", "MR", _pair(_oval(62, 72, 5, 34, 40, 21, 26), _oval(193, 72, 5, 34, 40, 21, 26)),
       _LP, "silicone implants", "the implants", "implant", "implants", "breast", "breasts",
       "smooth oval devices of uniform silicone signal behind the glandular tissue",
       ["the cosmetic devices she had placed for augmentation in 2004",
        "the oval structures of homogeneous signal that sit behind her glandular tissue"],
       ["the things they put in for my augmentation years ago", "the bags I had done in my thirties"],
       ["implant", "prosthes", "silicone"], "2", lesion=False),
    _p("multifocal left breast carcinoma", "LP", "MR",
       _many([(172, 50), (198, 58), (185, 82), (212, 75), (165, 72)], 2, 4, 5, 7), _LP, "multifocal carcinoma",
       "the cancer spots", "focus", "foci", "breast", "breasts",
       "enhancing foci of the same morphology within one quadrant-sized territory",
       ["the enhancing lesions that make breast conservation doubtful in this patient",
        "the additional biopsy-proven foci that the MR found beyond the index lesion"],
       ["the extra spots the MRI picked up that might mean a mastectomy", "the several little bits they found"],
       CARCINOMA + ["multifocal"], "6"),
    _p("right axillary lymph nodes", "LP", "MR",
       _many([(28, 108), (40, 128), (22, 140), (50, 110)], 2, 4, 4, 7), _LP, "abnormal axillary lymph nodes",
       "the swollen glands in the armpit", "node", "nodes", "axilla", "axillae",
       "rounded structures with thickened cortex and effaced fatty hilum",
       ["the rounded armpit structures with a thick cortex and no fatty hilum",
        "what the oncologist needs to know about before deciding on axillary surgery"],
       ["the swollen things in my armpit they mentioned", "what they said might mean it has spread"],
       NODE + ["adenopath"], "5"),
    _p("left axillary lymph node", "LA", "MR", _one(226, 128, 6, 8, 6, 10), _LA, "clipped axillary lymph node",
       "the clipped gland in the armpit", "node", "nodes", "axilla", "axillae",
       "a rounded structure with cortical thickening and a susceptibility artefact from the marker clip",
       ["the structure with the marker clip that needs targeted excision at surgery",
        "the biopsy-proven positive structure in the armpit that was clipped before chemotherapy"],
       ["the bit in my armpit they put a little metal marker in", "the armpit thing they biopsied"],
       NODE, "6"),
    _p("right breast fibroadenoma", "LP", "MR", _one(64, 58, 8, 8, 12, 20), _LP, "fibroadenoma",
       "the fibroadenoma", "mass", "masses", "breast", "breasts",
       "an oval, circumscribed mass with dark internal septations and slow persistent enhancement",
       ["the oval circumscribed lesion with non-enhancing dark internal septations",
        "the benign-looking lesion that has been stable since her first ultrasound at 26"],
       ["the lump I've had since my twenties that they say is harmless", "the smooth lump they keep watching"],
       ["fibroadenoma"], "2"),
    _p("left breast cyst", "LI", "MR", _one(186, 158, 8, 6, 7, 13), _LI, "simple cyst", "the cyst", "cyst",
       "cysts", "breast", "breasts",
       "a round, very T2-bright, non-enhancing lesion with an imperceptible wall",
       ["the round lesion that is very bright on T2 and does not enhance at all",
        "the thing ultrasound called anechoic with posterior acoustic enhancement"],
       ["the fluid-filled thing the ultrasound lady said was nothing to worry about",
        "the little bubble of fluid they saw"], ["cyst"], "2"),
    _p("right internal mammary lymph node", "LP", "MR", _one(106, 104, 2, 3, 4, 6), _LP,
       "enlarged internal mammary lymph node", "a gland next to the breastbone", "node", "nodes", "chest",
       "chests", "a small rounded enhancing structure in the parasternal fat along the internal thoracic vessels",
       ["the parasternal structure along the internal thoracic vessels that changes the radiotherapy field",
        "the little rounded thing beside the sternum that would make this N2b"],
       ["the gland next to my breastbone they want to include in the radiotherapy",
        "the small thing beside my breastbone"], NODE + ["internal mammary"], "4"),
    _p("sternal metastasis", "LP", "CT", _oval(128, 110, 3, 14, 18, 7, 10), _LP, "sternal bone metastasis",
       "a deposit in the breastbone", "deposit", "deposits", "chest", "chests",
       "a lytic-sclerotic lesion expanding the manubrium-body junction",
       ["the bone deposit in the breastbone that changes her stage to IV",
        "the mixed lytic-sclerotic bone lesion that explains her raised alkaline phosphatase"],
       ["the spot on my breastbone they found on the staging scan", "why my chest bone has been aching"],
       ["metasta", "sternal"], None),
    _p("fibroglandular tissue", "LP", "MR", _pair(_oval(66, 62, 5, 30, 40, 16, 22), _oval(190, 62, 5, 30, 40, 16, 22)),
       _LP, "fibroglandular tissue", "the dense breast tissue", "region", "regions", "breast", "breasts",
       "the network of glandular and fibrous tissue set against the fat, with mild background enhancement",
       ["the background tissue whose amount sets the A-to-D density category",
        "what the background enhancement grade on a breast MR is judged from"],
       ["the 'dense tissue' my letter said makes my mammogram harder to read",
        "the normal tissue they said makes my breasts 'dense'"], ["fibroglandular", "glandular", "parenchym"],
       "1", lesion=False),
    _p("ruptured left breast implant", "LP", "MR", _oval(192, 72, 6, 40, 46, 24, 30), _LP,
       "ruptured silicone implant", "the broken implant", "implant", "implants", "breast", "breasts",
       "a device containing the wavy low-signal lines of a collapsed shell (the linguine sign)",
       ["the device showing the linguine sign", "the reason for the shape change she noticed after her fall"],
       ["the one they think has burst", "the bag that's leaking"], ["implant", "rupture", "prosthes"], "2",
       lesion=False),
    _p("right breast non-mass enhancement", "RP", "MR", _oval(180, 60, 8, 22, 30, 6, 9), _RP,
       "segmental non-mass enhancement", "an area of patchy enhancement", "area", "areas", "breast", "breasts",
       "a clumped, segmental area of enhancement pointing towards the nipple, with no discrete mass",
       ["the clumped segmental enhancement without a discrete mass that could be DCIS",
        "the area the surgeon needs a wire-guided excision for, as there is no lump to feel"],
       ["the patchy area on the MRI that they want to biopsy", "the area that 'lit up' without a lump"],
       ["non-mass", "nme"], "4"),
    _p("synchronous bilateral breast carcinomas", "LP", "MR",
       _pair(_one(64, 60, 8, 8, 8, 14), _one(192, 66, 8, 8, 6, 12)), _LP, "synchronous carcinomas",
       "the two cancers", "mass", "masses", "breast", "breasts",
       "irregular enhancing masses of similar morphology",
       ["the lesions both core biopsies confirmed, which drive the mastectomy discussion",
        "the biopsy-proven findings of the two recalls on the same screening round"],
       ["the ones they found after the screening recall", "what the surgeon wants to operate on"],
       CARCINOMA + ["synchronous"], "6"),
    _p("left pectoralis major muscle", "LP", "MR", _oval(178, 100, 6, 32, 38, 6, 8), _LP, "pectoralis major muscle",
       "the chest muscle behind the breast", "muscle", "muscles", "chest", "chests",
       "a flat band of muscle signal applied to the chest wall behind the breast",
       ["the flat muscle a submuscular augmentation is placed beneath",
        "the structure whose invasion would make a tumour T4 only if it reaches the chest wall proper — it doesn't by itself"],
       ["the muscle behind the breast they keep mentioning", "the muscle they said the lump isn't stuck to"],
       ["pectoral"], None, lesion=False),
    _p("right lumpectomy seroma", "LP", "MR", _one(66, 64, 8, 8, 14, 20), _LP, "post-operative seroma",
       "a pocket of fluid from the operation", "collection", "collections", "breast", "breasts",
       "a fluid-signal collection with a thin enhancing rim at the surgical site",
       ["the fluid collection in the surgical bed from last month's operation",
        "the rim-enhancing fluid pocket where the wide local excision was done"],
       ["the fluid where they did my operation", "the swelling left after my surgery"],
       ["seroma", "lumpectomy"], "2"),
    _p("thoracic vertebral metastasis", "LP", "CT", _one(128, 192, 3, 5, 10, 15), _LP,
       "vertebral body metastasis", "a deposit in the backbone", "deposit", "deposits", "chest", "chests",
       "a sclerotic lesion replacing much of the vertebral body",
       ["the bone deposit in the backbone behind her new mid-back pain",
        "the lesion that makes the bone scan's hot spot at T8 real"],
       ["the spot in my spine that's causing the back pain", "what they found in my back bone"],
       ["metasta", "vertebra"], None),
    _p("gynaecomastia", "LP", "CT", _pair(_one(78, 66, 5, 5, 10, 15), _one(178, 66, 5, 5, 10, 15)), _LP,
       "gynaecomastia", "enlarged male breast tissue", "disc", "discs", "breast", "breasts",
       "retroareolar discs of glandular tissue with a flame-shaped fat interface",
       ["the reason a 61-year-old man on spironolactone has tender swelling behind the nipples",
        "the benign retroareolar change in a man on anti-androgen therapy"],
       ["why my chest has got swollen and sore since the new tablets", "the tender swelling behind my nipples"],
       ["gynaecomastia", "gynecomastia"], "2", lesion=False),
    _p("left inflammatory breast carcinoma", "LP", "MR", _oval(190, 62, 6, 40, 48, 30, 36), _LP,
       "inflammatory carcinoma", "the inflammatory cancer", "mass", "masses", "breast", "breasts",
       "diffuse enhancing tissue with skin thickening and oedema",
       ["why her breast has been red, hot and peau d'orange for three weeks despite two courses of antibiotics",
        "the enhancing process that explains the skin oedema and trabecular thickening"],
       ["why my breast has been red and hot for weeks even after antibiotics", "the red swollen area"],
       CARCINOMA + ["inflammatory"], "5"),
    _p("right axillary lymph node", "LI", "MR", _one(36, 70, 6, 6, 6, 10), _LI, "enlarged axillary lymph node",
       "a swollen gland in the armpit", "node", "nodes", "axilla", "axillae",
       "an oval structure with cortical thickening over 3 mm and a compressed hilum",
       ["the armpit structure with a 4 mm cortex that needs an ultrasound-guided core",
        "the structure that decides whether she's N0 or N1"],
       ["the swollen thing in my armpit", "the gland in my armpit they want to needle"], NODE, "4"),
    _p("left breast abscess", "LA", "MR", _one(196, 205, 6, 8, 10, 16), _LA, "breast abscess",
       "a collection of pus", "collection", "collections", "breast", "breasts",
       "a thick-walled, rim-enhancing fluid collection with surrounding oedema",
       ["the collection behind the breastfeeding mother's fever and hot, tender lump near the nipple",
        "the rim-enhancing collection that needs aspiration rather than more antibiotics"],
       ["the hot painful lump I got while breastfeeding", "the infected lump they want to drain"],
       ["abscess"], None),
    _p("right breast satellite nodules", "RP", "MR",
       _many([(165, 48), (190, 45), (200, 68), (172, 78), (155, 64)], 2, 5, 3, 5), _RP, "satellite nodules",
       "small extra spots", "nodule", "nodules", "breast", "breasts",
       "small enhancing nodules around the index lesion",
       ["the small enhancing spots around the index lesion that the excision margins must include",
        "the tiny additional enhancing lesions that upstage the disease extent"],
       ["the little extra spots near my main lump", "the small dots around the main lump"],
       ["satellite", "nodul"], "5"),
    _p("left supraclavicular lymph nodes", "LI", "MR",
       _many([(172, 34), (192, 40), (180, 56)], 2, 3, 4, 6), _LI, "supraclavicular lymph nodes",
       "swollen glands above the collarbone", "node", "nodes", "supraclavicular fossa", "supraclavicular fossae",
       "rounded enhancing structures above the clavicle",
       ["the structures above the collarbone that would make this N3c",
        "what changes the radiotherapy plan to include the fossa above the clavicle"],
       ["the glands above my collarbone", "the lumps above my collarbone they mentioned"],
       NODE + ["supraclavicular"], "5"),
    _p("right pleural effusion", "LP", "CT", _oval(58, 190, 6, 30, 38, 24, 30), _LP, "pleural effusion",
       "fluid around the lung", "collection", "collections", "hemithorax", "hemithoraces",
       "a dependent crescent of fluid density with compressive atelectasis",
       ["the fluid around the lung making her breathless, which the oncologist wants tapped for cytology",
        "the dependent fluid that needs sampling before we call her stage IV"],
       ["the fluid on my lung that's making me short of breath", "the water on my lung"],
       ["pleural", "effusion"], None, lesion=False),
]

_ORIENT_DESC = {"LP": "axial", "RP": "axial", "LA": "axial", "LI": "coronal"}


def record_for(p):
    return {"modality": p["modality"], "body_region": "breast" if p["modality"] == "MR" else "chest",
            "orientation": p["orient"]}


def facts_for(p, rng):
    yy, xx = np.mgrid[0:N, 0:N]
    mask = np.zeros((N, N), bool)
    for _, x, y, rx, ry in p["shape"](rng):
        mask |= ((xx - x) / rx) ** 2 + ((yy - y) / ry) ** 2 <= 1.0
    return compute_facts(mask, p["orient"], dict(p["others"])).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    if defect == "count":  # count defects weighted toward multi-piece masks (but not only)
        multi = [p for p in profiles if p["target"] in MULTI]
        return rng.choice(multi if rng.random() < 0.6 else profiles)
    return rng.choice(profiles)


STYLES = ["report", "mdt", "teaching", "patient"]
MULTI = ["breast implants", "multifocal left breast carcinoma", "right axillary lymph nodes", "fibroglandular tissue",
         "synchronous bilateral breast carcinomas", "gynaecomastia", "right breast satellite nodules",
         "left supraclavicular lymph nodes"]

_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior"}
_REL_OPP = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "superior_to": "inferior_to",
            "inferior_to": "superior_to", "left_of": "right_of", "right_of": "left_of"}
_VERT_REL = ("anterior_to", "posterior_to", "superior_to", "inferior_to")


def _cap(s):
    return s[0].upper() + s[1:]


def _join(sent, q):
    return f"{sent} {_cap(q) if sent.endswith('.') else q}"


def _low(s):
    return s if s.startswith("I ") else s[0].lower() + s[1:]


# ---------------------------------------------------------------------------------------------- phrases

def side_phrase(p, v, lay, rng):
    reg, regs = p["region"], p["regions"]
    if v in ("left", "right"):
        if lay:
            return rng.choice([f"in your {v} {reg}" if reg != "hemithorax" else f"on your {v} side",
                               f"on your {v} side", f"on the {v}-hand side of your body"])
        return rng.choice([f"in the {v} {reg}", f"on the patient's {v}", f"{v}-sided",
                           f"in the {v} {reg}, i.e. the patient's {v}"])
    if v == "bilateral":
        if lay:
            return rng.choice([f"in both {regs}", "on both sides", "on the left and on the right"])
        return rng.choice([f"in both {regs}", "bilateral", "present on both sides", "bilaterally distributed"])
    if lay:
        return rng.choice(["right in the middle of your chest", "in the middle, not off to one side"])
    return rng.choice(["in the midline", "midline, not off to either side", "central, on the midline"])


def side_false(p, v, rng):
    if v in ("left", "right"):
        return _OPP[v]
    if v == "bilateral":
        return rng.choice(["left", "right"])
    return rng.choice(["left", "right"])  # midline said to be one-sided


def side_sentence(p, v, lay, rng, style, pron="It"):
    s = side_phrase(p, v, lay, rng)
    if v in ("left", "right") and not lay and rng.random() < 0.3:
        s = rng.choice([f"confined to the {v} {p['region']}", f"only on the patient's {v}"])
    adjectival = (s in ("bilateral", "left-sided", "right-sided") or s.startswith("midline,") or s.startswith("central,")
                  or s.startswith("confined") or s.startswith("only"))
    if adjectival:
        frames = [f"{pron} is {s}.", f"The finding is {s}.", f"{pron} is {s} on this {_ORIENT_DESC[p['orient']]} slice."]
    else:
        frames = [f"{pron} lies {s}.", f"You can see {pron.lower() if pron == 'It' else pron} {s}.", f"{pron} sits {s}.",
                  f"Location: {s}." if style == "report" else f"{pron} is {s}."]
    return rng.choice(frames), s


def vert_phrase(v, lay, rng):
    table = {
        "anterior": (["anteriorly", "in the anterior part of the slice", "toward the front of the chest",
                      "in the front half of the section"],
                     ["toward the front of your chest", "near the front, close to the skin side"]),
        "posterior": (["posteriorly", "toward the back of the slice", "in the posterior part of the section",
                       "deep, toward the back"],
                      ["toward your back", "toward the back of your chest"]),
        "central": (["at about mid-depth from front to back", "centrally in the front-to-back direction",
                     "roughly halfway between the front and the back of the slice"],
                    ["about halfway between the front and the back of your chest"]),
        "superior": (["superiorly", "high on this coronal slice", "in the upper part of the coronal section"],
                     ["high up, toward your shoulders", "in the upper part of the picture, toward your neck"]),
        "inferior": (["inferiorly", "low on this coronal slice", "in the lower part of the coronal section"],
                     ["low down, toward your tummy", "in the lower part of the picture, toward your waist"]),
    }
    return rng.choice(table[v][1 if lay else 0])


def vert_false(p, v, rng):
    if v in _OPP:
        return _OPP[v]
    return rng.choice(["superior", "inferior"] if p["orient"][1] in "SI" else ["anterior", "posterior"])


def vert_sentence(p, v, lay, rng, pron="It"):
    s = vert_phrase(v, lay, rng)
    frames = [f"{pron} sits {s}.", f"Here {pron.lower() if pron == 'It' else pron} is {s}.",
              f"Position-wise, {pron.lower() if pron == 'It' else pron} is {s}.", f"{pron} lies {s}."]
    if v == "central" and p["orient"][1] in "SI":
        s = rng.choice(["at mid-height on this coronal slice", "halfway up the coronal section"]) if not lay \
            else "about halfway up the picture"
        frames = [f"{pron} sits {s}.", f"{pron} is {s}."]
    return rng.choice(frames), s


def rel_phrase(rel, other, lay, rng):
    o = other
    table = {"anterior_to": [f"in front of the {o}", f"anterior to the {o}"],
             "posterior_to": [f"behind the {o}", f"posterior to the {o}", f"deep to the {o}"],
             "superior_to": [f"above the {o}", f"superior to the {o}"],
             "inferior_to": [f"below the {o}", f"inferior to the {o}"],
             "left_of": [f"to the patient's left of the {o}", f"to the left of the {o}"],
             "right_of": [f"to the patient's right of the {o}", f"to the right of the {o}"]}
    if lay:
        o2 = {"sternum": "breastbone", "clavicle": "collarbone"}.get(o, o)
        o2 = o2.replace("left clavicle", "left collarbone").replace("right clavicle", "right collarbone")
        table = {"anterior_to": [f"in front of your {o2}"], "posterior_to": [f"behind your {o2}"],
                 "superior_to": [f"above your {o2}"], "inferior_to": [f"below your {o2}"],
                 "left_of": [f"to the left of your {o2}"], "right_of": [f"to the right of your {o2}"]}
    return rng.choice(table[rel])


def rel_sentence(p, rel, other, lay, rng, pron="It"):
    s = rel_phrase(rel, other, lay, rng)
    return rng.choice([f"{pron} lies {s}.", f"{pron} is {s} on this slice.", f"On this section {pron.lower() if pron == 'It' else pron} sits {s}."]), s


def size_phrase(v, lay, rng):
    table = {"small": (["small", "a small target", "tiny relative to the field of view"],
                       ["small on the scan", "only a small area on the picture"]),
             "medium": (["moderate in size", "medium-sized", "of intermediate size for this field of view"],
                        ["medium-sized on the picture", "neither tiny nor big on the scan"]),
             "large": (["large", "a large structure", "big, taking up a good part of the image"],
                       ["quite large on the picture", "big on the scan"])}
    return rng.choice(table[v][1 if lay else 0])


def size_false(v, rng):
    return {"small": rng.choice(["large", "medium"]) if rng.random() < 0.3 else "large",
            "large": "small", "medium": rng.choice(["small", "large"])}[v]


def size_sentence(v, lay, rng, pron="It"):
    s = size_phrase(v, lay, rng)
    return rng.choice([f"{pron} is {s}.", f"Size on the image: {s}.", f"As a share of this slice, {pron.lower() if pron == 'It' else pron} is {s}."]), s


def pct_true(af):
    x = af * 100
    return round(x, 1) if x >= 0.1 else 0.1


def pct_false(af, rng):
    x = af * 100
    if x < 3:
        return float(rng.choice([12, 15, 18, 22, 25, 30]))
    return rng.choice([0.2, 0.3, round(x * 5, 0), 60.0])


def pct_text(x):
    return f"{x:g}"


def pct_sentence(x, lay, rng, pron="It"):
    t = pct_text(x)
    if lay:
        s = rng.choice([f"about {t}% of the picture", f"roughly {t} percent of the image"])
    else:
        s = rng.choice([f"about {t}% of the image area", f"roughly {t} per cent of the slice",
                        f"approximately {t}% of the field of view"])
    return rng.choice([f"{pron} covers {s}.", f"{pron} takes up {s}.", f"By area, {pron.lower() if pron == 'It' else pron} is {s}."]), s


def count_phrase(p, n, lay, rng):
    u, us = p["unit"], p["units"]
    if n == 1:
        return rng.choice([f"a single {u}", f"one solitary {u}", f"just one {u}", f"only one discrete {u}"])
    w = _WORDS.get(n, str(n))
    return rng.choice([f"{n} separate {us}", f"{w} distinct {us}", f"{w} discrete {us}", f"{w} separate {us}"])


def count_false(n, rng):
    if n == 1:
        return rng.choice([2, 3])
    opts = [n + 1, n + 2] + ([n - 1] if n - 1 >= 2 else []) + ([1] if rng.random() < 0.3 else [])
    return rng.choice(opts)


def count_sentence(p, n, lay, rng):
    s = count_phrase(p, n, lay, rng)
    if lay:
        frames = [f"There is {s} on this picture.", f"I count {s}.", f"What's highlighted is {s}."]
    else:
        frames = [f"There is {s} on this slice.", f"I count {s}.", f"The segmentation comprises {s}.",
                  f"Count: {s}."]
    if n > 1:
        frames = [f.replace("There is", "There are").replace("What's highlighted is", "What's highlighted is made up of")
                  for f in frames]
    return rng.choice(frames), s


# ---------------------------------------------------------------------------------------------- claims

class Conv:
    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.lay = style == "patient"
        self.turns: list[dict] = []
        self.claims: list[dict] = []
        self.used: list[str] = []

    def claim(self, kind, value, text, role, false=False, corrected=False, note=""):
        self.claims.append(dict(kind=kind, value=value, text=text, turn=len(self.turns), role=role,
                                false=false, corrected=corrected, note=note))

    def add(self, role, content):
        self.turns.append({"role": role, "content": content})

    def render(self, kind, value, role, false=False, corrected=False, pron="It"):
        p, rng, lay = self.p, self.rng, self.lay
        if kind == "side":
            sent, s = side_sentence(p, value, lay, rng, self.style, pron)
        elif kind == "vert":
            sent, s = vert_sentence(p, value, lay, rng, pron)
        elif kind == "rel":
            sent, s = rel_sentence(p, value[0], value[1], lay, rng, pron)
        elif kind == "size":
            sent, s = size_sentence(value, lay, rng, pron)
        elif kind == "pct":
            sent, s = pct_sentence(value, lay, rng, pron)
        else:
            sent, s = count_sentence(p, value, lay, rng)
        self.claim(kind, value, s, role, false, corrected)
        return sent, s


def true_value(kind, facts, rng, rel=None):
    if kind == "side":
        return facts["laterality"]
    if kind == "vert":
        return facts["vertical"]
    if kind == "rel":
        return rel
    if kind == "size":
        return facts["size_class"]
    if kind == "pct":
        return pct_true(facts["area_fraction"])
    return facts["components"]


def false_value(kind, p, facts, rng, rel=None):
    if kind == "side":
        return side_false(p, facts["laterality"], rng)
    if kind == "vert":
        return vert_false(p, facts["vertical"], rng)
    if kind == "rel":
        return (_REL_OPP[rel[0]], rel[1])
    if kind == "size":
        return size_false(facts["size_class"], rng)
    if kind == "pct":
        return pct_false(facts["area_fraction"], rng)
    return count_false(facts["components"], rng)


# ---------------------------------------------------------------------------------------------- context

_AGES = [34, 38, 41, 44, 47, 49, 52, 55, 58, 61, 63, 67, 71]
_HIST = ["recalled from screening", "high-risk annual surveillance, BRCA1 carrier",
         "pre-operative extent assessment", "follow-up after neoadjuvant treatment", "new palpable lump",
         "nipple discharge, single duct", "problem-solving after equivocal ultrasound", "routine review"]
_SEQ = ["first post-contrast subtraction", "T2 fat-saturated series", "early-phase subtraction MIP",
        "DCE series at 90 seconds", "non-fat-saturated T1", "portal venous phase"]


def _clock(side, rng):
    h = rng.choice([1, 2, 3, 4, 9, 10, 11, 12]) if side in ("left", "right") else rng.choice([12, 6])
    cm = rng.choice([2, 3, 4, 5, 6, 7])
    return f"{h} o'clock, {cm} cm from the nipple"


def general_trap(p, lay, rng, used):
    pro = [
        "Around half of all breast cancers arise in the upper outer quadrant, mostly because that is where most of the glandular tissue sits.",
        "Left-sided breast cancers are very slightly more common than right-sided ones, by roughly 5 to 10% in most registries.",
        "BI-RADS 3 means a likelihood of malignancy of 2% or less, which is why a 6-month follow-up is acceptable.",
        "BI-RADS 4 covers anything from a 2% to a 95% chance of malignancy, split into 4A, 4B and 4C.",
        "Remember the clock face is read as if facing the patient: 10 o'clock is upper outer on the right but upper inner on the left.",
        "A normal axillary node usually has a cortex under 3 mm and a preserved fatty hilum.",
        "On a well-positioned MLO view the pectoral muscle should reach down to about the level of the nipple.",
        "Around 80 to 90% of silicone implant ruptures are intracapsular.",
        "Male breast cancer accounts for only about 1% of breast cancers.",
        "The left breast is often a little larger than the right, which is normal.",
        "In extremely dense breasts (category D) mammographic sensitivity can drop to around 50-60%.",
        "About 15% of screen-detected cancers are only visible on one of the two standard views, CC or MLO.",
    ]
    lay_l = [
        "About 1 in 7 women in the UK is diagnosed with breast cancer at some point, and most do very well.",
        "Most lumps that women find, around 8 or 9 out of 10, turn out not to be cancer.",
        "It's common for one breast to be a bit bigger than the other; the left is often slightly larger.",
        "A BI-RADS 3 result means the chance of anything serious is 2% or less.",
        "Women with dense breasts are often offered extra imaging, because dense tissue can hide things on a mammogram.",
    ]
    pick = rng.choice([x for x in (lay_l if lay else pro) if x not in used])
    used.append(pick)
    return pick


def other_side_trap(p, facts, lay, rng, neutral=False):
    """A sentence about another structure, true by construction, that has its own side."""
    lat = facts["laterality"]
    if lat in ("left", "right") and not neutral:
        c = _OPP[lat]
        if lay:
            return rng.choice([f"Your {c} breast looks completely normal on this scan.",
                               f"The glands in your {c} armpit look normal."])
        return rng.choice([f"The {c} breast shows only scattered fibroglandular tissue with no suspicious enhancement.",
                           f"The {c} axilla is clear, with normal-appearing nodes.",
                           f"No abnormality in the contralateral ({c}) breast."])
    nodal = p["unit"] == "node"
    if lay:
        return "The rest of the scan looks reassuring." if nodal else "The glands in both armpits look normal."
    if nodal:
        return rng.choice(["Background parenchymal enhancement is minimal and symmetric.",
                           "No other suspicious enhancement in the breast parenchyma."])
    return rng.choice(["No axillary adenopathy on either side.", "Both axillae are clear.",
                       "Background parenchymal enhancement is minimal and symmetric."])


def negation_claim(conv):
    """A true negation of a side, recorded as a claim."""
    f, rng, lay = conv.f, conv.rng, conv.lay
    lat = f["laterality"]
    if lat in ("left", "right"):
        c = _OPP[lat]
        if lay:
            s = rng.choice([f"It is not in your {c} breast", f"It's not on your {c} side"]) if conv.p["region"] == "breast" \
                else f"It's not on your {c} side"
        else:
            s = rng.choice([f"It is not on the {c}", f"None of it is on the patient's {c}",
                            f"It does not involve the {c} side"])
        conv.claim("side_not", c, s, "assistant")
        return s + "."
    if lat == "bilateral":
        s = "It is not confined to one side" if not lay else "It isn't just on one side"
        conv.claim("side_not", "one-sided", s, "assistant")
        return s + "."
    s = "It is not off to the left or the right" if not lay else "It isn't off to one side"
    conv.claim("side_not", "one-sided", s, "assistant")
    return s + "."


def hypo_trap(conv):
    f, rng = conv.f, conv.rng
    lat = f["laterality"]
    if lat in ("left", "right"):
        c = _OPP[lat]
        if conv.lay:
            return f"(If it had been on your {c} side instead, nothing about the plan would change.)"
        return rng.choice([f"Had this been on the {c}, the radiotherapy heart-dose considerations would be different.",
                           f"If it were {c}-sided we would simply mirror the approach."])
    if lat == "bilateral":
        return "If it had been only on one side, a unilateral approach could have been discussed."
    return "If it had been off to one side, we would have thought more of a parasternal origin."


def quantity_trap(conv):
    p, rng, f = conv.p, conv.rng, conv.f
    opts = [f"She received gadobutrol at 0.1 mmol/kg and the scan was done on a {rng.choice(['1.5 T', '3 T'])} magnet.",
            f"The prior study was {rng.choice([6, 12, 18, 24])} months ago.",
            f"Her Tyrer-Cuzick lifetime risk came out at {rng.choice([17, 22, 26, 31])}%."]
    if p["birads"] in ("4", "5", "6"):
        opts += [f"The core biopsy was {rng.choice([14, 16])}-gauge with {rng.choice([3, 4, 5, 6])} cores taken.",
                 f"Ki-67 was {rng.choice([10, 18, 25, 35, 40])}% on the core."]
    if conv.lay:
        opts = [f"Your next appointment is in about {rng.choice([2, 3, 6])} weeks.",
                f"The scan itself took about {rng.choice([20, 25, 30])} minutes.",
                f"They took {rng.choice([3, 4, 5])} small samples with the needle last time, which is standard."]
    if p["lesion"] and f["laterality"] in ("left", "right") and p["region"] == "breast":
        opts.append(f"On the ultrasound it was described at {_clock(f['laterality'], rng)}.")
    return rng.choice(opts)


# ---------------------------------------------------------------------------------------------- questions

def first_question(conv, names, premise_sent):
    p, rng, style = conv.p, conv.rng, conv.style
    age, hist = rng.choice(_AGES), rng.choice(_HIST)
    what = f"the {p['target']}" if names else rng.choice(p["lay_clues"] if style == "patient" else p["clues"])
    pre = (premise_sent + " ") if premise_sent else ""
    if style == "report":
        q = rng.choice([f"Clinical details: {age}, {hist}. {pre}Please identify and outline {what}, with a short report.",
                        f"{pre}Could you mark {what} on this {_ORIENT_DESC[p['orient']]} {p['modality']} slice and report it?",
                        f"Request: {hist}. {pre}Where is {what}? Segment it and give me findings and impression."])
    elif style == "mdt":
        q = rng.choice([f"Next case: {age}-year-old, {hist}. {pre}Radiology, can you show us {what}?",
                        f"Chair: moving on. {pre}Before we decide on surgery, can you point out {what} for the board?",
                        f"Surgeon here. {pre}I need to see {what} on the MR before I plan anything. Where is it?"])
    elif style == "teaching":
        q = rng.choice([f"I'm a bit lost on this slice. {pre}Which one is {what}?",
                        f"Quick one before the list starts. {pre}Can you show me {what}?",
                        f"{pre}My consultant asked me to find {what} and I'm not sure. Can you outline it?"])
    else:
        q = rng.choice([f"hi, sorry, I'm really anxious. {pre}My results letter mentioned {what} — can you show me where it is on my scan?",
                        f"{pre}I've been staring at my scan images all night. Which part is {what}?",
                        f"My doctor talked me through it too fast. {pre}Can you point out {what}? I'm scared."])
    return q


def id_sentence(conv, use_label):
    p, rng, style = conv.p, conv.rng, conv.style
    name = p["target"] if use_label else p["noun"]
    lay = p["lay"]
    seq = rng.choice(_SEQ[:5] if p["modality"] == "MR" else ["portal venous phase", "bone window"])
    if style == "report":
        return rng.choice([f"FINDINGS: {_cap(name)} [SEG]: {p['feat']}.",
                           f"FINDINGS:\n- {_cap(name)} [SEG], seen as {p['feat']}."])
    if style == "mdt":
        return rng.choice([f"Thanks. On the {seq} this is the {name} [SEG] — {p['feat']}.",
                           f"Yes. What you're looking at is the {name} [SEG]: {p['feat']}."])
    if style == "teaching":
        return rng.choice([f"Good question. The answer is the {name} [SEG]. Look at the features: {p['feat']}.",
                           f"That's the {name} [SEG]. What gives it away is {p['feat']}."])
    return rng.choice([f"I completely understand why you're worried. The highlighted part [SEG] shows {lay}: in medical terms, the {name}.",
                       f"That's a very reasonable question. What I've outlined [SEG] shows {lay} — your report would call it the {name}."])


def followup_question(conv, kind, rel=None):
    rng, style = conv.rng, conv.style
    q = {
        "side": {"report": ["Which side, for the request form?", "Confirm the side for me, please."],
                 "mdt": ["Remind us of the side, please, for the consent form.", "Which side are we talking about?"],
                 "teaching": ["How do I tell which side it is on from this image?", "And the side? I always get confused on MR."],
                 "patient": ["sorry, which side is it again?", "Which side is it on? I've forgotten what they said."]},
        "vert": {"report": ["Where does it sit on the slice?", "Depth on this section?"],
                 "mdt": ["Where is it on the slice — relevant for the approach?", "How deep does it sit?"],
                 "teaching": ["Where would you describe it on the slice?", "How do I describe where it sits on this section?"],
                 "patient": ["Is it near the surface or deep inside?", "Where in my chest is it exactly?"]},
        "rel": {"report": ["Relationship to the {o}?"], "mdt": ["How does it relate to the {o}?"],
                "teaching": ["How does it relate to the {o}?"], "patient": ["Is it near my {o}?"]},
        "size": {"report": ["How big is it on this slice?", "Size on the image?"],
                 "mdt": ["How big is it on the imaging?", "Give us a sense of its size here."],
                 "teaching": ["Is it big or small, relatively?", "How would you describe its size on this image?"],
                 "patient": ["Is it big?? Please be honest.", "How big is it? I keep imagining the worst."]},
        "pct": {"report": ["What share of the image does it occupy?"], "mdt": ["How much of the slice does it take up?"],
                "teaching": ["Roughly what fraction of the image is it?"], "patient": ["How much of the picture is it?"]},
        "count": {"report": ["How many are there?", "Single or multiple?"],
                  "mdt": ["How many are we dealing with?", "Is it just the one?"],
                  "teaching": ["How many pieces should I be counting?", "Is it one structure or several?"],
                  "patient": ["Is there just one, or more?", "How many are there?"]},
    }[kind][style]
    s = rng.choice(q)
    if rel:
        o = rel[1]
        if style == "patient":
            o = {"sternum": "breastbone"}.get(o, o.replace("clavicle", "collarbone"))
        s = s.format(o=o)
    return s


def premise_text(conv, kind, value, first=False):
    """A user premise that embeds a claim of `kind`; returns (sentence, phrase)."""
    p, rng, lay = conv.p, conv.rng, conv.lay
    if kind == "side" and first:
        s = {"bilateral": "on both sides", "midline": "in the midline"}.get(value, f"on the {value} side")
        frames = []
    elif kind == "side":
        s = side_phrase(p, value, lay and False, rng) if not lay else rng.choice(
            [f"on my {value} side" if value in ("left", "right") else ("on both sides" if value == "bilateral" else "in the middle")])
        if conv.style == "patient":
            frames = [f"ok so it's {s},", f"So it's {s}, then —"]
        else:
            frames = [f"Given it's {s},", f"So it's {s} —", f"OK, it's {s}."]
    elif kind == "vert":
        s = vert_phrase(value, lay, rng)
        frames = [f"Since it sits {s},", f"OK, so it's {s} —"]
    elif kind == "rel":
        s = rel_phrase(value[0], value[1], lay, rng)
        frames = [f"As it's {s},", f"So it lies {s} —"]
    elif kind == "size":
        s = size_phrase(value, lay, rng)
        frames = [f"Given that it's {s},", f"So it's {s} —"]
    elif kind == "pct":
        t = pct_text(value)
        s = f"about {t}% of the image"
        frames = [f"If it's {s},", f"So it covers {s} —"]
    else:
        s = count_phrase(dict(p, unit="area", units="areas") if first else p, value, lay, rng)
        frames = [f"With {s} there,", f"So we have {s} —"]
    if first:
        if conv.style == "patient":
            frames = [f"they told me there's {s}." if kind == "count" else f"they told me it's {s}.",
                      f"the nurse said there's {s}." if kind == "count" else f"the nurse said it's {s}."]
        else:
            frames = [f"The referral mentions {s}." if kind == "count" else f"The referral says it is {s}.",
                      f"I was told there's {s}." if kind == "count" else f"I was told it's {s}."]
    return rng.choice(frames), s


_PREMISE_Q = {
    "report": ["does that change whether you'd recommend a second-look ultrasound?",
               "would you still recommend MR-guided biopsy?", "anything else I should add to the request?"],
    "mdt": ["is breast conservation still on the table?", "does that change the radiotherapy plan?",
            "are we comfortable proceeding to surgery?"],
    "teaching": ["what would you do next?", "how would you phrase that in the report?",
                 "what's the next step in the work-up?"],
    "patient": ["what happens next?", "does that mean it's bad?", "will I need an operation?"],
}
_PREMISE_A = {
    "report": ["A targeted second-look ultrasound is reasonable; if it is not seen, MR-guided biopsy is the fallback.",
               "Yes, I'd recommend tissue sampling and correlation with the prior mammogram.",
               "Please add the clinical examination findings and any prior imaging dates."],
    "mdt": ["From an imaging point of view that is a decision for the surgical team; I'd make sure the pathology is concordant first.",
            "Radiotherapy planning will follow the final histology; the imaging supports proceeding.",
            "Imaging is concordant with the histology, so I'm comfortable for the board to proceed."],
    "teaching": ["Next I'd correlate with the mammogram and ultrasound, then decide whether it needs sampling.",
                 "Describe it with the lexicon: shape, margin, internal enhancement, then give a BI-RADS category.",
                 "Look for additional disease in both breasts and both axillae before you commit to a plan."],
    "patient": ["The next step is usually a meeting with your breast team, who will go through the options with you.",
                "Not necessarily. Your team will look at all the results together before anyone draws conclusions.",
                "That depends on the final results; your surgeon will explain the options and you'll have time to ask questions."],
}

_CORRECT = {
    "report": ["Correction to the premise: {s}", "Just to correct that: {s}", "Not quite: {s}"],
    "mdt": ["Sorry, let me correct that before we go on: {s}", "I have to correct that: {s}", "Actually, no: {s}"],
    "teaching": ["Careful, that's not right: {s}", "Not quite; look again: {s}", "Common trap, but no: {s}"],
    "patient": ["I can see why you'd think that, but no: {s}", "Let me gently correct that: {s}"],
}
_SLIP = {
    "report": "{a} — correction: {b}", "mdt": "{a} Sorry, I misspoke: {b}",
    "teaching": "{a} Wait, let me correct myself: {b}", "patient": "{a} Oh, sorry, my mistake: {b}",
}


# ---------------------------------------------------------------------------------------------- build

def _vertical_rels(facts, p):
    return [(r["relation"], r["other"]) for r in facts["relations"] if r["relation"] in _VERT_REL]


def _lateral_rels(facts):
    return [(r["relation"], r["other"]) for r in facts["relations"] if r["relation"] in ("left_of", "right_of")]


def build(p, facts, style, rng, defect):
    conv = Conv(p, facts, style, rng)
    lay = conv.lay
    kind_of = {"laterality": "side", "size": rng.choice(["size", "pct"]), "count": "count"}
    vrels, lrels = _vertical_rels(facts, p), _lateral_rels(facts)
    if defect == "position":
        kind_of["position"] = "rel" if vrels and rng.random() < 0.4 else "vert"
    dkind = kind_of.get(defect)
    place = None
    if dkind:
        place = rng.choice(["first", "follow", "premise"])
    # which claim kinds this row makes, and the relation used
    pool = ["vert", "size", "pct", "count"] + (["rel"] if vrels else []) + (["lrel"] if lrels else [])
    rng.shuffle(pool)
    kinds = ["side"] + pool[:rng.randint(2, 3)]
    if dkind and dkind not in kinds:
        kinds.append(dkind)
    # no two claims of one group in a defective row's defect group
    groups = {"side": "side", "lrel": "side", "vert": "pos", "rel": "pos", "size": "size", "pct": "size", "count": "count"}
    if dkind:
        kinds = [k for k in kinds if k == dkind or groups[k] != groups[dkind]]
    if "size" in kinds and "pct" in kinds:
        kinds.remove("pct")
    if "vert" in kinds and "rel" in kinds and not dkind:
        pass
    rel = rng.choice(vrels) if vrels else None
    lrel = rng.choice(lrels) if lrels else None
    premise_defect = dkind if place == "premise" else None
    if premise_defect == "side":
        kinds = [k for k in kinds if groups[k] != "side"] + ["side"]
    elif premise_defect:
        pass  # the defect kind is only said in the premise
    # place the claims: first answer or a follow-up round each
    first_kinds, follow_kinds = [], []
    for k in kinds:
        if k == dkind and place == "first":
            first_kinds.append(k)
        elif k == dkind:
            follow_kinds.append(k)
        elif rng.random() < 0.55:
            first_kinds.append(k)
        else:
            follow_kinds.append(k)
    if not first_kinds:
        movable = [k for k in follow_kinds if k != dkind]
        if movable:
            first_kinds.append(movable[0])
            follow_kinds.remove(movable[0])
    # a clean-row trap: a corrected premise or a corrected slip, of a kind the row claims truthfully
    trap_kinds = [k for k in kinds if k in ("side", "size", "count", "vert") and k != dkind
                  and not (dkind and groups[k] == groups[dkind])]
    corr = None
    if trap_kinds and rng.random() < (0.75 if not defect else 0.4):
        corr = (rng.choice(["premise", "slip"]), rng.choice(trap_kinds))
        if premise_defect and corr[0] == "premise":
            corr = ("slip", corr[1])

    def val(k, false=False):
        if k == "rel":
            return false_value("rel", p, facts, rng, rel) if false else rel
        if k == "lrel":
            return lrel
        return false_value(k, p, facts, rng) if false else true_value(k, facts, rng)

    def say(k, role, false=False, corrected=False, pron="It"):
        kk = "rel" if k == "lrel" else k
        return conv.render(kk, val(k, false), role, false, corrected, pron)[0]

    # ---- first question
    first_premise = None
    if corr and corr[0] == "premise" and corr[1] in first_kinds and rng.random() < 0.5:
        fv = false_value(corr[1], p, facts, rng)
        sent, s = premise_text(conv, corr[1], fv, first=True)
        conv.claim(corr[1], fv, s, "user", false=True, corrected=True)
        first_premise = sent
    dprem_first = False
    if premise_defect and premise_defect != "rel" and rng.random() < 0.3 and not first_premise:
        fv = val(premise_defect, True)
        sent, s = premise_text(conv, premise_defect, fv, first=True)
        conv.claim(premise_defect, fv, s, "user", false=True)
        first_premise = sent
        dprem_first = True
    conv.add("user", first_question(conv, defect == "names_target", first_premise))

    # ---- first answer
    parts = []
    use_label = dkind != "side" and "side" in kinds and rng.random() < 0.35 and premise_defect != "side"
    if use_label:
        from medseg_qa.facts import name_side
        ns = name_side(p["target"]) or ("bilateral" if "bilateral" in p["target"] else None)
        if ns:
            conv.claim("side", ns, p["target"], "assistant", note="label")
    if first_premise and corr and corr[0] == "premise" and not dprem_first:
        k = corr[1]
        s_sent, _ = conv.render(k, true_value(k, facts, rng), "assistant")
        parts.append(rng.choice(_CORRECT[style]).format(s=_low(s_sent)))
        first_kinds = [x for x in first_kinds if x != k]
        follow_kinds = [x for x in follow_kinds if x != k]
        corr = ("done", k)
    parts.append(id_sentence(conv, use_label))
    for k in first_kinds:
        if premise_defect == k:
            continue
        false = (k == dkind and place == "first")
        if corr and corr[0] == "slip" and corr[1] == k and not false:
            a = say(k, "assistant", false=True, corrected=True)
            b = say(k, "assistant")
            parts.append(_SLIP[style].format(a=a, b=_low(b)))
            corr = ("done", k)
        else:
            parts.append(say(k, "assistant", false=false))
    if rng.random() < 0.6:
        parts.append(quantity_trap(conv))
    if style == "report" and p["birads"]:
        parts.append(rng.choice([f"\nIMPRESSION: BI-RADS {p['birads']}.", f"\nIMPRESSION: as above. BI-RADS category {p['birads']}."]))
    elif rng.random() < 0.5:
        parts.append(general_trap(p, lay, rng, conv.used))
    conv.add("assistant", " ".join(parts).replace(" \n", "\n"))

    # ---- follow-up rounds
    rounds = [k for k in follow_kinds if not (k == premise_defect and dprem_first)]
    if premise_defect and premise_defect not in rounds and not dprem_first:
        rounds.append(premise_defect)
    rng.shuffle(rounds)
    if corr and corr[0] == "premise" and corr[1] not in rounds:
        rounds.append(corr[1])
    extras = ["other", "neg", "hypo", "general"]
    rng.shuffle(extras)
    keep = [k for k in rounds if k == dkind or (corr and corr[0] != "done" and corr[1] == k)]
    while len(rounds) > 3:  # at most three follow-up rounds: drop a claim nobody needs
        rounds.remove(next(k for k in rounds if k not in keep))
    while len(rounds) < 1 or (len(rounds) < 3 and rng.random() < 0.4):
        rounds.append(extras.pop())
    for k in rounds:
        if k in ("other", "neg", "hypo", "general"):
            conv.add("user", "")
            if k == "other":
                uq = rng.choice(["Anything else on the other side?", "What about the rest of the study?",
                                 "And elsewhere?"]) if not lay else "Is everything else ok?"
                ans = other_side_trap(p, facts, lay, rng, neutral=(dkind == "side"))
            elif k == "neg":
                uq = rng.choice(["Just so I'm sure about the side — is there anything on the other side?",
                                 "Could I be looking at the wrong side?"]) if not lay else "are you sure it's not on the other side?"
                if premise_defect == "side" or dkind == "side":
                    ans = other_side_trap(p, facts, lay, rng, neutral=True)
                else:
                    ans = negation_claim(conv) + " " + other_side_trap(p, facts, lay, rng)
            elif k == "hypo":
                uq = rng.choice(["Would it matter which side it was on?", "Does the side change anything?"]) \
                    if not lay else "does it matter which side it's on?"
                ans = hypo_trap(conv) if not (premise_defect == "side" or dkind == "side") else \
                    "For the imaging itself, no; the planning details are for the treating team."
            else:
                uq = rng.choice(["Any general points worth knowing here?", "Anything I should know in general?"]) \
                    if not lay else "how common is this kind of thing?"
                ans = general_trap(p, lay, rng, conv.used)
            conv.turns[-1]["content"] = uq
            conv.add("assistant", ans)
            continue
        if k == premise_defect and not dprem_first:
            fv = val(k, True)
            sent, s = premise_text(conv, "rel" if k == "rel" else k, fv)
            uq = _join(sent, rng.choice(_PREMISE_Q[style]))
            conv.add("user", uq)
            conv.claims.append(dict(kind="rel" if k == "rel" else k, value=fv, text=s, turn=len(conv.turns) - 1,
                                    role="user", false=True, corrected=False, note=""))
            conv.add("assistant", rng.choice(_PREMISE_A[style]))
            continue
        if corr and corr[0] == "premise" and corr[1] == k:
            fv = false_value(k, p, facts, rng)
            sent, s = premise_text(conv, k, fv)
            uq = _join(sent, rng.choice(_PREMISE_Q[style]))
            conv.add("user", uq)
            conv.claims.append(dict(kind=k, value=fv, text=s, turn=len(conv.turns) - 1, role="user",
                                    false=True, corrected=True, note=""))
            s_sent, _ = conv.render(k, true_value(k, facts, rng), "assistant")
            conv.add("assistant", rng.choice(_CORRECT[style]).format(s=_low(s_sent)) + " "
                     + rng.choice(_PREMISE_A[style]))
            corr = ("done", k)
            continue
        kk = "rel" if k in ("rel", "lrel") else k
        conv.add("user", followup_question(conv, kk, val(k) if kk == "rel" else None))
        false = (k == dkind and place == "follow")
        if corr and corr[0] == "slip" and corr[1] == k and not false:
            a = say(k, "assistant", false=True, corrected=True)
            b = say(k, "assistant")
            body = _SLIP[style].format(a=a, b=_low(b))
            corr = ("done", k)
        else:
            body = say(k, "assistant", false=false)
        if rng.random() < 0.35:
            body += " " + quantity_trap(conv)
        conv.add("assistant", body)
    LEDGER.append(conv.claims)
    return conv.turns, ([defect] if defect else [])
