from django.contrib import admin

from .models import ConfigurationItem, Relation


@admin.register(ConfigurationItem)
class ConfigurationItemAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "pemda", "agency", "updated_at")
    list_filter = ("pemda", "kind")
    search_fields = ("name",)
    # Items follow the domain registers (`sync`): support staff read them.
    readonly_fields = ("pemda", "content_type", "object_id", "kind", "name", "agency", "classification")


@admin.register(Relation)
class RelationAdmin(admin.ModelAdmin):
    list_display = ("source", "kind", "target", "origin", "pemda")
    list_filter = ("pemda", "kind", "origin")
    search_fields = ("source__name", "target__name", "note")
    raw_id_fields = ("source", "target")
    readonly_fields = ("pemda", "source", "target", "kind", "origin")
