"""Request-scoped middleware: request ids, audit context, two-factor enforcement."""

from __future__ import annotations

import contextvars
import re
import uuid

from django.shortcuts import redirect
from django.urls import reverse

from kelola.core.audit import audit_context

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("kelola_request_id", default="")
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Gives every request an id (or keeps a sane incoming X-Request-ID) for logs and audit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class AuditContextMiddleware:
    """Attributes every change made while handling the request to its user and request id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
        with audit_context(actor=actor, request_id=getattr(request, "request_id", "")):
            return self.get_response(request)


class TwoFactorEnforcementMiddleware:
    """Sends IT-office staff of a pemda that requires two-factor to set it up or verify it."""

    EXEMPT_PREFIXES = ("/akun/", "/static/", "/i18n/", "/health", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from kelola.core.twofactor import two_factor_state

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(self.EXEMPT_PREFIXES):
            state = two_factor_state(user)
            if state.required and not state.configured:
                return redirect(reverse("core:two_factor_setup"))
            if state.configured and not user.is_verified():
                return redirect(f"{reverse('core:two_factor_verify')}?next={request.path}")
        return self.get_response(request)
