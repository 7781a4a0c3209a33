"""The layout of normalizers/: imports go one way (no cycle, lazy imports inside
functions included: that is how `diacritics`, `encodings` and `lm_build` once hid a
circle), and no module is over 400 lines (issue 14: `diacritics.py` had grown to 1,100).
"""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "normalizers"
MAX_LINES = 400


def _modules() -> list[str]:
    return sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """module → the modules of the same package it imports, anywhere in its body."""
    graph: dict[str, set[str]] = {}
    for path in sorted(package.glob("*.py")):
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[0] == package.name and len(parts) > 1 and (package / f"{parts[1]}.py").exists():
                    deps.add(parts[1])
        deps.discard(path.stem)
        graph[path.stem] = deps
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path (first module repeated at the end), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for d in sorted(graph.get(m, ())):
            if state.get(d) == 1:
                return stack[stack.index(d):] + [d]
            if d not in state and (found := visit(d)):
                return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_find_cycle_sees_a_lazy_import_circle(tmp_path):
    """The checker itself: a circle closed by an import inside a function is found."""
    pkg = tmp_path / "normalizers"
    pkg.mkdir()
    (pkg / "a.py").write_text("from normalizers.b import x\n")
    (pkg / "b.py").write_text("def x():\n    from normalizers import a\n")
    (pkg / "c.py").write_text("import normalizers.a\n")
    assert find_cycle(import_graph(pkg)) == ["a", "b", "a"]
    (pkg / "b.py").write_text("def x():\n    return 1\n")
    assert find_cycle(import_graph(pkg)) is None


def test_no_import_cycle_in_normalizers():
    assert find_cycle(import_graph()) is None


def test_no_module_over_400_lines():
    long = {p.name: n for p in PACKAGE.glob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


@pytest.mark.parametrize("module", _modules())
def test_each_module_imports_alone(module):
    """Imported first, in a fresh interpreter: a cycle at import time would fail here."""
    subprocess.run([sys.executable, "-c", f"import normalizers.{module}"], check=True,
                   cwd=PACKAGE.parent, env={"PYTHONPATH": str(PACKAGE.parent), "OMP_THREAD_LIMIT": "1"})
