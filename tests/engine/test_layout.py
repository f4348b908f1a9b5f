"""The engine's folders and what each may import, as their `__init__` docstrings state them.

An AST scan of every module under `nemo_tui/engine` (function-level imports included; imports under
`if TYPE_CHECKING:` are annotations only and are skipped). docs/architecture.md draws the layout.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import nemo_tui.engine

ENGINE = Path(nemo_tui.engine.__file__).parent
E = "nemo_tui.engine"

#: (modules under this prefix, may not import this prefix, except these prefixes)
RULES: list[tuple[str, str, tuple[str, ...]]] = [
    # The HTTP glue prices a turn through `agent.model_seam`: never the planner or its reading.
    (f"{E}.routes", f"{E}.agent.planner", ()),
    (f"{E}.routes", f"{E}.agent.language", ()),
    (f"{E}.routes", f"{E}.hosting", (f"{E}.hosting.config",)),
    # Storage is the bottom layer.
    (f"{E}.storage", f"{E}.services", ()),
    (f"{E}.storage", f"{E}.routes", ()),
    (f"{E}.storage", f"{E}.agent", ()),
    (f"{E}.storage", f"{E}.hosting", (f"{E}.hosting.config",)),
    (f"{E}.storage", "fastapi", ()),
    (f"{E}.storage", "starlette", ()),
    # Services do the work without routing, and reach the model only through the seam.
    (f"{E}.services", f"{E}.routes", ()),
    (f"{E}.services", f"{E}.hosting", (f"{E}.hosting.config",)),
    (f"{E}.services", f"{E}.agent.planner", ()),
    (f"{E}.services", f"{E}.agent.language", ()),
    # The agent knows nothing of HTTP, services or hosting (but the config).
    (f"{E}.agent", f"{E}.routes", ()),
    (f"{E}.agent", f"{E}.services", ()),
    (f"{E}.agent", f"{E}.hosting", (f"{E}.hosting.config",)),
    (f"{E}.agent", f"{E}.storage", (f"{E}.storage.file_storage",)),
    # Language, edits and media are plain Python: no ADK, no tools, no planner.
    *[
        (f"{E}.agent.{part}", forbidden, ())
        for part in ("language", "edits", "media")
        for forbidden in (
            "google.adk",
            "google.genai",
            f"{E}.agent.tools",
            f"{E}.agent.planner",
            f"{E}.agent.agent",
        )
    ],
    (f"{E}.agent.tools", f"{E}.agent.planner", ()),
    (f"{E}.agent.media", f"{E}.agent.language", ()),
    (f"{E}.agent.media", f"{E}.agent.edits", ()),
    # The renderer is a library of its own.
    *[
        (f"{E}.render", f"{E}.{other}", ())
        for other in ("agent", "hosting", "routes", "services", "storage", "team")
    ],
    # The render team is the renderer run elsewhere: it knows nothing of the engine around it.
    *[(f"{E}.team", f"{E}.{other}", ()) for other in ("agent", "hosting", "routes", "services", "storage")],
    # The engine is a server: it never imports a front end or the client's controller.
    *[
        (E, front, ())
        for front in (
            "nemo_tui.core.controller",
            "nemo_tui.core.backend",
            "nemo_tui.tui",
            "nemo_tui.widgets",
            "nemo_widgets",
        )
    ],
    (E, "nemo_widgets", ()),
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(ENGINE.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imports_of(module: str, source: str, is_package: bool = False) -> list[tuple[int, str]]:
    """Every module `source` imports (line, absolute name); `from a import b` counts as `a.b` too."""
    tree = ast.parse(source)
    skip = _type_checking_lines(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return found


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(sources: dict[str, tuple[str, bool]]) -> list[str]:
    """`sources`: module name → (source, is a package). One line per import that breaks a rule."""
    out = []
    for module, (source, is_package) in sorted(sources.items()):
        for line, name in imports_of(module, source, is_package):
            for where, forbidden, allowed in RULES:
                if (
                    _under(module, where)
                    and _under(name, forbidden)
                    and not any(_under(name, a) for a in allowed)
                ):
                    out.append(f"{module}:{line} imports {name} ({where} may not import {forbidden})")
    return sorted(set(out))


def engine_sources() -> dict[str, tuple[str, bool]]:
    return {_module_name(p): (p.read_text(), p.name == "__init__.py") for p in ENGINE.rglob("*.py")}


def test_the_engine_keeps_its_import_rules():
    assert violations(engine_sources()) == []


def test_no_route_imports_the_planner():
    routes = {m: s for m, s in engine_sources().items() if _under(m, f"{E}.routes")}
    assert len(routes) >= 10
    for module, (source, is_package) in routes.items():
        names = [n for _, n in imports_of(module, source, is_package)]
        assert not [n for n in names if "planner" in n or _under(n, f"{E}.agent.language")], module


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        (f"{E}.routes.run_sse", "from ..agent.planner import PlannerModel"),
        (f"{E}.routes.run_sse", "    from ..agent.language.understanding import plan"),
        (f"{E}.storage.store", "from ..routes.deps import engine_of"),
        (f"{E}.services.turns", "from ..routes import all_routers"),
        (f"{E}.agent.tools.cuts", "from ...services.exports import Exports"),
        (f"{E}.agent.edits.clips", "from google.adk.tools import ToolContext"),
        (f"{E}.hosting.server", "from nemo_tui.core.controller import SessionController"),
        (f"{E}.render.graph", "from ..storage.store import Store"),
    ],
)
def test_a_forbidden_import_is_caught(module, forbidden):
    sources = engine_sources()
    source, is_package = sources[module]
    if forbidden.startswith(" "):  # inside a function: still an import
        forbidden = f"def _sneaky():\n{forbidden}\n"
    sources[module] = (f"{source}\n{forbidden}\n", is_package)
    assert [v for v in violations(sources) if v.startswith(module + ":")], forbidden


def test_every_folder_says_what_it_holds_and_may_import():
    for init in ENGINE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text())) or ""
        assert len(doc) > 60, f"{init}: a docstring saying what the folder holds"
        assert "import" in doc.lower(), f"{init}: say what the folder may import"
