"""Printable labels: the QR code of the item's Digital Link URI (segno) beside the human-readable GS1 data.

Pillow draws them (PNG) and writes PDFs itself, so no system library is needed.  The text is ASCII (GS1
human-readable interpretation and ISO dates), which Pillow's bundled font covers on any machine.
"""

import io
from dataclasses import dataclass
from datetime import date

import segno
from PIL import Image, ImageDraw, ImageFont

from chushan.trace import gs1

DPI = 300
WIDTH, HEIGHT = 827, 413  # 70 mm x 35 mm at 300 dpi
QUIET = 4  # modules of white around the QR code, as ISO/IEC 18004 asks


@dataclass(frozen=True)
class LabelData:
    uri: str
    gtin: str
    lot: str | None
    serial: str | None
    produced_on: date | None
    expires_on: date | None
    trace_code: str


def label_uri(base_url: str, gtin: str, lot: str | None, serial: str | None) -> str:
    """The Digital Link URI on the platform's own domain that the QR code carries."""
    return gs1.digital_link(gtin, lot=lot, serial=serial, base=base_url)


def qr_matrix(uri: str) -> list[list[bool]]:
    """The QR code's modules (True = dark), without the quiet zone: what a label must show."""
    return [[bool(cell) for cell in row] for row in segno.make(uri, error="m", micro=False).matrix]


def qr_layout(uri: str) -> tuple[int, int, int]:
    """(left, top, module size in pixels) of the QR code on a label, so a test can read the modules back."""
    modules = len(qr_matrix(uri)) + 2 * QUIET
    scale = max(1, (HEIGHT - 20) // modules)
    return 10 + QUIET * scale, (HEIGHT - modules * scale) // 2 + QUIET * scale, scale


def _lines(data: LabelData) -> list[str]:
    lines = [f"(01) {data.gtin}"]
    if data.lot:
        lines.append(f"(10) {data.lot}")
    if data.serial:
        lines.append(f"(21) {data.serial}")
    if data.produced_on:
        lines.append(f"PROD {data.produced_on:%Y-%m-%d}")
    if data.expires_on:
        lines.append(f"EXP  {data.expires_on:%Y-%m-%d}")
    lines.append(data.trace_code)
    return lines


def label_image(data: LabelData) -> Image.Image:
    """One label as a 1-bit image at 300 dpi."""
    image = Image.new("1", (WIDTH, HEIGHT), 1)
    draw = ImageDraw.Draw(image)
    left, top, scale = qr_layout(data.uri)
    for y, row in enumerate(qr_matrix(data.uri)):
        for x, dark in enumerate(row):
            if dark:
                draw.rectangle([left + x * scale, top + y * scale, left + (x + 1) * scale - 1,
                                top + (y + 1) * scale - 1], fill=0)
    text_left = left + len(qr_matrix(data.uri)) * scale + QUIET * scale
    lines = _lines(data)
    size = 26 if len(lines) <= 5 else 23
    font = ImageFont.load_default(size=size)
    y = (HEIGHT - len(lines) * (size + 10)) // 2
    for line in lines:
        draw.text((text_left, y), line, fill=0, font=font)
        y += size + 10
    return image


def labels_png(labels: list[LabelData]) -> bytes:
    """One label, or several stacked on one sheet (a list of serials), as PNG."""
    images = [label_image(label) for label in labels]
    sheet = Image.new("1", (WIDTH, HEIGHT * len(images)), 1)
    for i, image in enumerate(images):
        sheet.paste(image, (0, i * HEIGHT))
    out = io.BytesIO()
    sheet.save(out, "PNG", dpi=(DPI, DPI))
    return out.getvalue()


def labels_pdf(labels: list[LabelData]) -> bytes:
    """One page per label, sized like the label (70 x 35 mm), for a label printer."""
    images = [label_image(label).convert("L") for label in labels]
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=DPI, save_all=True, append_images=images[1:],
                   title="Chushan trace labels", producer="Chushan")
    return out.getvalue()
