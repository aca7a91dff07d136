"""The vendor's setup window (004 Lampiran IV 1.1.1): once the leadership approves, the server
must be set up within 2 x 24 h. Each time a window passes without it, a numbered notice signed by
the leadership goes to the OPD (the end user) and opens a new 2 x 24 h window — at most three
times. When the third window passes too, the data-center team and the GCIO are told once.

Run by the periodic task; `now` lets tests travel in time.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kelola.core import audit, notifications

from . import letters
from .choices import HostingStatus
from .hosting import MAX_REMINDERS, SETUP_WINDOW, leaders, requester, team
from .models import HostingReminder, HostingRequest

logger = logging.getLogger(__name__)


def window_end(request: HostingRequest) -> datetime.datetime | None:
    """When the current setup window closes: the approval's deadline, or the last notice's."""
    last = request.reminders.order_by("-number").first()
    return last.window_ends_at if last else request.setup_deadline


def setup_reminders(now: datetime.datetime | None = None) -> dict:
    """Issue the next notice of every request whose window has passed, or flag it after the
    third. One step per request per run, so a late run never sends several letters at once.
    Returns {"reminders": n, "flagged": n, "unsigned": n}."""
    now = now or timezone.now()
    counts = {"reminders": 0, "flagged": 0, "unsigned": 0}
    waiting = HostingRequest.objects.filter(
        status=HostingStatus.SETUP, setup_deadline__lte=now, setup_flagged_at__isnull=True
    ).select_related("agency", "pemda", "system", "decided_by")
    for request in waiting:
        end = window_end(request)
        if end is None or now < end:
            continue
        sent = request.reminders.count()
        if sent >= MAX_REMINDERS:
            _flag(request, now)
            counts["flagged"] += 1
        elif _remind(request, sent + 1, now):
            counts["reminders"] += 1
        else:
            counts["unsigned"] += 1
    return counts


def _remind(request: HostingRequest, number: int, now: datetime.datetime) -> bool:
    signer = letters.signer_for(request)
    if signer is None:
        logger.warning("no leader may sign the setup notice", extra={"hosting_request": request.pk})
        notifications.notify(
            team(request),
            kind="hosting.unsigned",
            title=_("Surat pemberitahuan %(request)s belum dapat diterbitkan") % {"request": request},
            body=_("Tidak ada pimpinan yang dapat menandatangani surat pemberitahuan setting server."),
            url=request.get_absolute_url(),
            pemda_id=request.pemda_id,
        )
        return False
    ends = now + SETUP_WINDOW
    with transaction.atomic():
        stored = HostingRequest.objects.select_for_update().get(pk=request.pk)
        if stored.status != HostingStatus.SETUP or stored.reminders.filter(number=number).exists():
            return False  # set up meanwhile, or another run was faster
        letter = letters.reminder_letter(
            stored, signer, number=number, window_ends_at=ends, date=timezone.localdate(now)
        )
        reminder = HostingReminder(
            request=stored,
            pemda_id=stored.pemda_id,
            agency_id=stored.agency_id,
            number=number,
            letter=letter,
            sent_at=now,
            window_ends_at=ends,
        )
        reminder.full_clean()
        with audit.audit_context(actor=signer, comment=_("Batas setting 2 x 24 jam terlewati")):
            reminder.save()
        _timeline(stored, signer, "remind", str(reminder), letter.number)
        recipients = requester(stored)
        notifications.notify(
            recipients,
            kind="hosting.setup_reminder",
            title=letter.subject,
            body=_("Surat %(number)s. Batas waktu baru: %(deadline)s.")
            % {"number": letter.number, "deadline": timezone.localtime(ends).strftime("%d-%m-%Y %H.%M")},
            url=stored.get_absolute_url(),
            pemda_id=stored.pemda_id,
        )
    return True


def _flag(request: HostingRequest, now: datetime.datetime) -> None:
    with transaction.atomic(), audit.audit_context(comment=_("Tiga kali batas setting terlewati")):
        stored = HostingRequest.objects.select_for_update().get(pk=request.pk)
        stored.setup_flagged_at = now
        stored.save(update_fields=["setup_flagged_at", "updated_at"])
        _timeline(stored, None, "flag", _("Ditandai: setting belum dilakukan setelah 3 pemberitahuan"), "")
        recipients = team(stored) + leaders(stored)
        notifications.notify(
            recipients,
            kind="hosting.setup_overdue",
            title=_("%(request)s: server belum di-setting setelah 3 pemberitahuan") % {"request": stored},
            body=_("%(agency)s, sistem %(system)s. Mohon tindak lanjut pimpinan.")
            % {"agency": stored.agency, "system": stored.system},
            url=stored.get_absolute_url(),
            pemda_id=stored.pemda_id,
        )


def _timeline(request, actor, verb: str, label: str, comment: str) -> None:
    """A line on the request's timeline for what the schedule did (no state changes)."""
    from django.contrib.contenttypes.models import ContentType

    from kelola.core.models import TimelineEvent

    TimelineEvent.objects.create(
        pemda_id=request.pemda_id,
        content_type=ContentType.objects.get_for_model(request),
        object_id=str(request.pk),
        actor=actor,
        actor_name=str(actor) if actor is not None else str(_("Sistem")),
        verb=verb,
        label=str(label),
        from_state=request.status,
        to_state=request.status,
        comment=comment,
    )
