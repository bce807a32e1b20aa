"""The output folder: built aside, then swapped in, so old and new results never mix.

A run writes into OUT's sibling staging folder; at the end the previous OUT (if any) is renamed
to a dated backup and the staging folder becomes OUT. A partial re-run (--only) starts from a
copy of the previous OUT, so the students it does not re-grade keep their results.

OUT is the teacher's only (0700): every student's results and code are in it. Graded with sudo,
it is given to the user who ran sudo, so the teacher reads it without root.
"""

import os
import shutil
import time
from pathlib import Path


class OutputFolder:
    def __init__(self, out: Path, keep_previous: bool):
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        self.staging = self.out.with_name(f".{self.out.name}.dang-cham-{stamp}-{os.getpid()}")
        if keep_previous and self.out.is_dir():
            shutil.copytree(self.out, self.staging)
        else:
            self.staging.mkdir()
        self.staging.chmod(0o700)  # other students' results are nobody else's business
        self.backup: Path | None = None

    def student_folder(self, student: str) -> Path:
        folder = self.staging / student
        if folder.exists():
            shutil.rmtree(folder)  # re-graded: nothing of the old result may remain
        return folder

    def commit(self) -> Path | None:
        """Swap the staging folder in; return where the previous output was kept."""
        if self.out.exists():
            self.backup = self.out.with_name(
                f"{self.out.name}.cu-{time.strftime('%Y%m%d-%H%M%S')}")
            suffix = 1
            while self.backup.exists():
                self.backup = self.backup.with_name(f"{self.backup.name}-{suffix}")
                suffix += 1
            self.out.rename(self.backup)
        self.staging.rename(self.out)
        self.out.chmod(0o700)  # a copied previous OUT (--only) kept its old mode
        _give_to_sudo_user(self.out)
        return self.backup

    def abandon(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def _give_to_sudo_user(folder: Path) -> None:
    """Graded as root through sudo: the output belongs to the user who ran sudo."""
    uid, gid = os.environ.get("SUDO_UID", ""), os.environ.get("SUDO_GID", "")
    if os.geteuid() != 0 or not uid.isdigit() or not gid.isdigit():
        return
    for path in (folder, *folder.rglob("*")):
        os.chown(path, int(uid), int(gid), follow_symlinks=False)
