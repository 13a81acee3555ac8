"""One module per `tsunagu` sub-command; each exposes `register(subparsers)`."""
