"""`python -m eurasia_kg` runs the command line."""

from eurasia_kg.cli import app

app(prog_name="eurasia-kg")
