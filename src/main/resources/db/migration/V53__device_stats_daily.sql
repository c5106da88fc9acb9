-- Activity counters per device and UTC day, written with the totals in device_stats by the same flush, so
-- that statistics can show today and each of the last days (Iomote's DEVICESTATS: msg_current, msg_1..msg_7).

create table device_stats_daily (
    device_id    bigint not null references devices (id) on delete cascade,
    day          date   not null,
    messages_in  bigint not null default 0,
    bytes_in     bigint not null default 0,
    messages_out bigint not null default 0,
    bytes_out    bigint not null default 0,
    primary key (device_id, day)
);
