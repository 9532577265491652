"""The referrals part's API, under ``/api/v1/deputyship/``: the referrals and applications of the clients you may
see (``?show=open|documents|parties|all``), and one with its checklist, parties and assets. Read only."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StrictLimitOffsetPagination
from deputyship.referrals import selectors
from deputyship.referrals.choices import AssetKind, AuthoritySought, ReferralSource, Urgency
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad query parameters: `errors` names each."),
    403: OpenApiResponse(ErrorSerializer, description="Not signed in, or not in the client affairs team."),
    404: OpenApiResponse(ErrorSerializer, description="No such referral, or not one you may see."),
}


class DeputyshipReferralOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    client = serializers.IntegerField(source="client_id")
    client_reference = serializers.CharField(source="client.council_reference")
    source = serializers.ChoiceField(choices=ReferralSource.choices)
    referrer = serializers.CharField()
    referred_on = serializers.DateField()
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    authority_sought = serializers.ChoiceField(choices=AuthoritySought.choices)
    stage = serializers.SerializerMethodField()
    submitted_on = serializers.DateField(allow_null=True)
    issued_on = serializers.DateField(allow_null=True)
    bf56_sent_on = serializers.DateField(allow_null=True)
    dwp_visit_on = serializers.DateField(allow_null=True)
    bf57_approved_on = serializers.DateField(allow_null=True)
    authority = serializers.IntegerField(source="authority_id", allow_null=True)
    closed_on = serializers.DateField(allow_null=True)

    def get_stage(self, referral) -> str:
        return selectors.referral_stage(referral)


class DeputyshipReferralDocumentOutputSerializer(serializers.Serializer):
    form = serializers.CharField()
    title = serializers.CharField()
    from_whom = serializers.CharField()
    due_on = serializers.DateField()
    returned_on = serializers.DateField(allow_null=True)
    chased = serializers.SerializerMethodField()

    def get_chased(self, document) -> bool:
        return document.chase_task_id is not None


class DeputyshipPartyOutputSerializer(serializers.Serializer):
    name = serializers.CharField(source="contact.name")
    relationship = serializers.CharField()
    notified_on = serializers.DateField(allow_null=True)
    letter = serializers.IntegerField(source="letter_id", allow_null=True)


class DeputyshipAssetOutputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AssetKind.choices)
    asset_type = serializers.CharField()
    description = serializers.CharField()
    held_with = serializers.CharField()
    value = MoneyField(max_digits=12, decimal_places=2)
    valued_on = serializers.DateField()


class DeputyshipReferralDetailOutputSerializer(DeputyshipReferralOutputSerializer):
    reason = serializers.CharField()
    no_parties_reason = serializers.CharField()
    documents = DeputyshipReferralDocumentOutputSerializer(many=True, source="documents.all")
    parties = DeputyshipPartyOutputSerializer(many=True, source="parties.all")
    assets = DeputyshipAssetOutputSerializer(many=True, source="assets.all")


class DeputyshipReferralQuerySerializer(serializers.Serializer):
    show = serializers.ChoiceField(choices=["open", "documents", "parties", "all"], required=False, default="open")


class ReferralListView(APIView):
    rules = {"read": "deputyship.view_any"}
    pagination_class = StrictLimitOffsetPagination

    @extend_schema(tags=["Client affairs"], summary="Referrals and applications",
                   parameters=[DeputyshipReferralQuerySerializer],
                   responses={200: DeputyshipReferralOutputSerializer(many=True), 400: ERRORS[400], 403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        query = DeputyshipReferralQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        visible = selectors.referrals_visible_to(user=request.user).prefetch_related("documents", "parties")
        found = {"documents": selectors.awaiting_documents(visible), "parties": selectors.parties_not_told(visible),
                 "all": visible}.get(query.validated_data["show"], selectors.open_referrals(visible))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(found.order_by("pk"), request, view=self)
        return paginator.get_paginated_response(DeputyshipReferralOutputSerializer(page, many=True).data)


class ReferralDetailView(APIView):
    rules = {"read": "deputyship.view_client"}

    def get_rule_object(self):
        if not hasattr(self, "_referral"):
            self._referral = selectors.access_referral(user=self.request.user, pk=self.kwargs["id"])
        return self._referral

    @extend_schema(tags=["Client affairs"], summary="A referral with its checklist, parties and assets",
                   responses={200: DeputyshipReferralDetailOutputSerializer, 403: ERRORS[403], 404: ERRORS[404]})
    def get(self, request: Request, id: int) -> Response:
        return Response(DeputyshipReferralDetailOutputSerializer(self.get_rule_object()).data)


urlpatterns: list = [
    path("deputyship/referrals/", ReferralListView.as_view(), name="deputyship-referrals"),
    path("deputyship/referrals/<int:id>/", ReferralDetailView.as_view(), name="deputyship-referral"),
]
