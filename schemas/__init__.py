"""Row models and the DuckDB schema: what the pipeline writes and analysts query."""
