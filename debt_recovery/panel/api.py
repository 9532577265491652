"""The debt panel API, with the same rules as the pages.

``/api/v1/debt-recovery/panel-cases/``: list, or put a debt to the panel (POST). ``.../panel-cases/{id}/``:
one case. ``.../panel-cases/{id}/decision/`` (POST, a debt recovery team leader): the panel's decision and
the actions that follow, each given as a task.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from debt_recovery.accounts.selectors import access_debtor_account
from debt_recovery.panel import selectors, services
from debt_recovery.panel.choices import PanelOutcome, PanelStatus
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field."),
    403: OpenApiResponse(ErrorSerializer, description="Not yours to do."),
    404: OpenApiResponse(ErrorSerializer, description="Not found, or not one you may see."),
}


def _valid(serializer_class, data) -> dict:
    given = serializer_class(data=data)
    given.is_valid(raise_exception=True)
    return given.validated_data


class ActionOutputSerializer(serializers.Serializer):
    description = serializers.CharField()
    task = serializers.IntegerField(source="task_id")
    assigned_to = serializers.CharField(source="task.assigned_to.get_username")
    due_date = serializers.DateField(source="task.due_date")


class CaseOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    debtor = serializers.IntegerField(source="debtor_id")
    status = serializers.ChoiceField(choices=PanelStatus.choices)
    balance = MoneyField()
    background = serializers.CharField()
    income_expenditure = serializers.CharField()
    property_details = serializers.CharField()
    recommendation = serializers.ChoiceField(choices=PanelOutcome.choices)
    recommendation_note = serializers.CharField()
    meeting_on = serializers.DateField(allow_null=True)
    decision = serializers.CharField()
    decision_note = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    actions = ActionOutputSerializer(many=True, source="actions.all")


class CaseInputSerializer(serializers.Serializer):
    debtor = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    background = serializers.CharField(max_length=8000)
    income_expenditure = serializers.CharField(max_length=8000, required=False, default="", allow_blank=True)
    property_details = serializers.CharField(max_length=4000, required=False, default="", allow_blank=True)
    recommendation = serializers.ChoiceField(choices=PanelOutcome.choices)
    recommendation_note = serializers.CharField(max_length=4000)
    meeting_on = serializers.DateField(required=False, allow_null=True, default=None, input_formats=["iso-8601"])


class ActionInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=180)
    assigned_to = serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.filter(is_active=True))
    due = serializers.DateField(input_formats=["iso-8601"])


class DecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=PanelOutcome.choices)
    decision_note = serializers.CharField(max_length=4000)
    meeting_on = serializers.DateField(input_formats=["iso-8601"])
    actions = ActionInputSerializer(many=True, required=False, default=list)


class CaseListView(APIView):
    rules = {"read": "debt_recovery.view_recovery", "write": "debt_recovery.work_any"}

    @extend_schema(tags=["Debt recovery"], summary="Debt panel cases you may see",
                   responses={200: CaseOutputSerializer(many=True), 403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        found = selectors.panel_cases_visible_to(user=request.user).order_by("pk")[:1000]
        return Response(CaseOutputSerializer(found, many=True).data)

    @extend_schema(tags=["Debt recovery"], summary="Put a debt to the debt panel", request=CaseInputSerializer,
                   responses={201: CaseOutputSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        data = dict(_valid(CaseInputSerializer, request.data))
        debtor = access_debtor_account(user=request.user, pk=data.pop("debtor"))
        case = services.panel_case_prepare(acting_user=request.user, debtor=debtor, **data)
        return Response(CaseOutputSerializer(case).data, status=201)


class _OneCase(APIView):
    def get_rule_object(self):
        if not hasattr(self, "_case"):
            self._case = selectors.access_panel_case(user=self.request.user, pk=self.kwargs["id"])
        return self._case


class CaseDetailView(_OneCase):
    rules = {"read": "debt_recovery.view_client_debts"}

    @extend_schema(tags=["Debt recovery"], summary="A debt panel case", responses={200: CaseOutputSerializer, **ERRORS})
    def get(self, request: Request, id: int) -> Response:
        return Response(CaseOutputSerializer(self.get_rule_object()).data)


class CaseDecisionView(_OneCase):
    rules = {"write": "debt_recovery.record_panel_decision"}

    @extend_schema(tags=["Debt recovery"], summary="Record the debt panel's decision", request=DecisionInputSerializer,
                   responses={200: CaseOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        data = _valid(DecisionInputSerializer, request.data)
        case = services.panel_decision_record(
            acting_user=request.user, case=self.get_rule_object(), decision=data["decision"],
            decision_note=data["decision_note"], meeting_on=data["meeting_on"],
            actions=[(a["description"], a["assigned_to"], a["due"]) for a in data["actions"]])
        return Response(CaseOutputSerializer(case).data)
