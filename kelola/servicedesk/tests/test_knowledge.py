"""OPS-2 knowledge base: audiences, drafts, versions, search (PostgreSQL full text or the
word-by-word fallback), suggestions while a ticket is written, a resolved ticket as a draft."""

import pytest

from kelola.core.errors import KelolaError
from kelola.servicedesk import knowledge, services, tickets
from kelola.servicedesk.models import Article, ArticleVersion

pytestmark = pytest.mark.django_db


def write(world, title, body, audience="staff", status="published", user=None):
    return knowledge.article_create(
        actor=user or world.users["helpdesk"],
        pemda=world.pemda,
        title=title,
        category="Jaringan",
        body=body,
        audience=audience,
        status=status,
    )


@pytest.fixture
def kb(world):
    ns = world
    ns.wifi = write(world, "Wifi kantor tidak tersambung", "Periksa router, nyalakan ulang access point.")
    ns.vpn = write(world, "Akses VPN untuk petugas", "Konfigurasi klien VPN.", audience="it_staff")
    ns.public = write(world, "Cara mengajukan layanan TI", "Isi formulir tiket di Kelola.", audience="public")
    ns.draft = write(world, "Draf printer", "Belum selesai.", status="draft")
    return ns


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("agency_operator", {"Wifi kantor tidak tersambung", "Cara mengajukan layanan TI"}),
        ("bappeda", {"Wifi kantor tidak tersambung", "Cara mengajukan layanan TI"}),
        (
            "helpdesk",
            {
                "Wifi kantor tidak tersambung",
                "Akses VPN untuk petugas",
                "Cara mengajukan layanan TI",
                "Draf printer",
            },
        ),
        ("other_pemda_gcio", set()),
    ],
)
def test_audiences_and_drafts(kb, api_for, who, visible):
    user = getattr(kb, who, None) or kb.users[who]
    titles = {row["title"] for row in api_for(user).get("/api/v1/articles/").json()["results"]}
    assert titles == visible


def test_search_and_suggestions_find_by_words(kb, api_for, client_for):
    found = knowledge.search(Article.objects.visible_to(kb.users["agency_operator"]), "router wifi mati")
    assert [a.title for a in found] == ["Wifi kantor tidak tersambung"]
    assert knowledge.search(Article.objects.all(), "dan di ke") == []
    suggested = (
        api_for(kb.users["agency_operator"]).get("/api/v1/articles/suggest/", {"q": "wifi kantor"}).json()
    )
    assert suggested[0]["title"] == "Wifi kantor tidak tersambung"
    partial = client_for(kb.users["agency_operator"]).get(
        "/layanan-ti/pengetahuan/saran/", {"title": "wifi lantai dua"}
    )
    assert "Wifi kantor tidak tersambung" in partial.content.decode()
    page = (
        client_for(kb.users["agency_operator"])
        .get("/layanan-ti/pengetahuan/", {"q": "router"})
        .content.decode()
    )
    assert "Wifi kantor tidak tersambung" in page and "Akses VPN" not in page


def test_editing_keeps_versions_and_only_it_staff_write(kb):
    knowledge.article_update(kb.wifi, actor=kb.users["it_support"], body="Langkah baru.")
    kb.wifi.refresh_from_db()
    assert kb.wifi.version == 2 and ArticleVersion.objects.get(article=kb.wifi).body.startswith(
        "Periksa router"
    )
    with pytest.raises(KelolaError):
        knowledge.article_update(kb.wifi, actor=kb.users["agency_operator"], body="x")
    with pytest.raises(KelolaError):
        write(kb, "Tulisan OPD", "x", user=kb.users["agency_head"])


def test_public_articles_need_no_account(kb, client):
    page = client.get("/layanan-ti/pengetahuan/publik/").content.decode()
    assert "Cara mengajukan layanan TI" in page and "Wifi kantor" not in page
    assert client.get(f"/layanan-ti/pengetahuan/publik/{kb.public.pk}/").status_code == 200
    assert client.get(f"/layanan-ti/pengetahuan/publik/{kb.wifi.pk}/").status_code == 404


def test_a_resolved_ticket_becomes_a_draft(world, client_for):
    service = services.service_create(
        actor=world.users["gcio"],
        agency=world.it_office,
        name="Jaringan",
        description="-",
        category="network",
        requires_letter=False,
    )
    ticket = tickets.ticket_create(
        actor=world.users["agency_operator"],
        agency=world.health,
        service=service,
        kind="incident",
        title="Internet putus",
        description="Sejak pagi",
    )
    with pytest.raises(KelolaError):
        knowledge.draft_from_ticket(ticket, actor=world.users["helpdesk"])
    tickets.ticket_transition(ticket, "take", actor=world.users["helpdesk"])
    tickets.ticket_transition(ticket, "resolve", actor=world.users["helpdesk"], resolution="Kabel diganti")
    response = client_for(world.users["helpdesk"]).post(f"/layanan-ti/tiket/{ticket.pk}/jadikan-artikel/")
    assert response.status_code == 302
    article = Article.objects.get(source_ticket=ticket)
    assert article.status == "draft" and "Kabel diganti" in article.body and article.audience == "it_staff"
