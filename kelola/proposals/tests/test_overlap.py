"""Overlap detector (kelola.proposals.overlap): quality on the labelled pairs, reasons, API contract.

No database: profiles are plain data.
"""

from __future__ import annotations

import pytest

from kelola.proposals.overlap import DEFAULT_THRESHOLD, Match, Profile, score, similar

from . import overlap_pairs
from .overlap_pairs import PAIRS


def _confusion(threshold: float) -> tuple[int, int, int, int]:
    tp = fp = fn = tn = 0
    for a, b, is_overlap in PAIRS:
        predicted = score(a, b)[0] >= threshold
        if predicted and is_overlap:
            tp += 1
        elif predicted:
            fp += 1
        elif is_overlap:
            fn += 1
        else:
            tn += 1
    return tp, fp, fn, tn


def test_labelled_set_is_big_and_balanced_enough():
    positives = sum(1 for *_pair, is_overlap in PAIRS if is_overlap)
    negatives = len(PAIRS) - positives
    assert len(PAIRS) >= 120
    assert positives >= 45
    assert negatives >= 45
    keys = {}
    for a, b, _label in PAIRS:
        assert a.key != b.key
        for profile in (a, b):
            # one key, one profile: the set doubles as a candidate corpus
            assert keys.setdefault(profile.key, profile) == profile


def test_precision_and_recall_at_default_threshold():
    tp, fp, fn, tn = _confusion(DEFAULT_THRESHOLD)
    positives = sum(1 for *_pair, is_overlap in PAIRS if is_overlap)
    assert tp + fn == positives
    assert fp + tn == len(PAIRS) - positives
    assert tp + fp + fn + tn == len(PAIRS)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn)
    print(
        f"\noverlap @ {DEFAULT_THRESHOLD}: precision={precision:.3f} recall={recall:.3f} "
        f"(tp={tp} fp={fp} fn={fn} tn={tn}, {len(PAIRS)} pairs)"
    )
    assert precision >= 0.85
    assert recall >= 0.7


def test_ranking_within_the_labelled_corpus():
    """Used as `similar` is used in production (document frequencies over many candidates), most
    positive partners are still reported above the threshold."""
    corpus = {p.key: p for a, b, _label in PAIRS for p in (a, b)}
    candidates = list(corpus.values())
    found = total = 0
    for a, b, is_overlap in PAIRS:
        if not is_overlap:
            continue
        total += 1
        found += b.key in {m.key for m in similar(a, candidates, limit=len(candidates))}
    print(f"\npositive partner reported by similar(): {found}/{total}")
    assert found / total >= 0.8


def test_score_is_symmetric_enough():
    for a, b, _label in PAIRS[:40]:
        assert score(a, b)[0] == pytest.approx(score(b, a)[0], abs=0.05)


def test_reasons_name_shared_function_data_and_sector():
    a = Profile(
        "proposal:1",
        "Aplikasi antrean pasien",
        functions=("Pendaftaran pasien", "Ambil nomor antrean"),
        data=("NIK", "Data pasien"),
        sectors=frozenset({"health"}),
        service_types=frozenset({"registration"}),
    )
    b = Profile(
        "system:2",
        "Sistem antrian puskesmas",
        functions=("Registrasi pasien", "Pemanggilan antrian"),
        data=("NIK",),
        sectors=frozenset({"health"}),
        service_types=frozenset({"registration"}),
    )
    value, reasons = score(a, b)
    assert value >= DEFAULT_THRESHOLD
    assert 'fungsi mirip: "Pendaftaran pasien" ≈ "Registrasi pasien"' in reasons
    assert "data sama: NIK" in reasons
    assert "ruang lingkup sama: health" in reasons
    assert "jenis layanan sama: registration" in reasons
    assert any(r.startswith("kata kunci sama: ") and "antrean" in r for r in reasons)


def test_every_reported_match_has_reasons():
    candidates = [b for _a, b, _label in PAIRS]
    for a, _b, _label in PAIRS[:60]:
        for match in similar(a, candidates):
            assert isinstance(match, Match)
            assert match.reasons, match
            assert all(isinstance(r, str) and r for r in match.reasons)


def test_similar_contract():
    target = overlap_pairs.ANTREAN_PUSKESMAS
    candidates = [p for a, b, _label in PAIRS for p in (a, b)]
    assert target in candidates

    everything = similar(target, candidates, limit=1000, threshold=0.0)
    assert target.key not in {m.key for m in everything}
    assert len({m.key for m in everything}) == len(everything)
    scores = [m.score for m in everything]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)
    assert len(everything) > 10

    top3 = similar(target, candidates, limit=3, threshold=0.0)
    assert [m.key for m in top3] == [m.key for m in everything[:3]]

    strict = similar(target, candidates, limit=1000, threshold=0.5)
    assert all(m.score >= 0.5 for m in strict)
    assert [m.key for m in strict] == [m.key for m in everything if m.score >= 0.5]

    default = similar(target, candidates)
    assert len(default) <= 10
    assert all(m.score >= DEFAULT_THRESHOLD for m in default)
    assert {overlap_pairs.ANTRIAN_KLINIK.key, overlap_pairs.SIMPUS.key} <= {m.key for m in default}
    assert overlap_pairs.GAJI_NAKES.key not in {m.key for m in default}

    assert similar(target, candidates, limit=0) == []
    assert similar(target, []) == []
    assert similar(target, [target]) == []


def test_paraphrase_antrian_antrean():
    a = Profile("proposal:1", "Aplikasi antrean pasien puskesmas", sectors=frozenset({"health"}))
    b = Profile("system:2", "Sistem nomor antrian klinik kesehatan", sectors=frozenset({"health"}))
    value, reasons = score(a, b)
    assert value >= DEFAULT_THRESHOLD
    assert any("antrean" in r for r in reasons)
    unrelated = Profile("system:3", "Sistem penggajian klinik kesehatan", sectors=frozenset({"health"}))
    assert score(a, unrelated)[0] < DEFAULT_THRESHOLD


def test_paraphrase_pendaftaran_registrasi():
    a = Profile("proposal:1", "Pendaftaran peserta pelatihan kerja")
    b = Profile("system:2", "Registrasi peserta pelatihan kerja")
    same_words = Profile("system:3", "Pendaftaran peserta pelatihan kerja")
    value, reasons = score(a, b)
    assert value >= DEFAULT_THRESHOLD
    assert value == score(a, same_words)[0]  # the paraphrase counts as much as the same wording
    assert any(r.startswith("nama mirip:") for r in reasons)
    function_a = Profile("proposal:3", "Puskesmas A", functions=("Pendaftaran pasien",))
    function_b = Profile("system:4", "Klinik B", functions=("Registrasi pasien",))
    assert any('"Pendaftaran pasien" ≈ "Registrasi pasien"' in r for r in score(function_a, function_b)[1])


def test_paraphrase_acronyms_and_derivations():
    simpeg = Profile("system:1", "SIMPEG")
    kepegawaian = Profile("proposal:2", "Sistem informasi kepegawaian ASN")
    assert score(simpeg, kepegawaian)[0] >= DEFAULT_THRESHOLD
    perizinan = Profile("system:3", "E-Perizinan")
    izin = Profile("proposal:4", "Layanan izin usaha online")
    assert score(perizinan, izin)[0] >= DEFAULT_THRESHOLD


def test_same_word_other_sense_stays_below_threshold():
    pajak_parkir = Profile(
        "proposal:1",
        "Aplikasi pajak parkir",
        functions=("Pembayaran pajak parkir",),
        sectors=frozenset({"other"}),
    )
    parkir_dinas = Profile(
        "system:2",
        "Parkir kendaraan dinas",
        functions=("Peminjaman kendaraan dinas",),
        sectors=frozenset({"other"}),
    )
    assert score(pajak_parkir, parkir_dinas)[0] < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    "profile",
    [
        Profile("proposal:1", ""),
        Profile("proposal:1", "   "),
        Profile("proposal:1", "Aplikasi"),
        Profile("proposal:1", "Sistem informasi online", description="yang dan di ke 2024 !!!"),
        Profile("proposal:1", "SI", functions=("", "  "), data=("",)),
        Profile("proposal:1", "E-", sectors=frozenset({"health"}), service_types=frozenset({"registration"})),
    ],
)
def test_empty_or_stopword_only_profiles_score_zero(profile):
    other = overlap_pairs.SIMPUS
    assert score(profile, other) == (0.0, ())
    assert score(other, profile) == (0.0, ())
    assert score(profile, profile)[0] == 0.0
    assert similar(profile, [other, overlap_pairs.ANTRIAN_KLINIK], threshold=0.0) == []
    assert similar(other, [profile], threshold=0.0) == []
