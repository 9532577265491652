"""What payments and payment plans add to the shared screens: the daily plans job, the team leader's
panels (broken plans, refunds awaiting approval, suspense to allocate) and their part of the demo."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, Crumb, DemoStep, WorkCount, WorkPanel, registry


def payments_panel(user, scope) -> list[WorkCount]:
    from debt_recovery.payments.selectors import refunds_awaiting_approval, suspense_to_allocate
    from debt_recovery.plans.selectors import plans_broken_recently
    from people.choices import Service

    if scope.team.service != Service.DEBT_RECOVERY:
        return []
    return [
        WorkCount("Payment plans broken in the last 28 days", plans_broken_recently().count(),
                  reverse("debt_recovery:plans") + "?status=broken"),
        WorkCount("Refunds awaiting approval", refunds_awaiting_approval().count(), reverse("debt_recovery:refunds")),
        WorkCount("Unidentified payments to allocate", suspense_to_allocate().count(),
                  reverse("debt_recovery:suspense")),
    ]


def _debtor_payments(request):
    obj = getattr(request, "rule_object", None)
    debtor = getattr(obj, "debtor", obj)
    if debtor is None or not hasattr(debtor, "reference"):
        return None
    return ("Payments", reverse("debt_recovery:debtor-payments", args=[debtor.pk]))


def _seed_demo(run) -> dict[str, int]:
    from debt_recovery.plans.demo import seed_demo_step

    return seed_demo_step(run)


def register() -> None:
    from debt_recovery.plans import tasks

    registry.add_jobs(tasks.SCHEDULE)
    registry.add_work_panel(WorkPanel(key="debt-payments-team", title="Payments and plans", rule="debt_recovery.lead",
                                      counts=payments_panel, order=42, place="dashboard"))
    from debt_recovery.hooks import AGED_DEBT, _client_debts
    from people.hooks import CLIENT, CLIENTS, HOME

    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:debtor-payments",),
                                         (HOME, CLIENTS, CLIENT, Crumb(build=_client_debts))))
    payments = Crumb(build=_debtor_payments)
    registry.add_breadcrumbs(Breadcrumbs(
        ("debt_recovery:payment-add", "debt_recovery:payment-reverse", "debt_recovery:payment-reallocate",
         "debt_recovery:refund-add", "debt_recovery:plan-add"), (HOME, CLIENTS, CLIENT, payments)))
    registry.add_breadcrumbs(Breadcrumbs(
        ("debt_recovery:refunds", "debt_recovery:suspense", "debt_recovery:allocation-rule", "debt_recovery:plans",
         "debt_recovery:payment-files"),
        (HOME, AGED_DEBT)))
    suspense = Crumb("Unidentified payments", "debt_recovery:suspense")
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:suspense-add", "debt_recovery:suspense-allocate"),
                                         (HOME, AGED_DEBT, suspense)))
    registry.add_breadcrumbs(Breadcrumbs(("debt_recovery:refund-decide",),
                                         (HOME, AGED_DEBT, Crumb("Refunds", "debt_recovery:refunds"))))
    registry.add_demo_step(DemoStep("debt-payments", _seed_demo, "Payments by several methods, a receipt in "
                                    "suspense, a refund awaiting approval, a payment plan in force and one broken",
                                    after=("debt-recovery", "debt-recovery-ladder")))
