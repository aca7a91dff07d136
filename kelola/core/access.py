"""Access: who may see and do what (ARCHITECTURE rule 1).

Reading goes through `Model.objects.visible_to(user)`, acting through `can(user, action, obj)`.
Both are answered by the model's policy, looked up by its `scope_level` in `POLICIES`. Rights
come only from role assignments (user, role, scope = pemda or agency); an agency-scoped role
covers the agency's sub-units. Cross-agency visibility is given by role, never by default, and
rows classified "dikecualikan" are visible only to their owning agency and the roles in
`exempt_roles` (002 Ps.26(3)).

Policies judge the stored row: services load the row, ask `can`, apply the change, and ask
again so that nobody moves a record out of their own scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kelola.core.choices import Classification, Secrecy
from kelola.core.roles import (
    AGENCY_MANAGERS,
    AGENCY_ROLES,
    EXEMPT_READERS,
    ORGANISATION_MANAGERS,
    PEMDA_READERS,
    PEMDA_ROLES,
    VENDOR_ROLES,
    Role,
)

ANY_ROLE = frozenset(Role.values)


@dataclass
class Actor:
    """What one user may act as: their current role assignments, resolved once per request."""

    user: object
    is_platform_admin: bool = False
    pemda_roles: dict[int, frozenset[str]] = field(default_factory=dict)
    agency_assignments: list[tuple[str, int, int]] = field(default_factory=list)  # (role, pemda, agency)
    #: Pemda (among the actor's) that require two-factor of their IT-office staff.
    two_factor_pemdas: frozenset[int] = frozenset()
    #: Tree path of each agency the actor holds a role on (to find its sub-units).
    agency_paths: dict[int, str] = field(default_factory=dict)

    @classmethod
    def for_user(cls, user) -> Actor:
        if user is None or not getattr(user, "is_authenticated", False):
            return cls(user=user)
        cached = getattr(user, "_kelola_actor", None)
        if cached is not None:
            return cached
        from kelola.core.models import RoleAssignment

        today = timezone.localdate()
        pemda_roles: dict[int, set[str]] = {}
        agency_assignments = []
        rows = (
            RoleAssignment.objects.filter(user=user, pemda__is_active=True)
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
            .values_list("role", "pemda_id", "agency_id", "pemda__requires_two_factor", "agency__path")
        )
        two_factor_pemdas = set()
        agency_paths = {}
        for role, pemda_id, agency_id, pemda_requires_two_factor, agency_path in rows:
            if pemda_requires_two_factor:
                two_factor_pemdas.add(pemda_id)
            if agency_id is None:
                pemda_roles.setdefault(pemda_id, set()).add(role)
            else:
                agency_assignments.append((role, pemda_id, agency_id))
                agency_paths[agency_id] = agency_path or ""
        actor = cls(
            user=user,
            is_platform_admin=bool(user.is_superuser and user.is_active),
            pemda_roles={k: frozenset(v) for k, v in pemda_roles.items()},
            agency_assignments=agency_assignments,
            two_factor_pemdas=frozenset(two_factor_pemdas),
            agency_paths=agency_paths,
        )
        user._kelola_actor = actor
        return actor

    @cached_property
    def _covered_agencies(self) -> dict[str, set[int]]:
        """Role → agency ids it covers, including the sub-units of each assigned agency."""
        if not self.agency_assignments:
            return {}
        from kelola.core.models import Agency

        paths = {pk: path for pk, path in self.agency_paths.items() if path}
        query = Q()
        for path in paths.values():
            query |= Q(path__startswith=path)
        descendants: dict[int, list[int]] = {
            pk: [] if path else [pk] for pk, path in self.agency_paths.items()
        }
        rows = Agency.objects.filter(query).order_by().values_list("pk", "path") if paths else ()
        for pk, path in rows:
            for root_pk, root_path in paths.items():
                if path.startswith(root_path):
                    descendants[root_pk].append(pk)
        covered: dict[str, set[int]] = {}
        for role, _pemda, agency_id in self.agency_assignments:
            covered.setdefault(role, set()).update(descendants.get(agency_id, []))
        return covered

    def pemdas_with(self, roles=ANY_ROLE) -> set[int]:
        """Pemda where the actor holds one of `roles` for the whole pemda."""
        return {pemda for pemda, held in self.pemda_roles.items() if held & roles}

    def agencies_with(self, roles=ANY_ROLE) -> set[int]:
        """Agencies (with their sub-units) where the actor holds one of `roles`."""
        result: set[int] = set()
        for role, agencies in self._covered_agencies.items():
            if role in roles:
                result |= agencies
        return result

    def member_pemdas(self) -> set[int]:
        """Every pemda in which the actor holds any role at all."""
        return set(self.pemda_roles) | {pemda for _r, pemda, _a in self.agency_assignments}

    def has_pemda_role(self, pemda_id: int | None, roles) -> bool:
        return bool(pemda_id and self.pemda_roles.get(pemda_id, frozenset()) & roles)

    def has_agency_role(self, agency_id: int | None, roles) -> bool:
        if not agency_id:
            return False
        # Most checks are about the very agency the role is held on: no need to read sub-units.
        if any(held == agency_id and role in roles for role, _pemda, held in self.agency_assignments):
            return True
        return agency_id in self.agencies_with(roles)

    def roles_in(self, pemda_id: int) -> set[str]:
        roles = set(self.pemda_roles.get(pemda_id, ()))
        roles |= {role for role, pemda, _a in self.agency_assignments if pemda == pemda_id}
        return roles

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))


def actor_for(user_or_actor) -> Actor:
    if isinstance(user_or_actor, Actor):
        return user_or_actor
    return Actor.for_user(user_or_actor)


class Policy:
    """Default rules for pemda-owned rows; subclasses narrow or widen them per model."""

    #: Roles whose holders read every row of their pemda (vendors see only what concerns them).
    read_roles: frozenset[str] = ANY_ROLE - VENDOR_ROLES
    #: Pemda-wide roles that add, change and delete rows.
    manage_roles: frozenset[str] = ORGANISATION_MANAGERS

    def read_filter(self, actor: Actor, model) -> Q | None:
        """A filter selecting the rows `actor` may read; None means no restriction."""
        if actor.is_platform_admin:
            return None
        return Q(pemda_id__in=self._reading_pemdas(actor))

    def _reading_pemdas(self, actor: Actor) -> set[int]:
        pemdas = actor.pemdas_with(self.read_roles)
        if self.read_roles & AGENCY_ROLES:
            pemdas |= {p for r, p, _a in actor.agency_assignments if r in self.read_roles}
        return pemdas

    def can_view(self, actor: Actor, obj) -> bool:
        return actor.is_platform_admin or obj.pemda_id in self._reading_pemdas(actor)

    def can_manage(self, actor: Actor, obj) -> bool:
        return actor.has_pemda_role(obj.pemda_id, self.manage_roles)

    def can(self, actor: Actor, action: str, obj) -> bool:
        if not actor.is_authenticated:
            return False
        if action == "view":
            return self.can_view(actor, obj)
        if actor.is_platform_admin:
            return True
        specific = getattr(self, f"can_{action}", None)
        if specific is not None:
            return bool(specific(actor, obj))
        if action in {"add", "change", "delete"}:
            return self.can_manage(actor, obj)
        return False


class AgencyPolicy(Policy):
    """Rows owned by one agency: the agency's own people, plus pemda-wide roles.

    Rows with a `classification` of "dikecualikan" (or a `secrecy` above ordinary) are kept
    from pemda-wide readers outside `exempt_roles`.
    """

    read_roles = PEMDA_READERS
    agency_read_roles: frozenset[str] = AGENCY_ROLES
    exempt_roles: frozenset[str] = EXEMPT_READERS
    agency_manage_roles: frozenset[str] = AGENCY_MANAGERS

    @staticmethod
    def _restricted_q(model) -> Q | None:
        names = {f.name for f in model._meta.get_fields()}
        restricted = Q()
        flagged = False
        if "classification" in names:
            restricted |= Q(classification=Classification.EXEMPT)
            flagged = True
        if "secrecy" in names:
            restricted |= Q(secrecy__in=[Secrecy.RESTRICTED, Secrecy.SECRET])
            flagged = True
        return restricted if flagged else None

    @staticmethod
    def _is_restricted(obj) -> bool:
        return getattr(obj, "classification", None) == Classification.EXEMPT or getattr(
            obj, "secrecy", Secrecy.ORDINARY
        ) in (Secrecy.RESTRICTED, Secrecy.SECRET)

    def read_filter(self, actor: Actor, model) -> Q | None:
        if actor.is_platform_admin:
            return None
        own = actor.agencies_with(self.agency_read_roles)
        pemda_wide = Q(pemda_id__in=actor.pemdas_with(self.read_roles))
        restricted = self._restricted_q(model)
        if restricted is not None:
            pemda_wide &= ~restricted | Q(pemda_id__in=actor.pemdas_with(self.exempt_roles))
        return pemda_wide | Q(agency_id__in=own)

    def can_view(self, actor: Actor, obj) -> bool:
        if actor.is_platform_admin or actor.has_agency_role(obj.agency_id, self.agency_read_roles):
            return True
        if not actor.has_pemda_role(obj.pemda_id, self.read_roles):
            return False
        return not self._is_restricted(obj) or actor.has_pemda_role(obj.pemda_id, self.exempt_roles)

    def can_manage(self, actor: Actor, obj) -> bool:
        return actor.has_pemda_role(obj.pemda_id, self.manage_roles) or actor.has_agency_role(
            obj.agency_id, self.agency_manage_roles
        )


class PemdaSelfPolicy(Policy):
    """The pemda row itself: its members read it; its administrators edit it."""

    def read_filter(self, actor, model):
        return None if actor.is_platform_admin else Q(pk__in=actor.member_pemdas())

    def can_view(self, actor, obj):
        return actor.is_platform_admin or obj.pk in actor.member_pemdas()

    def can_manage(self, actor, obj):
        return actor.has_pemda_role(obj.pk, self.manage_roles)

    def can_add(self, actor, obj):
        return False  # only platform administrators create tenants

    def can_delete(self, actor, obj):
        return False


class AgencySelfPolicy(Policy):
    """The agency directory: everyone in the pemda reads it; the pemda's administrators
    maintain it; an agency's head and IT officer may correct their own agency's contacts."""

    def can_change(self, actor, obj):
        return actor.has_pemda_role(obj.pemda_id, self.manage_roles) or actor.has_agency_role(
            obj.pk, AGENCY_MANAGERS
        )


class UserPolicy(Policy):
    """Accounts: one sees oneself; pemda administrators see and manage their pemda's users."""

    manage_roles = frozenset({Role.PEMDA_ADMIN})
    read_roles = frozenset({Role.PEMDA_ADMIN, Role.GCIO})

    def read_filter(self, actor, model):
        if actor.is_platform_admin:
            return None
        return Q(pk=getattr(actor.user, "pk", None)) | Q(pemda_id__in=actor.pemdas_with(self.read_roles))

    def can_view(self, actor, obj):
        return (
            actor.is_platform_admin
            or obj.pk == getattr(actor.user, "pk", None)
            or actor.has_pemda_role(obj.pemda_id, self.read_roles)
        )


class RoleAssignmentPolicy(Policy):
    """Role grants: the pemda administrator grants roles within the pemda."""

    manage_roles = frozenset({Role.PEMDA_ADMIN})
    read_roles = frozenset({Role.PEMDA_ADMIN, Role.GCIO})

    def read_filter(self, actor, model):
        if actor.is_platform_admin:
            return None
        return Q(user_id=getattr(actor.user, "pk", None)) | Q(pemda_id__in=actor.pemdas_with(self.read_roles))

    def can_view(self, actor, obj):
        return (
            actor.is_platform_admin
            or obj.user_id == getattr(actor.user, "pk", None)
            or actor.has_pemda_role(obj.pemda_id, self.read_roles)
        )


class DocumentPolicy(AgencyPolicy):
    """Documents: an agency's documents as agency rows; pemda-level documents (no agency) are
    readable across the pemda unless classified. Anyone in the pemda may upload."""

    def read_filter(self, actor, model):
        base = super().read_filter(actor, model)
        if base is None:
            return None
        unowned = Q(agency__isnull=True, pemda_id__in=actor.member_pemdas()) & (
            ~self._restricted_q(model) | Q(pemda_id__in=actor.pemdas_with(self.exempt_roles))
        )
        return base | unowned

    def can_view(self, actor, obj):
        if obj.agency_id is None and obj.pemda_id in actor.member_pemdas():
            return not self._is_restricted(obj) or actor.has_pemda_role(obj.pemda_id, self.exempt_roles)
        return super().can_view(actor, obj)

    def can_add(self, actor, obj):
        if obj.agency_id:
            return actor.has_pemda_role(obj.pemda_id, PEMDA_ROLES) or actor.has_agency_role(
                obj.agency_id, AGENCY_ROLES
            )
        return obj.pemda_id in actor.member_pemdas()


class LetterPolicy(Policy):
    """Official letters: the pemda's staff, and the agency the letter is addressed to. A letter
    graded terbatas/rahasia is read only by the exempt readers, its author and its addressee."""

    read_roles = PEMDA_READERS
    manage_roles = frozenset({Role.GCIO, Role.PEMDA_ADMIN, Role.REVIEWER, Role.HELPDESK, Role.COMMITTEE})
    exempt_roles = EXEMPT_READERS
    RESTRICTED = (Secrecy.RESTRICTED, Secrecy.SECRET)

    def read_filter(self, actor, model):
        if actor.is_platform_admin:
            return None
        ordinary_or_cleared = ~Q(secrecy__in=self.RESTRICTED) | Q(
            pemda_id__in=actor.pemdas_with(self.exempt_roles)
        )
        staff = Q(pemda_id__in=actor.pemdas_with(self.read_roles)) & (
            ordinary_or_cleared | Q(created_by_id=getattr(actor.user, "pk", None))
        )
        return staff | Q(recipient_agency_id__in=actor.agencies_with(AGENCY_ROLES))

    def can_view(self, actor, obj):
        if actor.is_platform_admin or actor.has_agency_role(obj.recipient_agency_id, AGENCY_ROLES):
            return True
        if not actor.has_pemda_role(obj.pemda_id, self.read_roles):
            return False
        return (
            obj.secrecy not in self.RESTRICTED
            or actor.has_pemda_role(obj.pemda_id, self.exempt_roles)
            or obj.created_by_id == getattr(actor.user, "pk", None)
        )


class PlatformPolicy(Policy):
    """Rows outside any pemda: platform administrators only."""

    def read_filter(self, actor, model):
        return None if actor.is_platform_admin else Q(pk__in=[])

    def can_view(self, actor, obj):
        return actor.is_platform_admin


POLICIES: dict[str, Policy] = {
    "platform": PlatformPolicy(),
    "pemda": Policy(),
    "agency": AgencyPolicy(),
    "pemda_self": PemdaSelfPolicy(),
    "agency_self": AgencySelfPolicy(),
    "user": UserPolicy(),
    "role_assignment": RoleAssignmentPolicy(),
    "document": DocumentPolicy(),
    "letter": LetterPolicy(),
}


def register_policy(key: str, policy: Policy) -> None:
    """Domains register their own policies (in `AppConfig.ready`) under a new scope level."""
    POLICIES[key] = policy


def policy_for(model_or_obj) -> Policy:
    return POLICIES[model_or_obj.scope_level]


def restrict(queryset: QuerySet, user) -> QuerySet:
    actor = actor_for(user)
    if not actor.is_authenticated:
        return queryset.none()
    condition = policy_for(queryset.model).read_filter(actor, queryset.model)
    return queryset if condition is None else queryset.filter(condition)


def can(user, action: str, obj) -> bool:
    """The one check: may `user` take `action` ("view", "add", "change", "delete", or a
    domain action) on `obj` as it is stored?"""
    return policy_for(obj).can(actor_for(user), action, obj)


def require(user, action: str, obj) -> None:
    """Raise PermissionDenied unless `can(user, action, obj)`."""
    if not can(user, action, obj):
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def get_visible_or_404(queryset_or_model, user, **lookup):
    """Look a row up inside what `user` may see; missing and forbidden answer the same 404."""
    from django.http import Http404

    queryset = (
        queryset_or_model if isinstance(queryset_or_model, QuerySet) else queryset_or_model.objects.all()
    )
    try:
        return restrict(queryset, user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("Data tidak ditemukan.")) from exc


def is_member(user) -> bool:
    """The user holds some role in some pemda (or administers the platform): navigation entries
    every member of a pemda sees."""
    actor = actor_for(user)
    return actor.is_platform_admin or bool(actor.member_pemdas())


def is_reader(user) -> bool:
    """Anyone the default policy lets read the pemda's registers (vendors do not)."""
    actor = actor_for(user)
    return actor.is_platform_admin or bool(Policy()._reading_pemdas(actor))


def home_pemda(user):
    """The pemda a user files pemda-level rows in: their home pemda; refused without one."""
    from kelola.core.errors import ErrorCode, KelolaError

    if getattr(user, "pemda_id", None) is None:
        raise KelolaError(_("Akun Anda tidak terkait dengan pemda mana pun."), code=ErrorCode.FORBIDDEN)
    return user.pemda
