"""Exporters of the portfolio and of the regional synthesis: rows and synthesis -> bytes."""
