"""The « Annuaire régional » page: the région's advisers keep the rows of « Qui appeler »."""
