from django.urls import path

from . import views

app_name = "hosting"

urlpatterns = [
    path("penitipan/", views.HostingRequestListView.as_view(), name="request_list"),
    path("penitipan/ajukan/", views.HostingRequestCreateView.as_view(), name="request_create"),
    path("penitipan/<int:pk>/", views.HostingRequestDetailView.as_view(), name="request_detail"),
    path("penitipan/<int:pk>/langkah/", views.HostingTransitionView.as_view(), name="request_transition"),
    path("penitipan/<int:pk>/pemeriksaan/", views.HostingCheckView.as_view(), name="request_check"),
    path("vps/", views.VpsRequestListView.as_view(), name="vps_list"),
    path("vps/ajukan/", views.VpsRequestCreateView.as_view(), name="vps_create"),
    path("vps/<int:pk>/", views.VpsRequestDetailView.as_view(), name="vps_detail"),
    path("vps/<int:pk>/langkah/", views.VpsTransitionView.as_view(), name="vps_transition"),
    path("vps/<int:pk>/perpanjangan/", views.VpsRenewalCreateView.as_view(), name="vps_renew"),
    path("perpanjangan/<int:pk>/keputusan/", views.VpsRenewalDecisionView.as_view(), name="renewal_decide"),
]
