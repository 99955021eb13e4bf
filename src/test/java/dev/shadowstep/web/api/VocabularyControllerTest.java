package dev.shadowstep.web.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

/** {@code GET /api/vocabulary.json}: the one vocabulary the browser reads (CONTRACT: events, vectors, lanes, rules). */
@WebMvcTest(VocabularyController.class)
class VocabularyControllerTest {

    @Autowired MockMvc mvc;

    @Test
    void servesEventsVectorsLanesShadowsAndRules() throws Exception {
        mvc.perform(get("/api/vocabulary.json"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("application/json")))
                .andExpect(header().string("Cache-Control", containsString("max-age=")))
                .andExpect(jsonPath("$.events.db.letter").value("D"))
                .andExpect(jsonPath("$.events.irq.shape").value("circle"))
                // SDM Vol. 3A Table 6-1: vector 13 is #GP, vector 1 #DB
                .andExpect(jsonPath("$.vectors.13").value("#GP"))
                .andExpect(jsonPath("$.vectors.1").value("#DB"))
                .andExpect(jsonPath("$.lanes[0].id").value("runs"))
                .andExpect(jsonPath("$.lanes[1].id").value("tf"))
                .andExpect(jsonPath("$.runners.host.name").value("host"))
                .andExpect(jsonPath("$.runners.l1.name").value("L1"))
                .andExpect(jsonPath("$.runners.l2.letter").value("2"))
                .andExpect(jsonPath("$.runners.l2.dark", matchesPattern("#[0-9a-f]{6}")))
                .andExpect(jsonPath("$.shadows.mov_ss").value("MOV SS"))
                .andExpect(jsonPath("$.rules.STI_SHADOW_STARTED.source", containsString("SDM Vol. 2B STI")))
                .andExpect(jsonPath("$.rules.ROW6_IRQ_HELD_STI_SHADOW.sentence").isString());
    }
}
