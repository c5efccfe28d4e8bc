"""Bank GR: renal, adrenal and urinary-tract imaging in a urology service.

Written blind (helper `qcgr`, seed 20261327) without opening the QC rules, their tests or other banks.
Targets: kidney and ureteric stones, hydronephrosis, Bosniak cysts, adrenal nodules, bladder tumours,
the bladder, ureteric stents, a renal mass, a horseshoe kidney, angiomyolipomas, the prostate and a
perinephric collection, on synthetic CT/MR masks in axial (LP, RP) and coronal (LI) orientation, with
facts measured by `medseg_qa.facts.compute_facts`. Registers: a consultant urologist's brisk clinic chat,
a stone-clinic nurse talking to a patient, a markdown LLM assistant, and a radiology registrar thinking
aloud over a CT KUB with a supervisor (small slips, corrected). Clean rows carry the numbers a urology
conversation is full of (stone mm and HU, eGFR, creatinine, MAG3 split function, adrenal washout, Bosniak
classes, stent sizes), general knowledge with sides, true negations, user premises the assistant corrects
and the registrar's corrected slips.

Own check (/work/notes/qcgr_scripts/check_gr.py, every claim recorded in a ledger and judged against
facts recomputed from the mask):
rows 420, targets 24, clean 210, defects laterality 42, position 42, size 42, count 42, names_target 42; planted false claims sit in first answer 56, follow-up answer 55, user premise 57; problems: 0
"""

from __future__ import annotations

import re

import numpy as np

from medseg_qa.facts import compute_facts

LEDGER: list = []   # one entry per build(): the claims the row makes about its target (read by the own check)
MASKS: list = []    # one entry per facts_for(): (mask, orientation, others) so the check can recompute facts

# ------------------------------------------------------------------ geometry
# positions in patient terms around the slice centre, in pixels of a 256 x 256 slice:
# u > 0 towards the patient's left; v > 0 posterior (axial) or inferior (coronal)
AX_KIDNEY_OTHERS = {"aorta": (8, 18), "inferior vena cava": (-20, 16), "L2 vertebral body": (0, 45),
                    "liver": (-58, -22), "bowel loops": (0, -50)}
AX_PELVIS_OTHERS = {"rectum": (0, 55), "pubic symphysis": (0, -60), "sacrum": (0, 85)}
AX_LOW_OTHERS = {"aorta bifurcation": (0, 12), "L4 vertebral body": (0, 45), "bowel loops": (0, -45)}
COR_OTHERS = {"liver": (-60, -55), "spleen": (65, -50), "urinary bladder": (0, 85), "L3 vertebral body": (0, 10)}
COR_HIGH_OTHERS = {"liver": (-62, -20), "spleen": (66, -15), "L1 vertebral body": (0, 25)}


def _E(u, v, a, b, ang=0.0, ju=4, jv=4, js=0.12):
    return (u, v, a, b, ang, ju, jv, js)


FAMILIES = {
    "stone": dict(noun="stone", nouns="stones", formal="renal calculus", formals="renal calculi",
                  names=[r"calcul", r"\bstones?\b", r"nephrolith", r"urolith"]),
    "hydro": dict(noun="hydronephrotic kidney", nouns="dilated systems", formal="hydronephrosis",
                  formals="hydronephroses", names=[r"hydroneph", r"dilat", r"pelvicalyc"]),
    "cyst": dict(noun="cyst", nouns="cysts", formal="renal cyst", formals="renal cysts", names=[r"cyst"]),
    "adrenal": dict(noun="adrenal nodule", nouns="adrenal nodules", formal="adrenal lesion",
                    formals="adrenal lesions", names=[r"adrenal", r"nodul", r"adenoma", r"incidentaloma"]),
    "btum": dict(noun="bladder tumour", nouns="bladder tumours", formal="urothelial tumour",
                 formals="urothelial tumours", names=[r"tumou?r", r"carcinoma", r"cancer", r"bladder", r"papillary"]),
    "bladder": dict(noun="bladder", nouns="bladder", formal="urinary bladder", formals="urinary bladder",
                    names=[r"bladder", r"vesic"]),
    "stent": dict(noun="stent", nouns="stents", formal="JJ stent", formals="JJ stents",
                  names=[r"stent", r"\bjj\b", r"double[- ]?j"]),
    "mass": dict(noun="renal mass", nouns="renal masses", formal="solid renal lesion", formals="solid renal lesions",
                 names=[r"\bmass", r"tumou?r", r"carcinoma", r"\brcc\b", r"cancer"]),
    "horseshoe": dict(noun="horseshoe kidney", nouns="horseshoe kidney", formal="horseshoe kidney",
                      formals="horseshoe kidney", names=[r"horseshoe", r"\bfus(ed|ion)"]),
    "aml": dict(noun="angiomyolipoma", nouns="angiomyolipomas", formal="fat-containing lesion",
                formals="fat-containing lesions", names=[r"angiomyolipoma", r"\baml"]),
    "prostate": dict(noun="prostate", nouns="prostate", formal="prostate gland", formals="prostate gland",
                     names=[r"prostat"]),
    "collection": dict(noun="collection", nouns="collections", formal="perinephric collection",
                       formals="perinephric collections", names=[r"collection", r"abscess", r"urinoma", r"haematoma"]),
    "kidneys": dict(noun="kidneys", nouns="kidneys", formal="kidneys", formals="kidneys",
                    names=[r"kidney", r"renal parenchyma"]),
}


def _P(target, fam, orient, shapes, others, modality="CT", region="abdomen", extra=None, weight=1):
    d = dict(target=target, family=fam, orientation=orient, shapes=shapes, others=others, modality=modality,
             region=region, weight=weight)
    d.update(extra or {})
    return d


_LK, _RK = (55, 35), (-55, 38)     # axial kidney centres
PROFILES = [
    _P("left renal calculus", "stone", "LP", [[_E(58, 33, 4, 3, ju=8, jv=6)]], AX_KIDNEY_OTHERS),
    _P("left renal calculus", "stone", "LI", [[_E(56, -8, 3, 4, ju=6, jv=10)]], COR_OTHERS),
    _P("right renal calculus", "stone", "RP", [[_E(-56, 36, 4, 3, ju=8, jv=6)]], AX_KIDNEY_OTHERS),
    _P("right renal calculus", "stone", "LP", [[_E(-60, 38, 3, 3, ju=6, jv=6)]], AX_KIDNEY_OTHERS),
    _P("bilateral renal calculi", "stone", "LP",
       [[_E(56, 32, 4, 3), _E(-58, 38, 3, 3)], [_E(54, 28, 3, 3), _E(62, 42, 3, 2), _E(-56, 40, 4, 3)],
        [_E(52, 30, 3, 3), _E(-52, 34, 3, 3), _E(-62, 46, 2, 3)]], AX_KIDNEY_OTHERS, weight=2),
    _P("bilateral renal calculi", "stone", "LI",
       [[_E(56, -10, 3, 4), _E(-56, 0, 4, 3)], [_E(54, -20, 3, 3), _E(-58, -2, 3, 3), _E(-54, 14, 3, 3)]],
       COR_OTHERS),
    _P("left renal calculi", "stone", "LP",
       [[_E(52, 28, 3, 3, ju=2, jv=2), _E(64, 44, 3, 2, ju=2, jv=2)],
        [_E(50, 26, 3, 3, ju=2, jv=2), _E(60, 36, 2, 2, ju=2, jv=2), _E(66, 48, 3, 3, ju=2, jv=2)],
        [_E(48, 24, 2, 2, ju=1, jv=1), _E(58, 30, 2, 2, ju=1, jv=1), _E(62, 42, 3, 2, ju=1, jv=1),
         _E(54, 50, 2, 2, ju=1, jv=1)]], AX_KIDNEY_OTHERS),
    _P("right ureteric calculus", "stone", "LP", [[_E(-38, 22, 3, 3, ju=4, jv=4)]], AX_LOW_OTHERS),
    _P("left vesicoureteric junction calculus", "stone", "RP", [[_E(30, 26, 3, 2, ju=4, jv=4)]], AX_PELVIS_OTHERS,
       region="pelvis"),
    _P("right hydronephrotic kidney", "hydro", "LP", [[_E(-58, 30, 34, 44, 0.3, js=0.08)]], AX_KIDNEY_OTHERS),
    _P("right hydronephrotic kidney", "hydro", "LI", [[_E(-58, -4, 30, 56, 0.1, js=0.08)]], COR_OTHERS),
    _P("left hydronephrosis", "hydro", "LP", [[_E(52, 30, 16, 22, -0.3, js=0.12)]], AX_KIDNEY_OTHERS),
    _P("left renal cyst", "cyst", "LP", [[_E(66, 26, 10, 11, js=0.25)]], AX_KIDNEY_OTHERS),
    _P("left renal cyst", "cyst", "LI", [[_E(60, -30, 14, 13, js=0.2)]], COR_OTHERS),
    _P("right renal cysts", "cyst", "RP",
       [[_E(-66, 22, 8, 8), _E(-48, 52, 6, 7)], [_E(-70, 20, 7, 7), _E(-52, 36, 5, 5), _E(-60, 56, 6, 6)]],
       AX_KIDNEY_OTHERS),
    _P("right adrenal nodule", "adrenal", "LP", [[_E(-36, 4, 6, 5, js=0.2)]],
       {"inferior vena cava": (-20, 16), "aorta": (8, 18), "liver": (-62, -20), "crus of the diaphragm": (-14, 30)}),
    _P("left adrenal adenoma", "adrenal", "LI", [[_E(44, -58, 7, 6, js=0.2)]], COR_HIGH_OTHERS),
    _P("left adrenal adenoma", "adrenal", "RP", [[_E(34, 10, 7, 5, js=0.2)]],
       {"aorta": (8, 18), "spleen": (70, 0), "left renal vein": (30, 30)}, modality="MR"),
    _P("bilateral adrenal nodules", "adrenal", "LP", [[_E(36, 8, 6, 5), _E(-36, 4, 5, 5)]],
       {"aorta": (8, 18), "inferior vena cava": (-20, 16), "T12 vertebral body": (0, 46)}, weight=2),
    _P("bladder tumour", "btum", "LP", [[_E(30, 12, 8, 7, ju=3, jv=3)], [_E(-30, 10, 9, 6, ju=3, jv=3)],
                                        [_E(0, 26, 10, 6, ju=2, jv=2)]], AX_PELVIS_OTHERS, region="pelvis"),
    _P("bladder tumour", "btum", "LP", [[_E(26, 14, 9, 8, ju=3, jv=3)]], AX_PELVIS_OTHERS, modality="MR",
       region="pelvis"),
    _P("bladder tumours", "btum", "LP",
       [[_E(32, 10, 6, 5, ju=2, jv=2), _E(-30, 14, 5, 5, ju=2, jv=2)],
        [_E(34, 4, 6, 5, ju=2, jv=2), _E(24, 26, 5, 4, ju=2, jv=2)],
        [_E(-34, 8, 6, 6, ju=2, jv=2), _E(-10, 28, 5, 4, ju=2, jv=2), _E(30, 20, 4, 4, ju=2, jv=2)]],
       AX_PELVIS_OTHERS, region="pelvis", weight=2),
    _P("urinary bladder", "bladder", "LP", [[_E(0, -6, 50, 40, js=0.12, ju=3, jv=4)]], AX_PELVIS_OTHERS,
       region="pelvis"),
    _P("urinary bladder", "bladder", "LI", [[_E(0, 80, 44, 30, js=0.12, ju=3, jv=4)]],
       {"L3 vertebral body": (0, 10), "liver": (-60, -55), "spleen": (65, -50)}, region="abdomen and pelvis"),
    _P("right ureteric stent", "stent", "LP", [[_E(-40, 24, 2, 2, ju=4, jv=3, js=0.0)]], AX_LOW_OTHERS),
    _P("bilateral ureteric stents", "stent", "RP", [[_E(40, 24, 2, 2, js=0.0), _E(-38, 26, 2, 2, js=0.0)]],
       AX_LOW_OTHERS, weight=2),
    _P("left renal mass", "mass", "LP", [[_E(60, 22, 17, 15, js=0.15)]], AX_KIDNEY_OTHERS),
    _P("left renal mass", "mass", "LI", [[_E(58, -24, 18, 16, js=0.15)]], COR_OTHERS, modality="MR"),
    _P("horseshoe kidney", "horseshoe", "LP", [[_E(-38, 18, 13, 26, -0.4, js=0.05, ju=2, jv=2),
                                                 _E(38, 18, 13, 26, 0.4, js=0.05, ju=2, jv=2),
                                                 _E(0, 14, 42, 11, js=0.05, ju=2, jv=2)]], AX_LOW_OTHERS),
    _P("right renal angiomyolipomas", "aml", "LP",
       [[_E(-64, 24, 4, 4, ju=2, jv=2), _E(-48, 46, 3, 3, ju=2, jv=2), _E(-66, 52, 3, 4, ju=2, jv=2)],
        [_E(-62, 20, 4, 3, ju=2, jv=2), _E(-46, 40, 3, 3, ju=2, jv=2), _E(-68, 44, 3, 3, ju=2, jv=2),
         _E(-56, 60, 3, 3, ju=2, jv=2)],
        [_E(-66, 26, 5, 5, ju=2, jv=2), _E(-50, 50, 4, 4, ju=2, jv=2)]], AX_KIDNEY_OTHERS),
    _P("prostate", "prostate", "LP", [[_E(0, 6, 24, 18, js=0.15, ju=2, jv=4)]], AX_PELVIS_OTHERS, modality="MR",
       region="pelvis"),
    _P("left perinephric collection", "collection", "LP", [[_E(72, 34, 12, 22, 0.4, js=0.15)]], AX_KIDNEY_OTHERS),
    _P("kidneys", "kidneys", "LP", [[_E(55, 34, 18, 26, 0.5, js=0.08), _E(-56, 38, 18, 26, -0.5, js=0.08)]],
       AX_KIDNEY_OTHERS),
    _P("kidneys", "kidneys", "LI", [[_E(58, -14, 20, 40, -0.2, js=0.08), _E(-58, -2, 20, 40, 0.2, js=0.08)]],
       COR_OTHERS),
]


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def _to_img(u, v, orient):
    sx = 1.0 if orient[0] == "L" else -1.0
    return 127.5 + sx * u, 127.5 + v


def facts_for(p, rng):
    h = w = 256
    yy, xx = np.mgrid[0:h, 0:w]
    orient = p["orientation"]
    layout = rng.choice(p["shapes"])
    mask = np.zeros((h, w), bool)
    for (u, v, a, b, ang, ju, jv, js) in layout:
        u2 = u + rng.uniform(-ju, ju)
        v2 = v + rng.uniform(-jv, jv)
        a2 = max(1.6, a * (1 + rng.uniform(-js, js)))
        b2 = max(1.6, b * (1 + rng.uniform(-js, js)))
        cx, cy = _to_img(u2, v2, orient)
        ca, sa = np.cos(ang), np.sin(ang)
        dx, dy = xx - cx, yy - cy
        r = ((dx * ca + dy * sa) / a2) ** 2 + ((-dx * sa + dy * ca) / b2) ** 2
        mask |= r <= 1.0
    others = {}
    for name in sorted(p["others"]):
        u, v = p["others"][name]
        x, y = _to_img(u, v, orient)
        others[name] = (round(x / 255.0, 4), round(y / 255.0, 4))
    MASKS.append((mask, orient, others))
    return compute_facts(mask, orient, others).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    pool = [p for p in profiles for _ in range(p["weight"])]
    return rng.choice(pool)


KINDS = ["laterality", "position", "size", "count", "names_target"]
STYLES = ["consultant", "nurse", "markdown", "registrar"]

# ------------------------------------------------------------------ clinical colour (numbers that are not the mask's)
def _nums(fam, rng):
    r = rng
    n = dict(age=r.randint(29, 84), egfr=r.randint(38, 96), creat=r.randint(64, 168), crp=r.randint(4, 140),
             split_a=r.randint(24, 46), mm=r.randint(3, 14), hu=r.randint(380, 1490), ssd=round(r.uniform(7.5, 13.5), 1),
             apd=r.randint(14, 38), sfu=r.randint(2, 4), t_half=r.randint(18, 45), bosniak=r.choice(["II", "IIF", "III"]),
             cyst_mm=r.randint(14, 62), cyst_hu=r.randint(2, 19), enh=r.randint(4, 9), nod_mm=r.randint(11, 34),
             unenh=r.randint(-6, 9), apw=r.randint(61, 82), rpw=r.randint(41, 58), dex=r.randint(22, 48),
             tum_mm=r.randint(9, 42), packs=r.randint(15, 55), vol=r.randint(320, 780), pvr=r.randint(60, 420),
             qmax=r.randint(6, 17), fr=r.choice([4.8, 6, 7]), cm=r.choice([22, 24, 26, 28]), weeks=r.randint(3, 16),
             mass_cm=round(r.uniform(2.4, 6.8), 1), mass_enh=r.randint(38, 120), renal=r.randint(5, 10),
             fat=r.randint(-95, -25), aml_mm=r.randint(8, 45), psa=round(r.uniform(2.1, 14.8), 1),
             pvol=r.randint(28, 110), pirads=r.randint(2, 5), coll_ml=r.randint(30, 240), drain=r.choice([8, 10, 12]))
    n["split_b"] = 100 - n["split_a"]
    n["psad"] = round(n["psa"] / n["pvol"], 2)
    return n


# per family: stories for the implicit question (professional, lay) and clinical rounds
# round = (q_pro, q_lay, a_pro, a_lay); fields filled from _nums
CLIN = {
    "stone": dict(
        pro=["colicky loin-to-groin pain since the weekend and non-visible haematuria on dip",
             "recurrent renal colic, known hypercalciuria, CT KUB this morning",
             "flank pain with a temp of 38.2 after an episode of colic, CRP {crp}"],
        lay=["pain that comes in waves from my back round to my groin, and blood on the dipstick",
             "this awful colicky pain that had me pacing the kitchen at 3 am"],
        rounds=[("Stone density?", "Does the number they measured on the scan matter?",
                 "Measures {mm} mm, about {hu} HU, skin-to-stone distance {ssd} cm.",
                 "It measures about {mm} mm across. The scan also gives it a density number, around {hu}, which tells us how hard it is."),
                ("Renal function OK for intervention?", "Are my kidney blood tests all right?",
                 "eGFR {egfr}, creatinine {creat}. Acceptable; repeat after the procedure.",
                 "Your kidney function number, the eGFR, is {egfr}, and your creatinine is {creat}. Those are fine for what we're planning."),
                ("Will it pass?", "Is there a chance it just comes out on its own?",
                 "At {mm} mm, spontaneous passage is unlikely above 6 or so; under 5 mm roughly 70-80% pass. Tamsulosin if we're waiting.",
                 "Stones under about 5 mm pass by themselves most of the time, roughly seven or eight out of ten. Yours is {mm} mm, so we'll talk about whether to wait or help it along.")]),
    "hydro": dict(
        pro=["intermittent loin ache, a MAG3 showing split function {split_a}/{split_b}",
             "rising creatinine ({creat}) and a palpable flank fullness"],
        lay=["an ache in my side that gets worse when I drink a lot, and a scan with a tracer",
             "a kidney blood test that went up, so the GP sent me for a scan"],
        rounds=[("MAG3?", "What did the tracer scan show?",
                 "MAG3: split {split_a}% affected versus {split_b}% other side, t\u00bd {t_half} min, obstructed pattern.",
                 "The tracer scan showed the affected kidney doing {split_a}% of the work and the other one {split_b}%. The drainage was slow, about {t_half} minutes to clear half."),
                ("How dilated?", "How swollen is it?",
                 "APD {apd} mm, SFU grade {sfu}.",
                 "The middle of the kidney measures {apd} mm across, which we'd call grade {sfu} swelling on the usual scale of one to four.")]),
    "cyst": dict(
        pro=["an incidental finding on a CT for back pain, GP asking whether it needs follow-up",
             "a lesion picked up on an ultrasound for deranged LFTs, now with a contrast CT"],
        lay=["a scan for my back where they found something by accident",
             "an ultrasound where they spotted something, then a CT to check it"],
        rounds=[("Bosniak?", "Is it something to worry about?",
                 "Bosniak {bosniak}: {cyst_mm} mm, {cyst_hu} HU unenhanced, {enh} HU enhancement, thin septum.",
                 "We grade these on the Bosniak scale; this one is {bosniak}. It's {cyst_mm} mm and mostly fluid, and it barely picks up the dye, only {enh} units."),
                ("Follow-up?", "Will I need more scans?",
                 "IIF gets imaging at 6 months, 12 months, then yearly to 5 years; I and II get discharged.",
                 "Simple ones need nothing more. If it's in the in-between group, we'd scan again in six months and then yearly for about five years.")]),
    "adrenal": dict(
        pro=["a work-up for an incidental finding, BP 148/92, potassium 3.3",
             "a lesion found on staging CT for a colonic primary, needs characterising"],
        lay=["a scan for tummy pain where they found something on a gland",
             "high blood pressure and a low potassium, and now this scan"],
        rounds=[("Washout?", "What does the special test on the scan say?",
                 "{nod_mm} mm, {unenh} HU unenhanced, absolute washout {apw}%, relative {rpw}%: adenoma criteria met (>60% / >40%).",
                 "On the delayed pictures the dye washed out {apw}% of the way, and above 60% usually means a harmless adenoma."),
                ("Biochem?", "What about the blood and urine tests?",
                 "Dex-suppressed cortisol {dex} nmol/L, plasma metanephrines normal, ARR pending.",
                 "Your overnight test gave a cortisol of {dex}, and the adrenaline-type hormones were normal. We're waiting on one more test for the salt hormone.")]),
    "btum": dict(
        pro=["painless visible haematuria, ex-smoker with {packs} pack-years",
             "a CT urogram for frank haematuria with clots"],
        lay=["blood in my wee with no pain at all, and I used to smoke for years",
             "clots when I pass water, and the camera test is booked"],
        rounds=[("Size and plan?", "What happens next?",
                 "Maximum diameter {tum_mm} mm. TURBT with a single post-op instillation of MMC; VI-RADS if MR.",
                 "At its widest the tumour tissue measures about {tum_mm} mm. The next step is an operation through the water pipe to scrape it away and send it to the lab."),
                ("Upper tracts clear?", "Is it anywhere else?",
                 "Upper tracts clear on urographic phase, no hydro.",
                 "The pipes from the kidneys looked clear on the scan, and the kidneys weren't swollen.")]),
    "bladder": dict(
        pro=["voiding LUTS with a post-void residual of {pvr} mL and Qmax {qmax} mL/s",
             "acute retention, {vol} mL drained on catheterisation"],
        lay=["trouble emptying properly and getting up four times a night",
             "a catheter put in at A&E because I couldn't pass water"],
        rounds=[("Volume?", "How much was in there?",
                 "Estimated volume {vol} mL, PVR {pvr} mL on bladder scan.",
                 "It held about {vol} mL, and after you'd been it still had around {pvr} mL left in it."),
                ("Flow?", "What about my flow test?",
                 "Qmax {qmax} mL/s, voided volume 210 mL.",
                 "Your best flow was {qmax} mL per second; we like to see it over 15.")]),
    "stent": dict(
        pro=["a patient post-ureteroscopy {weeks} weeks ago, now with frequency and loin discomfort when voiding",
             "an obstructed infected system decompressed last month, CT to check position"],
        lay=["an ache in my side when I go to the loo since my operation",
             "a laser operation on my kidney that left something inside me"],
        rounds=[("Size and dwell?", "How long does it stay?",
                 "{fr} Fr, {cm} cm, in {weeks} weeks. Needs out or changing by 3 months; no encrustation seen.",
                 "The tubing is {fr} Fr wide and {cm} cm long, and it's been in for {weeks} weeks so far. We don't leave them longer than about three months."),
                ("Renal function?", "Are my kidneys coping?",
                 "eGFR {egfr}, creatinine {creat}, stable.",
                 "Your kidney function number is {egfr} and creatinine {creat}, steady compared with last time.")]),
    "mass": dict(
        pro=["an incidental finding on a CT for gallstones, eGFR {egfr}",
             "microscopic haematuria and weight loss, triple-phase CT done"],
        lay=["a scan for my gallbladder that found something on my kidney",
             "a bit of blood in my urine and weight loss without trying"],
        rounds=[("Enhancement and score?", "How big is it?",
                 "{mass_cm} cm, enhances by {mass_enh} HU, RENAL score {renal}. Partial if feasible.",
                 "It's about {mass_cm} cm across. It lights up with the dye, which is why we take it seriously."),
                ("Function?", "Will I manage with one kidney if it comes to that?",
                 "eGFR {egfr}, creat {creat}; nephron-sparing preferred.",
                 "Your kidney function number is {egfr}. We try hard to save as much kidney as we can.")]),
    "horseshoe": dict(
        pro=["a pelviureteric junction obstruction history and an odd renal axis on KUB",
             "recurrent UTIs with stones and unusual renal position on ultrasound"],
        lay=["doctors telling me years ago my kidneys are an unusual shape",
             "repeated water infections, and they say my kidneys sit lower than normal"],
        rounds=[("How common?", "Is this common?",
                 "About 1 in 400-600. Isthmus usually held down under the IMA around L3-L4.",
                 "It happens in roughly one person in every 400 to 600, and most people never know."),
                ("Implications?", "Does it cause problems?",
                 "Higher rates of PUJO, stones and infection; plan surgery with the vascular anatomy in mind.",
                 "It can make stones and infections a bit more likely because the urine drains less freely.")]),
    "aml": dict(
        pro=["flank pain and a known diagnosis of tuberous sclerosis",
             "incidental fatty lesions on CT for diverticulitis"],
        lay=["a condition in my family that gives growths on the kidneys",
             "a bowel scan where they saw fatty lumps on my kidney"],
        rounds=[("Fat?", "How can you tell it's nothing nasty?",
                 "Macroscopic fat, {fat} HU. Max diameter {aml_mm} mm; bleeding risk rises above 40 mm.",
                 "The tell-tale sign is fat, which shows up as a negative number on the scan, about {fat}. That means a harmless growth."),
                ("Follow-up?", "Could it grow?",
                 "Annual imaging; everolimus or embolisation if growing past 4 cm.",
                 "We'll check once a year. If anything gets bigger than 4 cm we might treat it to stop it bleeding.")]),
    "prostate": dict(
        pro=["LUTS, PSA {psa} and a craggy feel on DRE",
             "rising PSA, {psa} ng/mL, for mpMRI review"],
        lay=["broken sleep from getting up at night to wee, and a PSA blood test that came back at {psa}",
             "a weak stream and a blood test the GP was worried about"],
        rounds=[("Volume and density?", "What did the MRI show?",
                 "Volume {pvol} mL, PSA density about {psad}, PI-RADS {pirads} lesion.",
                 "The gland is about {pvol} mL. There's an area they scored {pirads} out of 5, which helps us decide on a biopsy."),
                ("Biopsy route?", "How do they do the biopsy?",
                 "Transperineal under local; infection rate well under 1%.",
                 "We do it through the skin behind the scrotum, under local anaesthetic; the infection risk is well under 1 in 100.")]),
    "collection": dict(
        pro=["fever and loin pain a week after PCNL, CRP {crp}",
             "post-partial nephrectomy pain and a falling Hb"],
        lay=["a high temperature and pain after my keyhole kidney operation",
             "pain and feeling unwell since they took part of my kidney out"],
        rounds=[("Volume and drain?", "Do I need it drained?",
                 "Roughly {coll_ml} mL. {drain} Fr pigtail under CT if it doesn't settle with antibiotics.",
                 "It holds about {coll_ml} mL. If antibiotics don't settle it, we'd put a thin {drain} Fr drain in under the scanner."),
                ("Bloods?", "Are my blood tests improving?",
                 "CRP {crp}, eGFR {egfr}.",
                 "Your infection marker is {crp} and your kidney number is {egfr}.")]),
    "kidneys": dict(
        pro=["an eGFR of {egfr} and a request for renal size on CT",
             "pre-donation assessment, MAG3 split {split_a}/{split_b}"],
        lay=["my eGFR going down and the team wanting a proper look",
             "an assessment to donate an organ to my brother"],
        rounds=[("Split function?", "Do both do the same amount of work?",
                 "MAG3 split {split_a}% / {split_b}%; we'd take the lower-functioning one for donation.",
                 "The tracer scan says one does {split_a}% of the work and the other {split_b}%. Anything between 45 and 55 is considered balanced."),
                ("eGFR?", "What's my kidney number?",
                 "eGFR {egfr}, creatinine {creat}.",
                 "Your eGFR is {egfr} and creatinine {creat}.")]),
}

GENERIC_ROUNDS = [
    ("Contrast OK with that eGFR?", "Can I still have the dye for scans?",
     "eGFR {egfr}, so iodinated contrast is fine; just pre-hydrate.",
     "Your kidney function number is {egfr}, so the dye is fine. Just drink plenty beforehand."),
    ("Follow-up?", "When will I be seen again?",
     "Clinic in {weeks} weeks with repeat imaging beforehand.",
     "We'll see you again in about {weeks} weeks, with a scan just before."),
]
for _c in CLIN.values():
    _c["rounds"] = _c["rounds"] + GENERIC_ROUNDS

# general knowledge with sides and numbers about other structures or populations (true, not the target's)
GENERAL = [
    "the right kidney usually sits a centimetre or two lower than the left because the liver is above it",
    "the left renal vein crosses in front of the aorta, which is why donors usually give the left kidney",
    "about one in ten people will form a kidney stone at some point",
    "about half of people who form one stone form another within ten years",
    "the right adrenal hides behind the IVC, while the left one lies near the aorta",
    "roughly 90% of bladder cancers are urothelial",
    "the right ureter runs close to the IVC and the left one near the aorta",
    "an adrenal adenoma usually reads under 10 HU on the unenhanced scan",
    "uric acid stones are typically under 500 HU",
    "the left kidney is usually a touch longer than the right",
]

NOUN_OVERRIDE = {"left hydronephrosis": ("dilated collecting system", "dilated collecting systems",
                                         "hydronephrosis", "hydronephroses"),
                 "left adrenal adenoma": ("adrenal adenoma", "adrenal adenomas", "adrenal adenoma", "adrenal adenomas"),
                 "right ureteric calculus": ("ureteric stone", "ureteric stones", "ureteric calculus", "ureteric calculi"),
                 "left vesicoureteric junction calculus": ("VUJ stone", "VUJ stones", "VUJ calculus", "VUJ calculi")}
UNIT = {"stone": ("stone", "stones"), "hydro": ("dilated system", "dilated systems"), "cyst": ("cyst", "cysts"),
        "adrenal": ("nodule", "nodules"), "btum": ("tumour", "tumours"), "stent": ("stent", "stents"),
        "mass": ("mass", "masses"), "aml": ("lesion", "lesions"), "collection": ("collection", "collections"),
        "kidneys": ("kidney", "kidneys")}
SINGULAR_ONLY = ("bladder", "prostate", "horseshoe", "kidneys")
NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
        10: "ten", 11: "eleven", 12: "twelve"}
OPP = {"left": "right", "right": "left"}
REL_WORDS = {"anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
             "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"],
             "left_of": ["to the left of"], "right_of": ["to the right of"]}
REL_FLIP = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "superior_to": "inferior_to",
            "inferior_to": "superior_to", "left_of": "right_of", "right_of": "left_of"}


NURSE_GLOSS = {
    "stone": "It's a hard little lump of crystals that forms from your urine.",
    "hydro": "That means urine is backing up and stretching the kidney from the inside.",
    "cyst": "That's a little fluid-filled bubble, and most of these are harmless.",
    "adrenal": "The adrenal glands sit on top of the kidneys and make hormones like cortisol.",
    "btum": "It's a growth on the inside lining of the bladder.",
    "bladder": "That's the stretchy bag that stores your urine.",
    "stent": "It's a thin, soft tube that keeps urine draining from the kidney down to the bladder.",
    "mass": "It's a solid lump in the kidney that we need to look at carefully.",
    "horseshoe": "It means your two kidneys are joined at the bottom, a bit like a horseshoe.",
    "aml": "They're made of fat, muscle and blood vessels, and they're nearly always benign.",
    "prostate": "It's the gland under the bladder that the urine pipe runs through.",
    "collection": "That's a pocket of fluid that has gathered next to the kidney.",
    "kidneys": "They filter your blood and make your urine.",
}


def _a(word):
    return ("an " if word[0].lower() in "aeiou" else "a ") + word


def _cap(s):
    return s[:1].upper() + s[1:]


def _fmt_pct(x):
    if x < 0.1:
        return f"{x:.2f}"
    if x < 10:
        return f"{x:.1f}"
    return f"{x:.0f}"


class _Row:
    """One conversation under construction: its turns and the ledger of claims about the target."""

    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.fam = p["family"]
        nn = NOUN_OVERRIDE.get(p["target"]) or tuple(FAMILIES[self.fam][k] for k in ("noun", "nouns", "formal", "formals"))
        plural = facts["components"] > 1 and self.fam not in SINGULAR_ONLY
        self.noun = nn[1] if plural else nn[0]
        self.formal = nn[3] if plural else nn[2]
        self.unit, self.units = UNIT.get(self.fam, ("piece", "pieces"))
        self.plural = plural or self.fam == "kidneys"
        self.nums = _nums(self.fam, rng)
        self.axial = p["orientation"][1] == "P"
        self.claims = []
        self.turns = []

    # -- ledger
    def claim(self, kind, value, text, role, corrected=False, sub=None):
        self.claims.append(dict(kind=kind, sub=sub, value=value, text=text, turn=len(self.turns), role=role,
                                corrected=corrected))
        return text

    def fill(self, s):
        return s.format(**self.nums)

    # -- phrases of each claim kind, in the assistant's register
    def lat_text(self, v):
        st, r = self.style, self.rng
        if v in ("left", "right"):
            S = _cap(v)
            pool = {"consultant": [f"{S}-sided.", f"{S} side.", f"Sits on the {v}.", f"It's the {v}."],
                    "nurse": [f"It's on your {v} side.", f"This one is on your {v}.",
                              f"It's sitting on the {v} side of your body."],
                    "markdown": [f"- **Side:** {v} (the patient's {v})", f"- **Laterality:** {v}-sided"],
                    "registrar": [f"So that's on the patient's {v}.", f"It's {v}-sided.",
                                  f"We're on the {v} here, patient's {v}."]}[st]
        elif v == "bilateral":
            pool = {"consultant": ["Bilateral.", "Both sides.", "Disease on both sides."],
                    "nurse": ["There's something on both sides, your left and your right.",
                              "It's on both sides of your body, not just one."],
                    "markdown": ["- **Laterality:** bilateral", "- **Side:** both sides (bilateral)"],
                    "registrar": ["And it's bilateral, there's some on each side.", "So this is bilateral."]}[st]
        else:  # midline
            pool = {"consultant": ["Midline.", "Sits in the midline.", "Central, straddling the midline."],
                    "nurse": ["It sits right in the middle of your body rather than off to one side.",
                              "It's in the middle, not on one side or the other."],
                    "markdown": ["- **Laterality:** midline", "- **Side:** midline, not lateralised"],
                    "registrar": ["It's pretty much midline.", "Sitting in the midline, straddling it really."]}[st]
        return r.choice(pool)

    def lat_one_sided_false(self):
        """A false claim for a bilateral or midline target: one side only."""
        return self.rng.choice(["left", "right"])

    def vert_words(self, v):
        st = self.style
        if self.axial:
            table = {"posterior": {"consultant": ["Posterior.", "Posteriorly placed.", "Sits back, posterior on the slice."],
                                   "nurse": ["It's towards your back.", "It sits nearer your back than your front."],
                                   "markdown": ["- **Position:** posterior on this axial slice", "- **Depth:** posterior"],
                                   "registrar": ["it's posterior on this slice", "it sits posteriorly"]},
                     "anterior": {"consultant": ["Anterior.", "Anteriorly placed."],
                                  "nurse": ["It's towards the front of your tummy.", "It sits nearer your front than your back."],
                                  "markdown": ["- **Position:** anterior on this axial slice", "- **Depth:** anterior"],
                                  "registrar": ["it's anterior on this slice", "it sits anteriorly"]},
                     "central": {"consultant": ["Mid-depth, central AP.", "Central on the AP axis."],
                                 "nurse": ["It's about halfway between your front and your back."],
                                 "markdown": ["- **Position:** central (mid-way front to back)",
                                              "- **Depth:** central on the AP axis"],
                                 "registrar": ["it's central front to back", "it sits mid-way between front and back"]}}
        else:
            table = {"superior": {"consultant": ["Superior on the coronal.", "High, superior."],
                                  "nurse": ["It's high up, towards your head end of the picture."],
                                  "markdown": ["- **Position:** superior on this coronal image", "- **Height:** superior"],
                                  "registrar": ["it's superior on the coronal", "it sits high, superiorly"]},
                     "inferior": {"consultant": ["Inferior on the coronal.", "Low, inferior."],
                                  "nurse": ["It's low down, towards your feet in this picture."],
                                  "markdown": ["- **Position:** inferior on this coronal image", "- **Height:** inferior"],
                                  "registrar": ["it's inferior on the coronal", "it sits low, inferiorly"]},
                     "central": {"consultant": ["Mid-height on the coronal.", "Central, craniocaudally."],
                                 "nurse": ["It's about halfway up the picture, neither high nor low."],
                                 "markdown": ["- **Position:** central (mid-height on the coronal)"],
                                 "registrar": ["it's central craniocaudally", "it sits about mid-height"]}}
        return self.rng.choice(table[v][st])

    def rel_text(self, rel, other):
        st, w = self.style, self.rng.choice(REL_WORDS[rel][:1] if self.style == "nurse" else REL_WORDS[rel])
        pool = {"consultant": [f"{_cap(w)} the {other}.", f"Lies {w} the {other}."],
                "nurse": [f"It sits {w} the {other}.", f"It's just {w} the {other}."],
                "markdown": [f"- **Relation:** {w} the {other}", f"- **Neighbour:** lies {w} the {other}"],
                "registrar": [f"it's {w} the {other}", f"it lies {w} the {other}"]}[st]
        return self.rng.choice(pool)

    def size_class_text(self, c):
        st = self.style
        pool = {"small": {"consultant": ["Small on the slice.", "Small target on this image."],
                          "nurse": ["On the picture it looks small.", "It's only a small area on this picture."],
                          "markdown": ["- **Size on the image:** small", "- **Size class:** small"],
                          "registrar": ["it's small on this slice", "small on the image, obviously"]},
                "medium": {"consultant": ["Medium-sized on this image.", "Moderate size on the slice."],
                           "nurse": ["It's a medium-sized area on the picture.", "On the picture it's middling in size."],
                           "markdown": ["- **Size on the image:** medium", "- **Size class:** medium"],
                           "registrar": ["it's medium sized on the slice", "medium, I'd say, on this image"]},
                "large": {"consultant": ["Large on the slice.", "Large, takes up a good chunk of the image."],
                          "nurse": ["It's large on this picture.", "On the picture it's a big area."],
                          "markdown": ["- **Size on the image:** large", "- **Size class:** large"],
                          "registrar": ["it's large on this slice", "it's a large area on the image"]}}[c][st]
        return self.rng.choice(pool)

    def size_pct_text(self, pct):
        st, s = self.style, _fmt_pct(pct)
        pool = {"consultant": [f"About {s}% of the image.", f"Area roughly {s}% of the slice."],
                "nurse": [f"It takes up about {s}% of the picture.", f"On the picture it covers roughly {s}% of the area."],
                "markdown": [f"- **Area:** about {s}% of the image", f"- **Image share:** ~{s}% of the slice"],
                "registrar": [f"it's roughly {s}% of the image by area", f"about {s}% of the slice, area-wise"]}[st]
        return self.rng.choice(pool)

    def count_text(self, n):
        st, u, us = self.style, self.unit, self.units
        if self.fam in SINGULAR_ONLY and self.fam != "kidneys":
            if n == 1:
                pool = {"consultant": ["One continuous structure.", "Single piece, no separate fragment."],
                        "nurse": ["It's all one piece.", "It's one single, joined-up area."],
                        "markdown": ["- **Components:** 1 (one continuous region)", "- **Pieces:** a single one"],
                        "registrar": ["it's one continuous piece", "a single component"]}[st]
            else:
                pool = {"consultant": [f"{_cap(NUMW[n])} separate pieces on this slice."],
                        "nurse": [f"On this picture it shows up as {NUMW[n]} separate pieces."],
                        "markdown": [f"- **Components:** {n} separate pieces"],
                        "registrar": [f"it's in {NUMW[n]} separate pieces on this slice"]}[st]
            return self.rng.choice(pool)
        if n == 1:
            pool = {"consultant": [f"Solitary {u}.", f"Single {u}.", "Just the one."],
                    "nurse": ["There's just the one.", f"There's only one {u}."],
                    "markdown": ["- **Number:** 1 (solitary)", f"- **Count:** a single {u}"],
                    "registrar": [f"just the one {u}", f"a single {u}"]}[st]
        else:
            nw = NUMW.get(n, str(n))
            pool = {"consultant": [f"{_cap(nw)} {us}.", f"{n} separate {us}.", f"{_cap(nw)} of them."],
                    "nurse": [f"There are {nw} of them.", f"I can count {nw} separate {us}."],
                    "markdown": [f"- **Count:** {n} separate {us}", f"- **Number:** {nw}"],
                    "registrar": [f"I count {nw}, yes, {nw} separate {us}", f"there are {nw} {us}"]}[st]
        return self.rng.choice(pool)

    # -- what each kind asserts (true, or the planted false value)
    def value(self, kind, false):
        f, r = self.f, self.rng
        if kind == "laterality":
            lat = f["laterality"]
            if not false:
                return None, lat
            return None, OPP[lat] if lat in OPP else self.lat_one_sided_false()
        if kind == "position":
            if self.pos_mode == "vertical":
                v = f["vertical"]
                if not false:
                    return "vertical", v
                opts = (["anterior", "posterior", "central"] if self.axial else ["superior", "inferior", "central"])
                flip = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
                return "vertical", flip.get(v) or r.choice([o for o in opts if o != "central"])
            rel, other = self.pos_rel
            return "relation", ((REL_FLIP[rel] if false else rel), other)
        if kind == "size":
            pct = f["area_fraction"] * 100
            if self.size_mode == "class":
                c = f["size_class"]
                if not false:
                    return "class", c
                return "class", {"small": "large", "large": "small"}.get(c) or ("large" if pct < 2.5 else "small")
            if not false:
                return "pct", pct
            return "pct", pct * r.choice([8, 10, 12]) if pct < 4 else pct / r.choice([8, 10])
        n = f["components"]
        if not false:
            return None, n
        return None, r.choice([2, 3]) if n == 1 else r.choice([1, n + 1])

    def text_for(self, kind, sub, v):
        if kind == "laterality":
            return self.lat_text(v)
        if kind == "position":
            return self.vert_words(v) if sub == "vertical" else self.rel_text(*v)
        if kind == "size":
            return self.size_class_text(v) if sub == "class" else self.size_pct_text(v)
        return self.count_text(v)

    def say(self, kind, false=False, corrected=False, role="assistant"):
        sub, v = self.value(kind, false)
        return self.claim(kind, v, self.text_for(kind, sub, v), role, corrected, sub)

    def user_phrase(self, kind, sub, v):
        nurse = self.style == "nurse"
        if kind == "laterality":
            if self.f["laterality"] == "bilateral" and v in OPP:
                return f"only on my {v} side" if nurse else f"only on the {v}"
            return f"on my {v} side" if nurse else f"on the {v}"
        if kind == "position":
            if sub == "relation":
                return f"{REL_WORDS[v[0]][0]} the {v[1]}"
            if nurse:
                return {"posterior": "towards my back", "anterior": "towards my front",
                        "central": ("halfway between front and back" if self.axial else "halfway up"),
                        "superior": "high up", "inferior": "low down"}[v]
            return f"{v} on the slice" if self.axial else f"{v} on the coronal"
        if kind == "size":
            if sub == "class":
                return f"{v} on the picture" if nurse else f"{v} on the image"
            return f"about {_fmt_pct(v)}% of the {'picture' if nurse else 'image'}"
        if self.fam in SINGULAR_ONLY and self.fam != "kidneys":
            return "all one piece" if v == 1 else f"in {NUMW[v]} pieces"
        return "just the one" if v == 1 else f"{NUMW.get(v, v)} of them"

    def plan(self):
        r, f, d = self.rng, self.f, self.defect
        rels_apsi = [(x["relation"], x["other"]) for x in f["relations"]
                     if x["relation"] in ("anterior_to", "posterior_to", "superior_to", "inferior_to")]
        rels_side = [(x["relation"], x["other"]) for x in f["relations"]
                     if x["relation"] == {"left": "left_of", "right": "right_of"}.get(f["laterality"])]
        pool = rels_apsi + (rels_side if d is None else [])
        self.pos_mode = "relation" if pool and r.random() < 0.45 else "vertical"
        self.pos_rel = r.choice(pool) if self.pos_mode == "relation" else None
        self.size_mode = r.choice(["class", "class", "pct"])
        kinds = ["laterality", "position", "size", "count"]
        self.loc = {k: r.choice(["first", "first", "followup"]) for k in kinds}
        if d in kinds:
            self.loc[d] = r.choice(["first", "followup", "premise"])
        self.corrected_premise = None
        self.slip = None
        fu = [k for k in kinds if self.loc[k] == "followup" and k != d]
        if fu and r.random() < 0.55:
            self.corrected_premise = r.choice(fu)
        first = [k for k in kinds if self.loc[k] == "first" and k != d and k != "size"]
        if self.style == "registrar" and first and r.random() < 0.7:
            k = r.choice(first)
            if k != "laterality" or f["laterality"] in OPP:
                self.slip = k

    # -- turns
    def first_question(self):
        r, st, p = self.rng, self.style, self.p
        mod = "MR" if p["modality"] == "MR" else ("CT KUB" if self.fam == "stone" and r.random() < 0.6 else "CT")
        story = self.fill(r.choice(CLIN[self.fam]["lay" if st == "nurse" else "pro"]))
        age, sex = self.nums["age"], ("M" if self.fam == "prostate" else r.choice("MF"))
        if self.defect == "names_target":
            t = p["target"]
            q = {"consultant": [f"{age}{sex}, {story}. Can you segment the {t} on the {mod}?",
                                f"Need the {t} outlined on this {mod}. Background: {story}."],
                 "nurse": [f"The doctor keeps mentioning the {t}. I've had {story}. Can you show me where it is?",
                           f"Someone wrote '{t}' on my letter. Could you point it out on my scan?"],
                 "markdown": [f"Please segment the {t} in this {mod} image and describe it.",
                              f"Where {'are' if t.endswith(('s', 'calculi')) else 'is'} the {t} on this {mod}? The patient has {story}."],
                 "registrar": [f"Show me the {t} on this {mod}. {_cap(story)}.",
                               f"Go on, find me the {t}. This is the one with {story}."]}[st]
            name = re.search(r"\b(left|right|bilateral)\b", t)
            if name:
                self.claim("laterality", name.group(1), t, "user", sub="name")
        else:
            q = {"consultant": [f"{age}{sex}, {story}. {mod} attached. What's the culprit?",
                                f"Quick one: {story}. Which finding on this {mod} explains it?",
                                f"Clinic list, {age}{sex} with {story}. What are we looking at?"],
                 "nurse": [f"I've had {story}. Can you show me on the scan what's behind it?",
                           f"Sorry if this is a silly question. With {story}, what is it on these pictures they're worried about?",
                           f"My consultant showed me this scan. I've had {story}. What's the thing that matters here?"],
                 "markdown": [f"A patient has {story}. Which structure on this {mod} image accounts for it? Please highlight it.",
                              f"Given {story}, what on this {mod} is responsible, and where is it?"],
                 "registrar": [f"Right, talk me through this one: {story}. What's the finding?",
                               f"Go on then. {_cap(story)}. Show me what you think is going on.",
                               f"Next case: {story}. What do you see on the {mod}?"]}[st]
        self.turns.append({"role": "user", "content": r.choice(q)})

    def slip_text(self, kind):
        sub_w, wrong = self.value(kind, True)
        sub, v = self.value(kind, False)
        w = self.user_phrase(kind, sub_w, wrong)
        true = self.text_for(kind, sub, v).rstrip(".")
        true = true[0].lower() + true[1:] if not true.startswith(("I ", "I'")) else true
        self.claim(kind, wrong, w, "assistant", True, sub_w)
        self.claim(kind, v, true, "assistant", False, sub)
        return self.rng.choice([f"{_cap(w)}... no, sorry, {true}.",
                                f"It's {w}, um, no, scratch that: {true}."])

    def extras(self):
        """True side-notes: a negation, the display convention, a number-laden aside."""
        r, f, st, d = self.rng, self.f, self.style, self.defect
        out = []
        lat = f["laterality"]
        if self.loc["laterality"] == "first" and d != "laterality" and r.random() < 0.35:
            if lat in OPP:
                o = OPP[lat]
                t = {"consultant": f"Not the {o}.", "nurse": f"It's not on your {o} side.",
                     "markdown": f"- Not {o}-sided", "registrar": f"Definitely not the {o}."}[st]
                out.append(self.claim("laterality", "!" + o, t, "assistant", sub="negation"))
            else:
                t = {"consultant": "Not lateralised to one side.", "nurse": "It isn't just on one side.",
                     "markdown": "- Not confined to one side", "registrar": "It's not a one-sided thing."}[st]
                out.append(self.claim("laterality", "!onesided", t, "assistant", sub="negation"))
        if self.loc["count"] == "first" and d != "count" and r.random() < 0.3 and self.fam not in SINGULAR_ONLY:
            n = f["components"]
            if n == 1:
                t = {"consultant": f"No second {self.unit}.", "nurse": f"There isn't a second {self.unit} hiding anywhere.",
                     "markdown": f"- No second {self.unit} on this slice", "registrar": f"No second {self.unit} that I can see."}[st]
                out.append(self.claim("count", "!multi", t, "assistant", sub="negation"))
            else:
                t = {"consultant": "More than one.", "nurse": "It's more than just one.",
                     "markdown": "- More than one", "registrar": "So, more than one."}[st]
                out.append(self.claim("count", "!single", t, "assistant", sub="negation"))
        if (lat in OPP and d != "laterality" and st != "consultant" and r.random() < 0.4):
            img = "right" if f["centroid_normalized"][0] > 0.5 else "left"
            o = self.p["orientation"]
            if st == "nurse":
                conv = ("scans are shown as if we're facing you, so your left appears on the right of the screen"
                        if o[0] == "L" else "this set of pictures is displayed the other way round, so the screen's side matches yours")
                t = f"On the screen it looks like it's on the {img}, but {conv}."
            elif st == "markdown":
                conv = ("radiological convention puts the patient's left on the viewer's right" if o[0] == "L"
                        else "this series is displayed flipped, so the image side matches the patient side")
                t = f"- **Display note:** it appears on the image's {img}; {conv}"
            else:
                t = (f"On the screen it's on the {img}, which with this display is the patient's {lat}."
                     if True else "")
                self.claim("laterality", lat, t, "assistant", sub="display")
            out.append(self.claim("image_side", img, t, "assistant"))
        return out

    def numbers(self, idx):
        a = CLIN[self.fam]["rounds"][idx]
        return self.fill(a[3] if self.style == "nurse" else a[2])

    def general(self):
        g = self.rng.choice(GENERAL)
        return {"consultant": f"FYI, {g}.", "nurse": f"Just so you know, {g}.",
                "markdown": f"- {_cap(g)}.", "registrar": f"And, I mean, {g}, but that's by the by."}[self.style]

    def sentence(self, t):
        """A registrar fragment as a sentence."""
        t = t.strip()
        return _cap(t) + ("" if t.endswith((".", "?", "!")) else ".")

    def first_answer(self):
        r, st, f, d = self.rng, self.style, self.f, self.defect
        kinds = [k for k in ("laterality", "position", "size", "count") if self.loc[k] == "first"]
        r.shuffle(kinds)
        noun, plural = self.noun, self.plural
        named = None
        if "laterality" in kinds and st in ("consultant", "markdown") and r.random() < 0.4:
            sub, v = self.value("laterality", d == "laterality")
            if v in OPP:
                nm = f"{v} {self.formal}" if st == "markdown" else f"{_cap(v)} {self.formal}"
                named = self.claim("laterality", v, nm, "assistant", sub="named")
                kinds.remove("laterality")
        parts = []
        for k in kinds:
            if k == self.slip:
                parts.append(self.slip_text(k))
            else:
                parts.append(self.say(k, false=(d == k)))
        parts += self.extras()
        nums = self.numbers(0)
        if st == "consultant":
            opener = r.choice(["", "Right. ", "OK. ", "Seen. ", "Yep. "])
            if named:
                head = f"{named} [SEG]."
            else:
                head = r.choice([f"That's the {noun} [SEG].", f"{_cap(noun)} here [SEG]."]
                                + ([] if self.fam in ("kidneys", "stent") else [f"Culprit's the {noun} [SEG]."])
                                + ([f"They're {noun} [SEG]."] if plural else [f"It's {_a(noun)} [SEG]."]))
            if len(parts) >= 2 and r.random() < 0.4:
                line = ", ".join((x[0].lower() + x[1:]).rstrip(".") for x in parts)
                parts = [_cap(line) + "."]
            body = [head] + parts + [nums]
            if r.random() < 0.4:
                body.append(self.general())
            text = opener + " ".join(body)
        elif st == "nurse":
            opener = r.choice(["Of course, let me show you.", "That's a really good question, and it's not silly at all.",
                               "Let's have a look together.", "I'm glad you asked."])
            own = self.fam in ("bladder", "prostate", "kidneys")
            head = (f"The areas I've highlighted [SEG] are {'your ' if own else ''}{noun}." if plural else
                    f"The area I've highlighted [SEG] is {'your ' + noun if own else _a(noun)}.")
            body = [opener, head, NURSE_GLOSS[self.fam]] + parts + [nums]
            if r.random() < 0.5:
                body.append(self.general())
            body.append(r.choice(["Ask me anything else you'd like.", "Does that make sense so far?",
                                  "We'll go through it all with you, so don't worry."]))
            text = " ".join(body)
        elif st == "markdown":
            h1 = r.choice(["Finding", "What's highlighted", "Answer"])
            h2 = r.choice(["Key features", "Where and how big", "Details on this image"])
            if named:
                head = f"This is the **{named}**, segmented here: [SEG]"
            else:
                head = r.choice([(f"The structures that answer the question are the **{noun}** [SEG]." if plural else
                                  f"The structure that answers the question is the **{noun}** [SEG]."),
                                 f"The segmentation [SEG] shows the **{noun}**."])
            bul = [x for x in parts if x.startswith("- ")]
            prose = [x for x in parts if not x.startswith("- ")]
            text = f"**{h1}**\n\n{head}" + ("\n\n" + " ".join(prose) if prose else "")
            if bul:
                text += f"\n\n**{h2}**\n" + "\n".join(bul)
            text += "\n\n**Clinical context**\n- " + nums
            if r.random() < 0.5:
                text += "\n\n**Good to know**\n" + self.general()
        else:
            opener = r.choice(["Okay, so... scrolling down from the top.", "Right, let me just window this properly first.",
                               "So, starting at the top and working down.", "Hmm, okay."])
            head = r.choice([f"There, that's the {noun} [SEG].", f"I think {'these are' if plural else 'this is'} the {noun} [SEG]."]
                            + ([f"These are {noun} [SEG], I'm fairly sure."] if plural else [f"This is {_a(noun)} [SEG], I'm fairly sure."]))
            body = [opener, head] + [self.sentence(x) for x in parts] + [nums]
            if r.random() < 0.35:
                body.append(self.general())
            text = " ".join(body)
        self.turns.append({"role": "assistant", "content": text})

    QSHORT = {"consultant": {"laterality": "Side?", "position": "Where on the slice?", "size": "Size on the image?",
                             "count": "How many?"},
              "nurse": {"laterality": "Which side is it on?", "position": "Whereabouts is it exactly?",
                        "size": "Is it big on the picture?", "count": "How many are there?"},
              "markdown": {"laterality": "Which side of the body is it on?", "position": "Where exactly does it sit on this image?",
                           "size": "How big is it on the image?", "count": "How many separate parts are there?"},
              "registrar": {"laterality": "Which side? Patient's side, please.", "position": "Where is it on the slice?",
                            "size": "Roughly how big on the image?", "count": "How many do you see?"}}

    def question(self, k):
        if k == "count" and self.fam in SINGULAR_ONLY and self.fam != "kidneys":
            return {"consultant": "One piece?", "nurse": "Is it all in one piece?",
                    "markdown": "Is it one continuous region or several?",
                    "registrar": "One component or several?"}[self.style]
        return self.QSHORT[self.style][k]

    def answer_from(self, texts, lead=None):
        st = self.style
        if st == "markdown":
            bul = "\n".join(texts)
            return (lead + "\n\n" if lead else "") + bul
        if st == "registrar":
            body = [self.sentence(t) for t in texts]
            if lead and lead.endswith(","):
                body[0] = body[0][0].lower() + body[0][1:]
            return " ".join(([lead] if lead else []) + body)
        return " ".join(([lead] if lead else []) + list(texts))

    def clinical_round(self, idx, premise=None):
        st, rnd = self.style, CLIN[self.fam]["rounds"][idx]
        q = self.fill(rnd[1] if st in ("nurse", "markdown") else rnd[0])
        if premise:
            q = {"consultant": f"OK, {premise}. {q}", "nurse": f"So it's {premise}. {q}",
                 "markdown": f"Understood, it's {premise}. {q}", "registrar": f"Fine, {premise}. {q}"}[st]
        self.turns.append({"role": "user", "content": q})
        a = self.fill(rnd[3] if st == "nurse" else rnd[2])
        if st == "markdown":
            a = f"**{self.rng.choice(['In short', 'Details', 'Answer'])}**\n- " + a.replace(". ", ".\n- ")
        elif st == "registrar":
            a = self.rng.choice(["Let me check the request... ", "Um, so ", "From the notes, "]) + (
                a[0].lower() + a[1:] if a[1:2].islower() else a)
        self.turns.append({"role": "assistant", "content": a})

    def followups(self):
        r, st, d = self.rng, self.style, self.defect
        fu = [k for k in ("laterality", "position", "size", "count") if self.loc[k] == "followup"]
        r.shuffle(fu)
        groups = []
        if fu:
            if len(fu) <= 2 or r.random() < 0.5:
                groups = [fu[:2], fu[2:]] if len(fu) > 2 else [fu]
            else:
                groups = [fu[:1], fu[1:]]
        groups = [g for g in groups if g]
        rounds = [("claims", g) for g in groups]
        if self.loc.get(d) == "premise":
            rounds.append(("premise", d))
        free = [i for i in range(1, len(CLIN[self.fam]["rounds"]))]
        r.shuffle(free)
        want = max(1, r.randint(1, 3)) - len(rounds)
        for i in free[:max(0, want)]:
            rounds.append(("clinical", i))
        if not rounds:
            rounds.append(("clinical", free[0]))
        r.shuffle(rounds)
        spare = [i for i in free if ("clinical", i) not in rounds] + [0]
        for kind, arg in rounds:
            if kind == "clinical":
                self.clinical_round(arg)
            elif kind == "premise":
                sub, v = self.value(arg, True)
                ph = self.user_phrase(arg, sub, v)
                self.claim(arg, v, ph, "user", False, sub)
                self.clinical_round(spare.pop(0), premise=ph)
            else:
                self.claim_round(arg)

    def claim_round(self, ks):
        r, st, d = self.rng, self.style, self.defect
        cp = self.corrected_premise if self.corrected_premise in ks else None
        if cp:
            sub, wrong = self.value(cp, True)
            ph = self.user_phrase(cp, sub, wrong)
            q = {"consultant": f"{_cap(ph)}, yes?", "nurse": f"So it's {ph}?",
                 "markdown": f"Just to confirm, it's {ph}?", "registrar": f"You'd say it's {ph}?"}[st]
            others = [k for k in ks if k != cp]
            if others:
                q += " " + " ".join(self.question(k) for k in others)
            self.claim(cp, wrong, ph, "user", True, sub)
            self.turns.append({"role": "user", "content": q})
            lead = {"consultant": "No.", "nurse": "Not quite, and that's an easy one to mix up.",
                    "markdown": "**Not quite.**", "registrar": "Actually, no."}[st]
            texts = [self.say(cp)] + [self.say(k, false=(d == k)) for k in others]
        else:
            q = " ".join(self.question(k) for k in ks)
            self.turns.append({"role": "user", "content": q})
            lead = {"consultant": None, "nurse": r.choice(["Good question.", "Let me explain.", None]),
                    "markdown": f"**{r.choice(['Location and extent', 'Answer', 'On this image'])}**",
                    "registrar": r.choice(["Okay, so,", "Let me look again.", None])}[st]
            texts = [self.say(k, false=(d == k)) for k in ks]
        self.turns.append({"role": "assistant", "content": self.answer_from(texts, lead)})


def build(p, facts, style, rng, defect):
    row = _Row(p, facts, style, rng, defect)
    row.plan()
    row.first_question()
    row.first_answer()
    row.followups()
    LEDGER.append(dict(target=p["target"], family=p["family"], defect=defect, claims=row.claims,
                       names=FAMILIES[p["family"]]["names"]))
    return row.turns, ([] if defect is None else [defect])
