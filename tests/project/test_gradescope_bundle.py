"""The Gradescope bundle run for real, as Gradescope runs it, under Python 3.10 (the default base
image's, Ubuntu 22.04): a fake /autograder tree in a temporary folder (TANGTOC_AUTOGRADER_ROOT),
setup.sh once, then run_autograder per submission (gradescope/autograder_samples docs/specs.md:
the zip unpacked in source/, the submission in submission/, results/results.json written).
The image is built once for the module."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from grader_cases import EXERCISE, FILE

from tangtoc import paths
from tangtoc.grader import gradescope

PYTHON_310 = Path.home() / ".pyenv" / "versions" / "3.10.13" / "bin"
SITE_STACK = ("mkdocs", "mkdocs-material", "nbconvert", "ipykernel", "matplotlib", "jupyter",
              "ruff")
TIMEOUT = 20

pytestmark = [
    pytest.mark.skipif(not (PYTHON_310 / "python3").exists() and not os.environ.get("CI"),
                       reason="pyenv's Python 3.10 is not installed here"),
    pytest.mark.xdist_group("gradescope"),  # one worker builds each image of the module
]


def build_autograder(root: Path, python_bin: Path) -> Path:
    """/autograder after Gradescope built the image: the bundle unpacked, setup.sh run with
    python_bin's python3 first on PATH."""
    goi = root.parent / f"{root.name}-goi"
    subprocess.run([str(Path(sys.executable).with_name("tangtoc")), "grade-bundle", "--out",
                    str(goi), "--exercise", EXERCISE, "--timeout", str(TIMEOUT)],
                   check=True, capture_output=True, timeout=300)
    with zipfile.ZipFile(goi / "gradescope-autograder.zip") as bundle:
        bundle.extractall(root / "source")
        modes = {info.filename: info.external_attr >> 16 for info in bundle.infolist()}
    assert modes["setup.sh"] & 0o111 and modes["run_autograder"] & 0o111
    assert "course/solutions/bai04_dem_tu.py" in modes and "course/docs/index.md" not in modes
    for name in ("setup.sh", "run_autograder"):  # unzip keeps the modes; zipfile does not
        (root / "source" / name).chmod(modes[name] & 0o777)
    shutil.copy2(root / "source" / "run_autograder", root / "run_autograder")  # as Gradescope
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TANGTOC_", "PYTEST_", "VIRTUAL_ENV"))}
    env.update(PATH=f"{python_bin}{os.pathsep}{env['PATH']}", TANGTOC_AUTOGRADER_ROOT=str(root))
    finished = subprocess.run(["bash", str(root / "source" / "setup.sh")], env=env,
                              capture_output=True, text=True, timeout=900)
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    return root


@pytest.fixture(scope="module")
def autograder(tmp_path_factory) -> Path:
    return build_autograder(tmp_path_factory.mktemp("gradescope") / "autograder", PYTHON_310)


def grade(root: Path, source: Path | str, *prefix: str, path: str = "/usr/bin:/bin") -> dict:
    """run_autograder on one submission (a file or its text), as Gradescope starts it (root,
    cwd /autograder)."""
    shutil.rmtree(root / "submission", ignore_errors=True)
    shutil.rmtree(root / "results", ignore_errors=True)
    (root / "submission").mkdir()
    text = source if isinstance(source, str) else source.read_text(encoding="utf-8")
    (root / "submission" / FILE).write_text(text, encoding="utf-8")
    (root / "submission_metadata.json").write_text(json.dumps(
        {"users": [{"email": "an.nguyen@truong.edu.vn", "name": "Nguyễn An"}]}))
    finished = subprocess.run([*prefix, str(root / "run_autograder")], cwd=root,
                              capture_output=True, text=True, timeout=900,
                              env={"PATH": path, "TANGTOC_AUTOGRADER_ROOT": str(root)})
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    return json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))


def test_setup_installs_only_what_grading_needs_on_python_3_10(autograder):
    python = autograder / "venv" / "bin" / "python"
    version = subprocess.run([str(python), "-c", "import sys; print(sys.version_info[:2])"],
                             capture_output=True, text=True, check=True).stdout
    assert version.strip() == "(3, 10)"
    installed = subprocess.run([str(python), "-m", "pip", "list", "--format=json"],
                               capture_output=True, text=True, check=True).stdout
    names = {package["name"].lower() for package in json.loads(installed)}
    assert {"tangtoc", "numpy", "pytest", "tomli"} <= names
    assert not names & set(SITE_STACK), sorted(names & set(SITE_STACK))


def test_a_wrong_submission_gets_markdown_feedback_numbers_tags_and_no_points(autograder):
    results = grade(autograder, paths.LESSONS / FILE)  # the untouched stub
    assert results["score"] == 0 and results["max_score"] == 10
    assert results["extra_data"]["student"] == "an.nguyen"
    assert results["output_format"] == "md"
    assert results["output"].startswith("# Kết quả chấm bài: an.nguyen")
    assert all(t["status"] == "failed" and "Chưa làm" in t["output"]
               for t in results["tests"] if t["extra_data"]["phase"] == "correctness")
    assert all(t["tags"][0] == EXERCISE and t["number"].count(".") == 1
               for t in results["tests"])
    assert results["leaderboard"] == [
        {"name": f"{EXERCISE}: tăng tốc (×)", "value": 0, "order": "desc"}]
    isolation = results["extra_data"]["machine"]["isolation"]
    assert isolation["sandbox"] == "bubblewrap" and isolation["separate_uid"] is True


def test_one_core_is_reported_with_what_to_change_instead_of_silent_zeros(autograder):
    results = grade(autograder, paths.SOLUTIONS / FILE, "taskset", "-c", "0")
    assert results["extra_data"]["machine"]["cores"] == 1
    assert results["output"].startswith("> ⚠ Máy chấm chỉ có 1 lõi dùng được")
    assert "Autograder Settings" in results["output"]
    speed = [t for t in results["tests"] if t["extra_data"]["phase"] == "speed"]
    assert speed and all(t["extra_data"]["status"] == "not_gradable" for t in speed)
    assert all(t["status"] == "passed" for t in results["tests"]
               if t["extra_data"]["phase"] == "correctness")


@pytest.mark.speed
def test_a_correct_submission_earns_every_point_and_its_speedup_on_the_leaderboard(autograder):
    results = grade(autograder, paths.SOLUTIONS / FILE)
    assert results["score"] == results["max_score"] == 10, results["output"]
    (entry,) = results["leaderboard"]
    assert entry["value"] >= 1.3


@pytest.fixture(scope="module")
def no_sandbox_autograder():
    """An image where bubblewrap cannot run (a container without namespaces): PATH without it.
    In a folder every uid may enter, with the system's Python (pyenv's lives under /root)."""
    if os.geteuid() != 0 or not Path("/usr/bin/python3").exists():
        pytest.skip("needs root (as on Gradescope) and the system's python3")
    folder = Path(tempfile.mkdtemp(prefix="tangtoc-gradescope-"))
    folder.chmod(0o755)
    try:
        root = build_autograder(folder / "autograder", Path("/usr/bin"))
        tools = folder / "bin"
        tools.mkdir()
        for tool in ("bash", "sh", "env", "setpriv", "prlimit"):
            (tools / tool).symlink_to(shutil.which(tool))
        yield root, str(tools)
    finally:
        shutil.rmtree(folder)


def test_without_a_sandbox_the_whole_run_is_unprivileged_and_says_so(no_sandbox_autograder):
    root, path = no_sandbox_autograder
    says_its_uid = (paths.LESSONS / FILE).read_text(encoding="utf-8") + (
        "\n\ndef count_words_parallel(paths, workers=2):\n"
        "    import os\n    raise RuntimeError(f'uid={os.getuid()}')\n")
    results = grade(root, says_its_uid, path=path)
    assert results["output"].startswith("> ⚠ Máy chấm này không dựng được hộp cát bubblewrap")
    assert f"uid {gradescope.FALLBACK_UID}" in results["output"]
    assert results["extra_data"]["machine"]["isolation"]["sandbox"] == "none"
    correctness = [t for t in results["tests"] if t["extra_data"]["phase"] == "correctness"]
    assert correctness and all(f"uid={gradescope.FALLBACK_UID}" in t["output"]
                               for t in correctness), correctness[0]["output"]
    assert results["score"] == 0
