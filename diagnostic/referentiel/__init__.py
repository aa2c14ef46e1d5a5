"""The référentiel in ``data/``: read, validated (every problem at once), built into objects.

``load`` (the entry points), ``tables`` (CSV and YAML rows), ``rules``, ``action_rules`` and
``local_names`` (the optional columns and files), ``upgrade`` (answers carried over from an
earlier version).
"""
