"""Articles stage: raw documents -> clean articles (segmentation, metadata, near-duplicates)."""
