-- Payloads of sends relayed to another node that are too large for a NOTIFY (8000 bytes): the notification
-- carries the row's id, and the receiving node deletes the row as it reads it.
create table relayed_payload (
    id         bigint generated always as identity primary key,
    payload    bytea       not null,
    created_at timestamptz not null default now()
);
