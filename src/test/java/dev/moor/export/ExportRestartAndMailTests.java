package dev.moor.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.moor.support.Api;
import dev.moor.support.FreePort;
import dev.moor.support.MoorIntegrationTest;
import dev.moor.support.StandaloneMoor;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An export whose callback cannot be reached survives a restart; with SMTP configured, its link is mailed. */
class ExportRestartAndMailTests {

    private static final String TOKEN = MoorIntegrationTest.ADMIN_TOKEN;

    @Test
    void mailsTheLinkAndDeliversTheCallbackAfterARestart() throws Exception {
        Path dataDir = MoorIntegrationTest.newDataDir();
        int callbackPort = FreePort.next();
        GreenMail smtp = new GreenMail(new ServerSetup(FreePort.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            String[] settings = {"--moor.bootstrap-token=" + TOKEN, "--moor.public-url=https://moor.example/",
                    "--moor.mail.host=127.0.0.1", "--moor.mail.port=" + smtp.getSmtp().getPort(), "--moor.mail.starttls=false",
                    "--moor.mail.from=moor@moor.example", "--moor.export.callback-initial-backoff=1s"};
            long exportId;
            try (StandaloneMoor moor = StandaloneMoor.start(dataDir, settings)) {
                Api api = moor.api();
                JsonNode template = api.post("/rest/v1/templates", TOKEN, Map.of("name", "Sensor")).body();
                assertThat(api.post("/rest/v1/devices", TOKEN, Map.of("name", "Survivor", "templateId",
                        template.get("id").asString())).status()).isEqualTo(201);
                String callbackUrl = "http://127.0.0.1:" + callbackPort + "/callback";
                Api.Response started = api.post("/rest/v1/exports", TOKEN,
                        Map.of("email", "ops@example.com", "callbackUrl", callbackUrl));
                assertThat(started.status()).as(started.text()).isEqualTo(202);
                exportId = started.body().get("id").asLong();

                await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length == 1);
                MimeMessage mail = smtp.getReceivedMessages()[0];
                assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ops@example.com");
                assertThat(GreenMailUtil.getBody(mail)).contains("https://moor.example/rest/v1/exports/" + exportId + "/download?key=");

                await().atMost(Duration.ofSeconds(20)).until(() ->
                        api.get("/rest/v1/exports/" + exportId, TOKEN).body().get("callbackAttempts").asInt() >= 1);
                JsonNode job = api.get("/rest/v1/exports/" + exportId, TOKEN).body();
                assertThat(job.get("callbackStatus").asString()).isEqualTo("pending");
                assertThat(job.get("emailStatus").asString()).isEqualTo("sent");
                assertThat(job.get("callbackLastError").asString()).contains("could not be reached");
            }

            try (CallbackReceiver callback = CallbackReceiver.startOn(callbackPort);
                    StandaloneMoor moor = StandaloneMoor.start(dataDir, settings)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> callback.received().size() == 1);
                JsonNode result = callback.received().getFirst();
                assertThat(result.get("exportId").asLong()).isEqualTo(exportId);
                String downloadUrl = result.get("downloadUrl").asString();
                assertThat(downloadUrl).startsWith("https://moor.example/rest/v1/exports/" + exportId);
                Api.Response file = moor.api().get(downloadUrl.substring("https://moor.example".length()), null);
                assertThat(file.status()).isEqualTo(200);
                assertThat(file.body().get("devices").get(0).get("name").asString()).isEqualTo("Survivor");
                assertThat(moor.api().get("/rest/v1/exports/" + exportId, TOKEN).body().get("callbackStatus").asString())
                        .isEqualTo("delivered");
                assertThat(smtp.getReceivedMessages()).as("the mail is sent once, not again after the restart").hasSize(1);
            }
        } finally {
            smtp.stop();
        }
    }
}
