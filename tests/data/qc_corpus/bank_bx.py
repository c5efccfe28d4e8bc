"""Bank BX: abdomen and pelvis on MR (axial LP, some coronal LI), written blind (helper qcbx).

Written without opening the QC rules, their tests, other banks or their rows. Facts come from the product's
own `compute_facts` on synthetic numpy masks (ellipses, one to three components); all prose is written from
those measured facts (side, vertical, size class, area percent, components, relations), not from intent.

Registers (STYLES):
- esl: a clinician writing in non-native English (dropped articles, "is located at left side", "more big
  than", present continuous);
- recheck: an LLM that corrects itself mid-answer ("Wait, let me re-check. Actually ..."); in clean rows the
  retracted statement is false and the final one true; in defect rows the FINAL statement is the false one;
- kv: key: value / YAML-like fields followed by one line of prose;
- thread: a numbered social-media thread ("1/", "2/", ...).

Targets: liver, spleen (one with an accessory splenule), both kidneys, left kidney, right kidney (coronal),
both adrenal glands, right adrenal gland, gallbladder, pancreas, uterus, both ovaries, left ovary, rectum, and
one label the knowledge base does not know (endometrioma, one to three foci). 210 clean rows, 42 defects of
each kind; about a fifth of side/position/size/count defects sit in a user question, some only in a
follow-up answer. `LOG` keeps, per built row, every fact-bearing snippet (turn, text, kind, value, how it is
said) for the writer's own self-check (/work/notes/qcbx_scripts/selfcheck.py); it is not part of the rows.

Not measured by this writer (the lead measures once after merging).
"""

from __future__ import annotations

import numpy as np

SEG = "[SEG]"
STYLES = ["esl", "recheck", "kv", "thread"]
LOG: list[list[tuple]] = []
W = H = 512

# geometry: components as (cx, cy, rx, ry) in image fractions; neighbours as image-fraction centroids
PROFILES = [
    dict(target="liver", key="liver", orient="LP", region="abdomen", comps=[(0.30, 0.37, 0.165, 0.135)],
         nb={"spleen": (0.77, 0.47), "aorta": (0.52, 0.60), "right kidney": (0.33, 0.63)},
         name="liver", noun="organ", pl=False,
         fn=["makes bile and stores glycogen", "produces most of the plasma proteins, albumin included",
             "clears bilirubin and breaks down alcohol and drugs"],
         fn_ing=["is making bile and storing glycogen", "is producing albumin and clotting factors"],
         hint=["has yellow eyes, dark urine and pale stools", "drinks heavily for years and now has fluid in the belly"],
         give=["liver", "hepatic", "hepato-biliary", "liver parenchyma"],
         facts_kb=["An adult liver usually weighs around 1.4 to 1.6 kg.",
                   "Fatty infiltration is found in roughly a quarter of adults worldwide."],
         other=["The spleen sits on the opposite side, high on the patient's left.",
                "The aorta runs down just in front of the spine, slightly to the patient's left.",
                "The stomach lies to the patient's left of it, under the left dome of the diaphragm."],
         compare=["It is much bigger than the gallbladder that hangs under it.",
                  "It is the biggest solid organ of the abdomen, bigger than the spleen."]),
    dict(target="spleen", key="spleen", orient="LP", region="abdomen", comps=[(0.76, 0.61, 0.07, 0.09)],
         nb={"liver": (0.30, 0.40), "stomach": (0.62, 0.38), "left kidney": (0.68, 0.70)},
         name="spleen", noun="organ", pl=False,
         fn=["filters old red blood cells out of the blood", "stores platelets and fights blood-borne germs"],
         fn_ing=["is filtering old red blood cells", "is storing platelets and fighting germs in the blood"],
         hint=["was hit by a bicycle handlebar under the lower left ribs and is now hypotensive",
               "has mononucleosis and wants to play rugby"],
         give=["spleen", "splenic", "lienal", "spleen tissue"],
         facts_kb=["A normal adult one is usually less than about 12 to 13 cm long.",
                   "Accessory ones are found in roughly 10 to 30 percent of people."],
         other=["The liver fills most of the right upper abdomen.",
                "The stomach is in front of it, toward the front of the abdomen.",
                "The pancreatic tail reaches toward its hilum from the midline."],
         compare=["It is much smaller than the liver.", "It is bigger than either adrenal gland."]),
    dict(target="spleen", key="spleen+", orient="LP", region="abdomen",
         comps=[(0.76, 0.60, 0.07, 0.085), (0.70, 0.74, 0.016, 0.016)],
         nb={"liver": (0.30, 0.40), "stomach": (0.62, 0.38)},
         name="spleen", noun="organ", pl=False,
         fn=["filters old red blood cells out of the blood", "stores platelets and fights blood-borne germs"],
         fn_ing=["is filtering old red blood cells", "is storing platelets and fighting germs in the blood"],
         hint=["has low platelets and an organ that traps blood cells is suspected", "has mononucleosis and wants to play rugby"],
         give=["spleen", "splenic", "splenule", "lienal"],
         facts_kb=["Accessory splenic tissue is found in roughly 10 to 30 percent of people.",
                   "A normal adult organ of this kind is usually less than about 13 cm long."],
         other=["The liver fills most of the right upper abdomen.",
                "The stomach lies in front of it, nearer to the anterior wall."],
         compare=["It is much smaller than the liver."]),
    dict(target="kidney", key="kidneys", orient="LP", region="abdomen",
         comps=[(0.30, 0.63, 0.045, 0.062), (0.71, 0.64, 0.045, 0.062)],
         nb={"aorta": (0.51, 0.54), "liver": (0.30, 0.38)},
         name="kidneys", noun="paired organs", pl=True,
         fn=["filter waste out of the blood and make urine", "release erythropoietin and activate vitamin D"],
         fn_ing=["are filtering the blood and making urine", "are producing erythropoietin"],
         hint=["has colicky flank pain going to the groin and blood in the urine",
               "has diabetes for twenty years and a creatinine that keeps rising"],
         give=["kidneys", "renal", "kidney", "nephric"],
         facts_kb=["Normal adult ones measure roughly 10 to 12 cm in length.",
                   "Simple cysts of these organs are found in about a quarter to a half of people over fifty."],
         other=["The liver sits on the patient's right, in front of the right one.",
                "The aorta lies in the midline, just in front of the spine.",
                "The psoas muscles run down on both sides of the spine."],
         compare=["Each of them is smaller than the liver.", "Each is bigger than the adrenal gland sitting on top of it."]),
    dict(target="left kidney", key="lkidney", orient="LP", region="abdomen", comps=[(0.71, 0.64, 0.056, 0.078)],
         nb={"aorta": (0.51, 0.54), "spleen": (0.81, 0.52)},
         name="left kidney", noun="organ", pl=False,
         fn=["filters waste out of the blood and makes urine", "releases erythropoietin and a hormone that raises blood pressure"],
         fn_ing=["is filtering the blood and making urine", "is producing erythropoietin"],
         hint=["has fever, flank pain and white cells in the urine", "has colicky flank pain and blood in the urine"],
         give=["kidney", "renal", "left kidney", "nephric"],
         facts_kb=["A normal adult one measures roughly 10 to 12 cm in length.",
                   "Around 1 in 1,000 people are born with only one of this pair."],
         other=["The liver sits on the patient's right.",
                "The left renal vein crosses in front of the aorta to reach the inferior vena cava.",
                "The spleen lies in front of it and further out toward the flank."],
         compare=["It is much smaller than the liver.", "It is bigger than the adrenal gland above it."]),
    dict(target="right kidney", key="rkidney_cor", orient="LI", region="abdomen", comps=[(0.32, 0.62, 0.055, 0.09)],
         nb={"liver": (0.30, 0.33), "vertebral body": (0.50, 0.62)},
         name="right kidney", noun="organ", pl=False,
         fn=["filters waste out of the blood and makes urine", "releases a hormone that helps control blood pressure"],
         fn_ing=["is filtering the blood and making urine", "is releasing hormone for the blood pressure"],
         hint=["has painless visible blood in the urine", "has resistant hypertension and a narrowed artery is suspected"],
         give=["right kidney", "renal", "kidney", "perirenal"],
         facts_kb=["A normal adult one measures roughly 10 to 12 cm in length.",
                   "It usually sits 1 to 2 cm lower than its partner on the other side."],
         other=["The liver lies above it, under the right dome of the diaphragm.",
                "The spleen sits high on the patient's left, far from it.",
                "On this coronal view the spine runs down the middle of the image."],
         compare=["It is much smaller than the liver above it."]),
    dict(target="adrenal gland", key="adrenals", orient="LP", region="abdomen",
         comps=[(0.37, 0.61, 0.016, 0.032), (0.63, 0.60, 0.016, 0.032)],
         nb={"aorta": (0.51, 0.50), "liver": (0.30, 0.38)},
         name="adrenal glands", noun="paired glands", pl=True,
         fn=["make cortisol and aldosterone", "release stress hormones in a fight-or-flight response"],
         fn_ing=["are making cortisol and aldosterone", "are releasing stress hormones"],
         hint=["has attacks of headache, sweating and very high blood pressure",
               "has hypertension with a low potassium level"],
         give=["adrenal", "adrenals", "suprarenal", "adrenal glands"],
         facts_kb=["Small incidental nodules of these glands turn up on roughly 4 percent of abdominal scans.",
                   "Each one weighs only about 4 to 5 grams in an adult."],
         other=["The liver sits on the patient's right, in front of the right one.",
                "The aorta runs in the midline just in front of the spine.",
                "The kidneys lie below them, one on each side."],
         compare=["Each is much smaller than the kidney it sits on."]),
    dict(target="right adrenal gland", key="radrenal", orient="LP", region="abdomen", comps=[(0.37, 0.61, 0.017, 0.034)],
         nb={"inferior vena cava": (0.44, 0.50), "liver": (0.28, 0.40)},
         name="right adrenal gland", noun="gland", pl=False,
         fn=["makes cortisol and aldosterone", "releases stress hormones in an emergency"],
         fn_ing=["is making cortisol and aldosterone", "is releasing stress hormones"],
         hint=["has attacks of palpitations, sweating and pounding headache", "has a nodule found by chance on a scan"],
         give=["adrenal", "right adrenal", "suprarenal", "adrenal gland"],
         facts_kb=["Incidental nodules in this kind of gland turn up on roughly 4 percent of abdominal scans.",
                   "It weighs only about 4 to 5 grams in an adult."],
         other=["The inferior vena cava runs on the patient's right of the aorta.",
                "Its partner on the other side sits beside the aorta on the patient's left.",
                "The spleen lies far away on the patient's left."],
         compare=["It is far smaller than the liver next to it."]),
    dict(target="gallbladder", key="gb", orient="LP", region="abdomen", comps=[(0.34, 0.36, 0.03, 0.046)],
         nb={"right kidney": (0.31, 0.64), "stomach": (0.62, 0.38), "aorta": (0.51, 0.58)},
         name="gallbladder", noun="organ", pl=False,
         fn=["stores and concentrates bile", "squeezes bile into the duodenum after a fatty meal"],
         fn_ing=["is storing and concentrating bile", "is squeezing bile into duodenum after fatty food"],
         hint=["has colicky pain after fatty meals", "has fever and pain under the right ribs on deep breathing"],
         give=["gallbladder", "gall bladder", "cholecystic", "GB"],
         facts_kb=["Stones in this organ are found in roughly 10 to 15 percent of adults in Western countries.",
                   "It is usually about 7 to 10 cm long when distended."],
         other=["The liver wraps around it from above.", "The stomach lies to the patient's left of it.",
                "The right kidney sits behind it, deeper in the abdomen."],
         compare=["It is much smaller than the liver it hangs from."]),
    dict(target="pancreas", key="pancreas", orient="LP", region="abdomen", comps=[(0.52, 0.40, 0.14, 0.033)],
         nb={"aorta": (0.51, 0.57), "stomach": (0.55, 0.28), "spleen": (0.78, 0.56)},
         name="pancreas", noun="gland", pl=False,
         fn=["secretes insulin and digestive enzymes", "makes enzymes that digest fat and protein, plus insulin"],
         fn_ing=["is secreting insulin and digestive enzymes", "is making enzymes for digestion and insulin"],
         hint=["has pain boring through to the back and a very high lipase", "has painless jaundice and weight loss"],
         give=["pancreas", "pancreatic", "peripancreatic", "pancreatic head"],
         facts_kb=["In adults it is roughly 12 to 15 cm long.",
                   "Gallstones and alcohol together cause most cases of acute inflammation of this gland."],
         other=["The spleen sits on the patient's left, further back.",
                "The duodenum curves around its head on the patient's right.",
                "The aorta runs behind it, in front of the spine."],
         compare=["It is smaller than the liver.", "It is longer but thinner than the spleen."]),
    dict(target="uterus", key="uterus", orient="LP", region="pelvis", comps=[(0.50, 0.49, 0.085, 0.062)],
         nb={"urinary bladder": (0.50, 0.33), "rectum": (0.50, 0.67)},
         name="uterus", noun="organ", pl=False,
         fn=["holds and nourishes a pregnancy", "sheds its inner lining every month"],
         fn_ing=["is holding the pregnancy", "is shedding its inner lining each month"],
         hint=["is in her forties with heavy periods and a bulky pelvis", "has bleeding after the menopause"],
         give=["uterus", "womb", "uterine", "myometrium"],
         facts_kb=["In adult women it is roughly 7 to 8 cm long outside pregnancy.",
                   "Benign muscle growths of this organ affect a large share of women by age 50."],
         other=["The urinary bladder lies in front of it.", "The rectum lies behind it, in front of the sacrum.",
                "The ovaries sit out to each side of it on the pelvic side walls."],
         compare=["It is larger than either ovary."]),
    dict(target="ovary", key="ovaries", orient="LP", region="pelvis",
         comps=[(0.33, 0.50, 0.026, 0.021), (0.67, 0.51, 0.026, 0.021)],
         nb={"uterus": (0.50, 0.39), "rectum": (0.50, 0.67)},
         name="ovaries", noun="paired glands", pl=True,
         fn=["release an egg each month and make oestrogen", "make oestrogen and progesterone and grow follicles"],
         fn_ing=["are releasing eggs and making oestrogen", "are producing oestrogen and progesterone"],
         hint=["has irregular periods, excess hair and many small follicles", "has a raised CA-125 and a swollen abdomen"],
         give=["ovaries", "ovarian", "adnexal ovaries", "ovary"],
         facts_kb=["Each normally measures about 3 by 2 by 1 cm in a woman of reproductive age.",
                   "The polycystic pattern affects roughly 1 in 10 women of reproductive age."],
         other=["The uterus sits in the midline between them.", "The rectum lies behind, in front of the sacrum.",
                "The urinary bladder is at the front of the pelvis."],
         compare=["Each one is much smaller than the uterus."]),
    dict(target="left ovary", key="lovary", orient="LP", region="pelvis", comps=[(0.67, 0.50, 0.028, 0.022)],
         nb={"uterus": (0.50, 0.39), "rectum": (0.50, 0.67)},
         name="left ovary", noun="gland", pl=False,
         fn=["releases an egg each month and makes oestrogen", "makes oestrogen and progesterone"],
         fn_ing=["is releasing an egg each month", "is producing oestrogen and progesterone"],
         hint=["has sudden severe pelvic pain and vomiting, torsion is suspected", "has a cyst found at a routine check"],
         give=["left ovary", "ovarian", "ovary", "left adnexal ovary"],
         facts_kb=["It normally measures about 3 by 2 by 1 cm in a woman of reproductive age.",
                   "Simple follicular cysts under 3 cm are common and usually harmless."],
         other=["The uterus sits in the midline.", "The right ovary lies on the opposite pelvic side wall.",
                "The rectum lies at the back of the pelvis, in front of the sacrum."],
         compare=["It is much smaller than the uterus."]),
    dict(target="rectum", key="rectum", orient="LP", region="pelvis", comps=[(0.50, 0.66, 0.04, 0.036)],
         nb={"uterus": (0.50, 0.47), "urinary bladder": (0.50, 0.32)},
         name="rectum", noun="part of the bowel", pl=False,
         fn=["stores stool until it can be passed", "senses fullness and triggers the urge to empty the bowel"],
         fn_ing=["is storing stool until defecation", "is sensing fullness before emptying"],
         hint=["is an older man with bright red bleeding and a change in bowel habit",
               "has a low bowel cancer that needs MR staging"],
         give=["rectum", "rectal", "mesorectal", "anorectal"],
         facts_kb=["It is about 12 to 15 cm long in adults.",
                   "MR staging of cancers in this segment is standard before chemoradiation."],
         other=["The urinary bladder lies at the front of the pelvis.", "The sacrum lies behind it.",
                "The sigmoid colon usually comes down from the patient's left."],
         compare=["It is smaller than the urinary bladder when that is full."]),
    dict(target="liver", key="liver_cor", orient="LI", region="abdomen", comps=[(0.31, 0.33, 0.16, 0.125)],
         nb={"right kidney": (0.32, 0.62), "spleen": (0.74, 0.35)},
         name="liver", noun="organ", pl=False,
         fn=["makes bile and stores glycogen", "breaks down drugs and toxins carried from the gut"],
         fn_ing=["is making bile and storing glycogen", "is breaking down drugs and toxins"],
         hint=["has jaundice with raised transaminases", "has bowel cancer and needs staging for spread"],
         give=["liver", "hepatic", "hepar", "intrahepatic"],
         facts_kb=["An adult liver usually weighs around 1.4 to 1.6 kg.",
                   "Its span in the midclavicular line is usually under about 16 cm."],
         other=["The spleen sits high on the patient's left.", "The right kidney lies below it.",
                "The diaphragm domes over it toward the chest."],
         compare=["It is much bigger than the spleen."]),
    dict(target="spleen", key="spleen_cor", orient="LI", region="abdomen", comps=[(0.75, 0.34, 0.06, 0.08)],
         nb={"left kidney": (0.68, 0.60), "liver": (0.30, 0.34)},
         name="spleen", noun="organ", pl=False,
         fn=["filters old red blood cells out of the blood", "stores platelets and fights blood-borne germs"],
         fn_ing=["is filtering old red blood cells", "is storing platelets"],
         hint=["has left upper quadrant pain after a fall from a horse", "has portal hypertension and low platelets"],
         give=["spleen", "splenic", "lien", "perisplenic"],
         facts_kb=["A normal adult one is usually less than about 12 to 13 cm long.",
                   "Accessory ones are found in roughly 10 to 30 percent of people."],
         other=["The liver occupies the right upper abdomen.", "The left kidney lies below it.",
                "The stomach sits medial to it, under the left dome of the diaphragm."],
         compare=["It is much smaller than the liver."]),
    dict(target="kidney", key="kidneys_cor", orient="LI", region="abdomen",
         comps=[(0.32, 0.62, 0.05, 0.08), (0.69, 0.61, 0.05, 0.08)],
         nb={"liver": (0.30, 0.33), "spleen": (0.75, 0.34)},
         name="kidneys", noun="paired organs", pl=True,
         fn=["filter waste out of the blood and make urine", "keep salt and water balance and make erythropoietin"],
         fn_ing=["are filtering the blood and making urine", "are keeping the salt and water balance"],
         hint=["has a rising creatinine and swollen ankles", "is a living donor being assessed before transplant"],
         give=["kidneys", "renal", "nephron", "kidney"],
         facts_kb=["Normal adult ones measure roughly 10 to 12 cm in length.",
                   "The right one usually sits 1 to 2 cm lower than the left."],
         other=["The liver is above the right one.", "The spleen is above the left one.",
                "The spine runs down the middle between them."],
         compare=["Each is smaller than the liver."]),
    dict(target="endometrioma", key="endo", orient="LP", region="pelvis",
         comps=[(0.68, 0.62, 0.03, 0.03), (0.745, 0.69, 0.02, 0.02), (0.64, 0.72, 0.014, 0.014)],
         nb={"uterus": (0.50, 0.47), "rectum": (0.50, 0.75)},
         name="endometrioma", noun="lesion", pl=False,
         fn=["looks like a blood-filled cyst in a woman with painful periods",
             "has very bright T1 signal with shading on T2 in a woman with cyclic pelvic pain"],
         fn_ing=["is giving cyclic pelvic pain and painful periods", "is making pain at intercourse and infertility"],
         hint=["has painful periods, pain during intercourse and infertility",
               "has cyclic pelvic pain for years and a raised CA-125"],
         give=["endometrioma", "chocolate cyst", "endometriotic", "endometriosis cyst"],
         facts_kb=["Endometriosis affects roughly 1 in 10 women of reproductive age.",
                   "Fat-suppressed T1 images help separate blood from fat in the pelvis."],
         other=["The uterus sits in the midline in front of the rectum.",
                "The urinary bladder is at the front of the pelvis.",
                "The right ovary is on the opposite side wall."],
         compare=["It is smaller than the uterus."]),
]


def pick_profile(profiles, i, defect, rng):
    """Bilateral, midline and multi-region masks get extra weight; count defects favour several regions."""
    weights = {"kidneys": 3, "adrenals": 3, "ovaries": 3, "kidneys_cor": 2, "spleen+": 2, "endo": 3,
               "pancreas": 2, "uterus": 2, "rectum": 2}
    if defect == "count":
        weights.update({"spleen+": 4, "endo": 4, "kidneys": 4, "ovaries": 4})
    return rng.choices(profiles, [weights.get(p["key"], 1) for p in profiles])[0]


def record_for(p):
    return {"modality": "MR", "body_region": p["region"], "orientation": p["orient"]}


def _draw(p, rng):
    mask = np.zeros((H, W), bool)
    yy, xx = np.mgrid[0:H, 0:W]
    comps = p["comps"] if p["key"] != "endo" else p["comps"][:rng.choice([1, 2, 2, 3])]
    for cx, cy, rx, ry in comps:
        cx, cy = cx + rng.uniform(-0.008, 0.008), cy + rng.uniform(-0.008, 0.008)
        s = rng.uniform(0.93, 1.07)
        mask |= ((xx - cx * (W - 1)) / (rx * s * W)) ** 2 + ((yy - cy * (H - 1)) / (ry * s * H)) ** 2 <= 1
    return mask


def facts_for(p, rng):
    """Facts measured by the product on a drawn mask; redrawn while anything sits near a threshold."""
    from medseg_qa.facts import compute_facts

    for _ in range(50):
        mask = _draw(p, rng)
        others = {k: (x + rng.uniform(-0.006, 0.006), y + rng.uniform(-0.006, 0.006)) for k, (x, y) in p["nb"].items()}
        f = compute_facts(mask, p["orient"], others=others).model_dump(mode="json")
        off = [abs(v) for v in f["centroid_patient"]]
        frac = f["area_fraction"]
        c = f["centroid_normalized"]
        near_rel = any(0.035 < abs(c[a] - o[a]) < 0.075 for o in others.values() for a in (0, 1))
        if (all(v < 0.035 or v > 0.08 for v in off) and not 0.008 < frac < 0.013 and not 0.04 < frac < 0.062
                and not near_rel):
            return f
    raise RuntimeError(f"could not draw a clear mask for {p['key']}")


# ---------------------------------------------------------------------------------------------------------
# the writer: every fact-bearing snippet goes through `Ctx.say`, which records it for the self-check

class Ctx:
    def __init__(self, p, f, style, rng):
        self.p, self.f, self.style, self.rng = p, f, style, rng
        self.log: list[tuple] = []
        self.turn = 0
        pl = p["pl"]
        self.g = dict(It="They" if pl else "It", it="they" if pl else "it", is_="are" if pl else "is",
                      lies="lie" if pl else "lies", sits="sit" if pl else "sits", takes="take" if pl else "takes",
                      its="their" if pl else "its", makes="make" if pl else "makes", them="them" if pl else "it")

    def say(self, text, kind=None, value=None, how="asserted"):
        self.log.append((self.turn, text, kind, value, how))
        return text

    def ch(self, xs):
        return self.rng.choice(xs)

    def fmt(self, s, **kw):
        return s.format(**self.g, **kw)


def lower1(t):
    """Sentence start in lower case, unless it is an abbreviation (MR, CT)."""
    return t if t[1:2].isupper() else t[0].lower() + t[1:]


def pct_str(v):
    if v < 1:
        return f"{v:.1f}%" if v >= 0.15 else f"{v:.2f}%"
    return f"{v:.1f}%" if v < 3 else f"{round(v)}%"


PLANE = {"LP": "axial", "LI": "coronal"}
VWORDS = {
    "anterior": ["toward the front of the body", "in the anterior part of the slice", "anteriorly, nearer the front wall"],
    "posterior": ["toward the back of the body", "in the posterior part of the slice", "posteriorly, nearer the spine"],
    "superior": ["high in the image, toward the head", "in the upper (cranial) part of the image", "superiorly, toward the diaphragm"],
    "inferior": ["low in the image, toward the feet", "in the lower (caudal) part of the image", "inferiorly, toward the pelvis"],
    "central": {"LP": ["at mid-depth, neither toward the front nor the back", "halfway between front and back"],
                "LI": ["at mid-height between the top and the bottom of the image", "at mid-level from head to feet"]},
}
ESL_V = {"anterior": "more to front side of body", "posterior": "more at back side, near to spine",
         "superior": "at upper part, to the head direction", "inferior": "at lower part, to the feet direction",
         "central": {"LP": "in middle between front and back", "LI": "in middle height, not up not down"}}
REL = {"anterior_to": ["in front of", "anterior to", "ventral to"], "posterior_to": ["behind", "posterior to", "dorsal to"],
       "left_of": ["to the patient's left of", "on the patient's left of"],
       "right_of": ["to the patient's right of", "on the patient's right of"],
       "superior_to": ["above", "superior to", "higher than"], "inferior_to": ["below", "inferior to", "lower than"]}
FLIP_REL = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "left_of": "right_of",
            "right_of": "left_of", "superior_to": "inferior_to", "inferior_to": "superior_to"}
FLIP_V = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
SIZEW = {"small": ["small", "quite small", "a small structure"], "medium": ["medium-sized", "moderate in size", "of medium size"],
         "large": ["large", "big", "a large structure"]}
NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def false_side(side, rng):
    return {"left": "right", "right": "left", "midline": rng.choice(["left", "right"]),
            "bilateral": rng.choice(["left", "right"])}[side]


def false_size(f, rng):
    """(class, percent) clearly wrong for these facts."""
    v = f["area_fraction"] * 100
    if f["size_class"] == "small":
        return "large", rng.choice([18, 22, 25, 30])
    if f["size_class"] == "large":
        return "small", rng.choice([0.3, 0.5, 0.4])
    return ("large", rng.choice([20, 25, 30])) if v < 3 else ("small", rng.choice([0.2, 0.3]))


# -- one sentence per fact, per register (value may be false: the caller decides) ----------------------

def side_text(c, v, only=False):
    s = c.style
    if s == "kv":
        return {"left": c.ch(["side: left (patient's left)", "laterality: left", "side: patient left"]),
                "right": c.ch(["side: right (patient's right)", "laterality: right", "side: patient right"]),
                "midline": c.ch(["side: midline", "laterality: midline / central"]),
                "bilateral": c.ch(["side: bilateral (one on each side)", "laterality: both sides, left and right"])}[v] \
            + (" only" if only else "")
    if s == "esl":
        if v in ("left", "right"):
            t = c.ch(["{It} {is_} located at {v} side of patient.", "{It} {is_} lying on patient {v} side.",
                      "We are seeing {them} at {v} side, from patient view."])
            return c.fmt(t.replace(".", ", only there.") if only else t, v=v)
        return c.fmt(c.ch(["{It} {is_} staying in middle line of body.", "{It} {is_} located at centre, on the midline."]
                          if v == "midline" else ["{It} {is_} in both side, one at right and one at left.",
                                                  "We are seeing {them} at both sides of patient, left and also right."]))
    if v in ("left", "right"):
        t = c.ch(["{It} {lies} on the patient's {v}.", "{It} {sits} on the patient's {v} side.",
                  "This is on the {v} side of the patient."])
        return c.fmt(t.replace(".", " only.") if only else t, v=v)
    if v == "midline":
        return c.fmt(c.ch(["{It} {lies} in the midline.", "{It} {sits} centrally, across the midline."]))
    return c.ch(["There is one on each side of the patient, right and left.",
                 "Both sides are represented: one on the patient's right and one on the patient's left."])


def vert_text(c, v):
    o = c.p["orient"]
    if c.style == "kv":
        return c.ch(["position: ", "vertical: ", "level: " if o == "LI" else "depth: "]) + \
            (v if v != "central" else "central (mid-depth)" if o == "LP" else "central (mid-level)")
    if c.style == "esl":
        w = ESL_V[v][o] if v == "central" else ESL_V[v]
        return c.fmt(c.ch(["{It} {is_} located {w}.", "In this image {it} {is_} {w}."]), w=w)
    w = c.ch(VWORDS[v][o] if v == "central" else VWORDS[v])
    return c.fmt(c.ch(["{It} {lies} {w}.", "On this {pl} slice {it} {sits} {w}."]), w=w, pl=PLANE[o])


def rel_text(c, other, rel):
    r = c.ch(REL[rel])
    if c.style == "kv":
        return f"relation: {r} the {other}"
    if c.style == "esl":
        return c.fmt(c.ch(["{It} {is_} lying {r} {o}.", "{It} {is_} located {r} {o}."]), r=r, o=other)
    return c.fmt(c.ch(["{It} {lies} {r} the {o}.", "Relative to the {o}, {it} {is_} {r} it."]), r=r, o=other)


def size_text(c, cls, pct, with_cls=True, with_pct=True):
    """Returns (text, claims)."""
    ps, w = pct_str(pct), c.ch(SIZEW[cls])
    claims = ([("size", cls)] if with_cls else []) + ([("pct", pct)] if with_pct else [])
    tog = "Together " if c.p["pl"] or c.f["components"] > 1 else ""
    if c.style == "kv":
        lines = ([c.ch(["size: ", "size_class: "]) + cls] if with_cls else []) + \
            ([c.ch(["area: ~", "area_pct: ", "image_fraction: about "]) + ps + " of image"]
             if with_pct else [])
        return "\n".join(lines), claims
    if c.style == "esl":
        if with_cls and with_pct:
            t = c.ch(["Size is {cls}, {tog}{it} {is_} taking about {ps} of image.",
                      "{Tog}{it} {is_} {w}, only around {ps} of the picture." if cls == "small"
                      else "{Tog}{it} {is_} {w}, taking around {ps} of whole image."])
        elif with_cls:
            t = c.ch(["Size is {cls}.", "{Tog}{it} {is_} {w} in this image."])
        else:
            t = "{Tog}{it} {is_} taking about {ps} of image area."
    else:
        if with_cls and with_pct:
            t = c.ch(["{Tog}{it} {is_} {w}, about {ps} of the image.", "Size-wise it is {cls}: roughly {ps} of the slice."])
        elif with_cls:
            t = c.ch(["{Tog}{it} {is_} {w} on this slice.", "In terms of size it is {cls}."])
        else:
            t = c.ch(["{Tog}{it} {takes} up about {ps} of the image.", "The mask covers roughly {ps} of the slice."])
    t = t.replace("{tog}{it}", (tog.lower() + "{it}") if tog else "{it}")
    t = t.replace("{Tog}{it}", "{Tog}").replace("{Tog}", (tog + "{it}") if tog else "{It}")
    return c.fmt(t, cls=cls, ps=ps, w=w, tog=tog), claims


def count_text(c, n):
    if c.style == "kv":
        return c.ch(["regions: ", "components: ", "connected_pieces: "]) + str(n)
    if c.style == "esl":
        return ("Mask is one piece only, it is one connected region." if n == 1
                else f"Mask is having {NUMW[n]} separate parts, they are not connected.")
    if n == 1:
        return c.ch(["The mask is one single connected region.", "It forms one continuous piece."])
    return c.ch([f"The mask has {NUMW[n]} separate parts.", f"There are {NUMW[n]} separate regions, not connected to each other."])


def negation(c, fact):
    """A true negation (trap) about `fact`, or None."""
    f = c.f
    if fact == "S":
        if f["laterality"] in ("left", "right"):
            o = "right" if f["laterality"] == "left" else "left"
            t = c.fmt(c.ch(["{It} {is_} not on the {o} side.", "No, not on the patient's {o}."]
                           if c.style != "esl" else ["{It} {is_} not at {o} side."]), o=o)
            return c.say(t, "side", o, "negated")
        if f["laterality"] == "bilateral":
            return c.say("It is not limited to one side.", "side", "unilateral", "negated")
        return c.say(c.fmt("{It} {is_} not off to one side."), "side", "unilateral", "negated")
    if fact == "C":
        if f["components"] == 1:
            return c.say(c.ch(["There is no second focus.", "No separate second piece is seen."]), "count", "multi", "negated")
        return c.say("The parts are not joined into one piece.", "count", 1, "negated")
    if fact == "Z" and f["size_class"] != "medium":
        o = "large" if f["size_class"] == "small" else "small"
        return c.say(c.fmt("{It} {is_} not {o}.", o=o), "size", o, "negated")
    return None


def convention(c):
    if c.p["orient"] == "LP":
        t = c.ch(["Please remember, patient left is showing at right side of screen in this MR, because we are looking from feet."]
                 if c.style == "esl" else ["Remember the radiological convention: the patient's left appears on the right of the screen, as if viewed from the feet.",
                                           "Axial MR is displayed as if looking up from the feet, so image right is the patient's left."])
    else:
        t = ("In coronal image the patient left is at right of screen and head is up." if c.style == "esl"
             else "On a coronal image like this the patient's left is on the viewer's right and the head is at the top.")
    return c.say(t, None, None, "other")


def fact_text(c, fact, false=False):
    """Sentence(s) for fact S/P/Z/C, true or (false=True) the planted false version; logged."""
    f, how = c.f, "asserted"
    if fact == "S":
        v = false_side(f["laterality"], c.rng) if false else f["laterality"]
        return c.say(side_text(c, v, only=false and f["laterality"] == "bilateral"), "side", v, how)
    if fact == "P":
        if c.pmode == "V":
            v = FLIP_V[f["vertical"]] if false else f["vertical"]
            return c.say(vert_text(c, v), "vert", v, how)
        o, r = c.prel
        r = FLIP_REL[r] if false else r
        return c.say(rel_text(c, o, r), "rel", (o, r), how)
    if fact == "Z":
        cls, pct = false_size(f, c.rng) if false else (f["size_class"], f["area_fraction"] * 100)
        wc = c.rng.random() < 0.75
        t, claims = size_text(c, cls, pct, wc, (not wc) or c.rng.random() < 0.7)
        c.log.append((c.turn, t, "size+", claims, how))
        return t
    n = (1 if f["components"] > 1 else 2) if false else f["components"]
    return c.say(count_text(c, n), "count", n, how)


RECHECK = ["Wait, let me re-check. Actually, {t}", "Hmm, wait, let me re-check that. Actually {t}",
           "Hold on, that is not right. Looking again, {t}", "Correction after a second look: {t}"]


def recheck(c, fact, defect_here):
    """Retracted statement then final one: clean = false then true; defect = true then false."""
    first = fact_text(c, fact, false=not defect_here)
    c.log[-1] = c.log[-1][:4] + ("retracted",)
    final = fact_text(c, fact, false=defect_here)
    low = lower1(final)
    c.log[-1] = (c.log[-1][0], low) + c.log[-1][2:]
    return first + " " + c.ch(RECHECK).format(t=low)


# -- questions ---------------------------------------------------------------------------------------------

def presup(c, fact):
    """A false premise about `fact` for a user question (logged as presupposed)."""
    f = c.f
    if fact == "S":
        v = false_side(f["laterality"], c.rng)
        only = "only " if f["laterality"] == "bilateral" else ""
        t = f"{only}at {v} side of patient" if c.style == "esl" else f"lying {only}on the patient's {v} side"
        return c.say(t, "side", v, "presupposed")
    if fact == "P":
        if c.pmode == "V":
            v = FLIP_V[f["vertical"]]
            t = ESL_V[v] if c.style == "esl" else "lying " + c.ch(VWORDS[v])
            return c.say(t, "vert", v, "presupposed")
        o, r = c.prel
        r = FLIP_REL[r]
        return c.say(f"lying {c.ch(REL[r])} the {o}", "rel", (o, r), "presupposed")
    if fact == "Z":
        cls, pct = false_size(f, c.rng)
        t = f"{cls} and covering about {pct_str(pct)} of the image"
        c.log.append((c.turn, t, "size+", [("size", cls), ("pct", pct)], "presupposed"))
        return t
    n = 1 if f["components"] > 1 else 2
    return c.say("seen as one single continuous piece" if n == 1 else "seen as two separate pieces", "count", n, "presupposed")


def first_question(c, defect, pre_fact):
    p, s = c.p, c.style
    fn, fn_ing, hint, noun = c.ch(p["fn"]), c.ch(p["fn_ing"]), c.ch(p["hint"]), p["noun"]
    them = "them" if p["pl"] else "it"
    lead = {"kv": c.ch(["Answer as key: value lines, then one sentence. ", "Please reply in key: value format plus one line. "]),
            "thread": c.ch(["Write a short numbered thread (1/, 2/, ...) for students. ",
                            "Make it a numbered social-media thread, please. "])}.get(s, "")
    if defect == "names_target":
        g = c.ch(p["give"])
        c.say(g, "name", g, "named")
        q = c.ch([f"Please, where is {g} in this MR? Segment it, the {noun} which {fn}.",
                  f"I want segmentation of {g} part in this image, can you do it?"] if s == "esl" else
                 [f"Can you segment the {g} on this MR slice? It is the {noun} that {fn}.",
                  f"Please outline the {g} area here: which part is it on this image?",
                  f"Where is the {g} tissue on this image? Segment it, please."])
    elif pre_fact:
        pr = presup(c, pre_fact)
        q = (f"Please, which {noun} {pr} in this MR {fn_ing}? Segment it." if s == "esl"
             else f"Which {noun}, {pr}, {fn} here? Please segment {them}.")
    elif s == "esl":
        q = c.ch([f"Hello, which {noun} in this MR {fn_ing}? Please segment it for me.",
                  f"Patient {hint}. Which {noun} we must check in this image? Please make segmentation.",
                  f"I am looking for the {noun} which {fn} in this MR slice, where it is? Please segment."])
    else:
        q = c.ch([f"Which {noun} on this MR slice {fn}? Please segment {them}.",
                  f"A patient {hint}. Which {noun} on this image should I look at? Outline {them}, please.",
                  f"Can you find the {noun} that {fn} on this MR and segment {them}?"])
    return lead + q


def followup_q(c, topic, other=None):
    esl, o = c.style == "esl", c.p["orient"]
    qs = {"S": ["Which side it is located?", "It is at left or at right side of patient?"] if esl else
               ["Which side is it on?", "Is it on the patient's left or right?",
                "And which side of the patient would that be, given how MR images are displayed?"],
          "P": (["Where it is compared to the other organs, front or back?"] if esl else
                ["Is it toward the front or the back?", "Where does it sit from front to back?"]) if o == "LP" else
               (["It is more up or more down in this image?"] if esl else
                ["Is it high or low in this image?", "Where does it sit from head to feet?"]),
          "Z": ["How much big is it?", "What is the size of it, please?"] if esl else
               ["How big is it?", "How large is the segmented area compared with the whole image?"],
          "C": ["It is one piece or more pieces?"] if esl else
               ["Is it one piece or several?", "How many separate regions does the mask have?"],
          "why": ["Why it is important clinically?"] if esl else ["Why is that so?", "Why does it matter clinically here?"],
          "kb": ["Any number I should remember?"] if esl else ["What else should I know about it?",
                                                               "Any typical numbers worth remembering about it?"],
          "other": ["What is around it in this image?"] if esl else ["What is next to it?",
                                                                  "Which other structures are around it on this slice?"]}
    if topic == "P" and c.pmode == "R":
        ob = c.prel[0]
        return c.ch([f"Where it is compared to {ob}?"] if esl else [f"Where is it relative to the {ob}?",
                                                                     f"How does it relate to the {ob} on this slice?"])
    return c.ch(qs[topic])


def presup_followup(c, fact):
    f = c.f
    if fact == "S":
        v = false_side(f["laterality"], c.rng)
        only = "only " if f["laterality"] == "bilateral" else ""
        t = f"Why it is located {only}at {v} side?" if c.style == "esl" else f"Why is it {only}on the patient's {v} side?"
        c.say(t, "side", v, "presupposed")
        return t
    if fact == "P":
        if c.pmode == "V":
            v = FLIP_V[f["vertical"]]
            w = ESL_V[v] if c.style == "esl" else c.ch(VWORDS[v])
            t = f"Why it is {w} here?" if c.style == "esl" else f"Why does it sit {w} here?"
            c.say(t, "vert", v, "presupposed")
            return t
        o, r = c.prel
        r = FLIP_REL[r]
        t = f"Why is it {c.ch(REL[r])} the {o} on this slice?"
        c.say(t, "rel", (o, r), "presupposed")
        return t
    if fact == "Z":
        cls, pct = false_size(f, c.rng)
        t = f"Why does it look so {cls} here, about {pct_str(pct)} of the image?"
        c.log.append((c.turn, t, "size+", [("size", cls), ("pct", pct)], "presupposed"))
        return t
    n = 1 if f["components"] > 1 else 2
    t = "Why is it just one single continuous piece here?" if n == 1 else "Why is it split into two separate pieces here?"
    c.say(t, "count", n, "presupposed")
    return t


# -- answers and the conversation ------------------------------------------------------------------------

def trap(c, kind):
    p = c.p
    if kind == "conv":
        return convention(c)
    if kind == "kb":
        t = c.ch(p["facts_kb"])
        if c.style == "esl":
            t = c.ch(["From textbook: ", "Also good to know: "]) + t
        elif c.rng.random() < 0.4:
            t = c.ch(["If I remember the literature right, ", "As a rough textbook figure, "]) + lower1(t)
    elif kind == "cmp":
        t = c.ch(p["compare"])
        if c.style == "esl":  # "more big than", as a non-native writer says it
            for x, y in (("bigger", "more big"), ("smaller", "more small"), ("larger", "more large")):
                t = t.replace(x, y)
    else:
        t = c.ch(p["other"])
    return c.say(t, None, None, "other")


def compose(c, items, intro=None):
    """Join the pieces in the register's layout."""
    items = [i for i in items if i]
    if c.style == "thread":
        lead = [intro] if intro else []
        return "\n".join(f"{k}/ {t}" for k, t in enumerate(lead + items, 1))
    if c.style == "kv":
        lines = [i for i in items if ":" in i.split(" ")[0] or "\n" in i]
        prose = [i for i in items if i not in lines]
        out = ([intro] if intro else []) + lines
        notes = prose[:-1]
        out += [f"note: {n}" for n in notes]
        return "\n".join(out) + ("\n" + prose[-1] if prose else "")
    return " ".join(([intro] if intro else []) + items)


def intro(c):
    p, s = c.p, c.style
    return c.ch({"esl": [f"{'These are' if p['pl'] else 'This is'} the {p['name']}, I am marking {c.g['them']} here: {SEG}.",
                         f"Answer is {p['name']} {SEG}."],
                 "recheck": [f"That is the {p['name']} {SEG}.", f"You are looking at the {p['name']}: {SEG}."],
                 "kv": [f"structure: {p['name']}\nmask: {SEG}", f"target: {p['name']}\nsegmentation: {SEG}"],
                 "thread": [f"The {p['noun']} in question {c.g['is_']} the {p['name']} {SEG}",
                            f"Answer: the {p['name']}. Mask here {SEG}"]}[s])


def prose_fact(c, fact, false=False):
    """A fact in plain prose even in the kv register (its one prose line)."""
    keep, c.style = c.style, "recheck"
    try:
        return fact_text(c, fact, false)
    finally:
        c.style = keep


def build(p, facts, style, rng, defect):
    c = Ctx(p, facts, style, rng)
    f = facts
    vrel = [(r["other"], r["relation"]) for r in f["relations"]
            if r["relation"] in (("anterior_to", "posterior_to") if p["orient"] == "LP" else ("superior_to", "inferior_to"))]
    c.pmode = "V" if f["vertical"] != "central" and (not vrel or rng.random() < 0.6) else "R"
    c.prel = rng.choice(vrel) if vrel else None
    K = {"laterality": "S", "position": "P", "size": "Z", "count": "C"}.get(defect)
    where = None
    if K:
        r = rng.random()
        where = "user1" if r < 0.11 else "userF" if r < 0.22 else "ansF" if r < 0.45 else "ans1"
    rounds = max(rng.choice([1, 2, 2, 3]), 2 if where in ("userF", "ansF") else 1)

    # round 1
    turns = [{"role": "user", "content": first_question(c, defect, K if where == "user1" else None)}]
    c.turn = 1
    facts1 = [x for x in "SPZC" if x == "S" or rng.random() < 0.7]
    facts1 = [x for x in facts1 if x != K] + ([K] if where == "ans1" else [])
    rng.shuffle(facts1)
    re_fact = None
    if style == "recheck":
        re_fact = K if where == "ans1" else rng.choice([x for x in facts1 if x != K] or [None])
    prose_false = style == "kv" and where == "ans1" and rng.random() < 0.4
    items = []
    for x in facts1:
        if x == re_fact:
            items.append(recheck(c, x, defect_here=where == "ans1"))
        elif prose_false and x == K:
            continue
        else:
            items.append(fact_text(c, x, false=(x == K and where == "ans1")))
    for t in ("conv", "other", "kb", "cmp"):
        if rng.random() < {"conv": 0.45, "other": 0.7, "kb": 0.45, "cmp": 0.35}[t]:
            items.append(trap(c, t))
    if rng.random() < 0.5:
        neg = negation(c, rng.choice([x for x in "SZC" if x != K]))
        if neg:
            items.insert(rng.randrange(len(items) + 1), neg)
    if style == "kv":
        pick = "K" if prose_false else rng.choice(["S", "other", "cmp"] if K != "S" else ["other", "cmp"])
        items.append(prose_fact(c, K, false=True) if pick == "K" else prose_fact(c, "S") if pick == "S" else trap(c, pick))
    turns.append({"role": "assistant", "content": compose(c, items, intro(c))})

    # later rounds
    used = set()
    for rnd in range(1, rounds):
        c.turn = 2 * rnd
        if rnd == 1 and where in ("userF", "ansF"):
            topic = K
        else:
            topic = rng.choice([t for t in ("S", "P", "Z", "C", "why", "kb", "other") if t != K and t not in used])
        used.add(topic)
        if rnd == 1 and where == "userF":
            q = presup_followup(c, K)
        else:
            q = followup_q(c, topic)
        turns.append({"role": "user", "content": q})
        c.turn += 1
        if rnd == 1 and where == "userF":
            items = [c.say(c.ch(["Good question.", "Fair point to ask."]) if style != "esl" else "Good question.", None, None, "other"),
                     trap(c, "kb"), trap(c, "cmp")]
        elif topic in "SPZC":
            items = [fact_text(c, topic, false=(topic == K and where == "ansF"))]
            if topic == "S" and rng.random() < 0.5:
                items.append(convention(c))
            if rng.random() < 0.4 and topic != K:
                items.append(negation(c, topic) if topic in "SZC" else trap(c, "other"))
            if style == "kv":
                items.append(trap(c, rng.choice(["other", "cmp"])))
        elif topic == "why":
            items = [c.say(c.fmt("Because {it} " + c.ch(p["fn"]) + "."), None, None, "other"), trap(c, "kb")]
        else:
            items = [trap(c, topic), trap(c, "other" if topic == "kb" else "cmp")]
        turns.append({"role": "assistant", "content": compose(c, items)})
    LOG.append(c.log)
    return turns, ([defect] if defect else [])
