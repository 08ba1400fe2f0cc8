"""The ``align`` command, for running from a source checkout (``python cli.py``); it lives in :mod:`align.cli`."""
from align.cli import main

if __name__ == "__main__":
    main()
