"""Orders and attendees: the cart's price, the sale of limited stock, the order's lifecycle."""
