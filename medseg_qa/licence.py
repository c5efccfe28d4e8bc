"""Licence terms of the exported sources and the gate that decides whether a release may be published.

Contract:
- every row carries its source's licence id (SPDX, or `other`) and dataset name; a registry entry adds
  what redistribution allows (`allowed`, `non-commercial`, `forbidden`, `unknown`) and a note. A dataset
  outside the registry (the phantom, a lab folder) is judged from its licence id alone: a known open
  SPDX id allows redistribution, an NC id allows it non-commercially, ND forbids derivatives, and
  anything else is `unknown`;
- `decide(rows)` gives one `LicenceDecision`: the licence of the combined release (the most restrictive
  of the sources, or None when they cannot be combined), what blocks publishing (ND, no redistribution,
  unknown terms, conflicting ShareAlike/NonCommercial terms) with the offending sources and row counts,
  and whether an explicit override was used. The export writes it into the card and the manifest;
  `--push-to-hub` refuses a blocked decision unless overridden. Unverified terms stay restrictive:
  the gate errs towards refusing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Literal, Mapping, Optional

Redistribution = Literal["allowed", "non-commercial", "forbidden", "unknown"]
REDISTRIBUTION_VALUES: tuple[str, ...] = ("allowed", "non-commercial", "forbidden", "unknown")

# open licences whose terms allow redistribution of derivatives, ranked by restriction
_OPEN = {"cc0-1.0": 0, "pddl-1.0": 0, "unlicense": 0, "cc-by-2.0": 1, "cc-by-3.0": 1, "cc-by-4.0": 1,
         "odc-by-1.0": 1, "mit": 1, "apache-2.0": 1, "bsd-2-clause": 1, "bsd-3-clause": 1}
_NC = {"cc-by-nc-2.0", "cc-by-nc-3.0", "cc-by-nc-4.0"}
_SA = {"cc-by-sa-3.0", "cc-by-sa-4.0", "odbl-1.0"}
_NC_SA = {"cc-by-nc-sa-3.0", "cc-by-nc-sa-4.0"}
_ND = {"cc-by-nd-4.0", "cc-by-nc-nd-3.0", "cc-by-nc-nd-4.0"}
_CANONICAL = {s.lower(): s for s in ("CC0-1.0", "PDDL-1.0", "Unlicense", "CC-BY-2.0", "CC-BY-3.0", "CC-BY-4.0",
                                     "ODC-By-1.0", "MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause",
                                     "CC-BY-NC-2.0", "CC-BY-NC-3.0", "CC-BY-NC-4.0", "CC-BY-SA-3.0",
                                     "CC-BY-SA-4.0", "ODbL-1.0", "CC-BY-NC-SA-3.0", "CC-BY-NC-SA-4.0",
                                     "CC-BY-ND-4.0", "CC-BY-NC-ND-3.0", "CC-BY-NC-ND-4.0")}
KNOWN_SPDX = frozenset(_CANONICAL.values())


def redistribution_of(licence: str) -> Redistribution:
    """What a licence id alone allows (used when no registry entry says more)."""
    lic = licence.strip().lower()
    if lic in _ND:
        return "forbidden"
    if lic in _NC or lic in _NC_SA:
        return "non-commercial"
    if lic in _OPEN or lic in _SA:
        return "allowed"
    return "unknown"


@dataclass(frozen=True)
class SourceTerms:
    """The terms of one source dataset as the gate sees them."""

    dataset: str
    licence: str
    redistribution: Redistribution
    note: str = ""

    @property
    def share_alike(self) -> bool:
        return self.licence.lower() in _SA | _NC_SA

    @property
    def non_commercial(self) -> bool:
        return self.redistribution == "non-commercial"


@dataclass
class LicenceDecision:
    allowed: bool
    licence: Optional[str]              # licence of the combined release, None when no licence fits all
    reason: str                         # one paragraph, also written into the card
    blocked: dict[str, int] = field(default_factory=dict)       # "dataset (licence: why)" -> rows
    sources: dict[str, int] = field(default_factory=dict)       # dataset -> rows
    overridden: bool = False

    def as_dict(self) -> dict:
        return {"allowed": self.allowed, "licence": self.licence, "reason": self.reason,
                "blocked": dict(self.blocked), "sources": dict(self.sources), "overridden": self.overridden}


def terms_for(dataset: str, licence: str, registry: Optional[Mapping] = None) -> SourceTerms:
    """A source's terms: the registry entry's redistribution field when the dataset is registered (it
    knows more than the licence id: "no redistribution" clauses, unverified terms), else the id alone."""
    from medseg_qa.registry import load_registry

    entries = registry if registry is not None else load_registry()
    entry = entries.get(dataset)
    if entry is not None:
        return SourceTerms(dataset, licence, entry.redistribution, entry.redistribution_note or entry.licence_note)
    return SourceTerms(dataset, licence, redistribution_of(licence))


def _named(selected: list[SourceTerms]) -> str:
    return ", ".join(sorted({f"{t.dataset} ({t.licence})" for t in selected}))


def _combined(terms: list[SourceTerms]) -> tuple[Optional[str], str]:
    """(licence of the combination, why) or (None, the conflict). ShareAlike binds the whole release to
    its own licence, so two different SA licences, or SA without NC next to NC terms, cannot combine."""
    sa = sorted({t.licence for t in terms if t.share_alike})
    if len(sa) > 1:
        return None, f"ShareAlike licences {', '.join(sa)} each require the whole release under themselves"
    if sa:
        bound = sa[0]
        bound_nc = bound.lower() in _NC_SA
        clash = [t for t in terms
                 if not t.share_alike and (t.non_commercial and not bound_nc or t.licence == "other")]
        if clash:
            return None, (f"{bound} (ShareAlike) requires the release under {bound}, which cannot carry the "
                          f"terms of {_named(clash)}")
        sa_sources = ", ".join(sorted({t.dataset for t in terms if t.share_alike}))
        return _CANONICAL.get(bound.lower(), bound), (f"ShareAlike terms of {sa_sources} bind every row to "
                                                      f"{bound}")
    others = [t for t in terms if t.licence.lower() not in _CANONICAL]
    if others:
        nc = " non-commercial" if any(t.non_commercial for t in terms) else ""
        return "other", f"custom{nc} terms of {_named(others)} apply to their rows; see the sources table"
    ids = {t.licence for t in terms}
    if len(ids) == 1:
        only = next(iter(ids))
        return _CANONICAL.get(only.lower(), only), f"every source is {only}"
    nc = [t for t in terms if t.non_commercial]
    if nc:
        return "CC-BY-NC-4.0", f"the most restrictive terms, non-commercial, come from {_named(nc)}"
    attribution = [t for t in terms if _OPEN.get(t.licence.lower(), 1) > 0]
    if not attribution:
        return "CC0-1.0", "every source is public-domain dedicated"
    return "CC-BY-4.0", f"the most restrictive terms, attribution, come from {_named(attribution)}"


def decide(rows: Iterable[Mapping], *, override: bool = False,
           registry: Optional[Mapping] = None) -> LicenceDecision:
    """The gate over the rows to publish (each with `dataset` and `licence`)."""
    counts: Counter = Counter((r["dataset"], r["licence"]) for r in rows)
    terms = {key: terms_for(key[0], key[1], registry) for key in counts}
    sources = Counter()
    for (dataset, _lic), n in counts.items():
        sources[dataset] += n
    blocked: dict[str, int] = {}
    for key, t in sorted(terms.items()):
        why = None
        if t.licence.lower() in _ND:
            why = "NoDerivatives: this export is a derivative"
        elif t.redistribution == "forbidden":
            why = "redistribution forbidden" + (f" ({t.note})" if t.note else "")
        elif t.redistribution == "unknown":
            why = "terms unknown, redistribution not granted" + (f" ({t.note})" if t.note else "")
        if why:
            blocked[f"{t.dataset} ({t.licence}: {why})"] = counts[key]
    licence, why = _combined(list(terms.values())) if terms else (None, "no rows")
    if licence is None:
        blocked[f"licence conflict: {why}"] = sum(counts.values())
    allowed = not blocked
    if allowed:
        reason = f"Publishing allowed under {licence}: {why}."
    else:
        listed = "; ".join(f"{k}: {n} rows" for k, n in blocked.items())
        reason = f"Publishing blocked by the licence gate: {listed}."
        if override:
            reason += (" The publisher overrode the gate explicitly (--override-licence) and takes "
                       "responsibility for having the right to redistribute these rows.")
    return LicenceDecision(allowed or override, licence if licence else "other", reason, blocked,
                           dict(sorted(sources.items())), override and not allowed)
