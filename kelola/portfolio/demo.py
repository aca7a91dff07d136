"""Demo portfolio (PORT): about 150 electronic systems of Kota Sukamaju with their form tables
and risk questionnaires, a few of Kabupaten Tanah Merah, and each pemda's build rules.
Idempotent: systems are looked up by (pemda, internal name)."""

from __future__ import annotations

import random

from kelola.core.models import Agency, Pemda

from .choices import BuildPreset, LifecycleStatus
from .models import BuildRule, ElectronicSystem, RiskAssessment, SystemEntry
from .risk import score
from .rules import PRESETS
from .sections import section_for

# (agency short name, external name, internal name, description, sector, service type, functions)
CATALOGUE = [
    (
        "Disdukcapil",
        "SIAK Terpusat",
        "siak",
        "Administrasi kependudukan: KK, KTP-el, akta",
        "social_security",
        "registration",
        ["Pendaftaran penduduk", "Pencetakan KTP-el", "Akta kelahiran"],
    ),
    (
        "Disdukcapil",
        "Dukcapil Online",
        "dukcapil-online",
        "Permohonan dokumen kependudukan secara daring",
        "social_security",
        "registration",
        ["Permohonan akta daring", "Tanda tangan elektronik dokumen"],
    ),
    (
        "Dinkes",
        "SIMPUS",
        "simpus",
        "Sistem informasi manajemen puskesmas: rekam medis dan antrean",
        "health",
        "registration",
        ["Pendaftaran pasien", "Rekam medis elektronik", "Antrean puskesmas"],
    ),
    (
        "Dinkes",
        "SIKDA Generik",
        "sikda",
        "Sistem informasi kesehatan daerah",
        "health",
        "publication",
        ["Pelaporan penyakit", "Data gizi balita"],
    ),
    (
        "Dinkes",
        "Ambulans Gawat Darurat 112",
        "ambulans-112",
        "Permintaan ambulans dan rujukan gawat darurat",
        "health",
        "public_reporting",
        ["Panggilan darurat", "Pelacakan ambulans"],
    ),
    (
        "RSUD",
        "SIMRS RSUD Sukamaju",
        "simrs",
        "Sistem informasi manajemen rumah sakit",
        "health",
        "payment",
        ["Rawat jalan", "Rawat inap", "Farmasi", "Klaim BPJS"],
    ),
    (
        "RSUD",
        "Antrean Online RSUD",
        "antrean-rsud",
        "Pendaftaran dan antrean poliklinik secara daring",
        "health",
        "registration",
        ["Pendaftaran poliklinik", "Jadwal dokter"],
    ),
    (
        "Disdik",
        "PPDB Online",
        "ppdb",
        "Penerimaan peserta didik baru SD dan SMP",
        "education",
        "registration",
        ["Pendaftaran siswa baru", "Seleksi zonasi", "Pengumuman hasil"],
    ),
    (
        "Disdik",
        "Dapodik Daerah",
        "dapodik-daerah",
        "Rekap data pokok pendidikan tingkat kota",
        "education",
        "publication",
        ["Data sekolah", "Data guru", "Data siswa"],
    ),
    (
        "Disdik",
        "E-Rapor",
        "erapor",
        "Rapor digital sekolah dasar dan menengah pertama",
        "teaching",
        "other",
        ["Input nilai", "Cetak rapor"],
    ),
    (
        "BPKAD",
        "SIPD Keuangan",
        "sipd-keuangan",
        "Penatausahaan keuangan daerah",
        "other",
        "other",
        ["Penganggaran", "Penatausahaan", "Akuntansi"],
    ),
    (
        "BPKAD",
        "SIMBADA",
        "simbada",
        "Sistem informasi barang milik daerah",
        "other",
        "other",
        ["Inventaris aset", "Penyusutan", "Mutasi barang"],
    ),
    (
        "Bapenda",
        "E-PBB",
        "epbb",
        "Pajak bumi dan bangunan: SPPT dan pembayaran",
        "other",
        "payment",
        ["Cetak SPPT", "Pembayaran PBB", "Cek tagihan"],
    ),
    (
        "Bapenda",
        "E-BPHTB",
        "ebphtb",
        "Bea perolehan hak atas tanah dan bangunan",
        "other",
        "payment",
        ["Validasi BPHTB", "Pembayaran"],
    ),
    (
        "Bapenda",
        "Pajak Daerah Online",
        "pajak-online",
        "Pelaporan dan pembayaran pajak hotel, restoran, hiburan",
        "employment",
        "payment",
        ["Pelaporan omzet", "Pembayaran pajak"],
    ),
    (
        "BKPSDM",
        "SIMPEG",
        "simpeg",
        "Sistem informasi manajemen kepegawaian",
        "other",
        "other",
        ["Data pegawai", "Kenaikan pangkat", "Cuti"],
    ),
    (
        "BKPSDM",
        "E-Kinerja",
        "ekinerja",
        "Penilaian kinerja harian pegawai",
        "other",
        "other",
        ["Sasaran kinerja", "Laporan harian"],
    ),
    (
        "Bappeda",
        "E-Planning",
        "eplanning",
        "Perencanaan pembangunan daerah: Renja dan musrenbang",
        "other",
        "other",
        ["Usulan musrenbang", "Penyusunan Renja"],
    ),
    (
        "Bappeda",
        "E-Monev",
        "emonev",
        "Monitoring dan evaluasi realisasi program",
        "other",
        "publication",
        ["Realisasi fisik", "Realisasi keuangan"],
    ),
    (
        "Inspektorat",
        "SIPKD Pengawasan",
        "sipengawasan",
        "Pengawasan internal dan tindak lanjut temuan",
        "other",
        "other",
        ["Program kerja pengawasan", "Tindak lanjut temuan"],
    ),
    (
        "Diskominfo",
        "Portal Sukamaju",
        "portal",
        "Portal resmi pemerintah kota",
        "communication",
        "publication",
        ["Berita", "Agenda", "Layanan publik"],
    ),
    (
        "Diskominfo",
        "LAPOR Sukamaju",
        "lapor",
        "Pengaduan masyarakat terintegrasi SP4N-LAPOR!",
        "communication",
        "public_reporting",
        ["Pengaduan", "Disposisi", "Tindak lanjut"],
    ),
    (
        "Diskominfo",
        "Srikandi Daerah",
        "srikandi",
        "Persuratan dan kearsipan dinamis",
        "communication",
        "other",
        ["Naskah dinas masuk", "Naskah dinas keluar", "Disposisi"],
    ),
    (
        "Diskominfo",
        "Satu Data Sukamaju",
        "satudata",
        "Portal data terbuka kota",
        "communication",
        "publication",
        ["Katalog dataset", "Unduh data", "API data"],
    ),
    (
        "Diskominfo",
        "PPID Online",
        "ppid",
        "Permohonan informasi publik",
        "communication",
        "registration",
        ["Permohonan informasi", "Keberatan"],
    ),
    (
        "Diskominfo",
        "Command Center",
        "command-center",
        "Dasbor kota cerdas dan CCTV",
        "communication",
        "publication",
        ["Dasbor eksekutif", "Pemantauan CCTV"],
    ),
    (
        "DPMPTSP",
        "SiCantik Perizinan",
        "sicantik",
        "Perizinan dan nonperizinan terpadu",
        "employment",
        "licensing",
        ["Permohonan izin", "Tracking izin", "Penerbitan izin"],
    ),
    (
        "DPMPTSP",
        "OSS Daerah",
        "oss-daerah",
        "Pendampingan perizinan berusaha berbasis risiko",
        "employment",
        "licensing",
        ["Konsultasi", "Verifikasi"],
    ),
    (
        "Dishub",
        "Parkir Elektronik",
        "eparkir",
        "Retribusi parkir tepi jalan non tunai",
        "transport",
        "payment",
        ["Transaksi parkir", "Rekap retribusi"],
    ),
    (
        "Dishub",
        "Uji KIR Online",
        "kir",
        "Pengujian kendaraan bermotor",
        "transport",
        "registration",
        ["Pendaftaran uji", "Hasil uji"],
    ),
    (
        "Dinsos",
        "SIKS-NG Daerah",
        "siks",
        "Data terpadu kesejahteraan sosial",
        "social_security",
        "other",
        ["Verifikasi DTKS", "Usulan bantuan"],
    ),
    (
        "Disnaker",
        "Bursa Kerja Online",
        "bursakerja",
        "Lowongan kerja dan pencari kerja",
        "employment",
        "registration",
        ["Lowongan", "Kartu kuning AK/1"],
    ),
    (
        "DLH",
        "Bank Sampah Digital",
        "banksampah",
        "Pencatatan tabungan bank sampah",
        "environment",
        "other",
        ["Setoran sampah", "Saldo nasabah"],
    ),
    (
        "DLH",
        "SIPPLH",
        "sipplh",
        "Perizinan lingkungan dan pengaduan pencemaran",
        "environment",
        "licensing",
        ["Persetujuan lingkungan", "Pengaduan"],
    ),
    (
        "DPUPR",
        "SIMBG",
        "simbg",
        "Persetujuan bangunan gedung",
        "housing",
        "licensing",
        ["Permohonan PBG", "Sertifikat laik fungsi"],
    ),
    (
        "DPUPR",
        "Jalan Mulus",
        "jalan-mulus",
        "Pelaporan jalan rusak oleh warga",
        "transport",
        "public_reporting",
        ["Laporan jalan rusak", "Peta perbaikan"],
    ),
    (
        "Disperkim",
        "SI Rumah Layak Huni",
        "rtlh",
        "Pendataan rumah tidak layak huni",
        "housing",
        "other",
        ["Pendataan", "Verifikasi lapangan"],
    ),
    (
        "Satpol PP",
        "Lapor Tibum",
        "tibum",
        "Pengaduan ketertiban umum",
        "other",
        "public_reporting",
        ["Pengaduan", "Patroli"],
    ),
    (
        "BPBD",
        "Info Bencana",
        "infobencana",
        "Peringatan dini dan pelaporan kejadian bencana",
        "environment",
        "public_reporting",
        ["Peringatan dini", "Laporan kejadian"],
    ),
    (
        "Dispusip",
        "Perpustakaan Digital",
        "ipusnas-daerah",
        "Katalog dan peminjaman buku elektronik",
        "teaching",
        "registration",
        ["Katalog", "Peminjaman e-book"],
    ),
    (
        "Disparbud",
        "Sukamaju Wisata",
        "wisata",
        "Informasi destinasi dan tiket wisata",
        "tourism",
        "payment",
        ["Destinasi", "Tiket daring"],
    ),
    (
        "Diskopum",
        "SI UMKM",
        "siumkm",
        "Pendataan dan kurasi UMKM",
        "employment",
        "registration",
        ["Pendaftaran UMKM", "Katalog produk"],
    ),
    (
        "Disdag",
        "Harga Pasar",
        "hargapasar",
        "Harga bahan pokok harian",
        "employment",
        "publication",
        ["Harga harian", "Grafik harga"],
    ),
    (
        "Distan",
        "Kartu Tani Daerah",
        "kartutani",
        "Distribusi pupuk bersubsidi",
        "natural_resources",
        "other",
        ["Alokasi pupuk", "Penebusan"],
    ),
    (
        "Diskan",
        "SI Nelayan",
        "sinelayan",
        "Pendataan nelayan dan kapal",
        "natural_resources",
        "registration",
        ["Kartu nelayan", "Data kapal"],
    ),
    (
        "DKP",
        "SI Pangan",
        "sipangan",
        "Ketersediaan dan kerawanan pangan",
        "natural_resources",
        "publication",
        ["Neraca pangan", "Peta rawan pangan"],
    ),
    (
        "DP3AP2KB",
        "Simfoni PPA Daerah",
        "simfoni",
        "Pelaporan kekerasan perempuan dan anak",
        "social_security",
        "public_reporting",
        ["Pengaduan", "Pendampingan"],
    ),
    (
        "Dispora",
        "SI Atlet",
        "siatlet",
        "Data atlet dan pembinaan olahraga",
        "other",
        "registration",
        ["Data atlet", "Prestasi"],
    ),
    (
        "Kesbangpol",
        "SI Ormas",
        "siormas",
        "Pendaftaran organisasi kemasyarakatan",
        "other",
        "registration",
        ["Pendaftaran ormas", "SKT"],
    ),
    (
        "Setda",
        "JDIH Sukamaju",
        "jdih",
        "Jaringan dokumentasi dan informasi hukum",
        "communication",
        "publication",
        ["Produk hukum", "Pencarian peraturan"],
    ),
    (
        "Setda",
        "LPSE Sukamaju",
        "lpse",
        "Pengadaan barang/jasa secara elektronik",
        "employment",
        "registration",
        ["Tender", "E-katalog lokal"],
    ),
    (
        "Setwan",
        "E-Aspirasi DPRD",
        "easpirasi",
        "Penyampaian aspirasi masyarakat ke DPRD",
        "communication",
        "public_reporting",
        ["Aspirasi", "Jadwal reses"],
    ),
]
WEB_SUFFIX = "Website"
KECAMATAN_SERVICES = ("Layanan Administrasi Kecamatan", "Antrean Kecamatan")
STATUSES = [LifecycleStatus.PRODUCTION] * 7 + [
    LifecycleStatus.DEVELOPMENT,
    LifecycleStatus.TESTING,
    LifecycleStatus.PLANNED,
    LifecycleStatus.RETIRED,
]
VENDORS = ("PT Sinar Data Nusantara", "CV Mitra Solusi Digital", "PT Teknologi Kota Cerdas", "")


def build(city: Pemda, other: Pemda, rng: random.Random, result) -> None:
    _rules(city, BuildPreset.PASURUAN_2021, result)
    _rules(other, BuildPreset.PALANGKA_RAYA_2020, result)
    agencies = {a.short_name: a for a in Agency.objects.filter(pemda=city)}
    for entry in _catalogue(agencies):
        _system(city, rng, result, *entry)
    other_agencies = {a.short_name: a for a in Agency.objects.filter(pemda=other)}
    for short in ("Disdukcapil", "Dinkes", "Diskominfo"):
        agency = other_agencies.get(short)
        if agency is not None:
            _system(
                other,
                rng,
                result,
                agency,
                f"{WEB_SUFFIX} {agency.name}",
                f"web-{short.lower()}",
                "Situs resmi",
                "communication",
                "publication",
                ["Berita", "Profil"],
            )


def _catalogue(agencies: dict[str, Agency]):
    for short, external, internal, description, sector, service, functions in CATALOGUE:
        if short in agencies:
            yield agencies[short], external, internal, description, sector, service, functions
    for short, agency in agencies.items():
        if agency.kind == "unit":
            continue
        slug = short.lower().replace(". ", "").replace(" ", "-")
        yield (
            agency,
            f"{WEB_SUFFIX} {agency.name}",
            f"web-{slug}",
            f"Situs resmi {agency.name}",
            "communication",
            "publication",
            ["Berita", "Profil", "Layanan"],
        )
        yield (
            agency,
            f"Arsip Digital {short}",
            f"arsip-{slug}",
            f"Pengelolaan arsip dinamis {agency.name}",
            "communication",
            "other",
            ["Pemberkasan", "Peminjaman arsip"],
        )
        if agency.kind in {"dinas", "badan"}:
            yield (
                agency,
                f"Dasbor Kinerja {short}",
                f"dasbor-{slug}",
                f"Dasbor capaian indikator kinerja {agency.name}",
                "other",
                "publication",
                ["Capaian indikator", "Realisasi anggaran"],
            )
        if agency.kind == "kecamatan":
            for name in KECAMATAN_SERVICES:
                yield (
                    agency,
                    f"{name} {agency.name.removeprefix('Kecamatan ')}",
                    f"{slug}-{name.split()[-1].lower()}",
                    f"{name} di {agency.name}",
                    "social_security",
                    "registration",
                    ["Surat pengantar", "Antrean"],
                )


def _nip(rng) -> str:
    """An 18-digit NIP: birth date, appointment month, sex, sequence."""
    born = f"19{rng.randint(70, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    appointed = f"20{rng.randint(0, 20):02d}{rng.randint(1, 12):02d}"
    return f"{born}{appointed}{rng.randint(1, 2)}{rng.randint(1, 999):03d}"


def _rules(pemda, preset, result) -> None:
    for scope, (it_office, self_reliant, any_agency, citation) in PRESETS[preset].items():
        _rule, created = BuildRule.objects.get_or_create(
            pemda=pemda,
            scope=scope,
            defaults=dict(
                it_office_may_build=it_office,
                self_reliant_agency_may_build=self_reliant,
                any_agency_may_build=any_agency,
                citation=citation,
            ),
        )
        result.count("build_rule", created)


def _system(pemda, rng, result, agency, external, internal, description, sector, service, functions) -> None:
    status = rng.choice(STATUSES)
    general = internal in {"srikandi", "simpeg", "sipd-keuangan", "lpse", "jdih", "ekinerja"}
    vendor = rng.choice(VENDORS)
    system, created = ElectronicSystem.objects.get_or_create(
        pemda=pemda,
        internal_name=internal,
        defaults=dict(
            agency=agency,
            external_name=external,
            description=description,
            service_target="local" if rng.random() < 0.8 else "regional",
            access="online",
            url=f"https://{internal}.{pemda.domain or 'example.go.id'}",
            publish_consent=status == LifecycleStatus.PRODUCTION and rng.random() < 0.7,
            app_kind="general" if general else "specific",
            complexity=("high" if rng.random() < 0.5 else "low") if general else "",
            serves_citizens=service != "other",
            serves_business=sector == "employment",
            serves_government=service == "other",
            on_web=True,
            on_mobile=rng.random() < 0.3,
            open_source=rng.random() < 0.85,
            closed_source_justification="",
            developer="it_office" if general or agency.is_it_office else "owner_agency",
            vendor=vendor,
            status=status,
            operator_unit=agency.name,
            operator_address=agency.address or "Jl. Merdeka No. 1",
            operator_province="Banten" if pemda.code.startswith("36") else "Kalimantan Timur",
            operator_city=pemda.name,
            operator_postal_code="42111",
            operator_phone=agency.phone or "(0254) 100000",
            operator_website=agency.website or f"https://{pemda.domain}",
            uses_data_center=rng.random() < 0.6,
            data_center_location="Pusat Data Diskominfo",
            pic_name=f"Kepala {agency.short_name}",
            pic_nip=_nip(rng),
            pic_unit=agency.name,
            pic_mobile=f"08{rng.randint(1100000000, 1399999999)}",
            pic_email=f"pic.{internal}@{pemda.domain or 'example.go.id'}",
        ),
    )
    if not system.open_source and not system.closed_source_justification:
        ElectronicSystem.objects.filter(pk=system.pk).update(
            closed_source_justification="Lisensi bawaan pengadaan sebelum kebijakan kode sumber terbuka."
        )
    result.count("electronic_system", created)
    if not created:
        return
    rows = {
        "function": [{"name": f} for f in functions],
        "scope": [{"sector": sector}],
        "service_type": [{"kind": service}],
        "user_group": [{"kind": "Masyarakat" if service != "other" else "ASN"}],
        "hardware": [
            {
                "kind": "server",
                "ownership": "owned",
                "quantity": rng.randint(1, 3),
                "memory": f"{rng.choice([8, 16, 32])} GB",
            }
        ],
        "software": [{"name": external, "kind": "web", "provider": vendor or "Diskominfo"}],
        "supporting_software": [
            {"kind": "Sistem operasi", "name": "Debian GNU/Linux"},
            {"kind": "Basis data", "name": rng.choice(["PostgreSQL", "MariaDB"])},
        ],
        "expert_needed": [
            {"profession": "application_programmer", "count": 2},
            {"profession": "system_administrator", "count": 1},
        ],
        "expert_available": [
            {"profession": "application_programmer", "count": rng.randint(0, 2), "status": "pns"}
        ],
        "helpdesk": [
            {
                "name": f"Help desk {agency.short_name}",
                "phone": agency.phone or "",
                "email": agency.email or "",
            }
        ],
    }
    if rng.random() < 0.3:
        rows["legal_basis"] = [
            {
                "name": "Peraturan Wali Kota",
                "number": str(rng.randint(1, 60)),
                "year": 2023,
                "about": description,
            }
        ]
    SystemEntry.objects.bulk_create(
        SystemEntry(system=system, section=key, position=i, data=data, text=section_for(key).row_text(data))
        for key, items in rows.items()
        for i, data in enumerate(items)
    )
    system.refresh_search_text()
    if rng.random() < 0.8:
        answers = {f"q{i}": rng.choices("ABC", weights=(1, 3, 4))[0] for i in range(1, 11)}
        total, category = score(answers)
        RiskAssessment.objects.create(
            system=system,
            answers=answers,
            score=total,
            category=category,
            assessor_position="Kepala Seksi TI",
        )
        ElectronicSystem.objects.filter(pk=system.pk).update(risk_score=total, risk_category=category)
