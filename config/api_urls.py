"""The API, version 1 (``/api/v1/``). Its OpenAPI schema is at ``/api/schema/``, browsable docs at
``/api/docs/``."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from charging.api.views import AssessmentViewSet, CalculateView, RatesInForceView
from debt_recovery.api import views as debt_recovery
from debt_recovery.bacs_reports import api as bacs_reports_api
from debt_recovery.directdebits import api as dd_api
from debt_recovery.ladder import api as ladder_api
from debt_recovery.payments import api as payments_api
from debt_recovery.statements import api as debt_statements
from ledger.api import views as ledger
from people.api.views import ClientViewSet, ContactViewSet

app_name = "api"

router = SimpleRouter()
router.include_format_suffixes = False
router.register("clients", ClientViewSet, basename="client")
router.register("contacts", ContactViewSet, basename="contact")
router.register("charging/assessments", AssessmentViewSet, basename="charging-assessment")

urlpatterns = router.urls + [
    # A client's money (ledger.api): balances, statement, receipts and payments.
    path("clients/<int:id>/money/", ledger.ClientMoneyView.as_view(), name="client-money"),
    path("clients/<int:id>/money/statement/", ledger.ClientStatementView.as_view(), name="client-money-statement"),
    path("clients/<int:id>/money/receipts/", ledger.ClientReceiptView.as_view(), name="client-money-receipts"),
    path("clients/<int:id>/money/payments/", ledger.ClientPaymentView.as_view(), name="client-money-payments"),
    # The ledger's accounts and general transactions.
    path("ledger/accounts/", ledger.AccountListView.as_view(), name="ledger-accounts"),
    path("ledger/accounts/<int:id>/statement/", ledger.AccountStatementView.as_view(), name="ledger-account-statement"),
    path("ledger/transactions/", ledger.TransactionCreateView.as_view(), name="ledger-transactions"),
    # Charging (charging.api): the what-if calculator; reads the rates, writes nothing.
    path("charging/calculate/", CalculateView.as_view(), name="charging-calculate"),
    path("charging/rates/", RatesInForceView.as_view(), name="charging-rates"),
    # Debt recovery (debt_recovery.api): debtor accounts with their aged balances.
    path("debt-recovery/debtors/", debt_recovery.DebtorListView.as_view(), name="debt-recovery-debtors"),
    path("debt-recovery/debtors/<int:id>/", debt_recovery.DebtorDetailView.as_view(), name="debt-recovery-debtor"),
    # The late payment interest what-if; reads the rates, writes nothing.
    path("debt-recovery/late-payment-interest/", debt_recovery.LatePaymentInterestView.as_view(),
         name="debt-recovery-late-payment-interest"),
    # Debt recovery: holds and the recovery ladder (debt_recovery.ladder.api).
    # Debt recovery: Bacs report import (debt_recovery.bacs_reports.api).
    path("debt-recovery/bacs-reports/", bacs_reports_api.BacsReportListView.as_view(), name="debt-recovery-bacs-reports"),
    path("debt-recovery/bacs-reports/<int:id>/", bacs_reports_api.BacsReportDetailView.as_view(),
         name="debt-recovery-bacs-report"),
    path("debt-recovery/debtors/<int:id>/payments/", payments_api.DebtorPaymentsView.as_view(),
         name="debt-recovery-debtor-payments"),
    path("debt-recovery/payments/<int:id>/reverse/", payments_api.PaymentReverseView.as_view(),
         name="debt-recovery-payment-reverse"),
    path("debt-recovery/payments/<int:id>/reallocate/", payments_api.PaymentReallocateView.as_view(),
         name="debt-recovery-payment-reallocate"),
    path("debt-recovery/suspense/", payments_api.SuspenseView.as_view(), name="debt-recovery-suspense"),
    path("debt-recovery/suspense/<int:id>/allocate/", payments_api.SuspenseAllocateView.as_view(),
         name="debt-recovery-suspense-allocate"),
    path("debt-recovery/refunds/", payments_api.RefundListView.as_view(), name="debt-recovery-refunds"),
    path("debt-recovery/debtors/<int:id>/refunds/", payments_api.DebtorRefundView.as_view(),
         name="debt-recovery-debtor-refunds"),
    path("debt-recovery/refunds/<int:id>/decide/", payments_api.RefundDecideView.as_view(),
         name="debt-recovery-refund-decide"),
    path("debt-recovery/refunds/<int:id>/pay/", payments_api.RefundPayView.as_view(), name="debt-recovery-refund-pay"),
    path("debt-recovery/payment-files/", payments_api.PaymentFileView.as_view(), name="debt-recovery-payment-files"),
    path("debt-recovery/allocation-rule/", payments_api.AllocationRuleView.as_view(),
         name="debt-recovery-allocation-rule"),
    path("debt-recovery/plans/", payments_api.PlanListView.as_view(), name="debt-recovery-plans"),
    path("debt-recovery/debtors/<int:id>/plans/", payments_api.DebtorPlanView.as_view(),
         name="debt-recovery-debtor-plans"),
    path("debt-recovery/holds/", ladder_api.HoldListView.as_view(), name="debt-recovery-holds"),
    path("debt-recovery/holds/<int:id>/", ladder_api.HoldDetailView.as_view(), name="debt-recovery-hold"),
    path("debt-recovery/holds/<int:id>/release/", ladder_api.HoldReleaseView.as_view(),
         name="debt-recovery-hold-release"),
    path("debt-recovery/debtors/<int:id>/ladder/", ladder_api.DebtorLadderView.as_view(),
         name="debt-recovery-debtor-ladder"),
    # Debt recovery: direct debits (debt_recovery.directdebits.api).
    path("debt-recovery/direct-debits/", dd_api.MandateListView.as_view(), name="debt-recovery-direct-debits"),
    path("debt-recovery/direct-debits/<int:id>/", dd_api.MandateDetailView.as_view(),
         name="debt-recovery-direct-debit"),
    path("debt-recovery/direct-debits/<int:id>/cancel/", dd_api.MandateCancelView.as_view(),
         name="debt-recovery-direct-debit-cancel"),
    path("debt-recovery/direct-debit-runs/", dd_api.RunListView.as_view(), name="debt-recovery-direct-debit-runs"),
    path("debt-recovery/direct-debit-files/<int:id>/", dd_api.BacsFileView.as_view(),
         name="debt-recovery-direct-debit-file"),
]

# Debt recovery: write-offs (debt_recovery.writeoffs.api).
from debt_recovery.writeoffs import api as writeoffs_api  # noqa: E402

urlpatterns += [
    path("debt-recovery/write-offs/", writeoffs_api.WriteOffListView.as_view(), name="debt-recovery-writeoffs"),
    path("debt-recovery/write-offs/<int:id>/", writeoffs_api.WriteOffDetailView.as_view(),
         name="debt-recovery-writeoff"),
    path("debt-recovery/write-offs/<int:id>/approve/", writeoffs_api.WriteOffApproveView.as_view(),
         name="debt-recovery-writeoff-approve"),
    path("debt-recovery/write-offs/<int:id>/reject/", writeoffs_api.WriteOffRejectView.as_view(),
         name="debt-recovery-writeoff-reject"),
    path("debt-recovery/write-offs/<int:id>/reinstate/", writeoffs_api.WriteOffReinstateView.as_view(),
         name="debt-recovery-writeoff-reinstate"),

    # Four-weekly statements (debt_recovery.statements.api), read only.
    path("debt-recovery/statement-runs/", debt_statements.StatementRunListView.as_view(), name="debt-recovery-statement-runs"),
    path("debt-recovery/statement-runs/<int:id>/", debt_statements.StatementRunDetailView.as_view(),
         name="debt-recovery-statement-run"),
    path("debt-recovery/statements/", debt_statements.StatementListView.as_view(), name="debt-recovery-statements"),
    path("debt-recovery/statements/<int:id>/", debt_statements.StatementDetailView.as_view(),
         name="debt-recovery-statement"),
]

# Debt recovery: county court, limitation, estates and the debt panel.
from debt_recovery.court import api as court_api  # noqa: E402
from debt_recovery.panel import api as panel_api  # noqa: E402

urlpatterns += [
    path("debt-recovery/court-claims/", court_api.ClaimListView.as_view(), name="debt-recovery-claims"),
    path("debt-recovery/court-claims/<int:id>/", court_api.ClaimDetailView.as_view(), name="debt-recovery-claim"),
    path("debt-recovery/court-claims/<int:id>/events/", court_api.ClaimEventView.as_view(),
         name="debt-recovery-claim-events"),
    path("debt-recovery/limitation-warnings/", court_api.LimitationView.as_view(), name="debt-recovery-limitation"),
    path("debt-recovery/estates/", court_api.EstateListView.as_view(), name="debt-recovery-estates"),
    path("debt-recovery/estates/<int:id>/", court_api.EstateDetailView.as_view(), name="debt-recovery-estate"),
    path("debt-recovery/panel-cases/", panel_api.CaseListView.as_view(), name="debt-recovery-panel-cases"),
    path("debt-recovery/panel-cases/<int:id>/", panel_api.CaseDetailView.as_view(), name="debt-recovery-panel-case"),
    path("debt-recovery/panel-cases/<int:id>/decision/", panel_api.CaseDecisionView.as_view(),
         name="debt-recovery-panel-decision"),
]

# Client affairs casework, clients' property and deferred payments: each app gathers its parts' endpoints
# (``<app>/api/urls.py``), under ``/api/v1/deputyship/``, ``/api/v1/properties/`` and
# ``/api/v1/deferred-payments/``.
from deferred_payments.api import urls as deferred_payments_api  # noqa: E402
from deputyship.api import urls as deputyship_api  # noqa: E402
from properties.api import urls as properties_api  # noqa: E402

urlpatterns += deputyship_api.urlpatterns + properties_api.urlpatterns + deferred_payments_api.urlpatterns
