"""Django admin for support staff. The audit log and timelines are read-only here too."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from kelola.core.models import (
    Agency,
    AuditEntry,
    Document,
    Job,
    Letter,
    Notification,
    Pemda,
    RoleAssignment,
    TimelineEvent,
    User,
)


@admin.register(Pemda)
class PemdaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "domain", "timezone", "requires_two_factor", "is_active"]
    list_filter = ["kind", "timezone", "is_active"]
    search_fields = ["name", "code", "domain"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "pemda", "kind", "is_it_office", "it_self_reliant", "is_active"]
    list_filter = ["pemda", "kind", "is_it_office", "it_self_reliant", "is_active"]
    search_fields = ["name", "short_name", "code"]
    readonly_fields = ["path", "it_self_reliant"]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "pemda", "agency", "is_active", "is_staff"]
    list_filter = ["pemda", "is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "full_name", "email", "nip"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            _("Kelola"),
            {
                "fields": (
                    "full_name",
                    "nip",
                    "phone",
                    "whatsapp",
                    "pemda",
                    "agency",
                    "notify_by_email",
                    "notify_by_whatsapp",
                )
            },
        ),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Kelola"), {"fields": ("full_name", "email", "pemda", "agency")}),
    )
    inlines = [RoleAssignmentInline]
    list_select_related = ["pemda", "agency"]

    def get_readonly_fields(self, request, obj=None):
        # Support staff who are not superusers cannot hand out platform-wide rights.
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "is_staff", "groups", "user_permissions"]
        return readonly

    @staticmethod
    def _is_above(request, obj) -> bool:
        """Is `obj` a superuser account while the acting staff member is not one? Then they
        must neither change it (its password included) nor delete it."""
        return obj is not None and obj.is_superuser and not request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return not self._is_above(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._is_above(request, obj) and super().has_delete_permission(request, obj)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "pemda", "agency", "valid_from", "valid_until"]
    list_filter = ["role", "pemda"]
    search_fields = ["user__username", "user__full_name", "agency__name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "pemda", "agency"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "pemda", "agency", "classification", "secrecy", "version", "is_latest"]
    list_filter = ["kind", "classification", "secrecy", "pemda"]
    search_fields = ["title", "original_name", "sha256"]
    readonly_fields = ["sha256", "size", "mime_type", "series", "version"]


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ["number", "subject", "pemda", "kind", "date"]
    list_filter = ["kind", "pemda", "year"]
    search_fields = ["number", "subject"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "title", "kind", "created_at", "read_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "recipient__username"]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "created_at", "finished_at"]
    list_filter = ["status", "name"]
    search_fields = ["name"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "chain", "sequence", "actor_name", "action", "object_repr"]
    list_filter = ["action", "chain"]
    search_fields = ["object_repr", "actor_name", "request_id"]


@admin.register(TimelineEvent)
class TimelineEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "label", "actor_name", "from_state", "to_state"]
    list_filter = ["verb", "to_state"]
    search_fields = ["label", "actor_name", "comment"]
