"""Exporters of a workshop's group result: the PDF report, CSV and XLSX; results -> bytes."""
