"""Advice: answers -> scores -> explained recommendations, pure.

``matrix`` (the vectorised scoring of one respondent or many), ``scoring`` (one respondent's
scores, explained), ``ranking`` (the officials' order), ``recommend`` (which levers first,
who to call, what to do, and why) and ``confidence`` (how far the ranking can be trusted).
The method is in ``docs/methode.md``.
"""
