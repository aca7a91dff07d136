"""The lifecycle of an electronic system (PORT-4): planned → development → testing →
production → retired, each step gated by the SDLC evidence of 002 Ps.18-19 and 001 Ps.14.

Production needs the hand-over package (001 Ps.14(2)): requirements, design, user manual,
source code with its procedure documentation and test results (system test and UAT; a
penetration test as well for Tinggi and Strategis systems); a vendor-built system also needs
knowledge-transfer material and a maintenance warranty date (004 Ps.12(3)).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kelola.core.queries import users_with_roles
from kelola.core.roles import AGENCY_MANAGERS, Role
from kelola.core.workflow import Transition, Workflow

from .choices import ArtifactKind as K
from .choices import LifecycleStatus as S
from .choices import RiskCategory

DINAS_MANAGERS = frozenset({Role.GCIO, Role.PEMDA_ADMIN})
DINAS_REVIEWERS = frozenset({Role.GCIO, Role.PEMDA_ADMIN, Role.REVIEWER})

#: Evidence each stage needs before the system may enter it.
STAGE_EVIDENCE: dict[str, tuple[str, ...]] = {
    S.DEVELOPMENT: (K.REQUIREMENTS,),
    S.TESTING: (K.REQUIREMENTS, K.DESIGN, K.TECHNICAL_DESIGN),
    S.PRODUCTION: (K.REQUIREMENTS, K.DESIGN, K.USER_MANUAL, K.SOURCE_CODE, K.SYSTEM_TEST, K.UAT),
}


def required_evidence(system, stage: str) -> list[str]:
    """The artifact kinds `system` needs to enter `stage`, its category and builder considered."""
    kinds = list(STAGE_EVIDENCE.get(stage, ()))
    if stage == S.PRODUCTION:
        if system.risk_category in {RiskCategory.HIGH, RiskCategory.STRATEGIC}:
            kinds.append(K.PENETRATION_TEST)
        if system.vendor:
            kinds.append(K.KNOWLEDGE_TRANSFER)
    return kinds


def present_kinds(system) -> set[str]:
    return set(system.artifacts.values_list("kind", flat=True))


def evidence_status(system) -> list[dict]:
    """For every gated stage: each required item and whether it is present."""
    present = present_kinds(system)
    labels = dict(K.choices)
    result = []
    for stage in (S.DEVELOPMENT, S.TESTING, S.PRODUCTION):
        items = [
            {"kind": kind, "label": labels[kind], "present": kind in present}
            for kind in required_evidence(system, stage)
        ]
        result.append({"stage": stage, "label": S(stage).label, "items": items})
    return result


def _missing_for(stage: str):
    def check(system) -> list[str]:
        present = present_kinds(system)
        labels = dict(K.choices)
        missing = [str(labels[k]) for k in required_evidence(system, stage) if k not in present]
        if stage == S.DEVELOPMENT:
            from .rules import refusal

            reason = refusal(system)
            if reason:
                missing.append(reason)
        if stage == S.PRODUCTION:
            if not system.risk_category:
                missing.append(str(_("kategori sistem elektronik (Lampiran II (1))")))
            if system.access == "online" and not system.url:
                missing.append(str(_("alamat URL sistem online")))
            if system.vendor and system.warranty_until is None:
                missing.append(str(_("tanggal garansi pemeliharaan dari pihak ketiga")))
        return missing

    return check


def _owner_managers(system):
    return users_with_roles(system.pemda_id, AGENCY_MANAGERS, agency_id=system.agency_id)


def _dinas_reviewers(system):
    return users_with_roles(system.pemda_id, DINAS_REVIEWERS)


LIFECYCLE = Workflow(
    transitions=(
        Transition(
            "start_development",
            _("Mulai pengembangan"),
            (S.PLANNED,),
            S.DEVELOPMENT,
            pemda_roles=DINAS_MANAGERS,
            agency_roles=AGENCY_MANAGERS,
            check=_missing_for(S.DEVELOPMENT),
        ),
        Transition(
            "start_testing",
            _("Mulai pengujian"),
            (S.DEVELOPMENT,),
            S.TESTING,
            pemda_roles=DINAS_MANAGERS,
            agency_roles=AGENCY_MANAGERS,
            check=_missing_for(S.TESTING),
            notify=_dinas_reviewers,
        ),
        Transition(
            "return_to_development",
            _("Kembalikan ke pengembangan"),
            (S.TESTING,),
            S.DEVELOPMENT,
            pemda_roles=DINAS_REVIEWERS,
            agency_roles=AGENCY_MANAGERS,
            comment_required=True,
            notify=_owner_managers,
        ),
        Transition(
            "release",
            _("Terima serah terima dan operasikan"),
            (S.TESTING,),
            S.PRODUCTION,
            pemda_roles=DINAS_REVIEWERS,
            check=_missing_for(S.PRODUCTION),
            notify=_owner_managers,
        ),
        Transition(
            "retire",
            _("Hentikan"),
            (S.PLANNED, S.DEVELOPMENT, S.TESTING, S.PRODUCTION),
            S.RETIRED,
            pemda_roles=DINAS_MANAGERS,
            agency_roles=AGENCY_MANAGERS,
            comment_required=True,
            notify=_dinas_reviewers,
        ),
    )
)
