"""Build the site with Zensical too and print what differs from the MkDocs build. Never fails.

    python scripts/compare_site_engines.py build/site          # MkDocs' build, made before
    python scripts/compare_site_engines.py build/site --out build/site-zensical

Material for MkDocs reaches its end of life in 2027; Zensical, its successor, reads the same
mkdocs.yml. .ci/run calls this after the strict MkDocs build (with `pip install -c
constraints.txt -e '.[zensical]'`) so that each run shows how far the course is from moving:
pages missing, the search index (fields, language, separator), Vietnamese search (lunr.vi,
which folds diacritics), mermaid diagrams, the exercise stubs embedded by snippets, and the
cards and quizzes of tangtoc.site_markdown. The report is for people: the exit code is 0
whatever it finds, and also when Zensical is missing or its build fails.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".zensical-compare.yml"  # Zensical wants its config and output in the project
COUNTED = {
    "sơ đồ mermaid": re.compile(r'class="mermaid"'),
    "mã bài tập nhúng (NotImplementedError)": re.compile(r"NotImplementedError"),
    "dòng snippet chưa thay (--8&lt;--)": re.compile(r"--8&lt;--|--8<--"),
    "thẻ bài tập (tt-card)": re.compile(r"tt-card"),
    "câu trắc nghiệm (tt-question)": re.compile(r'class="tt-question"'),
    "hình (<img)": re.compile(r"<img\b"),
}


def build(out: Path) -> str | None:
    """Build with Zensical into out; None, or why it could not."""
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which(
        "zensical")
    if zensical is None:
        return "chưa cài Zensical (pip install -c constraints.txt -e '.[zensical]')"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    site_dir = out.resolve().relative_to(ROOT.resolve()).as_posix()
    CONFIG.write_text(re.sub(r"^site_dir:.*\n", "", text, flags=re.MULTILINE)
                      + f"\nsite_dir: {site_dir}\n", encoding="utf-8")
    try:
        shutil.rmtree(out, ignore_errors=True)
        finished = subprocess.run([zensical, "build", "--clean", "-f", CONFIG.name], cwd=ROOT,
                                  capture_output=True, text=True, timeout=900)
    finally:
        CONFIG.unlink(missing_ok=True)
    print(finished.stdout + finished.stderr, end="")
    return None if finished.returncode == 0 else f"Zensical dừng với mã {finished.returncode}"


def pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def search_index(site: Path) -> tuple[dict, list[dict]]:
    """(config, entries) of the search index: MkDocs' search/search_index.json, Zensical's
    search.json."""
    for name in ("search/search_index.json", "search.json"):
        if (site / name).is_file():
            data = json.loads((site / name).read_text(encoding="utf-8"))
            return data.get("config", {}), data.get("docs") or data.get("items") or []
    return {}, []


def compare_pages(mkdocs: Path, zensical: Path) -> list[str]:
    ours, theirs = pages(mkdocs), pages(zensical)
    lines = [f"- Trang thiếu ở Zensical: {name}" for name in sorted(ours - theirs)]
    lines += [f"- Trang chỉ Zensical có: {name}" for name in sorted(theirs - ours)]
    return lines or [f"- Đủ {len(ours)} trang HTML như MkDocs."]


def compare_search(mkdocs: Path, zensical: Path) -> list[str]:
    (config, entries), (other_config, other_entries) = search_index(mkdocs), search_index(zensical)
    if not other_entries:
        return ["- Zensical không có chỉ mục tìm kiếm (search.json)."]
    lines = [f"- Số mục: MkDocs {len(entries)}, Zensical {len(other_entries)}."]
    fields = sorted(set().union(*entries)), sorted(set().union(*other_entries))
    if fields[0] != fields[1]:
        lines.append(f"- Trường mỗi mục: MkDocs {fields[0]}, Zensical {fields[1]}.")
    for key in sorted(set(config) | set(other_config)):
        if config.get(key) != other_config.get(key):
            lines.append(f"- Cấu hình «{key}»: MkDocs {config.get(key)!r}, "
                         f"Zensical {other_config.get(key)!r}.")
    located = {entry.get("location", "").split("#")[0] for entry in other_entries}
    missing = sorted({entry["location"].split("#")[0] for entry in entries} - located)
    lines += [f"- Trang không có trong chỉ mục của Zensical: «{name}»" for name in missing]
    return lines


def vietnamese_search(zensical: Path) -> list[str]:
    workers = list((zensical / "assets" / "javascripts" / "workers").glob("search*.js"))
    uses_lunr = any("lunr" in path.read_text(encoding="utf-8", errors="replace")
                    for path in workers)
    if uses_lunr:
        return ["- Bộ tìm kiếm của Zensical dùng lunr: kiểm tra lunr.vi bằng trình duyệt."]
    return ["- Bộ tìm kiếm của Zensical không dùng lunr: lunr.vi (bỏ dấu cả hai phía, tách từ "
            "tiếng Việt) không được dùng; tìm «luong» có thể không ra «luồng»."]


def compare_content(mkdocs: Path, zensical: Path) -> list[str]:
    lines = []
    for name in sorted(pages(mkdocs) & pages(zensical)):
        ours = (mkdocs / name).read_text(encoding="utf-8")
        theirs = (zensical / name).read_text(encoding="utf-8")
        for label, pattern in COUNTED.items():
            counts = len(pattern.findall(ours)), len(pattern.findall(theirs))
            if counts[0] != counts[1]:
                lines.append(f"- {name}: {label}: MkDocs {counts[0]}, Zensical {counts[1]}")
    return lines or ["- Mọi trang có cùng số sơ đồ mermaid, mã nhúng, thẻ bài tập, câu trắc "
                     "nghiệm và hình."]


def report(mkdocs: Path, zensical: Path) -> None:
    for title, lines in (("Trang", compare_pages(mkdocs, zensical)),
                         ("Chỉ mục tìm kiếm", compare_search(mkdocs, zensical)),
                         ("Tìm kiếm tiếng Việt", vietnamese_search(zensical)),
                         ("Nội dung (mermaid, snippet, thẻ, trắc nghiệm, hình)",
                          compare_content(mkdocs, zensical))):
        print(f"\n## {title}")
        print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mkdocs_site", type=Path, help="thư mục trang do MkDocs dựng")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "site-zensical",
                        help="thư mục cho trang do Zensical dựng (trong thư mục khóa học)")
    args = parser.parse_args()
    print("# So sánh trang dựng bằng MkDocs và bằng Zensical (chỉ để biết, không làm hỏng CI)")
    try:
        problem = build(args.out)
        if problem:
            print(f"\nKhông so sánh được: {problem}.")
            return
        report(args.mkdocs_site, args.out)
    except Exception as error:  # a report, never a failure of the CI run
        print(f"\nKhông so sánh được: {type(error).__name__}: {error}")


if __name__ == "__main__":
    main()
