"""Bank BR (round 14, helper qcbr): knowledge-heavy teaching on brain MR (axial and coronal), heart MR/CT
and neck CT, written blind (without opening the QC rules, their tests, other banks or their rows).

Four registers: a professor's mini-lecture, a board-exam explanation with differentials, a textbook
paragraph with parenthetical asides and semicolons, and flash-card follow-ups ("Side? Pieces? Size?").
Every answer mixes the target's measured facts with many TRUE knowledge sentences about other structures
that carry their own sides, positions, sizes and counts, differential diagnoses, population figures and
comparisons; the target's facts often share a sentence with a foil ("Unlike the right hippocampus, which
mirrors it across the midline, this one lies on the patient's left"). Facts come from the product's own
`compute_facts` on synthetic ellipse masks; the prose is written from those facts.

Defective rows hold exactly one plainly false claim of their kind; about a fifth of the side, position,
size and count defects sit in a user's follow-up question, about a quarter only in a follow-up answer.
Target facts use the writer's own reserved phrasings ("on the patient's left", "the ... part of the
slice", "on this slice it lies ...", "a small mask, about 0.6% of the image", "two separate regions")
that knowledge sentences never use, so the writer's own reader (not QC) can check every row.

First measure: not taken by its writer (the lead measures it once after merging).
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
STYLES = ["lecture", "board", "textbook", "flashcard"]
W = H = 256

# ---- knowledge pools (all true; none uses the reserved target phrasings) --------------------------------
BRAIN_KB = [
    "The third ventricle is a thin midline slit between the two thalami.",
    "Each cerebral hemisphere has four lobes: frontal, parietal, temporal and occipital.",
    "The internal capsule lies between the caudate and thalamus medially and the lentiform nucleus laterally.",
    "The fourth ventricle sits behind the pons and in front of the cerebellum.",
    "The septum pellucidum is a thin midline sheet separating the two frontal horns.",
    "The falx cerebri runs in the midline between the two hemispheres.",
    "The putamen is larger than the globus pallidus, which lies medial to it.",
    "The pineal gland sits in the midline just behind the third ventricle.",
    "The cerebellum has two hemispheres joined in the midline by the vermis.",
    "The brainstem has three parts, the midbrain, the pons and the medulla, stacked from top to bottom.",
    "The corpus callosum crosses the midline above the lateral ventricles.",
    "The right hemisphere controls movement of the left side of the body, and the left hemisphere the right.",
    "The temporal horn of each lateral ventricle lies low in the temporal lobe, well below the frontal horn.",
    "The thalamus is roughly twice as large as the head of the caudate nucleus.",
]
BRAIN_STATS = [
    "In about 95% of right-handed people language is lateralised to the left hemisphere.",
    "Glioblastoma is the most common primary malignant brain tumour in adults.",
    "Arachnoid cysts turn up incidentally in roughly 1 to 2% of adult brain scans.",
    "Hippocampal sclerosis is found in roughly two thirds of patients operated on for temporal lobe epilepsy.",
    "Meningiomas make up about a third of all primary intracranial tumours.",
]
HEART_KB = [
    "The right ventricle sits in front of the left ventricle, just behind the sternum.",
    "The left atrium is the most posterior chamber, lying directly in front of the oesophagus.",
    "The heart has four chambers: two atria and two ventricles.",
    "The normal left ventricular wall is two to three times thicker than the right ventricular wall.",
    "The interventricular septum normally bows toward the right ventricle.",
    "The right atrium forms the right border of the heart on a frontal chest radiograph.",
    "The cardiac apex points forward, downward and to the left.",
    "The descending aorta runs down on the left side of the vertebral bodies, behind the left atrium.",
    "The pulmonary trunk leaves the right ventricle in front of and to the left of the aortic root.",
]
HEART_STATS = [
    "A normal left ventricular ejection fraction is about 55 to 70%.",
    "Most people have four pulmonary veins, two from each lung, though roughly a quarter have a variant pattern.",
    "Atrial fibrillation affects about 1 to 2% of the general population and far more of the elderly.",
    "A patent foramen ovale persists in about a quarter of adults.",
]
NECK_KB = [
    "The trachea lies in the midline, directly in front of the oesophagus.",
    "The oesophagus usually sits slightly to the left of the midline behind the trachea.",
    "The thyroid has two lobes joined by a thin isthmus that crosses in front of the upper tracheal rings.",
    "The internal jugular vein lies lateral to the common carotid artery within the carotid sheath.",
    "The left common carotid artery arises directly from the aortic arch, whereas the right one comes off the brachiocephalic trunk.",
    "The carotid bifurcation usually lies at the level of the upper border of the thyroid cartilage.",
    "The trachea is held open by about 16 to 20 C-shaped cartilage rings.",
    "The vertebral bodies sit behind the oesophagus, with the prevertebral muscles in between.",
]
NECK_STATS = [
    "A pyramidal lobe rising from the isthmus is present in roughly a third to a half of people.",
    "Thyroid nodules can be found on ultrasound in about half of adults over sixty.",
    "A carotid narrowing of 50% or more is found in roughly 5 to 10% of people over 65.",
]
BRAIN_STATS += ["About one person in ten is left-handed.",
                "In roughly 70% of left-handed people language still sits in the left hemisphere."]
HEART_STATS += ["Situs inversus, with the heart on the right, occurs in roughly 1 in 10,000 people.",
                "A right-sided aortic arch is found in only about 0.1% of adults."]
NECK_STATS += ["An aberrant right subclavian artery occurs in about 0.5 to 1% of people."]
BRAIN_KB += ["If this were a left-sided subdural collection, it would hug the inner table of the skull rather than sit deep in the brain.",
             "A meningioma on the right would typically sit against the dura with a broad base."]
HEART_KB += ["Were the right ventricle pressure-loaded, the septum would flatten and bow toward the left.",
             "A left atrium enlarged by mitral disease can push the left main bronchus upward."]
NECK_KB += ["A large goitre often pushes the trachea toward the opposite side.",
            "A left-sided neck mass would push the trachea to the right, not the left."]
# knowledge with a count, a size or a position, to share a sentence with the target's own fact
MIX = {"brain": {"count": ["each cerebral hemisphere has four lobes", "the brainstem has three parts",
                           "the cerebellum has two hemispheres joined by the vermis"],
                 "size": ["the thalamus is roughly twice as large as the caudate head",
                          "the lateral ventricles dwarf the slit-like third ventricle"],
                 "pos": ["the fourth ventricle sits behind the pons", "the pineal gland lies behind the third ventricle",
                         "the corpus callosum arches above the lateral ventricles"]},
       "heart": {"count": ["the heart has four chambers", "most people have four pulmonary veins"],
                 "size": ["the left ventricular wall is two to three times thicker than the right",
                          "the left ventricle is the most muscular chamber"],
                 "pos": ["the right ventricle is the most anterior chamber", "the left atrium is the most posterior chamber"]},
       "neck": {"count": ["the thyroid has two lobes joined by an isthmus", "there are two common carotid arteries",
                          "the trachea has about 16 to 20 cartilage rings"],
                "size": ["the internal jugular vein is usually wider than the common carotid artery",
                         "the trachea is wider than the oesophagus when it is collapsed"],
                "pos": ["the oesophagus lies behind the trachea", "the vertebral bodies lie behind the oesophagus"]}}
KB = {"brain": (BRAIN_KB, BRAIN_STATS), "heart": (HEART_KB, HEART_STATS), "neck": (NECK_KB, NECK_STATS)}


def P(target, domain, plane, blobs, others, noun, fn, hint, giveaway, foil, diff, comp, names, label=None, mod="MR"):
    return dict(target=target, domain=domain, plane=plane, blobs=blobs, others=others, noun=noun, fn=fn, hint=hint,
                giveaway=giveaway, foil=foil, diff=diff, comp=comp, names=names, label=label or target, mod=mod)


# blobs: (cx, cy, rx, ry) in normalised image units; cx grows toward the patient's left (LP / LI)
PROFILES = [
    P("left hippocampus", "brain", "axial", [(0.66, 0.585, 0.05, 0.03)],
      {"brainstem": (0.5, 0.52), "right hippocampus": (0.34, 0.585)}, "curved grey-matter structure",
      ["forms new memories of facts and events", "helps with spatial navigation"],
      "an older patient has gradually worsening memory", ["hippocampal", "hippocampus", "Ammon's horn"],
      ["the right hippocampus, which mirrors it across the midline", "the brainstem, which stays central"],
      ["the amygdala, which sits just in front of it", "the temporal horn, a fluid slit above it"],
      ["smaller than the thalamus", "roughly the length of a little finger"], ["hippocamp", "ammon", "cornu"]),
    P("right thalamus", "brain", "axial", [(0.43, 0.53, 0.045, 0.06)],
      {"left thalamus": (0.57, 0.53), "right caudate nucleus": (0.40, 0.40), "third ventricle": (0.5, 0.53)},
      "egg-shaped deep grey relay station", ["relays sensation to the outer layer of the brain",
                                             "helps regulate sleep and wakefulness"],
      "a patient has numbness of one half of the body after a small deep stroke", ["thalamic", "thalamus", "thalami"],
      ["the left thalamus, which faces it across the third ventricle", "the third ventricle, a slit in the middle"],
      ["the caudate nucleus, which lies further forward", "the globus pallidus, which sits lateral to the internal capsule"],
      ["roughly twice as large as the caudate head", "larger than the hippocampus"], ["thalam"]),
    P("caudate nucleus", "brain", "axial", [(0.41, 0.40, 0.03, 0.05), (0.59, 0.40, 0.03, 0.05)],
      {"third ventricle": (0.5, 0.53), "pineal gland": (0.5, 0.62)}, "C-shaped deep grey nuclei",
      ["help plan and start voluntary movements", "bulge into the front horns of the fluid spaces"],
      "a patient with a family history has jerky involuntary movements and mood change", ["caudate", "caudate nuclei",
                                                                                           "caudate heads"],
      ["the third ventricle, which is a single midline slit", "the pineal gland, a single midline body"],
      ["the putamen, which lies lateral to the internal capsule", "the thalamus, which lies further back"],
      ["smaller than the thalamus", "about half the size of the thalamus"], ["caudat"]),
    P("left putamen", "brain", "axial", [(0.635, 0.47, 0.035, 0.07)],
      {"left thalamus": (0.57, 0.55), "right putamen": (0.365, 0.47)}, "lens-shaped deep grey nucleus",
      ["helps control movement and posture", "receives dopamine signals from the midbrain"],
      "a patient with high blood pressure has a sudden deep bleed and one-sided weakness",
      ["putamen", "putaminal", "lentiform nucleus"],
      ["the right putamen, which mirrors it", "the third ventricle, which stays in the middle"],
      ["the globus pallidus, just medial to it", "the claustrum, a thin sheet lateral to it"],
      ["larger than the globus pallidus", "somewhat smaller than the thalamus"], ["putam", "lentiform"]),
    P("lateral ventricle", "brain", "axial", [(0.43, 0.46, 0.035, 0.11), (0.57, 0.46, 0.035, 0.11)],
      {"third ventricle": (0.5, 0.56), "pineal gland": (0.5, 0.63)}, "paired fluid-filled cavities",
      ["hold the fluid that cushions the brain", "contain the choroid plexus that makes that fluid"],
      "a child has a growing head and vomiting because the fluid cannot drain",
      ["lateral ventricles", "ventricular", "ventricles"],
      ["the third ventricle, a single slit in the middle", "the fourth ventricle, a single cavity at the back"],
      ["an arachnoid cyst, which would lie outside the brain", "a porencephalic cyst, which would connect to the surface"],
      ["far larger than the third ventricle", "much larger than the fourth ventricle"], ["ventric"]),
    P("enhancing tumour", "brain", "axial", [(0.32, 0.38, 0.04, 0.035)],
      {"brainstem": (0.5, 0.55), "left lateral ventricle": (0.56, 0.45)}, "rim of active tissue",
      ["lights up after gadolinium because its blood-brain barrier leaks", "marks the most aggressive growing part"],
      "an adult has a first seizure and a growth is seen on post-contrast T1", ["enhancing tumour", "enhancing rim",
                                                                                  "contrast-enhancing"],
      ["the left lateral ventricle, which is untouched", "the falx, which stays in the midline"],
      ["a meningioma, which would sit against the dura", "an abscess, which would have a thinner smoother rim"],
      ["smaller than the surrounding bright fluid", "about the size of a grape"], ["enhanc", "tumo", "glioma"]),
    P("peritumoral edema", "brain", "axial", [(0.68, 0.55, 0.15, 0.18)],
      {"third ventricle": (0.5, 0.53), "left caudate nucleus": (0.56, 0.38)}, "bright FLAIR region of leaked fluid",
      ["spreads through the white matter around a growth", "adds to the mass effect"],
      "a patient with headaches improves within days of starting dexamethasone",
      ["oedema", "edema", "vasogenic oedema", "FLAIR hyperintensity", "swelling"],
      ["the right hemisphere, which looks normal", "the third ventricle, a midline slit"],
      ["an infarct, which would follow a vascular territory", "demyelination, which would be patchier"],
      ["much larger than the enhancing core", "several times the size of the caudate head"],
      ["edema", "oedema", "swell", "flair hyper", "tumo"]),
    P("vestibular schwannoma", "brain", "axial", [(0.38, 0.63, 0.03, 0.025)],
      {"brainstem": (0.5, 0.55), "fourth ventricle": (0.5, 0.66)}, "nerve-sheath growth at the cerebellopontine angle",
      ["causes one-sided hearing loss and tinnitus", "widens the internal auditory canal"],
      "a patient has slowly progressive hearing loss in one ear", ["acoustic neuroma", "schwannoma", "vestibular"],
      ["the brainstem, which stays central", "the fourth ventricle, a single midline space"],
      ["a meningioma, which would have a broad dural base", "an epidermoid, which would restrict diffusion"],
      ["smaller than the cerebellar hemisphere beside it", "about the size of a pea"],
      ["schwann", "neuroma", "vestibular"], mod="MR"),
    P("cerebellum", "brain", "coronal", [(0.5, 0.78, 0.22, 0.1)],
      {"brainstem": (0.5, 0.6), "left temporal lobe": (0.72, 0.58)}, "folded structure under the occipital lobes",
      ["coordinates movement and balance", "fine-tunes posture and eye movements"],
      "a patient who drinks heavily has a wide-based unsteady gait", ["cerebellar", "cerebellum", "cerebellar hemispheres"],
      ["the left temporal lobe, which sits on one side", "the hippocampi, which lie one on each side"],
      ["the occipital lobe, which lies above the tentorium", "the brainstem, which lies in front of it"],
      ["larger than the brainstem", "about a tenth of the brain's volume"], ["cerebell"]),
    P("brainstem", "brain", "coronal", [(0.5, 0.64, 0.05, 0.12)],
      {"third ventricle": (0.5, 0.42), "left hippocampus": (0.63, 0.58)}, "stalk of nerve tissue",
      ["controls breathing and heart rate", "carries all signals between the brain and the spinal cord"],
      "a patient has double vision, slurred speech and weakness of all four limbs",
      ["brain stem", "pontine", "brainstem", "midbrain"],
      ["the hippocampi, which lie one on each side", "the left temporal lobe, which sits on one side"],
      ["the cerebellum, which lies behind it", "the fourth ventricle, a cavity behind it"],
      ["smaller than the cerebellum", "narrower than either cerebral hemisphere"],
      ["brainstem", "brain stem", "pons", "pontine", "midbrain", "medulla", "mesenceph"]),
    P("right hippocampus", "brain", "coronal", [(0.36, 0.6, 0.045, 0.03)],
      {"brainstem": (0.5, 0.64), "right lateral ventricle": (0.43, 0.4)}, "curved grey-matter structure",
      ["forms new memories of facts and events", "sits in the floor of a temporal fluid space"],
      "a patient has seizures with a rising feeling in the stomach", ["hippocampal", "hippocampus", "hippocampi"],
      ["the left hippocampus, which mirrors it", "the brainstem, which stays central"],
      ["the amygdala, which lies just in front of it", "the temporal horn, which lies above it"],
      ["smaller than the thalamus", "about the length of a thumb"], ["hippocamp", "ammon", "cornu"]),
    P("left ventricle", "heart", "axial", [(0.6, 0.43, 0.08, 0.07)],
      {"right ventricle": (0.47, 0.35), "descending aorta": (0.57, 0.68)}, "main pumping blood pool",
      ["pumps oxygen-rich blood through the aortic valve to the whole body", "fills through the mitral valve"],
      "a patient with breathlessness and swollen ankles has a reduced ejection fraction",
      ["LV", "left ventricular", "ventricle"],
      ["the right ventricle, which sits in front", "the right atrium, which forms the right heart border"],
      ["the left atrium, which lies further back", "a pericardial effusion, which would surround the heart"],
      ["larger than the left atrium", "thicker-walled than the right ventricle"], ["ventric", "lv"], mod="MR"),
    P("myocardium", "heart", "axial", [("ring", 0.6, 0.44, 0.1, 0.09, 0.065, 0.055)],
      {"right ventricle": (0.47, 0.35), "left atrium": (0.55, 0.6)}, "muscular wall of the main pumping chamber",
      ["thickens with each contraction", "is fed by the coronary arteries"],
      "a young patient with a family history of sudden death has abnormally thick walls",
      ["myocardial", "heart muscle", "myocardium"],
      ["the right ventricle, whose thin wall sits in front", "the right atrium, on the other side"],
      ["a pericardial effusion, which would lie outside it", "thrombus, which would lie inside the cavity"],
      ["two to three times thicker than the right ventricular wall", "thicker than the atrial walls"],
      ["myocard", "heart muscle", "cardiac muscle", "ventricular wall", "lv", "ventric"], mod="MR"),
    P("right ventricle", "heart", "axial", [(0.43, 0.35, 0.07, 0.05)],
      {"left ventricle": (0.6, 0.45), "left atrium": (0.55, 0.6)}, "thin-walled pumping blood pool",
      ["pumps deoxygenated blood to the lungs", "fills through the tricuspid valve"],
      "a patient with pulmonary hypertension has a dilated chamber and a flattened septum",
      ["RV", "right ventricular", "ventricle"],
      ["the left ventricle, which lies behind it", "the left atrium, the most posterior chamber"],
      ["the right atrium, which lies further to the side", "the pulmonary trunk, which leaves it upward"],
      ["thinner-walled than the left ventricle", "crescent-shaped unlike the round left ventricle"],
      ["ventric", "rv"], mod="MR"),
    P("left atrium", "heart", "axial", [(0.585, 0.61, 0.07, 0.05)],
      {"left ventricle": (0.6, 0.45), "descending aorta": (0.57, 0.74)}, "chamber that receives blood from the lungs",
      ["receives oxygen-rich blood from the pulmonary veins", "passes blood through the mitral valve"],
      "a patient with an irregular heartbeat is planned for ablation around the pulmonary vein openings",
      ["left atrial", "LA", "atrium"],
      ["the right atrium, which forms the right heart border", "the right ventricle, which sits in front"],
      ["the descending aorta, which lies further back", "a hiatus hernia, which would sit below it"],
      ["smaller than the left ventricle", "about the size of a plum"], ["atri", "la"], mod="CT"),
    P("thyroid gland", "neck", "axial", [(0.41, 0.40, 0.045, 0.07), (0.59, 0.40, 0.045, 0.07)],
      {"trachea": (0.5, 0.47), "oesophagus": (0.52, 0.58)}, "butterfly-shaped gland",
      ["makes hormones that set the metabolic rate", "stores iodine taken up from the diet"],
      "a patient has weight loss, tremor and a fast pulse", ["thyroid", "thyroidal", "thyroid lobes"],
      ["the oesophagus, which sits just left of centre", "the internal jugular veins, which lie far out to the sides"],
      ["enlarged lymph nodes, which would lie further to the sides", "the strap muscles, which lie in front of it"],
      ["larger than either carotid artery", "about the size of a small plum"], ["thyro", "thyroid"], mod="CT"),
    P("common carotid artery", "neck", "axial", [(0.36, 0.5, 0.025, 0.025), (0.64, 0.5, 0.025, 0.025)],
      {"trachea": (0.5, 0.43)}, "paired arteries of the neck",
      ["carry blood to the head and neck", "divide into internal and external branches"],
      "a patient has brief loss of vision in one eye from a plaque in the neck", ["carotid", "carotids", "CCA"],
      ["the trachea, which is a single midline tube", "the oesophagus, which sits just left of centre"],
      ["the internal jugular veins, which lie lateral to them", "the vertebral arteries, which run further back"],
      ["smaller than the internal jugular veins", "narrower than the trachea"], ["carotid", "cca"], mod="CT"),
    P("trachea", "neck", "axial", [(0.5, 0.43, 0.05, 0.05)],
      {"oesophagus": (0.52, 0.56), "left common carotid artery": (0.64, 0.5)}, "air-filled tube",
      ["carries air from the larynx to the bronchi", "is held open by C-shaped rings of cartilage"],
      "a patient with a large goitre has noisy breathing when lying flat", ["tracheal", "windpipe", "trachea"],
      ["the carotid arteries, which run one on each side", "the internal jugular veins, one on each side"],
      ["the oesophagus, which lies behind it", "the larynx, which lies above it"],
      ["wider than either carotid artery", "larger than the oesophagus when collapsed"], ["trache", "windpipe"], mod="CT"),
    P("left common carotid artery", "neck", "axial", [(0.64, 0.5, 0.025, 0.025)],
      {"trachea": (0.5, 0.43), "right common carotid artery": (0.36, 0.5)}, "artery running up the side of the neck",
      ["carries blood to the head and neck", "arises directly from the aortic arch"],
      "a patient has brief loss of vision in one eye from a plaque in the neck", ["carotid", "CCA", "left carotid"],
      ["the right common carotid artery, which mirrors it", "the trachea, which stays in the midline"],
      ["the internal jugular vein, which lies lateral to it", "the vertebral artery, which runs further back"],
      ["smaller than the internal jugular vein", "narrower than the trachea"], ["carotid", "cca"], mod="CT"),
]


def record_for(p: dict) -> dict:
    orient = "LI" if p["plane"] == "coronal" else "LP"
    region = {"brain": "head", "heart": "thorax", "neck": "neck"}[p["domain"]]
    return {"modality": p["mod"], "body_region": region, "orientation": orient}


def pick_profile(profiles, i, defect, rng):
    # weight the bilateral / multi-region masks up for count and laterality defects
    if defect in ("count", "laterality") and rng.random() < 0.4:
        return rng.choice([p for p in profiles if len(p["blobs"]) > 1 or p["target"] == "enhancing tumour"])
    return rng.choice(profiles)


def _ellipse(mask, cx, cy, rx, ry, on=True):
    yy, xx = np.mgrid[0:H, 0:W]
    inside = ((xx - cx * (W - 1)) / (rx * W)) ** 2 + ((yy - cy * (H - 1)) / (ry * H)) ** 2 <= 1
    mask[inside] = on


def facts_for(p: dict, rng: random.Random) -> dict:
    """Facts measured by the product on a drawn mask; a draw whose area sits within 15% of a size-class
    bound (1% or 5% of the image) is redrawn, so that no row's size word is a coin toss."""
    for _ in range(30):
        f = _draw(p, rng)
        if all(abs(f["area_fraction"] - b) > 0.15 * b for b in (0.01, 0.05)):
            break
    return f


def _draw(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    mask = np.zeros((H, W), bool)
    s = rng.uniform(0.85, 1.25)
    dx, dy = rng.uniform(-0.008, 0.008), rng.uniform(-0.008, 0.008)
    for b in p["blobs"]:
        if b[0] == "ring":
            _, cx, cy, ox, oy, ix, iy = b
            _ellipse(mask, cx + dx, cy + dy, ox * s, oy * s)
            _ellipse(mask, cx + dx, cy + dy, ix * s, iy * s, on=False)
        else:
            cx, cy, rx, ry = b
            _ellipse(mask, cx + dx, cy + dy, rx * s, ry * s)
    if p["target"] == "enhancing tumour":  # one to three foci, all on the right
        for k in range(rng.choice([0, 1, 2])):
            _ellipse(mask, 0.30 + 0.09 * (k + 1) * 0.5 + dx, 0.38 + 0.1 * (k + 1) + dy, 0.02 * s, 0.02 * s)
    if p["target"] == "thyroid gland" and rng.random() < 0.4:  # the isthmus joins the lobes
        _ellipse(mask, 0.5 + dx, 0.43 + dy, 0.1, 0.018)
    f = compute_facts(mask, record_for(p)["orientation"], dict(p["others"]))
    return f.model_dump(mode="json")


# ---- reserved phrasings of the target's own facts ---------------------------------------------------------
SIZE_WORD = {"small": "small", "medium": "medium-sized", "large": "large"}
CNT = {1: "a single connected region", 2: "two separate regions", 3: "three separate regions", 4: "four separate regions"}
REL = {"anterior_to": ["anterior to", "in front of"], "posterior_to": ["posterior to", "behind"],
       "superior_to": ["superior to", "above"], "inferior_to": ["inferior to", "below"],
       "left_of": ["to the patient's left of"], "right_of": ["to the patient's right of"]}
FLIPR = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "superior_to": "inferior_to",
         "inferior_to": "superior_to"}
VFLIP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}


def side_phrase(side: str) -> str:
    return {"left": "on the patient's left", "right": "on the patient's right",
            "bilateral": "on both sides of the patient", "midline": "straddling the patient's midline"}[side]


def pct(frac: float) -> str:
    v = frac * 100
    return f"{v:.1f}" if v >= 0.1 else f"{v:.2f}"


def size_phrase(cls: str, frac: float) -> str:
    return f"a {SIZE_WORD[cls]} mask, about {pct(frac)}% of the image"


def wrong_size(cls: str, frac: float, rng) -> tuple[str, float]:
    if cls == "large" or (cls == "medium" and rng.random() < 0.5):
        return "small", round(rng.uniform(0.15, 0.5), 2) / 100
    return "large", rng.choice([12, 15, 18, 22, 25]) / 100


def rel_phrase(rel: str, other: str, rng) -> str:
    return f"on this slice it lies {rng.choice(REL[rel])} the {other}"


def vert_phrase(v: str) -> str:
    return f"in the {v} part of the slice"


def ref(p, rng):
    return rng.choice(["this one", "the mask", "the segmented structure", "what I have outlined"])


def side_sentences(p, side, rng, wrong=False):
    foil = rng.choice(p["foil"])
    frames = [f"Unlike {foil}, {ref(p, rng)} lies {side_phrase(side)}.",
              f"The structure I outlined sits {side_phrase(side)}; compare {foil}.",
              f"Note the side: {side_phrase(side)}; contrast {foil}.",
              f"Laterality first ({foil}): the segmented structure is {side_phrase(side)}."]
    out = [rng.choice(frames)]
    if not wrong and side in ("left", "right") and rng.random() < 0.5:
        out.append(f"It is not on the patient's {'right' if side == 'left' else 'left'}.")
    if not wrong and side == "bilateral" and rng.random() < 0.5:
        out.append("It is not confined to one half of the head or neck.")
    return out


def count_sentence(n: int, rng, p):
    c = CNT.get(n, f"{n} separate regions")
    mix = rng.choice(MIX[p["domain"]]["count"])
    frames = [f"The mask forms {c}.", f"It comes out as {c} on this image.",
              f"Counting components, I see {c}.", f"Just as {mix}, it is worth counting here: the mask forms {c}.",
              f"While {mix}, the mask forms {c}."]
    s = rng.choice(frames)
    if n == 1 and rng.random() < 0.5:
        s += " There is no second region."
    return s


def size_sentence(cls, frac, rng, p):
    comp = rng.choice(p["comp"])
    frames = [f"In anatomical terms it is {comp}; on this image it is {size_phrase(cls, frac)}.",
              f"Size: {size_phrase(cls, frac)} (anatomically {comp}).",
              f"It measures as {size_phrase(cls, frac)}, which fits a structure {comp}.",
              f"Although {rng.choice(MIX[p['domain']]['size'])}, what matters here is the mask: {size_phrase(cls, frac)}."]
    return rng.choice(frames)


def vert_sentence(v, plane, rng, p):
    if v == "central":
        axis = "front to back" if plane == "axial" else "top to bottom"
        return rng.choice([f"Its centre falls in the central part of the slice {axis}, neither clearly one way nor the other.",
                           f"Along the {axis} axis it sits in the central part of the slice."])
    mix = rng.choice(MIX[p["domain"]]["pos"])
    return rng.choice([f"Its centre falls {vert_phrase(v)}.", f"It lies {vert_phrase(v)}.",
                       f"Remember that {mix}; this structure, for its part, lies {vert_phrase(v)}.",
                       f"Look {vert_phrase(v)} and you will find it."])


def rel_sentence(rel, other, rng, p):
    s = rel_phrase(rel, other, rng)
    mix = rng.choice(MIX[p["domain"]]["pos"])
    return rng.choice([s[0].upper() + s[1:] + ".", f"Useful landmark: {s}.", f"As for neighbours, {s}.",
                       f"Much as {mix}, {s}."])


def convention(p):
    if p["plane"] == "coronal":
        return "On coronal images we face the patient, so the patient's right appears on the viewer's left."
    return "Radiological convention puts the patient's left on the viewer's right, as if looking up from the feet."


def first_question(p, style, rng, name=False):
    fn, mod = rng.choice(p["fn"]), "MR" if p["mod"] == "MR" else "CT"
    noun = p["noun"]
    if name:
        g = rng.choice(p["giveaway"])
        noun = rng.choice([f"{noun} (the {g} one)", f"{g} {noun}", f"{noun}, the {g} region,"])
    frames = {
        "lecture": [f"Professor, on this {mod} slice, which {noun} {fn}? Please segment it and teach me around it.",
                    f"In today's teaching session: {p['hint']}. Which {noun} on this {mod} slice is the one to look at? Segment it.",
                    f"Could you give me a short lecture: which {noun} on this {p['plane']} {mod} image {fn}? Segment it first."],
        "board": [f"Board-style question: {p['hint']}. Which {noun} on this {mod} image is most relevant? Segment it.",
                  f"Exam practice: which {noun} here {fn}? Segment it and explain the differentials."],
        "textbook": [f"For my notes, which {noun} on this {mod} image {fn}? Please outline it.",
                     f"Consider a case in which {p['hint']}. Which {noun} on this {mod} image matters, and can you outline it?",
                     f"Write it up like a textbook: which {noun} here {fn}? Outline it."],
        "flashcard": [f"Flash card: which {noun} here {fn}? Segment it.",
                      f"Card {rng.randint(2, 40)}: name and segment the {noun} that {fn}. Which is it?",
                      f"Quick card for revision: which {noun} on this {mod} slice {fn}? Mark it."],
    }
    return rng.choice(frames[style])


def knowledge(p, rng, k):
    kb, stats = KB[p["domain"]]
    return rng.sample(kb, k) + [rng.choice(stats)]


def build(p, facts, style, rng, defect):
    f = facts
    side, vert, cls, frac, n = f["laterality"], f["vertical"], f["size_class"], f["area_fraction"], f["components"]
    rels = [(r["relation"], r["other"]) for r in f["relations"]]
    vrels = [r for r in rels if r[0] in FLIPR]
    where = None
    if defect in ("laterality", "position", "size", "count"):
        u = rng.random()
        where = "user" if u < 0.24 else "follow" if u < 0.5 else "first"
    # the false claim of each kind, as the reserved phrasing it plants
    planted = None
    if defect == "laterality":
        wside = {"left": "right", "right": "left"}.get(side) or rng.choice(["left", "right"])
        planted = side_phrase(wside)
        if side == "bilateral" and where != "user":
            planted = f"only {side_phrase(wside)}"
    elif defect == "position":
        if vert in VFLIP and (not vrels or rng.random() < 0.5):
            planted = vert_phrase(VFLIP[vert])
        else:
            r, o = rng.choice(vrels)
            planted = rel_phrase(FLIPR[r], o, rng)
    elif defect == "size":
        wc, wf = wrong_size(cls, frac, rng)
        planted = size_phrase(wc, wf)
    elif defect == "count":
        planted = CNT[2] if n == 1 else CNT[1]

    def fact(kind):  # sentences for one fact (true, or the planted false one)
        bad = defect == kind and where in ("first", "follow")
        if kind == "laterality":
            if bad:
                return [rng.choice([f"Unlike {rng.choice(p['foil'])}, {ref(p, rng)} lies {planted}.",
                                    f"The structure I outlined sits {planted}."])]
            return side_sentences(p, side, rng)
        if kind == "position":
            if bad:
                return [f"It lies {planted}." if planted.startswith("in the") else planted[0].upper() + planted[1:] + "."]
            out = [vert_sentence(vert, p["plane"], rng, p)]
            if rels:
                out.append(rel_sentence(*rng.choice(rels), rng, p))
            return out
        if kind == "size":
            if bad:
                return [f"On this image it is {planted}."]
            return [size_sentence(cls, frac, rng, p)]
        if kind == "count":
            if bad:
                return [f"The mask forms {planted}."]
            return [count_sentence(n, rng, p)]
        return []

    kinds = ["laterality", "position", "size", "count"]
    first_kinds = [k for k in kinds if not (k == defect and where in ("follow", "user"))]
    rng.shuffle(first_kinds)
    groups = [(k, fact(k)) for k in first_kinds]
    facts_s = [s for _, g in groups for s in g]
    kb = knowledge(p, rng, 3 if style == "flashcard" else 4)
    diff = rng.choice(p["diff"])
    name = p["label"]
    extra = [convention(p)] if rng.random() < 0.6 else []
    body = _interleave(facts_s, kb + extra, rng)
    other_diff = [d for d in p["diff"] if d != diff][0]
    if style == "lecture":
        a1 = (rng.choice(["Good question.", "Let's take this slowly.", "A classic teaching case."]) +
              f" {rng.choice(['This is', 'What you are looking at is', 'The answer is'])} the {name} {SEG}. " +
              rng.choice(["Let me put it in context. ", "Now, some anatomy around it. ", "First the facts, then the story. "]) +
              " ".join(body) + f" On the differential, think of {diff}. " +
              rng.choice(["So remember the pattern, not just the picture.", "Learn the neighbours and the rest follows.",
                          "That is the whole lecture in a nutshell."]))
    elif style == "board":
        a1 = (f"{rng.choice(['Answer', 'Correct answer', 'Best answer'])}: the {name} {SEG}.\n\nExplanation: " + " ".join(body) +
              f"\n\nDifferentials: {diff}; a second option is {other_diff}.\n\n" +
              rng.choice(["Key point: anatomy first, then pathology.", "High-yield: know the neighbours.",
                          "Exam tip: name the structure, then its relations."]))
    elif style == "textbook":
        a1 = (f"The {name} {SEG} ({rng.choice(['see the highlighted area', 'outlined on the image', 'shaded in the overlay'])}) "
              f"{rng.choice(['is described as follows', 'merits a short description', 'is summarised here'])}; " +
              "; ".join(_lower(s.rstrip('.')) for s in body) + f". (Differential: {diff}; less often {other_diff}.)")
    elif rng.random() < 0.5:
        a1 = f"Card: the {name} {SEG}. Facts: " + " ".join(facts_s) + " Background: " + " ".join(kb + extra)
    else:
        label = {"laterality": "Side?", "position": "Where?", "size": "Size?", "count": "Pieces?"}
        a1 = (f"Front of card: what is outlined? Back: the {name} {SEG}.\n" +
              "\n".join(f"{label[k]} {' '.join(g)}" for k, g in groups) + "\nExtra: " + " ".join(kb + extra))
    turns = [{"role": "user", "content": first_question(p, style, rng, defect == "names_target")},
             {"role": "assistant", "content": a1}]
    # follow-up rounds
    if defect in kinds and where == "follow":
        q, a = _follow(p, style, defect, rng)
        a = a + " " + " ".join(fact(defect))
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    elif defect in kinds and where == "user":
        q = _presuppose(defect, planted, rng)
        turns += [{"role": "user", "content": q},
                  {"role": "assistant", "content": "Good point to raise. " + " ".join(knowledge(p, rng, 2))}]
    if rng.random() < 0.6 or style == "flashcard":
        q, a = _generic(p, f, style, rng, rels)
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    return turns, ([defect] if defect else [])


def _lower(s):
    return s if s[1:2].isupper() else s[0].lower() + s[1:]


def _interleave(facts_s, kb, rng):
    out, kb = [], list(kb)
    rng.shuffle(kb)
    for s in facts_s:
        out.append(s)
        if kb and rng.random() < 0.7:
            out.append(kb.pop())
    return out + kb


def _follow(p, style, kind, rng):
    q = {"laterality": ["Which side is it on?", "Side? And why does it matter?", "Which side of the patient, exactly?"],
         "position": ["Where does it sit front to back, or top to bottom?", "Any landmark to find it quickly?"],
         "size": ["How big is it on this image?", "Size? Small, medium or large?"],
         "count": ["How many pieces does the mask have?", "Pieces? One or more?"]}[kind]
    lead = {"lecture": "Let me answer carefully.", "board": "For the exam:", "textbook": "In brief:",
            "flashcard": "Answer card:"}[style]
    return rng.choice(q), lead + " " + rng.choice(KB[p["domain"]][0])


def _presuppose(kind, planted, rng):
    if kind == "laterality":
        return f"Why does the mask sit {planted}?"
    if kind == "position":
        return (f"Why does it lie {planted}?" if planted.startswith("in the")
                else f"Why is it that {planted}?")
    if kind == "size":
        return f"Why is it {planted}?"
    return f"Why does the mask form {planted}?"


def _generic(p, f, style, rng, rels):
    if style == "flashcard":
        side = f["laterality"]
        q = rng.choice(["Side? Pieces? Size?", "Next card: which side and how many pieces?",
                        "Side and size, please, one line each."])
        a = (f"{side_phrase(side)[0].upper()}{side_phrase(side)[1:]}. {CNT.get(f['components'], 'several separate regions')[0].upper()}"
             f"{CNT.get(f['components'], 'several separate regions')[1:]}. {size_phrase(f['size_class'], f['area_fraction'])[0].upper()}"
             f"{size_phrase(f['size_class'], f['area_fraction'])[1:]}.")
        return q, a
    kind = rng.choice(["why", "diff", "stat", "compare", "sidecheck", "whyshort", "howbig"])
    q = {"why": "Why does this matter clinically?", "diff": "What else could it be mistaken for?",
         "stat": "Any numbers worth remembering for the exam?", "compare": "How does it compare with its neighbours?",
         "whyshort": "Why is that?", "howbig": "How big is it?", "sidecheck": ""}[kind]
    side = f["laterality"]
    if kind == "sidecheck":
        if side in ("left", "right"):
            opp = "right" if side == "left" else "left"
            return (rng.choice([f"Is it on the patient's {opp}?", f"Is it on the patient's {opp}, or am I misreading the display?"]),
                    f"No. It is not on the patient's {opp}; it lies {side_phrase(side)}. " + convention(p))
        return ("Is it on one side only?",
                f"No, it is not on one side only; the mask lies {side_phrase(side)}. " + rng.choice(KB[p['domain']][0]))
    if kind == "whyshort":
        return q, "Because of how images are displayed. " + convention(p)
    if kind == "howbig":
        return q, f"It is {size_phrase(f['size_class'], f['area_fraction'])}, while anatomically it is {rng.choice(p['comp'])}."
    if kind == "why":
        a = f"It {rng.choice(p['fn'])}; think of a case where {p['hint']}."
    elif kind == "diff":
        a = f"Mainly {p['diff'][0]}; also {p['diff'][1]}. " + rng.choice(KB[p['domain']][0])
    elif kind == "stat":
        a = " ".join(rng.sample(KB[p["domain"]][1], 2))
    else:
        a = f"Anatomically it is {rng.choice(p['comp'])}. " + rng.choice(KB[p['domain']][0])
    return q, a
