"""Figures from tidy tables: per area, per wave, precision, guideline sets and staffing, the caseworker tables."""
