-- The hardware catalogue: platforms, their boards and board variants. Keys follow PlatformIO's platform and
-- board identifiers, as iotbackend.cloud does (004_acf27261eee54b3f.txt: platform "espressif8266", board "esp07s").
-- Ids are fixed so that they are the same on every Moor installation.

create table platforms (
    id   integer primary key,
    key  text not null,
    name text not null,
    constraint platforms_key_unique unique (key)
);

create table boards (
    id          integer primary key,
    platform_id integer not null references platforms (id),
    key         text    not null,
    name        text    not null,
    constraint boards_key_unique unique (key)
);
create index boards_platform_idx on boards (platform_id);

create table board_variants (
    id       integer primary key,
    board_id integer not null references boards (id),
    key      text    not null,
    name     text    not null,
    constraint board_variants_key_unique unique (board_id, key)
);

insert into platforms (id, key, name) values
    (1, 'espressif32', 'ESP32'),
    (2, 'espressif8266', 'ESP8266');

insert into boards (id, platform_id, key, name) values
    (1, 2, 'nodemcuv2', 'NodeMCU 1.0 (ESP-12E)'),
    (2, 2, 'd1_mini', 'WEMOS D1 mini'),
    (3, 2, 'esp01_1m', 'ESP-01 (1 MB)'),
    (4, 2, 'esp12e', 'ESP-12E'),
    (5, 2, 'huzzah', 'Adafruit Feather HUZZAH ESP8266'),
    (6, 2, 'esp07s', 'ESP-07S'),
    (7, 2, 'esp_wroom_02', 'ESP-WROOM-02'),
    (20, 1, 'esp32dev', 'ESP32 Dev Module'),
    (21, 1, 'nodemcu-32s', 'NodeMCU-32S'),
    (22, 1, 'esp32cam', 'AI Thinker ESP32-CAM'),
    (23, 1, 'lolin_d32', 'WEMOS LOLIN D32'),
    (24, 1, 'm5stack-core-esp32', 'M5Stack Core ESP32'),
    (25, 1, 'esp32-s3-devkitc-1', 'ESP32-S3-DevKitC-1'),
    (26, 1, 'esp32-c3-devkitm-1', 'ESP32-C3-DevKitM-1'),
    (27, 1, 'esp32-s2-saola-1', 'ESP32-S2-Saola-1');

-- Variants are the module options a board is sold with: flash size, PSRAM, antenna.
insert into board_variants (id, board_id, key, name) values
    (1, 3, '512k', 'ESP-01 with 512 KB flash'),
    (2, 3, '1m', 'ESP-01S with 1 MB flash'),
    (3, 2, 'd1_mini_pro', 'D1 mini Pro (16 MB flash, external antenna)'),
    (4, 2, 'd1_mini_lite', 'D1 mini Lite (1 MB flash)'),
    (5, 20, 'wroom32', 'ESP32-WROOM-32 (4 MB flash)'),
    (6, 20, 'wrover', 'ESP32-WROVER (4 MB flash, 8 MB PSRAM)'),
    (7, 25, 'n8', 'N8 (8 MB flash)'),
    (8, 25, 'n8r2', 'N8R2 (8 MB flash, 2 MB PSRAM)'),
    (9, 25, 'n16r8', 'N16R8 (16 MB flash, 8 MB PSRAM)'),
    (10, 26, 'm1', 'ESP32-C3-MINI-1 (4 MB flash)');
