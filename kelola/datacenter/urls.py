from django.urls import path

from . import views

app_name = "datacenter"

urlpatterns = [
    path("", views.DataCenterListView.as_view(), name="datacenter_list"),
    path("tambah/", views.DataCenterCreateView.as_view(), name="datacenter_create"),
    path("<int:pk>/", views.DataCenterDetailView.as_view(), name="datacenter_detail"),
    path("<int:pk>/ubah/", views.DataCenterUpdateView.as_view(), name="datacenter_update"),
    path("<int:pk>/hapus/", views.DataCenterDeleteView.as_view(), name="datacenter_delete"),
    path("ruang/", views.RoomListView.as_view(), name="room_list"),
    path("ruang/tambah/", views.RoomCreateView.as_view(), name="room_create"),
    path("ruang/<int:pk>/", views.RoomDetailView.as_view(), name="room_detail"),
    path("ruang/<int:pk>/ubah/", views.RoomUpdateView.as_view(), name="room_update"),
    path("ruang/<int:pk>/hapus/", views.RoomDeleteView.as_view(), name="room_delete"),
    path("rak/", views.RackListView.as_view(), name="rack_list"),
    path("rak/tambah/", views.RackCreateView.as_view(), name="rack_create"),
    path("rak/<int:pk>/", views.RackDetailView.as_view(), name="rack_detail"),
    path("rak/<int:pk>/elevasi/", views.RackElevationView.as_view(), name="rack_elevation"),
    path("rak/<int:pk>/ubah/", views.RackUpdateView.as_view(), name="rack_update"),
    path("rak/<int:pk>/hapus/", views.RackDeleteView.as_view(), name="rack_delete"),
    path("catu-daya/tambah/", views.PowerFeedCreateView.as_view(), name="powerfeed_create"),
    path("catu-daya/<int:pk>/ubah/", views.PowerFeedUpdateView.as_view(), name="powerfeed_update"),
    path("catu-daya/<int:pk>/hapus/", views.PowerFeedDeleteView.as_view(), name="powerfeed_delete"),
    path("perangkat/", views.DeviceListView.as_view(), name="device_list"),
    path("perangkat/tambah/", views.DeviceCreateView.as_view(), name="device_create"),
    path("perangkat/<int:pk>/", views.DeviceDetailView.as_view(), name="device_detail"),
    path("perangkat/<int:pk>/ubah/", views.DeviceUpdateView.as_view(), name="device_update"),
    path("perangkat/<int:pk>/hapus/", views.DeviceDeleteView.as_view(), name="device_delete"),
    path("perangkat/<int:pk>/pindah/", views.DevicePlaceView.as_view(), name="device_place"),
    path("kapasitas/", views.CapacityView.as_view(), name="capacity"),
]
