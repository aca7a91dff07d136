from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("prefiks/", views.PrefixListView.as_view(), name="prefix_list"),
    path("prefiks/tambah/", views.PrefixCreateView.as_view(), name="prefix_create"),
    path("prefiks/<int:pk>/", views.PrefixDetailView.as_view(), name="prefix_detail"),
    path("prefiks/<int:pk>/ubah/", views.PrefixUpdateView.as_view(), name="prefix_update"),
    path("prefiks/<int:pk>/hapus/", views.PrefixDeleteView.as_view(), name="prefix_delete"),
    path("prefiks/<int:pk>/alokasi/", views.PrefixAllocateView.as_view(), name="prefix_allocate"),
    path("alamat/", views.IpAddressListView.as_view(), name="address_list"),
    path("alamat/tambah/", views.IpAddressCreateView.as_view(), name="address_create"),
    path("alamat/<int:pk>/", views.IpAddressDetailView.as_view(), name="address_detail"),
    path("alamat/<int:pk>/ubah/", views.IpAddressUpdateView.as_view(), name="address_update"),
    path("alamat/<int:pk>/hapus/", views.IpAddressDeleteView.as_view(), name="address_delete"),
    path("vlan/", views.VlanListView.as_view(), name="vlan_list"),
    path("vlan/tambah/", views.VlanCreateView.as_view(), name="vlan_create"),
    path("vlan/<int:pk>/", views.VlanDetailView.as_view(), name="vlan_detail"),
    path("vlan/<int:pk>/ubah/", views.VlanUpdateView.as_view(), name="vlan_update"),
    path("vlan/<int:pk>/hapus/", views.VlanDeleteView.as_view(), name="vlan_delete"),
    path("permintaan/", views.AddressRequestListView.as_view(), name="request_list"),
    path("permintaan/buat/", views.AddressRequestCreateView.as_view(), name="request_create"),
    path("permintaan/<int:pk>/", views.AddressRequestDetailView.as_view(), name="request_detail"),
    path(
        "permintaan/<int:pk>/langkah/",
        views.AddressRequestTransitionView.as_view(),
        name="request_transition",
    ),
    path("domain/", views.DomainListView.as_view(), name="domain_list"),
    path("domain/tambah/", views.DomainCreateView.as_view(), name="domain_create"),
    path("domain/<int:pk>/", views.DomainDetailView.as_view(), name="domain_detail"),
    path("domain/<int:pk>/ubah/", views.DomainUpdateView.as_view(), name="domain_update"),
    path("domain/<int:pk>/hapus/", views.DomainDeleteView.as_view(), name="domain_delete"),
    path("domain/<int:pk>/rekaman/", views.DnsRecordAddView.as_view(), name="dnsrecord_create"),
    path("rekaman-dns/<int:pk>/hapus/", views.DnsRecordDeleteView.as_view(), name="dnsrecord_delete"),
]
