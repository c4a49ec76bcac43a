"""sagstal: the computations behind DS' caseload survey reports, as pure, tested functions."""
