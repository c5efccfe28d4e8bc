"""Bank DY: neuro, spine and musculoskeletal MR/CT, less common labels.

Targets (27 profiles): left / right / both hippocampi (axial and coronal MR), left caudate nucleus, right putamen,
thalami, lateral ventricles (CT), enhancing tumor (three pieces), brain tumor, peritumoral edema (coronal),
white matter hyperintensities (six foci, both hemispheres), multiple sclerosis lesions (four foci, one hemisphere,
coronal), optic nerves, vertebral body (CT), intervertebral discs (three, coronal), spinal cord, femoral heads
(coronal CT, both), left femoral head (axial CT), right femur (coronal MR), menisci and medial meniscus of a right
knee (coronal MR), patellar cartilage, humeral head of a right shoulder (coronal MR), prostate, uterus, rectum,
urinary bladder. Modalities CT and MR; orientations LP (axial) and LI (coronal).

Registers (STYLES): neuroradiology_teaching (attending and resident, sequences, landmarks, asks back), msk_report
(structured FINDINGS / IMPRESSION with laterality headers), student_flashcards (Q/A cards, bullets, mnemonics),
patient_portal (a clinician explaining the scan to the patient in plain words).

Written without reading QC. Every build() leaves a ledger of the whole-mask claims it wrote (turn, key, value,
mode, exact fragment) in LEDGER; the writer's own reader (outside the repository) checks each against the facts.
Own check on heldout_dy.jsonl (seed 20261256):
rows: 420 clean: 210 defect: 210 (laterality 42, position 42, size 42, count 42, names_target 42) claims: 2820
planted in: first answer 99, user 34, follow-up answer 35; multi-piece/bilateral/midline masks 258/420; problems: 0
"""

from __future__ import annotations

import math
import random  # noqa: F401  (the rng passed in is a random.Random)

import numpy as np

STYLES = ["neuroradiology_teaching", "msk_report", "student_flashcards", "patient_portal"]
LEDGER: list = []  # one list of claim records per build() call (read by the writer's own checker)

NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
OPP = {"left": "right", "right": "left"}


def P(**kw):
    kw.setdefault("pl", False)
    kw.setdefault("hemi", None)
    kw.setdefault("combo", [])
    kw.setdefault("piece", "piece")
    return kw


# Each profile: geometry (ellipses cx, cy, rx, ry, angle on a 256 grid; other structures' normalised centroids)
# and the writer's material. `clues` / `lay_q` never name the target (checked against `forbid`); `names_q`
# do. `traps` are TRUE sentences about other structures, crossing pathways, conventions, populations; a trap
# given as (text, claims) states target facts and is ledgered. `combo` = per-piece sentences that imply
# side and count together.
PROFILES = [
    P(key="hip_l", target="left hippocampus", mod="MR", region="brain", orient="LP",
      ells=[(152, 146, 16, 7, 25)],
      others={"midbrain": (0.5, 0.56), "right hippocampus": (0.404, 0.573), "left amygdala": (0.6, 0.47)},
      name="the left hippocampus", short="the hippocampus", lay=("the memory centre on your left side", [("side", "left")]), lay0="a memory centre deep in your brain", area="head",
      hemi="hemisphere", seq=["axial T1 MPRAGE", "FLAIR", "axial T2"],
      clues=["Which medial temporal structure is among the first to shrink in Alzheimer's disease, and sits along the floor of the temporal horn?",
             "Which grey-matter structure of the limbic system is essential for laying down new long-term memories?",
             "In a patient with mesial temporal sclerosis, which structure would you expect to be shrunken and bright on FLAIR?"],
      lay_q=["My neurologist said the part of my brain that stores new memories looks a little thin. Which part is that?",
             "I keep forgetting recent conversations, and the doctor pointed at a curled structure deep in my brain on the MRI. What is the memory structure they meant?"],
      story=["34-year-old with drug-resistant focal seizures preceded by deja vu",
             "71-year-old with progressive forgetfulness for recent events"],
      names_q=["Please segment the left hippocampus on this slice.",
               "Where is the left hippocampus here? Outline it, please.",
               "Can you find the hippocampal formation on the left and segment it?"],
      forbid=[r"hippocamp", r"cornu ammonis", r"ammon", r"dentate gyrus", r"\bCA1\b"],
      know=["It belongs to the limbic system and curls along the floor of the temporal horn of the lateral ventricle.",
            "Hippocampal sclerosis is the commonest finding in adults with drug-resistant temporal lobe epilepsy.",
            "Volume loss here is one of the earliest structural signs of Alzheimer's disease."],
      traps=["In most right-handed people language is lateralised to the left hemisphere, so left-sided mesial temporal disease tends to affect verbal memory and right-sided disease visual memory.",
             "The right hippocampus is, on average, slightly larger than the left in healthy adults.",
             "After about 60, even healthy people lose roughly 1 to 2 percent of hippocampal volume a year.",
             ("The opposite (right) hippocampus shows up on the left of the screen and is not part of this mask.", [("side", "not:right")]),
             "The midbrain sits in the middle between the two temporal lobes at this level."],
      mnem=["Hippocampus is Greek for seahorse: picture it curled on the floor of the temporal horn.",
            "HIPpo = memory's HIP pocket: new memories are stored there first."],
      lay_size=["roughly the length and curve of your little finger"],
      asks=["Which plane would you use to look for sclerosis, and why?",
            "If this side were sclerotic, what would you expect the temporal horn to do?"],
      land=["On the {seq}, find the temporal horn and look along its floor.",
            "Use the midbrain as your anchor on the {seq} and step laterally into the medial temporal lobe."],
      rec=["Coronal high-resolution T2 perpendicular to the long axis if epilepsy is the question."]),

    P(key="hip_r_cor", target="right hippocampus", mod="MR", region="brain", orient="LI",
      ells=[(100, 160, 10, 8, 0)],
      others={"right lateral ventricle": (0.46, 0.40), "brainstem": (0.5, 0.66)},
      name="the right hippocampus", short="the hippocampus", lay=("the memory centre on your right side", [("side", "right")]), lay0="a memory centre deep in your brain", area="head",
      hemi="hemisphere", seq=["coronal T2", "coronal FLAIR", "coronal T1"],
      clues=["On this coronal slice, which structure forming the medial floor of the temporal horn is graded in the Scheltens visual rating of medial temporal atrophy?",
             "Which part of the limbic system is the usual seat of the damage in drug-resistant temporal lobe epilepsy?",
             "Which memory structure of the medial temporal lobe is labelled on this coronal image?"],
      lay_q=["The report mentioned the memory area deep in the brain near my temple. Can you show me where it is?",
             "My doctor says my seizures start in the memory part of the brain. Which part is that?"],
      story=["28-year-old with focal impaired-awareness seizures and rising epigastric aura",
             "68-year-old with memory complaints, rule out medial temporal atrophy"],
      names_q=["Segment the right hippocampus on this coronal slice.",
               "Please outline the right hippocampus.",
               "Show me the right hippocampal head on this coronal image and segment it."],
      forbid=[r"hippocamp", r"cornu ammonis", r"ammon", r"dentate gyrus", r"\bCA1\b"],
      know=["On coronal images perpendicular to its long axis, the internal architecture and the digitations of its head are best seen.",
            "The Scheltens score grades medial temporal atrophy from 0 to 4 on coronal T1.",
            "It sits just medial and inferior to the temporal horn."],
      traps=["The left hemisphere is dominant for language in about 95% of right-handed people.",
             "The temporal horns are normally slit-like and barely visible in young adults.",
             ("The left hippocampus, on the right of the screen, is not part of this mask.", [("side", "not:left")]),
             "On a coronal image the patient's right is on the viewer's left, exactly as on axial images."],
      mnem=["MTA score: 0 = normal, 4 = severe atrophy; above 2 is abnormal under 75.",
            "'Temporal horn opens, hippocampus closes' is the shorthand for atrophy."],
      lay_size=["about the length of your little finger, curled like a seahorse"],
      asks=["What would the temporal horn look like if this were atrophic?",
            "Which score would you give the medial temporal lobes here?"],
      land=["On the {seq}, follow the temporal horn down and medially.",
            "On the {seq}, the brainstem is your midline anchor; the medial temporal lobe hangs lateral to it."],
      rec=["Correlate with EEG lateralisation; dedicated epilepsy protocol if not already done."]),

    P(key="hip_bi", target="hippocampus", mod="MR", region="brain", orient="LP",
      ells=[(103, 146, 14, 6, -25), (152, 146, 14, 6, 25)],
      others={"midbrain": (0.5, 0.55), "amygdalae": (0.5, 0.47)}, pl=True,
      name="the hippocampi", short="the hippocampi", lay="the two memory centres of your brain", area="head",
      hemi="hemisphere", seq=["axial FLAIR", "axial T1 MPRAGE", "axial T2"], piece="part",
      clues=["Which paired medial temporal structures are measured when dementia with memory loss is suspected?",
             "Which paired structures, curled along the temporal horns, are needed to form new episodic memories?",
             ("Which limbic structures, one per temporal lobe, are labelled here?", [("side", "bilateral"), ("count", 2)])],
      lay_q=[("My memory has been slipping and the neurologist mentioned the memory centres on both sides look thin. Where are they on my scan?", [("side", "bilateral")]),
             "Could you show me the parts of my brain that store new memories?"],
      story=["74-year-old with two years of progressive memory loss",
             "58-year-old with transient global amnesia, follow-up"],
      names_q=["Segment both hippocampi on this slice.",
               "Please outline the hippocampus on each side.",
               "Where are the hippocampi? Segment them."],
      forbid=[r"hippocamp", r"cornu ammonis", r"ammon", r"dentate gyrus", r"\bCA1\b"],
      know=["They belong to the limbic system and curl along the floors of the temporal horns.",
            "Atrophy of both is one of the earliest structural signs of Alzheimer's disease.",
            "Tiny DWI dots in them are the classic finding 24 to 72 hours after transient global amnesia."],
      traps=[("The midbrain lies between them, in the middle of this slice.", [("side", "bilateral")]),
             "In most right-handed people the left hemisphere carries language, so left-sided damage hurts verbal memory more.",
             "Asymmetry of up to about 5 to 10% between the two sides is common in healthy people.",
             "By 85, roughly one in three people has Alzheimer's disease."],
      combo=[("One sits in each medial temporal lobe, left and right.", [("side", "bilateral"), ("count", 2)])],
      mnem=[("Hippocampus = seahorse; two seahorses, one in each temporal lobe.", [("side", "bilateral"), ("count", 2)]),
            "Memory loss first? Check the temporal horns: they widen as the seahorses shrink."],
      lay_size=["each about the length of a little finger"],
      asks=["How would you grade the atrophy on each side?",
            "What does the width of the temporal horns tell you here?"],
      land=[("On the {seq}, find the midbrain and look laterally into each medial temporal lobe.", [("side", "bilateral")]),
            "Follow each temporal horn on the {seq}; they sit along its floor."],
      rec=["Visual atrophy rating on coronal T1 and comparison with any prior study."]),

    P(key="caud_l", target="left caudate nucleus", mod="MR", region="brain", orient="LP",
      ells=[(147, 100, 7, 12, -15)],
      others={"left thalamus": (0.57, 0.55), "left putamen": (0.65, 0.48), "septum pellucidum": (0.5, 0.40)},
      name="the left caudate nucleus", short="the caudate", lay=("a deep movement-control centre on your left side", [("side", "left")]), lay0="a deep movement-control centre in your brain",
      area="head", hemi="hemisphere", seq=["axial T2", "axial FLAIR", "axial T1"],
      clues=["Which deep grey-matter nucleus forms the lateral wall of the frontal horn and wastes away early in Huntington's disease?",
             "Which C-shaped nucleus with a head, body and tail hugs the lateral ventricle?",
             "Which deep nucleus lies medial to the anterior limb of the internal capsule on this slice?"],
      lay_q=["My family has Huntington's disease and the doctor looked at a deep structure next to the fluid spaces of my brain. Which part is that?",
             "What is the deep brain area involved in controlling movement that the doctor measured on my scan?"],
      story=["41-year-old with chorea and a positive family history",
             "63-year-old with a small lacunar infarct, assess deep grey matter"],
      names_q=["Segment the left caudate nucleus on this slice.",
               "Please outline the caudate head on the left.",
               "Where is the left caudate? Segment it."],
      forbid=[r"caudat", r"striat", r"neostriat", r"basal ganglia"],
      know=["It forms the lateral wall of the frontal horn of the lateral ventricle.",
            "Together with the putamen it makes up the striatum, which helps to plan and start movement.",
            "In Huntington's disease its head atrophies early and the frontal horns take on a box-like shape."],
      traps=["The septum pellucidum separates the right and left frontal horns.",
             "Huntington's disease usually affects both sides fairly symmetrically.",
             "The anterior limb of the internal capsule runs between it and the lentiform nucleus.",
             ("The right caudate, on the screen's left, is not included in this mask.", [("side", "not:right")]),
             "Motor control crosses over, so the left basal ganglia mostly influence the right side of the body."],
      mnem=["Caudate = 'having a tail': head by the frontal horn, tail curling into the temporal lobe.",
            "Huntington's: 'box-car ventricles' because the caudate heads shrink."],
      lay_size=["about the size of a small grape at its head"],
      asks=["What shape do the frontal horns take when this shrinks?",
            "Which capsule limb separates it from the lentiform nucleus?"],
      land=["On the {seq}, find the frontal horn and look at its lateral wall.",
            "Start at the septum pellucidum on the {seq} and move laterally past the frontal horn."],
      rec=["Compare the caudate heads on coronal T1; intercaudate distance if Huntington's disease is suspected."]),

    P(key="put_r", target="right putamen", mod="MR", region="brain", orient="LP",
      ells=[(92, 122, 8, 17, 10)],
      others={"right thalamus": (0.43, 0.55), "right caudate nucleus": (0.43, 0.40)},
      name="the right putamen", short="the putamen", lay=("a deep movement-control centre on your right side", [("side", "right")]), lay0="a deep movement-control centre in your brain",
      area="head", hemi="hemisphere", seq=["axial T2", "axial SWI", "axial FLAIR"],
      clues=["Which deep grey-matter nucleus lies just medial to the external capsule and is the commonest site of hypertensive haemorrhage?",
             "Which deep nucleus lies lateral to the globus pallidus and can show a bright slit-like rim in MSA-P?",
             "Which deep grey nucleus of the motor loop is highlighted here, lateral to the internal capsule?"],
      lay_q=["I had a small bleed deep in my brain from high blood pressure. Which part was it in?",
             "My doctor said one of the deep movement centres looked different on the MRI. Can you point it out?"],
      story=["66-year-old hypertensive with sudden left-sided weakness",
             "59-year-old with parkinsonism and poor response to levodopa"],
      names_q=["Segment the right putamen on this slice.",
               "Please outline the putamen on the right side.",
               "Where's the right putamen here? Segment it."],
      forbid=[r"putam", r"lentiform", r"lenticular", r"striat", r"basal ganglia"],
      know=["It is the outer part of the lentiform nucleus, lateral to the globus pallidus.",
            "Hypertensive haemorrhages arise here more often than anywhere else, roughly a third to a half of them.",
            "A slit-like hyperintense rim along its lateral edge on T2 is a sign of MSA of parkinsonian type."],
      traps=["A right-sided basal ganglia bleed typically causes weakness of the left arm and leg.",
             ("The left putamen appears on the right of the screen and is not in this mask.", [("side", "not:left")]),
             "The internal capsule runs between it and the thalamus, carrying the motor fibres down.",
             "Thalamic haemorrhages make up about 10 to 15% of hypertensive bleeds."],
      mnem=["Putamen = 'shell': the outer shell of the lentiform nucleus.",
            "Hypertensive bleeds, in order: Putamen, Thalamus, Pons, Cerebellum ('Please Treat Patients Carefully')."],
      lay_size=["about the size of a small walnut half"],
      asks=["What lies between this and the thalamus?",
            "Where else do hypertensive bleeds happen, in order of frequency?"],
      land=["On the {seq}, find the internal capsule and step laterally.",
            "On the {seq}, the external capsule and claustrum mark its lateral edge."],
      rec=["SWI for microbleeds; blood pressure control per clinical team."]),

    P(key="thal", target="thalamus", mod="MR", region="brain", orient="LP",
      ells=[(109, 136, 9, 14, 0), (146, 136, 9, 14, 0)],
      others={"third ventricle": (0.5, 0.53), "pineal gland": (0.5, 0.66), "caudate heads": (0.5, 0.40)}, pl=True,
      name="the thalami", short="the thalami", lay="the two relay stations deep in the middle of your brain",
      area="head", hemi="hemisphere", seq=["axial FLAIR", "axial T2", "axial DWI"], piece="part",
      clues=["Which paired grey-matter relay stations flank the third ventricle and pass almost all sensory input on to the cortex?",
             "Which paired deep nuclei become bright on T2 in deep cerebral venous thrombosis?",
             ("Which deep grey structures lie on either side of the third ventricle here?", [("side", "bilateral")])],
      lay_q=["The doctor said the relay stations deep in my brain were swollen. Where are they?",
             "Which deep parts of the brain pass feeling from the body up to the surface of the brain?"],
      story=["35-year-old postpartum woman with headache and drowsiness, query deep venous thrombosis",
             "52-year-old with alcohol use disorder, confusion and eye movement palsy"],
      names_q=["Segment the thalami on this slice.",
               "Outline both thalamus nuclei, please.",
               "Where is the thalamus on each side? Segment it."],
      forbid=[r"thalam", r"pulvinar"],
      know=["They are the main relay stations for sensation and for motor loops on their way to the cortex.",
            "Symmetric signal in both is a clue to deep venous thrombosis, Wernicke's encephalopathy or CJD.",
            "An interthalamic adhesion bridges the third ventricle in roughly 70 to 80% of people."],
      traps=["Sensation from the right side of the body is relayed through the left thalamus, and vice versa.",
             ("The third ventricle runs between them in the midline.", [("side", "bilateral")]),
             ("The pineal gland sits behind them, in the midline.", [("rel:pineal gland", "anterior_to")]),
             "A thalamic stroke on one side causes numbness of the opposite half of the body."],
      combo=[("There is one on each side of the third ventricle.", [("side", "bilateral"), ("count", 2)])],
      mnem=["Thalamus = 'inner chamber': everything sensory (except smell) checks in there first.",
            "Bilateral thalami bright? Think 'VWC': Venous thrombosis, Wernicke, CJD."],
      lay_size=["each about the size of a walnut"],
      asks=["What differential comes to mind when both are bright?",
            "Which sequence would you check for a venous clot?"],
      land=[("On the {seq}, find the third ventricle and look on either side of it.", [("side", "bilateral")]),
            "On the {seq}, the posterior limbs of the internal capsules bound them laterally."],
      rec=["MR venography if deep venous thrombosis is considered."]),

    P(key="vent", target="lateral ventricles", mod="CT", region="brain", orient="LP",
      ells=[(108, 125, 9, 38, -8), (147, 125, 9, 38, 8)],
      others={"third ventricle": (0.5, 0.57), "splenium of the corpus callosum": (0.5, 0.72)}, pl=True,
      name="the lateral ventricles", short="the lateral ventricles", lay="the fluid spaces inside your brain",
      area="head", hemi="hemisphere", seq=["non-contrast CT, brain window", "axial CT, soft-tissue window"],
      piece="cavity",
      clues=["Which paired CSF-filled cavities are enlarged in this patient with suspected normal-pressure hydrocephalus?",
             "Which cavities produce most of the cerebrospinal fluid through their choroid plexus and drain through the foramina of Monro?",
             ("Which paired C-shaped fluid spaces lie deep in each cerebral hemisphere on this CT?", [("side", "bilateral")])],
      lay_q=["My doctor said the fluid spaces in my brain are a bit wide and that could explain my walking. Can you show me?",
             "Where is the fluid inside my brain, the part they are watching on the CT?"],
      story=["77-year-old with gait apraxia, urinary incontinence and cognitive decline",
             "45-year-old with a shunt, headache and vomiting"],
      names_q=["Segment the lateral ventricles on this CT.",
               "Please outline both lateral ventricles.",
               "Where are the lateral ventricles here? Segment them."],
      forbid=[r"ventric", r"frontal horn", r"temporal horn", r"occipital horn", r"\batri(um|a)\b"],
      know=["Each has a frontal horn, body, atrium, occipital horn and temporal horn.",
            "Their choroid plexus makes most of the roughly 500 mL of CSF produced each day.",
            "They drain through the foramina of Monro into the third ventricle."],
      traps=["Normal-pressure hydrocephalus is the triad of gait disturbance, incontinence and dementia.",
             "An Evans index above 0.3 suggests ventricular enlargement.",
             "Mild asymmetry, often with the left a little larger than the right, is seen in many normal people.",
             "The fourth ventricle sits much lower, in front of the cerebellum, and is not on this slice.",
             "The third ventricle is a single midline cavity, not paired."],
      combo=[("They form two separate cavities, one in each hemisphere.", [("side", "bilateral"), ("count", 2)])],
      mnem=["NPH = 'wet, wobbly and wacky'.",
            "Evans index > 0.3 = big ventricles."],
      lay_size=[("together about the size of two small bananas lying side by side", [("count", 2)]),
                "together holding a few teaspoons of fluid in a young adult, more in older people"],
      asks=["How would you tell hydrocephalus from atrophy here?",
            "What's the Evans index, roughly, on this slice?"],
      land=[("On the {seq}, the septum pellucidum separates the two bodies in the midline.", [("side", "bilateral")]),
            "On the {seq}, look for rounding of the frontal horns and effacement of the sulci."],
      rec=["Compare with prior imaging; Evans index and callosal angle on a dedicated study."]),

    P(key="et", target="enhancing tumor", mod="MR", region="brain", orient="LP",
      ells=[(85, 95, 12, 9, 20), (100, 78, 5, 4, 0), (70, 112, 4, 4, 0)],
      others={"right lateral ventricle": (0.44, 0.47), "genu of the corpus callosum": (0.5, 0.38)},
      name="the enhancing tumor", short="the enhancing component", lay="the active part of the growth that lights up with the dye",
      area="head", hemi="hemisphere", seq=["T1 post-contrast", "axial T1 post-gadolinium"], piece="focus",
      clues=["On this post-contrast T1, which part of the abnormality takes up gadolinium because of blood-brain barrier breakdown, the part a surgeon aims to remove completely?",
             "In this patient with new left-sided weakness and a first seizure, which component of the abnormality lights up after gadolinium?",
             "Which BraTS sub-region is the one you measure on T1 after contrast for response assessment?"],
      lay_q=["My surgeon talked about the part of the growth that lights up with the dye. Could you show me which part that is?",
             "The report says part of the abnormal area 'lights up' after the injection. Where is that part?"],
      story=["61-year-old with new left-sided weakness and a first focal seizure",
             "55-year-old, post-operative baseline after resection"],
      names_q=["Segment the enhancing tumor on this post-contrast slice.",
               "Please outline the enhancing part of the glioblastoma.",
               "Where is the contrast-enhancing tumour? Segment it."],
      forbid=[r"enhanc", r"tumou?r", r"gliom", r"glioblastom", r"\bGBM\b", r"neoplas", r"\bmass", r"cancer", r"malignan", r"\bET\b"],
      know=["Enhancement reflects leaky tumour vessels, where the blood-brain barrier has broken down.",
            "The non-enhancing FLAIR signal around it is oedema plus infiltrating tumour, and that is a separate label.",
            "RANO response criteria measure the enhancing part on post-contrast T1."],
      traps=["Left-sided weakness fits a right-hemisphere lesion, because the corticospinal tracts cross in the lower medulla.",
             "Glioblastoma is multifocal in roughly 10 to 20% of patients.",
             ("The left hemisphere looks normal on this slice.", [("side", "not:left")]),
             "A single ring-enhancing lesion has a broad differential, including abscess."],
      combo=[("There is a dominant rim-enhancing nodule with two small satellite foci.", [("count", 3)]),
             ("All three foci are in the right frontal lobe.", [("count", 3), ("side", "right")])],
      mnem=["Rim enhancement, ring of fire: 'MAGICAL DR' for ring lesions (Metastasis, Abscess, Glioblastoma, Infarct, Contusion, AIDS, Lymphoma, Demyelination, Radiation).",
            "BraTS labels: ET = enhancing, NCR = necrotic core, ED = oedema."],
      lay_size=["about the size of a large grape, for the main part"],
      asks=["What would you call the dark centre inside the rim?",
            "Which symptoms would you expect, and on which side of the body?"],
      land=["On the {seq}, compare with the pre-contrast T1 so you don't mistake blood for enhancement.",
            "On the {seq}, the frontal horn of the lateral ventricle is your landmark."],
      rec=["Neurosurgical review; perfusion if pseudoprogression becomes a question."]),

    P(key="bt", target="brain tumor", mod="MR", region="brain", orient="LP",
      ells=[(170, 150, 30, 24, 30)],
      others={"left lateral ventricle": (0.58, 0.50), "falx cerebri": (0.5, 0.5)},
      name="the brain tumor", short="the tumour", lay="the growth in your brain", area="head", hemi="hemisphere",
      seq=["axial FLAIR", "T1 post-contrast", "axial T2"],
      clues=["Which abnormality on this FLAIR explains her new right-hand numbness and word-finding pauses?",
             "In a 49-year-old with headaches that are worse in the morning and a new focal seizure, what is the abnormality here?",
             "What is the space-occupying abnormality on this slice that the neurosurgeons want delineated before surgery?"],
      lay_q=["I was told there is a growth in my brain causing the tingling in my hand. Can you show me where it is?",
             "My doctor says something is pressing in my head and causing my headaches. What is it on the scan?"],
      story=["49-year-old with morning headaches and a new focal seizure",
             "57-year-old with right-hand numbness and word-finding pauses"],
      names_q=["Segment the brain tumor on this slice.",
               ("Please outline the tumour in the left parietal lobe.", [("side", "left")]),
               "Where is the glioma? Segment it."],
      forbid=[r"tumou?r", r"gliom", r"glioblastom", r"\bGBM\b", r"neoplas", r"\bmass", r"cancer", r"malignan", r"metasta"],
      know=["Diffuse gliomas are the commonest primary intra-axial tumours in adults.",
            "Surrounding FLAIR signal is a mixture of oedema and infiltrating cells.",
            "Midline shift and effacement of the sulci are signs of mass effect."],
      traps=["Sensation from the right hand is processed in the left hemisphere, so right-hand numbness points to the opposite side.",
             ("The right hemisphere looks normal on this slice.", [("side", "not:right")]),
             "About 1 in 3 primary brain tumours are gliomas.",
             "The falx keeps the two hemispheres apart in the midline."],
      mnem=["Intra- or extra-axial? Look for a CSF cleft and buckled grey matter.",
            "Mass effect checklist: sulci, ventricles, midline shift, herniation."],
      lay_size=["about the size of a plum"],
      asks=["Is it intra-axial or extra-axial, and how do you tell?",
            "What would you look for on the post-contrast images?"],
      land=["On the {seq}, look at how it presses on the adjacent ventricle.",
            "On the {seq}, check the sulci over the convexity for effacement."],
      rec=["Contrast-enhanced MR with perfusion; neurosurgical and oncology referral."]),

    P(key="wmh", target="white matter hyperintensities", mod="MR", region="brain", orient="LP",
      ells=[(100, 100, 5, 3, 30), (95, 140, 6, 4, -20), (105, 160, 4, 3, 0), (155, 98, 5, 3, -30),
            (160, 135, 6, 4, 20), (150, 165, 3, 3, 0)],
      others={"lateral ventricles": (0.5, 0.5)}, pl=True,
      name="the white matter hyperintensities", short="the hyperintensities", lay="small scarred spots in the wiring of your brain",
      area="head", hemi="hemisphere", seq=["axial FLAIR", "axial T2 FLAIR"], piece="focus",
      clues=["Which imaging marker of chronic small vessel disease is present on this FLAIR slice of a 74-year-old with hypertension? Please mark every part.",
             "What abnormality, graded with the Fazekas scale, is seen here?",
             "In this patient with vascular risk factors and slowing gait, what are the abnormal foci on this slice?"],
      lay_q=["My report says I have signs of 'small vessel disease'. What does that look like on my scan?",
             "The doctor said there are little marks from high blood pressure on my brain MRI. Where are they?"],
      story=["74-year-old with hypertension and slowing gait",
             "69-year-old with diabetes and mild cognitive complaints"],
      names_q=["Segment the white matter hyperintensities on this FLAIR slice.",
               "Please outline the WMH.",
               "Where are the white matter lesions? Segment them."],
      forbid=[r"white[- ]matter", r"hyperintens", r"\bWMHs?\b", r"leuko", r"lesion"],
      know=["They reflect chronic small vessel ischaemia in most older adults.",
            "The Fazekas scale grades them from 0 (none) to 3 (large confluent areas).",
            "A heavy burden roughly triples the risk of stroke and doubles the risk of dementia."],
      traps=["Despite the name, small vessel disease can be extensive.",
             "By age 80, more than 90% of people have at least some on MRI.",
             "Hypertension affects both hemispheres, so the pattern is usually roughly symmetric.",
             "Fazekas grade 1 means punctate foci; grade 3 means large confluent areas.",
             ("The lateral ventricles lie between the two groups in the middle of the slice.", [("side", "bilateral")])],
      combo=[("There are three foci on each side.", [("side", "bilateral"), ("count", 6)])],
      mnem=["Fazekas 0-1-2-3: none, dots, beginning confluence, large confluent.",
            "FLAIR = Fluid-Attenuated: CSF dark, so the foci stand out."],
      lay_size=["each smaller than a grain of rice"],
      asks=["What Fazekas grade would you give this?",
            "What else in the differential gives periventricular foci in a younger patient?"],
      land=["On the {seq}, scan around the lateral ventricles and into the deep white matter.",
            "On the {seq}, CSF is dark, so look for the bright dots in the white matter."],
      rec=["Vascular risk factor control; no follow-up imaging needed for this alone."]),

    P(key="ms", target="multiple sclerosis lesions", mod="MR", region="brain", orient="LI",
      ells=[(150, 100, 5, 4, 0), (165, 120, 4, 6, 10), (150, 138, 3, 5, 0), (175, 142, 3, 3, 0)],
      others={"corpus callosum": (0.5, 0.38)}, pl=True,
      name="the multiple sclerosis lesions", short="the plaques", lay="patches of inflammation in the wiring of your brain",
      area="head", hemi="hemisphere", seq=["coronal FLAIR", "coronal T2"], piece="lesion",
      clues=["A 29-year-old had optic neuritis last year and now has numb legs. What are the ovoid periventricular abnormalities on this coronal FLAIR?",
             "What are the demyelinating abnormalities on this slice that count toward dissemination in space?",
             "Which abnormalities here would you count for the McDonald criteria in this young woman with relapsing symptoms?"],
      lay_q=["My neurologist says my immune system has been attacking the coating of my nerves. Can you show me the spots on my MRI?",
             "I had blurred vision last year and now tingling in my legs. The doctor pointed at some patches on the scan. Where are they?"],
      story=["29-year-old with prior optic neuritis and new leg numbness",
             "34-year-old with relapsing sensory symptoms, follow-up"],
      names_q=["Segment the MS lesions on this coronal FLAIR.",
               "Please outline the multiple sclerosis plaques.",
               "Where are the demyelinating lesions of MS here? Segment them."],
      forbid=[r"multiple sclerosis", r"\bMS\b", r"lesion", r"plaque", r"sclero"],
      know=["Periventricular, juxtacortical, infratentorial and spinal cord lesions count toward dissemination in space.",
            "They are typically ovoid and oriented perpendicular to the ventricles.",
            "New enhancement after gadolinium means active inflammation."],
      traps=["Women are affected about two to three times as often as men.",
             "About 85% of patients start with a relapsing-remitting course.",
             "Optic neuritis in one eye does not tell you which hemisphere will be involved.",
             ("The right hemisphere shows nothing on this slice.", [("side", "not:right")])],
      combo=[("All four are in the left hemisphere.", [("count", 4), ("side", "left")]),
             ("I count four separate foci, none crossing to the right.", [("count", 4), ("side", "left")])],
      mnem=["McDonald: dissemination in space (DIS) and time (DIT).",
            "'Dawson's fingers' point away from the ventricles."],
      lay_size=["each about the size of a lentil or smaller"],
      asks=["Which locations count for dissemination in space?",
            "Which sequence shows you whether any are active?"],
      land=[("On the {seq}, look at the margins of the lateral ventricle and the corpus callosum above it.", [("rel:corpus callosum", "inferior_to")]),
            "On the {seq}, follow the white matter out from the ventricle toward the cortex."],
      rec=["Post-contrast T1 and spinal cord imaging for staging of dissemination."]),

    P(key="on", target="optic nerves", mod="MR", region="brain", orient="LP",
      ells=[(108, 55, 4, 16, -20), (147, 55, 4, 16, 20)],
      others={"optic chiasm": (0.5, 0.36), "globes": (0.5, 0.12)}, pl=True,
      name="the optic nerves", short="the nerves", lay="the nerves that carry vision from your eyes to your brain",
      area="head", hemi=None, seq=["axial fat-saturated T2", "axial T1 post-contrast with fat saturation"], piece="nerve",
      clues=[("Which paired structures carry vision from the eyes back to the chiasm, running through the orbital fat on this slice?", [("rel:globes", "posterior_to"), ("rel:optic chiasm", "anterior_to")]),
             "Which structures inside the orbits swell in papilloedema-related sheath distension and in neuritis?",
             ("Which paired structures run from the back of each eye toward the chiasm?", [("rel:globes", "posterior_to"), ("rel:optic chiasm", "anterior_to")])],
      lay_q=[("My eye doctor is worried about the nerves behind my eyes. Can you show me them on the scan?", [("rel:globes", "posterior_to")]),
             "Which part carries what my eyes see back to my brain?"],
      story=["31-year-old with painful loss of vision in one eye",
             "26-year-old with headaches and swollen discs on fundoscopy"],
      names_q=["Segment the optic nerves on this slice.",
               "Please outline both optic nerves.",
               "Where is cranial nerve II on each side? Segment it."],
      forbid=[r"optic nerve", r"\bCN ?II\b", r"cranial nerve (ii|2)\b", r"second cranial"],
      know=[("Each runs from the back of the globe through the orbital apex and optic canal to the chiasm.", [("rel:globes", "posterior_to"), ("rel:optic chiasm", "anterior_to")]),
            "Fat-saturated T2 shows neuritis as bright signal; post-contrast T1 shows enhancement.",
            "A distended nerve sheath is a sign of raised intracranial pressure."],
      traps=["Fibres from the nasal half of each retina cross at the chiasm.",
             "A lesion of the left nerve blinds the left eye, but a lesion behind the chiasm affects the right half of the visual field in both eyes.",
             "About half of people with optic neuritis go on to develop multiple sclerosis within 15 years.",
             ("The globes are in front of them, at the top of this slice.", [("rel:globes", "posterior_to")])],
      combo=[("There is one in each orbit, left and right.", [("side", "bilateral"), ("count", 2)])],
      mnem=[("CN II: 'two eyes, two nerves, one chiasm'.", [("count", 2)]),
            "Tram-track sign = sheath meningioma around the nerve."],
      lay_size=["each about as thick as a pencil"],
      asks=["Which sequence best shows neuritis?",
            "Where do the nasal fibres cross?"],
      land=[("On the {seq}, follow each from the back of the globe toward the orbital apex.", [("rel:globes", "posterior_to")]),
            "On the {seq}, the surrounding fat is dark, which makes them stand out."],
      rec=["Post-contrast fat-saturated orbits and brain imaging for demyelination."]),

    P(key="vb", target="vertebral body", mod="CT", region="abdomen", orient="LP",
      ells=[(128, 175, 22, 18, 0)],
      others={"aorta": (0.57, 0.58), "inferior vena cava": (0.40, 0.57), "spinal canal": (0.5, 0.80)},
      name="the vertebral body", short="the vertebra", lay="one of the building blocks of your backbone",
      area="body", hemi=None, seq=["bone window", "axial CT, soft-tissue window"],
      clues=[("Which bony block in front of the thecal sac carries most of the axial load and is the usual site of osteoporotic compression fractures?", [("rel:spinal canal", "anterior_to")]),
             ("On this abdominal CT, which weight-bearing bone lies behind the aorta and the IVC?", [("rel:aorta", "posterior_to"), ("rel:inferior vena cava", "posterior_to")]),
             "Which bone do you measure for opportunistic osteoporosis screening in Hounsfield units on an abdominal CT?"],
      lay_q=["I have back pain and the scan was for my bones. Which bone of my back is on this picture?",
             "My doctor says the bone density in my back looks low. Which bone did they check?"],
      story=["72-year-old with sudden back pain after lifting",
             "64-year-old, incidental low bone density on abdominal CT"],
      names_q=["Segment the vertebral body on this CT slice.",
               "Please outline the lumbar vertebra.",
               "Where is the vertebral body of L2? Segment it."],
      forbid=[r"vertebr", r"spin", r"\bL[1-5]\b", r"backbone"],
      know=["It is the weight-bearing front part of each vertebra.",
            "An attenuation below about 100 HU on a routine CT suggests osteoporosis.",
            "Compression fractures are commonest at the thoracolumbar junction."],
      traps=["The aorta usually runs slightly to the left of the midline and the IVC to the right.",
             "About 1 in 10 people have a transitional lumbosacral segment, so counting matters.",
             "The left renal vein crosses in front of the aorta.",
             ("The psoas muscles lie on either side of it.", [("side", "midline")])],
      mnem=["Body in front, arch behind: the body carries the load, the arch protects the cord.",
            "Genant grades: mild 20-25%, moderate 25-40%, severe over 40% height loss."],
      lay_size=["about the size of a matchbox seen end-on"],
      asks=["What HU threshold would make you mention osteoporosis?",
            "How would you grade a compression fracture?"],
      land=[("On the {seq}, the aorta and IVC are your anterior landmarks.", [("rel:aorta", "posterior_to"), ("rel:inferior vena cava", "posterior_to")]),
            ("On the {seq}, the spinal canal lies just behind it.", [("rel:spinal canal", "anterior_to")])],
      rec=["Bone density assessment if attenuation is low."]),

    P(key="disc", target="intervertebral disc", mod="MR", region="spine", orient="LI",
      ells=[(128, 80, 26, 6, 0), (128, 130, 28, 7, 0), (128, 180, 28, 7, 0)],
      others={"left psoas muscle": (0.70, 0.55), "right psoas muscle": (0.30, 0.55)}, pl=True,
      name="the intervertebral discs", short="the discs", lay="the cushions between the bones of your lower back",
      area="lower back", hemi=None, seq=["coronal T2", "coronal STIR"], piece="disc",
      clues=["Which fibrocartilage cushions sit between the vertebral bodies and herniate in sciatica? Mark those on this slice.",
             "Which structures with a tough outer ring and a gel-like centre separate the bony segments of the lumbar column here?",
             "Which structures lose water and height first in degenerative back pain?"],
      lay_q=["My back pain comes from the cushions between the bones, the doctor says. Can you show them on my MRI?",
             "Which part of my back is the soft padding between the bones?"],
      story=["45-year-old with low back pain and right leg sciatica",
             "38-year-old with chronic mechanical back pain"],
      names_q=["Segment the intervertebral discs on this coronal slice.",
               "Please outline the lumbar discs.",
               "Where are the discs between the vertebrae? Segment them."],
      forbid=[r"\bdisc", r"\bdisk", r"intervertebral", r"annul", r"nucleus pulposus"],
      know=["Each has a tough outer annulus and a softer, water-rich nucleus pulposus.",
            "They lose water with age and become darker on T2.",
            "About 90% of lumbar herniations occur at L4-L5 or L5-S1."],
      traps=["The psoas muscles run on either side of the lumbar column.",
             "A right-sided herniation usually irritates the right-sided nerve root, so the leg pain is on the same side.",
             "Disc bulges are found in more than half of people over 40 without any pain.",
             "There are five lumbar vertebrae in most people."],
      combo=[("There are three of them stacked one above another in the midline.", [("count", 3), ("side", "midline")])],
      mnem=["Pfirrmann grades I-V: bright and tall to black and collapsed.",
            "Herniations: 'L4-5 hits L5, L5-S1 hits S1' for the usual paracentral type."],
      lay_size=["each about a centimetre thick"],
      asks=["How would you grade disc degeneration?",
            "Which root does a paracentral L4-5 herniation hit?"],
      land=["On the {seq}, the psoas muscles frame the lumbar column on either side.",
            "On the {seq}, they are the flat bands between the bony segments."],
      rec=["Sagittal and axial T2 for herniations and root compression."]),

    P(key="cord", target="spinal cord", mod="MR", region="neck", orient="LP",
      ells=[(128, 150, 9, 6, 0)],
      others={"C5 vertebral body": (0.5, 0.42), "left vertebral artery": (0.58, 0.45)},
      name="the spinal cord", short="the cord", lay="the main bundle of nerves running down your neck",
      area="neck", hemi=None, seq=["axial T2*", "axial T2"],
      clues=["Which structure inside the canal of the neck carries the corticospinal and dorsal column tracts to and from the limbs?",
             "In this patient with hand clumsiness and brisk reflexes from degenerative narrowing of the canal, which structure is at risk on this axial slice?",
             "Which structure has a butterfly of grey matter in its centre on axial T2*?"],
      lay_q=["My hands feel clumsy and the doctor thinks something in my neck is being squeezed. What is it?",
             "Which part carries messages from my brain down to my arms and legs in the neck?"],
      story=["62-year-old with hand clumsiness and hyperreflexia",
             "30-year-old with a sensory level after a viral illness"],
      names_q=["Segment the spinal cord on this axial slice.",
               "Please outline the cervical cord.",
               "Where is the spinal cord here? Segment it."],
      forbid=[r"spinal cord", r"\bcord\b", r"myel", r"medulla spinalis"],
      know=["The central grey matter forms a butterfly shape on axial T2*.",
            "In adults it ends at about the L1-L2 level as the conus medullaris.",
            "T2 signal inside it at a narrowed level suggests compressive myelopathy."],
      traps=["The corticospinal tract crosses in the medulla, so a cord lesion on one side weakens the same side below it, while pain and temperature are lost on the opposite side.",
             "The left vertebral artery is the dominant one in about half of people.",
             "Cervical myelopathy is the commonest cause of cord dysfunction in adults over 55.",
             ("The C5 vertebral body sits in front of the canal at this level.", [("rel:C5 vertebral body", "posterior_to")])],
      mnem=["Brown-Sequard: same-side weakness and vibration loss, opposite-side pain and temperature loss.",
            "Cord ends at L1-L2: 'L for the Last of the cord'."],
      lay_size=["about the thickness of your little finger"],
      asks=["What would Brown-Sequard look like clinically?",
            "Which sequence best shows the grey matter butterfly?"],
      land=[("On the {seq}, find the CSF ring inside the canal; it sits in the middle of it.", [("side", "midline")]),
            ("On the {seq}, the vertebral body is in front of the canal and the lamina behind it.", [("rel:C5 vertebral body", "posterior_to")])],
      rec=["Sagittal T2 to assess cord signal over the whole cervical spine."]),

    P(key="fh_bi", target="femoral head", mod="CT", region="pelvis", orient="LI",
      ells=[(70, 150, 18, 18, 0), (185, 150, 18, 18, 0)],
      others={"sacrum": (0.5, 0.35), "pubic symphysis": (0.5, 0.68)}, pl=True,
      name="the femoral heads", short="the femoral heads", lay="the ball parts of both your hip joints", area="hips",
      hemi=None, seq=["coronal CT reformat, bone window", "coronal CT, bone window"], piece="head",
      clues=["Which rounded bony structures sit in the acetabula and die off in avascular necrosis after steroid treatment?",
             "In this patient on long-term steroids with hip pain, which bones at the hip joints would you assess for collapse?",
             "Which are the 'balls' of the ball-and-socket joints on this coronal pelvic CT?"],
      lay_q=["I've been on steroids and my hips hurt. The doctor wants to check the ball part of the hip joints. Where are they?",
             ("Can you show me the ball of each hip joint on my scan?", [("side", "bilateral")])],
      story=["44-year-old on long-term steroids with groin pain",
             "70-year-old after a fall, rule out fracture"],
      names_q=["Segment the femoral heads on this coronal CT.",
               "Please outline both femoral heads.",
               "Where is the head of the femur on each side? Segment it."],
      forbid=[r"femor", r"femur", r"head of (the )?femur", r"thigh ?bone"],
      know=["Their blood supply comes mostly from the medial circumflex femoral artery.",
            "Subchondral collapse and the crescent sign mark late avascular necrosis.",
            "They articulate with the acetabulum of the pelvis."],
      traps=["Steroid-related avascular necrosis is bilateral in well over half of patients.",
             ("The sacrum lies above them in the midline on this coronal slice.", [("rel:sacrum", "inferior_to")]),
             "Hip pain is often felt in the groin or even the knee.",
             "On this coronal image the patient's right hip is on the left of the screen."],
      combo=[("There is one on each side, in each acetabulum.", [("side", "bilateral"), ("count", 2)])],
      mnem=["AVN causes, 'ASEPTIC': Alcohol, Steroids, Exogenous cortisol, Pancreatitis, Trauma, Idiopathic, Caisson disease.",
            "Crescent sign = subchondral fracture = late AVN."],
      lay_size=["each about the size of a golf ball"],
      asks=["What's the earliest sign of avascular necrosis on CT?",
            "Which artery supplies most of the blood?"],
      land=["On the {seq}, find the acetabular roofs and look just below them.",
            "On the {seq}, follow the femoral necks up into the joints."],
      rec=["MRI is more sensitive than CT for early avascular necrosis."]),

    P(key="fh_l", target="left femoral head", mod="CT", region="pelvis", orient="LP",
      ells=[(178, 135, 20, 20, 0)],
      others={"urinary bladder": (0.5, 0.45), "right femoral head": (0.30, 0.53)},
      name="the left femoral head", short="the femoral head", lay=("the ball of your left hip joint", [("side", "left")]), lay0="the ball of your hip joint", area="pelvis",
      hemi=None, seq=["axial CT, bone window", "axial CT"],
      clues=[("After this fall onto the left side, which rounded bone sitting in the acetabulum do you need to check?", [("side", "left")]),
             "Which bone forms the ball of the hip joint on this axial pelvic CT?",
             "In a hip replacement, which part of the thigh bone is replaced by the prosthetic ball?"],
      lay_q=["I fell on my hip and the doctor wants to check the ball of the hip joint. Can you show it to me?",
             "Which part of the hip joint is the ball that sits in the socket?"],
      story=["81-year-old after a fall, unable to bear weight",
             "56-year-old with groin pain"],
      names_q=["Segment the left femoral head on this CT.",
               "Please outline the head of the left femur.",
               "Where is the left femoral head? Segment it."],
      forbid=[r"femor", r"femur", r"head of (the )?femur"],
      know=["It articulates with the acetabulum to form the hip joint.",
            "Its blood supply runs mostly along the neck, which is why displaced neck fractures risk necrosis.",
            "The fovea on its medial surface is where the ligamentum teres attaches."],
      traps=[("The right femoral head, on the left of the screen, is outside this mask.", [("side", "not:right")]),
             "Hip fractures affect about 1 in 3 women and 1 in 12 men who reach 80.",
             ("The bladder sits in front of the two hip joints in the middle of the pelvis.", [("rel:urinary bladder", "posterior_to")]),
             "Pain from a hip is often felt in the groin or the knee."],
      mnem=["Garden I-IV for neck fractures: I-II undisplaced, III-IV displaced.",
            "Ball = head, socket = acetabulum."],
      lay_size=["about the size of a golf ball"],
      asks=["Which fracture classification applies to the neck?",
            "What tells you about the blood supply risk?"],
      land=["On the {seq}, find the acetabulum and look inside its cup.",
            ("On the {seq}, the bladder is your midline landmark in front.", [("rel:urinary bladder", "posterior_to")])],
      rec=["MRI if a fracture is clinically suspected and CT is negative."]),

    P(key="femur_r", target="right femur", mod="MR", region="thigh", orient="LI",
      ells=[(80, 135, 15, 85, 0)],
      others={"left femur": (0.69, 0.53), "urinary bladder": (0.5, 0.15)},
      name="the right femur", short="the femur", lay=("your right thigh bone", [("side", "right")]), lay0="your thigh bone", area="legs", hemi=None,
      seq=["coronal STIR", "coronal T1"],
      clues=["Which long bone, the strongest in the body, is the site of this runner's stress fracture?",
             "Which bone carries the hip above and the knee below on this coronal MR of the thighs?",
             "Which long bone shows marrow oedema on this coronal STIR in a military recruit with thigh pain?"],
      lay_q=["My thigh hurts when I run and the doctor found a stress injury in the bone. Which bone is it?",
             "Can you show me the long bone of my thigh on this scan?"],
      story=["24-year-old recruit with thigh pain on marching",
             "35-year-old runner with progressive thigh pain"],
      names_q=["Segment the right femur on this coronal MR.",
               "Please outline the right thigh bone.",
               "Where is the right femur? Segment it."],
      forbid=[r"femor", r"femur", r"thigh ?bone"],
      know=["It is the longest and strongest bone in the body.",
            "Stress fractures of its neck on the compression side can be treated conservatively; tension-side ones need fixation.",
            "STIR shows marrow oedema before a fracture line is visible."],
      traps=["The left femur, on the right side of the screen, looks normal.",
             "Femoral shaft stress fractures are uncommon, a small minority of runners' stress fractures.",
             ("The bladder sits high up in the midline, above the hips.", [("rel:urinary bladder", "inferior_to")]),
             "Tension-side fractures of the neck are on the upper-outer side."],
      mnem=["STIR: 'Stress fractures Turn Into Really bright marrow'.",
            "Fredericson grades 1-4 for stress injury."],
      lay_size=["about as long as your forearm and hand together"],
      asks=["Which sequence shows stress injury first?",
            "How do you grade a stress injury?"],
      land=["On the {seq}, follow the shaft from the hip down to the knee.",
            "On the {seq}, compare the marrow of both thighs."],
      rec=["Rest and follow-up MRI if symptoms persist."]),

    P(key="menisci", target="menisci", mod="MR", region="knee", orient="LI",
      ells=[(85, 130, 22, 6, 0), (170, 130, 22, 6, 0)],
      others={"femoral condyles": (0.5, 0.38), "tibial plateau": (0.5, 0.62)}, pl=True,
      name="the menisci", short="the menisci", lay="the two cushions inside your knee", area="knee", hemi=None,
      seq=["coronal proton-density fat-sat", "coronal PD"], piece="wedge",
      clues=[("Which two C-shaped fibrocartilage pads sit between the femoral condyles and the tibial plateau of this right knee?", [("rel:femoral condyles", "inferior_to"), ("rel:tibial plateau", "superior_to")]),
             "Which wedge-shaped structures absorb shock in the knee and tear with twisting injuries?",
             ("On this coronal knee MR, which dark triangles sit at the joint line on both the inner and outer side?", [("side", "bilateral")])],
      lay_q=["I twisted my right knee playing football and the doctor talked about the cushions inside the knee. Can you show me them?",
             "Which parts of my knee act like shock absorbers between the bones?"],
      story=["27-year-old footballer with a twisting injury of the right knee",
             "52-year-old with medial knee pain and locking"],
      names_q=["Segment the menisci on this coronal slice.",
               "Please outline both menisci of the knee.",
               "Where are the medial and lateral meniscus? Segment them."],
      forbid=[r"menisc", r"semilunar"],
      know=["They are dark on every sequence; bright signal reaching a surface means a tear.",
            "They spread load across the joint and protect the cartilage.",
            "The medial one is attached to the joint capsule and is torn more often."],
      traps=["This is a right knee, so the medial side faces the other leg, toward the patient's left.",
             "The medial meniscus tears roughly two to three times as often as the lateral one.",
             "Meniscal tears are found in about a third of people over 50 without knee pain.",
             ("The femoral condyles are above the joint line and the tibial plateau below it.", [("rel:femoral condyles", "inferior_to"), ("rel:tibial plateau", "superior_to")])],
      combo=[("There is one on each side of the joint: the lateral one on the screen's left, which is the patient's right, and the medial one on the screen's right.", [("side", "bilateral"), ("count", 2)])],
      mnem=["Medial meniscus: 'More Mobile? No, More Mashed': it is fixed and tears more.",
            "Two slices sign: a bow-tie on more than two sagittal slices suggests a discoid meniscus."],
      lay_size=["each about the size of a large orange segment"],
      asks=["What makes a tear on MR?",
            "Which one tears more often and why?"],
      land=["On the {seq}, look at the joint line on the inner and outer side.",
            ("On the {seq}, the femoral condyles sit above and the tibial plateau below.", [("rel:femoral condyles", "inferior_to"), ("rel:tibial plateau", "superior_to")])],
      rec=["Orthopaedic review if mechanical symptoms persist."]),

    P(key="mm", target="medial meniscus", mod="MR", region="knee", orient="LI",
      ells=[(170, 132, 22, 6, 0)],
      others={"lateral meniscus": (0.33, 0.52), "tibial plateau": (0.5, 0.62)},
      name="the medial meniscus", short="the meniscus", lay="the inner cushion of your right knee", area="knee",
      hemi=None, seq=["coronal proton-density fat-sat", "coronal PD"],
      clues=["Which C-shaped pad of fibrocartilage on the inner side of this right knee is the one most often torn?",
             "Which knee structure is part of the 'unhappy triad' with the ACL and MCL?",
             "Which cushion at the inner joint line of this knee is attached to the deep MCL?"],
      lay_q=["The pain is on the inside of my right knee and the doctor mentioned a torn cushion. Can you show me it?",
             "Which cushion on the inner side of the knee do they think I've torn?"],
      story=["48-year-old with inner-side knee pain and locking",
             "33-year-old skier with an ACL tear, check associated injuries"],
      names_q=["Segment the medial meniscus on this coronal slice.",
               "Please outline the medial meniscus of the right knee.",
               "Where is the medial meniscus? Segment it."],
      forbid=[r"menisc", r"semilunar"],
      know=["It is more firmly attached to the capsule and the deep MCL, so it moves less and tears more.",
            "Its posterior horn is the commonest site of a tear.",
            "A tear shows as bright signal reaching an articular surface."],
      traps=["This is a right knee: on this coronal image the screen's left is the patient's right, the outer (lateral) side.",
             ("Because this is a right knee, its inner (medial) side faces the patient's left, toward the other leg.", [("side", "left")]),
             "The lateral meniscus, on the other side of the joint, is not in this mask.",
             "The 'unhappy triad' is the ACL, the MCL and the medial meniscus."],
      mnem=["Medial: More often torn, More attached (to the MCL).",
            "'Ghost meniscus' on one slice means a radial tear."],
      lay_size=["about the size of an orange segment"],
      asks=["Where do tears start most often in it?",
            "Which ligament is it attached to?"],
      land=["On the {seq}, find the inner joint line between the medial femoral condyle and the tibia.",
            "On the {seq}, the lateral meniscus sits at the opposite end of the joint line."],
      rec=["Correlate with McMurray test; arthroscopy if mechanical symptoms."]),

    P(key="pat", target="patellar cartilage", mod="MR", region="knee", orient="LP",
      ells=[(128, 70, 26, 5, 0)],
      others={"femoral trochlea": (0.5, 0.36), "popliteal artery": (0.5, 0.80)},
      name="the patellar cartilage", short="the cartilage", lay="the smooth lining on the back of your kneecap",
      area="knee", hemi=None, seq=["axial PD fat-sat", "axial T2 fat-sat"],
      clues=[("Which smooth layer lines the back of the bone at the front of the knee and softens in runner's knee?", [("vertical", "anterior")]),
             ("In this young runner with pain going down stairs, which surface layer of the front of the knee would you grade?", [("vertical", "anterior")]),
             ("Which tissue glides in the femoral trochlea and is graded with the Outerbridge scale here?", [("rel:femoral trochlea", "anterior_to")]),
             "Which layer is graded from softening to exposed bone with the Outerbridge scale on this axial knee slice?"],
      lay_q=[("I get pain at the front of my knee on stairs. The doctor mentioned the lining behind the knee bone at the front. Can you show me?", [("vertical", "anterior")]),
             ("Which part at the front of my left knee has the smooth gliding surface?", [("vertical", "anterior")]),
             "My physio talked about the smooth gliding surface in my knee that wears down with runner's knee. Where is it?"],
      story=["23-year-old runner with anterior knee pain on stairs",
             "40-year-old after a dislocation of the knee bone at the front"],
      names_q=["Segment the patellar cartilage on this axial slice.",
               "Please outline the cartilage of the kneecap.",
               "Where is the retropatellar cartilage? Segment it."],
      forbid=[r"patell", r"kneecap", r"cartilag", r"chondr"],
      know=["It is the thickest articular cartilage in the body, up to about 5 to 7 mm.",
            "Softening and fissuring show as focal bright signal on fluid-sensitive sequences.",
            "It glides in the femoral trochlea as the knee bends."],
      traps=[("This is a left knee, but left and right are judged from the patient, and the kneecap sits at the front of either knee.", [("vertical", "anterior")]),
             "Lateral dislocation of the kneecap is far more common than medial.",
             ("The popliteal artery runs behind the knee, at the bottom of this slice.", [("rel:popliteal artery", "anterior_to")]),
             "About a quarter of adolescents who play sport report front-of-knee pain at some point."],
      mnem=["Outerbridge 0-IV: normal, softening, under half-thickness, over half-thickness, bone exposed.",
            "The thickest cartilage in the body: behind the kneecap."],
      lay_size=["a thin layer, a few millimetres thick, like the rind on a slice of cheese"],
      asks=["How would you grade the cartilage here?",
            "Which direction do kneecaps usually dislocate?"],
      land=[("On the {seq}, find the kneecap at the front and look at its deep surface.", [("vertical", "anterior")]),
            ("On the {seq}, the trochlear groove of the femur lies just behind it.", [("rel:femoral trochlea", "anterior_to")])],
      rec=["Physiotherapy-focused management; follow-up only if symptoms progress."]),

    P(key="hh", target="humeral head", mod="MR", region="shoulder", orient="LI",
      ells=[(95, 120, 28, 28, 0)],
      others={"glenoid": (0.5, 0.47), "acromion": (0.40, 0.22)},
      name="the humeral head", short="the head", lay=("the ball of your right shoulder joint", [("side", "right")]), lay0="the ball of your shoulder joint", area="shoulder",
      hemi=None, seq=["coronal oblique PD fat-sat", "coronal T1"],
      clues=[("Which ball of the ball-and-socket joint is shown in this right shoulder, the part that dislocates forward in most shoulder dislocations?", [("side", "right")]),
             "After an anterior dislocation, where would you look for a Hill-Sachs impaction on this coronal MR?",
             "Which rounded bone articulates with the glenoid on this shoulder MR?"],
      lay_q=[("My right shoulder popped out last month. Which bone was it that came out of the socket?", [("side", "right")]),
             "Can you show me the ball part of my shoulder joint?"],
      story=["22-year-old after a first anterior shoulder dislocation",
             "64-year-old with shoulder pain and reduced movement"],
      names_q=["Segment the humeral head on this coronal shoulder MR.",
               "Please outline the head of the humerus.",
               "Where is the humeral head? Segment it."],
      forbid=[r"humer", r"head of (the )?humerus"],
      know=["It articulates with the shallow glenoid, which trades stability for range of movement.",
            "A Hill-Sachs lesion is an impaction on its posterolateral side after anterior dislocation.",
            "The rotator cuff tendons insert on the tuberosities around it."],
      traps=["About 95% of shoulder dislocations are anterior.",
             ("This is a right shoulder: the screen's left is the patient's right, the outer side of this joint.", [("side", "right")]),
             ("The acromion arches above it, forming the roof of the shoulder.", [("rel:acromion", "inferior_to")]),
             "Recurrence after a first dislocation exceeds 50% in people under 20."],
      mnem=["Hill-Sachs on the Humerus, Bankart on the glenoid (B for 'bony socket').",
            "SITS: Supraspinatus, Infraspinatus, Teres minor, Subscapularis."],
      lay_size=["about the size of a tangerine"],
      asks=["Where would a Hill-Sachs lesion be?",
            "Which structure on the glenoid side would you check next?"],
      land=["On the {seq}, find the glenoid and look lateral to it.",
            ("On the {seq}, the acromion is the roof above it.", [("rel:acromion", "inferior_to")])],
      rec=["MR arthrogram if labral injury needs assessment."]),

    P(key="prost", target="prostate", mod="MR", region="pelvis", orient="LP",
      ells=[(128, 138, 22, 17, 0)],
      others={"rectum": (0.5, 0.72), "pubic symphysis": (0.5, 0.25)},
      name="the prostate", short="the gland", lay="the gland just below your bladder", area="pelvis", hemi=None,
      seq=["axial T2", "DWI with ADC map"],
      clues=["Which walnut-sized gland sits below the bladder around the urethra and is biopsied when a blood test is raised?",
             "Which gland enlarges with age and causes a weak stream and getting up at night to pass water?",
             "Which organ is scored with PI-RADS on this multiparametric MR?"],
      lay_q=["I'm 67 and I get up three times a night to pass water. The doctor said a gland is enlarged. Which one?",
             "My blood test came back high and I had an MRI. Which gland were they looking at?"],
      story=["67-year-old with nocturia and a weak stream",
             "61-year-old with a raised blood test, pre-biopsy MR"],
      names_q=["Segment the prostate on this axial T2.",
               "Please outline the prostate gland.",
               "Where is the prostate? Segment it."],
      forbid=[r"prostat", r"\bPSA\b"],
      know=["It surrounds the proximal urethra just below the bladder neck.",
            "PI-RADS scores lesions from 1 to 5 using T2, DWI and, in places, contrast.",
            "Benign enlargement arises in the transition zone around the urethra."],
      traps=["About 70% of cancers arise in the peripheral zone, which lies toward the back next to the rectum.",
             "About half of men over 50 have some benign enlargement.",
             ("The pubic symphysis is in front of it and the rectum behind it.", [("rel:pubic symphysis", "posterior_to"), ("rel:rectum", "anterior_to")]),
             "The left and right seminal vesicles sit above and behind it, out of this slice."],
      mnem=["Peripheral zone = cancer, transition zone = BPH ('P for Peripheral and for Problem').",
            "PI-RADS 1-5: 1 very unlikely, 5 very likely."],
      lay_size=["about the size of a walnut"],
      asks=["Which zone do most cancers come from?",
            "Which sequence drives the score in the peripheral zone?"],
      land=[("On the {seq}, the pubic symphysis is in front and the rectum behind.", [("rel:pubic symphysis", "posterior_to"), ("rel:rectum", "anterior_to")]),
            "On the {seq}, look for the dark band of the capsule around it."],
      rec=["PI-RADS assessment and urology review."]),

    P(key="ut", target="uterus", mod="MR", region="pelvis", orient="LP",
      ells=[(132, 118, 32, 24, 0)],
      others={"urinary bladder": (0.5, 0.28), "rectum": (0.5, 0.72), "left ovary": (0.70, 0.50),
              "right ovary": (0.30, 0.50)},
      name="the uterus", short="the organ", lay="your womb", area="pelvis", hemi=None,
      seq=["axial T2", "axial oblique T2"],
      clues=[("Which muscular pelvic organ between the bladder and the rectum holds a pregnancy?", [("rel:urinary bladder", "posterior_to"), ("rel:rectum", "anterior_to")]),
             "In this 42-year-old with heavy periods, which organ would you check for fibroids?",
             "Which hollow muscular organ shows a bright inner lining, a dark junctional zone and an intermediate outer layer on T2?"],
      lay_q=["I have heavy periods and the doctor mentioned fibroids. Which organ do they grow in?",
             "Can you show me the organ where a baby grows on my MRI?"],
      story=["42-year-old with heavy menstrual bleeding",
             "35-year-old with pelvic pain, query adenomyosis"],
      names_q=["Segment the uterus on this axial T2.",
               "Please outline the womb.",
               "Where is the uterus? Segment it."],
      forbid=[r"\buter(us|ine|i)\b", r"womb", r"endometri", r"myometri", r"hyster"],
      know=["On T2 its zonal anatomy is clear: bright lining, dark junctional zone, intermediate outer muscle.",
            "A junctional zone thicker than about 12 mm suggests adenomyosis.",
            "Fibroids are dark, well-defined nodules within or on its muscle."],
      traps=["Fibroids affect roughly 70% of women by age 50.",
             "A retroverted position, tilted back toward the sacrum, is seen in about 1 in 5 women.",
             ("The ovaries sit on either side of it.", [("rel:left ovary", "right_of"), ("rel:right ovary", "left_of")]),
             ("The bladder is in front of it and the rectum behind it.", [("rel:urinary bladder", "posterior_to"), ("rel:rectum", "anterior_to")])],
      mnem=["T2 zones: 'bright-dark-grey' from inside out.",
            "JZ > 12 mm = adenomyosis."],
      lay_size=["about the size of a pear"],
      asks=["How thick is the junctional zone here?",
            "Which plane would you use to measure it properly?"],
      land=[("On the {seq}, find the bladder in front and the rectum behind.", [("rel:urinary bladder", "posterior_to"), ("rel:rectum", "anterior_to")]),
            ("On the {seq}, look for the zonal anatomy in the middle of the pelvis.", [("side", "midline"), ("vertical", "central")])],
      rec=["Gynaecology review; sagittal T2 for the junctional zone."]),

    P(key="rect", target="rectum", mod="CT", region="pelvis", orient="LP",
      ells=[(128, 190, 18, 15, 0)],
      others={"urinary bladder": (0.5, 0.45), "sacrum": (0.5, 0.88)},
      name="the rectum", short="the bowel", lay="the last part of your bowel", area="pelvis", hemi=None,
      seq=["axial CT, soft-tissue window", "contrast-enhanced CT, portal venous phase"],
      clues=[("Which final segment of the large bowel, just above the anal canal, is seen at the back of the pelvis on this slice?", [("vertical", "posterior")]),
             "In this patient with bright red blood with bowel movements and a change in bowel habit, which part of the bowel is shown here?",
             ("Which hollow organ sits in the sacral hollow on this pelvic CT?", [("rel:sacrum", "anterior_to")])],
      lay_q=["I've had blood with my bowel movements and they did a scan. Which part of the bowel is this?",
             "Can you show me the very last part of my bowel before the exit?"],
      story=["63-year-old with bleeding per anus and change in bowel habit",
             "70-year-old, staging CT"],
      names_q=["Segment the rectum on this CT.",
               "Please outline the rectal wall and lumen.",
               "Where is the rectum here? Segment it."],
      forbid=[r"\brect(um|al)\b", r"anorect", r"proct"],
      know=["It runs about 12 to 15 cm from the rectosigmoid junction to the anal canal.",
            ("It sits in the sacral hollow, surrounded by the mesorectal fat and fascia.", [("rel:sacrum", "anterior_to")]),
            "Local staging of rectal cancer is done with MRI rather than CT."],
      traps=["About a third of colorectal cancers arise in the rectum.",
             ("The bladder sits in front of it in men; the uterus lies between them in women.", [("rel:urinary bladder", "posterior_to")]),
             "The sacrum forms the back wall of the pelvis.",
             "The sigmoid colon usually loops on the left side of the pelvis."],
      mnem=["Mesorectal fascia: the surgeon's plane in total mesorectal excision.",
            "Rectum 15 cm: 'low, mid, high' in 5 cm thirds from the anal verge."],
      lay_size=["about as wide as a small tangerine"],
      asks=["Why is MRI used for local staging?",
            "Which fascia is the surgical plane?"],
      land=[("On the {seq}, the sacrum is behind and the bladder in front.", [("rel:sacrum", "anterior_to"), ("rel:urinary bladder", "posterior_to")]),
            "On the {seq}, look for the mesorectal fat ring."],
      rec=["MRI for local staging if a rectal lesion is suspected."]),

    P(key="blad", target="urinary bladder", mod="CT", region="pelvis", orient="LP",
      ells=[(128, 92, 42, 32, 0)],
      others={"rectum": (0.5, 0.75), "left femoral head": (0.75, 0.5), "right femoral head": (0.25, 0.5)},
      name="the urinary bladder", short="the bladder", lay="your bladder", area="pelvis", hemi=None,
      seq=["axial CT, soft-tissue window", "CT urogram, excretory phase"],
      clues=["Which hollow organ just behind the pubic bones stores urine until you void?",
             "In this patient with painless visible haematuria, which hollow organ on this slice would you scrutinise for a wall thickening?",
             "Which distensible organ is filled with excreted contrast on the delayed phase here?"],
      lay_q=["I saw blood when I passed water and they did a CT. Which organ that stores urine is on this picture?",
             "Can you show me where the water is stored before I go to the toilet?"],
      story=["66-year-old smoker with painless visible haematuria",
             "58-year-old with recurrent infections"],
      names_q=["Segment the urinary bladder on this CT.",
               "Please outline the bladder.",
               "Where is the bladder here? Segment it."],
      forbid=[r"bladder", r"vesic", r"cyst(o|itis)", r"urinary"],
      know=["Its wall should be thin and smooth when it is well distended.",
            "Most bladder cancers are urothelial and arise from the lining.",
            "Smoking is the biggest modifiable risk factor for bladder cancer."],
      traps=["Bladder cancer is about three to four times more common in men than in women.",
             "The two femoral heads sit on either side of the pelvis at this level.",
             ("The rectum lies behind it.", [("rel:rectum", "anterior_to")]),
             "The left ureter enters from behind on the patient's left, the right one on the right."],
      mnem=["Haematuria + smoker = look at the bladder wall.",
            "Trigone: the smooth triangle between the two ureteric openings and the urethra."],
      lay_size=["about the size of a grapefruit when full"],
      asks=["What would wall thickening mean here?",
            "Which phase shows filling defects best?"],
      land=["On the {seq}, it is the fluid-filled structure behind the pubic bones.",
            ("On the {seq}, the femoral heads flank it at this level.", [("side", "midline")])],
      rec=["Cystoscopy is needed regardless of CT findings in visible haematuria."]),

    P(key="edema", target="peritumoral edema", mod="MR", region="brain", orient="LI",
      ells=[(172, 105, 40, 34, 15)],
      others={"left lateral ventricle": (0.57, 0.45), "falx cerebri": (0.5, 0.3)},
      name="the peritumoral edema", short="the oedema", lay="the swelling around the growth", area="head",
      hemi="hemisphere", seq=["coronal FLAIR", "coronal T2"],
      clues=["Around this metastasis, what is the FLAIR-bright reaction in the surrounding white matter that dexamethasone reduces?",
             "What finger-like high signal spreads through the white matter but spares the cortex around this metastasis?",
             "Which BraTS sub-region, outside the enhancing rim, is outlined here?"],
      lay_q=["The doctor gave me steroids to reduce something around the growth in my brain. What is it on the scan?",
             "My scan shows a reaction around the growth. Can you show me where?"],
      story=["60-year-old with lung cancer, new headache and a metastasis",
             "55-year-old, pre-treatment planning"],
      names_q=["Segment the peritumoral edema on this coronal FLAIR.",
               "Please outline the oedema around the metastasis.",
               "Where is the vasogenic edema here? Segment it."],
      forbid=[r"o?edem", r"swell", r"peritumou?r", r"vasogenic"],
      know=["It is vasogenic oedema: fluid leaks from tumour vessels into the white matter.",
            "It follows white-matter tracts and spares the cortex, giving finger-like projections.",
            "Steroids usually shrink it within days."],
      traps=[("The right hemisphere looks normal on this slice.", [("side", "not:right")]),
             "About 20 to 40% of patients with cancer develop brain metastases.",
             "The falx keeps the two hemispheres apart above the corpus callosum.",
             "Cytotoxic oedema, as in stroke, involves grey and white matter alike."],
      mnem=["Vasogenic = vessels leak = white matter fingers; cytotoxic = cells swell = grey and white.",
            "BraTS: ED is the oedema label."],
      lay_size=["larger than the growth itself, about the size of a small egg"],
      asks=["Vasogenic or cytotoxic, and how do you tell?",
            "How quickly would you expect steroids to work?"],
      land=["On the {seq}, compare the white matter of both hemispheres.",
            "On the {seq}, the falx is your midline landmark."],
      rec=["Steroids per oncology; follow-up MRI after treatment."]),
]

# ---------------------------------------------------------------------------------------------------------------
# geometry, record

def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    dx, dy = rng.randint(-2, 2), rng.randint(-2, 2)
    da = rng.uniform(-4.0, 4.0)
    yy, xx = np.mgrid[0:256, 0:256]
    m = np.zeros((256, 256), bool)
    for cx, cy, rx, ry, ang in p["ells"]:
        a = math.radians(ang + da)
        X, Y = xx - (cx + dx), yy - (cy + dy)
        u = X * math.cos(a) + Y * math.sin(a)
        v = -X * math.sin(a) + Y * math.cos(a)
        m |= (u / rx) ** 2 + (v / ry) ** 2 <= 1.0
    return compute_facts(m, p["orient"], p["others"]).model_dump(mode="json")


def record_for(p):
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


def pick_profile(profiles, i, defect, rng):
    if defect == "count" and rng.random() < 0.5:
        return rng.choice([q for q in profiles if len(q["ells"]) >= 2])
    return rng.choice(profiles)


# ---------------------------------------------------------------------------------------------------------------
# small helpers

def cap(s):
    return s[:1].upper() + s[1:]


def lc(s):
    w = s.split(" ", 1)[0]
    return s if (w == "I" or any(ch.isupper() for ch in w[1:])) else s[:1].lower() + s[1:]


def _verbs(t, pl):
    """Resolve {singular|plural} alternatives."""
    out, i = [], 0
    while i < len(t):
        j = t.find("{", i)
        if j < 0:
            out.append(t[i:])
            break
        k = t.find("}", j)
        inner = t[j + 1:k]
        out.append(t[i:j])
        out.append(inner.split("|")[1 if pl else 0] if "|" in inner else t[j:k + 1])
        i = k + 1
    return "".join(out)


def fill(t, s, pl, **kw):
    t = _verbs(t, pl)
    kw.update(S=cap(s), s=s)
    return t.format(**kw)


def _t(item):
    return (item, []) if isinstance(item, str) else (item[0], list(item[1]))


def rel_axis(rel):
    return "lat" if rel in ("left_of", "right_of") else "ap"


FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}


def pct_text(v, rng):
    """A way of writing the percent v, every option within 15% of v; returns (text, value written)."""
    opts = []
    if v >= 1:
        opts += [(f"{v:.1f}%", round(v, 1)), (f"about {v:.1f} percent", round(v, 1)), (f"roughly {v:.1f}%", round(v, 1))]
        r = round(v)
        if r >= 1 and 0.87 <= r / v <= 1.15:
            opts += [(f"about {NUMW.get(r, str(r))} percent", float(r)), (f"around {r}%", float(r))]
    else:
        opts += [(f"{v:.2f}%", round(v, 2)), (f"about {v:.2f} percent", round(v, 2))]
        r1 = round(v, 1)
        if r1 > 0 and 0.87 <= r1 / v <= 1.15:
            opts += [(f"roughly {r1:.1f}%", r1), (f"about {r1:.1f} percent", r1)]
        if 0.44 <= v <= 0.57:
            opts.append(("about half a percent", 0.5))
    good = [o for o in opts if 0.85 <= o[1] / v <= 1.15]
    return rng.choice(good)


# ---------------------------------------------------------------------------------------------------------------
# sentence banks (templates: {S}/{s} subject, {a|b} singular|plural verb, {o} object pronoun)

SIDE_LR = ["{S} {lies|lie} on the patient's {v}.",
           "{S} {is|are} {v}-sided.",
           "{S} {sits|sit} to the patient's {v} of the midline.",
           "On the screen {s} {shows|show} up on the {img} half, which by radiological convention is the patient's {v}.",
           "{S} {is|are} off to the patient's {v}, clear of the midline.",
           "As for side, {s} {is|are} on the patient's {v}.",
           "{S} {is|are} clearly a {v}-sided structure on this slice."]
SIDE_LR_TRUE = ["I'd put {o} on the patient's {v}, not the {opp}.",
                "{S} {is|are} on the patient's {v}; nothing of {o} crosses to the {opp}."]
SIDE_LR_HEMI = ["{S} {is|are} in the {v} {hemi}.", "{S} {belongs|belong} to the {v} {hemi}."]
SIDE_BI = ["{S} {is|are} bilateral, with mask on both sides of the midline.",
           "{S} {is|are} present on both the patient's right and left.",
           "Both sides are involved, right and left.",
           "{S} {is|are} not confined to one side: there is mask on the right and on the left."]
SIDE_MID = ["{S} {sits|sit} in the midline.",
            "{S} {is|are} central left-to-right, straddling the midline.",
            "Side to side, {s} {is|are} midline, with no lean to the left or right.",
            "{S} {lies|lie} on the midline rather than off to one side."]
SIDE_LINE = {"lr": ["Side: patient's {v} (screen {img}).", "Laterality: {v}.", "Side: {V}."],
             "bilateral": ["Laterality: bilateral.", "Side: both, right and left."],
             "midline": ["Laterality: midline.", "Side: midline."]}
SIDE_LAY = {"lr": ["This is on your {v} side.", "It sits on the {v} side of your {area}.",
                   "It's on your {v}; on the screen that shows up on the {img}, because of the way scans are displayed."],
            "bilateral": ["It shows up on both sides, your left and your right.", "You have it on both sides, left and right."],
            "midline": ["It sits in the middle from side to side, not to your left or right.",
                        "It's in the centre line of your {area}, not off to one side."]}

VERT = {"LP": {"anterior": ["{S} {lies|lie} anteriorly on this slice.", "{S} {is|are} toward the front of the {area}.",
                            "Front to back, {s} {sits|sit} in the anterior part of the section.",
                            "{S} {is|are} in the front half of the slice.", "{S} {is|are} ventral on this section."],
               "posterior": ["{S} {lies|lie} posteriorly on this slice.", "{S} {is|are} toward the back of the {area}.",
                             "Front to back, {s} {sits|sit} in the posterior part of the section.",
                             "{S} {is|are} in the back half of the slice.", "{S} {sits|sit} dorsally, in the back part of the section."],
               "central": ["{S} {sits|sit} near the centre front-to-back.",
                           "{S} {is|are} roughly central in the anteroposterior direction.",
                           "Front to back, {s} {is|are} about mid-way.", "{S} {is|are} neither notably anterior nor posterior."]},
        "LI": {"superior": ["{S} {lies|lie} superiorly on this coronal image.", "{S} {is|are} in the upper part of the section.",
                            "{S} {sits|sit} above the centre of the slice.", "{S} {is|are} high in the image, in its upper half.",
                            "{S} {is|are} toward the top of this coronal image."],
               "inferior": ["{S} {lies|lie} inferiorly on this coronal image.", "{S} {is|are} in the lower part of the section.",
                            "{S} {sits|sit} below the centre of the slice.", "{S} {is|are} low in the image, in its lower half.",
                            "{S} {is|are} toward the bottom of this coronal image."],
               "central": ["{S} {sits|sit} at about mid-height on this coronal image.",
                           "{S} {is|are} roughly central top to bottom.",
                           "Craniocaudally, {s} {is|are} near the middle of the image."]}}
VERT_LINE = {"anterior": ["Position: anterior.", "AP position: anterior half."],
             "posterior": ["Position: posterior.", "AP position: posterior half."],
             "central": ["Position: central (anteroposterior).", "AP position: central."],
             "superior": ["Position: superior.", "Craniocaudal position: upper half."],
             "inferior": ["Position: inferior.", "Craniocaudal position: lower half."],
             "centralLI": ["Position: central, mid-height.", "Craniocaudal position: central."]}
VERT_LAY = {"anterior": ["It's toward the front of your {area}.", "It sits near the front of your {area}."],
            "posterior": ["It's toward the back of your {area}.", "It sits near the back of your {area}."],
            "central": ["It's about halfway between the front and the back of your {area}."],
            "superior": ["It's in the upper part of the picture.", "It sits high up on this picture."],
            "inferior": ["It's in the lower part of the picture.", "It sits low down on this picture."],
            "centralLI": ["It's around the middle of the picture, top to bottom."]}

REL = {"left_of": ["{S} {lies|lie} to the patient's left of {X}.", "Relative to {X}, {s} {is|are} further to the patient's left."],
       "right_of": ["{S} {lies|lie} to the patient's right of {X}.", "Relative to {X}, {s} {is|are} further to the patient's right."],
       "anterior_to": ["{S} {lies|lie} in front of {X}.", "{S} {is|are} anterior to {X}.", "{CX} {xlies} behind {o}."],
       "posterior_to": ["{S} {lies|lie} behind {X}.", "{S} {is|are} posterior to {X}.", "{CX} {xlies} in front of {o}."],
       "superior_to": ["{S} {lies|lie} above {X}.", "{S} {is|are} superior to {X}.", "{CX} {xis} below {o}."],
       "inferior_to": ["{S} {lies|lie} below {X}.", "{S} {is|are} inferior to {X}.", "{CX} {xsits} above {o}."]}
PLURAL_OTHERS = {"globes", "caudate heads", "amygdalae", "femoral condyles", "lateral ventricles"}
REL_WORD = {"left_of": "to the patient's left of", "right_of": "to the patient's right of", "anterior_to": "anterior to",
            "posterior_to": "posterior to", "superior_to": "above", "inferior_to": "below"}
REL_LAY = {"left_of": "to your left of", "right_of": "to your right of", "anterior_to": "in front of",
           "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}

SIZE_CLS = {"small": ["{S} {is|are} small on this slice.", "On the size scale, {s} {is|are} small.", "{S} {is|are} a small target here.",
                      "{S} {is|are} fairly small on this slice, as you'd expect."],
            "medium": ["{S} {is|are} medium-sized on this slice.", "{S} {is|are} of moderate size here.",
                       "Size-wise {s} {falls|fall} in the medium range.", "I'd call {o} medium-sized on this section."],
            "large": ["{S} {is|are} large on this slice.", "{S} {takes|take} up a large share of the section.",
                      "Size-wise, {s} {is|are} large.", "{S} {is|are} a big region here, large by area."]}
CLS_ADJ = {"small": "small", "medium": "medium-sized", "large": "large"}
SIZE_PCT = ["{S} {covers|cover} {P} of the image.", "The segmented area comes to {P} of the slice.",
            "By area, {s} {is|are} {P} of the field of view.", "The mask area is {P} of the image.",
            "{S} {accounts|account} for {P} of the image area."]
SIZE_BOTH = ["{S} {is|are} {A}, {P} of the image.", "{S} {is|are} {A}: {P} of the slice by area.",
             "At {P} of the image, {s} {is|are} {A} on this slice."]
SIZE_LINE = {"cls": ["Size: {C}.", "Size class: {C}."], "pct": ["Area: {P} of the image.", "Area fraction: {F} of the image."],
             "both": ["Size: {C} ({P} of the image).", "Area: {P} of the slice, {C} class."]}
SIZE_LAY = {"small": ["It's a small area on the picture."], "medium": ["It's a medium-sized area on the picture."],
            "large": ["It's a large area on the picture."], "pct": ["It covers {P} of the picture.",
                                                                 "It takes up {P} of the picture."]}

COUNT_ONE = ["{S} {is|are} one continuous region.", "The mask is a single connected piece.",
             "There is just one component.", "It forms a single blob on this slice.",
             "{S} {is|are} a single contiguous region."]
COUNT_N = ["The mask has {n} separate pieces.", "{S} {is|are} made up of {n} separate regions.",
           "I count {n} discrete {pcs}.", "There are {n} disconnected components.",
           "{S} {is|are} split into {n} separate {pcs}."]
COUNT_LINE = ["Components: {d}.", "Number of separate pieces: {d}.", "Count: {n} separate {pcs}."]
COUNT_LAY = {"one": ["It's all one piece.", "It's one single area."],
             "n": ["There are {n} separate spots.", "It shows up as {n} separate areas."]}

CONVENTION = {"LP": {"teach": "Remember the convention: we look up from the patient's feet, so the patient's left is on the right of the screen.",
                     "line": "(Radiological convention: patient's right displayed on the image left.)",
                     "flash": "Convention: image right = patient's left on axial slices.",
                     "lay": "Scans are shown as if you were lying down and I were looking up from your feet, so your left side appears on the right of the screen."},
              "LI": {"teach": "On coronal images we face the patient, so their right is on our left.",
                     "line": "(Coronal display: patient's right on the image left.)",
                     "flash": "Convention: on coronal images too, image right = patient's left.",
                     "lay": "Scans are shown as if you were facing me, so your left side appears on the right of the screen."}}

PLURAL = {"focus": "foci", "cavity": "cavities"}


def plural(w, n):
    return w if n == 1 else PLURAL.get(w, w + "s")


FORM = {"neuroradiology_teaching": "teach", "msk_report": "line", "student_flashcards": "flash",
        "patient_portal": "lay"}


class Ctx:
    """One conversation: plans the defect, writes the turns, keeps the ledger of whole-mask claims."""

    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.form = FORM[style]
        self.o = p["orient"]
        self.pl = p["pl"]
        self.pron, self.obj = ("they", "them") if self.pl else ("it", "it")
        self.T = {"side": facts["laterality"], "vertical": facts["vertical"], "size": facts["size_class"],
                  "pct": 100.0 * facts["area_fraction"], "count": facts["components"]}
        self.rels = [(r["other"], r["relation"]) for r in facts["relations"]]
        self.ledger, self.turns, self.cur = [], [], 0
        self.dkey = self.dval = self.place = None
        self.planted = False
        self._plan()

    # -- plan -------------------------------------------------------------------------------------------------
    def _plan(self):
        rng, d = self.rng, self.defect
        if d not in ("laterality", "position", "size", "count"):
            return
        self.place = rng.choices(["first", "user", "follow"], [0.6, 0.18, 0.22])[0]
        if d == "laterality":
            self.dkey, self.dval = "side", self.false_side()
        elif d == "position":
            if self.rels and rng.random() < 0.4:
                other, rel = rng.choice(self.rels)
                self.dkey, self.dval = f"rel:{other}:{rel_axis(rel)}", (other, FLIP[rel])
            else:
                self.dkey, self.dval = "vertical", self.false_vert()
        elif d == "size":
            if rng.random() < 0.5:
                self.dkey, self.dval = "size", ("cls", rng.choice([c for c in ("small", "medium", "large")
                                                                   if c != self.T["size"]]))
            else:
                k = rng.uniform(0.2, 0.3) if rng.random() < 0.5 else rng.uniform(3.0, 4.0)
                self.dkey, self.dval = "size", ("pct", self.T["pct"] * k)
        else:
            n = self.T["count"]
            self.dkey = "count"
            self.dval = rng.choice([2, 3]) if n == 1 else rng.choice([1, 3]) if n == 2 else rng.choice([1, n - 1, n + 1, n + 2])

    def false_side(self):
        t, r = self.T["side"], self.rng.random()
        if t in ("left", "right"):
            return OPP[t] if r < 0.75 else "midline" if r < 0.85 else "bilateral"
        return self.rng.choice(["left", "right"])

    def false_vert(self):
        t = self.T["vertical"]
        ends = ("anterior", "posterior") if self.o == "LP" else ("superior", "inferior")
        if t == "central":
            return self.rng.choice(ends)
        other = ends[1] if t == ends[0] else ends[0]
        return other if self.rng.random() < 0.8 else "central"

    # -- keys and ledger ---------------------------------------------------------------------------------------
    @staticmethod
    def kk(key, value):
        if key.startswith("rel:"):
            return f"{key}:{rel_axis(value)}"
        return "size" if key == "pct" else key

    def blocked(self, claims):
        return any(self.kk(k, v) == self.dkey for k, v in claims)

    def led(self, key, value, frag, mode="claim", planted=False):
        self.ledger.append({"turn": self.cur, "key": key, "value": value, "mode": mode, "frag": frag,
                            "planted": planted})

    def tagged(self, item, **fmt):
        """Text of a tagged item (str or (str, claims)), ledgered; None when it states the defect key."""
        text, claims = _t(item)
        if self.blocked(claims):
            return None
        text = text.format(**fmt) if fmt else text
        for k, v in claims:
            self.led(k, v, text)
        return text

    def pick_tagged(self, items, **fmt):
        items = list(items)
        self.rng.shuffle(items)
        for it in items:
            if not self.blocked(_t(it)[1]):
                return self.tagged(it, **fmt)
        return None

    # -- subjects ----------------------------------------------------------------------------------------------
    def subj(self, form):
        p, rng = self.p, self.rng
        if form == "lay":
            return rng.choice([("it", False), ("the outlined area", False), ("this part", False)])
        return rng.choice([(p["name"], self.pl), (self.pron, self.pl), ("the mask", False),
                           ("the segmented region", False), (p["short"], self.pl)])

    # -- claim sentences ---------------------------------------------------------------------------------------
    def side_text(self, v, form):
        p, rng = self.p, self.rng
        s, pl = self.subj(form)
        kind = "lr" if v in ("left", "right") else v
        if form == "lay":
            t = rng.choice(SIDE_LAY[kind])
        elif form == "line" or (form == "flash" and rng.random() < 0.5):
            t = rng.choice(SIDE_LINE[kind])
        else:
            t = rng.choice({"lr": SIDE_LR + (SIDE_LR_HEMI if p["hemi"] else []), "bilateral": SIDE_BI,
                            "midline": SIDE_MID}[kind])
        return fill(t, s, pl, v=v, V=v.capitalize(), img=OPP.get(v, ""), hemi=p["hemi"] or "", area=p["area"],
                    o=self.obj)

    def vert_text(self, v, form):
        rng = self.rng
        s, pl = self.subj(form)
        lk = "centralLI" if (v == "central" and self.o == "LI") else v
        if form == "lay":
            t = rng.choice(VERT_LAY[lk])
        elif form == "line" or (form == "flash" and rng.random() < 0.5):
            t = rng.choice(VERT_LINE[lk])
        else:
            t = rng.choice(VERT[self.o][v])
        return fill(t, s, pl, area=self.p["area"], o=self.obj)

    def rel_text(self, other, rel, form):
        s, pl = self.subj(form)
        X = "the " + other
        if form == "lay":
            return fill("{S} {sits|sit} " + REL_LAY[rel] + " {X}.", s, pl, X=X)
        if form == "line":
            return f"Relation: {REL_WORD[rel]} {X}."
        xp = other in PLURAL_OTHERS
        return fill(self.rng.choice(REL[rel]), s, pl, X=X, CX=cap(X), o=self.obj, xlies="lie" if xp else "lies",
                    xis="are" if xp else "is", xsits="sit" if xp else "sits")

    def size_text(self, sub, v, form):
        """sub: cls (v = class), pct (v = percent), both (v = (class, percent)); returns text, ledger items."""
        rng = self.rng
        s, pl = self.subj(form)
        if sub == "cls":
            t = (rng.choice(SIZE_LAY[v]) if form == "lay" else rng.choice(SIZE_LINE["cls"]) if form == "line"
                 else rng.choice(SIZE_CLS[v]))
            return fill(t, s, pl, C=v, o=self.obj), [("size", v)]
        if sub == "pct":
            P_, val = pct_text(v, rng)
            t = (rng.choice(SIZE_LAY["pct"]) if form == "lay" else rng.choice(SIZE_LINE["pct"]) if form == "line"
                 else rng.choice(SIZE_PCT))
            if "{F}" in t:
                digits = 4 if v < 1 else 3
                F_ = f"{v / 100:.{digits}f}"
                P_, val = F_, float(F_) * 100
            return fill(t, s, pl, P=P_, F=P_), [("pct", val)]
        c, pv = v
        P_, val = pct_text(pv, rng)
        if form == "lay":
            return f"{rng.choice(SIZE_LAY[c])[:-1]}, {P_} of the picture.", [("size", c), ("pct", val)]
        t = rng.choice(SIZE_LINE["both"]) if form in ("line", "flash") and rng.random() < 0.6 else rng.choice(SIZE_BOTH)
        return fill(t, s, pl, C=c, A=CLS_ADJ[c], P=P_), [("size", c), ("pct", val)]

    def count_text(self, n, form):
        rng = self.rng
        s, pl = self.subj(form)
        nw = NUMW.get(n, str(n)) if rng.random() < 0.7 else str(n)
        pcs = plural(self.p["piece"], n)
        if form == "lay":
            t = rng.choice(COUNT_LAY["one" if n == 1 else "n"])
        elif form == "line" or (form == "flash" and rng.random() < 0.5):
            t = rng.choice(COUNT_LINE)
            if n == 1 and "{n} separate" in t:
                t = "Components: {d}."
        else:
            t = rng.choice(COUNT_ONE if n == 1 else COUNT_N)
        return fill(t, s, pl, n=nw, d=n, pcs=pcs)

    def say(self, key, form, value=None, sub=None):
        """A TRUE sentence about `key` (None when `key` is the defect key). For rel, value = (other, relation)."""
        T = self.T
        if key == "side":
            if self.dkey == "side":
                return None
            v = T["side"]
            if v in ("left", "right") and form == "teach" and self.rng.random() < 0.2:
                s, pl = self.subj(form)
                txt = fill(self.rng.choice(SIDE_LR_TRUE), s, pl, v=v, opp=OPP[v], o=self.obj)
                self.led("side", v, txt)
                self.led("side", "not:" + OPP[v], txt)
                return txt
            txt = self.side_text(v, form)
            self.led("side", v, txt)
            return txt
        if key == "vertical":
            if self.dkey == "vertical":
                return None
            txt = self.vert_text(T["vertical"], form)
            self.led("vertical", T["vertical"], txt)
            return txt
        if key == "rel":
            other, rel = value
            if self.kk("rel:" + other, rel) == self.dkey:
                return None
            txt = self.rel_text(other, rel, form)
            self.led("rel:" + other, rel, txt)
            return txt
        if key == "size":
            if self.dkey == "size":
                return None
            sub = sub or self.rng.choice(["cls", "pct", "both", "both"])
            v = T["size"] if sub == "cls" else T["pct"] if sub == "pct" else (T["size"], T["pct"])
            txt, items = self.size_text(sub, v, form)
            for k, v in items:
                self.led(k, v, txt)
            return txt
        if key == "count":
            if self.dkey == "count":
                return None
            txt = self.count_text(T["count"], form)
            self.led("count", T["count"], txt)
            return txt
        raise ValueError(key)

    def plant(self, form):
        """The one FALSE sentence of a defect row."""
        k, v = self.dkey, self.dval
        self.planted = True
        if k == "side":
            txt = self.side_text(v, form)
            self.led("side", v, txt, planted=True)
        elif k == "vertical":
            txt = self.vert_text(v, form)
            self.led("vertical", v, txt, planted=True)
        elif k.startswith("rel:"):
            other, rel = v
            txt = self.rel_text(other, rel, form)
            self.led("rel:" + other, rel, txt, planted=True)
        elif k == "size":
            sub, val = v
            txt, items = self.size_text(sub, val, form)
            for kk_, vv in items:
                self.led(kk_, vv, txt, planted=True)
        else:
            txt = self.count_text(v, form)
            self.led("count", v, txt, planted=True)
        return txt

    # -- clauses for user premises and corrections ------------------------------------------------------------
    def clause(self, key, v, lay):
        """A user's clause stating key = v ('it's on the patient's left') and its ledger items."""
        k2 = key if key in ("side", "vertical", "count") else None
        if k2:
            return self._clause(key, v, lay), [(key, v)]
        if key.startswith("rel:"):
            return self._clause(key, v, lay), [(key, v[1])]
        sub, val = v
        if sub == "cls":
            return self._clause(key, v, lay), [("size", val)]
        P_, written = pct_text(val, self.rng)
        text = (f"it covers {P_} of the picture" if lay else
                self.rng.choice([f"it's {P_} of the image", f"the mask covers {P_} of the slice"]))
        return text, [("pct", written)]

    def _clause(self, key, v, lay):
        rng, p = self.rng, self.p
        if key == "side":
            if v in ("left", "right"):
                opts = ([f"it's on my {v} side"] if lay else
                        [f"it's on the patient's {v}", f"it's {v}-sided"] + ([f"it's in the {v} {p['hemi']}"] if p["hemi"] else []))
            elif v == "bilateral":
                opts = ["it's on both sides"] if lay else ["it's on both sides", "it's bilateral"]
            else:
                opts = ["it's in the middle, not to one side"] if lay else ["it's in the midline", "it sits in the midline, not off to one side"]
            return rng.choice(opts)
        if key == "vertical":
            if self.o == "LP":
                w = {"anterior": ("near the front of my {a}", ["it sits toward the front", "it's anterior on this slice"]),
                     "posterior": ("near the back of my {a}", ["it sits toward the back", "it's posterior on this slice"]),
                     "central": ("halfway between the front and back of my {a}", ["it's central front-to-back"])}[v]
            else:
                w = {"superior": ("in the upper part of the picture", ["it's high up in the image", "it's superior on this slice"]),
                     "inferior": ("in the lower part of the picture", ["it's low in the image", "it's in the lower half of the image"]),
                     "central": ("around the middle of the picture, top to bottom", ["it's at mid-height on this image"])}[v]
            return ("it's " + w[0].format(a=p["area"])) if lay else rng.choice(w[1])
        if key.startswith("rel:"):
            other, rel = v
            return f"it's {(REL_LAY if lay else REL_WORD)[rel]} the {other}"
        if key == "size":
            sub, val = v
            if sub == "cls":
                return (f"it's a {CLS_ADJ[val]} area on the picture" if lay else
                        rng.choice([f"it's {CLS_ADJ[val]} on this slice", f"it's a {CLS_ADJ[val]} region"]))
        if key == "count":
            nw = NUMW.get(v, str(v))
            if v == 1:
                return "it's just one spot" if lay else rng.choice(["it's a single piece", "it's one connected region"])
            return f"there are {nw} separate spots" if lay else rng.choice([f"there are {nw} separate pieces", f"it's in {nw} separate parts"])
        raise ValueError(key)


    # -- shared bits -------------------------------------------------------------------------------------------
    def lay_name(self):
        p = self.p
        if isinstance(p["lay"], tuple) and self.blocked(p["lay"][1]):
            return p["lay0"]
        return self.tagged(p["lay"])

    def usable_rels(self):
        return [r for r in self.rels if self.kk("rel:" + r[0], r[1]) != self.dkey]

    def know(self):
        return self.pick_tagged(self.p["know"])

    def trap(self):
        return self.pick_tagged(self.p["traps"])

    def plain_know(self):
        return self.pick_tagged([t for t in self.p["know"] if not _t(t)[1]])

    def plain_trap(self):
        """A trap that states no target fact at all (for answers that must not touch the premise)."""
        return self.pick_tagged([t for t in self.p["traps"] if not _t(t)[1]])

    def seq(self):
        return self.rng.choice(self.p["seq"])

    def combo(self):
        """A per-piece sentence (side and count together), if one is allowed."""
        return self.pick_tagged(self.p["combo"]) if self.p["combo"] else None

    def claim_block(self, keys, form, plant_here):
        """Sentences for the chosen keys (true), plus the planted one when asked; shuffled a little."""
        out = []
        for k in keys:
            if k == "rel":
                rels = self.usable_rels()
                self.rng.shuffle(rels)
                for r in rels[: self.rng.choice([1, 1, 2])]:
                    out.append(self.say("rel", form, r))
            elif k == "combo":
                out.append(self.combo())
            else:
                out.append(self.say(k, form))
        out = [x for x in out if x]
        if plant_here:
            out.insert(self.rng.randrange(len(out) + 1), self.plant(form))
        return out

    # -- first question ----------------------------------------------------------------------------------------
    def q1(self):
        p, rng, form = self.p, self.rng, self.form
        o = "them" if self.pl else "it"
        mod = p["mod"]
        plane = "axial" if self.o == "LP" else "coronal"
        story = rng.choice(p["story"])
        if self.defect == "names_target":
            nq = self.pick_tagged(p["names_q"])
            t = {"teach": [f"{nq} I'm on the {self.seq()}.", f"Quick one on this {plane} {mod}: {lc(nq)}",
                           f"{nq} Then talk me through the landmarks."],
                 "line": [f"Clinical history: {story}. {nq}", f"Referral ({mod} {p['region']}): {story}. {nq} Report with laterality."],
                 "flash": [f"Flashcard: {nq}", f"Card {rng.randint(3, 40)}. {nq}"],
                 "lay": [f"Hi doctor, {lc(nq)} I'd like to see it on my scan.", f"Hello. {nq} My report mentions it and I'm curious."]}[form]
            return rng.choice(t)
        if form == "lay":
            lay = self.pick_tagged(p["lay_q"])
            return rng.choice([f"Hi doctor, {lc(lay)} Could you outline {o} on my scan?",
                               f"{lay} Can you mark {o} on the picture?",
                               f"Hello. {lay} Please highlight {o} on my images so I can see."])
        clue = self.pick_tagged(p["clues"])
        t = {"teach": [f"{clue} I'm on the {self.seq()} of this {mod} slice; can you segment {o} and talk me through {o}?",
                       f"Before we dictate: {lc(clue)} Please segment {o}.",
                       f"Quick teaching question on this {plane} {mod}: {lc(clue)} Segment {o} for me.",
                       f"I'm scrolling the {self.seq()} here. {clue} Could you segment {o}?"],
             "line": [f"Clinical history: {story}. {clue} Please segment {o} and issue a structured report.",
                      f"Referral ({mod} {p['region']}): {story}. Request: {lc(clue)} Segment and report, with laterality.",
                      f"{cap(story)}. {clue} Segment {o}; findings and impression, please."],
             "flash": [f"Flashcard: {clue} (Segment {o} on the image.)",
                       f"Card {rng.randint(3, 40)}. Q: {clue} Segment the answer on this {mod} slice.",
                       f"Study mode: {lc(clue)} Please segment {o} and read me the back of the card."]}[form]
        return rng.choice(t)

    # -- first answer ------------------------------------------------------------------------------------------
    def a1_keys(self, topics):
        rng = self.rng
        probs = {"side": 0.85, "vertical": 0.6, "size": 0.65, "count": 0.5, "rel": 0.45}
        asked = {"side": "side", "position": "vertical", "size": "size", "count": "count", "neighbours": "rel"}
        later = {asked[t] for t in topics if t in asked}
        keys = [k for k, pr in probs.items() if rng.random() < (pr * 0.35 if k in later else pr)]
        if "rel" in keys and not self.usable_rels():
            keys.remove("rel")
        if self.p["combo"] and rng.random() < 0.35:
            keys.append("combo")
        if len(keys) < 2:
            keys += [k for k in ("size", "side", "count") if k not in keys][: 2 - len(keys)]
        rng.shuffle(keys)
        return keys

    def a1(self, keys):
        p, rng, form = self.p, self.rng, self.form
        plant_here = self.place == "first"
        name, Name = p["name"], cap(p["name"])
        if form == "teach":
            parts = [rng.choice([f"{'Those are' if self.pl else 'That is'} {name} [SEG].", f"Good question: the structure you're after is {name}, segmented here [SEG].",
                                 f"You're looking at {name} [SEG].", f"The answer is {name}; I've outlined {self.obj} for you [SEG]."])]
            if rng.random() < 0.7:
                land = self.pick_tagged(p["land"], seq=self.seq())
                if land:
                    parts.append(land)
            for c in self.claim_block(keys, "teach", plant_here):
                if rng.random() < 0.25 and ":" not in c[:14] and not c.startswith(("I ", "On the screen")):
                    c = rng.choice(["Notice that ", "You can see that ", "Note how "]) + lc(c)
                parts.append(c)
            if rng.random() < 0.4:
                parts.append(CONVENTION[self.o]["teach"])
            parts.append(self.know())
            tr = self.trap()
            if tr:
                parts.append(tr)
            lead = rng.choice(["Now a question for you: ", "Your turn: ", "Think about this: ", ""])
            ask = rng.choice(p["asks"])
            parts.append(lead + (lc(ask) if lead else ask))
            return " ".join(parts)
        if form == "line":
            lines = []
            if p["key"] in STUDY:
                lines.append(f"{STUDY[p['key']]} ({p['mod']}, {'coronal' if self.o == 'LI' else 'axial'})")
            lines += ["FINDINGS", f"Segmented structure: {Name} [SEG]."]
            keys = list(keys)
            if "side" in keys and self.dkey != "side" and rng.random() < 0.7 and self.headers_ok():
                keys.remove("side")
                lines += self.side_headers()
            lines += self.claim_block(keys, "line", plant_here)
            lines.append("Comment: " + self.know())
            if rng.random() < 0.35:
                lines.append(CONVENTION[self.o]["line"])
            lines.append("IMPRESSION")
            imp = [f"1. {Name}, segmented as shown."]
            tr = self.trap() if rng.random() < 0.6 else None
            if tr:
                imp.append(f"{len(imp) + 1}. Note: {tr}")
            imp.append(f"{len(imp) + 1}. {rng.choice(p['rec'])}")
            return "\n".join(lines + imp)
        if form == "flash":
            lines = [rng.choice([f"A: {name} [SEG]", f"Back of card: {Name} [SEG]", f"Answer: {name} [SEG]."])]
            for c in self.claim_block(keys, "flash", plant_here):
                lines.append("- " + c)
            lines.append("- Mnemonic: " + self.pick_tagged(p["mnem"]))
            lines.append("- High-yield: " + self.know())
            if rng.random() < 0.5:
                tr = self.trap()
                if tr:
                    lines.append("- Don't mix up: " + tr)
            if rng.random() < 0.4:
                lines.append("- " + CONVENTION[self.o]["flash"])
            return "\n".join(lines)
        # patient portal
        lay = self.lay_name()
        parts = [rng.choice([f"Thank you for your message. The area I've outlined on your scan [SEG] is {lay}; the medical name is {name}.",
                             f"Good question. What you're asking about is {name}, {lay}, which I've highlighted here [SEG].",
                             f"Thanks for asking. I've marked {self.obj} for you [SEG]: {'they are' if self.pl else 'it is'} {name}, {lay}."])]
        parts += self.claim_block(keys, "lay", plant_here)
        if rng.random() < 0.5:
            parts.append(CONVENTION[self.o]["lay"])
        ls = self.pick_tagged(p["lay_size"])
        if ls:
            parts.append(f"In real life {'they are' if self.pl else 'it is'} {ls}.")
        if rng.random() < 0.6:
            tr = self.trap()
            if tr:
                parts.append(rng.choice(["For what it's worth: ", "A helpful fact: ", ""]) + tr)
        parts.append(rng.choice(["Please bring any other questions to your next appointment.",
                                 "Your care team will go through the full report with you.",
                                 "I hope that helps; do write back if anything is unclear."]))
        return " ".join(parts)

    def headers_ok(self):
        return self.p["key"] not in STUDY and self.T["side"] in ("left", "right", "bilateral", "midline")

    def side_headers(self):
        p, T = self.p, self.T
        side = T["side"]
        count_ok = self.dkey != "count"
        rs = [e for e in p["ells"] if e[0] < 112]
        ls = [e for e in p["ells"] if e[0] > 143]

        def desc(n):
            return f"{NUMW[n]} {plural(p['piece'], n)}" if count_ok else "present"
        if side in ("left", "right"):
            n = len(p["ells"])
            l_neg = f"{OPP[side].upper()}: no component of the mask."
            l_pos = f"{side.upper()}: {p['short']}, {desc(n)}."
            self.led("side", "not:" + OPP[side], l_neg)
            self.led("side", side, l_pos)
            if count_ok:
                self.led("count", n, l_pos)
            return [l_neg, l_pos] if side == "left" else [l_pos, l_neg]
        if side == "bilateral":
            a, b = f"RIGHT: {desc(len(rs))}.", f"LEFT: {desc(len(ls))}."
            self.led("side", "bilateral", a)
            if count_ok:
                self.led("count", len(rs) + len(ls), b)
            return [a, b]
        a, b = f"MIDLINE: {p['short']}, centred on the midline.", "RIGHT / LEFT: no separate lateral component."
        self.led("side", "midline", a)
        return [a, b]

    # -- follow-ups ----------------------------------------------------------------------------------------------
    def pick_topics(self, n):
        rng = self.rng
        pool = ["side", "position", "size", "count", "neighbours", "summary", "knowledge"]
        if not self.usable_rels():
            pool.remove("neighbours")
        dtopic = {"side": "side", "vertical": "position", "size": "size", "count": "count"}.get(self.dkey)
        if self.dkey and self.dkey.startswith("rel:"):
            dtopic = "neighbours" if len(self.usable_rels()) == 0 else None
        if dtopic in pool:
            pool.remove(dtopic)
        rng.shuffle(pool)
        extra = []
        if self.defect is None or self.defect == "names_target":
            if rng.random() < 0.4:
                extra.append("correction")
            if rng.random() < 0.25:
                extra.append("premise_true")
        elif rng.random() < 0.12:
            extra.append("correction")
        topics = extra + pool
        topics = topics[:n]
        if self.place in ("user", "follow"):
            topics = topics[: n - 1]
            topics.insert(rng.randrange(len(topics) + 1), "plant_" + self.place)
        return topics

    def ask(self, topic):
        """The user's question for a plain topic."""
        rng, form, o = self.rng, self.form, self.o
        Q = {"side": {"teach": ["Which side is it on, and how do you keep the convention straight?", "Left or right? I always get muddled on these images."],
                      "line": ["Please confirm laterality for the report.", "Laterality?"],
                      "flash": ["Next card: which side?", "Q: left, right, midline or both?"],
                      "lay": ["Is it on my left or my right?", "Which side of my body is that on?"]},
             "position": {"teach": ["Is it anterior or posterior on this slice?", "Where does it sit front to back?"] if o == "LP" else
                          ["Is it high or low on this coronal image?", "Where is it top to bottom?"],
                          "line": ["Position within the slice?"],
                          "flash": ["Q: where in the slice does it sit?"],
                          "lay": ["Is it near the front or the back?"] if o == "LP" else ["Is it in the upper or lower part of the picture?"]},
             "size": {"teach": ["How big is the segmented area on this slice?", "What's the area as a share of the image?"],
                      "line": ["Size, please (area fraction)."], "flash": ["Q: size class and area?"],
                      "lay": ["How big is it on the picture?", "Is it big?"]},
             "count": {"teach": ["How many separate pieces did you segment?", "Is it one region or several?"],
                       "line": ["Number of components?"], "flash": ["Q: how many separate parts on this slice?"],
                       "lay": ["Is it one spot or more than one?"]},
             "neighbours": {"teach": ["What is it next to on this slice?", "How does it relate to the structures around it?"],
                            "line": ["Relations to adjacent structures?"], "flash": ["Q: neighbours?"],
                            "lay": ["What's around it?"]},
             "summary": {"teach": ["Can you summarise for my notes?", "Give me the one-line impression."],
                         "line": ["Please summarise in one line."], "flash": ["Summarise the card in one line."],
                         "lay": ["Could you sum that up in simple words?"]},
             "knowledge": {"teach": ["What's the clinical relevance?", "What should I know about it for the exam?"],
                           "line": ["Any clinical comment?"], "flash": ["Q: high-yield facts?"],
                           "lay": ["What does that part do?"]}}
        return rng.choice(Q[topic][form])

    def lead(self):
        return self.rng.choice({"teach": ["Good question.", "Look at the image again.", "Right.", "Let's be precise."],
                                "line": ["ADDENDUM:", "Clarification:"], "flash": ["A:", "Back:"],
                                "lay": ["Good question.", "Of course.", "Happy to explain."]}[self.form])

    def join(self, parts):
        return ("\n" if self.form == "line" else " ").join(x for x in parts if x)

    def answer(self, topic, plant=False):
        """Assistant's answer to a plain topic; with plant=True the false sentence goes in it."""
        rng, form = self.rng, self.form
        parts = [self.lead()]
        if topic == "side":
            parts += self.claim_block(["side"], form, plant)
            if rng.random() < 0.6:
                parts.append(CONVENTION[self.o][{"teach": "teach", "line": "line", "flash": "flash", "lay": "lay"}[form]])
        elif topic == "position":
            keys = ["vertical"] + (["rel"] if self.usable_rels() and rng.random() < 0.5 else [])
            parts += self.claim_block(keys, form, plant)
        elif topic == "size":
            parts += self.claim_block(["size"], form, plant)
            if form == "lay":
                ls = self.pick_tagged(self.p["lay_size"])
                parts.append(f"In real life {'they are' if self.pl else 'it is'} {ls}." if ls else None)
        elif topic == "count":
            keys = ["count"] + (["combo"] if self.p["combo"] and rng.random() < 0.5 else [])
            parts += self.claim_block(keys, form, plant)
        elif topic == "neighbours":
            parts += self.claim_block(["rel"], form, plant)
            tr = self.trap() if rng.random() < 0.5 else None
            parts.append(tr)
        elif topic == "summary":
            keys = [k for k in ("side", "vertical", "size", "count") if rng.random() < 0.8]
            if self.usable_rels() and rng.random() < 0.4:
                keys.append("rel")
            if not keys:
                keys = ["side"]
            parts += self.claim_block(keys, form, plant)
        else:  # knowledge
            parts += [self.know(), self.trap()]
        if len([x for x in parts if x]) <= 1:
            parts.append(self.know())
        return self.join(parts)

    def tail(self):
        """A follow-on question that needs no whole-mask fact, and its answer."""
        rng, p = self.rng, self.p
        opts = {"teach": [("what would you add to the protocol?", lambda: rng.choice(p["rec"])),
                          ("what's the main teaching point?", lambda: self.plain_know()),
                          ("what's the key differential or pitfall?", lambda: self.plain_trap() or self.plain_know())],
                "line": [("does that change the impression?", lambda: "No change to the impression. " + rng.choice(p["rec"])),
                         ("any recommendation?", lambda: "Recommendation: " + rng.choice(p["rec"]))],
                "flash": [("what's the mnemonic?", lambda: "Mnemonic: " + self.pick_tagged([t for t in p["mnem"] if not _t(t)[1]])),
                          ("what's the high-yield fact?", lambda: "High-yield: " + self.plain_know())],
                "lay": [("is that something to worry about?", lambda: "On its own that doesn't tell us anything worrying; your doctor will put it together with your symptoms. " + (self.plain_trap() or "")),
                        ("what does that part do?", lambda: self.plain_know())]}[self.form]
        return rng.choice(opts)

    def premise_turn(self, key, value, plant):
        """User: 'Since <clause>, <tail>?'; assistant answers the tail without touching <key>."""
        rng = self.rng
        lay = self.form == "lay"
        text, claims = self.clause(key, value, lay)
        q, ans = self.tail()
        u = rng.choice([f"Since {text}, {q}", f"Given that {text}, {q}", f"OK, so {text}. {cap(q)}",
                        f"So {text}; {q}"])
        for k, v in claims:
            self.led(k, v, text, mode="premise", planted=plant)
        if plant:
            self.planted = True
        ack = {"teach": ["Yes.", "Right.", "Sure.", "Good point."], "line": ["Noted.", "Understood."],
               "flash": ["Sure.", "OK.", "Right."], "lay": ["I understand.", "Good question.", "Thanks for asking."]}[self.form]
        return u, lambda: self.join([rng.choice(ack), ans()])

    def correction_turn(self):
        """User states a wrong value of a fact (never the defect key); assistant corrects it explicitly."""
        rng, T = self.rng, self.T
        keys = [k for k in ("side", "vertical", "size", "count") if k != self.dkey]
        key = rng.choice(keys)
        if key == "side":
            wrong = self.false_side()
        elif key == "vertical":
            wrong = self.false_vert()
        elif key == "size":
            wrong = ("cls", rng.choice([c for c in ("small", "medium", "large") if c != T["size"]]))
        else:
            n = T["count"]
            wrong = 2 if n == 1 else 1
        lay = self.form == "lay"
        text, claims = self.clause(key, wrong, lay)
        u = rng.choice({"teach": [f"I had it down that {text}. Is that right?", f"My first read was that {text}."],
                        "line": [f"The request form says {text}. Please check.", f"The referrer thinks {text}."],
                        "flash": [f"My card says {text}. Correct?", f"I wrote that {text}. Right?"],
                        "lay": [f"I thought {text}?", f"My friend said {text}. Is that true?"]}[self.form])
        for k, v in claims:
            self.led(k, v, text, mode="corrected")

        def ans():
            parts = [rng.choice(["No, that's not right.", "Not quite.", "Actually, no.", "That's a common slip, but no."])]
            parts.append(self.say(key, self.form, sub="cls" if key == "size" else None))
            if key == "side":
                parts.append(CONVENTION[self.o]["lay" if lay else "teach"])
            return self.join(parts)
        return u, ans

    def followup(self, topic):
        if topic == "plant_user":
            return self.premise_turn(self.dkey if not self.dkey.startswith("rel:") else "rel:" + self.dval[0],
                                     self._plant_value(), plant=True)
        if topic == "premise_true":
            keys = [k for k in ("side", "vertical", "count", "size") if k != self.dkey]
            k = self.rng.choice(keys)
            v = ("cls", self.T["size"]) if k == "size" else self.T[k]
            return self.premise_turn(k, v, plant=False)
        if topic == "correction":
            return self.correction_turn()
        if topic == "plant_follow":
            t = {"side": "side", "vertical": "position", "size": "size", "count": "count"}.get(self.dkey, "neighbours")
            if self.rng.random() < 0.3:
                t = "summary"
            if t == "summary" and self.dkey.startswith("rel:"):
                t = "neighbours"
            return self.ask(t) if t != "neighbours" else self.ask("neighbours"), lambda: self.answer_plant(t)
        return self.ask(topic), lambda: self.answer(topic)

    def answer_plant(self, t):
        """A follow-up answer that holds the planted sentence (for rel: the neighbours answer)."""
        if t == "neighbours":
            rng = self.rng
            parts = [self.lead()]
            parts += self.claim_block(["rel"] if self.usable_rels() else [], self.form, True)
            return self.join(parts)
        return self.answer(t, plant=True)

    def _plant_value(self):
        k, v = self.dkey, self.dval
        if k.startswith("rel:"):
            return v
        return v

    # -- run -----------------------------------------------------------------------------------------------------
    def run(self):
        rng = self.rng
        n_follow = rng.choice([1, 2, 2])
        topics = self.pick_topics(n_follow)
        keys = self.a1_keys(topics)
        if self.place == "first":
            dk = "rel" if self.dkey.startswith("rel:") else self.dkey
            keys = [k for k in keys if k != dk]
        elif self.dkey:
            dk = "rel" if self.dkey.startswith("rel:") else self.dkey
        self.cur = 0
        self.turns.append({"role": "user", "content": self.q1()})
        self.cur = 1
        self.turns.append({"role": "assistant", "content": self.a1(keys)})
        for t in topics:
            self.cur = len(self.turns)
            u, a = self.followup(t)
            self.turns.append({"role": "user", "content": u})
            self.cur = len(self.turns)
            self.turns.append({"role": "assistant", "content": a()})
        return self.turns


STUDY = {"mm": "RIGHT KNEE", "menisci": "RIGHT KNEE", "pat": "LEFT KNEE", "hh": "RIGHT SHOULDER", "femur_r": "BOTH THIGHS"}


def _defect_ok(c):
    return c.defect not in ("laterality", "position", "size", "count") or c.planted


def build(p, facts, style, rng, defect):
    c = Ctx(p, facts, style, rng, defect)
    turns = c.run()
    if not _defect_ok(c):
        raise RuntimeError(f"defect {defect} not planted for {p['key']}")
    LEDGER.append({"profile": p["key"], "style": style, "defect": defect, "place": c.place, "dkey": c.dkey,
                   "claims": c.ledger})
    return turns, ([defect] if defect else [])
