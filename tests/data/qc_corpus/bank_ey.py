"""Bank EY: cardiac and vascular imaging and planes other than axial.

Targets: cardiac MR short-axis and four-chamber structures (left and right ventricle, myocardium, atria,
myocardial scar), pericardial effusion, the aorta and its branches (thoracic aorta in two pieces, abdominal
aorta, abdominal aortic aneurysm, pulmonary trunk, superior vena cava), pulmonary emboli, carotids and jugular
veins, coronal abdominal MR (liver, spleen, kidneys, gallbladder) and sagittal spine MR (spinal cord, disc
herniation). Axial and short-axis-like slices use orientation "LP", coronal "LI", sagittal "PI".

Registers (STYLES): "cardio_read" (a cardiologist's or radiologist's structured read), "fellow_quiz" (a
teaching fellow quizzing a resident), "llm_headings" (an LLM answer with markdown headings), "patient_friendly"
(a plain-language explanation to the patient).

Written without reading QC: the writer never opened medseg_qa/qc, the knowledge modules, tests or bench.
Each build() also appends what each sentence claims to LEDGER, which the writer's own reader
(notes/qcey_scripts/check_ey.py) checks against the measured facts: rows 420, clean 210, defect 210
(42 of each kind; false claim in the first answer 109, a follow-up answer 27, a user turn 32),
119 user false ideas explicitly corrected in clean rows, problems 0.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["cardio_read", "fellow_quiz", "llm_headings", "patient_friendly"]
LEDGER: list[dict] = []  # one entry per build(): the claims each turn makes (for the writer's own check)

# ---------------------------------------------------------------------------------------------------------
# profiles: ellipses (cx, cy, rx, ry) in pixels of a 256 x 256 grid, holes cut out of them, neighbours'
# normalised centroids, questions that do not name the target, questions that do, and knowledge lines.

PROFILES: list[dict] = [
    dict(target="left ventricle", modality="MR", region="heart", orient="LP", view="short-axis cine", group="cardiac",
         ell=[(150, 112, 22, 21)], others={"right ventricle": (0.41, 0.42), "descending aorta": (0.60, 0.76)},
         names=["left ventricle", "left ventricular", "LV", "ventricle"],
         alias=["the LV cavity", "the LV blood pool", "this chamber"],
         q=["Which chamber ejects blood through the aortic valve into the systemic circulation? Please segment it on this short-axis cine.",
            "We need the ejection fraction for this cardiomyopathy patient: which cavity do I contour on the mid short-axis slice? Segment it.",
            "Which cardiac chamber has the thickest wall and generates systemic pressure? Outline its blood pool here."],
         lay_q=["My heart scan report mentions my ejection fraction. Which part of the heart is that measured in? Can you show me?"],
         named_q=["Segment the left ventricle on this short-axis slice.", "Can you contour the LV blood pool here?"],
         know=["Its ejection fraction is usually quoted as normal above roughly 52-55%.",
               "Endocardial contours normally include the papillary muscles in the blood pool or exclude them consistently; either is fine if you stay consistent.",
               "In dilated cardiomyopathy this cavity enlarges and its wall thins."],
         lay_know=["This is the main pumping chamber that sends blood to the whole body.",
                   "Doctors measure how much blood it squeezes out with each beat; that is the ejection fraction."]),
    dict(target="right ventricle", modality="MR", region="heart", orient="LP", view="short-axis cine", group="cardiac",
         ell=[(103, 100, 21, 14)], others={"left ventricle": (0.59, 0.45), "sternum": (0.50, 0.22)},
         names=["right ventricle", "right ventricular", "RV", "ventricle"],
         alias=["the RV", "the crescent-shaped chamber", "this chamber"],
         q=["Which chamber pumps blood into the pulmonary trunk? Segment it on this short-axis image.",
            "In this patient with pulmonary hypertension, which chamber would you expect to dilate first? Please outline it.",
            "Which cavity wraps around the septum like a crescent on short-axis views? Segment it."],
         lay_q=["The cardiologist said one side of my heart is working hard because of my lung pressures. Which part is that? Could you highlight it?"],
         named_q=["Please segment the right ventricle here.", "Outline the RV cavity on this short-axis cine."],
         know=["Its free wall is thin, normally under about 5 mm.",
               "TAPSE under 17 mm on echo suggests its systolic function is reduced.",
               "Arrhythmogenic cardiomyopathy classically affects this chamber."],
         lay_know=["This chamber sends blood to the lungs to pick up oxygen.",
                   "Its wall is thinner than the main pumping chamber because the lungs need less pressure."]),
    dict(target="myocardium", modality="MR", region="heart", orient="LP", view="short-axis cine", group="cardiac",
         ell=[(150, 112, 31, 30)], holes=[(150, 112, 21, 20)],
         others={"right ventricle": (0.41, 0.42), "descending aorta": (0.60, 0.78)},
         names=["myocardium", "myocardial", "heart muscle", "muscle", "LV wall", "wall"],
         alias=["the ring of muscle", "the LV myocardium", "the segmented ring"],
         q=["Which tissue thickens during systole and is what a heart attack damages? Please segment it on this mid-ventricular slice.",
            "For a mass and T1 mapping analysis, which ring-shaped tissue do I draw between the endocardial and epicardial contours? Segment it.",
            "Hypertrophic cardiomyopathy thickens which tissue? Outline it here."],
         lay_q=["They said my heart is 'thickened' from high blood pressure. What part of the heart is thickened? Can you show me on this picture?"],
         named_q=["Segment the myocardium on this short-axis slice.", "Draw the LV myocardial ring here."],
         know=["A septal thickness of 15 mm or more in an adult raises the question of hypertrophic cardiomyopathy.",
               "Native T1 rises with diffuse fibrosis and with amyloid.",
               "The 17-segment AHA model divides it into basal, mid and apical rings."],
         lay_know=["This is the muscle itself, the part that contracts to squeeze blood out.",
                   "Long-standing high blood pressure can make it thicker, a bit like a muscle that has been working out."]),
    dict(target="left atrium", modality="MR", region="heart", orient="LP", view="four-chamber cine", group="cardiac",
         ell=[(138, 158, 24, 16)],
         others={"right atrium": (0.37, 0.60), "left ventricle": (0.62, 0.36), "descending aorta": (0.63, 0.82)},
         names=["left atrium", "left atrial", "LA", "atrium", "atrial", "atria"],
         alias=["the receiving chamber", "this chamber", "the segmented chamber"],
         q=["Which chamber receives the four pulmonary veins? Segment it on this four-chamber view.",
            "In mitral stenosis, which chamber upstream of the valve enlarges? Please outline it.",
            "This patient has an irregularly irregular pulse and a stroke: which chamber harbours the appendage where clot forms? Segment the chamber."],
         lay_q=["My doctor said my irregular heartbeat starts in one of the upper chambers that collects blood from the lungs. Which one is it? Can you show it?"],
         named_q=["Please segment the left atrium on this four-chamber view.", "Contour the LA here."],
         know=["A volume index above about 34 mL/m2 counts as enlarged.",
               "Its appendage is where most thrombi form in atrial fibrillation.",
               "Chronic mitral regurgitation dilates it."],
         lay_know=["This chamber collects blood coming back from the lungs.",
                   "When it stretches, it can trigger an irregular heartbeat."]),
    dict(target="right atrium", modality="MR", region="heart", orient="LP", view="four-chamber cine", group="cardiac",
         ell=[(98, 152, 19, 18)], others={"left atrium": (0.56, 0.61), "right ventricle": (0.41, 0.36)},
         names=["right atrium", "right atrial", "RA", "atrium", "atrial", "atria"],
         alias=["this chamber", "the receiving chamber", "the segmented chamber"],
         q=["Which chamber receives the superior and inferior venae cavae? Segment it on this four-chamber cine.",
            "Where do pacing leads for the sinus node region sit: which chamber is that? Outline it.",
            "Which chamber holds the sinoatrial node in its wall? Please segment it."],
         lay_q=["Where does the blood from my body first come back into the heart? Can you point it out on this scan?"],
         named_q=["Segment the right atrium on this view.", "Please contour the RA."],
         know=["The sinoatrial node sits in its wall near the entry of the superior vena cava.",
               "It enlarges with tricuspid regurgitation.",
               "The crista terminalis can mimic a mass inside it."],
         lay_know=["This chamber receives the blood that has already delivered oxygen to the body.",
                   "Your natural pacemaker sits in its wall."]),
    dict(target="aorta", modality="CT", region="chest", orient="LP", view="axial CT angiogram", group="vascular",
         ell=[(128, 100, 14, 14), (152, 152, 11, 11)],
         others={"superior vena cava": (0.41, 0.40), "thoracic spine": (0.50, 0.84)},
         names=["aorta", "aortic", "aortas"],
         alias=["the vessel", "the great artery", "the segmented vessel"],
         q=["Which vessel would a type A dissection involve? Please segment it on this slice at the level of the pulmonary trunk.",
            "Which artery leaves the left ventricle and carries blood to the whole body? Segment it here.",
            "Which great artery appears twice on this axial slice, once in front and once beside the spine? Outline it."],
         lay_q=["They checked my chest scan for a tear in the big artery from the heart. Which artery is that? Can you show it?"],
         named_q=["Segment the thoracic aorta on this slice.", "Please outline the aorta (ascending and descending)."],
         know=["Above about 4.5 cm the ascending segment is usually called aneurysmal.",
               "A dissection involving the ascending part is type A and is a surgical emergency.",
               "Its wall calcifies with age and atherosclerosis."],
         lay_know=["This is the body's main artery, carrying blood from the heart to everywhere else.",
                   "It arches over the heart, so one slice can cut through it twice."]),
    dict(target="abdominal aorta", modality="CT", region="abdomen", orient="LP", view="axial CT", group="vascular",
         ell=[(133, 146, 11, 11)],
         others={"inferior vena cava": (0.41, 0.56), "superior mesenteric artery": (0.52, 0.44)},
         names=["aorta", "aortic"],
         alias=["the vessel", "the segmented artery", "this artery"],
         q=["Which vessel gives off the coeliac trunk and the renal arteries? Please segment it on this slice.",
            "We are screening for an aneurysm below the renal arteries: which vessel do I measure? Segment it.",
            "Which large artery runs in front of the lumbar vertebrae? Outline it."],
         lay_q=["I was invited to a screening for a swelling of the main artery in my belly. Which artery is that? Can you show me?"],
         named_q=["Segment the abdominal aorta here.", "Outline the aorta on this abdominal slice."],
         know=["A diameter of 3 cm or more defines an aneurysm.",
               "It bifurcates into the common iliac arteries at about L4.",
               "The renal arteries usually leave it at L1-L2."],
         lay_know=["This is the body's main artery as it runs through your tummy.",
                   "It is normally about as wide as a thumb, roughly 2 cm."]),
    dict(target="pulmonary embolism", modality="CT", region="chest", orient="LP", view="CT pulmonary angiogram", group="vascular",
         ell=[(92, 110, 7, 5), (86, 126, 5, 4), (168, 112, 6, 5)],
         others={"pulmonary trunk": (0.55, 0.37), "thoracic spine": (0.50, 0.84)},
         names=["pulmonary embolism", "embolism", "emboli", "embolus", "PE", "clot", "clots", "thrombus", "thrombi"],
         alias=["the filling defects", "the segmented defects", "these defects"],
         q=["She became breathless with pleuritic pain after a long-haul flight and her D-dimer is high. What does this CT angiogram show? Please segment it.",
            "What causes these dark filling defects inside the contrast-filled pulmonary arteries? Segment them.",
            "Post-op day 5, sudden tachycardia and hypoxia: what is the finding here? Outline it."],
         lay_q=["I got short of breath after my knee surgery and they did a scan with dye. What did they find? Can you show me?"],
         named_q=["Segment the pulmonary emboli on this CTPA.", "Outline the PE here, please."],
         know=["Wells score and D-dimer decide who needs this scan.",
               "An RV/LV diameter ratio above 1.0 on CT suggests right heart strain.",
               "Most arise from deep vein thrombosis in the legs."],
         lay_know=["These are blood clots that have travelled to the arteries of the lungs.",
                   "They usually start as a clot in a leg vein."]),
    dict(target="right common carotid artery", modality="CT", region="neck", orient="LP", view="axial CT angiogram", group="vascular",
         ell=[(101, 118, 7, 7)], others={"right internal jugular vein": (0.33, 0.44), "trachea": (0.50, 0.38)},
         names=["right common carotid artery", "carotid", "CCA"],
         alias=["the vessel", "this artery", "the segmented artery"],
         q=["Which artery on the patient's right, medial to the internal jugular vein, supplies the head? Segment it.",
            "The right-sided pulse you feel beside the larynx comes from which artery? Please outline it on this slice.",
            "Which artery arises from the brachiocephalic trunk and ascends in the neck inside the sheath with the internal jugular vein? Segment it."],
         lay_q=["They scanned my neck to check the big artery on my right that takes blood to the brain. Which one is it? Can you show me?"],
         named_q=["Segment the right common carotid artery.", "Please outline the right CCA on this slice."],
         know=["It bifurcates at about the level of C4, the upper border of the thyroid cartilage.",
               "Stenosis is graded by the NASCET method on the internal branch.",
               "It has no branches in the neck before its bifurcation."],
         lay_know=["This is one of the main arteries taking blood up to the brain.",
                   "It is the pulse you can feel at the side of your neck."]),
    dict(target="left internal jugular vein", modality="CT", region="neck", orient="LP", view="axial CT angiogram", group="vascular",
         ell=[(170, 112, 10, 8)], others={"left common carotid artery": (0.61, 0.47), "thyroid gland": (0.50, 0.38)},
         names=["left internal jugular vein", "jugular", "IJV", "IJ"],
         alias=["the vein", "this vein", "the segmented vessel"],
         q=["Which vein lateral to the left common carotid drains the brain? Segment it.",
            "Where would you place a central line on the patient's left side in the neck? Which vessel is it? Outline it.",
            "Which vein on the left of the neck forms the brachiocephalic vein with the subclavian? Please segment it."],
         lay_q=["They looked at the big vein in the left side of my neck before putting in a line. Which vein is it? Can you show me?"],
         named_q=["Segment the left internal jugular vein.", "Outline the left IJV please."],
         know=["It is often smaller than the right-sided vein.",
               "It collapses with inspiration and distends with a Valsalva manoeuvre.",
               "Thrombosis of it after infection of the throat is Lemierre syndrome."],
         lay_know=["This vein drains blood from the brain back towards the heart.",
                   "Doctors sometimes use it to put in a drip line that goes close to the heart."]),
    dict(target="carotid arteries", modality="MR", region="neck", orient="LP", view="axial MR angiogram", group="vascular",
         ell=[(98, 120, 7, 7), (158, 120, 7, 7)], others={"trachea": (0.50, 0.36)},
         names=["carotid", "carotids", "CCA"],
         alias=["the paired arteries", "both vessels", "the segmented arteries"],
         q=["Which paired arteries in the neck supply most of the brain's blood and are checked after a TIA? Segment them.",
            "On this neck MRA, which two arteries lie beside the trachea inside their sheaths? Please outline both.",
            "Which arteries would you image for a bruit in the neck? Segment them."],
         lay_q=["After my mini-stroke they scanned the arteries in my neck. Which ones are those? Can you show them?"],
         named_q=["Segment both carotid arteries.", "Outline the carotids on this MRA slice."],
         know=["Symptomatic stenosis of 70% or more usually prompts endarterectomy.",
               "Each divides into internal and external branches at about C4.",
               "Their bulbs contain baroreceptors."],
         lay_know=["These two arteries carry blood up to the brain, one on each side of the neck.",
                   "Narrowing in them can cause mini-strokes."]),
    dict(target="liver", modality="MR", region="abdomen", orient="LI", view="coronal T2 MR", group="abdomen",
         ell=[(88, 100, 46, 36)], others={"right kidney": (0.35, 0.62), "spleen": (0.72, 0.38)},
         names=["liver", "hepatic", "hepato", "hepar"],
         alias=["the organ", "the segmented organ", "this organ"],
         q=["Which organ produces bile and sits under the right hemidiaphragm? Please segment it on this coronal image.",
            "Which organ would you measure for iron overload with T2* on this coronal MR? Segment it.",
            "Which solid organ filters portal venous blood? Outline it here."],
         lay_q=["My blood tests showed raised enzymes and they did this MRI. Which organ makes bile? Can you show it?"],
         named_q=["Segment the liver on this coronal slice.", "Outline the hepatic parenchyma."],
         know=["It receives about 75% of its blood from the portal vein.",
               "A craniocaudal span above about 16 cm in the mid-clavicular line suggests enlargement.",
               "It is divided into eight Couinaud segments."],
         lay_know=["This organ makes bile and processes what you absorb from food.",
                   "It is the biggest solid organ in your body."]),
    dict(target="spleen", modality="MR", region="abdomen", orient="LI", view="coronal T2 MR", group="abdomen",
         ell=[(176, 96, 20, 28)], others={"left kidney": (0.68, 0.60), "liver": (0.35, 0.40)},
         names=["spleen", "splenic", "spleno"],
         alias=["the organ", "the segmented organ", "this organ"],
         q=["Which organ filters old red cells and enlarges in portal hypertension? Segment it on this coronal MR.",
            "Which organ in the left upper quadrant is at risk after rib fractures of the lower left ribs? Please outline it.",
            "Which organ enlarges in infectious mononucleosis? Segment it here."],
         lay_q=["They said an organ under my left ribs is a bit big because of glandular fever. Which organ is that? Can you show me?"],
         named_q=["Segment the spleen on this coronal slice.", "Outline the splenic parenchyma."],
         know=["A length over about 13 cm is usually called splenomegaly.",
               "Accessory tissue of this organ is found in roughly 10-30% of people.",
               "It lies under ribs 9 to 11."],
         lay_know=["This organ filters your blood and helps fight infection.",
                   "It can swell during some viral infections."]),
    dict(target="kidneys", modality="MR", region="abdomen", orient="LI", view="coronal T2 MR", group="abdomen",
         ell=[(88, 150, 15, 27), (168, 146, 15, 27)], others={"liver": (0.35, 0.36), "urinary bladder": (0.50, 0.92)},
         names=["kidney", "kidneys", "renal", "nephric"],
         alias=["the paired organs", "both organs", "the segmented organs"],
         q=["Which paired retroperitoneal organs filter the blood and make urine? Segment them on this coronal MR.",
            "In polycystic disease, which organs would you measure for total volume? Please outline both.",
            "Which organs produce erythropoietin? Segment them here."],
         lay_q=["My creatinine is up and they did an MRI. Which organs clean my blood and make urine? Can you show them?"],
         named_q=["Segment both kidneys on this coronal slice.", "Outline the renal parenchyma bilaterally."],
         know=["Each normally measures about 10-12 cm in length.",
               "A length difference over 2 cm between the two deserves a look at the arteries.",
               "They receive about 20% of cardiac output."],
         lay_know=["These two bean-shaped organs filter your blood and make urine.",
                   "Most people have one on each side of the spine."]),
    dict(target="gallbladder", modality="MR", region="abdomen", orient="LI", view="coronal T2 MR", group="abdomen",
         ell=[(100, 153, 10, 16)], others={"liver": (0.36, 0.40), "duodenum": (0.49, 0.63)},
         names=["gallbladder", "gall bladder", "cholecyst", "biliary"],
         alias=["the sac", "the segmented structure", "this structure"],
         q=["Which pear-shaped structure stores and concentrates bile? Please segment it on this coronal MR.",
            "Right upper quadrant pain after fatty meals: which structure is the usual culprit? Outline it.",
            "Where would you look for stones on this MRCP-style coronal image? Segment that structure."],
         lay_q=["I get pain under my right ribs after fatty food. Which organ stores bile? Can you show it on my scan?"],
         named_q=["Segment the gallbladder.", "Please outline the gall bladder on this coronal image."],
         know=["Stones are found in about 10-15% of adults in western countries.",
               "Wall thickening over 3 mm suggests inflammation.",
               "It sits in a fossa between segments 4b and 5."],
         lay_know=["This small pouch stores bile until you eat.",
                   "Stones can form inside it and cause pain after meals."]),
    dict(target="abdominal aortic aneurysm", modality="MR", region="abdomen", orient="LI", view="coronal MR angiogram", group="vascular",
         ell=[(131, 168, 17, 28)], others={"left kidney": (0.68, 0.50)},
         names=["aneurysm", "AAA", "aortic", "aorta"],
         alias=["the dilatation", "the segmented dilatation", "the sac"],
         q=["A 72-year-old smoker has a pulsatile mass below the umbilicus. What does this coronal angiogram show? Segment it.",
            "What is the balloon-like dilatation below the renal arteries here? Please outline it.",
            "Screening found a 5.6 cm finding below the renal arteries: what is it, and can you segment it?"],
         lay_q=["They found a swelling in the main artery of my belly on screening. Can you show me what they saw?"],
         named_q=["Segment the abdominal aortic aneurysm.", "Outline the AAA on this coronal MRA."],
         know=["Repair is usually considered at 5.5 cm in men.",
               "Growth over 1 cm a year is an indication for repair.",
               "About 90% start below the renal arteries."],
         lay_know=["This is a ballooning of the main artery in the belly.",
                   "Doctors watch its width; when it passes about 5.5 cm, repair is usually offered."]),
    dict(target="spinal cord", modality="MR", region="spine", orient="PI", view="sagittal T2 MR", group="spine",
         ell=[(142, 104, 6, 72)], others={"vertebral bodies": (0.44, 0.42)},
         names=["spinal cord", "cord", "medulla spinalis", "myelo"],
         alias=["the long tubular structure", "the segmented structure", "it"],
         q=["Which structure inside the spinal canal carries the long tracts from the brain to the conus? Please segment it on this sagittal T2.",
            "This patient has upper motor neuron signs in both legs after a fall; which structure would you check for oedema here? Outline it.",
            "Which neural structure ends at about L1-L2 in adults? Segment it on this sagittal image."],
         lay_q=["I have numbness in both legs and they did an MRI of my neck and back. Which part carries nerve signals from my brain? Can you show it?"],
         named_q=["Segment the spinal cord on this sagittal T2.", "Outline the cord here."],
         know=["In adults it usually ends at about the L1-L2 level.",
               "T2 hyperintensity inside it suggests oedema or myelomalacia.",
               "The cervical enlargement lies at about C5-T1."],
         lay_know=["This carries messages between your brain and the rest of your body.",
                   "It runs down a canal protected by the bones of the spine."]),
    dict(target="intervertebral disc herniation", modality="MR", region="spine", orient="PI", view="sagittal T2 MR", group="spine",
         ell=[(140, 190, 7, 6)], others={"L4 vertebral body": (0.45, 0.66), "conus medullaris": (0.56, 0.22)},
         names=["herniation", "herniated", "disc", "disk", "prolapse", "HNP", "extrusion", "protrusion"],
         alias=["the focal bulge", "the extruded material", "the finding"],
         q=["Sciatica down the left leg for six weeks: what is compressing the nerve root on this sagittal lumbar MR? Please segment it.",
            "What is the focal posterior bulge into the canal at L4-L5 here? Outline it.",
            "What finding behind the vertebral bodies explains this patient's radicular pain? Segment it."],
         lay_q=["My back pain shoots down my leg. What did they see on the MRI that presses on the nerve? Can you show me?"],
         named_q=["Segment the disc herniation at L4-L5.", "Outline the herniated disc on this sagittal slice."],
         know=["Most such episodes settle within about 6-12 weeks without surgery.",
               "L4-L5 and L5-S1 account for roughly 90% of lumbar cases.",
               "Extruded fragments can shrink spontaneously."],
         lay_know=["Part of the cushion between two bones of the spine has pushed backwards.",
                   "Many of these shrink on their own over a few months."]),
    dict(target="myocardial scar", modality="MR", region="heart", orient="LP", view="late gadolinium short-axis", group="cardiac",
         ell=[(171, 100, 6, 5), (173, 126, 5, 6)], others={"right ventricle": (0.41, 0.42)},
         names=["myocardial scar", "scar", "scarring", "infarct", "infarction", "LGE", "late enhancement", "fibrosis"],
         alias=["the bright foci", "the enhancing areas", "the segmented foci"],
         q=["He had an untreated occluded circumflex artery three months ago. What are the bright areas on these delayed post-contrast images? Please segment them.",
            "What do the bright patches in the lateral wall represent on this delayed gadolinium image? Outline them.",
            "After a missed heart attack, what permanent damage would you contour on this viability study? Segment it."],
         lay_q=["My MRI after the heart attack shows some bright patches. What are they? Can you show me where?"],
         named_q=["Segment the myocardial scar on this LGE image.", "Outline the infarct scar, please."],
         know=["Transmural extent above 50% predicts poor recovery after revascularisation.",
               "Subendocardial enhancement points to an ischaemic cause.",
               "Mid-wall enhancement is more typical of non-ischaemic disease."],
         lay_know=["These are areas where heart muscle has healed with scar after the heart attack.",
                   "Scar does not contract, so the doctors use its extent to plan treatment."]),
    dict(target="myocardial scar", modality="MR", region="heart", orient="LP", view="late gadolinium short-axis", group="cardiac",
         ell=[(168, 98, 5, 4), (176, 118, 5, 5), (150, 140, 6, 4)], others={"right ventricle": (0.40, 0.41)},
         names=["myocardial scar", "scar", "scarring", "infarct", "infarction", "LGE", "late enhancement", "fibrosis"],
         alias=["the bright foci", "the enhancing areas", "the segmented foci"],
         q=["What are these patchy bright areas on the delayed images in a patient with prior chest pain and Q waves? Segment them.",
            "Which tissue change would you contour on this viability scan to decide about bypass? Outline it.",
            "The delayed post-contrast image shows bright patches in the wall: what are they? Please segment them."],
         lay_q=["What are the bright spots on my heart MRI they mentioned after my heart attack? Can you show them?"],
         named_q=["Segment the LGE scar here.", "Please outline the myocardial scar."],
         know=["Transmural extent above 50% predicts poor recovery after revascularisation.",
               "Subendocardial enhancement points to an ischaemic cause.",
               "Scar burden above about 5% of LV mass has been linked to arrhythmic risk."],
         lay_know=["These are areas where heart muscle has healed with scar.",
                   "Scar does not squeeze, so its extent helps plan treatment."]),
    dict(target="pericardial effusion", modality="CT", region="chest", orient="LP", view="axial CT", group="cardiac",
         ell=[(132, 120, 48, 40)], holes=[(134, 118, 42, 34)], others={"thoracic spine": (0.50, 0.85)},
         names=["pericardial effusion", "effusion", "pericardial", "pericardium"],
         alias=["the fluid rim", "the collection", "the segmented fluid"],
         q=["Muffled heart sounds, low blood pressure and raised JVP: what is surrounding the heart on this CT? Segment it.",
            "What is the fluid-density rim around the heart here? Please outline it.",
            "After cardiac surgery the patient is hypotensive: what collection would you look for around the heart? Segment it."],
         lay_q=["They said there is fluid around my heart. Can you show me where it is?"],
         named_q=["Segment the pericardial effusion.", "Outline the effusion around the heart."],
         know=["Tamponade is a clinical diagnosis, not a size threshold.",
               "Rapid accumulation of as little as 100-200 mL can cause tamponade.",
               "Causes include viral pericarditis, malignancy, uraemia and post-surgical bleeding."],
         lay_know=["This is fluid that has collected in the sac around the heart.",
                   "If it builds up quickly it can press on the heart, so doctors keep an eye on it."]),
    dict(target="superior vena cava", modality="CT", region="chest", orient="LP", view="axial CT", group="vascular",
         ell=[(108, 98, 8, 8)], others={"ascending aorta": (0.50, 0.40), "trachea": (0.50, 0.48)},
         names=["superior vena cava", "vena cava", "SVC", "caval"],
         alias=["the vein", "the segmented vein", "this vein"],
         q=["Which vein drains the head and arms into the right atrium? Segment it on this axial CT.",
            "Facial swelling and distended neck veins in a smoker with a mediastinal mass: which vessel is obstructed? Outline it.",
            "Where should the tip of a central venous catheter sit? Segment that vessel."],
         lay_q=["My face and arms are swollen and they think a big vein in my chest is squeezed. Which vein is it? Can you show me?"],
         named_q=["Segment the superior vena cava.", "Outline the SVC on this slice."],
         know=["Obstruction is most often caused by lung cancer or lymphoma.",
               "A persistent left-sided version exists in about 0.3-0.5% of people.",
               "It is formed by the two brachiocephalic veins."],
         lay_know=["This big vein brings blood from your head and arms back to the heart.",
                   "Drip lines in the neck or arm are often threaded down into it."]),
    dict(target="pulmonary trunk", modality="CT", region="chest", orient="LP", view="axial CT angiogram", group="vascular",
         ell=[(142, 96, 13, 12)], others={"ascending aorta": (0.49, 0.42)},
         names=["pulmonary trunk", "main pulmonary artery", "pulmonary artery", "MPA", "PA"],
         alias=["the vessel", "the segmented vessel", "this artery"],
         q=["Which vessel carries deoxygenated blood out of the right ventricle? Segment it on this slice.",
            "In pulmonary hypertension, which vessel's diameter over 29 mm would you comment on? Outline it.",
            "Which great vessel arises from the right ventricular outflow tract and lies to the left of the ascending aorta at this level? Segment it."],
         lay_q=["They measured the big artery that takes blood from my heart to my lungs. Which one is that? Can you show it?"],
         named_q=["Segment the pulmonary trunk here.", "Outline the main pulmonary artery."],
         know=["A diameter over about 29 mm, or larger than the adjacent aorta, suggests pulmonary hypertension.",
               "It divides into right and left branches under the aortic arch.",
               "It is about 5 cm long."],
         lay_know=["This artery carries blood from the heart to the lungs.",
                   "Its width can hint at raised pressure in the lungs."]),
]

GROUP_TRAPS = {
    "cardiac": ["The left anterior descending artery supplies the anterior wall and the anterior two thirds of the septum.",
                "The right coronary artery gives the posterior descending branch in about 85% of people.",
                "The descending aorta lies posterior and slightly to the left of the oesophagus.",
                "The right atrium normally forms the right heart border on a frontal chest film.",
                "Coronary artery disease is still the leading cause of death in adults in most countries."],
    "vascular": ["The left renal vein normally passes in front of the aorta, behind the superior mesenteric artery.",
                 "The right internal jugular vein is usually larger than the left one.",
                 "The brachiocephalic trunk arises only on the right; on the left the carotid and subclavian arise separately.",
                 "A right-sided aortic arch turns up in roughly 0.1% of adults.",
                 "The inferior vena cava runs to the right of the aorta in the abdomen."],
    "abdomen": ["The right kidney usually sits a little lower than the left, because of the liver above it.",
                "The stomach lies mostly in the left upper quadrant.",
                "The inferior vena cava runs on the right side of the aorta.",
                "Simple renal cysts turn up in over a quarter of people over fifty.",
                "The pancreatic tail reaches toward the splenic hilum on the left."],
    "spine": ["Most adult cords end at L1-L2, but about 5% end lower than that.",
              "The ligamentum flavum lies posterior to the thecal sac.",
              "The vertebral bodies sit anterior to the canal.",
              "Lumbar disc degeneration is seen in over a third of asymptomatic people in their forties.",
              "The conus lies superior to the cauda equina nerve roots."],
}

# ---------------------------------------------------------------------------------------------------------
# facts


def _draw(p: dict, rng: random.Random) -> np.ndarray:
    yy, xx = np.mgrid[0:256, 0:256]
    dx, dy = rng.uniform(-2.5, 2.5), rng.uniform(-2.5, 2.5)
    m = np.zeros((256, 256), bool)
    for (cx, cy, rx, ry) in p["ell"]:
        j = rng.uniform(-0.8, 0.8)
        m |= ((xx - cx - dx) / (rx + j)) ** 2 + ((yy - cy - dy) / (ry + j)) ** 2 <= 1.0
    for (cx, cy, rx, ry) in p.get("holes", []):
        m &= ~(((xx - cx - dx) / rx) ** 2 + ((yy - cy - dy) / ry) ** 2 <= 1.0)
    return m


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    others = {k: (float(v[0]), float(v[1])) for k, v in p["others"].items()}
    return compute_facts(_draw(p, rng), p["orient"], others).model_dump(mode="json")


def record_for(p: dict) -> dict:
    return dict(modality=p["modality"], body_region=p["region"], orientation=p["orient"])


def pick_profile(profiles: list[dict], i: int, defect, rng: random.Random) -> dict:
    if defect == "laterality":  # a sagittal slice has no measured side
        return rng.choice([p for p in profiles if p["orient"] != "PI"])
    return rng.choice(profiles)

# per-target display names (answers use them), plural targets, plain-language names
DISPLAY = {"pulmonary embolism": ("the pulmonary emboli", True, "blood clots in the lung arteries"),
           "kidneys": ("the kidneys", True, "your kidneys"),
           "carotid arteries": ("the common carotid arteries", True, "the carotid arteries"),
           "myocardial scar": ("the myocardial scar", False, "scar in the heart muscle"),
           "left ventricle": ("the left ventricle", False, "the main pumping chamber (left ventricle)"),
           "right ventricle": ("the right ventricle", False, "the pumping chamber that serves the lungs (right ventricle)"),
           "myocardium": ("the myocardium", False, "the heart muscle (myocardium)"),
           "left atrium": ("the left atrium", False, "the upper chamber that receives blood from the lungs (left atrium)"),
           "right atrium": ("the right atrium", False, "the upper chamber that receives blood from the body (right atrium)"),
           "aorta": ("the aorta", False, "the aorta, your main artery"),
           "abdominal aorta": ("the abdominal aorta", False, "the aorta, the main artery in your belly"),
           "right common carotid artery": ("the right common carotid artery", False, "the right carotid artery"),
           "left internal jugular vein": ("the left internal jugular vein", False, "the left jugular vein"),
           "liver": ("the liver", False, "your liver"), "spleen": ("the spleen", False, "your spleen"),
           "gallbladder": ("the gallbladder", False, "your gallbladder"),
           "abdominal aortic aneurysm": ("the abdominal aortic aneurysm", False, "the aneurysm (a ballooning of the aorta)"),
           "spinal cord": ("the spinal cord", False, "your spinal cord"),
           "intervertebral disc herniation": ("the disc herniation", False, "the slipped (herniated) disc"),
           "pericardial effusion": ("the pericardial effusion", False, "the fluid around your heart"),
           "superior vena cava": ("the superior vena cava", False, "the superior vena cava, a large vein"),
           "pulmonary trunk": ("the pulmonary trunk", False, "the pulmonary trunk, the main lung artery")}

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
RELWORD = {"left_of": "on the patient's left", "right_of": "on the patient's right", "anterior_to": "anterior",
           "posterior_to": "posterior", "superior_to": "superior (higher)", "inferior_to": "inferior (lower)"}
RELWORD_PF = {"left_of": "further to your left", "right_of": "further to your right", "anterior_to": "closer to your front",
              "posterior_to": "closer to your back", "superior_to": "higher up", "inferior_to": "lower down"}
CLASS_WORDS = {"small": ["small", "small", "fairly small"], "medium": ["medium-sized", "moderate-sized", "mid-sized"],
               "large": ["large", "big", "sizeable"]}


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class Row:
    """Collects turns and what each of their sentences claims."""

    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.disp, self.plural, self.lay = DISPLAY[p["target"]]
        self.turns: list[dict] = []
        self.claims: list[dict] = []
        self.o = p["orient"]
        self.used: set[str] = set()

    # -- subjects ---------------------------------------------------------------------------------------
    def subj(self, start=True) -> str:
        r = self.rng
        pool = ["the mask", "the segmented region", "the segmentation", "the highlighted area"]
        if not self.plural:
            pool += [self.disp, self.disp, self.rng.choice(self.p["alias"]) if self.p["alias"][0] != "it" else "it", "it"]
        else:
            pool += ["the mask"]
        s = r.choice(pool)
        if self.style == "patient_friendly" and s in ("the mask", "the segmentation"):
            s = r.choice(["the highlighted area", "the coloured area"])
        return cap(s) if start else s

    def verb(self, s: str) -> str:
        return "are" if self.plural and s.lower() == self.disp else "is"

    def claim(self, kind, value, text, status="asserted"):
        self.claims.append({"turn": len(self.turns), "kind": kind, "value": value, "text": text, "status": status})
        return text

    # -- sentences about each fact -----------------------------------------------------------------------
    def side(self, v: str) -> str:
        r, s, pf = self.rng, self.subj(), self.style == "patient_friendly"
        img = {"left": "right", "right": "left"}.get(v)
        if v in ("left", "right"):
            pool = [f"{s} lies on the patient's {v} side.", f"It is {v}-sided.",
                    f"On screen it sits toward the image {img}, which by radiological convention is the patient's {v}.",
                    f"{s} is in the {v} half of the body.", f"It is located to the patient's {v} of the midline."]
            if self.style == "cardio_read":
                pool += [f"Laterality: patient's {v}.", f"Side: {v} (displayed on the image {img})."]
            if pf:
                pool = [f"It is on your {v} side.",
                        f"It shows up on the {img} of the picture, but scans are shown as if you were facing the doctor, so it is really on your {v}.",
                        f"{s} is on the {v} side of your body."]
        elif v == "midline":
            pool = [f"{s} sits in the midline.", "It is essentially central from left to right, straddling the midline.",
                    f"{s} is midline rather than lateralised.", "It lies across the midline of the body."]
            if self.style == "cardio_read":
                pool += ["Laterality: midline.", "Side: midline / central."]
            if pf:
                pool = ["It is in the middle of your body, not off to one side.", f"{s} sits along the middle line of your body."]
        else:  # bilateral
            pool = [f"{s} has parts on both the patient's left and right.", "It is bilateral.",
                    "There is involvement on both sides of the midline.", "It is present on both sides."]
            if self.style == "cardio_read":
                pool += ["Laterality: bilateral.", "Side: bilateral (left and right)."]
            if pf:
                pool = ["There is some on both sides of your body.", "It shows up on your left and on your right."]
        return self.claim("side", v, r.choice(pool))

    def not_side(self) -> str | None:
        t = self.f["laterality"]
        r, pf = self.rng, self.style == "patient_friendly"
        if t in ("left", "right"):
            o = OPP[t]
            txt = r.choice([f"It is not on the {o} side.", f"Nothing of it crosses to the patient's {o}.",
                            f"It does not lie on the {o}."] if not pf else [f"It is not on your {o} side."])
            return self.claim("not_side", o, txt)
        if t == "bilateral":
            return self.claim("not_side", "unilateral", r.choice(["It is not confined to one side.", "This is not a one-sided finding."]))
        if t == "midline":
            return self.claim("not_side", "lateral", r.choice(["It is not lateralised to either side.", "It does not lean clearly to one side."]))
        return None

    def vert_phrase(self, v: str) -> str:
        pf = self.style == "patient_friendly"
        if self.o == "LP":
            d = {"anterior": ["anteriorly", "in the anterior part of the slice", "toward the front"],
                 "posterior": ["posteriorly", "in the posterior part of the slice", "toward the back"],
                 "central": ["centrally front-to-back", "midway between front and back", "in the middle of the slice in the anteroposterior direction"],
                 "superior": ["superiorly"], "inferior": ["inferiorly"]}
            if pf:
                d = {"anterior": ["toward the front of your body"], "posterior": ["toward the back of your body"],
                     "central": ["about halfway between your front and your back"], "superior": ["higher up"], "inferior": ["lower down"]}
        else:
            d = {"superior": ["superiorly", "in the upper part of this image", "in the cranial half of the slice"],
                 "inferior": ["inferiorly", "in the lower part of this image", "in the caudal half of the slice"],
                 "central": ["at mid-height on this slice", "centrally in the craniocaudal direction", "roughly halfway from top to bottom"],
                 "anterior": ["anteriorly"], "posterior": ["posteriorly"]}
            if pf:
                d = {"superior": ["higher up, toward your head"], "inferior": ["lower down, toward your feet"],
                     "central": ["about halfway up and down on this picture"], "anterior": ["toward the front"], "posterior": ["toward the back"]}
        return self.rng.choice(d[v])

    def vertical(self, v: str) -> str:
        r, s = self.rng, self.subj()
        ph = self.vert_phrase(v)
        pool = [f"{s} lies {ph}.", f"It sits {ph}.", f"Position-wise it is {ph}."]
        if self.style == "cardio_read":
            pool += [f"Position: {v}.", f"Location: {v} on this slice."]
        if self.style == "llm_headings":
            pool += [f"**Position:** {v}.", f"It is located {ph}."]
        return self.claim("vertical", v, r.choice(pool))

    def rel_phrase(self, rel: str, other: str) -> str:
        o = f"the {other}"
        pf = self.style == "patient_friendly"
        d = {"left_of": [f"to the patient's left of {o}", f"on the left side of {o} (patient's left)"],
             "right_of": [f"to the patient's right of {o}", f"on the right side of {o} (patient's right)"],
             "anterior_to": [f"anterior to {o}", f"in front of {o}"],
             "posterior_to": [f"posterior to {o}", f"behind {o}"],
             "superior_to": [f"superior to {o}", f"above {o}"],
             "inferior_to": [f"inferior to {o}", f"below {o}"]}
        if pf:
            d["left_of"] = [f"further to your left than {o}"]
            d["right_of"] = [f"further to your right than {o}"]
        return self.rng.choice(d[rel])

    def relation(self, other: str, rel: str) -> str:
        r, s = self.rng, self.subj()
        ph = self.rel_phrase(rel, other)
        word = RELWORD[rel] if self.style != "patient_friendly" else RELWORD_PF[rel]
        pool = [f"{s} lies {ph}.", f"It is {ph}.", f"Relative to the {other}, it is {word}."]
        inv = {"left_of": "to the patient's right of it", "right_of": "to the patient's left of it",
               "anterior_to": "behind it", "posterior_to": "in front of it", "superior_to": "below it",
               "inferior_to": "above it"}[rel]
        if self.style != "patient_friendly":
            pool.append(f"The {other} {'lie' if other.endswith('s') else 'lies'} {inv}.")
        if self.style == "cardio_read":
            pool.append(f"Relation: {ph}.")
        return self.claim("relation", [other, rel], r.choice(pool))

    def size_class(self, c: str) -> str:
        r, s = self.rng, self.subj()
        w = r.choice(CLASS_WORDS[c])
        art = "an" if w[0] in "aeiou" else "a"
        pool = [f"{s} is {w} on this slice.", f"It is {art} {w} region in this image.", f"Overall, {w}."]
        if self.style == "cardio_read":
            pool += [f"Size class: {c}.", f"Size: {c}."]
        if self.style == "llm_headings":
            pool += [f"**Size class:** {c}."]
        if self.style == "patient_friendly":
            pool = [f"On this picture it is {w}.", f"{s} looks {w} compared with the whole picture."]
        return self.claim("size_class", c, r.choice(pool))

    def pct_str(self, val: float) -> str:
        r = self.rng
        opts = [f"{val:.1f}%", f"{val:.1f} per cent", f"about {val:.1f}%"]
        if val >= 3:
            opts.append(f"roughly {round(val)}%")
        if val < 1:
            opts.append(f"{val:.2f}%")
        txt = r.choice(opts)
        shown = float(txt.split("%")[0].split()[-1]) if "%" in txt else float(txt.split()[0])
        if abs(shown / val - 1) > 0.12:  # rounding too coarse for a small value: two decimals
            txt = f"{val:.2f}%"
        return txt

    def percent(self, val: float) -> str:
        r, s = self.rng, self.subj()
        ps = self.pct_str(val)
        pool = [f"{s} covers {ps} of the image.", f"It occupies {ps} of the field of view.",
                f"Its area is {ps} of the slice.", f"That works out to {ps} of the image area."]
        if self.style == "cardio_read":
            pool += [f"Area fraction: {ps} of the image."]
        if self.style == "patient_friendly":
            pool = [f"It takes up {ps} of the picture.", f"{s} fills {ps} of the image."]
        return self.claim("percent", round(val, 4), r.choice(pool))

    def count(self, n: int) -> str:
        r, s = self.rng, self.subj()
        w = NUM[n]
        if n == 1:
            pool = [f"{s} is a single connected region.", "It is one continuous piece.", "There is one component.",
                    "It is all one piece, not fragmented."]
            if self.style == "cardio_read":
                pool += ["Components: 1."]
            if self.style == "patient_friendly":
                pool = ["It is one single area.", "It is all in one piece."]
        else:
            pool = [f"{s} consists of {w} separate parts.", f"There are {w} disconnected components.",
                    f"I count {n} distinct regions.", f"It comes in {w} separate pieces on this slice."]
            if self.style == "cardio_read":
                pool += [f"Components: {n}.", f"Number of foci: {n}."]
            if self.style == "patient_friendly":
                pool = [f"There are {w} separate spots.", f"It shows up as {w} separate areas."]
        return self.claim("count", n, r.choice(pool))


# ---------------------------------------------------------------------------------------------------------
# wrong values (defects) and the slots a row can talk about


def slots_of(p, f) -> list[str]:
    out = ["vertical", "size", "count"]
    if p["orient"] != "PI" and f["laterality"] != "unknown":
        out.insert(0, "side")
    seen = set()
    for r in f["relations"]:
        if r["other"] not in seen:
            seen.add(r["other"])
            out.append("rel:" + r["other"])
    return out


def wrong_side(f, rng):
    t = f["laterality"]
    if t in ("left", "right"):
        if abs(f["centroid_patient"][0]) > 0.1 and rng.random() < 0.2:
            return "midline"
        return OPP[t]
    return rng.choice(["left", "right"])


def wrong_vertical(f, orient, rng):
    t = f["vertical"]
    a, b = ("anterior", "posterior") if orient == "LP" else ("superior", "inferior")
    if t == "central":
        return rng.choice([a, b])
    if abs(f["centroid_patient"][1]) > 0.13 and rng.random() < 0.25:
        return "central"
    return OPP[t]


def wrong_class(f, rng):
    t, af = f["size_class"], f["area_fraction"]
    if t == "small":
        return "large" if rng.random() < 0.7 else ("medium" if af < 0.006 else "large")
    if t == "large":
        return "small"
    return "large" if af < 0.028 else "small"


def wrong_pct(f, rng):
    v = 100 * f["area_fraction"]
    return v * rng.uniform(3.0, 5.0) if (v < 4 and rng.random() < 0.7) else v / rng.uniform(3.0, 5.0)


def wrong_count(f, rng):
    n = f["components"]
    if n == 1:
        return rng.choice([2, 2, 3])
    return rng.choice([1, n + 1] + ([n - 1] if n - 1 > 1 else []))


# ---------------------------------------------------------------------------------------------------------
# wrappers, follow-up questions, filler that a checker could misread


def first_question(R: Row, named: bool) -> str:
    p, r, st = R.p, R.rng, R.style
    if named:
        core = r.choice(p["named_q"])
    elif st == "patient_friendly":
        core = r.choice(p["lay_q"] + p["lay_q"] + p["q"][:1])
    else:
        core = r.choice(p["q"])
    if st == "cardio_read":
        pre = r.choice(["", "", f"{cap(p['view'])}, {p['modality']}. ", "Reading list, next case. ", "For the structured report: "])
        return pre + core
    if st == "fellow_quiz":
        pre = r.choice(["I'm the resident on call tonight. ", "Quick one before conference: ", "Quiz me properly on this. ",
                        f"Here's {'an' if p['view'][0] in 'aeiou' else 'a'} {p['view']} slice. ", ""])
        return pre + core
    if st == "llm_headings":
        return core + r.choice(["", " Please structure your answer.", " Use headings.", " Explain your reasoning."])
    return r.choice(["", "Hi. ", "Sorry if this is a silly question. ", "I'm trying to understand my scan. "]) + core


def ask(R: Row, slot: str) -> str:
    r, st = R.rng, R.style
    if slot.startswith("rel:"):
        o = slot[4:]
        return r.choice({"cardio_read": [f"Relation to the {o}?", f"Position relative to the {o}?"],
                         "fellow_quiz": [f"Where is it relative to the {o}? Talk me through it.", f"And how does it sit against the {o}?"],
                         "llm_headings": [f"How does it relate to the {o}?", f"Where is it compared with the {o}?"],
                         "patient_friendly": [f"Where is it compared with the {o}?", f"Is it near the {o}?"]}[st])
    d = {"side": {"cardio_read": ["Laterality?", "Confirm the side in patient terms."],
                  "fellow_quiz": ["Which side is that in patient terms?", "Left or right? Don't let the screen fool me."],
                  "llm_headings": ["Which side of the body is it on?", "Is it on the left or the right?"],
                  "patient_friendly": ["Which side of my body is it on?", "Is it on my left or my right?"]},
         "vertical": {"cardio_read": ["Position on the slice?", "Where in the slice?"],
                      "fellow_quiz": ["And its position on the slice?", "Where in the slice would you put it?"],
                      "llm_headings": ["Where exactly is it within the image?", "What is its position on this slice?"],
                      "patient_friendly": ["Whereabouts is it?", "Where exactly on the picture?"]},
         "size": {"cardio_read": ["Size?", "Area on this slice?"],
                  "fellow_quiz": ["How big is it on this slice?", "Give me a size."],
                  "llm_headings": ["How large is it?", "Can you quantify its size?"],
                  "patient_friendly": ["Is it big?", "How big is it?"]},
         "count": {"cardio_read": ["Single or multiple?", "Number of components?"],
                   "fellow_quiz": ["One piece or several?", "How many separate regions did you segment?"],
                   "llm_headings": ["How many separate regions are there?", "Is it one region or several?"],
                   "patient_friendly": ["Is it just one area?", "Is there more than one?"]},
         "summary": {"cardio_read": ["Summarise for the report.", "Give me the impression line."],
                     "fellow_quiz": ["Okay, recap it for me like you would on rounds.", "Sum it up."],
                     "llm_headings": ["Can you summarise the findings?", "Give me a short summary."],
                     "patient_friendly": ["Can you sum it up for me?", "So what does it all mean, in short?"]}}
    return r.choice(d[slot][st])


def once(R: Row, make) -> str:
    """A filler sentence not yet used in this row (tries a few times)."""
    for _ in range(6):
        t = make(R)
        if t not in R.used:
            R.used.add(t)
            return t
    return ""


def convention(R: Row) -> str:
    if R.o == "PI":
        return R.rng.choice(["On sagittal images anterior is conventionally on the left of the screen, and one sagittal slice does not by itself say which side of the body it is.",
                             "Sagittal slices show front and back, top and bottom; left and right have to come from the slice position."])
    if R.style == "patient_friendly":
        return "Scans are shown as if you were lying facing the doctor, so your left appears on the right of the picture."
    if R.o == "LI":
        return R.rng.choice(["On coronal images the patient's left is displayed on the right of the screen, as if facing the patient.",
                             "Coronal display follows the radiological convention: patient's right on the image left."])
    return R.rng.choice(["By radiological convention, axial images are viewed from the feet, so the patient's left is on the right of the screen.",
                         "Remember the radiological convention: the patient's right is displayed on the image left."])


def hypothetical(R: Row) -> str:
    f, r = R.f, R.rng
    opts = ["If there were more separate pieces on adjacent slices, each would need its own measurement."]
    if f["size_class"] != "large":
        opts.append("Had it covered more than about 5% of the image, I would have called it large.")
    if f["laterality"] in ("left", "right"):
        o = OPP[f["laterality"]]
        opts.append(f"If it had appeared on the patient's {o}, I would check the orientation header before believing it.")
    if R.style == "patient_friendly":
        opts = ["If it were much bigger, your doctors would probably want to act sooner.",
                "If anything changes on a later scan, your team will compare the two."]
    return r.choice(opts)


def quiz_aside(R: Row) -> str:
    r = R.rng
    if R.o == "PI":
        return r.choice(["Quick question for you: on a sagittal spine image, which way is anterior? (Usually the screen's left.)",
                         "Pimp question: can a single sagittal slice tell you left from right? (No, only its position can.)"])
    return r.choice(["Quick question for you: on this display, which side of the screen is the patient's left? (The right: radiological convention.)",
                     "Pimp question: would a left-right flip change what you report here? (Yes, so always check the markers.)",
                     "Before you answer the next one, ask yourself: am I describing the screen or the patient?"])


def knowledge(R: Row) -> str:
    r = R.rng
    if R.style == "patient_friendly":
        return r.choice(R.p["lay_know"])
    words = [n.lower() for n in R.p["names"] if len(n) > 3] + [R.p["target"].lower()]
    traps = [t for t in GROUP_TRAPS[R.p["group"]] if not any(w in t.lower() for w in words)]
    return r.choice(R.p["know"] + traps)


def slot_sentences(R: Row, slot: str, bad: dict | None, true_size_mode=None) -> list[str]:
    """True sentences for a slot, or the planted false one when `bad` is this slot."""
    f, r = R.f, R.rng
    if bad and bad["slot"] == slot:
        k, v = bad["kind"], bad["value"]
        return [{"side": R.side, "vertical": R.vertical, "size_class": R.size_class, "percent": R.percent,
                 "count": R.count}[k](v)] if k != "relation" else [R.relation(*v)]
    if slot == "side":
        out = [R.side(f["laterality"])]
        if r.random() < 0.3:
            ns = R.not_side()
            if ns:
                out = [ns] + out if r.random() < 0.4 else out + [ns]
        return out
    if slot == "vertical":
        return [R.vertical(f["vertical"])]
    if slot == "count":
        return [R.count(f["components"])]
    if slot == "size":
        mode = true_size_mode or r.choice(["class", "class", "pct", "both"])
        out = []
        if mode in ("class", "both"):
            out.append(R.size_class(f["size_class"]))
        if mode in ("pct", "both"):
            out.append(R.percent(100 * f["area_fraction"]))
        return out
    other = slot[4:]
    rels = [x["relation"] for x in f["relations"] if x["other"] == other]
    return [R.relation(other, rel) for rel in rels[: 1 + (r.random() < 0.4)]]


# ---------------------------------------------------------------------------------------------------------
# answers


def first_answer(R: Row, slots: list[str], bad) -> str:
    p, r, st = R.p, R.rng, R.style
    name = R.disp
    groups = [slot_sentences(R, s, bad) for s in slots]
    flat = [x for g in groups for x in g]
    extra = [once(R, knowledge)]
    if r.random() < 0.6:
        extra.append(once(R, convention) if r.random() < 0.5 else once(R, hypothetical))
    extra = [x for x in extra if x]
    if st == "cardio_read":
        head = r.choice([f"Structure: {name} [SEG].", f"Segmented: {name} [SEG].",
                         f"{'These are' if R.plural else 'This is'} {name}; segmentation shown [SEG]."])
        if r.random() < 0.5:
            body = "\n".join("- " + x for x in flat)
            return f"{head}\nFindings:\n{body}\nComment: {' '.join(extra)}"
        return f"{head} {' '.join(flat)} {' '.join(extra)}"
    if st == "fellow_quiz":
        it_s, here = ("They're", "Here they are") if R.plural else ("It's", "Here it is")
        open_ = r.choice([f"Think it through first: what does the question describe? {it_s} {name}. {here}: [SEG].",
                          f"Good. The answer is {name} [SEG]. Now tell me how you knew.",
                          f"You should get this one: {name}. I've outlined it [SEG]."])
        mid = quiz_aside(R) if r.random() < 0.6 else ""
        return " ".join(x for x in [open_, " ".join(flat), mid, "Pearl: " + extra[0]] + extra[1:] if x)
    if st == "llm_headings":
        loc = [x for s, g in zip(slots, groups) if s not in ("size", "count") for x in g]
        siz = [x for s, g in zip(slots, groups) if s in ("size", "count") for x in g]
        parts = [f"## Identification\nThe structure described is **{name}**. [SEG]"]
        md = (lambda xs: "\n".join(x if x.startswith("- ") else "- " + x for x in xs)
              if any(x.startswith("- ") for x in xs) else " ".join(xs))
        if loc:
            parts.append("### Location\n" + md(loc))
        if siz:
            parts.append("### Size and extent\n" + md(siz))
        parts.append("### Clinical context\n- " + "\n- ".join(extra))
        return "\n\n".join(parts)
    open_ = r.choice([f"That's a good question. What you're asking about is {R.lay}, and I've highlighted it here: [SEG].",
                      f"The part of the scan that answers this is {R.lay} [SEG].",
                      f"Here it is, coloured in on your scan [SEG]: {R.lay}."])
    return " ".join([open_, extra[0], " ".join(flat)] + extra[1:] + [r.choice(["", "Your doctor can go through the details with you."])]).strip()


def follow_answer(R: Row, slots: list[str], bad, summary=False) -> str:
    r, st = R.rng, R.style
    sents = [x for s in slots for x in slot_sentences(R, s, bad)]
    add = []
    if r.random() < 0.45:
        add.append(once(R, r.choice([convention, hypothetical, knowledge])))
    add = [x for x in add if x]
    if st == "cardio_read":
        if summary:
            return "Impression: " + R.disp + ". " + " ".join(sents) + (" " + " ".join(add) if add else "")
        return " ".join(sents + add)
    if st == "fellow_quiz":
        pre = r.choice(["Right.", "Exactly what I'd want you to say on rounds.", "Let's check it together.", "Good question."])
        return " ".join([pre] + sents + add)
    if st == "llm_headings":
        head = "### Summary\n" if summary else r.choice(["### Answer\n", "**Short answer:** ", ""])
        if any(x.startswith("- ") for x in sents):
            sents = [x if x.startswith("- ") else "- " + x for x in sents]
            return head + "\n".join(sents) + ("\n\n> Note: " + add[0] if add else "")
        return head + " ".join(sents) + ("\n\n> Note: " + add[0] if add else "")
    pre = r.choice(["Sure.", "Of course.", "Good question.", "Let me explain."])
    return " ".join([pre] + sents + add + [r.choice(["", "Does that help?"])]).strip()


def premise_question(R: Row, bad) -> str:
    """A follow-up whose premise is the planted false claim (in a user turn)."""
    r, st, k, v = R.rng, R.style, bad["kind"], bad["value"]
    pf = st == "patient_friendly"
    if k == "side":
        lead = {"left": "on the left", "right": "on the right", "midline": "in the midline",
                "bilateral": "on both sides"}[v]
        lead = (f"it's {lead} of my body" if pf else r.choice([f"it's {lead}", f"this is {v}-sided" if v in ("left", "right") else f"it's {lead}"]))
    elif k == "vertical":
        lead = f"it sits {R.vert_phrase(v)}"
    elif k == "relation":
        lead = f"it lies {R.rel_phrase(v[1], v[0])}"
    elif k == "size_class":
        lead = f"it's {r.choice(CLASS_WORDS[v])}"
    elif k == "percent":
        lead = f"it covers about {v:.1f}% of the image"
    else:
        lead = "it's one single piece" if v == 1 else f"there are {NUM[v]} separate pieces"
    tail = {"cardio_read": ["should that go in the impression?", "anything else worth adding to the report?"],
            "fellow_quiz": ["what's the next thing I should check?", "what would you look at next?"],
            "llm_headings": ["what does that imply?", "how should that be documented?"],
            "patient_friendly": ["is that something to worry about?", "does that change anything for me?"]}[st]
    q = f"Since {lead}, {r.choice(tail)}"
    R.claim(k, v, q)
    return cap(q)


def premise_answer(R: Row, free_slots: list[str]) -> str:
    """Answers the premise question without restating (or correcting) the premise."""
    r, st = R.rng, R.style
    extra = [x for s in free_slots[:1] for x in slot_sentences(R, s, None)]
    base = {"cardio_read": ["Yes, it can go in the impression. I would also compare with any prior study.",
                            "Reasonable to mention. Beyond that, note image quality and any artefact."],
            "fellow_quiz": ["Fair enough. Next, scroll through the adjacent slices and see whether it changes.",
                            "Good instinct. Now check the adjacent slices and the other sequences."],
            "llm_headings": ["### Implication\nIt mainly guides comparison on follow-up and any procedural planning.",
                             "### Documentation\nRecord it in the report together with the slice and series number."],
            "patient_friendly": ["Not necessarily. Your doctors look at the whole picture, including your symptoms.",
                                 "By itself it does not decide anything; your care team will put it together with everything else."]}[st]
    return " ".join([r.choice(base)] + extra + [once(R, knowledge)]).strip()


def correction_round(R: Row, slot: str) -> tuple[str, str]:
    """A clean follow-up whose user turn holds a false idea that the assistant explicitly corrects."""
    f, r, st = R.f, R.rng, R.style
    if slot == "side":
        w = wrong_side(f, r)
        q = r.choice([f"Wait, isn't it on the {w}?", f"I thought it was {w}-sided." if w in ("left", "right") else f"Isn't it {w}?"])
        R.claim("side", w, q, status="corrected")
        fix = lambda: R.side(f["laterality"])
    elif slot == "vertical":
        w = wrong_vertical(f, R.o, r)
        q = f"Hang on, doesn't it sit {R.vert_phrase(w)}?"
        R.claim("vertical", w, q, status="corrected")
        fix = lambda: R.vertical(f["vertical"])
    elif slot == "size":
        w = wrong_class(f, r)
        q = r.choice([f"It looks {CLASS_WORDS[w][0]} to me. Is it?", f"Surely that's {CLASS_WORDS[w][0]}?"])
        R.claim("size_class", w, q, status="corrected")
        fix = lambda: R.size_class(f["size_class"])
    else:
        w = wrong_count(f, r)
        q = "Isn't it a single piece?" if w == 1 else f"Aren't there {NUM[w]} separate pieces?"
        R.claim("count", w, q, status="corrected")
        fix = lambda: R.count(f["components"])
    R.turns.append({"role": "user", "content": q})
    fix = fix()
    no = {"cardio_read": "No, that's not right.", "fellow_quiz": "No, careful, that's the trap.",
          "llm_headings": "**Correction:** that isn't accurate.", "patient_friendly": "Actually, no, that's a common mix-up."}[st]
    return q, f"{no} {fix}"


def build(p: dict, facts: dict, style: str, rng: random.Random, defect):
    R = Row(p, facts, style, rng)
    f = facts
    avail = slots_of(p, f)
    bad = None
    if defect in ("laterality", "position", "size", "count"):
        where = rng.choices(["first", "follow", "user"], weights=[2.8, 1, 1.2])[0]
        if defect == "laterality":
            bad = dict(slot="side", kind="side", value=wrong_side(f, rng))
        elif defect == "position":
            rels = [s for s in avail if s.startswith("rel:")]
            if rels and rng.random() < 0.45:
                s = rng.choice(rels)
                rel = rng.choice([x["relation"] for x in f["relations"] if x["other"] == s[4:]])
                bad = dict(slot=s, kind="relation", value=[s[4:], REL_OPP[rel]])
            else:
                bad = dict(slot="vertical", kind="vertical", value=wrong_vertical(f, p["orient"], rng))
        elif defect == "size":
            if rng.random() < 0.55:
                bad = dict(slot="size", kind="size_class", value=wrong_class(f, rng))
            else:
                bad = dict(slot="size", kind="percent", value=round(wrong_pct(f, rng), 2))
        else:
            bad = dict(slot="count", kind="count", value=wrong_count(f, rng))
        bad["where"] = where
    free = [s for s in avail if not (bad and s == bad["slot"])]
    rng.shuffle(free)
    n_first = rng.randint(2, min(4, len(free)))
    first = free[:n_first]
    rest = free[n_first:]
    if bad and bad["where"] == "first":
        first.insert(rng.randint(0, len(first)), bad["slot"])
    R.turns.append({"role": "user", "content": first_question(R, defect == "names_target")})
    R.turns.append({"role": "assistant", "content": first_answer(R, first, bad if bad and bad["where"] == "first" else None)})
    rounds = rng.choice([2, 2, 3])
    plan = []  # follow-up rounds
    if bad and bad["where"] == "follow":
        plan.append(("ask", [bad["slot"]]))
    if bad and bad["where"] == "user":
        plan.append(("premise", None))
    if not bad and rng.random() < 0.45:
        cands = [s for s in ("side", "vertical", "size", "count") if s in avail]
        plan.append(("correct", rng.choice(cands)))
    while len(plan) < rounds - 1:
        if rest and rng.random() < 0.7:
            plan.append(("ask", [rest.pop(0)]))
        elif not any(k == "summary" for k, _ in plan):
            pool = free[:]
            rng.shuffle(pool)
            plan.append(("summary", pool[:rng.randint(2, min(3, len(pool)))]))
        else:
            plan.append(("ask", [rng.choice(free)]))
    rng.shuffle(plan)
    for kind, arg in plan[: rounds - 1]:
        if kind == "ask":
            R.turns.append({"role": "user", "content": ask(R, arg[0])})
            R.turns.append({"role": "assistant", "content": follow_answer(R, arg, bad if bad and bad["where"] == "follow" else None)})
        elif kind == "summary":
            R.turns.append({"role": "user", "content": ask(R, "summary")})
            R.turns.append({"role": "assistant", "content": follow_answer(R, arg, None, summary=True)})
        elif kind == "premise":
            R.turns.append({"role": "user", "content": premise_question(R, bad)})
            grp = (lambda s: "pos" if s == "vertical" or s.startswith("rel:") else s)
            ok = [s for s in free if grp(s) != grp(bad["slot"])]
            R.turns.append({"role": "assistant", "content": premise_answer(R, [s for s in ok if s not in first] or ok)})
        else:
            _, a = correction_round(R, arg)
            R.turns.append({"role": "assistant", "content": a})
    LEDGER.append({"target": p["target"], "claims": R.claims, "names": p["names"], "defect": defect})
    return R.turns, ([defect] if defect else [])
