"""Import of measured bandwidth use (DC-6, 002 Ps.35(2)c), with a per-row report.

Two formats:

- CSV of daily figures: `tanggal`, `kode` (the OPD's code, short name or name), `rata_rata_mbps`,
  `puncak_mbps`; "," or ";" separated, decimal point or comma.
- An SNMP counter export (MRTG/LibreNMS style CSV): `timestamp`, `interface` (the OPD's code,
  short name or name, as the interface's alias), `ifHCInOctets`, `ifHCOutOctets` (64-bit
  counters; `ifInOctets`/`ifOutOctets` are read as 32-bit). Per OPD the samples are sorted by
  time; between consecutive samples the rate is the counter delta * 8 / seconds, in and out
  taken separately and the larger one kept (the allocation binds each direction). A counter
  that went down wrapped around (delta + 2^bits) — unless that would mean an impossible rate,
  in which case the counter was reset and the sample only starts a new series. Each interval
  counts for the day it starts on: the day's average is the bits of its intervals over their
  seconds, its peak the fastest interval.

A file that cannot be read (not text, no header, a required column missing, no rows) is refused
as a whole and nothing is written. Otherwise every row is judged on its own: valid days are
saved (each in its own savepoint), a day already recorded is skipped, so a corrected file can be
imported again, and the report says for each row what happened and why.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kelola.core import access, audit, notifications
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import Agency
from kelola.core.queries import users_with_roles
from kelola.core.roles import AGENCY_ROLES
from kelola.core.services import as_refusal

from .choices import UsageClass, UsageSource
from .common import mbps_text
from .models import BandwidthUsage
from .policies import BANDWIDTH_MANAGERS
from .reports import month_report

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
#: A counter delta that would mean more than this was a reset, not a wrap-around.
MAX_PLAUSIBLE_MBPS = 100_000
#: Samples further apart than this do not make an interval (the poller was down).
MAX_INTERVAL_SECONDS = 6 * 3600
TWO = Decimal(2)

CSV_COLUMNS = {
    "date": ("tanggal", "date", "periode"),
    "agency": ("kode", "kode_perangkat_daerah", "perangkat_daerah", "nama_perangkat_daerah", "opd"),
    "average": ("rata_rata_mbps", "rata-rata_mbps", "rata_rata", "avg_mbps"),
    "peak": ("puncak_mbps", "puncak", "peak_mbps", "max_mbps"),
}
SNMP_COLUMNS = {
    "time": ("timestamp", "waktu", "time", "datetime"),
    "agency": ("interface", "ifalias", "ifname", "kode", "perangkat_daerah", "opd"),
    "in": ("ifhcinoctets", "ifinoctets"),
    "out": ("ifhcoutoctets", "ifoutoctets"),
}


@dataclass
class Report:
    created: int = 0
    skipped: int = 0
    failed: int = 0
    rows: list = field(default_factory=list)
    days: int = 0
    over_use: list = field(default_factory=list)

    def add(self, row: int, name: str, status: str, errors: dict | None = None) -> None:
        setattr(self, status, getattr(self, status) + 1)
        self.rows.append({"row": row, "name": name, "status": status, "errors": errors or {}})

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "skipped": self.skipped,
            "failed": self.failed,
            "days": self.days,
            "over_use": self.over_use,
            "rows": sorted(self.rows, key=lambda r: r["row"]),
        }


# --- reading the file -----------------------------------------------------------------------


def _malformed(message: str) -> KelolaError:
    return KelolaError(message, code=ErrorCode.INVALID, errors={"file": [message]})


def _read_table(upload, columns: dict) -> tuple[dict[str, int], list[tuple[int, list[str]]], list[str]]:
    """The header's column positions, the data rows (with their line numbers), the header."""
    raw = upload.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise _malformed(_("Berkas terlalu besar (paling besar 20 MB)."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _malformed(_("Berkas bukan CSV teks (UTF-8) yang dapat dibaca.")) from exc
    if "\x00" in text:
        raise _malformed(_("Berkas bukan CSV teks (UTF-8) yang dapat dibaca."))
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise _malformed(_("Berkas kosong atau tanpa baris judul kolom."))
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower().replace(" ", "_") for h in next(reader)]
    positions = {}
    for key, names in columns.items():
        for index, name in enumerate(header):
            if name in names:
                positions[key] = index
                break
    missing = [names[0] for key, names in columns.items() if key not in positions]
    if missing:
        raise _malformed(_("Kolom wajib tidak ditemukan: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = []
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        rows.append((number, values))
        if len(rows) > MAX_ROWS:
            raise _malformed(_("Paling banyak %(n)s baris per impor.") % {"n": MAX_ROWS})
    if not rows:
        raise _malformed(_("Berkas tidak berisi baris data."))
    return positions, rows, header


def _cell(values: list[str], positions: dict, key: str) -> str:
    index = positions[key]
    return values[index].strip() if index < len(values) else ""


def _number(text: str) -> Decimal | None:
    text = text.replace(" ", "")
    # "1.234,5" is Indonesian notation; a lone "," is a decimal comma.
    text = text.replace(".", "").replace(",", ".") if "," in text and "." in text else text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _date(text: str) -> datetime.date | None:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _timestamp(text: str) -> datetime.datetime | None:
    if text.isdigit():
        return datetime.datetime.fromtimestamp(int(text), tz=datetime.UTC)
    for candidate in (text, text.replace(" ", "T", 1)):
        try:
            value = datetime.datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return None


def _agencies(pemda_id: int) -> dict[str, Agency]:
    """The pemda's agencies by code, short name and name (lower case); a short name shared by
    two agencies does not identify either."""
    found: dict[str, Agency] = {}
    shared: set[str] = set()
    for agency in Agency.objects.filter(pemda_id=pemda_id):
        for key in {agency.code, agency.short_name, agency.name}:
            key = (key or "").strip().lower()
            if not key:
                continue
            if key in found and found[key].pk != agency.pk:
                shared.add(key)
            found[key] = agency
    for key in shared:
        found.pop(key, None)
    return found


def _check_actor(actor) -> int:
    pemda_id = getattr(actor, "pemda_id", None)
    if pemda_id is None:
        raise KelolaError(_("Akun Anda tidak terkait dengan pemda mana pun."), code=ErrorCode.FORBIDDEN)
    if not access.can(actor, "import", BandwidthUsage(pemda_id=pemda_id)):
        raise KelolaError(_("Anda tidak berwenang melakukan tindakan ini."), code=ErrorCode.FORBIDDEN)
    return pemda_id


# --- writing the days -----------------------------------------------------------------------


def _save_day(actor, pemda_id, agency, day, average, peak, source) -> str | None:
    """Save one day in its own savepoint; the reason it was not saved, or None."""
    if BandwidthUsage.objects.filter(agency=agency, period=day).exists():
        return "exists"
    usage = BandwidthUsage(
        pemda_id=pemda_id,
        agency=agency,
        period=day,
        avg_mbps=average,
        peak_mbps=peak,
        source=source,
        imported_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        usage.full_clean(exclude=["agency", "pemda", "imported_by"])
    except Exception as exc:  # ValidationError: the figures themselves are wrong
        return " ".join(as_refusal(exc).errors.get("__all__", [])) or str(as_refusal(exc).message)
    try:
        with transaction.atomic(), audit.audit_context(actor=actor):
            usage.save()
    except IntegrityError:
        return "exists"
    return None


def _exists_message() -> dict:
    return {_("Tanggal"): [_("Pemakaian pada tanggal ini sudah tercatat; dilewati.")]}


# --- daily CSV ------------------------------------------------------------------------------


def import_csv(upload, *, actor) -> dict:
    """Daily average and peak per OPD; see the module's docstring."""
    pemda_id = _check_actor(actor)
    positions, rows, _header = _read_table(upload, CSV_COLUMNS)
    agencies = _agencies(pemda_id)
    report = Report()
    seen: set[tuple[int, datetime.date]] = set()
    touched: set[tuple[int, int, int]] = set()
    for number, values in rows:
        code = _cell(values, positions, "agency")
        raw_date = _cell(values, positions, "date")
        name = f"{code} {raw_date}".strip()
        errors: dict[str, list[str]] = {}
        day = _date(raw_date)
        if day is None:
            errors[_("Tanggal")] = [_("Tanggal tidak dikenali; tulis yyyy-mm-dd atau dd-mm-yyyy.")]
        agency = agencies.get(code.lower())
        if agency is None:
            errors[_("Perangkat daerah")] = [
                _("Perangkat daerah “%(code)s” tidak ditemukan.") % {"code": code}
            ]
        figures = {}
        for key, label in (("average", _("Rata-rata")), ("peak", _("Puncak"))):
            value = _number(_cell(values, positions, key))
            if value is None:
                errors[label] = [_("Isi dengan angka Mbps.")]
            elif value < 0:
                errors[label] = [_("Tidak boleh negatif.")]
            figures[key] = value
        if not errors and figures["peak"] < figures["average"]:
            errors[_("Puncak")] = [_("Puncak tidak boleh lebih kecil dari rata-rata.")]
        if not errors and (agency.pk, day) in seen:
            errors[_("Baris")] = [_("Perangkat daerah dan tanggal yang sama sudah ada di baris sebelumnya.")]
        if errors:
            report.add(number, name, "failed", errors)
            continue
        seen.add((agency.pk, day))
        outcome = _save_day(
            actor, pemda_id, agency, day, _round(figures["average"]), _round(figures["peak"]), UsageSource.CSV
        )
        if outcome == "exists":
            report.add(number, name, "skipped", _exists_message())
        elif outcome:
            report.add(number, name, "failed", {_("Baris"): [outcome]})
        else:
            report.add(number, name, "created")
            report.days += 1
            touched.add((agency.pk, day.year, day.month))
    report.over_use = notify_over_use(pemda_id, touched)
    return report.as_dict()


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


# --- SNMP counters --------------------------------------------------------------------------


@dataclass
class Sample:
    row: int
    name: str
    time: datetime.datetime
    octets_in: int
    octets_out: int


def _counter(text: str) -> int | None:
    try:
        value = int(Decimal(text.replace(" ", "")))
    except (InvalidOperation, ValueError):
        return None
    return value if value >= 0 else None


def _delta(previous: int, current: int, bits: int) -> int:
    return current - previous if current >= previous else current + 2**bits - previous


def import_snmp(upload, *, actor) -> dict:
    """Interface counters sampled over time; see the module's docstring."""
    pemda_id = _check_actor(actor)
    positions, rows, header = _read_table(upload, SNMP_COLUMNS)
    # ifHC* columns are 64-bit counters; the plain ifInOctets/ifOutOctets 32-bit.
    bits = 64 if header[positions["in"]].startswith("ifhc") else 32
    agencies = _agencies(pemda_id)
    report = Report()
    series: dict[int, list[Sample]] = defaultdict(list)
    for number, values in rows:
        code = _cell(values, positions, "agency")
        raw_time = _cell(values, positions, "time")
        name = f"{code} {raw_time}".strip()
        errors: dict[str, list[str]] = {}
        moment = _timestamp(raw_time)
        if moment is None:
            errors[_("Waktu")] = [_("Waktu tidak dikenali; tulis yyyy-mm-dd hh:mm:ss atau detik epoch.")]
        agency = agencies.get(code.lower())
        if agency is None:
            errors[_("Antarmuka")] = [_("Perangkat daerah “%(code)s” tidak ditemukan.") % {"code": code}]
        octets = {}
        for key in ("in", "out"):
            value = _counter(_cell(values, positions, key))
            if value is None or value >= 2**bits:
                errors[key.upper()] = [_("Penghitung oktet harus bilangan bulat tidak negatif.")]
            octets[key] = value
        if errors:
            report.add(number, name, "failed", errors)
            continue
        series[agency.pk].append(Sample(number, name, moment, octets["in"], octets["out"]))
    agency_by_pk = {a.pk: a for a in agencies.values()}
    touched: set[tuple[int, int, int]] = set()
    for agency_pk, samples in series.items():
        days, outcomes = _intervals(samples, bits, report)
        for day, (total_bits, seconds, peak, rows_of_day) in sorted(days.items()):
            average = Decimal(total_bits) / Decimal(seconds) / Decimal(1_000_000)
            outcome = _save_day(
                actor,
                pemda_id,
                agency_by_pk[agency_pk],
                day,
                _round(average),
                _round(max(peak, average)),
                UsageSource.SNMP,
            )
            for sample in rows_of_day:
                if outcome == "exists":
                    report.add(sample.row, sample.name, "skipped", _exists_message())
                elif outcome:
                    report.add(sample.row, sample.name, "failed", {_("Baris"): [outcome]})
                else:
                    report.add(sample.row, sample.name, "created")
            if outcome is None:
                report.days += 1
                touched.add((agency_pk, day.year, day.month))
        for sample, status, errors in outcomes:
            report.add(sample.row, sample.name, status, errors)
    report.over_use = notify_over_use(pemda_id, touched)
    return report.as_dict()


def _intervals(samples: list[Sample], bits: int, report: Report):
    """Per day: (bits, seconds, peak Mbps, samples ending an interval of that day); and the
    outcome of the samples that start a series or are refused."""
    samples.sort(key=lambda s: (s.time, s.row))
    days: dict[datetime.date, list] = {}
    outcomes = []
    previous = None
    for sample in samples:
        if previous is None:
            outcomes.append(
                (sample, "skipped", {_("Sampel"): [_("Sampel pertama: dasar perhitungan selisih.")]})
            )
            previous = sample
            continue
        seconds = (sample.time - previous.time).total_seconds()
        if seconds <= 0:
            outcomes.append(
                (
                    sample,
                    "failed",
                    {_("Waktu"): [_("Waktu sama dengan sampel sebelumnya untuk antarmuka ini.")]},
                )
            )
            continue
        if seconds > MAX_INTERVAL_SECONDS:
            outcomes.append(
                (
                    sample,
                    "skipped",
                    {_("Waktu"): [_("Jeda terlalu panjang sejak sampel sebelumnya; dasar baru.")]},
                )
            )
            previous = sample
            continue
        delta = max(
            _delta(previous.octets_in, sample.octets_in, bits),
            _delta(previous.octets_out, sample.octets_out, bits),
        )
        mbps = Decimal(delta * 8) / Decimal(seconds) / Decimal(1_000_000)
        if mbps > MAX_PLAUSIBLE_MBPS:
            outcomes.append(
                (
                    sample,
                    "skipped",
                    {_("Penghitung"): [_("Penghitung direset (bukan berputar); dasar baru.")]},
                )
            )
            previous = sample
            continue
        day = timezone.localtime(previous.time).date()
        entry = days.setdefault(day, [0, 0.0, Decimal(0), []])
        entry[0] += delta * 8
        entry[1] += seconds
        entry[2] = max(entry[2], mbps)
        entry[3].append(sample)
        previous = sample
    return {day: (b, Decimal(str(s)), p, rows) for day, (b, s, p, rows) in days.items()}, outcomes


# --- over-use alerts ------------------------------------------------------------------------


def notify_over_use(pemda_id: int, touched: set[tuple[int, int, int]]) -> list[dict]:
    """After an import: the OPDs whose month now shows over-use, told once per month (the OPD's
    people and the bandwidth managers)."""
    from kelola.core.models import Notification

    months: dict[tuple[int, int], set[int]] = defaultdict(set)
    for agency_id, year, month in touched:
        months[(year, month)].add(agency_id)
    found, messages = [], []
    team = list(users_with_roles(pemda_id, BANDWIDTH_MANAGERS))
    for (year, month), agency_ids in sorted(months.items()):
        for row in month_report(None, year, month, pemda_id=pemda_id, agency_ids=agency_ids):
            if row.classification != UsageClass.OVER:
                continue
            label = f"{month:02d}-{year}"
            found.append({"agency": row.agency.name, "month": f"{year}-{month:02d}"})
            title = _("Pemakaian bandwidth %(agency)s melebihi alokasi (%(month)s)") % {
                "agency": row.agency.name,
                "month": label,
            }
            recipients = [*users_with_roles(pemda_id, AGENCY_ROLES, agency_id=row.agency.pk), *team]
            told = set(
                Notification.objects.filter(kind="connectivity.over_use", title=title[:255]).values_list(
                    "recipient_id", flat=True
                )
            )
            body = _("Rata-rata %(avg)s Mbps, puncak %(peak)s Mbps dari alokasi %(alloc)s Mbps.") % {
                "avg": mbps_text(row.average),
                "peak": mbps_text(row.peak),
                "alloc": mbps_text(row.allocated),
            }
            from django.urls import reverse

            url = reverse("connectivity:report") + f"?bulan={year}-{month:02d}"
            fresh = [u for u in recipients if u.pk not in told]
            if fresh:
                messages.append(
                    (
                        fresh,
                        {
                            "kind": "connectivity.over_use",
                            "title": title,
                            "body": body,
                            "url": url,
                            "pemda_id": pemda_id,
                        },
                    )
                )
    if messages:
        notifications.notify_many(messages)
    return found


def import_usage(upload, *, actor, kind: str) -> dict:
    """`kind` is "csv" or "snmp"."""
    if kind == "snmp":
        return import_snmp(upload, actor=actor)
    if kind == "csv":
        return import_csv(upload, actor=actor)
    raise _malformed(_("Format impor tidak dikenal; pilih CSV atau SNMP."))


def report_xlsx(report: dict) -> bytes:
    from kelola.core.exports import import_report_xlsx

    return import_report_xlsx(report, name_label=_("Baris data"), name_key="name")


CSV_TEMPLATE = "tanggal,kode,rata_rata_mbps,puncak_mbps\n2026-01-05,Dinkes,12.5,38.0\n"
SNMP_TEMPLATE = (
    "timestamp,interface,ifHCInOctets,ifHCOutOctets\n"
    "2026-01-05 10:00:00,Dinkes,1000000000,200000000\n"
    "2026-01-05 10:05:00,Dinkes,1450000000,260000000\n"
)
