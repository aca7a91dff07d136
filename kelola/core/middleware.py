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


class IndonesianFirstMiddleware:
    """Bahasa Indonesia is the interface language unless the user chose another (X-6).

    Many browsers in Indonesian offices announce English; the regulations' terms must still
    greet them, so the browser's Accept-Language counts only after an explicit choice (the
    language cookie set by the language switch).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


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
    """Sends IT-office staff of a pemda that requires two-factor to set it up, and anyone with
    a confirmed authenticator to verify it, before any other page.

    Only session logins are judged here: API requests authenticated by token reach this
    middleware anonymous and pass; an unverified session on the API gets a JSON 403 with the
    stable code "two_factor_required".
    """

    #: URL names reachable before two-factor is done (login, logout, the two-factor pages).
    ALLOWED_URL_NAMES = ("core:login", "core:logout", "core:two_factor_setup", "core:two_factor_verify")
    EXEMPT_PREFIXES = ("/static/", "/media/", "/i18n/", "/jsi18n/", "/health")
    API_PREFIX = "/api/"

    def __init__(self, get_response):
        self.get_response = get_response
        self._allowed_paths: frozenset[str] | None = None

    def _is_allowed(self, path: str) -> bool:
        if self._allowed_paths is None:
            self._allowed_paths = frozenset(reverse(name) for name in self.ALLOWED_URL_NAMES)
        return path in self._allowed_paths or path.startswith(self.EXEMPT_PREFIXES)

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not self._is_allowed(request.path):
            response = self._enforce(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _enforce(self, request, user):
        from urllib.parse import urlencode

        from django.http import JsonResponse
        from django.utils.translation import gettext as _

        from kelola.core.twofactor import two_factor_state

        state = two_factor_state(user, session=request.session)
        if state.required and not state.configured:
            target, message = "core:two_factor_setup", _("Pemda Anda mewajibkan verifikasi dua langkah.")
        elif state.configured and not user.is_verified():
            target, message = "core:two_factor_verify", _("Masukkan kode verifikasi dua langkah.")
        else:
            return None
        if request.path.startswith(self.API_PREFIX):
            return JsonResponse({"code": "two_factor_required", "detail": message}, status=403)
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
