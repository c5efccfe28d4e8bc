"""Bank DP: conversations as real LLMs write them when driven by medseg-qa's own v2 generation prompt.

Written without reading QC (no file under medseg_qa/qc/ or medseg_qa/knowledge*, no test, no bench, no
other bank was opened). The writer read only pipelines/prompts/v2/*, medseg_qa/llm/prompts.py,
medseg_qa/llm/template.py (first part), medseg_qa/facts.py and medseg_qa/patient.py.

The v2 prompt asks an LLM for an implicit first question in one of four styles (function, clinical
scenario, anatomical relation, differential), a first answer that names the structure with one [SEG]
right after the name, follow-ups about side, position, size, parts, relations, function or clinical
relevance, every image claim copied from the measured facts. This bank imitates four models answering it:

- "gpt4o_mini": compact, confident, **bold** values, sometimes bullet lists;
- "qwen": slightly formal, numbered reasoning steps, then the answer;
- "mistral": chatty and hedged, long sentences with many subordinate clauses;
- "local_small": a small local model: restates the question, repeats the name, clumsy grammar, yet
  every image claim exactly as the facts say.

Targets (head and neck, musculoskeletal, cardiac, pelvic; CT, MR, XR): parotid glands (both / left),
mandible, thyroid gland, right thyroid lobe, submandibular glands, metastatic lymph nodes (one side /
both sides), femoral heads, right femoral head (pelvic film), menisci, femoral cartilage, lumbar vertebral
bodies (5 / 4 pieces), L3 vertebral body, clavicles, patella, heart (chest film), left atrium, right
ventricle, left ventricle myocardium, aorta (ascending + descending), urinary bladder (two sizes),
prostate, prostate lesion (one / two foci), uterus, ovarian cysts (both sides / three on the left),
rectal tumour (central / left wall), seminal vesicles. Over half are bilateral, midline or multi-piece.

Every row carries misreadable true sentences: radiological-convention explanations, true negations,
knowledge about other structures with side/position/size words, population percentages, hypotheticals,
closing questions, and (mostly in clean rows) a user's false idea that the assistant explicitly corrects.
Defects: one false claim (laterality, position, size, count) or a first question that names the target;
about 1 in 5 planted as an uncorrected user premise, about 1 in 5 in a follow-up answer.

`LEDGER` gets one entry per `build` call: every image claim the row makes, with its role and turn, for
the writer's own reader (/work/notes/qcdp_scripts/check_dp.py). Own check on heldout_dp.jsonl (seed
20261247): rows: 420 clean: 210 defect: 210 (42 per kind) problems: 0.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["gpt4o_mini", "qwen", "mistral", "local_small"]
LEDGER: list = []  # one dict per build() call, for the writer's own reader

# ------------------------------------------------------------------------------------------------
# profiles


def _p(key, target, mod, region, orient, shapes, others, *, plural, noun, gnoun, short, names, leak,
       fn, clin, kbrel, diff, why, know, traps, piece="parts"):
    return dict(key=key, target=target, mod=mod, region=region, orient=orient, shapes=shapes, others=others,
                plural=plural, noun=noun, gnoun=gnoun, short=short, names=names, leak=leak, fn=fn, clin=clin,
                kbrel=kbrel, diff=diff, why=why, know=know, traps=traps, piece=piece)


_PAROTID_KNOW = [
    "The facial nerve runs through the gland and divides it into a superficial and a deep lobe.",
    "Roughly 80% of salivary gland tumours arise in the parotid, most of them benign pleomorphic adenomas.",
    "The parotid duct crosses the masseter and pierces the buccinator before opening into the mouth.",
]
_PAROTID_TRAPS = [
    "The submandibular glands lie lower and further forward, under the floor of the mouth.",
    "The external carotid artery passes through the deep part of the gland on each side, behind the "
    "retromandibular vein.",
    "The masseter muscle lies in front of the gland, lateral to the ramus, on both sides.",
]
_THY_KNOW = [
    "Its two lobes are joined across the front of the trachea by the isthmus.",
    "Nodules are found in up to 50% of adults on ultrasound, and most of them are benign.",
    "A pyramidal lobe rising from the isthmus is present in about a third of people.",
]
_THY_TRAPS = [
    "The recurrent laryngeal nerves run in the grooves between the trachea and the oesophagus on both sides.",
    "The common carotid arteries lie lateral to the lobes, the left one lateral to the left lobe.",
    "The oesophagus usually sits slightly to the left of the midline, behind the trachea.",
]
_NODE_KNOW = [
    "Spread to the neck roughly halves survival in head and neck squamous cell cancer.",
    "Level II, along the upper jugular chain, is the commonest site of spread from oropharyngeal primaries.",
    "Necrosis and extranodal extension both change the stage and the treatment plan.",
]
_NODE_TRAPS = [
    "The right internal jugular vein is usually larger than the left.",
    "The spinal accessory nerve crosses level II posteriorly on each side.",
    "Spread to the opposite side is more likely when the primary crosses the midline.",
]
_FEM_KNOW = [
    "Their blood supply comes mainly from the medial circumflex femoral artery, which is why displaced neck "
    "fractures risk avascular necrosis.",
    "The ligamentum teres carries a small artery that matters mostly in children.",
    "Non-traumatic avascular necrosis is bilateral in up to 70% of cases.",
]
_FEM_TRAPS = [
    "The sciatic nerve runs behind the joint on each side.",
    "The femoral arteries run in front of the joints, lateral to the femoral veins, on the left and right.",
    "The bladder lies in front of and between the two joints at this level.",
]
_LUMBAR_KNOW = [
    "There are usually five lumbar vertebrae, though a transitional sixth or a sacralised fifth occurs in "
    "about 10% of people.",
    "Each body is wider from side to side than from front to back.",
    "The L4-L5 and L5-S1 discs are the commonest sites of disc herniation.",
]
_LUMBAR_TRAPS = [
    "The psoas muscles lie on both sides of the column, widening as they go down.",
    "The aorta usually lies slightly to the left of the midline, in front of the column.",
    "The right kidney usually sits lower than the left because of the liver above it.",
]
_BLADDER_KNOW = [
    "A normal adult one holds about 400 to 600 ml.",
    "Its wall is the detrusor muscle, lined by urothelium.",
    "Roughly 90% of its cancers are urothelial carcinomas.",
]
_BLADDER_TRAPS = [
    "The ureters enter its back wall obliquely on the left and the right.",
    "The prostate lies below it in men, outside this slice.",
    "The rectum lies behind it, separated in women by the uterus and the vagina.",
]
_PL_KNOW = [
    "About 70% of clinically significant cancers arise in the peripheral zone.",
    "A score of 4 or 5 on the five-point PI-RADS scale makes clinically significant cancer likely.",
    "Peripheral-zone lesions of 1.5 cm or more are scored higher.",
]
_PL_TRAPS = [
    "The neurovascular bundles run at the posterolateral corners of the gland on both sides.",
    "The transition zone enlarges with age and sits in front, around the urethra.",
    "The seminal vesicles lie above the gland, behind the bladder, one on each side.",
]
_CYST_KNOW = [
    "Most simple ones under 5 cm in premenopausal women are functional and resolve within a few cycles.",
    "Torsion becomes a real risk once one exceeds about 5 cm.",
    "The O-RADS system grades the risk of adnexal findings from 1 to 5.",
]
_CYST_TRAPS = [
    "The uterus normally sits in the midline between the two ovaries.",
    "The external iliac vessels run along the pelvic side walls on both sides.",
    "The right ovarian vein drains into the inferior vena cava, the left one into the left renal vein.",
]
_RECT_KNOW = [
    "Staging MRI focuses on the distance to the mesorectal fascia, the circumferential resection margin.",
    "A margin of 1 mm or less predicts local recurrence.",
    "About a third of colorectal cancers arise in the rectum.",
]
_RECT_TRAPS = [
    "The seminal vesicles lie in front of the upper rectum, one on each side.",
    "The sacrum lies behind, with the presacral space in between.",
    "The left and right levator ani form the pelvic floor below it.",
]

_M_PAROTID = dict(
    short=["the parotid glands", "the parotids"], names=[r"parotid"],
    leak=["parotid glands", "parotids", "parotid"],
    diff=["the masseter muscles", "enlarged upper neck lymph nodes"],
    why=["The largest salivary glands, lying in front of the ears and threaded by the facial nerve, are the "
         "parotid glands.",
         "Mumps classically makes both parotid glands swell, and they are the main organs at risk for a dry "
         "mouth after neck radiotherapy."],
    know=_PAROTID_KNOW, traps=_PAROTID_TRAPS)

PROFILES = [
    _p("parotid_both", "parotid glands", "CT", "head and neck", "LP",
       [("e", 72, 136, 16, 24, 0), ("e", 184, 136, 16, 24, 0)],
       {"mandible": (0.5, 0.33), "spinal cord": (0.5, 0.65)},
       plural=True, noun="glands", gnoun="the glands", piece="glands",
       fn=["secrete mostly watery, serous saliva through ducts that open opposite the upper second molars",
           "are the largest salivary glands and are crossed by the facial nerve"],
       clin=["A boy has fever and painful swelling in front of both ears during a mumps outbreak at his school.",
             "A patient is planned for neck radiotherapy, and the team wants to spare the main source of "
             "stimulated saliva to avoid a permanently dry mouth."],
       kbrel=["sit in front of the ears, wrapped around the back edge of the jaw",
              "are traversed by the facial nerve and the retromandibular vein"],
       **_M_PAROTID),
    _p("parotid_left", "left parotid gland", "MR", "head and neck", "LP",
       [("e", 182, 134, 17, 25, 0)],
       {"mandible": (0.5, 0.33), "right parotid gland": (0.29, 0.53), "spinal cord": (0.5, 0.65)},
       plural=False, noun="gland", gnoun="the gland",
       fn=["secretes mostly serous saliva through a duct that opens opposite the upper second molar",
           "is the largest salivary gland and is threaded by the facial nerve"],
       clin=["A 45-year-old notices a slowly growing, painless lump just in front of and below the left ear.",
             "A patient with a left-sided facial palsy has a firm lump in front of the left ear, and the team "
             "wants the gland it arises from."],
       kbrel=["sits in front of the left ear, wrapped around the back edge of the jaw",
              "is threaded by the facial nerve and the retromandibular vein"],
       **{**_M_PAROTID, "short": ["the left parotid", "the left parotid gland"],
          "leak": ["left parotid gland", "parotid", "left parotid"], "diff": ["the left masseter muscle",
                                                                              "a level II lymph node"],
          "why": ["A salivary gland in front of the ear, threaded by the facial nerve and draining opposite the "
                  "upper second molar, is the parotid; here it is the left one.",
                  "A slow, painless lump in front of the ear is most often a pleomorphic adenoma of the parotid "
                  "gland, so the left parotid is the structure to examine."]}),
    _p("mandible", "mandible", "CT", "head and neck", "LP",
       [("arc", 128, 112, 44, 195, 345, 7)],
       {"tongue": (0.5, 0.42), "spinal cord": (0.5, 0.66)},
       plural=False, noun="bone", gnoun="the bone", short=["the mandible", "the lower jaw"],
       names=[r"mandib", r"\bjaw"], leak=["mandible", "lower jaw", "mandibular arch"],
       fn=["carries the lower teeth and is the only skull bone that moves when we chew",
           "gives attachment to the masseter, temporalis and pterygoid muscles"],
       clin=["After a punch to the face, a young man has a new malocclusion, numbness of the lower lip and chin, "
             "and pain on opening his mouth.",
             "A patient on long-term bisphosphonates has exposed bone in the floor of the mouth after a molar "
             "extraction."],
       kbrel=["forms a U-shaped arch around the floor of the mouth and the tongue",
              "holds the lower teeth and frames the floor of the mouth"],
       diff=["the hyoid bone", "the maxilla"],
       why=["A U-shaped bone that carries the lower teeth and moves for chewing is the mandible.",
            "Lip and chin numbness after facial trauma points to a fracture of the mandible involving the "
            "inferior alveolar nerve."],
       know=["Its two halves fuse at the symphysis during the first year of life.",
             "The condylar neck is the commonest fracture site, roughly a third of all fractures.",
             "The inferior alveolar nerve runs in a canal inside the bone and supplies the lower lip."],
       traps=["The tongue sits inside the arch, and the hyoid bone lies below and behind it.",
              "The parotid glands lie behind the ramus on the left and the right.",
              "The maxilla above holds the upper teeth and is fixed to the skull."]),
    _p("thyroid", "thyroid gland", "CT", "neck", "LP",
       [("e", 104, 100, 12, 22, 0), ("e", 152, 100, 12, 22, 0), ("e", 128, 88, 22, 6, 0)],
       {"trachea": (0.5, 0.47), "oesophagus": (0.52, 0.58)},
       plural=False, noun="gland", gnoun="the gland", short=["the thyroid", "the thyroid gland"],
       names=[r"thyr", r"goit"], leak=["thyroid", "thyroid gland", "goitre"],
       fn=["makes the hormones T4 and T3 that set the body's metabolic rate",
           "traps iodine to make the hormones that regulate metabolism"],
       clin=["A 34-year-old woman has weight loss, heat intolerance, a fine tremor and bulging eyes.",
             "A neck lump moves up when the patient swallows, and imaging is planned to assess it."],
       kbrel=["wraps around the front of the trachea just below the larynx",
              "lies in front of the trachea with a lobe on each side joined by an isthmus"],
       diff=["the strap muscles", "enlarged central neck lymph nodes"],
       why=["A gland wrapped around the front of the trachea that makes T4 and T3 is the thyroid.",
            "Weight loss, tremor, heat intolerance and eye signs are Graves disease, which is a disease of the "
            "thyroid gland."],
       know=_THY_KNOW, traps=_THY_TRAPS),
    _p("thyroid_right", "right thyroid lobe", "CT", "neck", "LP",
       [("e", 98, 102, 13, 22, 0)],
       {"trachea": (0.5, 0.47), "right common carotid artery": (0.30, 0.48)},
       plural=False, noun="structure", gnoun="the lobe", short=["the right lobe", "the right thyroid lobe"],
       names=[r"thyr", r"goit", r"\blobe"], leak=["right thyroid lobe", "thyroid", "right lobe of the thyroid"],
       fn=["holds the right half of the hormone-making tissue that wraps around the trachea"],
       clin=["A patient is booked for removal of the right half of the gland in front of the trachea, and the "
             "surgeon wants that half outlined.",
             "Ultrasound found a 2 cm nodule on the right side of the hormone-making gland of the neck, which "
             "moves on swallowing."],
       kbrel=["lies beside the trachea, joined across the front to its partner by the isthmus",
              "sits between the trachea and the right carotid sheath"],
       diff=["the right sternocleidomastoid muscle", "a right level IV lymph node"],
       why=["Half of the gland that wraps the trachea, on the side the surgeon will operate, is the right "
            "thyroid lobe.",
            "Tissue between the trachea and the right carotid sheath that moves on swallowing is the right lobe "
            "of the thyroid gland."],
       know=_THY_KNOW, traps=_THY_TRAPS),
    _p("submandibular", "submandibular glands", "CT", "head and neck", "LP",
       [("e", 84, 92, 14, 11, 0), ("e", 172, 92, 14, 11, 0)],
       {"hyoid bone": (0.5, 0.45), "mandible": (0.5, 0.25)},
       plural=True, noun="glands", gnoun="the glands", short=["the submandibular glands", "both glands"],
       names=[r"submandib", r"submaxill"], leak=["submandibular glands", "submandibulars", "submaxillary glands"],
       fn=["make most of the resting saliva and drain beside the frenulum of the tongue",
           "produce a mixed, fairly viscous saliva through ducts that open under the tongue"],
       clin=["A man has painful swelling under the jaw every time he eats, suggesting a stone blocking a duct.",
             "Before a neck dissection the surgeon wants the salivary glands of the digastric triangles "
             "outlined."],
       kbrel=["hook around the back edge of the mylohyoid muscle on each side",
              "sit in the digastric triangles below the body of the jaw"],
       diff=["level IB lymph nodes", "the parotid glands"],
       why=["Salivary glands in the digastric triangles, draining under the tongue, are the submandibular "
            "glands.",
            "Meal-time swelling under the jaw is classic sialolithiasis, and about 80% of stones form in the "
            "submandibular glands."],
       know=["About 80% of salivary stones form in these glands, because their saliva is thicker and the duct "
             "runs uphill.",
             "Each gland wraps around the free posterior border of the mylohyoid, with a superficial and a deep "
             "part.",
             "Wharton's duct opens on a small papilla beside the frenulum of the tongue."],
       traps=["The facial artery grooves the back of each gland before crossing the jaw.",
              "The lingual nerve loops under the duct on the left and on the right.",
              "The parotid glands sit higher and further back, in front of the ears."]),
    _p("nodes_right", "metastatic lymph nodes", "MR", "head and neck", "LP",
       [("e", 60, 82, 9, 8, 0), ("e", 68, 102, 7, 6, 0), ("e", 56, 120, 6, 6, 0)],
       {"spinal cord": (0.5, 0.62), "primary tumour": (0.42, 0.37)},
       plural=True, noun="abnormalities", gnoun="the deposits", piece="deposits",
       short=["the nodal metastases", "the involved nodes"],
       names=[r"\bnod", r"lymph", r"metasta", r"gtvn"], leak=["metastatic lymph nodes", "nodal metastases",
                                                            "lymph nodes"],
       fn=["mark where a throat cancer has already spread in the neck"],
       clin=["A 62-year-old with an HPV-positive tongue-base cancer is being staged, and the radiation oncologist "
             "wants the spread in the neck contoured.",
             "A smoker with a hoarse voice has a firm, painless lump high in the right side of his neck that "
             "has grown over two months."],
       kbrel=["sit along the internal jugular vein, where throat cancers spread first"],
       diff=["the submandibular gland", "reactive swelling after a sore throat"],
       why=["Firm, enlarging deposits along the jugular chain in a patient with a throat primary are metastatic "
            "lymph nodes.",
            "Spread of an oropharyngeal cancer to the neck shows up as metastatic lymph nodes, usually at level "
            "II first."],
       know=_NODE_KNOW, traps=_NODE_TRAPS),
    _p("nodes_both", "metastatic lymph nodes", "MR", "head and neck", "LP",
       [("e", 60, 90, 8, 7, 0), ("e", 64, 112, 7, 6, 0), ("e", 192, 94, 8, 7, 0), ("e", 196, 116, 7, 6, 0)],
       {"spinal cord": (0.5, 0.64)},
       plural=True, noun="abnormalities", gnoun="the deposits", piece="deposits",
       short=["the nodal metastases", "the involved nodes"],
       names=[r"\bnod", r"lymph", r"metasta", r"gtvn"], leak=["metastatic lymph nodes", "nodal metastases",
                                                            "lymph nodes"],
       fn=["mark where a throat cancer crossing the midline has spread in the neck"],
       clin=["A patient with a base-of-tongue cancer that crosses the midline is being staged, and the spread "
             "in the neck needs contouring for radiotherapy.",
             "A 58-year-old has firm lumps high in both sides of the neck and a sore throat for three months."],
       kbrel=["sit along both internal jugular chains, where throat cancers spread first"],
       diff=["the submandibular glands", "reactive swelling after a sore throat"],
       why=["Deposits along both jugular chains from a primary that crosses the midline are metastatic lymph "
            "nodes.",
            "A tongue-base cancer that crosses the midline often spreads to metastatic lymph nodes in both "
            "sides of the neck."],
       know=_NODE_KNOW, traps=_NODE_TRAPS),
    _p("femheads", "femoral heads", "CT", "pelvis", "LP",
       [("e", 70, 132, 20, 20, 0), ("e", 186, 132, 20, 20, 0)],
       {"bladder": (0.5, 0.40), "rectum": (0.5, 0.68)},
       plural=True, noun="bony structures", gnoun="the bones", piece="pieces",
       short=["the femoral heads", "both femoral heads"],
       names=[r"femor", r"femur", r"\bhip"], leak=["femoral heads", "heads of the femur", "femoral head region"],
       fn=["carry the body's weight from the pelvis into the legs at the ball-and-socket joints",
           "are the balls that sit in the acetabular sockets"],
       clin=["An 82-year-old woman fell in her kitchen; her leg is shortened and externally rotated and she "
             "cannot bear weight.",
             "A 40-year-old on long-term steroids has deep groin pain on both sides, and avascular necrosis is "
             "suspected."],
       kbrel=["sit in the acetabula on each side of the pelvis",
              "are cupped by the acetabula and joined to the shafts by the necks"],
       diff=["the greater trochanters", "the acetabular roofs"],
       why=["The balls of the ball-and-socket joints between pelvis and legs are the femoral heads.",
            "Steroid-related avascular necrosis typically hits the femoral heads, often on both sides."],
       know=_FEM_KNOW, traps=_FEM_TRAPS),
    _p("femhead_right_xr", "right femoral head", "XR", "pelvis", "LI",
       [("e", 74, 150, 20, 20, 0)],
       {"left femoral head": (0.71, 0.59), "sacrum": (0.5, 0.35)},
       plural=False, noun="bony structure", gnoun="the bone", short=["the right femoral head",
                                                                     "the head of the right femur"],
       names=[r"femor", r"femur", r"\bhip"], leak=["right femoral head", "femoral head", "head of the femur"],
       fn=["carries the weight of the trunk into the right leg at a ball-and-socket joint"],
       clin=["A 79-year-old man tripped and landed on his right side; he now has groin pain and cannot lift his "
             "straight leg.",
             "A 13-year-old with a limp and pain referred to the right knee may have a slipped epiphysis at the "
             "top of the right thigh."],
       kbrel=["sits in the right acetabulum",
              "is capped by the right acetabular roof and joined to the shaft by the neck"],
       diff=["the right greater trochanter", "the right ischial tuberosity"],
       why=["The ball of the right ball-and-socket joint between pelvis and leg is the right femoral head.",
            "After a fall onto the right side, the right femoral head and neck are the first place to look for "
            "a fracture."],
       know=_FEM_KNOW, traps=_FEM_TRAPS),
    _p("menisci", "menisci", "MR", "knee", "LI",
       [("e", 92, 132, 22, 6, 0), ("e", 164, 132, 22, 6, 0)],
       {"femur": (0.5, 0.3), "tibia": (0.5, 0.75)},
       plural=True, noun="structures", gnoun="the pads", piece="pieces",
       short=["the menisci", "both menisci"], names=[r"menisc"], leak=["menisci", "meniscus", "meniscal tissue"],
       fn=["spread load and deepen the joint surface between the rounded condyles and the flat plateau",
           "are C-shaped fibrocartilage pads that cushion the joint"],
       clin=["A footballer twisted his knee on a planted foot; it now locks and catches, with joint-line "
             "tenderness.",
             "A 55-year-old with knee osteoarthritis has a painful click when squatting."],
       kbrel=["sit between the femoral condyles and the tibial plateau",
              "look like wedges at the inner and outer joint lines on coronal images"],
       diff=["the collateral ligaments", "the articular cartilage"],
       why=["C-shaped fibrocartilage pads between the condyles and the plateau are the menisci.",
            "Locking and catching after a twisting injury is the classic story of a torn meniscus, so the "
            "menisci are the structures to examine."],
       know=["The medial one tears more often, partly because it is attached to the medial collateral ligament.",
             "Only the outer third, the red zone, has a good blood supply.",
             "Discoid variants are seen in about 1 to 5% of people, almost always on the lateral side."],
       traps=["The anterior cruciate ligament runs from the lateral femoral condyle to the front of the tibia.",
              "The fibular head lies on the lateral side, below the joint line.",
              "The popliteal artery runs behind the joint, slightly lateral to the midline."]),
    _p("femcart", "femoral cartilage", "MR", "knee", "LI",
       [("arc", 128, 48, 58, 25, 155, 5)],
       {"tibia": (0.5, 0.78), "femur": (0.5, 0.18)},
       plural=False, noun="tissue", gnoun="the layer", short=["the femoral cartilage", "the cartilage layer"],
       names=[r"cartilag", r"chondr", r"femor", r"femur"], leak=["femoral cartilage", "cartilage",
                                                               "articular cartilage of the femur"],
       fn=["gives the rounded condyles a smooth, low-friction gliding surface"],
       clin=["A 60-year-old runner has aching knee pain, worse on stairs, and an MRI is done to grade the "
             "joint wear.",
             "After a knee injury a bone bruise is seen, and the surgeon wants to know whether the smooth "
             "covering of the condyles is damaged."],
       kbrel=["covers the condyles on the upper side of the knee joint",
              "lines the articular surface just above the menisci"],
       diff=["the menisci", "joint fluid"],
       why=["The smooth gliding layer over the condyles is the femoral cartilage.",
            "Grading wear in the knee means looking at the femoral cartilage over the weight-bearing condyles."],
       know=["It has no blood supply and heals poorly once damaged.",
             "Its thickness is typically 2 to 3 mm, greatest over the weight-bearing condyles.",
             "Outerbridge grades run from 0 to IV depending on the depth of damage."],
       traps=["The tibial plateau below has its own, thinner layer.",
              "The lateral meniscus is more mobile than the medial one.",
              "The patella sits in front of the femur, outside this coronal plane."]),
    _p("lumbar5", "lumbar vertebral bodies", "CT", "lumbar spine", "LI",
       [("e", 128, y, 24, 14, 0) for y in (52, 90, 128, 166, 204)],
       {"right kidney": (0.3, 0.38), "left psoas muscle": (0.66, 0.62)},
       plural=True, noun="bones", gnoun="the bodies", piece="bodies",
       short=["the lumbar vertebral bodies", "the vertebral bodies"],
       names=[r"vertebr", r"\bspin", r"lumbar", r"\bl[1-5]\b"], leak=["lumbar vertebral bodies", "vertebrae",
                                                                     "lumbar spine"],
       fn=["carry most of the axial load of the trunk, stacked with discs between them",
           "are the weight-bearing blocks of the lower back, separated by discs"],
       clin=["A 72-year-old woman with osteoporosis has sudden back pain after lifting a box, and a compression "
             "fracture is suspected.",
             "A man with prostate cancer has new, constant lower back pain that wakes him at night."],
       kbrel=["are stacked in a column with discs between them, just behind the aorta",
              "form the front of the column between the thorax and the sacrum"],
       diff=["the psoas muscles", "the discs between them"],
       why=["Weight-bearing blocks of bone stacked with discs between them in the lower back are the lumbar "
            "vertebral bodies.",
            "Osteoporotic compression fractures hit the vertebral bodies, so in low back pain it is the lumbar "
            "vertebral bodies that need checking."],
       know=_LUMBAR_KNOW, traps=_LUMBAR_TRAPS),
    _p("lumbar4", "lumbar vertebral bodies", "MR", "lumbar spine", "LI",
       [("e", 128, y, 24, 14, 0) for y in (64, 104, 144, 184)],
       {"right kidney": (0.3, 0.36), "left psoas muscle": (0.66, 0.64)},
       plural=True, noun="bones", gnoun="the bodies", piece="bodies",
       short=["the lumbar vertebral bodies", "the vertebral bodies"],
       names=[r"vertebr", r"\bspin", r"lumbar", r"\bl[1-5]\b"], leak=["lumbar vertebral bodies", "vertebrae",
                                                                     "lumbar spine"],
       fn=["carry most of the axial load of the trunk, stacked with discs between them"],
       clin=["A 72-year-old woman with osteoporosis has sudden back pain after lifting a box, and a compression "
             "fracture is suspected.",
             "A man with prostate cancer has new, constant lower back pain that wakes him at night."],
       kbrel=["are stacked in a column with discs between them, just behind the aorta"],
       diff=["the psoas muscles", "the discs between them"],
       why=["Weight-bearing blocks of bone stacked with discs between them in the lower back are the lumbar "
            "vertebral bodies."],
       know=_LUMBAR_KNOW, traps=_LUMBAR_TRAPS),
    _p("l3", "L3 vertebral body", "CT", "abdomen", "LP",
       [("e", 128, 170, 26, 20, 0)],
       {"aorta": (0.535, 0.55), "inferior vena cava": (0.42, 0.55)},
       plural=False, noun="bone", gnoun="the bone", short=["the L3 body", "the third lumbar vertebral body"],
       names=[r"vertebr", r"\bspin", r"lumbar", r"\bl3\b", r"third lumbar"], leak=["L3 vertebral body", "L3 vertebra",
                                                                                  "third lumbar vertebra"],
       fn=["carries the body's weight at the level that body-composition studies use as their reference"],
       clin=["For a sarcopenia study the team measures muscle area at a standard level in the lower back, and "
             "needs the bone at that level outlined.",
             "After a fall from a ladder a man has mid-level lower back pain, and a burst fracture is "
             "suspected."],
       kbrel=["sits in the midline behind the aorta and the inferior vena cava",
              "is flanked by the psoas muscles at this level"],
       diff=["the psoas muscles", "the transverse processes"],
       why=["Muscle area for sarcopenia is measured at the level of the L3 vertebral body, so that is the bone "
            "to outline.",
            "The weight-bearing bone behind the aorta and the inferior vena cava at this level is the L3 "
            "vertebral body."],
       know=["Skeletal muscle area at this level is the standard reference for sarcopenia on CT.",
             "The vertebral bodies carry about 80% of the axial load, the facet joints the rest.",
             "A CT density below about 100 HU in this bone suggests osteoporosis."],
       traps=["The aorta sits slightly to the left of the midline in front of it, the inferior vena cava to the "
              "right.",
              "The psoas muscles lie on both sides, and the kidneys further out.",
              "The spinal canal lies behind the body, enclosed by the arch."]),
    _p("clavicles", "clavicles", "XR", "chest", "LI",
       [("e", 80, 46, 38, 7, 12), ("e", 176, 46, 38, 7, -12)],
       {"trachea": (0.5, 0.3), "heart": (0.53, 0.64)},
       plural=True, noun="bones", gnoun="the bones", piece="bones",
       short=["the clavicles", "both clavicles"], names=[r"clavic", r"collar", r"subclav"],
       leak=["clavicles", "collarbones", "clavicular shafts"],
       fn=["act as struts holding the shoulders away from the chest wall",
           "are the only bony link between the arms and the trunk"],
       clin=["A cyclist fell onto his outstretched hand and has a visible bump and pain at the front of the "
             "shoulder.",
             "After a difficult shoulder delivery, a newborn does not move one arm, and a birth fracture is "
             "suspected."],
       kbrel=["run horizontally from the breastbone to the shoulder tips",
              "lie above the first ribs at the root of the neck"],
       diff=["the first ribs", "the spines of the scapulae"],
       why=["Horizontal struts from the breastbone to the shoulder tips are the clavicles.",
            "A fall on an outstretched hand with a bump at the front of the shoulder is a typical fracture of "
            "the clavicle."],
       know=["They are the first bones to start ossifying in the fetus, around the fifth week.",
             "Most fractures, roughly 80%, occur in the middle third.",
             "Each one has a gentle S-shape, convex forward on its inner part."],
       traps=["The subclavian vessels pass beneath them on both sides, over the first rib.",
              "The aortic arch projects to the left of the trachea on a frontal film.",
              "The right hemidiaphragm usually sits higher than the left."]),
    _p("patella", "patella", "XR", "knee", "LI",
       [("e", 128, 104, 22, 26, 0)],
       {"tibia": (0.5, 0.8), "femur": (0.5, 0.2)},
       plural=False, noun="bone", gnoun="the bone", short=["the patella", "the kneecap"],
       names=[r"patell", r"kneecap", r"knee cap"], leak=["patella", "kneecap", "patellar bone"],
       fn=["increases the lever arm of the quadriceps by sitting inside its tendon"],
       clin=["After a fall onto a bent knee, a woman cannot straight-leg raise and has a palpable gap at the "
             "front of the knee.",
             "A teenager has front-of-knee pain on stairs and after sitting for long periods."],
       kbrel=["is embedded in the quadriceps tendon in front of the lower end of the thigh bone"],
       diff=["an accessory ossicle", "the fabella"],
       why=["The sesamoid bone inside the quadriceps tendon is the patella.",
            "Losing straight-leg raise after a fall on a bent knee suggests a fracture of the patella."],
       know=["It is the largest sesamoid bone in the body.",
             "A bipartite variant is seen in roughly 2% of people, usually at the upper outer corner.",
             "On the frontal view it overlies the lower end of the femur."],
       traps=["The fibular head lies on the lateral side, below the joint line.",
              "The medial femoral condyle is usually larger than the lateral one.",
              "The tibial tuberosity lies below it, where the patellar tendon inserts."]),
    _p("heart_xr", "heart", "XR", "chest", "LI",
       [("e", 140, 150, 46, 38, 0)],
       {"trachea": (0.52, 0.3), "right hilum": (0.38, 0.45)},
       plural=False, noun="organ", gnoun="the organ", short=["the heart", "the cardiac silhouette"],
       names=[r"heart", r"cardi"], leak=["heart", "cardiac silhouette", "cardiac shadow"],
       fn=["pumps blood through the lungs and around the body"],
       clin=["A 75-year-old with swollen ankles and breathlessness when lying flat has a chest film to look for "
             "enlargement.",
             "A patient with a large effusion seen on echo gets a frontal chest film, which shows a globular, "
             "flask-shaped outline."],
       kbrel=["sits on the diaphragm between the lungs, behind the sternum"],
       diff=["a fat pad at the diaphragm", "a mediastinal mass"],
       why=["The muscular pump sitting on the diaphragm between the lungs is the heart.",
            "Orthopnoea and ankle swelling are heart failure, so the size of the heart is what the film is "
            "for."],
       know=["A cardiothoracic ratio above 0.5 on a PA film suggests enlargement.",
             "About two-thirds of its mass normally lies to the left of the midline.",
             "Its right border is formed by the right atrium and its left border by the left ventricle."],
       traps=["The aortic knuckle projects to the left of the trachea.",
              "The right hemidiaphragm usually sits a little higher than the left.",
              "The descending aorta can be traced behind it, to the left of the spine."]),
    _p("left_atrium", "left atrium", "CT", "chest", "LP",
       [("e", 134, 150, 26, 18, 0)],
       {"descending aorta": (0.6, 0.72), "right atrium": (0.36, 0.50), "ascending aorta": (0.44, 0.40)},
       plural=False, noun="chamber", gnoun="the chamber", short=["the left atrium", "this chamber"],
       names=[r"\batri", r"\bla\b"], leak=["left atrium", "atrium", "left atrial chamber"],
       fn=["receives oxygenated blood from the four pulmonary veins",
           "collects blood returning from the lungs before it passes through the mitral valve"],
       clin=["A 70-year-old with an irregularly irregular pulse has had a stroke, and the team looks for "
             "thrombus in the chamber that receives the pulmonary veins.",
             "A patient with long-standing mitral stenosis has a hoarse voice from an enlarged cardiac chamber "
             "pressing on the recurrent laryngeal nerve."],
       kbrel=["is the most posterior cardiac chamber, sitting directly in front of the oesophagus",
              "receives the pulmonary veins and lies behind the ascending aorta"],
       diff=["the descending aorta", "the oesophagus"],
       why=["The chamber that receives the four pulmonary veins is the left atrium.",
            "In atrial fibrillation clot forms mainly in the appendage of the left atrium, so that is the "
            "chamber to check."],
       know=["Because it sits right in front of the oesophagus, transoesophageal echo sees it very well.",
             "About 90% of thrombi in non-valvular fibrillation form in its appendage.",
             "An enlarged chamber can splay the carina on a chest film."],
       traps=["The right atrium forms the right heart border on a frontal film.",
              "The descending aorta lies to the left of the spine, behind the heart.",
              "The right ventricle is the most anterior chamber, just behind the sternum."]),
    _p("right_ventricle", "right ventricle", "MR", "heart", "LP",
       [("e", 100, 100, 24, 30, 0)],
       {"left ventricle": (0.6, 0.52), "sternum": (0.5, 0.18)},
       plural=False, noun="chamber", gnoun="the chamber", short=["the right ventricle", "the RV"],
       names=[r"ventric", r"\brv\b"], leak=["right ventricle", "ventricle", "right ventricular cavity"],
       fn=["pumps deoxygenated blood through the pulmonary valve into the lungs",
           "is the thin-walled chamber that feeds the pulmonary trunk"],
       clin=["A young man with a family history of sudden death has palpitations, and an arrhythmogenic "
             "cardiomyopathy of the chamber feeding the lungs is suspected.",
             "After a large pulmonary embolism, the team wants to know whether the chamber pumping into the "
             "pulmonary trunk is dilated."],
       kbrel=["is the most anterior cardiac chamber, just behind the sternum"],
       diff=["the right atrium", "the pericardial fat"],
       why=["The chamber pumping into the pulmonary trunk is the right ventricle.",
            "Strain from a large pulmonary embolism falls on the right ventricle."],
       know=["Its wall is normally only 3 to 5 mm thick, much thinner than the left side.",
             "It contains the moderator band, which carries part of the conduction system.",
             "On short-axis cine MRI it looks crescent-shaped, wrapped around the septum."],
       traps=["The left ventricle lies behind and to the left of it, with a much thicker wall.",
              "The interventricular septum normally bows towards the right.",
              "The pulmonary trunk rises to the left of the ascending aorta."]),
    _p("lv_myo", "left ventricle myocardium", "MR", "heart", "LP",
       [("ring", 150, 130, 34, 30, 23, 19)],
       {"right ventricle": (0.38, 0.42)},
       plural=False, noun="tissue", gnoun="the wall", short=["the left ventricular myocardium", "the myocardium"],
       names=[r"ventric", r"myocard", r"\blv\b", r"heart muscle", r"cardiac muscle"],
       leak=["left ventricle myocardium", "myocardium", "left ventricular wall"],
       fn=["generates the pressure that drives blood through the aorta to the whole body",
           "is the thick wall that squeezes oxygenated blood out into the systemic circulation"],
       clin=["A 55-year-old with long-standing hypertension has a thick, stiff pumping wall on echo and is "
             "breathless on exertion.",
             "Two days after crushing chest pain with an occluded circumflex artery, late gadolinium enhancement "
             "is requested to look for scar."],
       kbrel=["forms a ring around the main pumping cavity on short-axis views",
              "is supplied by the anterior descending and circumflex coronary arteries"],
       diff=["the wall of the right-sided pumping chamber", "pericardial fluid"],
       why=["The thick muscular ring that drives blood into the aorta is the left ventricle myocardium.",
            "Scar after a circumflex occlusion is looked for in the left ventricle myocardium."],
       know=["Normal wall thickness is under about 12 mm at end-diastole.",
             "The anterior descending artery supplies roughly the anterior two-thirds of the septum.",
             "Late gadolinium enhancement in a subendocardial pattern points to infarction."],
       traps=["The right ventricle lies in front of and to the right of it, with a thin wall.",
              "The anterolateral papillary muscle has a dual blood supply, the posteromedial one usually a "
              "single one.",
              "The left phrenic nerve runs over the pericardium on the lateral side."]),
    _p("aorta", "aorta", "CT", "chest", "LP",
       [("e", 104, 96, 16, 16, 0), ("e", 154, 168, 13, 13, 0)],
       {"sternum": (0.5, 0.18), "spinal cord": (0.5, 0.8)},
       plural=False, noun="vessel", gnoun="the vessel", short=["the aorta", "the thoracic aorta"],
       names=[r"aort"], leak=["aorta", "thoracic aorta", "aortic lumen"],
       fn=["carries oxygenated blood from the heart to the whole body",
           "is the largest artery, arching over the left main bronchus"],
       clin=["A 68-year-old hypertensive man has sudden tearing chest pain radiating to his back, with unequal "
             "arm pressures.",
             "A tall young woman with Marfan syndrome has yearly imaging to follow the diameter of her main "
             "artery."],
       kbrel=["rises from the heart, arches over the left main bronchus and runs down beside the spine"],
       diff=["the pulmonary trunk", "the superior vena cava"],
       why=["The largest artery, leaving the heart and arching over the left main bronchus, is the aorta.",
            "Tearing pain to the back with unequal arm pressures is aortic dissection, so the aorta is the "
            "vessel to look at."],
       know=["The ascending part is normally under about 4 cm across.",
             "Dissections are classed by whether the ascending part is involved, Stanford A or B.",
             "About 1 to 2% of people have a bicuspid valve at its root."],
       traps=["The superior vena cava lies to the right of the ascending part.",
              "The pulmonary trunk starts in front of and to the left of the ascending part.",
              "The oesophagus runs just to the right of the descending part in the lower chest."]),
    _p("bladder", "urinary bladder", "CT", "pelvis", "LP",
       [("e", 128, 90, 34, 26, 0)],
       {"rectum": (0.5, 0.7), "left femoral head": (0.72, 0.5)},
       plural=False, noun="organ", gnoun="the organ", short=["the bladder", "the urinary bladder"],
       names=[r"bladder", r"vesic", r"\bcyst"], leak=["urinary bladder", "bladder", "vesical lumen"],
       fn=["stores urine until voiding", "is the hollow muscular organ that stores urine and empties it "
                                         "through the urethra"],
       clin=["An 80-year-old man with an enlarged prostate has not passed urine for twelve hours and has lower "
             "abdominal pain.",
             "A smoker has painless visible haematuria, and the team wants the organ where urothelial cancers "
             "most often arise."],
       kbrel=["sits just behind the pubic symphysis, in front of the rectum in men",
              "lies behind the pubic bones in the front of the pelvis"],
       diff=["a pelvic lymphocele", "free fluid in the pouch of Douglas"],
       why=["The hollow muscular organ that stores urine is the urinary bladder.",
            "Acute retention in a man with an enlarged prostate distends the urinary bladder."],
       know=_BLADDER_KNOW, traps=_BLADDER_TRAPS),
    _p("bladder_big", "urinary bladder", "MR", "pelvis", "LP",
       [("e", 128, 96, 42, 34, 0)],
       {"rectum": (0.5, 0.72), "uterus": (0.5, 0.56)},
       plural=False, noun="organ", gnoun="the organ", short=["the bladder", "the urinary bladder"],
       names=[r"bladder", r"vesic", r"\bcyst"], leak=["urinary bladder", "bladder", "vesical lumen"],
       fn=["stores urine until voiding"],
       clin=["An 80-year-old man with an enlarged prostate has not passed urine for twelve hours and has lower "
             "abdominal pain."],
       kbrel=["sits just behind the pubic symphysis, in front of the uterus in women"],
       diff=["a large adnexal fluid collection", "free fluid in the pouch of Douglas"],
       why=["The hollow muscular organ that stores urine is the urinary bladder."],
       know=_BLADDER_KNOW, traps=_BLADDER_TRAPS),
    _p("prostate", "prostate", "MR", "pelvis", "LP",
       [("e", 128, 132, 22, 18, 0)],
       {"rectum": (0.5, 0.7), "pubic symphysis": (0.5, 0.3)},
       plural=False, noun="gland", gnoun="the gland", short=["the prostate", "the prostate gland"],
       names=[r"prostat", r"\bpsa\b"], leak=["prostate", "prostate gland", "prostatic tissue"],
       fn=["adds an alkaline fluid to semen and surrounds the first part of the urethra"],
       clin=["A 70-year-old man has hesitancy, a weak stream and gets up three times a night to pass urine.",
             "A 64-year-old has a firm, irregular nodule felt on digital rectal examination."],
       kbrel=["lies below the bladder and in front of the rectum, wrapping the first part of the urethra"],
       diff=["the seminal vesicles", "the levator ani"],
       why=["The gland that wraps the first part of the urethra and adds alkaline fluid to semen is the "
            "prostate.",
            "Hesitancy, a weak stream and nocturia in an older man point to benign enlargement of the prostate."],
       know=["About 70% of cancers arise in the peripheral zone, which is why the rectal examination helps.",
             "Benign enlargement affects the transition zone and is present in about half of men over 60.",
             "A normal gland is about the size of a walnut, roughly 20 to 25 ml."],
       traps=["The seminal vesicles sit above it, behind the bladder, one on each side.",
              "The neurovascular bundles run posterolateral to it on the left and right.",
              "The rectum lies directly behind it, which is why biopsies can be taken through the rectal wall."]),
    _p("pca_right", "prostate lesion", "MR", "pelvis", "LP",
       [("e", 106, 150, 7, 6, 0)],
       {"urethra": (0.5, 0.5), "rectum": (0.5, 0.72)},
       plural=False, noun="abnormality", gnoun="the focus", short=["the lesion", "the prostate lesion"],
       names=[r"prostat", r"lesion", r"tumou?r", r"cancer", r"carcinom", r"\bpsa\b", r"pi-?rads"],
       leak=["prostate lesion", "prostate cancer", "prostatic lesion"],
       fn=["shows restricted diffusion and low T2 signal in the outer zone of the walnut-sized gland below "
           "the bladder"],
       clin=["A 66-year-old with a steadily rising blood marker and a normal rectal examination is sent for "
             "multiparametric MRI before biopsy.",
             "After a negative systematic biopsy, a 61-year-old's blood marker keeps climbing, and the urologist "
             "wants a target for a fusion biopsy."],
       kbrel=["sits in the peripheral zone of the walnut-sized gland, just in front of the rectal wall"],
       diff=["benign nodules of the transition zone", "haemorrhage after a previous biopsy"],
       why=["Low T2 signal with restricted diffusion in the peripheral zone is a suspicious prostate lesion.",
            "A rising marker with a normal examination calls for MRI to find a prostate lesion to target."],
       know=_PL_KNOW, traps=_PL_TRAPS),
    _p("pca_both", "prostate lesion", "MR", "pelvis", "LP",
       [("e", 104, 150, 6, 6, 0), ("e", 156, 146, 5, 5, 0)],
       {"urethra": (0.5, 0.5), "rectum": (0.5, 0.72)},
       plural=False, noun="abnormality", gnoun="the lesion", short=["the lesion", "the prostate lesion"],
       names=[r"prostat", r"lesion", r"tumou?r", r"cancer", r"carcinom", r"\bpsa\b", r"pi-?rads"],
       leak=["prostate lesion", "prostate cancer", "prostatic lesion"],
       fn=["shows restricted diffusion and low T2 signal in the outer zone of the walnut-sized gland below "
           "the bladder"],
       clin=["A 66-year-old with a steadily rising blood marker and a normal rectal examination is sent for "
             "multiparametric MRI before biopsy."],
       kbrel=["sits in the peripheral zone of the walnut-sized gland, just in front of the rectal wall"],
       diff=["benign nodules of the transition zone", "haemorrhage after a previous biopsy"],
       why=["Low T2 signal with restricted diffusion in the peripheral zone is a suspicious prostate lesion."],
       know=_PL_KNOW, traps=_PL_TRAPS, piece="foci"),
    _p("uterus", "uterus", "MR", "pelvis", "LP",
       [("e", 128, 122, 30, 24, 0)],
       {"bladder": (0.5, 0.28), "rectum": (0.5, 0.72)},
       plural=False, noun="organ", gnoun="the organ", short=["the uterus", "the womb"],
       names=[r"\buter", r"womb", r"endometri", r"myometri"], leak=["uterus", "womb", "uterine body"],
       fn=["houses and nourishes a developing pregnancy",
           "sheds its lining every month in the menstrual cycle"],
       clin=["A 42-year-old has heavy periods and a bulky pelvic organ on examination, and fibroids are "
             "suspected.",
             "A postmenopausal woman has vaginal bleeding, and the thickness of the organ's lining needs "
             "assessment."],
       kbrel=["sits between the bladder in front and the rectum behind",
              "is held by the broad ligaments, with the ovaries on each side"],
       diff=["the bladder", "a pedunculated ovarian mass"],
       why=["The organ that houses a pregnancy is the uterus.",
            "Heavy periods with a bulky pelvic organ suggest fibroids, which grow in the wall of the uterus."],
       know=["Fibroids affect up to 70% of women by the age of 50.",
             "Its body is usually tilted forward, anteverted and anteflexed, over the bladder.",
             "The junctional zone is normally under about 12 mm on T2."],
       traps=["The ovaries lie on each side, in the ovarian fossae on the pelvic side walls.",
              "The ureters pass beneath the uterine arteries on both sides.",
              "The sigmoid colon usually lies above and to the left."]),
    _p("cysts_both", "ovarian cysts", "MR", "pelvis", "LP",
       [("e", 80, 120, 13, 13, 0), ("e", 176, 124, 13, 13, 0)],
       {"rectum": (0.5, 0.74), "bladder": (0.5, 0.3)},
       plural=True, noun="findings", gnoun="the cysts", piece="cysts",
       short=["the ovarian cysts", "the cysts"], names=[r"ovar", r"\bcyst", r"adnex"],
       leak=["ovarian cysts", "cysts of the ovaries", "ovarian lesions"],
       fn=["form when follicles fail to rupture or regress during the cycle"],
       clin=["A 28-year-old has cyclical pelvic pain and an ultrasound showing round, thin-walled fluid "
             "collections beside the uterus on both sides.",
             "A woman with irregular periods, acne and excess hair growth is investigated, and the radiologist "
             "wants the fluid-filled structures beside the uterus outlined."],
       kbrel=["lie beside the uterus, in the fossae of the pelvic side walls"],
       diff=["hydrosalpinx", "pelvic free fluid"],
       why=["Round, thin-walled fluid sacs beside the uterus in a young woman are ovarian cysts.",
            "Follicles that fail to rupture leave functional ovarian cysts."],
       know=_CYST_KNOW, traps=_CYST_TRAPS),
    _p("cysts_left", "ovarian cysts", "MR", "pelvis", "LP",
       [("e", 176, 108, 8, 8, 0), ("e", 192, 126, 9, 8, 0), ("e", 168, 134, 7, 7, 0)],
       {"uterus": (0.5, 0.47), "bladder": (0.5, 0.28)},
       plural=True, noun="findings", gnoun="the cysts", piece="cysts",
       short=["the ovarian cysts", "the cysts"], names=[r"ovar", r"\bcyst", r"adnex"],
       leak=["ovarian cysts", "cysts of the ovaries", "ovarian lesions"],
       fn=["form when follicles fail to rupture or regress during the cycle"],
       clin=["A woman with irregular periods, acne and excess hair growth is investigated, and the radiologist "
             "wants the fluid-filled structures beside the uterus outlined.",
             "A 31-year-old has dull left pelvic pain mid-cycle, and ultrasound shows several round fluid "
             "collections on that side."],
       kbrel=["lie beside the uterus, in the fossa of the pelvic side wall"],
       diff=["hydrosalpinx", "pelvic free fluid"],
       why=["Round, thin-walled fluid sacs beside the uterus in a young woman are ovarian cysts."],
       know=_CYST_KNOW, traps=_CYST_TRAPS),
    _p("rectal", "rectal tumour", "MR", "pelvis", "LP",
       [("e", 134, 176, 20, 16, 0)],
       {"bladder": (0.5, 0.33), "sacrum": (0.5, 0.86)},
       plural=False, noun="abnormality", gnoun="the tumour", short=["the rectal tumour", "the tumour"],
       names=[r"\brect", r"colorect", r"tumou?r", r"cancer", r"carcinom", r"neoplas", r"\bmass", r"lesion"],
       leak=["rectal tumour", "rectal cancer", "tumour of the rectum"],
       fn=["narrows the last part of the large bowel and bleeds into the stool"],
       clin=["A 63-year-old has bright red blood mixed with his stools, tenesmus and a change in bowel habit "
             "over three months.",
             "Colonoscopy found an ulcerating, bleeding area 6 cm from the anal verge, and staging MRI is "
             "requested."],
       kbrel=["sits in the last part of the bowel, just in front of the sacrum and behind the bladder"],
       diff=["nodes in the surrounding fat", "the seminal vesicles"],
       why=["A bleeding, ulcerating process 6 cm from the anal verge is a rectal tumour.",
            "Tenesmus with fresh blood in the stool points to a rectal tumour."],
       know=_RECT_KNOW, traps=_RECT_TRAPS),
    _p("rectal_left", "rectal tumour", "MR", "pelvis", "LP",
       [("e", 152, 174, 17, 14, 0)],
       {"bladder": (0.5, 0.33), "sacrum": (0.5, 0.86)},
       plural=False, noun="abnormality", gnoun="the tumour", short=["the rectal tumour", "the tumour"],
       names=[r"\brect", r"colorect", r"tumou?r", r"cancer", r"carcinom", r"neoplas", r"\bmass", r"lesion"],
       leak=["rectal tumour", "rectal cancer", "tumour of the rectum"],
       fn=["narrows the last part of the large bowel and bleeds into the stool"],
       clin=["A 63-year-old has bright red blood mixed with his stools, tenesmus and a change in bowel habit "
             "over three months."],
       kbrel=["sits in the last part of the bowel, just in front of the sacrum"],
       diff=["nodes in the surrounding fat", "the seminal vesicles"],
       why=["A bleeding, ulcerating process low in the bowel is a rectal tumour."],
       know=_RECT_KNOW, traps=_RECT_TRAPS),
    _p("seminal", "seminal vesicles", "MR", "pelvis", "LP",
       [("e", 104, 136, 18, 7, 25), ("e", 152, 136, 18, 7, -25)],
       {"bladder": (0.5, 0.32), "rectum": (0.5, 0.7)},
       plural=True, noun="glands", gnoun="the glands", piece="glands",
       short=["the seminal vesicles", "both vesicles"], names=[r"seminal", r"vesic"],
       leak=["seminal vesicles", "vesicles", "seminal glands"],
       fn=["produce most of the fluid volume of semen, rich in fructose"],
       clin=["A man with prostate cancer is being staged, and the team must know whether the disease has spread "
             "into the paired glands above and behind the prostate.",
             "A 30-year-old has repeatedly seen blood in his semen."],
       kbrel=["sit above the prostate, behind the base of the bladder",
              "lie between the bladder and the rectum, lateral to the vasa deferentia"],
       diff=["the vasa deferentia", "the lower ends of the ureters"],
       why=["The paired glands above and behind the prostate that make most of the semen are the seminal "
            "vesicles.",
            "Spread of prostate cancer into the seminal vesicles makes it stage T3b."],
       know=["Invasion by prostate cancer makes the tumour stage T3b.",
             "Each one is a coiled tube about 5 cm long.",
             "Their ducts join the vasa deferentia to form the ejaculatory ducts."],
       traps=["The ureters enter the bladder just above them on each side.",
              "The rectum lies directly behind them.",
              "Each vas deferens runs medial to the vesicle on its side."]),
]


# ------------------------------------------------------------------------------------------------
# masks and facts

_N = 256


def _raster(shapes, dx, dy, s):
    yy, xx = np.mgrid[0:_N, 0:_N].astype(float)
    mask = np.zeros((_N, _N), bool)
    for sh in shapes:
        kind = sh[0]
        if kind == "e":
            _, cx, cy, rx, ry, ang = sh
            t = math.radians(ang)
            u, v = xx - (cx + dx), yy - (cy + dy)
            a = (u * math.cos(t) + v * math.sin(t)) / (rx * s)
            b = (-u * math.sin(t) + v * math.cos(t)) / (ry * s)
            mask |= a * a + b * b <= 1.0
        elif kind == "ring":
            _, cx, cy, rxo, ryo, rxi, ryi = sh
            u, v = xx - (cx + dx), yy - (cy + dy)
            outer = (u / (rxo * s)) ** 2 + (v / (ryo * s)) ** 2 <= 1.0
            inner = (u / (rxi * s)) ** 2 + (v / (ryi * s)) ** 2 <= 1.0
            mask |= outer & ~inner
        elif kind == "arc":
            _, cx, cy, r, a0, a1, half = sh
            u, v = xx - (cx + dx), yy - (cy + dy)
            dist = np.hypot(u, v)
            ang = np.degrees(np.arctan2(v, u)) % 360.0
            mask |= (np.abs(dist - r * s) <= half * s) & (ang >= a0) & (ang <= a1)
    return mask


def facts_for(p, rng):
    """The profile's ellipses (small jitter) on a 256x256 grid, measured by medseg_qa's own facts code."""
    from medseg_qa.facts import compute_facts

    dx, dy, s = rng.uniform(-2.0, 2.0), rng.uniform(-2.0, 2.0), rng.uniform(0.97, 1.03)
    mask = _raster(p["shapes"], dx, dy, s)
    others = {name: (round(x + rng.uniform(-0.004, 0.004), 4), round(y + rng.uniform(-0.004, 0.004), 4))
              for name, (x, y) in p["others"].items()}
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


def record_for(p):
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


# ------------------------------------------------------------------------------------------------
# words

_VERBS = {"is": "are", "lies": "lie", "sits": "sit", "has": "have", "covers": "cover", "occupies": "occupy",
          "appears": "appear", "takes": "take", "does": "do", "doesn't": "don't", "isn't": "aren't",
          "forms": "form", "consists": "consist", "straddles": "straddle", "shows": "show", "looks": "look",
          "seems": "seem", "comes": "come", "accounts": "account", "was": "were", "fills": "fill",
          "stays": "stay", "falls": "fall", "makes": "make", "ends": "end"}
_PRON = {"it": ("it", "they"), "It": ("It", "They"), "its": ("its", "their"), "Its": ("Its", "Their"),
         "itO": ("it", "them"), "this": ("this", "these"), "This": ("This", "These")}
_NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
         10: "ten", 11: "eleven", 12: "twelve"}
_IMG = {"left": "right", "right": "left"}  # patient side -> image side (LP and LI: patient's left on the image's right)
_OPP_SIDE = {"left": "right", "right": "left"}
_OPP_VERT = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
_OPP_REL = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
_AXIS = {"left_of": 0, "right_of": 0, "anterior_to": 1, "posterior_to": 1, "superior_to": 1, "inferior_to": 1}
_KEEP_CASE = ("Wharton", "Stensen", "Outerbridge", "Stanford", "Marfan", "L4", "O-RADS", "MRI", "CT", "PI-RADS",
              "Level", "Graves")


def _conj(text, plural):
    out, i = [], 0
    while True:
        j = text.find("{", i)
        if j < 0:
            out.append(text[i:])
            return "".join(out)
        k = text.index("}", j)
        word = text[j + 1:k]
        out.append(text[i:j])
        if word in _VERBS:
            out.append(_VERBS[word] if plural else word)
        elif word[:1].isupper() and word.lower() in _VERBS:
            out.append(_cap(_VERBS[word.lower()] if plural else word.lower()))
        elif word in _PRON:
            out.append(_PRON[word][1 if plural else 0])
        else:
            out.append("{" + word + "}")
        i = k + 1


def _fill(text, **kw):
    for k, v in kw.items():
        text = text.replace("{" + k + "}", str(v))
    return text


def _cap(s):
    i = 0
    while i < len(s) and s[i] in "*_ ":
        i += 1
    return s[:i] + s[i:i + 1].upper() + s[i + 1:]


def _low(s):
    if s.startswith(_KEEP_CASE) or (len(s) > 1 and s[1].isupper()):
        return s
    return s[:1].lower() + s[1:]


def _stem(pattern):
    """The plain stem of a name pattern ('\\bnod' -> 'nod', 'tumou?r' -> 'tumo', 'l[1-5]' -> 'l')."""
    out, i = "", 0
    pattern = pattern.replace("\\b", "")
    while i < len(pattern):
        ch = pattern[i]
        if ch == "[":
            break
        if i + 1 < len(pattern) and pattern[i + 1] == "?":
            break
        out += ch
        i += 1
    return out


def _nw(n):
    return _NUMW.get(n, str(n))


SIDE_PREP = {
    "left": ["on the patient's left", "on the left side of the patient", "in the patient's left half",
             "to the left of the midline"],
    "right": ["on the patient's right", "on the right side of the patient", "in the patient's right half",
              "to the right of the midline"],
    "midline": ["in the midline", "centred on the midline", "across the midline", "straddling the midline"],
    "bilateral": ["on both sides", "on both the left and the right", "on each side of the midline",
                  "bilaterally"],
}
SIDE_ADJ = {"left": ["left-sided"], "right": ["right-sided"], "midline": ["midline"],
            "bilateral": ["bilateral"]}
SIDE_LOCAL = {"left": ["on the left of patient", "in patient left side", "on left side"],
              "right": ["on the right of patient", "in patient right side", "on right side"],
              "midline": ["in the middle", "in middle line of the body"],
              "bilateral": ["on both side", "in the left side and the right side both"]}
VERT_PREP = {
    ("LP", "anterior"): ["anteriorly", "toward the front of the body", "in the anterior part of the slice",
                         "in the front half of the cross-section"],
    ("LP", "posterior"): ["posteriorly", "toward the back of the body", "in the posterior part of the slice",
                          "in the back half of the cross-section"],
    ("LP", "central"): ["midway between front and back", "in the middle band from front to back",
                        "centrally along the front-to-back axis"],
    ("LI", "superior"): ["superiorly", "toward the head", "in the upper part of the image",
                         "high in the image, toward the head"],
    ("LI", "inferior"): ["inferiorly", "toward the feet", "in the lower part of the image",
                         "low in the image, toward the feet"],
    ("LI", "central"): ["midway between top and bottom", "in the middle band from top to bottom",
                        "centrally along the head-to-foot axis"],
}
VERT_ADJ = {("LP", "anterior"): "anterior", ("LP", "posterior"): "posterior",
            ("LP", "central"): "central front-to-back", ("LI", "superior"): "superior",
            ("LI", "inferior"): "inferior", ("LI", "central"): "central from top to bottom"}
VERT_LOCAL = {("LP", "anterior"): "in the front part", ("LP", "posterior"): "in the back part",
              ("LP", "central"): "in the middle between front and back", ("LI", "superior"): "in the upper part",
              ("LI", "inferior"): "in the lower part", ("LI", "central"): "in the middle between top and bottom"}
SC = {"small": ["small"], "medium": ["medium-sized", "of medium size", "moderate in size"],
      "large": ["large", "sizeable"]}
REL_PREP = {"anterior_to": ["anterior to the {X}", "in front of the {X}", "ventral to the {X}"],
            "posterior_to": ["posterior to the {X}", "behind the {X}", "dorsal to the {X}"],
            "left_of": ["to the patient's left of the {X}", "on the patient's left relative to the {X}"],
            "right_of": ["to the patient's right of the {X}", "on the patient's right relative to the {X}"],
            "superior_to": ["superior to the {X}", "above the {X}", "cranial to the {X}"],
            "inferior_to": ["inferior to the {X}", "below the {X}", "caudal to the {X}"]}
REL_ADJ = {"anterior_to": "anterior", "posterior_to": "posterior", "left_of": "to the patient's left",
           "right_of": "to the patient's right", "superior_to": "superior", "inferior_to": "inferior"}
REL_INV = {"anterior_to": "the {X} lies behind {itO}", "posterior_to": "the {X} lies in front of {itO}",
           "left_of": "the {X} lies to {its} right in patient terms",
           "right_of": "the {X} lies to {its} left in patient terms",
           "superior_to": "the {X} lies below {itO}", "inferior_to": "the {X} lies above {itO}"}
MODW = {"CT": ["CT slice", "CT image", "scan"], "MR": ["MRI slice", "MR image", "scan"],
        "XR": ["radiograph", "X-ray", "film"]}
QSTYLES = ["function", "clinical_scenario", "anatomical_relation", "differential"]


# ------------------------------------------------------------------------------------------------
# one conversation


class _Row:
    """One conversation: picks what to say, writes it in the register, and keeps the ledger of claims."""

    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.reg, self.rng = p, facts, style, rng
        self.o, self.pl = p["orient"], p["plural"]
        self.T = dict(side=facts["laterality"], vert=facts["vertical"], size=facts["size_class"],
                      pct=100.0 * facts["area_fraction"], count=facts["components"],
                      rels=[(r["other"], r["relation"]) for r in facts["relations"]])
        self.claims = []
        self.turn, self.role = 0, "user"
        self.mod = rng.choice(MODW[p["mod"]])
        self.excluded = set()
        self.used = set()
        self.tricks = 0
        self._stems = [st for st in (_stem(n) for n in p["names"]) if len(st) >= 2]

    # -- helpers
    def pick(self, seq):
        return self.rng.choice(list(seq))

    def chance(self, x):
        return self.rng.random() < x

    def claim(self, k, v, other=None, planted=False, corrected=False):
        self.claims.append(dict(turn=self.turn, role=self.role, k=k, v=v, other=other, planted=planted,
                                corrected=corrected))

    def named(self, text):
        """Does `text` (another structure's name) hold one of the target's name stems at a word start?"""
        words = "".join(ch if ch.isalnum() else " " for ch in text.lower()).split()
        return any(w.startswith(st) for st in self._stems for w in words) or \
            any(st in text.lower() for st in self._stems if " " in st)

    def subj(self):
        r, p = self.rng.random(), self.p
        if self.reg == "local_small":
            if r < 0.6:
                return p["short"][0], self.pl
            if r < 0.85:
                return "it" if not self.pl else "they", self.pl
            return "the segmentation", False
        if r < 0.45:
            return ("they" if self.pl else "it"), self.pl
        if r < 0.62:
            return p["gnoun"], self.pl
        if r < 0.8:
            return self.pick(p["short"]), self.pl
        return self.pick(["the mask", "the segmented region", "the outlined area"]), False

    def cl(self, template, **kw):
        """Fill a clause template: {s} is a subject (its number sets the verbs), other fields as given."""
        if "{s}" in template:
            s, pl = self.subj()
            template = template.replace("{s}", s)
        else:
            pl = self.pl
        return _conj(_fill(template, **kw), pl)

    def sent(self, clause):
        clause = clause.strip()
        return _cap(clause) if clause[-1:] in ".?!" else _cap(clause) + "."

    # -- values
    def vp(self, v):
        return self.pick(VERT_PREP[(self.o, v)])

    def va(self, v):
        return VERT_ADJ[(self.o, v)]

    def pct_text(self, val):
        opts = [(f"{val:.1f}%", round(val, 1)) if val >= 0.5 else (f"{val:.2f}%", round(val, 2))]
        opts.append((f"{val:.1f} percent", round(val, 1)) if val >= 0.5 else (f"{val:.2f} percent", round(val, 2)))
        r = int(round(val))
        if r >= 1 and abs(r - val) / val <= 0.12:
            opts += [(f"{r}%", float(r)), (f"{_nw(r)} percent", float(r))]
        return self.pick(opts)

    def wrong(self, topic):
        T, rng = self.T, self.rng
        if topic == "side":
            if T["side"] in ("left", "right"):
                return _OPP_SIDE[T["side"]] if self.chance(0.75) else "midline"
            if T["side"] == "midline":
                return self.pick(["left", "right"])
            return self.pick(["left", "right"]) if self.chance(0.7) else "midline"
        if topic == "vert":
            if T["vert"] != "central":
                return _OPP_VERT[T["vert"]] if self.chance(0.8) else "central"
            return self.pick(["anterior", "posterior"] if self.o == "LP" else ["superior", "inferior"])
        if topic == "size":
            return self.pick([c for c in ("small", "medium", "large") if c != T["size"]])
        if topic == "pct":
            while True:
                tp = T["pct"]
                val = tp * rng.uniform(2.8, 4.2) if (tp < 1.5 or self.chance(0.5)) else tp * rng.uniform(0.2, 0.32)
                txt, num = self.pct_text(val)
                if num > 2.6 * tp or num < 0.38 * tp:
                    return txt, num
        if topic == "count":
            n = T["count"]
            return self.pick([2, 3] if n == 1 else [1, 3] if n == 2 else [1, n - 1, n + 1])
        raise ValueError(topic)

    # -- fact clauses (each records its claims)
    def c_side(self, v, planted=False):
        self.claim("side", v, planted=planted)
        side, sadj = self.pick(SIDE_PREP[v]), self.pick(SIDE_ADJ[v])
        t = {"gpt4o_mini": ["{s} {lies} **{side}**", "{s} {is} **{sadj}**", "laterality: **{sadj}**",
                            "{s} {sits} **{side}** in patient terms"],
             "qwen": ["{s} {is} located {side}", "with respect to laterality, {s} {is} {sadj}",
                      "the laterality is {sadj}", "{s} {lies} {side}"],
             "mistral": ["{s} {seems} to sit {side}, as far as I can tell",
                         "from what I can see, {s} {is} {side}", "{s} {lies}, if I'm reading it right, {side}",
                         "it looks as though {s} {is} {sadj}"],
             "local_small": ["{s} {is} {sl}", "the side of {itO} is {sl}", "{s} it is {sl}"]}[self.reg]
        return self.cl(self.pick(t), side=side, sadj=sadj, sl=self.pick(SIDE_LOCAL[v]))

    def c_conv(self, v, planted=False):
        self.used.add(("conv", self.turn))
        self.claim("side", v, planted=planted)
        if v in ("left", "right"):
            t = {"gpt4o_mini": "on screen {it} {is} on the **image's {img}**, which is the **patient's {v}** "
                               "(radiological convention)",
                 "qwen": "by radiological convention the patient's left is displayed on the right of the image; "
                         "{it} {appears} on the image's {img} and {is} therefore on the patient's {v}",
                 "mistral": "because these images are displayed as if you were facing the patient, the fact "
                            "that {it} {shows} up on the {img}-hand side of the picture means {it} {is} actually "
                            "on the patient's {v}, which is the bit that trips most people up",
                 "local_small": "in the image {it} {is} on the {img} side, but {it} {is} the {v} side of patient "
                                "because the image is like looking at the patient face"}[self.reg]
            return self.cl(t, img=_IMG[v], v=v)
        if v == "bilateral":
            t = {"gpt4o_mini": "{it} {shows} on **both halves of the image**, so {it} {is} **bilateral** in "
                               "patient terms too",
                 "qwen": "{it} {appears} in both halves of the image and {is} therefore bilateral",
                 "mistral": "since there's tissue on both halves of the picture, and the picture is only "
                            "flipped left to right, {it} {ends} up being bilateral in patient terms as well",
                 "local_small": "in the image {it} {is} on both side, so for the patient {it} {is} both side "
                                "also"}[self.reg]
            return self.cl(t)
        t = {"gpt4o_mini": "{it} {sits} in the **middle of the image** from side to side, i.e. in the "
                           "**patient's midline**",
             "qwen": "{it} {is} centred on the vertical midline of the image and therefore lies in the midline",
             "mistral": "since {it} {sits} right in the middle of the picture from side to side, {it} {is} in "
                        "the patient's midline too, whatever the flipping convention",
             "local_small": "in the image {it} {is} in the middle, so {it} {is} in the middle of patient "
                            "also"}[self.reg]
        return self.cl(t)

    def c_side_not(self, v, planted=False):
        """A negation: 'not on the patient's <v>' (v left/right), 'not confined to one side' / 'not to
        either side' (v onesided), 'not in the midline' (v midline)."""
        self.claim("side_not", v, planted=planted)
        self.used.add(("neg", "side", self.turn))
        if v in ("left", "right"):
            t = {"gpt4o_mini": "{s} {is} **not** on the patient's {v}", "qwen": "{s} {is} not located on the "
                 "patient's {v}", "mistral": "{s} {is} definitely not on the patient's {v}, whatever the picture "
                 "might suggest at first glance", "local_small": "{s} {is} not in the {v} side"}[self.reg]
        elif v == "midline":
            t = {"gpt4o_mini": "{s} {isn't} a midline structure here", "qwen": "{s} {is} not situated in the "
                 "midline", "mistral": "{s} {isn't} sitting in the midline, for what it's worth",
                 "local_small": "{s} {is} not in the middle"}[self.reg]
        elif self.T["side"] == "bilateral":
            t = {"gpt4o_mini": "{s} {isn't} confined to one side", "qwen": "{s} {is} not confined to one side",
                 "mistral": "{s} {isn't} just on the one side, which matters", "local_small": "{s} {is} not "
                 "only one side"}[self.reg]
        else:
            t = {"gpt4o_mini": "{s} {doesn't} lean to either side", "qwen": "{s} {does} not deviate to either "
                 "side", "mistral": "{s} {doesn't} really favour one side over the other", "local_small": "{s} "
                 "{is} not more left or more right"}[self.reg]
        return self.cl(t, v=v)

    def c_vert(self, v, planted=False):
        self.claim("vert", v, planted=planted)
        axis = "anteroposterior" if self.o == "LP" else "craniocaudal"
        lay = "from front to back" if self.o == "LP" else "from top to bottom"
        t = {"gpt4o_mini": ["{s} {sits} **{vp}**", "position: **{va}**", "{s} {is} **{va}**"],
             "qwen": ["{s} {is} situated {vp}", "along the {axis} axis, {s} {is} {va}", "{its} position is {va}"],
             "mistral": ["{s} {sits}, roughly speaking, {vp}", "looking at where {it} {falls} {lay}, {it} {sits} "
                         "{vp}", "{s} {seems} to lie {vp}, though a single slice only tells you so much"],
             "local_small": ["{s} {is} {vl}", "position of {itO} is {vl}"]}[self.reg]
        return self.cl(self.pick(t), vp=self.vp(v), va=self.va(v), axis=axis, lay=lay,
                       vl=VERT_LOCAL[(self.o, v)])

    def c_vert_neg(self):
        """A true negation about the vertical position ('not posterior', 'neither anterior nor posterior')."""
        self.used.add(("neg", "vert", self.turn))
        v = self.T["vert"]
        if v == "central":
            self.claim("vert", "central")
            pair = "anterior nor posterior" if self.o == "LP" else "high nor low in the image"
            t = {"gpt4o_mini": "{s} {is} **neither {pair}**", "qwen": "{s} {is} neither {pair}",
                 "mistral": "{s} {is} neither particularly {pair}, more or less in between",
                 "local_small": "{s} {is} not front and not back" if self.o == "LP" else
                 "{s} {is} not up and not down"}[self.reg]
            return self.cl(t, pair=pair)
        w = _OPP_VERT[v]
        self.claim("vert_not", w)
        t = {"gpt4o_mini": "{s} {isn't} **{wa}**", "qwen": "{s} {is} not {wa}",
             "mistral": "{s} {isn't} {wa} in any meaningful sense", "local_small": "{s} {is} not {wl}"}[self.reg]
        return self.cl(t, wa=self.va(w), wl=VERT_LOCAL[(self.o, w)])

    def c_size(self, v, planted=False):
        self.claim("size", v, planted=planted)
        t = {"gpt4o_mini": ["{s} {is} **{sc}** on this {mod}", "size: **{w}**", "{s} {is} **{sc}**"],
             "qwen": ["{s} {is} {sc}", "in terms of size, {s} {is} classified as {w}", "the size category is {w}"],
             "mistral": ["{s} {is}, I'd say, {sc}", "{s} {comes} across as {sc}, not that size is everything here",
                         "in terms of size {s} {is} probably best described as {sc}"],
             "local_small": ["{s} {is} {w} size", "the size is {w}", "size of {itO} is {w}"]}[self.reg]
        return self.cl(self.pick(t), sc=self.pick(SC[v]), w=v, mod=self.mod)

    def c_size_not(self):
        self.used.add(("neg", "size", self.turn))
        v = self.T["size"]
        if v == "medium":
            self.claim("size", "medium")
            t = {"gpt4o_mini": "{s} {is} **neither small nor large**", "qwen": "{s} {is} neither small nor large",
                 "mistral": "{s} {is} neither what I'd call small nor really large",
                 "local_small": "{s} {is} not small and not large"}[self.reg]
            return self.cl(t)
        w = "large" if v == "small" else "small"
        self.claim("size_not", w)
        t = {"gpt4o_mini": "{s} {is} **not {w}**", "qwen": "{s} {is} not {w}",
             "mistral": "{s} {isn't} {w} by any stretch", "local_small": "{s} {is} not {w}"}[self.reg]
        return self.cl(t, w=w)

    def c_pct(self, txt, num, planted=False):
        self.claim("pct", num, planted=planted)
        t = {"gpt4o_mini": ["{s} {covers} **{pct}** of the image", "area: **~{pct}** of the image",
                            "that's about **{pct}** of the image area"],
             "qwen": ["{s} {occupies} approximately {pct} of the image area",
                      "the area fraction is approximately {pct} of the image"],
             "mistral": ["{s} {takes} up something like {pct} of the whole image",
                         "{s} {accounts} for roughly {pct} of the image area, give or take"],
             "local_small": ["{s} {is} {pct} of the image", "{s} {takes} {pct} of image area"]}[self.reg]
        return self.cl(self.pick(t), pct=txt)

    def c_pct_lt(self):
        self.claim("pct_lt", 1.0)
        t = {"gpt4o_mini": "{s} {covers} **under 1%** of the image", "qwen": "{s} {occupies} less than 1% of "
             "the image area", "mistral": "{s} {takes} up well under one percent of the image",
             "local_small": "{s} {is} less than one percent of image"}[self.reg]
        return self.cl(t)

    def c_sizepct(self, sv, ptxt, pnum, planted_size=False, planted_pct=False):
        self.claim("size", sv, planted=planted_size)
        self.claim("pct", pnum, planted=planted_pct)
        t = {"gpt4o_mini": ["{s} {is} **{sc}** (~{pct} of the image)", "size: **{w}**, about {pct} of the image"],
             "qwen": ["{s} {is} {sc}, occupying approximately {pct} of the image area"],
             "mistral": ["{s} {is} {sc}, taking up somewhere around {pct} of the image"],
             "local_small": ["{s} {is} {w} size, it is {pct} of the image"]}[self.reg]
        return self.cl(self.pick(t), sc=self.pick(SC[sv]), w=sv, pct=ptxt)

    def c_count(self, n, planted=False):
        self.claim("count", n, planted=planted)
        piece = self.p["piece"]
        if n == 1:
            t = {"gpt4o_mini": ["{s} {is} **one continuous region**", "{s} {forms} a **single connected piece**",
                                "components: **1**"],
                 "qwen": ["{s} {consists} of a single connected component",
                          "the segmentation comprises one contiguous region"],
                 "mistral": ["{s} {is} all one piece, as far as I can see, rather than being broken up into "
                             "separate bits", "{s} {looks} like a single continuous region"],
                 "local_small": ["{s} {is} one piece", "there is only one part", "{s} {has} one part only"]}
        else:
            t = {"gpt4o_mini": ["{s} {consists} of **{w} separate {piece}**", "there are **{w} separate "
                                "regions**", "{s} {is} split into **{n} pieces**"],
                 "qwen": ["the segmentation comprises {w} separate components", "{s} {consists} of {w} separate "
                          "{piece}"],
                 "mistral": ["there are, if I count correctly, {w} separate {piece} rather than one continuous "
                             "region", "{s} {comes} in {w} separate pieces, which is worth bearing in mind"],
                 "local_small": ["there is {w} separate parts", "{s} {has} {w} parts", "{s} {is} in {w} pieces"]}
        return self.cl(self.pick(t[self.reg]), w=_nw(n), n=n, piece=piece)

    def c_count_neg(self):
        self.used.add(("neg", "count", self.turn))
        n = self.T["count"]
        if n == 1:
            self.claim("count", 1)
            t = {"gpt4o_mini": "{s} {isn't} split into separate pieces", "qwen": "{s} {is} not divided into "
                 "separate components", "mistral": "{s} {isn't} broken up into separate bits at all",
                 "local_small": "{s} {is} not in many pieces"}[self.reg]
        else:
            self.claim("count_not", 1)
            t = {"gpt4o_mini": "{s} {isn't} a single piece", "qwen": "{s} {is} not a single contiguous region",
                 "mistral": "{s} {isn't} one continuous piece, which is easy to miss",
                 "local_small": "{s} {is} not one piece"}[self.reg]
        return self.cl(t)

    def c_sidecount(self):
        """Bilateral with exactly two parts: 'two separate parts, one on each side'."""
        self.claim("side", "bilateral")
        self.claim("count", 2)
        t = {"gpt4o_mini": "{s} {consists} of **two separate {piece}, one on each side**",
             "qwen": "{s} {consists} of two separate components, one on each side of the midline",
             "mistral": "{s} {comes} as two separate pieces, one on either side of the midline, which is what "
                        "makes it bilateral",
             "local_small": "{s} {has} two parts, one in left side and one in right side"}[self.reg]
        return self.cl(t, piece=self.p["piece"])

    def relp(self, other, r):
        return self.pick(REL_PREP[r]).replace("{X}", other)

    def c_rel(self, items, planted_idx=None):
        """Relations [(other, r), ...] (one or two), in one clause."""
        for i, (o, r) in enumerate(items):
            self.claim("rel", r, other=o, planted=(i == planted_idx))
        if len(items) == 1 and self.chance(0.25):
            o, r = items[0]
            return _conj(REL_INV[r].replace("{X}", o), self.pl)
        phrase = " and ".join(self.relp(o, r) for o, r in items)
        if self.reg == "gpt4o_mini":
            phrase = " and ".join("**" + self.relp(o, r) + "**" for o, r in items)
        t = {"gpt4o_mini": ["{s} {lies} {rp}"],
             "qwen": ["{s} {is} situated {rp}", "{s} {lies} {rp}"],
             "mistral": ["{s} {sits} {rp}, if I've got the orientation right", "{s} {lies} {rp}"],
             "local_small": ["{s} {is} {rp}"]}[self.reg]
        return self.cl(self.pick(t), rp=phrase)

    # -- misreadable extras (full sentences)
    def wrap_k(self, k):
        t = {"gpt4o_mini": ["{k}", "**Note:** {k}", "FYI: {kl}"],
             "qwen": ["Additional context: {k}", "It should also be noted that {kl}", "{k}"],
             "mistral": ["It's perhaps worth adding, as a general point, that {kl}", "For what it's worth, {kl}",
                         "And, as a bit of background, {kl}"],
             "local_small": ["Also, {kl}", "{k}", "Good to know: {k}"]}[self.reg]
        left = [w for w in t if (self.turn, w) not in self.used] or t
        w = self.pick(left)
        self.used.add((self.turn, w))
        return w.replace("{kl}", _low(k)).replace("{k}", k)

    def fresh(self, pool):
        left = [x for x in pool if x not in self.used]
        if not left:
            return None
        x = self.pick(left)
        self.used.add(x)
        return x

    def allowed(self, topic):
        return topic not in self.excluded

    def extra(self, kind):
        T, reg = self.T, self.reg
        if kind == "conv":
            if not self.allowed("side") or ("conv", self.turn) in self.used:
                return None
            return self.sent(self.c_conv(T["side"]))
        if kind == "neg":
            opts = [t for t in ("side", "vert", "count", "size") if self.allowed(t)
                    and ("neg", t, self.turn) not in self.used]
            if not opts:
                return None
            t = self.pick(opts)
            if t == "side":
                v = (self.pick([_OPP_SIDE[T["side"]], "midline"]) if T["side"] in ("left", "right") else "onesided")
                return self.sent(self.c_side_not(v))
            return self.sent({"vert": self.c_vert_neg, "count": self.c_count_neg, "size": self.c_size_not}[t]())
        if kind in ("know", "pop"):
            pool = [k for k in self.p["know"] if any(ch.isdigit() for ch in k) == (kind == "pop")]
            k = self.fresh(pool)
            return self.wrap_k(k) if k else None
        if kind == "trap":
            k = self.fresh(self.p["traps"])
            return self.wrap_k(k) if k else None
        if kind == "hyp_side":
            if not self.allowed("side") or T["side"] not in ("left", "right"):
                return None
            opp = _OPP_SIDE[T["side"]]
            t = {"gpt4o_mini": "If {it} were on the patient's {opp}, you'd see {itO} on the image's {io} instead.",
                 "qwen": "Had the structure been {opp}-sided, it would be displayed on the {io} side of the image.",
                 "mistral": "If {it} had been on the patient's {opp}, {it} would have shown up over on the {io} "
                            "of the screen instead, which is exactly where the confusion usually comes from.",
                 "local_small": "If {it} {was} in the {opp} side of patient, {it} would be on the {io} of the "
                                "image."}[reg]
            return _conj(_fill(t, opp=opp, io=_IMG[opp]), self.pl)
        if kind == "hyp_size":
            if not self.allowed("size") or T["size"] == "large":
                return None
            t = {"gpt4o_mini": "Anything over ~5% of the image would count as large.",
                 "qwen": "A structure occupying more than 5% of the image would be classified as large.",
                 "mistral": "If {it} filled more than about five percent of the image I'd be calling {itO} large, "
                            "and under one percent I'd call {itO} small.",
                 "local_small": "If {it} {is} more than 5 percent of image, {it} will be large."}[reg]
            return _conj(t, self.pl)
        if kind == "question":
            x = self.pick(list(self.p["others"]))
            t = {"gpt4o_mini": ["Want me to outline the {X} too?", "Want a quick differential as well?"],
                 "qwen": ["Please let me know if the adjacent structures should also be segmented.",
                          "Should I also outline the relevant differential diagnoses?"],
                 "mistral": ["Does that fit with what you were expecting, or was there a particular part you "
                             "wanted me to look at more closely?",
                             "Would it help if I also went through what it's commonly confused with?"],
                 "local_small": ["Do you want more information?", "If you want, I can explain more."]}[reg]
            return self.pick(t).replace("{X}", x)
        raise ValueError(kind)

    def extras(self, n, kinds=None):
        kinds = list(kinds or ["conv", "neg", "know", "pop", "trap", "hyp_side", "hyp_size", "trap", "neg"])
        self.rng.shuffle(kinds)
        out = []
        for k in kinds:
            if len(out) >= n:
                break
            s = self.extra(k)
            if s:
                out.append(s)
                if k != "question":
                    self.tricks += 1
        return out

    # -- fact clauses for a topic, true or planted
    def facts_clauses(self, topic, wrong=None, relitem=None):
        """Clauses about one topic ('side', 'vert', 'size', 'count', 'rel'); `wrong` = planted value."""
        T = self.T
        if topic == "side":
            if wrong is not None:
                if T["side"] == wrong:
                    raise ValueError("not wrong")
                if wrong in ("left", "right") and self.chance(0.25):
                    return [self.c_conv(wrong, planted=True)]
                if T["side"] in ("left", "right") and wrong != "midline" and self.chance(0.15):
                    return [self.c_side_not(T["side"], planted=True)]
                return [self.c_side(wrong, planted=True)]
            if T["side"] == "bilateral" and T["count"] == 2 and self.allowed("count") and self.chance(0.3):
                return [self.c_sidecount()]
            out = [self.c_side(T["side"])]
            if self.chance(0.3) and ("conv", self.turn) not in self.used:
                out.append(self.c_conv(T["side"]))
            return out
        if topic == "vert":
            if wrong is not None:
                return [self.c_vert(wrong, planted=True)]
            out = [self.c_vert(T["vert"])]
            if self.chance(0.2):
                out.append(self.c_vert_neg())
            return out
        if topic == "size":
            tp = T["pct"]
            if wrong == "class":
                return [self.c_size(self.wrong("size"), planted=True)]
            if wrong == "pct":
                txt, num = self.wrong("pct")
                if self.chance(0.3):
                    ptxt, pnum = txt, num
                    return [self.c_sizepct(T["size"], ptxt, pnum, planted_pct=True)]
                return [self.c_pct(txt, num, planted=True)]
            r = self.rng.random()
            if r < 0.4:
                txt, num = self.pct_text(tp)
                return [self.c_sizepct(T["size"], txt, num)]
            if r < 0.6:
                return [self.c_size(T["size"])]
            if r < 0.75 and tp < 0.85:
                return [self.c_size(T["size"]), self.c_pct_lt()]
            txt, num = self.pct_text(tp)
            return [self.c_size(T["size"]), self.c_pct(txt, num)]
        if topic == "count":
            if wrong is not None:
                return [self.c_count(wrong, planted=True)]
            return [self.c_count(T["count"])]
        if topic == "rel":
            if wrong is not None:
                o, r = relitem
                return [self.c_rel([(o, wrong)], planted_idx=0)]
            items = [it for it in T["rels"] if self.allowed(("rel", it[0], _AXIS[it[1]]))]
            if relitem is not None:
                items = [it for it in items if it[0] == relitem] or items
            if not items:
                return []
            self.rng.shuffle(items)
            first = items[0]
            same = [it for it in items[1:] if it[0] == first[0]]
            chosen = [first] + (same[:1] if same and self.chance(0.6) else [])
            if not same and len(items) > 1 and self.chance(0.3):
                chosen.append(items[1])
            return [self.c_rel(chosen)]
        raise ValueError(topic)

    def relkeys_allowed(self):
        return any(self.allowed(("rel", o, _AXIS[r])) for o, r in self.T["rels"])

    # -- the first question
    def first_question(self, qstyle, leak=False, planted_rel=None):
        p, reg = self.p, self.reg
        mod = self.mod if reg != "local_small" or self.chance(0.5) else "image"
        noun = p["noun"]
        fn, clin, kbrel = self.pick(p["fn"]), self.pick(p["clin"]), self.pick(p["kbrel"])
        diffs = list(p["diff"])
        self.rng.shuffle(diffs)
        diff, diff2 = diffs[0], diffs[-1]
        rel = None
        self.q_rel = None
        if qstyle == "anatomical_relation":
            if planted_rel is not None:
                o, r = planted_rel
                rel = self.relp(o, r)
                self.claim("rel", r, other=o, planted=True)
                self.q_rel = None
            else:
                cands = [(o, r) for o, r in self.T["rels"]
                         if self.allowed(("rel", o, _AXIS[r])) and not self.named(o)]
                if cands and self.chance(0.65):
                    o, r = self.pick(cands)
                    rel = self.relp(o, r)
                    self.claim("rel", r, other=o)
                    self.q_rel = (o, r, rel)
        T = {
            "gpt4o_mini": {
                "function": ["Which {noun} in this {mod} {fn}? Segment {itO}.", "Segment the {noun} here that {fn}.",
                             "On this {mod}: which {noun} {fn}? Please mark {itO}."],
                "clinical_scenario": ["{clin} Which structure on this {mod} should we look at? Segment it.",
                                      "{clin} What should I check on this {mod}? Please segment it."],
                "rel": ["Which {noun} in this {mod} {lies} {rel}? Segment {itO}.",
                        "Segment the {noun} that {lies} {rel} on this {mod}."],
                "kbrel": ["Which {noun} in this {mod} {kbrel}? Segment {itO}."],
                "differential": ["Not {diff} — which {noun} here {fn}? Segment {itO}.",
                                 "Easy to confuse with {diff}: which {noun} on this {mod} {fn}? Please segment "
                                 "{itO}."]},
            "qwen": {
                "function": ["Please identify the {noun} in this {mod} that {fn}, and provide a segmentation.",
                             "Which {noun} visible in this {mod} {fn}? Kindly segment {itO}."],
                "clinical_scenario": ["Clinical scenario: {clin} Which structure in this {mod} should be examined? "
                                      "Please segment it.",
                                      "Consider the following case. {clin} Which structure in this {mod} is most "
                                      "relevant? Please provide its segmentation."],
                "rel": ["In this {mod}, which {noun} {lies} {rel}? Kindly segment {itO}."],
                "kbrel": ["Which {noun} in this {mod} {kbrel}? Please provide a segmentation."],
                "differential": ["The structure of interest is commonly confused with {diff}. Which {noun} in this "
                                 "{mod} {fn}? Please segment {itO}.",
                                 "Please distinguish the structure from {diff} and {diff2}: which {noun} in this "
                                 "{mod} {fn}? Provide a segmentation."]},
            "mistral": {
                "function": ["I'm looking at this {mod} and trying to work out which {noun} {fn} — could you point "
                             "{itO} out and segment {itO} for me?",
                             "So, on this {mod}, I'd like to find the {noun} that {fn}, if that makes sense; could "
                             "you segment {itO}?"],
                "clinical_scenario": ["So here's the situation, more or less: {clin} Which structure in this {mod} "
                                      "would you want to look at first, and could you segment it for me?",
                                      "I have a case I'm thinking through. {clin} Which structure on this {mod} "
                                      "should I be focusing on, and would you mind segmenting it?"],
                "rel": ["I've been staring at this {mod} and I can't quite decide which {noun} {lies} {rel}; could "
                        "you segment {itO} for me?"],
                "kbrel": ["On this {mod}, which {noun} {kbrel}, if you had to pick one? Could you segment {itO}?"],
                "differential": ["On this {mod} I keep mixing up {diff} with the structure I actually mean, the "
                                 "{noun} that {fn}; which is it, and could you segment {itO}?"]},
            "local_small": {
                "function": ["Which {noun} in this {mod} {fn}? Segment it please.",
                             "In this {mod} which {noun} {fn}, please segment."],
                "clinical_scenario": ["{clin} Which structure in this image we should look? Please segment.",
                                      "{clin} Which part in the image is important? Segment it."],
                "rel": ["In this image, which {noun} {lies} {rel}? Please do segmentation of {itO}."],
                "kbrel": ["Which {noun} {kbrel} in this image? Please segment."],
                "differential": ["It is not {diff}. Which {noun} {fn}? Segment please.",
                                 "Which {noun} {fn}, not {diff}? Please segment it."]},
        }[reg]
        key = qstyle
        if qstyle == "anatomical_relation":
            key = "rel" if rel else "kbrel"
        q = self.pick(T[key])
        q = _conj(_fill(q, noun=noun, mod=mod, fn=fn, clin=clin, kbrel=kbrel, diff=diff, diff2=diff2,
                        rel=rel or ""), self.pl)
        q = _cap(q)
        self.cue = dict(style=qstyle, fn=fn, kbrel=kbrel, diff=diff, rel=rel, noun=noun)
        if leak:
            L = self.pick(p["leak"])
            t = {"gpt4o_mini": ["{q} Is it the {L}?", "{q} (Thinking {L}.)"],
                 "qwen": ["{q} (The suspected structure is the {L}.)", "{q} Could it be the {L}?"],
                 "mistral": ["{q} My gut says it's the {L}, but I'd like to be sure.",
                             "{q} I half suspect the {L}, honestly."],
                 "local_small": ["{q} Is it the {L}?", "{q} I think it is the {L}."]}[reg]
            q = self.pick(t).replace("{q}", q).replace("{L}", L)
        return q

    # -- the first answer
    def cue_text(self):
        c, reg = self.cue, self.reg
        st = c["style"]
        if reg == "qwen":
            if st == "function":
                return _conj(f"The question refers to the {c['noun']} that {c['fn']}.", self.pl)
            if st == "clinical_scenario":
                return "The clinical scenario directs attention to one particular structure."
            if st == "anatomical_relation":
                if c["rel"]:
                    return "The question locates the structure by its relation to a neighbouring structure."
                return _conj(f"The question describes the {c['noun']} that {c['kbrel']}.", self.pl)
            return f"The structure must be distinguished from {c['diff']}."
        if reg == "mistral":
            if st == "function":
                return _conj(f"given that you're asking about the {c['noun']} that {c['fn']}", self.pl)
            if st == "clinical_scenario":
                return "given the story you describe, which really does point in one direction"
            if st == "anatomical_relation":
                return "going by the anatomical relationship you describe"
            return f"since you want it told apart from {c['diff']}"
        if reg == "local_small":
            if st == "function":
                return _conj(f"which {c['noun']} {c['fn']}", self.pl)
            if st == "clinical_scenario":
                return "about the patient story and which structure we should look"
            if st == "anatomical_relation":
                if c["rel"] and self.q_rel:
                    o, r, phrase = self.q_rel
                    self.claim("rel", r, other=o)
                    return _conj(f"which {c['noun']} {{lies}} {phrase}", self.pl)
                if c["rel"]:
                    return "which structure is in that place"
                return _conj(f"which {c['noun']} {c['kbrel']}", self.pl)
            return _conj(f"which {c['noun']} {c['fn']}, and not {c['diff']}", self.pl)
        return ""

    def first_answer(self, items, n_extra):
        """items: list of (topic, wrong, relitem) to state."""
        p, reg, name = self.p, self.reg, self.p["target"]
        clauses = []
        for topic, wrong, relitem in items:
            clauses += self.facts_clauses(topic, wrong, relitem)
        extras = self.extras(n_extra)
        why = self.fresh(p["why"])
        if reg == "gpt4o_mini":
            if self.chance(0.35):
                head = f"**{_cap(name)}** [SEG]." + (" " + why if self.chance(0.6) else "")
                body = "\n".join("- " + _cap(c) for c in clauses)
                text = head + "\n\n" + body + ("\n\n" + " ".join(extras) if extras else "")
            else:
                lead = self.pick(["These are the ", "Those are the ", "You're describing the ", "They're the "]
                                 if self.pl else ["This is the ", "That's the ", "You're describing the ", "It's the "])
                parts = [lead + f"**{name}** [SEG]."] + ([why] if self.chance(0.5) else [])
                parts += [self.sent(c) for c in clauses] + extras
                text = " ".join(parts)
        elif reg == "qwen":
            steps = [self.cue_text(), why]
            if extras and self.chance(0.4):
                note = extras.pop(0)
                for w in ("Additional context: ", "It should also be noted that "):
                    if note.startswith(w):
                        note = _cap(note[len(w):])
                steps.append("Note: " + note)
            if self.chance(0.5):
                head = "Let me reason through this step by step.\n" + "\n".join(
                    f"{i}. {s}" for i, s in enumerate(steps, 1))
                text = head + f"\n\nAnswer: the structure is the {name} [SEG]. "
            else:
                head = "\n".join(f"Step {i}: {s}" for i, s in enumerate(steps, 1))
                text = head + f"\nConclusion: {'these are' if self.pl else 'this is'} the {name} [SEG]. "
            text += " ".join([self.sent(c) for c in clauses] + extras)
        elif reg == "mistral":
            opener = self.pick(["Okay, so", "Right, so", "Well,", "Alright,"])
            text = f"{opener} {self.cue_text()}, I'd say {'these are' if self.pl else 'this is'} most likely the {name} [SEG]."
            if self.chance(0.6):
                text += " The reason I'd go with that is that " + _low(why)
            if clauses:
                lead = self.pick(["If I'm reading the image correctly, ", "As for this particular image, ",
                                  "Looking at this particular slice, ", ""])
                text += " " + _cap(lead + self.join_long(clauses)) + "."
            if extras:
                text += " " + " ".join(extras)
        else:
            text = f"You ask {self.cue_text()}. The answer is the {name} [SEG]. {why}"
            if clauses:
                text += " " + " ".join(self.sent(c) for c in clauses)
            if extras:
                text += " " + " ".join(extras)
        return text.strip()

    def join_long(self, clauses):
        if len(clauses) == 1:
            return clauses[0]
        conns = [", and ", ", while ", ", and also ", "; beyond that, ", ", whereas ", ", and on top of that "]
        self.rng.shuffle(conns)
        out = clauses[0]
        for i, c in enumerate(clauses[1:]):
            out += (conns[i] if i < len(conns) else ", and ") + c
        return out

    # -- follow-up questions
    def topic_q(self, topic, other=None):
        reg, lp = self.reg, self.o == "LP"
        Q = {
            "side": {"gpt4o_mini": ["Which side {is} {it} on?", "Left or right?", "Which side of the patient?"],
                     "qwen": ["Please specify the laterality of the structure.",
                              "On which side of the patient {is} {it} located?"],
                     "mistral": ["And which side would you say {it} {is} on? I always get confused with the way "
                                 "these images are flipped.",
                                 "Could you tell me which side of the patient {it} {is} on, in patient terms rather "
                                 "than screen terms?"],
                     "local_small": ["Which side of patient {it} {is}?", "{It} {is} on which side?"]},
            "vert": {"gpt4o_mini": ["Front or back?" if lp else "Upper or lower?",
                                    "Where {does} {it} sit along the vertical axis of the image?"],
                     "qwen": ["What is {its} position along the " + ("anteroposterior" if lp else "craniocaudal")
                              + " axis?"],
                     "mistral": ["{Is} {it} more toward the front or the back of the body, or is that hard to say "
                                 "from one slice?" if lp else
                                 "Would you say {it} {is} sitting high or low in the image, or somewhere in the "
                                 "middle?"],
                     "local_small": ["{It} {is} in front or in back?" if lp else "{It} {is} up or down in the "
                                     "image?"]},
            "size": {"gpt4o_mini": ["How big {is} {it}?", "How much of the image {does} {it} cover?"],
                     "qwen": ["Please quantify {its} size.", "What proportion of the image {does} {it} occupy?"],
                     "mistral": ["Roughly how big {is} {it}, would you say, compared with the whole image?"],
                     "local_small": ["How big {it} {is}?", "What is the size?"]},
            "count": {"gpt4o_mini": ["One region or several?", "How many separate pieces?"],
                      "qwen": ["How many separate components does the segmentation contain?"],
                      "mistral": ["{Is} {it} all one piece, or {does} {it} come in several separate bits?"],
                      "local_small": ["How many piece there is?", "{It} {is} one part or more?"]},
            "rel": {"gpt4o_mini": ["Where {is} {it} relative to the {X}?", "What's {it} next to?"],
                    "qwen": ["Please describe {its} relation to the {X}.",
                             "How {is} {it} positioned relative to the neighbouring structures?"],
                    "mistral": ["How {does} {it} sit in relation to the {X}, if you had to describe {itO}?"],
                    "local_small": ["Where {is} {it} from the {X}?", "What is near of {itO}?"]},
            "summary": {"gpt4o_mini": ["Quick summary?", "Can you recap the key findings?"],
                        "qwen": ["Please summarise the findings.", "Could you provide a concise summary?"],
                        "mistral": ["Could you pull all of that together into a short summary for me?"],
                        "local_small": ["Can you give summary?", "Please tell all again short."]},
            "function": {"gpt4o_mini": ["What {does} {it} do?", "Main function?"],
                         "qwen": ["What is {its} principal function?"],
                         "mistral": ["And what {does} {it} actually do, functionally speaking?"],
                         "local_small": ["What is the function of {itO}?"]},
            "clinical": {"gpt4o_mini": ["Why {does} {it} matter clinically?"],
                         "qwen": ["What is {its} clinical significance?"],
                         "mistral": ["Why would a clinician care about {itO}, in practice?"],
                         "local_small": ["Why {it} {is} important for doctor?"]},
        }[topic][reg]
        q = self.pick(Q)
        if "{X}" in q:
            q = q.replace("{X}", other or self.pick(list(self.p["others"])))
        return _conj(q, self.pl)

    def prem(self, topic, value, relitem=None):
        """A user's statement of a fact (true or not); records the claim via the caller."""
        T = self.T
        if topic == "side":
            t = {"left": "{it} {is} on the patient's left", "right": "{it} {is} on the patient's right",
                 "midline": "{it} {is} in the midline", "bilateral": "{it} {is} on both sides"}[value]
            return _conj(t, self.pl)
        if topic == "vert":
            t = self.pick(["{it} {sits} {vp}", "{it} {is} {va}"])
            return _conj(_fill(t, vp=self.vp(value), va=self.va(value)), self.pl)
        if topic == "size":
            return _conj("{it} {is} " + self.pick(SC[value]), self.pl)
        if topic == "pct":
            return _conj("{it} {covers} about " + value + " of the image", self.pl)
        if topic == "count":
            if value == 1:
                return _conj(self.pick(["{it} {is} a single piece", "{it} {is} all one region"]), self.pl)
            return f"there are {_nw(value)} separate {self.p['piece']}"
        if topic == "rel":
            o, r = relitem
            return _conj("{it} {lies} " + self.relp(o, r), self.pl)
        raise ValueError(topic)

    def answer_text(self, clauses, extras, topic=None, lead=None):
        reg = self.reg
        if reg == "mistral":
            if not clauses:
                return " ".join(extras)
            pre = lead if lead is not None else self.pick(["Sure, so ", "Good question, and ", "So, ", ""])
            s = _cap(pre + self.join_long(clauses)) + "."
            return " ".join([s] + extras)
        parts = [self.sent(c) for c in clauses] + extras
        if lead:
            parts = [lead.strip()] + parts
        elif reg == "local_small" and topic:
            rs = {"side": "which side it is", "vert": "where it is", "size": "how big it is",
                  "count": "how many piece", "rel": "what is near", "function": "what it does",
                  "clinical": "why it is important", "summary": "for summary"}.get(topic)
            if rs and self.chance(0.7):
                parts = [f"You ask {rs}."] + parts
        elif reg == "qwen" and self.chance(0.3):
            parts = ["Certainly."] + parts
        elif reg == "gpt4o_mini" and self.chance(0.3) and parts:
            parts[0] = "Sure — " + _low(parts[0]) if not parts[0].startswith("**") else parts[0]
        return " ".join(parts)

    def pick_relother(self):
        items = [it for it in self.T["rels"] if self.allowed(("rel", it[0], _AXIS[it[1]]))]
        return self.pick(items)[0] if items else None

    def fu_topic(self, topic, wrong=None, relitem=None, n_extra=0):
        """User asks about a topic; the answer is true, or carries the planted wrong value."""
        other = None
        if topic == "rel":
            other = relitem[0] if relitem else self.pick_relother()
        self.role, q = "user", self.topic_q(topic, other)
        self.turn += 1
        self.role = "assistant"
        if wrong is not None:
            clauses = self.facts_clauses(topic, wrong, relitem)
        else:
            clauses = self.facts_clauses(topic, None, other)
        extras = []
        if topic == "side" and wrong is None and self.chance(0.4):
            extras = self.extras(1, ["conv", "hyp_side", "trap"])
        elif n_extra:
            extras = self.extras(n_extra)
        a = self.answer_text(clauses, extras, topic)
        self.turn += 1
        return q, a

    def fu_yesno(self, topic, wrong=None):
        T, reg = self.T, self.reg
        if topic == "side":
            x = self.pick(["left", "right"]) if T["side"] not in ("left", "right") else \
                self.pick([T["side"], _OPP_SIDE[T["side"]]])
            if wrong is not None:
                x = self.pick([T["side"], wrong]) if wrong in ("left", "right") else T["side"]
            q = {"gpt4o_mini": "{Is} {it} on the patient's {x}?", "qwen": "Is the structure located on the "
                 "patient's {x}?", "mistral": "Just to check I've understood, {is} {it} on the patient's {x}?",
                 "local_small": "{It} {is} on {x} side?"}[reg]
            truth_yes = x == T["side"]
        elif topic == "vert":
            vals = ["anterior", "posterior"] if self.o == "LP" else ["superior", "inferior"]
            x = self.pick(vals)
            if wrong is not None and wrong != "central":
                x = self.pick([x, wrong])
            q = {"gpt4o_mini": "{Is} {it} {x}?", "qwen": "Is the structure {x} in position?",
                 "mistral": "Would you say {it} {is} {x}, broadly speaking?", "local_small": "{It} {is} {x}?"}[reg]
            truth_yes = x == T["vert"]
        elif topic == "size":
            x = self.pick(["large", "small"])
            q = {"gpt4o_mini": "{Is} {it} large?" if x == "large" else "Would you call {itO} small?",
                 "qwen": "Would the structure be classified as {x}?", "mistral": "{Is} {it} on the {x} side, "
                 "size-wise, would you say?", "local_small": "{It} {is} {x}?"}[reg]
            truth_yes = x == T["size"]
        else:
            x = "single"
            q = {"gpt4o_mini": "{Is} {it} a single piece?", "qwen": "Does the segmentation form a single region?",
                 "mistral": "{Is} {it} just the one piece, then?", "local_small": "{It} {is} one piece only?"}[reg]
            truth_yes = T["count"] == 1
        q = _conj(_fill(q, x=x), self.pl)
        q = _conj(q.replace("{Is}", "{is}"), self.pl)
        q = _cap(q)
        self.role = "user"
        self.turn += 1
        self.role = "assistant"
        if wrong is None:
            clauses = self.facts_clauses(topic)
            yes = truth_yes
        else:
            if topic == "side":
                clauses = [self.c_side(wrong, planted=True)]
                said = wrong
            elif topic == "vert":
                clauses = [self.c_vert(wrong, planted=True)]
                said = wrong
            elif topic == "size":  # only a wrong size class is asked as yes/no
                clauses = [self.c_size(self.wrong("size"), planted=True)]
                said = None
            else:
                clauses = [self.c_count(wrong, planted=True)]
                said = wrong
            if topic == "size":
                sv = [c for c in self.claims if c["planted"]][-1]
                yes = sv["k"] == "size" and sv["v"] == x
            elif topic == "count":
                yes = said == 1
            else:
                yes = said == x
        lead = {"gpt4o_mini": ("Yes — " if yes else "No — "), "qwen": ("Yes. " if yes else "No. "),
                "mistral": ("Yes, I think so: " if yes else "No, not really: "),
                "local_small": ("Yes, " if yes else "No, ")}[reg]
        if reg == "mistral":
            a = self.answer_text(clauses, [], topic, lead=lead)
        elif reg in ("qwen",):
            a = lead + " ".join(self.sent(c) for c in clauses)
        else:
            a = lead + _low(" ".join(self.sent(c) for c in clauses))
        self.turn += 1
        return q, a

    def fu_premise(self, ptopic, pvalue, q2, planted, relitem=None):
        """The user states a fact (true, or the planted false one) and asks about another topic q2; the
        answer answers q2 only (it neither repeats nor corrects the premise)."""
        reg = self.reg
        self.role = "user"
        if ptopic == "pct":
            txt, num = pvalue
            prem = self.prem("pct", txt)
            self.claim("pct", num, planted=planted)
        elif ptopic == "rel":  # pvalue: the relation stated, relitem: (other, measured relation)
            prem = self.prem("rel", None, (relitem[0], pvalue))
            self.claim("rel", pvalue, other=relitem[0], planted=planted)
        else:
            prem = self.prem(ptopic, pvalue)
            self.claim(ptopic, pvalue, planted=planted)
        other = self.pick_relother() if q2 == "rel" else None
        q = self.topic_q(q2, other)
        if q.startswith("And "):
            q = _cap(q[4:])
        t = {"gpt4o_mini": ["Got it — so {prem}. {q}", "OK, {prem}. {q}"],
             "qwen": ["Understood: {prem}. {q}", "Given that {prem}, {ql}"],
             "mistral": ["Okay, that makes sense, and given that {prem}, {ql}", "Right, so {prem}; in that case, {ql}"],
             "local_small": ["{Prem}. {q}", "So {prem}. {q}"]}[reg]
        user = self.pick(t).replace("{prem}", prem).replace("{Prem}", _cap(prem)).replace("{ql}", _low(q)) \
            .replace("{q}", q)
        self.turn += 1
        self.role = "assistant"
        if q2 in ("function", "clinical"):
            a = self.knowledge_answer(q2)
        elif q2 == "summary":
            a = self.summary_answer()
        else:
            clauses = self.facts_clauses(q2, None, other)
            lead = {"gpt4o_mini": self.pick(["", "Sure. "]), "qwen": self.pick(["", "Certainly. "]),
                    "mistral": self.pick(["Sure, so ", "Good question, and ", "So, "]),
                    "local_small": self.pick(["", "Okay. "])}[reg]
            a = self.answer_text(clauses, [], q2, lead=lead if reg == "mistral" else None)
            if reg != "mistral" and lead:
                a = lead + a
        self.turn += 1
        return user, a

    def fu_corrected(self, topic):
        """The user states a false idea; the assistant explicitly corrects it with the truth."""
        T, reg = self.T, self.reg
        self.role = "user"
        relitem = None
        if topic == "side":
            w = self.wrong("side")
            if T["side"] in ("left", "right") and w in ("left", "right") and self.chance(0.6):
                prem = _conj("{it} {is} on the patient's " + w + ", since {it} {is} on the " + _IMG[T["side"]] +
                             " of the screen", self.pl)
            else:
                prem = self.prem("side", w)
            self.claim("side", w, corrected=True)
        elif topic == "vert":
            w = self.wrong("vert")
            prem = self.prem("vert", w)
            self.claim("vert", w, corrected=True)
        elif topic == "size":
            w = self.wrong("size")
            prem = self.prem("size", w)
            self.claim("size", w, corrected=True)
        elif topic == "count":
            w = self.wrong("count")
            prem = self.prem("count", w)
            self.claim("count", w, corrected=True)
        else:
            items = [it for it in T["rels"] if self.allowed(("rel", it[0], _AXIS[it[1]]))]
            o, r = self.pick(items)
            relitem = (o, r)
            prem = self.prem("rel", None, (o, _OPP_REL[r]))
            self.claim("rel", _OPP_REL[r], other=o, corrected=True)
        t = {"gpt4o_mini": ["I'd have said {prem}.", "Looks to me like {prem}."],
             "qwen": ["My impression is that {prem}.", "I believe {prem}."],
             "mistral": ["Hmm, I'd actually have guessed that {prem}, just from eyeballing it.",
                         "Wait, I thought {prem}; am I misreading it?"],
             "local_small": ["I think {prem}.", "But {prem}, no?"]}[reg]
        user = self.pick(t).replace("{prem}", prem)
        self.turn += 1
        self.role = "assistant"
        if topic == "side":
            clauses = [self.c_side(T["side"])]
            if T["side"] in ("left", "right") or self.chance(0.5):
                clauses.append(self.c_conv(T["side"]))
        elif topic == "rel":
            clauses = [self.c_rel([relitem])]
        else:
            clauses = self.facts_clauses(topic)
        marker = {"gpt4o_mini": ["Not quite — ", "Actually, no: ", "Small correction: "],
                  "qwen": ["That is not correct. ", "A correction is needed here. "],
                  "mistral": ["Ah, I'd gently push back on that, because ",
                              "Actually, no, and it's an easy mistake to make, but "],
                  "local_small": ["No, this is not correct. ", "No. "]}[reg]
        m = self.pick(marker)
        if reg == "mistral":
            a = m + self.join_long(clauses) + "."
        elif reg == "gpt4o_mini":
            a = m + _low(" ".join(self.sent(c) for c in clauses))
        else:
            a = m + " ".join(self.sent(c) for c in clauses)
        self.turn += 1
        return user, a

    def knowledge_answer(self, kind):
        reg, p = self.reg, self.p
        if kind == "function":
            fn = self.pick(p["fn"])
            t = {"gpt4o_mini": "{It} " + fn + ".", "qwen": "Functionally, {it} " + fn + ".",
                 "mistral": "Well, functionally speaking, {it} " + fn + ", which is really the main thing to know "
                            "about {itO}.",
                 "local_small": _cap(p["short"][0]) + " " + fn + "."}[reg]
            first = _conj(t, self.pl)
        else:
            first = self.fresh(p["why"]) or self.fresh(p["know"]) or self.pick(p["why"])
            if reg == "mistral":
                first = "Clinically, the way I'd put it is that " + _low(first)
            elif reg == "qwen":
                first = "Clinical relevance: " + first
        out = [first]
        k = self.fresh([x for x in p["know"] + p["traps"]])
        if k:
            out.append(self.wrap_k(k))
            self.tricks += 1
        return " ".join(out)

    def summary_answer(self, wrong_item=None):
        """A recap of the allowed facts (plus the planted one when wrong_item = (topic, wrong, relitem))."""
        reg = self.reg
        topics = [t for t in ("side", "vert", "size", "count") if self.allowed(t)]
        if self.relkeys_allowed():
            topics.append("rel")
        self.rng.shuffle(topics)
        topics = topics[:self.rng.randint(2, 4)]
        if wrong_item:
            topics.insert(self.rng.randint(0, len(topics)), "WRONG")
        clauses = []
        for t in topics:
            if t == "WRONG":
                clauses += self.facts_clauses(*wrong_item)
            else:
                clauses += self.facts_clauses(t)
        if reg == "gpt4o_mini":
            return "**Summary:**\n" + "\n".join("- " + _cap(c) for c in clauses)
        if reg == "qwen":
            return "Summary of findings: " + "; ".join(f"({i}) {c}" for i, c in enumerate(clauses, 1)) + "."
        if reg == "mistral":
            return ("So, to pull it all together: " + self.join_long(clauses) +
                    ", which is about as much as a single slice will tell you.")
        return "Summary: " + f"it is the {self.p['target']}. " + " ".join(self.sent(c) for c in clauses)

    def fu_simple(self, kind, wrong_item=None):
        self.role = "user"
        q = self.topic_q(kind)
        self.turn += 1
        self.role = "assistant"
        a = self.summary_answer(wrong_item) if kind == "summary" else self.knowledge_answer(kind)
        if kind != "summary" and self.chance(0.35):
            opts = [t for t in ("side", "vert", "size") if self.allowed(t)]
            if opts:
                c = self.facts_clauses(self.pick(opts))
                a += " " + ("In this image, " + _low(" ".join(self.sent(x) for x in c)) if reg_is(self, "qwen")
                            else " ".join(self.sent(x) for x in c))
        self.turn += 1
        return q, a


def reg_is(row, name):
    return row.reg == name


# ------------------------------------------------------------------------------------------------
# the bank's entry points

def _allowed_topics(row, with_rel=True):
    out = [t for t in ("side", "vert", "size", "count") if row.allowed(t)]
    if with_rel and row.relkeys_allowed():
        out.append("rel")
    return out


def build(p, facts, style, rng, defect):
    row = _Row(p, facts, style, rng)
    T = row.T
    n_rounds = 2 if rng.random() < 0.45 else 3
    qstyle = rng.choice(QSTYLES)
    dtopic = dwrong = drel = dloc = None
    if defect in ("laterality", "position", "size", "count"):
        if defect == "laterality":
            dtopic, dwrong = "side", row.wrong("side")
        elif defect == "position":
            if T["rels"] and rng.random() < 0.5:
                o, r = rng.choice(T["rels"])
                dtopic, drel, dwrong = "rel", (o, r), _OPP_REL[r]
                row.excluded.add(("rel", o, _AXIS[r]))
            else:
                dtopic, dwrong = "vert", row.wrong("vert")
        elif defect == "size":
            dtopic, dwrong = "size", rng.choice(["class", "pct"])
        else:
            dtopic, dwrong = "count", row.wrong("count")
        if dtopic != "rel":
            row.excluded.add(dtopic)
        u = rng.random()
        dloc = "user" if u < 0.2 else "follow" if u < 0.4 else "first"

    # first question
    row.turn, row.role = 0, "user"
    planted_rel = None
    if dtopic == "rel" and dloc == "user" and qstyle == "anatomical_relation" and not row.named(drel[0]) \
            and rng.random() < 0.5:
        planted_rel, dloc = (drel[0], dwrong), "firstq"
    turns = [row.first_question(qstyle, leak=defect == "names_target", planted_rel=planted_rel)]

    # first answer
    row.turn, row.role = 1, "assistant"
    probs = {"side": 0.8, "vert": 0.55, "size": 0.7, "count": 0.45 if T["count"] == 1 else 0.8, "rel": 0.5}
    items = [(t, None, None) for t in _allowed_topics(row) if rng.random() < probs[t]]
    while len(items) < 2:
        rest = [t for t in _allowed_topics(row) if t not in [i[0] for i in items]]
        items.append((rng.choice(rest), None, None))
    rng.shuffle(items)
    if dloc == "first":
        items.insert(rng.randint(0, len(items)), (dtopic, dwrong, drel))
    n_extra = {"gpt4o_mini": rng.randint(1, 2), "qwen": rng.randint(1, 3), "mistral": rng.randint(2, 3),
               "local_small": rng.randint(1, 2)}[style]
    turns.append(row.first_answer(items, n_extra))

    # follow-ups
    row.turn = 2
    specs = []
    if dloc in ("follow", "user"):
        specs.append(dloc)
    if (defect is None and rng.random() < 0.35) or (defect is not None and rng.random() < 0.12):
        specs.append("corrected")
    if rng.random() < 0.2:
        specs.append("true_premise")
    while len(specs) < n_rounds - 1:
        specs.append(rng.choice(["topic", "topic", "yesno", "summary", "function", "clinical"]))
    specs = specs[:n_rounds - 1]
    rng.shuffle(specs)
    mentioned = {i[0] for i in items}
    for spec in specs:
        if spec == "follow":
            how = rng.random()
            if how < 0.25 and dtopic in ("side", "vert", "count") or (how < 0.25 and dwrong == "class"):
                q, a = row.fu_yesno(dtopic, dwrong)
            elif how < 0.5:
                row.role = "user"
                q = row.topic_q("summary")
                row.turn += 1
                row.role = "assistant"
                a = row.summary_answer((dtopic, dwrong, drel))
                row.turn += 1
            else:
                q, a = row.fu_topic(dtopic, dwrong, drel)
        elif spec == "user":
            if dtopic == "size":
                ptopic, pval = ("size", row.wrong("size")) if dwrong == "class" else ("pct", row.wrong("pct"))
            else:
                ptopic, pval = dtopic, dwrong
            q2 = rng.choice(_allowed_topics(row) + ["function", "clinical"])
            q, a = row.fu_premise(ptopic, pval, q2, True, drel)
        elif spec == "corrected":
            q, a = row.fu_corrected(rng.choice(_allowed_topics(row)))
        elif spec == "true_premise":
            opts = _allowed_topics(row, with_rel=False)
            pt = rng.choice(opts)
            if pt == "size" and rng.random() < 0.4:
                pt, pv = "pct", row.pct_text(T["pct"])
            else:
                pv = T[pt]
            q2 = rng.choice([t for t in _allowed_topics(row) if t != pt] + ["function", "clinical"])
            q, a = row.fu_premise(pt, pv, q2, False)
        elif spec == "topic":
            opts = _allowed_topics(row)
            fresh = [t for t in opts if t not in mentioned]
            t = rng.choice(fresh or opts)
            mentioned.add(t)
            q, a = row.fu_topic(t, n_extra=1 if rng.random() < 0.3 else 0)
        elif spec == "yesno":
            q, a = row.fu_yesno(rng.choice([t for t in ("side", "vert", "size", "count") if row.allowed(t)]))
        else:
            q, a = row.fu_simple(spec)
        turns += [q, a]
    if row.tricks < 2:  # every row carries at least two misreadable sentences
        row.turn = len(turns) - 1
        more = row.extras(2 - row.tricks, ["know", "trap", "pop", "neg", "hyp_side", "hyp_size", "conv"])
        turns[-1] = turns[-1] + ("\n\n" if turns[-1].count("\n- ") else " ") + " ".join(more)
    LEDGER.append(dict(key=p["key"], target=p["target"], style=style, defect=defect, dloc=dloc, dtopic=dtopic,
                       names_q=defect == "names_target", qstyle=qstyle, claims=row.claims, n_turns=len(turns)))
    out = [{"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(turns)]
    return out, ([] if defect is None else [defect])
