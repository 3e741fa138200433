"""The attendance certificate: A4 landscape, in the award's brand, as a blank PDF and DOCX in every pack and as named
certificates (one page per attendee) made from a completed register by ``scripts/certificates.py``."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..load import Module, Site
from ..render.training import hours
from .pdf import font_faces, make_pdf
from .text import esc, level_name

BLANK = "\u00a0"     # keeps an empty line its height


@dataclass(frozen=True)
class Attendee:
    name: str
    date: str = ""           # as written on the register, e.g. "14 March 2027" or "14/03/2027"
    facilitator: str = ""


def certificate_css(site: Site) -> str:
    b = site.scheme.award.brand
    return font_faces() + f"""
@page {{ size: A4 landscape; margin: 0; }}
body {{ font-family: DocSans; color: {b.text}; margin: 0; }}
.cert {{ box-sizing: border-box; width: 297mm; height: 210mm; padding: 10mm; break-after: page; }}
.cert:last-child {{ break-after: auto; }}
.frame {{ box-sizing: border-box; height: 190mm; border: 4mm solid {b.primary}; padding: 2.5mm; }}
.inner {{ box-sizing: border-box; height: 177mm; border: .6mm solid {b.accent}; padding: 13mm 24mm 0;
          position: relative; text-align: center; }}
p {{ margin: 0; }}
.award {{ font-size: 14pt; font-weight: bold; letter-spacing: .1em; text-transform: uppercase; color: {b.primary};
          line-height: 1.3; }}
.owner {{ font-size: 11pt; margin-top: 2mm; }}
h1 {{ font-size: 34pt; color: {b.primary}; margin: 11mm 0 0; line-height: 1.1; }}
.certify {{ font-size: 14pt; margin-top: 8mm; }}
.name {{ font-size: 32pt; font-weight: bold; height: 17mm; line-height: 17mm; width: 72%; margin: 4mm auto 0;
         border-bottom: .5mm solid {b.text}; white-space: nowrap; }}
.attended {{ font-size: 14pt; margin-top: 7mm; }}
.module {{ font-size: 24pt; font-weight: bold; color: {b.primary}; margin-top: 2mm; line-height: 1.2; }}
.detail {{ font-size: 13pt; margin-top: 3mm; }}
table.signs {{ position: absolute; left: 14mm; bottom: 17mm; width: 221mm; border-collapse: separate;
               border-spacing: 10mm 0; table-layout: fixed; }}
.signs col {{ width: 67mm; }}
.signs td {{ text-align: left; vertical-align: bottom; font-size: 10.5pt; padding: 0; }}
.signs .line {{ border-bottom: .4mm solid {b.text}; height: 10mm; font-size: 13pt; padding: 0 1mm 1mm;
                vertical-align: bottom; }}
.signs .label {{ padding-top: 1.5mm; }}
.foot {{ position: absolute; left: 0; right: 0; bottom: 6mm; font-size: 8pt; }}
"""


def _name_size(name: str) -> float:
    """32 pt, smaller for long names so every name fits on the line (about 22 characters at 32 pt)."""
    return round(max(16.0, min(32.0, 32 * 22 / max(len(name), 1))), 1)


def _page(site: Site, m: Module, who: Attendee | None) -> str:
    a, meta = site.scheme.award, m.meta
    name = esc(who.name) if who else BLANK
    date = esc(who.date) if who and who.date else BLANK
    facilitator = esc(who.facilitator) if who and who.facilitator else BLANK
    return f"""<section class="cert"><div class="frame"><div class="inner">
<p class="award">{esc(a.name)}</p>
<p class="owner">{esc(a.owner)}</p>
<h1>Certificate of attendance</h1>
<p class="certify">This is to certify that</p>
<p class="name" style="font-size:{_name_size(who.name if who else '')}pt">{name}</p>
<p class="attended">attended the training session</p>
<p class="module">{esc(meta.title)}</p>
<p class="detail">Level: {esc(level_name(site, meta.level))} · Duration: {esc(hours(meta.duration_minutes))}</p>
<table class="signs" role="presentation"><colgroup><col><col><col></colgroup>
  <tr><td class="line">{date}</td><td class="line">{facilitator}</td><td class="line">{esc(a.owner)}</td></tr>
  <tr><td class="label">Date of the session</td><td class="label">Facilitator (name and signature)</td>
      <td class="label">Delivered for</td></tr>
</table>
<p class="foot">{esc(a.short_name)} · {esc(meta.title)} · version {esc(meta.version)}</p>
</div></div></section>"""


def certificates_pdf(site: Site, m: Module, attendees: list[Attendee] | None, when: dt.date, ident: str) -> bytes:
    """One page per attendee; ``None`` gives a single blank certificate to fill in by hand."""
    pages = [_page(site, m, who) for who in attendees] if attendees else [_page(site, m, None)]
    title = f"{m.title}: certificate of attendance"
    return make_pdf(site, "\n".join(pages), title, "", when, ident, css=certificate_css(site))
