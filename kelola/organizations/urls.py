from django.urls import path

from . import views

app_name = "organizations"

urlpatterns = [
    path("perangkat-daerah/", views.AgencyListView.as_view(), name="agency_list"),
    path("perangkat-daerah/<int:pk>/", views.AgencyDetailView.as_view(), name="agency_detail"),
]
