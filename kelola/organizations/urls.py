from django.urls import path

from .views import agencies, assessments, bodies, decrees, people

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


a, s, b, d, r = agencies, assessments, bodies, decrees, people
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
            "list": d.DecreeListView,
            "create": d.DecreeCreateView,
            "detail": d.DecreeDetailView,
            "update": d.DecreeUpdateView,
            "delete": d.DecreeDeleteView,
        },
    ),
    path("keputusan/<int:pk>/unggah/", d.DecreeUploadView.as_view(), name="decree_upload"),
    *crud(
        "badan",
        "body",
        {
            "list": b.BodyListView,
            "create": b.BodyCreateView,
            "detail": b.BodyDetailView,
            "update": b.BodyUpdateView,
            "delete": b.BodyDeleteView,
        },
    ),
    path("badan/<int:pk>/anggota/tambah/", b.MembershipCreateView.as_view(), name="membership_create"),
    path("anggota/<int:pk>/ubah/", b.MembershipUpdateView.as_view(), name="membership_update"),
    path("anggota/<int:pk>/hapus/", b.MembershipDeleteView.as_view(), name="membership_delete"),
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
