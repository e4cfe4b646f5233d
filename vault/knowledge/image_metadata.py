"""Taking the metadata out of an image without touching its pixels.

A photo carries more than it shows: where it was taken (EXIF GPS), when, on
which phone, the software that edited it (XMP), the photographer's name
(IPTC), and sometimes a thumbnail of the picture before it was cropped. A
worker who licenses an entry with a screenshot or a photo means to share the
picture, not that. ``strip_metadata`` returns the same image with those parts
removed: the container is walked and the parts that are kept are copied byte
for byte, so the compressed image data is never decoded or encoded again
(no quality is lost, and nothing a decoder would do differently can creep
in). Pillow and Qt re-encode when they save a JPEG, which is why this is
done by hand; the formats are simple enough to walk, and no maintained
library does it losslessly for all four.

What is kept, per type, is an allow-list: what decoding needs, and colour.
Anything else, known or not, is dropped, so a new kind of metadata chunk
does not slip through because nobody listed it.

* **JPEG**: every segment a decoder reads (SOF, DHT, DQT, DRI, SOS and the
  entropy-coded data, DNL, DAC, EXP); APP0 ``JFIF`` (pixel density; its
  thumbnail, if any, is cut out); APP14 ``Adobe`` (says whether the data is
  YCbCr, RGB or CMYK); APP2 ``ICC_PROFILE`` (the colour space: dropping it
  shifts the colours of wide-gamut photos, and a profile describes a device
  class, not a person). Dropped: APP1 (EXIF with its GPS, XMP), APP13
  (Photoshop, IPTC), COM, every other APPn (MPF, FlashPix, maker notes) and
  anything after the end of the image (appended videos, vendor trailers).
* **PNG**: the critical chunks (IHDR, PLTE, IDAT, IEND), transparency and
  colour (tRNS, gAMA, cHRM, sRGB, iCCP, sBIT, cICP, mDCV, cLLI, bKGD, pHYs)
  and animation (acTL, fcTL, fdAT). Dropped: tEXt, zTXt, iTXt (text, XMP),
  eXIf, tIME, every private or unknown ancillary chunk, and anything after
  IEND. Chunks are independent, so nothing is recomputed.
* **WebP**: VP8, VP8L, VP8X, ALPH, ICCP, ANIM, ANMF. Dropped: EXIF, XMP and
  unknown chunks; the VP8X flags for EXIF and XMP are cleared and the RIFF
  size written again.
* **GIF**: image blocks, graphic control and plain-text extensions, and the
  looping application extension (NETSCAPE2.0, ANIMEXTS1.0). Dropped:
  comments, every other application extension (XMP) and anything after the
  trailer.

Every other type (PDF, Office files, SVG…) is not touched: ``cleans`` says
so, and the licensing review tells the worker that its metadata leaves with
it.

The bytes come from the worker's vault, but an image there came from
anywhere, so it is parsed as hostile: every length is checked against what
is left before it is used, loops end with the data, and a structure that is
not as its type says (a segment running past the end, a missing end marker,
a bad chunk checksum, an unknown critical chunk) raises ``DamagedImage``
rather than passing bytes through that were not understood.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from knowhold.vault.errors import DamagedImage

# What was found and removed, as ``Stripped.found`` names it.
EXIF = "exif"
GPS = "gps"  # a GPS position inside the EXIF
XMP = "xmp"
IPTC = "iptc"  # and other Photoshop resources
COMMENT = "comment"
TEXT = "text"  # PNG text chunks
TIME = "time"  # PNG modification time
THUMBNAIL = "thumbnail"  # a JFIF thumbnail
TRAILING = "trailing"  # bytes after the image's end
OTHER = "other"  # any other metadata segment or chunk
FOUND_ORDER = (GPS, EXIF, XMP, IPTC, COMMENT, TEXT, TIME, THUMBNAIL, TRAILING, OTHER)

JPEG = "image/jpeg"
PNG = "image/png"
WEBP = "image/webp"
GIF = "image/gif"


@dataclass(frozen=True, slots=True)
class Stripped:
    data: bytes  # the image without its metadata (the same bytes for a type not cleaned)
    cleaned: bool  # False: a type this module does not clean, carried as it is
    found: tuple[str, ...] = ()  # what was removed, in ``FOUND_ORDER``


def cleans(media_type: str) -> bool:
    """True if ``strip_metadata`` removes the metadata of files of this type."""
    return media_type in _STRIPPERS


def strip_metadata(data: bytes, media_type: str) -> Stripped:
    """``data`` without its metadata if ``media_type`` is an image type cleaned here, else as it is.

    ``media_type`` is what ``attachments.mime_of`` tells from the bytes' magic;
    ``DamagedImage`` if the bytes are not the structure that type says.
    """
    stripper = _STRIPPERS.get(media_type)
    if stripper is None:
        return Stripped(data, False)
    found: set[str] = set()
    out = stripper(data, found)
    return Stripped(out, True, tuple(k for k in FOUND_ORDER if k in found))


def _damaged(what: str) -> DamagedImage:
    return DamagedImage(f"The image cannot be cleaned of its metadata: {what}.")


# -- JPEG ------------------------------------------------------------------------------

_SOI, _EOI, _SOS, _COM = 0xD8, 0xD9, 0xDA, 0xFE
_APP0, _APP1, _APP2, _APP13, _APP14 = 0xE0, 0xE1, 0xE2, 0xED, 0xEE
# Markers without a length: the restart markers and TEM.
_STANDALONE = frozenset((0x01, *range(0xD0, 0xD8)))


def _jpeg(data: bytes, found: set[str]) -> bytes:
    if not data.startswith(b"\xff\xd8"):
        raise _damaged("no JPEG start marker")
    out = [data[:2]]
    pos, end, scanned = 2, len(data), False
    while True:
        if pos >= end or data[pos] != 0xFF:
            raise _damaged("a JPEG segment does not start with a marker, or the image is cut short")
        while pos < end and data[pos] == 0xFF:  # fill bytes before a marker
            pos += 1
        if pos >= end:
            raise _damaged("the JPEG image is cut short")
        marker = data[pos]
        pos += 1
        if marker == _EOI:
            if not scanned:
                raise _damaged("the JPEG image ends before any image data")
            out.append(b"\xff\xd9")
            if pos < end:
                found.add(TRAILING)
            return b"".join(out)
        if marker in _STANDALONE:
            out.append(bytes((0xFF, marker)))
            continue
        if marker == _SOI or marker == 0x00:
            raise _damaged("a JPEG marker where none may be")
        if pos + 2 > end:
            raise _damaged("the JPEG image is cut short")
        (length,) = struct.unpack_from(">H", data, pos)
        if length < 2 or pos + length > end:
            raise _damaged("a JPEG segment runs past the end of the file")
        payload = data[pos + 2 : pos + length]
        segment = data[pos - 2 : pos + length]
        pos += length
        kept = _jpeg_segment(marker, payload, segment, found)
        if kept:
            out.append(kept)
        if marker == _SOS:
            scanned = True
            start = pos
            pos = _entropy_end(data, pos)
            out.append(data[start:pos])


def _jpeg_segment(marker: int, payload: bytes, segment: bytes, found: set[str]) -> bytes:
    """The segment as kept (``b""``: dropped); what was dropped goes into ``found``."""
    if not 0xE0 <= marker <= 0xEF and marker != _COM:
        return segment  # a segment the decoder reads
    if marker == _APP0 and payload.startswith(b"JFIF\x00") and len(payload) >= 14:
        if payload[12] or payload[13]:  # a thumbnail's width and height: cut it out
            found.add(THUMBNAIL)
            return b"\xff\xe0\x00\x10" + payload[:12] + b"\x00\x00"
        return segment
    if marker == _APP14 and payload.startswith(b"Adobe"):
        return segment
    if marker == _APP2 and payload.startswith(b"ICC_PROFILE\x00"):
        return segment
    if marker == _APP1 and payload.startswith(b"Exif\x00"):
        found.add(EXIF)
        if _exif_has_gps(payload[6:]):
            found.add(GPS)
    elif marker == _APP1 and b"ns.adobe.com/xap/" in payload[:64]:
        found.add(XMP)
    elif marker == _APP13:
        found.add(IPTC)
    elif marker == _COM:
        found.add(COMMENT)
    else:
        found.add(OTHER)
    return b""


def _entropy_end(data: bytes, pos: int) -> int:
    """Where the entropy-coded data after a scan header ends: at the next marker.

    Inside it, ``FF 00`` is a stuffed byte and ``FF D0``-``FF D7`` restart
    markers, which belong to the data.
    """
    end = len(data)
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= end:
            raise _damaged("the JPEG image data is cut short")
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            pos += 2
        elif following == 0xFF:
            pos += 1
        else:
            return pos


_GPS_POINTER = 0x8825
_MAX_IFD_ENTRIES = 4096  # far more than any camera writes; bounds the walk


def _exif_has_gps(tiff: bytes) -> bool:
    """True if IFD0 of this EXIF (TIFF) block points at a GPS IFD.

    The block is dropped whatever it holds; this only says what was in it, so
    a damaged one is no error, just no GPS found.
    """
    if tiff[:4] == b"II*\x00":
        order = "<"
    elif tiff[:4] == b"MM\x00*":
        order = ">"
    else:
        return False
    if len(tiff) < 8:
        return False
    (offset,) = struct.unpack_from(order + "I", tiff, 4)
    if offset + 2 > len(tiff):
        return False
    (count,) = struct.unpack_from(order + "H", tiff, offset)
    count = min(count, _MAX_IFD_ENTRIES, (len(tiff) - offset - 2) // 12)
    for i in range(count):
        (tag,) = struct.unpack_from(order + "H", tiff, offset + 2 + 12 * i)
        if tag == _GPS_POINTER:
            return True
    return False


# -- PNG -------------------------------------------------------------------------------

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_CRITICAL = frozenset((b"IHDR", b"PLTE", b"IDAT", b"IEND"))
_PNG_KEPT = _PNG_CRITICAL | frozenset(
    (
        *(b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"cICP", b"mDCV", b"cLLI"),
        *(b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT"),
    )
)
_PNG_FOUND = {b"tEXt": TEXT, b"zTXt": TEXT, b"iTXt": TEXT, b"tIME": TIME, b"eXIf": EXIF}
_MAX_PNG_CHUNK = 2**31 - 1  # the PNG specification's limit on a chunk's length


def _png(data: bytes, found: set[str]) -> bytes:
    if not data.startswith(_PNG_SIGNATURE):
        raise _damaged("no PNG signature")
    out = [_PNG_SIGNATURE]
    pos, end, first = len(_PNG_SIGNATURE), len(data), True
    while True:
        if pos + 8 > end:
            raise _damaged("the PNG image is cut short (no IEND chunk)")
        length, kind = struct.unpack_from(">I4s", data, pos)
        stop = pos + 12 + length
        if length > _MAX_PNG_CHUNK or stop > end:
            raise _damaged("a PNG chunk runs past the end of the file")
        if not kind.isalpha() or not kind.isascii():
            raise _damaged("a PNG chunk has no valid type")
        if first != (kind == b"IHDR"):
            raise _damaged("a PNG image must start with its IHDR chunk, once")
        first = False
        (crc,) = struct.unpack_from(">I", data, stop - 4)
        if zlib.crc32(data[pos + 4 : stop - 4]) != crc:
            raise _damaged("a PNG chunk's checksum is wrong")
        if kind in _PNG_KEPT:
            out.append(data[pos:stop])
        elif kind[0] & 0x20 == 0:  # an upper-case first letter: a decoder must understand it
            raise _damaged(f"the PNG image has a critical chunk this reader does not know ({kind!r})")
        else:
            found.add(_PNG_FOUND.get(kind, OTHER))
            if kind == b"eXIf" and _exif_has_gps(data[pos + 8 : stop - 4]):
                found.add(GPS)
        pos = stop
        if kind == b"IEND":
            if pos < end:
                found.add(TRAILING)
            return b"".join(out)


# -- WebP ------------------------------------------------------------------------------

_WEBP_KEPT = frozenset((b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ICCP", b"ANIM", b"ANMF"))
_WEBP_FOUND = {b"EXIF": EXIF, b"XMP ": XMP}
_VP8X_EXIF_XMP = 0x08 | 0x04


def _webp(data: bytes, found: set[str]) -> bytes:
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise _damaged("no RIFF WebP header")
    (size,) = struct.unpack_from("<I", data, 4)
    end = 8 + size
    if size < 4 or end > len(data):
        raise _damaged("the WebP file's size does not match its RIFF header")
    out: list[bytes] = []
    pos = 12
    while pos < end:
        if pos + 8 > end:
            raise _damaged("a WebP chunk is cut short")
        kind, length = struct.unpack_from("<4sI", data, pos)
        stop = pos + 8 + length + (length & 1)
        if stop > end + (length & 1):
            raise _damaged("a WebP chunk runs past the end of the file")
        # Some writers leave out the last chunk's padding byte: written back here.
        chunk = data[pos : min(stop, end)].ljust(stop - pos, b"\x00")
        if kind == b"VP8X":
            if length < 10:
                raise _damaged("the WebP VP8X chunk is too short")
            chunk = chunk[:8] + bytes((chunk[8] & ~_VP8X_EXIF_XMP,)) + chunk[9:]
        if kind in _WEBP_KEPT:
            out.append(chunk)
        else:
            found.add(_WEBP_FOUND.get(kind, OTHER))
            if kind == b"EXIF" and _exif_has_gps(_after_exif_header(data[pos + 8 : pos + 8 + length])):
                found.add(GPS)
        pos = stop
    if not out:
        raise _damaged("the WebP file holds no image")
    if end < len(data):
        found.add(TRAILING)
    body = b"".join(out)
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def _after_exif_header(exif: bytes) -> bytes:
    # Some writers put JPEG's "Exif\0\0" before the TIFF header in WebP and PNG too.
    return exif[6:] if exif.startswith(b"Exif\x00\x00") else exif


# -- GIF -------------------------------------------------------------------------------

_GIF_LOOPING = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


def _gif(data: bytes, found: set[str]) -> bytes:
    if len(data) < 13 or data[:6] not in (b"GIF87a", b"GIF89a"):
        raise _damaged("no GIF header")
    pos = 13 + _color_table(data[10])
    out = [data[:pos]]
    end = len(data)
    while True:
        if pos >= end:
            raise _damaged("the GIF image is cut short (no trailer)")
        block = data[pos]
        if block == 0x3B:
            out.append(b"\x3b")
            if pos + 1 < end:
                found.add(TRAILING)
            return b"".join(out)
        if block == 0x2C:  # an image: descriptor, local colour table, LZW code size, data
            if pos + 10 > end:
                raise _damaged("a GIF image descriptor is cut short")
            stop = _sub_blocks(data, pos + 10 + _color_table(data[pos + 9]) + 1)
            out.append(data[pos:stop])
        elif block == 0x21:  # an extension: label, then sub-blocks
            if pos + 2 > end:
                raise _damaged("a GIF extension is cut short")
            label = data[pos + 1]
            stop = _sub_blocks(data, pos + 2)
            if label in (0xF9, 0x01) or (label == 0xFF and data[pos + 3 : pos + 14] in _GIF_LOOPING):
                out.append(data[pos:stop])
            elif label == 0xFE:
                found.add(COMMENT)
            else:
                found.add(XMP if data[pos + 3 : pos + 11] == b"XMP Data" else OTHER)
        else:
            raise _damaged("an unknown GIF block")
        pos = stop


def _color_table(flags: int) -> int:
    """The size in bytes of the colour table a GIF descriptor's flags announce."""
    return 3 << ((flags & 0x07) + 1) if flags & 0x80 else 0


def _sub_blocks(data: bytes, pos: int) -> int:
    """Where a chain of GIF data sub-blocks (size byte, bytes; a zero size ends it) ends."""
    end = len(data)
    while True:
        if pos >= end:
            raise _damaged("GIF data is cut short")
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos


_STRIPPERS = {JPEG: _jpeg, PNG: _png, WEBP: _webp, GIF: _gif}
