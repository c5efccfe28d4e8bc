"""Bank FX: prostate and female/male pelvic MRI and ultrasound, written blind (helper `qcfx`, never having read
the QC rules, their tests, other banks or their rows).

Targets: prostate gland, peripheral/transition zone lesions, seminal vesicles, bladder, rectum and mesorectum,
pelvic and mesorectal nodes, uterus, fibroids, endometrium, cervix, ovaries, adnexal masses, follicles
(axial MR "LP", one axial series in neurological display "RP", coronal MR "LI", transverse US "LP").
Registers: `urorad` (uro-radiology reporting), `gynclinic` (gynaecology clinic chat), `mdt` (pelvic MDT
discussion, speakers named inside the turns), `patient` (a patient asking about their own scan).

Every statement about the target is built from the computed facts and logged in a ledger (`_build`), which the
writer's own reader (/work/notes/qcfx_scripts/check_fx.py) re-verifies against recomputed facts; every other
sentence carrying a side, position, size or count word is logged as not being about the mask.
24 targets in 25 profiles (the bladder axial and coronal). Own check (check_fx.py): rows 420, clean 210, defects
laterality 42 / position 42 / size 42 / count 42 / names_target 42; false claims sit in the first answer 55, a
follow-up answer 62, a user premise left uncorrected 51, the first question 42; problems: 0.
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

STYLES = ["urorad", "gynclinic", "mdt", "patient"]
NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
OPP = {"left": "right", "right": "left"}
N = 256

M, F, A = "m", "f", "any"

# u: toward the patient's left (+), v: toward posterior (axial) or inferior (coronal) (+), both in image units
PROFILES = [
    dict(target="prostate gland", sex=M, mod="MR", orient="LP", pieces=[(0.0, 0.02, 0.16, 0.13)],
         others={"rectum": (0.0, 0.27), "pubic symphysis": (0.0, -0.3), "left obturator internus": (0.3, 0.0)},
         forbid=["prostate", "prostatic"], noun=("gland", "glands"),
         alias=["the prostate gland", "the prostate", "the whole gland"],
         q=["Which gland wrapped around the proximal urethra would you measure for a PSA density calculation?",
            "Which accessory sex gland, sitting beneath the bladder neck, explains his poor stream here?"],
         ql=["Which part of me is the gland that makes the PSA the doctor keeps measuring?"],
         ctx=["71-year-old, PSA 6.8 ng/mL, 3 T multiparametric MRI", "PSA 11 two years after a negative biopsy, bpMRI"],
         lay=["My GP said my PSA was 7 and sent me for an MRI.", "I'm 69 and get up at night to pee a lot."],
         kb=["A normal adult gland is usually about 20 to 25 mL, so PSA density above 0.15 is the figure people watch.",
             "Volume is estimated with the ellipsoid formula: length times width times height times 0.52.",
             "The peripheral zone makes up about 70% of a young man's gland, the transition zone only about 5%."],
         regs=("urorad", "mdt", "patient")),
    dict(target="left peripheral zone lesion", sex=M, mod="MR", orient="LP", pieces=[(0.1, 0.09, 0.035, 0.03)],
         others={"urethra": (0.0, 0.0), "rectum": (0.0, 0.27)},
         forbid=["peripheral zone", "lesion"], noun=("lesion", "lesions"),
         alias=["a left peripheral zone lesion", "the peripheral zone lesion", "a peripheral zone focus"],
         q=["Which focus here would you target with fusion biopsy for suspected clinically significant cancer?",
            "What is the most likely source of his rising PSA on these diffusion images?"],
         ql=["The report says PI-RADS 4. Which bit is the worrying spot?"],
         ctx=["66-year-old, PSA 8.2 ng/mL, PSA density 0.19, ADC 780", "PSA 9.4, family history, biparametric MRI"],
         lay=["My PSA went up to 8 and they did an MRI.", "My brother had prostate cancer at 60 so I got checked."],
         kb=["About 70% of prostate cancers arise in the peripheral zone.",
             "In the peripheral zone, diffusion drives the PI-RADS score; T2 drives it in the transition zone.",
             "Under PI-RADS v2.1, a focal lesion of 15 mm or more, or with extraprostatic extension, is scored 5 "
             "rather than 4."],
         regs=("urorad", "mdt", "patient")),
    dict(target="right peripheral zone lesion", sex=M, mod="MR", orient="LP", pieces=[(-0.1, 0.09, 0.035, 0.03)],
         others={"urethra": (0.0, 0.0), "rectum": (0.0, 0.27)},
         forbid=["peripheral zone", "lesion"], noun=("lesion", "lesions"),
         alias=["a right peripheral zone lesion", "the peripheral zone lesion", "a peripheral zone focus"],
         q=["Which focus would you send for targeted biopsy, given restricted diffusion and a dark ADC map?",
            "Where is the likely index tumour on this bpMRI?"],
         ql=["They said I might need a targeted biopsy. Of what exactly?"],
         ctx=["63-year-old, PSA 7.1, Gleason 3+3 on a previous systematic biopsy", "PSA 12, prior negative TRUS biopsy"],
         lay=["I had a biopsy 3 years ago that was fine, but my PSA kept going up.", "My PSA is 12."],
         kb=["About 70% of prostate cancers arise in the peripheral zone.",
             "A dark ADC value below roughly 750 to 900 is the range that worries most readers.",
             "Twelve systematic cores are standard when targeted cores are taken as well."],
         regs=("urorad", "mdt", "patient")),
    dict(target="transition zone nodules", sex=M, mod="MR", orient="LP",
         pieces=[(-0.09, -0.05, 0.05, 0.045), (0.09, -0.05, 0.05, 0.045), (0.0, -0.16, 0.04, 0.035)], n=(2, 3),
         others={"rectum": (0.0, 0.27), "urethra": (0.0, 0.0)},
         forbid=["transition zone", "nodule", "bph", "hyperplasia", "adenoma"], noun=("nodule", "nodules"),
         alias=["transition zone nodules", "the BPH nodules", "encapsulated transition zone nodules"],
         q=["Which benign growths, typical of an ageing gland, explain his enlarged volume and urinary symptoms?",
            "What accounts for his lower urinary tract symptoms on this T2 series?"],
         ql=["The doctor said my gland is enlarged but not cancer. What's making it big?"],
         ctx=["74-year-old, IPSS 22, PSA 4.9, volume 78 mL", "PSA 5.5, on tamsulosin, LUTS for 4 years"],
         lay=["I'm 74 and on tablets for my waterworks.", "My flow has been poor for years."],
         kb=["About 20% of prostate cancers arise in the transition zone, so these still get a careful look.",
             "Nodular hyperplasia affects roughly half of men by their 60s.",
             "A well-encapsulated nodule in the transition zone is scored PI-RADS 1 under v2.1."],
         regs=("urorad", "mdt", "patient")),
    dict(target="seminal vesicles", sex=M, mod="MR", orient="LP",
         pieces=[(-0.13, 0.04, 0.09, 0.035), (0.13, 0.04, 0.09, 0.035)],
         others={"urinary bladder": (0.0, -0.16), "rectum": (0.0, 0.24)},
         forbid=["seminal", "vesicle"], noun=("vesicle", "vesicles"),
         alias=["the seminal vesicles", "both seminal vesicles"],
         q=["Which paired glands, whose invasion would upstage a cancer to T3b, are shown here?",
            "Which structures that contribute most of the ejaculate volume should I check for tumour spread?"],
         ql=["The report says they checked whether it had spread to the glands that make semen. Which are those?"],
         ctx=["Gleason 4+3 base tumour, staging MRI", "PSA 18, staging before radical prostatectomy"],
         lay=["They're checking if my cancer has spread before surgery.", "I'm booked for a robotic operation."],
         kb=["On T2 they should be bright; low signal filling the lumen is what raises concern for invasion.",
             "Seminal vesicle invasion is stage T3b in the TNM system.",
             "They lie above the prostate base, at about the level of the bladder base."],
         regs=("urorad", "mdt", "patient")),
    dict(target="right seminal vesicle", sex=M, mod="MR", orient="LP", pieces=[(-0.13, 0.05, 0.09, 0.035)],
         others={"urinary bladder": (0.0, -0.16), "rectum": (0.0, 0.24)},
         forbid=["seminal", "vesicle"], noun=("vesicle", "vesicles"),
         alias=["the right seminal vesicle", "this seminal vesicle"],
         q=["Which paired-gland half here shows the dark T2 signal that makes us worry about T3b disease?",
            "Where could the base tumour have spread to make this a T3b cancer?"],
         ql=["The doctor said the cancer might have got into a gland next to the prostate. Which one?"],
         ctx=["Gleason 4+4 at the base, PSA 23", "high-risk disease, staging 3 T MRI"],
         lay=["My cancer is high risk, they said.", "They want to know if it has spread before treatment."],
         kb=["Seminal vesicle invasion is stage T3b in the TNM system.",
             "Low T2 signal with restricted diffusion inside the vesicle is the pattern that suggests invasion.",
             "Post-biopsy haemorrhage can mimic invasion, which is why many centres wait 6 weeks after biopsy."],
         regs=("urorad", "mdt", "patient")),
    dict(target="multifocal prostate cancer", sex=M, mod="MR", orient="LP",
         pieces=[(-0.1, 0.08, 0.03, 0.028), (0.1, 0.07, 0.03, 0.028), (0.0, -0.07, 0.028, 0.025)], n=(2, 3),
         others={"urethra": (0.0, 0.0), "rectum": (0.0, 0.27)},
         forbid=["multifocal", "prostate cancer", "tumour", "carcinoma"], noun=("tumour focus", "tumour foci"),
         alias=["multifocal prostate cancer", "multiple foci of prostate cancer", "the tumour foci"],
         q=["Which abnormal foci here would change him from focal therapy candidate to whole-gland treatment?",
            "What explains the Gleason 7 disease found in cores from different sextants?"],
         ql=["They said focal treatment may not be suitable for me. Why, what do they see?"],
         ctx=["biopsy Gleason 3+4 in 5 of 14 cores, PSA 10.2", "considering HIFU, PSA 8.8"],
         lay=["I asked about the HIFU treatment.", "My biopsy found cancer in several cores."],
         kb=["Cancer is multifocal in a majority of prostatectomy specimens; figures of 60 to 90% are quoted.",
             "Focal therapy usually needs a single index tumour with no significant disease elsewhere.",
             "The index lesion is the one with the highest grade, not always the largest."],
         regs=("urorad", "mdt", "patient")),
    dict(target="urinary bladder", sex=A, mod="MR", orient="LP", pieces=[(0.0, -0.1, 0.22, 0.17)],
         others={"rectum": (0.0, 0.3), "left external iliac vessels": (0.32, -0.05)},
         forbid=["bladder", "vesical", "vesico"], noun=("structure", "structures"),
         alias=["the urinary bladder", "the bladder", "the distended bladder"],
         q=["Which hollow organ stores urine and is filled before this pelvic scan?",
            "Which reservoir here would you check for wall thickening in a patient with haematuria?"],
         ql=["They asked me to drink water before the scan. Which part was that filling up?"],
         ctx=["haematuria work-up, pelvic MRI", "staging pelvic MRI, patient asked to hold urine"],
         lay=["I had blood in my urine last month.", "They made me drink a litre of water first."],
         kb=["Normal adult capacity is roughly 400 to 600 mL.",
             "A wall thicker than about 5 mm in a distended bladder is worth a second look.",
             "About 75% of bladder cancers are non-muscle-invasive when first found."],
         regs=("urorad", "gynclinic", "mdt", "patient")),
    dict(target="urinary bladder", sex=F, mod="MR", orient="LI", pieces=[(0.0, 0.14, 0.2, 0.12)],
         others={"uterus": (0.0, -0.12), "left femoral head": (0.34, 0.12)},
         forbid=["bladder", "vesical", "vesico"], noun=("structure", "structures"),
         alias=["the urinary bladder", "the bladder"],
         q=["On this coronal series, which urine-storing organ rests on the pelvic floor?",
            "Which organ fills with fluid before the scan and should be outlined first on this coronal view?"],
         ql=["Which part here is where my wee is kept? They said it was full on the scan."],
         ctx=["coronal T2, pelvic pain work-up", "coronal series, haematuria"],
         lay=["I had an MRI for pelvic pain.", "They asked me not to go to the toilet before."],
         kb=["Normal adult capacity is roughly 400 to 600 mL.",
             "In women the uterus normally rests on its dome, so the two move together with filling."],
         regs=("gynclinic", "mdt", "patient")),
    dict(target="bladder tumour", sex=M, mod="MR", orient="LP", pieces=[(0.15, -0.12, 0.04, 0.03)],
         others={"seminal vesicles": (0.0, 0.1), "rectum": (0.0, 0.3)},
         forbid=["bladder", "tumour", "urothelial", "carcinoma"], noun=("tumour", "tumours"),
         alias=["a bladder tumour", "the papillary bladder tumour", "the urothelial tumour"],
         q=["Which finding here most likely explains his painless visible haematuria?",
            "Which wall-based mass should be resected at TURBT, and does it look muscle-invasive?"],
         ql=["I had blood in my pee with no pain. What did they find?"],
         ctx=["64-year-old smoker, painless visible haematuria", "flexible cystoscopy found a papillary lesion, VI-RADS requested"],
         lay=["I've smoked for 40 years.", "The camera test found something and they ordered an MRI."],
         kb=["VI-RADS grades the chance of muscle invasion from 1 to 5.",
             "About 75% of bladder cancers are non-muscle-invasive when first found.",
             "Smoking roughly triples the risk of bladder cancer."],
         regs=("urorad", "mdt", "patient")),
    dict(target="bladder stone", sex=M, mod="US", orient="LP", pieces=[(0.03, 0.12, 0.032, 0.03)],
         others={"urinary bladder": (0.0, -0.05)},
         forbid=["stone", "calculus", "calculi", "lithiasis"], noun=("echogenic focus", "echogenic foci"),
         alias=["a bladder stone", "the calculus", "a vesical calculus"],
         q=["What echogenic, shadowing focus that moves when the patient turns is seen in this transverse pelvic "
            "sweep?",
            "Which bright focus with an acoustic shadow explains his interrupted stream?"],
         ql=["The sonographer said there was something hard inside. What is it?"],
         ctx=["transverse transabdominal ultrasound, 72-year-old with outflow obstruction",
              "pelvic ultrasound, recurrent UTIs, post-void residual 180 mL"],
         lay=["I keep getting water infections.", "My stream stops and starts."],
         kb=["Most adult bladder stones form because of outflow obstruction and stasis.",
             "They roll to the dependent part of the bladder when the patient changes position.",
             "Twinkling artefact on colour Doppler helps confirm them."],
         regs=("urorad", "mdt", "patient")),
    dict(target="rectum", sex=M, mod="MR", orient="LP", pieces=[(0.0, 0.26, 0.09, 0.08)],
         others={"urinary bladder": (0.0, -0.15), "sacrum": (0.0, 0.44)},
         forbid=["rectum", "rectal", "recto"], noun=("segment", "segments"),
         alias=["the rectum", "the rectal lumen and wall"],
         q=["Which part of the bowel, just proximal to the anal canal, stores stool before defecation?",
            "Which bowel segment would receive the endoluminal coil or the gel on a prostate study?"],
         ql=["The nurse put some gel in my bottom before the scan. Where did it go?"],
         ctx=["prostate MRI with endoluminal gel", "pelvic MRI, change in bowel habit"],
         lay=["They used a little gel before the scan.", "My bowel habit changed a few months ago."],
         kb=["It is about 12 to 15 cm long.",
             "Its lower third has no peritoneal covering.",
             "Gas in it can cause susceptibility artefact on diffusion images of the prostate."],
         regs=("urorad", "mdt", "patient")),
    dict(target="rectal tumour", sex=M, mod="MR", orient="LP", pieces=[(0.04, 0.22, 0.065, 0.05)],
         others={"pubic symphysis": (0.0, -0.32), "sacrum": (0.0, 0.44)},
         forbid=["rectal", "rectum", "tumour", "cancer", "carcinoma", "adenocarcinoma"], noun=("tumour", "tumours"),
         alias=["the rectal tumour", "a rectal adenocarcinoma", "the rectal cancer"],
         q=["Which mass here would the surgeon need to clear with a TME?",
            "What explains his bright red bleeding and the malignant biopsy at 6 cm from the verge?"],
         ql=["The camera test found something in my bowel. Which part is it on the scan?"],
         ctx=["biopsy-proven malignancy at 6 cm from the anal verge", "staging MRI, CEA 7.4"],
         lay=["I had bleeding from my bottom.", "They said it's 6 cm in from the bottom."],
         kb=["A tumour within 1 mm of the mesorectal fascia threatens the circumferential margin.",
             "Low rectal cancer is usually defined as within 5 cm of the anal verge.",
             "Extramural venous invasion is reported separately because it predicts distant spread."],
         regs=("urorad", "mdt", "patient")),
    dict(target="mesorectum", sex=A, mod="MR", orient="LP", pieces=[(0.0, 0.27, 0.15, 0.12)],
         hole=(0.0, 0.27, 0.075, 0.065),
         others={"pubic symphysis": (0.0, -0.32), "sacrum": (0.0, 0.45)},
         forbid=["mesorectum", "mesorectal"], noun=("compartment", "compartments"),
         alias=["the mesorectum", "the mesorectal fat"],
         q=["Which fatty envelope around the bowel here is removed en bloc in a TME?",
            "Which compartment, bounded by its own fascia, holds the lymph nodes a rectal surgeon cares most about?"],
         ql=["The surgeon talked about removing the fatty package around the bowel. Which is that?"],
         ctx=["rectal cancer staging MRI", "post-chemoradiotherapy restaging"],
         lay=["I'm having an operation for bowel cancer.", "I finished radiotherapy 8 weeks ago."],
         kb=["Its fascia is the plane of total mesorectal excision.",
             "It is thicker posteriorly and thins toward the front, especially low down.",
             "A circumferential margin of more than 1 mm is the aim."],
         regs=("urorad", "mdt", "patient")),
    dict(target="mesorectal lymph nodes", sex=A, mod="MR", orient="LP",
         pieces=[(-0.13, 0.27, 0.022, 0.02), (0.13, 0.29, 0.02, 0.02), (0.05, 0.4, 0.02, 0.018),
                 (-0.07, 0.41, 0.018, 0.018)], n=(2, 4),
         others={"rectum": (0.0, 0.25), "pubic symphysis": (0.0, -0.32)},
         forbid=["lymph node", "node", "nodal", "mesorectal"], noun=("node", "nodes"),
         alias=["mesorectal lymph nodes", "the mesorectal nodes"],
         q=["Which round structures in the fat around the bowel would change the N stage here?",
            "What should I count for N staging in this rectal cancer MRI?"],
         ql=["They said some glands near the bowel looked suspicious. Which are they?"],
         ctx=["low rectal adenocarcinoma, staging", "T3 rectal cancer, pre-treatment MRI"],
         lay=["I've been diagnosed with bowel cancer.", "They mentioned glands on my scan."],
         kb=["A short axis of 9 mm or more is suspicious on its own under the ESGAR 2016 criteria.",
             "Between 5 and 8 mm, two morphological features such as a round shape are needed.",
             "Nodes below 5 mm need all three features: round, irregular border and heterogeneous signal."],
         regs=("urorad", "mdt", "patient")),
    dict(target="left external iliac lymph node", sex=M, mod="MR", orient="RP", pieces=[(0.3, -0.04, 0.03, 0.025)],
         others={"urinary bladder": (0.0, -0.1), "rectum": (0.0, 0.28)},
         forbid=["lymph node", "node", "nodal", "iliac"], noun=("node", "nodes"),
         alias=["a left external iliac lymph node", "the external iliac node"],
         q=["Which structure along the pelvic sidewall vessels would make this N1 disease?",
            "Which sidewall finding changes the radiotherapy field?"],
         ql=["The report says something about a gland near the big blood vessels. Where?"],
         ctx=["high-risk prostate cancer, PSA 31", "PSMA-avid disease on PET, PSA 14"],
         lay=["They're checking if my cancer has spread to glands.", "My PSA is 31."],
         kb=["Many readers use 8 mm short axis as the threshold for a pelvic sidewall node.",
             "PSMA PET finds small nodes that MRI calls normal in a good share of cases.",
             "Pelvic nodal disease is N1 in prostate cancer staging."],
         regs=("urorad", "mdt", "patient")),
    dict(target="uterus", sex=F, mod="MR", orient="LP", pieces=[(0.0, -0.02, 0.17, 0.13)],
         others={"urinary bladder": (0.0, -0.28), "rectum": (0.0, 0.27), "left ovary": (0.23, 0.04)},
         forbid=["uterus", "uterine", "womb", "myometri"], noun=("organ", "organs"),
         alias=["the uterus", "the uterine body", "the uterus and its cavity"],
         q=["Which organ here, with its junctional zone, would I assess for adenomyosis?",
            "Which hollow muscular organ here is responsible for her menstrual bleeding?"],
         ql=["Which bit is where a baby grows? I want to see it on my scan."],
         ctx=["41-year-old, heavy menstrual bleeding, pelvic MRI", "G2P2, dysmenorrhoea, ?adenomyosis"],
         lay=["I'm 41 and my periods are very heavy.", "I've had two children."],
         kb=["A junctional zone thicker than 12 mm supports adenomyosis.",
             "Most uteri are anteverted and anteflexed.",
             "The normal nulliparous uterus is around 7 to 8 cm long."],
         regs=("gynclinic", "mdt", "patient")),
    dict(target="uterine fibroids", sex=F, mod="MR", orient="LP",
         pieces=[(-0.14, -0.08, 0.055, 0.05), (0.14, -0.06, 0.055, 0.05), (0.0, -0.21, 0.05, 0.045),
                 (0.12, 0.13, 0.045, 0.045), (-0.1, 0.15, 0.045, 0.04)], n=(2, 5),
         others={"urinary bladder": (0.0, -0.34), "rectum": (0.0, 0.34)},
         forbid=["fibroid", "uterine", "uterus", "leiomyoma", "myoma"], noun=("fibroid", "fibroids"),
         alias=["uterine fibroids", "leiomyomas", "the fibroids"],
         q=["What benign smooth-muscle growths explain her heavy periods and pelvic pressure?",
            "Which T2-dark, well-circumscribed masses would be the target of embolisation here?"],
         ql=["They told me I have lumps in my womb muscle that aren't cancer. Which are they?"],
         ctx=["44-year-old, Hb 92 g/L, bulk symptoms", "considering embolisation, pre-procedure MRI"],
         lay=["I'm 44 and always tired from heavy periods.", "I'm thinking about embolisation rather than surgery."],
         kb=["Up to 70% of women have them by age 50.",
             "Submucosal ones (FIGO type 0 to 2) cause the most bleeding.",
             "Embolisation typically shrinks them by 40 to 60% in volume over 6 to 12 months."],
         regs=("gynclinic", "mdt", "patient")),
    dict(target="endometrium", sex=F, mod="MR", orient="LP", pieces=[(0.0, 0.0, 0.07, 0.02)],
         others={"urinary bladder": (0.0, -0.28), "rectum": (0.0, 0.27)},
         forbid=["endometri"], noun=("stripe", "stripes"),
         alias=["the endometrium", "the endometrial stripe", "the endometrial lining"],
         q=["Which lining layer would I measure in a woman with postmenopausal bleeding?",
            "Which bright inner layer of the womb sheds every month?"],
         ql=["Which part is the lining that the doctor wanted to measure?"],
         ctx=["58-year-old, postmenopausal bleeding", "on tamoxifen for 3 years, spotting"],
         lay=["I'm 58 and had some bleeding after the menopause.", "I've been on tamoxifen for 3 years."],
         kb=["In postmenopausal bleeding, a thickness of 4 mm or less is reassuring.",
             "Tamoxifen can thicken it and cause cystic change.",
             "Its thickness varies through the menstrual cycle, peaking in the secretory phase."],
         regs=("gynclinic", "mdt", "patient")),
    dict(target="cervical carcinoma", sex=F, mod="MR", orient="LP", pieces=[(-0.02, 0.05, 0.08, 0.07)],
         others={"urinary bladder": (0.0, -0.27), "rectum": (0.0, 0.3)},
         forbid=["cervix", "cervical", "carcinoma", "cancer", "tumour"], noun=("tumour", "tumours"),
         alias=["the cervical carcinoma", "a cervical cancer", "the cervical tumour"],
         q=["Which mass here explains her postcoital bleeding and abnormal smear?",
            "Which lesion's parametrial extension decides between surgery and chemoradiation?"],
         ql=["They found something on my smear and then on the scan. Where is it?"],
         ctx=["39-year-old, HPV 16 positive, postcoital bleeding", "biopsy-proven squamous malignancy, staging"],
         lay=["My smear test came back abnormal.", "I'm 39 and the biopsy was not good news."],
         kb=["Parametrial invasion makes it FIGO 2018 stage IIB.",
             "A tumour over 4 cm confined to the cervix is stage IB3.",
             "An intact low-signal stromal ring on T2 argues against parametrial invasion."],
         regs=("gynclinic", "mdt", "patient")),
    dict(target="left ovary", sex=F, mod="MR", orient="LP", pieces=[(0.23, 0.03, 0.05, 0.035)],
         others={"uterus": (0.0, 0.0), "right external iliac vessels": (-0.33, 0.0)},
         forbid=["ovary", "ovarian", "ovaries", "adnexa"], noun=("structure", "structures"),
         alias=["the left ovary", "this ovary"],
         q=["Which gonad, releasing eggs each cycle, is shown here beside the womb?",
            "Where are the follicles she is producing on this cycle-day-10 scan?"],
         ql=["Which part of me makes the eggs? I'd like to see it."],
         ctx=["32-year-old, subfertility work-up, day 10", "pelvic MRI for endometriosis mapping"],
         lay=["We've been trying for a baby for 2 years.", "I have endometriosis."],
         kb=["Torsion is more common on the right, in about two thirds of cases.",
             "A simple cyst up to 3 cm in a premenopausal woman is usually just a follicle.",
             "The ovaries usually sit in the ovarian fossa on the pelvic sidewall, but they move a lot."],
         regs=("gynclinic", "mdt", "patient")),
    dict(target="right ovary", sex=F, mod="MR", orient="LI", pieces=[(-0.22, 0.02, 0.045, 0.04)],
         others={"uterus": (0.0, -0.08), "urinary bladder": (0.0, 0.18)},
         forbid=["ovary", "ovarian", "ovaries", "adnexa"], noun=("structure", "structures"),
         alias=["the right ovary", "this ovary"],
         q=["On this coronal image, which egg-producing gonad lies beside the womb?",
            "Which structure would twist in the torsion we are trying to exclude?"],
         ql=["Which bit is the egg-making organ they were worried had twisted?"],
         ctx=["27-year-old, sudden pelvic pain, coronal T2", "pregnancy test negative, ?torsion"],
         lay=["I had a sudden really bad pain low down.", "They were worried something had twisted."],
         kb=["Torsion is more common on the right, in about two thirds of cases.",
             "An enlarged, oedematous gonad with peripheral follicles is the classic torsion picture.",
             "Doppler flow can still be present in a torsed ovary."],
         regs=("gynclinic", "mdt", "patient")),
    dict(target="right adnexal mass", sex=F, mod="MR", orient="LP", pieces=[(-0.2, 0.0, 0.11, 0.09)],
         others={"uterus": (0.03, 0.0), "rectum": (0.0, 0.3)},
         forbid=["adnexal", "adnexa", "mass", "ovarian", "ovary"], noun=("mass", "masses"),
         alias=["a right adnexal mass", "the adnexal mass", "this adnexal lesion"],
         q=["Which finding here explains the bloating and the raised CA-125?",
            "What would I score with O-RADS MRI on this pelvis?"],
         ql=["The scan found something next to my womb. Which part is it?"],
         ctx=["52-year-old, CA-125 84 U/mL, bloating", "incidental finding on CT, O-RADS MRI requested"],
         lay=["I've been bloated for months.", "My blood test, the CA-125, was high."],
         kb=["O-RADS MRI scores run from 1 to 5; a score of 4 means intermediate risk.",
             "Solid tissue that enhances early and avidly is the feature that moves a lesion to score 5.",
             "CA-125 is also raised by endometriosis, fibroids and even menstruation."],
         regs=("gynclinic", "mdt", "patient")),
    dict(target="bilateral ovarian endometriomas", sex=F, mod="MR", orient="LP",
         pieces=[(-0.19, 0.04, 0.06, 0.05), (0.19, 0.05, 0.06, 0.05)],
         others={"uterus": (0.0, -0.02), "rectum": (0.0, 0.3)},
         forbid=["endometrioma", "ovarian", "ovary", "chocolate cyst"], noun=("cyst", "cysts"),
         alias=["bilateral ovarian endometriomas", "the endometriomas"],
         q=["Which cysts, bright on T1 fat-sat and shading on T2, explain her dysmenorrhoea?",
            "What are the blood-containing adnexal cysts that make this deep endometriosis case complex?"],
         ql=["They said I have 'chocolate' cysts. Where are they?"],
         ctx=["34-year-old, severe dysmenorrhoea, subfertility", "deep endometriosis mapping MRI"],
         lay=["My periods have been agony since I was a teenager.", "I've been told I have endometriosis."],
         kb=["T2 shading and T1 fat-saturated hyperintensity are the classic signs.",
             "When they sit close together behind the uterus, people call it the kissing sign.",
             "Endometriosis affects roughly 10% of women of reproductive age."],
         regs=("gynclinic", "mdt", "patient")),
    dict(target="ovarian follicles", sex=F, mod="US", orient="LP",
         pieces=[(0.16, 0.0, 0.025, 0.025), (0.25, -0.04, 0.022, 0.022), (0.24, 0.06, 0.025, 0.022),
                 (0.33, 0.01, 0.02, 0.02), (0.17, 0.1, 0.02, 0.02)], n=(3, 5),
         others={"uterus": (-0.12, 0.0)},
         forbid=["follicle", "follicular", "ovarian", "ovary"], noun=("follicle", "follicles"),
         alias=["ovarian follicles", "the follicles"],
         q=["Which fluid-filled sacs, counted for the antral count, are visible in this transverse sweep?",
            "Which anechoic structures would I measure to time her trigger injection?"],
         ql=["They were counting little bubbles on my scan at the fertility clinic. What are they?"],
         ctx=["IVF stimulation, day 8", "AFC scan, day 3 of cycle"],
         lay=["I'm having IVF.", "They did an internal scan on day 3 of my period."],
         kb=["A dominant follicle usually reaches about 18 to 24 mm before ovulation.",
             "Twenty or more per ovary is the 2018 threshold for polycystic ovarian morphology.",
             "The trigger injection is usually given when three or more reach about 17 mm."],
         regs=("gynclinic", "mdt", "patient")),
]

# ------------------------------------------------------------------ geometry


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": "pelvis", "orientation": p["orient"]}


def _to_image(p: dict, u: float, v: float) -> tuple[float, float]:
    x = 0.5 + u if p["orient"][0] == "L" else 0.5 - u
    return x, 0.5 + v


def _ellipse(x: float, y: float, rx: float, ry: float) -> np.ndarray:
    yy, xx = np.mgrid[0:N, 0:N]
    return ((xx - x * (N - 1)) / (rx * N)) ** 2 + ((yy - y * (N - 1)) / (ry * N)) ** 2 <= 1.0


def facts_for(p: dict, rng) -> dict:
    pieces = p["pieces"]
    if "n" in p:
        k = rng.randint(p["n"][0], p["n"][1])
        idx = sorted(rng.sample(range(len(pieces)), k))
        pieces = [pieces[i] for i in idx]
    mask = np.zeros((N, N), bool)
    for (u, v, rx, ry) in pieces:
        du, dv = rng.uniform(-0.012, 0.012), rng.uniform(-0.012, 0.012)
        sx, sy = rng.uniform(0.9, 1.1), rng.uniform(0.9, 1.1)
        x, y = _to_image(p, u + du, v + dv)
        mask |= _ellipse(x, y, rx * sx, ry * sy)
    if "hole" in p:
        u, v, rx, ry = p["hole"]
        x, y = _to_image(p, u, v)
        mask &= ~_ellipse(x, y, rx, ry)
    others = {}
    for name in sorted(p["others"]):
        u, v = p["others"][name]
        x, y = _to_image(p, u + rng.uniform(-0.01, 0.01), v + rng.uniform(-0.01, 0.01))
        others[name] = (round(x, 4), round(y, 4))
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


def pick_profile(profiles: list, i: int, defect, rng):
    style = STYLES[(i // 2) % len(STYLES)]
    return rng.choice([p for p in profiles if style in p["regs"]])


# ------------------------------------------------------------------ claim phrases


def C(kind, value, text, false=False, corrected=False):
    """A statement about the target (kind, claimed value), or kind 'other' for a sentence that carries side,
    position, size or count words about something else (general knowledge, other organs, questions)."""
    return {"kind": kind, "value": value, "text": text, "false": false, "corrected": corrected}


def O(text):
    return C("other", None, text)


def _poss(reg, sex):
    return "your" if reg == "patient" else ("her" if sex == "f" else "his")


def lat_text(val, reg, sex, rng, false_from=None):
    poss = _poss(reg, sex)
    if val in ("left", "right"):
        return rng.choice([f"on the patient's {val}", f"{val}-sided", f"in the {val} hemipelvis",
                           f"on {poss} {val} side", f"on the {val} side of the pelvis"])
    if val == "midline":
        return rng.choice(["in the midline", "straddling the midline", "centred on the midline"])
    if val == "bilateral":
        return rng.choice(["bilateral", "on both sides", "present on the left and on the right",
                           "on both sides of the pelvis"])
    # a false one-sided claim: val is "only-left" / "only-right" (for a bilateral target) or "off-left" (midline)
    kind, side = val.split("-")
    if kind == "only":
        return rng.choice([f"only on the {side}", f"confined to the {side} side", f"purely {side}-sided"])
    return rng.choice([f"off to the patient's {side}", f"{side}-sided", f"on {poss} {side} side"])


def false_lat(true, rng):
    if true in ("left", "right"):
        return OPP[true], OPP[true]
    side = rng.choice(["left", "right"])
    if true == "bilateral":
        return f"only-{side}", side
    return f"off-{side}", side


def lat_neg(true, rng):
    if true in ("left", "right"):
        return rng.choice([f"not on the {OPP[true]}", f"not on the {OPP[true]} side"])
    if true == "midline":
        return "not off to one side"
    return "not confined to a single side"


VERT = {"anterior": ["anteriorly", "toward the front of the pelvis", "in the anterior half of the image"],
        "posterior": ["posteriorly", "toward the back of the pelvis", "in the posterior half of the image"],
        "superior": ["superiorly", "high in the pelvis", "in the upper part of the image"],
        "inferior": ["inferiorly", "low in the pelvis", "toward the lower part of the image"]}
CENTRAL = {"P": ["roughly central front-to-back", "about mid-way between front and back"],
           "I": ["at about mid-height", "roughly central top-to-bottom"]}
AXIS_WORDS = {"P": ("anterior", "posterior"), "I": ("superior", "inferior")}


def vert_text(val, orient, rng):
    if val == "central":
        return rng.choice(CENTRAL[orient[1]])
    return rng.choice(VERT[val])


def false_vert(true, orient, rng):
    a, b = AXIS_WORDS[orient[1]]
    if true == a:
        return b
    if true == b:
        return a
    return rng.choice([a, b])


REL = {"anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "left_of": ["to the patient's left of"], "right_of": ["to the patient's right of"],
       "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
FLIP = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "left_of": "right_of", "right_of": "left_of",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}


def rel_text(rel, other, rng):
    return f"{rng.choice(REL[rel])} the {other}"


SIZE = {"small": ["small", "on the small side", "small for this field of view"],
        "medium": ["medium-sized", "moderate in size", "mid-sized for this field of view"],
        "large": ["large", "bulky", "large on this slice"]}


def pct_str(frac):
    pct = frac * 100
    return f"{pct:.1f}" if pct < 1 else f"{pct:.0f}"


def false_size(true, rng):
    return {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[true]


def count_text(n, noun, rng, reg):
    sing, plur = noun
    if n == 1:
        return rng.choice([f"a single {sing}", f"one contiguous {sing}", f"just one {sing}", f"a solitary {sing}"])
    word = NUM.get(n, str(n))
    return rng.choice([f"{word} separate {plur}", f"{word} discrete {plur}", f"{n} separate {plur}"])


def false_count(n, rng):
    if n == 1:
        return rng.choice([2, 3])
    return rng.choice([n - 1, n + 1])


# ------------------------------------------------------------------ sentence frames per kind


def frame(kind, seg, reg, rng, alias_cap="It"):
    """A sentence around a claim segment; a list of str and segments."""
    if kind == "laterality":
        opts = {"urorad": [["Laterality: ", seg, "."], ["The finding is ", seg, "."], ["It is ", seg, "."]],
                "gynclinic": [["It's ", seg, ", by the way."], ["You'll notice it's ", seg, "."], ["It is ", seg, "."]],
                "mdt": [["For the record, it is ", seg, "."], ["It's ", seg, "."], ["Side-wise it is ", seg, "."]],
                "patient": [["It's ", seg, "."], ["On your scan it is ", seg, "."], ["It is ", seg, "."]]}
    elif kind == "vertical":
        opts = {"urorad": [["It lies ", seg, " on this slice."], ["Position: ", seg, "."]],
                "gynclinic": [["On this image it sits ", seg, "."], ["It sits ", seg, "."]],
                "mdt": [["On this slice it sits ", seg, "."], ["It lies ", seg, "."]],
                "patient": [["In the picture it sits ", seg, "."], ["It is placed ", seg, "."]]}
    elif kind == "relation":
        opts = {"urorad": [["It lies ", seg, "."], ["Relations: ", seg, "."]],
                "gynclinic": [["It sits ", seg, "."], ["Look just there: it's ", seg, "."]],
                "mdt": [["It sits ", seg, "."], ["Anatomically it is ", seg, "."]],
                "patient": [["It sits ", seg, "."], ["If you look, it's ", seg, "."]]}
    elif kind == "size":
        opts = {"urorad": [["Size: ", seg, "."], ["It is ", seg, "."]],
                "gynclinic": [["It's ", seg, "."], ["Size-wise it is ", seg, "."]],
                "mdt": [["It is ", seg, "."], ["In terms of size it is ", seg, "."]],
                "patient": [["It's ", seg, "."], ["It is ", seg, "."]]}
    elif kind == "pct":
        opts = {r: [["The outline covers ", seg, "."], ["It takes up ", seg, "."]] for r in STYLES}
    else:  # count
        opts = {"urorad": [["The mask shows ", seg, "."], ["Count: ", seg, "."]],
                "gynclinic": [["I can see ", seg, " here."], ["The outline shows ", seg, "."]],
                "mdt": [["The segmentation contains ", seg, "."], ["I count ", seg, "."]],
                "patient": [["What you're seeing is ", seg, "."], ["The outline shows ", seg, "."]]}
    return rng.choice(opts[reg])


CONVENTION = {"LP": "As usual the slice is viewed from the feet, so the patient's left appears on the screen's right.",
              "RP": "This series is displayed in neurological convention, so the patient's left is on the screen's "
                    "left, the opposite of the usual radiological display.",
              "LI": "On this coronal view the patient faces you, so their left is on the screen's right."}
US_CONVENTION = "Transverse ultrasound follows the CT convention: the patient's right is on the screen's left."

# ------------------------------------------------------------------ register voices

IDENT = {"urorad": [["Findings: ", "A", " [SEG]."], ["The target is ", "A", ", segmented here: [SEG]."],
                    ["Segmentation [SEG] shows ", "A", "."]],
         "gynclinic": [["That'll be ", "A", " — I've outlined it here [SEG]."], ["Good question. This is ", "A", ": [SEG]."],
                       ["You're looking for ", "A", ", highlighted here [SEG]."]],
         "mdt": [["Radiologist: this is ", "A", ", segmented here [SEG]."],
                 ["Radiologist: what you're looking at is ", "A", " [SEG]."],
                 ["Radiologist: the answer is ", "A", "; see the overlay [SEG]."]],
         "patient": [["What you're asking about is ", "A", ". I've highlighted it here: [SEG]."],
                     ["That would be ", "A", ", shown here [SEG]."],
                     ["Good question — it's ", "A", ". Here it is outlined for you: [SEG]."]]}
CLOSE = {"urorad": ["Recommend discussion at the uro-oncology MDT.", "Correlate with the clinical findings and prior imaging.",
                    "No further comment on this series."],
         "gynclinic": ["Happy to go through the rest of the pelvis if useful.", "Shout if you want me to look at anything else.",
                       "Hope that helps with the clinic letter."],
         "mdt": ["Happy to take questions.", "That's all from radiology on this case.", "Over to you, Chair."],
         "patient": ["Your specialist will go through what it means for you.", "Do ask if anything is unclear.",
                     "It's completely normal to have more questions after seeing the pictures."]}
OPEN = {"urorad": ["{Ctx}. {q} Please segment it.", "Reporting request: {ctx}. {q} Outline it and give me a line for the report.",
                   "Can you help with this study? {Ctx}. {q}"],
        "gynclinic": ["Hi! Clinic's running late so quick one: {ctx}. {q} Could you outline it for me?",
                      "{Ctx}, images up on the screen now. {q} Would you mind segmenting it?",
                      "Morning — {ctx}. {q} Can you highlight it?"],
        "mdt": ["Chair: next case. {Ctx}. {q} Can radiology show us on the images?",
                "Chair: item {k} on the list, {ctx}. {q} Please segment it for the room.",
                "Surgeon: before we decide anything, {ctx}. {q} Could you outline it?"],
        "patient": ["Hi, I got my scan pictures back. {lay} {q} Could you show me where it is?",
                    "{lay} I'm a bit nervous about all this. {q} Can you point it out on the picture?",
                    "Sorry if this is a silly question. {lay} {q}"]}
NAMED = {"urorad": ["{Ctx}. Please segment the {t} and give me a report line.", "Can you outline the {t} on this study? {Ctx}."],
         "gynclinic": ["Hi — {ctx}. Where's the {t} here? Could you outline it?", "{Ctx}. Can you highlight the {t} for me?"],
         "mdt": ["Chair: next case, {ctx}. Can we see the {t} segmented?", "Surgeon: {ctx}. Show us the {t}, please."],
         "patient": ["{lay} The letter mentions the {t}. Can you show me it on the picture?",
                     "{lay} Where is the {t} on my scan?"]}
ASKS = {"laterality": {"urorad": "Which side, for the request form?",
                       "gynclinic": "Which side is that on? I always get muddled with the screen.",
                       "mdt": "Surgeon: which side are we dealing with?", "patient": "Is that on my left or my right?"},
        "position": {"urorad": "Where does it sit on this slice?", "gynclinic": "And where does it sit, roughly?",
                     "mdt": "Oncologist: where exactly is it relative to its neighbours?",
                     "patient": "Whereabouts is it in my body, then?"},
        "size": {"urorad": "Size on this slice?", "gynclinic": "How big does it look?",
                 "mdt": "Chair: how much of the image does it take up?", "patient": "How big is it?"},
        "count": {"urorad": "How many components does the mask have?", "gynclinic": "Is it all one area, or are there more?",
                  "mdt": "Surgeon: how many areas are we talking about?", "patient": "Is there more than just the one?"},
        "general": {"urorad": "Anything else worth adding to the report?", "gynclinic": "Anything I should tell her?",
                    "mdt": "Chair: anything else from radiology before we decide?",
                    "patient": "Is there anything else I should know?"}}
NEXTQ = {"urorad": ["does that change the biopsy plan?", "what would you recommend next?", "is there anything to add?"],
         "gynclinic": ["what would you tell her?", "does that change what I do today?", "is there anything else to check?"],
         "mdt": ["what's radiology's recommendation?", "does that change the plan?", "anything else before we vote?"],
         "patient": ["is that bad?", "what happens next?", "should I be worried?"]}
NEUTRAL = {"urorad": ["I would put it through the MDT with the full sequence set and the clinical picture.",
                      "The plan hinges on the clinical picture and any histology rather than this image alone.",
                      "I'd compare with any prior imaging before recommending anything further."],
           "gynclinic": ["It doesn't change what I'd do today: discuss the options with her and review in clinic.",
                         "I'd talk it through with her and see how much the symptoms bother her.",
                         "Nothing urgent from the imaging point of view; the clinical picture leads."],
           "mdt": ["Radiologist: I'd still want the whole series reviewed before we commit to a plan.",
                   "Radiologist: my recommendation is to proceed as per the pathway, with histology to guide us.",
                   "Radiologist: nothing further from me; the decision rests on the clinical picture."],
           "patient": ["That's a good question for your specialist; what matters most is what the team decides "
                       "with all the results together.",
                       "Try not to read too much into any picture on its own. The team will look at everything together.",
                       "The next step is usually a clinic appointment to explain the results and the options."]}
PREM = {"laterality": ["Since it's ", "Given it is ", "OK, so it's "], "vertical": ["Since it sits ", "Given that it lies "],
        "relation": ["Since it sits ", "Given it's "], "size": ["Since it's ", "Given that it is "],
        "pct": ["Since it takes up ", "Given that it covers "], "count": ["Since there {be} ", "Given that there {be} "]}
ASK_PREM = {"laterality": ["So it's ", "Just to check: it is "], "vertical": ["So it sits ", "Just to check: it lies "],
            "relation": ["So it sits ", "Just to check: it's "], "size": ["So it's ", "Just to check: it is "],
            "pct": ["So it takes up ", "Just to check: it covers "], "count": ["So there {be} ", "Just to check: there {be} "]}
FIX = {"laterality": "it is ", "vertical": "it sits ", "relation": "it sits ", "size": "it is ", "pct": "it takes up ",
       "count": "there {be} "}
WATCH = None  # the reader's list lives in the checker


PLURAL = [("It is ", "They are "), ("It's ", "They're "), ("it is ", "they are "), ("it's ", "they're "),
          ("It sits ", "They sit "), ("it sits ", "they sit "), ("It lies ", "They lie "), ("it lies ", "they lie "),
          ("It takes up ", "They take up "), ("it takes up ", "they take up "), ("it covers ", "they cover "),
          ("this is ", "these are "), ("If it were ", "If they were "), ("If it had been ", "If they had been "),
          ("Had it been ", "Had they been "), ("highlighted it", "highlighted them")]


def _plural(s):
    for a, b in PLURAL:
        s = s.replace(a, b)
    return s


def _render(sentences, sep=" ", plural=False):
    fix = _plural if plural else (lambda s: s)
    return sep.join("".join(fix(x) if isinstance(x, str) else x["text"] for x in s) for s in sentences)


def _kind_of(fk):
    return {"vertical": "position", "relation": "position", "pct": "size"}.get(fk, fk)


def _alias_items(a):
    low = a.lower()
    if "bilateral" in low or "both" in low:
        return C("laterality", "bilateral", a), "laterality"
    for s in ("left", "right"):
        if low.startswith(("the " + s, "a " + s, s)):
            return C("laterality", s, a), "laterality"
    if "multiple" in low or "multifocal" in low:
        return C("count", ">=2", a), "count"
    return a, None


def build(p, facts, style, rng, defect):
    turns, expected, _ = _build(p, facts, style, rng, defect)
    return turns, expected


def _build(p, facts, reg, rng, defect):
    sex = "f" if reg == "gynclinic" else p["sex"] if p["sex"] != A else rng.choice(["m", "f"])
    lat, vert, size, n = facts["laterality"], facts["vertical"], facts["size_class"], facts["components"]
    rels = [(r["other"], r["relation"]) for r in facts["relations"]]
    orient = p["orient"]
    where = None if defect in (None, "names_target") else rng.choice(["first", "follow", "premise"])
    dk = defect if where else None  # the kind that must appear only once, falsely

    def claim(kind, false=False, fk=None, user=False, other=None):
        """(frame kind, segment) of a claim of `kind`, true or false."""
        if kind == "laterality":
            if false:
                val, _ = false_lat(lat, rng)
                return "laterality", C("laterality", val, lat_text(val, reg, sex, rng), True)
            return "laterality", C("laterality", lat, lat_text(lat, reg, sex, rng))
        if kind == "position":
            use_rel = fk == "relation" or (fk is None and rels and rng.random() < 0.5)
            if use_rel and rels:
                other, rel = next((x for x in rels if x[0] == other), None) or rng.choice(rels)
                rel = FLIP[rel] if false else rel
                return "relation", C("position", ["rel", other, rel], rel_text(rel, other, rng), false)
            v = false_vert(vert, orient, rng) if false else vert
            return "vertical", C("position", ["vert", v], vert_text(v, orient, rng), false)
        if kind == "size":
            if fk == "pct" or (fk is None and rng.random() < 0.3):
                frac = facts["area_fraction"]
                if false:
                    frac = frac / rng.choice([7, 9]) if size == "large" else frac * rng.choice([7, 9])
                s = pct_str(frac)
                return "pct", C("size", ["pct", float(s)], f"roughly {s}% of the image", false)
            s = false_size(size, rng) if false else size
            return "size", C("size", ["class", s], rng.choice(SIZE[s]), false)
        k = false_count(n, rng) if false else n
        noun = ("area", "areas") if user else p["noun"]
        return "count", C("count", k, count_text(k, noun, rng, reg), false)

    def be(seg):
        return "is" if seg["kind"] == "count" and seg["value"] == 1 else "are"

    def fill(prefix, seg):
        return prefix.replace("{be}", be(seg))

    # ---- first question
    ctx, lay = rng.choice(p["ctx"]), rng.choice(p["lay"])
    fill_q = dict(ctx=ctx, Ctx=ctx[0].upper() + ctx[1:], lay=lay, k=rng.randint(3, 14))
    if defect == "names_target":
        q0 = rng.choice(NAMED[reg]).format(t=p["target"], **fill_q)
        first_q = [[C("name", p["target"], q0)]]
    else:
        q = rng.choice(p["ql"] if reg == "patient" else p["q"])
        q0 = rng.choice(OPEN[reg]).format(q=q, **fill_q)
        first_q = [[O(q0)]]
    convs = [("user", first_q)]

    # ---- first answer
    aliases = [a for a in p["alias"] if _alias_items(a)[1] != dk] or [p["alias"][-1]]
    alias_seg, _ = _alias_items(rng.choice(aliases))
    ident = [alias_seg if x == "A" else x for x in rng.choice(IDENT[reg])]
    kinds = ["laterality", "position", "size", "count"]
    pool = [k for k in kinds if k != dk]
    first_kinds = rng.sample(pool, rng.randint(1, 2) if where == "first" else rng.randint(2, 3))
    body = []
    if where == "first":
        fk, seg = claim(dk, True)
        body.append(frame(fk, seg, reg, rng))
    for k in first_kinds:
        fk, seg = claim(k)
        body.append(frame(fk, seg, reg, rng))
    rng.shuffle(body)
    clean_like = dk is None
    if dk != "laterality" and lat in ("left", "right", "midline", "bilateral") and rng.random() < 0.35:
        body.append([rng.choice(["To be clear, it is ", "And it is "]), C("laterality", ["not", lat_neg_val(lat)],
                                                                         lat_neg(lat, rng)), "."])
    if rng.random() < 0.6:
        body.append([O(rng.choice(p["kb"]))])
    if dk != "laterality" and rng.random() < 0.3:
        h = hyp_text(lat, rng)
        body.append([O(_plural(h) if p["target"].endswith("s") and p["target"] != "uterus" else h)])
    if dk != "count" and n == 1 and rng.random() < 0.2:
        body.append([O(rng.choice(["Had there been a second focus, the picture would be different.",
                                   "If a second area had shown up, I would have said so."]))])
    ans0 = [ident] + body + [[O(rng.choice(CLOSE[reg]))]]
    convs.append(("assistant", ans0))
    stated = set(first_kinds) | ({dk} if where == "first" else set())

    # ---- follow-up rounds
    rounds = rng.randint(1, 3)
    later = [k for k in kinds if k not in stated and k != dk]
    rng.shuffle(later)
    topics = []
    for _ in range(rounds):
        r = rng.random()
        if later and r < 0.55:
            topics.append(("ask", later.pop()))
        elif r < 0.7 and (clean_like or rng.random() < 0.4):
            k = rng.choice([k for k in kinds if k != dk])
            topics.append(("fix", k))
        elif r < 0.8 and dk != "laterality" and lat in ("left", "right") and orient[0] == "L":
            topics.append(("slip", "laterality"))
        elif r < 0.88 and (clean_like or rng.random() < 0.5):
            topics.append(("confirm", rng.choice([k for k in kinds if k != dk])))
        else:
            topics.append(("general", None))
    if where in ("follow", "premise"):
        topics.insert(rng.randint(0, len(topics)), (where, dk))
    mdt_speakers = ["Urologist: ", "Oncologist: ", "Surgeon: ", "Chair: "] if sex == "m" else \
        ["Gynae-oncologist: ", "Oncologist: ", "Surgeon: ", "Chair: "]
    rad = "Radiologist: " if reg == "mdt" else ""
    used, neutrals = set(), list(NEUTRAL[reg])
    rng.shuffle(neutrals)

    def neutral():
        return neutrals.pop() if len(neutrals) > 1 else neutrals[0]

    for kind_topic, k in topics:
        if (k or kind_topic) in used and kind_topic not in ("follow", "premise"):
            kind_topic, k = "general", None
            if "general" in used:
                continue
        used.add(k or kind_topic)
        if kind_topic in ("ask", "follow"):
            uq = [[O(ASKS[k][reg])]]
            fk, seg = claim(k, false=kind_topic == "follow")
            ans = [[rad] + frame(fk, seg, reg, rng)]
            if k == "laterality" and kind_topic == "ask":
                if rng.random() < 0.5:
                    ans.append([O(US_CONVENTION if p["mod"] == "US" else CONVENTION[orient])])
                if rng.random() < 0.4:
                    ans.append(["So it is ", C("laterality", ["not", lat_neg_val(lat)], lat_neg(lat, rng)), "."])
            if rng.random() < 0.5:
                ans.append([O(rng.choice(p["kb"]))])
        elif kind_topic == "premise":
            fk, seg = claim(k, false=True, user=True)
            pre = fill(rng.choice(PREM[fk]), seg)
            sp = rng.choice(mdt_speakers) if reg == "mdt" else ""
            uq = [[sp + pre, seg, ", " + rng.choice(NEXTQ[reg])]]
            ans = [[O(neutral())]]
            if rng.random() < 0.6:
                ans.append([O(rng.choice(p["kb"]))])
        elif kind_topic == "fix":
            fk, wrong = claim(k, false=True, user=True)
            wrong["corrected"] = True
            sp = rng.choice(mdt_speakers) if reg == "mdt" else ""
            uq = [[sp + fill(rng.choice(ASK_PREM[fk]), wrong), wrong, "?"]]
            fk2, right_ = claim(k, fk=fk, other=wrong["value"][1] if fk == "relation" else None)
            ans = [[rad + rng.choice(["Not quite — ", "No, actually: ", "Careful there: "]) + fill(FIX[fk2], right_),
                    right_, "."]]
            if rng.random() < 0.5:
                ans.append([O(rng.choice(p["kb"]))])
        elif kind_topic == "slip":
            uq = [[O(ASKS["laterality"][reg])]]
            wrong = C("laterality", OPP[lat], f"on the {OPP[lat]}", True, corrected=True)
            right_ = C("laterality", lat, lat_text(lat, reg, sex, rng))
            ans = [[rad + "It's ", wrong, rng.choice([" — sorry, that's the screen side. Correcting myself: it is ",
                                                      " — no, scratch that, I read the screen. It is "]), right_, "."]]
        elif kind_topic == "confirm":
            fk, seg = claim(k, user=True)
            sp = rng.choice(mdt_speakers) if reg == "mdt" else ""
            uq = [[sp + fill(rng.choice(ASK_PREM[fk]), seg), seg, "?"]]
            ans = [[rad + rng.choice(["Yes, that's correct.", "Exactly.", "That's it, yes."])]]
            if rng.random() < 0.5:
                ans.append([O(rng.choice(p["kb"]))])
        else:
            uq = [[O(ASKS["general"][reg])]]
            ans = [[O(rad + neutral().replace("Radiologist: ", ""))], [O(rng.choice(p["kb"]))]]
        convs.append(("user", uq))
        convs.append(("assistant", ans))

    turns, ledger = [], []
    sep = "\n" if reg == "urorad" else " "
    for ti, (role, sents) in enumerate(convs):
        turns.append({"role": role, "content": _render(sents, sep if role == "assistant" else " ", p["target"].endswith("s") and p["target"] != "uterus")})
        for s in sents:
            for x in s:
                if isinstance(x, dict):
                    ledger.append(dict(x, turn=ti, role=role))
    return turns, ([defect] if defect else []), ledger


def lat_neg_val(true):
    if true in ("left", "right"):
        return OPP[true]
    return "one-sided"


def hyp_text(lat, rng):
    if lat in ("left", "right"):
        return rng.choice([f"If it had been on the {OPP[lat]} side, the plan would be identical apart from the side "
                           "written on the request.",
                           f"Had it been {OPP[lat]}-sided, nothing about the management would change."])
    if lat == "midline":
        return "If it had been off to one side, I would have flagged it."
    return "If it were confined to one side, the wording of the report would change."
