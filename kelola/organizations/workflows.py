"""The Mandiri TIK workflow (001 Ps.19): the Dinas assesses an agency against the two criteria
with evidence and proposes; the Kepala Daerah decides; the decree (SK) makes the status active;
an active status can be revoked."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kelola.core.models import Agency
from kelola.core.queries import users_with_roles
from kelola.core.roles import Role
from kelola.core.workflow import Transition, Workflow

from .choices import AssessmentStatus as S
from .policies import ASSESSORS, DECIDERS, RECORDERS

__all__ = ["ASSESSORS", "DECIDERS", "RECORDERS", "SELF_RELIANCE"]


def _criteria_missing(assessment) -> list[str]:
    missing = []
    if assessment.has_it_staff is None or assessment.has_built_systems is None:
        missing.append(str(_("jawaban kedua kriteria Mandiri TIK (001 Ps.19)")))
    elif not assessment.meets_criteria:
        missing.append(
            str(
                _(
                    "kedua kriteria harus terpenuhi (001 Ps.19): memiliki SDM TIK dan "
                    "pernah membangun aplikasi SPBE"
                )
            )
        )
    return missing


def _decree_missing(assessment) -> list[str]:
    # 001 Ps.19: the status exists only once the Kepala Daerah's decree establishes it.
    if assessment.decree_id is None:
        return [str(_("SK penetapan"))]
    if assessment.decree.pemda_id != assessment.pemda_id:
        return [str(_("SK penetapan dari pemda yang sama"))]
    return []


def _revocation_decree_invalid(assessment) -> list[str]:
    # The revocation decree is optional, but one from another pemda is never accepted.
    decree = assessment.revocation_decree
    if decree is not None and decree.pemda_id != assessment.pemda_id:
        return [str(_("SK pencabutan dari pemda yang sama"))]
    return []


def _set_reliance(value: bool):
    def apply(assessment, actor):
        now = timezone.now()
        if value:
            assessment.activated_at = now
        else:
            assessment.revoked_at = now
        Agency.objects.filter(pk=assessment.agency_id).update(it_self_reliant=value)
        # Keep the agency change in the log too: the flag is what other domains read.
        from kelola.core import audit

        agency = Agency.objects.get(pk=assessment.agency_id)
        audit.record("update", agency, actor=actor, changes={"it_self_reliant": [not value, value]})

    return apply


def _mark_proposed(assessment, actor):
    assessment.proposed_at = timezone.now()


def _mark_decided(assessment, actor):
    assessment.decided_by = actor
    assessment.decided_at = timezone.now()


def _executives(assessment):
    return users_with_roles(assessment.pemda_id, DECIDERS)


def _gcio(assessment):
    return users_with_roles(assessment.pemda_id, {Role.GCIO})


def _dinas(assessment):
    return users_with_roles(assessment.pemda_id, ASSESSORS)


def _dinas_and_agency(assessment):
    return [
        *_dinas(assessment),
        *users_with_roles(assessment.pemda_id, {Role.AGENCY_HEAD}, assessment.agency_id),
    ]


SELF_RELIANCE = Workflow(
    transitions=(
        Transition(
            "propose",
            _("Usulkan ke Kepala Daerah"),
            (S.DRAFT,),
            S.PROPOSED,
            pemda_roles=ASSESSORS,
            required_fields=("it_staff_evidence", "built_systems_evidence"),
            check=_criteria_missing,
            notify=_executives,
            apply=_mark_proposed,
        ),
        Transition(
            "approve",
            _("Setujui"),
            (S.PROPOSED,),
            S.APPROVED,
            pemda_roles=DECIDERS,
            notify=_gcio,
            apply=_mark_decided,
        ),
        Transition(
            "reject",
            _("Tolak"),
            (S.PROPOSED,),
            S.REJECTED,
            pemda_roles=DECIDERS,
            comment_required=True,
            notify=_dinas_and_agency,
            apply=_mark_decided,
        ),
        Transition(
            "activate",
            _("Tetapkan dengan SK"),
            (S.APPROVED,),
            S.ACTIVE,
            pemda_roles=RECORDERS,
            check=_decree_missing,
            notify=_dinas_and_agency,
            apply=_set_reliance(True),
        ),
        Transition(
            "revoke",
            _("Cabut status Mandiri TIK"),
            (S.ACTIVE,),
            S.REVOKED,
            pemda_roles=DECIDERS,
            comment_required=True,
            check=_revocation_decree_invalid,
            notify=_dinas_and_agency,
            apply=_set_reliance(False),
        ),
        Transition(
            "withdraw",
            _("Batalkan penilaian"),
            (S.DRAFT, S.PROPOSED),
            S.WITHDRAWN,
            pemda_roles=ASSESSORS,
            comment_required=True,
        ),
    )
)
