"""Outputs that are not regular files: written to, never replaced; a full disk is one line."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from diagnostic.cli import main
from diagnostic.export.jsonio import from_json
from diagnostic.export.tabular import to_csv
from diagnostic.referentiel.load import load_referentiel

ROOT = Path(__file__).resolve().parent.parent.parent
MINI = ROOT / "tests" / "data" / "ok"
ANSWERS = b'{"territory": {"name": "Commune d\xe2\x80\x99essai", "type": "commune"}, "answers": {}}'


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "in.json"
    path.write_bytes(ANSWERS)
    return path


def expected_csv() -> bytes:
    referentiel = load_referentiel(MINI)
    return to_csv(referentiel, from_json(ANSWERS, referentiel), "fr")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--data", str(MINI), *args])
    out, err = capsys.readouterr()
    return code, out, err.replace("\u00a0", " ")


def full_device(tmp_path: Path) -> Path:
    """A ``/dev/full`` of the test's own (as root, a replaced node would be the real one)."""
    node = tmp_path / "full"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except PermissionError:
        return Path("/dev/full")  # not root: the real one cannot be replaced
    return node


def test_a_full_device_is_written_to_and_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, answers_file: Path
) -> None:
    device = full_device(tmp_path)
    code, out, err = run(capsys, "report", str(answers_file), "--csv", str(device))
    assert (code, out) == (1, "")
    assert err == f"Erreur : écriture impossible dans {device} (disque plein)\n"
    assert stat.S_ISCHR(device.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["in.json", *([device.name] if device.parent == tmp_path else [])]
    )


def test_a_full_device_in_english(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, answers_file: Path
) -> None:
    device = full_device(tmp_path)
    code, _, err = run(capsys, "report", str(answers_file), "--pdf", str(device), "--lang", "en")
    assert code == 1
    assert err == f"Error: cannot write {device} (disk full)\n"


def test_a_named_pipe_is_written_to(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, answers_file: Path
) -> None:
    pipe = tmp_path / "tube"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    try:
        code, out, err = run(capsys, "report", str(answers_file), "--csv", str(pipe))
    finally:
        if reader.is_alive():  # the command never opened the pipe: let the reader go
            with pipe.open("wb"):
                pass
        reader.join(timeout=30)
    assert (code, err) == (0, "")
    assert out.startswith(f"{pipe} (")
    assert received == [expected_csv()]
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_a_symbolic_link_is_followed_not_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, answers_file: Path
) -> None:
    (tmp_path / "vrai").mkdir()
    target = tmp_path / "vrai" / "r.csv"
    target.write_bytes(b"old")
    link = tmp_path / "lien.csv"
    link.symlink_to(target)
    dangling = tmp_path / "nouveau.csv"
    dangling.symlink_to(tmp_path / "vrai" / "n.csv")
    code, _, err = run(
        capsys, "report", str(answers_file), "--csv", str(link), "--levers-csv", str(dangling)
    )
    assert (code, err) == (0, "")
    assert link.is_symlink() and dangling.is_symlink()
    assert target.read_bytes() == expected_csv()
    assert (tmp_path / "vrai" / "n.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert sorted(p.name for p in (tmp_path / "vrai").iterdir()) == ["n.csv", "r.csv"]


def test_dash_is_standard_output(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path, answers_file: Path
) -> None:
    pdf = tmp_path / "r.pdf"
    code = main(["--data", str(MINI), "report", str(answers_file), "--csv", "-", "--pdf", str(pdf)])
    out, err = capsysbinary.readouterr()
    assert code == 0
    assert out == expected_csv()
    assert err.decode().replace("\u00a0", " ").splitlines() == [
        f"{pdf} ({round(pdf.stat().st_size / 1000)} ko)",
        f"sortie standard ({max(1, round(len(out) / 1000))} ko)",
    ]
    assert not (tmp_path / "-").exists()


def test_two_outputs_on_standard_output_are_refused(
    capsys: pytest.CaptureFixture[str], answers_file: Path
) -> None:
    code, out, err = run(capsys, "report", str(answers_file), "--csv", "-", "--xlsx", "-")
    assert (code, out) == (2, "")
    assert err == (
        "Erreur : --csv et --xlsx demandent tous la sortie standard (-) : une seule sortie "
        "peut y aller, donnez un fichier aux autres\n"
    )


def test_compare_keeps_standard_output_for_its_text(
    capsys: pytest.CaptureFixture[str], answers_file: Path
) -> None:
    code, out, err = run(capsys, "compare", str(answers_file), str(answers_file), "--pdf", "-")
    assert (code, out) == (2, "")
    assert err.startswith("Erreur : --pdf - : cette commande affiche déjà son résultat")


def test_a_full_disk_leaves_no_partial_file(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    answers_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The disk fills while the new file is written: the old one stays, no stray file."""
    report = tmp_path / "r.csv"
    report.write_bytes(b"the previous report")
    real_fsync = os.fsync

    def full(descriptor: int) -> None:
        real_fsync(descriptor)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, out, err = run(capsys, "report", str(answers_file), "--csv", str(report))
    assert (code, out) == (1, "")
    assert err == f"Erreur : écriture impossible dans {report} (disque plein)\n"
    assert report.read_bytes() == b"the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json", "r.csv"]
