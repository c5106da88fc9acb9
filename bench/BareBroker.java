import java.nio.file.Files;
import java.nio.file.Path;

import com.hivemq.embedded.EmbeddedHiveMQ;

/**
 * The same embedded HiveMQ CE, with the same config.xml Moor wrote, but without Moor's extension: nothing is
 * authenticated or stored. The reference for the ingest benchmark.
 *
 * <pre>java -cp CP bench/BareBroker.java CONFIG_FOLDER WORK_FOLDER</pre>
 */
public class BareBroker {

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[1]);
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(Path.of(args[0]))
                .withDataFolder(Files.createDirectories(work.resolve("data")))
                .withExtensionsFolder(Files.createDirectories(work.resolve("extensions")))
                .build();
        hivemq.start().join();
        System.out.println("BARE BROKER READY");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> hivemq.stop().join()));
        Thread.currentThread().join();
    }
}
