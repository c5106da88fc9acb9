package dev.moor.compat.blynk;

/** "Device online status": {@code connected} (003_b4fc07689aea9168.txt, "Get device online status", 200). */
record BlynkOnline(boolean connected) {
}
