"""The accessibility statement's facts (``content/accessibility.yml``).

Finnish law (laki digitaalisten palvelujen tarjoamisesta 306/2019) requires
public-sector sites to publish an accessibility statement; its text is
generated in three languages from this short file the editors keep up.
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import Problems
from .models import IsoDate, Text
from .reading import read_yaml

FILE = "accessibility.yml"


class Supervisor(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Text
    url: Optional[str] = None
    email: Optional[str] = None


class Statement(BaseModel):
    model_config = ConfigDict(extra="forbid")
    service: Text
    prepared: IsoDate
    updated: IsoDate
    compliance: Literal["full", "partial", "none"]
    assessment: Literal["self", "third-party"] = "self"
    assessed_by: Optional[str] = None
    assessed_with: Optional[str] = None
    known_issues: list[Text] = []
    feedback_email: Text
    response_days: int = 14
    supervisor: Supervisor


def load_statement(content: Path, problems: Problems) -> Statement | None:
    path = content / FILE
    if not path.exists():
        return None
    located = read_yaml(path, problems)
    if located is None:
        return None
    try:
        return Statement.model_validate(located.data or {})
    except ValidationError as exc:
        from .loader import pydantic_problems

        pydantic_problems(exc, Statement, located, path, problems)
        return None
