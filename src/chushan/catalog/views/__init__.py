"""Catalogue pages: the public product page, and the seller console's product pages."""
