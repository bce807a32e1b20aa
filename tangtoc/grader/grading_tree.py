"""Where everything of one submission's grading lies: the layout of its grading tree.

One folder per submission, made before its judge runs and removed with the grading's
temporary folder: the student's copy of each exercise (read-only to every call), the judge's
temporary folders (shared with the calls), and the judge's own HOME and working folder. The
fingerprint of the student's files tells whether a run changed them.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass
class GradingTree:
    """root/target: the student's files (read-only to every call); root/judge: the judge's
    temporary folders (pytest's basetemp), shared with the calls; home and work: the judge's
    own HOME and (empty) working folder."""

    root: Path

    @property
    def target(self) -> Path:
        return self.root / "target"

    @property
    def judge(self) -> Path:
        return self.root / "judge"

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def work(self) -> Path:
        return self.root / "work"

    @classmethod
    def build(cls, root: Path, files: dict[str, Path]) -> "GradingTree":
        tree = cls(root)
        root.mkdir(parents=True)
        root.chmod(0o755)  # the calls' uids pass through it to target/ and judge/
        for folder in (tree.target, tree.judge, tree.home, tree.work):
            folder.mkdir(mode=0o755)
        tree.home.chmod(0o700)
        for exercise_id, staged in files.items():
            copy = tree.target / f"{exercise_id}.py"
            copy.write_bytes(staged.read_bytes())
            copy.chmod(0o644)
        return tree

    def fingerprint(self) -> str:
        """Hash of the submitted files: a run must not change them."""
        digest = hashlib.sha256()
        for path in sorted(self.target.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(self.root)).encode())
                digest.update(path.read_bytes())
        return digest.hexdigest()
