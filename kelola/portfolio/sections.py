"""The repeatable tables of the registration form (004 Lamp.II), declared once.

Each `Section` lists its columns; from that one declaration come the edit form (a formset),
the API's validation, the detail page's tables, the printed form and the XLSX export.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from . import reference


@dataclass(frozen=True)
class SectionColumn:
    name: str
    label: str
    kind: str = "text"  # text | long | choice | int | date | email
    choices: tuple = ()
    required: bool = False

    def form_field(self) -> forms.Field:
        field = self._bare_field()
        css = "form-select form-select-sm" if self.kind == "choice" else "form-control form-control-sm"
        field.widget.attrs.update({"class": css, "aria-label": str(self.label)})
        return field

    def _bare_field(self) -> forms.Field:
        common = {"label": self.label, "required": self.required}
        if self.kind == "choice":
            return forms.ChoiceField(choices=[("", "—"), *self.choices], **common)
        if self.kind == "int":
            return forms.IntegerField(min_value=0, max_value=1_000_000, **common)
        if self.kind == "date":
            return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
        if self.kind == "email":
            return forms.EmailField(max_length=200, **common)
        if self.kind == "long":
            return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 1}), **common)
        return forms.CharField(max_length=300, **common)

    def display(self, value) -> str:
        if value in (None, ""):
            return ""
        if self.kind == "choice":
            return str(dict(self.choices).get(value, value))
        return str(value)


@dataclass(frozen=True)
class Section:
    key: str
    part: str  # the form's numbering, e.g. "A.8"
    title: str
    columns: tuple[SectionColumn, ...]
    min_rows: int = 0
    help_text: str = ""

    def column(self, name: str) -> SectionColumn | None:
        return next((c for c in self.columns if c.name == name), None)

    def form_class(self) -> type[forms.Form]:
        return _form_class(self)

    def row_text(self, data: dict) -> str:
        """What a row says, for search and overlap detection: the labels of choices, not keys."""
        return " ".join(filter(None, (c.display(data.get(c.name)) for c in self.columns)))


def _col(name, label, kind="text", choices=(), required=False) -> SectionColumn:
    return SectionColumn(name, label, kind, tuple(choices), required)


SECTIONS: tuple[Section, ...] = (
    Section(
        "function",
        "A.8",
        _("Fungsi utama"),
        (_col("name", _("Fungsi sistem"), required=True), _col("note", _("Keterangan"), "long")),
        min_rows=1,
        help_text=_("Fungsi (fitur) yang dimiliki sistem elektronik; minimal satu."),
    ),
    Section(
        "scope",
        "A.9",
        _("Ruang lingkup"),
        (
            _col("sector", _("Ruang lingkup"), "choice", reference.SECTORS, required=True),
            _col("other", _("Sektor lainnya")),
        ),
        min_rows=1,
        help_text=_("Kategori ruang lingkup menurut UU 25/2009; minimal satu."),
    ),
    Section(
        "service_type",
        "A.10",
        _("Jenis layanan"),
        (
            _col("kind", _("Jenis layanan"), "choice", reference.SERVICE_TYPES, required=True),
            _col("note", _("Keterangan"), "long"),
        ),
        min_rows=1,
    ),
    Section(
        "security",
        "A.11",
        _("Sistem pengamanan"),
        (_col("name", _("Nama sistem pengamanan"), required=True), _col("note", _("Keterangan"), "long")),
    ),
    Section(
        "related",
        "A.12",
        _("Sistem terkait"),
        (_col("name", _("Nama sistem terkait"), required=True), _col("note", _("Keterangan"), "long")),
    ),
    Section(
        "certificate",
        "A.13",
        _("Sertifikasi"),
        (
            _col("name", _("Nama sertifikat"), required=True),
            _col("issuer", _("Institusi penerbit"), required=True),
            _col("issued_on", _("Tanggal terbit"), "date"),
            _col("valid_from", _("Tanggal mulai berlaku"), "date"),
            _col("valid_until", _("Tanggal habis berlaku"), "date"),
            _col("number", _("No. sertifikat")),
            _col("scope", _("Ruang lingkup")),
        ),
    ),
    Section(
        "user_group",
        "A.14",
        _("Pengguna layanan"),
        (_col("kind", _("Jenis pengguna"), required=True), _col("note", _("Keterangan"), "long")),
    ),
    Section(
        "hardware",
        "C.1",
        _("Perangkat keras utama"),
        (
            _col("kind", _("Jenis"), "choice", reference.HARDWARE_KINDS, required=True),
            _col("ownership", _("Pemilik"), "choice", reference.OWNERSHIP, required=True),
            _col("data_center_provider", _("Penyedia data center")),
            _col("bandwidth", _("Bandwidth")),
            _col("quantity", _("Jumlah"), "int"),
            _col("model", _("Tipe")),
            _col("processor", _("Prosesor")),
            _col("disk", _("Kapasitas harddisk")),
            _col("memory", _("Memori")),
        ),
        min_rows=1,
    ),
    Section(
        "network_device",
        "C.2",
        _("Perangkat jaringan"),
        (
            _col("kind", _("Jenis"), "choice", reference.NETWORK_DEVICE_KINDS, required=True),
            _col("model", _("Tipe")),
            _col("note", _("Keterangan")),
        ),
    ),
    Section(
        "special_device",
        "C.2.1",
        _("Perangkat khusus"),
        (_col("kind", _("Jenis"), required=True), _col("model", _("Tipe")), _col("note", _("Keterangan"))),
    ),
    Section(
        "software",
        "D.1",
        _("Perangkat lunak utama"),
        (
            _col("name", _("Nama"), required=True),
            _col("kind", _("Jenis perangkat lunak"), "choice", reference.SOFTWARE_KINDS, required=True),
            _col("provider", _("Penyedia perangkat lunak")),
        ),
        min_rows=1,
    ),
    Section(
        "supporting_software",
        "D.2",
        _("Perangkat lunak pendukung"),
        (
            _col("kind", _("Jenis perangkat lunak"), required=True),
            _col("name", _("Deskripsi (nama aplikasi)")),
        ),
    ),
    Section(
        "expert_needed",
        "E.1",
        _("Tenaga ahli yang dibutuhkan"),
        (
            _col("profession", _("Jenis"), "choice", reference.PROFESSIONS, required=True),
            _col("count", _("Jumlah"), "int", required=True),
            _col("competence", _("Kompetensi")),
        ),
    ),
    Section(
        "expert_available",
        "E.2",
        _("Ketersediaan tenaga ahli"),
        (
            _col("profession", _("Jenis"), "choice", reference.PROFESSIONS, required=True),
            _col("count", _("Jumlah"), "int", required=True),
            _col("status", _("Status"), "choice", reference.EMPLOYMENT_STATUS, required=True),
        ),
    ),
    Section(
        "legal_basis",
        "F.1",
        _("Dasar hukum"),
        (
            _col("name", _("Nama dasar hukum"), required=True),
            _col("number", _("Nomor")),
            _col("year", _("Tahun diterbitkan"), "int"),
            _col("about", _("Tentang")),
        ),
    ),
    Section(
        "sop", "F.2", _("SOP"), (_col("name", _("Nama SOP"), required=True), _col("note", _("Keterangan")))
    ),
    Section(
        "helpdesk",
        "H",
        _("Help desk"),
        (
            _col("name", _("Nama lengkap"), required=True),
            _col("phone", _("No. telepon")),
            _col("fax", _("Fax")),
            _col("email", _("E-mail"), "email"),
        ),
    ),
)

SECTIONS_BY_KEY = {s.key: s for s in SECTIONS}
SECTION_CHOICES = [(s.key, s.title) for s in SECTIONS]


def section_for(key: str) -> Section | None:
    return SECTIONS_BY_KEY.get(key)


_FORM_CLASSES: dict[str, type[forms.Form]] = {}


def _form_class(section: Section) -> type[forms.Form]:
    if section.key not in _FORM_CLASSES:
        attrs = {column.name: column.form_field() for column in section.columns}
        _FORM_CLASSES[section.key] = type(
            f"{section.key.title().replace('_', '')}RowForm", (forms.Form,), attrs
        )
    return _FORM_CLASSES[section.key]


def clean_row(section: Section, raw: dict) -> tuple[dict | None, dict]:
    """Validate one row; returns (cleaned JSON-ready data, errors by column)."""
    unknown = set(raw) - {c.name for c in section.columns}
    form = section.form_class()(data={k: ("" if v is None else v) for k, v in raw.items()})
    if not form.is_valid() or unknown:
        errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        for name in sorted(unknown):
            errors[name] = [str(_("Kolom ini tidak dikenal."))]
        return None, errors
    return {
        name: _json_value(value) for name, value in form.cleaned_data.items() if value not in (None, "")
    }, {}


def _json_value(value):
    import datetime

    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
