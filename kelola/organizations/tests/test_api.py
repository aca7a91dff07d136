"""Organisation API: same scopes and rules as the pages (X-5)."""

import pytest

from kelola.organizations.models import Person

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "agencies",
    "people",
    "positions",
    "tier-one-technicians",
    "decrees",
    "governing-bodies",
    "self-reliance-assessments",
    "pemda",
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_lists_are_scoped(org, api_for, endpoint):
    body = api_for(org.users["gcio"]).get(f"/api/v1/{endpoint}/").json()
    pemdas = {row.get("pemda", row["id"] if endpoint == "pemda" else None) for row in body["results"]}
    assert pemdas <= {org.pemda.pk}
    assert api_for(org.no_role).get(f"/api/v1/{endpoint}/").json()["count"] == 0
    assert api_for().get(f"/api/v1/{endpoint}/").status_code in (401, 403)


def test_classified_person_hidden_from_reviewer(org, api_for):
    url = f"/api/v1/people/{org.secret_person.pk}/"
    assert api_for(org.users["gcio"]).get(url).status_code == 200
    assert api_for(org.users["reviewer"]).get(url).status_code == 404


def test_create_person_in_own_agency_only(org, api_for):
    api = api_for(org.users["agency_head"])
    created = api.post("/api/v1/people/", {"agency": org.health.pk, "full_name": "Baru"}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["pemda"] == org.pemda.pk
    refused = api.post("/api/v1/people/", {"agency": org.education.pk, "full_name": "Salah"}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    foreign = api.post(
        "/api/v1/people/", {"agency": org.other_health.pk, "full_name": "Asing"}, format="json"
    )
    assert foreign.status_code == 400 and "agency" in foreign.json()["errors"]
    assert not Person.objects.filter(full_name__in=["Salah", "Asing"]).exists()


def test_invalid_body_gives_field_errors(org, api_for):
    response = api_for(org.users["gcio"]).post("/api/v1/decrees/", {"number": ""}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and {"number", "date", "subject"} <= set(body["errors"])


def test_moving_a_row_out_of_scope_is_refused(org, api_for):
    url = f"/api/v1/people/{org.person.pk}/"
    response = api_for(org.users["agency_head"]).patch(url, {"agency": org.education.pk}, format="json")
    assert response.status_code == 403
    org.person.refresh_from_db()
    assert org.person.agency == org.health


def test_pemda_settings(org, api_for):
    url = f"/api/v1/pemda/{org.pemda.pk}/"
    ok = api_for(org.users["pemda_admin"]).patch(url, {"requires_two_factor": True}, format="json")
    assert ok.status_code == 200 and ok.json()["requires_two_factor"] is True
    assert api_for(org.users["reviewer"]).patch(url, {"name": "X"}, format="json").status_code == 403
    assert api_for(org.other_pemda_admin).patch(url, {"name": "X"}, format="json").status_code == 404


def test_other_pemda_objects_are_not_found(org, api_for):
    api = api_for(org.other_pemda_gcio)
    for url in (
        f"/api/v1/people/{org.person.pk}/",
        f"/api/v1/decrees/{org.decree.pk}/",
        f"/api/v1/governing-bodies/{org.body.pk}/",
        f"/api/v1/agencies/{org.health.pk}/",
    ):
        response = api.get(url)
        assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_body_members(org, api_for):
    url = f"/api/v1/governing-bodies/{org.body.pk}/members/"
    payload = {"person": org.person.pk, "role": "chair", "term_start": "2026-01-01"}
    assert api_for(org.users["gcio"]).post(url, payload, format="json").status_code == 201
    assert api_for(org.users["agency_head"]).post(url, payload, format="json").status_code == 403
    assert org.body.members.count() == 1
