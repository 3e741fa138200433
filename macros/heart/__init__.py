"""HEART Award site core: load and validate content once, render plain Markdown/HTML.

Nothing in this package imports MkDocs: the MkDocs glue lives in ``macros/__init__.py`` (mkdocs-macros module) and
``macros/hooks.py`` (MkDocs hooks), so moving to another engine means rewriting only those two thin files.
"""
