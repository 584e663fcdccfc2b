"""Hypothesis strategies for posting hostile form data: odd text, formulas, huge strings, wrong types."""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FORM_FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))

hostile_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "=cmd|' /C calc'!A0",
            "<script>alert(1)</script>",
            "-1",
            "0",
            "1e309",
            "NaN",
            "9" * 40,
            "2.17.07.1.01.0002",
            "510035170239",
            "3517010101040001",
            "35.17",
            "' OR 1=1 --",
            "a\x00b",
            "bel\x07",
            "\x0bvt",
            "esc\x1b[31m",
        ]
    ),
    st.integers(-(10**20), 10**20).map(str),
    st.integers(300, 5000).map(lambda n: "x" * n),
)


def field_values(*valid):
    """A field's posted value: one of the valid choices or something hostile."""
    return st.one_of(st.sampled_from([str(v) for v in valid]), hostile_text) if valid else hostile_text
