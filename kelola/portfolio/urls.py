from django.urls import path, re_path

from . import catalogue, views

app_name = "portfolio"

urlpatterns = [
    path("dasbor/", views.PortfolioDashboardView.as_view(), name="dashboard"),
    path("sistem/", views.SystemListView.as_view(), name="system_list"),
    path("sistem/tambah/", views.SystemCreateView.as_view(), name="system_create"),
    path("sistem/impor/", views.SystemImportView.as_view(), name="system_import"),
    path(
        "sistem/impor/<int:job_id>/laporan.xlsx",
        views.ImportReportView.as_view(),
        name="system_import_report",
    ),
    path("sistem/<int:pk>/", views.SystemDetailView.as_view(), name="system_detail"),
    path("sistem/<int:pk>/ubah/", views.SystemUpdateView.as_view(), name="system_update"),
    path("sistem/<int:pk>/hapus/", views.SystemDeleteView.as_view(), name="system_delete"),
    path("sistem/<int:pk>/tabel/<slug:section>/", views.SectionEditView.as_view(), name="system_section"),
    path("sistem/<int:pk>/kategori/", views.RiskAssessView.as_view(), name="system_risk"),
    path("sistem/<int:pk>/langkah/", views.LifecycleTransitionView.as_view(), name="system_transition"),
    path("sistem/<int:pk>/relasi/", views.LinkAddView.as_view(), name="system_link_add"),
    path(
        "sistem/<int:pk>/relasi/<int:link_pk>/hapus/",
        views.LinkRemoveView.as_view(),
        name="system_link_remove",
    ),
    path(
        "sistem/<int:pk>/repositori/unggah/",
        views.ArtifactUploadView.as_view(),
        name="system_artifact_upload",
    ),
    re_path(
        r"^sistem/(?P<pk>[0-9]+)/formulir\.(?P<fmt>pdf|xlsx)$",
        views.SystemDownloadView.as_view(),
        name="system_download",
    ),
    path("katalog/", catalogue.catalogue_list, name="catalogue"),
    path("katalog/<int:pk>/", catalogue.catalogue_detail, name="catalogue_detail"),
    path("aturan/", views.RuleListView.as_view(), name="rule_list"),
    path("aturan/preset/", views.RulePresetView.as_view(), name="rule_preset"),
    path("aturan/<int:pk>/ubah/", views.RuleUpdateView.as_view(), name="rule_update"),
]
