"""Bank GU: image quality, artefacts and windowing talk around the segmented target.

Streaks from a left hip prosthesis, the Hounsfield bar between the petrous bones, dental-filling streaks
and susceptibility, breathing and cardiac motion, partial volume at an edge, window width/level, slice
thickness, kVp/mAs, contrast timing and noise in HU: the artefacts and the equipment carry their own
sides, sizes and numbers, which are not the target's. Four registers: a medical physicist explaining
to a radiologist (`physicist`), a CT radiographers' shift-handover chat (`handover`), a radiologist's
frank second read of what is real and what is artefact (`second_read`), and a chat LLM answering a
curious student in markdown (`student_md`). Written blind (helper qcgu), without reading any QC rule.

Own check (/work/notes/qcgu_scripts/check_gu.py, seed 20261330):
rows 420, clean 210, targets 25, claims 2332; defects laterality 42, position 42, size 42, count 42, names_target 42;
false claim in first 56, follow 60, premise 52; problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

# ---------------------------------------------------------------------------------------------------
# targets

_ART_REGION = {"hip": "pelvis", "petrous": "head", "dental_ct": "head and neck", "dental_mr": "brain",
               "motion": "thorax", "pv": "abdomen", "coronal": "abdomen"}


def _P(target, name, short, art, orient, blobs, keys, clues, gk, unit=("piece", "pieces"), pl=False,
       others=None, modality="CT", k=None):
    return {"target": target, "name": name, "short": short, "art": art, "orientation": orient, "blobs": blobs,
            "keys": keys, "clues": clues, "gk": gk, "unit": unit, "pl": pl, "others": others or {},
            "modality": modality, "k": k}


PROFILES = [
    _P("right femoral head", "the right femoral head", "the femoral head", "hip", "LP",
       [(0.30, 0.60, 0.07, 0.07)], ["femoral head"],
       ["is the ball of the native joint, the one the orthopaedic team want to compare with the replaced side",
        "would collapse first in avascular necrosis on the side that still has its own joint",
        "carries the body's weight through the unoperated hip"],
       ["About one in ten hip replacements end up with a revision within twenty years, so comparison with the "
        "native side matters.", "Avascular necrosis is bilateral in roughly half of the patients who get it."],
       others={"urinary bladder": (0.50, 0.40)}),
    _P("urinary bladder", "the urinary bladder", "the bladder", "hip", "LP",
       [(0.50, 0.38, 0.12, 0.09)], ["bladder"],
       ["stores urine between voids", "we ask the patient to fill before a pelvic scan",
        "would show the layering of excreted contrast on a delayed phase"],
       ["A comfortably full adult one holds around 400 to 500 mL.",
        "Its wall should be under about 3 mm thick when distended."],
       unit=("region", "regions"), others={"rectum": (0.50, 0.68)}),
    _P("right external iliac lymph nodes", "the right external iliac lymph nodes", "the nodes", "hip", "LP",
       [(0.30, 0.36, 0.022, 0.022), (0.255, 0.425, 0.022, 0.022), (0.345, 0.43, 0.02, 0.02)], ["lymph node", "node"],
       ["are the enlarged drainage stations along the vessels to the leg on the unoperated side",
        "are the small bean-shaped deposits the oncologist wants measured for staging",
        "would be sampled at a pelvic lymphadenectomy for this cervical cancer"],
       ["A short axis over 10 mm is the usual size cut-off for calling one of these enlarged.",
        "Cervical cancer spreads to the pelvic stations before the para-aortic ones in most patients."],
       unit=("node", "nodes"), pl=True, others={"urinary bladder": (0.50, 0.40)}, k=(2, 3)),
    _P("pons", "the pons", "the pons", "petrous", "LP",
       [(0.50, 0.60, 0.075, 0.06)], ["pons", "brainstem", "brain stem"],
       ["a basilar artery thrombosis would infarct, leaving someone locked in",
        "carries the nuclei of the sixth and seventh cranial nerves",
        "is where central pontine myelinolysis strikes after too-rapid sodium correction"],
       ["The abducens nerve has the longest intracranial course of any cranial nerve, which is why a sixth "
        "nerve palsy is such a poor localiser.", "Posterior circulation strokes are about one in five of all "
        "ischaemic strokes."],
       unit=("region", "regions"), others={"fourth ventricle": (0.50, 0.71)}),
    _P("left cerebellar haemorrhage", "the left cerebellar haemorrhage", "the haemorrhage", "petrous", "LP",
       [(0.61, 0.73, 0.05, 0.04)], ["haemorrhage", "hemorrhage", "bleed", "haematoma", "hematoma"],
       ["explains her sudden vertigo, ataxia and vomiting",
        "is the acute abnormality the neurosurgeons will want measured, since a diameter over 3 cm is often "
        "an indication to evacuate", "is the new high-density lesion behind this hypertensive man's collapse"],
       ["A cerebellar bleed over 3 cm across, or one compressing the fourth ventricle, usually goes to "
        "surgery.", "Hypertension accounts for most spontaneous bleeds in this part of the brain."],
       unit=("focus", "foci"), others={"pons": (0.50, 0.60)}),
    _P("bilateral chronic subdural haematomas", "the bilateral chronic subdural haematomas",
       "the subdural collections", "petrous", "LP",
       [(0.17, 0.47, 0.03, 0.16), (0.83, 0.47, 0.03, 0.16)], ["subdural", "haematoma", "hematoma"],
       ["explain an elderly man's confusion after several falls on apixaban",
        "are the low-density crescents the neurosurgical registrar wants to see before deciding on burr holes",
        "are the extra-axial collections behind this slowly progressive headache in an 80-year-old"],
       ["About a fifth of chronic collections of this kind are bilateral.",
        "Recurrence after burr-hole drainage runs at roughly 10 to 20 per cent."],
       unit=("collection", "collections"), pl=True),
    _P("right temporal lobe contusions", "the right temporal lobe contusions", "the contusions", "petrous", "LP",
       [(0.30, 0.37, 0.025, 0.025), (0.27, 0.45, 0.025, 0.025), (0.345, 0.30, 0.022, 0.022)], ["contusion"],
       ["are the brain injuries under the side he struck on the kerb",
        "are the haemorrhagic bruises that tend to blossom on the 24-hour scan",
        "are the coup injuries the trauma team asked about"],
       ["Bruises of this kind often grow on the repeat scan in the first day, so the follow-up at 24 hours "
        "matters.", "The temporal poles and orbitofrontal surfaces are the classic sites because they sit "
        "against rough bone."],
       unit=("contusion", "contusions"), pl=True, k=(2, 3)),
    _P("oropharyngeal tumour", "the oropharyngeal tumour", "the tumour", "dental_ct", "LP",
       [(0.585, 0.50, 0.075, 0.06)], ["tumour", "tumor", "carcinoma", "cancer", "oropharyn", "mass"],
       ["explains his six months of sore throat and referred ear pain",
        "is the primary the head and neck MDT want contoured for radiotherapy planning",
        "is the lesion behind the HPV-positive neck node"],
       ["HPV-positive disease now makes up well over half of these primaries in many Western series.",
        "Ipsilateral nodal spread is present at diagnosis in most patients."],
       unit=("mass", "masses"), others={"mandible": (0.50, 0.30)}),
    _P("submandibular glands", "the submandibular glands", "the glands", "dental_ct", "LP",
       [(0.33, 0.40, 0.055, 0.045), (0.67, 0.40, 0.055, 0.045)], ["submandibular", "salivary", "gland"],
       ["swell painfully at mealtimes when a duct stone blocks them",
        "produce most of the unstimulated saliva",
        "drain through Wharton's duct"],
       ["About 80 per cent of salivary stones form in this pair rather than the parotids.",
        "Wharton's duct is around 5 cm long."],
       unit=("piece", "pieces"), pl=True),
    _P("right cervical lymph nodes", "the right cervical lymph nodes", "the nodes", "dental_ct", "LP",
       [(0.25, 0.55, 0.024, 0.024), (0.29, 0.635, 0.024, 0.024), (0.20, 0.63, 0.022, 0.022)],
       ["lymph node", "node"],
       ["are the metastatic deposits the surgeon wants mapped before the neck dissection",
        "are the necrotic deposits from this patient's tonsil primary",
        "are the enlarged drainage stations that made the GP refer him"],
       ["Level II is the commonest station for oropharyngeal spread.",
        "A short axis over about 10 mm, or central necrosis at any size, is suspicious."],
       unit=("node", "nodes"), pl=True, k=(2, 3)),
    _P("tongue base", "the tongue base", "the tongue base", "dental_ct", "LP",
       [(0.50, 0.40, 0.09, 0.06)], ["tongue"],
       ["falls back and narrows the airway in obstructive sleep apnoea",
        "holds the lingual tonsil", "is the back third of the organ of taste, with its own glossopharyngeal "
        "sensory supply"],
       ["The circumvallate papillae, about eight to twelve of them, mark the boundary with the oral part.",
        "Lingual tonsil hypertrophy is a recognised cause of difficult intubation."],
       unit=("region", "regions")),
    _P("right vestibular schwannoma", "the right vestibular schwannoma", "the schwannoma", "dental_mr", "RP",
       [(0.63, 0.60, 0.035, 0.03)], ["schwannoma", "neuroma", "vestibular"],
       ["explains her one-sided hearing loss and tinnitus",
        "is the enhancing lesion the ENT team were looking for in this patient with asymmetric hearing",
        "is the lesion behind the asymmetric sensorineural hearing loss on her audiogram"],
       ["Tumours of this kind grow on average only a millimetre or two a year, which is why many are watched.",
        "Bilateral ones are the hallmark of neurofibromatosis type 2."],
       unit=("lesion", "lesions"), modality="MR", others={"pons": (0.50, 0.58)}),
    _P("left frontal lobe metastases", "the left frontal lobe metastases", "the metastases", "dental_mr", "RP",
       [(0.35, 0.22, 0.02, 0.02), (0.29, 0.30, 0.02, 0.02), (0.41, 0.29, 0.018, 0.018), (0.35, 0.37, 0.02, 0.02)],
       ["metasta", "frontal"],
       ["explain the new seizures in this patient with known lung cancer",
        "are the enhancing deposits the oncologist wants counted before stereotactic radiosurgery",
        "are the ring-enhancing lesions that appeared since the staging scan"],
       ["Stereotactic radiosurgery is usually offered when there are up to about four to ten of these.",
        "Lung, breast and melanoma are the commonest primaries to seed the brain."],
       unit=("deposit", "deposits"), pl=True, modality="MR", k=(2, 4)),
    _P("pituitary macroadenoma", "the pituitary macroadenoma", "the adenoma", "dental_mr", "LI",
       [(0.50, 0.60, 0.05, 0.045)], ["pituitary", "adenoma"],
       ["explains her bitemporal hemianopia", "is pressing up on the optic chiasm",
        "explains the high prolactin and the headaches"],
       ["Anything over 10 mm across earns the 'macro' prefix.",
        "Prolactinomas are the commonest functioning type, and most shrink on cabergoline."],
       unit=("mass", "masses"), modality="MR", others={"optic chiasm": (0.50, 0.50)}),
    _P("left pleural effusion", "the left pleural effusion", "the effusion", "motion", "LP",
       [(0.73, 0.70, 0.12, 0.07)], ["effusion", "pleural"],
       ["explains the stony dull percussion note at one base",
        "is the fluid the respiratory team want to tap",
        "accounts for the blunted costophrenic angle on yesterday's chest film"],
       ["On an erect chest film you need roughly 200 mL before the costophrenic angle blunts.",
        "Light's criteria separate exudates from transudates."],
       unit=("collection", "collections"), others={"heart": (0.56, 0.45)}),
    _P("heart", "the heart", "the heart", "motion", "LP",
       [(0.58, 0.45, 0.17, 0.14)], ["heart", "cardiac", "cardio"],
       ["pumps the blood round the body", "is enlarged in this patient with long-standing hypertension",
        "we gate to with ECG triggering when we want sharp coronary images"],
       ["A cardiothoracic ratio over 0.5 on a PA chest film is the classic threshold for enlargement.",
        "The apex normally points to the left; dextrocardia affects about one in 12,000 people."],
       unit=("region", "regions"), others={"descending thoracic aorta": (0.59, 0.70)}),
    _P("descending thoracic aorta", "the descending thoracic aorta", "the descending aorta", "motion", "LP",
       [(0.595, 0.69, 0.035, 0.035)], ["aorta", "aortic"],
       ["carries blood down from the arch towards the diaphragm",
        "is the vessel a type B dissection involves",
        "runs beside the spine in the back of the chest carrying oxygenated blood towards the abdomen"],
       ["A diameter over about 4 cm in this segment is usually called aneurysmal.",
        "A right-sided arch turns up in roughly 0.1 per cent of people."],
       unit=("vessel", "vessels"), others={"heart": (0.57, 0.45)}),
    _P("right lower lobe pulmonary nodules", "the right lower lobe pulmonary nodules", "the nodules", "motion",
       "LP", [(0.27, 0.66, 0.016, 0.016), (0.33, 0.71, 0.015, 0.015), (0.24, 0.74, 0.016, 0.016),
              (0.31, 0.62, 0.014, 0.014)], ["nodule", "lower lobe"],
       ["are the lesions the oncologist wants tracked on surveillance in this ex-smoker",
        "are what the Fleischner follow-up is about",
        "are the small round opacities that were reported as possible metastases"],
       ["Under the Fleischner guidance a solid lesion under 6 mm in a low-risk patient needs no routine "
        "follow-up.", "Volume doubling time over about 400 days argues against malignancy."],
       unit=("nodule", "nodules"), pl=True, k=(2, 4)),
    _P("liver", "the liver", "the liver", "pv", "LP",
       [(0.31, 0.47, 0.19, 0.17)], ["liver", "hepat"],
       ["makes bile and clears ammonia", "stores glycogen and makes albumin",
        "fails in paracetamol overdose"],
       ["Its right lobe is normally about six times the volume of the left.",
        "It gets roughly 75 per cent of its blood from the portal vein."],
       unit=("region", "regions"), others={"spleen": (0.77, 0.55)}),
    _P("spleen", "the spleen", "the spleen", "pv", "LP",
       [(0.77, 0.62, 0.08, 0.10)], ["spleen", "splen"],
       ["filters old red cells out of the circulation", "ruptures after a blow to the lower ribs in contact sport",
        "enlarges in glandular fever"],
       ["A craniocaudal length over about 13 cm is the usual cut-off for enlargement.",
        "Accessory ones turn up in roughly one in ten people."],
       unit=("region", "regions"), others={"liver": (0.31, 0.44)}),
    _P("kidneys", "both kidneys", "the kidneys", "pv", "LP",
       [(0.33, 0.62, 0.055, 0.08), (0.67, 0.62, 0.055, 0.08)], ["kidney", "renal"],
       ["filter the blood to make urine", "set the eGFR that decides whether we can give contrast",
        "secrete erythropoietin"],
       ["The left one usually sits a centimetre or two higher than the right.",
        "Each is normally about 10 to 12 cm long."],
       unit=("piece", "pieces"), pl=True),
    _P("left adrenal nodule", "the left adrenal nodule", "the nodule", "pv", "LP",
       [(0.625, 0.50, 0.02, 0.02)], ["adrenal", "incidentaloma", "nodule"],
       ["might explain the patient's hypertension if it turned out to secrete aldosterone",
        "is the incidental finding that needs a washout protocol",
        "the endocrinologists want characterised with unenhanced attenuation"],
       ["An unenhanced attenuation of 10 HU or less is the classic marker of a lipid-rich adenoma.",
        "Incidental lesions of this kind turn up on roughly 3 to 5 per cent of abdominal CTs."],
       unit=("lesion", "lesions"), others={"aorta": (0.53, 0.58)}),
    _P("liver metastases", "the liver metastases", "the metastases", "pv", "LP",
       [(0.24, 0.46, 0.022, 0.022), (0.36, 0.46, 0.024, 0.024), (0.30, 0.54, 0.022, 0.022),
        (0.20, 0.52, 0.02, 0.02), (0.38, 0.52, 0.02, 0.02)], ["metasta", "liver", "hepat"],
       ["explain the rising CEA two years after this colon resection",
        "are the hypodense deposits the surgeons need counted before deciding on resection",
        "are the new lesions the oncologist is asking about"],
       ["Colorectal cancer is the primary in a large share of patients who end up with resectable deposits "
        "of this kind.", "Portal venous phase at about 70 seconds is the standard for hypovascular deposits."],
       unit=("deposit", "deposits"), pl=True, k=(2, 5)),
    _P("left psoas abscess", "the left psoas abscess", "the abscess", "coronal", "LI",
       [(0.59, 0.64, 0.045, 0.10)], ["psoas", "abscess", "collection"],
       ["explains the fever, back pain and flexed hip in this injecting drug user",
        "is what the interventional team want to drain",
        "explains the pain on hip extension"],
       ["Staphylococcus aureus causes most primary ones.",
        "Secondary ones often come from Crohn's disease or a vertebral infection."],
       unit=("collection", "collections")),
    _P("right kidney", "the right kidney", "the kidney", "coronal", "LI",
       [(0.36, 0.42, 0.06, 0.10)], ["kidney", "renal"],
       ["filters blood and has the hydronephrosis the urologists are worried about",
        "is dilated above the obstructing ureteric stone",
        "the urologists want measured before the pyeloplasty"],
       ["The left one usually sits a little higher than the right because the liver pushes the right down.",
        "Normal length is about 10 to 12 cm."],
       unit=("region", "regions"), others={"liver": (0.33, 0.30)}),
]


def record_for(p):
    return {"modality": p["modality"], "body_region": _ART_REGION[p["art"]], "orientation": p["orientation"]}


LAST = {}  # the last mask drawn (for the bank's own checker only; it never changes the rows)


def facts_for(p, rng):
    size = rng.choice((256, 256, 320, 384))
    h = w = size
    yy, xx = np.mgrid[0:h, 0:w]
    blobs = list(p["blobs"])
    if p["k"]:
        n = rng.randint(p["k"][0], p["k"][1])
        order = list(range(len(blobs)))
        rng.shuffle(order)
        blobs = [blobs[j] for j in sorted(order[:n])]
    mask = np.zeros((h, w), bool)
    for cx, cy, rx, ry in blobs:
        cx += rng.uniform(-0.006, 0.006)
        cy += rng.uniform(-0.006, 0.006)
        f = rng.uniform(0.95, 1.05)
        mask |= ((xx - cx * (w - 1)) / (rx * f * w)) ** 2 + ((yy - cy * (h - 1)) / (ry * f * h)) ** 2 <= 1.0
    others = {k: (v[0] + rng.uniform(-0.005, 0.005), v[1] + rng.uniform(-0.005, 0.005))
              for k, v in p["others"].items()}
    LAST.clear()
    LAST.update(mask=mask, others=others, orientation=p["orientation"])
    return compute_facts(mask, p["orientation"], others).model_dump(mode="json")


# ---------------------------------------------------------------------------------------------------
# artefact and equipment talk: its own sides, sizes and numbers, none of them the target's

ART = {
    "hip": {
        "ctx": ["the patient has a left total hip replacement and the pelvis is full of streaks",
                "a metal-on-polyethylene left hip is in the field and the streaks are wrecking the pelvis",
                "the left hip prosthesis is throwing dark bands right across the pelvis"],
        "expl": ["The dark bands are photon starvation: along rays through the left prosthesis almost no photons "
                 "reach the detector, and filtered back projection turns that missing data into dark streaks "
                 "with bright ones alongside.",
                 "Beam hardening adds to it; the metal strips out the soft photons, so rays that cross it look "
                 "less attenuating than they should.",
                 "The worst streaks run along the line joining the two hips, because that is the longest metal "
                 "path the beam sees.",
                 "Metal artefact reduction (iMAR on the Siemens, O-MAR on the Philips) re-interpolates the "
                 "corrupted projections and recovers most soft tissue, but it can invent structure next to the "
                 "cup, so read the uncorrected series beside it."],
        "num": ["We scanned at 140 kVp and 350 mAs to push more photons through the metal.",
                "For soft tissue use W:400 L:40; for the bone-cement interface widen to W:3000 L:800.",
                "The slices are 1.25 mm, with a 3 mm soft-tissue reconstruction on top.",
                "Noise in an ROI beside the cup was 45 HU on the plain reconstruction and 18 HU after iMAR.",
                "A dual-energy 130 keV virtual monoenergetic set would cut the streaks further."],
        "terse": ["streaks off the L hip are worst at cup level",
                  "iMAR recon is in the series list, uncorrected set kept too",
                  "dark band across the pelvis = photon starvation, not pathology",
                  "ran it at 140 kVp / 350 mAs because of the metal"],
    },
    "petrous": {
        "ctx": ["the posterior fossa has that dark band between the petrous bones",
                "there's a Hounsfield bar across the back of the head on the non-contrast scan",
                "beam hardening between the petrous ridges is muddying the posterior fossa"],
        "expl": ["The dark band between the petrous bones is beam hardening: dense bone soaks up the soft photons, "
                 "the beam that gets through is harder, and the reconstruction reads it as lower attenuation. "
                 "That is the classic Hounsfield bar.",
                 "The scanner's water correction handles soft-tissue hardening; the second-pass bone correction "
                 "helps, but in the posterior fossa it never removes the bar completely.",
                 "Because the bar follows the line between the two petrous ridges, it lies across the whole "
                 "posterior fossa rather than on one side of it.",
                 "Streaks from the internal occipital protuberance add a second, smaller band further back."],
        "num": ["We used 120 kVp, 300 mAs and 1.25 mm slices.",
                "Brain window is W:80 L:40; a posterior fossa window of W:150 L:40, or a subdural window of "
                "W:200 L:75, helps here.",
                "Noise in the cerebellar white matter measured about 5 HU.",
                "Tilting the gantry about 15 degrees to the orbitomeatal line keeps the lenses out and shortens "
                "the bone path."],
        "terse": ["hounsfield bar across the post fossa as usual",
                  "dark streak between the petrous ridges is artefact",
                  "gantry tilted ~15 deg off OML",
                  "120 kVp, 1.25 mm, W80 L40 on the default"],
    },
    "dental_ct": {
        "ctx": ["amalgam fillings are throwing streaks across the oral cavity",
                "the dental work is smearing streaks right through the level of interest",
                "there are two big fillings in the right upper molars and a crown on the left, and the streaks "
                "wipe out that level"],
        "expl": ["Dental amalgam is far denser than bone, so you get the same photon starvation and beam "
                 "hardening as with a hip prosthesis, in a fan centred on the teeth.",
                 "Angling the gantry parallel to the hard palate, or a second pass with the chin tucked, moves the "
                 "streaks off the level of interest.",
                 "Metal artefact reduction helps with the dark bands but can blur edges close to the teeth.",
                 "The crown on the left lower molar throws the single worst streak, straight across the "
                 "oropharynx."],
        "num": ["Soft-tissue window W:350 L:50; the streaks are clearer at W:2000 L:500.",
                "We ran 120 kVp, 200 mAs, 1.25 mm slices, contrast at 60 seconds.",
                "Right next to the crowns the attenuation error is over 300 HU.",
                "Noise in the parapharyngeal fat is around 12 HU away from the metal."],
        "terse": ["fillings streaking as usual, did a 2nd angled pass",
                  "the angled run parallel to the hard palate is the cleaner one",
                  "streak fan centred on the molars",
                  "2 fillings R upper, crown L lower"],
    },
    "dental_mr": {
        "ctx": ["her fixed retainer and fillings are causing a susceptibility blackout on the MR",
                "there's signal void and distortion from dental work on the gradient-echo images",
                "the braces are warping the lower slices"],
        "expl": ["Metal in the mouth distorts the local magnetic field, so spins dephase and the signal drops out, "
                 "worst on gradient-echo and diffusion, where there is no 180-degree refocusing pulse.",
                 "The distortion also shifts signal along the frequency-encoding direction, so edges near the "
                 "void can be displaced by several millimetres.",
                 "Spin-echo sequences, a wider receiver bandwidth and thinner slices all shrink the void.",
                 "The void is centred on the mouth, so it eats into the skull base and the inferior frontal "
                 "lobes on both sides before anything else."],
        "num": ["These are 3 T images; at 1.5 T the void would be roughly half the size.",
                "The diffusion is single-shot EPI at b = 1000, the worst sequence for this.",
                "The post-contrast T1 is a 1 mm 3D gradient-echo, acquired about five minutes after gadolinium.",
                "Receiver bandwidth on the T2 was 250 Hz per pixel; doubling it would shrink the distortion."],
        "terse": ["susceptibility off the retainer, DWI worst",
                  "void is the dental work, not pathology",
                  "repeated the T2 with the bandwidth up",
                  "3T, so the void's bigger than you'd see at 1.5"],
    },
    "motion": {
        "ctx": ["she couldn't hold her breath and the bases are smeared",
                "there's breathing motion and pulsation blur on the arterial phase",
                "the scan has motion artefact at the lung bases and stair-steps on the coronal"],
        "expl": ["Motion during the rotation means the projections disagree with each other, so you get "
                 "blurring, doubled edges and streaks off high-contrast interfaces.",
                 "Cardiac pulsation is worst at the left heart border and the lingula; ECG gating or a "
                 "high-pitch spiral freezes it.",
                 "Breathing shows as stair-steps on the coronal reformats and a blurred diaphragm; a faster "
                 "rotation or a shorter scan helps.",
                 "Dense contrast in the SVC throws streaks into the right upper mediastinum on the arterial "
                 "phase; a saline chaser usually fixes that."],
        "num": ["Rotation time 0.28 s, pitch 1.5, 1.25 mm slices, 100 kVp and 120 mAs.",
                "Lung window W:1500 L:-600, mediastinal window W:400 L:40.",
                "Bolus tracking triggered at 100 HU in the pulmonary trunk and the scan started about 6 seconds "
                "later.",
                "Noise in the mediastinal fat was around 20 HU."],
        "terse": ["couldn't breath-hold, bases smeared",
                  "pulsation blur at the L heart border, redid it gated",
                  "stair-steps on the cor reformats from breathing",
                  "100 kVp, pitch 1.5, triggered at 100 HU"],
    },
    "pv": {
        "ctx": ["the edges look soft from partial volume on the 5 mm slices",
                "the portal venous phase was a bit early and there's partial-volume blurring at the edges",
                "the thick slices are averaging everything at the edges"],
        "expl": ["Partial volume: a voxel that is half tissue and half fat reports an average attenuation, so "
                 "thin or curved edges look soft and small things look less dense than they are.",
                 "Reconstructing at 1.25 mm instead of 5 mm shrinks the effect, at the cost of more noise.",
                 "Bolus timing matters too: at 70 seconds the portal veins and parenchyma are evenly enhanced; "
                 "earlier than about 50 seconds you get heterogeneous enhancement that can mimic lesions.",
                 "Breathing between table positions adds a little blur at the dome of the diaphragm."],
        "num": ["120 kVp, automatic mAs around 180, portal venous at 70 seconds after 100 mL of contrast at 3 mL/s.",
                "Soft-tissue window W:400 L:50, or W:150 L:80 for subtle parenchymal lesions.",
                "Noise in a soft-tissue ROI was about 11 HU on the 5 mm and 22 HU on the 1.25 mm slices.",
                "The unenhanced series is 3 mm."],
        "terse": ["5mm recon averaging the edges, 1.25 is on PACS",
                  "PV at 70s, bolus a touch late",
                  "noise ~11 HU on the thick recon",
                  "unenhanced is 3 mm if anyone wants HU"],
    },
    "coronal": {
        "ctx": ["the coronal reformat has stair-step artefact from breathing",
                "the coronal MPR looks jagged and the edges are soft",
                "the reformat was built from thick slices and everything looks blocky"],
        "expl": ["The coronal images are reformatted from the axial stack, so motion between table positions "
                 "shows as stair-steps, and thick source slices blur edges in the through-plane direction.",
                 "Isotropic source data, 0.625 mm axials, gives reformats as sharp as the axials.",
                 "On a reformat, partial volume acts along the old slice direction, so the top and bottom edges "
                 "of anything are the softest."],
        "num": ["Source axials were 0.625 mm at 120 kVp; the coronal is 3 mm thick.",
                "W:400 L:40 for the soft tissue.",
                "Portal venous phase at 70 seconds.",
                "Noise on the 3 mm coronal is about 9 HU."],
        "terse": ["cor built from the 0.625 axials",
                  "stair-steps from breathing mid-scan",
                  "MPR 3 mm, W400 L40",
                  "PV at 70 s"],
    },
}


# ---------------------------------------------------------------------------------------------------
# claim phrases (predicates that follow "is"/"are")

STYLES = ["physicist", "handover", "second_read", "student_md"]
FAMILY = {"laterality": ("side", "side_not", "image_side"), "position": ("vertical", "rel"),
          "size": ("size", "pct"), "count": ("count",)}
_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven"]

SIDE_P = {
    "left": ["on the patient's left", "left-sided", "in the left half of the body", "on the left side of the patient"],
    "right": ["on the patient's right", "right-sided", "in the right half of the body",
              "on the right side of the patient"],
    "midline": ["in the midline", "centred on the midline", "sitting across the midline, not off to one side"],
    "bilateral": ["bilateral, one on each side", "present on both the left and the right",
                  "on both sides of the midline"],
}
ONLY_P = ["only on the patient's {s}", "confined to the {s} side", "one-sided, on the patient's {s}"]
SIDE_H = {"left": ["on the pt's left", "L-sided", "on the left (pt's left)"],
          "right": ["on the pt's right", "R-sided", "on the right (pt's right)"],
          "midline": ["midline", "dead centre, midline"], "bilateral": ["on both sides", "bilateral, L and R"]}

VERT_P = {
    "anterior": ["in the anterior part of the slice", "anteriorly placed", "towards the front of the patient"],
    "posterior": ["in the posterior part of the slice", "posteriorly placed", "towards the patient's back"],
    "central": ["midway between front and back", "central in the front-to-back direction",
                "in the middle of the slice front to back"],
    "superior": ["in the upper part of the coronal image, towards the head", "superiorly placed on this coronal slice",
                 "high on the coronal image"],
    "inferior": ["in the lower part of the coronal image, towards the feet", "inferiorly placed on this coronal slice",
                 "low on the coronal image"],
}
VERT_P["central_c"] = ["at mid-height on this coronal image", "halfway between the top and bottom of the coronal image"]
REL_P = {"left_of": ["to the patient's left of {o}", "on the left side of {o}"],
         "right_of": ["to the patient's right of {o}", "on the right side of {o}"],
         "anterior_to": ["in front of {o}", "anterior to {o}"],
         "posterior_to": ["behind {o}", "posterior to {o}"],
         "superior_to": ["above {o}", "superior to {o}"],
         "inferior_to": ["below {o}", "inferior to {o}"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
VFLIP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
SIZE_P = {"small": ["small on this slice", "small, a modest area of the image", "on the small side here"],
          "medium": ["medium-sized on this slice", "moderate in size on this slice", "of middling size here"],
          "large": ["large on this slice", "large, a big share of the image", "one of the large things on this image"]}
OPP = {"left": "right", "right": "left"}


def _cap(s):
    return s[:1].upper() + s[1:]


def _num(n, rng):
    return _WORDS[n] if rng.random() < 0.7 and n < len(_WORDS) else str(n)


def _pct(a):
    x = a * 100
    return f"{x:.1f}" if x < 10 else f"{x:.0f}"


def _img_side(orient, side):
    """The image side (left/right of the screen) where the patient's `side` appears."""
    col = orient[0]  # the patient direction of increasing column, i.e. the image's right
    return "right" if (col == "L") == (side == "left") else "left"


def _convention(orient):
    return {"LP": "radiological convention", "RP": "neurological convention",
            "LI": "coronal display, viewed as if facing the patient"}[orient]


def truth(kind, value, f):
    """Whether a claim is true of facts `f` (the bank's own sanity check; the checker has its own)."""
    if kind == "side":
        return value == f["laterality"]
    if kind == "side_not":
        return value != f["laterality"] if value != "one-sided" else f["laterality"] in ("midline", "bilateral")
    if kind == "image_side":
        img, side = value
        return side == f["laterality"] and img == _img_side(f["_orient"], side)
    if kind == "vertical":
        return value == f["vertical"]
    if kind == "rel":
        return {"other": value[1], "relation": value[0]} in f["relations"]
    if kind == "size":
        return value == f["size_class"]
    if kind == "pct":
        a = f["area_fraction"] * 100
        return abs(value - a) <= max(0.2, 0.3 * a)
    if kind == "count":
        return value == f["components"]
    raise ValueError(kind)


class _Conv:
    """Turns under construction plus the ledger of claims about the target."""

    def __init__(self, p, f, reg, rng):
        self.p, self.f, self.reg, self.rng = p, dict(f, _orient=p["orientation"]), reg, rng
        self.turns, self.ledger, self.used = [], [], []
        pl = p["pl"]
        self.be, self.it, self.its, self.s = ("are", "they", "their", "") if pl else ("is", "it", "its", "s")
        self.T, self.S = p["name"], p["short"]
        self.coronal = p["orientation"][1] in "SI"

    def pick(self, xs):
        return xs[self.rng.randrange(len(xs))]

    def t(self):
        """The target as a sentence refers to it (full or short name)."""
        return self.T if self.rng.random() < 0.4 else self.S

    # -- claim sentences; each returns (text, [(kind, value)]) ---------------------------------------
    def side(self, v, only=False):
        r, T = self.reg, self.t()
        if only:
            ph = self.pick(ONLY_P).format(s=v)
        elif r == "handover" and self.rng.random() < 0.6:
            ph = self.pick(SIDE_H[v])
        else:
            ph = self.pick(SIDE_P[v])
        fr = {"physicist": ["In patient coordinates, {T} {be} {S}.", "Anatomically, {T} {be} {S}, whichever side "
                            "the artefact comes from.", "{Tc} {be} {S}; where the artefact starts is a separate "
                            "question."],
              "handover": ["{T} {be} {S}", "fyi {T} {be} {S}", "{Tc} {be} {S}, double-checked against the scout"],
              "second_read": ["Real, and {S}: {T}.", "{Tc} {be} {S}; that part is not in doubt.",
                              "Side: {T} {be} {S}."],
              "student_md": ["- **Side:** {T} {be} {S}.", "**Which side?** {Tc} {be} {S}.",
                             "{Tc} {be} {S} (the patient's side, not the screen's)."]}[r]
        txt = self.pick(fr).format(T=T, Tc=_cap(T), be=self.be, S=ph)
        return txt, [("side", v)]

    def side_not(self, v):
        """A true negation: `v` is a side the target is not on ('one-sided' for midline/bilateral)."""
        T = self.t()
        if v == "one-sided":
            txt = self.pick(["{Tc} {be} not off to one side.", "{Tc} {be} not confined to one side of the body.",
                             "It is not a one-sided finding."]).format(Tc=_cap(T), be=self.be)
        else:
            txt = self.pick(["{Tc} {be} not on the {v}.", "{Tc} {be} not {v}-sided, whatever the streaks suggest.",
                             "It is not the {v} side you are looking at."]).format(Tc=_cap(T), be=self.be, v=v)
        return txt, [("side_not", v)]

    def image_side(self, side):
        img = _img_side(self.p["orientation"], side)
        conv = _convention(self.p["orientation"])
        txt = self.pick([
            "On the monitor {it} appear{s} on the image {img}, which in this {conv} is the patient's {side}.",
            "Screen {img}, patient {side}: this is the {conv}.",
            "Don't be fooled by the screen: {it} show{s} up on the image {img}, and in the {conv} that means the "
            "patient's {side}."]).format(it=self.it, s=self.s, img=img, conv=conv, side=side)
        return txt, [("image_side", (img, side)), ("side", side)]

    def vertical(self, v):
        T = self.t()
        key = "central_c" if (v == "central" and self.coronal) else v
        ph = self.pick(VERT_P[key])
        lead = "Top to bottom" if self.coronal else "Front to back"
        fr = {"physicist": ["{Tc} {be} {V}.", "{L}, {T} {be} {V}."],
              "handover": ["{T} {be} {V}", "{Tc} {be} {V}, fwiw"],
              "second_read": ["Position: {T} {be} {V}.", "{Tc} {be} {V}, as expected."],
              "student_md": ["- **Position:** {T} {be} {V}.", "{L}, {T} {be} {V}."]}[self.reg]
        return self.pick(fr).format(T=T, Tc=_cap(T), be=self.be, V=ph, L=lead), [("vertical", v)]

    def rel(self, rel, other):
        T = self.t()
        ph = self.pick(REL_P[rel]).format(o="the " + other)
        fr = {"physicist": ["{Tc} {be} {R}.", "{Tc} lie{s} {R} on this slice."],
              "handover": ["{T} {be} {R}", "{Tc} sit{s} {R}"],
              "second_read": ["{Tc} {be} {R}, as it should be.", "Relations: {T} {be} {R}."],
              "student_md": ["- **Neighbour:** {T} {be} {R}.", "{Tc} {be} {R}."]}[self.reg]
        txt = self.pick(fr).format(T=T, Tc=_cap(T), be=self.be, R=ph, o=other,
                                   s="" if self.p["pl"] else "s")
        return txt, [("rel", (rel, other))]

    def size(self, v):
        T = self.t()
        ph = self.pick([z for z in SIZE_P[v] if not (self.p["pl"] and z.startswith("one of"))])
        pv = {"small": "a great deal", "medium": "mostly at the edges", "large": "relatively little"}[v]
        fr = {"physicist": ["In area terms, {T} {be} {Z}, so partial volume matters {pv}.", "{Tc} {be} {Z}."],
              "handover": ["{T} {be} {Z}", "size-wise {T} {be} {Z}"],
              "second_read": ["Size: {T} {be} {Z}.", "{Tc} {be} {Z}, and that is genuine, not blooming."],
              "student_md": ["- **Size:** {T} {be} {Z}.", "{Tc} {be} {Z}, so partial volume matters {pv}."]}[self.reg]
        return self.pick(fr).format(T=T, Tc=_cap(T), be=self.be, Z=ph, pv=pv), [("size", v)]

    def pct(self, x):
        T = self.t()
        xs = f"{x:.1f}" if x < 10 else f"{x:.0f}"
        fr = {"physicist": ["{Tc} cover{s} about {x}% of the image.", "By pixel count {T} {be} roughly {x}% of "
                            "the image area."],
              "handover": ["{T} ~{x}% of the image", "{Tc} come{s} to about {x}% of the frame"],
              "second_read": ["{Tc} take{s} up about {x}% of the image.", "Area: roughly {x}% of the image for {T}."],
              "student_md": ["- **Area:** {T} cover{s} about {x}% of the image.", "{Tc} fill{s} roughly {x}% of the "
                             "picture."]}[self.reg]
        return self.pick(fr).format(T=T, Tc=_cap(T), be=self.be, x=xs, s=self.s), [("pct", float(xs))]

    def count(self, n):
        T = self.t()
        u1, u2 = self.p["unit"]
        if n == 1:
            ph = self.pick(["a single connected region", "one piece", "one continuous " + u1])
        else:
            w = _num(n, self.rng)
            ph = self.pick([f"{w} separate {u2}", f"{w} separate pieces", f"{w} distinct {u2}"])
        fr = {"physicist": ["On this slice {T} {be} {C}.", "Counting connected regions, {T} {be} {C}."],
              "handover": ["{T} = {C}", "{Tc} {be} {C} on this slice"],
              "second_read": ["Count: {T} {be} {C}.", "{Tc} {be} {C}; I counted twice."],
              "student_md": ["- **How many pieces:** {T} {be} {C}.", "{Tc} {be} {C} on this slice."]}[self.reg]
        return self.pick(fr).format(T=T, Tc=_cap(T), be=self.be, C=ph), [("count", n)]

    # -- values --------------------------------------------------------------------------------------
    def true_value(self, kind):
        f = self.f
        if kind == "side":
            return f["laterality"]
        if kind == "vertical":
            return f["vertical"]
        if kind == "rel":
            r = self.pick(f["relations"])
            return (r["relation"], r["other"])
        if kind == "size":
            return f["size_class"]
        if kind == "pct":
            return f["area_fraction"] * 100
        if kind == "count":
            return f["components"]
        raise ValueError(kind)

    def false_value(self, kind):
        f = self.f
        if kind == "side":
            lat = f["laterality"]
            return OPP[lat] if lat in OPP else self.pick(["left", "right"])
        if kind == "vertical":
            v = f["vertical"]
            if v in VFLIP:
                return VFLIP[v]
            return self.pick(["superior", "inferior"] if self.coronal else ["anterior", "posterior"])
        if kind == "rel":
            r = self.pick(f["relations"])
            return (FLIP[r["relation"]], r["other"])
        if kind == "size":
            return {"small": self.pick(["large", "medium", "large"]), "medium": self.pick(["small", "large"]),
                    "large": self.pick(["small", "small", "medium"])}[f["size_class"]]
        if kind == "pct":
            a = f["area_fraction"] * 100
            return float(round(a * 5 + 6)) if a < 5 else round(a / 6, 1)
        if kind == "count":
            n = f["components"]
            return self.pick([2, 3]) if n == 1 else self.pick([n + 1, n - 1])
        raise ValueError(kind)

    def claim(self, kind, value):
        """The sentence of a claim of `kind` with `value` (true or false)."""
        if kind == "side":
            only = self.f["laterality"] == "bilateral" and value in ("left", "right")
            return self.side(value, only=only)
        if kind == "rel":
            return self.rel(*value)
        return getattr(self, kind)(value)

    def kinds_of(self, fam):
        ks = {"laterality": ["side"], "position": ["vertical", "rel"] if self.f["relations"] else ["vertical"],
              "size": ["size", "pct"], "count": ["count"]}[fam]
        return self.pick(ks)

    # -- traps that claim nothing false ---------------------------------------------------------------
    def trap(self, banned):
        """A hard but true sentence: a negation, an image-side explanation, a hypothetical, knowledge, or a
        self-correction; never of a banned family."""
        lat = self.f["laterality"]
        opts = ["gk", "gk"]
        if "laterality" not in banned:
            opts += ["neg", "img", "hypo", "slip"] if lat in OPP else ["neg"]
        if "size" not in banned:
            opts += ["pctslip"]
        opts = [o for o in opts if o not in self.used] or ["gk"]
        what = self.pick(opts)
        if what != "gk":
            self.used.append(what)
        if what == "gk":
            left = [g for g in self.p["gk"] if g not in self.used] or self.p["gk"]
            g = self.pick(left)
            self.used.append(g)
            return g, []
        if what == "neg":
            return self.side_not(OPP[lat] if lat in OPP else "one-sided")
        if what == "img":
            return self.image_side(lat)
        if what == "hypo":
            T = self.t()
            return self.pick(["Had {it} been on the patient's {o}, the artefact would have been a much bigger "
                              "problem.", "If {T} were on the {o} side, I'd have asked for a repeat with the "
                              "artefact reduction switched on."]).format(it=self.it, T=T, o=OPP[lat]), []
        if what == "slip":
            img = _img_side(self.p["orientation"], lat)
            wrong = OPP[lat]
            txt = self.pick(["{Tc} {be} on the patient's {w}; no, correction, the patient's {r}. I was reading the "
                             "screen, where {it} sit{s} on the image {img}.",
                             "{Tc} {be} {w}-sided... scratch that: {r}-sided. Screen side and patient side again."
                             ]).format(Tc=_cap(self.t()), be=self.be, w=wrong, r=lat, it=self.it, s=self.s, img=img)
            return txt, [("side", wrong, True), ("side", lat)]
        a = self.f["area_fraction"] * 100
        bad = round(a * 10, 1) if a < 5 else round(a * 4)
        xs = _pct(self.f["area_fraction"])
        txt = self.pick(["{Tc} cover{s} about {b}% of the image. Sorry, I slipped a decimal: about {x}%.",
                         "That works out at {b}% of the image; no, wait, {x}%, I misread the pixel count."]
                        ).format(Tc=_cap(self.t()), s=self.s, b=bad, x=xs)
        return txt, [("pct", float(bad), True), ("pct", float(xs))]


def _region_word(p):
    return {"hip": "pelvis", "petrous": "head", "dental_ct": "neck", "dental_mr": "brain", "motion": "chest",
            "pv": "abdomen", "coronal": "abdomen"}[p["art"]]


def _question(c, names):
    p, rng, r = c.p, c.rng, c.reg
    art = ART[p["art"]]
    ctx = c.pick(art["ctx"])
    thing = "structures" if p["pl"] else "structure"
    ref = p["name"] if names else f"the {thing} that {c.pick(p['clues'])}"
    it = "them" if p["pl"] else "it"
    mod = "MR" if p["modality"] == "MR" else "CT"
    a_mod = "an MR" if mod == "MR" else "a CT"
    reg = _region_word(p)
    room = "MR2" if mod == "MR" else c.pick(["CT1", "CT2", "the trauma scanner"])
    fr = {"physicist": ["I'm reading {a_mod} of the {reg} where {ctx}. I need {ref} outlined; can you segment {it} and "
                        "tell me what around {it} I can trust?",
                        "Physics question on a case: {ctx}. Could you segment {ref} and explain what the artefact is "
                        "doing to {it}?",
                        "{Ctx}. Before I dictate this {mod}, can you mark {ref} and tell me how much of the appearance "
                        "is real?"],
          "handover": ["hey, before you go: {reg} in {room}, {ctx}. reg wants {ref} drawn round for the report, can "
                       "you do it?",
                       "quick one at handover, {ctx}. can you contour {ref}? planning want it tonight",
                       "morning! {room} {reg} from overnight, {ctx}. need {ref} segmented before the list starts"],
          "second_read": ["Second read, please. {Mod} {reg}: {ctx}. Can you segment {ref} and tell me what is genuine "
                          "and what is artefact?",
                          "I'm not confident on this {mod}: {ctx}. Could you outline {ref} and give me your frank "
                          "read?",
                          "Can you look at this one with me? {Ctx}, and I want {ref} segmented before I sign it off."],
          "student_md": ["Hi! I'm a medical student with {a_mod} from a teaching set, and my tutor said {ctx}. Can you "
                         "show me {ref} on the image? I'd love to understand the artefact too.",
                         "I'm curious about this {reg} {mod}: apparently {ctx}. Could you segment {ref} and explain "
                         "what's going on?",
                         "Student here. Could you highlight {ref} for me? The note on the case says {ctx}."]}[r]
    return c.pick(fr).format(mod=mod, Mod=mod, a_mod=a_mod, reg=reg, ctx=ctx, Ctx=_cap(ctx), ref=ref, it=it, room=room)


def _opener(c):
    p = c.p
    fr = {"physicist": ["{That} {T} [SEG].", "The structure you mean is {T}; I've segmented {it} here: [SEG].",
                        "You're after {T} [SEG]."],
          "handover": ["yep, {that} {T} [SEG]", "done, {T} [SEG]", "sure, {T} drawn round: [SEG]"],
          "second_read": ["{This} {T} [SEG], and {it} {be} real.", "Segmented: {T} [SEG].",
                          "Frankly, {T} [SEG] {be} genuine; the rest needs sorting."],
          "student_md": ["## Answer\n\n{That} **{T}** [SEG].", "**{Tc}** [SEG] is what you're looking for.",
                         "Great question! You're looking for **{T}** [SEG]."]}[c.reg]
    that = "those are" if p["pl"] else "that's"
    return c.pick(fr).format(T=p["name"], Tc=_cap(p["name"]), it=c.it, be=c.be, that=that, That=_cap(that),
                             This="These are" if p["pl"] else "This is")


def _filler(c, n=1, kind=None):
    art = ART[c.p["art"]]
    pool = art[kind] if kind else (art["terse"] if c.reg == "handover" else art["expl"] + art["num"])
    fresh = [x for x in pool if x not in c.used]
    pool = fresh if len(fresh) >= n else pool
    idx = list(range(len(pool)))
    c.rng.shuffle(idx)
    out = [pool[i] for i in idx[:n]]
    c.used.extend(out)
    return out


_FOLLOW_Q = {
    "laterality": {"physicist": ["Which side is it on, in patient terms? I don't want the artefact's side and the "
                                 "anatomy's side mixed up in the report.", "Remind me of the side; the artefact is "
                                 "clearly lopsided, but is the finding?"],
                   "handover": ["which side is it btw? don't want to mix it up with the artefact side",
                                "side? putting it on the request"],
                   "second_read": ["And laterality? The artefact makes me doubt myself.",
                                   "Which side would you put in the report?"],
                   "student_md": ["Which side of the patient is it on? I always get confused by the screen.",
                                  "Is it on the left or the right? The picture confuses me."]},
    "position": {"physicist": ["Where does it sit on this slice, front to back or relative to its neighbours?",
                               "Can you place it for me, relative to what's around it?"],
                 "handover": ["where's it sitting on the slice?", "where abouts is it? for the planning notes"],
                 "second_read": ["Where exactly is it relative to the neighbours?", "How would you describe its position in the report?"],
                 "student_md": ["Where is it on the slice, roughly?", "How would I describe where it is?"]},
    "size": {"physicist": ["How big is it on this slice? I worry the window and partial volume change the apparent "
                           "size.", "Could the artefact be making it look bigger or smaller than it is? How big is "
                           "it, actually?"],
             "handover": ["how big is it? reg asked", "size? need it for the sheet"],
             "second_read": ["Size? Is the artefact inflating it?", "How big would you call it?"],
             "student_md": ["How big is it compared with the whole image?", "Is it big or small on this picture?"]},
    "count": {"physicist": ["Is it one piece or several? Could a streak be cutting it in two?",
                            "How many separate parts does your segmentation have?"],
              "handover": ["one bit or a few? want to label them right", "how many bits did you draw?"],
              "second_read": ["How many are there, really? Streaks can fake a gap.", "How many separate pieces are there, in your view?"],
              "student_md": ["Is it just one piece, or several separate bits?", "How many separate parts are there?"]},
    "physics": {"physicist": ["Would changing the kVp or the reconstruction have helped?",
                              "What would you change in the protocol to clean this up?"],
                "handover": ["what settings did you use? want to match them for the follow-up",
                             "anything I should do differently on the next one?"],
                "second_read": ["Anything in the protocol we should change next time?",
                                "Is any of this fixable on the scanner?"],
                "student_md": ["What do the numbers like W and L on the screen mean?",
                               "How do they reduce artefacts like this?"]},
}

_WL = ("**W** is the window width and **L** the window level (its centre), both in Hounsfield units. W:400 L:40 "
       "shows everything from -160 to +240 HU in grey; anything denser is white and anything lower is black.")


def _premise_q(c, fam, value, fix):
    """A follow-up user turn whose premise claims `value` of family `fam` about the target (via 'it')."""
    r, p = c.reg, c.p
    it_be = "they're" if p["pl"] else "it's"
    It_be = _cap(it_be)
    if fam == "laterality":
        kind = "side"
        if c.f["laterality"] == "bilateral" and value in OPP:
            ph = f"only on the patient's {value}"
        elif r == "handover":
            ph = c.pick(SIDE_H[value])
        else:
            ph = c.pick(SIDE_P[value])
        img = _img_side(p["orientation"], c.f["laterality"]) if c.f["laterality"] in OPP else None
        if fix and img == value and r != "handover":
            q = f"On my screen {it_be} on the {img}, so {it_be} {ph}, yes?"
        elif fix:
            q = c.pick([f"So {it_be} {ph}, right?", f"My draft says {it_be} {ph}; is that correct?"])
        else:
            q = c.pick([f"Since {it_be} {ph}, does the artefact side matter for the follow-up?",
                        f"Given {it_be} {ph}, should I mention the artefact at all?"])
    elif fam == "position":
        kind = "vertical" if not isinstance(value, tuple) else "rel"
        if kind == "vertical":
            key = "central_c" if (value == "central" and c.coronal) else value
            ph = c.pick(VERT_P[key])
        else:
            ph = c.pick(REL_P[value[0]]).format(o="the " + value[1])
        q = (c.pick([f"{It_be} {ph}, isn't {c.it}?", f"I'd have said {it_be} {ph}. Fair?"]) if fix else
             c.pick([f"Since {it_be} {ph}, will the streaks reach {'them' if p['pl'] else 'it'} on the follow-up?",
                     f"Given that {it_be} {ph}, is a thinner reconstruction worth it?"]))
    elif fam == "size":
        kind = "size" if isinstance(value, str) else "pct"
        if kind == "size":
            ph = c.pick([z for z in SIZE_P[value] if not z.startswith("one of")])
            q = (c.pick([f"{It_be} {ph}, though, isn't {c.it}?", f"I'd call {'them' if p['pl'] else 'it'} {ph}; "
                         "agree?"]) if fix else
                 c.pick([f"Since {it_be} {ph}, is partial volume going to matter much?",
                         f"Given {it_be} {ph}, would you still bother with the 1.25 mm recon?"]))
        else:
            xs = f"{value:.1f}" if value < 10 else f"{value:.0f}"
            q = (c.pick([f"I made {'them' if p['pl'] else 'it'} about {xs}% of the image. Right?",
                         f"Roughly {xs}% of the image, I'd guess?"]) if fix else
                 c.pick([f"At about {xs}% of the image, is the noise level going to limit the measurement?",
                         f"With {'them' if p['pl'] else 'it'} covering about {xs}% of the image, what window "
                         "should I measure on?"]))
    else:
        kind = "count"
        u1, u2 = p["unit"]
        w = _num(value, c.rng)
        many = f"{w} separate {u2}" if value > 1 else f"a single {u1}"
        q = (c.pick([f"I count {many}. Agree?", f"So that's {many}, yes?"]) if fix else
             c.pick([f"With {many} there, should I label each one in the report?" if value > 1 else
                     f"As it's {many}, one label in the report will do?",
                     f"Since there's {many}, do I measure {'each' if value > 1 else 'it'} on the thin slices?"]))
    if r == "handover":
        q = q[0].lower() + q[1:]
    return q, (kind, value)


def _fix_lead(c):
    return c.pick({"physicist": ["Not quite.", "Careful there:", "No, and it's an easy slip with this artefact:"],
                   "handover": ["nope,", "not quite,", "no -"],
                   "second_read": ["No.", "I'd disagree:", "That's the artefact talking:"],
                   "student_md": ["Close, but not quite!", "Good try, but no:", "Not quite, and it's a common "
                                  "mix-up:"]}[c.reg])


def _along(c, fam):
    """An answer that accepts the user's premise without restating anything of `fam`."""
    art = ART[c.p["art"]]
    lead = c.pick({"physicist": ["Yes.", "Reasonable.", "It does, a little."],
                   "handover": ["yeah", "yep, fair", "sure"],
                   "second_read": ["Yes.", "Fine.", "Agreed, go ahead."],
                   "student_md": ["Good thinking!", "Yes, exactly.", "Great point."]}[c.reg])
    body = _filler(c, 1, "terse" if c.reg == "handover" else "num") + _filler(c, 1, "terse" if c.reg == "handover"
                                                                            else "expl")
    return ("\n" if c.reg == "handover" else " ").join([lead] + body)


def _answer_round(c, topic, claims, banned, wl=False):
    """An assistant follow-up answer carrying `claims` (list of (text, entries))."""
    r = c.reg
    parts = [t for t, _ in claims]
    if topic == "laterality":
        extra = {"hip": "The prosthesis is on the left; that tells you where the streaks start, nothing more.",
                 "petrous": "The bar itself lies across the posterior fossa between the two petrous ridges.",
                 "dental_ct": "The fillings are on both sides of the mouth, two on the right and a crown on the left.",
                 "dental_mr": "The susceptibility void is centred on the mouth, not on either side.",
                 "motion": "Pulsation blur is worst along the left heart border; that's a property of the heart, "
                           "not of what you're asking about.",
                 "pv": "Partial volume affects both sides equally; it's a property of the slice thickness.",
                 "coronal": "The stair-steps run the full width of the reformat."}[c.p["art"]]
        parts.append(extra)
    elif topic == "size":
        parts.append(c.pick(["Window width changes how big an edge looks: at a narrow window the partial-volume rim "
                             "drops out and things shrink a little, so measure at W:400 L:40 or wider.",
                             "Measure on the thin 1.25 mm images; the thick reconstruction makes edges bloom by a "
                             "millimetre or so."]))
    elif topic == "count":
        parts.append(c.pick(["A dark streak can look like a gap, so I checked the adjacent slices for continuity.",
                             "I scrolled two slices up and down to make sure no streak was faking a split."]))
    elif topic == "position":
        parts.append(c.pick(["The artefact doesn't move anatomy, though distortion on MR can shift an edge by a "
                             "millimetre or two.", "That's from the anatomy; the artefact only changes how clearly "
                             "you see it."]))
    else:
        if wl:
            parts.append(_WL)
        parts += _filler(c, 1, "terse" if r == "handover" else "num")
        if not wl:
            parts += _filler(c, 1, "terse" if r == "handover" else "expl")
    if topic != "physics" and c.rng.random() < 0.5:
        t, e = c.trap(banned)
        if e or c.rng.random() < 0.5:
            parts.append(t)
            claims = claims + [(t, e)]
    if r == "handover":
        return "\n".join(parts), claims
    if r == "student_md":
        return "\n\n".join(parts), claims
    if r == "second_read":
        return " ".join(parts), claims
    return " ".join(parts), claims


_CLOSE = {"physicist": ["Happy to look at the raw projections with you if it matters for the report.",
                        "If you want, I can run the dual-energy reconstruction and we compare.", ""],
          "handover": ["anything else before I go?", "I'm off in 5, shout if it looks wrong", "all yours"],
          "second_read": ["Bottom line: report what's real, and one line on the artefact.",
                          "Bottom line: the finding stands; the artefact doesn't change management.", ""],
          "student_md": ["Hope that helps, and ask away if anything's unclear!",
                         "> **Tip:** always check the orientation marker before calling a side.", ""]}


def _first_answer(c, claims, trap_txt):
    r, rng = c.reg, c.rng
    texts = [t for t, _ in claims]
    if trap_txt:
        texts.insert(rng.randrange(1 if texts else 0, len(texts) + 1), trap_txt)
    cut = rng.randint(1, len(texts)) if texts else 0
    g1, g2 = texts[:cut], texts[cut:]
    close = c.pick(_CLOSE[r])
    if r == "physicist":
        paras = [" ".join([_opener(c)] + g1), " ".join(_filler(c, rng.randint(1, 2), "expl"))]
        paras.append(" ".join(g2 + _filler(c, 1, "num")))
        if close:
            paras.append(close)
        return "\n\n".join(paras)
    if r == "handover":
        lines = [_opener(c)] + g1 + _filler(c, rng.randint(1, 2), "terse") + g2
        return "\n".join(lines + ([close] if close else []))
    if r == "second_read":
        out = [_opener(c), "Real: " + " ".join(g1),
               "Artefact: " + " ".join(_filler(c, rng.randint(1, 2), "expl"))]
        if g2:
            out.append(" ".join(g2))
        out.append(" ".join(_filler(c, 1, "num")))
        if close:
            out.append(close)
        return "\n\n".join(out)
    out = [_opener(c), "### Where it is\n\n" + "\n".join(g1),
           "### What's causing the artefact?\n\n" + " ".join(_filler(c, rng.randint(1, 2), "expl"))]
    if g2:
        out.append("\n".join(g2))
    out.append("### The numbers\n\n" + " ".join(_filler(c, 1, "num")))
    if close:
        out.append(close)
    return "\n\n".join(out)


def build(p, facts, style, rng, defect):
    c = _Conv(p, facts, style, rng)
    fam_defect = defect if defect in FAMILY else None
    place = c.pick(["first", "follow", "premise"]) if fam_defect else None
    banned = {fam_defect} if fam_defect else set()
    avail = [x for x in ("laterality", "position", "size", "count") if x not in banned]

    def log(turn, role, entries_by_text):
        for text, entries in entries_by_text:
            for e in entries:
                kind, value = e[0], e[1]
                corrected = len(e) > 2 and e[2]
                c.ledger.append({"turn": turn, "role": role, "kind": kind,
                                 "value": list(value) if isinstance(value, tuple) else value,
                                 "text": text, "corrected": corrected, "true": truth(kind, value, c.f)})

    c.turns.append({"role": "user", "content": _question(c, defect == "names_target")})
    order = list(avail)
    rng.shuffle(order)
    k = rng.choice([1, 2, 2, 3])
    claims = []
    for fam in order[:k]:
        kind = c.kinds_of(fam)
        claims.append(c.claim(kind, c.true_value(kind)))
    if place == "first":
        kind = c.kinds_of(fam_defect)
        claims.insert(rng.randrange(len(claims) + 1), c.claim(kind, c.false_value(kind)))
    trap_txt = None
    if rng.random() < (0.65 if not fam_defect else 0.45):
        trap_txt, te = c.trap(banned)
        if te:
            claims_log = claims + [(trap_txt, te)]
        else:
            claims_log = claims
    else:
        claims_log = claims
    c.turns.append({"role": "assistant", "content": _first_answer(c, claims, trap_txt)})
    log(1, "assistant", claims_log)

    n_rounds = rng.choice([1, 2, 2, 3])
    topics = []
    pool = avail + ["physics"]
    for _ in range(n_rounds):
        if rng.random() < (0.3 if not fam_defect else 0.15):
            topics.append(("fix", c.pick(avail)))
        else:
            fam = c.pick(pool)
            pool.remove(fam)
            topics.append(("ask", fam))
    if place in ("follow", "premise"):
        topics[rng.randrange(len(topics))] = (place, fam_defect)
    for mode, fam in topics:
        if mode == "fix":
            kind = c.kinds_of(fam)
            wrong = c.false_value(kind)
            q, entry = _premise_q(c, fam, wrong, fix=True)
            c.turns.append({"role": "user", "content": q})
            log(len(c.turns) - 1, "user", [(q, [(entry[0], entry[1], True)])])
            right = c.true_value(kind)
            if kind == "rel" and wrong[1] != right[1]:
                right = (FLIP[wrong[0]], wrong[1])
            cl = c.claim(kind, right)
            ans, cls = _answer_round(c, fam, [cl], banned)
            lead = _fix_lead(c)
            c.turns.append({"role": "assistant", "content": lead + " " + ans})
            log(len(c.turns) - 1, "assistant", cls)
        elif mode == "premise":
            kind = c.kinds_of(fam)
            q, entry = _premise_q(c, fam, c.false_value(kind), fix=False)
            c.turns.append({"role": "user", "content": q})
            log(len(c.turns) - 1, "user", [(q, [entry])])
            c.turns.append({"role": "assistant", "content": _along(c, fam)})
        else:
            q = c.pick(_FOLLOW_Q[fam][c.reg])
            c.turns.append({"role": "user", "content": q})
            if fam == "physics":
                ans, cls = _answer_round(c, "physics", [], banned, wl="W and L" in q)
            else:
                kind = c.kinds_of(fam)
                val = c.false_value(kind) if mode == "follow" else c.true_value(kind)
                cl = [c.claim(kind, val)]
                if mode != "follow" and rng.random() < 0.4:
                    k2 = c.kinds_of(fam)
                    if k2 != kind:
                        cl.append(c.claim(k2, c.true_value(k2)))
                ans, cls = _answer_round(c, fam, cl, banned)
            c.turns.append({"role": "assistant", "content": ans})
            log(len(c.turns) - 1, "assistant", cls)
    LEDGER.clear()
    LEDGER.extend(c.ledger)
    PLACE[0] = place
    return c.turns, ([defect] if defect else [])


LEDGER = []       # the claims of the last built row (for the bank's own checker only)
PLACE = [None]    # where its defect sits
