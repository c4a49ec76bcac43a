"""Numbers and lists as a Danish text prints them: 32,5 and "39, 54 og 75"."""

import math

from .rounding import one_decimal

LEVEL_LABELS = {"too_high": "for højt", "about_right": "passende", "too_low": "for lavt"}


def plain(x):
    """A value read from CSV as a person means it: NaN as None, 214.0 as 214."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def shown(x, missing: str = "–") -> str:
    """A value as a line of text prints it: 214.0 as 214; NaN, None or a blank as the dash."""
    value = plain(x)
    return missing if value is None or value == "" else str(value)


def number(value) -> str:
    """20 -> '20', 32.5 -> '32,5', 217000 -> '217.000' (Danish: a point between thousands from five
    digits on, so years stay '2023'); at most one decimal, half up (a full-time caseload of
    115.9333 prints as 115,9); blank for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    value = one_decimal(value)
    if value.is_integer():
        return thousands(value) if abs(value) >= 10000 else str(int(value))
    return f"{value:.1f}".replace(".", ",")


def thousands(value) -> str:
    """A whole number with Danish thousands separators: 21060000 -> '21.060.000'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    value = float(value)
    if not value.is_integer():
        return number(value)
    return f"{int(value):,}".replace(",", ".")


def listing(items) -> str:
    """['39', '54', '75'] -> '39, 54 og 75'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} og {items[-1]}"


def span(low, high) -> str:
    """The report's 'fra 20-40': '20-40', or a single number when both ends agree."""
    return number(low) if number(low) == number(high) else f"{number(low)}-{number(high)}"


def one_decimal_text(value) -> str:
    """32 -> '32,0', 35.9 -> '35,9': a figure given to one decimal, printed with it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{float(value):.1f}".replace(".", ",")


def interval(low, high) -> str:
    """A 95 % interval with the same number of decimals on both ends: '32,0-35,9' (not '32-35,9')."""
    return f"{one_decimal_text(low)}-{one_decimal_text(high)}"


def signed(value) -> str:
    """A difference with its sign, one decimal, a true minus: '+2,3', '−4,1', '0,0'."""
    text = one_decimal_text(abs(value))
    return text if value == 0 else ("+" if value > 0 else "−") + text


def difference_interval(low, high) -> str:
    """A 95 % interval of a difference, which may cross 0: 'fra −4,1 til +0,5'."""
    return f"fra {signed(low)} til {signed(high)}"
