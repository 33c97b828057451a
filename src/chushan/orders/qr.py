"""The pick-up code as a QR image: the eight digits alone, so a counter's scanner types them into the field."""

import segno


def qr_svg(code: str) -> str:
    """A full QR code (eight digits would otherwise become a Micro QR, which phone and counter scanners rarely
    read) with a viewBox instead of a fixed size, so the page's CSS can scale it."""
    return segno.make(code, error="m", micro=False).svg_inline(scale=6, dark="#1d3b6e", omitsize=True)
