"""Gold annotations as Label Studio tasks: the task format, its validator and an inline markup.

- ``ie.studio.tasks``: build, read, write and edit one Label Studio task per document.
- ``ie.studio.validate``: check tasks against the corpus and ../shared/spec/annotation.md.
- ``ie.studio.markup``: ``⟦M:…⟧`` inline markup to correct annotations in a text editor.
"""
