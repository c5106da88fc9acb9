package dev.moor.compat.blynk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import dev.moor.shared.ErrorCode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class BlynkErrorAdviceTests {

    @Test
    void everyErrorCodeGetsOneOfTheDocumentedStatuses() {
        // 001_2d638da4de58a0e6.txt: every endpoint documents 400, 403, 404, 429 and 500, nothing else.
        assertThat(Arrays.stream(ErrorCode.values()).map(BlynkErrorAdvice::status).distinct())
                .allMatch(status -> status == HttpStatus.BAD_REQUEST || status == HttpStatus.FORBIDDEN
                        || status == HttpStatus.NOT_FOUND || status == HttpStatus.TOO_MANY_REQUESTS);
        assertThat(BlynkErrorAdvice.message(ErrorCode.DEVICE_NOT_FOUND, "Device 7 was not found."))
                .isEqualTo("Device not found or access denied");
    }

    @Test
    void unexpectedFailuresAreA500InBlynksFormatWithoutInternals() {
        ResponseEntity<BlynkErrorAdvice.BlynkError> response = new BlynkErrorAdvice()
                .unexpected(new IllegalStateException("secret internals"));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(response.getBody().error().message()).startsWith("Internal server error").doesNotContain("secret internals",
                "IllegalStateException");
    }
}
