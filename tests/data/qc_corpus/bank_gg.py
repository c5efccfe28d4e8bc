"""Bank GG: cardiac and great-vessel imaging, written blind (helper `qcgg`, without reading any QC rule,
test or other bank).

Cardiac CT (axial, radiological display "LP"; non-contrast calcium-score slices), axial bSSFP MR shown in
neurological display ("RP": the patient's left on the screen's left), coronal MR angiography ("LI"), and
oblique cardiac MR planes (short-axis cine and LGE, four-chamber cine) that carry no patient axes
(orientation None: no side is measured, and position is the image's upper/lower half). Targets: ventricles,
LV myocardium, atria, left atrial appendage, aortic root, arch and descending aorta, pulmonary trunk and
arteries, SVC, septum, whole heart, pericardial effusion, coronary calcium, LGE scar, LV and LAA thrombus,
pulmonary emboli (single and multi-piece, left / right / midline / bilateral, small to large).

Four registers: `cmr` (a cardiologist's CMR/CT reporting talk: LVEF, LGE, AHA segments, Agatston), `fellow`
(an echo/CT fellow being taught), `surgeon` (a cardiac surgeon planning an operation: cannulation, clamp
sites, redo sternotomy, millimetres), `patient` (a patient asking about their own heart scan). The traps are
the field's own numbers and sides (ejection fractions, Agatston bands, 17 segments, four pulmonary veins, the
right coronary in the right AV groove, persistent left SVC), septal/inferior/apical segment names that are
not slice positions, true negations, hypotheticals (situs inversus, another display convention), user
premises the assistant corrects and the assistant's own corrected slips.

Every claim about the target is logged in `LEDGER` (one list per built row) with its kind, value, turn,
role and whether it is corrected; /work/notes/qcgg_scripts/check_gg.py re-derives each claim's truth from
the stored facts. Its summary:

rows 420, clean 210, defects laterality 42 position 42 size 42 count 42 names_target 42; defect sits: first answer 51,
follow-up answer 59, user premise 58, question 42; problems: 0 (22 targets in 26 profiles)
"""

from __future__ import annotations

import math

import numpy as np

from medseg_qa.facts import compute_facts

STYLES = ["cmr", "fellow", "surgeon", "patient"]
LEDGER: list[list[dict]] = []
SIZE = 256

VIEWS = {
    "ax": dict(modality="CT", orientation="LP", region="heart",
               text=["this axial contrast-enhanced cardiac CT slice", "this axial CTA image", "this axial CT slice"],
               lay=["this slice of my heart CT", "this CT picture", "this cross-section of my chest CT"]),
    "cac": dict(modality="CT", orientation="LP", region="heart",
                text=["this gated non-contrast CT slice", "this non-contrast ECG-gated slice"],
                lay=["this slice from my heart scan without dye", "this picture from my non-contrast heart scan"]),
    "axmr": dict(modality="MR", orientation="RP", region="heart",
                 text=["this axial bSSFP frame (displayed in neurological convention)", "this axial cine MR frame"],
                 lay=["this picture from my heart MRI", "this MRI image of my chest"]),
    "cor": dict(modality="MR", orientation="LI", region="chest",
                text=["this coronal MR angiogram slice", "this coronal MRA image"],
                lay=["this front-on slice from my MRI of the blood vessels", "this MRA picture"]),
    "sax": dict(modality="MR", orientation=None, region="heart",
                text=["this short-axis cine frame", "this mid-ventricular short-axis image"],
                lay=["this cross-section picture from my heart MRI", "this MRI slice of my heart"]),
    "lge": dict(modality="MR", orientation=None, region="heart",
                text=["this short-axis LGE image", "this late-enhancement short-axis slice"],
                lay=["this picture from the contrast part of my heart MRI", "this late-contrast MRI picture"]),
    "4ch": dict(modality="MR", orientation=None, region="heart",
                text=["this four-chamber cine frame", "this horizontal long-axis image"],
                lay=["this four-chamber picture from my heart MRI", "this long-axis MRI picture"]),
}

# shapes in canonical pixels: u toward the patient's left (image right without axes), v toward posterior
# (axial) / inferior (coronal) / image bottom (no axes); ("e", u, v, a, b, deg), ("ring", u, v, a, b, a2, b2,
# deg), ("arc", u, v, a, b, a2, b2, deg, t0, t1) with t in image-angle degrees (0 = image right, 90 = down)
PROFILES = [
    dict(target="left ventricle", view="ax", shapes=[("e", 34, 4, 27, 21, 30)], jit=(6, 10, 0.15),
         others={"right ventricle": (-18, -28), "descending aorta": (26, 58), "left atrium": (6, 42)},
         names=["left ventricle", "left ventricular"], name="the left ventricle",
         lay_name="your main pumping chamber (the left ventricle)", noun="chamber", pieces="regions",
         clue=["the chamber that ejects blood through the aortic valve into the systemic circulation",
               "the chamber whose ejection fraction we quote when we call the pump impaired",
               "the chamber that remodels and dilates after a large anterior infarct"],
         lay=["the chamber they said pumps blood out to my whole body", "the part of my heart they measured the pumping strength of"],
         know=["A normal LVEF on CMR runs from roughly 57% to 77% in adults, a bit lower on echo reference ranges.",
               "The AHA 17-segment model splits the LV into 6 basal, 6 mid-cavity and 4 apical segments plus the apical cap.",
               "The right coronary artery runs in the right atrioventricular groove and usually supplies the inferior wall."]),
    dict(target="right ventricle", view="ax", shapes=[("e", -21, -30, 30, 15, -20)], jit=(4, 6, 0.15),
         others={"left ventricle": (34, 4), "aortic root": (-4, -4), "sternum": (-2, -80)},
         names=["right ventricle", "right ventricular"], name="the right ventricle",
         lay_name="the pumping chamber that sends blood to your lungs (the right ventricle)", noun="chamber", pieces="regions",
         clue=["the chamber that pumps deoxygenated blood across the pulmonary valve",
               "the chamber that dilates and fails in chronic pulmonary hypertension",
               "the chamber whose end-diastolic volume index decides pulmonary valve replacement after tetralogy repair"],
         lay=["the chamber that pumps blood into my lungs", "the part they said was under strain from my lung pressures"],
         know=["In repaired tetralogy an RV end-diastolic volume index above about 160 mL/m2 is a common trigger to discuss valve replacement.",
               "The RV free wall is normally under 5 mm thick, far thinner than the 6-10 mm of the left ventricle.",
               "An RV/LV diameter ratio above 1.0 on CT is read as right heart strain in pulmonary embolism."]),
    dict(target="left ventricular myocardium", view="ax", shapes=[("ring", 34, 4, 33, 27, 23, 17, 30)], jit=(6, 8, 0.12),
         others={"right ventricle": (-18, -28), "descending aorta": (26, 58)},
         names=["left ventricular myocardium", "lv myocardium", "myocardium"], name="the left ventricular myocardium",
         lay_name="the muscle wall of your main pumping chamber", noun="muscle", pieces="pieces",
         clue=["the muscle that thickens with long-standing hypertension or aortic stenosis",
               "the tissue in which we grade wall thickness segment by segment",
               "the wall that hypertrophic cardiomyopathy thickens"],
         lay=["the heart muscle they said was a bit thick", "the muscle wall that does the squeezing"],
         know=["Hypertrophic cardiomyopathy is usually diagnosed at a maximal wall thickness of 15 mm or more.",
               "Native T1 of healthy myocardium at 1.5 T is roughly 950 to 1050 ms, depending on the sequence.",
               "The septum is shared with the right ventricle, while the lateral wall faces the left lung."]),
    dict(target="left atrium", view="ax", shapes=[("e", 6, 44, 26, 15, 0)], jit=(10, 6, 0.15),
         others={"left ventricle": (34, 4), "descending aorta": (28, 64), "right atrium": (-40, 14), "aortic root": (-4, -4)},
         names=["left atrium", "left atrial"], name="the left atrium",
         lay_name="the upper chamber that collects blood from your lungs (the left atrium)", noun="chamber", pieces="regions",
         clue=["the chamber that receives the pulmonary veins", "the chamber we ablate around in atrial fibrillation",
               "the chamber that enlarges with long-standing mitral regurgitation"],
         lay=["the chamber that collects blood coming back from my lungs", "the chamber they want to do the AF ablation in"],
         know=["Usually four pulmonary veins drain into it, two from the right lung and two from the left.",
               "An indexed volume above 34 mL/m2 counts as enlarged on echo.",
               "The oesophagus runs just behind it, which is why ablation energy is limited on the posterior wall."]),
    dict(target="right atrium", view="ax", shapes=[("e", -42, 12, 19, 23, 10)], jit=(5, 8, 0.15),
         others={"left atrium": (6, 44), "right ventricle": (-21, -30), "descending aorta": (28, 62)},
         names=["right atrium", "right atrial"], name="the right atrium",
         lay_name="the upper chamber that collects blood from your body (the right atrium)", noun="chamber", pieces="regions",
         clue=["the chamber that receives both venae cavae and the coronary sinus",
               "the chamber where the sinus node sits", "the chamber we enter first with a femoral venous catheter"],
         lay=["the chamber where the blood from my body comes back in", "the part of the heart where my pacemaker's natural spark starts"],
         know=["Normal mean right atrial pressure is about 0 to 8 mmHg.",
               "The superior and inferior venae cavae both empty into it, and the coronary sinus opens near the tricuspid valve.",
               "A persistent left SVC, present in about 0.3-0.5% of people, drains into the coronary sinus."]),
    dict(target="left atrial appendage", view="ax", shapes=[("e", 50, -16, 11, 7, -35)], jit=(5, 5, 0.2),
         others={"pulmonary trunk": (16, -32), "left atrium": (8, 42), "left ventricle": (36, 8)},
         names=["left atrial appendage", "appendage", "laa"], name="the left atrial appendage",
         lay_name="a pouch off the top chamber of your heart (the left atrial appendage)", noun="pouch", pieces="lobes",
         clue=["the blind-ending pouch where most thrombi form in non-valvular atrial fibrillation",
               "the structure we occlude with a Watchman device", "the pouch we clear on TOE before cardioversion"],
         lay=["the pouch where they said clots can form with my irregular heartbeat", "the bit they want to close off with a plug device"],
         know=["In non-valvular atrial fibrillation around 90% of left atrial thrombi sit in the appendage.",
               "Chicken-wing morphology, seen in roughly half of patients, carries the lowest stroke risk.",
               "Occluder devices come in sizes from about 20 to 40 mm, chosen from the ostial diameter."]),
    dict(target="aortic root", view="ax", shapes=[("e", -6, -6, 16, 15, 0)], jit=(5, 5, 0.15),
         others={"pulmonary trunk": (18, -32), "left atrium": (6, 44), "right atrium": (-42, 12)},
         names=["aortic root", "aortic"], name="the aortic root",
         lay_name="the first part of your main artery as it leaves the heart (the aortic root)", noun="vessel", pieces="segments",
         clue=["the segment holding the three sinuses of Valsalva", "the segment we replace in a Bentall or David procedure",
               "the part we measure in Marfan syndrome every year"],
         lay=["the start of the main artery that they keep measuring because of my Marfan syndrome", "the part where the main artery leaves the heart"],
         know=["Three sinuses sit here: right, left and non-coronary; the left main coronary arises from the left sinus.",
               "In Marfan syndrome surgery is usually offered at a root diameter of about 50 mm, earlier with risk factors.",
               "Normal root diameters in adults are roughly 30 to 37 mm at the sinuses."]),
    dict(target="thoracic aorta", view="ax", shapes=[("e", -24, -14, 16, 16, 0), ("e", 28, 60, 12, 12, 0)], jit=(3, 4, 0.12),
         others={"pulmonary trunk": (14, -30), "spine": (0, 90)},
         names=["thoracic aorta", "aorta", "aortic"], name="the thoracic aorta (ascending and descending)",
         lay_name="your main artery, seen here on its way up and again on its way down", noun="vessel", pieces="cross-sections",
         clue=["the vessel that carries the whole cardiac output to the body, cut here on its way up and on its way down",
               "the vessel a type A dissection flap runs through", "the vessel we cannulate for bypass and then clamp"],
         lay=["the main artery that they said has a tear risk", "the main artery that carries blood from the heart to my body"],
         know=["A type A dissection involves the ascending aorta and is a surgical emergency; type B is confined beyond the left subclavian.",
               "The arch normally gives off three branches: brachiocephalic, left common carotid and left subclavian.",
               "A right-sided arch is found in roughly 0.1% of adults."]),
    dict(target="descending thoracic aorta", view="ax", shapes=[("e", 27, 60, 12, 12, 0)], jit=(4, 4, 0.15),
         others={"left atrium": (6, 44), "spine": (2, 90), "left ventricle": (34, 4)},
         names=["descending thoracic aorta", "descending aorta", "aorta"], name="the descending thoracic aorta",
         lay_name="the part of your main artery running down beside the spine", noun="vessel", pieces="segments",
         clue=["the vessel a type B dissection involves", "the vessel we stent in TEVAR",
               "the vessel that runs down beside the spine to the diaphragmatic hiatus"],
         lay=["the artery they put a stent graft in for my dissection", "the artery that runs down next to my backbone"],
         know=["It passes through the aortic hiatus at about the level of T12.",
               "A descending diameter above about 55 to 60 mm is a usual threshold for repair.",
               "It normally runs on the left of the vertebral bodies, whereas the azygos vein runs on the right."]),
    dict(target="pulmonary trunk", view="ax", shapes=[("e", 18, -30, 16, 15, 0)], jit=(4, 5, 0.15),
         others={"aortic root": (-6, -6), "descending aorta": (27, 60), "left atrial appendage": (50, -16)},
         names=["pulmonary trunk", "main pulmonary artery", "pulmonary artery"], name="the pulmonary trunk",
         lay_name="the main artery to your lungs (the pulmonary trunk)", noun="vessel", pieces="segments",
         clue=["the vessel whose diameter we compare with the aorta when pulmonary hypertension is suspected",
               "the vessel leaving the right ventricular outflow tract", "the vessel that bifurcates under the aortic arch"],
         lay=["the main blood vessel to my lungs that they said was widened", "the tube that carries blood from the heart to my lungs"],
         know=["A main PA diameter above about 29 mm on CT suggests pulmonary hypertension, as does a PA-to-aorta ratio above 1.",
               "It divides into right and left pulmonary arteries; the right one is longer and passes behind the ascending aorta.",
               "Normal mean pulmonary arterial pressure is below 20 mmHg at rest."]),
    dict(target="pulmonary arteries", view="ax", shapes=[("e", -30, -2, 24, 8, 10), ("e", 40, 6, 17, 9, -25)],
         optional=[("e", 12, -34, 11, 11, 0)], jit=(3, 3, 0.1),
         others={"ascending aorta": (-22, -12), "descending aorta": (28, 60), "spine": (0, 90)},
         names=["pulmonary arteries", "pulmonary artery", "pulmonary arterial"], name="the pulmonary arteries",
         lay_name="the arteries that carry blood into your lungs", noun="vessels", pieces="vessel segments",
         clue=["the vessels a saddle embolus would lodge in", "the branches beyond the bifurcation of the outflow from the right heart",
               "the vessels we check for filling defects on a CTPA"],
         lay=["the blood vessels they checked for clots in my lungs", "the arteries that take blood to my lungs"],
         know=["The right pulmonary artery passes behind the ascending aorta and the SVC; the left arches over the left main bronchus.",
               "Bolus tracking on a CTPA usually triggers at around 100 to 250 HU in the pulmonary trunk.",
               "There are normally two main branches, each dividing into lobar arteries: three on the right and two on the left."]),
    dict(target="pericardial effusion", view="ax", shapes=[], rings=True, jit=(5, 4, 0.08),
         others={"left ventricle": (34, 4), "descending aorta": (28, 62), "sternum": (-2, -82)},
         names=["pericardial effusion", "effusion", "pericardial fluid"], name="the pericardial effusion",
         lay_name="the fluid collected around your heart", noun="collection", pieces="pockets",
         clue=["the collection that can cause tamponade", "the fluid that would explain the low-voltage ECG and pulsus paradoxus",
               "the collection a pericardiocentesis needle would target"],
         lay=["the thing that explains why they said my heart sounds were muffled", "the thing they might need to drain with a needle"],
         know=["The normal pericardial sac holds about 15 to 50 mL of fluid.",
               "If it accumulates fast, as little as 100 to 200 mL can cause tamponade, while slow effusions can reach a litre.",
               "Normal pericardium is under about 2 mm thick on CT."]),
    dict(target="coronary artery calcification", view="cac", shapes=[], blobs=[(22, -30, 4.0), (52, 2, 3.5), (-34, -22, 4.0), (44, -26, 3.0), (10, -14, 3.0)],
         jit=(2, 2, 0.15), others={"aortic root": (-6, -6), "descending aorta": (27, 60)},
         names=["coronary artery calcification", "coronary calcification", "coronary calcium", "calcification", "calcium"],
         name="the coronary artery calcification", lay_name="the calcium deposits in your heart arteries", noun="calcification", pieces="foci",
         clue=["the deposits an Agatston score quantifies", "the lesions that put this patient's risk above the statin threshold",
               "the dense plaques we count on a gated non-contrast scan"],
         lay=["the hard deposits that gave me a score of several hundred", "the spots that my score is counting"],
         know=["An Agatston score of 0 means no detectable calcium; 1-99 is mild, 100-399 moderate and 400 or more extensive.",
               "Scoring uses a 130 HU threshold on 3 mm non-contrast slices.",
               "The LAD is the most often involved artery, and the right coronary runs in the right AV groove."]),
    dict(target="myocardial scar", view="lge", shapes=[], scar=True, jit=(3, 3, 0.1), others={},
         names=["myocardial scar", "scar", "fibrosis"],
         name="the myocardial scar", lay_name="the scarred area of your heart muscle", noun="scar", pieces="foci",
         clue=["the enhancing tissue that explains the regional wall-motion abnormality",
               "the tissue that would predict poor recovery after revascularisation",
               "the bright myocardium that shows where the old infarct was"],
         lay=["the damage from my heart attack last year", "the part of the muscle they said won't recover"],
         know=["Transmural enhancement above 50% predicts poor recovery after revascularisation.",
               "LGE images are usually acquired 10 to 15 minutes after gadolinium.",
               "Ischaemic scar starts at the subendocardium, whereas mid-wall or epicardial enhancement points to a non-ischaemic cause."]),
    dict(target="left ventricular myocardium", view="sax", shapes=[("ring", 16, 2, 40, 38, 28, 26, 0)], jit=(4, 4, 0.12), others={},
         names=["left ventricular myocardium", "myocardium", "lv myocardium"], name="the left ventricular myocardium",
         lay_name="the muscle of your main pumping chamber", noun="muscle", pieces="pieces",
         clue=["the tissue we divide into six segments at this level for wall-motion scoring",
               "the tissue whose mass we index to body surface area", "the wall that thickens from diastole to systole"],
         lay=["the muscle ring they measured the thickness of", "the muscle that squeezes to pump the blood"],
         know=["At the mid-ventricular level the 17-segment model has six segments, numbered 7 to 12.",
               "Normal end-diastolic wall thickness is usually under 12 mm.",
               "The inferior wall is usually supplied by the right coronary artery and the anterior wall by the LAD."]),
    dict(target="left ventricular blood pool", view="sax", shapes=[("e", 16, 2, 28, 26, 0)], jit=(4, 4, 0.25), others={},
         names=["left ventricular blood pool", "blood pool", "left ventricular cavity", "lv cavity"], name="the left ventricular blood pool",
         lay_name="the blood inside your main pumping chamber", noun="cavity", pieces="pieces",
         clue=["the cavity we contour in every phase to get end-diastolic and end-systolic volumes",
               "the volume whose change gives the stroke volume", "the cavity that shrinks most in systole on this stack"],
         lay=["the space inside the chamber they used to work out my pumping percentage", "the blood the main chamber pumps out with each beat"],
         know=["Ejection fraction is stroke volume divided by end-diastolic volume: 70 mL out of 120 mL is about 58%.",
               "Papillary muscles are usually excluded from the blood pool in our contours, which adds a few percent to EF.",
               "A normal indexed LV end-diastolic volume on CMR is roughly 60 to 100 mL/m2 depending on sex and age."]),
    dict(target="right ventricle", view="sax", shapes=[], crescent=True, jit=(3, 4, 0.1), others={},
         names=["right ventricle", "right ventricular"], name="the right ventricle",
         lay_name="the chamber that pumps blood to your lungs", noun="chamber", pieces="parts",
         clue=["the crescent-shaped chamber wrapped around the septum", "the chamber whose volumes we track after tetralogy repair",
               "the chamber that flattens the septum when its pressure is high"],
         lay=["the chamber that sends blood to my lungs", "the chamber they said was working too hard because of my valve leak"],
         know=["A D-shaped septum in systole suggests pressure overload, in diastole volume overload.",
               "In repaired tetralogy an RV end-diastolic volume index above about 160 mL/m2 is a common trigger to discuss valve replacement.",
               "The moderator band carries part of the right bundle branch."]),
    dict(target="left ventricular thrombus", view="4ch", shapes=[("e", 30, -62, 9, 7, 20)], optional=[("e", 46, -30, 6, 5, 0)],
         jit=(4, 4, 0.2), others={},
         names=["left ventricular thrombus", "thrombus", "clot", "lv thrombus"], name="the left ventricular thrombus",
         lay_name="the blood clot inside your main pumping chamber", noun="thrombus", pieces="pieces",
         clue=["the non-enhancing mass sitting in the akinetic apex after an anterior infarct",
               "the lesion that changes management to anticoagulation", "the filling defect in the apical cavity"],
         lay=["the thing they found in my heart after my heart attack", "the thing that means I need blood thinners"],
         know=["After an anterior STEMI a thrombus forms in roughly 5 to 15% of patients.",
               "Anticoagulation is usually given for 3 to 6 months and the scan repeated.",
               "Long-inversion-time imaging (around 600 ms) makes thrombus look black against the grey myocardium."]),
    dict(target="left atrial appendage thrombus", view="ax", shapes=[("e", 52, -14, 6, 4, -35)], jit=(3, 3, 0.2),
         others={"pulmonary trunk": (16, -32), "left atrium": (8, 42)},
         names=["left atrial appendage thrombus", "appendage thrombus", "thrombus", "clot", "laa"],
         name="the left atrial appendage thrombus", lay_name="the clot in the pouch off the top chamber of your heart",
         noun="thrombus", pieces="pieces",
         clue=["the filling defect that persists on the delayed phase and cancels the cardioversion",
               "the reason the ablation was postponed", "the lesion that a mixing artefact can mimic on early-phase CT"],
         lay=["the reason they cancelled my cardioversion", "the thing they want me on blood thinners for before the procedure"],
         know=["A delayed scan at about 60 seconds separates a true thrombus from a slow-flow mixing artefact.",
               "In non-valvular atrial fibrillation around 90% of left atrial thrombi sit in the appendage.",
               "CHA2DS2-VASc of 2 or more in men (3 in women) usually means long-term anticoagulation."]),
    dict(target="aortic arch", view="cor", shapes=[("e", 6, -72, 22, 12, 0)], jit=(6, 5, 0.15),
         others={"left ventricle": (30, 30), "pulmonary trunk": (12, -30), "liver dome": (-40, 92)},
         names=["aortic arch", "arch", "aorta"], name="the aortic arch", lay_name="the curved top part of your main artery",
         noun="vessel", pieces="segments",
         clue=["the segment that gives off the brachiocephalic, left common carotid and left subclavian arteries",
               "the segment a coarctation sits just beyond", "the segment that crosses over the left main bronchus"],
         lay=["the curved part of the main artery that the neck arteries come off", "the bend at the top of my main artery"],
         know=["A bovine arch, with a shared origin of the brachiocephalic and left common carotid, is seen in roughly 10-25% of people.",
               "Coarctation usually sits just distal to the left subclavian artery.",
               "A right-sided arch is found in roughly 0.1% of adults."]),
    dict(target="pulmonary emboli", view="ax", shapes=[], blobs=[(-34, -2, 5.0), (42, 6, 5.0), (-62, 30, 4.0), (64, 34, 4.0)],
         jit=(2, 2, 0.15), others={"ascending aorta": (-22, -12), "descending aorta": (28, 60)},
         names=["pulmonary emboli", "pulmonary embolism", "emboli", "embolus", "clot"], name="the pulmonary emboli",
         lay_name="the clots in the arteries of your lungs", noun="emboli", pieces="emboli",
         clue=["the filling defects that explain this patient's sudden breathlessness and raised D-dimer",
               "the lesions that would prompt thrombolysis if the right heart is failing", "the occlusive defects in the contrast column"],
         lay=["the thing in my lung arteries that made me so short of breath", "what they're treating with the blood thinner injections"],
         know=["An RV/LV diameter ratio above 1.0 on CT is read as right heart strain.",
               "Wells score above 4 makes PE likely; below that a D-dimer is used first.",
               "About 10% of emboli are found only in subsegmental arteries."]),
    dict(target="superior vena cava", view="ax", shapes=[("e", -36, -12, 10, 10, 0)], jit=(4, 4, 0.15),
         others={"ascending aorta": (-14, -12), "pulmonary trunk": (16, -30), "descending aorta": (28, 60)},
         names=["superior vena cava", "vena cava", "svc"], name="the superior vena cava",
         lay_name="the vein bringing blood back from your head and arms", noun="vein", pieces="segments",
         clue=["the vein a central line tip should sit in", "the vein obstructed in the syndrome with facial swelling and distended neck veins",
               "the vessel we snare for bicaval cannulation"],
         lay=["the vein where my PICC line ends", "the vein carrying blood back from my head and arms"],
         know=["A persistent left SVC, present in about 0.3-0.5% of people, drains into the coronary sinus.",
               "A central line tip is ideally at the cavo-atrial junction, about 2 vertebral bodies below the carina.",
               "It is formed by the right and left brachiocephalic veins."]),
    dict(target="heart", view="ax", shapes=[("e", 16, 4, 72, 56, 25)], jit=(6, 5, 0.1),
         others={"descending aorta": (28, 64), "sternum": (-2, -84), "spine": (0, 92)},
         names=["heart", "cardiac silhouette", "whole heart"], lay_view=["this slice of my chest CT", "this CT picture of my chest"], name="the heart", lay_name="your heart as a whole",
         noun="organ", pieces="parts",
         clue=["the organ whose contour the radiographer uses to check the cardiothoracic ratio",
               "the organ enclosed by the pericardium", "the organ that a dextrocardia would flip"],
         lay=["the whole thing that beats", "the organ they were scanning in the first place"],
         know=["On a PA chest film the cardiothoracic ratio is normally under 0.5.",
               "Dextrocardia occurs in roughly 1 in 12,000 births.",
               "A normal adult heart weighs roughly 250 to 350 g."]),
    dict(target="interventricular septum", view="ax", shapes=[("e", 14, -10, 26, 5, 55)], jit=(4, 4, 0.12),
         others={"left ventricle": (36, 6), "right ventricle": (-18, -28)},
         names=["interventricular septum", "septum", "septal"], name="the interventricular septum",
         lay_name="the wall between the two pumping chambers", noun="wall", pieces="pieces",
         clue=["the wall alcohol ablation or myectomy thins in obstructive HCM", "the wall a post-infarct VSD ruptures through",
               "the wall that bows the wrong way when the right ventricle is pressure-loaded"],
         lay=["the wall between my two pumping chambers they said was thick", "the wall that they want to thin down with the operation"],
         know=["Septal thickness of 15 mm or more is the usual diagnostic cut-off for HCM in adults.",
               "A resting outflow gradient of 50 mmHg or more usually prompts septal reduction discussion.",
               "In the 17-segment model, segments 2, 3, 8, 9 and 14 are the septal ones."]),
    dict(target="left ventricular blood pool", view="axmr", shapes=[("e", 34, 4, 25, 19, 30)], jit=(6, 8, 0.15),
         others={"right ventricle": (-18, -28), "descending aorta": (26, 58), "left atrium": (6, 42)},
         names=["left ventricular blood pool", "left ventricular cavity", "blood pool", "left ventricle"], name="the left ventricular blood pool",
         lay_name="the blood inside your main pumping chamber", noun="cavity", pieces="pieces",
         clue=["the cavity that holds the stroke volume before the aortic valve opens",
               "the cavity whose volume we trace to compute ejection fraction", "the cavity that shrinks most in systole"],
         lay=["the blood inside the chamber that pumps to my body", "the space in the heart they measure my pumping percentage from"],
         know=["Ejection fraction is stroke volume divided by end-diastolic volume: 70 mL out of 120 mL is about 58%.",
               "bSSFP gives bright blood, so the cavity is easy to separate from the grey myocardium.",
               "A normal indexed LV end-diastolic volume on CMR is roughly 60 to 100 mL/m2 depending on sex and age."]),
]

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior", "superior": "inferior",
       "inferior": "superior", "upper": "lower", "lower": "upper"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}


# -- masks and facts -------------------------------------------------------------------------------

def _to_image(view: str, u: float, v: float) -> tuple[float, float]:
    c = (SIZE - 1) / 2
    if VIEWS[view]["orientation"] == "RP":
        return c - u, c + v
    return c + u, c + v


def _grid():
    yy, xx = np.mgrid[0:SIZE, 0:SIZE]
    return xx.astype(float), yy.astype(float)


def _ellipse(view, u, v, a, b, deg):
    xx, yy = _grid()
    cx, cy = _to_image(view, u, v)
    if VIEWS[view]["orientation"] == "RP":
        deg = -deg
    t = math.radians(deg)
    dx, dy = xx - cx, yy - cy
    xr, yr = dx * math.cos(t) + dy * math.sin(t), -dx * math.sin(t) + dy * math.cos(t)
    return (xr / a) ** 2 + (yr / b) ** 2 <= 1.0


def _arc(view, u, v, a, b, a2, b2, t0, t1):
    xx, yy = _grid()
    cx, cy = _to_image(view, u, v)
    ang = (np.degrees(np.arctan2(yy - cy, xx - cx)) + 360.0) % 360.0
    ring = _ellipse(view, u, v, a, b, 0) & ~_ellipse(view, u, v, a2, b2, 0)
    sel = (ang >= t0) & (ang <= t1) if t0 <= t1 else (ang >= t0) | (ang <= t1)
    return ring & sel


def facts_for(p: dict, rng) -> dict:
    view = p["view"]
    du, dv, ds = p["jit"]
    ou, ov = rng.uniform(-du, du), rng.uniform(-dv, dv)
    s = 1.0 + rng.uniform(-ds, ds)
    m = np.zeros((SIZE, SIZE), bool)
    shapes = list(p["shapes"])
    for opt in p.get("optional", []):
        if rng.random() < 0.5:
            shapes.append(opt)
    for sh in shapes:
        if sh[0] == "e":
            _, u, v, a, b, deg = sh
            m |= _ellipse(view, u + ou, v + ov, a * s, b * s, deg + rng.uniform(-8, 8))
        else:
            _, u, v, a, b, a2, b2, deg = sh
            m |= _ellipse(view, u + ou, v + ov, a * s, b * s, deg) & ~_ellipse(view, u + ou, v + ov, a2 * s, b2 * s, deg)
    if p.get("rings"):  # pericardial effusion: a whole ring, or loculated pockets
        u, v = 16 + ou, 2 + ov
        a, b, a2, b2 = 78 * s, 62 * s, 68 * s, 52 * s
        k = rng.choice([1, 1, 2, 3])
        arcs = {1: [(0, 360)], 2: [(195, 345), (15, 165)], 3: [(200, 320), (350, 70), (100, 170)]}[k]
        for t0, t1 in arcs:
            m |= _arc(view, u, v, a, b, a2, b2, t0 % 360, t1 % 360) if (t0, t1) != (0, 360) else (
                _ellipse(view, u, v, a, b, 0) & ~_ellipse(view, u, v, a2, b2, 0))
    if p.get("blobs"):
        blobs = list(p["blobs"])
        k = rng.randint(1 if p["target"] == "pulmonary emboli" else 2, len(blobs))
        idx = sorted(rng.sample(range(len(blobs)), k))
        for i in idx:
            u, v, r = blobs[i]
            rr = r * s
            m |= _ellipse(view, u + rng.uniform(-du, du), v + rng.uniform(-dv, dv), rr * 1.3, rr, rng.uniform(0, 180))
    if p.get("scar"):  # LGE: one or two coronary territories on the LV ring (short-axis display)
        terr = [(250, 290), (70, 110), (120, 160), (20, 60), (300, 340), (200, 240)]
        k = 1 if rng.random() < 0.65 else 2
        first = rng.randrange(len(terr))
        picks = [first] if k == 1 else [first, (first + 3) % len(terr)]
        depth = rng.choice([6.0, 9.0, 12.0])
        for i in picks:
            t0, t1 = terr[i]
            m |= _arc(view, 16 + ou, 2 + ov, 28 * s + depth, 26 * s + depth, 28 * s, 26 * s, t0, t1)
    if p.get("crescent"):  # RV on short axis: crescent on the septal (image-left) side
        m |= _ellipse(view, -22 + ou, 0 + ov, 34 * s, 44 * s, 0) & ~_ellipse(view, 16 + ou, 2 + ov, 42 * s, 40 * s, 0)
    orientation = VIEWS[view]["orientation"]
    others = {}
    for name in sorted(p["others"]):
        u, v = p["others"][name]
        x, y = _to_image(view, u, v)
        others[name] = (x / (SIZE - 1), y / (SIZE - 1))
    return compute_facts(m, orientation, others).model_dump(mode="json")


def record_for(p: dict) -> dict:
    v = VIEWS[p["view"]]
    return dict(modality=v["modality"], body_region=v["region"], orientation=v["orientation"])


def pick_profile(profiles, i, defect, rng):
    if defect == "laterality":  # a side claim needs patient axes
        return rng.choice([p for p in profiles if VIEWS[p["view"]]["orientation"] is not None])
    return rng.choice(profiles)


# -- phrases ---------------------------------------------------------------------------------------

def _pct_text(x: float) -> str:
    if x >= 10:
        return f"{x:.0f}"
    return f"{x:.1f}"


def _screen(view: str, side: str) -> str:
    """The screen side where the patient's `side` is displayed."""
    if VIEWS[view]["orientation"] == "RP":
        return side
    return OPP[side]


class Row:
    """Turns being written and the claims they make."""

    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.turns: list[dict] = []
        self.claims: list[dict] = []
        self.cur: list[str] = []
        self.role = "user"

    def start(self, role):
        self.role = role
        self.cur = []

    def add(self, text, kind="other", value=None, neg=False, true=None, corrected=False):
        self.cur.append(text)
        if kind != "glue":
            self.claims.append(dict(turn=len(self.turns), role=self.role, kind=kind, value=value, neg=neg,
                                    stated_true=true, corrected=corrected, text=text))

    def end(self, sep=" "):
        self.turns.append({"role": self.role, "content": sep.join(t for t in self.cur if t)})


def side_phrase(view, val, lay, rng, neg=False):
    if neg:  # "not on the right" of a left-sided target
        if lay:
            return rng.choice([f"It isn't on your {val} side.", f"It's not on the {val} side of your body."])
        return rng.choice([f"It is not on the patient's {val}.", f"Nothing of it lies on the patient's {val} side.",
                           f"Not {val}-sided."])
    if val in ("left", "right"):
        scr = _screen(view, val)
        if lay:
            return rng.choice([f"It's on the {val} side of your body.",
                               f"It sits on your {val} side, which shows up on the {scr} of the screen.",
                               f"It lies on your {val}; on this picture that is the {scr} side of the image."])
        return rng.choice([f"It lies on the patient's {val}.", f"Patient's {val} side (the {scr} of the screen on this display).",
                           f"It sits {val} of the midline.", f"{val.capitalize()}-sided in the patient.",
                           f"It is on the patient's {val}, i.e. the {scr} side of the image as displayed.",
                           f"Laterality: patient's {val}.", f"You'll find it on the patient's {val} side of the mediastinum."])
    if val == "midline":
        if lay:
            return rng.choice(["It's right in the middle of your chest, not off to one side.",
                               "It sits in the middle of your body rather than on one side."])
        return rng.choice(["It straddles the midline.", "It sits in the midline rather than to one side.",
                           "Midline, spanning both sides of the patient's centre."])
    if val == "bilateral":
        if lay:
            return rng.choice(["There's some on both sides of your body, left and right.",
                               "It shows up on both your right and your left side."])
        return rng.choice(["It is bilateral: there are parts on the patient's right and on the patient's left.",
                           "Both sides are involved, right and left.", "Bilateral on this slice."])
    raise ValueError(val)


VERT_PRO = {
    "anterior": ["It sits anteriorly, toward the front of the chest.", "It lies in the anterior part of the slice.",
                 "Anterior position, nearer the sternum than the spine.", "Anteriorly placed, just behind the chest wall on this cut."],
    "posterior": ["It sits posteriorly, toward the spine.", "It lies in the posterior part of the slice.",
                  "Posterior position, nearer the spine than the sternum.", "Posteriorly placed, toward the back of the mediastinum."],
    "central": None,
    "superior": ["It lies superiorly on this coronal slice, high in the mediastinum.", "It sits in the upper (superior) part of this coronal image."],
    "inferior": ["It lies inferiorly on this coronal slice, toward the diaphragm.", "It sits in the lower (inferior) part of this coronal image."],
    "upper": ["It sits in the upper half of the image.", "It lies toward the top of the frame."],
    "lower": ["It sits in the lower half of the image.", "It lies toward the bottom of the frame."],
}
VERT_LAY = {
    "anterior": ["It sits toward the front of your chest, nearer your breastbone.", "It's toward the front of your body on this slice."],
    "posterior": ["It sits toward the back of your chest, nearer your spine.", "It's toward your back on this slice."],
    "superior": ["It's high up in your chest on this picture.", "It sits toward the top of your chest."],
    "inferior": ["It's low in your chest on this picture, toward the diaphragm.", "It sits toward the bottom of your chest."],
    "upper": ["It's toward the top of the picture.", "It sits in the upper half of the picture."],
    "lower": ["It's toward the bottom of the picture.", "It sits in the lower half of the picture."],
}


def _central_phrase(orientation, lay, rng):
    if orientation is None:
        return rng.choice(["It sits about halfway down the image.", "Top to bottom it is in the middle of the frame."] if not lay
                          else ["It's about halfway down the picture."])
    if orientation[1] == "I":
        return rng.choice(["Head-to-foot it is mid-height on this coronal slice."] if not lay else ["It's about halfway up your chest on this picture."])
    return rng.choice(["Front to back it sits centrally, neither anterior nor posterior.", "Its depth is central: mid-way between sternum and spine."]
                      if not lay else ["It sits about halfway between your breastbone and your spine."])


def vert_phrase(orientation, val, lay, rng, neg=False):
    if neg:
        word = {"anterior": "toward the front", "posterior": "toward the back", "superior": "high up", "inferior": "low down",
                "upper": "in the top half of the picture", "lower": "in the bottom half of the picture"}[val]
        if lay:
            return f"It isn't {word}."
        return rng.choice([f"It is not {val}.", f"It does not sit {val}ly on this slice." if val in ("anterior", "posterior", "superior", "inferior")
                           else f"It is not in the {val} half of the image."])
    if val == "central":
        return _central_phrase(orientation, lay, rng)
    return rng.choice((VERT_LAY if lay else VERT_PRO)[val])


def size_phrase(val, lay, rng, pct=None, neg=False):
    if neg:
        return rng.choice([f"It is not {val}.", f"I wouldn't call it {val}."] if not lay else [f"It isn't {val}."])
    if pct is not None:
        t = _pct_text(pct)
        if lay:
            return rng.choice([f"It takes up roughly {t}% of the picture.", f"It covers about {t} percent of the image."])
        return rng.choice([f"It occupies about {t}% of the image.", f"Area: roughly {t}% of the field of view.",
                           f"It covers approximately {t} per cent of the slice."])
    if lay:
        return {"small": rng.choice(["It's a small area on this picture.", "On this slice it's small."]),
                "medium": rng.choice(["It's a medium-sized area on this picture.", "On this slice it's moderate in size, neither tiny nor huge."]),
                "large": rng.choice(["It's large on this picture and fills much of it.", "On this slice it's big."])}[val]
    return {"small": rng.choice(["Small on this slice.", "It is a small structure in this section.", "Size: small.", "Only a small area on this cut."]),
            "medium": rng.choice(["Medium-sized on this slice.", "It is of moderate size in this section.", "Size: medium."]),
            "large": rng.choice(["Large on this slice.", "It is a large structure in this section, taking up a big share of it.", "Size: large.", "A large area on this cut."])}[val]


def count_phrase(p, n, lay, rng, neg=False):
    pieces = p["pieces"]
    if neg:  # n is the count denied: 1 ("not one piece") or 0 meaning "not several"
        if n == 1:
            return rng.choice([f"It is not a single {p['noun']} here.", "It is not one continuous region."] if not lay
                              else ["It isn't just one spot."])
        return rng.choice(["It is not broken into several pieces.", f"There are not multiple separate {pieces}."] if not lay
                          else ["It isn't split into separate bits."])
    if n == 1:
        if lay:
            return rng.choice(["It's all one connected piece.", "It's a single area, all joined up."])
        return rng.choice(["It is a single connected region.", f"One contiguous {p['noun']} on this slice.", "Components: 1.",
                           "It is all one piece on this cut."])
    w = NUM[n]
    if lay:
        return rng.choice([f"There are {w} separate areas.", f"It shows up as {w} separate spots."])
    return rng.choice([f"There are {w} separate {pieces} on this slice.", f"It consists of {n} distinct {pieces}.",
                       f"{w.capitalize()} separate components.", f"I count {w} discrete {pieces}."])


REL_PRO = {"left_of": ["to the patient's left of the {o}", "on the patient's left relative to the {o}"],
           "right_of": ["to the patient's right of the {o}", "on the patient's right relative to the {o}"],
           "anterior_to": ["anterior to the {o}", "in front of the {o}"],
           "posterior_to": ["posterior to the {o}", "behind the {o}"],
           "superior_to": ["above the {o}", "superior to the {o}"],
           "inferior_to": ["below the {o}", "inferior to the {o}"]}
REL_LAY = {"left_of": ["further to your left than the {o}"], "right_of": ["further to your right than the {o}"],
           "anterior_to": ["in front of the {o}"], "posterior_to": ["behind the {o}"],
           "superior_to": ["higher up than the {o}"], "inferior_to": ["lower down than the {o}"]}


def rel_phrase(rel, other, lay, rng):
    body = rng.choice((REL_LAY if lay else REL_PRO)[rel]).format(o=other)
    if lay:
        return rng.choice([f"It sits {body}.", f"You'll see it {body}."])
    return rng.choice([f"It lies {body}.", f"Relation: {body}.", f"It sits {body} on this slice."])


# -- truth -----------------------------------------------------------------------------------------

def _truth(p, facts):
    orient = VIEWS[p["view"]]["orientation"]
    rels = [(r["relation"], r["other"]) for r in facts["relations"]]
    return dict(side=None if facts["laterality"] == "unknown" else facts["laterality"], vert=facts["vertical"],
                size=facts["size_class"], pct=facts["area_fraction"] * 100, n=facts["components"], rels=rels,
                orient=orient)


def _false_value(kind, T, rng):
    if kind == "side":
        s = T["side"]
        if s in ("left", "right"):
            return rng.choice([OPP[s], OPP[s], "bilateral", "midline"])
        if s == "midline":
            return rng.choice(["left", "right"])
        return rng.choice(["left", "right"])  # bilateral said one-sided
    if kind == "vert":
        v = T["vert"]
        if v in OPP:
            return OPP[v]
        o = T["orient"]
        return rng.choice(["upper", "lower"] if o is None else ["superior", "inferior"] if o[1] == "I" else ["anterior", "posterior"])
    if kind == "rel":
        rel, other = rng.choice(T["rels"])
        return (FLIP[rel], other)
    if kind == "size":
        s = T["size"]
        if rng.random() < 0.5:
            return ("class", {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[s])
        if s == "small":
            return ("pct", rng.choice([12.0, 15.0, 18.0, 22.0]))
        if s == "large":
            return ("pct", rng.choice([0.3, 0.4, 0.5]))
        return ("pct", rng.choice([0.2, 0.3, 20.0, 25.0]))
    if kind == "count":
        n = T["n"]
        return rng.choice([n + 1, n - 1]) if n > 1 else rng.choice([2, 3])
    raise ValueError(kind)


def _true_value(kind, T, rng):
    if kind == "side":
        return T["side"]
    if kind == "vert":
        return T["vert"]
    if kind == "rel":
        return rng.choice(T["rels"])
    if kind == "size":
        if T["pct"] >= 0.1 and rng.random() < 0.4:
            return ("pct", T["pct"])
        return ("class", T["size"])
    if kind == "count":
        return T["n"]
    raise ValueError(kind)


def claim_text(R, kind, value, neg=False):
    p, rng, lay = R.p, R.rng, R.style == "patient"
    view = p["view"]
    if kind == "side":
        return side_phrase(view, value, lay, rng, neg)
    if kind == "vert":
        return vert_phrase(VIEWS[view]["orientation"], value, lay, rng, neg)
    if kind == "size":
        k, v = value
        return size_phrase(v, lay, rng, pct=None, neg=neg) if k == "class" else size_phrase(None, lay, rng, pct=v)
    if kind == "count":
        return count_phrase(p, value, lay, rng, neg)
    if kind == "rel":
        return rel_phrase(value[0], value[1], lay, rng)
    raise ValueError(kind)


def add_claim(R, kind, value, true, neg=False, corrected=False, text=None):
    text = text or claim_text(R, kind, value, neg)
    R.add(text, kind, value, neg=neg, true=true, corrected=corrected)
    return text


def premise_text(R, kind, value):
    """A user's premise clause stating `value` (no final punctuation)."""
    rng, lay = R.rng, R.style == "patient"
    if kind == "side":
        if value in ("left", "right"):
            return rng.choice([f"Since it's on the patient's {value}", f"Given that it sits on the {value} side"] if not lay
                              else [f"So it's on my {value} side", f"Since it's on my {value}"])
        if value == "midline":
            return "Given that it sits in the midline" if not lay else "So it's in the middle of my chest"
        return "Since it's on both sides, right and left" if not lay else "So it's on both sides of me"
    if kind == "vert":
        w = {"anterior": "anteriorly", "posterior": "posteriorly", "superior": "superiorly", "inferior": "inferiorly",
             "upper": "in the upper half of the image", "lower": "in the lower half of the image",
             "central": "centrally"}[value]
        if lay:
            w = {"anterior": "toward the front", "posterior": "toward the back", "superior": "high up",
                 "inferior": "low down", "upper": "in the top half of the picture", "lower": "in the bottom half of the picture",
                 "central": "in the middle, front to back"}[value]
            return f"So it's {w}"
        return rng.choice([f"Since it lies {w}", f"Given it sits {w} on this slice"])
    if kind == "rel":
        rel, other = value
        body = (REL_LAY if lay else REL_PRO)[rel][0].format(o=other)
        return f"Since it sits {body}" if not lay else f"So it's {body}"
    if kind == "size":
        k, v = value
        if k == "pct":
            return f"Given it takes up about {_pct_text(v)}% of the image" if not lay else f"So it covers about {_pct_text(v)}% of the picture"
        return f"Given that it's {v} on this slice" if not lay else f"So it's {v}"
    if kind == "count":
        if value == 1:
            return "Since it's a single piece" if not lay else "So it's just one piece"
        return f"Since there are {NUM[value]} separate {R.p['pieces']}" if not lay else f"So there are {NUM[value]} separate spots"
    raise ValueError(kind)


# -- the registers ---------------------------------------------------------------------------------

def _view_text(R):
    v = VIEWS[R.p["view"]]
    return R.rng.choice(R.p.get("lay_view", v["lay"]) if R.style == "patient" else v["text"])


def first_question(R, names_target):
    p, rng, st = R.p, R.rng, R.style
    view = _view_text(R)
    if names_target:
        t = p["target"]
        q = {"cmr": [f"Please segment the {t} on {view} for the report.", f"Can you contour the {t} on {view}? I need it for the volumes."],
             "fellow": [f"Can you show me the {t} on {view}? I want to check I've got the right structure.",
                        f"I'm supposed to find the {t} on {view}. Could you segment it and teach me the landmarks?"],
             "surgeon": [f"Outline the {t} on {view}, please. I'm planning the approach.", f"Segment the {t} on {view} for my pre-op plan."],
             "patient": [f"Where is the {t} on {view}? Can you highlight it?", f"My report mentions the {t}. Could you show me where it is on {view}?"]}[st]
        return rng.choice(q)
    if st == "patient":
        lay = rng.choice(p["lay"])
        return rng.choice([f"When my doctor went over my scan she mentioned {lay}. Can you point it out on {view}?",
                           f"Where on {view} is {lay}? I'd like to see it for myself.",
                           f"Could you show me {lay} on {view}? I'm trying to understand my report."])
    clue = rng.choice(p["clue"])
    q = {"cmr": [f"For the report: please segment {clue} on {view}.", f"Reading this study now. On {view}, mark {clue}.",
                 f"Which structure on {view} is {clue}? Outline it and give me a line for the report."],
         "fellow": [f"Teaching question from this morning's list: on {view}, which structure is {clue}? Could you segment it and talk me through it?",
                    f"I'm still learning cardiac imaging anatomy. Which part of {view} is {clue}? Please highlight it.",
                    f"My attending asked me to find {clue} on {view} and I'm not confident. Can you show me?"],
         "surgeon": [f"Planning Thursday's case. On {view}, show me {clue}.",
                     f"Before I open the chest I want {clue} outlined on {view}. Where is it?",
                     f"Segment {clue} on {view}, please; I'm mapping out the approach."]}[st]
    return rng.choice(q)


def intro(R):
    p, rng, st = R.p, R.rng, R.style
    n, N = p["name"], p["name"][0].upper() + p["name"][1:]
    return rng.choice({
        "cmr": [f"{N} [SEG].", f"Segmented: {n} [SEG].", f"That's {n}; contour here [SEG]."],
        "fellow": [f"Good one to learn. What you're describing is {n}, shown here: [SEG].",
                   f"Work from the function backwards and you land on {n}. Here it is: [SEG].",
                   f"That's {n} [SEG]. Let's go through how to recognise it."],
        "surgeon": [f"That's {n}, outlined here [SEG].", f"{N}. Marked for you: [SEG].", f"You're after {n} [SEG]."],
        "patient": [f"What you're asking about is {p['lay_name']}. I've highlighted it here: [SEG].",
                    f"That would be {p['lay_name']}, shown in colour here [SEG].",
                    f"Good question. It's {p['lay_name']}; you can see it highlighted here: [SEG]."],
    }[st])


def lead_know(R, k):
    """A knowledge sentence after a register's lead-in."""
    lead = know_lead(R)
    return lead + " " + (k[0].lower() + k[1:] if lead.endswith(",") and not k[:3].isupper() else k)


def know_lead(R):
    return R.rng.choice({"cmr": ["For context,", "Reference point:", "Worth noting for the report:"],
                         "fellow": ["Teaching point:", "Something to remember for your boards:", "A number worth knowing:"],
                         "surgeon": ["Planning-wise,", "For what it's worth,", "General point:"],
                         "patient": ["A bit of background:", "In case it helps,", "For general interest,"]}[R.style])


def lay_know(R, k):
    return k if R.style != "patient" else R.rng.choice(["Doctors use numbers like this: ", "For reference, "]) + k[0].lower() + k[1:]


ASK = {
    "side": {"cmr": ["Which side do I document?", "Side, in patient terms?"],
             "fellow": ["Which side of the patient is that? I always mix up the display convention.", "How do I tell which side it's on here?"],
             "surgeon": ["Which side is it on? Patient's side, please.", "Which side of the patient does it lie on?"],
             "patient": ["Is it on my left or my right?", "Which side of my body is it on?"]},
    "vert": {"cmr": ["Where does it sit on this slice, front to back or top to bottom?", "Position on the slice?"],
             "fellow": ["Where does it sit on the slice? I'm trying to build my mental map.", "How deep does it sit in this section?"],
             "surgeon": ["How deep is it on this slice? I need to know what I'll meet first.", "Where does it sit on the slice?"],
             "patient": ["Whereabouts in my chest is it on this picture?", "Is it near the front or the back?"]},
    "size": {"cmr": ["How large is it on this slice?", "Size on this section?"],
             "fellow": ["How big is it here compared with the rest of the image?", "What about its size on this slice?"],
             "surgeon": ["How much of the slice does it take up?", "Is it big on this cut?"],
             "patient": ["How big is it on the picture?", "Is it big or small?"]},
    "count": {"cmr": ["One region or several?", "How many separate components?"],
              "fellow": ["Is it one connected piece or more than one?", "How many separate pieces does the segmentation have?"],
              "surgeon": ["How many separate pieces am I dealing with?", "Is it in one piece?"],
              "patient": ["Is it all one thing, or are there several?", "How many spots are there?"]},
    "rel": {"cmr": ["Relation to the {o}?", "Where is it relative to the {o}?"],
            "fellow": ["How does it relate to the {o}?", "Where is it compared with the {o}?"],
            "surgeon": ["Where does it sit relative to the {o}?", "Which way is it from the {o}?"],
            "patient": ["Where is it compared with the {o}?", "Is it near the {o}?"]},
}
KNOW_Q = {"cmr": ["Any reference value I should quote?", "Anything I should add as context?"],
          "fellow": ["What number should I keep in mind for this?", "Any pearl to remember about it?"],
          "surgeon": ["Anything that changes my plan?", "What should I keep in mind for the operation?"],
          "patient": ["Is that something to worry about?", "What does that mean for me?"]}
PREMISE_TAIL = {"cmr": ["worth a line in the report?", "does that change anything I should write?"],
                "fellow": ["is that the usual anatomy?", "does that fit what I should expect?"],
                "surgeon": ["does that change my approach?", "anything that alters the plan?"],
                "patient": ["is that normal?", "have I got that right?", "does that matter?"]}
PREMISE_GLUE = {"cmr": ["Nothing in that needs its own line in the report.", "I'd leave the report wording as it is."],
                "fellow": ["Good that you're thinking about it; here's the more useful point.", "Let's move to the teaching point that matters."],
                "surgeon": ["It doesn't change the plan on its own.", "Not by itself."],
                "patient": ["On its own that isn't a reason to worry.", "That by itself isn't something to worry about."]}
AGREE = {"cmr": ["Agreed, and one short line is enough.", "Yes, that's accurate; mention it briefly."],
         "fellow": ["Exactly right, that's the usual picture.", "Yes, well spotted."],
         "surgeon": ["Correct, and it doesn't alter the plan by itself.", "Right; nothing to change there."],
         "patient": ["Yes, you've understood that correctly.", "That's right."]}
CORRECT = {"cmr": ["Not quite.", "Correction to that:"], "fellow": ["Careful, that's a common slip.", "Not quite, and this is worth getting right."],
           "surgeon": ["No, check that again.", "Not so."], "patient": ["Not quite, actually.", "Let me gently correct that."]}
SLIP = ["I mean:", "sorry, let me correct that:", "scratch that:", "no, correction:"]
HYPO = {"left": "If this patient had situs inversus, it would lie on the opposite side; that is not the case here.",
        "right": "If this patient had situs inversus, it would lie on the opposite side; that is not the case here.",
        "conv": "Had the image been shown in the other display convention, the screen sides would swap, but the patient's side would not.",
        "none": "Short-axis and four-chamber planes are oblique to the body, so the screen's left and right are not the patient's left and right."}


def _qtext(R, kind, value=None):
    q = R.rng.choice(ASK[kind][R.style])
    return q.format(o=value[1]) if kind == "rel" else q


def build(p, facts, style, rng, defect):
    R = Row(p, facts, style, rng)
    T = _truth(p, facts)
    avail = ["vert", "size", "count"] + (["side"] if T["side"] else []) + (["rel"] if T["rels"] else [])
    dk = None
    if defect in ("laterality", "size", "count"):
        dk = {"laterality": "side", "size": "size", "count": "count"}[defect]
    elif defect == "position":
        if T["rels"] and (T["vert"] == "central" or rng.random() < 0.4):
            dk = "rel"
        else:
            dk = "vert"
    loc = rng.choice(["first", "follow", "premise"]) if dk else None
    others = [k for k in avail if k != dk]
    rng.shuffle(others)
    n_first = rng.choice([1, 2, 2, 3])
    first_kinds = others[:n_first]
    rest = others[n_first:]
    traps = []
    if defect in (None, "names_target"):
        pool = ["neg", "premise_corr", "true_premise", "selfcorr", "hypo", "neg", "premise_corr"]
        traps = sorted(set(rng.sample(pool, rng.choice([1, 2, 2]))), key=pool.index)
    else:
        if rng.random() < 0.6:
            traps = [rng.choice(["neg", "true_premise", "premise_corr", "hypo"])]
    if "hypo" in traps and not T["side"] and rng.random() < 0.5:
        traps.remove("hypo")
    # the follow-up rounds: (topic, kind)
    rounds = []
    if loc in ("follow", "premise"):
        rounds.append((loc, dk))
    for t in traps:
        if t in ("premise_corr", "true_premise"):
            cands = [k for k in avail if k != dk]
            rounds.append((t, rng.choice(cands)))
    rng.shuffle(rest)
    for k in rest:
        rounds.append(("ask", k))
    rounds.append(("know", None))
    mandatory = sum(1 for t, _ in rounds if t != "ask" and t != "know")  # the defect and trap rounds come first
    n_rounds = rng.randint(max(1, min(mandatory, 3)), min(3, len(rounds)))
    keep = rounds[:n_rounds]
    order = keep[:]
    rng.shuffle(order)

    # turn 0: the question
    R.start("user")
    R.add(first_question(R, defect == "names_target"), "question")
    R.end()
    # turn 1: the answer
    R.start("assistant")
    R.add(intro(R), "glue")
    knowledge = list(p["know"])
    rng.shuffle(knowledge)
    body = []
    for k in first_kinds:
        body.append(("true", k))
    if loc == "first":
        body.insert(rng.randrange(len(body) + 1), ("false", dk))
    if "selfcorr" in traps and first_kinds:
        i = rng.randrange(len(first_kinds))
        body[[b[1] for b in body].index(first_kinds[i])] = ("slip", first_kinds[i])
    for mode, k in body:
        if mode == "true":
            add_claim(R, k, _true_value(k, T, rng), True)
        elif mode == "false":
            add_claim(R, k, _false_value(k, T, rng), False)
        else:
            wrong = _false_value(k, T, rng)
            t1 = claim_text(R, k, wrong).rstrip(".")
            R.add(t1 + " —", k, wrong, true=False, corrected=True)
            R.add(rng.choice(SLIP), "glue")
            add_claim(R, k, _true_value(k, T, rng), True)
    if "neg" in traps:
        cands = [k for k in ("side", "vert", "count", "size") if k != dk and k in avail]
        k = rng.choice(cands)
        if k == "side" and T["side"] in ("left", "right"):
            add_claim(R, "side", OPP[T["side"]], True, neg=True)
        elif k == "vert" and T["vert"] in OPP:
            add_claim(R, "vert", OPP[T["vert"]], True, neg=True)
        elif k == "count":
            add_claim(R, "count", 0 if T["n"] == 1 else 1, True, neg=True)
        elif k == "size" and T["size"] != "medium":
            add_claim(R, "size", ("class", "large" if T["size"] == "small" else "small"), True, neg=True)
        else:
            R.add(knowledge.pop() if knowledge else "", "other")
    if "hypo" in traps:
        if T["side"] in ("left", "right"):
            R.add(HYPO["left"] if style != "patient" else
                  "If you had situs inversus, a rare mirror-image layout, it would be on the other side; you don't.", "other")
        elif T["orient"] is None:
            R.add(HYPO["none"], "other")
        else:
            R.add(HYPO["conv"], "other")
    if rng.random() < 0.6 and knowledge:
        R.add(lead_know(R, knowledge.pop()), "other")
    R.end(sep="\n" if style == "cmr" and rng.random() < 0.4 else " ")

    for topic, k in order:
        R.start("user")
        if topic in ("ask", "follow"):
            value = _true_value(k, T, rng) if topic == "ask" else (_false_value(k, T, rng) if k != "rel" else None)
            if k == "rel":
                # ask about the other structure, then answer with the true or flipped relation
                rel, other = rng.choice(T["rels"])
                value = (rel, other) if topic == "ask" else (FLIP[rel], other)
            R.add(_qtext(R, k, value), "question")
            R.end()
            R.start("assistant")
            if rng.random() < 0.3:
                R.add(rng.choice(["Sure.", "Good question.", "Let me check the contour."]), "glue")
            add_claim(R, k, value, topic == "ask")
            if knowledge and rng.random() < 0.4:
                R.add(lay_know(R, knowledge.pop()), "other")
            R.end()
        elif topic == "know":
            R.add(rng.choice(KNOW_Q[style]), "question")
            R.end()
            R.start("assistant")
            R.add(lay_know(R, knowledge.pop() if knowledge else p["know"][0]), "other")
            R.end()
        elif topic == "premise":
            value = _false_value(k, T, rng)
            R.add(premise_text(R, k, value) + ", " + rng.choice(PREMISE_TAIL[style]), k, value, true=False)
            R.end()
            R.start("assistant")
            R.add(rng.choice(PREMISE_GLUE[style]), "glue")
            R.add(lay_know(R, knowledge.pop() if knowledge else p["know"][0]), "other")
            R.end()
        elif topic == "premise_corr":
            value = _false_value(k, T, rng)
            R.add(premise_text(R, k, value) + ", " + rng.choice(PREMISE_TAIL[style]), k, value, true=False, corrected=True)
            R.end()
            R.start("assistant")
            R.add(rng.choice(CORRECT[style]), "glue")
            add_claim(R, k, _true_value(k, T, rng) if k != "rel" else _rel_fix(value), True)
            R.end()
        elif topic == "true_premise":
            value = _true_value(k, T, rng)
            R.add(premise_text(R, k, value) + ", " + rng.choice(PREMISE_TAIL[style]), k, value, true=True)
            R.end()
            R.start("assistant")
            R.add(rng.choice(AGREE[style]), "glue")
            if knowledge:
                R.add(lay_know(R, knowledge.pop()), "other")
            else:
                R.add(rng.choice(["Nothing further to add.", "That's all there is to it."]), "glue")
            R.end()
    LEDGER.append(R.claims)
    return R.turns, ([] if defect is None else [defect])


def _rel_fix(value):
    rel, other = value
    return (FLIP[rel], other)
