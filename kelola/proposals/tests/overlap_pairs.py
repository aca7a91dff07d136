"""Hand-labelled pairs for the overlap detector: (profile a, profile b, is_overlap).

Realistic profiles of Indonesian local-government applications and IT proposals. Positives are the
same function on the same data, often worded differently (paraphrases, acronyms, other agencies);
negatives include hard cases: same sector and service type but another function, or the same
words used in another sense. As in production, proposals mostly carry data sets and a sector while
registered systems carry functions, sectors and service types.
"""

from __future__ import annotations

from kelola.proposals.overlap import Profile


def _p(
    key: str,
    title: str,
    description: str = "",
    functions: tuple[str, ...] = (),
    data: tuple[str, ...] = (),
    sectors: tuple[str, ...] = (),
    services: tuple[str, ...] = (),
    agency: str = "",
) -> Profile:
    return Profile(
        key=key,
        title=title,
        description=description,
        functions=tuple(functions),
        data=tuple(data),
        sectors=frozenset(sectors),
        service_types=frozenset(services),
        agency=agency,
    )


# --- Kesehatan ---------------------------------------------------------------------------------

ANTREAN_PUSKESMAS = _p(
    "proposal:101",
    "Aplikasi antrean pasien puskesmas",
    "Pengambilan nomor antrean pasien secara online agar warga tidak menunggu lama di puskesmas.",
    ("Ambil nomor antrean", "Notifikasi giliran dipanggil", "Layar antrean di ruang tunggu"),
    ("Data pasien", "NIK"),
    ("health",),
    agency="Dinas Kesehatan",
)
ANTRIAN_KLINIK = _p(
    "system:201",
    "Sistem nomor antrian klinik kesehatan",
    "Pasien mengambil nomor antrian melalui HP sebelum datang ke klinik milik daerah.",
    ("Registrasi pasien", "Pemanggilan antrian", "Estimasi waktu tunggu"),
    sectors=("health",),
    services=("registration",),
    agency="UPTD Klinik Pratama",
)
GAJI_NAKES = _p(
    "proposal:102",
    "Aplikasi penggajian tenaga kesehatan puskesmas",
    "Perhitungan honor dan insentif bidan, perawat dan dokter di seluruh puskesmas.",
    ("Hitung insentif jasa pelayanan", "Slip gaji", "Potongan BPJS"),
    ("Data tenaga kesehatan", "Rekening bank"),
    ("health",),
    agency="Dinas Kesehatan",
)
SIMPUS = _p(
    "system:202",
    "SIMPUS",
    "Sistem informasi manajemen puskesmas: rekam medis dan antrean",
    ("Pendaftaran pasien", "Rekam medis elektronik", "Antrean puskesmas"),
    sectors=("health",),
    services=("registration",),
    agency="Dinas Kesehatan",
)
SIMPUS_BARU = _p(
    "proposal:103",
    "Sistem Informasi Manajemen Puskesmas Terintegrasi",
    "Pengembangan aplikasi pelayanan puskesmas mulai dari loket pendaftaran, poli umum, hingga apotek.",
    ("Registrasi pasien di loket", "Pencatatan rekam medik", "Resep dan apotek"),
    ("Data pasien", "Rekam medik", "Data obat"),
    ("health",),
    agency="UPT Puskesmas Sukamaju",
)
RME_PUSKESMAS = _p(
    "system:203",
    "Rekam Medis Elektronik Puskesmas",
    "Pencatatan riwayat pemeriksaan pasien secara elektronik sesuai Permenkes 24/2022.",
    ("Input anamnesa dan diagnosa", "Riwayat kunjungan pasien", "Kirim data ke SATUSEHAT"),
    sectors=("health",),
    services=("other",),
    agency="Dinas Kesehatan",
)
ERM_KLINIK = _p(
    "proposal:104",
    "E-RM Klinik Pratama Daerah",
    "Rekam medik elektronik untuk klinik pratama milik pemerintah kabupaten.",
    ("Catatan medis pasien", "Diagnosa ICD-10", "Integrasi SATUSEHAT"),
    ("Rekam medis pasien", "Data diagnosa"),
    ("health",),
    agency="RSUD Tanah Merah",
)
SURVEILANS = _p(
    "system:204",
    "Sistem Surveilans Penyakit Menular",
    "Pelaporan mingguan kasus penyakit menular dari puskesmas ke dinas kesehatan.",
    ("Laporan kasus DBD", "Peta sebaran penyakit", "Peringatan dini KLB"),
    sectors=("health",),
    services=("public_reporting",),
    agency="Dinas Kesehatan",
)
ANTREAN_RSUD = _p(
    "system:205",
    "Antrean Online RSUD",
    "Pendaftaran dan antrean poliklinik secara daring",
    ("Pendaftaran poliklinik", "Jadwal dokter"),
    sectors=("health",),
    services=("registration",),
    agency="RSUD",
)
DAFTAR_POLI = _p(
    "proposal:105",
    "Aplikasi pendaftaran rawat jalan rumah sakit daerah",
    "Pasien rawat jalan mendaftar ke poli spesialis dari rumah dan memilih jadwal praktik dokter.",
    ("Daftar poli spesialis", "Pilih jadwal praktik dokter", "Cetak bukti registrasi"),
    ("Data pasien", "Jadwal dokter"),
    ("health",),
    agency="RSUD Tanah Merah",
)
AMBULANS = _p(
    "system:206",
    "Ambulans Gawat Darurat 112",
    "Permintaan ambulans dan rujukan gawat darurat",
    ("Panggilan darurat", "Pelacakan ambulans"),
    sectors=("health",),
    services=("public_reporting",),
    agency="Dinas Kesehatan",
)
PANIC_BUTTON = _p(
    "proposal:106",
    "Layanan panggilan darurat ambulance terpadu",
    "Tombol panik di aplikasi warga untuk memanggil ambulans ke lokasi kejadian.",
    ("Tombol darurat", "Lacak posisi ambulans", "Koordinasi dengan IGD"),
    ("Lokasi pelapor", "Armada ambulans"),
    ("health",),
    agency="Dinas Kesehatan",
)
ADUAN_KESEHATAN = _p(
    "proposal:107",
    "Aplikasi pengaduan layanan kesehatan",
    "Warga menyampaikan keluhan tentang pelayanan puskesmas dan rumah sakit daerah.",
    ("Kirim keluhan", "Tindak lanjut keluhan", "Survei kepuasan pasien"),
    ("Data pengadu", "Isi keluhan"),
    ("health",),
    agency="Dinas Kesehatan",
)
GIZI_BALITA = _p(
    "system:207",
    "e-PPGBM Daerah",
    "Pencatatan dan pelaporan gizi berbasis masyarakat untuk pemantauan stunting.",
    ("Input hasil penimbangan balita", "Status gizi", "Rekap stunting per desa"),
    sectors=("health",),
    services=("publication",),
    agency="Dinas Kesehatan",
)
STUNTING_POSYANDU = _p(
    "proposal:108",
    "Aplikasi monitoring stunting di posyandu",
    "Kader posyandu mencatat berat dan tinggi badan balita tiap bulan untuk mendeteksi stunting.",
    ("Catat tinggi dan berat badan anak", "Grafik tumbuh kembang", "Daftar balita berisiko stunting"),
    ("Data balita", "Hasil penimbangan"),
    ("health",),
    agency="DP3AP2KB",
)
IMUNISASI = _p(
    "system:208",
    "Aplikasi Imunisasi Anak",
    "Pencatatan imunisasi dasar lengkap bayi dan balita.",
    ("Jadwal imunisasi", "Pencatatan vaksin yang diberikan", "Pengingat jadwal untuk orang tua"),
    sectors=("health",),
    services=("registration",),
    agency="Dinas Kesehatan",
)
VAKSIN_BALITA = _p(
    "proposal:109",
    "Pencatatan vaksinasi balita digital",
    "Buku KIA digital untuk mencatat vaksinasi dan pengingat jadwal imunisasi anak.",
    ("Riwayat vaksinasi anak", "Reminder jadwal vaksin"),
    ("Data balita", "Riwayat imunisasi"),
    ("health",),
    agency="Puskesmas Kecamatan Utara",
)
VAKSIN_HEWAN = _p(
    "proposal:110",
    "Aplikasi vaksinasi rabies hewan peliharaan",
    "Pendataan anjing dan kucing serta jadwal vaksinasi rabies oleh petugas kesehatan hewan.",
    ("Pendataan hewan peliharaan", "Jadwal vaksinasi rabies", "Sertifikat vaksin hewan"),
    ("Data hewan", "Data pemilik hewan"),
    ("natural_resources",),
    agency="Dinas Pertanian dan Peternakan",
)
STOK_OBAT = _p(
    "system:209",
    "Sistem Informasi Stok Obat Gudang Farmasi",
    "Pengelolaan persediaan obat dan BMHP di instalasi farmasi kabupaten.",
    ("Penerimaan obat", "Distribusi obat ke puskesmas", "Kartu stok", "Obat kedaluwarsa"),
    sectors=("health",),
    services=("other",),
    agency="Dinas Kesehatan",
)
PERSEDIAAN_OBAT = _p(
    "proposal:111",
    "Aplikasi persediaan obat instalasi farmasi",
    "Pencatatan stok obat masuk dan keluar serta permintaan obat dari puskesmas (LPLPO).",
    ("Permintaan obat puskesmas", "Mutasi stok obat", "Peringatan stok menipis"),
    ("Data obat", "Stok gudang"),
    ("health",),
    agency="UPT Instalasi Farmasi",
)
IZIN_APOTEK = _p(
    "proposal:112",
    "Perizinan apotek dan toko obat",
    "Permohonan izin operasional apotek dan toko obat melalui DPMPTSP.",
    ("Permohonan izin apotek", "Verifikasi dokumen apoteker", "Penerbitan izin"),
    ("Data apoteker", "Dokumen persyaratan"),
    ("health",),
    agency="DPMPTSP",
)
SIP_NAKES = _p(
    "system:210",
    "Aplikasi Izin Praktik Tenaga Kesehatan",
    "Penerbitan SIP dokter, bidan dan perawat.",
    ("Permohonan SIP", "Verifikasi STR", "Penerbitan SIP"),
    sectors=("health",),
    services=("licensing",),
    agency="DPMPTSP",
)
SIP_DOKTER = _p(
    "proposal:113",
    "Layanan penerbitan surat izin praktik dokter dan bidan",
    "Dokter dan bidan mengajukan surat izin praktik secara online tanpa datang ke kantor.",
    ("Pengajuan izin praktik", "Unggah STR", "Tanda tangan elektronik izin"),
    ("Data tenaga kesehatan", "STR"),
    ("health",),
    agency="Dinas Kesehatan",
)
SIMRS = _p(
    "system:211",
    "SIMRS RSUD Sukamaju",
    "Sistem informasi manajemen rumah sakit",
    ("Rawat jalan", "Rawat inap", "Farmasi", "Klaim BPJS"),
    sectors=("health",),
    services=("payment",),
    agency="RSUD",
)
SIM_RUMAH_SAKIT = _p(
    "proposal:114",
    "Sistem informasi rumah sakit daerah terpadu",
    "Aplikasi manajemen rumah sakit untuk pelayanan rawat jalan, rawat inap, farmasi dan kasir.",
    ("Pendaftaran rawat jalan", "Rawat inap", "Kasir dan billing", "Klaim BPJS Kesehatan"),
    ("Data pasien", "Tarif layanan", "Rekam medis"),
    ("health",),
    agency="RSUD Tanah Merah",
)
SIMPEG_DINKES = _p(
    "proposal:115",
    "Sistem informasi SDM kesehatan",
    "Pemetaan jumlah dan sebaran tenaga kesehatan di fasilitas kesehatan milik daerah.",
    ("Peta sebaran tenaga kesehatan", "Data STR dan SIP", "Kebutuhan tenaga kesehatan"),
    ("Data tenaga kesehatan",),
    ("health",),
    agency="Dinas Kesehatan",
)

# --- Kependudukan dan kelurahan ------------------------------------------------------------------

SIAK = _p(
    "system:301",
    "SIAK Terpusat",
    "Administrasi kependudukan: KK, KTP-el, akta",
    ("Pendaftaran penduduk", "Pencetakan KTP-el", "Akta kelahiran"),
    sectors=("social_security",),
    services=("registration",),
    agency="Disdukcapil",
)
ADMINDUK_DESA = _p(
    "proposal:301",
    "Aplikasi administrasi kependudukan desa",
    "Pencatatan penduduk datang, pindah, lahir dan meninggal di tingkat desa untuk diteruskan ke Dukcapil.",
    ("Pendataan penduduk", "Pencatatan kelahiran dan kematian", "Pengajuan kartu keluarga"),
    ("NIK", "Kartu keluarga"),
    ("social_security",),
    agency="DPMD",
)
DUKCAPIL_ONLINE = _p(
    "system:302",
    "Dukcapil Online",
    "Permohonan dokumen kependudukan secara daring",
    ("Permohonan akta daring", "Tanda tangan elektronik dokumen"),
    sectors=("social_security",),
    services=("registration",),
    agency="Disdukcapil",
)
AKTA_KECAMATAN = _p(
    "proposal:302",
    "Layanan akta kelahiran online kecamatan",
    "Warga mengurus akta kelahiran anak dari kantor kecamatan tanpa harus ke Disdukcapil.",
    ("Permohonan akta kelahiran", "Unggah surat keterangan lahir", "Cetak akta mandiri"),
    ("NIK orang tua", "Surat keterangan lahir"),
    ("social_security",),
    agency="Kecamatan Utara",
)
SUKET_KELURAHAN = _p(
    "system:303",
    "Aplikasi Surat Keterangan Kelurahan",
    "Permohonan surat keterangan domisili, SKTM dan surat pengantar secara online.",
    ("Permohonan surat keterangan", "Tanda tangan lurah", "Lacak status permohonan"),
    sectors=("social_security",),
    services=("registration",),
    agency="Kelurahan Sukamaju",
)
SURAT_PENGANTAR = _p(
    "proposal:303",
    "Layanan surat pengantar RT/RW dan SKTM online",
    "Warga meminta surat pengantar RT/RW dan keterangan tidak mampu melalui ponsel.",
    ("Pengajuan surat pengantar", "Persetujuan RT dan RW", "Cetak SKTM"),
    ("NIK", "Data keluarga"),
    ("social_security",),
    agency="Kecamatan Selatan",
)
EOFFICE = _p(
    "system:304",
    "E-Office Persuratan Dinas",
    "Pengelolaan surat masuk dan surat keluar antar perangkat daerah.",
    ("Surat masuk", "Surat keluar", "Disposisi pimpinan"),
    sectors=("communication",),
    services=("other",),
    agency="Sekretariat Daerah",
)
TNDE = _p(
    "proposal:304",
    "Tata naskah dinas elektronik",
    "Pembuatan, penandatanganan dan distribusi naskah dinas secara elektronik di semua OPD.",
    ("Buat naskah dinas", "Disposisi elektronik", "Tanda tangan elektronik naskah"),
    ("Naskah dinas", "Data pejabat penandatangan"),
    ("communication",),
    agency="Bagian Organisasi",
)
PPDB = _p(
    "system:305",
    "PPDB Online",
    "Penerimaan peserta didik baru SD dan SMP",
    ("Pendaftaran siswa baru", "Seleksi zonasi", "Pengumuman hasil"),
    sectors=("education",),
    services=("registration",),
    agency="Dinas Pendidikan",
)
PEMAKAMAN = _p(
    "proposal:305",
    "Sistem pemesanan petak makam TPU",
    "Informasi ketersediaan petak makam dan pembayaran retribusi pemakaman.",
    ("Cek ketersediaan petak makam", "Pemesanan petak", "Bayar retribusi makam"),
    ("Data petak makam", "Data ahli waris"),
    ("housing",),
    agency="Dinas Perumahan dan Permukiman",
)
AKTA_KEMATIAN = _p(
    "system:306",
    "Layanan Akta Kematian",
    "Pencatatan kematian dan penerbitan akta kematian.",
    ("Pelaporan kematian", "Penerbitan akta kematian", "Pemutakhiran KK"),
    sectors=("social_security",),
    services=("registration",),
    agency="Disdukcapil",
)
KIA = _p(
    "system:307",
    "Layanan Kartu Identitas Anak",
    "Penerbitan KIA untuk anak usia 0-17 tahun.",
    ("Permohonan KIA", "Cetak KIA"),
    sectors=("social_security",),
    services=("registration",),
    agency="Disdukcapil",
)
KIA_SEKOLAH = _p(
    "proposal:306",
    "Jemput bola kartu identitas anak di sekolah",
    "Pengajuan KIA kolektif oleh sekolah untuk murid yang belum memiliki kartu identitas anak.",
    ("Pengajuan KIA kolektif", "Verifikasi akta kelahiran", "Pencetakan kartu"),
    ("NIK anak", "Akta kelahiran"),
    ("social_security",),
    agency="Disdukcapil",
)

# --- Perizinan -----------------------------------------------------------------------------------

EPERIZINAN = _p(
    "system:401",
    "E-Perizinan",
    "Perizinan dan nonperizinan terpadu satu pintu",
    ("Permohonan izin", "Tracking izin", "Penerbitan izin"),
    sectors=("employment",),
    services=("licensing",),
    agency="DPMPTSP",
)
IZIN_USAHA = _p(
    "proposal:401",
    "Layanan izin usaha online",
    "Pelaku usaha mengajukan perizinan usaha dan memantau prosesnya tanpa datang ke kantor.",
    ("Pengajuan izin usaha", "Lacak proses perizinan", "Unduh surat izin"),
    ("Data pelaku usaha", "NIB"),
    ("employment",),
    agency="DPMPTSP",
)
UMKM_DATA = _p(
    "system:402",
    "Sistem Pendataan UMKM",
    "Basis data usaha mikro, kecil dan menengah binaan dinas koperasi.",
    ("Pendataan UMKM", "Profil usaha", "Rekap UMKM per kecamatan"),
    sectors=("employment",),
    services=("other",),
    agency="Dinas Koperasi dan UKM",
)
UMKM_PROP = _p(
    "proposal:402",
    "Sistem informasi usaha mikro kecil",
    "Pencatatan pelaku usaha mikro dan kecil beserta omzet dan pembinaan yang diterima.",
    ("Registrasi pelaku usaha mikro", "Catatan pembinaan", "Statistik usaha mikro"),
    ("Data pelaku UMKM", "Omzet usaha"),
    ("employment",),
    agency="Dinas Perdagangan",
)
SIMBG = _p(
    "system:403",
    "SIMBG Persetujuan Bangunan Gedung",
    "Permohonan PBG dan SLF",
    ("Permohonan PBG", "Verifikasi teknis bangunan", "Penerbitan SLF"),
    sectors=("housing",),
    services=("licensing",),
    agency="Dinas PUPR",
)
IMB_ONLINE = _p(
    "proposal:403",
    "Aplikasi izin mendirikan bangunan daring",
    "Pengajuan IMB rumah tinggal dan ruko dengan gambar teknis diunggah secara daring.",
    ("Pengajuan IMB", "Pemeriksaan gambar teknis", "Terbit izin bangunan"),
    ("Data pemohon", "Gambar teknis bangunan"),
    ("housing",),
    agency="Dinas PUPR",
)
TATA_RUANG = _p(
    "system:404",
    "WebGIS Tata Ruang",
    "Peta RTRW dan RDTR yang dapat diakses publik.",
    ("Peta pola ruang", "Cek kesesuaian tata ruang lokasi", "Unduh peta"),
    sectors=("housing",),
    services=("publication",),
    agency="Dinas PUPR",
)
IZIN_REKLAME = _p(
    "system:405",
    "Izin Reklame Online",
    "Permohonan izin penyelenggaraan reklame",
    ("Permohonan izin reklame", "Survei lokasi reklame", "Penerbitan izin"),
    sectors=("employment",),
    services=("licensing",),
    agency="DPMPTSP",
)
REKLAME_PROP = _p(
    "proposal:404",
    "Sistem perizinan pemasangan baliho dan papan reklame",
    "Biro iklan mengajukan izin pemasangan baliho, billboard dan spanduk secara daring.",
    ("Pengajuan izin pemasangan reklame", "Peta titik reklame", "Perpanjangan izin"),
    ("Data titik reklame", "Data biro iklan"),
    ("employment",),
    agency="Satpol PP",
)
PAJAK_REKLAME = _p(
    "proposal:405",
    "Aplikasi pajak reklame online",
    "Penetapan dan pembayaran pajak reklame oleh wajib pajak.",
    ("Hitung pajak reklame", "Penerbitan SKPD", "Pembayaran pajak reklame"),
    ("Data wajib pajak", "Objek pajak reklame"),
    ("other",),
    agency="Bapenda",
)
IZIN_LINGKUNGAN = _p(
    "system:406",
    "Sistem Persetujuan Lingkungan",
    "Penilaian dokumen AMDAL, UKL-UPL dan SPPL",
    ("Pengajuan dokumen lingkungan", "Penilaian UKL-UPL", "Penerbitan persetujuan lingkungan"),
    sectors=("environment",),
    services=("licensing",),
    agency="Dinas Lingkungan Hidup",
)
IZIN_LINGKUNGAN_PROP = _p(
    "proposal:406",
    "Perizinan lingkungan online",
    "Pelaku usaha mengurus izin lingkungan (UKL-UPL/SPPL) tanpa tatap muka.",
    ("Permohonan izin lingkungan", "Unggah dokumen UKL-UPL", "Rekomendasi teknis"),
    ("Data usaha", "Dokumen lingkungan"),
    ("environment",),
    agency="Dinas Lingkungan Hidup",
)
UDARA = _p(
    "proposal:407",
    "Pemantauan kualitas udara kota",
    "Pemasangan sensor dan dasbor indeks kualitas udara yang dapat diakses warga.",
    ("Dasbor ISPU", "Sensor kualitas udara", "Peringatan polusi"),
    ("Data sensor udara",),
    ("environment",),
    agency="Dinas Lingkungan Hidup",
)

# --- Pajak dan retribusi --------------------------------------------------------------------------

EPBB = _p(
    "system:501",
    "E-PBB",
    "Pajak bumi dan bangunan: SPPT dan pembayaran",
    ("Cetak SPPT", "Pembayaran PBB", "Cek tagihan"),
    sectors=("other",),
    services=("payment",),
    agency="Bapenda",
)
PBB_PROP = _p(
    "proposal:501",
    "Aplikasi pembayaran pajak bumi dan bangunan online",
    "Wajib pajak dapat mengecek tagihan PBB-P2 dan membayar lewat bank atau QRIS.",
    ("Cek tagihan PBB", "Bayar PBB via QRIS", "Unduh bukti lunas"),
    ("NOP", "Data wajib pajak"),
    ("other",),
    agency="Bapenda",
)
PERTANAHAN = _p(
    "system:502",
    "Sistem Informasi Pertanahan Daerah",
    "Peta bidang tanah aset dan sengketa pertanahan.",
    ("Peta bidang tanah", "Pencatatan sengketa tanah", "Inventarisasi tanah milik daerah"),
    sectors=("housing",),
    services=("other",),
    agency="Dinas Pertanahan",
)
EBPHTB = _p(
    "system:503",
    "E-BPHTB",
    "Bea perolehan hak atas tanah dan bangunan",
    ("Validasi BPHTB", "Pembayaran"),
    sectors=("other",),
    services=("payment",),
    agency="Bapenda",
)
BPHTB_PROP = _p(
    "proposal:502",
    "Layanan validasi dan setor BPHTB daring",
    "Notaris/PPAT mengajukan validasi BPHTB dan wajib pajak menyetor secara daring.",
    ("Pengajuan validasi BPHTB oleh PPAT", "Kode billing BPHTB", "Setor BPHTB"),
    ("Data transaksi tanah", "NOP"),
    ("other",),
    agency="Bapenda",
)
PAJAK_RESTO = _p(
    "system:504",
    "Pajak Daerah Online",
    "Pelaporan dan pembayaran pajak hotel, restoran, hiburan",
    ("Pelaporan omzet", "Pembayaran pajak"),
    sectors=("employment",),
    services=("payment",),
    agency="Bapenda",
)
TAPPING_BOX = _p(
    "proposal:503",
    "Sistem pelaporan omzet wajib pajak restoran",
    "Pemasangan tapping box pada kasir restoran dan hotel agar omzet terlapor otomatis untuk pajak.",
    ("Rekam transaksi kasir", "Laporan omzet harian", "Perhitungan pajak restoran"),
    ("Data wajib pajak", "Transaksi penjualan"),
    ("other",),
    agency="Bapenda",
)
PORTAL_WISATA_HOTEL = _p(
    "proposal:504",
    "Direktori hotel dan restoran untuk wisatawan",
    "Daftar hotel, penginapan dan rumah makan beserta ulasan untuk promosi pariwisata.",
    ("Direktori penginapan", "Ulasan wisatawan", "Peta kuliner"),
    ("Data hotel", "Data rumah makan"),
    ("tourism",),
    agency="Dinas Pariwisata",
)
ERETRIBUSI_PASAR = _p(
    "system:505",
    "E-Retribusi Pasar",
    "Penarikan retribusi kios dan los pasar secara non tunai.",
    ("Tagihan retribusi pedagang", "Pembayaran QRIS", "Rekap setoran pasar"),
    sectors=("employment",),
    services=("payment",),
    agency="Dinas Perdagangan",
)
RETRIBUSI_KIOS = _p(
    "proposal:505",
    "Aplikasi pembayaran retribusi kios pasar non-tunai",
    "Pedagang membayar retribusi harian kios dan los pasar dengan kartu atau dompet digital.",
    ("Bayar retribusi harian", "Kartu pedagang", "Laporan penerimaan retribusi"),
    ("Data pedagang", "Data kios dan los"),
    ("employment",),
    agency="UPT Pasar",
)
HARGA_PANGAN = _p(
    "system:506",
    "Sistem Informasi Harga Pangan",
    "Harga harian bahan pokok di pasar tradisional.",
    ("Input harga harian pasar", "Grafik harga komoditas", "Publikasi harga"),
    sectors=("employment",),
    services=("publication",),
    agency="Dinas Perdagangan",
)
HARGA_BAPOK = _p(
    "proposal:506",
    "Aplikasi informasi harga bahan pokok",
    "Warga dapat memantau harga sembako di setiap pasar secara harian.",
    ("Pantau harga sembako", "Perbandingan harga antar pasar", "Notifikasi kenaikan harga"),
    ("Harga komoditas", "Daftar pasar"),
    ("employment",),
    agency="Dinas Ketahanan Pangan",
)
EPARKIR = _p(
    "system:507",
    "Parkir Elektronik",
    "Retribusi parkir tepi jalan non tunai",
    ("Transaksi parkir", "Rekap retribusi"),
    sectors=("transport",),
    services=("payment",),
    agency="Dinas Perhubungan",
)
JUKIR_QRIS = _p(
    "proposal:507",
    "E-Parking juru parkir QRIS",
    "Juru parkir tepi jalan menerima pembayaran parkir non tunai dengan QRIS dan mesin EDC.",
    ("Pembayaran parkir QRIS", "Setoran juru parkir", "Titik parkir"),
    ("Data juru parkir", "Transaksi parkir"),
    ("transport",),
    agency="Dinas Perhubungan",
)
PAJAK_PARKIR = _p(
    "proposal:508",
    "Aplikasi pajak parkir",
    "Pelaporan dan pembayaran pajak parkir oleh pengelola gedung parkir swasta.",
    ("Pelaporan omzet parkir", "Pembayaran pajak parkir"),
    ("Data wajib pajak parkir",),
    ("other",),
    agency="Bapenda",
)
PARKIR_DINAS = _p(
    "system:508",
    "Sistem Parkir Kendaraan Dinas",
    "Pengaturan parkir dan penggunaan kendaraan dinas di kompleks perkantoran pemda.",
    ("Peminjaman kendaraan dinas", "Slot parkir pegawai", "Log penggunaan BBM"),
    sectors=("other",),
    services=("other",),
    agency="Bagian Umum",
)
RETRIBUSI_SAMPAH = _p(
    "proposal:509",
    "Aplikasi retribusi sampah rumah tangga",
    "Penagihan dan pembayaran retribusi pelayanan persampahan per rumah tangga.",
    ("Tagihan retribusi sampah", "Pembayaran retribusi", "Data pelanggan sampah"),
    ("Data pelanggan", "Tarif retribusi sampah"),
    ("environment",),
    agency="Dinas Lingkungan Hidup",
)
BANK_SAMPAH = _p(
    "system:509",
    "Bank Sampah Digital",
    "Pencatatan tabungan bank sampah",
    ("Setor sampah", "Saldo nasabah", "Penjualan ke pengepul"),
    sectors=("environment",),
    services=("other",),
    agency="Dinas Lingkungan Hidup",
)
TABUNGAN_SAMPAH = _p(
    "proposal:510",
    "Aplikasi tabungan sampah warga",
    "Warga menimbang sampah terpilah di bank sampah unit dan saldonya tercatat di aplikasi.",
    ("Timbang dan catat setoran sampah", "Saldo tabungan nasabah", "Tukar saldo"),
    ("Data nasabah bank sampah", "Jenis dan harga sampah"),
    ("environment",),
    agency="Kelurahan Sukamaju",
)
TPS_LIAR = _p(
    "proposal:511",
    "Aplikasi pengaduan sampah liar",
    "Warga melaporkan tumpukan sampah liar dan TPS yang penuh beserta foto lokasi.",
    ("Lapor sampah liar", "Foto dan titik lokasi", "Tindak lanjut petugas kebersihan"),
    ("Data laporan warga", "Lokasi TPS"),
    ("environment",),
    agency="Dinas Lingkungan Hidup",
)
PDAM = _p(
    "system:510",
    "Pembayaran Tagihan Air PDAM",
    "Cek dan bayar tagihan air minum pelanggan Perumda Air Minum.",
    ("Cek tagihan air", "Pembayaran tagihan", "Riwayat pemakaian air"),
    sectors=("housing",),
    services=("payment",),
    agency="Perumda Air Minum",
)
PDAM_PROP = _p(
    "proposal:512",
    "Layanan tagihan air minum online",
    "Pelanggan air bersih membayar rekening air bulanan secara online.",
    ("Informasi rekening air", "Bayar rekening air", "Pengaduan meter air"),
    ("Data pelanggan air", "Pemakaian meter air"),
    ("housing",),
    agency="Perumda Air Minum",
)

# --- Kepegawaian ----------------------------------------------------------------------------------

SIMPEG = _p(
    "system:601",
    "SIMPEG",
    "Sistem informasi manajemen kepegawaian",
    ("Data pegawai", "Kenaikan pangkat", "Cuti"),
    sectors=("other",),
    services=("other",),
    agency="BKPSDM",
)
SIKEP_ASN = _p(
    "proposal:601",
    "Sistem informasi kepegawaian ASN",
    "Basis data aparatur sipil negara untuk riwayat jabatan, pangkat dan pendidikan.",
    ("Profil ASN", "Riwayat jabatan dan pangkat", "Usul kenaikan pangkat"),
    ("Data ASN", "NIP"),
    ("other",),
    agency="BKPSDM Kabupaten",
)
DATA_ASN = _p(
    "proposal:602",
    "Aplikasi data pegawai terpadu",
    "Pemutakhiran data PNS dan PPPK beserta dokumen SK secara mandiri.",
    ("Pemutakhiran data mandiri", "Arsip SK pegawai", "Statistik pegawai"),
    ("Data PNS dan PPPK", "Dokumen SK"),
    ("other",),
    agency="BKPSDM",
)
EKINERJA = _p(
    "system:602",
    "E-Kinerja",
    "Penilaian kinerja harian pegawai",
    ("Sasaran kinerja", "Laporan harian"),
    sectors=("other",),
    services=("other",),
    agency="BKPSDM",
)
SKP_PROP = _p(
    "proposal:603",
    "Aplikasi penilaian SKP pegawai",
    "Penyusunan SKP, laporan aktivitas harian dan penilaian kinerja ASN oleh atasan.",
    ("Penyusunan SKP", "Aktivitas harian", "Penilaian oleh atasan langsung"),
    ("Data ASN", "Target kinerja"),
    ("other",),
    agency="BKPSDM Kabupaten",
)
SAKIP = _p(
    "system:603",
    "E-SAKIP",
    "Sistem akuntabilitas kinerja instansi pemerintah",
    ("Perjanjian kinerja", "Indikator kinerja utama", "LKjIP"),
    sectors=("other",),
    services=("publication",),
    agency="Bagian Organisasi",
)
PRESENSI = _p(
    "system:604",
    "Absensi Online ASN",
    "Presensi pegawai menggunakan GPS dan swafoto.",
    ("Presensi masuk dan pulang", "Validasi lokasi GPS", "Rekap kehadiran"),
    sectors=("other",),
    services=("other",),
    agency="BKPSDM",
)
KEHADIRAN_FACE = _p(
    "proposal:604",
    "Aplikasi kehadiran pegawai berbasis face recognition",
    "Pencatatan jam datang dan pulang ASN dengan pengenalan wajah di setiap kantor OPD.",
    ("Rekam kehadiran wajah", "Rekap kehadiran bulanan", "Izin tidak masuk"),
    ("Data pegawai", "Foto wajah pegawai"),
    ("other",),
    agency="BKPSDM Kabupaten",
)
ABSEN_SISWA = _p(
    "proposal:605",
    "Presensi siswa sekolah dengan kartu pelajar",
    "Siswa menempelkan kartu pelajar saat datang; orang tua mendapat notifikasi kehadiran anak.",
    ("Tap kartu pelajar", "Notifikasi ke orang tua", "Rekap kehadiran siswa"),
    ("Data siswa", "Kartu pelajar"),
    ("education",),
    agency="Dinas Pendidikan",
)
TPP = _p(
    "system:605",
    "Aplikasi TPP ASN",
    "Perhitungan tambahan penghasilan pegawai berdasarkan kinerja dan kehadiran.",
    ("Hitung TPP", "Potongan TPP", "Daftar nominatif TPP"),
    sectors=("other",),
    services=("payment",),
    agency="BKPSDM",
)
TPP_PROP = _p(
    "proposal:606",
    "Sistem perhitungan tambahan penghasilan pegawai",
    "Otomasi perhitungan tambahan penghasilan ASN dari data kinerja dan presensi.",
    ("Kalkulasi tambahan penghasilan", "Daftar pembayaran", "Integrasi presensi dan kinerja"),
    ("Data ASN", "Nilai kinerja", "Rekap presensi"),
    ("other",),
    agency="BPKAD",
)
GAJI = _p(
    "system:606",
    "Sistem Penggajian Pegawai",
    "Daftar gaji PNS dan PPPK setiap bulan.",
    ("Daftar gaji", "Potongan gaji", "Slip gaji"),
    sectors=("other",),
    services=("payment",),
    agency="BPKAD",
)
PAYROLL = _p(
    "proposal:607",
    "Payroll ASN pemerintah kabupaten",
    "Pembuatan daftar gaji induk, gaji susulan dan potongan pegawai.",
    ("Gaji induk bulanan", "Gaji susulan", "Cetak slip gaji"),
    ("Data ASN", "Komponen gaji"),
    ("other",),
    agency="BPKAD Kabupaten",
)
SPPD = _p(
    "system:607",
    "SPPD Online",
    "Penerbitan surat perintah perjalanan dinas",
    ("Pengajuan SPPD", "Persetujuan atasan", "Pertanggungjawaban perjalanan"),
    sectors=("other",),
    services=("other",),
    agency="Sekretariat Daerah",
)
PERJADIN = _p(
    "proposal:608",
    "Aplikasi perjalanan dinas",
    "Pengajuan, persetujuan dan pelaporan perjalanan dinas pegawai termasuk biaya.",
    ("Surat tugas dan SPD", "Rincian biaya perjalanan", "Laporan perjalanan dinas"),
    ("Data pegawai", "Biaya perjalanan"),
    ("other",),
    agency="BPKAD",
)
CUTI = _p(
    "system:608",
    "Cuti Online ASN",
    "Pengajuan dan persetujuan cuti pegawai",
    ("Pengajuan cuti", "Persetujuan cuti", "Sisa cuti tahunan"),
    sectors=("other",),
    services=("other",),
    agency="BKPSDM",
)
CUTI_PROP = _p(
    "proposal:609",
    "Permohonan cuti pegawai elektronik",
    "Pegawai mengajukan cuti tahunan, cuti sakit dan cuti melahirkan tanpa formulir kertas.",
    ("Ajukan cuti", "Persetujuan berjenjang", "Saldo cuti"),
    ("Data pegawai", "Riwayat cuti"),
    ("other",),
    agency="Sekretariat DPRD",
)
DIKLAT_ASN = _p(
    "proposal:610",
    "Sistem pengembangan kompetensi ASN",
    "Pendaftaran dan pencatatan diklat serta 20 JP pengembangan kompetensi pegawai.",
    ("Katalog diklat", "Pendaftaran peserta diklat", "Rekap jam pelajaran kompetensi"),
    ("Data ASN", "Riwayat diklat"),
    ("other",),
    agency="BKPSDM",
)
REKRUTMEN = _p(
    "proposal:611",
    "Aplikasi seleksi PPPK daerah",
    "Pendaftaran dan seleksi administrasi calon PPPK guru dan tenaga teknis.",
    ("Pendaftaran calon PPPK", "Seleksi administrasi", "Pengumuman kelulusan"),
    ("Data pelamar", "Formasi jabatan"),
    ("other",),
    agency="BKPSDM",
)

# --- Persuratan, arsip, hukum ------------------------------------------------------------------------

SRIKANDI = _p(
    "system:701",
    "Srikandi Daerah",
    "Persuratan dan kearsipan dinamis",
    ("Naskah dinas masuk", "Naskah dinas keluar", "Disposisi"),
    sectors=("communication",),
    services=("other",),
    agency="Diskominfo",
)
ARSIP_DIGITAL = _p(
    "system:702",
    "Sistem Arsip Digital",
    "Alih media dan penyimpanan arsip inaktif perangkat daerah.",
    ("Alih media arsip", "Pencarian arsip", "Jadwal retensi arsip"),
    sectors=("other",),
    services=("other",),
    agency="Dinas Perpustakaan dan Kearsipan",
)
KEARSIPAN_PROP = _p(
    "proposal:701",
    "Aplikasi pengelolaan kearsipan dinamis",
    "Pemberkasan, penyimpanan dan peminjaman arsip aktif dan inaktif di setiap OPD.",
    ("Pemberkasan arsip", "Peminjaman arsip", "Penyusutan arsip sesuai JRA"),
    ("Daftar arsip", "Klasifikasi arsip"),
    ("other",),
    agency="Dinas Perpustakaan dan Kearsipan",
)
PERPUS_DIGITAL = _p(
    "system:703",
    "Perpustakaan Digital Daerah",
    "Peminjaman buku elektronik untuk warga.",
    ("Katalog buku", "Peminjaman e-book", "Keanggotaan perpustakaan"),
    sectors=("education",),
    services=("publication",),
    agency="Dinas Perpustakaan dan Kearsipan",
)
ELIBRARY = _p(
    "proposal:702",
    "E-Library kabupaten",
    "Layanan baca dan pinjam buku digital untuk pelajar dan masyarakat umum.",
    ("Koleksi buku digital", "Pinjam buku", "Pendaftaran anggota"),
    ("Koleksi buku", "Data anggota perpustakaan"),
    ("education",),
    agency="Dinas Perpustakaan",
)
JDIH = _p(
    "system:704",
    "JDIH Kota",
    "Jaringan dokumentasi dan informasi hukum",
    ("Pencarian peraturan daerah", "Unduh produk hukum", "Status peraturan"),
    sectors=("communication",),
    services=("publication",),
    agency="Bagian Hukum",
)
PRODUK_HUKUM = _p(
    "proposal:703",
    "Aplikasi dokumentasi produk hukum daerah",
    "Publikasi perda, perbup dan keputusan bupati yang dapat dicari oleh masyarakat.",
    ("Basis data peraturan", "Pencarian perda dan perbup", "Abstrak peraturan"),
    ("Dokumen peraturan",),
    ("communication",),
    agency="Bagian Hukum Setda",
)
PPID = _p(
    "system:705",
    "PPID Online",
    "Permohonan informasi publik",
    ("Permohonan informasi", "Keberatan"),
    sectors=("communication",),
    services=("registration",),
    agency="Diskominfo",
)
PPID_PROP = _p(
    "proposal:704",
    "Layanan permohonan informasi publik",
    "Masyarakat mengajukan permintaan informasi publik dan keberatan sesuai UU KIP.",
    ("Ajukan permohonan informasi", "Pengajuan keberatan", "Daftar informasi publik"),
    ("Data pemohon informasi", "Daftar informasi publik"),
    ("communication",),
    agency="Diskominfo Kabupaten",
)
SATU_DATA = _p(
    "system:706",
    "Satu Data Sukamaju",
    "Portal data terbuka kota",
    ("Katalog dataset", "Unduh data", "API data"),
    sectors=("communication",),
    services=("publication",),
    agency="Diskominfo",
)
OPEN_DATA = _p(
    "proposal:705",
    "Portal data sektoral kabupaten",
    "Publikasi data statistik sektoral dari seluruh perangkat daerah dalam format terbuka.",
    ("Katalog data sektoral", "Visualisasi statistik", "Unduh dataset"),
    ("Dataset sektoral", "Metadata statistik"),
    ("communication",),
    agency="Diskominfo Kabupaten",
)
PORTAL_BERITA = _p(
    "system:707",
    "Portal Sukamaju",
    "Portal resmi pemerintah kota",
    ("Berita", "Agenda", "Layanan publik"),
    sectors=("communication",),
    services=("publication",),
    agency="Diskominfo",
)
BERITA_PROP = _p(
    "proposal:706",
    "Website berita resmi kabupaten",
    "Portal berita kegiatan pemerintah kabupaten dan agenda pimpinan daerah.",
    ("Publikasi berita", "Agenda bupati", "Galeri foto"),
    ("Artikel berita", "Agenda kegiatan"),
    ("communication",),
    agency="Diskominfo Kabupaten",
)
CCTV_ATCS = _p(
    "system:708",
    "ATCS Lalu Lintas",
    "Pengaturan lampu lalu lintas adaptif dan CCTV persimpangan.",
    ("Kendali lampu lalu lintas", "Pantau CCTV persimpangan", "Hitung volume kendaraan"),
    sectors=("transport",),
    services=("other",),
    agency="Dinas Perhubungan",
)
CCTV_KANTOR = _p(
    "proposal:707",
    "CCTV keamanan gedung kantor bupati",
    "Pengadaan kamera pengawas dan NVR untuk keamanan lingkungan kantor.",
    ("Rekam video keamanan", "Pantau ruang server", "Alarm gerakan"),
    ("Rekaman video",),
    ("other",),
    agency="Bagian Umum",
)
ADUAN = _p(
    "system:709",
    "LAPOR Sukamaju",
    "Pengaduan masyarakat terintegrasi SP4N-LAPOR!",
    ("Pengaduan", "Disposisi", "Tindak lanjut"),
    sectors=("communication",),
    services=("public_reporting",),
    agency="Diskominfo",
)
ADUAN_PROP = _p(
    "proposal:708",
    "Aplikasi aduan masyarakat online",
    "Kanal keluhan warga kepada pemerintah kabupaten dengan tindak lanjut oleh OPD terkait.",
    ("Kirim aduan", "Disposisi aduan ke OPD", "Balasan dan rating tindak lanjut"),
    ("Data pelapor", "Isi aduan"),
    ("communication",),
    agency="Diskominfo Kabupaten",
)
SKM = _p(
    "proposal:709",
    "Survei kepuasan masyarakat elektronik",
    "Pengisian kuesioner IKM oleh pengguna layanan di setiap unit pelayanan publik.",
    ("Isi kuesioner kepuasan", "Hitung indeks kepuasan", "Laporan SKM per unit"),
    ("Jawaban responden", "Unit layanan"),
    ("communication",),
    agency="Bagian Organisasi",
)
JALAN_RUSAK = _p(
    "system:710",
    "Lapor Jalan Rusak",
    "Pelaporan jalan rusak oleh warga dengan foto dan titik lokasi.",
    ("Laporan jalan berlubang", "Peta laporan", "Status perbaikan"),
    sectors=("transport",),
    services=("public_reporting",),
    agency="Dinas PUPR",
)
JALAN_PROP = _p(
    "proposal:710",
    "Aplikasi pengaduan infrastruktur jalan",
    "Warga mengadukan kerusakan jalan dan jembatan; petugas menindaklanjuti perbaikan.",
    ("Aduan kerusakan jalan", "Foto dan koordinat", "Tindak lanjut perbaikan"),
    ("Data aduan", "Ruas jalan"),
    ("transport",),
    agency="Dinas PUPR Kabupaten",
)
INVENTARIS_JALAN = _p(
    "proposal:711",
    "Sistem informasi pemeliharaan jalan",
    "Basis data ruas jalan kabupaten, kondisi permukaan dan rencana anggaran pemeliharaan.",
    ("Data ruas jalan", "Survei kondisi jalan", "Rencana pemeliharaan"),
    ("Ruas jalan", "Kondisi jalan"),
    ("transport",),
    agency="Dinas PUPR Kabupaten",
)
PJU = _p(
    "system:711",
    "Pengaduan PJU Mati",
    "Laporan warga tentang lampu penerangan jalan umum yang padam.",
    ("Lapor lampu padam", "Penugasan teknisi", "Status perbaikan lampu"),
    sectors=("energy",),
    services=("public_reporting",),
    agency="Dinas Perhubungan",
)
PJU_PROP = _p(
    "proposal:712",
    "Aplikasi laporan lampu jalan padam",
    "Masyarakat melaporkan lampu jalan yang mati agar segera diperbaiki.",
    ("Lapor lampu jalan mati", "Peta titik lampu", "Perbaikan oleh petugas"),
    ("Titik lampu jalan", "Laporan warga"),
    ("energy",),
    agency="Dinas Perkim",
)

# --- Keuangan, aset, perencanaan ----------------------------------------------------------------------

SIPD = _p(
    "system:801",
    "SIPD Keuangan",
    "Penatausahaan keuangan daerah",
    ("Penganggaran", "Penatausahaan", "Akuntansi"),
    sectors=("other",),
    services=("other",),
    agency="BPKAD",
)
KEUDA_PROP = _p(
    "proposal:801",
    "Aplikasi penatausahaan keuangan daerah",
    "Pengelolaan SPP, SPM dan SP2D serta pembukuan bendahara OPD.",
    ("Penerbitan SPM dan SP2D", "Buku kas umum bendahara", "Laporan keuangan"),
    ("Data anggaran", "Transaksi belanja"),
    ("other",),
    agency="BPKAD Kabupaten",
)
SIMDA_PROP = _p(
    "proposal:802",
    "Pengembangan SIMDA Keuangan",
    "Peningkatan versi SIMDA untuk penyusunan APBD dan laporan realisasi anggaran.",
    ("Penyusunan APBD", "Realisasi anggaran", "Laporan keuangan pemda"),
    ("APBD", "Realisasi belanja"),
    ("other",),
    agency="BPKAD",
)
SIMBADA = _p(
    "system:802",
    "SIMBADA",
    "Sistem informasi barang milik daerah",
    ("Inventaris aset", "Penyusutan", "Mutasi barang"),
    sectors=("other",),
    services=("other",),
    agency="BPKAD",
)
BMD_PROP = _p(
    "proposal:803",
    "Aplikasi inventarisasi barang milik daerah",
    "Pencatatan BMD per OPD lengkap dengan kartu inventaris barang dan foto aset.",
    ("Kartu inventaris barang", "Label QR aset", "Mutasi dan penghapusan BMD"),
    ("Data aset", "KIB"),
    ("other",),
    agency="BPKAD Kabupaten",
)
EPLANNING = _p(
    "system:803",
    "E-Planning",
    "Perencanaan pembangunan daerah: Renja dan musrenbang",
    ("Usulan musrenbang", "Penyusunan Renja"),
    sectors=("other",),
    services=("other",),
    agency="Bappeda",
)
MUSRENBANG_PROP = _p(
    "proposal:804",
    "Aplikasi usulan pembangunan kelurahan",
    "Warga dan kelurahan menginput usulan kegiatan musrenbang yang diverifikasi berjenjang.",
    ("Input usulan warga", "Verifikasi usulan kecamatan", "Prioritas usulan"),
    ("Usulan musrenbang", "Lokasi usulan"),
    ("other",),
    agency="Bappeda Kabupaten",
)
LPSE = _p(
    "system:804",
    "LPSE Daerah",
    "Layanan pengadaan secara elektronik",
    ("Tender", "Pengadaan langsung", "Katalog elektronik lokal"),
    sectors=("employment",),
    services=("other",),
    agency="Bagian Pengadaan Barang dan Jasa",
)
PENGADAAN_PROP = _p(
    "proposal:805",
    "E-procurement tender daerah",
    "Pelelangan pengadaan barang dan jasa pemerintah daerah secara daring.",
    ("Pengumuman lelang", "Penawaran penyedia", "Evaluasi tender"),
    ("Data penyedia", "Paket pengadaan"),
    ("employment",),
    agency="UKPBJ Kabupaten",
)
MARKETPLACE_UMKM = _p(
    "proposal:806",
    "Marketplace produk UMKM lokal",
    "Toko online bersama untuk memasarkan produk usaha mikro ke konsumen.",
    ("Etalase produk", "Keranjang belanja", "Pengiriman pesanan"),
    ("Data produk UMKM", "Data penjual"),
    ("employment",),
    agency="Dinas Koperasi dan UKM",
)
KATALOG_UMKM = _p(
    "system:805",
    "Galeri Produk UMKM",
    "Etalase daring produk usaha mikro binaan untuk dipasarkan ke masyarakat.",
    ("Etalase produk", "Pemesanan produk", "Profil pelaku usaha"),
    sectors=("employment",),
    services=("other",),
    agency="Dinas Koperasi dan UKM",
)
KEUDES = _p(
    "system:806",
    "Siskeudes Online",
    "Pengelolaan keuangan desa",
    ("Penganggaran APBDes", "Penatausahaan", "Pelaporan dana desa"),
    sectors=("other",),
    services=("other",),
    agency="DPMD",
)
KEUDES_PROP = _p(
    "proposal:807",
    "Sistem keuangan desa terpadu",
    "Aplikasi perencanaan, penganggaran dan pertanggungjawaban APBDes untuk seluruh desa.",
    ("Penyusunan APBDes", "Realisasi dana desa", "Laporan pertanggungjawaban"),
    ("APBDes", "Transaksi desa"),
    ("other",),
    agency="DPMD Kabupaten",
)
PROFIL_DESA = _p(
    "proposal:808",
    "Website profil desa",
    "Situs web setiap desa berisi profil, potensi desa dan berita kegiatan.",
    ("Profil desa", "Potensi desa", "Berita desa"),
    ("Data potensi desa",),
    ("communication",),
    agency="DPMD Kabupaten",
)

# --- Pendidikan dan sosial ----------------------------------------------------------------------

PPDB_PROP = _p(
    "proposal:901",
    "Aplikasi penerimaan murid baru SD dan SMP",
    "Seleksi calon murid baru jalur zonasi, afirmasi dan prestasi secara online.",
    ("Registrasi calon murid", "Seleksi jalur zonasi", "Pengumuman kelulusan seleksi"),
    ("Data calon murid", "NIK", "Nilai rapor"),
    ("education",),
    agency="Dinas Pendidikan Kabupaten",
)
ERAPOR = _p(
    "system:901",
    "E-Rapor",
    "Rapor digital sekolah dasar dan menengah pertama",
    ("Input nilai", "Cetak rapor"),
    sectors=("teaching",),
    services=("other",),
    agency="Dinas Pendidikan",
)
RAPOR_PROP = _p(
    "proposal:902",
    "Aplikasi rapor digital siswa",
    "Guru mengisi nilai dan deskripsi capaian kompetensi; rapor dicetak dari aplikasi.",
    ("Pengisian nilai oleh guru", "Deskripsi capaian", "Cetak rapor semester"),
    ("Nilai siswa", "Data siswa"),
    ("teaching",),
    agency="Dinas Pendidikan Kabupaten",
)
DAPODIK = _p(
    "system:902",
    "Dapodik Daerah",
    "Rekap data pokok pendidikan tingkat kota",
    ("Data sekolah", "Data guru", "Data siswa"),
    sectors=("education",),
    services=("publication",),
    agency="Dinas Pendidikan",
)
DATA_SEKOLAH_PROP = _p(
    "proposal:903",
    "Sistem data pokok sekolah dan guru",
    "Rekapitulasi jumlah sekolah, rombongan belajar, guru dan siswa untuk perencanaan pendidikan.",
    ("Rekap sekolah", "Rekap guru dan tenaga kependidikan", "Rekap peserta didik"),
    ("Data sekolah", "Data guru", "Data siswa"),
    ("education",),
    agency="Dinas Pendidikan Kabupaten",
)
BEASISWA = _p(
    "system:903",
    "Beasiswa Daerah Online",
    "Pendaftaran dan seleksi beasiswa mahasiswa berprestasi dan kurang mampu.",
    ("Pendaftaran beasiswa", "Seleksi berkas", "Pengumuman penerima"),
    sectors=("education",),
    services=("registration",),
    agency="Bagian Kesra",
)
BEASISWA_PROP = _p(
    "proposal:904",
    "Pendaftaran bantuan pendidikan mahasiswa",
    "Mahasiswa asal daerah mendaftar beasiswa pemda secara online dan diseleksi panitia.",
    ("Daftar beasiswa", "Unggah transkrip dan SKTM", "Hasil seleksi beasiswa"),
    ("Data mahasiswa", "Transkrip nilai"),
    ("education",),
    agency="Dinas Pendidikan Kabupaten",
)
DTKS = _p(
    "system:904",
    "SIKS-NG Daerah",
    "Data terpadu kesejahteraan sosial",
    ("Verifikasi DTKS", "Usulan bantuan"),
    sectors=("social_security",),
    services=("other",),
    agency="Dinas Sosial",
)
BANSOS_PROP = _p(
    "proposal:905",
    "Aplikasi pendataan penerima bantuan sosial",
    "Pendataan dan verifikasi keluarga miskin calon penerima bansos daerah.",
    ("Pendataan keluarga miskin", "Verifikasi lapangan", "Usulan penerima bansos"),
    ("Data keluarga miskin", "NIK"),
    ("social_security",),
    agency="Dinas Sosial Kabupaten",
)
PUPUK = _p(
    "proposal:906",
    "Aplikasi distribusi pupuk bersubsidi",
    "Pendataan kebutuhan pupuk subsidi petani (e-RDKK) dan penebusan di kios resmi.",
    ("Input RDKK", "Alokasi pupuk per petani", "Penebusan pupuk di kios"),
    ("Data petani", "Alokasi pupuk"),
    ("natural_resources",),
    agency="Dinas Pertanian",
)
KARTU_TANI = _p(
    "system:905",
    "Kartu Tani Daerah",
    "Pencatatan alokasi dan penebusan pupuk subsidi oleh kelompok tani.",
    ("Alokasi pupuk subsidi", "Penebusan pupuk", "Data kelompok tani"),
    sectors=("natural_resources",),
    services=("other",),
    agency="Dinas Pertanian",
)
NELAYAN = _p(
    "proposal:907",
    "Sistem pendataan nelayan dan kapal",
    "Pencatatan nelayan, kapal penangkap ikan dan hasil tangkapan.",
    ("Registrasi nelayan", "Data kapal", "Hasil tangkapan"),
    ("Data nelayan", "Data kapal"),
    ("natural_resources",),
    agency="Dinas Perikanan",
)

# --- Perhubungan, pariwisata, tenaga kerja, bencana -------------------------------------------------

UJI_KIR = _p(
    "system:1001",
    "Uji KIR Online",
    "Pengujian kendaraan bermotor",
    ("Pendaftaran uji", "Hasil uji"),
    sectors=("transport",),
    services=("registration",),
    agency="Dinas Perhubungan",
)
KIR_PROP = _p(
    "proposal:1001",
    "Aplikasi pengujian berkala kendaraan bermotor",
    "Pemilik angkutan barang dan penumpang mendaftar uji berkala dan menerima bukti lulus uji elektronik.",
    ("Pendaftaran uji berkala", "Pembayaran retribusi uji", "Kartu lulus uji elektronik"),
    ("Data kendaraan", "Hasil pengujian"),
    ("transport",),
    agency="Dinas Perhubungan Kabupaten",
)
SAMSAT = _p(
    "proposal:1002",
    "Pembayaran pajak kendaraan bermotor",
    "Kerja sama dengan Samsat agar warga dapat membayar PKB tahunan secara online.",
    ("Cek PKB", "Bayar PKB", "Pengesahan STNK"),
    ("Data kendaraan", "Data wajib pajak"),
    ("transport",),
    agency="Bapenda Provinsi",
)
TRAYEK = _p(
    "system:1002",
    "Sistem Informasi Angkutan Umum",
    "Rute dan jadwal angkutan kota dan bus.",
    ("Peta trayek", "Jadwal keberangkatan", "Posisi bus"),
    sectors=("transport",),
    services=("publication",),
    agency="Dinas Perhubungan",
)
RUTE_BUS = _p(
    "proposal:1003",
    "Aplikasi jadwal dan rute bus kota",
    "Penumpang dapat melihat rute, halte dan perkiraan kedatangan bus kota.",
    ("Rute dan halte", "Perkiraan waktu kedatangan", "Lacak posisi armada"),
    ("Data rute", "Posisi GPS armada"),
    ("transport",),
    agency="Dinas Perhubungan Kabupaten",
)
IZIN_TRAYEK = _p(
    "proposal:1004",
    "Perizinan trayek angkutan",
    "Permohonan dan perpanjangan izin trayek angkutan umum oleh perusahaan otobus.",
    ("Permohonan izin trayek", "Perpanjangan izin", "Kartu pengawasan"),
    ("Data perusahaan angkutan", "Data kendaraan"),
    ("transport",),
    agency="DPMPTSP",
)
PORTAL_WISATA = _p(
    "system:1003",
    "Portal Pariwisata Sukamaju",
    "Informasi destinasi wisata, event dan akomodasi.",
    ("Destinasi wisata", "Kalender event", "Peta wisata"),
    sectors=("tourism",),
    services=("publication",),
    agency="Dinas Pariwisata",
)
DESTINASI_PROP = _p(
    "proposal:1101",
    "Aplikasi informasi destinasi wisata",
    "Promosi objek wisata, agenda festival dan paket perjalanan untuk wisatawan.",
    ("Katalog objek wisata", "Agenda festival", "Rute menuju lokasi"),
    ("Data objek wisata", "Agenda event"),
    ("tourism",),
    agency="Dinas Pariwisata Kabupaten",
)
TIKET_WISATA = _p(
    "system:1004",
    "Tiket Online Objek Wisata",
    "Pembelian tiket masuk objek wisata milik daerah.",
    ("Beli tiket", "Scan tiket di gerbang", "Rekap penjualan tiket"),
    sectors=("tourism",),
    services=("payment",),
    agency="Dinas Pariwisata",
)
ETICKET_PANTAI = _p(
    "proposal:1102",
    "E-ticketing masuk pantai dan taman rekreasi",
    "Karcis masuk pantai dan taman rekreasi dijual non tunai dan dipindai di pintu masuk.",
    ("Penjualan karcis non tunai", "Validasi karcis di pintu masuk", "Laporan pendapatan karcis"),
    ("Transaksi karcis", "Jumlah pengunjung"),
    ("tourism",),
    agency="UPT Pantai Indah",
)
TIKET_BUS = _p(
    "proposal:1005",
    "Tiket elektronik bus rapid transit",
    "Pembayaran tarif bus kota dengan kartu elektronik dan QR.",
    ("Tap kartu di halte", "Isi saldo kartu", "Rekap penumpang"),
    ("Transaksi tarif", "Data kartu"),
    ("transport",),
    agency="Dinas Perhubungan",
)
GOR = _p(
    "system:1005",
    "Reservasi GOR dan Lapangan",
    "Pemesanan jadwal pemakaian gedung olahraga milik daerah.",
    ("Cek jadwal lapangan", "Booking lapangan", "Bayar sewa"),
    sectors=("other",),
    services=("payment",),
    agency="Dispora",
)
GOR_PROP = _p(
    "proposal:1103",
    "Sewa fasilitas olahraga daerah",
    "Masyarakat menyewa lapangan futsal, bulu tangkis dan stadion milik pemda secara online.",
    ("Pilih lapangan dan jadwal", "Pembayaran sewa", "Bukti reservasi"),
    ("Jadwal pemakaian lapangan", "Tarif sewa"),
    ("other",),
    agency="Dinas Pemuda dan Olahraga",
)
AULA = _p(
    "proposal:1104",
    "Aplikasi peminjaman aula dan ruang rapat",
    "Pegawai OPD meminjam aula dan ruang rapat kantor bupati dengan jadwal yang terpantau.",
    ("Cek ketersediaan ruang rapat", "Peminjaman aula", "Persetujuan bagian umum"),
    ("Jadwal ruang rapat",),
    ("other",),
    agency="Bagian Umum",
)
BURSA_KERJA = _p(
    "system:1006",
    "Bursa Kerja Online",
    "Lowongan kerja dan pencari kerja",
    ("Lowongan", "Kartu kuning AK/1"),
    sectors=("employment",),
    services=("registration",),
    agency="Disnaker",
)
LOKER_PROP = _p(
    "proposal:1201",
    "Aplikasi lowongan pekerjaan dan pencari kerja",
    "Pencari kerja membuat kartu AK/1 dan melamar lowongan dari perusahaan di daerah.",
    ("Pembuatan kartu pencari kerja", "Daftar lowongan pekerjaan", "Lamar lowongan"),
    ("Data pencari kerja", "Data lowongan"),
    ("employment",),
    agency="Dinas Tenaga Kerja Kabupaten",
)
BLK = _p(
    "system:1007",
    "Pendaftaran Pelatihan BLK",
    "Pendaftaran peserta pelatihan di Balai Latihan Kerja.",
    ("Pendaftaran peserta pelatihan", "Jadwal pelatihan", "Sertifikat pelatihan"),
    sectors=("employment",),
    services=("registration",),
    agency="Disnaker",
)
PELATIHAN_PROP = _p(
    "proposal:1202",
    "Aplikasi pendaftaran pelatihan keterampilan kerja",
    "Warga usia produktif mendaftar kursus keterampilan menjahit, las dan komputer di balai latihan kerja.",
    ("Registrasi peserta kursus", "Seleksi peserta", "Sertifikat kelulusan"),
    ("Data peserta pelatihan",),
    ("employment",),
    agency="Dinas Tenaga Kerja Kabupaten",
)
BENCANA = _p(
    "system:1008",
    "Sistem Informasi Kebencanaan",
    "Informasi kejadian bencana, pengungsi dan logistik.",
    ("Laporan kejadian bencana", "Data pengungsi", "Logistik bencana"),
    sectors=("environment",),
    services=("public_reporting",),
    agency="BPBD",
)
BENCANA_PROP = _p(
    "proposal:1203",
    "Aplikasi laporan kejadian bencana BPBD",
    "Relawan dan warga melaporkan kejadian banjir, longsor dan kebakaran hutan beserta kebutuhan logistik.",
    ("Lapor kejadian bencana", "Kaji cepat kerusakan", "Permintaan logistik"),
    ("Data kejadian bencana", "Data pengungsi"),
    ("environment",),
    agency="BPBD Kabupaten",
)
WIFI = _p(
    "system:1009",
    "Jaringan Intra Pemerintah",
    "Jaringan fiber optik dan internet antar kantor perangkat daerah.",
    ("Manajemen bandwidth", "Monitoring jaringan", "Helpdesk jaringan"),
    sectors=("communication",),
    services=("other",),
    agency="Diskominfo",
)
WIFI_PROP = _p(
    "proposal:1204",
    "Penguatan jaringan internet antar OPD",
    "Penambahan kapasitas bandwidth dan pemantauan koneksi internet kantor perangkat daerah.",
    ("Peningkatan bandwidth", "Pemantauan koneksi", "Layanan bantuan gangguan jaringan"),
    ("Topologi jaringan", "Alamat IP"),
    ("communication",),
    agency="Diskominfo Kabupaten",
)


# --- Sparse proposals and more hard negatives (written after the first tuning round; they scored
# P=0.88 R=0.94 at 0.35 before being added) -------------------------------------------------------

H_ANTRIAN = _p(
    "proposal:2001",
    "Aplikasi antrian online",
    "Agar pasien tidak berdesakan di ruang tunggu.",
    sectors=("health",),
)
H_REG_PASIEN = _p(
    "proposal:2002",
    "Pembangunan aplikasi registrasi pasien berbasis web",
    "Registrasi pasien puskesmas dilakukan dari rumah sehingga kunjungan lebih tertata.",
    sectors=("health",),
)
H_SIM_ASN = _p("proposal:2003", "Sistem informasi manajemen ASN", sectors=("other",))
H_EOFFICE = _p(
    "proposal:2004", "Aplikasi e-Office", "Surat menyurat tanpa kertas.", sectors=("communication",)
)
H_ADUAN = _p("proposal:2005", "Aplikasi pengaduan warga", sectors=("communication",))
H_ADM = _p(
    "proposal:2006",
    "Anjungan Dukcapil Mandiri",
    "Mesin cetak mandiri dokumen kependudukan di mal pelayanan publik.",
    ("Cetak KTP-el mandiri", "Cetak kartu keluarga", "Cetak akta"),
    ("NIK", "Data kependudukan"),
    ("social_security",),
)
H_MUSEUM = _p(
    "proposal:2007",
    "Pemesanan tiket masuk museum dan candi",
    "Pengunjung membeli karcis masuk museum daerah dan kawasan candi secara online.",
    ("Beli karcis online", "QR code masuk", "Laporan pengunjung"),
    ("Data pengunjung", "Transaksi karcis"),
    ("tourism",),
)
H_ASET_QR = _p(
    "proposal:2008",
    "Sistem manajemen aset daerah berbasis QR code",
    "Setiap barang inventaris OPD diberi kode QR untuk pelacakan dan stock opname.",
    ("Label QR barang", "Stock opname aset", "Mutasi barang antar OPD"),
    ("Data barang inventaris",),
    ("other",),
)
EMONEV = _p(
    "system:2001",
    "E-Monev",
    "Monitoring dan evaluasi realisasi program",
    ("Realisasi fisik", "Realisasi keuangan"),
    sectors=("other",),
    services=("publication",),
    agency="Bappeda",
)
H_MONEV = _p(
    "proposal:2009",
    "Aplikasi pemantauan realisasi kegiatan pembangunan",
    "Pemantauan capaian fisik dan serapan anggaran kegiatan seluruh OPD setiap triwulan.",
    ("Input capaian fisik", "Serapan anggaran", "Dasbor capaian"),
    ("Realisasi kegiatan",),
    ("other",),
)
COMMAND = _p(
    "system:2002",
    "Command Center",
    "Dasbor kota cerdas dan CCTV",
    ("Dasbor eksekutif", "Pemantauan CCTV"),
    sectors=("communication",),
    services=("publication",),
)
H_SMARTCITY = _p(
    "proposal:2010",
    "Smart city operation center",
    "Ruang kendali terpadu untuk memantau kamera CCTV kota dan dasbor data eksekutif pimpinan.",
    ("Video wall CCTV", "Dasbor pimpinan"),
    ("Rekaman CCTV", "Indikator kota"),
    ("communication",),
)
H_POSYANDU = _p(
    "proposal:2011",
    "Sistem informasi posyandu",
    "Pencatatan kegiatan posyandu: penimbangan balita, imunisasi, dan pemeriksaan ibu hamil.",
    ("Penimbangan balita", "Catatan imunisasi", "Pemeriksaan ibu hamil"),
    ("Data balita", "Data ibu hamil"),
    ("health",),
)
H_QUEUE = _p(
    "proposal:2012",
    "Smart Queue RSUD",
    "Mesin antrean dan display pemanggilan pasien poliklinik.",
    ("Kiosk antrean", "Display pemanggilan"),
    ("Data kunjungan pasien",),
    ("health",),
)
H_SKTM = _p("proposal:2013", "Aplikasi SKTM online", sectors=("social_security",))
H_RETRIBUSI = _p(
    "proposal:2014",
    "Sistem pembayaran retribusi daerah non tunai",
    "Semua jenis retribusi daerah dibayar melalui kanal non tunai dengan kode bayar.",
    ("Penerbitan kode bayar retribusi", "Pembayaran melalui bank dan QRIS", "Rekonsiliasi penerimaan"),
    ("Data wajib retribusi", "Transaksi pembayaran"),
    ("other",),
)
H_SPJ = _p(
    "proposal:2015",
    "Aplikasi pelaporan SPJ bendahara",
    "Bendahara pengeluaran menyusun SPJ belanja dan buku kas umum secara elektronik.",
    ("Penyusunan SPJ", "Buku kas umum", "Verifikasi SPJ oleh PPK"),
    ("Transaksi belanja",),
    ("other",),
)
H_DAFTAR_PKM = _p(
    "proposal:2016",
    "Layanan pendaftaran online puskesmas",
    "Warga mendaftar berobat ke puskesmas dari rumah dan mendapat nomor urut.",
    ("Daftar berobat online", "Nomor urut pelayanan"),
    ("Data pasien",),
    ("health",),
)

H_RS_HEWAN = _p(
    "proposal:2101",
    "Sistem informasi rumah sakit hewan",
    "Pendaftaran dan rekam medis hewan di rumah sakit hewan milik daerah.",
    ("Registrasi hewan", "Rekam medis hewan", "Vaksinasi hewan"),
    ("Data hewan", "Data pemilik hewan"),
    ("natural_resources",),
)
H_PAJAK_AIR = _p(
    "proposal:2102",
    "Aplikasi pajak air tanah",
    "Pendataan sumur bor dan perhitungan pajak air tanah oleh wajib pajak usaha.",
    ("Pendataan sumur bor", "Hitung volume pengambilan air", "Penetapan pajak air tanah"),
    ("Data wajib pajak", "Meter air tanah"),
    ("other",),
)
H_KEPENDUDUKAN = _p(
    "proposal:2103",
    "Sistem informasi kependudukan",
    "Profil penduduk per desa.",
    sectors=("social_security",),
)
H_BUMD = _p(
    "proposal:2104",
    "Pelaporan kinerja keuangan BUMD",
    "BUMD menyampaikan laporan keuangan dan kinerja triwulanan kepada bagian perekonomian.",
    ("Unggah laporan keuangan BUMD", "Penilaian kinerja BUMD"),
    ("Laporan keuangan BUMD",),
    ("other",),
)
H_PERDA = _p(
    "proposal:2105",
    "Aplikasi penegakan perda Satpol PP",
    "Pencatatan razia, pelanggaran peraturan daerah dan sanksi yang dijatuhkan.",
    ("Catat pelanggaran perda", "Jadwal razia", "Sanksi dan denda"),
    ("Data pelanggar",),
    ("other",),
)
H_HAMA = _p(
    "proposal:2106",
    "Sistem pelaporan serangan hama dan penyakit tanaman",
    "Penyuluh pertanian melaporkan serangan hama dan penyakit tanaman padi.",
    ("Laporan serangan hama", "Peta sebaran penyakit tanaman", "Rekomendasi pengendalian"),
    ("Data luas serangan",),
    ("natural_resources",),
)
H_GURU_NGAJI = _p(
    "proposal:2107",
    "Insentif guru ngaji dan marbot",
    "Pendataan dan penyaluran insentif bulanan bagi guru ngaji dan marbot masjid.",
    ("Pendataan penerima insentif", "Penyaluran insentif"),
    ("Data guru ngaji", "Rekening penerima"),
    ("social_security",),
)
H_TERNAK_LAHIR = _p(
    "proposal:2108",
    "Pencatatan kelahiran ternak dan inseminasi buatan",
    "Petugas inseminator mencatat inseminasi buatan dan kelahiran pedet.",
    ("Catat inseminasi buatan", "Catat kelahiran ternak"),
    ("Data ternak", "Data peternak"),
    ("natural_resources",),
)
H_ASURANSI_KDO = _p(
    "proposal:2109",
    "Pendaftaran asuransi kendaraan dinas",
    "Pendataan kendaraan dinas untuk didaftarkan asuransi dan klaim kerusakan.",
    ("Daftar kendaraan dinas", "Klaim asuransi"),
    ("Data kendaraan dinas", "Polis asuransi"),
    ("other",),
)
H_TKA = _p(
    "proposal:2110",
    "Sistem informasi tenaga kerja asing",
    "Pendataan dan pengawasan tenaga kerja asing pada perusahaan di daerah.",
    ("Pendataan TKA", "Perpanjangan IMTA", "Laporan pengawasan"),
    ("Data TKA", "Data perusahaan"),
    ("employment",),
)
H_RAPAT = _p(
    "proposal:2111",
    "Aplikasi daftar hadir rapat dan notulen",
    "Peserta rapat mengisi daftar hadir dengan QR dan notulen tersimpan otomatis.",
    ("Daftar hadir QR", "Notulen rapat", "Undangan rapat"),
    ("Peserta rapat", "Notulen"),
    ("other",),
)
H_IPAL = _p(
    "proposal:2112",
    "Sistem pengelolaan air limbah domestik",
    "Pendataan IPAL komunal dan jadwal penyedotan tinja.",
    ("Data IPAL komunal", "Jadwal penyedotan lumpur tinja"),
    ("Data IPAL",),
    ("environment",),
)
H_JADWAL_DOKTER_HEWAN = _p(
    "proposal:2113",
    "Puskeswan online",
    "Pendaftaran pemeriksaan hewan ternak di pusat kesehatan hewan.",
    ("Daftar pemeriksaan hewan", "Jadwal dokter hewan"),
    ("Data hewan",),
    ("natural_resources",),
)
H_PAJAK_HOTEL = _p(
    "proposal:2114",
    "Pendataan objek pajak hotel",
    "Pendataan hotel dan penginapan sebagai objek pajak daerah.",
    ("Pendataan objek pajak", "Penetapan pajak hotel"),
    ("Data objek pajak hotel",),
    ("other",),
)
H_KARTU_PELAJAR = _p(
    "proposal:2115",
    "Kartu pelajar digital",
    "Kartu identitas pelajar berbasis QR yang terhubung dengan perpustakaan dan kantin sekolah.",
    ("Cetak kartu pelajar", "Pembayaran kantin"),
    ("Data siswa",),
    ("education",),
)


#: (a, b, is_overlap)
PAIRS: list[tuple[Profile, Profile, bool]] = [
    # ---- positives: same function, same data ----
    (ANTREAN_PUSKESMAS, ANTRIAN_KLINIK, True),
    (ANTREAN_PUSKESMAS, SIMPUS, True),
    (SIMPUS_BARU, SIMPUS, True),
    (RME_PUSKESMAS, ERM_KLINIK, True),
    (SIMPUS, RME_PUSKESMAS, True),
    (ANTREAN_RSUD, DAFTAR_POLI, True),
    (AMBULANS, PANIC_BUTTON, True),
    (GIZI_BALITA, STUNTING_POSYANDU, True),
    (IMUNISASI, VAKSIN_BALITA, True),
    (STOK_OBAT, PERSEDIAAN_OBAT, True),
    (SIP_NAKES, SIP_DOKTER, True),
    (SIMRS, SIM_RUMAH_SAKIT, True),
    (SIAK, ADMINDUK_DESA, True),
    (DUKCAPIL_ONLINE, AKTA_KECAMATAN, True),
    (SUKET_KELURAHAN, SURAT_PENGANTAR, True),
    (EOFFICE, TNDE, True),
    (SRIKANDI, TNDE, True),
    (SRIKANDI, EOFFICE, True),
    (KIA, KIA_SEKOLAH, True),
    (EPERIZINAN, IZIN_USAHA, True),
    (UMKM_DATA, UMKM_PROP, True),
    (SIMBG, IMB_ONLINE, True),
    (IZIN_REKLAME, REKLAME_PROP, True),
    (IZIN_LINGKUNGAN, IZIN_LINGKUNGAN_PROP, True),
    (EPBB, PBB_PROP, True),
    (EBPHTB, BPHTB_PROP, True),
    (PAJAK_RESTO, TAPPING_BOX, True),
    (ERETRIBUSI_PASAR, RETRIBUSI_KIOS, True),
    (HARGA_PANGAN, HARGA_BAPOK, True),
    (EPARKIR, JUKIR_QRIS, True),
    (BANK_SAMPAH, TABUNGAN_SAMPAH, True),
    (PDAM, PDAM_PROP, True),
    (SIMPEG, SIKEP_ASN, True),
    (SIMPEG, DATA_ASN, True),
    (SIKEP_ASN, DATA_ASN, True),
    (EKINERJA, SKP_PROP, True),
    (PRESENSI, KEHADIRAN_FACE, True),
    (TPP, TPP_PROP, True),
    (GAJI, PAYROLL, True),
    (SPPD, PERJADIN, True),
    (CUTI, CUTI_PROP, True),
    (ARSIP_DIGITAL, KEARSIPAN_PROP, True),
    (PERPUS_DIGITAL, ELIBRARY, True),
    (JDIH, PRODUK_HUKUM, True),
    (PPID, PPID_PROP, True),
    (SATU_DATA, OPEN_DATA, True),
    (PORTAL_BERITA, BERITA_PROP, True),
    (ADUAN, ADUAN_PROP, True),
    (JALAN_RUSAK, JALAN_PROP, True),
    (PJU, PJU_PROP, True),
    (SIPD, KEUDA_PROP, True),
    (SIPD, SIMDA_PROP, True),
    (KEUDA_PROP, SIMDA_PROP, True),
    (SIMBADA, BMD_PROP, True),
    (EPLANNING, MUSRENBANG_PROP, True),
    (LPSE, PENGADAAN_PROP, True),
    (MARKETPLACE_UMKM, KATALOG_UMKM, True),
    (KEUDES, KEUDES_PROP, True),
    (PPDB, PPDB_PROP, True),
    (ERAPOR, RAPOR_PROP, True),
    (DAPODIK, DATA_SEKOLAH_PROP, True),
    (BEASISWA, BEASISWA_PROP, True),
    (DTKS, BANSOS_PROP, True),
    (PUPUK, KARTU_TANI, True),
    (UJI_KIR, KIR_PROP, True),
    (TRAYEK, RUTE_BUS, True),
    (PORTAL_WISATA, DESTINASI_PROP, True),
    (TIKET_WISATA, ETICKET_PANTAI, True),
    (GOR, GOR_PROP, True),
    (BURSA_KERJA, LOKER_PROP, True),
    (BLK, PELATIHAN_PROP, True),
    (BENCANA, BENCANA_PROP, True),
    (WIFI, WIFI_PROP, True),
    # ---- negatives: same sector or same words, other function or data ----
    (ANTREAN_PUSKESMAS, GAJI_NAKES, False),
    (SIMPUS, GAJI_NAKES, False),
    (ANTREAN_PUSKESMAS, SURVEILANS, False),
    (RME_PUSKESMAS, SURVEILANS, False),
    (AMBULANS, ADUAN_KESEHATAN, False),
    (GIZI_BALITA, ANTRIAN_KLINIK, False),
    (STUNTING_POSYANDU, IMUNISASI, False),
    (IMUNISASI, VAKSIN_HEWAN, False),
    (VAKSIN_BALITA, VAKSIN_HEWAN, False),
    (STOK_OBAT, IZIN_APOTEK, False),
    (PERSEDIAAN_OBAT, SIMPUS_BARU, False),
    (SIP_NAKES, SIMPEG_DINKES, False),
    (SIP_DOKTER, GAJI_NAKES, False),
    (SIMRS, STOK_OBAT, False),
    (ANTREAN_RSUD, SURVEILANS, False),
    (SIAK, PPDB, False),
    (ADMINDUK_DESA, BANSOS_PROP, False),
    (SUKET_KELURAHAN, EOFFICE, False),
    (SURAT_PENGANTAR, TNDE, False),
    (AKTA_KEMATIAN, PEMAKAMAN, False),
    (KIA_SEKOLAH, PPDB_PROP, False),
    (EPERIZINAN, UMKM_DATA, False),
    (IZIN_USAHA, UMKM_PROP, False),
    (SIMBG, TATA_RUANG, False),
    (IZIN_REKLAME, PAJAK_REKLAME, False),
    (REKLAME_PROP, PAJAK_REKLAME, False),
    (IZIN_LINGKUNGAN, UDARA, False),
    (EPBB, PERTANAHAN, False),
    (PAJAK_RESTO, PORTAL_WISATA_HOTEL, False),
    (ERETRIBUSI_PASAR, HARGA_PANGAN, False),
    (RETRIBUSI_KIOS, HARGA_BAPOK, False),
    (PAJAK_PARKIR, PARKIR_DINAS, False),
    (EPARKIR, PARKIR_DINAS, False),
    (RETRIBUSI_SAMPAH, BANK_SAMPAH, False),
    (TABUNGAN_SAMPAH, TPS_LIAR, False),
    (RETRIBUSI_SAMPAH, PDAM, False),
    (SIMPEG, SIMBADA, False),
    (PRESENSI, ABSEN_SISWA, False),
    (KEHADIRAN_FACE, ABSEN_SISWA, False),
    (EKINERJA, SAKIP, False),
    (SKP_PROP, SAKIP, False),
    (GAJI, BANSOS_PROP, False),
    (SIMPEG, SPPD, False),
    (CUTI, PRESENSI, False),
    (DIKLAT_ASN, BLK, False),
    (REKRUTMEN, BURSA_KERJA, False),
    (ARSIP_DIGITAL, PERPUS_DIGITAL, False),
    (KEARSIPAN_PROP, ELIBRARY, False),
    (AULA, ELIBRARY, False),
    (PPID, SATU_DATA, False),
    (PPID_PROP, JDIH, False),
    (PORTAL_BERITA, PORTAL_WISATA, False),
    (BERITA_PROP, PROFIL_DESA, False),
    (CCTV_ATCS, CCTV_KANTOR, False),
    (ADUAN_PROP, SKM, False),
    (JALAN_RUSAK, INVENTARIS_JALAN, False),
    (PJU, JALAN_RUSAK, False),
    (SIPD, SIMBADA, False),
    (EPLANNING, PENGADAAN_PROP, False),
    (LPSE, MARKETPLACE_UMKM, False),
    (KEUDES_PROP, PROFIL_DESA, False),
    (PPDB, ERAPOR, False),
    (DAPODIK, RAPOR_PROP, False),
    (PPDB_PROP, BEASISWA, False),
    (BEASISWA_PROP, BANSOS_PROP, False),
    (PUPUK, NELAYAN, False),
    (KARTU_TANI, BANSOS_PROP, False),
    (UJI_KIR, SAMSAT, False),
    (KIR_PROP, IZIN_TRAYEK, False),
    (TRAYEK, IZIN_TRAYEK, False),
    (TIKET_WISATA, TIKET_BUS, False),
    (ETICKET_PANTAI, PORTAL_WISATA, False),
    (GOR, TIKET_WISATA, False),
    (BURSA_KERJA, BLK, False),
    (BENCANA, TPS_LIAR, False),
    (WIFI, CCTV_KANTOR, False),
    # ---- sparse proposals and more hard cases ----
    (H_ANTRIAN, ANTREAN_RSUD, True),
    (H_REG_PASIEN, SIMPUS, True),
    (H_SIM_ASN, SIMPEG, True),
    (H_EOFFICE, SRIKANDI, True),
    (H_ADUAN, ADUAN, True),
    (H_ADM, SIAK, True),
    (H_MUSEUM, TIKET_WISATA, True),
    (H_ASET_QR, SIMBADA, True),
    (H_MONEV, EMONEV, True),
    (H_SMARTCITY, COMMAND, True),
    (H_POSYANDU, GIZI_BALITA, True),
    (H_QUEUE, ANTREAN_RSUD, True),
    (H_SKTM, SUKET_KELURAHAN, True),
    (H_RETRIBUSI, ERETRIBUSI_PASAR, True),
    (H_SPJ, SIPD, True),
    (H_DAFTAR_PKM, ANTREAN_PUSKESMAS, True),
    (H_RS_HEWAN, SIMRS, False),
    (H_PAJAK_AIR, PDAM, False),
    (H_KEPENDUDUKAN, SIMPEG, False),
    (H_BUMD, SIPD, False),
    (H_PERDA, JDIH, False),
    (H_HAMA, SURVEILANS, False),
    (H_GURU_NGAJI, GAJI, False),
    (H_TERNAK_LAHIR, AKTA_KECAMATAN, False),
    (H_ASURANSI_KDO, UJI_KIR, False),
    (H_TKA, BURSA_KERJA, False),
    (H_RAPAT, PRESENSI, False),
    (H_IPAL, PDAM, False),
    (H_JADWAL_DOKTER_HEWAN, DAFTAR_POLI, False),
    (H_PAJAK_HOTEL, PORTAL_WISATA_HOTEL, False),
    (H_KARTU_PELAJAR, ABSEN_SISWA, False),
    (H_RS_HEWAN, IMUNISASI, False),
]
