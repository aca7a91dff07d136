"""PORT-6 relations: owner and operator agencies, vendor, related systems, and the servers and
datasets the data-center and bus registers will take over."""

import pytest
from django.core.exceptions import ValidationError

from kelola.core.errors import KelolaError
from kelola.portfolio import services
from kelola.portfolio.models import SystemLink

pytestmark = pytest.mark.django_db


def test_links_to_systems_servers_and_datasets(port):
    head, gcio = port.users["agency_head"], port.users["gcio"]
    # Links across agencies are recorded by those who see both systems (the IT office).
    exchange = services.link_add(
        port.system, actor=gcio, kind="exchanges_with", target_system=port.school_system
    )
    with pytest.raises(KelolaError):
        services.link_add(port.system, actor=head, kind="depends_on", target_system=port.school_system)
    server = services.link_add(port.system, actor=head, kind="runs_on", target_label="srv-app-01", note="VM")
    assert exchange.target_label == "" and server.target_system is None
    assert list(port.school_system.incoming_links.all()) == [exchange]
    assert SystemLink.objects.filter(system=port.system).count() == 2
    services.link_remove(server, actor=head)
    assert SystemLink.objects.filter(system=port.system).count() == 1


def test_bad_links_are_refused(port):
    head = port.users["agency_head"]
    with pytest.raises(ValidationError):
        services.link_add(port.system, actor=head, kind="depends_on")  # no target system
    with pytest.raises(ValidationError):
        services.link_add(port.system, actor=head, kind="publishes")  # no dataset name
    with pytest.raises(ValidationError):
        services.link_add(port.system, actor=head, kind="replaces", target_system=port.system)
    with pytest.raises(KelolaError):  # a system of another pemda is not found
        services.link_add(port.system, actor=head, kind="depends_on", target_system=port.other_system)
    with pytest.raises(KelolaError):  # another agency may not link this agency's system
        services.link_add(port.system, actor=port.other_agency_operator, kind="runs_on", target_label="x")
    assert not SystemLink.objects.exists()


def test_relations_on_the_page_and_the_api(port, client_for, api_for):
    head = port.users["agency_head"]
    url = f"/portofolio/sistem/{port.system.pk}/"
    client = client_for(head)
    response = client.post(f"{url}relasi/", {"kind": "consumes", "target_label": "Dataset penduduk"})
    assert response.status_code == 302 and port.system.links.count() == 1
    page = client.get(url).content.decode()
    assert "Dataset penduduk" in page and "Memakai dataset" in page
    api = api_for(head)
    created = api.post(
        f"/api/v1/systems/{port.system.pk}/links/",
        {"kind": "depends_on", "target_system": port.secret_system.pk},
    )
    assert created.status_code == 201
    foreign = api.post(
        f"/api/v1/systems/{port.system.pk}/links/",
        {"kind": "depends_on", "target_system": port.other_system.pk},
    )
    assert foreign.status_code == 400
    link_id = created.json()["id"]
    assert (
        api_for(port.other_agency_operator)
        .delete(f"/api/v1/systems/{port.system.pk}/links/{link_id}/")
        .status_code
        == 404
    )
    assert (
        api_for(port.users["reviewer"])
        .delete(f"/api/v1/systems/{port.system.pk}/links/{link_id}/")
        .status_code
        == 403
    )
    assert api.delete(f"/api/v1/systems/{port.system.pk}/links/{link_id}/").status_code == 204
    assert (
        client_for(port.users["executive"])
        .post(f"{url}relasi/", {"kind": "runs_on", "target_label": "x"})
        .status_code
        == 403
    )
