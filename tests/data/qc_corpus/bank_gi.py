"""Bank GI: long wandering conversations (4-5 rounds, 8-10 turns) about abdominal, chest, pelvic and brain
CT/MR slices, in which the user drifts to other structures on the same slice and comes back to the target
with pronouns and short references ("it", "that one", "the first thing you showed me", "the other one").
Other structures get their own true sides, sizes and counts; the target's claims may come late, in a
side-by-side comparison, or in a user's recap. Registers: a curious medical student, an anxious patient
with a relative joining in, a radiology tutor quizzing, a clinician doing a structured walk-through.

Written blind (without reading the QC rules, their tests or other banks). Facts come from the product's
`compute_facts` on synthetic 256x256 masks placed in patient coordinates and mapped through the record's
orientation (LP, RP axial; LI, RI coronal); no body outline, so sizes are fractions of the image.

Own check (/work/notes/qcgi_scripts/check_gi.py, seed 20261318):
rows 420, clean 210, defects laterality 42, position 42, size 42, count 42, names_target 42; planted claims in
first answer 63, follow-up answer 47, user premise 58; 2379 target claims checked; turns 8: 149, 10: 271;
problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

N = 256
STYLES = ["student", "family", "tutor", "walkthrough"]
LEDGER: list = []   # one list of target claims per built row (read by the writer's own checker)
MASKS: list = []    # the mask drawn for each row (idem)

# ---------------------------------------------------------------------------------------------------
# other structures: patient coordinates (x: + toward the patient's left; y: + posterior on axial slices,
# + inferior on coronal ones), in image widths from the centre; their own side, size word and count

NB = {
    "spleen": dict(x=0.23, y=0.10, side="left", size="medium-sized", n=1,
                   ask=["the smooth solid organ tucked in at the back under the ribs",
                        "that uniform grey organ right out at the edge, near the back"],
                   fact="a normal one is usually under about 13 cm long"),
    "liver": dict(x=-0.17, y=-0.02, side="right", size="large", n=1,
                  ask=["the big smooth organ filling that whole side of the abdomen",
                       "the huge uniform grey organ"],
                  fact="it's the largest solid organ, around 1.5 kg in an adult"),
    "stomach": dict(x=0.13, y=-0.11, side="left", size="medium-sized", n=1,
                    ask=["the baggy thing near the front with a little air in it",
                         "the sac with fluid and a bubble of gas at the front"],
                    fact="it can hold well over a litre after a big meal"),
    "abdominal aorta": dict(x=0.03, y=0.12, side="midline", size="small", n=1,
                            ask=["the round bright circle sitting just in front of the spine",
                                 "that little white ring in front of the backbone"],
                            fact="it's normally under 3 cm across; above that we call it an aneurysm"),
    "inferior vena cava": dict(x=-0.08, y=0.08, side="right", size="small", n=1,
                               ask=["the flatter oval vessel next to the spine",
                                    "the flattened grey oval near the backbone"],
                               fact="it carries blood from the legs and abdomen back to the heart"),
    "left kidney": dict(x=0.14, y=0.15, side="left", size="medium-sized", n=1,
                        ask=["that bean-shaped organ tucked in at the back",
                             "the bean-shaped thing near the back"],
                        fact="each kidney is roughly 10 to 12 cm long"),
    "right kidney": dict(x=-0.14, y=0.16, side="right", size="medium-sized", n=1,
                         ask=["the bean-shaped organ at the back", "that bean-shaped thing near the spine"],
                         fact="it usually sits a centimetre or two lower than its partner"),
    "vertebral body": dict(x=0.0, y=0.21, side="midline", size="medium-sized", n=1,
                           ask=["the bright bone at the very back in the middle", "the chunk of bone at the back"],
                           fact="lumbar vertebral bodies are roughly 4 to 5 cm wide"),
    "heart": dict(x=0.09, y=-0.07, side="left", size="medium-sized", n=1,
                  ask=["the big rounded thing at the front in the middle of the chest",
                       "that rounded soft-tissue blob at the front"],
                  fact="an adult one weighs roughly 250 to 350 g"),
    "left lung": dict(x=0.19, y=0.0, side="left", size="large", n=1,
                      ask=["the big black area on the other half of the chest", "that large dark air-filled space"],
                      fact="it has two lobes, an upper and a lower"),
    "right lung": dict(x=-0.18, y=0.0, side="right", size="large", n=1,
                       ask=["the big black air-filled area", "that large dark space full of air"],
                       fact="it has three lobes"),
    "descending aorta": dict(x=0.08, y=0.13, side="left", size="small", n=1,
                             ask=["the round bright circle beside the spine", "that white ring next to the backbone"],
                             fact="it's usually about 2 to 2.5 cm across in the chest"),
    "thoracic vertebra": dict(x=0.0, y=0.22, side="midline", size="medium-sized", n=1,
                              ask=["the bone at the back in the middle", "the bony ring at the very back"],
                              fact="the ribs join it on both sides"),
    "urinary bladder": dict(x=0.0, y=-0.08, side="midline", size="medium-sized", n=1,
                            ask=["the round dark fluid-filled thing at the front", "that smooth fluid bag at the front"],
                            fact="an adult one comfortably holds about 400 to 600 mL"),
    "rectum": dict(x=0.0, y=0.14, side="midline", size="small", n=1,
                   ask=["the small round thing at the back in the middle", "that little ring at the back"],
                   fact="it's about 12 to 15 cm long"),
    "left femoral head": dict(x=0.2, y=0.02, side="left", size="medium-sized", n=1,
                              ask=["the round ball of bone out at the side", "that bright round bone at the edge"],
                              fact="it sits in the socket of the hip joint"),
    "right femoral head": dict(x=-0.2, y=0.02, side="right", size="medium-sized", n=1,
                               ask=["the round ball of bone out at the side", "that bright round bone near the edge"],
                               fact="it sits in the socket of the hip joint"),
    "uterus": dict(x=0.0, y=0.01, side="midline", size="medium-sized", n=1,
                   ask=["the pear-shaped soft-tissue thing in the middle", "that rounded organ in the centre"],
                   fact="it's about 7 to 8 cm long in a woman who hasn't had children"),
    "third ventricle": dict(x=0.0, y=0.02, side="midline", size="small", n=1,
                            ask=["the thin dark slit right in the middle", "that narrow dark line in the centre"],
                            fact="it's normally only a few millimetres wide"),
    "left thalamus": dict(x=0.08, y=0.05, side="left", size="small", n=1,
                          ask=["the grey oval deep in the brain", "that grey egg-shaped area deep inside"],
                          fact="it relays most sensory information to the cortex"),
    "right thalamus": dict(x=-0.08, y=0.05, side="right", size="small", n=1,
                           ask=["the grey oval deep in the brain", "that grey egg-shaped area deep inside"],
                           fact="it relays most sensory information to the cortex"),
    "falx cerebri": dict(x=0.0, y=-0.1, side="midline", size="small", n=1,
                         ask=["the thin bright line running down the middle", "that thin white stripe in the centre"],
                         fact="it's a fold of dura between the two hemispheres"),
    "right hippocampus": dict(x=-0.12, y=0.12, side="right", size="small", n=1,
                              ask=["the small curled grey structure low down", "that little curl of grey matter low down"],
                              fact="it's only about 4 to 5 cm long"),
    "left hippocampus": dict(x=0.12, y=0.12, side="left", size="small", n=1,
                             ask=["the small curled grey structure low down", "that little curl of grey matter low down"],
                             fact="it's only about 4 to 5 cm long"),
    "lateral ventricles": dict(x=0.0, y=-0.06, side="bilateral", size="medium-sized", n=2,
                               ask=["the two dark fluid spaces in the middle", "those paired dark shapes in the centre"],
                               fact="together they hold only about 20 to 25 mL of CSF"),
    "corpus callosum": dict(x=0.0, y=-0.13, side="midline", size="small", n=1,
                            ask=["the arched white band across the top of the middle", "that white bridge in the middle"],
                            fact="it carries some 200 million fibres between the hemispheres"),
}

# ---------------------------------------------------------------------------------------------------
# targets. blobs: (x, y, rx, ry) in patient coordinates; lesions: (n_lo, n_hi, x0, x1, y0, y1, r_lo, r_hi)

AX, COR = ["LP", "LP", "RP"], ["LI", "RI"]


def _p(target, region, mod, orients, nb, clues, know, ban, blobs=None, lesions=None, pl=False, unit="pieces",
       unit1="piece", sex=None):
    return dict(target=target, region=region, mod=mod, orients=orients, nb=nb, clues=clues, know=know, ban=ban,
                blobs=blobs, lesions=lesions, pl=pl, unit=unit, unit1=unit1, sex=sex)


PROFILES = [
    _p("liver", "abdomen", "CT", AX, ["spleen", "stomach", "abdominal aorta", "right kidney"],
       ["the organ that makes bile and deals with most of the drugs we swallow",
        "the organ that stores glycogen and makes most of the clotting factors"],
       ["A normal adult one weighs around 1.4 to 1.6 kg.",
        "Its left lobe often reaches across toward the spleen in thin people."],
       ["liver"], blobs=[(-0.17, -0.02, 0.17, 0.19)]),
    _p("spleen", "abdomen", "CT", AX, ["liver", "stomach", "left kidney", "abdominal aorta"],
       ["the organ that clears worn-out red cells and can bleed badly after a rib injury",
        "the organ that swells up in glandular fever, so contact sport is banned for a while"],
       ["A normal one is usually under about 13 cm long.",
        "About 10 to 30% of people have a small accessory one nearby, a splenule."],
       ["spleen"], blobs=[(0.22, 0.10, 0.07, 0.09)]),
    _p("right kidney", "abdomen", "CT", AX, ["liver", "left kidney", "abdominal aorta", "inferior vena cava"],
       ["the urine-making organ that usually sits lower because the big organ above pushes it down",
        "the organ that filters blood into urine, on the same side as the gallbladder"],
       ["The right one usually sits 1 to 2 cm lower than the left, because of the liver above it.",
        "Each is roughly 10 to 12 cm long in an adult."],
       ["kidney"], blobs=[(-0.14, 0.15, 0.055, 0.07)]),
    _p("kidneys", "abdomen", "CT", AX, ["liver", "spleen", "abdominal aorta", "vertebral body"],
       ["the paired organs that filter about 180 litres of plasma a day",
        "the organs that long-standing diabetes and high blood pressure slowly damage until dialysis is needed"],
       ["Together they receive about 20% of the cardiac output.",
        "Roughly 1 in 500 people is born with a horseshoe variant, joined across the front of the spine."],
       ["kidney"], blobs=[(-0.14, 0.15, 0.05, 0.07), (0.14, 0.14, 0.05, 0.07)], pl=True, unit="organs",
       unit1="organ"),
    _p("liver metastases", "abdomen", "CT", AX, ["spleen", "stomach", "abdominal aorta", "vertebral body"],
       ["the low-density spots that would mean her bowel cancer has spread",
        "the deposits that would move his colon cancer up to stage IV"],
       ["Roughly 20 to 25% of colorectal cancer patients already have liver spread at diagnosis.",
        "Surgery can still cure some patients if all of the deposits can be removed."],
       ["metasta", "liver"], lesions=(2, 5, -0.27, -0.08, -0.12, 0.08, 0.014, 0.026), pl=True,
       unit="lesions", unit1="lesion"),
    _p("abdominal aorta", "abdomen", "CT", AX, ["inferior vena cava", "vertebral body", "liver", "left kidney"],
       ["the big vessel taking blood from the heart down toward the legs",
        "the vessel that a pulsatile mass in an older smoker would point to"],
       ["Above 3 cm across it counts as an aneurysm.",
        "Screening programmes invite men at 65 for a one-off ultrasound."],
       ["aort"], blobs=[(0.02, 0.11, 0.035, 0.035)]),
    _p("gallbladder", "abdomen", "CT", AX, ["stomach", "abdominal aorta", "spleen", "vertebral body"],
       ["the pear-shaped sac that stores bile and causes pain after fatty meals when it has stones",
        "the little bile reservoir that surgeons take out for stones"],
       ["It holds about 30 to 50 mL of bile.",
        "Gallstones affect roughly 10 to 15% of adults in Western countries."],
       ["gallbladder", "gall bladder"], blobs=[(-0.12, -0.09, 0.03, 0.045)]),
    _p("pancreas", "abdomen", "CT", AX, ["abdominal aorta", "liver", "spleen", "stomach"],
       ["the gland that makes insulin and digestive enzymes",
        "the gland that gets inflamed after a heavy drinking binge or when a stone blocks its duct"],
       ["It's about 12 to 15 cm long, its head tucked into the duodenal curve and its tail reaching toward the spleen.",
        "Only about 1 to 2% of it is endocrine tissue, the islets."],
       ["pancrea"], blobs=[(0.03, 0.0, 0.12, 0.03)]),
    _p("right lung", "chest", "CT", AX, ["heart", "left lung", "descending aorta", "thoracic vertebra"],
       ["the three-lobed organ where the air goes", "the air-filled organ with three lobes"],
       ["It has three lobes while the left has two.",
        "It's a bit shorter than the left because the liver pushes the diaphragm up on that side."],
       ["lung"], blobs=[(-0.18, 0.0, 0.12, 0.19)]),
    _p("lung nodules", "chest", "CT", AX, ["heart", "descending aorta", "thoracic vertebra"],
       ["the little round spots that a smoker's screening scan is looking for",
        "the small rounded opacities the screening programme flagged"],
       ["Under the Fleischner guidelines most solid ones under 6 mm in a low-risk patient need no routine follow-up.",
        "Around half of smokers over 50 have at least one on CT."],
       ["nodule", "lung"], lesions=(2, 4, -0.3, 0.3, -0.12, 0.12, 0.012, 0.02), pl=True,
       unit="nodules", unit1="nodule"),
    _p("heart", "chest", "CT", AX, ["descending aorta", "right lung", "left lung", "thoracic vertebra"],
       ["the organ whose four chambers pump blood round the body",
        "the organ that an ECG records electrical activity from"],
       ["An adult one weighs roughly 250 to 350 g.",
        "In about 1 in 10,000 people it points to the right instead, dextrocardia."],
       ["heart", "cardi"], blobs=[(0.09, -0.07, 0.11, 0.10)]),
    _p("pleural effusion", "chest", "CT", AX, ["heart", "right lung", "descending aorta", "thoracic vertebra"],
       ["the fluid collection that would explain her breathlessness and dullness at the base",
        "the fluid that the team wants to drain with a needle"],
       ["CT picks up far smaller amounts than a chest X-ray, which needs about 200 mL to blunt the angle.",
        "Heart failure is the commonest cause in adults."],
       ["effusion", "pleural"], blobs=[(0.21, 0.14, 0.08, 0.05)]),
    _p("esophagus", "chest", "CT", AX, ["heart", "descending aorta", "right lung", "left lung"],
       ["the muscular tube that food passes down on its way to the stomach",
        "the tube where a food bolus gets stuck when swallowing goes wrong"],
       ["It's about 25 cm long in adults.", "It passes through the diaphragm at about the level of T10."],
       ["esophag", "oesophag"], blobs=[(0.012, 0.08, 0.02, 0.018)]),
    _p("urinary bladder", "pelvis", "CT", AX, ["rectum", "left femoral head", "right femoral head"],
       ["the organ that stores urine until you go to the toilet",
        "the organ a catheter drains"],
       ["An adult one comfortably holds about 400 to 600 mL.",
        "Most people first feel the urge at around 150 to 250 mL."],
       ["bladder"], blobs=[(0.0, -0.08, 0.09, 0.07)]),
    _p("prostate", "pelvis", "MR", AX, ["urinary bladder", "rectum", "left femoral head", "right femoral head"],
       ["the walnut-sized gland that makes PSA", "the gland that causes a weak stream when it enlarges with age"],
       ["A normal one is about 20 to 25 mL.", "A PSA above about 4 ng/mL often prompts further tests."],
       ["prostat"], blobs=[(0.0, 0.03, 0.04, 0.035)], sex="m"),
    _p("uterine fibroids", "pelvis", "MR", AX, ["urinary bladder", "rectum", "left femoral head"],
       ["the benign muscle growths that are causing her heavy periods",
        "the smooth muscle lumps the gynaecologist wants to count before surgery"],
       ["They're found in up to 70% of women by 50.", "Most never need any treatment."],
       ["fibroid", "leiomyom", "uter"], lesions=(2, 4, -0.12, 0.12, -0.06, 0.06, 0.02, 0.035), pl=True,
       unit="fibroids", unit1="fibroid", sex="f"),
    _p("left ovary", "pelvis", "MR", AX, ["uterus", "urinary bladder", "rectum"],
       ["the almond-shaped organ where her follicular cyst was seen last month",
        "the egg-releasing organ the gynaecologist was worried might twist"],
       ["Each one is about 3 x 2 x 1 cm in a woman of reproductive age.",
        "Follicles up to about 2.5 cm are normal around ovulation."],
       ["ovar"], blobs=[(0.14, 0.0, 0.026, 0.02)], sex="f"),
    _p("rectum", "pelvis", "MR", AX, ["urinary bladder", "left femoral head", "right femoral head"],
       ["the last part of the bowel, where a low cancer can be felt on a finger examination",
        "the part of the bowel that MRI staging of a low bowel cancer is all about"],
       ["It's about 12 to 15 cm long.", "A tumour within about 5 cm of the anal verge changes the surgical options."],
       ["rect"], blobs=[(0.0, 0.14, 0.04, 0.035)]),
    _p("femoral heads", "pelvis", "CT", AX, ["urinary bladder", "rectum"],
       ["the balls of the hip joints that can lose their blood supply on long-term steroids",
        "the rounded tops of the thigh bones that sit in the hip sockets"],
       ["Avascular necrosis turns out to involve both hips in up to about half of cases.",
        "Each is about 4.5 to 5 cm across in an adult."],
       ["femoral", "femur", "femora"], blobs=[(-0.2, 0.02, 0.05, 0.05), (0.2, 0.02, 0.05, 0.05)], pl=True,
       unit="pieces", unit1="piece"),
    _p("lateral ventricles", "brain", "MR", AX, ["third ventricle", "falx cerebri", "left thalamus", "right thalamus"],
       ["the fluid-filled spaces that balloon in hydrocephalus",
        "the CSF spaces a neurosurgeon would put a shunt into"],
       ["The whole system makes roughly 500 mL of CSF a day.",
        "Mild asymmetry, with the left one slightly larger, is a common normal variant."],
       ["ventric"], blobs=[(-0.07, -0.02, 0.025, 0.09), (0.07, -0.02, 0.025, 0.09)], pl=True,
       unit="spaces", unit1="space"),
    _p("glioblastoma", "brain", "MR", AX, ["third ventricle", "falx cerebri", "left thalamus"],
       ["the ring-enhancing mass that explains his new seizures and headaches",
        "the aggressive growth with a necrotic centre that the neurosurgeons are discussing"],
       ["It's the commonest primary malignant brain tumour in adults.",
        "Median survival with full treatment is still only around 15 months."],
       ["glioblastoma", "tumour", "tumor", "glioma"], blobs=[(-0.13, -0.1, 0.07, 0.06)]),
    _p("multiple sclerosis lesions", "brain", "MR", AX, ["third ventricle", "falx cerebri", "right thalamus"],
       ["the bright oval spots near the ventricles that explain her optic neuritis",
        "the white-matter spots the neurologist needs to count for the diagnostic criteria"],
       ["About 85% of patients start with a relapsing-remitting course.",
        "The McDonald criteria count periventricular, juxtacortical, infratentorial and spinal cord sites."],
       ["sclerosis", "lesion", "plaque", " ms "], lesions=(3, 5, -0.18, 0.18, -0.14, 0.12, 0.01, 0.018), pl=True,
       unit="lesions", unit1="lesion"),
    _p("subdural haematoma", "brain", "CT", AX, ["falx cerebri", "third ventricle", "right thalamus"],
       ["the crescent-shaped bleed that appeared after his fall on warfarin",
        "the collection of blood over the brain surface that explains his confusion since the fall"],
       ["Anticoagulated patients over 65 carry a several-fold higher risk.",
        "Acute ones are bright on CT and fade toward the density of brain after about 2 to 3 weeks."],
       ["subdural", "haemat", "hemat"], blobs=[(0.25, -0.02, 0.03, 0.14)]),
    _p("left hippocampus", "brain", "MR", COR, ["right hippocampus", "third ventricle", "corpus callosum"],
       ["the seahorse-shaped memory structure the epilepsy team is looking at",
        "the curled memory structure in the temporal lobe that the EEG focus points to"],
       ["Left-sided sclerosis of this structure tends to hit verbal memory more.",
        "Its volume falls by roughly 1 to 2% a year in Alzheimer's disease."],
       ["hippocamp"], blobs=[(0.12, 0.12, 0.026, 0.02)]),
    _p("hippocampi", "brain", "MR", COR, ["third ventricle", "corpus callosum", "lateral ventricles"],
       ["the seahorse-shaped memory structures that shrink early in Alzheimer's",
        "the paired memory structures the volumetry software measures"],
       ["Their volume falls by roughly 1 to 2% a year in Alzheimer's disease.",
        "The name comes from the Greek for seahorse."],
       ["hippocamp"], blobs=[(-0.12, 0.12, 0.026, 0.02), (0.12, 0.12, 0.026, 0.02)], pl=True,
       unit="structures", unit1="structure"),
]

REGION_HALF = {"abdomen": "half of the abdomen", "chest": "hemithorax", "pelvis": "half of the pelvis",
               "brain": "hemisphere"}
REGION_WORD = {"abdomen": "abdomen", "chest": "chest", "pelvis": "pelvis", "brain": "head"}


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p.get("_o", p["orients"][0])}


def _to_img(x: float, y: float, o: str) -> tuple[float, float]:
    """Patient coordinates to pixels: the first orientation letter is the patient direction of increasing
    column, the second of increasing row (P or I here)."""
    cx = (N - 1) / 2 + (x if o[0] == "L" else -x) * N
    cy = (N - 1) / 2 + y * N
    return cx, cy


def facts_for(p: dict, rng) -> dict:
    o = rng.choice(p["orients"])
    p["_o"] = o  # record_for reads it for the same row
    yy, xx = np.mgrid[0:N, 0:N]
    mask = np.zeros((N, N), bool)
    blobs = []
    if p["blobs"]:
        for (x, y, rx, ry) in p["blobs"]:
            blobs.append((x + rng.uniform(-0.01, 0.01), y + rng.uniform(-0.01, 0.01),
                          rx * rng.uniform(0.9, 1.1), ry * rng.uniform(0.9, 1.1)))
    else:
        lo, hi, x0, x1, y0, y1, r0, r1 = p["lesions"]
        n = rng.randint(lo, hi)
        tries = 0
        while len(blobs) < n and tries < 500:
            tries += 1
            r = rng.uniform(r0, r1)
            b = (rng.uniform(x0, x1), rng.uniform(y0, y1), r, r * rng.uniform(0.8, 1.0))
            if all(((b[0] - c[0]) ** 2 + (b[1] - c[1]) ** 2) ** 0.5 > b[2] + c[2] + 0.02 for c in blobs):
                blobs.append(b)
    for (x, y, rx, ry) in blobs:
        cx, cy = _to_img(x, y, o)
        mask |= ((xx - cx) / (rx * N)) ** 2 + ((yy - cy) / (ry * N)) ** 2 <= 1.0
    others = {}
    for name in p["nb"]:
        cx, cy = _to_img(NB[name]["x"], NB[name]["y"], o)
        others[name] = (cx / (N - 1), cy / (N - 1))
    MASKS.append((mask, o, others))
    return compute_facts(mask, o, others).model_dump(mode="json")


# ---------------------------------------------------------------------------------------------------
# phrase banks (target sentences take the target's pronouns)

NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
FLIP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior"}
RFLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
         "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
REL = {"left_of": "to the patient's left of the {o}", "right_of": "to the patient's right of the {o}",
       "anterior_to": "in front of the {o}", "posterior_to": "behind the {o}",
       "superior_to": "above the {o}", "inferior_to": "below the {o}"}
REL_TERSE = {"left_of": "left of the {o}", "right_of": "right of the {o}", "anterior_to": "anterior to the {o}",
             "posterior_to": "posterior to the {o}", "superior_to": "superior to the {o}",
             "inferior_to": "inferior to the {o}"}


def pron(pl: bool) -> dict:
    if pl:
        return {"It": "They", "it": "they", "is": "are", "s": "", "its": "their", "has": "have", "does": "do",
                "itsq": "they're", "Itsq": "They're", "isnt": "aren't", "obj": "them", "was": "were"}
    return {"It": "It", "it": "it", "is": "is", "s": "s", "its": "its", "has": "has", "does": "does",
            "itsq": "it's", "Itsq": "It's", "isnt": "isn't", "obj": "it", "was": "was"}


SIDE_LR = ["{It} {is} on the patient's {v}.", "{It} lie{s} on the {v} side of the body.",
           "{Itsq} {v}-sided.", "{It} sit{s} in the patient's {v} {half}.",
           "On this display {it} show{s} up on the {img} of the screen, which is the patient's {v}.",
           "In patient terms {itsq} on the {v}.", "You'll find {obj} on the patient's {v} side."]
SIDE_BI = ["{It} {is} bilateral, with one on each side.", "{It} show{s} up on both the left and the right.",
           "There's one on each side of the patient.", "{Itsq} present on both sides of the body."]
SIDE_MID = ["{It} sit{s} in the midline.", "{Itsq} right in the middle, not off to one side.",
            "{It} {is} midline on this slice, neither left nor right.", "Side-wise, {it} sit{s} on the midline."]
SIDE_ONLY = ["{It} {is} only on the patient's {v}.", "{Itsq} confined to the {v} side.",
             "Everything outlined is on the patient's {v}; the other side is clear."]
SIDE_TERSE = {"lr": "Side: patient's {v}.", "bilateral": "Side: bilateral.", "midline": "Side: midline.",
              "only": "Side: {v} only."}

VERT = {
    "anterior": ["{It} {is} toward the front of the body.", "{It} sit{s} anteriorly on this slice.",
                 "Front-to-back, {itsq} in the anterior part."],
    "posterior": ["{It} {is} toward the back of the body.", "{It} sit{s} posteriorly on this slice.",
                  "Front-to-back, {itsq} in the posterior part."],
    "central": ["Front-to-back, {itsq} roughly central.", "{It} sit{s} about halfway between front and back."],
    "superior": ["{It} {is} in the upper part of this coronal slice.", "{It} sit{s} superiorly on this image.",
                 "Top-to-bottom, {itsq} high on the slice."],
    "inferior": ["{It} {is} in the lower part of this coronal slice.", "{It} sit{s} inferiorly on this image.",
                 "Top-to-bottom, {itsq} low on the slice."],
    "central_c": ["Top-to-bottom, {itsq} roughly central.", "{It} sit{s} about midway between top and bottom."],
}
REL_S = ["{It} lie{s} {r}.", "{It} sit{s} {r}.", "On this slice {itsq} {r}."]
INV_S = ["The {o} {ois} {r} {obj}.", "The {o}, for what it's worth, {ois} {r} {obj}."]
INV = {"left_of": "to the patient's right of", "right_of": "to the patient's left of", "anterior_to": "behind",
       "posterior_to": "in front of", "superior_to": "below", "inferior_to": "above"}

SIZEW = {"small": ["small", "fairly small"], "medium": ["medium-sized", "moderate in size"],
         "large": ["large", "big"]}
SIZE_S = ["{It} {is} {w} on this slice.", "Size-wise, {itsq} {w}.", "I'd call {obj} {w} here."]
PCT_S = ["{It} take{s} up about {pct}% of the image.", "{It} cover{s} roughly {pct} percent of the frame.",
         "By area that's about {pct}% of the whole picture."]
COUNT1 = ["{It} {is} a single connected piece.", "{It} form{s} one continuous region.",
          "There's just one piece, no separate fragments."]
COUNTN = ["There are {nw} separate {unit}.", "{It} come{s} as {nw} separate {unit}.", "I count {nw} distinct {unit}."]
COUNT_SING = ["There's only a single {unit1}.", "It's just one {unit1}."]


def pct_text(x: float) -> str:
    if x < 1:
        return f"{x:.1f}"
    if x < 10:
        return f"{x:.1f}".rstrip("0").rstrip(".")
    return str(int(round(x)))


class Conv:
    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.pr = pron(p["pl"])
        self.o = p["_o"]
        self.coronal = self.o[1] in "IS"
        self.turns: list = []
        self.pending: list = []
        self.ledger: list = []
        self.T = p["target"]
        self.rels = [r for r in facts["relations"]]
        # which neighbours this conversation wanders to
        nb = list(p["nb"])
        rng.shuffle(nb)
        self.n1, self.n2 = nb[0], nb[1]

    # -- bookkeeping
    def fmt(self, s, **kw):
        d = dict(self.pr)
        d.update(T=self.T, half=REGION_HALF[self.p["region"]], unit=self.p["unit"], unit1=self.p["unit1"])
        d.update(kw)
        return s.format(**d)

    def note(self, kind, sub, value, truth, role, span, corrected=False):
        self.pending.append(dict(kind=kind, sub=sub, value=value, truth=truth, role=role, span=span,
                                 corrected=corrected))

    def add(self, role, text):
        idx = len(self.turns)
        for c in self.pending:
            assert c["role"] == role, (c, role)
            assert c["span"] in text, (c["span"], text)
            c["turn"] = idx
            self.ledger.append(c)
        self.pending = []
        self.turns.append({"role": role, "content": text})

    # -- true values
    def true_value(self, sub):
        f = self.f
        if sub == "side":
            return f["laterality"]
        if sub == "vertical":
            return f["vertical"]
        if sub == "class":
            return f["size_class"]
        if sub == "percent":
            return 100 * f["area_fraction"]
        if sub == "count":
            return f["components"]
        raise KeyError(sub)

    def img_side(self, v):
        # LP/LI: the patient's left is on the screen's right
        if self.o[0] == "L":
            return "right" if v == "left" else "left"
        return v

    # -- sentence makers: return the sentence and note the claim
    def side(self, role, truth=True, terse=False, span_only=False):
        lat = self.f["laterality"]
        r = self.rng
        if truth:
            v = lat
        else:
            v = FLIP[lat] if lat in ("left", "right") else r.choice(["left", "right"])
        if terse:
            if truth:
                key = "lr" if v in ("left", "right") else v
            else:
                key = "only" if lat == "bilateral" else "lr"
            s = self.fmt(SIDE_TERSE[key], v=v)
        elif v in ("left", "right") and (truth or lat != "bilateral"):
            s = self.fmt(r.choice(SIDE_LR), v=v, img=self.img_side(v))
        elif v in ("left", "right"):
            s = self.fmt(r.choice(SIDE_ONLY), v=v)
        elif v == "bilateral":
            s = self.fmt(r.choice(SIDE_BI))
        else:
            s = self.fmt(r.choice(SIDE_MID))
        self.note("laterality", "side", v, truth, role, s)
        return s

    def ledger_side_value(self):
        return self.pending[-1]["value"]

    def side_neg(self, role):
        """A true negation of the target's side."""
        lat = self.f["laterality"]
        if lat in ("left", "right"):
            s = self.fmt(self.rng.choice(["{It} {isnt} on the {o} side, to be clear.",
                                          "Just to be clear, {it} {isnt} on the patient's {o}."]), o=FLIP[lat])
            self.note("laterality", "side_not", FLIP[lat], True, role, s)
        elif lat == "midline":
            s = self.fmt("{It} {isnt} off to either side.")
            self.note("laterality", "side_not", "lateral", True, role, s)
        else:
            s = self.fmt("{It} {isnt} confined to one side.")
            self.note("laterality", "side_not", "one-sided", True, role, s)
        return s

    def can_position_false(self):
        return self.f["vertical"] != "central" or bool(self.rels)

    def position(self, role, truth=True, terse=False, prefer=None):
        r = self.rng
        vert = self.f["vertical"]
        use_rel = prefer == "rel" or (prefer is None and self.rels and r.random() < 0.45)
        if not truth and vert == "central":
            use_rel = True
        if use_rel and self.rels:
            rel = r.choice(self.rels)
            val = rel["relation"] if truth else RFLIP[rel["relation"]]
            if terse:
                s = "Relation: " + REL_TERSE[val].format(o=rel["other"]) + "."
            else:
                s = self.fmt(r.choice(REL_S), r=REL[val].format(o=rel["other"]))
            self.note("position", "relation", [val, rel["other"]], truth, role, s)
            return s
        v = vert if truth else FLIP[vert]
        if terse:
            s = f"Position: {v if v != 'central' else 'central'}."
        else:
            key = "central_c" if (v == "central" and self.coronal) else v
            s = self.fmt(r.choice(VERT[key]))
        self.note("position", "vertical", v, truth, role, s)
        return s

    def inverse_rel(self, role, name):
        """A true sentence about a neighbour's place relative to the target (a position claim on the target)."""
        rels = [x for x in self.rels if x["other"] == name]
        if not rels:
            return ""
        rel = self.rng.choice(rels)
        ois = "are" if NB[name]["n"] > 1 else "is"
        s = self.fmt(self.rng.choice(INV_S), o=name, ois=ois, r=INV[rel["relation"]])
        self.note("position", "relation", [rel["relation"], name], True, role, s)
        return s

    def size(self, role, truth=True, terse=False, sub=None):
        r = self.rng
        sc = self.f["size_class"]
        pct = 100 * self.f["area_fraction"]
        sub = sub or ("percent" if (sc == "medium" and not truth) or r.random() < 0.4 else "class")
        if sub == "class":
            v = sc if truth else {"small": "large", "large": "small"}[sc]
            w = r.choice(SIZEW[v])
            s = f"Size: {v}." if terse else self.fmt(r.choice(SIZE_S), w=w)
            self.note("size", "class", v, truth, role, s)
        else:
            v = pct if truth else (pct * 10 if pct < 1 else pct / 8 if pct >= 2.5 else pct * 8)
            s = (f"Extent: about {pct_text(v)}% of the image." if terse
                 else self.fmt(r.choice(PCT_S), pct=pct_text(v)))
            self.note("size", "percent", float(pct_text(v)), truth, role, s)
        return s

    def count(self, role, truth=True, terse=False):
        r = self.rng
        n = self.f["components"]
        v = n if truth else (2 if n == 1 else n + r.choice([-1, 1]))
        if terse:
            s = f"Components: {v}."
        elif v == 1:
            s = self.fmt(r.choice(COUNT_SING if self.p["pl"] else COUNT1))
        else:
            s = self.fmt(r.choice(COUNTN), nw=NUMW[v] if r.random() < 0.8 else str(v))
        self.note("count", "count", v, truth, role, s)
        return s

    def claim(self, kind, role, truth=True, terse=False):
        return {"laterality": self.side, "position": self.position, "size": self.size,
                "count": self.count}[kind](role, truth=truth, terse=terse)

    # -- premises (user voice)
    def premise(self, kind, truth):
        """A user's recap statement about the target (lower-case clause)."""
        r = self.rng
        lat = self.f["laterality"]
        if kind == "laterality":
            if truth:
                v = lat
            else:
                v = FLIP[lat] if lat in ("left", "right") else r.choice(["left", "right"])
            if v in ("left", "right"):
                s = self.fmt(r.choice(["{itsq} on the patient's {v}", "{itsq} on the {v} side of the body"]), v=v) \
                    if (truth or lat != "bilateral") else self.fmt("{itsq} only on the {v} side", v=v)
            elif v == "bilateral":
                s = self.fmt("{itsq} on both sides")
            else:
                s = self.fmt("{itsq} in the midline")
            self.note("laterality", "side", v, truth, "user", s)
        elif kind == "position":
            vert = self.f["vertical"]
            if self.rels and (vert == "central" or r.random() < 0.5):
                rel = r.choice(self.rels)
                val = rel["relation"] if truth else RFLIP[rel["relation"]]
                s = self.fmt("{itsq} " + REL[val].format(o=rel["other"]))
                self.note("position", "relation", [val, rel["other"]], truth, "user", s)
            else:
                v = vert if truth else FLIP[vert]
                words = {"anterior": "toward the front", "posterior": "toward the back",
                         "superior": "high up on the slice", "inferior": "low down on the slice",
                         "central": "roughly in the middle front-to-back" if not self.coronal
                         else "roughly in the middle top-to-bottom"}
                s = self.fmt("{itsq} " + words[v])
                self.note("position", "vertical", v, truth, "user", s)
        elif kind == "size":
            sc = self.f["size_class"]
            if truth or sc != "medium":
                v = sc if truth else {"small": "large", "large": "small"}[sc]
                s = self.fmt("{itsq} " + r.choice(SIZEW[v]))
                self.note("size", "class", v, truth, "user", s)
            else:
                pct = 100 * self.f["area_fraction"]
                v = pct / 8 if pct >= 2.5 else pct * 8
                s = self.fmt("{it} take{s} up about {pct}% of the picture", pct=pct_text(v))
                self.note("size", "percent", float(pct_text(v)), truth, "user", s)
        else:
            n = self.f["components"]
            v = n if truth else (2 if n == 1 else n + r.choice([-1, 1]))
            if v == 1:
                s = self.fmt("{itsq} all one piece" if not self.p["pl"] else "there's only one {unit1}")
            else:
                s = self.fmt("there are {nw} separate {unit}", nw=NUMW[v])
            self.note("count", "count", v, truth, "user", s)
        return s

    # -- neighbours
    def nb_desc(self, name, terse=False):
        d = NB[name]
        r = self.rng
        pl = d["n"] > 1
        It, is_ = ("They", "are") if pl else ("It", "is")
        if d["side"] in ("left", "right"):
            side = r.choice([f"{It} {is_} on the patient's {d['side']}.", f"{It} lie{'' if pl else 's'} on the {d['side']} side."])
            tside = f"patient's {d['side']}"
        elif d["side"] == "midline":
            side = r.choice([f"{It} {is_} in the midline.", f"{It} sit{'' if pl else 's'} right on the midline."])
            tside = "midline"
        else:
            side = f"There are {NUMW[d['n']]} of them, one in each {REGION_HALF[self.p['region']]}."
            tside = f"bilateral, {d['n']} parts"
        size = r.choice([f"{It} {is_} {d['size']} on this slice.", f"Size-wise {It.lower()} {is_} {d['size']}."])
        if terse:
            return f"Side: {tside}. Size: {d['size'].replace('-sized', '')}."
        if d["side"] in ("left", "right", "midline") and r.random() < 0.4:
            where = "in the midline" if d["side"] == "midline" else f"on the patient's {d['side']}"
            return r.choice([f"{It}'s {d['size']} and sits {where}.",
                             f"{It} {is_} a {d['size'].replace('large', 'large structure').replace('small', 'small structure').replace('-sized', '-sized structure')} {where}.",
                             f"{It} normally lives {where}, and here {It.lower()} look{'' if pl else 's'} {d['size']}."])
        one = "" if pl or r.random() < 0.6 else r.choice([" It's a single structure.", " Just the one of it."])
        return f"{side} {size}{one}"


# ---------------------------------------------------------------------------------------------------
# the register voices

def _cap(s):
    return s[0].upper() + s[1:] if s else s


def _lc(s):
    return s[0].lower() + s[1:] if s and not s.startswith("I ") and not s[:2].isupper() else s


OPEN = {
    "student": ["Hi! I'm a third-year med student revising with this {mod} of the {region}. Can you find {clue} and outline it for me?",
                "Med student here. On this {mod} slice, where is {clue}?",
                "Quick one from a curious student: which part of this {region} {mod} is {clue}?",
                "I'm prepping for my anatomy viva and got stuck on this {mod}. Could you show me {clue}?"],
    "family": ["Hello. This is my {mod} from last week and I'm honestly quite nervous. The doctor kept talking about {clue}. Where is that on this picture?",
               "Hi, I'm the patient. My {rel} is sitting with me. We'd like to see {clue} on this scan, please.",
               "I had this {mod} and my {rel} and I are trying to understand it before the clinic appointment on Thursday. Can you point out {clue}?"],
    "tutor": ["Right, quiz time. On this {mod}, show me {clue}. Name it and outline it.",
              "Let's test you. Somewhere on this slice is {clue}. Point to it.",
              "Spotter, {mod} {region}: {clue}. Go."],
    "walkthrough": ["Structured walk-through of this {region} {mod}, one item at a time. Item 1: localise {clue}.",
                    "Let's go through this {mod} systematically. First: segment {clue} and give side, position and extent.",
                    "Walk-through of the slice as displayed. Start with {clue}; outline it and describe it."],
}
A_OPEN = {
    "student": ["That's the **{T}** [SEG].", "Good question: it's the {T}, outlined here [SEG].",
                "You're looking for the {T} [SEG]."],
    "family": ["What your doctor was describing is the {T}; I've outlined {obj} here [SEG].",
               "I've highlighted {obj} for you [SEG]: {Tis} the {T}."],
    "tutor": ["{Tc} [SEG].", "That's the {T} [SEG].", "The {T}, outlined here [SEG]."],
    "walkthrough": ["Item 1: {T} [SEG].", "1. {Tc} [SEG]."],
}
DRIFT = {
    "student": ["Nice, thanks! Totally different question though: what's {ask}?",
                "Cool. And what's {ask}? Is that normal?",
                "Oh, and while I'm here, what is {ask}?"],
    "family": ["Hi, it's {pos} {rel} now, I've taken over the keyboard. What is {ask}? Should we worry about that one?",
               "(This is {pos} {rel} typing.) Sorry to jump around, but what is {ask}?",
               "My {rel} wants to know what {ask} is."],
    "tutor": ["Fine. Now {ask}: name, side, size.", "Moving on. {askc}, what is it?",
              "Good. Next: {ask}. Tell me about it."],
    "walkthrough": ["Item 2: {ask}.", "Next item: identify {ask} and describe it.", "2. {askc}."],
}
DRIFT2 = {
    "student": ["And the other one, {ask}? What's that?", "What about {ask}, then?"],
    "family": ["And the other thing, {ask}, what is that one?", "What about {ask}? Is that one normal?"],
    "tutor": ["And the other one: {ask}.", "Now {ask}. Quickly."],
    "walkthrough": ["Item 3: {ask}.", "3. {askc}."],
}
SAME = {
    "student": ["Is that one on the same side as the first thing you showed me?",
                "Wait, is it on the same side as the first one?"],
    "family": ["Is that on the same side as the thing the doctor was talking about?",
               "Is it on the same side as what you showed us first?"],
    "tutor": ["Same side as your first answer or not?", "Compare its side with your first structure."],
    "walkthrough": ["Item 3: compare the side of item 2 with item 1.", "3. Same side as item 1?"],
}
REF = {
    "student": ["Okay, going back to the first thing you showed me:", "Back to {it_pl} for a sec, the {T}:",
                "Returning to the first one:"],
    "family": ["Sorry, it's me again, the patient. Back to the thing you highlighted at the start:",
               "Going back to the first one you showed us, the one the doctor mentioned:",
               "Can we go back to the {T}?"],
    "tutor": ["Back to your first answer.", "Return to the {T}.", "Now back to the first structure."],
    "walkthrough": ["Item 4: return to item 1.", "4. Back to the {T}."],
}
ASK = {
    "laterality": ["which side {is} {it} on again?", "{is} {it} on the left or the right?",
                   "what side of the body {is} {it} on?"],
    "position": ["where {does} {it} sit on this slice?", "where exactly {is} {it} relative to everything else?"],
    "size": ["how big {is} {it} on this slice?", "how much of the image {does} {it} take up?"],
    "count": ["{is} {it} all one piece or several?", "how many separate bits are there?"],
}
ASK_TERSE = {"laterality": "Laterality.", "position": "Position.", "size": "Extent.", "count": "Number of components."}
RECAP = {
    "student": ["So to sum up, {prem}, right?", "Let me check I've got it: {prem}?",
                "Just so I get it right in my notes: {prem}?"],
    "family": ["So, just so we understand: {prem}, is that correct?",
               "My {rel} says {prem}. Is that right?",
               "Okay. So {prem}?"],
    "tutor": ["Last one. Your colleague says {prem}. Agree?", "Final check: {prem}. True?"],
    "walkthrough": ["Item 5, summary check: {prem}. Confirm.", "Closing: {prem}, correct?"],
}
YES = ["Yes, exactly.", "Yes, that's right.", "Correct.", "That's it, yes."]
NOPE = ["Not quite.", "Actually, no.", "Small correction there.", "Not exactly."]
PATHOLOGY = {"liver metastases", "lung nodules", "pleural effusion", "uterine fibroids", "glioblastoma",
             "multiple sclerosis lesions", "subdural haematoma"}
REASSURE = ["Please bring any questions to the appointment; your team will explain what it means for you.",
            "Finding it on a scan doesn't by itself say anything is wrong with it.",
            "Your doctors will put this together with your symptoms and blood tests."]
TECH = ["The report mentions {mm} mm slices; that's about how the scan was taken, not about the {T}.",
        "The scan letter says the dose was about {msv} mSv, which is a routine figure for this kind of scan.",
        "The window setting here is W{w}/L{l}; that only changes the brightness, not the anatomy."]
CONV = {"L": "This slice is shown in radiological convention, so the patient's left is on the screen's right.",
        "R": "This slice is shown in neurological convention, so the patient's left is on the screen's left."}
HYPO_SIDE = "Had {it} been on the patient's {o}, I would have said so; the outline is on the {v}."
HYPO_SIZE = "If {it} were large, say well over 5% of the image, I'd flag it; here {itsq} {w}."
SLIP = ["{bad} Sorry, scratch that, I mixed {obj} up with the {n}. {good}",
        "{bad} Correction: that's wrong, I was thinking of the {n}. {good}"]
RELS_M = ["daughter", "son", "wife", "brother"]
RELS_F = ["daughter", "son", "husband", "sister"]


def build(p, facts, style, rng, defect):
    c = Conv(p, facts, style, rng, defect)
    r = rng
    T = p["target"]
    kinds = ["laterality", "position", "size", "count"]
    clue = r.choice(p["clues"])
    sex = p["sex"] or ("f" if " her " in clue else "m" if " his " in clue else r.choice(["m", "f"]))
    if style == "family":  # the patient is the one asking
        clue = clue.replace(" her ", " my ").replace(" his ", " my ")
    pos = "his" if sex == "m" else "her"
    rel = r.choice(RELS_M if sex == "m" else RELS_F)
    placement = r.choice(["first", "late", "premise"]) if defect and defect != "names_target" else None
    bad = defect if placement else None
    if bad == "position" and not c.can_position_false():
        placement, bad = "first", "size"  # never happens with these neighbours (checked)
    five = placement == "premise" or r.random() < 0.55
    allowed = [k for k in kinds if k != bad]   # true claims never restate the planted kind
    terse = style == "walkthrough"
    mod = {"CT": "CT", "MR": "MRI"}[p["mod"]]
    region = REGION_WORD[p["region"]]

    # --- round 1
    if defect == "names_target":
        clue = r.choice([f"the {T}", f"the {T} ({clue})", f"the {T}, i.e. {clue}"])
    q = r.choice(OPEN[style]).format(mod=mod, region=region, clue=clue, rel=rel)
    c.add("user", q)
    a = [c.fmt(r.choice(A_OPEN[style]), Tc=_cap(T), Tis="these are" if p["pl"] else "it's")]
    first_kinds = r.sample(allowed, r.choice([1, 2, 2, 3]))
    if placement == "first":
        first_kinds = first_kinds[:2]
        first_kinds.insert(r.randrange(len(first_kinds) + 1), bad)
    used = set()
    for k in first_kinds:
        tt = terse and r.random() < 0.7
        a.append(c.claim(k, "assistant", truth=(k != bad or placement != "first"), terse=tt))
        used.add(k)
    if "laterality" in first_kinds and r.random() < 0.4 and not terse:
        a.append(CONV[c.o[0]])
    if r.random() < 0.6:
        a.append(r.choice(p["know"]))
    if style == "family":
        a.append(r.choice(REASSURE if T not in PATHOLOGY else REASSURE[::2]))
    c.add("assistant", " ".join(a))

    # --- round 2: drift to a neighbour
    n1, n2 = c.n1, c.n2
    ask = r.choice(NB[n1]["ask"])
    c.add("user", r.choice(DRIFT[style]).format(ask=ask, askc=_cap(ask), rel=rel, pos=pos))
    a = [r.choice([f"That's the {n1}.", f"That one is the {n1}.", f"You're pointing at the {n1}."])]
    a.append(c.nb_desc(n1, terse=terse and r.random() < 0.6))
    a.append(_cap(NB[n1]["fact"]) + ".")
    if "position" in allowed and r.random() < 0.5:
        s = c.inverse_rel("assistant", n1)
        if s:
            a.append(s)
    if style == "family" and r.random() < 0.5:
        a.append(r.choice(["Nothing about it looks worrying from what I can see, but your doctor has the full picture.",
                           "It's a normal structure that everybody has."]))
    c.add("assistant", " ".join(a))

    # --- round 3: the other one, or a side comparison with the first structure
    mode3 = r.choice(["other", "same", "same"]) if "laterality" in allowed else "other"
    if bad == "laterality" and placement == "late" and r.random() < 0.5:
        mode3 = "same_bad"  # the planted side sits in the comparison; round 4 asks something else
    if mode3 == "other":
        ask2 = r.choice(NB[n2]["ask"])
        c.add("user", r.choice(DRIFT2[style]).format(ask=ask2, askc=_cap(ask2)))
        a = [r.choice([f"That's the {n2}.", f"The other one is the {n2}.", f"That one's the {n2}."]),
             c.nb_desc(n2), _cap(NB[n2]["fact"]) + "."]
        if "position" in allowed and r.random() < 0.4:
            s = c.inverse_rel("assistant", n2)
            if s:
                a.append(s)
        c.add("assistant", " ".join(a))
    else:
        c.add("user", r.choice(SAME[style]))
        nside = NB[n1]["side"]
        lat = facts["laterality"]
        truth = mode3 != "same_bad"
        tside = c.side("assistant", truth=truth)
        if truth and nside == lat:
            head = {"left": "Yes, the same side.", "right": "Yes, the same side.", "midline": "Both are midline, in fact.",
                    "bilateral": "Both are on both sides, in fact."}[lat]
        elif truth:
            head = r.choice(["No.", "No, they differ."])
        else:
            head = r.choice(["No.", "Different sides."]) if nside in ("left", "right", "midline") and nside == lat \
                else r.choice(["Let me compare them.", "Good question."])
        nb_side = {"left": f"the {n1} is on the patient's left", "right": f"the {n1} is on the patient's right",
                   "midline": f"the {n1} sits in the midline",
                   "bilateral": f"the {n1} are on both sides"}[nside]
        order = r.random() < 0.5
        same = (nside == lat) if truth else (nside == c.ledger_side_value())
        link = r.choice(["Likewise,", "And"]) if same else "By contrast,"
        body = (f"{_cap(nb_side)}. As for the first one, the {T}: {tside}" if order
                else f"Going back to the first one, the {T}: {tside} {link} {nb_side}.")
        c.add("assistant", f"{head} {body}")

    # --- round 4: back to the target
    if placement == "late" and mode3 != "same_bad":
        k4 = bad
    else:
        pool = [k for k in allowed if k not in used] or allowed
        k4 = r.choice(pool)
    ref = r.choice(REF[style]).format(T=T, it_pl="them" if p["pl"] else "it")
    if terse and r.random() < 0.6:
        q4 = f"{ref} {ASK_TERSE[k4]}"
    else:
        ask4 = c.fmt(r.choice(ASK[k4]))
        q4 = f"{ref} " + (_cap(ask4) if ref.endswith(".") else ask4)
    c.add("user", q4)
    truth4 = not (placement == "late" and k4 == bad)
    a = []
    slip = defect is None and r.random() < 0.22
    if slip and k4 in ("laterality", "count", "size") and not (k4 == "size" and facts["size_class"] == "medium"):
        badtxt = c.claim(k4, "assistant", truth=False)
        c.pending[-1]["corrected"] = True
        good = c.claim(k4, "assistant", truth=True)
        a.append(c.fmt(r.choice(SLIP), bad=badtxt, good=good, n=n1))
    else:
        lead = {"student": ["Sure.", "Good question.", ""], "family": ["Of course.", "Happy to explain.", ""],
                "tutor": ["", "Right:"], "walkthrough": ["Item 1, revisited.", ""]}[style]
        l0 = r.choice(lead)
        if l0:
            a.append(l0)
        a.append(c.claim(k4, "assistant", truth=truth4, terse=terse and r.random() < 0.5))
        if defect is None and r.random() < 0.3:
            if k4 == "laterality" and facts["laterality"] in ("left", "right"):
                a.append(c.fmt(HYPO_SIDE, o=FLIP[facts["laterality"]], v=facts["laterality"]))
                c.note("laterality", "side", facts["laterality"], True, "assistant", a[-1])
            elif k4 == "size" and facts["size_class"] != "large":
                w = r.choice(SIZEW[facts["size_class"]])
                a.append(c.fmt(HYPO_SIZE, w=w))
                c.note("size", "class", facts["size_class"], True, "assistant", a[-1])
            elif k4 == "laterality":
                a.append(c.side_neg("assistant"))
    if "laterality" in allowed and k4 != "laterality" and r.random() < 0.25:
        a.append(c.side_neg("assistant"))
    if style == "family" and r.random() < 0.5:
        a.append(r.choice(TECH).format(mm=r.choice([1, 2.5, 3, 5]), msv=r.choice([4, 7, 10]), T=T,
                                       w=r.choice([400, 350, 80]), l=r.choice([40, 50, 35])))
    c.add("assistant", " ".join(a))

    # --- round 5: a recap premise from the user
    if five:
        if placement == "premise":
            k5, ptruth = bad, False
        else:
            k5 = r.choice(allowed)
            ptruth = r.random() < 0.45
        prem = c.premise(k5, ptruth)
        q5 = r.choice(RECAP[style]).format(prem=prem, rel=rel)
        c.add("user", q5[0].upper() + q5[1:])
        premise_claims = [cl for cl in c.ledger if cl["turn"] == len(c.turns) - 1]
        if ptruth:
            a = [r.choice(YES)]
            if r.random() < 0.5:
                extra = [k for k in allowed if k != k5]
                if extra:
                    a.append(c.claim(r.choice(extra), "assistant"))
        elif placement == "premise":
            # the planted premise goes uncorrected: agreement or a change of subject
            a = [r.choice(YES)] if r.random() < 0.5 else [r.choice(["Good summary.", "Noted."])]
            extra = [k for k in allowed if k != k5]
            if extra and r.random() < 0.7:
                a.append(c.claim(r.choice(extra), "assistant"))
        else:
            for cl in premise_claims:
                cl["corrected"] = True
            a = [r.choice(NOPE), c.claim(k5, "assistant", truth=True, terse=False)]
            if k5 == "laterality" and NB[n1]["side"] in ("left", "right") and NB[n1]["side"] != facts["laterality"]:
                a.append(f"You may be thinking of the {n1}, which is on the patient's {NB[n1]['side']}.")
        if style == "family":
            a.append(r.choice(["I hope that helps you both.", "Do ask your team anything else at the appointment."]))
        elif style == "tutor":
            a.append(r.choice(["", "Anything else?"]))
        c.add("assistant", " ".join(x for x in a if x))

    LEDGER.append(c.ledger)
    return c.turns, ([defect] if defect else [])
