"""Pages generated from the records: Markdown with HTML blocks, portable to
any generator that renders Markdown (MkDocs today)."""
