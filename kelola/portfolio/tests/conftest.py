import pytest

from kelola.portfolio.models import ElectronicSystem


def make_system(agency, **extra) -> ElectronicSystem:
    values = {
        "internal_name": f"sys-{ElectronicSystem.objects.count() + 1}",
        "external_name": "Sistem Informasi Puskesmas",
        "description": "Rekam medis elektronik puskesmas",
        "app_kind": "specific",
        "status": "production",
        "url": "https://simpus.example.go.id",
    }
    values.update(extra)
    return ElectronicSystem.objects.create(pemda=agency.pemda, agency=agency, **values)


@pytest.fixture
def port(world):
    """Systems around the shared world: two of Dinas Kesehatan (one dikecualikan), one of Dinas
    Pendidikan, one of the other pemda."""
    ns = world
    ns.system = make_system(world.health, internal_name="simpus")
    ns.secret_system = make_system(
        world.health, internal_name="sikeu-rahasia", external_name="Sistem Rahasia", classification="exempt"
    )
    ns.school_system = make_system(
        world.education, internal_name="dapodik-lokal", external_name="Data Pokok Sekolah"
    )
    ns.other_system = make_system(world.other_health, internal_name="simpus", external_name="Simpus Lain")
    return ns
