"""Bank DB: blind evaluation conversations for the mask-claim QC checker.

Targets: brain MR (axial "LP" and coronal "LI"), spine and hips/knees on axial CT/MR ("LP"), and 2D photos
(endoscopy, dermoscopy, fundus "other"; orientation None). Registers (STYLES): "challenge" (the user pushes
back, the assistant holds or concedes truthfully), "checkq" (each assistant turn ends with a check question),
"summary" (concise clinical summary), "verbose" (long reasoning first, answer last).

Written without reading QC. Every claim about the target is logged in LEDGER (turn, kind, value, phrase) so
the writer's own reader can re-derive each row's truth from its facts. Own check (qcdb_scripts/check_db.py):
rows: 420 clean: 210 defect: 210 (42 per kind) problems: 0.
"""

import json
import math
import random

import numpy as np

STYLES = ["challenge", "checkq", "summary", "verbose"]
LEDGER = []  # one entry per build(): list of claims (turn, kind, value, ok, corrected, phrase)

PROFILES = [
    dict(target="glioblastoma", mod="MR", region="brain", o="LP", ell=[(172, 88, 22, 18)],
         others={"falx cerebri": (0.5, 0.5), "left lateral ventricle": (0.56, 0.48)},
         syn=["glioblastoma", "GBM", "glioma", "glioblastoma multiforme"], subj=["the tumour", "the mass", "the lesion"],
         asks=["A 62-year-old with three weeks of word-finding trouble; the scan shows a ring-enhancing mass with a necrotic core and a lot of oedema. Which high-grade primary is this, and can you segment it?",
               "Which aggressive primary neoplasm of astrocytic origin, with central necrosis and an enhancing rim, is on this slice? Please outline it."],
         know=["Around 90% of right-handed people have language lateralised to the left hemisphere, which fits the speech symptoms.",
               "The oedema around it is not part of the mask; FLAIR signal usually extends well beyond the enhancing rim.",
               "Median survival even with surgery and temozolomide is only about 15 months."]),
    dict(target="brain metastases", mod="MR", region="brain", o="LP", ell=[(90, 90, 9, 9), (165, 95, 8, 8), (150, 160, 6, 6)],
         others={"falx cerebri": (0.5, 0.5)},
         syn=["metasta", "mets", "secondar", "deposits"], subj=["the lesions", "the deposits", "these foci"],
         asks=["Known lung adenocarcinoma, new headaches. I can see several small enhancing nodules at the grey-white junction. What are they, and can you segment all of them?",
               "Post-contrast T1 in a melanoma patient: which spread-from-elsewhere lesions should I be counting here? Segment them, please."],
         know=["Roughly 20-40% of patients with cancer develop brain involvement at some point.",
               "Lesions at the grey-white junction are typical because tumour emboli lodge where vessels narrow.",
               "Lung cancer, breast cancer and melanoma account for most cases."]),
    dict(target="multiple sclerosis lesions", mod="MR", region="brain", o="LP", ell=[(105, 120, 7, 12), (152, 118, 7, 12), (140, 150, 5, 5)],
         others={"fourth ventricle": (0.5, 0.72)},
         syn=["multiple sclerosis", "MS ", "MS lesion", "demyelinat", "plaque"], subj=["the lesions", "the white-matter foci", "these hyperintensities"],
         asks=["Young woman with optic neuritis last year and now numbness; FLAIR shows ovoid periventricular hyperintensities perpendicular to the ventricles. Which lesions are these? Segment them.",
               "Which inflammatory white-matter foci, the kind that fulfil dissemination in space, are on this FLAIR slice? Please segment them."],
         know=["Dawson's fingers run perpendicular to the lateral ventricles along the medullary veins.",
               "The McDonald criteria need lesions in at least two of four typical CNS areas.",
               "About 85% of patients start with a relapsing-remitting course."]),
    dict(target="lateral ventricles", mod="MR", region="brain", o="LP", ell=[(108, 125, 10, 25), (148, 125, 10, 25)],
         others={"third ventricle": (0.5, 0.56)},
         syn=["lateral ventricle", "ventric"], subj=["the mask", "these CSF spaces", "the segmented region"],
         asks=["Which paired, C-shaped CSF-filled cavities hold most of the choroid plexus? Please segment them on this axial slice.",
               "I'm checking for hydrocephalus. Which fluid spaces, one in each hemisphere, should I be measuring? Segment them."],
         know=["The septum pellucidum separates the two frontal horns in the midline.",
               "Mild asymmetry between the two sides is seen in perhaps 5-10% of normal adults.",
               "CSF drains from them through the foramina of Monro into the third ventricle."]),
    dict(target="left hippocampus", mod="MR", region="brain", o="LP", ell=[(160, 150, 8, 16)],
         others={"brainstem": (0.5, 0.6)},
         syn=["hippocamp"], subj=["the structure", "the mask", "it"],
         asks=["Which medial temporal structure on the patient's left, central to forming new memories, shrinks early in Alzheimer's disease? Segment it.",
               "Memory clinic referral: which seahorse-shaped grey-matter structure of the left medial temporal lobe should I segment for volumetry?"],
         know=["Hippocampal sclerosis is the commonest lesion behind drug-resistant temporal lobe epilepsy.",
               "The temporal horn of the lateral ventricle lies just lateral to it.",
               "Volume loss of the right and left sides is usually compared against age-matched norms."]),
    dict(target="pituitary adenoma", mod="MR", region="brain", o="LI", ell=[(128, 165, 14, 11)],
         others={"optic chiasm": (0.5, 0.56)},
         syn=["pituitary", "adenoma", "prolactinoma", "hypophys", "macroadenoma"], subj=["the tumour", "the sellar mass", "the lesion"],
         asks=["Woman with bitemporal hemianopia and a raised prolactin. Which sellar mass is this on the coronal T1? Please segment it.",
               "Coronal post-contrast image: what is the benign gland tumour filling the sella turcica here? Outline it."],
         know=["Upward growth compresses the optic chiasm, which is why the outer visual fields are lost first.",
               "Lateral extension into the cavernous sinus, on either the left or the right, changes the surgical plan.",
               "Incidental sellar lesions are found in roughly 10% of autopsies."]),
    dict(target="right hippocampus", mod="MR", region="brain", o="LI", ell=[(92, 150, 9, 14)],
         others={"right lateral ventricle": (0.42, 0.45)},
         syn=["hippocamp"], subj=["the structure", "the mask", "it"],
         asks=["On this coronal T2, which medial temporal grey-matter structure on the patient's right is the one to check in mesial temporal sclerosis? Segment it.",
               "Coronal slice for an epilepsy work-up: which memory-related structure of the right medial temporal lobe should I segment?"],
         know=["Coronal slices perpendicular to its long axis are the standard plane for judging its volume.",
               "The left and right sides are usually within about 5% of each other in volume.",
               "The choroidal fissure sits just above it."]),
    dict(target="corpus callosum", mod="MR", region="brain", o="LI", ell=[(128, 95, 40, 8)],
         others={"third ventricle": (0.5, 0.55)},
         syn=["corpus callosum", "callos"], subj=["the commissure", "the mask", "this white-matter band"],
         asks=["Which thick band of white matter connects the two cerebral hemispheres across the midline? Please segment it on this coronal slice.",
               "In a patient with suspected Marchiafava-Bignami disease, which commissural tract should I segment here?"],
         know=["It contains around 200 million axons.",
               "Agenesis, complete or partial, is seen in roughly 1 in 4000 births.",
               "The lateral ventricles sit just beneath it on each side."]),
    dict(target="subdural haematoma", mod="CT", region="brain", o="LP", ell=[(62, 120, 10, 40)],
         others={"falx cerebri": (0.5, 0.5)},
         syn=["subdural", "SDH", "haematoma", "hematoma"], subj=["the collection", "the bleed", "it"],
         asks=["Elderly man on apixaban, fell a week ago and is now drowsy. There's a crescent-shaped collection over one convexity that crosses suture lines. What is it? Segment it.",
               "Which blood collection between the dura and the arachnoid, crescent-shaped and not limited by sutures, is on this CT? Please outline it."],
         know=["Bridging veins tear more easily in older people because of brain atrophy.",
               "A midline shift of more than 5 mm usually prompts a neurosurgical opinion.",
               "Epidural bleeds, by contrast, are lens-shaped and stop at sutures."]),
    dict(target="vertebral body", mod="CT", region="spine", o="LP", ell=[(128, 150, 28, 24)],
         others={"abdominal aorta": (0.53, 0.42)},
         syn=["vertebra", "centrum"], subj=["the bone", "the mask", "it"],
         asks=["On this axial lumbar CT, which cylindrical weight-bearing bone sits in front of the spinal canal? Segment it.",
               "Osteoporosis screening: which part of the L3 segment do we measure for attenuation? Please segment it."],
         know=["An attenuation below about 110 HU at L1 suggests osteoporosis.",
               "The aorta usually runs in front of the spine and slightly to the patient's left.",
               "The inferior vena cava lies on the right of the aorta."]),
    dict(target="spinal cord", mod="MR", region="spine", o="LP", ell=[(128, 178, 8, 7)],
         others={"vertebral body": (0.5, 0.55)},
         syn=["spinal cord", "cord", "myel", "medulla spinalis"], subj=["the structure", "the mask", "it"],
         asks=["Which structure inside the central canal carries the long motor and sensory tracts? Please segment it on this axial T2.",
               "Patient with a sensory level at T6. Which neural structure in the canal should I outline to look for signal change?"],
         know=["The CSF ring around it is what makes it stand out on T2.",
               "In adults it usually ends at about L1-L2.",
               "The anterior spinal artery supplies roughly the front two-thirds of it."]),
    dict(target="paraspinal muscles", mod="MR", region="spine", o="LP", ell=[(95, 190, 20, 16), (161, 190, 20, 16)],
         others={"spinal canal": (0.5, 0.66)},
         syn=["paraspinal", "erector spinae", "paravertebral", "multifidus"], subj=["the muscles", "the mask", "these columns"],
         asks=["Which paired muscle columns running along the back keep the trunk upright? Segment both on this axial slice.",
               "For a sarcopenia study: which back muscles alongside the spinous processes should I segment here?"],
         know=["Fatty infiltration of these muscles is common in chronic low back pain.",
               "The psoas muscles lie in front, beside the vertebral bodies.",
               "Asymmetry of more than 10% between sides is sometimes used as a marker of denervation."]),
    dict(target="disc herniation", mod="MR", region="spine", o="LP", ell=[(147, 168, 10, 7)],
         others={"spinal canal": (0.52, 0.7)},
         syn=["herniat", "prolaps", "disc", "HNP", "extrusion"], subj=["the fragment", "the protrusion", "it"],
         asks=["Patient with left S1 sciatica; something at L5-S1 is compressing the traversing nerve root. Can you find the culprit and segment it?",
               "Axial T2 at L4-L5 for radicular pain: what is displacing the nerve root, and can you outline it?"],
         know=["Most symptomatic cases at L4-L5 and L5-S1 improve within about six weeks without surgery.",
               "Posterolateral protrusions are more common than central ones because the posterior longitudinal ligament is strongest in the middle.",
               "Up to a third of asymptomatic adults show similar findings on MRI."]),
    dict(target="psoas muscles", mod="CT", region="spine", o="LP", ell=[(100, 150, 12, 14), (156, 150, 12, 14)],
         others={"abdominal aorta": (0.53, 0.42)},
         syn=["psoas", "iliopsoas"], subj=["the muscles", "the mask", "both muscles"],
         asks=["Which paired muscles run beside the lumbar vertebral bodies and flex the hip? Segment both.",
               "Frailty assessment at L3: which hip-flexor muscles next to the spine should I segment on this CT?"],
         know=["Their cross-sectional area at L3 is a common sarcopenia marker.",
               "An abscess in one of them typically spreads down toward the groin.",
               "The kidneys lie lateral and in front of them at this level."]),
    dict(target="femoral heads", mod="CT", region="hips", o="LP", ell=[(72, 128, 18, 18), (184, 128, 18, 18)],
         others={"urinary bladder": (0.5, 0.4)},
         syn=["femoral", "femur", "femora"], subj=["the mask", "the two bones", "they"],
         asks=["Which paired ball-shaped structures articulate with the acetabula? Please segment both on this axial CT of the hips.",
               "Looking for avascular necrosis: which rounded bones in the hip sockets should I segment?"],
         know=["Avascular necrosis is bilateral in up to half of cases.",
               "The bladder sits in front of the hip joints in the midline.",
               "Steroid use and alcohol are the commonest non-traumatic risk factors."]),
    dict(target="left hip effusion", mod="MR", region="hips", o="LP", ell=[(190, 128, 14, 20)],
         others={"urinary bladder": (0.5, 0.4)},
         syn=["effusion", "hydrarthros"], subj=["the fluid", "the collection", "it"],
         asks=["Child with a limp and pain in the left groin; there's fluid distending the capsule around the ball-and-socket joint. Segment the fluid.",
               "Which intra-articular fluid collection in the left hip, typical of transient synovitis, is on this axial MR? Outline it."],
         know=["Transient synovitis is the commonest cause of an acute limp in children aged 3 to 10.",
               "The Kocher criteria help separate it from septic arthritis.",
               "The right hip is normal on this slice."]),
    dict(target="popliteal cyst", mod="MR", region="knees", o="LP", ell=[(70, 185, 12, 9)],
         others={"right patella": (0.27, 0.3)},
         syn=["popliteal", "baker", "cyst"], subj=["the fluid sac", "the collection", "it"],
         asks=["Swelling behind the right knee in a patient with osteoarthritis; fluid is tracking between the medial gastrocnemius and semimembranosus. What is it? Segment it.",
               "Axial MR through both knees: which fluid-filled bursal sac behind the right knee should I outline?"],
         know=["Rupture can mimic a deep vein thrombosis in the calf.",
               "They are found in about 5-20% of knee MRIs in adults.",
               "They communicate with the joint through a neck between the gastrocnemius and semimembranosus tendons."]),
    dict(target="patellae", mod="CT", region="knees", o="LP", ell=[(75, 70, 15, 8), (181, 70, 15, 8)],
         others={"femoral condyles": (0.5, 0.45)},
         syn=["patell", "kneecap"], subj=["the mask", "the two bones", "they"],
         asks=["Which sesamoid bones sit inside the quadriceps tendons? Segment both on this slice through the knees.",
               "Checking tracking in both knees: which small sesamoid bones in front of the femoral trochlea should I segment?"],
         know=["Lateral tilt is measured against the posterior condylar line.",
               "A bipartite form is found in about 1-2% of people, usually at the upper outer pole.",
               "Dislocation is almost always lateral."]),
    dict(target="polyp", mod="endoscopy", region="colon", o=None, ell=[(128, 85, 22, 18)],
         others={}, syn=["polyp", "adenoma"], subj=["the lesion", "the growth", "it"],
         asks=["During this colonoscopy, which raised mucosal growth could turn into cancer if left alone? Please segment it.",
               "Which sessile elevation of the colonic mucosa should be removed on this frame? Outline it."],
         know=["At least one adenoma is found in about 25% of screening colonoscopies in people over 50.",
               "Lesions over 10 mm carry a higher risk of advanced histology.",
               "Narrow-band imaging helps separate adenomatous from hyperplastic surface patterns."]),
    dict(target="polyps", mod="endoscopy", region="colon", o=None, ell=[(90, 170, 12, 10), (170, 160, 9, 9), (130, 200, 6, 6)],
         others={}, syn=["polyp", "adenoma", "polypos"], subj=["the lesions", "the growths", "they"],
         asks=["On this colonoscopy frame in a patient with a family history of bowel cancer, which raised mucosal growths should be removed? Segment all of them.",
               "Which small elevated lesions of the colonic lining are visible here? Outline every one."],
         know=["Having three or more adenomas shortens the surveillance interval.",
               "Familial adenomatous polyposis can produce hundreds to thousands.",
               "Most small ones under 5 mm are low risk."]),
    dict(target="melanoma", mod="dermoscopy", region="skin", o=None, ell=[(128, 128, 60, 50)],
         others={}, syn=["melanom", "melanocytic"], subj=["the lesion", "the mask", "it"],
         asks=["Dermoscopy of an asymmetric pigmented lesion with a blue-white veil and irregular streaks. Which malignancy is this, and can you segment it?",
               "Which skin cancer of pigment cells, showing atypical network and regression structures here, should I outline?"],
         know=["Breslow thickness, not the surface area, drives the prognosis.",
               "The ABCDE rule flags asymmetry, border, colour, diameter over 6 mm and evolution.",
               "About 1 in 50 people in the UK will develop it in their lifetime."]),
    dict(target="naevus", mod="dermoscopy", region="skin", o=None, ell=[(128, 170, 8, 8)],
         others={}, syn=["naev", "nev", "mole"], subj=["the lesion", "the spot", "it"],
         asks=["Which benign pigmented spot with a regular reticular network and even colour is shown here? Please segment it.",
               "Dermoscopy of a small, symmetric brown lesion on the back: what is it, and can you outline it?"],
         know=["Adults typically have 10 to 40 of them.",
               "Having more than 100 roughly doubles melanoma risk.",
               "A symmetric globular pattern is typical in children."]),
    dict(target="optic disc", mod="other", region="eye", o=None, ell=[(175, 120, 18, 20)],
         others={}, syn=["optic disc", "optic nerve head", "disc", "papill", "ONH"], subj=["the region", "the mask", "it"],
         asks=["On this fundus photograph, where do the retinal vessels converge and the nerve fibres leave the eye? Segment that area.",
               "Glaucoma screening: which pale oval structure, where the optic cup sits, should I outline?"],
         know=["A cup-to-disc ratio above about 0.6 raises suspicion of glaucoma.",
               "The macula lies about two to three disc diameters temporal to it.",
               "The physiological blind spot corresponds to it."]),
    dict(target="gastric ulcer", mod="endoscopy", region="stomach", o=None, ell=[(140, 160, 25, 20)],
         others={}, syn=["ulcer", "peptic"], subj=["the lesion", "the defect", "it"],
         asks=["On this gastroscopy in a long-term NSAID user, which mucosal break with a fibrin base could bleed? Segment it.",
               "Which excavated defect through the gastric mucosa with a clean white base is on this frame? Outline it."],
         know=["Helicobacter pylori is found in around 60-70% of such cases outside NSAID users.",
               "Biopsies of the edge are taken because a few turn out to be malignant.",
               "A visible vessel in the base predicts rebleeding."]),
]

PHOTO = {"endoscopy", "dermoscopy", "other"}
KINDGROUP = {"side": "laterality", "vert": "position", "rel": "position", "cls": "size", "pct": "size",
             "count": "count"}
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def record_for(p):
    return dict(modality=p["mod"], body_region=p["region"], orientation=p["o"])


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    m = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-2, 2), rng.uniform(-2, 2)
    for cx, cy, rx, ry in p["ell"]:
        m |= ((xx - cx - dx) / rx) ** 2 + ((yy - cy - dy) / ry) ** 2 <= 1.0
    others = {k: (float(v[0]), float(v[1])) for k, v in p["others"].items()} if p["o"] else None
    return compute_facts(m, p["o"], others).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    if defect == "laterality":
        return rng.choice([p for p in profiles if p["o"] is not None])
    return rng.choice(profiles)


# ---------------------------------------------------------------------------------------------- phrases

def _cap(s):
    return s[0].upper() + s[1:]


def side_txt(v, o, subj, rng, only=False):
    if only:  # a one-sided claim for a bilateral mask
        return rng.choice([f"{subj} is confined to the patient's {v} side",
                           f"{subj} is entirely {v}-sided",
                           f"only the patient's {v} side is involved"])
    img = {"left": "right", "right": "left"}
    if v in ("left", "right"):
        other = img[v]
        return rng.choice([f"{subj} lies on the patient's {v}",
                           f"{subj} is {v}-sided",
                           f"{subj} sits on the patient's {v} side, which is the image's {img[v]} under the radiological convention",
                           f"{subj} is on the {v}, not the {other}, in patient terms",
                           f"it is a {v}-sided finding (shown on the {img[v]} of the screen)"])
    if v == "midline":
        return rng.choice([f"{subj} sits in the midline",
                           f"{subj} is centred on the midline rather than favouring either side",
                           f"it straddles the midline fairly symmetrically",
                           f"{subj} is a midline structure here, neither left- nor right-sided"])
    return rng.choice([f"{subj} is bilateral, with parts on both the left and the right",
                       f"there are components on both sides of the midline",
                       f"{subj} involves both sides, left and right",
                       f"it is present bilaterally"])


def vert_txt(v, o, subj, rng):
    T = {"anterior": [f"{subj} lies anteriorly in the slice", f"{subj} sits toward the front of the section",
                      f"it is in the anterior part of the image", f"front to back, {subj} is anterior"],
         "posterior": [f"{subj} lies posteriorly in the slice", f"{subj} sits toward the back",
                       f"it is in the posterior part of the section", f"front to back, {subj} is posterior"],
         "superior": [f"{subj} sits superiorly on this coronal image", f"{subj} is toward the head end of the slice",
                      f"it lies in the upper, cranial part of the section"],
         "inferior": [f"{subj} sits inferiorly on this coronal image", f"{subj} is toward the caudal end of the slice",
                      f"it lies low in the section, on the inferior side"],
         "upper": [f"{subj} is in the upper half of the frame", f"{subj} sits toward the top of the picture",
                   f"it occupies the upper part of the image"],
         "lower": [f"{subj} is in the lower half of the frame", f"{subj} sits toward the bottom of the picture",
                   f"it occupies the lower part of the image"]}
    if v == "central":
        if o == "LP":
            return rng.choice([f"front to back, {subj} sits roughly centrally", f"{subj} is central in the anteroposterior direction",
                               f"it is neither anterior nor posterior, more or less central"])
        if o == "LI":
            return rng.choice([f"craniocaudally {subj} sits near the centre of the slice", f"{subj} is central from top to bottom of this coronal image"])
        return rng.choice([f"vertically {subj} sits around the middle of the frame", f"{subj} is centred top to bottom in the image"])
    return rng.choice(T[v])


REL = {"left_of": ["to the patient's left of the {x}", "on the left of the {x}"],
       "right_of": ["to the patient's right of the {x}", "on the right of the {x}"],
       "anterior_to": ["in front of the {x}", "anterior to the {x}"],
       "posterior_to": ["behind the {x}", "posterior to the {x}"],
       "superior_to": ["above the {x}", "superior to the {x}"],
       "inferior_to": ["below the {x}", "inferior to the {x}"]}
OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
       "superior_to": "inferior_to", "inferior_to": "superior_to"}


def rel_txt(v, subj, rng):
    other, rel = v
    where = rng.choice(REL[rel]).format(x=other)
    return rng.choice([f"{subj} lies {where}", f"relative to the {other}, {subj} is {where.replace(' the ' + other, '')} it"
                       if False else f"{subj} sits {where}", f"it is {where}"])


def cls_txt(v, subj, rng):
    w = {"small": ["small", "a small region", "on the small side"], "medium": ["medium-sized", "a medium-sized region", "moderate in size, medium by area"],
         "large": ["large", "a large region", "big, a large area"]}[v]
    return rng.choice([f"{subj} is {w[0]}", f"{subj} is {w[1]}", f"size-wise it is {w[2]}"])


def pct_fmt(x):
    return f"{x:.2f}" if x < 1 else f"{x:.1f}"


def pct_txt(x, subj, rng):
    s = pct_fmt(x)
    return rng.choice([f"{subj} covers about {s}% of the image", f"it takes up roughly {s} percent of the field",
                       f"the area comes to {s}% of the frame", f"{subj} occupies around {s}% of the image area"])


def count_txt(n, subj, rng):
    if n == 1:
        return rng.choice([f"{subj} is a single connected region", f"it forms one continuous piece",
                           f"there is just one component", f"{subj} is one contiguous area, not several"])
    w = WORDS.get(n, str(n))
    return rng.choice([f"{subj} consists of {w} separate regions", f"there are {n} distinct components",
                       f"the mask breaks into {w} separate pieces", f"I count {w} disconnected parts"])


QUIZ_LP = [("On an axial image in radiological convention, which side of the screen shows the patient's left?",
            "The image's right, I think.", "The image's left?", "Right — the patient's left is on the image's right.",
            "Not quite: on axial and coronal views the patient's left is displayed on the image's right."),
           ("What area fraction would make a region 'large' in the usual convention here?",
            "Five percent or more?", "Anything over 1%?", "Yes, 5% of the image or more.",
            "Not quite: 1-5% is medium; large starts at 5%.")]
QUIZ_PH = [("Can a photo like this tell us the patient's left or right?",
            "No, there's no patient axis in a photo.", "Yes, left of the picture is the patient's left?",
            "Exactly, a 2D photo has no patient frame, only image halves.",
            "No: a photo has no patient frame, so we only talk about image halves."),
           ("What area fraction would make a region 'small'?", "Under 1% of the image.", "Under 10%?",
            "Correct, below 1% of the image.", "Not quite: small means under 1%; 1-5% is medium.")]
ASKQ = {"side": ["Which side is it on?", "Is that the patient's left or right?", "What about laterality?"],
        "vert": ["Where does it sit within the slice?", "And its position in the other direction?", "Where is it, roughly, on the image?"],
        "rel": ["How does it relate to the {x}?", "Where is it relative to the {x}?"],
        "cls": ["How big would you call it?", "Is it large?", "What size class is it?"],
        "pct": ["What fraction of the image is that?", "Can you give me a number for the area?"],
        "count": ["Is it one piece or several?", "How many separate regions are there?"]}
PREMISE = {"side": "{s}", "vert": "{s}", "rel": "{s}", "cls": "{s}", "pct": "{s}", "count": "{s}"}


PLURAL_HEADS = ("lesions", "deposits", "foci", "hyperintensities", "spaces", "muscles", "columns", "bones", "growths",
                "metastases", "ventricles", "heads", "patellae", "polyps")
VERB = {"is": "are", "lies": "lie", "sits": "sit", "consists": "consist", "covers": "cover", "occupies": "occupy",
        "involves": "involve"}


def agree(subj, s):
    """Plural verb after a plural subject at the start of a phrase."""
    if not (subj == "they" or subj.endswith(PLURAL_HEADS)) or not s.startswith(subj + " "):
        return s
    head, rest = s[:len(subj) + 1], s[len(subj) + 1:]
    w = rest.split(" ", 1)
    if w[0] in VERB:
        rest = VERB[w[0]] + (" " + w[1] if len(w) > 1 else "")
    return head + rest


def build(p, facts, style, rng, defect):
    o, photo = p["o"], p["o"] is None
    tgt = p["target"]
    F = {"vert": facts["vertical"], "cls": facts["size_class"], "pct": 100 * facts["area_fraction"],
         "count": facts["components"]}
    if not photo:
        F["side"] = facts["laterality"]
    rels = [(r["other"], r["relation"]) for r in facts["relations"]]
    if rels:
        F["rel"] = rng.choice(rels)
    led = []

    # where the single defect goes
    dkind, where = None, None
    if defect in ("laterality", "position", "size", "count"):
        dkind = {"laterality": "side", "size": rng.choice(["cls", "pct"]), "count": "count",
                 "position": rng.choice(["vert", "rel"]) if "rel" in F else "vert"}[defect]
        r = rng.random()
        where = "user" if r < 0.2 else "follow" if r < 0.4 else "first"
    dgroup = KINDGROUP.get(dkind)

    def false_of(k):
        v = F[k]
        if k == "side":
            if v == "bilateral":
                return rng.choice(["left", "right"]), True
            return rng.choice({"left": ["right", "right", "midline"], "right": ["left", "left", "midline"],
                               "midline": ["left", "right"]}[v]), False
        if k == "vert":
            opts = {"LP": ["anterior", "posterior", "central"], "LI": ["superior", "inferior", "central"],
                    None: ["upper", "lower", "central"]}[o]
            return rng.choice([x for x in opts if x != v]), False
        if k == "rel":
            return (v[0], OPP[v[1]]), False
        if k == "cls":
            return rng.choice([x for x in ("small", "medium", "large") if x != v]), False
        if k == "pct":
            return v * rng.choice([3.2, 3.6, 0.28, 0.3]), False
        return (v + 1 if v == 1 else rng.choice([v - 1, v + 1])), False

    def txt(k, v, subj, only=False):
        if k == "side":
            return side_txt(v, o, subj, rng, only)
        if k == "vert":
            return vert_txt(v, o, subj, rng)
        if k == "rel":
            return rel_txt(v, subj, rng)
        if k == "cls":
            return cls_txt(v, subj, rng)
        if k == "pct":
            return pct_txt(v, subj, rng)
        return count_txt(v, subj, rng)

    def claim(turn, k, false=False, corrected=False):
        subj = rng.choice(p["subj"] + [tgt if rng.random() < 0.3 else "it"])
        if false:
            v, only = false_of(k)
        else:
            v, only = F[k], False
        s = agree(subj, txt(k, v, subj, only))
        led.append(dict(turn=turn, kind=k, value=list(v) if isinstance(v, tuple) else v, ok=not false,
                        only=only, corrected=corrected, phrase=s))
        return s

    allowed = [k for k in F if KINDGROUP[k] != dgroup] if dgroup else list(F)
    # first answer: 2-3 true facts of allowed kinds (+ the defect when it goes first)
    rng.shuffle(allowed)
    first = allowed[:rng.choice([2, 3])]
    later = [k for k in allowed if k not in first]
    conv = "Under the radiological convention the patient's left is on the image's right." if not photo else \
        "This is a photograph, so there is no patient left or right here, only the halves of the image."
    know = rng.sample(p["know"], 2)
    extra = rng.choice(["For scale, the grid is 256 by 256 pixels, so 1% of the image is about 655 pixels.",
                        "A region under 1% of the image would count as small, and one over 5% as large.",
                        "I'm reading this from the mask itself, not from the label name."]
                       + ([] if photo else ["If it had been on the opposite side, the segmentation task would be no different.",
                                            "Remember that an image's right-hand edge is the patient's left on this kind of view, which trips people up."]))
    this = "These are" if tgt.endswith(PLURAL_HEADS) else "This is"
    turns = []

    # ---- Q1
    ask = rng.choice(p["asks"])
    if defect == "names_target":
        ask = rng.choice([f"Please segment the {tgt} on this image. " + ask,
                          ask + f" I assume it's the {tgt}.",
                          f"Segment the {tgt}, please — " + ask[0].lower() + ask[1:]])
    turns.append(ask)

    # ---- A1
    facts1 = []
    for k in first:
        facts1.append(claim(1, k))
    if where == "first":
        facts1.insert(rng.randrange(len(facts1) + 1), claim(1, dkind, false=True))
    sents = [_cap(s) + "." for s in facts1]
    if style == "verbose":
        a1 = (f"Let me reason through this before answering. The clinical picture and the appearance point to one "
              f"structure, and it is worth checking the geometry of the mask against it. {conv} {know[0]} {extra} "
              + " ".join(sents) + f" Putting that together, the answer is the {tgt} [SEG].")
    elif style == "summary":
        a1 = f"{_cap(tgt)} [SEG]. " + " ".join(sents) + f" {know[0]}"
    else:
        a1 = f"{this} the {tgt} [SEG]. " + " ".join(sents) + f" {conv} {know[0]}" + (f" {extra}" if rng.random() < 0.5 else "")
    quiz = rng.choice(QUIZ_PH if photo else QUIZ_LP)
    if style == "checkq":
        a1 += " Check question: " + quiz[0]
    turns.append(a1)

    # ---- round 2 and 3
    nround = rng.choice([2, 3])
    follow_slot = rng.randrange(2, nround + 1) if where == "follow" else None
    user_slot = rng.randrange(2, nround + 1) if where == "user" else None
    chall_done = False
    for rnd in range(2, nround + 1):
        tu, ta = 2 * rnd - 2, 2 * rnd - 1
        pre = ""
        if style == "checkq":
            good = rng.random() < 0.6
            pre = (quiz[1] if good else quiz[2]) + " "
            feedback = (quiz[3] if good else quiz[4]) + " "
        else:
            feedback = ""
        if rnd == user_slot:
            # false premise in the user turn; the assistant does not correct it
            fs = claim(tu, dkind, false=True)
            q = pre + rng.choice([f"Since {fs}, does that change how I should report it?",
                                  f"OK, so {fs}. Is there anything about the margins I should mention?",
                                  f"Given that {fs}, what would you look at next?"])
            a = feedback + rng.choice(["That mostly affects the wording of the report rather than the segmentation itself. ",
                                       "Fair question. I would describe the margin and the surrounding tissue as well. ",
                                       "I'd keep the report focused on what the mask shows and the clinical question. "]) + know[1]
        elif rnd == follow_slot:
            k = dkind
            q = pre + rng.choice(ASKQ[k]).format(x=F["rel"][0] if k == "rel" else "")
            a = feedback + _cap(claim(ta, k, false=True)) + ". " + know[1]
        elif style == "challenge" and not chall_done:
            chall_done = True
            cands = [k for k in allowed if k in ("side", "vert", "cls", "count", "rel")]
            if cands and rng.random() < 0.7:
                k = rng.choice(cands)
                fs = claim(tu, k, false=True, corrected=True)
                q = rng.choice([f"Are you sure? To me {fs}.", f"Hmm, I disagree: {fs}, surely?",
                                f"I'd have said {fs}. Isn't that right?"])
                a = rng.choice(["No, I'll stand by what the mask shows: ", "I'm fairly confident, and no: ",
                                "I see why it might look that way, but no: "]) + claim(ta, k) + ". " + know[1]
            else:
                k = "pct" if "pct" in allowed else None
                q = "You didn't give me an actual number for the area, did you?"
                a = "Fair point, I didn't. " + (_cap(claim(ta, k)) + ". " if k else
                                                "I'll leave the exact figure to the measurement tool. ") + know[1]
        else:
            if later and rng.random() < 0.7:
                k = later.pop(0)
                q = pre + rng.choice(ASKQ[k]).format(x=F["rel"][0] if k == "rel" else "")
                a = feedback + _cap(claim(ta, k)) + ". " + know[1]
            elif style == "summary" or rng.random() < 0.5:
                q = pre + rng.choice(["Can you give me a one-line summary for the report?", "Summarise it for the handover, please."])
                ks = [k for k in allowed if k != "rel"][:3]
                a = feedback + f"Summary: {tgt} segmented. " + " ".join(_cap(claim(ta, k)) + "." for k in ks)
            else:
                q = pre + "Anything else worth knowing?"
                a = feedback + know[1] + " " + (conv if rng.random() < 0.5 else "")
        if style == "checkq" and rnd < nround:
            quiz = rng.choice(QUIZ_PH if photo else QUIZ_LP)
            a = a.rstrip() + " Check question: " + quiz[0]
        elif style == "checkq":
            a = a.rstrip() + " Last check: what would you put first in the report?"
        turns.append(q)
        turns.append(a.strip())

    # clean rows: sometimes a user's false idea that the assistant explicitly corrects
    if defect is None and style != "challenge" and rng.random() < 0.4:
        ks = [k for k in F if k in ("side", "vert", "count", "cls")]
        k = rng.choice(ks)
        fs = claim(len(turns), k, false=True, corrected=True)
        q = rng.choice([f"One more thing: I thought {fs}?", f"Wait, wasn't it that {fs}?"])
        turns.append(q)
        turns.append("No, that's not right: " + claim(len(turns), k) + ".")
        if len(turns) > 6:  # keep 2 or 3 rounds: drop the previous round
            del turns[4:6]
            for c in led:
                if c["turn"] in (4, 5):
                    c["turn"] = -1
                elif c["turn"] > 5:
                    c["turn"] -= 2
            led[:] = [c for c in led if c["turn"] >= 0]
    LEDGER.append(dict(target=tgt, claims=led))
    roles = ["user", "assistant"]
    return [{"role": roles[i % 2], "content": t} for i, t in enumerate(turns)], ([defect] if defect else [])
