"""Rich-text feature lists, named once and used by every field and block."""

# Lead paragraphs and short summaries: emphasis and links only.
INLINE_FEATURES = ["bold", "italic", "link"]

# Body copy written by faculty and staff.
BODY_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "hr",
    "blockquote",
]
