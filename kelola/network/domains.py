"""Every change to the domain register (DC-7), with its rules and their reasons in Indonesian.

- A name is a lower-case fully qualified host name, registered once (DNS names are global).
- The pemda has at most one main domain; an OPD sub-domain sits under it
  (dinkes.contohkota.go.id under contohkota.go.id) and names its owner OPD. The main domain
  cannot be renamed or deleted while sub-domains hang under it.
- A village domain follows the desa.id rule of seed 004 Lampiran V (`domainrules`).
- DNS records: A an IPv4 address, AAAA an IPv6 address, CNAME/NS/MX a host name, MX with a
  priority; a CNAME stands alone at its host and never at the apex; no duplicate record.
- `expiry_reminders` (run daily) tells the IT office which domains expire within 60 days.
"""

from __future__ import annotations

import datetime
import ipaddress
import re

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kelola.core import audit
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.roles import Role
from kelola.core.services import delete_audited, ensure, refusals_logged, require_same_pemda, save_validated

from .choices import DomainKind, DomainStatus, RecordType
from .domainrules import fqdn_problems, is_hostname, village_domain_problems
from .models import DnsRecord, Domain
from .services import _insert

EXPIRY_WARNING_DAYS = 60
#: Who hears about expiring domains: the IT office's infrastructure people.
EXPIRY_RECIPIENT_ROLES = frozenset({Role.DATACENTER, Role.INFRASTRUCTURE, Role.GCIO})
HOST_LABEL = re.compile(r"^(\*|_?[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?)$")


# --- domains --------------------------------------------------------------------------------


def clean_name(name: str) -> str:
    return (name or "").strip().lower().rstrip(".")


def main_domain(pemda_id: int) -> Domain | None:
    return Domain.objects.filter(pemda_id=pemda_id, kind=DomainKind.PEMDA).first()


def _refuse(errors: dict, code: ErrorCode = ErrorCode.INVALID) -> None:
    if errors:
        message = " ".join(str(m) for problems in errors.values() for m in problems)
        raise KelolaError(message, code=code, errors=errors)


def _check_domain(pemda, values: dict, exclude_pk=None) -> None:
    name = values["name"]
    errors: dict[str, list] = {}
    problems = fqdn_problems(name)
    if problems:
        _refuse({"name": problems})
    kind = values["kind"]
    if kind == DomainKind.OPD:
        main = main_domain(pemda.pk)
        if main is None:
            errors.setdefault("name", []).append(
                _("Daftarkan dulu domain utama pemda sebelum sub-domain perangkat daerah.")
            )
        elif not name.endswith("." + main.name):
            errors.setdefault("name", []).append(
                _(
                    "Sub-domain perangkat daerah harus berada di bawah domain utama pemda "
                    "(%(main)s), misalnya dinkes.%(main)s."
                )
                % {"main": main.name}
            )
        if values.get("agency") is None:
            errors.setdefault("agency", []).append(_("Pilih perangkat daerah pemilik sub-domain."))
    elif kind == DomainKind.VILLAGE:
        problems = village_domain_problems(
            name, values.get("village_name", ""), values.get("kabupaten_name") or pemda.name
        )
        if problems:
            errors.setdefault("name", []).extend(problems)
    elif kind == DomainKind.PEMDA:
        others = Domain.objects.filter(pemda=pemda, kind=DomainKind.PEMDA).exclude(pk=exclude_pk)
        if others.exists():
            errors.setdefault("kind", []).append(_("Pemda ini sudah memiliki domain utama."))
    registered, expires = values.get("registered_on"), values.get("expires_on")
    if registered and expires and expires < registered:
        errors.setdefault("expires_on", []).append(
            _("Tanggal kedaluwarsa tidak boleh sebelum tanggal registrasi.")
        )
    _refuse(errors)
    if Domain.objects.filter(name=name).exclude(pk=exclude_pk).exists():
        message = _("Nama domain %(name)s sudah terdaftar.") % {"name": name}
        _refuse({"name": [message]}, code=ErrorCode.CONFLICT)


def domain_create(
    *,
    actor,
    pemda,
    name: str,
    kind: str = DomainKind.OPD,
    agency=None,
    village_name: str = "",
    kabupaten_name: str = "",
    registrar: str = "",
    registered_on: datetime.date | None = None,
    expires_on: datetime.date | None = None,
    status: str = DomainStatus.ACTIVE,
    description: str = "",
) -> Domain:
    values = dict(
        kind=kind,
        name=clean_name(name),
        agency=agency,
        village_name=village_name.strip(),
        kabupaten_name=kabupaten_name.strip(),
        registrar=registrar,
        registered_on=registered_on,
        expires_on=expires_on,
        status=status,
        description=description,
    )
    probe = Domain(pemda=pemda, agency=agency, name=values["name"])
    with refusals_logged(actor, "add", probe, Domain), transaction.atomic():
        ensure(actor, "add", probe)
        require_same_pemda(pemda.pk, agency=agency)
        _check_domain(pemda, values)
        return _insert(Domain, actor=actor, pemda=pemda, **values)


def domain_update(domain: Domain, *, actor, **data) -> Domain:
    data.pop("pemda", None)
    with refusals_logged(actor, "change", domain), transaction.atomic():
        stored = Domain.objects.select_for_update().select_related("pemda").get(pk=domain.pk)
        ensure(actor, "change", stored)
        require_same_pemda(stored.pemda_id, agency=data.get("agency"))
        if "name" in data:
            data["name"] = clean_name(data["name"])
        for text in ("village_name", "kabupaten_name"):
            if text in data:
                data[text] = (data[text] or "").strip()
        values = {
            field: data.get(field, getattr(stored, field))
            for field in (
                "kind",
                "name",
                "agency",
                "village_name",
                "kabupaten_name",
                "registered_on",
                "expires_on",
            )
        }
        _check_domain(stored.pemda, values, exclude_pk=stored.pk)
        renamed = values["name"] != stored.name or values["kind"] != DomainKind.PEMDA
        if stored.kind == DomainKind.PEMDA and renamed and _sub_domains(stored).exists():
            message = _("Domain utama yang sudah memiliki sub-domain tidak dapat diganti nama atau jenisnya.")
            _refuse({"name": [message]}, code=ErrorCode.CONFLICT)
        old_agency = stored.agency_id
        save_validated(stored, actor=actor, data=data)
        if stored.agency_id != old_agency:
            DnsRecord.objects.filter(domain=stored).update(agency_id=stored.agency_id)
    return stored


def _sub_domains(main: Domain):
    return Domain.objects.filter(pemda_id=main.pemda_id, kind=DomainKind.OPD, name__endswith="." + main.name)


def domain_delete(domain: Domain, *, actor) -> None:
    with refusals_logged(actor, "delete", domain), transaction.atomic():
        stored = Domain.objects.select_for_update().get(pk=domain.pk)
        ensure(actor, "delete", stored)
        if stored.kind == DomainKind.PEMDA and _sub_domains(stored).exists():
            raise KelolaError(
                _("Domain utama yang masih memiliki sub-domain perangkat daerah tidak dapat dihapus."),
                code=ErrorCode.CONFLICT,
            )
        delete_audited(stored, actor=actor)


# --- DNS records ----------------------------------------------------------------------------


def _relative_host(host: str, domain_name: str) -> str:
    host = (host or "").strip().lower().rstrip(".") or "@"
    if host == domain_name:
        return "@"
    if host.endswith("." + domain_name):
        return host[: -len(domain_name) - 1]
    return host


def record_problems(record_type: str, host: str, value: str, priority) -> dict[str, list]:
    """Field errors of one record (the host already relative to its domain)."""
    errors: dict[str, list] = {}
    if host != "@" and (len(host) > 200 or not all(HOST_LABEL.match(label) for label in host.split("."))):
        errors["host"] = [_("Host tidak sah: gunakan “@” atau nama seperti “www” atau “mail”.")]
    if not value:
        errors["value"] = [_("Nilai rekaman wajib diisi.")]
    elif record_type == RecordType.A:
        try:
            ipaddress.IPv4Address(value)
        except ValueError:
            errors["value"] = [_("Rekaman A harus berisi alamat IPv4, misalnya 203.0.113.10.")]
    elif record_type == RecordType.AAAA:
        try:
            ipaddress.IPv6Address(value)
        except ValueError:
            errors["value"] = [_("Rekaman AAAA harus berisi alamat IPv6, misalnya 2001:db8::10.")]
    elif record_type in (RecordType.CNAME, RecordType.NS, RecordType.MX):
        if not is_hostname(value):
            errors["value"] = [
                _("Rekaman %(type)s harus berisi nama host, misalnya mail.contohkota.go.id.")
                % {"type": record_type}
            ]
    elif record_type == RecordType.TXT and any(ord(c) < 32 for c in value):
        errors["value"] = [_("Rekaman TXT tidak boleh berisi karakter kendali.")]
    if record_type == RecordType.MX and priority is None:
        errors["priority"] = [_("Rekaman MX wajib memiliki prioritas (0-65535).")]
    if record_type != RecordType.MX and priority is not None:
        errors["priority"] = [_("Prioritas hanya untuk rekaman MX.")]
    if record_type == RecordType.CNAME and host == "@":
        errors["host"] = [_("CNAME tidak boleh dipasang pada domain itu sendiri (“@”).")]
    return errors


def _normalise_value(record_type: str, value: str) -> str:
    value = (value or "").strip()
    if record_type in (RecordType.CNAME, RecordType.NS, RecordType.MX):
        return value.lower().rstrip(".")
    if record_type in (RecordType.A, RecordType.AAAA):
        try:
            return str(ipaddress.ip_address(value))
        except ValueError:
            return value
    return value


def _check_record(domain: Domain, values: dict, exclude_pk=None) -> None:
    errors = record_problems(values["type"], values["host"], values["value"], values["priority"])
    _refuse(errors)
    same_host = DnsRecord.objects.filter(domain=domain, host=values["host"]).exclude(pk=exclude_pk)
    if values["type"] == RecordType.CNAME and same_host.exists():
        _refuse(
            {"host": [_("CNAME tidak boleh berdampingan dengan rekaman lain pada host yang sama.")]},
            ErrorCode.CONFLICT,
        )
    if values["type"] != RecordType.CNAME and same_host.filter(type=RecordType.CNAME).exists():
        _refuse({"host": [_("Host ini sudah memiliki CNAME; hapus dulu CNAME-nya.")]}, ErrorCode.CONFLICT)
    if same_host.filter(type=values["type"], value=values["value"]).exists():
        _refuse({"value": [_("Rekaman yang sama sudah ada.")]}, ErrorCode.CONFLICT)


def record_create(
    *, actor, domain: Domain, type: str, value: str, host: str = "@", priority=None, ttl: int = 3600
) -> DnsRecord:
    values = dict(
        type=type,
        host=_relative_host(host, domain.name),
        value=_normalise_value(type, value),
        priority=priority,
        ttl=ttl,
    )
    probe = DnsRecord(pemda_id=domain.pemda_id, agency_id=domain.agency_id, domain=domain)
    with refusals_logged(actor, "add", probe, DnsRecord), transaction.atomic():
        ensure(actor, "add", probe)
        _check_record(domain, values)
        return _insert(
            DnsRecord,
            actor=actor,
            pemda_id=domain.pemda_id,
            agency_id=domain.agency_id,
            domain=domain,
            **values,
        )


def record_update(record: DnsRecord, *, actor, **data) -> DnsRecord:
    data.pop("domain", None)  # a record stays with its domain
    with refusals_logged(actor, "change", record), transaction.atomic():
        stored = DnsRecord.objects.select_for_update().select_related("domain").get(pk=record.pk)
        ensure(actor, "change", stored)
        values = {f: data.get(f, getattr(stored, f)) for f in ("type", "host", "value", "priority", "ttl")}
        values["host"] = _relative_host(values["host"], stored.domain.name)
        values["value"] = _normalise_value(values["type"], values["value"])
        _check_record(stored.domain, values, exclude_pk=stored.pk)
        save_validated(stored, actor=actor, data=values)
    return stored


def record_delete(record: DnsRecord, *, actor) -> None:
    with refusals_logged(actor, "delete", record), transaction.atomic():
        stored = DnsRecord.objects.select_for_update().get(pk=record.pk)
        ensure(actor, "delete", stored)
        delete_audited(stored, actor=actor)


# --- expiry ---------------------------------------------------------------------------------


def expiring_q(today: datetime.date | None = None, days: int = EXPIRY_WARNING_DAYS) -> Q:
    """Domains whose expiry date falls within `days` (or has passed while not marked expired)."""
    today = today or timezone.localdate()
    return Q(expires_on__isnull=False, expires_on__lte=today + datetime.timedelta(days=days)) & ~Q(
        status=DomainStatus.EXPIRED
    )


def mark_expired(today: datetime.date | None = None) -> int:
    """Switch every domain whose expiry date has passed to "expired", one audited save each
    (no person acts: the audit entry says why). Returns how many were switched."""
    today = today or timezone.localdate()
    switched = 0
    for domain in Domain.objects.filter(expires_on__lt=today).exclude(status=DomainStatus.EXPIRED):
        with transaction.atomic(), audit.audit_context(comment=_("Lewat tanggal kedaluwarsa")):
            domain.status = DomainStatus.EXPIRED
            domain.save(update_fields=["status", "updated_at"])
        switched += 1
    return switched


def expiry_reminders(today: datetime.date | None = None) -> dict:
    """One notification per pemda to its IT office people listing the domains that expire
    within 60 days. Returns {"pemda": n, "domains": n, "notifications": n}."""
    from django.urls import reverse

    from kelola.core.notifications import notify
    from kelola.core.queries import users_with_roles

    today = today or timezone.localdate()
    due = Domain.objects.filter(expiring_q(today)).order_by("pemda_id", "expires_on", "name")
    by_pemda: dict[int, list[Domain]] = {}
    for domain in due:
        by_pemda.setdefault(domain.pemda_id, []).append(domain)
    sent = 0
    url = reverse("network:domain_list") + "?expiring=true"
    for pemda_id, domains in by_pemda.items():
        lines = []
        for domain in domains:
            left = (domain.expires_on - today).days
            if left < 0:
                lines.append(
                    _("%(name)s: sudah lewat %(n)s hari (%(date)s)")
                    % {"name": domain.name, "n": -left, "date": domain.expires_on.isoformat()}
                )
            else:
                lines.append(
                    _("%(name)s: %(n)s hari lagi (%(date)s)")
                    % {"name": domain.name, "n": left, "date": domain.expires_on.isoformat()}
                )
        title = _("%(n)s domain akan kedaluwarsa dalam %(days)s hari") % {
            "n": len(domains),
            "days": EXPIRY_WARNING_DAYS,
        }
        recipients = users_with_roles(pemda_id, EXPIRY_RECIPIENT_ROLES)
        sent += len(
            notify(
                recipients,
                kind="network.domain_expiry",
                title=title,
                body="\n".join(lines),
                url=url,
                pemda_id=pemda_id,
            )
        )
    return {"pemda": len(by_pemda), "domains": sum(map(len, by_pemda.values())), "notifications": sent}
