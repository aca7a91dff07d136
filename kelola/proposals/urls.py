from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("usulan/", views.ProposalListView.as_view(), name="proposal_list"),
    path("usulan/tambah/", views.ProposalCreateView.as_view(), name="proposal_create"),
    path("usulan/<int:pk>/", views.ProposalDetailView.as_view(), name="proposal_detail"),
    path("usulan/<int:pk>/ubah/", views.ProposalUpdateView.as_view(), name="proposal_update"),
    path("usulan/<int:pk>/hapus/", views.ProposalDeleteView.as_view(), name="proposal_delete"),
    path("usulan/<int:pk>/unggah/", views.ProposalUploadView.as_view(), name="proposal_upload"),
    path("usulan/<int:pk>/langkah/", views.ProposalTransitionView.as_view(), name="proposal_transition"),
    path("usulan/<int:pk>/tumpang-tindih/", views.OverlapDecisionView.as_view(), name="proposal_overlap"),
    path("belanja/", views.BudgetListView.as_view(), name="budget_list"),
    path("belanja/tambah/", views.BudgetCreateView.as_view(), name="budget_create"),
    path("belanja/<int:pk>/", views.BudgetDetailView.as_view(), name="budget_detail"),
    path("belanja/<int:pk>/ubah/", views.BudgetUpdateView.as_view(), name="budget_update"),
    path("belanja/<int:pk>/hapus/", views.BudgetDeleteView.as_view(), name="budget_delete"),
    path("belanja/<int:pk>/reviu/", views.BudgetReviewView.as_view(), name="budget_review"),
]
