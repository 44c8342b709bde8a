"""Fixes: findings turned into exact edits of the files they were found in.

A rule says how with its ``fix:`` key (read by rulepack/fix.py). ``plan``
turns findings into source edits, with ``markup`` for HTML elements;
``units`` finds what a removal takes around a leftover;
``apply`` fixes a text until nothing fixable is left; ``files`` reads and
writes files byte for byte; ``session`` runs ``--fix`` and ``--diff`` for a run.
"""
