"""Reference lists of the registration form (004 Lamp.II) and its annexes.

- `RISK_QUESTIONS`: Lampiran (1), Pernyataan Kategori Sistem Elektronik — ten characteristics,
  each answered A (5 points), B (2) or C (1).
- `PROFESSIONS`: Lampiran (2), Profesi di Bidang Teknologi Informasi (section E of the form).
- The choice lists of sections A, C and D, as the form's notes give them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ANSWER_POINTS = {"A": 5, "B": 2, "C": 1}


@dataclass(frozen=True)
class RiskQuestion:
    key: str
    text: str
    options: tuple[tuple[str, str], ...]  # (letter, text)
    hint: str = ""


RISK_QUESTIONS: tuple[RiskQuestion, ...] = (
    RiskQuestion(
        "q1",
        _("Nilai investasi sistem elektronik yang terpasang"),
        (
            ("A", _("Lebih dari 30 miliar rupiah")),
            ("B", _("Lebih dari 3 miliar rupiah sampai dengan 30 miliar rupiah")),
            ("C", _("Kurang dari 3 miliar rupiah")),
        ),
        _(
            "Mencakup biaya pembuatan/pengembangan sistem elektronik, "
            "pengadaan perangkat keras dan perangkat lunak."
        ),
    ),
    RiskQuestion(
        "q2",
        _("Total anggaran operasional tahun berjalan yang dialokasikan untuk pengelolaan Sistem Elektronik"),
        (
            ("A", _("Lebih dari 10 miliar rupiah")),
            ("B", _("Lebih dari 1 miliar rupiah sampai dengan 10 miliar rupiah")),
            ("C", _("Kurang dari 1 miliar rupiah")),
        ),
        _(
            "Biaya operasional: dukungan teknis tahunan, sewa jaringan, SDM dan alih daya, "
            "sarana pendukung, pemeliharaan."
        ),
    ),
    RiskQuestion(
        "q3",
        _("Memiliki kewajiban kepatuhan terhadap peraturan atau standar tertentu"),
        (
            ("A", _("Peraturan atau standar nasional dan internasional")),
            ("B", _("Peraturan atau standar nasional")),
            ("C", _("Tidak ada peraturan khusus")),
        ),
        _("Contoh standar internasional: ISO 27001, ISO 20000."),
    ),
    RiskQuestion(
        "q4",
        _("Menggunakan algoritma khusus untuk keamanan informasi dalam sistem elektronik"),
        (
            ("A", _("Algoritma khusus yang digunakan negara")),
            ("B", _("Algoritma standar publik")),
            ("C", _("Tidak ada algoritma khusus")),
        ),
        _("Algoritma khusus: kriptografi, enkripsi atau kodifikasi lainnya."),
    ),
    RiskQuestion(
        "q5",
        _("Jumlah pemilik akun yang menggunakan Sistem Elektronik"),
        (
            ("A", _("Lebih dari 5000 pemilik akun")),
            ("B", _("1000 sampai dengan 5000 pemilik akun")),
            ("C", _("Kurang dari 1000 pemilik akun")),
        ),
    ),
    RiskQuestion(
        "q6",
        _("Data pribadi yang dikelola Sistem Elektronik"),
        (
            ("A", _("Data pribadi yang memiliki hubungan dengan data pribadi lainnya")),
            ("B", _("Data pribadi yang bersifat individu dan/atau terkait kepemilikan badan usaha")),
            ("C", _("Tidak ada data pribadi")),
        ),
    ),
    RiskQuestion(
        "q7",
        _("Tingkat klasifikasi/kekritisan data yang ada dalam Sistem Elektronik"),
        (
            ("A", _("Sangat rahasia")),
            ("B", _("Rahasia dan/atau terbatas")),
            ("C", _("Biasa")),
        ),
        _("Sesuai pedoman tata naskah dinas instansi pemerintah."),
    ),
    RiskQuestion(
        "q8",
        _("Tingkat kekritisan proses yang ada dalam Sistem Elektronik terhadap ancaman penyerangan"),
        (
            (
                "A",
                _("Berisiko mengganggu hajat hidup orang banyak dan berdampak langsung pada layanan publik"),
            ),
            ("B", _("Berisiko mengganggu hajat hidup orang banyak dan berdampak tidak langsung")),
            ("C", _("Tidak berdampak bagi kepentingan orang banyak")),
        ),
    ),
    RiskQuestion(
        "q9",
        _("Dampak dari kegagalan Sistem Elektronik"),
        (
            (
                "A",
                _(
                    "Layanan publik berskala nasional tidak tersedia atau "
                    "membahayakan pertahanan keamanan negara"
                ),
            ),
            ("B", _("Layanan publik atau penyelenggaraan negara dalam 1 provinsi atau lebih tidak tersedia")),
            (
                "C",
                _(
                    "Layanan publik atau penyelenggaraan negara dalam "
                    "1 kabupaten/kota atau lebih tidak tersedia"
                ),
            ),
        ),
    ),
    RiskQuestion(
        "q10",
        _("Potensi kerugian atau dampak negatif dari insiden ditembusnya keamanan informasi"),
        (
            ("A", _("Menimbulkan korban jiwa")),
            ("B", _("Terbatas pada kerugian finansial")),
            ("C", _("Gangguan operasional sementara (tidak membahayakan dan tidak merugikan finansial)")),
        ),
    ),
)

#: Lampiran (2): the IT professions section E of the form chooses from.
PROFESSIONS = (
    ("hardware_engineer", "Hardware Engineer"),
    ("technical_support", "System Support / Technical Support"),
    ("network_engineer", "Network Engineer"),
    ("system_administrator", "System Engineer / System Administrator"),
    ("it_specialist", "IT Specialist"),
    ("hardware_programmer", "Hardware Programmer"),
    ("system_programmer", "System Programmer"),
    ("application_programmer", "Application Programmer"),
    ("system_analyst", "System Analyst"),
    ("qa_engineer", "Software Quality Assurance Engineer"),
    ("software_engineer", "Software Engineer"),
    ("database_administrator", "Database Administrator (DBA)"),
    ("software_architect", "Software Architect"),
    ("software_implementer", "Software Implementer"),
    ("technical_consultant", "Technical Consultant"),
    ("ui_designer", "User Interface Designer"),
)

#: Section A.9: ruang lingkup (UU 25/2009).
SECTORS = (
    ("social_security", _("Jaminan Sosial")),
    ("communication", _("Komunikasi dan Informasi")),
    ("tourism", _("Pariwisata")),
    ("education", _("Pendidikan")),
    ("transport", _("Perhubungan")),
    ("housing", _("Tempat Tinggal")),
    ("energy", _("Energi")),
    ("health", _("Kesehatan")),
    ("environment", _("Lingkungan Hidup")),
    ("employment", _("Pekerjaan dan Usaha")),
    ("banking", _("Perbankan")),
    ("natural_resources", _("Sumber Daya Alam")),
    ("teaching", _("Pengajaran")),
    ("other", _("Sektor lainnya")),
)

#: Section A.10: jenis layanan.
SERVICE_TYPES = (
    ("public_reporting", _("Pelaporan masyarakat")),
    ("payment", _("Pembayaran")),
    ("registration", _("Pendaftaran")),
    ("licensing", _("Perizinan")),
    ("publication", _("Publikasi informasi")),
    ("other", _("Jenis layanan lainnya")),
)

HARDWARE_KINDS = (("pc", "PC"), ("server", "Server"), ("other", _("Lainnya")))
OWNERSHIP = (("owned", _("Milik sendiri")), ("rented", _("Sewa")))
NETWORK_DEVICE_KINDS = (("router", "Router"), ("lan", "LAN"), ("switch", "Switch"))
SOFTWARE_KINDS = (
    ("desktop", _("Aplikasi desktop")),
    ("client_server", _("Aplikasi client/server")),
    ("web", _("Aplikasi web")),
    ("other", _("Lainnya")),
)
EMPLOYMENT_STATUS = (("pns", "PNS"), ("non_pns", "Non PNS"))
