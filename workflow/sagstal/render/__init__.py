"""Rendering: the appendices and the report, as Excel workbooks, charts, Markdown and HTML."""
