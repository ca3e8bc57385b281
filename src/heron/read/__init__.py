"""The one read layer: everything the Python API, the CLI, the web app and exports show.

Each module is one job, over the :class:`~heron.store.base.Store` interface (no SQL here; the
queries are Store methods, see ``store/read_sql.py``):

- :mod:`heron.read.paging`: ``Page`` and the bounds of ``limit``/``offset``;
- :mod:`heron.read.stories`: story lists and summaries, story search, claims, contradictions;
- :mod:`heron.read.timeline`: a story's timeline (sections, hidden items) and fused events;
- :mod:`heron.read.events`: event mentions in PLOVER layout, quad classes, stance per day;
- :mod:`heron.read.actors`: actor lists and the actor page (events by role, co-actors, trend);
- :mod:`heron.read.quotes`: quotes, by speaker, and which actors a speaker name stands for;
- :mod:`heron.read.articles`: article metadata pages;
- :mod:`heron.read.export`: the rows of each exportable table.
"""
