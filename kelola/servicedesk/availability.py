"""Service availability (DESK-5, 002 Ps.28): outages of services, the monthly availability of
the critical services against their targets, resolution-SLA breaches, and the steering
committee's warning letter when a critical service keeps falling short (Ps.28 ayat (5))."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from kelola.core import audit
from kelola.core.access import actor_for
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.letters import MONTHS
from kelola.core.roles import Role

from .choices import OutageSource
from .models import Outage, Service, Ticket
from .policies import PROBLEM_MANAGERS
from .reports import resolution_breached

#: Who issues the warning letter of 002 Ps.28(5): the steering committee; the GCIO may too.
LETTER_ROLES = frozenset({Role.COMMITTEE, Role.GCIO})
#: A service breached "repeatedly" when it breached in this many of the last `WINDOW` months.
REPEATED, WINDOW = 2, 3
#: The share of a month's tickets (by resolution due time) that must be resolved in time;
#: below it the resolution aspect of 002 Ps.28(4)c counts as not met.
RESOLUTION_COMPLIANCE = 90.0
OUTAGE_FIELDS = ("service", "started_at", "ended_at", "source", "description", "ticket")


# --- who ------------------------------------------------------------------------------------


def may_manage_outages(user, service) -> bool:
    """The pemda's problem managers (and monitoring accounts holding such a role)."""
    actor = actor_for(user)
    if not actor.is_authenticated:
        return False
    return actor.is_platform_admin or actor.has_pemda_role(service.pemda_id, PROBLEM_MANAGERS)


def may_issue_warning(user, pemda_id) -> bool:
    actor = actor_for(user)
    if not actor.is_authenticated:
        return False
    return actor.is_platform_admin or actor.has_pemda_role(pemda_id, LETTER_ROLES)


def visible_outages(user):
    """Outages of the services `user` may see."""
    return Outage.objects.filter(service__in=Service.objects.visible_to(user))


# --- outages --------------------------------------------------------------------------------


def _refused(actor, action, service, exc, outage=None) -> None:
    audit.record(
        "refused",
        outage if outage is not None and outage.pk else None,
        actor=actor,
        pemda_id=getattr(service, "pemda_id", None),
        changes={
            "action": action,
            "code": str(exc.code),
            "reason": str(exc.message),
            "model": "servicedesk.Outage",
        },
    )


def _forbidden():
    return KelolaError(_("Anda tidak berwenang melakukan tindakan ini."), code=ErrorCode.FORBIDDEN)


def _validate(outage: Outage) -> None:
    from django.core.exceptions import ValidationError

    errors = {}
    if outage.started_at and outage.started_at > timezone.now() + datetime.timedelta(minutes=5):
        errors["started_at"] = [_("Waktu mulai tidak boleh di masa depan.")]
    if outage.ticket_id and outage.ticket.pemda_id != outage.service.pemda_id:
        errors["ticket"] = [_("Tiket harus dari pemda yang sama.")]
    try:
        outage.full_clean()
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise KelolaError(_("Periksa kembali data gangguan."), errors=errors)


def outage_record(
    *,
    actor,
    service: Service,
    started_at,
    ended_at=None,
    source: str = OutageSource.ENTERED,
    description: str = "",
    ticket: Ticket | None = None,
) -> Outage:
    """Record an outage of `service` (entered by staff or detected by monitoring)."""
    outage = Outage(
        service=service,
        started_at=started_at,
        ended_at=ended_at,
        source=source,
        description=description,
        ticket=ticket,
    )
    try:
        with transaction.atomic():
            if not may_manage_outages(actor, service):
                raise _forbidden()
            _validate(outage)
            with audit.audit_context(actor=actor):
                outage.save()
    except KelolaError as exc:
        _refused(actor, "add", service, exc)
        raise
    return outage


def outage_update(outage: Outage, *, actor, **data) -> Outage:
    """Change an outage (e.g. set its end); moving it to another pemda's service is refused."""
    data = {k: v for k, v in data.items() if k in OUTAGE_FIELDS}
    try:
        with transaction.atomic():
            stored = Outage.objects.select_for_update().select_related("service").get(pk=outage.pk)
            if not may_manage_outages(actor, stored.service):
                raise _forbidden()
            changed = [k for k, v in data.items() if getattr(stored, k) != v]
            for name, value in data.items():
                setattr(stored, name, value)
            if not may_manage_outages(actor, stored.service):
                raise _forbidden()
            _validate(stored)
            if changed:
                with audit.audit_context(actor=actor):
                    stored.save(update_fields=[*changed, "updated_at"])
    except KelolaError as exc:
        _refused(actor, "change", outage.service, exc, outage)
        raise
    return stored


def outage_delete(outage: Outage, *, actor) -> None:
    try:
        with transaction.atomic():
            stored = Outage.objects.select_for_update().select_related("service").get(pk=outage.pk)
            if not may_manage_outages(actor, stored.service):
                raise _forbidden()
            with audit.audit_context(actor=actor):
                stored.delete()
    except KelolaError as exc:
        _refused(actor, "delete", outage.service, exc, outage)
        raise


# --- arithmetic -----------------------------------------------------------------------------


def _merged(intervals):
    """Sort and merge overlapping (start, end) intervals."""
    merged: list[list] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def downtime(outages, start, end, now=None) -> datetime.timedelta:
    """Outage time inside [start, end): outages as (started_at, ended_at or None) pairs,
    merged so that overlaps count once; an ongoing outage counts up to `end` or now."""
    now = now or timezone.now()
    clipped = []
    for began, ended in outages:
        stop = ended if ended is not None else min(end, now)
        clipped.append((max(began, start), min(stop, end)))
    return sum((b - a for a, b in _merged(clipped)), datetime.timedelta())


def _outage_pairs(service, start, end):
    return list(
        Outage.objects.filter(service=service, started_at__lt=end)
        .exclude(ended_at__lte=start)
        .values_list("started_at", "ended_at")
    )


def availability(service, start, end, now=None) -> float:
    """100 * (1 - outage time overlapping [start, end) / (end - start)), in percent."""
    if end <= start:
        raise ValueError("end must be after start")
    down = downtime(_outage_pairs(service, start, end), start, end, now)
    return 100.0 * (1 - down / (end - start))


def month_bounds(pemda, year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    """[first instant, first instant of the next month) in the pemda's time zone."""
    tz = ZoneInfo(pemda.timezone or "Asia/Jakarta")
    start = datetime.datetime(year, month, 1, tzinfo=tz)
    end = datetime.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


def previous_months(year: int, month: int, count: int) -> list[tuple[int, int]]:
    """The `count` months ending with (year, month), oldest first."""
    result = []
    for _i in range(count):
        result.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return result[::-1]


def month_label(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


# --- monthly review -------------------------------------------------------------------------


@dataclass
class MonthFigures:
    year: int
    month: int
    #: None for a month that has not begun.
    availability: float | None
    breaches: int
    below_target: bool
    breached: bool
    #: Tickets whose resolution was due in the month.
    due: int = 0

    @property
    def resolution_compliance(self) -> float | None:
        return 100.0 * (self.due - self.breaches) / self.due if self.due else None

    @property
    def label(self) -> str:
        return month_label(self.year, self.month)


@dataclass
class ReviewRow:
    service: Service
    target: float
    current: MonthFigures
    months: list[MonthFigures] = field(default_factory=list)
    letter: object = None

    @property
    def availability(self):
        return self.current.availability

    @property
    def met(self) -> bool | None:
        return None if self.current.availability is None else not self.current.below_target

    @property
    def breaches(self) -> int:
        return self.current.breaches

    @property
    def breached(self) -> bool:
        return self.current.breached

    @property
    def repeated(self) -> bool:
        return sum(m.breached for m in self.months) >= REPEATED


def letter_subject(service, year: int, month: int) -> str:
    with override("id"):
        return _("Teguran ketersediaan layanan kritis %(service)s periode %(period)s") % {
            "service": service.name,
            "period": month_label(year, month),
        }


def warning_letters(services, year: int, month: int) -> dict[int, object]:
    """The warning letter already issued for each service for (year, month), by service id."""
    from django.contrib.contenttypes.models import ContentType

    from kelola.core.models import Letter, LetterKind

    result = {}
    for service in services:
        letter = (
            Letter.objects.filter(
                target_type=ContentType.objects.get_for_model(Service),
                target_id=str(service.pk),
                kind=LetterKind.WARNING,
                subject=letter_subject(service, year, month)[:255],
            )
            .order_by("-pk")
            .first()
        )
        if letter is not None:
            result[service.pk] = letter
    return result


def monthly_review(pemda, year: int, month: int, *, services=None, now=None) -> list[ReviewRow]:
    """Per critical (active) service of `pemda`: availability in the month against its target,
    resolution-SLA breaches of its tickets due in the month, whether it breached (below target,
    or fewer than `RESOLUTION_COMPLIANCE` % of those tickets resolved in time), and whether it
    breached in at least 2 of the last 3 months including this one. The current month is
    measured up to now."""
    now = now or timezone.now()
    if services is None:
        services = Service.objects.filter(pemda=pemda, critical=True, is_active=True).select_related("agency")
    services = list(services)
    if not services:
        return []
    window = previous_months(year, month, WINDOW)
    bounds = {ym: month_bounds(pemda, *ym) for ym in window}
    first, last = bounds[window[0]][0], bounds[window[-1]][1]
    outages = defaultdict(list)
    for service_id, began, ended in (
        Outage.objects.filter(service__in=services, started_at__lt=last)
        .exclude(ended_at__lte=first)
        .values_list("service_id", "started_at", "ended_at")
    ):
        outages[service_id].append((began, ended))
    breaches, due = defaultdict(int), defaultdict(int)
    for ym, (start, end) in bounds.items():
        for row in (
            Ticket.objects.filter(service__in=services, resolution_due__gte=start, resolution_due__lt=end)
            .values("service_id")
            .annotate(due=Count("pk"), late=Count("pk", filter=resolution_breached(now)))
        ):
            breaches[(row["service_id"], ym)] = row["late"]
            due[(row["service_id"], ym)] = row["due"]
    letters = warning_letters(services, year, month)
    rows = []
    for service in services:
        target = float(service.availability_target)
        figures = []
        for ym in window:
            start, end = bounds[ym]
            count, total = breaches[(service.pk, ym)], due[(service.pk, ym)]
            late = bool(total) and 100.0 * (total - count) / total < RESOLUTION_COMPLIANCE
            if start >= now:
                figures.append(MonthFigures(*ym, None, count, False, late, total))
                continue
            end = min(end, now)
            value = 100.0 * (1 - downtime(outages[service.pk], start, end, now) / (end - start))
            below = value < target
            figures.append(MonthFigures(*ym, value, count, below, below or late, total))
        rows.append(
            ReviewRow(
                service=service,
                target=target,
                current=figures[-1],
                months=figures,
                letter=letters.get(service.pk),
            )
        )
    return rows


# --- the warning letter ---------------------------------------------------------------------


def _letter_body(row: ReviewRow, pemda) -> str:
    service = row.service
    lines = [
        _(
            "Berdasarkan Pasal 28 ayat (5), dalam hal aspek minimal SLA tidak terpenuhi, Komite "
            "Pengarah TIK memberikan surat peringatan dan/atau surat teguran kepada Dinas."
        ),
        _(
            "Hasil pemantauan menunjukkan bahwa layanan kritis “%(service)s” milik %(agency)s "
            "berulang kali tidak memenuhi tingkat layanan minimal dalam %(window)s bulan terakhir:"
        )
        % {"service": service.name, "agency": service.agency.name, "window": WINDOW},
    ]
    for figures in row.months:
        availability = (
            "—" if figures.availability is None else f"{figures.availability:.2f}".replace(".", ",")
        )
        lines.append(
            _(
                "- %(period)s: ketersediaan %(availability)s%% (target %(target)s%%), "
                "%(breaches)s dari %(due)s tiket melewati batas penyelesaian SLA%(flag)s."
            )
            % {
                "period": figures.label,
                "availability": availability,
                "target": f"{row.target:.2f}".replace(".", ","),
                "breaches": figures.breaches,
                "due": figures.due,
                "flag": _(" — tidak terpenuhi") if figures.breached else "",
            }
        )
    lines.append(
        _(
            "Sehubungan dengan hal tersebut, Dinas diminta menutup sementara web service layanan "
            "tersebut sampai dengan %(agency)s melakukan perbaikan, dan melaporkan hasil perbaikannya "
            "kepada Komite Pengarah TIK."
        )
        % {"agency": service.agency.name}
    )
    return "\n".join(lines)


def issue_warning_letter(service: Service, actor, year: int, month: int):
    """002 Ps.28(5): the steering committee (or the GCIO) warns the IT office, with the owner
    agency as recipient, about a critical service that breached repeatedly. Refused: a
    service that is not critical, one that did not breach repeatedly, a second letter for the
    same month, anyone else."""
    from kelola.core.letters import letter_issue
    from kelola.core.models import LetterKind

    try:
        if not may_issue_warning(actor, service.pemda_id):
            raise KelolaError(
                _("Surat teguran diterbitkan oleh Komite Pengarah TIK atau GCIO."), code=ErrorCode.FORBIDDEN
            )
        if not service.critical:
            raise KelolaError(
                _("Layanan “%(service)s” bukan layanan kritis.") % {"service": service},
                code=ErrorCode.INVALID,
            )
        with transaction.atomic():
            stored = Service.objects.select_for_update().select_related("agency", "pemda").get(pk=service.pk)
            row = monthly_review(stored.pemda, year, month, services=[stored])[0]
            if row.letter is not None:
                raise KelolaError(
                    _("Surat teguran untuk periode %(period)s sudah diterbitkan: %(number)s.")
                    % {"period": month_label(year, month), "number": row.letter.number},
                    code=ErrorCode.CONFLICT,
                )
            if not row.repeated:
                raise KelolaError(
                    _(
                        "Layanan “%(service)s” tidak berulang melanggar SLA (paling sedikit %(n)s dari "
                        "%(window)s bulan terakhir); surat teguran tidak dapat diterbitkan."
                    )
                    % {"service": stored, "n": REPEATED, "window": WINDOW},
                    code=ErrorCode.RULE_VIOLATION,
                )
            committee = actor_for(actor).has_pemda_role(stored.pemda_id, {Role.COMMITTEE})
            with override("id"):  # an official letter is written in Indonesian
                body = _letter_body(row, stored.pemda)
                recipient = _("Kepala Dinas Komunikasi dan Informatika %(pemda)s") % {"pemda": stored.pemda}
                title = (
                    _("Ketua Komite Pengarah TIK")
                    if committee
                    else _("Kepala Dinas Komunikasi dan Informatika")
                )
            return letter_issue(
                actor=actor,
                pemda=stored.pemda,
                kind=LetterKind.WARNING,
                subject=letter_subject(stored, year, month)[:255],
                recipient=recipient,
                body=body,
                signatory_name=getattr(actor, "display_name", "") or str(actor),
                signatory_title=title,
                signatory_nip=getattr(actor, "nip", "") or "",
                recipient_agency=stored.agency,
                target=stored,
            )
    except KelolaError as exc:
        audit.record(
            "refused",
            service,
            actor=actor,
            changes={"action": "warning_letter", "code": str(exc.code), "reason": str(exc.message)},
        )
        raise
