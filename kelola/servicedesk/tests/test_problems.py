"""DESK-6 problems: create/update, the workflow (investigate → known error → resolved → closed,
and the refused steps), linking incidents (refusals: service requests, another pemda, already
linked), recurring-incident candidates, and who sees and acts on pages and API."""

import datetime

import pytest
from django.utils import timezone

from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import AuditEntry, Notification
from kelola.servicedesk import problems, services
from kelola.servicedesk.models import Problem, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(world):
    world.network = services.service_create(
        actor=world.users["gcio"],
        agency=world.it_office,
        name="Gangguan jaringan",
        description="-",
        category="network",
        requires_letter=False,
    )
    world.mail = services.service_create(
        actor=world.users["gcio"],
        agency=world.it_office,
        name="Akun e-mail",
        description="-",
        category="account",
        requires_letter=False,
    )
    world.other_service = services.service_create(
        actor=world.other_pemda_gcio,
        agency=world.other_it_office,
        name="Jaringan kabupaten",
        description="-",
        category="network",
    )
    return world


def incident(world, service=None, *, kind="incident", days_ago=1, agency=None, **extra):
    service = service or world.network
    ticket = Ticket.objects.create(
        pemda=service.pemda,
        agency=agency or (world.health if service.pemda_id == world.pemda.pk else world.other_health),
        service=service,
        kind=kind,
        title=extra.pop("title", "Internet mati"),
        description="-",
        priority="p3",
        **extra,
    )
    Ticket.objects.filter(pk=ticket.pk).update(created_at=timezone.now() - datetime.timedelta(days=days_ago))
    return ticket


def new_problem(world, actor=None, **extra):
    data = {"title": "Router inti sering mati", "description": "Putus berulang", "service": world.network}
    data.update(extra)
    return problems.problem_create(actor=actor or world.users["helpdesk"], pemda=world.pemda, **data)


def test_create_and_update_through_services_with_refusals(desk):
    problem = new_problem(desk)
    assert problem.status == "open" and str(problem).startswith("PRB-")
    assert AuditEntry.objects.filter(action="create", object_id=str(problem.pk)).exists()
    updated = problems.problem_update(problem, actor=desk.users["it_support"], root_cause="Firmware lama")
    assert updated.root_cause == "Firmware lama"
    for who in ("agency_operator", "committee", "bappeda"):
        with pytest.raises(KelolaError) as refused:
            problems.problem_update(problem, actor=desk.users[who], title="x")
        assert refused.value.code == ErrorCode.FORBIDDEN
    with pytest.raises(KelolaError):
        new_problem(desk, actor=desk.users["agency_head"])
    with pytest.raises(KelolaError):  # the other pemda's GCIO does not file in this pemda
        new_problem(desk, actor=desk.other_pemda_gcio)
    with pytest.raises(KelolaError) as refused:  # the owner must be a problem manager of the pemda
        problems.problem_update(problem, actor=desk.users["gcio"], owner=desk.users["agency_operator"])
    assert "owner" in refused.value.errors
    with pytest.raises(Exception):  # noqa: B017 - service of another pemda fails validation
        new_problem(desk, service=desk.other_service)
    assert AuditEntry.objects.filter(action="refused").count() >= 5


def test_the_workflow_with_its_requirements_and_notifications(desk):
    problem = new_problem(desk)
    open_ticket = incident(
        desk, assignee=desk.users["infrastructure"], requester=desk.users["agency_operator"]
    )
    done_ticket = incident(desk, status="closed", requester=desk.users["agency_head"])
    problems.link_incidents(problem, [open_ticket, done_ticket], actor=desk.users["helpdesk"])
    support = desk.users["it_support"]
    with pytest.raises(KelolaError):  # not from "open"
        problems.problem_transition(problem, "resolve", actor=support, root_cause="a", change_reference="b")
    problems.problem_transition(problem, "investigate", actor=support)
    assert (problem.status, problem.owner) == ("investigating", support)
    with pytest.raises(KelolaError) as refused:  # a known error needs its workaround
        problems.problem_transition(problem, "record_known_error", actor=support, root_cause="Firmware")
    assert refused.value.code == ErrorCode.TRANSITION_REQUIREMENTS_MISSING
    assert "solusi sementara" in str(refused.value.message)
    problem.refresh_from_db()
    assert problem.status == "investigating" and problem.root_cause == ""  # nothing kept
    problems.problem_transition(
        problem, "record_known_error", actor=support, root_cause="Firmware lama", workaround="Restart router"
    )
    assert problem.status == "known_error" and problem.workaround == "Restart router"
    with pytest.raises(KelolaError) as refused:  # resolving needs the change that fixed it
        problems.problem_transition(problem, "resolve", actor=support)
    assert "perubahan perbaikan" in str(refused.value.message)
    with pytest.raises(KelolaError):  # the committee does not move problems
        problems.problem_transition(
            problem, "resolve", actor=desk.users["committee"], change_reference="CHG-1"
        )
    problems.problem_transition(problem, "resolve", actor=support, change_reference="CHG-2026-014")
    assert problem.status == "resolved" and problem.resolved_at
    told = set(
        Notification.objects.filter(kind="workflow.resolve").values_list("recipient__username", flat=True)
    )
    assert told == {"infrastructure", "agency_operator"}  # the open incident's handler and requester
    problems.problem_transition(problem, "close", actor=desk.users["gcio"])
    assert problem.status == "closed"


def test_investigating_goes_straight_to_resolved(desk):
    problem = new_problem(desk)
    problems.problem_transition(
        problem, "investigate", actor=desk.users["datacenter"], owner=desk.users["gcio"]
    )
    assert problem.owner == desk.users["gcio"]
    problems.problem_transition(
        problem, "resolve", actor=desk.users["datacenter"], root_cause="Disk penuh", change_reference="CHG-7"
    )
    assert problem.status == "resolved"


def test_linking_incidents_refuses_requests_other_pemda_and_other_problems(desk):
    problem, other = new_problem(desk), new_problem(desk, title="Lain")
    good = incident(desk)
    request = incident(desk, service=desk.mail, kind="request")
    foreign = incident(desk, service=desk.other_service)
    taken = incident(desk)
    problems.link_incidents(other, [taken], actor=desk.users["helpdesk"])
    with pytest.raises(KelolaError) as refused:
        problems.link_incidents(
            problem, [good, request, foreign, taken, 999999], actor=desk.users["helpdesk"]
        )
    reasons = " ".join(refused.value.errors["tickets"])
    assert f"#{request.pk} bukan pengaduan" in reasons
    assert f"#{foreign.pk} bukan dari pemda yang sama" in reasons
    assert f"PRB-{other.pk}" in reasons and "#999999 tidak ditemukan" in reasons
    good.refresh_from_db()
    assert good.problem_id is None  # all or nothing
    with pytest.raises(KelolaError):  # no right to change the problem
        problems.link_incidents(problem, [good], actor=desk.users["agency_it_officer"])
    assert problems.link_incidents(problem, [good.pk], actor=desk.users["helpdesk"]) == [good.pk]
    assert AuditEntry.objects.filter(action="update", object_id=str(good.pk)).exists()
    assert list(problem.incidents.all()) == [good]
    with pytest.raises(KelolaError):  # not linked to this problem
        problems.unlink_incidents(problem, [taken], actor=desk.users["helpdesk"])
    problems.unlink_incidents(problem, [good], actor=desk.users["helpdesk"])
    assert not problem.incidents.exists()


def test_candidates_group_recurring_unlinked_incidents(desk):
    from kelola.portfolio.models import ElectronicSystem

    assert ElectronicSystem  # systems are optional in the grouping
    recent = [incident(desk, days_ago=d) for d in (1, 2, 5)]
    older_group = [incident(desk, service=desk.mail, days_ago=d) for d in (10, 11, 12, 13)]
    incident(desk, days_ago=45)  # outside the window
    incident(desk, service=desk.mail, kind="request", days_ago=1)  # not an incident
    two = [incident(desk, service=desk.other_service, days_ago=1) for _ in range(3)]  # another pemda
    linked = incident(desk, days_ago=1)
    problems.link_incidents(new_problem(desk), [linked], actor=desk.users["helpdesk"])
    groups = problems.candidates(desk.pemda)
    assert [(g.service, g.count) for g in groups] == [(desk.network, 3), (desk.mail, 4)]
    assert sorted(groups[0].ticket_ids) == sorted(t.pk for t in recent)
    assert sorted(groups[1].ticket_ids) == sorted(t.pk for t in older_group)
    assert problems.candidates(desk.pemda, minimum=4) == [groups[1]] or [
        g.service for g in problems.candidates(desk.pemda, minimum=4)
    ] == [desk.mail]
    assert next(g.count for g in problems.candidates(desk.pemda, days=60)) == 4  # the old one counts now
    assert two and problems.candidates(desk.other_pemda)[0].count == 3
    problem = problems.problem_from_candidates(
        actor=desk.users["helpdesk"], pemda=desk.pemda, service=desk.network
    )
    assert set(problem.incidents.values_list("pk", flat=True)) == {t.pk for t in recent}
    assert problem.service == desk.network and "Insiden berulang" in problem.title
    assert [g.service for g in problems.candidates(desk.pemda)] == [desk.mail]
    with pytest.raises(KelolaError):  # nothing left to group
        problems.problem_from_candidates(actor=desk.users["helpdesk"], pemda=desk.pemda, service=desk.network)
    with pytest.raises(KelolaError):  # an agency's people do not create problems
        problems.problem_from_candidates(actor=desk.users["agency_head"], pemda=desk.pemda, service=desk.mail)
    assert Problem.objects.count() == 2


@pytest.mark.parametrize(
    ("who", "list_status", "detail_status"),
    [
        ("gcio", 200, 200),
        ("helpdesk", 200, 200),
        ("it_support", 200, 200),
        ("auditor", 200, 200),
        ("agency_operator", 403, 404),
        ("agency_head", 403, 404),
        ("committee", 403, 404),
        ("no_role", 403, 404),
        ("other_pemda_gcio", 200, 404),
    ],
)
def test_who_sees_problems_on_pages_and_api(desk, client_for, api_for, who, list_status, detail_status):
    problem = new_problem(desk)
    user = getattr(desk, who, None) or desk.users[who]
    client = client_for(user)
    assert client.get("/layanan-ti/masalah/").status_code == list_status
    assert client.get(f"/layanan-ti/masalah/{problem.pk}/").status_code == detail_status
    assert api_for(user).get(f"/api/v1/problems/{problem.pk}/").status_code == detail_status
    listed = api_for(user).get("/api/v1/problems/").json()["results"]
    assert [p["id"] for p in listed] == ([problem.pk] if detail_status == 200 else [])


def test_pages_create_move_and_link(desk, client_for):
    client = client_for(desk.users["helpdesk"])
    page = client.get("/layanan-ti/masalah/").content.decode()
    assert "Kandidat masalah" in page and "/layanan-ti/masalah/tambah/" in page
    assert client.get("/layanan-ti/masalah/tambah/").status_code == 200
    response = client.post(
        "/layanan-ti/masalah/tambah/",
        {"title": "Aplikasi lambat", "description": "Setiap pagi", "service": desk.network.pk},
    )
    assert response.status_code == 302
    problem = Problem.objects.get(title="Aplikasi lambat")
    detail = f"/layanan-ti/masalah/{problem.pk}/"
    assert client.post(f"{detail}langkah/", {"name": "investigate"}).status_code == 302
    page = client.post(
        f"{detail}langkah/", {"name": "record_known_error", "root_cause": "Index"}, follow=True
    )
    assert "Belum lengkap" in page.content.decode()
    client.post(
        f"{detail}langkah/",
        {"name": "record_known_error", "root_cause": "Index", "workaround": "Pakai jam siang"},
    )
    problem.refresh_from_db()
    assert problem.status == "known_error" and problem.root_cause == "Index"
    # A ticket number past 999 is shown as is, never grouped like an amount ("#12.345").
    ticket, request = incident(desk, id=12345), incident(desk, service=desk.mail, kind="request")
    page = client.post(f"{detail}insiden/", {"tickets": f"#{request.pk}", "action": "link"}, follow=True)
    assert "bukan pengaduan" in page.content.decode()
    client.post(f"{detail}insiden/", {"tickets": f"{ticket.pk}", "action": "link"})
    ticket.refresh_from_db()
    assert ticket.problem == problem
    page = client.get(detail).content.decode()
    assert f"#{ticket.pk}" in page and "Pakai jam siang" in page and "Insiden terkait" in page
    # The include shown on a ticket's page.
    from django.template.loader import render_to_string

    html = render_to_string("servicedesk/_ticket_problem.html", {"ticket": ticket})
    assert str(problem) in html and "Pakai jam siang" in html
    assert render_to_string("servicedesk/_ticket_problem.html", {"ticket": request}).strip() == ""
    assert client.get("/layanan-ti/masalah/?export=csv").status_code == 200
    assert client.get("/layanan-ti/masalah/?export=xlsx&status=known_error").status_code == 200
    assert client.get(f"{detail}ubah/").status_code == 200
    # The committee reads none of it and changes none of it.
    committee = client_for(desk.users["committee"])
    assert committee.get(f"{detail}ubah/").status_code == 404
    assert committee.post(f"{detail}langkah/", {"name": "resolve"}).status_code == 404


def test_candidates_page_creates_a_problem(desk, client_for):
    tickets = [incident(desk, days_ago=d) for d in (1, 2, 3)]
    assert client_for(desk.users["agency_head"]).get("/layanan-ti/masalah/kandidat/").status_code == 403
    assert client_for(desk.users["committee"]).get("/layanan-ti/masalah/kandidat/").status_code == 403
    client = client_for(desk.users["it_support"])
    page = client.get("/layanan-ti/masalah/kandidat/").content.decode()
    assert "Gangguan jaringan" in page and "Buat masalah" in page
    response = client.post("/layanan-ti/masalah/kandidat/", {"service": desk.network.pk, "system": ""})
    problem = Problem.objects.get()
    assert response.status_code == 302 and response.url == problem.get_absolute_url()
    assert problem.incidents.count() == len(tickets)
    foreign = client.post("/layanan-ti/masalah/kandidat/", {"service": desk.other_service.pk})
    assert foreign.status_code == 404


def test_api_create_transition_and_link(desk, api_for):
    api = api_for(desk.users["helpdesk"])
    created = api.post(
        "/api/v1/problems/",
        {"title": "DNS", "description": "Resolusi gagal", "service": desk.network.pk},
        format="json",
    )
    assert created.status_code == 201 and created.json()["status"] == "open"
    pk = created.json()["id"]
    refused = api_for(desk.users["agency_operator"]).post(
        "/api/v1/problems/", {"title": "x", "description": "y"}, format="json"
    )
    assert refused.status_code == 403
    assert api.post(f"/api/v1/problems/{pk}/transition/", {"name": "investigate"}).status_code == 200
    missing = api.post(f"/api/v1/problems/{pk}/transition/", {"name": "resolve", "root_cause": "DNS"})
    assert missing.status_code == 409 and missing.json()["code"] == "transition_requirements_missing"
    resolved = api.post(
        f"/api/v1/problems/{pk}/transition/",
        {"name": "resolve", "root_cause": "DNS", "change_reference": "CHG-3"},
    )
    assert resolved.status_code == 200 and resolved.json()["status"] == "resolved"
    ticket, request = incident(desk), incident(desk, service=desk.mail, kind="request")
    bad = api.post(f"/api/v1/problems/{pk}/link/", {"tickets": [ticket.pk, request.pk]}, format="json")
    assert bad.status_code == 400 and "tickets" in bad.json()["errors"]
    linked = api.post(f"/api/v1/problems/{pk}/link/", {"tickets": [ticket.pk]}, format="json")
    assert linked.status_code == 200 and linked.json()["incidents"] == [ticket.pk]
    unlinked = api.post(
        f"/api/v1/problems/{pk}/link/", {"tickets": [ticket.pk], "unlink": True}, format="json"
    )
    assert unlinked.json()["incidents"] == []
    assert (
        api_for(desk.other_pemda_gcio).post(f"/api/v1/problems/{pk}/link/", {"tickets": [1]}).status_code
        == 404
    )
    patched = api.patch(f"/api/v1/problems/{pk}/", {"workaround": "Pakai DNS cadangan"}, format="json")
    assert patched.status_code == 200 and patched.json()["workaround"] == "Pakai DNS cadangan"
    assert api_for(desk.users["committee"]).delete(f"/api/v1/problems/{pk}/").status_code == 404
    assert api.delete(f"/api/v1/problems/{pk}/").status_code == 204
