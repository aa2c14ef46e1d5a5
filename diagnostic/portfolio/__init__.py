"""A région's territories seen together: observatory figures, portfolio, synthesis (pure)."""
