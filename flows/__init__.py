"""The functional core: the intake conversation, routing rules, referral building. No I/O."""
