package dev.shadowstep.web.api;

import java.util.concurrent.TimeUnit;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the UI vocabulary; it changes only with the build, so browsers may keep it for a while. */
@RestController
class VocabularyController {
    private static final Vocabulary.Json VOCABULARY = Vocabulary.of();

    @GetMapping(path = "/api/vocabulary.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Vocabulary.Json> vocabulary() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(5, TimeUnit.MINUTES).cachePublic()).body(VOCABULARY);
    }
}
