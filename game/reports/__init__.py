"""Debrief text, chart and table export, class reports."""
