"""Django admin for support staff (issue item 2): every organisation register, searchable and
filterable by pemda. Changes made here are audited like any other save; the Mandiri TIK status
is left to its workflow so the agency flag and the decree can never disagree."""

from django.contrib import admin

from .models import (
    Decree,
    GoverningBody,
    Membership,
    Person,
    Position,
    SelfRelianceAssessment,
    TierOneTechnician,
)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "nip", "agency", "pemda", "is_it_staff", "classification", "is_active"]
    list_filter = ["pemda", "employment", "is_it_staff", "classification", "is_active"]
    list_select_related = ["agency", "pemda"]
    search_fields = ["full_name", "nip", "email"]
    raw_id_fields = ["agency", "user"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "holder", "is_head", "since"]
    list_filter = ["pemda", "is_head"]
    list_select_related = ["agency", "holder"]
    search_fields = ["title", "holder__full_name", "agency__name"]
    raw_id_fields = ["agency", "holder"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["person"]


@admin.register(GoverningBody)
class GoverningBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "pemda", "decree", "is_active"]
    list_filter = ["pemda", "kind", "is_active"]
    search_fields = ["name"]
    raw_id_fields = ["decree"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "body", "role", "term_start", "term_end"]
    list_filter = ["pemda", "role"]
    list_select_related = ["person", "body"]
    search_fields = ["person__full_name", "body__name"]
    raw_id_fields = ["body", "person"]


@admin.register(Decree)
class DecreeAdmin(admin.ModelAdmin):
    list_display = ["number", "date", "subject", "kind", "pemda", "classification"]
    list_filter = ["pemda", "kind", "classification"]
    search_fields = ["number", "subject"]
    date_hierarchy = "date"
    raw_id_fields = ["agency", "document"]


@admin.register(TierOneTechnician)
class TierOneTechnicianAdmin(admin.ModelAdmin):
    list_display = ["person", "agency", "since", "until"]
    list_filter = ["pemda"]
    list_select_related = ["person", "agency"]
    search_fields = ["person__full_name", "agency__name"]
    raw_id_fields = ["agency", "person"]


@admin.register(SelfRelianceAssessment)
class SelfRelianceAssessmentAdmin(admin.ModelAdmin):
    list_display = ["agency", "pemda", "status", "proposed_at", "decided_at", "activated_at"]
    list_filter = ["pemda", "status"]
    list_select_related = ["agency", "pemda"]
    search_fields = ["agency__name"]
    raw_id_fields = ["agency"]
    # The status and what goes with it change only through the workflow (001 Ps.19), never by
    # hand: otherwise the agency's Mandiri TIK flag could disagree with its decree.
    readonly_fields = [
        "status",
        "assessed_by",
        "proposed_at",
        "decided_by",
        "decided_at",
        "decree",
        "activated_at",
        "revoked_at",
        "revocation_decree",
    ]
