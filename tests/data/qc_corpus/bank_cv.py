"""Bank CV: abdomen and pelvis on axial CT/MR ("LP") plus a few coronal MR ("LI") slices.

Targets: liver, spleen, left kidney, right kidney, kidneys (bilateral), pancreas (midline), gallbladder,
left adrenal gland, aorta (midline), urinary bladder (midline), prostate (midline), uterus (midline),
liver tumours (several regions), kidney cysts (several regions, both sides), psoas muscles (bilateral),
and on coronal MR: liver, kidneys, spleen.
Registers (STYLES): "terse" (terse radiologist), "tutor" (patient tutor, step by step), "markdown" (chatty
markdown with headings, bold, bullets, the odd emoji), "words" (every number spelled out in words).

Written without reading QC. Every claim about the target is written from the measured facts and logged in
LEDGER (kind, value, turn, role, status); a defect row holds exactly one false claim of its kind (29 of 168
side/position/size/count defects in a user's premise the assistant leaves standing, 32 in a follow-up answer,
107 in the first answer) and no other logged claim of that kind. Clean rows may hold a user's false idea that
the assistant explicitly corrects (61 rows). 10 of 18 profiles are bilateral, midline or multi-region (239 rows).
Own check (/work/notes/qccv_scripts/check_cv.py): rows: 420 clean: 210 laterality: 42 position: 42 size: 42
count: 42 names_target: 42 problems: 0.
"""

import math
import random

import numpy as np

STYLES = ["terse", "tutor", "markdown", "words"]

# ---------------------------------------------------------------------------------------------------
# profiles: ellipses (cx, cy, rx, ry) in pixels on a 256x256 grid; others = normalised centroids

_KIDNEY_Q = [
    "Which paired organs filter the blood and make urine? Please segment them on this slice.",
    "Segment the bean-shaped organs that sit against the back muscles and produce urine.",
    "The patient's creatinine is climbing. Which paired organs would you look at first here? Outline them.",
    "Which organs, one on each side, receive blood straight off the aorta to make urine? Segment them please.",
]

PROFILES = [
    dict(target="liver", key="liver", modality="CT", region="abdomen", orient="LP", pl=False,
         ell=[(80, 100, 42, 46)], others={"aorta": (0.5, 0.6), "stomach": (0.64, 0.38), "spleen": (0.8, 0.6)},
         names=["the liver", "the hepatic parenchyma", "the liver"],
         banned=["liver", "hepat"],
         qs=["Which organ on this CT produces bile and stores glycogen? Please segment it.",
             "A patient has yellow eyes and dark urine. Which organ should I be looking at on this slice? Segment it.",
             "Which organ here makes albumin and clotting factors? Can you outline it?",
             "Which big organ sits under the right hemidiaphragm and detoxifies drugs? Segment it for me."],
         named=["Please segment the liver on this CT slice.", "Can you outline the hepatic parenchyma here?",
                "Segment the liver for me, please."],
         why=["Bile production and glycogen storage both point to the liver.",
              "That job description belongs to the liver."],
         know=["The spleen sits on the opposite side, tucked under the left hemidiaphragm.",
               "The left lobe can extend across the midline in some people, so it can look odd on a single slice.",
               "The gallbladder hangs from its underside, on the right.",
               lambda n: f"Fatty change is common, seen in roughly {n(25)}% of adults in many series."]),
    dict(target="spleen", key="spleen", modality="CT", region="abdomen", orient="LP", pl=False,
         ell=[(186, 160, 21, 29)], others={"aorta": (0.5, 0.6), "stomach": (0.64, 0.38), "left kidney": (0.69, 0.68)},
         names=["the spleen", "the spleen"], banned=["spleen", "splen"],
         qs=["Which organ filters old red cells out of the blood? Please segment it.",
             "After a left-sided rib fracture, which organ here worries the trauma team most? Segment it.",
             "Which organ enlarges in infectious mononucleosis and can rupture? Outline it on this slice.",
             "Which lymphoid organ sits up under the left ribs? Can you segment it?"],
         named=["Please segment the spleen.", "Outline the splenic tissue on this slice."],
         why=["Filtering old red cells is the job of the spleen.", "That points to the spleen."],
         know=["The liver is on the other side, on the patient's right.",
               "The left kidney lies just medial and behind it on most slices.",
               lambda n: f"A small accessory spleen turns up in about {n(10)}% to {n(30)}% of people."]),
    dict(target="left kidney", key="kidney", modality="CT", region="abdomen", orient="LP", pl=False,
         ell=[(176, 166, 16, 22)], others={"aorta": (0.5, 0.6), "spleen": (0.78, 0.55), "vertebral body": (0.5, 0.7)},
         names=["the left kidney", "the left kidney"], banned=["kidney", "renal", "nephr"],
         qs=["Which organ on the patient's left filters blood and makes urine? Please segment it.",
             "Of the two bean-shaped organs that make urine, segment the one on the patient's left.",
             "Which urine-producing organ sits on the left, below the spleen? Outline it."],
         named=["Segment the left kidney.", "Please outline the left renal parenchyma."],
         why=["A bean-shaped, urine-producing organ on the patient's left is the left kidney."],
         know=["The left renal vein crosses in front of the aorta to reach the IVC.",
               "The right kidney usually sits a little lower than the left because of the liver.",
               "The spleen sits above and lateral to it."]),
    dict(target="right kidney", key="kidney", modality="MR", region="abdomen", orient="LP", pl=False,
         ell=[(82, 168, 15, 21)], others={"aorta": (0.5, 0.6), "liver": (0.3, 0.42), "vertebral body": (0.5, 0.7)},
         names=["the right kidney", "the right kidney"], banned=["kidney", "renal", "nephr"],
         qs=["Which urine-making organ sits under the liver on the patient's right? Segment it.",
             "Of the two bean-shaped organs that filter blood, please segment the right one.",
             "Where is the organ that would swell up on the right with a stone stuck in the ureter? Outline it."],
         named=["Segment the right kidney on this MR slice.", "Outline the right renal parenchyma."],
         why=["The urine-making organ on the right is the right kidney."],
         know=["The left kidney usually sits slightly higher than this one.",
               "The IVC runs just in front of and medial to it, on the right of the aorta.",
               lambda n: f"Simple cysts are common, found in roughly {n(27)}% of people over fifty."]),
    dict(target="kidneys", key="kidneys", modality="CT", region="abdomen", orient="LP", pl=True,
         ell=[(80, 166, 15, 22), (176, 164, 15, 22)], others={"aorta": (0.5, 0.6), "pancreas": (0.52, 0.42)},
         names=["both kidneys", "the kidneys", "the two kidneys"], banned=["kidney", "renal", "nephr"],
         qs=_KIDNEY_Q, named=["Segment both kidneys please.", "Please outline the kidneys on this slice."],
         why=["Paired, bean-shaped, urine-producing organs: the kidneys."],
         know=["The aorta sits between them, just left of the midline.",
               "The liver pushes the right one down a little, so it tends to sit lower than the left.",
               lambda n: f"A horseshoe kidney, where the lower poles fuse, occurs in roughly {n(1)} in {n(500)} people."]),
    dict(target="pancreas", key="pancreas", modality="CT", region="abdomen", orient="LP", pl=False,
         ell=[(134, 106, 40, 9)], others={"aorta": (0.5, 0.6), "spleen": (0.8, 0.55), "stomach": (0.6, 0.3)},
         names=["the pancreas", "the pancreas"], banned=["pancrea"],
         qs=["Which gland makes insulin and digestive enzymes? Please segment it.",
             "A patient with epigastric pain radiating to the back and a high lipase: which organ should I outline here?",
             "Which retroperitoneal gland drapes over the aorta and the splenic vein? Segment it."],
         named=["Segment the pancreas please.", "Outline the pancreatic gland on this slice."],
         why=["Insulin plus digestive enzymes: that's the pancreas."],
         know=["The splenic vein runs along its back surface.",
               "Its tail points toward the spleen on the left and its head nestles in the duodenal loop on the right.",
               lambda n: f"Most adenocarcinomas, around {n(60)}% to {n(70)}%, arise in the head."]),
    dict(target="gallbladder", key="gallbladder", modality="CT", region="abdomen", orient="LP", pl=False,
         ell=[(95, 98, 10, 13)], others={"aorta": (0.5, 0.6), "right kidney": (0.32, 0.66)},
         names=["the gallbladder", "the gallbladder"], banned=["gallbladder", "gall bladder", "gall", "cholecyst"],
         qs=["Which pear-shaped sac stores and concentrates bile? Please segment it.",
             "Right upper quadrant pain after a fatty meal and a positive Murphy sign: which structure should I segment?",
             "Where does bile get stored between meals? Outline that structure."],
         named=["Segment the gallbladder please.", "Can you outline the gallbladder on this CT?"],
         why=["Storing and concentrating bile is what the gallbladder does."],
         know=["The common bile duct runs down toward the head of the pancreas, near the midline.",
               lambda n: f"Stones are found in about {n(10)}% to {n(15)}% of adults in Western countries."]),
    dict(target="left adrenal gland", key="adrenal", modality="CT", region="abdomen", orient="LP", pl=False,
         ell=[(160, 135, 5, 9)], others={"aorta": (0.5, 0.6), "left kidney": (0.69, 0.7)},
         names=["the left adrenal gland", "the left adrenal"], banned=["adrenal", "suprarenal"],
         qs=["Which small gland on the patient's left makes cortisol and epinephrine? Segment it.",
             "A patient with hypertension and low potassium: which little endocrine gland on the left should I outline?",
             "Which thin, lambda-shaped gland sits above the left kidney? Segment it."],
         named=["Segment the left adrenal gland.", "Please outline the left suprarenal gland."],
         why=["Cortisol and epinephrine on the left means the left adrenal gland."],
         know=["The right-sided gland sits behind the IVC instead.",
               lambda n: f"Incidental nodules turn up in about {n(3)}% to {n(7)}% of abdominal CTs."]),
    dict(target="aorta", key="aorta", modality="CT", region="abdomen", orient="LP", pl=False,
         ell=[(128, 150, 9, 9)], others={"inferior vena cava": (0.41, 0.58), "vertebral body": (0.5, 0.72),
                                         "pancreas": (0.52, 0.41)},
         names=["the abdominal aorta", "the aorta"], banned=["aort"],
         qs=["Which vessel carries oxygenated blood from the heart down to the legs? Segment it on this slice.",
             "A patient has sudden tearing back pain. Which artery should I outline here?",
             "Which big artery gives off the coeliac trunk and the SMA? Please segment it."],
         named=["Segment the aorta.", "Please outline the abdominal aorta."],
         why=["The main artery carrying blood from the heart to the body is the aorta."],
         know=["The IVC runs to its right, on the patient's right side.",
               "The left renal vein passes in front of it, between it and the SMA.",
               lambda n: f"An aneurysm is usually defined as a diameter over {n(3)} centimetres."]),
    dict(target="urinary bladder", key="bladder", modality="CT", region="pelvis", orient="LP", pl=False,
         ell=[(128, 100, 30, 24)], others={"rectum": (0.5, 0.74), "left femoral head": (0.78, 0.58)},
         names=["the urinary bladder", "the bladder"], banned=["bladder", "vesic", "cyst"],
         qs=["Which hollow organ stores urine? Please segment it on this pelvic slice.",
             "A patient can't pass urine and has lower abdominal swelling. Which organ should I outline?",
             "Which structure, just behind the pubic bones, fills with urine? Segment it."],
         named=["Segment the urinary bladder please.", "Outline the bladder on this slice."],
         why=["The hollow organ that stores urine is the bladder."],
         know=["The rectum lies behind it.", "The ureters enter from the back, one on each side."]),
    dict(target="prostate", key="prostate", modality="MR", region="pelvis", orient="LP", pl=False,
         ell=[(128, 152, 14, 12)], others={"pubic symphysis": (0.5, 0.3), "rectum": (0.5, 0.8)},
         names=["the prostate", "the prostate gland"], banned=["prostat"],
         qs=["Which gland surrounds the male urethra just below the bladder? Please segment it.",
             "An older man has a rising PSA. Which gland should I outline on this MR slice?",
             "Which walnut-sized gland sits in front of the rectum in men? Segment it."],
         named=["Segment the prostate.", "Please outline the prostate gland."],
         why=["A gland around the male urethra below the bladder: the prostate."],
         know=["The seminal vesicles sit above and behind it, one on each side.",
               lambda n: f"Most cancers, about {n(70)}%, arise in the peripheral zone."]),
    dict(target="uterus", key="uterus", modality="MR", region="pelvis", orient="LP", pl=False,
         ell=[(130, 135, 30, 22)], others={"urinary bladder": (0.5, 0.3), "rectum": (0.5, 0.78)},
         names=["the uterus", "the uterus"], banned=["uter", "womb", "hyster"],
         qs=["Which muscular organ holds a pregnancy? Please segment it on this pelvic MR.",
             "Heavy periods and a bulky pelvic organ on exam: which organ should I outline?",
             "Which organ sits between the bladder and the rectum in women? Segment it."],
         named=["Segment the uterus.", "Please outline the uterine body here."],
         why=["The muscular organ that carries a pregnancy is the uterus."],
         know=["The ovaries usually sit off to either side, near the pelvic side walls.",
               lambda n: f"Fibroids are found in about {n(70)}% of women by age fifty."]),
    dict(target="liver tumours", key="lesions", modality="CT", region="abdomen", orient="LP", pl=True,
         ell=[(70, 100, 7, 7), (96, 126, 9, 9), (60, 142, 6, 6)], others={"aorta": (0.5, 0.6)},
         names=["liver tumours", "the liver lesions", "the hepatic tumours"],
         banned=["liver", "hepat", "tumo", "lesion", "metasta", "mass", "neoplas", "cancer", "carcinoma", "nodule"],
         qs=["This patient had a sigmoid colectomy two years ago and the CEA is climbing. Where has the disease spread in the organ that makes bile? Segment every deposit.",
             "Are there any focal spots in the big organ that makes bile on this portal venous CT? Segment all of them.",
             "Follow-up CT after chemo: please segment the abnormal foci inside the organ that stores glycogen."],
         named=["Segment the liver tumours.", "Please outline all the liver lesions.", "Segment the hepatic metastases."],
         why=["Low-density foci in the organ that makes bile after a colon primary are most likely liver tumours, i.e. metastases."],
         know=["The spleen, on the other side, is clear on this slice.",
               lambda n: f"Around {n(50)}% of colorectal cancer patients develop liver spread at some point."]),
    dict(target="kidney cysts", key="cysts", modality="CT", region="abdomen", orient="LP", pl=True,
         ell=[(78, 165, 7, 7), (180, 160, 9, 9), (172, 180, 6, 6)], others={"aorta": (0.5, 0.6)},
         names=["kidney cysts", "the renal cysts", "the kidney cysts"],
         banned=["kidney", "renal", "nephr", "cyst"],
         qs=["Are there round, water-density spots in the bean-shaped organs that make urine? Segment them all.",
             "Incidental finding question: please segment the fluid-filled pockets in the urine-producing organs.",
             "Which thin-walled, fluid-filled spots can you see in the organs that filter the blood? Outline them."],
         named=["Segment the kidney cysts.", "Please outline the renal cysts."],
         why=["Round, water-density, thin-walled spots in the kidneys: kidney cysts."],
         know=["The aorta runs between the two kidneys, in front of the spine.",
               lambda n: f"Simple cysts are found in roughly {n(27)}% of people over fifty."]),
    dict(target="psoas muscles", key="psoas", modality="CT", region="abdomen", orient="LP", pl=True,
         ell=[(105, 172, 11, 14), (151, 172, 11, 14)], others={"aorta": (0.5, 0.58)},
         names=["the psoas muscles", "both psoas muscles"], banned=["psoas", "iliopsoas"],
         qs=["Which paired structures beside the lumbar spine flex the hip? Please segment them.",
             "In sarcopenia research people measure a paired hip flexor at the third lumbar level. Which is it? Segment both sides.",
             "Which paired structures would an abscess track along from the spine to the groin? Outline them."],
         named=["Segment the psoas muscles.", "Outline both psoas muscles please."],
         why=["Paired hip flexors along the lumbar spine: the psoas muscles."],
         know=["The quadratus lumborum sits further out and behind, on each side.",
               "The aorta lies in front of the spine, slightly to the left."]),
    dict(target="liver", key="liver", modality="MR", region="abdomen", orient="LI", pl=False,
         ell=[(85, 95, 45, 38)], others={"right kidney": (0.33, 0.62), "spleen": (0.78, 0.38)},
         names=["the liver", "the liver"], banned=["liver", "hepat"],
         qs=["On this coronal MR, which organ produces bile? Segment it.",
             "Which organ under the right hemidiaphragm makes clotting factors? Please outline it on this coronal image."],
         named=["Segment the liver on this coronal MR."],
         why=["Bile production means the liver."],
         know=["The spleen sits at the same height on the opposite side, under the left hemidiaphragm.",
               "The right kidney sits just under it, lower down on the right."]),
    dict(target="kidneys", key="kidneys", modality="MR", region="abdomen", orient="LI", pl=True,
         ell=[(85, 140, 14, 26), (171, 135, 14, 26)], others={"urinary bladder": (0.5, 0.88), "lung bases": (0.5, 0.15)},
         names=["both kidneys", "the kidneys"], banned=["kidney", "renal", "nephr"],
         qs=["On this coronal MR, which paired organs make urine? Please segment them.",
             "Coronal MR urography: which paired organs should I outline?"],
         named=["Segment both kidneys on this coronal MR."],
         why=["Paired urine-producing organs: the kidneys."],
         know=["The adrenal glands sit on top of them like caps.",
               "The right one usually lies slightly lower than the left because of the liver."]),
    dict(target="spleen", key="spleen", modality="MR", region="abdomen", orient="LI", pl=False,
         ell=[(178, 92, 20, 28)], others={"left kidney": (0.67, 0.56), "liver": (0.3, 0.36)},
         names=["the spleen", "the spleen"], banned=["spleen", "splen"],
         qs=["On this coronal MR, which organ clears old red blood cells? Segment it.",
             "Which organ under the left hemidiaphragm would enlarge in portal hypertension? Outline it on this coronal slice."],
         named=["Segment the spleen on this coronal image."],
         why=["Clearing old red cells points to the spleen."],
         know=["The liver fills the opposite upper quadrant.", "The left kidney sits below it."]),
]


def record_for(p):
    return dict(modality=p["modality"], body_region=p["region"], orientation=p["orient"])


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    for cx, cy, rx, ry in p["ell"]:
        cx, cy = cx + rng.uniform(-2, 2), cy + rng.uniform(-2, 2)
        rx, ry = rx + rng.uniform(-1, 1), ry + rng.uniform(-1, 1)
        mask |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    return compute_facts(mask, p["orient"], dict(p["others"])).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)


# ---------------------------------------------------------------------------------------------------
# numbers

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words_int(n):
    n = int(n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + words_int(rest))
    return words_int(n // 1000) + " thousand" + ("" if n % 1000 == 0 else " " + words_int(n % 1000))


def _pct_str(x):
    return str(int(round(x))) if x >= 10 else f"{x:.1f}" if x >= 1 else f"{x:.2f}".rstrip("0")


def pct_text(x, W):
    """x in percent; integer from ten, one decimal from one, two decimals below one."""
    v = _pct_str(x)
    if not W:
        return v + "%"
    if "." not in v:
        return words_int(int(v)) + " percent"
    a, b = v.split(".")
    return f"{words_int(int(a))} point {' '.join(_ONES[int(d)] for d in b)} percent"


def pct_value(x):
    return float(_pct_str(x))


def num(n, W):
    return words_int(n) if W else str(n)


# ---------------------------------------------------------------------------------------------------
# the ledger: every claim about the target, in order of writing

LEDGER = []


class Row:
    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.W = style == "words"
        self.claims = []
        self.turn = 0
        self.role = "user"
        self.pl = p["pl"]
        self.used = set()

    def claim(self, kind, value, status):
        self.claims.append(dict(kind=kind, value=value, turn=self.turn, role=self.role, status=status))

    def n(self, x):
        return num(x, self.W)


_SIDE_ADJ = {"left": "left", "right": "right"}
_IMG = {"left": "right", "right": "left"}  # where the patient's side shows on the image (L along columns)
_OPP_V = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
_REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def _subj(R):
    p, rng = R.p, R.rng
    opts = [("It" if not R.pl else "They", R.pl), (p["names"][rng.randrange(len(p["names"]))], R.pl),
            ("The mask", False), ("The segmented region" if not R.pl else "The segmented regions", R.pl)]
    s, pl = opts[rng.choice([0, 0, 1, 1, 2, 3])]
    if s.startswith("the "):
        s = "T" + s[1:]
    if s[0].islower():
        s = s[0].upper() + s[1:]
    return s, pl


def lo(s):
    return s[0].lower() + s[1:]


def _v(pl, sing, plur):
    return plur if pl else sing


# ----- sentence makers: each logs its claim and returns text -------------------------------------

def side_sent(R, value, status):
    """A sentence about the target's side (value = what it says)."""
    R.claim("laterality", value, status)
    rng, T = R.rng, R.style == "terse"
    S, pl = _subj(R)
    be = _v(pl, "is", "are")
    if value in ("left", "right"):
        img = _IMG[value]
        other = "right" if value == "left" else "left"
        if T:
            return rng.choice([f"{value.capitalize()}-sided.", f"Patient's {value}.", f"Side: {value}."])
        return rng.choice([
            f"{S} {_v(pl, 'lies', 'lie')} on the patient's {value} side.",
            f"{S} {be} on the patient's {value}; on screen that shows up on the image's {img} side, because we look at the patient from the feet.",
            f"Side-wise, this is the patient's {value}, not the {other}.",
            f"{S} {_v(pl, 'sits', 'sit')} in the {value} half of the body (image {img} = patient {value}).",
            f"It's {value}-sided.",
        ])
    if value == "midline":
        if T:
            return rng.choice(["Midline.", "Side: midline, straddles the centre."])
        return rng.choice([
            f"{S} {_v(pl, 'sits', 'sit')} right in the midline, straddling the centre of the body rather than off to one side.",
            f"{S} {be} a midline structure, centred between left and right.",
            "Laterality: midline - it crosses the centre line.",
        ])
    if value == "bilateral":
        if T:
            return rng.choice(["Bilateral.", "Both sides."])
        return rng.choice([
            "It's bilateral: there are separate parts on both the patient's left and right.",
            f"Both sides are involved, left and right.",
            "The mask covers the left and the right side, so this is a bilateral finding.",
        ])
    # one-sided claim for a bilateral mask
    side = value.split("-")[0]
    if T:
        return f"Confined to the {side}."
    return rng.choice([f"Everything I segmented is on the patient's {side} side only.",
                       f"It's confined to the patient's {side}; the other side is clear."])


def side_neg(R, lat):
    """A TRUE negation or convention sentence."""
    rng = R.rng
    if lat in ("left", "right"):
        other = "right" if lat == "left" else "left"
        R.claim("laterality", lat, "true")
        return rng.choice([
            f"Note it is not on the {other} - it only looks that way on screen because the patient's {lat} is displayed on the image's {_IMG[lat]}.",
            f"Don't be fooled by the display: appearing on the image's {_IMG[lat]} means the patient's {lat}.",
            f"It is not the {other}-sided one.",
        ])
    if lat == "midline":
        R.claim("laterality", "midline", "true")
        return rng.choice(["It isn't off to the left or the right.", "It doesn't favour either side."])
    R.claim("laterality", "bilateral", "true")
    return rng.choice(["It isn't just a one-sided finding.", "It's not limited to the left or to the right."])


_VWORD = {
    "anterior": ["toward the front of the body", "anteriorly", "in the front half of the slice"],
    "posterior": ["toward the back", "posteriorly", "in the back half of the slice"],
    "superior": ["high up, toward the head", "superiorly", "in the upper part of the coronal image"],
    "inferior": ["low, toward the feet", "inferiorly", "in the lower part of the coronal image"],
}


def vert_sent(R, value, status):
    R.claim("vertical", value, status)
    rng, T = R.rng, R.style == "terse"
    S, pl = _subj(R)
    if value == "central":
        ax = "front-to-back" if R.p["orient"] == "LP" else "head-to-foot"
        if T:
            return rng.choice([f"Central {ax}.", "Vertical position: central."])
        return rng.choice([f"{S} {_v(pl, 'sits', 'sit')} centrally in the {ax} direction.",
                           f"In the {ax} axis {lo(S)} {_v(pl, 'is', 'are')} roughly central."])
    if T:
        return rng.choice([f"{value.capitalize()}.", f"Position: {value}."])
    ph = rng.choice(_VWORD[value])
    return rng.choice([f"{S} {_v(pl, 'lies', 'lie')} {ph}.", f"Position-wise, {lo(S)} {_v(pl, 'is', 'are')} {value}.",
                       f"{S} {_v(pl, 'is', 'are')} {value} ({_VWORD[value][0]})."])


_RELPH = {"left_of": ["to the patient's left of", "on the left side of"],
          "right_of": ["to the patient's right of", "on the right side of"],
          "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
          "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}


def rel_sent(R, other, rel, status):
    R.claim("relation", [other, rel], status)
    rng = R.rng
    S, pl = _subj(R)
    ph = rng.choice(_RELPH[rel])
    if R.style == "terse":
        return f"{ph[0].upper() + ph[1:]} the {other}."
    return rng.choice([f"{S} {_v(pl, 'lies', 'lie')} {ph} the {other}.", f"Relative to the {other}, {lo(S)} {_v(pl, 'is', 'are')} {ph} it."])


_CLASS_PH = {"small": ["small", "a small structure"], "medium": ["medium-sized", "moderate in size"],
             "large": ["large", "big"]}


def size_class_sent(R, value, status):
    R.claim("size_class", value, status)
    rng = R.rng
    S, pl = _subj(R)
    if R.style == "terse":
        return rng.choice([f"Size: {value}.", f"{value.capitalize()}."])
    ph = rng.choice(_CLASS_PH[value])
    if ph.startswith("a "):
        ph = ph if not pl else "small structures"
    return rng.choice([f"{S} {_v(pl, 'is', 'are')} {ph} on this slice.", f"Size-wise I'd call this {value}.",
                       f"In terms of size, {value}."])


def size_pct_sent(R, value, status):
    R.claim("percent", value, status)
    rng, W = R.rng, R.W
    t = pct_text(value, W)
    if R.style == "terse":
        return rng.choice([f"~{t} of the slice.", f"Area {t} of the image."])
    hedge = rng.choice(["about", "roughly", "around", "approximately"])
    S, pl = _subj(R)
    return rng.choice([f"{S} {_v(pl, 'covers', 'cover')} {hedge} {t} of the image area.",
                       f"That works out to {hedge} {t} of the slice.",
                       f"The mask takes up {hedge} {t} of the field of view."])


def size_both_sent(R, cls, pct):
    """True class + true percent in one sentence."""
    R.claim("size_class", cls, "true")
    R.claim("percent", pct, "true")
    t = pct_text(pct, R.W)
    if R.style == "terse":
        return f"{cls.capitalize()}, ~{t} of the slice."
    return R.rng.choice([f"It's {cls} - about {t} of the image.",
                         f"{cls.capitalize()} overall, roughly {t} of the slice area.",
                         f"I'd call it {cls}; the mask covers around {t} of the frame."])


def count_sent(R, value, status):
    R.claim("count", value, status)
    rng, n = R.rng, R.n
    if R.style == "terse":
        return "Single component." if value == 1 else f"Components: {n(value)}, separate."
    if value == 1:
        return rng.choice(["It's one contiguous region, no separate pieces.", "The mask is a single connected piece.",
                           "There's just one piece here."])
    return rng.choice([f"There are {n(value)} separate pieces in the mask.", f"The mask is made of {n(value)} separate, non-touching regions.",
                       f"I count {n(value)} distinct components."])


# ----- facts of a row ------------------------------------------------------------------------------

def _truth(facts):
    return dict(lat=facts["laterality"], vert=facts["vertical"], cls=facts["size_class"],
                pct=pct_value(100 * facts["area_fraction"]), n=facts["components"],
                rels=[(r["other"], r["relation"]) for r in facts["relations"]])


def _false_value(R, kind, t):
    rng = R.rng
    if kind == "laterality":
        lat = t["lat"]
        if lat in ("left", "right"):
            return rng.choice(["right" if lat == "left" else "left"] * 4 + ["midline"])
        if lat == "midline":
            return rng.choice(["left", "right"])
        return rng.choice(["left-only", "right-only"])
    if kind == "vertical":
        v = t["vert"]
        if v == "central":
            return rng.choice(["anterior", "posterior"] if R.p["orient"] == "LP" else ["superior", "inferior"])
        return _OPP_V[v] if rng.random() < 0.8 else "central"
    if kind == "relation":
        o, r = rng.choice(t["rels"])
        return [o, _REL_OPP[r]]
    if kind == "size_class":
        return rng.choice([c for c in ("small", "medium", "large") if c != t["cls"]])
    if kind == "percent":
        x = t["pct"] * (rng.uniform(2.9, 4.0) if rng.random() < 0.5 or t["pct"] < 0.5 else rng.uniform(0.12, 0.33))
        return pct_value(x)
    if kind == "count":
        n = t["n"]
        return n + 1 if n == 1 or rng.random() < 0.5 else n - 1
    raise ValueError(kind)


def fact_sent(R, cat, t, false=None):
    """Sentences for a fact category; `false` = (subkind, value) for the one planted false claim."""
    rng = R.rng
    if cat == "side":
        if false:
            return [side_sent(R, false[1], "false")]
        out = [side_sent(R, t["lat"], "true")]
        if rng.random() < 0.5:
            out.append(side_neg(R, t["lat"]))
        return out
    if cat == "pos":
        if false:
            if false[0] == "vertical":
                return [vert_sent(R, false[1], "false")]
            return [rel_sent(R, false[1][0], false[1][1], "false")]
        out = [vert_sent(R, t["vert"], "true")] if rng.random() < 0.8 or not t["rels"] else []
        for o, r in rng.sample(t["rels"], min(len(t["rels"]), rng.choice([1, 1, 2]))):
            out.append(rel_sent(R, o, r, "true"))
        return out
    if cat == "size":
        if false:
            if false[0] == "size_class":
                return [size_class_sent(R, false[1], "false")]
            return [size_pct_sent(R, false[1], "false")]
        c = rng.random()
        if c < 0.5:
            return [size_both_sent(R, t["cls"], t["pct"])]
        if c < 0.75:
            return [size_class_sent(R, t["cls"], "true")]
        return [size_pct_sent(R, t["pct"], "true")]
    if cat == "count":
        if false:
            return [count_sent(R, false[1], "false")]
        return [count_sent(R, t["n"], "true")]
    raise ValueError(cat)


_CAT_OF = {"laterality": "side", "position": "pos", "size": "size", "count": "count"}
_LABEL = {"side": "Side", "pos": "Position", "size": "Size", "count": "Pieces"}


_TRAPS = ["Had this been a sagittal slice, left and right couldn't be judged from the image at all.",
          "A thicker slice would blur the edges a little (partial volume), so treat the area as approximate.",
          "If contrast timing were different, the boundary might look sharper or softer.",
          "Would a different window change the outline? Slightly, but not the overall picture.",
          "Remember the image's left and right are flipped relative to the patient on standard displays.",
          "Is a single slice enough to judge the whole organ? Not really; the neighbouring slices matter too."]
_WHY = ["The clues in the question point to one structure.", "Putting the function and the location together narrows it down.",
        "The description fits one structure on this slice.", "That's a classic description, and the image matches it.",
        "Matching the clinical picture to the anatomy on this slice leaves one candidate."]


def _know(R):
    pool = [k for k in R.p["know"] if id(k) not in R.used] or R.p["know"]
    k = R.rng.choice(pool)
    R.used.add(id(k))
    k = k(R.n) if callable(k) else k
    return k.replace("%", " percent") if R.W else k


# ----- user follow-ups ------------------------------------------------------------------------------

def follow_q(R, cat, t):
    rng = R.rng
    it = "they" if R.pl else "it"
    is_it = "Are they" if R.pl else "Is it"
    if cat == "side":
        return rng.choice([f"Which side {'are' if R.pl else 'is'} {it} on?", f"Left or right? I always mix up how these images are displayed.",
                           f"{is_it} on the patient's left or right?"])
    if cat == "pos":
        if R.p["orient"] == "LP":
            return rng.choice([f"{is_it} toward the front or the back?", "Where does it sit front-to-back, and what's next to it?",
                               "What are the neighbours like - what's around it?"])
        return rng.choice([f"{is_it} high or low on this coronal image?", "Where is it top-to-bottom, and relative to what?"])
    if cat == "size":
        return rng.choice(["How big is it?", "What fraction of the slice does the mask cover?",
                           "Would you call it small, medium or large?"])
    if cat == "count":
        return rng.choice([f"{is_it} one piece or several?", "How many separate regions did you find?",
                           "Are there multiple separate pieces in the mask?"])
    return rng.choice(["Can you sum it all up?", "Give me a one-paragraph summary.", "Quick recap please?"])


def premise_q(R, kind, false_val, ask_cat):
    """A follow-up user question with a FALSE premise of `kind`, asking about another category."""
    rng = R.rng
    R.role = "user"
    it = "they" if R.pl else "it"
    if kind == "laterality":
        v = false_val
        R.claim("laterality", v, "false")
        lead = {"left": f"Since {it} {_v(R.pl, 'is', 'are')} on the patient's left",
                "right": f"Since {it} {_v(R.pl, 'is', 'are')} on the patient's right",
                "midline": f"Given that {it} {_v(R.pl, 'sits', 'sit')} in the midline",
                "left-only": "Since everything is on the left side only",
                "right-only": "Since everything is on the right side only"}[v]
    elif kind == "vertical":
        R.claim("vertical", false_val, "false")
        lead = {"anterior": f"Given that {it} {_v(R.pl, 'is', 'are')} anterior", "posterior": f"Given that {it} {_v(R.pl, 'is', 'are')} toward the back",
                "central": f"Given that {it} {_v(R.pl, 'sits', 'sit')} centrally front-to-back" if R.p["orient"] == "LP" else f"Given that {it} {_v(R.pl, 'sits', 'sit')} centrally top-to-bottom",
                "superior": f"Given that {it} {_v(R.pl, 'is', 'are')} high up", "inferior": f"Given that {it} {_v(R.pl, 'is', 'are')} low down"}[false_val]
    elif kind == "relation":
        R.claim("relation", false_val, "false")
        lead = f"Since {it} {_v(R.pl, 'lies', 'lie')} {_RELPH[false_val[1]][0]} the {false_val[0]}"
    elif kind == "size_class":
        R.claim("size_class", false_val, "false")
        lead = f"Since {it}'s {false_val}" if not R.pl else f"Since they're {false_val}"
    elif kind == "percent":
        R.claim("percent", false_val, "false")
        lead = f"Since the mask covers about {pct_text(false_val, R.W)} of the image"
    else:
        R.claim("count", false_val, "false")
        lead = f"Since there {'is just one piece' if false_val == 1 else 'are ' + R.n(false_val) + ' separate pieces'}"
    ask = {"side": "which side would you say it's on?", "pos": "where does it sit relative to its neighbours?",
           "size": "how big is it overall?", "count": "is it in one piece?", "summary": "can you give me a short summary?"}[ask_cat]
    return f"{lead}, {ask}"


# ----- corrected misconception (clean rows) -------------------------------------------------------

def misconception(R, t):
    """(user text, assistant text): the user states a false idea and the assistant explicitly corrects it."""
    rng = R.rng
    lat = t["lat"]
    if lat in ("left", "right") and rng.random() < 0.6:
        wrong = "right" if lat == "left" else "left"
        R.role = "user"
        R.claim("laterality", wrong, "corrected")
        u = f"Hang on, it's on the {_IMG[lat]} of the picture - doesn't that mean it's the patient's {wrong}?"
        R.role = "assistant"
        R.turn += 1
        R.claim("laterality", lat, "true")
        a = (f"No, that's the usual trap. CT and MR are displayed as if you were looking up from the patient's feet, so the "
             f"image's {_IMG[lat]} is the patient's {lat}. It's on the patient's {lat}, not the {wrong}.")
        return u, a
    wrong = "small" if t["cls"] != "small" else "large"
    R.role = "user"
    R.claim("size_class", wrong, "corrected")
    u = f"Is it {wrong}, then?" if rng.random() < 0.5 else f"I'd have guessed {wrong}. Right?"
    R.role = "assistant"
    R.turn += 1
    R.claim("size_class", t["cls"], "true")
    a = f"Not quite - it's {t['cls']}, not {wrong}. " + rng.choice(["Easy to misjudge by eye.", "The measured area settles it."])
    return u, a


# ----- the registers ---------------------------------------------------------------------------------

def answer(R, name, sents, first, know=None, why=None):
    """Wrap sentences in the row's register."""
    st, rng = R.style, R.rng
    if st == "terse":
        head = f"{name[0].upper() + name[1:]} [SEG]. " if first else ""
        body = " ".join(s for _, s in sents)
        tail = f" {know}" if know else ""
        return (head + body + tail).strip()
    if st == "tutor":
        parts = []
        if first:
            parts.append(rng.choice(["Let's work through this step by step.", "Good question - let's take it one step at a time."]))
            parts.append(f"Step {R.n(1)}: {why} So the structure is {name} [SEG].")
            k = 2
        else:
            parts.append(rng.choice(["Sure, let's look at that.", "Happy to explain.", "Good thing to ask."]))
            k = 1
        for cat, s in sents:
            parts.append(f"Step {R.n(k)} ({_LABEL.get(cat, 'Note').lower()}): {s}" if first else s)
            k += 1
        if know:
            parts.append(f"A bit of background: {know}")
        return "\n".join(parts) if first else " ".join(parts)
    if st == "markdown":
        lines = []
        if first:
            lines.append(rng.choice(["## 🩻 What I found", "### Answer", "## Segmentation result ✅"]))
            lines.append(f"{why} {_v(R.pl, 'This is', 'These are')} **{name}** [SEG].")
            lines.append("")
            lines.append("**Key findings**")
        else:
            lines.append(rng.choice(["Sure! 👍", "Great question!", "### Follow-up"]))
        for cat, s in sents:
            lines.append(f"- **{_LABEL.get(cat, 'Note')}:** {s}")
        if know:
            lines.append("")
            lines.append(f"> 💡 {know}")
        return "\n".join(lines)
    # words
    body = " ".join(s for _, s in sents)
    if first:
        return f"{why} {_v(R.pl, 'This is', 'These are')} {name} [SEG]. {body}" + (f" {know}" if know else "")
    return (rng.choice(["Of course.", "Sure.", "Right."]) + " " + body + (f" {know}" if know else "")).strip()


def build(p, facts, style, rng, defect):
    R = Row(p, facts, style, rng, defect)
    t = _truth(facts)
    cats = ["side", "pos", "size", "count"]
    K = None
    false = None
    place = None
    if defect in _CAT_OF:
        K = _CAT_OF[defect]
        sub = {"laterality": "laterality", "count": "count",
               "size": rng.choice(["size_class", "percent"]),
               "position": "relation" if t["rels"] and rng.random() < 0.45 else "vertical"}[defect]
        false = (sub, _false_value(R, sub, t))
        r = rng.random()
        place = "user" if r < 0.2 else "follow" if r < 0.42 else "first"
    allowed = [c for c in cats if c != K]
    rounds = rng.choice([2, 3, 3])

    turns = []
    # Q1
    R.turn, R.role = 0, "user"
    q1 = rng.choice(p["named"] if defect == "names_target" else p["qs"])
    turns.append(q1)
    # A1
    R.turn, R.role = 1, "assistant"
    name = rng.choice(p["names"])
    firstcats = rng.sample(allowed, rng.choice([2, 3, min(3, len(allowed))]))
    if place == "first":
        firstcats = firstcats[:2] + [K]
        rng.shuffle(firstcats)
    sents = []
    for c in firstcats:
        for s in fact_sent(R, c, t, false if c == K else None):
            sents.append((c, s))
    know = _know(R) if rng.random() < 0.85 else None
    if style != "terse" and rng.random() < 0.35:
        sents.insert(rng.randrange(len(sents) + 1), ("note", rng.choice(_TRAPS)))
    why = p["why"][0] if q1 == p["qs"][0] and rng.random() < 0.8 else rng.choice(_WHY)
    turns.append(answer(R, name, sents, True, know, why))

    # follow-ups
    plan = []
    remaining = [c for c in allowed if c not in firstcats] + rng.sample(allowed, len(allowed))
    remaining = [c for k, c in enumerate(remaining) if c not in remaining[:k]]
    for j in range(rounds - 1):
        plan.append(remaining[j] if j < len(remaining) else "summary")
    if rng.random() < 0.3:
        plan[-1] = "summary"
    mis_at = None
    if defect is None and rng.random() < 0.3:
        mis_at = rng.randrange(len(plan))
    if place == "follow":
        plan[rng.randrange(len(plan))] = K
    prem_at = rng.randrange(len(plan)) if place == "user" else None
    for j, cat in enumerate(plan):
        R.turn = len(turns)
        if mis_at == j:
            u, a = misconception(R, t)
            turns.append(u)
            R.turn = len(turns)
            turns.append(a)
            continue
        R.role = "user"
        if prem_at == j:
            ask = cat if cat != K else "summary"
            turns.append(premise_q(R, false[0], false[1], ask))
            cat = ask
        else:
            turns.append(follow_q(R, cat, t))
        R.turn, R.role = len(turns), "assistant"
        if cat == "summary":
            sc = rng.sample(allowed, min(len(allowed), rng.choice([2, 3])))
            ss = []
            for c in sc:
                for s in fact_sent(R, c, t):
                    ss.append((c, s))
            lead = rng.choice(["In short:", "Summary:", "To recap:"])
            if style == "markdown":
                turns.append("### Summary 📝\n" + "\n".join(f"- **{_LABEL[c]}:** {s}" for c, s in ss))
            else:
                turns.append(lead + " " + " ".join(s for _, s in ss))
            continue
        ss = [(cat, s) for s in fact_sent(R, cat, t, false if (cat == K and place == "follow") else None)]
        kn = _know(R) if rng.random() < 0.35 else None
        turns.append(answer(R, name, ss, False, kn))
    out = [{"role": "user" if i % 2 == 0 else "assistant", "content": c} for i, c in enumerate(turns)]
    LEDGER.append(dict(claims=R.claims, place=place, false=false, texts=[c for c in turns]))
    return out, ([] if defect is None else [defect])
