from django.urls import path

from debt_recovery.payments import views

urlpatterns = [
    path("debts/debtors/<int:pk>/payments/", views.debtor_payments_page, name="debtor-payments"),
    path("debts/debtors/<int:pk>/payments/add/", views.payment_add, name="payment-add"),
    path("debts/payments/<int:pk>/reverse/", views.payment_reverse, name="payment-reverse"),
    path("debts/payments/<int:pk>/reallocate/", views.payment_reallocate, name="payment-reallocate"),
    path("debts/debtors/<int:pk>/refunds/add/", views.refund_add, name="refund-add"),
    path("debts/refunds/", views.refunds, name="refunds"),
    path("debts/refunds/<int:pk>/decide/", views.refund_decide, name="refund-decide"),
    path("debts/refunds/<int:pk>/pay/", views.refund_pay, name="refund-pay"),
    path("debts/suspense/", views.suspense, name="suspense"),
    path("debts/suspense/add/", views.suspense_add, name="suspense-add"),
    path("debts/suspense/<int:pk>/allocate/", views.suspense_allocate, name="suspense-allocate"),
    path("debts/payment-files/", views.payment_file_upload, name="payment-files"),
    path("debts/allocation-rule/", views.allocation_rule, name="allocation-rule"),
    path("debts/plans/", views.plans, name="plans"),
    path("debts/debtors/<int:pk>/plans/add/", views.plan_add, name="plan-add"),
]
