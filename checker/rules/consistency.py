"""Text that contradicts itself without arithmetic: one event given two dates or counts,
a year that does not belong to the document, an organisation that is not the author.
"""

from __future__ import annotations
