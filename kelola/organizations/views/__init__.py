"""Organisation pages: declarations over the generic register views."""
