"""Notifications (X-3): an inbox row per recipient, then e-mail/WhatsApp by the task queue.

`notify` is called inside a service's transaction; rows are written there, and the delivery
tasks are enqueued only after commit, so a rolled-back step sends nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from kelola.core.choices import Channel


def notify(
    recipients: Iterable, *, kind: str, title: str, body: str = "", url: str = "", pemda_id=None
) -> list:
    from kelola.core.models import Notification, NotificationDelivery

    created = []
    external = False
    seen = set()
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        notification = Notification.objects.create(
            recipient=user, pemda_id=pemda_id, kind=kind, title=str(title)[:255], body=str(body), url=url
        )
        for channel in channels_for(user):
            NotificationDelivery.objects.create(notification=notification, channel=channel)
            external = True
        created.append(notification)
    if external:
        ids = [n.pk for n in created]
        # robust: a queue that cannot take the task is logged; the committed work stands.
        transaction.on_commit(lambda: _enqueue(ids), robust=True)
    return created


def channels_for(user) -> list[str]:
    """External channels the user chose (the in-app inbox is always on)."""
    channels = []
    if user.notify_by_email and user.email:
        channels.append(Channel.EMAIL)
    if user.notify_by_whatsapp and user.whatsapp:
        channels.append(Channel.WHATSAPP)
    return channels


def _enqueue(notification_ids: list[int]) -> None:
    from kelola.core.tasks import deliver_notifications

    deliver_notifications(notification_ids)


def unread_count(user) -> int:
    from kelola.core.models import Notification

    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
