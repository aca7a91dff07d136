"""Records classified "dikecualikan" (002 Ps.26(3)): hidden from pemda-wide readers outside
EXEMPT_READERS, visible to the GCIO and to the owning agency — also where other rows name them."""

import pytest

from kelola.organizations.models import Membership, Position, TierOneTechnician

pytestmark = pytest.mark.django_db

READERS = ["gcio", "pemda_admin", "auditor", "agency_operator"]  # exempt readers + owning agency
HIDDEN_FROM = ["reviewer", "executive", "other_agency_operator"]


def _user(org, name):
    return getattr(org, name, None) or org.users[name]


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.fixture
def links(org):
    """Rows that name the classified person."""
    org.secret_position = Position.objects.create(
        pemda=org.pemda, agency=org.health, title="Analis Keamanan", holder=org.secret_person
    )
    org.secret_technician = TierOneTechnician.objects.create(
        pemda=org.pemda, agency=org.health, person=org.secret_person
    )
    org.secret_seat = Membership.objects.create(
        pemda=org.pemda, body=org.body, person=org.secret_person, term_start="2026-01-01"
    )
    return org


@pytest.mark.parametrize("record", ["secret_person", "secret_decree"])
@pytest.mark.parametrize("who", READERS + HIDDEN_FROM)
def test_classified_record_page_and_api(org, client_for, api_for, record, who):
    row = getattr(org, record)
    user = _user(org, who)
    endpoint = "people" if record == "secret_person" else "decrees"
    expected = 200 if who in READERS else 404
    assert client_for(user).get(row.get_absolute_url()).status_code == expected
    assert api_for(user).get(f"/api/v1/{endpoint}/{row.pk}/").status_code == expected
    listed = {item["id"] for item in api_for(user).get(f"/api/v1/{endpoint}/").json()["results"]}
    assert (row.pk in listed) == (who in READERS)


@pytest.mark.parametrize("who", ["reviewer", "executive"])
def test_classified_rows_absent_from_lists_and_exports(org, client_for, who):
    client = client_for(_user(org, who))
    assert "Pegawai Rahasia" not in client.get("/organisasi/pegawai/").content.decode()
    assert "Pegawai Rahasia" not in _text(client.get("/organisasi/pegawai/?export=csv"))
    assert "100/2/2026" not in client.get("/organisasi/keputusan/?q=100").content.decode()
    assert "100/1/2026" in client.get("/organisasi/keputusan/?q=100").content.decode()


def test_classified_person_is_masked_where_other_rows_name_them(links, client_for, api_for):
    org = links
    reviewer = client_for(org.users["reviewer"])
    pages = [
        "/organisasi/jabatan/",
        "/organisasi/jabatan/?export=csv",
        "/organisasi/teknisi-tier-1/",
        "/organisasi/cakupan-teknisi/",
        org.secret_position.get_absolute_url(),
        org.secret_technician.get_absolute_url(),
        org.health.get_absolute_url(),
        org.body.get_absolute_url(),
    ]
    for url in pages:
        response = reviewer.get(url)
        assert response.status_code == 200, url
        assert "Pegawai Rahasia" not in _text(response), url
    assert "(dikecualikan)" in reviewer.get("/organisasi/jabatan/").content.decode()
    # The seat of a classified person is hidden with them, in the page and the API.
    assert reviewer.get(f"/organisasi/anggota/{org.secret_seat.pk}/ubah/").status_code == 404
    body = api_for(org.users["reviewer"]).get(f"/api/v1/governing-bodies/{org.body.pk}/").json()
    assert org.secret_person.pk not in {seat["person"] for seat in body["members"]}
    assert api_for(org.users["reviewer"]).get(f"/api/v1/memberships/{org.secret_seat.pk}/").status_code == 404
    # The GCIO and the owning agency still see the name.
    for user in (org.users["gcio"], org.users["agency_operator"]):
        page = client_for(user).get(org.health.get_absolute_url()).content.decode()
        assert "Pegawai Rahasia" in page
    assert api_for(org.users["gcio"]).get(f"/api/v1/memberships/{org.secret_seat.pk}/").status_code == 200


def test_coverage_still_counts_a_classified_technician(links, client_for):
    org = links
    org.technician.delete()
    page = (
        client_for(org.users["reviewer"])
        .get("/organisasi/cakupan-teknisi/?has_tier_one=false")
        .content.decode()
    )
    assert "Dinas Pendidikan" in page and "Dinas Kesehatan" not in page


def test_classified_person_cannot_be_referenced_by_who_cannot_see_them(org, api_for):
    response = api_for(org.users["reviewer"]).post(
        f"/api/v1/governing-bodies/{org.body.pk}/members/",
        {"person": org.secret_person.pk, "term_start": "2026-01-01"},
        format="json",
    )
    assert response.status_code in (400, 403)
    assert not Membership.objects.filter(person=org.secret_person).exists()
