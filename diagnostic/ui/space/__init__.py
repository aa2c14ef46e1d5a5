"""Pages that show more than one diagnostic: « Mes diagnostics et ateliers », a territory's
space, and pinning; who may see them is decided in ``access``."""
