"""User and role-assignment management pages for pemda administrators (issue item 2).

Reading is open to the pemda's administrator and GCIO (and platform administrators); every
write goes through `kelola.core.accounts`. Someone without a user-reading role gets 403; an
account outside the reader's pemda answers 404, like a missing one.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from kelola.core import access, accounts
from kelola.core.errors import KelolaError
from kelola.core.forms import ScopedModelForm
from kelola.core.models import Agency, RoleAssignment, User
from kelola.core.twofactor import two_factor_reset, two_factor_state
from kelola.core.views.generic import (
    Column,
    ObjectMixin,
    RegisterDetailView,
    RegisterListView,
    ServiceFormView,
)


class UserReaderRequiredMixin(LoginRequiredMixin):
    """Only the pemda's administrator and GCIO (and platform administrators) enter."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not accounts.can_read_users(request.user):
            raise PermissionDenied(_("Anda tidak berwenang membuka halaman ini."))
        return super().dispatch(request, *args, **kwargs)


class UserObjectMixin(UserReaderRequiredMixin, ObjectMixin):
    model = User
    select_related = ("pemda", "agency")

    def get_target(self) -> User:
        return access.get_visible_or_404(
            User.objects.select_related("pemda", "agency"), self.request.user, pk=self.kwargs["pk"]
        )

    def get_manageable_target(self) -> User:
        target = self.get_target()
        if not accounts.can_manage_user(self.request.user, target):
            raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
        return target

    def get_grantable_target(self) -> User:
        target = self.get_target()
        if not accounts.can_grant_roles_to(self.request.user, target):
            raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
        return target


def _detail_url(user_pk) -> str:
    return reverse("core:user_detail", args=[user_pk])


# --- forms ---------------------------------------------------------------------------------


def _style(form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)


class PasswordPairMixin(forms.Form):
    password1 = forms.CharField(
        label=gettext_lazy("Kata sandi"), strip=False, widget=forms.PasswordInput(render_value=False)
    )
    password2 = forms.CharField(
        label=gettext_lazy("Ulangi kata sandi"), strip=False, widget=forms.PasswordInput(render_value=False)
    )

    def clean_password2(self):
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            raise forms.ValidationError(_("Kedua kata sandi tidak sama."))
        return second


class UserCreateForm(ScopedModelForm):
    password1 = PasswordPairMixin.base_fields["password1"]
    password2 = PasswordPairMixin.base_fields["password2"]
    clean_password2 = PasswordPairMixin.clean_password2

    class Meta:
        model = User
        fields = ["username", "full_name", "nip", "email", "phone", "whatsapp", "pemda", "agency"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        pemdas = accounts.managed_pemdas(user)
        self.fields["pemda"].queryset = pemdas
        self.fields["pemda"].required = True
        if user is not None and user.pemda_id and pemdas.filter(pk=user.pemda_id).exists():
            self.fields["pemda"].initial = user.pemda_id
        if pemdas.count() == 1:
            self.fields["pemda"].initial = pemdas.first().pk
            self.fields["pemda"].widget = forms.HiddenInput()
        self.fields["agency"].queryset = Agency.objects.filter(
            pemda__in=pemdas, is_active=True
        ).select_related("pemda")
        self.fields["full_name"].required = True
        _style(self)


class UserUpdateForm(ScopedModelForm):
    class Meta:
        model = User
        fields = list(accounts.USER_EDITABLE_FIELDS)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(
            pemda_id=self.instance.pemda_id, is_active=True
        )
        _style(self)


class SetPasswordForm(PasswordPairMixin):
    def __init__(self, *args, user=None, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class RoleGrantForm(ScopedModelForm):
    class Meta:
        model = RoleAssignment
        fields = ["role", "agency", "valid_from", "valid_until", "note"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(
            pemda_id=self.instance.pemda_id, is_active=True
        )
        self.fields["agency"].help_text = _(
            "Wajib untuk peran perangkat daerah; kosongkan untuk peran pemda."
        )


# --- pages ---------------------------------------------------------------------------------


def _roles_of(user) -> str:
    return ", ".join(str(a.get_role_display()) for a in user.visible_roles)


class UserListView(UserReaderRequiredMixin, RegisterListView):
    model = User
    filterset_class = accounts.UserFilter
    title = gettext_lazy("Pengguna")
    create_url_name = "core:user_create"
    select_related = ("pemda", "agency")
    default_ordering = ("username",)
    columns = (
        Column("username", gettext_lazy("Nama pengguna"), order_by="username"),
        Column("full_name", gettext_lazy("Nama"), order_by="full_name"),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("roles", gettext_lazy("Peran"), accessor=_roles_of),
        Column("is_active", gettext_lazy("Aktif")),
        Column("last_login", gettext_lazy("Terakhir masuk"), order_by="last_login"),
        Column("nip", gettext_lazy("NIP"), export_only=True),
        Column("email", gettext_lazy("E-mail"), export_only=True),
        Column("pemda", gettext_lazy("Pemda"), export_only=True),
    )

    def get_base_queryset(self):
        return (
            super().get_base_queryset().prefetch_related(accounts.visible_roles_prefetch(self.request.user))
        )

    def can_create(self) -> bool:
        return accounts.managed_pemdas(self.request.user).exists()

    @staticmethod
    def row(obj, columns) -> tuple:
        # Accounts have no get_absolute_url on the model; the first cell links to this page.
        values = [c.value(obj) for c in columns]
        return _detail_url(obj.pk), values[0], values[1:]


class UserDetailView(UserObjectMixin, RegisterDetailView):
    template_name = "core/users/detail.html"
    fields = ("username", "full_name", "nip", "email", "phone", "whatsapp", "pemda", "agency", "is_active")
    edit_url_name = "core:user_update"

    def get_object(self):
        return self.get_target()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        user = self.request.user
        can_manage = accounts.can_manage_user(user, obj)
        assignments = list(
            RoleAssignment.objects.visible_to(user)
            .filter(user=obj)
            .select_related("user", "pemda", "agency")
            .order_by("role")
        )
        context.update(
            can_change=can_manage,
            can_manage=can_manage,
            can_grant=accounts.can_grant_roles_to(user, obj),
            revocable={a.pk for a in assignments if accounts.can_revoke_role(user, a)},
            is_self=obj.pk == user.pk,
            assignments=assignments,
            two_factor=two_factor_state(obj),
            history=accounts.user_history(obj, reader=user)[:200],
        )
        return context


class UserCreateView(UserReaderRequiredMixin, ServiceFormView):
    form_class = UserCreateForm
    title = gettext_lazy("Tambah pengguna")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not accounts.managed_pemdas(request.user).exists():
            raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form):
        data = dict(form.cleaned_data)
        data["password"] = data.pop("password1")
        data.pop("password2", None)
        return accounts.user_create(actor=self.request.user, **data)

    def get_success_url(self, result) -> str:
        return _detail_url(result.pk)


class UserUpdateView(UserObjectMixin, ServiceFormView):
    form_class = UserUpdateForm
    title = gettext_lazy("Ubah pengguna")

    def get_initial_object(self):
        return self.get_manageable_target()

    def perform(self, form):
        return accounts.user_update(self.object, actor=self.request.user, **form.cleaned_data)

    def get_success_url(self, result) -> str:
        return _detail_url(result.pk)


class UserSetPasswordView(UserObjectMixin, ServiceFormView):
    form_class = SetPasswordForm
    title = gettext_lazy("Atur kata sandi pengguna")

    def get_initial_object(self):
        return self.get_manageable_target()

    def perform(self, form):
        return accounts.user_set_password(
            self.object, actor=self.request.user, password=form.cleaned_data["password1"]
        )

    def get_success_url(self, result) -> str:
        return _detail_url(result.pk)


class _UserActionView(UserObjectMixin, View):
    """A POST-only action on an account; refusals show the service's message."""

    success_message = ""

    def act(self, target):  # pragma: no cover - abstract
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        target = self.get_manageable_target()
        try:
            self.act(target)
        except KelolaError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, str(self.success_message))
        return HttpResponseRedirect(_detail_url(target.pk))


class UserDeactivateView(_UserActionView):
    success_message = gettext_lazy("Akun dinonaktifkan.")

    def act(self, target):
        accounts.user_deactivate(target, actor=self.request.user)


class UserActivateView(_UserActionView):
    success_message = gettext_lazy("Akun diaktifkan kembali.")

    def act(self, target):
        accounts.user_activate(target, actor=self.request.user)


class UserTwoFactorResetView(_UserActionView):
    success_message = gettext_lazy("Verifikasi dua langkah pengguna ini telah diatur ulang.")

    def act(self, target):
        two_factor_reset(target, actor=self.request.user)


class RoleGrantView(UserObjectMixin, ServiceFormView):
    form_class = RoleGrantForm
    title = gettext_lazy("Berikan peran")

    def get_initial_object(self):
        self.target = self.get_grantable_target()
        return RoleAssignment(user=self.target, pemda_id=self.target.pemda_id)

    def perform(self, form):
        return accounts.role_grant(actor=self.request.user, user=self.target, **form.cleaned_data)

    def get_success_url(self, result) -> str:
        return _detail_url(self.target.pk)

    def render_form(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {"form": form, "title": f"{self.title} — {self.target}", "object": self.target},
            status=status,
        )


class RoleRevokeView(UserReaderRequiredMixin, View):
    template_name = "core/users/role_revoke.html"

    def get_assignment(self) -> RoleAssignment:
        assignment = access.get_visible_or_404(
            RoleAssignment.objects.select_related("user", "pemda", "agency"),
            self.request.user,
            pk=self.kwargs["role_pk"],
            user_id=self.kwargs["pk"],
        )
        user = self.request.user
        if not accounts.can_revoke_role(user, assignment):
            raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
        return assignment

    def get(self, request, *args, **kwargs):
        assignment = self.get_assignment()
        return render(
            request,
            self.template_name,
            {"object": assignment, "title": _("Cabut peran"), "back_url": _detail_url(assignment.user_id)},
        )

    def post(self, request, *args, **kwargs):
        assignment = self.get_assignment()
        try:
            accounts.role_revoke(assignment, actor=request.user)
        except KelolaError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Peran dicabut."))
        return HttpResponseRedirect(_detail_url(assignment.user_id))


# Included by kelola/core/urls.py under "pengguna/" (names join the "core" namespace).
urlpatterns = [
    path("", UserListView.as_view(), name="user_list"),
    path("tambah/", UserCreateView.as_view(), name="user_create"),
    path("<int:pk>/", UserDetailView.as_view(), name="user_detail"),
    path("<int:pk>/ubah/", UserUpdateView.as_view(), name="user_update"),
    path("<int:pk>/kata-sandi/", UserSetPasswordView.as_view(), name="user_set_password"),
    path("<int:pk>/nonaktifkan/", UserDeactivateView.as_view(), name="user_deactivate"),
    path("<int:pk>/aktifkan/", UserActivateView.as_view(), name="user_activate"),
    path("<int:pk>/dua-langkah/atur-ulang/", UserTwoFactorResetView.as_view(), name="user_two_factor_reset"),
    path("<int:pk>/peran/tambah/", RoleGrantView.as_view(), name="role_grant"),
    path("<int:pk>/peran/<int:role_pk>/cabut/", RoleRevokeView.as_view(), name="role_revoke"),
]
