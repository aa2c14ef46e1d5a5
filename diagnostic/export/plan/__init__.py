"""Exporters of the feuille de route and of the comparison over time: results -> bytes."""
