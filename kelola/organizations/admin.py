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
    list_filter = ["pemda", "employment", "is_it_staff", "classification"]
    search_fields = ["full_name", "nip", "email"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "holder", "is_head"]
    list_filter = ["pemda", "is_head"]
    search_fields = ["title", "holder__full_name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(GoverningBody)
class GoverningBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "pemda", "is_active"]
    list_filter = ["pemda", "kind"]
    inlines = [MembershipInline]


@admin.register(Decree)
class DecreeAdmin(admin.ModelAdmin):
    list_display = ["number", "date", "subject", "pemda", "classification"]
    list_filter = ["pemda", "kind", "classification"]
    search_fields = ["number", "subject"]


@admin.register(TierOneTechnician)
class TierOneTechnicianAdmin(admin.ModelAdmin):
    list_display = ["person", "agency", "since", "until"]
    list_filter = ["pemda"]


@admin.register(SelfRelianceAssessment)
class SelfRelianceAssessmentAdmin(admin.ModelAdmin):
    list_display = ["agency", "status", "proposed_at", "decided_at"]
    list_filter = ["pemda", "status"]
    # The status changes only through the workflow, never by hand.
    readonly_fields = ["status", "decree", "revocation_decree", "activated_at", "revoked_at"]
