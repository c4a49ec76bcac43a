"""The audit: every published figure beside the computed one, with a reason for each difference."""
