"""Commands: new_wave, hiring, reconstruct, reference, summary, browser (make new-wave, hiring, reconstruct, reference, pdf)."""
