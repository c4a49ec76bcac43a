"""The audit's verdicts: match, explained by a written contradiction, judgement, unexplained."""

from sagstal.audit.compare import EXPLAINED, JUDGEMENT, MATCH, NOT_COMPUTED, UNEXPLAINED, compare, same

PUBLISHED = {
    "summary": {"respondents": 214, "declined": 52},
    "areas": {"x": {"n": 72,
                    "current": {"mean": 31, "main_range": "26-35", "bins": [["20-25", 12, 17], ["26-30", 0, None]]},
                    "assessment": {"too_high": {"n": 58, "pct": 82}}}},
    "contradictions": [{"id": "c", "figures": ["x.assessment.too_high.pct"], "note": "58/72 = 80,6 %.",
                        "resolution": "Beregnet."}],
}


def test_compare_verdicts():
    computed = {"summary.respondents": 214, "x.n": 72, "x.current.mean": 32, "x.current.main_range": "31-40",
                "x.current.bins.20-25.count": 12, "x.current.bins.20-25.pct": 17,
                "x.current.bins.26-30.count": 0, "x.current.bins.26-30.pct": 0,
                "x.assessment.too_high.n": 58, "x.assessment.too_high.pct": 81}
    audit = compare(PUBLISHED, computed, "reglen").set_index("figure")
    assert audit.loc["summary.respondents", "status"] == MATCH
    assert audit.loc["summary.declined", "status"] == NOT_COMPUTED
    assert audit.loc["x.current.mean", "status"] == UNEXPLAINED
    assert audit.loc["x.current.main_range", "status"] == JUDGEMENT
    assert "31-40" in audit.loc["x.current.main_range", "explanation"]
    assert audit.loc["x.assessment.too_high.pct", "status"] == EXPLAINED
    assert "80,6" in audit.loc["x.assessment.too_high.pct", "explanation"]
    # a percentage the report leaves blank is not a figure to audit
    assert "x.current.bins.26-30.pct" not in audit.index


def test_same():
    assert same(31, 31.0) and same("26-35", "26-35") and same(None, float("nan"))
    assert same(["40", "39"], ["39", "40"])
    assert not same(31, 32) and not same(None, 0)
