"""Generated product pictures: an 800×800 JPEG whose pattern suggests the craft or the produce, and a
400×400 thumbnail. Deterministic per seed, drawn with Pillow only (no downloads, no CJK font needed).
"""

import functools
import io
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from chushan.demo.rules import stable_int

SIZE = 800
THUMB = 400
JPEG_QUALITY = 82

Painter = Callable[[Image.Image, ImageDraw.ImageDraw, random.Random], None]


@dataclass(frozen=True)
class Picture:
    image: bytes
    thumbnail: bytes
    width: int = SIZE
    height: int = SIZE


def _shade(rgb: tuple, factor: float) -> tuple:
    return tuple(max(0, min(255, int(c * factor))) for c in rgb)


def _jitter(rng: random.Random, rgb: tuple, amount: int = 18) -> tuple:
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in rgb)


@functools.cache
def _noise() -> Image.Image:
    """One grain texture per process: Pillow's noise is slow to make and need not differ between pictures."""
    return Image.effect_noise((SIZE // 2, SIZE // 2), 55).resize((SIZE, SIZE)).convert("RGB")


def _grain(img: Image.Image, strength: float = 0.08) -> Image.Image:
    """Blend in a noise texture for a cloth or paper feel (no per-pixel Python)."""
    return Image.blend(img, _noise(), strength)


def _spiral(draw, cx, cy, radius, turns, colour, width):
    points = []
    steps = int(turns * 36)
    for i in range(steps + 1):
        t = i / steps
        angle = t * turns * 2 * math.pi
        points.append((cx + math.cos(angle) * radius * t, cy + math.sin(angle) * radius * t))
    draw.line(points, fill=colour, width=width, joint="curve")


def _leaf(draw, cx, cy, length, angle, colour, vein=None):
    """A pointed leaf as a polygon along ``angle``."""
    points = []
    for i in range(13):
        t = i / 12
        w = math.sin(t * math.pi) * length * 0.28
        points.append((t * length, w))
    points += [(x, -y) for x, y in reversed(points)]
    ca, sa = math.cos(angle), math.sin(angle)
    poly = [(cx + x * ca - y * sa, cy + x * sa + y * ca) for x, y in points]
    draw.polygon(poly, fill=colour)
    if vein:
        draw.line([(cx, cy), (cx + length * ca, cy + length * sa)], fill=vein, width=2)


# --- crafts ------------------------------------------------------------------------------------------

def _batik(img, draw, rng):
    indigo = _jitter(rng, (28, 48, 92), 10)
    draw.rectangle([0, 0, SIZE, SIZE], fill=indigo)
    white = (228, 232, 238)
    cell = rng.choice([160, 200])
    for gx in range(0, SIZE, cell):
        for gy in range(0, SIZE, cell):
            cx, cy, r = gx + cell / 2, gy + cell / 2, cell * 0.38
            kind = rng.randrange(4)
            if kind == 0:
                _spiral(draw, cx, cy, r, 3, white, 5)
            elif kind == 1:
                for k in range(4, 0, -1):
                    draw.ellipse([cx - r * k / 4, cy - r * k / 4, cx + r * k / 4, cy + r * k / 4],
                                 outline=white, width=4)
                for a in range(0, 360, 30):
                    x, y = cx + math.cos(math.radians(a)) * r * 1.1, cy + math.sin(math.radians(a)) * r * 1.1
                    draw.ellipse([x - 4, y - 4, x + 4, y + 4], fill=white)
            elif kind == 2:
                for a in (45, 135, 225, 315):  # a butterfly of four wings
                    _leaf(draw, cx, cy, r, math.radians(a), white)
                draw.ellipse([cx - 7, cy - 7, cx + 7, cy + 7], fill=indigo)
            else:
                draw.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], outline=white, width=5)
                draw.polygon([(cx, cy - r / 2), (cx + r / 2, cy), (cx, cy + r / 2), (cx - r / 2, cy)], fill=white)
    crackle = _shade(indigo, 1.9)
    for _ in range(26):  # the ice crackle where the wax broke
        x, y = rng.randrange(SIZE), rng.randrange(SIZE)
        pts = [(x, y)]
        for _ in range(rng.randint(3, 7)):
            x, y = x + rng.randint(-60, 60), y + rng.randint(-60, 60)
            pts.append((x, y))
        draw.line(pts, fill=crackle, width=1)


def _stitch_pattern(rng, palette, background, size=40):
    """A symmetric cross-stitch motif drawn on a small grid, to be enlarged without smoothing."""
    small = Image.new("RGB", (size, size), background)
    px = small.load()
    half = size // 2
    for x in range(half):
        for y in range(half):
            if (x + y) % rng.choice([3, 4, 5]) == 0 or (abs(x - y) < 2 and rng.random() < 0.7):
                colour = palette[(x * 3 + y * 5 + rng.randrange(2)) % len(palette)]
                for sx, sy in ((x, y), (size - 1 - x, y), (x, size - 1 - y), (size - 1 - x, size - 1 - y)):
                    px[sx, sy] = colour
    return small


def _embroidery(img, draw, rng):
    background = rng.choice([(24, 20, 22), (92, 18, 30), (18, 30, 48)])
    palette = [(212, 44, 62), (240, 170, 40), (40, 150, 90), (70, 110, 200), (236, 112, 160), (250, 240, 220)]
    rng.shuffle(palette)
    tile = _stitch_pattern(rng, palette[:4], background).resize((SIZE, SIZE), Image.Resampling.NEAREST)
    img.paste(tile)
    step = SIZE // 40
    for i in range(0, SIZE, step):  # the weave of the ground cloth
        draw.line([(i, 0), (i, SIZE)], fill=_shade(background, 0.7), width=1)
        draw.line([(0, i), (SIZE, i)], fill=_shade(background, 0.7), width=1)


def _brocade(img, draw, rng):
    colours = [(150, 30, 40), (30, 60, 120), (230, 170, 40), (30, 110, 70), (240, 230, 210), (40, 30, 30)]
    rng.shuffle(colours)
    band = rng.choice([100, 133, 160])
    for i, y in enumerate(range(0, SIZE, band)):
        bg, fg = colours[i % 3], colours[3 + i % 3]
        draw.rectangle([0, y, SIZE, y + band], fill=bg)
        d = band // 2 - 6
        for x in range(0, SIZE + band, band):
            cx, cy = x, y + band // 2
            draw.polygon([(cx, cy - d), (cx + d, cy), (cx, cy + d), (cx - d, cy)], fill=fg)
            draw.polygon([(cx, cy - d // 2), (cx + d // 2, cy), (cx, cy + d // 2), (cx - d // 2, cy)], fill=bg)
        draw.line([(0, y), (SIZE, y)], fill=colours[5], width=6)


def _horsetail(img, draw, rng):
    draw.rectangle([0, 0, SIZE, SIZE], fill=(16, 16, 20))
    fills = [(200, 40, 50), (40, 140, 90), (240, 150, 40), (70, 90, 190)]
    for _ in range(rng.randint(7, 11)):
        cx, cy, r = rng.randrange(80, 720), rng.randrange(80, 720), rng.randint(50, 120)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=rng.choice(fills))
        for k in range(r, 8, -14):  # couched horse-hair coils
            draw.ellipse([cx - k, cy - k, cx + k, cy + k], outline=(238, 236, 228), width=4)
        _spiral(draw, cx, cy, r * 0.5, 2.5, (238, 236, 228), 3)


def _silver(img, draw, rng):
    for y in range(0, SIZE, 8):
        tone = 30 + int(30 * y / SIZE)
        draw.rectangle([0, y, SIZE, y + 8], fill=(tone, tone + 4, tone + 10))
    cx, cy = SIZE / 2 + rng.randint(-60, 60), SIZE / 2 + rng.randint(-60, 60)
    for k in range(9, 0, -1):
        r = k * 38
        shade = 150 + k * 10
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=(shade, shade, shade + 8), width=6)
    petals = rng.choice([8, 10, 12])
    for i in range(petals):
        _leaf(draw, cx, cy, 150, 2 * math.pi * i / petals, (205, 208, 214), vein=(150, 152, 160))
    for a in range(0, 360, 12):  # granulation dots on the rim
        x, y = cx + math.cos(math.radians(a)) * 330, cy + math.sin(math.radians(a)) * 330
        draw.ellipse([x - 7, y - 7, x + 7, y + 7], fill=(225, 226, 230))
    draw.ellipse([cx - 30, cy - 30, cx + 30, cy + 30], fill=(240, 240, 244))


def _lacquer(img, draw, rng):
    base = rng.choice([(120, 18, 20), (20, 14, 14), (90, 14, 16)])
    draw.rectangle([0, 0, SIZE, SIZE], fill=base)
    gold = (212, 170, 70)
    for _ in range(rng.randint(9, 14)):  # cloud scrolls in gold line
        cx, cy, r = rng.randrange(SIZE), rng.randrange(SIZE), rng.randint(30, 90)
        draw.arc([cx - r, cy - r, cx + r, cy + r], 180, 360, fill=gold, width=5)
        draw.arc([cx, cy - r / 2, cx + r, cy + r / 2], 0, 270, fill=gold, width=5)
    draw.rectangle([30, 30, SIZE - 30, SIZE - 30], outline=gold, width=8)
    draw.ellipse([120, 60, 520, 200], fill=_shade(base, 1.35))  # the polished shine


def _flute(img, draw, rng):
    draw.rectangle([0, 0, SIZE, SIZE], fill=(238, 228, 204))
    for i in range(rng.randint(4, 6)):
        x = 110 + i * 125 + rng.randint(-15, 15)
        w = rng.randint(42, 58)
        colour = _jitter(rng, (150, 110, 50), 20)
        draw.rounded_rectangle([x, 40, x + w, 760], radius=w // 2, fill=colour)
        draw.line([(x + 8, 50), (x + 8, 750)], fill=_shade(colour, 1.3), width=5)
        for node in range(rng.randint(2, 4)):
            y = 140 + node * 190 + rng.randint(-20, 20)
            draw.line([(x, y), (x + w, y)], fill=_shade(colour, 0.6), width=5)
        for hole in range(6):
            y = 420 + hole * 50
            draw.ellipse([x + w / 2 - 7, y - 7, x + w / 2 + 7, y + 7], fill=(40, 26, 12))


def _paper(img, draw, rng):
    draw.rectangle([0, 0, SIZE, SIZE], fill=_jitter(rng, (236, 228, 206), 8))
    fibre = (196, 176, 140)
    for _ in range(420):
        x, y = rng.randrange(SIZE), rng.randrange(SIZE)
        a = rng.random() * math.pi
        length = rng.randint(10, 40)
        draw.line([(x, y), (x + math.cos(a) * length, y + math.sin(a) * length)], fill=fibre, width=1)
    petals = [(214, 120, 140), (230, 190, 80), (140, 170, 110), (170, 130, 190)]
    for _ in range(rng.randint(4, 7)):  # pressed flowers and leaves
        cx, cy = rng.randrange(100, 700), rng.randrange(100, 700)
        colour = rng.choice(petals)
        for i in range(5):
            _leaf(draw, cx, cy, rng.randint(30, 55), 2 * math.pi * i / 5 + rng.random(), colour)
        draw.ellipse([cx - 6, cy - 6, cx + 6, cy + 6], fill=(200, 150, 40))


def _pottery(img, draw, rng):
    for y in range(0, SIZE, 10):
        t = y / SIZE
        draw.rectangle([0, y, SIZE, y + 10], fill=(int(200 - 60 * t), int(170 - 60 * t), int(130 - 50 * t)))
    glaze = rng.choice([(60, 110, 90), (180, 130, 40), (110, 70, 40), (70, 100, 120)])
    body = [(300, 160), (500, 160), (560, 300), (600, 520), (520, 700), (280, 700), (200, 520), (240, 300)]
    draw.polygon(body, fill=glaze)
    draw.rectangle([330, 110, 470, 170], fill=_shade(glaze, 0.8))
    for _ in range(12):  # drips and crazing of the glass glaze
        x = rng.randrange(230, 570)
        draw.line([(x, 300), (x + rng.randint(-10, 10), 300 + rng.randint(60, 300))], fill=_shade(glaze, 1.4), width=6)
    for _ in range(30):
        x, y = rng.randrange(250, 550), rng.randrange(200, 680)
        draw.line([(x, y), (x + rng.randint(-40, 40), y + rng.randint(-40, 40))], fill=_shade(glaze, 0.6), width=1)
    draw.ellipse([330, 220, 420, 380], fill=_shade(glaze, 1.5))


def _bamboo(img, draw, rng):
    light, dark = _jitter(rng, (214, 180, 120), 12), _jitter(rng, (170, 130, 70), 12)
    if rng.random() < 0.3:
        light, dark = (150, 100, 60), (110, 70, 40)  # carbonised strands
    draw.rectangle([0, 0, SIZE, SIZE], fill=dark)
    strip = 40
    for i in range(-SIZE, SIZE, strip):
        for j in range(0, SIZE * 2, strip * 2):
            offset = j if (i // strip) % 2 else j + strip
            x, y = i + offset, offset
            draw.polygon([(x, y), (x + strip, y), (x + 2 * strip, y + strip), (x + strip, y + strip)], fill=light)
    for i in range(0, SIZE, strip):
        draw.line([(i, 0), (i + SIZE, SIZE)], fill=_shade(dark, 0.8), width=2)


def _inkstone(img, draw, rng):
    draw.rectangle([0, 0, SIZE, SIZE], fill=(34, 34, 38))
    draw.rounded_rectangle([120, 80, 680, 720], radius=40, fill=(52, 52, 58))
    for k in range(1, 12):  # the stone's water ripples
        draw.ellipse([400 - k * 24, 470 - k * 14, 400 + k * 24, 470 + k * 14], outline=(72, 72, 80), width=2)
    draw.ellipse([260, 140, 540, 300], fill=(20, 20, 24))  # the ink well
    for _ in range(rng.randint(3, 6)):
        _leaf(draw, rng.randrange(180, 620), rng.randrange(360, 660), rng.randint(60, 110), rng.random() * 6,
              (80, 84, 90))


def _brick(img, draw, rng):
    grey = _jitter(rng, (150, 148, 142), 10)
    draw.rectangle([0, 0, SIZE, SIZE], fill=_shade(grey, 0.7))
    w, h = 200, 100
    for row, y in enumerate(range(0, SIZE, h)):
        for x in range(-w // 2 * (row % 2), SIZE, w):
            draw.rectangle([x + 3, y + 3, x + w - 3, y + h - 3], fill=grey)
    cx, cy = SIZE / 2, SIZE / 2
    for i in range(8):  # a carved peony in relief: shadow first, then the face
        angle = 2 * math.pi * i / 8
        _leaf(draw, cx + 6, cy + 6, 230, angle, _shade(grey, 0.55))
        _leaf(draw, cx, cy, 230, angle, _shade(grey, 1.15), vein=_shade(grey, 0.8))
    draw.ellipse([cx - 60, cy - 60, cx + 60, cy + 60], fill=_shade(grey, 1.25), outline=_shade(grey, 0.6), width=4)


def _knife(img, draw, rng):
    for y in range(0, SIZE, 10):
        tone = 220 - int(90 * y / SIZE)
        draw.rectangle([0, y, SIZE, y + 10], fill=(tone, tone - 10, tone - 25))
    blade = [(120, 420), (520, 360), (700, 300), (560, 440), (130, 470)]
    draw.polygon(blade, fill=(196, 200, 208))
    draw.line([(130, 440), (660, 330)], fill=(236, 238, 242), width=4)
    draw.rounded_rectangle([20, 400, 140, 500], radius=18, fill=(150, 110, 40))  # brass and horn handle
    for i in range(5):
        draw.rectangle([30 + i * 22, 408, 40 + i * 22, 492], fill=rng.choice([(60, 40, 30), (200, 60, 50),
                                                                                (40, 110, 80), (230, 210, 160)]))


def _felt(img, draw, rng):
    draw.rectangle([0, 0, SIZE, SIZE], fill=(226, 214, 190))
    colours = [(170, 40, 40), (40, 70, 130), (40, 110, 80)]
    for gx in range(100, SIZE, 300):
        for gy in range(100, SIZE, 300):
            colour = rng.choice(colours)
            for i in range(8):
                _leaf(draw, gx + 50, gy + 50, 110, 2 * math.pi * i / 8, colour)
            draw.ellipse([gx + 20, gy + 20, gx + 80, gy + 80], fill=(226, 214, 190))


def _study(img, draw, rng):
    for y in range(0, SIZE, 10):
        t = y / SIZE
        draw.rectangle([0, y, SIZE, y + 10], fill=(int(170 + 60 * t), int(200 + 30 * t), 235))
    for layer, colour in enumerate([(90, 130, 110), (60, 100, 80), (40, 70, 60)]):
        base = 380 + layer * 120
        pts = [(0, SIZE)] + [(x, base - rng.randint(0, 140)) for x in range(0, SIZE + 100, 100)] + [(SIZE, SIZE)]
        draw.polygon(pts, fill=colour)
    x = rng.randrange(200, 560)
    for tier in range(6):  # a drum tower
        w = 160 - tier * 24
        y = 640 - tier * 50
        draw.polygon([(x - w, y), (x + w, y), (x + w - 20, y - 30), (x - w + 20, y - 30)], fill=(60, 40, 30))
    draw.rectangle([x - 40, 640, x + 40, 760], fill=(90, 60, 40))


# --- produce -------------------------------------------------------------------------------------

def _tea(img, draw, rng):
    draw.rectangle([0, 0, SIZE, SIZE], fill=_jitter(rng, (226, 236, 206), 8))
    greens = [(70, 130, 60), (90, 150, 70), (50, 110, 50), (120, 170, 80)]
    for _ in range(rng.randint(26, 36)):
        _leaf(draw, rng.randrange(-40, SIZE), rng.randrange(-40, SIZE), rng.randint(90, 170), rng.random() * 6.3,
              rng.choice(greens), vein=(200, 225, 170))
    for _ in range(10):  # silver-tipped buds
        _leaf(draw, rng.randrange(SIZE), rng.randrange(SIZE), 60, rng.random() * 6.3, (200, 215, 180))


def _chili(img, draw, rng):
    draw.rectangle([0, 0, SIZE, SIZE], fill=_jitter(rng, (244, 230, 206), 6))
    for _ in range(rng.randint(16, 24)):
        x, y, a = rng.randrange(SIZE), rng.randrange(SIZE), rng.random() * 6.3
        length = rng.randint(140, 220)
        _leaf(draw, x, y, length, a, _jitter(rng, (196, 30, 28), 20))
        draw.line([(x, y), (x - math.cos(a) * 24, y - math.sin(a) * 24)], fill=(60, 110, 40), width=9)


def _kiwi(img, draw, rng):
    draw.rectangle([0, 0, SIZE, SIZE], fill=(246, 240, 222))
    for _ in range(rng.randint(5, 8)):
        cx, cy, r = rng.randrange(100, 700), rng.randrange(100, 700), rng.randint(90, 150)
        draw.ellipse([cx - r - 10, cy - r - 10, cx + r + 10, cy + r + 10], fill=(120, 90, 50))
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(130, 180, 50))
        draw.ellipse([cx - r * 0.35, cy - r * 0.35, cx + r * 0.35, cy + r * 0.35], fill=(236, 240, 200))
        for a in range(0, 360, 15):
            x, y = cx + math.cos(math.radians(a)) * r * 0.5, cy + math.sin(math.radians(a)) * r * 0.5
            draw.ellipse([x - 4, y - 6, x + 4, y + 6], fill=(20, 20, 16))


def _cili(img, draw, rng):
    draw.rectangle([0, 0, SIZE, SIZE], fill=(236, 240, 214))
    for _ in range(rng.randint(8, 12)):
        cx, cy, r = rng.randrange(80, 720), rng.randrange(80, 720), rng.randint(60, 95)
        colour = _jitter(rng, (200, 180, 50), 20)
        for a in range(0, 360, 20):  # the prickles of Rosa roxburghii
            ra = math.radians(a)
            tip = (cx + math.cos(ra) * (r + 18), cy + math.sin(ra) * (r + 18))
            left = (cx + math.cos(ra - 0.15) * r, cy + math.sin(ra - 0.15) * r)
            right = (cx + math.cos(ra + 0.15) * r, cy + math.sin(ra + 0.15) * r)
            draw.polygon([tip, left, right], fill=_shade(colour, 0.8))
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour)
        draw.ellipse([cx - r * 0.3, cy - r * 0.6, cx + r * 0.1, cy - r * 0.2], fill=_shade(colour, 1.2))


def _sour_soup(img, draw, rng):
    draw.rectangle([0, 0, SIZE, SIZE], fill=(60, 40, 32))
    draw.ellipse([80, 80, 720, 720], fill=(230, 226, 218))
    draw.ellipse([130, 130, 670, 670], fill=(190, 40, 30))
    for _ in range(40):
        x, y, r = rng.randrange(200, 600), rng.randrange(200, 600), rng.randint(6, 22)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(220, 90, 60))
    for _ in range(8):  # wild tomatoes and herbs
        _leaf(draw, rng.randrange(200, 600), rng.randrange(200, 600), 50, rng.random() * 6.3, (60, 130, 60))


def _pear(img, draw, rng):
    draw.rectangle([0, 0, SIZE, SIZE], fill=(232, 226, 214))
    for _ in range(rng.randint(5, 7)):
        cx, cy = rng.randrange(120, 680), rng.randrange(160, 680)
        colour = _jitter(rng, (150, 110, 50), 20)
        draw.ellipse([cx - 90, cy - 40, cx + 90, cy + 120], fill=colour)
        draw.ellipse([cx - 55, cy - 110, cx + 55, cy + 10], fill=colour)
        draw.line([(cx, cy - 110), (cx + 10, cy - 150)], fill=(80, 50, 30), width=8)
        draw.ellipse([cx - 50, cy - 20, cx - 10, cy + 30], fill=_shade(colour, 1.25))


def _meat(img, draw, rng):
    draw.rectangle([0, 0, SIZE, SIZE], fill=(120, 80, 50))
    draw.ellipse([60, 120, 740, 700], fill=(236, 230, 220))
    for _ in range(rng.randint(4, 6)):
        cx, cy = rng.randrange(220, 580), rng.randrange(260, 560)
        w, h = rng.randint(110, 170), rng.randint(60, 100)
        draw.ellipse([cx - w, cy - h, cx + w, cy + h], fill=_jitter(rng, (170, 60, 50), 15))
        for _ in range(4):  # marbling
            y = cy + rng.randint(-h // 2, h // 2)
            draw.line([(cx - w + 30, y), (cx + w - 30, y + rng.randint(-20, 20))], fill=(240, 220, 210), width=4)


def _halal(img, draw, rng):
    draw.rectangle([0, 0, SIZE, SIZE], fill=_jitter(rng, (22, 92, 70), 8))
    gold = (214, 180, 90)
    step = 200
    for gx in range(0, SIZE + step, step):
        for gy in range(0, SIZE + step, step):
            for rot in (0, 45):  # an eight-pointed star from two squares
                pts = [(gx + math.cos(math.radians(a + rot)) * 80, gy + math.sin(math.radians(a + rot)) * 80)
                       for a in (0, 90, 180, 270)]
                draw.polygon(pts, outline=gold, width=5)
            draw.ellipse([gx - 22, gy - 22, gx + 22, gy + 22], fill=(240, 232, 210))


def _herbal(img, draw, rng):
    draw.rectangle([0, 0, SIZE, SIZE], fill=(96, 76, 50))
    for _ in range(rng.randint(30, 44)):
        _leaf(draw, rng.randrange(SIZE), rng.randrange(SIZE), rng.randint(60, 130), rng.random() * 6.3,
              rng.choice([(110, 140, 70), (150, 160, 90), (80, 110, 60), (170, 140, 80)]))
    for _ in range(16):
        x, y = rng.randrange(SIZE), rng.randrange(SIZE)
        draw.line([(x, y), (x + rng.randint(-120, 120), y + rng.randint(-120, 120))], fill=(60, 40, 24), width=4)


def _print(img, draw, rng):
    """Machine prints: a perfectly regular repeat in flat colours, nothing hand-made about it."""
    bg, fg = rng.choice([((40, 70, 170), (250, 250, 250)), ((200, 40, 90), (250, 220, 60)),
                         ((30, 30, 30), (230, 200, 80))])
    draw.rectangle([0, 0, SIZE, SIZE], fill=bg)
    for gx in range(50, SIZE, 100):
        for gy in range(50, SIZE, 100):
            draw.ellipse([gx - 30, gy - 30, gx + 30, gy + 30], outline=fg, width=6)
            draw.rectangle([gx - 8, gy - 8, gx + 8, gy + 8], fill=fg)


PAINTERS: dict[str, Painter] = {
    "batik": _batik, "embroidery": _embroidery, "brocade": _brocade, "horsetail": _horsetail, "silver": _silver,
    "lacquer": _lacquer, "flute": _flute, "paper": _paper, "pottery": _pottery, "bamboo": _bamboo,
    "inkstone": _inkstone, "brick": _brick, "knife": _knife, "felt": _felt, "study": _study, "tea": _tea,
    "chili": _chili, "kiwi": _kiwi, "cili": _cili, "sour_soup": _sour_soup, "pear": _pear, "meat": _meat,
    "halal": _halal, "herbal": _herbal, "print": _print,
}
# Painters that look better with a cloth or paper grain.
GRAINY = {"batik", "embroidery", "brocade", "paper", "felt", "bamboo", "print"}


def _label(draw: ImageDraw.ImageDraw, text: str) -> None:
    """A small Latin caption in the corner; Pillow's built-in font, so no CJK font is needed."""
    if not text:
        return
    font = ImageFont.load_default(size=26)
    box = draw.textbbox((0, 0), text, font=font)
    w, h = box[2] - box[0], box[3] - box[1]
    draw.rectangle([20, SIZE - h - 44, 44 + w, SIZE - 20], fill=(255, 255, 255))
    draw.text((32, SIZE - h - 34), text, fill=(40, 40, 40), font=font)


def render(style: str, seed: str, *, label: str = "") -> Image.Image:
    """The 800×800 picture for ``seed`` in ``style`` (unknown styles fall back to the machine print)."""
    rng = random.Random(stable_int("image", style, seed))
    img = Image.new("RGB", (SIZE, SIZE))
    draw = ImageDraw.Draw(img)
    PAINTERS.get(style, _print)(img, draw, rng)
    if style in GRAINY:
        img = _grain(img)
        draw = ImageDraw.Draw(img)
    _label(draw, label)
    return img


def _jpeg(img: Image.Image) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def picture(style: str, seed: str, *, label: str = "") -> Picture:
    """The encoded picture and its thumbnail."""
    img = render(style, seed, label=label)
    return Picture(image=_jpeg(img), thumbnail=_jpeg(img.reduce(SIZE // THUMB)))
