"""PROP-1, 2, 4: draft → submit (OPD head) → review (Dinas) → approve with a numbered letter, or
reject → revise → resubmit with the earlier submission kept beside it."""

import pytest

from kelola.core.errors import KelolaError
from kelola.core.models import AuditEntry, Letter, Notification
from kelola.proposals import services
from kelola.proposals.models import Proposal, ProposalRevision

from .conftest import COMPLETE

pytestmark = pytest.mark.django_db

APPROVE = {
    "recommendation": "approve",
    "review_references": "Rencana Induk SPBE 2025-2029 Bab 4; Arsitektur domain aplikasi",
    "cost_analysis": "Sesuai standar biaya",
}
REJECT = {
    "recommendation": "reject",
    "review_references": "Portofolio: SIMPUS sudah ada",
    "advice": "Gunakan SIMPUS",
}


def draft(world, **extra):
    return services.proposal_create(
        actor=world.users["agency_operator"], agency=world.health, **{**COMPLETE, **extra}
    )


def test_the_whole_path_to_a_recommendation_letter(world):
    proposal = draft(world)
    services.proposal_transition(proposal, "submit", actor=world.users["agency_head"])
    assert proposal.status == "submitted" and proposal.submitted_at
    assert Notification.objects.filter(recipient=world.users["reviewer"], kind="workflow.submit").exists()
    services.proposal_transition(proposal, "recommend", actor=world.users["reviewer"], review=APPROVE)
    assert proposal.status == "reviewed" and proposal.reviewed_by == world.users["reviewer"]
    assert Notification.objects.filter(recipient=world.users["gcio"], kind="workflow.recommend").exists()
    services.proposal_transition(proposal, "approve", actor=world.users["gcio"])
    proposal.refresh_from_db()
    assert proposal.status == "approved" and proposal.letter is not None
    letter = proposal.letter
    assert letter.kind == "recommendation" and letter.recipient_agency == world.health
    assert letter.number.endswith(f"/{letter.year}") and letter.document.mime_type == "application/pdf"
    assert Notification.objects.filter(recipient=world.users["agency_head"], kind="workflow.approve").exists()


def test_reject_revise_resubmit_approve_keeps_the_history(world):
    proposal = draft(world, cost_estimate=900_000_000)
    head, reviewer, gcio = world.users["agency_head"], world.users["reviewer"], world.users["gcio"]
    services.proposal_transition(proposal, "submit", actor=head)
    services.proposal_transition(proposal, "recommend", actor=reviewer, review=REJECT)
    with pytest.raises(KelolaError):  # rejecting needs a reason
        services.proposal_transition(proposal, "reject", actor=gcio)
    services.proposal_transition(proposal, "reject", actor=gcio, comment="Duplikasi dengan SIMPUS")
    services.proposal_transition(proposal, "revise", actor=world.users["agency_operator"])
    proposal.refresh_from_db()
    assert (proposal.status, proposal.revision, proposal.recommendation) == ("draft", 2, "")
    first = ProposalRevision.objects.get(proposal=proposal)
    assert first.number == 1 and first.snapshot["advice"] == "Gunakan SIMPUS"
    assert first.snapshot["cost_estimate"] == "900000000" and first.decision_note == "Duplikasi dengan SIMPUS"
    services.proposal_update(proposal, actor=world.users["agency_operator"], cost_estimate=400_000_000)
    services.proposal_transition(proposal, "submit", actor=head)
    services.proposal_transition(proposal, "recommend", actor=reviewer, review=APPROVE)
    services.proposal_transition(proposal, "approve", actor=gcio)
    assert Proposal.objects.get(pk=proposal.pk).status == "approved"


def test_submit_needs_the_whole_form_and_the_head(world):
    proposal = draft(world, needs_analysis="", cost_estimate=None)
    with pytest.raises(KelolaError) as refused:
        services.proposal_transition(proposal, "submit", actor=world.users["agency_head"])
    assert {"analisis kebutuhan", "perkiraan biaya (Rp)"} <= set(refused.value.errors["missing"])
    services.proposal_update(
        proposal, actor=world.users["agency_operator"], needs_analysis="x", cost_estimate=1
    )
    with pytest.raises(KelolaError) as refused:  # an operator drafts; the head submits
        services.proposal_transition(proposal, "submit", actor=world.users["agency_operator"])
    assert refused.value.code == "forbidden"
    with pytest.raises(KelolaError):  # the GCIO never submits for another agency
        services.proposal_transition(proposal, "submit", actor=world.users["gcio"])
    assert Proposal.objects.get(pk=proposal.pk).status == "draft"
    assert AuditEntry.objects.filter(action="refused").count() == 3


def test_the_review_must_say_why(world):
    proposal = draft(world)
    services.proposal_transition(proposal, "submit", actor=world.users["agency_head"])
    with pytest.raises(KelolaError) as refused:
        services.proposal_transition(
            proposal,
            "recommend",
            actor=world.users["reviewer"],
            review={"recommendation": "reject", "review_references": "x"},
        )
    assert refused.value.errors["missing"] == ["saran perbaikan"]
    with pytest.raises(KelolaError):  # the reviewer does not decide
        services.proposal_transition(proposal, "approve", actor=world.users["reviewer"])
    with pytest.raises(KelolaError):  # nor does the agency review itself
        services.proposal_transition(proposal, "recommend", actor=world.users["agency_head"], review=APPROVE)


def test_submitted_proposals_are_frozen(world):
    proposal = draft(world)
    services.proposal_transition(proposal, "submit", actor=world.users["agency_head"])
    with pytest.raises(KelolaError):
        services.proposal_update(proposal, actor=world.users["agency_head"], title="Diubah")
    with pytest.raises(KelolaError):
        services.proposal_delete(proposal, actor=world.users["agency_head"])


def test_the_it_office_files_and_submits_its_own_cross_opd_proposals(world):
    proposal = services.proposal_create(
        actor=world.users["gcio"], agency=world.it_office, **{**COMPLETE, "title": "Internet seluruh OPD"}
    )
    services.proposal_transition(proposal, "submit", actor=world.users["gcio"])
    assert proposal.status == "submitted"


def test_letters_are_numbered_in_sequence(world):
    numbers = []
    for title in ("Satu", "Dua"):
        proposal = draft(world, title=title)
        services.proposal_transition(proposal, "submit", actor=world.users["agency_head"])
        services.proposal_transition(proposal, "recommend", actor=world.users["reviewer"], review=APPROVE)
        services.proposal_transition(proposal, "approve", actor=world.users["gcio"])
        numbers.append(Letter.objects.get(pk=proposal.letter_id).sequence)
    assert numbers[1] == numbers[0] + 1
