"""Import rules (docs/architecture.md): `nemo_tui.core` imports no UI toolkit and no engine; the draft
package `nemo_tui.draft` imports neither core nor the engine.

Two checks, because each misses what the other sees: an AST scan of every import statement in core,
including imports deferred inside functions (which `import nemo_tui.core` never runs), and a
subprocess that imports every core module and looks at `sys.modules` (which also catches what core's
own dependencies drag in).
"""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import nemo_tui.core

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "nemo_tui" / "core"
# Outside the standard library, core's code may use only its client libraries.
CORE_DEPENDENCIES = {"httpx", "httpx_sse", "pydantic", "platformdirs"}
DRAFT = ROOT / "nemo_tui" / "draft"
# From its own package, core may use only itself, the draft package and the package's version.
OWN_PACKAGE_ALLOWED = ("nemo_tui", "nemo_tui.__version__", "nemo_tui.core", "nemo_tui.draft")
# The draft package is shared by core and the engine, so it may use neither (nor any front end).
DRAFT_DEPENDENCIES = {"pydantic"}
FORBIDDEN = (
    "textual",  # (not rich: httpx loads it for its own command line when it is installed)
    "ipywidgets",
    "anywidget",
    "IPython",
    "ipykernel",
    "nemo_tui.engine",
    "nemo_tui.tui",
    "nemo_tui.local_backend",
    "nemo_tui.cli",
    "nemo_tui.headless",
    "nemo_widgets",
    "google.adk",
    "fastapi",
    "starlette",
    "uvicorn",
)


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _imports(source: str, package: str) -> list[tuple[int, str]]:
    """(line, module) for every import in `source`, at any depth: `import a.b`, `from .x import y`
    (resolved against `package`, and each imported name as a possible submodule), and
    `importlib.import_module("…")` / `__import__("…")` with a literal name."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            base = ".".join(parts[: len(parts) - node.level + 1]) if node.level else ""
            base = ".".join(p for p in (base, node.module or "") if p)
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names if alias.name != "*"]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                found.append((node.lineno, node.args[0].value))
    return found


def _not_allowed(
    module: str, own: tuple[str, ...] = OWN_PACKAGE_ALLOWED, others: set[str] = CORE_DEPENDENCIES
) -> bool:
    """Whether `module` is outside what a package may import: the standard library, `others`, and of
    this project `nemo_tui` itself, its version and the packages named after those in `own`."""
    if _under(module, "nemo_tui"):
        return not (module in own[:2] or any(_under(module, p) for p in own[2:]))
    top = module.split(".")[0]
    return top not in sys.stdlib_module_names and top not in others and top != "__future__"


def _violations(
    source: str,
    package: str = "nemo_tui.core",
    own: tuple[str, ...] = OWN_PACKAGE_ALLOWED,
    others: set[str] = CORE_DEPENDENCIES,
) -> list[str]:
    return [
        f"line {line}: {module}"
        for line, module in _imports(source, package)
        if _not_allowed(module, own, others)
    ]


def _draft_violations(source: str, package: str = "nemo_tui.draft") -> list[str]:
    return _violations(
        source, package, ("nemo_tui", "nemo_tui.__version__", "nemo_tui.draft"), DRAFT_DEPENDENCIES
    )


def test_the_scan_sees_deferred_and_relative_imports() -> None:
    """The scanner itself: it must see what `import nemo_tui.core` would never run."""
    source = (
        "import json\nfrom . import timeline\nfrom .errors import NemoError\n"
        "def start():\n    from nemo_tui.engine.launcher import LocalEngine\n"
        "async def later():\n    from .. import engine\n    import textual.app\n"
        "    import importlib; importlib.import_module('ipywidgets')\n"
    )
    assert _violations(source) == [
        "line 5: nemo_tui.engine.launcher",
        "line 5: nemo_tui.engine.launcher.LocalEngine",
        "line 7: nemo_tui.engine",
        "line 8: textual.app",
        "line 9: ipywidgets",
    ]


def test_no_core_module_imports_ui_or_engine_code() -> None:
    """Every import statement in core, including those inside functions."""
    bad = []
    for path in sorted(CORE.rglob("*.py")):
        package = ".".join(path.parent.relative_to(ROOT).parts)  # what relative imports start from
        source = path.read_text(encoding="utf-8")
        bad += [f"{path.relative_to(ROOT)} {v}" for v in _violations(source, package)]
    assert bad == [], "core may import only the standard library, " + ", ".join(sorted(CORE_DEPENDENCIES))


def test_the_draft_scan_refuses_core_and_engine_even_when_deferred() -> None:
    source = (
        "import json\nfrom pydantic import BaseModel\nfrom .wire import VIDEO\n"
        "def later():\n    from ..core.errors import NemoError\n    import nemo_tui.engine.sniff\n"
        "    import httpx\n"
    )
    assert _draft_violations(source) == [
        "line 5: nemo_tui.core.errors",
        "line 5: nemo_tui.core.errors.NemoError",
        "line 6: nemo_tui.engine.sniff",
        "line 7: httpx",
    ]


def test_the_draft_package_imports_neither_core_nor_the_engine() -> None:
    """Core and the engine both use the draft package: it may use only the standard library and pydantic."""
    paths = sorted(DRAFT.rglob("*.py"))
    assert paths, "the draft package has moved: update DRAFT"
    bad = []
    for path in paths:
        package = ".".join(path.parent.relative_to(ROOT).parts)
        bad += [
            f"{path.relative_to(ROOT)} {v}"
            for v in _draft_violations(path.read_text(encoding="utf-8"), package)
        ]
    assert bad == [], "the draft package may import only the standard library and pydantic"


PROBE = """
import importlib, json, pkgutil, sys
package = importlib.import_module(sys.argv[1])
for info in pkgutil.iter_modules(package.__path__, sys.argv[1] + "."):
    importlib.import_module(info.name)
print(json.dumps(sorted(sys.modules)))
"""


def _loaded_by_importing_all_of(package: str) -> list[str]:
    """The modules a fresh interpreter holds after importing every module of `package`."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE, package],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return list(json.loads(out.stdout))


def test_importing_the_draft_package_loads_neither_core_nor_the_engine() -> None:
    loaded = _loaded_by_importing_all_of("nemo_tui.draft")
    assert "nemo_tui.draft.model" in loaded and "nemo_tui.draft.wire" in loaded
    assert [m for m in loaded if any(_under(m, f) for f in (*FORBIDDEN, "nemo_tui.core"))] == []


def test_importing_every_core_module_loads_no_ui_and_no_engine() -> None:
    loaded = _loaded_by_importing_all_of("nemo_tui.core")
    modules = [info.name for info in pkgutil.iter_modules(nemo_tui.core.__path__, "nemo_tui.core.")]
    assert "nemo_tui.core.controller" in modules and set(modules) <= set(loaded)
    assert [m for m in loaded if any(_under(m, f) for f in FORBIDDEN)] == []


CONNECT = """
import asyncio, json, sys
from nemo_tui.core.controller import SessionController
from nemo_tui.core.errors import BadInput
from nemo_tui.core.settings import Settings

async def main():
    ctl = SessionController(Settings.from_env())  # no backend factory, no NEMO_API_URL
    try:
        await ctl.connect()
    except BadInput as exc:
        return type(exc).__name__, exc.message
    finally:
        await ctl.close()
    return "connected", ""

kind, message = asyncio.run(main())
print(json.dumps({"kind": kind, "message": message, "modules": sorted(sys.modules)}))
"""


def test_core_alone_starts_no_engine() -> None:
    """Without a backend factory and without NEMO_API_URL, core says what is missing and loads no
    engine code (the front ends hand it the factory that starts the local engine)."""
    out = subprocess.run(
        [sys.executable, "-c", CONNECT], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    answer = json.loads(out.stdout)
    assert answer["kind"] == "BadInput" and "NEMO_API_URL" in answer["message"], answer["message"]
    assert [m for m in answer["modules"] if any(_under(m, f) for f in FORBIDDEN)] == []
