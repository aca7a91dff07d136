"""Pure rules of domain names (DC-7): host names, and the desa.id rule of seed 004 Lampiran V.

Lampiran V: a village's website is `<village name, or its abbreviation>.desa.id`
(Desa Karangsambung: karangsambung.desa.id); the same village name already used elsewhere
takes an abbreviation (krsambung.desa.id), optionally with its kabupaten
(krsambung-kebumen.desa.id). The note after it: a name may be used only while no other village
uses it (the register refuses duplicates).

Here a label is accepted when it is the village name lower-cased without spaces or
punctuation (optionally without the word "desa"), or an abbreviation of it (its characters in
order, at least 3, starting with the same letter), optionally followed by `-<kabupaten>`.
No database access: these functions are tested with plain parameters.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

VILLAGE_SUFFIX = "desa.id"
LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
#: Words dropped from the front of a kabupaten/kota name ("Pemerintah Kabupaten Kebumen" → kebumen).
REGION_WORDS = ("pemerintah", "pemkab", "pemkot", "kabupaten", "kab", "kota")
MIN_ABBREVIATION = 3


def normalise(text: str) -> str:
    """Lower case, accents removed, only letters and digits kept."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return [w for w in re.split(r"[^a-z0-9]+", plain) if w]


def village_names(village: str) -> list[str]:
    """The accepted full forms of a village name: with and without a leading word "desa"."""
    words = _words(village)
    names = ["".join(words)]
    if len(words) > 1 and words[0] == "desa":
        names.append("".join(words[1:]))
    return [n for n in dict.fromkeys(names) if n]


def kabupaten_label(kabupaten: str) -> str:
    words = _words(kabupaten)
    while len(words) > 1 and words[0] in REGION_WORDS:
        words = words[1:]
    return "".join(words)


def is_abbreviation(label: str, name: str) -> bool:
    """`label` keeps characters of `name` in order, is at least 3 long and starts alike."""
    if len(label) < MIN_ABBREVIATION or not name or label[0] != name[0]:
        return False
    rest = iter(name)
    return all(char in rest for char in label)


def fqdn_problems(name: str) -> list[str]:
    """A fully qualified host name: at least two labels of letters, digits and hyphens (1-63
    characters, no hyphen at either end), 253 characters at most, a top-level label of letters."""
    problems = []
    if not name:
        return [_("Nama domain wajib diisi.")]
    if name != name.lower():
        problems.append(_("Nama domain harus huruf kecil."))
    if len(name) > 253:
        problems.append(_("Nama domain paling panjang 253 karakter."))
    labels = name.lower().split(".")
    if len(labels) < 2:
        problems.append(_("Nama domain harus terdiri atas sedikitnya dua bagian, misalnya contoh.go.id."))
    for label in labels:
        if not label:
            problems.append(_("Nama domain tidak boleh berisi bagian kosong (titik ganda atau di ujung)."))
            break
        if len(label) > 63 or not LABEL.match(label):
            problems.append(
                _(
                    "Bagian “%(label)s” tidak sah: hanya huruf, angka dan tanda hubung, paling "
                    "panjang 63 karakter, tidak diawali atau diakhiri tanda hubung."
                )
                % {"label": label}
            )
    if labels and labels[-1] and not labels[-1].isalpha():
        problems.append(_("Bagian terakhir nama domain harus berupa huruf."))
    return problems


def is_hostname(value: str) -> bool:
    return not fqdn_problems(value.rstrip(".").lower())


def village_domain_problems(domain: str, village: str, kabupaten: str = "") -> list[str]:
    """Why `domain` breaks the desa.id rule for the village `village` of `kabupaten` (empty
    when it follows it)."""
    domain = (domain or "").strip()
    if not normalise(village):
        return [_("Nama desa wajib diisi untuk domain desa.")]
    suffix = "." + VILLAGE_SUFFIX
    if domain != domain.lower():
        return [_("Nama domain harus huruf kecil.")]
    if not domain.endswith(suffix):
        return [_("Domain desa harus berakhiran .desa.id, misalnya karangsambung.desa.id.")]
    label = domain[: -len(suffix)]
    if "." in label:
        return [_("Domain desa hanya satu bagian sebelum .desa.id (tanpa sub-domain).")]
    if not 3 <= len(label) <= 63 or not LABEL.match(label):
        return [
            _(
                "Nama “%(label)s” tidak sah: 3-63 karakter, hanya huruf, angka dan tanda hubung, "
                "tidak diawali atau diakhiri tanda hubung."
            )
            % {"label": label}
        ]
    base, _dash, region = label.partition("-")
    problems = []
    if region:
        expected = kabupaten_label(kabupaten)
        if not expected:
            problems.append(_("Nama kabupaten/kota wajib diisi untuk domain desa dengan akhiran kabupaten."))
        elif region != expected:
            problems.append(
                _("Akhiran “-%(region)s” harus nama kabupaten/kota: “-%(expected)s”.")
                % {"region": region, "expected": expected}
            )
    names = village_names(village)
    if not any(base == name or is_abbreviation(base, name) for name in names):
        problems.append(
            _(
                "“%(base)s” bukan nama desa “%(village)s” (%(name)s) atau singkatannya: singkatan "
                "memakai huruf nama desa secara berurutan, sedikitnya 3 huruf, diawali huruf yang sama."
            )
            % {"base": base, "village": village, "name": names[0]}
        )
    return problems
