"""Domains (DC-7): the desa.id rule of seed 004 Lampiran V as a pure function, the sub-domain
rule, DNS record values per type, expiry warnings (filter, dashboard card, daily notification),
and who may see and change domains and records on the pages and the API."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from kelola.core.errors import KelolaError
from kelola.core.models import AuditEntry, Notification
from kelola.network import demo, domains
from kelola.network.choices import DomainStatus
from kelola.network.domainrules import fqdn_problems, is_abbreviation, village_domain_problems
from kelola.network.models import DnsRecord, Domain

MANAGERS = ["datacenter", "infrastructure", "gcio", "pemda_admin"]


# --- the desa.id rule (pure) ----------------------------------------------------------------


@pytest.mark.parametrize(
    "domain, village, kabupaten",
    [
        # the three examples of Lampiran V
        ("karangsambung.desa.id", "Karangsambung", "Kebumen"),
        ("krsambung.desa.id", "Karangsambung", "Kebumen"),
        ("krsambung-kebumen.desa.id", "Karangsambung", "Pemerintah Kabupaten Kebumen"),
        # the word "desa", spaces and punctuation
        ("sukamulya.desa.id", "Desa Sukamulya", ""),
        ("desasukamulya.desa.id", "Desa Sukamulya", ""),
        ("sumberrejo.desa.id", "Sumber Rejo", ""),
        ("tanjungmas-kebumen.desa.id", "Tanjung-Mas", "Kab. Kebumen"),
        ("krs.desa.id", "Karangsambung", ""),
    ],
)
def test_village_domains_that_follow_the_rule(domain, village, kabupaten):
    assert village_domain_problems(domain, village, kabupaten) == []


@pytest.mark.parametrize(
    "domain, village, kabupaten, reason",
    [
        ("karangsambung.go.id", "Karangsambung", "Kebumen", ".desa.id"),
        ("sambung.desa.id", "Karangsambung", "Kebumen", "singkatannya"),  # other first letter
        ("kr.desa.id", "Karangsambung", "Kebumen", "3-63"),  # too short
        ("kxsambung.desa.id", "Karangsambung", "Kebumen", "singkatannya"),  # not its letters
        ("ksrambung.desa.id", "Karangsambung", "Kebumen", "singkatannya"),  # not in order
        ("krsambung-cilacap.desa.id", "Karangsambung", "Kebumen", "-kebumen"),
        ("krsambung-kebumen.desa.id", "Karangsambung", "", "wajib"),
        ("-krsambung.desa.id", "Karangsambung", "Kebumen", "tanda hubung"),
        ("krsambung-.desa.id", "Karangsambung", "Kebumen", "tanda hubung"),
        ("kr_sambung.desa.id", "Karangsambung", "Kebumen", "huruf, angka"),
        ("www.karangsambung.desa.id", "Karangsambung", "Kebumen", "satu bagian"),
        ("Karangsambung.desa.id", "Karangsambung", "Kebumen", "huruf kecil"),
        ("karangsambung.desa.id", "", "Kebumen", "Nama desa wajib"),
        (("k" * 64) + ".desa.id", "K" * 64, "", "3-63"),
    ],
)
def test_village_domains_refused_with_the_reason(domain, village, kabupaten, reason):
    problems = village_domain_problems(domain, village, kabupaten)
    assert problems and reason in " ".join(problems)


def test_abbreviation_and_fqdn_helpers():
    assert is_abbreviation("krsambung", "karangsambung")
    assert not is_abbreviation("ks", "karangsambung")
    assert fqdn_problems("dinkes.contohkota.go.id") == []
    assert fqdn_problems("contoh..go.id") and fqdn_problems("localhost") and fqdn_problems("a.b.123")


# --- services -------------------------------------------------------------------------------


@pytest.fixture
def zone(world):
    actor = world.users["infrastructure"]
    world.main = domains.domain_create(
        actor=actor, pemda=world.pemda, kind="pemda", name="ContohKota.go.id.", agency=world.it_office
    )
    world.dinkes = domains.domain_create(
        actor=actor,
        pemda=world.pemda,
        kind="opd",
        name="dinkes.contohkota.go.id",
        agency=world.health,
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    world.disdik = domains.domain_create(
        actor=actor, pemda=world.pemda, kind="opd", name="disdik.contohkota.go.id", agency=world.education
    )
    world.record = domains.record_create(
        actor=actor, domain=world.dinkes, type="A", host="www", value="203.0.113.20"
    )
    return world


def refusal(call) -> KelolaError:
    with pytest.raises(KelolaError) as caught:
        call()
    return caught.value


@pytest.mark.django_db
def test_domain_rules_refuse_with_reasons(zone):
    actor = zone.users["datacenter"]
    assert zone.main.name == "contohkota.go.id"

    def create(**fields):
        fields.setdefault("kind", "opd")
        fields.setdefault("agency", zone.health)
        return lambda: domains.domain_create(actor=actor, pemda=zone.pemda, **fields)

    assert "di bawah domain utama" in refusal(create(name="dinkes.lainkota.go.id")).message
    assert "contohkota.go.id" in refusal(create(name="dinkescontohkota.go.id")).message
    assert "pemilik" in refusal(create(name="bkd.contohkota.go.id", agency=None)).message
    dup = refusal(create(name="DINKES.contohkota.go.id"))
    assert dup.code == "conflict" and "sudah terdaftar" in dup.message
    assert "domain utama" in refusal(create(kind="pemda", name="kotacontoh.id", agency=None)).message
    assert "tidak sah" in refusal(create(name="din_kes.contohkota.go.id")).message
    # an OPD sub-domain before the other pemda has a main domain
    other = refusal(
        lambda: domains.domain_create(
            actor=zone.other_pemda_gcio,
            pemda=zone.other_pemda,
            kind="opd",
            name="dinkes.lainkab.go.id",
            agency=zone.other_health,
        )
    )
    assert "Daftarkan dulu domain utama" in other.message
    village = refusal(
        create(kind="village", name="sukamaju.desa.id", village_name="Karangsambung", agency=None)
    )
    assert "singkatannya" in village.errors["name"][0]
    ok = domains.domain_create(
        actor=actor,
        pemda=zone.pemda,
        kind="village",
        name="krsambung-contoh.desa.id",
        village_name="Karangsambung",
    )  # the kabupaten defaults to the pemda's name ("Kota Contoh" → contoh)
    assert ok.pk
    dates = refusal(
        create(
            name="bkd.contohkota.go.id",
            registered_on=datetime.date(2024, 1, 2),
            expires_on=datetime.date(2023, 1, 2),
        )
    )
    assert "sebelum tanggal registrasi" in dates.message
    # the main domain keeps its name while sub-domains hang under it
    renamed = refusal(lambda: domains.domain_update(zone.main, actor=actor, name="kotacontoh.go.id"))
    assert renamed.code == "conflict"
    assert refusal(lambda: domains.domain_delete(zone.main, actor=actor)).code == "conflict"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "type_, host, value, priority, field, reason",
    [
        ("A", "www", "2001:db8::1", None, "value", "IPv4"),
        ("A", "www", "300.1.1.1", None, "value", "IPv4"),
        ("AAAA", "www", "203.0.113.1", None, "value", "IPv6"),
        ("CNAME", "portal", "not a host", None, "value", "nama host"),
        ("NS", "@", "10.0.0.1", None, "value", "nama host"),
        ("MX", "@", "mail.contohkota.go.id", None, "priority", "prioritas"),
        ("A", "www", "203.0.113.9", 10, "priority", "MX"),
        ("CNAME", "@", "x.contohkota.go.id", None, "host", "“@”"),
        ("A", "bad host!", "203.0.113.9", None, "host", "Host tidak sah"),
    ],
)
def test_dns_record_values_per_type(zone, type_, host, value, priority, field, reason):
    error = refusal(
        lambda: domains.record_create(
            actor=zone.users["datacenter"],
            domain=zone.dinkes,
            type=type_,
            host=host,
            value=value,
            priority=priority,
        )
    )
    assert reason in " ".join(error.errors[field])


@pytest.mark.django_db
def test_dns_records_accepted_and_conflicts(zone):
    actor = zone.users["datacenter"]
    mx = domains.record_create(
        actor=actor, domain=zone.dinkes, type="MX", host="@", value="Mail.ContohKota.go.id.", priority=10
    )
    assert mx.value == "mail.contohkota.go.id"
    v6 = domains.record_create(
        actor=actor, domain=zone.dinkes, type="AAAA", host="www.dinkes.contohkota.go.id", value="2001:DB8::20"
    )
    assert (v6.host, v6.value) == ("www", "2001:db8::20")
    assert v6.agency_id == zone.health.pk and v6.pemda_id == zone.pemda.pk
    txt = domains.record_create(actor=actor, domain=zone.dinkes, type="TXT", value="v=spf1 mx -all")
    assert txt.host == "@"
    assert (
        refusal(
            lambda: domains.record_create(
                actor=actor, domain=zone.dinkes, type="CNAME", host="www", value="a.go.id"
            )
        ).code
        == "conflict"
    )
    domains.record_create(actor=actor, domain=zone.dinkes, type="CNAME", host="portal", value="www.go.id")
    assert (
        "CNAME"
        in refusal(
            lambda: domains.record_create(
                actor=actor, domain=zone.dinkes, type="A", host="portal", value="203.0.113.1"
            )
        ).message
    )
    assert (
        "sama sudah ada"
        in refusal(
            lambda: domains.record_create(
                actor=actor, domain=zone.dinkes, type="A", host="www", value="203.0.113.20"
            )
        ).message
    )
    updated = domains.record_update(zone.record, actor=actor, ttl=300, value="203.0.113.21")
    assert (updated.ttl, updated.value) == (300, "203.0.113.21")
    # moving the sub-domain to another OPD moves its records' owner too
    domains.domain_update(zone.dinkes, actor=actor, agency=zone.education)
    assert set(DnsRecord.objects.filter(domain=zone.dinkes).values_list("agency_id", flat=True)) == {
        zone.education.pk
    }


# --- expiry ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_expiring_domains_filter_card_and_daily_notification(zone, client_for, api_for):
    today = timezone.localdate()
    Domain.objects.filter(pk=zone.disdik.pk).update(expires_on=today + datetime.timedelta(days=90))
    Domain.objects.filter(pk=zone.main.pk).update(expires_on=today - datetime.timedelta(days=2))
    api = api_for(zone.users["gcio"])
    names = [d["name"] for d in api.get("/api/v1/domains/?expiring=true").json()["results"]]
    assert names == ["contohkota.go.id", "dinkes.contohkota.go.id"]
    page = client_for(zone.users["datacenter"]).get("/jaringan/domain/?expiring=true").content.decode()
    assert "dinkes.contohkota.go.id" in page and "disdik.contohkota.go.id" not in page
    home = client_for(zone.users["datacenter"]).get("/").content.decode()
    assert "Domain segera kedaluwarsa" in home

    result = domains.expiry_reminders()
    assert result["domains"] == 2 and result["pemda"] == 1
    inbox = Notification.objects.filter(kind="network.domain_expiry")
    recipients = set(inbox.values_list("recipient__username", flat=True))
    assert {"datacenter", "infrastructure", "gcio"} <= recipients
    assert "agency_operator" not in recipients and "other_pemda_gcio" not in recipients
    body = inbox.first().body
    assert "dinkes.contohkota.go.id: 30 hari lagi" in body and "sudah lewat 2 hari" in body
    # the periodic task calls the same function
    from kelola.network.tasks import domain_expiry_scan

    scan = domain_expiry_scan.call_local()
    assert scan["domains"] == 2 and scan["expired"] == 1
    zone.main.refresh_from_db()
    zone.disdik.refresh_from_db()
    assert zone.main.status == DomainStatus.EXPIRED and zone.disdik.status == DomainStatus.ACTIVE
    entry = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Domain), object_id=str(zone.main.pk)
    ).latest("pk")
    assert entry.actor_id is None and entry.comment == "Lewat tanggal kedaluwarsa"
    assert domains.mark_expired() == 0  # idempotent


# --- access ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_for_the_network_team(zone, client_for):
    for role in [*MANAGERS, "auditor"]:
        client = client_for(zone.users[role])
        for url in ("/jaringan/domain/", f"/jaringan/domain/{zone.dinkes.pk}/"):
            response = client.get(url)
            assert response.status_code == 200, (role, url)
    client = client_for(zone.users["datacenter"])
    detail = client.get(f"/jaringan/domain/{zone.dinkes.pk}/").content.decode()
    assert "203.0.113.20" in detail and "Tambah rekaman" in detail
    assert client.get("/jaringan/domain/tambah/").status_code == 200
    assert client.get(f"/jaringan/domain/{zone.dinkes.pk}/ubah/").status_code == 200
    export = client.get("/jaringan/domain/?export=csv&kind=opd")
    assert export.status_code == 200 and b"disdik.contohkota.go.id" in b"".join(export.streaming_content)
    assert client.get("/jaringan/domain/?export=xlsx").status_code == 200
    search = client.get("/jaringan/domain/?q=disdik").content.decode()
    assert "disdik.contohkota.go.id" in search and "dinkes.contohkota.go.id" not in search


@pytest.mark.django_db
def test_the_team_manages_domains_and_records_on_the_pages(zone, client_for):
    client = client_for(zone.users["infrastructure"])
    created = client.post(
        "/jaringan/domain/tambah/",
        {"kind": "village", "name": "krsambung.desa.id", "village_name": "Karangsambung", "status": "active"},
    )
    assert created.status_code == 302
    village = Domain.objects.get(name="krsambung.desa.id")
    refused = client.post(
        "/jaringan/domain/tambah/",
        {"kind": "village", "name": "sambung.desa.id", "village_name": "Karangsambung", "status": "active"},
    )
    assert refused.status_code == 400 and "singkatannya" in refused.content.decode()
    under = client.post(
        "/jaringan/domain/tambah/",
        {"kind": "opd", "name": "bkd.lain.go.id", "agency": zone.education.pk, "status": "active"},
    )
    assert under.status_code == 400 and "di bawah domain utama" in under.content.decode()
    edited = client.post(
        f"/jaringan/domain/{village.pk}/ubah/",
        {
            "kind": "village",
            "name": "krsambung.desa.id",
            "village_name": "Karangsambung",
            "status": "active",
            "registrar": "PANDI",
            "expires_on": "2030-01-01",
        },
    )
    assert edited.status_code == 302
    village.refresh_from_db()
    assert village.registrar == "PANDI" and village.expires_on == datetime.date(2030, 1, 1)
    add = client.post(
        f"/jaringan/domain/{village.pk}/rekaman/",
        {"type": "A", "host": "@", "value": "203.0.113.30", "ttl": 3600},
    )
    assert add.status_code == 302 and village.records.get().value == "203.0.113.30"
    client.post(
        f"/jaringan/domain/{village.pk}/rekaman/", {"type": "A", "host": "@", "value": "x", "ttl": 3600}
    )
    assert village.records.count() == 1
    page = client.get(f"/jaringan/domain/{village.pk}/").content.decode()
    assert "IPv4" in page  # the refusal shown as a message
    record = village.records.get()
    assert client.post(f"/jaringan/rekaman-dns/{record.pk}/hapus/").status_code == 302
    assert not village.records.exists()
    assert client.post(f"/jaringan/domain/{village.pk}/hapus/").status_code == 302
    assert not Domain.objects.filter(pk=village.pk).exists()


@pytest.mark.django_db
def test_an_opd_sees_its_own_sub_domains_and_changes_nothing(zone, client_for, api_for):
    for user in (zone.users["agency_operator"], zone.users["agency_head"]):  # Dinas Kesehatan
        client = client_for(user)
        assert client.get(f"/jaringan/domain/{zone.dinkes.pk}/").status_code == 200
        assert "Tambah rekaman" not in client.get(f"/jaringan/domain/{zone.dinkes.pk}/").content.decode()
        assert client.get(f"/jaringan/domain/{zone.disdik.pk}/").status_code == 404
        assert client.get(f"/jaringan/domain/{zone.main.pk}/").status_code == 404
        listing = client.get("/jaringan/domain/").content.decode()
        assert "dinkes.contohkota.go.id" in listing and "disdik.contohkota.go.id" not in listing
        assert client.get(f"/jaringan/domain/{zone.dinkes.pk}/ubah/").status_code == 403
        assert client.get("/jaringan/domain/tambah/").status_code == 403
        client.post(f"/jaringan/domain/{zone.dinkes.pk}/hapus/")  # refused
        client.post(
            f"/jaringan/domain/{zone.dinkes.pk}/rekaman/",
            {"type": "A", "host": "x", "value": "203.0.113.1", "ttl": 3600},
        )
        client.post(f"/jaringan/rekaman-dns/{zone.record.pk}/hapus/")
        api = api_for(user)
        assert [d["name"] for d in api.get("/api/v1/domains/").json()["results"]] == [
            "dinkes.contohkota.go.id"
        ]
        assert [r["value"] for r in api.get("/api/v1/dns-records/").json()["results"]] == ["203.0.113.20"]
        assert (
            api.patch(f"/api/v1/domains/{zone.dinkes.pk}/", {"registrar": "x"}, format="json").status_code
            == 403
        )
        assert api.delete(f"/api/v1/dns-records/{zone.record.pk}/").status_code == 403
        made = api.post(
            "/api/v1/dns-records/",
            {"domain": zone.dinkes.pk, "type": "A", "host": "y", "value": "203.0.113.2"},
            format="json",
        )
        assert made.status_code == 403
    assert DnsRecord.objects.count() == 1 and Domain.objects.get(pk=zone.dinkes.pk).registrar == ""
    from kelola.core.models import AuditEntry

    assert AuditEntry.objects.filter(action="refused", changes__code="forbidden").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other_agency_operator", "other_pemda_gcio", "no_role"])
def test_outsiders_get_404(zone, client_for, api_for, who):
    user = getattr(zone, who)
    client, api = client_for(user), api_for(user)
    assert client.get(f"/jaringan/domain/{zone.dinkes.pk}/").status_code == 404
    assert client.get(f"/jaringan/domain/{zone.dinkes.pk}/ubah/").status_code == 404
    assert (
        client.post(
            f"/jaringan/domain/{zone.dinkes.pk}/rekaman/", {"type": "A", "value": "203.0.113.1"}
        ).status_code
        == 404
    )
    assert client.post(f"/jaringan/rekaman-dns/{zone.record.pk}/hapus/").status_code == 404
    assert api.get(f"/api/v1/domains/{zone.dinkes.pk}/").status_code == 404
    assert api.get(f"/api/v1/dns-records/{zone.record.pk}/").status_code == 404
    assert api.delete(f"/api/v1/dns-records/{zone.record.pk}/").status_code == 404
    names = [d["name"] for d in api.get("/api/v1/domains/").json()["results"]]
    assert "dinkes.contohkota.go.id" not in names and "contohkota.go.id" not in names
    assert DnsRecord.objects.filter(pk=zone.record.pk).exists()


@pytest.mark.django_db
def test_an_auditor_reads_but_does_not_change(zone, api_for):
    api = api_for(zone.users["auditor"])
    assert api.get("/api/v1/domains/").json()["count"] == 3
    assert api.delete(f"/api/v1/domains/{zone.disdik.pk}/").status_code == 403
    assert (
        api.post(
            "/api/v1/dns-records/",
            {"domain": zone.main.pk, "type": "A", "value": "203.0.113.1"},
            format="json",
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_api_crud_for_the_team(zone, api_for):
    api = api_for(zone.users["datacenter"])
    created = api.post(
        "/api/v1/domains/",
        {
            "kind": "village",
            "name": "krsambung-contoh.desa.id",
            "village_name": "Karangsambung",
            "kabupaten_name": "Kota Contoh",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    bad = api.post(
        "/api/v1/domains/",
        {"kind": "village", "name": "xyz.desa.id", "village_name": "Karangsambung"},
        format="json",
    )
    assert bad.status_code == 400 and "singkatannya" in bad.json()["detail"]
    dup = api.post(
        "/api/v1/domains/",
        {"kind": "opd", "name": "dinkes.contohkota.go.id", "agency": zone.health.pk},
        format="json",
    )
    assert dup.status_code == 409
    record = api.post(
        "/api/v1/dns-records/",
        {
            "domain": created.json()["id"],
            "type": "MX",
            "host": "@",
            "value": "mail.contohkota.go.id",
            "priority": 10,
        },
        format="json",
    )
    assert record.status_code == 201, record.json()
    wrong = api.post(
        "/api/v1/dns-records/",
        {"domain": created.json()["id"], "type": "AAAA", "value": "203.0.113.1"},
        format="json",
    )
    assert wrong.status_code == 400 and "IPv6" in wrong.json()["detail"]
    patched = api.patch(f"/api/v1/dns-records/{record.json()['id']}/", {"priority": 20}, format="json")
    assert patched.status_code == 200 and patched.json()["priority"] == 20
    assert api.delete(f"/api/v1/dns-records/{record.json()['id']}/").status_code == 204
    assert api.get("/api/v1/dns-records/?type=A").json()["count"] == 1


# --- demo -----------------------------------------------------------------------------------


class _Result:
    def __init__(self):
        self.created = {}

    def count(self, label, was_created):
        self.created[label] = self.created.get(label, 0) + int(was_created)


@pytest.mark.django_db
def test_demo_domains_follow_the_rules_and_are_idempotent(world):
    result = _Result()
    agencies = [world.health, world.education]
    demo._domains(world.pemda, agencies, world.it_office, result)
    assert Domain.objects.filter(kind="pemda").get().name == "contohkota.go.id"
    villages = Domain.objects.filter(kind="village")
    assert villages.count() == 5
    for village in villages:
        assert village_domain_problems(village.name, village.village_name, village.kabupaten_name) == []
    for sub in Domain.objects.filter(kind="opd"):
        assert sub.name.endswith(".contohkota.go.id") and sub.agency_id
    assert Domain.objects.filter(domains.expiring_q()).exists()
    again = _Result()
    demo._domains(world.pemda, agencies, world.it_office, again)
    assert again.created == {"domain": 0, "dns_record": 0}
