"""Bank EP: 2D photographs, slides and ultrasound frames where the patient's left/right does not apply.

Targets: colonoscopy polyps (one or several), capsule-endoscopy bleeding spots, dermoscopy skin lesions,
naevi on clinical photos, wound photos, fundus optic discs and retinal haemorrhages, histology nuclei and
glands, thyroid nodules and breast lesions on ultrasound frames (modality "US", orientation None).
Every record has orientation None: laterality is "unknown", vertical is "upper"/"lower"/"central" (image
halves), and there are no relations. Registers (STYLES): gastroenterologist, dermatologist, pathologist,
sonographer.

Sentences mention the picture's left/right, clock positions, photo quadrants, magnification and the body
side of the photographed site (history, not the mask's side). Defects: a false claim that the mask lies on
the patient's left/right, is bilateral or midline (laterality); a wrong image half (position); a wrong size
class or a percent far off (size); a wrong number of pieces (count); a first question naming the target.

Written without reading QC.

Own check (/work/notes/qcep_scripts/check_ep.py, ledger of every claim re-derived from the facts):
rows: 420 clean: 210 laterality: 42 position: 42 size: 42 count: 42 names_target: 42; planted in first answer 107,
follow-up answer 28, user turn 33; problems: 0.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["gastroenterologist", "dermatologist", "pathologist", "sonographer"]

# ledger of what each sentence of the last build claims (read by the writer's own checker, not by the bank)
LEDGER: list[list[dict]] = []

W = H = 256


def _e(cx, cy, rx, ry):
    return (cx, cy, rx, ry)


# --------------------------------------------------------------------------------------------- domains
DOMAINS = {
    "gi": dict(
        photo=["colonoscopy frame", "endoscopic still", "colonoscopy picture", "white-light image"],
        know=[
            "Roughly a quarter to a third of adults over 50 who have a screening colonoscopy turn out to have at least one adenoma.",
            "Lesions in the right colon, sessile serrated ones especially, tend to be flatter and easier to miss than those in the left colon.",
            "The Paris classification separates pedunculated (0-Ip) from sessile (0-Is) and slightly raised flat (0-IIa) lesions.",
            "Anything over 10 mm usually goes to snare polypectomy and histology; lesions of 20 mm or more get a look for lifting and EMR planning.",
            "The ileocaecal valve sits in the patient's right lower quadrant, but that tells you nothing about where things fall in a single endoscopic frame.",
            "An adenoma detection rate of at least 25% is the usual quality benchmark for a screening endoscopist.",
            "In an endoscopic picture, up, down, left and right depend on how the scope is rotated, not on the patient.",
        ],
        hist=[("The scope was at about 30 cm, in the sigmoid.", True), ("This was taken in the transverse colon during a screening list.", False),
              ("The patient is 62 and on a surveillance programme.", False), ("We were withdrawing through the ascending colon at the time.", True),
              ("Bowel prep was good, Boston score 8.", False)],
    ),
    "capsule": dict(
        photo=["capsule frame", "capsule endoscopy image", "video-capsule still", "small-bowel capsule picture"],
        know=[
            "Small-bowel sources account for something like 5 to 10% of gastrointestinal bleeding.",
            "The capsule tumbles as it travels, so the top of one frame has no fixed relation to the top of the next.",
            "Angiodysplasia is the commonest small-bowel bleeding source in patients over 60.",
            "Most capsules take 8 to 12 hours to pass the small bowel, and a reader reviews tens of thousands of frames.",
            "A capsule frame has no left or right of the patient in it: the device does not know which way it faces.",
        ],
        hist=[("Her haemoglobin dropped to 78 g/L over two months.", False), ("Gastroscopy and colonoscopy were both normal.", False),
              ("This frame is from about the fourth hour of the recording.", False), ("He takes apixaban for atrial fibrillation.", False)],
    ),
    "skin": dict(
        photo=["dermoscopy image", "dermoscopic photo", "close-up dermoscopy frame", "polarised dermoscopy picture"],
        know=[
            "The ABCDE checklist asks about asymmetry, border, colour, a diameter over 6 mm and evolution.",
            "Most melanomas, roughly 70% in large series, arise de novo rather than in an existing naevus.",
            "In men melanomas are commonest on the back; in women, on the lower legs.",
            "A handheld dermatoscope magnifies about 10x, so the frame spans only a centimetre or two of skin.",
            "Dermoscopy frames are taken with the lens pressed on the skin, so the picture's edges have no link to the patient's left or right.",
            "The seven-point checklist gives two points for an atypical network, blue-white veil or atypical vascular pattern.",
        ],
        hist=[("This spot is on her left shoulder.", True), ("It's on his right calf and he noticed it last spring.", True),
              ("It is on her back, just below the bra line.", False), ("He says it has been itching for a month.", False),
              ("It's on the patient's left forearm and has been there since childhood.", True)],
    ),
    "naevi": dict(
        photo=["clinical photo", "total-body photograph", "overview photo", "mole-mapping picture"],
        know=[
            "Having more than about 100 common naevi carries roughly a sevenfold melanoma risk compared with having few.",
            "Mole-mapping compares photos over time, so the same patch of skin is shot from the same distance at each visit.",
            "An 'ugly duckling' is the one naevus that looks different from the patient's others.",
            "Naevi on the trunk are far more common than on the palms and soles.",
            "A clinical photo of the back is taken facing the patient's back, so the patient's left is on the picture's left.",
        ],
        hist=[("These are on his upper back, between the shoulder blades.", False), ("This photo is of her right flank.", True),
              ("It's a 12-month mapping follow-up.", False), ("Her sister had a melanoma at 40.", False)],
    ),
    "wound": dict(
        photo=["wound photo", "clinical photograph", "wound-care picture", "dressing-change photo"],
        know=[
            "A diabetic foot ulcer that has not shrunk by about half in four weeks is unlikely to heal by twelve weeks.",
            "Wound photos are best taken square to the wound with a paper ruler in the frame.",
            "Granulation tissue is beefy red; slough is yellow; eschar is black and dry.",
            "About 15% of people with diabetes develop a foot ulcer at some point.",
            "A wound photo's left and right are simply how the camera was held, not the patient's sides.",
        ],
        hist=[("It's under the first metatarsal head of her right foot.", True), ("The district nurses have been dressing it weekly.", False),
              ("He had a below-knee amputation on the left two years ago; this is the other leg.", True), ("Week four of weekly dressings.", False)],
    ),
    "fundus": dict(
        photo=["fundus photo", "retinal photograph", "colour fundus image", "45-degree fundus picture"],
        know=[
            "The optic disc lies about 15 degrees nasal to the fovea, which is why the blind spot falls in the temporal visual field.",
            "A cup-to-disc ratio above about 0.6 raises suspicion of glaucoma.",
            "By convention a right-eye fundus photo shows the disc toward the picture's right and a left-eye photo toward the left, but the mask alone doesn't say which eye this is.",
            "Haemorrhages in all four quadrants of the retina with 20 or more in each are one arm of the 4-2-1 rule for severe non-proliferative retinopathy.",
            "About a third of people with diabetes have some retinopathy.",
            "The macula sits in the middle of a macula-centred photo, a little below the level of the disc.",
        ],
        hist=[("This is his right eye, taken at the diabetic screening clinic.", True), ("The photo is from her left eye.", True),
              ("Screening photo, dilated, one field.", False), ("He has had type 2 diabetes for 14 years.", False)],
    ),
    "histo": dict(
        photo=["H&E tile", "slide image", "microscopy field", "histology tile"],
        know=[
            "Haematoxylin stains nuclei blue-purple and eosin stains cytoplasm and stroma pink.",
            "Mitotic activity is reported per 10 high-power fields, or per square millimetre on newer scanners.",
            "A lymphocyte nucleus is about 7 micrometres across, a handy internal ruler.",
            "In normal colon the crypts lie side by side like test tubes in a rack.",
            "Gleason pattern 3 is made of well-formed, separate glands; pattern 4 glands fuse or form cribriform sheets.",
            "A slide has no patient left or right: the tissue can be laid on the glass in any orientation.",
        ],
        hist=[("This is from a sigmoid biopsy at 20x.", False), ("The block is from a left hemicolectomy specimen.", True),
              ("Tile scanned at 40x, 0.25 micrometres per pixel.", False), ("This came from a right colon biopsy.", True)],
    ),
    "us": dict(
        photo=["ultrasound frame", "sonographic image", "ultrasound still", "grey-scale frame"],
        know=[
            "Nodules turn up on ultrasound in well over half of adults, and only about 5% of them are malignant.",
            "The isthmus crosses the midline in front of the trachea, with a lobe on either side.",
            "By convention a transverse neck image shows the patient's right on the screen's left, but this frame carries no orientation header, so I treat its sides as the screen's.",
            "TI-RADS scores composition, echogenicity, shape, margin and echogenic foci.",
            "A taller-than-wide shape on the transverse view is one of the more specific suspicious features.",
            "Breast lesions are reported by clock face and distance from the nipple, so 2 o'clock in the left breast is upper outer.",
            "About half of breast cancers arise in the upper outer quadrant, simply because that's where most glandular tissue is.",
            "Around 80% of breast lumps biopsied in women under 40 turn out to be benign.",
        ],
        hist=[("The request says the right lobe.", True), ("She felt it at 2 o'clock in the left breast, 3 cm from the nipple.", True),
              ("Transverse view, linear 12 MHz probe.", False), ("Referred after an incidental finding on a CT of the neck.", False)],
    ),
}

# --------------------------------------------------------------------------------------------- profiles
PROFILES = [
    dict(key="polyp_small", target="polyp", domain="gi", modality="endoscopy", region="colon",
         shapes=[_e(84, 70, 12, 10)],
         names=["the polyp", "this polyp", "the lesion"],
         forbid=["polyp", "adenoma", "polypectomy"],
         qs=["During this screening colonoscopy, which growth that can turn into colorectal cancer is in view? Please segment it.",
             "What raised mucosal finding should I be worried about in this colonoscopy frame? Segment it for me.",
             "Which finding here would we remove and send to histology? Can you outline it?"],
         named="Can you segment the polyp in this colonoscopy frame?"),
    dict(key="polyp_med", target="polyp", domain="gi", modality="endoscopy", region="colon",
         shapes=[_e(150, 186, 30, 24)],
         names=["the polyp", "this sessile polyp", "the lesion"],
         forbid=["polyp", "adenoma", "polypectomy"],
         qs=["Which lesion in this colonoscopy picture is the precursor we screen for? Please segment it.",
             "This was seen on withdrawal. Which finding would count toward my detection rate? Outline it.",
             "Patient with a positive FIT test. What is the finding here? Segment it please."],
         named="Please outline the adenoma in this image."),
    dict(key="polyp_large", target="polyp", domain="gi", modality="endoscopy", region="colon",
         shapes=[_e(128, 131, 64, 52)],
         names=["the polyp", "this sessile polyp", "the lesion"],
         forbid=["polyp", "adenoma", "polypectomy"],
         qs=["What is filling most of the lumen in this colonoscopy frame? Please segment it.",
             "We're planning EMR for this. Which finding are we resecting? Outline it for me.",
             "Can you segment the finding that a surgeon would want tattooed in this picture?"],
         named="Segment the sessile polyp here."),
    dict(key="polyps_two", target="polyp", domain="gi", modality="endoscopy", region="colon",
         shapes=[_e(70, 80, 15, 13), _e(180, 66, 18, 15)],
         names=["the polyps", "these polyps", "the lesions"],
         forbid=["polyp", "adenoma", "polypectomy"],
         qs=["Which growths in this colonoscopy frame would count toward the detection rate? Segment them.",
             "There's more than one finding here that would be snared. Can you outline them?",
             "Which precursors of colorectal cancer are visible here? Please segment them."],
         named="Segment the polyps in this frame."),
    dict(key="capsule_spots", target="bleeding", domain="capsule", modality="endoscopy", region="small bowel",
         shapes=[_e(110, 190, 7, 7), _e(160, 205, 8, 7), _e(215, 180, 6, 6)],
         names=["the bleeding spots", "the fresh bleeding", "these bleeding points"],
         forbid=["bleeding", "bleed", "blood", "haemorrhage", "hemorrhage"],
         qs=["This patient has iron-deficiency anaemia and melaena. What in this capsule frame explains it? Segment it.",
             "Which finding in this small-bowel capsule frame would make the reader flag it? Please outline it.",
             "What is the red stuff the capsule reader flagged in this frame? Segment it."],
         named="Segment the bleeding in this capsule frame."),
    dict(key="skin_large", target="skin lesion", domain="skin", modality="dermoscopy", region="skin",
         shapes=[_e(128, 126, 70, 58)],
         names=["the lesion", "this pigmented lesion", "the skin lesion"],
         forbid=["lesion", "mole", "naev", "nevus", "nevi", "melanoma"],
         qs=["This spot has changed colour over the summer. What should we be looking at in this dermoscopy image? Segment it.",
             "Which structure in this dermoscopy frame would the ABCDE checklist be applied to? Outline it.",
             "Can you segment the pigmented finding we're assessing for cancer risk here?"],
         named="Can you segment the skin lesion in this dermoscopy image?"),
    dict(key="skin_med", target="skin lesion", domain="skin", modality="dermoscopy", region="skin",
         shapes=[_e(170, 76, 27, 22)],
         names=["the lesion", "this lesion", "the skin lesion"],
         forbid=["lesion", "mole", "naev", "nevus", "nevi", "melanoma"],
         qs=["The patient is worried about this dark spot. Which finding should I look at? Please segment it.",
             "What would you biopsy in this dermoscopy picture? Outline it.",
             "Which pigmented area here is the reason for the referral? Segment it please."],
         named="Outline the mole in this picture."),
    dict(key="naevi_three", target="naevi", domain="naevi", modality="other", region="skin",
         shapes=[_e(60, 60, 11, 9), _e(150, 48, 10, 10), _e(205, 95, 12, 10)],
         names=["the naevi", "these moles", "the naevi"],
         forbid=["naev", "nevi", "nevus", "mole", "melanocytic"],
         qs=["Her GP wants the brown pigmented spots on this photo mapped for follow-up. Can you segment them?",
             "Which pigmented spots are we tracking on this photo? Outline them.",
             "Can you segment the brown skin spots that a mapping service would count here?"],
         named="Segment the naevi on this photo."),
    dict(key="wound", target="wound", domain="wound", modality="other", region="foot",
         shapes=[_e(122, 180, 50, 34)],
         names=["the wound", "the ulcer", "this wound bed"],
         forbid=["wound", "ulcer", "sore"],
         qs=["Which area are the nurses measuring for healing on this diabetic foot photo? Please segment it.",
             "It's week four of dressings. What should I trace to see if it's improving? Outline it.",
             "Can you segment the area of broken-down tissue we're tracking on this photo?"],
         named="Please segment the wound in this photo."),
    dict(key="disc", target="optic disc", domain="fundus", modality="other", region="eye",
         shapes=[_e(196, 124, 20, 20)],
         names=["the optic disc", "the disc", "the optic nerve head"],
         forbid=["optic", "disc", "disk", "papilla", "onh"],
         qs=["Where do the retinal vessels and the ganglion-cell axons leave the eye in this fundus photo? Segment that structure.",
             "Which structure would I look at for glaucomatous cupping here? Outline it.",
             "Which part of this fundus photo corresponds to the physiological blind spot? Please segment it."],
         named="Segment the optic disc in this fundus photo."),
    dict(key="haem", target="retinal haemorrhages", domain="fundus", modality="other", region="eye",
         shapes=[_e(30, 62, 6, 5), _e(82, 46, 5, 5), _e(146, 72, 7, 5), _e(110, 96, 4, 4)],
         names=["the haemorrhages", "these dot-blot haemorrhages", "the retinal haemorrhages"],
         forbid=["haemorrh", "hemorrh", "bleed", "blot"],
         qs=["This diabetic patient's fundus photo: segment the red lesions that count toward his retinopathy grade.",
             "What are the small dark-red spots that matter for grading here? Please outline them.",
             "Which findings in this retinal photo would the 4-2-1 rule count? Segment them."],
         named="Segment the retinal haemorrhages in this photo."),
    dict(key="nuclei", target="nuclei", domain="histo", modality="microscopy", region="colon",
         shapes=[_e(40, 50, 7, 6), _e(80, 40, 6, 7), _e(120, 60, 7, 6), _e(165, 45, 6, 7),
                 _e(210, 55, 7, 6), _e(60, 95, 6, 7), _e(140, 100, 7, 6), _e(195, 92, 6, 6)],
         names=["the nuclei", "these nuclei", "the cell nuclei"],
         forbid=["nucle"],
         qs=["In this H&E tile, which cell compartments hold the chromatin and take up haematoxylin? Segment them.",
             "Which structures would a pathologist look at for pleomorphism and mitoses in this tile? Outline them.",
             "Can you segment the blue-purple structures inside the cells here?"],
         named="Segment the nuclei in this tile."),
    dict(key="glands", target="glands", domain="histo", modality="microscopy", region="colon",
         shapes=[_e(60, 190, 26, 20), _e(130, 200, 24, 22), _e(200, 180, 25, 20)],
         names=["the glands", "these glands", "the colonic glands"],
         forbid=["gland", "acin", "crypt"],
         qs=["In this colon biopsy, segment the tubular epithelial structures that secrete mucus.",
             "Which epithelial structures would I assess for architectural distortion in this colon tile? Outline them.",
             "Which mucus-secreting structures are in this tile? Please segment them."],
         named="Segment the glands in this tile."),
    dict(key="thyroid_one", target="thyroid nodule", domain="us", modality="US", region="neck",
         shapes=[_e(90, 78, 26, 20)],
         names=["the nodule", "this thyroid nodule", "the lesion"],
         forbid=["nodul", "lesion"],
         qs=["On this transverse neck scan, segment the finding that the TI-RADS score will be given for.",
             "What did the CT pick up incidentally that we're characterising on this ultrasound? Outline it.",
             "Which finding in the thyroid here would decide whether she needs a fine-needle aspiration? Segment it."],
         named="Segment the thyroid nodule on this frame."),
    dict(key="thyroid_two", target="thyroid nodule", domain="us", modality="US", region="neck",
         shapes=[_e(80, 175, 18, 15), _e(170, 185, 20, 16)],
         names=["the nodules", "these nodules", "the lesions"],
         forbid=["nodul", "lesion"],
         qs=["Which findings in the thyroid on this frame would each get a TI-RADS score? Segment them.",
             "This is a goitre follow-up. Which findings are we measuring? Outline them.",
             "Can you segment the focal findings in the thyroid tissue on this frame?"],
         named="Segment the thyroid nodules here."),
    dict(key="breast", target="breast lesion", domain="us", modality="US", region="breast",
         shapes=[_e(130, 128, 46, 32)],
         names=["the lesion", "this breast lesion", "the mass"],
         forbid=["lesion", "mass", "lump", "tumour", "tumor"],
         qs=["She felt something in her breast last month. What is the sonographic finding here? Please segment it.",
             "Which finding on this breast ultrasound will get the BI-RADS category? Outline it.",
             "What is the hypoechoic finding the radiologist wants biopsied? Segment it please."],
         named="Segment the breast lesion on this ultrasound."),
]

DOMAIN_OF_STYLE = {"gastroenterologist": ("gi", "capsule"), "dermatologist": ("skin", "naevi", "wound"),
                   "pathologist": ("histo", "fundus"), "sonographer": ("us",)}


def pick_profile(profiles, i, defect, rng):
    style = STYLES[(i // 2) % len(STYLES)]
    if rng.random() < 0.8:
        pool = [p for p in profiles if p["domain"] in DOMAIN_OF_STYLE[style]]
    else:
        pool = profiles
    return rng.choice(pool)


def record_for(p):
    return dict(modality=p["modality"], body_region=p["region"], orientation=None)


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:H, 0:W]
    mask = np.zeros((H, W), bool)
    for cx, cy, rx, ry in p["shapes"]:
        cx += rng.uniform(-2.5, 2.5)
        cy += rng.uniform(-2.5, 2.5)
        k = rng.uniform(0.95, 1.05)
        mask |= ((xx - cx) / (rx * k)) ** 2 + ((yy - cy) / (ry * k)) ** 2 <= 1.0
    return compute_facts(mask, None, {}).model_dump(mode="json")


# --------------------------------------------------------------------------------------------- helpers
NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
       10: "ten", 11: "eleven", 12: "twelve"}


def pic_h(facts):
    x = facts["centroid_normalized"][0]
    return "left" if x < 0.4 else "right" if x > 0.6 else "centre" if 0.45 <= x <= 0.55 else None


def clock(facts):
    """Clock-face hour of the centroid about the image centre, only where it agrees with the half."""
    x, y = facts["centroid_normalized"]
    dx, dy = x - 0.5, 0.5 - y
    if math.hypot(dx, dy) < 0.15:
        return None
    ang = math.degrees(math.atan2(dy, dx))
    h = round((3 - ang / 30.0)) % 12 or 12
    ok = {"upper": {10, 11, 12, 1, 2}, "lower": {4, 5, 6, 7, 8}, "central": {3, 9}}[facts["vertical"]]
    return h if h in ok else None


def pct_str(v, rng):
    if v < 1:
        s = f"{v:.2f}"
    else:
        s = f"{v:.1f}"
    return rng.choice([f"{s}%", f"{s}%", f"{s} percent", f"about {s}%", f"roughly {s}%"])


class Conv:
    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.turns: list[dict] = []
        self.claims: list[dict] = []
        self.multi = facts["components"] > 1
        d = DOMAINS[p["domain"]]
        self.photo = rng.choice(d["photo"])

    def claim(self, kind, value, planted=False):
        self.claims.append(dict(turn=len(self.turns), kind=kind, value=value, planted=planted))

    def subj(self):
        return self.rng.choice(self.p["names"])

    def Subj(self):
        s = self.subj()
        return s[0].upper() + s[1:]


def cap(s):
    return s[0].upper() + s[1:] if s else s


# ---- sentence makers; each records what it claims ----------------------------------------------------
def s_vert(c, v, planted=False):
    r = c.rng
    S, ph = c.Subj(), c.photo
    be = "are" if len(c.p["shapes"]) > 1 else "is"
    opts = {
        "upper": [f"{S} {be} in the upper half of the {ph}.", f"{S} {be} up in the top half of the frame.",
                  f"Vertically, it sits above the horizontal midline of the image.", f"The segmented region lies in the upper part of the picture.",
                  f"Most of the mask is in the top half of the {ph}."],
        "lower": [f"{S} {be} in the lower half of the {ph}.", f"{S} {be} down in the bottom half of the frame.",
                  f"Vertically, it sits below the horizontal midline of the image.", f"The segmented region lies in the lower part of the picture.",
                  f"Most of the mask is in the bottom half of the {ph}."],
        "central": [f"{S} {be} centred vertically, level with the middle of the frame.",
                    f"Vertically it sits right about the middle of the image, in neither the top nor the bottom half.",
                    f"The segmented region is vertically central in the {ph}.",
                    f"Top to bottom, the mask is centred on the picture's horizontal midline."],
    }
    c.claim("vert", v, planted)
    return r.choice(opts[v])


def s_vert_not(c):
    v = c.f["vertical"]
    if v == "central":
        return ""
    other = "lower" if v == "upper" else "upper"
    c.claim("vert_not", other)
    word = {"upper": "top", "lower": "bottom"}[other]
    return c.rng.choice([f"It is not in the {other} half of the image.", f"None of it is in the {word} half.",
                         f"It doesn't extend into the {word} half of the picture at all."])


def s_lat_unknown(c):
    c.claim("lat", "unknown")
    ph = c.photo
    return c.rng.choice([
        f"There is no patient left or right to give here: a {ph} carries no patient orientation, so the side is unknown.",
        f"Left and right in this {ph} are the camera's, not the patient's, so I can't tell you which side of the body it is on from the image.",
        f"I can't assign a patient side: the {ph} has no anatomical orientation, so laterality is unknown.",
        f"Which side of the patient? The picture can't say; a {ph} isn't oriented to the body the way a CT slice is.",
        "Laterality doesn't apply to this image; any left or right I mention refers to the picture itself.",
    ])


def s_lat_false(c, planted=True):
    r = c.rng
    opts = ["left", "right", "midline"] + (["bilateral"] if c.multi else [])
    v = r.choice(opts)
    S = c.Subj()
    lie = "lie" if len(c.p["shapes"]) > 1 else "lies"
    txt = {
        "left": [f"{S} {lie} on the patient's left side.", "It is on the patient's left.", f"On the patient, this is a left-sided finding."],
        "right": [f"{S} {lie} on the patient's right side.", "It is on the patient's right.", f"On the patient, this is a right-sided finding."],
        "midline": [f"{S} sits in the patient's midline.", "It is a midline finding on the patient, neither left nor right."],
        "bilateral": ["They are bilateral, on both the patient's left and right sides.", f"{S} are spread across both sides of the patient, so it is bilateral."],
    }[v]
    c.claim("lat", v, planted)
    return r.choice(txt)


def s_pic_h(c):
    h = pic_h(c.f)
    if h is None:
        return ""
    c.claim("pic_h", h)
    r = c.rng
    if h == "centre":
        return r.choice(["Side to side it is about in the middle of the picture.", "Horizontally it is near the centre of the frame."])
    if c.defect == "laterality":
        return r.choice([f"It sits on the {h} side of the frame.", f"On screen it is over to the {h}."])
    return r.choice([f"It appears toward the {h} of the picture, which is the frame's {h}, not the patient's.",
                     f"On screen it is over to the {h}; that's image {h}, nothing to do with the patient's {h}.",
                     f"It sits on the {h} side of the frame."])


def s_quadrant(c):
    h, v = pic_h(c.f), c.f["vertical"]
    if h not in ("left", "right") or v == "central":
        return ""
    c.claim("pic_h", h)
    c.claim("vert", v)
    return c.rng.choice([f"That puts it in the {v} {h} quadrant of the photo.", f"In photo quadrants: {v}-{h}.",
                         f"It occupies the {v} {h} quadrant of the picture (picture quadrant, not a body quadrant)."])


def s_clock(c):
    h = clock(c.f)
    if h is None or getattr(c, "said_clock", False):
        return ""
    c.said_clock = True
    c.claim("clock", h)
    return c.rng.choice([f"On the frame's clock face it is at about {h} o'clock.", f"Roughly the {h} o'clock position in the picture.",
                         f"If you read the image like a clock, it's near {h} o'clock."])


def s_size(c, cls, planted=False):
    c.claim("size", cls, planted)
    S = c.Subj()
    return c.rng.choice({
        "small": [f"In size terms it is small.", f"By area the mask counts as small.", f"{S}: small, relative to the whole frame.",
                  "It's a small target for segmentation."],
        "medium": ["In size terms it is medium.", "By area the mask is medium-sized.", f"{S}: a medium-sized region for this frame.",
                   "It's a moderate, medium-sized target."],
        "large": ["In size terms it is large.", "By area the mask is large.", f"{S}: a large region, a big share of the frame.",
                  "It's a large target for this frame."],
    }[cls])


def s_pct(c, val, planted=False):
    c.claim("pct", round(val, 4), planted)
    p = pct_str(val, c.rng)
    return c.rng.choice([f"The mask covers {p} of the image.", f"It takes up {p} of the frame's pixels.",
                         f"Area: {p} of the picture.", f"That is {p} of the image area."])


def s_px(c):
    a = c.f["area_pixels"]
    c.claim("px", a)
    return c.rng.choice([f"That's about {a:,} pixels out of 65,536.", f"In pixels, around {a:,} of the 256 by 256 grid."])


def s_count(c, n, planted=False):
    c.claim("count", n, planted)
    r = c.rng
    if n == 1:
        return r.choice(["It is a single connected region.", "There is one piece only.", "The mask is one contiguous area, not several.",
                         "Just one region is segmented."])
    w = NUM.get(n, str(n))
    d = r.choice([w, str(n)])
    return r.choice([f"The mask has {d} separate pieces.", f"I count {d} distinct regions.", f"There are {d} separate islands in the mask.",
                     f"It comes to {d} disconnected parts."])


def s_size_hypo(c):
    cls = c.f["size_class"]
    r = c.rng
    c.claim("size", cls)
    if cls == "small":
        return r.choice(["Had it covered more than 1% of the frame, I'd have called it medium.",
                         "Small here means under 1% of the image, whatever it measures in millimetres."])
    if cls == "medium":
        return r.choice(["It would need 5% of the image or more to count as large.", "Under 1% of the frame would have made it small; it's well above that."])
    return "Anything from 5% of the frame up counts as large, and this is comfortably there."


# --------------------------------------------------------------------------------------------- build
OPEN = {
    "gastroenterologist": ["On this image, {n} [SEG] is the finding.", "Here it is: {n} [SEG].", "Findings: {n} [SEG].",
                           "That's {n} [SEG]."],
    "dermatologist": ["On this image the finding is {n} [SEG].", "I've segmented {n} [SEG].", "Clinically and on the picture: {n} [SEG].",
                      "What we're looking at is {n} [SEG]."],
    "pathologist": ["Description: {n} [SEG].", "The structures are {n} [SEG].", "Segmented: {n} [SEG].",
                    "This is {n} [SEG]."],
    "sonographer": ["Finding: {n} [SEG].", "On the frozen frame: {n} [SEG].", "I've outlined {n} [SEG].",
                    "The finding is {n} [SEG]."],
}
CLOSE = {
    "gastroenterologist": ["I'd document it with the photo in the report.", "Worth a note in the procedure report.", ""],
    "dermatologist": ["I'd rephotograph it at the next visit for comparison.", "Clinical correlation with the history matters more than any single image.", ""],
    "pathologist": ["Interpretation should be integrated with the rest of the material.", "One field doesn't make the diagnosis on its own.", ""],
    "sonographer": ["I'll leave the categorisation to the reporting radiologist.", "Measurements go on the worksheet for the radiologist.", ""],
}

FOLLOW = {
    "side": ["Which side of the patient is it on?", "Is it on the left or the right?", "Can you tell me the laterality?",
             "Left or right side of the body?"],
    "vert": ["Where in the picture is it, top or bottom?", "Is it in the upper or lower half?", "Whereabouts in the frame does it sit?"],
    "size": ["How big is it?", "How much of the image does it take up?", "Size?", "Would you call it big or small?"],
    "count": ["How many separate pieces are there?", "Is it one region or several?", "How many did you find?"],
    "summary": ["Can you summarise the findings?", "Give me a one-paragraph summary.", "Recap, please."],
}


def _fits(p, text):
    """Thyroid and breast share a domain: keep each to its own sentences."""
    if p["key"].startswith("thyroid"):
        return "breast" not in text.lower()
    if p["key"] == "breast":
        return not any(w in text for w in ("isthmus", "TI-RADS", "Nodules", "lobe", "neck", "taller"))
    return True


def _history(c, allow_sided):
    pool = [h for h in DOMAINS[c.p["domain"]]["hist"] if (allow_sided or not h[1]) and _fits(c.p, h[0])]
    return c.rng.choice(pool)[0] if pool else ""


def _knowledge(c, k=1):
    pool = [x for x in DOMAINS[c.p["domain"]]["know"] if _fits(c.p, x)]
    if c.defect == "laterality":  # no sentence that would correct the planted side
        pool = [x for x in pool if "left" not in x and "right" not in x]
    c.rng.shuffle(pool)
    return pool[:k]


def build(p, facts, style, rng, defect):
    c = Conv(p, facts, style, rng, defect)
    f = facts
    # where the planted claim sits
    where = None
    if defect in ("laterality", "position", "size", "count"):
        u = rng.random()
        where = "user" if u < 0.2 else "follow" if u < 0.4 else "first"
    size_mode = rng.choice(["class", "pct"]) if defect == "size" else None

    # topics the row will state truthfully (the defect's own topic only falsely)
    say_side = defect != "laterality"
    say_vert = defect != "position"
    say_class = defect != "size" or size_mode == "pct"
    say_pct = defect != "size" or size_mode == "class"
    if defect == "size" and size_mode == "pct":
        say_class = False  # keep the false percent the only size statement
    if defect == "size" and size_mode == "class":
        say_pct = False
    say_count = defect != "count"

    # ----- turn 1: user
    q = p["named"] if defect == "names_target" else rng.choice(p["qs"])
    hist = _history(c, allow_sided=defect != "laterality") if rng.random() < 0.6 else ""
    c.hist = hist
    user1 = (hist + " " + q).strip() if hist and rng.random() < 0.5 else (q + (" " + hist if hist else ""))
    c.turns.append({"role": "user", "content": user1})

    # decide follow-up topics
    topics = ["side", "vert", "size", "count", "summary"]
    rng.shuffle(topics)
    n_rounds = rng.choice([2, 2, 3])
    planted_topic = {"laterality": "side", "position": "vert", "size": "size", "count": "count"}.get(defect)
    others = [t for t in topics if t != planted_topic]
    if where == "user":
        follow_topics = [planted_topic] + others[: n_rounds - 2]
    elif where == "follow":
        follow_topics = others[: n_rounds - 2] + [planted_topic]
        rng.shuffle(follow_topics)
    else:
        follow_topics = others[: n_rounds - 1]
    # misconception (clean and names_target rows, and defect rows on other topics): user states a false idea, assistant corrects
    miscon = rng.random() < 0.35

    # ----- turn 2: first answer
    name = rng.choice(p["names"])
    name = name if name != "it" else p["names"][0]
    opener = rng.choice(OPEN[style]).format(n=name)
    if len(p["shapes"]) > 1:
        opener = opener.replace("[SEG] is the finding", "[SEG] are the findings")
    parts = [opener]
    first_topics = ["side", "vert", "size", "count"]
    rng.shuffle(first_topics)
    first_topics = first_topics[: rng.choice([2, 3, 4])]
    if where == "first" and planted_topic not in first_topics:
        first_topics.append(planted_topic)
    if where in ("follow", "user"):
        first_topics = [t for t in first_topics if t != planted_topic]
    for t in first_topics:
        parts.extend(_topic_sentences(c, t, planted=(where == "first" and t == planted_topic),
                                      say=dict(side=say_side, vert=say_vert, cls=say_class, pct=say_pct, count=say_count),
                                      size_mode=size_mode))
    parts.extend(_knowledge(c, rng.choice([1, 1, 2])))
    if rng.random() < 0.4 and say_vert:
        parts.append(s_clock(c))
    parts.append(rng.choice(CLOSE[style]))
    c.turns.append({"role": "assistant", "content": " ".join(x for x in parts if x)})

    # ----- follow-up rounds
    for t in follow_topics:
        planted_here = where in ("follow", "user") and t == planted_topic
        if planted_here and where == "user":
            uq, planted_claimed = _premise(c, t, size_mode)
            c.turns.append({"role": "user", "content": uq})
            ans = _go_along(c, t, say=dict(side=say_side, vert=say_vert, cls=say_class, pct=say_pct, count=say_count))
            c.turns.append({"role": "assistant", "content": ans})
            continue
        if miscon and not planted_here and t in ("side", "vert", "size", "count"):
            uq, ans = _misconception(c, t, say=dict(side=say_side, vert=say_vert, cls=say_class, pct=say_pct, count=say_count))
            if uq:
                miscon = False
                c.turns.append({"role": "user", "content": uq})
                c.turns.append({"role": "assistant", "content": ans})
                continue
        uq = rng.choice(FOLLOW[t])
        c.turns.append({"role": "user", "content": uq})
        if t == "summary":
            body = _summary(c, dict(side=say_side, vert=say_vert, cls=say_class, pct=say_pct, count=say_count))
        else:
            body = _topic_sentences(c, t, planted=planted_here,
                                    say=dict(side=say_side, vert=say_vert, cls=say_class, pct=say_pct, count=say_count),
                                    size_mode=size_mode, follow=True)
            if not body:
                body = ["I'd rather not commit to that from a single frame; let's leave it to the full review."]
            if rng.random() < 0.5:
                body += _knowledge(c, 1)
        c.turns.append({"role": "assistant", "content": " ".join(x for x in body if x)})

    planted = [x for x in c.claims if x["planted"]]
    LEDGER.append(c.claims)
    expected = [defect] if defect else []
    assert defect in (None, "names_target") or len(planted) == 1, (defect, where, planted, follow_topics)
    return c.turns, expected


def _topic_sentences(c, t, planted, say, size_mode, follow=False):
    r, f = c.rng, c.f
    out = []
    if t == "side":
        if planted:
            out.append(s_lat_false(c))
            if r.random() < 0.5:
                out.append(s_pic_h(c))
        elif say["side"]:
            if r.random() < 0.5:
                out.append(s_pic_h(c))
            out.append(s_lat_unknown(c))
            if c.hist and r.random() < 0.6:
                out.append("The body site in the history is a separate matter: it tells us where the picture was taken, not which side of the frame the mask sits on.")
        elif follow:
            out.append(s_pic_h(c) or "Side to side, I'd only describe it in terms of the picture.")
    elif t == "vert":
        if planted:
            wrong = r.choice([v for v in ("upper", "lower", "central") if v != f["vertical"]])
            out.append(s_vert(c, wrong, planted=True))
        elif say["vert"]:
            out.append(s_vert(c, f["vertical"]))
            x = r.random()
            if x < 0.3:
                out.append(s_vert_not(c))
            elif x < 0.55:
                out.append(s_quadrant(c))
            elif x < 0.7:
                out.append(s_clock(c))
    elif t == "size":
        if planted:
            if size_mode == "class":
                wrong = r.choice([v for v in ("small", "medium", "large") if v != f["size_class"]])
                out.append(s_size(c, wrong, planted=True))
            else:
                true = 100 * f["area_fraction"]
                fac = r.choice([0.2, 0.25, 3.5, 4.0, 5.0]) if true < 20 else r.choice([0.2, 0.25, 0.3])
                out.append(s_pct(c, true * fac, planted=True))
        else:
            if say["cls"]:
                out.append(s_size(c, f["size_class"]))
            if say["pct"]:
                out.append(s_pct(c, 100 * f["area_fraction"] * r.uniform(0.97, 1.03)))
                if r.random() < 0.3:
                    out.append(s_px(c))
            if say["cls"] and r.random() < 0.35:
                out.append(s_size_hypo(c))
            if c.p["domain"] == "histo" and r.random() < 0.5:
                out.append(r.choice(["Remember the tile is magnified; share of the tile says nothing about micrometres.",
                                     "At 40x a whole tile spans only about 64 micrometres, so these are shares of the tile, not absolute sizes."]))
    elif t == "count":
        if planted:
            n = f["components"]
            wrong = r.choice([n + 1, n + 2] + ([n - 1] if n > 2 else []))
            out.append(s_count(c, wrong, planted=True))
        elif say["count"]:
            out.append(s_count(c, f["components"]))
            if f["components"] > 1 and r.random() < 0.4:
                c.claim("count_not", 1)
                out.append(r.choice(["So it is not a single lesion.", "Not one region, then, but several."]))
    return [x for x in out if x]


def _premise(c, t, size_mode):
    r, f = c.rng, c.f
    if t == "side":
        v = r.choice(["left", "right"] + (["bilateral"] if c.multi else []))
        c.claim("lat", v, planted=True)
        if v == "bilateral":
            return r.choice(["Since these are on both sides of the patient, does that change the workup?",
                             "Given they're bilateral on the patient, anything else to add?"]), v
        return r.choice([f"Since it's on the patient's {v} side, does that change anything?",
                         f"OK, so it's on the {v} side of the patient. Anything else I should know?",
                         f"Given it lies on the patient's {v}, what would you do next?"]), v
    if t == "vert":
        wrong = r.choice([v for v in ("upper", "lower", "central") if v != f["vertical"]])
        c.claim("vert", wrong, planted=True)
        w = {"upper": "upper half", "lower": "lower half", "central": "middle of the frame, vertically"}[wrong]
        return r.choice([f"Since it sits in the {w}, is it easy to reach?", f"So it's in the {w} of the picture. What else?",
                         f"Being in the {w}, does that affect anything?"]), wrong
    if t == "size":
        if size_mode == "class":
            wrong = r.choice([v for v in ("small", "medium", "large") if v != f["size_class"]])
            c.claim("size", wrong, planted=True)
            return r.choice([f"Given that it's {wrong}, what's the next step?", f"It's a {wrong} one, so what would you suggest?",
                             f"Since it's {wrong} in size, anything else to add?"]), wrong
        true = 100 * f["area_fraction"]
        val = true * r.choice([0.2, 0.25, 3.5, 4.0]) if true < 20 else true * 0.25
        c.claim("pct", round(val, 4), planted=True)
        s = f"{val:.2f}" if val < 1 else f"{val:.1f}"
        return r.choice([f"Since it covers about {s}% of the image, what next?", f"With it taking up {s}% of the frame, should we worry?"]), val
    n = f["components"]
    wrong = r.choice([n + 1, n + 2] + ([n - 1] if n > 2 else []))
    c.claim("count", wrong, planted=True)
    w = NUM.get(wrong, str(wrong))
    return r.choice([f"Since there are {w} separate regions, should each be reported?", f"OK, {w} pieces. What next?",
                     f"With {w} separate areas in the mask, anything to add?"]), wrong


def _go_along(c, t, say):
    r = c.rng
    out = [r.choice(["Reasonable question.", "Sure.", "Good point.", "Understood."])]
    out += _knowledge(c, 1)
    # add something true on another topic
    other = r.choice([x for x in ("vert", "size", "count") if x != t])
    out += _topic_sentences(c, other, planted=False, say=say, size_mode=None, follow=True)
    out.append(r.choice(["I'd carry on with the usual workup for this kind of finding.", "The next step would be the standard one for this finding.",
                         "Nothing unusual in the management from that alone."]))
    return " ".join(x for x in out if x)


def _misconception(c, t, say):
    r, f = c.rng, c.f
    c.claims.append(dict(turn=len(c.turns), kind="corrected", value=t, planted=False))  # the user's idea, corrected next turn
    if t == "side" and say["side"]:
        v = r.choice(["left", "right"])
        uq = r.choice([f"So it's on the patient's {v} side, right?", f"That's the {v} side of the patient, isn't it?",
                       f"I assume the {v} of the picture is the patient's {v}?"])
        ans = [f"No, not necessarily.", s_lat_unknown(c)]
        if r.random() < 0.5:
            ans.append(s_pic_h(c))
        return uq, " ".join(x for x in ans if x)
    if t == "vert" and say["vert"]:
        wrong = r.choice([v for v in ("upper", "lower") if v != f["vertical"]])
        uq = r.choice([f"It looks like it's in the {wrong} half to me, is that right?", f"Isn't it in the {wrong} part of the frame?"])
        ans = ["Not quite.", s_vert(c, f["vertical"])]
        return uq, " ".join(ans)
    if t == "size" and say["cls"] and say["pct"]:
        wrong = r.choice([v for v in ("small", "medium", "large") if v != f["size_class"]])
        uq = r.choice([f"It looks {wrong} to me. Would you agree?", f"I'd have called that {wrong}. Fair?"])
        ans = [r.choice(["I'd disagree.", "Not by the numbers."]), s_pct(c, 100 * f["area_fraction"]), s_size(c, f["size_class"])]
        return uq, " ".join(ans)
    if t == "count" and say["count"]:
        n = f["components"]
        wrong = n + 1 if n == 1 else 1
        uq = r.choice([f"I see {NUM[wrong]} region{'s' if wrong > 1 else ''} there, is that right?",
                       f"Is that {NUM[wrong]} separate area{'s' if wrong > 1 else ''}?"])
        sc = s_count(c, n)
        return uq, "No, " + sc[0].lower() + sc[1:]
    c.claims.pop()
    return "", ""


def _summary(c, say):
    r, f = c.rng, c.f
    out = [r.choice(["Summary:", "In short:", "To recap:"]) + " " + c.subj() + r.choice([", segmented above.", " is what the mask shows."])]
    if say["count"]:
        out.append(s_count(c, f["components"]))
    if say["vert"]:
        out.append(s_vert(c, f["vertical"]))
    if say["cls"]:
        out.append(s_size(c, f["size_class"]))
    if say["pct"] and r.random() < 0.6:
        out.append(s_pct(c, 100 * f["area_fraction"]))
    if say["side"]:
        out.append(s_lat_unknown(c))
    return out
