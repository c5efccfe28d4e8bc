"""Bank BZ: musculoskeletal and spine on CT/MR (axial "LP", coronal "LI", sagittal "PI"), written blind.

Written by helper qcbz without opening the QC rules, their tests, other banks or any corpus rows. Targets:
both femurs (axial hip level), one femur (coronal), one patella (axial CT of both knees, no body outline),
one humerus (axial shoulder level), scapulae (both or one), vertebral bodies (sagittal column or one axial),
spinal cord (sagittal or axial), intervertebral discs (one or several, sagittal), gluteus maximus (both or
one), hip bone / iliac wing (coronal one side, axial both), sacrum (axial or sagittal), the meniscus
(sagittal knee, two horns, no side) and one label the knowledge base does not know, the anterior cruciate
ligament (sagittal knee, no side). Facts are the product's own `compute_facts` on synthetic ellipse masks
inside a synthetic body outline; the prose is written from those facts.

Registers: a sports-medicine explainer for an athlete, a radiology report compared with a prior study
("Unchanged since prior", "New since prior: ..."), a check-box checklist ("Side: [x] left side  [ ] right
side", "✓ single connected region   ✗ multiple regions"), a Reddit-style reply from a verified clinician
(TL;DR line). Of the 168 side/position/size/count defects, 40 sit in a user's presupposition (first question
or a later restatement the assistant neither confirms nor corrects), 46 only in a follow-up answer, 82 in the
first answer; in a side or count defect row the answer names the target without implying sides or parts
("the femur mask"), and no true claim of the defect's kind appears. Masks: 106 bilateral, 142 midline
(incl. sagittal spine slices whose side comes from the slice's world position), 41 without a side (sagittal
knee without geometry), 162 with several regions.

Traps in clean and defective rows alike (all true): the display convention (axial, coronal, sagittal),
negations ("It is not on the left side.", "There's no second separate piece.", "It is neither tiny nor
huge here."), knowledge about other structures with their own sides and positions, textbook population
numbers with percentages ("About 80% of adults have low back pain"), anatomical superlatives ("the largest
sesamoid bone", "the largest muscle"), findings of other structures in the report ("New since prior: a small
joint effusion elsewhere"), unticked boxes, non-side "right" ("the right person for that call"), a
side that cannot be told ("Which knee this is can't be read off a single sagittal slice").

One-sided profiles (target None) pick their side per draw in `facts_for`, which sets `p["target"]` to the
sided label ("left femur") that `make_corpus` reads for the row right after.

Self-check with the writer's own reader (/work/notes/qcbz_scripts/check_bz.py, not QC): 420 rows, 210
clean, 42 of each kind; 0 problems (no false claim in clean rows, one false claim of the row's kind and none
of another in each defect row, no target name in a clean first question, a name in each names_target one).
First measure: not taken by the writer (the lead measures once after merging).
"""

from __future__ import annotations

import random

import numpy as np

STYLES = ["sports", "report", "checklist", "reddit"]
N = 256
NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}

# geometry in normalised image coordinates (x = column, y = row): ellipses (cx, cy, rx, ry)
_PELVIS = (0.5, 0.5, 0.42, 0.30)
_CHEST = (0.5, 0.5, 0.46, 0.28)
_TRUNK_SAG = (0.5, 0.5, 0.34, 0.47)
_KNEE_SAG = (0.5, 0.5, 0.40, 0.46)
_HIPS_COR = (0.5, 0.5, 0.44, 0.46)


def _p(key, target, modality, region, orient, body, comps, others, names, q, give, kb, pop, sag_mm=None,
       plane="axial", func=""):
    return dict(key=key, target=target, modality=modality, body_region=region, orient=orient, body=body,
                comps=comps, others=others, names=names, q=q, giveaway=give, kb=kb, pop=pop, sag_mm=sag_mm,
                plane=plane, func=func)


PROFILES = [
    _p("femur_both", "femur", "CT", "pelvis", "LP", _PELVIS,
       [(0.27, 0.50, 0.055, 0.06), (0.73, 0.50, 0.055, 0.06)],
       {"urinary bladder": (0.5, 0.33), "sacrum": (0.5, 0.72)},
       ["both proximal femurs", "the two femora", "the femoral heads on both sides", "both thigh bones"],
       ["the long bones that carry my body weight from the pelvis down to the knees",
        "the bones whose rounded tops sit in the sockets on each side of the pelvis",
        "the weight-bearing bones that take the load between hips and knees when I land a jump"],
       ["femurs", "femoral heads", "thigh bones", "femora", "proximal femurs"],
       ["The acetabulum is the cup of the pelvis that each ball sits in.",
        "The bladder sits in front, in the middle of the pelvis, between the two hips."],
       ["Stress fractures of the neck of this bone are reported in roughly 5% of runners' stress injuries.",
        "In adults the bone makes up about a quarter of body height."], func="bear weight and act as levers for the hip muscles"),
    _p("femur_one", None, "MR", "pelvis", "LI", _HIPS_COR,
       [(0.72, 0.66, 0.05, 0.17)],
       {"urinary bladder": (0.5, 0.55), "sacrum": (0.5, 0.36)},
       ["the proximal femur", "the femoral head, neck and upper shaft", "the thigh bone"],
       ["the long weight-bearing bone between one hip and knee, from its rounded top in the socket down the shaft",
        "the bone I'd load in a squat, running from the hip joint toward the knee on one side",
        "the long weight-bearing bone shown on one side of this hip scan"],
       ["femur", "femoral neck", "thigh bone", "thighbone", "proximal femur"],
       ["The sacrum sits high in the middle of the pelvis, wedged between the two iliac bones.",
        "The bladder lies in the middle of the lower pelvis, just above the pubic bones."],
       ["Femoral neck stress fractures are rare, but in some military series they reach about 7% of stress injuries.",
        "Around 1 in 10 adults has a slightly different neck angle on each side."], plane="coronal",
       func="carry the body's weight and anchor the thigh muscles"),
    _p("patella", None, "CT", "lower limb", "LP", None,
       [(0.70, 0.24, 0.05, 0.025)],
       {"femur": (0.70, 0.47)},
       ["the kneecap", "the patella"],
       ["the small flat bone at the front of one knee that the big thigh tendon wraps around",
        "the bone at the front of the knee that takes a hit when I fall onto my knees",
        "the little shield-shaped bone in front of one knee joint, the one that tracks in a groove when I squat"],
       ["patella", "kneecap", "knee cap", "patellar bone"],
       ["The quadriceps tendon attaches to the top of it from above.",
        "The two legs are scanned side by side here, so each knee has its own outline."],
       ["Anterior knee pain affects up to a quarter of adolescent athletes at some point.",
        "It is the largest sesamoid bone in the body."], func="improve the leverage of the thigh muscles over the knee"),
    _p("humerus", None, "CT", "chest", "LP", _CHEST,
       [(0.07, 0.42, 0.035, 0.04)],
       {"trachea": (0.5, 0.45)},
       ["the humeral head", "the upper end of the humerus", "the humerus"],
       ["the ball of the shoulder joint that the arm swings on",
        "the rounded ball that sits in the shallow socket of the shoulder",
        "the ball part of the shoulder that pops out in a dislocation during a tackle"],
       ["humerus", "humeral head", "upper arm bone", "proximal humerus"],
       ["The trachea runs down the middle of the neck and upper chest, in front of the oesophagus.",
        "The shoulder blade sits behind the rib cage on each side."],
       ["Anterior dislocation accounts for over 90% of shoulder dislocations.",
        "About 2% of people dislocate a shoulder at some point in life."], func="move the arm at the shoulder"),
    _p("scapula_both", "scapula", "CT", "chest", "LP", _CHEST,
       [(0.22, 0.71, 0.11, 0.04), (0.78, 0.71, 0.11, 0.04)],
       {"trachea": (0.5, 0.40), "vertebral body": (0.5, 0.60)},
       ["both scapulae", "the shoulder blades", "the two scapulas"],
       ["the flat triangular bones on the upper back that glide over the ribs when I row",
        "the bones that the rotator-cuff muscles start from, on the back of the upper chest",
        "the wing-shaped bones of the upper back that stick out when I do push-ups"],
       ["scapulae", "shoulder blades", "scapular bodies", "scapulas"],
       ["The trachea lies in front of the spine in the middle of the chest.",
        "The heart sits mostly to the left of the midline, lower down than this slice."],
       ["Scapular dyskinesis is found in up to 60% of overhead athletes with shoulder pain.",
        "Fractures of this bone make up only about 1% of all fractures."], func="anchor the shoulder muscles"),
    _p("scapula_one", None, "CT", "chest", "LP", _CHEST,
       [(0.78, 0.71, 0.11, 0.04)],
       {"trachea": (0.5, 0.40), "vertebral body": (0.5, 0.60)},
       ["the scapula", "the shoulder blade", "the scapular body"],
       ["the flat triangular bone on one side of the upper back that glides over the ribs",
        "the wing-shaped bone behind the ribs on one side, where the rotator-cuff muscles start",
        "the bone on one side of my upper back that sticks out when I do push-ups"],
       ["scapula", "shoulder blade", "scapular body"],
       ["The trachea lies in front of the spine in the middle of the chest.",
        "The heart sits mostly to the left of the midline, lower down than this slice."],
       ["Scapular dyskinesis is found in up to 60% of overhead athletes with shoulder pain.",
        "Fractures of this bone make up only about 1% of all fractures."], func="anchor the shoulder muscles"),
    _p("vb_sag", "vertebral body", "MR", "spine", "PI", _TRUNK_SAG,
       [(0.42, y, 0.07, 0.04) for y in (0.30, 0.42, 0.54, 0.66)],
       {"aorta": (0.28, 0.48), "spinal canal": (0.56, 0.48)},
       ["the vertebral bodies", "the lumbar vertebral bodies", "the vertebrae"],
       ["the stacked block-shaped bones of my lower back that take the load when I deadlift",
        "the weight-bearing front blocks of the bones of the back, seen side-on",
        "the bony blocks in the lower back that the cushions sit between"],
       ["vertebral bodies", "vertebrae", "lumbar spine", "L3 and L4 vertebrae", "lumbar vertebral column"],
       ["The aorta runs down in front of the lumbar column, slightly to the left.",
        "The nerve roots leave through small openings at the back, behind these blocks."],
       ["About 80% of adults have low back pain at some point in life.",
        "Spondylolysis is found in roughly 6% of the general population and more in gymnasts."], sag_mm=0.0,
       plane="sagittal", func="carry axial load through the trunk"),
    _p("vb_ax", "vertebral body", "CT", "abdomen", "LP", _PELVIS,
       [(0.5, 0.63, 0.08, 0.07)],
       {"aorta": (0.47, 0.49)},
       ["the vertebral body", "the lumbar vertebral body", "the vertebra"],
       ["the round block of bone at the back of the belly slice that carries the weight of my trunk",
        "the weight-bearing block of bone at the back of this slice that my back muscles hang off",
        "the load-bearing bone in the middle at the back of this abdominal slice"],
       ["vertebral body", "vertebra", "lumbar vertebra", "L3 body"],
       ["The aorta runs in front of it, and the psoas muscles lie beside it.",
        "The kidneys sit on either side, further out."],
       ["About 80% of adults have low back pain at some point in life.",
        "Osteoporotic compression fractures affect about 1 in 4 postmenopausal women."], func="carry axial load"),
    _p("cord_sag", "spinal cord", "MR", "spine", "PI", _TRUNK_SAG,
       [(0.57, 0.40, 0.02, 0.28)],
       {"vertebral body": (0.43, 0.42)},
       ["the spinal cord", "the cord", "the thoracic cord"],
       ["the long bundle of nerve tissue that carries signals from the brain down the back",
        "the soft nerve pathway running inside the bony canal, the thing a neck injury in rugby can damage",
        "the nerve tissue running top to bottom inside the bones of the back"],
       ["spinal cord", "cord", "thoracic cord", "medulla spinalis"],
       ["The vertebral bodies sit in front of the canal, stacked like blocks.",
        "The spinous processes point backward and can be felt under the skin."],
       ["In adults it usually ends at about the L1-L2 level.",
        "Roughly 1 in 2 spinal injuries involve the neck."], sag_mm=0.0, plane="sagittal",
       func="carry signals between brain and body"),
    _p("cord_ax", "spinal cord", "MR", "neck", "LP", _CHEST,
       [(0.5, 0.66, 0.03, 0.03)],
       {"vertebral body": (0.5, 0.55), "trachea": (0.5, 0.38)},
       ["the spinal cord", "the cord", "the cervical cord"],
       ["the soft bundle of nerve tissue inside the canal at the back of this neck slice",
        "the nerve pathway from the brain that a bad tackle to the neck can bruise",
        "the round nerve structure in the bony ring at the back of the neck"],
       ["spinal cord", "cord", "cervical cord", "medulla spinalis"],
       ["The trachea lies at the front of the neck.",
        "The vertebral body is the bony block in front of the canal."],
       ["Cervical injuries make up roughly half of all spinal injuries in contact sports.",
        "The canal is normally about 15 mm front to back in adults."], func="carry signals between brain and body"),
    _p("disc_sag", "intervertebral disc", "MR", "spine", "PI", _TRUNK_SAG,
       [(0.42, y, 0.07, 0.010) for y in (0.36, 0.48, 0.60)],
       {"spinal canal": (0.56, 0.48), "aorta": (0.28, 0.48)},
       ["the intervertebral discs", "the discs", "the lumbar discs"],
       ["the shock-absorbing cushions between the bones of my lower back",
        "the rubbery pads that can bulge when I lift badly, between the blocks of the back",
        "the cushions with a jelly-like centre sitting between the back bones"],
       ["discs", "intervertebral discs", "IVDs", "disks", "lumbar discs"],
       ["The aorta lies in front of the lumbar column.",
        "The nerve roots run in the canal at the back, behind the bony blocks."],
       ["By age 50 about 80% of people show some degeneration of these on MR without symptoms.",
        "Together they make up roughly a quarter of the length of the column."], sag_mm=0.0,
       plane="sagittal", func="absorb shock between vertebrae"),
    _p("glut_both", "gluteus maximus", "MR", "pelvis", "LP", _PELVIS,
       [(0.30, 0.73, 0.14, 0.07), (0.70, 0.73, 0.14, 0.07)],
       {"urinary bladder": (0.5, 0.32), "sacrum": (0.5, 0.60)},
       ["both gluteus maximus muscles", "the glutei maximi", "the gluteus maximus on each side"],
       ["the big muscles of the seat that drive hip extension when I sprint uphill",
        "the powerful muscles at the back of the pelvis that I train with hip thrusts",
        "the bulky muscles that form most of the seat and straighten the hip when I climb stairs"],
       ["gluteus maximus", "glutes", "glute max", "gluteal", "great gluteal muscle"],
       ["The bladder sits at the front of the pelvis in the middle.",
        "The sciatic nerve leaves the pelvis deep to this muscle."],
       ["By mass it is the largest muscle in the human body.",
        "Hip-extensor weakness is reported in about a third of runners with knee pain."], func="extend the hip"),
    _p("glut_one", None, "MR", "pelvis", "LP", _PELVIS,
       [(0.30, 0.73, 0.12, 0.06)],
       {"urinary bladder": (0.5, 0.32), "sacrum": (0.5, 0.60)},
       ["the gluteus maximus", "the gluteus maximus muscle"],
       ["the big muscle of the seat on one side that drives hip extension when I sprint",
        "the powerful muscle at the back of the pelvis on one side that I train with hip thrusts",
        "the bulky muscle forming most of one side of the seat"],
       ["gluteus maximus", "glutes", "glute max", "gluteal", "great gluteal muscle"],
       ["The bladder sits at the front of the pelvis in the middle.",
        "The sciatic nerve leaves the pelvis deep to this muscle."],
       ["By mass it is the largest muscle in the human body.",
        "Hip-extensor weakness is reported in about a third of runners with knee pain."], func="extend the hip"),
    _p("hip_cor", None, "CT", "pelvis", "LI", _HIPS_COR,
       [(0.26, 0.36, 0.10, 0.12)],
       {"sacrum": (0.5, 0.50), "urinary bladder": (0.5, 0.64)},
       ["the iliac bone", "the iliac wing", "the hip bone", "the ilium"],
       ["the broad fan-shaped bone whose crest I can feel at my waist on one side",
        "the wide flat bone at the side of the lower trunk where a 'pointer' bruise happens in contact sports",
        "the big bony wing on one side of the lower trunk that the abdominal muscles attach to"],
       ["iliac bone", "ilium", "hip bone", "iliac wing", "innominate bone"],
       ["The sacrum sits in the middle, wedged between the two wings of the pelvis.",
        "The bladder lies low in the middle of the pelvis."],
       ["Avulsion injuries of the pelvis are most common between ages 14 and 25.",
        "Iliac crest contusions make up a few percent of contact-sport injuries."], plane="coronal",
       func="anchor the trunk and hip muscles"),
    _p("hip_ax", "hip bone", "CT", "pelvis", "LP", _PELVIS,
       [(0.20, 0.50, 0.075, 0.13), (0.80, 0.50, 0.075, 0.13)],
       {"sacrum": (0.5, 0.62)},
       ["both iliac wings", "the hip bones", "the two iliac bones"],
       ["the broad fan-shaped bones whose crests I can feel at my waist",
        "the wide flat bones at the sides of the lower trunk where a 'pointer' bruise happens",
        "the big bony wings on each side of the lower trunk that the abdominal muscles attach to"],
       ["iliac bones", "ilia", "hip bones", "iliac wings", "pelvic bones"],
       ["The sacrum sits in the middle, wedged between them at the back.",
        "The bowel loops fill the space in front."],
       ["Avulsion injuries of the pelvis are most common between ages 14 and 25.",
        "Iliac crest contusions make up a few percent of contact-sport injuries."], func="anchor the trunk"),
    _p("sacrum_ax", "sacrum", "CT", "pelvis", "LP", _PELVIS,
       [(0.5, 0.66, 0.10, 0.05)],
       {"urinary bladder": (0.5, 0.35), "left hip bone": (0.77, 0.66), "right hip bone": (0.23, 0.66)},
       ["the sacrum", "the sacral bone"],
       ["the triangular bone at the base of the back that joins the pelvis on both sides",
        "the bone at the bottom of the back that runners sometimes get stress fractures in",
        "the wedge of fused bone at the back of the pelvis, above the tailbone"],
       ["sacrum", "sacral bone", "sacral segments"],
       ["The bladder sits at the front of the pelvis.",
        "The iliac bones flank it on both sides."],
       ["Sacral stress fractures make up about 1-2% of stress fractures in runners.",
        "It is formed from five fused segments in adults."], func="transmit the trunk's weight to the pelvis"),
    _p("sacrum_sag", "sacrum", "MR", "spine", "PI", _TRUNK_SAG,
       [(0.60, 0.77, 0.06, 0.09)],
       {"vertebral body": (0.44, 0.45)},
       ["the sacrum", "the sacral segments"],
       ["the triangular bone at the base of the back that joins the pelvis",
        "the wedge of fused bone at the bottom of the back, above the tailbone",
        "the bone at the bottom of the back that runners sometimes get stress fractures in"],
       ["sacrum", "sacral bone", "S1 segment"],
       ["The lumbar blocks sit higher up the column.",
        "The tailbone continues below it."],
       ["Sacral stress fractures make up about 1-2% of stress fractures in runners.",
        "It is formed from five fused segments in adults."], sag_mm=0.0, plane="sagittal",
       func="transmit the trunk's weight to the pelvis"),
    _p("meniscus", "meniscus", "MR", "knee", "PI", _KNEE_SAG,
       [(0.33, 0.60, 0.085, 0.032), (0.66, 0.60, 0.10, 0.036)],
       {"femur": (0.5, 0.35), "tibia": (0.5, 0.75)},
       ["the meniscus", "the anterior and posterior horns of the meniscus", "the meniscal horns"],
       ["the C-shaped cartilage cushion between the thigh and shin bones that I can tear when twisting",
        "the rubbery shock absorber in the knee joint that footballers tear on a pivot",
        "the wedge-shaped cartilage in the knee that sits between the bones and spreads load"],
       ["meniscus", "menisci", "meniscal horns", "semilunar cartilage"],
       ["The femur sits above the joint line and the tibia below it.",
        "The kneecap lies at the front of the knee, in front of the femur."],
       ["Tears of this kind account for around 1 in 3 knee injuries in football.",
        "About 60% of people over 65 show a degenerative tear on MR without pain."], plane="sagittal",
       func="spread load across the knee"),
    _p("acl", "anterior cruciate ligament", "MR", "knee", "PI", _KNEE_SAG,
       [(0.50, 0.52, 0.025, 0.09)],
       {"femur": (0.5, 0.30), "tibia": (0.5, 0.76), "patella": (0.20, 0.38)},
       ["the anterior cruciate ligament", "the ACL", "the cruciate ligament"],
       ["the band in the middle of the knee that stops the shin sliding forward, the one footballers tear on a pivot",
        "the strap inside the knee joint that I'd rupture landing badly from a jump",
        "the tough band running diagonally through the centre of the knee that keeps it stable when I cut"],
       ["ACL", "anterior cruciate ligament", "cruciate ligament", "anterior cruciate"],
       ["The femur sits above the joint line and the tibia below it.",
        "The kneecap lies at the front of the knee, in front of the femur."],
       ["Women athletes tear it two to eight times more often than men in the same sport.",
        "About 70% of these tears happen without contact."], plane="sagittal",
       func="stop the tibia sliding forward under the femur"),
]


def pick_profile(profiles, i, defect, rng):
    """Weight bilateral, midline and multi-region masks up; no side defect on masks without a side."""
    pool = profiles
    if defect == "laterality":
        pool = [p for p in profiles if p["key"] not in ("meniscus", "acl")]
    if defect == "count" and rng.random() < 0.5:
        pool = [p for p in profiles if len(p["comps"]) > 1]
    return rng.choice(pool)


def record_for(p):
    return {"modality": p["modality"], "body_region": p["body_region"], "orientation": p["orient"]}


def _ellipse(shape, cx, cy, rx, ry):
    h, w = shape
    yy, xx = np.mgrid[0:h, 0:w]
    return ((xx - cx * (w - 1)) / (rx * w)) ** 2 + ((yy - cy * (h - 1)) / (ry * h)) ** 2 <= 1.0


def facts_for(p, rng):
    """The product's own measurement of a synthetic mask drawn for the profile (side chosen per draw for
    one-sided profiles, recorded in p['target'])."""
    from medseg_qa.facts import compute_facts
    from medseg_qa.patient import SliceGeometry, body_outline, patient_frame

    shape = (N, N)
    flip = False
    if p["target"] is None or p.get("sided"):  # one-sided profile: pick the side
        p["sided"] = True
        flip = rng.random() < 0.5
    mask = np.zeros(shape, bool)
    for cx, cy, rx, ry in p["comps"]:
        cx = (1 - cx) if flip else cx
        mask |= _ellipse(shape, cx + rng.uniform(-0.012, 0.012), cy + rng.uniform(-0.012, 0.012),
                         rx * rng.uniform(0.9, 1.12), ry * rng.uniform(0.9, 1.12))
    body = None
    if p["body"] is not None:
        values = _ellipse(shape, *p["body"]).astype(float)
        body = body_outline(values, 0.5, mask)
    geometry = None
    if p["sag_mm"] is not None:
        x = p["sag_mm"] + rng.uniform(-4, 4)
        geometry = SliceGeometry(origin=(x, -170.0, 250.0), col_step=(0.0, 1.3, 0.0), row_step=(0.0, 0.0, -1.3),
                                 midline_mm=0.0, body_width_mm=340.0)
    frame = patient_frame(shape, p["orient"], body, geometry)
    others = {}
    for name, (ox, oy) in p["others"].items():
        if flip and name.startswith(("left ", "right ")):
            continue
        others[name] = (((1 - ox) if flip else ox) + rng.uniform(-0.01, 0.01), oy + rng.uniform(-0.01, 0.01))
    facts = compute_facts(mask, p["orient"], others, frame).model_dump(mode="json")
    if p.get("sided"):
        base = {"femur_one": "femur", "patella": "patella", "humerus": "humerus", "scapula_one": "scapula",
                "glut_one": "gluteus maximus", "hip_cor": "hip bone"}[p["key"]]
        side = facts["laterality"] if facts["laterality"] in ("left", "right") else "left"
        p["target"] = f"{side} {base}"  # make_corpus reads p["target"] right after facts_for
    return facts


# --- prose, written from the measured facts -------------------------------------------------------

KINDS4 = ("laterality", "position", "size", "count")
OTHER_NAME = {"urinary bladder": "bladder", "spinal canal": "spinal canal", "vertebral body": "vertebral body",
              "left hip bone": "left iliac bone", "right hip bone": "right iliac bone"}
FALSE_SIDE = {"left": ["on the patient's right", "on the right side of the body", "in the right half of the body"],
              "right": ["on the patient's left", "on the left side of the body", "in the left half of the body"],
              "bilateral": ["only on the patient's left, with nothing on the right", "one-sided, on the right only",
                            "confined to the left side"],
              "midline": ["off to the patient's right, clearly away from the midline", "on the left side of the body",
                          "lateral, on the patient's left"]}
TRUE_SIDE = {"left": ["on the patient's left", "on the left side of the body", "in the left half of the body",
                      "over on the patient's left-hand side"],
             "right": ["on the patient's right", "on the right side of the body", "in the right half of the body",
                       "over on the patient's right-hand side"],
             "bilateral": ["on both sides, one left and one right", "bilateral, one on each side",
                           "present on the left and on the right"],
             "midline": ["in the midline", "centred on the midline, not off to either side", "right on the midline"]}
VERT = {"anterior": ["toward the front of the body", "anteriorly", "in the front part of the slice", "ventrally"],
        "posterior": ["toward the back of the body", "posteriorly", "in the back half of the slice", "dorsally"],
        "superior": ["high in the field, toward the head", "superiorly", "in the upper part of the image", "cranially"],
        "inferior": ["low in the field, toward the feet", "inferiorly", "in the lower part of the image", "caudally"],
        "central_ax": ["roughly midway between front and back", "central in the front-to-back direction"],
        "central_long": ["about halfway between the top and bottom of the field",
                         "central in the head-to-foot direction"]}
VFLIP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
REL = {"anterior_to": ["in front of the {o}", "anterior to the {o}", "ventral to the {o}"],
       "posterior_to": ["behind the {o}", "posterior to the {o}", "dorsal to the {o}"],
       "left_of": ["to the patient's left of the {o}", "on the left of the {o}"],
       "right_of": ["to the patient's right of the {o}", "on the right of the {o}"],
       "superior_to": ["above the {o}", "superior to the {o}", "higher up than the {o}"],
       "inferior_to": ["below the {o}", "inferior to the {o}", "lower down than the {o}"]}
RFLIP = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "left_of": "right_of", "right_of": "left_of",
         "superior_to": "inferior_to", "inferior_to": "superior_to"}
SIZE_WORD = {"small": ["small", "fairly small", "on the small side"],
             "medium": ["medium-sized", "moderate in size", "of intermediate size"],
             "large": ["large", "big", "sizeable"]}
FALSE_SIZE_WORD = {"up": ["large", "very large", "big, one of the bulkiest things on the slice"],
                   "down": ["tiny", "very small"]}


class F:
    """The facts a conversation may state, read from MaskFacts."""

    def __init__(self, p, facts):
        self.side = facts["laterality"]
        self.vert = facts["vertical"]
        self.size = facts["size_class"]
        self.pct = facts["area_fraction"] * 100
        self.bpct = None if facts.get("body_fraction") is None else facts["body_fraction"] * 100
        self.n = facts["components"]
        self.rels = [(r["other"], r["relation"]) for r in facts["relations"]]
        self.orient = p["orient"]
        self.plane = p["plane"]


def pct_str(v, rng):
    s = f"{v:.1f}%" if v < 10 else f"{v:.0f}%"
    if s == "0.0%":
        s = "0.1%"
    return rng.choice(["about ", "roughly ", "~", "approximately "]) + s


def false_dir(f):
    """The clearly wrong direction: a medium mask is called large when it is nearer small, and vice versa."""
    if f.size == "medium":
        return "up" if (f.bpct if f.bpct is not None else f.pct) < 6 else "down"
    return "up" if f.size == "small" else "down"


def false_pct(f, rng):
    if false_dir(f) == "up":
        return rng.choice(["about 30%", "roughly 25%", "close to 40%"])
    return rng.choice(["about 0.1%", "roughly 0.05%", "under 0.1%"])


def vert_phrase(f, v, rng):
    if v == "central":
        return rng.choice(VERT["central_ax" if f.orient == "LP" else "central_long"])
    return rng.choice(VERT[v])


def rel_phrase(rel, other, rng):
    return rng.choice(REL[rel]).format(o=OTHER_NAME.get(other, other))


NEUTRAL = {"femur_both": ["the femur mask", "the proximal femur outline"],
           "scapula_both": ["the scapula mask", "the scapular outline"],
           "glut_both": ["the gluteus maximus mask", "the gluteus maximus outline"],
           "hip_ax": ["the iliac bone mask", "the hip bone outline"],
           "vb_sag": ["the vertebral body mask", "the lumbar vertebral body outline"],
           "disc_sag": ["the disc mask", "the intervertebral disc outline"],
           "meniscus": ["the meniscus", "the meniscal outline"]}


def target_name(p, f, rng, with_side, neutral=False):
    """A name for the answer; `neutral`: one that implies neither sides nor a number of parts."""
    name = rng.choice(NEUTRAL.get(p["key"], p["names"]) if neutral else p["names"])
    if with_side and f.side in ("left", "right") and p.get("sided") and rng.random() < 0.5:
        name = name.replace("the ", f"the {f.side} ", 1)
    return name


# each returns a sentence (or checklist lines) for one fact kind, true or false
def side_sent(f, style, rng, false=False):
    if f.side == "unknown":
        if style == "checklist":
            return "[ ] left knee  [ ] right knee  [x] side not determinable from this single sagittal slice"
        return rng.choice(["Which knee this is can't be read off a single sagittal slice without the localiser.",
                           "The side isn't determinable from this one sagittal slice on its own."])
    if style == "checklist":
        opts = ["left side", "right side", "midline", "both sides"]
        val = {"left": "left side", "right": "right side", "midline": "midline", "bilateral": "both sides"}[f.side]
        if false:
            val = {"left": "right side", "right": "left side", "midline": rng.choice(["left side", "right side"]),
                   "bilateral": rng.choice(["left side", "right side"])}[f.side]
        return "Side: " + "  ".join(f"[{'x' if o == val else ' '}] {o}" for o in opts)
    s = rng.choice((FALSE_SIDE if false else TRUE_SIDE)[f.side])
    if f.plane == "sagittal" and f.side == "midline" and not false:
        s = rng.choice(["in the midline (this is a midline sagittal slice)", "midline, on a slice through the middle of the body"])
    frames = {"sports": ["It sits {s}.", "On this picture it's {s}.", "You'll find it {s}.", "Side-wise, it's {s}."],
              "report": ["Laterality: {s}.", "The segmented structure lies {s}.", "It is located {s}."],
              "reddit": ["It's {s}, fwiw.", "Side: it's {s}.", "It's sitting {s}."]}[style]
    return rng.choice(frames).format(s=s)


def pos_sent(f, style, rng, false=False, allow_lr=True):
    """Vertical position plus one relation; `false`: exactly one of them wrong."""
    rels = [r for r in f.rels if allow_lr or r[1] not in ("left_of", "right_of")]
    rel = rng.choice(rels) if rels else None
    flip_vert = false and f.vert in VFLIP and (rel is None or rng.random() < 0.5)
    v = vert_phrase(f, VFLIP[f.vert] if flip_vert else f.vert, rng)
    r = None
    if rel is not None:
        kind = RFLIP[rel[1]] if (false and not flip_vert) else rel[1]
        r = rel_phrase(kind, rel[0], rng)
    if false and not flip_vert and rel is None:
        raise ValueError("no position to falsify")
    if style == "checklist":
        if f.orient == "LP":
            opts = ["anterior", "central", "posterior"]
        else:
            opts = ["superior", "central", "inferior"]
        val = VFLIP[f.vert] if flip_vert else f.vert
        line = "Position: " + "  ".join(f"[{'x' if o == val else ' '}] {o}" for o in opts)
        return line + (f"\n✓ lies {r}" if r else "")
    if r is None:
        frames = {"sports": ["It sits {v}."], "report": ["Position: {v}."], "reddit": ["It sits {v}."]}
        return rng.choice(frames[style]).format(v=v)
    frames = {"sports": ["It sits {v}, {r}.", "Position-wise it's {v} and {r}.", "Think of it as {r}, and {v}."],
              "report": ["Position: {v}, {r}.", "It lies {v} and {r}.", "Located {r}, {v}."],
              "reddit": ["It sits {v}, {r}.", "It sits {r}, {v}.", "Sits {v} and {r}, as usual."]}[style]
    return rng.choice(frames).format(v=v, r=r)


def size_sent(f, style, rng, false=False):
    mode = rng.choice(["class", "pct", "both"]) if false else rng.choice(["class", "pct", "both", "both"])
    cls = rng.choice(FALSE_SIZE_WORD[false_dir(f)]) if false and mode != "pct" else rng.choice(SIZE_WORD[f.size])
    pct = false_pct(f, rng) if false and mode != "class" else pct_str(f.pct, rng)
    if style == "checklist":
        val = f.size
        if false and mode != "pct":
            val = "large" if false_dir(f) == "up" else "small"
        line = "Size: " + "  ".join(f"[{'x' if o == val else ' '}] {o}" for o in ("small", "medium", "large"))
        if mode == "class" and false:
            return line
        if false and mode == "pct":
            return f"Size: covers {pct} of the image"
        return line + (f" (covers {pct} of the image)" if mode != "class" else "")
    if mode == "class":
        frames = {"sports": ["On this slice it's {c}.", "Size-wise it looks {c} here."],
                  "report": ["Size: {c}.", "It is {c} on this image."],
                  "reddit": ["It's {c} on this cut.", "Size: {c}, nothing weird."]}[style]
    elif mode == "pct":
        frames = {"sports": ["It covers {p} of the picture.", "It takes up {p} of the image."],
                  "report": ["The mask occupies {p} of the image area.", "Area: {p} of the field of view."],
                  "reddit": ["It's {p} of the frame.", "Covers {p} of the image, for the nerds."]}[style]
    else:
        frames = {"sports": ["It's {c} on this slice, {p} of the picture.",
                             "Size-wise it's {c}: it covers {p} of the image."],
                  "report": ["Size: {c}, occupying {p} of the image.", "It is {c}, at {p} of the image area."],
                  "reddit": ["Size-wise it's {c}, {p} of the frame.", "It's {c} ({p} of the image)."]}[style]
    return rng.choice(frames).format(c=cls, p=pct)


def count_sent(f, style, rng, false=False):
    n = f.n
    if style == "checklist":
        single = (n == 1) != false
        if single:
            return "✓ single connected region   ✗ multiple regions"
        k = n if not false else rng.choice([2, 3])
        return f"✗ single connected region   ✓ multiple regions ({k})"
    if n == 1:
        c = rng.choice(["two separate regions", "three separate pieces", "two unconnected parts"]) if false else \
            rng.choice(["a single connected region", "one continuous piece", "one contiguous region"])
    else:
        c = rng.choice(["a single connected region", "one continuous piece", "one unbroken region"]) if false else \
            rng.choice([f"{NUM[n]} separate regions", f"{n} distinct pieces", f"{NUM[n]} separate, unconnected parts"])
    frames = {"sports": ["The outline is {c}.", "It shows up as {c}."],
              "report": ["The mask comprises {c}.", "Components: {c}."],
              "reddit": ["It's {c}.", "Mask-wise it's {c}."]}[style]
    return rng.choice(frames).format(c=c)


SENT = {"laterality": side_sent, "size": size_sent, "count": count_sent}


def fact_sent(kind, f, style, rng, false=False, avoid=()):
    if kind == "position":
        return pos_sent(f, style, rng, false, allow_lr="laterality" not in avoid)
    return SENT[kind](f, style, rng, false)


# --- traps: true sentences a careless checker misreads ----------------------------------------------

def convention(f, rng):
    if f.orient == "LP":
        return rng.choice(["Scans are displayed as if you're facing the patient, so the patient's left shows up on "
                           "the right side of the screen.",
                           "By radiological convention the patient's right is on the viewer's left on these axial images.",
                           "Remember the mirror rule: what you see on the left of the screen is the patient's right side."])
    if f.orient == "LI":
        return rng.choice(["This is a coronal image viewed face-on, so the patient's left appears on the right of the screen.",
                           "On coronal images the patient's right is on the viewer's left, head at the top."])
    return rng.choice(["This is a side-on (sagittal) view: the front of the body is on the left of the picture and the "
                       "head is at the top.",
                       "On a sagittal slice the front faces the left edge of the image and the feet point down."])


def negation(kind, f, rng):
    """A true negation about the mask, or None."""
    if kind == "laterality":
        return {"left": "It is not on the right.", "right": "It is not on the left side.",
                "bilateral": "It is not one-sided.", "midline": "It doesn't lean to either side.",
                "unknown": None}[f.side]
    if kind == "count":
        return "There's no second separate piece." if f.n == 1 else "It is not one single blob."
    if kind == "size":
        return {"small": "It is not a large structure on this slice.", "large": "It is not small on this slice.",
                "medium": "It is neither tiny nor huge here."}[f.size]
    return None


def traps(p, f, style, rng, defect_kinds):
    out = [convention(f, rng), rng.choice(p["kb"]), rng.choice(p["pop"])]
    for k in ("laterality", "count", "size"):
        if k not in defect_kinds and rng.random() < 0.5:
            neg = negation(k, f, rng)
            if neg:
                out.append(neg)
    if rng.random() < 0.5:
        out.append(rng.choice(["For comparison, the whole body outline on this slice is many times bigger.",
                               "Most of what you see around it is other tissue, not part of the outline."]))
    rng.shuffle(out)
    return out[:rng.choice([2, 3, 4])]


# --- questions ---------------------------------------------------------------------------------------

ASK = {"sports": ["I'm a {ath} and my physio sent me this scan. Can you show me {d}?",
                  "Quick one from a {ath}: where on this image do I find {d}?",
                  "Coach asked me to understand my scan. Could you point out {d}?"],
       "report": ["Could you segment {d} on this study and report it against the prior?",
                  "Can you identify and outline {d} on the current examination, with comparison?",
                  "For the report: where is {d} on this image?"],
       "checklist": ["Run the checklist for {d}: can you find it on this image?",
                     "Can you tick through the structured checklist for {d} on this slice?",
                     "Checklist please: locate {d} on this scan?"],
       "reddit": ["Posting my scan here, can someone point out {d}?",
                  "Throwaway account. Can a doc show me {d} on this image?",
                  "ELI5 please: where do I find {d} on my MRI/CT?"]}
ATHLETES = ["sprinter", "rugby player", "climber", "marathon runner", "footballer", "weightlifter", "volleyball player"]


def user_false(kind, f, rng):
    """A user's presupposition that is false about the mask."""
    if kind == "laterality":
        s = rng.choice(FALSE_SIDE[f.side])
        return rng.choice([f"It's the one {s}, exactly where it hurts.", f"I know it's {s}, which is where my pain is.",
                           f"Given it's {s}, should that worry me?"])
    if kind == "position":
        if f.vert in VFLIP:
            v = vert_phrase(f, VFLIP[f.vert], rng)
            return rng.choice([f"Why does it sit so far {v}?", f"Since it lies {v}, is that normal?"])
        o, r = rng.choice(f.rels)
        rp = rel_phrase(RFLIP[r], o, rng)
        return rng.choice([f"Why is it {rp}?", f"Since it's {rp}, is that normal?"])
    if kind == "size":
        w = rng.choice(FALSE_SIZE_WORD[false_dir(f)])
        return rng.choice([f"Why does it look so {w} on this slice?", f"Given it covers {false_pct(f, rng)} of the image, is that a problem?"])
    if f.n == 1:
        return rng.choice(["Why is it split into two separate pieces?", "Since it shows up as three separate pieces, is something broken?"])
    return rng.choice(["Why is it just one single connected piece?", "Since it's one continuous piece, is that normal?"])


def first_question(p, f, style, rng, names, presup):
    d = rng.choice(p["q"])
    if names:
        g = rng.choice(p["giveaway"])
        d = rng.choice([f"the {g}", f"{d} (the {g})", f"the {g}, {d}"])
    q = rng.choice(ASK[style]).format(d=d, ath=rng.choice(ATHLETES))
    if presup:
        q += " " + presup
    return q


# --- answers -------------------------------------------------------------------------------------------

def first_answer(p, f, style, rng, stated, false_kind, defect_kinds):
    name = target_name(p, f, rng, with_side="laterality" not in defect_kinds,
                       neutral=bool({"laterality", "count"} & set(defect_kinds)))
    facts = [fact_sent(k, f, style, rng, false=(k == false_kind), avoid=defect_kinds) for k in stated]
    rng.shuffle(facts)
    tr = traps(p, f, style, rng, defect_kinds)
    if style == "sports":
        head = rng.choice([f"Good question! That's {name}, outlined here: [SEG]",
                           f"Here you go, this is {name}: [SEG]", f"[SEG] That highlighted shape is {name}."])
        body = facts + tr[:2]
        rng.shuffle(body)
        tail = rng.choice([f"Its job is to {p['func']}, so it matters a lot for your sport.",
                           "Bring this up with your physio before you ramp up training load.",
                           "It likely looks normal, but your sports doctor will confirm.",
                           "When you build back up to full training, this is one of the structures taking the load.",
                           "Nothing here should stop a gradual return to sport, but follow your physio's plan."])
        return " ".join([head] + body + [tail])
    if style == "report":
        prior = rng.choice(["Comparison: prior study of 2024-11-03.", "Comparison: MR of 14 March 2025.",
                            "Comparison: CT from 6 months ago."])
        imp = rng.choice(["Unchanged since prior.", "No significant interval change since the prior study.",
                          "Stable compared with the previous examination."])
        new = rng.choice(["New since prior: a small joint effusion elsewhere, unrelated.",
                          "No new finding since the prior.", "New since the prior study: mild soft-tissue oedema in "
                          "the adjacent subcutaneous fat."])
        lines = [prior, f"Findings: {name[0].upper() + name[1:]} segmented [SEG].", *facts, *tr[:2],
                 f"Impression: {name} identified. {imp} {new}"]
        return "\n".join(lines)
    if style == "checklist":
        lines = [f"Structure: {name}", "[x] structure found and outlined: [SEG]", *facts,
                 "Notes: " + " ".join(tr[:2])]
        return "\n".join(lines)
    head = rng.choice(["Verified radiologist here.", "MSK radiologist (verified flair) here.",
                       "Sports med doc, verified."])
    body = [rng.choice([f"That's {name}, I've outlined it here [SEG].", f"Outlined it for you [SEG], that's {name}."]),
            *facts, *tr[:2]]
    tldr = rng.choice([f"TL;DR: it's {name} and it looks fine to me.", f"TL;DR: {name}, nothing scary on this slice.",
                       f"TL;DR: that's {name}. Ask your own doc about symptoms."])
    return "\n\n".join([head, " ".join(body), "Not medical advice, obviously. " + tldr])


FOLLOW_Q = {"laterality": ["Which side is it on?", "Is it on my left or my right?", "Left or right side?"],
            "position": ["Where exactly does it sit?", "And where is it relative to the rest?",
                         "Is it toward the front or back, top or bottom?"],
            "size": ["How big is it?", "Is it big or small on this image?", "How much of the picture does it take up?"],
            "count": ["Is it one piece or several?", "How many separate regions are there?",
                      "Is the outline all one piece?"],
            "why": ["Why does that matter?", "Why is that important for me?", "And why is that?"],
            "func": ["What does it actually do?", "What's its job in the body?",
                     "Okay, and what is it for exactly?"]}


def follow_answer(kind, p, f, style, rng, false, avoid):
    if kind in ("why", "func"):
        s = (f"Its job is to {p['func']}." if kind == "func" else
             rng.choice(["Because load and symptoms depend on exactly where things are.",
                         "Because it tells your clinician what to look at next."]))
        extra = rng.choice(p["kb"] + p["pop"])
        return f"{s} {extra}"
    s = fact_sent(kind, f, style, rng, false=false, avoid=avoid)
    lead = {"sports": rng.choice(["Sure.", "Good question.", "Happy to explain."]),
            "report": rng.choice(["Addendum:", "Clarification:", "Further detail:"]),
            "checklist": rng.choice(["Checklist item:", "Re-checked:", "Item:"]),
            "reddit": rng.choice(["Sure thing.", "Okay so:", "Good q."])}[style]
    return f"{lead} {s}"


def build(p, facts, style, rng, defect):
    f = F(p, facts)
    place = None
    if defect in KINDS4:
        place = rng.choices(["user", "first", "follow"], [0.25, 0.43, 0.32])[0]
        if defect == "position" and f.vert not in VFLIP and not f.rels:
            place = "first"
    defect_kinds = (defect,) if defect in KINDS4 else ()
    stated = [k for k in KINDS4 if not (k == defect and place in ("user", "follow"))]
    stated = [k for k in stated if k == defect or rng.random() < 0.8] or ["position"]
    user_in_first = place == "user" and rng.random() < 0.6
    presup = user_false(defect, f, rng) if user_in_first else None
    turns = [{"role": "user", "content": first_question(p, f, style, rng, defect == "names_target", presup)},
             {"role": "assistant", "content": first_answer(p, f, style, rng, stated,
                                                           defect if place == "first" else None, defect_kinds)}]
    n_follow = rng.choice([0, 1, 1, 2])
    if place in ("follow", "user") and not user_in_first:
        n_follow = max(n_follow, 1)
    topics = [k for k in ("laterality", "position", "size", "count", "why", "func") if k not in defect_kinds]
    rng.shuffle(topics)
    plan = topics[:n_follow]
    if place == "follow":
        plan[rng.randrange(len(plan))] = defect
    user_slot = rng.randrange(len(plan)) if place == "user" and not user_in_first else None
    for i, kind in enumerate(plan):
        if i == user_slot:
            q = rng.choice(["Okay, got it.", "Thanks, that helps.", "Makes sense."]) + " " + user_false(defect, f, rng)
            a = rng.choice(["Whether it matters depends on your symptoms and exam, not on the picture alone. "
                            "Your treating clinician is the right person for that call.",
                            "Hard to say from one image. Load management and how it feels are what guide the plan.",
                            "The scan alone won't answer that; correlate with your exam and symptoms."])
        else:
            q = rng.choice(FOLLOW_Q[kind])
            a = follow_answer(kind, p, f, style, rng, false=(kind == defect and place == "follow"), avoid=defect_kinds)
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    return turns, ([defect] if defect else [])
