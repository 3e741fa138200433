"""The templates page: documents a school downloads (editable DOCX and printable PDF, built at site-build time)."""
from __future__ import annotations

from .. import paths
from ..load import Site
from .common import esc, front_matter, rel

TEMPLATES = [
    ("commitment-statement", "Commitment statement",
     "Signed by the headteacher and chair of governors at the start of the pathway."),
    ("school-development-plan", "School development plan",
     "Priorities from your audit, with owners, dates and how you will judge success."),
    ("evidence-checklist", "Evidence portfolio checklist",
     "Every criterion of every level, with examples of evidence and space to note where yours is."),
    ("action-research-plan", "Action research project plan",
     "Question, plan, data before and after, and what you learned, as in Derbyshire's programme."),
    ("governor-champion-report", "Governor champion termly report",
     "A short report from the governor champion to the governing board each term."),
    ("renewal-review", "Renewal review",
     "Compare practice now with your last assessment before your award ends."),
]


def templates_page(site: Site, downloads: dict[str, list[dict]] | None = None) -> str:
    src = paths.TEMPLATES
    downloads = downloads or {}
    out = [front_matter(title="Templates", description="Editable templates for every step of the pathway.")]
    out.append("# Templates\n")
    out.append(f"Templates for each step of the [pathway]({rel(src, paths.PATHWAY)}), made from the current criteria "
               f"(version {esc(site.scheme.award.criteria_version)}) every time the site is built. Word versions "
               "are editable; PDF versions are for printing.\n")
    for tid, title, desc in TEMPLATES:
        out.append(f"## {esc(title)} {{#{tid}}}\n")
        out.append(f"{esc(desc)}\n")
        files = downloads.get(tid, [])
        if files:
            out.extend(f"- [{esc(d['label'])}]({rel(src, d['path'])}) ({esc(d['format'])}, {esc(d['size'])})" for d in files)
            out.append("")
        else:
            out.append("Download not available in this build.\n")
    return "\n".join(out)
