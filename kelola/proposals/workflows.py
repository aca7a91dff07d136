"""The proposal workflow (002 Ps.15-16, 004 Ps.11-12): the agency drafts, its head submits; the
IT office reviews against the master plan, architecture and portfolio and recommends; the GCIO
approves (a numbered recommendation letter is issued) or rejects with advice; a rejected
proposal is revised and resubmitted, its earlier submission kept beside it."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kelola.core.access import actor_for
from kelola.core.queries import users_with_roles
from kelola.core.roles import AGENCY_MANAGERS, AGENCY_ROLES, Role
from kelola.core.workflow import Transition, Workflow

from .choices import ProposalStatus as S
from .choices import Recommendation

SUBMIT_FIELDS = (
    "title",
    "program_achievement",
    "program_needs",
    "program_output",
    "terms_of_reference",
    "needs_analysis",
    "benefit_analysis",
    "cost_estimate",
)
REVIEWERS = frozenset({Role.REVIEWER, Role.GCIO})
DECIDERS = frozenset({Role.GCIO})


def _submittable(proposal) -> list[str]:
    if proposal.cost_estimate is not None and proposal.cost_estimate <= 0:
        return [str(_("perkiraan biaya lebih dari nol"))]
    return []


def _review_complete(proposal) -> list[str]:
    missing = []
    if not proposal.recommendation:
        missing.append(str(_("rekomendasi reviewer")))
    if not proposal.review_references.strip():
        missing.append(str(_("rujukan reviu (rencana induk, arsitektur, portofolio)")))
    if proposal.recommendation == Recommendation.APPROVE and not proposal.cost_analysis.strip():
        missing.append(str(_("analisis biaya")))
    if proposal.recommendation == Recommendation.REJECT and not proposal.advice.strip():
        missing.append(str(_("saran perbaikan")))
    return missing


def _mark_submitted(proposal, actor):
    proposal.submitted_at = timezone.now()


def _mark_reviewed(proposal, actor):
    proposal.reviewed_by = actor
    proposal.reviewed_at = timezone.now()


def _mark_decided(proposal, actor):
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()


def _approve(proposal, actor):
    from .letters import issue_recommendation

    _mark_decided(proposal, actor)
    proposal.letter = issue_recommendation(proposal, actor)


def _revise(proposal, actor):
    from .services import keep_revision

    keep_revision(proposal)
    proposal.revision += 1
    for name in ("recommendation", "review_references", "cost_analysis", "advice"):
        setattr(proposal, name, "")
    proposal.reviewed_by = proposal.decided_by = None
    proposal.reviewed_at = proposal.decided_at = proposal.submitted_at = None


def _reviewers(proposal):
    return users_with_roles(proposal.pemda_id, {Role.REVIEWER})


def _deciders(proposal):
    return users_with_roles(proposal.pemda_id, DECIDERS)


def _agency_managers(proposal):
    return users_with_roles(proposal.pemda_id, AGENCY_MANAGERS, agency_id=proposal.agency_id)


class ProposalWorkflow(Workflow):
    """The agency's own steps (submit, revise) are the IT office's leadership's only for the IT
    office's own proposals: the GCIO never submits on behalf of another agency."""

    AGENCY_STEPS = frozenset({"submit", "revise"})

    def may_take(self, user, transition, obj) -> bool:
        if transition.name not in self.AGENCY_STEPS:
            return super().may_take(user, transition, obj)
        actor = actor_for(user)
        if not actor.is_authenticated:
            return False
        if actor.is_platform_admin or actor.has_agency_role(obj.agency_id, transition.agency_roles):
            return True
        return obj.agency.is_it_office and actor.has_pemda_role(obj.pemda_id, transition.pemda_roles)


PROPOSAL = ProposalWorkflow(
    transitions=(
        Transition(
            "submit",
            _("Ajukan"),
            (S.DRAFT,),
            S.SUBMITTED,
            pemda_roles=frozenset({Role.GCIO, Role.PEMDA_ADMIN}),  # the IT office's own proposals
            agency_roles=frozenset({Role.AGENCY_HEAD}),
            required_fields=SUBMIT_FIELDS,
            check=_submittable,
            apply=_mark_submitted,
            notify=_reviewers,
        ),
        Transition(
            "recommend",
            _("Simpan hasil reviu"),
            (S.SUBMITTED,),
            S.REVIEWED,
            pemda_roles=REVIEWERS,
            check=_review_complete,
            apply=_mark_reviewed,
            notify=_deciders,
        ),
        Transition(
            "approve",
            _("Setujui dan terbitkan rekomendasi"),
            (S.REVIEWED,),
            S.APPROVED,
            pemda_roles=DECIDERS,
            apply=_approve,
            notify=_agency_managers,
        ),
        Transition(
            "reject",
            _("Tolak"),
            (S.REVIEWED,),
            S.REJECTED,
            pemda_roles=DECIDERS,
            comment_required=True,
            apply=_mark_decided,
            notify=_agency_managers,
        ),
        Transition(
            "revise",
            _("Revisi usulan"),
            (S.REJECTED,),
            S.DRAFT,
            pemda_roles=frozenset({Role.GCIO, Role.PEMDA_ADMIN}),
            agency_roles=AGENCY_ROLES,
            apply=_revise,
        ),
        Transition(
            "withdraw",
            _("Tarik usulan"),
            (S.DRAFT, S.SUBMITTED),
            S.WITHDRAWN,
            agency_roles=AGENCY_MANAGERS,
            comment_required=True,
        ),
    )
)
