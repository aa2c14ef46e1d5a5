"""The answers file: ``answers`` reads and checks it against the référentiel; its JSON Schema
(``answers.schema.json``) checks a file's shape at run time, its errors told in plain words."""

from .check import answers_schema, check_shape

__all__ = ["answers_schema", "check_shape"]
