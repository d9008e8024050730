"""`make bench`: figures per app (cold-start import time, package size and contents) and the budgets of issue 14
(cold start, zip size, validation cost) beside them; prints tables, asserts nothing."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/bench.py`: the repository root must come before bench/
    _ROOT = Path(__file__).resolve().parent.parent
    sys.path[:0] = [str(_ROOT), str(_ROOT / "kit")]

from bench import packages, portal_load, slots, validation, web_bundles
from infra import function_packages

RUNS = 7
DETAIL_TOP = 10
CONTENTS_TOP = 5
SIZE_BUDGET_KB = 2048  # each function's zip (issue 14)
COLD_START_BUDGET = 1.2  # `import app` against the baseline below (issue 14)

# Child code: time one import inside the fresh interpreter, print milliseconds.
# CPU time of the import, not wall time: on a shared machine wall time mostly measures the scheduler, while the
# CPU an import takes is its work (the file cache is warm after the first, uncounted run).
# The import runs `depth` Python frames below the top: Python 3.11 keeps frames in 16 KB chunks it maps and
# unmaps as the stack crosses a chunk's end, so a deep recursion (re's compiler) that oscillates across one end
# maps and unmaps a chunk per call. Whether that happens depends on how deep the caller already is (Lambda's
# runtime, not us): at one depth availability's import made 3,000 mmap/munmap pairs and took 1.33x the baseline,
# at others 1.13x. Each run takes another depth, spread over more than one chunk's worth of frames, so the
# median is the typical cold start rather than one alignment's.
TIMED_IMPORT = (
    "import time\n"
    "def at_depth(n):\n"
    "    if n:\n"
    "        return at_depth(n - 1)\n"
    "    t = time.process_time()\n"
    "    {statement}\n"
    "    return (time.process_time() - t) * 1000\n"
    "print(at_depth({depth}))\n"
)
DEPTH_SPAN = 200  # frames of `at_depth` (about 120 bytes each): more than one 16 KB chunk
APP_IMPORT = "import app"
BASELINE_IMPORT = "import chalice.app, pynamodb.models"


@dataclass
class Table:
    """One section's figures: a title, column names, rows, and notes printed under them."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Context:
    """What sections share, made on first use: built packages, their unpacked trees, the Lambda-like runtime."""

    def __init__(self, apps: tuple[str, ...], runs: int, rebuild: bool, stack: ExitStack,
                 number: int = validation.NUMBER):
        self.apps = apps
        self.runs = runs
        self.number = number  # bodies per timed batch (validation cost)
        self.rebuild = rebuild
        self.stack = stack
        self.builds: dict[str, tuple[Path, float, bool]] = {}
        self._runtime: Path | None = None
        self._importable: dict[str, tuple[Path, tuple[Path, ...]]] = {}

    def package(self, name: str) -> Path:
        """The app's deployment.zip, built or reused once per bench run (timed)."""
        if name not in self.builds:
            stage = packages.STAGE
            folder = packages.BUILD / name / stage / packages.source_hash(name, stage)
            reused = not self.rebuild and (folder / "deployment.zip").is_file()
            started = time.perf_counter()
            path = packages.build_package(name, force=self.rebuild)
            self.builds[name] = (path, time.perf_counter() - started, reused)
        return self.builds[name][0]

    def unpacked(self, name: str) -> Path:
        return packages.unpacked(self.package(name))

    def built(self, name: str) -> function_packages.Package:
        """The app's build (package, template, layer) as `infra.function_packages` describes it."""
        return function_packages.Package(name, packages.STAGE, self.package(name).parent)

    def layers(self, name: str) -> tuple[Path, ...]:
        """The app's layer as Lambda mounts it (its `python/` folder), or nothing: what goes after the package."""
        layer = self.built(name).layer
        return (packages.layer_dir(layer),) if layer else ()

    def importable(self, name: str) -> tuple[Path, tuple[Path, ...]]:
        """The unpacked package and its layers as this machine imports them (`packages.on_this_machine`)."""
        if name not in self._importable:
            package = packages.on_this_machine(self.unpacked(name), self.scratch() / "package")
            layers = tuple(packages.on_this_machine(layer, self.scratch() / "python") for layer in self.layers(name))
            self._importable[name] = (package, layers)
        return self._importable[name]

    @property
    def runtime(self) -> Path:
        if self._runtime is None:
            self._runtime = self.stack.enter_context(packages.lambda_runtime())
        return self._runtime

    def scratch(self) -> Path:
        """A temporary folder removed when the bench ends."""
        return Path(self.stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-")))


def _timed_import(ctx: Context, package_dir: Path, statement: str, layers: tuple[Path, ...] = (),
                  depth: int = 0) -> float:
    """Milliseconds one import takes in a fresh Lambda-like interpreter, measured inside it, `depth` frames down."""
    code = TIMED_IMPORT.format(statement=statement, depth=depth)
    result = packages.lambda_python(code, package_dir, ctx.runtime, layers=layers)
    if result.returncode:
        raise RuntimeError(f"`{statement}` failed in the Lambda-like interpreter ({package_dir}):\n{result.stderr}")
    return float(result.stdout.strip().splitlines()[-1])


def _medians(runs: int, variants: list[Callable[..., float]]) -> list[float]:
    """Median of each variant, run in turns (ABCABC...) so a slower spell of the machine hits all of them alike.

    Turn i runs every variant at the same call depth, the turns' depths spread over DEPTH_SPAN (see TIMED_IMPORT).
    """
    for variant in variants:
        variant(depth=0)  # warm-up, not counted: file cache, and the first compile where bytecode is kept
    depths = [turn * DEPTH_SPAN // runs for turn in range(runs)]
    samples = [[variant(depth=depth) for variant in variants] for depth in depths]
    return [statistics.median(column) for column in zip(*samples, strict=True)]


def cold_start(ctx: Context) -> Table:
    """Import time of each app's handler module from its package, against chalice + pynamodb alone and the budget."""
    table = Table(
        "Cold start: CPU time of the import in a fresh Lambda-like interpreter",
        ("app", "import app ms", "baseline ms", "app/baseline", "budget", "within budget", "no bytecode ms",
         "zip KB"),
    )
    for name in ctx.apps:
        package_dir, layers = ctx.importable(name)
        failure = _import_failure(ctx, package_dir, layers)
        if failure:
            table.rows.append((name, "-", "-", "-", f"{COLD_START_BUDGET}x", "FAILS", "-",
                               ctx.package(name).stat().st_size / 1024))
            table.notes.append(f"{name}: `{APP_IMPORT}` fails in the Lambda-like interpreter: {failure}")
            continue
        source_only = packages.without_bytecode(package_dir, ctx.scratch() / "package")
        layers_source_only = tuple(packages.without_bytecode(layer, ctx.scratch() / "python") for layer in layers)
        statements = [(name, APP_IMPORT)]
        modules = _layer_modules(ctx.built(name))
        if modules:  # the first call that needs the layer (billing: an agency on Stripe) also imports it
            statements.append((f"{name} + {', '.join(modules)}", f"import app, {', '.join(modules)}"))
        for label, statement in statements:
            app_ms, base_ms, source_ms = _medians(
                ctx.runs,
                [
                    partial(_timed_import, ctx, package_dir, statement, layers),
                    partial(_timed_import, ctx, package_dir, BASELINE_IMPORT, layers),
                    partial(_timed_import, ctx, source_only, statement, layers_source_only),
                ],
            )
            size_kb = ctx.package(name).stat().st_size / 1024
            ratio = app_ms / base_ms
            if statement == APP_IMPORT:
                budget, mark = f"{COLD_START_BUDGET}x", "yes" if ratio <= COLD_START_BUDGET else "OVER"
            else:  # not a cold start: the first Stripe call pays it
                budget, mark = "-", "-"
            table.rows.append((label, app_ms, base_ms, ratio, budget, mark, source_ms, size_kb))
    table.notes += [
        f"median of {ctx.runs} runs, each from another call depth (0 to {DEPTH_SPAN} frames: Python 3.11 maps and",
        "  unmaps its frame chunks as a deep call crosses one's end, at some depths thousands of times in one import);",
        "  sys.path = unpacked package, its layer's python/ (as /opt/python),",
        "  Lambda-provided libraries, stdlib (python -I -S).",
        f"budget (issue 14): `{APP_IMPORT}`, which every function of the app runs first (app.app, app.relay,",
        f"  app.consumer), within {COLD_START_BUDGET}x the baseline; OVER marks a row above it, FAILS an app that",
        "  cannot import at all (a cold start that never ends).",
        "<app> + <module>: `import app` and then what the app imports lazily from its layer (billing: the Stripe",
        "  SDK, on an agency's first Stripe call; not a cold start, so not held to the budget); zip KB is the",
        "  function's own zip (the layer: see Layers).",
        "Compiled modules built for arm64 (msgspec's) run as this machine's build of the same version",
        "  (bench/packages.py on_this_machine); all Python code and bytecode are the package's.",
        "As in Lambda: botocore, urllib3, ... come precompiled from the runtime folder (the package leaves them out);",
        "  the package's own modules load from the bytecode it ships; nothing is written (-B, read-only /var/task).",
        f"baseline: `{BASELINE_IMPORT}` from the same package and runtime.",
        "no bytecode ms: the same import ignoring the shipped bytecode, so every module of the package compiles",
        "  (what each cold start paid before the package shipped it).",
        "The machine's speed varies between runs (shared VM): compare columns within a row more than across runs.",
    ]
    table.notes += _msgspec_share(ctx)
    return table


def _import_failure(ctx: Context, package_dir: Path, layers: tuple[Path, ...]) -> str | None:
    """The last line of the error when `import app` fails in the Lambda-like interpreter, else None."""
    result = packages.lambda_python(APP_IMPORT, package_dir, ctx.runtime, layers=layers)
    return result.stderr.strip().splitlines()[-1] if result.returncode else None


def _importtime(stderr: str) -> list[tuple[str, int, float, float]]:
    """`-X importtime` lines as (module, nesting level, own ms, cumulative ms), in the order printed."""
    timings = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        own, cumulative, module = line.removeprefix("import time:").split("|", 2)
        level = (len(module) - len(module.lstrip()) - 1) // 2
        timings.append((module.strip(), level, int(own) / 1000, int(cumulative) / 1000))
    return timings


def _library_ms(timings: list[tuple[str, int, float, float]], library: str) -> float:
    """Cumulative ms of `library`'s imports (itself and its submodules), counting nested ones once."""
    total, ancestors = 0.0, []  # children print before their parent: read backwards, parents first
    for module, level, _own, cumulative in reversed(timings):
        while ancestors and ancestors[-1][0] >= level:
            ancestors.pop()
        ours = module == library or module.startswith(f"{library}.")
        if ours and not any(ancestor_ours for _, ancestor_ours in ancestors):
            total += cumulative
        ancestors.append((level, ours))
    return total


def _msgspec_share(ctx: Context) -> list[str]:
    """What msgspec adds to `import app` (-X importtime, in the first app that imports), as notes."""
    for name in ctx.apps:
        package_dir, layers = ctx.importable(name)
        samples = []
        for _ in range(ctx.runs):
            result = packages.lambda_python(APP_IMPORT, package_dir, ctx.runtime, options=("-X", "importtime"),
                                            layers=layers)
            if result.returncode:
                break
            timings = _importtime(result.stderr)
            app_ms = next(cumulative for module, level, _, cumulative in timings if module == "app" and level == 0)
            samples.append((_library_ms(timings, "msgspec"), app_ms))
        if samples:
            msgspec_ms, app_ms = (statistics.median(column) for column in zip(*samples, strict=True))
            return [f"msgspec adds {msgspec_ms:,.1f} ms to {name}'s `{APP_IMPORT}` ({msgspec_ms / app_ms:.0%} of its "
                    f"{app_ms:,.0f} ms under -X importtime, median of {len(samples)} runs),",
                    "  and the same to every app's: the kit imports it (msgspec, msgspec.json, msgspec.inspect)."]
    return ["msgspec's import cost: no app imports in the Lambda-like interpreter."]


def function_sizes(ctx: Context) -> Table:
    """Each function's deployment size: every function of an app runs the app's one zip."""
    table = Table(
        "Deployment size per function (arm64 zip, without what the Lambda runtime provides)",
        ("app", "function", "handler", "zip KB", "budget", "under budget"),
    )
    for name in ctx.apps:
        package = function_packages.Package(name, packages.STAGE, ctx.package(name).parent)
        size_kb = package.zip.stat().st_size / 1024
        for function, handler in sorted(package.functions().items()):
            table.rows.append((name, function, handler, size_kb, f"{SIZE_BUDGET_KB // 1024} MB",
                               "yes" if size_kb < SIZE_BUDGET_KB else "OVER"))
        left_out = package.left_out()
        biggest = sorted(left_out.items(), key=lambda item: -item[1])[:3]
        table.notes.append(
            f"{name}: left out {sum(left_out.values()) / 1024:,.0f} KB zipped that the runtime provides "
            f"({', '.join(f'{entry} {size / 1024:,.0f} KB' for entry, size in biggest)}, ...)"
        )
        if package.layer:
            table.notes.append(
                f"{name}: + its layer, {package.layer.stat().st_size / 1024:,.0f} KB, attached to each of these "
                f"functions ({', '.join(function_packages.LAYERS[name])} and what they need: see Layers)"
            )
    table.notes.insert(0, f"budget (issue 14): each function's zip under {SIZE_BUDGET_KB // 1024} MB "
                          f"({SIZE_BUDGET_KB:,} KB); a layer is counted apart (see Layers).")
    return table


def _layer_modules(package: function_packages.Package) -> list[str]:
    """Top-level modules of the requirements declared for the app's layer (billing: `stripe`)."""
    if package.layer is None:
        return []
    wanted = {function_packages.canonical_name(name) for name in function_packages.LAYERS[package.service]}
    modules = set()
    with zipfile.ZipFile(package.layer) as archive:
        for path in archive.namelist():
            folder, _, file = path.removeprefix(f"{function_packages.LAYER_ROOT}/").partition("/")
            distribution = folder.removesuffix(".dist-info").rsplit("-", 1)[0]  # <name>-<version>.dist-info
            if file == "RECORD" and function_packages.canonical_name(distribution) in wanted:
                for line in archive.read(path).decode().splitlines():
                    top = line.split(",")[0].split("/")[0]
                    if not top.endswith(".dist-info") and top not in ("..", "__pycache__"):
                        modules.add(top.removesuffix(".py"))
    return sorted(modules)


def layers(ctx: Context) -> Table:
    """Each layer (infra.declaration.LAYERS): its size and what fills it."""
    table = Table(
        "Layers: what a service keeps beside its functions' zip (arm64, python/ on /opt/python)",
        ("app", "entry", "zip KB", "unzipped KB", "share of layer"),
    )
    for name in ctx.apps:
        package = ctx.built(name)
        if package.layer is None:
            continue
        sizes: dict[str, list[int]] = {}
        with zipfile.ZipFile(package.layer) as archive:
            for info in archive.infolist():
                entry = info.filename.removeprefix(f"{function_packages.LAYER_ROOT}/").split("/")[0]
                total = sizes.setdefault(entry, [0, 0])
                total[0] += info.compress_size
                total[1] += info.file_size
        zipped, unzipped = (sum(size[i] for size in sizes.values()) for i in (0, 1))
        table.rows.append((name, "layer.zip", package.layer.stat().st_size / 1024, unzipped / 1024, "100%"))
        for entry, (packed, unpacked) in sorted(sizes.items(), key=lambda item: -item[1][0])[:CONTENTS_TOP]:
            table.rows.append((name, f"python/{entry}", packed / 1024, unpacked / 1024, f"{packed / zipped:.0%}"))
        with zipfile.ZipFile(package.zip) as archive:
            function_unzipped = sum(info.file_size for info in archive.infolist())
        distributions = ", ".join(f"{n} {v}" for n, v in package.layer_distributions().items())
        table.notes += [
            f"{name}: {distributions}; attached to all {len(package.functions())} functions of the app.",
            f"{name}: function + layer unzipped {(function_unzipped + unzipped) / 1024 ** 2:,.1f} MB "
            "(Lambda's limit: 250 MB).",
        ]
    if not table.rows:
        table.notes.append("no app declares a layer (infra/declaration.py LAYERS).")
    return table


def package_contents(ctx: Context) -> Table:
    """What makes each deployment.zip's size: its biggest top-level entries."""
    table = Table(
        "Package contents: biggest top-level entries of deployment.zip",
        ("app", "entry", "zip KB", "unzipped KB", "share of zip"),
    )
    for name in ctx.apps:
        sizes: dict[str, list[int]] = {}
        with zipfile.ZipFile(ctx.package(name)) as archive:
            for info in archive.infolist():
                entry = info.filename.split("/")[0]
                total = sizes.setdefault(entry, [0, 0])
                total[0] += info.compress_size
                total[1] += info.file_size
        zipped = sum(size[0] for size in sizes.values())
        ranked = sorted(sizes.items(), key=lambda item: -item[1][0])
        for entry, (packed, unpacked) in ranked[:CONTENTS_TOP]:
            table.rows.append((name, entry, packed / 1024, unpacked / 1024, f"{packed / zipped:.0%}"))
        table.notes.append(f"{name}: {len(sizes)} top-level entries.")
    return table


def packaging_section(ctx: Context) -> Table:
    """Whether each package was built by `chalice package` this run or reused from build/packages, and in how long."""
    table = Table("Packaging", ("app", "source hash", "how", "seconds", "zip"))
    for name in ctx.apps:
        ctx.package(name)
        path, seconds, reused = ctx.builds[name]
        table.rows.append(
            (name, path.parent.name, "reused" if reused else "built", seconds, path.relative_to(packages.ROOT))
        )
    table.notes.append(
        "--rebuild forces `chalice package` (chalice still reuses its own dependency cache in .chalice/)."
    )
    return table


Section = Callable[[Context], Table]
# Add sections here (AWS calls per operation, slot computation): each takes the context and returns a Table.
def slot_computation(ctx: Context) -> Table:
    """A month of open slots for a busy worker (issue 3's workload)."""
    return Table("Slot computation: one month, a worker with 10 weekly blocks, 2 calendars, 200 bookings",
                 slots.COLUMNS, slots.figures(), list(slots.NOTES))


def aws_calls(ctx: Context) -> Table:
    """AWS calls per API operation and per handled event, on in-process moto (`python -m bench.calls`)."""
    output = subprocess.run([sys.executable, "-m", "bench.calls"], cwd=packages.ROOT, check=True,
                            capture_output=True, text=True).stdout
    rows = [(r["operation"], r["status"], r["dynamodb"], ", ".join(f"{k} {v}" for k, v in r["by_operation"].items()),
             r["other"]) for r in json.loads(output)]
    return Table("AWS calls per operation", ("operation", "status", "DynamoDB calls", "which", "other AWS calls"),
                 rows, ["counted by the kit's botocore hook (portalkit.testing.calls); never a Scan"])


def code_path(ctx: Context) -> Table:
    """How far one event request travels in the code, to its invoice and notifications (`python -m bench.hops`)."""
    output = subprocess.run([sys.executable, "-m", "bench.hops"], cwd=packages.ROOT, check=True,
                            capture_output=True, text=True).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    return Table("One event request's path in the code: submitted, held, confirmed, booked, attended, invoiced, told",
                 tuple(figures), [tuple(figures.values())],
                 ["calls between the project's own functions (services/, kit/portalkit/), counted by a profiler; "
                  "`python -m bench.hops --walk` lists the functions in the order they first ran"])


def validation_cost(ctx: Context) -> Table:
    """What validating a typical body costs on the typed path against the hand-written one it replaced."""
    return Table("Validation cost per request body: hand-written (old) against typed (new)", validation.COLUMNS,
                 validation.figures(ctx.runs, ctx.number), list(validation.NOTES))


def web_first_load(ctx: Context) -> Table:
    """Each web app's first-load JS and CSS, gzipped: the portal's against its 60 KB budget (issue 15)."""
    if not (web_bundles.DIST / "portal" / "index.html").is_file():
        subprocess.run(["make", "-s", "web"], cwd=web_bundles.ROOT, check=True)
    return Table(
        "Web apps: first load (index.html's scripts, preloads and stylesheets; screens loaded later excluded)",
        ("app", "files", "KB", "KB gzipped", "calendar library", "budget"),
        web_bundles.sizes(),
        [f"web/dist as built by `make web`; gzip level 9. The portal's budget: {web_bundles.PORTAL_BUDGET_KB} KB "
         "gzipped and no calendar library before its first screen."],
    )


def portal_sign_in(ctx: Context) -> Table:
    """The time from sign-in to My Services on the local stack, in Chromium at a phone's size (issue 15)."""
    if not (web_bundles.DIST / "portal" / "index.html").is_file():
        subprocess.run(["make", "-s", "web"], cwd=web_bundles.ROOT, check=True)
    rows, notes = portal_load.figures(ctx.runs)
    return Table("Client portal: from sign-in to My Services on the local stack (Chromium, 360x640)",
                 portal_load.COLUMNS, rows, notes)


SECTIONS: list[Section] = [
    web_first_load, portal_sign_in, aws_calls, code_path, slot_computation, packaging_section, function_sizes, layers,
    cold_start, validation_cost, package_contents,
]


def import_detail(ctx: Context, name: str) -> list[Table]:
    """The slowest imports of one app (`python -X importtime`, one cold run), by own time and by cumulative time."""
    package_dir, layers = ctx.importable(name)
    result = packages.lambda_python(APP_IMPORT, package_dir, ctx.runtime, options=("-X", "importtime"), layers=layers)
    if result.returncode:
        raise RuntimeError(f"{name}: import failed:\n{result.stderr}")
    timings = [(module, own, cumulative) for module, _level, own, cumulative in _importtime(result.stderr)]
    tables = []
    for label, key in (("own time", 1), ("cumulative time", 2)):
        slowest = sorted(timings, key=itemgetter(key), reverse=True)[:DETAIL_TOP]
        tables.append(
            Table(
                f"Slowest imports of {name} by {label} (-X importtime, no bytecode)",
                ("module", "own ms", "cumulative ms"),
                slowest,
            )
        )
    return tables


def _cell(value) -> str:
    """A value as printed: floats to two decimals below 10, whole numbers above, thousands separated."""
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 10 else f"{value:,.0f}"
    return str(value)


def render(table: Table) -> str:
    """The table as aligned text: numbers right, text left."""
    cells = [tuple(_cell(value) for value in row) for row in table.rows]
    widths = [max([len(column), *(len(row[i]) for row in cells)]) for i, column in enumerate(table.columns)]
    numeric = [
        bool(table.rows) and all(isinstance(row[i], int | float) for row in table.rows) for i in range(len(widths))
    ]

    def line(values) -> str:
        return "  ".join(
            v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric, strict=True)
        ).rstrip()

    out = [table.title, "=" * len(table.title), line(table.columns), line("-" * w for w in widths)]
    out += [line(row) for row in cells]
    out += [f"  {note}" for note in table.notes]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--apps", nargs="+", choices=packages.SERVICES, default=list(packages.SERVICES))
    parser.add_argument("--runs", type=int, default=RUNS, help=f"fresh interpreters per median (default {RUNS})")
    parser.add_argument("--rebuild", action="store_true", help="run `chalice package` even when sources are unchanged")
    parser.add_argument(
        "--detail",
        nargs="?",
        const="requests",
        choices=packages.SERVICES,
        metavar="APP",
        help="also list the slowest imports of one app (default requests) with -X importtime",
    )
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        ctx = Context(tuple(args.apps), args.runs, args.rebuild, stack)
        for section in SECTIONS:
            print(render(section(ctx)), flush=True)
        if args.detail:
            for table in import_detail(ctx, args.detail):
                print(render(table), flush=True)


if __name__ == "__main__":
    main()
