"""Mail administration: the sent-mail log (`mail`), the switches per kind of mail
(`message-setting`) and each user's e-mail preferences per event (`email-notification`)."""
