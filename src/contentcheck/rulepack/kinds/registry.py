"""The table of check kinds: a rule's ``kind:`` names one of these modules."""

from . import attribution, image, metadata, pattern, phrase, repeated, sequence

KINDS = {"phrase": phrase, "pattern": pattern, "metadata": metadata, "attribution": attribution,
         "sequence": sequence, "repeated": repeated, "image": image}
