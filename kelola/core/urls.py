from django.contrib.auth import views as auth_views
from django.urls import path

from kelola.core.views import account, pages

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("akun/masuk/", account.LoginView.as_view(), name="login"),
    path("akun/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/profil/", account.profile, name="profile"),
    path("akun/kata-sandi/", account.PasswordChangeView.as_view(), name="password_change"),
    path("akun/dua-langkah/", account.two_factor_setup, name="two_factor_setup"),
    path("akun/dua-langkah/verifikasi/", account.two_factor_verify, name="two_factor_verify"),
    path("notifikasi/", pages.notification_list, name="notifications"),
    path("notifikasi/baca-semua/", pages.notification_read_all, name="notifications_read_all"),
    path("notifikasi/<int:pk>/", pages.notification_open, name="notification_open"),
    path("audit/", pages.AuditLogView.as_view(), name="audit_log"),
]
