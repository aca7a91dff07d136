"""Scope rules of the core policies, from both sides."""

import pytest

from kelola.core import access
from kelola.core.models import Agency, Pemda, RoleAssignment


@pytest.mark.django_db
class TestActorScope:
    def test_agency_role_covers_sub_units(self, world):
        operator = world.users["agency_operator"]
        assert access.actor_for(operator).agencies_with() == {world.health.pk, world.clinic.pk}

    def test_pemda_role_reads_only_its_pemda(self, world):
        gcio = world.users["gcio"]
        visible = set(Agency.objects.visible_to(gcio).values_list("pemda_id", flat=True))
        assert visible == {world.pemda.pk}

    def test_other_pemda_sees_nothing_of_this_pemda(self, world):
        assert not Agency.objects.visible_to(world.other_pemda_gcio).filter(pemda=world.pemda).exists()
        assert not Pemda.objects.visible_to(world.other_pemda_gcio).filter(pk=world.pemda.pk).exists()

    def test_user_without_role_sees_nothing(self, world):
        assert not Agency.objects.visible_to(world.no_role).exists()
        assert not access.can(world.no_role, "view", world.health)

    def test_anonymous_sees_nothing(self, world):
        from django.contrib.auth.models import AnonymousUser

        assert not Agency.objects.visible_to(AnonymousUser()).exists()

    def test_expired_assignment_grants_nothing(self, world):
        import datetime

        RoleAssignment.objects.filter(user=world.users["gcio"]).update(valid_until=datetime.date(2020, 1, 1))
        world.users["gcio"].refresh_from_db()
        gcio = type(world.users["gcio"]).objects.get(pk=world.users["gcio"].pk)
        assert not Agency.objects.visible_to(gcio).exists()

    def test_agency_head_may_edit_own_agency_not_another(self, world):
        head = world.users["agency_head"]
        assert access.can(head, "change", world.health)
        assert not access.can(head, "change", world.education)
        assert not access.can(head, "add", Agency(pemda=world.pemda, name="x"))

    def test_pemda_admin_manages_only_own_pemda(self, world):
        admin = world.users["pemda_admin"]
        assert access.can(admin, "change", world.education)
        assert not access.can(admin, "change", world.other_health)

    def test_superuser_sees_everything(self, world):
        assert Agency.objects.visible_to(world.superuser).count() == Agency.objects.count()


@pytest.mark.django_db
def test_users_with_roles_pemda_wide_and_covering_agency(world):
    from kelola.core.queries import users_with_roles
    from kelola.core.roles import Role

    assert list(users_with_roles(world.pemda.pk, {Role.GCIO})) == [world.users["gcio"]]
    assert not users_with_roles(world.other_pemda.pk, {Role.EXECUTIVE}).exists()
    # The head of Dinas Kesehatan covers its sub-unit, not Dinas Pendidikan.
    assert list(users_with_roles(world.pemda.pk, {Role.AGENCY_HEAD}, agency_id=world.clinic.pk)) == [
        world.users["agency_head"]
    ]
    assert list(users_with_roles(world.pemda.pk, {Role.AGENCY_HEAD}, agency_id=world.education.pk)) == [
        world.other_agency_head
    ]
