import pytest

from kelola.proposals.models import Proposal

COMPLETE = {
    "kind": "new_app",
    "title": "Aplikasi antrean puskesmas",
    "fiscal_year": 2027,
    "program_achievement": "Waktu tunggu pasien turun",
    "program_needs": "Antrean daring untuk 12 puskesmas",
    "program_output": "Aplikasi antrean pasien",
    "terms_of_reference": "KAK terlampir",
    "needs_analysis": "Antrean manual panjang",
    "benefit_analysis": "Pasien datang sesuai jadwal",
    "functions": "Ambil nomor antrean\nPanggilan antrean",
    "data_sets": "Data pasien",
    "sector": "health",
    "cost_estimate": 150_000_000,
}


def make_proposal(agency, **extra) -> Proposal:
    return Proposal.objects.create(pemda=agency.pemda, agency=agency, **{**COMPLETE, **extra})


@pytest.fixture
def props(world):
    ns = world
    ns.draft = make_proposal(world.health, title="Draf Dinkes")
    ns.submitted = make_proposal(world.health, title="Diajukan Dinkes", status="submitted")
    ns.school_draft = make_proposal(world.education, title="Draf Disdik")
    ns.school_submitted = make_proposal(world.education, title="Diajukan Disdik", status="submitted")
    ns.other = make_proposal(world.other_health, title="Usulan Kabupaten", status="submitted")
    return ns
