from django.urls import path

from debt_recovery.court import views

urlpatterns = [
    path("debts/debtors/<int:pk>/court-claim/", views.claim_prepare, name="claim-prepare"),
    path("debts/debtors/<int:pk>/estate/", views.estate_open, name="estate-open"),
    path("debts/court/", views.claims, name="claims"),
    path("debts/court/claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    path("debts/court/claims/<int:pk>/pack.pdf", views.claim_pack_pdf, name="claim-pack"),
    path("debts/court/claims/<int:pk>/issue/", views.claim_event, {"event": "issue"}, name="claim-issue"),
    path("debts/court/claims/<int:pk>/judgment/", views.claim_event, {"event": "judgment"}, name="claim-judgment"),
    path("debts/court/claims/<int:pk>/enforcement/", views.claim_event, {"event": "enforcement"},
         name="claim-enforcement"),
    path("debts/court/claims/<int:pk>/close/", views.claim_event, {"event": "close"}, name="claim-close"),
    path("debts/court/estates/<int:pk>/", views.estate_detail, name="estate-detail"),
]
