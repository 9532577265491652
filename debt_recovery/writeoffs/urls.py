from django.urls import path

from debt_recovery.writeoffs import views

urlpatterns = [
    path("debts/debtors/<int:pk>/write-off/", views.writeoff_recommend, name="writeoff-recommend"),
    path("debts/write-offs/", views.writeoff_list, name="writeoffs"),
    path("debts/write-offs/small-balances/", views.writeoff_bulk, name="writeoff-bulk"),
    path("debts/write-offs/approve-batch/", views.writeoff_batch_approve, name="writeoff-batch-approve"),
    path("debts/write-offs/authority/", views.authority, name="writeoff-authority"),
    path("debts/write-offs/authority/bands/new/", views.authority_band_edit, name="writeoff-band-add"),
    path("debts/write-offs/authority/bands/<int:pk>/", views.authority_band_edit, name="writeoff-band-edit"),
    path("debts/write-offs/authority/delegations/new/", views.delegation_add, name="writeoff-delegation-add"),
    path("debts/write-offs/authority/delegations/<int:pk>/end/", views.delegation_end, name="writeoff-delegation-end"),
    path("debts/write-offs/<int:pk>/", views.writeoff_detail, name="writeoff-detail"),
    path("debts/write-offs/<int:pk>/approve/", views.writeoff_approve, name="writeoff-approve"),
    path("debts/write-offs/<int:pk>/reject/", views.writeoff_reject, name="writeoff-reject"),
    path("debts/write-offs/<int:pk>/reinstate/", views.writeoff_reinstate, name="writeoff-reinstate"),
]
