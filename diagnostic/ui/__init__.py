"""The Streamlit app: the only package that imports streamlit.

Layout: ``frame`` (page list, sidebar, guards), ``state`` (session keys, URL, wizard
steps), ``pending`` and ``memo`` (saving what widgets hold, first thing on every run),
reusable components (``components``, ``profile``, ``results``, ``figures``, ``files``)
that take plain arguments and a key prefix, ``views`` (one module per page, drawn
by the thin scripts in ``pages``), and a subpackage per feature with its pages and parts:
``workshop`` (the workshop's two pages) and ``plan`` (the feuille de route).

Widget keys, for tests and for pages built on the same components:

- sidebar: ``lang`` (fr/en), ``delete-confirm`` and ``delete-diagnostic`` (erase the open
  diagnostic);
- welcome: ``start``, ``continue``, ``new-diagnostic``, ``import-new``;
- wizard: ``nav-step``, ``nav-back``, ``nav-next``; profile ``profile-type``,
  ``profile-name``, ``profile-siren``, ``profile-departement``, ``profile-population``,
  ``profile-role``; questions ``answer-<question id>`` and ``comment-<question id>``;
  summary ``goto-<motivation id>``, ``to-results``, ``download-json``, ``import-replace``
  then ``import-replace-confirm`` or ``import-replace-cancel``;
- results: ``to-questions``, ``download-pdf``, ``download-xlsx``, ``download-csv``,
  ``download-levers-csv``, ``download-json``;
- workshop participant (``atelier``): ``atelier-code``, ``atelier-pseudonym``,
  ``atelier-role``, ``atelier-join``; ``atelier-answer-<id>``, ``atelier-comment-<id>``,
  ``atelier-nav-step``, ``atelier-nav-back``, ``atelier-nav-next``,
  ``atelier-goto-<motivation>``, ``atelier-leave``, ``atelier-bring-link``,
  ``atelier-bring-go``, ``atelier-bring-file``;
- adviser (``animation``): ``animation-type``, ``animation-name``, ``animation-date``,
  ``animation-motivations``, ``animation-create``; ``animation-tabs``, ``animation-close``,
  ``animation-reopen``, ``animation-show-results``, ``animation-hide-results``,
  ``animation-download-{pdf,xlsx,csv}``, ``animation-delete-code``, ``animation-delete``,
  ``animation-new``.

URL: ``?d=<token>`` (the resume link), ``?step=<n>`` (wizard step, from 0),
``?lang=en`` (when not the default language); ``/atelier?code=<code>`` (join),
``/atelier?p=<token>`` (a participant's link), ``/animation?code=<code>&key=<admin key>``
(the adviser's private link).
"""
