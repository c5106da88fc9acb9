-- Cloud-to-device commands with their delivery lifecycle, saved command buttons, and many-device commands.

create table command_batches (
    id              uuid        primary key,
    organization_id bigint      not null references organizations (id) on delete cascade,
    name            text        not null,
    payload         jsonb,
    time            timestamptz,
    selector        jsonb       not null,
    when_offline    text        not null,
    ttl_seconds     bigint      not null,
    status          text        not null default 'PENDING',
    device_count    integer     not null default 0,
    created_at      timestamptz not null default now(),
    finished_at     timestamptz,
    error           text,
    constraint command_batches_status_known check (status in ('PENDING', 'RUNNING', 'DONE', 'FAILED'))
);
create index command_batches_organization_idx on command_batches (organization_id, created_at desc);

create table commands (
    id              uuid        primary key,
    device_id       bigint      not null references devices (id) on delete cascade,
    batch_id        uuid        references command_batches (id) on delete set null,
    name            text        not null,
    payload         jsonb,
    time            timestamptz,
    status          text        not null,
    when_offline    text        not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    delivered_at    timestamptz,
    acknowledged_at timestamptz,
    finished_at     timestamptz,
    expires_at      timestamptz not null,
    result          jsonb,
    error           text,
    constraint commands_status_known check (status in ('QUEUED', 'SENT', 'DELIVERED', 'ACKNOWLEDGED', 'FAILED', 'EXPIRED')),
    constraint commands_when_offline_known check (when_offline in ('reject', 'queue'))
);
create index commands_device_idx on commands (device_id, created_at desc, id);
create index commands_batch_idx on commands (batch_id);
-- Only open commands are swept; these stay small however long the history grows.
create index commands_queued_idx on commands (next_attempt_at) where status = 'QUEUED';
create index commands_sent_idx on commands (sent_at) where status = 'SENT';

create table command_buttons (
    device_id  bigint      not null references devices (id) on delete cascade,
    id         text        not null,
    label      text        not null,
    payload    jsonb,
    confirm    boolean     not null default false,
    created_at timestamptz not null default now(),
    primary key (device_id, id)
);
