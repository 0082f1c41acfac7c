"""Knowledge base of good practice in local integration networks of refugee social work.

The package owns the whole data flow: load (strict YAML with positions), validate (JSON Schema
plus cross-file rules), model (typed objects per language) and render (pure functions that turn
the model into pages). MkDocs hooks in ``hooks/`` only connect build events to it.
"""

__version__ = "0.1.0"
