-- Per-user web API keys: a secret that, together with the user id, authenticates requests that carry both
-- in the path (Iomote MyMote, api/user/{userid}/{webapi_key}/...). Stored only as a SHA-256 hash; one key
-- per user, replaced when rotated. Ids come from the API token sequence so that a key's id never equals a
-- token's id (both identify the caller for rate limiting).

create table web_api_keys (
    id         bigint      not null default nextval(pg_get_serial_sequence('api_tokens', 'id')) primary key,
    user_id    bigint      not null references users (id) on delete cascade,
    key_hash   bytea       not null,
    created_at timestamptz not null default now(),
    constraint web_api_keys_user_unique unique (user_id)
);
