from django.contrib.auth import views as auth_views
from django.urls import include, path

from kelola.core.views import account, documents, letters, pages

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("akun/masuk/", account.LoginView.as_view(), name="login"),
    path("akun/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/profil/", account.profile, name="profile"),
    path("akun/kata-sandi/", account.PasswordChangeView.as_view(), name="password_change"),
    path("akun/dua-langkah/", account.two_factor_setup, name="two_factor_setup"),
    path("akun/dua-langkah/verifikasi/", account.two_factor_verify, name="two_factor_verify"),
    path("akun/dua-langkah/nonaktifkan/", account.two_factor_disable, name="two_factor_disable"),
    path("pengguna/", include("kelola.core.views.users")),
    path("notifikasi/", pages.notification_list, name="notifications"),
    path("notifikasi/baca-semua/", pages.notification_read_all, name="notifications_read_all"),
    path("notifikasi/<int:pk>/", pages.notification_open, name="notification_open"),
    path("audit/", pages.AuditLogView.as_view(), name="audit_log"),
    path("dokumen/", documents.DocumentListView.as_view(), name="document_list"),
    path("dokumen/unggah/", documents.DocumentUploadView.as_view(), name="document_upload"),
    path("dokumen/<int:pk>/", documents.DocumentDetailView.as_view(), name="document_detail"),
    path("dokumen/<int:pk>/versi-baru/", documents.DocumentUploadView.as_view(), name="document_new_version"),
    path("dokumen/<int:pk>/unduh/", documents.document_download, name="document_download"),
    path("surat/", documents.LetterListView.as_view(), name="letter_list"),
    path("surat/terbitkan/", documents.LetterCreateView.as_view(), name="letter_create"),
    path("surat/<int:pk>/", documents.LetterDetailView.as_view(), name="letter_detail"),
    path("surat/<int:pk>/unduh/", letters.letter_download, name="letter_download"),
    path("dokumen/lampirkan/", documents.document_attach, name="document_attach"),
]
