"""Bank GX: family members and caregivers asking about a relative's scan.

Written blind (without reading any QC rule, test or other bank) by helper `qcgx`. Four registers: an anxious
adult child typing on a phone (`phone`), a calm spouse writing long careful messages (`spouse`), a caregiver
relaying questions for an elderly parent with hearing loss (`caregiver`), and a relative answered by an
assistant that uses very plain words (`plain`). The prose carries the traps of this kind of talk: the relative's
right is "my left when I face him", screens shown as if facing the patient, other relatives' sides and histories,
doctors quoted from the phone, ages, dates, doses ("two tablets four times a day"), verbs and interjections that
are side words ("the GP left a voicemail", "right?"), corrected premises and the assistant's corrected slips.
Every claim about the target is logged in `LEDGER` and checked against `compute_facts` by the writer's own
reader (kept outside the repository).

Own check (seed 20261333): rows 420, clean 210, defects laterality 42 / position 42 / size 42 / count 42 /
names_target 42; planted false claims in first answer 57, follow-up answer 50, user premise 61; problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

STYLES = ["phone", "spouse", "caregiver", "plain"]
LEDGER: list[dict] = []   # one entry per row: the mask, its facts and every claim the prose makes about the target
SIZE = 256


def _P(target, orient, mod, region, names, short, one, many, descs, gk, gloss, blobs=None, cands=None, n=(1, 1),
       r=(0.02, 0.03), others=None, plural=False, side_word=None, force_bilateral=False, sex=None):
    return dict(target=target, orient=orient, mod=mod, region=region, names=names, short=short, one=one, many=many,
                descs=descs, gk=gk, gloss=gloss, blobs=blobs, cands=cands, n=n, r=r, others=others or {},
                plural=plural, side_word=side_word, force_bilateral=force_bilateral, sex=sex)


PROFILES = [
    _P("left kidney", "LP", "CT", "abdomen", ["kidney", "renal"], "the kidney", "piece", "pieces",
       ["the bean-shaped organ that cleans {pos} blood and makes urine",
        "the organ the GP keeps checking with {pos} blood tests, the one that filters the blood"],
       ["Most people are born with two of these, each roughly 10 to 12 cm long, and plenty of people live "
        "normally with only one.", "The left one usually sits a little higher than the right, because the liver "
        "pushes the right one down."],
       "the organ that filters the blood", blobs=[(0.22, 0.12, 0.065, 0.09)],
       others={"aorta": (0.02, 0.04), "liver": (-0.22, -0.04), "spine": (0.0, 0.17)}, side_word="left"),
    _P("right renal cyst", "LP", "CT", "abdomen", ["cyst", "renal", "kidney"], "the cyst", "cyst", "cysts",
       ["a little round bubble full of water that the report called 'simple'",
        "the fluid-filled blister the radiographer mentioned, the one they said was probably harmless"],
       ["These fluid bubbles turn up in roughly a third of people over 50 and most never need anything done.",
        "Doctors grade them on a 1 to 4 scale, and grade 1 ones are simply left alone."],
       "a harmless-looking fluid bubble", blobs=[(-0.2, 0.1, 0.032, 0.03)],
       others={"spine": (0.0, 0.17), "liver": (-0.2, -0.08)}, side_word="right"),
    _P("gallstones", "LP", "CT", "abdomen", ["gallstone", "gall", "stone", "stones", "gallbladder"], "the stones",
       "stone", "stones",
       ["the little hard things that have been giving {obj} that awful pain after fatty meals",
        "whatever it is that the surgeon says might mean keyhole surgery to take the bag under the liver out"],
       ["About 1 in 10 adults have these and most never get a single symptom.",
        "Surgeons take the bag out through three or four small cuts and most people go home the same day."],
       "small hard stones in the bile bag under the liver", plural=True,
       cands=[(-0.14, -0.08), (-0.2, -0.02), (-0.12, 0.02), (-0.22, -0.1), (-0.17, 0.07)], n=(2, 4),
       r=(0.014, 0.022), others={"liver": (-0.24, -0.12), "spine": (0.0, 0.17)}),
    _P("liver metastases", "LP", "CT", "abdomen", ["metastas", "secondar", "liver", "spread"], "the spots",
       "spot", "spots",
       ["the spots the oncologist rang about, the ones from {pos} bowel cancer",
        "the new patches the cancer team found in the big organ under {pos} ribs"],
       ["With bowel cancer, roughly half of people develop spots like these at some point.",
        "Surgery, ablation or chemotherapy are all used, and some people have 2 or 3 treatments in a row."],
       "spots where the cancer has spread to the liver", plural=True,
       cands=[(-0.26, -0.12), (-0.16, -0.02), (-0.28, 0.06), (-0.12, -0.14), (-0.2, 0.12)], n=(2, 5),
       r=(0.022, 0.034), others={"spine": (0.0, 0.18), "stomach": (0.18, -0.1)}),
    _P("abdominal aortic aneurysm", "LP", "CT", "abdomen", ["aneurysm", "aorta", "aortic", "AAA"],
       "the swelling", "swelling", "swellings",
       ["the ballooning of the main blood pipe that the screening ultrasound picked up",
        "the widening of the big blood vessel that the vascular nurse said they would 'keep an eye on'"],
       ["Men over 65 are offered one screening ultrasound in the UK, and most of these are found that way.",
        "Surgeons usually talk about repair once it reaches about 5.5 cm across."],
       "a ballooning of the main blood vessel in the belly", blobs=[(0.0, 0.1, 0.05, 0.05)],
       others={"spine": (0.0, 0.2), "left kidney": (0.22, 0.12)}),
    _P("prostate", "LP", "MR", "pelvis", ["prostate", "prostatic"], "the gland", "piece", "pieces",
       ["the gland that's making {obj} get up to wee five times a night",
        "the thing the urologist felt during the examination and then sent {obj} for this scan for"],
       ["By 80, around 8 in 10 men have some enlargement here.",
        "A PSA blood test is often repeated every 3 to 6 months."],
       "the gland under the bladder", blobs=[(0.0, 0.0, 0.07, 0.06)],
       others={"bladder": (0.0, -0.14), "rectum": (0.0, 0.16)}, sex="he"),
    _P("urinary bladder", "LP", "CT", "pelvis", ["bladder", "urinary"], "the bladder", "piece", "pieces",
       ["the bag that holds {pos} wee, the nurse said it wasn't emptying",
        "the thing the catheter goes into"],
       ["It comfortably holds around 400 to 600 ml in an adult.",
        "A scan after going to the toilet should show less than about 100 ml left."],
       "the bag that stores urine", blobs=[(0.0, -0.1, 0.16, 0.12)],
       others={"rectum": (0.0, 0.15), "left hip": (0.3, 0.05)}),
    _P("left femoral neck fracture", "LI", "XR", "pelvis", ["fracture", "femoral", "femur", "break", "broken"],
       "the fracture", "break", "breaks",
       ["what the A&E doctor found after {sub} fell in the kitchen and couldn't stand",
        "the reason {sub} can't put weight on that leg since the fall on Sunday"],
       ["These are very common after 80, and most people have surgery within 36 hours.",
        "About half of people get back to walking the way they did before, often with a frame at first."],
       "a break at the top of the thigh bone", blobs=[(0.2, 0.08, 0.03, 0.022)],
       others={"bladder": (0.0, 0.0), "spine": (0.0, -0.35)}, side_word="left"),
    _P("right pleural effusion", "LP", "CT", "chest", ["effusion", "pleural", "fluid"], "the fluid", "pocket",
       "pockets",
       ["the thing making {obj} so breathless, that the doctor said they might draw off with a needle",
        "whatever is squashing {pos} lung and making {obj} puff after a few steps"],
       ["Doctors often drain 1 to 1.5 litres in one go.",
        "It can come back, so a repeat X-ray in 2 to 4 weeks is common."],
       "fluid collected around the lung", blobs=[(-0.22, 0.15, 0.15, 0.12)],
       others={"heart": (0.06, -0.08), "spine": (0.0, 0.2)}, side_word="right"),
    _P("bilateral pleural effusions", "LP", "CT", "chest", ["effusion", "pleural", "fluid"], "the fluid",
       "pocket", "pockets",
       ["the reason {sub} can't lie flat any more, the thing that might be from {pos} heart failure",
        "the build-up that the heart doctor thinks the water tablets should help with"],
       ["With heart failure this is common, and water tablets such as furosemide 40 mg often help within days.",
        "About 1 litre can collect before it shows up on a plain X-ray."],
       "fluid collected around both lungs", plural=True,
       blobs=[(-0.23, 0.16, 0.08, 0.06), (0.23, 0.16, 0.08, 0.06)],
       others={"heart": (0.06, -0.08), "spine": (0.0, 0.2)}, side_word="bilateral"),
    _P("pulmonary nodules", "LP", "CT", "chest", ["nodule", "pulmonary", "lung"], "the spots", "spot", "spots",
       ["the little spots the chest doctor wants to re-scan in 3 months",
        "the specks the report says are 'indeterminate', in {pos} breathing organs"],
       ["More than half of smokers over 50 have at least one tiny spot like this, and most are harmless.",
        "Spots under 6 mm usually need no follow-up at all."],
       "small round spots in the lungs", plural=True,
       cands=[(-0.25, -0.1), (0.25, -0.05), (-0.2, 0.12), (0.22, 0.14), (0.3, 0.02)], n=(2, 4),
       r=(0.014, 0.02), others={"heart": (0.06, -0.05), "spine": (0.0, 0.22)}),
    _P("right subdural haematoma", "LP", "CT", "head", ["subdural", "haematoma", "hematoma", "bleed", "blood"],
       "the collection", "collection", "collections",
       ["what's pressing on {pos} brain since {sub} fell and hit {pos} head",
        "the thing that explains why {sub} has been so muddled and sleepy since the fall"],
       ["These are much more common over 75, especially in people on blood thinners such as apixaban 2.5 mg "
        "twice a day.", "Small ones are often watched with a repeat scan after 1 to 2 weeks."],
       "a collection of old blood over the surface of the brain", blobs=[(-0.3, 0.0, 0.03, 0.14)],
       others={"midline of the brain": (0.0, 0.0)}, side_word="right"),
    _P("left middle cerebral artery infarct", "LP", "MR", "head",
       ["infarct", "stroke", "cerebral artery", "MCA"], "the damaged area", "area", "areas",
       ["the damaged area that explains why {pos} right arm went weak and {sub} can't find words",
        "what happened in {pos} brain on the night {pos} speech went and {pos} right hand stopped working"],
       ["The brain's left half controls the right side of the body, which is why the right arm is affected.",
        "Most recovery happens in the first 3 to 6 months."],
       "an area of brain damaged by a blocked blood vessel", blobs=[(0.18, -0.02, 0.08, 0.1)],
       others={"ventricles": (0.0, 0.0)}, side_word="left"),
    _P("brain metastases", "LP", "MR", "head", ["metastas", "secondar", "spread", "tumour", "tumor"],
       "the spots", "spot", "spots",
       ["the spots they found after {pos} lung cancer, the reason for the headaches",
        "what the oncologist said might need targeted radiotherapy, the things causing {pos} headaches"],
       ["Around 1 in 5 people with lung cancer develop these.",
        "Targeted radiotherapy is often given in 1 to 5 short sessions."],
       "spots where the cancer has spread to the brain", plural=True,
       cands=[(-0.22, -0.18), (0.2, -0.12), (-0.18, 0.16), (0.24, 0.12), (0.14, 0.24)], n=(2, 5),
       r=(0.018, 0.03), others={"ventricles": (0.0, 0.0)}),
    _P("right thyroid nodule", "LP", "US", "neck", ["thyroid", "nodule", "goitre"], "the lump", "lump", "lumps",
       ["the lump in the butterfly-shaped gland at the front of {pos} neck",
        "what the GP felt when {sub} swallowed, in the gland that controls metabolism"],
       ["Around half of people over 60 have one of these if you look with ultrasound, and over 90% are "
        "harmless.", "Ultrasound reports grade them with a score from 1 to 5."],
       "a lump in the thyroid gland", blobs=[(-0.16, -0.04, 0.055, 0.045)],
       others={"windpipe": (0.0, -0.12)}, side_word="right"),
    _P("pituitary adenoma", "LI", "MR", "head", ["pituitary", "adenoma"], "the growth", "piece", "pieces",
       ["the growth in the pea-sized gland under {pos} brain that the eye doctor thinks is pressing on "
        "{pos} sight", "the thing behind {pos} eyes that could explain the hormone blood tests"],
       ["Roughly 1 in 1,000 people have one that causes symptoms, and almost all are benign.",
        "Surgery, when needed, is usually done through the nose."],
       "a benign growth of the hormone gland under the brain", blobs=[(0.0, 0.12, 0.025, 0.02)],
       others={"ventricles": (0.0, -0.06)}),
    _P("left adrenal nodule", "LP", "CT", "abdomen", ["adrenal", "nodule", "incidentaloma"], "the nodule",
       "lump", "lumps",
       ["the small lump on the gland above {pos} kidney that makes stress hormones",
        "the 'incidental' thing they found when they were scanning for something else"],
       ["About 1 in 20 scans of people over 70 shows one of these by chance.",
        "Doctors usually check a 24-hour urine test and a couple of blood tests."],
       "a small lump on the gland above the kidney", blobs=[(0.13, 0.1, 0.025, 0.02)],
       others={"aorta": (0.02, 0.06), "spine": (0.0, 0.18)}, side_word="left"),
    _P("bilateral renal cysts", "LP", "CT", "abdomen", ["cyst", "renal", "kidney"], "the cysts", "cyst",
       "cysts",
       ["the little water bubbles the report mentioned, in the organs that make urine",
        "the fluid blisters in the organs that filter the blood, the ones the GP said were 'nothing to worry "
        "about'"],
       ["Over 50% of people past 50 have at least one.", "Grade 1 and 2 ones on the 1 to 4 scale need no follow-up."],
       "fluid bubbles in both kidneys", plural=True, force_bilateral=True,
       cands=[(-0.22, 0.08), (0.22, 0.1), (-0.2, 0.16), (0.24, 0.18), (-0.25, 0.02)], n=(2, 4),
       r=(0.018, 0.026), others={"spine": (0.0, 0.2)}, side_word="bilateral"),
    _P("spleen", "LP", "CT", "abdomen", ["spleen", "splenic", "splenomegaly"], "the spleen", "piece", "pieces",
       ["the organ tucked under {pos} ribs that deals with old blood cells, the one the haematologist said "
        "was 'enlarged'", "the organ that filters old red cells, the one linked with {pos} blood disorder"],
       ["A normal adult one is about 11 to 12 cm long.", "People without one need extra vaccines, such as a "
        "yearly flu jab."],
       "the organ that filters the blood and fights infection", blobs=[(0.25, 0.08, 0.12, 0.15)],
       others={"liver": (-0.2, -0.05), "spine": (0.0, 0.18)}),
    _P("left ovarian cyst", "LP", "CT", "pelvis", ["ovar", "cyst", "adnex"], "the cyst", "cyst", "cysts",
       ["the fluid bubble in the egg-making organ that the gynaecologist wants to recheck",
        "the thing the gynaecologist said needs a CA-125 blood test"],
       ["After the menopause most simple ones under 5 cm are just rescanned in 4 to 6 months.",
        "The CA-125 blood test is normal below 35 units."],
       "a fluid bubble on the ovary", blobs=[(0.16, 0.0, 0.05, 0.045)],
       others={"bladder": (0.0, -0.12), "uterus": (0.0, 0.02)}, side_word="left", sex="she"),
    _P("uterine fibroids", "LP", "MR", "pelvis", ["fibroid", "uterine", "uterus", "leiomyoma", "womb"],
       "the fibroids", "fibroid", "fibroids",
       ["the growths that the gynaecologist thinks are behind {pos} heavy bleeding",
        "the harmless growths that shrink after the change, the ones making {pos} tummy swell"],
       ["By 50, up to 7 in 10 women have some, and most shrink after the menopause.",
        "They are benign in more than 99 out of 100 cases."],
       "benign muscle growths of the womb", plural=True,
       cands=[(0.0, -0.1), (-0.14, 0.04), (0.14, 0.05), (0.0, 0.12)], n=(1, 3), r=(0.03, 0.045),
       others={"bladder": (0.0, -0.22), "rectum": (0.0, 0.25)}, sex="she"),
    _P("heart", "LI", "XR", "chest", ["heart", "cardiac", "cardio"], "the heart", "piece", "pieces",
       ["the organ the GP said looked 'a bit big' on the X-ray, the one that pumps the blood",
        "the pump in {pos} chest that the water tablets and the bisoprolol 2.5 mg are for"],
       ["On a chest X-ray doctors say it is enlarged if it is wider than half the chest.",
        "Bisoprolol is usually started at 1.25 mg and increased every 2 weeks."],
       "the muscle that pumps blood round the body", blobs=[(0.1, 0.12, 0.15, 0.12)],
       others={"windpipe": (0.0, -0.25), "right lung": (-0.22, -0.05)}),
    _P("right lung mass", "LP", "CT", "chest", ["mass", "lung", "pulmonary", "tumour", "tumor"], "the mass",
       "mass", "masses",
       ["the shadow the chest doctor wants to do a biopsy of next week",
        "the thing they found when {sub} had that cough for 3 months that wouldn't go"],
       ["A biopsy needle is only about 1 mm wide and most people go home the same day.",
        "Lung cancer is much more common in people who smoked, but about 1 in 10 never smoked."],
       "a solid growth in the lung", blobs=[(-0.2, -0.06, 0.055, 0.05)],
       others={"heart": (0.06, 0.0), "spine": (0.0, 0.2)}, side_word="right"),
    _P("left breast mass", "LP", "CT", "chest", ["breast", "mass", "tumour", "tumor"], "the mass", "mass",
       "masses",
       ["what {sub} felt while showering last month, the thing they did the needle test on",
        "the reason the screening clinic called {obj} back after the mammogram"],
       ["About 8 in 10 things found like this turn out not to be cancer.",
        "Results of a needle test usually take 7 to 10 days."],
       "a solid lump in the breast", blobs=[(0.24, -0.3, 0.035, 0.03)],
       others={"heart": (0.06, -0.05), "spine": (0.0, 0.2)}, side_word="left", sex="she"),
]


# --------------------------------------------------------------------------------------------- masks / facts

def _img_xy(o, lat, vert):
    """Patient offsets (lat > 0: the patient's left; vert > 0: toward orientation[1]) to image (x, y) in 0..1."""
    sx = 1.0 if o[0] == "L" else -1.0
    return 0.5 + sx * lat, 0.5 + vert


def facts_for(p, rng):
    o = p["orient"]
    yy, xx = np.mgrid[0:SIZE, 0:SIZE] / float(SIZE - 1)
    if p["cands"]:
        k = rng.randint(*p["n"])
        cands = list(p["cands"])
        if p["force_bilateral"]:
            lefts = [c for c in cands if c[0] > 0]
            rights = [c for c in cands if c[0] < 0]
            first = [rng.choice(lefts), rng.choice(rights)]
            rest = [c for c in cands if c not in first]
            picks = first + rng.sample(rest, max(0, k - 2))
        else:
            picks = rng.sample(cands, k)
        base = rng.uniform(*p["r"])
        blobs = [(lat, vert, base * rng.uniform(0.92, 1.08), base * rng.uniform(0.85, 1.15)) for lat, vert in picks]
    else:
        blobs = p["blobs"]
    m = np.zeros((SIZE, SIZE), bool)
    for lat, vert, rx, ry in blobs:
        lat += rng.uniform(-0.012, 0.012)
        vert += rng.uniform(-0.012, 0.012)
        rx *= rng.uniform(0.88, 1.12)
        ry *= rng.uniform(0.88, 1.12)
        cx, cy = _img_xy(o, lat, vert)
        m |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    others = {name: _img_xy(o, *v) for name, v in sorted(p["others"].items())}
    f = compute_facts(m, o, others).model_dump(mode="json")
    LEDGER.append({"target": p["target"], "mask": m, "orient": o, "others": others, "facts": f, "claims": []})
    return f


def record_for(p):
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


# --------------------------------------------------------------------------------------------- conversation

class _Conv:
    def __init__(self, entry):
        self.turns: list[dict] = []
        self.cur: list[str] = []
        self.role = "user"
        self.entry = entry

    def claim(self, kind, value, phrase, corrected=False):
        self.entry["claims"].append({"turn": len(self.turns), "role": self.role, "kind": kind, "value": value,
                                     "phrase": phrase, "corrected": corrected})
        return phrase

    def add(self, text):
        self.cur.append(text)

    def end(self):
        self.turns.append({"role": self.role, "content": " ".join(s for s in self.cur if s).strip()})
        self.cur = []
        self.role = "assistant" if self.role == "user" else "user"


_RELATIVES = {
    "phone": [("my dad", "he"), ("my mum", "she"), ("my father", "he"), ("my mother", "she"), ("dad", "he"),
              ("mum", "she")],
    "spouse": [("my husband, Peter", "he"), ("my wife, Margaret", "she"), ("my husband, Tomasz", "he"),
               ("my wife, Aisha", "she"), ("my partner of forty years, Graham", "he")],
    "caregiver": [("my mother", "she"), ("Dad", "he"), ("my father-in-law", "he"), ("Mrs Okafor next door", "she"),
                  ("my aunt", "she"), ("Grandad", "he")],
    "plain": [("my nan", "she"), ("my grandad", "he"), ("my uncle", "he"), ("my gran", "she"),
              ("my step-dad", "he")],
}
_PRON = {"he": ("he", "him", "his"), "she": ("she", "her", "her")}
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_MEDS = ["amlodipine 5 mg once a day", "apixaban 2.5 mg twice a day", "metformin 500 mg two times a day",
         "levothyroxine 75 micrograms every morning", "tamsulosin 400 micrograms at night",
         "co-codamol 30/500, two tablets four times a day", "furosemide 40 mg in the morning",
         "donepezil 10 mg at bedtime", "atorvastatin 20 mg", "ramipril 2.5 mg", "omeprazole 20 mg before breakfast"]
_MOD = {"CT": "a CT", "MR": "an MRI", "US": "an ultrasound", "XR": "an x-ray"}
_REG = {"abdomen": "an abdominal", "chest": "a chest", "head": "a head", "pelvis": "a pelvic", "neck": "a neck"}
_NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
_OPP = {"left": "right", "right": "left"}


def _cap(s):
    return s[:1].upper() + s[1:]


def _side_ph(v, pos, rng, user=False):
    if v.startswith("not:"):
        raise ValueError(v)
    opts = {
        "left": [f"on {pos} left side", f"on the left side of {pos} body", f"on {pos} left", f"over on {pos} left"],
        "right": [f"on {pos} right side", f"on the right side of {pos} body", f"on {pos} right",
                  f"over on {pos} right"],
        "bilateral": [f"on both sides of {pos} body", f"on both {pos} left and {pos} right", "on each side",
                      "on both sides"],
        "midline": [f"in the middle of {pos} body", "right in the middle", "in the midline, not off to one side",
                    f"down the centre of {pos} body"],
    }[v]
    if user:
        opts = opts[:3]
    return rng.choice(opts)


def _vert_ph(v, pos, orient, rng):
    axial = orient[1] in "AP"
    opts = {
        "anterior": [f"towards the front of {pos} body", f"nearer {pos} tummy than {pos} back",
                     "towards the front"],
        "posterior": [f"towards {pos} back", f"nearer {pos} back than {pos} front", "towards the back"],
        "superior": [f"higher up, towards {pos} head", "in the upper part, towards the head"],
        "inferior": [f"lower down, towards {pos} feet", "in the lower part, towards the feet"],
        "central": ([f"about halfway between {pos} front and {pos} back", "midway from front to back"] if axial
                    else ["about halfway between top and bottom", "at about mid-height"]),
    }[v]
    return rng.choice(opts)


_REL = {"left_of": "to the left of the {o}", "right_of": "to the right of the {o}",
        "anterior_to": "in front of the {o}", "posterior_to": "behind the {o}", "superior_to": "above the {o}",
        "inferior_to": "below the {o}"}
_REL_INV = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def _size_ph(v, rng):
    return rng.choice({"small": ["small", "quite small", "on the small side", "fairly small"],
                       "medium": ["medium-sized", "moderate in size", "middling in size", "of medium size"],
                       "large": ["large", "quite large", "big", "fairly big"]}[v])


def _pct_text(v):
    return f"{v:.2f}" if v < 1 else f"{v:.1f}" if v < 10 else f"{v:.0f}"


def _ord(d):
    return f"{d}{'th' if 10 <= d % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


def _count_ph(n, p, rng):
    if n == 1:
        return rng.choice([f"a single {p['one']}", f"just one {p['one']}", f"one {p['one']}",
                           f"only one {p['one']}"])
    w = rng.choice([_NUMW.get(n, str(n)), str(n)])
    return rng.choice([f"{w} separate {p['many']}", f"{w} {p['many']}", f"{w} distinct {p['many']}"])


def _false(kind, truth, p, facts, rng):
    """A value of `kind` that the facts make false."""
    if kind == "side":
        t = truth
        return {"left": "right", "right": "left"}.get(t) or rng.choice(["left", "right"])
    if kind == "vertical":
        return {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior",
                "central": "posterior" if p["orient"][1] in "AP" else "superior"}[truth]
    if kind == "relation":
        return (_REL_INV[truth[0]], truth[1])
    if kind == "size":
        return {"small": "large", "large": "small", "medium": rng.choice(["large", "small"])}[truth]
    if kind == "pct":
        return round(truth * 9, 1) if truth < 1.6 else round(truth / 9, 1)
    if kind == "count":
        return truth + 1 if truth == 1 or rng.random() < 0.5 else truth - 1
    raise ValueError(kind)


class _Row:
    """Everything one conversation needs: the people, their pronouns, the truth and the phrase makers."""

    def __init__(self, p, facts, style, rng, C):
        self.p, self.facts, self.style, self.rng, self.C = p, facts, style, rng, C
        self.rel, g = rng.choice([x for x in _RELATIVES[style] if p["sex"] in (None, x[1])])
        self.sub, self.obj, self.pos = _PRON[g]
        self.age = rng.randint(58, 94)
        self.day, self.month = rng.randint(2, 28), rng.choice(_MONTHS)
        self.med = rng.choice(_MEDS)
        self.truth = {"side": facts["laterality"], "vertical": facts["vertical"], "size": facts["size_class"],
                      "count": facts["components"], "pct": round(facts["area_fraction"] * 100, 2)}
        rels = facts["relations"]
        self.truth["relation"] = None
        if rels:
            r = rng.choice(rels)
            self.truth["relation"] = (r["relation"], r["other"])
        pl = p["plural"] or facts["components"] > 1
        self.it, self.It, self.is_, self.sits = ("they", "They", "are", "sit") if pl else ("it", "It", "is", "sits")

    # phrases that log a claim -----------------------------------------------------------------------------
    def ph(self, kind, value, corrected=False, user=False):
        rng, pos = self.rng, self.pos
        if kind == "side":
            s = _side_ph(value, pos, rng, user)
        elif kind == "vertical":
            s = _vert_ph(value, pos, self.p["orient"], rng)
        elif kind == "relation":
            s = _REL[value[0]].format(o=value[1])
        elif kind == "size":
            s = _size_ph(value, rng)
        elif kind == "pct":
            s = f"about {_pct_text(value)}% of the picture" if not user else f"about {_pct_text(value)}%"
        elif kind == "count" and user:
            s = (rng.choice(["just the one", "only the one"]) if value == 1
                 else f"{rng.choice([_NUMW.get(value, str(value)), str(value)])} of them")
        elif kind == "count":
            s = _count_ph(value, self.p, rng)
        else:
            raise ValueError(kind)
        return self.C.claim(kind, value, s, corrected)

    def label(self):
        """The target's name; a side in the name is a claim too."""
        t = self.p["target"]
        if self.p["side_word"]:
            self.C.claim("side", self.p["side_word"], t)
        return t

    # an assistant sentence stating one claim -------------------------------------------------------------
    def say(self, kind, value, corrected=False):
        rng, it, It, is_, sits = self.rng, self.it, self.It, self.is_, self.sits
        x = self.ph(kind, value, corrected)
        if kind == "side":
            return rng.choice([f"{It} {sits} {x}.", f"On this slice {it} {is_} {x}.", f"You'll find {'them' if it == 'they' else 'it'} {x}.",
                               f"In terms of sides, {it} {is_} {x}."])
        if kind == "vertical":
            return rng.choice([f"From front to back, {it} {is_} {x}." if self.p["orient"][1] in "AP"
                               else f"Top to bottom, {it} {is_} {x}.", f"{It} {sits} {x}.",
                               f"On the picture {it} {is_} {x}."])
        if kind == "relation":
            return rng.choice([f"{It} {sits} {x}.", f"If it helps to picture it, {it} {is_} {x}.",
                               f"On this image {it} {is_} {x}."])
        if kind == "size":
            return rng.choice([f"{It} {is_} {x}.", f"For size, I'd describe {'them' if it == 'they' else 'it'} "
                               f"as {x}.", f"On this scan {it} {is_} {x}.", f"Size-wise, {it} {is_} {x}."])
        if kind == "pct":
            return rng.choice([f"{It} {'take' if it == 'they' else 'takes'} up {x}.",
                               f"Measured on the image, {it} {'cover' if it == 'they' else 'covers'} {x}."])
        if kind == "count":
            return rng.choice([f"I can count {x} here.", f"There {'is' if value == 1 else 'are'} {x} on this slice.",
                               f"This slice shows {x}."])
        raise ValueError(kind)

    def slip(self, kind, false, true):
        """The assistant's own slip, corrected at once."""
        rng = self.rng
        f = self.ph(kind, false, corrected=True)
        t = self.ph(kind, true)
        if kind == "count":
            return rng.choice([f"I count {f} — sorry, let me correct that: {t}.",
                               f"I first wrote {f} here; that was my slip, it's {t}."])
        return rng.choice([f"{self.It} {self.is_} {f} — sorry, let me correct myself: {t}.",
                           f"I nearly wrote that {self.it} {self.is_} {f}; that was my slip. {self.It} {self.is_} {t}."])

    # user questions -------------------------------------------------------------------------------------
    def ask(self, kind):
        s, sub, pos, obj, rng = self.style, self.sub, self.pos, self.obj, self.rng
        axial = self.p["orient"][1] in "AP"
        q = {
            "side": {"phone": [f"wait which side is it?? {pos} left or my left when im facing {obj}",
                               "sorry which side was it again", "is it left or right?? i keep getting muddled"],
                     "spouse": [f"Could you tell me which side of {pos} body it is on? I keep picturing it the wrong "
                                f"way round because I'm usually facing {obj}.",
                                "Which side is it on? I would like to be sure I have that correct."],
                     "caregiver": [f"{_cap(sub)} is asking which side it's on — {sub} didn't catch it on the phone.",
                                   f"Sorry, {sub} wants to know the side again. I've written it down but {sub} "
                                   "asked me twice."],
                     "plain": ["Which side of the body is it on?", f"Is it on {pos} left or {pos} right?"]},
            "vertical": {"phone": ["is it at the front or the back" if axial else "is it high up or low down",
                                   "where is it exactly, like front to back?" if axial else "where is it top to bottom"],
                         "spouse": ["Is it nearer the front of the body or the back?" if axial else
                                    "Is it higher up or lower down on the image?"],
                         "caregiver": [f"{_cap(sub)} wants to know whereabouts it is — front or back?" if axial
                                       else f"{_cap(sub)} wants to know if it's high or low."],
                         "plain": ["Is it at the front or the back?" if axial else "Is it high or low?"]},
            "relation": {"phone": ["what's it next to?", "where is it compared to the other bits"],
                         "spouse": ["Could you explain where it sits in relation to the things around it?"],
                         "caregiver": [f"{_cap(sub)} asked what it's near. {_cap(sub)} likes to picture things."],
                         "plain": ["What is it next to, on the picture?"]},
            "size": {"phone": ["is it big?? pls be honest", "how big is it", "is it a big one or"],
                     "spouse": ["How large is it? The doctor did not say on the phone and I did not think to ask."],
                     "caregiver": [f"{_cap(sub)} is asking how big it is. Sorry, I know I asked already but {sub} "
                                   "asked again.", f"How big is it? {_cap(sub)} keeps asking me that."],
                     "plain": ["Is it a big one?", "How big is it, roughly?"]},
            "pct": {"phone": ["how much of the picture is it"],
                    "spouse": ["Roughly what proportion of the image does it take up?"],
                    "caregiver": [f"{_cap(sub)} wants to know how much of the picture it fills."],
                    "plain": ["How much of the picture does it fill?"]},
            "count": {"phone": ["is there just one or more?? ", "how many are there"],
                      "spouse": ["Is there only one, or are there several? The letter did not say."],
                      "caregiver": [f"{_cap(sub)} is asking how many there are.",
                                    f"How many? {_cap(sub)} wants a number, {sub} likes numbers."],
                      "plain": ["How many are there in total?", "Is there just one of them?"]},
        }[kind][s]
        return rng.choice(q)

    def premise(self, kind, value, corrected=False):
        """A user turn that takes a value for granted and asks something else; returns (text, answer)."""
        s, sub, obj, pos, rng = self.style, self.sub, self.obj, self.pos, self.rng
        x = self.ph(kind, value, corrected, user=True)
        if kind == "side":
            q = {"phone": f"ok so it's {x}, should {sub} stop lying on that side in bed??",
                 "spouse": f"As it is {x}, I wondered whether {sub} ought to change the way {sub} sleeps.",
                 "caregiver": f"{_cap(sub)} says: so it's {x} — does that mean {sub} should sleep differently?",
                 "plain": f"So it is {x}. Should {sub} sleep a different way?"}[s]
            a = f"The way {sub} lies in bed won't change it, so {sub} can sleep in whatever position is comfortable."
        elif kind == "vertical":
            q = {"phone": f"so if it's {x} would they do the needle from {pos} back?",
                 "spouse": f"Since it is {x}, I assume any procedure would be approached from that direction?",
                 "caregiver": f"{_cap(sub)} wants to know: as it's {x}, is that harder to get at?",
                 "plain": f"It is {x}. Is that hard to reach?"}[s]
            a = "The way in for any procedure is chosen by the team on the day, using their own measurements."
        elif kind == "relation":
            q = {"phone": f"the dr said its {x} — is that why {sub} has the ache??",
                 "spouse": f"The consultant mentioned on the telephone that it is {x}. Could that explain {pos} "
                           "discomfort?",
                 "caregiver": f"The doctor told {obj} it's {x}. {_cap(sub)} wants to know if that's why it aches.",
                 "plain": f"The doctor said it is {x}. Is that why it hurts?"}[s]
            a = (f"Aches don't always match what a scan shows, so that's worth going through with {pos} own doctor, "
                 "who can examine " + obj + ".")
        elif kind == "size":
            q = {"phone": f"the doctor said on the phone it was {x}. does that mean its been there for years??",
                 "spouse": f"The registrar described it on the telephone as {x}. Does that tell us how long it has "
                           "been there?",
                 "caregiver": f"{_cap(sub)} heard the doctor say it's {x}. {_cap(sub)} wants to know if it's been "
                              "there long.",
                 "plain": f"The doctor said it is {x}. Has it been there a long time?"}[s]
            a = "One scan can't say how long something has been there; older scans, if there are any, are the best guide."
        elif kind == "pct":
            q = {"phone": f"my brother worked out it fills {x} of the picture, is that bad",
                 "spouse": f"Our son estimated it takes up {x} of the image. Should that worry us?",
                 "caregiver": f"My brother says it fills {x} of the picture. {_cap(sub)} wants to know if that's bad.",
                 "plain": f"My cousin says it fills {x} of the picture. Is that bad?"}[s]
            a = ("How much of the picture something fills isn't what doctors go by; what it is, and whether it is "
                 "changing, matters far more.")
        elif kind == "count":
            be = "is" if value == 1 else "are"
            q = {"phone": f"so with there being {x} will {sub} need an op??",
                 "spouse": f"Given that there {be} {x}, would that mean a procedure?",
                 "caregiver": f"{_cap(sub)} says: with {x}, will there be an operation?",
                 "plain": f"There {be} {x}. Does that mean an operation?"}[s]
            a = "Whether anything needs doing at all, and how, is a decision the specialist team makes with you both."
        else:
            raise ValueError(kind)
        return q, a

    def correction(self, kind, false, true):
        """Assistant sentence that corrects a user's false premise."""
        rng = self.rng
        t = self.ph(kind, true)
        if kind == "count":
            return rng.choice([f"One gentle correction first: on this slice I can see {t}.",
                               f"Just to put one thing right: this image shows {t}."])
        if kind == "size":
            if rng.random() < 0.5:
                n = self.C.claim("size", "not:" + false, _size_ph(false, rng))
                return f"Just to gently correct one thing: on this image {self.it} {self.is_} {t}, not {n}."
            return f"One small correction: I'd call {'them' if self.it == 'they' else 'it'} {t}."
        if kind == "pct":
            return f"A quick correction first: measured on this image it is {t}."
        return rng.choice([f"Just to gently correct one thing: {self.it} {self.is_} {t}.",
                           f"One small correction first — {self.it} {self.is_} {t}, which is easy to mix up."])


def _opener(R, implicit, premises):
    """The first user turn: the relative, the story and the implicit (or naming) question."""
    p, s, rng, sub, obj, pos = R.p, R.style, R.rng, R.sub, R.obj, R.pos
    rel = R.rel
    bits = []
    if s == "phone":
        bits.append(rng.choice([f"hi sorry, {rel} ({R.age}) had {_MOD[p['mod']]} "
                                f"on the {_ord(R.day)} and we're all panicking.",
                                f"hi, {rel} is {R.age} and had a scan on {R.day} {R.month}, the GP left a voicemail "
                                "and now i cant reach anyone.",
                                f"sorry if this is a silly question. {rel}'s scan came back and im going round in "
                                "circles."]))
    elif s == "spouse":
        bits.append(rng.choice([f"Good evening. {_cap(rel)}, who is {R.age}, had {_REG[p['region']]} scan on {R.day} "
                                f"{R.month}. The consultant telephoned yesterday and was very kind, but I find I "
                                "remember less of the conversation than I would like.",
                                f"I hope you can help. {_cap(rel)}{',' if ',' in rel else ''} is {R.age} and takes {R.med}. We had the results "
                                "of a scan by telephone this afternoon, and I have been trying to understand them "
                                "calmly before we talk to the family."]))
    elif s == "caregiver":
        bits.append(rng.choice([f"I'm typing for {rel}, who is {R.age} and very hard of hearing, so the phone call "
                                f"with the hospital was difficult. {_cap(sub)} has the printout in front of "
                                f"{obj} and I'm relaying {pos} questions.",
                                f"Hello, I look after {rel} ({R.age}). {_cap(pos)} hearing aids don't work well on "
                                f"the phone, so I'm asking on {pos} behalf. {_cap(sub)} takes {R.med}."]))
    else:
        bits.append(rng.choice([f"I'm helping {rel} understand a scan.", f"{_cap(rel)} is {R.age}. We got a scan back.",
                                f"Hi. {_cap(rel)} had a scan on {R.day} {R.month}."]))
    bits.extend(premises)
    if implicit:
        d = rng.choice(p["descs"]).format(pos=pos, obj=obj, sub=sub)
        q = {"phone": [f"can you show me {d}? where is it on this", f"which bit of the picture is {d}??"],
             "spouse": [f"Could you please show me, on this image, {d}?",
                        f"Would you point out on the picture {d}, so that I can follow the letter?"],
             "caregiver": [f"{_cap(sub)} wants to see {d}. Can you show us where it is?",
                           f"{_cap(sub)} asks: where on the picture is {d}?"],
             "plain": [f"Can you show me {d}?", f"Can you point to {d} on this picture?"]}[s]
        bits.append(rng.choice(q))
    else:
        name = R.label()
        q = {"phone": [f"the doctor said it's the {name}, can u show me where it is", f"is this the {name}?? where"],
             "spouse": [f"The consultant referred to the {name}. Could you show me where it is on the image?"],
             "caregiver": [f"{_cap(sub)} wants to see the {name} on the picture. Where is it?"],
             "plain": [f"Where is the {name} on this picture?", f"Can you show me the {name}?"]}[s]
        bits.append(rng.choice(q))
    return " ".join(bits)


_EMPATHY = {
    "phone": ["I'm sorry you're going through this — waiting for news about a parent is really hard.",
              "That sounds frightening, and it's completely understandable to be worried.",
              "Please don't apologise; these are sensible questions."],
    "spouse": ["Thank you for such a clear message; it sounds like a lot to take in after one phone call.",
               "It is very natural to remember only part of a phone call like that."],
    "caregiver": ["Thank you for passing the questions on — that is kind of you, and it helps.",
                  "Of course. Please tell " + "{obj}" + " there's no such thing as a silly question."],
    "plain": ["I'll keep this simple.", "I know this is a lot. I'll use short, plain answers."],
}


def _name_sentence(R):
    p, rng, pos = R.p, R.rng, R.pos
    name = R.label()
    if "both " in p["gloss"]:
        R.C.claim("side", "bilateral", "both " + p["gloss"].split("both ", 1)[1])
    art = "" if p["plural"] and rng.random() < 0.3 else "the "
    return rng.choice([f"The area I've outlined here [SEG] is {art}{name} — {p['gloss']}.",
                       f"What you're describing is {art}{name}, which I've highlighted here: [SEG]. In plain terms, "
                       f"that means {p['gloss']}.",
                       f"Here it is [SEG]: {art}{name}, meaning {p['gloss']}.",
                       f"I've marked it on {pos} image [SEG]. It's {art}{name} ({p['gloss']})."])


def _convention(R, side):
    """A true sentence about screen sides (only for a sided target)."""
    rng, pos, obj = R.rng, R.pos, R.obj
    if R.p["orient"][0] == "L":   # image right is the patient's left
        img = _OPP[side]
        x = R.C.claim("side", side, f"{pos} {side} side")
        return rng.choice([f"On the screen it shows up on the {img} of the picture, because scans are displayed as "
                           f"if you were facing {obj}, so that is actually {x}.",
                           f"Don't be thrown by the picture: it appears on the {img} of the image, but scans are "
                           f"shown the way you'd see {obj} standing at the foot of the bed, so it's {x}."])
    x = R.C.claim("side", side, f"{pos} {side} side")
    return (f"This particular picture is shown the other way from most scans, with {pos} right on the right of the "
            f"screen, so what you see on the {side} of the picture is {x}.")


def _facing_premise(R, side):
    """A user sentence: the relative's side and the mirror of it when facing them (true when `side` is)."""
    rng, pos, obj, sub = R.rng, R.pos, R.obj, R.sub
    x = R.C.claim("side", side, f"on {pos} {side}")
    mine = _OPP[side]
    return {"phone": f"the dr said it's {x}, which is my {mine} when i face {obj} right?",
            "spouse": f"The consultant said it was {x} — which, as I sit facing {obj}, is my {mine}.",
            "caregiver": f"The nurse said it's {x}, which is my {mine} when I'm facing {obj} to sign.",
            "plain": f"The doctor said it is {x}. That is my {mine} when I face {obj}."}[R.style]


def _family_history(R, side_truth):
    """Another relative's history, with a side and numbers that are not this scan's."""
    rng, pos = R.rng, R.pos
    other = rng.choice(["brother", "sister", "mother", "late father", "cousin"])
    if side_truth in ("left", "right"):
        where = f"on the {_OPP[side_truth]}"
    else:
        where = rng.choice(["on the left", "on the right"])
    yr = rng.randint(1995, 2021)
    return rng.choice([f"{_cap(pos)} {other} had the same {where} back in {yr} — does it run in families?",
                       f"Also {pos} {other} had something like this {where}, in {yr}, and needed two operations. "
                       "Is that relevant?"])


def _family_answer(R):
    return R.rng.choice([f"What happened to {R.pos} relative doesn't tell us much about this particular scan, "
                         "although it's worth mentioning the family history to the specialist.",
                         "A relative's history is useful background for the doctors, but it doesn't change what this "
                         "image shows."])


def _negation(R, kind, truth):
    """A true negative sentence about the target."""
    rng, pos = R.rng, R.pos
    if kind == "side" and truth in ("left", "right"):
        v = _OPP[truth]
        x = R.C.claim("side", "not:" + v, f"not on {pos} {v}")
        return rng.choice([f"To be clear, {R.it} {R.is_} {x}.", f"So {R.it} {R.is_} {x}, whatever the picture seems "
                           "to suggest."])
    if kind == "side" and truth == "midline":
        m = R.C.claim("side", "midline", "in the middle")
        x = R.C.claim("side", "not:bilateral", "not on both sides")
        return f"{R.It} {R.sits} {m}, {x}."
    if kind == "side" and truth == "bilateral":
        x = R.C.claim("side", "not:only-left", "not only on the left")
        e = R.C.claim("side", "bilateral", "on each side")
        return f"It's {x}; there is some {e}."
    if kind == "size" and truth != "large":
        x = R.C.claim("size", "not:large", rng.choice(["not large", "not big"]))
        return rng.choice([f"Reassuringly, {R.it} {R.is_} {x}.", f"{R.It} {R.is_} {x}, which is a comfort."])
    if kind == "size" and truth == "large":
        x = R.C.claim("size", "not:small", "not small")
        return f"I won't pretend otherwise: {R.it} {R.is_} {x}."
    return ""


_DEFECT_SUB = {"laterality": ["side"], "position": ["vertical", "relation"], "size": ["size", "pct"],
               "count": ["count"]}


def build(p, facts, style, rng, defect):
    entry = LEDGER[-1]
    C = _Conv(entry)
    R = _Row(p, facts, style, rng, C)
    T = R.truth

    subs = ["side", "size", "count"]
    if rng.random() < 0.55:
        subs.append("vertical")
    if T["relation"] and rng.random() < 0.5:
        subs.append("relation")
    if rng.random() < 0.3:
        subs.append("pct")
    dsub, where = None, None
    if defect and defect != "names_target":
        opts = [k for k in _DEFECT_SUB[defect] if k != "relation" or T["relation"]]
        dsub = rng.choice(opts)
        if dsub not in subs:
            subs.append(dsub)
        if dsub == "pct" and "size" in subs and rng.random() < 0.5:
            subs.remove("size")
        where = rng.choice(["first", "followup", "user"])
        entry["where"] = where
    entry["dsub"] = dsub
    rng.shuffle(subs)
    if where == "first":   # the false claim sits in the first answer
        subs.remove(dsub)
        subs.insert(0, dsub)
    elif where in ("followup", "user"):
        subs.remove(dsub)
        subs.append(dsub)
    sided = T["side"] in ("left", "right")
    clean = defect is None

    # plan: first answer states subs[:k]; follow-up rounds state the rest, one or two each
    k = rng.choice([1, 2])
    first_subs = subs[:k]
    rest = subs[k:]
    rounds: list[list[str]] = []
    while rest:
        m = rng.choice([1, 2])
        rounds.append(rest[:m])
        rest = rest[m:]
    if not rounds:
        rounds.append([])
    if len(rounds) > 3:
        rounds = rounds[:2] + [sum(rounds[2:], [])]

    # premise in a follow-up user turn: the planted false one, or (clean rows) a true or corrected one
    premise_round, premise = None, None
    if where == "user":
        for r in rounds:
            if dsub in r:
                r.remove(dsub)
        premise_round = rng.randrange(len(rounds))
        premise = (dsub, _false(dsub, T[dsub], p, facts, rng), "defect")
    elif where == "followup":
        for r in rounds:
            if dsub in r:
                r.remove(dsub)
        rounds[rng.randrange(len(rounds))].insert(0, dsub)
    elif clean and rng.random() < 0.7:
        kind = rng.choice(["side", "size", "count"] + (["relation"] if T["relation"] else []))
        premise_round = rng.randrange(len(rounds))
        if rng.random() < 0.55:
            premise = (kind, _false(kind, T[kind], p, facts, rng), "corrected")
        else:
            premise = (kind, T[kind], "true")
    slip_round = rng.randrange(len(rounds) + 1) if clean and rng.random() < 0.25 else None
    history_round = rng.randrange(len(rounds)) if rng.random() < 0.5 else None

    def value(kind):
        return _false(kind, T[kind], p, facts, rng) if kind == dsub and where in ("first", "followup") else T[kind]

    # ---- U1
    u1_premises = []
    if sided and dsub != "side" and rng.random() < 0.4:
        u1_premises.append(_facing_premise(R, T["side"]))
    if style in ("spouse", "caregiver") and rng.random() < 0.5:
        u1_premises.append(rng.choice([f"{_cap(R.sub)} is also on {rng.choice([m for m in _MEDS if m != R.med])}.",
                                       "They said it would be discussed at the team meeting on Thursday at 2 pm."]))
    C.add(_opener(R, defect != "names_target", u1_premises))
    C.end()

    # ---- A1
    C.add(rng.choice(_EMPATHY[style]).format(obj=R.obj))
    C.add(_name_sentence(R))
    for kind in first_subs:
        if slip_round == 0 and kind in ("side", "size", "count") and clean:
            C.add(R.slip(kind, _false(kind, T[kind], p, facts, rng), T[kind]))
            slip_round = -1
        else:
            C.add(R.say(kind, value(kind)))
    if sided and dsub != "side" and rng.random() < 0.45 and p["orient"][1] in "API":
        C.add(_convention(R, T["side"]))
    if rng.random() < 0.5:
        C.add(rng.choice(p["gk"]))
    if dsub not in ("side",) and rng.random() < 0.35:
        C.add(_negation(R, "side", T["side"]))
    C.end()

    # ---- follow-up rounds
    for ri, kinds in enumerate(rounds):
        # user
        answer_first = []
        ask_kinds = list(kinds)
        if premise and premise_round == ri:
            pk, pv, status = premise
            q, a = R.premise(pk, pv, corrected=(status == "corrected"))
            C.add(q)
            if status == "corrected":
                answer_first.append(lambda pk=pk, pv=pv: R.correction(pk, pv, T[pk]))
            answer_first.append(a)
            ask_kinds = [k for k in ask_kinds if k != pk]
        if history_round == ri:
            C.add(_family_history(R, T["side"]))
        if ask_kinds:
            C.add(R.ask(ask_kinds[0]))
            if len(ask_kinds) > 1 and rng.random() < 0.5:
                C.add(R.ask(ask_kinds[1]))
        if not C.cur:
            C.add({"phone": "ok thank you. sorry. is there anything else i should ask them",
                   "spouse": "Thank you. Is there anything you would suggest I ask at the appointment?",
                   "caregiver": f"{_cap(R.sub)} says thank you. Is there anything {R.sub} should ask the doctor?",
                   "plain": "Thanks. What should we ask the doctor?"}[style])
        C.end()
        # assistant
        for s in answer_first:
            C.add(s() if callable(s) else s)
        if history_round == ri:
            C.add(_family_answer(R))
        for kind in kinds:
            if premise and premise_round == ri and premise[0] == kind and premise[2] == "corrected":
                continue
            if slip_round == ri + 1 and kind in ("side", "size", "count") and clean:
                C.add(R.slip(kind, _false(kind, T[kind], p, facts, rng), T[kind]))
                slip_round = -1
            else:
                C.add(R.say(kind, value(kind)))
        if dsub != "size" and "size" not in kinds and rng.random() < 0.25:
            C.add(_negation(R, "size", T["size"]))
        if not kinds and not answer_first:
            C.add(rng.choice([f"It would be worth asking what the plan is, and when {R.sub} will next be seen. "
                              "Writing the questions down beforehand helps.",
                              f"Ask what happens next, who to ring if {R.sub} feels worse, and whether any of "
                              f"{R.pos} tablets, such as {R.med.split(' ')[0]}, need changing."]))
        C.add(rng.choice(["I hope that helps a little." if style == "plain" else "", "",
                          "Please do ask if anything isn't clear.",
                          f"I hope the appointment goes well for {R.obj}."]))
        C.end()
    return C.turns, ([defect] if defect else [])
