"""The page parts of the feuille de route, the re-diagnosis and the comparison over time."""
