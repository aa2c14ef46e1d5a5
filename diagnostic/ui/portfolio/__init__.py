"""The portfolio page: a région's territories, their filters, the table and the synthesis.

Widget keys: ``portfolio-search``, ``portfolio-departement``, ``portfolio-type``,
``portfolio-lever``, ``portfolio-need``, ``portfolio-stale``, ``portfolio-late``,
``portfolio-sort``, ``portfolio-descending``, the table ``portfolio-table`` and the
downloads ``portfolio-download-table``, ``portfolio-download-pdf``, ``portfolio-download-xlsx``.
"""
