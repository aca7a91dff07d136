"""Notifications (X-3): an inbox row per recipient, then e-mail/WhatsApp by the task queue.

`notify` is called inside a service's transaction; rows are written there, and the delivery
tasks are enqueued only after commit, so a rolled-back step sends nothing.

The delivery rows are the outbox: a queued task sends every pending one. Deliveries committed
within `DELIVERY_WINDOW_SECONDS` of the first share one task (a busy help desk files hundreds of
tickets a minute, and queueing a task per ticket cost more than filing it); the periodic retry
picks up anything a lost task left pending.
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


def notify_many(messages: Iterable[tuple[Iterable, dict]]) -> int:
    """Many notifications at once (e.g. a scan's findings): `messages` are (recipients, fields
    of `notify`) pairs; the rows are written in bulk and delivered by one task. Returns the
    number of inbox rows."""
    from kelola.core.models import Notification, NotificationDelivery

    rows, channels = [], []
    for recipients, fields in messages:
        seen = set()
        for user in recipients:
            if user is None or user.pk in seen or not user.is_active:
                continue
            seen.add(user.pk)
            rows.append(
                Notification(
                    recipient=user,
                    pemda_id=fields.get("pemda_id"),
                    kind=fields["kind"],
                    title=str(fields["title"])[:255],
                    body=str(fields.get("body", "")),
                    url=fields.get("url", ""),
                )
            )
            channels.append(channels_for(user))
    with transaction.atomic():
        created = Notification.objects.bulk_create(rows, batch_size=1000)
        deliveries = [
            NotificationDelivery(notification=notification, channel=channel)
            for notification, chosen in zip(created, channels, strict=True)
            for channel in chosen
        ]
        NotificationDelivery.objects.bulk_create(deliveries, batch_size=1000)
        ids = sorted({d.notification_id for d in deliveries})
        if ids:
            transaction.on_commit(lambda: _enqueue(ids), robust=True)
    return len(created)


def channels_for(user) -> list[str]:
    """External channels the user chose (the in-app inbox is always on)."""
    channels = []
    if user.notify_by_email and user.email:
        channels.append(Channel.EMAIL)
    if user.notify_by_whatsapp and user.whatsapp:
        channels.append(Channel.WHATSAPP)
    return channels


#: Deliveries committed within this many seconds share one queued task.
DELIVERY_WINDOW_SECONDS = 2
_WINDOW_KEY = "core:delivery-window"


def _enqueue(notification_ids: list[int]) -> None:
    from django.core.cache import cache
    from huey.contrib.djhuey import HUEY

    from kelola.core import tasks

    if HUEY.immediate:  # nothing runs later in immediate mode (tests): deliver these now
        tasks.deliver_notifications(notification_ids)
    elif cache.add(_WINDOW_KEY, True, DELIVERY_WINDOW_SECONDS):
        # The task starts after the window closes, so it finds every delivery whose commit
        # found the window open (and so queued nothing).
        tasks.deliver_pending.schedule(delay=DELIVERY_WINDOW_SECONDS + 1)


def unread_count(user) -> int:
    from kelola.core.models import Notification

    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
