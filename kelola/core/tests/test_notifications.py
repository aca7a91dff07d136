"""Notifications (X-3): inbox, e-mail, WhatsApp gateway, nothing sent on rollback."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.db import transaction

from kelola.core.models import DeliveryStatus, Notification, NotificationDelivery
from kelola.core.notifications import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def gateway():
    received = []

    class Handler(BaseHTTPRequestHandler):
        status = 200

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers["Authorization"], json.loads(body)))
            self.send_response(Handler.status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, received, Handler
    server.shutdown()


def test_email_and_whatsapp_delivery(world, settings, gateway, django_capture_on_commit_callbacks):
    server, received, _handler = gateway
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WHATSAPP_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.WHATSAPP_GATEWAY_TOKEN = "rahasia"
    user = world.users["helpdesk"]
    user.whatsapp, user.notify_by_whatsapp = "6281234567890", True
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify([user], kind="test", title="Tiket baru", body="Tiket #12 menunggu", url="/tiket/12/")
    assert mail.outbox[0].subject == "[Kelola] Tiket baru" and "/tiket/12/" in mail.outbox[0].body
    assert received == [
        ("Bearer rahasia", {"to": "6281234567890", "message": "Tiket baru\nTiket #12 menunggu\n/tiket/12/"})
    ]
    assert set(NotificationDelivery.objects.values_list("channel", "status")) == {
        ("email", DeliveryStatus.SENT),
        ("whatsapp", DeliveryStatus.SENT),
    }


def test_failing_gateway_is_recorded_not_raised(world, settings, gateway, django_capture_on_commit_callbacks):
    server, _received, handler = gateway
    handler.status = 500
    settings.WHATSAPP_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
    user = world.users["helpdesk"]
    user.whatsapp, user.notify_by_whatsapp, user.notify_by_email = "62811", True, False
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify([user], kind="test", title="X")
    delivery = NotificationDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and "500" in delivery.error


def test_nothing_sent_when_the_transaction_rolls_back(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with pytest.raises(RuntimeError), transaction.atomic():
        notify([world.users["gcio"]], kind="test", title="Batal")
        raise RuntimeError
    assert not Notification.objects.exists() and mail.outbox == []


def test_channels_follow_user_choice(world, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = world.users["gcio"]
    user.notify_by_email = False
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify([user], kind="test", title="Hanya di aplikasi")
    assert mail.outbox == [] and Notification.objects.filter(recipient=user).count() == 1


def test_inbox_page_and_api_show_only_own(world, client_for, api_for):
    notify([world.users["gcio"]], kind="test", title="Untuk GCIO")
    notify([world.users["reviewer"]], kind="test", title="Untuk reviewer")
    page = client_for(world.users["gcio"]).get("/notifikasi/").content.decode()
    assert "Untuk GCIO" in page and "Untuk reviewer" not in page
    api = api_for(world.users["gcio"])
    rows = api.get("/api/v1/notifications/").json()["results"]
    assert [r["title"] for r in rows] == ["Untuk GCIO"]
    other = Notification.objects.get(title="Untuk reviewer")
    assert api.post(f"/api/v1/notifications/{other.pk}/read/").status_code == 404
    assert api.post(f"/api/v1/notifications/{rows[0]['id']}/read/").json()["read_at"]


def test_gateway_unreachable_is_recorded_and_retried(
    world, settings, gateway, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from kelola.core.tasks import MAX_ATTEMPTS, redeliver_failed

    server, received, _handler = gateway
    settings.WHATSAPP_GATEWAY_URL = "http://127.0.0.1:9/unreachable"  # nothing listens there
    settings.WHATSAPP_GATEWAY_TIMEOUT = 2
    user = world.users["helpdesk"]
    user.whatsapp, user.notify_by_whatsapp, user.notify_by_email = "62811", True, False
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        created = notify([user], kind="test", title="Gangguan jaringan")  # does not raise
    assert len(created) == 1
    delivery = NotificationDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.error and delivery.attempts == 1
    # The gateway is back: the periodic retry sends it.
    settings.WHATSAPP_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
    assert redeliver_failed(older_than=timedelta(0)) == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 2 and delivery.error == ""
    assert received[0][1]["message"] == "Gangguan jaringan"
    # Failed deliveries are not retried forever.
    NotificationDelivery.objects.update(status=DeliveryStatus.FAILED, attempts=MAX_ATTEMPTS)
    assert redeliver_failed(older_than=timedelta(0)) == 0


def test_whatsapp_without_gateway_is_skipped(world, settings, django_capture_on_commit_callbacks):
    settings.WHATSAPP_GATEWAY_URL = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = world.users["helpdesk"]
    user.whatsapp, user.notify_by_whatsapp = "62811", True
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify([user], kind="test", title="Tanpa gateway")
    statuses = dict(NotificationDelivery.objects.values_list("channel", "status"))
    assert statuses == {"email": DeliveryStatus.SENT, "whatsapp": DeliveryStatus.SKIPPED}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]


def test_failing_mail_server_is_recorded_not_raised(world, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        notify([world.users["gcio"]], kind="test", title="Server surat mati")
    delivery = NotificationDelivery.objects.get()
    assert delivery.channel == "email" and delivery.status == DeliveryStatus.FAILED and delivery.error
    assert Notification.objects.filter(title="Server surat mati").exists()  # the inbox still has it


def test_each_user_gets_their_own_channels(world, settings, gateway, django_capture_on_commit_callbacks):
    server, received, _handler = gateway
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WHATSAPP_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.WHATSAPP_GATEWAY_TOKEN = "t0ken"
    email_only, whatsapp_only, inbox_only = (
        world.users["gcio"],
        world.users["reviewer"],
        world.users["auditor"],
    )
    whatsapp_only.notify_by_email, whatsapp_only.notify_by_whatsapp, whatsapp_only.whatsapp = (
        False,
        True,
        "62812",
    )
    whatsapp_only.save()
    inbox_only.notify_by_email = False
    inbox_only.save()
    inactive = world.users["security"]
    inactive.is_active = False
    inactive.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(
            [email_only, whatsapp_only, inbox_only, inactive, email_only, None],
            kind="test",
            title="Rapat Komite",
            pemda_id=world.pemda.pk,
        )
    assert len(callbacks) == 1  # one task for the whole batch
    assert [m.to for m in mail.outbox] == [[email_only.email]]
    assert received == [("Bearer t0ken", {"to": "62812", "message": "Rapat Komite"})]
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {
        "gcio",
        "reviewer",
        "auditor",
    }


def test_enqueue_failure_never_reaches_the_caller(world, monkeypatch, django_capture_on_commit_callbacks):
    from kelola.core import tasks

    def broken(ids):
        raise ConnectionError("redis down")

    monkeypatch.setattr(tasks, "deliver_notifications", broken)
    with django_capture_on_commit_callbacks(execute=True):
        notify([world.users["gcio"]], kind="test", title="Antrian mati")
    assert Notification.objects.filter(title="Antrian mati").exists()
    assert NotificationDelivery.objects.get().status == DeliveryStatus.PENDING


def test_rollback_sends_nothing_even_with_callbacks_captured(
    world, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify([world.users["gcio"]], kind="test", title="Batal")
        raise RuntimeError
    assert callbacks == [] and mail.outbox == [] and not Notification.objects.exists()


def test_inbox_api_marks_read_and_counts(world, api_for):
    from kelola.core.notifications import unread_count

    user = world.users["gcio"]
    notify([user], kind="test", title="Satu")
    notify([user], kind="test", title="Dua")
    api = api_for(user)
    assert unread_count(user) == 2
    rows = api.get("/api/v1/notifications/").json()["results"]
    assert [r["title"] for r in rows] == ["Dua", "Satu"] and all(r["read_at"] is None for r in rows)
    first = api.post(f"/api/v1/notifications/{rows[0]['id']}/read/").json()["read_at"]
    again = api.post(f"/api/v1/notifications/{rows[0]['id']}/read/").json()["read_at"]
    assert first == again and unread_count(user) == 1
    assert api.get(f"/api/v1/notifications/{rows[1]['id']}/").status_code == 200
    other = api_for(world.users["reviewer"])
    assert other.get(f"/api/v1/notifications/{rows[1]['id']}/").status_code == 404
    assert other.get("/api/v1/notifications/").json()["results"] == []
    assert api_for().get("/api/v1/notifications/").status_code in (401, 403)


def test_notify_many_writes_in_bulk_once_per_recipient_and_delivers_after_commit(
    world, settings, django_capture_on_commit_callbacks
):
    from kelola.core.notifications import notify_many

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    gcio, helpdesk = world.users["gcio"], world.users["helpdesk"]
    gcio.email, gcio.notify_by_email = "gcio@example.go.id", True
    gcio.save()
    helpdesk.is_active = False
    helpdesk.save()
    with django_capture_on_commit_callbacks(execute=True):
        written = notify_many(
            [
                ([gcio, gcio, helpdesk], {"kind": "test.a", "title": "Satu", "pemda_id": world.pemda.pk}),
                ([gcio], {"kind": "test.b", "title": "Dua", "url": "/x/"}),
            ]
        )
    assert written == 2
    assert list(
        Notification.objects.filter(recipient=gcio).values_list("kind", flat=True).order_by("kind")
    ) == [
        "test.a",
        "test.b",
    ]
    assert not Notification.objects.filter(recipient=helpdesk).exists()
    assert NotificationDelivery.objects.filter(notification__recipient=gcio, channel="email").count() == 2
    assert len(mail.outbox) == 2


def test_deliveries_committed_close_together_share_one_queued_task(
    world, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.cache import cache
    from huey.contrib.djhuey import HUEY

    from kelola.core import tasks
    from kelola.core.notifications import _WINDOW_KEY, DELIVERY_WINDOW_SECONDS

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    scheduled = []
    monkeypatch.setattr(HUEY, "_immediate", False)  # as in production: tasks run later
    monkeypatch.setattr(tasks.deliver_pending, "schedule", lambda **kw: scheduled.append(kw))
    cache.delete(_WINDOW_KEY)
    for title in ("Satu", "Dua", "Tiga"):
        with django_capture_on_commit_callbacks(execute=True):
            notify([world.users["gcio"]], kind="test", title=title)
    assert scheduled == [{"delay": DELIVERY_WINDOW_SECONDS + 1}]
    assert mail.outbox == []  # nothing sent before the task runs
    # The task, once the window closed, sends all three; run again, it sends nothing twice.
    assert tasks.deliver_pending.call_local() == 3
    assert sorted(m.subject for m in mail.outbox) == ["[Kelola] Dua", "[Kelola] Satu", "[Kelola] Tiga"]
    assert tasks.deliver_pending.call_local() == 0
    # The window closed: the next commit queues a task of its own.
    cache.delete(_WINDOW_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        notify([world.users["gcio"]], kind="test", title="Empat")
    assert len(scheduled) == 2


def test_a_delivery_another_task_claimed_is_not_sent_again(world, settings):
    from datetime import timedelta

    from kelola.core.tasks import deliver, redeliver_failed

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Rows written without `notify`, as a lost task left them: nothing queued them.
    notification = Notification.objects.create(recipient=world.users["gcio"], kind="test", title="Hilang")
    stale = NotificationDelivery.objects.create(notification=notification, channel="email")
    # Two tasks read the same pending row; the first to claim it sends it.
    assert deliver(NotificationDelivery.objects.get(pk=stale.pk)) is True
    assert deliver(stale) is False
    assert len(mail.outbox) == 1
    # A row a lost task left waiting is sent by the periodic retry.
    waiting = Notification.objects.create(recipient=world.users["gcio"], kind="test", title="Tertinggal")
    left = NotificationDelivery.objects.create(notification=waiting, channel="email")
    assert redeliver_failed(older_than=timedelta(0)) == 1
    left.refresh_from_db()
    assert left.status == DeliveryStatus.SENT
    assert mail.outbox[-1].subject == "[Kelola] Tertinggal"
