from django.contrib import admin

from .models import AddressRequest, DnsRecord, Domain, IpAddress, Prefix, Vlan


@admin.register(Prefix)
class PrefixAdmin(admin.ModelAdmin):
    list_display = ("network", "pemda", "scope", "agency", "vlan")
    list_filter = ("pemda", "family", "scope")
    search_fields = ("network", "description")
    readonly_fields = (
        "network",
        "family",
        "prefix_length",
        "start_key",
        "end_key",
        "parent",
        "depth",
        "free_from",
    )


@admin.register(IpAddress)
class IpAddressAdmin(admin.ModelAdmin):
    list_display = ("address", "pemda", "prefix", "status", "agency", "assigned_to")
    list_filter = ("pemda", "status", "family")
    search_fields = ("address", "assigned_to", "dns_name")
    # Addresses are placed by the services (rules, keys, allocation hints): support staff read.
    readonly_fields = ("address", "prefix", "family", "key", "request")
    raw_id_fields = ("system",)

    # A freed address must lower its prefixes' search start (`services._lower_free_from`).
    def delete_model(self, request, obj):
        from .services import _lower_free_from

        super().delete_model(request, obj)
        _lower_free_from(obj.pemda_id, obj.family, obj.key, obj.key)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Vlan)
class VlanAdmin(admin.ModelAdmin):
    list_display = ("vid", "name", "pemda", "agency")
    list_filter = ("pemda",)


@admin.register(AddressRequest)
class AddressRequestAdmin(admin.ModelAdmin):
    list_display = ("pk", "agency", "pemda", "scope", "quantity", "status", "created_at")
    list_filter = ("pemda", "status", "scope")
    readonly_fields = ("status", "prefix", "decided_at")


class DnsRecordInline(admin.TabularInline):
    model = DnsRecord
    extra = 0
    fields = ("type", "host", "value", "priority", "ttl")
    readonly_fields = fields  # records are checked by the services


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ("name", "pemda", "kind", "agency", "status", "expires_on")
    list_filter = ("pemda", "kind", "status")
    search_fields = ("name", "village_name", "registrar")
    # The name rules (sub-domain, desa.id) live in the services: support staff read it.
    readonly_fields = ("name", "kind")
    inlines = [DnsRecordInline]
