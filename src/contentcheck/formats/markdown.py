"""``--format markdown``: not written yet."""


class Formatter:
    def __init__(self, out, context):
        raise NotImplementedError("--format markdown is not available yet")
