"""Session packs: every document of a module's pack, listed once in ``REGISTRY``, and the pack zip that holds them.

A new pack document is one ``PackDocument`` entry in ``REGISTRY``: its file suffix, download label, format and the
function that builds its bytes from ``PackInputs``. The zip, the README inside it and the module page's download list
all follow the registry.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import markdown

from ..load import Module, Site
from ..render.common import citation_keys, long_date, reference_entry
from ..render.training import hours
from .forms import Form, form_docx
from .officezip import make_zip
from .pdf import make_pdf
from .slides import Slide, slides_pptx
from .text import esc, level_name, md_html, timings

PACKS = "training/packs"         # site folder of the session packs: training/packs/<module id>/
GUIDE_PARTS = ["facilitator-notes.md", "case-examples.md", "reflective-activities.md", "safeguarding.md"]
ZIP_FILE = ("session-pack.zip", "Complete session pack", "ZIP")


@dataclass(frozen=True)
class PackInputs:
    """What a pack document is built from."""
    site: Site
    module: Module
    slides: list[Slide]
    digest: str                  # the pack's cache digest (seeds fixed PDF identifiers)


Builder = Callable[[PackInputs], bytes]


@dataclass(frozen=True)
class PackDocument:
    """One document in every pack, saved as ``<module id>-<suffix>``."""
    suffix: str
    label: str                   # the download label on the module page and in the README
    format: str
    build: Builder

    def files(self, m: Module) -> list[tuple[str, str, str, Builder]]:
        """The files this document makes for ``m`` as (suffix, label, format, builder): one, unless a subclass
        splits the document (say, one file per session)."""
        return [(self.suffix, self.label, self.format, self.build)]


# ---------------------------------------------------------------- facilitator guide and handouts (PDF)
def sources_html(site: Site, texts: list[str]) -> str:
    keys = list(dict.fromkeys(k for t in texts for k in citation_keys(t)))
    if not keys:
        return ""
    items = "".join(f"<li>{markdown.markdown(reference_entry(site, k))[3:-4]}</li>" for k in keys)
    return f'<section class="part"><h1>Sources</h1><ul>{items}</ul></section>'


def _plan_table(m: Module) -> str:
    sessions = any(a.session for a in m.meta.session_plan)
    head = (["Session"] if sessions else []) + ["Time", "Activity", "Minutes", "Purpose", "Materials"]
    rows = []
    for (when, _), a in zip(timings(m), m.meta.session_plan):
        cells = ([a.session or ""] if sessions else []) + [when, a.title, str(a.minutes), a.purpose,
                                                           ", ".join(a.materials) or "None"]
        rows.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
    widths = ([12] if sessions else []) + [14, 21, 10, 33, 22]
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    return (f"<table><colgroup>{cols}</colgroup><thead><tr>{''.join(f'<th>{h}</th>' for h in head)}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def guide_html(site: Site, m: Module) -> str:
    meta, a = m.meta, site.scheme.award
    facts = [("Level", level_name(site, meta.level)), ("Audience", meta.audience),
             ("Duration", hours(meta.duration_minutes)), ("Version", meta.version), ("Licence", meta.licence),
             ("Reviewed", long_date(meta.reviewed)), ("Review due", long_date(meta.review_due)),
             ("Award criteria", ", ".join(f"{c}: {site.criteria[c].title}" for c in meta.criteria) or "None")]
    out = [f"<h1>{esc(meta.title)}</h1>", f'<p class="sub">Facilitator guide: {esc(a.short_name)} training</p>',
           '<table><colgroup><col style="width:22%"><col></colgroup>',
           "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in facts), "</table>",
           f"<h2>Summary</h2><p>{esc(meta.summary)}</p>", "<h2>Learning outcomes</h2><p>By the end, staff can:</p><ul>",
           "".join(f"<li>{esc(o)}</li>" for o in meta.outcomes), "</ul>",
           f"<h2>Session plan ({meta.duration_minutes} minutes)</h2>", _plan_table(m)]
    out += [f'<section class="part">{md_html(site, m.parts.get(p, ""))}</section>' for p in GUIDE_PARTS]
    out.append(sources_html(site, [m.parts.get(p, "") for p in GUIDE_PARTS]))
    return "\n".join(out)


def module_footer(site: Site, m: Module) -> str:
    return f"{m.title} · {site.scheme.award.short_name} · version {m.meta.version} · {m.meta.licence}"


def _guide_pdf(p: PackInputs) -> bytes:
    site, m = p.site, p.module
    return make_pdf(site, guide_html(site, m), f"{m.title}: facilitator guide", module_footer(site, m),
                    m.meta.reviewed, p.digest + "guide", base=m.folder.resolve())


def _handouts_pdf(p: PackInputs) -> bytes:
    site, m = p.site, p.module
    handouts = m.parts.get("handouts.md", "")
    body = f'<div class="handouts">{md_html(site, handouts)}{sources_html(site, [handouts])}</div>'
    return make_pdf(site, body, f"{m.title}: handouts", module_footer(site, m), m.meta.reviewed, p.digest + "handouts",
                    base=m.folder.resolve())


# ---------------------------------------------------------------- forms (DOCX)
def questionnaire_form(site: Site, m: Module) -> Form:
    n = m.meta.follow_up_weeks
    f = Form("Confidence questionnaire", module_footer(site, m))
    f.para(f"**{m.title}**")
    f.para(f"Please complete this before the session, at the end of it and again {n} weeks later. The statements are "
           "the same each time, so the school can see what has changed.")
    f.para("Rate each statement from 1 (strongly disagree) to 5 (strongly agree).")
    f.fields(["Name or staff code (optional)", "Role"])
    f.table(["Statement", "Before", "After", f"Follow-up at {n} weeks"], [[q, "", "", ""] for q in m.meta.questionnaire],
            [6, 1.3, 1.3, 1.8], 1.2)
    f.box("Anything else you would like to tell us", height=3)
    return f


def evaluation_form(site: Site, m: Module) -> Form:
    f = Form("Session evaluation", module_footer(site, m))
    f.para(f"**{m.title}**")
    f.fields(["Date", "Role"])
    f.para("Rate each statement from 1 (strongly disagree) to 5 (strongly agree).")
    outcomes = [f"I can now {o[0].lower() + o[1:] if o[1:2].islower() else o}" for o in m.meta.outcomes]
    statements = ["The session was relevant to my role.", "The facilitator explained the ideas clearly.",
                  "I had enough chance to discuss and ask questions.", "I felt safe and respected during the session.",
                  *outcomes]
    f.table(["Statement", "Rating (1–5)"], [[s, ""] for s in statements], [8, 1.5], 1)
    for heading in ("One thing I will do differently", "What worked well", "What could be better",
                    "What further support or training would help me"):
        f.box(heading, height=2.5)
    return f


def register_form(site: Site, m: Module) -> Form:
    f = Form("Attendance register", module_footer(site, m), landscape=True)
    f.fields(["School", "Module", "Duration", "Date", "Facilitator"],
             {"Module": m.title, "Duration": hours(m.meta.duration_minutes)})
    f.para("Every member of staff who attends signs below. Keep this register with your award evidence.")
    f.table(["No.", "Name", "Role", "Signature", "Before questionnaire done", "After questionnaire done"],
            [[str(i), "", "", "", "", ""] for i in range(1, 31)], [1, 6, 4, 5, 2.5, 2.5], 0.9)
    return f


def certificate_form(site: Site, m: Module) -> Form:
    a = site.scheme.award
    f = Form("Certificate of attendance", module_footer(site, m), landscape=True)
    f.para(a.name, "center")
    f.para("This is to certify that", "center")
    f.para("Name: ______________________________________________", "big")
    f.para("attended the training session", "center")
    f.para(f"**{m.title}**", "big")
    f.para(f"{hours(m.meta.duration_minutes)} of {level_name(site, m.meta.level)} training, delivered by {a.owner}",
           "center")
    f.para("Date: ____________________        Facilitator: ______________________________", "center")
    return f


def _docx(form: Callable[[Site, Module], Form]) -> Builder:
    return lambda p: form_docx(p.site, form(p.site, p.module), p.module.meta.reviewed)


# ---------------------------------------------------------------- the registry: every document of every pack, in order
REGISTRY: list[PackDocument] = [
    PackDocument("slides.pptx", "Slides with speaker notes", "PPTX", lambda p: slides_pptx(p.site, p.module, p.slides)),
    PackDocument("facilitator-guide.pdf", "Facilitator guide", "PDF", _guide_pdf),
    PackDocument("handouts.pdf", "Handouts", "PDF", _handouts_pdf),
    PackDocument("questionnaire.docx", "Confidence questionnaire (before, after and follow-up)", "DOCX",
                 _docx(questionnaire_form)),
    PackDocument("evaluation.docx", "Session evaluation form", "DOCX", _docx(evaluation_form)),
    PackDocument("register.docx", "Attendance register", "DOCX", _docx(register_form)),
    PackDocument("certificate.docx", "Certificate of attendance", "DOCX", _docx(certificate_form)),
]

# (file suffix, download label, format) of a pack whose documents make one file each; the zip comes first
PACK_FILES = [ZIP_FILE] + [(d.suffix, d.label, d.format) for d in REGISTRY]


def pack_files(m: Module) -> list[tuple[str, str, str]]:
    """(file suffix, download label, format) of every file in ``m``'s pack: the module page's download list order."""
    return [ZIP_FILE] + [f[:3] for d in REGISTRY for f in d.files(m)]


def readme_text(site: Site, m: Module, names: list[str]) -> str:
    meta, a = m.meta, site.scheme.award
    labels = {f"{m.id}-{s}": label for s, label, _ in pack_files(m)}
    lines = [meta.title, f"{a.short_name} session pack from {a.owner}", "",
             f"Version {meta.version}, reviewed {long_date(meta.reviewed)}, next review due {long_date(meta.review_due)}.",
             f"Level: {level_name(site, meta.level)}. Audience: {meta.audience}.", "", "Contents", ""]
    lines += [f"  {n:<44} {labels.get(n, '')}" for n in names] + [f"  {'README.txt':<44} This file", ""]
    lines += [f"Session plan ({hours(meta.duration_minutes)})", ""]
    session = None
    for (when, title), act in zip(timings(m), meta.session_plan):
        if act.session and act.session != session:
            lines += [f"  {act.session}"] if session is None else ["", f"  {act.session}"]
            session = act.session
        lines.append(f"  {when:<10} {title} ({act.minutes} min)")
    lines += ["", "Licence", "", f"Published under the {meta.licence}. You may copy, adapt and share these materials; "
              f"please acknowledge {a.owner}.", ""]
    return "\r\n".join(lines)


def write_pack(site: Site, m: Module, slides: list[Slide], folder: Path, digest: str) -> None:
    """Build every registered document of ``m``'s pack, and the zip of them all, into ``folder``."""
    mid, inputs = m.id, PackInputs(site, m, slides, digest)
    files = {f"{mid}-{suffix}": build(inputs) for d in REGISTRY for suffix, _, _, build in d.files(m)}
    names = [f"{mid}-{s}" for s, _, _ in pack_files(m) if f"{mid}-{s}" in files]
    entries = sorted([(f"{mid}/{n}", files[n]) for n in names] + [(f"{mid}/README.txt", readme_text(site, m, names).encode())])
    files[f"{mid}-{ZIP_FILE[0]}"] = make_zip(entries, m.meta.reviewed)
    for name, data in files.items():
        (folder / name).write_bytes(data)
