"""Award templates: the school's editable forms (DOCX) and printable copies (PDF), all built from the scheme data."""
from __future__ import annotations

from pathlib import Path

from ..load import Site
from ..render.templates import TEMPLATES
from .forms import Form, form_docx, form_html
from .pdf import make_pdf

TEMPLATES_DIR = "award/templates"
TEMPLATE_FILES = [("docx", "Editable Word document", "DOCX"), ("pdf", "Printable PDF", "PDF")]


def _criteria_by_level(site: Site):
    for lv in site.scheme.levels:
        yield lv, [c for c in site.scheme.criteria if c.level == lv.id]


def _criterion_cell(c) -> list[str]:
    return [f"**{c.id} {c.title}**", c.statement]


def commitment_statement(site: Site, f: Form) -> None:
    a, scheme = site.scheme.award, site.scheme
    first, first_criteria = next(_criteria_by_level(site))
    f.para(f"**{a.name} ({a.short_name})**")
    f.fields(["School", "URN", "Date"])
    f.heading("Our commitment")
    f.para(f"We commit to working towards the {a.short_name} with {a.owner}. We will follow the pathway "
           f"({', '.join(p.title for p in scheme.pathway)}) and work towards the {first.name} level first: "
           f"{first.focus.lower()}.")
    f.box("Why we are taking part", "What we want to change for our pupils and staff, and why now.")
    f.heading(f"What we will do in the first year ({first.name} criteria)", 3)
    f.table(["Criterion", "What we will do", "Who", "By when"],
            [[f"**{c.id}** {c.title}", "", "", ""] for c in first_criteria], [4, 6, 2.5, 2], 1.2)
    f.heading("Signed", 3)
    f.table(["Role", "Name", "Signature", "Date"], [["Headteacher", "", "", ""], ["Chair of governors", "", "", ""]],
            [3, 4, 4, 2], 1.3)
    f.para("Share the signed statement with all staff and keep a copy with your evidence.")


def school_development_plan(site: Site, f: Form) -> None:
    a = site.scheme.award
    f.para(f"{a.short_name}: a short plan built from your audit, with a few priorities, named owners, dates and how "
           "you will judge success.")
    f.fields(["School", "Plan date", "Audit this plan is built from (tool and date)", "Lead for the award",
              "Date of next review"])
    f.heading("Priorities")
    f.table(["Priority", "Criterion", "Actions", "Owner", "Date", "Success measure"], f.blank_rows(8, 6),
            [4, 2, 6, 2.5, 2, 5], 2)
    f.heading("Criteria you can link priorities to")
    f.table(["Level", "Criterion"], [[lv.name, f"**{c.id}** {c.title}"] for lv, cs in _criteria_by_level(site)
                                     for c in cs], [1, 5])


def evidence_checklist(site: Site, f: Form) -> None:
    a = site.scheme.award
    f.para(f"Every criterion of every level of the {a.short_name} (criteria version {a.criteria_version}), with "
           "examples of evidence. Note where your evidence is kept and tick each criterion when it is ready.")
    f.fields(["School", "Level being assessed", "Date"])
    for lv, cs in _criteria_by_level(site):
        f.heading(f"{lv.name}: {lv.focus}")
        f.para(lv.summary)
        f.table(["Criterion", "Examples of evidence", "Where our evidence is", "Ready"],
                [[_criterion_cell(c), [f"- {e}" for e in c.evidence], "", ""] for c in cs], [7, 7, 5, 1.8],
                ticks={3})


def action_research_plan(site: Site, f: Form) -> None:
    a = site.scheme.award
    f.para(f"{a.short_name}: plan a small project that asks one question about your practice, measures before and "
           "after, and shares what you learned.")
    f.fields(["School", "Project lead", "Others involved", "Award criteria this supports", "Start date", "End date"])
    for heading, prompt in [
            ("Our question", "One question you can answer in a term or two, e.g. 'Does a daily check-in with a key "
                             "adult reduce time out of class for pupils in Year 8?'"),
            ("Why it matters to us", "What your audit, development plan or data tells you."),
            ("What we will do", "The change in practice, who it is for, how often and for how long."),
            ("Data before we start", "What you will measure, how, and the baseline figures or views."),
            ("Data after", "The same measures, collected the same way, at the end."),
            ("What we learned", "What changed, for whom, what did not, and what else might explain it."),
            ("What next and how we will share it", "Changes to practice, and how you will tell staff, governors and "
                                                   "other schools.")]:
        f.box(heading, prompt, 3.5)
    f.heading("Timeline", 3)
    f.table(["Step", "What", "Who", "When"], f.blank_rows(5, 4), [2, 7, 3, 2], 1)


def governor_champion_report(site: Site, f: Form) -> None:
    a = site.scheme.award
    f.para(f"A short termly report from the governor champion to the governing board on the school's {a.short_name} "
           "work.")
    f.fields(["School", "Governor champion", "Term", "Board meeting date", "Current level",
              "Level working towards"])
    f.heading("Progress against the criteria")
    f.table(["Criterion", "Progress this term", "Evidence seen", "Next steps"], f.blank_rows(6, 4), [3, 5, 4, 4], 1.5)
    for heading in ("Training, staff and wellbeing", "What pupils, parents and carers say",
                    "Matters for the board to note or decide"):
        f.box(heading, height=3)
    f.fields(["Signed (governor champion)", "Date"])


def renewal_review(site: Site, f: Form) -> None:
    a = site.scheme.award
    f.para(f"A {a.short_name} award lasts {a.validity_years} years. Start this review at least {a.renewal_due_months} "
           "months before your award ends: compare practice now with your last assessment, for every criterion of "
           "the levels you hold, and decide whether to renew or move up a level.")
    f.fields(["School", "Level held", "Date awarded", "Award ends", "Date of this review"])
    for lv, cs in _criteria_by_level(site):
        f.heading(f"{lv.name}: {lv.focus}")
        f.table(["Criterion", "At our last assessment", "Now", "Evidence", "Still met?"],
                [[_criterion_cell(c), "", "", "", ""] for c in cs], [6, 4, 4, 4, 2], ticks={4})
    f.box("Our decision", "Renew at the same level, or work towards the next level, and why.", 3)
    f.fields(["Signed (headteacher)", "Date"])


TEMPLATE_BUILDERS = {
    "commitment-statement": (commitment_statement, False),
    "school-development-plan": (school_development_plan, True),
    "evidence-checklist": (evidence_checklist, True),
    "action-research-plan": (action_research_plan, False),
    "governor-champion-report": (governor_champion_report, False),
    "renewal-review": (renewal_review, True),
}


def template_form(site: Site, tid: str, title: str) -> Form:
    a = site.scheme.award
    builder, landscape = TEMPLATE_BUILDERS[tid]
    form = Form(title, f"{a.short_name} · {title} · criteria version {a.criteria_version}", landscape)
    builder(site, form)
    return form


def write_templates(site: Site, folder: Path, digest: str) -> None:
    from .pack import file_prefix
    when, prefix = site.scheme.award.criteria_published, file_prefix(site)
    for tid, title, _desc in TEMPLATES:
        form = template_form(site, tid, title)
        (folder / f"{prefix}-{tid}.docx").write_bytes(form_docx(site, form, when))
        (folder / f"{prefix}-{tid}.pdf").write_bytes(make_pdf(site, form_html(form), title, form.footer, when,
                                                              digest + tid, landscape=form.landscape))
