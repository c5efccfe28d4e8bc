"""QC accuracy on the labelled corpus in `tests/data/qc_corpus/` (written apart from the rules).

Prints one table: per split (tuning banks A-F, the rules were tuned looking at them; then each
held-out bank from G on, on its own rows, with its recorded first blind measure) and per flag, precision
and recall; then the share of planted defects caught and the share of clean conversations flagged.
Near-duplicates are scored on question pairs. The summary rows go into the common benchmark table
(ratio: all held-out banks pooled against the tuning banks, measured in the same run).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "qc_corpus"
FLAGS = ("laterality", "position", "size", "count", "names_target", "claims")
# Each held-out bank's first, blind measure (caught, clean flagged), taken before anything about it was
# read. G is the first writer's last bank; H to M a second writer's; N to U a third writer's (helper
# qc4), each written blind in its own module. The rows above each show today's rules, which were since
# fixed by reading the errors of G, I-R and T once each (those banks are spent). H and U were never
# read; S was never read either but T's fix came after it. U was written after the last rule change, so
# its first measure is the final rules' figure on unseen prose. Helper qc5 then read U (spent), changed the
# rules, and wrote V (a non-native assistant in numbered steps, a teaching file with cm/mm sizes, a patient
# portal) after its last rule change: V's first measure is the headline of that round. 14 of its 66 clean
# flags came from the bank's own mislabel (a medium mask called "a small spot"); with that label fixed and
# the rules unchanged, V measures 0.905 caught, 0.290 clean flagged (see /work/notes/qc5.md). Helper qcw
# then wrote W (YAML blocks, hedged prose with credences, confidence tables) and X (a British consultant's
# dictation, GP letter and MDT minutes) before reading any rule, and measured each once before reading it.
# 32 of X's 50 clean flags were the bank's own bug (a two-word follow-up "Any addendum?" that the product's
# `malformed` rule rightly rejects); with it lengthened and the rules unchanged X measures 0.829 / 0.086.
# qcw then read W and X, changed the rules (to 608c343), and wrote Y (a speech-to-text transcript, a
# multiple-choice quiz with distractor options, a social-media thread), measured it once, read it and changed
# the rules (to 16d2788); then wrote Z (a clinical summary among vitals and labs, a Python snippet, a tick-box
# report template), measured it once, read it and changed the rules (to 0e278f1); then wrote AA (an e-mail
# reply quoting the earlier message, a struck-through revision, English with a Spanish gloss): AA's first
# measure is the figure of those rules on unseen prose. AA was then read (spent) and fixed (5d60ef5); AB (CSV
# output, a decimal-numbered outline, an academic paragraph with references) was written after that and
# measured once; 83 of its 127 clean flags were the bank's own bug again (a two-word follow-up, "malformed");
# lengthened, with the rules unchanged, AB measures 0.881 / 0.143. AB was then read (spent) and fixed.
FIRST_MEASURE = {"heldout": (0.940, 0.170), "heldout_h": (0.995, 0.690), "heldout_i": (1.000, 0.280),
                 "heldout_j": (0.810, 0.255), "heldout_k": (1.000, 0.260),
                 "heldout_l": (0.825, 0.455), "heldout_m": (0.850, 0.025), "heldout_n": (0.716, 0.144),
                 "heldout_o": (0.831, 0.323), "heldout_p": (0.980, 0.672),
                 "heldout_q": (0.796, 0.179), "heldout_r": (0.856, 0.000),
                 "heldout_s": (1.000, 0.000), "heldout_t": (0.975, 0.244),
                 "heldout_u": (0.915, 0.000), "heldout_v": (0.905, 0.314),
                 "heldout_w": (0.962, 0.348), "heldout_x": (0.829, 0.238), "heldout_y": (0.952, 0.414),
                 "heldout_z": (0.610, 0.243), "heldout_aa": (0.971, 0.195),
                 "heldout_ab": (0.881, 0.605),
                 # new targets and modalities (thorax, brain MR incl. coronal, pelvis/MSK and 2D photos)
                 "heldout_ac": (0.881, 0.076), "heldout_ad": (0.833, 0.367), "heldout_ae": (0.752, 0.352),
                 # written after the rules read AC-AE, measured once before being read
                 "heldout_af": (0.948, 0.000), "heldout_ag": (0.729, 0.038), "heldout_ah": (0.929, 0.110),
                 # the third round, written after the rules read AF-AH; AI as committed (its writer fixed one of
                 # its own sentence orders after a first measure of 0.952 / 0.114 and re-drew every row)
                 "heldout_ai": (0.929, 0.067), "heldout_aj": (0.900, 0.162), "heldout_ak": (0.986, 0.105),
                 # the fourth round, measured with the final rules and never read: the headline figures (AN as
                 # committed; its writer reworded one of its own clean questions that named the target, first
                 # measure 0.967 / 0.110)
                 "heldout_al": (0.957, 0.052), "heldout_am": (0.938, 0.090), "heldout_an": (0.967, 0.071),
                 # (the figures above were taken on rows drawn before every register got clean and defective rows
                 # alike; the banks have been redrawn since) the fifth round, written after the rules read AL-AN
                 "heldout_ao": (0.971, 0.138), "heldout_ap": (0.967, 0.048), "heldout_aq": (0.929, 0.295),
                 # the sixth round, after the rules read AO-AQ; the seventh, after they read AR-AS
                 "heldout_ar": (0.995, 0.000), "heldout_as": (0.943, 0.100),
                 "heldout_at": (0.986, 0.057), "heldout_au": (0.976, 0.090),
                 # the eighth round: AV (abdomen/pelvis, the four named registers) after the rules read AT-AU; AW
                 # (thorax/neck/brain, follow-ups that refer back) and AX (mixed targets and photos; reasoning,
                 # report, refined and discourse-marker registers) after they also read AV
                 "heldout_av": (0.962, 0.043), "heldout_aw": (0.919, 0.024), "heldout_ax": (0.976, 0.105),
                 # the ninth round, after the rules read AV-AX: AZ (physician-refined drafts; 23 of its 30 clean
                 # flags are bare lesion words, "masses", that its writer took as no name and 13 earlier writers
                 # planted as names) and BA (small-model, non-native, step-by-step and words registers)
                 "heldout_az": (0.948, 0.143), "heldout_ba": (0.986, 0.024),
                 # AY (chat-LLM habits in the four named registers) was measured with the rules that had also
                 # read AZ-BA; 10 of its 18 clean flags are "upper-arm bone", a name of the humerus in the KB
                 "heldout_ay": (0.995, 0.086),
                 # the tenth round, after the rules read AV-BA (and sentences written to probe them): BB (the
                 # demo's abdominal targets, freely paraphrased), BC (four assistant families' house voices), BD
                 # (three-round teaching dialogues whose users restate the answer for confirmation)
                 "heldout_bb": (0.929, 0.052), "heldout_bc": (0.976, 0.171), "heldout_bd": (0.886, 0.414),
                 # the eleventh round, after the rules read BB-BD: BE (three registers: terse, tutor, chatty
                 # markdown; 7 of its 8 misses were rows where the bank's own follow-up branch had replaced the
                 # planted claim, fixed after this measure), BF (brain, head/neck, MSK), BG (dataset-style reasoning)
                 "heldout_be": (0.962, 0.019), "heldout_bf": (0.986, 0.029), "heldout_bg": (0.957, 0.024),
                 # the twelfth round, measured with the final rules (8dcba6d): BH (abdomen/pelvis/thorax, the four
                 # named registers) and BI (brain, neck, heart, MSK; terse, tutor, markdown) were never read; BJ
                 # (JSON-in-prose, steps, report, friendly) was read after: 8 of its 20 clean flags are a bare
                 # "nodule" its writer took as no name, 12 a "left-sided counterpart" (fixed after the measure)
                 "heldout_bh": (0.990, 0.000), "heldout_bi": (0.981, 0.014), "heldout_bj": (0.990, 0.095),
                 # the thirteenth round, measured with the rules of 12 (f3fdc22) on new registers: BK (head and
                 # neck; verbose assistant, markdown table, measurements in mm/cm², Socratic tutor), BL (spine and
                 # joints, sagittal slices; voice transcript, emoji chat, SOAP note, MCQ explanation), BM (thorax;
                 # British clinician, email handover, <think> reasoning trace, patient analogies), BN (pelvis and
                 # brain; annotator, nested bullets, hedged resident, Latin anatomist)
                 "heldout_bk": (0.952, 0.067), "heldout_bl": (0.938, 0.305), "heldout_bm": (0.933, 0.200),
                 "heldout_bn": (0.890, 0.000),
                 # the fourteenth round, measured with the rules after round 13 was read and 28 KB entries added
                 # (f982f96): BO (abdomen; small open LLMs' markdown, plain, JSON-ish and careful voices), BP
                 # (pelvis; claims in users' questions and restatements, half of the defects there), BQ
                 # (bilateral, multi-region and midline masks; the four named registers), BR (brain, heart, neck;
                 # knowledge-heavy teaching, differentials, flash cards)
                 "heldout_bo": (0.914, 0.000), "heldout_bp": (0.886, 0.119), "heldout_bq": (0.938, 0.062),
                 "heldout_br": (0.981, 0.138),
                 # the fifteenth round, measured with the rules after round 14 was read (d7b8f7f): BS (abdomen;
                 # GPT-4-class prose, telehealth chat, uppercase report template, numbers as words), BT (chest and
                 # neck; teaching dictation, Q&A forum answer, abbreviated bullets, a patient's relative), BU
                 # (pelvis, hip, spine, photos; explain-like-I'm-10, compare-and-contrast, step-by-step, minimal)
                 "heldout_bs": (0.948, 0.038), "heldout_bt": (0.919, 0.019), "heldout_bu": (0.971, 0.076),
                 # the sixteenth round, measured with the final rules (5e5453d, round 15 read): BV (abdomen and
                 # thorax; cited answers with footnotes, caveat-first, markdown table; all 14 clean flags are one
                 # question, "Which large vessel here ...?", read as a size claim) and BW (pelvis, brain, neck; a
                 # resident corrected by the attending, exam marking, plain summary)
                 "heldout_bv": (0.976, 0.067), "heldout_bw": (0.976, 0.000),
                 # round 17 (rules of 3a7ddfe, after round 16's mends): BX (abdomen and pelvis MR; non-native English,
                 # an LLM that corrects itself mid-answer, key: value output, a numbered thread) and CA (ultrasound,
                 # chest X-ray, photos, brain MR; app chat bubbles, numeric confidence, numbered steps, a teacher
                 # grading a student's chain of thought)
                 # BY (thorax CT; a two-host podcast, an oral exam, an ISBAR handover, an FAQ) and BZ (bones, joints
                 # and spine; a sports-medicine explainer, a report compared with a prior study, a tick-box checklist,
                 # a forum reply with a TL;DR)
                 "heldout_bx": (0.967, 0.267), "heldout_ca": (0.967, 0.233), "heldout_by": (0.986, 0.100),
                 "heldout_bz": (0.995, 0.229),
                 # round 18 (rules of 2c9f281, after round 17's mends): CC (brain MR and thorax CT; pixel geometry,
                 # observation-inference-conclusion, world millimetres, caveats) and CD (pelvis and abdomen; an ED
                 # pager consult, a patient-portal reply, a discharge summary, a second-opinion letter)
                 # and CB (abdominal CT; HTML, XML-tagged output, a true/false quiz, a LaTeX note) and CE (head and
                 # neck radiotherapy planning: dose constraints, contouring guidelines, contour peer review, patient)
                 "heldout_cc": (0.957, 0.005), "heldout_cd": (0.871, 0.071), "heldout_cb": (0.938, 0.362),
                 "heldout_ce": (0.986, 0.110),
                 # round 19, measured with the final rules (2a0b973): CG (thorax, heart and mediastinum; social-media
                 # micro-answers, Spanish/French glosses, a cardiology fellow's structured read, myth versus fact)
                 # and CF (abdomen; Anki cloze cards, a support chatbot, an ASCII sketch with a caption, a self-dialogue)
                 # and CI (neck and head-and-neck; decision-support output with scores, probability ranges, a surgeon's
                 # briefing, a restate-then-answer reply)
                 # and CH (pelvis, hip, spine and brain; candidate masks A and B compared, a past-tense vignette,
                 # numbered claims with a summary, a reviewer's list of common errors)
                 "heldout_cg": (0.957, 0.152), "heldout_cf": (0.938, 0.186), "heldout_ci": (0.895, 0.000),
                 "heldout_ch": (0.976, 0.257),
                 # round 20 (rules of 7d6c20a, after round 19's mends): CJ (abdomen and pelvis; the organ in the first
                 # person, dictation with spoken punctuation, a team chat thread, a rhyme), CK (thorax and heart;
                 # step-back reasoning, a reference atlas, an ASCII table, a pixel-arithmetic scratchpad) and CL (brain
                 # and neck; yes/no self-questions, TL;DR first, collapsible <details>, quoting the user's words)
                 # and CM (bones, pelvis and photos; a figure caption with alt text, a grading rubric, YAML front
                 # matter, pros and cons of the segmentation)
                 "heldout_cj": (0.995, 0.210), "heldout_ck": (0.995, 0.314), "heldout_cl": (0.976, 0.100),
                 "heldout_cm": (0.852, 0.000),
                 # round 21 (rules of 6a422ba, after round 20's mends): CN (abdomen; an e-mail reply quoting the
                 # colleague, two readers and an adjudication, ranked hypotheses, an overnight sign-out), CO (thorax
                 # CT and chest X-ray; a lecture with audience questions, a SOAP note, short answer then details, a
                 # metaphor tutor), CP (pelvis, spine, hips; a nurse and a physician at the bedside, a medico-legal
                 # opinion, "Claim: ... Check: ✔", spot the difference with a normal reference) and CQ (brain, head
                 # and neck, photos; pseudo-code, a press release, a patient forum with a moderator, a haiku)
                 "heldout_cn": (0.990, 0.276), "heldout_co": (0.976, 0.010), "heldout_cp": (0.948, 0.000),
                 "heldout_cq": (0.943, 0.129),
                 # round 22, measured first with the rules of cabb4c1 (round 20's rules plus qc.settle, designed on
                 # rounds 17-20 and not on these banks): CR (abdomen; a checkbox report template, German and Italian
                 # terms, "Pearl:"/"Pitfall:" boxes, a critic revising a draft), CS (thorax and heart; a tumour board, a
                 # verification checklist, footnoted citations, a patient interview), CT (pelvis, hips, spine, knees;
                 # a clinic letter, a text decision tree, an ELI5 answer with edits, a quiz show) and CU (brain, neck,
                 # photos; an operative planning note, a tool call with JSON, proposer and verifier agents, hints).
                 # The same banks at 6a422ba (without qc.settle): 783/840 caught, 172/840 clean flagged; at
                 # cabb4c1: 783/840, 143/840; at b43fbb7 (round 21 read): 780/840, 131/840
                 "heldout_cr": (0.943, 0.295), "heldout_cs": (0.929, 0.005), "heldout_ct": (0.900, 0.290),
                 "heldout_cu": (0.957, 0.090),
                 # round 23, measured with the rules of a5e6045 (round 22 read): CV (abdomen and pelvis; the four named
                 # registers as modern chat LLMs write them), CW (thorax, neck, chest X-ray; mainstream assistants'
                 # habits: enthusiast, careful with a disclaimer, structured headings, conversational), CX (brain, hips
                 # and knees, photos; educator, report then plain summary, a student corrected, terse bullets) and CY
                 # (mixed; a formal report compared with a prior, a reasoning model's numbered observations, a table
                 # then prose, a registrar's on-call report with self-corrections). CW and CX as committed (their
                 # writers used "X-ray" and "fundus photography", which the schema's modality literal refuses)
                 "heldout_cv": (0.895, 0.143), "heldout_cw": (0.905, 0.138), "heldout_cx": (0.833, 0.029),
                 "heldout_cy": (0.910, 0.419),
                 # round 24, measured with the rules of 872cf92 (round 23 read): CZ (abdomen and pelvis; a large chat
                 # assistant, a careful prose assistant, a small open model, a physician's terse edit of a draft), DA
                 # (thorax, mediastinum, neck, chest X-ray; the four named registers by a new writer), DB (brain, spine,
                 # hips and knees, photos; a user who pushes back, check questions for a learner, a clinical summary,
                 # reasoning first) and DC (mixed; plain words for a worried patient, a resident presenting to an
                 # attending, per-item confidence, a finding then its verification)
                 "heldout_cz": (0.905, 0.057), "heldout_da": (0.995, 0.133), "heldout_db": (0.905, 0.433),
                 "heldout_dc": (0.933, 0.076),
                 # round 25, measured with the rules of 5ed9ccd (round 24 read): DD (abdomen and pelvis; JSON then prose,
                 # answer then rationale, Socratic questions to a learner, one-line answers), DE (thorax, neck, chest
                 # X-ray; a teaching-file entry, short chat, a ranked differential, comparison with the other side), DF
                 # (brain, spine, shoulders, hips, knees, photos; numbered steps, Q/A pairs, a past-tense case story,
                 # stated probabilities) and DG (mixed; a second opinion on a colleague's read, a user corrected, a
                 # table per answer, thinking aloud)
                 "heldout_dd": (0.971, 0.033), "heldout_de": (0.995, 0.133), "heldout_df": (0.919, 0.519),
                 "heldout_dg": (0.924, 0.157),
                 # round 26, measured with the rules of 6d7cb8e (round 25 read): DH (LLMs driven by the product's own v2
                 # prompt: a frontier model, a small open model, a reasoning model, a concise one), DI (the four registers
                 # the issue names, trap-heavy: negations, conventions, other structures, corrected premises), DJ (MedSeg-QA
                 # as the paper writes it: paper QA, physician-refined, clinical vignette, differential reasoning) and DK
                 # (the public sets by modality: ultrasound/endoscopy report, a data scientist's questions, a cautious
                 # assistant, a student explainer)
                 "heldout_dh": (0.967, 0.029), "heldout_di": (0.938, 0.205), "heldout_dj": (0.929, 0.114),
                 "heldout_dk": (0.914, 0.162),
                 # round 27, measured with the rules of 7de3709 (round 26 read): DL (the four named registers by a third
                 # writer), DM (LLMs driven by the v2 prompt over other regions: GPT-4o-, Llama-3-, reasoning- and
                 # Claude-like), DN (follow-up user turns that carry claims: checks, quoted reports, premises, recaps)
                 # and DO (public sets' own labels: captions, structured blocks, annotation protocols, caveat notes)
                 "heldout_dl": (0.952, 0.200), "heldout_dm": (0.981, 0.157), "heldout_dn": (0.957, 0.419),
                 "heldout_do": (0.976, 0.029),
                 # round 28, measured with the rules of 2c0a5cc (round 27 read): DP (LLMs driven by the v2 prompt over
                 # head and neck, bones, heart and pelvis: GPT-4o-mini-, Qwen-, Mistral- and small-local-model-like), DQ
                 # (a QA engineer's one-phrase edits of rich clean answers), DR (LLM drafts refined by physicians:
                 # cranial/caudal, quadrants, segments) and DS (crowded scenes: other structures' sides, sizes and counts)
                 "heldout_dp": (0.914, 0.262), "heldout_dq": (0.948, 0.262), "heldout_dr": (0.886, 0.214),
                 "heldout_ds": (0.948, 0.405),
                 # round 29, measured with the rules of ba9c29f (round 28 read): DT (LLMs driven by the v2 prompt over chest
                 # and abdomen: DeepSeek-R1-, Phi-, Gemini- and Command-R-like), DU (patients and carers asking through a
                 # portal, in lay words), DV (translated and multilingual-LLM English) and DW (multi-lesion and paired
                 # targets: per-lesion lists, prior scans, tumour boards)
                 "heldout_dt": (0.938, 0.124), "heldout_du": (0.890, 0.100), "heldout_dv": (0.881, 0.119),
                 "heldout_dw": (0.933, 0.257),
                 # round 30, measured with the rules of 1267e79 (round 29 read): DX (plain chat assistants writing a whole
                 # Q&A without the product's prompt), DY (neuro, spine and musculoskeletal labels beyond the abdominal
                 # staples), DZ (2D photos, films and ultrasound: polyps, skin, fundus, nuclei, nodules, X-ray bones) and
                 # EA (dialogue over three rounds: pushback, misremembering, quotes, self-corrections, recaps)
                 "heldout_dx": (0.900, 0.062), "heldout_dy": (0.938, 0.133), "heldout_dz": (0.929, 0.014),
                 "heldout_ea": (0.905, 0.143),
                 # round 31, measured with the rules of 3916551 (round 30 read): EB (LLMs answering the product's prompts
                 # on public abdominal CT labels, and a physician's edit of such drafts), EC (terse radiologist, tutor,
                 # chatty markdown, numbers as words), ED (negations, conventions, other structures and claims in questions,
                 # dense) and EE (long structured reports, discharge summaries, MDT summaries, consult letters)
                 "heldout_eb": (0.952, 0.014), "heldout_ec": (0.919, 0.143), "heldout_ed": (0.952, 0.143),
                 "heldout_ee": (0.938, 0.238),
                 # round 32, measured with the rules of 7a9251d (round 31 read again): EF (an outside reviewer's replay on
                 # public CT labels: GPT-style explainer, resident shorthand, Socratic tutor, numbers as words), EG
                 # (multi-piece and paired targets: counts and one side or both), EH (non-native and machine-translated
                 # English, typos and abbreviations) and EI (small local LLMs on heart, thorax and brain MR labels)
                 "heldout_ef": (0.967, 0.181), "heldout_eg": (0.914, 0.195), "heldout_eh": (0.867, 0.143),
                 "heldout_ei": (0.995, 0.100),
                 # round 33, measured with the rules of 3b72fa9 (round 32 read): EJ (syntax stress: cleft and fronted
                 # sentences, passive nominalisations, self-posed sub-questions, colloquial contractions), EK (the target as
                 # one row of report templates, checklists, markdown tables and organ-by-organ reviews), EL (patients and
                 # carers asking about their own scans in a portal chat: "my left", "his right") and EM (numbers everywhere:
                 # fractions, per-mille, pixel counts, mm2, ratios, Roman numerals, and numbers not about the mask)
                 "heldout_ej": (0.900, 0.452), "heldout_ek": (0.895, 0.324), "heldout_el": (0.933, 0.210),
                 "heldout_em": (0.948, 0.600),
                 # round 34, measured with the rules of 40e140c (round 33 read): EN (MedSeg-QA style: an LLM's draft, a
                 # physician's refinement, explicit reasoning chains, Latin glosses), EO (projection films: chest, abdomen,
                 # pelvis and hip), EP (2D photos, slides and ultrasound frames, where no patient side applies) and EQ
                 # (dense negation and hedging: double negatives, concessions, denied options)
                 "heldout_en": (0.981, 0.190), "heldout_eo": (0.957, 0.171), "heldout_ep": (0.714, 0.243),
                 "heldout_eq": (0.848, 0.229),
                 # round 35, measured with the rules of 0fbe879 (round 34 read): ER (abdomen and pelvis in the four named
                 # registers; facts restated in recaps, 86 defects change one mention and leave the others true), ES
                 # (thorax and brain as MedSeg-QA drafts refined by a physician, users' wrong ideas corrected), ET (a QA
                 # team's generator from sentence pools; defects swapped in or added beside true sentences) and EU
                 # (bilateral, midline and multi-region masks over CT, MR, US, X-ray and photos)
                 "heldout_er": (0.981, 0.014), "heldout_es": (0.981, 0.005), "heldout_et": (0.976, 0.086),
                 "heldout_eu": (0.957, 0.081),
                 # round 36, measured with the rules of 7553fcb (round 35 read): EV (what small local instruct models
                 # write when a dataset tool asks them), EW (the traps an outside reviewer found: convention sentences,
                 # true negations, other structures' knowledge, claims in the first question), EX (wording variety:
                 # synonyms and combining forms, size, count and position words beyond the usual) and EY (cardiac MR,
                 # vessels, coronal and sagittal planes)
                 "heldout_ev": (0.995, 0.152), "heldout_ew": (0.910, 0.229), "heldout_ex": (0.924, 0.105),
                 "heldout_ey": (0.990, 0.019),
                 # round 37, measured with the rules of 68d23ce (round 36 read; QC unchanged since 1cb23db): EZ (2D
                 # modalities: chest films, neck and focused ultrasound, fundus, dermoscopy, endoscopy), FA
                 # (self-correcting and contested conversations: retractions, users' wrong ideas rejected), FB
                 # (musculoskeletal and spine: levels, knees, hips, hands, bone metastases) and FC (frontier-LLM
                 # markdown: headings, bold, lists, tables, on multi-organ abdominal CT)
                 "heldout_ez": (0.924, 0.048), "heldout_fa": (0.981, 0.357), "heldout_fb": (0.971, 0.181),
                 "heldout_fc": (0.971, 0.000),
                 # round 38, measured with the rules of cf80b3a (round 37 read): FD (radiotherapy contouring: organs at
                 # risk and tumour volumes, planning-system names, dose talk), FE (reasoning-model outputs: think blocks,
                 # numbered steps, discarded hypotheses), FF (speech-recognition dictation: no punctuation, spoken
                 # punctuation and numbers, fillers, spoken self-repairs) and FG (oncology follow-up: prior-study
                 # comparisons, sizes in mm and mL, RECIST)
                 "heldout_fd": (0.919, 0.129), "heldout_fe": (0.952, 0.086), "heldout_ff": (0.786, 0.433),
                 "heldout_fg": (0.929, 0.014),
                 # round 39, measured with the rules of e09d43c (round 38 read; QC unchanged since b4cc8a7): FH
                 # (board-exam and teaching quizzes: multiple choice with distractors, vignettes, flashcards, oral
                 # exams), FI (paediatric, neonatal and obstetric imaging, parents and sonographers), FJ
                 # (neuroradiology and stroke: hemispheres, territories, midline shift, tumour subregions) and FK
                 # (structured output inside answers: JSON and YAML blocks, tool-call traces, key-value reports)
                 "heldout_fh": (0.900, 0.243), "heldout_fi": (0.852, 0.067), "heldout_fj": (0.952, 0.238),
                 "heldout_fk": (0.871, 0.205),
                 # round 40, measured with the rules of b5ed030 (round 39 read): FL (emergency and trauma: primary
                 # survey, FAST, handovers, discharge letters), FM (interventional radiology: needle paths, positioning,
                 # ablation margins), FN (the target and another named structure discussed in turn, pronouns switching
                 # between them) and FO (dental, ENT and eye: FDI tooth numbers, sinuses, OD/OS)
                 "heldout_fl": (0.852, 0.219), "heldout_fm": (0.890, 0.081), "heldout_fn": (0.938, 0.481),
                 "heldout_fo": (0.929, 0.181),
                 # round 41, measured with the rules of d29ec7b (round 40 read): FP (breast MR and staging CT:
                 # clock-face positions, BI-RADS, axillary nodes, implants), FQ (vascular: CTA, duplex, stenosis
                 # percentages, aneurysm diameters), FR (sports and musculoskeletal MRI and X-ray: menisci, cuff,
                 # ligaments, medial/lateral) and FS (raw small-LLM output: template tokens, run-ons, repetition,
                 # translated English)
                 "heldout_fp": (0.929, 0.181), "heldout_fq": (0.967, 0.167), "heldout_fr": (0.971, 0.143),
                 "heldout_fs": (0.976, 0.205),
                 # round 42, measured with the rules of 217d571 (round 41 read): FT (hepatobiliary and pancreas:
                 # Couinaud segments, duct widths, LI-RADS), FU (lung screening: lobe abbreviations, Lung-RADS, node
                 # stations), FV (regional clinical English: "the same is noted on Rt side", s/o, B/L) and FW (thyroid
                 # and neck: TI-RADS, node levels I-VI, lobes and isthmus)
                 "heldout_ft": (0.681, 0.233), "heldout_fu": (0.905, 0.114), "heldout_fv": (0.729, 0.043),
                 "heldout_fw": (0.914, 0.271),
                 # round 43, measured with the rules of cebe88d (round 42 read): FX (prostate and pelvic MR/US:
                 # PI-RADS zones, ovaries, adnexa), FY (PET-CT and nuclear medicine: SUVmax, Deauville, bone scans),
                 # FZ (clinician message threads: "> " quotes, forwards, @mentions) and GA (phone-typed questions:
                 # lowercase, typos, no question marks)
                 "heldout_fx": (0.995, 0.062),
                 "heldout_fy": (0.933, 0.071), "heldout_fz": (0.914, 0.276), "heldout_ga": (0.805, 0.629),
                 # round 44, measured with the rules of d4a6ed6 (round 43 read): GB (post-surgical and variant anatomy:
                 # transplants, a solitary kidney, situs inversus, stomas), GC (rich-text exports: HTML, LaTeX, wiki
                 # markup, PDF-pasted line breaks), GD (bowel and GI: appendix, colon segments, hernias) and GE (second
                 # opinions and discrepancy audit: other readers' claims confirmed or refuted)
                 "heldout_gb": (0.871, 0.210), "heldout_gc": (0.952, 0.105), "heldout_gd": (0.952, 0.424),
                 "heldout_ge": (0.971, 0.390),
                 # round 45, measured with the rules of 1a0a35e (round 44 read): GF (Unicode-heavy chat: emoji bullets,
                 # arrows, math symbols, typographic quotes), GG (cardiac and great-vessel CT/MR, short-axis and
                 # four-chamber views), GH (dataset-curation and annotation-QA threads) and GI (long wandering
                 # conversations that drift to other structures and come back with pronouns)
                 "heldout_gf": (0.890, 0.381), "heldout_gg": (0.967, 0.167), "heldout_gh": (0.943, 0.300),
                 "heldout_gi": (0.967, 0.810),
                 # round 46, measured with the rules of d0c5a1b (round 45 read): GJ (hypotheticals, conditionals and
                 # counterfactuals), GK (spine and paraspinal imaging: levels, foramina, facets, psoas), GL (alt text
                 # and figure captions: panels, arrowheads, insets, overlays) and GM (relational and comparative
                 # anatomy: medial/lateral to, between, twice the size of)
                 "heldout_gj": (0.995, 0.243), "heldout_gk": (0.957, 0.157), "heldout_gl": (1.000, 0.062),
                 "heldout_gm": (0.986, 0.067),
                 # round 47, measured with the rules of 1fbef2c (round 46 read): GN (obstetric and gynaecological
                 # ultrasound and MR), GO (ICU films and CT crowded with lines and tubes), GP (other slices, other times,
                 # other views: the slice above, the prior study, the 3D volume) and GQ (multi-voice transcripts: model
                 # debates with a judge, self-consistency votes, draft-critique-revision, tool ensembles)
                 "heldout_gn": (0.967, 0.148), "heldout_go": (0.962, 0.395), "heldout_gp": (0.895, 0.571),
                 "heldout_gq": (0.924, 0.424),
                 # round 48, measured with the rules of 307e655 (round 47 read, its leftovers too; the rules of 9c1732b
                 # score the same): GR (renal, adrenal and urinary tract: stones in mm and HU, Bosniak, washout, MAG3
                 # split function), GS (grounding outputs full of boxes, pixel centroids, spacing and RLE runs), GT
                 # (lymph nodes and staging: stations, TNM strings, RECIST sums, Deauville) and GU (image quality,
                 # artefacts and windowing: streaks, motion, W/L, kVp, phase timing)
                 "heldout_gr": (0.876, 0.071), "heldout_gs": (0.962, 0.205), "heldout_gt": (0.952, 0.271),
                 "heldout_gu": (0.929, 0.276),
                 # round 49, measured with the rules of d551f62 (round 48 read, its leftovers too): GV (endoscopy,
                 # colonoscopy and capsule frames: clock-face positions, cm from the incisors, Paris and NICE classes), GW
                 # (the research-paper register: Dice, HD95, p-values, kappa, citations), GX (family members and carers
                 # asking about a relative's scan) and GY (social-media teaching threads: numbered posts, polls, replies)
                 "heldout_gv": (0.752, 0.076), "heldout_gw": (0.990, 0.386), "heldout_gx": (0.862, 0.448),
                 "heldout_gy": (0.867, 0.133)}
# split file -> label: the tuning banks (A-F) first, then each held-out bank on its own rows
SPLITS = {"dev": "tuning A-F", "heldout": "heldout G", "heldout_h": "heldout H", "heldout_i": "heldout I",
          "heldout_j": "heldout J", "heldout_k": "heldout K", "heldout_l": "heldout L",
          "heldout_m": "heldout M", "heldout_n": "heldout N", "heldout_o": "heldout O",
          "heldout_p": "heldout P", "heldout_q": "heldout Q",
          "heldout_r": "heldout R", "heldout_s": "heldout S",
          "heldout_t": "heldout T", "heldout_u": "heldout U", "heldout_v": "heldout V",
          "heldout_w": "heldout W", "heldout_x": "heldout X", "heldout_y": "heldout Y",
          "heldout_z": "heldout Z", "heldout_aa": "heldout AA",
          "heldout_ab": "heldout AB"}
# later banks (AC on, each with its own targets: `make_corpus.later_banks`), in bank order, as their files exist
SPLITS.update({p.stem: f"heldout {p.stem.removeprefix('heldout_').upper()}"
               for p in sorted(CORPUS.glob("heldout_*.jsonl"), key=lambda p: (len(p.stem), p.stem)) if p.stem not in SPLITS})


def load(split: str) -> list[dict]:
    with open(CORPUS / f"{split}.jsonl") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def to_models(row: dict):
    """(Conversation, SourceRecord) of one corpus row."""
    from medseg_qa.schemas import Conversation, GenerationProvenance, MaskFacts, SourceRecord

    rec, conv = row["record"], row["conversation"]
    facts = MaskFacts.model_validate(rec["facts"])
    record = SourceRecord(record_id=row["id"], source="corpus", dataset="qc-corpus", image_blob="0" * 64,
                          mask_blob="0" * 64, width=facts.width, height=facts.height, target=rec["target"],
                          modality=rec["modality"], body_region=rec["body_region"], case_id=row["id"],
                          patient_id="corpus", orientation=rec["orientation"], licence="CC0-1.0",
                          synthetic=True, facts=facts)
    conversation = Conversation(conversation_id=row["id"], record_id=row["id"], question_style="function",
                                turns=conv["turns"], claims=conv.get("claims"),
                                provenance=GenerationProvenance(backend="corpus", model="-", prompt_version="-",
                                                                seed=0))
    return conversation, record


def score(rows: list[dict]) -> dict:
    """Per-flag true/false positives and expectations, defects caught, clean conversations flagged."""
    from medseg_qa.knowledge import lookup
    from medseg_qa.qc import check_conversation

    tp, fp, exp = Counter(), Counter(), Counter()
    caught = defects = clean = clean_flagged = 0
    misses: list[tuple[str, str, list[str]]] = []
    for row in rows:
        conv, record = to_models(row)
        got = set(check_conversation(conv, record, lookup(record.target)))
        want = set(row["expected"])
        for flag in want:
            exp[flag] += 1
        for flag in got & set(FLAGS):
            (tp if flag in want else fp)[flag] += 1
        if want:
            defects += 1
            caught += want <= got
        else:
            clean += 1
            clean_flagged += bool(got)
        if got != want:
            misses.append((row["id"], ",".join(sorted(want)) or "clean", sorted(got)))
    return {"tp": tp, "fp": fp, "exp": exp, "caught": caught, "defects": defects, "clean": clean,
            "clean_flagged": clean_flagged, "misses": misses}


def score_duplicates(split: str) -> tuple[int, int, int, int]:
    """(true positives, false positives, duplicate pairs, distinct pairs) of `near_duplicates`."""
    from medseg_qa.qc import near_duplicates

    tp = fp = dup = distinct = 0
    with open(CORPUS / "near_duplicates.jsonl") as fh:
        for row in map(json.loads, fh):
            if row["split"] != split:
                continue
            hit = 1 in near_duplicates(row["questions"])
            if row["duplicate"]:
                dup += 1
                tp += hit
            else:
                distinct += 1
                fp += hit
    return tp, fp, dup, distinct


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def run() -> list[dict]:
    from rich.console import Console
    from rich.table import Table

    from bench.common import row

    table = Table(title="QC on the labelled corpus (tests/data/qc_corpus)")
    for col in ("split", "flag", "expected", "raised", "precision", "recall"):
        table.add_column(col)
    summary: dict[str, dict] = {}
    for split, label in SPLITS.items():
        if not (CORPUS / f"{split}.jsonl").exists():
            continue
        s = score(load(split))
        for flag in FLAGS:
            raised = s["tp"][flag] + s["fp"][flag]
            table.add_row(label, flag, str(s["exp"][flag]), str(raised), _ratio(s["tp"][flag], raised),
                          _ratio(s["tp"][flag], s["exp"][flag]))
        if split in ("dev", "heldout"):
            tp, fp, dup, distinct = score_duplicates(split)
            table.add_row(label, "near_duplicate (pairs)", str(dup), str(tp + fp), _ratio(tp, tp + fp), _ratio(tp, dup))
        table.add_row(label, "ALL defects caught", str(s["defects"]), str(s["caught"]), "",
                      _ratio(s["caught"], s["defects"]))
        table.add_row(label, "clean conversations flagged", str(s["clean"]), str(s["clean_flagged"]),
                      "", f"false-flag rate {_ratio(s['clean_flagged'], s['clean'])}")
        if split in FIRST_MEASURE:
            caught, flagged = FIRST_MEASURE[split]
            table.add_row(label, "first blind measure (recorded)", "", "", "",
                          f"caught {caught:.3f}, clean flagged {flagged:.3f}")
        summary[split] = s
    Console(width=200).print(table)
    dev = summary["dev"]
    held = {k: sum(summary[s][k] for s in summary if s != "dev")
            for k in ("caught", "defects", "clean_flagged", "clean")}  # all held-out banks pooled
    return [
        row("qc defects caught (heldout banks)", "dev split", held["caught"] / held["defects"],
            dev["caught"] / dev["defects"], "fraction", "planted defects whose flag was raised"),
        row("qc clean flagged (heldout banks)", "dev split", held["clean_flagged"] / held["clean"],
            dev["clean_flagged"] / dev["clean"] or None, "fraction", "clean conversations with any flag"),
    ]


if __name__ == "__main__":
    import sys

    split = sys.argv[1] if len(sys.argv) > 1 else "dev"
    result = score(load(split))
    for rid, want, got in result["misses"]:
        print(rid, want, got)
