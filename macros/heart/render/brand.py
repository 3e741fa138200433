"""The site's branding from data/scheme.yml (award.brand): assets/brand.css (CSS custom properties read by
docs/assets/heart.css) and the logo shown in the header (the scheme's own logo file, or a plain heart mark drawn in
the brand colours when the scheme gives none)."""
from __future__ import annotations

from ..errors import Problems
from ..load import Site

LOGO_STEM = "assets/brand-logo"


def _logo(site: Site) -> tuple[str, bytes]:
    b = site.scheme.award.brand
    if b.logo:
        path = site.root / b.logo
        suffix = path.suffix.lower()
        if suffix not in (".svg", ".png") or not path.is_file():
            problems = Problems()
            problems.add("data/scheme.yml", None, "award.brand.logo",
                         f"{b.logo!r} is not a PNG or SVG file in the project: give a path relative to the project "
                         "root, or remove the field to use the plain heart mark")
            problems.raise_if_any()
        return f"{LOGO_STEM}{suffix}", path.read_bytes()
    # a heart in the text-on-primary colour: it sits on the header, whose background is the primary colour
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24">'
           f'<path fill="{b.on_primary}" d="M12 21.35l-1.45-1.32C5.4 15.36 2 12.28 2 8.5 2 5.42 4.42 3 7.5 3c1.74 0 '
           '3.41.81 4.5 2.09C13.09 3.81 14.76 3 16.5 3 19.58 3 22 5.42 22 8.5c0 3.78-3.4 6.86-8.55 11.54L12 21.35z"/>'
           '</svg>\n')
    return f"{LOGO_STEM}.svg", svg.encode("utf-8")


def brand_css(site: Site, logo_name: str) -> str:
    b = site.scheme.award.brand
    logo = logo_name.rsplit("/", 1)[-1]          # brand.css sits in assets/, next to the logo
    return (
        "/* Generated from data/scheme.yml award.brand: edit the scheme, not this file. */\n"
        ":root {\n"
        f"  --heart-brand-primary: {b.primary};\n"
        f"  --heart-brand-on-primary: {b.on_primary};\n"
        f"  --heart-brand-accent: {b.accent};\n"
        f"  --heart-brand-text: {b.text};\n"
        f"  --heart-brand-background: {b.background};\n"
        f"  --heart-brand-muted-background: {b.muted_background};\n"
        f'  --heart-brand-logo: url("{logo}");\n'
        "}\n")


def brand_files(site: Site) -> dict[str, bytes]:
    """{site path: bytes} for the brand stylesheet and the logo."""
    name, data = _logo(site)
    return {"assets/brand.css": brand_css(site, name).encode("utf-8"), name: data}
