"""The pages' content, one module per page, each with a ``render()`` function.

The workshop's two pages are drawn from ``diagnostic.ui.workshop`` instead.
"""
