"""Bank BC: the same facts told in four assistant families' house voices (not measured by its writer).

Written blind (helper `qcbc`): without opening the QC rules, their tests, other banks or their rows.
Targets span thorax, heart, abdomen, pelvis and brain MR (axial "LP", coronal "LI"), with bilateral
two-region masks, midline structures, multi-focal lesions and two labels the knowledge base does not know
(pericardial effusion, ovarian cyst). Facts are the product's own measurement (`compute_facts`) of a synthetic
mask drawn with numpy ellipses; the prose is written from those facts, never from the intent.

Styles (each the house voice of one assistant family, same facts):
- gpt: friendly, "Here's a breakdown:", bold headers, numbered lists, ends offering more help;
- claude: measured paragraphs, caveats, "It's worth being precise here:", em dashes, few lists;
- gemini: "Key takeaways" bullets, a real markdown table (Feature | Observation), a short summary line;
- llama: plainer, repetitive, "Based on the image provided, ...", "In conclusion, ...".

Defects: exactly one plainly false claim of the row's kind (about a fifth of side/position/size/count ones
in a user follow-up, some only in a follow-up answer). Clean rows carry true negations, the display
convention, other structures' sides and sizes, hedges, population numbers, short follow-ups.

Not measured by its writer: the lead measures it once after merging. The writer's own sanity checks (no QC
code): 420 rows load into the models; 210 clean, 42 per defect kind; 4 styles 104-106 rows each; 19 targets;
every turn 12..2000 characters and >= 3 words, one [SEG] in the first answer only, first question asks; clean
rows state no side, position, size class, area percent (within 30%), region count or relation that
disagrees with their facts; only names_target first questions contain the label or a knowledge-base synonym.
"""

from __future__ import annotations

import math
import random

import numpy as np

S = 512
AX, CO = "LP", "LI"


def P(target, region, modality, orient, comps, size, others, noun, desc, give, kb, pop, why):
    return dict(target=target, body_region=region, modality=modality, orientation=orient, comps=comps,
                size=size, others=others, noun=noun, desc=desc, give=give, kb=kb, pop=pop, why=why)


SIZES = {"small": (0.003, 0.007), "medium": (0.015, 0.035), "large": (0.08, 0.16)}

PROFILES = [
    P("lung", "thorax", "CT", AX, [(0.3, 0.5, 0.5), (0.7, 0.5, 0.5)], "large",
      {"heart": (0.55, 0.38), "spine": (0.5, 0.78)}, "chest CT",
      ["the paired air-filled organs where gas exchange happens", "the spongy organs that fill most of the chest and oxygenate the blood"],
      ["both lungs", "the pulmonary parenchyma", "the lung fields"],
      ["The heart sits between them, tilted toward the patient's left.", "The liver dome usually rises higher on the right than the spleen does on the left."],
      ["In adults, total lung capacity is roughly six litres.", "The right one usually has three lobes and the left two."],
      "They flank the mediastinum, so one part sits on each side of the chest."),
    P("trachea", "thorax", "CT", AX, [(0.5, 0.36, 1.0)], "small",
      {"esophagus": (0.51, 0.46), "aorta": (0.62, 0.45)}, "chest CT",
      ["the air tube held open by C-shaped cartilage rings", "the main airway that carries air down toward the bronchi"],
      ["the trachea", "the windpipe", "the tracheal lumen"],
      ["The aortic arch curves over to the patient's left of it.", "The esophagus runs just behind it, a little to the left."],
      ["In adults it is usually about 10 to 12 cm long.", "Its lumen is typically around 2 cm across in adults."],
      "It stays in the middle of the neck and upper chest because it runs straight down to the carina."),
    P("lung tumour", "thorax", "CT", AX, [(0.27, 0.66, 0.6), (0.33, 0.58, 0.4)], "small",
      {"heart": (0.56, 0.38), "spine": (0.5, 0.8)}, "chest CT",
      ["the suspicious solid spots within the air-filled organ of one side of the chest", "the abnormal growths a smoker's work-up would be looking for in the chest"],
      ["the lung nodules", "the pulmonary masses", "the tumour"],
      ["The heart is seen in front of them, toward the patient's left.", "The opposite side of the chest looks clear on this slice."],
      ["Most lung cancers are found in people over 65.", "About 85% of lung cancers are of the non-small-cell type."],
      "Growths like these arise wherever the airway lining is damaged, so their place varies from patient to patient."),
    P("pericardial effusion", "thorax", "CT", AX, [(0.6, 0.36, 1.0)], "medium",
      {"spine": (0.5, 0.78), "aorta": (0.6, 0.58)}, "chest CT",
      ["the fluid that has collected in the sac wrapped around the pumping organ of the chest", "the rim of fluid around the chest's central pump that could restrict its filling"],
      ["the pericardial effusion", "a pericardial effusion", "the pericardial effusion around the heart"],
      ["The descending aorta runs behind it, beside the spine.", "The lungs lie on either side of the mediastinum."],
      ["A normal sac holds only about 15 to 50 mL of fluid.", "Fluid volumes above a few hundred mL are usually called large."],
      "The fluid gathers around the pump, which itself points toward the patient's left."),
    P("heart", "heart", "CT", AX, [(0.58, 0.4, 1.0)], "large",
      {"spine": (0.5, 0.78), "aorta": (0.6, 0.62)}, "chest CT",
      ["the muscular pump that drives blood around the body", "the four-chambered organ behind the breastbone"],
      ["the heart", "the cardiac silhouette", "the cardiac chambers"],
      ["The descending aorta lies behind it, just left of the spine.", "The right lung sits on the other side, away from it."],
      ["In adults it beats roughly 60 to 100 times a minute at rest.", "An adult one weighs about 250 to 350 g."],
      "Its apex points toward the patient's left, which is why most of it sits left of the midline."),
    P("left ventricle", "heart", "CT", AX, [(0.64, 0.42, 1.0)], "medium",
      {"right ventricle": (0.5, 0.34), "spine": (0.5, 0.78)}, "cardiac CT",
      ["the thick-walled chamber that pumps oxygenated blood out into the aorta", "the chamber whose ejection fraction is quoted on an echo report"],
      ["the left ventricle", "the LV cavity", "the left ventricular chamber"],
      ["The right ventricle sits in front of it, nearer the sternum.", "The left atrium lies higher up and further back."],
      ["Its wall is normally about 6 to 11 mm thick in adults.", "A normal ejection fraction is about 55 to 70%."],
      "It has to pump against the whole systemic circulation, and it lies toward the apex on the patient's left."),
    P("sternum", "thorax", "CT", AX, [(0.5, 0.22, 1.0)], "small",
      {"heart": (0.57, 0.42), "spine": (0.5, 0.8)}, "chest CT",
      ["the flat bone at the front of the chest where the ribs join in front", "the bone that is split in open-chest surgery"],
      ["the sternum", "the breastbone", "the sternal body"],
      ["The heart lies behind it, mostly toward the patient's left.", "The thoracic spine is at the back of the chest."],
      ["In adults it is usually about 15 to 20 cm long.", "It has three parts: manubrium, body and xiphoid process."],
      "It closes the front of the rib cage, in the midline."),
    P("liver lesion", "abdomen", "CT", AX, [(0.28, 0.32, 0.4), (0.33, 0.4, 0.35), (0.24, 0.37, 0.25)], "small",
      {"spleen": (0.78, 0.55), "aorta": (0.52, 0.62)}, "abdominal CT",
      ["the abnormal low-density spots scattered through the big organ of the right upper abdomen", "the focal dark areas a radiologist would flag in the organ that makes bile"],
      ["the liver lesions", "the hepatic metastases", "the liver masses"],
      ["The spleen, on the patient's left, looks uniform.", "The aorta runs in front of the spine, a little left of centre."],
      ["Metastases are far more common in this organ than primary tumours in many Western series.", "Simple cysts are found in roughly 5% of adults."],
      "They sit within the organ itself, which occupies the right upper abdomen."),
    P("adrenal gland", "abdomen", "CT", AX, [(0.39, 0.6, 0.5), (0.62, 0.6, 0.5)], "small",
      {"liver": (0.25, 0.42), "spine": (0.5, 0.8)}, "abdominal CT",
      ["the small paired glands perched on top of the kidneys that make cortisol and epinephrine", "the little Y-shaped glands above each kidney"],
      ["the adrenal glands", "the suprarenal glands", "both adrenals"],
      ["The liver lies in front of the right-sided one.", "The spleen is out to the patient's left."],
      ["Each one normally weighs only about 4 to 5 g.", "Incidental nodules are found in about 3 to 7% of adult CT scans."],
      "There is one above each kidney, so the mask falls on both sides of the spine."),
    P("spleen", "abdomen", "CT", AX, [(0.76, 0.58, 1.0)], "medium",
      {"liver": (0.3, 0.45), "stomach": (0.62, 0.4)}, "abdominal CT",
      ["the organ in the left upper quadrant that filters old red blood cells", "the organ that can rupture after a blow to the lower left ribs"],
      ["the spleen", "the splenic parenchyma", "the splenic tissue"],
      ["The liver fills the right upper quadrant.", "The stomach lies in front of it."],
      ["In adults it is usually about 11 to 13 cm long.", "It weighs roughly 150 g in an adult."],
      "It tucks under the left dome of the diaphragm, behind the stomach."),
    P("urinary bladder", "pelvis", "CT", AX, [(0.5, 0.36, 1.0)], "medium",
      {"rectum": (0.5, 0.66), "sacrum": (0.5, 0.8)}, "pelvic CT",
      ["the hollow organ that stores urine until voiding", "the organ a catheter drains"],
      ["the bladder", "the urinary bladder", "the vesical lumen"],
      ["The rectum runs behind it, in front of the sacrum.", "The femoral heads sit out at the sides of the pelvis."],
      ["In adults it typically holds about 400 to 600 mL.", "The urge to void usually starts at around 150 to 300 mL."],
      "It sits low in the pelvis just behind the pubic bones, in the midline."),
    P("prostate", "pelvis", "MR", AX, [(0.5, 0.6, 1.0)], "small",
      {"pubic symphysis": (0.5, 0.3), "rectum": (0.5, 0.74)}, "pelvic MR",
      ["the walnut-sized gland below the bladder that adds fluid to semen", "the gland that a PSA test is about"],
      ["the prostate", "the prostate gland", "the prostatic tissue"],
      ["The rectum lies behind it, which is why it can be felt on rectal exam.", "The obturator internus muscles line the pelvic side walls."],
      ["A normal adult one is roughly 20 to 25 mL.", "Benign enlargement affects about half of men over 50."],
      "It wraps the urethra just below the bladder, in the midline."),
    P("femur", "pelvis", "CT", AX, [(0.2, 0.6, 0.5), (0.8, 0.6, 0.5)], "medium",
      {"urinary bladder": (0.5, 0.38)}, "pelvic CT",
      ["the longest bones of the body, whose rounded heads sit in the hip sockets", "the bones that break in a hip fracture after a fall"],
      ["the femurs", "the femoral heads", "the thigh bones"],
      ["The bladder sits in front, in the middle of the pelvis.", "The sacrum is at the back, between the hip bones."],
      ["An adult one is typically about 45 to 48 cm long.", "Hip fractures affect roughly 1 in 6 women over their lifetime."],
      "There is one in each hip, so the mask has a part on each side."),
    P("ovarian cyst", "pelvis", "MR", AX, [(0.33, 0.4, 1.0)], "medium",
      {"urinary bladder": (0.5, 0.38), "sacrum": (0.5, 0.8)}, "pelvic MR",
      ["the round, fluid-filled sac arising from the female gonad", "the smooth-walled fluid collection in the adnexa that may explain the pelvic pain"],
      ["the ovarian cyst", "an ovarian cyst", "the ovarian cyst in the pelvis"],
      ["The uterus usually sits in the middle, behind the bladder.", "The sigmoid colon loops on the patient's left."],
      ["Functional ones are common in premenopausal women and most resolve within a few cycles.", "Most under 5 cm are simply followed up."],
      "It grows from the gonad on that side, beside the uterus."),
    P("lateral ventricle", "brain", "MR", AX, [(0.42, 0.42, 0.5), (0.58, 0.42, 0.5)], "small",
      {"thalamus": (0.5, 0.56)}, "brain MR",
      ["the paired fluid-filled cavities deep in the cerebral hemispheres", "the CSF spaces whose enlargement suggests hydrocephalus"],
      ["the lateral ventricles", "the frontal horns of the lateral ventricles", "both lateral ventricles"],
      ["The thalami lie behind them, on either side of the third ventricle.", "The cerebellum is further down, in the posterior fossa."],
      ["The ventricles together hold only about 150 mL of CSF at any time.", "Adults make roughly 500 mL of CSF a day."],
      "There is one in each hemisphere, separated by the septum pellucidum."),
    P("peritumoral edema", "brain", "MR", AX, [(0.66, 0.3, 0.55), (0.72, 0.45, 0.45)], "medium",
      {"lateral ventricle": (0.5, 0.45)}, "brain MR",
      ["the zone of extra fluid in the brain tissue around a growth, the kind that often responds to steroids", "the abnormal water-logged white matter surrounding the enhancing growth"],
      ["the peritumoral edema", "the vasogenic oedema", "the FLAIR hyperintensity"],
      ["The opposite hemisphere looks normal on this slice.", "The lateral ventricles sit near the middle of the brain."],
      ["Dexamethasone often shrinks it within days.", "It surrounds most high-grade gliomas and many metastases."],
      "Fluid leaks from abnormal vessels and tracks along the white matter on that side."),
    P("thalamus", "brain", "MR", AX, [(0.42, 0.6, 0.5), (0.58, 0.6, 0.5)], "small",
      {"frontal lobe": (0.5, 0.25)}, "brain MR",
      ["the paired relay stations deep in the brain that pass sensory signals to the cortex", "the egg-shaped grey matter masses on either side of the third ventricle"],
      ["the thalami", "both thalamus nuclei", "the thalamic nuclei"],
      ["The frontal lobes are toward the front of the head.", "The lateral ventricles' frontal horns sit in front of them."],
      ["Each one is roughly 3 cm long in adults.", "Strokes here make up a few percent of all strokes."],
      "There is one on each side of the third ventricle, so the mask has two parts."),
    P("hippocampus", "brain", "MR", CO, [(0.33, 0.65, 0.5), (0.67, 0.65, 0.5)], "small",
      {"lateral ventricle": (0.5, 0.4)}, "coronal brain MR",
      ["the paired seahorse-shaped structures in the medial temporal lobes that are key to new memories", "the structures that shrink early in Alzheimer's disease"],
      ["the hippocampi", "the hippocampal formations", "the hippocampus"],
      ["The lateral ventricles sit higher up, nearer the middle of the slice.", "The brainstem runs down the middle below the level of the thalami."],
      ["Each one is roughly 4 to 4.5 cm long in adults.", "Their volume falls by about 1 to 2% a year in healthy older adults."],
      "They lie deep in the temporal lobes, one on each side, low in the skull."),
    P("right putamen", "brain", "MR", CO, [(0.37, 0.41, 1.0)], "small",
      {"brainstem": (0.5, 0.72)}, "coronal brain MR",
      ["the lens-shaped deep grey nucleus lateral to the internal capsule that helps control movement, on one side", "the deep nucleus on one side that is a classic site of hypertensive bleeds"],
      ["the right putamen", "the putaminal grey matter", "the putamen"],
      ["The brainstem is in the middle, lower down.", "The left hemisphere mirrors it on the other side."],
      ["In adults it is roughly 5 cm from front to back.", "Hypertensive haemorrhages arise here in about a third to a half of cases."],
      "It sits lateral to the internal capsule, deep in that hemisphere."),
]


def _draw(p: dict, rng: random.Random) -> np.ndarray:
    lo, hi = SIZES[p["size"]]
    total = rng.uniform(lo, hi) * S * S
    m = np.zeros((S, S), bool)
    yy, xx = np.mgrid[0:S, 0:S]
    for nx, ny, share in p["comps"]:
        cx = (nx + rng.uniform(-0.01, 0.01)) * (S - 1)
        cy = (ny + rng.uniform(-0.01, 0.01)) * (S - 1)
        r = rng.uniform(0.6, 1.0)
        a = math.sqrt(total * share / (math.pi * r))
        b = a * r
        m |= ((xx - cx) / a) ** 2 + ((yy - cy) / b) ** 2 <= 1.0
    return m


def facts_for(p: dict, rng: random.Random) -> dict:
    """The product's own measurement of a drawn mask (its others given as normalised centroids)."""
    from medseg_qa.facts import compute_facts

    return compute_facts(_draw(p, rng), p["orientation"], others=dict(p["others"])).model_dump(mode="json")


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["body_region"], "orientation": p["orientation"]}


STYLES = ["gpt", "claude", "gemini", "llama"]

# --- how a fact is said -----------------------------------------------------------------------------

OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
SIDE_S = {
    "left": ["It lies on the patient's left side.", "The mask sits on the patient's left.", "It is a left-sided finding on this slice.",
             "It is located to the left of the patient's midline.",
             "It appears to lie on the patient's left, most likely entirely so.", "Side-wise, it falls on the patient's left half."],
    "right": ["It lies on the patient's right side.", "The mask sits on the patient's right.", "It is right-sided on this slice.",
              "It is located to the right of the patient's midline.",
              "It appears to lie on the patient's right, most likely entirely so.", "Side-wise, it falls on the patient's right half."],
    "midline": ["It sits in the midline.", "The mask is centred on the patient's midline.", "It is a midline structure here, straddling the centre.",
                "It appears to sit right on the midline, neither left nor right."],
    "bilateral": ["It is bilateral: one part lies on the patient's right and one on the patient's left.",
                  "The mask covers both sides, with a region on each side of the midline.",
                  "Both the left and the right side are involved.",
                  "It appears on both sides of the patient, one part left and one part right."],
}
SIDE_WRONG = {"left": "right", "right": "left", "midline": "left", "bilateral": "right"}
SIDE_CELL = {"left": "Patient's left", "right": "Patient's right", "midline": "Midline",
             "bilateral": "Both sides (bilateral)"}
SIDE_NEG = {"left": ["It is not on the right.", "Nothing of it crosses to the patient's right."],
            "right": ["It is not on the left.", "None of it reaches the patient's left side."],
            "midline": ["It does not lean to either side.", "It is not off to one side."],
            "bilateral": ["It is not confined to one side.", "It is not a one-sided finding."]}
ONE_SIDE_WRONG = ["It is confined to the patient's {s} side.", "Only the patient's {s} side is involved.",
                  "It lies entirely on the patient's {s}."]
VERT_S = {"anterior": ["It lies in the anterior part of the slice, toward the front.", "It is anteriorly placed.",
                       "It sits toward the front of the body.", "It seems to lie in the front half of the cross-section."],
          "posterior": ["It lies in the posterior part of the slice, toward the back.", "It is posteriorly placed.",
                        "It sits toward the back of the body.", "It seems to lie in the back half of the cross-section."],
          "superior": ["It sits in the upper (superior) part of this coronal slice.", "It is superiorly placed, toward the top of the head.",
                       "It lies above the middle of the slice.", "It is likely in the upper half of the image, toward the head."],
          "inferior": ["It sits in the lower (inferior) part of this coronal slice.", "It is inferiorly placed, toward the feet.",
                       "It lies below the middle of the slice.", "It is likely in the lower half of the image, toward the feet."],
          "central": ["It sits near the middle of the slice in the other direction as well.", "It is roughly central from top to bottom of the image."]}
VERT_CELL = {"anterior": "Anterior (front)", "posterior": "Posterior (back)", "superior": "Superior (upper)",
             "inferior": "Inferior (lower)", "central": "Central"}
REL_W = {"left_of": ["to the patient's left of", "on the left side of"], "right_of": ["to the patient's right of", "on the right side of"],
         "anterior_to": ["anterior to", "in front of"], "posterior_to": ["posterior to", "behind"],
         "superior_to": ["superior to", "above"], "inferior_to": ["inferior to", "below"]}
SIZE_W = {"small": ["small", "fairly small"], "medium": ["medium-sized", "moderate in size"], "large": ["large", "big"]}
CONV = {AX: ["On axial images shown in the radiological convention, the patient's left appears on the viewer's right.",
             "Remember the display convention: we look up from the feet, so the patient's right is on the left of the screen."],
        CO: ["In this coronal view the patient's left is on the right of the screen and the head is at the top.",
             "The usual convention applies: the patient faces you, so their right is on your left."]}


def pct(frac: float, rng: random.Random) -> str:
    p = frac * 100
    if p < 1:
        return rng.choice([f"about {p:.1f}%", f"roughly {p:.2f}%", "well under 1%"])
    return rng.choice([f"about {p:.0f}%", f"roughly {p:.1f}%", f"close to {p:.0f} percent"])


def fact_texts(f: dict, rng: random.Random, wrong: str | None) -> dict:
    """One sentence and one table cell per fact; `wrong` ('side', 'vert', 'rel', 'size', 'pct', 'count')
    makes that fact plainly false."""
    side, vert, n = f["laterality"], f["vertical"], f["components"]
    out = {}
    if wrong == "side":
        s = SIDE_WRONG[side]
        sent = rng.choice(ONE_SIDE_WRONG).format(s=s) if side == "bilateral" else rng.choice(SIDE_S[s])
        if side == "midline":
            sent = rng.choice(["It lies off the midline, on the patient's left.", "It is a left-sided structure, clearly off the midline."])
        out["side"] = (sent, SIDE_CELL[s] + (" only" if side == "bilateral" else ""))
    else:
        out["side"] = (rng.choice(SIDE_S[side]), SIDE_CELL[side])
    v = OPP.get(vert, vert) if wrong == "vert" else vert
    out["vert"] = (rng.choice(VERT_S[v]), VERT_CELL[v])
    rels = f["relations"]
    if rels:
        r = rng.choice(rels)
        kind = FLIP[r["relation"]] if wrong == "rel" else r["relation"]
        w = rng.choice(REL_W[kind])
        out["rel"] = (f"It lies {w} the {r['other']}.", f"{w[0].upper()}{w[1:]} the {r['other']}")
    sc = f["size_class"]
    if wrong == "size":
        fake = {"small": "large", "medium": rng.choice(["large", "small"]), "large": "small"}[sc]
        fp = {"large": "about 25%", "small": "about 0.3%"}[fake]
        out["size"] = (f"It is {rng.choice(SIZE_W[fake])}, {fp} of the image.", f"{fake.capitalize()} ({fp} of image)")
    elif wrong == "pct":
        fp = f"about {min(90, round(f['area_fraction'] * 100 * 6 + 12))}%"
        out["size"] = (f"It takes up {fp} of the image.", f"{fp} of the image")
    else:
        q = pct(f["area_fraction"], rng)
        out["size"] = (f"It is {rng.choice(SIZE_W[sc])}, {q} of the image.", f"{sc.capitalize()} ({q} of image)")
    if wrong == "count":
        if n == 1:
            out["count"] = (rng.choice(["It is made of two separate parts.", "The mask has two disconnected regions."]), "2 separate regions")
        else:
            out["count"] = (rng.choice(["It is a single connected region.", "The mask is one continuous piece."]), "1 connected region")
    elif n == 1:
        out["count"] = (rng.choice(["It is a single connected region.", "The mask is one continuous piece, with no second focus."]), "1 connected region")
    else:
        word = {2: "two", 3: "three", 4: "four"}.get(n, str(n))
        out["count"] = (rng.choice([f"The mask has {word} separate regions.", f"It consists of {word} distinct, unconnected parts."]),
                        f"{n} separate regions")
    return out


def user_wrong(f: dict, key: str, rng: random.Random) -> str:
    """A user follow-up that plainly asserts one false fact."""
    side, vert, n = f["laterality"], f["vertical"], f["components"]
    if key == "side":
        s = SIDE_WRONG[side]
        claim = f"only on the patient's {s} side" if side == "bilateral" else ("off to the patient's left" if side == "midline" else f"on the patient's {s} side")
        return rng.choice([f"I can see it is {claim}. Is that usual for this kind of scan?",
                           f"It's clearly {claim} here. Does that matter clinically?"])
    if key == "vert":
        return rng.choice([f"So it sits in the {OPP.get(vert, vert)} part of the slice. Is that typical?",
                           f"Given that it lies {OPP.get(vert, vert)}ly on this image, what else should I look at?"])
    if key == "size":
        fake = "large" if f["size_class"] == "small" else "tiny"
        return rng.choice([f"It looks {fake} on this slice. Is that something to worry about?",
                           f"Since it is so {fake} here, should it be measured on other slices too?"])
    claim = "two separate pieces" if n == 1 else "one single connected blob"
    return rng.choice([f"It's {claim} on this image. What would a radiologist make of that?",
                       f"The mask shows {claim}. Anything else I should check?"])


NEUTRAL = ["A single slice can only say so much; a radiologist would scroll through the neighbouring images before drawing conclusions.",
           "That depends on the clinical question, so it's best judged together with the full study and the history.",
           "I'd rather not over-interpret one image; the full series and the report are the right place to settle that."]


# --- the four house voices ---------------------------------------------------------------------------

def q_first(p: dict, rng: random.Random, name: bool) -> str:
    desc = rng.choice(p["desc"])
    scan = p["noun"]
    if name:
        g = rng.choice(p["give"])
        return rng.choice([f"Can you segment {g} on this {scan}? It's {desc}.",
                           f"Could you outline {g} in this {scan} for me? I mean {desc}.",
                           f"Where is {g} on this {scan}? Please mark {desc}."])
    return rng.choice([f"Can you find and segment {desc} on this {scan}?",
                       f"Which part of this {scan} shows {desc}? Please outline it.",
                       f"I'm looking for {desc} in this {scan}. Where is it? Please segment it.",
                       f"On this {scan}, could you mark {desc} and describe where it is?"])


HEAD = {"side": ["Side", "Laterality", "Which side"], "vert": ["Position", "Where it sits", "Depth"],
        "rel": ["Neighbours", "Relations", "Relative position"], "size": ["Size", "Extent"],
        "count": ["Regions", "Number of parts", "Connectivity"]}
FEAT = {"side": "Side", "vert": "Position", "rel": "Relation", "size": "Size", "count": "Regions"}


def answer1(p, f, style, rng, t, keys, extras):
    """The first answer (holds the one [SEG]); `t` fact texts, `keys` the facts stated here."""
    kb, pop, conv = rng.choice(p["kb"]), rng.choice(p["pop"]), rng.choice(CONV[p["orientation"]])
    neg = rng.choice(SIDE_NEG[f["laterality"]]) if "side" in keys and "side_neg" in extras else ""
    if style == "gpt":
        lines = [rng.choice(["Sure! Here's a breakdown:", "Great question! Here's a breakdown:", "Absolutely — here's a breakdown:"]),
                 "", f"**Segmentation:** {rng.choice(['the region is marked here', 'here it is'])} [SEG]", ""]
        for i, k in enumerate(keys, 1):
            body = t[k][0] + (" " + neg if k == "side" and neg else "")
            lines.append(f"{i}. **{rng.choice(HEAD[k])}:** {body}")
        lines += ["", f"**Good to know:** {kb} {pop}"]
        if "conv" in extras:
            lines.append(f"**Tip:** {conv}")
        lines += ["", rng.choice(["Let me know if you'd like me to go deeper into any of these points!",
                                  "Would you like me to explain anything else? Happy to help further.",
                                  "Feel free to ask if you'd like more detail!"])]
        return "\n".join(lines)
    if style == "claude":
        sents = [t[k][0] for k in keys]
        first = rng.choice(["I've outlined the structure you describe: [SEG].", "Here is the segmentation — [SEG] — of what you describe."])
        mid = sents[:2]
        rest = sents[2:]
        para1 = " ".join([first] + mid + ([neg] if neg else []))
        para2 = ("It's worth being precise here: " + " ".join(rest)) if rest else ""
        para3 = " ".join(x for x in [
            rng.choice(["For context —", "As a point of comparison —"]) + " " + kb[0].lower() + kb[1:],
            pop, conv if "conv" in extras else "",
            rng.choice(["That said, a single slice is a limited view, so these observations describe this image rather than the whole study.",
                        "I'd treat these as descriptions of this one image — not a diagnosis."])] if x)
        return "\n\n".join(x for x in [para1, para2, para3] if x)
    if style == "gemini":
        split = rng.randint(1, max(1, len(keys) - 1))
        bullets, rows = keys[:split], keys[split:]
        out = [f"Here is the segmentation: [SEG]", "", "**Key takeaways**"]
        out += [f"* {t[k][0]}" + (f" {neg}" if k == "side" and neg else "") for k in bullets]
        out += [f"* {kb}", ""]
        if rows:
            out += ["| Feature | Observation |", "|---|---|"]
            out += [f"| {FEAT[k]} | {t[k][1]} |" for k in rows]
            out.append("")
        if "conv" in extras:
            out.append(f"*Note:* {conv}")
        out.append(f"**Summary:** {rng.choice(['the mask matches the description above.', 'the structure is outlined and described above.'])} {pop}")
        return "\n".join(out)
    # llama
    sents = [t[k][0].replace("It ", "The segmented structure ", 1) if t[k][0].startswith("It ") else t[k][0] for k in keys]
    body = " ".join(sents)
    concl = ""
    if keys:
        k0 = rng.choice(keys)
        if k0 != extras_wrong(extras):
            concl = t[k0][0].replace("It ", "the segmented structure ", 1) if t[k0][0].startswith("It ") else t[k0][0][0].lower() + t[k0][0][1:]
    parts = [f"Based on the image provided, the structure you are describing is segmented here: [SEG].", body]
    if neg:
        parts.append(neg)
    parts.append(f"It is also worth noting that {kb[0].lower()}{kb[1:]}")
    if "conv" in extras:
        parts.append(conv)
    parts.append(pop)
    parts.append(f"In conclusion, {concl}" if concl else "In conclusion, the segmented structure matches the description you gave.")
    return " ".join(parts)


def extras_wrong(extras: set) -> str | None:
    for e in extras:
        if e.startswith("wrong:"):
            return e[6:]
    return None


FU_Q = {"side": ["Which side is it on?", "Left or right, then?", "Is it on the patient's left or the patient's right?"],
        "vert": ["Is it toward the front or the back?" , "Where does it sit in the slice?", "How deep is it placed?"],
        "size": ["How big is it?", "How large is it on this image, roughly as a share of the picture?", "Is it big or small?"],
        "count": ["Is it one piece or several?", "How many separate parts are there?", "Is there a second focus?"],
        "rel": ["What is it next to?", "How does it relate to its neighbours?"],
        "why": ["Why is it there?", "Why does it sit there?", "And why would that be?"]}


def fu_answer(p, f, style, rng, t, key):
    if key == "why":
        s = p["why"]
    else:
        s = t[key][0]
        if key == "side" and rng.random() < 0.5:
            s += " " + rng.choice(SIDE_NEG[f["laterality"]])
    if style == "gpt":
        return f"Good question! **{FEAT.get(key, 'Reason')}:** {s}\n\nAnything else you'd like to know?"
    if style == "claude":
        return f"{s.rstrip('.')} — at least on this slice; {rng.choice(['other levels could look different', 'the neighbouring images would confirm it'])}."
    if style == "gemini":
        if key in t:
            return f"* {s}\n\n| Feature | Observation |\n|---|---|\n| {FEAT[key]} | {t[key][1]} |"
        return f"**Key takeaway:** {s}"
    return f"Based on the image provided, {s[0].lower()}{s[1:]} In conclusion, that is what the image shows."


KIND_KEY = {"laterality": "side", "size": "size", "count": "count"}


def build(p: dict, f: dict, style: str, rng: random.Random, defect: str | None):
    keys_all = ["side", "vert", "rel", "size", "count"] if f["relations"] else ["side", "vert", "size", "count"]
    if f["vertical"] == "central":
        keys_all.remove("vert")
    wrong = None
    if defect == "position":
        wrong = rng.choice(["vert", "rel"]) if "rel" in keys_all and "vert" in keys_all else ("rel" if "rel" in keys_all else "vert")
    elif defect == "size":
        wrong = rng.choice(["size", "size", "pct"])
    elif defect in KIND_KEY:
        wrong = KIND_KEY[defect]
    fact_key = {"pct": "size"}.get(wrong, wrong)
    where = None
    if defect and defect != "names_target":
        where = rng.choices(["a1", "fu", "user"], [0.55, 0.25, 0.2])[0]
        if where == "user" and wrong == "rel":
            wrong = fact_key = "vert" if "vert" in keys_all else wrong
            if wrong == "rel":
                where = "a1"
        if where == "user" and wrong == "pct":
            wrong = "size"
    t = fact_texts(f, rng, wrong if where in ("a1", "fu") else None)
    n_fu = rng.choice([0, 1, 1, 2]) if where != "user" else rng.choice([0, 1])
    pool = [k for k in keys_all + ([] if fact_key == "side" else ["why"]) if k != fact_key]
    fu_keys = rng.sample(pool, n_fu)
    if where == "fu":
        fu_keys = [fact_key] + fu_keys[:1]
        rng.shuffle(fu_keys)
    a1_keys = [k for k in keys_all if k not in fu_keys and not (where == "user" and k == fact_key)]
    extras = {e for e in ("side_neg", "conv") if rng.random() < 0.5}
    if where in ("a1", "fu"):
        extras.add("wrong:" + fact_key)
    turns = [{"role": "user", "content": q_first(p, rng, defect == "names_target")},
             {"role": "assistant", "content": answer1(p, f, style, rng, t, a1_keys, extras)}]
    for k in fu_keys:
        turns.append({"role": "user", "content": rng.choice(FU_Q[k])})
        turns.append({"role": "assistant", "content": fu_answer(p, f, style, rng, t, k)})
    if where == "user":
        turns.append({"role": "user", "content": user_wrong(f, fact_key, rng)})
        turns.append({"role": "assistant", "content": rng.choice(NEUTRAL)})
    return turns, ([defect] if defect else [])
