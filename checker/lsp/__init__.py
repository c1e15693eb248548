"""The language server: findings while an article is edited, with quick fixes (`hedui lsp`)."""
