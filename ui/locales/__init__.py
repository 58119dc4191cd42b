"""Translation tables, one module per tab: ``T = Texts("<tab>", {key: (English, Deutsch)})`` (see ui/i18n.py)."""
