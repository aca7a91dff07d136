from django.urls import path

from . import problem_views, views

app_name = "servicedesk"

urlpatterns = [
    path("layanan/", views.ServiceListView.as_view(), name="service_list"),
    path("layanan/tambah/", views.ServiceCreateView.as_view(), name="service_create"),
    path("layanan/<int:pk>/", views.ServiceDetailView.as_view(), name="service_detail"),
    path("layanan/<int:pk>/ubah/", views.ServiceUpdateView.as_view(), name="service_update"),
    path("layanan/<int:pk>/hapus/", views.ServiceDeleteView.as_view(), name="service_delete"),
    path("layanan/<int:pk>/sla/", views.LevelsView.as_view(), name="service_levels"),
    path("kalender/", views.CalendarView.as_view(), name="calendar"),
    path("tiket/", views.TicketListView.as_view(), name="ticket_list"),
    path("laporan/", views.SlaReportView.as_view(), name="report"),
    path("tiket/buat/", views.TicketCreateView.as_view(), name="ticket_create"),
    path("tiket/<int:pk>/", views.TicketDetailView.as_view(), name="ticket_detail"),
    path("tiket/<int:pk>/langkah/", views.TicketTransitionView.as_view(), name="ticket_transition"),
    path("tiket/<int:pk>/jadikan-artikel/", views.TicketToArticleView.as_view(), name="ticket_to_article"),
    path("tiket/<int:pk>/wo/", views.WorkOrderIssueView.as_view(), name="workorder_issue"),
    path("wo/", views.WorkOrderListView.as_view(), name="workorder_list"),
    path("wo/<int:pk>/", views.WorkOrderDetailView.as_view(), name="workorder_detail"),
    path("wo/<int:pk>/langkah/", views.WorkOrderTransitionView.as_view(), name="workorder_transition"),
    path("pengetahuan/", views.ArticleListView.as_view(), name="article_list"),
    path("pengetahuan/tulis/", views.ArticleCreateView.as_view(), name="article_create"),
    path("pengetahuan/saran/", views.article_suggestions, name="article_suggestions"),
    path("pengetahuan/publik/", views.public_articles, name="public_articles"),
    path("pengetahuan/publik/<int:pk>/", views.public_article, name="public_article"),
    path("pengetahuan/<int:pk>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("pengetahuan/<int:pk>/ubah/", views.ArticleUpdateView.as_view(), name="article_update"),
    path("pengetahuan/<int:pk>/hapus/", views.ArticleDeleteView.as_view(), name="article_delete"),
]

urlpatterns += problem_views.urlpatterns
