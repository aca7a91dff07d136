from django.contrib import admin

from .models import (
    BandwidthAllocation,
    BandwidthCapacity,
    BandwidthNeed,
    BandwidthUsage,
    ConnectionPointRequest,
    EventNetworkRequest,
)


@admin.register(ConnectionPointRequest)
class ConnectionPointRequestAdmin(admin.ModelAdmin):
    list_display = ("id", "pemda", "agency", "building", "points", "status", "created_at")
    list_filter = ("pemda", "status")
    search_fields = ("building", "room", "purpose")
    # The status moves only through the workflow: support staff read it.
    readonly_fields = ("status",)


@admin.register(EventNetworkRequest)
class EventNetworkRequestAdmin(admin.ModelAdmin):
    list_display = ("name", "pemda", "agency", "start_at", "addresses_needed", "status")
    list_filter = ("pemda", "status")
    search_fields = ("name", "venue")
    readonly_fields = ("status",)
    filter_horizontal = ()
    raw_id_fields = ("addresses",)


@admin.register(BandwidthCapacity)
class BandwidthCapacityAdmin(admin.ModelAdmin):
    list_display = ("name", "pemda", "provider", "capacity_mbps", "valid_from", "valid_to")
    list_filter = ("pemda",)


@admin.register(BandwidthNeed)
class BandwidthNeedAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "staff_users", "requested_mbps", "recommended_mbps")
    list_filter = ("pemda", "year")


@admin.register(BandwidthAllocation)
class BandwidthAllocationAdmin(admin.ModelAdmin):
    list_display = ("agency", "committed_mbps", "valid_from", "valid_to", "link")
    list_filter = ("pemda",)


@admin.register(BandwidthUsage)
class BandwidthUsageAdmin(admin.ModelAdmin):
    list_display = ("agency", "period", "avg_mbps", "peak_mbps", "source")
    list_filter = ("pemda", "source")
    date_hierarchy = "period"
