"""Knowledge beyond the hand-written entries: generative rules, derived variants, label resolution,
coverage of the registry and TotalSegmentator, extra files that extend or override, contradictions."""

from __future__ import annotations

import re

import pytest

from medseg_qa.errors import ConfigError
from medseg_qa.knowledge import (build_base, expand, giveaway_terms, KnowledgeEntry, load_knowledge, lookup,
                                 mentions, use_knowledge)
from medseg_qa.registry import load_registry

# TotalSegmentator v2 `total` task: its 117 CT class names, written out (the package is not installed here)
TOTALSEGMENTATOR_CT = [
    "spleen", "kidney_right", "kidney_left", "gallbladder", "liver", "stomach", "pancreas", "adrenal_gland_right",
    "adrenal_gland_left", "lung_upper_lobe_left", "lung_lower_lobe_left", "lung_upper_lobe_right",
    "lung_middle_lobe_right", "lung_lower_lobe_right", "esophagus", "trachea", "thyroid_gland", "small_bowel",
    "duodenum", "colon", "urinary_bladder", "prostate", "kidney_cyst_left", "kidney_cyst_right", "sacrum",
    *[f"vertebrae_{v}" for v in ["S1", "L5", "L4", "L3", "L2", "L1", *[f"T{i}" for i in range(12, 0, -1)],
                                 *[f"C{i}" for i in range(7, 0, -1)]]],
    "heart", "aorta", "pulmonary_vein", "brachiocephalic_trunk", "subclavian_artery_right", "subclavian_artery_left",
    "common_carotid_artery_right", "common_carotid_artery_left", "brachiocephalic_vein_left",
    "brachiocephalic_vein_right", "atrial_appendage_left", "superior_vena_cava", "inferior_vena_cava",
    "portal_vein_and_splenic_vein", "iliac_artery_left", "iliac_artery_right", "iliac_vena_left", "iliac_vena_right",
    "humerus_left", "humerus_right", "scapula_left", "scapula_right", "clavicula_left", "clavicula_right",
    "femur_left", "femur_right", "hip_left", "hip_right", "spinal_cord", "gluteus_maximus_left",
    "gluteus_maximus_right", "gluteus_medius_left", "gluteus_medius_right", "gluteus_minimus_left",
    "gluteus_minimus_right", "autochthon_left", "autochthon_right", "iliopsoas_left", "iliopsoas_right", "brain",
    "skull", *[f"rib_left_{i}" for i in range(1, 13)], *[f"rib_right_{i}" for i in range(1, 13)], "sternum",
    "costal_cartilages"]
# common MR brain labels (FreeSurfer aseg spelling), cardiac (ACDC), prostate zones, 2D lesion sets
BRAIN = ["Left-Cerebral-White-Matter", "Right-Cerebral-Cortex", "Left-Lateral-Ventricle", "3rd-Ventricle",
         "4th-Ventricle", "Brain-Stem", "Left-Cerebellum-Cortex", "Right-Thalamus", "Left-Caudate", "Right-Putamen",
         "Left-Pallidum", "Right-Hippocampus", "Left-Amygdala", "grey matter", "white matter",
         "left gray matter", "peritumoral edema", "enhancing tumor", "necrotic tumour core", "whole tumor",
         "tumor core"]
OTHER = ["LV cavity", "RV cavity", "myocardium", "prostate peripheral zone", "prostate transition zone",
         "breast lesion", "skin lesion", "polyp"]
# head and neck organs at risk (PDDCA, HaN-Seg spellings) and the nodal target of HNTS-MRG
HEAD_NECK = ["BrainStem", "Chiasm", "Mandible", "OpticNerve_L", "OpticNerve_R", "Parotid_L", "Parotid_R",
             "Submandibular_L", "Submandibular_R", "Bone_Mandible", "Cochlea_L", "Cochlea_R", "Glnd_Submand_L",
             "Glnd_Submand_R", "Glnd_Thyroid", "OpticChiasm", "OpticNrv_L", "OpticNrv_R", "Pituitary", "Cavity_Oral",
             "Larynx_SG", "SpinalCord", "GTVn", "eye_left", "lens_right", "thyroid_lobe_left", "pharynx",
             "sternocleidomastoid_right", "lymph node"]
# spine (SPIDER), knee (SKI10, OAI-ZIB), chest, pelvis and brain lesion labels
SPINE_KNEE_TRUNK = ["intervertebral disc", "spinal canal", "femoral cartilage", "tibial cartilage", "tibia_left",
                    "fibula_right", "patella", "meniscus", "pulmonary_trunk", "pulmonary artery", "azygos vein",
                    "pleural effusion", "thymus", "uterus", "ovary_left", "rectum", "seminal_vesicle_right",
                    "brain_metastases", "brain lesion"]
# lesion and microscopy labels of common public sets: LIDC-IDRI, LiTS, BraTS, ISIC, ISLES, MSSEG/ISBI, the WMH
# challenge, COVID-19-CT-Seg, TN3K/DDTI, SIIM-ACR, MoNuSeg/DSB
PUBLIC_LESIONS = ["lung nodules", "pulmonary_nodule", "liver tumour", "liver_metastases", "hepatic metastases",
                  "glioma", "brain tumor", "nevus", "melanoma", "stroke lesion", "acute infarct",
                  "ischemic_stroke_lesion", "ms lesions", "multiple sclerosis lesion", "white matter lesions", "WMH",
                  "white matter hyperintensities", "COVID-19 infection", "covid-19 lesion", "covid pneumonia",
                  "thyroid nodules", "pneumothorax", "pneumothorax_left", "nuclei", "cell nucleus"]


def test_every_registry_label_has_a_builtin_entry():
    labels = {label for e in load_registry().values() for label in e.labels}
    assert len(labels) >= 25
    assert [label for label in sorted(labels) if lookup(label) is None] == []


@pytest.mark.parametrize("labels", [TOTALSEGMENTATOR_CT, BRAIN, OTHER, HEAD_NECK, SPINE_KNEE_TRUNK, PUBLIC_LESIONS],
                         ids=["totalseg", "brain", "other", "head-neck", "spine-knee-trunk", "public-lesions"])
def test_common_label_sets_resolve(labels):
    assert len(set(labels)) == len(labels)
    missing = [label for label in labels if lookup(label) is None]
    assert missing == []
    for label in labels:  # a dataset's side suffix ('_L', '_left') picks that side's entry
        side = re.search(r"_(l|r|left|right)$", label, re.I)
        if side:
            assert lookup(label).name.startswith({"l": "left ", "r": "right "}[side.group(1)[0].lower()]), label


def test_totalsegmentator_has_117_distinct_entries_with_the_right_side():
    assert len(TOTALSEGMENTATOR_CT) == 117
    entries = {label: lookup(label) for label in TOTALSEGMENTATOR_CT}
    assert len({e.name for e in entries.values()}) == 117
    for label, e in entries.items():
        side = "left" if "left" in label else "right" if "right" in label else None
        if side:
            assert e.name.startswith(side + " "), (label, e.name)
    assert lookup("rib_left_3").name == "left rib 3" and "third rib" in lookup("rib_left_3").synonyms
    assert lookup("vertebrae_T7").name == "t7 vertebra" and "T7" in lookup("vertebrae_T7").synonyms


def test_sided_rule_formats_each_side_and_keeps_codes_honest():
    e = KnowledgeEntry(name="lung", category="organ", synonyms=["lungs", "{side} lung field"], sided=True,
                       ontology_code="SCT:39607008", descriptor="the breathing organ",
                       left={"ontology_code": "SCT:44029006"})
    base, left, right = expand(e)
    assert base.name == "lung" and "{side} lung field" not in base.synonyms
    assert left.name == "left lung" and "left lung field" in left.synonyms and left.expected_side == "left"
    assert right.synonyms == ["lungs", "right lung field"] and right.ontology_code is None  # not inherited
    assert left.ontology_code == "SCT:44029006" and left.descriptor == "the breathing organ on the patient's left"
    assert left.family == right.family == "lung" and not left.sided


def test_series_rule_numbers_members_without_inheriting_the_code():
    kb = load_knowledge()
    ribs = [n for n in kb if n.endswith(tuple(f"rib {i}" for i in range(1, 13)))]
    assert len(ribs) == 36  # rib 1..12, each also left and right
    assert kb["rib"].ontology_code and kb["left rib 12"].ontology_code is None
    assert lookup("vertebrae_C2").synonyms[-3:] == ["C2", "vertebra C2", "second cervical vertebra"]


@pytest.mark.parametrize("text,target", [
    ("the perirenal fat is stranded", "left kidney"), ("a perisplenic collection", "spleen"),
    ("is there an AAA here?", "aorta"), ("para-aortic nodes", "aorta"), ("intrahepatic ducts", "liver"),
    ("the subhepatic space", "liver"), ("two vertebrae", "t4 vertebra"), ("both atria", "left atrium"),
    ("the sulci", None), ("the nuclei", "cell nuclei"), ("the thalami", "left thalamus"), ("cortices", "left cerebral grey matter"),
    ("hepatic lesion", "liver lesion"), ("the kidney's hilum", "right kidney"), ("gastric folds", "stomach"),
    ("pulmonary vessels", "right lung"), ("the cardiac silhouette", "heart"), ("splenic flexure", "spleen"),
])
def test_systematic_variants_give_the_structure_away(text, target):
    if target is None:  # a plural of a word that names nothing
        assert all(not mentions(text, e.terms()) for e in load_knowledge().values())
    else:
        assert mentions(text, lookup(target).terms()), (text, target)


@pytest.mark.parametrize("text,target", [
    ("the jawbone", "mandible"), ("after a parotidectomy", "left parotid gland"),
    ("a hypophyseal mass", "pituitary gland"), ("the globes", "right eyeball"), ("the voice box", "larynx"),
    ("oropharyngeal cancer", "pharynx"), ("a bulging disk", "intervertebral disc"),
    ("IVD height", "intervertebral disc"), ("the kneecap", "left patella"), ("the shinbone", "right tibia"),
    ("a meniscal tear", "meniscus"),
    ("the MPA is dilated", "pulmonary artery"), ("the womb", "uterus"), ("perirectal fat", "rectum"),
    ("an oophorectomy", "left ovary"), ("thymoma", "thymus"), ("brain mets", "brain metastasis"),
    ("the SCM", "left sternocleidomastoid muscle"), ("GTVn", "metastatic lymph node"),
    ("metastatic deposits", "brain metastasis"), ("a GBM", "whole tumour"), ("old infarcts", "stroke lesion"),
    ("demyelinating plaques", "multiple sclerosis lesion"), ("leukoaraiosis", "white matter hyperintensity"),
    ("COVID pneumonia", "covid-19 infection"), ("a tension pneumothorax", "right pneumothorax"),
    ("nuclear pleomorphism", "cell nuclei"), ("a colloid nodule", "thyroid nodule"), ("an atypical mole", "nevus"),
])
def test_new_entries_are_named_in_common_ways(text, target):
    assert mentions(text, lookup(target).terms()), (text, target)


def test_variants_are_derived_not_listed():
    terms = set(giveaway_terms("kidney"))
    assert {"renal", "nephric", "perirenal", "pararenal", "intrarenal", "subrenal", "peri-renal"} <= terms
    assert "vertebrae" in giveaway_terms("vertebra") and "cortices" in giveaway_terms("cortex")
    assert not mentions("adrenal", giveaway_terms("kidney"))  # no ad- prefix: another organ
    assert not mentions("intercostal muscles", giveaway_terms("rib"))
    # an everyday word a Latin ending makes ('central' of 'centrum') or a hormone named after its gland names nothing
    assert mentions("the centrum", lookup("vertebral body").terms())
    assert not mentions("central, straddles the midline", lookup("vertebral body").terms())
    assert not mentions("which gland makes thyroxine?", lookup("thyroid gland").terms())


def test_extra_files_extend_and_override(tmp_path):
    (tmp_path / "a.yaml").write_text(
        "- name: pineal gland\n  synonyms: [pineal, epiphysis cerebri]\n  category: organ\n  region: head\n"
        "  functions: [releases melatonin at night]\n"
        "- name: spleen\n  synonyms: [splenic]\n  category: organ\n  descriptor: overridden\n")
    (tmp_path / "b.yml").write_text("name: olfactory bulb\ncategory: nervous tissue\nstatus: draft\n")
    try:
        kb = use_knowledge([tmp_path])
        assert lookup("Pineal_Gland").functions == ["releases melatonin at night"]
        assert lookup("spleen").descriptor == "overridden" and kb.status("spleen") == "approved"
        assert kb.status("olfactory bulb") == "draft" and kb.status("liver") == "builtin"
        assert str(tmp_path / "a.yaml") == kb.origin["pineal gland"]
        (tmp_path / "b.yml").write_text("name: olfactory bulb\ncategory: nervous tissue\nstatus: approved\n")
        assert use_knowledge([tmp_path]).status("olfactory bulb") == "approved"  # a changed file is re-read
    finally:
        use_knowledge([])
    assert lookup("pineal gland") is None and lookup("spleen").descriptor != "overridden"


def test_contradictions_are_refused_naming_both(tmp_path):
    (tmp_path / "x.yaml").write_text("- {name: renal sinus fat, category: region, synonyms: [kidney, sinus fat]}\n")
    with pytest.raises(ConfigError, match=r"'.*kidney'.*and 'renal sinus fat' \(.*x.yaml\) both claim the term "
                                          r"'kidney'"):
        build_base([tmp_path])
    # a part may share its whole's synonym when it says so; kinds of finding may always be shared
    (tmp_path / "x.yaml").write_text("- {name: renal sinus fat, category: region, family: kidney, "
                                     "synonyms: [kidney, lesion]}\n")
    assert build_base([tmp_path]).lookup("renal sinus fat").family == "kidney"
    (tmp_path / "x.yaml").write_text("- {name: kidney pelvis, category: region, aliases: [kidney_left]}\n")
    with pytest.raises(ConfigError, match="'left kidney' .* and 'kidney pelvis' .* both answer to the label 'left kidney'"):
        build_base([tmp_path])


def test_builtin_base_has_coverage_in_every_region():
    from medseg_qa.knowledge_report import coverage

    rows = {r["region"]: r for r in coverage()}
    assert "unassigned" not in rows
    assert {"head", "neck", "thorax", "abdomen", "pelvis", "spine", "upper limb", "lower limb"} <= set(rows)
    assert sum(r["entries"] for r in rows.values()) == len(load_knowledge()) >= 200
    assert sum(r["by rule"] for r in rows.values()) > 100
