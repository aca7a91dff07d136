from django.urls import path

from . import views

app_name = "cmdb"

urlpatterns = [
    path("", views.ConfigurationItemListView.as_view(), name="ci_list"),
    path("<int:pk>/", views.ConfigurationItemDetailView.as_view(), name="ci_detail"),
    path("<int:pk>/relasi/tambah/", views.RelationCreateView.as_view(), name="relation_create"),
    path("relasi/", views.RelationListView.as_view(), name="relation_list"),
    path("relasi/<int:pk>/hapus/", views.RelationDeleteView.as_view(), name="relation_delete"),
]
