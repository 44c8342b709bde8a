"""Text mechanisms shared by loaders and check kinds: normalisation, fuzzy matching, sentences, bylines."""
