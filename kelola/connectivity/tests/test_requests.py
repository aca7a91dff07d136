"""The workflows of ConnectionPointRequest (004 Lamp.IV 2.2.2) and EventNetworkRequest (2.2.3):
every step by the role the SOP gives it, the return to IT support, rejection with reasons,
withdrawal, and the event's addresses reserved from the address plan and released again."""

import datetime

import pytest
from django.utils import timezone

from kelola.connectivity import connection, events
from kelola.connectivity.models import ConnectionPointRequest, EventNetworkRequest
from kelola.core.errors import KelolaError
from kelola.core.models import AuditEntry, Notification, TimelineEvent
from kelola.network import services as network
from kelola.network.models import IpAddress

pytestmark = pytest.mark.django_db


def step(obj, name, user, **fields):
    return connection.connection_transition(obj, name, actor=user, **fields)


def test_connection_point_full_path_with_a_return(conn):
    u = conn.users
    point = conn.point
    assert Notification.objects.filter(recipient=u["helpdesk"], kind="connectivity.connection").exists()
    step(point, "issue", u["helpdesk"])
    assert Notification.objects.filter(recipient=u["it_support"], kind="workflow.issue").exists()
    with pytest.raises(KelolaError, match="Belum lengkap"):
        step(point, "survey", u["it_support"], survey_location="Dinding timur")
    point.refresh_from_db()
    assert point.status == "issued" and point.survey_location == ""
    step(
        point,
        "survey",
        u["it_support"],
        survey_location="Dinding timur",
        survey_points="4",
        survey_devices="Switch 8 port",
    )
    assert point.status == "surveyed" and point.survey_points == 4 and point.surveyed_at
    step(point, "recommend", u["it_support"], recommendation="Tarik dari switch lantai 2")
    with pytest.raises(KelolaError):
        step(point, "approve", u["it_support"], analysis="x")  # not infrastructure's colleague
    step(point, "return", u["infrastructure"], comment="Port switch lantai 2 penuh; pakai switch baru")
    assert point.status == "surveyed" and point.analysis.startswith("Port switch")
    assert Notification.objects.filter(recipient=u["it_support"], kind="workflow.return").exists()
    step(point, "recommend", u["it_support"], recommendation="Tambah switch 8 port baru")
    step(point, "approve", u["infrastructure"], analysis="Disetujui dengan switch baru")
    with pytest.raises(KelolaError, match="Belum lengkap"):
        step(point, "install", u["it_support"])
    step(point, "install", u["it_support"], installation_report="Terpasang, ping berhasil")
    assert point.installed_at is not None
    step(point, "complete", u["helpdesk"])
    point.refresh_from_db()
    assert point.status == "completed" and point.closed_at is not None
    # the OPD is told it is done: the requester and the OPD's head
    assert Notification.objects.filter(recipient=u["agency_operator"], kind="workflow.complete").exists()
    assert Notification.objects.filter(recipient=u["agency_head"], kind="workflow.complete").exists()
    verbs = list(
        TimelineEvent.objects.filter(object_id=str(point.pk)).order_by("pk").values_list("verb", flat=True)
    )
    assert verbs == ["issue", "survey", "recommend", "return", "recommend", "approve", "install", "complete"]


def test_rejection_needs_a_reason_and_withdrawal_only_while_submitted(conn):
    u = conn.users
    with pytest.raises(KelolaError, match="Belum lengkap"):
        step(conn.point, "reject", u["helpdesk"])
    step(conn.point, "reject", u["helpdesk"], comment="Gedung akan direnovasi")
    assert conn.point.status == "rejected" and conn.point.decision_reason == "Gedung akan direnovasi"
    other = connection.connection_create(
        actor=u["agency_head"], agency=conn.health, building="Puskesmas", points=1, purpose="Loket"
    )
    with pytest.raises(KelolaError):
        step(other, "withdraw", conn.other_agency_operator)  # another OPD
    step(other, "issue", u["helpdesk"])
    with pytest.raises(KelolaError, match="tidak dapat diambil"):
        step(other, "withdraw", u["agency_operator"])
    third = connection.connection_create(
        actor=u["agency_operator"], agency=conn.health, building="Lab", points=2, purpose="Lab"
    )
    step(third, "withdraw", u["agency_operator"])
    assert third.status == "withdrawn"
    assert AuditEntry.objects.filter(action="refused", object_id=str(other.pk)).exists()


def test_connection_request_is_refused_without_purpose_or_by_another_opd(conn):
    u = conn.users
    with pytest.raises(KelolaError, match="keperluan"):
        connection.connection_create(
            actor=u["agency_operator"], agency=conn.health, building="A", purpose=" "
        )
    with pytest.raises(KelolaError):
        connection.connection_create(
            actor=conn.other_agency_operator, agency=conn.health, building="A", purpose="x"
        )
    # the help desk files one phoned in by an OPD
    filed = connection.connection_create(
        actor=u["helpdesk"], agency=conn.education, building="B", purpose="y"
    )
    assert filed.agency == conn.education
    assert ConnectionPointRequest.objects.count() == 2


def test_event_reserves_and_releases_addresses(conn):
    u = conn.users
    event = conn.event
    with pytest.raises(KelolaError):
        events.event_transition(
            event, "set_up", actor=u["infrastructure"], prefix=conn.lan
        )  # not approved yet
    events.event_transition(
        event, "approve", actor=u["it_support"], recommendation="Dua access point", addresses_needed=6
    )
    assert event.status == "approved" and event.addresses_needed == 6
    with pytest.raises(KelolaError):
        events.event_transition(event, "set_up", actor=u["it_support"], prefix=conn.lan)  # IT support cannot
    ready = events.event_transition(event, "set_up", actor=u["infrastructure"], prefix=conn.lan)
    assert ready.status == "ready"
    reserved = list(event.addresses.order_by("key").values_list("address", flat=True))
    assert reserved == [f"10.50.0.{n}" for n in range(1, 7)]
    assert ready.reserved_addresses == "10.50.0.1-10.50.0.6"
    ip = IpAddress.objects.get(address="10.50.0.1")
    assert ip.status == "reserved" and ip.agency == conn.health and "Musrenbang" in ip.description
    events.event_transition(event, "dismantle", actor=u["infrastructure"], comment="Selesai")
    assert event.status == "dismantled" and event.dismantled_at is not None
    assert not IpAddress.objects.filter(prefix=conn.lan).exists()
    assert EventNetworkRequest.objects.get(pk=event.pk).reserved_addresses == "10.50.0.1-10.50.0.6"
    # the released space is free again
    assert network.next_free(conn.lan, actor=u["datacenter"]).address == "10.50.0.1"
    events.event_transition(event, "close", actor=u["helpdesk"])
    assert event.status == "closed"


def test_event_too_big_for_the_prefix_changes_nothing(conn):
    u = conn.users
    event = conn.event
    events.event_transition(event, "approve", actor=u["it_support"], recommendation="x", addresses_needed=20)
    with pytest.raises(KelolaError, match="penuh"):
        events.event_transition(event, "set_up", actor=u["infrastructure"], prefix=conn.lan)  # a /28: 14
    event.refresh_from_db()
    assert event.status == "approved" and not IpAddress.objects.exists()
    assert AuditEntry.objects.filter(action="refused", changes__action="set_up").exists()
    public = network.prefix_create(
        actor=u["datacenter"], pemda=conn.pemda, network="203.0.113.0/28", scope="public"
    )
    with pytest.raises(KelolaError, match="lokal"):
        events.event_transition(event, "set_up", actor=u["infrastructure"], prefix=public)
    # without a prefix the network is set up with no reservation
    events.event_transition(event, "set_up", actor=u["infrastructure"], setup_report="Pakai DHCP gedung")
    assert event.status == "ready" and event.reserved_addresses == ""


def test_event_input_is_checked(conn):
    u = conn.users
    start = timezone.now()
    base = dict(actor=u["agency_operator"], agency=conn.health, name="Rapat", venue="Aula", start_at=start)
    with pytest.raises(KelolaError, match="sesudah waktu mulai"):
        events.event_create(
            **base, end_at=start - datetime.timedelta(hours=1), participants=5, addresses_needed=5
        )
    with pytest.raises(KelolaError, match="peserta"):
        events.event_create(
            **base, end_at=start + datetime.timedelta(hours=1), participants=0, addresses_needed=5
        )
    with pytest.raises(KelolaError, match="alamat IP"):
        events.event_create(
            **base, end_at=start + datetime.timedelta(hours=1), participants=5, addresses_needed=0
        )
    with pytest.raises(KelolaError, match="intranet"):
        events.event_create(
            **base,
            end_at=start + datetime.timedelta(hours=1),
            participants=5,
            addresses_needed=5,
            needs_internet=False,
            needs_intranet=False,
        )
    assert EventNetworkRequest.objects.count() == 1


def test_event_rejection_and_withdrawal(conn):
    u = conn.users
    with pytest.raises(KelolaError, match="Belum lengkap"):
        events.event_transition(conn.event, "reject", actor=u["it_support"])
    events.event_transition(conn.event, "reject", actor=u["it_support"], comment="Tempat sudah berinternet")
    assert conn.event.status == "rejected"
    assert Notification.objects.filter(recipient=u["agency_operator"], kind="workflow.reject").exists()
    start = timezone.now() + datetime.timedelta(days=1)
    other = events.event_create(
        actor=u["agency_head"],
        agency=conn.health,
        name="Bimtek",
        venue="Lab",
        start_at=start,
        end_at=start + datetime.timedelta(hours=2),
        participants=10,
        addresses_needed=10,
    )
    events.event_transition(other, "withdraw", actor=u["agency_operator"])
    assert other.status == "withdrawn"
