"""``python -m align``: the same command line as ``align``."""

from align.cli import main

if __name__ == "__main__":
    main()
