package dev.moor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MoorApplication {

    public static void main(String[] args) {
        SpringApplication.run(MoorApplication.class, args);
    }
}
