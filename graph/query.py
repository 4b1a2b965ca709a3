"""The named query library: SPARQL files that document themselves, run with safely bound parameters.

Each `queries/NAME.rq` opens with a comment block:

    # Title in a few words
    #
    # The question, in plain words (any number of lines).
    #
    # Parameters:
    #   document (string, optional): keep only this document's rows
    # Columns: document entity label class wikidata start end

A parameter is named after a result column and keeps the rows where that column has the given
value. It is bound with pyoxigraph's substitutions, never spliced into the query text, so a value
cannot change what the query does. A parameter line reads `name (kind): what it does`, with
`, optional` when it may be left out and `, default VALUE` when a value is used unless another is
given (such a parameter is optional too); an empty value counts as not given (a blank form field):

    #   subject (entity, default china): whose figures; IRI, slug, label or alias
    #   partner (entity, optional): only figures that name this partner
    #   kind (Prediction|Assessment|Recommendation, optional): the kind of claim

An entity's value may be its IRI, its slug (`central-asia`), or a label or alias (`Central Asia`)
when a store is at hand to look it up; a value that names no entity is an error that offers the
closest ones. A parameter whose kind lists values (`A|B|C`) takes one of them, in any case.

A substitution keeps the rows where the variable has the value and also the rows where the pattern
leaves it unbound (filling the value in), and a FILTER does not see it. So a parameter's variable
must be bound in every row: not only inside OPTIONAL, nor by an aggregate or expression that can
fail. A column that may be empty and is also a parameter is bound as
`BIND(COALESCE(?found, "") AS ?column)`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from eurasia_kg.graph.lookup import NoSuchEntity, closest, find_entity, looks_like_iri
from eurasia_kg.graph.oxtypes import Term, solutions
from eurasia_kg.namespaces import ENT

PARAMETER_KINDS = ("string", "iri", "entity", "integer")
_PARAMETER = re.compile(
    r"^(?P<name>\w+)\s*\((?P<kind>\w+|[\w ]+(?:\|[\w ]+)+)(?P<optional>,\s*optional)?"
    r"(?:,\s*default\s+(?P<default>[^)]+?))?\)\s*:\s*(?P<text>.*)$"
)


class QueryError(Exception):
    """A query that cannot be found, read or run as asked; the message says what to do."""


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # one of PARAMETER_KINDS
    optional: bool
    description: str
    default: str | None = None  # the value used when none is given
    choices: tuple[str, ...] = ()  # the values a string parameter takes, when the header lists them


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    columns: tuple[str, ...]
    sparql: str
    path: Path

    @classmethod
    def from_file(cls, path: Path) -> "NamedQuery":
        """Read a query file; one without a header comment is titled by its file name."""
        try:
            sparql = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise QueryError(f"{path}: cannot be read ({error})") from None
        header = [line[1:].strip() for line in _header_lines(sparql)] or [path.stem]
        sections = _sections(header[1:])
        return cls(
            name=path.stem,
            title=header[0] or path.stem,
            description=" ".join(sections.get("", [])).strip(),
            parameters=tuple(_parameter(path, line) for line in sections.get("parameters", []) if line),
            columns=tuple(" ".join(sections.get("columns", [])).split()),
            sparql=sparql,
            path=path,
        )


def _header_lines(sparql: str) -> list[str]:
    lines = []
    for line in sparql.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


def _sections(lines: list[str]) -> dict[str, list[str]]:
    """Split header lines into the description ('') and the 'Parameters:'/'Columns:' sections."""
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in lines:
        heading = re.match(r"^(Parameters|Columns)\s*:\s*(.*)$", line)
        if heading:
            current = heading.group(1).lower()
            rest = heading.group(2).strip()
            sections[current] = [rest] if rest and rest.lower() != "none" else []
        else:
            sections.setdefault(current, []).append(line)
    return sections


def _parameter(path: Path, line: str) -> Parameter:
    match = _PARAMETER.match(line)
    kind = match.group("kind") if match else ""
    choices = tuple(value.strip() for value in kind.split("|")) if "|" in kind else ()
    if not match or (kind not in PARAMETER_KINDS and not choices):
        raise QueryError(
            f"{path}: cannot read parameter line {line!r}; write "
            f"'name (kind[, optional][, default VALUE]): what it does' with kind one of {', '.join(PARAMETER_KINDS)}, "
            "or the values it takes as A|B|C"
        )
    default = match.group("default")
    parameter = Parameter(match.group("name"), "string" if choices else kind,
                          bool(match.group("optional")) or default is not None, match.group("text"), default, choices)
    if default is not None:
        try:
            _term(parameter, default)
        except QueryError as error:
            raise QueryError(f"{path}: the default of parameter {parameter.name} is not valid: {error}") from None
    return parameter


def library(folder: Path) -> dict[str, NamedQuery]:
    """Every named query in `folder`, by name."""
    return {path.stem: NamedQuery.from_file(path) for path in sorted(folder.glob("*.rq"))}


def resolve(name_or_file: str, folder: Path) -> NamedQuery:
    """A named query by name, or any .rq file by path."""
    path = Path(name_or_file)
    if path.suffix == ".rq" or len(path.parts) > 1:
        if not path.is_file():
            raise QueryError(f"{name_or_file}: no such file")
        return NamedQuery.from_file(path)
    known = library(folder)
    if name_or_file in known:
        return known[name_or_file]
    near = closest(name_or_file, list(known), limit=3)
    offer = f"did you mean {' or '.join(near)}? " if near else ""
    raise QueryError(f"no query named {name_or_file!r}; {offer}`eurasia-kg query --list` shows them all "
                     "(or give a path to a .rq file)")


def bind(query: NamedQuery, values: dict[str, str], store: ox.Store | None = None) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
    """Turn `--param name=value` strings into RDF terms for the query's declared parameters, defaults filled in.

    With a store, an entity may be named by a label or alias too, and one that names nothing is an error.
    """
    declared = {p.name: p for p in query.parameters}
    unknown = set(values) - set(declared)
    if unknown:
        accepted = ", ".join(declared) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {', '.join(sorted(unknown))}; it accepts: {accepted}")
    defaults = {p.name: p.default for p in query.parameters if p.default is not None}
    chosen = defaults | {name: value for name, value in values.items() if value != ""}
    missing = [p for p in query.parameters if not p.optional and p.name not in chosen]
    if missing:
        raise QueryError(f"query {query.name!r} needs a value for its parameter {missing[0].name}: {missing[0].description}")
    return {ox.Variable(name): _term(declared[name], value, store) for name, value in chosen.items()}


def _term(parameter: Parameter, value: str, store: ox.Store | None = None) -> ox.NamedNode | ox.Literal:
    if parameter.choices:
        return ox.Literal(_choice(parameter, value))
    if parameter.kind == "string":
        return ox.Literal(value)
    if parameter.kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise QueryError(f"parameter {parameter.name} takes a whole number, not {value!r}")
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if parameter.kind == "entity" and store is not None:
        if looks_like_iri(value):
            _iri(parameter, value)  # a malformed IRI is refused as such
        try:
            return find_entity(store, value)
        except NoSuchEntity as error:
            raise QueryError(f"parameter {parameter.name}: {error}") from None
    if parameter.kind == "entity" and not looks_like_iri(value):
        return ox.NamedNode(f"{ENT}{value}")  # a bare slug: china, sco, vladimir-putin
    return _iri(parameter, value)


def _iri(parameter: Parameter, value: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError as error:
        raise QueryError(f"parameter {parameter.name} takes an IRI; {value!r} is not one ({error})") from None


def _choice(parameter: Parameter, value: str) -> str:
    """The listed value `value` stands for, whatever its case."""
    for choice in parameter.choices:
        if choice.casefold() == value.strip().casefold():
            return choice
    raise QueryError(f"parameter {parameter.name} takes {' or '.join(parameter.choices)}, not {value!r}")


def run(store: ox.Store, query: NamedQuery | str, values: dict[str, str] | None = None) -> ox.QuerySolutions:
    """Run a named query (or SPARQL text) over the union of the store's graphs."""
    sparql = query.sparql if isinstance(query, NamedQuery) else query
    substitutions: dict[ox.Variable, Term | ox.Triple] = (
        dict(bind(query, values or {}, store)) if isinstance(query, NamedQuery) else {})
    try:
        return solutions(store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions or None))
    except SyntaxError as error:
        raise QueryError(f"the query is not valid SPARQL: {error}") from None


def rows(solutions: ox.QuerySolutions) -> tuple[list[str], list[list[str]]]:
    """Column names and rows of plain values: IRIs, lexical forms of literals, '' when unbound."""
    columns = [variable.value for variable in solutions.variables]
    table = [[_plain(solution[column]) for column in columns] for solution in solutions]
    return columns, table


def _plain(term) -> str:
    return "" if term is None else term.value


def to_csv(columns: list[str], table: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(table)
    return out.getvalue()


def to_json(columns: list[str], table: list[list[str]]) -> str:
    """An array of objects, one per row, keyed by column (unbound columns left out)."""
    return json.dumps([{c: v for c, v in zip(columns, row) if v != ""} for row in table], ensure_ascii=False, indent=2)


def to_markdown(columns: list[str], table: list[list[str]]) -> str:
    def cell(value: str) -> str:
        return value.replace("|", "\\|").replace("\n", "<br>")  # Markdown tables allow no newline in a cell

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in table]
    return "\n".join(lines) + "\n"
