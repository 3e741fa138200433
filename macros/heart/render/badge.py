"""A school's badge (register/<urn>/badge.svg) and the HTML snippet a school pastes into its website.

The badge is rebuilt with the site, so a hot-linked badge always tells the truth: it says "lapsed" once the award ends.
"""
from __future__ import annotations

from ..load import Site
from ..register import LAPSED, PARTICIPATING, RENEWAL_DUE, SchoolStatus
from markupsafe import escape as xml_escape     # SVG and pasted HTML are not Markdown: plain XML/HTML escaping

from .common import long_date

HEIGHT = 52
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
COLOURS = {LAPSED: "#4a4a4a", PARTICIPATING: "#0b4f8a"}   # white text on each: > 7:1
HOLDER_COLOUR = "#7a1335"                                  # white text: 9.6:1


def lines(site: Site, st: SchoolStatus) -> tuple[str, str]:
    """The two visible lines of the badge."""
    award = site.scheme.award.short_name
    if st.holds_award:
        return f"{award}: {st.level_name}", f"Valid until {long_date(st.expires)}"
    if st.status == LAPSED:
        return f"{award}: lapsed", f"{st.last_level_name} ended {long_date(st.expires)}"
    return f"{award}: participating", "No level awarded yet"


def alt_text(site: Site, st: SchoolStatus) -> str:
    s, award = st.school, site.scheme.award.short_name
    if st.holds_award:
        what = f"holds the {award} at {st.level_name}, valid until {long_date(st.expires)}"
        what += " (renewal due)" if st.status == RENEWAL_DUE else ""
    elif st.status == LAPSED:
        what = f"does not hold the {award}: its {st.last_level_name} award lapsed on {long_date(st.expires)}"
    else:
        what = f"is participating in the {award} and does not hold a level yet"
    return f"{s.name} (URN {s.urn}) {what}"


def width(site: Site, st: SchoolStatus) -> int:
    top, bottom = lines(site, st)
    return int(max(len(top) * 8.4, len(bottom) * 7.0)) + 24


def badge_svg(site: Site, st: SchoolStatus) -> str:
    top, bottom = lines(site, st)
    w = width(site, st)
    fill = COLOURS.get(st.status, HOLDER_COLOUR)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{HEIGHT}" viewBox="0 0 {w} {HEIGHT}" '
            f'role="img" aria-labelledby="badge-title">\n'
            f'<title id="badge-title">{xml_escape(alt_text(site, st))}</title>\n'
            f'<rect width="{w}" height="{HEIGHT}" rx="6" fill="{fill}"/>\n'
            f'<g fill="#ffffff" font-family="{FONT}">\n'
            f'<text x="12" y="22" font-size="14" font-weight="700">{xml_escape(top)}</text>\n'
            f'<text x="12" y="41" font-size="12">{xml_escape(bottom)}</text>\n'
            "</g>\n</svg>\n")


def snippet(site: Site, st: SchoolStatus, entry_url: str) -> str:
    """HTML a school pastes into its website: the badge, linking back to its entry (absolute URLs). Plain ``str``
    (not Markup), so a page showing it as code escapes it once more."""
    return str(f'<a href="{xml_escape(entry_url)}"><img src="{xml_escape(entry_url)}badge.svg" '
               f'alt="{xml_escape(alt_text(site, st))}" width="{width(site, st)}" height="{HEIGHT}"></a>')
