"""Bank FV: regional clinical English (South Asia, West Africa, East Asia) about abdominal, pelvic, chest and
brain CT/MR/US, written blind (without reading any QC rule, test, other bank or row).

Registers: a radiology resident's WhatsApp message to a senior ("whatsapp"), a typed report impression
("report"), a referral letter from a district hospital ("referral"), a patient's relative asking on the
patient's behalf ("relative"). Idioms: "Kindly segment the same", "s/o", "?r/o", "K/C/O", "B/L", "Rt/Lt",
"approx.", "no e/o", "do the needful", "revert back", "prepone"; run-together report style with few articles.
Every claim about the target is drawn from the facts computed by `medseg_qa.facts.compute_facts` on a
synthetic mask and kept in `LEDGER` (kind, value, turn, role, corrected) for the writer's own checker.

Own check (/work/notes/qcfv_scripts/check_fv.py): rows 420, clean 210, defects count 42, laterality 42, names_target 42, position 42, size 42; false claims sit in first answer 65, follow-up answer 55, question 42, user premise 48; problems: 0
(22 targets; false claims planted in the first answer, a follow-up answer or an uncorrected user premise)
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

SEG = "[SEG]"
W = H = 256
LEDGER: list[dict] = []  # one entry per build() call, in call order: the claims each row makes
STYLES = ["whatsapp", "report", "referral", "relative"]
KINDS = ["laterality", "position", "size", "count", "names_target"]


def P(target, mod, region, orient, pieces, k, r, side, others, sing, plur, qname, give, pt, story, scan, kb, mgmt,
      hyp, fn, lay):
    return dict(target=target, mod=mod, region=region, orient=orient, pieces=pieces, k=k, r=r, side=side,
                others=others, sing=sing, plur=plur, qname=qname, give=give, pt=pt, story=story, scan=scan, kb=kb,
                mgmt=mgmt, hyp=hyp, fn=fn, lay=lay)


# pieces: candidate (lat, ver) centres in patient units (lat + = patient's left; ver + = posterior on axial,
# inferior on coronal); k: (min, max) pieces; r: (rx, ry) radii as image fractions; side: the laterality the
# facts must show (the name and story rely on it), None when it is left to the draw.
PROFILES = [
    P("right renal calculus", "CT", "abdomen", "LP", [(-0.17, 0.11), (-0.2, 0.16), (-0.14, 0.17)], (1, 3),
      (0.016, 0.014), "right", {"liver": (-0.2, -0.08), "aorta": (0.03, 0.1), "vertebral body": (0.0, 0.22)},
      "renal calculus", "renal calculi", ["the right renal calculus", "the Rt kidney stone"],
      ["calcul", "stone", "lith"],
      ["45M", "38F", "52M", "29M"], ["colicky pain Rt loin radiating to groin since 2 days, urine R/E RBC plenty",
                                      "Rt flank pain with vomiting, burning micturition, TLC 11,200"],
      "NCCT KUB",
      ["Approx. 80% of urinary stones are calcium based, so most are well seen on NCCT.",
       "Lt kidney normally sits slightly higher than Rt one, by about 1-2 cm.",
       "Stones under 5 mm pass spontaneously in roughly 70% of patients."],
      ["Tab. tamsulosin 0.4 mg HS for 2 weeks and plenty oral fluids, review with repeat KUB after 14 days.",
       "S. creatinine 1.1 mg/dl, so contrast study can be done if urology wants."],
      "If it were on the {opp} side we would have expected {opp} loin pain, which is not the history here.",
      "explains the colicky loin pain and haematuria", "stone formation inside the kidney"),
    P("left ovarian cyst", "US", "pelvis", "LP", [(0.17, 0.03)], (1, 1), (0.075, 0.065), "left",
      {"uterus": (0.0, 0.0), "urinary bladder": (0.0, -0.22)},
      "ovarian cyst", "ovarian cysts", ["the Lt ovarian cyst", "the left ovarian cyst"], ["ovar", "cyst", "adnex"],
      ["24F", "31F", "19F", "27F"], ["dull aching Lt lower abdominal pain on and off x 3 months, irregular menses",
                                      "heaviness in Lt iliac fossa, UPT negative"],
      "TAS pelvis",
      ["Functional cysts are seen in up to 20% of women of reproductive age and most resolve in 2-3 cycles.",
       "The right ovary is often harder to see on TAS because of bowel gas."],
      ["Repeat USG after 6-8 weeks, preferably day 5-7 of cycle, CA-125 only if solid component appears.",
       "Tab. mefenamic acid 500 mg SOS for pain; OCP can be given for 3 cycles as per gynae."],
      "Had it been on the {opp} side, appendicitis would also have come in the differential.",
      "accounts for the iliac fossa heaviness", "a fluid-filled bag on the ovary"),
    P("bilateral pleural effusion", "CT", "chest", "LP", [(-0.26, 0.24), (0.26, 0.24)], (2, 2), (0.1, 0.06),
      "bilateral", {"heart": (0.05, -0.06), "descending aorta": (0.06, 0.14)},
      "pleural effusion", "pleural effusions", ["the B/L pleural effusion", "the bilateral pleural effusions"],
      ["effusion", "pleural fluid", "hydrothorax"],
      ["60M", "67F", "55M", "72F"], ["breathlessness on exertion, orthopnoea, pedal oedema since 1 week",
                                      "progressive dyspnoea with dry cough, decreased air entry at both bases"],
      "CT thorax",
      ["About 75% of cardiac failure effusions are bilateral, and when one-sided they favour the right.",
       "Costophrenic angle blunting on chest X-ray needs roughly 200-300 ml of fluid."],
      ["Diagnostic tap of 50 ml for protein, LDH, ADA and cytology; Light's criteria to be applied.",
       "Inj. furosemide 40 mg IV BD and daily weight; ECHO to be done for EF."],
      None, "explains the breathlessness and dull bases", "water collected around both lungs"),
    P("amoebic liver abscess", "CT", "abdomen", "LP", [(-0.2, -0.09), (-0.26, 0.06)], (1, 2), (0.07, 0.06),
      "right", {"spleen": (0.27, 0.1), "aorta": (0.03, 0.12), "right kidney": (-0.18, 0.2)},
      "liver abscess", "liver abscesses", ["the amoebic liver abscess", "the liver abscess"],
      ["abscess", "pus"],
      ["34M", "41M", "28M", "50M"], ["high-grade fever with chills x 10 days, Rt upper quadrant pain, alcoholic",
                                      "fever, Rt hypochondrial tenderness, TLC 18,000, ALP raised"],
      "CECT abdomen",
      ["Roughly 70-80% of amoebic abscesses occur in the right lobe because of portal streaming.",
       "Serology for E. histolytica is positive in more than 90% of cases."],
      ["Inj. metronidazole 750 mg TDS x 10 days, then luminal agent; aspirate only if >5 cm or impending rupture.",
       "Follow-up USG after 2 weeks; resolution may take 3-6 months, do not panic on persistent cavity."],
      "If it were in the {opp} lobe region, risk of rupture into pericardium would have worried us more.",
      "explains the fever and hypochondrial pain", "a pus collection inside the liver"),
    P("gallbladder calculi", "US", "abdomen", "LP", [(-0.13, -0.09), (-0.1, -0.06), (-0.15, -0.04), (-0.11, -0.13)],
      (1, 4), (0.013, 0.012), "right", {"right kidney": (-0.2, 0.18), "aorta": (0.03, 0.1)},
      "gallbladder calculus", "gallbladder calculi", ["the GB calculi", "the gallstones"],
      ["gallstone", "calcul", "stone", "cholelith"],
      ["42F", "48F", "36F", "55F"], ["recurrent Rt hypochondrial pain after fatty meals, nausea, Murphy's +ve",
                                      "epigastric and Rt upper quadrant pain radiating to back since 6 months"],
      "USG whole abdomen",
      ["Female, fat, forty, fertile - the old saying still fits about 60% of our OPD patients.",
       "CBD measures 4 mm here, normal for age; normal upper limit is about 6 mm."],
      ["Elective lap cholecystectomy advised; LFT, USG repeat if jaundice develops.",
       "Tab. ursodeoxycholic acid 300 mg BD does not dissolve calcified stones, so surgery is better."],
      "If the same had been on the {opp} side, we would be talking about something else altogether.",
      "explains the post-prandial upper abdominal pain", "stones in the gallbladder"),
    P("inflamed appendix", "CT", "abdomen", "LP", [(-0.19, -0.09)], (1, 1), (0.025, 0.022), "right",
      {"aorta": (0.02, 0.12), "right psoas": (-0.11, 0.13)},
      "inflamed appendix", "inflamed appendix", ["the inflamed appendix", "the appendix"],
      ["appendi"],
      ["19M", "22F", "16M", "25M"], ["periumbilical pain shifted to Rt iliac fossa, anorexia, fever 100F",
                                      "pain Rt lower abdomen x 1 day with vomiting, Alvarado score 8"],
      "CECT abdomen",
      ["Lifetime risk of this condition is about 7-8%, peak in second decade.",
       "The caecum is usually on the right, but malrotation can put it on the left in rare cases."],
      ["Surgery reference sent; keep NPO, IV fluids, Inj. ceftriaxone 1 g and metronidazole 500 mg TDS.",
       "Diameter 9 mm with periappendiceal fat stranding; normal cut-off is 6 mm."],
      "Had the same been on the {opp} side, diverticulitis would be the first thought.",
      "explains the iliac fossa pain and fever", "a swollen appendix"),
    P("left MCA territory infarct", "MR", "brain", "RP", [(0.2, -0.01)], (1, 1), (0.075, 0.12), "left",
      {"third ventricle": (0.0, 0.02), "right caudate nucleus": (-0.07, -0.12)},
      "acute infarct", "acute infarcts", ["the Lt MCA infarct", "the left MCA territory infarct"],
      ["infarct", "stroke", "ischemi", "ischaemi", "mca"],
      ["64M", "58M", "70F", "49M"], ["sudden onset Rt sided weakness and slurred speech since 6 hrs, K/C/O HTN",
                                      "woke up with Rt hemiparesis and aphasia, BP 190/110"],
      "MRI brain with DWI",
      ["Right-handed persons have language in the left hemisphere in about 95%.",
       "Window for IV thrombolysis is 4.5 hrs from last seen normal."],
      ["NIHSS 14; neuro team informed, aspirin 300 mg loading after bleed ruled out, statin high dose.",
       "Repeat imaging after 24 hrs to look for haemorrhagic transformation."],
      "If it were in the {opp} hemisphere the weakness would be on the other side of the body.",
      "explains the weakness and speech problem", "an area of brain which has lost blood supply"),
    P("right chronic subdural hematoma", "CT", "brain", "LP", [(-0.33, -0.02)], (1, 1), (0.045, 0.2), "right",
      {"septum pellucidum": (0.03, -0.08), "left lateral ventricle": (0.09, -0.04)},
      "subdural collection", "subdural collections", ["the Rt chronic SDH", "the right chronic subdural hematoma"],
      ["subdural", "sdh", "hematoma", "haematoma", "bleed"],
      ["74M", "68M", "80F", "77M"], ["fall in bathroom 3 weeks back, now headache, drowsiness, Lt sided weakness",
                                      "gradual confusion x 10 days, on aspirin, old trivial trauma"],
      "NCCT head",
      ["Chronic collections are seen mostly after 60 years, about 1-5 per 100,000 per year.",
       "Midline shift of 6 mm is present towards the left, septum displaced."],
      ["Neurosurgery opinion for burr-hole evacuation; stop aspirin, INR 1.1, platelet 2.1 lakh.",
       "Keep head end elevated 30 degrees, GCS charting 2 hourly."],
      "If the same had been on the {opp} side, weakness would be on the opposite limbs from what we see.",
      "explains the drowsiness and contralateral weakness", "old blood collected under the skull covering"),
    P("neurocysticercosis lesions", "MR", "brain", "RP",
      [(-0.18, -0.15), (0.2, 0.05), (-0.12, 0.18), (0.16, -0.2), (0.05, 0.22)], (2, 5), (0.02, 0.02), None,
      {"third ventricle": (0.0, 0.0)},
      "ring-enhancing lesion", "ring-enhancing lesions", ["the neurocysticercosis lesions", "the NCC cysts"],
      ["cysticerc", "neurocyst", "ncc", "ring", "granuloma", "tuberculoma", "scolex"],
      ["14M", "21F", "32M", "11F"], ["new-onset focal seizures x 2 episodes, pork consumption, no fever",
                                      "recurrent headache and one episode of GTCS, from endemic area"],
      "CEMRI brain",
      ["In endemic regions about 30% of late-onset epilepsy is due to this infestation.",
       "Scolex seen as an eccentric dot in roughly half the cysts on 3D sequences."],
      ["Tab. albendazole 15 mg/kg/day x 14 days with steroid cover; levetiracetam 500 mg BD.",
       "Fundus exam before cysticidal therapy; repeat MRI after 6 months."],
      None, "explains the seizures", "small cysts in the brain from a parasite"),
    P("lateral ventricles", "CT", "brain", "LP", [(-0.1, -0.08), (0.1, -0.08)], (2, 2), (0.05, 0.14), "bilateral",
      {"fourth ventricle": (0.0, 0.28)},
      "dilated lateral ventricle", "dilated lateral ventricles", ["the lateral ventricles", "the dilated ventricles"],
      ["ventric", "hydroceph"],
      ["6M", "58M", "3F", "71M"], ["headache with vomiting x 2 weeks, papilloedema on fundus",
                                    "gait disturbance, urinary incontinence and memory issues"],
      "NCCT head",
      ["Evans index above 0.3 is the usual cut-off; here it comes to 0.36.",
       "Normal CSF production is about 500 ml per day, roughly 20 ml per hour."],
      ["Neurosurgery reference for VP shunt versus ETV; fundus and visual acuity to be charted.",
       "LP tap test of 30-50 ml can be tried if NPH is suspected."],
      None, "explains the raised pressure symptoms", "the fluid spaces in the middle of the brain"),
    P("uterine fibroids", "MR", "pelvis", "LP", [(0.0, -0.04), (0.12, -0.08), (-0.11, 0.0), (0.07, 0.08)], (1, 4),
      (0.05, 0.045), None, {"urinary bladder": (0.0, -0.24), "rectum": (0.0, 0.24)},
      "fibroid", "fibroids", ["the uterine fibroids", "the leiomyomas of the uterus"],
      ["fibroid", "myoma", "leiomyom"],
      ["38F", "42F", "35F", "45F"], ["heavy menstrual bleeding with clots x 1 yr, Hb 8.2 g/dl",
                                      "lower abdominal heaviness, frequency of micturition, subfertility x 4 yrs"],
      "MRI pelvis",
      ["They are found in about 20-40% of women above 35 years.",
       "Malignant change is rare, well under 1%."],
      ["Gynae to decide myomectomy versus hysterectomy; Tab. tranexamic acid 500 mg TDS during menses.",
       "Iron sucrose 200 mg IV alternate days to correct anaemia before surgery."],
      None, "explains the heavy bleeding and bulk symptoms", "non-cancerous lumps of the womb muscle"),
    P("urinary bladder", "US", "pelvis", "LP", [(0.0, -0.1)], (1, 1), (0.15, 0.11), "midline",
      {"rectum": (0.0, 0.24), "right ovary": (-0.18, 0.05)},
      "urinary bladder", "urinary bladder", ["the urinary bladder", "the bladder"],
      ["bladder", "vesic", "cyst"],
      ["67M", "72M", "59M", "80M"], ["unable to pass urine since 12 hrs, lower abdominal distension, BPH on meds",
                                      "dribbling, poor stream, suprapubic fullness since 1 day"],
      "USG KUB",
      ["Normal capacity in adults is roughly 400-600 ml.",
       "Post-void residue above 100 ml is significant in elderly males."],
      ["Catheterise with 16 Fr Foley, drain slowly, and repeat PVR after trial without catheter.",
       "Tab. tamsulosin 0.4 mg and dutasteride 0.5 mg HS, urology OPD after 1 week."],
      "If the same were pushed to the {opp} side, we would look for a pelvic mass displacing it.",
      "explains the retention and suprapubic fullness", "the urine bag of the body"),
    P("prostate", "MR", "pelvis", "LP", [(0.0, 0.08)], (1, 1), (0.07, 0.06), "midline",
      {"rectum": (0.0, 0.24), "pubic symphysis": (0.0, -0.2)},
      "enlarged prostate", "enlarged prostate", ["the prostate", "the prostate gland"],
      ["prostat", "bph"],
      ["66M", "71M", "62M", "75M"], ["nocturia 4-5 times, hesitancy, poor stream, PSA 6.2 ng/ml",
                                      "LUTS since 2 yrs, IPSS 22, one episode of retention"],
      "mpMRI pelvis",
      ["By 60 years about half of men have some histological enlargement.",
       "Normal gland volume is about 20-25 cc; here it comes to approx. 68 cc."],
      ["PI-RADS 2 transition zone nodules; urology to continue alpha-blocker, PSA repeat after 3 months.",
       "If PSA density crosses 0.15, targeted biopsy can be planned."],
      "If the same had been deviated to the {opp} side, we would think of an asymmetric lesion.",
      "explains the urinary symptoms", "the gland below the urine bag in men"),
    P("right tubal ectopic pregnancy", "US", "pelvis", "LP", [(-0.17, 0.08)], (1, 1), (0.035, 0.03), "right",
      {"uterus": (0.0, 0.0), "left ovary": (0.17, 0.05)},
      "ectopic gestational sac", "ectopic sacs", ["the Rt ectopic pregnancy", "the right tubal ectopic"],
      ["ectopic", "tubal", "gestation", "sac"],
      ["26F", "29F", "23F", "32F"], ["6 weeks amenorrhoea, spotting, Rt iliac fossa pain, beta-hCG 2,400 mIU/ml",
                                      "missed period, giddiness, UPT +ve, pain Rt lower abdomen"],
      "TVS",
      ["About 95% of ectopics are tubal and most of them ampullary.",
       "Discriminatory beta-hCG zone is around 1,500-2,000 for TVS."],
      ["Gynae informed; Inj. methotrexate 50 mg/m2 if haemodynamically stable and hCG < 5,000.",
       "Keep 2 units blood cross-matched, repeat hCG day 4 and day 7."],
      "If it had been on the {opp} side, we would still manage the same way.",
      "explains the pain with positive pregnancy test", "a pregnancy growing outside the womb"),
    P("abdominal aortic aneurysm", "CT", "abdomen", "LP", [(0.03, 0.1)], (1, 1), (0.075, 0.07), None,
      {"vertebral body": (0.0, 0.25), "left kidney": (0.2, 0.18), "right kidney": (-0.2, 0.18)},
      "aneurysmal aorta", "aneurysmal aorta", ["the AAA", "the abdominal aortic aneurysm"],
      ["aneurysm", "aaa", "aort"],
      ["71M", "68M", "76M", "65M"], ["pulsatile mass in abdomen noticed by patient, chronic smoker, K/C/O HTN",
                                      "vague back pain, pulsatile swelling above umbilicus"],
      "CECT abdomen",
      ["Repair is usually considered above 5.5 cm in men, or growth more than 1 cm per year.",
       "Prevalence in men above 65 years is about 4-8% in western series, less in our population."],
      ["Vascular surgery reference, BP control target below 140/90, stop smoking.",
       "CT angiography for EVAR planning, creatinine 1.3 mg/dl."],
      None, "explains the pulsatile swelling", "a ballooned main blood vessel of the tummy"),
    P("pancreatic pseudocyst", "CT", "abdomen", "LP", [(0.08, -0.08)], (1, 1), (0.08, 0.06), None,
      {"stomach": (0.1, -0.2), "spleen": (0.28, 0.1), "left kidney": (0.18, 0.2)},
      "pseudocyst", "pseudocysts", ["the pancreatic pseudocyst", "the pseudocyst"],
      ["pseudocyst", "cyst"],
      ["35M", "44M", "30M", "47M"], ["early satiety and epigastric fullness 6 weeks after acute pancreatitis",
                                      "alcoholic, recurrent epigastric pain, palpable epigastric lump"],
      "CECT abdomen",
      ["About 40% resolve on their own within 6 weeks.",
       "Serum amylase 410 U/L today, earlier it was 1,800 U/L."],
      ["GI surgery/endoscopy team for EUS-guided cystogastrostomy if symptomatic and wall mature.",
       "Tab. pantoprazole 40 mg OD, low fat diet, abstain from alcohol."],
      None, "explains the early satiety and fullness", "a walled-off fluid collection near the pancreas"),
    P("right lower lobe consolidation", "CT", "chest", "LP", [(-0.22, 0.15)], (1, 1), (0.085, 0.1), "right",
      {"heart": (0.05, -0.06), "descending aorta": (0.06, 0.14)},
      "consolidation", "consolidations", ["the Rt lower lobe consolidation", "the right lower lobe pneumonia"],
      ["consolidat", "pneumon", "lobar"],
      ["56M", "62F", "48M", "70M"], ["fever with productive cough x 5 days, pleuritic chest pain Rt side",
                                      "cough, rusty sputum, SpO2 91% on room air, crepts Rt base"],
      "HRCT chest",
      ["Strep pneumoniae still causes about a third of community-acquired pneumonia.",
       "Rt main bronchus is wider and more vertical, so aspiration goes Rt more often."],
      ["Inj. amoxiclav 1.2 g IV TDS plus azithromycin 500 mg OD; sputum AFB and GeneXpert to r/o TB.",
       "CURB-65 score 2, admit in ward, repeat X-ray after 6 weeks."],
      "If it were on the {opp} side, we would still treat the same, only the X-ray follow-up changes.",
      "explains the fever and productive cough", "an infected, filled-up part of the lung"),
    P("pericardial effusion", "CT", "chest", "LP", [(0.04, -0.08)], (1, 1), (0.16, 0.13), None,
      {"descending aorta": (0.07, 0.2), "right lung": (-0.3, 0.05)},
      "pericardial effusion", "pericardial effusion", ["the pericardial effusion", "the pericardial fluid collection"],
      ["pericard", "effusion", "tampon"],
      ["40M", "33F", "58M", "26M"], ["breathlessness, low volume pulse, raised JVP, muffled heart sounds",
                                      "fever and chest heaviness x 3 weeks, K/C/O PTB contact"],
      "CECT thorax",
      ["In our region TB remains a cause in up to 60-70% of large effusions.",
       "Normal pericardial fluid is only about 15-50 ml."],
      ["ECHO for tamponade physiology; pericardiocentesis under echo guidance, fluid ADA and GeneXpert.",
       "If TB confirmed, ATT with prednisolone as per protocol."],
      None, "explains the breathlessness with raised JVP", "fluid collected around the heart"),
    P("hepatic hydatid cysts", "CT", "abdomen", "LP", [(-0.22, -0.1), (-0.18, 0.06), (-0.3, 0.0)], (1, 3),
      (0.04, 0.035), "right", {"spleen": (0.27, 0.1), "aorta": (0.03, 0.12)},
      "hydatid cyst", "hydatid cysts", ["the hydatid cysts of liver", "the hepatic hydatid"],
      ["hydatid", "echinococc", "cyst"],
      ["30M", "45F", "38M", "52F"], ["dull Rt upper quadrant ache x 6 months, sheep rearing family",
                                      "incidental finding during USG, mild discomfort Rt hypochondrium"],
      "CECT abdomen",
      ["Liver is involved in about 70% and lung in about 20% of cases.",
       "Gharbi/WHO classification helps decide PAIR versus surgery."],
      ["Tab. albendazole 400 mg BD with food for 28 days, LFT monitoring every 2 weeks.",
       "Surgery/PAIR after 4 weeks of cover; avoid spillage, risk of anaphylaxis."],
      "If the same were in the {opp} side of abdomen, we would have checked the spleen first.",
      "explains the upper quadrant ache", "water bags formed by a dog tapeworm"),
    P("pituitary macroadenoma", "MR", "brain", "LI", [(0.0, -0.06)], (1, 1), (0.05, 0.055), "midline",
      {"sphenoid sinus": (0.0, 0.15), "right cavernous sinus": (-0.09, 0.0)},
      "macroadenoma", "macroadenoma", ["the pituitary macroadenoma", "the pituitary adenoma"],
      ["pituitar", "adenoma", "sellar", "prolactinoma"],
      ["34F", "48M", "29F", "55M"], ["bitemporal hemianopia, headache, galactorrhoea, prolactin 180 ng/ml",
                                      "visual blurring both eyes, amenorrhoea x 1 yr"],
      "MRI sella (coronal)",
      ["Lesions above 10 mm are called macro; about 10% of the population has incidental microadenoma.",
       "Optic chiasm normally lies about 5-10 mm above the diaphragma sellae."],
      ["Endocrine panel: TSH, cortisol, IGF-1; cabergoline 0.25 mg twice weekly if prolactinoma.",
       "Neurosurgery for trans-sphenoidal surgery if vision worsens; perimetry every 3 months."],
      "If it were deviated to the {opp} side, the cavernous sinus on that side would be at risk.",
      "explains the visual field loss and hormone symptoms", "a growth of the master gland below the brain"),
    P("left adrenal mass", "CT", "abdomen", "LP", [(0.13, 0.09)], (1, 1), (0.028, 0.024), "left",
      {"aorta": (0.03, 0.12), "left kidney": (0.19, 0.18), "liver": (-0.2, -0.08)},
      "adrenal mass", "adrenal masses", ["the Lt adrenal mass", "the left adrenal nodule"],
      ["adrenal", "incidentaloma", "pheo"],
      ["50F", "57M", "44F", "61M"], ["resistant hypertension on 3 drugs, episodic palpitations and sweating",
                                      "headache, palpitations, BP 200/120 despite 3 drugs, K/C/O DM"],
      "CECT abdomen (triple phase)",
      ["Incidental adrenal nodules are found in about 4-5% of abdominal CTs.",
       "Washout above 60% absolute favours adenoma."],
      ["24 hr urinary metanephrines, 1 mg dexamethasone suppression test and aldosterone-renin ratio.",
       "If functional or above 4 cm, laparoscopic adrenalectomy after alpha-blockade."],
      "If it were on the {opp} side, it would sit behind the IVC instead.",
      "could explain the resistant hypertension", "a lump on the small gland above the kidney"),
    P("bilateral hydronephrosis", "MR", "abdomen", "LI", [(-0.17, -0.04), (0.17, -0.06), (0.19, 0.06)], (2, 3),
      (0.045, 0.06), "bilateral", {"spine": (0.0, 0.1), "liver": (-0.2, -0.25)},
      "dilated pelvicalyceal system", "dilated pelvicalyceal systems", ["the B/L hydronephrosis",
                                                                         "the bilateral hydronephrosis"],
      ["hydroneph", "pelvicalyc", "pcs", "hydroureter"],
      ["3M", "64M", "36F", "70M"], ["decreased urine output, S. creatinine rising 1.4 to 3.2 mg/dl",
                                     "recurrent UTI, poor stream since childhood"],
      "MR urography (coronal)",
      ["Posterior urethral valves cause about 10% of antenatal hydronephrosis in boys.",
       "Renal pelvis APD above 10 mm in adults is taken as dilated."],
      ["Catheterise and recheck creatinine after 48 hrs; if no fall, B/L PCN to be discussed.",
       "Nephrology review, avoid nephrotoxic drugs, urine culture before antibiotics."],
      None, "explains the rising creatinine", "swelling of both kidneys with backed-up urine"),
]


# -- geometry ------------------------------------------------------------------------------------------

def _to_image(lat: float, ver: float, orient: str) -> tuple[float, float]:
    """Normalised image (x, y) of a patient offset: lat + = patient left, ver + = the orientation's 2nd letter."""
    x = 0.5 + lat if orient[0] == "L" else 0.5 - lat
    return x, 0.5 + ver


def facts_for(p: dict, rng) -> dict:
    """Ellipses jittered by rng; redrawn (deterministically) until the facts show the profile's side and a
    piece count within its range, so its name and story stay true."""
    yy, xx = np.mgrid[0:H, 0:W]
    others = {name: _to_image(lat, ver, p["orient"]) for name, (lat, ver) in sorted(p["others"].items())}
    for _ in range(60):
        k = rng.randint(p["k"][0], p["k"][1])
        centres = list(p["pieces"])
        if k < len(centres):
            centres = rng.sample(centres, k)
        mask = np.zeros((H, W), bool)
        for (lat, ver) in centres:
            lat += rng.uniform(-0.02, 0.02)
            ver += rng.uniform(-0.02, 0.02)
            s = rng.uniform(0.75, 1.3)
            rx, ry = p["r"][0] * s * W, p["r"][1] * s * rng.uniform(0.85, 1.15) * H
            x, y = _to_image(lat, ver, p["orient"])
            mask |= ((xx - x * (W - 1)) / rx) ** 2 + ((yy - y * (H - 1)) / ry) ** 2 <= 1.0
        if p["target"] == "pericardial effusion":  # a rim around the heart
            x, y = _to_image(0.04, -0.08, p["orient"])
            mask &= ~(((xx - x * (W - 1)) / (0.1 * W)) ** 2 + ((yy - y * (H - 1)) / (0.08 * H)) ** 2 <= 1.0)
        f = compute_facts(mask, p["orient"], others).model_dump(mode="json")
        if (p["side"] is None or f["laterality"] == p["side"]) and p["k"][0] <= f["components"] <= p["k"][1]:
            return f
    raise RuntimeError(f"no draw for {p['target']}")


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


def pick_profile(profiles, i, defect, rng):
    if defect == "count" and rng.random() < 0.6:
        return rng.choice([q for q in profiles if q["k"][1] > 1])
    return rng.choice(profiles)


# -- phrasing ------------------------------------------------------------------------------------------

OPPS = {"left": "right", "right": "left"}
ABBR = {"left": "Lt", "right": "Rt"}
VOPP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
REL_TXT = {"left_of": ["to the Lt of {o}", "on the left side of {o}", "left of {o}"],
           "right_of": ["to the Rt of {o}", "on the right side of {o}", "right of {o}"],
           "anterior_to": ["anterior to {o}", "in front of {o}", "ventral to {o}"],
           "posterior_to": ["posterior to {o}", "behind {o}", "dorsal to {o}"],
           "superior_to": ["superior to {o}", "above {o}", "cranial to {o}"],
           "inferior_to": ["inferior to {o}", "below {o}", "caudal to {o}"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
        "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


class Row:
    """Turns under construction plus the ledger of claims about the target."""

    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.st, self.rng = p, facts, style, rng
        self.turns: list[dict] = []
        self.claims: list[dict] = []
        self.used: set = set()

    def claim(self, kind, value, text, role, corrected=False):
        self.claims.append(dict(kind=kind, value=value, turn=len(self.turns), role=role, corrected=corrected,
                                text=text))
        return text

    def pick(self, pool):
        fresh = [x for x in pool if x not in self.used]
        x = self.rng.choice(fresh or pool)
        self.used.add(x)
        return x

    def add(self, role, content):
        self.turns.append({"role": role, "content": content})


def pct(f: float) -> str:
    v = f * 100
    return f"{v:.1f}" if v >= 1 else f"{v:.2f}"


def false_pct(f: float, rng) -> str:
    v = f * 100
    if v < 3:
        return str(rng.choice([14, 18, 22, 25]))
    return rng.choice(["0.2", "0.3", "0.4"])


def side_words(side: str, reg: str, rng) -> str:
    if side in ("left", "right"):
        pool = {"whatsapp": [f"{ABBR[side]} side", f"{ABBR[side]} sided", f"on {ABBR[side]}"],
                "report": [f"{ABBR[side]} side", f"{side}-sided", f"on the {side}"],
                "referral": [f"{side} side", f"{ABBR[side]} side", f"on the {side}"],
                "relative": [f"on the {side} side of the body", f"on the {side} side", f"on {side} side"]}[reg]
    elif side == "bilateral":
        pool = {"whatsapp": ["B/L", "on both sides", "B/L, Rt and Lt both"],
                "report": ["bilateral", "B/L", "on both sides"],
                "referral": ["bilateral", "on both sides", "B/L"],
                "relative": ["on both sides of the body", "on both the right and left side"]}[reg]
    else:  # midline
        pool = {"whatsapp": ["in midline", "midline"], "report": ["midline", "in the midline"],
                "referral": ["in the midline", "midline"], "relative": ["in the middle line of the body",
                                                                         "in the centre line, not to one side"]}[reg]
    return rng.choice(pool)


def false_side(side: str, rng) -> tuple[str, str]:
    """(value for the ledger, the side to write)."""
    if side in ("left", "right"):
        return OPPS[side], OPPS[side]
    s = rng.choice(["left", "right"])
    return s, s


def vert_words(v: str, reg: str, rng) -> str:
    lay = reg == "relative"
    table = {
        "anterior": ["towards the front (tummy/chest side)", "towards the front of the body"] if lay else
        ["anteriorly placed", "in the anterior part of the slice", "anterior in position"],
        "posterior": ["towards the back of the body", "on the back side"] if lay else
        ["posteriorly placed", "in the posterior part of the slice", "posterior in position"],
        "superior": ["towards the upper side, head end", "in the upper part"] if lay else
        ["superiorly placed", "in the superior part of the slice", "superior in position"],
        "inferior": ["towards the lower side, foot end", "in the lower part"] if lay else
        ["inferiorly placed", "in the inferior part of the slice", "inferior in position"],
    }
    if v == "central":
        axis = "front-to-back" if "P" in reg_orient_hint[0] else "head-to-foot"
        return rng.choice([f"midway in the {axis} direction, neither end",
                           f"at mid-depth of the slice in the {axis} axis"])
    return rng.choice(table[v])


reg_orient_hint = ["LP"]  # set per row: which vertical axis the slice has


def false_vert(v: str, rng) -> str:
    if v in VOPP:
        return VOPP[v]
    return rng.choice(["anterior", "posterior"] if "P" in reg_orient_hint[0] else ["superior", "inferior"])


def count_words(n: int, p: dict, reg: str, rng) -> str:
    noun = p["sing"] if n == 1 else p["plur"]
    if n == 1 and p["k"][1] == 1:
        return rng.choice([f"{noun} in a single piece", f"{noun} as a single region"])
    if n == 1:
        return rng.choice([f"single {noun}", f"solitary {noun}", f"only one {noun}"])
    w = {2: "two", 3: "three", 4: "four", 5: "five"}[n]
    return rng.choice([f"{w} ({n}) {noun}", f"{n} {noun}", f"{w} separate {noun}"])


def false_count(n: int, rng) -> int:
    if n == 1:
        return rng.choice([2, 3])
    return rng.choice([1, n + 1] if n < 5 else [1, 3])


def size_words(c: str, reg: str, rng) -> str:
    return {"small": "small", "medium": "medium-sized", "large": "large"}[c]


def false_size(c: str, rng) -> str:
    return {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[c]


# -- sentences per kind ----------------------------------------------------------------------------

def s_side(row: Row, side: str, role="assistant", value=None, corrected=False) -> str:
    reg, rng = row.st, row.rng
    if side in ("left", "right"):
        a, full = ABBR[side], side
        pool = {"whatsapp": [f"It is {a} sided sir.", f"The same is noted on {a} side.", f"Lesion is on {a}."],
                "report": [f"{full.capitalize()}-sided.", f"Located on the {full}.", f"{a} side involved."],
                "referral": [f"The lesion is on the {full} side.", f"It is {a} sided."],
                "relative": [f"It is on the {full} side of the body.", f"This problem is on the {full} side."]}[reg]
    else:
        w = side_words(side, reg, rng)
        pool = {"whatsapp": [f"It is {w}.", f"Same seen {w}."], "report": [f"Finding is {w}.", f"Lies {w}."],
                "referral": [f"It is {w}.", f"The finding is {w}."],
                "relative": [f"It is {w}.", f"This problem is {w}."]}[reg]
    return row.claim("laterality", value or side, rng.choice(pool), role, corrected)


def s_vert(row: Row, v: str, role="assistant", corrected=False) -> str:
    w = vert_words(v, row.st, row.rng)
    txt = row.rng.choice({"whatsapp": ["Placed {w}.", "It is {w}."], "report": ["Lesion {w}.", "It is {w}."],
                          "referral": ["It is {w}.", "Located {w}."],
                          "relative": ["It sits {w}.", "It is {w}."]}[row.st]).format(w=w)
    return row.claim("position", ("vertical", v), txt, role, corrected)


def s_rel(row: Row, rel: str, other: str, role="assistant") -> str:
    w = row.rng.choice(REL_TXT[rel]).format(o="the " + other)
    txt = row.rng.choice(["It lies {w}.", "Located {w}.", "The same is {w}."]).format(w=w)
    return row.claim("position", ("rel", rel, other), txt, role)


def s_size(row: Row, c: str | None, frac: str | None, role="assistant", corrected=False) -> str:
    rng = row.rng
    if frac is not None:
        txt = rng.choice(["Occupies approx. {x}% of the image.", "Covers approx. {x}% of image area.",
                          "Roughly {x}% of the picture is taken by it."]).format(x=frac)
        return row.claim("size", ("pct", float(frac)), txt, role, corrected)
    a = size_words(c, row.st, rng)
    txt = rng.choice({"whatsapp": ["Size wise {a} only.", "It is {a} sir."],
                      "report": ["{A} on this slice.", "Size: {a} relative to field."],
                      "referral": ["The same appears {a}.", "It is {a}, relative to the field of view."],
                      "relative": ["It is {a} on this picture.", "It is a {a} one."]}[row.st])
    txt = txt.format(a=a, A=a.capitalize())
    return row.claim("size", ("class", c), txt, role, corrected)


def s_count(row: Row, n: int, role="assistant", corrected=False) -> str:
    w = count_words(n, row.p, row.st, row.rng)
    be = "is" if n == 1 else "are"
    if n == 1 and row.p["k"][1] == 1:
        txt = row.rng.choice(["Seen {w}.", "I can see the {w} here."]).format(w=w)
    else:
        txt = row.rng.choice([f"There {be} {{w}} on this slice.", "Noted {w}.", "I can see {w} here."]).format(w=w)
    return row.claim("count", n, txt, role, corrected)


# -- the conversation --------------------------------------------------------------------------------

def opener(row: Row, names: bool) -> str:
    p, rng, st = row.p, row.rng, row.st
    age = rng.choice(p["pt"])
    story = rng.choice(p["story"])
    if names:
        nm = rng.choice(p["qname"])
        return rng.choice({
            "whatsapp": [f"Sir gd evng, {age}, {story}. {p['scan']} attached. Kindly segment {nm} and tell me "
                         f"what to write sir.",
                         f"Sir sorry to disturb. {p['scan']} of {age} pt, c/o {story}. Pls mark {nm} on "
                         f"this image, HOD wants it by morning."],
            "report": [f"Dictate impression for {p['scan']}: {age}, {story}. Outline {nm} on the key image.",
                       f"Key image for report please, {p['scan']}, {age}. Segment {nm} and give impression."],
            "referral": [f"Respected Sir/Madam,\nReferring {age}, c/o {story}. {p['scan']} done at our "
                         f"district hospital shows {nm}. Kindly mark the same and do the needful.",
                         f"Dear Sir, Pt {age} with {story}. Our sonologist reported {nm}; please segment "
                         f"{nm} on enclosed image and revert back."],
            "relative": [f"Doctor sir, I am asking for my relative ({age}). Her/his report says {nm}. Can you "
                         f"show me {nm} on this picture please?",
                         f"Hello doctor, my family member {age} had {p['scan']}. They told {nm}. Where is "
                         f"{nm} in this image, please show."]}[st])
    what = rng.choice(["which finding", "which structure", "what lesion"])
    return rng.choice({
        "whatsapp": [f"Sir gd mrng. {age}, {story}. {p['scan']} done. Sir {what} here is responsible? Kindly "
                     f"segment the same sir.",
                     f"Sir one case pls. {age}, c/o {story}. {p['scan']} attached. {what.capitalize()} "
                     f"explains complaints sir? Pls mark the same and guide."],
            "report": [f"{p['scan']}. Clinical: {age}, {story}. Identify {what} accounts for clinical picture "
                       f"and outline it on key image; impression pls.",
                       f"Key image needed. {age}; h/o {story}. {what.capitalize()} correlates with history? "
                       f"Segment the same."],
            "referral": [f"Respected Sir/Madam,\nThis is to refer {age}, c/o {story}. {p['scan']} done at our "
                         f"CHC. Kindly see image and identify {what} is causing complaints; mark the same. "
                         f"Kindly do the needful and revert back.",
                         f"Dear Sir, Greetings from district hospital. Pt {age}, {story}. Kindly tell {what} "
                         f"in enclosed {p['scan']} explains the condition and segment the same. Thanking you."],
            "relative": [f"Good evening doctor. I am asking on behalf of my relative, {age}. Problem: {story}. "
                         f"{p['scan']} was done yesterday. Which part in this picture is causing trouble? Please "
                         f"show us.",
                         f"Sir/madam, my family member {age} is having {story}. Local doctor did {p['scan']} and "
                         f"said something is there. Can you point out which thing in the scan is the cause?"]}[st])


def name_sentence(row: Row) -> str:
    p, rng, st, f = row.p, row.rng, row.st, row.f
    noun = p["sing"] if f["components"] == 1 else p["plur"]
    return rng.choice({
        "whatsapp": [f"Sir it is {noun} {SEG}, {p['fn']}.", f"{noun.capitalize()} {SEG} - {p['fn']} sir.",
                     f"Marked {SEG}. This is {noun}, s/o cause of symptoms."],
        "report": [f"IMPRESSION: {noun.capitalize()} {SEG}, {p['fn']}.",
                   f"IMPRESSION:\n- {noun.capitalize()} as outlined {SEG}; {p['fn']}."],
        "referral": [f"Dear Doctor, thank you for the referral. Image reviewed; finding is {noun} {SEG}, which "
                     f"{p['fn']}.", f"Thank you for referring. The outlined area {SEG} is {noun}; it {p['fn']}."],
        "relative": [f"Thank you for asking. The marked area {SEG} is {p['lay']} ({noun}). It {p['fn']}.",
                     f"I have marked it {SEG}. This is {p['lay']} - doctors call it {noun}. It {p['fn']}."]}[st])


def convention_note(row: Row) -> str:
    """A true remark on how the image is displayed (image side vs patient side), no claim about the mask side
    beyond what the facts say."""
    o, lat = row.p["orient"], row.f["laterality"]
    if lat not in ("left", "right") or o[0] not in "LR":
        return ""
    screen = "right" if (o[0] == "L") == (lat == "left") else "left"
    if row.st == "relative":
        return (f"Do not be confused that it appears on the {screen} of the screen; scans are seen as if facing "
                f"the patient, so that is the patient's {lat}.") if screen != lat else \
            f"On this type of scan the screen side and body side are the same, so {screen} of screen is {lat}."
    return (f"NB image {screen} = pt's {lat} on this display.") if screen != lat else \
        f"(Neurological display here, image {screen} is pt's {lat}.)"


def negation(row: Row) -> str:
    lat = row.f["laterality"]
    rng = row.rng
    if lat in ("left", "right"):
        o = OPPS[lat]
        txt = rng.choice([f"Not on {ABBR[o]} side.", f"No e/o the same on {o} side.",
                          f"{o.capitalize()} side is clear."])
        return row.claim("laterality", ("not", o), txt, "assistant")
    if lat == "midline":
        txt = rng.choice(["Not deviated to either side.", "No lateral deviation to Rt or Lt."])
        return row.claim("laterality", ("not", "sided"), txt, "assistant")
    if lat == "bilateral":
        txt = rng.choice(["Not confined to one side.", "Not unilateral."])
        return row.claim("laterality", ("not", "one-sided"), txt, "assistant")
    return ""


def claim_sentence(row: Row, kind: str, false: bool) -> str:
    f, rng = row.f, row.rng
    if kind == "laterality":
        if false:
            val, s = false_side(f["laterality"], rng)
            return s_side(row, s, value=val)
        return s_side(row, f["laterality"])
    if kind == "position":
        rels = [r for r in f["relations"]]
        use_rel = rels and rng.random() < 0.5
        if use_rel:
            r = rng.choice(rels)
            return s_rel(row, FLIP[r["relation"]] if false else r["relation"], r["other"])
        v = f["vertical"]
        return s_vert(row, false_vert(v, rng) if false else v)
    if kind == "size":
        if rng.random() < 0.4:
            return s_size(row, None, false_pct(f["area_fraction"], rng) if false else pct(f["area_fraction"]))
        return s_size(row, false_size(f["size_class"], rng) if false else f["size_class"], None)
    if kind == "count":
        return s_count(row, false_count(f["components"], rng) if false else f["components"])
    raise ValueError(kind)


FOLLOW_Q = {
    "laterality": {"whatsapp": ["Sir which side to write?", "Sir side pls confirm, I am confused with image "
                                                            "orientation."],
                   "report": ["Laterality for report?", "Side to be mentioned in impression?"],
                   "referral": ["Kindly confirm the side, as surgeon wants to know before planning.",
                                "Which side is involved, kindly clarify."],
                   "relative": ["Which side of the body is it doctor?", "Is it on her left or right side?"]},
    "position": {"whatsapp": ["Sir where exactly it is located wrt surrounding structures?",
                              "Sir position pls, for the report."],
                 "report": ["Location within slice, for the findings para?", "Location to be described?"],
                 "referral": ["Kindly describe the exact location for our surgeon.",
                              "Where exactly is the same situated?"],
                 "relative": ["Where exactly is it in the body, front or back?", "Where is it placed exactly?"]},
    "size": {"whatsapp": ["Sir how big it is approx.?", "Size sir? Small or big?"],
             "report": ["Size descriptor?", "How large on the key image?"],
             "referral": ["Kindly comment on the size.", "What is the size of the same?"],
             "relative": ["Is it big doctor? We are very worried.", "How big is it?"]},
    "count": {"whatsapp": ["Sir how many are there?", "Sir single or multiple?"],
              "report": ["Number of lesions?", "Solitary or multiple?"],
              "referral": ["Kindly mention the number of lesions.", "Is it single or more than one?"],
              "relative": ["Is there only one or many?", "How many are there doctor?"]},
}


def premise_q(row: Row, kind: str, false: bool) -> tuple[str, str]:
    """A user turn that states a claim as its premise, and the ledger value. Wrong when `false`."""
    f, rng, st = row.f, row.rng, row.st
    if kind == "laterality":
        val, s = false_side(f["laterality"], rng) if false else (f["laterality"], f["laterality"])
        w = side_words(s, st, rng)
        txt = {"whatsapp": f"Ok sir. Since it is {w}, shall I call surgery resident directly?",
               "report": f"Noted, {w} finding. Any further sequence required?",
               "referral": f"As the lesion is {w}, kindly advise whether we can manage at our centre.",
               "relative": f"So it is {w}. Can it be treated in our district or should we come to city?"}[st]
        row.claim("laterality", val, txt, "user")
        return txt, "laterality"
    if kind == "count":
        n = false_count(f["components"], rng) if false else f["components"]
        w = count_words(n, row.p, st, rng)
        txt = {"whatsapp": f"Ok sir, {w} noted. Should I add contrast phase?",
               "report": f"Noted: {w}. Anything else for the impression?",
               "referral": f"Since there is {w}, kindly advise the next step.",
               "relative": f"So there is {w}. Is it dangerous doctor?"}[st]
        row.claim("count", n, txt, "user")
        return txt, "count"
    if kind == "size":
        c = false_size(f["size_class"], rng) if false else f["size_class"]
        w = size_words(c, st, rng)
        txt = {"whatsapp": f"Ok sir, so it is {w}. Follow-up scan needed?",
               "report": f"Size {w} noted. Recommendation?",
               "referral": f"Since it is {w}, kindly advise on further management.",
               "relative": f"Doctor, you said it is {w}. Does she need operation?"}[st]
        row.claim("size", ("class", c), txt, "user")
        return txt, "size"
    v = false_vert(f["vertical"], rng) if false else f["vertical"]
    w = vert_words(v, st, rng)
    txt = {"whatsapp": f"Ok sir, it is {w}. Any other view needed?",
           "report": f"Location {w}, noted. Recommendation?",
           "referral": f"As it lies {w}, kindly advise the approach.",
           "relative": f"So it is {w}. What is the next step?"}[st]
    row.claim("position", ("vertical", v), txt, "user")
    return txt, "position"


def neutral_answer(row: Row) -> str:
    p, rng, st = row.p, row.rng, row.st
    m = rng.choice(p["mgmt"])
    k = rng.choice(p["kb"])
    return {"whatsapp": rng.choice([f"Ok. {m} {k}", f"{m} Discuss with unit and revert back.", f"{m} {k}"]),
            "report": rng.choice([f"RECOMMENDATION: {m}", f"Advice: {m} Kindly correlate clinically."]),
            "referral": rng.choice([f"{m} {k} Kindly do the needful.", f"Suggested: {m} Please revert back "
                                                                        f"if any queries."]),
            "relative": rng.choice([f"Please do not worry. The treating doctor will explain. In short: {m}",
                                    f"{k} The team will guide you; typically: {m}"])}[st]


def corrected_premise(row: Row, kind: str) -> tuple[str, str]:
    """A user premise that is wrong, and the assistant's answer that corrects it (ledger: both)."""
    f, rng, st = row.f, row.rng, row.st
    if kind == "laterality" and f["laterality"] in ("left", "right", "bilateral", "midline"):
        val, s = false_side(f["laterality"], rng)
        q = {"whatsapp": f"Sir but it looks {side_words(s, st, rng)} na? Pls confirm.",
             "report": f"Clinician wrote {side_words(s, st, rng)} in requisition. Same?",
             "referral": f"Our medical officer felt it was {side_words(s, st, rng)}. Kindly clarify.",
             "relative": f"Local doctor said it is {side_words(s, st, rng)}. Is that correct?"}[st]
        row.claim("laterality", val, q, "user", corrected=True)
        row.add("user", q)
        fix = {"whatsapp": "No, that is wrong.", "report": "No, requisition is incorrect.",
               "referral": "No, that is not correct.", "relative": "No, that is not right."}[st]
        body = s_side(row, f["laterality"])
        return fix + " " + body + " " + (convention_note(row) or ""), kind
    if kind == "count":
        n = false_count(f["components"], rng)
        q = {"whatsapp": f"Sir I counted {n} of them, correct?",
             "report": f"Resident's draft says {n}. Correct?",
             "referral": f"Our sonologist counted {n}. Kindly confirm.",
             "relative": f"They told us there are {n}. Is it?"}[st]
        row.claim("count", n, q, "user", corrected=True)
        row.add("user", q)
        return rng.choice(["No, please recount.", "Not correct."]) + " " + s_count(row, f["components"]), kind
    c = false_size(f["size_class"], rng)
    q = {"whatsapp": f"Sir I wrote {size_words(c, st, rng)} in draft, ok?",
         "report": f"Draft says {size_words(c, st, rng)}. Agree?",
         "referral": f"Our report mentions it as {size_words(c, st, rng)}. Kindly verify.",
         "relative": f"Someone told us it is {size_words(c, st, rng)}. True?"}[st]
    row.claim("size", ("class", c), q, "user", corrected=True)
    row.add("user", q)
    return rng.choice(["No, I do not agree.", "That is not correct."]) + " " + s_size(row, f["size_class"], None), \
        "size"


def self_correction(row: Row, kind: str) -> str:
    """The assistant slips on the side or count and corrects itself in the same breath (clean rows)."""
    f, rng, st = row.f, row.rng, row.st
    if kind == "laterality":
        lat = f["laterality"]
        o = OPPS[lat]
        if st == "relative":
            w = row.claim("laterality", o, f"on the {o} side", "assistant", corrected=True)
            r = row.claim("laterality", lat, f"the {lat} side of the body", "assistant")
            return f"It is {w} - no, sorry, I mean {r}."
        w = row.claim("laterality", o, f"{ABBR[o]} sided", "assistant", corrected=True)
        r = row.claim("laterality", lat, f"{ABBR[lat]} sided", "assistant")
        return rng.choice([f"It is {w}... sorry, typo, it is {r}.", f"Lesion {w} (correction: {r}, I mistyped)."])
    n = f["components"]
    m = false_count(n, rng)
    w = row.claim("count", m, f"{m}", "assistant", corrected=True)
    r = row.claim("count", n, f"{n}", "assistant")
    noun = row.p["sing"] if n == 1 else row.p["plur"]
    return rng.choice([f"Number of {row.p['plur']}: {w}... no, correction, {r} on recount.",
                       f"Count: {w} - sorry, wrong, it is {r} ({noun})."])


def build(p: dict, facts: dict, style: str, rng, defect):
    reg_orient_hint[0] = p["orient"]
    row = Row(p, facts, style, rng)
    kinds = ["laterality", "position", "size", "count"]
    place = None
    if defect in kinds:
        place = rng.choice(["first", "followup", "premise"])
        if defect == "position" and place == "premise":
            place = rng.choice(["premise", "first"])
    # first question
    q = opener(row, defect == "names_target")
    row.add("user", q)
    # first answer
    parts = [name_sentence(row)]
    first_kinds = rng.sample(kinds, rng.randint(2, 3))
    if defect in kinds:
        if place == "first":
            if defect not in first_kinds:
                first_kinds[0] = defect
        elif defect in first_kinds:
            first_kinds.remove(defect)
    clean = defect is None
    slip = clean and rng.random() < 0.3
    for k in first_kinds:
        if slip and ((k == "count" and p["k"][1] > 1) or (k == "laterality" and facts["laterality"] in ("left", "right"))):
            parts.append(self_correction(row, k))
            slip = False
        else:
            parts.append(claim_sentence(row, k, false=(defect == k and place == "first")))
    if rng.random() < 0.5:
        parts.append(rng.choice(p["kb"]))
    if clean and rng.random() < 0.5:
        n = negation(row)
        if n:
            parts.insert(rng.randint(2, len(parts)), n)
    if clean and p["hyp"] and p["side"] in ("left", "right") and rng.random() < 0.4:
        parts.append(p["hyp"].format(opp=ABBR[OPPS[p["side"]]] if style != "relative" else OPPS[p["side"]]))
    if rng.random() < 0.5:
        c = convention_note(row)
        if c:
            parts.append(c)
    tail = {"whatsapp": rng.choice(["", "Kindly correlate clinically.", "Write s/o and add ?r/o in "
                                                                        "differential."]),
            "report": rng.choice(["No e/o free fluid.", "Kindly correlate clinically.",
                                  "No e/o lymphadenopathy. Kindly correlate clinically."]),
            "referral": rng.choice(["With regards,\nDept. of Radiodiagnosis", "Kindly revert back if needed."]),
            "relative": rng.choice(["Please keep all old reports with you when you come.",
                                    "Please don't panic; this is treatable.",
                                    "If pain increases, prepone the appointment."])}[style]
    if tail:
        parts.append(tail)
    sep = "\n" if style == "report" else " "
    row.add("assistant", sep.join(x for x in parts if x))
    # follow-ups
    n_rounds = rng.randint(1, 3)
    plan = []
    remaining = [k for k in kinds if k not in first_kinds]
    if defect in kinds and place in ("followup", "premise"):
        plan.append(("defect", defect))
    if clean and rng.random() < 0.45:
        plan.append(("corrected", rng.choice(["laterality", "count", "size"])))
    while len(plan) < n_rounds:
        opts = [("ask", k) for k in remaining if k != defect and ("ask", k) not in plan] + [("mgmt", None)]
        if clean:
            opts.append(("premise_true", rng.choice(["laterality", "size", "count"])))
        plan.append(rng.choice(opts))
    rng.shuffle(plan)
    for what, k in plan:
        if what == "defect" and place == "followup":
            row.add("user", row.pick(FOLLOW_Q[k][style]))
            ans = claim_sentence(row, k, false=True)
            row.add("assistant", ans + " " + neutral_answer(row))
        elif what == "defect":
            txt, _ = premise_q(row, k, false=True)
            row.add("user", txt)
            row.add("assistant", neutral_answer(row))
        elif what == "corrected":
            ans, _ = corrected_premise(row, k)
            row.add("assistant", ans)
        elif what == "premise_true":
            if any(c["kind"] == k and c["role"] == "user" for c in row.claims):
                row.add("user", row.pick(["Anything else to add?", "Any other advice?", "Anything more?"]))
                row.add("assistant", neutral_answer(row))
                continue
            txt, _ = premise_q(row, k, false=False)
            row.add("user", txt)
            row.add("assistant", rng.choice(["Right. ", "Correct. ", ""]) + neutral_answer(row))
        elif what == "ask":
            row.add("user", row.pick(FOLLOW_Q[k][style]))
            row.add("assistant", claim_sentence(row, k, false=False) + " " + rng.choice(
                ["", rng.choice(p["kb"]), rng.choice(p["mgmt"])]).strip())
        else:
            row.add("user", row.pick({"whatsapp": ["Sir what to advise next?", "Sir further plan?",
                                                   "Sir shall I write any advice?"],
                                        "report": ["Recommendation line?", "Any advice to add?",
                                                   "Further evaluation to suggest?"],
                                        "referral": ["Kindly advise further management.",
                                                     "What should be the next step at our level?"],
                                        "relative": ["What should we do now doctor?",
                                                     "Is it curable? What next?"]}[style]))
            row.add("assistant", neutral_answer(row))
    for t in row.turns:
        t["content"] = " ".join(t["content"].split(" ")).strip()
    LEDGER.append({"target": p["target"], "defect": defect, "place": place, "claims": row.claims})
    return row.turns, ([] if defect is None else [defect])
