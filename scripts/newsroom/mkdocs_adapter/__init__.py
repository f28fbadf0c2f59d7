"""The only package that imports MkDocs: a thin adapter from the build to the plain-Python model."""
