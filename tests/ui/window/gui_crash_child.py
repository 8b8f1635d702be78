"""Run by the crash tests: the real app (offscreen) streams a long answer until the test kills
it. Prints ``ENGINE <pid>`` and ``SENT`` on stdout. With ``--again`` (the crash campaign),
whenever a reply ends (the model stopped early, or the engine was killed under it and the reply
ended in an error) the app asks again in a new conversation and prints ``AGAIN``: there is soon
another reply streaming."""

from __future__ import annotations

import sys

PROMPT = "Count from 1 to 2000, one number per line. Do not stop early."


def main() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ponder.core.request import Sampling, ThinkingControl
    from ponder.ui.chat.live_reply import LiveReply
    from ponder.ui.main import LaunchOptions, PonderApp

    qapp = QApplication(["ponder"])
    app = PonderApp(
        qapp,
        LaunchOptions(
            model=sys.argv[1],
            sampling=Sampling(temperature=0.0, seed=1),
            max_tokens=20_000,
            n_threads=1,
        ),
    )
    app.window.show()
    started = False

    def ready(_event: object) -> None:
        nonlocal started
        if started:
            return  # a reload after an engine crash
        started = True
        app.controller.set_thinking(ThinkingControl(budget=16))
        app.controller.send(PROMPT)
        print(f"ENGINE {app.engine.pid}", flush=True)
        print("SENT", flush=True)

    def again() -> None:
        app.controller.open_conversation(None)
        if app.controller.send(PROMPT):
            print("AGAIN", flush=True)
        else:
            QTimer.singleShot(200, again)

    def ended(_live: LiveReply) -> None:
        QTimer.singleShot(100, again)

    app.engine_host.model_ready.connect(ready)
    if "--again" in sys.argv[2:]:
        app.controller.reply_ended.connect(ended)
    qapp.exec()


if __name__ == "__main__":
    main()
