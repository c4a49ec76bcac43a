"""Export to tidy tables: codebooks, export readers, the exclusions ledger, the quality gate, both survey designs."""
