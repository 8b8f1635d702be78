"""The Jinja sandbox chat templates run in, bounded in time, memory and output.

Jinja2's ``ImmutableSandboxedEnvironment`` stops a template from reaching Python internals or
mutating its inputs, but not from doing a great deal of work: ``'x' * 10**9``, doubling a
string in a loop, ``join``-ing a list that repeats one big string a million times, nested
loops, recursive macros. Each of these builds a huge value in one C call or spins for minutes.

The class fix, rather than a list of examples: every place a template can make a value or
spend time goes through a ``RenderBudget``.

* **Every value has a size ceiling, checked before it is built.** The operators that can grow
  a value (``+ * % **``, and ``~`` through the code generator) are intercepted and their result
  size is computed from their operands first; every call and filter gets the same treatment
  (width-like integer arguments, format strings, ``replace``, ``join``, ``indent``…, and the
  estimated printed size of anything serialised), and its result is measured after.
* **The total work has a ceiling:** the characters produced by all operations together, and
  the number of steps (calls, filters, attribute look-ups, and every loop iteration: the
  parser puts a tick at the top of each ``for`` body, so even an empty nested loop counts).
* **A deadline**, checked at every step, catches whatever the counts do not price well.

Jinja's own constant folding runs filters at compile time; they are bounded the same way.
What still runs unbounded is a single C call this module did not foresee; the engine runs
templates in its child process, which the app can abandon (ponder.engine.client), so such a
template costs a restart, not a hang.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sized
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace

# The steps a render may take (calls, look-ups, loop iterations). A real template renders a
# 1,000-message conversation in under 100,000.
MAX_STEPS = 500_000
# Total characters produced by all operations, as a multiple of the output limit.
WORK_FACTOR = 32
RENDER_DEADLINE_S = 4.0
# Integers a template may build: plenty for arithmetic on indices and counts.
MAX_INT_BITS = 4096


class TemplateTooCostly(Exception):
    """A render went past its budget (internal; chat_template turns it into a PromptError)."""


@dataclass(slots=True)
class RenderBudget:
    """What one render (or one compilation) may spend. Not shared between threads."""

    max_value_chars: int
    max_work_chars: int
    max_steps: int = MAX_STEPS
    deadline: float = field(default_factory=lambda: time.monotonic() + RENDER_DEADLINE_S)
    work: int = 0
    steps: int = 0

    @classmethod
    def for_output(cls, limit: int) -> RenderBudget:
        """The budget of a render whose output may be ``limit`` characters long."""
        return cls(max_value_chars=limit, max_work_chars=WORK_FACTOR * limit)

    def step(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > self.max_steps:
            raise TemplateTooCostly(f"more than {self.max_steps} steps")
        if time.monotonic() > self.deadline:
            raise TemplateTooCostly("past the deadline")

    def allow(self, chars: int) -> None:
        """Refuses a value of ``chars`` characters before it is built; charges it."""
        if chars > self.max_value_chars:
            raise TemplateTooCostly(f"a value of {chars} characters")
        self.work += chars
        if self.work > self.max_work_chars:
            raise TemplateTooCostly(f"more than {self.max_work_chars} characters of work")


# ----- sizes ------------------------------------------------------------------------------------


def _size(value: Any) -> int:
    """The size of a value already built: cheap (no walking)."""
    if isinstance(value, bool):
        return 1
    if isinstance(value, int):
        return value.bit_length() // 3 + 1
    if isinstance(value, Sized):
        return len(value)
    return 1


def printed_size(value: Any, budget: RenderBudget) -> int:
    """An estimate (from above, roughly) of how long ``str(value)`` or JSON of it would be.

    Walks containers, counting every reference (a list that repeats one big string a million
    times prints a million copies); stops as soon as the total passes the value ceiling, so it
    costs at most that many items, each charged as a step.
    """
    total = 0
    stack = [value]
    ceiling = budget.max_value_chars
    while stack and total <= ceiling:
        item = stack.pop()
        budget.step()
        if isinstance(item, str):
            total += len(item) + 2
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 + 2 * len(item)
            stack.extend(islice(item, ceiling))
        elif isinstance(item, dict):
            total += 2 + 4 * len(item)
            stack.extend(islice(item.keys(), ceiling))
            stack.extend(islice(item.values(), ceiling))
        elif isinstance(item, Namespace):
            stack.append(object.__getattribute__(item, "_Namespace__attrs"))
        else:
            total += _size(item) + 8
    return total


_DIGITS = re.compile(r"\d+")


def _format_size(fmt: str, args: Iterable[Any], budget: RenderBudget) -> int:
    """Upper bound of ``fmt % args`` or ``fmt.format(*args)``: every field may print every
    argument, and no width in the format may exceed the value ceiling."""
    for digits in _DIGITS.findall(fmt):
        if len(digits) > 12 or int(digits) > budget.max_value_chars:
            raise TemplateTooCostly(f"a format width of {digits}")
    fields = fmt.count("%") + fmt.count("{")
    return len(fmt) + fields * sum(printed_size(arg, budget) for arg in args)


def _check_ints(args: Iterable[Any], budget: RenderBudget) -> None:
    """Integer arguments are widths, counts and repeats: none may exceed the value ceiling."""
    for arg in args:
        if isinstance(arg, int) and abs(arg) > budget.max_value_chars:
            raise TemplateTooCostly(f"an argument of {arg}")


def _replace_size(text: str, old: str, new: str) -> int:
    hits = text.count(old) if old else len(text) + 1
    return len(text) + hits * max(0, len(new) - len(old))


def _materialize(items: Any, budget: RenderBudget) -> Any:
    """A sized copy of an iterable (a generator from ``map``), refused past the ceiling."""
    if isinstance(items, Sized) or not isinstance(items, Iterable):
        return items
    taken = list(islice(items, budget.max_value_chars + 1))
    budget.step(1 + len(taken) // 64)
    if len(taken) > budget.max_value_chars:
        raise TemplateTooCostly("an endless sequence")
    return taken


def _join_size(items: Any, separator: Any, budget: RenderBudget) -> int:
    count = len(items) if isinstance(items, Sized) else 0
    return printed_size(items, budget) + count * len(str(separator))


# ----- the environment --------------------------------------------------------------------------


class _BoundedCodeGenerator(CodeGenerator):
    """Routes ``a ~ b ~ c`` through the environment, so it is sized before it is joined."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:  # noqa: N802 - Jinja's name
        self.write("environment.bounded_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


def _tick_node() -> nodes.Node:
    # ``environment.tick``: an environment attribute, so a template cannot shadow it.
    call = nodes.Call(nodes.EnvironmentAttribute("tick"), [], [], None, None)
    return nodes.ExprStmt(call)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """``ImmutableSandboxedEnvironment`` whose every operation is priced against ``budget``.

    Set ``budget`` before each render (chat_template does); the one given at construction
    bounds compilation (Jinja folds constant expressions then).
    """

    intercepted_binops = frozenset({"+", "*", "%", "**"})
    code_generator_class = _BoundedCodeGenerator

    def __init__(self, budget: RenderBudget, **options: Any) -> None:
        super().__init__(finalize=self._finalize, **options)
        self.budget = budget
        # lipsum(n=10**6) writes a book; no chat template uses it (Hugging Face's neither).
        self.globals.pop("lipsum", None)

    def bounded_filters(self) -> None:
        """Prices every filter registered so far (call after adding the custom ones)."""
        for name, function in list(self.filters.items()):
            self.filters[name] = self._priced_filter(name, function)

    # -- hooks the compiled template calls

    def tick(self) -> None:
        self.budget.step()

    def bounded_concat(self, parts: tuple[Any, ...]) -> str:
        self.budget.step()
        self.budget.allow(sum(printed_size(part, self.budget) for part in parts))
        return str_join(parts)

    def _finalize(self, value: Any) -> Any:
        # Every printed value, also into a ``{% set %}`` block or a macro's buffer.
        self.budget.allow(printed_size(value, self.budget))
        return value

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        # Jinja's private parse step (3.1) is the one place to see the whole tree: a tick goes
        # at the top of every loop body, macro and call block.
        tree = super()._parse(source, name, filename)
        for node in tree.find_all((nodes.For, nodes.Macro, nodes.CallBlock)):
            assert isinstance(node, nodes.For | nodes.Macro | nodes.CallBlock)
            node.body.insert(0, _tick_node())
        return tree

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.budget.step()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.budget.step()
        return super().getitem(obj, argument)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        budget = self.budget
        budget.step()
        if operator == "*":
            if isinstance(left, int) and isinstance(right, int):
                if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                    raise TemplateTooCostly("a huge number")
            elif isinstance(left, int) and isinstance(right, Sized):
                budget.allow(max(0, left) * len(right))
            elif isinstance(right, int) and isinstance(left, Sized):
                budget.allow(max(0, right) * len(left))
        elif operator == "+" and isinstance(left, Sized) and isinstance(right, Sized):
            budget.allow(len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            values = right if isinstance(right, tuple) else (right,)
            _check_ints(values, budget)  # '%*s' takes its width from the arguments
            budget.allow(_format_size(left, values, budget))
        elif (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and abs(left) > 1
            and right * left.bit_length() > MAX_INT_BITS
        ):
            raise TemplateTooCostly("a huge power")
        result = super().call_binop(context, operator, left, right)
        budget.allow(_size(result))
        return result

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        budget = __self.budget
        budget.step()
        if __obj == __self.tick:  # the loop tick: counted, nothing else to check
            return None
        _check_ints([*args, *kwargs.values()], budget)
        target = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        owner = getattr(target, "__self__", None)
        method = getattr(target, "__name__", "")
        if isinstance(owner, str):
            if method in ("format", "format_map"):
                budget.allow(_format_size(owner, [*args, *kwargs.values()], budget))
            elif method == "replace" and len(args) >= 2:
                budget.allow(_replace_size(owner, str(args[0]), str(args[1])))
            elif method == "expandtabs":
                size = args[0] if args else kwargs.get("tabsize", 8)
                budget.allow(len(owner) + owner.count("\t") * max(0, int(size)))
            elif method == "translate" and args:
                budget.allow(len(owner) * (1 + printed_size(args[0], budget)))
            elif method == "join" and args:
                args = (_materialize(args[0], budget), *args[1:])
                budget.allow(_join_size(args[0], owner, budget))
        result = super().call(__context, __obj, *args, **kwargs)
        budget.allow(_size(result))
        return result

    def _priced_filter(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        pass_arg = getattr(function, "jinja_pass_arg", None)
        skip = 0 if pass_arg is None else 1  # the context/environment Jinja passes first

        def priced(*args: Any, **kwargs: Any) -> Any:
            budget = self.budget
            budget.step()
            given = list(args[skip:])
            _check_ints([*given[1:], *kwargs.values()], budget)
            if given:
                given[0] = _materialize(given[0], budget)
                self._precheck(name, given, kwargs)
            result = function(*args[:skip], *given, **kwargs)
            budget.allow(_size(result))
            return result

        if pass_arg is not None:
            priced.jinja_pass_arg = pass_arg  # type: ignore[attr-defined]
        return priced

    def _precheck(self, name: str, given: list[Any], kwargs: dict[str, Any]) -> None:
        budget = self.budget
        value, rest = given[0], given[1:]
        if name in ("tojson", "string", "pprint", "urlencode", "xmlattr", "sum", "list"):
            indent = kwargs.get("indent", rest[0] if name == "tojson" and rest else 0)
            width = indent if isinstance(indent, int) else 0
            budget.allow(printed_size(value, budget) * (1 + max(0, width)))
        elif name == "join":
            separator = kwargs.get("d", rest[0] if rest else "")
            budget.allow(_join_size(value, separator, budget))
        elif name == "format" and isinstance(value, str):
            budget.allow(_format_size(value, [*rest, *kwargs.values()], budget))
        elif name == "replace" and isinstance(value, str) and len(rest) >= 2:
            budget.allow(_replace_size(value, str(rest[0]), str(rest[1])))
        elif name == "indent" and isinstance(value, str):
            width = kwargs.get("width", rest[0] if rest else 4)
            pad = len(width) if isinstance(width, str) else max(0, width)
            budget.allow(len(value) + (value.count("\n") + 1) * pad)
        elif name == "wordwrap" and isinstance(value, str):
            width = kwargs.get("width", rest[0] if rest else 79)
            wrap = kwargs.get("wrapstring", rest[2] if len(rest) > 2 else None) or "\n"
            lines = len(value) // max(1, width if isinstance(width, int) else 1) + 1
            budget.allow(len(value) + lines * len(str(wrap)))
