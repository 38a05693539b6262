"""The OpenAPI 3.1 document of ``auditor serve`` (written out, so the contract is reviewable)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditor import __version__

if TYPE_CHECKING:
    from auditor.service.app import Limits

_OPTIONS = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "lang": {"type": "string", "description": "Language variant of the copy (default en-US)."},
        "source_lang": {"type": "string", "description": "Language the copy was translated from."},
        "packs": {"type": "array", "items": {"type": "string"}, "description": "Optional rule packs."},
        "grammar": {"type": "boolean", "description": "false skips LanguageTool (default true)."},
        "lines": {"type": "boolean", "description": "Every line is one segment."},
    },
}
_STORY = {
    "type": "object",
    "required": ["text"],
    "additionalProperties": False,
    "properties": {
        "text": {"type": "string", "description": "The English copy to audit."},
        "path": {"type": "string", "description": "A name for the story in the report (default 'request')."},
        "source": {"type": "string", "description": "The source-language original."},
        "reference": {"type": "string", "description": "A reference or post-edited translation."},
        "options": _OPTIONS,
        "only_safe": {"type": "boolean", "description": "/v1/fix: only fixes rules mark safe (default true)."},
    },
}
_ERROR = {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}


def _errors(*codes: int) -> dict[str, Any]:
    words = {
        400: "Bad JSON or a bad field (the message names it).",
        401: "Missing or wrong bearer token.",
        413: "Body over the size limit.",
        422: "The audit was refused (e.g. an unsupported language).",
        429: "Too many audits waiting; retry after Retry-After seconds.",
        504: "The audit took longer than the time limit.",
    }
    body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    return {str(code): {"description": words[code], **body} for code in codes}


def openapi_document(limits: Limits) -> dict[str, Any]:
    """The document, with this service's limits in the descriptions."""
    post = {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Story"}}},
        },
        "security": [{"bearer": []}],
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "auditor serve",
            "version": __version__,
            "description": (
                f"Audit machine-translated English news copy. Bodies up to {limits.max_bytes} bytes; "
                f"{limits.workers} audits at once, {limits.queue} waiting; {limits.timeout:g} s per audit."
            ),
        },
        "paths": {
            "/v1/check": {
                "post": {
                    **post,
                    "summary": "Audit one story: the auditor-report/1 JSON of `auditor check --format json`.",
                    "responses": {
                        "200": {
                            "description": "The report (schema auditor-report/1, one document).",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}},
                        },
                        **_errors(400, 401, 413, 422, 429, 504),
                    },
                }
            },
            "/v1/fix": {
                "post": {
                    **post,
                    "summary": "Make the unambiguous fixes of one story (as `auditor fix`).",
                    "responses": {
                        "200": {
                            "description": "The fixed text and the edits made.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Fixed"}}},
                        },
                        **_errors(400, 401, 413, 422, 429, 504),
                    },
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Liveness: the engine is warm and answering.",
                    "responses": {"200": {"description": "ok", "content": {"application/json": {}}}},
                }
            },
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Story": _STORY,
                "Error": _ERROR,
                "Report": {
                    "type": "object",
                    "required": ["schema", "tool", "documents"],
                    "properties": {
                        "schema": {"const": "auditor-report/1"},
                        "tool": {"type": "object"},
                        "documents": {"type": "array", "items": {"type": "object"}},
                        "metrics": {"type": "object"},
                    },
                },
                "Fixed": {
                    "type": "object",
                    "required": ["text", "edits", "findings"],
                    "properties": {
                        "text": {"type": "string"},
                        "edits": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "start": {"type": "integer"},
                                    "end": {"type": "integer"},
                                    "replacement": {"type": "string"},
                                    "rule": {"type": "string"},
                                },
                            },
                        },
                        "findings": {"type": "integer"},
                    },
                },
            },
        },
    }
