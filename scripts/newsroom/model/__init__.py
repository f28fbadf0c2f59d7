"""The model: the release schema, a page's front matter, personal numbers, and docs/ read once against them."""
