"""Intervals with hand-checked values."""


from sagstal.stats.precision import bootstrap_mean, clear_change, wilson


def test_wilson_40_of_72():
    # By hand, z = 1.96: p = 0.5556; centre = (p + z²/2n) / (1 + z²/n) = 0.5528;
    # half width = z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n) = 0.1119  ->  44.1 % to 66.5 %.
    assert wilson(40, 72) == (44.1, 66.5)


def test_wilson_edges():
    low, high = wilson(0, 29)
    assert low == 0.0 and 11 < high < 12.5  # never below 0, yet not a zero-width interval
    assert wilson(5, 0) == (None, None)


def test_bootstrap_is_stable_for_a_fixed_seed():
    values = [20, 25, 31, 33, 38, 40, 28, 35, 30, 26, 44, 37]
    first = bootstrap_mean(values, seed=2023, resamples=2000)
    assert first == bootstrap_mean(values, seed=2023, resamples=2000)
    mean = sum(values) / len(values)
    assert first[0] < mean < first[1]
    assert bootstrap_mean([30, 30, 30], seed=1, resamples=100) == (None, None)


def test_a_change_is_clear_only_outside_the_interval():
    assert clear_change(73, 67.7, 83.5) is False  # voksenpsykiatri: 73 -> 75 is within the noise
    assert clear_change(85, 70.4, 79.9) is True
    assert clear_change(50, None, None) is True  # no interval (one answer): say what changed
