"""The pick-up code as a QR image: the eight digits alone, so a counter's scanner types them into the field."""

import segno


def qr_svg(code: str) -> str:
    return segno.make(code, error="m").svg_inline(scale=6, dark="#1d3b6e")
