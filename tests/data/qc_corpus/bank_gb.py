"""Bank GB: post-surgical and variant anatomy (transplanted kidneys in either iliac fossa, solitary kidneys
after nephrectomy, horseshoe and crossed fused kidneys, situs inversus and dextrocardia, duplex collecting
systems, post-pneumonectomy chests, stomas and anastomoses, liver and pancreatic remnants, clips and
resection beds), in four registers: a transplant surgeon's clinic note (`clinic`), a radiology registrar
teaching a student (`registrar`), a careful LLM assistant (`assistant`) and a patient asking about their own
post-operative scan (`patient`).

Written blind (no QC rule, test or other bank was read). Facts are measured by `compute_facts` on synthetic
256x256 masks (ellipses placed in patient terms, then mapped through the record's orientation: axial "LP" and
"RP", coronal "LI"). Clean rows carry the traps of this theme: organs truly absent on one side, what would
normally lie in the empty fossa, expected against actual sides (the liver on the left in situs inversus), the
image side against the patient side, counts of what remains, lab values, doses, dates and millimetres, user
premises the assistant corrects and the assistant's own corrected slips.

Own check (/work/notes/qcgb_scripts/check_gb.py, seed 20261311): rows 420, clean 210, defects laterality 42,
position 42, size 42, count 42, names_target 42; defects sit in first answer 50, follow-up answer 59, user
premise 59; problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

STYLES = ["clinic", "registrar", "assistant", "patient"]
LEDGER: list = []  # one entry per built row (segments with their claims), read by the writer's own checker
_LAST: dict = {}
_CUR = {"axis": "axial"}  # the slice plane of the row being built

# ----------------------------------------------------------------------------------------------------------
# profiles: ellipses (dx, dy, rx, ry) in pixels from the image centre, dx toward the patient's left, dy toward
# posterior (axial) or inferior (coronal); `group` jitters the whole shape at once (connected shapes)

PROFILES = [
    dict(key="allo_r", target="renal allograft", modality="CT", region="pelvis", orientation="LP",
         shapes=[(-55, -22, 27, 19)], others={"urinary bladder": (0, -5), "right external iliac artery": (-52, -2)},
         names=["the renal allograft", "the transplant kidney", "the graft"], fossa="iliac fossa",
         forbid=["allograft", "graft", "kidney"], unit="piece",
         hx="end-stage renal failure, deceased-donor transplant operation six weeks ago, creatinine settling",
         pt="I had my transplant six weeks ago and this is my follow-up CT.",
         clues=["the organ that now does the filtering the patient's own ones gave up on",
                "the donor organ plumbed into the iliac vessels and the bladder",
                "what the surgeons implanted low in the pelvis at the operation"],
         expl=["It is the donor kidney, with its artery and vein joined to the external iliac vessels and its "
               "ureter tunnelled into the bladder."],
         lay=["That's your new kidney, the one that came from your donor."],
         ctx=["The native kidneys are usually left in place, up in the renal fossae, unless they are huge or "
              "infected.", "The right iliac fossa is the usual first choice because the right external iliac "
              "vein is more superficial; the left is used for a second graft or when the right vessels are "
              "unsuitable.", "Tacrolimus trough target is 6-8 ng/mL for the first three months.",
              "The ureteric stent normally comes out at about 6 weeks."],
         normal=["Kidneys normally sit high in the renal fossae beside the spine, at about T12 to L3; the iliac "
                 "fossae usually hold only bowel loops and the iliac vessels.",
                 "On a pre-transplant scan this part of the pelvis would contain nothing but bowel and vessels."],
         hypo=["Had the right iliac vessels been heavily calcified, the surgeon would probably have gone to "
               "the left side instead."]),
    dict(key="allo_l", target="transplant kidney", modality="MR", region="pelvis", orientation="LP",
         shapes=[(55, -20, 26, 18)], others={"urinary bladder": (0, -4), "left external iliac vein": (50, 0)},
         names=["the transplant kidney", "the allograft", "the graft"], fossa="iliac fossa",
         forbid=["allograft", "graft", "kidney"], unit="piece",
         hx="second renal transplant in 2023 after the first one failed, creatinine 142 today",
         pt="This is my second transplant and I wanted to understand my MRI from last week.",
         clues=["the organ from the second operation that is keeping the patient off dialysis",
                "the donor organ that is now producing urine",
                "the structure whose function the creatinine of 142 reflects"],
         expl=["It is the second donor kidney; its vessels are anastomosed to the external iliac artery and "
               "vein."],
         lay=["That's the kidney you received at your second operation."],
         ctx=["A failed first graft is often left in situ unless it causes fever, pain or haematuria.",
              "About 1 in 20 recipients needs a second transplant within ten years.",
              "The right iliac fossa is the usual site for a first graft, so a second graft often goes on the "
              "opposite side.", "Mycophenolate 500 mg twice daily continues."],
         normal=["Without a transplant this part of the pelvis would hold only sigmoid colon, small bowel and "
                 "the iliac vessels.", "The native kidneys normally lie far higher, under the ribs."],
         hypo=["If both iliac fossae had been used up, an intraperitoneal placement would have been the next "
               "option."]),
    dict(key="solo_l", target="left kidney", modality="CT", region="abdomen", orientation="LP",
         shapes=[(55, 28, 20, 27)], others={"aorta": (6, 12), "spleen": (62, -5)},
         names=["the left kidney", "the solitary left kidney", "the remaining kidney"],
         neutral=["the remaining kidney", "the solitary kidney"], forbid=["kidney"], unit="piece",
         hx="radical right nephrectomy for renal cell carcinoma in 2019, surveillance CT",
         pt="I had a nephrectomy for cancer five years ago and this is my yearly scan.",
         clues=["the organ now doing all the filtering on its own",
                "the one the patient has left to make urine",
                "the structure whose function we protect by avoiding nephrotoxic drugs"],
         expl=["It is the only kidney this patient still has."], lay=["That's the kidney you still have."],
         ctx=["The right kidney was removed in 2019; only clips and bowel remain in the right renal fossa.",
              "A solitary kidney often enlarges by 20-40% (compensatory hypertrophy) within a few years.",
              "The left kidney normally sits a little higher than the right, which is pushed down by the "
              "liver.", "eGFR is stable at 58 mL/min/1.73 m2."],
         normal=["Normally you would see two kidneys on this slice, one each side of the spine.",
                 "The right renal fossa is empty now: bowel loops have moved up into the space where the "
                 "right kidney used to be."],
         hypo=["If the tumour had been smaller, a partial nephrectomy might have spared the right kidney."]),
    dict(key="solo_r", target="right kidney", modality="CT", region="abdomen", orientation="RP",
         shapes=[(-52, 30, 21, 28)], others={"inferior vena cava": (-18, 8), "liver": (-50, -25)},
         names=["the right kidney", "the solitary right kidney", "the remaining kidney"],
         neutral=["the remaining kidney", "the solitary kidney"], forbid=["kidney"], unit="piece",
         hx="living donor, left laparoscopic donor nephrectomy three years ago, routine review",
         pt="I donated an organ to my brother three years ago and my GP sent me for this scan.",
         clues=["the organ that now has to do the work of two",
                "what the donor kept after the operation",
                "the structure whose blood tests we check every year after the donation"],
         expl=["It is the donor's remaining kidney."], lay=["That's the kidney you kept."],
         ctx=["Donors usually give the left kidney because its renal vein is longer.",
              "The left renal fossa is empty after the donation; the spleen and bowel fill the gap.",
              "Long-term, a donor's eGFR settles at about 70% of the pre-donation value.",
              "Blood pressure today 128/78."],
         normal=["Normally there would be a second kidney on the other side of the spine.",
                 "The left renal bed now holds descending colon and small-bowel loops, plus a couple of clips."],
         hypo=["Had the left renal vessels been unusual, the surgeons would have taken the right kidney "
               "instead."]),
    dict(key="horseshoe", target="horseshoe kidney", modality="CT", region="abdomen", orientation="LI",
         shapes=[(-38, -2, 15, 32), (38, -2, 15, 32), (0, 22, 40, 7)], group=True,
         others={"liver": (-60, -60), "urinary bladder": (0, 85)},
         names=["the horseshoe kidney", "the fused kidney"], forbid=["horseshoe", "kidney", "fused"],
         unit="piece",
         hx="incidental finding on a coronal CT for abdominal pain, creatinine normal",
         pt="My scan report mentions a variant I was born with and I'd like to see it.",
         clues=["the organ whose lower poles are joined across the front of the spine",
                "the congenital variant that got caught under the inferior mesenteric artery as it ascended",
                "the urine-making structure with an isthmus"],
         expl=["Its two halves are joined at their lower poles by an isthmus of renal tissue."],
         lay=["It's a variant you were born with: the two kidneys are joined at the bottom."],
         ctx=["A horseshoe kidney forms when the two kidneys fuse at their lower poles; it affects about 1 in "
              "500 people.", "The isthmus is usually held down at about L3-L4 by the inferior mesenteric "
              "artery.", "There is a higher rate of stones and pelviureteric junction obstruction."],
         normal=["Normally there would be two separate kidneys, one in each renal fossa, with nothing "
                 "crossing in front of the spine.", "Normally the lower poles point slightly outward, not "
                 "inward."],
         hypo=["If the fusion were at the upper poles instead, it would be called an inverted horseshoe."]),
    dict(key="situs_liver", target="liver", modality="CT", region="abdomen", orientation="LP",
         shapes=[(45, -20, 55, 45)], others={"stomach": (-50, -20), "spleen": (-62, 20)},
         names=["the liver"], forbid=["liver", "hepat"], unit="piece",
         hx="known situs inversus totalis, CT for right upper quadrant pain that turned out to be left-sided",
         pt="I have situs inversus and I've never actually seen my own insides.",
         clues=["the organ that makes bile and stores glycogen",
                "the largest solid organ in the abdomen",
                "the organ that clears bilirubin"],
         expl=["It is the largest solid organ here, mirrored along with everything else."],
         lay=["That's your liver, the organ that makes bile."],
         ctx=["In situs inversus totalis every organ is mirrored; it occurs in roughly 1 in 10,000 people.",
              "About a quarter of people with situs inversus have primary ciliary dyskinesia (Kartagener "
              "syndrome).", "In this patient the stomach and spleen are on the right."],
         normal=["Normally the liver sits on the right under the diaphragm, with the stomach and spleen on "
                 "the left.", "In the usual arrangement the gallbladder would be in the right upper "
                 "quadrant."],
         hypo=["If this patient needed a cholecystectomy, the surgeon would stand on the opposite side from "
               "usual."]),
    dict(key="situs_spleen", target="spleen", modality="CT", region="abdomen", orientation="LP",
         shapes=[(-62, 28, 17, 26)], others={"liver": (45, -20), "stomach": (-40, -15)},
         names=["the spleen"], forbid=["spleen", "splen"], unit="piece",
         hx="situs inversus totalis, follow-up after a road traffic collision",
         pt="After my car accident they scanned me and said my organs are mirror-imaged.",
         clues=["the organ that filters old red cells and is at risk after blunt trauma",
                "the lymphoid organ that removes encapsulated bacteria",
                "the organ whose rupture we look for after a seat-belt injury"],
         expl=["It is the organ that removes old red cells, here on the mirrored side."],
         lay=["That's your spleen, which filters your blood."],
         ctx=["In situs inversus the liver is on the left and the spleen on the right.",
              "After splenectomy, patients need pneumococcal, meningococcal and Hib vaccines.",
              "The normal spleen is up to about 12-13 cm long."],
         normal=["Normally the spleen lies in the left upper quadrant, tucked under the ribs behind the "
                 "stomach."],
         hypo=["If it had ruptured, a splenectomy scar would be on the right rather than the left."]),
    dict(key="dextro", target="heart", modality="CT", region="chest", orientation="LP",
         shapes=[(-30, -22, 40, 34)], others={"descending aorta": (-22, 48), "vertebral body": (0, 62)},
         names=["the heart"], forbid=["heart", "cardi"], unit="piece",
         hx="mirror-image arrangement of the thoracic and abdominal organs, pre-operative CT",
         pt="I was told my organs are on the 'wrong' side and I want to see my chest scan.",
         clues=["the organ that pumps blood round the body",
                "the four-chambered muscular pump",
                "the organ whose apex we listen to for the murmur"],
         expl=["It is the pump, with its apex pointing the opposite way to usual."],
         lay=["That's your heart."],
         ctx=["Dextrocardia with situs inversus carries a much lower rate of congenital heart disease (about "
              "3-5%) than isolated dextrocardia.", "ECG leads have to be reversed to get a readable trace.",
              "The trachea and the bronchi are mirrored too: the three-lobed lung is on the left here."],
         normal=["Normally about two-thirds of the heart lies to the left of the midline, with the apex "
                 "pointing to the left.", "Usually the descending aorta runs down the left side of the "
                 "spine."],
         hypo=["If a pacemaker were needed, it would usually be implanted under the right collarbone here."]),
    dict(key="duplex", target="duplex collecting system", modality="CT", region="abdomen", orientation="LI",
         shapes=[(46, -26, 8, 11), (50, 16, 8, 11)], others={"left psoas muscle": (28, 30)},
         names=["the duplex collecting system", "the duplicated collecting system"],
         forbid=["duplex", "collecting system", "duplicated", "moiet"], unit="moieties", unit1="moiety",
         hx="CT urogram in a woman with recurrent urinary infections and constant dribbling",
         pt="My daughter's urogram says she was born with something extra in one kidney.",
         clues=["the variant where one kidney drains through two separate pelves",
                "the drainage anomaly behind the Weigert-Meyer rule",
                "the two-part urine-draining system of one kidney"],
         expl=["The kidney is drained by an upper-moiety and a lower-moiety pelvis, each with its own "
               "ureter."],
         lay=["It's the urine-draining part of the kidney, which in your case is doubled."],
         ctx=["Duplex kidneys occur in about 1 in 125 people and are bilateral in about a fifth of them.",
              "By the Weigert-Meyer rule the upper-moiety ureter inserts lower and more medially, and tends "
              "to obstruct; the lower moiety tends to reflux.", "Urine culture grew E. coli >10^5 CFU/mL."],
         normal=["Normally each kidney has a single renal pelvis and a single ureter."],
         hypo=["If the upper moiety were hydronephrotic, a heminephrectomy could be considered."]),
    dict(key="dup_ureter", plural=True, target="duplicated ureters", modality="CT", region="abdomen", orientation="LP",
         shapes=[(-34, 18, 4, 4), (-22, 20, 4, 4)], jitter=2, others={"right psoas muscle": (-30, 38)},
         names=["the duplicated ureters", "the two ureters on that side"], forbid=["ureter"], unit="ureters", unit1="ureter",
         hx="complete duplication of the urinary drainage on a urogram, now a delayed-phase CT",
         pt="My urologist said I have an extra tube from one kidney down to the bladder.",
         clues=["the paired tubes carrying urine from one kidney down to the bladder",
                "the drainage channels of the upper and lower moieties",
                "the muscular tubes that peristalse urine toward the bladder, doubled here"],
         expl=["They are the two ureters from a completely duplex kidney, running side by side."],
         lay=["They're the tubes that carry urine from your kidney down to your bladder; you have two on one "
              "side."],
         ctx=["Complete duplication gives two ureteric orifices; partial (bifid) duplication joins before the "
              "bladder.", "The contralateral side shows a single normal ureter.",
              "Delayed phase was acquired at 10 minutes after contrast."],
         normal=["Normally a single ureter leaves each kidney, so you would expect one on each side of the "
                 "spine."],
         hypo=["If one ureter were ectopic below the sphincter, constant wetness would be expected."]),
    dict(key="rem_lung", target="right lung", modality="CT", region="chest", orientation="LP",
         shapes=[(-42, 0, 52, 72)], others={"heart": (38, -10), "vertebral body": (0, 60)},
         names=["the right lung", "the remaining lung", "the single lung"],
         neutral=["the remaining lung", "the single lung"], forbid=["lung", "pulmon"], unit="piece",
         hx="left pneumonectomy for a central squamous carcinoma two years ago, breathless on hills",
         pt="I had a pneumonectomy for cancer and I'm scared about my breathing.",
         clues=["the organ now doing all the gas exchange on its own",
                "what the patient breathes with after the operation",
                "the organ that has over-expanded to fill the chest after the resection"],
         expl=["It is the only lung left, hyperexpanded and herniating a little across the front."],
         lay=["That's the lung you still have."],
         ctx=["After a left pneumonectomy the mediastinum and heart shift to the left.",
              "The left hemithorax fills with fluid over weeks to months and then contracts.",
              "FEV1 is 1.6 L, about 55% predicted.", "The right lung has three lobes and the left has two."],
         normal=["Normally both lungs would fill their own side of the chest, with the heart in between."],
         hypo=["If the remaining lung got pneumonia, reserve would be very limited."]),
    dict(key="pn_space", target="post-pneumonectomy space", modality="CT", region="chest", orientation="LP",
         shapes=[(-58, 5, 42, 62)], others={"left lung": (55, 0), "heart": (-15, -30)},
         names=["the post-pneumonectomy space", "the pneumonectomy cavity", "the fluid-filled space"],
         forbid=["pneumonectomy space", "pneumonectomy cavity", "cavity"], unit="piece",
         hx="right pneumonectomy eight months ago, routine check for bronchopleural fistula",
         pt="It's eight months since they removed one of my lungs and I'm looking at my CT.",
         clues=["the fluid-filled hemithorax where the resected organ used to be",
                "the place where an air-fluid level dropping would suggest a bronchopleural fistula",
                "the emptied half of the chest"],
         expl=["It is the space left after the lung was removed, now mostly filled with fluid."],
         lay=["That's the space where the removed lung used to be; it fills with fluid, which is normal."],
         ctx=["After a right pneumonectomy the heart and mediastinum swing toward the right.",
              "A falling fluid level of more than 2 cm is a warning sign of a bronchopleural fistula.",
              "The left lung has two lobes and has to do all the work now."],
         normal=["Normally this half of the chest would hold a three-lobed lung full of air."],
         hypo=["If it were infected (empyema), the fluid would enhance at its rim and there may be gas."]),
    dict(key="colostomy", target="end colostomy", modality="CT", region="abdomen", orientation="LP",
         shapes=[(72, -72, 10, 8)], others={"rectal stump": (0, 45)},
         names=["the end colostomy", "the stoma", "the colostomy"], forbid=["colostomy", "stoma"],
         unit="piece",
         hx="Hartmann's procedure for perforated diverticulitis four months ago, considering reversal",
         pt="I've had a bag since my emergency bowel operation and I want to know what they'd reverse.",
         clues=["the opening where the bowel now comes out onto the abdominal wall",
                "what the bag is attached to",
                "the bowel opening that a reversal would take down"],
         expl=["It is the end of the colon brought out through the abdominal wall."],
         lay=["That's the opening your bag sits on."],
         ctx=["After Hartmann's, the rectal stump is stapled closed and left in the pelvis.",
              "About half of Hartmann's patients never have the stoma reversed.",
              "Stoma output is about 300 g a day, formed.", "A parastomal hernia develops in up to 30%."],
         normal=["Normally the sigmoid colon would run down into the rectum with no opening on the "
                 "abdominal wall."],
         hypo=["If it were reversed, the colon would be joined back to the rectal stump."]),
    dict(key="ileostomy", target="loop ileostomy", modality="CT", region="abdomen", orientation="RP",
         shapes=[(-70, -70, 10, 9)], others={"urinary bladder": (0, -10)},
         names=["the loop ileostomy", "the stoma", "the ileostomy"], forbid=["ileostomy", "stoma"],
         unit="piece",
         hx="anterior resection with a defunctioning loop eight weeks ago, output high",
         pt="I have a temporary bag after my bowel cancer operation and the output is very watery.",
         clues=["the temporary opening that diverts small-bowel content away from the new join",
                "what protects the low anastomosis while it heals",
                "the opening whose output of 1.8 litres a day we are worried about"],
         expl=["It is a loop of terminal ileum brought through the abdominal wall to divert stool."],
         lay=["That's the opening of your temporary bag."],
         ctx=["Output over about 1.5 L a day counts as high and risks dehydration and low magnesium.",
              "Loop ileostomies are usually closed at about 3-6 months after a contrast study.",
              "Loperamide up to 16 mg a day may be used."],
         normal=["Normally the ileum joins the caecum internally and there is no opening on the skin."],
         hypo=["If the anastomosis had leaked, the ileostomy would limit how sick the patient became."]),
    dict(key="anastomosis", target="ileocolic anastomosis", modality="CT", region="abdomen", orientation="LP",
         shapes=[(-45, -28, 14, 10)], others={"right psoas muscle": (-38, 28), "superior mesenteric vessels": (2, -5)},
         names=["the ileocolic anastomosis", "the anastomosis", "the join between ileum and colon"],
         forbid=["anastomo", "ileocolic"], unit="piece",
         hx="right hemicolectomy for caecal cancer nine days ago, spiking temperature",
         pt="I had part of my bowel removed for cancer nine days ago and now I have a temperature.",
         clues=["the surgical join made after the resection, where a leak would start",
                "the staple line between the small bowel and the transverse colon",
                "the new connection the surgeons made between two pieces of bowel"],
         expl=["It is the stapled join between the terminal ileum and the transverse colon."],
         lay=["That's the join the surgeons made between the two ends of your bowel."],
         ctx=["Anastomotic leak after right hemicolectomy occurs in about 1-3% of cases.",
              "CRP today is 180 mg/L, up from 95.", "There are about 23 lymph nodes in the specimen; none "
              "were involved."],
         normal=["Normally the caecum and ascending colon would be here, with the appendix hanging off "
                 "the caecum."],
         hypo=["If there were a leak, you would expect free gas and a collection next to the staple line."]),
    dict(key="remnant", target="liver remnant", modality="CT", region="abdomen", orientation="LP",
         shapes=[(28, -25, 46, 36)], others={"stomach": (64, 0), "inferior vena cava": (-12, 20)},
         names=["the liver remnant", "the future liver remnant", "the remaining left lobe of the liver"],
         neutral=["the liver remnant", "the future liver remnant", "the remnant"],
         forbid=["liver", "remnant", "hepat"], unit="piece",
         hx="extended resection for colorectal metastases six weeks ago, bilirubin coming down",
         pt="They took out a big part of the organ that makes bile, because my bowel cancer had spread "
            "there.",
         clues=["the part of the organ that makes bile which stayed behind and is regenerating",
                "what is left to make bile and clotting factors after the resection",
                "the tissue that needs to be at least 25-30% of the original volume"],
         expl=["It is what is left after the resection, already hypertrophying."],
         lay=["That's the part that was left behind; it grows back a good deal over a few months."],
         ctx=["The right hepatectomy removed segments 5 to 8; the gallbladder went with it.",
              "A remnant of at least 25-30% of the original volume (40% if the organ is diseased) is usually "
              "needed.", "Bilirubin is 38 micromol/L, down from 71.", "Portal vein embolisation was done "
              "four weeks before surgery."],
         normal=["Normally the right lobe is the bigger one, taking up most of the right upper quadrant."],
         hypo=["If the remnant had been too small, post-hepatectomy liver failure would have been the "
               "main risk."]),
    dict(key="clips", plural=True, target="surgical clips", modality="CT", region="abdomen", orientation="LP",
         shapes=[(-50, -10, 3, 3), (-36, 0, 3, 3), (-54, 12, 3, 3), (-40, 20, 3, 3)], choose=(3, 4), jitter=2,
         others={"liver": (-40, -35), "duodenum": (-20, 5)},
         names=["the surgical clips", "the cholecystectomy clips", "the metal clips"], forbid=["clip"],
         unit="clips", unit1="clip",
         hx="laparoscopic cholecystectomy in 2016, now CT for an unrelated indication",
         pt="I had my gallbladder out years ago and the report says there is metal inside me.",
         clues=["the bright metal markers left on the cystic duct and artery",
                "the foreign bodies that cause the streak artefact near the gallbladder fossa",
                "the little metal bits left from the keyhole operation"],
         expl=["They are the metal ligating clips left on the cystic duct and the cystic artery."],
         lay=["They're tiny metal clips used to seal off tubes during your operation; they're meant to stay."],
         ctx=["Titanium clips are MRI-safe and cause only minor artefact.",
              "A typical cholecystectomy uses two or three clips on the duct and one or two on the artery.",
              "The gallbladder itself is absent, as expected."],
         normal=["Normally the gallbladder would sit here under the liver; it has been removed."],
         hypo=["If a clip had migrated into the bile duct, it could act as a nidus for a stone."]),
    dict(key="recurrence", plural=True, target="local recurrence", modality="MR", region="abdomen", orientation="LP",
         shapes=[(-55, 32, 7, 6), (-42, 48, 6, 5), (-62, 48, 5, 5)], choose=(2, 3), jitter=2,
         others={"liver": (-45, -20), "inferior vena cava": (-18, 10)},
         names=["the local recurrence", "the recurrent tumour nodules", "the nodules in the nephrectomy bed"],
         forbid=["recurren", "nodule"], unit="nodules", unit1="nodule",
         hx="radical nephrectomy for clear-cell carcinoma two years ago, rising symptoms",
         pt="I had a kidney removed for cancer two years ago and the doctor wants to talk about my MRI.",
         clues=["the new enhancing tissue in the bed of the organ that was removed",
                "what has grown back in the empty renal fossa",
                "the enhancing deposits where the tumour was resected"],
         expl=["They are enhancing soft-tissue deposits in the empty renal fossa, in keeping with tumour "
               "returning."],
         lay=["They're small lumps in the space where your kidney used to be, and they need to be discussed."],
         ctx=["Local recurrence after radical nephrectomy happens in roughly 2-4% of patients.",
              "The right kidney was removed, so the fossa should contain only fat, bowel and clips.",
              "The left kidney is normal and measures 11 cm."],
         normal=["After a nephrectomy the renal fossa normally contains only fat, a few clips and bowel that "
                 "has slid into the space."],
         hypo=["If it were just post-operative scarring, it would not enhance or grow over time."]),
    dict(key="lymphocele", target="lymphocele", modality="CT", region="pelvis", orientation="LP",
         shapes=[(-32, 0, 13, 11)], others={"renal allograft": (-62, -22), "urinary bladder": (0, -5)},
         names=["the lymphocele", "the perigraft lymph collection"], forbid=["lymphocele", "lymph"],
         unit="piece",
         hx="transplant four months ago, leg swelling and a slight rise in creatinine",
         pt="Since my transplant my leg has been swollen and they found a pocket of fluid.",
         clues=["the fluid collection from divided drainage channels next to the new organ",
                "the thin-walled pocket of fluid that could press on the iliac vein",
                "the collection that might need laparoscopic fenestration"],
         expl=["It is a collection of lymph from lymphatics divided when the iliac vessels were dissected."],
         lay=["That's a pocket of lymph fluid next to your new kidney."],
         ctx=["Lymphoceles occur in about 1-20% of kidney transplants, usually at 2-6 months.",
              "Aspirated fluid with a creatinine similar to serum is lymph; a much higher value means urine.",
              "The graft itself shows no hydronephrosis."],
         normal=["Normally there would be no fluid between the graft and the bladder."],
         hypo=["If it recurred after aspiration, a peritoneal window would be made."]),
    dict(key="native", plural=True, target="native kidneys", modality="CT", region="abdomen", orientation="LP",
         shapes=[(-55, 35, 8, 10), (55, 35, 8, 10)], jitter=2, others={"aorta": (0, 15)},
         names=["the native kidneys", "the patient's own kidneys", "the atrophic native kidneys"],
         forbid=["kidney", "native"], unit="kidneys", unit1="kidney",
         hx="transplant recipient twelve years on dialysis beforehand, screening for acquired cystic disease",
         pt="I've had my transplant for years; does the scan still show my original organs?",
         clues=["the shrunken organs that failed before the transplant",
                "the patient's own end-stage organs, left in place up in the renal fossae",
                "the original urine-making organs that are now scarred and small"],
         expl=["They are the patient's own failed kidneys, shrunken and left in place."],
         lay=["Those are your own original kidneys, which are small and no longer working much."],
         ctx=["After years of dialysis, native kidneys often shrink to under 8 cm and develop acquired "
              "cysts.", "The transplant kidney is lower down in the iliac fossa and not on this slice.",
              "Acquired cystic disease raises the risk of renal cell carcinoma several-fold."],
         normal=["Healthy adult kidneys are about 10-12 cm long."],
         hypo=["If one of them became infected or bled, a native nephrectomy might be needed."]),
    dict(key="splenules", plural=True, target="splenules", modality="CT", region="abdomen", orientation="LP",
         shapes=[(55, 30, 6, 6), (68, 15, 6, 6), (48, 48, 6, 6), (72, 40, 6, 6), (60, 60, 6, 6)],
         choose=(3, 5), jitter=2, others={"stomach": (40, -30)},
         names=["the splenules", "the multiple small spleens"], forbid=["splen", "spleen"], unit="splenules", unit1="splenule",
         hx="heterotaxy syndrome with interrupted IVC and azygos continuation, preoperative CT",
         pt="My scan says I have several small versions of one organ instead of just one.",
         clues=["the multiple small nodules of the organ that filters blood, seen in heterotaxy",
                "the several separate pieces of the organ that removes old red cells",
                "the several small blood-filtering organs in the upper abdomen"],
         expl=["They are separate nodules of splenic tissue, the hallmark of polysplenia."],
         lay=["They're several small pieces of spleen tissue that, together, do the job of one spleen."],
         ctx=["Polysplenia belongs to the heterotaxy spectrum; an interrupted IVC with azygos continuation is "
              "seen in most cases.", "Accessory spleens (splenunculi) are present in about 10-30% of the "
              "general population, usually just one.", "Howell-Jolly bodies are absent, so function is "
              "preserved."],
         normal=["Normally a single spleen sits in the left upper quadrant."],
         hypo=["If they were removed, the patient would need the same vaccines as after a splenectomy."]),
    dict(key="left_ivc", target="left-sided inferior vena cava", modality="CT", region="abdomen",
         orientation="LP", shapes=[(20, 22, 7, 7)], jitter=2,
         others={"aorta": (-4, 20), "superior mesenteric artery": (0, -5)},
         names=["the left-sided inferior vena cava", "the inferior vena cava", "the IVC"],
         neutral=["the inferior vena cava", "the IVC"], forbid=["vena cava", "ivc"], unit="piece",
         hx="pre-operative planning CT before a retroperitoneal lymph node dissection",
         pt="The surgeon said a big vein of mine is on the unusual side.",
         clues=["the large vein returning blood from the legs that runs up the unusual side of the aorta",
                "the vessel that persists from the left supracardinal vein",
                "the main vein draining the lower body, transposed here"],
         expl=["It is the main vein draining the legs and lower body, transposed in this patient."],
         lay=["That's the big vein bringing blood back from your legs."],
         ctx=["A left-sided IVC is found in about 0.2-0.5% of people.",
              "It usually crosses to the right at the level of the left renal vein to join the heart "
              "normally.", "Filter placement would need a different route."],
         normal=["Normally the IVC runs on the right of the aorta, all the way up to the right atrium."],
         hypo=["If this had not been spotted, it could have been mistaken for enlarged lymph nodes."]),
    dict(key="neobladder", target="neobladder", modality="MR", region="pelvis", orientation="LP",
         shapes=[(0, 0, 30, 24)], others={"rectum": (0, 45), "left femoral head": (75, 10)},
         names=["the neobladder", "the ileal neobladder", "the new reservoir"], forbid=["bladder"],
         unit="piece",
         hx="radical cystectomy for muscle-invasive urothelial cancer, orthotopic reconstruction a year ago",
         pt="They rebuilt my waterworks from my own bowel after cancer and I'd like to see it.",
         clues=["the reservoir made from about 50 cm of ileum that now stores urine",
                "the organ the surgeons built to replace the one they removed",
                "the pouch connected to the urethra that stores urine"],
         expl=["It is a reservoir fashioned from detubularised ileum and joined to the urethra."],
         lay=["That's the pouch made from your bowel that now holds your urine."],
         ctx=["About 50-60 cm of terminal ileum is used to make the pouch.",
              "Night-time incontinence affects roughly 20-30% of patients at one year.",
              "Bicarbonate is 21 mmol/L: a mild metabolic acidosis is common."],
         normal=["Normally the native bladder would sit here, behind the pubic symphysis."],
         hypo=["If the patient could not self-catheterise when needed, an ileal conduit would have been "
               "safer."]),
    dict(key="pelvic_kidney", target="pelvic kidney", modality="MR", region="pelvis", orientation="LP",
         shapes=[(36, 8, 20, 16)], others={"urinary bladder": (0, -30)},
         names=["the pelvic kidney", "the ectopic kidney"], forbid=["kidney", "ectopic"], unit="piece",
         hx="MR for endometriosis; the left renal fossa was noted to be empty",
         pt="My gynaecology MRI found that one of my organs isn't where it should be.",
         clues=["the urine-producing organ that never ascended during development",
                "what is missing from the empty renal fossa, found lower down",
                "the organ that failed to migrate up from the pelvis in the embryo"],
         expl=["It is a kidney that stayed in the pelvis instead of ascending to the renal fossa."],
         lay=["That's one of your kidneys, which stayed low in your pelvis when you were developing."],
         ctx=["Pelvic kidneys occur in about 1 in 2,000-3,000 people.",
              "The left renal fossa is empty; the spleen and bowel have filled it.",
              "The other kidney is in the normal position and measures 11.5 cm."],
         normal=["Normally both kidneys lie high in the back of the abdomen, at about the level of T12-L3."],
         hypo=["If she needed pelvic surgery, the surgeon would need to know it is there."]),
    dict(key="crossed", target="crossed fused ectopic kidney", modality="CT", region="abdomen",
         orientation="LI", shapes=[(-44, -22, 16, 26), (-34, 18, 15, 24)], group=True,
         others={"liver": (-58, -70), "aorta": (3, 0)},
         names=["the crossed fused ectopic kidney", "the fused renal mass", "the crossed fused kidney"],
         forbid=["kidney", "ectopi", "fused"], unit="piece",
         hx="incidental finding on coronal CT; the opposite renal fossa is empty",
         pt="The report says both of something I have two of are stuck together on one side.",
         clues=["the merged urine-making organs that both ended up on the same side",
                "the variant where one renal unit crosses the midline and merges with the other",
                "the two merged renal units lying on one side of the spine"],
         expl=["Both renal units lie on one side and are fused; the crossed one is lower and its ureter "
               "crosses back to the bladder."],
         lay=["Both of your kidneys are joined into one lump that lies on one side."],
         ctx=["Crossed fused ectopia is found in about 1 in 7,000 people.",
              "Left-to-right crossing is roughly two to three times more common than right-to-left.",
              "The crossed ureter still enters the bladder on its original side."],
         normal=["Normally there would be one kidney in each renal fossa."],
         hypo=["If stones formed, the unusual drainage would make them harder to reach."]),
    dict(key="pancreas", target="pancreatic remnant", modality="CT", region="abdomen", orientation="LP",
         shapes=[(-25, -10, 15, 10)], others={"superior mesenteric vein": (-5, -4), "duodenum": (-48, -5)},
         names=["the pancreatic remnant", "the remaining pancreatic head"], forbid=["pancrea"],
         unit="piece",
         hx="distal resection with splenectomy for a neuroendocrine tumour a year ago, new diabetes",
         pt="They removed the tail of one of my glands and my spleen, and now I'm diabetic.",
         clues=["what is left of the gland that makes insulin and digestive enzymes",
                "the tissue whose exocrine output we now support with Creon",
                "the remaining enzyme- and insulin-producing gland after the resection"],
         expl=["It is the head and neck of the gland that were left after the distal resection."],
         lay=["That's the part of the gland that makes insulin and digestive juices that is still there."],
         ctx=["New diabetes occurs in about a fifth to a third of patients after distal resection.",
              "The spleen was removed at the same operation, so the left upper quadrant holds only bowel "
              "and the stomach.", "HbA1c is 58 mmol/mol; Creon 25,000 units with meals."],
         normal=["Normally the gland extends from the duodenal loop across to the splenic hilum."],
         hypo=["If more had been removed, insulin would almost certainly have been needed."]),
]

KINDS = ["laterality", "position", "size", "count", "names_target"]
_DEFECT_KIND = {"laterality": "side", "position": "position", "size": "size", "count": "count"}
_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}


def _place(p, dx, dy):
    sx = 1 if p["orientation"][0] == "L" else -1
    return 127.5 + sx * dx, 127.5 + dy


def shapes_for(p, rng):
    """The ellipses of one draw, in image pixels (x, y, rx, ry)."""
    j = p.get("jitter", 3)
    shapes = list(p["shapes"])
    if "choose" in p:
        lo, hi = p["choose"]
        shapes = shapes[:rng.randint(lo, hi)]
    out = []
    gx, gy = rng.uniform(-j, j), rng.uniform(-j, j)
    for dx, dy, rx, ry in shapes:
        if p.get("group"):
            ox, oy, s = gx, gy, rng.uniform(0.96, 1.04)
        else:
            ox, oy, s = rng.uniform(-j, j), rng.uniform(-j, j), rng.uniform(0.9, 1.1)
        x, y = _place(p, dx + ox, dy + oy)
        out.append((round(x, 3), round(y, 3), round(rx * s, 3), round(ry * s, 3)))
    return out


def mask_of(shapes):
    yy, xx = np.mgrid[0:256, 0:256]
    m = np.zeros((256, 256), bool)
    for x, y, rx, ry in shapes:
        m |= ((xx - x) / rx) ** 2 + ((yy - y) / ry) ** 2 <= 1.0
    return m


def others_of(p):
    out = {}
    for name in sorted(p["others"]):
        x, y = _place(p, *p["others"][name])
        out[name] = (x / 255.0, y / 255.0)
    return out


def facts_for(p, rng):
    shapes = shapes_for(p, rng)
    f = compute_facts(mask_of(shapes), p["orientation"], others_of(p)).model_dump(mode="json")
    _LAST.clear()
    _LAST.update(shapes=shapes, key=p["key"])
    return f


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


# ----------------------------------------------------------------------------------------------------------
# claim phrases (each returns text; the ledger records kind and value beside it)

def _cap(s):
    return s[:1].upper() + s[1:]


def _axis(p):
    return "coronal" if p["orientation"][1] in "SI" else "axial"


def _side_text(p, reg, val, rng, subj, neg=None):
    """A sentence claiming the target's side `val` (left/right/midline/bilateral, or 'only-left' etc.)."""
    you = reg == "patient"
    if val in ("left", "right"):
        opts = [f"{subj} is on the patient's {val}", f"{subj} lies on the {val} side",
                f"{subj} is {val}-sided"]
        if you:
            opts = [f"{subj} is on your {val} side", f"{subj} sits on the {val} side of your body"]
        if p.get("fossa"):
            opts.append(f"{subj} sits in the {val} {p['fossa']}")
            if reg == "clinic":
                opts.append(f"{subj} is in the {'RIF' if val == 'right' else 'LIF'}")
        if neg:
            opts = [o + f", not the {neg}" for o in opts if "-sided" not in o and "fossa" not in o
                    and "IF" not in o]
    elif val == "midline":
        opts = [f"{subj} sits in the midline", f"{subj} straddles the midline",
                f"{subj} lies centrally, across the midline"]
        if you:
            opts = [f"{subj} sits in the middle of your body", f"{subj} lies right across the middle"]
    elif val == "bilateral":
        opts = [f"{subj} is bilateral, one on each side", f"{subj} lie on both sides",
                f"{subj} are present on the left and the right"]
        if you:
            opts = [f"{subj} are on both sides of your body", f"there is one on each side of your body"]
    else:  # only-left / only-right (a false one-sided claim about a bilateral target)
        s = val.split("-")[1]
        opts = [f"{subj} are only on the patient's {s}", f"{subj} are confined to the {s} side"]
        if you:
            opts = [f"{subj} are only on your {s} side"]
    return rng.choice(opts)


_VERT = {
    "axial": {"anterior": ["anteriorly", "towards the front of the body", "in the anterior part of the slice"],
              "posterior": ["posteriorly", "towards the back", "in the posterior part of the slice",
                            "back towards the spine"],
              "central": ["midway between front and back", "at about mid-depth, neither anterior nor posterior",
                          "in the middle of the slice from front to back"]},
    "coronal": {"superior": ["superiorly", "in the upper part of the image", "towards the head end"],
                "inferior": ["inferiorly", "in the lower part of the image", "towards the feet"],
                "central": ["roughly halfway up the image", "at mid-height on this coronal slice",
                            "neither high nor low on the image"]},
}
_VERT_YOU = {"anterior": ["towards the front of your body", "nearer your tummy than your back"],
             "posterior": ["towards your back", "nearer your back than your front"],
             "central": ["about halfway between your front and your back"],
             "superior": ["higher up, towards your head"], "inferior": ["lower down, towards your feet"]}
_REL = {"left_of": ["to the left of {o}", "further to the patient's left than {o}"],
        "right_of": ["to the right of {o}", "further to the patient's right than {o}"],
        "anterior_to": ["in front of {o}", "anterior to {o}"],
        "posterior_to": ["behind {o}", "posterior to {o}"],
        "superior_to": ["above {o}", "superior to {o}"],
        "inferior_to": ["below {o}", "inferior to {o}"]}
_CLINIC = ["Plan: bloods in 2/52, clinic review in 6/52.", "Wound well healed; BP 134/82, afebrile.",
           "Discussed with the patient and his wife; questions answered.", "Imp: appearances as expected post-op.",
           "Plan: continue current meds, letter to GP.", "Seen with Dr Okafor (SpR).",
           "Weight 78.4 kg, urine output adequate per diary.", "Next imaging in 3 months unless symptomatic."]
_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
         "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def _vert_text(p, reg, val, rng, subj):
    if reg == "patient" and val in _VERT_YOU:
        return f"{subj} lies {rng.choice(_VERT_YOU[val])}"
    return f"{subj} lies {rng.choice(_VERT[_axis(p)][val])}"


def _rel_text(p, reg, val, rng, subj):
    rel, other = val
    return f"{subj} sits {rng.choice(_REL[rel]).format(o='the ' + other)}"


def _size_text(p, reg, val, rng, subj):
    opts = {"small": [f"{subj} is small on this slice", f"{subj} covers only a small area",
                      f"{subj} is a small target"],
            "medium": [f"{subj} is medium-sized", f"{subj} is of moderate size on this image",
                       f"{subj} is neither small nor large, medium-sized"],
            "large": [f"{subj} is large", f"{subj} takes up a large share of the slice",
                      f"{subj} is a large structure on this image"]}[val]
    return rng.choice(opts)


def _pct_text(p, reg, val, rng, subj):
    v = f"{val:.1f}" if val >= 0.1 else f"{val:.2f}"
    return rng.choice([f"{subj} covers about {v}% of the image", f"{subj} fills roughly {v}% of the field of view",
                       f"{subj} is about {v}% of the picture by area"])


def _count_text(p, reg, val, rng, subj):
    unit = p["unit"]
    if val == 1 and unit != "piece":
        return rng.choice([f"only one {p['unit1']} is outlined", f"there is just a single {p['unit1']}"])
    if val == 1:
        return rng.choice([f"{subj} is a single continuous piece", f"{subj} is one connected structure",
                           f"{subj} is all in one piece"])
    w = _NUM[val]
    if unit == "piece":
        return rng.choice([f"{subj} is split into {w} separate pieces", f"{subj} shows as {val} distinct parts"])
    return rng.choice([f"there are {w} separate {unit}", f"I count {w} {unit}", f"{val} {unit} are outlined"])


def _truth(kind, val, F):
    if kind == "side":
        if val.startswith("only-"):
            return False
        return F["laterality"] == val
    if kind == "side_neg":
        return F["laterality"] in ("left", "right") and F["laterality"] != val
    if kind == "vertical":
        return F["vertical"] == val
    if kind == "relation":
        return any(r["relation"] == val[0] and r["other"] == val[1] for r in F["relations"])
    if kind == "size_class":
        return F["size_class"] == val
    if kind == "percent":
        a = F["area_fraction"] * 100
        return abs(val - a) <= max(0.3, 0.25 * a)
    if kind == "count":
        return F["components"] == val
    raise ValueError(kind)


def _value(kind, F, rng, true):
    """A value for a claim of `kind`, true or false against facts F."""
    if kind == "side":
        lat = F["laterality"]
        if true:
            return lat
        if lat in ("left", "right"):
            opp = "right" if lat == "left" else "left"
            return rng.choice([opp, opp, opp, "midline"] if F["components"] == 1 else [opp, opp, "bilateral"])
        if lat == "midline":
            return rng.choice(["left", "right"])
        return rng.choice(["only-left", "only-right"])
    if kind == "vertical":
        v = F["vertical"]
        if true:
            return v
        pool = ["anterior", "posterior", "central"] if _CUR["axis"] == "axial" else \
            ["superior", "inferior", "central"]
        return rng.choice([x for x in pool if x != v])
    if kind == "relation":
        rel = rng.choice(_rels(F))
        return (rel["relation"], rel["other"]) if true else (_FLIP[rel["relation"]], rel["other"])
    if kind == "size_class":
        s = F["size_class"]
        if true:
            return s
        return {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[s]
    if kind == "percent":
        a = F["area_fraction"] * 100
        if true:
            v = round(a * rng.uniform(0.92, 1.08), 1 if a >= 0.1 else 2)
            return v if v > 0 else round(a, 2)
        v = a * rng.choice([5, 7, 10]) if a < 4 else a / rng.choice([5, 8])
        return round(v, 1)
    if kind == "count":
        n = F["components"]
        if true:
            return n
        return n + 1 if n == 1 else rng.choice([n - 1, n + 1])
    raise ValueError(kind)


_SG2PL = {"is": "are", "lies": "lie", "sits": "sit", "covers": "cover", "fills": "fill", "takes": "take",
          "shows": "show", "straddles": "straddle"}
_PL2SG = {v: k for k, v in _SG2PL.items()}
_PLURAL_WORDS = ("ureters", "kidneys", "splenules", "spleens", "clips", "nodules")


def _agree(t, subj):
    """Subject-verb agreement for a sentence that starts with `subj`."""
    if not t.startswith(subj + " "):
        return t
    plural = subj == "they" or any(w in subj for w in _PLURAL_WORDS)
    verb, _, tail = t[len(subj) + 1:].partition(" ")
    verb = (_SG2PL if plural else _PL2SG).get(verb, verb)
    return f"{subj} {verb} {tail}"


def _rels(F):
    """Relations a claim may use; rows with a side defect avoid other structures whose names carry a side."""
    rels = sorted(F["relations"], key=lambda r: (r["other"], r["relation"]))
    if _CUR.get("no_sided"):
        rels = [r for r in rels if not any(w in r["other"].split() for w in ("left", "right"))]
    return rels


def _true_after(k, bad, F, rng):
    """The true value that corrects the false value `bad` (the same relation partner, flipped)."""
    if k == "relation":
        return (_FLIP[bad[0]], bad[1])
    return _value(k, F, rng, True)


def _claim_text(kind, val, p, reg, rng, subj):
    return _agree(_claim_text0(kind, val, p, reg, rng, subj), subj)


def _claim_text0(kind, val, p, reg, rng, subj):
    return {"side": _side_text, "vertical": _vert_text, "relation": _rel_text, "size_class": _size_text,
            "percent": _pct_text, "count": _count_text}[kind](p, reg, val, rng, subj)


# ----------------------------------------------------------------------------------------------------------
# conversation builder: a row is a list of turns, each a list of segments (text, claim-or-None)

class _Row:
    def __init__(self, p, F, reg, rng, defect):
        self.p, self.F, self.reg, self.rng, self.defect = p, F, reg, rng, defect
        self.turns = []

    def turn(self, role):
        self.turns.append({"role": role, "segs": []})

    def say(self, text):
        self.turns[-1]["segs"].append((text, None))

    def claim(self, kind, val, subj, end=". ", corrected=False, text=None):
        t = text or _claim_text(kind, val, self.p, self.reg, self.rng, subj)
        t = _cap(t)
        truth = _truth(kind, val, self.F)
        self.turns[-1]["segs"].append((t + end, {"kind": kind, "value": list(val) if isinstance(val, tuple)
                                                 else val, "true": truth, "corrected": corrected,
                                                 "role": self.turns[-1]["role"], "text": t}))
        return truth


def _kinds_of(topic):
    return {"side": ["side"], "position": ["vertical", "relation"], "size": ["size_class", "percent"],
            "count": ["count"]}[topic]


def _ask(reg, topic, p, rng, rel_other=None):
    ax = _axis(p)
    q = {
        "side": {"clinic": ["Which side is it on, for the op note?", "Confirm the side for the letter, please."],
                 "registrar": ["How do I work out which side of the patient it is on?",
                               "Which side of the patient is that, then?"],
                 "assistant": ["Which side of the patient is it on?", "Can you confirm its laterality?"],
                 "patient": ["Is it on my left or my right side?", "Which side of my body is that on?"]},
        "size": {"clinic": ["How much of the slice does it occupy?", "Size on this image, roughly?"],
                 "registrar": ["How big is it on this slice compared with the rest?",
                               "Would you call that small or big on this image?"],
                 "assistant": ["How large is it on this image?", "Roughly how much of the image does it cover?"],
                 "patient": ["Is it big or small on the picture?", "How much of the picture does it take up?"]},
        "count": {"clinic": ["One piece or several on this slice?", "How many separate parts are outlined?"],
                  "registrar": ["Is that one structure or several separate bits?",
                                "How many separate pieces did you outline?"],
                  "assistant": ["How many separate components does the outline have?",
                                "Is the segmentation one piece or several?"],
                  "patient": ["Is it all one piece or are there a few bits?", "How many bits can you see?"]},
        "position": {"clinic": ["Where does it sit on this slice relative to the other structures?"],
                     "registrar": ["Where is it sitting on this slice, then?",
                                   "How would you describe where it sits?"],
                     "assistant": ["Where exactly does it lie on this image?",
                                   "Can you describe its position on the slice?"],
                     "patient": ["Whereabouts in my body is it on this picture?",
                                 "Where is it compared with everything else?"]},
        "normal": {"clinic": ["What would normally be in that spot, for the student's benefit?"],
                   "registrar": ["What would we normally expect to see there?",
                                 "What would this area look like in someone without the variant or surgery?"],
                   "assistant": ["What would normally be found in this location?"],
                   "patient": ["What would be there in someone who hasn't had all this?",
                               "What's normally there in other people?"]},
        "general": {"clinic": ["Anything else worth putting in the clinic letter?"],
                    "registrar": ["Is there anything else I should know about this?"],
                    "assistant": ["Is there any other relevant background?"],
                    "patient": ["Is there anything else I should know about it?", "Should I be worried about it?"]},
    }[topic][reg]
    return rng.choice(q)


def _premise(row, kind, val, tail):
    """A user turn stating a claim as premise, followed by a question."""
    reg, rng = row.reg, row.rng
    subj = "it"
    if reg == "patient":
        lead = rng.choice(["So if I understand right, ", "My friend who's a nurse says ", "I read the report: "])
    elif reg == "clinic":
        lead = rng.choice(["Noted in my draft: ", "From the op note: ", "Registrar's summary says "])
    else:
        lead = rng.choice(["I'd have said ", "So, just to check my understanding, ", "OK, so "])
    if p_plural(row.p):
        subj = "they"
    row.turn("user")
    if kind == "count":
        w = _NUM[val]
        t = (rng.choice([f"there are {w} separate pieces", f"I can see {w} separate bits"]) if val > 1 else
             rng.choice(["there is only one piece", f"{subj} is all one piece"]))
        t = _agree(t, subj)
    else:
        t = _claim_text(kind, val, row.p, reg, rng, subj)
    if reg == "patient":
        t = t.replace("your ", "my ")
    truth = _truth(kind, val, row.F)
    row.turns[-1]["segs"].append((lead, None))
    row.turns[-1]["segs"].append((t + ". ", {"kind": kind, "value": list(val) if isinstance(val, tuple) else val,
                                            "true": truth, "corrected": False, "role": "user", "text": t}))
    row.say(tail)
    return row.turns[-1]["segs"][-2][1]


def _name(row):
    p = row.p
    if row.defect == "laterality":
        pool = p.get("neutral") or p["names"]
    else:
        pool = p["names"]
    return row.rng.choice(pool)


def _subj(row, plural=None):
    plural = p_plural(row.p) if plural is None else plural
    if row.rng.random() < 0.5:
        return "they" if plural else "it"
    return _name(row)


def _pron(row):
    return "they" if p_plural(row.p) else "it"


def p_plural(p):
    return bool(p.get("plural"))


def _question1(row, named):
    p, reg, rng = row.p, row.reg, row.rng
    clue = ("the " + p["target"]) if named else rng.choice(p["clues"])
    hx = p["hx"]
    if reg == "clinic":
        q = rng.choice([f"Clinic review: {hx}. Please outline {clue} on this slice and give me a one-line note.",
                        f"{_cap(hx)}. Can you mark {clue} on this image before I dictate?",
                        f"Quick one before the list starts ({hx}): which structure here is {clue}?"])
    elif reg == "registrar":
        q = rng.choice([f"I'm the student sitting in with you today. The history is {hx}. Which structure on "
                        f"this image is {clue}?",
                        f"Could you show me {clue} on this scan? The request form says: {hx}.",
                        f"Sorry if this is basic, but in this patient ({hx}) where is {clue}?"])
    elif reg == "assistant":
        q = rng.choice([f"{_cap(hx)}. On the attached image, identify and segment {clue}.",
                        f"Here is one slice from a patient with this history: {hx}. Which structure is {clue}? "
                        f"Please segment it.",
                        f"Context: {hx}. Find {clue} on this image and outline it."])
    else:
        q = rng.choice([f"{p['pt']} Which bit of the picture is {clue}?",
                        f"{p['pt']} Can you show me {clue}?",
                        f"Hi. {p['pt']} Could you point out {clue} for me?"])
    row.turn("user")
    row.say(q)


def _convention(row):
    """A true sentence about the display convention plus a true image-side claim (only for one-sided masks)."""
    F, rng = row.F, row.rng
    cx = F["centroid_normalized"][0]
    if F["laterality"] not in ("left", "right") or abs(cx - 0.5) < 0.08:
        return
    img = "left" if cx < 0.5 else "right"
    if row.p["orientation"][0] == "L" and _axis(row.p) == "coronal":
        conv = rng.choice(["Coronal images are shown as if you were facing the patient, so the patient's right "
                           "is on the screen's left. ", "As usual, the patient's left is on the viewer's right. "])
    elif row.p["orientation"][0] == "L":
        conv = rng.choice(["Scans are displayed as if you were looking up from the patient's feet, so the "
                           "patient's right is on the screen's left. ",
                           "Remember the radiological convention: patient's left is on the viewer's right. "])
    else:
        conv = rng.choice(["This series is displayed the non-standard way round, with the patient's right on "
                           "the screen's right. ",
                           "Note the unusual display here: the patient's left is on the viewer's left. "])
    row.turns[-1]["segs"].append((conv, {"kind": "convention", "value": row.p["orientation"], "true": True,
                                         "corrected": False, "role": "assistant", "text": conv.strip()}))
    t = rng.choice([f"On the screen it appears on the {img}", f"It shows up on the {img} of the image"])
    row.turns[-1]["segs"].append((t + ". ", {"kind": "image_side", "value": img, "true": True,
                                             "corrected": False, "role": "assistant", "text": t}))


def _ctx(row, pool_key, k=1):
    pool = list(row.p[pool_key])
    row.rng.shuffle(pool)
    for s in pool[:k]:
        row.say(s + " ")


def _answer_topic(row, topic, false_kind=None, slip=False):
    """Assistant claims for `topic`; `false_kind` plants the row's one false claim, `slip` a corrected one."""
    rng, reg = row.rng, row.reg
    kinds = _kinds_of(topic)
    k = false_kind or rng.choice(kinds)
    if k == "relation" and not _rels(row.F):
        k = "vertical"
    subj = _subj(row)
    if false_kind:
        row.claim(k, _value(k, row.F, rng, False), subj)
        return
    if slip:
        bad = _value(k, row.F, rng, False)
        if k == "side" and bad == "midline":
            bad = _value(k, row.F, rng, False)
        row.claim(k, bad, subj, end=". " if reg != "clinic" else "; ", corrected=True)
        row.say(rng.choice({"clinic": ["correction: ", "amend: "],
                            "registrar": ["Sorry, I misspoke there. ", "Hang on, let me correct myself. "],
                            "assistant": ["Correction: I stated that incorrectly. ",
                                          "Let me correct that. "],
                            "patient": ["Oops, I said that the wrong way round. ", "Sorry, let me fix that. "]}[reg]))
        row.claim(k, _true_after(k, bad, row.F, rng), _pron(row))
        return
    row.claim(k, _value(k, row.F, rng, True), subj)
    if topic == "side" and reg != "clinic" and rng.random() < 0.6:
        _convention(row)
    elif topic == "position" and rng.random() < 0.4 and _rels(row.F):
        k2 = "relation" if k == "vertical" else "vertical"
        row.claim(k2, _value(k2, row.F, rng, True), _pron(row))


def build(p, facts, style, rng, defect):
    row = _Row(p, facts, style, rng, defect)
    _CUR["axis"] = _axis(p)
    _CUR["no_sided"] = defect == "laterality"
    reg = style
    dk = _DEFECT_KIND.get(defect)
    topics = ["side", "position", "size", "count"]
    loc = rng.choice(["a1", "followup", "premise"]) if dk else None
    others = [t for t in topics if t != dk] if dk else list(topics)
    rng.shuffle(others)
    # first answer topics
    if loc == "a1":
        a1 = [dk] + others[:rng.choice([0, 1])]
        rest = others[len(a1) - 1:]
    else:
        a1 = others[:rng.choice([1, 2])]
        rest = others[len(a1):]
    nfu = rng.choice([1, 2, 2, 3])
    fu = list(rest) + ["normal", "general"]
    rng.shuffle(fu)
    fu = fu[:nfu]
    if loc == "followup":
        fu.insert(rng.randrange(len(fu) + 1), dk)
        fu = fu[:max(nfu, 1) + 1]
    prem_at = rng.randrange(len(fu)) if loc == "premise" else None
    # clean-row traps
    slip_at = corr_prem_at = true_prem_at = None
    if defect is None:
        r = rng.random()
        if r < 0.3:
            slip_at = rng.randrange(len(fu) + 1)  # 0 = first answer
        elif r < 0.6:
            corr_prem_at = rng.randrange(len(fu))
        elif r < 0.8:
            true_prem_at = rng.randrange(len(fu))

    _question1(row, defect == "names_target")
    # first answer
    row.turn("assistant")
    name = _name(row)
    pl = p_plural(p)
    lead = {"clinic": [f"{_cap(name)} [SEG]. ", f"Outlined: {name} [SEG]. ", f"Structure = {name} [SEG]. "],
            "registrar": [f"That's {name}; I've outlined it for you [SEG]. ", f"You're after {name} [SEG]. ",
                          f"Good question: it's {name} [SEG]. "],
            "assistant": [f"The structure you're describing is {name}. [SEG] ",
                          f"**{_cap(name)}**, segmented here: [SEG] ",
                          f"This corresponds to {name} [SEG]. "],
            "patient": [f"The highlighted area [SEG] is {name}. ", f"Here it is [SEG]: that's {name}. ",
                        f"I've marked it [SEG]. It's {name}. "]}[reg]
    row.say(rng.choice(lead))
    row.say(rng.choice(p["lay"] if reg == "patient" else p["expl"]) + " ")
    order = list(a1)
    for i, t in enumerate(order):
        if t == dk and loc == "a1":
            _answer_topic(row, t, false_kind=rng.choice(_kinds_of(t)))
        else:
            _answer_topic(row, t, slip=(slip_at == 0 and i == 0))
    if reg != "patient" and rng.random() < 0.6:
        _ctx(row, "ctx")
    if reg == "clinic":
        row.say(rng.choice(_CLINIC) + " ")
    if rng.random() < 0.35:
        _ctx(row, "hypo" if reg != "patient" else "ctx")
    # follow-ups
    for j, t in enumerate(fu):
        if j == prem_at or j == corr_prem_at or j == true_prem_at:
            if j == prem_at:
                pk = rng.choice(_kinds_of(dk))
                truth_v = False
                t = rng.choice(["normal", "general"] + [x for x in topics if x != dk])
            else:
                cand = [x for x in topics if x not in ("position",) or facts["relations"]]
                ptopic = rng.choice(cand)
                pk = rng.choice(_kinds_of(ptopic))
                truth_v = j == true_prem_at
                if j == corr_prem_at:
                    t = ptopic
                elif ptopic == t:
                    t = rng.choice(["normal", "general"])
            val = _value(pk, facts, rng, truth_v)
            if pk == "side" and j == corr_prem_at and val == "midline":
                val = _value(pk, facts, rng, False)
            tail = _ask(reg, t, p, rng) if j != corr_prem_at else rng.choice(
                ["Have I understood that correctly?", "Is that right, or have I misread it?",
                 "Can you confirm that for me?"])
            _premise(row, pk, val, tail)
            row.turn("assistant")
            if j == corr_prem_at:
                row.turns[-2]["segs"][-2][1]["corrected"] = True
                row.say(rng.choice({"clinic": ["Not quite: ", "Amend that: "],
                                    "registrar": ["Careful, that's not right. ", "Not quite, have another look. "],
                                    "assistant": ["That premise isn't correct. ", "A small correction first. "],
                                    "patient": ["Actually, that's not quite right. ",
                                                "I can see why, but that isn't the case here. "]}[reg]))
                row.claim(pk, _true_after(pk, val, facts, rng), _pron(row))
                if t in ("normal", "general"):
                    _ctx(row, "normal" if t == "normal" else "ctx")
                continue
        else:
            row.turn("user")
            row.say(_ask(reg, t, p, rng))
            row.turn("assistant")
        if reg == "registrar" and rng.random() < 0.4:
            row.say(rng.choice(["Good thing to ask. ", "Right, so. ", "Have a look at the outline. "]))
        if reg == "patient" and rng.random() < 0.4:
            row.say(rng.choice(["That's a fair question. ", "Good question. "]))
        if t == "normal":
            _ctx(row, "normal")
            _ctx(row, "ctx")
        elif t == "general":
            _ctx(row, "ctx" if reg != "patient" else "lay")
            if rng.random() < 0.5:
                _ctx(row, "hypo" if reg != "patient" else "normal")
        elif t == dk and loc == "followup":
            _answer_topic(row, t, false_kind=rng.choice(_kinds_of(t)))
        else:
            _answer_topic(row, t, slip=(slip_at == j + 1))
            if rng.random() < 0.3:
                _ctx(row, "ctx" if reg != "patient" else "lay")
    # flatten
    turns = []
    for tr in row.turns:
        turns.append({"role": tr["role"], "content": "".join(s for s, _ in tr["segs"]).strip()})
    LEDGER.append({"key": p["key"], "shapes": list(_LAST.get("shapes", [])), "defect": defect, "loc": loc,
                   "turns": [[[s, c] for s, c in tr["segs"]] for tr in row.turns]})
    return turns, ([defect] if defect else [])
