"""Entry point for ``python -m nusym``."""

import sys

from nusym.cli import main

if __name__ == "__main__":
    sys.exit(main())
