"""Schemas of the EPCIS interface, for its OpenAPI document (/epcis/openapi.json).

Events and EPCIS documents are JSON-LD whose shape the EPCIS 2.0 JSON schema defines; they are read and
written as raw JSON (validation.py checks them), so only the capture job has a schema of its own here.
"""

from datetime import datetime

from ninja import Schema
from pydantic import Field


class CaptureErrorOut(Schema):
    path: str
    detail: str


class CaptureJobOut(Schema):
    captureID: str = Field(description="Identifier of the capture job.")
    createdAt: datetime
    finishedAt: datetime | None = None
    running: bool = Field(description="Always false: a capture is finished when the answer is sent.")
    success: bool = Field(description="True when every event of the document was captured.")
    captureErrorBehaviour: str = Field(description="rollback (all or nothing) or proceed.")
    eventCount: int
    capturedCount: int
    errors: list[CaptureErrorOut]


def capture_job_out(job) -> dict:
    return {"captureID": str(job.id), "createdAt": job.created_at, "finishedAt": job.finished_at, "running": False,
            "success": job.state == job.State.SUCCEEDED, "captureErrorBehaviour": job.behaviour,
            "eventCount": job.event_count, "capturedCount": job.captured_count, "errors": job.errors}
