"""The template zoo: real form layouts rendered to XLSX, DOCX and PDF with their truth (see README.md)."""
