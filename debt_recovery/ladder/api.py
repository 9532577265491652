"""The API of holds and the recovery ladder.

- ``GET /api/v1/debt-recovery/holds/``: holds in force on the debts you may see (``?debtor=``, ``?due=true``
  for those due for review); ``POST`` places one (the debt recovery team holding the client).
- ``GET /api/v1/debt-recovery/holds/{id}/``; ``POST .../release/`` ends it, with a note.
- ``GET /api/v1/debt-recovery/debtors/{id}/ladder/``: the debt's place on the ladder, what is overdue today,
  whether it is on hold, every step taken and every hold.

A hold or debtor of a client you may not see is a 404, exactly like one that does not exist.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from debt_recovery.accounts.selectors import access_debtor_account, debtor_accounts_visible_to
from debt_recovery.holds import services as hold_services
from debt_recovery.holds.choices import HoldReason
from debt_recovery.holds.models import Hold
from debt_recovery.holds.selectors import debtor_holds, holds_due_for_review, holds_in_force, is_on_hold
from debt_recovery.ladder.choices import ActionOutcome, StepKind
from debt_recovery.ladder.selectors import ladder_history, ladder_position, overdue_debts
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer
from people.selectors import today

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field."),
    403: OpenApiResponse(ErrorSerializer, description="Not signed in, or not allowed to do that."),
    404: OpenApiResponse(ErrorSerializer, description="No such record, or not one you may see."),
    409: OpenApiResponse(ErrorSerializer, description="The hold has already been released."),
}


class HoldQuerySerializer(serializers.Serializer):
    debtor = serializers.IntegerField(required=False, min_value=1, max_value=2_147_483_647)
    due = serializers.BooleanField(required=False, default=False, help_text="Only holds due for review.")


class HoldInputSerializer(serializers.Serializer):
    debtor = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    reason = serializers.ChoiceField(choices=HoldReason.choices)
    review_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class HoldReleaseInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000)


class HoldOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    debtor = serializers.IntegerField(source="debtor_id")
    reason = serializers.ChoiceField(choices=HoldReason.choices)
    note = serializers.CharField(allow_blank=True)
    review_on = serializers.DateField()
    in_force = serializers.BooleanField()
    placed_by = serializers.CharField(source="placed_by.username")
    placed_at = serializers.DateTimeField()
    released_by = serializers.CharField(source="released_by.username", allow_null=True, default=None)
    released_at = serializers.DateTimeField(allow_null=True)
    release_note = serializers.CharField(allow_blank=True)


class LadderActionOutputSerializer(serializers.Serializer):
    episode = serializers.IntegerField()
    step = serializers.CharField(source="step.name")
    kind = serializers.ChoiceField(choices=StepKind.choices)
    outcome = serializers.ChoiceField(choices=ActionOutcome.choices)
    due_on = serializers.DateField()
    taken_on = serializers.DateField()
    overdue = MoneyField()
    letter = serializers.IntegerField(source="letter_id", allow_null=True)
    task = serializers.IntegerField(source="task_id", allow_null=True)
    reply_by = serializers.DateField(allow_null=True, help_text="Letter before claim: the last day to reply.")


class LadderPositionOutputSerializer(serializers.Serializer):
    debtor = serializers.IntegerField()
    as_at = serializers.DateField()
    balance = MoneyField()
    overdue = MoneyField()
    overdue_since = serializers.DateField(allow_null=True)
    on_hold = serializers.BooleanField()
    on_ladder = serializers.BooleanField()
    episode = serializers.IntegerField(allow_null=True)
    episode_started_on = serializers.DateField(allow_null=True)
    last_step = serializers.CharField(allow_null=True)
    last_step_kind = serializers.ChoiceField(choices=StepKind.choices, allow_null=True)
    last_step_on = serializers.DateField(allow_null=True)
    history = LadderActionOutputSerializer(many=True)
    holds = HoldOutputSerializer(many=True)


def _hold_for(user, pk) -> Hold:
    try:
        return Hold.objects.select_related("debtor__client", "placed_by", "released_by").get(
            pk=pk, debtor__in=debtor_accounts_visible_to(user=user))
    except Hold.DoesNotExist:
        raise Http404("No hold found") from None


class HoldListView(APIView):
    rules = {"read": "debt_recovery.view_ladder", "write": "debt_recovery.work_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Debt recovery"], summary="Holds in force", parameters=[HoldQuerySerializer],
                   description="Holds in force today on the debts you may see, review date first.",
                   responses={200: HoldOutputSerializer(many=True), 400: ERRORS[400], 403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        query = HoldQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        found = holds_due_for_review() if query.validated_data["due"] else holds_in_force()
        found = found.filter(debtor__in=debtor_accounts_visible_to(user=request.user))
        if "debtor" in query.validated_data:
            found = found.filter(debtor_id=query.validated_data["debtor"])
        found = found.select_related("placed_by", "released_by").order_by("review_on", "id")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(found, request, view=self)
        return paginator.get_paginated_response(HoldOutputSerializer(page, many=True).data)

    @extend_schema(tags=["Debt recovery"], summary="Place a hold", request=HoldInputSerializer,
                   description="Hold the debt off the recovery ladder for a reason until the review date (after "
                               "today). One hold in force per reason per debt. The debt recovery team holding the "
                               "client only.",
                   responses={201: HoldOutputSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        given = HoldInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        debtor = access_debtor_account(user=request.user, pk=data.pop("debtor"))
        hold = hold_services.hold_place(acting_user=request.user, debtor=debtor, **data)
        return Response(HoldOutputSerializer(hold).data, status=201)


class HoldDetailView(APIView):
    rules = {"read": "debt_recovery.view_client_debts"}

    def get_rule_object(self):
        if not hasattr(self, "_hold"):
            self._hold = _hold_for(self.request.user, self.kwargs["id"])
        return self._hold

    @extend_schema(tags=["Debt recovery"], summary="A hold", responses={200: HoldOutputSerializer, **ERRORS})
    def get(self, request: Request, id: int) -> Response:
        return Response(HoldOutputSerializer(self.get_rule_object()).data)


class HoldReleaseView(APIView):
    rules = {"write": "debt_recovery.work_client"}

    def get_rule_object(self):
        if not hasattr(self, "_hold"):
            self._hold = _hold_for(self.request.user, self.kwargs["id"])
        return self._hold

    @extend_schema(tags=["Debt recovery"], summary="Release a hold", request=HoldReleaseInputSerializer,
                   description="End the hold: the recovery ladder acts on the debt again from its next run.",
                   responses={200: HoldOutputSerializer, **ERRORS})
    def post(self, request: Request, id: int) -> Response:
        given = HoldReleaseInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        hold = hold_services.hold_release(acting_user=request.user, hold=self.get_rule_object(),
                                          note=given.validated_data["note"])
        return Response(HoldOutputSerializer(hold).data)


class DebtorLadderView(APIView):
    rules = {"read": "debt_recovery.view_client_debts"}

    def get_rule_object(self):
        if not hasattr(self, "_debtor"):
            self._debtor = access_debtor_account(user=self.request.user, pk=self.kwargs["id"])
        return self._debtor

    @extend_schema(tags=["Debt recovery"], summary="A debt's place on the recovery ladder",
                   description="What is overdue today (each charge falls due 14 days after its invoice; payments "
                               "set against the oldest first), whether the debt is on hold, its place on the "
                               "ladder, every step taken or passed over, and every hold.",
                   responses={200: LadderPositionOutputSerializer, **ERRORS})
    def get(self, request: Request, id: int) -> Response:
        debtor = self.get_rule_object()
        on = today()
        found = overdue_debts(on=on, debtor_ids=[debtor.pk]).get(debtor.pk)
        position = ladder_position(debtor)
        on_ladder = position is not None and position.on_ladder
        return Response(LadderPositionOutputSerializer({
            "debtor": debtor.pk, "as_at": on, "balance": found.balance if found else 0,
            "overdue": found.overdue if found else 0, "overdue_since": found.since if found else None,
            "on_hold": is_on_hold(debtor, on), "on_ladder": on_ladder,
            "episode": position.episode if position else None,
            "episode_started_on": position.episode_started_on if position else None,
            "last_step": position.last_step.name if on_ladder and position.last_step else None,
            "last_step_kind": position.last_step.kind if on_ladder and position.last_step else None,
            "last_step_on": position.last_step_on if on_ladder else None,
            "history": list(ladder_history(debtor)), "holds": list(debtor_holds(debtor)),
        }).data)
