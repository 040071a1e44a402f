"""The neutral raw-file layer below both evidence types: files read once and read-only,
text encodings and CSV, zip containers and spreadsheets checked before they are parsed,
and spreadsheet-safe text for exports. Neither ``surveys`` nor ``interviews`` is imported
here."""
