"""The evidence file types accepted, by content type, and the extension each is stored with.

Below both the model (`Evidence.extension`) and the upload checks (`evidence.py`), which
imports the model.
"""

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"

EXTENSIONS = {
    PDF: ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    DOCX: ".docx",
    XLSX: ".xlsx",
    PPTX: ".pptx",
    ODT: ".odt",
    ODS: ".ods",
    ODP: ".odp",
}
