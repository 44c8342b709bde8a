"""The engine: runs a rule pack over one document and builds its result (conditions, exclusions,
suppressions, fingerprints, the score)."""
