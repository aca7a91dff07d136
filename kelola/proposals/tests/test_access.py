"""Who sees and does what with proposals and spending, on pages and API: an OPD sees its own
proposals (drafts included), never another OPD's; the IT office and Bappeda see submitted ones,
not drafts; another pemda sees nothing; Bappeda reviews spending."""

import pytest

from kelola.proposals import services
from kelola.proposals.models import BudgetLine

pytestmark = pytest.mark.django_db

LIST = "/usulan-tik/usulan/"
API = "/api/v1/proposals/"


def titles(api, user):
    return {row["title"] for row in api(user).get(API).json()["results"]}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("agency_operator", {"Draf Dinkes", "Diajukan Dinkes"}),
        ("agency_head", {"Draf Dinkes", "Diajukan Dinkes"}),
        ("reviewer", {"Diajukan Dinkes", "Diajukan Disdik"}),
        ("gcio", {"Diajukan Dinkes", "Diajukan Disdik"}),
        ("bappeda", {"Diajukan Dinkes", "Diajukan Disdik"}),
        ("vendor", set()),
    ],
)
def test_who_sees_which_proposals(props, api_for, client_for, who, expected):
    user = props.users[who]
    assert titles(api_for, user) == expected
    page = client_for(user).get(LIST).content.decode()
    for title in ("Draf Dinkes", "Diajukan Dinkes", "Draf Disdik", "Diajukan Disdik", "Usulan Kabupaten"):
        assert (title in page) is (title in expected), title


@pytest.mark.parametrize("who", ["other_agency_operator", "other_pemda_gcio", "reviewer", "bappeda"])
def test_drafts_of_others_answer_404(props, api_for, client_for, who):
    user = getattr(props, who, None) or props.users[who]
    assert api_for(user).get(f"{API}{props.draft.pk}/").status_code == 404
    assert client_for(user).get(f"{LIST}{props.draft.pk}/").status_code == 404


def test_another_agency_never_sees_even_submitted_proposals(props, api_for):
    assert api_for(props.other_agency_operator).get(f"{API}{props.submitted.pk}/").status_code == 404
    assert api_for(props.other_pemda_gcio).get(f"{API}{props.submitted.pk}/").status_code == 404


def test_only_the_agency_edits_its_draft(props, api_for, client_for):
    patch = {"title": "Diubah"}
    assert (
        api_for(props.users["agency_operator"])
        .patch(f"{API}{props.draft.pk}/", patch, format="json")
        .status_code
        == 200
    )
    assert (
        api_for(props.users["gcio"]).patch(f"{API}{props.submitted.pk}/", patch, format="json").status_code
        == 403
    )
    assert client_for(props.users["executive"]).get(f"{LIST}tambah/").status_code == 403
    created = api_for(props.users["agency_operator"]).post(
        API, {"agency": props.education.pk, "kind": "other", "title": "X", "fiscal_year": 2027}, format="json"
    )
    assert created.status_code == 403


def test_transitions_over_the_api_and_pages(props, api_for, client_for):
    api = api_for(props.users["agency_head"])
    done = api.post(f"{API}{props.draft.pk}/transition/", {"name": "submit"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "submitted"
    refused = api_for(props.users["reviewer"]).post(
        f"{API}{props.draft.pk}/transition/",
        {"name": "recommend", "review": {"recommendation": "approve"}},
        format="json",
    )
    assert refused.status_code == 409 and "rujukan reviu" in refused.json()["detail"]
    client = client_for(props.users["reviewer"])
    response = client.post(
        f"{LIST}{props.draft.pk}/langkah/",
        {
            "name": "recommend",
            "recommendation": "approve",
            "review_references": "RI SPBE",
            "cost_analysis": "wajar",
        },
    )
    assert response.status_code == 302
    props.draft.refresh_from_db()
    assert props.draft.status == "reviewed"
    assert (
        api_for(props.other_agency_operator)
        .post(f"{API}{props.draft.pk}/transition/", {"name": "approve"})
        .status_code
        == 404
    )


def test_spending_is_seen_by_bappeda_and_reviewed_only_by_it(world, api_for, client_for):
    line = services.budget_create(
        actor=world.users["agency_head"],
        agency=world.health,
        fiscal_year=2027,
        title="Langganan internet puskesmas",
        category="internet",
        planned_amount=120_000_000,
    )
    assert api_for(world.users["bappeda"]).get(f"/api/v1/budget-lines/{line.pk}/").status_code == 200
    assert api_for(world.other_agency_operator).get(f"/api/v1/budget-lines/{line.pk}/").status_code == 404
    refused = api_for(world.users["agency_head"]).post(
        f"/api/v1/budget-lines/{line.pk}/review/", {"review": "cleared"}
    )
    assert refused.status_code == 403
    flagged = api_for(world.users["bappeda"]).post(
        f"/api/v1/budget-lines/{line.pk}/review/", {"review": "flagged"}
    )
    assert flagged.status_code == 400 and "review_note" in flagged.json()["errors"]
    ok = api_for(world.users["bappeda"]).post(
        f"/api/v1/budget-lines/{line.pk}/review/",
        {"review": "flagged", "review_note": "Sudah dianggarkan Dinas"},
    )
    assert ok.status_code == 200 and BudgetLine.objects.get(pk=line.pk).review == "flagged"
    assert client_for(world.users["bappeda"]).get(f"/usulan-tik/belanja/{line.pk}/").status_code == 200
