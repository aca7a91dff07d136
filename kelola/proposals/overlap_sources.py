"""Where overlap candidates come from (PROP-3): the pemda's registered systems and the other
proposals of its agencies, turned into `overlap.Profile`s and ranked by `overlap.similar`."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from kelola.portfolio.reference import SECTORS, SERVICE_TYPES

from . import overlap
from .choices import ProposalStatus

CANDIDATE_SECTIONS = ("function", "service_type", "scope")


def _labels(keys, choices) -> frozenset[str]:
    """Sector and service-type codes as their labels, so the reasons read as words."""
    names = dict(choices)
    return frozenset(str(names.get(k, k)) for k in keys if k)


@dataclass(frozen=True)
class Suggestion:
    key: str
    label: str
    url: str
    agency: str
    score: float
    reasons: tuple[str, ...]


def proposal_profile(proposal) -> overlap.Profile:
    return overlap.Profile(
        key=f"proposal:{proposal.pk}",
        title=proposal.title,
        description=" ".join(
            filter(None, [proposal.program_output, proposal.program_needs, proposal.needs_analysis])
        ),
        functions=tuple(proposal.function_list()),
        data=tuple(proposal.data_list()),
        sectors=_labels({proposal.sector}, SECTORS),
        agency=str(proposal.agency_id),
    )


def _system_profiles(pemda_id: int, exclude_system_id=None) -> dict[str, tuple[overlap.Profile, str, str]]:
    from kelola.portfolio.models import ElectronicSystem, SystemEntry

    rows = (
        ElectronicSystem.objects.filter(pemda_id=pemda_id)
        .exclude(status="retired")
        .values_list("pk", "external_name", "description", "sector_keys", "agency_id", "agency__name")
    )
    tables: dict[int, dict[str, list]] = {}
    entries = SystemEntry.objects.filter(system__pemda_id=pemda_id, section__in=CANDIDATE_SECTIONS)
    for system_id, section, data in entries.values_list("system_id", "section", "data"):
        tables.setdefault(system_id, {}).setdefault(section, []).append(data)
    result = {}
    for pk, name, description, sector_keys, agency_id, agency_name in rows:
        if pk == exclude_system_id:
            continue
        table = tables.get(pk, {})
        profile = overlap.Profile(
            key=f"system:{pk}",
            title=name,
            description=description,
            functions=tuple(d.get("name", "") for d in table.get("function", [])),
            sectors=_labels(sector_keys.split("|"), SECTORS),
            service_types=_labels((d.get("kind", "") for d in table.get("service_type", [])), SERVICE_TYPES),
            agency=str(agency_id),
        )
        result[profile.key] = (profile, name, agency_name)
    return result


def _proposal_profiles(pemda_id: int, exclude_pk) -> dict[str, tuple[overlap.Profile, str, str]]:
    from .models import Proposal

    queryset = (
        Proposal.objects.filter(pemda_id=pemda_id)
        .exclude(status__in=[ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN])
        .exclude(pk=exclude_pk)
        .select_related("agency")
    )
    return {
        f"proposal:{p.pk}": (proposal_profile(p), p.title, p.agency.name)
        for p in queryset.only(
            "pk",
            "title",
            "program_output",
            "program_needs",
            "needs_analysis",
            "functions",
            "data_sets",
            "sector",
            "agency__name",
        )
    }


def _url(key: str) -> str:
    kind, pk = key.split(":")
    name = "portfolio:system_detail" if kind == "system" else "proposals:proposal_detail"
    return reverse(name, args=[int(pk)])


def suggestions_for_proposal(proposal, *, limit: int = 10) -> list[Suggestion]:
    candidates = _system_profiles(proposal.pemda_id, exclude_system_id=proposal.system_id)
    candidates.update(_proposal_profiles(proposal.pemda_id, proposal.pk))
    return _rank(proposal_profile(proposal), candidates, limit)


def suggestions_for_system(system, *, limit: int = 5) -> list[Suggestion]:
    """Systems of the pemda most like a (new) registry entry."""
    candidates = _system_profiles(system.pemda_id)
    target = candidates.pop(f"system:{system.pk}", None)
    if target is None:
        return []
    return _rank(target[0], candidates, limit)


def _rank(target, candidates, limit) -> list[Suggestion]:
    matches = overlap.similar(target, [c[0] for c in candidates.values()], limit=limit)
    return [
        Suggestion(
            key=m.key,
            label=candidates[m.key][1],
            url=_url(m.key),
            agency=candidates[m.key][2],
            score=m.score,
            reasons=m.reasons,
        )
        for m in matches
    ]
