from django.contrib import admin

from .models import Asset, LanDiagram, Licence, LicenceAssignment, MaintenanceRecord, MaintenanceSchedule


@admin.register(Asset)
class AssetAdmin(admin.ModelAdmin):
    list_display = ("name", "serial_number", "agency", "pemda", "category", "status", "condition")
    list_filter = ("pemda", "kind", "category", "status", "condition")
    search_fields = ("name", "serial_number", "brand_model")
    raw_id_fields = ("agency", "custodian", "system")
    list_select_related = ("agency", "pemda")


@admin.register(Licence)
class LicenceAdmin(admin.ModelAdmin):
    list_display = ("software_name", "agency", "pemda", "licence_type", "seats", "expiry_date")
    list_filter = ("pemda", "licence_type")
    search_fields = ("software_name", "vendor")


@admin.register(LicenceAssignment)
class LicenceAssignmentAdmin(admin.ModelAdmin):
    list_display = ("licence", "asset", "person", "assigned_on")
    raw_id_fields = ("licence", "asset", "person")


@admin.register(MaintenanceSchedule)
class MaintenanceScheduleAdmin(admin.ModelAdmin):
    list_display = ("task", "asset", "interval_months", "next_due", "is_active")
    raw_id_fields = ("asset",)


@admin.register(MaintenanceRecord)
class MaintenanceRecordAdmin(admin.ModelAdmin):
    list_display = ("date", "asset", "cost", "performed_by")
    raw_id_fields = ("asset", "schedule")


@admin.register(LanDiagram)
class LanDiagramAdmin(admin.ModelAdmin):
    list_display = ("agency", "report_kind", "effective_date", "uploaded_by", "created_at")
    list_filter = ("report_kind",)
    raw_id_fields = ("agency", "document", "uploaded_by")
