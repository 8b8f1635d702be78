"""Effort presets: Low / Medium / High, mapped per model family onto what steers its thinking.

A person picks how hard the model should think; each family is steered its own way, and the
mapping is said in words (a tooltip, the terminal) so a teacher can explain it:

* a family with a reasoning-effort switch (gpt-oss's ``reasoning_effort`` in the system
  message) gets the budget whose effort is low / medium / high (``reasoning_effort``);
* a family with a thinking switch in its template (Qwen3's ``enable_thinking``, SmolLM3's
  ``/think`` / ``/no_think``) is switched off for Low, and thinks within its default budget
  for Medium, without a limit for High;
* every other family is steered by the budget alone: an eighth of its default, its default,
  no limit (a non-reasoner, whose thinking Ponder prefills, gets four times its default
  instead: left alone it rambles).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from ponder.core.phrases import QT_TRANSLATE_NOOP
from ponder.core.reasoning.families import PROFILES, FamilyProfile, reasoning_effort

Effort = Literal["low", "medium", "high"]
EFFORTS: tuple[Effort, ...] = get_args(Effort)
EFFORT_NAMES: dict[Effort, str] = {
    "low": QT_TRANSLATE_NOOP("Effort", "Low"),
    "medium": QT_TRANSLATE_NOOP("Effort", "Medium"),
    "high": QT_TRANSLATE_NOOP("Effort", "High"),
}


@dataclass(frozen=True, slots=True)
class EffortSetting:
    """What one effort means for one family: the thinking ``budget`` (0 off, None no limit)
    and ``how``, in words."""

    effort: Effort
    budget: int | None
    how: str


def _budget_words(budget: int | None) -> str:
    if budget == 0:
        return QT_TRANSLATE_NOOP("Effort", "thinking off")
    if budget is None:
        return QT_TRANSLATE_NOOP("Effort", "no thinking limit")
    return QT_TRANSLATE_NOOP("Effort", "at most {budget:,} thinking tokens").format(budget=budget)


def effort_setting(profile: FamilyProfile, effort: Effort) -> EffortSetting:
    """The budget and the words for ``effort`` on a model of ``profile``'s family."""
    if effort not in EFFORTS:
        raise ValueError(f"the effort must be one of {', '.join(EFFORTS)}, not {effort!r}")
    default = profile.default_budget or 4096
    if profile.effort_variable is not None:
        budget = {"low": 1024, "medium": 4096, "high": None}[effort]
        how = QT_TRANSLATE_NOOP(
            "Effort", "{variable}={value} in the system message, {budget}"
        ).format(
            variable=profile.effort_variable,
            value=reasoning_effort(budget),
            budget=_budget_words(budget),
        )
        return EffortSetting(effort, budget, how)
    if profile.thinking_off == "template_flag":
        budget = {"low": 0, "medium": default, "high": None}[effort]
        if budget == 0:
            how = QT_TRANSLATE_NOOP("Effort", "thinking off (the template's {flag}=false)").format(
                flag=profile.thinking_flag
            )
        else:
            how = QT_TRANSLATE_NOOP("Effort", "{flag}=true, {budget}").format(
                flag=profile.thinking_flag, budget=_budget_words(budget)
            )
        return EffortSetting(effort, budget, how)
    high = None if profile.is_reasoner else default * 4
    budget = {"low": max(128, default // 8), "medium": default, "high": high}[effort]
    how = QT_TRANSLATE_NOOP("Effort", "steered by the budget: {budget}").format(
        budget=_budget_words(budget)
    )
    return EffortSetting(effort, budget, how)


def effort_lines(profile: FamilyProfile) -> list[str]:
    """The whole mapping for ``profile``: a heading, then one line per effort."""
    lines = [QT_TRANSLATE_NOOP("Effort", "Effort for {model}:").format(model=profile.display_name)]
    for effort in EFFORTS:
        lines.append(
            QT_TRANSLATE_NOOP("Effort", "{effort}: {how}").format(
                effort=EFFORT_NAMES[effort], how=effort_setting(profile, effort).how
            )
        )
    return lines


def effort_table(profile: FamilyProfile) -> str:
    """The whole mapping for ``profile``, one line per effort (for the terminal)."""
    return "\n".join(effort_lines(profile))


def effort_of_budget(profile: FamilyProfile, budget: int | None) -> Effort | None:
    """The effort whose budget is ``budget`` on this family, or None (a budget of one's own)."""
    for effort in EFFORTS:
        if effort_setting(profile, effort).budget == budget:
            return effort
    return None


def profile_by_id(family_id: str | None) -> FamilyProfile | None:
    """The family profile with this id (as a ``LoadedEvent`` names it), or None."""
    return next((p for p in PROFILES if p.id == family_id), None)
