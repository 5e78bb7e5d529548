"""A municipality's logo, made safe once at upload: whatever comes in (PNG, JPEG, SVG) is
turned into a PNG of bounded size that the portal made itself.

An SVG is a document that can carry scripts and references to other files or hosts; it is
rasterised here with CairoSVG in its safe mode (no external files or entities), so none of
that ever reaches a page, the PDF renderer or the Word version. A PNG or JPEG is decoded
with Pillow's decompression-bomb guard, scaled down and written anew (no metadata kept).
"""

import io
import warnings

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 1024 * 1024
MAX_SIDE = 800  # pixels of the stored PNG's longer side: sharp on an A4 cover
MAX_PIXELS = 40_000_000  # of the upload, decoded


def _kind(data):
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    head = data[:1024].lstrip().lower()
    if head.startswith(b"<?xml") or head.startswith(b"<svg") or b"<svg" in head:
        return "svg"
    return None


def _refused():
    return ValidationError(_("Choose a PNG, JPEG or SVG image."), code="logo_type")


def _rasterise_svg(data):
    import cairosvg

    try:
        # unsafe=False (the default): no external files, no XML entities are loaded.
        return cairosvg.svg2png(bytestring=data, output_width=MAX_SIDE, unsafe=False)
    except Exception as exc:  # noqa: BLE001 - any parsing problem means "not a usable SVG"
        raise ValidationError(
            _("The SVG file could not be read as an image."), code="logo_svg"
        ) from exc


def normalise_logo(data, size=None):
    """PNG bytes of the logo, at most MAX_SIDE pixels on its longer side. `size`: the
    upload's whole size, when only its beginning was read."""
    from PIL import Image

    size = max(size or 0, len(data))
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The logo is %(size)s; at most %(max)s can be uploaded.")
            % {"size": filesizeformat(size), "max": filesizeformat(MAX_UPLOAD_BYTES)},
            code="logo_size",
        )
    kind = _kind(data)
    if kind is None:
        raise _refused()
    if kind == "svg":
        data = _rasterise_svg(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            previous, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, MAX_PIXELS
            try:
                image = Image.open(io.BytesIO(data))
                if image.format not in ("PNG", "JPEG"):
                    raise _refused()
                image.load()
            finally:
                Image.MAX_IMAGE_PIXELS = previous
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("The image is too large in pixels; use one of at most %(side)d pixels a side.")
            % {"side": 4000},
            code="logo_pixels",
        ) from exc
    except Exception as exc:  # noqa: BLE001 - a damaged or disguised file
        raise ValidationError(
            _("The file could not be read as an image."), code="logo_bad"
        ) from exc
    image = image.convert("RGBA")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
