"""The bottom layer: rounding, typed answers, bins, guidelines, caps, Danish formats, file I/O, errors, jobs."""
