"""Background tasks of the core (Huey)."""

from __future__ import annotations

import json
import logging
import urllib.request

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from huey.contrib.djhuey import db_task

from kelola.core.choices import Channel

logger = logging.getLogger(__name__)


@db_task(retries=3, retry_delay=60)
def deliver_notifications(notification_ids: list[int]) -> None:
    from kelola.core.models import DeliveryStatus, NotificationDelivery

    pending = NotificationDelivery.objects.filter(
        notification_id__in=notification_ids, status=DeliveryStatus.PENDING
    ).select_related("notification__recipient")
    for delivery in pending:
        deliver(delivery)


def deliver(delivery) -> None:
    from kelola.core.models import DeliveryStatus

    delivery.attempts += 1
    try:
        if delivery.channel == Channel.EMAIL:
            _send_email(delivery.notification)
        elif delivery.channel == Channel.WHATSAPP:
            if not settings.WHATSAPP_GATEWAY_URL:
                delivery.status = DeliveryStatus.SKIPPED
                delivery.error = "WhatsApp gateway not configured"
                delivery.save(update_fields=["status", "error", "attempts"])
                return
            _send_whatsapp(delivery.notification)
        delivery.status = DeliveryStatus.SENT
        delivery.sent_at = timezone.now()
        delivery.error = ""
    except Exception as exc:  # a failed channel is recorded, never lost
        logger.warning("notification delivery failed", extra={"delivery": delivery.pk, "error": str(exc)})
        delivery.status = DeliveryStatus.FAILED
        delivery.error = str(exc)[:2000]
    delivery.save(update_fields=["status", "error", "attempts", "sent_at"])


def _absolute(url: str) -> str:
    base = getattr(settings, "KELOLA_BASE_URL", "")
    return f"{base}{url}" if url and base else url


def _send_email(notification) -> None:
    body = notification.body
    if notification.url:
        body = f"{body}\n\n{_absolute(notification.url)}"
    send_mail(
        subject=f"[Kelola] {notification.title}",
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[notification.recipient.email],
    )


def _send_whatsapp(notification) -> None:
    message = f"{notification.title}\n{notification.body}".strip()
    if notification.url:
        message += f"\n{_absolute(notification.url)}"
    payload = json.dumps({"to": notification.recipient.whatsapp, "message": message}).encode()
    request = urllib.request.Request(  # noqa: S310 - the gateway URL is the operator's setting
        settings.WHATSAPP_GATEWAY_URL,
        data=payload,
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {settings.WHATSAPP_GATEWAY_TOKEN}",
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        if response.status >= 300:
            raise RuntimeError(f"gateway answered {response.status}")
