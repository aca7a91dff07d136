"""Demo address plan (issue 5 item 11): a public /27 (a documentation range, never a real
allocation), the private 10.36.0.0/16 split into one /24 per OPD with its VLAN, a few hundred
addresses (gateways, switches, servers, printers, a DHCP pool marker) and two address requests,
one waiting and one approved; the pemda's main domain, OPD sub-domains, five village desa.id
domains following Lampiran V (one expiring soon) and a few DNS records. Idempotent: rows are
looked up by their natural keys."""

from __future__ import annotations

import datetime
import ipaddress

from django.utils import timezone

from kelola.core.models import Agency, User

from .addressing import to_key
from .choices import AddressStatus as A
from .choices import DomainKind, RecordType, RequestStatus, Scope
from .domainrules import kabupaten_label
from .models import AddressRequest, DnsRecord, Domain, IpAddress, Prefix, Vlan
from .services import _bounds, rebuild_tree

PUBLIC = "203.0.113.0/27"
PRIVATE = "10.36.0.0/16"
OPD_PREFIXES = 40
#: (host number, status, assigned to, description) in every OPD's /24
OPD_HOSTS = [
    (1, A.RESERVED, "gw", "Gateway"),
    (2, A.RESERVED, "sw-core", "Switch inti"),
    (10, A.ALLOCATED, "srv-app", "Server aplikasi"),
    (11, A.ALLOCATED, "srv-db", "Server basis data"),
    (20, A.ALLOCATED, "prn-01", "Printer jaringan"),
    (21, A.ALLOCATED, "prn-02", "Printer jaringan"),
    (30, A.ALLOCATED, "ap-01", "Titik akses nirkabel"),
    (100, A.DHCP, "", "Awal kumpulan DHCP"),
    (250, A.DEPRECATED, "srv-lama", "Server lama, menunggu dilepas"),
]
PUBLIC_HOSTS = [
    (1, A.RESERVED, "gw-isp", "Gateway ISP"),
    (2, A.ALLOCATED, "fw-01", "Firewall pusat data"),
    (3, A.ALLOCATED, "web-portal", "Portal pemda"),
    (4, A.ALLOCATED, "web-layanan", "Portal layanan publik"),
    (5, A.ALLOCATED, "mail", "Server e-mail"),
    (6, A.ALLOCATED, "vpn", "Gerbang VPN"),
]


def build(city, result, rng=None) -> None:
    agencies = list(
        Agency.objects.filter(pemda=city, parent__isnull=True).exclude(is_it_office=True).order_by("name")
    )[:OPD_PREFIXES]
    it_office = Agency.objects.filter(pemda=city, is_it_office=True).first()
    prefixes = {}
    for network, fields in [
        (PUBLIC, dict(scope=Scope.PUBLIC, agency=it_office, description="Alamat publik pusat data")),
        (PRIVATE, dict(scope=Scope.PRIVATE, agency=it_office, description="Intranet pemerintah kota")),
    ]:
        prefixes[network] = _get_or_create_prefix(city, network, result, **fields)
    opd_prefixes = []
    for index, agency in enumerate(agencies, start=1):
        vlan, created = Vlan.objects.get_or_create(
            pemda=city,
            vid=100 + index,
            defaults=dict(name=f"VLAN-{(agency.short_name or agency.name)[:40]}", agency=agency),
        )
        result.count("vlan", created)
        network = f"10.36.{index}.0/24"
        prefix = _get_or_create_prefix(
            city,
            network,
            result,
            scope=Scope.PRIVATE,
            agency=agency,
            vlan=vlan,
            description=f"LAN {agency.short_name or agency.name}",
        )
        opd_prefixes.append((prefix, agency))
    rebuild_tree(city.pk, 4)
    existing = set(IpAddress.objects.filter(pemda=city).values_list("address", flat=True))
    rows = []
    public = prefixes[PUBLIC]
    for host, status, name, description in PUBLIC_HOSTS:
        rows.append(_address(city, public, host, status, it_office, name, description))
    for prefix, agency in opd_prefixes:
        slug = (agency.short_name or str(agency.pk)).lower().replace(" ", "").replace(".", "")[:20]
        for host, status, name, description in OPD_HOSTS:
            assigned = f"{name}.{slug}" if name else ""
            rows.append(_address(city, prefix, host, status, agency, assigned, description))
    new = [row for row in rows if row.address not in existing]
    IpAddress.objects.bulk_create(new)
    for _row in new:
        result.count("ip_address", True)
    _requests(city, opd_prefixes, public, result)
    _domains(city, agencies, it_office, result)


def _get_or_create_prefix(city, network, result, **fields) -> Prefix:
    net = ipaddress.ip_network(network)
    prefix = Prefix.objects.filter(pemda=city, network=str(net)).first()
    created = prefix is None
    if created:
        prefix = Prefix.objects.create(pemda=city, **fields, **_bounds(net))
    result.count("ip_prefix", created)
    return prefix


def _address(city, prefix, host, status, agency, assigned_to, description) -> IpAddress:
    net = ipaddress.ip_network(prefix.network)
    address = net.network_address + host
    return IpAddress(
        pemda=city,
        prefix=prefix,
        address=str(address),
        family=net.version,
        key=to_key(int(address)),
        status=status,
        agency=agency,
        assigned_to=assigned_to,
        description=description,
    )


def _requests(city, opd_prefixes, public, result) -> None:
    if len(opd_prefixes) < 2:
        return
    (_first, first_agency), (second_prefix, second_agency) = opd_prefixes[0], opd_prefixes[1]
    _waiting, created = AddressRequest.objects.get_or_create(
        pemda=city,
        agency=first_agency,
        purpose="Alamat IP publik untuk aplikasi layanan perizinan daring",
        defaults=dict(
            scope=Scope.PUBLIC,
            quantity=2,
            status=RequestStatus.SUBMITTED,
            requested_by=User.objects.filter(agency=first_agency).first(),
        ),
    )
    result.count("ip_request", created)
    approved, created = AddressRequest.objects.get_or_create(
        pemda=city,
        agency=second_agency,
        purpose="Empat alamat lokal untuk server baru di ruang server kantor",
        defaults=dict(
            scope=Scope.PRIVATE,
            quantity=4,
            status=RequestStatus.APPROVED,
            prefix=second_prefix,
            decided_at=timezone.now(),
            requested_by=User.objects.filter(agency=second_agency).first(),
        ),
    )
    result.count("ip_request", created)
    if created:
        rows = []
        for host in range(40, 44):
            ip = _address(city, second_prefix, host, A.ALLOCATED, second_agency, f"srv-baru-{host - 39}", "")
            ip.request = approved
            ip.description = approved.purpose[:300]
            rows.append(ip)
        taken = set(
            IpAddress.objects.filter(pemda=city, address__in=[r.address for r in rows]).values_list(
                "address", flat=True
            )
        )
        IpAddress.objects.bulk_create([r for r in rows if r.address not in taken])


OPD_SUBDOMAINS = 10
#: (village name, label): the full name, "desa" dropped, abbreviations, one with the kabupaten.
VILLAGES = [
    ("Desa Sukamulya", "sukamulya"),
    ("Karangsambung", "karangsambung"),
    ("Mekarsari", "mksari"),
    ("Sindangjaya", "sdjaya"),
    ("Cikahuripan", "ckahuripan-{kab}"),
]


def _domains(city, agencies, it_office, result) -> None:
    today = timezone.localdate()
    kab = kabupaten_label(city.name)
    suffix = "kab" if city.kind == "kabupaten" else "kota"
    main_name = f"{kab}{suffix}.go.id"

    def domain(name, **fields):
        row, created = Domain.objects.get_or_create(name=name, defaults=dict(pemda=city, **fields))
        result.count("domain", created)
        return row

    main = domain(
        main_name,
        kind=DomainKind.PEMDA,
        agency=it_office,
        registrar="PANDI",
        registered_on=datetime.date(2015, 3, 1),
        expires_on=today + datetime.timedelta(days=200),
        description="Domain utama pemerintah daerah",
    )
    for record_type, host, value, priority in [
        (RecordType.A, "@", "203.0.113.3", None),
        (RecordType.A, "www", "203.0.113.3", None),
        (RecordType.A, "mail", "203.0.113.5", None),
        (RecordType.MX, "@", f"mail.{main_name}", 10),
        (RecordType.TXT, "@", "v=spf1 mx -all", None),
        (RecordType.NS, "@", "ns1.kominfo.go.id", None),
        (RecordType.AAAA, "www", "2001:db8:36::3", None),
    ]:
        _record(main, record_type, host, value, priority, result)
    for index, agency in enumerate(agencies[:OPD_SUBDOMAINS]):
        label = "".join(ch for ch in (agency.short_name or f"opd{agency.pk}").lower() if ch.isalnum())
        # one sub-domain expires soon, to show the warning
        expires = today + datetime.timedelta(days=20 if index == 0 else 365 + index * 30)
        sub = domain(
            f"{label}.{main_name}",
            kind=DomainKind.OPD,
            agency=agency,
            registered_on=datetime.date(2019, 1, 15),
            expires_on=expires,
            description=f"Situs {agency.name}",
        )
        _record(sub, RecordType.A, "@", "203.0.113.4", None, result)
    for index, (village, label) in enumerate(VILLAGES):
        domain(
            f"{label.format(kab=kab)}.desa.id",
            kind=DomainKind.VILLAGE,
            village_name=village,
            kabupaten_name=city.name,
            registrar="PANDI",
            registered_on=datetime.date(2021, 6, 1),
            expires_on=today + datetime.timedelta(days=45 if index == 0 else 300),
            description=f"Situs desa {village}",
        )


def _record(domain, record_type, host, value, priority, result) -> None:
    _row, created = DnsRecord.objects.get_or_create(
        domain=domain,
        type=record_type,
        host=host,
        value=value,
        defaults=dict(pemda_id=domain.pemda_id, agency_id=domain.agency_id, priority=priority),
    )
    result.count("dns_record", created)
