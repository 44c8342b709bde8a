"""The table of check kinds: a rule's ``kind:`` names one of these modules."""

from . import attribution, metadata, pattern, phrase, repeated

KINDS = {"phrase": phrase, "pattern": pattern, "metadata": metadata, "attribution": attribution,
         "repeated": repeated}
