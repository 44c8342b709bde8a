"""Inputs: which files and archive records a run checks (folder walks, WARC records, files changed in git)."""
