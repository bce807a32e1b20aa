"""Graded tests of bai08_shm_ro_ri: every process closes the segment, the creator unlinks it."""

from pathlib import Path

from script_workers import assert_work_in_child_processes

EXERCISE = "bai08_shm_ro_ri"
TIMEOUT = 10
SHM_FOLDER = Path("/dev/shm")


def test_leaves_no_shared_memory_behind(script):
    run = script.assert_runs_like_reference(timeout=TIMEOUT, watch=True)
    segment = SHM_FOLDER / f"tangtoc_bai08_{run.pid}"  # the name the program derives from its pid
    # In the grader's sandbox the program has a /dev/shm of its own (and a pid of its own):
    # whatever is left in it was left by the program.
    left = sorted(run.sandbox_segments or ()) or ([segment.name] if segment.exists() else [])
    segment.unlink(missing_ok=True)  # never leave it on the machine, whatever the verdict
    assert not left, (
        f"Chương trình kết thúc nhưng khối bộ nhớ chia sẻ {', '.join(left)} vẫn còn trong "
        "/dev/shm: tiến trình tạo ra nó phải gọi shm.unlink() (đúng một lần) sau khi mọi tiến "
        "trình đã close().")
    assert "leaked shared_memory" not in run.stderr, (
        "Python phải dọn giùm bộ nhớ chia sẻ lúc thoát và cảnh báo «leaked shared_memory "
        "objects»: chương trình quên unlink(). Hãy close() ở mọi tiến trình và unlink() ở "
        "tiến trình tạo ra nó, trong khối finally.\n" + run.explain())
    # Not leaking by not sharing: the untouched program's two children must stay.
    assert_work_in_child_processes(
        run, "phép tính tổng hai nửa",
        "Hãy giữ hai tiến trình con đọc khối nhớ chia sẻ, cho mỗi tiến trình close() khối nhớ "
        "khi xong, và tiến trình chính unlink() nó trong khối finally.")
