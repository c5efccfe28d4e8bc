"""Bank AY: how an instruction-tuned chat LLM (GPT-4o / Llama-3-70B / Qwen2.5 style) writes an implicit-reasoning
segmentation conversation when a dataset pipeline hands it the measured facts of a mask.

Written blind (helper qcay): its writer never opened the QC rules, their tests, other banks or their rows. Targets
beyond the abdomen: pelvis CT/MR (bladder, rectum, prostate, gluteal muscles), chest CT (lung, heart, oesophagus,
multifocal lung tumour, humerus), brain MR axial "LP" and coronal "LI" (thalami, hippocampus, lateral ventricles,
multifocal enhancing tumour), sagittal "PI" spine MR (cord, L4) and a sagittal CT off the midline (left kidney),
coronal CT of the hips (femur); bilateral two-region masks, midline structures and multi-region lesions. Facts are
the product's own `compute_facts` on synthetic ellipse masks, and the prose is written from those facts.
Registers (STYLES): "terse" (a terse radiologist answering through an LLM), "tutor", "markdown" (chatty markdown:
bold labels, headings, nested bullets) and "words" (numbers spelled out), all with LLM habits: openers ("Certainly!",
"Great question."), restating the question, "Based on the image, ...", "It is worth noting that ...", "In summary, ...",
parentheses, semicolons and em dashes, long sentences naming two or three structures each with its own place.
Clean rows carry true traps: negations, the display convention, other structures with their own sides and
positions, textbook population numbers, comparisons, hedges, short follow-ups. Defective rows: exactly one plainly
false claim (about a fifth in a user follow-up, some only in a follow-up answer).

Not measured by its writer: the lead measures it once after merging (first measure: to be filled in by the lead).
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
STYLES = ["terse", "tutor", "markdown", "words"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
W = H = 512

# blobs: (cx, cy, rx, ry) in image units; others: normalised centroids of other structures on the slice
P = dict
PROFILES = [
    P(target="urinary bladder", mod="CT", region="pelvis", orient="LP", noun="organ",
      blobs=[(0.5, 0.36, 0.09, 0.07)], others={"sacrum": (0.5, 0.78), "left femur": (0.79, 0.45), "right femur": (0.21, 0.45)},
      names=["the urinary bladder", "the bladder"], give=["bladder", "vesical wall", "urinary bladder"],
      ask=["Which hollow organ in this pelvic CT stores urine until it can be voided?",
           "A patient cannot pass urine after surgery and the lower abdomen is tender; which reservoir organ on this slice would you check for distension?"],
      kb=["The sacrum forms the back wall of the pelvis, behind everything else on this slice.",
          "The femoral heads sit laterally, one on each side of the pelvis."],
      pop=["An adult bladder typically holds roughly 400 to 600 mL before the urge becomes strong."],
      cmp=["it is far smaller than the liver would be on an upper abdominal slice"]),
    P(target="rectum", mod="CT", region="pelvis", orient="LP", noun="structure",
      blobs=[(0.5, 0.63, 0.035, 0.035)], others={"sacrum": (0.5, 0.8), "urinary bladder": (0.5, 0.36)},
      names=["the rectum", "the distal large bowel segment"], give=["rectum", "rectal lumen", "anorectal segment"],
      ask=["Which final segment of the large bowel, which stores stool just before defecation, can you find on this pelvic slice?",
           "In a patient with bright red bleeding on defecation, which tubular gut segment in front of the sacrum would you look at here?"],
      kb=["The bladder sits at the front of the pelvis, just behind the pubic bones.",
          "The sigmoid colon usually loops toward the patient's left before joining it."],
      pop=["In adults this bowel segment is usually about 12 to 15 cm long."],
      cmp=["it is a good deal smaller in cross-section than the bladder on this slice"]),
    P(target="prostate", mod="MR", region="pelvis", orient="LP", noun="gland",
      blobs=[(0.5, 0.6, 0.05, 0.04)], others={"rectum": (0.5, 0.77), "pubic symphysis": (0.5, 0.38)},
      names=["the prostate", "this gland"], give=["prostate", "prostatic tissue", "periprostatic gland"],
      ask=["Which walnut-sized male gland, the one that adds fluid to semen and surrounds the outflow of urine, can you outline on this MR slice?",
           "A 68-year-old man has a raised PSA and a weak stream; which gland on this pelvic MR should be segmented?"],
      kb=["The rectum lies directly behind it, which is why a digital examination can reach it.",
          "The pubic symphysis is in the midline at the front of the pelvis."],
      pop=["In young men this gland weighs about 20 g; it commonly enlarges after the age of fifty."],
      cmp=["it is much smaller than the bladder that sits above it"]),
    P(target="kidney", mod="CT", region="abdomen", orient="LP", noun="organs",
      blobs=[(0.3, 0.62, 0.06, 0.09), (0.7, 0.62, 0.06, 0.09)], others={"aorta": (0.5, 0.54), "pancreas": (0.5, 0.4)},
      names=["the kidneys", "both kidneys"], give=["kidneys", "renal parenchyma", "kidney outlines"],
      ask=["Which paired organs on this abdominal CT filter the blood and make urine?",
           "A patient has a rising creatinine; which paired bean-shaped organs on this slice should be outlined?"],
      kb=["The liver occupies the right upper quadrant, in front of the right-sided one.",
          "The aorta runs down the front of the spine between them.",
          "The spleen sits on the patient's left, high under the ribs."],
      pop=["Adult kidneys are typically 10 to 12 cm long, and the left is often slightly longer."],
      cmp=["each one is smaller than the liver"]),
    P(target="right lung", mod="CT", region="chest", orient="LP", noun="organ",
      blobs=[(0.3, 0.5, 0.16, 0.25)], others={"heart": (0.56, 0.42), "aorta": (0.57, 0.61)},
      names=["the right lung", "this lung"], give=["right lung", "pulmonary parenchyma on the right", "right pulmonary field"],
      ask=["Which air-filled organ with three lobes exchanges oxygen on this chest CT? Please segment it.",
           "A patient has a collapse of the middle lobe; which gas-exchanging organ (the one that has that lobe) should be outlined here?"],
      kb=["The heart sits slightly to the patient's left of the midline, in front.",
          "The descending aorta runs beside the spine on the patient's left."],
      pop=["Adult total lung capacity is around 6 litres in an average man."],
      cmp=["it is larger than the heart on this slice"]),
    P(target="heart", mod="CT", region="chest", orient="LP", noun="organ",
      blobs=[(0.6, 0.4, 0.15, 0.14)], others={"vertebral body": (0.5, 0.74), "right lung": (0.28, 0.5)},
      names=["the heart", "this organ"], give=["heart", "cardiac silhouette", "cardiac chambers"],
      ask=["Which muscular pump in the middle of this chest CT pushes blood around the body? Please segment it.",
           "A patient has crushing chest pain and a raised troponin; which organ on this slice should be outlined?"],
      kb=["The right lung fills the right hemithorax, lateral to the mediastinum.",
          "The vertebral body lies in the midline at the back of the chest."],
      pop=["An adult heart weighs roughly 250 to 350 g and beats about 60 to 100 times a minute at rest."],
      cmp=["it is smaller than the two lungs together"]),
    P(target="esophagus", mod="CT", region="chest", orient="LP", noun="tube",
      blobs=[(0.5, 0.64, 0.02, 0.018)], others={"trachea": (0.5, 0.5), "vertebral body": (0.5, 0.77), "aorta": (0.58, 0.66)},
      names=["the oesophagus", "the esophagus", "this muscular tube"], give=["esophagus", "oesophageal lumen", "esophageal wall"],
      ask=["Which muscular tube on this chest CT carries swallowed food from the throat down to the stomach?",
           "A patient has difficulty swallowing solids; which hollow tube in the posterior mediastinum should be segmented?"],
      kb=["The trachea lies in front of it in the midline of the upper chest.",
          "The descending aorta runs on the patient's left, beside the spine."],
      pop=["In adults it is roughly 25 cm long from the cricopharyngeus to the stomach."],
      cmp=["it is narrower than the trachea"]),
    P(target="lung tumour", mod="CT", region="chest", orient="LP", noun="lesions",
      blobs=[(0.7, 0.32, 0.025, 0.025), (0.74, 0.42, 0.02, 0.02), (0.66, 0.5, 0.022, 0.02)],
      others={"aorta": (0.56, 0.63), "trachea": (0.5, 0.45)},
      names=["the nodules", "these lesions", "the tumour deposits"], give=["lung tumour", "pulmonary nodules", "lung masses"],
      ask=["A smoker has lost weight and is coughing blood; which abnormal soft-tissue foci on this chest CT should be outlined?",
           "Which abnormal solid foci in the air-filled tissue of this chest CT could explain the patient's haemoptysis? Please segment them."],
      kb=["The aorta descends on the patient's left, next to the spine.",
          "The trachea sits in the midline in front of the oesophagus."],
      pop=["Roughly 85% of primary lung cancers are non-small-cell carcinomas."],
      cmp=["each focus is far smaller than the heart"]),
    P(target="thalamus", mod="MR", region="brain", orient="LP", noun="nuclei",
      blobs=[(0.43, 0.53, 0.028, 0.04), (0.57, 0.53, 0.028, 0.04)], others={"corpus callosum genu": (0.5, 0.3)},
      names=["the thalami", "both thalami", "these grey-matter nuclei"], give=["thalamus", "thalamic nuclei", "thalami"],
      ask=["Which paired deep grey-matter relay stations on this brain MR pass sensory signals on to the cortex?",
           "After a small stroke a patient has numbness of one half of the body; which paired deep relay nuclei should be segmented here?"],
      kb=["The genu of the corpus callosum lies in the midline toward the front of the brain.",
          "The third ventricle is a thin slit in the midline."],
      pop=["Each of these nuclei is only about 3 cm long in adults."],
      cmp=["together they are far smaller than the cerebral hemispheres"]),
    P(target="left hippocampus", mod="MR", region="brain", orient="LI", noun="structure",
      blobs=[(0.64, 0.66, 0.03, 0.025)], others={"left thalamus": (0.56, 0.52)},
      names=["the left hippocampus", "this structure"], give=["hippocampus", "hippocampal formation", "left hippocampal head"],
      ask=["Which curved grey-matter structure in the medial temporal lobe, essential for forming new memories, can you outline on this coronal MR?",
           "A patient with temporal lobe epilepsy may have sclerosis of which memory structure? Please segment it on this coronal slice."],
      kb=["The thalami sit higher up, on either side of the third ventricle.",
          "The temporal horns of the lateral ventricles sit just above and beside this kind of structure."],
      pop=["In healthy adults each of these structures has a volume of roughly 3 to 4 mL."],
      cmp=["it is smaller than the thalamus"]),
    P(target="lateral ventricle", mod="MR", region="brain", orient="LI", noun="spaces",
      blobs=[(0.42, 0.42, 0.035, 0.07), (0.58, 0.42, 0.035, 0.07)], others={"third ventricle": (0.5, 0.56), "brainstem": (0.5, 0.76)},
      names=["the lateral ventricles", "these fluid spaces"], give=["lateral ventricles", "ventricular system", "ventricles"],
      ask=["Which paired fluid-filled cavities inside the cerebral hemispheres make and hold cerebrospinal fluid? Please segment them on this coronal MR.",
           "In a patient with suspected hydrocephalus, which paired CSF spaces inside the hemispheres would you outline here?"],
      kb=["The brainstem sits low in the midline and continues down into the spinal canal.",
          "The third ventricle is a narrow midline slit between the thalami."],
      pop=["Total CSF volume in adults is about 150 mL, renewed three to four times a day."],
      cmp=["they are larger than the third ventricle"]),
    P(target="enhancing tumour", mod="MR", region="brain", orient="LP", noun="lesion",
      blobs=[(0.34, 0.28, 0.03, 0.03), (0.4, 0.36, 0.025, 0.02)], others={"lateral ventricle": (0.5, 0.46)},
      names=["the enhancing tumour", "the enhancing rim"], give=["enhancing tumour", "enhancing lesion", "contrast-enhancing tumour"],
      ask=["On this post-contrast brain MR of a patient with a glioblastoma, which parts of the mass take up gadolinium? Please segment them.",
           "A patient has new seizures; which bright, contrast-avid abnormal tissue on this T1 post-gadolinium slice should be outlined?"],
      kb=["The lateral ventricles sit either side of the midline, near the centre of the brain.",
          "The falx runs in the midline and separates the two hemispheres."],
      pop=["Median survival for glioblastoma is roughly 15 months with standard treatment."],
      cmp=["it is much smaller than the hemisphere it sits in"]),
    P(target="spinal cord", mod="MR", region="spine", orient="PI", plane=0.0, noun="structure",
      blobs=[(0.56, 0.5, 0.02, 0.35)], others={"vertebral body": (0.44, 0.52), "brainstem": (0.56, 0.08)},
      names=["the spinal cord", "the cord"], give=["spinal cord", "cord", "medullary cord"],
      ask=["Which column of nerve tissue, running inside the bony canal of the back, carries signals between the brain and the body? Please segment it on this sagittal MR.",
           "A patient cannot move the legs after a fall; which nerve structure inside the canal should be outlined on this sagittal slice?"],
      kb=["The vertebral bodies form the front of the canal, stacked like coins.",
          "The brainstem continues upward from it into the skull."],
      pop=["In adults it usually ends at the level of the first or second lumbar vertebra."],
      cmp=["it is thinner than the vertebral bodies in front of it"]),
    P(target="l4 vertebra", mod="MR", region="spine", orient="PI", plane=0.0, noun="bone",
      blobs=[(0.45, 0.62, 0.055, 0.04)], others={"l3 vertebra": (0.45, 0.5), "spinal canal": (0.56, 0.6)},
      names=["the fourth lumbar vertebra", "this vertebra", "L4"], give=["L4 vertebra", "fourth lumbar vertebra", "L4 body"],
      ask=["Which bony segment of the lower back, the one just above the last segment before the sacrum, can you outline on this sagittal MR?",
           "A patient has low back pain radiating down the leg; which bone of the spine sits second from the bottom of its series above the sacrum? Please segment it."],
      kb=["The spinal canal lies behind the vertebral bodies and holds the cauda equina at this level.",
          "The sacrum sits below the lowest segment and joins the pelvis."],
      pop=["Most people have five segments in this part of the spine, although about one in ten has a transitional segment."],
      cmp=["it is larger than the cervical vertebrae higher up"]),
    P(target="left kidney", mod="CT", region="abdomen", orient="PI", plane=0.22, noun="organ",
      blobs=[(0.6, 0.48, 0.08, 0.11)], others={"spleen": (0.58, 0.28), "left iliopsoas": (0.5, 0.72)},
      names=["the left kidney", "this kidney"], give=["left kidney", "renal outline", "left renal parenchyma"],
      ask=["On this sagittal CT taken through one flank, which bean-shaped organ filters the blood to make urine?",
           "A patient has loin pain and blood in the urine; which urine-producing organ on this sagittal slice should be outlined?"],
      kb=["The liver lies on the patient's right and pushes the opposite kidney a little lower.",
          "The spleen sits above it, under the lower ribs."],
      pop=["An adult kidney weighs roughly 150 g and receives about a fifth of cardiac output."],
      cmp=["it is smaller than the liver"]),
    P(target="right femur", mod="CT", region="pelvis", orient="LI", noun="bone",
      blobs=[(0.3, 0.72, 0.05, 0.14)], others={"urinary bladder": (0.5, 0.45), "left femur": (0.7, 0.72)},
      names=["the right femur", "this thigh bone"], give=["right femur", "femoral shaft", "proximal femur"],
      ask=["Which long bone of the thigh, the one that bears weight from the hip to the knee, can you segment on this coronal CT? I mean the one on the patient's right.",
           "An elderly woman fell onto her right hip and cannot bear weight; which long bone should be outlined on this coronal slice?"],
      kb=["The bladder sits in the midline of the pelvis, above the level of the hips.",
          "The opposite thigh bone is symmetrical on the patient's left."],
      pop=["It is the longest bone in the body, roughly a quarter of a person's height."],
      cmp=["it is much longer than it is wide"]),
    P(target="gluteus maximus", mod="CT", region="pelvis", orient="LP", noun="muscles",
      blobs=[(0.3, 0.78, 0.1, 0.06), (0.7, 0.78, 0.1, 0.06)], others={"urinary bladder": (0.5, 0.35), "sacrum": (0.5, 0.7)},
      names=["the gluteus maximus muscles", "both buttock muscles", "these muscles"], give=["gluteus maximus", "gluteal muscles", "glutei"],
      ask=["Which paired, bulky muscles on this pelvic CT extend the hip when you climb stairs? Please segment them.",
           "After a long bed rest a patient has wasting of the large muscles that form the buttocks; which ones would you outline here?"],
      kb=["The bladder lies in the midline at the front of the pelvis.",
          "The sacrum sits in the midline between the two iliac bones."],
      pop=["It is often quoted as the largest muscle of the human body by mass."],
      cmp=["each is bulkier than the smaller gluteal muscles beneath it"]),
    P(target="left humerus", mod="CT", region="chest", orient="LP", noun="bone",
      blobs=[(0.88, 0.42, 0.035, 0.035)], others={"left scapula": (0.78, 0.58), "trachea": (0.5, 0.45)},
      names=["the left humerus", "this upper-arm bone"], give=["humerus", "humeral head", "left humeral shaft"],
      ask=["Which long bone of the upper arm, the one on the patient's left that meets the shoulder blade, is seen at the edge of this chest CT?",
           "A patient fell onto the left outstretched arm; which upper-arm bone at the edge of this slice should be segmented?"],
      kb=["The trachea is in the midline, in front of the oesophagus.",
          "The shoulder blade lies behind the rib cage on each side."],
      pop=["Proximal fractures of this bone are among the commonest fractures in people over 65."],
      cmp=["it is smaller in cross-section than the heart"]),
]


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


def pick_profile(profiles: list[dict], i: int, defect, rng: random.Random) -> dict:
    """Any profile; bilateral and multi-region masks get a quarter of the rows on top of their share."""
    multi = [p for p in profiles if len(p["blobs"]) > 1]
    return rng.choice(multi) if rng.random() < 0.25 else rng.choice(profiles)


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draw the profile's ellipses (jittered) and measure them with the product's own `compute_facts`."""
    from medseg_qa.facts import compute_facts
    from medseg_qa.patient import PatientFrame

    yy, xx = np.mgrid[0:H, 0:W] / (W - 1)
    mask = np.zeros((H, W), bool)
    dx, dy, s = rng.uniform(-0.008, 0.008), rng.uniform(-0.008, 0.008), rng.uniform(0.95, 1.05)
    for cx, cy, rx, ry in p["blobs"]:
        mask |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1
    frame = None
    if "plane" in p:
        frame = PatientFrame("world", ((W - 1) / 2, (H - 1) / 2), (float(W), float(H)), None, plane_offset=p["plane"])
    others = {k: (v[0] + dx, v[1] + dy) for k, v in p["others"].items()}
    return compute_facts(mask, p["orient"], others, frame=frame).model_dump(mode="json")


# --- words ------------------------------------------------------------------------------------------
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
         "seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    return _ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " and " + words(n % 100))


def spell(text: str) -> str:
    """Integers and per cent signs written out (for the numbers-as-words register)."""
    import re
    text = re.sub(r"(\d+)%", lambda m: words(int(m.group(1))) + " percent", text)
    return re.sub(r"\b\d+\b", lambda m: words(int(m.group(0))), text)


def plural(p: dict) -> bool:
    return p["noun"] in ("lesions", "nuclei", "spaces", "muscles", "organs")


def agree(p: dict, text: str) -> str:
    """{It}/{it}/{is}/{lies}/{sits}/{its}/{has}/{takes} by the grammatical number of the target's name."""
    pl = plural(p)
    rep = {"Is": "Are" if pl else "Is", "It": "They" if pl else "It", "it": "they" if pl else "it", "is": "are" if pl else "is",
           "lies": "lie" if pl else "lies", "sits": "sit" if pl else "sits", "its": "their" if pl else "its",
           "has": "have" if pl else "has", "takes": "take" if pl else "takes", "was": "were" if pl else "was"}
    for k, v in rep.items():
        text = text.replace("{" + k + "}", v)
    return text


def pct(frac: float, style: str, rng: random.Random) -> str:
    v = frac * 100
    if style == "words":
        return "well under one percent" if v < 1 else f"roughly {words(round(v))} percent"
    if v < 1:
        return rng.choice([f"about {v:.1f}%", f"roughly {v:.2f}%", "well under 1%"])
    return rng.choice([f"about {v:.0f}%", f"roughly {v:.1f}%", f"~{v:.0f}%"])


REL = {"left_of": ["to the patient's left of", "on the patient's left side of"],
       "right_of": ["to the patient's right of", "on the patient's right side of"],
       "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
VERT = {"anterior": ["toward the front of the body (anterior)", "in the anterior part of the slice",
                     "in the front half of the slice, nearer the anterior surface"],
        "posterior": ["toward the back of the body (posterior)", "in the posterior part of the slice",
                      "in the back half of the slice, nearer the posterior surface"],
        "superior": ["in the upper (superior) part of the image, toward the head", "high up, on the superior side",
                     "toward the top of the image (superior)"],
        "inferior": ["in the lower (inferior) part of the image, toward the feet", "low down, on the inferior side",
                     "toward the bottom of the image (inferior)"]}
VFLIP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
CONVENTION = {
    "LP": ["(Remember the radiological convention: axial images are viewed from the feet, so the patient's left is "
           "displayed on the right-hand side of the screen.)",
           "Note that on axial slices the patient's right appears on the viewer's left, the standard radiological display."],
    "LI": ["On a coronal image the patient faces you, so the patient's left is on the right of the image and the head "
           "is at the top.",
           "(By convention this coronal view shows the patient's right on the viewer's left, with superior at the top.)"],
    "PI": ["In this sagittal view the front of the body faces the left edge of the image and the head is at the top.",
           "(Sagittal images are displayed with anterior to the viewer's left and the head upward.)"],
}


def shown(name: str) -> str:
    """A structure's name as prose writes it ("l3 vertebra" -> "L3 vertebra")."""
    import re
    return re.sub(r"\bl(\d)\b", lambda m: "L" + m.group(1), name)


def side_true(p, f, rng) -> str:
    lat, sag = f["laterality"], p["orient"] == "PI"
    if lat == "bilateral":
        return agree(p, rng.choice(["{It} {is} bilateral, with one region on the patient's right and one on the patient's left",
                                    "{It} {is} present on both sides of the patient, one component on each side of the midline"]))
    if lat == "midline":
        return agree(p, rng.choice(["{It} {sits} in the midline (this is a midsagittal cut)" if sag else "{It} {sits} in the midline",
                                    "{It} {is} centred on the midline, neither to the patient's left nor to the right"]))
    if sag:
        return agree(p, f"this sagittal slice passes through the patient's {lat} side, so {{it}} {{is}} on the patient's {lat}")
    screen = "right" if lat == "left" else "left"
    return agree(p, rng.choice([f"{{It}} {{lies}} on the patient's {lat} side",
                                f"{{It}} {{lies}} on the patient's {lat} side (which appears on the {screen} of the screen)",
                                f"{{It}} {{is}} {lat}-sided (the patient's {lat}, not the viewer's)",
                                f"{{It}} {{sits}} in the patient's {lat} half of the body"]))


def side_false(p, f, rng) -> str:
    lat = f["laterality"]
    if lat == "bilateral":
        s = rng.choice(["left", "right"])
        return agree(p, f"{{It}} {{is}} confined to the patient's {s} side, with nothing on the other side")
    if lat == "midline":
        s = rng.choice(["left", "right"])
        return agree(p, f"{{It}} {{lies}} off the midline, clearly on the patient's {s} side")
    o = {"left": "right", "right": "left"}[lat]
    return agree(p, rng.choice([f"{{It}} {{lies}} on the patient's {o} side", f"{{It}} {{is}} {o}-sided"]))


def side_neg(p, f) -> str:
    lat = f["laterality"]
    if lat == "bilateral":
        return agree(p, "{It} {is} not confined to one side")
    if lat == "midline":
        return agree(p, "{It} {is} not off to one side")
    return agree(p, f"{{It}} {{is}} not on the patient's {'right' if lat == 'left' else 'left'}")


def vert_true(p, f, rng) -> str:
    v = f["vertical"]
    if v == "central":
        mid = "roughly halfway between front and back" if p["orient"] == "LP" else "at about mid-height of the image"
        return agree(p, f"{{It}} {{sits}} {mid}, close to the centre of the patient along that axis")
    return agree(p, f"{{It}} {{lies}} {rng.choice(VERT[v])}")


def rel_true(p, f, rng) -> str | None:
    rels = f["relations"]
    if not rels:
        return None
    r = rng.choice(rels)
    return agree(p, f"{{It}} {{lies}} {rng.choice(REL[r['relation']])} the {shown(r['other'])}")


def pos_false(p, f, rng) -> str:
    v = f["vertical"]
    if f["relations"] and (v == "central" or rng.random() < 0.5):
        r = rng.choice(f["relations"])
        return agree(p, f"{{It}} {{lies}} {rng.choice(REL[FLIP[r['relation']]])} the {shown(r['other'])}")
    if v == "central":
        far = "at the very front of the body" if p["orient"] == "LP" else "at the very top of the image, far superior"
        return agree(p, f"{{It}} {{sits}} {far}")
    return agree(p, f"{{It}} {{lies}} {rng.choice(VERT[VFLIP[v]])}")


SIZEW = {"small": ["small", "fairly small", "modest in size"], "medium": ["medium-sized", "moderate in size"],
         "large": ["large", "quite large", "sizeable"]}


def size_true(p, f, style, rng) -> str:
    return agree(p, f"{{It}} {{is}} {rng.choice(SIZEW[f['size_class']])}, taking up {pct(f['area_fraction'], style, rng)} of the image")


def size_false(p, f, style, rng) -> str:
    sc = f["size_class"]
    if sc == "large" or (sc == "medium" and rng.random() < 0.5):
        claim = "well under half of one percent" if style == "words" else "about 0.2%"
        return agree(p, f"{{It}} {{is}} tiny, taking up only {claim} of the image")
    claim = "roughly thirty percent" if style == "words" else "about 30%"
    return agree(p, f"{{It}} {{is}} very large, filling {claim} of the image")


def size_neg(p, f) -> str:
    return agree(p, {"small": "{It} {is} not large", "medium": "{It} {is} neither tiny nor large",
                     "large": "{It} {is} certainly not small"}[f["size_class"]])


def count_true(p, f, style, rng) -> str:
    n = f["components"]
    if n == 1:
        return rng.choice(["the mask is a single connected region",
                           "the segmentation forms one contiguous region, with no separate islands"])
    where = " — one per side" if f["laterality"] == "bilateral" else ""
    return rng.choice([f"the mask consists of {words(n)} separate regions{where}",
                       f"the outline is made up of {words(n)} distinct, non-touching components{where}"])


def count_false(p, f, rng) -> str:
    if f["components"] > 1:
        return rng.choice(["the mask is one single continuous region", "the segmentation is one unbroken region"])
    return rng.choice(["the mask is split into two separate regions", "the outline is made up of two distinct pieces that do not touch"])


def count_neg(f) -> str:
    return "there is no second, separate focus" if f["components"] == 1 else "the mask is not one continuous piece"


# --- conversation -----------------------------------------------------------------------------------
OPENERS = ["Certainly!", "Great question.", "Of course.", "Sure — happy to help.", "Absolutely.", "Good question!"]
CLOSERS = ["I hope this helps!", "Let me know if you would like me to refine the outline.",
           "Feel free to ask a follow-up question.", "Hope that clarifies things!"]
HEDGES = ["This is consistent with the expected anatomy", "That matches what one would expect on a slice like this",
          "This is in keeping with typical anatomy, although the exact level of the cut matters"]


def cap(s: str) -> str:
    return s[0].upper() + s[1:] if s else s


def first_question(p, style, rng, named: bool) -> str:
    ask = rng.choice(p["ask"])
    if named:
        g = rng.choice(p["give"])
        ask = rng.choice([f"Can you segment the {g} on this {p['mod']} image? I need the outline for a teaching set.",
                          f"Where is the {g} on this {p['mod']} slice? Please segment it and explain how you found it.",
                          f"{ask} (I assume it is the {g}, but please confirm.)"])
    lead = {"terse": ["", "Quick one: "], "tutor": ["I'm a medical student revising anatomy. ", "Could you help me? "],
            "markdown": ["", "Hi! "], "words": ["Please write any numbers as words. ", ""]}[style]
    tail = {"terse": [" Segment it.", " Mask it, please."], "tutor": [" Please explain your reasoning.", ""],
            "markdown": [" Please format the answer nicely.", " Segment it and walk me through it."],
            "words": [" Please segment it.", ""]}[style]
    q = rng.choice(lead) + ask + ("" if any(w in ask.lower() for w in ("segment", "outline", "mask")) else rng.choice(tail))
    return q if "?" in q else q + " Which structure is it?"


def name_line(p, rng) -> str:
    nm = rng.choice([n for n in p["names"] if not n.startswith(("this ", "these "))])
    return agree(p, f"the structure{'s' if plural(p) else ''} you are describing {{is}} {nm}")


def fact_sentences(p, f, style, rng, wrong: str | None, omit: set) -> dict:
    """Sentences for each fact kind; the kind named by `wrong` is false, kinds in `omit` are left out."""
    out = {}
    if "laterality" not in omit:
        out["laterality"] = side_false(p, f, rng) if wrong == "laterality" else side_true(p, f, rng)
    if "position" not in omit:
        out["position"] = pos_false(p, f, rng) if wrong == "position" else vert_true(p, f, rng)
    if "size" not in omit:
        out["size"] = size_false(p, f, style, rng) if wrong == "size" else size_true(p, f, style, rng)
    if "count" not in omit:
        out["count"] = count_false(p, f, rng) if wrong == "count" else count_true(p, f, style, rng)
    if "position" not in omit and wrong != "position":
        r = rel_true(p, f, rng)
        if r:
            out["relation"] = r
    return out


def traps(p, f, style, rng, omit: set) -> list[str]:
    """True sentences a checker may misread: negations, convention, other structures, numbers, comparisons."""
    pop = rng.choice(p["pop"])
    t = [rng.choice(CONVENTION[p["orient"]]), rng.choice(p["kb"]),
         rng.choice(["It is worth noting that ", "As a general point, ", "For context, "]) + pop[0].lower() + pop[1:],
         "For comparison, " + rng.choice(p["cmp"]) + "."]
    negs = []
    if "laterality" not in omit:
        negs.append(side_neg(p, f))
    if "size" not in omit:
        negs.append(size_neg(p, f))
    if "count" not in omit:
        negs.append(count_neg(f))
    if negs:
        t.append(cap(rng.choice(negs)) + ".")
    t = [x if x.endswith((".", ")")) else x + "." for x in t]
    if style == "words":
        t = [spell(x) for x in t]
    rng.shuffle(t)
    return t[: rng.randint(2, len(t))]


def assemble(p, f, style, rng, facts: dict, extra: list[str]) -> str:
    """The first answer in one register; exactly one [SEG]."""
    name = name_line(p, rng)
    op = rng.choice(OPENERS)
    fs = {k: cap(v) + "." for k, v in facts.items()}
    if style == "words":
        fs = {k: spell(v) for k, v in fs.items()}
    rest = rng.choice(["You are asking which structure matches that description", "To restate the question: you want the "
                       "structure that fits this description", "The question asks which structure on the slice fits"])
    if style == "terse":
        body = " ".join(fs.values())
        return (f"{op} {cap(name)} {SEG}. {body} {' '.join(extra[:2])} In summary, the outlined region is the answer; "
                f"{rng.choice(HEDGES).lower()}.")
    if style == "markdown":
        label = {"laterality": "Side", "position": "Position", "relation": "Neighbours", "size": "Size", "count": "Regions"}
        bullets = "\n".join(f"- **{label[k]}:** {v}" + (f"\n  - *Note:* {extra[0]}" if k == "laterality" and extra else "")
                            for k, v in fs.items())
        notes = "\n".join(f"> {x}" for x in extra[1:]) or "> The outline follows the visible boundary."
        return (f"{op} {rest}.\n\n## Answer\n{cap(name)} — segmented here: {SEG}\n\n### Key observations\n{bullets}\n\n"
                f"{notes}\n\n**In summary**, based on the image the mask marks the requested structure; "
                f"{rng.choice(HEDGES).lower()}. {rng.choice(CLOSERS)}")
    if "relation" in fs and rng.random() < 0.6:  # one long sentence naming two or three structures, each placed
        kb = rng.choice([k for k in p["kb"] if k not in extra] or p["kb"])
        fs["relation"] = (fs["relation"][:-1] + rng.choice(["; meanwhile, ", " — whereas ", "; by contrast, "])
                          + kb[0].lower() + kb[1:])
    steps = list(fs.values())
    if style == "tutor":
        ords = ["First,", "Second,", "Third,", "Next,", "Finally,"]
        walk = " ".join(f"{ords[i]} {s[0].lower() + s[1:]}" for i, s in enumerate(steps))
    else:
        walk = " ".join(steps)
    return (f"{op} {rest}. Based on the image, {name} {SEG}. Let's reason through it. {walk} "
            f"{' '.join(extra)} {rng.choice(HEDGES)}. {rng.choice(CLOSERS)}")


FOLLOW = {"laterality": ["Which side {is} {it} on?", "{Is} {it} on the left or the right?", "Which side of the patient, exactly?"],
          "position": ["Where exactly does it sit?", "Where {is} {it} in relation to the neighbours?", "Where {is} {it} located?"],
          "size": ["How big {is} {it}?", "{Is} {it} large or small?", "How much of the image does the mask take up?"],
          "count": ["How many parts did you outline?", "Is it all one piece?", "How many separate regions are there?"],
          "why": ["Why is that?", "Why does this matter clinically?", "Can you explain why that is useful to know?"]}


def premise(p, f, kind, rng) -> str:
    """A user follow-up that takes a false fact for granted (the planted defect)."""
    if kind == "laterality":
        return "I can see that " + side_false(p, f, rng)[0].lower() + side_false(p, f, rng)[1:] + " — why would that be?"
    if kind == "position":
        s = pos_false(p, f, rng)
        return "I see that " + s[0].lower() + s[1:] + ". " + agree(p, "Why {is} {it} positioned like that?")
    if kind == "size":
        return "Why " + agree(p, "{is} {it}") + (" so tiny — under one percent of the picture?" if f["size_class"] == "large"
                                                  else " so huge — about a third of the whole picture?")
    return ("Why is the mask just one single connected blob?" if f["components"] > 1
            else "Why did the mask come out as two separate pieces?")


def follow_answer(p, f, kind, style, rng, wrong: bool) -> str:
    op = rng.choice(["Good question.", "Sure.", "Great follow-up!", "Of course.", "Happy to clarify."])
    if kind == "why":
        body = f"{rng.choice(p['kb'])} {rng.choice(p['pop'])}"
    else:
        fs = fact_sentences(p, f, style, rng, kind if wrong else None, {"laterality", "position", "size", "count"} - {kind})
        body = " ".join(cap(v) + "." for v in fs.values())
        if not wrong and kind in ("laterality", "size", "count"):
            body += " " + cap({"laterality": side_neg(p, f), "size": size_neg(p, f), "count": count_neg(f)}[kind]) + "."
        if kind == "laterality":
            body += " " + rng.choice(CONVENTION[p["orient"]])
        if kind == "size":
            body += " For comparison, " + rng.choice(p["cmp"]) + "."
    text = f"{op} Based on the image, {body[0].lower() + body[1:]} {rng.choice(['In summary, that is what the mask shows.', 'I hope this helps!', ''])}"
    return spell(text).strip() if style == "words" else text.strip()


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    f = facts
    kinds = ["laterality", "position", "size", "count"]
    where = None
    if defect and defect != "names_target":
        where = rng.choices(["answer", "follow", "user"], [0.5, 0.3, 0.2])[0]
    omit = {defect} if where in ("follow", "user") else set()
    q = first_question(p, style, rng, defect == "names_target")
    fs = fact_sentences(p, f, style, rng, defect if where == "answer" else None, omit)
    turns = [{"role": "user", "content": q},
             {"role": "assistant", "content": assemble(p, f, style, rng, fs, traps(p, f, style, rng, omit | ({defect} if where == "answer" else set())))}]
    asked = []
    if where == "follow":
        asked.append((agree(p, rng.choice(FOLLOW[defect])), follow_answer(p, f, defect, style, rng, True)))
    elif where == "user":
        asked.append((premise(p, f, defect, rng),
                      f"{rng.choice(['That is a fair thing to wonder about.', 'Good question.'])} {rng.choice(p['kb'])} "
                      f"{rng.choice(p['pop'])} {rng.choice(CLOSERS)}"))
    n_more = rng.choice([0, 1]) if asked else rng.choice([0, 1, 2, 2])
    pool = [k for k in kinds + ["why"] if k != defect]
    rng.shuffle(pool)
    for k in pool[:n_more]:
        asked.append((agree(p, rng.choice(FOLLOW[k])), follow_answer(p, f, k, style, rng, False)))
    for qq, aa in asked:
        if style == "words":
            aa = spell(aa)
        turns += [{"role": "user", "content": qq}, {"role": "assistant", "content": aa}]
    return turns, ([defect] if defect else [])
