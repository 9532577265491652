"""The ledger API: a client's money (balances, statements, receipts, payments) and, for those allowed,
the council's own accounts and general transactions.

Thin views, as in :mod:`people.api.views`: check the input's shape with an input serializer, call one
service (:mod:`ledger.client_money` or :func:`ledger.services.transaction_post`, which decide what is
allowed), answer with an output serializer. Reads go through :mod:`ledger.selectors` and
:func:`people.selectors.access_client`, so another team's client (or a council account an officer may
not see) is a 404, exactly like one that does not exist. Who may do what is each view's ``rules``
(:mod:`ledger.rules`, checked by :class:`core.rules.RulePermission`): anyone who may see a client reads
their money; only the client affairs team holding the client records it.

**Idempotency.** Every POST needs an ``Idempotency-Key`` header: your reference for this one event (up
to 150 characters, e.g. a UUID). Sending the same request with the same key again records nothing
and answers with what the first request recorded (200 instead of 201); the same key with a different
request is refused (409). Requests with one key are answered one at a time (a PostgreSQL advisory lock
on the key), so of several sent at once exactly one is told 201 and the rest get the replay's 200.
Keys are scoped: a client's receipts, a client's payments and general
transactions each have their own space, so one client's key never meets another client's records.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.access import note_client_read
from core.exceptions import ApplicationError
from core.pagination import StrictLimitOffsetPagination
from ledger import client_money, services
from ledger.api.serializers import (
    AccountOutputSerializer,
    BalanceQuerySerializer,
    ClientMoneyOutputSerializer,
    PaymentInputSerializer,
    PaymentOutputSerializer,
    ReceiptInputSerializer,
    StatementOutputSerializer,
    StatementQuerySerializer,
    TransactionInputSerializer,
    TransactionOutputSerializer,
)
from ledger.choices import OwnerKind, PaymentStatus
from ledger.models import Account, Payment, Transaction
from ledger.money import CURRENCY, ZERO
from ledger.selectors import (
    access_account,
    account_balance,
    account_statement,
    accounts_visible_to,
    available_funds,
    client_funds_account,
    held_payments,
)
from people.api.serializers import ErrorSerializer
from people.api.views import BAD_QUERY
from people.selectors import access_client

_ERROR = ErrorSerializer
ERRORS_READ = {
    400: OpenApiResponse(_ERROR, description="Bad query parameters: `errors` names each."),
    403: OpenApiResponse(_ERROR, description="Not signed in, or no role in the service."),
    404: OpenApiResponse(_ERROR, description="No such client or account, or not one you may see."),
}
ERRORS_WRITE = {
    400: OpenApiResponse(_ERROR, description=(
        "Bad input or refused by the ledger's rules (e.g. `insufficient_funds`): `errors` names each field. "
        "Nothing was written.")),
    403: OpenApiResponse(_ERROR, description="Not signed in, read-only (auditor), or not allowed."),
    404: ERRORS_READ[404],
    409: OpenApiResponse(_ERROR, description="This `Idempotency-Key` was already used for a different request."),
}
IDEMPOTENCY_KEY = "Idempotency-Key"
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_KEY, type=str, location=OpenApiParameter.HEADER, required=True,
    description="Your reference for this one event (up to 150 characters, e.g. a UUID). The same request "
                "with the same key again records nothing and returns what was recorded.",
)
MAX_KEY_LENGTH = 150

# Which input field each of the services' refusal codes is about, so `errors` can name it.
_FIELD_OF_CODE = {
    "insufficient_funds": "amount", "amount_not_positive": "amount", "not_money": "amount",
    "float_amount": "amount", "too_large": "amount", "sub_penny": "amount",
    "invalid_category": "category", "no_effective_date": "effective_date",
    "no_payee": "payee", "payee_too_long": "payee", "reference_too_long": "reference",
    "description_too_long": "memo", "memo_too_long": "memo",
    "no_idempotency_key": IDEMPOTENCY_KEY, "idempotency_conflict": IDEMPOTENCY_KEY,
    "invalid_kind": "kind",
    "ledger_unbalanced": "postings", "ledger_too_few_postings": "postings", "zero_amount": "postings",
    "no_account": "postings", "account_closed": "postings", "ledger_overdrawn": "postings",
    "ledger_cross_client": "postings",
}


def _refused(exc: ApplicationError) -> ApplicationError:
    """The service's refusal in the API's error shape: its code and sentence, with ``errors`` naming the
    field it is about. The service's own ``extra`` (ids, the database's wording) is not passed on."""
    field = _FIELD_OF_CODE.get(exc.code)
    refusal = ApplicationError(exc.message, code=exc.code, extra={field: [exc.message]} if field else None)
    refusal.status = exc.status
    return refusal


def _idempotency_key(request: Request, *, scope: str) -> tuple[str, str]:
    """The request's key in its scope, or a problem with it."""
    key = (request.headers.get(IDEMPOTENCY_KEY) or "").strip()
    if not key:
        return "", f"Send an {IDEMPOTENCY_KEY} header: your reference for this one event, such as a UUID."
    if len(key) > MAX_KEY_LENGTH:
        return "", f"Keep the {IDEMPOTENCY_KEY} to {MAX_KEY_LENGTH} characters."
    return f"api:{scope}:{key}", ""


@contextmanager
def _one_at_a_time(key: str):
    """Hold a PostgreSQL session advisory lock on the scoped key while the request asks whether the key
    was seen and records: a second request with the key waits, then finds it seen. (The services'
    own claim of the key stops a second record; this makes the answer, 201 or 200, right too.) Session
    level, not transaction level, because the service opens and commits its own durable transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", [key])


def _valid_input(serializer_class, request: Request, *, scope: str) -> tuple[dict, str]:
    """The input's validated data and the scoped idempotency key, or one 400 naming every problem
    (the header's among the fields')."""
    given = serializer_class(data=request.data)
    valid = given.is_valid()
    key, key_problem = _idempotency_key(request, scope=scope)
    if valid and not key_problem:
        return given.validated_data, key
    errors = dict(given.errors) if not valid else {}
    if key_problem:
        errors[IDEMPOTENCY_KEY] = [key_problem]
    raise ValidationError(errors)


def _query(serializer_class, request: Request) -> dict:
    given = serializer_class(data=request.query_params)
    given.is_valid(raise_exception=True)
    return given.validated_data


def _statement_data(*, account: Account | None, start, end) -> dict:
    if account is None:  # a client with no money recorded yet
        return {"account": None, "account_name": "", "currency": CURRENCY, "start": start, "end": end,
                "opening_balance": ZERO, "lines": [], "closing_balance": ZERO}
    statement = account_statement(account=account, start=start, end=end)
    return {
        "account": account.pk, "account_name": account.name, "currency": account.currency,
        "start": statement.start, "end": statement.end, "opening_balance": statement.opening_balance,
        "lines": [vars(line) for line in statement.lines], "closing_balance": statement.closing_balance,
    }


def _transaction_out(txn: Transaction) -> dict:
    return TransactionOutputSerializer(Transaction.objects.prefetch_related("postings").get(pk=txn.pk)).data


class _LedgerView(APIView):
    rules: dict[str, str] = {}


class _ClientView(_LedgerView):
    """``/clients/{id}/money/...``: the rule is checked against the client (404 if not one you may see)."""

    def get_rule_object(self):
        if not hasattr(self, "_client"):
            self._client = access_client(user=self.request.user, pk=self.kwargs["id"])
        return self._client


# --- a client's money --------------------------------------------------------------------------------


class ClientMoneyView(_ClientView):
    rules = {"read": "ledger.view_client_money"}

    @extend_schema(
        tags=["Client money"], summary="A client's money",
        description="The client's funds held by the council (as at the end of `as_at` if given), what they have "
                    "available to spend now, and any payments held as possible duplicates. Money is a string "
                    "with two decimal places.",
        parameters=[BalanceQuerySerializer],
        responses={200: ClientMoneyOutputSerializer, **ERRORS_READ},
    )
    def get(self, request: Request, id: int) -> Response:
        client = self.get_rule_object()
        as_at = _query(BalanceQuerySerializer, request).get("as_at")
        account = client_funds_account(client=client)
        held = list(held_payments(client=client))
        data = {
            "client": client.pk,
            "account": account.pk if account else None,
            "currency": CURRENCY,
            "as_at": as_at,
            "balance": account_balance(account=account, as_at=as_at) if account else ZERO,
            "available": available_funds(client=client),
            "held_total": sum((p.amount for p in held), ZERO),
            "held_payments": held,
        }
        return Response(ClientMoneyOutputSerializer(data).data)


class ClientStatementView(_ClientView):
    rules = {"read": "ledger.view_client_money"}

    @extend_schema(
        tags=["Client money"], summary="A client's statement",
        description="The client's funds from `from` to `to` inclusive: the balance brought forward, each "
                    "receipt and payment in date order with the balance after it, and the balance carried "
                    "forward.",
        parameters=[StatementQuerySerializer],
        responses={200: StatementOutputSerializer, **ERRORS_READ},
    )
    def get(self, request: Request, id: int) -> Response:
        client = self.get_rule_object()
        dates = _query(StatementQuerySerializer, request)
        data = _statement_data(account=client_funds_account(client=client), start=dates["from"], end=dates["to"])
        return Response(StatementOutputSerializer(data).data)


class ClientReceiptView(_ClientView):
    rules = {"write": "ledger.record_client_money"}

    @extend_schema(
        tags=["Client money"], summary="Record money received for a client",
        description="Money received into the pooled client bank account for this client (Dr pooled bank, "
                    "Cr the client's funds). Needs an `Idempotency-Key` header: the same request again "
                    "records nothing and answers 200 with the receipt already recorded.",
        parameters=[IDEMPOTENCY_PARAMETER],
        request=ReceiptInputSerializer,
        responses={
            201: OpenApiResponse(TransactionOutputSerializer, description="Recorded."),
            200: OpenApiResponse(TransactionOutputSerializer, description="Already recorded under this key."),
            **ERRORS_WRITE,
        },
    )
    def post(self, request: Request, id: int) -> Response:
        client = self.get_rule_object()
        data, key = _valid_input(ReceiptInputSerializer, request, scope=f"client:{client.pk}:receipt")
        with _one_at_a_time(key):
            seen = Transaction.objects.filter(idempotency_key=key).exists()
            try:
                txn = client_money.client_receipt_record(acting_user=request.user, client=client,
                                                         idempotency_key=key, **data)
            except ApplicationError as exc:
                raise _refused(exc) from None
        return Response(_transaction_out(txn), status=status.HTTP_200_OK if seen else status.HTTP_201_CREATED)


class ClientPaymentView(_ClientView):
    rules = {"write": "ledger.record_client_money"}

    @extend_schema(
        tags=["Client money"], summary="Pay money out of a client's funds",
        description="Pays `payee` from the client's funds (Dr the client's funds, Cr pooled bank). Refused "
                    "(400, `insufficient_funds`, nothing written) if the client has not enough available. A "
                    "payment that looks like a duplicate (same payee, amount and reference within 14 days) is "
                    "not paid but held: the answer is 202 with `status` `held` and `hold_reason`, and another "
                    "officer must release it. Needs an `Idempotency-Key` header: the same request again "
                    "records nothing and answers with the payment already recorded.",
        parameters=[IDEMPOTENCY_PARAMETER],
        request=PaymentInputSerializer,
        responses={
            201: OpenApiResponse(PaymentOutputSerializer, description="Paid (`status` `posted`)."),
            202: OpenApiResponse(PaymentOutputSerializer, description="Held as a possible duplicate: not paid."),
            200: OpenApiResponse(PaymentOutputSerializer, description="Already recorded under this key."),
            **ERRORS_WRITE,
        },
    )
    def post(self, request: Request, id: int) -> Response:
        client = self.get_rule_object()
        data, key = _valid_input(PaymentInputSerializer, request, scope=f"client:{client.pk}:payment")
        with _one_at_a_time(key):
            seen = Payment.objects.filter(idempotency_key=key).exists()
            try:
                payment = client_money.client_payment_make(acting_user=request.user, client=client,
                                                           idempotency_key=key, **data)
            except ApplicationError as exc:
                raise _refused(exc) from None
        if payment.status == PaymentStatus.HELD:
            answer = status.HTTP_202_ACCEPTED
        else:
            answer = status.HTTP_200_OK if seen else status.HTTP_201_CREATED
        return Response(PaymentOutputSerializer(payment).data, status=answer)


# --- accounts and general transactions -------------------------------------------------------------


class AccountListView(_LedgerView):
    rules = {"read": "people.use_service"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(
        tags=["Ledger"], summary="Ledger accounts you may see",
        description="Your clients' accounts; the pooled client bank account and suspense if you work client "
                    "money (client affairs teams, as the money pages); and, for team leaders, auditors and "
                    "administrators, every council, debtor and agreement account.",
        responses={200: AccountOutputSerializer(many=True), 400: BAD_QUERY, 403: ERRORS_READ[403]},
    )
    def get(self, request: Request) -> Response:
        paginator = self.pagination_class()
        accounts = accounts_visible_to(user=request.user).order_by("name", "id")
        page = paginator.paginate_queryset(accounts, request, view=self)
        return paginator.get_paginated_response(AccountOutputSerializer(page, many=True).data)


class AccountStatementView(_LedgerView):
    rules = {"read": "people.use_service"}

    def get_rule_object(self):
        """The account, 404 unless it is one the user may see (checked before the rule, like a client)."""
        if not hasattr(self, "_account"):
            self._account = access_account(user=self.request.user, pk=self.kwargs["id"])
        return self._account

    @extend_schema(
        tags=["Ledger"], summary="An account's statement",
        description="Any account you may see (404 otherwise), from `from` to `to` inclusive, balances with "
                    "the natural sign for the account's kind.",
        parameters=[StatementQuerySerializer],
        responses={200: StatementOutputSerializer, **ERRORS_READ},
    )
    def get(self, request: Request, id: int) -> Response:
        account = self.get_rule_object()
        dates = _query(StatementQuerySerializer, request)
        return Response(StatementOutputSerializer(
            _statement_data(account=account, start=dates["from"], end=dates["to"])).data)


class TransactionCreateView(_LedgerView):
    rules = {"write": "ledger.post_general_transaction"}

    @extend_schema(
        tags=["Ledger"], summary="Post a general ledger transaction",
        description="For charging, debt recovery and deferred payments team leaders: a transfer, charge, adjustment or opening balance "
                    "between the council's own, debtors' or agreements' accounts, through the ledger's one way "
                    "in. Never a client's money: use the client money endpoints, which keep the categories, "
                    "funds checks and duplicate holds. Needs an `Idempotency-Key` header.",
        parameters=[IDEMPOTENCY_PARAMETER],
        request=TransactionInputSerializer,
        responses={
            201: OpenApiResponse(TransactionOutputSerializer, description="Posted."),
            200: OpenApiResponse(TransactionOutputSerializer, description="Already posted under this key."),
            **ERRORS_WRITE,
        },
    )
    def post(self, request: Request) -> Response:
        data, key = _valid_input(TransactionInputSerializer, request, scope="ledger")
        accounts = accounts_visible_to(user=request.user).exclude(owner_kind=OwnerKind.CLIENT).in_bulk(
            [line["account"] for line in data["postings"]])
        problems = [
            f"Line {number}: account {line['account']} is not a council, debtor or agreement account you may use."
            for number, line in enumerate(data["postings"], start=1) if line["account"] not in accounts
        ]
        if problems:
            raise ApplicationError("Check the accounts named in errors.", code="invalid",
                                   extra={"postings": problems})
        with _one_at_a_time(key):
            seen = Transaction.objects.filter(idempotency_key=key).exists()
            try:
                txn = services.transaction_post(
                    acting_user=request.user, effective_date=data["effective_date"], kind=data["kind"],
                    memo=data["memo"], idempotency_key=key,
                    postings=[services.PostingLine(accounts[line["account"]], line["amount"])
                              for line in data["postings"]],
                )
            except ApplicationError as exc:
                raise _refused(exc) from None
        return Response(_transaction_out(txn), status=status.HTTP_200_OK if seen else status.HTTP_201_CREATED)

