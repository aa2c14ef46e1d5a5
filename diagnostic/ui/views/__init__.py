"""The pages' content, one module per page, each with a ``render()`` function."""
