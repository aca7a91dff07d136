"""Service catalogue and working-calendar services (DESK-1, DESK-5)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from kelola.core import audit
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import Agency
from kelola.core.services import create_row, delete_row, ensure, refusals_logged, update_row

from .choices import DEFAULT_TARGETS, Priority
from .models import Holiday, Service, ServiceLevel, WorkCalendar


def service_create(*, actor, agency: Agency, allowed_agencies=(), **data) -> Service:
    data.pop("pemda", None)
    probe = Service(pemda=agency.pemda, agency=agency, **data)
    _check_critical(actor, probe, changed=bool(data.get("critical")))
    with transaction.atomic():
        service = create_row(Service, actor=actor, pemda=agency.pemda, agency=agency, **data)
        service.allowed_agencies.set(_same_pemda(allowed_agencies, service))
        ServiceLevel.objects.bulk_create(
            ServiceLevel(service=service, priority=p, response_minutes=r, resolution_minutes=f)
            for p, (r, f) in DEFAULT_TARGETS.items()
        )
    return service


def service_update(service: Service, *, actor, allowed_agencies=None, **data) -> Service:
    data.pop("pemda", None)
    if data.get("agency") is not None:
        data["pemda"] = data["agency"].pemda
    stored = Service.objects.get(pk=service.pk)
    _check_critical(actor, stored, changed="critical" in data and data["critical"] != stored.critical)
    with transaction.atomic():
        updated = update_row(service, actor=actor, **data)
        if allowed_agencies is not None:
            before = sorted(updated.allowed_agencies.values_list("pk", flat=True))
            updated.allowed_agencies.set(_same_pemda(allowed_agencies, updated))
            after = sorted(updated.allowed_agencies.values_list("pk", flat=True))
            if before != after:
                audit.record("update", updated, actor=actor, changes={"allowed_agencies": [before, after]})
    return updated


def _check_critical(actor, service, *, changed: bool) -> None:
    """004 Lamp.IV / 002 Ps.28: the owner proposes, the IT office decides what is critical."""
    from kelola.core import access

    if changed and not access.can(actor, "set_critical", service):
        with refusals_logged(actor, "change", service if service.pk else None, Service):
            raise KelolaError(
                _("Status layanan kritis ditetapkan oleh Dinas; pemilik layanan dapat mengusulkannya."),
                code=ErrorCode.FORBIDDEN,
                errors={"critical": [_("Hanya Dinas yang menetapkan layanan kritis.")]},
            )


def _same_pemda(agencies, service):
    return [a for a in agencies if a.pemda_id == service.pemda_id]


def service_delete(service: Service, *, actor) -> None:
    delete_row(service, actor=actor)


def levels_replace(service: Service, targets: dict, *, actor) -> list[ServiceLevel]:
    """Set the response/resolution targets (working minutes) of every priority at once."""
    errors = {}
    for priority in Priority.values:
        response, resolution = targets.get(priority, (None, None))
        if not response or not resolution or response < 1 or resolution < 1:
            errors[priority] = [_("Isi target respons dan penyelesaian (menit, lebih dari nol).")]
        elif resolution < response:
            errors[priority] = [_("Target penyelesaian tidak boleh lebih cepat dari respons.")]
    with refusals_logged(actor, "change", service), transaction.atomic():
        stored = Service.objects.select_for_update().get(pk=service.pk)
        ensure(actor, "change", stored)
        if errors:
            raise KelolaError(_("Periksa kembali target SLA."), errors=errors)
        levels = []
        for priority in Priority.values:
            response, resolution = targets[priority]
            level = ServiceLevel.objects.filter(service=stored, priority=priority).first() or ServiceLevel(
                service=stored, priority=priority
            )
            if (level.response_minutes, level.resolution_minutes) != (response, resolution):
                level.response_minutes, level.resolution_minutes = response, resolution
                with audit.audit_context(actor=actor):
                    level.save()
            levels.append(level)
    return levels


def calendar_for_update(pemda) -> WorkCalendar:
    return WorkCalendar.objects.filter(pemda=pemda).first() or WorkCalendar(pemda=pemda)


def calendar_update(pemda, *, actor, **hours) -> WorkCalendar:
    calendar = WorkCalendar.objects.filter(pemda=pemda).first()
    if calendar is None:
        return create_row(WorkCalendar, actor=actor, pemda=pemda, **hours)
    return update_row(calendar, actor=actor, **hours)


def holiday_create(*, actor, pemda, **data) -> Holiday:
    data.pop("pemda", None)
    return create_row(Holiday, actor=actor, pemda=pemda, **data)


def holiday_update(holiday: Holiday, *, actor, **data) -> Holiday:
    data.pop("pemda", None)
    return update_row(holiday, actor=actor, **data)


def holiday_delete(holiday: Holiday, *, actor) -> None:
    delete_row(holiday, actor=actor)


def holidays_import(pemda, year: int, *, actor) -> list[Holiday]:
    """Add the national public holidays of `year` (the `holidays` library's Indonesian list);
    dates already present are kept as they are. Collective leave days are added by hand."""
    import holidays as national

    if not 2000 <= year <= 2100:
        raise KelolaError(_("Tahun tidak wajar."), errors={"year": [_("Tahun tidak wajar.")]})
    created = []
    with transaction.atomic():
        existing = set(Holiday.objects.filter(pemda=pemda, date__year=year).values_list("date", flat=True))
        for day, name in sorted(national.Indonesia(years=year, language="id").items()):
            if day not in existing:
                created.append(create_row(Holiday, actor=actor, pemda=pemda, date=day, name=name[:200]))
    return created
