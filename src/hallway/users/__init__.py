"""Users: accounts, profiles and the privileges they carry."""
