"""Account pages: login/logout (Django's, with lockout by django-axes), password change,
profile with notification channels, and TOTP two-factor setup and verification."""

from __future__ import annotations

import base64
import io
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from kelola.core import audit
from kelola.core.errors import KelolaError
from kelola.core.twofactor import clear_cached_state, two_factor_state
from kelola.core.twofactor import two_factor_disable as two_factor_disable_service


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True
    # Django's LoginView would otherwise put the host name in `site_name`.
    extra_context = {"title": gettext_lazy("Masuk"), "site_name": settings.KELOLA_SITE_NAME}


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("core:profile")
    extra_context = {"title": gettext_lazy("Ubah kata sandi")}

    def form_valid(self, form):
        response = super().form_valid(form)
        user = self.request.user
        # The password itself is never logged; the change is.
        audit.record("update", user, actor=user, pemda_id=user.pemda_id, changes={"password": ["***", "***"]})
        messages.success(self.request, _("Kata sandi telah diubah."))
        return response


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("Kode verifikasi"),
        regex=r"^\d{6}$",
        error_messages={"invalid": gettext_lazy("Masukkan 6 angka dari aplikasi autentikator.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "form-control"}
        ),
    )


class ProfileForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail"), required=False)
    whatsapp = forms.RegexField(
        label=gettext_lazy("Nomor WhatsApp"),
        regex=r"^\+?\d{9,15}$",
        required=False,
        error_messages={"invalid": gettext_lazy("Gunakan format 62812xxxxxxx.")},
    )
    notify_by_email = forms.BooleanField(label=gettext_lazy("Kirim notifikasi lewat e-mail"), required=False)
    notify_by_whatsapp = forms.BooleanField(
        label=gettext_lazy("Kirim notifikasi lewat WhatsApp"), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("notify_by_whatsapp") and not data.get("whatsapp"):
            self.add_error("whatsapp", _("Isi nomor WhatsApp untuk menerima notifikasi lewat WhatsApp."))
        if data.get("notify_by_email") and not data.get("email"):
            self.add_error("email", _("Isi alamat e-mail untuk menerima notifikasi lewat e-mail."))
        return data


@login_required
def profile(request):
    user = request.user
    fields = ["email", "whatsapp", "notify_by_email", "notify_by_whatsapp"]
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            changed = [f for f in fields if getattr(user, f) != form.cleaned_data[f]]
            for name in changed:
                setattr(user, name, form.cleaned_data[name])
            if changed:
                with audit.audit_context(actor=user):
                    user.save(update_fields=changed)
            messages.success(request, _("Profil tersimpan."))
            return redirect("core:profile")
    else:
        form = ProfileForm(initial={f: getattr(user, f) for f in fields})
    for field in form.fields.values():
        is_check = isinstance(field.widget, forms.CheckboxInput)
        field.widget.attrs.setdefault("class", "form-check-input" if is_check else "form-control")
    from kelola.core.access import actor_for

    actor = actor_for(user)
    assignments = user.roles.select_related("pemda", "agency").order_by("pemda__name", "role")
    return render(
        request,
        "core/profile.html",
        {
            "title": _("Profil saya"),
            "form": form,
            "assignments": assignments,
            "two_factor": two_factor_state(user),
            "is_platform_admin": actor.is_platform_admin,
        },
    )


def _qr_svg(uri: str) -> str:
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="svg", scale=4, xmldecl=False, svgns=True)
    return buffer.getvalue().decode()


def _safe_next(request) -> str:
    next_url = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    return next_url


@login_required
def two_factor_setup(request):
    user = request.user
    state = two_factor_state(user)
    if not state.offered:
        messages.info(request, _("Verifikasi dua langkah hanya untuk GCIO dan staf Dinas."))
        return redirect("core:profile")
    if state.configured:
        if not user.is_verified():
            # Someone holding only the password must not add their own authenticator.
            return redirect(f"{reverse('core:two_factor_verify')}?{urlencode({'next': request.path})}")
        messages.info(request, _("Verifikasi dua langkah sudah aktif."))
        return redirect("core:profile")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Autentikator"), confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            otp_login(request, device)
            clear_cached_state(user)
            audit.record(
                "other", user, actor=user, pemda_id=user.pemda_id, changes={"two_factor": ["off", "on"]}
            )
            messages.success(request, _("Verifikasi dua langkah aktif."))
            return redirect(_safe_next(request) if request.POST.get("next") else "core:profile")
        form.add_error("token", _("Kode tidak cocok. Periksa jam ponsel Anda lalu coba lagi."))
    return render(
        request,
        "core/two_factor_setup.html",
        {
            "title": _("Aktifkan verifikasi dua langkah"),
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": base64.b32encode(device.bin_key).decode().rstrip("="),
            "state": state,
            "next": request.GET.get("next", ""),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
def two_factor_verify(request):
    next_url = _safe_next(request)
    user = request.user
    if user.is_verified() or not two_factor_state(user).configured:
        return redirect(next_url)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices_for_user(user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                audit.record(
                    "other", user, actor=user, pemda_id=user.pemda_id, changes={"two_factor": "verified"}
                )
                return redirect(next_url)
        audit.record(
            "login_failed",
            user,
            actor=user,
            pemda_id=user.pemda_id,
            changes={"username": user.username, "two_factor": "wrong code"},
        )
        form.add_error("token", _("Kode tidak cocok."))
    return render(
        request,
        "core/two_factor_verify.html",
        {"title": _("Verifikasi dua langkah"), "form": form, "next": next_url},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
@require_POST
def two_factor_disable(request):
    """The user turns their own (optional) two-factor off, confirming with a current code."""
    user = request.user
    form = TokenForm(request.POST)
    if form.is_valid() and any(
        device.verify_token(form.cleaned_data["token"]) for device in devices_for_user(user, confirmed=True)
    ):
        try:
            two_factor_disable_service(user)
        except KelolaError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Verifikasi dua langkah dinonaktifkan."))
    else:
        messages.error(request, _("Kode tidak cocok. Verifikasi dua langkah tetap aktif."))
    return redirect("core:profile")
