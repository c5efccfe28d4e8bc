"""Bank CT: pelvis, hips, spine and lower limbs on axial ("LP") and coronal ("LI") CT/MR, in four registers
new to the corpus: an orthopaedic clinic letter to the family doctor, a text decision tree (with branches not
taken), an ELI5 forum answer with later edits, and a quiz-show script (host and contestant).

Written blind (helper qcct): without opening the QC rules, their tests, other banks or their rows. Facts are
measured by the product's own `compute_facts` on synthetic masks (ellipses; no body outline, so the image
centre is the patient's centre and the size class follows the image fraction); the prose is written from those
measured facts. Clean rows carry true traps: negations, the display convention, textbook numbers, sentences
about other structures, contestant guesses the host corrects, forum edits naming what was fixed, branches
not taken. Defective rows carry exactly one false claim of their kind, in the first answer, a follow-up answer
or (about a fifth of side/position/size/count) a user's restatement.

First measure: not taken by the writer (the lead measures once after merging).
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
W = H = 256
NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def _e(x, y, rx, ry):
    return (x, y, rx, ry)


# ellipses in pixels on a 256 x 256 image (x = column, y = row); image centre = patient centre
PROFILES = [
    dict(target="urinary bladder", mod="MR", orient="LP", region="pelvis", paired=False, noun="organ",
         shapes=[[_e(128, 92, 30, 24)]], others={"rectum": (0.5, 0.72), "left femoral head": (0.78, 0.5)},
         hints=["the hollow muscular organ that stores urine until it is emptied",
                "the reservoir that fills up between trips to the toilet",
                "the organ that stretches as it fills and empties when we pass water"],
         names=["the bladder", "the urinary bladder", "the vesical reservoir", "the bladder lumen"],
         pop=["An adult's version of this organ typically holds around 400 to 600 mL.",
              "Its wall is usually only a few millimetres thick when it is full."],
         other=["The rectum normally lies behind it in the pelvis.",
                "The sigmoid colon usually loops down on the patient's left before it reaches the pelvis."]),
    dict(target="prostate", mod="MR", orient="LP", region="pelvis", paired=False, noun="gland",
         shapes=[[_e(128, 118, 16, 13)]], others={"rectum": (0.5, 0.7), "right femoral head": (0.22, 0.5)},
         hints=["the walnut-sized male gland under the bladder that adds fluid to semen",
                "the gland around the first part of the male urethra that often enlarges with age"],
         names=["the prostate", "the prostate gland", "the prostatic gland", "the prostatic tissue"],
         pop=["In a young adult it weighs roughly 20 to 25 grams.",
              "Benign enlargement affects about half of men by the age of sixty."],
         other=["The seminal vesicles sit just above and behind it, one on each side.",
                "The rectum lies directly behind it, which is why it can be felt on rectal examination."]),
    dict(target="uterus", mod="MR", orient="LP", region="pelvis", paired=False, noun="organ",
         shapes=[[_e(127, 118, 26, 20)]], others={"urinary bladder": (0.5, 0.32), "rectum": (0.5, 0.76)},
         hints=["the pear-shaped female organ in which a pregnancy grows",
                "the muscular organ that sheds its lining each month during a period"],
         names=["the uterus", "the womb", "the uterine body", "the uterine cavity"],
         pop=["Outside pregnancy it measures about 7 to 8 cm long in an adult.",
              "Fibroids are found in a large share of women over forty."],
         other=["The bladder sits in front of it and the rectum behind it.",
                "The ovaries normally sit out to each side near the pelvic side walls."]),
    dict(target="ovary", mod="MR", orient="LP", region="pelvis", paired=True, noun="organ",
         shapes=[[_e(78, 128, 11, 9), _e(178, 130, 12, 9)]], others={"uterus": (0.5, 0.46)},
         hints=["the paired almond-shaped glands that release an egg each month",
                "the two small female glands that make oestrogen and hold the eggs"],
         names=["the ovaries", "the ovary", "the ovarian tissue", "the oophora"],
         pop=["Each is roughly 3 by 2 by 1 cm in a woman of reproductive age.",
              "After the menopause they usually shrink considerably."],
         other=["The uterus sits between them in the midline.",
                "The fallopian tubes run out from the top of the uterus toward them."]),
    dict(target="left ovary", mod="MR", orient="LP", region="pelvis", paired=True, noun="organ",
         shapes=[[_e(184, 126, 12, 10)]], others={"uterus": (0.5, 0.48)},
         hints=["one of the paired almond-shaped glands that release eggs, the one on the patient's left",
                "the small egg-making gland on the patient's left side of the pelvis"],
         names=["the left ovary", "the ovary", "the left ovarian tissue", "the left oophoron"],
         pop=["Each is roughly 3 by 2 by 1 cm in a woman of reproductive age.",
              "A few follicles of up to 2 to 3 cm are normal before ovulation."],
         other=["The uterus lies in the midline, medial to it.",
                "Its partner on the right usually sits at a similar height."]),
    dict(target="rectum", mod="CT", orient="LP", region="pelvis", paired=False, noun="bowel segment",
         shapes=[[_e(128, 184, 17, 14)]], others={"urinary bladder": (0.5, 0.36), "prostate": (0.5, 0.48)},
         hints=["the last stretch of large bowel that holds stool just before the anal canal",
                "the final part of the gut above the anal canal where stool waits before emptying"],
         names=["the rectum", "the rectal segment", "the rectal ampulla", "the anorectum"],
         pop=["In adults it is about 12 to 15 cm long.",
              "Its lumen is often collapsed or contains a little gas on CT."],
         other=["The sacrum lies behind it and curves forward at its lower end.",
                "In men the prostate sits in front of its lower part."]),
    dict(target="femoral head", mod="CT", orient="LI", region="hips", paired=True, noun="bone",
         shapes=[[_e(70, 150, 17, 17), _e(186, 151, 17, 17)]], others={"sacrum": (0.5, 0.35)},
         hints=["the rounded ball at the top of each thigh bone that sits in the socket of the pelvis",
                "the two smooth balls of bone that the pelvis socket wraps around on each side"],
         names=["the femoral heads", "the heads of the femurs", "the caput femoris", "the femoral epiphyses"],
         pop=["In adults the diameter is usually about 4.5 to 5 cm.",
              "Avascular necrosis of this part is a well-known complication of long-term steroids."],
         other=["The sacrum sits higher up, at the back of the pelvis in the midline.",
                "The acetabulum is the cup-shaped socket on each side of the pelvis."]),
    dict(target="right femoral head", mod="CT", orient="LP", region="hips", paired=True, noun="bone",
         shapes=[[_e(62, 124, 18, 18)]], others={"urinary bladder": (0.5, 0.36), "left femoral head": (0.76, 0.49)},
         hints=["the ball at the top of the thigh bone on the patient's right, inside its pelvic socket",
                "the rounded upper end of the right thigh bone that forms the ball of the joint"],
         names=["the right femoral head", "the head of the right femur", "the femoral head", "the right caput femoris"],
         pop=["In adults the diameter is usually about 4.5 to 5 cm.",
              "Hip fractures in older people usually happen just below this part, at the neck."],
         other=["Its partner on the left sits at the same level in a straight pelvis.",
                "The bladder sits between the two sockets, in front, in the midline."]),
    dict(target="left femur", mod="CT", orient="LI", region="lower limb", paired=True, noun="bone",
         shapes=[[_e(178, 150, 14, 80)]], others={"right femur": (0.3, 0.58), "sacrum": (0.5, 0.14)},
         hints=["the long bone of the patient's left thigh, between hip and knee",
                "the longest bone in the body, on the patient's left side"],
         names=["the left femur", "the left thigh bone", "the femoral shaft", "the left femoral bone"],
         pop=["It is usually about a quarter of a person's height in length.",
              "Shaft fractures of this bone generally need high-energy trauma in young adults."],
         other=["The tibia and fibula continue below the knee.",
                "The other thigh bone mirrors it on the right."]),
    dict(target="left gluteus maximus", mod="CT", orient="LP", region="pelvis", paired=True, noun="muscle",
         shapes=[[_e(182, 196, 34, 22)]], others={"sacrum": (0.5, 0.66), "urinary bladder": (0.5, 0.35)},
         hints=["the big buttock muscle on the patient's left that extends the hip when climbing stairs",
                "the largest and most superficial muscle of the left buttock"],
         names=["the left gluteus maximus", "the left glute max", "the great gluteal muscle", "the left glutes"],
         pop=["It is one of the heaviest muscles in the human body.",
              "Fatty atrophy of these muscles is common after long immobility."],
         other=["The sciatic nerve runs deep to it on each side.",
                "Its mirror-image partner covers the right buttock."]),
    dict(target="iliopsoas", mod="CT", orient="LP", region="spine", paired=True, noun="muscle",
         shapes=[[_e(96, 150, 13, 15), _e(160, 151, 13, 15)]], others={"l4 vertebra": (0.5, 0.64)},
         hints=["the paired deep hip-flexor muscles that run beside the lumbar vertebrae down to the thighs",
                "the two long muscles alongside the lower back bones that lift the thigh when we walk"],
         names=["the psoas muscles", "the iliopsoas", "the psoas major", "the iliacus and psoas"],
         pop=["A shrunken cross-section of these muscles is used as a frailty marker in older patients.",
              "They attach below to the lesser trochanter of each thigh bone."],
         other=["The kidneys lie lateral to their upper parts, higher up in the abdomen.",
                "The aorta runs down just in front of the lumbar spine, slightly to the patient's left."]),
    dict(target="right iliopsoas", mod="MR", orient="LI", region="spine", paired=True, noun="muscle",
         shapes=[[_e(94, 120, 12, 58)]], others={"left iliopsoas": (0.63, 0.47), "l4 vertebra": (0.5, 0.3)},
         hints=["the deep hip-flexor muscle on the patient's right running from the lower back to the thigh",
                "the long muscle that lifts the right thigh, beside the lower back bones"],
         names=["the right psoas", "the right iliopsoas", "the right psoas major", "the right psoas muscle"],
         pop=["An abscess in this muscle can cause pain when the hip is extended.",
              "Its tendon inserts on the lesser trochanter."],
         other=["The kidney lies in front of and lateral to its upper part, higher in the abdomen.",
                "Its partner on the other side mirrors it."]),
    dict(target="vertebral body", mod="CT", orient="LI", region="spine", paired=False, noun="bone",
         shapes=[[_e(128, 60, 20, 13), _e(128, 96, 20, 13), _e(129, 132, 21, 13)],
                 [_e(128, 78, 20, 13), _e(128, 114, 21, 13)]],
         others={"sacrum": (0.5, 0.82)},
         hints=["the weight-bearing blocks of bone stacked in the lower back, with discs between them",
                "the drum-shaped front parts of the bones of the back that carry body weight"],
         names=["the vertebral bodies", "the lumbar vertebrae", "the spine", "the L3 and L4 bodies"],
         pop=["The discs between these blocks are typically about 1 cm thick in the lumbar region.",
              "Osteoporotic compression fractures most often affect the thoracolumbar junction."],
         other=["The spinal canal lies behind them, containing the nerve roots.",
                "The psoas muscles run alongside them, one on each side."]),
    dict(target="l4 vertebra", mod="CT", orient="LP", region="spine", paired=False, noun="bone",
         shapes=[[_e(128, 152, 24, 20)]], others={"left iliopsoas": (0.64, 0.56), "right iliopsoas": (0.36, 0.56)},
         hints=["the fourth bone of the lower back, just above the last one before the tailbone region",
                "the second-lowest bone of the lower back, where many disc problems occur"],
         names=["L4", "the fourth lumbar vertebra", "the L4 vertebra", "the lumbar vertebra"],
         pop=["The L4-L5 level is one of the commonest sites of disc herniation.",
              "The iliac crests usually line up with this level on a plain film."],
         other=["The aorta usually divides into the iliac arteries in front of this level.",
                "The psoas muscles lie on either side of it."]),
    dict(target="sacrum", mod="CT", orient="LP", region="pelvis", paired=False, noun="bone",
         shapes=[[_e(128, 176, 36, 22)]], others={"urinary bladder": (0.5, 0.33), "left hip bone": (0.8, 0.6)},
         hints=["the triangular bone at the base of the back that wedges between the two pelvic bones",
                "the shield-shaped bone made of five fused segments at the back of the pelvis"],
         names=["the sacrum", "the sacral bone", "the sacral vertebrae", "S1 and the sacral segments"],
         pop=["It forms from five segments that fuse by early adulthood.",
              "Insufficiency fractures here are common in elderly women with osteoporosis."],
         other=["The iliac bones join it on each side at the sacroiliac joints.",
                "The coccyx hangs below its tip."]),
    dict(target="patella", mod="CT", orient="LP", region="knee", paired=True, noun="bone",
         shapes=[[_e(70, 86, 14, 8), _e(188, 85, 14, 8)]], others={"femur": (0.5, 0.5)},
         hints=["the flat triangular bones at the front of each knee, inside the quadriceps tendon",
                "the small bones you can feel sliding at the front of both knees"],
         names=["the kneecaps", "the patellae", "the patellar bones", "the knee caps"],
         pop=["It is the largest sesamoid bone in the body.",
              "A bipartite form, in two pieces, is seen in about one to two percent of people."],
         other=["The quadriceps tendon attaches to its upper edge.",
                "The thigh bones' condyles sit behind it."]),
    dict(target="tibia", mod="CT", orient="LI", region="lower limb", paired=True, noun="bone",
         shapes=[[_e(84, 190, 10, 44), _e(172, 189, 10, 44)]], others={"femur": (0.5, 0.35)},
         hints=["the weight-bearing long bones of both lower legs",
                "the long bones at the front of each lower leg that carry the body's weight"],
         names=["the tibiae", "the shinbones", "the tibial shafts", "the tibia"],
         pop=["It carries most of the body weight transmitted through the lower leg.",
              "Stress fractures of its shaft are common in runners."],
         other=["The fibula runs alongside it, on its outer side.",
                "The thigh bones lie above, meeting it at the knee."]),
    dict(target="bone lesion", mod="CT", orient="LP", region="pelvis", paired=None, noun="finding",
         shapes=[[_e(186, 170, 7, 6), _e(200, 140, 6, 6), _e(170, 196, 6, 5)],
                 [_e(60, 160, 7, 6), _e(196, 158, 7, 6)],
                 [_e(128, 180, 8, 7), _e(120, 200, 6, 5), _e(138, 160, 6, 5), _e(128, 140, 5, 4)]],
         others={"urinary bladder": (0.5, 0.33)},
         hints=["the abnormal spots in the bones that could explain this patient's new bone pain",
                "the areas of abnormal bone that were flagged on the bone scan"],
         names=["the bone lesions", "the osseous lesions", "the bony lesions", "the lytic bone lesions"],
         pop=["Prostate, breast and lung cancers are the commonest sources of bone metastases.",
              "Around a third of bone lesions are found incidentally on imaging done for something else."],
         other=["The pelvis and spine are the commonest sites of bone metastases.",
                "The bladder lies at the front of the pelvis, away from the back bones."]),
]
STYLES = ["letter", "tree", "eli5", "quiz"]


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


def pick_profile(profiles: list[dict], i: int, defect, rng: random.Random) -> dict:
    """Every target, with a little extra weight on bilateral and multi-region masks."""
    multi = [p for p in profiles if p["target"] in ("ovary", "femoral head", "iliopsoas", "vertebral body",
                                                     "patella", "tibia", "bone lesion")]
    return rng.choice(multi) if rng.random() < 0.1 else rng.choice(profiles)


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draw the profile's ellipses (jittered) and let the product measure them."""
    from medseg_qa.facts import compute_facts

    mask = np.zeros((H, W), np.uint8)
    yy, xx = np.mgrid[0:H, 0:W]
    scale = rng.uniform(0.85, 1.15)
    for x, y, rx, ry in rng.choice(p["shapes"]):
        x, y = x + rng.uniform(-3, 3), y + rng.uniform(-3, 3)
        mask[((xx - x) / (rx * scale)) ** 2 + ((yy - y) / (ry * scale)) ** 2 <= 1] = 1
    return compute_facts(mask, p["orient"], others=dict(p["others"])).model_dump(mode="json")


# ----------------------------------------------------------------------------------- fact phrases
SIDE = {"left": ["on the patient's left", "on the left side of the patient", "in the patient's left half"],
        "right": ["on the patient's right", "on the right side of the patient", "in the patient's right half"],
        "midline": ["in the midline", "centred on the midline", "straddling the midline, favouring neither side"],
        "bilateral": ["on both sides of the patient", "on both the left and the right",
                      "bilaterally, with one part on each side"]}
SIDE_SHORT = {"left": "patient's left", "right": "patient's right", "midline": "midline",
              "bilateral": "both sides"}
VERT = {"anterior": ["toward the front of the body", "anteriorly", "in the front part of the slice"],
        "posterior": ["toward the back of the body", "posteriorly", "in the back part of the slice"],
        "superior": ["toward the head end of the image", "superiorly", "in the upper part of the image, toward the head"],
        "inferior": ["toward the feet", "inferiorly", "in the lower part of the image, toward the feet"],
        "central_LP": ["about midway between front and back", "centrally in the front-to-back direction"],
        "central_LI": ["about halfway between the top and bottom of the image", "centrally from head to foot"]}
OPPV = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
REL = {"left_of": ["to the patient's left of {o}", "on the left side of {o}"],
       "right_of": ["to the patient's right of {o}", "on the right side of {o}"],
       "anterior_to": ["in front of {o}", "anterior to {o}"], "posterior_to": ["behind {o}", "posterior to {o}"],
       "superior_to": ["above {o}, closer to the head", "superior to {o}"],
       "inferior_to": ["below {o}, closer to the feet", "inferior to {o}"]}
OPPR = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
SIZE = {"small": ["small", "fairly small", "on the small side"], "medium": ["medium-sized", "moderate in size"],
        "large": ["large", "big", "quite large"]}


def pct(frac: float) -> str:
    v = frac * 100
    return f"{v:.1f}%" if v < 10 else f"{v:.0f}%"


def side_p(f, rng, wrong=False):
    s = f["laterality"]
    if wrong:
        away = "right" if f["centroid_patient"][0] > 0 else "left"  # columns run to the patient's left
        s = {"left": "right", "right": "left"}.get(s) or away
        if f["laterality"] == "bilateral":
            return rng.choice([f"only on the patient's {s}", f"confined to the patient's {s} side"])
    return rng.choice(SIDE[s])


def vert_p(f, orient, rng, wrong=False):
    v = f["vertical"]
    if wrong:
        lo, hi = ("anterior", "posterior") if orient == "LP" else ("superior", "inferior")
        v = OPPV.get(v) or (lo if f["centroid_patient"][1] > 0 else hi)  # rows run to posterior / inferior
        return "well " + rng.choice(VERT[v][:1] + VERT[v][2:]) if f["vertical"] == "central" else rng.choice(VERT[v])
    return rng.choice(VERT[v if v != "central" else f"central_{orient}"])


def rel_p(f, rng, wrong=False):
    r = rng.choice(f["relations"])
    kind = OPPR[r["relation"]] if wrong else r["relation"]
    return rng.choice(REL[kind]).format(o="the " + r["other"])


def size_p(f, rng, wrong=False):
    c, frac = f["size_class"], f["area_fraction"]
    if wrong:
        if c == "small" or (c == "medium" and frac < 0.025):
            c, frac = "large", max(0.14, frac * 8)
        else:
            c, frac = "small", min(0.004, frac / 12)
    how = rng.randrange(3)
    if how == 0:
        return rng.choice(SIZE[c])
    if how == 1:
        return f"{rng.choice(SIZE[c])}, about {pct(frac)} of the image"
    return f"{rng.choice(SIZE[c])} (roughly {pct(frac)} of the image area)"


def count_p(f, rng, wrong=False):
    n = f["components"]
    if wrong:
        n = rng.choice([2, 3]) if n == 1 else 1
    if n == 1:
        return rng.choice(["a single connected region", "one continuous piece", "one solid piece"])
    w = NUMW.get(n, str(n))
    return rng.choice([f"{w} separate regions", f"{w} distinct pieces that do not touch", f"{w} separate parts"])


def phrase(kind, f, p, rng, wrong=False):
    """(kind shown, predicate phrase) for one fact; position = vertical or a relation."""
    if kind == "side":
        return side_p(f, rng, wrong)
    if kind == "vert":
        return vert_p(f, p["orient"], rng, wrong)
    if kind == "rel":
        return rel_p(f, rng, wrong)
    if kind == "size":
        return size_p(f, rng, wrong)
    return count_p(f, rng, wrong)


def sentence(kind, ph, subj, rng):
    """A plain statement of one fact about the target, several frames per kind."""
    low = subj[0].lower() + subj[1:]
    if kind == "count":
        return rng.choice([f"{subj} is made up of {ph}.", f"{subj} comes out as {ph}.", f"I count {ph} in {low}."])
    if kind == "size":
        return rng.choice([f"{subj} is {ph}.", f"Size-wise, {low} is {ph}.", f"{subj} looks {ph}."])
    return rng.choice([f"{subj} lies {ph}.", f"{subj} sits {ph}.", f"You will find {low} {ph}."])


def convention(p):
    if p["orient"] == "LP":
        return ("As on every axial scan, the image is viewed from the feet, so the patient's left is shown "
                "on the right-hand side of the screen and the front of the body at the top.")
    return ("On this coronal image the patient faces us: the patient's left appears on the right-hand side of "
            "the screen and the head is at the top.")


def negation(kind, f, rng):
    s, n = f["laterality"], f["components"]
    if kind == "side":
        return {"left": "It is not on the right.", "right": "It is not on the left.",
                "midline": "It does not lean to one side.", "bilateral": "It is not confined to one side."}[s]
    if kind == "count":
        return "There is no second, separate focus." if n == 1 else "It is not one single blob."
    return None


# ----------------------------------------------------------------------------------- questions
FOLLOW_Q = {"side": ["Which side is it on?", "Left or right, then?", "And which side would that be for the patient?"],
            "vert": ["Where is it, front to back or top to bottom?", "Is it high or low, front or back?"],
            "rel": ["What is it next to?", "How does it relate to its neighbours?"],
            "size": ["How big is it?", "How much of the picture does it take up?", "Is it big or small?"],
            "count": ["Is it all in one piece?", "How many separate parts did you mask?"]}
WHY_Q = ["Why is that?", "Why does that matter clinically?",
         "Could you explain why that matters for the patient, in a bit more detail please?"]
FIRST_Q = {
    "letter": ["I need to write to the patient's family doctor about this {mod}. Could you outline {hint} and draft the letter?",
               "Please segment {hint} on this {mod} slice and put your findings in a short letter to the GP. What do you see?",
               "Can you mark {hint} on this {mod} and summarise it for a referral reply?"],
    "tree": ["Using a step-by-step decision tree, can you find {hint} on this {mod} image and segment it?",
             "Walk me through a decision tree: where is {hint} on this {mod}? Please outline it too.",
             "Can you locate {hint} on this {mod} slice, showing your reasoning as a flowchart?"],
    "eli5": ["ELI5: where on this {mod} is {hint}? Can you highlight it for me?",
             "Explain like I'm five: can you show me {hint} on this {mod} picture?",
             "Total layperson here. Which bit of this {mod} is {hint}? Could you colour it in?"],
    "quiz": ["Let's play a quiz show! You're the host. The mystery structure is {hint}. Can you segment it on this {mod} and run the round?",
             "Quiz time: host a round about {hint} on this {mod}, and mark it for me first, OK?",
             "Can you do a game-show style round where the answer is {hint}? Segment it on this {mod} as well."]}


def first_question(p, style, rng, named):
    hint = rng.choice(p["hints"])
    if named:
        name = rng.choice(p["names"])
        hint = rng.choice([f"{name}, {hint}", f"{hint} (I believe it's called {name})", f"{name}"])
    return rng.choice(FIRST_Q[style]).format(hint=hint, mod=p["mod"])


def user_presupposition(kind, ph, rng):
    if kind == "side":
        return rng.choice([f"Why does it sit {ph} here?", f"Since it's {ph}, does that change anything?"])
    if kind in ("vert", "rel"):
        return rng.choice([f"Is it normal for it to be {ph}?", f"Given that it's {ph}, is that a worry?"])
    if kind == "size":
        return rng.choice([f"Why is it {ph}?", f"It being {ph}, is that normal?"])
    return rng.choice([f"Why does it show up as {ph}?", f"Is it a problem that it comes out as {ph}?"])


# ----------------------------------------------------------------------------------- styles
def subj_for(style, rng):
    return rng.choice({"letter": ["The segmented structure", "The highlighted area", "The outlined region"],
                       "tree": ["The masked structure", "The target", "The highlighted region"],
                       "eli5": ["The coloured-in bit", "The highlighted part", "The thing I coloured"],
                       "quiz": ["Our mystery structure", "Tonight's answer", "The structure on the board"]}[style])


def wrap_first(style, p, f, stmts, traps, rng):
    """The first answer in a register; `stmts` are (kind, sentence) pairs, `traps` true extra sentences."""
    label = p["target"]
    if style == "letter":
        doc = rng.choice(["Dr Mensah", "Dr Lindqvist", "Dr Ortega", "Dr Chaudhry"])
        body = " ".join(s for _, s in stmts)
        tr = " ".join(traps)
        opener = rng.choice([
            f"Thank you for referring your patient. I reviewed the {p['mod']} images myself and have outlined the {label} here: {SEG}.",
            f"I saw your patient in the hip and knee clinic today. We went through the {p['mod']} together and I have marked the {label}: {SEG}.",
            f"Re: your referral. I reviewed the {p['mod']} study and outlined the {label} for you ({SEG}).",
            f"Many thanks for asking me to look at this {p['mod']}. I reviewed it this morning; the {label} is outlined here: {SEG}."])
        return (f"Dear {doc},\n\n{opener}\n\n{body}\n\n{tr}\n\n"
                f"{rng.choice(['I have not arranged further imaging for now.', 'I would be happy to see them again in clinic if symptoms change.'])}"
                f"\n\nYours sincerely,\n{rng.choice(['Mr A. Hale', 'Ms R. Iyer', 'Mr T. Novak'])}, Consultant Orthopaedic Surgeon")
    if style == "tree":
        plane = "axial" if p["orient"] == "LP" else "coronal"
        lines = [rng.choice([f"Decision tree for the {label} ({p['mod']}, {plane}):",
                             f"Finding the {label} on this {plane} {p['mod']}, step by step:",
                             f"Flowchart ({plane} {p['mod']}), target = {label}"])]
        n = 1
        paired = p["paired"]
        lines.append(f"Q{n}. Is it a paired structure? → "
                     + ("YES" if paired else "NO" if paired is False else "not applicable (a finding, not an organ)"))
        if paired is not None:
            lines.append("    (the other branch, " + ("NO → look in the midline" if paired else "YES → ask which side")
                         + ", is not taken here)")
        for kind, s in stmts:
            n += 1
            q = {"side": "Which side is masked?", "vert": "Where along the image rows?", "rel": "Relative to a neighbour?",
                 "size": "How big?", "count": "How many pieces?"}[kind]
            lines.append(f"Q{n}. {q} → {s}")
        lines.append(f"Result → segmentation: {SEG}")
        if traps:
            lines.append("Notes: " + " ".join(traps))
        return "\n".join(lines)
    if style == "eli5":
        intro = rng.choice(["Okay, imagine the body is a house and each organ is a room.",
                            "Sure! Think of the scan as a slice of bread that shows what's inside.",
                            "Great question, here's the simple version.",
                            "Not a doctor, but I read scans for a living (radiographer), so here goes.",
                            "Picture a loaf of bread sliced up: each slice of the scan is one of those slices."])
        body = " ".join(s for _, s in stmts)
        txt = f"{intro} The part you asked about is the {label}, and I've coloured it in here: {SEG}. {body}"
        if traps:
            txt += "\n\n" + " ".join(traps)
        if rng.random() < 0.4:
            txt += f"\n\nTL;DR: it's the {label}, coloured in above."
        return txt
    # quiz: clues first, then guesses; the host's lines are the truth
    body = "\n".join(f"Host: {s}" for _, s in stmts)
    decoy = rng.choice(sorted(p["others"]))
    reveal = [f"Contestant: Is it the {decoy}?",
              f"Host: Not quite! The {decoy} is on this slice too, but it is not what I lit up.",
              f"Contestant: Then it must be the {label}!",
              f"Host: {rng.choice(['Correct!', 'That is right!', 'Spot on!'])} It's the {label}."]
    txt = (f"Host: Welcome back to Name That Structure! Tonight's mystery structure is lit up on the board: {SEG}.\n"
           f"{body}\n" + "\n".join(reveal))
    if traps:
        txt += "\n" + "\n".join(traps)
    return txt + "\nHost: " + rng.choice(["And that's the round!", "Thanks for playing, see you next week!"])


def wrap_follow(style, s, rng):
    if style == "letter":
        return rng.choice([f"To add to my letter: {s}", f"In answer to your query, {s[0].lower() + s[1:]}",
                           f"Thank you for asking. {s}"])
    if style == "tree":
        return rng.choice([f"Follow-up branch → {s}", f"Back to the tree: {s}", f"Extra node → {s}"])
    if style == "eli5":
        return rng.choice([f"Good follow-up! {s}", f"Simple answer: {s}", f"Ha, fair question. {s}"])
    return rng.choice([f"Host: Bonus question! {s}", f"Host: Great question from the audience. {s}"])


def quiz_trap(kind, f, p, rng):
    """A contestant's wrong guess and the host's correction (true)."""
    wrongp = phrase(kind, f, p, rng, wrong=True)
    true = phrase(kind, f, p, rng)
    verb = "Is it made up of" if kind == "count" else "Is it"
    said = "It's made up of" if kind == "count" else "It's"
    return f"Contestant: {verb} {wrongp}?\nHost: Not quite! {said} {true}."


def eli5_edit(kind, f, p, rng):
    wrongp = phrase(kind, f, p, rng, wrong=True)
    true = phrase(kind, f, p, rng)
    what = {"side": "the side", "vert": "the position", "rel": "the position", "size": "the size",
            "count": "the number of pieces"}[kind]
    return (f"EDIT: fixed {what}, thanks u/rad_doc! I'd first written that it was {wrongp}; "
            f"the corrected text above now says {true}, which is right.")


def build(p, facts, style, rng, defect):
    f = facts
    kinds = ["side", "vert", "size", "count"] + (["rel"] if f["relations"] else [])
    dk = {"laterality": "side", "size": "size", "count": "count"}.get(defect)
    if defect == "position":
        dk = "rel" if f["relations"] and rng.random() < 0.5 else "vert"
    loc = None
    if dk:
        r = rng.random()
        loc = "user" if r < 0.22 else "follow" if r < 0.5 else "main"
    # which facts go in the first answer: a random true subset, the defect's own kind only if planted there
    main_kinds = [k for k in kinds if k != dk and rng.random() < 0.75] or [k for k in kinds if k != dk][:2]
    if loc == "main":
        main_kinds.insert(rng.randrange(len(main_kinds) + 1), dk)
    stmts = []
    for k in main_kinds:
        ph = phrase(k, f, p, rng, wrong=(k == dk))
        stmts.append((k, sentence(k, ph, subj_for(style, rng), rng)))
    # true traps
    traps = []
    if rng.random() < 0.6:
        traps.append(convention(p))
    traps.append(rng.choice(p["pop"]))
    if rng.random() < 0.6:
        traps.append(rng.choice(p["other"]))
    for k in ("side", "count"):
        if k != dk and rng.random() < 0.4:
            traps.append(negation(k, f, rng))
    if style == "quiz":
        traps = [f"Host: {t}" for t in traps]
        for k in rng.sample([k for k in kinds if k != dk], k=min(2, len([k for k in kinds if k != dk]))):
            if rng.random() < 0.7:
                traps.append(quiz_trap(k, f, p, rng))
    if style == "eli5" and rng.random() < 0.7:
        k = rng.choice([k for k in main_kinds if k != dk])
        traps.append(eli5_edit(k, f, p, rng))
    if style == "tree" and rng.random() < 0.5:
        traps.append("A hedge: the slice thickness makes the exact outline a little uncertain.")
    turns = [{"role": "user", "content": first_question(p, style, rng, defect == "names_target")},
             {"role": "assistant", "content": wrap_first(style, p, f, stmts, traps, rng)}]
    # follow-ups
    rest = [k for k in kinds if k not in main_kinds and k != dk]
    n_extra = rng.choice([0, 1, 2]) if loc not in ("user", "follow") else rng.choice([1, 2])
    plan = []
    if loc in ("user", "follow"):
        plan.append(("defect", dk))
    while len(plan) < n_extra:
        plan.append(("true", rest.pop(0)) if rest and rng.random() < 0.7 else ("why", None))
    rng.shuffle(plan)
    lore = [x for x in rng.sample(p["pop"], len(p["pop"])) + rng.sample(p["other"], len(p["other"]))
            if not any(x in t for t in traps)]
    whys = rng.sample(WHY_Q, len(WHY_Q))
    spare = ["It mainly helps the team plan treatment.", "It tells the next reader where to look first."]

    def take():
        return lore.pop(0) if lore else spare.pop()
    for what, k in plan:
        if what == "defect" and loc == "user":
            q = user_presupposition(k, phrase(k, f, p, rng, wrong=True), rng)
            a = rng.choice(["Nothing about its appearance worries me on this slice.",
                            "That by itself does not change the management.",
                            "It's mostly down to anatomy and how the slice was taken."]) + " " + take()
        elif what in ("defect", "true"):
            q = rng.choice(FOLLOW_Q[k])
            a = sentence(k, phrase(k, f, p, rng, wrong=(what == "defect")), "It", rng)
        else:
            q = whys.pop()
            a = take() + " " + take()
        turns.append({"role": "user", "content": q})
        turns.append({"role": "assistant", "content": wrap_follow(style, a, rng)})
    return turns, ([defect] if defect else [])
