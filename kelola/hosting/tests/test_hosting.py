"""The procedure of 004 Lampiran IV 1.1.1 through the services: colocation and hosting paths,
the backup rule of 002 Ps.34, a rejection with its reasons letter, the 2 x 24 h setup window
with its three reminder letters, and refused steps that change nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kelola.core.errors import KelolaError
from kelola.core.models import AuditEntry, Document, Letter, Notification, TimelineEvent
from kelola.datacenter.models import DataCenter, Device
from kelola.hosting import hosting, reminders
from kelola.hosting.choices import APPLICATION_ITEMS, PHYSICAL_ITEMS
from kelola.hosting.models import HostingCheck, HostingReminder, HostingRequest
from kelola.network.models import IpAddress

pytestmark = pytest.mark.django_db


def file_request(hub, kind="colocation", **extra):
    values = dict(
        actor=hub.users["agency_operator"],
        agency=hub.health,
        kind=kind,
        system=hub.system,
        letter_number="000.1/12/Dinkes/2026",
        letter_date=datetime.date(2026, 3, 2),
        purpose="Server SIMPUS baru",
        vendor="PT Medika Data",
        server_brand="Dell R650" if kind != "hosting" else "",
        serial_number="SN-123",
        u_height=2 if kind != "hosting" else None,
        power_watt=600 if kind != "hosting" else None,
        operating_system="Ubuntu 24.04",
    )
    values.update(extra)
    return hosting.request_create(**values)


def step(request, name, role, hub, comment="", **params):
    return hosting.request_transition(request, name, actor=hub.users[role], comment=comment, **params)


def check_all(request, items, hub, passed=True):
    for item in items:
        hosting.check_record(request, actor=hub.users["datacenter"], item=item, passed=passed, note="ok")


def walk_to_setup(hub, **extra):
    request = file_request(hub, **extra)
    step(request, "review", "datacenter", hub, "Surat lengkap, didisposisikan ke pusat data")
    step(request, "classify_server", "datacenter", hub)
    check_all(request, PHYSICAL_ITEMS, hub)
    step(request, "report_physical", "datacenter", hub)
    step(request, "approve", "gcio", hub, "Layak ditempatkan")
    return request


def test_colocation_walks_every_step_of_the_sop(hub):
    letter_scan = SimpleUploadedFile("surat.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    request = file_request(hub, letter_file=letter_scan)
    assert request.status == "submitted" and request.requested_by == hub.users["agency_operator"]
    assert Document.objects.filter(target_id=str(request.pk), kind="letter").count() == 1
    assert Notification.objects.filter(recipient=hub.users["datacenter"], kind="hosting.request").exists()

    step(request, "review", "datacenter", hub, "Surat lengkap")
    step(request, "classify_server", "datacenter", hub)
    assert request.status == "physical_check"
    with pytest.raises(KelolaError, match="Ketersediaan rak"):
        step(request, "report_physical", "datacenter", hub)  # the checks are not recorded yet
    check_all(request, PHYSICAL_ITEMS, hub)
    hosting.check_record(
        request, actor=hub.users["datacenter"], item="power", passed=False, note="PDU B penuh"
    )
    assert HostingCheck.objects.filter(request=request, stage="physical").count() == 5
    step(request, "report_physical", "datacenter", hub)
    assert Notification.objects.filter(
        recipient=hub.users["gcio"], title__contains="pemeriksaan fisik"
    ).exists()

    before = timezone.now()
    step(request, "approve", "gcio", hub, "Layak, gunakan PDU A")
    request.refresh_from_db()
    assert request.status == "setup" and request.recommendation == "Layak, gunakan PDU A"
    assert request.decided_by == hub.users["gcio"]
    assert request.setup_deadline >= before + hosting.SETUP_WINDOW - datetime.timedelta(seconds=5)
    approval = Letter.objects.get(target_id=str(request.pk), kind="notification")
    assert approval.recipient_agency == hub.health and "2 x 24 jam" in approval.body

    step(request, "setup_done", "agency_operator", hub, "Setting oleh rekanan selesai")
    step(request, "place", "datacenter", hub, rack=hub.rack, position=10, device_name="srv-simpus")
    request.refresh_from_db()
    device = request.device
    assert request.status == "app_check"
    assert (device.rack, device.position, device.u_height, device.origin) == (hub.rack, 10, 2, "colocation")
    assert device.agency == hub.health and list(device.systems.all()) == [hub.system]

    check_all(request, APPLICATION_ITEMS, hub)
    step(request, "report_app", "datacenter", hub)
    step(request, "approve_app", "gcio", hub)
    assert Letter.objects.filter(target_id=str(request.pk), kind="notification").count() == 2
    step(request, "install", "datacenter", hub, "Aplikasi diuji di server")
    assert request.status == "addressing"
    step(request, "assign_ip", "datacenter", hub, prefixes=[hub.public, hub.lan])
    request.refresh_from_db()
    assert request.status == "completed" and request.completed_at is not None
    addresses = IpAddress.objects.filter(device=device).order_by("address")
    assert [a.address for a in addresses] == ["10.50.0.1", "203.0.113.1"]
    assert all(a.agency == hub.health and a.system == hub.system for a in addresses)
    assert set(request.addresses.all()) == set(addresses)
    assert Notification.objects.filter(
        recipient=hub.users["agency_operator"], kind="hosting.completed"
    ).exists()
    for role in ("helpdesk", "it_support", "infrastructure"):
        notice = Notification.objects.get(recipient=hub.users[role], kind="hosting.new_app")
        assert "203.0.113.1" in notice.body
    verbs = list(TimelineEvent.objects.filter(object_id=str(request.pk)).values_list("verb", flat=True))
    assert verbs == [
        "review", "classify_server", "report_physical", "approve", "setup_done", "place",
        "report_app", "approve_app", "install", "assign_ip",
    ]  # fmt: skip


def test_hosting_installs_the_application_on_a_new_vm(hub):
    request = file_request(hub, kind="hosting")
    step(request, "review", "datacenter", hub, "Aplikasi saja")
    step(request, "classify_app", "datacenter", hub)
    assert request.status == "app_check"
    with pytest.raises(KelolaError):
        hosting.check_record(request, actor=hub.users["datacenter"], item="rack", passed=True)
    check_all(request, APPLICATION_ITEMS, hub)
    step(request, "report_app", "datacenter", hub)
    step(request, "approve_app", "gcio", hub)
    with pytest.raises(KelolaError, match="Pilih VM"):
        step(request, "install", "datacenter", hub)
    step(request, "install", "datacenter", hub, host=hub.host, device_name="vm-simpus")
    request.refresh_from_db()
    vm = request.device
    assert (vm.kind, vm.origin, vm.host, vm.agency) == ("vm", "hosting", hub.host, hub.health)
    step(request, "assign_ip", "datacenter", hub, prefixes=[hub.lan])
    request.refresh_from_db()
    assert request.status == "completed" and request.addresses.get().device == vm


def test_a_colocation_request_may_be_classified_as_hosting_and_back(hub):
    request = file_request(hub)
    step(request, "review", "datacenter", hub, "Cukup aplikasi")
    step(request, "classify_app", "datacenter", hub)
    request.refresh_from_db()
    assert request.kind == "hosting" and request.status == "app_check"


def test_backup_system_only_for_an_opd_with_its_own_standard_data_center(hub):
    with pytest.raises(KelolaError, match=r"Ps\.34") as refused:
        file_request(hub, kind="backup")
    assert refused.value.code == "rule_violation" and not HostingRequest.objects.exists()
    assert AuditEntry.objects.filter(action="refused").exists()
    DataCenter.objects.create(pemda=hub.pemda, name="Ruang server Dinkes", code="DK", agency=hub.health)
    with pytest.raises(KelolaError, match=r"Ps\.34"):
        file_request(hub, kind="backup")  # its own, but below the standard: everything comes here
    DataCenter.objects.filter(code="DK").update(meets_standard=True)
    request = file_request(hub, kind="backup")
    step(request, "review", "datacenter", hub, "Sistem cadangan")
    with pytest.raises(KelolaError, match="sistem cadangan adalah server"):
        step(request, "classify_app", "datacenter", hub)
    step(request, "classify_server", "datacenter", hub)
    assert request.status == "physical_check"


def test_rejection_needs_reasons_and_sends_them_in_a_letter(hub):
    request = file_request(hub)
    step(request, "review", "datacenter", hub, "Dikaji")
    step(request, "classify_server", "datacenter", hub)
    check_all(request, PHYSICAL_ITEMS, hub, passed=False)
    step(request, "report_physical", "datacenter", hub)
    with pytest.raises(KelolaError, match="alasan penolakan"):
        step(request, "reject", "gcio", hub, "")
    assert not Letter.objects.exists()
    step(request, "reject", "gcio", hub, "Rak penuh; OS tanpa lisensi")
    request.refresh_from_db()
    assert request.status == "rejected" and request.decision_reason == "Rak penuh; OS tanpa lisensi"
    letter = Letter.objects.get(target_id=str(request.pk))
    assert "Rak penuh; OS tanpa lisensi" in letter.body and letter.recipient_agency == hub.health
    assert letter.document is not None and letter.signatory_name == str(hub.users["gcio"])
    assert Notification.objects.filter(
        recipient=hub.users["agency_operator"], kind="workflow.reject"
    ).exists()


def test_a_rejected_application_after_placement(hub):
    request = walk_to_setup(hub)
    step(request, "setup_done", "datacenter", hub)
    step(request, "place", "datacenter", hub, rack=hub.rack, position=20)
    check_all(request, APPLICATION_ITEMS, hub, passed=False)
    step(request, "report_app", "datacenter", hub)
    step(request, "reject", "gcio", hub, "Celah keamanan SQL injection")
    request.refresh_from_db()
    assert request.status == "rejected"


def test_reminder_sequence_over_three_windows_then_flag(hub):
    request = walk_to_setup(hub)
    request.refresh_from_db()
    deadline = request.setup_deadline
    hour = datetime.timedelta(hours=1)
    assert reminders.setup_reminders(now=deadline - hour) == {"reminders": 0, "flagged": 0, "unsigned": 0}
    issued = []
    moment = deadline + hour
    for number in (1, 2, 3):
        assert reminders.setup_reminders(now=moment)["reminders"] == 1
        assert reminders.setup_reminders(now=moment)["reminders"] == 0  # once per window
        reminder = HostingReminder.objects.get(request=request, number=number)
        assert reminder.window_ends_at == moment + hosting.SETUP_WINDOW
        assert reminder.letter.date == timezone.localdate(moment) and reminder.letter.kind == "reminder"
        assert f"ke-{number}" in reminder.letter.body and reminder.letter.recipient_agency == hub.health
        assert reminder.letter.signatory_name == str(hub.users["gcio"])
        issued.append(reminder.letter.number)
        assert reminders.setup_reminders(now=reminder.window_ends_at - hour)["reminders"] == 0
        moment = reminder.window_ends_at + hour
    assert len(set(issued)) == 3
    assert reminders.setup_reminders(now=moment) == {"reminders": 0, "flagged": 1, "unsigned": 0}
    request.refresh_from_db()
    assert request.setup_flagged_at == moment
    assert Notification.objects.filter(
        recipient=hub.users["datacenter"], kind="hosting.setup_overdue"
    ).exists()
    assert reminders.setup_reminders(now=moment + 10 * hosting.SETUP_WINDOW)["flagged"] == 0  # told once
    assert HostingReminder.objects.filter(request=request).count() == 3
    assert (
        Notification.objects.filter(
            recipient=hub.users["agency_operator"], kind="hosting.setup_reminder"
        ).count()
        == 3
    )


def test_setup_done_stops_the_reminders(hub):
    request = walk_to_setup(hub)
    request.refresh_from_db()
    reminders.setup_reminders(now=request.setup_deadline + datetime.timedelta(hours=1))
    step(request, "setup_done", "agency_operator", hub)
    later = request.setup_deadline + 5 * hosting.SETUP_WINDOW
    assert reminders.setup_reminders(now=later) == {"reminders": 0, "flagged": 0, "unsigned": 0}
    assert HostingReminder.objects.filter(request=request).count() == 1


def test_without_a_leader_no_letter_is_issued_and_the_team_is_told(hub):
    request = walk_to_setup(hub)
    request.refresh_from_db()
    hub.users["gcio"].roles.all().delete()
    result = reminders.setup_reminders(now=request.setup_deadline + datetime.timedelta(hours=1))
    assert result["unsigned"] == 1 and not HostingReminder.objects.exists()
    assert Notification.objects.filter(recipient=hub.users["datacenter"], kind="hosting.unsigned").exists()


def test_steps_are_taken_only_by_their_role_and_a_refusal_changes_nothing(hub):
    request = file_request(hub)
    for role in ("agency_operator", "gcio", "helpdesk", "auditor"):
        with pytest.raises(KelolaError):
            step(request, "review", role, hub, "x")
    step(request, "review", "datacenter", hub, "Dikaji")
    step(request, "classify_server", "datacenter", hub)
    for role in ("agency_operator", "gcio", "helpdesk"):
        with pytest.raises(KelolaError):
            hosting.check_record(request, actor=hub.users[role], item="rack", passed=True)
    check_all(request, PHYSICAL_ITEMS, hub)
    step(request, "report_physical", "datacenter", hub)
    before = AuditEntry.objects.exclude(action="refused").count()
    for role in ("datacenter", "agency_head", "pemda_admin"):
        with pytest.raises(KelolaError):
            step(request, "approve", role, hub)
    with pytest.raises(KelolaError):
        hosting.request_transition(request, "approve", actor=hub.other_pemda_gcio)
    request.refresh_from_db()
    assert request.status == "recommendation" and not Letter.objects.exists()
    assert AuditEntry.objects.exclude(action="refused").count() == before
    assert AuditEntry.objects.filter(action="refused", object_id=str(request.pk)).count() >= 4
    with pytest.raises(KelolaError):
        step(request, "withdraw", "agency_operator", hub)  # too late to withdraw


def test_the_opd_withdraws_and_another_opd_cannot_file_for_it(hub):
    request = file_request(hub)
    with pytest.raises(KelolaError):
        hosting.request_transition(request, "withdraw", actor=hub.other_agency_operator)
    step(request, "withdraw", "agency_operator", hub, "Batal")
    assert request.status == "withdrawn"
    with pytest.raises(KelolaError):
        file_request(hub, actor=hub.other_agency_operator)
    with pytest.raises(KelolaError, match="milik perangkat daerah pemohon"):
        file_request(hub, system=hub.school_system)
    with pytest.raises(KelolaError, match="merek/model server"):
        file_request(hub, server_brand="")


def test_placement_refused_by_the_rack_leaves_the_request_waiting(hub):
    request = walk_to_setup(hub)
    step(request, "setup_done", "datacenter", hub)
    with pytest.raises(KelolaError):
        step(request, "place", "datacenter", hub, rack=hub.rack, position=1)  # host-01 sits there
    request.refresh_from_db()
    assert request.status == "placement" and request.device is None
    assert not Device.objects.filter(origin="colocation").exists()
