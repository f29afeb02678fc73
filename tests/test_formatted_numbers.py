"""rnnviz.i18n.numbers.formatted: a number in a Python format spec as a reader of each language writes it.
English is exactly format(value, spec); Spanish is compared with numbers written out by hand (RAE)."""
import math

import pytest

from rnnviz.i18n import t
from rnnviz.i18n.numbers import formatted

NB = "\u00a0"      # the no-break space
CASES = [          # value, spec, Spanish
    (0.5, ".4g", "0,5"),
    (-0.25, ".4f", "-0,2500"),
    (0.9999, ".2f", "1,00"),                     # rounds up across the mark
    (-0.9999, ".2f", "-1,00"),
    (0.78, ".1%", f"78,0{NB}%"),
    (1 / 3, ".0%", f"33{NB}%"),
    (-0.005, ".1%", f"-0,5{NB}%"),
    (1.2e-05, ".2e", "1,20·10⁻⁵"),
    (-1.234e-05, ".1e", "-1,2·10⁻⁵"),
    (3.5e10, ".3g", "3,5·10¹⁰"),
    (1.234e-05, ".3g", "1,23·10⁻⁵"),               # g chooses the exponent: written the same way
    (0.0, ".2e", "0,00·10⁰"),
    (123456.0, ".4g", "1,235·10⁵"),
    (12345.678, ",.2f", f"12{NB}345,68"),         # grouped where the spec groups, from five digits on
    (8711, ",", "8711"),
    (1234567, ",", f"1{NB}234{NB}567"),
    (12345.678, ".2f", "12345,68"),              # not grouped where English is not either
    (0.5, "", "0,5"),
    (42, "", "42"),
    (1e-07, "", "1·10⁻⁷"),
    (0.5, ">8.2f", "    0,50"),
    (-0.5, "08.2f", "-0000,50"),
    (2.0, "+.1f", "+2,0"),
]


@pytest.mark.parametrize("value, spec, spanish", CASES)
def test_spanish_writes_a_comma_a_spaced_percent_and_a_power_of_ten(value, spec, spanish):
    assert formatted(value, spec, "es") == spanish


@pytest.mark.parametrize("value, spec", [(v, s) for v, s, _ in CASES]
                         + [(math.nan, ".2f"), (math.inf, ".4g"), (-math.inf, ".1%"), (math.nan, ".2e")])
def test_english_is_python_byte_for_byte(value, spec):
    assert formatted(value, spec, "en") == format(value, spec)


@pytest.mark.parametrize("value, spec, spanish", [(math.nan, ".2f", "nan"), (math.inf, ".4g", "inf"),
                                                  (-math.inf, ".2e", "-inf"), (math.nan, ".1%", f"nan{NB}%")])
def test_spanish_nan_and_infinities_as_python_writes_them(value, spec, spanish):
    assert formatted(value, spec, "es") == spanish


@pytest.mark.parametrize("value, spec", [("texto", ">8"), (True, ""), (255, "x"), (None, "")])
def test_what_is_no_decimal_number_is_left_to_python(value, spec):
    assert formatted(value, spec, "es") == format(value, spec)


def test_numpy_and_torch_scalars_too():
    np = pytest.importorskip("numpy")
    assert formatted(np.float32(0.25), ".2f", "es") == "0,25"
    assert formatted(np.float64(0.25), ".1%", "es") == f"25,0{NB}%"


def test_a_sentence_writes_its_numbers_in_its_language():
    """t() fills a Spanish sentence's numbers as Spanish writes them, an English one as Python does."""
    es = t("lesson.radius.caption", "es", rho=0.5, T=50, ratio=1.5e-05)
    en = t("lesson.radius.caption", "en", rho=0.5, T=50, ratio=1.5e-05)
    assert "0,5" in es and "1,5·10⁻⁵" in es and "0.5" not in es
    assert "0.5" in en and "1.5e-05" in en
    assert t("app.parameters", "es", count=12345) == f"12{NB}345 parámetros"
    assert t("app.parameters", "en", count=12345) == "12,345 parameters"


def test_a_text_tooltip_writes_its_value_in_the_pages_language():
    """Inside's coloured text: its hover may be a function, as the page passes one writing the learner's marks."""
    from rnnviz.figures.inside import activation_html

    spanish = activation_html(["a", "b"], [0.5, -0.25], hover=lambda t, value: f"t={t}: {formatted(value, '.4g', 'es')}")
    assert 'title="t=0: 0,5"' in spanish and 'title="t=1: -0,25"' in spanish
    assert 'title="t=1: -0.25"' in activation_html(["a", "b"], [0.5, -0.25])      # the template, as before
