"""Structured logs: one JSON object per line, carrying the request id."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        from kelola.core.middleware import request_id_var

        # Django logs 4xx/5xx responses after the middleware chain has returned, when the
        # context variable is already reset; the request itself still carries its id.
        request = getattr(record, "request", None)
        record.request_id = request_id_var.get() or getattr(request, "request_id", "")
        return True


_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool | type(None)) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
