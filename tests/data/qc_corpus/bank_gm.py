"""Bank GM: relational and comparative anatomy, written blind (without reading any QC rule, test or other bank).

The target is placed and sized mostly relative to other structures ("medial to the left psoas", "behind the
aorta", "between the trachea and the carotid", "about twice the size of the gallbladder on this slice", "the
lower of the two"), mixed with absolute claims of side, position, size and number of pieces; the neighbours
carry their own sides and sizes. Four registers: an anatomy demonstrator in a dissection-lab voice
(`demonstrator`), a radiology resident's structured search pattern (`resident`), an LLM assistant comparing
structures in a markdown table (`table`), a surgeon planning an approach (`surgeon`).

Masks are synthetic ellipses (256 x 256) drawn per profile in patient coordinates and mapped to the image by
the profile's orientation (LP, RP, LA axial; LI, RI coronal); facts come from `medseg_qa.facts.compute_facts`
with the neighbours' centres as `others`. Every claim about the target is generated from those facts and kept
in `LEDGER` (kind, value, turn, role, text, false, corrected); the writer's own checker
(/work/notes/qcgm_scripts/check_gm.py) recomputes the facts from the masks and verifies every claim.

27 targets. Own check (seed 20261322): rows 420, clean 210, defects laterality 42 / position 42 / size 42 /
count 42 / names_target 42; the false claim sits in the first answer 50, a follow-up answer 64, a user premise
the assistant leaves standing 54 (plus 42 naming questions); problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

LEDGER: list[dict] = []
SIZE = 256
STYLES = ["demonstrator", "resident", "table", "surgeon"]
KINDS = ["laterality", "position", "size", "count", "names_target"]


def _o(px, py, a, note, wall=False):
    return {"px": px, "py": py, "a": a, "note": note, "wall": wall}


# px: toward the patient's left (+); py: toward the back (+) on axial, toward the feet (+) on coronal.
# pieces: candidate ellipses (px, py, rx, ry) as image fractions; k: how many are drawn.
PROFILES = [
    dict(target="left kidney", region="abdomen", modality="CT", orient="LP", k=(1, 1), scale=(0.85, 1.2),
         pieces=[(0.22, 0.12, 0.07, 0.09)], noun="kidney", avoid=["kidney"],
         others={"aorta": _o(0.03, 0.05, 0.005, "sitting on the front of the vertebral body"),
                 "left psoas": _o(0.1, 0.15, 0.008, "the muscle hugging the left side of the spine"),
                 "spleen": _o(0.31, 0.04, 0.03, "which lives up on the patient's left"),
                 "liver": _o(-0.22, -0.03, 0.09, "the big organ filling the right upper quadrant"),
                 "stomach": _o(0.14, -0.13, 0.03, "left upper quadrant, fairly anterior")},
         ask=["Which organ on this cut filters the blood and makes urine, the one that shares a side with the spleen?",
              "The left renal vein has to cross in front of the aorta to reach something. What does it drain, on this slice?",
              "A donor surgeon usually prefers to harvest this organ because its vein is longer. Where is it here?"],
         kb=["The left renal vein is roughly 7-8 cm long, about three times the length of the right one.",
             "In most people the left kidney sits 1-2 cm higher than the right, because the liver pushes the right one down."],
         approach="a flank or retroperitoneal approach"),
    dict(target="right kidney", region="abdomen", modality="CT", orient="RP", k=(1, 1), scale=(0.85, 1.2),
         pieces=[(-0.22, 0.13, 0.07, 0.085)], noun="kidney", avoid=["kidney"],
         others={"inferior vena cava": _o(-0.08, 0.04, 0.004, "on the right, beside the aorta"),
                 "liver": _o(-0.2, -0.06, 0.09, "the dominant organ on the right"),
                 "right psoas": _o(-0.1, 0.15, 0.008, "alongside the right side of the spine"),
                 "aorta": _o(0.03, 0.05, 0.005, "just left of the midline, as usual"),
                 "gallbladder": _o(-0.15, -0.16, 0.005, "tucked under the liver anteriorly")},
         ask=["Which urine-making organ here sits under the liver?",
              "The renal artery on this side runs behind the IVC to reach an organ. Which one, on this cut?",
              "Which organ here would a nephrologist biopsy if she wanted the one nestled beneath the liver?"],
         kb=["The right renal artery is the longer of the two because it has to pass behind the IVC.",
             "About 1 in 500 people is born with a horseshoe kidney, joined across the midline at the lower poles."],
         approach="a flank approach under the twelfth rib"),
    dict(target="kidneys", region="abdomen", modality="CT", orient="LP", k=(2, 2), scale=(0.85, 1.15),
         pieces=[(0.22, 0.12, 0.065, 0.085), (-0.22, 0.13, 0.065, 0.085)], noun="kidneys", avoid=["kidney"],
         others={"aorta": _o(0.03, 0.05, 0.005, "sitting on the front of the spine"),
                 "vertebral body": _o(0.0, 0.17, 0.012, "in the midline at the back"),
                 "stomach": _o(0.14, -0.14, 0.03, "up on the left, anteriorly"),
                 "liver": _o(-0.22, -0.05, 0.09, "the largest solid organ, on the right")},
         ask=["Which paired organs on this slice make urine?",
              "If this patient's creatinine is 310 umol/L, which paired organs on the slice are failing?",
              "Which organs here sit in the retroperitoneum either side of the spine and make urine?"],
         kb=["Each kidney holds roughly a million nephrons.",
             "The right one usually lies a little lower than the left because of the liver."],
         approach="bilateral posterior access"),
    dict(target="spleen", region="abdomen", modality="CT", orient="LP", k=(1, 1), scale=(0.8, 1.75),
         pieces=[(0.3, 0.06, 0.075, 0.1)], noun="spleen", avoid=["spleen", "splenic"],
         others={"stomach": _o(0.12, -0.11, 0.03, "on the left, in front"),
                 "left kidney": _o(0.2, 0.15, 0.02, "the left kidney, of course on the left"),
                 "liver": _o(-0.2, 0.0, 0.09, "filling the right upper quadrant"),
                 "aorta": _o(0.03, 0.06, 0.005, "near the midline")},
         ask=["Which organ here filters old red cells and gets injured with left lower rib fractures?",
              "A patient had the 'Kehr sign', pain referred to the left shoulder tip after a fall. Which organ on this slice would you worry about?",
              "Which lymphoid organ on this cut tends to enlarge in glandular fever?"],
         kb=["The classic 1-3-5-7-9-11 rule: about 1 x 3 x 5 inches, 7 oz, lying under ribs 9 to 11.",
             "Accessory spleens turn up in roughly 10-15% of people, often near the hilum."],
         approach="a left subcostal or laparoscopic approach"),
    dict(target="gallbladder", region="abdomen", modality="CT", orient="LP", k=(1, 1), scale=(0.75, 1.3),
         pieces=[(-0.16, -0.14, 0.035, 0.045)], noun="gallbladder", avoid=["gallbladder", "gall bladder", "cholecyst"],
         others={"liver": _o(-0.2, 0.0, 0.09, "wrapping around it on the right"),
                 "duodenum": _o(-0.07, -0.06, 0.006, "curving round the pancreatic head, right of midline"),
                 "right kidney": _o(-0.22, 0.14, 0.02, "deep in the right flank"),
                 "stomach": _o(0.13, -0.1, 0.03, "over on the left")},
         ask=["Which structure here stores and concentrates bile?",
              "A 45-year-old with right upper quadrant pain after fatty meals and a positive Murphy sign: which organ on this slice is the culprit?",
              "Which pear-shaped sac on this cut contracts after a meal to squeeze bile into the duodenum?"],
         kb=["It holds about 30-50 mL of bile.",
             "Gallstones are found in roughly 10-15% of adults in Western countries."],
         approach="a laparoscopic cholecystectomy with four ports"),
    dict(target="pancreas", region="abdomen", modality="CT", orient="LP", k=(1, 1), scale=(0.85, 1.15),
         pieces=[(0.02, -0.03, 0.14, 0.035)], noun="pancreas", avoid=["pancrea"],
         others={"stomach": _o(0.12, -0.15, 0.03, "in front, on the left"),
                 "vertebral body": _o(0.0, 0.17, 0.012, "in the midline posteriorly"),
                 "left kidney": _o(0.22, 0.12, 0.02, "on the left, posteriorly"),
                 "right kidney": _o(-0.22, 0.13, 0.02, "on the right, posteriorly")},
         ask=["Which gland on this slice makes insulin as well as digestive enzymes?",
              "Lipase is 2,400 U/L and the pain goes straight through to the back. Which organ on this cut is inflamed?",
              "Which retroperitoneal gland here has a head in the duodenal C-loop and a tail reaching toward the splenic hilum?"],
         kb=["It secretes about 1.5 L of juice a day.",
             "The head lies right of the midline and the tail reaches toward the spleen on the left."],
         approach="a bilateral subcostal (rooftop) incision"),
    dict(target="abdominal aorta", region="abdomen", modality="CT", orient="LP", k=(1, 1), scale=(0.85, 1.2),
         pieces=[(0.025, 0.06, 0.035, 0.035)], noun="vessel", avoid=["aorta", "aortic"],
         others={"inferior vena cava": _o(-0.08, 0.05, 0.004, "to the right"),
                 "vertebral body": _o(0.0, 0.17, 0.012, "directly behind"),
                 "left kidney": _o(0.23, 0.12, 0.02, "out on the left"),
                 "right kidney": _o(-0.23, 0.12, 0.02, "out on the right")},
         ask=["Which vessel on this slice carries oxygenated blood from the heart down to the legs?",
              "We screen men over 65 for a dilated version of this vessel by ultrasound. Which one is it on this cut?",
              "Which vessel here gives off the renal arteries?"],
         kb=["An infrarenal diameter above 30 mm counts as aneurysmal.",
             "It bifurcates at about the level of L4."],
         approach="a transperitoneal midline laparotomy"),
    dict(target="inferior vena cava", region="abdomen", modality="CT", orient="LP", k=(1, 1), scale=(0.85, 1.2),
         pieces=[(-0.085, 0.05, 0.03, 0.036)], noun="vein", avoid=["vena cava", "ivc", "caval"],
         others={"aorta": _o(0.03, 0.06, 0.005, "to its left"),
                 "right kidney": _o(-0.23, 0.13, 0.02, "in the right flank"),
                 "liver": _o(-0.2, -0.02, 0.09, "the largest organ on the right"),
                 "duodenum": _o(-0.1, -0.08, 0.006, "just in front on the right")},
         ask=["Which large vein here returns blood from the legs to the right atrium?",
              "A filter is placed in this vessel for recurrent pulmonary emboli. Which one is it on this slice?",
              "Which thin-walled vessel on this cut collapses when the patient is dry?"],
         kb=["A collapse of more than 50% with a sniff suggests a low right atrial pressure.",
             "A left-sided version of it occurs in about 0.2-0.5% of people."],
         approach="a right medial visceral rotation (Kocher manoeuvre)"),
    dict(target="adrenal glands", region="abdomen", modality="CT", orient="LP", k=(2, 2), scale=(0.85, 1.2),
         pieces=[(0.12, 0.05, 0.02, 0.03), (-0.12, 0.04, 0.02, 0.03)], noun="glands", avoid=["adrenal", "suprarenal"],
         others={"aorta": _o(0.03, 0.06, 0.005, "in the midline"),
                 "liver": _o(-0.22, -0.04, 0.09, "on the right"),
                 "spleen": _o(0.3, 0.04, 0.03, "on the left"),
                 "vertebral body": _o(0.0, 0.18, 0.012, "behind everything, in the midline")},
         ask=["Which paired glands on this slice make cortisol and epinephrine?",
              "A patient with paroxysmal headaches, sweating and a blood pressure of 220/120: which paired glands here should we look at?",
              "Which small inverted-Y or V-shaped glands here cap the kidneys?"],
         kb=["Incidental nodules turn up in about 4-7% of abdominal CTs.",
             "The right one lies behind the IVC; the left one is closer to the aorta."],
         approach="a laparoscopic lateral transabdominal approach"),
    dict(target="liver metastases", region="abdomen", modality="CT", orient="LP", k=(2, 5), scale=(0.8, 1.3),
         pieces=[(-0.28, -0.08, 0.025, 0.025), (-0.18, -0.14, 0.02, 0.022), (-0.26, 0.04, 0.03, 0.028),
                 (-0.14, -0.02, 0.018, 0.02), (-0.2, 0.1, 0.022, 0.02)], noun="deposits", avoid=["metasta", "liver"],
         others={"gallbladder": _o(-0.15, -0.2, 0.005, "anteriorly, on the right"),
                 "stomach": _o(0.13, -0.12, 0.03, "on the left"),
                 "aorta": _o(0.03, 0.06, 0.005, "near the midline"),
                 "spleen": _o(0.3, 0.05, 0.03, "well over on the left")},
         ask=["A 63-year-old had a sigmoid cancer resected last year and the CEA is rising. Which lesions on this slice explain that?",
              "Which hypodense deposits here are the reason the oncologist is asking about resectability?",
              "Which lesions on this cut represent spread through the portal venous system?"],
         kb=["Colorectal cancer spreads to the liver in about 25-50% of patients over the course of the disease.",
             "Resection is often offered when at least 30% of the liver can be left behind."],
         approach="a right subcostal incision for a segmental resection"),
    dict(target="psoas muscles", region="abdomen", modality="CT", orient="RP", k=(2, 2), scale=(0.85, 1.2),
         pieces=[(0.1, 0.15, 0.035, 0.05), (-0.1, 0.15, 0.035, 0.05)], noun="muscles", avoid=["psoas"],
         others={"aorta": _o(0.03, 0.04, 0.005, "just in front of the spine"),
                 "left kidney": _o(0.24, 0.09, 0.02, "on the left"),
                 "right kidney": _o(-0.24, 0.1, 0.02, "on the right"),
                 "rectus abdominis": _o(0.0, -0.3, 0.01, "the strap muscle of the anterior wall", wall=True)},
         ask=["Which paired muscles flank the lumbar spine and flex the hip?",
              "Which muscles on this slice does a patient test by lifting the leg against resistance in appendicitis?",
              "Sarcopenia is often measured on one pair of muscles at L3. Which pair on this cut?"],
         kb=["A cross-sectional area measured at L3 is the usual sarcopenia index.",
             "The femoral nerve emerges from its lateral border, the genitofemoral nerve from its front."],
         approach="a lateral transpsoas approach to the spine"),
    dict(target="para-aortic lymph nodes", region="abdomen", modality="CT", orient="LP", k=(2, 4), scale=(0.85, 1.25),
         pieces=[(0.1, 0.03, 0.018, 0.02), (0.12, 0.1, 0.02, 0.018), (0.08, -0.04, 0.016, 0.018),
                 (0.15, 0.16, 0.018, 0.018)], noun="nodes", avoid=["lymph", "node"],
         others={"aorta": _o(0.02, 0.05, 0.005, "near the midline"),
                 "inferior vena cava": _o(-0.08, 0.05, 0.004, "on the right"),
                 "left kidney": _o(0.25, 0.12, 0.02, "out laterally on the left"),
                 "liver": _o(-0.22, -0.04, 0.09, "on the right")},
         ask=["A man with a testicular seminoma: where would the first drainage deposits be on this slice?",
              "Which enlarged structures beside the great vessel here change the staging of this Hodgkin disease?",
              "Which small round structures alongside the aorta should the radiologist count for staging?"],
         kb=["A short axis over 10 mm is the usual cut-off for calling one enlarged.",
             "Left testicular drainage goes to the left para-aortic chain, right testicular drainage to the interaortocaval region."],
         approach="a retroperitoneal lymph node dissection"),
    dict(target="appendix", region="abdomen", modality="CT", orient="LP", k=(1, 1), scale=(0.8, 1.3),
         pieces=[(-0.2, 0.02, 0.025, 0.03)], noun="appendix", avoid=["appendi"],
         others={"right psoas": _o(-0.1, 0.14, 0.008, "on the right of the spine"),
                 "bladder": _o(0.0, -0.2, 0.02, "low and anterior in the midline"),
                 "sigmoid colon": _o(0.18, 0.02, 0.01, "on the left"),
                 "rectus abdominis": _o(-0.06, -0.3, 0.01, "anterior abdominal wall muscle", wall=True)},
         ask=["Pain that started around the umbilicus and moved to McBurney's point: which structure on this slice is inflamed?",
              "Which blind-ending tube here hangs off the caecum?",
              "Which structure on this cut does the surgeon remove for acute abdominal pain with an Alvarado score of 8?"],
         kb=["Its base is constant, but its tip points retrocaecally in about 65% of people.",
             "A diameter over 6 mm on CT is the usual threshold for inflammation."],
         approach="a laparoscopic approach with a 12 mm umbilical port"),
    dict(target="urinary bladder", region="pelvis", modality="MR", orient="LP", k=(1, 1), scale=(0.6, 1.8),
         pieces=[(0.0, -0.06, 0.1, 0.08)], noun="bladder", avoid=["bladder", "vesic"],
         others={"rectum": _o(0.0, 0.16, 0.008, "in the midline at the back"),
                 "left femoral head": _o(0.29, 0.04, 0.015, "on the left"),
                 "right femoral head": _o(-0.29, 0.04, 0.015, "on the right"),
                 "rectus abdominis": _o(0.0, -0.3, 0.01, "the anterior wall muscle", wall=True)},
         ask=["Which hollow organ on this pelvic slice stores urine?",
              "The patient hasn't voided for 9 hours and is in retention. Which organ here is distended?",
              "Which muscular reservoir here is lined by urothelium and sits behind the pubic symphysis?"],
         kb=["It holds about 400-600 mL comfortably.",
             "The ureters enter it obliquely, which acts as a valve against reflux."],
         approach="a suprapubic approach"),
    dict(target="left ovarian cyst", region="pelvis", modality="MR", orient="LP", k=(1, 1), scale=(0.8, 1.6),
         pieces=[(0.17, 0.02, 0.045, 0.045)], noun="cyst", avoid=["ovar", "cyst"],
         others={"uterus": _o(0.0, 0.0, 0.015, "in the midline"),
                 "bladder": _o(0.0, -0.15, 0.02, "anterior, in the midline"),
                 "rectum": _o(0.0, 0.19, 0.008, "posterior, in the midline"),
                 "sigmoid colon": _o(0.1, 0.12, 0.01, "looping on the left")},
         ask=["A 28-year-old with a simple fluid-filled adnexal lesion found on a pregnancy scan: which structure on this slice is it?",
              "Which thin-walled fluid lesion here arises from the gonad?",
              "Which structure on this pelvic slice could twist and cause torsion if it grew past about 5 cm?"],
         kb=["Simple cysts under 5 cm in premenopausal women usually need no follow-up.",
             "Torsion is more common on the right, probably because the sigmoid takes up room on the left."],
         approach="a laparoscopic cystectomy"),
    dict(target="prostate", region="pelvis", modality="MR", orient="LP", k=(1, 1), scale=(0.8, 1.4),
         pieces=[(0.0, 0.04, 0.045, 0.04)], noun="gland", avoid=["prostat"],
         others={"rectum": _o(0.0, 0.17, 0.008, "directly behind, in the midline"),
                 "pubic symphysis": _o(0.0, -0.15, 0.006, "in front, in the midline"),
                 "left obturator internus": _o(0.18, 0.04, 0.01, "lining the left pelvic sidewall"),
                 "right obturator internus": _o(-0.18, 0.04, 0.01, "lining the right pelvic sidewall")},
         ask=["A 67-year-old with a PSA of 9.4 ng/mL: which gland on this slice is being assessed?",
              "Which gland here surrounds the first part of the male urethra?",
              "Which structure on this slice does a finger in the rectum palpate anteriorly?"],
         kb=["A normal one is about 20-25 mL.",
             "About 70% of cancers arise in the peripheral zone."],
         approach="a robotic transperitoneal approach"),
    dict(target="left ventricle", region="thorax", modality="CT", orient="LP", k=(1, 1), scale=(0.85, 1.25),
         pieces=[(0.09, -0.07, 0.075, 0.065)], noun="chamber", avoid=["ventric"],
         others={"right ventricle": _o(-0.02, -0.16, 0.012, "anteriorly, right of the septum"),
                 "descending aorta": _o(0.09, 0.16, 0.004, "alongside the spine on the left"),
                 "left atrium": _o(0.02, 0.03, 0.01, "the most posterior chamber"),
                 "right lung": _o(-0.25, 0.0, 0.08, "filling the right hemithorax")},
         ask=["Which chamber on this slice pumps blood into the systemic circulation?",
              "Which chamber here has the thickest wall, around 10 mm, because it works against systemic pressure?",
              "The ejection fraction is 35%. Which chamber on this cut is that number about?"],
         kb=["Its wall is normally about 3 times thicker than the right ventricle's.",
             "A normal ejection fraction is roughly 55-70%."],
         approach="a median sternotomy"),
    dict(target="pulmonary nodules", region="thorax", modality="CT", orient="LP", k=(2, 5), scale=(0.8, 1.3),
         pieces=[(0.25, -0.1, 0.018, 0.018), (-0.26, -0.05, 0.02, 0.02), (0.3, 0.1, 0.016, 0.016),
                 (-0.22, 0.14, 0.018, 0.018), (0.2, 0.22, 0.015, 0.015)], noun="nodules", avoid=["nodul", "lung"],
         others={"heart": _o(0.05, -0.06, 0.08, "left of centre, anteriorly"),
                 "descending aorta": _o(0.08, 0.15, 0.004, "beside the spine on the left"),
                 "sternum": _o(0.0, -0.3, 0.006, "front and centre", wall=True),
                 "vertebral body": _o(0.0, 0.22, 0.012, "at the back in the midline")},
         ask=["A 70-year-old ex-smoker with 40 pack-years: which small round opacities on this slice need Fleischner follow-up?",
              "Which round lesions on this chest slice could be metastases from the known renal cell carcinoma?",
              "Which spots on this cut would you measure to decide between 3-month and 6-month follow-up?"],
         kb=["Under 6 mm in a low-risk patient usually needs no routine follow-up.",
             "The right lung has 3 lobes and the left has 2."],
         approach="a video-assisted thoracoscopic wedge resection"),
    dict(target="oesophagus", region="thorax", modality="CT", orient="LP", k=(1, 1), scale=(0.85, 1.25),
         pieces=[(0.015, 0.1, 0.022, 0.022)], noun="tube", avoid=["oesophag", "esophag"],
         others={"left atrium": _o(0.02, 0.0, 0.01, "directly in front of it"),
                 "descending aorta": _o(0.09, 0.14, 0.004, "on the left of the spine"),
                 "vertebral body": _o(0.0, 0.22, 0.012, "behind, in the midline"),
                 "right lung": _o(-0.26, 0.0, 0.08, "on the right")},
         ask=["Which muscular tube on this slice carries swallowed food to the stomach?",
              "A patient with food sticking behind the sternum: which structure here would the endoscopist look at?",
              "Which structure here does a TOE probe sit in to look at the left atrium from behind?"],
         kb=["It is about 25 cm long in an adult.",
             "It has three natural narrowings, at roughly 15, 25 and 40 cm from the incisors."],
         approach="a right thoracotomy (Ivor Lewis)"),
    dict(target="right pleural effusion", region="thorax", modality="CT", orient="RP", k=(1, 1), scale=(0.75, 1.8),
         pieces=[(-0.25, 0.17, 0.12, 0.075)], noun="collection", avoid=["pleura", "effusion"],
         others={"vertebral body": _o(0.0, 0.2, 0.012, "in the midline at the back"),
                 "heart": _o(0.05, -0.06, 0.08, "left of centre, anteriorly"),
                 "descending aorta": _o(0.08, 0.14, 0.004, "on the left"),
                 "sternum": _o(0.0, -0.3, 0.006, "anterior midline", wall=True)},
         ask=["A patient in heart failure is short of breath with dullness at one base: which fluid collection on this slice explains it?",
              "Which dependent fluid layer here would be drained with a chest tube?",
              "Which crescent of fluid on this cut is compressing the adjacent lung?"],
         kb=["About 200 mL is needed before it blunts the costophrenic angle on an upright film.",
             "Light's criteria use a protein ratio above 0.5 to call it an exudate."],
         approach="ultrasound-guided thoracentesis in the mid-axillary line"),
    dict(target="thyroid lobes", region="neck", modality="CT", orient="LP", k=(2, 2), scale=(0.85, 1.2),
         pieces=[(0.085, -0.09, 0.03, 0.05), (-0.085, -0.09, 0.03, 0.05)], noun="lobes", avoid=["thyro"],
         others={"trachea": _o(0.0, -0.06, 0.008, "in the midline"),
                 "left common carotid artery": _o(0.16, -0.02, 0.002, "on the left"),
                 "right common carotid artery": _o(-0.16, -0.02, 0.002, "on the right"),
                 "vertebral body": _o(0.0, 0.14, 0.012, "behind, in the midline")},
         ask=["Which paired gland lobes on this neck slice make T4?",
              "A woman with tremor, weight loss and a TSH below 0.01: which gland here is overactive?",
              "Which structure here moves up when the patient swallows, wrapped around the front of the airway?"],
         kb=["Each lobe is about 4-6 cm long.",
             "A pyramidal lobe is present in about 30-50% of people, usually on the left."],
         approach="a transverse collar incision two fingerbreadths above the sternal notch"),
    dict(target="right thyroid nodule", region="neck", modality="CT", orient="RP", k=(1, 1), scale=(0.8, 1.3),
         pieces=[(-0.09, -0.1, 0.022, 0.022)], noun="nodule", avoid=["thyro", "nodul"],
         others={"trachea": _o(0.0, -0.05, 0.008, "in the midline"),
                 "right common carotid artery": _o(-0.17, -0.02, 0.002, "on the right"),
                 "oesophagus": _o(0.02, 0.04, 0.003, "slightly left of midline, behind the airway"),
                 "left common carotid artery": _o(0.17, -0.02, 0.002, "on the left")},
         ask=["A 52-year-old noticed a lump while shaving; ultrasound called it TI-RADS 4. Which lesion on this slice is it?",
              "Which focal lesion in the gland in front of the trachea should go for fine-needle aspiration?",
              "Which lump here would the endocrine surgeon discuss for a lobectomy of the gland in front of the windpipe?"],
         kb=["Palpable ones are found in about 5% of adults, and over 90% are benign.",
             "Fine-needle aspiration is usually advised for TI-RADS 4 lesions of 15 mm or more."],
         approach="a hemithyroidectomy through a collar incision"),
    dict(target="lateral ventricles", region="brain", modality="MR", orient="LP", k=(2, 2), scale=(0.85, 1.25),
         pieces=[(0.075, -0.03, 0.03, 0.1), (-0.075, -0.03, 0.03, 0.1)], noun="ventricles", avoid=["ventric"],
         others={"pineal gland": _o(0.0, 0.14, 0.001, "in the midline posteriorly"),
                 "left caudate nucleus": _o(0.12, -0.1, 0.004, "on the left"),
                 "right caudate nucleus": _o(-0.12, -0.1, 0.004, "on the right"),
                 "frontal bone": _o(0.0, -0.38, 0.02, "at the front", wall=True)},
         ask=["Which paired CSF-filled cavities on this brain slice are enlarged in hydrocephalus?",
              "Which spaces here does a neurosurgeon cannulate when placing an external drain at Kocher's point for raised pressure?",
              "Which paired cavities on this slice make most of the cerebrospinal fluid via their choroid plexus?"],
         kb=["Total CSF volume is about 150 mL, renewed 3-4 times a day.",
             "Mild asymmetry, the left one larger, is seen in a good fraction of normal people."],
         approach="a right frontal burr hole at Kocher's point"),
    dict(target="right hippocampus", region="brain", modality="MR", orient="LI", k=(1, 1), scale=(0.85, 1.2),
         pieces=[(-0.15, 0.1, 0.03, 0.028)], noun="structure", avoid=["hippocamp"],
         others={"right lateral ventricle": _o(-0.07, -0.06, 0.006, "on the right, above"),
                 "brainstem": _o(0.0, 0.17, 0.01, "in the midline, below"),
                 "right insula": _o(-0.22, -0.04, 0.006, "deep in the right lateral sulcus"),
                 "left hippocampus": _o(0.15, 0.1, 0.003, "its twin on the left")},
         ask=["Which structure on this coronal slice, on the side of the seizure focus, is sclerotic in mesial temporal lobe epilepsy?",
              "Which seahorse-shaped grey matter structure in the medial temporal lobe would shrink early in Alzheimer disease, on the side opposite the left one?",
              "Which structure here is crucial for forming new memories and sits on the floor of the temporal horn, right-hand member of the pair?"],
         kb=["Scheltens scores grade its atrophy from 0 to 4.",
             "Patient H.M. lost both in 1953 and could no longer form new declarative memories."],
         approach="a selective amygdalohippocampectomy"),
    dict(target="liver", region="abdomen", modality="CT", orient="LP", k=(1, 1), scale=(0.8, 1.15),
         pieces=[(-0.17, -0.02, 0.17, 0.16)], noun="organ", avoid=["liver", "hepat"],
         others={"spleen": _o(0.3, 0.05, 0.03, "tucked up under the left ribs"),
                 "stomach": _o(0.14, -0.12, 0.03, "on the left, anteriorly"),
                 "gallbladder": _o(-0.14, -0.2, 0.005, "hanging from its undersurface at the front"),
                 "aorta": _o(0.03, 0.06, 0.005, "just left of the midline")},
         ask=["Which organ on this slice makes bile, stores glycogen and clears ammonia?",
              "ALT is 900 U/L after a paracetamol overdose. Which organ on this cut is injured?",
              "Which organ here has a dual blood supply, about 75% from the portal vein?"],
         kb=["It weighs about 1.5 kg in an adult.",
             "Couinaud divided it into 8 functional segments."],
         approach="a right subcostal (Kocher) incision"),
    dict(target="left lung", region="thorax", modality="CT", orient="LP", k=(1, 1), scale=(0.85, 1.15),
         pieces=[(0.24, 0.0, 0.12, 0.2)], noun="lung", avoid=["lung", "pulmon"],
         others={"heart": _o(0.05, -0.08, 0.08, "left of centre, anteriorly"),
                 "descending aorta": _o(0.08, 0.15, 0.004, "beside the spine on the left"),
                 "right lung": _o(-0.24, 0.0, 0.08, "the larger, three-lobed one on the right"),
                 "vertebral body": _o(0.0, 0.22, 0.012, "in the midline posteriorly")},
         ask=["Which air-filled organ on this chest slice has only two lobes and a cardiac notch?",
              "A lobectomy of the lingula is planned. Which organ on this cut is that in?",
              "Which organ here, on the same side as the descending aorta, exchanges gas?"],
         kb=["The right one holds about 55% of total lung volume, the left about 45%.",
             "Adults breathe about 12-20 times a minute at rest."],
         approach="a left posterolateral thoracotomy through the fifth intercostal space"),
    dict(target="left adrenal gland", region="abdomen", modality="MR", orient="LI", k=(1, 1), scale=(0.85, 1.2),
         pieces=[(0.11, -0.08, 0.022, 0.03)], noun="gland", avoid=["adrenal", "suprarenal"],
         others={"left kidney": _o(0.17, 0.08, 0.02, "just below it, on the left"),
                 "spleen": _o(0.3, -0.12, 0.03, "out laterally on the left"),
                 "liver": _o(-0.2, -0.1, 0.09, "over on the right"),
                 "aorta": _o(0.02, 0.05, 0.005, "in the midline")},
         ask=["Which small gland on this coronal image sits on the upper pole of the kidney on the spleen's side?",
              "A patient with Conn syndrome: potassium 2.9 and a lesion in the gland on the same side as the spleen. Which structure is it here?",
              "Which endocrine gland here, the one nearer the aorta than the IVC, would a lateral laparoscopic approach target?"],
         kb=["The left adrenal vein drains into the left renal vein; the right one drains straight into the IVC.",
             "Normal limb thickness is under about 5 mm."],
         approach="a laparoscopic left adrenalectomy with the patient in right lateral decubitus"),
]
_MULTI = [i for i, p in enumerate(PROFILES) if p["k"][1] >= 2]


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


def pick_profile(profiles, i, defect, rng):
    if defect == "count" and rng.random() < 0.5:
        return profiles[rng.choice(_MULTI)]
    return rng.choice(profiles)


def _to_image(px, py, orient):
    x = 0.5 + px if orient[0] == "L" else 0.5 - px
    y = 0.5 + py if orient[1] in "PI" else 0.5 - py
    return x, y


def draw(p, rng):
    """The mask and the neighbours' normalised centres for one draw of the profile."""
    k = rng.randint(*p["k"])
    idx = sorted(rng.sample(range(len(p["pieces"])), k))
    s = rng.uniform(*p["scale"])
    yy, xx = np.mgrid[0:SIZE, 0:SIZE]
    mask = np.zeros((SIZE, SIZE), bool)
    for j in idx:
        px, py, rx, ry = p["pieces"][j]
        px += rng.uniform(-0.015, 0.015)
        py += rng.uniform(-0.015, 0.015)
        rx *= s * rng.uniform(0.92, 1.08)
        ry *= s * rng.uniform(0.92, 1.08)
        x, y = _to_image(px, py, p["orient"])
        mask |= ((xx - x * (SIZE - 1)) / (rx * SIZE)) ** 2 + ((yy - y * (SIZE - 1)) / (ry * SIZE)) ** 2 <= 1.0
    others = {}
    for name, o in p["others"].items():
        x, y = _to_image(o["px"] + rng.uniform(-0.01, 0.01), o["py"] + rng.uniform(-0.01, 0.01), p["orient"])
        others[name] = (round(x, 4), round(y, 4))
    return mask, others


def facts_for(p, rng):
    mask, others = draw(p, rng)
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


# -- phrases ---------------------------------------------------------------------------------------

SIDE_PH = {
    "left": ["on the patient's left", "on the left side of the body", "left of the midline", "in the left half of the body"],
    "right": ["on the patient's right", "on the right side of the body", "right of the midline", "in the right half of the body"],
    "midline": ["in the midline", "right on the midline", "centred on the midline", "straddling the midline"],
    "bilateral": ["on both sides of the body", "on either side of the midline", "on both the left and the right"],
}
ONLY_PH = ["only on the patient's {s}", "on the {s} side only", "confined to the {s} side"]
NEG_PH = {"left": ["not on the right", "not a right-sided structure"], "right": ["not on the left", "not a left-sided structure"],
          "midline": ["not off to either side"], "bilateral": ["not confined to one side"]}
VERT_PH = {
    "anterior": ["in the anterior part of the section", "toward the front of the body", "anteriorly placed"],
    "posterior": ["in the posterior part of the section", "toward the back of the body", "posteriorly placed"],
    "superior": ["high on this coronal section", "in the upper part of the section", "superiorly placed"],
    "inferior": ["low on this coronal section", "in the lower part of the section", "inferiorly placed"],
    "centralAP": ["midway between front and back", "at about mid-depth in the body"],
    "centralSI": ["at about mid-height on the section", "roughly halfway up the section"],
}
REL_PH = {
    "left_of": ["left of the {o}", "to the left of the {o}", "just left of the {o}"],
    "right_of": ["right of the {o}", "to the right of the {o}", "just right of the {o}"],
    "anterior_to": ["anterior to the {o}", "in front of the {o}", "ventral to the {o}"],
    "posterior_to": ["posterior to the {o}", "behind the {o}", "dorsal to the {o}"],
    "superior_to": ["above the {o}", "superior to the {o}", "cranial to the {o}"],
    "inferior_to": ["below the {o}", "inferior to the {o}", "caudal to the {o}"],
}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
INV_WORD = {"left_of": "right of", "right_of": "left of", "anterior_to": "behind", "posterior_to": "in front of",
            "superior_to": "below", "inferior_to": "above"}
SIZE_PH = {"small": ["small", "on the small side"], "medium": ["medium-sized", "moderate in size", "mid-sized"],
           "large": ["large", "big", "sizeable"]}
NUM = ["zero", "one", "two", "three", "four", "five", "six", "seven"]


def _pct_text(v):
    return f"{v:.1f}%" if v < 10 else f"{v:.0f}%"


class Conv:
    """One conversation in the making, with its ledger of claims about the target."""

    def __init__(self, p, facts, rng, defect, style):
        self.p, self.f, self.rng, self.defect, self.style = p, facts, rng, defect, style
        self.turns, self.claims = [], []
        self.lat, self.vert, self.size = facts["laterality"], facts["vertical"], facts["size_class"]
        self.n, self.af = facts["components"], facts["area_fraction"] * 100
        self.rels = [(r["other"], r["relation"]) for r in facts["relations"]]
        self.axis = "AP" if p["orient"][1] in "AP" else "SI"
        self.used = []
        self.blocked = []
        self.loc = None

    # recording
    def rec(self, kind, value, text, false, role="assistant", corrected=False):
        self.claims.append({"kind": kind, "value": value, "turn": len(self.turns), "role": role, "text": text,
                            "false": false, "corrected": corrected})
        return text

    def say(self, role, text):
        self.turns.append({"role": role, "content": text})

    def c(self, seq):
        return self.rng.choice(seq)

    # claims about the target
    def side(self, false=False, role="assistant", corrected=False):
        lat = self.lat
        if not false:
            return self.rec("side", lat, self.c(SIDE_PH[lat]), False, role, corrected)
        if lat == "bilateral":
            s = self.c(["left", "right"])
            return self.rec("side", s, self.c(ONLY_PH).format(s=s), True, role, corrected)
        wrong = {"left": "right", "right": "left"}.get(lat) or self.c(["left", "right"])
        if lat == "midline":
            return self.rec("side", wrong, self.c([f"off to the patient's {wrong}", f"on the {wrong} side of the body",
                                                   f"{wrong} of the midline"]), True, role, corrected)
        return self.rec("side", wrong, self.c(SIDE_PH[wrong]), True, role, corrected)

    def side_neg(self, role="assistant"):
        return self.rec("side_not", self.lat, self.c(NEG_PH[self.lat]), False, role)

    def vpos(self, false=False, role="assistant", corrected=False):
        v = self.vert
        if false:
            pair = ("anterior", "posterior") if self.axis == "AP" else ("superior", "inferior")
            v = self.c(pair) if v == "central" else (pair[1] if v == pair[0] else pair[0])
        key = ("central" + self.axis) if v == "central" else v
        return self.rec("vertical", v, self.c(VERT_PH[key]), false, role, corrected)

    def pick_rel(self, exclude=()):
        cand = [r for r in self.rels if r[0] not in self.used and r[0] not in exclude]
        if not cand:
            cand = [r for r in self.rels if r[0] not in exclude] or self.rels
        return self.c(cand) if cand else None

    def rel_text(self, o, r):
        opts = [t.format(o=o) for t in REL_PH[r]]
        own = self.p["others"][o]["px"]
        if self.lat in ("left", "right") and abs(own) > 0.07 and (own > 0) == (self.lat == "left") and r in ("left_of", "right_of"):
            lateral = (r == "left_of") == (self.lat == "left")
            opts += [f"{'lateral' if lateral else 'medial'} to the {o}"] * 2
        if self.p["others"][o]["wall"] and r == "posterior_to":
            opts.append(f"deep to the {o}")
        return self.c(opts)

    def rel(self, false=False, role="assistant", pick=None, corrected=False):
        r = pick or self.pick_rel()
        if r is None:
            return None
        o, k = r
        self.used.append(o)
        k2 = FLIP[k] if false else k
        return self.rec("relation", [o, k2], self.rel_text(o, k2), false, role, corrected)

    def between(self):
        for ax in (("left_of", "right_of"), ("anterior_to", "posterior_to"), ("superior_to", "inferior_to")):
            a = [o for o, k in self.rels if k == ax[0] and o not in self.used]
            b = [o for o, k in self.rels if k == ax[1] and o not in self.used]
            if a and b:
                oa, ob = a[0], b[0]
                self.used += [oa, ob]
                t = self.c([f"between the {oa} and the {ob}", f"sandwiched between the {ob} and the {oa}"])
                return self.rec("between", [oa, ob], t, False)
        return None

    def sz(self, false=False, role="assistant", corrected=False):
        v = self.size
        if false:
            v = {"small": "large", "large": "small"}.get(v) or self.c(["small", "large"])
        return self.rec("size", v, self.c(SIZE_PH[v]), false, role, corrected)

    def pct(self, false=False, role="assistant", corrected=False):
        a = self.af
        v = (a * 5 if a < 3 else a / 5) if false else a
        t = _pct_text(v)
        v = float(t.rstrip("%"))
        return self.rec("pct", v, self.c([f"about {t} of the image", f"roughly {t} of the field of view",
                                          f"around {t} of the slice area"]), false, role, corrected)

    def cnt(self, false=False, role="assistant", corrected=False):
        n = self.n
        if false:
            n = 2 if n == 1 else (n + 1 if n == 2 or self.rng.random() < 0.5 else n - 1)
        noun = self.p["noun"]
        if n == 1:
            t = self.c(["a single contiguous piece", "one continuous structure", "just one region, no satellite pieces"])
        elif self.p["k"][1] == 1:
            t = self.c([f"{NUM[n]} separate pieces", f"{NUM[n]} distinct fragments", f"{NUM[n]} discrete parts"])
        elif self.lat == "bilateral" and self.p["k"] == (2, 2) and not false:
            t = self.c([f"{NUM[n]} separate {noun}, one each side", f"{NUM[n]} pieces, one per side"])
        else:
            t = self.c([f"{NUM[n]} separate {noun}", f"{NUM[n]} distinct pieces", f"{NUM[n]} discrete {noun}"])
        return self.rec("count", n, t, false, role, corrected)

    # asides about the neighbours: true in this synthetic anatomy, not claims about the target's facts
    def neighbour_note(self, exclude=()):
        names = [o for o in self.p["others"] if o not in exclude] or list(self.p["others"])
        o = self.c(names)
        return f"the {o}, {self.p['others'][o]['note']}"

    def relsize(self):
        names = list(self.p["others"])
        self.rng.shuffle(names)
        for o in names:
            ratio = self.af / (self.p["others"][o]["a"] * 100)
            if 1.7 <= ratio <= 2.4:
                return f"about twice the size of the {o} on this slice"
            if 0.42 <= ratio <= 0.6:
                return f"about half the size of the {o} here"
            if ratio >= 1.4:
                return f"larger than the {o} on this cut"
            if ratio <= 0.7:
                return f"smaller than the {o} on this slice"
        return None


# -- wording helpers --------------------------------------------------------------------------------

def cap(s):
    return s[:1].upper() + s[1:]


def opp_side(lat):
    return {"left": "right", "right": "left"}.get(lat)


# -- conversation builders ---------------------------------------------------------------------------

NAME_Q = ["Can you outline the {t} on this slice and tell me what it sits next to?",
          "Segment the {t} here, please, and describe its neighbours.",
          "Where exactly is the {t} on this image, relative to the structures around it?",
          "Show me the {t} and compare it with what's around it."]

OPEN = {
    "demonstrator": ["Sorry to interrupt, but we've got the matching section on the bench. {q}",
                     "Quick one from table 4: {q}", "Before we start cutting: {q}",
                     "I'm looking at the scan that goes with our cadaver. {q}"],
    "resident": ["Attending here. {q} Run your search pattern out loud.", "{q} Give it to me systematically, please.",
                 "Case from the list this morning. {q} Structured, please.", "{q} Talk me through how you find it."],
    "table": ["{q} A comparison table with the neighbouring structures would help.", "{q}",
              "Studying for my anatomy exam. {q} Could you lay out the neighbours in a table?",
              "{q} Please compare it with what's around it."],
    "surgeon": ["We're planning the approach for tomorrow's list. {q}", "{q} I need the relations before we plan the incision.",
                "Pre-op huddle. {q}", "Registrar here, prepping for theatre. {q}"],
}


def first_question(cv, names):
    p, rng = cv.p, cv.rng
    q = rng.choice(NAME_Q).format(t=p["target"]) if names else rng.choice(p["ask"])
    return rng.choice(OPEN[cv.style]).format(q=q)


def plan(cv):
    """Which kinds the first answer states and where the defect goes."""
    d = cv.defect
    if d in (None, "names_target"):
        return None
    cv.loc = cv.rng.choice(["first", "follow", "premise"])
    return cv.loc


def kind_of(defect):
    return {"laterality": "side", "position": "position", "size": "size", "count": "count"}.get(defect)


def build(p, facts, style, rng, defect):
    cv = Conv(p, facts, rng, defect, style)
    loc = plan(cv)
    dk = kind_of(defect)
    first_false = dk if loc == "first" else None
    omit = dk if loc in ("follow", "premise") else None
    cv.say("user", first_question(cv, defect == "names_target"))
    cv.say("assistant", FIRST[style](cv, first_false, omit))
    rounds = followups(cv, dk, loc)
    for r in rounds:
        r(cv)
    if p["k"][0] >= 2 or p["target"].endswith(("metastases", "nodules", "nodes")):
        for t in cv.turns[1:]:
            t["content"] = _plural(t["content"])
    LEDGER.append({"claims": cv.claims, "defect": defect, "loc": loc if dk else ("question" if defect else None),
                   "target": p["target"], "avoid": p["avoid"]})
    return cv.turns, ([defect] if defect else [])


_PLURAL = [("It lies", "They lie"), ("it lies", "they lie"), ("It sits", "They sit"), ("it sits", "they sit"),
           ("It's ", "They're "), ("it's ", "they're "), ("It takes up", "They take up"), ("It covers", "They cover"),
           ("It occupies", "They occupy"), ("It also lies", "They also lie"), ("it is ", "they are "),
           ("It is ", "They are "), ("confuse it with", "confuse them with"), ("isn't it?", "aren't they?"),
           ("Is it ", "Are they "), ("is it ", "are they "), ("Would you call it", "Would you call them"),
           ("Put your probe on it", "Put your probe on them"), ("mix it up", "mix them up"),
           ("Expect it ", "Expect them "), ("Trace it ", "Trace them "), ("on it:", "on them:"),
           ("Where is it", "Where are they"), ("How big is it", "How big are they"), ("next to it", "next to them"),
           ("related to?", "related to?"), ("Which side is it", "Which side are they"), ("it all one", "it all one"),
           ("Had it been", "Had they been"), ("lies dorsal", "lie dorsal"), ("- Relation: lies", "- Relation: lie")]


def _plural(text):
    for a, b in _PLURAL:
        text = text.replace(a, b)
    return text


# first answers ----------------------------------------------------------------------------------------

def _size_bits(cv, false_kind, omit):
    """Size sentence parts: class adjective (and sometimes a percentage), one possibly false."""
    if omit == "size":
        return None
    f = false_kind == "size"
    if cv.rng.random() < 0.5:
        return ("cls", cv.sz(f))
    return ("pct", cv.pct(f))


def _pos_bits(cv, false_kind, omit):
    out = []
    f = false_kind == "position"
    use_vert = f and (not cv.rels or cv.rng.random() < 0.3)
    if omit == "position":
        return out
    if use_vert:
        out.append(("vert", cv.vpos(True)))
    else:
        r = cv.rel(f)
        if r:
            out.append(("rel", r))
    if cv.rng.random() < 0.5:
        b = cv.between() if not f else None
        if b:
            out.append(("between", b))
    return out


def first_demonstrator(cv, ff, omit):
    p, rng = cv.p, cv.rng
    t = p["target"]
    parts = [rng.choice([f"Good question. What you're after is the {t} [SEG].",
                         f"Right, gather round. That's the {t} [SEG].",
                         f"Put your probe on it: the {t} [SEG]."])]
    if omit != "side":
        s = cv.side(ff == "side")
        parts.append(rng.choice([f"First thing to notice: it lies {s}.", f"Orient yourselves: it's {s}.",
                                 f"Don't get turned around, it sits {s}."]))
    for k, b in _pos_bits(cv, ff, omit):
        if k == "rel":
            parts.append(rng.choice([f"Trace it with your finger and you'll see it sits {b}.",
                                     f"Now the relation that matters: it lies {b}.",
                                     f"Feel how it sits {b}; that's the landmark to remember."]))
        elif k == "vert":
            parts.append(f"On the section it is {b}.")
        else:
            parts.append(f"Look at how it's {b}.")
    sb = _size_bits(cv, ff, omit)
    if sb:
        rs = cv.relsize() if ff != "size" else None
        if sb[0] == "cls":
            parts.append(f"On this slice it's {sb[1]}" + (f", {rs}." if rs else "."))
        else:
            parts.append(f"It takes up {sb[1]}" + (f" and is {rs}." if rs else "."))
    if (cv.n > 1 or ff == "count") and omit != "count":
        parts.append(f"Count them before you move on: {cv.cnt(ff == 'count')}.")
    parts.append(cap(rng.choice([f"don't confuse it with {cv.neighbour_note(cv.used)}.",
                                 f"the thing people mix it up with is {cv.neighbour_note(cv.used)}."])))
    if rng.random() < 0.6:
        parts.append(rng.choice(p["kb"]))
    return " ".join(parts)


def first_resident(cv, ff, omit):
    p, rng = cv.p, cv.rng
    lines = [rng.choice(["Search pattern, level by level, then the target:", "Going through it systematically:",
                         "Structured read:"])]
    n1 = cv.neighbour_note()
    n2 = cv.neighbour_note(exclude=[n1.split(",")[0][4:]])
    lines.append(f"- Survey: {n1}; {n2}.")
    lines.append(f"- Target: {p['target']} [SEG].")
    if omit != "side":
        lines.append(f"- Side: {cv.side(ff == 'side')}.")
    for k, b in _pos_bits(cv, ff, omit):
        lines.append({"rel": "- Relation: lies {b}.", "vert": "- Position on the section: {b}.",
                      "between": "- Also: {b}."}[k].format(b=b))
    sb = _size_bits(cv, ff, omit)
    if sb:
        lines.append(f"- Size: {sb[1]}" + (" on this slice." if sb[0] == "cls" else "."))
    if (cv.n > 1 or ff == "count") and omit != "count":
        lines.append(f"- Pieces: {cv.cnt(ff == 'count')}.")
    if rng.random() < 0.5:
        lines.append(f"- Aside: {rng.choice(p['kb'])}")
    lines.append(rng.choice(["Nothing else abnormal on the slice.", "Rest of the slice reviewed, no other findings.",
                             "Bones and soft tissues otherwise unremarkable."]))
    return "\n".join(lines)


def first_table(cv, ff, omit):
    p, rng = cv.p, cv.rng
    t = p["target"]
    head = rng.choice([f"The structure you're describing is the **{t}** [SEG]. Here's how it compares with its neighbours:",
                       f"That's the **{t}** [SEG]. A side-by-side comparison:",
                       f"You're looking for the **{t}** [SEG]; below is a quick comparison table."])
    rows = []
    tgt_side = cv.side(ff == "side") if omit != "side" else "(see image)"
    sb = _size_bits(cv, ff, omit)
    size_cell = sb[1] if sb else "n/a"
    rows.append(f"| **{t}** (target) | {tgt_side} | n/a | {size_cell} |")
    invert = rng.random() < 0.5
    bits = _pos_bits(cv, ff, omit)
    extra = []
    for k, b in bits:
        if k == "rel":
            rec = [c for c in cv.claims if c["kind"] == "relation" and c["text"] == b][-1]
            o, r = rec["value"]
            if invert:
                inv = INV_WORD[r] + " the target"
                rec["text"] = inv
                rows.append(f"| {cap(o)} | {cv.p['others'][o]['note']} | {inv} | not measured |")
            else:
                rows.append(f"| {cap(o)} | {cv.p['others'][o]['note']} | target lies {b} | not measured |")
        else:
            extra.append(b)
    for o in cv.p["others"]:
        if o not in cv.used and len(rows) < 4:
            rows.append(f"| {cap(o)} | {cv.p['others'][o]['note']} | (not compared) | not measured |")
            break
    col = "Where it sits relative to the target" if invert else "Target relative to it"
    out = [head, "", f"| Structure | Side / where | {col} | Size on this slice |", "|---|---|---|---|"] + rows
    notes = []
    for b in extra:
        notes.append(f"It also lies {b}." if "between" in b or "sandwiched" in b else f"On the section it is {b}.")
    if (cv.n > 1 or ff == "count") and omit != "count":
        notes.append(f"The segmentation has {cv.cnt(ff == 'count')}.")
    if ff != "size" and omit != "size" and rng.random() < 0.6:
        rs = cv.relsize()
        if rs:
            notes.append(f"For scale, it is {rs}.")
    if rng.random() < 0.5:
        notes.append(rng.choice(p["kb"]))
    if notes:
        out += ["", " ".join(notes)]
    return "\n".join(out)


def first_surgeon(cv, ff, omit):
    p, rng = cv.p, cv.rng
    t = p["target"]
    parts = [rng.choice([f"The structure in question is the {t} [SEG].", f"OK, target is the {t} [SEG].",
                         f"We're dealing with the {t} [SEG]."])]
    if omit != "side":
        s = cv.side(ff == "side")
        if cv.lat in ("left", "right") or ff == "side":
            parts.append(rng.choice([f"It lies {s}, so that's the side we mark and drape.",
                                     f"Side first, always: it's {s}."]))
        else:
            parts.append(rng.choice([f"Side first, always: it's {s}, so no single side to mark.",
                                     f"For the consent form: it lies {s}."]))
    for k, b in _pos_bits(cv, ff, omit):
        if k == "rel":
            parts.append(rng.choice([f"We'd come in knowing it lies {b}.",
                                     f"The key relation for the dissection: it sits {b}.",
                                     f"Expect it {b} once we're through the fascia."]))
        elif k == "vert":
            parts.append(f"On the planning slice it's {b}.")
        else:
            parts.append(f"It's {b}, so mind both when you retract.")
    sb = _size_bits(cv, ff, omit)
    if sb:
        parts.append((f"It's {sb[1]} on this slice" if sb[0] == "cls" else f"It occupies {sb[1]}") +
                     rng.choice([", which changes how much exposure we need.", "; plan the exposure accordingly."]))
    if (cv.n > 1 or ff == "count") and omit != "count":
        parts.append(f"There are {cv.cnt(ff == 'count')} to deal with.")
    parts.append(f"Plan is {p['approach']}, through a small incision if we can.")
    return " ".join(parts)


FIRST = {"demonstrator": first_demonstrator, "resident": first_resident, "table": first_table,
         "surgeon": first_surgeon}


# follow-up rounds -----------------------------------------------------------------------------------

ASK = {
    "demonstrator": {"rel": ["What should I feel for next to it?", "What else is it related to?"],
                     "size": ["How big is it compared with the neighbours?", "Is it big or small on this section?"],
                     "count": ["How many pieces should I expect to find?", "Is it all one piece?"],
                     "vert": ["Front or back of the section?", "Where is it front-to-back?"],
                     "side": ["Which side is it on again?", "Remind me of the side?"]},
    "resident": {"rel": ["Relations to the other neighbours?", "What's it abutting?"],
                 "size": ["Quantify it for me.", "Size?"],
                 "count": ["How many components on the segmentation?", "Single or multiple?"],
                 "vert": ["Position in the AP or craniocaudal direction?", "And vertical position on the section?"],
                 "side": ["Laterality?", "Confirm the side."]},
    "table": {"rel": ["Can you add another neighbour to the comparison?", "What else is it next to?"],
              "size": ["How does its size compare?", "How big is it on this image?"],
              "count": ["How many separate parts are there?", "Is it one piece or several?"],
              "vert": ["Where is it front-to-back, or top-to-bottom?", "Where does it sit on the slice vertically?"],
              "side": ["Which side of the body is it on?", "Is it left or right?"]},
    "surgeon": {"rel": ["What's in harm's way on the way in?", "What do we need to protect?"],
                "size": ["How much are we dealing with, size-wise?", "How big is it?"],
                "count": ["How many do we need to take out?", "Is it a single target?"],
                "vert": ["Is it anterior or posterior on the planning slice?", "How deep is it on the section?"],
                "side": ["Which side do we mark?", "Side for the consent form?"]},
}


def _ans(cv, topic, false=False):
    """An assistant sentence on one topic (one claim, possibly false), or None when the topic has nothing."""
    rng = cv.rng
    if topic == "rel":
        r = cv.rel(false)
        if r is None:
            return None
        extra = ""
        if not false and rng.random() < 0.5 and any(o not in cv.used for o in cv.p["others"]):
            extra = " " + cap(f"keep an eye on {cv.neighbour_note(cv.used)}.")
        return rng.choice([f"It lies {r}.", f"Next relation: {r}.", f"You'll find it {r}."]) + extra
    if topic == "size":
        if rng.random() < 0.5:
            v = cv.pct(false)
            rs = None if false else cv.relsize()
            return f"It covers {v}" + (f", {rs}." if rs else ".")
        v = cv.sz(false)
        return rng.choice([f"On this slice it's {v}.", f"Size-wise: {v}."]) + (
            "" if false else rng.choice(["", " That's the slice, mind, not a volume, and a 5 mm cut at that."]))
    if topic == "count":
        v = cv.cnt(false)
        return rng.choice([f"The segmentation shows {v}.", f"Count: {v}.", f"There are {v} on this slice."]) \
            if not v.startswith(("a single", "one", "just")) else rng.choice([f"It's {v}.", f"Count: {v}."])
    if topic == "vert":
        v = cv.vpos(false)
        return rng.choice([f"It's {v}.", f"On this slice it sits {v}."])
    if topic == "side":
        s = cv.side(false)
        tail = ""
        if not false and cv.lat in ("left", "right") and rng.random() < 0.6:
            tail = f" Had it been on the {opp_side(cv.lat)}, everything would simply be mirrored."
        elif not false and rng.random() < 0.5:
            tail = f" So it's {cv.side_neg()}."
        return rng.choice([f"It's {s}.", f"Confirmed: {s}."]) + tail
    return None


def _premise_false(cv, topic):
    """A user sentence resting on one false claim about the target (in the user's turn)."""
    rng = cv.rng
    if topic == "side":
        s = cv.side(True, role="user")
        return rng.choice([f"Since it's {s}, do we need to worry about anything else there?",
                           f"OK so it's {s}. What's the blood supply?"])
    if topic == "rel":
        r = cv.rel(True, role="user")
        return rng.choice([f"Given that it sits {r}, what's the blood supply?", f"So it's {r}. What drains it?"])
    if topic == "vert":
        v = cv.vpos(True, role="user")
        return rng.choice([f"And because it's {v}, what's its blood supply?", f"Right, so {v}. Which vessels feed it?"])
    if topic == "size":
        if rng.random() < 0.5:
            v = cv.pct(True, role="user")
            return f"So it takes up {v}. What's the blood supply?"
        v = cv.sz(True, role="user")
        return f"Fine, it's {v} on this slice. What's its blood supply?"
    if topic == "count":
        v = cv.cnt(True, role="user")
        return f"With {v} on the segmentation, how would you describe the blood supply?"


def _neutral_answer(cv):
    """An answer that makes no claim about the target's geometry."""
    p, rng = cv.p, cv.rng
    return rng.choice([f"{rng.choice(p['kb'])} For the operation itself we'd plan {p['approach']}.",
                       f"Good question. {rng.choice(p['kb'])}",
                       f"That's textbook territory: {rng.choice(p['kb'])} In practice we'd still review the arterial phase."])


def _corrected_premise(cv, topic):
    """A clean-row round: the user states a false claim and the assistant corrects it."""
    rng = cv.rng
    if topic == "side" and cv.lat in ("left", "right", "midline", "bilateral"):
        s = cv.side(True, role="user", corrected=True)
        cv.say("user", rng.choice([f"Wait, I wrote down that it's {s}. Is that right?", f"It's {s}, isn't it?"]))
        cv.say("assistant", rng.choice(["No, that's mixed up: it is ", "Not quite. It's "]) + cv.side() + ".")
        return True
    if topic == "rel" and cv.rels:
        r = cv.pick_rel()
        t = cv.rel(True, role="user", pick=r, corrected=True)
        cv.say("user", f"So it lies {t}?")
        cv.say("assistant", _corr_rel(cv, r))
        return True
    if topic == "size":
        t = cv.sz(True, role="user", corrected=True)
        cv.say("user", f"Would you call it {t}?")
        cv.say("assistant", f"I wouldn't. On this slice it's {cv.sz()}.")
        return True
    if topic == "count":
        t = cv.cnt(True, role="user", corrected=True)
        cv.say("user", f"I count {t}. Agree?")
        cv.say("assistant", f"Count again: there are {cv.cnt()}." if cv.n > 1 else f"No, it's {cv.cnt()}.")
        return True
    return False


def _corr_rel(cv, r):
    o, k = r
    t = cv.rec("relation", [o, k], cv.rel_text(o, k), False)
    return cv.rng.choice([f"Other way round: it lies {t}.", f"No, it's the opposite: {t}."])


def _self_slip(cv):
    """A clean-row round: the assistant states a relation wrongly and corrects itself in the same answer."""
    r = cv.pick_rel()
    if r is None:
        return False
    o, k = r
    cv.used.append(o)
    cv.say("user", cv.rng.choice(ASK[cv.style]["rel"]))
    wrong = cv.rec("relation", [o, FLIP[k]], cv.rel_text(o, FLIP[k]), True, corrected=True)
    right = cv.rec("relation", [o, k], cv.rel_text(o, k), False)
    cv.say("assistant", cv.rng.choice([f"It sits {wrong}. Sorry, scratch that, I flipped it: it sits {right}.",
                                       f"It lies {wrong}... no, correction, it lies {right}; I had it backwards."]))
    return True


def followups(cv, dk, loc):
    rng = cv.rng
    topics = ["rel", "size", "vert", "side", "count"]
    rng.shuffle(topics)
    n_rounds = rng.randint(1, 3)
    chosen = topics[:n_rounds]
    dtopic = None
    if dk:
        dtopic = {"side": "side", "size": "size", "count": "count",
                  "position": "vert" if (not cv.rels or rng.random() < 0.3) else "rel"}[dk]
        blocked = ("rel", "vert") if dk == "position" else (dtopic,)
        chosen = [t for t in chosen if t not in blocked]
        if loc == "follow":
            chosen = (chosen + [dtopic])[-3:]
            chosen.remove(dtopic)
            chosen.insert(rng.randint(0, len(chosen)), dtopic)
        if loc in ("first", "premise"):
            chosen = chosen[:2]
    rounds = []
    for i, tp in enumerate(chosen):
        rounds.append(_round(tp, tp == dtopic and loc == "follow", dk, loc))
    if loc == "premise":
        rounds.append(_premise_round(dtopic))
    if dk is None and rng.random() < 0.5:
        rounds = rounds[:2]
        rounds.insert(rng.randint(0, len(rounds)), _clean_twist(rng.random()))
    if not rounds:
        rounds.append(_neutral_round())
    return rounds


def _round(tp, false, dk, loc):
    def go(cv):
        # after a false claim of the defect's kind, no later true claim of that kind is made
        if not false and dk and _kind(tp) == dk:
            return _neutral_round()(cv)
        if tp == "rel" and cv.pick_rel() is None:
            return _neutral_round()(cv)
        cv.say("user", cv.rng.choice(ASK[cv.style][tp]))
        cv.say("assistant", _ans(cv, tp, false))
    return go


def _kind(tp):
    return {"rel": "position", "vert": "position", "side": "side", "size": "size", "count": "count"}[tp]


def _premise_round(tp):
    def go(cv):
        cv.say("user", _premise_false(cv, tp))
        cv.say("assistant", _neutral_answer(cv))
    return go


def _neutral_round():
    def go(cv):
        cv.say("user", cv.rng.choice(["Anything else worth knowing?", "Any clinical pearls?", "What should I remember about it?"]))
        cv.say("assistant", _neutral_answer(cv))
    return go


def _clean_twist(u):
    def go(cv):
        if u < 0.4:
            if _corrected_premise(cv, cv.rng.choice(["side", "rel", "size", "count"])):
                return
        elif u < 0.7 and _self_slip(cv):
            return
        _neutral_round()(cv)
    return go
