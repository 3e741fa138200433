"""Plain-Python renderers: data in, Markdown or HTML out. No MkDocs imports here."""
