"""Account pages: login/logout (Django's, with lockout by django-axes), password change,
profile with notification channels, and TOTP two-factor setup and verification."""

from __future__ import annotations

import io

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from kelola.core import audit
from kelola.core.twofactor import two_factor_state


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True
    extra_context = {"title": gettext_lazy("Masuk")}


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("core:profile")
    extra_context = {"title": gettext_lazy("Ubah kata sandi")}

    def form_valid(self, form):
        response = super().form_valid(form)
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


@login_required
def two_factor_setup(request):
    state = two_factor_state(request.user)
    if not state.offered:
        messages.info(request, _("Verifikasi dua langkah hanya untuk GCIO dan staf Dinas."))
        return redirect("core:profile")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="Autentikator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            otp_login(request, device)
            audit.record(
                "other",
                request.user,
                actor=request.user,
                pemda_id=request.user.pemda_id,
                changes={"two_factor": ["off", "on"]},
            )
            messages.success(request, _("Verifikasi dua langkah aktif."))
            return redirect("core:profile")
        form.add_error("token", _("Kode tidak cocok. Periksa jam ponsel Anda lalu coba lagi."))
    return render(
        request,
        "core/two_factor_setup.html",
        {
            "title": _("Aktifkan verifikasi dua langkah"),
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": device.bin_key.hex(),
            "state": state,
        },
    )


@login_required
def two_factor_verify(request):
    next_url = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if request.user.is_verified():
        return redirect(next_url)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices_for_user(request.user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(next_url)
        audit.record(
            "login_failed",
            request.user,
            actor=request.user,
            pemda_id=request.user.pemda_id,
            changes={"two_factor": "wrong code"},
        )
        form.add_error("token", _("Kode tidak cocok."))
    return render(
        request,
        "core/two_factor_verify.html",
        {"title": _("Verifikasi dua langkah"), "form": form, "next": next_url},
    )
