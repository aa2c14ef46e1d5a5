"""Exporters: functions from results to bytes, shared by the app, the CLI and the tests."""
