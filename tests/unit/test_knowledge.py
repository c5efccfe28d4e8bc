"""The knowledge base: every entry validates and its descriptive texts never give the entry away."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from medseg_qa.errors import ConfigError
from medseg_qa.knowledge import KnowledgeEntry, build_base, giveaway_terms, load_knowledge, lookup, mentions

REQUIRED = ("liver", "spleen", "left kidney", "right kidney", "aorta", "vertebral body", "liver lesion")
KB = load_knowledge()


def test_required_abdominal_entries_exist():
    assert set(REQUIRED) <= set(KB)
    assert lookup("  Left Kidney ") is KB["left kidney"]


@pytest.mark.parametrize("name", sorted(KB))
def test_entry_is_complete(name):
    e = KB[name]
    assert e.name == name and e.category
    assert e.synonyms, "a synonym list may not be empty"
    assert len(e.functions) >= 3 and len(e.clinical) >= 3
    assert len(e.relations) >= 2 and len(e.differentials) >= 2
    assert e.ontology_code is None or e.ontology_code.split(":")[0] in ("SCT", "FMA", "UBERON")
    assert e.within is None or e.within in KB


@pytest.mark.parametrize("name", sorted(KB))
def test_descriptive_texts_never_name_the_entry(name):
    e = KB[name]
    texts = [*e.functions, *e.clinical, *e.relations, *e.differentials, e.descriptor or ""]
    leaks = {t: mentions(t, e.terms()) for t in texts if mentions(t, e.terms())}
    assert leaks == {}


def test_sided_entries_do_not_list_the_other_side_but_the_shared_word_gives_both_away():
    left, right = KB["left kidney"], KB["right kidney"]
    assert not mentions(" ".join(left.synonyms), ("right kidney",))
    assert not mentions(" ".join(right.synonyms), ("left kidney",))
    assert "kidney" in left.terms() and "kidney" in right.terms()
    assert mentions("the right kidney", left.terms()) == ["kidney"]


def test_giveaway_matching_rules():
    liver = KB["liver"].terms()
    assert mentions("Hepatocellular and hepato-renal", liver) == ["Hepatocellular", "hepato-renal"]
    assert mentions("the liver’s edge and both livers", liver) == ["liver's", "livers"]
    assert mentions("deliver the sliver", liver) == []
    assert mentions("two arteries", giveaway_terms("artery")) == ["arteries"]
    assert mentions("L1 and L4 levels", KB["vertebral body"].terms()) == ["L1", "L4"]
    assert {"adrenal gland", "left adrenal gland", "suprarenal gland"} <= set(giveaway_terms("left adrenal gland"))


def test_bad_entries_are_rejected(tmp_path):
    with pytest.raises(ValidationError):
        KnowledgeEntry.model_validate({"name": "x", "category": "organ", "colour": "red"})
    (tmp_path / "bad.yaml").write_text("- name: x\n  category: organ\n  colour: red\n")
    with pytest.raises(ConfigError, match=r"bad.yaml: knowledge entry 'x': field 'colour'"):
        build_base([tmp_path])
    (tmp_path / "bad.yaml").write_text("- {name: x, category: organ}\n- {name: X, category: organ}\n")
    with pytest.raises(ConfigError, match="defined twice"):
        build_base([tmp_path])
    (tmp_path / "bad.yaml").write_text("- {name: x, category: organ, ontology_code: 'SNOMED 123'}\n")
    with pytest.raises(ConfigError, match="field 'ontology_code'.*use null when unsure"):
        build_base([tmp_path])
