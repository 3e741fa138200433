"""Where each generated page lives (Markdown source paths inside the docs tree)."""
from __future__ import annotations

import re

HOME = "index.md"
REFERENCES = "references.md"
STRATEGIES = "strategies/index.md"
AWARD = "award/index.md"
PATHWAY = "award/pathway.md"
CHANGELOG = "award/criteria-changes.md"
SELF_AUDIT = "award/self-audit.md"
TEMPLATES = "award/templates.md"
TRAINING = "training/index.md"
REGISTER = "register/index.md"
OPEN_DATA = "register/open-data.md"
NETWORKS = "register/networks.md"


def strategy(sid: str) -> str:
    return f"strategies/{sid}.md"


def area(a: str) -> str:
    return f"strategies/area-{a}.md"


def role(r: str) -> str:
    return f"strategies/role-{r}.md"


def level(lv: str) -> str:
    return f"award/{lv}.md"


def criterion_anchor(cid: str) -> str:
    return cid.lower().replace(".", "-")


def module(mid: str) -> str:
    return f"training/{mid}.md"


def school_dir(urn: str) -> str:
    """Site path (not a Markdown source) of a school's entry: register/<urn>/."""
    return f"register/{urn}/"


SITUATIONS = "situations/index.md"


def situation(xid: str) -> str:
    return f"situations/{xid}.md"


HANDOUT = "handout.md"


PACKS = "training/packs"


def file_prefix(short_name: str) -> str:
    """The award's short name as a file-name prefix ('HEART Award' -> 'HEART-Award'), so downloaded files never
    clash with a school's own."""
    return re.sub(r"[^A-Za-z0-9]+", "-", short_name).strip("-") or "award"


def pack_file(short_name: str, mid: str, suffix: str) -> str:
    """Site path of one file of a module's session pack, e.g. training/packs/<mid>/HEART-Award-<mid>-handouts.pdf."""
    return f"{PACKS}/{mid}/{file_prefix(short_name)}-{mid}-{suffix}"
