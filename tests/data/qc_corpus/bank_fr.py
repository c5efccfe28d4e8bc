"""Bank FR: sports and musculoskeletal imaging (knee, shoulder, ankle, hip, wrist; MRI and X-ray), written blind.

Registers: a sports physician talking to a coach on the touchline (`coach`), an orthopaedic surgeon's clinic
letter (`letter`), a physiotherapy-student tutorial (`tutorial`) and an athlete's own chat about their scan
(`athlete`). Single-joint images are centred on the joint, so their side is measured from the joint's centre:
a medial structure of a right knee lies toward the patient's left. "Medial" and "lateral" are anatomical words
in the prose, never claims of the patient's side; the limb ("right knee") is only named where the measured side
agrees with it. Clean rows carry true negations, user premises the assistant corrects, the assistant's own
corrected slips, hypotheticals, population figures, grades, doses, weeks and millimetres that are not the mask's.

Own check (/work/notes/qcfr_scripts/check_fr.py, SEED 20261301): rows 420, clean 210, defects laterality 42,
position 42, size 42, count 42, names_target 42; false claims sit in first answer 62, follow-up answer 48,
uncorrected user premise 58; problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

LEDGER: list[dict] = []  # one entry per build(): the claims each row makes about its target (read by the checker)

KINDS = ["laterality", "position", "size", "count", "names_target"]
STYLES = ["coach", "letter", "tutorial", "athlete"]

_PELVIS_XR = {"pubic symphysis": (0.5, 0.72), "left acetabulum": (0.70, 0.42), "right acetabulum": (0.30, 0.42)}
_PELVIS_MR = {"bladder": (0.5, 0.52), "pubic symphysis": (0.5, 0.74)}
_THIGHS = {"left femur": (0.68, 0.48), "right femur": (0.32, 0.48)}
_LEGS = {"left fibula": (0.78, 0.50), "right fibula": (0.22, 0.50)}
_KNEE_COR = {"tibial plateau": (0.5, 0.64), "intercondylar notch": (0.5, 0.40)}
_KNEE_AX = {"patella": (0.5, 0.40), "popliteal artery": (0.5, 0.76)}
_SHO_COR = {"humeral head": (0.44, 0.52), "glenoid": (0.62, 0.50)}
_SHO_AX = {"humeral head": (0.40, 0.48), "coracoid process": (0.56, 0.20)}
_ANK_AX = {"talus": (0.5, 0.52), "Achilles tendon": (0.52, 0.86)}
_ANK_COR = {"tibial plafond": (0.5, 0.24), "calcaneus": (0.5, 0.80)}
_WRIST = {"lunate": (0.53, 0.44), "distal radius": (0.40, 0.72)}

# pieces: (x, y, rx, ry) with x, y as image fractions and radii in pixels on a 256 x 256 slice
PROFILES = [
    dict(target="left femoral neck stress fracture", names=["femoral neck stress fracture", "femoral neck fracture", "neck of femur"],
         label="a stress fracture of the left femoral neck", region="pelvis", modality="X-ray", orient="LI",
         pieces=[(0.72, 0.60, 10, 5)], others=_PELVIS_XR, noun=("fracture line", "fracture lines"),
         who="a 19-year-old distance runner", story="has had deep groin ache for six weeks, worse at the end of every run and now there at night",
         mine="I've had a deep ache in my groin for six weeks, worse after every run, and now it keeps me up at night",
         does="the bone bridge between the ball of the hip and the shaft of the thigh bone, which has cracked under repetitive load",
         know=["Compression-side femoral neck stress fractures, on the inferomedial cortex, are usually managed without surgery, whereas tension-side ones need fixation.",
               "Roughly 5% of stress fractures in runners involve the femoral neck, but they are the ones you cannot afford to miss.",
               "Low energy availability is behind many of these; a dietitian review matters as much as the crutches."],
         plan="Strict protected weight-bearing on crutches for about 6 weeks, then a graded return over another 6 to 8 weeks if the repeat imaging allows.",
         other="The hip on the other side of the pelvis looks normal, and the sacroiliac joints are unremarkable."),
    dict(target="right femoral head osteonecrosis", names=["osteonecrosis", "avascular necrosis", "femoral head necrosis"],
         label="osteonecrosis of the right femoral head", region="pelvis", modality="MR", orient="LI",
         pieces=[(0.30, 0.38, 18, 16)], others=_PELVIS_MR, noun=("necrotic segment", "necrotic segments"),
         who="a 31-year-old rugby forward on a long steroid course for asthma", story="has groin pain on weight-bearing and a stiff, painful hip",
         mine="I've been on steroids for my asthma for ages and now my hip hurts whenever I put weight on it",
         does="the dead, blood-starved part of the ball of the hip joint",
         know=["Steroids and alcohol account for most non-traumatic cases, and up to half of patients develop it in both hips over time.",
               "The Ficat stage runs from I to IV; collapse of the articular surface marks stage III.",
               "Core decompression works best before collapse, ideally with less than 30% of the head involved."],
         plan="Protected weight-bearing, a surgical opinion about core decompression, and a repeat MRI in 3 months.",
         other="The bladder and the pubic symphysis are normal."),
    dict(target="bilateral femoral head osteonecrosis", names=["osteonecrosis", "avascular necrosis", "femoral head necrosis"],
         label="osteonecrosis of both femoral heads", region="pelvis", modality="MR", orient="LI",
         pieces=[(0.30, 0.38, 17, 15), (0.70, 0.38, 16, 14)], others=_PELVIS_MR, noun=("necrotic segment", "necrotic segments"),
         who="a 27-year-old sprinter treated with high-dose steroids last year", story="has aching in the groin on both sides and pain climbing stairs",
         mine="I had high-dose steroids last year and now both my groins ache, especially on the stairs",
         does="the dead, blood-starved part of the ball of each hip joint",
         know=["Once one hip is affected, the other is involved in well over half of cases, which is why both are always imaged.",
               "On T1 the classic sign is a low-signal band; on T2 a double-line sign is seen in about 80% of cases."],
         plan="Both hips need staging; the orthopaedic team will usually decompress the less collapsed side first.",
         other="The bladder is unremarkable and there is no pelvic fracture."),
    dict(target="pubic symphysis bone marrow oedema", names=["symphysis", "osteitis pubis", "pubic bone oedema"],
         label="bone marrow oedema across the pubic symphysis", region="pelvis", modality="MR", orient="LI",
         pieces=[(0.5, 0.74, 22, 14)], others={"bladder": (0.5, 0.50), "left femoral head": (0.70, 0.38)},
         noun=("area of oedema", "areas of oedema"), midline_target=True,
         who="a 22-year-old Gaelic footballer", story="has central groin pain when kicking and sprinting, tender right at the front of the pelvis",
         mine="it hurts right in the middle at the front of my pelvis when I kick or sprint",
         does="the stressed joint where the two halves of the pelvis meet at the front, lit up with bone oedema",
         know=["Osteitis pubis is common in kicking sports; some oedema is seen in asymptomatic professional footballers too.",
               "Rehabilitation usually takes 8 to 12 weeks, focused on adductor and core loading."],
         plan="An adductor-loading programme, load management and a review at 6 weeks.",
         other="The left femoral head is normal and the bladder is only partly filled."),
    dict(target="right hip joint effusion", names=["hip effusion", "joint effusion", "effusion"],
         label="an effusion in the right hip joint", region="pelvis", modality="MR", orient="LI",
         pieces=[(0.30, 0.40, 22, 14)], others=_PELVIS_MR, noun=("fluid collection", "fluid collections"),
         who="a 16-year-old academy footballer", story="has an irritable hip after a heavy week of training and limps off the pitch",
         mine="my hip has been sore and I've been limping since a heavy training week",
         does="the fluid distending the capsule of the ball-and-socket joint",
         know=["A few millilitres of hip fluid is physiological; only a distended capsule counts.",
               "In a febrile child an effusion is septic arthritis until proven otherwise, a different conversation entirely."],
         plan="Relative rest, anti-inflammatories for 5 to 7 days and a review in clinic.",
         other="There is no fluid in the opposite hip and the bladder is normal."),
    dict(target="bilateral hip joint effusions", names=["hip effusion", "joint effusion", "effusion"],
         label="effusions in both hip joints", region="pelvis", modality="MR", orient="LI",
         pieces=[(0.30, 0.40, 20, 13), (0.70, 0.40, 19, 13)], others=_PELVIS_MR, noun=("fluid collection", "fluid collections"),
         who="a 38-year-old marathon runner", story="has stiffness in both hips after increasing her mileage to 90 km a week",
         mine="both my hips are stiff since I pushed my mileage up to 90 km a week",
         does="the fluid distending the capsules of the ball-and-socket joints",
         know=["Symmetrical effusions after a big jump in training volume are usually reactive.",
               "If the effusions persist beyond 6 weeks, inflammatory arthritis should be looked for."],
         plan="Cut the weekly volume by about a third and review in 4 weeks.",
         other="The bladder is normal; there is no stress fracture in either femoral neck."),
    dict(target="left acetabular labral tear", names=["labral tear", "labrum", "labral"],
         label="a tear of the left acetabular labrum", region="pelvis", modality="MR", orient="LI",
         pieces=[(0.66, 0.34, 6, 4)], others=_PELVIS_MR, noun=("tear", "tears"),
         who="a 24-year-old ice hockey goalie", story="has clicking and catching deep in the hip in the butterfly position",
         mine="my hip clicks and catches every time I drop into the butterfly",
         does="the fibrocartilage rim around the hip socket, which has split",
         know=["Cam-type femoroacetabular impingement is behind a large share of these tears in hockey players.",
               "MR arthrography picks up roughly 90% of labral tears, plain MRI at 1.5 T rather fewer."],
         plan="A guided injection can be diagnostic; arthroscopic repair is an option if 3 months of rehab fail.",
         other="The bladder is normal and the symphysis shows no oedema."),
    dict(target="left hamstring strain", names=["hamstring", "biceps femoris", "semimembranosus"],
         label="a strain of the left hamstring", region="thighs", modality="MR", orient="LP",
         pieces=[(0.68, 0.68, 20, 16)], others=_THIGHS, noun=("area of muscle injury", "areas of muscle injury"),
         who="a 25-year-old winger", story="pulled up sprinting with a sharp pain at the back of the thigh",
         mine="I pulled up mid-sprint with a sharp pain at the back of my thigh",
         does="the muscle group at the back of the thigh that decelerates the leg in late swing",
         know=["The British Athletics classification grades these 0 to 4, with a suffix a, b or c for myofascial, musculotendinous or intratendinous.",
               "Re-injury rates in football sit around 15%, highest in the first 2 months back.",
               "The biceps femoris long head is the usual culprit in sprinters."],
         plan="Return to play is typically 3 to 6 weeks for a grade 2 injury, guided by Nordic strength and sprint testing.",
         other="The right thigh muscles are normal and the femora are intact."),
    dict(target="bilateral adductor longus strains", names=["adductor", "groin strain"],
         label="strains of the adductor longus on both sides", region="thighs", modality="MR", orient="LP",
         pieces=[(0.40, 0.50, 12, 10), (0.60, 0.50, 12, 10)], others={"left femur": (0.72, 0.40), "right femur": (0.28, 0.40)},
         noun=("strain", "strains"),
         who="a 28-year-old ice hockey defenceman", story="has groin pain on both sides when striding and on the squeeze test",
         mine="both sides of my groin hurt when I stride out and when the physio does the squeeze test",
         does="the muscles on the inner thigh that pull the leg towards the midline",
         know=["The adductor-to-abductor strength ratio falling below 80% is a classic warning sign in hockey.",
               "Most adductor strains heal in 2 to 6 weeks; proximal avulsions are a different matter."],
         plan="Copenhagen adduction progressions and skating restrictions for about 3 weeks.",
         other="The femoral shafts are normal on both sides."),
    dict(target="bilateral tibial stress fractures", names=["tibial stress fracture", "stress fracture", "shin splints"],
         label="stress fractures of both tibiae", region="lower legs", modality="MR", orient="LI",
         pieces=[(0.36, 0.64, 5, 14), (0.64, 0.62, 5, 13)], others=_LEGS, noun=("fracture", "fractures"),
         who="an 18-year-old military recruit and cross-country runner", story="has pinpoint shin pain on both legs, now present even walking",
         mine="both my shins hurt at one exact spot and now even walking is sore",
         does="the cracks in the main weight-bearing bones of the lower legs",
         know=["The Fredericson MRI grade runs from 1 (periosteal oedema) to 4 (a visible fracture line).",
               "Anterior cortex tibial stress fractures, the 'dreaded black line', heal poorly and may need nailing."],
         plan="Off running for 6 to 8 weeks with pain-free cross-training, and a bone-health screen.",
         other="Both fibulae are intact."),
    dict(target="right tibial stress fracture", names=["tibial stress fracture", "stress fracture", "shin splints"],
         label="a stress fracture of the right tibia", region="lower legs", modality="MR", orient="LI",
         pieces=[(0.36, 0.64, 6, 15)], others=_LEGS, noun=("fracture", "fractures"),
         who="a 20-year-old netballer", story="has focal shin pain that started after a switch to a harder court",
         mine="my shin started hurting at one spot after we moved to a harder court",
         does="the crack in the main weight-bearing bone of the lower leg",
         know=["Posteromedial tibial stress fractures are low risk and usually heal in 6 to 8 weeks.",
               "Women with menstrual disturbance carry two to four times the risk."],
         plan="Load reduction, a walking boot if painful, and graded return from week 6.",
         other="The fibulae are intact and the other tibia shows no oedema."),
    dict(target="medial meniscus tear", names=["meniscus", "meniscal"],
         label="a tear of the medial meniscus", region="knee", modality="MR", orient="LI",
         pieces=[(0.70, 0.53, 10, 4)], others=_KNEE_COR, noun=("tear", "tears"),
         who="a 29-year-old five-a-side footballer", story="twisted on a planted foot and now the knee catches and locks on squatting",
         mine="I twisted on a planted foot and now my knee catches and sometimes locks when I squat",
         does="the C-shaped fibrocartilage cushion on the inner side of the knee, sitting between femur and tibia",
         know=["Medial tears are roughly two to three times as common as lateral ones.",
               "A bucket-handle fragment displaced into the notch gives the double PCL sign.",
               "Only the outer third, the red zone, has a good blood supply for repair."],
         plan="A locked knee warrants arthroscopy within about 2 weeks; otherwise 6 weeks of physio first.",
         other="The cruciate ligaments are intact and there is only a trace of joint fluid.",
         convention="Medial here means the inner side of the knee, toward the body's midline; it is an anatomical word, not a statement about which side of the patient the knee is on."),
    dict(target="lateral meniscus tear", names=["meniscus", "meniscal"],
         label="a tear of the lateral meniscus", region="knee", modality="MR", orient="LI", limb="right knee",
         pieces=[(0.29, 0.53, 10, 4)], others=_KNEE_COR, noun=("tear", "tears"),
         who="a 23-year-old basketball guard", story="landed awkwardly from a rebound and has pain along the outer joint line",
         mine="I landed badly off a rebound and it hurts along the outside of my knee",
         does="the C-shaped fibrocartilage cushion on the outer side of the knee",
         know=["Lateral tears are more often seen alongside an acute ACL rupture than medial ones.",
               "Posterior root tears of the lateral meniscus are missed on roughly a third of first reads."],
         plan="Repair is favoured in a 23-year-old; expect 4 to 6 months back to full competition.",
         other="The medial compartment is preserved and the articular cartilage is intact.",
         convention="Lateral means the outer side of the knee, away from the body's midline; it is not a patient side."),
    dict(target="medial collateral ligament sprain", names=["collateral ligament", "MCL"],
         label="a sprain of the medial collateral ligament", region="knee", modality="MR", orient="LI",
         pieces=[(0.84, 0.50, 4, 30)], others=_KNEE_COR, noun=("injured segment", "injured segments"),
         who="a 21-year-old rugby centre", story="took a blow to the outside of the knee in a tackle and now has pain on the inner side",
         mine="I got hit on the outside of my knee in a tackle and now the inside of it really hurts",
         does="the band on the inner side of the knee that resists valgus stress",
         know=["Grade 1 sprains have no laxity, grade 2 open up at 30 degrees of flexion, grade 3 open in full extension too.",
               "Isolated grade 2 injuries usually return to rugby in 3 to 6 weeks in a hinged brace."],
         plan="A hinged brace for about 4 weeks and early range-of-motion work.",
         other="The cruciates and both menisci look intact.",
         convention="The ligament is called medial because it runs down the inner side of the knee; that says nothing about the patient's left or right."),
    dict(target="bone bruises", names=["bone bruise", "contusion", "bone marrow oedema"],
         label="the kissing bone bruises", region="knee", modality="MR", orient="LI", limb="right knee",
         pieces=[(0.33, 0.34, 16, 11), (0.35, 0.68, 14, 9)], others={"intercondylar notch": (0.5, 0.44)},
         noun=("bruise", "bruises"),
         who="a 26-year-old skier", story="felt a pop in the knee on a pivot and swelled up within two hours",
         mine="I felt a pop in my knee while skiing and it ballooned within two hours",
         does="the marrow oedema in the bone ends where femur and tibia impacted each other during the pivot-shift",
         know=["This pattern, lateral femoral condyle plus posterolateral tibial plateau, is present in over 80% of acute ACL ruptures.",
               "Bone bruises usually fade on MRI over 3 to 6 months."],
         plan="The bruises themselves need nothing specific; the ligament injury behind them drives the plan.",
         other="The medial compartment is spared and the patellar tendon is intact.",
         convention="The bruises are in the lateral compartment, the outer side of the knee; lateral is anatomical, not a patient side."),
    dict(target="loose bodies", names=["loose bod", "joint mice"],
         label="the intra-articular loose bodies", region="knee", modality="MR", orient="LI", limb="right knee",
         pieces=[(0.22, 0.28, 4, 4), (0.24, 0.48, 5, 4), (0.21, 0.68, 4, 3), (0.26, 0.82, 3, 3)], npieces=(2, 4),
         others=_KNEE_COR, noun=("loose body", "loose bodies"),
         who="a 34-year-old weightlifter", story="gets sudden painful locking that he can 'click' free",
         mine="my knee suddenly locks and then I can sort of click it free",
         does="the free fragments of bone and cartilage floating in the joint and jamming it",
         know=["Most loose bodies come from osteochondral injuries or osteoarthritis; synovial chondromatosis produces dozens.",
               "Fragments under about 2 mm are rarely the cause of mechanical locking."],
         plan="Arthroscopic removal is a day case, back to lifting in 4 to 6 weeks.",
         other="There is mild cartilage thinning in the medial compartment."),
    dict(target="anterior cruciate ligament tear", names=["cruciate", "ACL"], sagittal=True,
         label="a complete tear of the anterior cruciate ligament", region="knee", modality="MR", orient="PI",
         pieces=[(0.52, 0.48, 6, 22)], others={"patella": (0.26, 0.34), "tibial plateau": (0.50, 0.66)},
         noun=("torn segment", "torn segments"),
         who="a 17-year-old netballer", story="landed from a jump, felt a pop and the knee gave way, with rapid swelling",
         mine="I landed from a jump, felt a pop and my knee just gave way and swelled straight up",
         does="the ligament in the middle of the knee that stops the tibia sliding forward under the femur",
         know=["Around 70% of these injuries are non-contact, usually a landing or a cutting movement.",
               "Female athletes tear this ligament two to eight times as often as males in the same sport.",
               "Reconstructed athletes are usually 9 to 12 months from return to sport."],
         plan="Reconstruction with a hamstring or patellar tendon graft, prehab for 4 to 6 weeks first.",
         other="The patella tracks normally and the patellar tendon is intact."),
    dict(target="knee joint effusion", names=["effusion", "joint fluid"],
         label="a knee joint effusion filling the suprapatellar recess", region="knee", modality="MR", orient="LP",
         pieces=[(0.5, 0.26, 60, 24)], others=_KNEE_AX, noun=("fluid collection", "fluid collections"),
         who="a 30-year-old squash player", story="has a swollen, tight knee the morning after a match",
         mine="my knee swelled up overnight after squash and feels tight",
         does="the fluid that has collected within the joint capsule, above and behind the kneecap",
         know=["A haemarthrosis within 2 hours of injury points to an ACL tear in about 70% of cases.",
               "On the lateral X-ray, more than 10 mm of suprapatellar distension suggests fluid."],
         plan="Compression, quadriceps activation work and a review of the cause in 1 week.",
         other="The popliteal artery is patent and the patella is normally positioned."),
    dict(target="Baker's cyst", names=["baker", "popliteal cyst"],
         label="a Baker's (popliteal) cyst", region="knee", modality="MR", orient="LP",
         pieces=[(0.64, 0.78, 14, 10)], others=_KNEE_AX, noun=("cyst", "cysts"),
         who="a 45-year-old veteran footballer", story="has a tight fullness at the back of the knee when he bends it fully",
         mine="there's a tight lump at the back of my knee when I bend it all the way",
         does="the fluid-filled sac at the back of the knee between the medial head of gastrocnemius and semimembranosus",
         know=["These cysts sit posteromedially in almost every case because that is where the bursa communicates with the joint.",
               "A ruptured cyst can mimic a calf DVT, so a duplex scan is wise if the calf swells."],
         plan="Treat the joint problem that feeds it; aspiration alone has a high recurrence rate.",
         other="The popliteal artery is normal in calibre.",
         convention="Posteromedial means toward the back and the inner side of the knee; the inner side is not the same thing as the patient's left or right."),
    dict(target="supraspinatus tendon tear", names=["supraspinatus", "rotator cuff"],
         label="a tear of the supraspinatus tendon", region="shoulder", modality="MR", orient="LI", limb="right shoulder",
         pieces=[(0.34, 0.30, 12, 5)], others=_SHO_COR, noun=("tear", "tears"),
         who="a 42-year-old tennis player", story="has pain lifting the arm overhead and a painful arc when serving",
         mine="it hurts lifting my arm overhead and serving is agony halfway up",
         does="the tendon running over the top of the ball of the shoulder, under the acromion, that starts the arm lifting sideways",
         know=["Full-thickness cuff tears are present in about a quarter of people over 60 with no symptoms at all.",
               "Partial tears are graded by depth: under 3 mm is grade 1, over 6 mm grade 3 in the Ellman system."],
         plan="A subacromial injection and 12 weeks of cuff rehab, with a repair discussion if strength does not return.",
         other="The biceps tendon sits in its groove and the glenoid is intact."),
    dict(target="posterior glenoid labral tear", names=["labral tear", "labrum", "labral"],
         label="a tear of the posterior glenoid labrum", region="shoulder", modality="MR", orient="LP",
         pieces=[(0.66, 0.64, 5, 8)], others=_SHO_AX, noun=("tear", "tears"),
         who="a 24-year-old offensive lineman", story="has deep shoulder pain and a sense of slipping when blocking with arms extended",
         mine="my shoulder feels like it slips out the back when I block with my arms out",
         does="the fibrocartilage rim at the back of the shoulder socket",
         know=["Posterior instability makes up only about 10% of shoulder instability but is over-represented in linemen.",
               "A reverse Bankart lesion is the posterior counterpart of the classic anterior tear."],
         plan="Posterior capsulolabral repair if rehab fails, with 4 to 6 months to contact.",
         other="The coracoid process is intact and the subscapularis is normal."),
    dict(target="Hill-Sachs lesion", names=["hill-sachs", "hill sachs", "impaction fracture"],
         label="a Hill-Sachs impaction defect", region="shoulder", modality="MR", orient="LP", limb="right shoulder",
         pieces=[(0.30, 0.62, 12, 8)], others=_SHO_AX, noun=("defect", "defects"),
         who="a 19-year-old judoka", story="dislocated the shoulder forwards in a throw for the second time this season",
         mine="my shoulder popped out the front again during a throw, second time this season",
         does="the dent in the back of the ball of the shoulder left where it jammed against the front of the socket",
         know=["It is found after roughly 80% of first-time anterior dislocations.",
               "An engaging defect, judged against the glenoid track, raises the recurrence risk a lot."],
         plan="Stabilisation surgery is reasonable after two dislocations at 19; remplissage if the defect is off-track.",
         other="The coracoid is intact; the anterior glenoid rim shows a small bony Bankart fragment."),
    dict(target="anterior talofibular ligament tear", names=["talofibular", "ATFL"],
         label="a tear of the anterior talofibular ligament", region="ankle", modality="MR", orient="LP", limb="right ankle",
         pieces=[(0.30, 0.34, 12, 4)], others=_ANK_AX, noun=("tear", "tears"),
         who="a 20-year-old volleyball middle", story="rolled the ankle landing on a teammate's foot at the net",
         mine="I rolled my ankle landing on a teammate's foot at the net",
         does="the ligament at the front of the outer ankle that is first to go in an inversion sprain",
         know=["It is injured in about 85% of inversion sprains; the calcaneofibular ligament comes next.",
               "Up to 20% of sprained ankles go on to chronic instability without proper rehab."],
         plan="A brace, balance and peroneal work; most are playing again in 3 to 6 weeks.",
         other="The Achilles tendon is intact and the syndesmosis looks normal."),
    dict(target="Achilles tendon rupture", names=["achilles", "tendo achillis"],
         label="a rupture of the Achilles tendon", region="ankle", modality="MR", orient="LP",
         pieces=[(0.5, 0.84, 16, 10)], others={"talus": (0.5, 0.50)}, noun=("tendon gap", "tendon gaps"), midline_target=True,
         who="a 38-year-old badminton player", story="felt as if someone had kicked him in the back of the heel while lunging",
         mine="I felt like someone kicked me in the back of the heel when I lunged",
         does="the thick cord joining the calf to the heel, now torn through",
         know=["Simmonds' calf squeeze test is about 96% sensitive.",
               "Modern functional rehab gives re-rupture rates close to surgery, around 4%."],
         plan="A boot in equinus with heel wedges for 8 to 10 weeks, or repair if he prefers.",
         other="The talus and the ankle mortise are normal."),
    dict(target="talar dome osteochondral lesion", names=["osteochondral", "OCD", "talar dome"],
         label="an osteochondral lesion of the talar dome", region="ankle", modality="MR", orient="LI",
         pieces=[(0.40, 0.42, 9, 6)], others=_ANK_COR, noun=("lesion", "lesions"),
         who="a 27-year-old trail runner", story="has deep ankle ache and swelling months after a bad sprain",
         mine="my ankle still aches deep inside and swells, months after I sprained it",
         does="the damaged patch of cartilage and bone on the top of the ankle bone",
         know=["Medial dome lesions tend to be deeper and cup-shaped; lateral ones are shallower and more often traumatic.",
               "Lesions under about 1.5 cm2 do well with microfracture."],
         plan="An arthroscopic assessment with debridement and marrow stimulation.",
         other="The tibial plafond and the calcaneus are normal.",
         convention="Whether a dome lesion is called medial or lateral depends on the inner or outer side of the ankle, not on the patient's left or right."),
    dict(target="scaphoid waist fracture", names=["scaphoid"],
         label="a fracture through the scaphoid waist", region="wrist", modality="MR", orient="LI", limb="right wrist",
         pieces=[(0.37, 0.45, 10, 4)], others=_WRIST, noun=("fracture line", "fracture lines"),
         who="a 19-year-old goalkeeper", story="fell on an outstretched hand and has snuffbox tenderness, with normal X-rays",
         mine="I fell on my outstretched hand, it's tender at the base of my thumb and the X-ray was normal",
         does="the small boat-shaped carpal bone at the base of the thumb that cracks after a fall on the outstretched hand",
         know=["Around 70% of these fractures are through the waist, and the proximal pole relies on retrograde blood flow.",
               "Up to a fifth of them are invisible on the first X-ray."],
         plan="A cast for 6 to 8 weeks, or percutaneous screw fixation to get a keeper back sooner.",
         other="The lunate and the distal radius are intact."),
    dict(target="triangular fibrocartilage complex tear", names=["triangular fibrocartilage", "TFCC"],
         label="a tear of the triangular fibrocartilage complex", region="wrist", modality="MR", orient="LI",
         pieces=[(0.70, 0.58, 8, 3)], others=_WRIST, noun=("tear", "tears"),
         who="a 26-year-old golfer", story="has pain on the little-finger side of the wrist at impact and with twisting",
         mine="the little-finger side of my wrist hurts at impact and when I twist it",
         does="the cartilage-and-ligament cushion on the little-finger side of the wrist",
         know=["The Palmer classification splits these into traumatic (class 1) and degenerative (class 2) tears.",
               "Ulnar-positive variance of even 2 mm raises the load through this structure considerably."],
         plan="A wrist splint and a steroid injection first; arthroscopic repair if it fails at 3 months.",
         other="The lunate and the distal radius are normal."),
]

def record_for(p):
    # the record's modality is the schema's code ("XR" for a radiograph)
    return {"modality": {"X-ray": "XR"}.get(p["modality"], p["modality"]), "body_region": p["region"],
            "orientation": p["orient"]}


def facts_for(p, rng):
    """A 256 x 256 mask of jittered ellipses, measured by the product's own `compute_facts`."""
    n = len(p["pieces"])
    if "npieces" in p:
        n = rng.randint(*p["npieces"])
    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    for (x, y, rx, ry) in p["pieces"][:n]:
        cx, cy = (x + rng.uniform(-0.01, 0.01)) * 255, (y + rng.uniform(-0.01, 0.01)) * 255
        ax, ay = rx * rng.uniform(0.93, 1.07), ry * rng.uniform(0.93, 1.07)
        mask |= ((xx - cx) / ax) ** 2 + ((yy - cy) / ay) ** 2 <= 1.0
    return compute_facts(mask, p["orient"], dict(p["others"])).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    pool = profiles
    if defect == "laterality":
        pool = [p for p in profiles if not p.get("sagittal")]
    elif defect == "count":  # the multi-piece ones often, so false counts meet real pieces
        pool = profiles + [p for p in profiles if len(p["pieces"]) > 1]
    return rng.choice(pool)


# ---------------------------------------------------------------------------------------------------------------
# claims: each phrase builder records what it claims, so the checker can test it against the facts

_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
_OPP = {"left": "right", "right": "left", "superior": "inferior", "inferior": "superior",
        "anterior": "posterior", "posterior": "anterior"}
_REL_OPP = {"superior_to": "inferior_to", "inferior_to": "superior_to", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "left_of": "right_of", "right_of": "left_of"}


class Row:
    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.turns: list[dict] = []
        self.claims: list[dict] = []
        self.lay = style in ("coach", "athlete")

    def claim(self, kind, value, text, role, neg=False, corrected=False):
        self.claims.append(dict(kind=kind, value=value, text=text, turn=len(self.turns), role=role, neg=neg,
                                corrected=corrected))
        return text

    def add(self, role, content):
        self.turns.append({"role": role, "content": content})

    def c(self, seq):
        return self.rng.choice(seq)

    # -- laterality --------------------------------------------------------------------------------------------
    def side(self, value, role="assistant", corrected=False):
        r, lay = self.rng, self.lay
        if value in ("left", "right"):
            opts = ([f"on the patient's {value}", f"toward the patient's {value} in this frame",
                     f"{value}-sided as the scan is oriented"] if not lay else
                    [f"on the {value} side as the scan reads it", f"toward the {value} as the scan is labelled",
                     f"on the {value}-hand side in the scan's own left-right labels"])
        elif value == "bilateral":
            opts = (["bilateral, with one on each side", "present on both the left and the right"] if not lay else
                    ["on both sides", "there on the left and the right alike"])
        else:  # midline
            opts = (["in the midline", "centred on the midline, favouring neither side"] if not lay else
                    ["bang in the middle, neither left nor right", "right on the centre line"])
        return self.claim("laterality", value, r.choice(opts), role, corrected=corrected)

    def not_side(self):
        """A true negation: the side the target is not on."""
        lat = self.f["laterality"]
        other = {"left": "right", "right": "left"}.get(lat) or self.rng.choice(["left", "right"])
        if lat in ("bilateral",):
            return None
        txt = self.c([f"not on the {other}", f"nothing on the {other} side"]) if lat != "midline" else \
            self.c(["not off to the left", "not off to the right"])
        if lat == "midline":
            other = "left" if "left" in txt else "right"
        return self.claim("laterality", other, txt, "assistant", neg=True)

    def false_side(self, role="assistant", corrected=False):
        lat = self.f["laterality"]
        if lat in ("left", "right"):
            v = _OPP[lat] if self.rng.random() < 0.8 else "bilateral"
        elif lat == "bilateral":
            v = self.rng.choice(["left", "right"])
            return self.claim("laterality", v, self.c([f"only on the {v}", f"confined to the {v} side",
                                                        f"one-sided, on the {v}"]), role, corrected=corrected)
        else:
            v = self.rng.choice(["left", "right"])
        return self.side(v, role, corrected)

    # -- position ----------------------------------------------------------------------------------------------
    def vert_txt(self, v):
        lay = self.lay
        o = self.p["orient"]
        words = {
            "superior": (["superiorly on this slice", "in the superior part of the image", "high on the slice"],
                         ["up toward the top of the image", "high up on the picture"]),
            "inferior": (["inferiorly on this slice", "in the inferior part of the image", "low on the slice"],
                         ["down toward the bottom of the image", "low down on the picture"]),
            "anterior": (["anteriorly", "in the anterior part of the slice", "toward the front of the section"],
                         ["toward the front", "at the front of the picture's cross-section"]),
            "posterior": (["posteriorly", "in the posterior part of the slice", "toward the back of the section"],
                          ["toward the back", "at the back of the cross-section"]),
        }
        if v == "central":
            axis = "top to bottom" if o[1] in "SI" else "front to back"
            return self.c([f"roughly central {axis}", f"midway {axis} on the slice"])
        return self.c(words[v][1 if lay else 0])

    def rel_txt(self, rel, other):
        lay = self.lay
        t = {"superior_to": ["above the {o}", "superior to the {o}"] if not lay else ["above the {o}", "higher up than the {o}"],
             "inferior_to": ["below the {o}", "inferior to the {o}"] if not lay else ["below the {o}", "lower down than the {o}"],
             "anterior_to": ["anterior to the {o}", "in front of the {o}"],
             "posterior_to": ["posterior to the {o}", "behind the {o}"],
             "left_of": ["to the patient's left of the {o}"], "right_of": ["to the patient's right of the {o}"]}[rel]
        return self.c(t).format(o=other)

    def position(self, false=False, role="assistant", corrected=False):
        rels = [r for r in self.f["relations"] if r["relation"] not in ("left_of", "right_of") or self.rng.random() < 0.3]
        use_rel = rels and self.rng.random() < 0.5
        if use_rel:
            r = self.rng.choice(rels)
            rel = _REL_OPP[r["relation"]] if false else r["relation"]
            return self.claim("relation", [rel, r["other"]], self.rel_txt(rel, r["other"]), role, corrected=corrected)
        v = self.f["vertical"]
        if false:
            v = _OPP.get(v) or self.rng.choice(["superior", "inferior"] if self.p["orient"][1] in "SI" else ["anterior", "posterior"])
        return self.claim("vertical", v, self.vert_txt(v), role, corrected=corrected)

    # -- size --------------------------------------------------------------------------------------------------
    def size(self, false=False, role="assistant", corrected=False):
        sc, pct = self.f["size_class"], self.f["area_fraction"] * 100
        want_pct = (not self.lay or self.style == "coach") and self.rng.random() < 0.45
        if want_pct:
            if false:
                pct = {"small": self.c([6.0, 9.0, 12.0]), "medium": self.c([0.2, 18.0, 25.0]),
                       "large": self.c([0.3, 0.6, 1.0])}[sc]
            num = f"{pct:.2g}" if pct < 10 else f"{pct:.0f}"
            unit = " per cent" if self.style == "letter" else "%"
            txt = self.c([f"about {num}{unit} of the image", f"roughly {num}{unit} of the field of view",
                          f"some {num}{unit} of the frame"])
            return self.claim("percent", float(num), txt, role, corrected=corrected)
        if false:
            sc = self.c([s for s in ("small", "medium", "large") if s != sc])
        words = {"small": ["small", "a small one", "only small"], "medium": ["medium-sized", "moderate in size", "mid-sized"],
                 "large": ["large", "extensive", "a big one"]}
        lay_words = {"small": ["small", "only a little one"], "medium": ["medium-sized, not tiny and not huge", "middling"],
                     "large": ["large", "a big one"]}
        return self.claim("size", sc, self.c((lay_words if self.lay else words)[sc]), role, corrected=corrected)

    # -- count -------------------------------------------------------------------------------------------------
    def count(self, false=False, role="assistant", corrected=False):
        n = self.f["components"]
        if false:
            n = n + 1 if n == 1 or self.rng.random() < 0.5 else n - 1
        sing, plur = self.p["noun"]
        if n == 1:
            txt = self.c([f"a single {sing}", f"one continuous {sing}", f"just one {sing}"])
        else:
            w = _NUM[n]
            txt = self.c([f"{w} separate {plur}", f"{w} distinct {plur}", f"{n} separate {plur}"])
        return self.claim("count", n, txt, role, corrected=corrected)


# ---------------------------------------------------------------------------------------------------------------
# the conversation

def _cap(s):
    return s[0].upper() + s[1:]


def _question(R, named):
    p, st, c = R.p, R.style, R.c
    mod = {"MR": "MRI", "X-ray": "X-ray"}[p["modality"]]
    if named:
        t = p["target"]
        return c({
            "coach": [f"Doc, the report for {p['who']} says {t}. Can you show me the {t} on this {mod}?",
                      f"Before I pick the team: where's the {t} on this scan? Point it out for me."],
            "letter": [f"For my clinic letter, please outline the {t} on this {mod} and describe it.",
                       f"Could you mark the {t} on this {mod} for the letter to the GP?"],
            "tutorial": [f"For tutorial: can you segment the {t} on this {mod} and talk us through it?",
                         f"Our case today is a {t}. Where is it on this {mod}?"],
            "athlete": [f"my report says {t}, can you show me where that is on my scan??",
                        f"The radiologist wrote '{t}'. Where's that on my {mod}?"],
        }[st])
    return c({
        "coach": [f"Doc, {p['who']} {p['story']}. Scan's up on the screen. What's actually hurt? Show me.",
                  f"Quick one before the team meeting. {_cap(p['who'])} {p['story']}. Which bit has gone on this {mod}? Point it out for me.",
                  f"I'm no medic, so keep it simple: {p['who']} {p['story']}. Which structure on this {mod} is the problem?"],
        "letter": [f"Could you draft the imaging paragraph for my clinic letter? {_cap(p['who'])} {p['story']}. Please identify the structure on the {mod} that explains this, and outline it.",
                   f"Dictating today's clinic letter: {p['who']} who {p['story']}. Which lesion on this {mod} accounts for the presentation? Please mark it."],
        "tutorial": [f"For tutorial: the case is {p['who']} who {p['story']}. Which structure on this {mod} is injured, and can you highlight it?",
                     f"Revising for my MSK practical. On this {mod}, can you show me {p['does']}? The story: {p['who']} who {p['story']}."],
        "athlete": [f"hey so I got my {mod} back. {p['mine']}. what's actually damaged?? can u show me on the image",
                    f"My physio sent me for an {mod} because {p['mine']}. Which part is the problem? Please highlight it." if mod == "MRI" else
                    f"My physio sent me for an X-ray because {p['mine']}. Which part is the problem? Please highlight it."],
    }[st])


def _intro(R):
    p, st, c = R.p, R.style, R.c
    lab = p["label"]
    mod = {"MR": "MRI", "X-ray": "radiograph"}[p["modality"]]
    return c({
        "coach": [f"What you're looking at is {lab} [SEG].", f"Right, here it is: {lab} [SEG].",
                  f"The injury is {lab}, outlined here [SEG]."],
        "letter": [f"Dear Dr Okafor, I have reviewed the imaging. It shows {lab} [SEG].",
                   f"Dear Colleague, thank you for referring this patient. The {mod} demonstrates {lab} [SEG].",
                   f"Imaging: the {mod} shows {lab}, outlined [SEG]."],
        "tutorial": [f"Good case. The answer is {lab} [SEG].", f"Let's start with the answer: {lab}, highlighted here [SEG].",
                     f"This is {lab} [SEG], and it fits the story well."],
        "athlete": [f"Sorry you're dealing with this. The problem area is {lab} [SEG].",
                    f"I've highlighted it for you [SEG]: it's {lab}.", f"Here's the spot [SEG]. It's {lab}."],
    }[st])


def _side_sentence(R, frag, kind):
    c = R.c
    if kind == "laterality":
        return c([f"It lies {frag}.", f"Side: {frag}.", f"In terms of side, it is {frag}."]) if not R.lay else \
            c([f"It's {frag}.", f"Side-wise it's {frag}."])
    if kind == "position":
        return c([f"It sits {frag}.", f"Position: {frag}."] + ([] if "slice" in frag else [f"On this slice it lies {frag}."])) if not R.lay else \
            c([f"It sits {frag}.", f"You'll find it {frag}."])
    if kind == "size":
        return c([f"It is {frag}.", f"Size: {frag}.", f"In extent it is {frag}."]) if "of the" not in frag else \
            c([f"It covers {frag}.", f"Size: it occupies {frag}."])
    many = not frag.startswith(("a ", "one ", "just one "))
    return c([f"There {'are' if many else 'is'} {frag}.", f"I count {frag}.", f"Count: {frag}."]) if not R.lay else \
        c([f"I can see {frag}.", f"There {'are' if many else 'is'} {frag}."])


def _say(R, kind, false=False, role="assistant", corrected=False):
    """A claim fragment of `kind` (true unless `false`)."""
    if kind == "laterality":
        return R.false_side(role, corrected) if false else R.side(R.f["laterality"], role=role, corrected=corrected)
    if kind == "position":
        return R.position(false, role, corrected)
    if kind == "size":
        return R.size(false, role, corrected)
    return R.count(false, role, corrected)


_ASK = {
    "laterality": {"coach": ["Which side is it on?", "Left or right, for my notes?"],
                   "letter": ["Please state the side explicitly for the letter.", "Which side should I record?"],
                   "tutorial": ["How would you describe its side in the patient's frame?", "What side is it on, strictly?"],
                   "athlete": ["wait which side is it on", "Which side is it on exactly?"]},
    "position": {"coach": ["Where exactly does it sit?", "Whereabouts in the joint is it?"],
                 "letter": ["Can you describe its position for the letter?", "Where does it lie on the slice?"],
                 "tutorial": ["How would you describe where it sits on this slice?", "Where is it relative to its neighbours?"],
                 "athlete": ["where is it exactly on the picture?", "Where on the image am I looking?"]},
    "size": {"coach": ["How big is it?", "Is it a big one?"], "letter": ["How extensive is it?", "Please comment on its size."],
             "tutorial": ["How would you describe its size?", "Is it small or large?"],
             "athlete": ["how big is it??", "Is it a big one?"]},
    "count": {"coach": ["Is it one spot or several?", "How many bits are there?"],
              "letter": ["Is it a single lesion or more than one?", "How many separate areas are there?"],
              "tutorial": ["How many separate components do you see?", "One lesion or several?"],
              "athlete": ["is it just one thing or a few?", "How many spots are there?"]},
}


def _premise(R, kind, frag):
    """A user follow-up that rests on `frag` as a premise."""
    return R.c({
        "coach": [f"Got it. So with it being {frag}, how long are we without them?", f"Right, {frag}, then. What does that mean for match fitness?"],
        "letter": [f"I'll record it as {frag}. What should the plan paragraph say?", f"Noted: {frag}. What follow-up would you advise?"],
        "tutorial": [f"So, {frag}: what would you prioritise in rehab?", f"OK, it's {frag}. How does that change management?"],
        "athlete": [f"ok so it's {frag}. how long until I can play?", f"So it's {frag}? How long till I'm back?"],
    }[R.style])


def _plan_answer(R):
    p = R.p
    lead = R.c({"coach": ["Realistically: ", "Straight answer: ", ""], "letter": ["Plan: ", "I have recommended the following. ", ""],
                "tutorial": ["Think about it in phases. ", "Management first: ", ""], "athlete": ["Honestly? ", "Good question. ", ""]}[R.style])
    return lead + (p["plan"][0].lower() + p["plan"][1:] if lead.endswith(": ") else p["plan"])


def _correct_premise(R, kind):
    """User states something false; assistant corrects with the truth (clean rows)."""
    false = _say(R, kind, false=True, role="user", corrected=True)
    R.add("user", R.c({"coach": [f"Hang on, the lads are saying it's {false}. True?", f"So it's {false}, yeah?"],
                       "letter": [f"The referral says {false}; can I repeat that?", f"Am I right that it is {false}?"],
                       "tutorial": [f"I'd have said it's {false}. Is that right?", f"My notes say {false}. Correct?"],
                       "athlete": [f"my mate says it's {false}?", f"so it's {false} right?"]}[R.style]))
    true = _say(R, kind)
    verb = ("there are" if R.f["components"] > 1 else "there is") if kind == "count" else "it is"
    R.add("assistant", R.c([f"No, that's not right: {verb} {true}.", f"Not quite. {_cap(verb)} {true}, and that's what the outline shows.",
                            f"That's a common misreading. {_cap(verb)} actually {true}."]))


def build(p, facts, style, rng, defect):
    R = Row(p, facts, style, rng)
    kinds = ["laterality", "position", "size", "count"]
    if facts["laterality"] in ("unknown",):
        kinds.remove("laterality")
    wrong = defect if defect in kinds else None
    loc = rng.choice(["first", "follow", "user"]) if wrong else None
    others = [k for k in kinds if k != wrong]
    rng.shuffle(others)
    n_first = rng.randint(1, min(2, len(others)))
    first_kinds, later_kinds = others[:n_first], others[n_first:]
    rng.shuffle(later_kinds)
    later_kinds = later_kinds[:rng.randint(0, min(2, len(later_kinds)))]

    R.add("user", _question(R, defect == "names_target"))

    # first answer
    parts = [_intro(R)]
    if p.get("limb") and defect != "laterality" and rng.random() < 0.6:
        limb = R.claim("laterality", p["limb"].split()[0], p["limb"], "assistant")
        parts.append(R.c([f"This is the {limb}.", f"For the record, the films are of the {limb}.",
                          f"(Imaging of the {limb}.)"]))
    if wrong and loc == "first":
        first_kinds = first_kinds + [wrong]
        rng.shuffle(first_kinds)
    slip = None
    if not defect and rng.random() < 0.3 and first_kinds:
        slip = first_kinds[0]
    for k in first_kinds:
        if k == slip:
            bad = _side_sentence(R, _say(R, k, false=True, corrected=True), k)
            good = _say(R, k)
            parts.append(bad + R.c([f" Sorry, let me correct that: {good}.",
                                    f" Correction, I misread the marker: {good}.", f" Scratch that, it is {good}."]))
        else:
            parts.append(_side_sentence(R, _say(R, k, false=(k == wrong)), k))
    if "convention" in p and rng.random() < 0.6:
        parts.append(p["convention"])
    if rng.random() < 0.5:
        parts.append(rng.choice(p["know"]))
    if rng.random() < 0.4:
        parts.append(p["other"])
    if not defect and facts["laterality"] in ("left", "right", "midline") and rng.random() < 0.35 and "laterality" not in first_kinds:
        neg = R.not_side()
        parts.append(R.c([f"To be clear, it is {neg}.", f"Note that it is {neg}."]))
    if facts["laterality"] in ("left", "right") and rng.random() < 0.25:
        parts.append(R.c({"coach": ["If it had been the other side, the plan wouldn't change much anyway."],
                          "letter": ["Had this been a contralateral injury the advice would be the same."],
                          "tutorial": ["Ask yourself what you'd expect if it were on the other side: the same mechanism, mirrored."],
                          "athlete": ["Even if it had been the other side, the recovery would look similar."]}[style]))
    R.add("assistant", " ".join(parts))

    # follow-up rounds
    rounds = []
    for k in later_kinds:
        rounds.append(("ask", k))
    if wrong and loc == "follow":
        rounds.insert(rng.randint(0, len(rounds)), ("ask_wrong", wrong))
    if wrong and loc == "user":
        rounds.insert(rng.randint(0, len(rounds)), ("premise_wrong", wrong))
    if not defect and rng.random() < 0.5:
        k = rng.choice(kinds)
        rounds.insert(rng.randint(0, len(rounds)), ("correct", k))
    if not rounds or (rng.random() < 0.4 and not any(r[0] == "premise_wrong" for r in rounds)):
        rounds.append(("plan", None))
    for kind_of, k in rounds[:3]:
        if kind_of == "ask":
            R.add("user", R.c(_ASK[k][style]))
            extra = ""
            if rng.random() < 0.3:
                extra = " " + rng.choice(p["know"])
            R.add("assistant", _side_sentence(R, _say(R, k), k) + extra)
        elif kind_of == "ask_wrong":
            R.add("user", R.c(_ASK[k][style]))
            R.add("assistant", _side_sentence(R, _say(R, k, false=True), k) + R.c(["", " " + R.p["other"], " " + R.c(R.p["know"])]))
        elif kind_of == "premise_wrong":
            frag = _say(R, k, false=True, role="user")
            R.add("user", _premise(R, k, frag))
            R.add("assistant", _plan_answer(R))
        elif kind_of == "correct":
            _correct_premise(R, k)
        else:
            R.add("user", R.c({"coach": ["What's the timeline?", "When can they train again?", "And the plan?"],
                               "letter": ["What should the plan paragraph say?", "Please add the management plan."],
                               "tutorial": ["And how would you manage it?", "What's the evidence-based plan?"],
                               "athlete": ["how long am I out for?", "What happens now?"]}[style]))
            R.add("assistant", _plan_answer(R))
    expected = [defect] if defect else []
    LEDGER.append({"target": p["target"], "defect": defect, "loc": loc, "claims": R.claims, "names": p["names"],
                   "limb": p.get("limb")})
    return R.turns, expected
