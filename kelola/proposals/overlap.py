"""Overlap (duplicate) detection for IT proposals and electronic systems.

Before a proposal is approved the reviewer must see similar existing applications and similar
proposals of other agencies (same function, same data), with the reason each matched. This module
works on plain data (:class:`Profile`), so it can be fed from models, imports or tests alike.

Method, tuned for Indonesian:

* text is lower-cased, stripped of punctuation and digits, and split into words;
* every word gets a light Indonesian stem (prefixes meN-/peN-/ber-/ter-/di-/ke-/per-, suffixes
  -kan/-an/-i and particles), checked against a small list of known roots so that e.g.
  ``pendaftaran`` → ``daftar``, ``perizinan`` → ``izin``, ``kepegawaian`` → ``pegawai``;
* multi-word phrases and single words are mapped to one canonical concept through a synonym table
  (``antrian``/``antrean``/``nomor antrean``; ``registrasi``/``pendaftaran``; ``SIMPEG``/``ASN``...);
* stopwords (function words and words every application has: *sistem*, *aplikasi*, *layanan*,
  *online*...) are dropped and generic feature words (*kelola*, *laporan*, *cetak*...) down-weighted;
* the score blends an IDF-weighted cosine over all text, the best-matching pairs of "units" (the
  name and each main function) and of data sets; it is lowered when both profiles name what their
  service does but name different things (*izin reklame* vs *pajak reklame*), and finally modulated
  by the shared sector and service type.

Document frequencies are computed over the profiles taken into account in one call (the candidates
plus the target in :func:`similar`, the pair itself in :func:`score`) and smoothed, so a pair scores
about the same in both.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["DEFAULT_THRESHOLD", "Match", "Profile", "score", "similar"]


@dataclass(frozen=True)
class Profile:
    key: str  # e.g. "system:12" or "proposal:7"
    title: str  # name of the app / proposal title
    description: str = ""  # free text (description, needs, output...)
    functions: tuple[str, ...] = ()  # main functions (fitur), free text each
    data: tuple[str, ...] = ()  # data sets it manages (e.g. "data penduduk", "NIK")
    sectors: frozenset[str] = frozenset()  # sector codes, e.g. {"health"}
    service_types: frozenset[str] = frozenset()  # e.g. {"registration", "payment"}
    agency: str = ""  # owner agency id/name (informational)


@dataclass(frozen=True)
class Match:
    key: str
    score: float  # 0..1
    reasons: tuple[str, ...]  # human-readable, Indonesian


#: Score at/above which a pair is reported as a likely overlap (tuned on tests/overlap_pairs.py).
DEFAULT_THRESHOLD: float = 0.35

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------


def _split(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Function words and words that every application description contains.
_STOPWORDS = _split(
    """
    yang dan di ke dari untuk dengan pada atau ini itu secara oleh dalam bagi akan dapat bisa agar
    sebagai serta juga tersebut adalah ialah melalui tentang terhadap antar antara para setiap tiap
    seluruh semua sudah telah belum masih harus lebih sangat hal guna mana nya pun lah kah tsb dll
    dsb sbg yg dgn utk pd dr dst atas bawah baru lama lain lainnya berupa yaitu yakni misalnya
    sehingga karena jika bila apabila saat ketika sesuai tanpa per sendiri bersama ada adanya kami
    kita mereka anda sistem system aplikasi app apps informasi information layanan pelayanan
    service services online daring luring elektronik electronic digital digitalisasi e si sim data
    berbasis basis web website situs android ios mobile smart cerdas terpadu terintegrasi integrasi
    terpusat pusat modul fitur menu platform kota kabupaten kab provinsi prov pemda pemkot pemkab
    pemprov pemerintah daerah kecamatan desa kelurahan opd perangkat the and of for to in on a an
    new baru tahun bulan hari satu dua tiga el tidak bukan jangan lagi hanya masing mulai hingga
    sampai sejak kepada bahwa tentang banyak sedang
    """
)

#: Feature words every application has: they count, but little.
_GENERIC = _split(
    """
    kelola lapor pantau rekap cetak input isi entri unduh unggah upload download cari lihat tampil
    akun login pengguna user admin verifikasi validasi notifikasi dasbor dashboard grafik riwayat
    status cek edit hapus tambah ubah ekspor impor sinkron api laporan dinas kantor instansi
    masyarakat warga publik umum proses kegiatan program dokumen formulir form berkas mohon terbit
    catat kirim terima buat susun olah giat portal
    """
)

#: Concepts that name what a service does for its user. Two profiles that each name some of these but
#: share none do something different with the same object ("izin reklame" vs "pajak reklame").
_SERVICE_CONCEPTS = _split(
    """
    izin bayar pajak retribusi daftar adu antre hadir gaji sewa tiket pengadaan survei
    """
)

#: Roots the stemmer must not cut further (checked after each stripping step).
_ROOTS = _split(
    """
    adu aduan antre antri aset bayar daftar izin ijin pajak pegawai pasien penduduk sekolah siswa
    murid surat arsip anggaran kendaraan bencana parkir pangan peserta berkas berita kelola dinas
    disposisi diklat distribusi pelajar perawat pemilik pedagang petani penyakit pekerja pengusaha
    perusahaan perempuan pemuda penumpang pelanggan pendapatan penghasilan pemadam tenaga kesehatan
    pelatihan pariwisata peternakan perikanan pertanian perpustakaan pustaka pertanahan perumahan
    permukiman kinerja keluarga kelahiran kematian kecamatan kelurahan keuangan kebakaran
    kebersihan keamanan keramaian kepala kerja karir kartu kas kasus kesra tani ikan ternak hewan
    obat gizi rapor nilai guru taman jalan lampu sampah air limbah udara tanah lahan makam rumah
    gedung aula pasar harga retribusi tiket wisata hotel sewa pinjam jadwal rujuk vaksin lahir mati
    nikah usaha umkm pupuk reklame bangunan rawat laut pantai sungai banjir kebun hutan desa camat
    lurah dokter bidan posyandu puskesmas klinik balita pemerintah peraturan pengaduan penerimaan
    perjalanan persediaan pengadaan perencanaan pembangunan pengawasan penduduk pemakaman
    """
)

#: concept: words or phrases that mean it (phrases are matched on stems, longest first).
_SYNONYM_TABLE = """
antre: antre, antrean, antrian, antri, queue, nomor antrean, nomor antrian, nomor urut, antrean online
daftar: daftar, pendaftaran, registrasi, register, registration, pendaftar, mendaftar, reservasi\
 pasien
izin: izin, ijin, perizinan, perijinan, lisensi, licensing, permit, nonperizinan, non perizinan
adu: aduan, pengaduan, adu, keluhan, komplain, complaint, laporan warga, laporan masyarakat,\
 pelaporan masyarakat, lapor warga, aspirasi, sp4n, whistleblowing
bayar: bayar, pembayaran, payment, billing, kode billing, tagihan,\
 non tunai, nontunai, qris, cashless, pelunasan
pajak: pajak, perpajakan, wajib pajak, tax, etax
retribusi: retribusi
pegawai: pegawai, kepegawaian, asn, pns, pppk, sdm, sumber daya manusia, aparatur, aparatur sipil\
 negara, karyawan, simpeg, sapk, siasn
pasien: pasien, =berobat, patient
faskes: puskesmas, klinik, faskes, fasilitas kesehatan, rumah sakit, rs, rsud, poliklinik, poli,\
 pustu, simpus, simrs, klinik pratama, fasyankes
sehat: sehat, kesehatan, health
siswa: siswa, murid, peserta didik, pelajar, student, calon siswa, calon peserta didik
sekolah: sekolah, sd, smp, sma, paud, tk, satuan pendidikan, madrasah
surat: surat, persuratan, naskah dinas, tata naskah, tata naskah dinas, nota dinas, surat masuk,\
 surat keluar, surat menyurat, eoffice, e office, office, srikandi, tnde
suket: surat keterangan, surat pengantar, sktm, keterangan domisili, surat domisili, suket,\
 keterangan tidak mampu, pengantar rt
arsip: arsip, kearsipan, pengarsipan, archive, arsiparis, arsip dinamis, arsip statis
anggaran: keuangan, anggaran, apbd, penganggaran, budget, penatausahaan, simda, sipd, sipkd,\
 akuntansi, belanja daerah, keuangan daerah, pengelolaan keuangan, bku, spj, sp2d, spm
aset: aset, asset, barang milik daerah, bmd, inventaris, inventarisasi, simbada, barang daerah,\
 kib, kartu inventaris barang
penduduk: penduduk, kependudukan, nik, ktp, ektp, ktp el, kartu keluarga, kk, adminduk, dukcapil,\
 siak, catatan sipil, capil, nomor induk kependudukan, kartu tanda penduduk, biodata penduduk
akta: akta, akte, akta kelahiran, akte kelahiran
kendaraan: kendaraan, mobil, motor, armada, ranmor, kendaraan bermotor, vehicle
bencana: bencana, kebencanaan, disaster, bpbd, tanggap darurat, kejadian bencana
umkm: umkm, ukm, usaha mikro, usaha kecil, usaha mikro kecil, usaha mikro kecil menengah, ikm,\
 pelaku usaha mikro
usaha: usaha, bisnis, berusaha, badan usaha, pelaku usaha
izin+usaha: perizinan berusaha, nib, nomor induk berusaha
lacak: lacak, pelacakan, tracking, tracing, track
mohon: permohonan, mohon, pengajuan, ajukan, mengajukan, diajukan, aju
lapor: laporan, pelaporan, report, reporting, lapor
pantau: pantau, pemantauan, monitoring, monitor, monev, pengawasan
kelola: kelola, pengelolaan, manajemen, management, administrasi, tata kelola, penyelenggaraan
gaji: gaji, penggajian, payroll, tunjangan, tpp, tambahan penghasilan, tambahan penghasilan pegawai,\
 honor, honorarium, insentif, remunerasi, upah
hadir: absen, absensi, presensi, kehadiran, hadir, daftar hadir, attendance, fingerprint, finger print,\
 rekam kehadiran, face recognition, pengenalan wajah
kinerja: kinerja, ekinerja, skp, sasaran kinerja pegawai, sasaran kinerja, performance
cuti: cuti, izin cuti, permohonan cuti
perjadin: sppd, spd, perjalanan dinas, surat perintah perjalanan dinas, perjadin
pengadaan: pengadaan, lelang, tender, lpse, eprocurement, procurement, spse, pengadaan barang jasa,\
 pbj, e katalog, ekatalog
rencana: perencanaan, rencana, rkpd, renja, renstra, rpjmd, planning, eplanning
musrenbang: musrenbang, musyawarah perencanaan pembangunan, usulan pembangunan, usulan warga
usul: usul, usulan, proposal
cctv: cctv, kamera pengawas, kamera
ppid: ppid, informasi publik, keterbukaan informasi, permohonan informasi
hukum: jdih, produk hukum, peraturan daerah, perda, perbup, perwal, peraturan bupati,\
 peraturan walikota, peraturan wali kota, dokumentasi hukum, hukum, regulasi
statistik: statistik, satu data, open data, data terbuka, data sektoral, dataset, katalog dataset
survei: survei, survey, kuesioner, skm, ikm kepuasan, indeks kepuasan, kepuasan masyarakat, puas
loker: lowongan, lowongan kerja, loker, bursa kerja, pencari kerja, job fair, kartu kuning, ak,\
 pencaker, lowongan pekerjaan
latih: pelatihan, latih, training, kursus, blk, balai latihan kerja, pelatihan kerja, keterampilan
diklat: diklat, pengembangan kompetensi, bangkom, kompetensi pegawai
gizi: gizi, stunting, ppgbm, eppgbm, tumbuh kembang, penimbangan, berat badan
balita: balita, bayi, anak balita
vaksin: vaksin, vaksinasi, imunisasi
rujuk: rujukan, rujuk, sisrute
ambulans: ambulans, ambulan, ambulance
darurat: darurat, gawat darurat, emergency, panic button, tombol darurat, kegawatdaruratan,\
 panggilan darurat
kebakaran: kebakaran, damkar, pemadam kebakaran, pemadam
pustaka: perpustakaan, pustaka, library, elibrary, buku, ebook, katalog buku
rekammedis: rekam medis, rekam medik, rme, emr, medical record, erm, riwayat pasien
obat: obat, farmasi, apotek, apotik, instalasi farmasi, gudang farmasi
stok: stok, persediaan, stock, inventori, gudang
nakes: tenaga kesehatan, nakes, bidan, perawat, sdm kesehatan
guru: guru, tenaga pendidik, ptk, gtk, tenaga kependidikan
loket: loket
rapor: rapor, raport, rapot, erapor, nilai siswa, hasil belajar
beasiswa: beasiswa, bantuan pendidikan, scholarship
bansos: bansos, bantuan sosial, penerima bantuan, bantuan langsung tunai, blt, pkh, kesejahteraan\
 sosial, kesos, siks, siksng, siks ng
miskin: miskin, kemiskinan, dtks, tidak mampu, data terpadu kesejahteraan sosial, warga miskin
sampah: sampah, persampahan, tps, tpa
banksampah: bank sampah, tabungan sampah, nasabah bank sampah
setor: setor, setoran, penyetoran, deposit
wisata: wisata, pariwisata, wisatawan, destinasi, objek wisata, tourism, rekreasi, tempat wisata,\
 destinasi wisata, daya tarik wisata
tiket: tiket, karcis, ticket, eticket, eticketing, ticketing, tiket masuk
pangan: pangan, bahan pokok, sembako, kebutuhan pokok, komoditas, bapok
harga: harga, price
angkutan: angkutan, transportasi, angkutan umum, bus, bus kota, angkot, transit
trayek: trayek, rute, route
ujikir: kir, uji kir, pengujian kendaraan, pengujian kendaraan bermotor, uji berkala
lalulintas: lalu lintas, lalin, atcs, traffic
pju: pju, penerangan jalan umum, lampu jalan, penerangan jalan, lampu penerangan
jalan: jalan, infrastruktur jalan
rusak: rusak, kerusakan, berlubang, lubang, jalan berlubang
bangunan: bangunan, gedung, bangunan gedung
pbg: pbg, imb, izin mendirikan bangunan, persetujuan bangunan gedung, simbg
reklame: reklame, baliho, billboard, papan iklan, spanduk, iklan luar ruang
pbb: pbb, pbb p2, sppt, sismiop, sppt pbb
pajak+pbb: pajak bumi dan bangunan
bphtb: bphtb, bea perolehan hak atas tanah dan bangunan, bea perolehan
tanah: tanah, lahan, pertanahan, bidang tanah, persil, agraria
makam: makam, pemakaman, kuburan, tpu, petak makam
pupuk: pupuk, pupuk bersubsidi, pupuk subsidi, erdkk, rdkk, kartu tani
tani: petani, tani, pertanian, kelompok tani, poktan
nelayan: nelayan, perikanan, ikan
ternak: ternak, peternakan, hewan, veteriner, kesehatan hewan
air: air bersih, air minum, pdam, perumda air minum, spam
lingkungan: lingkungan hidup, amdal, ukl upl, uklupl, sppl, persetujuan lingkungan,\
 izin lingkungan, dokumen lingkungan
udara: udara, kualitas udara, emisi, polusi
tataruang: tata ruang, rtrw, rdtr, kkpr, pemanfaatan ruang
peta: peta, gis, spasial, geospasial, webgis, pemetaan
berita: berita, news, artikel, siaran pers, rilis
wisma: aula, gedung serbaguna, balai pertemuan, ruang rapat, gedung pertemuan
olahraga: olahraga, gor, gelanggang olahraga, lapangan olahraga, stadion, lapangan futsal
sewa: sewa, penyewaan, persewaan, reservasi, booking, =pemesanan, rental, peminjaman, pinjam
hotel: hotel, penginapan, homestay, restoran, rumah makan, kafe
omzet: omzet, omset, tapping box, transaksi usaha, penerimaan usaha
sakip: sakip, akuntabilitas kinerja, lkjip, lakip, akuntabilitas kinerja instansi
keudes: keuangan desa, siskeudes, apbdes, dana desa, alokasi dana desa, add
jaringan: jaringan, internet, wifi, hotspot, bandwidth, intranet
posyandu: posyandu, kader posyandu
kia: kartu identitas anak, kia
nikah: nikah, pernikahan, perkawinan
""".strip()


def _parse_synonyms() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in _SYNONYM_TABLE.replace("\\\n", "").splitlines():
        concept, _sep, words = line.partition(":")
        phrases = tuple(p.strip() for p in words.split(",") if p.strip())
        if phrases:
            table[concept.strip()] = phrases  # "a+b" stands for two concepts
    return table


#: Acronyms and names that stand for more than one concept.
_EXPANSIONS: dict[str, tuple[str, ...]] = {
    "ppdb": ("siswa", "daftar", "sekolah"),
    "psb": ("siswa", "daftar", "sekolah"),
    "spmb": ("siswa", "daftar", "sekolah"),
    "dapodik": ("siswa", "sekolah", "guru"),
    "oss": ("izin", "usaha"),
    "sicantik": ("izin",),
    "simpus": ("faskes", "pasien"),
    "simrs": ("faskes", "pasien"),
    "simpeg": ("pegawai",),
    "siks": ("bansos", "miskin"),
    "dtks": ("bansos", "miskin"),
    "sipd": ("anggaran", "rencana"),
    "pbb": ("pajak", "pbb"),
    "bphtb": ("pajak", "bphtb"),
    "epbb": ("pajak", "pbb"),
    "ebphtb": ("pajak", "bphtb"),
    "eparkir": ("parkir",),
    "eparking": ("parkir",),
    "parking": ("parkir",),
    "srikandi": ("surat", "arsip"),
    "sp4n": ("adu",),
    "siskeudes": ("keudes", "anggaran"),
    "musrenbang": ("musrenbang", "rencana"),
    "emusrenbang": ("musrenbang", "rencana"),
    "eperizinan": ("izin",),
    "esppd": ("perjadin",),
    "ekinerja": ("kinerja",),
    "epresensi": ("hadir",),
    "eabsensi": ("hadir",),
    "erapor": ("rapor",),
    "eoffice": ("surat",),
    "elibrary": ("pustaka",),
    "eticket": ("tiket",),
    "eretribusi": ("retribusi", "bayar"),
    "etax": ("pajak",),
    "simbg": ("pbg",),
    "jdih": ("hukum",),
    "ppid": ("ppid",),
}

_WORD_RE = re.compile(r"[a-z]+")
_ANY_CASE_WORD_RE = re.compile(r"[A-Za-z]+")
_VOWELS = frozenset("aeiou")


# ---------------------------------------------------------------------------------------------
# Stemming
# ---------------------------------------------------------------------------------------------


def _prefix_options(w: str) -> list[tuple[str, bool]]:
    """Possible results of removing one derivational prefix from ``w`` (most likely first), each
    with whether a second prefix may still be removed (not after a recoded first letter)."""
    n = len(w)
    if w.startswith(("meng", "peng")) and n >= 7:
        rest = w[4:]
        options = [(rest, True), ("k" + rest, False)] if rest[0] in _VOWELS else [(rest, True)]
    elif w.startswith(("meny", "peny")) and n >= 7:
        options = [("s" + w[4:], False)]
    elif w.startswith(("mem", "pem")) and n >= 6:
        rest = w[3:]
        options = [("p" + rest, False), (rest, False)] if rest[0] in _VOWELS else [(rest, True)]
    elif w.startswith(("men", "pen")) and n >= 6:
        rest = w[3:]
        options = [("t" + rest, False), (w[2:], False)] if rest[0] in _VOWELS else [(rest, True)]
    elif w.startswith(("ber", "ter", "per")) and n >= 7:
        rest = w[3:]
        options = [(rest, False), (w[2:], False)] if rest[0] in _VOWELS else [(rest, False)]
    elif w.startswith(("me", "pe", "di", "ke")) and n >= 6:
        options = [(w[2:], True)]
    else:
        return []
    return [(o, more) for o, more in options if len(o) >= 3]


def _suffix_options(w: str) -> list[str]:
    """Possible results of removing one derivational suffix (verbs prefer -kan, nouns -an)."""
    verbal = w.startswith(("me", "di", "ber"))
    options: list[str] = []
    if w.endswith("an") and len(w) >= 6:
        options.append(w[:-2])
    if w.endswith("kan") and len(w) >= 7:
        options.insert(0 if verbal else len(options), w[:-3])
    if verbal and w.endswith("i") and not w.endswith(("si", "ai")) and len(w) >= 6:
        options.append(w[:-1])
    return options


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """Light Indonesian stem of a lower-case word, stopping at known roots."""
    if len(word) <= 4 or word in _ROOTS:
        return word
    w = word
    for particle in ("nya", "lah", "kah"):
        if w.endswith(particle) and len(w) - len(particle) >= 4:
            w = w[: -len(particle)]
            break
    if w in _ROOTS:
        return w
    guess: str | None = None
    for base in [*_suffix_options(w), w]:
        if base in _ROOTS:
            return base
        layer = [(base, True)]
        for _depth in range(2):
            stripped = [option for form, more in layer if more for option in _prefix_options(form)]
            for option, _more in stripped:
                if option in _ROOTS:
                    return option
            if not stripped:
                break
            layer = stripped
        if guess is None:
            guess = layer[0][0]
    return guess or w


# ---------------------------------------------------------------------------------------------
# Tokenisation
# ---------------------------------------------------------------------------------------------


_Phrases = dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]
_Lexicon = dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def _lexicon() -> tuple[_Phrases, _Lexicon]:
    """Phrases indexed by their first stem (longest first), and single words/stems -> concepts."""
    phrases: _Phrases = {}
    words: _Lexicon = {}
    for name, entries in _parse_synonyms().items():
        concepts = tuple(name.split("+"))
        for entry in entries:
            raw_only = entry.startswith("=")  # the stem means something else
            parts = _WORD_RE.findall(entry.lower())
            if not parts:
                continue
            if len(parts) == 1:
                words.setdefault(parts[0], concepts)
                if not raw_only:
                    words.setdefault(_stem(parts[0]), concepts)
            else:
                stems = tuple(_stem(p) for p in parts)
                bucket = phrases.setdefault(stems[0], [])
                if all(known != stems for known, _c in bucket):
                    bucket.append((stems, concepts))
    for bucket in phrases.values():
        bucket.sort(key=lambda item: -len(item[0]))
    words.update(_EXPANSIONS)
    return phrases, words


@lru_cache(maxsize=1)
def _stop_stems() -> frozenset[str]:
    return frozenset(_stem(w) for w in _STOPWORDS if len(w) > 4) | _STOPWORDS


def _shown(word: str) -> str:
    """A word as quoted in reasons: acronyms keep their capitals, other words are lower-cased."""
    return word if len(word) > 1 and word.isupper() else word.lower()


@lru_cache(maxsize=65536)
def _word(word: str) -> tuple[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...], tuple[str, ...]]:
    """A word's stem, the phrases that may start with it, and its tokens when it stands alone."""
    phrases, lexicon = _lexicon()
    stem = _stem(word)
    concepts = lexicon.get(word) or lexicon.get(stem)
    if concepts:
        alone = concepts
    elif len(word) >= 3 and word not in _STOPWORDS and stem not in _stop_stems():
        alone = (stem,)
    else:
        alone = ()
    return stem, tuple(phrases.get(stem, ())), alone


def _scan(words: list[str]) -> list[tuple[tuple[str, ...], int, int]]:
    """Tokens of lower-case words: (concepts or stem, first word, end) per phrase or single word."""
    info = [_word(w) for w in words]
    out: list[tuple[tuple[str, ...], int, int]] = []
    i, n = 0, len(words)
    while i < n:
        _stem_i, starts, alone = info[i]
        for phrase, concepts in starts:
            length = len(phrase)
            if i + length <= n and all(info[i + k][0] == phrase[k] for k in range(1, length)):
                out.append((concepts, i, i + length))
                i += length
                break
        else:
            if alone:
                out.append((alone, i, i + 1))
            i += 1
    return out


@lru_cache(maxsize=32768)
def _tokens(text: str) -> frozenset[str]:
    """Concepts and stems of a text, stopwords removed."""
    if not text:
        return frozenset()
    return frozenset(t for concepts, _i, _j in _scan(_WORD_RE.findall(text.lower())) for t in concepts)


def _shown_tokens(text: str) -> list[tuple[str, str]]:
    """(token, words as written) pairs of a text, for reasons."""
    # "E-Perizinan" splits into "e" (a stopword) and "perizinan"; "eKinerja" is in the lexicon.
    original = _ANY_CASE_WORD_RE.findall(text)
    shown = [_shown(w) for w in original]
    return [
        (t, " ".join(shown[i:j])) for concepts, i, j in _scan([w.lower() for w in original]) for t in concepts
    ]


# ---------------------------------------------------------------------------------------------
# Prepared profiles
# ---------------------------------------------------------------------------------------------

#: Term weights of the fields in the all-text vector.
_W_TITLE, _W_FUNCTIONS, _W_DATA_FIELD, _W_DESCRIPTION = 2.0, 1.5, 1.0, 1.0


@dataclass(frozen=True)
class _Prepared:
    profile: Profile
    tf: dict[str, float]
    tokens: frozenset[str]
    units: tuple[tuple[str, frozenset[str], bool], ...]  # (text, tokens, is_title)
    data: tuple[tuple[str, frozenset[str]], ...]


@lru_cache(maxsize=16384)
def _prepare(profile: Profile) -> _Prepared:
    tf: dict[str, float] = {}
    units: list[tuple[str, frozenset[str], bool]] = []
    data: list[tuple[str, frozenset[str]]] = []
    fields = (
        (_W_TITLE, (profile.title,), "title"),
        (_W_FUNCTIONS, profile.functions, "function"),
        (_W_DATA_FIELD, profile.data, "data"),
        (_W_DESCRIPTION, (profile.description,), ""),
    )
    for weight, texts, kind in fields:
        seen: set[str] = set()
        for text in texts:
            tokens = _tokens(text or "")
            if not tokens:
                continue
            seen |= tokens
            if kind == "data":
                data.append((text.strip(), tokens))
            elif kind:
                units.append((text.strip(), tokens, kind == "title"))
        for token in seen:
            tf[token] = tf.get(token, 0.0) + weight
    return _Prepared(profile, tf, frozenset(tf), tuple(units), tuple(data))


def _surface(profile: Profile) -> dict[str, str]:
    """The first word of the profile's text behind each token (for reasons)."""
    surface: dict[str, str] = {}
    for text in (profile.title, *profile.functions, *profile.data, profile.description):
        for token, word in _shown_tokens(text or ""):
            surface.setdefault(token, word)
    return surface


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------

_IDF_SMOOTHING = 20.0
_GENERIC_FACTOR = 0.3
_UNIT_PSEUDO = 1.0
_W_TEXT, _W_UNITS, _W_DATA = 0.45, 0.4, 0.15
_UNIT_BEST, _UNIT_COVER = 0.7, 0.3
_CONTEXT_FLOOR = 0.65
_REASON_MIN = 0.5
_SERVICE_CONFLICT = 0.75


class _Weights:
    """IDF-style token weights over a set of prepared profiles, normalised to (0, 1]."""

    def __init__(self, prepared: Iterable[_Prepared]):
        self.df: Counter[str] = Counter()
        n = 0
        for p in prepared:
            self.df.update(p.tokens)
            n += 1
        self.top = n + _IDF_SMOOTHING
        self.norm = math.log(self.top / (1 + _IDF_SMOOTHING / 2))
        self.cache: dict[str, float] = {}
        self.norms: dict[int, float] = {}

    def __call__(self, token: str) -> float:
        w = self.cache.get(token)
        if w is None:
            df = self.df.get(token, 0)
            w = math.log(self.top / (max(df, 1) + _IDF_SMOOTHING / 2)) / self.norm
            if token in _GENERIC:
                w *= _GENERIC_FACTOR
            self.cache[token] = w
        return w

    def vector_norm(self, p: _Prepared) -> float:
        key = id(p)
        norm = self.norms.get(key)
        if norm is None:
            norm = math.sqrt(sum((f * self(t)) ** 2 for t, f in p.tf.items()))
            self.norms[key] = norm
        return norm

    def total(self, tokens: frozenset[str]) -> float:
        return sum(self(t) for t in tokens)


def _set_similarity(a: frozenset[str], b: frozenset[str], w: _Weights) -> float:
    shared = a & b
    if not shared:
        return 0.0
    s = sum(w(t) for t in shared)
    return 2 * s / (w.total(a) + w.total(b) + _UNIT_PSEUDO)


def _pairs(a, b, w: _Weights) -> tuple[float, float, list[tuple[float, int, int]]]:
    """Best pair, coverage of the smaller side, and all pairs with their similarity."""
    if not a or not b:
        return 0.0, 0.0, []
    matrix = [[_set_similarity(x[1], y[1], w) for y in b] for x in a]
    best = max(max(row) for row in matrix)
    if best == 0.0:
        return 0.0, 0.0, []
    cover_a = sum(max(row) for row in matrix) / len(a)
    cover_b = sum(max(column) for column in zip(*matrix, strict=True)) / len(b)
    # how well the smaller side is covered by the other (both ways when they are the same size)
    cover = {-1: cover_a, 0: (cover_a + cover_b) / 2, 1: cover_b}[(len(a) > len(b)) - (len(a) < len(b))]
    pairs = [(s, i, j) for i, row in enumerate(matrix) for j, s in enumerate(row) if s > 0]
    return best, cover, pairs


def _context(a: frozenset[str], b: frozenset[str]) -> float:
    """1 for a shared specific code, 0 for disjoint specific codes, in between when unknown."""
    specific_a, specific_b = a - {"other"}, b - {"other"}
    if specific_a & specific_b:
        return 1.0
    if specific_a and specific_b:
        return 0.0
    if not a or not b:
        return 0.5
    if not specific_a and not specific_b:
        return 0.6  # both "other"
    return 0.3  # "other" against a specific code


def _compare(pa: _Prepared, pb: _Prepared, w: _Weights, want_reasons: bool) -> tuple[float, tuple[str, ...]]:
    shared = pa.tokens & pb.tokens
    if not shared:
        return 0.0, ()
    na, nb = w.vector_norm(pa), w.vector_norm(pb)
    text = sum(pa.tf[t] * pb.tf[t] * w(t) ** 2 for t in shared) / (na * nb) if na and nb else 0.0
    u_best, u_cover, u_pairs = _pairs(pa.units, pb.units, w)
    units = _UNIT_BEST * u_best + _UNIT_COVER * u_cover
    total, weight = _W_TEXT * text + _W_UNITS * units, _W_TEXT + _W_UNITS
    d_pairs: list[tuple[float, int, int]] = []
    if pa.data and pb.data:
        d_best, d_cover, d_pairs = _pairs(pa.data, pb.data, w)
        total += _W_DATA * (0.5 * d_best + 0.5 * d_cover)
        weight += _W_DATA
    content = total / weight
    service_a, service_b = pa.tokens & _SERVICE_CONCEPTS, pb.tokens & _SERVICE_CONCEPTS
    if service_a and service_b and not service_a & service_b:
        content *= _SERVICE_CONFLICT
    ctx = 0.6 * _context(pa.profile.sectors, pb.profile.sectors) + 0.4 * _context(
        pa.profile.service_types, pb.profile.service_types
    )
    value = round(min(1.0, content * (_CONTEXT_FLOOR + (1 - _CONTEXT_FLOOR) * ctx)), 4)
    if value <= 0:
        return 0.0, ()
    if not want_reasons:
        return value, ()
    return value, _reasons(pa, pb, w, shared, u_pairs, d_pairs)


def _translator():
    """Django's gettext when settings are configured, otherwise the Indonesian message as is."""
    from django.conf import settings

    if not settings.configured:
        return str
    from django.utils.translation import gettext

    return gettext


def _reasons(pa, pb, w, shared, u_pairs, d_pairs) -> tuple[str, ...]:
    _ = _translator()
    reasons: list[str] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for s, i, j in sorted(u_pairs, key=lambda x: -x[0]):
        if s < _REASON_MIN or len(used_a) >= 3:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        (text_a, _ta, title_a), (text_b, _tb, title_b) = pa.units[i], pb.units[j]
        if title_a and title_b:
            msg = _('nama mirip: "%(a)s" ≈ "%(b)s"')
        else:
            msg = _('fungsi mirip: "%(a)s" ≈ "%(b)s"')
        reasons.append(msg % {"a": text_a, "b": text_b})
    used_a, used_b = set(), set()
    for s, i, j in sorted(d_pairs, key=lambda x: -x[0]):
        if s < _REASON_MIN or len(used_a) >= 3:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        (text_a, tokens_a), (text_b, tokens_b) = pa.data[i], pb.data[j]
        if text_a.casefold() == text_b.casefold():
            reasons.append(_("data sama: %(a)s") % {"a": text_a})
        elif tokens_a == tokens_b:
            reasons.append(_("data sama: %(a)s ≈ %(b)s") % {"a": text_a, "b": text_b})
        else:
            reasons.append(_("data mirip: %(a)s ≈ %(b)s") % {"a": text_a, "b": text_b})
    keywords = sorted((t for t in shared if t not in _GENERIC), key=lambda t: (-w(t), t))[:5]
    if not keywords and not reasons:
        keywords = sorted(shared, key=lambda t: (-w(t), t))[:5]
    if keywords:
        surface = _surface(pa.profile)
        words = ", ".join(dict.fromkeys(surface[t] for t in keywords))
        reasons.append(_("kata kunci sama: %(words)s") % {"words": words})
    sectors = sorted((pa.profile.sectors & pb.profile.sectors) - {"other"})
    if sectors:
        reasons.append(_("ruang lingkup sama: %(sectors)s") % {"sectors": ", ".join(sectors)})
    services = sorted((pa.profile.service_types & pb.profile.service_types) - {"other"})
    if services:
        reasons.append(_("jenis layanan sama: %(services)s") % {"services": ", ".join(services)})
    return tuple(reasons)


def score(a: Profile, b: Profile) -> tuple[float, tuple[str, ...]]:
    """Symmetric-ish similarity (0..1) of two profiles and the reasons for it."""
    pa, pb = _prepare(a), _prepare(b)
    return _compare(pa, pb, _Weights((pa, pb)), want_reasons=True)


def similar(
    target: Profile,
    candidates: Iterable[Profile],
    *,
    limit: int = 10,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Match]:
    """Candidates whose score >= threshold, best first, at most `limit`; never the target itself
    (same key). Each key is considered once (the first candidate with it); candidates with nothing at
    all in common (score 0) are never returned."""
    if limit <= 0:
        return []
    pt = _prepare(target)
    unique: dict[str, Profile] = {}
    for candidate in candidates:
        if candidate.key != target.key:
            unique.setdefault(candidate.key, candidate)
    prepared = [_prepare(c) for c in unique.values()]
    weights = _Weights([pt, *prepared])
    scored: list[tuple[float, str, _Prepared]] = []
    for pc in prepared:
        value, _none = _compare(pt, pc, weights, want_reasons=False)
        if value > 0 and value >= threshold:
            scored.append((value, pc.profile.key, pc))
    scored.sort(key=lambda x: (-x[0], x[1]))
    matches = []
    for value, key, pc in scored[:limit]:
        _value, reasons = _compare(pt, pc, weights, want_reasons=True)
        matches.append(Match(key=key, score=value, reasons=reasons))
    return matches
