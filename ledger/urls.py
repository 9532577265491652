from django.urls import path

from ledger import views

app_name = "ledger"
urlpatterns: list = [
    path("clients/<int:pk>/money/", views.client_money_view, name="client-money"),
    path("clients/<int:pk>/money/receipts/add/", views.receipt_add, name="receipt-add"),
    path("clients/<int:pk>/money/payments/add/", views.payment_add, name="payment-add"),
    path("money/payments/<int:pk>/release/", views.payment_release, name="payment-release"),
    path("money/payments/<int:pk>/cancel/", views.payment_cancel, name="payment-cancel"),
    path("money/receipts/<int:pk>/confirm/", views.receipt_confirm, name="receipt-confirm"),
    path("money/", views.overview, name="overview"),
    path("money/pooled-account/", views.pooled_account, name="pooled-account"),
    path("money/suspense/", views.suspense_list, name="suspense"),
    path("money/suspense/<int:pk>/allocate/", views.suspense_allocate, name="suspense-allocate"),
    path("money/imports/", views.import_list, name="imports"),
    path("money/imports/preview/<str:token>/", views.import_preview, name="import-preview"),
    path("money/imports/<int:pk>/", views.import_detail, name="import-detail"),
    path("money/imports/layouts/", views.statement_layout_list, name="statement-layouts"),
    path("money/imports/layouts/new/", views.statement_layout_new, name="statement-layout-new"),
    path("money/imports/layouts/<int:pk>/", views.statement_layout_detail, name="statement-layout"),
    path("money/imports/layouts/<int:pk>/change/", views.statement_layout_change, name="statement-layout-change"),
    path("money/pooled-account/bank-details/", views.bank_details, name="bank-details"),
    path("money/reconciliations/", views.reconciliation_list, name="reconciliations"),
    path("money/reconciliations/<int:pk>/", views.reconciliation_detail, name="reconciliation-detail"),
    path("money/reconciliations/<int:pk>/sign-off/", views.reconciliation_sign_off, name="reconciliation-sign-off"),
    path("money/reconciliations/<int:pk>/prepare-again/", views.reconciliation_prepare_again,
         name="reconciliation-prepare-again"),
    path("money/reconciliations/<int:pk>/reopen/", views.reconciliation_reopen, name="reconciliation-reopen"),
    path("money/reconciliations/<int:pk>/statement.pdf", views.reconciliation_pdf, name="reconciliation-pdf"),
]
