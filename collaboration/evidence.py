"""Evidence files: what is accepted, judged by the content, never by the name.

Accepted: PDF, PNG, JPEG, GIF, WebP, and office documents (Word, Excel, PowerPoint in
the Office Open XML format without macros; OpenDocument text, spreadsheet, presentation).
Refused: everything else — executables however named, HTML, SVG (it can hold script),
old binary office files (macros), archives, and zip files that would unpack to more than
EVIDENCE_MAX_UNPACKED_BYTES or hold too many entries (zip bombs).
"""

import zipfile

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from .file_types import DOCX, EXTENSIONS, ODP, ODS, ODT, PDF, PPTX, XLSX
from .models import Evidence

OOXML = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
MAX_ZIP_ENTRIES = 2000


def sniff(head):
    """The type the first bytes show, for the types that need no unpacking (or None)."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def _office_type(upload):
    """The office document type of a zip upload, after the zip-bomb checks."""
    try:
        archive = zipfile.ZipFile(upload)
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError(_("This file is damaged or not a document.")) from None
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ZIP_ENTRIES or unpacked > settings.EVIDENCE_MAX_UNPACKED_BYTES:
        raise ValidationError(_("This document unpacks to too much data to be accepted."))
    names = {entry.filename for entry in entries}
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(_("Documents with macros are not accepted."))
    if "mimetype" in names:
        try:
            declared = archive.read("mimetype")[:100].decode("ascii").strip()
        except (UnicodeDecodeError, zipfile.BadZipFile, OSError, RuntimeError):
            declared = ""
        if declared in {ODT, ODS, ODP}:
            return declared
    if "[Content_Types].xml" in names:
        for folder, content_type in OOXML.items():
            if any(name.startswith(folder) for name in names):
                return content_type
    return None


def check(upload):
    """(content type, safe display name) of an acceptable upload; else ValidationError."""
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the largest accepted is %(max)s.")
            % {
                "size": filesizeformat(upload.size),
                "max": filesizeformat(settings.EVIDENCE_MAX_BYTES),
            }
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff(head)
    if content_type is None and head.startswith(b"PK\x03\x04"):
        content_type = _office_type(upload)
        upload.seek(0)
    if content_type is None:
        raise ValidationError(
            _(
                "This kind of file is not accepted. Upload a PDF, an image (PNG, JPEG, GIF, "
                "WebP) or an office document (Word, Excel, PowerPoint, OpenDocument)."
            )
        )
    return content_type, display_name(upload.name, content_type)


def display_name(name, content_type):
    """The uploader's file name, made safe for a header, ending in the checked type."""
    try:
        stem = get_valid_filename((name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    except SuspiciousFileOperation:  # nothing usable left of the name
        stem = ""
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return f"{stem[:150] or 'file'}{EXTENSIONS[content_type]}"


def add(follow_up, upload, user):
    """Store an acceptable upload as evidence of `follow_up` (else ValidationError)."""
    if follow_up.evidence.count() >= settings.EVIDENCE_MAX_FILES:
        raise ValidationError(
            _("A follow-up holds at most %(max)s files: remove one first.")
            % {"max": settings.EVIDENCE_MAX_FILES}
        )
    content_type, name = check(upload)
    evidence = Evidence(
        follow_up=follow_up,
        name=name,
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    evidence._change_reason = "file added"
    evidence.file.save(name, upload, save=False)
    evidence.save()
    return evidence


def remove(evidence):
    """The row and the stored file go; the history keeps that the file was there."""
    evidence._change_reason = "file removed"
    storage, path = evidence.file.storage, evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(path))
