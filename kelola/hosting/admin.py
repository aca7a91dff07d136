"""Support staff read the hosting register in the admin; every step goes through the workflow,
so the admin changes nothing of a request's state."""

from django.contrib import admin

from .models import HostingCheck, HostingReminder, HostingRequest, VpsRenewal, VpsRequest


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HostingCheckInline(admin.TabularInline):
    model = HostingCheck
    extra = 0
    fields = ("item", "passed", "note", "checked_by")
    readonly_fields = fields
    can_delete = False


class HostingReminderInline(admin.TabularInline):
    model = HostingReminder
    extra = 0
    fields = ("number", "letter", "sent_at", "window_ends_at")
    readonly_fields = fields
    can_delete = False


@admin.register(HostingRequest)
class HostingRequestAdmin(_ReadOnly):
    list_display = ("__str__", "pemda", "agency", "kind", "status", "letter_number", "setup_deadline")
    list_filter = ("pemda", "kind", "status")
    search_fields = ("letter_number", "purpose", "agency__name", "system__internal_name")
    inlines = (HostingCheckInline, HostingReminderInline)


class VpsRenewalInline(admin.TabularInline):
    model = VpsRenewal
    extra = 0
    fields = ("months", "reason", "status", "new_expires_on")
    readonly_fields = fields
    can_delete = False


@admin.register(VpsRequest)
class VpsRequestAdmin(_ReadOnly):
    list_display = ("__str__", "pemda", "agency", "status", "vcpus", "memory_gb", "expires_on")
    list_filter = ("pemda", "status")
    search_fields = ("purpose", "agency__name")
    inlines = (VpsRenewalInline,)
