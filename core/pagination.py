"""Paging that refuses what it cannot serve.

API lists page with ``?limit=`` (1 to :data:`MAX_LIMIT`, default ``PAGE_SIZE``) and ``?offset=`` (0 to
:data:`MAX_OFFSET`); pages with ``?page=`` (1 to the number of pages). Anything else — not a whole
number, negative, zero where a count is meant, too large — is a 400 naming the parameter, never a
silent first page and never a 500 (a huge number once reached PostgreSQL as an out-of-range bigint).
"""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.core.paginator import Page, Paginator
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

MAX_LIMIT = 200
MAX_OFFSET = 10_000_000
_MAX_DIGITS = 12  # anything longer is refused before int() is asked to read it


def _whole_number(raw: str, *, low: int, high: int) -> int | None:
    raw = raw.strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > _MAX_DIGITS:
        return None
    value = int(raw)
    return value if low <= value <= high else None


class StrictLimitOffsetPagination(LimitOffsetPagination):
    """DRF's limit/offset paging, with both parameters checked (400) and their bounds in the schema."""

    max_limit = MAX_LIMIT

    def get_limit(self, request):
        raw = request.query_params.get(self.limit_query_param)
        if raw is None:
            return self.default_limit
        value = _whole_number(raw, low=1, high=self.max_limit)
        if value is None:
            raise ValidationError({self.limit_query_param: [f"Enter a whole number from 1 to {self.max_limit}."]})
        return value

    def get_offset(self, request):
        raw = request.query_params.get(self.offset_query_param)
        if raw is None:
            return 0
        value = _whole_number(raw, low=0, high=MAX_OFFSET)
        if value is None:
            raise ValidationError({self.offset_query_param: [f"Enter a whole number from 0 to {MAX_OFFSET}."]})
        return value

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {self.limit_query_param: (1, self.max_limit), self.offset_query_param: (0, MAX_OFFSET)}
        for parameter in parameters:
            low, high = bounds[parameter["name"]]
            parameter["schema"].update({"minimum": low, "maximum": high})
        return parameters


def page_number(request, *, param: str = "page", pages: int | None = None) -> int:
    """The page number ``?page=`` asks for (1 if none), or 400 (``BadRequest``) if it is not a whole number
    from 1 to ``pages`` (to :data:`MAX_OFFSET` when the number of pages is not yet known)."""
    raw = request.GET.get(param)
    if raw is None or raw == "":
        return 1
    number = _whole_number(raw, low=1, high=pages if pages is not None else MAX_OFFSET)
    if number is None:
        raise BadRequest(no_such_page(raw, pages))
    return number


def no_such_page(raw, pages: int | None) -> str:
    if pages is None:
        return f"There is no page {str(raw)[:20]!r} of this list."
    return f"There is no page {str(raw)[:20]!r} of this list: it has {pages} page{'s' if pages != 1 else ''}."


def page_of(request, object_list, per_page: int, *, param: str = "page") -> Page:
    """The page ``?page=`` asks for (the first if it asks for none); 400 (``BadRequest``) for anything
    that is not a page of this list."""
    paginator = Paginator(object_list, per_page)
    return paginator.page(page_number(request, param=param, pages=paginator.num_pages))
