"""Proposal pages end to end: the reviewer sees similar systems and proposals with reasons and
records decisions; revisions side by side; the agency downloads the letter; spending pages."""

import pytest

from kelola.portfolio import services as portfolio
from kelola.proposals import services
from kelola.proposals.models import OverlapReview

from .conftest import COMPLETE, make_proposal

pytestmark = pytest.mark.django_db

LIST = "/usulan-tik/usulan/"


@pytest.fixture
def queue_app(world):
    system = portfolio.system_create(
        actor=world.users["gcio"],
        agency=world.clinic,
        internal_name="antrean-pkm",
        external_name="Sistem nomor antrian klinik",
        description="Antrian pasien puskesmas secara daring",
        app_kind="specific",
        status="production",
        url="https://antrian.example.go.id",
    )
    portfolio.section_replace(
        system, "function", [{"name": "Ambil nomor antrian"}], actor=world.users["gcio"]
    )
    portfolio.section_replace(system, "scope", [{"sector": "health"}], actor=world.users["gcio"])
    return system


def test_reviewer_sees_the_overlap_with_reasons_and_records_a_decision(world, queue_app, client_for, api_for):
    proposal = make_proposal(world.health, status="submitted")
    make_proposal(world.education, title="Antrean daring layanan kesehatan sekolah", status="submitted")
    client = client_for(world.users["reviewer"])
    page = client.get(f"{LIST}{proposal.pk}/").content.decode()
    assert "Sistem nomor antrian klinik" in page and "Hasil reviu" in page
    suggestions = services.overlap_suggestions(proposal)
    assert suggestions[0].key == f"system:{queue_app.pk}" and suggestions[0].reasons
    response = client.post(
        f"{LIST}{proposal.pk}/tumpang-tindih/",
        {"candidate_key": f"system:{queue_app.pk}", "decision": "duplicate", "note": "Pakai sistem klinik"},
    )
    assert response.status_code == 302
    review = OverlapReview.objects.get(proposal=proposal)
    assert review.decision == "duplicate" and review.reasons and review.decided_by == world.users["reviewer"]
    rows = api_for(world.users["reviewer"]).get(f"/api/v1/proposals/{proposal.pk}/overlaps/").json()
    assert rows[0]["decision"] == "duplicate"
    refused = api_for(world.users["agency_head"]).post(
        f"/api/v1/proposals/{proposal.pk}/overlaps/",
        {"candidate_key": f"system:{queue_app.pk}", "decision": "distinct"},
    )
    assert refused.status_code == 403
    unknown = api_for(world.users["reviewer"]).post(
        f"/api/v1/proposals/{proposal.pk}/overlaps/",
        {"candidate_key": "system:999999", "decision": "distinct"},
    )
    assert unknown.status_code == 400


def test_the_agency_does_not_see_the_review_panel(world, queue_app, client_for):
    proposal = make_proposal(world.health, status="submitted")
    page = client_for(world.users["agency_head"]).get(f"{LIST}{proposal.pk}/").content.decode()
    assert "Hasil reviu" not in page and "Sistem nomor antrian klinik" not in page


def test_revisions_side_by_side_and_letter_download(world, client_for):
    proposal = services.proposal_create(actor=world.users["agency_operator"], agency=world.health, **COMPLETE)
    head, reviewer, gcio = world.users["agency_head"], world.users["reviewer"], world.users["gcio"]
    services.proposal_transition(proposal, "submit", actor=head)
    services.proposal_transition(
        proposal,
        "recommend",
        actor=reviewer,
        review={"recommendation": "reject", "review_references": "RI", "advice": "Kecilkan biaya"},
    )
    services.proposal_transition(proposal, "reject", actor=gcio, comment="Biaya terlalu besar")
    services.proposal_transition(proposal, "revise", actor=head)
    services.proposal_update(proposal, actor=head, cost_estimate=90_000_000)
    page = client_for(head).get(f"{LIST}{proposal.pk}/").content.decode()
    assert "Revisi 1" in page and "Sekarang (revisi 2)" in page and "Biaya terlalu besar" in page
    services.proposal_transition(proposal, "submit", actor=head)
    services.proposal_transition(
        proposal,
        "recommend",
        actor=reviewer,
        review={"recommendation": "approve", "review_references": "RI", "cost_analysis": "OK"},
    )
    services.proposal_transition(proposal, "approve", actor=gcio)
    proposal.refresh_from_db()
    client = client_for(head)
    assert client.get(f"/surat/{proposal.letter_id}/").status_code == 200
    download = client.get(f"/surat/{proposal.letter_id}/unduh/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert client_for(world.other_agency_operator).get(f"/surat/{proposal.letter_id}/").status_code == 404


def test_new_registry_entries_show_similar_systems(world, queue_app, client_for):
    planned = portfolio.system_create(
        actor=world.users["agency_head"],
        agency=world.health,
        internal_name="antre-baru",
        external_name="Aplikasi antrean pasien",
        description="Antrean pasien puskesmas",
        app_kind="specific",
        status="planned",
    )
    portfolio.section_replace(
        planned, "function", [{"name": "Ambil nomor antrean"}], actor=world.users["agency_head"]
    )
    page = client_for(world.users["agency_head"]).get(f"/portofolio/sistem/{planned.pk}/").content.decode()
    assert "Sistem nomor antrian klinik" in page
