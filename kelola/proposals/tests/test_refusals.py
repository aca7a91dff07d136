"""Refusals on every proposal and spending page and endpoint: another OPD, another pemda and an
account without a role get 404 (the row is never confirmed); a missing role cannot add."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kelola.core.documents import documents_of
from kelola.proposals import services
from kelola.proposals.models import BudgetLine

from .conftest import make_proposal

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def rows(world):
    world.proposal = make_proposal(world.health, status="submitted")
    world.line = BudgetLine.objects.create(
        pemda=world.pemda,
        agency=world.health,
        fiscal_year=2027,
        title="Internet",
        category="internet",
        planned_amount=1,
    )
    return world


@pytest.mark.parametrize("who", ["other_agency_operator", "other_pemda_gcio", "no_role"])
def test_outsiders_get_404_everywhere(rows, client_for, api_for, who):
    user = getattr(rows, who)
    client, api = client_for(user), api_for(user)
    p, line = rows.proposal.pk, rows.line.pk
    for path in (
        f"/usulan-tik/usulan/{p}/",
        f"/usulan-tik/belanja/{line}/",
        f"/usulan-tik/belanja/{line}/ubah/",
    ):
        assert client.get(path).status_code == 404, path
    for path in (
        f"/usulan-tik/usulan/{p}/langkah/",
        f"/usulan-tik/usulan/{p}/tumpang-tindih/",
        f"/usulan-tik/usulan/{p}/unggah/",
        f"/usulan-tik/belanja/{line}/reviu/",
    ):
        assert client.post(path, {"name": "approve"}).status_code == 404, path
    for path in (
        f"/api/v1/proposals/{p}/",
        f"/api/v1/proposals/{p}/overlaps/",
        f"/api/v1/proposals/{p}/revisions/",
        f"/api/v1/budget-lines/{line}/",
    ):
        assert api.get(path).status_code == 404, path


def test_a_missing_role_cannot_file(world, client_for, api_for):
    assert client_for(world.no_role).get("/usulan-tik/usulan/tambah/").status_code == 403
    assert client_for(world.no_role).get("/usulan-tik/belanja/tambah/").status_code == 403
    payload = {"agency": world.health.pk, "kind": "other", "title": "X", "fiscal_year": 2027}
    refused = api_for(world.no_role).post("/api/v1/proposals/", payload, format="json")
    assert refused.status_code == 400 and "agency" in refused.json()["errors"]  # no agency is visible to it


def test_attachments_go_to_drafts_of_the_own_agency_only(world, client_for):
    draft = services.proposal_create(
        actor=world.users["agency_operator"],
        agency=world.health,
        kind="other",
        title="Draf",
        fiscal_year=2027,
    )
    upload = {"title": "KAK", "file": SimpleUploadedFile("kak.pdf", PDF)}
    assert (
        client_for(world.users["agency_operator"])
        .post(f"/usulan-tik/usulan/{draft.pk}/unggah/", upload)
        .status_code
        == 302
    )
    assert documents_of(draft, world.users["agency_operator"]).count() == 1
    refused = client_for(world.users["reviewer"]).post(
        f"/usulan-tik/usulan/{draft.pk}/unggah/", {"title": "x", "file": SimpleUploadedFile("x.pdf", PDF)}
    )
    assert refused.status_code == 404  # a draft is not even visible to the IT office
