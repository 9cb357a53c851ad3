"""MkDocs adapter of the ``ihmiskauppa`` core: thin hooks, no domain logic."""
