"""The OpenAPI 3.1 document of each service, built from its routes: `python -m infra.openapi` (`make openapi`).

A build-time tool: no Lambda function imports it. Paths, methods, path parameters, roles and public routes come
from the loaded Chalice app (portalkit's `api.route` leaves `roles` and `public` on each endpoint). What a view
reads is found in its source with `ast`: the names given to `.only(...)` of `call.body()` or `call.params()`,
each typed by the `Fields` getter that reads it (`body.str("subject", max_len=200)` is a string of at most 200
characters), following the helpers a view hands `call` or its fields to; `call.idempotency_key`; the status of
`return 201, ...`. A field read any other way (`body.data.get("amount")`) is listed with no type rather than
guessed. Names in the source (`domain.MAX_MESSAGE`, `**PAGE`) are looked up in the view's module.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import json
import re
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "kit") not in sys.path:
    sys.path.insert(0, str(ROOT / "kit"))

from infra.declaration import SERVICES  # noqa: E402
from infra.local.system import load_app  # noqa: E402
from portalkit import api  # noqa: E402

SCHEME = "cognitoIdToken"
WRITES = ("POST", "PUT", "PATCH", "DELETE")
ERRORS = {
    "400": ("BadRequest", "Invalid input; `error.field` names the field (`invalid_field`, `missing_field`, "
                          "`unknown_field`, `invalid_json`, or a code of the service)."),
    "401": ("Unauthorized", "No valid ID token (`unauthorized`)."),
    "403": ("Forbidden", "The caller's role, or their relation to the data, does not allow this (`forbidden`)."),
    "404": ("NotFound", "No such resource, or none the caller may see (`not_found`)."),
    "409": ("Conflict", "A rule, a version or a concurrent change says no (`conflict`, or a code of the service)."),
    "415": ("UnsupportedMediaType", "The body was not sent as `application/json` (`unsupported_media_type`)."),
}


def _schema(type_=None, **constraints) -> dict:
    return {k: v for k, v in {"type": type_, **constraints}.items() if v is not None}


_YEARS = f"In the years {api.FIRST_YEAR} to {api.LAST_YEAR}"
# Each `portalkit.api.Fields` getter: (its arguments after the name) -> the JSON Schema of what it accepts.
GETTERS = {
    "str": lambda max_len=None, min_len=1, **_: _schema("string", minLength=min_len or None, maxLength=max_len),
    "int": lambda minimum=None, maximum=None, **_: _schema("integer", minimum=minimum, maximum=maximum),
    "bool": lambda **_: _schema("boolean"),
    "choice": lambda options=(), **_: _schema("string" if all(isinstance(o, str) for o in options) else None,
                                              enum=list(options)),
    "str_list": lambda max_items=100, max_len=api.MAX_ID, **_: _schema(
        "array", items=_schema("string", minLength=1, maxLength=max_len), maxItems=max_items),
    "date": lambda **_: _schema("string", format="date", description=_YEARS),
    "month": lambda **_: _schema("string", pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description=_YEARS),
    "instant": lambda **_: _schema("string", format="date-time", description=_YEARS + " (UTC)"),
}
# A field read some other way: the service checks it, but its type and presence are not plain in the source.
UNTYPED = {"description": "Checked by the service; its type is not derived from the source."}
POSITIONAL = {"choice": ("options",)}  # getter arguments that may come after the name without a keyword


CALL = object()  # what a view's first parameter is bound to


class Unknown(Exception):
    """A value the source does not state plainly."""


@dataclass(frozen=True)
class Many:
    """A loop variable: each of these values in turn."""

    values: tuple


@dataclass
class Input:
    """What one `.only(...)` admits and what the getters read of it."""

    names: list[str] | None  # None: the names themselves are not plain in the source
    optional: bool = False  # the whole body may be absent
    fields: dict[str, list[dict]] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)

    def schema(self, name: str, untyped: dict) -> dict:
        found = []
        for schema in self.fields.get(name, []):
            if schema not in found:
                found.append(schema)
        return found[0] if len(found) == 1 else {"anyOf": found} if found else dict(untyped)


@dataclass
class Reads:
    """What a view reads: body, query, Idempotency-Key; and the status it answers."""

    body: Input | None = None
    query: Input | None = None
    idempotency_key: bool = False
    idempotency_key_required: bool = False
    status: int = 200


def _source(function) -> ast.FunctionDef:
    return ast.parse(textwrap.dedent(inspect.getsource(function))).body[0]


class ViewReader:
    """Walks a view and the helpers it hands `call` or its fields to, recording into `Reads`."""

    def __init__(self, view):
        self.view = view
        self.globals = view.__globals__
        self.reads = Reads()

    def read(self) -> Reads:
        tree = _source(self.view)
        self.function(tree, {tree.args.args[0].arg: CALL}, top=True)
        self.reads.idempotency_key_required = "missing_idempotency_key" in ast.unparse(tree)
        return self.reads

    # -- one function, with what its parameters are bound to ----------------------------------------------

    def function(self, tree: ast.FunctionDef, env: dict, *, top: bool = False, conditional: bool = False) -> None:
        self.env, self.top = dict(env), top
        self.locals = {a.arg for a in (*tree.args.posonlyargs, *tree.args.args, *tree.args.kwonlyargs)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
                self.locals.add(name)
                found = self.input_of(node.value)
                if found is not None:
                    self.env[name] = found
                elif name not in self.env:
                    with contextlib.suppress(Unknown):
                        self.env[name] = self.value(node.value)
        self.block(tree.body, conditional)

    def input_of(self, node) -> Input | None:
        """`call.body().only(...)` or `call.params().only(...)`, possibly under `... if ... else None`."""
        optional = isinstance(node, ast.IfExp)
        node = node.body if optional else node
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "only"):
            return None
        source = node.func.value
        if not (isinstance(source, ast.Call) and isinstance(source.func, ast.Attribute)
                and self.env.get(getattr(source.func.value, "id", None)) is CALL
                and source.func.attr in ("body", "params")):
            return None
        try:
            names = [n for arg in node.args for n in self.values(arg)]
        except Unknown:
            names = None
        optional = optional or any(k.arg == "optional" and self.constant(k.value) for k in source.keywords)
        found = Input(names, optional=optional)
        setattr(self.reads, "body" if source.func.attr == "body" else "query", found)
        return found

    def block(self, statements: list, conditional: bool) -> None:
        for statement in statements:
            self.visit(statement, conditional)
            # What comes after an early `return` runs only on some calls.
            if isinstance(statement, ast.If) and any(isinstance(n, ast.Return) for n in ast.walk(statement)):
                conditional = True

    def visit(self, node, conditional: bool) -> None:
        if isinstance(node, ast.If):
            self.visit(node.test, conditional)
            self.block(node.body, True)
            self.block(node.orelse, True)
            return
        if isinstance(node, ast.IfExp):
            self.visit(node.test, conditional)
            self.visit(node.body, True)
            self.visit(node.orelse, True)
            return
        if isinstance(node, ast.BoolOp):
            self.visit(node.values[0], conditional)
            for value in node.values[1:]:
                self.visit(value, True)
            return
        if isinstance(node, ast.For | ast.comprehension) and isinstance(node.target, ast.Name):
            with contextlib.suppress(Unknown):
                self.env[node.target.id] = Many(tuple(self.value(node.iter)))
        if isinstance(node, ast.Return) and self.top and isinstance(node.value, ast.Tuple):
            with contextlib.suppress(Unknown, ValueError, TypeError):
                self.reads.status = int(self.value(node.value.elts[0]))
        if isinstance(node, ast.Return) and self.top and isinstance(node.value, ast.Call):
            self.reads.status = self.handler_status(node.value) or self.reads.status
        if isinstance(node, ast.Attribute) and node.attr == "idempotency_key" and self.is_call(node.value):
            self.reads.idempotency_key = True
        if isinstance(node, ast.Call):
            self.call(node, conditional)
        if isinstance(node, ast.DictComp | ast.ListComp | ast.SetComp | ast.GeneratorExp):
            for generator in node.generators:  # bind the loop variables before the element reads them
                self.visit(generator, conditional)
            for child in ast.iter_child_nodes(node):
                if not isinstance(child, ast.comprehension):
                    self.visit(child, conditional)
            return
        for child in ast.iter_child_nodes(node):
            self.visit(child, conditional)

    def call(self, node: ast.Call, conditional: bool) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in GETTERS and isinstance(func.value, ast.Name):
            fields = self.env.get(func.value.id)
            if isinstance(fields, Input) and node.args:
                self.getter(fields, func.attr, node, conditional)
            return
        if isinstance(func, ast.Name):
            helper = self.globals.get(func.id)
            passes = [a for a in (*node.args, *(k.value for k in node.keywords)) if self.is_fields_or_call(a)]
            if inspect.isfunction(helper) and helper.__module__ == self.view.__module__ and passes:
                self.helper(helper, node, conditional)

    def handler_status(self, node: ast.Call, names: dict | None = None, depth: int = 0) -> int | None:
        """The status of the handler a view answers with (`return handlers.issue(...)`): what its `return 201, ...`
        says, following the calls it returns in turn (`return _send(...)`, `idempotent.run(lambda tx: _write(...))`),
        when they say exactly one."""
        names = self.globals if names is None else names
        func, target = node.func, None
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            module = names.get(func.value.id)
            target = getattr(module, func.attr, None) if inspect.ismodule(module) else None
        elif isinstance(func, ast.Name):
            target = names.get(func.id)
        if depth > 4 or not inspect.isfunction(target):
            return None
        statuses = set()
        for returned in (n.value for n in ast.walk(_source(target)) if isinstance(n, ast.Return) and n.value):
            if (isinstance(returned, ast.Tuple) and returned.elts and isinstance(returned.elts[0], ast.Constant)
                    and isinstance(returned.elts[0].value, int)):
                statuses.add(returned.elts[0].value)
            for inner in (n for n in ast.walk(returned) if isinstance(n, ast.Call)):
                found = self.handler_status(inner, target.__globals__, depth + 1)
                if found:
                    statuses.add(found)
        return statuses.pop() if len(statuses) == 1 else None

    def getter(self, fields: Input, kind: str, node: ast.Call, conditional: bool) -> None:
        try:
            names = self.names(node.args[0])
        except Unknown:
            return
        options = {}
        for name, arg in zip(POSITIONAL.get(kind, ()), node.args[1:], strict=False):
            options[name] = arg
        for keyword in node.keywords:
            if keyword.arg is None:
                with contextlib.suppress(Unknown, AttributeError):
                    options.update({k: ast.Constant(v) for k, v in self.value(keyword.value).items()})
            else:
                options[keyword.arg] = keyword.value
        arguments = {}
        for name, value in options.items():
            with contextlib.suppress(Unknown):
                arguments[name] = self.value(value)
        schema = GETTERS[kind](**arguments)
        if arguments.get("default") is not None:
            schema["default"] = arguments["default"]
        for name in names:
            fields.fields.setdefault(name, []).append(schema)
            if arguments.get("required", "required" not in options) and not conditional:
                fields.required.add(name)

    def helper(self, function, node: ast.Call, conditional: bool) -> None:
        """Read a helper with its parameters bound to what the call passes (or their defaults)."""
        tree = _source(function)
        args = tree.args
        positional = [a.arg for a in (*args.posonlyargs, *args.args)]
        given = dict(zip(positional, node.args, strict=False)) | {k.arg: k.value for k in node.keywords if k.arg}
        defaults = dict(zip(reversed(positional), reversed(args.defaults), strict=False))  # the last ones have them
        defaults |= {a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None}
        env = {}
        for name, value in given.items():
            if isinstance(value, ast.Name) and value.id in self.env:
                env[name] = self.env[value.id]  # `call`, fields, a loop variable or a value of the caller's
            else:
                with contextlib.suppress(Unknown):
                    env[name] = self.value(value)
        for name, value in defaults.items():
            if name not in given:
                with contextlib.suppress(ValueError):
                    env[name] = ast.literal_eval(value)
        saved = self.env, self.locals, self.top
        self.function(tree, env, conditional=conditional)
        self.env, self.locals, self.top = saved

    # -- values the source states -----------------------------------------------------------------------

    def is_call(self, node) -> bool:
        return isinstance(node, ast.Name) and self.env.get(node.id) is CALL

    def is_fields_or_call(self, node) -> bool:
        return isinstance(node, ast.Name) and (self.is_call(node) or isinstance(self.env.get(node.id), Input))

    def names(self, node) -> tuple:
        if isinstance(node, ast.Name) and isinstance(self.env.get(node.id), Many):
            return self.env[node.id].values
        return (self.value(node),)

    def values(self, node) -> tuple:
        return tuple(self.value(node.value)) if isinstance(node, ast.Starred) else (self.value(node),)

    def constant(self, node):
        try:
            return self.value(node)
        except Unknown:
            return None

    def value(self, node):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            bound = self.env.get(node.id, Unknown)
            if bound is not Unknown and bound is not CALL and not isinstance(bound, Many | Input):
                return bound
            if node.id not in self.locals and node.id in self.globals:
                return self.globals[node.id]
            raise Unknown(node.id)
        if isinstance(node, ast.Attribute):
            base = self.value(node.value)
            if not hasattr(base, node.attr):
                raise Unknown(node.attr)
            return getattr(base, node.attr)
        if isinstance(node, ast.Tuple | ast.List):
            return tuple(v for element in node.elts for v in self.values(element))
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub | ast.Mult):
            left, right = self.value(node.left), self.value(node.right)
            return left + right if isinstance(node.op, ast.Add) else left - right if isinstance(node.op, ast.Sub) \
                else left * right
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -self.value(node.operand)
        raise Unknown(ast.unparse(node))


# -- the document ------------------------------------------------------------------------------------------


def operation(path: str, method: str, endpoint) -> dict:
    view = inspect.unwrap(endpoint)
    reads = ViewReader(view).read()
    doc = inspect.getdoc(view) or ""
    summary, _, details = doc.partition("\n")
    public = endpoint.public
    access = "Public: no sign-in." if public else f"Roles: {', '.join(endpoint.roles)}."
    op = {
        "operationId": view.__name__.lstrip("_"),
        "description": "\n\n".join(p for p in (details.strip(), access) if p),
        "security": [] if public else [{SCHEME: []}],
        "parameters": [{"name": name, "in": "path", "required": True,
                        "schema": {"type": "string", "minLength": 1, "maxLength": api.MAX_ID}}
                       for name in re.findall(r"{(\w+)}", path)],
    }
    if summary:
        op["summary"] = summary.strip()
    if not public:
        op["x-roles"] = list(endpoint.roles)
    if reads.query is not None:
        op["parameters"] += [
            {"name": name, "in": "query", "required": name in reads.query.required,
             "schema": reads.query.schema(name, {"type": "string"})}
            for name in reads.query.names or ()
        ]
    if reads.idempotency_key:
        op["parameters"].append({
            "name": "Idempotency-Key", "in": "header", "required": reads.idempotency_key_required,
            "schema": {"type": "string", "minLength": 1, "maxLength": 200},
            "description": "A retry with the same key answers what the first call did; the same key with "
                           "another body answers 409 `idempotency_key_reused`.",
        })
    if not op["parameters"]:
        del op["parameters"]
    if reads.body is not None:
        body = reads.body
        schema = {"type": "object", "additionalProperties": body.names is None}
        if body.names is not None:
            schema["properties"] = {name: body.schema(name, UNTYPED) if name in body.required
                                    else _nullable(body.schema(name, UNTYPED)) for name in body.names}
            required = [name for name in body.names if name in body.required]
            if required:
                schema["required"] = required
        op["requestBody"] = {"required": not body.optional, "content": {"application/json": {"schema": schema}}}
    success = {"description": "No content."} if reads.status == 204 else {
        "description": "Created." if reads.status == 201 else "OK.", "content": {"application/json": {}}}
    op["responses"] = {str(reads.status): success}
    takes_input = "parameters" in op or "requestBody" in op or method in WRITES
    # What a route may answer beside success: 404 wherever the input names something (a path id, a service_id in
    # the query, a client_id in the body) that may not exist or be the caller's; 415 wherever a body is read.
    names_something = "parameters" in op or "requestBody" in op
    for status, (name, _) in ERRORS.items():
        if ((status == "400" and takes_input) or (status in ("401", "403") and not public)
                or (status == "404" and names_something) or (status == "409" and method in WRITES)
                or (status == "415" and "requestBody" in op)):
            op["responses"][status] = {"$ref": f"#/components/responses/{name}"}
    return op


def _nullable(schema: dict) -> dict:
    """An optional body field: the kit reads `null` as not given (`Fields`), so the document admits it."""
    if isinstance(schema.get("type"), str):
        schema = {**schema, "type": [schema["type"], "null"]}
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
    return schema


def document(service: str) -> dict:
    module = load_app(service)
    paths = {}
    for path, methods in sorted(module.app.routes.items()):
        for method, entry in sorted(methods.items()):
            paths.setdefault(path, {})[method.lower()] = operation(path, method, entry.view_function)
    _unique_operation_ids(paths)
    error = {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                       "field": {"type": "string", "description": "The field, parameter or header at fault."}},
    }}}
    return {
        "openapi": "3.1.0",
        "info": {"title": f"Agency portal: {service}", "version": "1",
                 "description": (module.__doc__ or "").strip()},
        "paths": paths,
        "components": {
            "securitySchemes": {SCHEME: {
                "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                "description": "The Cognito user pool's ID token, as `Authorization: <token>` or "
                               "`Authorization: Bearer <token>`.",
            }},
            "schemas": {"Error": error},
            "responses": {name: {"description": text,
                                 "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                          for name, text in ERRORS.values()},
        },
    }


def _unique_operation_ids(paths: dict) -> None:
    """A view serving several routes (messaging's `_post`, `_read`...) is named after each route's path too."""
    ops = [(path, op) for path, methods in paths.items() for op in methods.values()]
    counts = {}
    for _, op in ops:
        counts[op["operationId"]] = counts.get(op["operationId"], 0) + 1
    for path, op in ops:
        if counts[op["operationId"]] > 1:
            words = [w for w in path.split("/")[2:] if w and not w.startswith("{")]
            op["operationId"] += "_" + re.sub(r"\W", "_", "_".join(words))


def render(service: str) -> str:
    return json.dumps(document(service), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def path_of(service: str) -> Path:
    return ROOT / "services" / service / "openapi.json"


def main() -> int:
    for service in SERVICES:
        path_of(service).write_text(render(service))
        print(f"wrote {path_of(service).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
