from django.urls import path

from .views import agencies, assessments, registers

app_name = "organizations"


def crud(prefix: str, name: str, views: dict) -> list:
    """The five routes of a register: list, create, detail, update, delete."""
    routes = [
        path(f"{prefix}/", views["list"].as_view(), name=f"{name}_list"),
        path(f"{prefix}/tambah/", views["create"].as_view(), name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", views["detail"].as_view(), name=f"{name}_detail"),
        path(f"{prefix}/<int:pk>/ubah/", views["update"].as_view(), name=f"{name}_update"),
    ]
    if "delete" in views:
        routes.append(path(f"{prefix}/<int:pk>/hapus/", views["delete"].as_view(), name=f"{name}_delete"))
    return routes


r, a, s = registers, agencies, assessments
urlpatterns = [
    path("pemda/", a.my_pemda, name="my_pemda"),
    path("pemda/<int:pk>/", a.PemdaDetailView.as_view(), name="pemda_detail"),
    path("pemda/<int:pk>/ubah/", a.PemdaUpdateView.as_view(), name="pemda_update"),
    *crud(
        "perangkat-daerah",
        "agency",
        {
            "list": a.AgencyListView,
            "create": a.AgencyCreateView,
            "detail": a.AgencyDetailView,
            "update": a.AgencyUpdateView,
            "delete": a.AgencyDeleteView,
        },
    ),
    *crud(
        "pegawai",
        "person",
        {
            "list": r.PersonListView,
            "create": r.PersonCreateView,
            "detail": r.PersonDetailView,
            "update": r.PersonUpdateView,
            "delete": r.PersonDeleteView,
        },
    ),
    *crud(
        "jabatan",
        "position",
        {
            "list": r.PositionListView,
            "create": r.PositionCreateView,
            "detail": r.PositionDetailView,
            "update": r.PositionUpdateView,
            "delete": r.PositionDeleteView,
        },
    ),
    *crud(
        "teknisi-tier-1",
        "technician",
        {
            "list": r.TechnicianListView,
            "create": r.TechnicianCreateView,
            "detail": r.TechnicianDetailView,
            "update": r.TechnicianUpdateView,
            "delete": r.TechnicianDeleteView,
        },
    ),
    path("cakupan-teknisi/", a.TechnicianCoverageView.as_view(), name="technician_coverage"),
    *crud(
        "keputusan",
        "decree",
        {
            "list": r.DecreeListView,
            "create": r.DecreeCreateView,
            "detail": r.DecreeDetailView,
            "update": r.DecreeUpdateView,
            "delete": r.DecreeDeleteView,
        },
    ),
    path("keputusan/<int:pk>/unggah/", r.DecreeUploadView.as_view(), name="decree_upload"),
    *crud(
        "badan",
        "body",
        {
            "list": r.BodyListView,
            "create": r.BodyCreateView,
            "detail": r.BodyDetailView,
            "update": r.BodyUpdateView,
            "delete": r.BodyDeleteView,
        },
    ),
    path("badan/<int:pk>/anggota/tambah/", r.MembershipCreateView.as_view(), name="membership_create"),
    path("anggota/<int:pk>/hapus/", r.MembershipDeleteView.as_view(), name="membership_delete"),
    *crud(
        "mandiri-tik",
        "assessment",
        {
            "list": s.AssessmentListView,
            "create": s.AssessmentCreateView,
            "detail": s.AssessmentDetailView,
            "update": s.AssessmentUpdateView,
        },
    ),
    path("mandiri-tik/<int:pk>/langkah/", s.AssessmentTransitionView.as_view(), name="assessment_transition"),
    path("mandiri-tik/<int:pk>/unggah/", s.AssessmentUploadView.as_view(), name="assessment_upload"),
]
