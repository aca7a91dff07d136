from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

# Each domain's api module registers its viewsets on the shared router when imported.
import kelola.assets.api
import kelola.cmdb.api
import kelola.connectivity.api
import kelola.core.api.routes
import kelola.datacenter.api
import kelola.hosting.api
import kelola.network.api
import kelola.organizations.api
import kelola.portfolio.api
import kelola.proposals.api
import kelola.servicedesk.api  # noqa: F401
from kelola.core.api.router import router
from kelola.core.views.pages import health

admin.site.site_header = "Kelola"
admin.site.site_title = "Kelola"

urlpatterns = [
    path("health/", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("organisasi/", include("kelola.organizations.urls")),
    path("portofolio/", include("kelola.portfolio.urls")),
    path("usulan-tik/", include("kelola.proposals.urls")),
    path("layanan-ti/", include("kelola.servicedesk.urls")),
    path("jaringan/", include("kelola.network.urls")),
    path("aset/", include("kelola.assets.urls")),
    path("pusat-data/", include("kelola.datacenter.urls")),
    path("hosting/", include("kelola.hosting.urls")),
    path("konektivitas/", include("kelola.connectivity.urls")),
    path("cmdb/", include("kelola.cmdb.urls")),
    path("", include("kelola.core.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
