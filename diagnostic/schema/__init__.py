"""The answers file's JSON Schema (``answers.schema.json``): the run-time check of a file's
shape, and its errors told in plain words."""

from .check import answers_schema, check_shape

__all__ = ["answers_schema", "check_shape"]
