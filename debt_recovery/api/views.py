"""Debt recovery's API: debtor accounts (read only, for now) and the late payment interest calculator.

``GET /api/v1/debt-recovery/debtors/`` lists the debtor accounts of the clients you may see, each with its
balance from the ledger aged by band; ``?client=`` narrows to one client, ``?as_at=`` ages them as at
the end of that day. ``GET /api/v1/debt-recovery/debtors/{id}/`` adds every charge and payment. A debtor
of a client you may not see is a 404, exactly like one that does not exist.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from charging.services import MissingRate
from core.exceptions import ApplicationError
from core.pagination import StrictLimitOffsetPagination
from debt_recovery.accounts.selectors import access_debtor_account, debtor_accounts_visible_to, with_aged_balances
from debt_recovery.accounts.views import EARLIEST
from debt_recovery.api.serializers import (
    DebtorAccountDetailOutputSerializer,
    DebtorAccountOutputSerializer,
    DebtorQuerySerializer,
    LatePaymentInterestInputSerializer,
    LatePaymentInterestOutputSerializer,
)
from debt_recovery.interest.selectors import late_payment_working
from ledger.api.serializers import BalanceQuerySerializer
from ledger.selectors import account_statement
from people.api.serializers import ErrorSerializer
from people.api.views import BAD_QUERY
from people.selectors import today

ERRORS_READ = {
    400: OpenApiResponse(ErrorSerializer, description="Bad query parameters: `errors` names each."),
    403: OpenApiResponse(ErrorSerializer, description="Not signed in, or no role in the service."),
    404: OpenApiResponse(ErrorSerializer, description="No such debtor account, or not one you may see."),
}


def _query(serializer_class, request: Request) -> dict:
    given = serializer_class(data=request.query_params)
    given.is_valid(raise_exception=True)
    return given.validated_data


def _out(line) -> dict:
    aged = line.aged
    return {**{f: getattr(line.debtor, f) for f in (
        "id", "reference", "client_id", "kind", "name", "contact", "customer_type", "late_payment_interest_applies",
        "payment_method", "letters_to", "contact_by", "email", "phone", "status", "ledger_account_id")},
        "aged": {"as_at": aged.as_at, "balance": aged.balance, "owed": aged.owed, "credit": aged.credit,
                 "oldest_band": aged.oldest_band, **aged.bands}}


class DebtorListView(APIView):
    rules = {"read": "people.use_service"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(
        tags=["Debt recovery"], summary="Debtor accounts you may see",
        description="The debtor accounts of the clients you may see, by reference, each with its balance from the "
                    "ledger aged 0-28, 29-56, 57-90, 91-180, 181-365 and over 365 days (each payment clears the "
                    "charges it was recorded against; other credits the oldest first). Money is a string with two decimal places.",
        parameters=[DebtorQuerySerializer],
        responses={200: DebtorAccountOutputSerializer(many=True), 400: BAD_QUERY, 403: ERRORS_READ[403]},
    )
    def get(self, request: Request) -> Response:
        query = _query(DebtorQuerySerializer, request)
        debtors = debtor_accounts_visible_to(user=request.user).order_by("reference")
        if "client" in query:
            debtors = debtors.filter(client_id=query["client"])
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(debtors, request, view=self)
        lines = with_aged_balances(page, as_at=query.get("as_at") or today())
        return paginator.get_paginated_response(DebtorAccountOutputSerializer([_out(x) for x in lines], many=True).data)


class DebtorDetailView(APIView):
    rules = {"read": "debt_recovery.view_client_debts"}

    def get_rule_object(self):
        if not hasattr(self, "_debtor"):
            self._debtor = access_debtor_account(user=self.request.user, pk=self.kwargs["id"])
        return self._debtor

    @extend_schema(
        tags=["Debt recovery"], summary="A debtor account",
        description="The debtor account, its aged balance and every charge and payment on it up to `as_at` (today "
                    "if left out), oldest first.",
        parameters=[BalanceQuerySerializer],
        responses={200: DebtorAccountDetailOutputSerializer, **ERRORS_READ},
    )
    def get(self, request: Request, id: int) -> Response:
        debtor = self.get_rule_object()
        as_at = _query(BalanceQuerySerializer, request).get("as_at") or today()
        line = with_aged_balances([debtor], as_at=as_at)[0]
        statement = account_statement(account=debtor.ledger_account, start=min(EARLIEST, as_at), end=as_at)
        return Response(DebtorAccountDetailOutputSerializer(
            {**_out(line), "lines": [vars(x) for x in statement.lines]}).data)


LATE_PAYMENT_PATH = "/api/v1/debt-recovery/late-payment-interest/"


class LatePaymentInterestView(APIView):
    """``POST /api/v1/debt-recovery/late-payment-interest/``: the what-if working of statutory late
    payment interest and fixed compensation (:mod:`debt_recovery.interest.calculator`) with the rates in
    force (charging's rate table). It writes nothing, so it is a read that anyone with a role (auditors
    too) may use; it is a POST only to carry the question."""

    rules = {"write": "debt_recovery.calculate_interest"}

    @extend_schema(
        tags=["Debt recovery"], summary="Late payment interest: what if",
        description="Statutory interest (Bank of England reference rate + 8%, simple, by the day) and fixed "
                    "compensation (£40, £70 or £100 by the debt's size) on a commercial debt, under the Late "
                    "Payment of Commercial Debts (Interest) Act 1998, with the working line by line. Nothing is "
                    "saved. Give `paid_on` for a debt paid late, or `as_at` (default today) for one still unpaid; "
                    "`debtor` checks the debtor is a commercial customer type (never a service user).",
        request=LatePaymentInterestInputSerializer,
        responses={
            200: LatePaymentInterestOutputSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Bad input (`errors` names each field), or the "
                                                              "debtor is not a commercial customer (`not_commercial`)."),
            403: ERRORS_READ[403],
            404: OpenApiResponse(ErrorSerializer, description="No such debtor account, or not one you may see."),
            422: OpenApiResponse(ErrorSerializer, description="A rate the working needs is not in the rates table "
                                                              "for the dates given (`missing_rate`; `errors.rates` "
                                                              "names each)."),
        },
    )
    def post(self, request: Request) -> Response:
        given = LatePaymentInterestInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        if "debtor" in data:
            debtor = access_debtor_account(user=request.user, pk=data["debtor"])
            if not debtor.late_payment_interest_applies:
                raise ApplicationError(
                    f"{debtor.name} ({debtor.reference}) is a {debtor.get_customer_type_display().lower()}: late "
                    "payment interest is only for commercial customers.", code="not_commercial")
        until = data.get("paid_on") or data.get("as_at") or today()
        try:
            working = late_payment_working(debt=data["debt"], due_date=data["due_date"], until=until)
        except MissingRate as exc:
            refusal = ApplicationError(exc.message, code=exc.code, extra={"rates": list(exc.codes)})
            refusal.status = 422
            raise refusal from None
        return Response(LatePaymentInterestOutputSerializer(vars(working)).data)
