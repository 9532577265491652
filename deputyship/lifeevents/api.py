"""The life events part's API, in the ``api`` namespace under ``/api/v1/``, with the same rules as the pages.

- ``GET /api/v1/deputyship/cherished-documents/``: the cherished documents register of the clients you may
  see (``?client=``, ``?held=true`` for those the council still holds).
- ``POST /api/v1/deputyship/clients/{id}/``: ``life-events/`` (its checklist is given as tasks),
  ``investments/``, ``tax-returns/``, ``funeral-plan-decisions/``, ``debts/``, ``benefit-checks/``,
  ``cherished-documents/``: add to the client's registers.
- ``POST /api/v1/deputyship/investments/{id}/review/``, ``.../tax-returns/{id}/filed/``,
  ``.../cherished-documents/{id}/move/`` and ``.../cherished-documents/{id}/return/``.

Money is a string in pounds and pence (``"12.50"``), never a JSON number. Bad input is a 400 naming what is
wrong, and nothing is written; a client (or record) you may not see is a 404, one you see but whose case your
team does not hold a 403."""

from __future__ import annotations

from decimal import Decimal

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from deputyship.lifeevents import selectors, services
from deputyship.lifeevents.choices import (
    BenefitOutcome, DocumentKind, FuneralPlanOutcome, InvestmentKind, LifeEventKind,
)
from deputyship.lifeevents.models import CherishedDocument
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer
from people.selectors import access_client, clients_visible_to

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field."),
    403: OpenApiResponse(ErrorSerializer, description="Not signed in, or not allowed to do that."),
}
WRITE_ERRORS = {
    **ERRORS,
    404: OpenApiResponse(ErrorSerializer, description="No such client or record, or not one you may see."),
}


class DeputyshipDocumentQuerySerializer(serializers.Serializer):
    client = serializers.IntegerField(required=False, min_value=1, max_value=2_147_483_647)
    held = serializers.BooleanField(required=False, default=False)


class DeputyshipDocumentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    description = serializers.CharField()
    location = serializers.CharField()
    received_on = serializers.DateField()
    returned_on = serializers.DateField(allow_null=True)
    returned_to = serializers.CharField()


class DeputyshipDocumentListView(APIView):
    rules = {"read": "deputyship.view_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Deputyship"], summary="Cherished documents register",
                   parameters=[DeputyshipDocumentQuerySerializer],
                   responses={200: DeputyshipDocumentOutputSerializer(many=True), **ERRORS})
    def get(self, request: Request):
        query = DeputyshipDocumentQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        documents = CherishedDocument.objects.filter(client__in=clients_visible_to(user=request.user))
        if query.validated_data.get("client"):
            documents = documents.filter(client_id=query.validated_data["client"])
        if query.validated_data["held"]:
            documents = documents.filter(returned_on__isnull=True)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(documents.order_by("client_id", "kind", "id"), request, view=self)
        return paginator.get_paginated_response(DeputyshipDocumentOutputSerializer(page, many=True).data)


# --- writing ---------------------------------------------------------------------------------------------

class DeputyshipLifeEventInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=LifeEventKind.choices)
    happened_on = serializers.DateField()
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class DeputyshipLifeEventItemSerializer(serializers.Serializer):
    item = serializers.CharField()
    task = serializers.IntegerField(source="task_id")
    title = serializers.CharField(source="task.title")
    assigned_to = serializers.CharField(source="task.assigned_to.username")
    due_date = serializers.DateField(source="task.due_date")
    status = serializers.CharField(source="task.status")


class DeputyshipLifeEventOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    kind = serializers.ChoiceField(choices=LifeEventKind.choices)
    happened_on = serializers.DateField()
    note = serializers.CharField()
    checklist = serializers.SerializerMethodField(help_text="The checklist's items, each a task.")

    @extend_schema_field(DeputyshipLifeEventItemSerializer(many=True))
    def get_checklist(self, event) -> list[dict]:
        items = event.checklist.select_related("task", "task__assigned_to").order_by("id")
        return DeputyshipLifeEventItemSerializer(items, many=True).data


class DeputyshipInvestmentInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=InvestmentKind.choices)
    provider = serializers.CharField(max_length=200)
    value = MoneyField(max_digits=12, min_value=Decimal("0.00"))
    valued_on = serializers.DateField()
    review_on = serializers.DateField()


class DeputyshipInvestmentReviewInputSerializer(serializers.Serializer):
    value = MoneyField(max_digits=12, min_value=Decimal("0.00"))
    valued_on = serializers.DateField()
    next_review_on = serializers.DateField()


class DeputyshipInvestmentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    kind = serializers.ChoiceField(choices=InvestmentKind.choices)
    provider = serializers.CharField()
    value = MoneyField(max_digits=12)
    valued_on = serializers.DateField()
    review_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)


class DeputyshipTaxReturnInputSerializer(serializers.Serializer):
    year_ending = serializers.IntegerField(min_value=2000, max_value=2100,
                                           help_text="The year the tax year ends in (5 April): 2026 for 2025 to 2026.")
    reason = serializers.CharField(max_length=200)


class DeputyshipTaxReturnFiledInputSerializer(serializers.Serializer):
    filed_on = serializers.DateField()


class DeputyshipTaxReturnOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    year_ending = serializers.IntegerField()
    due_on = serializers.DateField()
    reason = serializers.CharField()
    filed_on = serializers.DateField(allow_null=True)


class DeputyshipFuneralPlanInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=FuneralPlanOutcome.choices)
    decided_on = serializers.DateField()
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="",
                                 help_text="Needed when a plan is not suitable.")


class DeputyshipFuneralPlanOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    outcome = serializers.ChoiceField(choices=FuneralPlanOutcome.choices)
    decided_on = serializers.DateField()
    note = serializers.CharField()


class DeputyshipDebtInputSerializer(serializers.Serializer):
    creditor = serializers.CharField(max_length=200)
    balance = MoneyField(max_digits=12, min_value=Decimal("0.00"))
    priority = serializers.BooleanField(help_text="A priority debt (council tax, rent, fuel, fines...).")
    recorded_on = serializers.DateField()
    arrangement = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    monthly_payment = MoneyField(max_digits=10, min_value=Decimal("0.01"), required=False, allow_null=True,
                                 default=None, help_text="Needs an arrangement.")
    iva = serializers.BooleanField(required=False, default=False,
                                   help_text="Part of an Individual Voluntary Arrangement.")


class DeputyshipDebtOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    creditor = serializers.CharField()
    balance = MoneyField(max_digits=12)
    priority = serializers.BooleanField()
    arrangement = serializers.CharField()
    monthly_payment = MoneyField(max_digits=10, allow_null=True)
    iva = serializers.BooleanField()
    recorded_on = serializers.DateField()
    cleared_on = serializers.DateField(allow_null=True)


class DeputyshipBenefitCheckInputSerializer(serializers.Serializer):
    checked_on = serializers.DateField()
    benefit = serializers.CharField(max_length=100)
    outcome = serializers.ChoiceField(choices=BenefitOutcome.choices)
    weekly_gain = MoneyField(max_digits=8, required=False, default=Decimal("0.00"),
                             help_text="The change in weekly income: more than 0 for an award, below 0 for a "
                                       "reduction, 0 otherwise.")


class DeputyshipBenefitCheckOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    checked_on = serializers.DateField()
    benefit = serializers.CharField()
    outcome = serializers.ChoiceField(choices=BenefitOutcome.choices)
    weekly_gain = MoneyField(max_digits=8)


class DeputyshipDocumentInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    description = serializers.CharField(max_length=200)
    location = serializers.CharField(max_length=200)
    received_on = serializers.DateField()


class DeputyshipDocumentMoveInputSerializer(serializers.Serializer):
    location = serializers.CharField(max_length=200)


class DeputyshipDocumentReturnInputSerializer(serializers.Serializer):
    returned_on = serializers.DateField()
    returned_to = serializers.CharField(max_length=200)


class _Write(APIView):
    """A POST about one record (a client, or a register's entry) that the user may see: a 404 otherwise."""

    parser_classes = [JSONParser]
    rules = {"write": "deputyship.work_client"}
    find = staticmethod(access_client)

    def get_rule_object(self):
        if not hasattr(self, "_record"):
            self._record = self.find(user=self.request.user, pk=self.kwargs["id"])
        return self._record

    def given(self, serializer_class) -> dict:
        given = serializer_class(data=self.request.data)
        given.is_valid(raise_exception=True)
        return dict(given.validated_data)


class DeputyshipLifeEventCreateView(_Write):
    @extend_schema(tags=["Deputyship"], summary="Record a life event",
                   description="Each item of the event's checklist is given as a task. Recording the same event "
                               "(kind and date) again returns it and gives nothing more.",
                   request=DeputyshipLifeEventInputSerializer,
                   responses={201: DeputyshipLifeEventOutputSerializer, **WRITE_ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = self.given(DeputyshipLifeEventInputSerializer)
        event = services.life_event_record(acting_user=request.user, client=self.get_rule_object(), **data)
        return Response(DeputyshipLifeEventOutputSerializer(event).data, status=201)


class DeputyshipInvestmentCreateView(_Write):
    @extend_schema(tags=["Deputyship"], summary="Add an investment",
                   request=DeputyshipInvestmentInputSerializer,
                   responses={201: DeputyshipInvestmentOutputSerializer, **WRITE_ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = self.given(DeputyshipInvestmentInputSerializer)
        investment = services.investment_record(acting_user=request.user, client=self.get_rule_object(), **data)
        return Response(DeputyshipInvestmentOutputSerializer(investment).data, status=201)


class DeputyshipInvestmentReviewView(_Write):
    find = staticmethod(selectors.access_investment)

    @extend_schema(tags=["Deputyship"], summary="Record an investment's review",
                   description="The value found and the next review date (its task is given as that date nears).",
                   request=DeputyshipInvestmentReviewInputSerializer,
                   responses={201: DeputyshipInvestmentOutputSerializer, **WRITE_ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = self.given(DeputyshipInvestmentReviewInputSerializer)
        investment = services.investment_review_record(acting_user=request.user,
                                                       investment=self.get_rule_object(), **data)
        return Response(DeputyshipInvestmentOutputSerializer(investment).data, status=201)


class DeputyshipTaxReturnCreateView(_Write):
    @extend_schema(tags=["Deputyship"], summary="Add a self assessment tax return due",
                   description="Due on 31 January after the tax year ends on 5 April (online returns). A year "
                               "already recorded is returned as it is.",
                   request=DeputyshipTaxReturnInputSerializer,
                   responses={201: DeputyshipTaxReturnOutputSerializer, **WRITE_ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = self.given(DeputyshipTaxReturnInputSerializer)
        tax_return = services.tax_return_record(acting_user=request.user, client=self.get_rule_object(), **data)
        return Response(DeputyshipTaxReturnOutputSerializer(tax_return).data, status=201)


class DeputyshipTaxReturnFiledView(_Write):
    find = staticmethod(selectors.access_tax_return)

    @extend_schema(tags=["Deputyship"], summary="Record a tax return filed",
                   request=DeputyshipTaxReturnFiledInputSerializer,
                   responses={201: DeputyshipTaxReturnOutputSerializer, **WRITE_ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = self.given(DeputyshipTaxReturnFiledInputSerializer)
        tax_return = services.tax_return_filed(acting_user=request.user, tax_return=self.get_rule_object(), **data)
        return Response(DeputyshipTaxReturnOutputSerializer(tax_return).data, status=201)


class DeputyshipFuneralPlanCreateView(_Write):
    @extend_schema(tags=["Deputyship"], summary="Record a funeral plan decision",
                   request=DeputyshipFuneralPlanInputSerializer,
                   responses={201: DeputyshipFuneralPlanOutputSerializer, **WRITE_ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = self.given(DeputyshipFuneralPlanInputSerializer)
        decision = services.funeral_plan_decide(acting_user=request.user, client=self.get_rule_object(), **data)
        return Response(DeputyshipFuneralPlanOutputSerializer(decision).data, status=201)


class DeputyshipDebtCreateView(_Write):
    @extend_schema(tags=["Deputyship"], summary="Add a debt the client owes",
                   request=DeputyshipDebtInputSerializer,
                   responses={201: DeputyshipDebtOutputSerializer, **WRITE_ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = self.given(DeputyshipDebtInputSerializer)
        debt = services.client_debt_record(acting_user=request.user, client=self.get_rule_object(), **data)
        return Response(DeputyshipDebtOutputSerializer(debt).data, status=201)


class DeputyshipBenefitCheckCreateView(_Write):
    @extend_schema(tags=["Deputyship"], summary="Record a benefit check",
                   request=DeputyshipBenefitCheckInputSerializer,
                   responses={201: DeputyshipBenefitCheckOutputSerializer, **WRITE_ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = self.given(DeputyshipBenefitCheckInputSerializer)
        check = services.benefit_check_record(acting_user=request.user, client=self.get_rule_object(), **data)
        return Response(DeputyshipBenefitCheckOutputSerializer(check).data, status=201)


class DeputyshipDocumentCreateView(_Write):
    @extend_schema(tags=["Deputyship"], summary="Add a document to the cherished documents register",
                   request=DeputyshipDocumentInputSerializer,
                   responses={201: DeputyshipDocumentOutputSerializer, **WRITE_ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = self.given(DeputyshipDocumentInputSerializer)
        document = services.cherished_document_record(acting_user=request.user, client=self.get_rule_object(),
                                                      **data)
        return Response(DeputyshipDocumentOutputSerializer(document).data, status=201)


class DeputyshipDocumentMoveView(_Write):
    find = staticmethod(selectors.access_document)

    @extend_schema(tags=["Deputyship"], summary="Move a cherished document",
                   description="Refused (400) for a document already returned.",
                   request=DeputyshipDocumentMoveInputSerializer,
                   responses={201: DeputyshipDocumentOutputSerializer, **WRITE_ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = self.given(DeputyshipDocumentMoveInputSerializer)
        document = services.cherished_document_move(acting_user=request.user, document=self.get_rule_object(),
                                                    **data)
        return Response(DeputyshipDocumentOutputSerializer(document).data, status=201)


class DeputyshipDocumentReturnView(_Write):
    find = staticmethod(selectors.access_document)

    @extend_schema(tags=["Deputyship"], summary="Return a cherished document",
                   description="To the body that issued it (or the person entitled to it), once.",
                   request=DeputyshipDocumentReturnInputSerializer,
                   responses={201: DeputyshipDocumentOutputSerializer, **WRITE_ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = self.given(DeputyshipDocumentReturnInputSerializer)
        document = services.cherished_document_return(acting_user=request.user, document=self.get_rule_object(),
                                                      **data)
        return Response(DeputyshipDocumentOutputSerializer(document).data, status=201)


urlpatterns: list = [
    path("deputyship/cherished-documents/", DeputyshipDocumentListView.as_view(),
         name="deputyship-cherished-documents"),
    path("deputyship/clients/<int:id>/life-events/", DeputyshipLifeEventCreateView.as_view(),
         name="deputyship-client-life-events"),
    path("deputyship/clients/<int:id>/investments/", DeputyshipInvestmentCreateView.as_view(),
         name="deputyship-client-investments"),
    path("deputyship/clients/<int:id>/tax-returns/", DeputyshipTaxReturnCreateView.as_view(),
         name="deputyship-client-tax-returns"),
    path("deputyship/clients/<int:id>/funeral-plan-decisions/", DeputyshipFuneralPlanCreateView.as_view(),
         name="deputyship-client-funeral-plan-decisions"),
    path("deputyship/clients/<int:id>/debts/", DeputyshipDebtCreateView.as_view(), name="deputyship-client-debts"),
    path("deputyship/clients/<int:id>/benefit-checks/", DeputyshipBenefitCheckCreateView.as_view(),
         name="deputyship-client-benefit-checks"),
    path("deputyship/clients/<int:id>/cherished-documents/", DeputyshipDocumentCreateView.as_view(),
         name="deputyship-client-cherished-documents"),
    path("deputyship/investments/<int:id>/review/", DeputyshipInvestmentReviewView.as_view(),
         name="deputyship-investment-review"),
    path("deputyship/tax-returns/<int:id>/filed/", DeputyshipTaxReturnFiledView.as_view(),
         name="deputyship-tax-return-filed"),
    path("deputyship/cherished-documents/<int:id>/move/", DeputyshipDocumentMoveView.as_view(),
         name="deputyship-cherished-document-move"),
    path("deputyship/cherished-documents/<int:id>/return/", DeputyshipDocumentReturnView.as_view(),
         name="deputyship-cherished-document-return"),
]
