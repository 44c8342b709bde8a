"""``--format html``: not written yet."""


class Formatter:
    def __init__(self, out, context):
        raise NotImplementedError("--format html is not available yet")
