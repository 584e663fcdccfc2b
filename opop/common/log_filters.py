"""Log filters attached to every handler (settings.LOGGING): logs never carry personal data.

- `MaskPersonalData` rewrites each record's message and exception text, replacing 16-digit NIK-like numbers and
  Indonesian phone numbers. Database errors quote the values that clashed (`Key (nik)=(3517…)`), so code must not
  log them in the first place; this filter is the net under that rule.
- `NoTracebackBelow500` drops the traceback Django attaches to 403/404 records: expected answers, not faults."""

import logging
import re

NIK_LIKE = re.compile(r"(?<!\d)\d{16}(?!\d)")
PHONE_LIKE = re.compile(r"(?<![\d+])(?:\+62|62|0)[\s.-]?8\d{1,3}(?:[\s.-]?\d){5,9}(?!\d)")


def mask_personal_data(text: str) -> str:
    return PHONE_LIKE.sub("[telepon]", NIK_LIKE.sub("[NIK]", text))


class MaskPersonalData(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        masked = mask_personal_data(message)
        if masked != message:
            record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal_data(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_personal_data(record.stack_info)
        return True


class NoTracebackBelow500(logging.Filter):
    def filter(self, record):
        if getattr(record, "status_code", 500) < 500:
            record.exc_info, record.exc_text = None, None
        return True
