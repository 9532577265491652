"""The county court, limitation and estates API, with the same rules as the pages.

``/api/v1/debt-recovery/court-claims/``: list, or prepare a claim (POST). ``.../court-claims/{id}/``: one
claim with its enforcement and the enforcement agents' fees. ``.../court-claims/{id}/events/`` (POST):
``issue``, ``judgment``, ``enforcement`` or ``close``. ``/api/v1/debt-recovery/limitation-warnings/``: debts
warned of their six-year limitation date. ``/api/v1/debt-recovery/estates/``: list, or open one (POST);
``.../estates/{id}/``: read, or record the probate search and the claim (PATCH).
"""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from debt_recovery.accounts.selectors import access_debtor_account
from debt_recovery.court import selectors, services
from debt_recovery.court.choices import ClaimStatus, DeferredPaymentAnswer, EnforcementKind, EstateStatus, ProbateResult
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input or refused (`care_act_s69_2`, `claim_not_ready`, "
                                                      "`wrong_status`...): `errors` names each field."),
    403: OpenApiResponse(ErrorSerializer, description="Not yours to do."),
    404: OpenApiResponse(ErrorSerializer, description="Not found, or not one you may see."),
}
DATE = {"input_formats": ["iso-8601"]}


def _valid(serializer_class, data, **kwargs) -> dict:
    given = serializer_class(data=data, **kwargs)
    given.is_valid(raise_exception=True)
    return given.validated_data


class FeeSerializer(serializers.Serializer):
    stage = serializers.CharField()
    fee = MoneyField()
    working = serializers.CharField()


class EnforcementOutputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=EnforcementKind.choices)
    started_on = serializers.DateField()
    note = serializers.CharField()


class ClaimOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    debtor = serializers.IntegerField(source="debtor_id")
    status = serializers.ChoiceField(choices=ClaimStatus.choices)
    amount = MoneyField()
    defendants = serializers.ListField(child=serializers.CharField())
    particulars = serializers.CharField()
    deferred_payment_answer = serializers.ChoiceField(choices=DeferredPaymentAnswer.choices)
    deferred_payment_note = serializers.CharField()
    letter_before_claim = serializers.IntegerField(source="letter_before_claim_id", allow_null=True)
    letter_before_claim_sent_on = serializers.DateField()
    reply_received_on = serializers.DateField(allow_null=True)
    reply_summary = serializers.CharField()
    issued_on = serializers.DateField(allow_null=True)
    claim_number = serializers.CharField()
    judgment_on = serializers.DateField(allow_null=True)
    judgment_amount = MoneyField(allow_null=True)
    judgment_terms = serializers.CharField()
    closed_on = serializers.DateField(allow_null=True)
    enforcements = EnforcementOutputSerializer(many=True, source="enforcements.all")
    enforcement_agent_fees = serializers.SerializerMethodField()

    def get_enforcement_agent_fees(self, claim) -> list[dict]:
        return FeeSerializer([vars(line) for line in selectors.fees_for(claim)], many=True).data


class ClaimInputSerializer(serializers.Serializer):
    debtor = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    defendants = serializers.ListField(child=serializers.CharField(max_length=200), min_length=1, max_length=5)
    particulars = serializers.CharField(max_length=5000, help_text="At most 1,080 characters for Money Claim Online.")
    deferred_payment_answer = serializers.ChoiceField(choices=DeferredPaymentAnswer.choices,
                                                      help_text="Care Act 2014 s.69(2): `not_refused` is refused.")
    deferred_payment_note = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)
    letter_sent_on = serializers.DateField(required=False, allow_null=True, default=None, **DATE,
                                           help_text="Only when no letter before claim was sent from this system.")
    reply_received_on = serializers.DateField(required=False, allow_null=True, default=None, **DATE)
    reply_summary = serializers.CharField(max_length=4000, required=False, default="", allow_blank=True)


class EventInputSerializer(serializers.Serializer):
    event = serializers.ChoiceField(choices=["issue", "judgment", "enforcement", "close"])
    issued_on = serializers.DateField(required=False, **DATE)
    claim_number = serializers.CharField(required=False, max_length=40)
    court_fee = MoneyField(required=False, allow_null=True, min_value=Decimal("0"))
    judgment_on = serializers.DateField(required=False, **DATE)
    amount = MoneyField(required=False, min_value=Decimal("0.01"))
    terms = serializers.CharField(required=False, max_length=500, allow_blank=True)
    kind = serializers.ChoiceField(choices=EnforcementKind.choices, required=False)
    started_on = serializers.DateField(required=False, **DATE)
    note = serializers.CharField(required=False, max_length=2000, allow_blank=True)
    status = serializers.ChoiceField(choices=[ClaimStatus.SETTLED, ClaimStatus.WITHDRAWN], required=False)
    closed_on = serializers.DateField(required=False, **DATE)

    NEEDS = {"issue": ("issued_on", "claim_number"), "judgment": ("judgment_on", "amount"),
             "enforcement": ("kind", "started_on"), "close": ("status", "closed_on", "note")}

    def validate(self, attrs):
        missing = {name: ["This field is required."] for name in self.NEEDS[attrs["event"]] if name not in attrs}
        if missing:
            raise serializers.ValidationError(missing)
        return attrs


class ClaimListView(APIView):
    rules = {"read": "debt_recovery.view_recovery", "write": "debt_recovery.work_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Debt recovery"], summary="County court claims you may see",
                   responses={200: ClaimOutputSerializer(many=True), 403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.claims_visible_to(user=request.user).order_by("pk"), request,
                                           view=self)
        return paginator.get_paginated_response(ClaimOutputSerializer(page, many=True).data)

    @extend_schema(tags=["Debt recovery"], summary="Prepare a county court claim", request=ClaimInputSerializer,
                   description="Refused where Care Act 2014 s.69(2) forbids a claim, where it does not fit Money Claim "
                               "Online (under £100,000, at most 2 defendants, particulars at most 1,080 characters), "
                               "or within 30 days of the letter before claim with no reply. Only charges within six "
                               "years are claimed.",
                   responses={201: ClaimOutputSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        data = _valid(ClaimInputSerializer, request.data)
        debtor = access_debtor_account(user=request.user, pk=data.pop("debtor"))
        claim = services.court_claim_prepare(acting_user=request.user, debtor=debtor, **data)
        return Response(ClaimOutputSerializer(claim).data, status=201)


class _OneClaim(APIView):
    def get_rule_object(self):
        if not hasattr(self, "_claim"):
            self._claim = selectors.access_claim(user=self.request.user, pk=self.kwargs["id"])
        return self._claim


class ClaimDetailView(_OneClaim):
    rules = {"read": "debt_recovery.view_client_debts"}

    @extend_schema(tags=["Debt recovery"], summary="A county court claim", responses={200: ClaimOutputSerializer, **ERRORS})
    def get(self, request: Request, id: int) -> Response:
        return Response(ClaimOutputSerializer(self.get_rule_object()).data)


class ClaimEventView(_OneClaim):
    rules = {"write": "debt_recovery.work_client"}

    @extend_schema(tags=["Debt recovery"], summary="Record a claim's issue, judgment, enforcement or close",
                   request=EventInputSerializer, responses={200: ClaimOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = dict(_valid(EventInputSerializer, request.data))
        claim, user, event = self.get_rule_object(), request.user, data.pop("event")
        if event == "issue":
            services.court_claim_issue(acting_user=user, claim=claim, issued_on=data["issued_on"],
                                       claim_number=data["claim_number"], court_fee=data.get("court_fee"))
        elif event == "judgment":
            services.court_claim_judgment(acting_user=user, claim=claim, judgment_on=data["judgment_on"],
                                          amount=data["amount"], terms=data.get("terms", ""))
        elif event == "enforcement":
            services.enforcement_record(acting_user=user, claim=claim, kind=data["kind"],
                                        started_on=data["started_on"], note=data.get("note", ""))
        else:
            services.court_claim_close(acting_user=user, claim=claim, status=data["status"],
                                       closed_on=data["closed_on"], note=data["note"])
        return Response(ClaimOutputSerializer(selectors.access_claim(user=user, pk=claim.pk)).data)


class LimitationOutputSerializer(serializers.Serializer):
    debtor = serializers.IntegerField(source="debtor_id")
    debtor_reference = serializers.CharField(source="debtor.reference")
    charge = serializers.IntegerField(source="charge_id", help_text="The ledger transaction of the charge.")
    fell_due = serializers.DateField()
    limitation_date = serializers.DateField()
    task = serializers.IntegerField(source="task_id")


class LimitationQuerySerializer(serializers.Serializer):
    within_days = serializers.IntegerField(required=False, min_value=0, max_value=3650)


class LimitationView(APIView):
    rules = {"read": "debt_recovery.view_recovery"}

    @extend_schema(tags=["Debt recovery"], summary="Debts warned of their six-year limitation date",
                   parameters=[LimitationQuerySerializer],
                   responses={200: LimitationOutputSerializer(many=True), 400: ERRORS[400], 403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        query = _valid(LimitationQuerySerializer, request.query_params)
        found = selectors.limitation_warnings_visible_to(user=request.user, within_days=query.get("within_days"))
        return Response(LimitationOutputSerializer(found[:1000], many=True).data)


class EstateOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    debtor = serializers.IntegerField(source="debtor_id")
    date_of_death = serializers.DateField()
    has_deferred_payment = serializers.BooleanField()
    status = serializers.ChoiceField(choices=EstateStatus.choices)
    probate_result = serializers.ChoiceField(choices=ProbateResult.choices)
    probate_searched_on = serializers.DateField(allow_null=True)
    grant_issued_on = serializers.DateField(allow_null=True)
    personal_representatives = serializers.CharField()
    claim_sent_on = serializers.DateField(allow_null=True)
    claim_amount = MoneyField(allow_null=True)
    note = serializers.CharField()


class EstateInputSerializer(serializers.Serializer):
    debtor = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    has_deferred_payment = serializers.BooleanField(default=False)
    note = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class EstateUpdateSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)
    probate_result = serializers.ChoiceField(choices=ProbateResult.choices, required=False)
    probate_searched_on = serializers.DateField(required=False, allow_null=True, **DATE)
    grant_issued_on = serializers.DateField(required=False, allow_null=True, **DATE)
    personal_representatives = serializers.CharField(required=False, max_length=2000, allow_blank=True)
    claim_sent_on = serializers.DateField(required=False, allow_null=True, **DATE)
    claim_amount = MoneyField(required=False, allow_null=True, min_value=Decimal("0.01"))
    status = serializers.ChoiceField(choices=EstateStatus.choices, required=False)
    note = serializers.CharField(required=False, max_length=2000, allow_blank=True)


class EstateListView(APIView):
    rules = {"read": "debt_recovery.view_recovery", "write": "debt_recovery.work_any"}

    @extend_schema(tags=["Debt recovery"], summary="Estates being pursued",
                   responses={200: EstateOutputSerializer(many=True), 403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        found = selectors.estates_visible_to(user=request.user).order_by("pk")[:1000]
        return Response(EstateOutputSerializer(found, many=True).data)

    @extend_schema(tags=["Debt recovery"], summary="Recover a deceased debtor's debt from the estate",
                   request=EstateInputSerializer, responses={201: EstateOutputSerializer, **ERRORS},
                   description="Sets tasks for the probate search and the claim against the estate, and, where there "
                               "was a deferred payment agreement, for the amount due 90 days after death.")
    def post(self, request: Request) -> Response:
        data = _valid(EstateInputSerializer, request.data)
        debtor = access_debtor_account(user=request.user, pk=data.pop("debtor"))
        case = services.estate_case_open(acting_user=request.user, debtor=debtor, **data)
        return Response(EstateOutputSerializer(case).data, status=201)


class EstateDetailView(APIView):
    rules = {"read": "debt_recovery.view_client_debts", "write": "debt_recovery.work_client"}

    def get_rule_object(self):
        if not hasattr(self, "_case"):
            self._case = selectors.access_estate(user=self.request.user, pk=self.kwargs["id"])
        return self._case

    @extend_schema(tags=["Debt recovery"], summary="An estate case", responses={200: EstateOutputSerializer, **ERRORS})
    def get(self, request: Request, id: int) -> Response:
        return Response(EstateOutputSerializer(self.get_rule_object()).data)

    @extend_schema(tags=["Debt recovery"], summary="Record the probate search or the claim against the estate",
                   request=EstateUpdateSerializer, responses={200: EstateOutputSerializer, **ERRORS})
    def patch(self, request: Request, id: int) -> Response:
        data = dict(_valid(EstateUpdateSerializer, request.data))
        reason = data.pop("reason")
        case = services.estate_case_update(acting_user=request.user, case=self.get_rule_object(), reason=reason, **data)
        return Response(EstateOutputSerializer(case).data)


