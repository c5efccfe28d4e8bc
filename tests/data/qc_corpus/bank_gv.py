"""Bank GV: endoscopy, colonoscopy and capsule-endoscopy frames (modality "endoscopy").

Written blind by helper `qcgv`, without opening the QC rules, their tests or any other bank. Targets are
polyps, ulcers, varices, bleeding sites, diverticula, Barrett's segments and the like; upper-GI frames carry
the orientation "RP" (image right = patient's right, image top = anterior), retroflexed rectal frames "LP"
(mirrored: image right = patient's left) and colonoscopy / capsule frames none (no patient side; positions in
frame terms). Prose is full of quantities that are not the mask's: clock-face positions, cm from the incisors
or anal verge, Paris / NICE / Forrest / Prague classes, Boston bowel-prep scores, mm from open-forceps estimates.
Registers: `procnote` (an endoscopist's procedure note read out as chat), `fellow` (a GI fellow asking a terse
attending), `markdown` (a markdown-heavy assistant), `handover` (an endoscopy nurse's quick handover).

Every claim about the target is written through a marker and kept in `LEDGER` (kind, value, turn, role,
corrected); the writer's own checker (/work/notes/qcgv_scripts/check_gv.py) redraws every mask, recomputes
its facts and checks every claim. Its summary for SEED 20261331:

    own check: rows 420, clean 210, defects laterality 42 position 42 size 42 count 42 names_target 42;
    defect sits first-answer 51, follow-up answer 63, user premise 54, question 42; problems: 0
    (18 targets; 36 assistant slips and 70 wrong user premises corrected in clean rows; 431 marked look-alikes)
"""

from __future__ import annotations

import re

import numpy as np

from medseg_qa.facts import compute_facts

LEDGER: list[list[dict]] = []   # one list of claims per built row (the writer's own reader uses it)
MASKS: list[dict] = []          # one drawing spec per facts_for call (the reader redraws and re-measures)

STYLES = ["procnote", "fellow", "markdown", "handover"]
KINDS = ["laterality", "position", "size", "count", "names_target"]

_C = dict  # a profile

PROFILES = [
    _C(target="esophageal varices", orient="RP", region="esophagus", proc="OGD", comps=(2, 4), place="ring",
       r=(0.035, 0.07), elong=(1.6, 2.6), others=[], stems=["varic", "varix"],
       noun=("variceal column", "variceal columns"),
       ctx=["58M, alcohol-related cirrhosis, Child-Pugh B, {{two}} bouts of haematemesis overnight, Hb 8.1",
            "61F with NASH cirrhosis and platelets of 74, in for a screening OGD",
            "49M, hepatitis C cirrhosis, came in vomiting fresh blood, already on terlipressin 2 mg"],
       ask=["what I'd put bands on to deal with the portal-hypertensive bleeding",
            "the thing that explains the haematemesis in a patient with a portal pressure problem",
            "the finding that decides whether he needs EVL or a beta-blocker"],
       know=["About half of patients with cirrhosis have these at diagnosis, and roughly {{one in three}} will bleed from them.",
             "Banding is repeated every 2 to 4 weeks until eradication, usually needing {{3 or 4}} sessions.",
             "Carvedilol 6.25 mg once daily is the usual starting dose for primary prophylaxis."],
       quant=["The columns start at about 32 cm from the incisors and run to the Z-line at 39 cm.",
              "Red wale signs are present; {{6}} bands were deployed in total.",
              "GOJ at 40 cm from the incisors, no gastric extension seen."]),
    _C(target="Barrett's segment", orient="RP", region="esophagus", proc="OGD", comps=(1, 1), place="any",
       r=(0.06, 0.17), elong=(1.3, 2.4), others=[], stems=["barrett"],
       noun=("tongue", "tongues"),
       ctx=["67M with 20 years of reflux on omeprazole 40 mg", "55F, surveillance OGD, previous biopsies showed intestinal metaplasia",
            "72M, heartburn for decades, referred after a {{small}} hiatus hernia was seen on barium"],
       ask=["the salmon-coloured mucosa we'd biopsy with the Seattle protocol",
            "the area that puts him on a surveillance programme",
            "the columnar-lined stretch above the gastric folds that we'd measure with Prague criteria"],
       know=["Prague C2M5 means 2 cm circumferential and 5 cm maximal extent above the gastric folds.",
             "The Seattle protocol takes quadrantic biopsies every 2 cm, so {{four}} jars per level.",
             "Progression to adenocarcinoma runs at roughly 0.3% per year in non-dysplastic disease."],
       quant=["{{Top}} of the gastric folds at 38 cm from the incisors, squamocolumnar junction at 34 cm.",
              "Prague C1M3 today, unchanged from the 2022 report.",
              "Acetic acid chromoendoscopy showed a regular pit pattern throughout."]),
    _C(target="esophageal ulcer", orient="RP", region="esophagus", proc="OGD", comps=(1, 1), place="any",
       r=(0.03, 0.11), elong=(1.0, 1.6), others=[], stems=["ulcer", "esophag", "oesophag"],
       noun=("ulcer", "ulcers"),
       ctx=["34F with odynophagia after taking doxycycline 100 mg at bedtime without water",
            "80M, on alendronate 70 mg weekly, now with painful swallowing", "45M with HIV, CD4 of 90, retrosternal pain"],
       ask=["the cause of the pain on swallowing", "what I should biopsy from the edge and base",
            "the pill-injury finding I'm supposed to describe"],
       know=["Pill injury tends to happen where the lumen narrows, near the aortic arch at about 23 to 25 cm.",
             "In immunosuppressed patients, CMV and HSV should both be sampled, at least {{6}} biopsies.",
             "Most pill-induced lesions heal within 1 to 3 weeks once the drug is stopped."],
       quant=["Found at 27 cm from the incisors, clean base, no stigmata of recent haemorrhage.",
              "Forceps estimate about 8 mm across; biopsies x4 from the rim.",
              "Z-line at 40 cm, regular, no hiatus hernia."]),
    _C(target="Mallory-Weiss tear", orient="RP", region="gastro-oesophageal junction", proc="OGD", comps=(1, 1),
       place="any", r=(0.03, 0.09), elong=(2.5, 4.0), others=[], stems=["mallory", "weiss", "tear"],
       noun=("linear lesion", "linear lesions"),
       ctx=["24M, retching after a stag do, then a cupful of bright red blood", "38F with hyperemesis, {{small}}-volume haematemesis, Hb stable at 12.4",
            "52M, binge drinking, vomited {{several}} times then saw blood"],
       ask=["the mucosal split at the junction that explains the blood after retching",
            "the finding that fits a bleed that followed forceful vomiting",
            "the linear break I should report as the source"],
       know=["Most of these stop on their own; fewer than 10% need endoscopic therapy.",
             "When treatment is needed, {{one or two}} clips or adrenaline 1:10,000 injection usually suffices.",
             "Up to a third of patients have a hiatus hernia as well."],
       quant=["Junction at 39 cm from the incisors, the split extends about 15 mm distally.",
              "No active bleeding at the time of the scope, Forrest IIc.", "Rockall score 2 after endoscopy."]),
    _C(target="gastric ulcer", orient="RP", region="stomach", proc="OGD", comps=(1, 1), place="any",
       r=(0.04, 0.14), elong=(1.0, 1.5), others=["pylorus"], stems=["ulcer", "gastric"],
       noun=("ulcer", "ulcers"),
       ctx=["71F on naproxen 500 mg twice daily, melaena for 3 days, Hb 7.6", "59M, H. pylori positive, epigastric pain after meals",
            "66M with weight loss of 6 kg, dyspepsia, ferritin 9"],
       ask=["the lesion that explains her melaena", "the thing I should biopsy eight times to exclude cancer",
            "the mucosal break in the antrum I'm meant to describe"],
       know=["Gastric lesions of this kind need repeat endoscopy at 6 to 8 weeks to confirm healing.",
             "About {{2-5% of them}} turn out to be malignant, hence {{multiple}} biopsies.",
             "Omeprazole 40 mg twice daily for 8 weeks is a common regimen afterwards."],
       quant=["Located in the antrum, 3 cm proximal to the pylorus on the lesser curve.",
              "Open-forceps estimate about 12 mm, clean base, Forrest III.",
              "CLO test taken from antrum and body; 8 biopsies from the rim."]),
    _C(target="fundic gland polyps", orient="RP", region="stomach", proc="OGD", comps=(3, 5), place="cluster",
       r=(0.02, 0.045), elong=(1.0, 1.3), others=["angular incisure"], stems=["polyp", "fundic", "gland"],
       noun=("polyp", "polyps"),
       ctx=["48F on long-term PPI, OGD for reflux", "62M on esomeprazole 20 mg for 10 years, incidental finding",
            "39F, dyspepsia, FAP excluded on genetic testing"],
       ask=["the glassy little bumps that are probably due to the PPI",
            "the benign-looking elevations in the body we'd sample one of",
            "the lesions that are linked to long-term acid suppression"],
       know=["In FAP they can number in the hundreds; sporadic ones are usually under 10 mm.",
             "They are found in roughly 1 to 2% of all OGDs in the West.",
             "Sampling {{one or two}} is enough unless any exceed 10 mm."],
       quant=["All are 2 to 5 mm by forceps estimate.", "{{One}} representative lesion removed with cold forceps.",
              "Body and fundus only, the antrum is clear."]),
    _C(target="duodenal ulcers", orient="RP", region="duodenum", proc="OGD", comps=(1, 2), place="any",
       r=(0.035, 0.1), elong=(1.0, 1.5), others=[], stems=["ulcer", "duoden"],
       noun=("ulcer", "ulcers"),
       ctx=["45M, coffee-ground vomit, on aspirin 75 mg and clopidogrel", "33F, night pain relieved by food, H. pylori serology positive",
            "77M, melaena, Glasgow-Blatchford score 12"],
       ask=["the lesions in the bulb that explain the bleed", "the source of his {{upper}} GI bleed beyond the pylorus",
            "what's causing the night pain in the cap"],
       know=["Kissing lesions sit on opposite walls of the cap and face each other.",
             "{{Posterior-wall}} lesions in the cap can erode the gastroduodenal artery, which is why we worry about them.",
             "Eradication therapy cuts the recurrence rate from about 60% to under 10% a year."],
       quant=["Bulb only, D2 normal to 2 cm beyond the papilla.", "Forceps estimate about 9 mm, Forrest IIb before clot removal.",
              "Adrenaline 1:10,000, 8 ml injected, plus {{two}} clips."]),
    _C(target="bleeding visible vessel", orient="RP", region="stomach", proc="OGD", comps=(1, 1), place="any",
       r=(0.025, 0.06), elong=(1.0, 1.4), others=["hemoclip"], stems=["bleed", "vessel", "visible"],
       noun=("stigma", "stigmata"),
       ctx=["70M on apixaban, haematemesis with a pulse of 118 and BP 92/55", "63F, Hb dropped from 12.9 to 8.3 overnight, melaena",
            "57M, fresh haematemesis 24 hours after injection therapy, transfused 3 units"],
       ask=["the spot I need to clip to stop the haemorrhage", "the stigma in this ulcer base that predicts recurrence",
            "the target for thermal coagulation here"],
       know=["Forrest IIa lesions carry a re-bleed risk of about 40 to 50% without treatment.",
             "Dual therapy, adrenaline plus a mechanical or thermal method, is standard.",
             "High-dose PPI, 80 mg then 8 mg an hour, is continued for 72 hours."],
       quant=["The ulcer is about 14 mm across in the antrum, Forrest IIa.", "{{Two}} clips placed plus 10 ml of adrenaline 1:10,000.",
              "Doppler probe signal positive before treatment."]),
    _C(target="gastric antral vascular ectasia", orient="RP", region="stomach", proc="OGD", comps=(2, 4), place="ring",
       r=(0.03, 0.06), elong=(2.5, 4.0), others=[], stems=["antral", "vascular", "ectasia", "gave", "watermelon"],
       noun=("stripe", "stripes"),
       ctx=["74F with systemic sclerosis, iron-deficiency anaemia, Hb 8.7", "69M with cirrhosis and transfusion-dependent anaemia",
            "81F, chronic occult loss, ferritin 6, colonoscopy normal"],
       ask=["the red streaks converging on the pylorus that explain the anaemia",
            "the thing we'd treat with argon plasma coagulation", "the cause of her chronic iron loss in the distal stomach"],
       know=["APC is usually given in 2 to 4 sessions at 4 to 6 week intervals.",
             "It is associated with systemic sclerosis in up to 25% of cases in some series.",
             "Band ligation is an alternative when APC fails after {{three}} sessions."],
       quant=["APC at 40 W, 1 L/min argon flow.", "Pylorus reached at 62 cm from the incisors.",
              "Biopsies from the antrum x2 to exclude portal hypertensive gastropathy."]),
    _C(target="rectal polyp", orient="LP", region="rectum", proc="flexible sigmoidoscopy", comps=(1, 1), place="any",
       r=(0.04, 0.15), elong=(1.0, 1.4), others=["scope shaft"], stems=["polyp", "rectal", "rectum"],
       noun=("lesion", "lesions"),
       ctx=["64M, bowel-screening flexi, FIT 180", "58F with fresh blood on the paper and a change in habit",
            "70M, surveillance after an {{anterior}} resection 3 years ago"],
       ask=["the lesion seen in retroflexion that I'd snare", "what should go in the pot for histology from this retroflexed view",
            "the thing we'd tattoo if it can't be removed today"],
       know=["In retroflexion the image is mirrored, so the patient's sides swap relative to the forward view.",
             "Lesions over 20 mm in the rectum are usually referred for EMR or ESD.",
             "About 25% of adenomas are found in the rectosigmoid."],
       quant=["Seen at 5 cm from the anal verge on retroflexion, Paris 0-Is, NICE 2.",
              "Forceps estimate about 9 mm; removed with a 10 mm cold snare.", "Tattoo placed 3 cm distal with 1 ml of Spot."]),
    _C(target="internal haemorrhoids", orient="LP", region="anorectum", proc="flexible sigmoidoscopy", comps=(2, 3),
       place="ring", r=(0.06, 0.11), elong=(1.1, 1.6), others=["scope shaft"], stems=["haemorrhoid", "hemorrhoid", "pile"],
       noun=("cushion", "cushions"),
       ctx=["42F with painless bright red bleeding after defecation", "55M, pruritus ani and prolapse that reduces by itself",
            "31F, 6 weeks post-partum, bright blood on the paper"],
       ask=["the swollen vascular cushions above the dentate line that explain the bleeding",
            "what I'd band through the banding kit after this flexi", "the cause of the painless outlet bleeding here"],
       know=["Classically they sit at the {{left lateral}}, {{right anterior}} and {{right posterior}} positions.",
             "Grade II prolapse and reduce spontaneously; grade III need manual reduction.",
             "Up to {{three}} bands can be applied in one session."],
       quant=["Dentate line at 2 cm from the anal verge.", "Grade II on straining.", "{{Two}} bands applied, no pain reported."]),
    _C(target="sessile colonic polyp", orient=None, region="colon", proc="colonoscopy", comps=(1, 1), place="any",
       r=(0.04, 0.17), elong=(1.0, 1.4), others=[], stems=["polyp", "sessile", "colonic"],
       noun=("lesion", "lesions"),
       ctx=["66M, FIT-positive at 150 micrograms/g, bowel screening colonoscopy", "52F with a family history, father had colorectal cancer at 58",
            "73M, 3-year surveillance after a 15 mm adenoma"],
       ask=["what I'd remove with a cold snare", "the flat-ish elevation that needs to go to histology",
            "the lesion I'd classify with NICE before resecting"],
       know=["The adenoma detection rate target is at least 25%; most units aim for 35%.",
             "Diminutive lesions under 5 mm carry a {{tiny}} risk of advanced histology.",
             "A Boston score of 2 or more in each segment counts as adequate preparation."],
       quant=["Ascending colon, 2 folds beyond the hepatic flexure, Paris 0-Is, NICE 2.",
              "Open-forceps estimate about 7 mm; cold snare, {{one}} clip.", "Boston 3-3-2, total 8, withdrawal time 9 minutes."]),
    _C(target="pedunculated polyp", orient=None, region="colon", proc="colonoscopy", comps=(1, 1), place="stalk",
       r=(0.06, 0.14), elong=(1.0, 1.3), others=[], stems=["polyp", "pedunculated", "stalk"],
       noun=("lesion", "lesions"),
       ctx=["68F, rectal bleeding and a positive FIT", "59M, surveillance, iron deficiency, Hb 10.9",
            "71M, intermittent obstruction-like cramps and mucus"],
       ask=["the Paris 0-Ip lesion on a long neck I'd loop before snaring",
            "the lesion that swings on a long neck in the sigmoid", "what we'd pre-treat with an endoloop"],
       know=["Heads over 20 mm or stalks over 5 mm thick justify a prophylactic endoloop or clip.",
             "Paris 0-Ip means a lesion with a clear stalk.", "Delayed bleeding after such resections runs at about 2 to 3%."],
       quant=["Sigmoid at 30 cm, head about 18 mm by the open snare.", "Endoloop placed, hot snare at Endocut Q effect 3.",
              "Boston 2-3-3, total 8."]),
    _C(target="sigmoid diverticula", orient=None, region="colon", proc="colonoscopy", comps=(2, 5), place="cluster",
       r=(0.025, 0.06), elong=(1.0, 1.5), others=[], stems=["diverticul", "sigmoid"],
       noun=("opening", "openings"),
       ctx=["77F, previous episodes of LIF pain and fever", "64M, bright red bleeding, painless, {{large}} volume",
            "58F, colonoscopy 8 weeks after a CT-proven attack of inflammation"],
       ask=["the outpouchings explaining her previous attacks", "the mouths in the wall that we have to steer the scope around",
            "the pockets in the wall that are the likely painless bleeding source"],
       know=["In Western populations this disease is mostly {{left-sided}}; {{right-sided}} disease is commoner in Asia.",
             "About 60% of people over 70 have them.", "A fibre intake of 25 to 30 g a day is recommended."],
       quant=["Sigmoid between 20 and 35 cm, narrowed, scope passed with a paediatric colonoscope.",
              "Boston 2-2-2, total 6.", "No inflammation; the largest mouth about 6 mm."]),
    _C(target="small-bowel angioectasias", orient=None, region="small bowel", proc="capsule endoscopy", comps=(1, 4),
       place="cluster", r=(0.015, 0.04), elong=(1.0, 1.4), others=[], stems=["angioectas", "angiodysplas", "bowel", "small-bowel"],
       noun=("lesion", "lesions"),
       ctx=["79M with aortic stenosis and recurrent iron deficiency, OGD and colonoscopy normal",
            "83F, transfusion-dependent anaemia, on warfarin for AF", "70M with CKD 4, obscure GI loss, Hb 8.2"],
       ask=["the cherry-red vascular spots that explain the obscure anaemia",
            "the lesions we'd target with APC at balloon enteroscopy", "what could account for Heyde's syndrome on this capsule frame"],
       know=["They are the commonest cause of obscure mid-gut bleeding in older adults.",
             "Octreotide 100 micrograms {{three}} times daily is sometimes tried for recurrent cases.",
             "Saurin P2 lesions are the ones with high bleeding potential."],
       quant=["Capsule time stamp 02:14:37, about 40% of {{small-bowel}} transit.", "Saurin P2, each about 2 to 3 mm.",
              "Gastric transit 21 minutes; {{small-bowel}} transit 4 h 10 min."]),
    _C(target="active bleeding site", orient=None, region="colon", proc="colonoscopy", comps=(1, 1), place="any",
       r=(0.03, 0.1), elong=(1.0, 1.6), others=[], stems=["bleed", "haemorrhag", "hemorrhag"],
       noun=("source", "sources"),
       ctx=["82M on dual antiplatelets, brisk haematochezia, shock index 1.1", "69F, post-polypectomy day 5, passing clots",
            "75M, CT angiogram showed a blush in the hepatic flexure"],
       ask=["the point I need to clip first", "the source of the haematochezia on this frame",
            "where the fresh blood is coming from"],
       know=["Post-polypectomy haemorrhage occurs in about 1% of snare resections, up to 2 weeks afterwards.",
             "Clips are preferred to thermal methods over a thin colonic wall.", "An urgent colonoscopy should follow a rapid purge of 4 to 6 L."],
       quant=["Hepatic flexure, 2 clips placed, haemostasis achieved.", "Pulsatile, Forrest Ia equivalent.",
              "Boston 1-2-2 because of clot, total 5."]),
    _C(target="laterally spreading tumour", orient=None, region="colon", proc="colonoscopy", comps=(1, 1), place="any",
       r=(0.12, 0.24), elong=(1.0, 1.6), others=[], stems=["laterally", "spreading", "tumour", "tumor", "lst"],
       noun=("lesion", "lesions"),
       ctx=["62M, FIT 400, referred for complex polypectomy", "70F, found at screening, referred to the EMR list",
            "57M, iron deficiency, caecal lesion on a previous colonoscopy"],
       ask=["the flat granular lesion we'd lift and take by EMR", "the thing that needs a SMSA score before we book resection",
            "the carpet-like lesion that occupies this view"],
       know=["The SMSA score uses size, morphology, site and access; level 4 lesions go to expert centres.",
             "Recurrence after piecemeal EMR is about 15% at the first check at 6 months.",
             "Granular homogeneous lesions have a low risk of covert submucosal invasion, under 1%."],
       quant=["Caecum, about 40 mm by snare estimate, Paris 0-IIa, granular homogeneous.",
              "Lifted with 20 ml of gelofusine and indigo carmine.", "SMSA level 3."]),
    _C(target="Crohn's ulcers", orient=None, region="terminal ileum", proc="colonoscopy", comps=(2, 4), place="cluster",
       r=(0.025, 0.06), elong=(1.2, 2.4), others=[], stems=["crohn", "ulcer"],
       noun=("ulcer", "ulcers"),
       ctx=["23F with diarrhoea, weight loss and a faecal calprotectin of 840", "19M, perianal fistula and abdominal pain",
            "31F, known ileal disease, on adalimumab 40 mg fortnightly, assessing response"],
       ask=["the aphthous and serpiginous breaks in the ileum we'd score with SES-CD",
            "the mucosal lesions that explain the calprotectin", "the changes in the ileum that confirm active disease"],
       know=["SES-CD scores ulcer size, ulcerated surface, affected surface and narrowing in 5 segments.",
             "A calprotectin over 250 micrograms/g usually tracks with active endoscopic disease.",
             "About a third of patients have isolated ileal involvement at diagnosis."],
       quant=["Terminal ileum intubated for 10 cm; SES-CD 9.", "Biopsies x2 from the ileum, x2 from each colonic segment.",
              "Boston 3-3-3, total 9."]),
]


# -- masks ------------------------------------------------------------------------------------------

def _draw(h: int, w: int, shapes: list[tuple]) -> np.ndarray:
    """Filled ellipses (cx, cy, rx, ry, angle) in pixels."""
    yy, xx = np.mgrid[0:h, 0:w]
    m = np.zeros((h, w), bool)
    for cx, cy, rx, ry, a in shapes:
        c, s = np.cos(a), np.sin(a)
        u, v = (xx - cx) * c + (yy - cy) * s, -(xx - cx) * s + (yy - cy) * c
        m |= (u / rx) ** 2 + (v / ry) ** 2 <= 1.0
    return m


def _near(v: float, edge: float, tol: float) -> bool:
    return abs(abs(v) - edge) < tol


def _borderline(m: np.ndarray, f, orient, others) -> bool:
    """True when a fact sits so close to its threshold that a claim about it would be a coin toss."""
    frac = f.area_fraction
    if any(abs(frac - t) < 0.18 * t for t in (0.01, 0.05)):
        return True
    ox, oy = f.centroid_patient
    if _near(ox, 0.06, 0.02) or _near(oy, 0.06, 0.02):
        return True
    from scipy import ndimage
    lab, n = ndimage.label(m, structure=np.ones((3, 3), bool))
    h, w = m.shape
    for i in range(1, n + 1):
        ys, xs = np.nonzero(lab == i)
        if _near((xs.mean() - (w - 1) / 2) / w, 0.06, 0.02):
            return True
    if abs(ox) < 0.06:
        xs = np.nonzero(m)[1]
        share = float(((xs - (w - 1) / 2) > 0).mean())
        if 0.75 < max(share, 1 - share) < 0.97:
            return True
    for (nx, ny) in others.values():
        cx, cy = f.centroid_normalized
        if _near(cx - nx, 0.05, 0.02) or _near(cy - ny, 0.05, 0.02):
            return True
    return False


def facts_for(p: dict, rng) -> dict:
    from scipy import ndimage
    for _ in range(500):
        side = rng.choice([256, 288, 320])
        h = w = side
        n = rng.randint(*p["comps"])
        shapes = []
        if p["place"] == "ring":
            start = rng.uniform(0, 2 * np.pi)
            for k in range(n):
                ang = start + k * 2 * np.pi / n + rng.uniform(-0.35, 0.35)
                rad = rng.uniform(0.24, 0.34)
                rx = rng.uniform(*p["r"]) * w
                ry = rx * rng.uniform(*p["elong"])
                shapes.append((w / 2 + rad * w * np.cos(ang), h / 2 + rad * h * np.sin(ang), rx, ry, ang))
        elif p["place"] == "cluster":
            ax, ay = rng.uniform(0.22, 0.78), rng.uniform(0.22, 0.78)
            for k in range(n):
                rx = rng.uniform(*p["r"]) * w
                shapes.append(((ax + rng.uniform(-0.2, 0.2)) * w, (ay + rng.uniform(-0.2, 0.2)) * h, rx,
                               rx * rng.uniform(*p["elong"]), rng.uniform(0, np.pi)))
        elif p["place"] == "stalk":
            cx, cy = rng.uniform(0.25, 0.75) * w, rng.uniform(0.25, 0.75) * h
            rx = rng.uniform(*p["r"]) * w
            a = rng.uniform(0, 2 * np.pi)
            shapes.append((cx, cy, rx, rx * rng.uniform(*p["elong"]), a))
            ln = rx * rng.uniform(1.2, 1.8)
            shapes.append((cx + ln * np.cos(a), cy + ln * np.sin(a), ln, rx * 0.25, a))
        else:
            rx = rng.uniform(*p["r"]) * w
            shapes.append((rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h, rx, rx * rng.uniform(*p["elong"]),
                           rng.uniform(0, np.pi)))
        shapes = [tuple(round(float(v), 3) for v in s) for s in shapes]
        m = _draw(h, w, shapes)
        if m.sum() < 30 or m[0].any() or m[-1].any() or m[:, 0].any() or m[:, -1].any():
            continue
        if ndimage.label(m, structure=np.ones((3, 3), bool))[1] != (1 if p["place"] == "stalk" else n):
            continue
        others = {name: (round(rng.uniform(0.15, 0.85), 3), round(rng.uniform(0.15, 0.85), 3)) for name in p["others"]}
        f = compute_facts(m, p["orient"], others)
        if _borderline(m, f, p["orient"], others):
            continue
        if others and not f.relations:
            continue
        MASKS.append({"h": h, "w": w, "shapes": shapes, "orientation": p["orient"], "others": others})
        return f.model_dump(mode="json")
    raise RuntimeError(f"no mask for {p['target']}")


def record_for(p: dict) -> dict:
    return {"modality": "endoscopy", "body_region": p["region"], "orientation": p["orient"]}


def pick_profile(profiles, i, defect, rng):
    if defect == "laterality":
        return rng.choice([q for q in profiles if q["orient"]])
    return rng.choice(profiles)


# -- claim phrases ---------------------------------------------------------------------------------
# A claim is written as [[kind:value|text]] (value ending in "!" = later corrected in the same row) and a
# phrase that only looks like a claim (another thing's side, a population figure) as {{text}}; `_final`
# strips the marks and records the claims.

_NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def _m(kind, value, text, corrected=False):
    return f"[[{kind}:{value}{'!' if corrected else ''}|{text}]]"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


LAT = {"left": ["on the patient's left", "on the left wall", "towards the patient's left side", "over on the left side of the lumen"],
       "right": ["on the patient's right", "on the right wall", "towards the patient's right side", "over on the right side of the lumen"],
       "bilateral": ["on both the left and right walls", "on both sides of the lumen", "on the left and on the right"],
       "midline": ["in the midline", "right on the midline", "centred on the midline, not off to one side"],
       "onlyleft": ["only on the left wall", "confined to the patient's left"],
       "onlyright": ["only on the right wall", "confined to the patient's right"],
       "not_left": ["not on the left"], "not_right": ["not on the right"]}
VERT_O = {"anterior": ["on the anterior wall", "anteriorly", "towards the anterior wall"],
          "posterior": ["on the posterior wall", "posteriorly", "towards the posterior wall"],
          "central": ["midway between the anterior and posterior walls", "central front-to-back"]}
VERT_N = {"upper": ["in the upper half of the frame", "towards the top of the image", "high in the frame"],
          "lower": ["in the lower half of the frame", "towards the bottom of the image", "low in the frame"],
          "central": ["roughly in the centre of the frame", "central in the image, neither high nor low"]}
REL = {"left_of": ["to the patient's left of the {o}", "left of the {o}"],
       "right_of": ["to the patient's right of the {o}", "right of the {o}"],
       "anterior_to": ["anterior to the {o}", "in front of the {o}"],
       "posterior_to": ["posterior to the {o}", "behind the {o}"]}
_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
SIZE = {"small": ["small in this frame", "small relative to the view", "on the small side for the field of view"],
        "medium": ["medium-sized in the frame", "moderate in size relative to the view", "mid-sized on this image"],
        "large": ["large in the frame", "large for this field of view", "big relative to the field of view"]}


def lat_claim(value, rng, corrected=False):
    key = value
    v = {"onlyleft": "left", "onlyright": "right"}.get(value, value)
    return _m("laterality", v, rng.choice(LAT[key]), corrected)


def vert_claim(value, orient, rng, corrected=False):
    return _m("vertical", value, rng.choice((VERT_O if orient else VERT_N)[value]), corrected)


def rel_claim(rel, other, rng, corrected=False):
    return _m("relation", f"{rel}/{other}", rng.choice(REL[rel]).format(o=other), corrected)


def size_claim(value, rng, corrected=False):
    return _m("size", value, rng.choice(SIZE[value]), corrected)


def _pct_text(p: float) -> str:
    if p < 0.5:
        return f"{p:.2f}".rstrip("0").rstrip(".")
    return f"{p:.1f}".rstrip("0").rstrip(".") if p < 2 else f"{round(p)}"


def pct_claim(p, rng, corrected=False):
    t = _pct_text(p)
    text = rng.choice([f"about {t}% of the frame", f"roughly {t} per cent of the image", f"around {t}% of the picture"])
    return _m("pct", t, text, corrected)


def count_claim(n, noun, rng, corrected=False):
    one, many = noun
    if n == 1:
        text = rng.choice([f"a single {one}", f"one {one} only", f"a solitary {one}", f"just the one {one}"])
    else:
        num = _NUMW[n] if rng.random() < 0.7 else str(n)
        text = rng.choice([f"{num} separate {many}", f"{num} distinct {many}", f"{num} {many} in all"])
    return _m("count", n, text, corrected)


def clock_of(f) -> int | None:
    """A clock-face hour consistent with the centroid's side and height, or None (multi-piece or near centre)."""
    if f["components"] != 1:
        return None
    ox, oy = f["centroid_patient"]
    if (ox * ox + oy * oy) ** 0.5 < 0.12:
        return None
    ang = np.degrees(np.arctan2(ox, -oy)) % 360
    h = int(round(ang / 30)) % 12 or 12
    s, c = np.sin(np.radians(h * 30)), np.cos(np.radians(h * 30))
    sx = 0 if abs(ox) < 0.06 else (1 if ox > 0 else -1)
    sy = 0 if abs(oy) < 0.06 else (1 if oy < 0 else -1)
    ok_x = (abs(s) < 0.3) if sx == 0 else (s * sx > 0.3)
    ok_y = (abs(c) < 0.3) if sy == 0 else (c * sy > 0.3)
    return h if ok_x and ok_y else None


def clock_claim(h, rng):
    return _m("clock", h, rng.choice([f"at about {h} o'clock", f"at the {h} o'clock position", f"around {h} o'clock"]))


# -- the truth, as the writer uses it to choose true and false values ---------------------------------

def _true_lat(f):
    return f["laterality"]


def _false_lat(f, rng):
    t = f["laterality"]
    if t == "left":
        return rng.choice(["right", "right", "bilateral"])
    if t == "right":
        return rng.choice(["left", "left", "bilateral"])
    if t == "bilateral":
        return rng.choice(["onlyleft", "onlyright"])
    return rng.choice(["left", "right"])


def _false_vert(f, orient, rng):
    t = f["vertical"]
    if orient:
        return {"anterior": "posterior", "posterior": "anterior"}.get(t) or rng.choice(["anterior", "posterior"])
    return {"upper": "lower", "lower": "upper"}.get(t) or rng.choice(["upper", "lower"])


def _false_size(f, rng):
    t = f["size_class"]
    return {"small": "large", "large": "small"}.get(t) or rng.choice(["small", "large"])


def _false_pct(f, rng):
    a = f["area_fraction"] * 100
    if a < 1:
        return float(rng.choice([8, 12, 15, 20]))
    if a < 5:
        return float(rng.choice([0.2, 0.3])) if rng.random() < 0.5 else float(rng.choice([25, 30, 40]))
    return float(rng.choice([0.2, 0.4, 0.5]))


def _false_count(f, rng):
    n = f["components"]
    if n == 1:
        return rng.choice([2, 3])
    return n + 1 if rng.random() < 0.5 or n == 1 else n - 1


def _true_pct(f):
    a = f["area_fraction"] * 100
    return round(a, 2) if a < 0.5 else round(a, 1) if a < 2 else float(round(a))


# -- conversation -----------------------------------------------------------------------------------

def _capm(s: str) -> str:
    """Capitalise the first letter of a text that may start with a claim or trap mark."""
    m = re.match(r"(\[\[[^|\]]+\||\{\{)?(.)", s, re.S)
    i = m.start(2)
    return s[:i] + s[i].upper() + s[i + 1:]


_BED = ["bay 2", "bay 4", "bed 6", "side room 3", "trolley 5", "bay 1"]
_ATT = ["Dr Okafor", "Dr Lindqvist", "Dr Haddad", "Dr Brennan", "Dr Mistry"]
_PLAN = {"OGD": ["Follow-up OGD according to the findings; histology to clinic.", "PPI 40 mg twice daily, review histology in clinic.",
                 "Sips at 1 hour, light diet at 4 hours if obs are stable."],
         "flexible sigmoidoscopy": ["Histology to MDT; next scope in 3 years if benign.", "Fibre, fluids and review in 6 weeks.",
                                    "Home today once passing flatus."],
         "colonoscopy": ["Histology will decide the surveillance interval.", "Observe for 2 hours post procedure, then home with an escort.",
                         "Written advice given about delayed bleeding and whom to call."],
         "capsule endoscopy": ["Refer for double-balloon enteroscopy with APC.", "Iron infusion, 1 g ferric carboxymaltose, then recheck Hb in 4 weeks.",
                               "Discuss at the GI bleeding MDT on Thursday."]}


def _named_ask(p, rng):
    t = p["target"]
    return rng.choice([f"the {t}", f"the {t} on this image", f"the {t} we talked about in the huddle"])


def _q1(p, style, rng, named):
    ctx = rng.choice(p["ctx"])
    ask = _named_ask(p, rng) if named else rng.choice(p["ask"])
    proc = p["proc"]
    if style == "procnote":
        return rng.choice([
            f"Reading the {proc} note back for {rng.choice(_BED)}: {ctx}. On this frame, can you mark {ask}?",
            f"{_cap(proc)} note, dictating as we go. {_cap(ctx)}. Please outline {ask} on this still so it goes in the report.",
            f"For the procedure record: {ctx}. Show me {ask} on the captured image, and give me the findings line."])
    if style == "fellow":
        return rng.choice([
            f"{rng.choice(_ATT)}, quick one before the next case: {ctx}. Could you point out {ask} on this frame? I'd like to get the report {{{{right}}}}.",
            f"Sorry to interrupt. I'm the fellow on the list today and this is from the {proc}: {ctx}. Can you show me {ask}?",
            f"Trying to learn this properly. {_cap(ctx)}. On the still from the {proc}, where exactly is {ask}?"])
    if style == "markdown":
        return rng.choice([
            f"I'm reviewing {_an(proc)} image. Context: {ctx}. Please identify {ask} and walk me through it.",
            f"Here is a frame from {_an(proc)}. The patient: {ctx}. Can you outline {ask} and summarise the relevant points?",
            f"Help me interpret this {proc} still ({ctx}). I need {ask} highlighted, with a short structured summary."])
    return rng.choice([
        f"Taking over recovery from you. {_cap(rng.choice(_BED))}: {ctx}. Which bit on the screenshot is {ask}, so I know what they did?",
        f"Before you go, {rng.choice(_BED)} from the {proc} list: {ctx}. Can you show me {ask} on the picture they printed?",
        f"Handover please for {rng.choice(_BED)}. {_cap(ctx)}. Point me to {ask} on this image."])


def _plural(p):
    return p["target"] in ("esophageal varices", "fundic gland polyps", "duodenal ulcers", "internal haemorrhoids",
                           "sigmoid diverticula", "small-bowel angioectasias", "Crohn's ulcers")


def _an(word):
    return ("an " if word[:1].upper() in "AEIOU" or word.startswith("OGD") else "a ") + word


def _naming(p, style, rng):
    t = p["target"]
    be = "are" if _plural(p) else "is"
    if style == "procnote":
        return rng.choice([f"Findings: {t}, outlined here [SEG].", f"Finding of note is the {t} [SEG].",
                           f"The {t} {be} marked on the still [SEG]."])
    if style == "fellow":
        return rng.choice([f"{_cap(t)}. [SEG]", f"That's the {t}. [SEG]", f"{_cap(t)}, here: [SEG]."])
    if style == "markdown":
        return rng.choice([f"## Finding\n\nThe structure you're asking about is the **{t}** [SEG].",
                           f"### Answer\n\nThis is the **{t}**, segmented here: [SEG]",
                           f"## Identification\n\n**{_cap(t)}** [SEG]"])
    return rng.choice([f"That's the {t}, there: [SEG].", f"It's the {t} [SEG].", f"What you're looking at is the {t} [SEG]."])


# sentence frames: {c} is a claim mark, {k} the same capitalised
_FR = {
    "procnote": {"lat": ["Situated {c}.", "Lies {c}{clk}.", "It is {c}{clk}."],
                 "vert": ["Located {c}{clk}.", "It lies {c}.", "Seen {c}."],
                 "rel": ["It sits {c}.", "Position: {c}."],
                 "size": ["Appears {c}.", "It is {c}."],
                 "pct": ["Occupies {c}.", "It covers {c} on this capture."],
                 "count": ["{k}.", "There are {c}.", "Number: {c}."]},
    "fellow": {"lat": ["{k}{clk}.", "Sits {c}."], "vert": ["{k}.", "It's {c}{clk}."], "rel": ["{k}.", "Sits {c}."],
               "size": ["{k}.", "It's {c}."], "pct": ["Takes up {c}.", "{k}."], "count": ["{k}.", "Count them: {c}."]},
    "markdown": {"lat": ["- **Side:** {c}{clk}", "- Side: {c}"], "vert": ["- **Wall / position:** {c}{clk}", "- Position: {c}"],
                 "rel": ["- **Relation:** {c}", "- Landmark: {c}"], "size": ["- **Size in frame:** {c}", "- Size: {c}"],
                 "pct": ["- **Area:** {c}", "- Area in frame: {c}"], "count": ["- **Number:** {c}", "- Count: {c}"]},
    "handover": {"lat": ["It's {c}{clk}.", "Sits {c}."], "vert": ["It's {c}{clk}.", "Sits {c}."], "rel": ["It's {c}.", "Look {c}."],
                 "size": ["It's {c}.", "Looks {c}."], "pct": ["Takes up {c}.", "Covers {c}."],
                 "count": ["There are {c}.", "{k}."]},
}


def _sent(style, sub, mark, rng, clk=""):
    fr = rng.choice(_FR[style][sub])
    out = fr.format(c=mark, k=_capm(mark), clk=clk)
    return re.sub(r"There are (\[\[count:1[!|])", r"There is \1", out)


def _claim(kind, p, f, rng, false=False, sub=None, corrected=False):
    """(sub-kind, claim mark) for a defect kind ('laterality', 'position', 'size', 'count')."""
    o = p["orient"]
    if kind == "laterality":
        if false:
            return "lat", lat_claim(_false_lat(f, rng), rng, corrected)
        t = f["laterality"]
        if t in ("left", "right") and rng.random() < 0.15 and not corrected:
            return "lat", lat_claim("not_right" if t == "left" else "not_left", rng)
        return "lat", lat_claim(t, rng)
    if kind == "position":
        rels = [r for r in f["relations"]]
        sub = sub or ("rel" if rels and rng.random() < 0.5 else "vert")
        if sub == "rel":
            r = rng.choice(rels)
            rel = _FLIP[r["relation"]] if false else r["relation"]
            return "rel", rel_claim(rel, r["other"], rng, corrected)
        return "vert", vert_claim(_false_vert(f, o, rng) if false else f["vertical"], o, rng, corrected)
    if kind == "size":
        sub = sub or rng.choice(["size", "pct"])
        if sub == "pct":
            return "pct", pct_claim(_false_pct(f, rng) if false else _true_pct(f), rng, corrected)
        return "size", size_claim(_false_size(f, rng) if false else f["size_class"], rng, corrected)
    n = _false_count(f, rng) if false else f["components"]
    return "count", count_claim(n, p["noun"], rng, corrected)


def _clk(sub, f, rng):
    h = clock_of(f)
    if h is None or sub not in ("lat", "vert") or rng.random() < 0.4:
        return ""
    return ", " + clock_claim(h, rng)


_ASKQ = {
    "procnote": {"laterality": ["Which wall is it on, for the note?", "Can you give me the side for the findings line?"],
                 "position": ["And its position in the lumen, for the record?", "Where does it sit in relation to the landmarks?"],
                 "size": ["Size on the image, for the note?", "How much of the captured frame does it occupy?"],
                 "count": ["How many should I record?", "Is it one lesion or {{several}}, for the report?"],
                 "plan": ["What goes under the plan section?", "Any recommendations to dictate?"],
                 "quant": ["Give me the measurements to document.", "What numbers go into the report?"]},
    "fellow": {"laterality": ["Which side of the lumen is it on? I always get muddled in this view.",
                              "Could you tell me which side it is on? I want to describe it properly."],
               "position": ["Where exactly does it sit? I'm not confident about the walls in this view.",
                            "How would you describe its position for the report?"],
               "size": ["How {{big}} would you say it is on this frame?", "How much of the image does it actually take up?"],
               "count": ["How many are there? I'm not sure I'm counting them correctly.", "Is that more than one lesion?"],
               "plan": ["What would you do next, and what should I watch for?", "How would you manage it from here?"],
               "quant": ["What measurements would you put in the report?", "Which scores or classes should I document?"]},
    "markdown": {"laterality": ["Can you clarify which side it's on?", "Which side of the lumen is it on?"],
                 "position": ["Where exactly is it located?", "Can you describe its position in more detail?"],
                 "size": ["How {{large}} is it on this image?", "Can you quantify how much of the frame it covers?"],
                 "count": ["How many lesions are there?", "Is it one lesion or {{several}}?"],
                 "plan": ["What are the next steps?", "What management would you suggest?"],
                 "quant": ["Which measurements and classifications apply here?", "Can you list the key numbers?"]},
    "handover": {"laterality": ["Which side was it on, for the nursing notes?", "What side is it, in case they ask on the ward?"],
                 "position": ["Where was it exactly, in case the doctors ask?", "Whereabouts was it on the wall?"],
                 "size": ["Roughly how {{big}} is it on the picture?", "How much of the picture does it fill?"],
                 "count": ["How many of them were there?", "Was it just the one or more than that?"],
                 "plan": ["What's the plan for them now?", "Anything I need to watch for in recovery?"],
                 "quant": ["Any numbers I should pass on?", "What did they document for measurements?"]},
}

_PREMISE = {
    "laterality": ["Since it's {c}, does that change how you'd position the patient next time?",
                   "Given it's {c}, would you approach it any differently?"],
    "position": ["As it's {c}, is there anything extra to watch for?", "Since it sits {c}, does that make it harder to reach?"],
    "size": ["Given it's {c}, should I book a longer slot for treatment?", "As it's {c}, is that worth mentioning to the family?"],
    "count": ["With {c}, will one session be enough?", "Since there are {c}, do we need more kit for next time?"],
}
_PREMISE_ANS = ["The approach stays the same. {plan}", "Nothing changes for the next step. {plan}", "It doesn't alter the plan. {plan}",
                "Not really. {plan}"]
_CORR_Q = ["I had it down as {c}, is that correct?", "It's {c}, isn't it?", "The registrar said it was {c}. Fair?"]
_CORR_A = {"procnote": ["Correction for the record: it is {t}, not as stated.", "No. The finding is {t}."],
           "fellow": ["No. {T}.", "Not quite. {T}."],
           "markdown": ["**Not quite.** It is actually {t}.", "> Correction: it is {t}."],
           "handover": ["No, that's not it. It's {t}.", "Not quite, it's {t}."]}
_SLIP = ["{c}, sorry, let me correct that: {t}.", "{c}. Scratch that, it's {t}."]
_HYPO = {"laterality": {"left": "if it were {{on the patient's left}}", "right": "if it sat {{on the patient's right}}"},
         "count": "if there had been {{more than five}}"}


def _wrap_sub(sub):
    return {"lat": "laterality", "vert": "position", "rel": "position", "size": "size", "pct": "size", "count": "count"}[sub]


def build(p, f, style, rng, defect):
    o = p["orient"]
    avail = ["position", "size", "count"] + (["laterality"] if o else [])
    where = None if defect in (None, "names_target") else rng.choice(["first", "follow", "premise"])
    turns = [{"role": "user", "content": _q1(p, style, rng, defect == "names_target")}]

    # first answer
    k1 = rng.sample(avail, rng.randint(1, min(3, len(avail))))
    if where == "first" and defect not in k1:
        k1[0] = defect
    if where in ("follow", "premise") and defect in k1:
        k1.remove(defect)
    parts = [_naming(p, style, rng)]
    body = []
    for k in k1:
        bad = where == "first" and k == defect
        sub, mark = _claim(k, p, f, rng, false=bad)
        body.append(_sent(style, sub, mark, rng, "" if bad else _clk(sub, f, rng)))
    slip = defect is None and o and rng.random() < 0.25
    if slip:
        kk = rng.choice(["laterality", "position", "count"])
        sub, bad = _claim(kk, p, f, rng, false=True, corrected=True)
        _, good = _claim(kk, p, f, rng, sub=sub)
        body.append(_cap(rng.choice(_SLIP).format(c=_capm(bad), t=good)) if style != "markdown"
                    else "- " + rng.choice(_SLIP).format(c=_capm(bad), t=good))
    extra = [rng.choice(p["quant"]), rng.choice(p["know"])]
    if style == "markdown":
        txt = parts[0] + "\n\n### Key features\n" + "\n".join(b if b.startswith("-") else "- " + b for b in body)
        txt += "\n\n### Context\n" + "\n".join("- " + e for e in extra[: rng.randint(1, 2)])
    elif style == "fellow":
        txt = " ".join([parts[0]] + body + extra[:1])
    else:
        seq = body + extra[: rng.randint(1, 2)]
        txt = " ".join([parts[0]] + seq)
    turns.append({"role": "assistant", "content": txt})

    # follow-up rounds
    n_round = rng.randint(1, 3)
    topics = [k for k in avail if k not in k1] + ["plan", "quant"]
    rng.shuffle(topics)
    topics = topics[:n_round]
    if where in ("follow", "premise"):
        topics = [t for t in topics if t != defect][: n_round - 1]
        topics.insert(rng.randint(0, len(topics)), ("DEFECT", defect))
    corr_done = False
    for t in topics:
        if isinstance(t, tuple):
            k = t[1]
            if where == "premise":
                sub, bad = _claim(k, p, f, rng, false=True)
                q = rng.choice(_PREMISE[k]).format(c=bad)
                a = rng.choice(_PREMISE_ANS).format(plan=rng.choice(_PLAN[p["proc"]]))
            else:
                sub, bad = _claim(k, p, f, rng, false=True)
                q = rng.choice(_ASKQ[style][k])
                a = _sent(style, sub, bad, rng)
                if rng.random() < 0.5:
                    a += ("\n\n" if style == "markdown" else " ") + rng.choice(p["know"])
            turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
            continue
        if t in ("plan", "quant"):
            q = rng.choice(_ASKQ[style][t])
            src = _PLAN[p["proc"]] if t == "plan" else p["quant"]
            a = " ".join(rng.sample(src, 2))
            if style == "markdown":
                a = "### " + ("Next steps" if t == "plan" else "Measurements") + "\n" + "\n".join("- " + s for s in re.split(r"(?<=\.) ", a) if s)
            turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
            continue
        # a true-claim round; in clean rows sometimes a wrong premise that the assistant corrects
        if defect is None and not corr_done and rng.random() < 0.45:
            corr_done = True
            sub, bad = _claim(t, p, f, rng, false=True, corrected=True)
            _, good = _claim(t, p, f, rng, sub=sub)
            q = rng.choice(_CORR_Q).format(c=bad)
            a = rng.choice(_CORR_A[style]).format(t=good, T=_capm(good))
        else:
            sub, good = _claim(t, p, f, rng)
            q = rng.choice(_ASKQ[style][t])
            a = _sent(style, sub, good, rng, _clk(sub, f, rng))
        if t == "laterality" and f["laterality"] in ("left", "right") and rng.random() < 0.5:
            other = "right" if f["laterality"] == "left" else "left"
            a += ("\n\n" if style == "markdown" else " ") + _cap(_HYPO["laterality"][other]) + ", the plan would be no different."
        if t == "count" and f["components"] <= 5 and rng.random() < 0.4:
            a += ("\n\n" if style == "markdown" else " ") + _cap(_HYPO["count"]) + ", I would want a wider look at the rest of the mucosa."
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    if o is None and len(turns) <= 6 and rng.random() < 0.3:
        q = rng.choice(["Which side of the patient is it on?", "Is that on the patient's {{left or right}}?"])
        a = rng.choice(["On a PROC frame there is no fixed {{left or right}}; the view rotates with the scope, so I would "
                        "only describe where it sits in the image.",
                        "I can't give a patient side from this frame: the PROC view has no fixed orientation. "
                        "Any clock face here is only the image's."]).replace("PROC", p["proc"])
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    return _final(turns, defect)


_MARK = re.compile(r"\[\[(\w+):([^|\]]+)\|([^\]]+)\]\]")
_TRAP = re.compile(r"\{\{(.+?)\}\}")


def _final(turns, defect):
    claims = []
    out = []
    for i, t in enumerate(turns):
        s = t["content"]
        for m in _MARK.finditer(s):
            v = m.group(2)
            corrected = v.endswith("!")
            claims.append({"kind": m.group(1), "value": v.rstrip("!"), "corrected": corrected, "text": m.group(3),
                           "turn": i, "role": t["role"]})
        for m in _TRAP.finditer(s):
            claims.append({"kind": "trap", "value": None, "corrected": False, "text": m.group(1), "turn": i, "role": t["role"]})
        s = _TRAP.sub(lambda m: m.group(1), _MARK.sub(lambda m: m.group(3), s))
        out.append({"role": t["role"], "content": s})
    LEDGER.append(claims)
    return out, ([] if defect is None else [defect])
