"""One error hierarchy for the whole application.

Services raise :class:`ApplicationError` (or a subclass) with a sentence a council officer can act
on; views show it on the page and the API returns it as a 400/403/404/409 body with its ``code``.
"""


class ApplicationError(Exception):
    code = "invalid"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.extra = extra or {}


class PermissionDeniedError(ApplicationError):
    code = "permission_denied"
    status = 403


class NotFoundError(ApplicationError):
    code = "not_found"
    status = 404


class ConflictError(ApplicationError):
    code = "conflict"
    status = 409
