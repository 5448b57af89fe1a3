"""Countries: codes and the names proposals and exports actually use."""

from __future__ import annotations

import pytest

from collabguard.countries import country_code


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("NO", "NO"), ("no", "NO"), ("Norway", "NO"), ("Norge", "NO"),
        ("CN", "CN"), ("China", "CN"), ("Peoples R China", "CN"), ("People's Republic of China", "CN"), ("P.R. China", "CN"),
        ("Russia", "RU"), ("Russian Federation", "RU"), ("Iran", "IR"), ("Iran, Islamic Republic of", "IR"),
        ("USA", "US"), ("United States", "US"), ("UK", "GB"), ("England", "GB"), ("Scotland", "GB"),
        ("South Korea", "KR"), ("Korea", "KR"), ("North Korea", "KP"),
        ("Taiwan", "TW"), ("Hong Kong", "HK"), ("Macau", "MO"),  # kept distinct from CN
        ("NA", "NA"), ("Namibia", "NA"),  # Namibia is not a missing value
        ("Türkiye", "TR"), ("CHN", "CN"),
    ],
)
def test_known_countries(value: str, code: str) -> None:
    assert country_code(value) == code


@pytest.mark.parametrize("value", ["Narnia", "XX", "", "  ", "Europe", "ZZZ"])
def test_unknown_countries_are_none(value: str) -> None:
    assert country_code(value) is None
