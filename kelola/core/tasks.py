"""Background tasks of the core (Huey): delivery of notifications to e-mail and WhatsApp.

A delivery never raises to whoever caused the notification: each channel's outcome (sent,
failed with the error, skipped) is recorded on its NotificationDelivery row, and failed
deliveries are retried by a periodic task up to `MAX_ATTEMPTS`. Each try first claims the row,
so two tasks that find the same delivery send it once.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from kelola.core.choices import Channel

logger = logging.getLogger(__name__)

#: Deliveries are tried at most this many times (the first try plus periodic retries).
MAX_ATTEMPTS = 3


@db_task()
def deliver_notifications(notification_ids: list[int]) -> int:
    """Send the waiting deliveries of these notifications (immediate mode: see `_enqueue`)."""
    return _deliver_all(_waiting().filter(notification_id__in=notification_ids))


@db_task()
def deliver_pending() -> int:
    """Send every delivery still waiting (see `notifications._enqueue`)."""
    return _deliver_all(_waiting())


def _waiting():
    from kelola.core.models import DeliveryStatus, NotificationDelivery

    return NotificationDelivery.objects.filter(status=DeliveryStatus.PENDING)


@db_periodic_task(crontab(minute="*/10"))
def retry_failed_deliveries() -> int:
    """Try failed deliveries again (older than a minute, fewer than MAX_ATTEMPTS tries), and
    send any a lost task left waiting."""
    return redeliver_failed()


def redeliver_failed(*, older_than: timedelta = timedelta(minutes=1)) -> int:
    from kelola.core.models import DeliveryStatus, NotificationDelivery

    due = NotificationDelivery.objects.filter(
        Q(status=DeliveryStatus.FAILED, attempts__lt=MAX_ATTEMPTS) | Q(status=DeliveryStatus.PENDING),
        notification__created_at__lte=timezone.now() - older_than,
    )
    return _deliver_all(due)


def _deliver_all(deliveries) -> int:
    count = 0
    for delivery in deliveries.select_related("notification__recipient").order_by("pk").iterator(500):
        count += deliver(delivery)
    return count


def deliver(delivery) -> bool:
    """Send one delivery over its channel and record the outcome; never raises. False when
    another task claimed it first."""
    from kelola.core.models import DeliveryStatus, NotificationDelivery

    claimed = NotificationDelivery.objects.filter(
        pk=delivery.pk, status=delivery.status, attempts=delivery.attempts
    ).update(attempts=F("attempts") + 1)
    if not claimed:
        return False
    delivery.attempts += 1
    recipient = delivery.notification.recipient
    skipped = ""
    if delivery.channel == Channel.EMAIL and not recipient.email:
        skipped = "recipient has no e-mail address"
    elif delivery.channel == Channel.WHATSAPP and not recipient.whatsapp:
        skipped = "recipient has no WhatsApp number"
    elif delivery.channel == Channel.WHATSAPP and not settings.WHATSAPP_GATEWAY_URL:
        skipped = "WhatsApp gateway not configured"
    if skipped:
        delivery.status = DeliveryStatus.SKIPPED
        delivery.error = skipped
        delivery.save(update_fields=["status", "error", "attempts"])
        return True
    try:
        if delivery.channel == Channel.EMAIL:
            _send_email(delivery.notification)
        elif delivery.channel == Channel.WHATSAPP:
            _send_whatsapp(delivery.notification)
        else:
            raise ValueError(f"unknown channel {delivery.channel!r}")
        delivery.status = DeliveryStatus.SENT
        delivery.sent_at = timezone.now()
        delivery.error = ""
    except Exception as exc:  # a failed channel is recorded, never raised
        logger.warning(
            "notification delivery failed",
            extra={"delivery": delivery.pk, "channel": delivery.channel, "error": str(exc)},
        )
        delivery.status = DeliveryStatus.FAILED
        delivery.error = f"{type(exc).__name__}: {exc}"[:2000]
    delivery.save(update_fields=["status", "error", "attempts", "sent_at"])
    return True


def _absolute(url: str) -> str:
    base = getattr(settings, "KELOLA_BASE_URL", "")
    return f"{base.rstrip('/')}{url}" if url and base and url.startswith("/") else url


def _send_email(notification) -> None:
    body = notification.body
    if notification.url:
        body = f"{body}\n\n{_absolute(notification.url)}".strip()
    send_mail(
        subject=f"[Kelola] {notification.title}",
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[notification.recipient.email],
        fail_silently=False,
    )


def whatsapp_payload(notification) -> dict:
    """The JSON the gateway receives: {"to": number, "message": text}."""
    message = f"{notification.title}\n{notification.body}".strip()
    if notification.url:
        message += f"\n{_absolute(notification.url)}"
    return {"to": notification.recipient.whatsapp, "message": message}


def _send_whatsapp(notification) -> None:
    payload = json.dumps(whatsapp_payload(notification)).encode()
    headers = {"Content-Type": "application/json", "User-Agent": "Kelola"}
    if settings.WHATSAPP_GATEWAY_TOKEN:
        headers["Authorization"] = f"Bearer {settings.WHATSAPP_GATEWAY_TOKEN}"
    request = urllib.request.Request(  # noqa: S310 - the gateway URL is the operator's setting
        settings.WHATSAPP_GATEWAY_URL, data=payload, headers=headers, method="POST"
    )
    timeout = getattr(settings, "WHATSAPP_GATEWAY_TIMEOUT", 10)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            if response.status >= 300:
                raise RuntimeError(f"gateway answered {response.status}")
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip()
        raise RuntimeError(f"gateway answered {exc.code}{': ' + detail if detail else ''}") from exc
