"""Run by ``test_crash_recovery``: the real app (offscreen) streams a long answer until the
test kills it. Prints ``ENGINE <pid>`` and ``SENT`` on stdout."""

from __future__ import annotations

import sys


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from ponder.core.request import Sampling, ThinkingControl
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

    def ready(_event: object) -> None:
        app.controller.set_thinking(ThinkingControl(budget=16))
        app.controller.send("Count from 1 to 2000, one number per line. Do not stop early.")
        print(f"ENGINE {app.engine.pid}", flush=True)
        print("SENT", flush=True)

    app.engine_host.model_ready.connect(ready)
    qapp.exec()


if __name__ == "__main__":
    main()
