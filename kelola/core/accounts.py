"""Accounts and role assignments: the write paths of user management (issue item 2).

Who may do what:
- A pemda administrator (role `pemda_admin` over the whole pemda) creates, edits and
  deactivates the accounts whose home pemda is theirs, and grants and revokes roles in it.
- Platform administrators (superusers) do so everywhere.
- Nobody grants roles in a pemda where they are not administrator; a pemda administrator never
  manages a platform account (superuser or support staff), never deactivates themselves and
  never revokes their own last `pemda_admin` role (the pemda would lose its administrator).

Every function takes the acting user as keyword-only `actor`, runs in one transaction, checks
permission on the stored rows, validates with the model's rules, writes, and lets the audit log
record the change. A refusal raises `KelolaError`, changes nothing and is itself logged.
"""

from __future__ import annotations

import datetime

import django_filters
from django import forms as django_forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelola.core import access, audit
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import Agency, AuditEntry, Pemda, RoleAssignment, User
from kelola.core.roles import Role
from kelola.core.services import ensure, refusals_logged

#: Fields a pemda administrator may edit on an account.
USER_EDITABLE_FIELDS = ("full_name", "nip", "email", "phone", "whatsapp", "agency")
#: Roles that read the pemda's user list (the GCIO reads, the administrator also manages).
USER_READER_ROLES = frozenset({Role.PEMDA_ADMIN, Role.GCIO})
USER_MANAGER_ROLES = frozenset({Role.PEMDA_ADMIN})


def _forbidden(message=None) -> KelolaError:
    return KelolaError(message or _("Anda tidak berwenang melakukan tindakan ini."), code=ErrorCode.FORBIDDEN)


def can_read_users(user) -> bool:
    """May `user` open the user-management pages at all?"""
    actor = access.actor_for(user)
    return actor.is_authenticated and (actor.is_platform_admin or bool(actor.pemdas_with(USER_READER_ROLES)))


def managed_pemdas(user):
    """The pemda in which `user` may create accounts and grant roles."""
    actor = access.actor_for(user)
    if actor.is_platform_admin:
        return Pemda.objects.filter(is_active=True)
    return Pemda.objects.filter(pk__in=actor.pemdas_with(USER_MANAGER_ROLES), is_active=True)


def _holds_roles_elsewhere(actor, target: User) -> bool:
    """Does `target` hold (or will hold: validity dates are ignored on purpose) a role in a
    pemda where `actor` is not administrator?"""
    managed = actor.pemdas_with(USER_MANAGER_ROLES)
    return RoleAssignment.objects.filter(user_id=target.pk).exclude(pemda_id__in=managed).exists()


def can_manage_user(actor_user, target: User) -> bool:
    """May `actor_user` manage the account `target` as stored (edit it, set its password,
    reset its two-factor, deactivate it)?

    Platform accounts are off-limits to pemda administrators, so that nobody edits their way
    into a superuser's account; so is an account that also holds roles in another pemda, so
    that one pemda's administrator cannot take over (e.g. by setting the password) an account
    that acts in a pemda they do not administer."""
    actor = access.actor_for(actor_user)
    if actor.is_platform_admin:
        return True
    if not actor.is_authenticated or target.is_superuser or target.is_staff:
        return False
    if not access.can(actor_user, "change", target):
        return False
    return not _holds_roles_elsewhere(actor, target)


def can_grant_roles_to(actor_user, target: User) -> bool:
    """May `actor_user` grant roles to `target`? Only in the target's home pemda, by that
    pemda's administrator (or a platform administrator); never to a platform account.
    Granting adds rights in the actor's own pemda only, so roles the target holds elsewhere
    do not matter here."""
    actor = access.actor_for(actor_user)
    if actor.is_platform_admin:
        return True
    if not actor.is_authenticated or target.is_superuser or target.is_staff:
        return False
    return actor.has_pemda_role(target.pemda_id, USER_MANAGER_ROLES)


def can_revoke_role(actor_user, assignment: RoleAssignment) -> bool:
    """May `actor_user` revoke `assignment`? The administrator of the assignment's pemda (or a
    platform administrator); never from a platform account. (Revoking one's own last
    administrator role is refused by `role_revoke`, with its own message.)"""
    actor = access.actor_for(actor_user)
    if actor.is_platform_admin:
        return True
    if not actor.is_authenticated or assignment.user.is_superuser or assignment.user.is_staff:
        return False
    return access.can(actor_user, "delete", assignment)


def _ensure_manageable(actor, target: User) -> None:
    if not can_manage_user(actor, target):
        raise _forbidden()


def _check_agency(agency: Agency | None, pemda_id: int | None) -> None:
    if agency is not None and agency.pemda_id != pemda_id:
        raise KelolaError(
            _("Data tidak valid."),
            errors={"agency": [_("Perangkat daerah harus berada di pemda yang sama.")]},
        )


def _validation_to_kelola(exc: ValidationError) -> KelolaError:
    if hasattr(exc, "error_dict"):
        errors = {field: [str(m) for e in errs for m in e.messages] for field, errs in exc.error_dict.items()}
    else:
        errors = {"__all__": [str(m) for m in exc.messages]}
    return KelolaError(_("Data tidak valid."), errors=errors)


# --- accounts ------------------------------------------------------------------------------


def user_create(
    *,
    actor,
    username: str,
    password: str,
    pemda: Pemda | None = None,
    agency: Agency | None = None,
    full_name: str = "",
    nip: str = "",
    email: str = "",
    phone: str = "",
    whatsapp: str = "",
) -> User:
    """Create an account in `pemda` (by default the actor's home pemda) with a password that
    passes Django's password validators."""
    pemda = pemda if pemda is not None else getattr(actor, "pemda", None)
    user = User(
        username=(username or "").strip(),
        pemda=pemda,
        agency=agency,
        full_name=full_name,
        nip=nip,
        email=email,
        phone=phone,
        whatsapp=whatsapp,
        is_active=True,
    )
    with refusals_logged(actor, "add", user, User), transaction.atomic():
        if pemda is None:
            if access.actor_for(actor).is_platform_admin:
                required = str(django_forms.Field.default_error_messages["required"])
                raise KelolaError(_("Data tidak valid."), errors={"pemda": [required]})
            raise _forbidden(_("Akun Anda tidak terkait dengan pemda mana pun."))
        ensure(actor, "add", user)
        _check_agency(agency, pemda.pk)
        if User.objects.filter(username__iexact=user.username).exists():
            raise KelolaError(
                _("Data tidak valid."), errors={"username": [_("Nama pengguna ini sudah dipakai.")]}
            )
        try:
            validate_password(password or "", user=user)
        except ValidationError as exc:
            raise KelolaError(_("Data tidak valid."), errors={"password": list(exc.messages)}) from exc
        user.set_password(password)
        try:
            user.full_clean(exclude=["password"])
        except ValidationError as exc:
            raise _validation_to_kelola(exc) from exc
        with audit.audit_context(actor=actor):
            try:
                with transaction.atomic():
                    user.save()
            except IntegrityError as exc:  # a concurrent creation took the name
                raise KelolaError(
                    _("Data tidak valid."), errors={"username": [_("Nama pengguna ini sudah dipakai.")]}
                ) from exc
    return user


def user_update(target: User, *, actor, **data) -> User:
    """Edit an account's contact details and home agency (never its pemda or flags)."""
    unknown = set(data) - set(USER_EDITABLE_FIELDS)
    if unknown:
        raise KelolaError(
            _("Data tidak valid."), errors={name: [_("Kolom ini tidak dapat diubah.")] for name in unknown}
        )
    with refusals_logged(actor, "change", target), transaction.atomic():
        stored = User.objects.select_for_update().get(pk=target.pk)
        _ensure_manageable(actor, stored)
        if "agency" in data:
            _check_agency(data["agency"], stored.pemda_id)
        changed = [name for name, value in data.items() if getattr(stored, name) != value]
        for name in changed:
            setattr(stored, name, data[name])
        try:
            stored.full_clean(exclude=["password"])
        except ValidationError as exc:
            raise _validation_to_kelola(exc) from exc
        _ensure_manageable(actor, stored)
        if changed:
            fields = [User._meta.get_field(name).name for name in changed]
            with audit.audit_context(actor=actor):
                stored.save(update_fields=fields)
    return stored


def _set_active(target: User, *, actor, active: bool) -> User:
    action = "activate" if active else "deactivate"
    with refusals_logged(actor, action, target), transaction.atomic():
        stored = User.objects.select_for_update().get(pk=target.pk)
        _ensure_manageable(actor, stored)
        if not active and stored.pk == getattr(actor, "pk", None):
            raise _forbidden(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
        if stored.is_active != active:
            stored.is_active = active
            with audit.audit_context(actor=actor):
                stored.save(update_fields=["is_active"])
            if not active:
                # API tokens of a deactivated account stop working at once.
                from rest_framework.authtoken.models import Token

                Token.objects.filter(user=stored).delete()
    return stored


def user_deactivate(target: User, *, actor) -> User:
    """Deactivate an account: it can no longer log in; its history stays."""
    return _set_active(target, actor=actor, active=False)


def user_activate(target: User, *, actor) -> User:
    return _set_active(target, actor=actor, active=True)


def user_set_password(target: User, *, actor, password: str) -> User:
    """An administrator sets a new password for an account (e.g. a forgotten one)."""
    with refusals_logged(actor, "set_password", target), transaction.atomic():
        stored = User.objects.select_for_update().get(pk=target.pk)
        _ensure_manageable(actor, stored)
        try:
            validate_password(password or "", user=stored)
        except ValidationError as exc:
            raise KelolaError(_("Data tidak valid."), errors={"password": list(exc.messages)}) from exc
        stored.set_password(password)
        stored.save(update_fields=["password"])
        audit.record("update", stored, actor=actor, changes={"password": ["***", "***"]})
    return stored


# --- role assignments ----------------------------------------------------------------------


def role_grant(
    *,
    actor,
    user: User,
    role: str,
    pemda: Pemda | None = None,
    agency: Agency | None = None,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    note: str = "",
) -> RoleAssignment:
    """Grant `role` to `user` over `pemda` (default: the user's home pemda) or one of its
    agencies. Only that pemda's administrator (or a platform administrator) may grant, and a
    pemda administrator only to accounts of their own pemda."""
    pemda_id = pemda.pk if pemda is not None else user.pemda_id
    assignment = RoleAssignment(
        user=user,
        role=role,
        pemda_id=pemda_id,
        agency=agency,
        valid_from=valid_from,
        valid_until=valid_until,
        note=note or "",
    )
    with refusals_logged(actor, "add", assignment, RoleAssignment), transaction.atomic():
        if pemda_id is None:
            raise KelolaError(
                _("Data tidak valid."), errors={"pemda": [_("Pengguna ini belum terkait dengan pemda.")]}
            )
        ensure(actor, "add", assignment)
        stored_user = User.objects.select_for_update().get(pk=user.pk)
        actor_state = access.actor_for(actor)
        if not actor_state.is_platform_admin:
            if stored_user.pemda_id != pemda_id:
                raise _forbidden(_("Peran hanya dapat diberikan kepada pengguna pemda ini."))
            if not can_grant_roles_to(actor, stored_user):
                raise _forbidden()
        try:
            assignment.full_clean(exclude=["user", "pemda"])
        except ValidationError as exc:
            raise _validation_to_kelola(exc) from exc
        duplicate = RoleAssignment.objects.filter(user=stored_user, role=role, pemda_id=pemda_id)
        duplicate = (
            duplicate.filter(agency=agency) if agency is not None else duplicate.filter(agency__isnull=True)
        )
        if duplicate.exists():
            raise KelolaError(
                _("Data tidak valid."), errors={"role": [_("Pengguna ini sudah memiliki peran tersebut.")]}
            )
        with audit.audit_context(actor=actor):
            try:
                with transaction.atomic():
                    assignment.save()
            except IntegrityError as exc:
                raise KelolaError(
                    _("Data tidak valid."),
                    errors={"role": [_("Pengguna ini sudah memiliki peran tersebut.")]},
                ) from exc
    return assignment


def _is_current(queryset):
    today = timezone.localdate()
    return queryset.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today)).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )


def role_revoke(assignment: RoleAssignment, *, actor) -> None:
    """Revoke a role assignment (the audit log keeps what it was)."""
    with refusals_logged(actor, "delete", assignment), transaction.atomic():
        stored = RoleAssignment.objects.select_for_update().select_related("user").get(pk=assignment.pk)
        ensure(actor, "delete", stored)
        actor_state = access.actor_for(actor)
        if not actor_state.is_platform_admin:
            if not can_revoke_role(actor, stored):
                raise _forbidden()
            if stored.user_id == getattr(actor, "pk", None) and stored.role == Role.PEMDA_ADMIN:
                others = _is_current(
                    RoleAssignment.objects.filter(
                        user_id=stored.user_id,
                        role=Role.PEMDA_ADMIN,
                        pemda_id=stored.pemda_id,
                        agency__isnull=True,
                    ).exclude(pk=stored.pk)
                )
                if not others.exists():
                    raise _forbidden(
                        _("Anda tidak dapat mencabut peran administrator pemda terakhir Anda sendiri.")
                    )
        with audit.audit_context(actor=actor):
            stored.delete()


def visible_roles_prefetch(reader):
    """Prefetch of a user's role assignments limited to those `reader` may see (as
    `visible_roles`), so that a role held in another pemda never shows up in lists."""
    from django.db.models import Prefetch

    return Prefetch(
        "roles",
        queryset=RoleAssignment.objects.visible_to(reader)
        .select_related("user", "pemda", "agency")
        .order_by("role"),
        to_attr="visible_roles",
    )


def user_history(target: User, reader=None):
    """Audit entries about the account and about its role assignments, newest first. With a
    `reader` who is not a platform administrator, role assignments of a pemda where the reader
    does not read users are left out (they would reveal another pemda's grants)."""
    from django.contrib.contenttypes.models import ContentType

    user_type = ContentType.objects.get_for_model(User)
    role_type = ContentType.objects.get_for_model(RoleAssignment)
    about_roles = Q(content_type=role_type) & (
        Q(changes__user_id__0=target.pk) | Q(changes__user_id__1=target.pk)
    )
    if reader is not None:
        actor = access.actor_for(reader)
        if not actor.is_platform_admin:
            about_roles &= Q(pemda_id__in=actor.pemdas_with(USER_READER_ROLES))
    return (
        AuditEntry.objects.filter(Q(content_type=user_type, object_id=str(target.pk)) | about_roles)
        .select_related("actor")
        .order_by("-id")
    )


# --- lockout audit ---------------------------------------------------------------------------

try:
    from axes.signals import user_locked_out
except ImportError:  # pragma: no cover - axes is a hard dependency
    user_locked_out = None

if user_locked_out is not None:

    @receiver(user_locked_out, dispatch_uid="kelola_audit_lockout")
    def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
        """A lockout (and every attempt made while locked out) goes to the audit log."""
        account = User.objects.filter(username=username or "").only("pk", "pemda_id", "username").first()
        audit.record(
            "login_failed",
            account,
            pemda_id=getattr(account, "pemda_id", None),
            changes={
                "username": str(username or "")[:150],
                "locked_out": True,
                "ip_address": ip_address or "",
            },
        )


# --- list filters (shared by the users page and the API, STYLE practice 9) -------------------


def _visible_agencies(request):
    if request is None:
        return Agency.objects.none()
    return Agency.objects.visible_to(request.user).select_related("pemda")


class UserFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=gettext_lazy("Cari"))
    agency = django_filters.ModelChoiceFilter(
        queryset=_visible_agencies, label=gettext_lazy("Perangkat daerah")
    )
    role = django_filters.ChoiceFilter(choices=Role.choices, method="with_role", label=gettext_lazy("Peran"))
    is_active = django_filters.BooleanFilter(label=gettext_lazy("Aktif"))

    class Meta:
        model = User
        fields = ["agency", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(username__icontains=value)
            | Q(full_name__icontains=value)
            | Q(email__icontains=value)
            | Q(nip__icontains=value)
        )

    def with_role(self, queryset, name, value):
        # Only assignments the reader may see count (a role held in another pemda does not).
        visible = RoleAssignment.objects.visible_to(self.request.user) if self.request else None
        assignments = visible if visible is not None else RoleAssignment.objects.none()
        return queryset.filter(pk__in=assignments.filter(role=value).values("user_id"))


class RoleAssignmentFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(choices=Role.choices, label=gettext_lazy("Peran"))
    agency = django_filters.ModelChoiceFilter(
        queryset=_visible_agencies, label=gettext_lazy("Perangkat daerah")
    )

    class Meta:
        model = RoleAssignment
        fields = ["user", "role", "pemda", "agency"]
