"""The référentiel in ``data/``: read, validated (every problem at once), built into objects.

``load`` (the entry points: files read, objects assembled), ``tables`` (CSV and YAML rows),
``build`` (rows into objects, references checked), ``checks`` (orders and coherence across
files), ``rules``, ``action_rules`` and ``local_names`` (the tunable rules and the optional
columns and files), ``upgrade`` (answers carried over from an earlier version).
"""
