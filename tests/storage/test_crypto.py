from __future__ import annotations

import pytest

from storage.crypto import generate_key
from storage.errors import ConfigError
from storage.store import Store
from tests.databases import StoreConfig
from tests.storage.helpers import CONCERN, NOW, PHONE, raw_values, sample_referral, sqlite_bytes


def _store_one_case(url: str, key: str | None) -> None:
    store = Store.from_settings(StoreConfig(url, key))
    try:
        with store.unit_of_work() as uow:
            conversation_id = uow.save_conversation(
                "console",
                "c1",
                state="review",
                state_json={"concern": CONCERN, "phone": PHONE},
                consent_to_record=True,
                expected_version=None,
                now=NOW,
            )
            uow.add_case(
                sample_referral(),
                reporter_channel="console",
                reporter_chat_id="c1",
                conversation_id=conversation_id,
                keep_text=True,
                volunteer_verified=False,
                now=NOW,
            )
            uow.commit()
    finally:
        store.close()


def test_with_a_key_the_database_holds_no_concern_text_or_phone(migrated_url: str) -> None:
    key = generate_key()
    _store_one_case(migrated_url, key)
    raw = [
        *raw_values(migrated_url, "cases", "concern_text"),
        *raw_values(migrated_url, "cases", "contact"),
        *raw_values(migrated_url, "conversations", "state_json"),
    ]
    assert raw and all(value and value.startswith("fernet:") for value in raw)
    if migrated_url.startswith("sqlite"):
        data = sqlite_bytes(migrated_url)
        for secret in (CONCERN, PHONE, "認知症"):
            assert secret.encode("utf-8") not in data
    store = Store.from_settings(StoreConfig(migrated_url, key))
    [case] = store.cases()
    store.close()
    assert case.referral.concern_text == CONCERN
    assert case.referral.contact.value == PHONE


def test_without_a_key_text_is_stored_readable(migrated_url: str) -> None:
    _store_one_case(migrated_url, None)
    assert raw_values(migrated_url, "cases", "concern_text") == ["plain:" + CONCERN]


def test_a_wrong_key_is_a_clear_error_at_start_that_does_not_print_the_key(
    migrated_url: str,
) -> None:
    _store_one_case(migrated_url, generate_key())
    wrong = generate_key()
    with pytest.raises(ConfigError) as raised:
        Store.from_settings(StoreConfig(migrated_url, wrong))
    assert "TSUNAGU_ENCRYPTION_KEY" in str(raised.value)
    assert "鍵" in str(raised.value)
    assert wrong not in str(raised.value)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_a_missing_key_on_an_encrypted_database_is_a_clear_error(migrated_url: str) -> None:
    _store_one_case(migrated_url, generate_key())
    with pytest.raises(ConfigError, match="TSUNAGU_ENCRYPTION_KEY"):
        Store.from_settings(StoreConfig(migrated_url, None))


@pytest.mark.parametrize("bad", ["short", "x" * 44, "not base64 at all!!", "鍵" * 10])
def test_a_malformed_key_is_a_clear_error_that_does_not_print_it(
    migrated_url: str, bad: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        Store.from_settings(StoreConfig(migrated_url, bad))
    assert "TSUNAGU_ENCRYPTION_KEY" in str(raised.value)
    assert bad not in str(raised.value)


def test_generated_keys_differ_and_open_their_own_database(migrated_url: str) -> None:
    key = generate_key()
    assert key != generate_key()
    _store_one_case(migrated_url, key)
    Store.from_settings(StoreConfig(migrated_url, key)).close()
