"""Reading sources: strict YAML, front matter and field schemas.

Takes the bytes of contributors' files; gives located values (:class:`Mapping`,
:class:`Sequence`, each remembering its lines), the fields they may hold (:class:`Field`),
and located problems for every mistake. Knows nothing of pages or of any one kind of file.
"""
