"""Per-language, build-time sharded search index (plain Python, no MkDocs).

``tokenize`` turns text into index terms and query terms; ``index`` writes the shards and the
document store that ``docs/assets/javascripts/search.js`` reads in the browser. The browser
module repeats the tokenizer rules; ``tests/search/vectors.json`` holds the cases both must agree on.
"""
