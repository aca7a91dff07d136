from django.contrib import admin

from .models import Holiday, Service, ServiceLevel, WorkCalendar


class LevelInline(admin.TabularInline):
    model = ServiceLevel
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "pemda", "team", "critical", "is_active")
    list_filter = ("pemda", "team", "critical")
    search_fields = ("name",)
    inlines = [LevelInline]


admin.site.register(WorkCalendar)
admin.site.register(Holiday)
