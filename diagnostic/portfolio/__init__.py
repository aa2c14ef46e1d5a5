"""A région's territories at a glance: observatory figures, the portfolio table, its filters
and the synthesis (pure).

``figures`` checks an observatory's file; ``readings`` scores the latest diagnosis of every
territory in one batch; ``table`` builds the portfolio rows and filters them; ``synthesis``
sums them up for the Region, masking any figure computed over fewer than three territories.
"""
