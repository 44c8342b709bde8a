"""The forms a phrase takes in running text where a language adds words or letters to it: a particle of
politeness inside it (Tagalog "po": "wala po akong kakayahan"), a conjunction written onto its first
word (Arabic "ف" and "و": "فأنا هنا لمساعدتك"). Every form is an entry of the rule pack, cached and scanned for:
the rule files set them only on the rules of the talk where they occur (refusals, offers, the model on itself)."""

from __future__ import annotations


def entry_forms(entry: str, particles=(), proclitics=()) -> list[str]:
    """The entry, its forms with a particle after its first or second word, and with a proclitic on its first word."""
    words = entry.split()
    forms = [entry] + [" ".join(words[:i] + [p] + words[i:]) for p in particles for i in (1, 2) if i < len(words)]
    return forms + [c + form for c in proclitics for form in forms]
