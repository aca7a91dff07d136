"""VPS for OPDs without their own server (DC-2, 001 Ps.9(5)): request, approval, provisioning
with a VM and an address, renewal, expiry reminders and the switch to expired; refused for an
OPD deemed Mandiri TIK."""

import datetime

import pytest

from kelola.core.errors import KelolaError
from kelola.core.models import Agency, Notification
from kelola.hosting import vps
from kelola.hosting.models import VpsRenewal, VpsRequest

pytestmark = pytest.mark.django_db


def ask(hub, agency=None, actor=None, **extra):
    values = dict(
        actor=actor or hub.users["agency_operator"],
        agency=agency or hub.health,
        purpose="Portal informasi kesehatan",
        vcpus=2,
        memory_gb=4,
        storage_gb=80,
        operating_system="Debian 12",
        period_months=12,
        system=hub.system,
    )
    values.update(extra)
    return vps.vps_create(**values)


def provisioned(hub, today=datetime.date(2026, 1, 15)):
    item = ask(hub)
    vps.vps_transition(item, "approve", actor=hub.users["datacenter"])
    return vps.vps_provision(
        item, actor=hub.users["datacenter"], host=hub.host, name="vps-dinkes", prefix=hub.lan,
        handover_note="Akun diserahkan langsung", today=today,
    )  # fmt: skip


def test_request_approve_provision(hub):
    item = ask(hub)
    assert item.status == "submitted"
    assert Notification.objects.filter(recipient=hub.users["datacenter"], kind="hosting.vps_request").exists()
    with pytest.raises(KelolaError):
        vps.vps_provision(item, actor=hub.users["datacenter"], host=hub.host)  # not approved yet
    vps.vps_transition(item, "approve", actor=hub.users["gcio"])
    done = vps.vps_provision(
        item, actor=hub.users["datacenter"], host=hub.host, prefix=hub.lan, today=datetime.date(2026, 1, 31)
    )
    assert done.status == "provisioned" and done.expires_on == datetime.date(2027, 1, 31)
    vm = done.device
    assert (vm.kind, vm.origin, vm.host, vm.agency, vm.vcpus, vm.memory_gb) == (
        "vm",
        "vps",
        hub.host,
        hub.health,
        2,
        4,
    )
    assert done.address.address == "10.50.0.1" and done.address.device == vm


def test_rejection_needs_a_reason(hub):
    item = ask(hub)
    with pytest.raises(KelolaError):
        vps.vps_transition(item, "reject", actor=hub.users["datacenter"], comment="")
    vps.vps_transition(item, "reject", actor=hub.users["datacenter"], comment="Kapasitas host penuh")
    item.refresh_from_db()
    assert item.status == "rejected" and item.decision_reason == "Kapasitas host penuh"


def test_a_mandiri_tik_agency_is_refused(hub):
    Agency.objects.filter(pk=hub.health.pk).update(it_self_reliant=True)
    hub.health.refresh_from_db()
    with pytest.raises(KelolaError, match="Mandiri TIK") as refused:
        ask(hub)
    assert refused.value.code == "rule_violation" and not VpsRequest.objects.exists()


def test_only_the_opd_or_the_team_files_and_only_the_team_provisions(hub):
    with pytest.raises(KelolaError):
        ask(hub, actor=hub.other_agency_operator)
    with pytest.raises(KelolaError):
        ask(hub, actor=hub.users["helpdesk"])
    item = ask(hub)
    for user in (hub.users["agency_head"], hub.users["helpdesk"], hub.other_pemda_gcio):
        with pytest.raises(KelolaError):
            vps.vps_transition(item, "approve", actor=user)
    vps.vps_transition(item, "approve", actor=hub.users["datacenter"])
    with pytest.raises(KelolaError):
        vps.vps_provision(item, actor=hub.users["gcio"], host=hub.host)
    item.refresh_from_db()
    assert item.status == "approved" and item.device is None


def test_renewal_extends_the_expiry(hub):
    item = provisioned(hub)
    assert item.expires_on == datetime.date(2027, 1, 15)
    with pytest.raises(KelolaError):
        vps.renewal_create(item, actor=hub.other_agency_operator, months=6, reason="x")
    renewal = vps.renewal_create(item, actor=hub.users["agency_operator"], months=6, reason="Masih dipakai")
    with pytest.raises(KelolaError):
        vps.renewal_create(
            item, actor=hub.users["agency_operator"], months=6, reason="lagi"
        )  # one open at a time
    with pytest.raises(KelolaError):
        vps.renewal_decide(renewal, actor=hub.users["agency_head"], approve=True)
    vps.renewal_decide(renewal, actor=hub.users["datacenter"], approve=True, today=datetime.date(2026, 12, 1))
    item.refresh_from_db()
    renewal.refresh_from_db()
    assert item.expires_on == datetime.date(2027, 7, 15) and renewal.new_expires_on == item.expires_on
    assert renewal.status == "approved" and item.status == "provisioned"
    second = vps.renewal_create(item, actor=hub.users["agency_operator"], months=3, reason="Lagi")
    with pytest.raises(KelolaError):
        vps.renewal_decide(second, actor=hub.users["datacenter"], approve=False, comment="")
    vps.renewal_decide(second, actor=hub.users["datacenter"], approve=False, comment="Sudah ada server baru")
    item.refresh_from_db()
    assert (
        item.expires_on == datetime.date(2027, 7, 15)
        and VpsRenewal.objects.filter(status="rejected").count() == 1
    )


def test_expiry_reminder_then_expired_then_renewed_back(hub):
    item = provisioned(hub)  # until 2027-01-15
    assert vps.expiry_scan(today=datetime.date(2026, 12, 1)) == {"reminded": 0, "expired": 0}
    assert vps.expiry_scan(today=datetime.date(2026, 12, 20)) == {"reminded": 1, "expired": 0}
    assert vps.expiry_scan(today=datetime.date(2026, 12, 21)) == {"reminded": 0, "expired": 0}  # once
    assert Notification.objects.filter(
        recipient=hub.users["agency_operator"], kind="hosting.vps_expiry"
    ).exists()
    assert vps.expiry_scan(today=datetime.date(2027, 1, 15)) == {"reminded": 0, "expired": 0}
    assert vps.expiry_scan(today=datetime.date(2027, 1, 16)) == {"reminded": 0, "expired": 1}
    item.refresh_from_db()
    assert item.status == "expired"
    renewal = vps.renewal_create(item, actor=hub.users["agency_head"], months=12, reason="Lupa memperpanjang")
    vps.renewal_decide(renewal, actor=hub.users["datacenter"], approve=True, today=datetime.date(2027, 1, 20))
    item.refresh_from_db()
    assert item.status == "provisioned" and item.expires_on == datetime.date(2028, 1, 20)
    assert item.expiry_reminded_on is None


def test_terminate_needs_a_reason(hub):
    item = provisioned(hub)
    with pytest.raises(KelolaError):
        vps.vps_transition(item, "terminate", actor=hub.users["datacenter"])
    vps.vps_transition(item, "terminate", actor=hub.users["datacenter"], comment="Aplikasi dipensiunkan")
    assert item.status == "terminated"


def test_add_months():
    assert vps.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert vps.add_months(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)
    assert vps.add_months(datetime.date(2028, 1, 29), 1) == datetime.date(2028, 2, 29)
