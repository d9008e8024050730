"""`make bench`'s budget rows (issue 14) run and print, on a tiny setting: no figure is judged here, only shapes."""

from __future__ import annotations

import sys
import sysconfig
from contextlib import ExitStack
from importlib import machinery, metadata
from pathlib import Path

import pytest

from bench import bench, packages, validation
from portalkit.schema import decode_body


def _context(stack: ExitStack, apps=("messaging",)) -> bench.Context:
    return bench.Context(apps, runs=1, rebuild=False, stack=stack, number=2)


def test_validation_cost_prints_both_paths_their_ratio_and_the_budget(capsys):
    with ExitStack() as stack:
        table = bench.validation_cost(_context(stack))
    print(bench.render(table))
    assert table.columns == validation.COLUMNS
    assert [row[0] for row in table.rows] == [case.label for case in validation.CASES]
    for _label, size, old_us, new_us, ratio, budget, mark in table.rows:
        assert size > 0 and old_us > 0 and new_us > 0 and ratio == pytest.approx(new_us / old_us)
        assert budget == "≤ 1.0x" and mark in ("yes", "OVER")
    assert "new/old" in capsys.readouterr().out


@pytest.mark.parametrize("case", validation.CASES, ids=lambda case: case.model.__name__)
def test_the_old_and_the_new_path_accept_the_same_body_and_refuse_its_broken_variant_naming_the_field(case):
    typed = lambda raw: decode_body(raw, case.model)  # noqa: E731
    assert validation.refused_field(case.by_hand, case.raw) is None
    assert validation.refused_field(typed, case.raw) is None
    by_hand, declared = (validation.refused_field(check, case.refused) for check in (case.by_hand, typed))
    assert by_hand == case.refused_field
    assert declared == by_hand or declared.startswith(f"{by_hand}[")  # the typed path also names the item


def test_a_librarys_import_time_counts_its_nested_imports_once():
    stderr = "\n".join([
        "import time: self [us] | cumulative | imported package",
        "import time:       100 |        100 |     msgspec._core",
        "import time:       200 |        300 |   msgspec",
        "import time:        50 |         50 |     msgspec._json_schema",
        "import time:        20 |         70 |   msgspec.inspect",
        "import time:        10 |         10 |   json",
        "import time:        30 |        410 | portalkit.schema",
        "import time:       500 |        910 | app",
    ])
    timings = bench._importtime(stderr)
    assert timings[1] == ("msgspec", 1, 0.2, 0.3)
    assert bench._library_ms(timings, "msgspec") == pytest.approx(0.37)


def test_a_compiled_module_for_another_machine_is_replaced_by_this_machines_build_of_the_same_version(tmp_path):
    version = metadata.version("msgspec")
    package = tmp_path / "package"
    foreign = "msgspec/_core.cpython-311-not-this-machine.so"
    (package / "msgspec").mkdir(parents=True)
    (package / foreign).write_bytes(b"\x7fELF" + bytes(14) + (0xFFFF).to_bytes(2, "little") + bytes(40))
    (package / "msgspec" / "__init__.py").write_text("")
    (package / f"msgspec-{version}.dist-info").mkdir()
    (package / f"msgspec-{version}.dist-info" / "RECORD").write_text(f"{foreign},,\nmsgspec/__init__.py,,\n")
    view = packages.on_this_machine(package, tmp_path / "view")
    built = [path for path in (view / "msgspec").iterdir() if path.name.startswith("_core")]
    assert len(built) == 1 and any(built[0].name == f"_core{s}" for s in machinery.EXTENSION_SUFFIXES)
    assert built[0].resolve().is_relative_to(Path(sysconfig.get_paths()["platlib"]).resolve())
    assert (view / "msgspec" / "__init__.py").resolve() == (package / "msgspec" / "__init__.py")


@pytest.mark.packaging
def test_cold_start_and_zip_size_rows_carry_their_budgets():
    with ExitStack() as stack:
        ctx = _context(stack)
        cold, sizes = bench.cold_start(ctx), bench.function_sizes(ctx)
    print(bench.render(cold), bench.render(sizes))
    assert cold.columns[3:6] == ("app/baseline", "budget", "within budget")
    assert [row[0] for row in cold.rows] == ["messaging"]
    assert all(row[4] == "1.2x" and row[5] in ("yes", "OVER", "FAILS") for row in cold.rows)
    assert any(note.startswith(("msgspec adds", "msgspec's import cost")) for note in cold.notes)
    assert sizes.rows and all(row[4:] in (("2 MB", "yes"), ("2 MB", "OVER")) for row in sizes.rows)


def test_the_web_apps_first_load_counts_what_index_html_loads_and_flags_a_calendar_library(tmp_path):
    from bench import web_bundles

    (tmp_path / "assets").mkdir()
    (tmp_path / "portal").mkdir()
    (tmp_path / "assets" / "portal-1.js").write_text("console.log('portal');" * 50)
    (tmp_path / "assets" / "base-1.js").write_text("export const x = 1;")
    (tmp_path / "assets" / "base-1.css").write_text("body{margin:0}")
    (tmp_path / "assets" / "staff-1.js").write_text("import('./fullcalendar-1.js')")
    (tmp_path / "assets" / "fullcalendar-1.js").write_text("'fc-scroller'" * 1000)  # loaded later: not counted
    (tmp_path / "portal" / "index.html").write_text(
        '<script type="module" crossorigin src="../assets/portal-1.js"></script>'
        '<link rel="modulepreload" crossorigin href="../assets/base-1.js">'
        '<link rel="stylesheet" href="../assets/base-1.css">'
    )
    (tmp_path / "index.html").write_text(
        '<script type="module" src="./assets/staff-1.js"></script>'
        '<link rel="modulepreload" href="./assets/fullcalendar-1.js">'
    )
    rows = {row[0]: row for row in web_bundles.sizes(tmp_path)}
    portal, staff = rows["client portal"], rows["staff app"]
    assert portal[1] == 3 and 0 < portal[3] < 1 and portal[4] == "no" and portal[5] == "≤ 60 KB yes"
    assert staff[1] == 2 and staff[4] == "yes" and staff[5] == "-"  # the library preloaded: flagged; no budget


def test_the_portals_sign_in_rows_take_each_steps_median_and_count_the_calls_of_sign_in_to_my_services():
    from bench import portal_load

    runs = [portal_load.Run(300.0, 100.0, 200.0, 5, 1, ["GET /a", "GET /b", "GET /b"]),
            portal_load.Run(500.0, 300.0, 100.0, 4, 1, ["GET /a"]),
            portal_load.Run(400.0, 200.0, 300.0, 5, 2, ["GET /a"])]
    rows = {row[0]: row[1:] for row in portal_load.rows(runs)}
    assert rows["sign-in to Home"] == (200.0, 100.0, 300.0, "-", "-", 3)
    assert rows["sign-in to My Services"] == (400.0, 300.0, 500.0, 5, 1, 3)
    assert rows["fresh page to My Services"][0] == 900.0
    assert portal_load.calls_made(runs[0]) == "GET /a, GET /b x2"


@pytest.mark.e2e
def test_the_portals_sign_in_to_my_services_runs_on_the_local_stack_and_prints_ms_and_calls(capsys):
    with ExitStack() as stack:
        table = bench.portal_sign_in(_context(stack))
    print(bench.render(table))
    steps = [row[0] for row in table.rows]
    assert steps == ["page to sign-in form", "sign-in to Home", "Home to My Services", "sign-in to My Services",
                     "fresh page to My Services"]
    assert all(row[1] > 0 and row[-1] == 1 for row in table.rows)  # a measurement, never judged against a time
    calls = dict((row[0], row[4]) for row in table.rows)["sign-in to My Services"]
    assert calls >= 2  # at least My Services' own list and the agency's switches
    assert "GET /requests/me/services" in bench.render(table) and "median ms" in capsys.readouterr().out


def test_a_table_without_rows_prints_its_title_columns_and_notes():
    """`make bench`'s tables can be empty for the apps asked for (`--apps availability` has no layer)."""
    text = bench.render(bench.Table("Layers", ("app", "entry"), [], ["no layer"]))
    assert text.splitlines() == ["Layers", "======", "app  entry", "---  -----", "  no layer"]


def test_the_path_count_follows_calls_between_the_projects_functions_and_leaves_out_the_callers_outside_it():
    from bench.hops import Hops
    from portalkit import wallclock

    hops = Hops()
    sys.setprofile(hops)
    try:
        wallclock.readable("2026-03-08T07:00:00Z", "America/New_York")
        sorted([1], key=lambda n: wallclock.readable("2026-03-08T07:00:00Z", "UTC"))  # called from a lambda here
    finally:
        sys.setprofile(None)
    readable, parse = "kit/portalkit/wallclock.py:readable", "kit/portalkit/wallclock.py:parse"
    assert next(iter(hops.order)) == readable
    assert hops.calls[(readable, parse)] == 2
    assert not any("<" in name or "tests/" in name for edge in hops.calls for name in edge)  # no lambda, no test
    figures = hops.figures()
    assert (figures["files"], figures["functions"], figures["edges_across_files"]) == (1, len(hops.order), 0)
    assert figures["calls"] == sum(hops.calls.values()) and figures["edges"] == len(hops.calls)
