"""``mscreg demo-data`` as a user runs it: the summary and --json, a database the other commands accept
(check, deadlines, export), the same export for the same seed, and refusals in the user's language that
leave no file behind."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

CJK = re.compile(r"[\u4e00-\u9fff]")


def run(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MSCREG_DB"}
    env.update({"QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"})
    return subprocess.run([sys.executable, "-m", "mscreg.cli", *args, "--lang", lang], capture_output=True,
                          text=True, timeout=300, env=env)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A 60-product database made by the command, with its --json summary."""
    folder = tmp_path_factory.mktemp("demo-cli")
    out = folder / "demo.sqlite"
    done = run("demo-data", "--products", "60", "--events-per-product", "10", "--seed", "2026", "--out", str(out),
               "--json")
    assert done.returncode == 0, done.stderr
    return out, json.loads(done.stdout)


def test_the_summary_says_what_was_written(demo):
    out, summary = demo
    assert summary["database"] == str(out)
    assert (summary["products"], summary["events"], summary["seed"], summary["end"]) == (60, 600, 2026, "2026-06-30")
    assert set(summary["products_by_jurisdiction"]) == {"US", "CN", "JP", "EU", "KR", "IN", "CA", "NZ", "IR"}
    assert set(summary["tracks_by_pathway"]) == {"clinical", "marketing"}
    assert summary["date_precision"]["month"] > 0 and summary["date_precision"]["year"] > 0
    assert summary["seconds"] > 0


def test_text_summary_in_both_languages(tmp_path):
    done = run("demo-data", "--products", "3", "--out", str(tmp_path / "en.sqlite"))
    assert done.returncode == 0, done.stderr
    assert "3 products" in done.stdout and "30 events" in done.stdout and "Date precision" in done.stdout
    done = run("demo-data", "--products", "3", "--out", str(tmp_path / "zh.sqlite"), lang="zh_CN")
    assert done.returncode == 0, done.stderr
    assert "3 个产品" in done.stdout and "日期精度" in done.stdout


def test_check_passes_and_deadlines_lists_running_clocks(demo):
    out, _summary = demo
    done = run("check", "--db", str(out), "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] and report["products"] == 60 and report["events"] == 600
    done = run("deadlines", "--db", str(out), "--as-of", "2026-06-30", "--json")
    assert done.returncode == 0, done.stderr
    open_clocks = [r for r in json.loads(done.stdout) if r["status"] in ("upcoming", "due-soon", "overdue")]
    assert len([r for r in open_clocks if r["due_earliest"] > "2026-06-30"]) >= 10
    assert any(CJK.search(r["product_zh"]) for r in open_clocks)


def test_the_same_seed_exports_identically_and_another_seed_does_not(demo, tmp_path):
    out, _summary = demo
    again, other = tmp_path / "again.sqlite", tmp_path / "other.sqlite"
    for path, seed in ((again, "2026"), (other, "2027")):
        done = run("demo-data", "--products", "60", "--seed", seed, "--out", str(path))
        assert done.returncode == 0, done.stderr
    exports = []
    for db in (out, again, other):
        target = tmp_path / f"{db.stem}.json"
        done = run("export", "--format", "json", "--out", str(target), "--db", str(db))
        assert done.returncode == 0, done.stderr
        exports.append(target.read_text(encoding="utf-8"))
    assert exports[0] == exports[1]
    assert exports[0] != exports[2]


@pytest.mark.parametrize(("args", "english", "chinese"), [
    (["--products", "0"], "products “0”", "产品数“0”"),
    (["--products", "-3"], "products “-3”", "产品数“-3”"),
    (["--products", "many"], "products “many”", "产品数“many”"),
    (["--products", "5", "--events-per-product", "0"], "events-per-product “0”", "每个产品的事件数“0”"),
    (["--products", "5", "--seed", "abc"], "seed “abc”", "随机种子“abc”"),
    (["--products", "5", "--end", "2026-02-30"], "end “2026-02-30”", "数据截止日期“2026-02-30”"),
])
def test_bad_arguments_are_refused_in_the_users_language_and_nothing_is_written(tmp_path, args, english, chinese):
    out = tmp_path / "never.sqlite"
    done = run("demo-data", *args, "--out", str(out))
    assert done.returncode != 0
    assert english in done.stderr and "Traceback" not in done.stderr
    done = run("demo-data", *args, "--out", str(out), lang="zh_CN")
    assert done.returncode != 0
    assert chinese in done.stderr and CJK.search(done.stderr)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_refused_unless_forced(tmp_path):
    out = tmp_path / "mine.sqlite"
    out.write_bytes(b"my own data")
    done = run("demo-data", "--products", "3", "--out", str(out))
    assert done.returncode != 0 and "--force" in done.stderr and str(out) in done.stderr
    assert out.read_bytes() == b"my own data"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.sqlite"]
    done = run("demo-data", "--products", "3", "--out", str(out), "--force", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["replaced"] is True
    assert run("check", "--db", str(out)).returncode == 0


def test_a_missing_folder_is_refused(tmp_path):
    out = tmp_path / "no" / "such" / "folder.sqlite"
    done = run("demo-data", "--products", "3", "--out", str(out), lang="zh_CN")
    assert done.returncode != 0 and "文件夹不存在" in done.stderr
    assert list(tmp_path.iterdir()) == []
