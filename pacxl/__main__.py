"""``python -m pacxl``: the same as the ``pacxl`` command."""

from .cli import main

if __name__ == "__main__":
    main()
