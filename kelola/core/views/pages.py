"""Core pages: home dashboard, health, notifications inbox, audit log."""

from __future__ import annotations

import django_filters
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kelola.core import access
from kelola.core.access import actor_for
from kelola.core.dashboard import home_cards
from kelola.core.models import AuditAction, AuditEntry, Notification
from kelola.core.roles import EXEMPT_READERS, Role
from kelola.core.views.generic import Column, RegisterListView


@login_required
def home(request):
    return render(request, "core/home.html", {"title": _("Beranda"), "cards": home_cards(request.user)})


@never_cache
def health(request):
    """Liveness and readiness: the database answers and the migrations are applied."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # reported, not raised: this is the health endpoint
        checks["database"] = f"error: {exc.__class__.__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks, "time": timezone.now().isoformat()},
        status=200 if healthy else 503,
    )


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(recipient=request.user).order_by("-created_at")[:200]
    return render(
        request, "core/notifications.html", {"title": _("Notifikasi"), "notifications": notifications}
    )


@login_required
@require_POST
def notification_open(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(notification.url or "core:notifications")


@login_required
@require_POST
def notification_read_all(request):
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("core:notifications")


AUDIT_ROLES = EXEMPT_READERS | {Role.EVALUATOR}


def audit_entries_visible_to(user):
    """The change log of the pemda where the user is GCIO, administrator, security officer,
    auditor or evaluator; the whole log for platform administrators."""
    actor = actor_for(user)
    entries = AuditEntry.objects.all()
    if actor.is_platform_admin:
        return entries
    return entries.filter(pemda_id__in=actor.pemdas_with(AUDIT_ROLES))


class AuditFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Cari"))
    action = django_filters.ChoiceFilter(choices=AuditAction.choices, label=_("Tindakan"))
    date_from = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("Dari tanggal")
    )
    date_to = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", label=_("Sampai tanggal")
    )

    class Meta:
        model = AuditEntry
        fields = ["action"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(object_repr__icontains=value) | Q(actor_name__icontains=value) | Q(request_id=value)
        )


class AuditLogView(RegisterListView):
    model = AuditEntry
    filterset_class = AuditFilter
    title = _("Log audit")
    template_name = "core/audit_log.html"
    columns = (
        Column("created_at", _("Waktu"), order_by="created_at"),
        Column("actor_name", _("Pelaku")),
        Column("action", _("Tindakan")),
        Column(
            "content_type", _("Jenis data"), accessor=lambda e: e.content_type.name if e.content_type else ""
        ),
        Column("object_repr", _("Objek")),
        Column("changes", _("Perubahan"), accessor=lambda e: e.changes, export_only=True),
        Column("comment", _("Keterangan")),
        Column("request_id", _("ID permintaan"), export_only=True),
        Column("chain", _("Rantai"), export_only=True),
        Column("sequence", _("Urutan"), export_only=True),
        Column("entry_hash", _("Hash"), export_only=True),
    )
    default_ordering = ("-created_at", "-id")
    select_related = ("content_type",)

    def get_base_queryset(self):
        return audit_entries_visible_to(self.request.user).select_related("content_type")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not (
            actor_for(request.user).is_platform_admin or actor_for(request.user).pemdas_with(AUDIT_ROLES)
        ):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def can_read_audit_log(user) -> bool:
    actor = actor_for(user)
    return actor.is_platform_admin or bool(actor.pemdas_with(AUDIT_ROLES))


__all__ = ["AuditLogView", "access", "can_read_audit_log", "health", "home"]
