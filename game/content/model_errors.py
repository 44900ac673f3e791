"""Turn pydantic validation errors into located, translated problems."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from game.content.errors import FieldPath, Problem, did_you_mean
from game.content.yaml_source import Source
from game.i18n import N_, _

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {
    "float_type": N_("number"), "float_parsing": N_("number"), "int_type": N_("whole number"),
    "int_parsing": N_("whole number"), "int_from_float": N_("whole number"), "string_type": N_("text"),
    "bool_type": N_("true or false"), "bool_parsing": N_("true or false"), "list_type": N_("list"),
    "dict_type": N_("mapping"), "model_type": N_("mapping"), "model_attributes_type": N_("mapping"),
}


def _clean_loc(loc: tuple, data: object) -> FieldPath:
    """Keep the parts of a pydantic location that index into the loaded data.

    Pydantic adds its own markers ('[key]', union branch names); walking the
    data drops them while keeping a key that is missing (the last part).
    """
    path: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        elif isinstance(current, dict) and isinstance(part, str) and part != "[key]" and (
                part not in ("int", "str", "float", "bool") and not part.startswith(
                    ("function-", "literal[", "list[", "dict["))):
            current = None  # a missing key: keep it, nothing below it exists
        else:
            continue
        path.append(part)
    return tuple(path)


def _message(error: dict, model: type[BaseModel], path: FieldPath) -> tuple[str, str]:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if "message" in ctx:
        return str(ctx["message"]), str(ctx.get("hint", ""))
    if kind == "missing":
        return _("the required field '{field}' is missing").format(field=path[-1] if path else ""), ""
    if kind == "extra_forbidden":
        known = _fields_at(model, path[:-1])
        return (_("unknown key '{key}'").format(key=path[-1] if path else value),
                did_you_mean(path[-1], known) if path else "")
    if kind in _TYPE_NAMES:
        return _("expected {kind}, found {value!r}").format(
            kind=_(_TYPE_NAMES[kind]), value=_short(value)), ""
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        text = {
            "greater_than_equal": _("must be at least {bound}, found {value}"),
            "greater_than": _("must be more than {bound}, found {value}"),
            "less_than_equal": _("must be at most {bound}, found {value}"),
            "less_than": _("must be less than {bound}, found {value}"),
        }[kind]
        return text.format(bound=bound, value=_short(value)), ""
    if kind == "finite_number":
        return _("must be a finite number"), ""
    if kind == "literal_error":
        return _("expected {expected}, found {value!r}").format(
            expected=ctx.get("expected", ""), value=_short(value)), ""
    if kind == "too_short":
        return _("needs at least {count} entries, found {actual}").format(
            count=ctx.get("min_length", 1), actual=ctx.get("actual_length", 0)), ""
    if kind == "too_long":
        return _("allows at most {count} entries, found {actual}").format(
            count=ctx.get("max_length", 0), actual=ctx.get("actual_length", "?")), ""
    if kind == "string_too_short":
        return _("must not be empty"), ""
    if kind == "string_too_long":
        return _("is longer than {limit} characters").format(limit=ctx.get("max_length")), ""
    if kind == "string_pattern_mismatch":
        return _("'{value}' is not a valid id: use lower-case letters, digits and '_', "
                 "starting with a letter").format(value=_short(value)), ""
    return error.get("msg", _("invalid value")), ""


def _short(value: object) -> object:
    text = repr(value)
    if len(text) > 60:
        return text[:57] + "..."
    return value


def _fields_at(model: type[BaseModel], path: FieldPath) -> list[str]:
    """The field names of the model that sits at `path` (for did-you-mean on unknown keys)."""
    current: object = model
    for part in path:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _inner_model(annotation: object) -> object:
    """Find a BaseModel subclass inside list[...] / X | None annotations."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validate_model(model: type[M], source: Source,
                   context: dict | None = None) -> tuple[M | None, list[Problem]]:
    """Validate loaded data; every error becomes a Problem with line, column and field path.

    `context` carries what the file may refer to (e.g. {"pilots": catalogue}).
    """
    if not isinstance(source.data, dict):
        return None, [source.problem((), _("the file must be a mapping of keys to values"))]
    try:
        return model.model_validate(source.data, context=context), []
    except ValidationError as err:
        problems = []
        for error in err.errors(include_url=False):
            path = _clean_loc(tuple(error["loc"]), source.data)
            message, hint = _message(error, model, path)
            problems.append(source.problem(path, message, hint, key=error["type"] == "extra_forbidden" or "[key]" in error["loc"]))
        return None, problems
