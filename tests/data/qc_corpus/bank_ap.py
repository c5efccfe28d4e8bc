"""Bank AP: thorax, heart, neck, brain and musculoskeletal targets on CT/MR (axial "LP", coronal "LI",
sagittal "PI") plus two 2D photos (colonoscopy polyp, dermoscopy skin lesion; no patient axes), in four
registers: a GPT-style "Reasoning: / Answer:" block, a concise Findings / Impression report, a relaxed chat
assistant with analogies, and an exam viva with short follow-ups.

Written blind (helper qcap): without opening the QC rules, their tests, other banks or their rows. Facts are
measured by the product's `compute_facts` on synthetic ellipse masks, and every sentence about the mask is
written from those measured facts. Defective rows carry exactly one plainly false claim (in the first
answer, in a follow-up answer, or in about a fifth of cases in a user question); clean rows carry true
traps: negations, the display convention, knowledge sentences about other structures with their own sides
and sizes, textbook population numbers, hedges, true tag questions.

First measure: not taken by the writer (the lead measures this bank with the final rules).
"""

from __future__ import annotations

import numpy as np

W = H = 256
CHEST = ["The heart's apex points down and toward the patient's left.",
         "The right main bronchus is shorter, wider and more vertical than the left, so inhaled objects usually go right.",
         "The aortic arch hooks over the left main bronchus.",
         "The liver sits under the right hemidiaphragm, which is why the right dome is usually higher.",
         "The descending aorta runs down just to the left of the vertebral bodies.",
         "The azygos vein arches over the right main bronchus."]
BRAIN = ["The left hemisphere handles language in roughly 95% of right-handed people.",
         "The fourth ventricle lies behind the brainstem and in front of the cerebellum.",
         "The third ventricle is a thin midline slit between the two thalami.",
         "The pineal gland sits in the midline and is often calcified in adults."]
NECK = ["The common carotid arteries run on either side of the trachea.",
        "In the lower neck the oesophagus drifts slightly to the left of the trachea.",
        "The left recurrent laryngeal nerve loops under the aortic arch, the right one under the subclavian artery.",
        "The jugular veins lie lateral to the carotids on each side."]
MSK = ["The sciatic nerve leaves the pelvis behind the hip joint.",
       "The spinal cord runs inside the canal, behind the vertebral bodies.",
       "The femoral artery passes in front of the hip, just medial to its midpoint.",
       "The psoas muscles lie on either side of the lumbar spine."]


def _p(target, name, modality, region, orient, shapes, others, hints, give, kb, pop, analog, **kw):
    return dict(target=target, name=name, modality=modality, region=region, orient=orient, shapes=shapes,
                others=others, hints=hints, give=give, kb=kb, pop=pop, analog=analog, **kw)


PROFILES = [
    _p("left lung", "left lung", "CT", "thorax", "LP", [(172, 125, 40, 58)],
       {"heart": (0.53, 0.40), "vertebral body": (0.5, 0.78), "right lung": (0.33, 0.49)},
       ["In this chest CT, which spongy, air-filled organ with only two lobes swaps oxygen for carbon dioxide on the patient's left? Segment it, please.",
        "Which organ of gas exchange hugs the heart border and has a lingula instead of a middle lobe? Please mark it.",
        "Could you outline the air-filled organ that inflates with every breath on the patient's left side of this slice?"],
       ["Can you segment the left lung on this chest CT?", "Which pulmonary structure on the left should I outline here?",
        "Please mark the left lung parenchyma: where is it?"],
       CHEST, ["The right lung holds about 55% of total lung capacity, the left about 45%.",
               "An adult takes roughly 12 to 20 breaths a minute at rest."],
       ["a sponge that fills and empties like a bellows", "a balloon with a dent where the heart pushes in"]),
    _p("right lung", "right lung", "CT", "thorax", "LP", [(84, 125, 42, 58)],
       {"heart": (0.53, 0.40), "vertebral body": (0.5, 0.78), "left lung": (0.67, 0.49)},
       ["Which three-lobed, air-filled organ on the patient's right takes up oxygen from each breath? Segment it.",
        "In this chest slice, which organ with a horizontal and an oblique fissure exchanges gases? Outline it.",
        "Could you mark the spongy breathing organ that sits above the liver's dome?"],
       ["Can you segment the right lung here?", "Which pulmonary field on the right should be outlined on this CT?",
        "Please outline the right lung, the three-lobed one: where is it?"],
       CHEST, ["The right lung holds about 55% of total lung capacity.", "Adults move about 500 mL of air with each quiet breath."],
       ["a sponge that fills and empties like a bellows", "a three-room house where the left one has only two rooms"]),
    _p("right lung", "right lung", "CT", "thorax", "LI", [(82, 105, 38, 66)],
       {"liver": (0.30, 0.78), "heart": (0.55, 0.55), "left lung": (0.68, 0.41)},
       ["On this coronal chest CT, which air-filled organ with three lobes sits above the liver? Please segment it.",
        "Which organ of respiration, on the patient's right, rests on the right dome of the diaphragm in this coronal view? Outline it."],
       ["On this coronal CT, can you segment the right lung?", "Which right pulmonary field do you see here?"],
       CHEST, ["The right lung holds about 55% of total lung capacity.", "Total lung capacity in an adult is about 6 litres."],
       ["a sponge that fills and empties like a bellows"]),
    _p("lung", "lungs", "CT", "thorax", "LP", [(84, 125, 40, 58), (172, 125, 40, 58)],
       {"heart": (0.53, 0.40), "vertebral body": (0.5, 0.78)},
       ["Which paired, spongy organs on either side of the chest take in oxygen with every breath? Segment both, please.",
        "Can you outline the two air-filled organs of breathing on either side of the heart?"],
       ["Can you segment both lungs on this CT?", "Which pulmonary fields are visible here? Outline them."],
       CHEST, ["Total lung capacity in an adult is about 6 litres.", "The alveoli give a surface area of around 70 square metres."],
       ["a pair of sponges", "two bellows working side by side"], multi=True),
    _p("heart", "heart", "CT", "thorax", "LP", [(140, 100, 42, 36)],
       {"vertebral body": (0.5, 0.78), "left lung": (0.75, 0.49), "right lung": (0.25, 0.49)},
       ["Which muscular, four-chambered pump sits between the two air-filled organs of the chest? Please segment it.",
        "In this slice, which organ beats about seventy times a minute to push blood around the body? Outline it.",
        "Could you mark the fist-sized pump wrapped in the pericardial sac?"],
       ["Can you segment the heart on this CT?", "Which cardiac chambers are visible here? Outline them.",
        "Please outline the cardiac silhouette: where is it?"],
       CHEST + ["About two-thirds of the heart's mass lies to the left of the midline in most people."],
       ["An adult heart weighs about 250 to 350 g.", "At rest it pumps roughly 5 litres of blood a minute."],
       ["a fist-sized pump", "a four-room house with one-way doors"]),
    _p("trachea", "trachea", "CT", "neck", "LP", [(128, 95, 9, 8)],
       {"esophagus": (0.52, 0.59), "vertebral body": (0.5, 0.78), "thyroid gland": (0.5, 0.30)},
       ["Which rigid tube, held open by C-shaped rings of cartilage, carries air down to the bronchi? Segment it.",
        "In this neck CT, which air-filled tube lies in the midline just behind the butterfly gland? Outline it, please."],
       ["Can you segment the trachea here?", "Which part of the airway is this? Outline the windpipe.",
        "Could you please outline the tracheal lumen?"],
       NECK + CHEST[1:2], ["The adult trachea is about 10 to 12 cm long and roughly 2 cm across.",
                          "It has 16 to 20 cartilage rings."],
       ["a vacuum-cleaner hose reinforced with rings", "a drinking straw with ribs"]),
    _p("esophagus", "oesophagus", "CT", "neck", "LP", [(133, 150, 7, 6)],
       {"trachea": (0.5, 0.37), "vertebral body": (0.5, 0.78)},
       ["Which collapsible muscular tube carries swallowed food from the throat to the stomach? Segment it.",
        "Which tube in this slice, just behind the air tube, moves each bite down by peristalsis? Please outline it."],
       ["Can you segment the esophagus?", "Where is the oesophageal lumen on this slice?",
        "Please outline the gullet, which part is it?"],
       NECK, ["The adult oesophagus is about 25 cm long.", "Swallowed food takes around 5 to 8 seconds to reach the stomach."],
       ["a flat garden hose that opens only when something passes", "a conveyor belt squeezing food downward"]),
    _p("thyroid gland", "thyroid gland", "CT", "neck", "LP", "thyroid",
       {"trachea": (0.5, 0.40), "vertebral body": (0.5, 0.78)},
       ["Which butterfly-shaped gland in the lower neck makes the hormones that set the metabolic rate? Please outline it.",
        "Which endocrine gland wraps around the front of the windpipe and may swell into a goitre? Segment it."],
       ["Can you segment the thyroid here?", "Which thyroid lobes do you see? Outline them.",
        "Would you outline the thyroid gland on this neck CT?"],
       NECK, ["An adult thyroid weighs about 15 to 25 g.", "Each lobe is roughly 5 cm long."],
       ["a butterfly resting on the windpipe", "a bow tie worn under the skin"], multi=True),
    _p("lateral ventricle", "lateral ventricles", "MR", "head", "LP", [(110, 120, 8, 30), (146, 120, 8, 30)],
       {"brainstem": (0.5, 0.62), "cerebellum": (0.5, 0.76)},
       ["Which paired, fluid-filled C-shaped cavities deep in the hemispheres hold cerebrospinal fluid? Segment them.",
        "On this axial MR, which CSF spaces either side of the septum pellucidum enlarge in hydrocephalus? Outline them."],
       ["Can you segment the lateral ventricles?", "Which ventricles are these? Outline both lateral ventricles."],
       BRAIN, ["The lateral ventricles hold roughly 20 to 25 mL of fluid in a young adult.",
               "About 500 mL of cerebrospinal fluid is produced each day."],
       ["two curled water balloons", "a pair of rams' horns full of fluid"], multi=True),
    _p("left hippocampus", "left hippocampus", "MR", "head", "LP", [(163, 135, 15, 7)],
       {"brainstem": (0.5, 0.58), "lateral ventricle": (0.5, 0.43)},
       ["Which seahorse-shaped structure in the medial temporal lobe on the patient's left is key for forming new memories? Please segment it.",
        "Which curled grey-matter ridge on the floor of the temporal horn, on the left, shrinks early in Alzheimer disease? Outline it."],
       ["Can you segment the left hippocampus?", "Which hippocampal structure is on the left here? Outline it."],
       BRAIN, ["Each hippocampus measures about 3 to 4 cubic centimetres in adults.",
               "It loses roughly 1 to 2% of its volume a year in normal ageing after 60."],
       ["a memory librarian filing the day's events", "a small curled seahorse"]),
    _p("right hippocampus", "right hippocampus", "MR", "head", "LI", [(95, 160, 9, 7)],
       {"lateral ventricle": (0.5, 0.40), "brainstem": (0.5, 0.72)},
       ["On this coronal MR, which curled, seahorse-shaped grey-matter structure on the patient's right is crucial for memory? Outline it.",
        "Which structure in the right medial temporal lobe is graded with the Scheltens atrophy scale? Segment it."],
       ["Can you segment the right hippocampus on this coronal slice?", "Where is the right hippocampal formation? Outline it."],
       BRAIN, ["Each hippocampus measures about 3 to 4 cubic centimetres in adults.",
               "Medial temporal atrophy is seen in most patients with established Alzheimer disease."],
       ["a memory librarian", "a small curled seahorse"]),
    _p("brainstem", "brainstem", "MR", "head", "LP", [(128, 160, 20, 17)],
       {"lateral ventricle": (0.5, 0.43), "cerebellum": (0.5, 0.80)},
       ["Which stalk-like part of the central nervous system joins the hemispheres to the cord and controls breathing and heart rate? Segment it.",
        "Which structure here carries the nuclei of most cranial nerves? Please outline it."],
       ["Can you segment the brainstem?", "Where is the pons on this MR? Outline the brain stem.",
        "Can you outline the midbrain and medulla here?"],
       BRAIN, ["Ten of the twelve cranial nerves arise from it.", "In adults it is roughly 7 to 8 cm long."],
       ["the stalk of a mushroom", "a motorway junction between the head and the body"]),
    _p("brainstem", "brainstem", "MR", "head", "PI", [(140, 160, 12, 35)],
       {"cerebellum": (0.68, 0.74), "lateral ventricle": (0.50, 0.42)},
       ["On this midsagittal MR, which stalk connecting the hemispheres to the cord controls breathing? Segment it.",
        "Which structure in front of the fourth ventricle holds the cranial nerve nuclei on this sagittal image? Outline it."],
       ["Can you segment the brainstem on this sagittal image?", "Where is the pons here? Outline it."],
       BRAIN, ["Ten of the twelve cranial nerves arise from it.", "In adults it is roughly 7 to 8 cm long."],
       ["the stalk of a mushroom"], sagittal=True),
    _p("cerebellum", "cerebellum", "MR", "head", "LP", [(128, 190, 50, 28)],
       {"brainstem": (0.5, 0.55), "lateral ventricle": (0.5, 0.40)},
       ["Which fist-sized structure at the back of the skull coordinates balance and fine movement? Segment it.",
        "Which folded structure under the tentorium is tested with finger-nose and heel-shin tests? Please outline it."],
       ["Can you segment the cerebellum?", "Which cerebellar hemispheres do you see? Outline them."],
       BRAIN, ["It holds about half of all neurons in the brain while being about 10% of its volume.",
               "Alcohol affects its midline part first in most people."],
       ["an autopilot for movement", "a cauliflower tucked under the back of the head"]),
    _p("left femur", "left femoral head", "CT", "pelvis", "LI", [(185, 100, 18, 18)],
       {"vertebral body": (0.5, 0.25), "right femur": (0.28, 0.39)},
       ["On this coronal pelvic CT, which ball-shaped end of the longest bone in the body sits in the hip socket on the patient's left? Segment it.",
        "Which rounded bone end, fed mainly by the medial circumflex artery, articulates with the acetabulum on the left? Outline it."],
       ["Can you segment the left femoral head?", "Which part of the left femur sits in the socket? Outline it."],
       MSK, ["Avascular necrosis affects roughly 10,000 to 20,000 new patients a year in the US.",
             "The femoral head is about 4.5 to 5 cm across in adults."],
       ["a ball in a ball-and-socket joint", "a scoop of ice cream in its cone"]),
    _p("right femur", "right femoral head", "CT", "pelvis", "LP", [(80, 140, 17, 17)],
       {"vertebral body": (0.5, 0.70), "left femur": (0.69, 0.55)},
       ["At hip level, which ball-shaped bone end on the patient's right sits in the socket of the pelvis? Segment it.",
        "Which rounded end of the thigh's long bone fractures most often in elderly falls, on the right side? Outline it."],
       ["Can you segment the right femur here?", "Where is the right femoral head? Outline it."],
       MSK, ["Hip fractures affect about 1.6 million people worldwide each year.",
             "The femoral head is about 4.5 to 5 cm across in adults."],
       ["a ball in a ball-and-socket joint"]),
    _p("vertebral body", "vertebral body", "CT", "thorax", "LP", [(128, 190, 20, 17)],
       {"heart": (0.53, 0.40), "esophagus": (0.52, 0.59)},
       ["Which weight-bearing, drum-shaped block of bone sits in front of the cord canal on this slice? Segment it.",
        "Which cylinder of cancellous bone carries the body's weight and loses height in osteoporotic fractures? Outline it."],
       ["Can you segment the vertebral body?", "Which vertebra is this? Outline its body.", "Could you outline the thoracic vertebra on this slice?"],
       MSK + CHEST[4:5], ["Osteoporotic compression fractures affect about 1 in 4 postmenopausal women.",
                          "The thoracic column has twelve segments."],
       ["a stack of cotton reels", "a drum in a column of drums"]),
    _p("vertebral body", "vertebral body", "CT", "spine", "PI", "stack",
       {"heart": (0.30, 0.30)},
       ["On this midsagittal CT, which weight-bearing blocks of bone, separated by discs, should I outline? Segment them.",
        "Which drum-shaped bones carry the load of the trunk on this sagittal slice? Outline them."],
       ["Can you segment the vertebral bodies on this sagittal CT?", "Which vertebrae do you see? Outline them."],
       MSK, ["Osteoporotic compression fractures affect about 1 in 4 postmenopausal women.",
             "Intervertebral discs make up about a quarter of the column's height."],
       ["a stack of cotton reels", "drums stacked with cushions between them"], multi=True, sagittal=True),
    _p("pulmonary nodule", "pulmonary nodule", "CT", "thorax", "LP", "nodule",
       {"heart": (0.53, 0.40), "vertebral body": (0.5, 0.78)},
       ["Which small round opacity, the kind followed up under the Fleischner guidelines, is visible in this chest CT? Segment it.",
        "Could you outline the incidental round spot in the chest that might need a follow-up scan?"],
       ["Can you segment the lung nodule?", "Where is the pulmonary nodule? Outline it.",
        "Where is the nodule in the lung? Please outline it."],
       CHEST, ["About 1 in 4 adults who have a chest CT shows at least one nodule.",
               "Most nodules under 6 mm are benign."],
       ["a pea in a sponge", "a grain of rice in a loaf"], multi=True),
    _p("polyp", "polyp", "endoscopy", "colon", None, "polyp", {},
       ["Which raised growth projecting from the mucosa into the lumen should be removed at this colonoscopy? Please outline it.",
        "In this endoscopy frame, which bump on the bowel wall could turn malignant if left alone? Segment it."],
       ["Can you segment the polyp?", "Where is the adenoma in this frame? Outline it.", "Could you outline the colonic polyp?"],
       ["Most colorectal cancers arise from adenomas over ten years or more.",
        "The sigmoid colon lies on the left side of the pelvis."],
       ["About a quarter of adults over fifty have at least one adenoma at screening.",
        "Lesions over 10 mm carry a higher risk of advanced histology."],
       ["a mushroom sprouting from a wall", "a drop of wax on a pipe"], photo=True, multi=True),
    _p("skin lesion", "skin lesion", "dermoscopy", "skin", None, "skin", {},
       ["Which dark pigmented spot in this dermoscopy photo should be assessed with the ABCDE rule? Segment it.",
        "In this close-up photo, which irregular brown patch of skin might need a biopsy? Outline it."],
       ["Can you segment the mole?", "Where is the melanoma here? Outline the lesion.", "Would you please outline the naevus?"],
       ["The ABCDE rule looks at asymmetry, border, colour, diameter and evolution.",
        "Sun-exposed skin on the back and legs is the most common site in adults."],
       ["Melanoma is about 1% of skin cancers but causes most skin cancer deaths.",
        "A diameter over 6 mm is one of the ABCDE warning signs."],
       ["an ink blot on paper", "a coffee stain on a tablecloth"], photo=True, multi=True),
]

# true comparisons and size knowledge, another trap for a checker that reads every size word as a claim
CMP = {"left lung": "The left lung is a little smaller than the right because the heart bulges into the left chest.",
       "right lung": "The right lung is slightly larger than the left, which shares its half of the chest with the heart.",
       "lung": "The right one is usually a little larger than the left.",
       "heart": "On a typical mid-chest slice each lung covers more area than the heart.",
       "trachea": "The oesophagus behind it is usually flatter and narrower when empty.",
       "esophagus": "The trachea in front of it is wider and stays open thanks to its cartilage rings.",
       "thyroid gland": "Each lobe is about the size of the top segment of a thumb.",
       "lateral ventricle": "They are much larger than the slit-like third ventricle between them.",
       "left hippocampus": "It is much smaller than the temporal lobe that contains it.",
       "right hippocampus": "It is much smaller than the temporal lobe that contains it.",
       "brainstem": "It is narrower than the cerebellum behind it.",
       "cerebellum": "It is far smaller than the cerebrum above it.",
       "left femur": "The acetabulum cups a little more than half of the ball.",
       "right femur": "The acetabulum cups a little more than half of the ball.",
       "vertebral body": "Lumbar vertebral bodies are larger than thoracic ones because they carry more weight.",
       "pulmonary nodule": "By definition a nodule is under 3 cm; anything bigger is called a mass.",
       "polyp": "Flat polyps are harder to spot than stalked ones.",
       "skin lesion": "Benign moles are usually smaller than 6 mm across."}
for _q in PROFILES:
    _q["kb"] = list(_q["kb"]) + [CMP[_q["target"]]]

STYLES = ["reasoning", "report", "chat", "viva"]
KINDS = ["laterality", "position", "size", "count", "names_target"]


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


def pick_profile(profiles, i, defect, rng):
    if defect in ("laterality", "position"):
        return rng.choice([q for q in profiles if not q.get("photo")])
    if defect == "count" or rng.random() < 0.3:
        return rng.choice([q for q in profiles if q.get("multi")])
    return rng.choice(profiles)


def _ellipses(p, rng):
    s = p["shapes"]
    if s == "thyroid":
        out = [(100, 110, 12, 18), (156, 110, 12, 18)]
        if rng.random() < 0.5:
            out.append((128, 100, 28, 5))  # isthmus joins the lobes
        return out
    if s == "stack":
        n = rng.choice([1, 2, 3])
        return [(150, 70 + 55 * k, 22, 20) for k in range(n)]
    if s == "nodule":
        x = rng.choice([80, 176])
        return [(x + rng.randint(-10, 10), 100 + 35 * k, 6, 6) for k in range(rng.choice([1, 1, 2, 3]))]
    if s == "polyp":
        r = rng.choice([9, 22, 45])
        out = [(110, 120, r, r * 0.8)]
        if rng.random() < 0.4:
            out.append((200, 200, r * 0.5, r * 0.4))
        return out
    if s == "skin":
        r = rng.choice([25, 60])
        out = [(128, 128, r, r * 0.75)]
        if rng.random() < 0.35:
            out.append((220, 40, 8, 6))
        return out
    return s


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts
    from medseg_qa.patient import PatientFrame

    yy, xx = np.mgrid[0:H, 0:W]
    mask = np.zeros((H, W), bool)
    for cx, cy, rx, ry in _ellipses(p, rng):
        cx, cy = cx + rng.uniform(-3, 3), cy + rng.uniform(-3, 3)
        k = rng.uniform(0.92, 1.08)
        mask |= ((xx - cx) / (rx * k)) ** 2 + ((yy - cy) / (ry * k)) ** 2 <= 1
    frame = None
    if p.get("sagittal"):
        frame = PatientFrame("world", ((W - 1) / 2, (H - 1) / 2), (float(W), float(H)), None,
                             plane_offset=rng.uniform(-0.02, 0.02))
    others = {k: (v[0] + rng.uniform(-0.01, 0.01), v[1] + rng.uniform(-0.01, 0.01)) for k, v in p["others"].items()}
    return compute_facts(mask, p["orient"], others=others, frame=frame).model_dump(mode="json")


# -- fact sentences -----------------------------------------------------------------------------------

SIDE_TRUE = {"left": ["on the patient's left", "on the left side of the patient", "to the left of the midline",
                      "in the patient's left half"],
             "right": ["on the patient's right", "on the right side of the patient", "to the right of the midline",
                       "in the patient's right half"],
             "midline": ["in the midline", "centred on the midline", "straddling the midline"],
             "bilateral": ["on both sides of the patient", "bilaterally, left and right", "on the left and the right"]}
SIDE_FALSE = {"left": ["on the patient's right", "in the patient's right half", "on the right side of the patient"],
              "right": ["on the patient's left", "in the patient's left half", "on the left side of the patient"],
              "midline": ["off to the patient's right, well away from the midline", "on the patient's left, clearly lateral"],
              "bilateral": ["only on the patient's left", "on the right side only", "confined to the patient's left half"]}
VERT = {"anterior": ["in the anterior part of the section", "toward the front of the body", "anteriorly"],
        "posterior": ["in the posterior part of the section", "toward the back of the body", "posteriorly"],
        "superior": ["in the upper half of this image", "superiorly", "toward the head end of the image"],
        "inferior": ["in the lower half of this image", "inferiorly", "toward the foot end of the image"]}
OPPV = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
REL = {"left_of": ["to the patient's left of the {o}", "on the left side of the {o}"],
       "right_of": ["to the patient's right of the {o}", "on the right side of the {o}"],
       "anterior_to": ["in front of the {o}", "anterior to the {o}", "ventral to the {o}"],
       "posterior_to": ["behind the {o}", "posterior to the {o}", "dorsal to the {o}"],
       "superior_to": ["above the {o}", "superior to the {o}", "higher than the {o}"],
       "inferior_to": ["below the {o}", "inferior to the {o}", "lower than the {o}"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
SIZE_WORD = {"small": ["small", "compact", "fairly small"], "medium": ["medium-sized", "moderate in size", "mid-sized"],
             "large": ["large", "big", "sizeable"]}
NUMW = {1: "one", 2: "two", 3: "three", 4: "four"}
CONVENTION = {"LP": ["By radiological convention the axial image is viewed from the feet, so the patient's left appears on the right of the screen.",
                     "Remember the display convention: on axial slices the patient's right is on the viewer's left."],
              "LI": ["Coronal images are shown as if facing the patient, so the patient's left is on the viewer's right and the head is at the top.",
                     "As usual for coronal reformats, the patient's right side is displayed on the left of the image."],
              "PI": ["On this sagittal image the front of the patient faces the left edge of the screen and the head is at the top.",
                     "A sagittal slice like this one has no left or right of its own; the side comes from where the plane cuts."],
              None: ["This is a 2D photo without patient axes, so left and right in the picture say nothing about the patient's side.",
                     "There is no anatomical left or right in a close-up photo like this; only the picture's own edges."]}


def pct(f):
    v = f["area_fraction"] * 100
    return f"{v:.1f}%" if v < 10 else f"{v:.0f}%"


def side_s(f, rng, false=False):
    return rng.choice((SIDE_FALSE if false else SIDE_TRUE)[f["laterality"]])


def pos_options(f):
    """Position facts available: ('vert', word) and ('rel', relation, other)."""
    out = [("vert", f["vertical"])] if f["vertical"] in VERT else []
    return out + [("rel", r["relation"], r["other"]) for r in f["relations"]]


def pos_s(f, rng, false=False):
    opts = pos_options(f)
    o = rng.choice(opts)
    if o[0] == "vert":
        return rng.choice(VERT[OPPV[o[1]] if false else o[1]])
    rel = FLIP[o[1]] if false else o[1]
    return rng.choice(REL[rel]).format(o=o[2].replace("esophagus", "oesophagus"))


def size_s(f, rng, false=False):
    c = f["size_class"]
    if not false:
        return rng.choice([f"{rng.choice(SIZE_WORD[c])}, about {pct(f)} of the image",
                           f"{rng.choice(SIZE_WORD[c])} (roughly {pct(f)} of the field of view)",
                           f"{rng.choice(SIZE_WORD[c])}, covering around {pct(f)} of the slice"])
    big = c == "small" or (c == "medium" and rng.random() < 0.5)
    if big:
        return rng.choice([f"very large, about {f['area_fraction'] * 600 + 25:.0f}% of the image",
                           "huge, filling roughly a third of the slice", "large, well over a quarter of the field of view"])
    return rng.choice(["tiny, well under half a percent of the image", "very small, about 0.2% of the slice",
                       "minute, a speck of barely 0.1% of the field of view"])


def count_s(f, rng, false=False):
    n = f["components"]
    if (n == 1) != false:
        return rng.choice(["a single connected region", "one continuous piece", "one contiguous area"])
    if false:
        n = 2
    return rng.choice([f"{NUMW.get(n, n)} separate regions", f"{NUMW.get(n, n)} distinct pieces",
                       f"{n} disconnected components"])


def fact_sentence(kind, p, f, rng, false=False):
    n = p["name"]
    pl = n in ("lungs", "lateral ventricles")
    it = rng.choice(["They" if pl else "It", "The mask", "The outline"])
    be, lie = ("are", "lie") if it == "They" else ("is", "lies")
    if kind == "side":
        s = side_s(f, rng, false)
        return rng.choice([f"{it} {lie} {s}.", f"Laterality: {s}.", f"Looking at laterality, the {n} {'are' if pl else 'is'} {s}.",
                           f"In terms of side, it sits {s}.", f"You'll find it {s}.", f"Once the display convention is taken into account, it lies {s}.",
                           f"As for the side, the outline lies {s}.", f"It most likely lies {s} (the mask, not the label, decides that)."])
    if kind == "pos":
        s = pos_s(f, rng, false)
        return rng.choice([f"{it} {'sit' if it == 'They' else 'sits'} {s}.", f"On this slice the {n} {'lie' if pl else 'lies'} {s}.",
                           f"Position-wise, it is {s}.", f"Relative to its neighbours, the outline lies {s}.",
                           f"It appears to sit {s}.", f"Anatomically speaking, the segmented area is {s}."])
    if kind == "size":
        s = size_s(f, rng, false)
        return rng.choice([f"{it} {be} {s}.", f"Size: {s}.", f"For its size, I would call it {s}.", f"In size it is probably {s}.",
                           f"Compared with the whole image, the outline is {s}.", f"Size-wise it looks {s}."])
    s = count_s(f, rng, false)
    return rng.choice([f"{it} {'form' if it == 'They' else 'forms'} {s}.", f"The segmentation consists of {s}.", f"Count: {s}.",
                       f"I count {s} in the mask.", f"On this image the mask appears as {s}."])


def negation(kind, p, f, rng):
    """A true negated sentence (trap)."""
    if kind == "side" and f["laterality"] in ("left", "right"):
        return f"It is not on the patient's {'right' if f['laterality'] == 'left' else 'left'}."
    if kind == "side" and f["laterality"] == "midline":
        return "It is not off to one side."
    if kind == "size" and f["size_class"] != "small":
        return "It is not a small structure on this image."
    if kind == "size":
        return "It is certainly not a large structure here."
    if kind == "count" and f["components"] == 1:
        return "There is no second focus."
    if kind == "count":
        return "It is not a single blob."
    return ""


KIND_MAP = {"laterality": "side", "position": "pos", "size": "size", "count": "count"}


def kinds_for(p, f):
    ks = ["size", "count"]
    if not p.get("photo"):
        ks = ["side"] + (["pos"] if pos_options(f) else []) + ks
    return ks


# -- conversations ------------------------------------------------------------------------------------

FOLLOW_Q = {
    "viva": {"side": ["And which side?", "Which side, then?", "Left or right, please?"],
             "pos": ["Where does it sit, then?", "Where exactly, relative to neighbours?", "And its position?"],
             "size": ["And its size?", "How big is it?", "Big or small, then?"],
             "count": ["How many pieces?", "One piece or more?", "How many regions, then?"]},
    "long": {"side": ["Could you tell me which side of the patient it is on?", "On which side of the body is it?"],
             "pos": ["Where does it sit relative to its neighbours on this slice?", "Can you describe its position on the image?"],
             "size": ["How large is it on this image, roughly?", "Can you put a number on how much of the image it covers?"],
             "count": ["Is it one connected piece or several?", "How many separate regions did you outline?"]},
}
TAG = {"side": "It's {s}, isn't it?", "size": "It's {s}, right?", "count": "So that's {s}, correct?",
       "pos": "It sits {s}, doesn't it?"}


def _fact_text(kind, f, rng, false=False):
    return {"side": side_s, "pos": pos_s, "size": size_s, "count": count_s}[kind](f, rng, false)


def first_question(p, style, rng, defect):
    q = rng.choice(p["give"] if defect == "names_target" else p["hints"])
    lead = {"reasoning": ["", "Think it through step by step. ", "Explain your reasoning. "],
            "report": ["For the report: ", "", "Clinical question: "],
            "chat": ["Hey! ", "Quick one: ", "", "Hi there, "],
            "viva": ["Viva question. ", "Next case. ", "Right, candidate: "]}[style]
    pre = rng.choice(lead)
    return pre + (q[0].lower() + q[1:] if pre.endswith(", ") else q)


def answer_one(p, f, style, rng, kinds, false_kind):
    n = p["name"]
    facts = [fact_sentence(k, p, f, rng, k == false_kind) for k in kinds]
    rng.shuffle(facts)
    traps = []
    if rng.random() < 0.6:
        traps.append(rng.choice(CONVENTION[p["orient"]]))
    if rng.random() < 0.7:
        traps.append(rng.choice(p["kb"]))
    if rng.random() < 0.5:
        traps.append(rng.choice(p["pop"]))
    negs = [negation(k, p, f, rng) for k in kinds if k != false_kind]
    negs = [x for x in negs if x]
    if negs and rng.random() < 0.6:
        traps.append(rng.choice(negs))
    hedge = rng.choice(["This is most likely", "This is", "I'm fairly confident this is", "It appears to be"])
    if style == "reasoning":
        body = " ".join(traps[:1] + facts[:-1] + traps[1:])
        opener = rng.choice(["The description matches one structure.", "Let me match the clues to the anatomy.",
                             "The hint points to a single structure.", "First, what the question describes, then the image."])
        return (f"Reasoning: {opener} {body}\n"
                f"Answer: {hedge} the {n} [SEG]. {facts[-1] if facts else ''}").strip()
    if style == "report":
        imp = rng.choice([f"{n[0].upper() + n[1:]} segmented as requested.", f"Segmentation of the {n} provided; no other findings are addressed."])
        hf, hi = rng.choice([("Findings:", "Impression:"), ("FINDINGS:", "IMPRESSION:"), ("Findings -", "Conclusion -")])
        return f"{hf} The {n} {'are' if n in ('lungs', 'lateral ventricles') else 'is'} outlined [SEG]. {' '.join(facts)} {' '.join(traps)}\n{hi} {imp}"
    if style == "chat":
        an = rng.choice(p["analog"])
        return (f"{rng.choice(['Sure!', 'Great question!', 'Ooh, fun one.', 'Happy to help!'])} {hedge} the {n} [SEG]. Think of it as {an}. {' '.join(facts)} "
                f"{' '.join(traps)} {rng.choice(['Hope that helps!', 'Shout if you want more detail.', ''])}").strip()
    return f"The {n}. [SEG] {' '.join(facts[:2])} {' '.join(traps[:2])}".strip() + (
        " " + " ".join(facts[2:]) if facts[2:] else "")


def follow_answer(p, f, style, rng, kind, false=False):
    s = _fact_text(kind, f, rng, false)
    extra = ""
    if not false and rng.random() < 0.5:
        extra = " " + (negation(kind, p, f, rng) or rng.choice(p["kb"]))
    if kind == "side" and p["orient"] == "PI" and rng.random() < 0.5:
        extra += " " + CONVENTION["PI"][1]
    if style == "viva":
        pre = rng.choice(["", "Sure: ", "Easy: "])
        if len(s.split()) < 3:
            s += rng.choice([", on this image", ", as far as I can see", " on this slice"])
        return f"{pre}{s[0].upper() + s[1:] if not pre else s}.{extra}"
    frame = rng.choice(["It is {s}.", "On this image it is {s}.", "I'd describe it as {s}.", "Looking again, it is {s}."])
    return frame.format(s=s) + extra


def build(p, facts, style, rng, defect):
    f = facts
    kinds = kinds_for(p, f)
    dk = KIND_MAP.get(defect)
    loc = "a1"
    if dk:
        r = rng.random()
        loc = "user" if r < 0.22 else "follow" if r < 0.5 else "a1"
    rounds = 1 + (loc != "a1") + (rng.random() < (0.8 if style == "viva" else 0.45))
    rounds = min(rounds, 3)
    a1_kinds = [k for k in kinds if not (dk == k and loc != "a1")]
    rng.shuffle(a1_kinds)
    a1_kinds = a1_kinds[:rng.randint(1 if style == "viva" else 2, 3)]
    if dk and loc == "a1" and dk not in a1_kinds:
        a1_kinds.append(dk)
    turns = [{"role": "user", "content": first_question(p, style, rng, defect)},
             {"role": "assistant", "content": answer_one(p, f, style, rng, a1_kinds, dk if loc == "a1" else None)}]
    rest = [k for k in kinds if k not in a1_kinds and k != dk] or [k for k in kinds if k != dk]
    qkey = "viva" if style == "viva" else "long"
    for r in range(1, rounds):
        if dk and loc == "user" and r == 1:
            ask = rng.choice([k for k in kinds if k != dk])
            s = _fact_text(dk, f, rng, True)
            v = {"side": "lies", "pos": "sits", "size": "is", "count": "forms"}[dk]
            q = rng.choice([f"Since it {v} {s}, {rng.choice(FOLLOW_Q['long'][ask]).lower()}",
                            f"OK, so it {v} {s}. {rng.choice(FOLLOW_Q['long'][ask])}",
                            f"Given that it {v} {s}, what else can you say? {rng.choice(FOLLOW_Q['long'][ask])}",
                            f"It {v} {s}, doesn't it? {rng.choice(FOLLOW_Q['long'][ask])}"])
            turns += [{"role": "user", "content": q}, {"role": "assistant", "content": follow_answer(p, f, style, rng, ask)}]
            continue
        if dk and loc == "follow" and r == 1:
            turns += [{"role": "user", "content": rng.choice(FOLLOW_Q[qkey][dk])},
                      {"role": "assistant", "content": follow_answer(p, f, style, rng, dk, True)}]
            continue
        ask = rng.choice(rest)
        mode = rng.random()
        if mode < 0.25 and ask in TAG:  # a true tag question
            q = TAG[ask].format(s=_fact_text(ask, f, rng))
            a = "Yes, that's right. " + fact_sentence(ask, p, f, rng)
        elif mode < 0.4 and style == "viva":
            q = rng.choice(["Are you sure?", "Why is that so?", "Sure about that?"])
            a = rng.choice(["Yes. ", "Quite sure. ", "Because of the image itself. "]) + fact_sentence(ask, p, f, rng) + " " + rng.choice(CONVENTION[p["orient"]])
        else:
            q = rng.choice(FOLLOW_Q[qkey][ask])
            a = follow_answer(p, f, style, rng, ask)
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    return turns, [defect] if defect else []
