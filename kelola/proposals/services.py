"""Proposal and spending services (PROP-1..5): every change through here, checked, audited."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from kelola.core import audit
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import Agency
from kelola.core.services import create_row, delete_row, ensure, refusals_logged, update_row
from kelola.core.workflow import perform

from .choices import OverlapDecision, ProposalStatus
from .models import REVISION_FIELDS, BudgetLine, OverlapReview, Proposal, ProposalRevision
from .workflows import PROPOSAL

#: What the reviewer writes with the "recommend" step.
REVIEW_FIELDS = ("recommendation", "review_references", "cost_analysis", "advice")


def proposal_create(*, actor, agency: Agency, **data) -> Proposal:
    data.pop("pemda", None)
    data.pop("status", None)
    return create_row(Proposal, actor=actor, pemda=agency.pemda, agency=agency, **data)


def proposal_update(proposal: Proposal, *, actor, **data) -> Proposal:
    """Edit a draft (the policy refuses any other state)."""
    for name in ("pemda", "status", "revision", *REVIEW_FIELDS):
        data.pop(name, None)
    if data.get("agency") is not None:
        data["pemda"] = data["agency"].pemda
    return update_row(proposal, actor=actor, **data)


def proposal_delete(proposal: Proposal, *, actor) -> None:
    delete_row(proposal, actor=actor)


def proposal_transition(
    proposal: Proposal, name: str, *, actor, comment: str = "", review: dict | None = None
):
    """Take a workflow step; the "recommend" step carries the review (`review` fields)."""
    changes = {}
    if review:
        unknown = set(review) - set(REVIEW_FIELDS)
        if unknown:
            raise KelolaError(
                _("Isian reviu tidak dikenal."), errors={k: [_("Tidak dikenal.")] for k in unknown}
            )
        if name != "recommend":
            raise KelolaError(
                _("Isian reviu hanya disimpan pada langkah reviu."), code=ErrorCode.TRANSITION_NOT_ALLOWED
            )
        changes = {k: (v or "") for k, v in review.items()}
    return perform(PROPOSAL, proposal, name, actor=actor, comment=comment, changes=changes)


def keep_revision(proposal: Proposal) -> ProposalRevision:
    """Called by the "revise" step, inside its transaction: the submission just rejected."""
    snapshot = {name: _plain(getattr(proposal, name)) for name in REVISION_FIELDS}
    snapshot["decided_at"] = proposal.decided_at.isoformat() if proposal.decided_at else None
    from kelola.core.models import TimelineEvent

    last_reject = (
        TimelineEvent.objects.filter(object_id=str(proposal.pk), verb="reject")
        .order_by("-created_at")
        .first()
    )
    return ProposalRevision.objects.create(
        proposal=proposal,
        number=proposal.revision,
        snapshot=snapshot,
        decision_note=last_reject.comment if last_reject else "",
    )


def _plain(value):
    import decimal

    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


# --- overlap (PROP-3) -------------------------------------------------------------------


def overlap_suggestions(proposal: Proposal, *, limit: int = 10):
    """The systems and other agencies' proposals most like this one, with reasons."""
    from . import overlap_sources

    return overlap_sources.suggestions_for_proposal(proposal, limit=limit)


def overlap_decide(
    proposal: Proposal, candidate_key: str, decision: str, *, actor, note: str = ""
) -> OverlapReview:
    """The reviewer records a decision on one suggestion (recomputed now, not trusted from input)."""
    if decision not in OverlapDecision.values:
        raise KelolaError(
            _("Keputusan tidak dikenal."), errors={"decision": [_("Pilih salah satu keputusan.")]}
        )
    with refusals_logged(actor, "review", proposal), transaction.atomic():
        stored = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if (
            not PROPOSAL.may_take(actor, PROPOSAL.get("recommend"), stored)
            or stored.status != ProposalStatus.SUBMITTED
        ):
            raise KelolaError(
                _("Tumpang tindih diputuskan reviewer selama usulan direviu."), code=ErrorCode.FORBIDDEN
            )
        match = next((m for m in overlap_suggestions(stored, limit=50) if m.key == candidate_key), None)
        if match is None:
            raise KelolaError(
                _("Kandidat tidak ada di antara saran."), errors={"candidate_key": [_("Tidak dikenal.")]}
            )
        review, _created = OverlapReview.objects.update_or_create(
            proposal=stored,
            candidate_key=candidate_key,
            defaults={
                "candidate_label": match.label[:300],
                "score": round(match.score, 4),
                "reasons": list(match.reasons),
                "decision": decision,
                "note": note,
                "decided_by": actor,
            },
        )
        audit.record(
            "update",
            stored,
            actor=actor,
            changes={"overlap": [candidate_key, decision]},
            comment=note,
        )
    return review


# --- spending (PROP-5) -------------------------------------------------------------------


def budget_create(*, actor, agency: Agency, **data) -> BudgetLine:
    data.pop("pemda", None)
    for name in ("review", "review_note"):
        data.pop(name, None)
    return create_row(BudgetLine, actor=actor, pemda=agency.pemda, agency=agency, **data)


def budget_update(line: BudgetLine, *, actor, **data) -> BudgetLine:
    for name in ("pemda", "review", "review_note"):
        data.pop(name, None)
    if data.get("agency") is not None:
        data["pemda"] = data["agency"].pemda
    return update_row(line, actor=actor, **data)


def budget_delete(line: BudgetLine, *, actor) -> None:
    delete_row(line, actor=actor)


def budget_review(line: BudgetLine, *, actor, review: str, note: str = "") -> BudgetLine:
    """Bappeda's review of a spending line (002 Ps.11-12); flagging needs a note."""
    from .choices import BudgetReview

    if review not in BudgetReview.values:
        raise KelolaError(_("Hasil reviu tidak dikenal."), errors={"review": [_("Pilih hasil reviu.")]})
    if review == BudgetReview.FLAGGED and not note.strip():
        raise KelolaError(
            _("Catatan wajib diisi bila perlu perbaikan."),
            errors={"review_note": [_("Bidang ini harus diisi.")]},
        )
    with refusals_logged(actor, "review", line), transaction.atomic():
        stored = BudgetLine.objects.select_for_update().get(pk=line.pk)
        ensure(actor, "review", stored)
        stored.review, stored.review_note = review, note
        with audit.audit_context(actor=actor):  # the save is logged with its before/after
            stored.save(update_fields=["review", "review_note", "updated_at"])
    return stored
