"""Tests written from mutation testing (docs/mutation.md): edges the suite did not pin."""
