"""The feuille de route and the comparison over time: pure logic, no display, no storage."""
