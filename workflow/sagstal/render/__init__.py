"""What people read: charts, appendices (Excel, Word, Markdown, HTML), the report page, redaction and suppression."""
