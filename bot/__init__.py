"""The shell: engine, channels (console, Telegram), handoff dispatcher, command line."""
