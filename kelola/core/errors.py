"""Application errors with stable codes (STYLE practice 6).

Services raise these; views turn them into messages, the API into JSON `{"code", "detail",
"errors"}`. A refused action changes nothing.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    INVALID = "invalid"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    TRANSITION_REQUIREMENTS_MISSING = "transition_requirements_missing"
    UPLOAD_TOO_LARGE = "upload_too_large"
    UPLOAD_TYPE_REJECTED = "upload_type_rejected"
    CONFLICT = "conflict"
    #: Refused by a pemda's rule (e.g. who may build which kind of application), article cited.
    RULE_VIOLATION = "rule_violation"


HTTP_STATUS = {
    ErrorCode.INVALID: 400,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.TRANSITION_NOT_ALLOWED: 409,
    ErrorCode.TRANSITION_REQUIREMENTS_MISSING: 409,
    ErrorCode.UPLOAD_TOO_LARGE: 400,
    ErrorCode.UPLOAD_TYPE_REJECTED: 400,
    ErrorCode.CONFLICT: 409,
    ErrorCode.RULE_VIOLATION: 409,
}


class KelolaError(Exception):
    """A refused action: `message` for people, `code` for programs, `errors` per field."""

    code: ErrorCode = ErrorCode.INVALID

    def __init__(self, message, *, code: ErrorCode | None = None, errors: dict | None = None):
        super().__init__(str(message))
        self.message = message
        if code is not None:
            self.code = code
        self.errors = errors or {}

    @property
    def status(self) -> int:
        return HTTP_STATUS.get(self.code, 400)


class TransitionError(KelolaError):
    code = ErrorCode.TRANSITION_NOT_ALLOWED
