from django.contrib import admin

from .models import BudgetLine, OverlapReview, Proposal, ProposalRevision


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("title", "agency", "pemda", "status", "fiscal_year", "revision")
    list_filter = ("pemda", "status", "kind")
    search_fields = ("title",)


admin.site.register(ProposalRevision)
admin.site.register(OverlapReview)


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "agency",
        "fiscal_year",
        "category",
        "planned_amount",
        "realised_amount",
        "review",
    )
    list_filter = ("pemda", "fiscal_year", "category", "review")
