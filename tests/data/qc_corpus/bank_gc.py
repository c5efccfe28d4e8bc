"""Bank GC: LLM answers exported as rich text, written blind (without reading any QC rule, test or other bank).

Registers (STYLES): `html` (a chatbot transcript exported as HTML: <p>, <b>, <ul><li>, <br/>, &nbsp;, &gt;,
&rsquo;, <a href>, <sup>[1]</sup>), `latex` (a LaTeX teaching handout: \\textbf{}, \\emph{}, $3 \\times 4$~cm,
\\%, itemize, \\footnote, \\cite), `wiki` (a wiki / knowledge-base article: == headings ==, '''bold''',
[[links|link]], <ref>, [1], markdown links, * bullets) and `pdf` (report text pasted from a PDF: hard line
breaks mid-sentence, hyphenated line-end word splits, page footers, superscript footnote marks, ligatures).
Targets: 25 (abdomen, thorax, brain, pelvis; CT, MR, chest X-ray; axial LP and coronal LI), left / right /
midline / bilateral, one to five pieces, small to large, most with relations to other named structures.
Every claim about the target is generated from the facts `compute_facts` measured on the row's synthetic
mask and recorded in `LEDGER`; the writer's own checker (kept outside the repo) re-reads the rows.

Own check (seed 20261312, /work/notes/qcgc_scripts/check_gc.py): rows 420, clean 210, defects laterality 42 /
position 42 / size 42 / count 42 / names_target 42; the one false claim sits in the first answer 48, a follow-up
answer 64, a user premise left uncorrected 56; 2278 claims ledgered; problems: 0
"""

from __future__ import annotations

import re

import numpy as np

from medseg_qa.facts import compute_facts

STYLES = ["html", "latex", "wiki", "pdf"]
LEDGER: list[dict] = []   # one entry per built row: its claims about the target (kind, value, turn, role, ...)

_N = 256


def _p(target, region, modality, orient, blobs, others, names, clues, piece=("region", "regions"), multi=None,
       trivia=(), aside=(), role=""):
    return dict(target=target, region=region, modality=modality, orient=orient, blobs=blobs, others=others,
                names=names, clues=clues, piece=piece, multi=multi, trivia=list(trivia), aside=list(aside),
                role=role)


PROFILES = [
    # ---- abdomen, axial CT (LP: columns run to the patient's left, rows to the back)
    _p("liver", "abdomen", "CT", "LP", [(84, 108, 50, 44)],
       {"spleen": (0.76, 0.6), "abdominal aorta": (0.52, 0.62), "right kidney": (0.3, 0.7)},
       ["liver", "hepat"],
       ["Which organ on this slice makes bile and stores glycogen?",
        "A patient with a raised ALT and AST after paracetamol overdose: which organ here is the one being injured?"],
       trivia=["A normal adult version of this organ weighs about 1.4 to 1.6 kg.",
               "Its craniocaudal span in the midclavicular line is usually under 16 cm."],
       aside=["The spleen, its counterpart across the abdomen, sits in the patient's left upper quadrant."],
       role="It produces bile, handles most drug metabolism and stores glycogen."),
    _p("spleen", "abdomen", "CT", "LP", [(186, 150, 22, 31)],
       {"liver": (0.32, 0.42), "left kidney": (0.7, 0.72), "stomach": (0.64, 0.38)},
       ["spleen", "splen"],
       ["Which organ here filters old red cells and enlarges in infectious mononucleosis?",
        "After blunt trauma to the lower left ribs, which organ on this slice is most at risk of rupture?"],
       trivia=["Accessory spleens turn up in roughly 10 to 30% of people at autopsy.",
               "A craniocaudal length above 13 cm is the usual cut-off for enlargement in adults."],
       aside=["The liver, on the patient's right, is by far the bigger of the two solid upper-abdominal organs."],
       role="It filters ageing red cells and mounts immune responses to blood-borne bacteria."),
    _p("left kidney", "abdomen", "CT", "LP", [(178, 166, 17, 24)],
       {"abdominal aorta": (0.52, 0.6), "spleen": (0.76, 0.52), "right kidney": (0.3, 0.66)},
       ["kidney", "renal"],
       ["Which paired retroperitoneal organ filters the blood, and I mean the one on the same side as the spleen?",
        "Which urine-producing organ is the one next to the spleen here?"],
       trivia=["The left one usually sits 1 to 2 cm higher than the right, because the liver pushes the right one down.",
               "Normal adult length is about 10 to 12 cm."],
       aside=["Its partner on the right lies behind the liver, a little lower in the body."],
       role="It filters the blood and makes urine; the left renal vein crosses in front of the aorta to reach the IVC."),
    _p("right adrenal gland", "abdomen", "CT", "LP", [(94, 150, 6, 9)],
       {"inferior vena cava": (0.42, 0.52), "abdominal aorta": (0.52, 0.6), "liver": (0.3, 0.42)},
       ["adrenal", "suprarenal"],
       ["Which small endocrine gland makes cortisol and aldosterone and sits behind the IVC on this slice?",
        "A patient with resistant hypertension and low potassium: which tiny gland here would you look at first?"],
       piece=("limb", "limbs"),
       trivia=["Incidental adrenal nodules are found in about 4 to 5% of abdominal CTs.",
               "A nodule under 10 HU on non-contrast CT is usually a lipid-rich adenoma."],
       aside=["The left gland, on the other side of the aorta, is more often crescent- or lambda-shaped."],
       role="It secretes cortisol and aldosterone from its cortex and adrenaline from its medulla."),
    _p("liver metastases", "abdomen", "CT", "LP", [], {"spleen": (0.76, 0.6), "gallbladder": (0.36, 0.5)},
       ["metasta", "liver", "hepat", "secondar"],
       ["A patient with known colorectal cancer has a rising CEA: which lesions on this slice explain it?",
        "Which hypodense deposits here are the spread of the patient's bowel cancer?"],
       piece=("lesion", "lesions"), multi=(2, 4, (55, 115, 75, 140), (7, 12)),
       trivia=["About 50% of people with colorectal cancer develop spread to this organ at some point.",
               "Resection is usually considered when at least 30% of the organ can be left behind."],
       aside=["The spleen, on the other side, looks normal in size and density."],
       role="They are secondary deposits from the colorectal primary, seen as low-density lesions in the portal venous phase."),
    _p("abdominal aorta", "abdomen", "CT", "LP", [(133, 152, 10, 10)],
       {"vertebral body": (0.5, 0.74), "pancreas": (0.58, 0.44), "inferior vena cava": (0.42, 0.56)},
       ["aorta", "aortic"],
       ["Which vessel carries oxygenated blood down to the legs and would be measured for an aneurysm here?",
        "An elderly smoker has a pulsatile mass in the belly: which vessel on this slice should we measure?"],
       trivia=["A diameter of 3 cm or more is the usual threshold for calling it aneurysmal.",
               "Screening men at 65 with one ultrasound is standard in the UK."],
       aside=["The IVC runs beside it, on the patient's right."],
       role="It is the main arterial trunk below the diaphragm, giving off the coeliac, SMA and renal arteries."),
    _p("kidneys", "abdomen", "CT", "LP", [(80, 166, 17, 24), (178, 166, 17, 24)],
       {"abdominal aorta": (0.52, 0.6), "liver": (0.3, 0.42), "spleen": (0.76, 0.5)},
       ["kidney", "renal"],
       ["Which paired organs on this slice filter about 180 litres of plasma a day?",
        "In a patient whose creatinine has doubled, which paired organs here would you assess for size and scarring?"],
       piece=("organ", "organs"),
       trivia=["Roughly 1 in 500 people has a horseshoe variant with the lower poles fused.",
               "Together they receive about 20 to 25% of the cardiac output."],
       aside=["The aorta runs between them, just in front of the spine."],
       role="They filter the blood, regulate salt and water balance and produce erythropoietin."),
    _p("pancreas", "abdomen", "CT", "LP", [(150, 118, 34, 10)],
       {"spleen": (0.78, 0.6), "abdominal aorta": (0.52, 0.64), "liver": (0.3, 0.42)},
       ["pancrea"],
       ["Which gland here makes insulin and also digestive enzymes?",
        "A patient with epigastric pain radiating to the back and a lipase of 2,400 U/L: which organ on this slice is inflamed?"],
       trivia=["Its head sits in the duodenal C-loop; the tail reaches towards the splenic hilum.",
               "Around 80% of acute inflammation of this gland is due to gallstones or alcohol."],
       aside=["The splenic vein runs along its back surface."],
       role="It has an exocrine part making digestive enzymes and endocrine islets making insulin and glucagon."),
    # ---- thorax
    _p("right lung", "thorax", "CT", "LP", [(80, 122, 40, 60)],
       {"heart": (0.55, 0.42), "left lung": (0.7, 0.47), "descending aorta": (0.58, 0.7)},
       ["lung", "pulmon"],
       ["Which air-filled organ here has three lobes, and is the one on the side of the liver?",
        "Which three-lobed organ of gas exchange is shown on this slice?"],
       trivia=["It has three lobes and ten bronchopulmonary segments; its partner has two lobes.",
               "Aspirated foreign bodies go to this side more often because its main bronchus is steeper."],
       aside=["The heart bulges towards the opposite side, which is why the left one is smaller."],
       role="It carries out gas exchange; it has upper, middle and lower lobes."),
    _p("pulmonary nodules", "thorax", "CT", "LP", [], {"heart": (0.55, 0.42)},
       ["nodul"],
       ["Which small round opacities in the lungs here would a Fleischner follow-up be about?",
        "A smoker's screening CT shows some small round densities in the lung parenchyma: can you find them?"],
       piece=("nodule", "nodules"), multi=(2, 5, (45, 215, 70, 180), (3, 6)),
       trivia=["Solid ones under 6 mm in a low-risk patient usually need no routine follow-up.",
               "Roughly 1 in 4 screening CTs shows at least one such finding."],
       aside=["The heart and great vessels between the lungs are unremarkable."],
       role="They are small rounded opacities, most benign granulomas, some early cancers."),
    _p("heart", "thorax", "CT", "LP", [(142, 100, 38, 32)],
       {"descending aorta": (0.6, 0.72), "right lung": (0.3, 0.48)},
       ["heart", "cardi"],
       ["Which muscular organ on this slice pumps blood around the body?",
        "Which organ here would you look at first in a patient with an ejection fraction of 30%?"],
       trivia=["A cardiothoracic ratio above 0.5 on a PA film suggests enlargement.",
               "It beats about 100,000 times a day."],
       aside=["The descending aorta lies behind it, to the left of the spine."],
       role="It pumps blood through the lungs and around the body."),
    _p("left pleural effusion", "thorax", "CT", "LP", [(192, 176, 24, 30)],
       {"left lung": (0.7, 0.45), "heart": (0.55, 0.4), "descending aorta": (0.6, 0.7)},
       ["effusion", "pleural"],
       ["Which dependent fluid collection here explains the stony dullness at the base on the spleen's side?",
        "A patient with heart failure is breathless and one base is dull to percussion: what fluid collection is seen on this slice?"],
       trivia=["About 200 mL is needed before it blunts the costophrenic angle on an erect PA film.",
               "Light's criteria use a fluid-to-serum protein ratio above 0.5 to call it an exudate."],
       aside=["The right hemithorax is clear."],
       role="It is fluid in the pleural space, layering posteriorly in a supine patient."),
    _p("pneumothorax", "thorax", "XR", "LI", [(70, 70, 20, 34)],
       {"heart": (0.56, 0.6), "left lung": (0.72, 0.5)},
       ["pneumothorax"],
       ["A tall young man has sudden pleuritic chest pain and a visible pleural line with no lung markings beyond it: what is the abnormality on this film?",
        "Which collection of air outside the lung causes the absent lung markings on this radiograph?"],
       piece=("pocket", "pockets"),
       trivia=["A rim over 2 cm at the hilum counts as large in the BTS guideline.",
               "Recurrence after a first spontaneous episode is around 30%."],
       aside=["The heart border and the other hemithorax look normal."],
       role="It is air in the pleural space with the visceral pleural line displaced from the chest wall."),
    # ---- brain
    _p("glioblastoma", "brain", "MR", "LP", [(88, 110, 20, 18)],
       {"lateral ventricles": (0.5, 0.5), "corpus callosum": (0.5, 0.45)},
       ["glioblastoma", "glioma", "tumour", "tumor", "gbm"],
       ["A 62-year-old with new seizures has a ring-enhancing mass with a necrotic core and a lot of surrounding oedema: what is it?",
        "Which aggressive primary brain lesion with necrosis and irregular rim enhancement is shown here?"],
       piece=("mass", "masses"), multi=None,
       trivia=["Median survival with surgery, radiotherapy and temozolomide is about 15 months.",
               "It is the commonest malignant primary brain tumour in adults, peaking at 55 to 70."],
       aside=["The contralateral hemisphere looks normal."],
       role="It is a WHO grade 4 astrocytic tumour with necrosis and microvascular proliferation."),
    _p("lateral ventricles", "brain", "MR", "LP", [(107, 126, 8, 24), (149, 126, 8, 24)],
       {"corpus callosum": (0.5, 0.4), "third ventricle": (0.5, 0.56)},
       ["ventric"],
       ["Which CSF-filled spaces in the centre of the brain enlarge in normal-pressure hydrocephalus?",
        "Where is the CSF made by the choroid plexus held in the cerebral hemispheres on this slice?"],
       piece=("cavity", "cavities"),
       trivia=["Normal total CSF volume is about 150 mL, produced at roughly 500 mL a day.",
               "An Evans index above 0.3 suggests enlargement."],
       aside=["The third ventricle is a thin midline slit below them."],
       role="They hold cerebrospinal fluid and drain through the foramina of Monro into the third ventricle."),
    _p("left hippocampus", "brain", "MR", "LI", [(166, 160, 7, 12)],
       {"brainstem": (0.5, 0.72), "left lateral ventricle": (0.6, 0.45)},
       ["hippocamp"],
       ["Which seahorse-shaped memory structure of the medial temporal lobe would you assess for sclerosis in a patient whose seizures start in the left temporal lobe?",
        "In a patient with left temporal lobe seizures, which seahorse-shaped grey-matter structure here would you check for atrophy?"],
       piece=("region", "regions"),
       trivia=["Sclerosis of this structure is found in about 60 to 70% of surgically treated temporal lobe epilepsy.",
               "Its volume falls by roughly 1 to 2% a year in normal ageing after 60."],
       aside=["The brainstem lies in the midline below and medial to it."],
       role="It consolidates new declarative memories."),
    _p("multiple sclerosis lesions", "brain", "MR", "LP", [], {"lateral ventricles": (0.5, 0.5)},
       ["sclerosis", "ms lesion", "plaque"],
       ["A 29-year-old woman with optic neuritis two years ago now has numbness: which demyelinating foci are visible on this FLAIR slice?",
        "Which ovoid periventricular white-matter hyperintensities here point to a demyelinating disease?"],
       piece=("lesion", "lesions"), multi=(3, 5, (70, 186, 80, 176), (4, 7)),
       trivia=["McDonald criteria need lesions in at least 2 of 4 typical CNS regions for dissemination in space.",
               "The disease is about 3 times more common in women."],
       aside=["The ventricles themselves are of normal size."],
       role="They are plaques of demyelination, typically ovoid and perpendicular to the ventricles."),
    _p("pituitary adenoma", "brain", "MR", "LI", [(128, 172, 8, 7)],
       {"optic chiasm": (0.5, 0.58), "left hippocampus": (0.66, 0.62)},
       ["pituitary", "adenoma"],
       ["A woman with galactorrhoea, amenorrhoea and a prolactin of 2,000 mU/L: which sellar lesion does this coronal slice show?",
        "Which benign sellar mass below the optic chiasm explains the bitemporal hemianopia?"],
       piece=("lesion", "lesions"),
       trivia=["Lesions under 10 mm are called micro-, larger ones macro-.",
               "Incidental sellar lesions are found in about 10% of brain MRIs."],
       aside=["The optic chiasm above it is not compressed."],
       role="It is a benign tumour of the anterior gland; this one secretes prolactin."),
    _p("right chronic subdural haematoma", "brain", "CT", "LP", [(58, 120, 12, 44)],
       {"lateral ventricles": (0.5, 0.5), "falx cerebri": (0.5, 0.45)},
       ["subdural", "haematoma", "hematoma", "bleed"],
       ["An 82-year-old on apixaban has been increasingly confused for three weeks after a fall: which crescentic collection explains it?",
        "Which crescent-shaped extra-axial collection, crossing suture lines, is shown on this head CT?"],
       piece=("collection", "collections"),
       trivia=["Recurrence after burr-hole drainage is around 10 to 20%.",
               "Midline shift over 5 mm is one of the usual triggers for surgery."],
       aside=["The falx is central here, with no shift."],
       role="It is an old blood collection between the dura and the arachnoid, from torn bridging veins."),
    # ---- pelvis
    _p("urinary bladder", "pelvis", "CT", "LP", [(128, 96, 34, 28)],
       {"rectum": (0.5, 0.76), "left femoral head": (0.74, 0.55)},
       ["bladder", "vesic"],
       ["Which hollow organ in the pelvis stores urine?",
        "A man with urinary retention after a hip operation: which distended organ on this slice would you check?"],
       trivia=["A normal adult capacity is about 400 to 600 mL.",
               "Post-void residual over 100 mL is usually called significant."],
       aside=["The rectum lies behind it."],
       role="It stores urine until voiding."),
    _p("uterine fibroids", "pelvis", "MR", "LP", [], {"urinary bladder": (0.5, 0.32), "rectum": (0.5, 0.8)},
       ["fibroid", "leiomyom", "myom"],
       ["A 41-year-old with heavy periods and a bulky pelvis: which well-defined T2-dark masses on this slice explain it?",
        "Which benign smooth-muscle tumours of the womb are on this MR slice?"],
       piece=("fibroid", "fibroids"), multi=(2, 4, (88, 168, 100, 160), (9, 14)),
       trivia=["They are found in up to 70% of women by the age of 50.",
               "Ulipristal was once given at 5 mg daily to shrink them before surgery."],
       aside=["The bladder in front is compressed but otherwise normal."],
       role="They are benign smooth-muscle tumours of the myometrium."),
    _p("prostate", "pelvis", "MR", "LP", [(128, 130, 16, 14)],
       {"rectum": (0.5, 0.74), "urinary bladder": (0.5, 0.3)},
       ["prostat"],
       ["Which gland below the bladder would be biopsied in a man with a PSA of 9 ng/mL?",
        "Which walnut-sized male gland around the urethra does this slice show?"],
       trivia=["A normal gland weighs about 20 to 25 g.",
               "About 70% of cancers arise in the peripheral zone."],
       aside=["The rectum lies directly behind it, which is why a digital rectal exam can feel it."],
       role="It makes part of the seminal fluid and surrounds the proximal urethra."),
    _p("right ovarian cyst", "pelvis", "MR", "LP", [(84, 130, 14, 14)],
       {"uterus": (0.5, 0.5), "urinary bladder": (0.5, 0.3)},
       ["ovar", "cyst"],
       ["A 24-year-old has sudden pelvic pain on the side of her appendix: which round fluid-filled lesion of the gonad is visible?",
        "Which simple fluid-filled adnexal lesion explains the pelvic pain in this young woman?"],
       piece=("lesion", "lesions"),
       trivia=["Simple ones under 5 cm in premenopausal women usually need no follow-up.",
               "Torsion is more common on the right, in about 60% of cases."],
       aside=["The uterus lies in the middle of the pelvis."],
       role="It is a fluid-filled functional cyst of the gonad."),
    _p("left femoral head", "pelvis", "CT", "LI", [(186, 152, 18, 18)],
       {"left acetabulum": (0.73, 0.5), "urinary bladder": (0.5, 0.5)},
       ["femoral head", "femur", "femoral"],
       ["An elderly woman fell onto her left side and cannot bear weight: which rounded bone end in the hip socket should we segment?",
        "Which ball of the ball-and-socket hip joint is on the same side as the sigmoid colon, in this coronal image?"],
       piece=("piece", "pieces"),
       trivia=["Avascular necrosis is bilateral in about half of non-traumatic cases.",
               "Its diameter is roughly 45 to 50 mm in adults."],
       aside=["The bladder sits between the two hips."],
       role="It articulates with the acetabulum to form the hip joint."),
    _p("rectum", "pelvis", "CT", "LP", [(130, 176, 14, 12)],
       {"urinary bladder": (0.5, 0.4), "left femoral head": (0.74, 0.55)},
       ["rectum", "rectal"],
       ["Which last segment of the large bowel, just in front of the sacrum, is on this slice?",
        "Which part of the bowel would be staged with MR in a patient with a low tumour felt on digital exam?"],
       piece=("segment", "segments"),
       trivia=["It is about 12 to 15 cm long.",
               "Tumours within 5 cm of the anal verge count as low."],
       aside=["The bladder lies anterior to it."],
       role="It stores faeces before defecation."),
]


# -- masks and facts -------------------------------------------------------------------------------

def _ellipse(mask, cx, cy, rx, ry):
    yy, xx = np.ogrid[:_N, :_N]
    mask |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0


def facts_for(p, rng):
    mask = np.zeros((_N, _N), bool)
    if p["multi"]:
        lo, hi, (x0, x1, y0, y1), (r0, r1) = p["multi"]
        n = rng.randint(lo, hi)
        placed = []
        tries = 0
        while len(placed) < n and tries < 400:
            tries += 1
            r = rng.uniform(r0, r1)
            cx, cy = rng.uniform(x0, x1), rng.uniform(y0, y1)
            if all((cx - a) ** 2 + (cy - b) ** 2 > (r + s + 6) ** 2 for a, b, s in placed):
                placed.append((cx, cy, r))
        for cx, cy, r in placed:
            _ellipse(mask, cx, cy, r * rng.uniform(0.8, 1.2), r * rng.uniform(0.8, 1.2))
    else:
        for cx, cy, rx, ry in p["blobs"]:
            _ellipse(mask, cx + rng.uniform(-5, 5), cy + rng.uniform(-5, 5),
                     rx * rng.uniform(0.88, 1.12), ry * rng.uniform(0.88, 1.12))
        if p["target"] == "glioblastoma" and rng.random() < 0.35:  # a satellite nodule now and then
            _ellipse(mask, 64 + rng.uniform(-3, 3), 148 + rng.uniform(-3, 3), 5, 5)
    others = {k: (round(x + rng.uniform(-0.015, 0.015), 4), round(y + rng.uniform(-0.015, 0.015), 4))
              for k, (x, y) in sorted(p["others"].items())}
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


# -- phrase helpers --------------------------------------------------------------------------------

_NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior"}
_REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


class _S:
    """Style helpers: emphasis, percent, apostrophes, links, citations for one register."""

    def __init__(self, style, rng):
        self.style, self.rng = style, rng

    def pick(self, xs):
        return xs[self.rng.randrange(len(xs))]

    def em(self, w):
        if self.rng.random() < 0.45:
            return w
        return {"html": self.pick([f"<b>{w}</b>", f"<strong>{w}</strong>", f"<em>{w}</em>"]),
                "latex": self.pick([f"\\textbf{{{w}}}", f"\\emph{{{w}}}"]),
                "wiki": self.pick([f"'''{w}'''", f"''{w}''"]),
                "pdf": w}[self.style]

    def pts(self):  # "patient's" with the register's apostrophe
        if self.style == "html":
            return self.pick(["patient's", "patient&rsquo;s", "patient&#39;s"])
        if self.style == "latex":
            return "patient's"
        return "patient's"

    def pct(self, v):
        s = f"{v:.1f}" if v < 10 else f"{v:.0f}"
        return {"html": self.pick([f"{s}%", f"{s}&nbsp;%", f"{s}&#37;"]),
                "latex": self.pick([f"{s}\\%", f"${s}\\%$", f"$\\approx {s}$\\%"]),
                "wiki": self.pick([f"{s}%", f"{s} per cent"]),
                "pdf": self.pick([f"{s} %", f"{s}%", f"{s} per cent"])}[self.style]

    def cite(self, k):
        return {"html": f"<sup>[{k}]</sup>", "latex": self.pick([f"~\\cite{{ref{k}}}", f"\\footnote{{See reference {k}.}}"]),
                "wiki": self.pick([f"[{k}]", f"<ref name=\"r{k}\" />"]), "pdf": self.pick([f" [{k}]", "¹", "²"])}[self.style]

    def link(self, slug, text):
        url = f"https://radiopaedia.org/articles/{slug}"
        return {"html": f"<a href=\"{url}\">{text}</a>", "latex": f"\\href{{{url}}}{{{text}}}",
                "wiki": self.pick([f"[{text}]({url})", f"[{url} {text}]"]), "pdf": f"{text} ({url})"}[self.style]


def _side_frag(v, S, exclusive=False):
    if v in ("left", "right"):
        w, pt = S.em(v), S.pts()
        if exclusive:
            return S.pick([f"only on the {pt} {w}", f"confined to the {pt} {w} side", f"purely {w}-sided"])
        return S.pick([f"on the {pt} {w}", f"on the {w} side of the body", f"in the {pt} {w} half",
                       f"on the {pt} {w} side"])
    if v == "midline":
        return S.pick([f"in the {S.em('midline')}", "right on the midline, straddling both sides",
                       "centred on the midline of the body"])
    return S.pick([f"{S.em('bilateral')}, with a part on each side", "present on both sides of the body",
                   "on both the left and the right"])


def _vert_frag(v, orient, S):
    if v == "central":
        if orient == "LI":
            return S.pick(["at mid-height on this coronal image", "roughly halfway between top and bottom"])
        return S.pick(["midway between front and back", "centrally in the front-to-back direction"])
    return S.pick({"anterior": ["anteriorly", "toward the front of the body", f"in the {S.em('anterior')} part of the slice"],
                   "posterior": ["posteriorly", "toward the back of the body", f"in the {S.em('posterior')} half of the section"],
                   "superior": ["superiorly", "high in the image, toward the head", f"in the {S.em('superior')} part of the image"],
                   "inferior": ["inferiorly", "low in the image, toward the feet", f"in the {S.em('inferior')} part of the image"]}[v])


def _rel_frag(rel, other, S):
    pt = S.pts()
    return S.pick({"left_of": [f"to the {pt} left of the {other}", f"on the left of the {other}"],
                   "right_of": [f"to the {pt} right of the {other}", f"on the right of the {other}"],
                   "anterior_to": [f"in front of the {other}", f"anterior to the {other}"],
                   "posterior_to": [f"behind the {other}", f"posterior to the {other}"],
                   "superior_to": [f"above the {other}", f"superior to the {other}"],
                   "inferior_to": [f"below the {other}", f"inferior to the {other}"]}[rel])


def _size_frag(v, S):
    return S.pick({"small": [S.em("small"), "fairly small", "on the small side"],
                   "medium": ["medium-sized", "of moderate size", S.em("intermediate") + " in size"],
                   "large": [S.em("large"), "big, taking up a good part of the section", "on the large side"]}[v])


def _count_frag(n, piece, S):
    one, many = piece
    if n == 1:
        return S.pick(["a single connected region", f"one contiguous {one}", f"just one {one}"])
    w = _NUMW.get(n, str(n))
    return S.pick([f"{w} separate {many}", f"{w} distinct {many}", f"{n} discrete {many}"])


def _false_pct(af):
    """A percentage of the image far from the true one (a factor of 4 or more), in another size class."""
    a = af * 100
    if a < 1.0:
        return max(6.0, round(a * 8, 1))
    if a < 5.0:
        return 18.0 if a < 3 else 0.4
    return 0.6 if a < 12 else 1.5


_PLURAL = {"liver metastases", "kidneys", "pulmonary nodules", "lateral ventricles", "multiple sclerosis lesions",
           "uterine fibroids"}


def _g(p):
    """Pronoun and verb forms for the target (singular or plural)."""
    if p["target"] in _PLURAL:
        return dict(it="they", It="They", be="are", s="", its="their", Its="Their", this="These are", that="Those are")
    return dict(it="it", It="It", be="is", s="s", its="its", Its="Its", this="This is", that="That is")


def _low(subj):
    return subj[0].lower() + subj[1:]


class _Row:
    """Collects the turns of one conversation and the ledger of its claims about the target."""

    def __init__(self, p, facts, S):
        self.p, self.f, self.S = p, facts, S
        self.g = _g(p)
        self.turns, self.claims = [], []

    def claim(self, kind, value, text, role, true, neg=False, corrected=False):
        self.claims.append(dict(kind=kind, value=value, neg=neg, turn=len(self.turns), role=role, true=true,
                                corrected=corrected, text=text))
        return text

    def _subj(self, subj):
        """Subject and its verb forms: the pronoun, or the target's name ("The kidneys")."""
        g = dict(self.g)
        if subj is None:
            subj = g["It"]
        return subj, g

    # one sentence per claim ---------------------------------------------------------------------
    def side(self, v, role="assistant", true=True, subj=None, corrected=False):
        S = self.S
        subj, g = self._subj(subj)
        excl = v in ("left", "right") and self.f["laterality"] == "bilateral"
        frag = _side_frag(v, S, excl)
        if v == "bilateral":
            frames = [f"{subj} {g['be']} {frag}.", f"On this image {_low(subj)} {g['be']} {frag}."]
        else:
            frames = [f"{subj} lie{g['s']} {frag}.", f"{subj} {g['be']} {frag}.",
                      f"Anatomically, {_low(subj)} sit{g['s']} {frag}.", f"On this image {_low(subj)} {g['be']} {frag}."]
        return self.claim("side", v, S.pick(frames), role, true, corrected=corrected)

    def vert(self, v, role="assistant", true=True, subj=None):
        subj, g = self._subj(subj)
        fr = _vert_frag(v, self.p["orient"], self.S)
        t = self.S.pick([f"{subj} sit{g['s']} {fr}.", f"{g['Its']} centre of mass lies {fr}.",
                         f"Position-wise, {_low(subj)} lie{g['s']} {fr}."])
        return self.claim("vertical", v, t, role, true)

    def rel(self, other, r, role="assistant", true=True, subj=None):
        subj, g = self._subj(subj)
        fr = _rel_frag(r, other, self.S)
        t = self.S.pick([f"{subj} lie{g['s']} {fr}.",
                         f"Relative to the {other}, {_low(subj)} {g['be']} {fr.replace(' the ' + other, ' it')}.",
                         f"You will find {'them' if subj == 'They' else _low(subj)} {fr}."])
        return self.claim("relation", [other, r], t, role, true)

    def size(self, v, role="assistant", true=True, subj=None):
        subj, g = self._subj(subj)
        fr = _size_frag(v, self.S)
        if self.p["target"] in _PLURAL and "a " in fr[:2]:
            fr = "together " + fr
        t = self.S.pick([f"On this slice {_low(subj)} {g['be']} {fr}.", f"Size-wise, {_low(subj)} {g['be']} {fr}.",
                         f"In terms of extent, {_low(subj)} {g['be']} {fr} in this image."])
        return self.claim("size", v, t, role, true)

    def pct(self, v, role="assistant", true=True):
        t = self.S.pick([f"The outline covers about {self.S.pct(v)} of the image.",
                         f"That is roughly {self.S.pct(v)} of the field of view.",
                         f"By pixel count the mask takes up around {self.S.pct(v)} of the frame."])
        return self.claim("pct", v, t, role, true)

    def count(self, n, role="assistant", true=True, corrected=False):
        fr = _count_frag(n, self.p["piece"], self.S)
        t = self.S.pick([f"I outlined {fr}.", f"The segmentation comes out as {fr}.", f"The mask has {fr}."])
        return self.claim("count", n, t, role, true, corrected=corrected)


def _first_q(p, S, named, rng):
    mod = {"CT": "CT slice", "MR": "MR image", "XR": "chest radiograph"}[p["modality"]]
    if p["orient"] == "LI" and p["modality"] != "XR":
        mod = "coronal " + mod
    if named:
        core = S.pick([f"Please segment the {p['target']} on this {mod} and tell me about it.",
                       f"Can you outline the {p['target']} in this {mod}?",
                       f"Where is the {p['target']} here? Segment it, please."])
    else:
        clue = S.pick(p["clues"])
        core = S.pick([f"{clue} Please segment it on this {mod}.", f"Looking at this {mod}: {clue} Outline it for me.",
                       f"{clue} Show me where it is on the {mod}."])
    if S.style == "html":
        return S.pick([f"<p>{core}</p>", core, f"<p>{core.replace('? ', '?<br/>', 1)}</p>"])
    if S.style == "latex":
        core = re.sub(r"(?<!\\)%", r"\\%", core)
        return S.pick([f"\\textbf{{Exercise.}} {core}", f"\\item {core}", f"Q1. {core}"])
    if S.style == "wiki":
        return S.pick([f"'''Question:''' {core}", f"From the case page: {core}", core])
    return S.pick([f"Pasted from the case PDF:\n{_wrap(core, S.rng, hyph=False)}", core])


# -- layout per register ---------------------------------------------------------------------------

def _wrap(text, rng, width=None, hyph=True):
    """Hard line breaks at about `width` characters, now and then splitting a long word with a hyphen."""
    width = width or rng.randint(52, 74)
    out, line = [], ""
    for w in text.split(" "):
        if line and len(line) + 1 + len(w) > width:
            if hyph and w.isalpha() and len(w) >= 8 and rng.random() < 0.5 and "[SEG]" not in w:
                k = rng.randint(3, len(w) - 4)
                out.append(f"{line} {w[:k]}-")
                line = w[k:]
                continue
            out.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    out.append(line)
    return "\n".join(out)


def _layout(S, head, sents, bullets=(), foot=None, title=None):
    """One assistant turn in the register: `head` and `sents` as prose, `bullets` as a list."""
    rng, st = S.rng, S.style
    if st == "html":
        body = "".join(f"<p>{s}</p>" for s in ([head + " " + sents[0]] + sents[1:] if sents else [head]))
        if bullets:
            body += "<ul>" + "".join(f"<li>{b}</li>" for b in bullets) + "</ul>"
        if foot:
            body += f"<p><small>{foot.replace('&', '&amp;')}</small></p>"
        if rng.random() < 0.6:
            body = body.replace(" over ", " &gt; ").replace(" under ", " &lt; ")
        if title:
            body = f"<h3>{title}</h3>" + body
        return body.replace("</p><p>", S.pick(["</p><p>", "</p>\n<p>", "<br/><br/>"]))
    if st == "latex":
        body = (f"\\subsection*{{{title}}}\n" if title else "") + " ".join([head] + list(sents))
        if bullets:
            body += "\n\\begin{itemize}\n" + "\n".join(f"  \\item {b}" for b in bullets) + "\n\\end{itemize}"
        if foot:
            body += "\\footnote{" + foot.replace("&", "\\&") + "}"
        return re.sub(r"(?<!\\)%", r"\\%", body)
    if st == "wiki":
        body = (f"== {title} ==\n" if title else "") + " ".join([head] + list(sents))
        if bullets:
            body += "\n" + "\n".join(f"* {b}" for b in bullets)
        if foot:
            body += f"\n\n== References ==\n# {foot}"
        return body
    paras = [" ".join([head] + list(sents))] + ([" ".join(bullets)] if bullets else [])
    text = "\n\n".join(_wrap(x, rng) for x in paras)
    if foot:
        text += "\n\n" + _wrap("¹ " + foot, rng)
    if rng.random() < 0.3:
        text += S.pick(["\n\nPage 2 of 3", "\n\n— 4 —", "\n\nReport generated by assistant • page 1"])
    return text.replace("fi", "ﬁ") if rng.random() < 0.25 and "[SEG]" not in text else text


def _user(S, text):
    st = S.style
    if st == "html":
        return S.pick([f"<p>{text}</p>", text])
    if st == "latex":
        return S.pick([f"\\textit{{Student:}} {text}", text])
    if st == "wiki":
        return S.pick([f"'''Reader:''' {text}", text])
    return _wrap(text, S.rng) if S.rng.random() < 0.4 else text


# -- the conversation ------------------------------------------------------------------------------

_FOOTS = ["Radiopaedia, accessed 2024.", "Dahnert, Radiology Review Manual, 8th ed.",
          "Teaching file, department of radiology.", "Weir & Abrahams, Imaging Atlas of Human Anatomy."]


def _hypo(R):
    """A counterfactual that is true because the target is not where the hypothesis puts it."""
    lat, S = R.f["laterality"], R.S
    if lat in ("left", "right"):
        o = _OPP[lat]
        return S.pick([f"If {R.g['it']} had been on the {o}, the differential and the surgical approach would change.",
                       f"Had this been a {o}-sided finding, I would have described it differently."])
    if lat == "midline":
        return f"If {R.g['it']} were off to one side, you would look harder for a mass pushing {'them' if R.g['it'] == 'they' else 'it'} across."
    return "If only one side were involved, the list of causes would be different."


def _neg(R):
    """A true negation about the target's side or count, ledgered with its implied truth."""
    lat, S, n = R.f["laterality"], R.S, R.f["components"]
    if lat in ("left", "right"):
        o = _OPP[lat]
        t = S.pick([f"{R.g['It']} {R.g['be']} not on the {o}.", f"Note {R.g['it']} {R.g['be']} not on the {S.pts()} {o}, whatever the screen suggests."])
        return R.claim("side", o, t, "assistant", True, neg=True)
    if lat == "midline":
        return R.claim("side", "one-sided", f"{R.g['It']} {R.g['be']} not off to one side.", "assistant", True, neg=True)
    if lat == "bilateral":
        return R.claim("side", "one-sided", f"{R.g['It']} {R.g['be']} not confined to one side.", "assistant", True, neg=True)
    if n >= 2:
        return R.claim("count", 1, f"The outline is not a single {R.p['piece'][0]}.", "assistant", True, neg=True)
    return R.claim("count", 2, f"There are not several separate {R.p['piece'][1]}, just the one.", "assistant", True, neg=True)


def _convention(R):
    """Explains the display convention: names the screen side and the patient's side (true)."""
    lat, S = R.f["laterality"], R.S
    if lat not in ("left", "right") or R.p["orient"] not in ("LP", "LI"):
        return None
    screen = _OPP[lat]
    t = S.pick([f"Because the image is displayed in radiological convention, {R.g['it']} appear{R.g['s']} on the viewer's {screen}, "
                f"but {R.g['it']} {R.g['be']} on the {S.pts()} {S.em(lat)}.",
                f"Remember the convention: the screen's {screen} is the {S.pts()} {lat}, so this is {S.em(lat)}-sided."])
    return R.claim("side", lat, t, "assistant", True)


def _extra_number(R):
    if R.S.style == "latex" and R.S.rng.random() < 0.5:
        return R.S.pick(["The matrix is $512 \\times 512$ with 0.7~mm in-plane spacing.",
                         "Slices were $5 \\times 1$~mm (thickness $\\times$ increment)."])
    return R.S.pick(["Slices were reconstructed at 5 mm.", "The patient is 67 years old.",
                     "Contrast was given at 1.5 mL/kg.", "The window was set at W 400 / L 40.",
                     "Usual paracetamol dosing is 1 g four times a day, for comparison.",
                     "The report was signed off at 14:20."])


def build(p, facts, style, rng, defect):
    S = _S(style, rng)
    R = _Row(p, facts, S)
    f = facts
    lat, vert, sc, n = f["laterality"], f["vertical"], f["size_class"], f["components"]
    rels = [(r["other"], r["relation"]) for r in f["relations"]]
    af = f["area_fraction"] * 100
    kind_of = {"laterality": "side", "position": "position", "size": "size", "count": "count"}
    dk = kind_of.get(defect)
    where = rng.choice(["first", "follow", "premise"]) if dk else None
    # for a position defect: a false vertical claim or a false relation
    pos_kind = None
    if dk == "position":
        pos_kind = "relation" if rels and rng.random() < 0.5 else "vertical"
    size_kind = None
    if dk == "size":
        size_kind = "pct" if rng.random() < 0.4 else "size"

    def false_value(k):
        if k == "side":
            if lat in ("left", "right"):
                return _OPP[lat]
            return rng.choice(["left", "right"])
        if k == "vertical":
            if vert in _OPP:
                return _OPP[vert]
            return rng.choice(["anterior", "posterior"] if p["orient"] == "LP" else ["superior", "inferior"])
        if k == "relation":
            o, r = rng.choice(rels)
            return (o, _REL_OPP[r])
        if k == "size":
            return rng.choice([c for c in ("small", "medium", "large") if c != sc])
        if k == "pct":
            return _false_pct(f["area_fraction"])
        if k == "count":
            return rng.choice([2, 3]) if n == 1 else rng.choice([m for m in (1, n + 1, n - 1) if m >= 1 and m != n])

    def say(k, val, role="assistant", true=True, subj=None):
        if k == "side":
            return R.side(val, role, true, subj=subj)
        if k == "vertical":
            return R.vert(val, role, true, subj=subj)
        if k == "relation":
            return R.rel(val[0], val[1], role, true, subj=subj)
        if k == "size":
            return R.size(val, role, true, subj=subj)
        if k == "pct":
            return R.pct(val, role, true)
        return R.count(val, role, true)

    # which kinds get a true claim: never the defect's own kind (its one false claim stands alone)
    avail = ["side", "vertical", "size", "count"] + (["relation"] if rels else []) + ["pct"]
    blocked = {"side": {"side"}, "position": {"vertical", "relation"}, "size": {"size", "pct"},
               "count": {"count"}}.get(dk, set())
    true_kinds = [k for k in avail if k not in blocked]
    rng.shuffle(true_kinds)
    true_val = {"side": lat, "vertical": vert, "size": sc, "pct": round(af, 1 if af < 10 else 0), "count": n}
    if rels:
        true_val["relation"] = rng.choice(rels)
    fk = pos_kind or size_kind or dk  # the claim kind that carries the false value
    fval = false_value(fk) if fk else None

    # ---- turn 1: the question
    R.turns.append({"role": "user", "content": _first_q(p, S, defect == "names_target", rng)})

    # ---- turn 2: the first answer
    name = p["target"]
    disp = S.em(name)
    if style == "wiki" and rng.random() < 0.5:
        disp = f"[[{name[0].upper() + name[1:]}|{name}]]"
    head = S.pick([f"{R.g['this']} the {disp} [SEG].", f"You are describing the {disp}: [SEG]",
                   f"[SEG] {R.g['that']} the {disp}.", f"You are asking about the {disp} [SEG]."])
    k1 = rng.randint(2, 3)
    first_true, rest_true = true_kinds[:k1], true_kinds[k1:]
    sents = [p["role"]]
    for k in first_true:
        subj = rng.choice([None, f"The {name}"]) if k != "pct" else None
        sents.append(say(k, true_val[k], subj=subj))
    clean_traps = []
    if defect is None:
        clean_traps = rng.sample(["neg", "conv", "hypo", "trivia", "aside", "number", "slip", "premise"], k=rng.randint(3, 4))
        if "conv" in clean_traps:
            c = _convention(R)
            if c:
                sents.insert(rng.randint(1, len(sents)), c)
        if "neg" in clean_traps:
            sents.append(_neg(R))
        if "slip" in clean_traps and lat in ("left", "right"):
            wrong = _OPP[lat]
            R.claim("side", wrong, f"{R.g['It']} sit{R.g['s']} on the {wrong}", "assistant", False, corrected=True)
            t2 = R.claim("side", lat, f"sorry, on the {S.pts()} {lat}; I read the screen side first.", "assistant", True)
            sents.append(f"{R.g['It']} sit{R.g['s']} on the {wrong} — {t2}")
    else:
        if rng.random() < 0.5:
            sents.append(S.pick(p["trivia"]) + S.cite(1))
    if where == "first":
        sents.insert(rng.randint(1, len(sents)), say(fk, fval, true=False))
    bullets = []
    if rng.random() < 0.5 and len(sents) > 3:
        cut = rng.randint(2, len(sents) - 1)
        sents, bullets = sents[:cut], sents[cut:]
    title = S.pick([None, "Answer", "Identification", name.capitalize()]) if style in ("wiki", "latex") else None
    R.turns.append({"role": "assistant", "content": _layout(S, head, sents, bullets,
                                                            foot=S.pick(_FOOTS) if rng.random() < 0.4 else None,
                                                            title=title)})

    # ---- follow-up rounds
    rounds = []
    for k in rest_true:
        rounds.append(("ask", k))
    if where == "follow":
        rounds.append(("false", fk))
    if where == "premise":
        rounds.append(("premise", fk))
    if defect is None:
        if "premise" in clean_traps:
            rounds.append(("corrected", rng.choice(["side", "count", "size"])))
        for t in ("trivia", "aside", "hypo", "number"):
            if t in clean_traps:
                rounds.append(("trap", t))
    else:
        rounds.append(("trap", rng.choice(["trivia", "aside", "number"])))
    must = [r for r in rounds if r[0] in ("false", "premise")]
    rest = [r for r in rounds if r[0] not in ("false", "premise")]
    rng.shuffle(rest)
    rounds = must + rest[:3 - len(must)]
    if not rounds:
        rounds = [("trap", "trivia")]
    rng.shuffle(rounds)
    for typ, k in rounds:
        _round(R, typ, k, true_val, fval, say, false_value)

    LEDGER.append({"target": name, "defect": defect, "where": where, "claims": R.claims})
    return R.turns, ([defect] if defect else [])


def _ask(k, R, other=None):
    S, orient = R.S, R.p["orient"]
    return S.pick({
        "side": ["Which side of the patient is it on?", "Is it on the patient's left or right, or neither?",
                 "Left or right? I always mix up the screen and the patient."],
        "vertical": (["Is it toward the front or the back?", "Where does it sit front-to-back on this slice?"]
                     if orient == "LP" else ["Is it high or low on this image?", "Where is it top-to-bottom?"]),
        "relation": [f"How does it relate to the {other}?", f"Where is it relative to the {other}?"],
        "size": ["How big is it on this slice?", "Would you call it small or large here?"],
        "pct": ["Roughly what fraction of the image does it take up?", "How much of the frame does the outline cover?"],
        "count": ["Is it one piece or several?", f"How many separate {R.p['piece'][1]} did you outline?"],
    }[k])


def _premise_text(k, val, R):
    """A user turn that takes `val` (a claim of kind k) for granted."""
    S, g = R.S, R.g
    it_is = f"{g['it']} {g['be']}"
    if k == "side":
        frag = _side_frag(val, S, R.f["laterality"] == "bilateral" and val in ("left", "right"))
        return S.pick([f"Since {it_is} {frag}, which surgical approach would you expect?",
                       f"OK, so {it_is} {frag}. What would the next step be?"])
    if k == "vertical":
        return S.pick([f"Given that {g['it']} sit{g['s']} {_vert_frag(val, R.p['orient'], S)}, what else should I check?",
                       f"Right, {it_is} {_vert_frag(val, R.p['orient'], S)}. Anything else worth mentioning?"])
    if k == "relation":
        return S.pick([f"So {g['it']} lie{g['s']} {_rel_frag(val[1], val[0], S)}. What's the clinical relevance?",
                       f"Since {it_is} {_rel_frag(val[1], val[0], S)}, what should the report say next?"])
    if k == "size":
        return S.pick([f"Since {it_is} {_size_frag(val, S)}, what would you recommend?",
                       f"To me {it_is} {_size_frag(val, S)}. What's the next step?"])
    if k == "pct":
        return S.pick([f"The outline covers about {S.pct(val)} of the image, so what next?",
                       f"With roughly {S.pct(val)} of the frame covered, what should the report say?"])
    return S.pick([f"Given there are {_count_frag(val, R.p['piece'], S)}, what does that change?",
                   f"So the mask has {_count_frag(val, R.p['piece'], S)}. What's next?"])


def _neutral_answer(R):
    """An answer that neither repeats nor corrects the user's premise."""
    S, p = R.S, R.p
    return S.pick([f"I would correlate with the clinical history and prior imaging{S.cite(2)}. {S.pick(p['trivia'])}",
                   f"Next I would compare with any earlier study and document it in the report. {S.pick(p['trivia'])}",
                   f"{p['role']} The report should describe it and recommend follow-up as the local guideline says; "
                   f"see {S.link(p['target'].replace(' ', '-'), 'the reference article')}."])


def _round(R, typ, k, true_val, fval, say, false_value):
    S, p = R.S, R.p
    if typ == "ask":
        other = true_val["relation"][0] if k == "relation" else None
        R.turns.append({"role": "user", "content": _user(S, _ask(k, R, other))})
        sents = [say(k, true_val[k])]
        if rng_bool(S, 0.4):
            sents.append(_extra_number(R))
        R.turns.append({"role": "assistant", "content": _layout(S, S.pick(["Good question.", "Sure.", "Here it is:", "In short:"]), sents)})
    elif typ == "false":
        other = fval[0] if k == "relation" else None
        R.turns.append({"role": "user", "content": _user(S, _ask(k, R, other))})
        sents = [say(k, fval, true=False)]
        if rng_bool(S, 0.5):
            sents.append(S.pick(p["trivia"]) + S.cite(1))
        R.turns.append({"role": "assistant", "content": _layout(S, S.pick(["Sure.", "Briefly:", "To answer that:"]), sents)})
    elif typ == "premise":
        txt = _premise_text(k, fval, R)
        R.turns.append({"role": "user", "content": _user(S, R.claim(k, list(fval) if k == "relation" else fval, txt, "user", False))})
        R.turns.append({"role": "assistant", "content": _layout(S, S.pick(["Reasonable.", "Next steps:", "Good point."]), [_neutral_answer(R)])})
    elif typ == "corrected":
        wrong = false_value(k)
        txt = _premise_text(k, wrong, R)
        R.turns.append({"role": "user", "content": _user(S, R.claim(k, wrong, txt, "user", False, corrected=True))})
        fix = S.pick(["Small correction first:", "Actually, not quite.", "One thing to fix:"])
        R.turns.append({"role": "assistant", "content": _layout(S, fix, [say(k, true_val[k]), _neutral_answer(R)])})
    else:  # trap
        q = {"trivia": S.pick(["Any useful numbers to remember about it?", "What are the classic figures for the exam?"]),
             "aside": S.pick(["What about the neighbouring structures?", "Is anything else on the slice abnormal?"]),
             "hypo": S.pick(["Would it matter if it were on the other side?", "What if it were somewhere else?"]),
             "number": S.pick(["How was this scan acquired?", "Any technical details I should note?"])}[k]
        tv = S.rng.sample(p["trivia"], 2)
        ans = {"trivia": [tv[0] + S.cite(1), tv[1]],
               "aside": [S.pick(p["aside"])],
               "hypo": [_hypo(R)],
               "number": [_extra_number(R), _extra_number(R)]}[k]
        if k == "number" and ans[-1] == ans[0]:
            ans = ans[:1]
        R.turns.append({"role": "user", "content": _user(S, q)})
        R.turns.append({"role": "assistant", "content": _layout(S, S.pick(["Sure.", "A few points.", "Yes:"]), ans)})


def rng_bool(S, prob):
    return S.rng.random() < prob
