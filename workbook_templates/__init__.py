"""The shipped PAC templates (generated: see pacxl/workbook/templates.py and docs/workbook.md)."""
