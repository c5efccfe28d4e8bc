"""Bank GF: LLM chat answers heavy with Unicode typography, on abdominal, chest, pelvic and brain CT/MR labels.

Written blind (without reading the QC rules, their tests or other banks). Four registers: an emoji-bullet
chatbot (`emoji`), arrow-heavy study notes (`arrows`), a symbol-dense quick reference card (`card`) and a
casual chat with emoji reactions (`casual`). The prose carries emoji bullets, arrows for directions and
sequences, ≈ × ≤ ≥ ~ ± ² µ °, curly quotes and apostrophes, em/en dashes, non-breaking and thin spaces and
now and then fullwidth or superscript digits; arrows and symbols carry real claims ("⬅️ patient’s left",
"≈ 3.4 % of the slice", "× 2 lesions") and also sit in traps (screen sides, doses, scores, thresholds,
population figures, hypotheticals, corrected premises and the assistant's own corrected slips).

Every claim about the target is recorded in `LEDGER` (kind, value, turn, role, corrected, text) and checked
against the facts recomputed from the synthetic mask by the writer's own checker
(/work/notes/qcgf_scripts/check_gf.py), which printed:

rows 420, clean 210, defects laterality 42, position 42, size 42, count 42, names_target 42; defect claims in first answer 84, follow-up 39, user premise 45; problems: 0 (26 targets; seed 20261315)
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

LEDGER: list = []   # one list of claims per build() call, in call order
MASKS: list = []    # (mask, orientation, others) per facts_for() call, for the checker

NB, THIN, NNB = "\u00a0", "\u2009", "\u202f"
FW = str.maketrans("0123456789", "０１２３４５６７８９")
SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _p(target, aliases, region, mod, orient, parts=None, scatter=None, others=None, clues=(), role="",
       kb=(), unit="pieces", jit=6):
    return {"target": target, "aliases": list(aliases), "region": region, "mod": mod, "orient": orient,
            "parts": parts, "scatter": scatter, "others": others or {}, "clues": list(clues), "role": role,
            "kb": list(kb), "unit": unit, "jit": jit}


# parts: (x offset toward the patient's LEFT, y offset along increasing rows, semi-axis x, semi-axis y) in pixels
PROFILES = [
    _p("liver", ["liver", "hepat"], "abdomen", "CT", "LP", parts=[(-45, -5, 60, 50)],
       others={"spleen": (70, 25), "stomach": (40, -28), "aorta": (6, 28)},
       clues=["Which organ on this slice makes bile and stores glycogen?",
              "ALT 480 U/L, AST 390 U/L — both ↑↑. Which big solid organ on this slice would you outline?",
              "Where does most of the portal venous blood (≈ 75 % of the inflow) end up on this slice?"],
       role="makes bile, stores glycogen, clears drugs",
       kb=["normal adult mass ≈ 1.4–1.6 kg ⚖️", "Couinaud → 8 segments (I–VIII)",
           "portal vein ≈ 75 % of the inflow, hepatic artery ≈ 25 %"]),
    _p("spleen", ["spleen", "splen"], "abdomen", "CT", "LP", parts=[(70, 25, 22, 32)],
       others={"liver": (-45, -5), "stomach": (40, -28), "aorta": (6, 28)},
       clues=["Which organ here recycles old red cells and swells up with mono (EBV)?",
              "Trauma bay: ribs 9–11 fractured, Hb 13 → 9 g/dL 😬 Which solid organ should I outline?"],
       role="filters blood, recycles old RBCs, immune hub",
       kb=["rule of thumb 1·3·5·7·9·11 → 1 × 3 × 5 in, ~7 oz, ribs 9–11",
           "length > 13 cm → usually called enlarged",
           "after removal: vaccines × 3 (pneumococcus, Hib, meningococcus)"]),
    _p("left kidney", ["kidney", "renal", "nephr"], "abdomen", "CT", "LP", parts=[(55, 35, 16, 22)],
       others={"spleen": (70, 25), "aorta": (6, 28), "liver": (-45, -5)},
       clues=["Which urine-making organ sits next to the spleen on this slice?",
              "eGFR 45 mL/min/1.73 m², stone pain on the spleen’s side — which organ would you outline?"],
       role="filters ~180 L of plasma a day and makes urine",
       kb=["the left one usually sits ~1–2 cm higher ↑ than the right", "normal length ≈ 10–12 cm",
           "≈ 1 million nephrons each"], unit="pieces"),
    _p("right kidney", ["kidney", "renal", "nephr"], "abdomen", "CT", "LP", parts=[(-55, 38, 16, 22)],
       others={"liver": (-45, -5), "aorta": (6, 28), "spleen": (70, 25)},
       clues=["Which urine-making organ is tucked right under the liver on this slice?",
              "Dilated collecting system on the liver’s side on ultrasound — which organ here would you outline?"],
       role="filters blood and makes urine",
       kb=["the liver usually pushes this one ~1–2 cm lower ↓ than its partner", "normal length ≈ 10–12 cm",
           "horseshoe fusion in ≈ 1 in 500 people"]),
    _p("kidneys", ["kidney", "renal", "nephr"], "abdomen", "CT", "LP",
       parts=[(-55, 36, 16, 22), (55, 36, 16, 22)],
       others={"aorta": (6, 28), "liver": (-45, -5), "stomach": (40, -28)},
       clues=["Creatinine 2.3 mg/dL 📈 — which paired organs would you segment on this slice?",
              "Which paired retroperitoneal organs make urine here?"],
       role="filter blood, make urine, help set BP (renin)",
       kb=["the left one usually sits ~1–2 cm higher than the right", "≈ 20–25 % of cardiac output goes to them",
           "≈ 1 in 500 people have a horseshoe variant"]),
    _p("pancreas", ["pancrea"], "abdomen", "CT", "LP", parts=[(10, 8, 40, 9)], jit=5,
       others={"spleen": (70, 25), "liver": (-45, -5), "stomach": (40, -32)},
       clues=["Lipase 3 × the upper limit, epigastric pain boring through to the back — which gland would you outline?",
              "Which organ here makes both insulin and digestive enzymes?"],
       role="exocrine enzymes + insulin/glucagon",
       kb=["~12–15 cm long in adults", "islets ≈ 1–2 % of its mass",
           "Atlanta: 2 of 3 → typical pain, lipase ≥ 3 ×, imaging"]),
    _p("aorta", ["aort"], "abdomen", "CT", "LP", parts=[(6, 28, 10, 10)], jit=4,
       others={"spine": (0, 52), "liver": (-45, -5), "inferior vena cava": (-20, 22)},
       clues=["Which vessel here carries blood from the heart down to the legs and gets screened in older smokers?",
              "Tearing pain to the back, BP 180/100 on the right arm 😬 — which structure would you segment?"],
       role="main artery from the heart to the body",
       kb=["aneurysm if diameter ≥ 3 cm", "screening: men 65–75 y who ever smoked, once",
           "repair usually discussed at ≥ 5.5 cm"]),
    _p("gallbladder", ["gallbladder", "gall bladder", "cholecyst", "biliary"], "abdomen", "CT", "LP",
       parts=[(-45, -12, 12, 9)], jit=5,
       others={"pancreas": (10, 8), "stomach": (40, -32), "liver": (-45, -5)},
       clues=["Which pear-shaped sac here stores bile — pain after fatty meals?",
              "Murphy’s sign +, T 38.3 °C, WBC 14 × 10⁹/L — which structure would you outline?"],
       role="stores and concentrates bile",
       kb=["wall > 3 mm → thickened", "stones in ≈ 10–15 % of adults", "holds ≈ 30–50 mL"]),
    _p("liver metastases", ["metasta", "mets", "secondar"], "abdomen", "CT", "LP",
       scatter={"boxes": [(-85, -20, -40, 30)], "n": (2, 5), "r": (4, 8)},
       others={"spleen": (70, 25), "aorta": (6, 28)}, unit="lesions",
       clues=["Known colon cancer, CEA rising 📈 — which lesions here would you outline?",
              "Which hypodense spots in the bile-making organ look like spread from a primary tumour?"],
       role="deposits of tumour spread to the liver",
       kb=["≈ 50 % of colorectal cancers eventually spread to the liver",
           "resection can still be an option with ≤ 4 lesions if enough liver remains",
           "CEA normal range < 5 ng/mL"]),
    _p("adrenal glands", ["adrenal", "suprarenal"], "abdomen", "CT", "LP",
       parts=[(-36, 18, 6, 9), (36, 18, 6, 9)], jit=4,
       others={"aorta": (6, 28), "liver": (-45, -5)}, unit="glands",
       clues=["Which small paired glands here make cortisol and epinephrine?",
              "Moon face, K⁺ 2.9 mmol/L — which paired endocrine structures should I outline?"],
       role="cortisol, aldosterone, adrenaline",
       kb=["incidental nodule on ≈ 4–5 % of abdominal CTs", "washout ≥ 60 % → adenoma likely",
           "< 10 HU unenhanced → lipid-rich adenoma"]),
    _p("right lung", ["lung", "pulmon"], "chest", "CT", "LP", parts=[(-55, 5, 42, 62)],
       others={"heart": (12, -18), "aorta": (18, 30)},
       clues=["Which air-filled organ here has three lobes and a horizontal fissure?",
              "Which organ would you segment to measure the volume on the side with 3 lobes?"],
       role="gas exchange; 3 lobes",
       kb=["3 lobes here vs 2 on the other side", "total lung capacity ≈ 6 L in adults",
           "this side takes ≈ 55 % of ventilation"]),
    _p("left lung", ["lung", "pulmon"], "chest", "CT", "LP", parts=[(55, 5, 38, 60)],
       others={"heart": (12, -18), "aorta": (18, 30)},
       clues=["Which organ here has a lingula and a cardiac notch?",
              "Which two-lobed air-filled organ would you outline on this slice?"],
       role="gas exchange; 2 lobes + lingula",
       kb=["2 lobes (upper + lower); the lingula belongs to the upper", "takes ≈ 45 % of ventilation",
           "FEV₁/FVC < 0.7 → obstruction"]),
    _p("lung nodules", ["nodul"], "chest", "CT", "LP",
       scatter={"boxes": [(-80, -30, -40, 50), (30, 80, -40, 50)], "n": (2, 4), "r": (3, 6)},
       others={"heart": (12, -18)}, unit="nodules",
       clues=["Ex-smoker, 40 pack-years — which round densities would you outline here?",
              "Which small round opacities in the air-filled organs need Fleischner follow-up?"],
       role="small round opacities to track",
       kb=["Fleischner: solid < 6 mm, low risk → no routine follow-up", "Lung-RADS 4B ⇒ consider PET-CT",
           "≈ 95 % of incidental nodules are benign"]),
    _p("heart", ["heart", "cardi", "myocard"], "chest", "CT", "LP", parts=[(12, -18, 45, 38)],
       others={"aorta": (18, 30), "spine": (0, 62), "esophagus": (6, 32)},
       clues=["Which muscular pump here would you segment for an ejection-fraction estimate?",
              "Chest pain, troponin ↑ × 10 — which organ would you outline?"],
       role="the pump: ~5 L/min at rest",
       kb=["normal LVEF ≈ 55–70 %", "CTR < 0.5 on a PA film", "~70 beats/min × ~70 mL ≈ 5 L/min"]),
    _p("pleural effusions", ["effusion", "pleural"], "chest", "CT", "LP",
       parts=[(-60, 52, 30, 12), (60, 52, 30, 12)], jit=5,
       others={"heart": (12, -18), "spine": (0, 62)}, unit="collections",
       clues=["CHF, short of breath, crackles at both bases — which dependent fluid would you segment?",
              "Which crescent-shaped fluid layers (meniscus sign on the X-ray) would you outline?"],
       role="fluid in the pleural space",
       kb=["Light: fluid/serum protein > 0.5 → exudate", "≈ 200 mL blunts the costophrenic angle on an erect PA",
           "≥ 1 cm on a decubitus film → usually safe to tap"]),
    _p("esophagus", ["esophag", "oesophag", "gullet"], "chest", "CT", "LP", parts=[(4, 34, 7, 6)], jit=3,
       others={"trachea": (0, 10), "heart": (12, -18), "aorta": (20, 30)},
       clues=["Dysphagia to solids, weight ↓ 6 kg — which muscular tube would you outline?",
              "Which tube here carries food from the throat to the stomach?"],
       role="muscular food tube",
       kb=["≈ 25 cm long", "3 physiological narrowings", "Barrett → ~0.3 %/yr cancer risk"]),
    _p("urinary bladder", ["bladder", "vesic"], "pelvis", "CT", "LP", parts=[(0, -25, 35, 28)], jit=5,
       others={"rectum": (0, 40), "pubic symphysis": (0, -62)},
       clues=["Which hollow organ here stores urine — full at ≈ 400–500 mL?",
              "Retention after surgery 😣 — which distended sac would you outline?"],
       role="stores urine",
       kb=["urge to void at ≈ 150–250 mL", "post-void residual > 100 mL → retention",
           "wall ≤ 3 mm when distended"]),
    _p("prostate", ["prostat"], "pelvis", "MR", "LP", parts=[(0, 5, 18, 15)], jit=4,
       others={"rectum": (0, 40), "pubic symphysis": (0, -55)},
       clues=["PSA 8.4 ng/mL and a PI-RADS 4 report — which gland would you outline?",
              "Which walnut-sized gland wraps the male urethra?"],
       role="gland around the male urethra",
       kb=["normal volume ≈ 20–25 mL", "PSA density > 0.15 ng/mL/cc → suspicious",
           "≈ 70 % of cancers arise in the peripheral zone"]),
    _p("uterus", ["uter", "womb", "endometri", "myometri"], "pelvis", "MR", "LP", parts=[(0, -5, 30, 22)],
       others={"rectum": (0, 40), "urinary bladder": (0, -48)},
       clues=["Heavy periods, fibroids suspected — which muscular organ would you outline?",
              "Which pear-shaped organ here hosts a pregnancy?"],
       role="hosts pregnancy",
       kb=["adult length ≈ 7–8 cm", "fibroids in ≈ 70 % of women by age 50",
           "junctional zone > 12 mm → adenomyosis likely"]),
    _p("right ovary", ["ovar", "adnex", "oophor"], "pelvis", "MR", "LP", parts=[(-42, 5, 10, 8)], jit=5,
       others={"uterus": (0, -5), "rectum": (0, 40)},
       clues=["Which almond-shaped gland on the appendix side of the pelvis makes oestrogen?",
              "Sudden pelvic pain on the appendix side, torsion? Which gonad would you segment?"],
       role="makes eggs and oestrogen",
       kb=["follicles ≤ 2.5 cm are physiological", "torsion ≈ 60–70 % on the right in most series",
           "O-RADS 2 → < 1 % malignancy risk"]),
    _p("rectum", ["rectum", "rectal"], "pelvis", "CT", "LP", parts=[(0, 38, 14, 13)], jit=4,
       others={"urinary bladder": (0, -25), "sacrum": (0, 64)},
       clues=["Which last bowel segment would you outline before prostate radiotherapy?",
              "Bowel tumour 6 cm from the anal verge — which structure would you segment?"],
       role="last segment of the large bowel",
       kb=["≈ 12–15 cm long", "CRM threatened if ≤ 1 mm on MRI", "short-course RT: 5 × 5 Gy"]),
    _p("femoral heads", ["femor", "femur"], "pelvis", "CT", "LP",
       parts=[(-65, 0, 16, 16), (65, 0, 16, 16)], jit=4,
       others={"urinary bladder": (0, -25), "sacrum": (0, 64)},
       clues=["Which paired ball-shaped bone ends sit in the acetabula here?",
              "Hip pain after years of steroids — which structures would you outline to look for necrosis?"],
       role="ball of the hip joint",
       kb=["necrosis risk ↑ with prednisolone > 20 mg/day", "CCD angle ≈ 125–135°",
           "Garden I–IV for neck fractures"]),
    _p("left hippocampus", ["hippocamp"], "brain", "MR", "LI", parts=[(40, 22, 9, 6)], jit=4,
       others={"lateral ventricles": (0, -20), "brainstem": (0, 45)},
       clues=["Early Alzheimer’s work-up, MTA score 2 — which seahorse-shaped structure on the language-dominant side would you segment?",
              "Which medial temporal structure, on the side that usually holds language, forms new memories?"],
       role="forms new memories",
       kb=["MTA ≥ 2 abnormal under 75 y", "volume ≈ 3–3.5 cm³ per side",
           "sclerosis here causes ≈ 60–70 % of surgically treated temporal lobe epilepsy"]),
    _p("lateral ventricles", ["ventric"], "brain", "MR", "LP",
       parts=[(-22, -5, 8, 28), (22, -5, 8, 28)], jit=3,
       others={"third ventricle": (0, 18)},
       clues=["Which CSF-filled cavities here enlarge in hydrocephalus?",
              "Evans index 0.34 — which paired fluid spaces would you outline?"],
       role="hold CSF; choroid plexus makes it",
       kb=["CSF made ≈ 500 mL/day", "total CSF ≈ 150 mL", "Evans index > 0.3 → enlarged"]),
    _p("multiple sclerosis lesions", ["sclerosis", "ms lesion", "demyelin"], "brain", "MR", "LP",
       scatter={"boxes": [(-70, -22, -50, 40), (22, 70, -50, 40)], "n": (2, 5), "r": (3, 6)},
       others={"lateral ventricles": (0, -5)}, unit="lesions",
       clues=["28-year-old with optic neuritis — which T2/FLAIR-bright spots here would you outline?",
              "Which periventricular “Dawson’s finger” plaques would you segment?"],
       role="demyelinating plaques",
       kb=["McDonald 2017: ≥ 1 lesion in ≥ 2 of 4 regions for spread in space", "≈ 3 : 1 female : male",
           "gadolinium 0.1 mmol/kg"]),
    _p("glioblastoma", ["glioblastoma", "gbm"], "brain", "MR", "RP", parts=[(-35, -50, 22, 18)], jit=6,
       others={"lateral ventricles": (0, -5)},
       clues=["62-year-old, new seizures — which ring-enhancing mass with a necrotic core would you outline?",
              "Which aggressive IDH-wildtype primary brain tumour here would you segment?"],
       role="grade 4 primary brain tumour",
       kb=["median survival ≈ 15 months with standard therapy", "Stupp: 60 Gy in 30 fractions + temozolomide 75 mg/m²/day",
           "MGMT methylated in ≈ 40 %"]),
]

STYLES = ["emoji", "arrows", "card", "casual"]
KINDS = ["laterality", "position", "size", "count", "names_target"]


def record_for(p):
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


# -- masks ---------------------------------------------------------------------------------------------

def _col(p, xoff):
    return 127.5 + xoff if p["orient"][0] == "L" else 127.5 - xoff


def facts_for(p, rng):
    h = w = 256
    yy, xx = np.mgrid[0:h, 0:w]
    mask = np.zeros((h, w), bool)
    if p["parts"]:
        j = p["jit"]
        for xo, yo, a, b in p["parts"]:
            cx, cy = _col(p, xo + rng.uniform(-j, j)), 127.5 + yo + rng.uniform(-j, j)
            a, b = a * rng.uniform(0.85, 1.15), b * rng.uniform(0.85, 1.15)
            mask |= ((xx - cx) / a) ** 2 + ((yy - cy) / b) ** 2 <= 1.0
    else:
        s = p["scatter"]
        n = rng.randint(*s["n"])
        placed = []
        while len(placed) < n:
            x0, x1, y0, y1 = s["boxes"][rng.randrange(len(s["boxes"]))]
            r = rng.uniform(*s["r"])
            cx, cy = _col(p, rng.uniform(x0, x1)), 127.5 + rng.uniform(y0, y1)
            if all((cx - qx) ** 2 + (cy - qy) ** 2 > (r + qr + 5) ** 2 for qx, qy, qr in placed):
                placed.append((cx, cy, r))
        for cx, cy, r in placed:
            mask |= (xx - cx) ** 2 + (yy - cy) ** 2 <= r * r
    others = {name: (_col(p, xo) / 255.0, (127.5 + yo) / 255.0) for name, (xo, yo) in sorted(p["others"].items())}
    MASKS.append((mask, p["orient"], others))
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


# -- phrases ---------------------------------------------------------------------------------------------

ARW = {"left": "⬅️", "right": "➡️"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def _screen(p, side):
    """Where the patient's `side` shows on the screen."""
    return OPP[side] if p["orient"][0] == "L" else side


def _pct(v):
    if v >= 10:
        return f"{v:.0f}"
    if v >= 1:
        return f"{v:.1f}"
    return f"{v:.2f}"


def lat_text(p, v, style, rng):
    if v in ("left", "right"):
        s, a, scr = v, ARW[v], _screen(p, v)
        conv = "radiological view" if p["orient"][0] == "L" else "neurological view, no flip"
        forms = {
            "emoji": [f"**Side:** patient’s **{s}** {a} (on screen it’s the {scr} — {conv})",
                      f"sits on the patient’s {s} {a}", f"{a} patient’s {s}"],
            "arrows": [f"side → pt {s} ({s[0].upper()}) ⇒ screen {scr}", f"{s}-sided → (img {scr})",
                       f"lat. ⇒ {s.upper()} (patient)"],
            "card": [f"Side ▸ {s.upper()} (pt) · screen {scr[0].upper()}", f"Side{NB}: {a} {s}",
                     f"Lat.{NB}= {s} (patient frame)"],
            "casual": [f"it’s on the patient’s {s} side {a}", f"patient’s {s} {a} — shows up on the {scr} of the screen tho",
                       f"{s}-sided 👌"],
        }
    elif v == "midline":
        forms = {
            "emoji": ["**Side:** midline ↕️ — straddles L and R", "centred on the midline (no side) ↕️",
                      "midline 🎯, neither L nor R"],
            "arrows": ["side → midline ⇒ neither L nor R", "lat. → midline (≈ symmetric)", "midline ↕ (no side)"],
            "card": ["Side ▸ MIDLINE", f"Lat.{NB}= midline", "Side: ↕ midline (L≈R)"],
            "casual": ["it sits right on the midline, not off to either side", "smack on the midline 🎯",
                       "it’s midline, kinda splits the difference L/R"],
        }
    elif v == "bilateral":
        forms = {
            "emoji": ["**Side:** both ↔️ (patient’s L + R)", "✅ bilateral — present on both sides",
                      "both sides ↔️"],
            "arrows": ["side → bilateral (L ⇄ R)", "lat. ⇒ both sides", "L + R → bilateral"],
            "card": ["Side ▸ BILAT (L+R)", f"Lat.{NB}= bilateral ⇄", "Side: L ✓ R ✓"],
            "casual": ["it’s on both sides 👐", "bilateral, both sides 🙌", "shows up left AND right"],
        }
    elif v.startswith("not:"):
        n = v[4:]
        if n == "onesided":
            forms = {"emoji": ["❌ not confined to one side"], "arrows": ["≠ one-sided"],
                     "card": ["one-sided? ✗"], "casual": ["not a one-side thing"]}
        else:
            forms = {"emoji": [f"❌ not on the patient’s {n}"], "arrows": [f"side ≠ {n[0].upper()} (pt)"],
                     "card": [f"Side ≠ {n.upper()}"], "casual": [f"def not the patient’s {n} side"]}
    else:  # one false side for a two-sided or midline target: "only on the left"
        s = v[5:]
        forms = {"emoji": [f"only on the patient’s {s} {ARW[s]}"], "arrows": [f"side → {s} only ({s[0].upper()})"],
                 "card": [f"Side ▸ {s.upper()} only"], "casual": [f"only on the patient’s {s} side {ARW[s]}"]}
    return rng.choice(forms[style])


def _vert_word(p, v, style):
    coronal = p["orient"][1] in "SI"
    if v == "central":
        if coronal:
            return {"emoji": "halfway up/down ↕️ — neither superior nor inferior",
                    "arrows": "cranio-caudal → mid-level (neither ↑ nor ↓)",
                    "card": "Level ▸ mid (≈ centre, S/I)", "casual": "about halfway up and down"}[style]
        return {"emoji": "mid-depth ↕️ — neither anterior nor posterior",
                "arrows": "AP → mid-depth (neither ant. nor post.)",
                "card": "Depth ▸ mid (A/P ≈ centre)", "casual": "about mid-depth front-to-back"}[style]
    t = {"anterior": ("anterior ⬆️ (toward the front)", "AP → anterior ↑", "Depth ▸ ANT ↑", "toward the front 👆"),
         "posterior": ("posterior ⬇️ (toward the back)", "AP → posterior ↓", "Depth ▸ POST ↓", "toward the back"),
         "superior": ("superior ⬆️ (toward the head)", "cranio-caudal → superior ↑", "Level ▸ SUP ↑",
                      "up toward the head 🙆"),
         "inferior": ("inferior ⬇️ (toward the feet)", "cranio-caudal → inferior ↓", "Level ▸ INF ↓",
                      "down toward the feet 👇")}[v]
    return t[STYLES.index(style)]


def _rel_word(rel, other, style):
    t = {"left_of": [f"to the patient’s left of the {other}", f"pt-left of the {other} ⬅️"],
         "right_of": [f"to the patient’s right of the {other}", f"pt-right of the {other} ➡️"],
         "anterior_to": [f"in front of the {other} ⬆️", f"anterior to the {other}"],
         "posterior_to": [f"behind the {other} ⬇️", f"posterior to the {other}"],
         "superior_to": [f"above the {other} ↑", f"superior to the {other}"],
         "inferior_to": [f"below the {other} ↓", f"inferior to the {other}"]}[rel]
    return t


def pos_text(p, v, style, rng):
    if v.startswith("vert:"):
        w = _vert_word(p, v[5:], style)
        if style == "emoji":
            return rng.choice([f"**Position:** {w}", f"lies {w}"])
        if style == "card":
            return w
        return w
    _, rel, other = v.split(":", 2)
    w = rng.choice(_rel_word(rel, other, style))
    return {"emoji": f"**Neighbours:** {w}", "arrows": f"rel. → {w}", "card": f"Rel ▸ {w}",
            "casual": f"it’s {w}"}[style]


CLASS_WORD = {"small": ("small 🔹", "small ⇒ careful with Dice", "Size ▸ S (small)", "pretty small tbh"),
              "medium": ("medium-sized 🔸", "medium (mid-size)", "Size ▸ M (medium)", "medium-ish, not huge not tiny"),
              "large": ("large 🟥", "large ⇒ big target", "Size ▸ L (large)", "a big one 🐘")}


def size_text(p, v, style, rng):
    if v.startswith("class:"):
        w = CLASS_WORD[v[6:]][STYLES.index(style)]
        return {"emoji": f"**Size:** {w}", "arrows": f"size → {w}", "card": w, "casual": f"it’s {w}"}[style]
    num = v[4:]
    sp = rng.choice([" ", NNB, THIN, ""])
    forms = {"emoji": [f"**Size:** ≈{sp}{num}{sp}% of the slice 📏", f"covers ~{num}{sp}% of the image"],
             "arrows": [f"area ≈ {num}{sp}% of the image", f"size → ~{num}{sp}% of the slice"],
             "card": [f"Area ▸ ≈{sp}{num}{sp}%", f"Area{NB}≈{NB}{num}{sp}% of FOV"],
             "casual": [f"takes up like ~{num}{sp}% of the slice", f"roughly {num}{sp}% of the image 📏"]}
    return rng.choice(forms[style])


def count_text(p, v, style, rng):
    n = int(v[2:])
    unit = p["unit"]
    one = unit[:-1] if unit.endswith("s") else unit
    if n == 1:
        forms = {"emoji": ["**Pieces:** 1 — single connected region ✅", "one connected piece, no satellites"],
                 "arrows": ["components → 1 (single)", "n = 1 → one connected region"],
                 "card": [f"Pieces ▸ ×{NB}1", "n = １ (single)"],
                 "casual": ["just one piece 👍", "a single blob, nothing else"]}
    else:
        w = WORDS.get(n, str(n))
        forms = {"emoji": [f"**Count:** × {n} {unit}", f"{n} separate {unit} 🔢"],
                 "arrows": [f"n = {n} {unit} → separate", f"count → {n} ({unit}, not connected)"],
                 "card": [f"Count ▸ ×{NB}{n}", f"n{NB}={NB}{str(n).translate(FW)} {unit}"],
                 "casual": [f"{w} separate {unit}", f"there are {w} of them ({unit}) 👀"]}
        _ = one
    return rng.choice(forms[style])


RENDER = {"laterality": lat_text, "position": pos_text, "size": size_text, "count": count_text}


# -- values ------------------------------------------------------------------------------------------------

def true_value(kind, f, rng, allow_neg=True):
    if kind == "laterality":
        lat = f["laterality"]
        if allow_neg and rng.random() < 0.2:
            if lat in ("left", "right"):
                return "not:" + OPP[lat]
            return "not:onesided"
        return lat
    if kind == "position":
        if f["relations"] and rng.random() < 0.45:
            r = f["relations"][rng.randrange(len(f["relations"]))]
            return f"rel:{r['relation']}:{r['other']}"
        return "vert:" + f["vertical"]
    if kind == "size":
        if rng.random() < 0.5:
            return "pct:" + _pct(f["area_fraction"] * 100)
        return "class:" + f["size_class"]
    return f"n:{f['components']}"


def false_value(kind, f, rng, p=None):
    if kind == "laterality":
        lat = f["laterality"]
        if lat in ("left", "right"):
            return OPP[lat] if rng.random() < 0.8 else "bilateral"
        if lat == "bilateral":
            return "only:" + rng.choice(["left", "right"])
        return rng.choice(["left", "right"])
    if kind == "position":
        vert = f["vertical"]
        if f["relations"] and (vert == "central" or rng.random() < 0.4):
            r = f["relations"][rng.randrange(len(f["relations"]))]
            return f"rel:{REL_OPP[r['relation']]}:{r['other']}"
        if vert == "central":
            return "vert:" + rng.choice(["superior", "inferior"] if p["orient"][1] in "SI" else ["anterior", "posterior"])
        return "vert:" + OPP[vert]
    if kind == "size":
        a = f["area_fraction"] * 100
        if rng.random() < 0.5:
            fac = rng.uniform(4, 6)
            v = a * fac if (a * fac <= 70 and (a < 6 or rng.random() < 0.3)) else a / fac
            return "pct:" + _pct(v)
        c = f["size_class"]
        if c == "medium":
            return "class:" + ("large" if a < 2.5 else "small")
        return "class:" + ("large" if c == "small" else "small")
    n = f["components"]
    return f"n:{n + 1 if n == 1 or rng.random() < 0.5 else n - 1}"


# -- conversation pieces ------------------------------------------------------------------------------------

def _scan(p):
    o = p["orient"]
    plane = "coronal" if o[1] in "SI" else "axial"
    return f"{plane} {p['mod']}"


def first_question(p, style, rng, names):
    scan = _scan(p)
    if names:
        t = p["target"]
        forms = {"emoji": [f"🙏 Can you segment the {t} on this {scan}?", f"🧐 Please outline the {t} here ({scan}) and tell me about it."],
                 "arrows": [f"Task → segment the {t} on this {scan} ⇒ mask + short notes", f"{scan} → find the {t} → mask it, pls"],
                 "card": [f"⚡ Quick card: {t} on this {scan} — segment + key facts?", f"Need a ref card: where’s the {t} on this {scan}? Mask it."],
                 "casual": [f"hey 👋 can u find the {t} on this {scan}?", f"ok quick one 😅 where’s the {t} here? ({scan})"]}
        return rng.choice(forms[style])
    clue = rng.choice(p["clues"])
    art = "an" if scan.startswith("axial") else "a"
    forms = {"emoji": [f"🤔 {clue} ({scan}) Please segment it.", f"{clue} 🙏 It’s a single {scan} slice."],
             "arrows": [f"Q → {clue} ⇒ segment it on this {scan}", f"{scan} → {clue} → mask?"],
             "card": [f"⚡ {clue} — segment it ({scan}), card format please.", f"Ref-card request: {clue} Mask it on this {scan}."],
             "casual": [f"hey so 😅 {clue} can u segment it? it’s {art} {scan} slice", f"quick q 🙃 {clue} (this is {art} {scan} slice) — mask pls"]}
    return rng.choice(forms[style])


def header(p, style, rng):
    t = p["target"]
    forms = {"emoji": [f"🧠 **Answer:** the **{t}** [SEG]", f"✅ That’s the **{t}** — mask below 👇 [SEG]", f"🎯 **{t.capitalize()}** [SEG]"],
             "arrows": [f"A ⇒ **{t}** [SEG]", f"→ target = {t} [SEG]", f"answer → {t} → mask: [SEG]"],
             "card": [f"**{t.upper()}** [SEG]\n━━━━━━━━━━━━", f"### 🗂️ {t} [SEG]", f"┌ {t} ┐ [SEG]"],
             "casual": [f"ooh nice one 😄 that’s the {t} [SEG]", f"lol ok — it’s the {t}! [SEG]", f"omg classic 🙌 the {t} [SEG]"]}
    return rng.choice(forms[style])


def line(style, text, rng):
    if style == "emoji":
        return rng.choice(["✅", "📍", "👉", "🔎", "•"]) + " " + text
    if style == "arrows":
        return rng.choice(["→", "•", "⇒", "↳"]) + " " + text
    if style == "card":
        return rng.choice(["▸", "•", "│"]) + " " + text
    return text + rng.choice([" 👍", "", " 🙂", " ✌️"])


def join(style, head, lines, rng):
    if style == "casual":
        return head + " " + ". ".join(l.rstrip(".!") for l in lines) + rng.choice([" 😊", ".", " 🙌"])
    return head + "\n" + "\n".join(lines)


def role_line(p, style, rng):
    r = p["role"]
    return {"emoji": f"**Why:** {r}", "arrows": f"function → {r}", "card": f"Role ▸ {r}",
            "casual": rng.choice([f"basically: {r}", f"(job: {r})", f"it’s the one that does this → {r}"])}[style]


GENERIC = {
    "CT": ["slice ≈ 1.25 mm, portal-venous ≈ 70 s after contrast ⏱️", "window W 400 / L 40 for soft tissue",
           "contrast ≈ 1.5 mL/kg, eGFR ≥ 30 preferred", "≈ 10 mSv for a routine abdo-pelvis CT ☢️"],
    "MR": ["T2 + DWI (b = 800–1000 s/mm²)", "1.5 T or 3 T both fine", "gadolinium 0.1 mmol/kg if needed 💉",
           "voxel ≈ 1 × 1 × 3 mm³"],
}


def trap_lines(p, style, rng, f, avoid_kind):
    """Lines about other things: knowledge with numbers, other structures' sides, conventions, hypotheticals."""
    pool = [rng.choice(p["kb"]), rng.choice(GENERIC[p["mod"]])]
    sided = [(o, xo) for o, (xo, yo) in sorted(p["others"].items()) if abs(xo) >= 30]
    if sided:
        o, xo = sided[rng.randrange(len(sided))]
        s = "left" if xo > 0 else "right"
        pool.append(f"for orientation: the {o} is on the patient’s {s} {ARW[s]}")
    if p["orient"][0] == "L":
        pool.append("reminder ⚠️ radiological convention: patient’s left = screen right ➡️")
    else:
        pool.append("note ⚠️ this one is displayed neurologically: patient’s left = screen left ⬅️")
    if f["laterality"] in ("left", "right"):
        pool.append("if it looked like it sat on the opposite side I’d check the orientation header first ⇄")
    else:
        pool.append("a flipped header would swap every screen side ⇄, so I checked the L/R marker first")
    rng.shuffle(pool)
    k = rng.randint(1, 3)
    pre = {"emoji": ["💡", "⚠️", "ℹ️"], "arrows": ["NB →", "⚠ →", "tip ⇒"], "card": ["※", "⚠︎", "ℹ︎"],
           "casual": ["btw", "fun fact:", "oh and"]}[style]
    return [f"{rng.choice(pre)} {t}" for t in pool[:k]]


def ask(kind, p, style, rng):
    coronal = p["orient"][1] in "SI"
    q = {"laterality": {"emoji": "👍 Thanks! Which side is it on, in the patient’s frame?",
                        "arrows": "side? → patient’s L or R (or both / midline)?",
                        "card": "Side check ⇄ — which side in patient terms?",
                        "casual": "wait which side is it on lol 🤔 patient side I mean"},
         "position": {"emoji": "↕️ Where does it sit " + ("up/down" if coronal else "front-to-back") + " and next to what?",
                      "arrows": "position → " + ("S/I" if coronal else "A/P") + "? relations to neighbours?",
                      "card": "Position line for the card? (" + ("S/I" if coronal else "A/P") + " + neighbours)",
                      "casual": "and where is it like " + ("up/down" if coronal else "front/back") + "? 🧭"},
         "size": {"emoji": "📏 How big is it on this slice, roughly?", "arrows": "size → how much of the slice?",
                  "card": "Size row for the card — % of the image?", "casual": "is it big or small on here? 📏"},
         "count": {"emoji": "🔢 Is it one piece or several?", "arrows": "count → one region or several?",
                   "card": "How many components (n = ?)", "casual": "is that one blob or a few? 👀"}}
    return q[kind][style]


def answer_lead(style, rng):
    return rng.choice({"emoji": ["Sure 👍 ", "Good q! ", "✅ "], "arrows": ["→ ", "⇒ ", "A → "],
                       "card": ["▸ ", "• ", ""], "casual": ["yep 😄 ", "ok so ", "sure! "]}[style])


PREMISE = {
    "laterality": lambda p, v: {"left": "it’s on the patient’s left ⬅️", "right": "it’s on the patient’s right ➡️",
                                "midline": "it sits on the midline", "bilateral": "it’s on both sides",
                                "only:left": "it’s only on the patient’s left", "only:right": "it’s only on the patient’s right"}[v],
    "position": lambda p, v: ("it sits " + {"anterior": "toward the front ⬆️", "posterior": "toward the back ⬇️",
                                             "superior": "up toward the head ⬆️", "inferior": "down toward the feet ⬇️",
                                             "central": "at mid-depth"}[v[5:]]) if v.startswith("vert:")
    else "it’s " + _rel_word(v.split(":")[1], v.split(":", 2)[2], "emoji")[0],
    "size": lambda p, v: ("it covers ≈ " + v[4:] + " % of the slice") if v.startswith("pct:")
    else "it’s " + {"small": "small", "medium": "medium-sized", "large": "large"}[v[6:]],
    "count": lambda p, v: ("it’s a single piece" if v == "n:1" else f"there are {v[2:]} separate {p['unit']}"),
}


def premise_question(p, style, rng, text):
    topics = ["does that change how I’d report it?", "is that typical?", "does that matter for planning?",
              "would that change the follow-up?"]
    t = rng.choice(topics)
    forms = {"emoji": [f"🤓 Got it — so {text}; {t}", f"👌 Since {text}, {t}"],
             "arrows": [f"so → {text} ⇒ {t}", f"given {text} → {t}"],
             "card": [f"Note: {text}. Q ▸ {t}", f"{text} — {t}"],
             "casual": [f"ahh ok so {text} 😮 {t}", f"cool cool, {text}… {t}"]}
    return rng.choice(forms[style])


def topic_answer(p, style, rng):
    kb = rng.choice(p["kb"])
    g = rng.choice(GENERIC[p["mod"]])
    forms = {"emoji": [f"📝 For the report: describe it, compare with priors, mention {kb}. ⚙️ Protocol: {g}.",
                       f"📌 Mostly context matters: {kb}; and technically {g}."],
             "arrows": [f"report → describe + compare w/ priors ⇒ context: {kb} → protocol: {g}",
                        f"planning → depends on the clinical Q ⇒ {kb}; {g}"],
             "card": [f"▸ Report: describe + priors\n▸ Ref: {kb}\n▸ Protocol: {g}", f"• {kb}\n• {g}"],
             "casual": [f"honestly depends on the clinical q 🤷 but fwiw {kb}, and {g}",
                        f"mostly it’s about context — {kb} 🙂 (also {g})"]}
    return rng.choice(forms[style])


def general_round(p, style, rng):
    qs = {"emoji": ["⏱️ Which phase or sequence shows it best?", "🤖 How confident is the mask?",
                    "🔁 What if the image had been flipped L↔R by mistake?"],
          "arrows": ["best phase/sequence → ?", "mask confidence → ?", "what if → image flipped L↔R?"],
          "card": ["Protocol row for the card, please?", "Confidence row for the card, please?", "Pitfall row: what about a flipped image (L↔R)?"],
          "casual": ["what scan setting shows it best? 🤔", "how sure are u about the mask tho 😬",
                     "what if someone flipped the image by accident lol"]}
    i = rng.randrange(3)
    q = qs[style][i]
    if i == 0:
        a = {"emoji": f"⚙️ {rng.choice(GENERIC[p['mod']])} — that usually does it.",
             "arrows": f"→ {rng.choice(GENERIC[p['mod']])}", "card": f"Protocol ▸ {rng.choice(GENERIC[p['mod']])}",
             "casual": f"usually {rng.choice(GENERIC[p['mod']])} 👍"}[style]
    elif i == 1:
        d = rng.choice(["0.85–0.92", "0.9 ± 0.04", "0.80–0.88"])
        a = {"emoji": f"🤖 On similar cases Dice is around {d} — good, not perfect; a human check is still wise 🙏",
             "arrows": f"Dice on similar cases → {d} ⇒ review edges", "card": f"Confidence ▸ Dice {d} (similar cases)",
             "casual": f"pretty decent, Dice like {d} on similar scans, but eyeball the edges 👀"}[style]
    else:
        a = {"emoji": "🔁 Then the screen sides would swap ⇄ but the anatomy wouldn’t — that’s why the orientation label (L/R marker) must be checked before trusting any side.",
             "arrows": "flip → screen sides swap ⇄ ⇒ anatomy unchanged → always check the L/R marker + header",
             "card": "Pitfall ▸ flipped image ⇒ screen sides swap ⇄; check the L/R marker",
             "casual": "then everything’d look mirrored on screen 🙃 anatomy doesn’t change tho, so always check the L/R marker"}[style]
    return q, a


def slip(style, wrong, right):
    return {"emoji": f"{wrong} ✏️ *edit:* no — {right}, my slip",
            "arrows": f"{wrong} ✗ → fix: {right}",
            "card": f"~~{wrong}~~ → {right}",
            "casual": f"{wrong}… wait no 🙈 {right}, sorry"}[style]


def correction(style, text):
    return {"emoji": f"❌ Small correction first: {text}.", "arrows": f"✗ premise → actually {text}.",
            "card": f"⚠︎ Correction ▸ {text}.", "casual": f"hmm not quite 😅 {text}."}[style]


def confirm(style, rng):
    return rng.choice({"emoji": ["✅ Yep, that’s correct.", "Right — that matches the mask ✅."],
                       "arrows": ["✓ correct →", "yes ✓ ⇒"], "card": ["✓ Confirmed.", "Correct ✓."],
                       "casual": ["yup 👍", "right, exactly 🙂"]}[style])


# -- build ----------------------------------------------------------------------------------------------------

CLAIM_KINDS = ["laterality", "position", "size", "count"]


def build(p, f, style, rng, defect):
    claims = []
    turns = []

    def add(kind, value, role, truth, corrected=False, text=""):
        claims.append({"kind": kind, "value": value, "turn": len(turns), "role": role, "truth": truth,
                       "corrected": corrected, "text": text})

    dk = defect if defect in CLAIM_KINDS else None
    loc = rng.choice(["a1", "a1", "fu", "premise"]) if dk else None
    clean_extra = defect is None or defect == "names_target"

    # first turn
    turns.append({"role": "user", "content": first_question(p, style, rng, defect == "names_target")})

    # first answer
    kinds = [k for k in CLAIM_KINDS if k != dk]
    rng.shuffle(kinds)
    kinds = kinds[:rng.randint(1, 3)]
    if loc == "a1":
        kinds.insert(rng.randrange(len(kinds) + 1), dk)
    slip_kind = rng.choice(kinds) if clean_extra and rng.random() < 0.3 else None
    lines = []
    pending = []
    for k in kinds:
        if k == dk and loc == "a1":
            v = false_value(k, f, rng, p)
            t = RENDER[k](p, v, style, rng)
            pending.append((k, v, False, False, t))
            lines.append(line(style, t, rng))
        elif k == slip_kind:
            fv = false_value(k, f, rng, p)
            tv = true_value(k, f, rng, allow_neg=False)
            ft, tt = RENDER[k](p, fv, style, rng), RENDER[k](p, tv, style, rng)
            pending.append((k, fv, False, True, ft))
            pending.append((k, tv, True, False, tt))
            lines.append(line(style, slip(style, ft, tt), rng))
        else:
            v = true_value(k, f, rng)
            t = RENDER[k](p, v, style, rng)
            pending.append((k, v, True, False, t))
            lines.append(line(style, t, rng))
    lines.insert(rng.randrange(len(lines) + 1), line(style, role_line(p, style, rng), rng))
    traps = trap_lines(p, style, rng, f, dk)
    for t in traps:
        lines.insert(rng.randrange(len(lines) + 1), t if style != "casual" else t)
    for k, v, tr, cor, t in pending:
        add(k, v, "assistant", tr, cor, t)
    turns.append({"role": "assistant", "content": join(style, header(p, style, rng), lines, rng)})

    # follow-up rounds
    n_rounds = rng.randint(1, 3)
    plan = []
    if loc in ("fu", "premise"):
        plan.append(loc)
    while len(plan) < n_rounds:
        plan.append(rng.choice(["ask", "ask", "general", "tpremise"] + (["cpremise"] if clean_extra else [])))
    if loc in ("fu", "premise") and len(plan) > 1:
        rng.shuffle(plan)
    asked = set(kinds)
    for r in plan:
        free = [k for k in CLAIM_KINDS if k != dk]
        if r == "fu":
            q = ask(dk, p, style, rng)
            v = false_value(dk, f, rng, p)
            t = RENDER[dk](p, v, style, rng)
            turns.append({"role": "user", "content": q})
            add(dk, v, "assistant", False, False, t)
            turns.append({"role": "assistant", "content": answer_lead(style, rng) + t + rng.choice(["", " 🙂", "."])})
        elif r == "premise":
            v = false_value(dk, f, rng, p)
            t = PREMISE[dk](p, v)
            add(dk, v, "user", False, False, t)
            turns.append({"role": "user", "content": premise_question(p, style, rng, t)})
            turns.append({"role": "assistant", "content": topic_answer(p, style, rng)})
        elif r == "ask" and not [k for k in free if k not in asked]:
            q, a = general_round(p, style, rng)
            turns.append({"role": "user", "content": q})
            turns.append({"role": "assistant", "content": a})
        elif r == "ask":
            k = rng.choice([k for k in free if k not in asked])
            asked.add(k)
            v = true_value(k, f, rng, allow_neg=False)
            t = RENDER[k](p, v, style, rng)
            turns.append({"role": "user", "content": ask(k, p, style, rng)})
            add(k, v, "assistant", True, False, t)
            if rng.random() < 0.5:
                extra = " " + rng.choice(trap_lines(p, style, rng, f, dk))
            else:
                extra = " " + rng.choice({"emoji": ["(measured on this slice 📐)", "— straight from the mask ✅"],
                                          "arrows": ["(this slice only)", "⇐ read off the mask"],
                                          "card": ["· per mask, this slice", "· measured, not guessed"],
                                          "casual": ["on this slice anyway 🙂", "going by the mask 👀"]}[style])
            turns.append({"role": "assistant", "content": answer_lead(style, rng) + t + "." + extra})
        elif r == "general":
            q, a = general_round(p, style, rng)
            turns.append({"role": "user", "content": q})
            turns.append({"role": "assistant", "content": a})
        elif r in ("tpremise", "cpremise"):
            k = rng.choice(free)
            if r == "tpremise":
                v = true_value(k, f, rng, allow_neg=False)
                t = PREMISE[k](p, v)
                add(k, v, "user", True, False, t)
                turns.append({"role": "user", "content": premise_question(p, style, rng, t)})
                turns.append({"role": "assistant", "content": confirm(style, rng) + " " + topic_answer(p, style, rng)})
            else:
                fv = false_value(k, f, rng, p)
                ft = PREMISE[k](p, fv)
                add(k, fv, "user", False, True, ft)
                turns.append({"role": "user", "content": premise_question(p, style, rng, ft)})
                tv = true_value(k, f, rng, allow_neg=False)
                tt = RENDER[k](p, tv, style, rng)
                add(k, tv, "assistant", True, False, tt)
                turns.append({"role": "assistant", "content": correction(style, tt) + " " + topic_answer(p, style, rng)})
    LEDGER.append(claims)
    return turns, ([] if defect is None else [defect])
