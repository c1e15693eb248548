"""`python -m checker.cli` runs the `hedui` command."""

from checker.cli.main import main

raise SystemExit(main())
