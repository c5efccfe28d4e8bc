"""Bank GJ: hypotheticals, conditionals and counterfactuals, written blind (helper `qcgj`, never read QC).

Theme: tutors and assistants who reason with "if this were on the left...", "had the mask been larger we
would...", "suppose there were two pieces", "what if the patient were prone", "imagine the image were
flipped", and users asking what-if questions. The true claims about THIS target sit among many hypothetical
ones that are not claims about the target. Registers (STYLES): a Socratic tutor, a chat assistant answering a
curious student's what-ifs, a cautious clinician explaining counterfactual differentials, a teaching-file
author with "consider the case where..." asides.

Facts come from `medseg_qa.facts.compute_facts` on synthetic 256x256 ellipse masks (no body outline: the image
centre and the image area are the references). Every claim the builder writes about the target is logged in
`LEDGER` (kind, value, turn, role, corrected) and re-checked against recomputed facts by the writer's own reader.

Own check (seed 20261319, /work/notes/qcgj_scripts/check_gj.py): rows 420, clean 210, defects laterality 42 /
position 42 / size 42 / count 42 / names_target 42; defects sit first answer 56, follow-up answer 64, user premise
48 (names_target: 42 in the first question); 2640 logged claims, 169 of them false and corrected (user premises,
the assistant's own slips) in clean rows; problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

LEDGER: list[dict] = []  # filled by build(); read only by the writer's own checker
MASKS: list = []         # the last masks drawn, for the checker to re-measure

H = W = 256

# parts: (cx, cy, rx, ry) in image pixels; orientation letters name the patient direction of +column, +row
PROFILES = [
    dict(target="right kidney", stems=["kidney", "renal"], modality="CT", region="abdomen", o="LP",
         parts=[(80, 160, 18, 24)], others={"aorta": (0.5, 0.5), "liver": (0.27, 0.36)}, noun="organ",
         clues=["Which structure on this slice filters the blood and makes urine, the one on the traced side?",
                "A man has colicky flank pain and blood in his urine. Which organ outlined here is the likely source?",
                "Where would the ureter on this side start from? Point me to the organ, please."],
         know=["The left one of the pair usually sits a centimetre or two higher, because the liver pushes the right one down.",
               "About 1 in 500 people have a horseshoe variant, fused across the midline at the lower poles."],
         alt="the spleen and the tail of the pancreas would be the neighbours to worry about rather than the liver and duodenum"),
    dict(target="left adrenal nodule", stems=["adrenal"], modality="CT", region="abdomen", o="LP",
         parts=[(165, 140, 7, 6)], others={"left kidney": (0.68, 0.62)}, noun="nodule",
         clues=["An incidental lump was found on the small gland that makes cortisol. Which lesion is it here?",
                "Which finding on this slice might explain her episodic palpitations, sweating and a blood pressure of 190/110?"],
         know=["Incidental nodules of this gland turn up in roughly 3-7% of adults on CT.",
               "A washout of more than 60% on delayed imaging points toward an adenoma."],
         alt="we'd be looking at the gland that sits behind the IVC, next to the liver"),
    dict(target="bilateral pleural effusions", stems=["effusion", "pleural"], modality="CT", region="thorax", o="LP",
         parts=[(60, 192, 32, 20), (196, 192, 32, 20)], others={"heart": (0.5, 0.42)}, noun="collection",
         clues=["He's short of breath with heart failure. Which fluid collections on this chest slice are outlined?",
                "What is the dependent fluid sitting in the chest cavities here, the thing the team wants to drain?"],
         know=["A lateral decubitus film can show as little as 50 mL of free fluid.",
               "Light's criteria call fluid an exudate if the fluid-to-serum protein ratio is above 0.5."],
         alt="a one-sided collection would have pushed me toward infection or malignancy on that side"),
    dict(target="liver metastases", stems=["metasta", "liver", "hepat"], modality="CT", region="abdomen", o="LP",
         parts=[(60, 100, 8, 9), (88, 132, 7, 8), (66, 162, 9, 7), (104, 94, 6, 7)], pick_parts=(3, 4),
         others={"stomach": (0.68, 0.38)}, noun="lesion",
         clues=["She had colon cancer resected two years ago and her CEA is rising. What is outlined in the organ that makes bile?",
                "Which spots here represent spread of a bowel cancer through the portal venous blood?"],
         know=["Around 50% of patients with colorectal cancer develop spread to this organ at some point.",
               "Resection is often still offered when fewer than four or five deposits are present and enough remnant is left."],
         alt="a deposit in the left lobe would change which segments a surgeon could spare"),
    dict(target="urinary bladder", stems=["bladder", "vesic"], modality="CT", region="pelvis", o="LP",
         parts=[(128, 100, 30, 24)], others={"rectum": (0.5, 0.7)}, noun="organ",
         clues=["Which hollow organ in this pelvis stores urine until it's voided?",
                "After a fall, an old man can't pass water. Which distended organ is outlined on this pelvic slice?"],
         know=["An adult version of this organ typically holds 400-600 mL before the urge becomes strong.",
               "A post-void residual over 100 mL is usually considered significant."],
         alt="a collection pushed to one side might make me think of a pelvic mass displacing it"),
    dict(target="spleen", stems=["spleen", "splen"], modality="CT", region="abdomen", o="LP",
         parts=[(200, 150, 22, 34)], others={"stomach": (0.66, 0.42)}, noun="organ",
         clues=["Which organ here filters old red cells and is at risk of rupture after a rib fracture low on that side?",
                "A teenager with glandular fever is told to avoid contact sport. Which organ outlined here is the reason?"],
         know=["An organ length over 13 cm is the usual threshold for calling it enlarged.",
               "About 10% of people have a small accessory one, usually near the hilum."],
         alt="we would be in liver territory and the differential would be entirely different"),
    dict(target="gallbladder", stems=["gallbladder", "gall bladder", "cholecyst"], modality="CT", region="abdomen", o="LP",
         parts=[(75, 105, 10, 14)], others={"aorta": (0.5, 0.52)}, noun="organ",
         clues=["Which small pear-shaped sac here stores and concentrates bile?",
                "She has pain under the ribs after fatty meals and a positive Murphy's sign. Which structure is outlined?"],
         know=["A wall thicker than 3 mm is usually called thickened.",
               "Stones are found in roughly 10-15% of adults in Western populations."],
         alt="it would point to situs inversus, which affects about 1 in 10,000 people"),
    dict(target="left ventricle", stems=["ventric"], modality="CT", region="thorax", o="LP",
         parts=[(152, 110, 20, 24)], others={"spine": (0.5, 0.74)}, noun="chamber",
         clues=["Which heart chamber here pumps blood out into the aorta and has the thickest wall?",
                "His ejection fraction is 30%. Which chamber on this cardiac slice is that number describing?"],
         know=["A normal wall thickness for this chamber is about 6-11 mm in diastole.",
               "An ejection fraction of 55-70% is generally taken as normal."],
         alt="a chamber sitting over there would usually be the right ventricle, the anterior-most chamber"),
    dict(target="right lower lobe nodules", stems=["nodule"], modality="CT", region="thorax", o="LP",
         parts=[(70, 178, 5, 5), (92, 160, 4, 5)], noun="nodule", others={"heart": (0.52, 0.42)},
         clues=["A smoker's screening CT shows a couple of small round spots. Which ones are traced in the lung base?",
                "Which little opacities in this lung might need a follow-up scan in three to six months?"],
         know=["Under the Fleischner guidance, a solid spot under 6 mm in a low-risk patient often needs no routine follow-up.",
               "Around 95% of small incidental spots of this kind turn out benign."],
         alt="the upper lobes are where post-primary TB likes to sit, so I'd weigh that more"),
    dict(target="abdominal aortic aneurysm", stems=["aneurysm", "aorta", "aortic"], modality="CT", region="abdomen", o="LP",
         parts=[(134, 124, 17, 17)], others={"spine": (0.5, 0.66)}, noun="vessel",
         clues=["Which pulsatile dilated vessel in this abdomen is at risk of rupture once it passes 5.5 cm?",
                "A 72-year-old smoker has a pulsatile mass in the belly. What is the round structure outlined?"],
         know=["Screening programmes invite men at age 65 for a one-off ultrasound.",
               "Repair is generally offered above 5.5 cm in men, or when growth exceeds 1 cm a year."],
         alt="an off-midline round thing that size would make me think of a renal or iliac artery aneurysm instead"),
    dict(target="prostate", stems=["prostat"], modality="MR", region="pelvis", o="LP",
         parts=[(128, 136, 14, 12)], others={"bladder": (0.5, 0.36)}, noun="gland",
         clues=["Which gland below the bladder enlarges with age and causes a poor urinary stream in men?",
                "His PSA is 9 ng/mL. Which gland is outlined on this pelvic MR?"],
         know=["PI-RADS scores run from 1 to 5, and lesions of 3 or more usually get a biopsy discussion.",
               "A gland volume above about 30 mL is commonly called enlarged."],
         alt="an off-centre pelvic lump like that would suggest a seminal vesicle or lymph node instead"),
    dict(target="bilateral renal stones", stems=["stone", "calcul", "lith"], modality="CT", region="abdomen", o="LP",
         parts=[(80, 160, 4, 4), (87, 174, 3, 4), (178, 166, 4, 3)], noun="stone", others={"aorta": (0.5, 0.5)},
         clues=["Which tiny bright calcified deposits in the urine-collecting systems are outlined on this unenhanced scan?",
                "He's had three episodes of colic this year. Which dense spots on this slice explain it?"],
         know=["Stones under 5 mm pass on their own roughly 70-80% of the time.",
               "Lifetime risk of a stone is roughly 10% in men and 5-7% in women."],
         alt="a one-sided process would make an anatomical cause such as a PUJ obstruction more likely"),
    dict(target="right ovarian cyst", stems=["ovar", "cyst"], modality="MR", region="pelvis", o="LP",
         parts=[(85, 122, 16, 14)], noun="cyst", others={"uterus": (0.5, 0.45)},
         clues=["A 28-year-old has pelvic pain mid-cycle. Which fluid-filled lesion in the adnexa is traced?",
                "Which simple fluid-filled structure beside the uterus here could explain her pain?"],
         know=["Simple lesions of this kind under 5 cm in a premenopausal woman usually need no follow-up.",
               "Torsion complicates roughly 3% of adnexal masses."],
         alt="appendicitis would drop down my list, and sigmoid diverticular disease would climb it"),
    dict(target="multiple sclerosis plaques", stems=["sclerosis", "plaque"], modality="MR", region="brain", o="LP",
         parts=[(104, 110, 5, 7), (150, 112, 6, 7), (100, 150, 5, 6), (156, 148, 4, 6), (124, 88, 4, 4)],
         pick_parts=(3, 5), noun="lesion", others={},
         clues=["A 30-year-old woman had optic neuritis last year and now has leg numbness. Which white-matter spots are outlined?",
                "Which ovoid lesions here, perpendicular to the ventricles, support a demyelinating diagnosis?"],
         know=["The McDonald criteria need dissemination in space and in time.",
               "Roughly 85% of patients start with a relapsing-remitting course."],
         alt="a single-sided cluster would make me look harder for a vascular or neoplastic cause"),
    dict(target="right MCA territory infarct", stems=["infarct", "stroke", "mca"], modality="MR", region="brain", o="LP",
         parts=[(80, 122, 28, 42)], noun="infarct", others={"lateral ventricles": (0.5, 0.47)},
         clues=["He woke with a weak left arm and a left facial droop. Which area of restricted diffusion is outlined?",
                "Which region of dead brain tissue explains her sudden neglect of the left side of space?"],
         know=["Thrombolysis is usually given within 4.5 hours of symptom onset.",
               "An ASPECTS score of 6 or more is often used when selecting for thrombectomy."],
         alt="I'd expect aphasia rather than neglect, since language sits on the left in about 95% of right-handers"),
    dict(target="left thalamic haemorrhage", stems=["thalam", "haemorrh", "hemorrh", "bleed"], modality="CT", region="brain",
         o="RP", parts=[(108, 130, 9, 8)], noun="bleed", others={},
         clues=["A hypertensive man has sudden right-sided numbness. Which acute bright collection is outlined deep in the brain?",
                "Which spontaneous deep grey-matter lesion here fits his blood pressure of 220/120?"],
         know=["Deep hypertensive bleeds favour the basal ganglia in about half of cases, then the thalamus.",
               "A volume over 30 mL carries a much worse prognosis."],
         alt="the symptoms would be on his left instead, since the pathways cross"),
    dict(target="right parotid tumour", stems=["parotid", "tumour", "tumor", "adenoma"], modality="MR", region="neck",
         o="RP", parts=[(194, 124, 15, 13)], noun="mass", others={},
         clues=["A painless lump in front of the ear has grown slowly for three years. Which salivary-gland mass is traced?",
                "Which mass in the largest salivary gland might put the facial nerve at risk at surgery?"],
         know=["About 80% of tumours of this gland are benign, most of them pleomorphic adenomas.",
               "Warthin tumours are bilateral in roughly 10% of cases."],
         alt="the surgeon would simply be working on the opposite facial nerve"),
    dict(target="left pneumothorax", stems=["pneumothora", "collapse"], modality="XR", region="chest", o="LI",
         parts=[(186, 88, 34, 48)], noun="air collection", others={"heart": (0.55, 0.62)},
         clues=["A tall thin 20-year-old has sudden chest pain and breathlessness. Which air collection is outlined on the film?",
                "Which lucent area with no lung markings here needs a chest drain?"],
         know=["A rim of more than 2 cm at the hilum level is usually called large in the British guidance.",
               "Recurrence after a first spontaneous episode is around 30%."],
         alt="the trachea and mediastinum would be pushed the other way if it were under tension"),
    dict(target="pituitary macroadenoma", stems=["pituitar", "adenoma"], modality="MR", region="brain", o="LI",
         parts=[(128, 150, 9, 8)], noun="mass", others={"optic chiasm": (0.5, 0.5)},
         clues=["She has bitemporal hemianopia and a high prolactin. Which mass in the sella is outlined on this coronal MR?",
                "Which benign tumour of the master gland is pressing up toward the optic chiasm?"],
         know=["Lesions of this gland over 10 mm are called macro, under 10 mm micro.",
               "Prolactinomas make up about 40% of such tumours."],
         alt="I'd think of a cavernous sinus meningioma or an aneurysm instead"),
    dict(target="bilateral hippocampi", stems=["hippocamp"], modality="MR", region="brain", o="LI",
         parts=[(95, 156, 9, 6), (161, 156, 9, 6)], noun="structure", others={},
         clues=["Which memory structures in the medial temporal lobes are traced on this coronal slice?",
                "Which seahorse-shaped grey-matter structures shrink early in Alzheimer disease?"],
         know=["The MTA visual rating scale runs from 0 to 4.",
               "Mesial temporal sclerosis is found in about 65% of surgical temporal lobe epilepsy specimens."],
         alt="a one-sided finding would send me looking for mesial temporal sclerosis on that side"),
    dict(target="right femoral neck fracture", stems=["femor", "fractur", "hip"], modality="XR", region="pelvis", o="LI",
         parts=[(70, 170, 12, 8)], noun="fracture", others={"pubic symphysis": (0.5, 0.62)},
         clues=["An 84-year-old fell and her leg is shortened and externally rotated. Which break is outlined on this pelvic film?",
                "Which injury here would need a hemiarthroplasty if it were displaced?"],
         know=["Garden grades III and IV are displaced and usually treated with replacement.",
               "One-year mortality after such an injury in the elderly is about 25-30%."],
         alt="the opposite leg would be the one held short and externally rotated"),
    dict(target="left hydronephrotic kidney", stems=["kidney", "renal", "hydroneph"], modality="MR", region="abdomen",
         o="LI", parts=[(176, 122, 24, 46)], noun="organ", others={"liver": (0.3, 0.3)},
         clues=["Which swollen urine-filled organ is outlined on this coronal MR urogram, the one draining poorly?",
                "A stone is stuck in the ureter on one side. Which organ upstream of it is distended here?"],
         know=["SFU grades for this dilatation run from 1 to 4.",
               "A renal pelvis diameter over 10 mm in an adult is often taken as dilated."],
         alt="the liver would sit right on top of it and the ureter would run beside the IVC"),
]

STYLES = ["socratic", "whatif_chat", "clinician", "teachfile"]
KINDS = ["laterality", "position", "size", "count", "names_target"]


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["o"]}


def _ellipse(cx, cy, rx, ry):
    yy, xx = np.mgrid[0:H, 0:W]
    return ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0


def facts_for(p, rng):
    parts = p["parts"]
    if "pick_parts" in p:
        lo, hi = p["pick_parts"]
        parts = parts[:rng.randint(lo, hi)]
    m = np.zeros((H, W), bool)
    for cx, cy, rx, ry in parts:
        m |= _ellipse(cx + rng.uniform(-3, 3), cy + rng.uniform(-3, 3),
                      rx * rng.uniform(0.92, 1.08), ry * rng.uniform(0.92, 1.08))
    others = {k: tuple(v) for k, v in p["others"].items()}
    MASKS[:] = [(m, p["o"], others)]
    return compute_facts(m, p["o"], others).model_dump(mode="json")


# -- phrasing helpers ---------------------------------------------------------------------------------------

_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior"}
_REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def _img_side(o, side):
    """The viewer's side of the screen on which a patient side appears."""
    if o[0] == "L":
        return "right" if side == "left" else "left"
    return side if o[0] == "R" else None


def _convention(o):
    return ("the usual radiological convention, patient's left on the viewer's right" if o[0] == "L"
            else "this series' display, which puts the patient's right on the viewer's right")


def _pct_text(af):
    v = af * 100
    if v < 0.5:
        return f"{v:.2f}%"
    return f"{v:.1f}%"


def _cls_of(frac):
    return "small" if frac < 0.01 else "medium" if frac < 0.05 else "large"


def _cls_word(c):
    return {"small": "small", "medium": "medium-sized", "large": "large"}[c]


class Conv:
    def __init__(self):
        self.turns, self.claims = [], []
        self._parts = []

    def say(self, text, kind=None, value=None, corrected=False, sub=None):
        if kind:
            self.claims.append(dict(kind=kind, sub=sub, value=value, turn=len(self.turns), span=text,
                                    corrected=corrected))
        self._parts.append(text)

    def end(self, role):
        text = " ".join(t for t in self._parts if t).replace(" \n", "\n").replace("\n ", "\n")
        for c in self.claims:
            if c["turn"] == len(self.turns):
                c["role"] = role
        self.turns.append({"role": role, "content": text})
        self._parts = []


# claim sentences -----------------------------------------------------------------------------------------

def side_sentence(v, p, rng):
    o = p["o"]
    if v in ("left", "right"):
        img = _img_side(o, v)
        return rng.choice([
            f"It lies on the patient's {v} side.",
            f"Given {_convention(o)}, it appears on the viewer's {img}, which makes it the patient's {v}.",
            f"Anatomically it is {v}-sided.",
            f"It sits to the {v} of the patient's midline.",
            f"In the patient's own frame it is on the {v}.",
        ])
    if v == "midline":
        return rng.choice(["It sits in the midline, favouring neither side.",
                           "It straddles the midline.",
                           "Side to side, it is centred on the midline."])
    return rng.choice(["It is bilateral: both the left and the right side are involved.",
                       "Both sides of the patient are affected.",
                       "The process is bilateral."])


def side_false(t, rng):
    if t in ("left", "right"):
        return rng.choice([_OPP[t]] * 3 + ["midline"])
    if t == "midline":
        return rng.choice(["left", "right"])
    return rng.choice(["left", "right"])


def side_false_sentence(v, t, p, rng):
    """A false side claim `v` (truth `t`)."""
    if t == "bilateral":
        return rng.choice([f"It is confined to the patient's {v} side.",
                           f"Only the patient's {v} side is involved; it is unilateral.",
                           f"It is purely {v}-sided."])
    return side_sentence(v, p, rng)


def vert_sentence(v, p, rng):
    axial = p["o"][1] in "AP"
    if v == "central":
        return rng.choice(["Front to back, it sits roughly centrally." if axial else
                           "Top to bottom, it sits at about mid-height, neither high nor low.",
                           "It is central on the slice's vertical axis, neither anterior nor posterior." if axial else
                           "It is central in the craniocaudal direction, neither superior nor inferior."])
    return {
        "anterior": rng.choice(["It lies anteriorly, in the front half of the body.", "It sits toward the front (anterior)."]),
        "posterior": rng.choice(["It lies posteriorly, toward the back.", "It sits in the back half of the body, posterior."]),
        "superior": rng.choice(["It lies superiorly, toward the head end of the image.", "It sits high, in the superior part."]),
        "inferior": rng.choice(["It lies inferiorly, toward the feet.", "It sits low on the image, inferior."]),
    }[v]


def vert_false(t, p, rng):
    if t in _OPP:
        return _OPP[t]
    return rng.choice(["anterior", "posterior"] if p["o"][1] in "AP" else ["superior", "inferior"])


def rel_sentence(rel, other, rng):
    return {
        "left_of": rng.choice([f"It lies to the patient's left of the {other}.", f"The {other} is on its right-hand side, in patient terms."]),
        "right_of": rng.choice([f"It lies to the patient's right of the {other}.", f"The {other} sits to its left, in patient terms."]),
        "anterior_to": rng.choice([f"It is anterior to the {other}.", f"The {other} lies behind it."]),
        "posterior_to": rng.choice([f"It lies posterior to the {other}.", f"The {other} sits in front of it."]),
        "superior_to": rng.choice([f"It lies above the {other}.", f"It is superior to the {other}."]),
        "inferior_to": rng.choice([f"It lies below the {other}.", f"It is inferior to the {other}."]),
    }[rel]


def size_sentence(cls, pct, rng, with_pct=True):
    w = _cls_word(cls)
    if with_pct and pct is not None:
        return rng.choice([f"It is {w}, covering about {pct} of the image.",
                           f"At roughly {pct} of the field of view, I'd call it {w}.",
                           f"It takes up about {pct} of the image area, so it counts as {w}."])
    return rng.choice([f"It is {w}.", f"In size terms it is {w}.", f"I'd class it as {w}."])


def count_sentence(n, p, rng):
    noun = p["noun"]
    if n == 1:
        return rng.choice(["It is a single connected region.", f"There is just one {noun}, in one piece.",
                           "The outline is one continuous piece."])
    return rng.choice([f"There are {_NUM[n]} separate pieces.", f"It consists of {_NUM[n]} discrete foci.",
                       f"I count {n} distinct components."])


def count_false(n, rng):
    if n == 1:
        return rng.choice([2, 3])
    return rng.choice([c for c in (1, n - 1, n + 1, n + 2) if c != n and c >= 1 and c <= 7])


def size_false(af, cls, rng):
    """(class, pct_text or None) that is false."""
    if rng.random() < 0.5:
        wrong = rng.choice([c for c in ("small", "medium", "large") if c != cls])
        return wrong, None
    for _ in range(20):
        f = af * rng.choice([6, 7, 8, 10]) if rng.random() < 0.5 or af < 0.01 else af / rng.choice([6, 8, 10])
        if f < 0.9 and _cls_of(f) != cls:
            return _cls_of(f), _pct_text(f)
    return ("small" if cls != "small" else "large"), None


# hypotheticals (never claims about the target) ------------------------------------------------------------

def hyp_side(v, p, rng, use_alt=True):
    o = p["o"]
    alt = p["alt"] if use_alt else "the description, the label and the neighbours would all change"
    if v in ("left", "right"):
        opp = _OPP[v]
        return rng.choice([
            f"If it were on the {opp} instead, {alt}.",
            f"Imagine the image were flipped left to right: it would jump to the viewer's {_img_side(o, opp)}, "
            "but nothing inside the patient would have moved.",
            f"Had this been {opp}-sided, the label itself would have had to change.",
            "Rolling the patient onto one side would not change which side anything belongs to; sides belong to "
            "the patient, not to the table.",
        ])
    if v == "midline":
        return rng.choice([f"Were it off to one side, {alt}.",
                           "If it had drifted a few centimetres either way, we would have to call it left- or right-sided."])
    return rng.choice([f"If only one side had been involved, {alt}.",
                       "Suppose the finding had been on the right only: we would then call it unilateral, and the "
                       "work-up would change."])


def hyp_vert(v, p, rng):
    axial = p["o"][1] in "AP"
    opts = []
    if axial:
        opts += ["If the patient had been scanned prone, the back would sit at the top of the screen; front and "
                 "back would swap on the image, not in the body.",
                 "Had the slice been displayed upside down, anterior would still mean toward the front of the patient."]
    else:
        opts += ["Imagine the image hung upside down: the head would be at the bottom, yet superior would still mean "
                 "toward the head.",
                 "If this were an axial slice instead of a frontal view, we would be talking about front and back, "
                 "not head and feet."]
    if v in _OPP:
        opts.append(f"Had it sat more {_OPP[v]}ly, its neighbours would be different ones.")
    return rng.choice(opts)


def hyp_size(cls, af, rng):
    k = rng.choice([2, 3, 5, 0.5, 0.25])
    h = min(af * k, 0.8)
    word = "larger" if k > 1 else "smaller"
    return rng.choice([
        f"Had the mask been {word}, say {_pct_text(h)} of the image, it would count as {_cls_word(_cls_of(h))}.",
        f"If someone had drawn it {'twice as big' if k == 2 else word}, about {_pct_text(h)}, the size label "
        f"would be {_cls_word(_cls_of(h))}.",
        f"Suppose it were {word} by a factor of {k if k > 1 else int(1 / k)}: that would be roughly "
        f"{_pct_text(h)}, which is in {_cls_of(h)} territory.",
    ])


def hyp_count(n, rng, avoid=None):
    h = rng.choice([c for c in (1, 2, 3, 4) if c not in (n, avoid)])
    if h == 1:
        return rng.choice(["Suppose it were one single piece instead: then we'd be describing a solitary lesion.",
                           "If everything were fused into a single region, the count would simply be one."])
    return rng.choice([f"Suppose there were {_NUM[h]} pieces instead; then the count would matter for staging.",
                       f"Had the outline broken into {_NUM[h]} fragments, we would report {h} components."])


LEAD_HYP = {"socratic": ["Here's something to think about: ", "Ask yourself this: ", ""],
            "whatif_chat": ["Fun what-if: ", "And just for fun: ", ""],
            "clinician": ["Counterfactually, ", "To be explicit about the alternatives: ", ""],
            "teachfile": ["Aside, consider the case where things differ. ", "*Counterfactual.* ", ""]}

Q_PRE = {"socratic": ["I'm revising and stuck on this one. {c}", "{c} I have a guess but I'd rather reason it through.",
                      "Can you help me work this out? {c}"],
         "whatif_chat": ["Hey! Curious about this image. {c}", "{c}", "Random question while I study: {c}"],
         "clinician": ["I'm the FY2 on call. {c}", "{c} I'd like your read before I call the registrar.",
                       "Clinical question: {c}"],
         "teachfile": ["Case for the file. {c}", "Unknown case. {c}", "Quiz image: {c}"]}
Q_NAMED = ["Can you outline the {t} on this image and walk me through some what-ifs?",
           "Where is the {t} here? Please segment it.",
           "Please show me the {t} on this scan and explain how you'd describe it.",
           "I know this one is the {t}. Can you draw it and then tell me what would change if things were different?"]
A_OPEN = {"socratic": ["Let's reason it out first. Which system does the clue point to, and which structure does that job? "
                       "Follow it through and you land on the {t}: [SEG].",
                       "What would you expect to see if your guess were right? Check it against the image. "
                       "It fits the {t}, shown here: [SEG]."],
          "whatif_chat": ["That's the **{t}**; here it is: [SEG].", "Good one! You're looking at the {t} [SEG]."],
          "clinician": ["I'd point to the {t} [SEG], with the caveat that one slice only tells part of the story.",
                        "My read is the {t}, outlined here: [SEG]. I'd hold it a little loosely until the full series is reviewed."],
          "teachfile": ["**Answer:** the {t} [SEG].\n\n**Findings.**", "Diagnosis: {t}. Segmentation: [SEG].\n\nFindings:"]}
A_CLOSE = {"socratic": ["Now your turn: if the image were mirrored, what would actually change?",
                        "Before you ask the next what-if, predict the answer yourself.", ""],
           "whatif_chat": ["Ask me any what-ifs you like!", ""],
           "clinician": ["I'd still correlate with the clinical picture.", ""],
           "teachfile": ["Teaching point: describe sides in the patient's frame, never the screen's.", ""]}
U_PRE = {"socratic": ["Hmm, OK. ", "I think I see. ", "Right. ", ""],
         "whatif_chat": ["Ooh! ", "Cool. ", "Follow-up: ", ""],
         "clinician": ["Thanks. ", "Understood. ", "One more thing: ", ""],
         "teachfile": ["Reader question: ", "Q: ", "Discussion point: "]}
A_PRE = {"socratic": ["Good question; let's test it.", "What do you predict? Let's check.", "Think about what actually changes."],
         "whatif_chat": ["Great question!", "I love a what-if.", "Short answer first."],
         "clinician": ["I'd be careful here.", "Fair question.", "Let me think it through clinically."],
         "teachfile": ["**Discussion.**", "Answer:", "**Teaching point.**"]}


def _premise(kind, val, p, rng):
    """A user's premise stating `val` of `kind` (true or false)."""
    if kind == "side":
        if val in ("left", "right"):
            return rng.choice([f"Since it's on the patient's {val}, ", f"OK, so it's {val}-sided. "])
        if val == "midline":
            return rng.choice(["Since it sits in the midline, ", "OK, so it's a midline thing. "])
        if val == "bilateral":
            return rng.choice(["Since both sides are involved, ", "OK, so it's bilateral. "])
        return ""
    if kind == "vert":
        return rng.choice([f"Given that it's {val}, ", f"So it's {val} on this slice. "])
    if kind == "rel":
        other, rel = val
        word = rel.replace("_of", " of the").replace("_to", " to the").replace("left", "to the patient's left") \
            .replace("right", "to the patient's right")
        return f"Since it lies {word} {other}, "
    if kind == "size":
        cls, pct = val
        return (f"Since it's {_cls_word(cls)}, about {pct} of the image, " if pct
                else f"Since it's {_cls_word(cls)}, ")
    if kind == "count":
        return (rng.choice(["With just one piece, ", "Since it's a single piece, "]) if val == 1
                else rng.choice([f"Since there are {_NUM[val]} of them, ", f"With {val} separate pieces, "]))
    return ""


def _lower_first(s):
    return s[0].lower() + s[1:] if s else s


def _join_premise(prem, q):
    if prem.endswith(", "):
        return prem + _lower_first(q)
    return prem + q


def build(p, facts, style, rng, defect):
    LEDGER.append(None)  # placeholder, replaced below
    f = facts
    af = f["area_fraction"]
    T = {"side": f["laterality"], "vert": f["vertical"], "size": (f["size_class"], _pct_text(af)),
         "count": f["components"]}
    rels = [(r["other"], r["relation"]) for r in f["relations"]]
    dk = {"laterality": "side", "size": "size", "count": "count",
          "position": ("rel" if rels and rng.random() < 0.5 else "vert")}.get(defect)
    fv = None
    if dk == "side":
        fv = side_false(T["side"], rng)
    elif dk == "vert":
        fv = vert_false(T["vert"], p, rng)
    elif dk == "rel":
        o_, r_ = rng.choice(rels)
        fv = (o_, _REL_OPP[r_])
    elif dk == "size":
        fv = size_false(af, T["size"][0], rng)
    elif dk == "count":
        fv = count_false(T["count"], rng)
    suppressed = {"vert", "rel"} if dk in ("vert", "rel") else ({dk} if dk else set())
    placement = rng.choice(["first", "follow", "premise"]) if dk else None
    stated_side = fv if dk == "side" else T["side"]
    stated_vert = fv if dk == "vert" else T["vert"]
    stated_n = fv if dk == "count" else T["count"]
    stated_af = None if dk == "size" else af
    clean_like = dk is None
    c = Conv()

    def true_sentence(k, rel=None, with_pct=None):
        if k == "side":
            return side_sentence(T["side"], p, rng), T["side"]
        if k == "vert":
            return vert_sentence(T["vert"], p, rng), T["vert"]
        if k == "rel":
            return rel_sentence(rel[1], rel[0], rng), rel
        if k == "size":
            wp = rng.random() < 0.6 if with_pct is None else with_pct
            return size_sentence(T["size"][0], T["size"][1], rng, wp), (T["size"][0], T["size"][1] if wp else None)
        return count_sentence(T["count"], p, rng), T["count"]

    def false_sentence():
        if dk == "side":
            return side_false_sentence(fv, T["side"], p, rng)
        if dk == "vert":
            return vert_sentence(fv, p, rng)
        if dk == "rel":
            return rel_sentence(fv[1], fv[0], rng)
        if dk == "size":
            return size_sentence(fv[0], fv[1], rng, fv[1] is not None)
        return count_sentence(fv, p, rng)

    def emit(k, rel=None):
        """A true claim of kind k, unless the row's defect suppresses that kind."""
        if k in suppressed or (k == "rel" and rel is None):
            return False
        s, v = true_sentence(k, rel)
        c.say(s, kind=k, value=v)
        return True

    def emit_false():
        c.say(false_sentence(), kind=dk, value=fv)

    def hyp(k):
        lead = rng.choice(LEAD_HYP[style])
        if k == "side":
            s = (hyp_side(stated_side, p, rng) if dk != "side" else rng.choice([
                "Rolling the patient onto one side would not change which side anything belongs to; sides belong "
                "to the patient, not to the table.",
                "If the display convention were reversed, every structure would swap halves of the screen, and "
                "none would swap sides in the body."]))
        elif k in ("vert", "rel"):
            s = hyp_vert(None if dk in ("vert", "rel") else stated_vert, p, rng)
        elif k == "size":
            s = (hyp_size(None, stated_af, rng) if stated_af is not None else
                 "Had the mask been drawn much larger or smaller, the size label could well have changed.")
        else:
            s = hyp_count(stated_n, rng, avoid=T["count"])
        c.say(lead + (_lower_first(s) if lead.endswith(", ") else s))

    # -- first question
    if defect == "names_target":
        q1 = rng.choice(Q_PRE[style]).format(c=rng.choice(Q_NAMED).format(t=p["target"]))
    else:
        q1 = rng.choice(Q_PRE[style]).format(c=rng.choice(p["clues"]))
    c.say(q1)
    c.end("user")

    # -- first answer
    c.say(rng.choice(A_OPEN[style]).format(t=p["target"]))
    name_side = p["target"].split()[0]
    if name_side in ("left", "right", "bilateral"):
        c.claims.append(dict(kind="side", sub="name", value=name_side, turn=1, span=p["target"], corrected=False))
    extra = rng.sample(["vert", "rel", "size", "count"], rng.choice([1, 2, 3]))
    order = ["side"] + extra
    if rng.random() < 0.3:
        rng.shuffle(order)
    first_false_at = rng.randrange(len(order) + 1) if placement == "first" else -1
    slip_done = False
    for idx, k in enumerate(order):
        if idx == first_false_at:
            emit_false()
        if clean_like and not slip_done and k in ("side", "count", "vert") and rng.random() < 0.2:
            # the assistant's own slip, corrected at once
            wrong = {"side": lambda: side_false(T["side"], rng), "vert": lambda: vert_false(T["vert"], p, rng),
                     "count": lambda: count_false(T["count"], rng)}[k]()
            ws = {"side": lambda: side_false_sentence(wrong, T["side"], p, rng),
                  "vert": lambda: vert_sentence(wrong, p, rng), "count": lambda: count_sentence(wrong, p, rng)}[k]()
            c.say(ws, kind=k, value=wrong, corrected=True)
            c.say(rng.choice(["Sorry, I misspoke; let me correct that.", "Scratch that, I had it wrong.",
                              "Correction: that's not right."]))
            slip_done = True
            emit(k)
            continue
        if k == "rel":
            if rels:
                emit("rel", rng.choice(rels))
        else:
            emit(k)
        if rng.random() < 0.45:
            hyp(k)
    if first_false_at == len(order):
        emit_false()
    if rng.random() < 0.5:
        c.say(rng.choice(p["know"]))
    close = rng.choice(A_CLOSE[style])
    if close:
        c.say(close)
    c.end("assistant")

    # -- follow-up rounds
    topics = ["flip", "other", "prone", "size", "count", "age", "know"] + (["rel"] if rels else [])
    kind_of = {"flip": "side", "other": "side", "prone": "vert", "size": "size", "count": "count", "rel": "rel",
               "age": None, "know": None}
    n_rounds = rng.choice([1, 2, 2, 3])
    defect_topic = None
    if placement == "follow":
        cands = [t for t in topics if kind_of[t] == dk]
        defect_topic = rng.choice(cands)
    allowed = [t for t in topics if kind_of[t] not in suppressed and t != defect_topic]
    chosen = rng.sample(allowed, n_rounds - (1 if defect_topic else 0))
    if defect_topic:
        chosen.insert(rng.randrange(len(chosen) + 1), defect_topic)
    premise_round = rng.randrange(len(chosen)) if placement == "premise" else -1
    correct_round = rng.randrange(len(chosen)) if clean_like and rng.random() < 0.35 else -1
    true_prem_round = rng.randrange(len(chosen)) if rng.random() < 0.3 else -1

    for ri, t in enumerate(chosen):
        is_def = t == defect_topic
        # question
        if t == "flip":
            q = rng.choice(["Imagine the image were flipped left to right. Would it be on the other side then?",
                            "What if the scanner had saved this mirror-imaged? Would we describe it differently?"])
        elif t == "other":
            q = {"midline": "What if it were off to one side? Would that change anything?",
                 "bilateral": "What if only one side were affected?"}.get(
                stated_side, "What if it were on the other side? Would anything change?")
        elif t == "prone":
            q = (rng.choice(["What if the patient had been lying prone instead of supine?",
                             "Would the description change if the patient were scanned face down?"])
                 if p["o"][1] in "AP" else
                 rng.choice(["What if the image were hung upside down?",
                             "Suppose this were viewed with the feet at the top. Does the position change?"]))
        elif t == "size":
            if rng.random() < 0.5 and "size" not in suppressed:
                q = f"Would it still count as {T['size'][0]} if it were twice as big?"
                c.claims.append(dict(kind="size", sub="premise", value=(T["size"][0], None), turn=len(c.turns),
                                     span=q, corrected=False))
            else:
                q = rng.choice(["What if the mask had been drawn bigger? Would the size label change?",
                                "How big is it, and what would it take to change its size category?"])
        elif t == "count":
            h = rng.choice([x for x in (1, 2, 3, 4) if x not in (stated_n, T["count"])])
            q = (f"Suppose there were {_NUM[h]} pieces. Would that change anything?" if h > 1 else
                 "Suppose it were all one piece. Would that change anything?")
        elif t == "rel":
            other = fv[0] if is_def else rng.choice(sorted({o_ for o_, _ in rels}))
            q = f"If the {other} weren't on this slice, how would you describe where it sits?"
        elif t == "age":
            q = rng.choice(["What if the patient were twenty years younger? Would you think differently?",
                            "Hypothetically, if this were a child, what would change?"])
        else:
            q = rng.choice(["How common is this kind of finding, roughly?", "Any numbers worth remembering here?"])
        pre = rng.choice(U_PRE[style])
        prem_kind = None
        if ri == premise_round:
            prem = _premise(dk, fv, p, rng)
            c.claims.append(dict(kind=dk, sub="premise", value=fv, turn=len(c.turns), span=prem.strip(),
                                 corrected=False))
            q = _join_premise(prem, q)
        elif ri == correct_round:
            prem_kind = rng.choice(["side", "vert", "count"] + (["size"] if t != "size" else []))
            wrong = {"side": lambda: side_false(T["side"], rng), "vert": lambda: vert_false(T["vert"], p, rng),
                     "count": lambda: count_false(T["count"], rng),
                     "size": lambda: size_false(af, T["size"][0], rng)}[prem_kind]()
            prem = _premise(prem_kind, wrong, p, rng)
            c.claims.append(dict(kind=prem_kind, sub="premise", value=wrong, turn=len(c.turns), span=prem.strip(),
                                 corrected=True))
            q = _join_premise(prem, q)
        elif ri == true_prem_round:
            pk = rng.choice([k for k in ("side", "vert", "count") if k not in suppressed and k != kind_of[t]] or [None])
            if pk:
                prem = _premise(pk, T[pk], p, rng)
                c.claims.append(dict(kind=pk, sub="premise", value=T[pk], turn=len(c.turns), span=prem.strip(),
                                     corrected=False))
                q = _join_premise(prem, q)
        c.say(pre + (_lower_first(q) if pre.endswith(", ") else q))
        c.end("user")

        # answer
        c.say(rng.choice(A_PRE[style]))
        if prem_kind:
            c.say(rng.choice(["One correction before the what-if:", "Small correction first:",
                              "Let me fix the premise first:"]))
            s, v = true_sentence(prem_kind, with_pct=True if prem_kind == "size" else None)
            c.say(s, kind=prem_kind, value=v)
        if t == "flip":
            c.say(rng.choice(["No. Flipping the display moves it across the screen, not across the patient.",
                              "It would look different, but the anatomy would not change."]))
            emit_false() if is_def else emit("side")
        elif t == "other":
            emit_false() if is_def else emit("side")
            hyp("side")
        elif t == "prone":
            c.say(hyp_vert(None if dk in ("vert", "rel") else stated_vert, p, rng))
            emit_false() if is_def else emit("vert")
            if rels and rng.random() < 0.4:
                emit("rel", rng.choice(rels))
        elif t == "size":
            emit_false() if is_def else emit("size")
            hyp("size")
        elif t == "count":
            emit_false() if is_def else emit("count")
            hyp("count")
        elif t == "rel":
            if is_def:
                emit_false()
            else:
                for rr in rels:
                    if rr[0] == other:
                        emit("rel", rr)
            if rng.random() < 0.5:
                emit("vert")
        elif t == "age":
            c.say(rng.choice(["Age shifts the pre-test odds more than the anatomy: in a patient of 40 instead of 60, the "
                              "outline itself would be drawn exactly the same way.",
                              "In a younger patient I'd weigh congenital and inflammatory causes more, but the geometry "
                              "of what we've outlined wouldn't change.",
                              "If this were a child, the doses, the thresholds and the follow-up intervals would all differ; "
                              "a child would typically get about a third of the adult radiation dose on a tailored protocol."]))
            if rng.random() < 0.5:
                hyp(rng.choice(["side", "size", "count"]))
        else:
            c.say(" ".join(rng.sample(p["know"], len(p["know"]))))
        if style == "socratic" and rng.random() < 0.5:
            c.say(rng.choice(["Does that match what you predicted?", "What would you say if the question were reversed?"]))
        c.end("assistant")

    expected = [defect] if defect else []
    LEDGER[-1] = dict(target=p["target"], stems=p["stems"], defect=defect, dk=dk, placement=placement,
                      claims=c.claims, masks=list(MASKS))
    return c.turns, expected
