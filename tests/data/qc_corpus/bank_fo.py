"""Bank FO: dental, ENT and eye imaging.

Targets: impacted third molars (38/48, bilateral), impacted tooth 48, a periapical lesion at 36, dental caries
(three lesions, bilateral), mandibular canals, an impacted maxillary canine (CBCT), an ameloblastoma; maxillary
sinus disease (bilateral), nasal polyps (midline, two pieces), an antrochoanal polyp, mastoid air cells,
a cholesteatoma, a concha bullosa (coronal CT), a sinonasal tumour, parotid glands, a parotid tumour; globes,
optic nerves, an orbital mass, extraocular muscles (four bellies), an orbital lymphoma; on fundus photos the
optic disc, drusen, retinal haemorrhages and geographic atrophy.

Registers: dental_panoramic (a dentist on an OPG or CBCT, FDI tooth numbers, quadrants), ent_sinus (an ENT
surgeon on sinus and temporal bone CT), orbit_eye (an ophthalmologist on orbit CT/MR and fundus photos, OD/OS),
patient_chat (patients asking about their own scan in plain words).

Panoramic films are "XR" with orientation "LI" (read as if facing the patient, so the patient's right is on
the film's left); axial CT/MR slices "LP"; the coronal sinus CT "LI"; fundus photos "other" with no orientation.

Written without reading QC. Every claim this module writes about the target is kept in `LEDGER` (one list per
built row) so that the writer's own reader (/work/notes/qcfo_scripts/check_fo.py) can check each row.
Own check (check_fo.py): rows: 420 clean: 210, 42 defects of each kind (29 in a user turn, 38 in a follow-up
answer, 101 in the first answer), 2629 ledger claims, 196 rows on bilateral/midline/multi-piece masks, problems: 0.
"""

import math
import random

import numpy as np

STYLES = ["dental_panoramic", "ent_sinus", "orbit_eye", "patient_chat"]
LEDGER = []  # one list of claim dicts per built row, for the writer's own check

N = 256


def _E(cx, cy, a, b, ang=0.0):
    return (cx, cy, a, b, ang)


PROFILES = [
    # ---------------------------------------------------------------- dental (panoramic XR, LI)
    dict(key="d_3rd", target="impacted third molars", domain="dental", mod="XR", orient="LI", region="teeth and jaws",
         ell=[_E(40, 170, 14, 11), _E(216, 170, 14, 11)], plural=True, unit=("tooth", "teeth"),
         others={"hard palate": (0.5, 0.33), "mandibular canals": (0.5, 0.75)},
         names=["the impacted mandibular third molars, 38 and 48", "both lower wisdom teeth (38 and 48), which are impacted",
                "impacted lower third molars (38, 48)"],
         lay_names=["your lower wisdom teeth, which are stuck (impacted)", "two impacted wisdom teeth at the back of your lower jaw"],
         short="the third molars", lay_short="the wisdom teeth",
         forbid=[r"wisdom", r"third molar", r"3rd molar", r"\b38\b", r"\b48\b", r"impact", r"\beights?\b", r"\b8s\b"],
         q_clin=["OPG on a 22-year-old with recurrent pericoronitis distal to 37 and 47. Which teeth are responsible? Please segment them.",
                 "Pre-extraction planning film. Mark the teeth that never erupted behind 37/47 in the mandible and segment them.",
                 "Panoramic here, 24F, food trapping and swelling behind the lower second molars both sides. Segment whatever's causing it."],
         q_lay=["My dentist said a couple of my teeth at the very back never came up properly and might need to come out. Can you point them out on my X-ray?",
                "I keep getting sore, swollen gums right at the back of my lower jaw. The dentist took this big wraparound X-ray - can you show me what's causing it?"],
         q_named=["Segment the impacted wisdom teeth on this panoramic film.", "Please outline the impacted third molars (38/48) on this OPG."],
         q_named_lay=["Can you show me my impacted wisdom teeth on this X-ray?"],
         why=["Recurrent pericoronitis distal to the second molars is the classic story for partially erupted third molars.",
              "Their crowns sit below the occlusal plane behind 37 and 47 with a follicular space around them."],
         know=["In FDI numbering the first digit is the quadrant (1 upper right, 2 upper left, 3 lower left, 4 lower right) and the second counts back from the midline.",
               "Mandibular third molars are the most commonly impacted teeth; figures of roughly 20-30% of young adults are often quoted.",
               "The upper third molars, 18 and 28, look fully erupted on this film.",
               "The inferior alveolar nerve runs in the mandibular canal, usually below the roots of the lower molars.",
               "Winter's classification (mesioangular, distoangular, vertical, horizontal) describes the angulation of an impacted lower molar."],
         lay_know=["Wisdom teeth are the last teeth to come in, usually between 17 and 25, and about a quarter of people have at least one that gets stuck.",
                   "There's a nerve running through the lower jaw that gives feeling to the lip, so surgeons check how close the roots are to it."]),
    dict(key="d_48", target="impacted tooth 48", domain="dental", mod="XR", orient="LI", region="teeth and jaws",
         ell=[_E(42, 172, 14, 10, 15)], plural=False, unit=("tooth", "teeth"),
         others={"tooth 38 region": (0.84, 0.66), "hard palate": (0.5, 0.33)},
         names=["the impacted lower right third molar (tooth 48)", "48, the lower right wisdom tooth, which is impacted mesioangularly"],
         lay_names=["your lower right wisdom tooth, which is stuck (impacted)"], short="48", lay_short="the wisdom tooth",
         forbid=[r"wisdom", r"third molar", r"3rd molar", r"\b48\b", r"impact", r"\beights?\b"],
         q_clin=["Swelling distal to 47, 19M, trismus on and off. Which tooth is the problem? Segment it.",
                 "OPG for a surgical referral - segment the tooth in quadrant 4 that has failed to erupt."],
         q_lay=["My dentist says there's a tooth at the back of my jaw that's lying sideways and can't come through. Which one is it? Can you highlight it?"],
         q_named=["Segment the impacted 48.", "Please mask the impacted lower right wisdom tooth."],
         q_named_lay=["Where's my impacted wisdom tooth on this X-ray? Can you outline it?"],
         why=["It is angled forward against the distal surface of 47 and has not reached the occlusal plane."],
         know=["Tooth 38 on the opposite side is fully erupted and in occlusion.",
               "In FDI notation quadrant 4 is the lower right, so 48 is the lower right third molar and 18 the upper right one.",
               "Mesioangular impaction is the commonest pattern, often quoted at around 40% of impacted lower third molars.",
               "The distal surface of 47 should be checked for caries, a frequent complication of a tooth impacted against it."],
         lay_know=["The tooth on the other side of your lower jaw has come through normally.",
                   "Teeth stuck at an angle like this are very common and often removed under local anaesthetic."]),
    dict(key="d_pa", target="periapical lesion", domain="dental", mod="XR", orient="LI", region="teeth and jaws",
         ell=[_E(180, 165, 8, 7)], plural=False, unit=("lesion", "lesions"),
         others={"tooth 46": (0.27, 0.64), "hard palate": (0.5, 0.33)},
         names=["a periapical radiolucency at the root apices of 36", "the periapical lesion on 36 (lower left first molar)"],
         lay_names=["a small dark patch at the tip of the root of a lower back tooth (a periapical lesion)"],
         short="the periapical lesion", lay_short="the dark patch",
         forbid=[r"periapical", r"apical", r"radiolucen", r"lesion", r"granuloma", r"abscess", r"cyst"],
         q_clin=["36 is TTP and doesn't respond to cold; RCT was done years ago. What's at the root tip? Segment it.",
                 "Check the lower left first molar for me - there's a sinus tract buccally. Segment the cause on the OPG."],
         q_lay=["I had a root canal on a bottom tooth years ago and now it aches when I bite. Can you see anything on the X-ray and mark it?"],
         q_named=["Segment the periapical lesion at 36.", "Please outline the apical radiolucency on the lower left first molar."],
         q_named_lay=["My dentist mentioned a periapical lesion. Can you show me it on the X-ray?"],
         why=["The radiolucency is centred on the root apices with loss of the lamina dura, in keeping with apical periodontitis."],
         know=["Tooth 46, the mirror-image first molar on the right, looks healthy.",
               "The mental foramen usually lies below the premolars and can mimic a periapical lesion on 35 or 45.",
               "Apical periodontitis is reported in a large share of root-filled teeth, often quoted around 30-50% in surveys.",
               "The root filling in 36 looks short of the apex by about 2 mm."],
         lay_know=["This kind of infection at a root tip is common after old root canal treatments and is usually treatable.",
                   "The same tooth on your right side looks healthy."]),
    dict(key="d_car", target="dental caries", domain="dental", mod="XR", orient="LI", region="teeth and jaws",
         ell=[_E(70, 100, 6, 5), _E(200, 102, 6, 5), _E(185, 158, 6, 5)], plural=True, unit=("lesion", "lesions"),
         others={"hard palate": (0.5, 0.33), "mandibular canals": (0.5, 0.75)},
         names=["carious lesions on 16, 26 and 36", "areas of dental caries (decay) in 16, 26 and 36"],
         lay_names=["areas of tooth decay (caries) in three of your back teeth"], short="the carious lesions", lay_short="the decay",
         forbid=[r"carie", r"carious", r"decay", r"cavit", r"lesion", r"\bholes?\b"],
         q_clin=["Patient reports sensitivity to sweets on several teeth. Segment whatever explains it on this OPG.",
                 "Recall exam, high sugar intake, last films 3 years ago. Segment the areas that need restoring."],
         q_lay=["Sweet things make several of my teeth zing. Can you see what's causing it and mark it?"],
         q_named=["Segment all carious lesions on this panoramic.", "Please outline the caries."],
         q_named_lay=["Can you show me where my tooth decay is?"],
         why=["Each is a radiolucent area in the crown reaching into dentine, under the contact points of the first molars."],
         know=["In FDI numbering 16 is the upper right first molar, 26 the upper left and 36 the lower left; 46 is the lower right.",
               "Panoramic films under-call small interproximal caries; bitewings are better for that.",
               "Untreated caries of permanent teeth is among the most common conditions worldwide, affecting roughly 2 billion people.",
               "The existing restoration in 46 has no recurrent caries under it."],
         lay_know=["Decay shows up as darker patches because the tooth has lost mineral there.",
                   "The filling in your lower right back tooth looks fine."]),
    dict(key="d_can", target="mandibular canals", domain="dental", mod="XR", orient="LI", region="teeth and jaws",
         ell=[_E(62, 188, 40, 6, 12), _E(194, 188, 40, 6, -12)], plural=True, unit=("canal", "canals"),
         others={"hard palate": (0.5, 0.33), "tongue shadow": (0.5, 0.5)},
         names=["the mandibular (inferior alveolar) canals", "both inferior alveolar canals"],
         lay_names=["the two bony channels in your lower jaw that carry the nerve to your lip and chin (the mandibular canals)"],
         short="the canals", lay_short="the nerve channels",
         forbid=[r"mandibular canal", r"inferior alveolar", r"alveolar canal", r"canal", r"\bIAN\b", r"\bIAC\b"],
         q_clin=["Planning 38/48 removal - show me the bony channel carrying the nerve that supplies the lower lip, both sides, and segment it.",
                 "Before implants in the 36 and 46 sites, segment the structure I must stay above."],
         q_lay=["Before my wisdom teeth come out, the surgeon mentioned a nerve in my jaw they need to avoid. Where does it run? Can you highlight it?"],
         q_named=["Segment both mandibular canals.", "Trace the inferior alveolar canals on this OPG."],
         q_named_lay=["Can you show me the mandibular canals the surgeon talked about?"],
         why=["They are the paired corticated tracks running from the mandibular foramina forward below the molar roots."],
         know=["The inferior alveolar nerve gives sensation to the lower lip and chin via the mental nerve.",
               "Temporary numbness after lower third molar surgery is reported in roughly 1-5% of cases, permanent injury in under 1%.",
               "A bifid canal is seen on some films and is a normal variant.",
               "The roots of 38 project over the canal on the left."],
         lay_know=["Surgeons look at these channels before taking out lower wisdom teeth so they can protect the nerve."]),
    dict(key="d_13", target="impacted canine", domain="dental", mod="CT", orient="LP", region="teeth and jaws",
         ell=[_E(95, 80, 9, 6, 25)], plural=False, unit=("tooth", "teeth"),
         others={"incisive canal": (0.5, 0.25), "tooth 23": (0.63, 0.3)},
         names=["the palatally impacted upper right canine (13)", "13, impacted on the palatal side"],
         lay_names=["the adult eye tooth on the upper right, which is stuck in the roof of the mouth (an impacted canine)"],
         short="13", lay_short="the stuck tooth",
         forbid=[r"canine", r"\b13\b", r"impact", r"cuspid", r"eye[- ]tooth"],
         q_clin=["CBCT axial: 14-year-old, retained 53, no buccal bulge. Where is the permanent successor? Segment it.",
                 "Ortho referral - retained deciduous tooth in the upper right, successor not palpable. Segment the missing tooth on this CBCT slice."],
         q_lay=["My daughter still has a baby tooth at the top front and the orthodontist says the adult one is stuck in the roof of her mouth. Can you show where?"],
         q_named=["Segment the impacted 13 on this CBCT slice.", "Outline the palatally impacted canine."],
         q_named_lay=["Where is her impacted canine on this scan?"],
         why=["Its crown lies palatal to the roots of 12 and 11, which is why there's no buccal bulge."],
         know=["53 is the deciduous upper right canine; 63 on the left has already exfoliated and 23 erupted.",
               "Maxillary canines are impacted in about 1-2% of people, palatal impaction being roughly twice as common as buccal.",
               "Root resorption of the adjacent lateral incisor should be checked on CBCT.",
               "CBCT axial images are viewed from below, so the patient's left is on the right of the screen."],
         lay_know=["The same tooth on the other side has already come through normally.",
                   "Stuck eye teeth are fairly common and are often brought into place with braces."]),
    dict(key="d_amelo", target="ameloblastoma", domain="dental", mod="XR", orient="LI", region="teeth and jaws",
         ell=[_E(190, 165, 42, 30)], plural=False, unit=("lesion", "lesions"),
         others={"tooth 46": (0.27, 0.64), "hard palate": (0.5, 0.33)},
         names=["a multilocular lesion of the left mandibular body and angle, most in keeping with ameloblastoma",
                "the ameloblastoma in the left posterior mandible"],
         lay_names=["a growth in the jaw bone called an ameloblastoma (usually benign but it needs surgery)"],
         short="the ameloblastoma", lay_short="the growth",
         forbid=[r"ameloblast", r"tumou?r", r"lesion", r"odontogenic", r"cyst", r"\bmass\b", r"growth"],
         q_clin=["Painless expansion of the posterior mandible over a year, soap-bubble appearance mentioned by the GDP. Segment the abnormality.",
                 "OPG, 41M, jaw expansion and mobile molars. Segment what the GDP was worried about."],
         q_lay=["My jaw on one side has been slowly swelling for months without pain. The X-ray was sent to a specialist - can you show me what they're looking at?"],
         q_named=["Segment the ameloblastoma.", "Please mark the ameloblastoma on the left mandible."],
         q_named_lay=["They said I have an ameloblastoma. Can you show me it?"],
         why=["It is a multilocular, expansile radiolucency with knife-edge root resorption of the adjacent molars."],
         know=["Ameloblastoma makes up roughly 1% of jaw cysts and tumours in most series, with about 80% in the mandible.",
               "Tooth 46 on the right is unremarkable.",
               "A unilocular lesion around an unerupted 38 would raise a dentigerous cyst instead."],
         lay_know=["These growths are usually not cancer, but they keep growing, so surgeons remove them.",
                   "The teeth on your right side look normal."]),
    # ---------------------------------------------------------------- ENT (axial CT/MR, LP; one coronal LI)
    dict(key="e_max", target="maxillary sinus disease", domain="ent", mod="CT", orient="LP", region="paranasal sinuses",
         ell=[_E(85, 95, 22, 18), _E(171, 95, 22, 18)], plural=False, unit=("sinus", "sinuses"),
         others={"nasal septum": (0.5, 0.36), "pterygoid plates": (0.5, 0.55), "clivus": (0.5, 0.68)},
         names=["bilateral maxillary sinus mucosal thickening", "mucosal disease filling much of both maxillary antra"],
         lay_names=["inflamed, thickened lining in the two cheek sinuses (maxillary sinus disease)"],
         short="the maxillary sinus disease", lay_short="the inflamed lining",
         septum="right",
         forbid=[r"maxillar", r"\bantr", r"sinus", r"rhinosinus"],
         q_clin=["Chronic facial pressure over both cheeks, failed two courses of medical therapy. Segment the diseased air spaces on this axial CT.",
                 "Pre-FESS CT. Segment the opacified cavities under the orbits so I can grade them."],
         q_lay=["I've had blocked-up cheeks and pressure under my eyes for months. What's showing up on my CT? Can you highlight it?"],
         q_named=["Segment the maxillary sinus mucosal thickening.", "Outline the maxillary sinusitis on both sides."],
         q_named_lay=["Can you show me the sinusitis in my cheek sinuses?"],
         why=["There is circumferential mucosal thickening with fluid in both antra, which fits chronic rhinosinusitis."],
         know=["The septum deviates to the right with a small spur, narrowing the right middle meatus.",
               "The ostiomeatal complex is the shared drainage pathway of the maxillary, frontal and anterior ethmoid sinuses.",
               "Chronic rhinosinusitis affects roughly 5-12% of adults.",
               "The frontal sinuses and sphenoid are clear.",
               "Lund-Mackay scores each sinus 0 to 2 and each ostiomeatal complex 0 or 2."],
         lay_know=["Sinus problems like this are very common, around one adult in ten.",
                   "The wall between your nostrils bends a little to the right, which is very common and often harmless."]),
    dict(key="e_poly", target="nasal polyps", domain="ent", mod="CT", orient="LP", region="paranasal sinuses",
         ell=[_E(119, 78, 6, 12), _E(137, 78, 6, 12)], plural=True, unit=("polyp", "polyps"),
         others={"nasopharynx": (0.5, 0.52), "left maxillary sinus": (0.67, 0.38), "right maxillary sinus": (0.33, 0.38)},
         names=["nasal polyps filling the nasal airway", "the nasal polyps"],
         lay_names=["nasal polyps, soft swellings of the lining inside your nose"], short="the polyps", lay_short="the polyps",
         septum="left",
         forbid=[r"polyp", r"CRSwNP"],
         q_clin=["Anosmia and total obstruction, asthma and aspirin sensitivity. Segment the soft tissue filling the nasal airway.",
                 "Axial CT, suspected Samter triad. Segment what's occupying the nasal cavity."],
         q_lay=["I can't smell anything and my nose is blocked all the time. What's in there on my scan? Please highlight it."],
         q_named=["Segment the nasal polyps.", "Mark the polyposis in the nasal cavity."],
         q_named_lay=["Can you show me my nasal polyps on this CT?"],
         why=["Smooth soft-tissue masses fill the nasal airway around the septum, the typical look of polyps in aspirin-exacerbated disease."],
         know=["Chronic rhinosinusitis with nasal polyps affects about 2-4% of adults.",
               "The septum is deviated slightly to the left, away from the larger right nasal cavity.",
               "Up to 40% of patients with aspirin-exacerbated respiratory disease have polyps that recur after surgery.",
               "The right maxillary sinus is clear; the left has a small retention cyst."],
         lay_know=["Polyps are not cancer; they are swollen lining, and sprays or surgery usually help.",
                   "The middle wall of your nose leans a little to the left, which is very common."]),
    dict(key="e_acp", target="antrochoanal polyp", domain="ent", mod="CT", orient="LP", region="paranasal sinuses",
         ell=[_E(92, 100, 13, 11)], plural=False, unit=("polyp", "polyps"),
         others={"nasal septum": (0.5, 0.36), "nasopharynx": (0.5, 0.52)},
         names=["an antrochoanal polyp", "the right antrochoanal polyp"], lay_names=["an antrochoanal polyp, a single soft swelling growing from the cheek sinus into the back of the nose"],
         short="the polyp", lay_short="the polyp", septum="left",
         forbid=[r"polyp", r"antrochoanal", r"choanal"],
         q_clin=["Teenager with one-sided nasal obstruction, no epistaxis. Segment the mass arising from the antrum.",
                 "Axial CT, 16M, unilateral blockage for a year. Segment the cause."],
         q_lay=["My son can only breathe through one nostril. The ENT ordered this CT - what's blocking it? Show me."],
         q_named=["Segment the antrochoanal polyp.", "Outline the right antrochoanal polyp."],
         q_named_lay=["Can you show me the antrochoanal polyp they found?"],
         why=["It arises in the maxillary antrum and prolapses through the accessory ostium toward the choana."],
         know=["Antrochoanal polyps make up roughly 4-6% of nasal polyps overall and a third of them in children.",
               "The left maxillary sinus is clear.",
               "The septum has a mild deviation to the left.",
               "Recurrence after endoscopic removal is quoted at around 10-15% if the antral attachment is left."],
         lay_know=["These are almost always benign and are removed through the nose.",
                   "The sinus on the other side is completely clear."]),
    dict(key="e_mast", target="mastoid air cells", domain="ent", mod="CT", orient="LP", region="temporal bone",
         ell=[_E(45, 170, 18, 15), _E(211, 170, 18, 15)], plural=True, unit=("mastoid", "mastoids"),
         others={"brainstem": (0.5, 0.6), "external auditory canals": (0.5, 0.52)},
         names=["the mastoid air cells", "both mastoid air-cell systems"], lay_names=["the mastoid air cells, honeycomb-like air pockets in the bone behind your ears"],
         short="the mastoids", lay_short="the air pockets",
         forbid=[r"mastoid", r"air[ -]cell"],
         q_clin=["Temporal bone CT for chronic otitis media. Segment the pneumatised bone behind the ear canals on both sides.",
                 "Pre-cochlear-implant CT: segment the pneumatised bone I'll drill through for the posterior tympanotomy."],
         q_lay=["The doctor mentioned the bony part behind my ears on the scan. Can you highlight that area?"],
         q_named=["Segment the mastoid air cells.", "Outline both mastoids."],
         q_named_lay=["Can you show me my mastoids on the CT?"],
         why=["They are the pneumatised spaces of the temporal bone posterior to the external auditory canals."],
         know=["Mastoid pneumatisation is poor in about 20% of people with a history of childhood otitis media.",
               "The sigmoid sinus runs along the posterior margin of each mastoid; on the left it is a little dominant.",
               "The ossicular chains are intact on both sides.",
               "The tegmen is thin on the right but intact."],
         lay_know=["These air pockets help balance pressure in the middle ear.",
                   "The tiny hearing bones on both sides look intact."]),
    dict(key="e_chol", target="cholesteatoma", domain="ent", mod="CT", orient="LP", region="temporal bone",
         ell=[_E(185, 140, 9, 8)], plural=False, unit=("mass", "masses"),
         others={"brainstem": (0.5, 0.63), "left sigmoid sinus": (0.80, 0.70)},
         names=["an attic cholesteatoma", "the left attic cholesteatoma"], lay_names=["a cholesteatoma, a skin cyst growing in the middle ear"],
         short="the cholesteatoma", lay_short="the cyst",
         forbid=[r"cholesteatoma", r"keratoma", r"pearl"],
         q_clin=["Foul-smelling otorrhoea, attic retraction pocket on otoscopy. Segment the soft tissue eroding the scutum.",
                 "Temporal bone CT, persistent discharge despite drops. Segment the likely reason for surgery."],
         q_lay=["My ear keeps leaking smelly stuff and the ENT wants to operate. What are they worried about on this scan? Can you show me?"],
         q_named=["Segment the cholesteatoma.", "Mark the left attic cholesteatoma."],
         q_named_lay=["The surgeon says I have a cholesteatoma. Where is it?"],
         why=["Soft tissue in Prussak's space with blunting of the scutum is typical of an acquired attic cholesteatoma."],
         know=["The right middle ear and mastoid are well aerated.",
               "Acquired cholesteatoma has an incidence of roughly 9 per 100,000 adults per year.",
               "The lateral semicircular canal and the facial nerve canal are the structures most at risk.",
               "On axial CT the patient's left is displayed on the right of the screen."],
         lay_know=["This is not cancer, but it slowly damages bone, so it's usually removed.",
                   "Your other ear looks healthy on the scan."]),
    dict(key="e_cb", target="concha bullosa", domain="ent", mod="CT", orient="LI", region="paranasal sinuses",
         ell=[_E(105, 118, 8, 12)], plural=False, unit=("turbinate", "turbinates"),
         others={"nasal septum": (0.5, 0.45), "right maxillary sinus": (0.3, 0.55)},
         names=["a concha bullosa of the right middle turbinate", "the concha bullosa"], lay_names=["a concha bullosa, an air pocket inside one of the curled bones in your nose"],
         short="the concha bullosa", lay_short="the air pocket", septum="left",
         forbid=[r"concha", r"bullosa", r"turbinate"],
         q_clin=["Coronal sinus CT, headaches and nasal blockage. There's an air-filled variant narrowing the OMC - segment it.",
                 "Coronal CT before septoplasty. Segment the pneumatised variant that the septum is bowing away from."],
         q_lay=["The ENT said there's an air bubble in a bone inside my nose that might be causing my headaches. Can you show me which one?"],
         q_named=["Segment the concha bullosa.", "Outline the pneumatised middle turbinate on the right."],
         q_named_lay=["Can you show me the concha bullosa on my scan?"],
         why=["The middle turbinate is pneumatised down into its bulbous part, which crowds the middle meatus."],
         know=["The septum deviates to the left, away from the concha, a common pairing.",
               "Concha bullosa is found on a quarter to a half of sinus CTs depending on the definition used.",
               "Coronal CT is displayed as if facing the patient, so the patient's right is on the left of the screen.",
               "The left middle turbinate is not pneumatised."],
         lay_know=["About one person in three has one of these; it only matters if it blocks drainage.",
                   "The middle wall of your nose bends to the left, which often goes with this."]),
    dict(key="e_tum", target="sinonasal tumour", domain="ent", mod="CT", orient="LP", region="paranasal sinuses",
         ell=[_E(95, 95, 40, 33)], plural=False, unit=("mass", "masses"),
         others={"nasal septum": (0.5, 0.36), "left maxillary sinus": (0.67, 0.38), "clivus": (0.5, 0.68)},
         names=["a sinonasal tumour filling the nasal cavity and antrum", "the sinonasal tumour"],
         lay_names=["a growth in the nose and cheek sinus (a sinonasal tumour) that needs a biopsy"],
         short="the tumour", lay_short="the growth",
         forbid=[r"tumou?r", r"neoplas", r"carcinoma", r"papilloma", r"\bmass", r"malignan", r"cancer", r"sinonasal", r"growth"],
         q_clin=["Epistaxis and cheek numbness in a woodworker. Segment the destructive soft tissue on this axial CT.",
                 "Axial CT, 62M, nasal obstruction with bony erosion reported. Segment the abnormality for staging."],
         q_lay=["I've had nosebleeds from one side and my cheek feels numb. They found something on my CT - can you show me where?"],
         q_named=["Segment the sinonasal tumour.", "Outline the right sinonasal mass."],
         q_named_lay=["Can you show me the tumour in my sinus?"],
         why=["There is an expansile soft-tissue mass with destruction of the medial antral wall; wood-dust exposure raises adenocarcinoma."],
         know=["Sinonasal malignancies are rare, under 1% of all cancers and about 3% of head and neck cancers.",
               "The left maxillary sinus is clear.",
               "The orbital floor should be checked for invasion on coronal reformats."],
         lay_know=["A biopsy is needed to know exactly what this is.",
                   "The sinus on your other cheek is clear."]),
    dict(key="e_par", target="parotid glands", domain="ent", mod="MR", orient="LP", region="neck",
         ell=[_E(50, 150, 16, 24), _E(206, 150, 16, 24)], plural=True, unit=("gland", "glands"),
         others={"oropharynx": (0.5, 0.5), "C2 vertebral body": (0.5, 0.65)},
         names=["both parotid glands", "the parotid glands"], lay_names=["your parotid glands, the big saliva glands in front of your ears"],
         short="the parotids", lay_short="the glands",
         forbid=[r"parotid"],
         q_clin=["Axial T1 MR, bilateral preauricular swelling, dry mouth, ?Sjogren. Segment the glands in question.",
                 "MR neck: segment the largest saliva-producing glands, the ones the facial nerve runs through."],
         q_lay=["Both sides of my face in front of my ears are puffy and my mouth is dry. What are the glands on the scan? Please highlight them."],
         q_named=["Segment both parotid glands.", "Outline the parotids."],
         q_named_lay=["Can you show me my parotid glands?"],
         why=["They lie behind the mandibular rami, wrapping around them, with the facial nerve running through them."],
         know=["The submandibular glands are not in this slice.",
               "Sjogren syndrome affects roughly 0.5% of adults, far more women than men.",
               "The left deep lobe extends toward the parapharyngeal space, a normal appearance.",
               "About 80% of salivary gland tumours arise in the parotid."],
         lay_know=["These glands make much of your saliva; a dry mouth can go with swelling of them.",
                   "Nothing unusual is seen in your throat on this slice."]),
    dict(key="e_ptum", target="parotid tumour", domain="ent", mod="MR", orient="LP", region="neck",
         ell=[_E(200, 148, 12, 11)], plural=False, unit=("mass", "masses"),
         others={"left mandibular ramus": (0.72, 0.52), "oropharynx": (0.5, 0.5)},
         names=["a parotid tumour, most likely a pleomorphic adenoma", "the left parotid tumour"],
         lay_names=["a lump in your saliva gland (a parotid tumour), most often benign"],
         short="the tumour", lay_short="the lump",
         forbid=[r"parotid", r"tumou?r", r"adenoma", r"warthin", r"\bmass", r"neoplas", r"\blump"],
         q_clin=["Painless, slowly enlarging swelling behind the angle of the jaw for 2 years, facial nerve intact. Segment the culprit on this axial T2.",
                 "Axial T2, 45F, firm preauricular nodule. Segment it and tell me about deep-lobe extension."],
         q_lay=["I've had a painless bump below my ear for two years. The MRI is back - can you show me what it is?"],
         q_named=["Segment the parotid tumour.", "Outline the left parotid pleomorphic adenoma."],
         q_named_lay=["Where is the parotid tumour on my MRI?"],
         why=["It is well defined and T2 bright, typical of a pleomorphic adenoma in the superficial lobe."],
         know=["About 80% of parotid tumours are benign, and pleomorphic adenoma is the commonest.",
               "The right parotid is normal.",
               "The retromandibular vein marks the plane of the facial nerve."],
         lay_know=["Most lumps like this in this gland are benign.",
                   "The gland on your right looks normal."]),
    # ---------------------------------------------------------------- orbit (axial CT/MR, LP)
    dict(key="o_glob", target="globes", domain="orbit", mod="CT", orient="LP", region="orbit",
         ell=[_E(85, 60, 20, 20), _E(171, 60, 20, 20)], plural=True, unit=("globe", "globes"),
         others={"optic chiasm": (0.5, 0.5), "nasal bones": (0.5, 0.15)},
         names=["both globes", "the globes (eyeballs)"], lay_names=["your eyeballs (the globes)"], short="the globes", lay_short="the eyeballs",
         forbid=[r"globe", r"eyeball", r"\beyes?\b", r"ocular", r"\bbulb"],
         q_clin=["Post-trauma orbit CT. Segment the two fluid-filled spheres at the front of the orbits and tell me whether their contour is preserved.",
                 "Orbit CT, blunt injury. Segment the structures I need to check for rupture."],
         q_lay=["After I got hit in the face they did a CT. Can you show me the round things at the front that I see with?"],
         q_named=["Segment both globes.", "Outline the eyeballs on this CT."],
         q_named_lay=["Can you show me my eyeballs on this scan?"],
         why=["They are the two round fluid-density structures at the front of the orbits with the lens anteriorly."],
         know=["OD is the right eye and OS the left; OU means both.",
               "Open-globe injury is suggested by a flat tyre sign or intraocular air.",
               "The right lamina papyracea has a small old fracture.",
               "An adult globe measures about 24 mm front to back."],
         lay_know=["Both eyes keep a normal round shape, which is reassuring after an injury.",
                   "There's an old small crack in the thin bone on the inner side of the right eye socket."]),
    dict(key="o_on", target="optic nerves", domain="orbit", mod="MR", orient="LP", region="orbit",
         ell=[_E(99, 102, 24, 3, 64), _E(157, 102, 24, 3, 116)], plural=True, unit=("nerve", "nerves"),
         others={"globes": (0.5, 0.235), "optic chiasm": (0.5, 0.56)},
         names=["both intraorbital optic nerves", "the optic nerves"], lay_names=["the optic nerves, the cables that carry vision from each eye to the brain"],
         short="the optic nerves", lay_short="the nerves",
         forbid=[r"optic nerve", r"CN ?II\b", r"cranial nerve", r"\bnerves?\b"],
         q_clin=["Visual loss OS with RAPD, ?compressive lesion. Segment the intraorbital structures carrying vision from each globe back to the apex.",
                 "Axial T1 fat-sat post-gad, ?optic neuritis. Segment the structures that would enhance."],
         q_lay=["My vision went blurry in my left eye. Can you highlight the parts that carry sight from my eyes to my brain on this scan?"],
         q_named=["Segment both optic nerves.", "Outline the intraorbital optic nerves."],
         q_named_lay=["Can you show me my optic nerves?"],
         why=["They run from the back of each globe posteromedially through the cone to the orbital apex."],
         know=["The intraorbital optic nerve is about 25-30 mm long and 3-4 mm thick.",
               "OS means the left eye; the RAPD is in the left eye.",
               "Optic neuritis affects roughly 5 per 100,000 people a year, mostly young women.",
               "The globes are normal in shape."],
         lay_know=["Each eye has its own nerve and they meet behind the eyes at a crossing point.",
                   "About half of people with this kind of sudden blurring recover most of their vision within months."]),
    dict(key="o_mass", target="orbital mass", domain="orbit", mod="MR", orient="LP", region="orbit",
         ell=[_E(88, 85, 11, 10)], plural=False, unit=("mass", "masses"),
         others={"right globe": (0.33, 0.23), "left optic nerve": (0.62, 0.40)},
         names=["an intraconal orbital mass, most likely a cavernous venous malformation (haemangioma)", "the right intraconal orbital mass"],
         lay_names=["a lump behind your eye (an orbital mass), most likely a benign tangle of blood vessels"],
         short="the mass", lay_short="the lump",
         forbid=[r"\bmass", r"tumou?r", r"h(a)?emangioma", r"lesion", r"neoplas", r"malformation", r"\borbital\b", r"\blump"],
         q_clin=["Slowly progressive painless proptosis OD over 3 years, vision preserved. Segment the intraconal cause.",
                 "Axial T2 orbits, 48F, axial proptosis OD. Segment what's displacing the globe."],
         q_lay=["My right eye has been slowly pushing forward for a few years. What did the MRI find? Can you outline it?"],
         q_named=["Segment the orbital mass.", "Outline the right intraconal cavernous haemangioma."],
         q_named_lay=["Can you show me the orbital mass behind my eye?"],
         why=["It is a well-circumscribed, T2-bright intraconal lesion, the classic look of a cavernous venous malformation."],
         know=["Cavernous venous malformation is the commonest benign orbital mass in adults, roughly 5-7% of orbital lesions.",
               "OD means right eye, OS left eye.", "The left orbit is normal.",
               "The left optic nerve is of normal calibre."],
         lay_know=["These are usually benign and grow very slowly.", "Your left eye socket looks normal."]),
    dict(key="o_eom", target="extraocular muscles", domain="orbit", mod="CT", orient="LP", region="orbit",
         ell=[_E(62, 85, 4, 18), _E(108, 88, 4, 18), _E(148, 88, 4, 18), _E(194, 85, 4, 18)], plural=True, unit=("belly", "bellies"),
         others={"optic chiasm": (0.5, 0.55), "nasal bones": (0.5, 0.15)},
         names=["the medial and lateral recti of both orbits", "the extraocular muscles (medial and lateral recti)"],
         lay_names=["the small muscles that move your eyes (extraocular muscles)"], short="the recti", lay_short="the eye muscles",
         forbid=[r"extraocular", r"rectus", r"recti", r"muscle", r"\bEOMs?\b"],
         q_clin=["Thyroid eye disease, diplopia on abduction. Segment the tissues that move the globes, the horizontal pair in each orbit.",
                 "Orbit CT for Graves: segment the structures whose bellies I want to measure."],
         q_lay=["I have an overactive thyroid and now I see double. The doctor said something behind my eyes is swollen. Can you show me what?"],
         q_named=["Segment the extraocular muscles.", "Outline the medial and lateral recti."],
         q_named_lay=["Can you show me the swollen eye muscles?"],
         why=["They are the spindle-shaped soft-tissue bellies along the medial and lateral orbital walls; tendon-sparing enlargement fits thyroid eye disease."],
         know=["Thyroid eye disease develops in about 25-50% of people with Graves disease.",
               "The inferior rectus is usually the first involved, then the medial rectus ('I'm SLow').",
               "Apical crowding is worse on the right in this patient.",
               "OU means both eyes."],
         lay_know=["Thyroid eye problems are common in Graves disease and often settle with treatment.",
                   "Both eyes are affected, which is typical."]),
    dict(key="o_lym", target="orbital lymphoma", domain="orbit", mod="MR", orient="LP", region="orbit",
         ell=[_E(190, 62, 12, 9)], plural=False, unit=("mass", "masses"),
         others={"left globe": (0.68, 0.25), "optic chiasm": (0.5, 0.55)},
         names=["an orbital lymphoma moulding around the globe in the lacrimal region", "the left superolateral orbital lymphoma"],
         lay_names=["a lymphoma in the eye socket (orbital lymphoma), often a slow-growing type"], short="the lymphoma", lay_short="the swelling",
         forbid=[r"lymphoma", r"\bmass", r"tumou?r", r"lesion", r"\borbital\b", r"lymphoid", r"\blump"],
         q_clin=["Painless salmon-coloured swelling under the upper lid OS, elderly patient. Segment the infiltrating soft tissue in the superolateral orbit.",
                 "Axial T1 post-contrast, 74M, ptosis OS. Segment the tissue moulding to the globe."],
         q_lay=["There's a painless puffy swelling above the outer corner of my left eye. What is it on the scan? Can you highlight it?"],
         q_named=["Segment the orbital lymphoma.", "Outline the left lacrimal-region lymphoma."],
         q_named_lay=["Can you show me the lymphoma in my eye socket?"],
         why=["It moulds to the globe without bone erosion and enhances homogeneously, the typical look of orbital lymphoma."],
         know=["Lymphoma is the commonest primary orbital malignancy in older adults, about 10% of orbital tumours.",
               "The right orbit is clear.", "OS is the left eye."],
         lay_know=["These are usually low-grade and respond well to treatment.", "Your right eye socket is normal."]),
    # ---------------------------------------------------------------- fundus photos (other, no orientation)
    dict(key="f_disc", target="optic disc", domain="fundus", mod="other", orient=None, region="eye",
         ell=[_E(178, 128, 20, 22)], plural=False, unit=("disc", "discs"), others={},
         names=["the optic disc", "the optic nerve head (disc)"], lay_names=["the optic disc, where the nerve leaves the eye"],
         short="the disc", lay_short="the disc",
         forbid=[r"disc", r"disk", r"papilla", r"\bONH\b", r"nerve head"],
         q_clin=["Fundus photo OD, glaucoma suspect. Segment the structure where the retinal vessels enter and exit so I can assess cupping.",
                 "Colour fundus OD, IOP 26. Segment the structure whose rim I should grade."],
         q_lay=["The eye doctor took a photo of the back of my eye and talked about 'cupping'. Where is the part they meant? Please highlight it."],
         q_named=["Segment the optic disc.", "Outline the optic nerve head."],
         q_named_lay=["Can you show me the optic disc on my photo?"],
         why=["All the retinal vessels converge on it, and it is the bright oval nasal to the macula."],
         know=["OD is the right eye; in a right-eye photo the disc sits to the right of the fovea as you look at it.",
               "Glaucoma affects roughly 3-4% of people over 40.",
               "The macula is normal, with a good foveal reflex.",
               "A cup-to-disc ratio above 0.6 is often flagged for glaucoma work-up."],
         lay_know=["This is the spot where the nerve leaves the eye; doctors check its shape for glaucoma.",
                   "The central part of your retina looks healthy."]),
    dict(key="f_dru", target="drusen", domain="fundus", mod="other", orient=None, region="eye",
         ell=[_E(120, 150, 5, 5), _E(135, 165, 5, 4), _E(108, 166, 5, 5), _E(147, 145, 4, 5), _E(126, 180, 5, 4)],
         plural=True, unit=("druse", "drusen"), others={},
         names=["drusen around the macula", "the drusen"], lay_names=["drusen, small yellow deposits under the retina"],
         short="the drusen", lay_short="the spots",
         forbid=[r"drusen", r"druse", r"deposit"],
         q_clin=["Fundus OS, 72F, early AMD on exam. Segment the yellow sub-RPE lesions at the macula.",
                 "Colour fundus OS, AREDS grading needed. Segment the round yellow dots I should count."],
         q_lay=["My optician said there are little yellow spots at the back of my eye that come with ageing. Can you point them out on the photo?"],
         q_named=["Segment the drusen.", "Outline all drusen in the macula."],
         q_named_lay=["Can you show me the drusen on my eye photo?"],
         why=["They are discrete yellow deposits beneath the retinal pigment epithelium, the hallmark of early AMD."],
         know=["OS is the left eye.", "Age-related macular degeneration affects about 8% of people worldwide.",
               "Large drusen (over 125 microns) carry a higher risk of progression.",
               "The right eye was reported as normal at the last visit."],
         lay_know=["Small spots like these are common after 60 and don't always affect sight.",
                   "Your other eye was normal at your last check."]),
    dict(key="f_hem", target="retinal haemorrhages", domain="fundus", mod="other", orient=None, region="eye",
         ell=[_E(100, 80, 7, 4, 20), _E(150, 70, 8, 4, -30), _E(175, 95, 6, 4, 10)], plural=True,
         unit=("haemorrhage", "haemorrhages"), others={},
         names=["flame-shaped retinal haemorrhages", "the retinal haemorrhages"], lay_names=["small bleeds in the retina (retinal haemorrhages)"],
         short="the haemorrhages", lay_short="the bleeds",
         forbid=[r"h(a)?emorrhag", r"bleed", r"\bblot", r"flame"],
         q_clin=["Fundus OD, BP 220/130. Segment the red intraretinal lesions along the arcade.",
                 "Colour fundus OD, hypertensive emergency. Segment the red streaks in the nerve fibre layer."],
         q_lay=["My blood pressure was very high and the eye doctor photographed my eye. He pointed at some red streaks - can you mark them?"],
         q_named=["Segment the retinal haemorrhages.", "Outline the flame haemorrhages."],
         q_named_lay=["Can you show me the bleeds in my retina?"],
         why=["They are feathery red streaks in the nerve fibre layer, typical of severe hypertensive retinopathy."],
         know=["OD is the right eye.", "Hypertensive retinopathy signs are seen in about 2-15% of non-diabetic adults over 40.",
               "The optic disc margins are still sharp.",
               "Cotton-wool spots would favour grade 3 of Keith-Wagener-Barker."],
         lay_know=["These small bleeds often fade once blood pressure is controlled.", "The nerve at the back of your eye looks normal."]),
    dict(key="f_ga", target="geographic atrophy", domain="fundus", mod="other", orient=None, region="eye",
         ell=[_E(128, 128, 40, 36)], plural=False, unit=("patch", "patches"), others={},
         names=["geographic atrophy at the macula", "the geographic atrophy"], lay_names=["geographic atrophy, a patch where the seeing cells have worn away"],
         short="the atrophy", lay_short="the patch",
         forbid=[r"geographic", r"atroph", r"\bGA\b"],
         q_clin=["Colour fundus OS, advanced dry AMD. Segment the sharply demarcated area of RPE loss at the macula.",
                 "Fundus OS, reading vision failing. Segment the pale area with visible choroidal vessels."],
         q_lay=["I have the dry type of macular degeneration and my central vision is going. What is the patch in the middle of this photo? Please highlight it."],
         q_named=["Segment the geographic atrophy.", "Outline the GA lesion."],
         q_named_lay=["Can you show me the geographic atrophy?"],
         why=["The choroidal vessels show through a sharply bordered pale zone, which is what RPE loss looks like."],
         know=["OS is the left eye.", "Geographic atrophy affects about 5 million people worldwide.",
               "Growth is typically 1-2 mm squared per year.", "The disc and vessels are unremarkable."],
         lay_know=["Dry macular degeneration progresses slowly; new injections can slow the patch growth.",
                   "The nerve and blood vessels at the back of your eye look normal."]),
]


# -- geometry ---------------------------------------------------------------------------------------

def _draw(ell, rng):
    yy, xx = np.mgrid[0:N, 0:N]
    m = np.zeros((N, N), bool)
    s = rng.uniform(0.97, 1.03)
    for cx, cy, a, b, ang in ell:
        cx, cy = cx + rng.uniform(-1.5, 1.5), cy + rng.uniform(-1.5, 1.5)
        t = math.radians(ang)
        dx, dy = xx - cx, yy - cy
        u = dx * math.cos(t) + dy * math.sin(t)
        v = -dx * math.sin(t) + dy * math.cos(t)
        m |= (u / (a * s)) ** 2 + (v / (b * s)) ** 2 <= 1.0
    return m


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts
    mask = _draw(p["ell"], rng)
    return compute_facts(mask, p["orient"], dict(p["others"])).model_dump(mode="json")


def record_for(p):
    return dict(modality=p["mod"], body_region=p["region"], orientation=p["orient"])


_POOL = {"dental_panoramic": ("dental",), "ent_sinus": ("ent",), "orbit_eye": ("orbit", "fundus"),
         "patient_chat": ("dental", "ent", "orbit", "fundus")}


def pick_profile(profiles, i, defect, rng):
    style = STYLES[(i // 2) % 4]
    pool = [p for p in profiles if p["domain"] in _POOL[style]]
    if defect == "laterality":
        pool = [p for p in pool if p["orient"] is not None]
    return rng.choice(pool)


# -- words ------------------------------------------------------------------------------------------

_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior", "superior": "inferior",
        "inferior": "superior", "upper": "lower", "lower": "upper"}
_FLIP = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "left_of": "right_of", "right_of": "left_of",
         "superior_to": "inferior_to", "inferior_to": "superior_to"}


def _cap(s):
    return s[:1].upper() + s[1:]


def _pct(x):
    if x >= 10:
        return f"{x:.0f}"
    if x >= 1:
        return f"{x:.1f}"
    return f"{x:.2f}"


class _Ctx:
    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.lay = style == "patient_chat"
        self.o = p["orient"]

    def subj(self):
        """(subject, be, has-s verb suffix) for a sentence about the target."""
        p, r = self.p, self.rng
        short = p["lay_short"] if self.lay else p["short"]
        opts = [("It", "is", "s"), ("The mask", "is", "s"), ("The segmented region", "is", "s"),
                ("The highlighted area", "is", "s"), (_cap(short), "are" if p["plural"] and short not in ("13", "48") else "is",
                                                        "" if p["plural"] and short not in ("13", "48") else "s")]
        if self.lay:
            opts = [("It", "is", "s"), ("The shaded area", "is", "s"), (_cap(short), opts[-1][1], opts[-1][2])]
        return r.choice(opts)


def _view(o, p):
    if o == "LP":
        return "axial slices are viewed from the feet"
    if p["mod"] == "XR":
        return "panoramic films are read as if facing the patient"
    return "coronal images are displayed as if facing the patient"


# each renderer returns a sentence; the caller records the claim it makes

def s_lat(c, v, truth):
    r, p = c.rng, c.p
    S, be, _ = c.subj()
    if c.lay:
        part = {"dental": "jaw", "ent": "face", "orbit": "head"}.get(p["domain"], "head")
        if v in ("left", "right"):
            if truth == "bilateral":
                return r.choice([f"It's only on your {v} side.", f"It's just on the {v} side of your {part}, not the other."])
            return r.choice([f"It's on your {v} side.", f"That's on the {v} side of your {part}.",
                             f"Scans are shown as if we're facing you, so it appears on the {_OPP[v]} of the picture, but it's really on your {v} side.",
                             f"{S} {be} on your {v}."])
        if v == "bilateral":
            return r.choice(["It's on both sides, left and right.", "You have it on both sides.", f"{S} {be} on both your left and your right."])
        return r.choice(["It's right in the middle, not off to one side.", f"{S} {be} in the middle of your {part}."])
    zone = {"dental": "side of the jaw", "ent": "side", "orbit": "orbit"}.get(p["domain"], "side")
    if v in ("left", "right"):
        if truth == "bilateral":
            return r.choice([f"{S} {be} confined to the patient's {v} side.", f"Only the {v} side is involved.",
                             f"Laterality: {v} only.", f"It's unilateral, on the {v}."])
        opts = [f"{S} {be} on the patient's {v}.", f"{S} {be} {v}-sided.", f"Laterality: {v}.",
                f"It lies on the {v} {zone}.",
                f"On the image it sits to the viewer's {_OPP[v]}; {_view(c.o, p)}, so that is the patient's {v}."]
        if p["domain"] == "orbit":
            opts.append(f"This is the {v} orbit, i.e. the {'OD' if v == 'right' else 'OS'} side.")
        return r.choice(opts)
    if v == "bilateral":
        opts = [f"{S} {be} bilateral, with involvement on both the right and the left.", "Both sides are involved.",
                "Laterality: bilateral.", "It's present on both sides, roughly symmetric."]
        if p["domain"] == "orbit":
            opts.append("Both orbits are involved (OU).")
        return r.choice(opts)
    return r.choice([f"{S} {be} midline.", "It sits centrally, on the midline, rather than favouring one side.",
                     "Laterality: midline.", f"{S} {be} centred on the midline."])


def s_notlat(c, v):
    r = c.rng
    if v == "onesided":
        if c.f["laterality"] == "bilateral":
            return r.choice(["It isn't limited to one side.", "This is not a one-sided finding."])
        return r.choice(["It doesn't lean to either side.", "It is not off to one side."])
    if c.lay:
        return r.choice([f"It's not on your {v} side.", f"Your {v} side is clear of it."])
    return r.choice([f"It is not on the {v}.", f"Nothing of it lies on the patient's {v}.", f"The {v} side is spared."])


def _vphrase(c, v):
    o, p, r = c.o, c.p, c.rng
    if o == "LP":
        if v == "central":
            return r.choice(["roughly central front-to-back", "at mid-depth anteroposteriorly", "in the middle third front-to-back"])
        if c.lay:
            return r.choice([f"toward the {'front' if v == 'anterior' else 'back'} of your {'head' if p['domain'] != 'dental' else 'mouth'}"])
        return r.choice([f"{v} in the slice", f"toward the {'front' if v == 'anterior' else 'back'}", f"in the {v} part of the section",
                         f"in the {v} half of the slice"])
    if o == "LI":
        if v == "central":
            return r.choice(["at about mid-height on the image", "vertically central", "roughly level with the middle of the image"])
        up = v == "superior"
        if p["mod"] == "XR":
            return r.choice([f"in the {'upper' if up else 'lower'} jaw", f"in the {'upper' if up else 'lower'} half of the film",
                             f"{'superior' if up else 'inferior'}ly on the film"])
        return r.choice([f"in the {'upper' if up else 'lower'} part of the image", f"in the {'upper' if up else 'lower'} half of the image"])
    if v == "central":
        return r.choice(["near the centre of the photo", "about central in the frame"])
    return r.choice([f"in the {v} half of the photo", f"{'above' if v == 'upper' else 'below'} the horizontal midline of the image",
                     f"in the {v} part of the picture"])


def s_vert(c, v):
    r = c.rng
    S, be, _ = c.subj()
    ph = _vphrase(c, v)
    opts = [f"{S} {be} {ph}.", f"It sits {ph}."]
    if not c.lay:
        word = v if c.o is not None else {"upper": "upper half", "lower": "lower half", "central": "central"}[v]
        opts.append(f"Position: {word}.")
    return r.choice(opts)


def s_notvert(c, v):
    return c.rng.choice([f"It is not {_vphrase(c, v)}.", f"Nothing of it is {_vphrase(c, v)}."])


def s_quad(c, side, vert):
    S, be, _ = c.subj()
    q = {("superior", "right"): 1, ("superior", "left"): 2, ("inferior", "left"): 3, ("inferior", "right"): 4}[(vert, side)]
    ud = "upper" if vert == "superior" else "lower"
    if c.lay:
        return f"{S} {be} in the {ud} {side} part of your mouth."
    return c.rng.choice([f"{S} {be} in the {ud} {side} quadrant (quadrant {q}).", f"Quadrant {q}, i.e. {ud} {side}."])


def _the(other):
    return other if other.startswith("tooth") else "the " + other


def _relphrase(c, rel, other):
    r = c.rng
    the = _the(other)
    if rel in ("left_of", "right_of"):
        side = rel.split("_")[0]
        if c.lay:
            return f"to your {side} of {the}"
        return r.choice([f"to the patient's {side} of {the}", f"on the {side} of {the} (patient's {side})"])
    words = {"anterior_to": ["anterior to", "in front of"], "posterior_to": ["posterior to", "behind"],
             "superior_to": ["superior to", "above"], "inferior_to": ["inferior to", "below"]}[rel]
    return f"{r.choice(words)} {the}"


def s_rel(c, rel, other):
    S, be, _ = c.subj()
    ph = _relphrase(c, rel, other)
    return c.rng.choice([f"{S} {be} {ph}.", f"It lies {ph}.", f"On this image it is {ph}.", f"{_cap(ph)}."]
                        if not c.lay else [f"{S} {be} {ph}.", f"It sits {ph}."])


_CLS = {"small": ["small", "tiny", "a small area"], "medium": ["medium-sized", "moderate in size", "mid-sized"],
        "large": ["large", "extensive", "big"]}


def s_cls(c, v):
    r = c.rng
    S, be, _ = c.subj()
    w = r.choice(_CLS[v])
    if c.lay:
        lw = {"small": "quite small", "medium": "medium-sized", "large": "fairly large"}[v]
        return r.choice([f"It's {lw}.", f"{S} {be} {lw}."])
    return r.choice([f"{S} {be} {w}." if w != "a small area" else "It's a small area.", f"Size: {v}.",
                     f"Overall it's {w}.", f"Size class {v}."])


def s_pct(c, x):
    r = c.rng
    S, be, s = c.subj()
    t = _pct(x)
    if c.lay:
        return r.choice([f"It takes up about {t}% of the picture.", f"That's roughly {t} percent of the image."])
    return r.choice([f"It covers about {t}% of the image.", f"Area is about {t}% of the frame.",
                     f"{S} take{s} up roughly {t} percent of the pixels.", f"Area fraction: ~{t}%."])


def s_cnt(c, n):
    r = c.rng
    S, be, s = c.subj()
    u1, un = c.p["unit"]
    if c.lay:
        return r.choice(["There's just one spot.", "It's a single area."] if n == 1 else
                        [f"There are {_NUM[n]} separate spots.", f"It's made of {_NUM[n]} separate areas."])
    if n == 1:
        return r.choice(["It is a single connected region.", "One piece only.", "Count: 1.", f"There is just one {u1}.",
                         "It is one contiguous region, not multifocal."])
    return r.choice([f"{S} consist{s} of {_NUM[n]} separate parts.", f"Count: {n}.", f"There are {_NUM[n]} distinct {un}.",
                     f"{_cap(_NUM[n])} separate components."])


# -- false values --------------------------------------------------------------------------------

def _wrong(kind, f, rng, rels):
    if kind == "lat":
        t = f["laterality"]
        if t in ("left", "right"):
            return rng.choice([_OPP[t]] * 4 + ["bilateral", "midline"])
        if t == "bilateral":
            return rng.choice(["left", "right"])
        return rng.choice(["left", "right"])
    if kind == "vert":
        t = f["vertical"]
        if t == "central":
            return rng.choice({"LP": ["anterior", "posterior"], "LI": ["superior", "inferior"], None: ["upper", "lower"]}[f["_o"]])
        return _OPP[t]
    if kind == "rel":
        other, rel = rng.choice(rels)
        return (other, _FLIP[rel])
    if kind == "cls":
        return {"small": rng.choice(["large", "medium"]), "medium": rng.choice(["small", "large"]), "large": "small"}[f["size_class"]]
    if kind == "pct":
        x = 100 * f["area_fraction"]
        return x * rng.choice([0.2, 0.25, 0.3]) if rng.random() < 0.5 else x * rng.choice([3.0, 3.5, 4.0])
    if kind == "cnt":
        n = f["components"]
        return rng.choice([2, 3]) if n == 1 else rng.choice([k for k in (1, n - 1, n + 1) if k >= 1 and k != n])
    raise ValueError(kind)


def _true(kind, f, rng, rels):
    if kind == "lat":
        return f["laterality"]
    if kind == "vert":
        return f["vertical"]
    if kind == "rel":
        return rng.choice(rels)
    if kind == "cls":
        return f["size_class"]
    if kind == "pct":
        return 100 * f["area_fraction"] * rng.uniform(0.93, 1.07)
    if kind == "cnt":
        return f["components"]


# -- conversation ---------------------------------------------------------------------------------

_OPEN = {
    "dental_panoramic": ["{N} [SEG].", "Findings: {n} [SEG].", "This is {n}, masked here [SEG].", "Segmented: {n} [SEG].",
                         "OK - {n} [SEG]."],
    "ent_sinus": ["The culprit is {n} [SEG].", "{N} [SEG].", "The structure in question is {n}; mask: [SEG].",
                  "From a surgical-planning standpoint, this is {n} [SEG]."],
    "orbit_eye": ["{N} [SEG].", "This is {n} [SEG].", "Segmentation of {n}: [SEG].", "What you're describing is {n} [SEG]."],
    "patient_chat": ["Thanks for sharing the scan. What you're describing is {n}. I've highlighted it here [SEG].",
                     "Good question! The area is {n} - it's shaded on the image [SEG].",
                     "I've marked it for you [SEG]. This is {n}.", "Here it is [SEG]: {n}."],
}
_CLOSE_LAY = ["Your dentist or doctor is the best person to explain what it means for you.",
              "I can't give a diagnosis, so please go over this with your specialist.",
              "Do bring any worries to your next appointment.", ""]


def _ask(c, kind, other=None):
    r, o = c.rng, c.o
    if c.lay:
        return r.choice({"lat": ["Which side is it on?", "Is it on my left or my right?"],
                         "vert": ["Is it near the front or the back?" if o == "LP" else "Is it higher up or lower down?"],
                         "rel": [f"Where is it compared with {'my ' + other if other and not other.startswith('tooth') else other}?"],
                         "cls": ["Is it big?", "How large is it?"],
                         "pct": ["How much of the picture does it take up?"],
                         "cnt": ["Is it just one spot or several?", "How many are there?"],
                         "summary": ["Can you sum it up in plain words?", "So what's the short version?"]}[kind])
    vq = {"LP": ["Anterior or posterior in the slice?", "Where does it sit front-to-back?"],
          "LI": ["Upper or lower?", "Where is it vertically?"], None: ["Upper or lower half of the photo?", "Where in the frame?"]}[o]
    return r.choice({"lat": ["Which side?", "Side?", "Left or right?", "Confirm laterality for the op note?"],
                     "vert": vq, "rel": [f"How does it relate to {_the(other or '')}?", f"And relative to {_the(other or '')}?"],
                     "cls": ["How big is it?", "Size class?", "How would you grade the size?"],
                     "pct": ["What fraction of the image does the mask cover?", "Percentage of the frame?"],
                     "cnt": ["How many separate areas?", "Single or multiple?", "How many components?"],
                     "summary": ["Summarise for the referral letter.", "One-line summary?", "Wrap it up for the notes."]}[kind])


def _premise(c, kind, v):
    """A user's clause that states `v` for `kind` (true or not)."""
    r = c.rng
    you = "my" if c.lay else "the"
    if kind == "lat":
        if v == "bilateral":
            return r.choice(["Since it's on both sides,", "Given it's bilateral,"])
        if v == "midline":
            return r.choice(["Since it's in the midline,", "Given it's central and not on one side,"])
        if c.f["laterality"] == "bilateral":
            return r.choice([f"Since only the {v} side is involved,", f"Given it's just on {you} {v},"])
        return r.choice([f"Since it's on {you} {v} side,", f"Given it's {v}-sided,"])
    if kind == "vert":
        return f"Since it sits {_vphrase(c, v)},"
    if kind == "rel":
        return f"Since it's {_relphrase(c, v[1], v[0])},"
    if kind == "cls":
        word = {"small": "small", "medium": "medium-sized", "large": "large"}[v]
        return f"Since it's so {word}," if c.lay else f"Since it's {word},"
    if kind == "pct":
        return f"Given it covers about {_pct(v)}% of the image,"
    if kind == "cnt":
        return "Since it's just a single area," if v == 1 else f"Since there are {_NUM[v]} separate areas,"


def _qlower(q):
    return q[:1].lower() + q[1:]


def _render(c, kind, v):
    if kind == "lat":
        return s_lat(c, v, c.f["laterality"])
    if kind == "vert":
        return s_vert(c, v)
    if kind == "rel":
        return s_rel(c, v[1], v[0])
    if kind == "cls":
        return s_cls(c, v)
    if kind == "pct":
        return s_pct(c, v)
    if kind == "cnt":
        return s_cnt(c, v)


_DKIND = {"laterality": ["lat"], "position": ["vert", "rel"], "size": ["cls", "pct"], "count": ["cnt"]}


def build(p, facts, style, rng, defect):
    f = dict(facts)
    f["_o"] = p["orient"]
    c = _Ctx(p, f, style, rng)
    rels = [(r["other"], r["relation"]) for r in facts["relations"]]
    kinds = (["lat"] if facts["laterality"] != "unknown" else []) + ["vert", "cls", "pct", "cnt"] + (["rel"] if rels else [])
    ledger = []

    def note(turn, kind, v, text, role="assistant", corrected=False):
        ledger.append(dict(turn=turn, kind=kind, value=v, text=text, role=role, corrected=corrected))
        return text

    dk, place = None, None
    if defect in _DKIND:
        opts = [k for k in _DKIND[defect] if k in kinds]
        dk = "rel" if defect == "position" and "rel" in opts and rng.random() < 0.45 else opts[0]
        x = rng.random()
        place = "user" if x < 0.2 else "followup" if x < 0.42 else "first"
    banned = {dk} if dk else set()  # a defect kind is said exactly once, falsely
    if dk == "lat":
        banned |= {"notlat", "quad"}
    if dk == "vert":
        banned |= {"notvert", "quad"}

    turns = []
    # ---- first question
    if defect == "names_target":
        q = rng.choice(p["q_named_lay"] if c.lay else p["q_named"])
    else:
        q = rng.choice(p["q_lay"] if c.lay else p["q_clin"])
    if style == "dental_panoramic" and rng.random() < 0.3:
        q = rng.choice(["OPG attached. ", "Quick one. ", "", "CBCT/OPG review: "]) + q
    turns.append(dict(role="user", content=q))

    # ---- first answer
    t = 1
    names = p["lay_names"] if c.lay else p["names"]
    nm = rng.choice(names)
    parts = [rng.choice(_OPEN[style]).format(n=nm, N=_cap(nm))]
    if rng.random() < 0.7:
        parts.append(rng.choice(p["why"]))
    pool = [k for k in kinds if k != dk]
    rng.shuffle(pool)
    first = pool[:rng.randint(2, min(4, len(pool)))]
    if dk and place == "first":
        first.insert(rng.randint(0, len(first)), dk)
    said = set()
    quad_ok = (p["mod"] == "XR" and facts["laterality"] in ("left", "right") and facts["vertical"] in ("superior", "inferior"))
    for k in first:
        false = dk == k and place == "first"
        v = _wrong(k, f, rng, rels) if false else _true(k, f, rng, rels)
        if k == "lat" and quad_ok and v in ("left", "right") and dk != "vert" and rng.random() < 0.4:
            txt = s_quad(c, v, facts["vertical"])
            note(t, "lat", v, txt)
            note(t, "vert", facts["vertical"], txt)
            parts.append(txt)
            said |= {"lat", "vert"}
            continue
        txt = _render(c, k, v)
        note(t, k, v, txt)
        parts.append(txt)
        said.add(k)
        # a true negation or a convention next to a true side/position
        if not false and k == "lat" and "notlat" not in banned and rng.random() < 0.35:
            nv = ("onesided" if facts["laterality"] in ("bilateral", "midline") else _OPP[facts["laterality"]])
            parts.append(note(t, "notlat", nv, s_notlat(c, nv)))
        if not false and k == "vert" and "notvert" not in banned and facts["vertical"] != "central" and rng.random() < 0.3:
            parts.append(note(t, "notvert", _OPP[facts["vertical"]], s_notvert(c, _OPP[facts["vertical"]])))
    # knowledge / distractors
    know = p["lay_know"] if c.lay else p["know"]
    for line in rng.sample(know, rng.randint(1, min(2, len(know)))):
        parts.insert(rng.randint(2, len(parts)), line)
    if facts["laterality"] in ("left", "right") and "lat" not in banned and rng.random() < 0.25:
        o = _OPP[facts["laterality"]]
        parts.append(rng.choice([f"Had it been on the {o}, the surgical approach would simply be mirrored.",
                                 f"If it were on the {o} side I'd expect the same appearance, just mirrored."]))
    if c.lay:
        parts.append(rng.choice(_CLOSE_LAY))
    turns.append(dict(role="assistant", content=" ".join(x for x in parts if x)))

    # ---- follow-ups
    rounds = rng.choice([1, 2]) if not (dk and place in ("user", "followup")) else rng.choice([1, 2])
    defect_round = rng.randrange(rounds) if dk and place in ("user", "followup") else -1
    corrected_round = rng.randrange(rounds) if not defect and rng.random() < 0.4 else -1
    summed = False
    for rd in range(rounds):
        t += 1
        ans = []
        if rd == defect_round and place == "followup":
            other = None
            v = _wrong(dk, f, rng, rels)
            if dk == "rel":
                other = v[0]
            uq = _ask(c, dk, other)
            txt = _render(c, dk, v)
            note(t + 1, dk, v, txt)
            ans.append(rng.choice(["", "Sure. ", "Yes - ", "Looking again: "]) + txt)
            said.add(dk)
        elif rd == defect_round and place == "user":
            v = _wrong(dk, f, rng, rels)
            pre = _premise(c, dk, v)
            qk = rng.choice([k for k in kinds if k not in banned and k != "rel"] or ["cls"])
            other = None
            if qk == "rel":
                other = rng.choice(rels)[0]
            uq = f"{pre} {_qlower(_ask(c, qk, other))}"
            note(t, dk, v, pre, role="user")
            tv = _true(qk, f, rng, rels)
            txt = _render(c, qk, tv)
            note(t + 1, qk, tv, txt)
            ans.append(rng.choice(["", "Good question. ", "Sure - ", "OK. "]) + txt)
        elif rd == corrected_round:
            ck = rng.choice([k for k in ("lat", "vert", "cnt", "cls") if k in kinds])
            wv = _wrong(ck, f, rng, rels)
            pre = _premise(c, ck, wv)
            uq = rng.choice([f"{pre} is that why it was picked up?", f"{pre} does that change anything?"])
            note(t, ck, wv, pre, role="user", corrected=True)
            tv = _true(ck, f, rng, rels)
            txt = _render(c, ck, tv)
            note(t + 1, ck, tv, txt)
            ans.append(rng.choice(["Actually, no - that premise isn't right. ", "Not quite: ", "Small correction first. "]) + txt)
            if ck == "lat" and "notlat" not in banned and facts["laterality"] in ("left", "right"):
                ans.append(note(t + 1, "notlat", _OPP[facts["laterality"]], s_notlat(c, _OPP[facts["laterality"]])))
        else:
            left = [k for k in kinds if k not in said and k not in banned]
            if (rng.random() < 0.35 or not left) and not summed:
                summed = True
                uq = _ask(c, "summary")
                ks = [k for k in kinds if k not in banned]
                rng.shuffle(ks)
                for k in ks[:rng.randint(2, min(4, len(ks)))]:
                    tv = _true(k, f, rng, rels)
                    ans.append(note(t + 1, k, tv, _render(c, k, tv)))
            else:
                k = rng.choice(left or [k for k in kinds if k not in banned])
                other = None
                tv = _true(k, f, rng, rels)
                if k == "rel":
                    other = tv[0]
                uq = _ask(c, k, other)
                ans.append(note(t + 1, k, tv, _render(c, k, tv)))
                said.add(k)
                if k == "rel":
                    for o2, r2 in rels:
                        if o2 == other and r2 != tv[1]:
                            ans.append(note(t + 1, "rel", (o2, r2), s_rel(c, r2, o2)))
        if rng.random() < 0.4:
            ans.append(rng.choice(p["lay_know"] if c.lay else p["know"]))
        turns.append(dict(role="user", content=uq))
        turns.append(dict(role="assistant", content=" ".join(ans)))
        t += 1
    LEDGER.append(ledger)
    return turns, ([] if defect is None else [defect])
