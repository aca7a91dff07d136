"""PORT-7: the public catalogue lists production systems whose owners consented, nothing else,
without an account, searchable, in Indonesian and English."""

import pytest

from kelola.portfolio.models import SystemEntry

from .conftest import make_system

pytestmark = pytest.mark.django_db

URL = "/portofolio/katalog/"


@pytest.fixture
def shelf(world):
    ns = world
    ns.public = make_system(
        world.health, internal_name="pub", external_name="Antrean Puskesmas", publish_consent=True
    )
    SystemEntry.objects.create(
        system=ns.public, section="function", data={"name": "Ambil nomor antrean"}, text="Ambil nomor antrean"
    )
    ns.unconsented = make_system(world.health, internal_name="no", external_name="Tanpa Persetujuan")
    ns.secret = make_system(
        world.health,
        internal_name="sec",
        external_name="Rahasia Terbit",
        publish_consent=True,
        classification="exempt",
    )
    ns.planned = make_system(
        world.education,
        internal_name="plan",
        external_name="Belum Jalan",
        publish_consent=True,
        status="planned",
    )
    ns.other = make_system(
        world.other_health, internal_name="oth", external_name="Layanan Kabupaten", publish_consent=True
    )
    return ns


def test_anonymous_sees_only_published_systems_of_every_pemda(shelf, client):
    page = client.get(URL).content.decode()
    assert "Antrean Puskesmas" in page and "Layanan Kabupaten" in page
    for hidden in ("Tanpa Persetujuan", "Rahasia Terbit", "Belum Jalan"):
        assert hidden not in page
    assert client.get(f"{URL}{shelf.public.pk}/").status_code == 200
    for hidden in (shelf.unconsented, shelf.secret, shelf.planned):
        assert client.get(f"{URL}{hidden.pk}/").status_code == 404


def test_search_by_function_and_filter_by_pemda(shelf, client):
    page = client.get(URL, {"q": "nomor antrean"}).content.decode()
    assert "Antrean Puskesmas" in page and "Layanan Kabupaten" not in page
    page = client.get(URL, {"pemda": shelf.other_pemda.slug}).content.decode()
    assert "Layanan Kabupaten" in page and "Antrean Puskesmas" not in page


def test_english_on_request(shelf, client):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(URL).content.decode()
    assert "Electronic services catalogue" in page and "Antrean Puskesmas" in page
    assert "Katalog layanan elektronik" not in page


def test_public_api_needs_no_account_and_hides_the_rest(shelf, api_for):
    response = api_for().get("/api/v1/catalogue/")
    assert response.status_code == 200
    names = {row["external_name"] for row in response.json()["results"]}
    assert names == {"Antrean Puskesmas", "Layanan Kabupaten"}
    detail = api_for().get(f"/api/v1/catalogue/{shelf.public.pk}/").json()
    assert detail["functions"] == ["Ambil nomor antrean"]
    assert api_for().get(f"/api/v1/catalogue/{shelf.secret.pk}/").status_code == 404
