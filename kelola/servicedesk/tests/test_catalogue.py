"""DESK-1 service catalogue and DESK-5 working calendar: who reads and changes them, SLA targets
per priority, the critical flag proposed by the owner and set by the IT office, holidays."""

import datetime

import pytest

from kelola.core.errors import KelolaError
from kelola.servicedesk import clock, services
from kelola.servicedesk.models import Holiday, Service, ServiceLevel, WorkCalendar, clock_calendar

pytestmark = pytest.mark.django_db

LIST = "/layanan-ti/layanan/"
API = "/api/v1/it-services/"


def make_service(world, agency=None, **extra):
    data = {"name": "Reset kata sandi e-mail dinas", "description": "Pemulihan akun", "category": "account"}
    data.update(extra)
    return services.service_create(actor=world.users["gcio"], agency=agency or world.it_office, **data)


def test_a_new_service_gets_the_default_targets(world):
    service = make_service(world)
    levels = {
        lvl.priority: (lvl.response_minutes, lvl.resolution_minutes)
        for lvl in ServiceLevel.objects.filter(service=service)
    }
    assert levels["p1"] == (30, 240) and set(levels) == {"p1", "p2", "p3", "p4"}


def test_targets_are_replaced_together_and_checked(world):
    service = make_service(world)
    targets = {"p1": (15, 120), "p2": (30, 240), "p3": (120, 960), "p4": (240, 2400)}
    services.levels_replace(service, targets, actor=world.users["helpdesk"])
    assert ServiceLevel.objects.get(service=service, priority="p1").resolution_minutes == 120
    with pytest.raises(KelolaError) as refused:
        services.levels_replace(service, targets | {"p2": (300, 60)}, actor=world.users["helpdesk"])
    assert "p2" in refused.value.errors
    with pytest.raises(KelolaError):
        services.levels_replace(service, targets, actor=world.users["agency_head"])
    assert ServiceLevel.objects.get(service=service, priority="p2").response_minutes == 30


def test_the_owner_proposes_critical_the_it_office_sets_it(world):
    service = make_service(world, agency=world.health, name="SIMPUS")
    head = world.users["agency_head"]
    services.service_update(service, actor=head, critical_proposed=True, description="Rekam medis")
    with pytest.raises(KelolaError) as refused:
        services.service_update(service, actor=head, critical=True)
    assert refused.value.code == "forbidden"
    services.service_update(service, actor=world.users["gcio"], critical=True)
    service.refresh_from_db()
    assert service.critical and service.critical_proposed
    with pytest.raises(KelolaError):  # another agency may not touch it
        services.service_update(service, actor=world.other_agency_head, description="x")


def test_restricted_services_name_their_agencies(world):
    service = make_service(world, available_to_all=False, allowed_agencies=[world.health, world.other_health])
    assert list(service.allowed_agencies.all()) == [world.health]  # another pemda's agency is dropped
    assert service.may_be_used_by(world.health) and not service.may_be_used_by(world.education)


@pytest.mark.parametrize("who", ["agency_operator", "bappeda", "gcio", "other_agency_operator"])
def test_the_catalogue_is_read_by_every_member_of_the_pemda(world, client_for, api_for, who):
    service = make_service(world)
    user = getattr(world, who, None) or world.users[who]
    assert service.name in client_for(user).get(LIST).content.decode()
    assert api_for(user).get(f"{API}{service.pk}/").status_code == 200


def test_another_pemda_and_changes_by_readers_are_refused(world, client_for, api_for):
    service = make_service(world)
    assert api_for(world.other_pemda_gcio).get(f"{API}{service.pk}/").status_code == 404
    assert client_for(world.other_pemda_gcio).get(f"{LIST}{service.pk}/").status_code == 404
    assert (
        api_for(world.users["agency_operator"])
        .patch(f"{API}{service.pk}/", {"name": "x"}, format="json")
        .status_code
        == 403
    )
    assert api_for(world.users["agency_head"]).delete(f"{API}{service.pk}/").status_code == 403
    assert client_for(world.users["bappeda"]).get(f"{LIST}{service.pk}/sla/").status_code == 403
    levels = {"p1": [10, 60], "p2": [20, 120], "p3": [60, 480], "p4": [120, 960]}
    assert (
        api_for(world.users["helpdesk"]).put(f"{API}{service.pk}/levels/", levels, format="json").status_code
        == 200
    )
    assert (
        api_for(world.users["agency_head"])
        .put(f"{API}{service.pk}/levels/", levels, format="json")
        .status_code
        == 403
    )


def test_service_pages(world, client_for):
    client = client_for(world.users["gcio"])
    response = client.post(
        f"{LIST}tambah/",
        {
            "agency": world.it_office.pk,
            "name": "Pemasangan jaringan LAN",
            "description": "Titik jaringan baru",
            "category": "network",
            "team": "infrastructure",
            "availability_target": "99.5",
            "requires_letter": "on",
            "available_to_all": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    service = Service.objects.get(name="Pemasangan jaringan LAN")
    page = client.get(f"{LIST}{service.pk}/").content.decode()
    assert "P1 — Kritis" in page and "Target SLA" in page
    form = {
        f"{p}_{k}": v for p in ("p1", "p2", "p3", "p4") for k, v in (("response", "10"), ("resolution", "5"))
    }
    assert client.post(f"{LIST}{service.pk}/sla/", form).status_code == 400  # resolution before response


def test_calendar_defaults_to_office_hours_and_uses_the_pemda_time_zone(world):
    assert str(clock_calendar(world.other_pemda.pk).tz) == "Asia/Jakarta"  # cached now
    world.other_pemda.timezone = "Asia/Makassar"
    world.other_pemda.save(update_fields=["timezone"])
    cal = clock_calendar(world.other_pemda)
    assert str(cal.tz) == "Asia/Makassar" and cal.hours[4] == (datetime.time(7, 30), datetime.time(16, 30))
    assert 5 not in cal.hours and 6 not in cal.hours


def test_calendar_and_holidays_feed_the_clock(world, client_for):
    client = client_for(world.users["helpdesk"])
    hours = {f"{day}_{edge}": "" for day in ("saturday", "sunday") for edge in ("start", "end")}
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday"):
        hours[f"{day}_start"], hours[f"{day}_end"] = "08:00", "16:00"
    assert client.post("/layanan-ti/kalender/", {"action": "hours", **hours}).status_code == 302
    assert WorkCalendar.objects.get(pemda=world.pemda).friday_end == datetime.time(16, 0)
    client.post("/layanan-ti/kalender/", {"action": "holiday", "date": "2026-12-07", "name": "Cuti bersama"})
    start = datetime.datetime(2026, 12, 4, 15, tzinfo=clock_calendar(world.pemda).tz)  # Friday 15:00
    due = clock.add(clock_calendar(world.pemda), start, datetime.timedelta(hours=2))
    assert due.date() == datetime.date(2026, 12, 8) and due.hour == 9  # Monday is a holiday
    bad = {**hours, "monday_end": "07:00"}
    assert client.post("/layanan-ti/kalender/", {"action": "hours", **bad}).status_code == 400
    refused = client_for(world.users["agency_operator"]).post(
        "/layanan-ti/kalender/", {"action": "holiday", "date": "2026-12-08", "name": "x"}
    )
    assert refused.status_code == 302 and not Holiday.objects.filter(date=datetime.date(2026, 12, 8)).exists()


def test_national_holidays_are_imported_once(world, api_for):
    api = api_for(world.users["gcio"])
    first = api.post("/api/v1/holidays/import-national/", {"year": 2026})
    assert first.status_code == 200 and len(first.json()) >= 15
    assert "Tahun Baru Masehi" in {row["name"] for row in first.json()}
    again = api.post("/api/v1/holidays/import-national/", {"year": 2026})
    assert again.json() == []
    assert (
        api_for(world.users["agency_head"])
        .post("/api/v1/holidays/import-national/", {"year": 2027})
        .status_code
        == 403
    )
    assert api_for(world.other_pemda_gcio).get("/api/v1/holidays/").json()["results"] == []


def test_cached_calendar_and_targets_follow_every_edit(world):
    from kelola.servicedesk.models import service_targets

    gcio = world.users["gcio"]
    service = services.service_create(
        actor=gcio, agency=world.it_office, name="Cache", description="-", category="other"
    )
    day = datetime.date(2031, 3, 3)
    assert day not in clock_calendar(world.pemda).holidays
    holiday = services.holiday_create(actor=gcio, pemda=world.pemda, date=day, name="Libur uji")
    assert day in clock_calendar(world.pemda).holidays
    services.holiday_delete(holiday, actor=gcio)
    assert day not in clock_calendar(world.pemda).holidays
    before = service_targets(service.pk)["p1"]
    services.levels_replace(
        service, {"p1": (10, 100), "p2": (60, 480), "p3": (240, 1440), "p4": (480, 2400)}, actor=gcio
    )
    assert before != (10, 100) and service_targets(service.pk)["p1"] == (10, 100)
