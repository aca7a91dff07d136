"""Bandwidth (002 Ps.35(2)): the needs analysis formula, BandwidthAllocation periods and the
BandwidthCapacity ceiling, BandwidthUsage imports with per-row errors (CSV and SNMP counters,
wrap-around and reset), the monthly over/under-use classification, its alerts, and the demo."""

import datetime
import io
import time
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kelola.connectivity import bandwidth, importing, reports
from kelola.connectivity.choices import UsageClass
from kelola.connectivity.models import (
    BandwidthAllocation,
    BandwidthCapacity,
    BandwidthNeed,
    BandwidthUsage,
)
from kelola.core.errors import KelolaError
from kelola.core.models import Notification

pytestmark = pytest.mark.django_db
D = datetime.date


def upload(text: str):
    return io.BytesIO(text.encode("utf-8"))


def test_recommendation_formula():
    assert bandwidth.recommend(40, 3) == Decimal(26)
    assert bandwidth.recommend(3, 0) == bandwidth.MINIMUM_MBPS
    assert bandwidth.recommend(11, 0) == Decimal(6)  # 5.5 rounded up


def test_need_is_computed_unique_and_kept_by_the_opd(bw):
    assert bw.need.recommended_mbps == Decimal(26)
    updated = bandwidth.need_update(bw.need, actor=bw.users["agency_it_officer"], staff_users=100)
    assert updated.recommended_mbps == Decimal(56)
    with pytest.raises(KelolaError, match="sudah ada"):
        bandwidth.need_create(
            actor=bw.users["gcio"], agency=bw.health, year=2026, staff_users=1, requested_mbps=1
        )
    with pytest.raises(KelolaError):
        bandwidth.need_update(bw.need, actor=bw.other_agency_head, staff_users=1)
    assert BandwidthNeed.objects.count() == 1


def test_allocations_may_not_overlap_or_exceed_the_capacity(bw):
    manager = bw.users["infrastructure"]
    with pytest.raises(KelolaError, match="tumpang tindih"):
        bandwidth.allocation_create(
            actor=manager, agency=bw.health, committed_mbps=10, valid_from=D(2026, 6, 1)
        )
    ended = bandwidth.allocation_update(bw.allocation, actor=manager, valid_to=D(2026, 5, 31))
    assert ended.valid_to == D(2026, 5, 31)
    bandwidth.allocation_create(actor=manager, agency=bw.health, committed_mbps=50, valid_from=D(2026, 6, 1))
    with pytest.raises(KelolaError, match="melebihi kapasitas") as refused:
        bandwidth.allocation_create(
            actor=manager, agency=bw.education, committed_mbps=61, valid_from=D(2026, 3, 1)
        )
    assert "1 Maret 2026: total alokasi 101 Mbps, kapasitas 100 Mbps" in str(refused.value.message)
    bandwidth.allocation_create(
        actor=manager, agency=bw.education, committed_mbps=50, valid_from=D(2026, 3, 1)
    )
    # the link cannot shrink below what is allocated, nor go away
    with pytest.raises(KelolaError, match="melebihi kapasitas"):
        bandwidth.capacity_update(bw.link, actor=manager, capacity_mbps=Decimal(80))
    with pytest.raises(KelolaError):
        bandwidth.capacity_delete(bw.link, actor=manager)
    assert BandwidthCapacity.objects.get(pk=bw.link.pk).capacity_mbps == Decimal(100)
    # a second link makes room
    bandwidth.capacity_create(
        actor=manager, pemda=bw.pemda, name="Cadangan", capacity_mbps=Decimal(50), valid_from=D(2026, 1, 1)
    )
    bandwidth.allocation_create(actor=manager, agency=bw.clinic, committed_mbps=40, valid_from=D(2026, 7, 1))
    assert BandwidthAllocation.objects.count() == 4
    # an OPD cannot allocate to itself
    with pytest.raises(KelolaError):
        bandwidth.allocation_create(
            actor=bw.users["agency_head"], agency=bw.health, committed_mbps=1, valid_from=D(2030, 1, 1)
        )


CSV = (
    "tanggal;kode;rata_rata_mbps;puncak_mbps\n"
    "2026-03-02;Dinkes;20,5;35\n"
    "03-03-2026;Dinas Kesehatan;21;36.5\n"
    "2026-03-04;Tidak Ada;10;20\n"
    "bukan tanggal;Dinkes;10;20\n"
    "2026-03-05;Dinkes;abc;-1\n"
    "2026-03-06;Dinkes;30;20\n"
    "2026-03-02;Dinkes;1;2\n"
)


def test_csv_import_keeps_valid_rows_and_reports_the_others(bw):
    report = importing.import_csv(upload(CSV), actor=bw.users["infrastructure"])
    assert (report["created"], report["failed"], report["skipped"]) == (2, 5, 0)
    errors = {row["row"]: row["errors"] for row in report["rows"]}
    assert "tidak ditemukan" in " ".join(errors[4]["Perangkat daerah"])
    assert "Tanggal" in errors[5]
    assert set(errors[6]) == {"Rata-rata", "Puncak"}
    assert "lebih kecil" in errors[7]["Puncak"][0]
    assert "baris sebelumnya" in errors[8]["Baris"][0]
    usage = BandwidthUsage.objects.get(period=D(2026, 3, 2))
    assert (usage.avg_mbps, usage.peak_mbps, usage.source) == (Decimal("20.50"), Decimal(35), "csv")
    workbook = load_workbook(io.BytesIO(importing.report_xlsx(report)))
    assert workbook.active.max_row == 8  # header + 7 rows
    again = importing.import_csv(upload(CSV), actor=bw.users["infrastructure"])
    assert again["created"] == 0 and again["skipped"] == 2
    assert BandwidthUsage.objects.count() == 2


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "kosong"),
        ("tanggal,kode,puncak_mbps\n2026-01-01,Dinkes,3\n", "rata_rata_mbps"),
        ("tanggal,kode,rata_rata_mbps,puncak_mbps\n", "tidak berisi"),
    ],
)
def test_a_malformed_file_writes_nothing(bw, text, message):
    with pytest.raises(KelolaError, match=message):
        importing.import_csv(upload(text), actor=bw.users["infrastructure"])
    with pytest.raises(KelolaError, match="UTF-8"):
        importing.import_csv(io.BytesIO(b"\xff\xfe\x00\x01binary"), actor=bw.users["infrastructure"])
    assert not BandwidthUsage.objects.exists()


def test_only_the_bandwidth_managers_import(bw):
    for user in (bw.users["agency_head"], bw.users["auditor"], bw.users["it_support"], bw.no_role):
        with pytest.raises(KelolaError):
            importing.import_csv(upload(CSV), actor=user)
    assert not BandwidthUsage.objects.exists()


def test_snmp_counters_give_daily_average_and_peak_with_wrap_and_reset(bw):
    top = 2**64
    rows = [
        "timestamp,interface,ifHCInOctets,ifHCOutOctets",
        # 300 s intervals: 375,000,000 octets = 10 Mbps; 750,000,000 = 20 Mbps
        "2026-03-02 10:00:00,Dinkes,1000,0",
        "2026-03-02 10:05:00,Dinkes,375001000,0",
        f"2026-03-02 10:10:00,Dinkes,{top - 1000},0",  # a reset-like jump up is just a big delta
        "2026-03-02 10:15:00,Dinkes,749999000,0",  # wrapped: 750,000,000 octets = 20 Mbps
        "2026-03-02 10:15:00,Dinkes,749999000,0",  # same time again
        "2026-03-02 10:20:00,Dinkes,xyz,0",
        "2026-03-02 10:20:00,Nowhere,1,1",
    ]
    report = importing.import_snmp(upload("\n".join(rows) + "\n"), actor=bw.users["datacenter"])
    statuses = {row["row"]: row["status"] for row in report["rows"]}
    assert statuses[2] == "skipped"  # the first sample is the baseline
    assert statuses[3] == "created" and statuses[5] == "created"
    assert statuses[4] == "skipped"  # an impossible rate: the counter was reset, new baseline
    assert statuses[6] == "failed" and statuses[7] == "failed" and statuses[8] == "failed"
    usage = BandwidthUsage.objects.get(agency=bw.health, period=D(2026, 3, 2))
    # two valid intervals of 300 s: 10 and 20 Mbps
    assert usage.avg_mbps == Decimal("15.00") and usage.peak_mbps == Decimal("20.00")
    assert usage.source == "snmp"


def test_snmp_32_bit_counters_wrap_at_2_to_the_32(bw):
    top = 2**32
    text = (
        "timestamp,interface,ifInOctets,ifOutOctets\n"
        f"1772445600,Dinkes,{top - 37_500_000},5\n"  # epoch seconds
        "1772445900,Dinkes,337500000,10\n"  # 375,000,000 octets through the wrap = 10 Mbps
    )
    report = importing.import_snmp(upload(text), actor=bw.users["datacenter"])
    assert report["days"] == 1
    usage = BandwidthUsage.objects.get(agency=bw.health)
    assert usage.avg_mbps == Decimal("10.00")


def _usage(agency, day, average, peak):
    BandwidthUsage.objects.create(
        pemda=agency.pemda, agency=agency, period=day, avg_mbps=Decimal(average), peak_mbps=Decimal(peak)
    )


def test_classification_thresholds():
    forty = Decimal(40)
    assert reports.classify(forty, Decimal(36), Decimal(38)) == UsageClass.OVER  # average 90 %
    assert reports.classify(forty, Decimal(10), Decimal(40)) == UsageClass.OVER  # peak 100 %
    assert reports.classify(forty, Decimal(5), Decimal("11.9")) == UsageClass.UNDER  # peak < 30 %
    assert reports.classify(forty, Decimal(5), Decimal(12)) == UsageClass.NORMAL
    assert reports.classify(None, Decimal(5), Decimal(12)) == UsageClass.NO_ALLOCATION
    assert reports.classify(forty, None, None) == UsageClass.NO_DATA


def test_month_report_and_over_use_alert(bw):
    manager = bw.users["infrastructure"]
    bandwidth.allocation_create(
        actor=manager, agency=bw.education, committed_mbps=50, valid_from=D(2026, 1, 1)
    )
    _usage(bw.education, D(2026, 3, 2), 5, 10)  # under use: peak 20 %
    text = "tanggal,kode,rata_rata_mbps,puncak_mbps\n2026-03-02,Dinkes,37,39\n2026-03-03,Dinkes,36,40\n"
    report = importing.import_csv(upload(text), actor=manager)
    assert report["over_use"] == [{"agency": "Dinas Kesehatan", "month": "2026-03"}]
    told = Notification.objects.filter(kind="connectivity.over_use")
    recipients = set(told.values_list("recipient__username", flat=True))
    assert {"agency_operator", "agency_head", "infrastructure", "datacenter"} <= recipients
    assert "other_agency_operator" not in recipients and "other_pemda_gcio" not in recipients
    count = told.count()
    importing.import_csv(
        upload("tanggal,kode,rata_rata_mbps,puncak_mbps\n2026-03-04,Dinkes,38,39\n"), actor=manager
    )
    assert told.count() == count  # once per month
    rows = {r.agency.name: r for r in reports.month_report(bw.users["gcio"], 2026, 3)}
    health = rows["Dinas Kesehatan"]
    assert (health.classification, health.days, health.allocated) == ("over", 3, Decimal(40))
    assert health.average == Decimal("37.00") and health.peak_percent == Decimal("100.0")
    assert rows["Dinas Pendidikan"].classification == "under"
    # an OPD sees only its own row
    mine = reports.month_report(bw.users["agency_operator"], 2026, 3)
    assert [r.agency.name for r in mine] == ["Dinas Kesehatan"]
    assert reports.month_report(bw.other_pemda_gcio, 2026, 3) == []


def test_demo_is_fast_and_idempotent(world):
    from kelola.connectivity import demo
    from kelola.connectivity.models import ConnectionPointRequest, EventNetworkRequest
    from kelola.core.demo.builder import DemoResult

    result = DemoResult()
    started = time.monotonic()
    demo.build(world.pemda, result)
    assert time.monotonic() - started < 5
    assert ConnectionPointRequest.objects.count() == 5 and EventNetworkRequest.objects.count() == 4
    assert BandwidthUsage.objects.filter(pemda=world.pemda).count() > 300
    year, month = reports.previous_month()
    classes = {r.classification for r in reports.month_report(None, year, month, pemda_id=world.pemda.pk)}
    assert {"over", "under"} <= classes
    before = BandwidthUsage.objects.count()
    again = DemoResult()
    demo.build(world.pemda, again)
    assert again.created == {} and BandwidthUsage.objects.count() == before
