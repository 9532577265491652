"""The people API: clients and contacts, with the same visibility and permissions as the pages.

Thin views: check the input's shape with an input serializer, call one service (which decides what
is allowed and raises ``ApplicationError`` with each field's problem), answer with an output
serializer. Lists and details read through the selectors, so another team's client is a 404.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.access import note_client_reads
from people import services
from people.api.filters import ClientFilter, ContactFilter
from people.api.serializers import (
    ClientContactOutputSerializer,
    ClientCreateInputSerializer,
    ClientOutputSerializer,
    ClientUpdateInputSerializer,
    ContactCreateInputSerializer,
    ContactOutputSerializer,
    ContactUpdateInputSerializer,
    ErrorSerializer,
    PossibleDuplicateSerializer,
    likely_duplicate_data,
)
from people.models import Client, Contact
from people.selectors import (
    access_client,
    access_contact,
    client_contacts,
    clients_visible_to,
    contacts_visible_to,
)

_ERROR = ErrorSerializer
_NO_ROLE = OpenApiResponse(_ERROR, description="Not signed in, or no role in the service.")
BAD_QUERY = OpenApiResponse(_ERROR, description="Bad query parameters (paging: `limit` 1-200, `offset` 0-10,000,000; "
                                               "filters): `errors` names each.")
ERRORS_LIST = {400: BAD_QUERY, 403: _NO_ROLE}
ERRORS_READ = {403: _NO_ROLE, 404: OpenApiResponse(_ERROR, description="No such record, or not one you may see.")}
ERRORS_CREATE = {
    400: OpenApiResponse(_ERROR, description="Bad input: `errors` names each field. Nothing was written."),
    403: OpenApiResponse(_ERROR, description="Not signed in, read-only (auditor), or not allowed."),
}
ERRORS_WRITE = {**ERRORS_CREATE, 404: ERRORS_READ[404]}


class _PeopleViewSet(viewsets.GenericViewSet):
    """Shared by the people API's view sets (the docstring of each is its API description)."""

    # ``core.rules.RulePermission`` reads ``rules``: the rule each action needs, as on the pages.
    rules: dict[str, str] = {}
    # The input serializer for each write method. Our actions name their serializers themselves;
    # this is for the browsable API, so its forms offer what may be sent (empty), not the output.
    input_serializers: dict[str, type] = {}

    def access(self, pk):
        """The record of ``pk`` if the user may see it; otherwise 404 (the selectors' ``access_*``)."""
        raise NotImplementedError

    def get_object(self):
        """The record in the URL, 404 unless the user may see it, then checked against the action's rule."""
        record = self.access(self.kwargs["pk"])
        self.check_object_permissions(self.request, record)
        return record

    def get_serializer_class(self):
        method = self.request.method if getattr(self, "request", None) is not None else "GET"
        return self.input_serializers.get(method, self.serializer_class)

    def get_serializer(self, *args, **kwargs):
        serializer_class = self.get_serializer_class()
        if serializer_class is not self.serializer_class:
            args, kwargs = (), {k: v for k, v in kwargs.items() if k != "instance"}
        kwargs.setdefault("context", self.get_serializer_context())
        return serializer_class(*args, **kwargs)


@extend_schema(tags=["Clients"])
@extend_schema_view(
    list=extend_schema(
        summary="Find clients",
        description="Clients you may see: your teams' caseloads (everyone's for auditors and administrators).",
        responses={200: ClientOutputSerializer(many=True), **ERRORS_LIST},
    ),
    retrieve=extend_schema(summary="A client", responses={200: ClientOutputSerializer, **ERRORS_READ}),
    create=extend_schema(
        summary="Add a client",
        description="Adds the client to `team`'s caseload (one of your teams).",
        request=ClientCreateInputSerializer,
        responses={201: ClientOutputSerializer, **ERRORS_CREATE, 409: OpenApiResponse(
            PossibleDuplicateSerializer,
            description="A client with the same name and date of birth is already on the record: send again "
                        "with `different_person_reason` if this is someone else. Nothing was written.")},
    ),
    update=extend_schema(
        summary="Change a client's details",
        request=ClientUpdateInputSerializer,
        responses={200: ClientOutputSerializer, **ERRORS_WRITE},
    ),
    partial_update=extend_schema(
        summary="Change some of a client's details",
        request=ClientUpdateInputSerializer,
        responses={200: ClientOutputSerializer, **ERRORS_WRITE},
    ),
)
class ClientViewSet(_PeopleViewSet):
    """People the council acts for or charges. You see your teams' clients; a client you may not
    see is answered 404, exactly like one that does not exist. Changes need a `reason`."""

    serializer_class = ClientOutputSerializer
    filterset_class = ClientFilter
    rules = {
        "list": "people.use_service",
        "retrieve": "people.view_client",
        "contacts": "people.view_client",
        "create": "people.add_client",
        "update": "people.work_client",
        "partial_update": "people.work_client",
    }
    input_serializers = {
        "POST": ClientCreateInputSerializer,
        "PUT": ClientUpdateInputSerializer,
        "PATCH": ClientUpdateInputSerializer,
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Client.objects.none()
        return clients_visible_to(user=self.request.user).prefetch_related("addresses").order_by(
            "last_name", "first_name", "id"
        )

    def access(self, pk) -> Client:
        return access_client(user=self.request.user, pk=pk)

    def _client(self, pk) -> Client:
        return self.get_queryset().get(pk=pk)

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        note_client_reads(request, page)
        return self.get_paginated_response(ClientOutputSerializer(page, many=True).data)

    def retrieve(self, request: Request, pk=None) -> Response:
        return Response(ClientOutputSerializer(self._client(self.get_object().pk)).data)

    def create(self, request: Request) -> Response:
        given = ClientCreateInputSerializer(data=request.data, context={"request": request})
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        address = data.pop("address", None)
        try:
            client = services.client_create(
                acting_user=request.user,
                team=data.pop("team"),
                service=data.pop("service", None),
                address=services.AddressInput(**address) if address else None,
                reason=data.pop("reason", "") or "New client",
                different_person_reason=data.pop("different_person_reason", ""),
                **data,
            )
        except services.PossibleDuplicateError as exc:
            return Response({"code": exc.code, "message": exc.message, "errors": exc.extra,
                             "matches": [likely_duplicate_data(match) for match in exc.matches]},
                            status=exc.status)
        return Response(ClientOutputSerializer(self._client(client.pk)).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, pk=None, partial: bool = False) -> Response:
        client = self.get_object()
        given = ClientUpdateInputSerializer(data=request.data, partial=partial)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        services.client_update(acting_user=request.user, client=client, reason=data.pop("reason"), **data)
        return Response(ClientOutputSerializer(self._client(client.pk)).data)

    def partial_update(self, request: Request, pk=None) -> Response:
        return self.update(request, pk=pk, partial=True)

    @extend_schema(
        summary="The people and organisations around a client",
        description="Each link says how the contact relates to the client; ended links are included, last.",
        filters=False,
        responses={200: ClientContactOutputSerializer(many=True), **ERRORS_READ},
    )
    @action(detail=True, methods=["get"], url_path="contacts", filterset_class=None)
    def contacts(self, request: Request, pk=None) -> Response:
        client = self.get_object()
        page = self.paginate_queryset(client_contacts(client=client))
        return self.get_paginated_response(ClientContactOutputSerializer(page, many=True).data)


@extend_schema(tags=["Contacts"])
@extend_schema_view(
    list=extend_schema(
        summary="Find contacts",
        description="Contacts linked to a client you may see, and contacts not yet linked to anyone.",
        responses={200: ContactOutputSerializer(many=True), **ERRORS_LIST},
    ),
    retrieve=extend_schema(summary="A contact", responses={200: ContactOutputSerializer, **ERRORS_READ}),
    create=extend_schema(
        summary="Add a contact",
        request=ContactCreateInputSerializer,
        responses={201: ContactOutputSerializer, **ERRORS_CREATE},
    ),
    update=extend_schema(
        summary="Change a contact's details",
        request=ContactUpdateInputSerializer,
        responses={200: ContactOutputSerializer, **ERRORS_WRITE},
    ),
    partial_update=extend_schema(
        summary="Change some of a contact's details",
        request=ContactUpdateInputSerializer,
        responses={200: ContactOutputSerializer, **ERRORS_WRITE},
    ),
)
class ContactViewSet(_PeopleViewSet):
    """People and organisations around clients (relatives, attorneys, banks, the DWP...). One
    contact can relate to many clients. Changes need a `reason`."""

    serializer_class = ContactOutputSerializer
    filterset_class = ContactFilter
    rules = {
        "list": "people.use_service",
        "retrieve": "people.use_service",
        "create": "people.change_contact",
        "update": "people.change_contact",
        "partial_update": "people.change_contact",
    }
    input_serializers = {
        "POST": ContactCreateInputSerializer,
        "PUT": ContactUpdateInputSerializer,
        "PATCH": ContactUpdateInputSerializer,
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Contact.objects.none()
        return contacts_visible_to(user=self.request.user).order_by("name", "id")

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(ContactOutputSerializer(page, many=True).data)

    def access(self, pk) -> Contact:
        return access_contact(user=self.request.user, pk=pk)

    def retrieve(self, request: Request, pk=None) -> Response:
        return Response(ContactOutputSerializer(self.get_object()).data)

    def create(self, request: Request) -> Response:
        given = ContactCreateInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        reason = data.pop("reason", "") or "New contact"
        contact = services.contact_create(acting_user=request.user, reason=reason, **data)
        return Response(ContactOutputSerializer(contact).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, pk=None, partial: bool = False) -> Response:
        contact = self.get_object()
        given = ContactUpdateInputSerializer(data=request.data, partial=partial)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        reason = data.pop("reason")
        contact = services.contact_update(acting_user=request.user, contact=contact, reason=reason, **data)
        return Response(ContactOutputSerializer(contact).data)

    def partial_update(self, request: Request, pk=None) -> Response:
        return self.update(request, pk=pk, partial=True)
