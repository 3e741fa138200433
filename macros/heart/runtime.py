"""The content loaded for the build in progress, shared by the MkDocs hooks and the macros module."""
from __future__ import annotations

SITE = None
