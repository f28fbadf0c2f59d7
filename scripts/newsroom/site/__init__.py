"""The news section as plain Python: releases loaded from front matter, listings, feeds, page views.

Nothing here imports MkDocs: ``newsroom.mkdocs_adapter.news`` hands these functions the docs
folder and the build language, and passes what they return to the templates in ``overrides/``.
"""
