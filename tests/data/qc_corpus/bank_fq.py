"""Bank FQ: vascular imaging (CT angiography, CT pulmonary angiography, CT venography, MR angiography and duplex
ultrasound): aortic, iliac, popliteal and visceral aneurysms, dissection flaps and false lumens, endoleaks, carotid
plaque, renal and mesenteric arteries, pulmonary emboli, deep-vein and caval thrombus, runoff occlusions.

Registers: a vascular surgeon planning a repair (`surgeon`), a vascular lab sonographer's worksheet (`worksheet`),
an on-call radiologist on the phone to the emergency department (`oncall`), a patient's follow-up questions
(`patient`). Diameters, NASCET percentages, velocities, doses and scores are not the mask's size; they sit beside
the claims as traps, with true negations, hypotheticals, other structures' sides, user premises the assistant
corrects and the assistant's own corrected slips (clean rows only).

Written blind (the QC rules, their tests and other banks unread). The writer's own ledger check
(/work/notes/qcfq_scripts/check_fq.py), seed 20261300:
rows 420, clean 210, defects laterality 42 position 42 size 42 count 42 names_target 42; defect sits in first answer 58, follow-up answer 52, user premise 58, first question (names_target) 42; problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

LEDGER: list[dict] = []  # one entry per build call: the claims each row makes (read by the writer's checker)

STYLES = ["surgeon", "worksheet", "oncall", "patient"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
W = H = 256
C0 = (W - 1) / 2


def _P(target, short, disp, mod, region, orient, plane, sites, n, others, names, clin, lay, kn, nxt, unit, lay_gloss,
       sided=None, must=1):
    return dict(target=target, short=short, disp=disp, mod=mod, region=region, orient=orient, plane=plane,
                sites=sites, n=n, others=others, names=names, clin=clin, lay=lay, kn=kn, nxt=nxt, unit=unit,
                lay_gloss=lay_gloss, must=must,
                sided=sided or next((x for x in ("left", "right", "bilateral") if target.startswith(x)), ""))


# sites: (lat, v, rx, ry) in pixels from the patient centre; lat > 0 is the patient's left, v > 0 is posterior
# (axial) or inferior (coronal). n: (min, max) pieces, the first site always drawn.
PROFILES = [
    _P("abdominal aortic aneurysm", "aortic aneurysm", "an infrarenal abdominal aortic aneurysm", "CT", "abdomen", "LP",
       "axial", [(9, 2, 30, 29)], (1, 1), {"inferior vena cava": (-30, 0), "vertebral body": (0, 48)},
       ["aneurysm", "aaa"],
       ["a 74-year-old ex-smoker whose GP felt a pulsatile epigastric mass", "a 69-year-old man picked up on the screening programme with a wide aorta on ultrasound last year",
        "an 80-year-old with sudden back pain, haemodynamically stable, BP 138/80"],
       ["My GP said she could feel a pulsing lump in my tummy and sent me for this scan.", "They told me my main artery is 'a bit wide' and they're keeping an eye on it."],
       ["Repair is usually offered once the maximum diameter reaches 5.5 cm in men, or 5.0 cm in women.",
        "Growth of more than 1 cm in a year is the other trigger for repair, whatever the size.",
        "For EVAR we want an infrarenal neck of at least 10-15 mm with less than 60 degrees of angulation."],
       ["Surveillance at this size would be every 3 months, with a vascular clinic review.", "If the neck is suitable I'd lean to EVAR; the CTA is thin-slice, 1 mm, so sizing is reliable."],
       ("aneurysm sac", "aneurysm sacs"), "a ballooned section of the main artery in your abdomen"),
    _P("infrarenal aortic aneurysm", "aortic aneurysm", "an infrarenal aortic aneurysm", "MR", "abdomen", "LI",
       "coronal", [(6, 30, 26, 40)], (1, 1), {"left kidney": (70, -10), "right kidney": (-70, -5)},
       ["aneurysm", "aaa"],
       ["a 71-year-old with a previous aortic screen of 4.9 cm who cannot have iodinated contrast (eGFR 24)", "a 66-year-old woman with claudication and a pulsatile abdomen, on gadolinium MRA because of a contrast allergy"],
       ["I'm allergic to the CT dye so they did an MRI of my blood vessels. The letter mentioned a widened artery.", "They keep measuring something in my belly every year and this time it was an MRI."],
       ["Women rupture at smaller diameters, which is why the threshold is 5.0 cm rather than 5.5 cm.",
        "About 1 in 70 men aged 65 screened in the UK programme has an aneurysm of 3 cm or more."],
       ["With an eGFR of 24, a CO2-angiogram or a non-contrast planning CT would be the fallback.", "I'd repeat the MRA in 6 months."],
       ("aneurysm", "aneurysms"), "a widened segment of your main artery below the kidney arteries"),
    _P("type II endoleak", "endoleak", "a type II endoleak", "CT", "abdomen", "LP",
       "axial", [(18, 12, 6, 5), (-12, 14, 4, 4), (4, -20, 4, 3)], (1, 3),
       {"stent-graft limbs": (2, -4), "vertebral body": (0, 52)}, ["endoleak"],
       ["a patient 12 months after EVAR whose sac has grown from 5.8 to 6.3 cm", "a routine 1-year post-EVAR surveillance CTA with delayed phase"],
       ["I had a stent put in my aorta last year and they said the bag around it is still getting bigger.", "At my check-up after the stent they mentioned a 'leak', and I don't really get what's leaking."],
       ["Type II leaks come from lumbar arteries or the IMA and about half seal on their own.",
        "Sac growth of more than 5 mm is the usual trigger to treat one."],
       ["Translumbar embolisation is an option if the sac keeps growing.", "Delayed-phase imaging at 70-90 seconds is what shows these best."],
       ("focus of contrast", "foci of contrast"), "a spot where blood is still trickling into the old aneurysm sac outside the stent"),
    _P("aortic dissection intimal flap", "dissection flap", "a Stanford type A dissection flap", "CT", "thorax", "LP",
       "axial", [(-18, -28, 15, 3), (24, 36, 11, 3)], (2, 2),
       {"pulmonary trunk": (12, -24), "trachea": (0, 0), "vertebral body": (2, 58)},
       ["dissection", "flap"],
       ["a 58-year-old hypertensive with tearing chest pain going through to the back, BP 190/105 in the right arm and 150/90 in the left",
        "a 63-year-old with chest pain, a new diastolic murmur and a widened mediastinum on the portable film"],
       ["I was rushed in with a terrible tearing pain in my chest and back. Now I'm recovering and want to understand the scan.",
        "The surgeons said there was a tear inside my main artery near the heart. I'd like to see it."],
       ["Type A involves the ascending aorta and is a surgical emergency; mortality rises about 1-2% per hour untreated early on.",
        "A blood pressure difference of more than 20 mmHg between the arms is a classic but unreliable sign."],
       ["Target systolic under 120 mmHg and a heart rate under 60 with IV labetalol while theatre is set up.", "Cardiothoracics need to be called now, not after the report."],
       ("flap segment", "flap segments"), "the thin torn inner lining of your aorta", must=2),
    _P("type B dissection false lumen", "false lumen", "the false lumen of a type B dissection", "CT", "thorax", "LP",
       "axial", [(26, 34, 14, 10)], (1, 1), {"vertebral body": (2, 60), "left atrium": (6, 4), "trachea": (-2, -18)},
       ["false lumen", "dissection"],
       ["a 61-year-old with interscapular pain, normal ascending aorta on echo, BP 175/100", "uncomplicated acute aortic syndrome day 3, repeat CTA for progression"],
       ["They said the tear in my aorta is in the part going down my back, and that I don't need an operation yet.",
        "I'm on blood pressure tablets after the tear in my artery. What is the second channel they talked about?"],
       ["Uncomplicated type B is managed medically first, with TEVAR for malperfusion, rupture or rapid growth.",
        "A false-lumen diameter above 22 mm at onset predicts later aneurysmal growth."],
       ["Repeat CTA at 1, 3 and 12 months.", "If the total aortic diameter passes 55 mm we'd discuss TEVAR."],
       ("channel", "channels"), "the second, false channel that blood has torn into in the wall of your aorta"),
    _P("descending thoracic aortic aneurysm", "thoracic aneurysm", "a descending thoracic aortic aneurysm", "CT", "thorax", "LP",
       "axial", [(28, 30, 32, 30)], (1, 1), {"vertebral body": (0, 62), "trachea": (-4, -22), "left main bronchus": (16, -2)},
       ["aneurysm"],
       ["a 76-year-old with hoarseness and a widened mediastinal contour on the chest film", "a 70-year-old on surveillance for a 5.4 cm thoracic aorta planned for TEVAR"],
       ["They found something on a chest X-ray and now say the big artery in my chest is wide.", "I've been told I might need a stent in my chest artery. What are they looking at?"],
       ["TEVAR is usually offered at 5.5-6.0 cm for the descending thoracic aorta.",
        "Spinal cord ischaemia after TEVAR runs at about 2-10%, higher with long coverage."],
       ["We'd want a CSF drain if coverage goes beyond about 20 cm.", "Landing zone planning needs 20 mm of healthy aorta at each end."],
       ("aneurysm", "aneurysms"), "a widened part of the main artery running down the back of your chest"),
    _P("ascending aortic aneurysm", "ascending aneurysm", "an ascending aortic aneurysm", "CT", "thorax", "LP",
       "axial", [(-18, -24, 30, 29)], (1, 1), {"pulmonary trunk": (20, -26), "superior vena cava": (-46, -22), "descending aorta": (26, 38)},
       ["aneurysm"],
       ["a 55-year-old with a bicuspid valve on echo and a root of 4.6 cm", "a 48-year-old tall man with lens dislocation in childhood, for annual aortic imaging"],
       ["I have a heart valve with two flaps instead of three and they keep scanning my chest artery.", "My brother had a problem with his chest artery and now they've scanned me too."],
       ["Elective replacement is usually advised at 5.5 cm, or 5.0 cm with a bicuspid valve and risk factors, or about 4.5-5.0 cm in Marfan syndrome.",
        "Growth of 3 mm or more a year is also an indication."],
       ["Annual imaging until it reaches the threshold.", "Beta-blockade and tight blood pressure control in the meantime."],
       ("aneurysm", "aneurysms"), "a widened part of the main artery just as it leaves your heart"),
    _P("saddle pulmonary embolus", "saddle embolus", "a saddle pulmonary embolus", "CT", "thorax", "LP",
       "axial", [(2, -8, 26, 5)], (1, 1), {"ascending aorta": (-24, -14), "descending aorta": (26, 38)},
       ["embol", "saddle", "pe", "clot"],
       ["a 44-year-old 10 days after knee surgery, SpO2 86% on air, HR 128, troponin up", "a 67-year-old with syncope and an RV/LV ratio that looks high on echo"],
       ["I collapsed a week after my knee operation and they found something blocking the blood flow to my lungs.",
        "They said I had a big blockage in the artery to both lungs and gave me a drug to dissolve it."],
       ["An RV/LV ratio above 1.0 on CT marks right heart strain.", "Systemic thrombolysis is alteplase 100 mg over 2 hours in massive PE."],
       ["Anticoagulate for at least 3 months.", "If he becomes hypotensive, the PERT team should consider catheter-directed therapy."],
       ("embolus", "emboli"), "a clot sitting across the fork of the main lung artery"),
    _P("bilateral pulmonary emboli", "pulmonary emboli", "bilateral pulmonary emboli", "CT", "thorax", "LP",
       "axial", [(-48, 22, 7, 6), (46, 26, 7, 6), (-40, -12, 6, 5), (42, -22, 6, 5), (-52, 44, 5, 5)], (2, 5),
       {"heart": (10, -20), "descending aorta": (24, 40)},
       ["embol", "pe", "clot"],
       ["a 52-year-old on the pill with pleuritic chest pain and a Wells score of 6", "a 70-year-old with cancer, breathless, D-dimer 4,200 ng/mL"],
       ["I've been short of breath for a week and they found blockages in my lung arteries.", "They started me on blood thinners for something in my lungs and I want to see where it is."],
       ["About 30% of PE patients have no identifiable provoking factor.", "Segmental and subsegmental clots are treated the same way when symptomatic."],
       ["Apixaban 10 mg twice daily for 7 days, then 5 mg twice daily.", "Leg duplex is worth doing if it changes duration of treatment."],
       ("embolus", "emboli"), "clots lodged in the arteries of your lungs", must=2),
    _P("right lower lobe pulmonary emboli", "lower lobe embolism", "right lower lobe pulmonary embolism", "CT", "thorax", "LP",
       "axial", [(-50, 28, 7, 6), (-38, 46, 5, 5)], (1, 2), {"descending aorta": (24, 40), "heart": (10, -18)},
       ["embol", "pe", "clot"],
       ["a 38-year-old 4 weeks post-partum with haemoptysis and a pleural rub", "a 59-year-old after a long-haul flight with pleuritic pain low in the chest"],
       ["I had sharp pain when breathing in, low down in my chest, and they said it was a blockage in an artery.", "After my flight I got chest pain and a cough with a bit of blood. They showed me a scan."],
       ["The lower lobes receive most of the blood flow, so emboli lodge there most often.", "A small wedge-shaped opacity may be an infarct, seen in about 10-15% of cases."],
       ["Anticoagulation for 3 months for a provoked event.", "No need for thrombolysis with a normal RV."],
       ("embolus", "emboli"), "clots in the arteries of the lower part of your lung"),
    _P("left internal carotid artery plaque", "carotid plaque", "a left internal carotid artery plaque", "CT", "neck", "LP",
       "axial", [(34, 4, 7, 6)], (1, 1), {"larynx": (0, -26), "right internal carotid artery": (-34, 4), "left internal jugular vein": (50, 2)},
       ["carotid", "ica", "plaque"], ["a 68-year-old with two episodes of right arm weakness lasting 20 minutes", "a 72-year-old with transient loss of vision in the left eye, like a curtain coming down"],
       ["I had a mini-stroke where my arm went weak for a few minutes. They said the cause is in my neck.", "My vision went dark in one eye for a few minutes and they've done a neck scan."],
       ["Endarterectomy is recommended for symptomatic NASCET 70-99% stenosis, ideally within 14 days.",
        "A PSV over 230 cm/s in the ICA corresponds to 70% or more by consensus criteria."],
       ["Start clopidogrel 75 mg and a high-dose statin today.", "I'd book CEA within the 2-week window."],
       ("plaque", "plaques"), "a build-up of fatty material narrowing an artery in your neck"),
    _P("right carotid bulb plaque", "carotid bulb plaque", "a right carotid bulb plaque", "CT", "neck", "LP",
       "axial", [(-34, 2, 8, 7)], (1, 1), {"larynx": (0, -26), "left internal carotid artery": (34, 2), "right internal jugular vein": (-50, 0)},
       ["carotid", "ica", "bulb", "plaque"], ["a 75-year-old with amaurosis fugax of the right eye", "a 64-year-old with left face and arm numbness, resolved, ABCD2 score 5"],
       ["I had a funny turn where my face went numb and they found something in an artery in my neck.", "They did a scan of my neck arteries after I lost sight in one eye for a short time."],
       ["NASCET measures the narrowest lumen against the normal distal ICA.",
        "Asymptomatic stenosis under 60% is managed medically."],
       ["Duplex and CTA agree, so no catheter angiogram needed.", "Refer to the TIA clinic today."],
       ("plaque", "plaques"), "a fatty build-up where the artery in your neck splits"),
    _P("bilateral carotid bifurcation plaques", "carotid plaques", "bilateral carotid bifurcation plaques", "CT", "neck", "LP",
       "axial", [(-35, 3, 7, 6), (36, 2, 6, 6)], (2, 2), {"larynx": (0, -26), "cervical vertebra": (0, 30)},
       ["carotid", "plaque", "bifurcation"], ["a 70-year-old arteriopath before CABG, bruits heard in the neck", "a 66-year-old with diabetes and a vague dizzy spell"],
       ["The cardiologist heard a whooshing sound in my neck and sent me for a scan before my heart operation.", "I'm having bypass surgery and they checked the arteries in my neck first."],
       ["Before CABG, significant bilateral disease changes the stroke risk discussion.", "Plaque with ulceration or intraplaque haemorrhage is higher risk than its percentage suggests."],
       ["Best medical therapy; re-image in 12 months.", "Flag to the cardiac surgeons before the CABG."],
       ("plaque", "plaques"), "fatty build-ups at the forks of the arteries in your neck", must=2),
    _P("right renal artery stenosis", "renal artery stenosis", "a right renal artery stenosis", "CT", "abdomen", "LP",
       "axial", [(-28, 8, 9, 4)], (1, 1), {"abdominal aorta": (4, 10), "inferior vena cava": (-22, -6), "vertebral body": (0, 44)},
       ["renal arter", "stenosis", "ras"], ["a 34-year-old woman with resistant hypertension on four agents and a bruit", "a 71-year-old with flash pulmonary oedema and creatinine rising on an ACE inhibitor"],
       ["My blood pressure won't come down even on four tablets and they scanned the arteries to my kidneys.", "My kidney function got worse when they started a new blood pressure pill, so they did this scan."],
       ["Fibromuscular dysplasia favours younger women and the mid-to-distal artery; atherosclerosis affects the ostium.",
        "A renal-aortic ratio above 3.5 on duplex suggests 60% or more narrowing."],
       ["Angioplasty without a stent is the usual answer for FMD.", "Stop the ACE inhibitor and recheck creatinine in a week."],
       ("narrowing", "narrowings"), "a narrowing of the artery that supplies one of your kidneys"),
    _P("left renal artery stenosis", "renal artery stenosis", "a left renal artery stenosis", "CT", "abdomen", "LP",
       "axial", [(28, 10, 9, 4)], (1, 1), {"abdominal aorta": (4, 10), "left renal vein": (22, -6), "vertebral body": (0, 44)},
       ["renal arter", "stenosis", "ras"], ["a 68-year-old smoker with a small kidney on ultrasound and creatinine of 160", "a 29-year-old with hypertension diagnosed at a sports medical"],
       ["One of my kidneys is smaller than the other and my blood pressure is high. They did this angiogram.", "I'm young to have high blood pressure, so they checked the arteries to my kidneys."],
       ["A kidney shorter than 7 cm is unlikely to recover after revascularisation.",
        "Peak systolic velocity above 180-200 cm/s at the origin suggests significant narrowing."],
       ["Medical therapy first per CORAL.", "A captopril renogram isn't needed now we have the CTA."],
       ("narrowing", "narrowings"), "a narrowing of the artery that takes blood to one of your kidneys"),
    _P("renal arteries", "renal arteries", "both renal arteries", "MR", "abdomen", "LI",
       "coronal", [(-30, -4, 13, 4), (30, -8, 13, 4)], (2, 2), {"abdominal aorta": (2, 20), "left kidney": (68, 0), "right kidney": (-68, 4)},
       ["renal arter"], ["a 45-year-old potential living kidney donor, work-up MRA", "a 52-year-old with hypertension and a renal bruit, non-contrast MRA"],
       ["I'm giving a kidney to my sister, and they did an MRI of my blood vessels first.", "They wanted to check the blood supply to my kidneys on an MRI."],
       ["About 25-30% of people have an accessory renal artery.", "For donation, the kidney with a single artery is preferred."],
       ["Report any early branching within 15 mm of the origin for the transplant surgeons.", "No further imaging needed."],
       ("artery", "arteries"), "the arteries that carry blood from the aorta to your kidneys", sided="bilateral", must=2),
    _P("superior mesenteric artery", "mesenteric artery", "the superior mesenteric artery", "CT", "abdomen", "LP",
       "axial", [(2, -26, 6, 6)], (1, 1), {"abdominal aorta": (4, 2), "vertebral body": (0, 46)},
       ["mesenteric", "sma"], ["a 73-year-old with post-prandial abdominal pain, fear of eating and 8 kg weight loss", "a 66-year-old with AF and sudden severe abdominal pain out of proportion to examination, lactate 5.1"],
       ["I get awful stomach pain about half an hour after eating and I've lost a lot of weight.", "They said a gut artery could be the reason for my pain after meals."],
       ["Chronic mesenteric ischaemia usually needs two of the three gut arteries to be diseased.",
        "The left renal vein normally crosses anterior to the aorta, between the aorta and this vessel."],
       ["Stenting is first-line for chronic disease in most centres now.", "In the acute setting with AF, embolectomy is the question for the surgeons."],
       ("vessel", "vessels"), "the main artery to your small bowel"),
    _P("inferior vena cava thrombus", "caval thrombus", "an inferior vena cava thrombus", "CT", "abdomen", "LP",
       "axial", [(-28, 0, 11, 9)], (1, 1), {"abdominal aorta": (8, 8), "vertebral body": (0, 46)},
       ["vena cava", "ivc", "thromb"], ["a 47-year-old with bilateral leg swelling and a right renal mass on ultrasound", "a patient with a caval filter placed 6 years ago, now both legs are swollen"],
       ["Both my legs have swollen up and they found a problem in the big vein in my belly.", "I've had a filter in a vein for years and now my legs are puffy."],
       ["Tumour thrombus from renal cell carcinoma enhances; bland thrombus does not.", "About 30% of retrievable filters are never removed."],
       ["Anticoagulate and discuss filter retrieval.", "Urology need to know the level of the top of the thrombus."],
       ("thrombus", "thrombi"), "a clot in the large vein that brings blood back from your legs"),
    _P("left common femoral vein thrombus", "femoral vein thrombus", "a left common femoral vein thrombus", "CT", "pelvis", "LP",
       "axial", [(46, -6, 8, 7)], (1, 1), {"left common femoral artery": (62, -14), "right common femoral vein": (-46, -6), "bladder": (0, -10)},
       ["femoral vein", "dvt", "thromb", "clot"], ["a 58-year-old with a swollen left leg 2 weeks after a hip replacement", "a 41-year-old with a hot swollen thigh on the combined pill"],
       ["My whole leg swelled up after my hip operation.", "My thigh got red and swollen and they did an ultrasound and then this scan."],
       ["May-Thurner compression of the left common iliac vein explains some left-sided iliofemoral DVT.",
        "A proximal DVT carries about a 50% risk of PE if untreated."],
       ["Rivaroxaban 15 mg twice daily for 21 days, then 20 mg daily.", "Catheter-directed lysis is reserved for limb-threatening cases."],
       ("thrombus", "thrombi"), "a clot in the big vein at the top of your thigh"),
    _P("right popliteal artery aneurysm", "popliteal aneurysm", "a right popliteal artery aneurysm", "CT", "lower limb", "LP",
       "axial", [(-46, 18, 11, 11)], (1, 1), {"left popliteal artery": (44, 18), "right femur": (-46, -18)},
       ["popliteal", "aneurysm"], ["a 72-year-old with a pulsatile swelling behind the knee and a cold foot", "a 68-year-old already known to have a 5.1 cm AAA, for runoff assessment"],
       ["There's a throbbing lump behind my knee and my foot has been cold.", "Because I have a wide artery in my tummy they checked my legs too."],
       ["Around 50% of popliteal aneurysms are bilateral and about a third of patients have an AAA.",
        "Repair is advised above 2 cm or with mural thrombus."],
       ["Bypass with vein is the gold standard; stent-grafts are an option.", "Duplex the other knee as well."],
       ("aneurysm", "aneurysms"), "a ballooning of the artery behind your knee"),
    _P("bilateral superficial femoral artery occlusions", "femoral artery occlusions", "bilateral superficial femoral artery occlusions", "CT", "lower limb", "LP",
       "axial", [(-52, -4, 5, 5), (52, -2, 5, 5)], (2, 2), {"right femur": (-48, 12), "left femur": (48, 12)},
       ["superficial femoral", "sfa", "occlusion", "occluded"], ["a 67-year-old smoker with calf claudication at 100 m in both legs, ABI 0.6 right and 0.55 left", "a diabetic with rest pain and ABIs that are falsely normal from calcification"],
       ["I get pain in both calves after walking a short distance and they did a scan of my leg arteries.", "My legs hurt when I walk to the shops, and the scan dye went all the way to my feet."],
       ["Supervised exercise improves walking distance by about 150-200%.", "An ABI under 0.9 defines PAD; under 0.4 suggests critical ischaemia."],
       ["Best medical therapy, stop smoking, supervised exercise for 3 months.", "Reconsider intervention if claudication stays lifestyle-limiting."],
       ("occlusion", "occlusions"), "blocked segments of the main arteries in your thighs", must=2),
    _P("right common iliac artery aneurysm", "iliac aneurysm", "a right common iliac artery aneurysm", "CT", "pelvis", "LP",
       "axial", [(-24, 10, 13, 12)], (1, 1), {"left common iliac artery": (24, 10), "vertebral body": (0, 48)},
       ["iliac", "aneurysm"], ["a 73-year-old on AAA surveillance with an increasing pelvic artery diameter", "a 69-year-old with new right loin pain and haematuria"],
       ["They keep scanning a wide artery in my pelvis.", "I have pain in my side and they found a swollen artery lower down than my tummy artery."],
       ["Repair is usually considered at 3.0-3.5 cm for common iliac aneurysms.", "Isolated iliac aneurysms are rare, about 2% of aorto-iliac aneurysms."],
       ["An iliac branch device preserves the internal iliac.", "Re-image in 6 months."],
       ("aneurysm", "aneurysms"), "a ballooning of one of the arteries that goes down into your pelvis"),
    _P("splenic artery aneurysm", "splenic aneurysm", "a splenic artery aneurysm", "CT", "abdomen", "LP",
       "axial", [(52, 10, 8, 8)], (1, 1), {"pancreatic body": (16, -10), "abdominal aorta": (4, 12)},
       ["splenic", "aneurysm"], ["a 38-year-old in her second trimester with an incidental calcified ring in the upper abdomen", "a 60-year-old with portal hypertension and an incidental arterial outpouching near the hilum"],
       ["They found something incidentally near my spleen on a scan for something else.", "I'm pregnant and they saw a little balloon on an artery. Is it dangerous?"],
       ["Visceral aneurysms over 2 cm, or any size in pregnancy, are usually treated.", "They are four times more common in women."],
       ["Coil embolisation is first-line.", "Obstetrics and IR should plan together."],
       ("aneurysm", "aneurysms"), "a small ballooning of the artery going to your spleen"),
    _P("portal vein thrombus", "portal thrombus", "a portal vein thrombus", "CT", "abdomen", "LP",
       "axial", [(-24, -8, 10, 7)], (1, 1), {"inferior vena cava": (-22, 16), "abdominal aorta": (6, 14)},
       ["portal", "thromb", "clot"], ["a 55-year-old cirrhotic with new ascites and worsening encephalopathy", "a 42-year-old with pancreatitis and new abdominal pain"],
       ["My liver doctor said there's a blockage in one of the veins to my liver.", "After pancreatitis they found a blockage in a vein going to my liver."],
       ["Portal vein thrombosis occurs in about 10-25% of cirrhotic patients.", "Tumour thrombus enhances and expands the vein."],
       ["Anticoagulate if no contraindication; check varices first.", "Repeat imaging in 3 months."],
       ("thrombus", "thrombi"), "a clot in the vein that carries blood from your gut to your liver"),
    _P("carotid bulb plaque", "carotid bulb plaque", "a carotid bulb plaque", "US", "neck", None,
       "us", [(0, 20, 30, 9), (28, -18, 12, 5)], (1, 2), {}, ["carotid", "bulb", "plaque"],
       ["a 70-year-old for a routine post-TIA duplex", "an asymptomatic 65-year-old with a bruit, first duplex"],
       ["I had a neck ultrasound because of a dizzy spell.", "The ultrasound lady kept pressing on my neck and measuring something."],
       ["Greyscale plaque appearance plus PSV and EDV together grade the stenosis.", "An ICA/CCA PSV ratio above 4 suggests 70% or more."],
       ["Repeat duplex in 12 months.", "CTA only if it would change management."],
       ("plaque", "plaques"), "a fatty build-up at the widened part of the artery in your neck"),
    _P("popliteal vein thrombus", "popliteal thrombus", "a popliteal vein thrombus", "US", "lower limb", None,
       "us", [(0, -6, 40, 10)], (1, 1), {}, ["popliteal", "thromb", "dvt", "clot"],
       ["a 60-year-old with a swollen calf after a long car journey, Wells 3", "a 35-year-old with calf pain, ruptured Baker's cyst or something in the vein"],
       ["My calf is swollen and sore after a long drive.", "They scanned behind my knee with the ultrasound jelly."],
       ["Non-compressibility is the key sign; colour flow helps but is not required.", "About 20% of untreated calf DVTs extend to the popliteal vein."],
       ["Anticoagulate for 3 months.", "No repeat scan needed unless symptoms change."],
       ("thrombus", "thrombi"), "a clot in the vein behind your knee"),
]


def pick_profile(profiles, i, defect, rng):
    """Side and position defects need patient axes: the duplex profiles (no orientation) are left out of them."""
    if defect in ("laterality", "position"):
        return rng.choice([p for p in profiles if p["orient"] is not None])
    return rng.choice(profiles)


def record_for(p):
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


def _to_img(orient, lat, v):
    """Image (x, y) of a point `lat` px to the patient's left and `v` px posterior/inferior of the centre."""
    if orient is None:
        return C0 + lat, C0 + v
    x = C0 + lat if orient[0] == "L" else C0 - lat
    y = C0 + v if orient[1] in "PI" else C0 - v
    return x, y


def facts_for(p, rng):
    yy, xx = np.mgrid[0:H, 0:W]
    mask = np.zeros((H, W), bool)
    lo, hi = p["n"]
    n = rng.randint(lo, hi)
    sites = list(p["sites"])
    m = min(n, p["must"])
    chosen = sites[:m] + (rng.sample(sites[m:], n - m) if n > m else [])
    for lat, v, rx, ry in chosen:
        lat += rng.uniform(-3, 3)
        v += rng.uniform(-3, 3)
        s = rng.uniform(0.8, 1.25)
        x, y = _to_img(p["orient"], lat, v)
        mask |= ((xx - x) / (rx * s)) ** 2 + ((yy - y) / (ry * s)) ** 2 <= 1.0
    others = {}
    for name in sorted(p["others"]):
        lat, v = p["others"][name]
        x, y = _to_img(p["orient"], lat + rng.uniform(-2, 2), v + rng.uniform(-2, 2))
        others[name] = (round(x / (W - 1), 4), round(y / (H - 1), 4))
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


# ---------------------------------------------------------------------------------------------- truth


def truth(kind, val, neg, f):
    if kind == "lat":
        t = f["laterality"] == val
    elif kind == "vert":
        t = f["vertical"] == val
    elif kind == "rel":
        t = any(r["relation"] == val[0] and r["other"] == val[1] for r in f["relations"])
    elif kind == "size":
        t = f["size_class"] == val
    elif kind == "pct":
        a = 100 * f["area_fraction"]
        t = abs(val - a) <= max(0.15, 0.3 * a)
    elif kind == "count":
        t = f["components"] == val
    else:
        raise ValueError(kind)
    return t != neg


DEFECT_OF = {"lat": "laterality", "vert": "position", "rel": "position", "size": "size", "pct": "size", "count": "count"}


class Row:
    def __init__(self, p, f, style, rng):
        self.p, self.f, self.style, self.rng = p, f, style, rng
        self.turns, self.claims = [], []

    def c(self, kind, val, text, neg=False, corrected=False):
        self.claims.append(dict(turn=len(self.turns), kind=kind, val=val, neg=neg, text=text, corrected=corrected,
                                true=truth(kind, val, neg, self.f)))
        return text

    def pick(self, options):
        """One of `options`, preferring those this row has not used yet."""
        fresh = [o for o in options if all(o != c["text"] for c in self.claims)]
        return self.rng.choice(fresh or options)

    def k(self, text):
        self.claims.append(dict(turn=len(self.turns), kind="other", text=text))
        return text

    def say(self, role, parts, sep=" "):
        self.turns.append({"role": role, "content": sep.join(x for x in parts if x).strip()})


# ---------------------------------------------------------------------------------------------- phrases

AX_WORD = {"anterior": "anterior", "posterior": "posterior", "superior": "superior", "inferior": "inferior"}
LAY_V = {"anterior": "toward the front of your body", "posterior": "toward your back",
         "superior": "higher up on the picture", "inferior": "lower down on the picture"}
REL_W = {"anterior_to": ("anterior to", "in front of"), "posterior_to": ("posterior to", "behind"),
         "left_of": ("to the patient's left of", "to the left of"), "right_of": ("to the patient's right of", "to the right of"),
         "superior_to": ("superior to", "above"), "inferior_to": ("inferior to", "below")}
FLIP = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "left_of": "right_of", "right_of": "left_of",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}


def cap(s):
    return s[:1].upper() + s[1:]


def lat_text(style, val, rng, false_bilat=False):
    """A sentence fragment that claims laterality `val` (left/right/midline/bilateral)."""
    if val in ("left", "right"):
        if false_bilat:
            return rng.choice({"surgeon": [f"It is confined to the {val} side.", f"Only the {val} side is involved."],
                               "worksheet": [f"Side: {val} only.", f"Laterality: {val}, unilateral."],
                               "oncall": [f"it's only on the {val}, nothing on the other side", f"just the {val} side"],
                               "patient": [f"it's only on your {val} side", f"it's just on the {val}"]}[style])
        return rng.choice({"surgeon": [f"It lies on the patient's {val}.", f"{cap(val)}-sided.", f"It sits to the {val} of the midline."],
                           "worksheet": [f"Side: {val}.", f"Laterality: {val} ({'Lt' if val == 'left' else 'Rt'})."],
                           "oncall": [f"it's on the {val}, the patient's {val}", f"{val} side, yeah"],
                           "patient": [f"it's on your {val} side", f"it sits on the {val} side of your body"]}[style])
    if val == "midline":
        return rng.choice({"surgeon": ["It sits in the midline.", "It is essentially midline, not off to either side."],
                           "worksheet": ["Side: midline.", "Laterality: midline / central."],
                           "oncall": ["it's pretty much midline", "it sits in the midline, not off to one side"],
                           "patient": ["it's in the middle of your body, not off to one side", "it sits along the midline of your body"]}[style])
    return rng.choice({"surgeon": ["It is bilateral, left and right both involved.", "Both sides are involved."],
                       "worksheet": ["Side: bilateral.", "Laterality: bilateral (Rt and Lt)."],
                       "oncall": ["it's bilateral, both sides", "it's on both sides, left and right"],
                       "patient": ["it's on both sides, your left and your right", "there's some on both sides"]}[style])


def lat_neg(style, other, rng):
    return rng.choice({"surgeon": [f"It is not on the {other}.", f"Nothing on the {other} side."],
                       "worksheet": [f"{cap(other)}: not involved."],
                       "oncall": [f"not the {other}, to be clear", f"it's not the {other} side"],
                       "patient": [f"it's not on your {other} side", f"the {other} side is fine"]}[style])


def vert_text(style, val, plane, rng):
    if val == "central":
        phr = "central front-to-back" if plane == "axial" else "at about mid-height on this coronal slice"
        return rng.choice({"surgeon": [f"On this slice it is {phr}.", f"It sits {phr}."],
                           "worksheet": [f"Position: {'central (AP)' if plane == 'axial' else 'central (craniocaudal)'}."],
                           "oncall": [f"it's more or less {phr}"],
                           "patient": ["it sits about halfway between the front and the back of your body" if plane == "axial"
                                       else "it sits about halfway up this picture"]}[style])
    return rng.choice({"surgeon": [f"It lies {val} on this slice.", f"Position-wise it is {val}."],
                       "worksheet": [f"Position: {val}.", f"Location in slice: {val}."],
                       "oncall": [f"it's {val} on this slice", f"sitting {val}"],
                       "patient": [f"it's {LAY_V[val]}"]}[style])


def rel_text(style, rel, other, rng, neg=False):
    tech, lay = REL_W[rel]
    w = lay if style == "patient" or (style == "oncall" and rng.random() < 0.5) else tech
    if neg:
        return rng.choice({"surgeon": [f"It is not {w} the {other}.", f"It does not sit {w} the {other}."],
                           "worksheet": [f"Not {w} the {other}."],
                           "oncall": [f"it's not {w} the {other}"],
                           "patient": [f"it isn't {w} the {other}"]}[style])
    return rng.choice({"surgeon": [f"It lies {w} the {other}.", f"Relation: {w} the {other}."],
                       "worksheet": [f"Relation: {w} the {other}.", f"Sits {w} the {other}."],
                       "oncall": [f"it's {w} the {other}", f"it sits {w} the {other}"],
                       "patient": [f"it's {w} the {other}", f"it sits {w} the {other}"]}[style])


def size_text(style, val, rng):
    adj = {"small": "small", "medium": "medium-sized", "large": "large"}[val]
    return rng.choice({"surgeon": [f"On the image it is a {adj} target.", f"In image terms it's {adj}."],
                       "worksheet": [f"Extent on image: {val}.", f"Size class on image: {val}."],
                       "oncall": [f"on the picture it's {'a ' + adj + ' one' if val != 'medium' else 'medium-sized'}", f"image-wise, {adj}"],
                       "patient": [f"on the picture it's a {adj} area", f"it takes up a {adj} part of the picture"]}[style])


def pct_text(style, val, rng):
    s = f"{val:g}"
    return rng.choice({"surgeon": [f"It covers about {s}% of the image.", f"Roughly {s}% of the field of view."],
                       "worksheet": [f"Area on image: ~{s}%.", f"Image fraction: {s}%."],
                       "oncall": [f"it's about {s} per cent of the image", f"call it {s}% of the frame"],
                       "patient": [f"it covers about {s}% of the picture", f"it's roughly {s} percent of the picture"]}[style])


def count_text(style, n, unit, rng):
    one, many = unit
    if n == 1:
        return rng.choice({"surgeon": [f"It is a single {one}.", f"One contiguous {one}, no second component."],
                           "worksheet": [f"Number: 1 ({one}).", f"Count: single {one}."],
                           "oncall": [f"it's just the one {one}", f"a single {one}"],
                           "patient": [f"there's just one {one}", f"it's a single {one}"]}[style])
    w = NUMW[n]
    return rng.choice({"surgeon": [f"There are {w} separate {many}.", f"{cap(w)} discrete {many}."],
                       "worksheet": [f"Number: {n} {many}.", f"Count: {n} separate {many}."],
                       "oncall": [f"there are {w} separate {many}", f"{w} of them, separate {many}"],
                       "patient": [f"there are {w} separate {many}", f"you can see {w} separate {many}"]}[style])


def true_pct(f):
    a = 100 * f["area_fraction"]
    return round(a, 1) if a >= 1 else round(a, 2)


def false_pct(f, rng):
    a = 100 * f["area_fraction"]
    v = a * rng.choice([5, 6, 8]) + rng.choice([6, 9, 12]) if a < 6 else a / 6
    return round(v, 1) if v >= 1 else round(v, 2)


def false_size(f):
    a = f["size_class"]
    if a == "small":
        return "large"
    if a == "large":
        return "small"
    return "large" if f["area_fraction"] < 0.025 else "small"


def false_lat(f, rng):
    lat = f["laterality"]
    if lat in ("left", "right"):
        return ("right" if lat == "left" else "left"), False
    if lat == "midline":
        return rng.choice(["left", "right"]), False
    return rng.choice(["left", "right"]), True  # bilateral: a one-sided claim


def false_vert(f, plane, rng):
    v = f["vertical"]
    pair = ("anterior", "posterior") if plane == "axial" else ("superior", "inferior")
    if v == "central":
        return rng.choice(pair)
    return pair[1] if v == pair[0] else pair[0]


def false_count(f, rng):
    n = f["components"]
    return rng.choice([n + 1, n + 2] if n == 1 else [n + 1, n - 1])


# ---------------------------------------------------------------------------------------------- questions


def q_first(r, named):
    p, rng, st = r.p, r.rng, r.style
    story = r.k(rng.choice(p["clin"] if st != "patient" else p["lay"]))
    mod = {"CT": "CTA" if p["plane"] != "us" else "scan", "MR": "MR angiogram", "US": "duplex image"}[p["mod"]]
    if "emboli" in p["target"] or "embolus" in p["target"]:
        mod = "CTPA"
    if named:
        nm = p["target"]
        q = {"surgeon": [f"Planning case: {story}. Please outline the {nm} on this {mod} so I can size it.",
                         f"{cap(story)}. Segment the {nm} for me before the planning meeting."],
             "worksheet": [f"Worksheet prep. Indication: {story}. Mark the {nm} on this {mod}.",
                           f"Indication: {story}. Need the {nm} outlined for the sheet."],
             "oncall": [f"Hi, sorry to ring late, it's the ED reg. {cap(story)}. Can you show me the {nm} on the {mod}?",
                        f"Hey, quick call: {story}. Where's the {nm} on this?"],
             "patient": [f"{story} The letter says I have a {nm}. Can you show me it on this picture?",
                         f"{story} Where exactly is the {nm} on my scan?"]}[st]
    else:
        q = {"surgeon": [f"Planning case: {story}. Before I commit to a plan, show me on this {mod} what I'll actually be treating.",
                         f"{cap(story)}. I'm seeing this on the vascular take; outline the abnormality that explains the presentation.",
                         f"Pre-op review, {story}. Which structure on this slice is the problem?"],
             "worksheet": [f"Worksheet prep. Indication: {story}. Which finding on this image goes on the sheet as the culprit?",
                           f"Indication on the request: {story}. Help me mark the abnormal segment before I file the worksheet."],
             "oncall": [f"Hi, it's the ED reg, sorry to call at this hour. I've got {story}. Scan's just done; what am I looking at?",
                        f"Hey, quick one on the phone: {story}. Can you point out what's causing it on this image?"],
             "patient": [f"Hi, I had my scan last week. {story} Can you show me on the picture what they were talking about?",
                         f"My follow-up appointment isn't for a while and I'm anxious. {story} Where is that on this image?"]}[st]
    r.say("user", [rng.choice(q)])


# ---------------------------------------------------------------------------------------------- claim makers


def avail(r):
    """Claim kinds this row can make about its target."""
    ks = ["size", "pct", "count"]
    if r.p["orient"] is not None:
        ks = ["lat", "vert"] + (["rel"] if r.f["relations"] else []) + ks
    return ks


def make_claim(r, kind, false=False, neg_ok=True):
    """A claim sentence of `kind` about the target (true, or the row's planted false one)."""
    f, st, rng, p = r.f, r.style, r.rng, r.p
    if kind == "lat":
        if false:
            v, one_sided = false_lat(f, rng)
            return r.c("lat", v, lat_text(st, v, rng, false_bilat=one_sided))
        lat = f["laterality"]
        if neg_ok and lat in ("left", "right") and rng.random() < 0.35:
            o = "right" if lat == "left" else "left"
            return cl(r.c("lat", lat, lat_text(st, lat, rng))) + " " + cl(r.c("lat", o, lat_neg(st, o, rng), neg=True))
        return r.c("lat", lat, lat_text(st, lat, rng))
    if kind == "vert":
        v = false_vert(f, p["plane"], rng) if false else f["vertical"]
        return r.c("vert", v, vert_text(st, v, p["plane"], rng))
    if kind == "rel":
        rel = rng.choice(f["relations"])
        if false:
            return r.c("rel", (FLIP[rel["relation"]], rel["other"]), rel_text(st, FLIP[rel["relation"]], rel["other"], rng))
        if neg_ok and rng.random() < 0.3:
            return r.c("rel", (FLIP[rel["relation"]], rel["other"]),
                       rel_text(st, FLIP[rel["relation"]], rel["other"], rng, neg=True), neg=True)
        return r.c("rel", (rel["relation"], rel["other"]), rel_text(st, rel["relation"], rel["other"], rng))
    if kind == "size":
        v = false_size(f) if false else f["size_class"]
        return r.c("size", v, size_text(st, v, rng))
    if kind == "pct":
        v = false_pct(f, rng) if false else true_pct(f)
        return r.c("pct", v, pct_text(st, v, rng))
    if kind == "count":
        v = false_count(f, rng) if false else f["components"]
        return r.c("count", v, count_text(st, v, p["unit"], rng))
    raise ValueError(kind)


def cl(s):
    """Sentence-case a clause that may start lower case, end it with a full stop."""
    s = s.strip()
    s = cap(s)
    return s if s.endswith((".", "!", "?")) else s + "."


# follow-up questions that ask about a kind, neutral (no claim)
ASK = {
    "lat": {"surgeon": ["Which side are we dealing with?", "Confirm the side for the consent form?"],
            "worksheet": ["Side for the worksheet?", "Which side do I tick?"],
            "oncall": ["Sorry, which side was that?", "And the side, just so I document it properly?"],
            "patient": ["Which side of my body is it on?", "Is it on my left or my right?"]},
    "vert": {"surgeon": ["Where does it sit in the slice, front or back?"], "worksheet": ["Position in the slice?"],
             "oncall": ["Where on the slice, roughly?"], "patient": ["Is it near the front or the back of me?"]},
    "rel": {"surgeon": ["How does it relate to the neighbouring structures?"], "worksheet": ["Relation to landmarks?"],
            "oncall": ["What's it next to, so I can find it myself?"], "patient": ["What is it next to?"]},
    "size": {"surgeon": ["How much of the image does it take up?"], "worksheet": ["Extent on the image?"],
             "oncall": ["Is it a big thing on the picture?"], "patient": ["How big is it on the picture?"]},
    "pct": {"surgeon": ["What fraction of the image is it?"], "worksheet": ["Area fraction for the sheet?"],
            "oncall": ["Roughly what share of the image?"], "patient": ["How much of the picture does it cover?"]},
    "count": {"surgeon": ["One lesion or several?", "Is it one piece or more?"], "worksheet": ["Number of segments?"],
              "oncall": ["Is it one or more than one?"], "patient": ["Is there just one, or more?"]},
}


def premise_text(r, kind, false):
    """A user sentence that presupposes a claim of `kind`, returned with its ledger entry."""
    f, st, rng, p = r.f, r.style, r.rng, r.p
    if kind == "lat":
        v, one = false_lat(f, rng) if false else (f["laterality"], False)
        if v in ("left", "right"):
            body = f"only on the {v}" if one else f"on the {v}"
            s = rng.choice({"surgeon": [f"Since it's {body}, I'd approach from that side.", f"Given it's {body}, does that change access?"],
                            "worksheet": [f"I've put it down as {body} on the sheet; what else?", f"So I write it as {body}; anything to add?"],
                            "oncall": [f"OK so it's {body}. Anything else I need to do tonight?", f"Right, {body}, got it. What's next?"],
                            "patient": [f"So it's {body}. Is that worse than the other side?", f"Since it's {body}, will that affect what I can do?"]}[st])
        elif v == "midline":
            s = rng.choice([f"So it's in the middle, not to one side. What happens next?", "Since it's midline, is that harder to fix?"])
        else:
            s = rng.choice(["So it's on both sides. Is that a bad sign?", "Since it's bilateral, do both need treating?"])
        if st == "oncall" and s.startswith("Right,"):
            s = s.replace("Right,", "Okay,", 1)
        return r.c("lat", v, s)
    if kind == "vert":
        v = false_vert(f, p["plane"], rng) if false else f["vertical"]
        if v == "central":
            return r.c("vert", v, rng.choice(["So it's roughly central in the slice. Does that matter for access?",
                                              "OK, more or less central on the slice. What next?"]))
        w = LAY_V[v] if st == "patient" else v
        return r.c("vert", v, rng.choice([f"So it's {w}. Does that matter?", f"Given it lies {w}, what comes next?"]))
    if kind == "rel":
        rel = rng.choice(f["relations"])
        rv = FLIP[rel["relation"]] if false else rel["relation"]
        w = REL_W[rv][1 if st in ("patient", "oncall") else 0]
        return r.c("rel", (rv, rel["other"]), rng.choice([f"So it's {w} the {rel['other']}. What next?",
                                                           f"Since it sits {w} the {rel['other']}, anything to watch for?"]))
    if kind == "size":
        v = false_size(f) if false else f["size_class"]
        adj = {"small": "small", "medium": "medium-sized", "large": "large"}[v]
        return r.c("size", v, rng.choice([f"So it's a {adj} area on the image. What does that mean for me?" if st == "patient"
                                          else f"So on the image it's {adj}. What's the plan?",
                                          f"Given it looks {adj} on the picture, what now?"]))
    if kind == "pct":
        v = false_pct(f, rng) if false else true_pct(f)
        return r.c("pct", v, rng.choice([f"So it covers about {v:g}% of the image. What next?",
                                         f"About {v:g}% of the picture, then. Is that a lot?"]))
    if kind == "count":
        v = false_count(f, rng) if false else f["components"]
        one, many = p["unit"]
        t = f"just the one {one}" if v == 1 else f"{NUMW[v]} separate {many}"
        return r.c("count", v, rng.choice([f"So there's {t}. Does that change anything?" if v == 1 else f"So there are {t}. Does that change anything?",
                                           f"With {t}, what's the plan?"]))
    raise ValueError(kind)


def correction(r, kind):
    """The assistant correcting a false user premise of `kind`: a true claim of it."""
    st, rng = r.style, r.rng
    lead = r.k(rng.choice({"surgeon": ["Not quite.", "A small correction first:"], "worksheet": ["Correction:", "Amend that:"],
                       "oncall": ["Ah, no, sorry,", "Hang on, not quite:"], "patient": ["Just to correct that gently:", "Actually, not quite."]}[st]))
    return _join(lead, cl(make_claim(r, kind, neg_ok=False)))


# ---------------------------------------------------------------------------------------------- build


def _answer1(r, defect, where, kinds1, false_kind):
    p, f, st, rng = r.p, r.f, r.style, r.rng
    lat_false = defect == "laterality"
    if p["sided"] and not lat_false and rng.random() < 0.7:
        name = r.c("lat", p["sided"], p["disp"])
    elif p["sided"]:
        name = "the " + p["short"]
    else:
        name = p["disp"]
    claims = []
    this = "these are" if p["disp"].startswith(("bilateral", "both")) else "this is"
    for k in kinds1:
        claims.append(cl(make_claim(r, k, false=(where == "a1" and k == false_kind))))
    kn = r.pick(p["kn"])
    if st == "surgeon":
        kn = r.k(kn)
        head = rng.choice([f"{cap(name)} [SEG].", f"What you'll be treating is {name} [SEG].", f"{cap(this)} {name}, outlined here [SEG]."])
        parts = [head] + claims + [kn]
    elif st == "worksheet":
        kn = r.k(kn)
        head = rng.choice([f"Finding: {name} [SEG]", f"Culprit: {name} [SEG]"])
        parts = [head] + claims + ["Comment: " + kn]
        return "\n".join(parts)
    elif st == "oncall":
        head = rng.choice([f"Yeah, so what you're looking at is {name}, outlined here [SEG].",
                           f"OK, so, {this} {name} [SEG], that's the thing to worry about."])
        parts = [head] + claims + [rng.choice(["For what it's worth,", "Background-wise,"]) + " " + r.k(_lower1(kn))]
    else:
        gl = r.k(p["lay_gloss"])
        head = rng.choice([f"The highlighted area [SEG] is {name} — {gl}.",
                           f"I've shaded the area [SEG]: it's {name}, which means {gl}."])
        parts = [head] + claims + ([r.k(kn)] if rng.random() < 0.5 else [])
    if rng.random() < 0.5 and st != "worksheet":
        parts = [parts[0]] + [parts[-1]] + parts[1:-1]
    return " ".join(parts)


CONVENTION = {"surgeon": "Remember the display convention: the image's right-hand side is the patient's left.",
              "worksheet": "Note: radiological display, patient's left on screen right.",
              "oncall": "Just remember the screen's flipped, the patient's left is on your right",
              "patient": "Scans are shown as if you're facing the doctor, so your left is on the right of the picture."}


def build(p, f, style, rng, defect):
    r = Row(p, f, style, rng)
    av = avail(r)
    # which claim kind carries the false claim, and where it sits
    false_kind = None
    where = None
    if defect in ("laterality", "position", "size", "count"):
        if defect == "laterality":
            false_kind = "lat"
        elif defect == "size":
            false_kind = rng.choice(["size", "pct"])
        elif defect == "count":
            false_kind = "count"
        else:
            false_kind = rng.choice([k for k in ("vert", "rel") if k in av])
        where = rng.choice(("a1", "a2", "user"))
    elif defect == "names_target":
        where = "q1"
    banned = {DEFECT_OF[false_kind]} if false_kind else set()  # the defect kind is claimed only once, falsely

    def ok(k):
        return DEFECT_OF[k] not in banned

    # first question
    q_first(r, defect == "names_target")
    # first answer: up to two claims, the false one if it sits here
    pool = [k for k in av if ok(k)]
    rng.shuffle(pool)
    kinds1 = pool[:rng.choice([1, 2])]
    if where == "a1":
        kinds1 = kinds1[:1] + [false_kind]
        rng.shuffle(kinds1)
    used = set(kinds1)
    r.say("assistant", [_answer1(r, defect, where, kinds1, false_kind)])
    if where == "a1":
        banned.add(DEFECT_OF[false_kind])
    # follow-up rounds
    rest = [k for k in av if k not in used and ok(k) and k != false_kind]
    rng.shuffle(rest)
    nrounds = rng.choice([1, 2, 2, 3])
    plan = []
    if where in ("a2", "user"):
        plan.append(("false", false_kind))
    clean_traps = ["premise_false", "slip", "hypo", "convention", "premise_true", "mgmt"]
    traps = rng.sample(clean_traps, len(clean_traps))
    for _ in range(nrounds - len(plan)):
        if defect is None and rng.random() < 0.6:
            plan.append((traps.pop(), None))
        else:
            plan.append(("ask", None))
    rng.shuffle(plan)
    for step, fk in plan:
        _round(r, step, fk, rest, where)
    LEDGER.append({"claims": r.claims, "defect": defect, "where": where, "false_kind": false_kind})
    return r.turns, ([] if defect is None else [defect])


def _pop(rest, av, rng, need=None):
    cand = [k for k in rest if need is None or k in need]
    if cand:
        k = cand[0]
        rest.remove(k)
        return k
    return None


def _round(r, step, fk, rest, where):
    p, f, st, rng = r.p, r.f, r.style, r.rng
    if step == "false" and where == "user":
        q = premise_text(r, fk, True)
        r.say("user", [q])
        r.say("assistant", [_mgmt(r)])  # answers the question, lets the premise stand
        return
    if step == "false":  # the assistant's follow-up answer carries the false claim
        r.say("user", [_ask(r, fk)])
        r.say("assistant", [_led(r, cl(make_claim(r, fk, false=True, neg_ok=False))), r.k(r.pick(p["nxt"]))])
        return
    if step == "premise_false":
        k = _pop(rest, None, rng, need=[x for x in ("lat", "count", "size", "vert", "rel") if x in rest])
        if k is None:
            step = "mgmt"
        else:
            r.say("user", [premise_text(r, k, True)])
            r.claims[-1]["corrected"] = True
            r.say("assistant", [correction(r, k), r.k(r.pick(p["nxt"]))])
            return
    if step == "premise_true":
        k = _pop(rest, None, rng)
        if k is None:
            step = "mgmt"
        else:
            r.say("user", [premise_text(r, k, False)])
            r.say("assistant", [r.k(rng.choice(["Yes.", "That's right.", "Correct."])) if st != "oncall" else "Yep.",
                                r.k(r.pick(p["nxt"]))])
            return
    if step == "slip":
        k = _pop(rest, None, rng, need=[x for x in ("lat", "count", "vert") if x in rest])
        if k is None:
            step = "hypo"
        else:
            r.say("user", [_ask(r, k)])
            wrong = make_claim(r, k, false=True, neg_ok=False)
            r.claims[-1]["corrected"] = True
            fix = rng.choice({"surgeon": ["Correction, I misspoke:", "Sorry, let me restate that:"],
                              "worksheet": ["Amended:", "Typo, corrected:"],
                              "oncall": ["sorry, no, scratch that,", "hang on, I said that wrong,"],
                              "patient": ["Sorry, I got that wrong:", "Let me correct myself:"]}[st])
            r.say("assistant", [cl(wrong), cap(_join(fix, cl(make_claim(r, k, neg_ok=False))))])
            return
    if step == "hypo":
        if p["orient"] is not None and f["laterality"] in ("left", "right"):
            o = "right" if f["laterality"] == "left" else "left"
            r.say("user", [rng.choice(["Would anything be different if it were on the other side?",
                                       "Hypothetically, what if it had been the other side?"])])
            h = r.k(rng.choice([f"If it had been on the {o}, the plan would simply mirror this on the {o}.",
                                f"Had it been on the {o} instead, the symptoms would have been on the other side."]))
            r.say("assistant", [h, r.k(r.pick(p["kn"]))])
            return
        step = "convention"
    if step == "convention":
        if p["orient"] is not None and p["orient"][0] == "L":
            r.say("user", [rng.choice(["I always get confused reading these. Is the screen flipped?",
                                       "How do I know which side is which on the picture?"])])
            k = _pop(rest, None, rng, need=["lat"])
            extra = cl(make_claim(r, "lat", neg_ok=False)) if k else ""
            r.say("assistant", [cl(r.k(CONVENTION[st])), extra])
            return
        step = "mgmt"
    if step == "ask":
        k = _pop(rest, None, rng)
        if k is not None:
            r.say("user", [_ask(r, k)])
            r.say("assistant", [_led(r, cl(make_claim(r, k))), r.k(r.pick(p["nxt"])) if rng.random() < 0.5 else ""])
            return
    r.say("user", [rng.choice({"surgeon": ["What's the plan from here?", "Any other planning points?"],
                               "worksheet": ["Anything to add in the comments box?", "Follow-up interval for the sheet?"],
                               "oncall": ["OK, what do I do now?", "Anything I should do before morning?"],
                               "patient": ["What happens next for me?", "Is this something to worry about?"]}[st])])
    r.say("assistant", [_mgmt(r)])


def _lower1(s):
    w = s.split(" ", 1)[0].strip(".,:;")
    return s if any(ch.isupper() for ch in w[1:]) or w in ("I", "I'd", "I'm") else s[0].lower() + s[1:]


def _join(lead, s):
    if lead.endswith((",", ":")) and not s.split(" ", 1)[0].endswith(":"):
        return lead + " " + _lower1(s)
    return (lead + " " + s).strip()


def _led(r, s):
    lead = r.rng.choice({"surgeon": ["", "Sure."], "worksheet": [""], "oncall": ["Yeah,", "So,"], "patient": ["Good question.", "Sure."]}[r.style])
    return _join(lead, s)


def _ask(r, k):
    if k == "vert" and r.p["plane"] == "coronal":
        return r.k(r.rng.choice(["Is it high or low on this coronal image?", "Where does it sit top to bottom on the image?"]))
    return r.k(r.rng.choice(ASK[k][r.style]))


def _mgmt(r):
    p, rng = r.p, r.rng
    a = r.k(r.pick(p["nxt"]))
    return a + " " + r.k(r.pick(p["kn"])) if rng.random() < 0.5 else a
