"""Refusals on the service-desk pages and endpoints: another OPD, another pemda and an account
without a role get 404 for a ticket; readers without a writing role cannot change the catalogue,
the knowledge base or turn tickets into articles."""

import pytest

from kelola.servicedesk import knowledge, services, tickets

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(world):
    world.service = services.service_create(
        actor=world.users["gcio"],
        agency=world.it_office,
        name="Jaringan",
        description="-",
        category="network",
        requires_letter=False,
    )
    world.ticket = tickets.ticket_create(
        actor=world.users["agency_operator"],
        agency=world.health,
        service=world.service,
        kind="incident",
        title="Mati",
        description="-",
    )
    world.article = knowledge.article_create(
        actor=world.users["helpdesk"],
        pemda=world.pemda,
        title="Wifi",
        category="Jaringan",
        body="-",
        status="published",
    )
    return world


@pytest.mark.parametrize("who", ["other_agency_operator", "other_pemda_gcio", "no_role"])
def test_outsiders_get_404_for_a_ticket(desk, client_for, api_for, who):
    user = getattr(desk, who)
    t = desk.ticket.pk
    assert client_for(user).get(f"/layanan-ti/tiket/{t}/").status_code == 404
    assert client_for(user).post(f"/layanan-ti/tiket/{t}/langkah/", {"name": "take"}).status_code == 404
    assert client_for(user).post(f"/layanan-ti/tiket/{t}/jadikan-artikel/").status_code == 404
    assert api_for(user).get(f"/api/v1/tickets/{t}/").status_code == 404
    assert api_for(user).post(f"/api/v1/tickets/{t}/transition/", {"name": "take"}).status_code == 404


@pytest.mark.parametrize("who", ["other_pemda_gcio", "no_role"])
def test_another_pemda_and_no_role_do_not_see_the_catalogue_or_articles(desk, api_for, client_for, who):
    user = getattr(desk, who)
    assert api_for(user).get(f"/api/v1/it-services/{desk.service.pk}/").status_code == 404
    assert api_for(user).get(f"/api/v1/articles/{desk.article.pk}/").status_code == 404
    assert client_for(user).get(f"/layanan-ti/pengetahuan/{desk.article.pk}/").status_code == 404


def test_readers_cannot_write_articles_or_turn_tickets_into_them(desk, client_for, api_for):
    operator = desk.users["agency_operator"]
    assert client_for(operator).get("/layanan-ti/pengetahuan/tulis/").status_code == 403
    assert (
        api_for(operator)
        .patch(f"/api/v1/articles/{desk.article.pk}/", {"body": "x"}, format="json")
        .status_code
        == 403
    )
    tickets.ticket_transition(desk.ticket, "take", actor=desk.users["helpdesk"])
    tickets.ticket_transition(desk.ticket, "resolve", actor=desk.users["helpdesk"], resolution="Selesai")
    client_for(operator).post(f"/layanan-ti/tiket/{desk.ticket.pk}/jadikan-artikel/")
    from kelola.servicedesk.models import Article

    assert not Article.objects.filter(source_ticket=desk.ticket).exists()
    assert (
        client_for(desk.no_role).get("/layanan-ti/tiket/buat/").status_code == 200
    )  # the form, empty choices
    refused = api_for(desk.no_role).post(
        "/api/v1/tickets/",
        {
            "agency": desk.health.pk,
            "service": desk.service.pk,
            "kind": "incident",
            "title": "x",
            "description": "-",
        },
        format="json",
    )
    assert refused.status_code in (400, 403)
