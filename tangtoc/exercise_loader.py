"""Import an exercise module by plain name from the target folder, with Vietnamese errors."""

import importlib
import sys
import traceback
from pathlib import Path
from types import ModuleType

from tangtoc import catalog


class ExerciseNotLoadable(Exception):
    """The student's module is missing, does not import, or lacks a required function."""


def load(exercise_id: str, target_dir: Path) -> ModuleType:
    exercise = catalog.get(exercise_id)
    path = target_dir / exercise.file_name
    if not path.is_file():
        raise ExerciseNotLoadable(f"Không có tệp {path}: hãy tạo tệp bài làm đúng tên này.")
    if str(target_dir) not in sys.path[:1]:
        sys.path.insert(0, str(target_dir))
    try:
        module = importlib.import_module(exercise_id)
    except SyntaxError as error:
        raise ExerciseNotLoadable(
            f"Lỗi cú pháp trong {exercise.file_name}, dòng {error.lineno}: {error.msg}."
        ) from None
    except BaseException as error:  # a submission may raise anything while importing
        where = traceback.extract_tb(error.__traceback__)[-1]
        raise ExerciseNotLoadable(
            f"Không nhập (import) được {exercise.file_name}: {type(error).__name__}: {error} "
            f"(dòng {where.lineno} của {Path(where.filename).name})."
        ) from None
    if Path(module.__file__).resolve() != path.resolve():
        raise ExerciseNotLoadable(f"Đã nạp nhầm {module.__file__} thay vì {path}.")
    missing = [name for name in exercise.functions if not callable(getattr(module, name, None))]
    if missing:
        raise ExerciseNotLoadable(
            f"Thiếu hàm {', '.join(missing)} trong {exercise.file_name}: đừng đổi tên hàm của đề."
        )
    return module
