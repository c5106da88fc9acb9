package dev.moor.compat.iotbackend;

/** A catalogue entry as iotbackend.cloud shows platform and board: {@code {id, name, key}} (004_acf27261eee54b3f.txt). */
record IotBackendRef(int id, String name, String key) {
}
