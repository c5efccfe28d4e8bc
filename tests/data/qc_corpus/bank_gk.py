"""Bank GK: spine and paraspinal imaging, written blind (without reading any QC rule or other bank).

Targets: disc herniations, neural foramina, psoas and paraspinal muscles, thecal sac, spinal cord and
syrinx, facet joints and a facet cyst, pars defects, ligamentum flavum, vertebral metastases, a
haemangioma, the T12 vertebral body, sacroiliac joints and sacroiliitis, perineural cysts, abscesses.
Axial LP and RP (neurological display) and coronal LI slices. Registers: a terse MSK/spine radiologist
report, a spine surgeon's clinic message, a physiotherapist explaining in lay words, an LLM assistant
answering in markdown bullets. Prose carries level labels (L4/L5, C5-6, T12), grades, mm, scores, doses
and sided findings of other structures; clean rows carry true negations, hypotheticals, convention
sentences, corrected user premises and corrected slips of the assistant.

Own check (/work/notes/qcgk_scripts/check_gk.py, claims recomputed against facts recomputed from the masks):
rows 420, clean 210, defects laterality 42, position 42, size 42, count 42, names_target 42; false
claims sit: first answer 56, follow-up answer 60, premise(user) 52; claims ledgered 1852; problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

STYLES = ["report", "surgeon", "physio", "mdbullets"]

# the writer's own ledger of every claim about the target (read by the writer's checker only)
LEDGER: list[dict] = []
LAST_MASK: list = []


def _p(target, name, lay, terms, modality, region, orient, blobs, others, clues, know, sided_other,
       ask, leg=None):
    return dict(target=target, name=name, lay=lay, terms=terms, modality=modality, region=region,
                orient=orient, blobs=blobs, others=others, clues=clues, know=know, sided_other=sided_other,
                ask=ask, leg=leg)


# blobs: list of (cx, cy, rx, ry) in image fractions, or a callable(rng) -> such a list
def _mets(rng):
    k = rng.choice([2, 3, 3, 4, 5])
    ys = [0.18 + 0.15 * j for j in range(5)]
    rng.shuffle(ys)
    out = []
    for y in sorted(ys[:k]):
        out.append((0.5 + rng.uniform(-0.09, 0.09), y, rng.uniform(0.018, 0.035), rng.uniform(0.018, 0.03)))
    return out


def _tarlov(rng):
    pool = [(0.41, 0.62, 0.025, 0.03), (0.59, 0.62, 0.025, 0.03), (0.45, 0.72, 0.02, 0.02)]
    k = rng.choice([1, 2, 2, 3])
    idx = sorted(rng.sample(range(3), k))
    return [pool[i] for i in idx]


def _sij_oedema(rng):
    if rng.random() < 0.5:
        return [(0.35, 0.62, 0.035, 0.05)]
    return [(0.33, 0.60, 0.025, 0.045), (0.42, 0.64, 0.02, 0.04)]


PROFILES = [
    _p("left L5-S1 disc herniation", "L5-S1 disc extrusion", "a slipped disc",
       ["herniat", "extru", "protru", "slipped disc", "prolapse", "bulging disc"],
       "MR", "lumbar spine", "LP", [(0.585, 0.60, 0.035, 0.026)],
       {"thecal sac": (0.5, 0.665), "S1 vertebral body": (0.5, 0.45)},
       ["shooting pain from the buttock down the back of the {leg} into the little toe, a lost ankle jerk and pain on coughing",
        "sciatica in the {leg} with weak calf raises and numbness along the outer foot"],
       ["Roughly 90-95% of lumbar herniations in general occur at L4/L5 or L5/S1.",
        "About 80-90% of people with sciatica improve within 6-12 weeks without surgery.",
        "A paracentral herniation at L5/S1 usually catches the traversing S1 root rather than the exiting L5."],
       ["The {opp} S1 root is not touched.", "The {opp} lateral recess at L4/L5 is patent.",
        "The {opp} L5/S1 foramen is normal in calibre."],
       "Can you segment the L5-S1 disc herniation on this axial T2?", leg=True),
    _p("right L4-L5 disc herniation", "L4-L5 disc protrusion", "a disc bulge pressing on a nerve",
       ["herniat", "extru", "protru", "slipped disc", "prolapse", "bulging disc"],
       "MR", "lumbar spine", "RP", [(0.585, 0.59, 0.04, 0.028)],
       {"thecal sac": (0.5, 0.66), "L4 vertebral body": (0.5, 0.42)},
       ["pain down the front of the shin into the big toe of the {leg}, with weak big-toe extension (4/5)",
        "a foot that slaps on the {leg} side after lifting, and a numb top of the foot"],
       ["Most herniations in general are posterolateral, where the posterior longitudinal ligament is thinnest.",
        "Sequestrated fragments regress on follow-up MRI in roughly two thirds of cases.",
        "An L4/L5 paracentral herniation typically compresses the traversing L5 root."],
       ["The {opp} L5 root sits freely in its recess.", "There is mild {opp} facet arthropathy at L4/L5, grade 1.",
        "The {opp} L4/L5 foramen is patent."],
       "Please outline the L4-L5 disc herniation on this scan.", leg=True),
    _p("right L5-S1 neural foramen", "L5-S1 neural foramen", "the exit tunnel for the nerve",
       ["foramen", "foramina", "foraminal"], "MR", "lumbar spine", "LP", [(0.395, 0.56, 0.018, 0.034)],
       {"L5-S1 disc": (0.5, 0.48), "thecal sac": (0.5, 0.66)},
       ["pain in the {leg} along the outer shin, and I want the bony exit channel where the L5 root leaves the canal marked",
        "which opening does the exiting L5 root pass through at the lumbosacral junction on the {legside} side?"],
       ["Foraminal stenosis is commonly graded 0-3 (Lee grading), grade 3 meaning root morphology change.",
        "The exiting root lies in the upper part of the foramen, under the pedicle.",
        "Far-lateral herniations make up about 7-12% of lumbar disc herniations."],
       ["The {opp} L5-S1 foramen is only mildly narrowed (grade 1).", "The {opp} L5 root is unremarkable.",
        "There is a 3 mm {opp} foraminal osteophyte at L4/L5, a level above."],
       "Can you segment the right L5-S1 neural foramen?", leg=True),
    _p("left C5-C6 neural foramen", "C5-6 neural foramen", "the exit tunnel for the nerve in your neck",
       ["foramen", "foramina", "foraminal"], "MR", "cervical spine", "RP", [(0.40, 0.55, 0.018, 0.03)],
       {"spinal cord": (0.5, 0.6), "C6 vertebral body": (0.5, 0.42)},
       ["pain over the shoulder and down the {arm} to the thumb, worse when I tilt my head back towards that side",
        "Spurling's test reproduces arm pain on the {legside} side and the C6 dermatome is numb; which bony exit channel is the culprit?"],
       ["C6 radiculopathy from C5-6 is the second most common cervical radiculopathy after C7.",
        "Cervical foramina face anterolaterally at about 45 degrees, so obliques show them best.",
        "Uncovertebral hypertrophy narrows the cervical foramen from the front."],
       ["The {opp} C5-6 foramen is patent.", "The {opp} C6-7 foramen is mildly narrowed.",
        "The {opp} uncovertebral joint at C5-6 is unremarkable."],
       "Segment the left C5-6 neural foramen for me.", leg=True),
    _p("psoas muscles", "psoas muscles", "your hip-flexor muscles next to the spine", ["psoas", "iliopsoas"],
       "CT", "lumbar spine", "LP", [(0.38, 0.43, 0.055, 0.05), (0.62, 0.43, 0.055, 0.05)],
       {"L3 vertebral body": (0.5, 0.5), "aorta": (0.53, 0.36)},
       ["the muscles that flex the hip and run down alongside the lumbar vertebral bodies, used for sarcopenia scoring",
        "which muscles here would a surgeon have to go through in a lateral lumbar interbody fusion at L4/L5?"],
       ["The lumbar plexus runs within the muscle, which is why lateral approaches at L4/L5 risk the femoral nerve.",
        "Psoas muscle index below about 5 cm2/m2 is used as a sarcopenia cut-off in some studies.",
        "The aorta usually lies just left of the midline in front of L1-L4."],
       [], "Please segment the psoas muscles at L3."),
    _p("left psoas abscess", "psoas abscess", "a pocket of infection in a hip muscle", ["psoas", "abscess"],
       "CT", "lumbar spine", "LP", [(0.645, 0.45, 0.07, 0.06)],
       {"L3 vertebral body": (0.5, 0.52), "left kidney": (0.72, 0.36)},
       ["fever for ten days, CRP 186, a limp and pain when the hip is extended; which collection on this CT explains it?",
        "a diabetic with back pain, spiking temperatures and a flexed hip she cannot straighten: what needs draining?"],
       ["Right-sided collections of this kind are classically linked to Crohn's disease and appendicitis.",
        "Drains for these are usually 8-12 Fr, placed under CT guidance.",
        "Staphylococcus aureus causes most primary cases."],
       ["The {opp} psoas is normal in bulk and density.", "The {opp} kidney is unremarkable.",
        "A 12 mm {opp} para-aortic node is likely reactive."],
       "Can you segment the left psoas abscess?"),
    _p("paraspinal muscles", "paraspinal (erector spinae) muscles", "the long back muscles beside your spine",
       ["paraspinal", "erector", "multifidus", "paravertebral"], "MR", "lumbar spine", "LP",
       [(0.415, 0.78, 0.05, 0.06), (0.585, 0.78, 0.05, 0.06)],
       {"thecal sac": (0.5, 0.62), "L4 vertebral body": (0.5, 0.45)},
       ["the muscles that keep the trunk upright and are graded for fatty infiltration on the Goutallier scale",
        "which muscles here would you look at for fatty atrophy in someone with years of chronic low back pain?"],
       ["Goutallier grade 2 means less fat than muscle; grade 4 means more fat than muscle.",
        "Multifidus atrophy is often asymmetric on the side of a chronic radiculopathy.",
        "Fat fraction above about 20% in back muscle is commonly called abnormal."],
       [], "Segment the paraspinal muscles, please."),
    _p("thecal sac", "thecal sac", "the fluid bag that holds the nerves", ["thecal", "dural sac"],
       "MR", "lumbar spine", "LP", [(0.5, 0.65, 0.042, 0.032)],
       {"L4 vertebral body": (0.5, 0.45), "ligamentum flavum": (0.5, 0.73)},
       ["the membrane-bound bag of CSF that holds the cauda equina; its cross-sectional area is used to grade central stenosis",
        "neurogenic claudication after 100 metres; what bag of fluid would we measure to grade central canal narrowing?"],
       ["A dural sac area under about 75-100 mm2 is often called absolute central stenosis.",
        "Schizas grade C means no CSF is visible around the rootlets.",
        "The conus usually ends at L1/L2 in adults."],
       [], "Please segment the thecal sac at L4-5."),
    _p("spinal cord", "cervical spinal cord", "the spinal cord in your neck", ["spinal cord", " cord"],
       "MR", "cervical spine", "LP", [(0.5, 0.585, 0.04, 0.026)],
       {"C5 vertebral body": (0.5, 0.44)},
       ["hand clumsiness, a positive Hoffmann sign and brisk reflexes; what structure in the canal do we worry about being squashed?",
        "the central nervous structure running through the canal at C5-6 that carries the long tracts"],
       ["A Torg-Pavlov ratio under 0.8 suggests a developmentally narrow canal.",
        "T2 signal change at C5-6 is the commonest level for degenerative myelopathy.",
        "mJOA below 12 is usually called severe myelopathy."],
       [], "Can you segment the spinal cord at C5-6?"),
    _p("cervical syrinx", "syrinx", "a fluid-filled cavity inside the spinal cord", ["syrinx", "syringo"],
       "MR", "cervical spine", "LP", [(0.5, 0.585, 0.012, 0.01)],
       {"C6 vertebral body": (0.5, 0.44)},
       ["cape-like loss of pain and temperature over both shoulders with preserved touch; what fluid cavity is responsible?",
        "a Chiari I patient with new hand wasting: what central fluid collection should I look for?"],
       ["Around 65% of Chiari I malformations in some series have an associated fluid cavity of this kind.",
        "Shunting is considered when the cavity exceeds about 5 mm and symptoms progress.",
        "The central canal is normally under 2 mm and often not visible."],
       [], "Segment the syrinx in the cord at C6."),
    _p("lumbar facet joints", "L4-5 facet joints", "the gliding joints at the back of your spine",
       ["facet", "zygapophys"], "CT", "lumbar spine", "LP",
       [(0.415, 0.70, 0.022, 0.03), (0.585, 0.70, 0.022, 0.03)],
       {"thecal sac": (0.5, 0.64), "L4 vertebral body": (0.5, 0.45)},
       ["the paired synovial joints between the articular processes that we target with medial branch blocks",
        "back pain worse on extension and rotation, relieved by two comparative blocks; which joints are we looking at?"],
       ["Fujiwara grade 3 means moderate narrowing with osteophytes.",
        "Medial branch radiofrequency denervation helps roughly 50-60% of selected patients for 6-12 months.",
        "A joint effusion over 1.5 mm at L4/L5 is associated with degenerative slip."],
       [], "Can you outline the L4-5 facet joints?"),
    _p("right L4-L5 facet synovial cyst", "L4-5 facet synovial cyst", "a fluid-filled sac growing off a spinal joint",
       ["synovial cyst", "juxtafacet", "facet cyst", "cyst"], "MR", "lumbar spine", "LP",
       [(0.425, 0.70, 0.02, 0.018)],
       {"thecal sac": (0.5, 0.64), "L4 vertebral body": (0.5, 0.45)},
       ["a rounded fluid pouch growing from a degenerate joint at L4/L5 into the lateral recess and squeezing the traversing L5 root of the {leg}",
        "L5 radicular pain in the {leg} with a degenerative slip: what fluid-filled lesion projects into the canal?"],
       ["About 40% of these lesions are associated with degenerative spondylolisthesis at L4/L5.",
        "Percutaneous rupture succeeds in roughly half of cases.",
        "Most arise at L4/L5, the most mobile lumbar level."],
       ["The {opp} facet joint shows only grade 1 arthropathy.", "The {opp} lateral recess is patent.",
        "The {opp} L5 root is free."],
       "Segment the right L4-5 facet synovial cyst please.", leg=True),
    _p("pars interarticularis defects", "L5 pars interarticularis defects", "stress cracks in a thin bridge of bone",
       ["pars", "spondylolys", "interarticular"], "CT", "lumbar spine", "LP",
       [(0.41, 0.68, 0.012, 0.022), (0.59, 0.68, 0.012, 0.022)],
       {"L5 vertebral body": (0.5, 0.47), "thecal sac": (0.5, 0.62)},
       ["a 16-year-old fast bowler with low back pain on extension; which stress fractures in the posterior arch of L5 explain it?",
        "a grade 1 slip of L5 on S1 in a gymnast: what breaks in the neural arch let the vertebra slide?"],
       ["These defects are present in about 6% of the general population.",
        "Meyerding grade 1 slip means under 25% translation.",
        "About 85-95% of such lesions occur at L5."],
       [], "Can you segment the L5 pars defects?"),
    _p("ligamentum flavum", "ligamentum flavum", "the elastic band at the back of the spinal canal",
       ["flavum", "yellow ligament"], "MR", "lumbar spine", "LP",
       [(0.43, 0.72, 0.028, 0.014), (0.57, 0.72, 0.028, 0.014)],
       {"thecal sac": (0.5, 0.64), "L4 vertebral body": (0.5, 0.45)},
       ["the elastic bands lining the back of the canal that thicken and buckle with age in central stenosis",
        "which paired ligaments between the laminae are removed in a decompression?"],
       ["Thickness over about 4 mm is commonly called hypertrophy.",
        "Its elastin content falls from about 80% in youth.",
        "Buckling worsens in extension, which is why standing aggravates claudication."],
       [], "Please segment the ligamentum flavum at L4-5."),
    _p("vertebral metastases", "vertebral metastases", "spots where cancer has spread to the bones of the spine",
       ["metasta", "secondar", "deposit"], "CT", "thoracolumbar spine", "LI", _mets,
       {"T12 vertebral body": (0.5, 0.48)},
       ["a woman with treated breast cancer now has night pain in the back; which bony lesions in the spine are worrying?",
        "prostate cancer, PSA rising to 34, new back pain: what should I be marking on this coronal reformat?"],
       ["SINS scores of 13-18 indicate instability.",
        "The spine is the commonest site of skeletal spread; about 70% of such lesions are thoracic.",
        "Bilsky grade 2 means cord compression with CSF still visible."],
       [], "Segment the vertebral metastases on this coronal CT."),
    _p("vertebral haemangioma", "vertebral body haemangioma", "a harmless blood-vessel spot in the bone",
       ["haemangioma", "hemangioma", "angioma"], "CT", "lumbar spine", "LP", [(0.463, 0.48, 0.022, 0.022)],
       {"thecal sac": (0.5, 0.66)},
       ["an incidental well-defined lucent spot with coarse vertical trabeculae, a polka-dot look on axials; what is it?",
        "what is the common benign lesion inside the vertebra with the corduroy pattern?"],
       ["These are found in about 10-12% of people at autopsy.",
        "Aggressive ones are rare, under 1%, and favour the thoracic spine.",
        "T1 hyperintensity means fat and reassures."],
       [], "Segment the vertebral haemangioma in L2."),
    _p("T12 vertebral body", "T12 vertebral body", "one of the bone blocks of your spine", ["vertebral body", "t12", "vertebra"],
       "CT", "thoracolumbar spine", "LP", [(0.5, 0.5, 0.14, 0.13)],
       {"aorta": (0.56, 0.33), "spinal canal": (0.5, 0.70)},
       ["the weight-bearing block of bone at the thoracolumbar junction where osteoporotic wedge fractures cluster",
        "after a fall, a 71-year-old has a 30% height loss at the level where the last rib attaches; what should be outlined?"],
       ["Genant grade 2 means a 25-40% height loss.",
        "About 60-75% of osteoporotic fractures sit between T11 and L2.",
        "Opportunistic screening often uses L1 attenuation below about 110 HU."],
       [], "Please segment the T12 vertebral body."),
    _p("sacroiliac joints", "sacroiliac joints", "the joints between the base of your spine and your pelvis",
       ["sacroiliac", "si joint", "sij"], "MR", "pelvis", "LI",
       [(0.39, 0.62, 0.022, 0.09), (0.61, 0.62, 0.022, 0.09)],
       {"L5 vertebral body": (0.5, 0.25)},
       ["the paired joints where the sacrum meets the ilium, scored for axial spondyloarthritis",
        "inflammatory buttock pain in a 27-year-old, HLA-B27 positive; which joints should I mark?"],
       ["About 90% of people with ankylosing spondylitis are HLA-B27 positive.",
        "The ASAS MRI definition needs oedema on two consecutive slices.",
        "SPARCC scores run from 0 to 72."],
       [], "Can you segment both sacroiliac joints?"),
    _p("right sacroiliitis", "sacroiliac bone marrow oedema", "inflamed bone beside the joint at the base of your spine",
       ["sacroiliitis", "sacroiliac", "marrow oedema", "marrow edema", "osteitis"], "MR", "pelvis", "LI", _sij_oedema,
       {"L5 vertebral body": (0.5, 0.25)},
       ["a 24-year-old with early-morning stiffness in the {buttock} easing with exercise; what active inflammation do you see on STIR?",
        "psoriasis and night-time {buttock} pain: where is the bright inflamed bone on this STIR?"],
       ["Unilateral disease is more typical of psoriatic and reactive arthritis than of ankylosing spondylitis.",
        "The mSASSS runs from 0 to 72.",
        "A BASDAI of 4 or more is a common threshold for biologics."],
       ["The {opp} sacroiliac joint is normal.", "The {opp} iliac side shows no erosion.",
        "There is a little fat metaplasia on the {opp} sacral side, not active."],
       "Segment the right sacroiliitis on the STIR.", leg=True),
    _p("sacral perineural cysts", "sacral perineural (Tarlov) cysts", "fluid pouches on the nerve roots in your tailbone area",
       ["tarlov", "perineural", "cyst"], "MR", "sacrum", "LP", _tarlov,
       {"S2 vertebral body": (0.5, 0.45)},
       ["incidental fluid pouches on the sacral nerve roots at S2; how many are there?",
        "which CSF-filled outpouchings of the sacral root sleeves might explain sitting-related pain?"],
       ["They are found in about 4-9% of lumbar MRIs.",
        "Only around 1% of them are thought to be symptomatic.",
        "Most arise at S2 and S3."],
       [], "Segment the Tarlov cysts please."),
    _p("spinal epidural abscess", "epidural abscess", "a pocket of infection inside the spinal canal",
       ["epidural", "abscess"], "MR", "lumbar spine", "LP", [(0.5, 0.69, 0.06, 0.024)],
       {"L3 vertebral body": (0.5, 0.45)},
       ["IV drug use, fever, back pain and new leg weakness; what collection inside the canal is pressing on the nerves?",
        "a dialysis patient with a temperature of 39.2 and saddle numbness: what needs urgent decompression?"],
       ["The classic triad of fever, back pain and deficit is present in only about 10-15%.",
        "Staphylococcus aureus accounts for about two thirds of cases.",
        "Posterior collections are commoner in the thoracolumbar canal."],
       [], "Please segment the epidural abscess."),
]

LIMB_WORD = {"left": "left", "right": "right", "bilateral": "both", "midline": "both"}


def pick_profile(profiles, i, defect, rng):
    return profiles[rng.randrange(len(profiles))]


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


def facts_for(p, rng):
    h = w = 256
    blobs = p["blobs"](rng) if callable(p["blobs"]) else p["blobs"]
    yy, xx = np.mgrid[0:h, 0:w]
    m = np.zeros((h, w), bool)
    for cx, cy, rx, ry in blobs:
        cx += rng.uniform(-0.008, 0.008)
        cy += rng.uniform(-0.012, 0.012)
        s = rng.uniform(0.85, 1.2)
        m |= ((xx - cx * (w - 1)) / (rx * s * w)) ** 2 + ((yy - cy * (h - 1)) / (ry * s * h)) ** 2 <= 1.0
    others = {k: (v[0] + rng.uniform(-0.01, 0.01), v[1] + rng.uniform(-0.01, 0.01)) for k, v in p["others"].items()}
    LAST_MASK[:] = [m, p["orient"], others]
    return compute_facts(m, p["orient"], others).model_dump(mode="json")


# ---------------------------------------------------------------------------------------------- phrases

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
OPP = {"left": "right", "right": "left"}


def _side(v, reg, rng, only=False):
    lay = reg == "physio"
    if v in ("left", "right"):
        if only:
            return rng.choice([f"only on the {v}", f"confined to the {v} side", f"purely {v}-sided"] if not lay
                              else [f"only on your {v} side", f"just on the {v}"])
        if lay:
            return rng.choice([f"on your {v} side", f"on the {v} side of your spine", f"towards your {v}"])
        return rng.choice([f"{v}-sided", f"on the patient's {v}", f"on the {v}", f"in the {v} half of the patient"])
    if v == "bilateral":
        if lay:
            return rng.choice(["on both sides of your spine", "on your left and your right alike"])
        return rng.choice(["bilateral", "present on both sides", "on both the left and the right"])
    if lay:
        return rng.choice(["right in the middle of your spine", "in the centre, not favouring either side"])
    return rng.choice(["midline", "in the midline", "central, straddling the midline"])


def _vert(v, reg, rng, axial=True):
    lay = reg == "physio"
    table = {
        "central": ((["midway between the front and back of the slice", "in the middle third front-to-back"],
                     ["about halfway between your front and your back", "in the middle, front to back"]) if axial else
                    (["midway between the head and feet ends of the image", "at mid-height on the slice"],
                     ["about halfway up the picture", "in the middle of the picture, top to bottom"])),
        "anterior": (["anteriorly, in the front half of the slice", "in the anterior part of the slice", "towards the front of the body"],
                     ["towards the front of your body", "nearer your tummy side than your back"]),
        "posterior": (["posteriorly, in the back half of the slice", "in the posterior part of the slice", "towards the back of the body"],
                      ["towards your back", "nearer the skin of your back than your tummy"]),
        "superior": (["in the cranial part of the image", "towards the head end of the slice", "superiorly, in the upper half of the image"],
                     ["higher up, towards your head", "in the upper part of the picture, towards your head"]),
        "inferior": (["in the caudal part of the image", "towards the feet end of the slice", "inferiorly, in the lower half of the image"],
                     ["lower down, towards your feet", "in the lower part of the picture, towards your feet"]),
    }
    return rng.choice(table[v][1 if lay else 0])


REL_WORD = {"left_of": ("to the patient's left of", "to your left of"),
            "right_of": ("to the patient's right of", "to your right of"),
            "anterior_to": ("anterior to", "in front of"), "posterior_to": ("posterior to", "behind"),
            "superior_to": ("cranial to", "above"), "inferior_to": ("caudal to", "below")}
REL_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def _rel(rel, other, reg, rng):
    w = REL_WORD[rel][1 if reg == "physio" and rel not in ("left_of", "right_of") else 0]
    if reg == "physio" and rel in ("left_of", "right_of"):
        w = REL_WORD[rel][1]
    return f"{w} the {other}"


def _size(v, reg, rng):
    lay = reg == "physio"
    t = {"small": (["small", "small in area", "of small extent"], ["small", "quite small"]),
         "medium": (["medium-sized", "moderate in size", "mid-sized"], ["medium-sized", "middling in size"]),
         "large": (["large", "bulky", "large in area"], ["large", "big"])}
    return rng.choice(t[v][1 if lay else 0])


def _pct_str(x):
    if x >= 10:
        return f"{x:.0f}"
    if x >= 1:
        return f"{x:.1f}"
    return f"{x:.2f}"


def _count(n, reg, rng, name_unit):
    if n == 1:
        return rng.choice([f"a single {name_unit}", f"one contiguous {name_unit}", f"one solitary {name_unit}"])
    units = "foci" if name_unit == "focus" else name_unit + "s"
    return rng.choice([f"{NUM[n]} separate {units}", f"{NUM[n]} distinct {units}", f"{n} discrete {units}"])


# ---------------------------------------------------------------------------------------------- builder

class _Row:
    def __init__(self, p, f, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, f, style, rng, defect
        self.turns, self.pending, self.ledger = [], [], []
        self.axial = p["orient"][1] == "P"
        self.lat, self.vert, self.sz, self.n = f["laterality"], f["vertical"], f["size_class"], f["components"]
        self.rels = [(r["other"], r["relation"]) for r in f["relations"]]
        self.af = f["area_fraction"]

    def say(self, role, text):
        idx = len(self.turns)
        for c in self.pending:
            assert c["snip"].lower() in text.lower(), (c, text)
            c["turn"], c["role"] = idx, role
        self.ledger.extend(self.pending)
        self.pending = []
        self.turns.append({"role": role, "content": text})

    def claim(self, kind, value, snip, false=False, corrected=False):
        self.pending.append(dict(kind=kind, value=value, snip=snip, false=false, corrected=corrected))
        return snip

    # -- true and false claim makers; each returns a phrase and logs it
    def side(self, false=False, corrected=False, only=None):
        reg, rng = self.style, self.rng
        if not false:
            v = self.lat
            return self.claim("laterality", v, _side(v, reg, rng), corrected=corrected)
        if self.lat in ("left", "right"):
            v = OPP[self.lat]
            ph = _side(v, reg, rng)
        elif self.lat == "bilateral":
            v = rng.choice(["left", "right"])
            ph = _side(v, reg, rng, only=True)
        else:
            v = rng.choice(["left", "right"])
            ph = _side(v, reg, rng, only=True)
        return self.claim("laterality", v, ph, false=True, corrected=corrected)

    def pos(self, false=False, corrected=False, force=None):
        reg, rng = self.style, self.rng
        if force is not None:
            if force[0] == "rel":
                return self.claim("position", force, _rel(force[2], force[1], reg, rng))
            return self.claim("position", force, _vert(force[1], reg, rng, self.axial))
        # a false relation is only ever drawn on the front-back / head-foot axis (a flipped left_of reads as a side claim)
        rels = [r for r in self.rels if not false or r[1] not in ("left_of", "right_of")]
        use_rel = rels and (self.vert == "central" or rng.random() < 0.5)
        if use_rel:
            other, rel = rng.choice(rels)
            if false:
                rel = REL_FLIP[rel]
            return self.claim("position", ("rel", other, rel), _rel(rel, other, reg, rng), false=false,
                              corrected=corrected)
        v = self.vert
        if false:
            pairs = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
            v = pairs.get(v) or rng.choice(["anterior", "posterior"] if self.axial else ["superior", "inferior"])
        return self.claim("position", ("vertical", v), _vert(v, reg, rng, self.axial), false=false, corrected=corrected)

    def size(self, false=False, corrected=False, pct=None):
        reg, rng = self.style, self.rng
        x = self.af * 100
        if pct is None:
            pct = rng.random() < 0.35
        if pct:
            if false:
                x = x * rng.choice([6, 8, 12]) if self.af < 0.02 else x / rng.choice([6, 8, 12])
            s = _pct_str(x)
            ph = rng.choice([f"about {s}% of the image", f"roughly {s}% of the slice area",
                             f"around {s} per cent of the picture"])
            return self.claim("size", ("pct", float(s)), ph, false=false, corrected=corrected)
        v = self.sz
        if false:
            v = {"small": rng.choice(["large", "medium"]), "large": "small",
                 "medium": rng.choice(["small", "large"])}[v]
        return self.claim("size", ("class", v), _size(v, reg, rng), false=false, corrected=corrected)

    def count(self, false=False, corrected=False):
        n = self.n
        if false:
            n = rng_choice_wrong(self.rng, n)
        unit = self.unit()
        return self.claim("count", n, _count(n, self.style, self.rng, unit), false=false, corrected=corrected)

    def mine(self, ph):
        new = ph.replace("your ", "my ")
        self.pending[-1]["snip"] = new
        return new

    def unit(self):
        return {"vertebral metastases": "deposit", "sacral perineural cysts": "cyst",
                "right sacroiliitis": "focus", "psoas muscles": "region", "paraspinal muscles": "region",
                "lumbar facet joints": "region", "pars interarticularis defects": "defect",
                "sacroiliac joints": "region", "ligamentum flavum": "band"}.get(self.p["target"], "region")


def rng_choice_wrong(rng, n):
    if n == 1:
        return rng.choice([2, 3])
    opts = [k for k in (1, n - 1, n + 1) if k >= 1 and k != n and k <= 6]
    return rng.choice(opts)


def _cap(s):
    return s[0].upper() + s[1:]


def _conv(orient):
    if orient == "RP":
        return "this series is displayed in neurological convention, so the patient's left is on the viewer's left"
    return "the usual radiological convention applies here, with the patient's left on the viewer's right"


def _traps(p, lat, rng, k):
    pool = list(p["know"])
    if lat in ("left", "right"):
        pool += [s.format(opp=OPP[lat]) for s in p["sided_other"]]
    rng.shuffle(pool)
    return pool[:k]


QUANT = ["ODI today is 42%.", "VAS 7/10 on standing.", "She had 80 mg methylprednisolone by transforaminal injection 6 weeks ago.",
         "Age 58, BMI 31.", "Symptoms for 14 weeks.", "Pain score dropped from 8/10 to 3/10 after the block.",
         "Modic type 1 change at L3/L4, 30% of the endplate.", "Pfirrmann grade IV at L3/L4.",
         "Grade 1 anterolisthesis of L4 on L5 (4 mm).", "Canal AP diameter 9 mm at C4-5.",
         "Straight-leg raise positive at 40 degrees.", "Neuropathic pain score DN4 5/10."]


def _leg_words(p, lat):
    limb = "arm" if "cervical" in p["region"] else ("buttock" if p["region"] == "pelvis" else "leg")
    if lat in ("left", "right"):
        return {"leg": f"{lat} {limb}", "arm": f"{lat} arm", "buttock": f"{lat} buttock", "legside": lat}
    return {"leg": f"both {limb}s", "arm": "both arms", "buttock": "both buttocks", "legside": "either"}


def _first_q(row):
    p, rng, st = row.p, row.rng, row.style
    clue = rng.choice(p["clues"]).format(**_leg_words(p, row.lat))
    if row.defect == "names_target" and clue.endswith("?"):
        ask, c2 = p["ask"], clue[0].upper() + clue[1:]
        return {"report": f"{ask} {c2}",
                "surgeon": f"{ask} The clinical question: {c2}",
                "physio": f"My physio said the scan shows it. {ask} They asked: {c2}",
                "mdbullets": f"{ask}\n\n{c2} Answer in bullets."}[st]
    if row.defect == "names_target":
        ask = p["ask"]
        return {"report": f"{ask} Clinical: {clue}.",
                "surgeon": f"{ask} For context, {clue}. What's the plan?",
                "physio": f"My physio said the scan shows it. {ask} I have {clue}.",
                "mdbullets": f"{ask} Background: {clue}. Answer in bullets."}[st]
    img = "this coronal slice" if p["orient"] == "LI" else "this axial slice"
    if clue.endswith("?"):
        c2 = clue[0].upper() + clue[1:]
        return rng.choice({
            "report": [f"{c2} Please mark it on {img}.", f"Clinic query. {c2} Segment on {img}."],
            "surgeon": [f"Quick one from clinic. {c2} Could you mark it for me?", f"{c2} Show me on {img}, please."],
            "physio": [f"Someone asked me this: {clue} Can you show me on my scan?", f"{c2} Is that on my scan? Can you show me?"],
            "mdbullets": [f"{c2} Segment it on {img} and explain.", f"Q: {c2} Please segment and explain in bullets."],
        }[st])
    return rng.choice({
        "report": [f"Referral: {clue}. Which structure on {img} is responsible? Mark it.",
                   f"Query from clinic: {clue}. What should be outlined on {img}?"],
        "surgeon": [f"I'm seeing a patient in clinic: {clue}. What on {img} do you think matters, and can you mark it?",
                    f"GP letter here: {clue}. Could you point out the relevant structure on {img}?"],
        "physio": [f"I've got {clue}. What is it on my scan that you'd look at? Can you show me?",
                   f"The doctor mentioned {clue}. What part of my scan is that about?"],
        "mdbullets": [f"Given {clue}, which structure in {img} is the answer? Please segment it and explain.",
                      f"Question: {clue}. Identify and segment the relevant structure on {img}."],
    }[st])


def build(p, facts, style, rng, defect):
    row = _Row(p, facts, style, rng, defect)
    claim_defect = defect in ("laterality", "position", "size", "count")
    where = rng.choice(["first", "follow", "premise"]) if claim_defect else None
    # a position defect needs a position handle; a central target without relations has none
    if defect == "position" and row.vert == "central" and not row.rels:
        pass  # pos(false=True) falls back to a directional claim, which is false for a central target
    row.say("user", _first_q(row))

    # ---------- first answer
    parts = []
    name, lay = p["name"], p["lay"]
    if p["target"] == "sacral perineural cysts" and row.n == 1:
        name, lay = "sacral perineural (Tarlov) cyst", "a fluid pouch on a nerve root in your tailbone area"
    kinds = ["side", "pos", "size", "count"]
    rng.shuffle(kinds)
    shown = kinds[:rng.choice([2, 3])]
    dk = {"laterality": "side", "position": "pos", "size": "size", "count": "count"}.get(defect)
    if where == "first":
        if dk not in shown:
            shown[0] = dk
    elif dk in shown:  # a defect row states its defect kind once, falsely, and nowhere truly
        shown.remove(dk)
    fr = {}
    for k in shown:
        false = where == "first" and {"side": "laterality", "pos": "position", "size": "size", "count": "count"}[k] == defect
        fr[k] = getattr(row, k)(false=false)
    if where == "first" and defect == "position" and fr.get("pos") is None:
        fr["pos"] = row.pos(false=True)
    # self-correction of a slip (clean rows and rows whose defect sits elsewhere)
    slip = (defect is None or where != "first") and rng.random() < 0.25 and row.lat in ("left", "right") and "side" in fr
    slip_txt = ""
    if slip and not (defect == "laterality"):
        wrong = row.claim("laterality", OPP[row.lat], f"{OPP[row.lat]}-sided" if style != "physio" else f"on your {OPP[row.lat]}",
                          false=True, corrected=True)
        slip_txt = {"report": f" Correction to the line above: I typed {wrong}; read it as the patient's {row.lat}.",
                    "surgeon": f" (Apologies, my dictation first said {wrong}; it is the patient's {row.lat}.)",
                    "physio": f" Sorry, I nearly said {wrong} there; it's definitely your {row.lat} side.",
                    "mdbullets": f"\n- *Correction:* an earlier draft said {wrong}; the correct side is the patient's {row.lat}."}[style]
        row.claim("laterality", row.lat, f"patient's {row.lat}" if style != "physio" else f"your {row.lat} side")

    sent = []
    if "side" in fr:
        sent.append(("side", fr["side"]))
    if fr.get("pos"):
        sent.append(("pos", fr["pos"]))
    if "size" in fr:
        sent.append(("size", fr["size"]))
    if "count" in fr:
        sent.append(("count", fr["count"]))
    trap = _traps(p, row.lat, rng, 6)
    quant = rng.choice(QUANT)
    conv = _conv(p["orient"]) if rng.random() < 0.4 else None

    if style == "report":
        lines = [f"{_cap(name)} [SEG]."]
        for k, ph in sent:
            lines.append({"side": f"Side: {ph}.", "pos": f"Position: {ph}.", "size": f"Extent: {ph}.",
                          "count": f"Comprises {ph}."}[k])
        body = " ".join(lines) + slip_txt
        if conv:
            body += f" Note: {conv}."
        body += f" {trap[0]} {quant}"
        text = f"FINDINGS: {body}\nIMPRESSION: {name} as marked; correlate with the clinical level."
    elif style == "surgeon":
        bits = [f"Thanks for the referral. The relevant structure is the {name}, which I've outlined [SEG]."]
        for k, ph in sent:
            bits.append(rng.choice({"side": [f"It is {ph}.", f"On my reading it's {ph}."],
                                    "pos": [f"It sits {ph}.", f"On the slice it lies {ph}."],
                                    "size": [f"It is {ph}.", f"I'd call it {ph}."],
                                    "count": [f"There are {ph} to deal with." if row_n(k, ph) else f"It is {ph}.",
                                              f"I count {ph}."]}[k]))
        text = " ".join(bits) + slip_txt + f" {trap[0]} {quant}"
        if conv:
            text += f" For orientation, {conv}."
        text += " Happy to see them back in clinic in 6 weeks."
    elif style == "physio":
        bits = [f"What we're looking at is {lay} (doctors call this the {name}); I've shaded it on the picture [SEG]."]
        for k, ph in sent:
            bits.append(rng.choice({"side": [f"It's {ph}.", f"You'll see it's {ph}."],
                                    "pos": [f"It sits {ph}.", f"On this picture it's {ph}."],
                                    "size": [f"It's {ph}.", f"Honestly, it's {ph}."],
                                    "count": [f"There's {ph} on this picture." if ph.startswith(('a ', 'one')) else f"There are {ph} on this picture.",
                                              f"If you count them, it's {ph}."]}[k]))
        text = " ".join(bits) + slip_txt + f" {rng.choice(['Worth knowing:', 'For context,', 'A bit of background:'])} {trap[0][0].lower() + trap[0][1:] if trap[0][1].islower() else trap[0]}"
        if conv:
            text += f" One thing that confuses everyone: {conv}."
    else:
        bits = [f"**Answer:** the {name} [SEG]", ""]
        for k, ph in sent:
            bits.append({"side": f"- **Side:** {ph}", "pos": f"- **Position:** {ph}", "size": f"- **Size:** {ph}",
                         "count": f"- **Pieces:** {ph}"}[k])
        bits.append(f"- **Context:** {trap[0]}")
        if conv:
            bits.append(f"- **Display:** {conv}")
        text = "\n".join(bits) + slip_txt
    row.say("assistant", text)

    # ---------- follow-up rounds
    n_rounds = rng.choice([1, 2, 2, 3])
    topics = ["side", "pos", "size", "count", "know"]
    rng.shuffle(topics)
    topics = topics[:n_rounds]
    if dk in topics:
        topics.remove(dk)
    if where in ("follow", "premise"):
        topics = topics[:n_rounds - 1]
        topics.insert(rng.randrange(len(topics) + 1), dk)
    if not topics:
        topics = ["know"]
    rest = trap[1:]
    for t in topics:
        false_here = where in ("follow", "premise") and t == dk
        _round(row, t, false_here, where if false_here else None, rest)
    LEDGER.append(row.ledger)
    return row.turns, ([defect] if defect else [])


def row_n(k, ph):
    return not ph.startswith(("a single", "one "))


def _round(row, t, false_here, where, traps):
    p, rng, st = row.p, row.rng, row.style
    lat = row.lat
    if t == "know":
        q = {"report": "Any general point worth adding for the referrer?",
             "surgeon": "What would you usually tell a colleague about this kind of finding?",
             "physio": "Is this common? Should I be worried about it?",
             "mdbullets": "Give me some general background on this."}[st]
        extra = traps.pop(0) if traps else rng.choice(QUANT)
        hyp = ""
        if lat in ("left", "right") and row.defect != "laterality" and rng.random() < 0.6:
            hyp = {"report": f" Had it been on the {OPP[lat]}, symptoms would be expected on the {OPP[lat]} instead.",
                   "surgeon": f" If it had been on the {OPP[lat]}, I'd expect the {OPP[lat]} limb to be the painful one.",
                   "physio": f" If it were on your {OPP[lat]}, you'd feel it on the {OPP[lat]} instead.",
                   "mdbullets": f"\n- *Hypothetically*, a {OPP[lat]}-sided lesion would give {OPP[lat]}-sided symptoms."}[st]
        a = {"report": f"{extra} {rng.choice(QUANT)}",
             "surgeon": f"{extra} In my practice we reassess at 6-12 weeks before talking about surgery.",
             "physio": f"Good question. {extra} Keep walking; 20-30 minutes a day is a good start.",
             "mdbullets": f"- {extra}\n- Typical follow-up imaging interval: 3-6 months when needed."}[st] + hyp
        row.say("user", q)
        row.say("assistant", a)
        return

    maker = getattr(row, t)
    if where == "premise":
        # the user states the false claim; the assistant goes on without correcting it
        ph = maker(false=True)
        if st == "physio":
            ph = row.mine(ph)
        q = {"side": {"report": f"So it's {ph} - does that fit the exam?", "surgeon": f"Given it's {ph}, which approach would you take?",
                      "physio": f"So it's {ph}. Is that why that side hurts more when I bend?",
                      "mdbullets": f"OK, it's {ph}. What does that imply for treatment?"},
             "pos": {"report": f"Noted it lies {ph}. Any effect on the adjacent roots?", "surgeon": f"Since it sits {ph}, is it reachable percutaneously?",
                     "physio": f"So it's {ph}. Does that change my exercises?", "mdbullets": f"Given it lies {ph}, what's next?"},
             "size": {"report": f"It's {ph}, then. Does that change management?", "surgeon": f"Being {ph}, does it need surgery?",
                      "physio": f"So it's {ph}. Is that bad?", "mdbullets": f"Since it's {ph}, what are the options?"},
             "count": {"report": f"With {ph}, any other level to mention?", "surgeon": f"With {ph}, would you treat them in one go?",
                       "physio": f"So there's {ph}. Does that mean more treatment?", "mdbullets": f"Given {ph}, summarise the plan."}}[t][st]
        a = {"report": f"Correlate clinically. {rng.choice(QUANT)}",
             "surgeon": "We'd start with a supervised conservative programme and review in clinic; I'll set out the options then.",
             "physio": "It doesn't change much for now: we keep you moving, build up gently, and we'll review in four weeks.",
             "mdbullets": "- Conservative care first\n- Review at 6 weeks\n- Escalate if red flags appear"}[st]
        row.say("user", q)
        row.say("assistant", a)
        return

    # a plain question, or (clean or other rows) a false premise the assistant corrects
    correct_premise = not false_here and rng.random() < 0.35
    if correct_premise:
        if t == "side" and lat in ("left", "right") and row.p["orient"] in ("LP", "LI") and rng.random() < 0.6:
            screen = "right" if row.f["centroid_normalized"][0] > 0.5 else "left"
            wrong = row.claim("laterality", OPP[lat], f"on the {OPP[lat]}", false=True, corrected=True)
            q = f"It's on the {screen} of the screen, so the problem is {wrong}, isn't it?"
        else:
            ph = maker(false=True, corrected=True)
            premise_val = row.pending[-1]["value"]
            if st == "physio":
                ph = row.mine(ph)
            if True:
                q = {"side": f"I thought it was {ph}?", "pos": f"Isn't it {ph}?", "size": f"I'd read it as {ph} - agree?",
                     "count": f"I see {ph} - right?"}[t]
    if not correct_premise:
        q = {"side": {"report": "Side, in patient terms?", "surgeon": "Which side are we dealing with?",
                      "physio": "Which side is it on, from my point of view?", "mdbullets": "Which side of the patient is it on?"},
             "pos": {"report": "Exact location on this slice?", "surgeon": "Where does it sit relative to its neighbours?",
                     "physio": "Whereabouts is it exactly?", "mdbullets": "Where exactly is it on this image?"},
             "size": {"report": "Size?", "surgeon": "How big is it, roughly?", "physio": "How big is it? Is it a big one?",
                      "mdbullets": "How large is the segmented area?"},
             "count": {"report": "Single or multiple?", "surgeon": "Is it one lesion or several?", "physio": "Is there just one or more than one?",
                       "mdbullets": "How many separate pieces does the segmentation have?"}}[t][st]
    row.say("user", q)
    if correct_premise and t == "pos":  # answer the corrected premise with the true version of it
        if premise_val[0] == "rel":
            ph = row.pos(force=("rel", premise_val[1], REL_FLIP[premise_val[2]]))
        else:
            ph = row.pos(force=("vertical", row.vert))
    else:
        ph = maker(false=false_here)
    neg = ""
    if t == "side" and not false_here:
        if lat in ("left", "right"):
            neg = {"report": f" Not {OPP[lat]}.", "surgeon": f" Nothing on the {OPP[lat]} side.",
                   "physio": f" It's not on your {OPP[lat]}.", "mdbullets": f"\n- Not on the {OPP[lat]}"}[st]
        elif lat == "bilateral":
            neg = {"report": " Not confined to one side.", "surgeon": " It isn't a one-sided problem.",
                   "physio": " It isn't just one side.", "mdbullets": "\n- Not one-sided"}[st]
        else:
            neg = {"report": " Neither left nor right predominant.", "surgeon": " It doesn't favour either side.",
                   "physio": " It doesn't lean to one side.", "mdbullets": "\n- No side predominance"}[st]
    lead = ""
    if correct_premise:
        lead = {"report": "No. ", "surgeon": "Not quite. ", "physio": "Easy mix-up, but no. ", "mdbullets": "- **Correction:** that's not right.\n"}[st]
    frame = {"side": {"report": "{Ph}.", "surgeon": "It's {ph}.", "physio": "It's {ph}.", "mdbullets": "- It is {ph}"},
             "pos": {"report": "Position: {ph}.", "surgeon": "It sits {ph}.", "physio": "It sits {ph}.", "mdbullets": "- Located {ph}"},
             "size": {"report": "{Ph}.", "surgeon": "It's {ph}.", "physio": "It's {ph}.", "mdbullets": "- Size: {ph}"},
             "count": {"report": "{Ph}.", "surgeon": "There's {ph}." if ph.startswith(("a ", "one ")) else "There are {ph}.",
                       "physio": "I can see {ph}.", "mdbullets": "- {Ph}"}}[t][st]
    body = frame.format(ph=ph, Ph=_cap(ph))
    tail = traps.pop(0) if traps and rng.random() < 0.5 else rng.choice(QUANT)
    tail = {"report": f" {tail}", "surgeon": f" {tail}", "physio": f" {tail}", "mdbullets": f"\n- Aside: {tail}"}[st]
    row.say("assistant", lead + body + neg + tail)
