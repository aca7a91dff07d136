"""Demo hosting register (DC-1, DC-2) of the demo city, walked through the real workflow after
the data-center and address-plan demos: a completed colocation (server in a rack, public and
local addresses), a colocation waiting for the vendor's setup with its first reminder letter, a
rejected request with its reasons letter, a hosting request under application checks, a fresh
request; and three VPS (active, waiting, rejected). Idempotent: nothing is added once the city
has hosting requests."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from kelola.core.audit import audit_context
from kelola.core.errors import KelolaError
from kelola.core.models import Agency, User

from . import hosting, reminders, vps
from .choices import APPLICATION_ITEMS, PHYSICAL_ITEMS
from .models import HostingRequest, VpsRequest

#: Racks left alone: the deliberately dense one of the data-center demo.
SKIPPED_RACKS = ("R08",)


def build_workflows(city, result) -> None:
    if HostingRequest.objects.filter(pemda=city).exists():
        return
    people = {u.username: u for u in User.objects.filter(pemda=city)}
    team, gcio = people.get("datacenter"), people.get("gcio")
    health = Agency.objects.filter(pemda=city, short_name="Dinkes").first()
    education = Agency.objects.filter(pemda=city, short_name="Disdik").first()
    if None in (team, gcio, health, education):
        return
    with audit_context(comment="demo"):
        _hosting(city, people, team, gcio, health, education, result)
        _vps(city, people, team, health, education, result)


def _system(agency, index=0):
    from kelola.portfolio.models import ElectronicSystem

    systems = list(ElectronicSystem.objects.filter(agency=agency).order_by("pk")[: index + 1])
    return systems[index] if len(systems) > index else (systems[0] if systems else None)


def _file(agency, actor, kind, system, number, day, **extra):
    return hosting.request_create(
        actor=actor,
        agency=agency,
        kind=kind,
        system=system,
        letter_number=f"000.1/{number}/{agency.short_name}/{day.year}",
        letter_date=day,
        purpose=extra.pop("purpose", f"Penitipan {system}"),
        vendor=extra.pop("vendor", "PT Solusi Digital Nusantara"),
        operating_system="Ubuntu Server 24.04 LTS",
        **extra,
    )


def _walk(request, team, gcio, *, until: str, rack=None, position=None, prefixes=()):
    """Take the SOP's steps in order up to (and including) `until`."""
    step = hosting.request_transition
    plan = [
        ("review", team, dict(comment="Surat lengkap; didisposisikan ke pengelola pusat data.")),
        ("classify_server", team, {}),
        ("physical", team, {}),
        ("report_physical", team, {}),
        ("approve", gcio, dict(comment="Layak ditempatkan; gunakan jalur daya A.")),
        ("setup_done", team, dict(comment="Setting dan pengujian oleh rekanan selesai.")),
        ("place", team, dict(rack=rack, position=position)),
        ("application", team, {}),
        ("report_app", team, {}),
        ("approve_app", gcio, {}),
        ("install", team, dict(comment="Aplikasi diuji dan terpasang.")),
        ("assign_ip", team, dict(prefixes=list(prefixes))),
    ]
    for name, actor, params in plan:
        if name in ("physical", "application"):
            items = PHYSICAL_ITEMS if name == "physical" else APPLICATION_ITEMS
            for item in items:
                hosting.check_record(request, actor=actor, item=item, passed=True, note="Sesuai")
        else:
            step(request, name, actor=actor, **params)
        if name == until:
            return request
    return request


def _free_spot(city, u_height: int):
    """The first rack (not the dense one) with `u_height` free units, and the lowest position."""
    from kelola.datacenter.models import Rack

    for rack in Rack.objects.filter(pemda=city).exclude(name__in=SKIPPED_RACKS).order_by("name"):
        used = set()
        for position, height in rack.devices.filter(position__isnull=False).values_list(
            "position", "u_height"
        ):
            used.update(range(position, position + height))
        for start in range(2, rack.u_height - u_height + 1):
            if not used & set(range(start, start + u_height)):
                return rack, start
    return None, None


def _hosting(city, people, team, gcio, health, education, result) -> None:
    from kelola.network.models import Prefix

    today = timezone.localdate()
    operator = people.get("operator.kesehatan") or team
    school = people.get("operator.pendidikan") or team
    public = Prefix.objects.filter(pemda=city, scope="public").order_by("prefix_length").first()
    local = Prefix.objects.filter(pemda=city, agency=health, scope="private").first()
    server = dict(
        server_brand="Dell PowerEdge R650", serial_number="SGH-2026-001", u_height=2, power_watt=650
    )

    rack, position = _free_spot(city, 2)
    if rack is not None and public is not None and local is not None:
        done = _file(
            health, operator, "colocation", _system(health), 41, today - datetime.timedelta(days=40), **server
        )
        try:
            _walk(done, team, gcio, until="assign_ip", rack=rack, position=position, prefixes=[public, local])
            result.count("hosting_request", True)
        except KelolaError:
            pass  # the data-center demo left no room: the request stays where it stopped

    waiting = _file(
        health, operator, "colocation", _system(health, 1), 52, today - datetime.timedelta(days=6),
        **{**server, "serial_number": "SGH-2026-002"},
    )  # fmt: skip
    _walk(waiting, team, gcio, until="approve")
    # The vendor's window ran out: the first notice goes out (the schedule does this hourly).
    HostingRequest.objects.filter(pk=waiting.pk).update(
        setup_deadline=timezone.now() - datetime.timedelta(hours=3)
    )
    reminders.setup_reminders()
    result.count("hosting_request", True)

    rejected = _file(
        education, school, "colocation", _system(education), 17, today - datetime.timedelta(days=20),
        server_brand="Rakitan lokal", u_height=4, power_watt=900,
    )  # fmt: skip
    _walk(rejected, team, gcio, until="report_physical")
    hosting.request_transition(
        rejected,
        "reject",
        actor=gcio,
        comment="Sistem operasi tanpa lisensi yang sah dan server rakitan tanpa garansi; "
        "gunakan layanan hosting atau VPS.",
    )
    result.count("hosting_request", True)

    app = _file(education, school, "hosting", _system(education, 1), 23, today - datetime.timedelta(days=3))
    hosting.request_transition(app, "review", actor=team, comment="Cukup dipasang di VM pusat data.")
    hosting.request_transition(app, "classify_app", actor=team)
    hosting.check_record(app, actor=team, item="app_legality", passed=True, note="Lisensi lengkap")
    result.count("hosting_request", True)

    _file(health, operator, "hosting", _system(health, 2), 60, today - datetime.timedelta(days=1))
    result.count("hosting_request", True)


def _vps(city, people, team, health, education, result) -> None:
    from kelola.datacenter.models import Device
    from kelola.network.models import Prefix

    host = (
        Device.objects.filter(pemda=city, kind="server", status="active", origin="pemda")
        .filter(Q(name__startswith="hv") | Q(guests__isnull=False))
        .distinct()
        .order_by("name")
        .first()
    )
    operator = people.get("operator.kesehatan") or team
    school = people.get("operator.pendidikan") or team
    specs = dict(vcpus=2, memory_gb=4, storage_gb=80, operating_system="Debian 12", period_months=12)
    candidates = [a for a in (education, health) if not a.it_self_reliant]
    if not candidates:
        return
    agency = candidates[0]
    actor = school if agency == education else operator
    active = vps.vps_create(actor=actor, agency=agency, purpose="Portal informasi sekolah", **specs)
    vps.vps_transition(active, "approve", actor=team)
    if host is not None:
        prefix = Prefix.objects.filter(pemda=city, agency=agency, scope="private").first()
        name = f"vps-{(agency.short_name or 'opd').lower()}-01"
        vps.vps_provision(
            active, actor=team, host=host, prefix=prefix, name=name,
            handover_note="Akun administrator diserahkan langsung kepada pengelola TI perangkat daerah.",
        )  # fmt: skip
    waiting = vps.vps_create(actor=actor, agency=agency, purpose="Aplikasi survei kepuasan", **specs)
    refused = vps.vps_create(
        actor=actor, agency=agency, purpose="Server berkas bersama", **{**specs, "storage_gb": 4000}
    )
    vps.vps_transition(refused, "reject", actor=team, comment="Kebutuhan penyimpanan melebihi kapasitas VPS.")
    for row in (active, waiting, refused):
        result.count("vps_request", VpsRequest.objects.filter(pk=row.pk).exists())
