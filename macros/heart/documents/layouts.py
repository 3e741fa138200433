"""The nine slide layouts of the branded master, drawn as layout XML (see pptx_master).

Geometry is in inches on a 13.333 x 7.5 in (16:9) slide. Every text-bearing shape has its own fill, or sits on the
layout background, so each text colour has one known background. Body text is 28 pt (from the master) unless a layout
says otherwise: 24 pt in narrow columns and the activity sidebar, 36 pt for a key message, 16 pt on the sources slide.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from .pptx_master import (ATTRIBUTION, BODY, GROUPING, LEFT_HEAD, MATERIALS, NS, RIGHT, RIGHT_HEAD, TIME, Colours,
                          emu, footer_shapes, layout_xml, list_style, placeholder, shape)

TITLE_BOX = (0.6, 0.35, 12.13, 1.1)
BODY_BOX = (0.6, 1.8, 12.13, 4.75)


def _title(c: Colours, box=TITLE_BOX, colour: str | None = None, size: float | None = None, anchor: str = "b") -> str:
    styles = list_style(size, colour, bold=True, before=0, levels=1) if colour else "<a:lstStyle/>"
    return placeholder(2, "Title", 'type="title"', box, styles, prompt="Slide title", anchor=anchor)


def _body(idx: int, box, styles: str = "<a:lstStyle/>", name: str = "Text", prompt: str = "Text", **kw) -> str:
    return placeholder(idx + 2, name, f'type="body" idx="{idx}"', box, styles, prompt=prompt, **kw)


def _rule(c: Colours, y: float = 1.52) -> str:
    return shape(30, "Accent rule", (0.6, y, 1.6, 0.08), c.accent)


def _footer_rule(c: Colours) -> str:
    return shape(31, "Footer rule", (0.6, 6.8, 12.13, 0.02), c.muted)


def _mark(c: Colours, short_name: str, logo_rid: str | None, logo_size: tuple[int, int] | None) -> list[str]:
    """The award's logo, or (no logo file) a designed wordmark: a heart in the accent colour beside the name."""
    if logo_rid and logo_size:
        w, h = logo_size
        height = 1.1
        width = min(4.0, height * w / h)
        return [f'<p:pic><p:nvPicPr><p:cNvPr id="40" name="Logo" descr="{escape(short_name)} logo"/><p:cNvPicPr>'
                f'<a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr userDrawn="1"/></p:nvPicPr><p:blipFill>'
                f'<a:blip r:embed="{logo_rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>'
                f'<a:xfrm><a:off x="{emu(0.6)}" y="{emu(0.45)}"/><a:ext cx="{emu(width)}" cy="{emu(height)}"/>'
                '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>']
    return [shape(40, "Wordmark heart", (0.6, 0.55, 0.62, 0.56), c.accent, geom="heart"),
            shape(41, "Wordmark", (1.32, 0.45, 6.0, 0.75), c.primary, text=short_name, anchor="ctr",
                  styles=list_style(28, c.on_primary, bold=True, before=0, levels=1))]


def title_layout(c: Colours, short_name: str, logo_rid, logo_size) -> list[str]:
    deco = [shape(32, "Circle", (9.35, 0.95, 5.6, 5.6), c.accent, geom="ellipse"),
            shape(33, "Inner circle", (10.55, 2.15, 3.2, 3.2), c.primary, geom="ellipse"),
            shape(34, "Heart", (11.5, 3.15, 1.3, 1.15), c.muted, geom="heart")]
    return deco + _mark(c, short_name, logo_rid, logo_size) + [
        _title(c, (0.6, 1.4, 8.6, 2.35), c.on_primary, 44),
        _body(BODY, (0.6, 3.95, 8.6, 2.8), list_style(24, c.on_primary, before=6), name="Subtitle",
              prompt="Who it is for, how long it takes")] + footer_shapes(c.on_primary, c.on_primary, c.primary)


def section_layout(c: Colours) -> list[str]:
    return [shape(32, "Band", (0, 0, 0.35, 7.5), c.primary),
            _title(c, (1.0, 1.9, 11.3, 2.3), c.primary, 44),
            shape(30, "Accent rule", (1.0, 4.35, 1.6, 0.08), c.accent),
            _body(BODY, (1.0, 4.6, 11.3, 1.9), list_style(28, c.text, before=6), prompt="What this part is about"),
            ] + footer_shapes(c.text, c.primary, c.on_primary)


def content_layout(c: Colours) -> list[str]:
    return [_title(c), _rule(c), _body(BODY, BODY_BOX), _footer_rule(c)] + footer_shapes(c.text, c.primary,
                                                                                         c.on_primary)


def agenda_layout(c: Colours) -> list[str]:
    return [_title(c), _rule(c), _body(BODY, BODY_BOX, list_style(26, c.text, before=8), prompt="Time  Activity"),
            _footer_rule(c)] + footer_shapes(c.text, c.primary, c.on_primary)


def two_column_layout(c: Colours) -> list[str]:
    head = list_style(28, c.primary, bold=True, before=0, levels=1)
    col = list_style(24, c.text, bullet=True, before=10)
    return [_title(c), _rule(c),
            _body(LEFT_HEAD, (0.6, 1.8, 5.9, 0.65), head, name="Left heading", prompt="Heading"),
            _body(BODY, (0.6, 2.5, 5.9, 4.1), col, name="Left column"),
            _body(RIGHT_HEAD, (6.83, 1.8, 5.9, 0.65), head, name="Right heading", prompt="Heading"),
            _body(RIGHT, (6.83, 2.5, 5.9, 4.1), col, name="Right column"),
            _footer_rule(c)] + footer_shapes(c.text, c.primary, c.on_primary)


def activity_layout(c: Colours) -> list[str]:
    """Instructions on the left; a sidebar with a timer, the grouping and the materials."""
    side = list_style(24, c.text, before=4)
    label = list_style(24, c.primary, bold=True, before=0, levels=1)
    return [_title(c, (0.6, 0.35, 8.2, 1.1)), _rule(c),
            _body(BODY, (0.6, 1.8, 8.2, 4.75), name="Instructions", prompt="What to do"),
            shape(32, "Sidebar", (9.25, 0, 4.083, 6.75), c.muted),
            shape(33, "Timer button", (11.0, 0.32, 0.58, 0.2), c.accent, geom="roundRect"),
            shape(34, "Timer", (10.29, 0.5, 2.0, 2.0), None, geom="ellipse", line=c.accent, line_w=0.09),
            _body(TIME, (10.49, 1.05, 1.6, 0.9), list_style(32, c.primary, bold=True, before=0, align="ctr",
                                                             levels=1),
                  name="Time", prompt="10 min", bg=c.muted, anchor="ctr"),
            shape(35, "Grouping label", (9.55, 2.75, 3.5, 0.5), c.muted, text="Grouping", styles=label, anchor="t"),
            _body(GROUPING, (9.55, 3.25, 3.5, 1.2), side, name="Grouping", prompt="Pairs", bg=c.muted),
            shape(36, "Materials label", (9.55, 4.5, 3.5, 0.5), c.muted, text="Materials", styles=label, anchor="t"),
            _body(MATERIALS, (9.55, 5.0, 3.5, 1.6), side, name="Materials", prompt="Handout 1", bg=c.muted),
            ] + footer_shapes(c.text, c.primary, c.on_primary)


def quote_layout(c: Colours) -> list[str]:
    return [shape(32, "Quote mark", (0.55, 0.3, 1.4, 1.6), c.primary, text="“",
                  styles=list_style(96, c.on_primary, bold=True, before=0, levels=1)),
            _title(c, (2.0, 0.55, 10.7, 0.9), c.on_primary, 28, anchor="ctr"),
            _body(BODY, (2.0, 1.7, 10.7, 3.6), list_style(36, c.on_primary, bold=True, before=12), name="Message",
                  prompt="The key message", anchor="ctr"),
            shape(30, "Accent rule", (2.0, 5.45, 1.6, 0.08), c.accent),
            _body(ATTRIBUTION, (2.0, 5.6, 10.7, 0.9), list_style(24, c.on_primary, before=0), name="Attribution",
                  prompt="Who said it"),
            ] + footer_shapes(c.on_primary, c.on_primary, c.primary)


def case_layout(c: Colours) -> list[str]:
    tag = list_style(24, c.primary, bold=True, before=0, align="ctr", levels=1)
    return [shape(32, "Case panel", (0, 0, 3.5, 6.75), c.primary),
            shape(33, "Case label", (0.4, 0.6, 2.8, 1.2), c.primary, text="Case example", anchor="t",
                  styles=list_style(28, c.on_primary, bold=True, before=0, levels=1)),
            shape(34, "Fictional tag", (0.4, 2.0, 2.2, 0.6), c.on_primary, geom="roundRect", text="Fictional",
                  styles=tag),
            shape(35, "Case heart", (0.4, 4.9, 1.3, 1.15), c.accent, geom="heart"),
            _title(c, (4.0, 0.35, 8.73, 1.1)), shape(30, "Accent rule", (4.0, 1.52, 1.6, 0.08), c.accent),
            _body(BODY, (4.0, 1.8, 8.73, 4.75), prompt="What happened, and the questions to discuss"),
            ] + footer_shapes(c.text, c.primary, c.on_primary)


def sources_layout(c: Colours) -> list[str]:
    return [_title(c), _rule(c),
            _body(BODY, (0.6, 1.75, 12.13, 4.95), list_style(16, c.text, before=5), name="References",
                  prompt="References"),
            _footer_rule(c)] + footer_shapes(c.text, c.primary, c.on_primary)


def build_layouts(c: Colours, short_name: str, logo: Path | None, title_part) -> list[tuple[str, str]]:
    """(key, layout XML) for every layout, in pptx_master.LAYOUTS order."""
    from .pptx_master import LAYOUTS
    rid = size = None
    if logo is not None:
        image_part, rid = title_part.get_or_add_image_part(str(logo))
        size = image_part._px_size
    builders = {"title": lambda: title_layout(c, short_name, rid, size), "agenda": lambda: agenda_layout(c),
                "section": lambda: section_layout(c), "content": lambda: content_layout(c),
                "two-column": lambda: two_column_layout(c), "activity": lambda: activity_layout(c),
                "quote": lambda: quote_layout(c), "case": lambda: case_layout(c),
                "sources": lambda: sources_layout(c)}
    backgrounds = {"title": c.primary, "section": c.muted, "quote": c.primary}
    return [(key, layout_xml(name, key, builders[key](), backgrounds.get(key))) for key, name in LAYOUTS.items()]


__all__ = ["build_layouts", "NS"]
