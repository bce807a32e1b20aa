"""A class template for GitHub Classroom: the student's repository, without the answers.

Classroom copies the template repository to every student, so it holds what a student needs
(stubs, the graded tests and their helpers, the package, the site, the grading workflow) and
never solutions/. The judge still needs a trusted copy of every exercise for its sequential
baselines and expected results: tests/graded/baseline/ holds the untouched stubs (the
baselines are given parts of every stub) and, for the whole-program exercises whose stub is the
bug to fix, the reference program's output recorded here (`<id>.stdout.txt`). tangtoc.paths uses
tests/graded/baseline/ in place of solutions/ when the latter is absent.
"""

import tempfile
from pathlib import Path

from tangtoc import catalog, paths
from tangtoc.catalog import Exercise
from tangtoc.grader import classroom
from tangtoc.grader.engines import copy_part
from tangtoc.script_run import run_script

# A class's repository: the package (with a README of its own), the stubs and the site, never
# our solutions; of tests/, only tests/graded/ (the graded tests and their helpers), where
# build_template adds the baselines.
PARTS = (*(p for p in paths.PACKAGE_PARTS if p != "README.md"), ".gitignore", "lessons",
         paths.GRADED_PART, *paths.SITE_PARTS)
WORKFLOW = Path(".github") / "workflows" / "classroom.yml"
RECORDED_START_METHODS = ("spawn", "forkserver")  # the reference prints the same under both
SCRIPT_SECONDS = 60.0

README = """\
# Tăng tốc Python: bài tập của lớp

Kho này là bản của riêng bạn (GitHub Classroom tạo từ kho mẫu của lớp). Làm bài trong
`lessons/`, kiểm tra trên máy bằng `tangtoc`, rồi `git push`: mỗi lần đẩy mã lên, GitHub chấm
lại các bài của lớp (thẻ **Actions**, quy trình *Autograding Tests*) bằng đúng các bài kiểm tra
trong `tests/graded/`, và GitHub Classroom ghi điểm.

## Cài đặt (một lần)

Cần Python 3.10 trở lên và git, trên Linux hoặc macOS (Windows: dùng WSL2). Trong thư mục của
kho, chạy:

```bash
python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/tangtoc serve
```

Lệnh trên cài khóa học và mở trang bài giảng tại http://127.0.0.1:8000. Mỗi lần mở terminal
mới: `source .venv/bin/activate`.

## Làm bài

- `tangtoc list`: danh sách bài tập và tiến độ; `tangtoc watch`: tự kiểm tra mỗi khi bạn lưu.
- `tangtoc check bai04_dem_tu`: kiểm tra một bài (đúng kết quả, rồi tăng tốc thật trên nhiều lõi).
- `tangtoc hint bai04_dem_tu`: gợi ý, mỗi lần kỹ hơn một chút.
- `tangtoc doctor`: máy của bạn có mấy lõi dùng được và vì sao phần tốc độ có thể không đo được.

Kho này không kèm lời giải tham khảo. Điểm trên GitHub Classroom tính theo từng bài: đạt hết
(kể cả phần tốc độ) thì được trọn điểm của bài đó. Máy chấm của GitHub có 2 lõi trở lên; đọc
phần «Kết quả chấm bài» trong nhật ký của từng bước để biết vì sao một bài chưa đạt.
"""


def build_template(destination: Path, graded: tuple[Exercise, ...], points: float,
                   timeout: float) -> Path:
    """Write the template repository's files into destination (new or empty); return it."""
    if destination.exists() and any(destination.iterdir()):
        raise FileExistsError(f"thư mục {destination} đã có tệp; hãy chọn một thư mục mới.")
    destination.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        copy_part(paths.ROOT / part, destination / part)
    baseline = destination / paths.BASELINE.relative_to(paths.ROOT)
    for exercise in catalog.exercises():
        copy_part(paths.LESSONS / exercise.file_name, baseline / exercise.file_name)
        if exercise.kind == "script":
            (baseline / f"{exercise.id}.stdout.txt").write_text(
                reference_output(exercise), encoding="utf-8")
    (destination / "README.md").write_text(README, encoding="utf-8")
    workflow = destination / WORKFLOW
    workflow.parent.mkdir(parents=True)
    workflow.write_text(classroom.workflow(graded, points, timeout), encoding="utf-8")
    return destination


def reference_output(exercise: Exercise) -> str:
    """What our reference program prints: the expected output of a whole-program exercise."""
    source = paths.ROOT / "solutions" / exercise.file_name
    outputs = set()
    for method in RECORDED_START_METHODS:
        with tempfile.TemporaryDirectory(prefix="tangtoc-template-") as scratch:
            run = run_script(source, start_method=method, timeout=SCRIPT_SECONDS,
                             cwd=Path(scratch))
        if not run.ok:
            raise RuntimeError(f"lời giải tham khảo {exercise.id} lỗi: {run.explain()}")
        outputs.add(run.stdout)
    if len(outputs) != 1:
        raise RuntimeError(f"lời giải tham khảo {exercise.id} in khác nhau theo phương thức "
                           "khởi động: không ghi được một kết quả mong đợi.")
    return outputs.pop()
