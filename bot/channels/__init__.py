"""Channels: translate a medium's input into InboundMessage and render Replies back."""
