"""Bank CY: blind evaluation bank for the conversation QC checker.

Written without reading QC (no file under medseg_qa/qc, no other bank, no scorer run).

Targets (mixed regions): abdomen axial CT "LP" (liver, kidneys, spleen, liver lesions), thorax axial CT "LP"
(lungs, lung nodules, heart), pelvis axial CT "LP" (bladder, ovaries, rectum), neck axial CT "LP" (thyroid,
parotid glands), coronal MR "LI" (kidneys, liver). Bilateral, midline and multi-lesion profiles: 10 of 14.

Registers (STYLES): "report" (formal radiology report with Technique / Comparison / Findings / Impression /
Recommendation; the prior study's different state is written as past), "cot" (numbered reasoning, "Let me
double-check", "Final answer:"), "table_prose" (markdown property table then a prose paragraph), "oncall"
(a registrar's transcribed on-call report, informal, with self-corrections that end on the true value in
clean rows).

Every claim the builder writes is logged in LEDGER (kind, value, status, turn, snippet) so the writer's own
reader (outside the repo) can re-derive the truth of each one from the row's facts. Own check on
heldout_cy.jsonl: rows: 420 clean: 210 defect: 210 (42 per kind), problems: 0; defect sites among the 168
side/position/size/count defects: first answer 95, follow-up answer 44, user premise 29; 308 rows have a
bilateral, midline or multi-piece mask; 77 clean rows hold a user's false idea that the assistant corrects,
43 clean rows an assistant self-correction ending on the true value; 59 reports cite a different prior state.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["report", "cot", "table_prose", "oncall"]

LEDGER: list = []  # one list of claim entries per build() call (read by the writer's own checker)

N = 256
_YY, _XX = np.mgrid[0:N, 0:N]


def _P(target, key, region, orient, shapes=None, lesions=None, others=None, pl=False):
    return {"target": target, "key": key, "region": region, "orient": orient, "shapes": shapes or [],
            "lesions": lesions, "others": others or {}, "pl": pl}


PROFILES = [
    _P("liver", "liver", "abdomen", "LP", [(82, 112, 50, 42, 15)],
       others={"spleen": (0.74, 0.50), "aorta": (0.53, 0.60), "stomach": (0.62, 0.40)}),
    _P("kidneys", "kidneys", "abdomen", "LP", [(88, 165, 17, 25, -20), (168, 165, 17, 25, 20)],
       others={"pancreas": (0.52, 0.50), "vertebral body": (0.50, 0.76)}, pl=True),
    _P("spleen", "spleen", "abdomen", "LP", [(188, 140, 24, 34, -25)],
       others={"liver": (0.32, 0.44), "stomach": (0.60, 0.40), "left kidney": (0.66, 0.65)}),
    _P("liver lesions", "liver_lesions", "abdomen", "LP", lesions=(2, 4, (55, 112, 80, 148), (5, 10)),
       others={"portal vein": (0.40, 0.50), "gallbladder": (0.36, 0.62)}, pl=True),
    _P("lungs", "lungs", "thorax", "LP", [(80, 125, 38, 62, 0), (176, 125, 36, 60, 0)],
       others={"heart": (0.56, 0.38), "descending aorta": (0.56, 0.64)}, pl=True),
    _P("lung nodules", "nodules", "thorax", "LP", lesions=(2, 4, (50, 206, 80, 170), (4, 7)),
       others={"heart": (0.56, 0.38)}, pl=True),
    _P("heart", "heart", "thorax", "LP", [(148, 100, 32, 27, -30)],
       others={"sternum": (0.50, 0.22), "descending aorta": (0.55, 0.64)}),
    _P("bladder", "bladder", "pelvis", "LP", [(128, 105, 30, 24, 0)],
       others={"rectum": (0.50, 0.72), "left ovary": (0.66, 0.53)}),
    _P("ovaries", "ovaries", "pelvis", "LP", [(90, 135, 11, 8, 20), (166, 135, 11, 8, -20)],
       others={"bladder": (0.50, 0.41), "rectum": (0.50, 0.72)}, pl=True),
    _P("rectum", "rectum", "pelvis", "LP", [(128, 182, 18, 14, 0)],
       others={"bladder": (0.50, 0.41), "sacrum": (0.50, 0.86)}),
    _P("thyroid", "thyroid", "neck", "LP", [(108, 110, 12, 22, 10), (148, 110, 12, 22, -10), (128, 100, 16, 6, 0)],
       others={"trachea": (0.50, 0.50), "cervical spine": (0.50, 0.74)}),
    _P("parotid glands", "parotids", "neck", "LP", [(62, 150, 16, 26, 0), (194, 150, 16, 26, 0)],
       others={"pharynx": (0.50, 0.50), "cervical spine": (0.50, 0.74)}, pl=True),
    _P("kidneys", "kidneys_cor", "abdomen", "LI", [(92, 150, 16, 28, 15), (164, 150, 16, 28, -15)],
       others={"liver": (0.30, 0.35), "bladder": (0.50, 0.90)}, pl=True),
    _P("liver", "liver_cor", "abdomen", "LI", [(86, 95, 52, 40, -10)],
       others={"right kidney": (0.36, 0.62), "spleen": (0.72, 0.38)}),
]


def record_for(p):
    if p["orient"] == "LI":
        return {"modality": "MR", "body_region": p["region"], "orientation": "LI"}
    return {"modality": "CT", "body_region": p["region"], "orientation": "LP"}


def _ellipse(cx, cy, rx, ry, ang):
    a = math.radians(ang)
    dx, dy = _XX - cx, _YY - cy
    u = dx * math.cos(a) + dy * math.sin(a)
    v = -dx * math.sin(a) + dy * math.cos(a)
    return (u / rx) ** 2 + (v / ry) ** 2 <= 1.0


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    mask = np.zeros((N, N), bool)
    if p["lesions"]:
        lo, hi, (x0, x1, y0, y1), (r0, r1) = p["lesions"]
        n, placed = rng.randint(lo, hi), []
        for _ in range(400):
            if len(placed) == n:
                break
            r = rng.uniform(r0, r1)
            x, y = rng.uniform(x0 + r, x1 - r), rng.uniform(y0 + r, y1 - r)
            if p["key"] == "nodules" and 100 < x < 156:  # keep nodules inside the lung fields
                continue
            if all(math.hypot(x - a, y - b) > r + c + 4 for a, b, c in placed):
                placed.append((x, y, r))
        for x, y, r in placed:
            mask |= _ellipse(x, y, r, r * rng.uniform(0.8, 1.0), rng.uniform(0, 180))
    else:
        dx, dy, k = rng.uniform(-3, 3), rng.uniform(-3, 3), rng.uniform(0.94, 1.06)
        for cx, cy, rx, ry, ang in p["shapes"]:
            mask |= _ellipse(cx + dx, cy + dy, rx * k, ry * k, ang + rng.uniform(-4, 4))
    return compute_facts(mask, p["orient"], dict(p["others"])).model_dump(mode="json")


# ---------------------------------------------------------------------------------------------- text packs

NAMES = {  # (display name, alternative names used by the assistant)
    "liver": ("liver", ["the hepatic parenchyma", "the liver"]),
    "liver_cor": ("liver", ["the hepatic parenchyma", "the liver"]),
    "kidneys": ("kidneys", ["both kidneys", "the kidneys"]),
    "kidneys_cor": ("kidneys", ["both kidneys", "the kidneys"]),
    "spleen": ("spleen", ["the splenic parenchyma", "the spleen"]),
    "liver_lesions": ("liver lesions", ["the hepatic lesions", "the liver lesions"]),
    "lungs": ("lungs", ["the lungs", "both lung fields"]),
    "nodules": ("lung nodules", ["the pulmonary nodules", "the nodules"]),
    "heart": ("heart", ["the heart", "the cardiac silhouette"]),
    "bladder": ("urinary bladder", ["the bladder", "the urinary bladder"]),
    "ovaries": ("ovaries", ["the ovaries", "both ovaries"]),
    "rectum": ("rectum", ["the rectum", "the distal large bowel (rectum)"]),
    "thyroid": ("thyroid gland", ["the thyroid", "the thyroid gland"]),
    "parotids": ("parotid glands", ["the parotid glands", "both parotids"]),
}

FORBIDDEN = {  # regexes a first question must not match unless it is the names_target defect
    "liver": r"\bliver|hepat|hepar", "liver_cor": r"\bliver|hepat|hepar",
    "kidneys": r"kidney|renal|nephr", "kidneys_cor": r"kidney|renal|nephr",
    "spleen": r"spleen|splen|\blien", "liver_lesions": r"\bliver|hepat|lesion|metasta|tumou?r|mass",
    "lungs": r"\blung|pulmon|pneum", "nodules": r"nodul|\blung|pulmon",
    "heart": r"heart|cardi|myocard", "bladder": r"bladder|vesic|\bcyst",
    "ovaries": r"ovar|oophor|adnex|gonad", "rectum": r"\brect|procto",
    "thyroid": r"thyro", "parotids": r"parotid",
}

QUESTIONS = {
    "liver": ["Which organ on this CT slice makes bile and stores glycogen? Please segment it.",
              "Patient with jaundice and an ALT of 900. Outline the organ most likely responsible on this image.",
              "Can you segment the organ that detoxifies ammonia into urea on this axial slice?",
              "Which solid organ in the upper abdomen would you biopsy for suspected cirrhosis? Please segment it."],
    "liver_cor": ["On this coronal MR, which organ produces bile? Please segment it.",
                  "Outline the organ that synthesises albumin and clotting factors on this coronal image.",
                  "Which organ would be shrunken and nodular in end-stage alcohol-related disease? Segment it here."],
    "kidneys": ["Which paired organs filter the blood and make urine? Segment them on this slice.",
                "Creatinine has doubled since admission. Please outline the organs that clear it.",
                "Segment the bean-shaped organs that produce erythropoietin."],
    "kidneys_cor": ["On this coronal MR, segment the paired organs that filter the blood.",
                    "Which organs sit in the retroperitoneum and produce urine? Outline them on this coronal image.",
                    "Patient with polycystic disease in the family: segment the organs we would screen."],
    "spleen": ["Which organ removes old red blood cells and enlarges in glandular fever? Segment it.",
               "After a fall onto the ribs of the upper abdomen, which organ bleeds most often? Outline it.",
               "Which organ in the left upper quadrant is sometimes removed after trauma and needs post-removal vaccinations? Please segment it."],
    "liver_lesions": ["Colon cancer patient with a rising CEA: segment whatever on this slice could explain it.",
                      "Staging CT for a colorectal primary. Please outline any focal abnormalities you see in the upper abdomen.",
                      "Can you segment the abnormal low-density foci in the organ that makes bile?"],
    "lungs": ["Which paired organs handle gas exchange? Please segment them on this chest CT.",
              "Outline the organs that would collapse if air leaked into the pleural space... well, partly collapse.",
              "Segment the air-filled organs that fill most of this thoracic slice."],
    "nodules": ["Smoker, 62, screening chest CT. Segment anything a radiologist would want to follow up.",
                "Please outline the small round opacities in the chest on this slice.",
                "Fleischner criteria apply to what I'm asking about here: please segment those findings."],
    "heart": ["Which organ pumps blood round the body? Please segment it on this chest CT.",
              "Outline the organ whose rhythm is disturbed in atrial fibrillation.",
              "Which muscular organ sits behind the sternum in the middle mediastinum? Segment it."],
    "bladder": ["Which organ stores urine before voiding? Please segment it.",
                "Patient in acute urinary retention. Outline the organ that is distended.",
                "Segment the hollow pelvic organ that a Foley catheter drains."],
    "ovaries": ["Segment the paired organs that release oocytes on this pelvic CT.",
                "In a 26-year-old woman, where would a dermoid usually arise? Outline those organs.",
                "Which paired pelvic organs produce oestrogen before menopause? Segment them."],
    "rectum": ["Segment the last part of the large bowel before the anal canal.",
               "Where would a low anterior resection be performed? Outline that segment of bowel.",
               "Which part of the bowel lies in the sacral hollow? Please segment it."],
    "thyroid": ["Which gland at the front of the neck controls the metabolic rate? Segment it.",
                "Patient with a goitre: please outline the enlarged gland.",
                "Segment the gland that takes up iodine to make T3 and T4."],
    "parotids": ["Which paired glands swell in mumps? Segment them on this neck CT.",
                 "The facial nerve runs through these glands; please outline them.",
                 "Segment the largest saliva-producing glands on this slice."],
}

NAMED_Q = {
    "liver": ["Please segment the liver on this CT slice.", "Can you outline the hepatic parenchyma here?"],
    "liver_cor": ["Segment the liver on this coronal MR, please.", "Outline the liver on this coronal image."],
    "kidneys": ["Segment both kidneys on this slice.", "Please outline the renal parenchyma on both sides."],
    "kidneys_cor": ["Segment the kidneys on this coronal MR.", "Please outline the kidneys here."],
    "spleen": ["Please segment the spleen.", "Outline the splenic parenchyma on this slice."],
    "liver_lesions": ["Segment the liver lesions on this staging CT.", "Please outline the hepatic metastases."],
    "lungs": ["Please segment the lungs on this chest CT.", "Outline both lungs."],
    "nodules": ["Segment the lung nodules on this screening CT.", "Please outline the pulmonary nodules."],
    "heart": ["Segment the heart on this chest CT.", "Outline the cardiac silhouette, please."],
    "bladder": ["Please segment the urinary bladder.", "Outline the bladder on this pelvic slice."],
    "ovaries": ["Segment the ovaries on this pelvic CT.", "Please outline both ovaries."],
    "rectum": ["Segment the rectum.", "Please outline the rectum on this slice."],
    "thyroid": ["Please segment the thyroid gland.", "Outline the thyroid on this neck CT."],
    "parotids": ["Segment both parotid glands.", "Please outline the parotids on this neck CT."],
}

WHY = {  # one reasoning clause linking the question to the target
    "liver": "bile production and glycogen storage point to the liver",
    "liver_cor": "bile and protein synthesis point to the liver",
    "kidneys": "filtration and urine production point to the kidneys",
    "kidneys_cor": "filtration and urine production point to the kidneys",
    "spleen": "red-cell clearance and post-removal vaccination point to the spleen",
    "liver_lesions": "a rising CEA in colorectal cancer most often means liver lesions",
    "lungs": "gas exchange points to the lungs",
    "nodules": "screening follow-up in a smoker is about lung nodules",
    "heart": "pumping blood points to the heart",
    "bladder": "urine storage points to the urinary bladder",
    "ovaries": "oocytes and oestrogen point to the ovaries",
    "rectum": "the last segment before the anal canal is the rectum",
    "thyroid": "iodine uptake and metabolic control point to the thyroid gland",
    "parotids": "mumps and the facial nerve point to the parotid glands",
}

KNOW = {  # true general knowledge: side, position, size and number words about OTHER things or the organ in general
    "liver": ["The liver is the largest solid organ in the body, although one slice shows only part of it.",
              "Non-alcoholic fatty liver disease affects roughly 25% of adults worldwide.",
              "Its left lobe normally extends across the midline towards the spleen."],
    "kidneys": ["The left renal vein crosses in front of the aorta to reach the IVC.",
                "The right kidney usually sits a little lower than the left because of the liver above it.",
                "A horseshoe kidney occurs in roughly 1 in 500 people."],
    "spleen": ["A normal adult spleen is about 12 cm long.",
               "Accessory spleens are found in 10 to 15% of people, usually near the hilum.",
               "The liver, by contrast, lies on the right under the diaphragm."],
    "liver_lesions": ["Around half of patients with colorectal cancer develop liver metastases at some point.",
                      "Segment VIII sits high and posterior in the right lobe, a common place to miss a deposit.",
                      "Haemangiomas, seen in about 5% of adults, are the commonest benign mimic."],
    "lungs": ["The right lung has three lobes and the left has two.",
              "The left lung is slightly smaller because the heart bulges into it.",
              "About 1 in 20 adults has some emphysema on CT."],
    "nodules": ["Up to 30% of chest CTs show at least one incidental nodule.",
                "Nodules under 6 mm in a low-risk patient usually need no routine follow-up.",
                "Upper-lobe predominance is typical of smoking-related nodules."],
    "heart": ["The right ventricle is the most anterior chamber.",
              "The left atrium is the most posterior chamber, lying just in front of the oesophagus.",
              "Dextrocardia occurs in roughly 1 in 12,000 people."],
    "bladder": ["A full bladder can rise well above the pubic symphysis.",
                "In men the rectum lies directly behind it; in women the uterus sits between the two.",
                "Bladder capacity in adults is typically 400 to 600 ml."],
    "ovaries": ["Each ovary is about 3 cm long in a woman of reproductive age.",
                "Polycystic ovarian morphology is seen in about 20% of women on ultrasound.",
                "The right ovarian vein drains into the IVC, the left into the left renal vein."],
    "rectum": ["The rectum is about 12 to 15 cm long.",
               "The sigmoid colon continues from it upwards and to the left.",
               "About a third of colorectal cancers arise in the rectum."],
    "thyroid": ["Its two lobes are joined across the front of the trachea by the isthmus, so it is normally one piece.",
                "Thyroid nodules are found in up to 50% of adults on ultrasound.",
                "The right lobe is often slightly larger than the left."],
    "parotids": ["Each parotid wraps around the ramus of the mandible.",
                 "About 80% of salivary gland tumours arise in the parotid.",
                 "The facial nerve splits each gland into a superficial and a deep lobe."],
}
KNOW["liver_cor"] = ["On coronal images the dome of the liver sits under the right hemidiaphragm.",
                     "The liver is the largest solid organ in the body.",
                     "Riedel's lobe, a tongue-like extension of the right lobe, is seen in a few percent of women."]
KNOW["kidneys_cor"] = ["On a coronal image the upper poles tilt medially towards the spine.",
                       "The right kidney usually sits a little lower than the left because of the liver above it.",
                       "A horseshoe kidney occurs in roughly 1 in 500 people."]

HYPO = {'liver': 'If this patient had situs inversus, the liver would sit on the left instead.', 'liver_cor': 'In situs inversus it would lie on the left, which is not the case here.', 'spleen': 'In situs inversus the spleen would be on the right, but nothing suggests that here.', 'heart': 'With dextrocardia the apex would point to the right; that is not what we see.', 'kidneys': 'If one kidney were absent, the other would usually be enlarged.', 'kidneys_cor': 'A pelvic kidney would sit much lower, next to the bladder.', 'lungs': 'A large pneumothorax would make one lung look much smaller than the other.', 'nodules': 'If any nodule measured over 8 mm, PET-CT would be the usual next step.', 'bladder': 'When empty, the bladder can look small and thick-walled.', 'ovaries': 'After menopause the ovaries shrink and can be hard to see.', 'rectum': 'If it were loaded with stool it would look much larger.', 'thyroid': 'A retrosternal goitre would extend below this level.', 'parotids': 'Swelling of only one side would suggest a tumour rather than mumps.', 'liver_lesions': 'With more than four deposits, resection becomes less likely to be offered.'}
for _k, _v in HYPO.items():
    KNOW[_k].append(_v)

CONVENTION = {
    "LP": ["On axial images we look up from the patient's feet, so the patient's left is on the image's right.",
           "Remember the radiological convention: image right is patient left, and the top of the image is anterior.",
           "Rows run from anterior at the top of the image to posterior at the bottom."],
    "LI": ["This coronal image is displayed in radiological convention, so the patient's left is on the image's right and the top of the image is superior.",
           "On a coronal slice, up the image means towards the head."],
}

TECHNIQUE = {
    "abdomen": "Axial contrast-enhanced CT of the abdomen, portal venous phase; one slice reviewed with the segmentation overlay.",
    "thorax": "Axial CT of the chest, lung and mediastinal windows; one slice reviewed with the segmentation overlay.",
    "pelvis": "Axial contrast-enhanced CT of the pelvis; one slice reviewed with the segmentation overlay.",
    "neck": "Axial contrast-enhanced CT of the neck; one slice reviewed with the segmentation overlay.",
    "abdomen_LI": "Coronal T2-weighted MR of the abdomen; one slice reviewed with the segmentation overlay.",
}

RECOMMEND = ["No further imaging is required on the basis of this slice.",
             "Correlate with the clinical findings and the full volume.",
             "Suggest discussion at the next multidisciplinary meeting.",
             "Follow-up imaging in 3 months would be reasonable if clinically indicated."]

DATES = ["12 March 2025", "3 June 2025", "28 January 2026", "9 September 2025", "17 November 2024"]

NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def _fmt_pct(x):
    if x >= 10:
        return f"{x:.0f}"
    if x >= 1:
        return f"{x:.1f}"
    return f"{x:.2f}"


def _conj(t, pl):
    reps = {"is": ("is", "are"), "lies": ("lies", "lie"), "has": ("has", "have"), "sits": ("sits", "sit"),
            "straddles": ("straddles", "straddle"), "takes": ("takes", "take"), "covers": ("covers", "cover"),
            "consists": ("consists", "consist"), "accounts": ("accounts", "account"), "occupies": ("occupies", "occupy"), "was": ("was", "were"),
            "measures": ("measures", "measure"), "appears": ("appears", "appear")}
    for k, (s, p) in reps.items():
        t = t.replace("{" + k + "}", p if pl else s)
    return t


def _lead(lead, txt):
    """A spoken lead-in followed by the sentence, lower-cased after it (unless an acronym starts it)."""
    if not lead or txt[:2].isupper():
        return lead + txt
    return lead + txt[:1].lower() + txt[1:]


def _cap(s):
    return s[:1].upper() + s[1:]


class Row:
    """Collects the claims of one conversation."""

    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.key, self.orient = p["key"], p["orient"]
        self.name, self.alts = NAMES[self.key]
        self.pl = p["pl"]
        self.led = []
        self.turn = 0
        self.cell_mode = False
        self.pct = 100.0 * facts["area_fraction"]
        self.rels = [(r["other"], r["relation"]) for r in facts["relations"]]

    def mk(self, t, s, pl):
        """Fill subject and verbs, add an occasional hedge in front."""
        hedge = self.rng.choice(["", "", "", "", "Looking at it, ", "As far as I can tell, ", "Overall, ", "I'd say "])
        if t.startswith("{S}") is False:
            hedge = ""
        return _cap(hedge + _conj(t.replace("{S}", s), pl)) + "."

    def log(self, kind, value, status, snippet):
        self.led.append({"kind": kind, "value": value, "status": status, "turn": self.turn, "snippet": snippet})
        return snippet

    def subj(self):
        r = self.rng.random()
        if r < 0.3:
            return "the mask", False
        if r < 0.45:
            return "the segmented region", False
        if r < 0.7:
            return ("they", True) if self.pl else ("it", False)
        return self.rng.choice(self.alts), self.pl

    # ---- fact sentences: value may be true or false; status says how the sentence holds it
    def side_s(self, v, status="assert", kind="side"):
        s, pl = self.subj()
        if v in ("left", "right"):
            img = "right" if v == "left" else "left"
            t = self.rng.choice([
                "{S} {is} on the patient's %s side" % v,
                "{S} {is} %s-sided" % v,
                "{S} {lies} in the patient's %s half, not the %s" % (v, OPP[v]),
                "{S} {appears} toward the image's %s, which in radiological convention is the patient's %s" % (img, v),
                "{S} {lies} to the %s of the midline" % v,
                "{S} {is} over on the patient's %s" % v,
                "the %s side is where {S} {lies}; nothing crosses to the %s" % (v, OPP[v]),
            ])
        elif v == "bilateral":
            t = self.rng.choice([
                "{S} {is} bilateral, with a separate part on each side of the midline",
                "{S} {has} components on both the patient's left and right",
                "{S} {is} not confined to one side: there is a part on the left and a part on the right",
                "{S} {is} present on both sides, one part left of the midline and one right of it",
                "there is a component on each side, so {S} {is} bilateral",
            ])
        else:
            t = self.rng.choice([
                "{S} {is} in the midline rather than off to one side",
                "{S} {straddles} the midline",
                "{S} {is} centred left-to-right, across the midline",
                "{S} {sits} squarely in the midline, with roughly equal parts either side",
            ])
        return self.log(kind, v, status, self.mk(t, s, pl))

    def vert_s(self, v, status="assert"):
        s, pl = self.subj()
        if self.orient == "LP":
            opts = {"anterior": ["{S} {lies} anteriorly", "{S} {is} in the front half of the slice",
                                 "{S} {sits} toward the front of the body, anterior rather than posterior",
                                 "front-to-back, {S} {is} anterior", "{S} {is} ventral, well away from the spine"],
                    "posterior": ["{S} {lies} posteriorly", "{S} {is} toward the back of the body",
                                  "{S} {sits} in the posterior half rather than the anterior half",
                                  "front-to-back, {S} {is} posterior", "{S} {is} dorsal, on the spine side of the slice"],
                    "central": ["{S} {is} roughly central front-to-back", "{S} {is} neither clearly anterior nor posterior",
                                "{S} {sits} at about mid-depth in the anteroposterior direction",
                                "front-to-back, {S} {is} about in the middle"]}[v]
        else:
            opts = {"superior": ["{S} {lies} superiorly, in the upper part of the image",
                                 "{S} {is} toward the head end of the image", "{S} {is} high on the image, superior to its centre"],
                    "inferior": ["{S} {lies} inferiorly, in the lower part of the image",
                                 "{S} {sits} toward the feet on this coronal image", "{S} {is} low on the image, i.e. inferior"],
                    "central": ["{S} {is} at about mid-height on the image", "{S} {is} neither high nor low on this image",
                                "craniocaudally, {S} {is} roughly central"]}[v]
        return self.log("vert", v, status, self.mk(self.rng.choice(opts), s, pl))

    REL_W = {"left_of": ["to the patient's left of the {o}", "on the patient's left side of the {o}"],
             "right_of": ["to the patient's right of the {o}", "on the patient's right side of the {o}"],
             "anterior_to": ["in front of the {o}", "anterior to the {o}", "ventral to the {o}"],
             "posterior_to": ["behind the {o}", "posterior to the {o}", "dorsal to the {o}"],
             "superior_to": ["above the {o}", "superior to the {o}", "cranial to the {o}"],
             "inferior_to": ["below the {o}", "inferior to the {o}", "caudal to the {o}"]}

    def rel_phrase(self, o, r):
        return self.rng.choice(self.REL_W[r]).replace("{o}", o)

    def rel_s(self, o, r, status="assert"):
        s, pl = self.subj()
        t = self.rng.choice(["{S} {lies} %s", "{S} {sits} %s", "{S} {is} %s on this slice",
                             "relative to the %s, {S} {is} %s" % (o, "{X}")])
        t = t.replace("{X}", self.rel_phrase(o, r).replace(" the " + o, "").replace("the " + o, "")
                      .replace("to the patient's left of", "to the patient's left").replace("to the patient's right of", "to the patient's right")
                      .replace("on the patient's left side of", "on the patient's left side").replace("on the patient's right side of", "on the patient's right side")
                      .replace("in front of", "in front").replace(" to", "").replace("above", "higher").replace("below", "lower").replace("behind", "further back")) \
            if "{X}" in t else t % self.rel_phrase(o, r)
        return self.log("rel", [o, r], status, self.mk(t, s, pl))

    def cls_s(self, v, status="assert"):
        s, pl = self.subj()
        opts = {"small": ["{S} {is} small on this slice", "{S} {occupies} only a small area", "size-wise, {S} {is} small, not large"],
                "medium": ["{S} {is} medium-sized on this slice", "{S} {is} of moderate size in this section",
                           "{S} {is} mid-sized, neither small nor large"],
                "large": ["{S} {is} large on this slice", "{S} {takes} up a large share of the section",
                          "{S} {is} big here, large by any measure"]}[v]
        return self.log("size_class", v, status, self.mk(self.rng.choice(opts), s, pl))

    def pct_s(self, x, status="assert"):
        s, pl = self.subj()
        t = self.rng.choice(["{S} {covers} about %s%% of the image", "{S} {takes} up roughly %s percent of the slice",
                             "by pixel count {S} {occupies} about %s%% of the field",
                             "{S} {accounts} for roughly %s%% of the pixels"]) % _fmt_pct(x)
        return self.log("size_pct", x, status, self.mk(t, s, pl))

    def count_s(self, n, status="assert"):
        s, pl = self.subj()
        if n == 1:
            t = self.rng.choice(["{S} {is} a single connected region", "{S} {is} one piece with no separate islands",
                                 "{S} {is} one contiguous structure"])
        elif self.key in ("liver_lesions", "nodules"):
            t = self.rng.choice(["{S} {consists} of %s separate foci" % NUMW[n], "There are %d discrete lesions in {S}" % n])
            if t.startswith("There"):
                s, pl = "the mask", False
                return self.log("count", n, status, t.replace("{S}", s) + ".")
        else:
            t = self.rng.choice(["{S} {consists} of %s separate pieces" % NUMW[n], "{S} {has} %d distinct components" % n,
                                 "{S} {is} split into %s disconnected parts" % NUMW[n]])
        return self.log("count", n, status, self.mk(t, s, pl))

    def size_s(self, topic_val=None, status="assert", which=None):
        which = which or self.rng.choice(["class", "pct", "both"])
        if which == "class":
            return self.cls_s(topic_val or self.f["size_class"], status)
        if which == "pct":
            return self.pct_s(topic_val or self.pct, status)
        return self.cls_s(self.f["size_class"], status) + " " + self.pct_s(self.pct, status)

    # ---- table cells (table_prose register)
    def cell(self, topic, v, status="assert"):
        rng = self.rng
        if topic == "side":
            label = rng.choice(["Side", "Laterality"])
            val = rng.choice({"left": ["Left", "Left (patient)", "Patient's left (image right)"],
                              "right": ["Right", "Right (patient)", "Patient's right (image left)"],
                              "bilateral": ["Bilateral", "Both sides", "Bilateral (one part each side)"],
                              "midline": ["Midline", "Midline, centred", "Central / midline"]}[v])
        elif topic == "vert":
            label = rng.choice(["Position", "AP position"]) if self.orient == "LP" else rng.choice(["Position", "Craniocaudal position"])
            val = rng.choice({"anterior": ["Anterior", "Anterior half"], "posterior": ["Posterior", "Posterior half"],
                              "superior": ["Superior", "Upper (superior)"], "inferior": ["Inferior", "Lower (inferior)"],
                              "central": ["Central", "Mid-slice"]}[v])
        elif topic == "rel":
            o, r = v
            label = "Relation"
            val = {"left_of": "Patient's left of the %s", "right_of": "Patient's right of the %s",
                   "anterior_to": "Anterior to the %s", "posterior_to": "Posterior to the %s",
                   "superior_to": "Superior to the %s", "inferior_to": "Inferior to the %s"}[r] % o
            v = [o, r]
        elif topic == "size_class":
            label, val = rng.choice(["Size", "Size class"]), {"small": "Small", "medium": "Medium", "large": "Large"}[v]
        elif topic == "size_pct":
            label, val = rng.choice(["Area", "Area (share of image)"]), rng.choice(["~%s%%", "%s%% of the slice", "about %s%%"]) % _fmt_pct(v)
        elif topic == "count":
            label = rng.choice(["Components", "Connected pieces"])
            val = str(v) if v == 1 or rng.random() < 0.5 else "%d (separate)" % v
        else:
            raise ValueError(topic)
        return self.log(topic, v, status, "| %s | %s |" % (label, val))

    # ---- short predicate forms for self-corrections
    def short(self, topic, v):
        if topic == "side":
            return {"left": "on the left", "right": "on the right", "bilateral": "on both sides",
                    "midline": "in the midline"}[v]
        if topic == "vert":
            return {"anterior": "anterior", "posterior": "posterior", "central": "about mid-depth",
                    "superior": "superior", "inferior": "inferior"}[v] if v != "central" or self.orient == "LP" else "at mid-height"
        if topic == "size_class":
            return {"small": "small", "medium": "medium-sized", "large": "large"}[v]
        if topic == "count":
            return "in one piece" if v == 1 else "in %s pieces" % NUMW[v]
        raise ValueError(topic)

    def selfcorr(self, topic, wrong, right, ending_false=False):
        """'it's X, sorry, Y': Y is the value held; X is dropped."""
        s, pl = self.subj()
        kind = {"side": "side", "vert": "vert", "size_class": "size_class", "count": "count"}[topic]
        t = _cap(_conj("{S} {is} ", pl).replace("{S}", s)) + self.short(topic, wrong) + self.rng.choice(
            [" — sorry, no, ", " — actually, scratch that, ", "... no wait, "]) + self.short(topic, right) + "."
        self.log(kind, wrong, "retracted" if ending_false else "corrected", t)
        return self.log(kind, right, "assert", t)

    # ---- truths and falsifications
    def truth(self, topic):
        f = self.f
        return {"side": f["laterality"], "vert": f["vertical"], "size_class": f["size_class"],
                "size_pct": self.pct, "count": f["components"]}[topic]

    def false(self, topic):
        f, rng = self.f, self.rng
        if topic == "side":
            t = f["laterality"]
            if t in ("left", "right"):
                return OPP[t] if rng.random() < 0.8 else "midline"
            return rng.choice(["left", "right"])
        if topic == "vert":
            t = f["vertical"]
            if t == "central":
                return rng.choice(["anterior", "posterior"] if self.orient == "LP" else ["superior", "inferior"])
            return OPP[t]
        if topic == "size_class":
            return {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[f["size_class"]]
        if topic == "size_pct":
            return self.pct * (rng.uniform(3.0, 4.0) if self.pct < 8 and rng.random() < 0.6 else rng.uniform(0.15, 0.3))
        if topic == "count":
            n = f["components"]
            return n + 1 if n == 1 or rng.random() < 0.5 else n - 1
        raise ValueError(topic)

    def fact(self, topic, value=None, status="assert"):
        """A sentence stating `topic` (true unless value is given)."""
        if self.cell_mode:
            if topic == "size":
                return self.cell("size_class", self.truth("size_class")) + "\n" + self.cell("size_pct", self.pct)
            if topic == "rel":
                return self.cell("rel", value if value is not None else self.rng.choice(self.rels), status)
            return self.cell(topic, self.truth(topic) if value is None else value, status)
        if topic == "side":
            return self.side_s(self.truth("side") if value is None else value, status)
        if topic == "vert":
            return self.vert_s(self.truth("vert") if value is None else value, status)
        if topic == "rel":
            o, r = value if value is not None else self.rng.choice(self.rels)
            return self.rel_s(o, r, status)
        if topic == "size":
            return self.size_s()
        if topic == "size_class":
            return self.cls_s(self.truth("size_class") if value is None else value, status)
        if topic == "size_pct":
            return self.pct_s(self.truth("size_pct") if value is None else value, status)
        if topic == "count":
            return self.count_s(self.truth("count") if value is None else value, status)
        raise ValueError(topic)

    def know(self):
        return self.log("distractor", None, "none", self.rng.choice(KNOW[self.key]))

    def conv(self):
        return self.log("distractor", None, "none", self.rng.choice(CONVENTION[self.orient]))

    def true_neg(self):
        """A true negation about side or position."""
        lat, vert = self.f["laterality"], self.f["vertical"]
        if lat in ("left", "right") and self.rng.random() < 0.6:
            return self.log("side", lat, "assert", "It is not on the patient's %s." % OPP[lat])
        if lat == "bilateral" and self.rng.random() < 0.6:
            return self.log("side", "bilateral", "assert", "It is not a one-sided finding.")
        if vert in OPP:
            return self.log("vert", vert, "assert", "The bulk of it is %s, not %s." % (vert, OPP[vert]))
        return self.log("distractor", None, "none", "There is nothing unusual about its outline on this slice.")


# ------------------------------------------------------------------------------------------------ builder

TOPIC_OF = {"laterality": "side", "position": None, "size": None, "count": "count"}

ASK = {  # follow-up questions per topic and register
    "side": {"report": ["Could you confirm the laterality?", "Please state the side for the referral letter."],
             "cot": ["Which side is it on? Please reason it through.", "Left, right or both? Think it through."],
             "table_prose": ["Can you add the side to the table?", "What goes in the laterality row?"],
             "oncall": ["Sorry, which side was that?", "Which side, again? The line was breaking up."]},
    "vert": {"report": ["Please comment on its position in the anteroposterior axis.", "Where does it lie within the section?"],
             "cot": ["Where is it front-to-back (or up-down)? Think step by step.", "Where in the slice does it sit? Reason it out."],
             "table_prose": ["Could you add a row for position?", "What would you put under position?"],
             "oncall": ["And where is it, front or back, up or down?", "Where on the slice, roughly?"]},
    "rel": {"report": ["What is its relation to the adjacent structures?", "Please describe its relationship to neighbouring structures."],
            "cot": ["What does it sit next to? Reason it out.", "How does it relate to the structures around it?"],
            "table_prose": ["Add its neighbours to the table, please.", "Which structures border it?"],
            "oncall": ["What's it next to?", "What are the landmarks around it?"]},
    "size": {"report": ["Please quantify its size on this slice.", "Could you comment on its size?"],
             "cot": ["How big is it on this slice? Show your reasoning.", "Estimate its area on this slice, step by step."],
             "table_prose": ["Could you add the size?", "What's its area?"],
             "oncall": ["How big is it roughly?", "Size-wise, what are we talking?"]},
    "count": {"report": ["How many separate components were segmented?", "Is the segmentation contiguous?"],
              "cot": ["How many separate pieces are in the mask? Check carefully.", "Count the connected regions, please."],
              "table_prose": ["How many connected components are there?", "Add a row for the number of pieces."],
              "oncall": ["Is it all one bit or several?", "How many bits did you outline?"]},
    "summary": {"report": ["Please give a one-paragraph summary for the referrer.", "Could you summarise for the clinical team?"],
                "cot": ["Summarise your findings.", "Give me the short version."],
                "table_prose": ["Can you summarise in two lines?", "Short summary, please."],
                "oncall": ["Can you give me the one-liner for the handover?", "OK, what do I write in the notes?"]},
}


def _premise(R, topic, v):
    """A user's declarative premise with value v (logged by the caller's status)."""
    if topic == "side":
        w = {"left": "on the patient's left", "right": "on the patient's right", "bilateral": "on both sides",
             "midline": "in the midline"}[v]
        return R.rng.choice(["Since it's %s, " % w, "Given that the mask is %s, " % w])
    if topic == "vert":
        return R.rng.choice(["Since it's %s, " % v, "Given that the mask sits %s, " % v])
    if topic == "rel":
        return "Given that it lies %s, " % R.rel_phrase(*v)
    if topic == "size_class":
        return "Since the mask is %s, " % {"small": "small", "medium": "medium-sized", "large": "large"}[v]
    if topic == "size_pct":
        return "Since it takes up about %s%% of the image, " % _fmt_pct(v)
    if topic == "count":
        return "With %s separate pieces in the mask, " % NUMW[v] if v > 1 else "As the mask is a single piece, "
    raise ValueError(topic)


def _doubt(R, topic, v):
    """A user's false idea put as a question (the assistant corrects it)."""
    if topic == "side":
        return R.rng.choice(["Isn't it on the patient's %s, though?" % v, "My colleague said it was %s-sided. Is that right?" % v]) \
            if v in ("left", "right") else "Isn't it in the midline?" if v == "midline" else "Isn't it on both sides?"
    if topic == "vert":
        return "I thought it was %s. Was I wrong?" % v
    if topic == "size_class":
        return "It looks %s to me. Do you agree?" % {"small": "small", "medium": "medium-sized", "large": "large"}[v]
    if topic == "count":
        return "I count %s separate pieces. Is that what you see?" % NUMW[v]
    raise ValueError(topic)


def build(p, facts, style, rng, defect):
    R = Row(p, facts, style, rng)
    topics = ["side", "vert", "size", "count"] + (["rel"] if R.rels else [])
    # the defect's topic and site
    dtopic = None
    if defect == "laterality":
        dtopic = "side"
    elif defect == "position":
        dtopic = "rel" if R.rels and rng.random() < 0.45 else "vert"
    elif defect == "size":
        dtopic = rng.choice(["size_class", "size_pct"])
    elif defect == "count":
        dtopic = "count"
    site = None
    if dtopic:
        site = rng.choices(["first", "follow", "user"], [2.8, 1.3, 1])[0]
        if style == "oncall" and site == "first" and dtopic in ("side", "vert", "size_class", "count") and rng.random() < 0.35:
            site = "first_selfcorr"
    dgroup = {"size_class": "size", "size_pct": "size"}.get(dtopic, dtopic)
    free = [t for t in topics if t != dgroup]
    rng.shuffle(free)
    n1 = rng.randint(2, min(3, len(free)))
    first_topics = free[:n1]
    later_pool = free[n1:] + ["summary"]
    n_rounds = rng.choice([2, 3])
    # follow-up plan: list of (ask_topic, premise) for rounds 2..n
    rounds = []
    for k in range(n_rounds - 1):
        rounds.append(later_pool[k] if k < len(later_pool) else rng.choice(free + ["summary"]))
    if site in ("first", "first_selfcorr"):
        first_topics.append(dgroup)
    elif site == "follow":
        rounds[0] = dgroup
    # a corrected false idea from the user (clean rows mostly)
    doubt = None
    if defect is None and rng.random() < 0.35 or defect is not None and rng.random() < 0.12:
        cands = [t for t in ("side", "vert", "size_class", "count") if t != dgroup and not (t == "size_class" and dgroup == "size")]
        doubt = (rng.randrange(n_rounds - 1), rng.choice(cands))
    turns = []

    def first_value_sentence(t):
        if t == dgroup and dtopic:
            if site == "first_selfcorr":
                return R.selfcorr(dtopic, R.truth(dtopic), R.false(dtopic), ending_false=True)
            if dtopic == "rel":
                o, r = rng.choice(R.rels)
                return R.fact("rel", (o, REL_OPP[r]))
            return R.fact(dtopic, R.false(dtopic))
        if t == "size":
            return R.fact("size") if R.cell_mode else R.size_s()
        if t in ("side", "vert", "count") and style in ("oncall", "cot") and defect is None and rng.random() < 0.3:
            tv = R.truth(t)
            wrong = R.false(t)
            return R.selfcorr(t, wrong, tv)
        return R.fact(t)

    # ---------------- round 1
    R.turn = 0
    if defect == "names_target":
        q1 = rng.choice(NAMED_Q[R.key])
        R.log("name", R.name, "assert", q1)
    else:
        q1 = rng.choice(QUESTIONS[R.key])
        R.log("distractor", None, "none", q1)
    turns.append(q1)
    R.turn = 1
    facts_txt = []
    cut = rng.randint(1, len(first_topics)) if style == "table_prose" else 0
    for j, t in enumerate(first_topics):
        R.cell_mode = j < cut
        facts_txt.append(first_value_sentence(t))
    R.cell_mode = False
    extras = [R.know()]
    if rng.random() < 0.6:
        extras.append(R.conv())
    if rng.random() < 0.4 and dgroup not in ("side", "vert"):
        extras.append(R.true_neg())
    a1 = _first_answer(R, facts_txt, extras, dgroup)
    turns.append(a1)

    # ---------------- later rounds
    stated = set(first_topics)
    for k, ask in enumerate(rounds):
        R.turn = 2 + 2 * k
        pre = ""
        if site == "user" and k == 0:
            v = R.false(dtopic) if dtopic != "rel" else (lambda orr: (orr[0], REL_OPP[orr[1]]))(rng.choice(R.rels))
            pre = _premise(R, dtopic, v)
            R.log(dtopic if dtopic != "size_pct" else "size_pct", v if dtopic != "rel" else list(v), "premise", pre.strip())
            if ask == dgroup:
                ask = rng.choice([t for t in free] + ["summary"])
        q = rng.choice(ASK[ask][style])
        if pre:
            q = pre + q[0].lower() + q[1:]
        corr = None
        if doubt and doubt[0] == k and not pre:
            dt = doubt[1]
            wrong = R.false(dt)
            dq = _doubt(R, dt, wrong)
            R.log(dt, wrong, "corrected", dq)
            q = dq + " " + q
            corr = dt
        turns.append(q)
        R.turn += 1
        body = []
        if corr:
            lead = {"report": "To clarify: ", "cot": "Let me double-check that. ", "table_prose": "Not quite. ",
                    "oncall": "No, no — "}[style]
            body.append(_lead(lead, R.fact(corr)) if style in ("report", "oncall") else lead + R.fact(corr))
        if ask == "summary":
            pool = [t for t in topics if t != dgroup and t != corr]
            rng.shuffle(pool)
            body += [R.fact(t) if t != "size" else R.size_s() for t in pool[:2]]
            body.append(R.know())
        elif ask == dgroup and site == "follow" and k == 0:
            R.cell_mode = style == "table_prose" and rng.random() < 0.7
            body.append(first_value_sentence(ask))
            R.cell_mode = False
        elif style == "table_prose" and ask != "rel" and rng.random() < 0.85:
            R.cell_mode = True
            body.append(R.fact(ask))
            R.cell_mode = False
            if rng.random() < 0.5:
                body.append(R.know())
        else:
            if ask == "size":
                body.append(R.size_s())
            elif ask == "rel" and R.rels:
                o, r = rng.choice(R.rels)
                body.append(R.fact("rel", (o, r)))
                others = [x for x in R.rels if x != (o, r)]
                if others and rng.random() < 0.5:
                    body.append(R.fact("rel", rng.choice(others)))
            elif ask == "rel":
                body.append(R.fact("side") if dgroup != "side" else R.know())
            else:
                body.append(R.fact(ask))
            if rng.random() < 0.5:
                body.append(R.conv() if ask in ("side", "vert", "rel") else R.know())
        turns.append(_follow_answer(R, body))
    LEDGER.append(R.led)
    return [{"role": "user" if i % 2 == 0 else "assistant", "content": c} for i, c in enumerate(turns)], \
        ([] if defect is None else [defect])


def _first_answer(R, facts_txt, extras, dgroup):
    rng, style, name = R.rng, R.style, R.name
    if style == "report":
        date = rng.choice(DATES)
        tech = TECHNIQUE["abdomen_LI" if R.orient == "LI" else R.p["region"]]
        comp = _prior(R, date, dgroup)
        findings = "The %s %s segmented [SEG]. " % (name, "are" if R.pl else "is") + " ".join(facts_txt[:-1] + extras[:1] + facts_txt[-1:])
        impression = "%s identified and segmented. %s" % (_cap(name), " ".join(extras[1:]) or "No other abnormality on this slice.")
        R.log("distractor", None, "none", tech)
        return ("TECHNIQUE: %s\nCOMPARISON: %s\nFINDINGS: %s\nIMPRESSION: %s\nRECOMMENDATION: %s"
                % (tech, comp, findings, impression, rng.choice(RECOMMEND)))
    if style == "cot":
        steps = ["The question points to a structure by its function: %s." % R.log("distractor", None, "none", WHY[R.key]),
                 "So the %s the %s." % ("targets are" if R.pl else "target is", name)]
        steps += facts_txt
        steps += extras
        out = "Let me work through this.\n" + "\n".join("%d. %s" % (i + 1, s) for i, s in enumerate(steps))
        if rng.random() < 0.25:
            out += "\nLet me double-check: " + R.log("distractor", None, "none", rng.choice([
                "the image's left is the patient's right here, so I have the sides the right way round.",
                "image top is anterior on an axial slice, and I read the mask that way."
                if R.orient == "LP" else "image top is superior on this coronal slice, and I read the mask that way."]))
        else:
            out += "\nLet me double-check: " + R.fact(rng.choice([t for t in ("side", "vert", "count") if t != dgroup]))
        out += "\nFinal answer: the %s [SEG]." % name
        return out
    if style == "table_prose":
        in_table = [x for x in facts_txt if x.startswith("|")]
        in_prose = [x for x in facts_txt if not x.startswith("|")]
        rows = ["| Structure | %s |" % name] + in_table
        tbl = "| Property | Value |\n|---|---|\n" + "\n".join(rows)
        prose = " ".join(in_prose + extras)
        return "Here %s the %s [SEG].\n\n%s\n\n%s" % ("are" if R.pl else "is", name, tbl, prose)
    # oncall
    lead = R.log("distractor", None, "none", rng.choice(["Yeah, so, um, ", "OK so, ", "Right, so — ", "Hi, yeah, so "]))
    return lead + "%s the %s, I've segmented %s [SEG]. " % ("those are" if R.pl else "that's", name, "them" if R.pl else "it") + \
        " ".join(facts_txt) + " " + _lead(rng.choice(["Um, ", "Also, ", "And, ", ""]), " ".join(extras)) + \
        rng.choice([" Anyway, that's it from me.", " I'll put that in the report.", " Let me know if you want more."])


def _prior(R, date, dgroup):
    rng = R.rng
    n = R.f["components"]
    mod = "MR" if R.orient == "LI" else "CT"
    if R.key in ("liver_lesions", "nodules") and n >= 2 and dgroup != "count" and rng.random() < 0.7:
        prev = n - 1
        return R.log("count", prev, "prior", "%s of %s. At that time there %s %s %s; the interval change is new disease."
                     % (mod, date, "was" if prev == 1 else "were", NUMW[prev], "focus" if prev == 1 else "foci"))
    if dgroup != "size" and rng.random() < 0.6:
        prev = R.pct * rng.choice([0.6, 0.7, 1.4])
        return R.log("size_pct", prev, "prior", "%s of %s. The same structure then covered about %s%% of the matched slice, %s than now."
                     % (mod, date, _fmt_pct(prev), "less" if prev < R.pct else "more"))
    return R.log("distractor", None, "none", "%s of %s, reported as unremarkable at that time." % (mod, date))


def _follow_answer(R, body):
    style, rng = R.style, R.rng
    if style == "report":
        return "Addendum: " + " ".join(body)
    if style == "cot":
        steps = body[1:] or [R.log("distractor", None, "none", rng.choice(
            ["I read the mask against the patient's axes, not the screen's.", "I go back to the mask outline itself.",
             "I re-check the overlay on this slice."]))]
        out = "Let me think.\n" + "\n".join("%d. %s" % (i + 1, s) for i, s in enumerate(steps))
        return out + "\nFinal answer: " + body[0]
    if style == "table_prose":
        cells = [x for x in body if x.startswith("|")]
        prose = [x for x in body if not x.startswith("|")]
        if not cells:
            return " ".join(prose)
        return "Updated:\n\n| Property | Value |\n|---|---|\n%s\n\n%s" % ("\n".join(cells), " ".join(prose) or "Nothing else to add.")
    txt = " ".join(body)
    return R.log("distractor", None, "none", rng.choice(["Yeah, ", "Um, so ", "OK — ", "Right, "])) + txt[:1].lower() + txt[1:]
