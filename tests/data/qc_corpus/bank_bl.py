"""Bank BL (round 13): spine and joints, written blind (helper qcbl never opened the QC rules, their tests,
other banks or their rows).

Targets: lumbar vertebrae (axial and sagittal), intervertebral discs (sagittal, one to three; a label the
knowledge base does not know), the spinal cord (axial and sagittal), the sacrum (axial and sagittal), the
femoral heads (coronal, both sides) and one femur (axial), the iliac bones (coronal, both sides), the psoas
muscles (axial, both sides or one), the patella (sagittal knee; unknown to the knowledge base), the humeral
head (coronal shoulder) and the scapula (axial). Facts are the product's own measurement
(`medseg_qa.facts.compute_facts`) of synthetic ellipse masks; the prose is written from those facts.
Sagittal slices carry no world geometry, so they have no side: no laterality defect is planted on them.

Registers: a voice transcript (dictated, lowercase, fillers, run-on), a casual chat with emoji and slang, a
SOAP / structured note, and an exam explanation (MCQ style, with wrong options about OTHER structures).
Traps in clean rows (all true): negations, the display convention, knowledge about other structures with
their own sides and positions, "right answer" / "smack in the middle" idioms, hedges, population numbers.

Defects: 42 of each kind; about a fifth of the side/position/size/count ones sit in a user follow-up question
and a fifth only in a follow-up answer; laterality defects only on axial and coronal slices (a bilateral mask
called one-sided, a midline one called lateral, left and right swapped).
The writer's own checks (/work/notes/qcbl_scripts/check_bl.py, its own phrase reader, never QC) found every
planted text present, one mismatch of the planted kind per defective row and none in clean rows.
First measure: not taken by the writer (the lead measures the bank once after merging).
"""

from __future__ import annotations

import random

import numpy as np

STYLES = ["voice", "emoji", "soap", "exam"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
LAST_PLANTED: list[str] = []  # the planted false text of the last build (read by the writer's own checks)

NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
VIEW = {"axial": "LP", "coronal": "LI", "sagittal": "PI"}

# --- phrase tables: the bank's own wording of each fact (its self-check reads text back with them) -----
SIDE_PH = {"left": ["on the patient's left", "on the left side of the body", "over on the patient's left side"],
           "right": ["on the patient's right", "on the right side of the body", "over on the patient's right side"],
           "midline": ["in the midline", "smack in the middle from side to side", "centred on the midline"],
           "bilateral": ["on both sides of the body", "one on each side of the body", "on both the left and the right"]}
VERT_PH = {"anterior": ["toward the front", "in the front part of the slice", "anteriorly"],
           "posterior": ["toward the back", "in the back part of the slice", "posteriorly"],
           "superior": ["toward the head end of the image", "in the upper part of the slice", "superiorly"],
           "inferior": ["toward the feet end of the image", "in the lower part of the slice", "inferiorly"],
           "central_axial": ["about midway between front and back"],
           "central_long": ["about midway between the top and bottom of the slice"]}
REL_PH = {"left_of": "to the patient's left of", "right_of": "to the patient's right of", "anterior_to": "in front of",
          "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
SIZE_PH = {"small": ["a small structure", "a tiny one", "a small footprint"],
           "medium": ["a medium-sized structure", "a mid-sized one", "a moderate footprint"],
           "large": ["a large structure", "a big one", "a chunky footprint"]}
COUNT_ONE = ["one connected piece", "a single continuous region", "just one blob"]
COUNT_MANY = ["{n} separate pieces", "{n} separate regions", "{n} distinct blobs"]
OTHER = {"aorta": "the aorta", "left iliopsoas": "the left psoas muscle", "right iliopsoas": "the right psoas muscle",
         "spinal cord": "the spinal cord", "l3 vertebra": "the L3 vertebra", "sacrum": "the sacrum",
         "vertebral body": "the vertebral body", "urinary bladder": "the bladder", "l5 vertebra": "the L5 vertebra",
         "l1 vertebra": "the L1 vertebra", "left hip bone": "the left iliac bone", "right hip bone": "the right iliac bone",
         "right femur": "the right femoral head", "femur": "the femoral shaft", "tibia": "the tibia",
         "left scapula": "the left shoulder blade", "left lung": "the left lung", "right humerus": "the right humeral head",
         "left kidney": "the left kidney"}


def P(target, view, modality, region, shapes, others, name, noun, q, give, fn, kb, opts, multi=None):
    return dict(target=target, view=view, modality=modality, region=region, shapes=shapes, others=others,
                name=name, noun=noun, q=q, give=give, fn=fn, kb=kb, opts=opts, multi=multi)


PROFILES = [
    P("l3 vertebra", "axial", "CT", "lumbar spine", [(0.5, 0.6, 0.09, 0.08)],
      {"aorta": (0.47, 0.45), "left iliopsoas": (0.63, 0.6), "right iliopsoas": (0.37, 0.6), "spinal cord": (0.5, 0.73)},
      ["the L3 vertebral body", "the third lumbar vertebra"], "bone",
      ["Which bone in this slice carries the weight of the upper body and sits between the two hip flexor muscles?",
       "Which block of bone here would be the usual source of pain in an older patient with a compression fracture after a minor fall?",
       "What is the weight-bearing bone block in front of the nerve canal on this lower-back slice?"],
      ["L3", "lumbar vertebra", "vertebral body", "third lumbar", "vertebral"],
      "it bears the weight of the upper body and protects the nerve roots",
      ["The aorta runs in front of the spine, slightly to the patient's left.",
       "The psoas muscles hug the spine, one on each flank of it.",
       "Most adults have five lumbar vertebrae, although a few percent have four or six."],
      [("the aorta", "it is a vessel, not bone, and lies in front of the spine"),
       ("the left kidney", "it is an organ that sits off to the patient's left, outside the psoas"),
       ("the spinal cord", "the cord normally ends around the L1 to L2 level, above this slice")]),
    P("l4 vertebra", "sagittal", "MR", "lumbar spine", [(0.5, 0.6, 0.1, 0.07)],
      {"l3 vertebra": (0.5, 0.43), "aorta": (0.3, 0.58), "sacrum": (0.56, 0.8)},
      ["the L4 vertebral body", "the fourth lumbar vertebra"], "bone",
      ["On this side-view MR, which block of bone lets the lower back bend forwards and backwards, one level above the last mobile segment?",
       "Which weight-bearing bone here is the one that most often slips forward in degenerative slip, at the level just above the last mobile segment? Please outline it.",
       "Could you outline the bony block that sits one level above the last mobile segment of the lower back?"],
      ["L4", "fourth lumbar vertebra", "lumbar spine", "vertebral"],
      "it carries the load of the trunk down toward the pelvis",
      ["The aorta runs down in front of the lumbar column and splits into the iliac arteries near this level.",
       "The sacrum sits below the last lumbar vertebra and is wedged between the hip bones.",
       "Lumbar discs in adults are roughly a centimetre tall."],
      [("the aorta", "it is a vessel that runs in front of the column"),
       ("the sacrum", "it is the lowest part of the column and lies below the lumbar levels"),
       ("the kidney", "it sits lateral to the spine, away from the column")]),
    P("intervertebral disc", "sagittal", "MR", "lumbar spine", "discs",
      {"spinal cord": (0.7, 0.5), "aorta": (0.3, 0.5)},
      ["the intervertebral disc", "the lumbar disc"], "cushion",
      ["Which cartilage cushions between the bony blocks of the lower back let it bend and absorb shock on this MR? Please segment them.",
       "In a patient with sciatica, which shock-absorbing pads between the bones here could bulge onto a nerve root? Segment them please.",
       "What are the flat fibrocartilage pads stacked between the weight-bearing bones on this side view?"],
      ["disc", "intervertebral", "IVD", "disk", "discal"],
      "it absorbs shock and lets neighbouring bones rock on each other",
      ["The spinal cord ends above the lower lumbar levels, so below that the canal holds the nerve roots.",
       "The aorta lies in front of the column on this kind of slice.",
       "Disc bulges are common: many adults over forty show at least one on MR without any symptoms."],
      [("the vertebral body", "it is bone, bright in marrow, not the pad between two bones"),
       ("the spinal cord", "it lies behind the column inside the canal"),
       ("the psoas muscle", "it runs beside the spine, not between the bony blocks")],
      multi=(1, 3)),
    P("spinal cord", "axial", "MR", "spine", [(0.5, 0.71, 0.035, 0.03)],
      {"vertebral body": (0.5, 0.55), "aorta": (0.48, 0.4), "left iliopsoas": (0.64, 0.58)},
      ["the spinal cord", "the cord"], "nerve tissue",
      ["Which column of nerve tissue in this slice carries signals between the brain and the body?",
       "Which structure here would be compressed in a patient with leg weakness and a sensory level after a burst fracture?",
       "What nerve tissue runs inside the bony canal at the back of this slice? Please segment it."],
      ["spinal cord", "cord", "myelopathy", "medullary", "myelo"],
      "it carries signals between the brain and the body",
      ["The vertebral body lies in front of the canal that holds it.",
       "The left psoas muscle sits off to the patient's left, beside the bone.",
       "In adults the cord usually ends around the L1 to L2 level."],
      [("the aorta", "it is the large artery in front of the spine"),
       ("the thecal sac alone", "the fluid around the nerve tissue is not the nerve tissue itself"),
       ("the left psoas", "it is a muscle off to the patient's left beside the bone")]),
    P("spinal cord", "sagittal", "MR", "spine", [(0.63, 0.46, 0.02, 0.3)],
      {"vertebral body": (0.45, 0.46), "l1 vertebra": (0.45, 0.8)},
      ["the spinal cord", "the cord"], "nerve tissue",
      ["On this side-view MR, which long band of nerve tissue carries signals between the brain and the limbs?",
       "Which structure on this sagittal MR could show a bright signal in a patient with myelitis? Please segment it.",
       "Which thin band of nerve tissue runs down the canal behind the bony column here?"],
      ["spinal cord", "cord", "myelopathy", "medullary", "myelo"],
      "it carries signals between the brain and the body",
      ["The vertebral bodies lie in front of the canal.",
       "The cerebrospinal fluid around it looks bright on T2-weighted images.",
       "The cord is only about a centimetre across in most adults."],
      [("the vertebral bodies", "they are the bony blocks in front of the canal"),
       ("the aorta", "it runs in front of the spine, outside the canal"),
       ("the spinous processes", "they are bone at the very back of the column")]),
    P("sacrum", "axial", "CT", "pelvis", [(0.5, 0.66, 0.12, 0.07)],
      {"left hip bone": (0.76, 0.55), "right hip bone": (0.24, 0.55), "urinary bladder": (0.5, 0.3)},
      ["the sacrum", "the sacral bone"], "bone",
      ["Which triangular bone at the base of the column forms the back wall of the pelvis on this CT?",
       "Which bone here is a classic site of insufficiency fractures in elderly osteoporotic women? Please segment it.",
       "What wedge-shaped bone carries the nerve roots to the bladder and bowel on this slice?"],
      ["sacrum", "sacral", "sacro", "S1"],
      "it passes the weight of the trunk to the pelvis",
      ["The bladder sits at the front of the pelvis, well ahead of the bone.",
       "The iliac bones flank it, one off to the patient's left and one off to the patient's right.",
       "It is made of five fused segments in most adults."],
      [("the bladder", "it is a hollow organ at the front of the pelvis"),
       ("the left iliac bone", "it lies off to the patient's left, lateral to the joint"),
       ("the coccyx", "it is the tailbone below, too low for this slice")]),
    P("sacrum", "sagittal", "CT", "pelvis", [(0.6, 0.73, 0.07, 0.12)],
      {"l5 vertebra": (0.5, 0.45), "urinary bladder": (0.3, 0.75)},
      ["the sacrum", "the sacral bone"], "bone",
      ["On this side-view CT, which curved bone at the bottom of the column forms the back wall of the pelvis?",
       "Which bone on this sagittal slice is fused from five segments below the last mobile level? Please segment it.",
       "What bone transmits the weight of the trunk into the pelvis on this side view?"],
      ["sacrum", "sacral", "sacro", "S1"],
      "it passes the weight of the trunk to the pelvis",
      ["The bladder lies at the front of the pelvis.",
       "The fifth lumbar vertebra sits just above it.",
       "It is made of five fused segments in most adults."],
      [("the L5 vertebra", "it is the last mobile level, above the curved bone"),
       ("the bladder", "it is an organ at the front of the pelvis"),
       ("the coccyx", "it is the small tail piece below")]),
    P("femur", "coronal", "CT", "hips", [(0.3, 0.68, 0.06, 0.06), (0.7, 0.68, 0.06, 0.06)],
      {"sacrum": (0.5, 0.45), "urinary bladder": (0.5, 0.57)},
      ["the femoral heads", "the heads of the femur"], "bone",
      ["Which rounded bone ends sit in the sockets of the pelvis on this coronal CT? Please segment them.",
       "Which bones here would you check for collapse in a patient on long-term steroids with groin pain?",
       "What are the ball-shaped bone ends that carry body weight from the pelvis to the legs?"],
      ["femoral", "femur", "thigh bone", "femora", "thighbone"],
      "they carry body weight from the pelvis to the legs",
      ["The sacrum sits at the midline between the two iliac bones.",
       "The bladder lies at the midline of the pelvis.",
       "An adult femoral head is roughly four to five centimetres across."],
      [("the sacrum", "it is a single bone at the midline, behind the pelvis"),
       ("the bladder", "it is a midline organ, not bone"),
       ("the greater trochanters", "they are the bumps on the outer side of the bone below the neck")]),
    P("left femur", "axial", "CT", "hips", [(0.72, 0.5, 0.06, 0.06)],
      {"urinary bladder": (0.5, 0.38), "right femur": (0.28, 0.5)},
      ["the left femoral head", "the head of the left femur"], "bone",
      ["Which rounded bone end on this CT slice would be at risk after a fall onto the patient's left side in an older woman?",
       "Which ball-shaped bone end on this slice carries body weight into the patient's left leg? Please segment it.",
       "What is the round bone end lying in the socket on the patient's left here?"],
      ["femoral", "femur", "thigh bone", "femora", "thighbone"],
      "it carries body weight from the pelvis to the leg",
      ["The bladder sits in front, at the midline of the pelvis.",
       "Its partner sits in the opposite socket, off to the patient's right.",
       "Hip fractures are common in women over seventy."],
      [("the bladder", "it is a midline organ at the front of the pelvis"),
       ("the right femoral head", "that one sits off to the patient's right"),
       ("the sacrum", "it is the midline bone at the back")]),
    P("hip bone", "coronal", "CT", "pelvis", [(0.25, 0.4, 0.1, 0.14), (0.75, 0.4, 0.1, 0.14)],
      {"sacrum": (0.5, 0.5), "femur": (0.5, 0.72)},
      ["the iliac bones", "the hip bones"], "bone",
      ["Which broad flat bones form the sides of the bony ring on this coronal CT? Please segment them.",
       "Which bones here would be harvested for a bone graft from the crest? Segment them please.",
       "What are the wing-shaped bones that join the triangular bone at the back and hold the sockets for the legs?"],
      ["iliac", "ilium", "hip bone", "innominate", "acetabular", "os coxae"],
      "they carry the trunk's weight to the legs and anchor the buttock muscles",
      ["The sacrum sits between them at the midline.",
       "The bladder lies low at the midline of the pelvis.",
       "Pelvic ring fractures usually break the ring in at least two places."],
      [("the sacrum", "it is the single midline bone between them"),
       ("the femoral heads", "they are the balls that sit lower down, in the sockets"),
       ("the L5 vertebra", "it is a midline bone above the pelvis")]),
    P("iliopsoas", "axial", "CT", "abdomen", [(0.38, 0.58, 0.05, 0.06), (0.62, 0.58, 0.05, 0.06)],
      {"aorta": (0.5, 0.44), "l3 vertebra": (0.5, 0.6), "left kidney": (0.75, 0.52)},
      ["the psoas muscles", "the iliopsoas muscles"], "muscle",
      ["Which pair of hip flexor muscles running beside the lower back bones can be seen on this CT? Please segment them.",
       "In a patient with a fever and pain on extending the hip, which muscles here could hold an abscess?",
       "What are the muscles that bend the hip and steady the lower back, lying next to the bony column?"],
      ["psoas", "iliopsoas", "iliacus", "psoas major"],
      "they flex the hip and steady the lower back",
      ["The aorta lies in front of the spine, a little to the patient's left.",
       "The left kidney sits lateral to the muscle, off to the patient's left.",
       "These muscles are usually bulkier in young men than in older women."],
      [("the quadratus lumborum", "it lies further back and out to the side"),
       ("the aorta", "it is a vessel in front of the spine"),
       ("the kidneys", "they are organs lateral to the muscle, one on each side")]),
    P("right iliopsoas", "axial", "MR", "abdomen", [(0.37, 0.6, 0.05, 0.06)],
      {"l3 vertebra": (0.5, 0.6), "aorta": (0.48, 0.45)},
      ["the right psoas muscle", "the right iliopsoas"], "muscle",
      ["Which hip flexor muscle on this MR, beside the bony column, could hide an abscess in a patient with Crohn's disease?",
       "Which muscle here bends the hip and runs down beside the lower back bone to the groin? Please segment it.",
       "What muscle on the patient's right of the column steadies the lower back?"],
      ["psoas", "iliopsoas", "iliacus", "psoas major"],
      "it flexes the hip and steadies the lower back",
      ["The aorta runs in front of the spine, a little to the patient's left.",
       "Its partner lies off to the patient's left, across the bone.",
       "Muscle bulk falls by roughly one percent a year after middle age."],
      [("the aorta", "it is a vessel in front of the spine"),
       ("the left psoas", "that one sits off to the patient's left"),
       ("the right kidney", "it is an organ lying lateral to the muscle")]),
    P("patella", "sagittal", "MR", "knee", [(0.22, 0.42, 0.035, 0.07)],
      {"femur": (0.5, 0.3), "tibia": (0.5, 0.75)},
      ["the patella", "the kneecap"], "bone",
      ["On this side view of the knee, which small bone sits inside the extensor tendon and improves its leverage?",
       "Which bone here would break in a fall straight onto the front of the bent knee? Please segment it.",
       "What flat sesamoid bone at the front of the joint glides in a groove of the thigh bone when the leg straightens?"],
      ["patella", "kneecap", "patellar", "knee cap", "patellae"],
      "it gives the extensor tendon leverage to straighten the leg",
      ["The menisci sit between the thigh bone and the shin bone.",
       "The tibia forms the lower half of the joint.",
       "It is the largest sesamoid bone in the body."],
      [("the medial meniscus", "it is a cartilage wedge between the two long bones, not bone"),
       ("the tibial tuberosity", "it is a bump on the shin bone lower down, where the tendon attaches"),
       ("the femoral condyle", "it is the rounded end of the thigh bone behind the joint")]),
    P("left humerus", "coronal", "MR", "shoulder", [(0.78, 0.3, 0.07, 0.09)],
      {"left scapula": (0.67, 0.36), "left lung": (0.64, 0.56)},
      ["the left humeral head", "the head of the left humerus"], "bone",
      ["Which ball-shaped bone end forms the shoulder joint with the socket on this coronal MR?",
       "Which bone end here would dislocate forwards in a fall on an outstretched arm? Please segment it.",
       "What rounded bone end at the top of the arm meets the socket here?"],
      ["humeral", "humerus", "upper arm bone", "humeri"],
      "it forms the ball of the shoulder joint",
      ["The shoulder blade lies closer to the chest wall.",
       "The left lung fills most of the left half of the chest.",
       "Anterior dislocations make up well over nine in ten shoulder dislocations."],
      [("the clavicle", "it is the collarbone running across the top of the chest"),
       ("the left lung", "it is inside the chest, not at the joint"),
       ("the acromion", "it is a bony roof above the joint, part of another bone")]),
    P("right scapula", "axial", "CT", "shoulder", [(0.22, 0.7, 0.08, 0.05)],
      {"right humerus": (0.12, 0.5), "vertebral body": (0.5, 0.62)},
      ["the right scapula", "the right shoulder blade"], "bone",
      ["Which flat triangular bone on the back of the chest wall anchors the rotator cuff on this CT?",
       "Which bone here glides over the back of the ribs as the arm rises? Please segment it.",
       "What flat bone holds the socket of the arm joint and lies over the back of the upper ribs on the patient's right?"],
      ["scapula", "shoulder blade", "scapular", "scapulae"],
      "it holds the socket of the shoulder joint and anchors the rotator cuff",
      ["The upper lobes of the lungs lie in front of it.",
       "The vertebral bodies sit at the midline of the chest.",
       "Scapular fractures are rare, only about one percent of all fractures."],
      [("the clavicle", "it is the collarbone at the front"),
       ("the vertebral body", "it is a midline bone"),
       ("the right humeral head", "it is the ball of the joint, further out to the side")]),
]


def record_for(p) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": VIEW[p["view"]]}


def pick_profile(profiles, i, defect, rng):
    """Laterality defects only on slices with a side; count defects weighted to multi-region masks."""
    if defect == "laterality":
        return rng.choice([p for p in profiles if p["view"] != "sagittal"])
    if defect == "count" and rng.random() < 0.6:
        return rng.choice([p for p in profiles if p["multi"] or len(p["shapes"]) > 1])
    return rng.choice(profiles)


def _ellipse(h, w, cx, cy, rx, ry):
    yy, xx = np.mgrid[0:h, 0:w]
    return ((xx - cx * (w - 1)) / (rx * w)) ** 2 + ((yy - cy * (h - 1)) / (ry * h)) ** 2 <= 1.0


def facts_for(p, rng) -> dict:
    from medseg_qa.facts import compute_facts

    h = w = 256
    shapes = p["shapes"]
    if shapes == "discs":
        n = rng.randint(*p["multi"])
        ys = sorted(rng.sample([0.3, 0.45, 0.6, 0.75], n))
        shapes = [(0.5, y, 0.09, 0.022) for y in ys]
    mask = np.zeros((h, w), bool)
    s = rng.uniform(0.88, 1.12)
    for cx, cy, rx, ry in shapes:
        mask |= _ellipse(h, w, cx + rng.uniform(-0.01, 0.01), cy + rng.uniform(-0.01, 0.01), rx * s, ry * s)
    others = {k: (v[0] + rng.uniform(-0.01, 0.01), v[1] + rng.uniform(-0.01, 0.01)) for k, v in p["others"].items()}
    return compute_facts(mask, VIEW[p["view"]], others=others).model_dump(mode="json")


# --- sentence frames per register ------------------------------------------------------------------
FRAMES = {
    "voice": {"laterality": ["and its {ph}", "so um its sitting {ph}", "okay so side wise its {ph}", "and uh its basically {ph} yeah"],
              "position": ["and um its {ph} on this one", "so yeah its {ph}", "its lying {ph} basically", "and uh its placed {ph} if that makes sense"],
              "relation": ["and it sits {ph}", "um its {ph} you can see that", "it lies {ph}"],
              "size": ["size wise its {ph} roughly {pct} of the image", "its {ph} um about {pct} of the image"],
              "size_word": ["size wise its {ph}", "its {ph} honestly"],
              "size_pct": ["it covers about {pct} of the image", "um it takes up like {pct} of the image"],
              "count": ["and its {ph}", "um it shows up as {ph}", "so the mask is {ph}"]},
    "emoji": {"laterality": ["It's {ph}! \U0001F60A", "Side check: {ph} \u2705", "Yep, {ph}!"],
              "position": ["It's hanging out {ph} \U0001F4CD", "Position-wise it sits {ph}!", "Sits {ph} \U0001F44D"],
              "relation": ["It's {ph}! \U0001F9B4", "Sitting {ph} \U0001F44C", "Chilling {ph}!"],
              "size": ["Size? {ph}, about {pct} of the image \U0001F4CF", "Honestly {ph}! Roughly {pct} of the image \U0001F604"],
              "size_word": ["Size? {ph}! \U0001F4CF", "Honestly {ph} \U0001F604"],
              "size_pct": ["It covers about {pct} of the image \U0001F4CF", "Takes up roughly {pct} of the image!"],
              "count": ["Shows up as {ph} \U0001F9E9", "It's {ph}!", "Mask-wise: {ph} \U0001F44C", "Super clean mask, {ph} \U0001F389"]},
    "soap": {"laterality": ["- Side: {ph}.", "Laterality: {ph}."],
             "position": ["- Position: {ph}.", "Location in slice: {ph}."],
             "relation": ["- Relation: lies {ph}.", "Neighbours: {ph}."],
             "size": ["- Size: {ph}, about {pct} of the image.", "Extent: {ph} ({pct} of the image)."],
             "size_word": ["- Size: {ph}.", "Extent: {ph}."],
             "size_pct": ["- Area: about {pct} of the image.", "Extent: roughly {pct} of the image."],
             "count": ["- Regions: {ph}.", "Components: {ph}."]},
    "exam": {"laterality": ["On this image it lies {ph}.", "Here it is {ph}."],
             "position": ["It is placed {ph}.", "In this slice it sits {ph}."],
             "relation": ["It lies {ph}.", "Note that it sits {ph}."],
             "size": ["It is {ph}, covering about {pct} of the image.", "Size: {ph}, roughly {pct} of the image."],
             "size_word": ["It is {ph} on this image.", "Size: {ph}."],
             "size_pct": ["It covers about {pct} of the image.", "It takes up roughly {pct} of the image."],
             "count": ["It appears as {ph}.", "The mask is {ph}."]},
}
CONVENTION = {
    "axial": ["On axial images the patient's left is shown on the image's right, the usual radiological convention.",
              "Remember the radiological convention: on these axial views we look up from the feet, so the patient's left is on the screen's right."],
    "coronal": ["Coronal images are displayed as if you face the patient, so the patient's left shows on the right of the screen.",
                "As usual for coronal views, the patient's right appears on the left of the image."],
    "sagittal": ["On this sagittal view the front of the body is on the image's left and the head is at the top.",
                 "A single sagittal slice like this one does not by itself say which side of the body it comes from."],
}
HEDGE = ["The edges are probably a little soft from partial volume averaging.",
         "The outline likely includes a thin rim of surrounding tissue at the margins.",
         "I would still suggest a quick look at the neighbouring slices to confirm the boundary."]
OPP_VERT = {"anterior": "toward the back", "posterior": "toward the front", "superior": "toward the feet end of the image",
            "inferior": "toward the head end of the image"}


def _pct(x: float, style: str) -> str:
    v = f"{x:.2f}" if x < 1 else f"{x:.1f}"
    return f"{v} percent" if style == "voice" else f"{v}%"


def _count_ph(n: int, rng, style: str) -> str:
    if n == 1:
        return rng.choice(COUNT_ONE)
    return rng.choice(COUNT_MANY).format(n=NUMW.get(n, str(n)) if style != "soap" else str(n))


def _vert_ph(vert: str, view: str, rng) -> str:
    if vert == "central":
        return VERT_PH["central_axial" if view == "axial" else "central_long"][0]
    return rng.choice(VERT_PH[vert])


def _say(kind: str, style: str, rng, ph: str = "", pct: str = "") -> str:
    return rng.choice(FRAMES[style][kind]).format(ph=ph, pct=pct)


def _negations(p, facts, rng, skip=None) -> list[str]:
    """True negations, none about the kind of the planted defect (it would contradict it outright)."""
    out = []
    side = facts["laterality"] if skip != "laterality" else "unknown"
    if side in ("left", "right"):
        out.append(f"It is not on the patient's {'right' if side == 'left' else 'left'}.")
    elif side == "bilateral":
        out.append("It is not limited to one side.")
    elif side == "midline":
        out.append("It does not lean off to either side.")
    if facts["vertical"] in OPP_VERT and skip != "position":
        out.append(f"It is not {OPP_VERT[facts['vertical']]}.")
    if skip != "count":
        out.append("There is no second focus." if facts["components"] == 1 else "The parts are not joined into a single piece.")
    return out or ["It is not hard to find once you know the landmarks."]


def _bad(kind, p, facts, rng, style):
    """(kind of frame, phrase, pct) of one plainly false claim, or the relation it flips."""
    side, vert, n = facts["laterality"], facts["vertical"], facts["components"]
    if kind == "laterality":
        bad = {"left": "right", "right": "left"}.get(side) or rng.choice(["left", "right"])
        return "laterality", ("only " if side == "bilateral" else "") + rng.choice(SIDE_PH[bad]), "", None
    if kind == "position":
        can_vert = vert in OPP_VERT
        if facts["relations"] and (not can_vert or rng.random() < 0.5):
            r = rng.choice(facts["relations"])
            return "relation", f"{REL_PH[FLIP[r['relation']]]} {OTHER[r['other']]}", "", r
        return "position", OPP_VERT[vert], "", None
    if kind == "size":
        size, pct = facts["size_class"], facts["area_fraction"] * 100
        if size == "small" or (size == "medium" and pct < 2.5):
            if rng.random() < 0.5:
                return "size_word", rng.choice(SIZE_PH["large"]), "", None
            return "size_pct", "", _pct(pct * 6 + 4, style), None
        if size == "large":
            if rng.random() < 0.5:
                return "size_word", rng.choice(SIZE_PH["small"]), "", None
            return "size_pct", "", _pct(pct / 8, style), None
        return "size_pct", "", _pct(pct * 5 + 10, style), None
    if n == 1:
        return "count", _count_ph(2, rng, style), "", None
    return "count", (rng.choice(COUNT_ONE) if rng.random() < 0.6 else _count_ph(n + 2, rng, style)), "", None


FOLLOW_Q = {  # kind -> user follow-up per style
    "laterality": {"voice": "um which side is it on", "emoji": "which side is it on?? \U0001F914",
                   "soap": "Please add laterality.", "exam": "Which side is it on, for the exam?"},
    "nosides": {"voice": "okay and which side is it on then", "emoji": "wait, which side is it?? \U0001F914",
                "soap": "Please add laterality if you can.", "exam": "Can we tell which side it is on?"},
    "position": {"voice": "so where is it in the slice", "emoji": "where in the slice tho? \U0001F440",
                 "soap": "Please document position in the slice.", "exam": "Where does it sit in the slice?"},
    "relation": {"voice": "um what is it next to", "emoji": "what's its neighbour? \U0001F3E0",
                 "soap": "Please add relations to neighbours.", "exam": "Which neighbour is it related to?"},
    "size": {"voice": "how big is it roughly", "emoji": "how big is it? \U0001F4CF",
             "soap": "Please record the size.", "exam": "How big is it here?"},
    "count": {"voice": "is it one piece or more", "emoji": "one piece or several? \U0001F9E9",
              "soap": "Please record the number of regions.", "exam": "Is it one piece or several?"},
    "why": {"voice": "um why is that though", "emoji": "but why tho?? \U0001F605", "soap": "Why is that relevant?",
            "exam": "Why is that the answer?"},
    "more": {"voice": "okay anything else worth knowing", "emoji": "anything else fun to know? \U0001F913",
             "soap": "Any further notes for the plan?", "exam": "Anything else examiners like to ask?"},
}
USER_BAD = {"laterality": "why is it {ph}?", "position": "why does it sit {ph}?", "relation": "why does it lie {ph}?",
            "size_word": "why does it look like {ph} here?", "size_pct": "why does it cover {pct} of the image?",
            "count": "why does it show up as {ph}?"}
LEAD = {"voice": "okay so um ", "emoji": "hey! quick q: ", "soap": "Follow-up request: ", "exam": "Exam follow-up: "}


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _finish(style: str, sents: list[str], rng) -> str:
    """Join sentences in the register; the voice transcript is lowercased and run on with fillers."""
    if style == "voice":
        out = ""
        for i, s in enumerate(sents):
            s = s.rstrip(".!").replace(",", "")
            out += (rng.choice([" and um ", " so yeah ", " okay so ", " and "]) if i else "") + s
        out = out.lower().replace("'", "").replace("[seg]", "[SEG]")
        return out + rng.choice(["", " so yeah", " yeah"])
    if style == "soap":
        return "\n".join(sents)
    return " ".join(sents)


def _first_question(p, style, rng, defect):
    if defect == "names_target":
        g = rng.choice(p["give"])
        q = rng.choice([f"Can you segment the {g} region on this slice and say where it sits?",
                        f"Please outline the {g} area here. Where does it lie?",
                        f"Quick one: where is the {g} structure on this image? Please segment it."])
        LAST_PLANTED.append(g.lower() if style == "voice" else g)
    else:
        q = rng.choice(p["q"])
        if "segment" not in q.lower() and "outline" not in q.lower():
            q += " " + rng.choice(["Please segment it.", "Can you outline it?", "Segment it please."])
    if style == "voice":
        return "okay so um " + q.lower().replace("?", "").replace(".", "").replace(",", "") + "?"
    if style == "emoji":
        return "hey! " + q + " \U0001F64F"
    if style == "soap":
        return "S: " + q
    return "Exam question: " + q + " Please explain the answer."


def build(p, facts, style, rng, defect):
    """(turns, expected): one conversation in `style`, with exactly one planted false claim of kind `defect`."""
    LAST_PLANTED.clear()
    view = p["view"]
    side, vert, n = facts["laterality"], facts["vertical"], facts["components"]
    pct = _pct(facts["area_fraction"] * 100, style)
    name = rng.choice(p["name"])
    if p["target"] == "intervertebral disc" and n > 1:
        name = rng.choice(["the intervertebral discs", "the lumbar discs"])
    true = {}
    if side != "unknown":
        true["laterality"] = _say("laterality", style, rng, rng.choice(SIDE_PH[side]))
    true["position"] = _say("position", style, rng, _vert_ph(vert, view, rng))
    rel = rng.choice(facts["relations"]) if facts["relations"] else None
    if rel:
        true["relation"] = _say("relation", style, rng, f"{REL_PH[rel['relation']]} {OTHER[rel['other']]}")
    size_ph = rng.choice(SIZE_PH[facts["size_class"]])
    r = rng.random()
    true["size"] = (_say("size", style, rng, size_ph, pct) if r < 0.5 else
                    _say("size_word", style, rng, size_ph) if r < 0.75 else _say("size_pct", style, rng, pct=pct))
    true["count"] = _say("count", style, rng, _count_ph(n, rng, style))

    where, bad_sent, bad_user, drop = None, None, None, set()
    if defect and defect != "names_target":
        fk, ph, bpct, flipped = _bad(defect, p, facts, rng, style)
        bad_sent = _say(fk, style, rng, ph, bpct)
        drop = {"relation"} if fk == "relation" else {"size"} if defect == "size" else {defect}
        where = rng.choices(["first", "follow", "user"], [0.6, 0.2, 0.2])[0]
        if where == "user":
            bad_user = LEAD[style] + USER_BAD[fk].format(ph=ph, pct=bpct)
            if style == "voice":
                bad_user = bad_user.lower().replace("'", "")
            LAST_PLANTED.append(ph or bpct if style != "voice" else (ph or bpct).replace("'", "").lower())
        else:
            LAST_PLANTED.append(ph or bpct if style != "voice" else (ph or bpct).replace("'", "").lower())
    fk_kind = {"size": "size", "count": "count", "laterality": "laterality"}.get(defect, None)
    if defect == "position":
        fk_kind = "relation" if "relation" in drop else "position"

    # first answer
    sents = []
    traps = [rng.choice(CONVENTION[view])] + rng.sample(_negations(p, facts, rng, defect), 1) + [rng.choice(p["kb"])]
    if facts["size_class"] != "large" and rng.random() < 0.4:  # a true comparison with another structure
        traps.insert(2, rng.choice(["It is far smaller than the liver would look on an upper abdominal slice.",
                                    "It is much smaller than a whole lung would be on a chest slice."]))
    if rng.random() < 0.5:
        traps.append(rng.choice(HEDGE))
    body = [s for k, s in true.items() if k not in drop]
    body = body[:2 + rng.randrange(len(body) - 1)] if where is None else [s for s in body]
    if where == "first":
        body.insert(rng.randrange(len(body) + 1), bad_sent)
    fn = _cap(p["fn"]) + "."
    if style == "exam":
        letters = ["A", "B", "C", "D"]
        right = rng.choice(letters)
        wrong = [l for l in letters if l != right]
        sents.append(rng.choice([f"The correct answer is {right}, {name} [SEG].",
                                 f"{right} is the right answer: {name} [SEG]."]))
        sents.append(f"It is the answer because {p['fn']}.")
        for l, (o, why) in zip(wrong, rng.sample(p["opts"], rng.choice([2, 3]))):
            sents.append(rng.choice([f"Option {l}, {o}, is wrong because {why}.", f"{l} ({o}) is tempting but wrong: {why}."]))
        sents += body + traps[:rng.randint(2, len(traps))]
    elif style == "soap":
        sents.append(f"O: {_cap(name)} segmented [SEG].")
        sents += body
        sents.append("A: " + traps[0] + " " + traps[1] + " " + fn)
        sents.append("P: " + rng.choice(["Report as described.", "No further imaging needed for this label.",
                                         "Correlate clinically."]) + " " + " ".join(traps[2:]))
    elif style == "emoji":
        sents.append(rng.choice([f"Got it! That's {name} \U0001F3AF [SEG]", f"Ooh nice one! It's {name} [SEG] \U0001F9B4",
                                 f"Easy! {_cap(name)} [SEG] \u2728"]))
        sents += body + [fn + " \U0001F4AA"] + traps[:rng.randint(2, len(traps))]
    else:
        sents.append(rng.choice([f"okay so um this is {name} [SEG]", f"right so what were looking at is {name} [SEG]",
                                 f"um yeah thats {name} [SEG]"]))
        sents += body + [fn] + traps[:rng.randint(2, len(traps))]
    turns = [{"role": "user", "content": _first_question(p, style, rng, defect)},
             {"role": "assistant", "content": _finish(style, sents, rng)}]

    # follow-up rounds
    rounds = []
    if where in ("follow", "user"):
        if where == "follow":
            qk = "laterality" if defect == "laterality" else fk_kind if fk_kind != "size" else "size"
            rounds.append((LEAD[style] + FOLLOW_Q[qk][style], [bad_sent]))
        else:
            rounds.append((bad_user, [rng.choice(["That comes down to its job.", "Mostly anatomy."]), fn]))
    else:
        opts = ["why", "size", "count", "position", "laterality" if side != "unknown" else "nosides"]
        if rel:
            opts.append("relation")
        for k in rng.sample(opts, rng.choice([1, 2])):
            if k == "why":
                ans = [fn, rng.choice(p["kb"])]
            elif k == "nosides":
                ans = ["Not from this one slice: a sagittal image has no left-right axis of its own.", traps[0]]
            elif k == "size" and "size" in drop:
                continue
            else:
                ans = [true[k]] if k in true and k not in drop else None
                if ans is None:
                    continue
                if rng.random() < 0.5:
                    ans.append(rng.choice(HEDGE))
            rounds.append((FOLLOW_Q[k][style], ans))
    if rng.random() < 0.35 or not rounds:
        rounds.append((FOLLOW_Q["more"][style], [rng.choice(p["kb"]), rng.choice(HEDGE)]))
    for q, ans in rounds[:2]:
        turns.append({"role": "user", "content": q})
        turns.append({"role": "assistant", "content": _finish(style, ans, rng)})
    return turns, ([defect] if defect else [])
