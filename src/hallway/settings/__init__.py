"""Platform settings: the singleton the frontend boots from."""
