"""Bank AH (helper qcah): spine, ribs, neck and great vessels on axial CT ("LP"), written blind.

Targets: l3 and t12 vertebrae (midline), left rib 7, right rib 10 (one or two pieces on a slice), spinal
cord, left common carotid artery, right subclavian artery, brachiocephalic trunk (measured right of the
midline although its name has no side), left brachiocephalic vein, superior vena cava, left autochthonous
back muscles, esophagus, and the azygos vein (a label the knowledge base does not know).
Registers: "esl" (a non-native writer: missing articles, odd word order, "more big"), "negations" (facts
stated by negation and contrast), "compare" (facts as comparisons with neighbours), "numbers" (every
number spelled out). Facts come from `medseg_qa.facts.compute_facts` on a synthetic mask drawn in a fixed
body frame; prose is written from those measured facts. Position defects are mostly relations to
neighbours; a share of defects sit in user questions (the first one, or a follow-up with a false premise).
Written without reading any QC rule.

first measure (once, at b7c4412, before anything about it was read; misses never printed): 195 of 210
defects caught (0.929), 23 of 210 clean conversations flagged (0.110); caught per kind: laterality 35/35,
position 68/70, size 35/35, count 35/35, names_target 22/35; false flags raised: laterality 52.
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
W, H = 256, 256
CENTRE, EXTENT = (127.5, 127.5), (220.0, 160.0)
BODY_AREA = int(np.pi * 110 * 80)
STYLES = ["esl", "negations", "compare", "numbers"]
KINDS = ["laterality", "position", "position", "size", "count", "names_target"]
OPP = {"left": "right", "right": "left"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}

P = dict  # short alias for profile literals
PROFILES = [
    P(target="l3 vertebra", noun="bone", region="abdomen", body_region="abdomen",
      shapes=[(128, 150, 22, 17), (128, 176, 4, 9)],
      others={"aorta": (142, 122), "inferior vena cava": (110, 122), "left psoas muscle": (162, 152),
              "right psoas muscle": (94, 152)},
      alias=["the third lumbar vertebra", "this vertebral body", "the L3 vertebra", "this bone"],
      giveaway=["L3", "lumbar vertebra", "vertebral body", "third lumbar vertebra", "lumbar spine bone"],
      fn=["bears the weight of the upper body in the lower back", "forms the big weight-bearing block in the lower back that a slipped disc presses beside"],
      hint="an elderly woman has sudden low back pain after lifting a box",
      kb=["The aorta runs in front of it, a little to the patient's left, and the inferior vena cava to the right.",
          "The psoas muscles lie on both sides of it, the left one on the right of the screen.",
          "The kidneys are further out to each side and in front of the back muscles."],
      book=["In adults the body of this level is usually about four to five centimetres wide.",
            "Most people have five lumbar levels, and the cord usually ends above the second one."]),
    P(target="t12 vertebra", noun="bone", region="upper abdomen", body_region="abdomen",
      shapes=[(128, 146, 20, 16)],
      others={"aorta": (143, 124), "liver": (80, 100), "left kidney": (172, 150)},
      alias=["the twelfth thoracic vertebra", "this vertebral body", "the T12 vertebra", "this bone"],
      giveaway=["T12", "thoracic vertebra", "vertebral body", "twelfth thoracic vertebra", "dorsal vertebra"],
      fn=["carries the last pair of ribs at the junction of chest and lower back",
          "is the last bone of the chest part of the back, where the lowest ribs attach"],
      hint="an older woman with thin bones has lost height and has pain at the bottom of the rib cage",
      kb=["The liver fills the patient's right upper abdomen, on the left of the screen.",
          "The left kidney lies to the patient's left, behind the spleen and the bowel.",
          "The aorta passes behind the diaphragm in front of it, slightly to the patient's left."],
      book=["There are twelve thoracic levels, each with one pair of ribs.",
            "Wedge fractures at this junction are among the most common osteoporotic fractures."]),
    P(target="left rib 7", noun="bone", region="chest", body_region="thorax", rib=True,
      shapes=[(193, 71, 7, 3), (221, 100, 3, 7)], single=[(206, 83, 6, 4)],
      others={"heart": (140, 110), "sternum": (128, 52)},
      alias=["the left seventh rib", "this rib", "the seventh rib on the left", "this curved bone"],
      giveaway=["rib", "costal bone", "seventh rib", "rib 7", "left costa"],
      fn0="is a curved bone of the lower chest wall that moves out with each breath",
      fn=["curves around the lower chest wall on the patient's left and protects the heart and lung",
          "is a curved bone of the chest wall on the patient's left that moves out with each breath"],
      hint="an elderly man fell against a table and has sharp pain on the left when breathing deeply",
      kb=["The heart sits in the middle of the chest with its apex pointing to the patient's left.",
          "The right-sided ribs at this level cover the dome of the liver.",
          "The sternum is in the front midline, where the rib cartilages join."]),
    P(target="right rib 10", noun="bone", region="lower chest", body_region="thorax", rib=True,
      shapes=[(49, 175, 7, 3), (30, 146, 3, 7)], single=[(40, 162, 6, 4)],
      others={"liver": (85, 115), "vertebral body": (128, 158), "right kidney": (95, 150)},
      alias=["the right tenth rib", "this rib", "the tenth rib on the right", "this curved bone"],
      giveaway=["rib", "costal bone", "tenth rib", "rib 10", "right costa"],
      fn0="is a curved bone of the lower chest wall that shields the upper abdominal organs",
      fn=["is a curved bone of the lower chest wall on the patient's right that shields the liver",
          "curves around the lower back of the chest on the patient's right, over the liver and kidney"],
      hint="a patient was hit in the lower right back during football and now has pain when coughing",
      kb=["The spleen lies under the lower ribs on the patient's left side.",
          "The liver fills most of the right upper abdomen, in front of this level of the chest wall.",
          "The left kidney usually sits slightly higher than the right one."],
      book=["Most adults have twelve pairs of ribs; the last two pairs do not reach the front.",
            "About one person in ten has a small anatomical variant of the lowest ribs."]),
    P(target="spinal cord", noun="structure", region="chest", body_region="thorax",
      shapes=[(128, 172, 6, 6)],
      others={"vertebral body": (128, 148), "aorta": (145, 130), "esophagus": (132, 125)},
      alias=["the cord", "this nerve tissue", "the spinal cord", "the cord inside the canal"],
      giveaway=["spinal cord", "cord", "medulla spinalis", "myelon", "thoracic cord"],
      fn=["carries the nerve signals between the brain and the trunk and legs",
          "is the column of nerve tissue that sits inside the bony canal of the back"],
      hint="a patient with cancer has new back pain and weakness of both legs",
      kb=["The aorta descends in front of the bones on the patient's left at this level.",
          "The esophagus runs in front of the bones, behind the heart.",
          "The lungs lie on both sides, the right one shown on the left of the screen."],
      book=["In adults it is about one centimetre across in the chest.",
            "It usually ends at the level of the first or second lumbar bone."]),
    P(target="left common carotid artery", noun="vessel", region="base of the neck", body_region="neck",
      shapes=[(150, 96, 6, 6)],
      others={"trachea": (128, 100), "brachiocephalic trunk": (114, 90), "esophagus": (132, 118),
              "left subclavian artery": (166, 114)},
      alias=["the left common carotid", "this artery", "the left common carotid artery", "this vessel"],
      giveaway=["carotid", "CCA", "left common carotid", "carotid artery", "common carotid"],
      fn0="carries blood up the neck towards the head",
      fn=["carries blood up the neck to the head on the patient's left",
          "takes blood from the arch up to the left half of the brain and face"],
      hint="a patient had brief loss of vision in the left eye from a plaque in the neck",
      kb=["On the other side, the matching right vessel comes off the first branch of the arch.",
          "The internal jugular vein runs beside it, further out and in front.",
          "The windpipe sits in the midline with the gullet just behind it."],
      book=["In adults it measures about six to eight millimetres across.",
            "About one stroke in five is linked with narrowing of the neck arteries."]),
    P(target="right subclavian artery", noun="vessel", region="upper chest", body_region="thorax",
      shapes=[(88, 92, 12, 5)],
      others={"trachea": (128, 100), "right common carotid artery": (106, 86), "esophagus": (132, 118)},
      alias=["the right subclavian", "this artery", "the right subclavian artery", "this vessel"],
      giveaway=["subclavian", "subclavian artery", "right subclavian", "subclavian vessel", "right SCA"],
      fn0="carries blood towards the arm and gives off the artery to the back of the brain",
      fn=["carries blood to the arm on the patient's right and gives off the artery to the back of the brain",
          "arches over the top of the right lung towards the right arm"],
      hint="a patient gets dizzy when working with the right arm raised and has a weak right wrist pulse",
      kb=["On the patient's left, the matching artery arises straight from the arch.",
          "The collarbone lies in front of it and above.",
          "The trachea is in the midline with the esophagus behind it."],
      book=["It is usually about eight to ten millimetres across in adults.",
            "In about one person in two hundred it arises abnormally from the far end of the arch."]),
    P(target="brachiocephalic trunk", noun="vessel", region="upper chest", body_region="thorax",
      shapes=[(112, 86, 6, 6)],
      others={"trachea": (128, 102), "left common carotid artery": (146, 92), "left brachiocephalic vein": (142, 70)},
      alias=["the innominate artery", "this artery", "the brachiocephalic trunk", "this vessel"],
      giveaway=["brachiocephalic artery", "innominate artery", "innominate", "brachiocephalic vessel", "BCT"],
      fn0="is the first large branch of the arch of the aorta",
      fn=["is the first large branch of the arch and splits to supply the right arm and the right side of the head",
          "rises from the top of the arch and divides into two arteries for the right arm and neck"],
      hint="a patient has unequal blood pressures in the two arms and a stroke on one side",
      kb=["The left common carotid artery arises next to it, further to the patient's left.",
          "The great vein from the left arm crosses in front of these arteries.",
          "The arch then turns backwards over the left main bronchus."],
      book=["It is usually about four to five centimetres long.",
            "In about one person in ten the left carotid shares its origin."]),
    P(target="left brachiocephalic vein", noun="vessel", region="upper chest", body_region="thorax",
      shapes=[(148, 72, 18, 5)],
      others={"brachiocephalic trunk": (112, 88), "trachea": (128, 102), "sternum": (128, 45)},
      alias=["the left innominate vein", "this vein", "the left brachiocephalic vein", "this vessel"],
      giveaway=["brachiocephalic vein", "innominate vein", "left innominate", "brachiocephalic vessel", "left BCV"],
      fn0="drains blood from the head and arm and crosses the top of the chest behind the breastbone",
      fn=["drains blood from the head and arm on the patient's left and crosses the top of the chest behind the breastbone",
          "carries venous blood from the left arm across the upper chest to join its partner"],
      hint="a dialysis patient with a chest line now has a swollen left arm",
      kb=["Its partner on the right side is short and runs almost straight down.",
          "The arteries of the arch lie behind it.",
          "The thymus remnant sits in front of it in adults."],
      book=["In adults it is about six centimetres long, more than twice its right partner.",
            "It usually receives two or three small veins along its course."]),
    P(target="superior vena cava", noun="vessel", region="chest", body_region="thorax",
      shapes=[(102, 104, 8, 8)],
      others={"ascending aorta": (124, 110), "trachea": (128, 118), "esophagus": (134, 132)},
      alias=["the SVC", "this vein", "the superior vena cava", "this vessel"],
      giveaway=["vena cava", "SVC", "superior caval vein", "caval vein", "superior vena"],
      fn0="returns blood from the head, neck and arms into the heart",
      fn=["returns blood from the head, neck and arms into the heart",
          "is the large vein where central lines usually end before the right atrium"],
      hint="a smoker with lung cancer has a swollen face and distended neck veins",
      kb=["The ascending aorta lies beside it on the patient's left.",
          "The azygos vein arches over the right main bronchus to join it from behind.",
          "The right lung touches it from the side."],
      book=["It is about seven centimetres long and two centimetres wide in adults.",
            "It has no valves, unlike many veins of the limbs."]),
    P(target="left autochthonous back muscles", noun="muscle group", region="abdomen", body_region="abdomen",
      shapes=[(150, 186, 16, 20)],
      others={"vertebral body": (128, 150), "right autochthonous back muscles": (106, 186), "left kidney": (170, 150)},
      alias=["the left paraspinal muscles", "this muscle group", "the left erector spinae", "these muscles"],
      giveaway=["erector spinae", "paraspinal muscles", "autochthonous muscles", "back muscles", "paravertebral muscles"],
      fn0="keeps the trunk upright and straightens the back",
      fn=["keeps the trunk upright and straightens the back on the patient's left",
          "runs along the groove beside the bones of the back on the patient's left and extends the trunk"],
      hint="a patient on blood thinners fell and now has a painful swelling beside the lower back on the left",
      kb=["The matching group on the right lies on the other side of the spinous processes.",
          "The left kidney lies in front and to the side of them.",
          "The psoas muscles are deeper, beside the vertebral bodies."],
      book=["Their cross-section shrinks by about one per cent a year after age sixty in many people.",
            "Fatty change is seen in about one third of older adults with chronic back pain."]),
    P(target="esophagus", noun="tube", region="chest", body_region="thorax",
      shapes=[(130, 146, 6, 6)],
      others={"left atrium": (132, 112), "descending aorta": (146, 150), "vertebral body": (128, 168)},
      alias=["the gullet", "this tube", "the esophagus", "the food pipe"],
      giveaway=["oesophagus", "gullet", "food pipe", "esophagus", "esophageal tube"],
      fn=["carries swallowed food from the throat down to the stomach",
          "moves food downward by waves of muscle contraction behind the heart"],
      hint="an older smoker has food sticking behind the breastbone and losing weight",
      kb=["The descending aorta runs beside it on the patient's left in the lower chest.",
          "The left atrium of the heart lies directly in front of it.",
          "The azygos vein ascends on the right side of the spine."],
      book=["It is about twenty-five centimetres long in adults.",
            "About one person in ten has a small sliding hernia at its lower end."]),
    P(target="azygos vein", noun="vessel", region="chest", body_region="thorax",
      shapes=[(112, 150, 4, 4)],
      others={"esophagus": (130, 146), "vertebral body": (128, 168), "descending aorta": (146, 150)},
      alias=["the azygos vein", "this vein", "the azygos", "this small vessel"],
      giveaway=["azygos", "azygous vein", "azygos vein", "azygo-esophageal vessel", "azygos arch"],
      fn=["drains the back of the chest wall and climbs beside the spine to join the great vein of the upper body",
          "collects blood from the intercostal veins and ascends on the side of the spine"],
      hint="a patient with a blocked great vein of the upper chest has a large collateral vessel in the back of the chest",
      kb=["Its partner, the hemiazygos, runs on the patient's left behind the aorta.",
          "The esophagus sits just in front of the spine near the middle.",
          "The descending aorta is on the patient's left side of the spine."],
      book=["Its arch is normally under about one centimetre across when the patient lies flat.",
            "An extra fissure of the right lung from its arch occurs in roughly one person in two hundred."]),
]

DIFF = {"l3 vertebra": "intervertebral disc", "t12 vertebra": "head of a rib", "left rib 7": "costal cartilage",
        "right rib 10": "pleural plaque", "spinal cord": "spinal fluid", "left common carotid artery": "jugular vein",
        "right subclavian artery": "subclavian vein", "brachiocephalic trunk": "left brachiocephalic vein",
        "left brachiocephalic vein": "thymus", "superior vena cava": "ascending aorta",
        "left autochthonous back muscles": "quadratus lumborum", "esophagus": "descending aorta",
        "azygos vein": "lymph node"}


def record_for(p: dict) -> dict:
    return {"modality": "CT", "body_region": p["body_region"], "orientation": "LP"}


def pick_profile(profiles: list[dict], i: int, defect, rng: random.Random) -> dict:
    """Ribs (the multi-piece masks) a little more often when the defect is a count."""
    if defect == "count" and rng.random() < 0.4:
        return rng.choice([p for p in profiles if p.get("rib")])
    return rng.choice(profiles)


def facts_for(p: dict, rng: random.Random) -> dict:
    """The product's own measurement of a synthetic mask in a fixed body frame (ribs: one or two pieces)."""
    from medseg_qa.facts import compute_facts
    from medseg_qa.patient import PatientFrame

    shapes = p["single"] if p.get("rib") and rng.random() < 0.3 else p["shapes"]
    dx, dy = rng.uniform(-1.5, 1.5), rng.uniform(-1.5, 1.5)
    yy, xx = np.mgrid[0:H, 0:W]
    mask = np.zeros((H, W), bool)
    for cx, cy, rx, ry in shapes:
        mask |= ((xx - cx - dx) / rx) ** 2 + ((yy - cy - dy) / ry) ** 2 <= 1.0
    others = {k: (x / (W - 1), y / (H - 1)) for k, (x, y) in p["others"].items()}
    frame = PatientFrame("body_outline", CENTRE, EXTENT, BODY_AREA)
    return compute_facts(mask, "LP", others=others, frame=frame).model_dump(mode="json")



# -- prose -------------------------------------------------------------------------------------------

DIGIT = "zero one two three four five six seven eight nine".split()
REL_NAME = {"left_of": ["to the patient's left of", "on the patient's left side of"],
            "right_of": ["to the patient's right of", "on the patient's right side of"],
            "anterior_to": ["in front of", "anterior to", "ventral to"],
            "posterior_to": ["behind", "posterior to", "dorsal to"]}
ESL_REL = {"left_of": ["at patient left of", "more to left side of patient than"],
           "right_of": ["at patient right of", "more to right side of patient than"],
           "anterior_to": ["in front from", "more front than"], "posterior_to": ["behind of", "more back than"]}
VERT = {"anterior": ["in the front part of the {r}", "anteriorly in the {r}", "toward the front of the {r}"],
        "posterior": ["in the back part of the {r}", "posteriorly in the {r}", "toward the back of the {r}"],
        "central": ["in the middle of the {r} from front to back"]}


TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def whole_words(n: int) -> str:
    if n < 10:
        return DIGIT[n]
    if n < 20:
        return TEENS[n - 10]
    return TENS[n // 10] + ("" if n % 10 == 0 else "-" + DIGIT[n % 10])


def pct(v: float, words: bool) -> str:
    s = f"{v:.1f}" if v >= 1 else f"{v:.2f}"
    if not words:
        return s + "%"
    whole, frac = s.split(".")
    return f"{whole_words(int(whole))} point {' '.join(DIGIT[int(c)] for c in frac)} percent"


def fns(p: dict, sideless: bool) -> list[str]:
    """What the structure does; without side words where the conversation plants a wrong side."""
    if not sideless:
        return p["fn"]
    plain = [x for x in p["fn"] if "left" not in x and "right" not in x]
    return plain or [p["fn0"]]


def cnt(n: int) -> str:
    return ["zero", "one", "two", "three", "four", "five", "six"][n] if n < 7 else str(n)


def aliases(p: dict, style: str) -> list[str]:
    a = p["alias"]
    return [x for x in a if not any(c.isdigit() for c in x)] if style == "numbers" else a


def side_sent(style: str, side: str, rng) -> str:
    if side in OPP:
        s, o = side, OPP[side]
        return rng.choice({
            "esl": [f"It is located in {s} side of patient.", f"Structure sit on patient {s} side, not in middle.",
                    f"On the {s} of patient it is found."],
            "negations": [f"It is not on the patient's {o}; it is on the {s}.", f"Not midline and not {o}-sided: the patient's {s} side.",
                          f"It does not lie on the {o} side of the patient but on the {s}."],
            "compare": [f"Compared with the midline it lies more to the patient's {s}.",
                        f"It is on the patient's {s} side, further {s} than the midline structures."],
            "numbers": [f"It lies on the patient's {s} side.", f"It is on the {s} side of the patient's body."]}[style])
    if side == "midline":
        return rng.choice({
            "esl": ["It is in middle of body, not to one side.", "Position is midline, centre of patient."],
            "negations": ["It is not off to the left and not off to the right: it is midline.",
                          "It does not favour either side; it sits in the midline."],
            "compare": ["It sits in the midline, as central as the breastbone.", "It is in the midline, between the two halves of the body."],
            "numbers": ["It sits in the midline, with about equal parts on both sides.", "It lies in the midline of the body."]}[style])
    return ""


def bad_side(style: str, side: str, rng) -> str:
    s = OPP[side] if side in OPP else rng.choice(["left", "right"])
    return rng.choice({
        "esl": [f"It is located in {s} side of patient, away from middle.", f"Structure sit on patient {s} side."],
        "negations": [f"It is not in the midline and not on the {OPP[s]}; it is on the patient's {s} side.",
                      f"It is not central: it lies on the patient's {s}."],
        "compare": [f"Compared with the midline it lies clearly to the patient's {s}.", f"It is on the patient's {s} side, well lateral to the midline."],
        "numbers": [f"It lies on the patient's {s} side.", f"It is on the {s} side of the patient's body, far from the midline."]}[style])


def vert_sent(style: str, v: str, region: str, rng, bad=False) -> str:
    if bad:
        v = {"anterior": "posterior", "posterior": "anterior"}[v]
    o = {"anterior": "back", "posterior": "front", "central": "edge"}[v]
    where = rng.choice(VERT[v]).format(r=region)
    return rng.choice({
        "esl": [f"It is {where}.", f"Position is {where}, yes."],
        "negations": [f"It is not toward the {o}; it is {where}.", f"It is {where}, not at the {o}."],
        "compare": [f"It lies {where}, compared with the centre of the {region}.", f"Relative to the body centre, it is {where}."],
        "numbers": [f"It lies {where}.", f"It is {where} on this slice."]}[style])


def rel_sent(style: str, rel: str, other: str, rng, bad=False) -> str:
    if bad:
        rel = FLIP[rel]
    ph = rng.choice(REL_NAME[rel])
    if style == "esl":
        return rng.choice([f"It lie {rng.choice(ESL_REL[rel])} {other}.", f"Is {ph} the {other}, this one."])
    if style == "negations":
        return rng.choice([f"It is not {REL_NAME[FLIP[rel]][0]} the {other}; it is {ph} it.", f"Unlike what one may think, it is {ph} the {other}."])
    if style == "compare":
        return rng.choice([f"Compared with the {other}, it sits {ph} it.", f"It lies {ph} the {other}."])
    return f"It is {ph} the {other}."


def size_sent(style: str, cls: str, pct_s: str, rng) -> str:
    words = {"small": "small", "medium": "medium-sized", "large": "large"}[cls]
    cmp_ = {"small": "much smaller than the heart or the liver", "medium": "bigger than the aorta but much smaller than the liver",
            "large": "one of the biggest structures on the slice"}[cls]
    return rng.choice({
        "esl": [f"It is {words} structure, around {pct_s} of the image.", f"Size is {words}, it take about {pct_s} of whole image."],
        "negations": [f"It is not {'large' if cls != 'large' else 'small'}: it is {words}, about {pct_s} of the image.",
                      f"No, it is not a {'big' if cls == 'small' else 'tiny'} structure; {words}, roughly {pct_s} of the image."],
        "compare": [f"It is {words}, {cmp_}; about {pct_s} of the image.", f"Size is {words} ({pct_s} of the image), {cmp_}."],
        "numbers": [f"It is {words}, covering about {pct_s} of the image.", f"It is a {words} structure at about {pct_s} of the image area."]}[style])


def bad_size(style: str, cls: str, area: float, rng) -> str:
    if rng.random() < 0.5:
        wrong = {"small": "large", "medium": "large", "large": "small"}[cls]
        return rng.choice({
            "esl": [f"It is very {wrong} structure on this slice.", f"Size is {wrong}, more {'big' if wrong == 'large' else 'small'} than most things here."],
            "negations": [f"It is not {'small' if wrong == 'large' else 'large'}; it is {wrong}.", f"Not a modest structure at all: it is {wrong}."],
            "compare": [f"It is {wrong}, {'bigger than most organs on the slice' if wrong == 'large' else 'tiny next to everything else'}.",
                        f"It is a {wrong} structure compared with its neighbours."],
            "numbers": [f"It is a {wrong} structure on this slice.", f"Its size is {wrong}."]}[style])
    p = pct(area * 100 * 8 + 3, style == "numbers")
    return rng.choice([f"It covers about {p} of the image.", f"Its area is around {p} of the image."]) if style != "esl" \
        else f"It take around {p} of image."


def count_sent(style: str, n: int, rng, bad=False) -> str:
    if bad:
        n = 2 if n == 1 else 1
    if n == 1:
        return rng.choice({
            "esl": ["It is one piece only, no other part.", "Only one region, connected."],
            "negations": ["There is no second part; it is a single region.", "It is not broken into pieces: one connected region."],
            "compare": ["Like its neighbours, it shows as one single connected region.", "It forms a single region, as the vessels beside it do."],
            "numbers": ["It forms one connected region.", "There is exactly one region."]}[style])
    w = cnt(n)
    return rng.choice({
        "esl": [f"It is in {w} separate piece on this slice.", f"I see {w} parts, not connected."],
        "negations": [f"It is not one piece: there are {w} separate parts.", f"It is not a single region; {w} disconnected pieces."],
        "compare": [f"Unlike the vessels, it shows as {w} separate pieces, because the curve leaves and re-enters the slice.",
                    f"It appears as {w} pieces, more than the single round vessels nearby."],
        "numbers": [f"It appears as {w} separate pieces.", f"There are {w} disconnected regions on this slice."]}[style])


CONVENTION = {
    "esl": ["In this picture, patient left side is show on right of screen, normal radiology view.",
            "Remember: screen right is patient left in CT axial, like looking from feet."],
    "negations": ["The screen is not a mirror of your own body: the patient's left is on the right of the image.",
                  "Left on the screen is not the patient's left; it is the patient's right."],
    "compare": ["As on every axial CT, the patient's left is displayed on the viewer's right, the opposite of a photo.",
                "Compared with looking at a person face to face, this view is the same: their left is on your right."],
    "numbers": ["By convention the patient's left appears on the right of the screen, viewed from the feet.",
                "Axial slices are viewed from below, so the patient's right side is on the left of the picture."]}
HEDGE = {"esl": ["I think ", "Probably ", "Maybe "], "negations": ["", "Almost certainly ", "Most likely "],
         "compare": ["", "Likely ", "On this slice, "], "numbers": ["", "Most likely ", "As far as I can tell, "]}


def hedge(s: str, style: str, rng) -> str:
    h = rng.choice(HEDGE[style])
    return h + s[0].lower() + s[1:] if h and not s.startswith("It is not") else s


def question(p: dict, style: str, rng, planted: str | None = None, sideless: bool = False) -> str:
    noun, fn, region = p["noun"], rng.choice(fns(p, sideless)), p["region"]
    if planted:
        return planted
    return rng.choice([
        f"Which {noun} in this CT slice {fn}? Please segment it.",
        f"A patient: {p['hint']}. Which {noun} on this slice through the {region} should I look at? Please outline it."
        if not sideless else f"On this slice through the {region}, which {noun} {fn}? Please outline it.",
        f"Can you find the {noun} that {fn}, and mark it on the image?",
        f"Which {noun} here {fn}? Segment it please." if style != "esl" else f"Which {noun} here {fn.replace('carries', 'carry')}? Please do segment.",
    ])


def lead(p: dict, style: str, rng) -> str:
    a = rng.choice([x for x in aliases(p, style) if not x.startswith(("this ", "these "))])
    return rng.choice({
        "esl": [f"This is {a} {SEG}.", f"Here it is, {a}: {SEG}"],
        "negations": [f"It is {a}, not the {DIFF[p['target']]} {SEG}.", f"Not the {DIFF[p['target']]}: this is {a} {SEG}."],
        "compare": [f"This is {a} {SEG}, easy to tell apart from the {DIFF[p['target']]}.", f"Segmented {a} {SEG}."],
        "numbers": [f"Here is {a}: {SEG}", f"This is {a} {SEG}."]}[style])


FOLLOW = {
    "side": ["Which side is it on?", "Is it on the left or the right?", "And the side, please?",
             "Which side of the patient would that be, given the screen is flipped?"],
    "where": ["What lies next to it?", "Where is it compared with its neighbours?", "How is it placed relative to nearby structures?"],
    "vert": ["Is it at the front or the back?", "Front or back of the body, then?"],
    "size": ["How big is it?", "Is it large or small here?", "How much of the picture does it take up?"],
    "count": ["How many pieces do you see?", "Is it one piece or several?", "Does it show as one region only?"],
    "why": ["Why does this matter clinically?", "Could you explain the screen convention again, since left and right always confuse me?",
            "My teacher says structures like this are easy to miss on a single slice; what should I check to be sure?"],
}


def premise(kind: str, p: dict, f: dict, style: str, rng, rel=None) -> str:
    """A follow-up question that takes one false fact for granted."""
    if kind == "laterality":
        s = OPP[f["laterality"]] if f["laterality"] in OPP else rng.choice(["left", "right"])
        return rng.choice([f"Since it is on the patient's {s} side, what would a problem there cause?",
                           f"Because it lies on the {s} side of the patient, which arm or organ would suffer first if it were injured?"])
    if kind == "position":
        if rel:
            ph = REL_NAME[FLIP[rel["relation"]]][0]
            return rng.choice([f"Given that it lies {ph} the {rel['other']}, could a mass there press on it?",
                               f"Why is it {ph} the {rel['other']} on this slice?"])
        v = {"anterior": "back", "posterior": "front"}[f["vertical"]]
        return f"Why does it sit so far toward the {v} of the {p['region']}?"
    if kind == "size":
        w = {"small": "large", "medium": "large", "large": "small"}[f["size_class"]]
        return rng.choice([f"Why does it look so {w} on this slice?", f"Is it normal that it is this {w} here?"])
    n = f["components"]
    return "Why is it split into two separate pieces on this slice?" if n == 1 else \
        "Why does it appear as one single connected piece here?"


def neutral(p: dict, style: str, rng, sideless: bool = False) -> str:
    fn = rng.choice(fns(p, sideless))
    return rng.choice([f"That matters because this structure {fn}. " + rng.choice(p["kb"]),
                       f"The key point is its job: it {fn}. " + rng.choice(p.get("book") or p["kb"])])


def build(p: dict, f: dict, style: str, rng: random.Random, defect):
    region = p["region"]
    sideless = defect == "laterality"
    rels = list(f["relations"])
    bad_rel = None
    where = None
    if defect in ("laterality", "position", "size", "count"):
        r = rng.random()
        where = "q1" if r < 0.1 and defect in ("laterality", "position") else "followq" if r < 0.22 else \
            "a1" if r < 0.72 else "followa"
        if defect == "position" and rels and (rng.random() < 0.7 or f["vertical"] not in ("anterior", "posterior")):
            bad_rel = rng.choice(rels)
    skip = {defect} if defect in ("laterality", "size", "count") else set()
    if defect == "position" and not bad_rel:
        skip.add("vert")
    # true fact sentences, by slot
    slots = {"laterality": side_sent(style, f["laterality"], rng) if f["laterality"] in ("left", "right", "midline") else "",
             "vert": vert_sent(style, f["vertical"], region, rng) if f["vertical"] in VERT else "",
             "size": size_sent(style, f["size_class"], pct(f["area_fraction"] * 100, style == "numbers"), rng),
             "count": count_sent(style, f["components"], rng)}
    true_rels = [r for r in rels if r != bad_rel]
    rng.shuffle(true_rels)
    rel_sents = [rel_sent(style, r["relation"], r["other"], rng) for r in true_rels]
    # the planted false sentence
    bad = None
    if defect == "laterality":
        bad = bad_side(style, f["laterality"], rng)
    elif defect == "position":
        bad = rel_sent(style, bad_rel["relation"], bad_rel["other"], rng, bad=True) if bad_rel else \
            vert_sent(style, f["vertical"], region, rng, bad=True)
    elif defect == "size":
        bad = bad_size(style, f["size_class"], f["area_fraction"], rng)
    elif defect == "count":
        bad = count_sent(style, f["components"], rng, bad=True)
    # first question
    q1 = None
    if defect == "names_target":
        gs = [g for g in p["giveaway"] if style != "numbers" or not any(c.isdigit() for c in g)]
        g, fn = rng.choice(gs), rng.choice(fns(p, False))
        q1 = rng.choice([f"Please segment the {g} on this CT slice; where exactly is it?",
                         f"Which {p['noun']} here {fn}? I guess it is the {g}; please segment it.",
                         f"Can you outline the {g} on this image and tell me where it lies?",
                         f"A patient: {p['hint']}. Is the {g} visible here? Please mark it."])
    elif where == "q1":
        fn = rng.choice(fns(p, sideless))
        if defect == "laterality":
            s = OPP[f["laterality"]] if f["laterality"] in OPP else rng.choice(["left", "right"])
            q1 = f"Which {p['noun']} on the patient's {s} side {fn}? Please segment it."
        elif bad_rel:
            q1 = f"Which {p['noun']} lying {REL_NAME[FLIP[bad_rel['relation']]][0]} the {bad_rel['other']} {fn}? Please segment it."
        else:
            v = {"anterior": "back", "posterior": "front"}[f["vertical"]]
            q1 = f"Which {p['noun']} toward the {v} of the {region} {fn}? Please outline it."
    q1 = question(p, style, rng, q1, sideless)
    # first answer: lead, some facts, traps
    body = []
    for key in ("laterality", "vert"):
        if slots[key] and key not in skip and rng.random() < 0.75:
            body.append(hedge(slots[key], style, rng) if rng.random() < 0.3 else slots[key])
    body += rel_sents[: 2 if style == "compare" else 1]
    for key in ("size", "count"):
        if key not in skip and rng.random() < 0.6:
            body.append(slots[key])
    if rng.random() < 0.6:
        body.append(rng.choice(CONVENTION[style]))
    body.append(rng.choice(p["kb"]))
    if rng.random() < 0.4 and p.get("book"):
        body.append(rng.choice(p["book"]))
    if bad and where == "a1":
        body.insert(rng.randrange(len(body) + 1), bad)
    a1 = lead(p, style, rng) + " " + " ".join(body)
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": a1}]
    # follow-up rounds
    n_rounds = rng.choice([1, 2, 2, 3]) if where not in ("followq", "followa") else rng.choice([2, 3])
    planted_round = rng.randrange(1, n_rounds) if where in ("followq", "followa") else None
    topics, used = ["side", "where", "vert", "size", "count", "why"], set()
    for k in range(1, n_rounds):
        if k == planted_round and where == "followq":
            fq = premise(defect, p, f, style, rng, bad_rel)
            fa = neutral(p, style, rng, sideless)
        else:
            if k == planted_round:  # followa: the false sentence answers the matching question
                topic = {"laterality": "side", "size": "size", "count": "count"}.get(defect) or ("where" if bad_rel else "vert")
            else:
                allowed = [t for t in topics if {"side": "laterality", "vert": "vert", "size": "size", "count": "count"}.get(t) not in skip
                           and (t != "where" or rel_sents) and t not in used]
                topic = rng.choice(allowed)
            used.add(topic)
            fq = rng.choice(FOLLOW[topic])
            if k == planted_round:
                fa = bad + " " + rng.choice(p["kb"])
            elif topic == "side":
                fa = (slots["laterality"] or "Its side is not clear-cut on this slice.") + " " + rng.choice(CONVENTION[style])
            elif topic == "where":
                fa = " ".join(rel_sents[-2:]) or rng.choice(p["kb"])
                fa += " " + rng.choice(p["kb"])
            elif topic == "vert":
                fa = slots["vert"] or rng.choice(p["kb"])
                fa += " " + rng.choice(p["kb"])
            elif topic == "size":
                fa = slots["size"] + " " + (rng.choice(p["book"]) if p.get("book") else rng.choice(p["kb"]))
            elif topic == "count":
                fa = slots["count"] + " " + rng.choice(p["kb"])
            else:
                fa = rng.choice(CONVENTION[style]) + " " + neutral(p, style, rng, sideless)
        turns += [{"role": "user", "content": fq}, {"role": "assistant", "content": fa}]
    return turns, ([defect] if defect else [])
