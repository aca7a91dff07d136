"""DESK-5 availability and 002 Ps.28(5): outages (who records them, on pages and API), the
availability arithmetic (overlaps, ongoing outages, month boundaries), the monthly review of
critical services with the repeated-breach rule, and the steering committee's warning letter."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import AuditEntry, Letter
from kelola.servicedesk import availability as avail
from kelola.servicedesk import services
from kelola.servicedesk.models import Outage, Service, SlaEvent, Ticket

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
H = datetime.timedelta(hours=1)


@pytest.fixture
def desk(world):
    gcio = world.users["gcio"]
    world.portal = services.service_create(
        actor=gcio,
        agency=world.it_office,
        name="Portal layanan publik",
        description="-",
        category="application",
        critical=True,
        availability_target=99.5,
        requires_letter=False,
    )
    world.mail = services.service_create(
        actor=gcio, agency=world.it_office, name="Akun e-mail", description="-", category="account"
    )
    world.other_service = services.service_create(
        actor=world.other_pemda_gcio,
        agency=world.other_it_office,
        name="Portal kabupaten",
        description="-",
        category="application",
        critical=True,
    )
    return world


def outage(service, start, end=None):
    return Outage.objects.create(service=service, started_at=start, ended_at=end)


def months_back(count):
    """(year, month) `count` months before the current one."""
    today = timezone.localdate()
    return avail.previous_months(today.year, today.month, count + 1)[0]


def breach(service, due):
    ticket = Ticket.objects.create(
        pemda=service.pemda,
        agency=service.agency,
        service=service,
        kind="incident",
        title="Lambat",
        description="-",
        priority="p2",
        status="resolved",
        resolution_due=due,
        resolved_at=due + H,  # resolved an hour late
    )
    return SlaEvent.objects.create(ticket=ticket, kind=SlaEvent.Kind.RESOLUTION_BREACH, due=due)


def test_downtime_merges_overlaps_and_counts_ongoing_outages_up_to_now():
    start = datetime.datetime(2026, 3, 1, tzinfo=WIB)
    end = start + datetime.timedelta(days=10)
    pairs = [(start + H, start + 3 * H), (start + 2 * H, start + 4 * H), (start + 4 * H, start + 5 * H)]
    assert avail.downtime(pairs, start, end, now=end) == 4 * H  # 1h-5h once
    before = [(start - 5 * H, start + H)]  # starts before the period: only the part inside
    assert avail.downtime(before, start, end, now=end) == H
    ongoing = [(end - 2 * H, None)]
    assert avail.downtime(ongoing, start, end, now=end + 100 * H) == 2 * H  # up to the end
    assert avail.downtime(ongoing, start, end, now=end - H) == H  # up to now
    assert avail.downtime([(end + H, end + 2 * H)], start, end, now=end) == datetime.timedelta()


def test_availability_over_a_month_with_boundaries_in_the_pemda_time_zone(desk):
    start, end = avail.month_bounds(desk.pemda, 2026, 4)
    assert start == datetime.datetime(2026, 4, 1, tzinfo=WIB) and end == datetime.datetime(
        2026, 5, 1, tzinfo=WIB
    )
    assert avail.month_bounds(desk.pemda, 2026, 12)[1] == datetime.datetime(2027, 1, 1, tzinfo=WIB)
    assert avail.availability(desk.portal, start, end) == 100.0
    outage(desk.portal, end - 3 * H, end + 5 * H)  # spans into May: 3 hours in April
    outage(desk.portal, end - 2 * H, end - H)  # inside the first one: counted once
    april = 100 * (1 - 3 / (30 * 24))
    assert avail.availability(desk.portal, start, end) == pytest.approx(april)
    may_start, may_end = avail.month_bounds(desk.pemda, 2026, 5)
    assert avail.availability(desk.portal, may_start, may_end) == pytest.approx(100 * (1 - 5 / (31 * 24)))
    outage(desk.mail, start, end)  # another service's outage does not count
    assert avail.availability(desk.portal, start, end) == pytest.approx(april)
    ongoing_service = desk.mail
    Outage.objects.filter(service=ongoing_service).delete()
    outage(ongoing_service, end - 24 * H)  # still going on: counts to the end of April
    assert avail.availability(ongoing_service, start, end) == pytest.approx(100 * (1 - 1 / 30))


def test_the_monthly_review_and_the_repeated_breach_rule(desk):
    (y1, m1), (y2, m2), (y3, m3) = (months_back(3), months_back(2), months_back(1))
    s1, _e1 = avail.month_bounds(desk.pemda, y1, m1)
    s2, _e2 = avail.month_bounds(desk.pemda, y2, m2)
    s3, _e3 = avail.month_bounds(desk.pemda, y3, m3)
    outage(desk.portal, s1 + 24 * H, s1 + 30 * H)  # 6 hours: below 99.5% in month 1
    breach(desk.portal, s3 + 48 * H)  # a resolution breach in month 3
    breach(desk.mail, s3 + 48 * H)  # not critical: not reviewed
    rows = avail.monthly_review(desk.pemda, y3, m3)
    assert [r.service for r in rows] == [desk.portal]
    row = rows[0]
    assert row.availability == 100.0 and row.met is True and row.breaches == 1 and row.breached
    assert [m.breached for m in row.months] == [True, False, True] and row.repeated
    assert row.months[0].below_target and row.months[0].availability < 99.5
    only_one = avail.monthly_review(desk.pemda, y2, m2)[0]
    assert [m.breached for m in only_one.months][-2:] == [True, False] and not only_one.repeated
    outage(desk.portal, s2 + H, s2 + 2 * H)  # 1 hour in month 2: still above 99.5%
    assert not avail.monthly_review(desk.pemda, y2, m2)[0].breached
    today = timezone.localdate()
    current = avail.monthly_review(desk.pemda, today.year, today.month)[0]
    assert current.availability is not None and current.months[-1].year == today.year
    following = avail.previous_months(today.year + 1, today.month, 1)[0]
    future = avail.monthly_review(desk.pemda, *following)[0]
    assert future.availability is None and future.met is None


def repeated_breaches(desk):
    (y1, m1), (y3, m3) = months_back(3), months_back(1)
    s1, _e = avail.month_bounds(desk.pemda, y1, m1)
    s3, _e = avail.month_bounds(desk.pemda, y3, m3)
    outage(desk.portal, s1 + H, s1 + 10 * H)
    outage(desk.portal, s3 + H, s3 + 10 * H)
    return y3, m3


def test_the_committee_issues_one_warning_letter_per_month(desk):
    year, month = repeated_breaches(desk)
    committee = desk.users["committee"]
    for who in ("helpdesk", "agency_head", "bappeda"):
        with pytest.raises(KelolaError) as refused:
            avail.issue_warning_letter(desk.portal, desk.users[who], year, month)
        assert refused.value.code == ErrorCode.FORBIDDEN
    with pytest.raises(KelolaError):
        avail.issue_warning_letter(desk.portal, desk.other_pemda_gcio, year, month)
    letter = avail.issue_warning_letter(desk.portal, committee, year, month)
    assert letter.kind == "warning" and letter.recipient_agency == desk.it_office
    assert "Kepala Dinas Komunikasi dan Informatika" in letter.recipient
    assert "Pasal 28 ayat (5)" in letter.body and avail.month_label(year, month) in letter.body
    assert "99,50%" in letter.body and "menutup sementara web service" in letter.body
    assert letter.signatory_title == "Ketua Komite Pengarah TIK"
    assert letter.document.file.read().startswith(b"%PDF")
    assert avail.monthly_review(desk.pemda, year, month)[0].letter == letter
    with pytest.raises(KelolaError) as refused:  # one letter per month
        avail.issue_warning_letter(desk.portal, desk.users["gcio"], year, month)
    assert refused.value.code == ErrorCode.CONFLICT and letter.number in str(refused.value.message)
    with pytest.raises(KelolaError) as refused:  # not critical
        avail.issue_warning_letter(desk.mail, committee, year, month)
    assert "bukan layanan kritis" in str(refused.value.message)
    earlier = months_back(2)
    with pytest.raises(KelolaError) as refused:  # only one of the three months before it breached
        avail.issue_warning_letter(desk.portal, committee, *avail.previous_months(*earlier, 2)[0])
    assert "tidak berulang" in str(refused.value.message)
    s2, _e = avail.month_bounds(desk.pemda, *earlier)
    outage(desk.portal, s2 + H, s2 + 10 * H)  # months -3 and -2 breached: the GCIO may warn for -2
    gcio_letter = avail.issue_warning_letter(desk.portal, desk.users["gcio"], *earlier)
    assert gcio_letter.signatory_title == "Kepala Dinas Komunikasi dan Informatika"
    assert Letter.objects.filter(kind="warning").count() == 2
    assert AuditEntry.objects.filter(action="refused").exists()


def test_outages_are_recorded_by_problem_managers_only(desk):
    start = timezone.now() - 5 * H
    recorded = avail.outage_record(actor=desk.users["datacenter"], service=desk.portal, started_at=start)
    assert recorded.source == "entered" and AuditEntry.objects.filter(
        action="create", object_id=str(recorded.pk)
    )
    for who in ("agency_it_officer", "committee", "auditor"):
        with pytest.raises(KelolaError):
            avail.outage_record(actor=desk.users[who], service=desk.portal, started_at=start)
    with pytest.raises(KelolaError):
        avail.outage_record(actor=desk.other_pemda_gcio, service=desk.portal, started_at=start)
    with pytest.raises(KelolaError) as refused:
        avail.outage_record(
            actor=desk.users["helpdesk"], service=desk.portal, started_at=start, ended_at=start - H
        )
    assert "ended_at" in refused.value.errors
    with pytest.raises(KelolaError) as refused:
        avail.outage_record(actor=desk.users["helpdesk"], service=desk.portal, started_at=start + 100 * H)
    assert "started_at" in refused.value.errors
    ended = avail.outage_update(recorded, actor=desk.users["helpdesk"], ended_at=start + H)
    assert ended.ended_at == start + H
    with pytest.raises(KelolaError):  # not moved to another pemda's service
        avail.outage_update(recorded, actor=desk.users["helpdesk"], service=desk.other_service)
    with pytest.raises(KelolaError):
        avail.outage_delete(recorded, actor=desk.users["agency_head"])
    avail.outage_delete(recorded, actor=desk.users["helpdesk"])
    assert not Outage.objects.exists()


def test_the_outage_api_for_monitoring_and_its_scope(desk, api_for):
    monitor = api_for(desk.users["infrastructure"])
    start = (timezone.now() - 2 * H).isoformat()
    created = monitor.post(
        "/api/v1/outages/",
        {"service": desk.portal.pk, "started_at": start, "source": "detected", "description": "ping gagal"},
        format="json",
    )
    assert created.status_code == 201 and created.json()["ongoing"] is True
    pk = created.json()["id"]
    assert Outage.objects.get(pk=pk).source == "detected"
    refused = api_for(desk.users["agency_operator"]).post(
        "/api/v1/outages/", {"service": desk.portal.pk, "started_at": start}, format="json"
    )
    assert refused.status_code == 403
    foreign = api_for(desk.other_pemda_gcio)
    assert (
        foreign.post(
            "/api/v1/outages/", {"service": desk.portal.pk, "started_at": start}, format="json"
        ).status_code
        == 400
    )  # a service it cannot see does not exist for it
    assert foreign.get(f"/api/v1/outages/{pk}/").status_code == 404
    assert foreign.get("/api/v1/outages/").json()["results"] == []
    assert api_for(desk.users["agency_operator"]).get(f"/api/v1/outages/{pk}/").status_code == 200
    ended = monitor.patch(f"/api/v1/outages/{pk}/", {"ended_at": timezone.now().isoformat()}, format="json")
    assert ended.status_code == 200 and ended.json()["ongoing"] is False
    assert api_for(desk.users["committee"]).delete(f"/api/v1/outages/{pk}/").status_code == 403
    assert monitor.get("/api/v1/outages/", {"ongoing": "false"}).json()["count"] == 1
    assert monitor.delete(f"/api/v1/outages/{pk}/").status_code == 204


def test_the_availability_api(desk, api_for):
    year, month = repeated_breaches(desk)
    answer = api_for(desk.users["auditor"]).get("/api/v1/availability/", {"year": year, "month": month})
    assert answer.status_code == 200
    (row,) = answer.json()
    assert row["service"] == desk.portal.pk and row["repeated"] is True and row["met"] is False
    assert len(row["months"]) == 3 and row["warning_letter"] is None
    assert api_for(desk.users["gcio"]).get("/api/v1/availability/", {"month": 13}).status_code == 400
    other = api_for(desk.other_pemda_gcio).get("/api/v1/availability/", {"year": year, "month": month})
    assert [r["service"] for r in other.json()] == [desk.other_service.pk]
    assert api_for(desk.no_role).get("/api/v1/availability/").status_code == 403


def test_the_availability_page(desk, client_for):
    year, month = repeated_breaches(desk)
    query = {"bulan": f"{year:04d}-{month:02d}"}

    # One test client: `client_for` logs it in as the user each time.
    def committee():
        return client_for(desk.users["committee"])

    def helpdesk():
        return client_for(desk.users["helpdesk"])

    page = committee().get("/layanan-ti/ketersediaan/", query).content.decode()
    assert "Portal layanan publik" in page and "berulang" in page and "Terbitkan surat peringatan" in page
    assert "Catat gangguan layanan" not in page  # the committee does not record outages
    page = helpdesk().get("/layanan-ti/ketersediaan/", query).content.decode()
    assert "Terbitkan surat peringatan" not in page and "Catat gangguan layanan" in page
    operator = client_for(desk.users["agency_operator"]).get("/layanan-ti/ketersediaan/", query)
    assert operator.status_code == 200 and "Catat gangguan" not in operator.content.decode()
    assert client_for(desk.no_role).get("/layanan-ti/ketersediaan/").status_code == 403
    assert "Portal kabupaten" not in page
    assert helpdesk().get("/layanan-ti/ketersediaan/", {**query, "export": "csv"}).status_code == 200
    # Warning letter from the page.
    url = f"/layanan-ti/ketersediaan/layanan/{desk.portal.pk}/surat-teguran/"
    refused = helpdesk().post(url, query, follow=True)
    assert "Komite Pengarah TIK atau GCIO" in refused.content.decode() and not Letter.objects.exists()
    issued = committee().post(url, query)
    letter = Letter.objects.get()
    assert issued.status_code == 302 and issued.url == letter.get_absolute_url()
    assert letter.number in committee().get("/layanan-ti/ketersediaan/", query).content.decode()
    assert client_for(desk.other_pemda_gcio).post(url, query).status_code == 404
    # Outages from the page.
    start = timezone.localtime() - 3 * H
    form = {"service": desk.portal.pk, "started_at": start.strftime("%Y-%m-%dT%H:%M"), "source": "entered"}
    assert (
        client_for(desk.users["agency_head"]).post("/layanan-ti/ketersediaan/gangguan/", form).status_code
        == 302
    )
    assert not Outage.objects.filter(ended_at__isnull=True).exists()
    helpdesk().post("/layanan-ti/ketersediaan/gangguan/", form)
    ongoing = Outage.objects.get(ended_at__isnull=True)
    assert "berlangsung" in helpdesk().get("/layanan-ti/ketersediaan/").content.decode()
    helpdesk().post(f"/layanan-ti/ketersediaan/gangguan/{ongoing.pk}/selesai/")
    ongoing.refresh_from_db()
    assert ongoing.ended_at
    assert (
        client_for(desk.other_pemda_gcio)
        .post(f"/layanan-ti/ketersediaan/gangguan/{ongoing.pk}/hapus/")
        .status_code
        == 404
    )
    helpdesk().post(f"/layanan-ti/ketersediaan/gangguan/{ongoing.pk}/hapus/")
    assert not Outage.objects.filter(pk=ongoing.pk).exists()
    assert Service.objects.filter(pk=desk.portal.pk, critical=True).exists()


def test_the_demo_problems_and_outages(desk):
    from kelola.servicedesk import demo_problems
    from kelola.servicedesk.models import Problem

    for n in range(12):
        Ticket.objects.create(
            pemda=desk.pemda,
            agency=desk.health,
            service=desk.portal if n % 2 else desk.mail,
            kind="incident",
            title=f"Gangguan {n}",
            description="-",
            priority="p3",
        )
    created = demo_problems.build(desk.pemda, desk.users["gcio"])
    assert created["problem"] == 6 and created["outage"] > 6 and created["letter"] == 1
    states = set(Problem.objects.filter(pemda=desk.pemda).values_list("status", flat=True))
    assert states == {"open", "investigating", "known_error", "resolved", "closed"}
    assert Ticket.objects.filter(problem__isnull=False).count() >= 6
    letter = Letter.objects.get(kind="warning")
    assert letter.created_by == desk.users["committee"]
    assert demo_problems.build(desk.pemda, desk.users["gcio"]) == {"problem": 0, "outage": 0, "letter": 0}


def test_a_resolution_breach_is_a_late_resolution_or_work_still_open_past_its_due_time(desk):
    y, m = months_back(1)
    start, _end = avail.month_bounds(desk.pemda, y, m)
    due = start + 72 * H

    def ticket(**extra):
        return Ticket.objects.create(
            pemda=desk.pemda,
            agency=desk.it_office,
            service=desk.portal,
            kind="incident",
            title="-",
            description="-",
            priority="p2",
            resolution_due=due,
            **extra,
        )

    ticket(status="closed", resolved_at=due - H)  # in time
    ticket(status="closed", resolved_at=due + H)  # late
    ticket(status="in_progress")  # still being worked past its due time
    ticket(status="waiting_user")  # the clock stands still
    row = avail.monthly_review(desk.pemda, y, m)[0]
    assert row.months[-1].breaches == 2 and row.months[-1].breached
