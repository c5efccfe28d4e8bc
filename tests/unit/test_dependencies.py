"""Every third-party module the code imports is declared in pyproject.toml, and none is a private one.

The imports are read from the source (ast, every nesting level, so function-local heavy imports count);
each top-level module is mapped to the distribution that installs it (importlib.metadata), and that
distribution must be a core dependency or one of the extras. A private module (`pkg._x`, or `_x`
imported from a package) of a dependency is refused: it can change in any release.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = ("medseg_qa", "pipelines", "review_ui", "schemas", "model")  # shipped in the wheel
LOCAL = set(PACKAGED) | {"bench", "tests", "conftest"}


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> dict[str, set[str]]:
    """distribution -> the groups ('core' or an extra) that declare it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    groups = {"core": project["dependencies"], **project.get("optional-dependencies", {})}
    out: dict[str, set[str]] = {}
    for group, reqs in groups.items():
        for req in reqs:
            out.setdefault(_canon(re.match(r"[A-Za-z0-9_.-]+", req).group()), set()).add(group)
    return out


def _imports(folders) -> dict[str, list[str]]:
    """third-party import statement text -> files, for every import under `folders`."""
    found: dict[str, list[str]] = {}
    local = LOCAL | {p.stem for p in (ROOT / "tests").rglob("*.py")}  # the tests' own helper modules
    for folder in folders:
        for f in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(f.read_text(), str(f))):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [f"{node.module}.{a.name}" for a in node.names]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in local:
                        found.setdefault(name, []).append(str(f.relative_to(ROOT)))
    return found


def test_every_imported_package_is_declared():
    dists, declared = packages_distributions(), _declared()
    undeclared = {}
    for name, files in _imports(PACKAGED + ("tests",)).items():
        top = name.split(".")[0]
        owners = [_canon(d) for d in dists.get(top, [top])]
        if not any(o in declared for o in owners):
            undeclared.setdefault(top, sorted(set(files))[:3])
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"


def test_no_private_module_of_a_dependency_is_used():
    private = {name: files for name, files in _imports(PACKAGED + ("bench",)).items()
               if any(part.startswith("_") and not part.startswith("__") for part in name.split(".")[1:])}
    assert not private, f"private modules of dependencies imported: {private}"
