"""Words that refer without naming a structure, for `lexicon`'s matcher: common anatomy that is another structure
than the target, acronyms that stand for one, pronouns and phrases that point at the target, people (the patient, a
relative, a trainee: never the target) and the target's counterpart on the other side."""

from __future__ import annotations

import re

ANATOMY = ("stomach", "bowel", "colon", "intestine", "duodenum", "jejunum", "ileum", "gallbladder", "pancreas",
           "adrenal gland", "bladder", "ureter", "heart", "lung", "diaphragm", "psoas", "psoas muscle", "muscle",
           "rib", "inferior vena cava", "ivc", "vena cava", "vein", "artery", "lymph node", "esophagus",
           "oesophagus", "skull", "skin", "cord", "spinal cord", "spinal canal", "portal vein", "renal vein",
           "renal artery", "renal pelvis", "hepatic vein", "hepatic artery", "hepatic flexure", "splenic vein",
           "splenic artery", "splenic flexure", "aortic bifurcation", "bile duct", "common bile duct",
           "right atrium", "left atrium", "superior mesenteric artery", "portal confluence", "adrenal glands",
           "lesser sac", "abdominal wall", "carotid sheath", "spine", "hilum", "psoas muscles", "cortex", "upper poles",
           "sacroiliac joint",
           "sacroiliac joints", "joint", "joints", "anterior superior iliac spine", "posterior superior iliac spine", "iliac crest",
           "umbilicus")
# disease or structure acronyms whose use names a structure (matched case-sensitively, as written)
ACRONYMS = {"AAA": "aorta", "TAA": "aorta", "IVC": "inferior vena cava", "HCC": "liver", "RCC": "kidney",
            "GB": "gallbladder", "CBD": "common bile duct", "LV": "left ventricle", "RV": "right ventricle"}
PRONOUN = re.compile(r"\b(?:it|its|itself|they|them|their|this one|that one|this(?=\s+(?:is|lies|sits)\b)|our (?:structure|organ|target)|"
                     r"the (?:structure|organ) in question|this (?:[a-z-]+ ){0,2}?(?:structure|organ|viscus|region|lesion|finding|"
                     r"vessel|bone|gland|vein|kidney|cyst|area|spot|focus|pair|muscle|growth|mass|nodule|polyp|lump|collection|"
                     r"node|duct|artery|nerve|lobe|cavity|blob|outline|contour)|these (?:[a-z-]+ ){0,2}?(?:lesions|regions|structures|foci|areas|"
                     r"spots|organs|glands)|"
                     r"the (?:structure|target|mask|segmentation|organ|gland|vessel|finding|region)|"
                     r"the (?:segmented|highlighted|masked|outlined|marked|labelled|labeled|shaded) \w+|"
                     # report English: "The same is noted on Rt side", "Kindly segment the same"
                     r"the same(?=\s+(?:is|are|was|were|noted|seen|lies|lie|measures?|appears?|shows?)\b|\s*[.!?]?\s*$))\b", re.IGNORECASE)

# a relative of someone's, by the words after "his", "her" or "their"
RELATIVE = (r"(?:(?:late|older|elder|younger|twin|own)\s+)?(?:father|mother|dad|mum|mom|brother|sister|son|daughter|uncle|aunt|"
            r"cousin|grandfather|grandmother|grandad|granddad|grandma|grandpa|nan|nephew|niece|siblings?|parents?|husband|"
            r"wife|partner)\b")
# people are never the target: "a patient has pain radiating to the back" and "many trainees count two
# pieces" say nothing about the mask
PERSON = re.compile(r"\b(?:(?:the|a|an|this|that|older|elderly|young|many|most|some|few)\s+)?(?:patient|patients|person|man|"
                    r"woman|child|boy|girl|adult|smoker|athlete|runner|infant|he|she|someone|people|trainees?|"
                    r"students?|residents?|readers?|beginners?|novices?|learners?|radiologists?|doctors?|clinicians?|"
                    r"observers?|candidates?|examiners?|tutors?)\b(?!'s|s')|"
                    # the patient's relatives, whose own findings are not the patient's ("his late father had one on the right")
                    rf"\b(?:his|her|their)\s+{RELATIVE}(?!'s|s')", re.IGNORECASE)

SIDED_ONE = re.compile(r"\b(?:the|this|that)\s+(left|right)(?:[\s-]+sided)?\s+one\b", re.I)
# the target's partner on the other side is another structure: "its partner on the right mirrors it", "the
# contralateral one", "its twin across the midline" (a part of the target, "its lower pole", stays the target)
COUNTERPART = re.compile(r"\b(?:its|their|the)\s+(?:(?:contralateral|opposite|other|paired|matching|mirror|(?:left|right)"
                         r"(?:[\s-]+(?:hand\s+)?sided)?)\s+)?"
                         r"(?:partner|counterpart|twin|fellow|mate|sibling|mirror[\s-]image|opposite\s+number)s?\b|"
                         r"\bthe\s+(?:contralateral|opposite|other|matching|corresponding)\s+(?:\((?:left|right)\)\s+)?(?:[a-z-]+\s+){0,2}?"
                         r"(?:one|structure|organ|nucleus|muscle|bone|gland|lung|kidney|artery|vein|vessel|rib|lobe|side's\s+\w+|"
                         # paired structures named by their own noun: "the opposite (right) hippocampus"
                         r"hippocampus|hemisphere|ovary|adrenal|femur|clavicle|humerus|eye|globe|breast|testis|thalamus|putamen|"
                         r"meniscus|tonsil|parotid|ureter|hilum|hemidiaphragm)\b", re.IGNORECASE)
