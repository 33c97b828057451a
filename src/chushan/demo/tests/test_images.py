"""Generated pictures: right size and format, one per craft style, the same picture for the same product."""

import io

import pytest
from PIL import Image

from chushan.demo import images


def _open(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


@pytest.mark.parametrize("style", sorted(images.PAINTERS))
def test_every_style_draws_an_800_pixel_jpeg_and_a_400_pixel_thumbnail(style):
    pic = images.picture(style, "seller:product", label="Miao batik bird table runner")
    big, small = _open(pic.image), _open(pic.thumbnail)
    assert (big.format, big.size) == ("JPEG", (800, 800))
    assert (small.format, small.size) == ("JPEG", (400, 400))
    assert len(small.convert("L").getcolors(256)) > 8  # a pattern, not a flat colour


def test_the_same_seed_draws_the_same_picture_and_another_seed_another():
    assert images.picture("batik", "a").image == images.picture("batik", "a").image
    assert images.picture("batik", "a").image != images.picture("batik", "b").image


def test_an_unknown_style_falls_back_to_a_print():
    assert _open(images.picture("no-such-style", "x").image).size == (800, 800)


def test_the_caption_needs_no_cjk_font():
    # Pillow's built-in font has no CJK glyphs; captions are the English name, so drawing must not fail.
    assert images.picture("tea", "x", label="Duyun Maojian green tea, premium").image
