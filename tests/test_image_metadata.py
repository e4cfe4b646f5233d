"""Image metadata taken out losslessly (vault.knowledge.image_metadata).

Pillow, a test-only dependency, writes the images with metadata and reads
the results back as an independent parser: the GPS position is there before
and gone after, and every decoded pixel is the same.
"""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from knowhold.vault.errors import DamagedImage
from knowhold.vault.knowledge.attachments import image_type
from knowhold.vault.knowledge.image_metadata import (
    COMMENT,
    EXIF,
    GIF,
    GPS,
    JPEG,
    OTHER,
    PNG,
    TEXT,
    THUMBNAIL,
    TIME,
    TRAILING,
    WEBP,
    XMP,
    cleans,
    strip_metadata,
)

GPS_IFD = 0x8825
XMP_PACKET = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:Description>Li Wei</rdf:Description></x:xmpmeta>"


def _picture() -> Image.Image:
    img = Image.new("RGB", (40, 30), (200, 30, 40))
    for x in range(40):
        img.putpixel((x, x % 30), (x * 6, 255 - x * 6, 90))
    return img


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = {1: "N", 2: (22.0, 32.0, 12.5), 3: "E", 4: (114.0, 3.0, 0.0)}
    return exif.tobytes()


def _saved(fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    _picture().save(out, fmt, **options)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _with_png_chunks(png: bytes, *chunks: bytes) -> bytes:
    """``png`` with ``chunks`` inserted right after IHDR."""
    at = 8 + 12 + 13
    return png[:at] + b"".join(chunks) + png[at:]


def _pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        return img.convert("RGBA").tobytes()


def _gps(data: bytes) -> dict[int, object]:
    with Image.open(io.BytesIO(data)) as img:
        return dict(img.getexif().get_ifd(GPS_IFD))


def _jpeg_segments(data: bytes) -> list[bytes]:
    """The APPn and COM segments' marker and first bytes, by a walk of its own."""
    found, pos = [], 2
    while data[pos + 1] != 0xDA:
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if 0xE0 <= data[pos + 1] <= 0xEF or data[pos + 1] == 0xFE:
            found.append(data[pos + 1 : pos + 16])
        pos += 2 + length
    return found


# -- JPEG ------------------------------------------------------------------------------


def test_a_jpeg_loses_its_gps_exif_xmp_and_comment_and_keeps_every_pixel() -> None:
    icc = b"\x00" * 128  # Pillow writes any bytes as the profile: only the segment matters here
    before = _saved("JPEG", exif=_exif(), xmp=XMP_PACKET, comment=b"at the client's office", icc_profile=icc)
    assert _gps(before)  # the test's own image does carry a position
    result = strip_metadata(before, JPEG)
    assert result.cleaned and result.found == (GPS, EXIF, XMP, COMMENT)
    assert _gps(result.data) == {}
    with Image.open(io.BytesIO(result.data)) as img:
        assert not {"exif", "xmp", "comment"} & img.info.keys()
        assert img.info["icc_profile"] == icc  # colour is kept
    assert _pixels(result.data) == _pixels(before)
    # Lossless: the compressed scan is the same bytes, from its header to the end.
    scan = before[before.index(b"\xff\xda") :]
    assert result.data.endswith(scan)
    assert [s[:1] for s in _jpeg_segments(result.data)] == [b"\xe0", b"\xe2"]  # JFIF, ICC
    assert b"Li Wei" not in result.data and b"PhoneMaker" not in result.data


def test_a_clean_jpeg_comes_back_byte_for_byte() -> None:
    plain = _saved("JPEG")
    result = strip_metadata(plain, JPEG)
    assert result.data == plain and result.found == ()


def test_a_progressive_jpeg_with_restart_markers_keeps_every_scan() -> None:
    before = _saved("JPEG", exif=_exif(), progressive=True, restart_marker_blocks=1)
    result = strip_metadata(before, JPEG)
    assert result.found == (GPS, EXIF)
    assert result.data.count(b"\xff\xda") == before.count(b"\xff\xda") > 1
    assert _pixels(result.data) == _pixels(before)


def test_a_jfif_thumbnail_and_bytes_after_the_end_are_cut() -> None:
    plain = _saved("JPEG")
    assert plain[2:4] == b"\xff\xe0"
    length = struct.unpack_from(">H", plain, 4)[0]
    thumb = b"\x02\x01" + bytes(range(6))  # a 2 x 1 thumbnail: 6 bytes of RGB
    jfif = plain[6:18] + thumb
    with_thumb = plain[:2] + b"\xff\xe0" + struct.pack(">H", 2 + len(jfif)) + jfif + plain[4 + length :]
    appended = with_thumb + b"ftypmp42 a video the phone appended"
    result = strip_metadata(appended, JPEG)
    assert result.found == (THUMBNAIL, TRAILING)
    assert result.data == plain
    assert _pixels(result.data) == _pixels(plain)


def test_unknown_app_segments_are_dropped_and_adobe_is_kept() -> None:
    plain = _saved("JPEG")
    adobe = b"\xff\xee" + struct.pack(">H", 14) + b"Adobe\x00\x64\x00\x00\x00\x00\x01"
    maker = b"\xff\xe9" + struct.pack(">H", 10) + b"MakerNote"[:8]
    photoshop = b"\xff\xed" + struct.pack(">H", 20) + b"Photoshop 3.0\x00" + b"8BIM"
    result = strip_metadata(plain[:2] + adobe + maker + photoshop + plain[2:], JPEG)
    assert set(result.found) == {OTHER, "iptc"}
    assert result.data == plain[:2] + adobe + plain[2:]


# -- PNG, WebP, GIF --------------------------------------------------------------------


def test_a_png_loses_its_text_time_and_exif_chunks() -> None:
    plain = _saved("PNG")
    before = _with_png_chunks(
        _saved("PNG", exif=_exif()),
        _chunk(b"tEXt", b"Author\x00Li Wei"),
        _chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + XMP_PACKET),
        _chunk(b"tIME", b"\x07\xea\x0c\x06\x07\x00\x00"),
        _chunk(b"prVt", b"a private chunk"),
    )
    assert _gps(before)
    result = strip_metadata(before, PNG)
    assert result.found == (GPS, EXIF, TEXT, TIME, OTHER)
    assert result.data == plain  # nothing but the metadata chunks was there
    assert _gps(result.data) == {} and _pixels(result.data) == _pixels(before)


def test_a_webp_loses_exif_and_xmp_and_its_flags_say_so() -> None:
    before = _saved("WEBP", exif=_exif(), xmp=XMP_PACKET, lossless=True)
    assert before[20] & 0x0C == 0x0C  # VP8X: EXIF and XMP flags set
    result = strip_metadata(before, WEBP)
    assert result.found == (GPS, EXIF, XMP)
    assert result.data[20] & 0x0C == 0
    assert struct.unpack_from("<I", result.data, 4)[0] == len(result.data) - 8
    with Image.open(io.BytesIO(result.data)) as img:
        assert not {"exif", "xmp"} & img.info.keys()
    assert _pixels(result.data) == _pixels(before)


def test_a_webp_whose_last_chunk_lacks_its_padding_byte_is_still_read() -> None:
    odd = b"VP8X" + struct.pack("<I", 10) + bytes(10) + b"ALPH" + struct.pack("<I", 3) + b"abc"
    riff = b"RIFF" + struct.pack("<I", 4 + len(odd)) + b"WEBP" + odd
    result = strip_metadata(riff, WEBP)
    assert (
        result.data.endswith(b"abc\x00") and struct.unpack_from("<I", result.data, 4)[0] == 4 + len(odd) + 1
    )


def test_a_gif_loses_its_comment_and_keeps_its_frames_and_loop() -> None:
    frames = [_picture().convert("P"), _picture().rotate(90).convert("P")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], loop=0, comment=b"Li Wei's desk")
    before = out.getvalue()
    result = strip_metadata(before + b"junk", GIF)
    assert result.found == (COMMENT, TRAILING)
    assert b"Li Wei" not in result.data and b"NETSCAPE2.0" in result.data
    with Image.open(io.BytesIO(result.data)) as img:
        assert img.n_frames == 2 and "comment" not in img.info
    assert _pixels(result.data) == _pixels(before)


def test_other_types_are_carried_as_they_are() -> None:
    pdf = b"%PDF-1.7\n/Author (Li Wei)\n"
    assert not cleans("application/pdf") and cleans(JPEG) and cleans(PNG) and cleans(WEBP) and cleans(GIF)
    result = strip_metadata(pdf, "application/pdf")
    assert result.data is pdf and not result.cleaned and result.found == ()


# -- hostile structure -----------------------------------------------------------------


def _samples() -> dict[str, bytes]:
    return {
        JPEG: _saved("JPEG", exif=_exif(), comment=b"c"),
        PNG: _with_png_chunks(_saved("PNG"), _chunk(b"tEXt", b"a\x00b")),
        WEBP: _saved("WEBP", exif=_exif(), lossless=True),
        GIF: _saved("GIF", comment=b"c"),
    }


@pytest.mark.parametrize("media_type", [JPEG, PNG, WEBP, GIF])
def test_every_truncation_is_refused_cleanly(media_type: str) -> None:
    data = _samples()[media_type]
    assert image_type(data) == media_type
    for cut in range(len(data)):
        with pytest.raises(DamagedImage):
            strip_metadata(data[:cut], media_type)


def test_lengths_past_the_end_and_huge_counts_are_refused() -> None:
    jpeg = _saved("JPEG")
    with pytest.raises(DamagedImage, match="past the end"):
        strip_metadata(jpeg[:2] + b"\xff\xe1\xff\xff" + b"Exif\x00\x00", JPEG)
    png = _saved("PNG")
    huge = struct.pack(">I", 0xFFFFFFF0) + b"tEXt"
    with pytest.raises(DamagedImage, match="past the end"):
        strip_metadata(png[:33] + huge + png[33:], PNG)
    with pytest.raises(DamagedImage, match="checksum"):
        strip_metadata(png[:33] + struct.pack(">I", 1) + b"tEXtx\x00\x00\x00\x00" + png[33:], PNG)
    with pytest.raises(DamagedImage, match="critical chunk"):
        strip_metadata(_with_png_chunks(png, _chunk(b"ZZZZ", b"")), PNG)
    webp = _saved("WEBP", lossless=True)
    with pytest.raises(DamagedImage, match="RIFF header"):
        strip_metadata(webp[:4] + struct.pack("<I", 0xFFFFFFFE) + webp[8:], WEBP)
    # An EXIF block whose first directory claims 65,535 entries in a few bytes: dropped, no GPS read.
    lying = b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\xff\xff\x88\x25"
    segment = b"\xff\xe1" + struct.pack(">H", 2 + len(lying)) + lying
    assert strip_metadata(jpeg[:2] + segment + jpeg[2:], JPEG).found == (EXIF,)


def test_a_marker_where_none_may_be_is_refused() -> None:
    jpeg = _saved("JPEG")
    with pytest.raises(DamagedImage):
        strip_metadata(jpeg[:2] + b"\xff\xd8" + jpeg[2:], JPEG)
    with pytest.raises(DamagedImage, match="before any image data"):
        strip_metadata(b"\xff\xd8\xff\xd9", JPEG)
    with pytest.raises(DamagedImage, match="IHDR"):
        strip_metadata(b"\x89PNG\r\n\x1a\n" + _chunk(b"IEND", b""), PNG)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_damage_is_stripped_or_refused_never_a_crash(data: st.DataObject) -> None:
    samples = _samples()
    media_type = data.draw(st.sampled_from(sorted(samples)))
    original = bytearray(samples[media_type])
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(original) - 1))
        original[at] = data.draw(st.integers(0, 255))
    try:
        result = strip_metadata(bytes(original), media_type)
    except DamagedImage:
        return
    assert len(result.data) <= len(original)  # only ever removes
