"""What the user is told when the engine process dies: what is known, memory only if short."""

from __future__ import annotations

import signal

from ponder.engine.client import describe_exit


def test_a_kill_with_memory_to_spare_does_not_blame_memory() -> None:
    message = describe_exit(-signal.SIGKILL, memory_short=False)
    assert message.startswith("The model process stopped unexpectedly (signal 9, SIGKILL).")
    assert "memory" not in message


def test_a_kill_while_memory_is_short_suggests_a_smaller_model() -> None:
    message = describe_exit(-signal.SIGKILL, memory_short=True)
    assert "(signal 9, SIGKILL)" in message and "running out of memory" in message
    assert "smaller model" in message


def test_a_crash_names_its_signal_and_the_file() -> None:
    message = describe_exit(-signal.SIGSEGV, memory_short=False)
    assert "(signal 11, SIGSEGV)" in message and "damaged or unsupported" in message


def test_an_exit_code_and_an_unknown_signal_are_reported_as_they_are() -> None:
    assert "(exit code 3)" in describe_exit(3, memory_short=False)
    assert "(signal 250)" in describe_exit(-250, memory_short=False)
