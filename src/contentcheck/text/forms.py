"""The forms a phrase takes in running text where a language adds words or letters to it: a particle of
politeness inside it (Tagalog "po": "wala po akong kakayahan"), a conjunction written onto its first
word (Arabic "ف" and "و": "فأنا هنا لمساعدتك"), or another word for the same person (Thai "ดิฉัน", the
formal "I" of a woman, where "ฉัน" is written: "มีอะไรให้ดิฉันช่วย"). Every form is an entry of the rule
pack, cached and scanned for: the rule files set them only on the rules of the talk where they occur
(refusals, offers, the model on itself)."""

from __future__ import annotations

from .scripts import no_space


def _alike_forms(form: str, alike: dict[str, list[str]]) -> list[str]:
    """The form with each word that has others like it written as each of them, one word at a time."""
    out = []
    for word, others in alike.items():
        if no_space(word[0]):  # a script without spaces: the word inside a run ("ให้ฉันช่วย")
            out += [form.replace(word, other) for other in others if word in form and other not in form]
        else:
            words = form.split()  # (the keys are lower-cased; an entry may be written "Saya")
            out += [" ".join(other if w.lower() == word else w for w in words) for other in others
                    if word in (w.lower() for w in words)]
    return out


def entry_forms(entry: str, particles=(), proclitics=(), alike=None) -> list[str]:
    """The entry, its forms with a particle after its first or second word, with another word for one of its
    words (``alike``), and with a proclitic on its first word."""
    words = entry.split()
    forms = [entry] + [" ".join(words[:i] + [p] + words[i:]) for p in particles for i in (1, 2) if i < len(words)]
    if alike:
        forms += [other for form in forms for other in _alike_forms(form, alike)]
    return forms + [c + form for c in proclitics for form in forms]
