"""Bank GD: bowel and gastrointestinal imaging (CT colonography, MR enterography, appendicitis,
diverticulitis, Crohn's terminal ileum, colonic polyps and tumours, hernias, bowel segments and small-bowel
loops), written blind by helper `qcgd` without reading any QC rule, test, other bank or corpus row.

Registers: a surgical registrar on call (terse, abbreviated), a gastroenterologist's clinic letter, an LLM
tutor for medical students (markdown, Socratic), and a worried patient's portal questions (lay words).
Masks are synthetic ellipses in patient coordinates, drawn with the given rng and measured by the product's
`compute_facts`; orientations LP, RP (axial) and LI (coronal). Every claim about the target is written
from the measured facts and kept in `LEDGER` (one entry per built row) for the writer's own checker.

Own check (/work/notes/qcgd_scripts/check_gd.py, seed 20261313): rows 420; clean 210; defects 42 each of
laterality, position, size, count, names_target; the false claim sits in the first answer 59, a follow-up
answer 52, an uncorrected user premise 57; clean and names_target rows carry 125 corrected user premises and
21 corrected own slips of the assistant; 24 targets; problems: 0.
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

LEDGER: list[dict] = []   # one entry per build() call: the claims made about the target
MASKS: list[tuple] = []   # one entry per facts_for() call: (mask, orientation, others) to re-measure

N = 256

# blob: (px, py, rx, ry, angle_deg) in patient units: px > 0 toward the patient's left, py > 0 toward the
# posterior (axial) or inferior (coronal) end; radii in image fractions. "multi": (lo, hi, box) draws
# lo..hi blobs inside box = (px0, px1, py0, py1, rmin, rmax).
PROFILES = [
    dict(target="appendix", names=["appendix", "appendic", "appendi"], say="the appendix", unit="structure",
         mod="CT", region="abdomen", orient="LP", blobs=[(-0.22, -0.01, 0.05, 0.022, 25)],
         others={"caecum": (-0.27, -0.09), "right psoas muscle": (-0.11, 0.14)},
         hx=["19F, 20 h of central abdominal pain that has migrated, anorexic, Rovsing's positive, CRP 96",
             "34M, pain started periumbilical and moved, guarding, WCC 15.1, Alvarado 8",
             "17M, vomiting twice, pain worse on coughing and on the bumpy ride in, temp 38.1"],
         riddle=["the blind-ending worm-like tube whose inflammation is the commonest surgical cause of "
                 "acute abdominal pain",
                 "the structure behind McBurney's point tenderness and a positive Rovsing's sign"],
         lay=["the pain started around my belly button yesterday and has moved, and the doctor pressed on one "
              "spot and I nearly hit the ceiling",
              "they said my blood tests show inflammation and mentioned a tube that might need taking out"],
         what=["It is inflamed here: thick-walled and surrounded by fat stranding, which fits acute appendicitis.",
               "It looks swollen, with a thickened wall and hazy surrounding fat, in keeping with appendicitis."],
         lay_what="It is a finger-shaped pouch off the large bowel, and on this scan it looks swollen.",
         know=["In roughly 65% of people the appendix lies retrocaecal, which is why the signs can be odd.",
               "McBurney's point sits one-third of the way from the right anterior superior iliac spine to the "
               "umbilicus.",
               "In situs inversus, about 1 in 10,000 people, the appendix can end up on the left."],
         mgmt=["Keep NBM, IV fluids, co-amoxiclav 1.2 g IV eight-hourly, and book a laparoscopic "
               "appendicectomy.",
               "An outer diameter above 6 mm is the usual CT threshold; this one measures about 11 mm."]),
    dict(target="appendicolith", names=["appendicolith", "faecolith", "fecalith", "appendi"], side_expect="right", say="the appendicolith",
         unit="stone", mod="CT", region="abdomen", orient="RP", blobs=[(-0.21, 0.02, 0.013, 0.012, 0)],
         others={"caecum": (-0.28, -0.06), "bladder": (0.0, -0.02)},
         hx=["22M, RIF-type story but soft abdomen, CRP 40; looking for the calcified culprit plugging the lumen",
             "41F, grumbling pain for two days; looking for a calcified obstructing focus"],
         riddle=["the calcified concretion that can block the lumen of a blind-ending gut tube and trigger "
                 "inflammation"],
         lay=["the report says there is a little hard stone blocking something in my bowel",
              "the doctor said there is a calcified bit that might be causing the inflammation"],
         what=["It is a dense calcified concretion sitting in the lumen, which raises the risk of perforation.",
               "It is a bright calcified focus in the lumen; its presence makes complicated appendicitis likelier."],
         lay_what="It is a hardened pellet of stool that can block the appendix.",
         know=["Appendicoliths are seen on CT in roughly a third of patients with appendicitis.",
               "Antibiotics-first treatment fails more often when a stone is present, roughly 40% versus 25%."],
         mgmt=["With a stone, I'd steer away from antibiotics-only and offer surgery today.",
               "It measures about 7 mm; stones over 5 mm are the ones surgeons worry about."]),
    dict(target="caecum", names=["caecum", "cecum", "caecal", "cecal"], say="the caecum", unit="segment",
         mod="CT", region="abdomen", orient="RP", blobs=[(-0.25, -0.02, 0.085, 0.07, 10)],
         others={"terminal ileum": (-0.13, 0.0), "bladder": (0.0, 0.02)},
         hx=["78F, distended, not opened bowels for 4 days, known sigmoid stricture; what's at risk of blowing",
             "66M, large bowel obstruction on plain film; which segment do I measure for the 9 cm rule"],
         riddle=["the widest, blind-ended pouch at the very start of the large bowel, into which the small bowel "
                 "empties"],
         lay=["they said the first part of my large bowel is very stretched and might need watching",
              "the surgeon mentioned the pouch where the small and large bowel join"],
         what=["It is the blind pouch at the start of the colon, receiving the ileum at the valve.",
               "It is the first part of the large bowel, here gas-filled and distended."],
         lay_what="It is the pouch at the very beginning of your large bowel.",
         know=["By the 3-6-9 rule, the caecum is considered dilated above 9 cm.",
               "A caecal volvulus twists on a mobile mesentery, seen in about 10-20% of people."],
         mgmt=["Serial films or CT every 12-24 h if we are conservative; above 12 cm perforation risk climbs.",
               "A neostigmine trial (2 mg IV with cardiac monitoring) is an option if this is pseudo-obstruction."]),
    dict(target="ascending colon", names=["ascending colon", "ascending"], say="the ascending colon",
         unit="segment", mod="CT", region="abdomen", orient="LP", blobs=[(-0.31, 0.03, 0.05, 0.055, 0)],
         others={"right kidney": (-0.18, 0.2), "liver": (-0.2, -0.15)},
         hx=["59M, iron-deficiency anaemia, Hb 84; CT shows wall thickening in the retroperitoneal colonic segment "
             "that climbs from the pouch to the hepatic flexure"],
         riddle=["the retroperitoneal segment of large bowel that climbs from the caecum up to the hepatic flexure"],
         lay=["they found thickening in the part of my large bowel that goes up towards my liver"],
         what=["It is the retroperitoneal colon rising from the caecum to the hepatic flexure.",
               "It is fixed, retroperitoneal large bowel that runs up to the hepatic flexure."],
         lay_what="It is the part of your large bowel that travels upwards from the start of the colon.",
         know=["Right-sided cancers often present with anaemia rather than a change in bowel habit.",
               "The ascending and descending colon are retroperitoneal; the transverse and sigmoid are not."],
         mgmt=["Colonoscopy with biopsy, then CT chest for staging if it is malignant.",
               "Oral iron 200 mg daily while we wait, and a two-week-wait referral."]),
    dict(target="descending colon", names=["descending colon", "descending"], side_expect="left", say="the descending colon",
         unit="segment", mod="CT", region="abdomen", orient="RP", blobs=[(0.31, 0.05, 0.045, 0.052, 0)],
         others={"left kidney": (0.18, 0.18), "aorta": (0.03, 0.12)},
         hx=["71F, left-sided colicky pain and altered habit; wall thickening in the retroperitoneal segment "
             "between the splenic flexure and the sigmoid"],
         riddle=["the retroperitoneal segment of large bowel that runs down from the splenic flexure to the pelvic "
                 "brim"],
         lay=["the scan mentions the part of my bowel that runs down the side of my tummy"],
         what=["It is the retroperitoneal colon running down from the splenic flexure to the sigmoid.",
               "It is the fixed segment of colon between the splenic flexure and the sigmoid."],
         lay_what="It is the part of your large bowel that runs downwards towards the last bends before the back passage.",
         know=["The splenic flexure is a watershed zone, which is why ischaemic colitis often starts there.",
               "Left-sided cancers tend to present with obstruction or a change in habit."],
         mgmt=["Flexible sigmoidoscopy may not reach; full colonoscopy is the test.",
               "If this is ischaemic colitis, most settle with fluids and bowel rest over 48-72 h."]),
    dict(target="sigmoid colon", names=["sigmoid"], side_expect="left", say="the sigmoid colon", unit="segment", mod="CT",
         region="pelvis", orient="LP", blobs=[(0.13, 0.0, 0.1, 0.042, -20)],
         others={"bladder": (0.0, -0.08), "rectum": (0.01, 0.2)},
         hx=["62M, LIF-type pain for 3 days, temp 38.4, CRP 180; where is the inflamed diverticular segment",
             "55F, recurrent diverticulitis, third episode this year; which loop is thickened"],
         riddle=["the S-shaped, mobile segment of large bowel on its own mesentery that joins the rectum"],
         lay=["I have diverticulitis again and want to see the part of my bowel that keeps flaring"],
         what=["It is thick-walled with pericolic fat stranding and diverticula, in keeping with acute "
               "diverticulitis.",
               "Its wall is thickened and the surrounding fat is inflamed, which fits diverticulitis."],
         lay_what="It is the S-shaped last bend of your large bowel before the back passage.",
         know=["In Western patients about 90% of diverticular disease involves the sigmoid; right-sided disease "
               "is commoner in Asian populations.",
               "Sigmoid volvulus classically gives a coffee-bean loop pointing up to the right upper quadrant."],
         mgmt=["Uncomplicated disease (Hinchey Ia) can often be treated without antibiotics.",
               "Co-amoxiclav 625 mg tds for 5 days if we do treat, and a colonoscopy at 6 weeks."]),
    dict(target="transverse colon", names=["transverse colon", "transverse"], say="the transverse colon",
         unit="segment", mod="CT", region="abdomen", orient="LP", blobs=[(0.0, -0.22, 0.26, 0.045, 0)],
         others={"aorta": (0.03, 0.12), "stomach": (0.16, -0.1)},
         hx=["80M, toxic megacolon query in known UC; which segment do we measure against the 6 cm cut-off"],
         riddle=["the mobile segment of large bowel that hangs on its mesocolon between the hepatic and splenic "
                 "flexures"],
         lay=["they said part of my large bowel that goes across my tummy is swollen"],
         what=["It is the mobile colon slung between the hepatic and splenic flexures on the transverse mesocolon.",
               "It is the segment of colon that crosses the abdomen on its own mesentery."],
         lay_what="It is the part of your large bowel that runs across your tummy from one side to the other.",
         know=["A diameter over 6 cm in a sick colitis patient suggests toxic megacolon.",
               "The transverse mesocolon divides the abdomen into supracolic and infracolic compartments."],
         mgmt=["IV hydrocortisone 100 mg qds and daily abdominal films if this is severe colitis.",
               "Day-3 review using the Travis criteria decides on rescue therapy."]),
    dict(target="rectum", names=["rectum", "rectal"], say="the rectum", unit="segment", mod="MR",
         region="pelvis", orient="LP", blobs=[(0.0, 0.2, 0.065, 0.055, 0)],
         others={"bladder": (0.0, -0.1), "sacrum": (0.0, 0.34)},
         hx=["68M, PR bleeding and tenesmus; staging MR, which hollow segment carries the low tumour"],
         riddle=["the final straight segment of large bowel, continuous with the sigmoid above and the anal canal "
                 "below"],
         lay=["I've had bleeding from the back passage and they did an MRI of my pelvis"],
         what=["It is the terminal large bowel above the anal canal, here with irregular wall thickening.",
               "It is the last part of the large bowel, and its wall is thickened on this staging scan."],
         lay_what="It is the last part of the large bowel, just above the back passage.",
         know=["MR staging measures the distance to the mesorectal fascia; 1 mm or less threatens the margin.",
               "Tumours within about 5 cm of the anal verge may need an abdominoperineal excision."],
         mgmt=["Discuss at the colorectal MDT; short-course radiotherapy is 25 Gy in 5 fractions.",
               "Long-course chemoradiotherapy is 45-50 Gy over five weeks with capecitabine."]),
    dict(target="stomach", names=["stomach", "gastric"], say="the stomach", unit="organ", mod="CT",
         region="abdomen", orient="LI", blobs=[(0.18, -0.22, 0.13, 0.11, -15)],
         others={"liver": (-0.2, -0.18), "transverse colon": (0.0, 0.02)},
         hx=["45M, haematemesis, Glasgow-Blatchford 9; coronal CT, which J-shaped hollow viscus is distended"],
         riddle=["the J-shaped muscular bag that stores food, secretes acid and pepsin and starts protein "
                 "digestion"],
         lay=["I've been vomiting and the scan says something is very full of fluid at the top of my tummy"],
         what=["It is the J-shaped hollow organ between the oesophagus and duodenum, distended with fluid.",
               "It is the food reservoir, here filled with fluid and food residue."],
         lay_what="It is the bag where food is stored and mixed with acid before it moves on.",
         know=["The gastro-oesophageal junction usually lies a little to the left of the midline at about T11.",
               "Gastric outlet obstruction often causes vomiting of undigested food hours after meals."],
         mgmt=["A nasogastric tube on free drainage and an OGD within 24 h.",
               "IV omeprazole 40 mg twice daily after endoscopic therapy."]),
    dict(target="duodenum", names=["duodenum", "duodenal"], say="the duodenum", unit="segment", mod="CT",
         region="abdomen", orient="LP", blobs=[(-0.1, 0.0, 0.04, 0.05, 0)],
         others={"gallbladder": (-0.22, -0.12), "aorta": (0.04, 0.13)},
         hx=["52M, epigastric pain, free gas under the diaphragm; which C-shaped segment has the perforated ulcer"],
         riddle=["the C-shaped first part of the small bowel that wraps around the pancreatic head and receives "
                 "bile at the ampulla"],
         lay=["they think an ulcer has made a hole just after my stomach"],
         what=["It is the C-loop of small bowel around the pancreatic head, with mural thickening.",
               "It is the first part of the small bowel, just beyond the pylorus, with a thickened wall."],
         lay_what="It is the first short section of the small bowel, right after the stomach.",
         know=["About 95% of duodenal ulcers occur in the first part, the duodenal cap.",
               "H. pylori is found in most duodenal ulcers, historically over 90%."],
         mgmt=["A perforation needs laparoscopic washout and an omental patch.",
               "Eradication therapy for 7 days if H. pylori is positive."]),
    dict(target="terminal ileum", names=["terminal ileum", "ileum", "ileal", "ileo"], say="the terminal ileum",
         unit="segment", mod="MR", region="abdomen", orient="LI", blobs=[(-0.17, 0.2, 0.075, 0.026, 15)],
         others={"caecum": (-0.27, 0.13), "bladder": (0.0, 0.36)},
         hx=["24F, known Crohn's, post-prandial colic and weight loss; MR enterography, which segment is strictured",
             "19M, suspected Crohn's, calprotectin 850; which segment shows the enhancing thickened wall"],
         riddle=["the last stretch of small bowel before the valve into the colon, the classic site of Crohn's "
                 "disease and vitamin B12 absorption"],
         lay=["I have Crohn's and the MRI is supposed to show where my gut is narrowed",
              "my specialist says the very end of my small bowel is inflamed"],
         what=["Its wall is thickened, hyperenhancing and layered, with a comb sign, in keeping with active "
               "Crohn's disease.",
               "It is narrowed with mural thickening and prestenotic dilatation, fitting a Crohn's stricture."],
         lay_what="It is the very last part of your small bowel, where it joins the large bowel.",
         know=["Crohn's involves the terminal ileum in roughly 70% of patients.",
               "Resection of more than about 100 cm of ileum causes bile acid and B12 malabsorption."],
         mgmt=["Induction with prednisolone 40 mg daily, tapering by 5 mg a week, or budesonide 9 mg.",
               "A short fibrotic stricture under 5 cm may suit endoscopic balloon dilatation."]),
    dict(target="small bowel loops", names=["small bowel", "small-bowel", "small intestin"], say="the small bowel loops",
         unit="loop", mod="MR", region="abdomen", orient="LI", multi=(3, 5, (-0.22, 0.22, -0.08, 0.16, 0.035, 0.06)),
         others={"stomach": (0.18, -0.25), "bladder": (0.0, 0.36)},
         hx=["70M, 3 days absolute constipation, feculent vomiting, previous laparotomy; which dilated loops"],
         riddle=["the coiled loops of gut between the pylorus and the ileocaecal valve where most nutrients are "
                 "absorbed"],
         lay=["the doctors think my gut is blocked by old scar tissue and it is all swollen"],
         what=["They are dilated, fluid-filled loops of the gut, consistent with adhesional obstruction.",
               "These are distended, fluid-filled loops, in keeping with obstruction."],
         lay_what="These are the coils of gut where most of your food is absorbed.",
         know=["Small bowel is usually called dilated above 3 cm (the 3 in the 3-6-9 rule).",
               "Adhesions cause about 60-75% of small-bowel obstructions in the West."],
         mgmt=["Drip and suck: NG tube, IV fluids, and 100 mL Gastrografin with an X-ray at 24 h.",
               "Failure to resolve by 72 h, or any sign of ischaemia, means theatre."]),
    dict(target="jejunal loops", names=["jejun"], say="the jejunal loops", unit="loop", mod="MR",
         region="abdomen", orient="LI", multi=(2, 4, (0.09, 0.26, -0.17, -0.02, 0.03, 0.05)),
         others={"liver": (-0.22, -0.2), "bladder": (0.0, 0.36)},
         hx=["33F, coeliac with anaemia; MR enterography, which feathery proximal loops look abnormal"],
         riddle=["the proximal small-bowel loops with the feathery valvulae conniventes, where iron and folate "
                 "are absorbed"],
         lay=["they said the first part of my small intestine after the duodenum looks unusual"],
         what=["These are the proximal small-bowel loops with the feathery fold pattern.",
               "These are the proximal small-bowel loops, whose folds look flattened here."],
         lay_what="These are loops from the first long part of the small bowel, where iron is absorbed.",
         know=["Jejunal folds are denser than ileal ones, about 4-7 per inch versus 2-4.",
               "A 'jejunisation' of the ileum is a classic sign of coeliac disease."],
         mgmt=["Check tTG-IgA and total IgA, and duodenal biopsies if positive.",
               "Iron replacement and a strict gluten-free diet for at least 6-12 months."]),
    dict(target="ileal loops", names=["ileal", "ileum", "ileo"], say="the ileal loops", unit="loop", mod="MR",
         region="abdomen", orient="LI", multi=(2, 4, (-0.28, -0.1, 0.04, 0.2, 0.03, 0.05)),
         others={"stomach": (0.18, -0.25), "liver": (-0.2, -0.22)},
         hx=["28M, Crohn's flare, CRP 62; which distal small-bowel loops enhance on MR enterography"],
         riddle=["the distal small-bowel loops with sparse folds and abundant Peyer's patches"],
         lay=["my MRI shows some inflamed loops towards the far end of my small bowel"],
         what=["These are distal small-bowel loops with mural thickening and hyperenhancement.",
               "These are the later small-bowel loops, thick-walled and brightly enhancing."],
         lay_what="These are loops from the last long stretch of your small bowel.",
         know=["Skip lesions, with normal gut between inflamed segments, are typical of Crohn's.",
               "The ileum absorbs vitamin B12 and bile acids."],
         mgmt=["Biologic therapy such as infliximab 5 mg/kg at weeks 0, 2 and 6 if steroids fail.",
               "Repeat MR enterography at about 6 months to judge response."]),
    dict(target="colonic polyps", names=["polyp"], say="the colonic polyps", unit="polyp", mod="CT",
         region="abdomen", orient="RP", multi=(2, 4, (-0.3, 0.3, -0.15, 0.12, 0.012, 0.022)),
         others={"aorta": (0.03, 0.12), "bladder": (0.0, -0.05)},
         hx=["64M, screening CT colonography, FIT positive at 120 µg/g; which soft-tissue lesions project into "
             "the lumen"],
         riddle=["the soft-tissue protrusions from the colonic mucosa that CT colonography is designed to "
                 "find, some of which become cancers"],
         lay=["my virtual colonoscopy found some growths inside my bowel and I'm frightened"],
         what=["These are sessile soft-tissue lesions arising from the mucosa, fixed on prone and supine views.",
               "They are mucosal soft-tissue lesions, not moving between positions, so not stool."],
         lay_what="These are growths on the inner lining of the bowel; most are harmless.",
         know=["Lesions of 6 mm or more on CT colonography are usually referred for colonoscopy.",
               "Roughly 1% of polyps under 10 mm contain cancer."],
         mgmt=["Colonoscopy and polypectomy; the largest here measures about 8 mm.",
               "Surveillance depends on histology; many patients need no further test for 3-5 years."]),
    dict(target="colonic tumour", names=["tumour", "tumor", "carcinoma", "cancer"], say="the colonic tumour",
         unit="mass", plural="masses", mod="CT", region="abdomen", orient="LP",
         blobs=[(0.26, 0.03, 0.06, 0.05, 20)], flip=True,
         others={"aorta": (0.03, 0.12), "bladder": (0.0, -0.05)},
         hx=["74F, weight loss and altered habit, CEA 38; which apple-core lesion on the staging CT",
             "81M, obstructing symptoms, Hb 79; which shouldered mural mass"],
         riddle=["the apple-core, shouldered mural mass that narrows the colonic lumen in a patient with weight "
                 "loss and anaemia"],
         lay=["they found a growth in my bowel on the scan and mentioned staging"],
         what=["It is an irregular, shouldered mural mass narrowing the lumen, suspicious for adenocarcinoma.",
               "It is an annular, apple-core mass with shouldered margins."],
         lay_what="It is a growth in the wall of the large bowel that needs biopsy.",
         know=["About two-thirds of colorectal cancers arise distal to the splenic flexure.",
               "CEA is used mostly for follow-up, not diagnosis."],
         mgmt=["Staging CT chest, MDT discussion, then resection if no distant disease.",
               "Adjuvant CAPOX for 3 months is typical for stage III disease."]),
    dict(target="colonic diverticula", names=["diverticul"], say="the colonic diverticula", unit="diverticulum",
         plural="diverticula", mod="CT", region="pelvis", orient="LP",
         multi=(3, 5, (0.12, 0.3, -0.08, 0.12, 0.012, 0.02)),
         others={"bladder": (0.0, -0.08), "rectum": (0.01, 0.2)},
         hx=["58F, CTC incidental; which gas-filled outpouchings line the colonic wall"],
         riddle=["the gas-filled outpouchings of the colonic wall, where mucosa herniates through gaps "
                 "at the vasa recta"],
         lay=["the report says I have little pockets in my bowel wall"],
         what=["These are gas-filled outpouchings of mucosa through the muscle wall, with no inflammation now.",
               "They are pulsion outpouchings of the colonic wall."],
         lay_what="These are little pockets in the bowel wall that are very common with age.",
         know=["About half of people over 60 have diverticula, but most never get diverticulitis.",
               "Only about 4% of people with diverticulosis develop diverticulitis."],
         mgmt=["No treatment beyond fibre, about 30 g a day, is needed for diverticulosis.",
               "Bleeding from diverticula stops on its own in roughly 80% of cases."]),
    dict(target="diverticular abscess", names=["abscess"], say="the diverticular abscess", unit="collection",
         mod="CT", region="pelvis", orient="RP", blobs=[(0.2, 0.04, 0.055, 0.045, 0)],
         others={"bladder": (0.0, -0.08), "sacrum": (0.0, 0.32)},
         hx=["67M, day 3 of IV antibiotics for diverticulitis, still spiking to 39.0; what collection am I draining"],
         riddle=["the rim-enhancing pericolic collection that complicates Hinchey stage II diverticulitis"],
         lay=["I'm not getting better on the antibiotics and they found a pocket of pus"],
         what=["It is a rim-enhancing fluid and gas collection next to the inflamed colon, Hinchey II.",
               "It is a walled-off pus collection beside the diseased segment."],
         lay_what="It is a pocket of pus next to the inflamed bowel.",
         know=["Collections over about 3 cm are usually drained percutaneously; smaller ones often settle on "
               "antibiotics.",
               "Hinchey III is purulent and IV faeculent peritonitis."],
         mgmt=["IR drain under CT guidance, then continue antibiotics for 4-7 days after source control.",
               "This collection measures about 5 cm, so drainage is reasonable."]),
    dict(target="left inguinal hernia", names=["inguinal", "hernia"], side_expect="left", say="the left inguinal hernia", unit="sac",
         mod="CT", region="pelvis", orient="RP", blobs=[(0.17, -0.2, 0.045, 0.035, 20)],
         others={"bladder": (0.0, -0.06), "left femoral vein": (0.15, -0.05)},
         hx=["58M, tender irreducible groin lump above and medial to the pubic tubercle, vomiting since noon"],
         riddle=["the groin lump that emerges above and medial to the pubic tubercle through the canal "
                 "carrying the spermatic cord"],
         lay=["I have a lump in my groin that pops out when I cough"],
         what=["It is a hernia sac containing a loop of bowel emerging through the groin canal.",
               "It is a sac of peritoneum with fat and a bowel loop passing along the canal."],
         lay_what="It is a hernia: a bulge of tissue pushing through a weak spot in your groin.",
         know=["Right-sided inguinal hernias are commoner than left-sided ones.",
               "Men have a lifetime inguinal hernia risk of about 27%, women about 3%."],
         mgmt=["If it is irreducible and tender, it needs repair tonight.",
               "Watchful waiting is reasonable for a minimally symptomatic inguinal hernia."]),
    dict(target="right femoral hernia", names=["femoral", "hernia"], side_expect="right", say="the right femoral hernia", unit="sac",
         mod="CT", region="pelvis", orient="LP", blobs=[(-0.14, -0.16, 0.03, 0.028, 0)],
         others={"bladder": (0.0, -0.06), "right femoral vein": (-0.19, -0.05)},
         hx=["79F, tender lump below and lateral to the pubic tubercle, bilious vomiting, lactate 3.1"],
         riddle=["the lump that passes below the inguinal ligament, just medial to the big vein of the thigh, and is "
                 "most common in older women"],
         lay=["I found a painful lump at the top of my thigh and have been sick"],
         what=["It is a hernia sac passing through the femoral canal, medial to the femoral vein.",
               "It is a narrow-necked sac in the femoral canal containing a knuckle of bowel."],
         lay_what="It is a hernia in the top of the thigh, which can trap bowel.",
         know=["Femoral hernias strangulate in about 22% at 3 months, far more than inguinal ones.",
               "They are about twice as common on the right as on the left."],
         mgmt=["Urgent repair; a McEvedy or low approach depending on suspicion of strangulation.",
               "Any femoral hernia should be repaired, even when it causes no symptoms."]),
    dict(target="umbilical hernia", names=["umbilical", "hernia"], say="the umbilical hernia", unit="sac",
         mod="CT", region="abdomen", orient="LP", blobs=[(0.0, -0.36, 0.035, 0.03, 0)],
         others={"aorta": (0.03, 0.12), "transverse colon": (0.0, -0.2)},
         hx=["49F, BMI 36, tender bulge at the belly button, overlying skin red"],
         riddle=["the bulge through the weak spot at the navel, common in infants and in adults with raised "
                 "abdominal pressure"],
         lay=["my belly button has started poking out and hurts"],
         what=["It is a sac of fat protruding through the umbilical ring.",
               "It is a fat-containing hernia at the navel with a narrow neck."],
         lay_what="It is a hernia at your belly button, a bulge through a weak spot.",
         know=["Most infant umbilical hernias close by 4-5 years of age.",
               "Necks wider than 1 cm are usually repaired with mesh in adults."],
         mgmt=["Elective mesh repair once the BMI comes down, unless it becomes incarcerated.",
               "Advise against lifting over 10 kg for 4-6 weeks after repair."]),
    dict(target="incisional hernia", names=["incisional", "hernia"], say="the incisional hernia", unit="sac",
         mod="CT", region="abdomen", orient="LP", blobs=[(0.02, -0.3, 0.11, 0.05, 0)],
         others={"aorta": (0.03, 0.12), "bladder": (0.0, 0.1)},
         hx=["61M, midline laparotomy 2 years ago for a perforation, now a bulge along the scar"],
         riddle=["the bulge that develops through a previous surgical wound, often after a midline laparotomy"],
         lay=["the scar from my old operation is bulging out"],
         what=["It is a wide-necked sac through the old wound, containing omentum and bowel.",
               "It is a hernia through the gap in the abdominal wall left by the previous operation."],
         lay_what="It is a hernia through the old surgical scar, where the muscle has not healed strongly.",
         know=["Incisional hernias follow 10-20% of midline laparotomies.",
               "Smoking, obesity and wound infection all raise the risk."],
         mgmt=["Elective repair with mesh; smoking cessation 4-6 weeks beforehand.",
               "A binder can help symptoms while waiting."]),
    dict(target="bilateral inguinal hernias", names=["inguinal", "hernia"], side_expect="bilateral", count_expect=2, say="the bilateral inguinal hernias",
         unit="hernia", mod="CT", region="pelvis", orient="LP",
         blobs=[(-0.17, -0.2, 0.04, 0.033, -20), (0.17, -0.2, 0.04, 0.033, 20)],
         others={"bladder": (0.0, -0.06), "rectum": (0.0, 0.2)},
         hx=["63M, both groins bulge on standing, worse by evening"],
         riddle=["the paired groin bulges that emerge through the canals above the ligament on each side"],
         lay=["I have lumps in both of my groins"],
         what=["They are two hernia sacs passing through the groin canals, containing fat.",
               "These are two groin hernias, each with a fat-containing sac."],
         lay_what="These are two hernias, weak spots in the groin where tissue bulges out.",
         know=["A laparoscopic TEP or TAPP repair deals with both sides through the same ports.",
               "Recurrence after mesh repair is about 1-5%."],
         mgmt=["Laparoscopic repair of both sides in one sitting.",
               "Day-case surgery; back to desk work in about a week."]),
    dict(target="mesenteric lymph nodes", names=["lymph", "node", "adenitis"], side_expect="right", say="the mesenteric lymph nodes",
         unit="node", mod="CT", region="abdomen", orient="LP",
         multi=(2, 5, (-0.22, -0.07, -0.08, 0.08, 0.014, 0.022)),
         others={"aorta": (0.04, 0.13), "caecum": (-0.27, 0.0)},
         hx=["12M, RIF-type pain after a sore throat, appendix normal; what clusters in the small-bowel mesentery"],
         riddle=["the oval structures clustered in the small-bowel mesentery that swell with viral infections "
                 "and can mimic appendicitis in children"],
         lay=["they said my son's pain is from swollen glands in his tummy, not his appendix"],
         what=["They are a cluster of oval nodes in the mesentery, slightly enlarged.",
               "These are enlarged nodes in the small-bowel mesentery, fitting mesenteric adenitis."],
         lay_what="These are glands in the tummy that swell with infections, like neck glands do.",
         know=["Mesenteric nodes over 5 mm in short axis are often called enlarged in children.",
               "Mesenteric adenitis is a common mimic of appendicitis in children."],
         mgmt=["Simple analgesia, paracetamol 15 mg/kg, and safety-net advice.",
               "Review in 24 h if the pain is not easing."]),
]

STYLES = ["registrar", "letter", "tutor", "portal"]
KINDS = ["laterality", "position", "size", "count", "names_target"]

# ------------------------------------------------------------------------------------------- masks


def _to_image(px: float, py: float, orient: str) -> tuple[float, float]:
    x = 0.5 + px if orient[0] == "L" else 0.5 - px
    y = 0.5 + py if orient[1] in "PI" else 0.5 - py
    return x, y


def _ellipse(mask, x, y, rx, ry, ang):
    yy, xx = np.mgrid[0:N, 0:N]
    a = np.deg2rad(ang)
    dx, dy = xx - x * (N - 1), yy - y * (N - 1)
    u = dx * np.cos(a) + dy * np.sin(a)
    v = -dx * np.sin(a) + dy * np.cos(a)
    mask |= (u / (rx * N)) ** 2 + (v / (ry * N)) ** 2 <= 1.0


def facts_for(p: dict, rng) -> dict:
    orient = p["orient"]
    mask = np.zeros((N, N), bool)
    sign = -1.0 if p.get("flip") and rng.random() < 0.5 else 1.0
    if "multi" in p:
        lo, hi, (x0, x1, y0, y1, r0, r1) = p["multi"]
        k = rng.randint(lo, hi)
        placed: list[tuple[float, float, float]] = []
        tries = 0
        while len(placed) < k and tries < 400:
            tries += 1
            px, py, r = rng.uniform(x0, x1), rng.uniform(y0, y1), rng.uniform(r0, r1)
            if all(np.hypot(px - a, py - b) > r + c + 0.02 for a, b, c in placed):
                placed.append((px, py, r))
        for px, py, r in placed:
            x, y = _to_image(px * sign, py, orient)
            _ellipse(mask, x, y, r, r * rng.uniform(0.75, 1.0), rng.uniform(0, 180))
    else:
        scale = rng.uniform(0.8, 1.25)
        for px, py, rx, ry, ang in p["blobs"]:
            px += rng.uniform(-0.025, 0.025)
            py += rng.uniform(-0.03, 0.03)
            x, y = _to_image(px * sign, py, orient)
            _ellipse(mask, x, y, rx * scale, ry * scale, ang + rng.uniform(-10, 10))
    others = {}
    for name in sorted(p["others"]):
        ox, oy = p["others"][name]
        others[name] = tuple(round(v, 4) for v in _to_image(ox, oy, orient))
    MASKS.append((mask, orient, others))
    return compute_facts(mask, orient, others).model_dump(mode="json")


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


# ------------------------------------------------------------------------------------------- phrases

WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
OPP_SIDE = {"left": "right", "right": "left"}
OPP_VERT = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
OPP_REL = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}

SIDE_ADV = {
    "registrar": {"left": ["on the L", "on the left", "left-sided", "in the left side of the abdomen"],
                  "right": ["on the R", "on the right", "right-sided", "in the right side of the abdomen"],
                  "midline": ["midline", "bang in the midline", "central, straddling the midline"],
                  "bilateral": ["bilateral", "on both sides", "one each side"]},
    "letter": {"left": ["on the patient's left", "on the left side", "left-sided"],
               "right": ["on the patient's right", "on the right side", "right-sided"],
               "midline": ["in the midline", "centrally, across the midline", "squarely in the midline"],
               "bilateral": ["bilateral", "present on both sides", "on the left and on the right"]},
    "tutor": {"left": ["on the patient's left", "left-sided", "on the left of the patient"],
              "right": ["on the patient's right", "right-sided", "on the right of the patient"],
              "midline": ["in the midline", "right in the midline", "straddling the midline"],
              "bilateral": ["bilateral", "on both sides of the patient", "on each side"]},
    "portal": {"left": ["on your left side", "on your left", "on the left-hand side of your body"],
               "right": ["on your right side", "on your right", "on the right-hand side of your body"],
               "midline": ["in the middle of your tummy", "right in the middle", "in the centre of your body"],
               "bilateral": ["on both sides", "on both your left and your right", "one on each side"]},
}

VERT_ADV = {
    "anterior": ["anteriorly", "towards the front of the abdomen", "in the front half of the slice", "near the front"],
    "posterior": ["posteriorly", "towards the back", "in the back half of the slice", "near the back"],
    "central_ax": ["midway between front and back", "in the middle of the slice front to back",
                   "roughly central in the front-to-back direction"],
    "superior": ["high up on this coronal image", "in the upper part of the image", "superiorly",
                 "towards the top of the abdomen"],
    "inferior": ["low down on this coronal image", "in the lower part of the image", "inferiorly",
                 "towards the bottom of the abdomen"],
    "central_co": ["at about mid-height on the coronal image", "roughly halfway up the image",
                   "neither high nor low, near mid-height"],
}
VERT_PORTAL = {
    "anterior": ["towards the front of your tummy", "near the front of your body"],
    "posterior": ["towards your back", "nearer your back than your front"],
    "central_ax": ["about halfway between your front and your back"],
    "superior": ["in the upper part of your tummy", "high up in your tummy"],
    "inferior": ["in the lower part of your tummy", "low down in your tummy"],
    "central_co": ["about halfway up your tummy"],
}

REL_FR = {"anterior_to": ["in front of {o}", "anterior to {o}"], "posterior_to": ["behind {o}", "posterior to {o}"],
          "left_of": ["to the patient's left of {o}", "to the left of {o}"],
          "right_of": ["to the patient's right of {o}", "to the right of {o}"],
          "superior_to": ["above {o}", "superior to {o}"], "inferior_to": ["below {o}", "inferior to {o}"]}
REL_PORTAL = {"anterior_to": ["in front of {o}"], "posterior_to": ["behind {o}"],
              "left_of": ["to your left of {o}"], "right_of": ["to your right of {o}"],
              "superior_to": ["higher up than {o}"], "inferior_to": ["lower down than {o}"]}

SIZE_ADJ = {
    "registrar": {"small": ["small", "smallish"], "medium": ["medium-sized", "moderate in size"],
                  "large": ["large", "big"]},
    "letter": {"small": ["small", "small in extent"], "medium": ["of moderate size", "medium-sized"],
               "large": ["large", "extensive"]},
    "tutor": {"small": ["small on this slice", "a small target"], "medium": ["medium-sized", "moderate in size"],
              "large": ["large", "a large target"]},
    "portal": {"small": ["small", "quite small"], "medium": ["medium-sized", "middling in size"],
               "large": ["large", "quite big"]},
}


def _vkey(v: str, orient: str) -> str:
    if v == "central":
        return "central_co" if orient[1] in "IS" else "central_ax"
    return v


def _pct(frac: float) -> str:
    p = frac * 100
    return f"{p:.2f}" if p < 0.5 else f"{p:.1f}" if p < 3 else f"{p:.0f}"


def _false_pct(frac: float) -> str:
    p = frac * 100
    return f"{max(p * 8, p + 12):.0f}" if p < 4 else f"{p / 12:.1f}" if p / 12 >= 0.1 else "0.1"


def _oname(o: str) -> str:
    return "the " + o


# ------------------------------------------------------------------------------------------- row builder

class Row:
    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.s, self.rng = p, facts, style, rng
        self.turns: list[dict] = []
        self.claims: list[dict] = []
        self.pending: list[dict] = []
        self.user_voice = False

    def pick(self, xs):
        return xs[self.rng.randrange(len(xs))]

    def fresh(self, xs):
        """A sentence not yet used in this row, where one is left."""
        used = [t["content"] for t in self.turns]
        left = [x for x in xs if not any(x in u for u in used)]
        return self.pick(left or xs)

    def claim(self, kind, value, frag, corrected=False, role=None):
        if self.user_voice:
            frag = frag.replace("your", "my").replace("you", "me")
        self.pending.append({"kind": kind, "value": value, "frag": frag, "corrected": corrected})
        return frag

    def turn(self, role, text):
        for c in self.pending:
            c["turn"], c["role"] = len(self.turns), role
            self.claims.append(c)
        self.pending = []
        self.turns.append({"role": role, "content": text})

    # -- fragments (record the claim) ------------------------------------------------------------
    def side(self, v, corrected=False, style=None):
        frag = self.pick(SIDE_ADV[style or self.s][v])
        return self.claim("side", v, frag, corrected)

    def vert(self, v, corrected=False):
        table = VERT_PORTAL if self.s == "portal" else VERT_ADV
        frag = self.pick(table[_vkey(v, self.p["orient"])])
        return self.claim("vert", v, frag, corrected)

    def rel(self, rel, other, corrected=False):
        table = REL_PORTAL if self.s == "portal" else REL_FR
        frag = self.pick(table[rel]).format(o=_oname(other))
        return self.claim("rel", [rel, other], frag, corrected)

    def size(self, v, corrected=False):
        return self.claim("size", v, self.pick(SIZE_ADJ[self.s][v]), corrected)

    def pct(self, val: str, corrected=False):
        frag = self.pick(["about {v}% of the image", "roughly {v}% of the picture", "around {v} per cent of the "
                          "image area", "close to {v}% of the slice"]).format(v=val)
        return self.claim("pct", val, frag, corrected)

    def count(self, n, corrected=False):
        unit = self.p["unit"]
        plural = self.p.get("plural", unit + "s")
        if n == 1:
            frag = self.pick([f"a single {unit}", f"one single {unit}", f"just one {unit}",
                              f"one continuous {unit}"])
        else:
            w = WORDS.get(n, str(n))
            frag = self.pick([f"{w} separate {plural}", f"{w} distinct {plural}", f"{w} {plural}"
                              + (" in all" if self.s != "registrar" else "")])
        return self.claim("count", n, frag, corrected)


def _true_values(f: dict) -> dict:
    return {"side": f["laterality"], "vert": f["vertical"], "size": f["size_class"], "count": f["components"],
            "pct": _pct(f["area_fraction"]), "rels": [(r["relation"], r["other"]) for r in f["relations"]]}


def _false_value(kind, f, rng):
    """A value of `kind` that the facts clearly contradict (never a near-threshold call)."""
    ox, oy = f["centroid_patient"]
    o = f["_orient"]
    if kind == "side":
        v = f["laterality"]
        if v in OPP_SIDE:
            return OPP_SIDE[v] if rng.random() < 0.8 else "bilateral"
        if v == "midline":  # the side away from the centroid's lean
            toward = o[0] if ox > 0 else {"L": "R", "R": "L"}[o[0]]
            return "right" if toward == "L" else "left"
        return rng.choice(["left", "right"])  # bilateral said one-sided
    if kind == "vert":
        v = f["vertical"]
        if v in OPP_VERT:
            return OPP_VERT[v]
        plus = {"P": "posterior", "A": "anterior", "I": "inferior", "S": "superior"}[o[1]]
        return OPP_VERT[plus] if oy > 0 else plus
    if kind == "size":
        af = f["area_fraction"]
        if f["size_class"] == "medium":
            return "large" if af < 0.02 else "small" if af > 0.03 else rng.choice(["small", "large"])
        return {"small": "large", "large": "small"}[f["size_class"]]
    if kind == "count":
        n = f["components"]
        return 2 if n == 1 else (n + 1 if rng.random() < 0.5 or n == 2 else n - 1)
    raise ValueError(kind)


# sentence frames: each takes the fragment; {N} is the target's spoken name (capitalised where needed)
def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def side_sentence(r: Row, v, corrected=False):
    frag = r.side(v, corrected)
    n, s = r.p["say"], r.s
    pl = "multi" in r.p or r.p["target"].startswith("bilateral")
    be = "are" if pl else "is"
    it = "They" if pl else "It"
    frames = {
        "registrar": [f"{it} {be} {frag}.", f"Side: {frag}.", f"{_cap(n)} {be} {frag}."],
        "letter": [f"{_cap(n)} {be} {frag}.", f"On the images {n} {be} {frag}.",
                   f"I would note that {n} {be} {frag}."],
        "tutor": [f"**Side:** {frag}.", f"Notice that {n} {be} {frag}.", f"{it} {be} {frag} here."],
        "portal": [f"{it} {be} {frag}.", f"On your scan, {n} {be} {frag}.", f"What we see is that {it.lower()} {be} {frag}."],
    }[s]
    return r.pick(frames)


def vert_sentence(r: Row, v, corrected=False):
    frag = r.vert(v, corrected)
    pl = "multi" in r.p or r.p["target"].startswith("bilateral")
    it, be = ("They", "are") if pl else ("It", "is")
    frames = {"registrar": [f"Sits {frag}.", f"{it} {be} {frag} on this slice."],
              "letter": [f"{it} lie{'' if pl else 's'} {frag}.", f"On this image {it.lower()} {be} {frag}."],
              "tutor": [f"**Position:** {frag}.", f"{it} {be} {frag}, which is worth noting."],
              "portal": [f"{it} {be} {frag}.", f"{it} sit{'' if pl else 's'} {frag}."]}[r.s]
    return r.pick(frames)


def rel_sentence(r: Row, rel, other, corrected=False):
    frag = r.rel(rel, other, corrected)
    pl = "multi" in r.p or r.p["target"].startswith("bilateral")
    it, be = ("They", "are") if pl else ("It", "is")
    frames = {"registrar": [f"{it} {be} {frag}.", f"Lies {frag}."],
              "letter": [f"{it} lie{'' if pl else 's'} {frag}.", f"{_cap(r.p['say'])} {be} {frag}."],
              "tutor": [f"Relation check: {it.lower()} {be} {frag}.", f"{it} {be} {frag}."],
              "portal": [f"{it} {be} {frag}.", f"On the picture {it.lower()} {be} {frag}."]}[r.s]
    return r.pick(frames)


def size_sentence(r: Row, v, corrected=False):
    frag = r.size(v, corrected)
    pl = "multi" in r.p or r.p["target"].startswith("bilateral")
    it, be = ("They", "are") if pl else ("It", "is")
    if pl:
        frames = {"registrar": [f"Together they're {frag} on this slice.", f"Overall extent {frag}."],
                  "letter": [f"Taken together they are {frag} on this section."],
                  "tutor": [f"**Size (all pieces together):** {frag}.", f"Taken together they're {frag}."],
                  "portal": [f"Altogether they are {frag} on the picture.", f"All together they look {frag}."]}[r.s]
    else:
        frames = {"registrar": [f"{it}'s {frag} on this slice.", f"Size: {frag}."],
                  "letter": [f"{it} {be} {frag} on this section.", f"On this section {it.lower()} {be} {frag}."],
                  "tutor": [f"**Size:** {frag}.", f"Relative to the slice, {it.lower()} {be} {frag}."],
                  "portal": [f"On the picture {it.lower()} {be} {frag}.", f"{it} look{'s' if not pl else ''} {frag} on the scan."]}[r.s]
    return r.pick(frames)


def pct_sentence(r: Row, val, corrected=False):
    frag = r.pct(val, corrected)
    pl = "multi" in r.p or r.p["target"].startswith("bilateral")
    it = "they cover" if pl else "it covers"
    frames = {"registrar": [f"Area: {frag}.", f"By area {it} {frag}."],
              "letter": [f"The outlined region covers {frag}.", f"By area, {it} {frag}."],
              "tutor": [f"If you measured the outline, {it} {frag}.", f"**Area:** {frag}."],
              "portal": [f"The highlighted area is {frag}.", f"The outline takes up {frag}."]}[r.s]
    return r.pick(frames)


def count_sentence(r: Row, n, corrected=False):
    frag = r.count(n, corrected)
    frames = {"registrar": [f"Count: {frag}.", f"There's {frag} outlined." if n == 1 else f"There are {frag} outlined."],
              "letter": [f"The abnormality comprises {frag}.", f"I have outlined {frag}."],
              "tutor": [f"Count them: {frag}.", f"**Pieces:** {frag}."],
              "portal": [f"The highlight shows {frag}.", f"You'll see {frag} marked on the picture."]}[r.s]
    return r.pick(frames)


def slip_sentence(r: Row, v, mode):
    """The assistant's own side slip: corrected in the same sentence ("inline") or in a later turn."""
    wrong = OPP_SIDE[v]
    if mode == "later":
        return side_sentence(r, wrong, corrected=True)
    bad = r.side(wrong, corrected=True)
    good = r.side(v)
    pl = "multi" in r.p or r.p["target"].startswith("bilateral")
    it = "They are" if pl else "It is"
    return r.pick([f"{it} {bad}; sorry, I mean {good}.",
                   f"{it} {bad} (correction: {good}; I read the screen instead of the markers)."])


def claim_sentence(r: Row, kind, value, corrected=False):
    if kind == "side":
        return side_sentence(r, value, corrected)
    if kind == "vert":
        return vert_sentence(r, value, corrected)
    if kind == "rel":
        return rel_sentence(r, value[0], value[1], corrected)
    if kind == "size":
        return size_sentence(r, value, corrected)
    if kind == "pct":
        return pct_sentence(r, value, corrected)
    return count_sentence(r, value, corrected)


GROUP = {"side": "laterality", "vert": "position", "rel": "position", "size": "size", "pct": "size",
         "count": "count"}


# ------------------------------------------------------------------------------------------- traps

def convention_sentence(r: Row):
    """A true sentence on the display convention (true side recorded as a claim)."""
    v = r.f["laterality"]
    if v not in OPP_SIDE or r.p["orient"][0] not in "LR":
        return None
    img = ("right" if v == "left" else "left") if r.p["orient"][0] == "L" else v
    r.claim("screen", img, img)
    if r.s == "portal":
        frag = r.side(v)
        return (f"Scans are usually shown as if we're facing you, so it appears on the {img} of the screen, "
                f"but it is {frag}.") if r.p["orient"][0] == "L" else (
                f"This picture is displayed as if looking from behind, so screen {img} is your {v}: it is {frag}.")
    frag = r.side(v)
    if r.p["orient"][0] == "L":
        return r.pick([f"Remember the radiological convention: it projects on the {img} of the screen, yet it is {frag}.",
                       f"Screen-{img}, patient-{v}: it is {frag}."])
    return r.pick([f"Note this series is displayed flipped (patient's left on screen left), so it shows on the screen's {img} and is {frag}.",
                   f"This viewer shows the patient's right on the screen's right, so it is {frag}."])


def negation_sentence(r: Row, kind):
    f = r.f
    if kind == "side" and f["laterality"] in OPP_SIDE:
        o = OPP_SIDE[f["laterality"]]
        frag = r.claim("side_not", o, {"registrar": f"not on the {o}", "letter": f"not on the {o}",
                                       "tutor": f"not on the {o}", "portal": f"not on your {o}"}[r.s])
        pl = "multi" in r.p or r.p["target"].startswith("bilateral")
        it = "they are" if pl else "it is"
        return r.pick([f"To be clear, {it} {frag}.", f"{_cap(it)} {frag}, whatever the pain suggested."
                       if r.s != "portal" else f"{_cap(it)} {frag}, even though it may feel that way."])
    if kind == "vert" and f["vertical"] in OPP_VERT:
        o = OPP_VERT[f["vertical"]]
        word = {"anterior": "at the front", "posterior": "at the back", "superior": "high up",
                "inferior": "low down"}[o]
        frag = r.claim("vert_not", o, f"not {word}")
        pl = "multi" in r.p or r.p["target"].startswith("bilateral")
        return f"{'They are' if pl else 'It is'} {frag} on this image."
    return None


def hypothetical_sentence(r: Row):
    sided = r.f["laterality"] in OPP_SIDE
    opts = {
        "registrar": ["Had the scan been equivocal I'd have gone for a diagnostic lap anyway.",
                      "If the lactate had been over 4 I'd be on the phone to theatre already."]
                     + (["If this were on the other side I'd be chasing a different differential."] if sided else []),
        "letter": ["If there had been a stricture longer than 5 cm, I would have favoured surgical referral.",
                   "Had the CRP been normal, I would have been content to observe."]
                  + (["Had the inflammation been left-sided, diverticular disease would have been my first thought."]
                     if r.f["laterality"] == "right" else []),
        "tutor": ["Imagine the image were mirrored: would your answer change? (It shouldn't, if you check the markers.)",
                  "*Hypothetically*, if the wall were 2 mm thicker, would your management change?"]
                 + (["*Hypothetically*, if you saw the same picture on the other side, what would top your differential?"]
                    if sided else []),
        "portal": ["If things had looked worse, they would have told you to come in straight away."]
                  + (["If it had been on the other side, the doctors would have looked for different causes, but that "
                      "is not the case here."] if sided else []),
    }[r.s]
    return r.pick(opts)


def others_sentence(r: Row):
    opts = ["The liver sits on the right and the spleen high on the left, as usual.",
            "The bladder is in the midline and looks normal.",
            "The aorta is just left of the midline and normal in calibre, about 2 cm.",
            "The right kidney sits a little lower than the left one, as it usually does."]
    if r.s == "portal":
        opts = ["Your liver, which is on the right, looks normal.", "Your bladder, in the middle of your pelvis, looks fine.",
                "Your kidneys, one on each side, look healthy."]
    return r.pick(opts)


# ------------------------------------------------------------------------------------------- questions

def first_question(r: Row, names: bool):
    p, s = r.p, r.s
    t = p["target"]
    if s == "registrar":
        hx = r.pick(p["hx"])
        if names:
            return r.pick([f"{hx}. Can you segment the {t} and tell me what you think?",
                           f"On call. {hx}. Outline the {t} for me, please, and give me the key findings."])
        return r.pick([f"On call, need a quick read. {hx}. Which structure on this scan is the problem? Segment it.",
                       f"{hx}. Show me the culprit on this slice and give me the essentials.",
                       f"Registrar here, busy night. {hx}. What am I looking at, and where is it?"])
    if s == "letter":
        hx = r.pick(p["hx"])
        if names:
            return r.pick([f"I'm writing to the GP about a patient: {hx}. Please mark the {t} on this image and "
                           "draft a paragraph describing it.",
                           f"Clinic letter in progress ({hx}). Could you segment the {t} and summarise it in letter style?"])
        return r.pick([f"I'm dictating a clinic letter. Background: {hx}. Please mark the structure responsible "
                       "and draft a paragraph I can use.",
                       f"Could you help with a letter to the referring GP? The story: {hx}. Identify the relevant "
                       "structure on this image and describe it."])
    if s == "tutor":
        rid = r.pick(p["riddle"])
        if names:
            return r.pick([f"I'm revising for my surgery OSCE. Where is the {t} on this image? Please segment it and "
                           "teach me about it.",
                           f"Med student here. Can you outline the {t} on this scan and quiz me on it?"])
        return r.pick([f"I'm a third-year student. On this image, can you find {rid}? Please segment it and explain.",
                       f"Revision question: I need to locate {rid} on this scan. Can you show me and teach me a bit?",
                       f"Tutor, help! I need to spot {rid} on this image. Where should I be looking?"])
    lay = r.pick(p["lay"])
    if names:
        return r.pick([f"Hello, {lay}. The letter says '{t}'. Can you show me the {t} on my scan?",
                       f"I'm worried. {_cap(lay)}. Where is the {t} on this image?"])
    return r.pick([f"Hello, {lay}. Can you show me on my scan what they are talking about?",
                   f"I'm really worried. {_cap(lay)}. Which part of this picture is the problem?",
                   f"Sorry if this is a silly question: {lay}. Could you point out the part they mean on my scan?"])


def opener(r: Row):
    return {"registrar": ["Got it.", "Quick read.", "OK."],
            "letter": ["Certainly; suggested wording below.", "Here is a paragraph you could adapt.",
                       "Happy to help with the letter."],
            "tutor": ["Great question!", "Let's work through it together.", "Good one for the OSCE."],
            "portal": (["That is not a silly question at all."] if "silly" in r.turns[0]["content"] else
                       ["I understand this is worrying, and it is good that you asked.", "Thank you for your message."])}[r.s]


def naming_sentence(r: Row):
    n = r.p["say"]
    if r.s == "registrar":
        return r.pick([f"That's {n} [SEG].", f"Culprit: {n} [SEG].", f"{_cap(n)}, outlined here [SEG]."])
    if r.s == "letter":
        return r.pick([f"\"Imaging shows {n} [SEG] to be abnormal.", f"\"The relevant finding is {n} [SEG].",
                       f"\"On review of the images, attention is drawn to {n} [SEG]."])
    if r.s == "tutor":
        return r.pick([f"The answer is **{n}** [SEG].", f"You're looking for **{n}** [SEG].",
                       f"It's **{n}**, highlighted here [SEG]."])
    return r.pick([f"The part they mean is {n}, which I have highlighted [SEG].",
                   f"The highlighted area is {n} [SEG].", f"What they are talking about is {n} [SEG]."])


def what_sentence(r: Row):
    if r.s == "portal":
        return r.p["lay_what"]
    return r.pick(r.p["what"])


# follow-up questions by kind, per register
FQ = {
    "side": {"registrar": ["Which side, in the patient's frame? Need it for the consent form.",
                           "Confirm side for the booking form please."],
             "letter": ["For the letter, could you state the side explicitly?",
                        "Please add a sentence on laterality for the GP."],
             "tutor": ["Which side of the patient is it on? I always mix up the screen and the patient.",
                       "How do I tell which side it is on?"],
             "portal": ["Which side of my body is it on?", "Is it on my left or my right? I can't tell from the picture."]},
    "vert": {"registrar": ["Where does it sit on the slice, front or back, high or low?",
                           "Position on this image? Thinking about the approach."],
             "letter": ["Could you describe where it lies on this image?", "Please add its position on this section."],
             "tutor": ["Where is it on the slice in terms of front/back or up/down?",
                       "How would you describe its position on this image?"],
             "portal": ["Where in my tummy is it, roughly?", "Is it near the front or the back, or high or low?"]},
    "rel": {"registrar": ["Relation to the neighbours? Useful for the approach.",
                          "What's it next to on this slice?"],
            "letter": ["Could you relate it to a nearby landmark for the letter?",
                       "Please describe its relationship to the adjacent structures."],
            "tutor": ["How does it relate to the structures around it?", "Which landmark helps me find it?"],
            "portal": ["What is it next to in my body?", "Can you tell me what it is near?"]},
    "size": {"registrar": ["How big is it on this slice, roughly?", "Size on this slice, in broad terms?"],
             "letter": ["Could you comment on its size on this section?", "Please add a line on its extent."],
             "tutor": ["Is it small or large on this image?", "How would you describe its size here?"],
             "portal": ["Is it big? Should I be worried about the size?", "How large is it on the picture?"]},
    "pct": {"registrar": ["What share of the image does your outline cover?", "Area of the outline as a percentage?"],
            "letter": ["Roughly what proportion of the image does it occupy?", "Could you quantify the outlined area?"],
            "tutor": ["What percentage of the image is the outline, roughly?", "Can we put a number on its area?"],
            "portal": ["How much of the picture does it take up?", "What percentage of the image is highlighted?"]},
    "count": {"registrar": ["How many separate bits have you outlined?", "One lesion or several on this slice?"],
              "letter": ["Is it a single abnormality or several?", "Please state how many components there are."],
              "tutor": ["How many separate pieces are there?", "Is it one piece or several on this slice?"],
              "portal": ["Is there just one, or more than one?", "How many are there on my scan?"]},
}

LEADS = {"registrar": ["Checked on the adjacent slices too.", "Had another look.", "Scrolled through again."],
         "tutor": ["Good question to ask.", "Let's reason it out from the image.", "Look at the outline."]}
TAILS = {"registrar": ["That's what I'd put in the op note.", "Worth stating in the handover.",
                       "Happy to re-check on the coronals."],
         "letter": ["That wording can go straight into the letter.", "I would phrase it that way for the GP.",
                    "That should read clearly to a non-specialist."],
         "tutor": ["Say that out loud in your OSCE and the examiner will be happy.",
                   "Practise describing it in that order: site, size, number.", "That's the sort of detail examiners like."],
         "portal": ["I hope that helps make the picture clearer.", "Please ask your team if anything is unclear.",
                    "It is fine to bring this question to your appointment too."]}

CLIN_Q = {"registrar": ["What's the plan from here?", "Management, in a line or two?", "What would you do next tonight?"],
          "letter": ["What should I recommend to the GP?", "Please add a management paragraph."],
          "tutor": ["What would the management be?", "What's the key learning point for management?"],
          "portal": ["What happens next? Will I need an operation?", "What will the doctors do now?"]}

PREMISE_Q = {
    "side": {"registrar": "Since it's {frag}, I'll put that on the theatre booking; anything else to flag?",
             "letter": "Given that it lies {frag}, should I mention anything else to the GP?",
             "tutor": "So it's {frag}; what else should I say in my presentation?",
             "portal": "So it's {frag}, which is where I've been sore. What happens next?"},
    "vert": {"registrar": "OK, so it sits {frag}; anything else I need before I call the consultant?",
             "letter": "Noting that it lies {frag}, what else belongs in the letter?",
             "tutor": "Since it sits {frag}, what else should I learn about it?",
             "portal": "So it's {frag}. Is that bad?"},
    "rel": {"registrar": "Right, so it's {frag}. Anything else?",
            "letter": "Given that it is {frag}, what else should the letter say?",
            "tutor": "So it's {frag}; what's the clinical point here?",
            "portal": "So it is {frag}. Does that matter?"},
    "size": {"registrar": "Fine, it's {frag}; does that change the plan?",
             "letter": "As it is {frag}, what would you recommend?",
             "tutor": "Since it's {frag}, what management should I mention?",
             "portal": "The nurse said it was {frag}. What does that mean for me?"},
    "pct": {"registrar": "Outline covers {frag}, noted. What's next?",
            "letter": "Given the outline covers {frag}, what should I recommend?",
            "tutor": "So it covers {frag}. What's the management point?",
            "portal": "So it takes up {frag}. What happens now?"},
    "count": {"registrar": "So {frag}; what's the plan?",
              "letter": "With {frag} identified, what do you recommend?",
              "tutor": "OK, {frag}. What's the learning point?",
              "portal": "So there's {frag}? What happens next?"},
}


def premise_question(r: Row, kind, value, corrected):
    r.user_voice = r.s == "portal"
    try:
        return _premise_question(r, kind, value, corrected)
    finally:
        r.user_voice = False


def _premise_question(r: Row, kind, value, corrected):
    if kind == "side":
        frag = r.side(value, corrected)
    elif kind == "vert":
        frag = r.vert(value, corrected)
    elif kind == "rel":
        frag = r.rel(value[0], value[1], corrected)
    elif kind == "size":
        frag = r.size(value, corrected)
    elif kind == "pct":
        frag = r.pct(value, corrected)
    else:
        frag = r.count(value, corrected)
    return PREMISE_Q[kind][r.s].format(frag=frag)


def correction_intro(r: Row):
    return r.pick({"registrar": ["No, careful.", "Not quite.", "Correction."],
                   "letter": ["A small correction before that goes in the letter:", "I would amend that slightly:"],
                   "tutor": ["Careful, that's a common slip!", "Not quite, let's fix that first."],
                   "portal": ["I can see why you thought that, but actually", "That's an easy mix-up, but"]}[r.s])


FILLER = {"registrar": ["I'd run it past the consultant on call and update the family.",
                       "Bloods, group and save, and keep them on the list for review at 8 a.m."],
          "letter": ["I have arranged to review the patient in clinic in 6 weeks.",
                     "I would be grateful if you could repeat the blood tests in 2 weeks."],
          "tutor": ["Remember the order: resuscitate, image, then treat the cause.",
                    "Examiners like a plan that starts with ABC and ends with follow-up."],
          "portal": ["Your team will explain each step before anything happens.",
                     "Do write your questions down before the appointment so nothing is missed."]}


def _mgmt(r: Row):
    used = " ".join(t["content"] for t in r.turns)
    left = [m for m in r.p["mgmt"] if m not in used]
    return r.pick(left) if left else r.fresh(FILLER[r.s])


def clinical_answer(r: Row):
    bits = [_mgmt(r)]
    if r.rng.random() < 0.5:
        bits.append(r.fresh(r.p["know"]))
    if r.s == "portal":
        bits = [r.fresh(["Your team will go through the options with you.", "The surgical team will explain the plan.",
                         "The doctors looking after you will talk you through it."]), _mgmt(r)]
        if r.rng.random() < 0.5:
            bits.append(r.fresh(["If the pain gets much worse, or you develop a fever, please call 111 or come to A&E.",
                                 "If you feel worse before then, please contact the ward or your GP straight away."]))
    if r.s == "letter":
        bits.insert(0, "Suggested paragraph:")
    return " ".join(bits)


def closer(r: Row):
    return r.pick({"registrar": ["Happy to look at more slices.", "Shout if you want the coronals.", ""],
                   "letter": ["Kind regards.\"", "Yours sincerely.\"", "With best wishes.\""],
                   "tutor": ["Want me to quiz you on it?", "Try describing it back to me in your own words.", ""],
                   "portal": ["Please do bring any more questions to your appointment.",
                              "Your doctor is the best person to talk this through with you.", ""]}[r.s])


# ------------------------------------------------------------------------------------------- build

def build(p: dict, facts: dict, style: str, rng, defect):
    f = dict(facts)
    f["_cor"] = p["orient"][1] in "IS"
    f["_orient"] = p["orient"]
    r = Row(p, f, style, rng)
    tv = _true_values(facts)
    avail = ["side", "vert", "size", "pct", "count"] + (["rel"] if tv["rels"] else [])
    # the defect's claim kind and place
    dkind, dplace, dval = None, None, None
    if defect in ("laterality", "position", "size", "count"):
        dkind = {"laterality": "side", "size": rng.choice(["size", "size", "pct"]), "count": "count",
                 "position": rng.choice(["vert", "rel"] if tv["rels"] else ["vert"])}[defect]
        if dkind == "rel":
            rel, other = rng.choice(tv["rels"])
            dval = [OPP_REL[rel], other]
        elif dkind == "pct":
            dval = _false_pct(facts["area_fraction"])
        else:
            dval = _false_value(dkind, f, rng)
        dplace = rng.choice(["first", "followup", "premise"])
    banned = set()
    if dkind:
        banned = {k for k in avail if GROUP[k] == GROUP[dkind]}
    pool = [k for k in avail if k not in banned]
    rng.shuffle(pool)

    def true_val(k):
        return rng.choice(tv["rels"]) if k == "rel" else tv[k]

    # -- first question
    r.turn("user", first_question(r, defect == "names_target"))

    # -- first answer
    a1_kinds = pool[:2]
    rest = pool[2:]
    parts = [r.pick(opener(r)), naming_sentence(r), what_sentence(r)]
    selffix = None
    if defect in (None, "names_target") and tv["side"] in OPP_SIDE and "side" in a1_kinds and rng.random() < 0.35:
        selffix = rng.choice(["inline", "later"])
    claim_parts = []
    for k in a1_kinds:
        if k == "side" and selffix:
            claim_parts.append(slip_sentence(r, tv["side"], selffix))
        else:
            claim_parts.append(claim_sentence(r, k, true_val(k)))
    if dplace == "first":
        claim_parts.insert(rng.randrange(len(claim_parts) + 1), claim_sentence(r, dkind, dval))
    parts += claim_parts
    # traps in the first answer
    trap = rng.random()
    if trap < 0.3:
        c = convention_sentence(r) if "side" not in banned and not selffix else None
        if c:
            parts.append(c)
    elif trap < 0.55:
        parts.append(r.fresh(p["know"]))
    elif trap < 0.75:
        parts.append(hypothetical_sentence(r))
    else:
        parts.append(others_sentence(r))
    if r.s == "letter":
        parts.append(closer(r))
    elif rng.random() < 0.6:
        c = closer(r)
        if c:
            parts.append(c)
    r.turn("assistant", " ".join(x for x in parts if x))

    # -- follow-ups
    rounds = []
    nround = rng.randint(1, 3)
    fkinds = rest[:]
    trap_kinds = [k for k in ("side", "vert", "size", "count") if k not in banned and not (k == "side" and selffix)]
    if dplace == "followup":
        rounds.append(("defect_answer", None))
    if dplace == "premise":
        rounds.append(("defect_premise", None))
    if defect in (None, "names_target") and rng.random() < 0.45 and trap_kinds:
        rounds.append(("fixed_premise", rng.choice(trap_kinds)))
    if selffix == "later":
        rounds.append(("selffix", None))
    while len(rounds) < nround:
        if fkinds and rng.random() < 0.65:
            rounds.append(("ask", fkinds.pop(0)))
        else:
            rounds.append(("clinical", None))
    rng.shuffle(rounds)
    for kind, k in rounds:
        if kind == "ask":
            r.turn("user", r.pick(FQ[k][r.s]))
            ans = [claim_sentence(r, k, true_val(k))]
            if r.s in ("registrar", "tutor") and rng.random() < 0.5:
                ans.insert(0, r.pick(LEADS[r.s]))
            if rng.random() < 0.4:
                neg = negation_sentence(r, k)
                if neg:
                    ans.append(neg)
            if rng.random() < 0.3:
                ans.append(r.fresh(p["know"]))
            if len(" ".join(ans).split()) < 8:
                ans.append(r.pick(TAILS[r.s]))
            r.turn("assistant", " ".join(ans))
        elif kind == "clinical":
            r.turn("user", r.fresh(CLIN_Q[r.s]))
            r.turn("assistant", clinical_answer(r))
        elif kind == "defect_answer":
            q = r.pick(FQ["pct" if dkind == "pct" else dkind][r.s])
            r.turn("user", q)
            ans = [claim_sentence(r, dkind, dval)]
            if r.s in ("registrar", "tutor") and rng.random() < 0.5:
                ans.insert(0, r.pick(LEADS[r.s]))
            if len(" ".join(ans).split()) < 8:
                ans.append(r.pick(TAILS[r.s]))
            if rng.random() < 0.5:
                ans.append(r.fresh(p["know"]))
            r.turn("assistant", " ".join(ans))
        elif kind == "defect_premise":
            r.turn("user", premise_question(r, dkind, dval, False))
            r.turn("assistant", clinical_answer(r))
        elif kind == "fixed_premise":
            wrong = _false_value(k, f, rng)
            q = premise_question(r, k, wrong, True)
            if r.s == "portal":
                q = "Someone at the clinic told me something different. " + q
            r.turn("user", q)
            intro, fix = correction_intro(r), claim_sentence(r, k, tv[k])
            if intro[-1].isalpha():
                fix = fix[0].lower() + fix[1:]
            ans = [intro, fix, clinical_answer(r)]
            r.turn("assistant", " ".join(ans))
        elif kind == "selffix":
            v = tv["side"]
            wrong = OPP_SIDE[v]
            r.turn("user", r.pick({"registrar": ["Sure about the side? Double-check before I consent.",
                                                 "Just double-checking the side before consent."],
                                   "letter": ["Before I sign this, can you double-check the laterality?"],
                                   "tutor": ["Can you run through how you decided the side?"],
                                   "portal": ["Can you double-check which side it is on? It matters to me."]}[r.s]))
            good = r.side(v)
            neg = r.claim("side_not", wrong, r.pick([f"not the {wrong}", f"not on the {wrong}"]))
            txt = r.pick([f"Good catch, and apologies: my first answer had the side wrong. It is {good}, {neg}.",
                          f"I need to correct myself. Going by the orientation markers it is {good}, {neg} as I wrote above."])
            r.turn("assistant", txt)
    LEDGER.append({"claims": r.claims, "defect": defect, "dkind": dkind, "dplace": dplace})
    expected = [] if defect is None else [defect]
    return r.turns, expected
