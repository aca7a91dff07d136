from django.urls import path

from . import views

app_name = "connectivity"

urlpatterns = [
    path("titik-koneksi/", views.ConnectionListView.as_view(), name="connection_list"),
    path("titik-koneksi/buat/", views.ConnectionCreateView.as_view(), name="connection_create"),
    path("titik-koneksi/<int:pk>/", views.ConnectionDetailView.as_view(), name="connection_detail"),
    path(
        "titik-koneksi/<int:pk>/langkah/",
        views.ConnectionTransitionView.as_view(),
        name="connection_transition",
    ),
    path("acara/", views.EventListView.as_view(), name="event_list"),
    path("acara/buat/", views.EventCreateView.as_view(), name="event_create"),
    path("acara/<int:pk>/", views.EventDetailView.as_view(), name="event_detail"),
    path("acara/<int:pk>/langkah/", views.EventTransitionView.as_view(), name="event_transition"),
    path("bandwidth/kapasitas/", views.CapacityListView.as_view(), name="capacity_list"),
    path("bandwidth/kapasitas/tambah/", views.CapacityCreateView.as_view(), name="capacity_create"),
    path("bandwidth/kapasitas/<int:pk>/", views.CapacityDetailView.as_view(), name="capacity_detail"),
    path("bandwidth/kapasitas/<int:pk>/ubah/", views.CapacityUpdateView.as_view(), name="capacity_update"),
    path("bandwidth/kapasitas/<int:pk>/hapus/", views.CapacityDeleteView.as_view(), name="capacity_delete"),
    path("bandwidth/kebutuhan/", views.NeedListView.as_view(), name="need_list"),
    path("bandwidth/kebutuhan/tambah/", views.NeedCreateView.as_view(), name="need_create"),
    path("bandwidth/kebutuhan/<int:pk>/", views.NeedDetailView.as_view(), name="need_detail"),
    path("bandwidth/kebutuhan/<int:pk>/ubah/", views.NeedUpdateView.as_view(), name="need_update"),
    path("bandwidth/kebutuhan/<int:pk>/hapus/", views.NeedDeleteView.as_view(), name="need_delete"),
    path("bandwidth/alokasi/", views.AllocationListView.as_view(), name="allocation_list"),
    path("bandwidth/alokasi/tambah/", views.AllocationCreateView.as_view(), name="allocation_create"),
    path("bandwidth/alokasi/<int:pk>/", views.AllocationDetailView.as_view(), name="allocation_detail"),
    path("bandwidth/alokasi/<int:pk>/ubah/", views.AllocationUpdateView.as_view(), name="allocation_update"),
    path("bandwidth/alokasi/<int:pk>/hapus/", views.AllocationDeleteView.as_view(), name="allocation_delete"),
    path("bandwidth/pemakaian/", views.UsageListView.as_view(), name="usage_list"),
    path("bandwidth/pemakaian/<int:pk>/", views.UsageDetailView.as_view(), name="usage_detail"),
    path("bandwidth/pemakaian/impor/", views.UsageImportView.as_view(), name="usage_import"),
    path(
        "bandwidth/pemakaian/impor/laporan/<int:job_id>/",
        views.UsageImportReportView.as_view(),
        name="usage_import_report",
    ),
    path("bandwidth/laporan/", views.ReportView.as_view(), name="report"),
]
