from django.urls import path

from . import views

app_name = "assets"

urlpatterns = [
    path("", views.AssetListView.as_view(), name="asset_list"),
    path("tambah/", views.AssetCreateView.as_view(), name="asset_create"),
    path("impor/", views.AssetImportView.as_view(), name="asset_import"),
    path("impor/laporan/<int:job_id>/", views.ImportReportView.as_view(), name="asset_import_report"),
    path("<int:pk>/", views.AssetDetailView.as_view(), name="asset_detail"),
    path("<int:pk>/ubah/", views.AssetUpdateView.as_view(), name="asset_update"),
    path("<int:pk>/hapus/", views.AssetDeleteView.as_view(), name="asset_delete"),
    path("<int:pk>/langkah/", views.AssetTransitionView.as_view(), name="asset_transition"),
    path("<int:pk>/jadwal/", views.ScheduleAddView.as_view(), name="schedule_add"),
    path("<int:pk>/pemeliharaan/", views.RecordAddView.as_view(), name="record_add"),
    path("jadwal/<int:pk>/hapus/", views.ScheduleDeleteView.as_view(), name="schedule_delete"),
    path("lisensi/", views.LicenceListView.as_view(), name="licence_list"),
    path("lisensi/tambah/", views.LicenceCreateView.as_view(), name="licence_create"),
    path("lisensi/<int:pk>/", views.LicenceDetailView.as_view(), name="licence_detail"),
    path("lisensi/<int:pk>/ubah/", views.LicenceUpdateView.as_view(), name="licence_update"),
    path("lisensi/<int:pk>/hapus/", views.LicenceDeleteView.as_view(), name="licence_delete"),
    path("lisensi/<int:pk>/tugaskan/", views.LicenceAssignView.as_view(), name="licence_assign"),
    path(
        "lisensi/<int:pk>/lepas/<int:assignment_pk>/",
        views.LicenceUnassignView.as_view(),
        name="licence_unassign",
    ),
    path("penggantian/", views.ReplacementView.as_view(), name="replacement"),
    path("pemeliharaan-terlambat/", views.MaintenanceOverdueView.as_view(), name="maintenance_overdue"),
    path("diagram-lan/", views.LanDiagramListView.as_view(), name="lan_diagram_list"),
    path("diagram-lan/unggah/", views.LanDiagramCreateView.as_view(), name="lan_diagram_create"),
    path("diagram-lan/terlambat/", views.LanOverdueView.as_view(), name="lan_overdue"),
    path("diagram-lan/pengingat/", views.LanRemindView.as_view(), name="lan_remind"),
    path("diagram-lan/<int:pk>/", views.LanDiagramDetailView.as_view(), name="lan_diagram_detail"),
    path("diagram-lan/<int:pk>/unduh/", views.LanDiagramDownloadView.as_view(), name="lan_diagram_download"),
]
