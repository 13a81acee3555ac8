"""Handoff to staff: the summary they read, the export, the outbox dispatcher, staff actions."""
