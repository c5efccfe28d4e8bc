"""The licence gate: what blocks publishing, the licence of a combined release, and the registry's word."""

from __future__ import annotations

import pytest

from medseg_qa.licence import decide, redistribution_of


def rows(*spec: tuple[str, str, int]) -> list[dict]:
    return [{"dataset": d, "licence": lic} for d, lic, n in spec for _ in range(n)]


@pytest.mark.parametrize("licence,expected", [
    ("CC0-1.0", "allowed"), ("cc-by-4.0", "allowed"), ("CC-BY-SA-4.0", "allowed"), ("CC-BY-NC-4.0", "non-commercial"),
    ("CC-BY-NC-SA-4.0", "non-commercial"), ("CC-BY-NC-ND-4.0", "forbidden"), ("CC-BY-ND-4.0", "forbidden"),
    ("other", "unknown"), ("unknown", "unknown"), ("proprietary", "unknown")])
def test_a_licence_id_alone_says_what_redistribution_allows(licence, expected):
    assert redistribution_of(licence) == expected


def test_open_sources_combine_under_the_most_restrictive_licence():
    d = decide(rows(("a", "CC0-1.0", 3), ("b", "CC-BY-4.0", 2)), registry={})
    assert d.allowed and d.licence == "CC-BY-4.0" and not d.blocked and d.sources == {"a": 3, "b": 2}
    d = decide(rows(("a", "CC-BY-4.0", 3), ("b", "CC-BY-NC-4.0", 2)), registry={})
    assert d.allowed and d.licence == "CC-BY-NC-4.0" and "b (CC-BY-NC-4.0)" in d.reason  # says which
    d = decide(rows(("a", "CC0-1.0", 3), ("a", "CC-BY-4.0", 1)), registry={})  # one dataset, mixed licences
    assert d.allowed and d.licence == "CC-BY-4.0" and "a (CC-BY-4.0)" in d.reason
    d = decide(rows(("a", "CC0-1.0", 3), ("b", "CC-BY-SA-4.0", 2)), registry={})
    assert d.allowed and d.licence == "CC-BY-SA-4.0" and "ShareAlike" in d.reason
    d = decide(rows(("a", "CC-BY-NC-SA-4.0", 3), ("b", "CC-BY-NC-4.0", 1)), registry={})
    assert d.allowed and d.licence == "CC-BY-NC-SA-4.0"


def test_conflicting_terms_block_with_every_row_counted():
    d = decide(rows(("a", "CC-BY-SA-4.0", 3), ("b", "CC-BY-NC-4.0", 2)), registry={})
    assert not d.allowed and d.licence == "other"
    (key, n), = d.blocked.items()
    assert key.startswith("licence conflict: CC-BY-SA-4.0 (ShareAlike)") and "b (CC-BY-NC-4.0)" in key and n == 5
    d = decide(rows(("a", "CC-BY-SA-4.0", 1), ("b", "CC-BY-NC-SA-4.0", 1)), registry={})
    assert not d.allowed and "ShareAlike licences CC-BY-NC-SA-4.0, CC-BY-SA-4.0" in next(iter(d.blocked))


def test_nd_unknown_and_registry_no_redistribution_block_naming_sources_and_rows():
    from medseg_qa.registry import load_registry

    reg = load_registry()
    d = decide(rows(("phantom", "CC0-1.0", 5), ("lits", "CC-BY-NC-ND-4.0", 4), ("chaos", "other", 3),
                    ("busi", "other", 2), ("my-lab", "unknown", 1)), registry=reg)
    assert not d.allowed
    blocked = {k.split(" ")[0]: n for k, n in d.blocked.items() if not k.startswith("licence conflict")}
    assert blocked == {"lits": 4, "chaos": 3, "busi": 2, "my-lab": 1}
    text = " ".join(d.blocked)
    assert "NoDerivatives" in text and "redistribution forbidden" in text and "terms unknown" in text
    assert "Publishing blocked" in d.reason and "chaos" in d.reason
    over = decide(rows(("chaos", "other", 3)), registry=reg, override=True)
    assert over.allowed and over.overridden and "overrode" in over.reason and over.blocked


def test_the_registry_outranks_the_licence_id():
    """FLARE22's rules forbid redistribution whatever a row's licence string says."""
    from medseg_qa.registry import load_registry

    reg = load_registry()
    assert not decide(rows(("flare22", "CC-BY-4.0", 2)), registry=reg).allowed
    assert decide(rows(("msd-liver", "CC-BY-SA-4.0", 2), ("isic-2018-task1", "CC0-1.0", 1)), registry=reg).allowed
    amos = decide(rows(("amos22", "other", 2), ("msd-spleen", "CC-BY-SA-4.0", 2)), registry=reg)
    assert not amos.allowed and "amos22 (other)" in next(iter(amos.blocked))  # possibly NC vs ShareAlike
