"""Language-aware head and notices: absolute hreflang with x-default, untranslated-page notice."""

from __future__ import annotations

from newsroom.mkdocs_adapter.feature import Feature


class I18nFeature(Feature):
    pass
