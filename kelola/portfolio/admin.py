from django.contrib import admin

from .models import BuildRule, ElectronicSystem, RiskAssessment, SystemEntry


class SystemEntryInline(admin.TabularInline):
    model = SystemEntry
    extra = 0
    fields = ("section", "position", "data")


@admin.register(ElectronicSystem)
class ElectronicSystemAdmin(admin.ModelAdmin):
    list_display = ("external_name", "agency", "pemda", "app_kind", "status", "risk_category")
    list_filter = ("pemda", "status", "app_kind", "risk_category")
    search_fields = ("external_name", "internal_name")
    readonly_fields = ("risk_score", "risk_category")
    inlines = [SystemEntryInline]


@admin.register(RiskAssessment)
class RiskAssessmentAdmin(admin.ModelAdmin):
    list_display = ("system", "score", "category", "assessed_by", "created_at")
    readonly_fields = ("answers", "score", "category")


@admin.register(BuildRule)
class BuildRuleAdmin(admin.ModelAdmin):
    list_display = (
        "pemda",
        "scope",
        "it_office_may_build",
        "self_reliant_agency_may_build",
        "any_agency_may_build",
    )
    list_filter = ("pemda",)
