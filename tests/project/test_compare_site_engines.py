"""scripts/compare_site_engines.py reports what differs between two builds of the site (the
Zensical build itself runs in .ci/run): checked here on two small hand-made sites."""

import importlib.util
import json

from tangtoc import paths

SPEC = importlib.util.spec_from_file_location(
    "compare_site_engines", paths.ROOT / "scripts" / "compare_site_engines.py")
compare = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(compare)


def make_site(root, pages, index_name, config, worker=""):
    for name, html in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(html, encoding="utf-8")
    (root / index_name).parent.mkdir(parents=True, exist_ok=True)
    entries = [{"location": name.removesuffix("index.html"), "title": "t", "text": "x"}
               for name in pages]
    (root / index_name).write_text(json.dumps({"config": config, "docs": entries}))
    workers = root / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.js").write_text(worker)


def test_differences_are_named_and_equal_sites_say_so(tmp_path):
    page = '<pre class="mermaid">graph</pre><h3 class="tt-card">x</h3>'
    make_site(tmp_path / "mk", {"index.html": page, "bai02-gil/index.html": page},
              "search/search_index.json", {"lang": ["vi"]}, worker="lunr.vi")
    make_site(tmp_path / "zs", {"index.html": "<p>no diagram</p>"}, "search.json",
              {"lang": ["en"]})
    mk, zs = tmp_path / "mk", tmp_path / "zs"
    assert compare.compare_pages(mk, zs) == ["- Trang thiếu ở Zensical: bai02-gil/index.html"]
    search = "\n".join(compare.compare_search(mk, zs))
    assert "«lang»: MkDocs ['vi'], Zensical ['en']" in search and "«bai02-gil/»" in search
    content = "\n".join(compare.compare_content(mk, zs))
    assert "index.html: sơ đồ mermaid: MkDocs 1, Zensical 0" in content
    assert "thẻ bài tập (tt-card): MkDocs 1, Zensical 0" in content
    assert "không dùng lunr" in compare.vietnamese_search(zs)[0]
    assert "dùng lunr" in compare.vietnamese_search(mk)[0]
    assert compare.compare_pages(mk, mk) == ["- Đủ 2 trang HTML như MkDocs."]
    assert compare.compare_content(mk, mk)[0].startswith("- Mọi trang có cùng số")
