import datetime

import pytest

from kelola.organizations.models import Decree, GoverningBody, Person, Position, TierOneTechnician


@pytest.fixture
def org(world):
    """Organisation rows around the shared world: Dinas Kesehatan's people, a decree, a body."""
    ns = world
    ns.person = Person.objects.create(
        pemda=world.pemda, agency=world.health, full_name="Siti Rahayu", nip="1"
    )
    ns.secret_person = Person.objects.create(
        pemda=world.pemda, agency=world.health, full_name="Pegawai Rahasia", classification="exempt"
    )
    ns.teacher = Person.objects.create(pemda=world.pemda, agency=world.education, full_name="Budi Guru")
    ns.position = Position.objects.create(
        pemda=world.pemda, agency=world.health, title="Kepala Dinas Kesehatan", is_head=True, holder=ns.person
    )
    ns.technician = TierOneTechnician.objects.create(pemda=world.pemda, agency=world.health, person=ns.person)
    ns.decree = Decree.objects.create(
        pemda=world.pemda,
        number="100/1/2026",
        date=datetime.date(2026, 1, 5),
        subject="Tim Pengarah SPBE",
        decides="Membentuk tim",
        signed_by="Walikota",
    )
    ns.secret_decree = Decree.objects.create(
        pemda=world.pemda,
        agency=world.health,
        number="100/2/2026",
        date=datetime.date(2026, 2, 5),
        subject="Rahasia",
        decides="-",
        signed_by="Kepala Dinas",
        classification="exempt",
    )
    ns.body = GoverningBody.objects.create(
        pemda=world.pemda, kind="committee", name="Tim Pengarah SPBE", decree=ns.decree
    )
    ns.other_person = Person.objects.create(
        pemda=world.other_pemda, agency=world.other_health, full_name="Orang Lain"
    )
    return ns
