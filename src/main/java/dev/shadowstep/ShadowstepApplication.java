package dev.shadowstep;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The web app: scenario library, timeline, streaming. */
@SpringBootApplication
public class ShadowstepApplication {

    static void start(String[] args) {
        SpringApplication.run(ShadowstepApplication.class, args);
    }

    public static void main(String[] args) {
        start(args);
    }
}
