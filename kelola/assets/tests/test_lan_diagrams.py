"""LAN diagrams (ASSET-4; 001 Ps.17): filing, refusals, the overdue list, reminders, and who
may see and file them on pages and through the API."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kelola.assets import queries, services
from kelola.assets.demo import tiny_png
from kelola.assets.models import LanDiagram, add_months
from kelola.core.errors import KelolaError
from kelola.core.models import Agency, Document, Notification
from kelola.core.roles import Role
from kelola.core.testing import make_user

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def png(name="lan.png"):
    return SimpleUploadedFile(name, tiny_png(), content_type="image/png")


def file_diagram(world, agency, effective, *, actor=None, kind="yearly", summary=""):
    return services.lan_diagram_upload(
        actor=actor or world.users["agency_head"],
        agency=agency,
        upload=png(),
        effective_date=effective,
        report_kind=kind,
        change_summary=summary,
    )


@pytest.fixture
def lan(world):
    """Dinas Kesehatan filed a current diagram; Dinas Pendidikan only one older than 12 months;
    pemda B's Dinas Kesehatan has a current one."""
    world.diagram = file_diagram(world, world.health, TODAY - datetime.timedelta(days=30))
    world.old_diagram = file_diagram(
        world, world.education, add_months(TODAY, -14), actor=world.other_agency_head
    )
    world.other_pemda_head = make_user(
        "other_pemda_head", pemda=world.other_pemda, agency=world.other_health, roles=[Role.AGENCY_HEAD]
    )
    world.other_diagram = file_diagram(world, world.other_health, TODAY, actor=world.other_pemda_head)
    return world


# --- rules -----------------------------------------------------------------------------------


def test_a_diagram_is_stored_as_a_checked_document(lan):
    diagram = lan.diagram
    assert diagram.document.kind == "diagram" and diagram.document.mime_type == "image/png"
    assert diagram.document.target == diagram and len(diagram.document.sha256) == 64
    assert diagram.uploaded_by == lan.users["agency_head"]
    assert queries.latest_lan_diagram(lan.health.pk) == diagram


def test_a_disguised_file_is_refused_and_nothing_is_written(world):
    fake = SimpleUploadedFile("lan.png", b"MZ\x90\x00 this is really a program", content_type="image/png")
    with pytest.raises(KelolaError) as refused:
        services.lan_diagram_upload(
            actor=world.users["agency_head"], agency=world.health, upload=fake, effective_date=TODAY
        )
    assert "file" in refused.value.errors
    assert not LanDiagram.objects.exists() and not Document.objects.exists()


def test_a_change_report_needs_a_summary(world):
    with pytest.raises(KelolaError) as refused:
        file_diagram(world, world.health, TODAY, kind="change", summary="  ")
    assert "change_summary" in refused.value.errors
    assert not LanDiagram.objects.exists() and not Document.objects.exists()
    report = file_diagram(world, world.health, TODAY, kind="change", summary="Switch baru di lantai 2")
    assert report.get_report_kind_display() == "Laporan perubahan"


def test_a_future_effective_date_is_refused(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        file_diagram(world, world.health, TODAY + datetime.timedelta(days=3))
    assert not LanDiagram.objects.exists()


def test_overdue_lists_opds_without_a_diagram_in_the_period(lan):
    rows = queries.lan_overdue(lan.users["gcio"])
    by_agency = {r.agency: r for r in rows}
    # Current Dinas Kesehatan is not late; its sub-unit and the IT office are not asked.
    assert set(by_agency) == {lan.education}
    late = by_agency[lan.education]
    assert late.last_effective == lan.old_diagram.effective_date
    assert late.due_date == add_months(late.last_effective, queries.LAN_DIAGRAM_PERIOD_MONTHS)
    assert late.days_overdue == (TODAY - late.due_date).days > 0
    # A new OPD with no diagram comes first; an inactive one is not asked.
    new = Agency.objects.create(pemda=lan.pemda, name="Badan Baru")
    Agency.objects.create(pemda=lan.pemda, name="Kantor Lama", is_active=False)
    rows = queries.lan_overdue(lan.users["gcio"])
    assert [r.agency for r in rows] == [new, lan.education]
    assert rows[0].last_effective is None and rows[0].days_overdue is None
    # Exactly at the boundary an OPD is still on time; one day later it is late.
    boundary = add_months(lan.diagram.effective_date, queries.LAN_DIAGRAM_PERIOD_MONTHS)
    health = Agency.objects.filter(pk=lan.health.pk)
    assert queries.lan_overdue_agencies(health, boundary) == []
    assert len(queries.lan_overdue_agencies(health, boundary + datetime.timedelta(days=1))) == 1
    # An OPD's people see only their own OPD in the list; another pemda sees none of these.
    assert queries.lan_overdue(lan.users["agency_head"]) == []
    assert [r.agency for r in queries.lan_overdue(lan.other_agency_head)] == [lan.education]
    assert queries.lan_overdue(lan.other_pemda_gcio) == []


def test_reminders_go_to_the_late_opds_head_and_it_officer(lan):
    reminded = services.lan_reminders_send(actor=lan.users["infrastructure"], pemda=lan.pemda)
    assert reminded == 1
    notes = Notification.objects.filter(kind="assets.lan_diagram_overdue")
    assert {n.recipient for n in notes} == {lan.other_agency_head}
    assert "Dinas Pendidikan" in notes.first().title


def test_reminders_reach_heads_and_it_officers_only(world):
    officer = make_user("edu_it", pemda=world.pemda, agency=world.education, roles=[Role.AGENCY_IT_OFFICER])
    services.lan_reminders_send(actor=world.users["gcio"], pemda=world.pemda, agency_ids=[world.education.pk])
    recipients = {n.recipient for n in Notification.objects.filter(kind="assets.lan_diagram_overdue")}
    assert recipients == {world.other_agency_head, officer}  # not the operator, not Dinkes


def test_the_monthly_task_reminds_every_pemda(world):
    from kelola.assets.tasks import lan_diagram_reminders

    result = lan_diagram_reminders.call_local()
    # Pemda A: Dinkes and Disdik never filed; pemda B's Dinkes is late too, but has no head or
    # IT officer to tell (only an operator).
    assert result == {world.pemda.pk: 2, world.other_pemda.pk: 0}
    recipients = {n.recipient for n in Notification.objects.filter(kind="assets.lan_diagram_overdue")}
    assert world.users["agency_head"] in recipients and world.other_agency_head in recipients
    assert world.users["gcio"] not in recipients


def test_only_the_it_office_sends_reminders(lan):
    for who in (lan.users["agency_head"], lan.users["auditor"], lan.other_pemda_gcio):
        with pytest.raises(KelolaError):
            services.lan_reminders_send(actor=who, pemda=lan.pemda)
    assert not Notification.objects.filter(kind="assets.lan_diagram_overdue").exists()


# --- pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["agency_head", "agency_it_officer", "agency_operator", "gcio", "infrastructure", "auditor"]
)
def test_readers_see_the_diagram_and_download_it(lan, client_for, api_for, who):
    user = lan.users[who]
    client = client_for(user)
    page = client.get(f"/aset/diagram-lan/{lan.diagram.pk}/")
    assert page.status_code == 200 and "Diagram terkini" in page.content.decode()
    download = client.get(f"/aset/diagram-lan/{lan.diagram.pk}/unduh/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == tiny_png()
    assert api_for(user).get(f"/api/v1/lan-diagrams/{lan.diagram.pk}/").status_code == 200


@pytest.mark.parametrize("who", ["other_agency_operator", "other_agency_head", "other_pemda_gcio", "no_role"])
def test_outsiders_get_404(lan, client_for, api_for, who):
    user = getattr(lan, who)
    pk = lan.diagram.pk
    client = client_for(user)
    assert client.get(f"/aset/diagram-lan/{pk}/").status_code == 404
    assert client.get(f"/aset/diagram-lan/{pk}/unduh/").status_code == 404
    api = api_for(user)
    assert api.get(f"/api/v1/lan-diagrams/{pk}/").status_code == 404
    assert api.get(f"/api/v1/lan-diagrams/{pk}/download/").status_code == 404


def test_lists_show_each_reader_what_they_may_see(lan, client_for, api_for):
    def ids(user):
        return {r["id"] for r in api_for(user).get("/api/v1/lan-diagrams/").json()["results"]}

    assert ids(lan.users["gcio"]) == {lan.diagram.pk, lan.old_diagram.pk}
    assert ids(lan.users["agency_operator"]) == {lan.diagram.pk}
    assert ids(lan.other_pemda_gcio) == {lan.other_diagram.pk}
    assert ids(lan.no_role) == set()
    client = client_for(lan.users["gcio"])
    page = client.get("/aset/diagram-lan/?q=Pendidikan")
    assert page.status_code == 200 and "Dinas Pendidikan" in page.content.decode()
    export = client.get("/aset/diagram-lan/?export=csv")
    assert export.status_code == 200
    current = client.get(f"/aset/diagram-lan/?current=true&agency={lan.health.pk}")
    assert current.status_code == 200


def test_the_head_files_through_the_page(world, client_for):
    client = client_for(world.users["agency_it_officer"])
    assert client.get("/aset/diagram-lan/unggah/").status_code == 200
    answer = client.post(
        "/aset/diagram-lan/unggah/",
        {
            "agency": world.health.pk,
            "report_kind": "yearly",
            "effective_date": TODAY.isoformat(),
            "file": png(),
        },
    )
    assert answer.status_code == 302, answer.content[:2000]
    diagram = LanDiagram.objects.get()
    assert diagram.agency == world.health and diagram.uploaded_by == world.users["agency_it_officer"]
    refused = client.post(
        "/aset/diagram-lan/unggah/",
        {
            "agency": world.health.pk,
            "report_kind": "change",
            "effective_date": TODAY.isoformat(),
            "file": png(),
        },
    )
    assert refused.status_code == 400 and LanDiagram.objects.count() == 1
    fake = SimpleUploadedFile("lan.pdf", b"GIF89a not a pdf", content_type="application/pdf")
    refused = client.post(
        "/aset/diagram-lan/unggah/",
        {
            "agency": world.health.pk,
            "report_kind": "yearly",
            "effective_date": TODAY.isoformat(),
            "file": fake,
        },
    )
    assert refused.status_code == 400 and LanDiagram.objects.count() == 1


def test_operator_and_outsiders_cannot_file(world, client_for, api_for):
    data = {"agency": world.health.pk, "report_kind": "yearly", "effective_date": TODAY.isoformat()}
    operator = world.users["agency_operator"]
    assert client_for(operator).get("/aset/diagram-lan/unggah/").status_code == 403
    answer = api_for(operator).post("/api/v1/lan-diagrams/", {**data, "file": png()}, format="multipart")
    assert answer.status_code == 403
    # The IT office reads but does not file for an OPD; another OPD's head cannot either.
    answer = api_for(world.users["gcio"]).post(
        "/api/v1/lan-diagrams/", {**data, "file": png()}, format="multipart"
    )
    assert answer.status_code in (400, 403)
    answer = api_for(world.other_agency_head).post(
        "/api/v1/lan-diagrams/", {**data, "file": png()}, format="multipart"
    )
    assert answer.status_code in (400, 403, 404)
    assert not LanDiagram.objects.exists() and not Document.objects.exists()


def test_api_files_a_diagram_with_multipart(world, api_for):
    api = api_for(world.users["agency_head"])
    answer = api.post(
        "/api/v1/lan-diagrams/",
        {
            "agency": world.health.pk,
            "report_kind": "change",
            "effective_date": TODAY.isoformat(),
            "change_summary": "Router baru",
            "file": png(),
        },
        format="multipart",
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["report_kind"] == "change" and body["file_name"] == "lan.png" and body["document"]
    refused = api.post(
        "/api/v1/lan-diagrams/",
        {
            "agency": world.health.pk,
            "report_kind": "change",
            "effective_date": TODAY.isoformat(),
            "file": png(),
        },
        format="multipart",
    )
    assert refused.status_code == 400 and "change_summary" in str(refused.json())
    fake = SimpleUploadedFile("lan.jpg", b"%PDF-1.4 not a jpeg", content_type="image/jpeg")
    refused = api.post(
        "/api/v1/lan-diagrams/",
        {
            "agency": world.health.pk,
            "report_kind": "yearly",
            "effective_date": TODAY.isoformat(),
            "file": fake,
        },
        format="multipart",
    )
    assert refused.status_code in (400, 415) and LanDiagram.objects.count() == 1
    # Diagrams are a history: no edits, no deletes.
    pk = body["id"]
    assert api.patch(f"/api/v1/lan-diagrams/{pk}/", {"change_summary": "x"}).status_code == 405
    assert api.delete(f"/api/v1/lan-diagrams/{pk}/").status_code == 405


def test_overdue_page_and_reminder_button(lan, client_for, api_for):
    client = client_for(lan.users["it_support"])
    page = client.get("/aset/diagram-lan/terlambat/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Dinas Pendidikan" in text and "Kirim pengingat" in text
    answer = client.post("/aset/diagram-lan/pengingat/", {"agency": lan.education.pk})
    assert answer.status_code == 302
    assert Notification.objects.filter(
        kind="assets.lan_diagram_overdue", recipient=lan.other_agency_head
    ).exists()
    client.post("/aset/diagram-lan/pengingat/")
    assert Notification.objects.filter(kind="assets.lan_diagram_overdue").count() == 2
    overdue = api_for(lan.users["auditor"]).get("/api/v1/lan-diagrams/overdue/")
    assert overdue.status_code == 200
    assert [r["agency"] for r in overdue.json()] == [lan.education.pk]
    assert overdue.json()[0]["days_overdue"] > 0


def test_reminder_button_refusals(lan, client_for):
    Notification.objects.all().delete()
    head = client_for(lan.users["agency_head"])
    page = head.get("/aset/diagram-lan/terlambat/")
    assert page.status_code == 200 and "Kirim pengingat" not in page.content.decode()
    assert head.post("/aset/diagram-lan/pengingat/", {"agency": lan.education.pk}).status_code == 403
    assert head.post("/aset/diagram-lan/pengingat/").status_code == 403
    other = client_for(lan.other_pemda_gcio)
    assert other.post("/aset/diagram-lan/pengingat/", {"agency": lan.education.pk}).status_code == 404
    assert client_for(lan.no_role).get("/aset/diagram-lan/terlambat/").status_code == 403
    assert not Notification.objects.filter(kind="assets.lan_diagram_overdue").exists()


def test_dashboard_cards(lan, client_for):
    from kelola.assets.dashboard import lan_cards

    (office,) = lan_cards(lan.users["gcio"])
    assert office.value == 1 and office.tone == "danger"
    (own,) = lan_cards(lan.users["agency_operator"])
    assert own.value == "30 hari lalu" and own.tone == "success"
    (late,) = lan_cards(lan.other_agency_head)
    assert late.tone == "danger"
    assert lan_cards(lan.no_role) == []
    lan.diagram.delete()
    (none,) = lan_cards(lan.users["agency_head"])
    assert none.value == "belum ada"
    assert client_for(lan.users["gcio"]).get("/").status_code == 200


def test_demo_diagrams_are_idempotent(world):
    from kelola.assets.demo import _lan_diagrams

    class Result:
        def __init__(self):
            self.created = {}

        def count(self, label, created):
            self.created[label] = self.created.get(label, 0) + created

    first = Result()
    _lan_diagrams(world.pemda, first, TODAY)
    assert first.created["lan_diagram"] >= 2
    second = Result()
    _lan_diagrams(world.pemda, second, TODAY)
    assert second.created == {}
