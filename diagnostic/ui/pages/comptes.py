"""« Comptes et rôles »: the accounts, their roles and the access log, for the
administrator; drawn by diagnostic.ui.admin."""

from diagnostic.ui import admin

admin.render()
