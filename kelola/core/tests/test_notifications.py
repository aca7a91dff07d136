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
