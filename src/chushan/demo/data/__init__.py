"""The demo market as plain data: heritage items, brands, categories, sellers and product lines.

Nothing here touches the database; ``demo.rules`` turns it into plans and ``demo.services`` writes them.
"""
