package dev.moor.device;

import java.util.List;

/** A hardware platform of the catalogue (ESP8266, ESP32), with its boards. {@code key} is PlatformIO's name. */
public record Platform(int id, String key, String name, List<Board> boards) {

    public Platform {
        boards = List.copyOf(boards);
    }
}
