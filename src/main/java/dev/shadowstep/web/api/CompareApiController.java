package dev.shadowstep.web.api;

import dev.shadowstep.web.compare.CompareJson;
import dev.shadowstep.web.compare.Comparisons;
import dev.shadowstep.web.compare.DifferenceRow;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/compare?a=REF&b=REF}: the JSON form of a comparison (src/docs/compare-format.md).
 * A reference is {@code s/PERMALINK}, {@code runs/RUN} or {@code scenarios/NAME}.
 */
@RestController
class CompareApiController {

    private final Comparisons comparisons;

    CompareApiController(Comparisons comparisons) {
        this.comparisons = comparisons;
    }

    @GetMapping("/api/compare")
    Map<String, Object> compare(@RequestParam("a") String a, @RequestParam("b") String b) {
        Comparisons.Compared c = comparisons.compare(comparisons.resolve("a", a), comparisons.resolve("b", b));
        return CompareJson.of(c, DifferenceRow.of(c.comparison().differences(), c.rows()));
    }
}
