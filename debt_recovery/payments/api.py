"""The API of payments, suspense, refunds, the allocation rule and payment plans.

- ``GET|POST /api/v1/debt-recovery/debtors/{id}/payments/``: a debtor's payments with their allocations;
  record one (``idempotency_key`` makes a retry safe).
- ``POST /api/v1/debt-recovery/payments/{id}/reverse/`` and ``.../reallocate/``.
- ``GET|POST /api/v1/debt-recovery/suspense/``: unidentified payments waiting; record one.
  ``POST .../suspense/{id}/allocate/`` to a debtor.
- ``GET /api/v1/debt-recovery/refunds/``: refunds awaiting approval. ``POST .../debtors/{id}/refunds/``
  asks for one; ``POST .../refunds/{id}/decide/`` (a team leader who did not ask for it);
  ``POST .../refunds/{id}/pay/``.
- ``GET|POST /api/v1/debt-recovery/allocation-rule/``.
- ``GET /api/v1/debt-recovery/plans/`` (``?status=``); ``POST .../debtors/{id}/plans/``: an income and
  expenditure statement and the plan agreed from it.

The same rules as the pages; a record of a client you may not see is a 404.
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from debt_recovery.accounts.selectors import access_debtor_account, debtor_accounts_visible_to
from debt_recovery.ladder.api import ERRORS
from debt_recovery.payments import services
from debt_recovery.payments.choices import AllocationRule, Method, RefundStatus, SuspenseStatus
from debt_recovery.payments.models import AllocationPolicy, Payment, Refund, SuspenseReceipt
from debt_recovery.payments.selectors import debtor_payments, refunds_awaiting_approval, suspense_to_allocate
from debt_recovery.plans import services as plan_services
from debt_recovery.plans.choices import Frequency, Heading, PlanStatus
from debt_recovery.plans.models import PaymentPlan
from ledger.api.serializers import MoneyField

TAGS = ["Debt recovery"]


class DebtPaymentInputSerializer(serializers.Serializer):
    amount = serializers.CharField(max_length=20)
    method = serializers.ChoiceField(choices=Method.choices)
    received_on = serializers.DateField()
    reference = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    idempotency_key = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")


class AllocationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    charge = serializers.IntegerField(source="charge_id", help_text="The ledger transaction of the charge.")
    amount = MoneyField()
    effective_date = serializers.DateField()
    cancels = serializers.IntegerField(source="cancels_id", allow_null=True)
    rule = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True)


class DebtPaymentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    debtor = serializers.IntegerField(source="debtor_id")
    amount = MoneyField()
    method = serializers.ChoiceField(choices=Method.choices)
    received_on = serializers.DateField()
    reference = serializers.CharField(allow_blank=True)
    transaction = serializers.IntegerField(source="transaction_id")
    from_suspense = serializers.IntegerField(source="from_suspense_id", allow_null=True)
    reversed_on = serializers.DateField(allow_null=True)
    reversed_reason = serializers.CharField(allow_blank=True)
    allocations = AllocationOutputSerializer(many=True)


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class ReallocateInputSerializer(serializers.Serializer):
    amounts = serializers.DictField(child=serializers.CharField(max_length=20),
                                    help_text="Charge (ledger transaction id) to amount.")
    reason = serializers.CharField(max_length=1000)


class SuspenseInputSerializer(DebtPaymentInputSerializer):
    payer = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class SuspenseOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    amount = MoneyField()
    method = serializers.ChoiceField(choices=Method.choices)
    received_on = serializers.DateField()
    reference = serializers.CharField(allow_blank=True)
    payer = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(choices=SuspenseStatus.choices)


class SuspenseAllocateInputSerializer(serializers.Serializer):
    debtor = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    reason = serializers.CharField(max_length=1000)


class RefundInputSerializer(serializers.Serializer):
    amount = serializers.CharField(max_length=20)
    reason = serializers.CharField(max_length=1000)


class RefundDecisionInputSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class RefundOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    debtor = serializers.IntegerField(source="debtor_id")
    amount = MoneyField()
    reason = serializers.CharField()
    status = serializers.ChoiceField(choices=RefundStatus.choices)
    requested_by = serializers.CharField(source="requested_by.username")
    decided_by = serializers.CharField(source="decided_by.username", allow_null=True, default=None)
    paid_on = serializers.DateField(allow_null=True)
    transaction = serializers.IntegerField(source="transaction_id", allow_null=True)


class RuleInputSerializer(serializers.Serializer):
    rule = serializers.ChoiceField(choices=AllocationRule.choices)
    reason = serializers.CharField(max_length=1000)


class RuleOutputSerializer(serializers.Serializer):
    rule = serializers.ChoiceField(choices=AllocationRule.choices)
    history = serializers.ListField(child=serializers.DictField())


class InstalmentOutputSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    due_on = serializers.DateField()
    amount = MoneyField()
    missed = serializers.SerializerMethodField()

    def get_missed(self, obj) -> bool:
        return obj.missed_task_id is not None


class PlanInputSerializer(serializers.Serializer):
    income_expenditure = serializers.DictField(
        child=serializers.CharField(max_length=20),
        help_text="Monthly amounts by the Standard Financial Statement's headings: " + ", ".join(Heading.values))
    amount = serializers.CharField(max_length=20)
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    start_on = serializers.DateField()
    method = serializers.ChoiceField(choices=Method.choices)
    grace_days = serializers.IntegerField(min_value=0, max_value=60, default=plan_services.DEFAULT_GRACE_DAYS)


class PlanOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    debtor = serializers.IntegerField(source="debtor_id")
    amount = MoneyField()
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    start_on = serializers.DateField()
    method = serializers.ChoiceField(choices=Method.choices)
    total = MoneyField()
    grace_days = serializers.IntegerField()
    status = serializers.ChoiceField(choices=PlanStatus.choices)
    hold = serializers.IntegerField(source="hold_id")
    ended_on = serializers.DateField(allow_null=True)
    end_note = serializers.CharField(allow_blank=True)
    instalments = InstalmentOutputSerializer(many=True)


class PlanQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=PlanStatus.choices, required=False, default=PlanStatus.IN_FORCE)


def _visible(model, user, pk):
    try:
        return model.objects.select_related("debtor__client").get(pk=pk, debtor__in=debtor_accounts_visible_to(user=user))
    except model.DoesNotExist:
        raise Http404("Not found") from None


def _page(view, request, queryset, serializer):
    paginator = StrictLimitOffsetPagination()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer(page, many=True).data)


class _DebtorView(APIView):
    def get_rule_object(self):
        if not hasattr(self, "_debtor"):
            self._debtor = access_debtor_account(user=self.request.user, pk=self.kwargs["id"])
        return self._debtor


class DebtorPaymentsView(_DebtorView):
    rules = {"read": "debt_recovery.view_client_debts", "write": "debt_recovery.work_client"}

    @extend_schema(tags=TAGS, summary="A debtor's payments", responses={200: DebtPaymentOutputSerializer(many=True),
                                                                       **ERRORS})
    def get(self, request: Request, id: int) -> Response:
        return _page(self, request, debtor_payments(debtor=self.get_rule_object()), DebtPaymentOutputSerializer)

    @extend_schema(tags=TAGS, summary="Record a payment", request=DebtPaymentInputSerializer,
                   description="Posted to the ledger (council bank debit, the debtor's receivable credit) and set "
                               "against the charges by the allocation rule in force; any excess is credit.",
                   responses={201: DebtPaymentOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = DebtPaymentInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        key = data.pop("idempotency_key")
        payment = services.payment_record(acting_user=request.user, debtor=self.get_rule_object(),
                                          idempotency_key=f"api:{request.user.pk}:{key}" if key else None, **data)
        return Response(DebtPaymentOutputSerializer(payment).data, status=201)


class _PaymentView(APIView):
    rules = {"write": "debt_recovery.work_client"}

    def get_rule_object(self):
        if not hasattr(self, "_payment"):
            self._payment = _visible(Payment, self.request.user, self.kwargs["id"])
        return self._payment


class PaymentReverseView(_PaymentView):
    @extend_schema(tags=TAGS, summary="Reverse a payment", request=ReasonInputSerializer,
                   responses={200: DebtPaymentOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = ReasonInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        payment = services.payment_reverse(acting_user=request.user, payment=self.get_rule_object(),
                                           reason=given.validated_data["reason"])
        return Response(DebtPaymentOutputSerializer(payment).data)


class PaymentReallocateView(_PaymentView):
    @extend_schema(tags=TAGS, summary="Reallocate a payment", request=ReallocateInputSerializer,
                   description="Cancels the payment's allocations (they are kept, cancelled) and records these.",
                   responses={200: DebtPaymentOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = ReallocateInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        amounts = {}
        for key, value in given.validated_data["amounts"].items():
            if not str(key).isdigit():
                raise serializers.ValidationError({"amounts": [f"{key!r} is not a charge."]})
            amounts[int(key)] = value
        payment = self.get_rule_object()
        services.payment_reallocate(acting_user=request.user, payment=payment, amounts=amounts,
                                    reason=given.validated_data["reason"])
        return Response(DebtPaymentOutputSerializer(Payment.objects.get(pk=payment.pk)).data)


class SuspenseView(APIView):
    rules = {"read": "debt_recovery.payment_suspense", "write": "debt_recovery.payment_suspense"}

    @extend_schema(tags=TAGS, summary="Unidentified payments waiting in suspense",
                   responses={200: SuspenseOutputSerializer(many=True), **ERRORS})
    def get(self, request: Request) -> Response:
        return _page(self, request, suspense_to_allocate(), SuspenseOutputSerializer)

    @extend_schema(tags=TAGS, summary="Record an unidentified payment", request=SuspenseInputSerializer,
                   responses={201: SuspenseOutputSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        given = SuspenseInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        key = data.pop("idempotency_key")
        receipt = services.suspense_receipt_record(acting_user=request.user,
                                                   idempotency_key=f"api:{request.user.pk}:{key}" if key else None,
                                                   **data)
        return Response(SuspenseOutputSerializer(receipt).data, status=201)


class SuspenseAllocateView(APIView):
    rules = {"write": "debt_recovery.payment_suspense"}

    @extend_schema(tags=TAGS, summary="Allocate a payment from suspense to a debtor",
                   request=SuspenseAllocateInputSerializer, responses={201: DebtPaymentOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = SuspenseAllocateInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            receipt = SuspenseReceipt.objects.get(pk=id)
        except SuspenseReceipt.DoesNotExist:
            raise Http404("No receipt found") from None
        debtor = access_debtor_account(user=request.user, pk=given.validated_data["debtor"])
        payment = services.suspense_allocate(acting_user=request.user, receipt=receipt, debtor=debtor,
                                             reason=given.validated_data["reason"])
        return Response(DebtPaymentOutputSerializer(payment).data, status=201)


class RefundListView(APIView):
    rules = {"read": "debt_recovery.work_any"}

    @extend_schema(tags=TAGS, summary="Refunds awaiting approval",
                   responses={200: RefundOutputSerializer(many=True), **ERRORS})
    def get(self, request: Request) -> Response:
        found = refunds_awaiting_approval().filter(debtor__in=debtor_accounts_visible_to(user=request.user))
        return _page(self, request, found, RefundOutputSerializer)


class DebtorRefundView(_DebtorView):
    rules = {"write": "debt_recovery.work_client"}

    @extend_schema(tags=TAGS, summary="Ask for a refund of credit", request=RefundInputSerializer,
                   responses={201: RefundOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = RefundInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        refund = services.refund_request(acting_user=request.user, debtor=self.get_rule_object(),
                                         **given.validated_data)
        return Response(RefundOutputSerializer(refund).data, status=201)


class _RefundView(APIView):
    def get_rule_object(self):
        if not hasattr(self, "_refund"):
            self._refund = _visible(Refund, self.request.user, self.kwargs["id"])
        return self._refund


class RefundDecideView(_RefundView):
    rules = {"write": "debt_recovery.approve_refund"}

    @extend_schema(tags=TAGS, summary="Approve or reject a refund", request=RefundDecisionInputSerializer,
                   description="A debt recovery team leader other than the one who asked for it.",
                   responses={200: RefundOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = RefundDecisionInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        refund = services.refund_decide(acting_user=request.user, refund=self.get_rule_object(),
                                        **given.validated_data)
        return Response(RefundOutputSerializer(refund).data)


class RefundPayView(_RefundView):
    rules = {"write": "debt_recovery.work_client"}

    @extend_schema(tags=TAGS, summary="Pay an approved refund", request=None,
                   responses={200: RefundOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        refund = services.refund_pay(acting_user=request.user, refund=self.get_rule_object())
        return Response(RefundOutputSerializer(refund).data)


class AllocationRuleView(APIView):
    rules = {"read": "debt_recovery.work_any", "write": "debt_recovery.set_allocation_rule"}

    def _out(self):
        return {"rule": services.allocation_rule_in_force(), "history": [
            {"rule": p.rule, "reason": p.reason, "chosen_by": p.chosen_by.username, "chosen_at": p.chosen_at}
            for p in AllocationPolicy.objects.select_related("chosen_by")[:50]]}

    @extend_schema(tags=TAGS, summary="The allocation rule and its history", responses={200: RuleOutputSerializer,
                                                                                        **ERRORS})
    def get(self, request: Request) -> Response:
        return Response(RuleOutputSerializer(self._out()).data)

    @extend_schema(tags=TAGS, summary="Change the allocation rule", request=RuleInputSerializer,
                   responses={200: RuleOutputSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        given = RuleInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        services.allocation_policy_set(acting_user=request.user, **given.validated_data)
        return Response(RuleOutputSerializer(self._out()).data)


class PlanListView(APIView):
    rules = {"read": "debt_recovery.work_any"}

    @extend_schema(tags=TAGS, summary="Payment plans", parameters=[PlanQuerySerializer],
                   responses={200: PlanOutputSerializer(many=True), **ERRORS})
    def get(self, request: Request) -> Response:
        query = PlanQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        found = (PaymentPlan.objects.filter(status=query.validated_data["status"],
                                            debtor__in=debtor_accounts_visible_to(user=request.user))
                 .prefetch_related("instalments").order_by("-start_on", "-id"))
        return _page(self, request, found, PlanOutputSerializer)


class DebtorPlanView(_DebtorView):
    rules = {"write": "debt_recovery.work_client"}

    @extend_schema(tags=TAGS, summary="Agree a payment plan", request=PlanInputSerializer,
                   description="Records the income and expenditure statement, then agrees the plan from it "
                               "(placing a payment plan hold).", responses={201: PlanOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = PlanInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        debtor = self.get_rule_object()
        with transaction.atomic():
            statement = plan_services.income_expenditure_record(
                acting_user=request.user, debtor=debtor, taken_on=plan_services.today(),
                lines=data.pop("income_expenditure"))
            plan = plan_services.payment_plan_agree(acting_user=request.user, debtor=debtor, statement=statement,
                                                    **data)
        return Response(PlanOutputSerializer(plan).data, status=201)


class PaymentFileInputSerializer(serializers.Serializer):
    file = serializers.FileField()
    method = serializers.ChoiceField(choices=[Method.CARD, Method.PAYPOINT, Method.BANK_TRANSFER, Method.CASH])


class PaymentFileOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    file_name = serializers.CharField()
    sha256 = serializers.CharField()
    layout = serializers.CharField()
    method = serializers.CharField()
    lines_total = serializers.IntegerField()
    lines_matched = serializers.IntegerField()
    lines_suspense = serializers.IntegerField()
    total = MoneyField()
    imported_at = serializers.DateTimeField()


class PaymentFileView(APIView):
    rules = {"write": "debt_recovery.payment_suspense"}

    @extend_schema(tags=TAGS, summary="Import a payment file", request={"multipart/form-data": PaymentFileInputSerializer},
                   description="A card or payment-outlet file in a mapped layout, all or nothing; the same file "
                               "again returns the first import and changes nothing.",
                   responses={201: PaymentFileOutputSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        from debt_recovery.payments.imports import payment_file_import
        from debt_recovery.payments.views import MAX_FILE_BYTES

        given = PaymentFileInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        upload = given.validated_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise serializers.ValidationError({"file": ["The file must be 5 MB or smaller."]})
        record = payment_file_import(acting_user=request.user, file_name=upload.name, content=upload.read(),
                                     method=given.validated_data["method"])
        return Response(PaymentFileOutputSerializer(record).data, status=201)
