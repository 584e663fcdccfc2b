"""Logs never carry personal data: the handler configured in settings masks NIK and phone numbers and drops the
traceback of expected 4xx answers."""

import io
import logging

import pytest
from django.core.exceptions import PermissionDenied

from opop.common.log_filters import MaskPersonalData, mask_personal_data

pytestmark = pytest.mark.logs_personal_data  # these tests log personal data on purpose, to see it masked


@pytest.fixture
def console():
    """The root console handler exactly as settings.LOGGING configured it, writing into a buffer."""
    handlers = [h for h in logging.getLogger().handlers if any(isinstance(f, MaskPersonalData) for f in h.filters)]
    assert len(handlers) == 1, "settings.LOGGING must put the mask on the console handler"
    handler = handlers[0]
    buffer = io.StringIO()
    old = handler.setStream(buffer)
    yield buffer
    handler.setStream(old)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Key (nik)=(3517010101900001) already exists.", "Key (nik)=([NIK]) already exists."),
        ("telepon 081234567890", "telepon [telepon]"),
        ("telepon +62 812-3456-7890.", "telepon [telepon]."),
        ("telepon 0813 3456 7890", "telepon [telepon]"),
        (
            "batch 42: 100000 baris, 12.5 dtk, 2026-12-01 21:32:14",
            "batch 42: 100000 baris, 12.5 dtk, 2026-12-01 21:32:14",
        ),
        ("NSPP 510035170239", "NSPP 510035170239"),  # 12 digits: a pesantren, not a person
    ],
)
def test_mask_replaces_nik_and_phone_numbers_only(text, expected):
    assert mask_personal_data(text) == expected


def test_a_message_argument_with_a_nik_is_masked_in_the_log_output(console):
    logging.getLogger("opop.some.module").error("Key (nik)=(%s) already exists", "3517010101900001")
    assert "3517010101900001" not in console.getvalue()
    assert "Key (nik)=([NIK]) already exists" in console.getvalue()


def test_a_traceback_quoting_a_nik_and_a_phone_is_masked(console):
    try:
        raise ValueError("duplicate key: Key (nik)=(3517010101900001), hp 081234567890")
    except ValueError:
        logging.getLogger("django.request").exception("Internal Server Error: /santripreneur/")
    output = console.getvalue()
    assert "Traceback" in output and "ValueError" in output
    assert "3517010101900001" not in output and "081234567890" not in output


def test_django_loggers_have_no_handler_around_the_mask():
    assert logging.getLogger("django").handlers == []
    assert logging.getLogger("django").propagate


def test_a_403_is_logged_without_a_traceback(console, as_persona, pesantren_nspps):
    # A Pimpinan posting to a Staf-only page: PermissionDenied, logged by django.request as a warning.
    as_persona("pimpinan").post("/pesantren/baru/", {})
    output = console.getvalue()
    assert "Forbidden" in output
    assert "Traceback" not in output and "PermissionDenied" not in output


def test_a_500_keeps_its_traceback(console):
    try:
        raise PermissionDenied("not an answer this time")
    except PermissionDenied:
        logging.getLogger("django.request").error(
            "Internal Server Error: /x/", exc_info=True, extra={"status_code": 500}
        )
    assert "Traceback" in console.getvalue()
