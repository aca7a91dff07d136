"""Service desk foundations (DESK-1, DESK-5): the pemda's working calendar and holidays, and
the catalogue of IT services with their SLA targets per priority."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kelola.core.models import AgencyModel, ChildRowMixin, KelolaModel, TenantModel
from kelola.core.urlcache import detail_url

from .choices import (
    AppLocation,
    ArticleStatus,
    Audience,
    Channel,
    FaultKind,
    Level,
    OutageSource,
    Priority,
    ProblemStatus,
    Procedure,
    ServiceCategory,
    Team,
    TicketKind,
    TicketStatus,
    WorkOrderOutcome,
    WorkOrderStatus,
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_LABELS = (_("Senin"), _("Selasa"), _("Rabu"), _("Kamis"), _("Jumat"), _("Sabtu"), _("Minggu"))
T = datetime.time


def _opens(day: int, default=None):
    return models.TimeField(
        _("%(day)s mulai") % {"day": WEEKDAY_LABELS[day]}, null=True, blank=True, default=default
    )


def _closes(day: int, default=None):
    return models.TimeField(
        _("%(day)s selesai") % {"day": WEEKDAY_LABELS[day]}, null=True, blank=True, default=default
    )


def foreign_pemda_errors(row) -> dict:
    """Errors for a row's service or electronic system that belongs to another pemda."""
    errors = {}
    if getattr(row, "service_id", None) and row.service.pemda_id != row.pemda_id:
        errors["service"] = _("Layanan harus dari pemda yang sama.")
    if getattr(row, "system_id", None) and row.system.pemda_id != row.pemda_id:
        errors["system"] = _("Sistem elektronik harus dari pemda yang sama.")
    return errors


class WorkCalendar(TenantModel):
    """The pemda's working hours for SLA clocks (in the pemda's own time zone); the defaults
    are the usual office hours of a five-day week."""

    monday_start, monday_end = _opens(0, T(7, 30)), _closes(0, T(16, 0))
    tuesday_start, tuesday_end = _opens(1, T(7, 30)), _closes(1, T(16, 0))
    wednesday_start, wednesday_end = _opens(2, T(7, 30)), _closes(2, T(16, 0))
    thursday_start, thursday_end = _opens(3, T(7, 30)), _closes(3, T(16, 0))
    friday_start, friday_end = _opens(4, T(7, 30)), _closes(4, T(16, 30))
    saturday_start, saturday_end = _opens(5), _closes(5)
    sunday_start, sunday_end = _opens(6), _closes(6)

    class Meta:
        verbose_name = _("kalender kerja")
        verbose_name_plural = _("kalender kerja")
        constraints = [models.UniqueConstraint(fields=["pemda"], name="desk_calendar_one_per_pemda")]

    scope_level = "desk_calendar"

    def __str__(self) -> str:
        return str(_("Kalender kerja %(pemda)s") % {"pemda": self.pemda})

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("servicedesk:calendar")

    def hours(self) -> dict[int, tuple[datetime.time, datetime.time]]:
        result = {}
        for index, day in enumerate(WEEKDAYS):
            start, end = getattr(self, f"{day}_start"), getattr(self, f"{day}_end")
            if start and end:
                result[index] = (start, end)
        return result

    def clean(self):
        errors = {}
        for day in WEEKDAYS:
            start, end = getattr(self, f"{day}_start"), getattr(self, f"{day}_end")
            if (start is None) != (end is None):
                errors[f"{day}_end"] = _("Isi jam mulai dan selesai, atau kosongkan keduanya.")
            elif start and end and start >= end:
                errors[f"{day}_end"] = _("Jam selesai harus setelah jam mulai.")
        if not errors and not self.hours():
            errors["monday_start"] = _("Paling sedikit satu hari kerja.")
        if errors:
            raise ValidationError(errors)


class Holiday(TenantModel):
    """A public holiday or collective leave day of the pemda: no SLA clock runs on it."""

    date = models.DateField(_("tanggal"))
    name = models.CharField(_("nama"), max_length=200)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["pemda", "date"], name="desk_holiday_unique")]

    scope_level = "desk_calendar"

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.name}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("servicedesk:calendar")


class Service(AgencyModel):
    """An IT service of the catalogue (DESK-1), owned by an agency (often the IT office)."""

    name = models.CharField(_("nama layanan"), max_length=200)
    description = models.TextField(_("uraian"))
    category = models.CharField(_("kategori"), max_length=20, choices=ServiceCategory.choices)
    team = models.CharField(
        _("tim tier 2"),
        max_length=20,
        choices=Team.choices,
        default=Team.HELPDESK,
        help_text=_("Tim Dinas yang menangani tiket yang dieskalasi."),
    )
    system = models.ForeignKey(
        "portfolio.ElectronicSystem",
        verbose_name=_("sistem elektronik"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
    )
    critical_proposed = models.BooleanField(_("diusulkan kritis oleh pemilik"), default=False)
    critical = models.BooleanField(_("layanan kritis"), default=False, help_text=_("Ditetapkan oleh Dinas."))
    availability_target = models.DecimalField(
        _("target ketersediaan (%)"),
        max_digits=5,
        decimal_places=2,
        default=99,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    requires_letter = models.BooleanField(
        _("wajib surat/nota dinas"),
        default=True,
        help_text=_("Permintaan biasa disertai surat kepala perangkat daerah."),
    )
    available_to_all = models.BooleanField(_("tersedia untuk semua perangkat daerah"), default=True)
    allowed_agencies = models.ManyToManyField(
        "core.Agency", verbose_name=_("perangkat daerah yang boleh memakai"), blank=True, related_name="+"
    )
    sop_document = models.ForeignKey(
        "core.Document",
        verbose_name=_("dokumen SOP"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("layanan TI")
        verbose_name_plural = _("layanan TI")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["pemda", "name"], name="desk_service_unique_name")]

    scope_level = "it_service"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return detail_url("servicedesk:service_detail", self.pk)

    def clean(self):
        errors = foreign_pemda_errors(self)
        if errors:
            raise ValidationError(errors)

    def may_be_used_by(self, agency) -> bool:
        if not self.is_active:
            return False
        return self.available_to_all or self.allowed_agencies.filter(pk=agency.pk).exists()


class ServiceLevel(ChildRowMixin, KelolaModel):
    """The SLA of a service for one priority: response and resolution targets in working minutes."""

    service = models.ForeignKey(
        Service, verbose_name=_("layanan"), on_delete=models.CASCADE, related_name="levels"
    )
    priority = models.CharField(_("prioritas"), max_length=2, choices=Priority.choices)
    response_minutes = models.PositiveIntegerField(
        _("target respons (menit kerja)"), validators=[MinValueValidator(1)]
    )
    resolution_minutes = models.PositiveIntegerField(
        _("target penyelesaian (menit kerja)"), validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("tingkat layanan")
        verbose_name_plural = _("tingkat layanan")
        ordering = ["service", "priority"]
        constraints = [models.UniqueConstraint(fields=["service", "priority"], name="desk_level_unique")]

    audit_parent = "service"

    def __str__(self) -> str:
        return f"{self.service} {self.get_priority_display()}"

    def clean(self):
        if (
            self.response_minutes
            and self.resolution_minutes
            and self.resolution_minutes < self.response_minutes
        ):
            raise ValidationError(
                {"resolution_minutes": _("Target penyelesaian tidak boleh lebih cepat dari respons.")}
            )


#: How long a worker keeps a pemda's calendar and a service's targets between edits (edits
#: clear them at once in the shared cache; a worker with its own local cache sees them by then).
REFERENCE_CACHE_SECONDS = 60


def _calendar_key(pemda_id) -> str:
    return f"servicedesk:calendar:{pemda_id}"


def _targets_key(service_id) -> str:
    return f"servicedesk:targets:{service_id}"


def clock_calendar(pemda):
    """The pemda's `clock.Calendar` (its hours, time zone and holidays); defaults when unset.
    `pemda` is a Pemda or its id (filing a ticket need not load the pemda)."""
    from django.core.cache import cache

    from kelola.core.models import Pemda

    from . import clock

    pemda_id = getattr(pemda, "pk", pemda)
    parts = cache.get(_calendar_key(pemda_id))
    if parts is None:
        stored = WorkCalendar.objects.filter(pemda_id=pemda_id).first() or WorkCalendar(pemda_id=pemda_id)
        holidays = frozenset(Holiday.objects.filter(pemda_id=pemda_id).values_list("date", flat=True))
        zone = Pemda.objects.filter(pk=pemda_id).values_list("timezone", flat=True).first()
        parts = (stored.hours(), holidays, zone or "Asia/Jakarta")
        cache.set(_calendar_key(pemda_id), parts, REFERENCE_CACHE_SECONDS)
    hours, holidays, zone = parts
    return clock.Calendar(tz=ZoneInfo(zone), hours=hours, holidays=holidays)


def service_targets(service_id) -> dict[str, tuple[int, int]]:
    """Priority → (response, resolution) working minutes of a service's SLA."""
    from django.core.cache import cache

    targets = cache.get(_targets_key(service_id))
    if targets is None:
        targets = {
            priority: (response, resolution)
            for priority, response, resolution in ServiceLevel.objects.filter(
                service_id=service_id
            ).values_list("priority", "response_minutes", "resolution_minutes")
        }
        cache.set(_targets_key(service_id), targets, REFERENCE_CACHE_SECONDS)
    return targets


def forget_reference(sender, instance, **kwargs) -> None:
    """Signal receiver: a calendar, holiday, SLA level or a pemda (its time zone) changed."""
    from django.core.cache import cache

    from kelola.core.models import Pemda

    if isinstance(instance, ServiceLevel):
        cache.delete(_targets_key(instance.service_id))
    elif isinstance(instance, Pemda):
        cache.delete(_calendar_key(instance.pk))
    else:
        cache.delete(_calendar_key(instance.pemda_id))


class Ticket(AgencyModel):
    """A service request or complaint (DESK-2) of an agency's user, handled at tier 1 (the
    agency's technician) or tier 2 (an IT-office team), timed against the service's SLA.

    Every index is written with every filing: the pemda, agency and assignee keys are served by
    the composite indexes that lead with them, and the keys that are mostly empty (system,
    letter, problem) are indexed only where set."""

    pemda = models.ForeignKey(
        "core.Pemda", verbose_name=_("pemda"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=TicketKind.choices)
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("uraian"))
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pemohon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requester_name = models.CharField(_("nama pemohon"), max_length=200, blank=True)
    vvip = models.BooleanField(
        _("VVIP"), default=False, help_text=_("Bupati/Walikota, wakil, Sekda, asisten.")
    )
    service = models.ForeignKey(
        Service, verbose_name=_("layanan"), on_delete=models.PROTECT, related_name="tickets"
    )
    system = models.ForeignKey(
        "portfolio.ElectronicSystem",
        verbose_name=_("sistem elektronik"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
        db_index=False,
    )
    impact = models.CharField(_("dampak"), max_length=10, choices=Level.choices, default=Level.MEDIUM)
    urgency = models.CharField(_("urgensi"), max_length=10, choices=Level.choices, default=Level.MEDIUM)
    priority = models.CharField(_("prioritas"), max_length=2, choices=Priority.choices, editable=False)
    letter = models.ForeignKey(
        "core.Document",
        verbose_name=_("surat/nota dinas"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    status = models.CharField(
        _("status"), max_length=15, choices=TicketStatus.choices, default=TicketStatus.NEW
    )
    tier = models.PositiveSmallIntegerField(_("tier"), default=1)
    team = models.CharField(_("tim"), max_length=20, choices=Team.choices, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    triage = models.BooleanField(
        _("perlu pemilahan"), default=False, help_text=_("Masuk dari e-mail pengirim yang tidak dikenal.")
    )
    escalation_reason = models.TextField(_("alasan eskalasi"), blank=True)
    resolution = models.TextField(_("penyelesaian"), blank=True)
    response_due = models.DateTimeField(_("batas respons"), null=True, blank=True)
    resolution_due = models.DateTimeField(_("batas penyelesaian"), null=True, blank=True)
    responded_at = models.DateTimeField(_("direspons pada"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("diselesaikan pada"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("penilaian"), null=True, blank=True)
    feedback = models.TextField(_("tanggapan pemohon"), blank=True)
    problem = models.ForeignKey(
        "Problem",
        verbose_name=_("masalah"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incidents",
        db_index=False,
    )

    class Meta:
        verbose_name = _("tiket")
        verbose_name_plural = _("tiket")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["pemda", "status"], name="ticket_pemda_status"),
            models.Index(fields=["pemda", "team", "status"], name="ticket_pemda_team_status"),
            # the queues: mine by due time, an agency's newest first
            models.Index(fields=["assignee", "status", "resolution_due"], name="ticket_assignee_queue"),
            models.Index(fields=["agency", "-created_at", "-id"], name="ticket_agency_newest"),
            # the SLA scan looks only at open tickets
            models.Index(
                fields=["response_due"],
                condition=models.Q(status__in=["new", "escalated"], responded_at__isnull=True),
                name="ticket_open_response_due",
            ),
            models.Index(
                fields=["resolution_due"],
                condition=models.Q(status__in=["new", "in_progress", "escalated"]),
                name="ticket_open_resolution_due",
            ),
            *(
                models.Index(
                    fields=[key], condition=models.Q(**{f"{key}__isnull": False}), name=f"ticket_{key}"
                )
                for key in ("system", "letter", "problem")
            ),
        ]

    scope_level = "ticket"

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    def get_absolute_url(self) -> str:
        return detail_url("servicedesk:ticket_detail", self.pk)

    def clean(self):
        errors = foreign_pemda_errors(self)
        if self.rating is not None and not 1 <= self.rating <= 5:
            errors["rating"] = _("Penilaian 1 sampai 5.")
        if errors:
            raise ValidationError(errors)


class TicketPause(models.Model):
    """A stretch in which the SLA clock stood still: waiting for the requester."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="pauses")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["ticket", "started_at"]

    def __str__(self) -> str:
        return f"{self.ticket_id}: {self.started_at} - {self.ended_at or '...'}"


class SlaEvent(models.Model):
    """A warning before, or a breach of, a ticket's SLA target, recorded once by the scan."""

    class Kind(models.TextChoices):
        RESPONSE_WARNING = "response_warning", _("Respons mendekati batas")
        RESPONSE_BREACH = "response_breach", _("Respons melewati batas")
        RESOLUTION_WARNING = "resolution_warning", _("Penyelesaian mendekati batas")
        RESOLUTION_BREACH = "resolution_breach", _("Penyelesaian melewati batas")

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("tiket"), on_delete=models.CASCADE, related_name="sla_events"
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    due = models.DateTimeField(_("batas"))
    detected_at = models.DateTimeField(_("terdeteksi pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("peristiwa SLA")
        verbose_name_plural = _("peristiwa SLA")
        ordering = ["-detected_at"]
        constraints = [models.UniqueConstraint(fields=["ticket", "kind"], name="sla_event_once")]

    def __str__(self) -> str:
        return f"#{self.ticket_id} {self.get_kind_display()}"


class Article(TenantModel):
    """A knowledge-base article (OPS-2): a category, an audience, versions kept on each edit."""

    title = models.CharField(_("judul"), max_length=200)
    category = models.CharField(_("kategori"), max_length=100)
    body = models.TextField(_("isi"))
    audience = models.CharField(_("pembaca"), max_length=10, choices=Audience.choices, default=Audience.STAFF)
    status = models.CharField(
        _("status"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("versi"), default=1)
    service = models.ForeignKey(
        Service,
        verbose_name=_("layanan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    source_ticket = models.ForeignKey(
        Ticket,
        verbose_name=_("dari tiket"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: Lower-cased words of title, category and body for the search fallback (SQLite).
    search_text = models.TextField(_("teks pencarian"), blank=True, editable=False)

    class Meta:
        verbose_name = _("artikel pengetahuan")
        verbose_name_plural = _("artikel pengetahuan")
        ordering = ["category", "title"]

    scope_level = "article"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return detail_url("servicedesk:article_detail", self.pk)


class ArticleVersion(models.Model):
    """An earlier text of an article, kept when it is edited."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField()
    saved_at = models.DateTimeField(auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["article", "-version"]
        constraints = [models.UniqueConstraint(fields=["article", "version"], name="article_version_unique")]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.version}"


class WorkOrder(AgencyModel):
    """A work order (WO) the help desk issues to an IT-office team for a ticket (DESK-4), run
    by one of the procedures of 004 Lampiran IV: the team takes it, may pass it on (IT support
    → data center when the application is hosted there, → infrastructure for the network), or
    returns it with its report; an application not hosted in the data center is referred to
    its developer. The help desk confirms with the user and closes it. The agency is the
    ticket's."""

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("tiket"), on_delete=models.PROTECT, related_name="work_orders"
    )
    number = models.CharField(_("nomor WO"), max_length=30, editable=False)
    procedure = models.CharField(_("prosedur"), max_length=25, choices=Procedure.choices)
    team = models.CharField(_("tim"), max_length=20, choices=Team.choices)
    status = models.CharField(
        _("status"), max_length=15, choices=WorkOrderStatus.choices, default=WorkOrderStatus.ISSUED
    )
    instructions = models.TextField(_("instruksi"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    app_location = models.CharField(
        _("lokasi aplikasi"), max_length=15, choices=AppLocation.choices, blank=True
    )
    fault_kind = models.CharField(
        _("klasifikasi gangguan"), max_length=15, choices=FaultKind.choices, blank=True
    )
    report = models.TextField(_("laporan pekerjaan"), blank=True)
    outcome = models.CharField(_("hasil"), max_length=10, choices=WorkOrderOutcome.choices, blank=True)
    returned_at = models.DateTimeField(_("dikembalikan pada"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("perintah kerja")
        verbose_name_plural = _("perintah kerja")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["pemda", "number"], name="desk_wo_unique_number")]
        indexes = [models.Index(fields=["pemda", "team", "status"], name="wo_pemda_team_status")]

    scope_level = "work_order"

    def __str__(self) -> str:
        return f"{self.number} {self.ticket.title}" if self.ticket_id else self.number

    def get_absolute_url(self) -> str:
        return detail_url("servicedesk:workorder_detail", self.pk)


class Problem(TenantModel):
    """A problem (DESK-6): the cause behind one or more incidents, investigated to its root
    cause; a known error carries a workaround until the fix (a change) is in place."""

    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("uraian"))
    service = models.ForeignKey(
        Service, verbose_name=_("layanan"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    system = models.ForeignKey(
        "portfolio.ElectronicSystem",
        verbose_name=_("sistem elektronik"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=15, choices=ProblemStatus.choices, default=ProblemStatus.OPEN
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    root_cause = models.TextField(_("akar masalah"), blank=True)
    workaround = models.TextField(_("solusi sementara"), blank=True)
    change_reference = models.CharField(
        _("perubahan perbaikan"),
        max_length=200,
        blank=True,
        help_text=_("Nomor atau uraian perubahan yang memperbaiki masalah."),
    )
    resolved_at = models.DateTimeField(_("diperbaiki pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("masalah")
        verbose_name_plural = _("masalah")
        ordering = ["-created_at", "-id"]

    scope_level = "problem"

    def __str__(self) -> str:
        return f"PRB-{self.pk} {self.title}"

    def get_absolute_url(self) -> str:
        return detail_url("servicedesk:problem_detail", self.pk)

    def clean(self):
        errors = foreign_pemda_errors(self)
        if errors:
            raise ValidationError(errors)


class Outage(ChildRowMixin, KelolaModel):
    """A stretch in which a service was unavailable (DESK-5), entered by staff or reported by
    monitoring; its length counts against the service's availability target."""

    service = models.ForeignKey(
        Service, verbose_name=_("layanan"), on_delete=models.CASCADE, related_name="outages"
    )
    started_at = models.DateTimeField(_("mulai"))
    ended_at = models.DateTimeField(
        _("selesai"), null=True, blank=True, help_text=_("Kosong: masih berlangsung.")
    )
    source = models.CharField(
        _("sumber"), max_length=10, choices=OutageSource.choices, default=OutageSource.ENTERED
    )
    description = models.TextField(_("keterangan"), blank=True)
    ticket = models.ForeignKey(
        Ticket, verbose_name=_("tiket"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("gangguan layanan")
        verbose_name_plural = _("gangguan layanan")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["service", "started_at"], name="outage_service_start")]

    audit_parent = "service"

    def __str__(self) -> str:
        return f"{self.service}: {self.started_at:%d-%m-%Y %H:%M}"

    def clean(self):
        if self.ended_at and self.started_at and self.ended_at <= self.started_at:
            raise ValidationError({"ended_at": _("Waktu selesai harus setelah waktu mulai.")})
