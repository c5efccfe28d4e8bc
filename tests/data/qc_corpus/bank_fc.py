"""Bank FC: frontier-LLM answer formats on multi-organ abdominal CT labels (AMOS / TotalSegmentator style).

Targets (axial CT, orientation "LP"): pancreas, spleen (normal and enlarged), left / right adrenal gland,
adrenal glands (both, bilateral), gallbladder (normal and distended), aorta (normal and aneurysmal),
inferior vena cava, duodenum (one loop or two separate pieces), stomach (normal and distended), esophagus,
portal vein, kidney cyst (several cysts in one kidney, one cyst per kidney, one single cyst).
Registers: "gpt4o" (markdown headings, bold key facts, bullet lists, "Key findings:" / "Summary:" blocks),
"claude" (careful prose with parenthetical asides and caveat paragraphs), "gemini" (table-heavy,
| Property | Value | tables, arrows), "llama" (terse lists). Follow-up answers often quote the earlier answer.

Written without reading QC: the writer never opened medseg_qa/qc, the knowledge base, tests or bench.
Every claim about the mask is generated from the measured facts and logged in LEDGER (one entry per
built conversation) so the writer's own reader (notes/qcfc_scripts/check_fc.py) can verify it.
Own check figures (heldout_fc.jsonl, seed 20261286, notes/qcfc_scripts/check_fc.py): rows 420, clean 210,
42 of each defect kind; 3651 logged claims; false claims in clean rows 0; every defect row holds exactly one
false claim of its kind (101 in the first answer, 34 in a follow-up answer, 33 in a user premise); clean first
questions naming the target 0; 130/420 rows are midline, bilateral or multi-piece masks; problems 0.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["gpt4o", "claude", "gemini", "llama"]
LEDGER: list = []  # one list of claims per build() call, read by the writer's own checker

# neighbour centroids (normalised x, y on the image) used for relations
_N = {
    "aorta": (0.515, 0.59), "inferior vena cava": (0.41, 0.57), "left kidney": (0.72, 0.67),
    "right kidney": (0.30, 0.67), "vertebral body": (0.50, 0.72), "spleen": (0.80, 0.58),
    "stomach": (0.68, 0.36), "duodenum": (0.40, 0.50), "liver": (0.27, 0.44),
}


def _o(*names, **extra):
    d = {n: _N[n] for n in names}
    d.update(extra)
    return d


PROFILES = [
    {"target": "pancreas", "key": "pancreas", "ell": [(150, 104, 40, 9, -12)],
     "others": _o("aorta", "left kidney", "inferior vena cava")},
    {"target": "spleen", "key": "spleen", "ell": [(202, 148, 22, 34, 20)],
     "others": _o("left kidney", "stomach", "aorta")},
    {"target": "spleen", "key": "spleen", "ell": [(196, 132, 34, 50, 15)],
     "others": _o("left kidney", "aorta", **{"stomach": (0.62, 0.36)})},
    {"target": "left adrenal gland", "key": "adrenal", "ell": [(166, 150, 5, 11, -30)],
     "others": _o("aorta", "left kidney")},
    {"target": "right adrenal gland", "key": "adrenal", "ell": [(86, 148, 5, 11, 30)],
     "others": _o("inferior vena cava", "right kidney")},
    {"target": "adrenal glands", "key": "adrenals", "ell": [(86, 148, 5, 11, 30), (166, 150, 5, 11, -30)],
     "others": _o("vertebral body", "aorta")},
    {"target": "gallbladder", "key": "gallbladder", "ell": [(78, 122, 11, 16, -20)],
     "others": _o("duodenum", "right kidney")},
    {"target": "gallbladder", "key": "gallbladder", "ell": [(80, 118, 17, 24, -20)],
     "others": _o("duodenum", "right kidney")},
    {"target": "aorta", "key": "aorta", "ell": [(131, 151, 10, 10, 0)],
     "others": _o("inferior vena cava", "vertebral body")},
    {"target": "aorta", "key": "aorta", "ell": [(133, 146, 23, 22, 0)],
     "others": _o("inferior vena cava", "vertebral body")},
    {"target": "inferior vena cava", "key": "ivc", "ell": [(104, 147, 10, 8, 0)],
     "others": _o("aorta", "right kidney")},
    {"target": "duodenum", "key": "duodenum", "ell": [(98, 122, 9, 15, 0), (138, 158, 18, 7, 0)],
     "others": _o("aorta", **{"gallbladder": (0.25, 0.47)})},
    {"target": "duodenum", "key": "duodenum", "ell": [(100, 125, 10, 16, 10)],
     "others": _o("aorta", **{"gallbladder": (0.25, 0.47)})},
    {"target": "stomach", "key": "stomach", "ell": [(176, 96, 34, 24, 15)],
     "others": _o("spleen", **{"pancreas": (0.58, 0.45)})},
    {"target": "stomach", "key": "stomach", "ell": [(170, 100, 44, 32, 10)],
     "others": _o("spleen", **{"pancreas": (0.58, 0.48)})},
    {"target": "esophagus", "key": "esophagus", "ell": [(136, 122, 7, 6, 0)],
     "others": _o("aorta", "vertebral body")},
    {"target": "portal vein", "key": "portal", "ell": [(108, 118, 15, 6, -35)],
     "others": _o("inferior vena cava", **{"pancreas": (0.60, 0.38)})},
    {"target": "kidney cyst", "key": "cysts", "ell": [(180, 160, 7, 7, 0), (195, 172, 5, 5, 0), (176, 180, 6, 6, 0)],
     "others": _o("aorta")},
    {"target": "kidney cyst", "key": "cysts", "ell": [(70, 162, 9, 9, 0), (190, 166, 10, 10, 0)],
     "others": _o("aorta", "vertebral body")},
    {"target": "kidney cyst", "key": "cysts", "ell": [(62, 158, 16, 15, 0)],
     "others": _o("aorta", "inferior vena cava")},
]


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    h = w = 256
    yy, xx = np.mgrid[0:h, 0:w]
    dx, dy = rng.randint(-2, 2), rng.randint(-2, 2)
    m = np.zeros((h, w), bool)
    for cx, cy, a, b, ang in p["ell"]:
        t = math.radians(ang)
        u = (xx - cx - dx) * math.cos(t) + (yy - cy - dy) * math.sin(t)
        v = -(xx - cx - dx) * math.sin(t) + (yy - cy - dy) * math.cos(t)
        m |= (u / a) ** 2 + (v / b) ** 2 <= 1.0
    return compute_facts(m, "LP", dict(p["others"])).model_dump(mode="json")


def record_for(p):
    return {"modality": "CT", "body_region": "abdomen", "orientation": "LP"}


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)


# ----------------------------------------------------------------------------------------------------
# per-target words: display name, subject synonyms, first questions (target never named), named questions,
# knowledge sentences (true; about other structures, population figures, thresholds)

T = {
    "pancreas": dict(
        name="pancreas", syn=["the gland", "the organ", "the pancreas"], piece="region",
        q=["Which organ on this slice makes both insulin and the main digestive enzymes? Please segment it.",
           "Patient with epigastric pain boring through to the back and a lipase of 2,400 U/L. Can you outline the organ most likely inflamed?",
           "Segment the retroperitoneal gland that contains the islets of Langerhans.",
           "A Whipple procedure removes part of which organ? Show me it on this CT.",
           "Which organ has a head tucked into the duodenal C-loop and a tail near the splenic hilum? Segment it for me."],
        named=["Can you segment the pancreas on this abdominal CT slice?", "Please outline the pancreatic parenchyma here.",
               "Segment the pancreas (AMOS label 11) for me."],
        know=["The splenic vein runs along the back of the gland toward the portal confluence.",
              "The superior mesenteric artery arises from the aorta about 1 cm below the coeliac trunk.",
              "Incidental cystic lesions of this organ are reported in roughly 2–3% of adults on CT, more with age.",
              "The left renal vein normally crosses in front of the aorta, just under the SMA origin."]),
    "spleen": dict(
        name="spleen", syn=["the organ", "the spleen"], piece="region",
        q=["Which organ removes old red blood cells and can be enlarged in glandular fever? Segment it.",
           "Left upper quadrant pain after a bike crash, Kehr's sign positive. Outline the organ you'd worry about rupturing.",
           "Please segment the largest lymphoid organ in the body on this slice.",
           "Which organ gets removed in refractory ITP? Can you find it here?"],
        named=["Segment the spleen on this CT, please.", "Outline the splenic parenchyma on this slice.",
               "Can you mask the spleen (TotalSegmentator 'spleen')?"],
        know=["Accessory spleens (splenules) are found in about 10–30% of people, usually near the hilum.",
              "The left kidney is the usual neighbour behind and below in most patients, and the tail of the pancreas reaches the hilum.",
              "A craniocaudal length above about 13 cm is the common adult cut-off for enlargement.",
              "Ribs 9 to 11 on the left overlie this area, which is why lower left rib fractures raise concern."]),
    "adrenal": dict(
        name="adrenal gland", syn=["the gland", "the adrenal", "this structure"], piece="limb",
        q=["Which small endocrine gland makes cortisol and aldosterone? It should be just above the kidney on this side. Please segment it.",
           "Outline the structure where a phaeochromocytoma would arise, near the upper pole of the kidney.",
           "Segment the gland capping the kidney on this side — the one you'd sample in suspected Conn's.",
           "Patient with resistant hypertension and low potassium: show me the small gland that might hold a Conn adenoma."],
        named=["Segment the {t} on this CT.", "Please outline the {t} (AMOS label).", "Can you mask the adrenal here?"],
        know=["Incidental adrenal nodules turn up on roughly 3–7% of abdominal CTs, more in older patients.",
              "The right adrenal vein is very short, which makes right-sided venous sampling harder.",
              "An adenoma under 10 HU on unenhanced CT is almost always benign.",
              "The left adrenal vein drains into the left renal vein; the right drains straight into the IVC."]),
    "adrenals": dict(
        name="adrenal glands", syn=["the mask", "the segmentation", "the outline"], piece="gland",
        q=["Which paired endocrine glands sit on top of the kidneys? Segment both of them.",
           "Outline the glands that make cortisol, aldosterone and epinephrine — both sides please.",
           "Patient with Cushing's: segment the paired glands that could be hyperplastic."],
        named=["Segment both adrenal glands here.", "Please outline the adrenals on this slice.",
               "Mask the suprarenal glands on this CT."],
        know=["Incidental adrenal nodules turn up on roughly 3–7% of abdominal CTs.",
              "The right adrenal vein is very short and drains straight into the IVC.",
              "Each limb is normally thinner than about 5 mm — thicker than the adjacent crus suggests hyperplasia."]),
    "gallbladder": dict(
        name="gallbladder", syn=["the organ", "the sac", "the gallbladder"], piece="region",
        q=["Which pear-shaped sac stores and concentrates bile? Please segment it.",
           "Right upper quadrant pain after fatty meals, positive Murphy's sign — outline the organ you'd suspect.",
           "Segment the organ removed in the commonest elective keyhole operation for biliary colic.",
           "Where is bile stored between meals? Show me on this CT."],
        named=["Segment the gallbladder on this slice.", "Please outline the gall bladder.",
               "Can you mask the gallbladder (AMOS label 4)?"],
        know=["Stones in this organ are present in roughly 10–15% of adults in Western populations.",
              "A wall thicker than about 3 mm is generally considered abnormal.",
              "The common bile duct runs down behind the first part of the duodenum toward the papilla.",
              "The liver's segments IVb and V border the fossa it sits in."]),
    "aorta": dict(
        name="aorta", syn=["the vessel", "the artery", "the aorta"], piece="region",
        q=["Segment the largest artery in the abdomen.",
           "72-year-old smoker with a pulsatile abdominal mass. Outline the vessel involved.",
           "Which vessel gives off the coeliac trunk and the SMA? Please segment it.",
           "Outline the main arterial trunk that runs down in front of the spine here."],
        named=["Segment the aorta on this CT.", "Outline the abdominal aorta please.",
               "Can you mask the aortic lumen and wall?"],
        know=["An abdominal aneurysm is usually defined as a diameter of 3 cm or more.",
              "Screening studies find aneurysms in roughly 4–8% of men over 65.",
              "The left renal vein normally passes in front of it, just below the SMA origin; a retroaortic left renal vein occurs in a few percent of people.",
              "The IVC runs alongside on the patient's right."]),
    "ivc": dict(
        name="inferior vena cava", syn=["the vessel", "the vein", "the IVC", "the cava"], piece="region",
        q=["Outline the large vein returning blood from the legs and abdomen to the right atrium.",
           "Where would a filter go for recurrent PE despite anticoagulation? Segment that vessel.",
           "Which vein do the renal veins drain into? Please segment it on this slice.",
           "Segment the biggest vein in the abdomen."],
        named=["Segment the inferior vena cava.", "Please outline the IVC.", "Mask the vena cava on this slice."],
        know=["A left-sided IVC occurs in roughly 0.2–0.5% of people, a duplicated one in about 1–3%.",
              "The right gonadal vein drains straight into it, whereas the left gonadal vein joins the left renal vein.",
              "Its calibre changes a lot with breathing and fluid status, so a flat vessel is not by itself abnormal.",
              "The aorta is its arterial companion, usually on the patient's left."]),
    "duodenum": dict(
        name="duodenum", syn=["the bowel", "the loop", "the duodenum"], piece="segment",
        q=["Which part of the small bowel receives bile and pancreatic juice? Please segment it.",
           "Hunger pain relieved by eating, H. pylori positive, on NSAIDs — outline the bowel segment where that ulcer usually sits.",
           "Segment the C-shaped first part of the small intestine.",
           "Where does the ampulla of Vater open? Show me that bowel on this CT."],
        named=["Segment the duodenum on this slice.", "Please outline the duodenal loop.",
               "Can you mask the duodenum (AMOS label 13)?"],
        know=["The ampulla of Vater opens into the second part, on its medial wall.",
              "The superior mesenteric artery and vein cross in front of the third part.",
              "Diverticula of this segment are found in up to about 20% of autopsy series.",
              "The head of the pancreas sits inside its C-shaped curve."]),
    "stomach": dict(
        name="stomach", syn=["the organ", "the stomach", "the viscus"], piece="region",
        q=["Where is swallowed food mixed with acid and pepsin? Please segment that organ.",
           "Which organ makes intrinsic factor? Outline it on this CT.",
           "Upper abdominal fullness and early satiety — segment the hollow organ between the oesophagus and the duodenum.",
           "Segment the organ that a sleeve resection for obesity makes smaller."],
        named=["Segment the stomach on this slice.", "Outline the stomach please.",
               "Mask the gastric wall and lumen."],
        know=["The left gastric artery comes off the coeliac trunk, and the short gastric arteries come from the splenic artery.",
              "A sliding hiatus hernia is common on CT, reported in perhaps 10–20% of adults.",
              "Wall thickness depends a lot on distension, so a collapsed organ can look thick.",
              "The transverse colon hangs below it from the greater curvature."]),
    "esophagus": dict(
        name="esophagus", syn=["the tube", "the oesophagus", "the structure"], piece="region",
        q=["Segment the muscular tube that carries swallowed food down through the chest to the abdomen.",
           "Progressive trouble swallowing solids and suspected Barrett's — outline the structure involved.",
           "Which structure passes through the diaphragm at about T10 with the vagal trunks? Please segment it.",
           "Show me the swallowing tube on this slice."],
        named=["Segment the esophagus on this slice.", "Outline the oesophagus please.",
               "Can you mask the distal esophagus?"],
        know=["Barrett's metaplasia is found in about 1–2% of the general population.",
              "The azygos vein runs up on the right side of the vertebral bodies.",
              "The thoracic duct ascends between the aorta and the azygos vein.",
              "A wall thicker than about 5 mm is often quoted as abnormal when it is distended."]),
    "portal": dict(
        name="portal vein", syn=["the vessel", "the vein", "the portal vein"], piece="region",
        q=["Which vein carries nutrient-rich blood from the gut to the liver? Segment it.",
           "Outline the vessel formed behind the neck of the pancreas by the splenic and superior mesenteric veins.",
           "Cirrhotic patient, check for thrombosis: segment the main vessel that feeds the liver from the gut.",
           "Which vessel supplies about 75% of the liver's blood? Show me on this CT."],
        named=["Segment the portal vein.", "Please outline the main portal vein on this slice.",
               "Can you mask the portal vein (TotalSegmentator 'portal_vein_and_splenic_vein')?"],
        know=["A main trunk diameter above about 13 mm suggests raised pressure.",
              "It divides at the hilum into right and left branches.",
              "The hepatic artery and the common bile duct run in front of it in the hepatoduodenal ligament.",
              "Thrombosis is reported in roughly 10–25% of people with cirrhosis."]),
    "cysts": dict(
        name="kidney cysts", syn=["the mask", "the segmentation"], piece="lesion",
        q=["There are some round, water-density, thin-walled lesions on this slice (I think Bosniak I). Can you segment them?",
           "Incidental fluid-filled lesions in the organs that make urine — please outline them.",
           "Segment the simple fluid-attenuation lesions in the retroperitoneal organs that filter the blood.",
           "The report mentions Bosniak category I lesions. Show me them on this CT."],
        named=["Segment the kidney cysts on this slice.", "Please outline the renal cysts.",
               "Mask every simple renal cyst here."],
        know=["Simple cysts of this kind are found in more than a quarter of adults over 50.",
              "The left renal vein passes in front of the aorta to reach the IVC.",
              "A Bosniak I cyst needs no follow-up; enhancing septa or nodules would change that.",
              "Autosomal dominant polycystic disease affects roughly 1 in 1,000 people."]),
}

FORBID = {  # words that name the target (used to keep clean questions free of them)
    "pancreas": ["pancrea"], "spleen": ["spleen", "splen", "lien"], "adrenal": ["adrenal", "suprarenal"],
    "adrenals": ["adrenal", "suprarenal"], "gallbladder": ["gallbladder", "gall bladder", "cholecyst"],
    "aorta": ["aort"], "ivc": ["vena cava", "ivc", "caval", "cava "], "duodenum": ["duoden"],
    "stomach": ["stomach", "gastr"], "esophagus": ["esophag", "oesophag", "gullet", "food pipe"],
    "portal": ["portal"], "cysts": ["kidney", "renal", "cyst"],
}

_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior"}
_REL_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
             "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def _pct(x):
    return f"{x:.2f}%" if x < 1 else f"{x:.1f}%"


def _cap(s):
    return s[0].upper() + s[1:]


# ---------------------------------------------------------------------------------------------- phrases

def lat_short(v, r):
    return r.choice({
        "left": ["Patient's left", "Left (patient's left)", "Left of midline", "Left-sided"],
        "right": ["Patient's right", "Right (patient's right)", "Right of midline", "Right-sided"],
        "midline": ["Midline", "Central / midline", "On the midline"],
        "bilateral": ["Bilateral", "Both sides (left and right)", "Bilateral – one on each side"],
    }[v])


def lat_sent(s, v, r):
    return r.choice({
        "left": [f"{_cap(s)} lies on the patient's left.", f"{_cap(s)} is left-sided.",
                 f"{_cap(s)} sits to the left of the midline (patient's left).",
                 f"Side-wise, {s} is on the patient's left."],
        "right": [f"{_cap(s)} lies on the patient's right.", f"{_cap(s)} is right-sided.",
                  f"{_cap(s)} sits to the right of the midline (patient's right).",
                  f"Side-wise, {s} is on the patient's right."],
        "midline": [f"{_cap(s)} sits in the midline.", f"{_cap(s)} is centred on the midline.",
                    f"Side-wise, {s} is essentially midline."],
        "bilateral": [f"{_cap(s)} is bilateral, with a part on each side of the midline.",
                      f"{_cap(s)} shows up on both the left and the right.",
                      f"Side-wise, {s} is bilateral."],
    }[v])


def lat_premise(v, r):
    return r.choice({
        "left": ["Since it's on the patient's left,", "Given that it's left-sided,"],
        "right": ["Since it's on the patient's right,", "Given that it's right-sided,"],
        "midline": ["Since it sits right in the midline,", "Given that it's a midline structure here,"],
        "bilateral": ["Since it's on both sides,", "Given that it's bilateral,"],
    }[v])


def vert_short(v, r):
    return r.choice({
        "anterior": ["Anterior", "Anterior (toward the front)", "Front half of the slice"],
        "posterior": ["Posterior", "Posterior (toward the back)", "Back half of the slice"],
        "central": ["Central (mid-depth)", "Mid-depth front-to-back", "Central AP position"],
    }[v])


def vert_sent(s, v, r):
    return r.choice({
        "anterior": [f"{_cap(s)} lies anteriorly.", f"{_cap(s)} is in the anterior part of the abdomen.",
                     f"Front-to-back, {s} sits toward the front (anterior)."],
        "posterior": [f"{_cap(s)} lies posteriorly.", f"{_cap(s)} is toward the back of the abdomen, i.e. posterior.",
                      f"Front-to-back, {s} sits toward the back (posterior)."],
        "central": [f"{_cap(s)} sits at about mid-depth, so central rather than anterior or posterior.",
                    f"Front-to-back, {s} is roughly central.", f"{_cap(s)} is central in the AP direction."],
    }[v])


def vert_premise(v, r):
    return r.choice({
        "anterior": ["Since it sits toward the front,", "Given that it's anterior,"],
        "posterior": ["Since it sits toward the back,", "Given that it's posterior,"],
        "central": ["Since it's at mid-depth front-to-back,", "Given that it's central front-to-back,"],
    }[v])


_CLS = {"small": ["small"], "medium": ["medium-sized", "moderate in size", "mid-sized"], "large": ["large"]}


def size_word(v, r):
    return r.choice(_CLS[v])


def count_short(n, piece, r):
    if n == 1:
        return r.choice(["1 (single connected region)", "One contiguous piece", "Single component"])
    w = _NUM.get(n, str(n))
    return r.choice([f"{n} separate {piece}s", f"{_cap(w)} discrete {piece}s", f"{n} components"])


def count_sent(s, n, piece, r):
    if n == 1:
        return r.choice([f"{_cap(s)} is one contiguous region.", "It's a single connected component.",
                         f"{_cap(s)} forms a single piece."])
    w = _NUM.get(n, str(n))
    return r.choice([f"{_cap(s)} is made of {n} separate {piece}s.", f"There are {w} distinct {piece}s.",
                     f"{_cap(s)} comes as {w} separate pieces."])


def count_premise(n, piece, r):
    if n == 1:
        return r.choice(["Since it's just one piece,", "Given that it's a single region,"])
    w = _NUM.get(n, str(n))
    return r.choice([f"With {w} separate {piece}s,", f"Since there are {n} pieces,"])


def rel_text(rel, other, r):
    return r.choice({
        "left_of": [f"to the patient's left of the {other}", f"left of the {other}"],
        "right_of": [f"to the patient's right of the {other}", f"right of the {other}"],
        "anterior_to": [f"in front of the {other}", f"anterior to the {other}"],
        "posterior_to": [f"behind the {other}", f"posterior to the {other}"],
    }[rel])


# ------------------------------------------------------------------------------------------------- build

class _Conv:
    def __init__(self):
        self.turns, self.claims = [], []

    def add(self, role, text, claims):
        idx = len(self.turns)
        self.turns.append({"role": role, "content": text})
        for c in claims:
            c["turn"] = idx
            self.claims.append(c)


def _claim(kind, value, snippet, false=False, **kw):
    d = {"kind": kind, "value": value, "snippet": snippet, "planted": false}
    d.update(kw)
    return d


def build(p, facts, style, rng, defect):
    r = rng
    info = T[p["key"]]
    name = p["target"] if p["key"] not in ("adrenals", "cysts") else info["name"]
    piece = info["piece"]
    lat, vert, sc = facts["laterality"], facts["vertical"], facts["size_class"]
    pct, n = 100.0 * facts["area_fraction"], facts["components"]
    rels = [(x["relation"], x["other"]) for x in facts["relations"] if x["relation"] in
            ("left_of", "right_of", "anterior_to", "posterior_to")]
    conv = _Conv()

    # --- where the defect goes and what it says
    loc, sub = None, None
    if defect in ("laterality", "position", "size", "count"):
        x = r.random()
        loc = "user" if x < 0.2 else "follow" if x < 0.4 else "first"
    if defect == "laterality":
        wrong_lat = {"left": r.choice(["right", "right", "midline"]), "right": r.choice(["left", "left", "midline"]),
                     "midline": r.choice(["left", "right"]), "bilateral": r.choice(["left", "right"])}[lat]
    if defect == "position":
        sub = "rel" if rels and r.random() < 0.4 else "vert"
        if sub == "vert":
            wrong_vert = {"anterior": r.choice(["posterior", "posterior", "central"]),
                          "posterior": r.choice(["anterior", "anterior", "central"]),
                          "central": r.choice(["anterior", "posterior"])}[vert]
        else:
            bad_rel = r.choice(rels)
            wrong_rel = (_REL_FLIP[bad_rel[0]], bad_rel[1])
    if defect == "size":
        sub = r.choice(["cls", "pct"])
        wrong_cls = r.choice([c for c in ("small", "medium", "large") if c != sc])
        wrong_pct = pct * r.uniform(3.0, 5.0) if (pct < 2 or (pct < 5 and r.random() < 0.5)) else pct / r.uniform(3.0, 5.0)
    if defect == "count":
        wrong_n = (r.choice([2, 3]) if n == 1 else r.choice([n - 1, n + 1]))
    dkind = {"laterality": "lat", "position": "pos", "size": "size", "count": "count"}.get(defect)

    # --- first user question
    if defect == "names_target":
        q = r.choice(info["named"]).format(t=p["target"])
        q = r.choice(["", "AMOS case, axial slice. ", "Quick one: ", "Hi! "]) + q
        q += r.choice(["", " And tell me where it is.", " Include a short description."])
    else:
        q = r.choice(info["q"])
        q = r.choice(["", "Axial CT of the upper abdomen. ", "Working through an AMOS scan. ", ""]) + q
        q += r.choice(["", " Please include side, position and size.", " Keep it brief.",
                       " Describe what you find."])
    conv.add("user", q, [])

    # --- which facts the first answer states (the defect kind is left out there unless loc == first)
    want = {"lat": r.random() < 0.85, "vert": r.random() < 0.7, "cls": r.random() < 0.75,
            "pct": r.random() < 0.6, "count": r.random() < 0.65, "rel": r.random() < 0.6}
    if loc in ("user", "follow"):
        for k in {"lat": ["lat"], "pos": ["vert", "rel"], "size": ["cls", "pct"], "count": ["count"]}[dkind]:
            want[k] = False
    if loc == "first":
        if dkind == "lat":
            want["lat"] = True
        elif dkind == "pos":
            want["vert" if sub == "vert" else "rel"] = True
        elif dkind == "size":
            want[sub] = True
        elif dkind == "count":
            want["count"] = True
    first_rels = []
    if want["rel"] and rels:
        first_rels = r.sample(rels, min(len(rels), r.choice([1, 2])))
        if loc == "first" and sub == "rel" and bad_rel not in first_rels:
            first_rels[0] = bad_rel

    claims, items = [], []  # items: (label, short text, sentence text)
    pool = info["syn"] + ["the segmented region", "the mask", "it", "it"]
    subj = r.choice(pool)

    def one(kind, label, short, sent, value, planted=False, **kw):
        items.append((label, short, sent, kind))
        claims.append(_claim(kind, value, short, planted, alt=sent, **kw))

    if want["lat"]:
        v = wrong_lat if (loc == "first" and dkind == "lat") else lat
        one("lat", "Side", lat_short(v, r), lat_sent(r.choice(pool), v, r), v, v != lat)
    if want["vert"]:
        v = wrong_vert if (loc == "first" and dkind == "pos" and sub == "vert") else vert
        one("vert", "Position (front/back)", vert_short(v, r), vert_sent(r.choice(pool), v, r), v, v != vert)
    for rel in first_rels:
        v = wrong_rel if (loc == "first" and dkind == "pos" and sub == "rel" and rel == bad_rel) else rel
        t = rel_text(v[0], v[1], r)
        one("rel", f"Relation to {v[1]}", _cap(t), f"{_cap(r.choice(pool))} lies {t}.", list(v), v != rel)
    if want["cls"] or want["pct"]:
        cv = wrong_cls if (loc == "first" and dkind == "size" and sub == "cls") else sc
        pv = wrong_pct if (loc == "first" and dkind == "size" and sub == "pct") else pct
        w = size_word(cv, r)
        if want["cls"] and want["pct"]:
            short = f"{_cap(w)} (~{_pct(pv)} of the image)"
            sent = f"{_cap(subj)} is {w}, covering about {_pct(pv)} of the slice."
            items.append(("Size", short, sent, "size"))
            claims.append(_claim("size", cv, w, cv != sc))
            claims.append(_claim("pct", round(pv, 3), _pct(pv), dkind == "size" and sub == "pct" and loc == "first"))
        elif want["cls"]:
            one("size", "Size", _cap(w), f"On this slice {subj} is {w}.", cv, cv != sc)
            claims[-1]["snippet"] = claims[-1]["alt"] = w
        else:
            one("pct", "Area", f"≈{_pct(pv)} of the image", f"{_cap(subj)} covers roughly {_pct(pv)} of the image.",
                round(pv, 3), dkind == "size" and sub == "pct" and loc == "first")
            claims[-1]["snippet"] = claims[-1]["alt"] = _pct(pv)
    if want["count"]:
        v = wrong_n if (loc == "first" and dkind == "count") else n
        one("count", "Components", count_short(v, piece, r), count_sent(r.choice(pool), v, piece, r), v, v != n)

    # distractors for the first answer
    extras = []
    if lat in ("left", "right") and dkind != "lat" and r.random() < 0.6:
        side_img = "right" if lat == "left" else "left"
        txt, snip = r.choice([
            (f"(On screen it appears on the image's {side_img}, which by radiological convention is the patient's {lat}.)", f"patient's {lat}"),
            (f"Note the display convention: image {side_img} → patient {lat}.", f"patient {lat}"),
            (f"It shows on the {side_img} half of the picture; axial CT is viewed from the feet, so that is the patient's {lat}.", f"patient's {lat}")])
        extras.append((txt, [_claim("lat", lat, snip)]))
    elif lat in ("midline", "bilateral") and r.random() < 0.5:
        extras.append(("Remember that axial CT is displayed as if looking up from the feet, so the image's right is the patient's left.", []))
    if dkind != "lat" and r.random() < 0.5:
        if lat in ("left", "right"):
            extras.append((f"It is not on the patient's {_OPP[lat]}.", [_claim("not_lat", _OPP[lat], f"not on the patient's {_OPP[lat]}")]))
        elif lat == "midline":
            extras.append(("It isn't lateralised to either side.", [_claim("not_lat", "left", "lateralised"),
                                                                     _claim("not_lat", "right", "lateralised")]))
        else:
            extras.append(("It is not confined to one side.", [_claim("lat", "bilateral", "not confined to one side")]))
    if dkind != "size" and r.random() < 0.4:
        if sc == "small":
            extras.append(("Anything over about 1% of the image would count as medium here; this stays below that.",
                           [_claim("not_size", "medium", "stays below that"), _claim("not_size", "large", "stays below that")]))
        elif sc == "medium":
            extras.append(("If it covered 5% of the slice or more I'd call it large; it doesn't get there.",
                           [_claim("not_size", "large", "doesn't get there")]))
        else:
            extras.append(("Structures under about 5% of the image would be medium or small; this one is well past that.",
                           [_claim("size", "large", "well past that")]))
    if dkind != "pos" and r.random() < 0.35:
        ov = r.choice([v for v in ("anterior", "posterior", "central") if v != vert])
        extras.append((f"It is not {ov} on this slice.", [_claim("not_vert", ov, f"not {ov}")]))
    know = r.sample(info["know"], r.choice([1, 1, 2]))
    caveat = r.choice([
        "This is an automated outline on a single axial slice, not a diagnosis — please have a radiologist confirm.",
        "Caveat: percentages are of the whole image, not millilitres, and one slice can't show the full extent.",
        "I can only see this one slice, so the outline may miss parts above or below it.",
        "Disclaimer: for education only; measurements on one slice are approximate."])

    a1 = _render_first(style, name, items, extras, know, caveat, r)
    for c in claims:
        if c["snippet"].lower() not in a1.lower():
            c["snippet"] = c.get("alt", c["snippet"])
    conv.add("assistant", a1, claims + [c for _, cs in extras for c in cs])
    first_true = [c for c in claims if not c["planted"]]

    # --- follow-up rounds
    nrounds = r.choice([1, 2])
    topics_done = set()
    defect_round = None
    if loc in ("user", "follow"):
        defect_round = r.randrange(nrounds)
    for k in range(nrounds):
        if k == defect_round:
            uq, ua, uc, ac = _defect_round(loc, dkind, sub, locals(), r)
        else:
            uq, ua, uc, ac = _clean_round(style, name, subj, piece, facts, rels, dkind, topics_done, first_true, info, r)
        conv.add("user", uq, uc)
        conv.add("assistant", ua, ac)

    expected = [] if defect is None else [defect]
    LEDGER.append(conv.claims)
    return conv.turns, expected


def _render_first(style, name, items, extras, know, caveat, r):
    ex = " ".join(e for e, _ in extras)
    kn = " ".join(know)
    if style == "gpt4o":
        head = r.choice(["### Segmentation result", "## Result", "### Identified structure"])
        lines = [head, "", r.choice([f"The highlighted structure is the **{name}** [SEG].",
                                     f"This is the **{name}** — segmentation: [SEG]",
                                     f"**Structure:** {name} [SEG]"]), ""]
        if items:
            lines.append(r.choice(["**Key findings:**", "**Key facts:**", "#### Key findings"]))
            lines += [f"- **{lab}:** {short}" for lab, short, _, _ in items]
            lines.append("")
        if ex:
            lines += [ex, ""]
        lines += [f"**Clinical context:** {kn}", "", f"> {caveat}"]
        return "\n".join(lines)
    if style == "claude":
        if name.endswith("s"):
            open_ = r.choice([f"These look like {name}, and I've outlined them here: [SEG].",
                              f"I've segmented the {name} [SEG].",
                              f"What you're describing are the {name} — I've marked them [SEG]."])
        else:
            open_ = r.choice([f"This looks like the {name}, and I've outlined it here: [SEG].",
                              f"I've segmented the {name} [SEG].",
                              f"The structure you're describing is the {name} — I've marked it [SEG]."])
        body = " ".join(s for _, _, s, _ in items)
        parts = [open_]
        if body:
            parts.append(r.choice(["A few observations, with the usual caveat that I'm working from a single slice: ",
                                   "Some details (worth double-checking on adjacent slices): ", ""]) + body)
        if ex:
            parts.append(ex)
        parts.append(kn + r.choice(["", " (That's general background rather than something I can read off this image.)"]))
        parts.append(caveat)
        return "\n\n".join(parts)
    if style == "gemini":
        lines = [r.choice([f"Here's the segmentation: **{_cap(name)}** [SEG]",
                           f"**{_cap(name)}** → segmented [SEG]", f"Identified: **{name}** [SEG]"]), ""]
        lines += ["| Property | Value |", "|---|---|", f"| Structure | {_cap(name)} |"]
        lines += [f"| {lab} | {short} |" for lab, short, _, _ in items]
        lines.append("")
        if ex:
            lines += [ex, ""]
        lines += ["**Notes**", f"* {kn}", f"* {caveat}"]
        return "\n".join(lines)
    # llama: terse list
    lines = [r.choice([f"{_cap(name)} [SEG]", f"Segmented: {name} [SEG]", f"{name} - [SEG]"])]
    lines += [f"- {lab.lower()}: {short}" for lab, short, _, _ in items]
    if ex:
        lines.append(ex)
    if r.random() < 0.6:
        lines.append(f"note: {know[0]}")
    return "\n".join(lines)


def _clean_round(style, name, subj, piece, facts, rels, dkind, done, first_true, info, r):
    lat, vert, sc = facts["laterality"], facts["vertical"], facts["size_class"]
    pct, n = 100.0 * facts["area_fraction"], facts["components"]
    blocked = {"lat": {"side"}, "pos": {"position", "neighbours"}, "size": {"size"}, "count": {"count"}}.get(dkind, set())
    topics = [t for t in ("side", "position", "neighbours", "size", "count", "summary", "corrected", "knowledge")
              if t not in done and t not in blocked and not (t == "neighbours" and not rels)]
    t = r.choice(topics)
    done.add(t)
    uc, ac = [], []
    quote = ""
    want_kind = {"side": ("lat",), "position": ("vert",), "neighbours": ("rel",), "size": ("size", "pct"),
                 "count": ("count",)}.get(t, ())
    qc = [c for c in first_true if c["kind"] in want_kind]
    if qc and r.random() < 0.6:
        c = r.choice(qc)
        quote = (f"> {c['snippet']}\n\n" + r.choice(["To expand on that: ", "Yes — ", "As above. "]) if style != "claude"
                 else f"As I mentioned earlier (\"{c['snippet']}\"), " + r.choice(["and to add a little: ", "so: "]))
        ac.append(dict(c))
    if t == "side":
        uq = r.choice(["Which side is it on?", "Is that the patient's left or right?", "Quick check — which side of the patient?"])
        a = lat_sent(r.choice(["it", subj]), lat, r)
        ac.append(_claim("lat", lat, a))
        if lat in ("left", "right"):
            img = "right" if lat == "left" else "left"
            a += f" (It appears on the image's {img} — that's the radiological convention.)"
        elif lat == "bilateral":
            a += " There is one part each side of the spine."
    elif t == "position":
        uq = r.choice(["Is it toward the front or the back?", "Where does it sit front-to-back?", "Anterior or posterior?"])
        a = vert_sent(r.choice(["it", subj]), vert, r)
        ac.append(_claim("vert", vert, a))
    elif t == "neighbours":
        rel = r.choice(rels)
        uq = r.choice([f"How does it relate to the {rel[1]}?", "What's it next to?", "Any useful neighbours to orient by?"])
        tx = rel_text(rel[0], rel[1], r)
        a = f"It lies {tx}."
        ac.append(_claim("rel", list(rel), tx))
        if style == "gemini":
            a = f"| Neighbour | Relation |\n|---|---|\n| {_cap(rel[1])} | {_cap(tx)} |"
    elif t == "size":
        uq = r.choice(["How big is it on this slice?", "Roughly what share of the image does it take up?", "Size?"])
        w = size_word(sc, r)
        a = r.choice([f"It's {w} — about {_pct(pct)} of the image.", f"About {_pct(pct)} of the slice, so {w}.",
                      f"{_cap(w)}: ~{_pct(pct)} of the image area."])
        ac += [_claim("size", sc, w), _claim("pct", round(pct, 3), _pct(pct))]
        a += " (That's an in-plane share, not a volume.)"
    elif t == "count":
        uq = r.choice(["Is it one piece or several?", "How many separate regions did you segment?", "Is the mask continuous?"])
        a = count_sent(r.choice(["the mask", "it"]), n, piece, r)
        ac.append(_claim("count", n, a))
    elif t == "summary":
        uq = r.choice(["Can you summarise?", "Give me a one-line summary.", "TL;DR?"])
        bits = [f"{name} [outlined]"]
        if dkind != "lat":
            s = lat_short(lat, r).lower()
            bits.append(s)
            ac.append(_claim("lat", lat, s))
        if dkind != "pos":
            s = vert_short(vert, r).lower()
            bits.append(s)
            ac.append(_claim("vert", vert, s))
        if dkind != "size":
            s = size_word(sc, r)
            bits.append(s)
            ac.append(_claim("size", sc, s))
        if dkind != "count":
            s = count_short(n, piece, r).lower()
            bits.append(s)
            ac.append(_claim("count", n, s))
        a = ("**Summary:** " if style in ("gpt4o", "gemini") else "Summary: ") + " – ".join(bits) + "."
    elif t == "corrected":
        # a user's false idea, explicitly corrected by the assistant
        opts = []
        if lat in ("left", "right") and dkind != "lat":
            opts.append("lat")
        if dkind != "size":
            opts.append("size")
        if dkind != "count":
            opts.append("count")
        kind = r.choice(opts) if opts else None
        if kind == "lat":
            img = "right" if lat == "left" else "left"
            uq = f"It's on the {img} side of the picture — so that's the patient's {img}, isn't it?"
            a = (f"Not quite: on axial CT the image's {img} is the patient's {lat}, so this is on the patient's **{lat}**.")
            ac.append(_claim("lat", lat, f"patient's **{lat}**"))
        elif kind == "size":
            other = "large" if sc != "large" else "small"
            uq = f"That looks {other} to me — would you call it {other}?"
            w = size_word(sc, r)
            a = f"No, I wouldn't call it {other}. At roughly {_pct(pct)} of the image it counts as {w}."
            ac += [_claim("size", sc, w), _claim("pct", round(pct, 3), _pct(pct)), _claim("not_size", other, f"wouldn't call it {other}")]
        elif kind == "count":
            wn = 2 if n == 1 else n + 1
            uq = f"Are there {_NUM.get(wn, wn)} separate pieces in the mask?"
            sent = count_sent("the mask", n, piece, r)
            a = f"No — not {_NUM.get(wn, wn)}. " + sent
            ac.append(_claim("count", n, sent))
            ac.append(_claim("not_count", wn, f"not {_NUM.get(wn, wn)}"))
        else:
            uq, a = "Anything else worth knowing?", "Only the general caveat that a single slice can be misleading."
    else:
        uq = r.choice(["Anything clinically relevant I should know?", "Any pitfalls?", "Why does this matter clinically?"])
        kn = r.choice(info["know"])
        a = kn + " " + r.choice(["As always, correlate with the full study.", "(General knowledge, not read off this slice.)", ""])
    return uq, (quote + a).strip(), uc, ac


def _defect_round(loc, dkind, sub, env, r):
    """One follow-up round carrying the planted false claim, in the user's premise or in the answer."""
    facts, piece, name = env["facts"], env["piece"], env["name"]
    uc, ac = [], []
    if dkind == "lat":
        v = env["wrong_lat"]
        if loc == "user":
            pre = lat_premise(v, r)
            uq = pre + r.choice([" what else should I look at nearby?", " is there anything specific to watch for?",
                                 " does that change the differential?"])
            uc.append(_claim("lat", v, pre, True))
            a = r.choice(env["info"]["know"]) + " " + r.choice(["Adjacent slices would help too.", "Worth checking the neighbouring slices."])
        else:
            uq = r.choice(["Which side is it on?", "Left or right?", "Patient's side?"])
            a = lat_sent("it", v, r)
            ac.append(_claim("lat", v, a, True))
    elif dkind == "pos":
        if sub == "vert":
            v = env["wrong_vert"]
            if loc == "user":
                pre = vert_premise(v, r)
                uq = pre + r.choice([" is it easy to reach percutaneously?", " anything to watch for?"])
                uc.append(_claim("vert", v, pre, True))
                a = "That depends on the full anatomy and the route; " + r.choice(env["info"]["know"])
            else:
                uq = r.choice(["Is it toward the front or the back?", "Where does it sit front-to-back?"])
                a = vert_sent("it", v, r)
                ac.append(_claim("vert", v, a, True))
        else:
            rel, other = env["wrong_rel"]
            tx = rel_text(rel, other, r)
            if loc == "user":
                uq = f"Since it lies {tx}, is that the normal relationship?"
                uc.append(_claim("rel", [rel, other], tx, True))
                a = "Anatomy varies between people, so I'd confirm on the adjacent slices. " + r.choice(env["info"]["know"])
            else:
                uq = f"How does it relate to the {other}?"
                a = f"It lies {tx}."
                ac.append(_claim("rel", [rel, other], tx, True))
    elif dkind == "size":
        if sub == "cls":
            w = size_word(env["wrong_cls"], r)
            if loc == "user":
                uq = f"It looks {w} on this slice — is that normal for this structure?"
                uc.append(_claim("size", env["wrong_cls"], w, True))
                a = "Appearance on a single slice depends a lot on where the slice cuts. " + r.choice(env["info"]["know"])
            else:
                uq = r.choice(["How big is it on this slice?", "Would you call it small, medium or large?"])
                a = f"I'd call it {w} on this slice."
                ac.append(_claim("size", env["wrong_cls"], w, True))
        else:
            ps = _pct(env["wrong_pct"])
            if loc == "user":
                uq = f"So it takes up about {ps} of the image — is that a lot?"
                uc.append(_claim("pct", round(env["wrong_pct"], 3), ps, True))
                a = "In-plane area on one slice isn't a reliable guide to volume. " + r.choice(env["info"]["know"])
            else:
                uq = r.choice(["Roughly what share of the image does it take up?", "What percentage of the slice?"])
                a = f"About {ps} of the image."
                ac.append(_claim("pct", round(env["wrong_pct"], 3), ps, True))
    else:
        v = env["wrong_n"]
        if loc == "user":
            pre = count_premise(v, piece, r)
            uq = pre + r.choice([" could that just be partial volume?", " should I worry?"])
            uc.append(_claim("count", v, pre, True))
            a = "A structure can look fragmented when the slice cuts obliquely through it. " + r.choice(env["info"]["know"])
        else:
            uq = r.choice(["Is it one piece or several?", "How many separate regions did you segment?"])
            a = count_sent("the mask", v, piece, r)
            ac.append(_claim("count", v, a, True))
    return uq, a, uc, ac
