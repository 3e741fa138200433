"""Typed models for every data file and front matter, one module per job. Validation is pydantic's; messages are made
readable in load/messages.py. Every model is importable from here (``from macros.heart.models import Scheme``)."""
from __future__ import annotations

from .base import CriterionId, Date, Id, Label, Model, Name, PositiveInt, ProjectPath, Str, Urn
from .content import Activity, Area, AreasFile, ModuleMeta, Printable, Reference, StrategyMeta, Term, Vocabulary
from .scheme import (AuditPartner, AwardInfo, Brand, ChangelogEntry, Criterion, HexColour, Level, Licence, ModuleKind,
                     PathwayRole, PathwayStep, Rating, Scheme)
from .schools import AwardRecord, Network, Phase, School, SchoolsFile
from .signposting import HttpsUrl, LocalContact, Organisation, SignpostingFile, UkPhone

__all__ = ["Activity", "Area", "AreasFile", "AuditPartner", "AwardInfo", "AwardRecord", "Brand", "ChangelogEntry",
           "Criterion", "CriterionId", "Date", "HexColour", "HttpsUrl", "Id", "Label", "Licence", "LocalContact",
           "Model", "ModuleKind", "ModuleMeta", "Name", "Network", "Organisation", "PathwayRole", "PathwayStep",
           "Phase", "PositiveInt", "Printable", "ProjectPath", "Rating", "Reference", "Scheme", "School",
           "SchoolsFile", "SignpostingFile", "Str", "StrategyMeta", "Term", "UkPhone", "Urn", "Vocabulary"]
