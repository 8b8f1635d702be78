"""The frozen app's entry point: what PyInstaller runs as ``ponder`` (``ponder.exe``).

``ponder.cli.main`` calls ``multiprocessing.freeze_support()`` first, so a spawned engine
child (started as ``ponder --multiprocessing-fork ...`` in a frozen app) runs the engine and
never reaches the argument parser.
"""

import sys

from ponder.cli import main

if __name__ == "__main__":
    sys.exit(main())
