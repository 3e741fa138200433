"""The slide master: a 16:9 PPTX template with named layouts, built in memory from the scheme's brand.

python-pptx cannot create layouts, so ``branded_presentation`` opens python-pptx's default template and rewrites its
XML with lxml: the theme (brand colours, Arial), the master (background, text styles with body text at 28 pt, footer
and slide-number placeholders), and nine of its layout parts, renamed and redrawn as the layouts in ``LAYOUTS``; the
other layouts are dropped. Every colour is written as an explicit sRGB value so the contrast of each text/background
pair can be checked by reading the XML back. Text sizes live in the master and layouts, never on runs.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
XMLNS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
EMU = 914400                      # per inch
WIDTH, HEIGHT = 12192000, 6858000  # 16:9, 13.333 x 7.5 in
FONT = "Arial"                    # on every Office install; LibreOffice uses the metric-compatible Liberation Sans
LANG = "en-GB"
BODY_PT, TITLE_PT, FOOTER_PT = 28, 36, 12
RASTER = (".png", ".jpg", ".jpeg", ".gif")

# layout key -> name shown in PowerPoint's Layout menu
LAYOUTS = {"title": "Title", "agenda": "Agenda", "section": "Section", "content": "Content",
           "two-column": "Two columns", "activity": "Activity", "quote": "Key message", "case": "Case example",
           "sources": "Sources"}
# placeholder idx used by the layouts (type body unless said otherwise)
BODY, RIGHT, TIME, GROUPING, MATERIALS, LEFT_HEAD, RIGHT_HEAD, ATTRIBUTION, FOOTER, SLIDE_NUMBER = \
    1, 2, 13, 14, 15, 16, 17, 18, 11, 12


@dataclass(frozen=True)
class Colours:
    primary: str
    on_primary: str
    accent: str
    text: str
    background: str
    muted: str

    @classmethod
    def of(cls, brand) -> "Colours":
        c = [v.lstrip("#").upper() for v in (brand.primary, brand.on_primary, brand.accent, brand.text,
                                             brand.background, brand.muted_background)]
        return cls(*c)


def emu(inches: float) -> int:
    return round(inches * EMU)


# ---------------------------------------------------------------- XML pieces
def fill(colour: str | None) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>' if colour else "<a:noFill/>"


def rpr(size: float | None = None, colour: str | None = None, bold: bool | None = None, tag: str = "a:defRPr") -> str:
    attrs = f' lang="{LANG}"' + (f' sz="{round(size * 100)}"' if size else "") + \
        ("" if bold is None else f' b="{int(bold)}"')
    inner = fill(colour) if colour else ""
    inner += f'<a:latin typeface="{FONT}"/><a:cs typeface="{FONT}"/>'
    return f"<{tag}{attrs}>{inner}</{tag}>"


def level(n: int, size: float, colour: str, bold: bool = False, bullet: bool = False, before: float = 10,
          align: str = "l", nest: bool = True) -> str:
    """One ``a:lvlNpPr``: size, colour and bullet of list level ``n`` (1-based); ``nest`` indents deeper levels."""
    step = 0.4 * (n - 1) if nest else 0
    indent = (f' marL="{emu(0.35 + step)}" indent="{-emu(0.35)}"' if bullet else f' marL="{emu(step)}" indent="0"')
    bu = (f'<a:buClr><a:srgbClr val="{colour}"/></a:buClr><a:buFont typeface="{FONT}"/><a:buChar char="•"/>'
          if bullet else "<a:buNone/>")
    return (f'<a:lvl{n}pPr algn="{align}"{indent}><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{round(before * 100)}"/></a:spcBef>{bu}{rpr(size, colour, bold)}</a:lvl{n}pPr>')


def list_style(size: float, colour: str, bold: bool = False, bullet: bool = False, sub: float | None = None,
               before: float = 10, align: str = "l", levels: int = 5) -> str:
    """An ``a:lstStyle``: level 1 at ``size``, deeper levels at ``sub`` (default: the same)."""
    return "<a:lstStyle>" + "".join(level(n, size if n == 1 else (sub or size), colour, bold, bullet, before, align)
                                    for n in range(1, levels + 1)) + "</a:lstStyle>"


def body_pr(anchor: str = "t", inset: float = 0.1) -> str:
    i = emu(inset)
    return (f'<a:bodyPr wrap="square" lIns="{i}" tIns="{i}" rIns="{i}" bIns="{i}" anchor="{anchor}" rtlCol="0">'
            "<a:noAutofit/></a:bodyPr>")


def para(text: str, lvl: int = 0) -> str:
    ppr = f'<a:pPr lvl="{lvl}"/>' if lvl else ""
    return (f"<a:p>{ppr}<a:r>{rpr(tag='a:rPr')}<a:t>{escape(text, quote=False)}</a:t></a:r>"
            f'<a:endParaRPr lang="{LANG}"/></a:p>')


def xfrm(x: float, y: float, w: float, h: float) -> str:
    return f'<a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'


def placeholder(sid: int, name: str, ph: str, box: tuple, styles: str, *, prompt: str = "", bg: str | None = None,
                anchor: str = "t", geom: str = "rect") -> str:
    """A placeholder ``p:sp``; ``ph`` is the inside of ``p:ph`` (type and idx attributes)."""
    prompt_xml = para(prompt) if prompt else f'<a:p><a:endParaRPr lang="{LANG}"/></a:p>'
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{escape(name)}"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
            f"</p:cNvSpPr><p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr><p:spPr>{xfrm(*box)}"
            f'<a:prstGeom prst="{geom}"><a:avLst/></a:prstGeom>{fill(bg) if bg else ""}</p:spPr>'
            f"<p:txBody>{body_pr(anchor)}{styles}{prompt_xml}</p:txBody></p:sp>")


def shape(sid: int, name: str, box: tuple, colour: str | None, *, geom: str = "rect", line: str | None = None,
          line_w: float = 0, text: str = "", styles: str = "", anchor: str = "ctr") -> str:
    """A drawn shape (decoration, or a fixed label such as 'Grouping') with its own fill."""
    ln = f'<a:ln w="{emu(line_w)}">{fill(line)}</a:ln>' if line else "<a:ln><a:noFill/></a:ln>"
    body = (f"<p:txBody>{body_pr(anchor)}{styles or '<a:lstStyle/>'}"
            f"{para(text) if text else f'<a:p><a:endParaRPr lang={chr(34)}{LANG}{chr(34)}/></a:p>'}</p:txBody>")
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{escape(name)}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/>'
            f'</p:nvSpPr><p:spPr>{xfrm(*box)}<a:prstGeom prst="{geom}"><a:avLst/></a:prstGeom>{fill(colour)}{ln}'
            f"</p:spPr>{body}</p:sp>")


def sp_tree(shapes: list[str]) -> str:
    return ('<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
            '<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>' + "".join(shapes) + "</p:spTree>")


def background(colour: str) -> str:
    return f"<p:bg><p:bgPr>{fill(colour)}<a:effectLst/></p:bgPr></p:bg>"


# ---------------------------------------------------------------- theme and master
def theme_xml(blob: bytes, c: Colours) -> bytes:
    root = etree.fromstring(blob)
    scheme = root.find(".//a:clrScheme", NS)
    scheme.set("name", "Brand")
    values = {"dk1": c.text, "lt1": c.background, "dk2": c.primary, "lt2": c.muted, "accent1": c.primary,
              "accent2": c.accent, "accent3": c.text, "accent4": c.muted, "accent5": c.primary, "accent6": c.accent,
              "hlink": c.primary, "folHlink": c.accent}
    for name, val in values.items():
        el = scheme.find(f"a:{name}", NS)
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{{{NS['a']}}}srgbClr", val=val)
    for font in root.iterfind(".//a:fontScheme/*/a:latin", NS):
        font.set("typeface", FONT)
    root.find(".//a:fontScheme", NS).set("name", "Brand")
    root.set("name", "Brand")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def footer_shapes(on: str, pill: str, pill_text: str, sid: int = 90) -> list[str]:
    """The footer text (module, version, date) and the slide number, bottom of every layout."""
    return [placeholder(sid, "Footer", f'type="ftr" sz="quarter" idx="{FOOTER}"', (0.6, 6.92, 10.9, 0.42),
                        list_style(FOOTER_PT, on, before=0, levels=1), anchor="ctr"),
            placeholder(sid + 1, "Slide number", f'type="sldNum" sz="quarter" idx="{SLIDE_NUMBER}"',
                        (11.98, 6.9, 0.75, 0.46), list_style(14, pill_text, bold=True, before=0, align="ctr", levels=1),
                        bg=pill, anchor="ctr", geom="roundRect")]


def master_xml(c: Colours, layout_ids: str) -> str:
    shapes = [placeholder(2, "Title", 'type="title"', (0.6, 0.35, 12.13, 1.1), "<a:lstStyle/>",
                          prompt="Slide title", anchor="b"),
              placeholder(3, "Text", f'type="body" idx="{BODY}"', (0.6, 1.8, 12.13, 4.75), "<a:lstStyle/>",
                          prompt="Text")] + footer_shapes(c.text, c.primary, c.on_primary)
    title = f"<p:titleStyle>{level(1, TITLE_PT, c.primary, bold=True, before=0)}</p:titleStyle>"
    body = "<p:bodyStyle>" + "".join(level(n, BODY_PT if n == 1 else 24, c.text, bullet=True, before=12)
                                     for n in range(1, 10)) + "</p:bodyStyle>"
    other = "<p:otherStyle>" + "".join(level(n, 24, c.text, before=0) for n in range(1, 10)) + "</p:otherStyle>"
    return (f"<p:sldMaster {XMLNS}><p:cSld>{background(c.background)}{sp_tree(shapes)}</p:cSld>"
            '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" '
            'accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
            f'{layout_ids}<p:hf hdr="0" dt="0"/><p:txStyles>{title}{body}{other}</p:txStyles></p:sldMaster>')


def layout_xml(name: str, kind: str, shapes: list[str], bg: str | None = None) -> str:
    type_attr = {"title": ' type="title"', "section": ' type="secHead"', "content": ' type="obj"',
                 "two-column": ' type="twoObj"'}.get(kind, "")
    return (f'<p:sldLayout {XMLNS}{type_attr} preserve="1" userDrawn="1"><p:cSld name="{escape(name)}">'
            f'{background(bg) if bg else ""}{sp_tree(shapes)}</p:cSld>'
            '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>')


# ---------------------------------------------------------------- presentation-level fixes
def set_language(prs) -> None:
    """en-GB as the presentation's default proofing language (and Arial as its default font)."""
    pres = prs.part._element
    style = pres.find("p:defaultTextStyle", NS)
    for rp in style.iter(f"{{{NS['a']}}}defRPr"):
        rp.set("lang", LANG)


def brand_notes_master(prs) -> None:
    """The notes master (python-pptx adds its own with the first notes page): en-GB and Arial like the slides."""
    master = prs.notes_master
    for el in master._element.iter(f"{{{NS['a']}}}rPr", f"{{{NS['a']}}}defRPr", f"{{{NS['a']}}}endParaRPr"):
        el.set("lang", LANG)
    theme = master.part.part_related_by(RT.THEME)        # an XML part here, unlike the slide master's theme
    root = theme._element if hasattr(theme, "_element") else etree.fromstring(theme.blob)
    for font in root.iterfind(".//a:fontScheme/*/a:latin", NS):
        font.set("typeface", FONT)
    if not hasattr(theme, "_element"):
        theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def drop_residue(prs) -> None:
    """Remove what the default template carries but a built deck must not: the blank thumbnail, printer settings."""
    package = prs.part.package
    for rid, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package._rels.pop(rid)
    for rid, rel in list(prs.part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part._rels.pop(rid)


def app_xml(application: str, company: str, slides: int, notes: int) -> bytes:
    e = lambda s: escape(s, quote=False)  # noqa: E731
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats'
            '.org/officeDocument/2006/extended-properties"><TotalTime>0</TotalTime>'
            f"<Application>{e(application)}</Application><PresentationFormat>Widescreen</PresentationFormat>"
            f"<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
            f"<Company>{e(company)}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>").encode()


def set_app_properties(prs, application: str, company: str) -> None:
    part = next(p for p in prs.part.package.iter_parts() if str(p.partname) == "/docProps/app.xml")
    part._blob = app_xml(application, company, len(prs.slides), len(prs.slides))


def branded_presentation(brand, award_short_name: str, root: Path):
    """A Presentation whose master and layouts carry the brand; ``layout(prs, key)`` finds a layout by key."""
    from .layouts import build_layouts
    c = Colours.of(brand)
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    size = prs.part._element.find("p:sldSz", NS)
    size.attrib.pop("type", None)
    master_part = prs.slide_master.part
    theme = master_part.part_related_by(RT.THEME)
    theme._blob = theme_xml(theme.blob, c)
    layout_parts = [master_part.related_part(rid) for rid in
                    master_part._element.xpath("p:sldLayoutIdLst/p:sldLayoutId/@r:id")]
    keep = len(LAYOUTS)
    ids = master_part._element.find("p:sldLayoutIdLst", NS)
    for entry in list(ids)[keep:]:
        ids.remove(entry)
        master_part._rels.pop(entry.get(f"{{{NS['r']}}}id"))
    master_part._element = parse_xml(master_xml(c, etree.tostring(ids).decode()))
    logo = root / brand.logo if brand.logo else None
    if logo is not None and (logo.suffix.lower() not in RASTER or not logo.is_file()):
        logo = None                  # PowerPoint needs a raster logo; an SVG-only brand gets the wordmark
    for part, (key, xml) in zip(layout_parts[:keep], build_layouts(c, award_short_name, logo, layout_parts[0])):
        part._element = parse_xml(xml)
    set_language(prs)
    drop_residue(prs)
    return prs


def layout(prs, key: str):
    return prs.slide_layouts.get_by_name(LAYOUTS[key])
