"""The error pages, and the API's errors in its one shape (``core.api``) when the request is for the API:
Django answers these itself (a URL that matches nothing, a request it cannot read, a crash), before or
after any API view, so DRF's exception handler never sees them."""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):  # a body too large to read into memory
        message = "The request is larger than this service accepts."
        if _is_api(request):
            return JsonResponse({"code": "too_large", "message": message}, status=413)
        return render(request, "errors/413.html", {"message": message}, status=413)
    message = str(exception) if exception and str(exception) else "The request could not be understood."
    if _is_api(request):
        return JsonResponse({"code": "bad_request", "message": message}, status=400)
    return render(request, "errors/400.html", {"message": message}, status=400)


def permission_denied(request, exception=None):
    if _is_api(request):
        return JsonResponse({"code": "permission_denied",
                             "message": str(exception) if exception and str(exception) else
                             "You do not have permission to do this."}, status=403)
    return render(request, "errors/403.html", {"message": str(exception) if exception else ""}, status=403)


def page_not_found(request, exception=None):
    if _is_api(request):
        return JsonResponse({"code": "not_found", "message": "Not found."}, status=404)
    return render(request, "errors/404.html", status=404)


def server_error(request):
    """A crash: the API's error shape, or a plain page that needs nothing that might itself be broken
    (no context processors, no database)."""
    message = ("Something went wrong on our side. Nothing was changed by this request; try again, and tell "
               "the service desk if it happens again, quoting " + getattr(request, "request_id", "the time") + ".")
    if _is_api(request):
        return JsonResponse({"code": "server_error", "message": message}, status=500)
    return HttpResponseServerError(loader.get_template("errors/500.html").render({"message": message}))
