"""Fixes: rules that say how to remove or replace what they find.

``spec`` reads a rule's ``fix:`` key; ``plan`` turns findings into exact
source edits; ``markup`` knows HTML elements; ``files`` reads and writes
files byte for byte.
"""
