"""Encryption at rest for sensitive personal data (要配慮個人情報): concern text, contact, slots.

Values go through `EncryptedText` / `EncryptedJSON` columns. The cipher belongs to an engine
(installed by the Store that built it), so two stores with different keys can live in one process
and nothing is global. Stored form carries a prefix, so a database never mixes up plaintext and
ciphertext silently: ``plain:<text>`` without a key, ``fernet:<token>`` with one.
"""

from __future__ import annotations

import binascii
import json
import weakref
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import Engine, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from storage.errors import ConfigError, message

_PLAIN = "plain:"
_FERNET = "fernet:"
# A known text sealed with the key on first use; a different key cannot open it.
KEY_CHECK_TEXT = "tsunagu-key-check-v1"

_ciphers: weakref.WeakKeyDictionary[Dialect, Cipher] = weakref.WeakKeyDictionary()


class Cipher:
    """Fernet (AES-128-CBC + HMAC-SHA256), from a key in the form `tsunagu keygen` prints."""

    def __init__(self, key: str) -> None:
        try:
            self._fernet = Fernet(key.strip().encode("ascii"))
        except (ValueError, UnicodeEncodeError, binascii.Error):
            # `from None`: the original error may quote the key.
            raise ConfigError(message("malformed_key")) from None

    def seal(self, text: str) -> str:
        return _FERNET + self._fernet.encrypt(text.encode("utf-8")).decode("ascii")

    def open(self, stored: str) -> str:
        try:
            return self._fernet.decrypt(stored[len(_FERNET) :].encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise ConfigError(message("wrong_key")) from None

    def __repr__(self) -> str:
        return "Cipher(<key hidden>)"


def generate_key() -> str:
    """A new key in the form TSUNAGU_ENCRYPTION_KEY takes."""
    return Fernet.generate_key().decode("ascii")


def install(engine: Engine, cipher: Cipher | None) -> None:
    """Make `engine` encrypt (cipher) or keep plaintext (None) in encrypted columns."""
    if cipher is None:
        _ciphers.pop(engine.dialect, None)
    else:
        _ciphers[engine.dialect] = cipher


def seal(text: str, dialect: Dialect) -> str:
    cipher = _ciphers.get(dialect)
    return cipher.seal(text) if cipher else _PLAIN + text


def unseal(stored: str, dialect: Dialect) -> str:
    if stored.startswith(_PLAIN):
        return stored[len(_PLAIN) :]
    if not stored.startswith(_FERNET):
        raise ConfigError(message("unreadable_value"))
    cipher = _ciphers.get(dialect)
    if cipher is None:
        raise ConfigError(message("missing_key"))
    return cipher.open(stored)


def is_sealed(stored: str) -> bool:
    return stored.startswith(_FERNET)


class EncryptedText(TypeDecorator[str]):
    """Text encrypted at rest when the engine has a cipher."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else seal(value, dialect)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else unseal(value, dialect)


class EncryptedJSON(TypeDecorator[Any]):
    """JSON encrypted at rest when the engine has a cipher (stored as text)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return seal(json.dumps(value, ensure_ascii=False, sort_keys=True), dialect)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(unseal(value, dialect))
