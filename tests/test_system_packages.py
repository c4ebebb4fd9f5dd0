"""bin/ensure-system-packages, run by `make install`, in a made-up machine: a
PATH of stand-in programs, where `id` says who we are and `apt-get` only
records what it was asked and puts the packages' programs on the PATH."""

import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "bin" / "ensure-system-packages"
PROGRAMS = {"chromium": "chromium", "nodejs": "node", "npm": "npm"}


def stand_in(folder: Path, name: str, body: str = "exit 0") -> None:
    path = folder / name
    path.write_text(f"#!/bin/bash\n{body}\n")
    path.chmod(0o755)


@pytest.fixture
def machine(tmp_path):
    """Runs the script with only the stand-ins made so far on its PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt-get.log"

    def run(*, uid: int, apt: bool, have: tuple[str, ...] = (), **env):
        stand_in(bin_dir, "id", f'[ "$1" = -u ] && echo {uid}')
        if apt:
            installs = " ".join(
                f'[[ " $* " == *" {package} "* ]] && '
                f'printf "#!/bin/bash\\n" > {bin_dir}/{program} && chmod +x {bin_dir}/{program};'
                for package, program in PROGRAMS.items()
            )
            stand_in(bin_dir, "apt-get", f'echo "$*" >> {log}\n{installs}\nexit 0')
        for program in have:
            stand_in(bin_dir, program)
        result = subprocess.run(
            ["/bin/bash", str(SCRIPT)],
            env={"PATH": str(bin_dir), **env},
            capture_output=True,
            text=True,
        )
        result.apt_calls = log.read_text().splitlines() if log.exists() else []
        return result

    return run


def test_it_does_nothing_when_everything_is_there(machine):
    result = machine(uid=1000, apt=False, have=("chromium", "node", "npm"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == result.stderr == ""


def test_as_root_it_installs_only_what_is_missing_after_updating_the_lists(machine):
    result = machine(uid=0, apt=True, have=("node", "npm"))
    assert result.returncode == 0, result.stderr
    assert "Installing chromium" in result.stdout
    assert result.apt_calls == ["update -qq", "install -y -qq chromium"]


def test_as_root_on_a_bare_machine_it_installs_all_three(machine):
    result = machine(uid=0, apt=True)
    assert result.returncode == 0, result.stderr
    assert result.apt_calls == ["update -qq", "install -y -qq chromium nodejs npm"]


def test_it_refuses_with_one_line_when_not_root(machine):
    result = machine(uid=1000, apt=True, have=("chromium",))
    assert result.returncode == 1
    assert result.stderr == (
        "The tests need nodejs npm: run as root, or first: sudo apt-get install nodejs npm\n"
    )
    assert result.apt_calls == []


def test_it_refuses_with_one_line_without_apt_get(machine):
    result = machine(uid=0, apt=False, have=("node", "npm"))
    assert result.returncode == 1
    assert result.stderr == (
        "The tests need chromium and there is no apt-get here: install them first.\n"
    )


def test_it_fails_when_apt_get_leaves_a_program_missing(machine, tmp_path):
    # An apt-get that "succeeds" without installing anything.
    stand_in(tmp_path / "bin", "apt-get")
    result = machine(uid=0, apt=False)
    assert result.returncode == 1
    assert "still no chromium on PATH" in result.stderr


def test_it_takes_chromium_from_chromium_path_when_set(machine, tmp_path):
    browser = tmp_path / "my-chromium"
    stand_in(tmp_path, "my-chromium")
    result = machine(uid=1000, apt=False, have=("node", "npm"), CHROMIUM_PATH=str(browser))
    assert result.returncode == 0, result.stderr
    wrong = machine(uid=0, apt=True, have=("node", "npm"), CHROMIUM_PATH=str(tmp_path / "nope"))
    assert wrong.returncode == 1
    assert "which is not a program" in wrong.stderr
    assert wrong.apt_calls == []
