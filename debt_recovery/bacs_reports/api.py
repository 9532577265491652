"""The API of Bacs report import.

- ``GET /api/v1/debt-recovery/bacs-reports/``: the reports imported, newest first.
- ``POST /api/v1/debt-recovery/bacs-reports/`` (multipart, field ``file``): import a report, with the
  same checks as the page: all or nothing, a 400 listing every problem (each naming the item) and
  nothing written; ``?preview=true`` answers what it would do and writes nothing. 201 when imported,
  200 with ``already_imported: true`` when the same file was imported before (nothing changed).
- ``GET /api/v1/debt-recovery/bacs-reports/{id}/``: a report with each item and what was done.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from debt_recovery.bacs_reports import selectors, services
from debt_recovery.bacs_reports.choices import ItemOutcome, ReportKind
from debt_recovery.bacs_reports.forms import MAX_BYTES
from ledger.api.serializers import MoneyField
from people.api.serializers import ErrorSerializer

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="The report cannot be imported: `errors.file` lists why."),
    403: OpenApiResponse(ErrorSerializer, description="Not signed in, or not allowed to do that."),
}


class ReportUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    preview = serializers.BooleanField(required=False, default=False)

    def validate_file(self, upload):
        if upload.size > MAX_BYTES:
            raise serializers.ValidationError("The file is larger than 5 MB: it is not a Bacs report.")
        return upload


class ReportItemOutputSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    reference = serializers.CharField()
    reason_code = serializers.CharField()
    reason = serializers.CharField()
    amount = MoneyField(allow_null=True)
    mandate = serializers.IntegerField(source="mandate_id", allow_null=True)
    collection = serializers.IntegerField(source="collection_id", allow_null=True)
    outcome = serializers.ChoiceField(choices=ItemOutcome.choices)
    action = serializers.CharField()
    task = serializers.IntegerField(source="task_id", allow_null=True)


class ReportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ReportKind.choices)
    filename = serializers.CharField()
    fingerprint = serializers.CharField()
    service_user_number = serializers.CharField()
    processing_date = serializers.DateField()
    item_count = serializers.IntegerField()
    total = MoneyField()
    imported_at = serializers.DateTimeField()


class ReportDetailOutputSerializer(ReportOutputSerializer):
    items = ReportItemOutputSerializer(many=True, source="items.all")


def _preview(plan: services.ReportPlan) -> dict:
    return {"kind": plan.parsed.kind, "fingerprint": plan.fingerprint,
            "already_imported": plan.already_imported.pk if plan.already_imported else None,
            "items": [{"line": p.item.line, "reference": p.item.reference, "reason_code": p.item.reason_code,
                       "reason": p.item.reason, "amount": None if p.item.amount is None else f"{p.item.amount:.2f}",
                       "outcome": p.outcome, "action": p.action} for p in plan.items]}


class BacsReportListView(APIView):
    rules = {"read": "debt_recovery.view_bacs_reports", "write": "debt_recovery.import_bacs_reports"}
    parser_classes = [MultiPartParser]

    @extend_schema(responses={200: ReportOutputSerializer(many=True), 403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        return Response(ReportOutputSerializer(selectors.bacs_reports()[:200], many=True).data)

    @extend_schema(request={"multipart/form-data": ReportUploadSerializer},
                   responses={201: ReportDetailOutputSerializer, 200: ReportDetailOutputSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        given = ReportUploadSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        content = given.validated_data["file"].read()
        if given.validated_data["preview"]:
            return Response(_preview(services.report_plan(acting_user=request.user, content=content)))
        report, created = services.bacs_report_import(acting_user=request.user, content=content,
                                                      filename=given.validated_data["file"].name)
        data = dict(ReportDetailOutputSerializer(report).data, already_imported=not created)
        return Response(data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class BacsReportDetailView(APIView):
    rules = {"read": "debt_recovery.view_bacs_reports"}

    @extend_schema(responses={200: ReportDetailOutputSerializer, 403: ERRORS[403],
                              404: OpenApiResponse(ErrorSerializer, description="No such report.")})
    def get(self, request: Request, id: int) -> Response:
        return Response(ReportDetailOutputSerializer(selectors.access_bacs_report(pk=id)).data)
