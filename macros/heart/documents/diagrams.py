"""Native diagrams (PowerPoint shapes, not pictures) for the models the modules teach.

A slide asks for one with ``Diagram: <name>``; its bullets are the diagram's labels, in reading order, each written
``Label: what it means``. The shapes are one group whose alt text (``descr``) reads the whole model as a sentence
list; inside it, the shapes are in the bullets' order, so a screen reader meets them as written. Every text shape
has its own fill and its text styles in its own list style (no sizes on runs).
"""
from __future__ import annotations

import math
from html import escape

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

from .pptx_master import XMLNS, Colours, body_pr, emu, level, rpr

Item = tuple[str, str]          # (label, what it means); label may be ""
TOP, BOTTOM, LEFT, RIGHT_EDGE = 1.8, 6.55, 0.6, 12.73


def split_item(text: str) -> Item:
    label, sep, rest = text.partition(": ")
    return (label.strip(), rest.strip()) if sep and len(label) <= 40 else ("", text.strip())


def _styles(colour: str, label_pt: float = 28, text_pt: float = 24, align: str = "ctr") -> str:
    return ("<a:lstStyle>" + level(1, label_pt, colour, bold=True, before=0, align=align, nest=False)
            + level(2, text_pt, colour, before=4, align=align, nest=False) + "</a:lstStyle>")


def _runs(text: str, bold: bool = False) -> str:
    b = ' b="1"' if bold else ""
    return f'<a:r><a:rPr lang="en-GB"{b}/><a:t>{escape(text, quote=False)}</a:t></a:r>'


def _text(sp, paras: list[tuple[int, str]], styles: str, anchor: str = "ctr", inset: float = 0.1) -> None:
    """Replace the shape's text body: paragraphs at list level 0 (label) or 1 (description)."""
    xml = "".join(f'<a:p><a:pPr lvl="{lvl}"/>{_runs(t)}</a:p>' for lvl, t in paras if t)
    body = parse_xml(f"<p:txBody {XMLNS}>{body_pr(anchor, inset)}{styles}{xml}</p:txBody>")
    old = sp._element.find(qn("p:txBody"))
    sp._element.replace(old, body) if old is not None else sp._element.append(body)


def _box(group, geom, box: tuple, colour: str | None, name: str, line: str | None = None, line_w: float = 0):
    sp = group.shapes.add_shape(geom, *(emu(v) for v in box))
    style = sp._element.find(qn("p:style"))
    if style is not None:
        sp._element.remove(style)
    if colour:
        sp.fill.solid()
        sp.fill.fore_color.rgb = RGBColor.from_string(colour)
    else:
        sp.fill.background()
    if line:
        sp.line.color.rgb = RGBColor.from_string(line)
        sp.line.width = emu(line_w)
    else:
        sp.line.fill.background()
    sp.name = name
    return sp


def _labelled(group, geom, box, fill_c: str, text_c: str, item: Item, name: str, *, anchor="ctr", align="ctr",
              inset=0.12, label_pt: float = 28):
    sp = _box(group, geom, box, fill_c, name)
    _text(sp, [(0, item[0]), (1, item[1])], _styles(text_c, label_pt, align=align), anchor, inset)
    return sp


# ---------------------------------------------------------------- the diagrams
def regulate_relate_reason(group, items: list[Item], c: Colours) -> None:
    fills = [(c.accent, c.on_primary), (c.primary, c.on_primary), (c.muted, c.text)]
    for i, (item, (f, t)) in enumerate(zip(items, fills)):
        geom = MSO_SHAPE.PENTAGON if i == 0 else MSO_SHAPE.CHEVRON
        label = (f"{i + 1}. {item[0]}" if item[0] else str(i + 1), item[1])
        sp = _labelled(group, geom, (LEFT + i * 4.0, 2.1, 4.3, 3.5), f, t, label, f"Step {i + 1}", inset=0.12)
        sp.adjustments[0] = 0.22              # a shallow point, so the text has room


def window_of_tolerance(group, items: list[Item], c: Colours) -> None:
    bands = [(1.8, 1.4, c.accent, c.on_primary), (3.3, 1.85, c.muted, c.text), (5.25, 1.3, c.primary, c.on_primary)]
    _box(group, MSO_SHAPE.UP_DOWN_ARROW, (LEFT, 1.9, 0.55, 4.55), c.primary, "Arousal arrow")
    for item, (y, h, f, t) in zip(items, bands):
        _labelled(group, MSO_SHAPE.ROUNDED_RECTANGLE, (1.35, y, 11.38, h), f, t, item, item[0] or "Band",
                  anchor="ctr", align="l", inset=0.3)


def secure_base(group, items: list[Item], c: Colours) -> None:
    adult, out, back, world = items
    _labelled(group, MSO_SHAPE.OVAL, (LEFT, 2.2, 3.6, 3.4), c.primary, c.on_primary, adult, "Trusted adult")
    _labelled(group, MSO_SHAPE.ROUNDED_RECTANGLE, (4.55, 1.75, 4.65, 1.1), c.background, c.primary, out,
              "Going out", label_pt=24)
    _box(group, MSO_SHAPE.RIGHT_ARROW, (4.55, 2.9, 4.65, 0.8), c.accent, "Arrow out")
    _labelled(group, MSO_SHAPE.ROUNDED_RECTANGLE, (9.45, 2.2, 3.28, 3.4), c.muted, c.text, world, "Exploring")
    _box(group, MSO_SHAPE.LEFT_ARROW, (4.55, 4.1, 4.65, 0.8), c.primary, "Arrow back")
    _labelled(group, MSO_SHAPE.ROUNDED_RECTANGLE, (4.55, 4.95, 4.65, 1.1), c.background, c.primary, back,
              "Coming back", label_pt=24)


def four_responses(group, items: list[Item], c: Colours) -> None:
    for i, item in enumerate(items):
        f, t = (c.primary, c.on_primary) if i == 3 else (c.muted, c.text)
        x, y = LEFT + (i % 2) * 6.18, TOP + (i // 2) * 2.15
        _labelled(group, MSO_SHAPE.ROUNDED_RECTANGLE, (x, y, 5.95, 2.05), f, t, item, item[0] or f"Style {i + 1}")


def restorative_questions(group, items: list[Item], c: Colours) -> None:
    row = min(0.95, 4.25 / len(items))
    for i, item in enumerate(items):
        y = TOP + i * row
        num = _box(group, MSO_SHAPE.OVAL, (LEFT, y, row - 0.1, row - 0.1), c.primary, f"Number {i + 1}")
        _text(num, [(0, str(i + 1))], _styles(c.on_primary, 24), inset=0.02)
        text = f"{item[0]}: {item[1]}" if item[0] else item[1]
        q = _box(group, MSO_SHAPE.ROUNDED_RECTANGLE, (LEFT + row + 0.1, y, 11.1 - row, row - 0.1), c.muted,
                 f"Question {i + 1}")
        _text(q, [(1, text)], _styles(c.text, 24, 24, align="l"), inset=0.15)


def team_around_the_child(group, items: list[Item], c: Colours) -> None:
    centre, members = items[0], items[1:]
    cx, cy, rx, ry, w, h = 6.67, 4.15, 4.4, 1.85, 3.6, 1.1
    spots = [(cx + rx * math.cos(a), cy + ry * math.sin(a))
             for a in (-math.pi / 2 + 2 * math.pi * k / len(members) for k in range(len(members)))]
    for x, y in spots:                                      # lines first, so they sit under the boxes
        line = group.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, emu(cx), emu(cy), emu(x), emu(y))
        line.line.color.rgb = RGBColor.from_string(c.accent)
        line.line.width = emu(0.03)
        line.name = "Link"
    _labelled(group, MSO_SHAPE.OVAL, (cx - 1.7, cy - 0.85, 3.4, 1.7), c.primary, c.on_primary, centre,
              centre[0] or "Child")
    for item, (x, y) in zip(members, spots):
        left = min(max(x - w / 2, 0.45), 13.333 - 0.45 - w)
        text = (item[0] or item[1], item[1] if item[0] else "")
        _labelled(group, MSO_SHAPE.ROUNDED_RECTANGLE, (left, y - h / 2, w, h), c.muted, c.text, text,
                  text[0], label_pt=24, inset=0.08)


DRAW = {"regulate-relate-reason": regulate_relate_reason, "window-of-tolerance": window_of_tolerance,
        "secure-base": secure_base, "four-responses": four_responses, "restorative-questions": restorative_questions,
        "team-around-the-child": team_around_the_child}


def add_diagram(slide, name: str, title: str, texts: list[str], c: Colours, caption: str = "") -> None:
    """Draw diagram ``name`` on ``slide`` from its bullet texts (already plain text), with alt text."""
    items = [split_item(t) for t in texts]
    group = slide.shapes.add_group_shape()
    DRAW[name](group, items, c)
    summary = "; ".join(f"{a}: {b}" if a and b else a or b for a, b in items)
    cnv = group._element.find(qn("p:nvGrpSpPr")).find(qn("p:cNvPr"))
    cnv.set("name", f"Diagram: {title}")
    cnv.set("descr", f"Diagram, {title}. {summary}." + (f" {caption}" if caption else ""))
    if caption:
        box = slide.shapes.add_textbox(emu(LEFT), emu(6.1), emu(RIGHT_EDGE - LEFT), emu(0.5))
        _text(box, [(1, caption)], _styles(c.text, 24, 24, align="r"), inset=0.05)
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor.from_string(c.background)
        box.name = "Diagram credit"


__all__ = ["add_diagram", "DRAW", "split_item", "rpr"]
