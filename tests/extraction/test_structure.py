"""The extractor's shape (issue 11): short functions with few parameters (a dataclass beyond that)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "relations" / "extraction"
# The article's fields, as the API's serializer passes them (**validated_data): one keyword each.
MORE_PARAMETERS = {("articles.py", "make_article")}


def functions() -> list[tuple[str, ast.FunctionDef]]:
    return [
        (path.name, node)
        for path in sorted(PACKAGE.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.FunctionDef)
    ]


def test_no_extractor_function_is_over_40_lines() -> None:
    long = [(name, f.name, f.end_lineno - f.lineno + 1) for name, f in functions() if f.end_lineno - f.lineno >= 40]  # type: ignore[operator]
    assert long == []


def test_no_extractor_function_takes_more_than_6_parameters() -> None:
    many = []
    for name, f in functions():
        params = [*f.args.posonlyargs, *f.args.args, *f.args.kwonlyargs]
        count = len([p for p in params if p.arg not in ("self", "cls")])
        if count > 6 and (name, f.name) not in MORE_PARAMETERS:
            many.append((name, f.name, count))
    assert many == []
