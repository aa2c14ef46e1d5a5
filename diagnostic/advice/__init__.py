"""Advice: answers -> scores -> explained recommendations, pure.

``scoring`` (motivation priority and maturity, lever need), ``ranking`` (the officials'
order), ``recommend`` (which levers first, who to call, what to do, and why) and
``confidence`` (how far the ranking can be trusted). The method is in ``docs/methode.md``.
"""
