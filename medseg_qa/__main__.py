"""`python -m medseg_qa` runs the CLI."""

from medseg_qa.cli import app

app()
