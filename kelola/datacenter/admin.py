from django.contrib import admin

from .models import DataCenter, Device, PowerFeed, Rack, Room


@admin.register(DataCenter)
class DataCenterAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "pemda", "kind", "meets_standard", "power_capacity_kw")
    list_filter = ("pemda", "kind", "meets_standard")
    search_fields = ("name", "code")


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ("name", "datacenter", "pemda", "floor")
    list_filter = ("pemda",)
    search_fields = ("name",)


class PowerFeedInline(admin.TabularInline):
    model = PowerFeed
    extra = 0
    fields = ("name", "voltage", "amperage", "max_utilisation", "is_redundant")


@admin.register(Rack)
class RackAdmin(admin.ModelAdmin):
    list_display = ("name", "room", "pemda", "u_height", "max_power_watt", "warning_percent")
    list_filter = ("pemda",)
    search_fields = ("name",)
    readonly_fields = ("warning_notified_at",)
    inlines = [PowerFeedInline]


@admin.register(Device)
class DeviceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "status", "agency", "pemda", "rack", "position", "u_height", "host")
    list_filter = ("pemda", "kind", "status", "origin")
    search_fields = ("name", "serial_number", "operating_system")
    # Placement is checked by the services (free units, power, hosts): support staff read it.
    readonly_fields = ("datacenter", "rack", "position", "u_height", "host", "power_draw_watt")
    raw_id_fields = ("asset",)
    filter_horizontal = ("systems",)
